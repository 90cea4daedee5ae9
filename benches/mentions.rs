//! Mention detection throughput with a registry of 5,000 entities.
//!
//! `cargo bench --bench mentions` generates a deterministic registry (5,000 entities, each with
//! a canonical name and two or three aliases) and about 20 MB of German-like article text that
//! names some of them in all the forms the detector handles (genitive, hyphen compound, full
//! name, surname), then reports how fast the detector reads it.

use std::path::Path;
use std::time::Instant;

use dossier::enrich::mentions::MentionDetector;
use dossier::load::EntityRegistry;

const ENTITIES: usize = 5_000;
const TEXT_BYTES: usize = 20 * 1024 * 1024;

/// A small deterministic generator (xorshift), so every run reads the same text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ro", "wen", "sel", "mar", "ti", "ber", "lo", "nik", "sta", "vo", "gar", "len", "mi",
    "dor", "ju", "pe", "ras", "ko", "fel", "an", "tus", "mel", "ri", "schow", "berg", "ow", "ski",
];

const WORDS: &[&str] = &[
    "die",
    "der",
    "und",
    "Regierung",
    "Bündnis",
    "sagte",
    "am",
    "Donnerstag",
    "in",
    "Hauptstadt",
    "Militärhilfe",
    "Munition",
    "Verhandlungen",
    "über",
    "weitere",
    "Unterstützung",
    "für",
    "das",
    "Land",
    "Gipfel",
    "erklärte",
    "nach",
    "einem",
    "Treffen",
    "mit",
    "Vertretern",
    "Ministerium",
    "Sicherheit",
    "Verteidigung",
    "Lieferungen",
    "Zusage",
    "Milliarden",
    "Euro",
    "Front",
];

fn name(rng: &mut Rng, parts: usize) -> String {
    let mut word: String = (0..parts).map(|_| rng.pick(SYLLABLES)).collect();
    word[..1].make_ascii_uppercase();
    word
}

fn main() {
    let mut rng = Rng(0x2545F4914F6CDD1D);
    let mut registry = String::new();
    let mut surnames = Vec::with_capacity(ENTITIES);
    for i in 0..ENTITIES {
        let first = name(&mut rng, 2);
        let last = format!("{}{i}", name(&mut rng, 3));
        let misspelt = format!("{last}x");
        registry.push_str(&format!(
            "[[entity]]\nid = \"e{i}\"\nname = \"{first} {last}\"\nkind = \"person\"\naliases = [\"{last}\", \"{misspelt}\"]\ndescription = \"Person {i}\"\n\n"
        ));
        surnames.push((first, last));
    }
    let started = Instant::now();
    let registry = EntityRegistry::parse(Path::new("entities.toml"), &registry).expect("valid");
    let parsed = started.elapsed();
    let started = Instant::now();
    let detector = MentionDetector::new(&registry);
    let built = started.elapsed();

    let mut text = String::with_capacity(TEXT_BYTES + 1024);
    while text.len() < TEXT_BYTES {
        for _ in 0..12 {
            text.push_str(rng.pick(WORDS));
            text.push(' ');
        }
        let (first, last) = &surnames[(rng.next() % ENTITIES as u64) as usize];
        match rng.next() % 4 {
            0 => text.push_str(&format!("{first} {last} ")),
            1 => text.push_str(&format!("{last}s ")),
            2 => text.push_str(&format!("{last}-Regierung ")),
            _ => text.push_str(&format!("Kollegen{last} ")),
        }
        text.push_str(". ");
    }

    let runs = 3;
    let mut best = f64::MAX;
    let mut found = 0;
    for _ in 0..runs {
        let started = Instant::now();
        found = detector.find(&text).len();
        best = best.min(started.elapsed().as_secs_f64());
    }
    let mb = text.len() as f64 / (1024.0 * 1024.0);
    println!(
        "registry: {ENTITIES} entities, {} names, parsed in {:.0} ms, automaton built in {:.0} ms",
        ENTITIES * 3,
        parsed.as_secs_f64() * 1e3,
        built.as_secs_f64() * 1e3
    );
    println!("text: {mb:.1} MB, {found} mentions found");
    println!(
        "mention detection: {:.0} MB/s (best of {runs}: {:.3} s)",
        mb / best,
        best
    );
}
