//! `dossier init` on an empty folder, then `build` and `check`; `dossier new` adds a draft.

use crate::support::run_dossier;

#[test]
fn init_makes_a_dossier_that_builds_and_new_adds_a_draft() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("mein-dossier");
    let (code, stdout, stderr) = run_dossier(&["init".as_ref(), dir.as_os_str()]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(dir.join("templates/base.html").is_file());
    assert!(dir.join("templates/assets/search.js").is_file());
    assert!(
        std::fs::read_to_string(dir.join("site.toml"))
            .unwrap()
            .contains("title = \"mein dossier\"")
    );

    let root = ["--root".as_ref(), dir.as_os_str()];
    let (code, stdout, stderr) = run_dossier(&[&["check".as_ref()], &root[..]].concat());
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("no errors, 0 warnings"), "{stdout}");
    let (code, stdout, stderr) = run_dossier(&[&["build".as_ref()], &root[..]].concat());
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(dir.join("public/articles/beispiel.html").is_file());
    assert!(dir.join("public/atom.xml").is_file());

    // `new`: a draft with today's (or the given) date; the build skips it and says so.
    let args = [
        &["new".as_ref(), "Bürgermeister eröffnet Brücke".as_ref()],
        &root[..],
        &["--date".as_ref(), "2024-05-02".as_ref()],
    ]
    .concat();
    let (code, stdout, stderr) = run_dossier(&args);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    let article =
        std::fs::read_to_string(dir.join("content/buergermeister-eroeffnet-bruecke.md")).unwrap();
    assert!(article.contains("title = \"Bürgermeister eröffnet Brücke\"\ndate = \"2024-05-02\""));
    assert!(article.contains("draft = true"));
    let (code, _, stderr) = run_dossier(&[&["build".as_ref()], &root[..]].concat());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("content/buergermeister-eroeffnet-bruecke.md: a draft"),
        "{stderr}"
    );
    // A date that is none, or a folder that is no dossier, is an error; nothing is written.
    let bad_date = [
        &["new".as_ref(), "Noch ein Artikel".as_ref()],
        &root[..],
        &["--date".as_ref(), "morgen\"".as_ref()],
    ]
    .concat();
    let (code, _, stderr) = run_dossier(&bad_date);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("--date"), "{stderr}");
    assert!(!dir.join("content/noch-ein-artikel.md").exists());
    let elsewhere = temp.path().join("kein-dossier");
    let (code, _, stderr) = run_dossier(&[
        "new".as_ref(),
        "Titel".as_ref(),
        "--root".as_ref(),
        elsewhere.as_os_str(),
    ]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("not a dossier folder"), "{stderr}");
    assert!(!elsewhere.exists());

    // The same title again replaces nothing.
    let (code, _, stderr) = run_dossier(&args);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("an article with this name exists"),
        "{stderr}"
    );

    // init never writes into a folder that holds something.
    let before = crate::support::tree(&dir);
    let (code, _, stderr) = run_dossier(&["init".as_ref(), dir.as_os_str()]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("the folder is not empty"), "{stderr}");
    assert_eq!(crate::support::tree(&dir), before);
}
