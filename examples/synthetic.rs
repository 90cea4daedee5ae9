//! A synthetic dossier for benchmarks: `cargo run --release --example synthetic -- --articles N
//! --out DIR [--seed S]` writes `site.toml`, `content/` (N articles and a registry of 5,000
//! entities), `seeds/` (one raw text per article) and a copy of `templates/`.
//!
//! The text is German-like rather than German: real German words drawn with a Zipf-like
//! distribution (a few very frequent, a long tail), compounds made from them (closed and
//! hyphenated, as news German makes them), subheadings, quotations attributed to people,
//! date expressions, and entity names (also Zipf-like: a few everywhere, most rare). That gives
//! a search index, the entity detector and the date reader the load real news text gives them:
//! tens of thousands of distinct words over 10,000 articles, 600-900 words each.
//!
//! Output is deterministic: the same arguments write the same bytes.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use clap::Parser;
use dossier::date::GERMAN_MONTHS;

#[derive(Parser)]
struct Args {
    /// Number of articles.
    #[arg(long, default_value_t = 1000)]
    articles: usize,
    /// Folder to write the dossier to (created; must be empty or missing).
    #[arg(long)]
    out: PathBuf,
    /// Seed of the pseudo-random text.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Number of registry entities.
    #[arg(long, default_value_t = 5000)]
    entities: usize,
}

// ---------------------------------------------------------------------------------------------
// Randomness: splitmix64, so output does not depend on a crate's version.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// A rank in 0..n, rank r drawn about as often as 1/(r+1): Zipf with exponent 1.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        (((n as f64 + 1.0).powf(u) - 1.0) as usize).min(n - 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const FUNCTION_WORDS: &[&str] = &[
    "der", "die", "das", "und", "in", "den", "von", "zu", "mit", "sich", "des", "auf", "für",
    "ist", "im", "dem", "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus", "er",
    "hat", "dass", "sie", "nach", "wird", "bei", "einer", "um", "am", "sind", "noch", "wie",
    "einem", "über", "einen", "so", "zum", "war", "haben", "nur", "oder", "aber", "vor", "zur",
    "bis", "mehr", "durch", "man", "sein", "wurde", "sei", "wenn", "gegen", "seit", "unter",
    "soll", "habe", "sollen", "damit", "jedoch", "bereits", "zwischen", "ohne", "weil", "während",
];

#[rustfmt::skip]
const NOUN_STEMS: &[&str] = &[
    "Waffe", "Lieferung", "Minister", "Verteidigung", "Regierung", "Bündnis", "Gipfel", "Krieg",
    "Frieden", "Hilfe", "Munition", "Panzer", "Front", "Grenze", "Staat", "Präsident", "Kanzler",
    "Sicherheit", "Garantie", "Beitritt", "Erweiterung", "Ausgabe", "Haushalt", "Rüstung",
    "Industrie", "Produktion", "Sanktion", "Energie", "Gas", "Öl", "Preis", "Markt", "Handel",
    "Wirtschaft", "Bank", "Kredit", "Fonds", "Wiederaufbau", "Stadt", "Dorf", "Region", "Land",
    "Bevölkerung", "Flüchtling", "Schutz", "Luft", "Abwehr", "System", "Rakete", "Drohne",
    "Angriff", "Offensive", "Stellung", "Truppe", "Soldat", "Ausbildung", "Einsatz", "Mission",
    "Gespräch", "Verhandlung", "Vertrag", "Abkommen", "Erklärung", "Konferenz", "Treffen", "Besuch",
    "Reise", "Botschaft", "Diplomat", "Außen", "Innen", "Justiz", "Gericht", "Recht", "Gesetz",
    "Parlament", "Ausschuss", "Fraktion", "Partei", "Wahl", "Mehrheit", "Opposition", "Koalition",
    "Kommission", "Union", "Rat", "Bericht", "Analyse", "Studie", "Zahl", "Daten", "Informant",
    "Geheimdienst", "Spionage", "Cyber", "Netz", "Kabel", "Infrastruktur", "Hafen", "Schiff",
    "Marine", "Flotte", "Flugzeug", "Kampfjet", "Pilot", "Luftwaffe", "Heer", "Armee", "General",
    "Kommando", "Stab", "Hauptquartier", "Zentrum", "Basis", "Lager", "Depot", "Vorrat", "Bestand",
    "Lücke", "Mangel", "Bedarf", "Ziel", "Plan", "Strategie", "Konzept", "Reform", "Debatte",
    "Streit", "Kritik", "Druck", "Forderung", "Zusage", "Zeitplan", "Frist", "Woche", "Monat",
    "Jahr", "Tag", "Morgen", "Abend", "Nacht", "Winter", "Sommer", "Herbst", "Frühjahr", "Ende",
    "Anfang", "Mitte", "Folge", "Ursache", "Gefahr", "Risiko", "Lage", "Entwicklung", "Wandel",
    "Zukunft", "Geschichte", "Erinnerung", "Opfer", "Verlust", "Schaden", "Kosten", "Milliarde",
    "Million", "Euro", "Dollar", "Prozent", "Anteil", "Beitrag", "Partner", "Verbündete", "Nachbar",
    "Gegner", "Feind", "Freund", "Führung", "Spitze", "Sprecher", "Sprecherin", "Beamte", "Experte",
    "Expertin", "Beobachter", "Kreis", "Quelle", "Meldung", "Nachricht", "Agentur", "Zeitung",
    "Sender", "Interview", "Rede", "Ansprache", "Bild", "Video", "Aufnahme", "Karte", "Linie",
    "Korridor", "Brücke", "Straße", "Bahn", "Strom", "Wasser", "Wärme", "Kraftwerk", "Anlage",
    "Werk", "Fabrik", "Firma", "Konzern", "Auftrag", "Vertrag", "Export", "Import", "Zoll",
    "Steuer", "Schuld", "Zins", "Inflation", "Wachstum", "Krise", "Notlage", "Hunger", "Getreide",
    "Ernte", "Feld", "Mine", "Räumung", "Evakuierung", "Versorgung", "Transport", "Logistik",
    "Reserve", "Pflicht", "Dienst", "Wehr", "Miliz", "Polizei", "Grenzschutz", "Kontrolle",
    "Überwachung", "Aufklärung", "Satellit", "Raum", "Fahrt", "Flug", "Start", "Landung", "Übung",
    "Manöver", "Bereitschaft", "Abschreckung", "Eskalation", "Waffenruhe", "Feuerpause",
    "Gefangene", "Austausch", "Menschenrecht", "Verbrechen", "Ermittlung", "Anklage", "Urteil",
    "Strafe", "Haft",
];

const NOUN_ENDINGS: &[&str] = &["", "", "", "", "n", "en", "s", "es", "e", "er"];

#[rustfmt::skip]
const VERBS: &[&str] = &[
    "sagte", "erklärte", "betonte", "kündigte", "forderte", "warnte", "berichtete", "bestätigte",
    "teilte", "kritisierte", "versprach", "lehnte", "unterstützt", "liefert", "plant", "prüft",
    "verhandelt", "beschloss", "vereinbarte", "unterzeichnete", "traf", "besuchte", "reiste",
    "sprach", "nannte", "hieß", "gilt", "bleibt", "steht", "liegt", "fehlt", "braucht", "will",
    "kann", "muss", "soll", "dürfte", "könnte", "müsste", "würde", "hatte", "waren", "wurden",
    "stieg", "sank", "wuchs", "verlor", "gewann", "erreichte", "überschritt", "verfehlte",
    "bereitet", "verstärkt", "erhöht", "senkt", "verlängert", "beendet", "beginnt", "startet",
    "zeigt", "belegt", "deutet", "hinweist", "vorlegt", "ankündigt", "einräumt", "zurückweist",
    "angegriffen", "beschossen", "zerstört", "beschädigt", "evakuiert", "geliefert", "bestellt",
    "finanziert", "genehmigt", "blockiert", "verschoben", "abgesagt", "verlegt", "stationiert",
];

#[rustfmt::skip]
const ADJECTIVES: &[&str] = &[
    "neu", "groß", "klein", "schwer", "leicht", "militärisch", "politisch", "wirtschaftlich",
    "europäisch", "russisch", "ukrainisch", "deutsch", "amerikanisch", "französisch", "britisch",
    "polnisch", "baltisch", "westlich", "östlich", "nördlich", "südlich", "international",
    "national", "regional", "lokal", "zivil", "strategisch", "taktisch", "langfristig",
    "kurzfristig", "weitreichend", "modern", "alt", "zusätzlich", "weiter", "erst", "letzt",
    "nächst", "wichtig", "entscheidend", "deutlich", "massiv", "heftig", "schwierig", "offen",
    "geheim", "öffentlich", "gemeinsam", "einseitig", "verbindlich", "vorläufig", "endgültig",
];

const ADJECTIVE_ENDINGS: &[&str] = &["e", "en", "er", "es", "em", ""];

#[rustfmt::skip]
const OUTLETS: &[&str] = &[
    "tagesschau.de", "Deutsche Welle", "Der Spiegel", "Frankfurter Allgemeine",
    "Süddeutsche Zeitung", "Die Zeit", "Handelsblatt", "POLITICO", "dpa", "Reuters", "AFP",
    "Der Standard", "Neue Zürcher Zeitung", "taz", "Die Welt", "ZDF heute", "Deutschlandfunk",
    "RND", "Tagesspiegel", "n-tv",
];

#[rustfmt::skip]
const TOPICS: &[&str] = &[
    "Militärhilfe", "NATO-Beitritt der Ukraine", "Sicherheitsgarantien", "Rüstungsproduktion",
    "Verteidigungsausgaben", "NATO-Gipfel", "Sanktionen", "Energieversorgung", "Wiederaufbau",
    "Flucht und Migration", "Kriegsverbrechen", "Luftverteidigung", "Cyberangriffe", "Diplomatie",
    "Waffenruhe", "Getreideexporte", "Ostflanke", "Wehrpflicht", "Marine", "Desinformation",
    "Finanzhilfe", "EU-Beitritt", "Atomwaffen", "Munition", "Kampfjets", "Panzerlieferungen",
    "Geheimdienste", "Grenzschutz", "Wahlen", "Innenpolitik",
];

#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "Anna", "Peter", "Maria", "Thomas", "Katharina", "Michael", "Julia", "Andreas", "Sabine",
    "Stefan", "Olena", "Dmytro", "Oksana", "Taras", "Iryna", "Serhij", "Natalija", "Wolodymyr",
    "Jan", "Agnieszka", "Tomasz", "Krzysztof", "Ewa", "Piotr", "Marie", "Pierre", "Claire", "Jean",
    "Sophie", "Luc", "James", "Sarah", "David", "Emily", "Robert", "Laura", "Lars", "Ingrid",
    "Henrik", "Astrid", "Mikko", "Sanna", "Jonas", "Greta", "Matteo", "Giulia", "Pablo", "Lucía",
    "Kristjan", "Kaja", "Gitanas", "Ieva", "Arvid", "Elin", "Viktor", "Olga", "Boris", "Jelena",
    "Sergej", "Tatjana",
];

#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann",
    "Schäfer", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
    "Braun", "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler", "Herrmann",
    "Kowalenko", "Schewtschenko", "Bondarenko", "Tkatschenko", "Kowaltschuk", "Melnyk", "Boiko",
    "Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Dubois", "Martin",
    "Bernard", "Lefèvre", "Moreau", "Laurent", "Smith", "Johnson", "Brown", "Miller", "Davis",
    "Wilson", "Hansen", "Johansen", "Nilsson", "Lindqvist", "Virtanen", "Korhonen", "Rossi",
    "Bianchi", "García", "Fernández", "Tamm", "Saar", "Kazlauskas", "Bērziņš", "Ivanov", "Petrov",
    "Smirnow", "Popow", "Sokolow", "Lebedew", "Kusnezow", "Orlow", "Morozow", "Volkov", "Berg",
    "Lund", "Strand", "Holm",
];

const PLACE_PARTS: &[&str] = &[
    "Nord", "Süd", "Ost", "West", "Alt", "Neu", "Groß", "Klein", "Ober", "Unter", "Hoch", "Bad",
    "Sankt", "Ber", "Kal", "Mar", "Dor", "Lin", "Wal", "Ros", "Char", "Cher", "Sum", "Pol", "Myk",
    "Sap", "Kram", "Ode", "Lwi", "Riw",
];
const PLACE_ENDS: &[&str] = &[
    "burg", "dorf", "hausen", "heim", "stadt", "feld", "au", "tal", "kiw", "sk", "opil", "ino",
    "owka", "ijiw", "any", "ow", "itz", "enz",
];

#[rustfmt::skip]
const ORG_FORMS: &[&str] = &[
    "Ministerium für {}", "Amt für {}", "{}-Agentur", "Institut für {}", "{}-Kommission",
    "Stiftung {}", "{}-Verband", "Rat für {}", "{}-Allianz", "Zentrum für {}",
];

// ---------------------------------------------------------------------------------------------
// The registry

struct Entity {
    id: String,
    name: String,
    kind: &'static str,
    aliases: Vec<String>,
    description: String,
}

/// Entities with unique names and aliases (the registry refuses a name two entities share).
fn registry(rng: &mut Rng, count: usize) -> Vec<Entity> {
    let mut taken = std::collections::BTreeSet::new();
    let mut entities = Vec::new();
    let mut attempts = 0;
    while entities.len() < count && attempts < count * 20 {
        attempts += 1;
        let n = entities.len();
        let (name, kind, aliases, description) = match rng.below(10) {
            0..=4 => {
                let first = rng.pick(FIRST_NAMES);
                let last = rng.pick(LAST_NAMES);
                let middle = if rng.chance(0.4) {
                    format!(" {}.", (b'A' + rng.below(26) as u8) as char)
                } else {
                    String::new()
                };
                let name = format!("{first}{middle} {last}");
                let role = rng.pick(NOUN_STEMS);
                (
                    name,
                    "person",
                    vec![format!(
                        "{}. {last}",
                        &first[..first.chars().next().unwrap().len_utf8()]
                    )],
                    format!("{role}-Expertin oder -Experte, oft zitiert"),
                )
            }
            5..=7 => {
                let form = rng.pick(ORG_FORMS);
                let subject = format!(
                    "{}{}",
                    rng.pick(NOUN_STEMS),
                    rng.pick(&["", "politik", "fragen", "schutz", "forschung"])
                );
                let name = form.replace("{}", &subject);
                let acronym: String = name
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|w| w.len() > 3)
                    .filter_map(|w| w.chars().next())
                    .collect::<String>()
                    .to_uppercase();
                let aliases = if acronym.chars().count() >= 2 {
                    vec![acronym]
                } else {
                    vec![]
                };
                (
                    name,
                    "organisation",
                    aliases,
                    format!("Einrichtung für {subject}"),
                )
            }
            8 => {
                let name = format!("{}{}", rng.pick(PLACE_PARTS), rng.pick(PLACE_ENDS));
                (name, "place", vec![], "Ort im Berichtsgebiet".to_string())
            }
            _ => {
                let year = rng.range(2015, 2025);
                let place = format!("{}{}", rng.pick(PLACE_PARTS), rng.pick(PLACE_ENDS));
                let name = format!(
                    "{} in {place} {year}",
                    rng.pick(&["Gipfel", "Konferenz", "Treffen", "Manöver"])
                );
                (
                    name,
                    "event",
                    vec![],
                    format!("Zusammenkunft im Jahr {year}"),
                )
            }
        };
        let key = |s: &str| s.to_lowercase();
        if taken.contains(&key(&name)) {
            continue;
        }
        let aliases: Vec<String> = aliases
            .into_iter()
            .filter(|a| *a != name && !taken.contains(&key(a)))
            .collect();
        taken.insert(key(&name));
        for a in &aliases {
            taken.insert(key(a));
        }
        entities.push(Entity {
            id: format!("e{n}"),
            name,
            kind,
            aliases,
            description,
        });
    }
    entities
}

fn registry_toml(entities: &[Entity]) -> String {
    let mut out = String::from("# Synthetic registry written by examples/synthetic.rs.\n");
    for e in entities {
        let aliases: Vec<String> = e.aliases.iter().map(|a| quoted(a)).collect();
        let _ = write!(
            out,
            "\n[[entity]]\nid = {}\nname = {}\nkind = \"{}\"\naliases = [{}]\ndescription = {}\n",
            quoted(&e.id),
            quoted(&e.name),
            e.kind,
            aliases.join(", "),
            quoted(&e.description)
        );
    }
    out
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

// ---------------------------------------------------------------------------------------------
// Text

/// The words the text draws from, most frequent first.
struct Words {
    common: Vec<String>,
}

impl Words {
    fn new(rng: &mut Rng) -> Self {
        let mut common: Vec<String> = FUNCTION_WORDS.iter().map(|s| s.to_string()).collect();
        // Inflected forms, interleaved so frequent and rare forms of every kind exist.
        for round in 0..3 {
            for verb in VERBS {
                if round == 0 {
                    common.push(verb.to_string());
                }
            }
            for adjective in ADJECTIVES {
                common.push(format!(
                    "{adjective}{}",
                    ADJECTIVE_ENDINGS[(round * 2) % ADJECTIVE_ENDINGS.len()]
                ));
            }
            for noun in NOUN_STEMS {
                common.push(format!(
                    "{noun}{}",
                    NOUN_ENDINGS[(round * 3) % NOUN_ENDINGS.len()]
                ));
            }
        }
        // Compounds, the long tail of German news vocabulary.
        for _ in 0..40_000 {
            let a = rng.pick(NOUN_STEMS);
            let b = rng.pick(NOUN_STEMS).to_lowercase();
            let link = rng.pick(&["", "s", "n", ""]);
            let ending = rng.pick(NOUN_ENDINGS);
            if rng.chance(0.15) {
                common.push(format!("{a}-{}{}", capitalise(&b), ending));
            } else {
                common.push(format!("{a}{link}{b}{ending}"));
            }
        }
        Words { common }
    }

    fn word(&self, rng: &mut Rng) -> &str {
        &self.common[rng.zipf(self.common.len())]
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn date_expression(rng: &mut Rng, year: usize) -> String {
    match rng.below(7) {
        0 => format!(
            "am {}. {} {year}",
            rng.range(1, 28),
            rng.pick(&GERMAN_MONTHS)
        ),
        1 => format!("im {}", rng.pick(&GERMAN_MONTHS)),
        2 => format!("seit {}", year - rng.range(1, 9)),
        3 => format!("Ende {}", rng.pick(&GERMAN_MONTHS)),
        4 => format!("vor {} Wochen", rng.pick(&["zwei", "drei", "vier"])),
        5 => format!("Mitte {} {year}", rng.pick(&GERMAN_MONTHS)),
        _ => "im vergangenen Jahr".to_string(),
    }
}

struct Writer<'a> {
    rng: Rng,
    words: &'a Words,
    entities: &'a [Entity],
}

impl Writer<'_> {
    fn entity_name(&mut self) -> String {
        let e = &self.entities[self.rng.zipf(self.entities.len())];
        if !e.aliases.is_empty() && self.rng.chance(0.3) {
            e.aliases[0].clone()
        } else {
            e.name.clone()
        }
    }

    fn person(&mut self) -> String {
        loop {
            let e = &self.entities[self.rng.zipf(self.entities.len())];
            if e.kind == "person" {
                return e.name.clone();
            }
        }
    }

    fn sentence(&mut self, year: usize) -> String {
        let length = self.rng.range(8, 22);
        let mut words: Vec<String> = Vec::with_capacity(length + 6);
        for i in 0..length {
            if i > 0 && self.rng.chance(0.07) {
                words.push(self.entity_name());
            } else if i > 2 && self.rng.chance(0.025) {
                words.push(date_expression(&mut self.rng, year));
            } else {
                words.push(self.words.word(&mut self.rng).to_string());
            }
            if i > 3 && i + 3 < length && self.rng.chance(0.06) {
                let last = words.last_mut().unwrap();
                last.push(',');
            }
        }
        let mut text = capitalise(&words.join(" "));
        if self.rng.chance(0.12) {
            let quote = capitalise(
                &(0..self.rng.range(6, 14))
                    .map(|_| self.words.word(&mut self.rng).to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            let speaker = self.person();
            text = format!("„{quote}“, sagte {speaker}. {text}");
        }
        text.push('.');
        text
    }

    fn article(&mut self, year: usize) -> (String, String) {
        let title = capitalise(
            &(0..self.rng.range(5, 10))
                .map(|i| {
                    if i == 1 {
                        self.entity_name()
                    } else {
                        self.words.word(&mut self.rng).to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
        );
        let target = self.rng.range(600, 900);
        let headings = self.rng.range(2, 4);
        let mut body = String::new();
        let mut count = 0;
        let mut section = 0;
        while count < target {
            if section < headings && count > (section + 1) * target / (headings + 1) {
                section += 1;
                let heading = capitalise(
                    &(0..self.rng.range(2, 5))
                        .map(|_| self.words.word(&mut self.rng).to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                let _ = write!(body, "## {heading}\n\n");
            }
            let mut paragraph = Vec::new();
            for _ in 0..self.rng.range(2, 5) {
                let s = self.sentence(year);
                count += s.split_whitespace().count();
                paragraph.push(s);
            }
            body.push_str(&paragraph.join(" "));
            body.push_str("\n\n");
        }
        (title, body)
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    let mut entries: Vec<_> = fs::read_dir(from)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let out = &args.out;
    if out.exists() && fs::read_dir(out)?.next().is_some() {
        eprintln!("error: {} is not empty", out.display());
        std::process::exit(1);
    }
    let mut rng = Rng(args.seed);
    let entities = registry(&mut rng, args.entities);
    let words = Words::new(&mut rng);
    fs::create_dir_all(out.join("content"))?;
    fs::create_dir_all(out.join("seeds"))?;
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("templates"),
        &out.join("templates"),
    )?;
    fs::write(
        out.join("site.toml"),
        format!(
            "title = \"Synthetisches Dossier ({} Artikel)\"\ndescription = \"Benchmark-Dossier aus examples/synthetic.rs\"\nlanguage = \"de\"\n",
            args.articles
        ),
    )?;
    fs::write(out.join("content/entities.toml"), registry_toml(&entities))?;

    let mut writer = Writer {
        rng: Rng(args.seed.wrapping_mul(31).wrapping_add(7)),
        words: &words,
        entities: &entities,
    };
    let mut total_words = 0;
    for n in 0..args.articles {
        let year = writer.rng.range(2015, 2025);
        let month = writer.rng.range(1, 12);
        let date = if writer.rng.chance(0.9) {
            format!("{year}-{month:02}-{:02}", writer.rng.range(1, 28))
        } else {
            format!("{year}-{month:02}")
        };
        let (title, body) = writer.article(year);
        total_words += body.split_whitespace().count();
        let outlet = writer.rng.pick(OUTLETS).to_string();
        let mut topics: Vec<&str> = (0..writer.rng.range(1, 4))
            .map(|_| TOPICS[writer.rng.zipf(TOPICS.len())])
            .collect();
        topics.sort();
        topics.dedup();
        let topics: Vec<String> = topics.iter().map(|t| quoted(t)).collect();
        let summary = writer.sentence(year);
        let seed = format!("seeds/{n:06}.txt");
        fs::write(
            out.join(&seed),
            format!(" date {}\n{title} – {outlet}\n\n{body}", &date[..7]),
        )?;
        let article = format!(
            "+++\ntitle = {}\ndate = \"{date}\"\nsource = {}\nseed = \"{seed}\"\nsummary = {}\ntopics = [{}]\n+++\n\n{body}",
            quoted(&title),
            quoted(&outlet),
            quoted(&summary),
            topics.join(", ")
        );
        fs::write(out.join(format!("content/a{n:06}.md")), article)?;
    }
    eprintln!(
        "wrote {} articles ({} words), {} entities, {} topics to {}",
        args.articles,
        total_words,
        entities.len(),
        TOPICS.len(),
        out.display()
    );
    Ok(())
}
