//! A raw text, as copied from a news page (the seeds' form) → [`Draft`].
//!
//! The text comes in blocks separated by blank lines. What the copy carries besides the article
//! is recognised by its form and taken out of the body, but never dropped: every line taken out
//! is listed in [`Draft::removed`], and whatever the importer could not decide goes into
//! [`Draft::review`] with a reason.

use super::Draft;

/// Credit words: a short line holding one of them is a photo credit.
const CREDIT_MARKS: &[&str] = &[
    "Reuters",
    "dpa",
    "AFP",
    "AP",
    "Getty Images",
    "picture alliance",
    "IMAGO",
    "EPA",
    "Poolfoto",
];

/// Lines of audio players and comment forms that news pages leave in a copy.
const BOILERPLATE: &[&str] = &[
    "Drücken Sie Play, um diesen Artikel anzuhören",
    "Gesprochen von künstlicher Intelligenz.",
    "Schreibe einen Kommentar",
    "Deine E-Mail-Adresse wird nicht veröffentlicht.",
];

/// Agencies as their abbreviations stand in a footer such as `sti/AR (dpa, rtr)`.
const AGENCIES: &[(&str, &str)] = &[
    ("dpa", "dpa"),
    ("rtr", "Reuters"),
    ("afp", "AFP"),
    ("ap", "AP"),
    ("epd", "epd"),
    ("kna", "KNA"),
    ("sid", "SID"),
];

/// Reads a raw text.
pub fn parse(text: &str) -> Draft {
    let mut draft = Draft::default();
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    for block in text.split("\n\n") {
        let lines: Vec<&str> = block
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            blocks.push(lines);
        }
    }

    // A leading ` date YYYY-MM` line: the date, then the teaser on the same line.
    if let Some(first) = blocks.first_mut().and_then(|b| b.first_mut())
        && let Some((date, rest)) = leading_date(first)
    {
        draft.date = Some(date.to_string());
        *first = rest;
    }

    // A copy keeps a paragraph on one line; lines without a blank between are paragraphs too,
    // except a photo's lines around its credit, which make one unit.
    let mut units: Vec<Unit> = Vec::new();
    for block in &blocks {
        match block.iter().position(|line| is_credit(line)) {
            Some(at) => {
                let short = |i: usize| block.get(i).filter(|l| l.chars().count() <= 120);
                let alt = at.checked_sub(1).and_then(|i| short(i).copied());
                let mut caption = short(at + 1).copied();
                let first = at - usize::from(alt.is_some());
                let last = at + usize::from(caption.is_some());
                // `© AP Nicolas TucatAntony Blinken und …`: credit and caption run together.
                let (credit, glued) = split_glued_credit(block[at]);
                if glued.is_some() {
                    caption = glued;
                    draft.review.push(format!(
                        "caption: credit and caption ran together and were split: `{}`",
                        block[at]
                    ));
                }
                units.extend(block[..first].iter().map(|l| Unit::Line(l)));
                units.push(Unit::Figure(figure(alt, credit, caption)));
                units.extend(block[last + 1..].iter().map(|l| Unit::Line(l)));
            }
            None => units.extend(block.iter().map(|line| match inline_credit(line) {
                Some((caption, credit)) => Unit::Figure(figure(None, credit, Some(caption))),
                None => Unit::Line(line),
            })),
        }
    }

    let mut body: Vec<String> = Vec::new();
    let mut seen_text = false;
    for (i, unit) in units.iter().enumerate() {
        let line = match unit {
            Unit::Figure(figure) => {
                body.push(figure.clone());
                continue;
            }
            Unit::Line(line) => *line,
        };
        let next_is_text = matches!(units.get(i + 1), Some(Unit::Line(next)) if !is_heading(next));
        // An agency footer (`sti/AR (dpa, rtr)`) ends the text.
        if i + 1 == units.len()
            && let Some((authors, agencies)) = agency_footer(line)
        {
            draft.authors = authors;
            draft.agencies = agencies;
            draft.removed.push(line.to_string());
            continue;
        }
        if line.is_empty() {
            continue;
        }
        if BOILERPLATE.iter().any(|b| line.starts_with(b)) {
            draft.removed.push(line.to_string());
            continue;
        }
        if let Some(names) = line.strip_suffix(" trug zur Berichterstattung bei.") {
            draft
                .contributors
                .extend(names.split(" und ").map(str::to_string));
            draft.removed.push(line.to_string());
            continue;
        }
        if !seen_text && draft.title.is_none() && is_heading(line) {
            let (title, outlet) = split_outlet(line);
            draft.title = Some(title.to_string());
            draft.outlet = outlet.map(str::to_string);
            continue;
        }
        if is_heading(line) && next_is_text {
            body.push(format!("## {line}"));
            continue;
        }
        seen_text = true;
        // A sentence standing alone in quotation marks is a pull quote.
        if is_pull_quote(line) {
            body.push(format!("> {line}"));
            continue;
        }
        body.push(line.to_string());
    }
    // A page's teaser is often repeated further down, its first sentence restating the lede's
    // in other words: flagged, not removed.
    let lede = body
        .iter()
        .position(|b| !b.starts_with("```") && !b.starts_with('#'));
    if let Some(lede) = lede {
        let lede_words = words(first_sentence(&body[lede]));
        for paragraph in body.iter().skip(lede + 1) {
            let sentence = words(first_sentence(paragraph));
            if !paragraph.starts_with("```")
                && !paragraph.starts_with('#')
                && lede_words.len().min(sentence.len()) >= 5
                && overlap(&lede_words, &sentence) >= 0.5
            {
                let start: String = paragraph.chars().take(60).collect();
                draft.review.push(format!(
                    "body: a paragraph restates the lede (the page's teaser repeated?), kept: `{start}…`"
                ));
            }
        }
    }
    draft.body = body;
    if draft.title.is_none() {
        draft
            .review
            .push("title: the text has no line that reads as a headline".to_string());
    }
    if draft.date.is_none() {
        draft
            .review
            .push("date: the text gives no date line; no date is guessed".to_string());
    }
    if draft.outlet.is_none() {
        draft
            .review
            .push("source: the text names no outlet after its headline".to_string());
    }
    draft
}

/// A paragraph's first sentence.
fn first_sentence(text: &str) -> &str {
    text.find(". ").map_or(text, |end| &text[..=end])
}

/// The lowercase words of a text, as a set.
fn words(text: &str) -> std::collections::BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 3)
        .map(str::to_lowercase)
        .collect()
}

/// Share of the smaller set's words found in the other.
fn overlap(a: &std::collections::BTreeSet<String>, b: &std::collections::BTreeSet<String>) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / smaller as f64
}

/// ` date 2024-07 Teaser…` → ("2024-07", "Teaser…").
fn leading_date(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim_start().strip_prefix("date ")?;
    let end = rest.find(' ').unwrap_or(rest.len());
    let date = &rest[..end];
    let valid = date.len() >= 4
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && matches!(date.len(), 4 | 7 | 10);
    valid.then(|| (date, rest[end..].trim()))
}

/// A short line without closing punctuation: a headline or subheading.
fn is_heading(line: &str) -> bool {
    let chars = line.chars().count();
    (3..=120).contains(&chars)
        && !line.ends_with(['.', ',', ';', '!', '?', ':'])
        && !line.ends_with(".\"")
        && !line.ends_with(".“")
}

/// A whole sentence in quotation marks (`"Dank der … gewonnen hat."`), on a line of its own,
/// with no other quotation marks: a quote with its speaker (`„…“, sagte er.`) is a paragraph.
fn is_pull_quote(line: &str) -> bool {
    let marks = line.chars().filter(|c| "\"„“”»«".contains(*c)).count();
    marks == 2
        && line.starts_with(['"', '„', '“', '»'])
        && [".\"", ".“", ".”", ".«", "!\"", "!“", "?\"", "?“"]
            .iter()
            .any(|end| line.ends_with(end))
}

/// `Headline – POLITICO` → ("Headline", Some("POLITICO")).
fn split_outlet(line: &str) -> (&str, Option<&str>) {
    for dash in [" – ", " | ", " - "] {
        if let Some((title, outlet)) = line.rsplit_once(dash) {
            let words = outlet.split_whitespace().count();
            if (1..=3).contains(&words) && outlet.chars().next().is_some_and(char::is_uppercase) {
                return (title.trim(), Some(outlet.trim()));
            }
        }
    }
    (line, None)
}

/// Whether a line is a photo credit (`Reuters/Gleb Garanich`, `© AP Nicolas Tucat`,
/// `Bild: …`).
fn is_credit(line: &str) -> bool {
    if agency_footer(line).is_some() {
        return false;
    }
    line.starts_with('©')
        || line.starts_with("Bild:")
        || line.starts_with("Foto:")
        || (line.chars().count() <= 60
            && !line.ends_with('.')
            && CREDIT_MARKS.iter().any(|mark| {
                line.split(|c: char| !c.is_alphanumeric() && c != ' ')
                    .any(|part| part.trim() == *mark || part.trim().starts_with(mark))
                    && (line == *mark || line.contains('/') || line.starts_with(mark))
            }))
}

/// `© AP Nicolas TucatAntony Blinken und …` → (`© AP Nicolas Tucat`, `Antony Blinken und …`):
/// a credit run into its caption, split where a lowercase letter meets a capital.
fn split_glued_credit(line: &str) -> (&str, Option<&str>) {
    if !line.starts_with('©') {
        return (line, None);
    }
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        if previous.is_lowercase() && c.is_uppercase() {
            return (&line[..i], Some(&line[i..]));
        }
        previous = c;
    }
    (line, None)
}

/// `Olaf Scholz Poolfoto von Kai Pfaffenbach/AFP` or `Selenskyj in Wiesbaden Bild: Ukraine
/// Presidency/picture alliance` → (caption, credit): a caption with its credit on one line.
fn inline_credit(line: &str) -> Option<(&str, &str)> {
    ["Bild: ", "Foto: ", "Poolfoto von "]
        .iter()
        .find_map(|marker| line.find(&format!(" {marker}")))
        .map(|at| (line[..at].trim(), line[at..].trim()))
        .filter(|(caption, credit)| {
            !caption.is_empty() && credit.chars().count() <= 120 && !credit.ends_with('.')
        })
}

/// A line of the text, or a photo's lines as one `figure` block.
enum Unit<'a> {
    Line(&'a str),
    Figure(String),
}

/// A photo's lines as a `figure` block: the short line before the credit is the photo's
/// description, the short line after it the caption.
fn figure(alt: Option<&str>, credit: &str, caption: Option<&str>) -> String {
    let mut out = String::from("```figure\n");
    if let Some(alt) = alt {
        out.push_str(&format!("alt: {alt}\n"));
    }
    if let Some(caption) = caption {
        out.push_str(&format!("caption: {caption}\n"));
    }
    out.push_str(&format!("credit: {credit}\n```"));
    out
}

/// `sti/AR (dpa, rtr)` → (authors `sti`, `AR`; agencies dpa, Reuters).
fn agency_footer(line: &str) -> Option<(Vec<String>, Vec<String>)> {
    let (initials, rest) = line.split_once(" (")?;
    let inside = rest.strip_suffix(')')?;
    let agencies: Option<Vec<String>> = inside
        .split(',')
        .map(|a| {
            let a = a.trim().to_lowercase();
            AGENCIES
                .iter()
                .find(|(short, _)| *short == a)
                .map(|(_, name)| name.to_string())
        })
        .collect();
    let authors: Vec<String> = initials.split('/').map(|s| s.trim().to_string()).collect();
    let short = authors
        .iter()
        .all(|a| (1..=4).contains(&a.len()) && a.chars().all(char::is_alphabetic));
    short.then_some((authors, agencies?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_line_gives_the_date_and_keeps_the_teaser() {
        let d = parse(" date 2024-07 Ein Beamter soll steuern.\n\nText folgt.\n");
        assert_eq!(d.date.as_deref(), Some("2024-07"));
        assert_eq!(d.body, ["Ein Beamter soll steuern.", "Text folgt."]);
        assert!(d.review.iter().any(|r| r.starts_with("title:")));
    }

    #[test]
    fn no_date_is_guessed() {
        let d = parse("Überschrift ohne Datum\n\nText vom 13. November.\n");
        assert_eq!(d.date, None);
        assert!(d.review.iter().any(|r| r.starts_with("date:")));
    }

    #[test]
    fn a_headline_with_an_outlet_suffix() {
        let d = parse(
            "Westmächte wetteifern – POLITICO\n\nDrücken Sie Play, um diesen Artikel anzuhören\n\nGesprochen von künstlicher Intelligenz.\n\nText.\n\nJacopo Barigazzi trug zur Berichterstattung bei.\n\nSchreibe einen Kommentar\n",
        );
        assert_eq!(d.title.as_deref(), Some("Westmächte wetteifern"));
        assert_eq!(d.outlet.as_deref(), Some("POLITICO"));
        assert_eq!(d.body, ["Text."]);
        assert_eq!(d.contributors, ["Jacopo Barigazzi"]);
        assert_eq!(d.removed.len(), 4, "{:?}", d.removed);
    }

    #[test]
    fn captions_with_credits_become_figures() {
        let d = parse(
            "NATO-Generalsekretär Jens Stoltenberg in Kiew\nReuters/Gleb Garanich\nErster Besuch seit russischer Invasion\n\nStoltenberg besucht überraschend Kiew\n\nText.\n",
        );
        assert_eq!(
            d.body[0],
            "```figure\nalt: NATO-Generalsekretär Jens Stoltenberg in Kiew\ncaption: Erster Besuch seit russischer Invasion\ncredit: Reuters/Gleb Garanich\n```"
        );
        assert_eq!(
            d.title.as_deref(),
            Some("Stoltenberg besucht überraschend Kiew")
        );
    }

    #[test]
    fn a_credit_run_into_its_caption_is_split() {
        let d = parse(
            "Ein Absatz.\nAntony Blinken USA Mark Rutte NATO\n© AP Nicolas TucatAntony Blinken und Mark Rutte in Brüssel\nNoch ein Absatz, lang genug und mit Punkt am Ende des Satzes, der weitergeht und weitergeht und weitergeht und weitergeht bis hier.\n",
        );
        assert_eq!(d.body[0], "Ein Absatz.");
        assert_eq!(
            d.body[1],
            "```figure\nalt: Antony Blinken USA Mark Rutte NATO\ncaption: Antony Blinken und Mark Rutte in Brüssel\ncredit: © AP Nicolas Tucat\n```"
        );
        assert!(d.review.iter().any(|r| r.starts_with("caption:")));
    }

    #[test]
    fn a_repeated_teaser_is_flagged_not_removed() {
        let d = parse(
            "NATO-Generalsekretär Jens Stoltenberg ist am Donnerstag zu einem unangekündigten Besuch in die Ukraine gereist. Weiteres.\n\nAnderer Text über Munition.\n\nNATO-Generalsekretär Jens Stoltenberg ist überraschend zu einem Besuch in der ukrainischen Hauptstadt Kiew eingetroffen. Bei seiner ersten Visite.\n",
        );
        assert_eq!(d.body.len(), 3);
        assert!(
            d.review.iter().any(|r| r.contains("restates the lede")),
            "{:?}",
            d.review
        );
    }

    #[test]
    fn a_quoted_sentence_alone_is_a_pull_quote_and_a_quoted_title_a_subheading() {
        let d = parse("Text.\n\n\"Signal an die Industrie\"\n\nMehr.\n\n\"Wir haben gewonnen.\"\n");
        assert_eq!(
            d.body,
            [
                "Text.",
                "## \"Signal an die Industrie\"",
                "Mehr.",
                "> \"Wir haben gewonnen.\""
            ]
        );
    }

    #[test]
    fn a_caption_with_its_credit_on_one_line() {
        let d = parse(
            "Text.\n\nBundeskanzler Olaf Scholz Poolfoto von Kai Pfaffenbach/AFP über Getty Images\n",
        );
        assert_eq!(
            d.body[1],
            "```figure\ncaption: Bundeskanzler Olaf Scholz\ncredit: Poolfoto von Kai Pfaffenbach/AFP über Getty Images\n```"
        );
    }

    #[test]
    fn subheadings_and_agency_footers() {
        let d = parse("Text.\n\nZwischentitel hier\n\nMehr Text.\n\nsti/AR (dpa, rtr)\n");
        assert_eq!(d.body, ["Text.", "## Zwischentitel hier", "Mehr Text."]);
        assert_eq!(d.authors, ["sti", "AR"]);
        assert_eq!(d.agencies, ["dpa", "Reuters"]);
        assert_eq!(d.removed, ["sti/AR (dpa, rtr)"]);
    }
}
