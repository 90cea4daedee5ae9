//! Headless Chromium, driven by playwright-core from `tests/browser/`: the built site opened from
//! disk (file://) and under an HTTP subpath, search typed into, results and links followed.
//!
//! Needs Debian's `chromium` and `npm ci --prefix tests/browser` (both done by `.ci/run`).
//! Set DOSSIER_SKIP_BROWSER=1 to skip it explicitly on a machine without them.

use std::process::Command;

use crate::support::{Fixture, repo};

#[test]
fn site_works_in_headless_chromium_from_disk_and_under_a_subpath() {
    if std::env::var("DOSSIER_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        eprintln!("skipped: DOSSIER_SKIP_BROWSER is set");
        return;
    }
    let driver = repo().join("tests/browser");
    assert!(
        driver.join("node_modules/playwright-core").is_dir(),
        "browser test driver not installed: run `npm ci --prefix tests/browser` (or .ci/run), or set DOSSIER_SKIP_BROWSER=1"
    );
    assert!(
        std::path::Path::new("/usr/bin/chromium").exists(),
        "Chromium not found at /usr/bin/chromium: install Debian's `chromium` (or run .ci/run), or set DOSSIER_SKIP_BROWSER=1"
    );
    let fixture = Fixture::bundled();
    fixture.build().unwrap();
    let output = Command::new("node")
        .arg(driver.join("site.test.mjs"))
        .arg(fixture.public())
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "browser test failed:\n{stdout}\n{stderr}"
    );
    println!("{stdout}");
}

/// The Nu HTML Checker (the W3C validator's engine, from npm `vnu-jar`) finds no errors or
/// warnings in any page, minified or not (bundled dossier; mini fixture: code, quotes, figures,
/// footnotes, an article without summary).
#[test]
fn every_page_passes_the_nu_html_checker() {
    if std::env::var("DOSSIER_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        eprintln!("skipped: DOSSIER_SKIP_BROWSER is set");
        return;
    }
    let jar = repo().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        jar.is_file(),
        "vnu.jar not installed: run `npm ci --prefix tests/browser` (or .ci/run), or set DOSSIER_SKIP_BROWSER=1"
    );
    let bundled = Fixture::bundled();
    bundled.build().unwrap();
    let mini = Fixture::new("mini");
    mini.build().unwrap();
    let mini_minified = Fixture::new("mini");
    mini_minified.edit("site.toml", "minify = false", "minify = true");
    mini_minified.build().unwrap();
    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--skip-non-html", "--format", "gnu"])
        .arg(bundled.public())
        .arg(mini.public())
        .arg(mini_minified.public())
        .output()
        .expect("java runs (install a JRE, e.g. Debian's default-jre-headless)");
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && report.trim().is_empty(),
        "Nu HTML Checker:\n{report}"
    );
}
