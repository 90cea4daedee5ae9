//! Rebuilds that make only the changed files: after every kind of edit, the folder they leave
//! must be byte for byte what a full build makes; and the work split over threads must not
//! change a byte either.

use std::path::Path;

use dossier::BuildOptions;
use dossier::write::Rebuild;

use crate::support::{Fixture, build_ok, copy_dir, tree};

fn try_build_into(
    root: &Path,
    out: &Path,
    rebuild: Rebuild,
) -> Result<dossier::BuildReport, dossier::Error> {
    dossier::build(&BuildOptions {
        root: root.to_path_buf(),
        out: Some(out.to_path_buf()),
        base_url: None,
        progress: None,
        rebuild,
    })
}

fn build_into(root: &Path, out: &Path, rebuild: Rebuild) -> dossier::BuildReport {
    try_build_into(root, out, rebuild).unwrap()
}

/// Rebuilds `public/` from what changed and checks it against a full build elsewhere; returns
/// how many files the rebuild made.
fn rebuild_matches_full(fixture: &Fixture, step: &str) -> usize {
    let report = build_into(fixture.root(), &fixture.public(), Rebuild::Changed);
    let elsewhere = tempfile::tempdir().unwrap();
    let full = elsewhere.path().join("full");
    build_into(fixture.root(), &full, Rebuild::Full);
    let (rebuilt, full) = (tree(&fixture.public()), tree(&full));
    let differing: Vec<&String> = rebuilt
        .keys()
        .chain(full.keys())
        .filter(|path| rebuilt.get(*path) != full.get(*path))
        .collect();
    assert!(
        differing.is_empty(),
        "after {step}, the rebuild differs from a full build in {differing:?}"
    );
    report.written
}

#[test]
fn rebuilds_after_every_kind_of_edit_equal_full_builds() {
    let fixture = Fixture::new("mini");
    let first = build_into(fixture.root(), &fixture.public(), Rebuild::Changed);
    assert_eq!(
        first.written, first.files,
        "the first build makes every file"
    );
    assert_eq!(rebuild_matches_full(&fixture, "no change"), 0);

    // An article's text: its page and the pages that list or cite it, not the whole site.
    fixture.edit(
        "content/kiew-besuch.md",
        "ist am Donnerstag in Kiew eingetroffen.",
        "ist am Donnerstag mit dem Zug in Kiew eingetroffen.",
    );
    let written = rebuild_matches_full(&fixture, "an edited article");
    assert!(
        written > 0 && written < first.files / 2,
        "{written} of {}",
        first.files
    );

    // An article's front matter: its title shows in lists, on entity and topic pages.
    fixture.edit(
        "content/kiew-besuch.md",
        "title = \"Stoltenberg besucht Kiew\"",
        "title = \"Stoltenberg reist nach Kiew\"",
    );
    rebuild_matches_full(&fixture, "a new title");

    // A new article, citing an existing seed.
    let new = fixture
        .read("content/kiew-besuch.md")
        .replace("Stoltenberg reist nach Kiew", "Nachtrag zum Besuch")
        .replace("2023-04-20", "2023-04-21");
    fixture.write("content/nachtrag.md", &new);
    rebuild_matches_full(&fixture, "an added article");

    // A renamed article: a new page, the old one gone.
    std::fs::rename(
        fixture.root().join("content/nachtrag.md"),
        fixture.root().join("content/nachtrag-besuch.md"),
    )
    .unwrap();
    rebuild_matches_full(&fixture, "a renamed article");
    assert!(!fixture.public().join("articles/nachtrag.html").exists());

    // A deleted article.
    std::fs::remove_file(fixture.root().join("content/nachtrag-besuch.md")).unwrap();
    rebuild_matches_full(&fixture, "a deleted article");

    // Registry entries: a new alias (found in more texts), a new description, a new entity, and
    // that entity removed again.
    fixture.edit(
        "content/entities.toml",
        "aliases = [\"Selenskyj\", \"Selenskij\"]",
        "aliases = [\"Selenskyj\", \"Selenskij\", \"Präsident Selenskyj\"]",
    );
    rebuild_matches_full(&fixture, "a new alias");
    fixture.edit(
        "content/entities.toml",
        "description = \"US-Außenminister 2021–2025\"",
        "description = \"Außenminister der USA 2021–2025\"",
    );
    rebuild_matches_full(&fixture, "a new description");
    let registry = fixture.read("content/entities.toml");
    fixture.write(
        "content/entities.toml",
        &format!(
            "{registry}\n[[entity]]\nid = \"zug\"\nname = \"Zug\"\nkind = \"organisation\"\ndescription = \"Ein Zug\"\n"
        ),
    );
    rebuild_matches_full(&fixture, "an added entity");
    fixture.write("content/entities.toml", &registry);
    rebuild_matches_full(&fixture, "a removed entity");
    assert!(!fixture.public().join("entities/zug.html").exists());

    // A seed's bytes, a template and the settings: what every page (or many) depend on.
    let seed = fixture.read("seeds/kiew.txt");
    fixture.write("seeds/kiew.txt", &format!("{seed}\n"));
    rebuild_matches_full(&fixture, "an edited seed");
    fixture.edit(
        "templates/base.html",
        "</footer>",
        "<p>Stand: heute</p></footer>",
    );
    let written = rebuild_matches_full(&fixture, "an edited template");
    assert!(
        written > first.pages / 2,
        "a template change renders the pages again"
    );
    fixture.edit("site.toml", "title = \"", "title = \"Neu: ");
    rebuild_matches_full(&fixture, "a new site title");
}

#[test]
fn a_file_changed_or_removed_by_hand_is_made_again() {
    let fixture = Fixture::new("mini");
    build_into(fixture.root(), &fixture.public(), Rebuild::Changed);
    let page = fixture.public().join("articles/kiew-besuch.html");
    std::fs::write(&page, "changed by hand").unwrap();
    std::fs::remove_file(fixture.public().join("index.html")).unwrap();
    let report = build_into(fixture.root(), &fixture.public(), Rebuild::Changed);
    assert_eq!(report.written, 2);
    assert_ne!(std::fs::read_to_string(&page).unwrap(), "changed by hand");
    assert!(fixture.public().join("index.html").is_file());
}

#[test]
fn a_build_of_the_very_same_inputs_stops_at_once_and_says_what_the_last_said() {
    let fixture = Fixture::new("mini");
    // A warning to be said again: a seed no article cites.
    fixture.write("seeds/uncited.txt", "raw text");
    let first = build_into(fixture.root(), &fixture.public(), Rebuild::Changed);
    assert!(
        first
            .warnings
            .iter()
            .any(|w| w.contains("no article cites")),
        "{:?}",
        first.warnings
    );
    let stages = |report: &dossier::BuildReport| -> Vec<&str> {
        report.stages.times.iter().map(|(name, _)| *name).collect()
    };
    let said = |r: &dossier::BuildReport| {
        (
            [
                r.articles, r.entities, r.topics, r.events, r.pages, r.seeds, r.files,
            ],
            r.bytes,
            r.warnings.clone(),
        )
    };

    // Files written again with the same bytes (an editor saving, a fresh checkout): what is
    // compared is what they hold, not when they were written.
    let article = fixture.read("content/kiew-besuch.md");
    fixture.write("content/kiew-besuch.md", &article);
    let again = build_into(fixture.root(), &fixture.public(), Rebuild::Changed);
    assert_eq!(
        stages(&again),
        ["inputs"],
        "nothing loaded, nothing rendered"
    );
    assert_eq!(again.written, 0);
    assert_eq!(said(&again), said(&first));

    // An edit, and the edit undone: each is built.
    fixture.write("content/kiew-besuch.md", &article.replace("Kiew", "Kyjiw"));
    let edited = build_into(fixture.root(), &fixture.public(), Rebuild::Changed);
    assert!(stages(&edited).contains(&"render and write") && edited.written > 0);
    fixture.write("content/kiew-besuch.md", &article);
    assert!(rebuild_matches_full(&fixture, "an edit undone") > 0);
    let settled = build_into(fixture.root(), &fixture.public(), Rebuild::Changed);
    assert_eq!(stages(&settled), ["inputs"]);

    // `--full` does the whole work whatever the record says.
    let full = build_into(fixture.root(), &fixture.public(), Rebuild::Full);
    assert_eq!(full.written, full.files);
}

/// The loaders read the files as the digest read them, so a file saved during a build (and
/// saved back before the next) cannot leave pages of a state the record does not describe.
#[test]
fn a_build_makes_its_pages_from_the_files_as_hashed() {
    let fixture = Fixture::new("mini");
    let inputs = dossier::load::Inputs::read(fixture.root(), None);
    let config = dossier::config::SiteConfig::load(fixture.root()).unwrap();
    fixture.edit(
        "content/kiew-besuch.md",
        "ist am Donnerstag in Kiew eingetroffen.",
        "ist am Freitag in Kiew eingetroffen.",
    );
    let corpus = dossier::load::load_corpus(&inputs, &config).unwrap();
    let article = corpus
        .articles
        .iter()
        .find(|a| a.path.ends_with("kiew-besuch.md"))
        .unwrap();
    assert!(article.body.contains("am Donnerstag in Kiew"));
    assert!(inputs.digest_of_what_was_read().is_some());
    assert_eq!(inputs.digest_of_what_was_read(), inputs.digest());
}

#[test]
fn a_folder_put_back_from_elsewhere_is_built_whole() {
    let fixture = Fixture::new("mini");
    build_into(fixture.root(), &fixture.public(), Rebuild::Changed);
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&fixture.public(), copy.path());
    std::fs::remove_dir_all(fixture.public()).unwrap();
    copy_dir(copy.path(), &fixture.public());
    let report = build_into(fixture.root(), &fixture.public(), Rebuild::Changed);
    assert_eq!(
        report.written, report.files,
        "the record is of another folder"
    );
}

#[test]
fn a_failed_rebuild_leaves_the_folder_and_its_record_as_they_were() {
    let fixture = Fixture::new("mini");
    build_into(fixture.root(), &fixture.public(), Rebuild::Changed);
    let before = tree(&fixture.public());
    fixture.edit(
        "content/kiew-besuch.md",
        "ist am Donnerstag in Kiew eingetroffen.",
        "ist am Freitag in Kiew eingetroffen.",
    );
    let entity = fixture.read("templates/entity.html");
    fixture.write(
        "templates/entity.html",
        &entity.replace(
            "{{ entity.name }}</h1>",
            "{{ entity.name | nonesuch }}</h1>",
        ),
    );
    let failed = try_build_into(fixture.root(), &fixture.public(), Rebuild::Changed);
    assert!(failed.is_err());
    assert!(tree(&fixture.public()) == before, "the folder is untouched");
    fixture.write("templates/entity.html", &entity);
    let written = rebuild_matches_full(&fixture, "a failed build and its fix");
    assert!(
        written < before.len() / 2,
        "the record was kept: {written} files made"
    );
}

#[test]
fn full_ignores_the_record() {
    let fixture = Fixture::new("mini");
    build_into(fixture.root(), &fixture.public(), Rebuild::Changed);
    let report = build_into(fixture.root(), &fixture.public(), Rebuild::Full);
    assert_eq!(report.written, report.files);
}

#[test]
fn one_thread_and_many_write_the_same_bytes() {
    let fixture = Fixture::new("mini");
    let other = tempfile::tempdir().unwrap();
    copy_dir(fixture.root(), other.path());
    build_ok(fixture.root(), &[("RAYON_NUM_THREADS", "1")]);
    build_ok(other.path(), &[("RAYON_NUM_THREADS", "7")]);
    assert!(tree(&fixture.public()) == tree(&other.path().join("public")));
}

/// Dice that roll the same on every run, so a failing sequence of edits can be replayed.
struct Dice(u64);

impl Dice {
    /// A number below `n`.
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const NAMES: [&str; 7] = [
    "Stoltenberg",
    "Selenskyj",
    "Blinken",
    "Mark Rutte",
    "NATO",
    "Kiew",
    "Vilnius",
];

/// A sentence naming two of [`NAMES`] and dating what they did.
fn random_sentence(dice: &mut Dice) -> String {
    let (year, month, day) = (2020 + dice.below(6), dice.below(12), 1 + dice.below(28));
    format!(
        "{} traf am {day}. {} {year} in {} ein. ",
        dice.pick(&NAMES),
        dossier::date::GERMAN_MONTHS[month],
        dice.pick(&NAMES),
    )
}

/// Article `n` (and its seed) with random dates, names and topic.
fn write_random_article(fixture: &Fixture, dice: &mut Dice, n: usize) -> String {
    let text: String = (0..3).map(|_| random_sentence(dice)).collect();
    let (year, month, day) = (2022 + dice.below(3), 1 + dice.below(12), 1 + dice.below(28));
    let topic = dice.pick(&["Besuche", "Gipfel", "Diplomatie"]);
    fixture.write_article(
        &format!("r-{n}"),
        &format!("Meldung {n}"),
        &format!("{year}-{month:02}-{day:02}"),
        &format!("topics = [\"{topic}\"]\n"),
        &format!("{text}\n"),
        &text,
    )
}

/// Replaces the front-matter line starting with `key = ` in the file at `path`.
fn set_field(fixture: &Fixture, path: &str, key: &str, value: &str) {
    let text = fixture.read(path);
    let prefix = format!("{key} = ");
    let edited: Vec<String> = text
        .lines()
        .map(|line| {
            if line.starts_with(&prefix) {
                format!("{prefix}{value}")
            } else {
                line.to_string()
            }
        })
        .collect();
    fixture.write(path, &(edited.join("\n") + "\n"));
}

/// What a checker does: rounds of random edits (texts, titles, dates, topics, new, renamed and
/// deleted articles, registry entries added, given aliases and removed), each followed by a
/// rebuild that must equal a full build byte for byte.
#[test]
fn random_edits_rebuild_to_what_a_full_build_makes() {
    let fixture = Fixture::new("mini");
    let mut dice = Dice(2026);
    let mut live: Vec<String> = (0..20)
        .map(|n| write_random_article(&fixture, &mut dice, n))
        .collect();
    let mut next = live.len();
    let registry = fixture.read("content/entities.toml");
    let mut extra: Vec<String> = Vec::new();
    build_into(fixture.root(), &fixture.public(), Rebuild::Changed);
    for round in 0..12 {
        let mut done = Vec::new();
        for _ in 0..1 + dice.below(3) {
            let at = dice.below(live.len());
            let path = live[at].clone();
            match dice.below(8) {
                0 => {
                    let text = fixture.read(&path) + &random_sentence(&mut dice) + "\n";
                    fixture.write(&path, &text);
                    done.push(format!("text of {path}"));
                }
                1 => {
                    set_field(&fixture, &path, "title", &format!("\"Neu {round}\""));
                    done.push(format!("title of {path}"));
                }
                2 => {
                    let date = format!(
                        "\"{}-0{}-1{}\"",
                        2021 + dice.below(4),
                        1 + dice.below(9),
                        dice.below(10)
                    );
                    set_field(&fixture, &path, "date", &date);
                    done.push(format!("date of {path}"));
                }
                3 => {
                    set_field(
                        &fixture,
                        &path,
                        "topics",
                        &format!("[\"{}\"]", dice.pick(&["Besuche", "Wahlen"])),
                    );
                    done.push(format!("topics of {path}"));
                }
                4 => {
                    live.push(write_random_article(&fixture, &mut dice, next));
                    next += 1;
                    done.push(format!("new {}", live[live.len() - 1]));
                }
                5 => {
                    let renamed = path.replace(".md", "-b.md");
                    std::fs::rename(fixture.root().join(&path), fixture.root().join(&renamed))
                        .unwrap();
                    live[at] = renamed;
                    done.push(format!("renamed {path}"));
                }
                6 if live.len() > 5 => {
                    std::fs::remove_file(fixture.root().join(&path)).unwrap();
                    live.remove(at);
                    done.push(format!("deleted {path}"));
                }
                _ => {
                    // An entity added (named in an article), given an alias, or removed.
                    if extra.is_empty() || dice.below(3) == 0 {
                        let k = round * 10 + extra.len();
                        extra.push(format!(
                            "\n[[entity]]\nid = \"extra-{k}\"\nname = \"Gruppe {k}\"\nkind = \"organisation\"\ndescription = \"Eine Gruppe\"\n"
                        ));
                        let text = fixture.read(&path) + &format!("Die Gruppe {k} meldete sich.\n");
                        fixture.write(&path, &text);
                        done.push(format!("entity {k} named in {path}"));
                    } else if dice.below(2) == 0 && !extra[extra.len() - 1].contains("aliases") {
                        let last = extra.len() - 1;
                        extra[last] = extra[last].replace(
                            "kind = ",
                            &format!(
                                "aliases = [\"{}\"]\nkind = ",
                                dice.pick(&["Testmedium", "Verbund"])
                            ),
                        );
                        done.push("an alias".to_string());
                    } else {
                        extra.remove(dice.below(extra.len()));
                        done.push("an entity removed".to_string());
                    }
                    fixture.write(
                        "content/entities.toml",
                        &(registry.clone() + &extra.concat()),
                    );
                }
            }
        }
        rebuild_matches_full(&fixture, &format!("round {round} ({done:?})"));
    }
}
