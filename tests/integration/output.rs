//! Output safety: where a site may be written, which folder a build may replace, and builds
//! that run at once taking turns.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Fixture, run_dossier, tree};

/// `dossier build` of the fixture, with `args` after it; exit status and stderr.
fn build_with(fixture: &Fixture, args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let mut all: Vec<&std::ffi::OsStr> =
        vec!["build".as_ref(), "--quiet".as_ref(), "--root".as_ref()];
    all.push(fixture.root().as_os_str());
    all.extend(args);
    let (code, _, stderr) = run_dossier(&all);
    (code, stderr)
}

/// Output folders that would replace the dossier or its sources, or write outside it without
/// being asked, are refused before anything is written; each row is the first line of the error.
#[test]
fn output_folders_that_would_harm_the_dossier_are_refused() {
    let fixture = Fixture::new("mini");
    let root = fixture.root();
    let outside = tempfile::tempdir().unwrap();
    let in_site_toml = [
        (".", "site.toml:"),
        ("..", "site.toml:"),
        ("../elsewhere", "site.toml:"),
        ("/tmp/elsewhere", "site.toml:"),
        (
            "content",
            "content: the output folder would replace content/",
        ),
        (
            "templates",
            "templates: the output folder would replace templates/",
        ),
        (
            "seeds/site",
            "seeds/site: the output folder is inside seeds/, where the next build would read it as input",
        ),
    ];
    for (dir, expected) in in_site_toml {
        let site = fixture.read("site.toml");
        fixture.write(
            "site.toml",
            &site.replace(
                "output_dir = \"public\"",
                &format!("output_dir = \"{dir}\""),
            ),
        );
        let (code, stderr) = build_with(&fixture, &[]);
        fixture.write("site.toml", &site);
        assert_eq!(code, Some(1), "output_dir = {dir:?}: {stderr}");
        assert!(
            stderr.starts_with(&format!("error: {expected}")),
            "output_dir = {dir:?}: {stderr}"
        );
    }
    let given = [
        (
            root.to_path_buf(),
            "the output folder would replace the dossier itself",
        ),
        (
            root.parent().unwrap().to_path_buf(),
            "the output folder would replace the dossier itself",
        ),
        (
            root.join("seeds/../content"),
            "the output folder would replace content/",
        ),
        (root.join("seeds"), "the output folder would replace seeds/"),
    ];
    for (out, expected) in given {
        let (code, stderr) = build_with(&fixture, &["--out".as_ref(), out.as_os_str()]);
        assert_eq!(code, Some(1), "--out {}: {stderr}", out.display());
        assert!(
            stderr.contains(expected),
            "--out {}: {stderr}",
            out.display()
        );
    }
    assert!(root.join("content/gipfel.md").is_file() && root.join("seeds/gipfel.txt").is_file());
    assert!(!root.join("public").exists(), "nothing was built");

    // Outside the dossier only when asked for by --out.
    let site = outside.path().join("site");
    let (code, stderr) = build_with(&fixture, &["--out".as_ref(), site.as_os_str()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(site.join("index.html").is_file());
}

#[test]
fn refuses_to_replace_a_folder_dossier_did_not_make() {
    let fixture = Fixture::new("mini");
    fixture.write("public/notes.txt", "mine");
    let err = fixture.build().unwrap_err().to_string();
    assert!(
        err.starts_with("public: refusing to replace this folder"),
        "{err}"
    );
    assert_eq!(fixture.read("public/notes.txt"), "mine");
}

/// The files of a built output folder, which must hold the marker.
fn site_of(public: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let files = tree(public);
    assert!(files.contains_key(dossier::write::MARKER));
    files
}

/// A build waits while another holds the lock beside the output folder, leaving the site as
/// it was until its turn, then replaces it and says it waited.
#[test]
fn a_build_waits_for_the_one_holding_the_output_lock() {
    let fixture = Fixture::new("mini");
    fixture.build().unwrap();
    let before = site_of(&fixture.public());
    let lock = std::fs::File::open(fixture.root().join(dossier::write::LOCK)).unwrap();
    lock.lock().unwrap();
    fixture.edit(
        "content/gipfel.md",
        "title = \"Gipfel in Vilnius\"",
        "title = \"Gipfel in Vilnius, bearbeitet\"",
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--quiet", "--root"])
        .arg(fixture.root())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // However slow the machine, the build may not finish while the lock is held.
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(3) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build finished while another held the lock"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(site_of(&fixture.public()), before);
    lock.unlock().unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: public: waited for another build writing here to finish"),
        "{stderr}"
    );
    assert!(
        fixture
            .read("public/articles/gipfel.html")
            .contains("bearbeitet")
    );
}

/// Builds started at once all succeed, one after another, and leave one whole site and no
/// staging folders.
#[test]
fn builds_started_at_once_take_turns() {
    let fixture = Fixture::new("mini");
    let children: Vec<_> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_dossier"))
                .args(["build", "--quiet", "--root"])
                .arg(fixture.root())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let after = site_of(&fixture.public());
    let mut names: Vec<String> = std::fs::read_dir(fixture.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [dossier::record::CACHE_DIR, dossier::write::LOCK],
        "no staging folders left"
    );
    let again = Fixture::new("mini");
    again.build().unwrap();
    assert_eq!(after, site_of(&again.public()));
}

/// A symbolic link to the dossier is no way around the refusals: the folder the output names
/// is compared as it really is, whichever of `--root` and `--out` goes through the link. The
/// marker in `content/` stands for an editor who once built there by mistake.
#[cfg(unix)]
#[test]
fn output_folders_reached_through_a_symbolic_link_are_refused_too() {
    let fixture = Fixture::new("mini");
    let root = fixture.root();
    fixture.write(&format!("content/{}", dossier::write::MARKER), "");
    let links = tempfile::tempdir().unwrap();
    let link = links.path().join("dossier-link");
    std::os::unix::fs::symlink(root, &link).unwrap();
    let content = tree(&root.join("content"));

    // The error without its location, which is the path as given.
    let message = |stderr: &str| {
        let error = stderr
            .strip_prefix("error: ")
            .unwrap_or_else(|| panic!("{stderr}"));
        error.split_once(": ").unwrap().1.to_string()
    };
    let direct = |out: &Path| {
        let (code, stderr) = build_with(&fixture, &["--out".as_ref(), out.as_os_str()]);
        assert_eq!(code, Some(1), "--out {}: {stderr}", out.display());
        message(&stderr)
    };
    for (dir, expected) in [
        ("content", "the output folder would replace content/\n"),
        (
            "seeds/site",
            "the output folder is inside seeds/, where the next build would read it as input\n",
        ),
    ] {
        let refused = direct(&root.join(dir));
        assert!(refused.starts_with(expected), "{refused}");

        let out = link.join(dir);
        let (code, stderr) = build_with(&fixture, &["--out".as_ref(), out.as_os_str()]);
        assert_eq!(
            code,
            Some(1),
            "--root the dossier --out {}: {stderr}",
            out.display()
        );
        assert_eq!(message(&stderr), refused, "--out {}", out.display());

        let out = root.join(dir);
        let (code, _, stderr) = run_dossier(&[
            "build".as_ref(),
            "--quiet".as_ref(),
            "--root".as_ref(),
            link.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ]);
        assert_eq!(
            code,
            Some(1),
            "--root the link --out {}: {stderr}",
            out.display()
        );
        assert_eq!(message(&stderr), refused, "--root the link");
    }
    assert_eq!(
        tree(&root.join("content")),
        content,
        "content/ is as it was"
    );
    assert!(!root.join("seeds/site").exists() && !root.join("public").exists());
}
