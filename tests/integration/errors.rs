//! Broken input: each case fails with `path:line: message`, exit status 1, and the previous
//! `public/` left exactly as it was.

use std::process::Command;

use crate::support::{Fixture, build_ok, run_dossier, tree};

/// Builds the mini fixture, breaks it with `breakage`, runs `dossier build` again and returns
/// its error (without the `error: ` before it), after checking that the command exited with
/// status 1 without a panic and that the earlier output survived untouched.
fn error_after(breakage: impl FnOnce(&Fixture)) -> String {
    let fixture = Fixture::new("mini");
    fixture.build().unwrap();
    let before = tree(&fixture.public());
    breakage(&fixture);
    let (code, _, stderr) = run_dossier(&[
        "build".as_ref(),
        "--quiet".as_ref(),
        "--root".as_ref(),
        fixture.root().as_os_str(),
    ]);
    assert_eq!(code, Some(1), "the build should fail: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
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
    stderr
        .strip_prefix("error: ")
        .and_then(|err| {
            err.strip_suffix("The build failed; the previous output (if any) is unchanged.\n")
        })
        .unwrap_or_else(|| panic!("not an error and what it left: {stderr}"))
        .trim_end()
        .to_string()
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
fn command_exits_1_and_prints_path_line_message() {
    let fixture = Fixture::new("mini");
    fixture.edit("content/gipfel.md", "\"2023-07\"", "\"Juli 2023\"");
    let (code, _, stderr) = run_dossier(&[
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

/// A change that breaks the fixture, for the table below.
type Breakage = Box<dyn FnOnce(&Fixture)>;

/// Writes `bytes` to the file `rel` of the fixture, made or replaced.
fn with_file(rel: &'static str, bytes: &'static [u8]) -> Breakage {
    Box::new(move |f: &Fixture| std::fs::write(f.root().join(rel), bytes).unwrap())
}

/// An article file `content/neu.md` with `text`, beside the fixture's own.
fn with_article(text: &'static str) -> Breakage {
    with_file("content/neu.md", text.as_bytes())
}

/// `text` added at the end of the file `rel`.
fn appended(rel: &'static str, text: &'static str) -> Breakage {
    Box::new(move |f: &Fixture| {
        let mut all = f.read(rel);
        all.push_str(text);
        f.write(rel, &all);
    })
}

/// One case per row of broken input: the first line of the error, from the command.
#[test]
fn each_kind_of_broken_input_gets_its_own_error_at_its_line() {
    let cases: Vec<(&str, Breakage, &str)> = vec![
        (
            "missing title",
            with_article("+++\ndate = \"2023-05-01\"\nsource = \"Testmedium\"\nseed = \"seeds/gipfel.txt\"\n+++\n\nText.\n"),
            "content/neu.md:2: missing field `title`",
        ),
        (
            "wrong type",
            with_article("+++\ntitle = 5\ndate = \"2023-05-01\"\nsource = \"Testmedium\"\nseed = \"seeds/gipfel.txt\"\n+++\n\nText.\n"),
            "content/neu.md:2: invalid type: integer `5`, expected a string",
        ),
        ("empty file", with_article(""), "content/neu.md:1: the file is empty"),
        (
            "front matter only",
            with_article("+++\ntitle = \"Neu\"\ndate = \"2023-05-01\"\nsource = \"Testmedium\"\nseed = \"seeds/gipfel.txt\"\n+++\n\n"),
            "content/neu.md:6: the article has no text after its front matter",
        ),
        (
            "not UTF-8 (Latin-1)",
            with_file("content/neu.md", b"+++\ntitle = \"L\xe4nder\"\ndate = \"2023-05-01\"\nsource = \"Testmedium\"\nseed = \"seeds/gipfel.txt\"\n+++\n\nText.\n"),
            "content/neu.md:2: the file is not valid UTF-8 text",
        ),
        (
            "seed path with ..",
            with_article("+++\ntitle = \"Neu\"\ndate = \"2023-05-01\"\nsource = \"Testmedium\"\nseed = \"seeds/../site.toml\"\n+++\n\nText.\n"),
            "content/neu.md:5: `seed` must be a file inside `seeds/`, without `..`, not `seeds/../site.toml`",
        ),
        (
            "absolute seed path",
            with_article("+++\ntitle = \"Neu\"\ndate = \"2023-05-01\"\nsource = \"Testmedium\"\nseed = \"/etc/passwd\"\n+++\n\nText.\n"),
            "content/neu.md:5: `seed` must be a file inside `seeds/`, without `..`, not `/etc/passwd`",
        ),
        (
            "slug with ..",
            with_article("+++\ntitle = \"Neu\"\ndate = \"2023-05-01\"\nsource = \"Testmedium\"\nseed = \"seeds/gipfel.txt\"\nslug = \"../index\"\n+++\n\nText.\n"),
            "content/neu.md:6: `slug` is a page name, not a path: `../index`",
        ),
        (
            "absolute slug",
            with_article("+++\ntitle = \"Neu\"\ndate = \"2023-05-01\"\nsource = \"Testmedium\"\nseed = \"seeds/gipfel.txt\"\nslug = \"/etc/x\"\n+++\n\nText.\n"),
            "content/neu.md:6: `slug` is a page name, not a path: `/etc/x`",
        ),
        (
            "entity id clash",
            appended(
                "content/entities.toml",
                "\n[[entity]]\nid = \"stoltenberg\"\nname = \"Jens Stoltenberg junior\"\nkind = \"person\"\ndescription = \"Sohn\"\n",
            ),
            "content/entities.toml:67: the entity id `stoltenberg` is already used on line 4",
        ),
    ];
    check_rows(cases);
}

/// Breaks the fixture by each row and checks the command's error (see [`error_after`]): its
/// first line starts as expected, and a hint says what to do.
fn check_rows(cases: Vec<(&str, Breakage, &str)>) {
    for (case, breakage, expected) in cases {
        let err = error_after(breakage);
        println!("{case}: {}", first_line(&err));
        assert!(first_line(&err).starts_with(expected), "{case}: {err}");
        assert!(
            err.contains("\n  hint: "),
            "{case}: no hint on what to do: {err}"
        );
    }
}

/// Rows of broken input that need links and pipes.
#[cfg(unix)]
#[test]
fn links_out_of_the_dossier_look_alike_names_and_pipes_are_errors() {
    let cases: Vec<(&str, Breakage, &str)> = vec![
        (
            "a seed linking outside the dossier",
            Box::new(|f: &Fixture| {
                // A file every unix has, published if the link were followed.
                std::os::unix::fs::symlink("/etc/hosts", f.root().join("seeds/geheim.txt"))
                    .unwrap();
            }),
            "seeds/geheim.txt: the seed is a link to a file outside the dossier (",
        ),
        (
            "two seed names alike but for Unicode composition",
            Box::new(|f: &Fixture| {
                f.write("seeds/Zu\u{308}rich.txt", "zerlegt");
                f.write("seeds/Z\u{fc}rich.txt", "zusammengesetzt");
            }),
            "seeds/Z\u{fc}rich.txt: the seed `seeds/Zu\u{308}rich.txt` has this name too, in other Unicode characters",
        ),
        (
            "a pipe named like an article",
            Box::new(|f: &Fixture| {
                let made = Command::new("mkfifo")
                    .arg(f.root().join("content/pipe.md"))
                    .status()
                    .unwrap();
                assert!(made.success());
            }),
            "content/pipe.md: not a regular file (a pipe, socket or device)",
        ),
    ];
    check_rows(cases);
}

/// What editors' tools leave in a file or beside it is no error: a byte-order mark, Windows
/// line ends, backup and lock files, names with spaces and umlauts.
#[test]
fn byte_order_marks_crlf_editor_leftovers_and_spaced_names_are_accepted() {
    let fixture = Fixture::new("mini");
    let article = "\u{feff}+++\r\ntitle = \"Mit Byte-Order-Mark\"\r\ndate = \"2023-07-11\"\r\n\
                   source = \"Testmedium\"\r\nseed = \"seeds/gipfel.txt\"\r\n+++\r\n\r\n\
                   Die Staats- und Regierungschefs treffen sich am 11. und 12. Juli in Vilnius.\r\n";
    fixture.write("content/windows.md", article);
    for leftover in [
        "content/.#gipfel.md",
        "content/gipfel.md~",
        "content/gipfel.md.swp",
        "content/.DS_Store",
        "seeds/.DS_Store",
    ] {
        std::fs::write(fixture.root().join(leftover), b"\x00\x01 not text").unwrap();
    }
    let stderr = build_ok(fixture.root(), &[]);
    assert!(
        !stderr.contains("gipfel.md") && !stderr.contains("DS_Store"),
        "leftovers are not content and not worth a warning: {stderr}"
    );
    let page = fixture.read("public/articles/windows.html");
    assert!(page.contains("Mit Byte-Order-Mark</h1>"), "{page}");
    assert!(!page.contains('\r') && !page.contains('\u{feff}'));
    assert_eq!(
        std::fs::read_dir(fixture.public().join("articles"))
            .unwrap()
            .count(),
        6,
        "five articles of the fixture and the new one"
    );
    // The fixture's `Brüssel Treffen.md` and `Rückblick 2023.txt`.
    assert!(
        fixture
            .public()
            .join("articles/bruessel-treffen.html")
            .is_file()
    );
    assert!(fixture.public().join("seeds/Rückblick 2023.txt").is_file());
}

/// A date after today is a warning, not an error: an article can be dated ahead by mistake,
/// but also on purpose (an embargoed text). `SOURCE_DATE_EPOCH` is today for reproduced builds.
#[test]
fn a_date_in_the_future_is_a_warning() {
    let fixture = Fixture::new("mini");
    fixture.write(
        "content/neu.md",
        "+++\ntitle = \"Aus der Zukunft\"\ndate = \"2025-02\"\nsource = \"Testmedium\"\n\
         seed = \"seeds/gipfel.txt\"\n+++\n\n\
         Die Staats- und Regierungschefs treffen sich am 11. und 12. Juli in Vilnius.\n",
    );
    // 2025-01-15 00:00 UTC.
    let stderr = build_ok(fixture.root(), &[("SOURCE_DATE_EPOCH", "1736899200")]);
    assert!(
        stderr.contains(
            "warning: content/neu.md:3: the date 2025-02 is in the future (today is 2025-01-15); check it for a typo"
        ),
        "{stderr}"
    );
    assert!(fixture.public().join("articles/neu.html").is_file());
    fixture.edit("content/neu.md", "\"2025-02\"", "\"2025-01\"");
    let stderr = build_ok(fixture.root(), &[("SOURCE_DATE_EPOCH", "1736899200")]);
    assert!(
        !stderr.contains("future"),
        "the month that holds today is not in the future: {stderr}"
    );
}

/// An article and its seed of `paragraphs` paragraphs of `lines` lines each, every line
/// `words` numbered so no two are alike; returns the text's size in bytes.
fn long_article(
    fixture: &Fixture,
    name: &str,
    words: &str,
    paragraphs: usize,
    lines: usize,
) -> usize {
    let mut text = String::new();
    for p in 0..paragraphs {
        for l in 0..lines {
            text.push_str(&format!("{words} ({p}.{l}).\n"));
        }
        text.push('\n');
    }
    fixture.write(&format!("seeds/{name}.txt"), &text);
    fixture.write(
        &format!("content/{name}.md"),
        &format!(
            "+++\ntitle = \"Ein langer Text\"\ndate = \"2023-07-11\"\nsource = \"Testmedium\"\n\
             seed = \"seeds/{name}.txt\"\n+++\n\n{text}"
        ),
    );
    text.len()
}

/// Sizes far beyond a news article still build, every paragraph on the page. (Time and
/// memory are measured by the benchmark, not here.)
#[test]
fn a_20_mb_article_is_built_whole() {
    let fixture = Fixture::new("mini");
    let words = "Die Staats- und Regierungschefs der NATO treffen sich am 11. Juli in Vilnius, sagte Stoltenberg";
    let bytes = long_article(&fixture, "gross", words, 70_000, 3);
    assert!(bytes > 20_000_000, "{bytes}");
    build_ok(fixture.root(), &[]);
    let page = fixture.read("public/articles/gross.html");
    assert!(
        page.contains("id=\"p70000\""),
        "the last paragraph is on the page"
    );
    assert!(page.contains("(69999.2)"));
}

/// 200,000 short lines (a list or transcript), in paragraphs of ten.
#[test]
fn a_200_000_line_article_is_built_whole() {
    let fixture = Fixture::new("mini");
    long_article(&fixture, "zeilen", "Zeile", 20_000, 10);
    build_ok(fixture.root(), &[]);
    let page = fixture.read("public/articles/zeilen.html");
    assert!(page.contains("id=\"p20000\"") && page.contains("(19999.9)"));
}
