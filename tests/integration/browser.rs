//! Headless Chromium, driven by playwright-core from `tests/browser/`: the built site opened from
//! disk (file://) and under an HTTP subpath, search typed into, results and links followed; and a
//! page of `dossier serve` that reloads by itself after an edit.
//!
//! Needs Debian's `chromium` and `npm ci --prefix tests/browser` (both done by `.ci/run`).
//! Set DOSSIER_SKIP_BROWSER=1 to skip it explicitly on a machine without them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use dossier::search::Normalizer;

use crate::hostile::{HOSTILE_WORD, hostile_fixture};
use crate::serve::Served;
use crate::support::{Fixture, repo};

/// Skips (returns false) when DOSSIER_SKIP_BROWSER=1; fails with what to install otherwise.
fn browser_available() -> bool {
    if std::env::var("DOSSIER_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        eprintln!("skipped: DOSSIER_SKIP_BROWSER is set");
        return false;
    }
    assert!(
        driver().join("node_modules/playwright-core").is_dir(),
        "browser test driver not installed: run `npm ci --prefix tests/browser` (or .ci/run), or set DOSSIER_SKIP_BROWSER=1"
    );
    assert!(
        Path::new("/usr/bin/chromium").exists(),
        "Chromium not found at /usr/bin/chromium: install Debian's `chromium` (or run .ci/run), or set DOSSIER_SKIP_BROWSER=1"
    );
    true
}

fn driver() -> PathBuf {
    repo().join("tests/browser")
}

/// Runs `node tests/browser/<script> <args>` and fails with its output if it fails.
fn run_node(script: &str, args: &[&Path]) {
    let output = Command::new("node")
        .arg(driver().join(script))
        .args(args)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "browser test {script} failed:\n{stdout}\n{stderr}"
    );
    println!("{stdout}");
}

#[test]
fn site_works_in_headless_chromium_from_disk_and_under_a_subpath() {
    if !browser_available() {
        return;
    }
    let fixture = Fixture::bundled();
    fixture.build().unwrap();
    run_node("site.test.mjs", &[&fixture.public()]);
}

#[test]
fn serve_reloads_the_page_in_headless_chromium_after_an_edit() {
    if !browser_available() {
        return;
    }
    let fixture = Fixture::new("mini");
    let mut served = Served::start(fixture.root(), &["--base-path", "/mini/"]);
    let address = format!("http://127.0.0.1:{}/mini/articles/gipfel.html", served.port);
    run_node(
        "serve.test.mjs",
        &[
            Path::new(&address),
            &fixture.root().join("content/gipfel.md"),
        ],
    );
    assert_eq!(served.stop(), Some(0), "{}", served.stderr());
}

/// Text a source might carry that must show as text in results, never run. Markup that is the
/// source's text, not formatting, is escaped in Markdown (`\<`).
const HOSTILE_ARTICLE: &str = r#"+++
title = "Ein Leserbrief mit Markup"
date = "2024-02-01"
source = "Testquelle"
seed = "seeds/hostile.txt"
language = "de"
summary = "Ein Text, der Markup und ein Skriptende enthält."
+++

Ein Leser schickte diesen Text: \<img src=x onerror=alert(1)> und das Skriptende \</script> stand mitten im Absatz.
"#;

/// A word repeated until its positions are too big to ship (`POSITION_TERM_BYTES`).
fn common_word_article() -> (String, String) {
    let text = format!(
        "Erst kam der Gipfel und dann die Erklärung.\n\n{}\n",
        ["und"; 50_000].join(" ")
    );
    let article = format!(
        "+++\ntitle = \"Ein Absatz voller und\"\ndate = \"2024-02-02\"\nsource = \"Testquelle\"\n\
         seed = \"seeds/und.txt\"\nlanguage = \"de\"\n+++\n\n{text}"
    );
    (article, text)
}

/// Search in the browser: German normalisation identical to the indexer's (every line of the
/// bundled seeds and articles, plus hard cases), matching, filters, keyboard, hostile text.
#[test]
fn search_works_in_headless_chromium_from_disk_and_under_a_subpath() {
    if !browser_available() {
        return;
    }
    let fixture = Fixture::bundled();
    fixture.write("content/hostile.md", HOSTILE_ARTICLE);
    fixture.write(
        "seeds/hostile.txt",
        "Ein Leser schickte diesen Text: <img src=x onerror=alert(1)> und das Skriptende </script> stand mitten im Absatz.\n",
    );
    let (article, seed) = common_word_article();
    fixture.write("content/und.md", &article);
    fixture.write("seeds/und.txt", &seed);
    let undenkbar = "Ein Gipfel undenkbar lange.\n";
    fixture.write("seeds/undenkbar.txt", undenkbar);
    fixture.write(
        "content/undenkbar.md",
        &format!(
            "+++\ntitle = \"Ein undenkbarer Gipfel\"\ndate = \"2024-02-03\"\n\
             source = \"Testquelle\"\nseed = \"seeds/undenkbar.txt\"\n+++\n\n{undenkbar}"
        ),
    );
    fixture.build().unwrap();
    let left_out = walkdir::WalkDir::new(fixture.public().join("search/p"))
        .into_iter()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default())
        .any(|shard| shard.contains(",und ?,"));
    assert!(left_out, "`und` is too common to ship positions for");

    let mut lines: BTreeSet<String> = [
        "Bruessel Brüssel brussel BRÜSSEL Straße STRASSE Großmächte",
        "Quelle neue Bauer Feuer Michael Israel aktuell Queen Muenchen Goethe",
        "NATO-Gipfel Nato‐Gipfel Nord- und Süd – West 20-jährige Russland-Ukraine-Krieg",
        "Recep Tayyip Erdoğan Støre Łódź Ærø Œuvre Þór İstanbul ΟΔΟΣ Київ 2024 2A4 ½ Ⅻ",
        "Bru\u{308}ssel e\u{301}te\u{301} ﬁnanzieren 𝐁onn ＮＡＴＯ",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    for dir in ["seeds", "content", "tests/fixtures"] {
        for entry in walkdir::WalkDir::new(repo().join(dir)).sort_by_file_name() {
            let entry = entry.unwrap();
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                for line in text.lines() {
                    lines.insert(line.to_string());
                    lines.extend(line.split_whitespace().map(String::from));
                }
            }
        }
    }
    let mut normalizer = Normalizer::default();
    let expected: Vec<serde_json::Value> = lines
        .iter()
        .map(|text| serde_json::json!({ "text": text, "terms": normalizer.terms(text) }))
        .collect();
    let words = fixture.root().join("normalised.json");
    std::fs::write(&words, serde_json::to_string(&expected).unwrap()).unwrap();
    run_node("search.test.mjs", &[&fixture.public(), &words]);
}

/// An English site's scripts speak English: suggestions, result counts and the chronology's
/// filter read their strings from the page (mini fixture, opened from disk).
#[test]
fn scripts_show_the_strings_of_the_sites_language_in_headless_chromium() {
    if !browser_available() {
        return;
    }
    let fixture = Fixture::new("mini");
    fixture.edit("site.toml", "language = \"de\"", "language = \"en\"");
    fixture.build().unwrap();
    run_node("strings.test.mjs", &[&fixture.public()]);
}

/// A hostile article (script in every front-matter field, every trick of raw HTML in its body)
/// among the mini dossier: every page opened from disk and under a subpath, every element
/// poked, search run for its words; no dialog, console message, foreign request, frame or
/// navigation, and `window.__pwned` never set.
#[test]
fn nothing_from_a_hostile_article_runs_in_headless_chromium() {
    if !browser_available() {
        return;
    }
    let fixture = hostile_fixture(true);
    fixture.build().unwrap();
    run_node(
        "hostile.test.mjs",
        &[&fixture.public(), Path::new(HOSTILE_WORD)],
    );
}

/// The Nu HTML Checker (the W3C validator's engine, from npm `vnu-jar`) finds no errors or
/// warnings in any page, minified or not (bundled dossier; mini fixture: code, quotes, figures,
/// footnotes, an article without summary; and the mini fixture in English).
#[test]
fn every_page_passes_the_nu_html_checker() {
    if !browser_available() {
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
    let english = Fixture::new("mini");
    english.edit("site.toml", "language = \"de\"", "language = \"en\"");
    english.build().unwrap();
    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--skip-non-html", "--format", "gnu"])
        .arg(bundled.public())
        .arg(mini.public())
        .arg(mini_minified.public())
        .arg(english.public())
        .output()
        .expect("java runs (install a JRE, e.g. Debian's default-jre-headless)");
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && report.trim().is_empty(),
        "Nu HTML Checker:\n{report}"
    );
}

/// Accessibility: axe-core finds no violation of WCAG 2.1 A/AA or its best practices on any
/// kind of page, in light and dark mode, and the skip link is the keyboard's first stop.
#[test]
fn every_page_type_passes_axe_core_in_light_and_dark_mode() {
    if !browser_available() {
        return;
    }
    let fixture = Fixture::bundled();
    fixture.build().unwrap();
    run_node("a11y.test.mjs", &[&fixture.public()]);
}

/// The print edition rendered to PDF: a page for each article at least, print styles applied,
/// the running header and page numbers drawn; the PDF is left beside the fixture to look at.
#[test]
fn the_print_edition_renders_to_pdf() {
    if !browser_available() {
        return;
    }
    let fixture = Fixture::bundled();
    fixture.build().unwrap();
    let pdf = fixture.root().join("print.pdf");
    run_node("print.test.mjs", &[&fixture.public(), &pdf]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

/// A chronology split by year: the overview's filter shows the years naming an entity and
/// hands the choice on to the year pages, from disk and under a subpath.
#[test]
fn a_chronology_split_by_year_filters_across_its_pages() {
    if !browser_available() {
        return;
    }
    let fixture = crate::chronology::long_chronology_fixture();
    fixture.build().unwrap();
    run_node("chronology.test.mjs", &[&fixture.public()]);
}
