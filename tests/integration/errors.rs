//! Broken input: each case fails with `path:line: message`, exit status 1, and the previous
//! `public/` left exactly as it was.

use std::process::Command;

use crate::support::{Fixture, tree};

/// Builds the mini fixture, breaks it with `breakage`, builds again and returns the error text,
/// after checking that the earlier output survived untouched.
fn error_after(breakage: impl FnOnce(&Fixture)) -> String {
    let fixture = Fixture::new("mini");
    fixture.build().unwrap();
    let before = tree(&fixture.public());
    breakage(&fixture);
    let err = fixture
        .build()
        .expect_err("the build should fail")
        .to_string();
    assert_eq!(
        tree(&fixture.public()),
        before,
        "a failed build changed public/"
    );
    let leftovers: Vec<String> = std::fs::read_dir(fixture.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
    err
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap()
}

#[test]
fn errors_on_a_seed_changed_after_its_hash_was_recorded() {
    // The SHA-256 of tests/fixtures/mini/seeds/gipfel.txt as it stands.
    let seed =
        std::fs::read(crate::support::repo().join("tests/fixtures/mini/seeds/gipfel.txt")).unwrap();
    let hash = dossier::load::sha256_hex(&seed);
    let fixture = Fixture::new("mini");
    let recorded = format!("seed = \"seeds/gipfel.txt\"\nseed_sha256 = \"{hash}\"");
    fixture.edit(
        "content/gipfel.md",
        "seed = \"seeds/gipfel.txt\"",
        &recorded,
    );
    fixture.build().expect("the recorded hash matches the seed");

    let err = error_after(|f| {
        f.edit(
            "content/gipfel.md",
            "seed = \"seeds/gipfel.txt\"",
            &recorded,
        );
        let mut text = f.read("seeds/gipfel.txt");
        text.push_str("Ein nachträglich eingefügter Satz.\n");
        f.write("seeds/gipfel.txt", &text);
    });
    assert!(
        err.starts_with(
            "content/gipfel.md:7: seed `seeds/gipfel.txt` changed after it was recorded: its SHA-256 is now `"
        ),
        "{err}"
    );
    assert!(err.contains("never edited"), "{err}");
}

#[test]
fn errors_on_malformed_front_matter() {
    let err = error_after(|f| {
        f.edit(
            "content/gipfel.md",
            "title = \"Gipfel in Vilnius\"",
            "title = \"Gipfel",
        )
    });
    assert!(err.starts_with("content/gipfel.md:2: "), "{err}");
}

#[test]
fn errors_on_unclosed_front_matter() {
    let err = error_after(|f| {
        f.write(
            "content/gipfel.md",
            "+++\ntitle = \"x\"\n\nText ohne Ende der Kopfdaten.\n",
        )
    });
    assert_eq!(
        first_line(&err),
        "content/gipfel.md:1: the front matter opened here is never closed"
    );
    assert!(err.contains("hint: add a line with only `+++`"), "{err}");
}

#[test]
fn errors_on_unknown_key_with_suggestion() {
    let err = error_after(|f| f.edit("content/gipfel.md", "source =", "sourse ="));
    assert_eq!(
        first_line(&err),
        "content/gipfel.md:5: unknown key `sourse` (did you mean `source`?)"
    );
}

#[test]
fn errors_on_impossible_dates() {
    let err = error_after(|f| f.edit("content/gipfel.md", "\"2023-07\"", "\"2023-02-30\""));
    assert_eq!(
        first_line(&err),
        "content/gipfel.md:3: `2023-02-30`: there is no day 30 in February 2023; it has 28 days"
    );
    let err = error_after(|f| f.edit("content/gipfel.md", "\"2023-07\"", "\"2024-13-01\""));
    assert_eq!(
        first_line(&err),
        "content/gipfel.md:3: `2024-13-01`: there is no month 13; months run from 01 to 12"
    );
}

#[test]
fn errors_on_missing_seed() {
    let err = error_after(|f| f.edit("content/gipfel.md", "seeds/gipfel.txt", "seeds/fehlt.txt"));
    assert_eq!(
        first_line(&err),
        "content/gipfel.md:6: seed `seeds/fehlt.txt` does not exist"
    );
}

#[test]
fn errors_on_seed_outside_seeds() {
    let err = error_after(|f| f.edit("content/gipfel.md", "seeds/gipfel.txt", "../site.toml"));
    assert!(
        err.starts_with("content/gipfel.md:6: `seed` must be a file inside `seeds/`"),
        "{err}"
    );
}

#[test]
fn errors_on_two_articles_with_one_slug() {
    let err = error_after(|f| {
        let text = f.read("content/gipfel.md");
        f.write("content/mehr/gipfel.md", &text);
    });
    assert_eq!(
        first_line(&err),
        "content/gipfel.md: this article and `content/mehr/gipfel.md` would both be written to articles/gipfel.html"
    );
}

#[test]
fn errors_on_entity_missing_from_the_registry() {
    let err = error_after(|f| f.edit("content/gipfel.md", "\"Vilnius\"", "\"Jens-Stoltenberg\""));
    assert_eq!(
        err,
        "content/gipfel.md:8: `Jens-Stoltenberg` in `entities` is not in the entity registry\n  hint: did you mean `Jens Stoltenberg`? Otherwise add an entry for `Jens-Stoltenberg` to content/entities.toml, or write the id, name or an alias of one there"
    );
}

#[test]
fn errors_on_broken_registry_with_line() {
    let err = error_after(|f| {
        f.edit(
            "content/entities.toml",
            "aliases = [\"Rutte\"]",
            "aliases = [\"Rutte\", \"Blinken\"]",
        )
    });
    assert_eq!(
        err,
        "content/entities.toml:27: `Blinken` of `rutte` is already a name of `blinken` (line 20)\n  hint: a name can mean only one entity: keep it on the one the texts mean, or write it out in full"
    );
}

#[test]
fn errors_on_template_syntax_with_template_and_line() {
    let err = error_after(|f| {
        f.edit(
            "templates/topic.html",
            "{% block main %}",
            "{% block main %}\n{% if %}",
        )
    });
    assert_eq!(
        first_line(&err),
        "templates/topic.html:5: syntax error: expected a value that can be negated (column 7)"
    );
}

#[test]
fn errors_on_missing_template() {
    let err = error_after(|f| std::fs::remove_file(f.root().join("templates/seed.html")).unwrap());
    assert_eq!(
        first_line(&err),
        "templates/seed.html: missing template: seed.html"
    );
}

#[test]
fn errors_on_bad_site_toml_with_line() {
    let err = error_after(|f| f.edit("site.toml", "minify = false", "minify = \"no\""));
    assert!(err.starts_with("site.toml:5: "), "{err}");
}

#[test]
fn reports_every_broken_file_at_once() {
    let err = error_after(|f| {
        f.edit("content/gipfel.md", "\"2023-07\"", "\"2023-7\"");
        f.edit("content/kiew-besuch.md", "title =", "titel =");
    });
    assert!(
        err.starts_with("2 errors:\n1. content/gipfel.md:3: "),
        "{err}"
    );
    assert!(
        err.contains("\n2. content/kiew-besuch.md:2: unknown key `titel`"),
        "{err}"
    );
}

#[test]
fn refuses_output_folder_holding_the_sources() {
    let fixture = Fixture::new("mini");
    fixture.edit(
        "site.toml",
        "output_dir = \"public\"",
        "output_dir = \"content\"",
    );
    let err = fixture.build().unwrap_err().to_string();
    assert!(
        err.starts_with("content: the output folder would replace content/"),
        "{err}"
    );
    assert!(fixture.root().join("content/gipfel.md").is_file());
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

#[test]
fn command_exits_1_and_prints_path_line_message() {
    let fixture = Fixture::new("mini");
    fixture.edit("content/gipfel.md", "\"2023-07\"", "\"Juli 2023\"");
    let (code, _, stderr) = crate::support::run_dossier(&[
        "build".as_ref(),
        "--root".as_ref(),
        fixture.root().as_os_str(),
    ]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.starts_with("error: content/gipfel.md:3: `Juli 2023` is not a date"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn command_without_arguments_builds_the_current_folder() {
    let fixture = Fixture::new("mini");
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .current_dir(fixture.root())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .starts_with("Built 5 articles")
    );
    assert!(fixture.public().join("index.html").is_file());
}

#[test]
fn refuses_output_folder_inside_the_sources() {
    let fixture = Fixture::new("mini");
    fixture.edit(
        "site.toml",
        "output_dir = \"public\"",
        "output_dir = \"seeds/site\"",
    );
    let err = fixture.build().unwrap_err().to_string();
    assert!(
        err.starts_with("seeds/site: the output folder is inside seeds/"),
        "{err}"
    );
    let err = dossier::build(&dossier::BuildOptions {
        root: fixture.root().to_path_buf(),
        out: Some(fixture.root().join("seeds/../content")),
        base_url: None,
        progress: None,
    })
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("the output folder would replace content/"),
        "{err}"
    );
}

#[test]
fn errors_on_links_that_lead_nowhere() {
    let err = error_after(|f| {
        f.edit(
            "content/gipfel-beginnt.md",
            "(gipfel.md#p1)",
            "(/articles/gipfel.html)",
        )
    });
    assert!(
        err.starts_with(
            "content/gipfel-beginnt.md:12: the link `/articles/gipfel.html` starts with `/`"
        ),
        "{err}"
    );
}

#[test]
fn a_broken_article_is_not_blamed_again_in_links_to_it() {
    let err = error_after(|f| f.edit("content/gipfel.md", "\"2023-07\"", "\"2023-7\""));
    assert!(
        err.starts_with("content/gipfel.md:3: "),
        "only the broken file is reported: {err}"
    );
}

#[cfg(unix)]
#[test]
fn follows_symlinked_articles_and_reports_link_loops() {
    let fixture = Fixture::new("mini");
    let outside = tempfile::tempdir().unwrap();
    let text = fixture
        .read("content/gipfel.md")
        .replace("title = \"Gipfel in Vilnius\"", "title = \"Verlinkt\"");
    std::fs::write(outside.path().join("verlinkt.md"), text).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("verlinkt.md"),
        fixture.root().join("content/verlinkt.md"),
    )
    .unwrap();
    let report = fixture.build().unwrap();
    assert_eq!(
        report.articles, 6,
        "the linked article is built, not dropped"
    );
    assert!(fixture.public().join("articles/verlinkt.html").is_file());

    std::os::unix::fs::symlink(
        fixture.root().join("content"),
        fixture.root().join("content/schleife"),
    )
    .unwrap();
    let err = fixture.build().unwrap_err().to_string();
    assert!(
        err.starts_with("content/schleife: symbolic link loop"),
        "{err}"
    );
}

#[test]
fn decomposed_unicode_names_are_the_same_names() {
    let fixture = Fixture::new("mini");
    // "Brüssel" with a combining diaeresis (as macOS writes file names), and an NFD seed name.
    fixture.edit(
        "content/Brüssel Treffen.md",
        "entities = [\"Brüssel\"]",
        "entities = [\"Bru\u{308}ssel\"]",
    );
    std::fs::rename(
        fixture.root().join("seeds/bruessel.txt"),
        fixture.root().join("seeds/Bru\u{308}ssel.txt"),
    )
    .unwrap();
    fixture.edit(
        "content/Brüssel Treffen.md",
        "seeds/bruessel.txt",
        "seeds/Brüssel.txt",
    );
    let report = fixture.build().unwrap();
    assert_eq!(
        report.entities, 9,
        "no second page for the decomposed spelling"
    );
    assert!(fixture.public().join("entities/bruessel.html").is_file());
}

/// An article file `content/neu.md` with `text`, beside the fixture's own.
fn with_article(text: &'static str) -> impl FnOnce(&Fixture) {
    move |f: &Fixture| f.write("content/neu.md", text)
}

/// One case per row of broken input: the exact first line of the error.
#[test]
fn each_kind_of_broken_article_gets_its_own_error_at_its_line() {
    let cases: [(&str, &'static str, &str); 6] = [
        (
            "missing title",
            "+++\ndate = \"2023-05-01\"\nsource = \"Testmedium\"\nseed = \"seeds/gipfel.txt\"\n+++\n\nText.\n",
            "content/neu.md:2: missing field `title`",
        ),
        (
            "wrong type",
            "+++\ntitle = 5\ndate = \"2023-05-01\"\nsource = \"Testmedium\"\nseed = \"seeds/gipfel.txt\"\n+++\n\nText.\n",
            "content/neu.md:2: invalid type: integer `5`, expected a string",
        ),
        ("empty file", "", "content/neu.md:1: the file is empty"),
        (
            "seed path with ..",
            "+++\ntitle = \"Neu\"\ndate = \"2023-05-01\"\nsource = \"Testmedium\"\nseed = \"seeds/../site.toml\"\n+++\n\nText.\n",
            "content/neu.md:5: `seed` must be a file inside `seeds/`",
        ),
        (
            "absolute seed path",
            "+++\ntitle = \"Neu\"\ndate = \"2023-05-01\"\nsource = \"Testmedium\"\nseed = \"/etc/passwd\"\n+++\n\nText.\n",
            "content/neu.md:5: `seed` must be a file inside `seeds/`",
        ),
        (
            "slug with ..",
            "+++\ntitle = \"Neu\"\ndate = \"2023-05-01\"\nsource = \"Testmedium\"\nseed = \"seeds/gipfel.txt\"\nslug = \"../index\"\n+++\n\nText.\n",
            "content/neu.md:6: `slug` is a page name, not a path: `../index`",
        ),
    ];
    for (case, text, expected) in cases {
        let err = error_after(with_article(text));
        println!("{case}: {}", first_line(&err));
        assert!(err.starts_with(expected), "{case}: {err}");
        assert!(!err.contains("panicked"), "{case}: {err}");
    }
}
