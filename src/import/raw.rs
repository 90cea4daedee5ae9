//! A raw text, as copied from a news page (the seeds' form) → [`Draft`].
//!
//! The text comes in blocks separated by blank lines. What the copy carries besides the article
//! is recognised by its form and taken out of the body, but never dropped: every line taken out
//! is listed in [`Draft::removed`], and whatever the importer could not decide goes into
//! [`Draft::review`] with a reason.

use super::Draft;
use crate::date::expressions::Basis;
use crate::date::{PartialDate, find_date_expressions};

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

/// Beginnings of lines that news pages leave in a copy around the article: audio players,
/// comment and newsletter forms, cookie notices, sharing buttons, links to other articles.
const BOILERPLATE: &[&str] = &[
    "Drücken Sie Play, um diesen Artikel anzuhören",
    "Gesprochen von künstlicher Intelligenz.",
    "Schreibe einen Kommentar",
    "Deine E-Mail-Adresse wird nicht veröffentlicht.",
    "Lesen Sie auch",
    "Lesen Sie mehr",
    "Mehr zum Thema",
    "Mehr zu diesem Thema",
    "Auch interessant",
    "Das könnte Sie auch interessieren",
    "Teilen Sie diesen Artikel",
    "Artikel teilen",
    "Facebook Twitter",
    "Wir verwenden Cookies",
    "Diese Website verwendet Cookies",
    "Newsletter",
    "Jetzt abonnieren",
    "Jetzt kostenlos testen",
    "Zur Startseite",
    "Kommentare",
];

/// Lines after which a page lists other articles.
const RELATED: &[&str] = &[
    "Mehr zum Thema",
    "Mehr zu diesem Thema",
    "Auch interessant",
    "Das könnte Sie auch interessieren",
];

/// Whether the next unit is the title printed again (so the line before it is its kicker).
fn repeats_title(next: Option<&Unit>, title: &str) -> bool {
    matches!(next, Some(Unit::Line(next)) if is_heading(next) && title.ends_with(next))
}

/// `Von Julia Weiß · 19.03.2024, 17:05 Uhr` → (authors, the date if one follows).
fn byline(line: &str) -> Option<(Vec<String>, Option<String>)> {
    let rest = line.strip_prefix("Von ")?;
    if line.chars().count() > 100 || line.ends_with('.') {
        return None;
    }
    let (names, after) = match rest.find([',', '·', '|']) {
        Some(at) => (
            &rest[..at],
            rest[at..].trim_start_matches([',', '·', '|']).trim(),
        ),
        None => (rest, ""),
    };
    let authors: Vec<String> = names
        .split(" und ")
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    let names_only = authors.iter().all(|n| {
        let words: Vec<&str> = n.split_whitespace().collect();
        (2..=4).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    });
    let date = date_at_start(after).map(|(date, _)| date);
    (names_only && !authors.is_empty() && (after.is_empty() || date.is_some()))
        .then_some((authors, date))
}

/// Whole lines that are page furniture, not text.
const FURNITURE: &[&str] = &["Anzeige", "Teilen", "Drucken", "Merken", "Werbung"];

/// Whether a line is page furniture or boilerplate rather than the article's text.
pub(super) fn is_boilerplate(line: &str) -> bool {
    let line = line.trim();
    FURNITURE.contains(&line)
        || BOILERPLATE.iter().any(|b| line.starts_with(b))
        || (line.contains("Cookies") && line.contains("verwenden"))
        || (line.contains("Newsletter")
            && ["abonnieren", "Melden Sie sich", "anmelden"]
                .iter()
                .any(|w| line.contains(w)))
        || line.contains("Jetzt abonnieren")
        || (line.contains("Jetzt") && line.contains("kostenlos testen"))
}

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
                let before = at.checked_sub(1).and_then(|i| short(i).copied());
                let after = short(at + 1).copied();
                // The line before the credit is the caption, unless one follows it: then the
                // line before describes the photo.
                let (mut alt, mut caption) = match (before, after) {
                    (Some(before), Some(after)) => (Some(before), Some(after)),
                    (before, None) => (None, before),
                    (None, after) => (None, after),
                };
                let first = at - usize::from(before.is_some());
                let last = at + usize::from(after.is_some());
                // `© AP Nicolas TucatAntony Blinken und …`: credit and caption run together.
                let (credit, glued) = split_glued_credit(block[at]);
                if glued.is_some() {
                    alt = before;
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
    // After `Mehr zum Thema`, the titles of other articles, until the text goes on.
    let mut in_related = false;
    for (i, unit) in units.iter().enumerate() {
        let line = match unit {
            Unit::Figure(figure) => {
                body.push(figure.clone());
                continue;
            }
            Unit::Line(line) => *line,
        };
        let next_is_text = matches!(units.get(i + 1), Some(Unit::Line(next)) if !is_heading(next));
        // An agency footer (`sti/AR (dpa, rtr)`) ends the text; page furniture may follow.
        let ends_text = units[i + 1..]
            .iter()
            .all(|u| matches!(u, Unit::Line(l) if is_boilerplate(l)));
        if ends_text && let Some((authors, agencies)) = agency_footer(line) {
            draft.authors = authors;
            draft.agencies = agencies;
            draft.removed.push(line.to_string());
            continue;
        }
        if line.is_empty() {
            continue;
        }
        if is_boilerplate(line) {
            in_related = RELATED.iter().any(|r| line.starts_with(r));
            draft.removed.push(line.to_string());
            continue;
        }
        if in_related && is_heading(line) {
            draft.removed.push(line.to_string());
            continue;
        }
        in_related = false;
        // A byline: `Von Julia Weiß · 19.03.2024, 17:05 Uhr`.
        if let Some((authors, date)) = byline(line) {
            draft.authors.extend(authors);
            if draft.date.is_none() {
                draft.date = date;
            }
            draft.removed.push(line.to_string());
            continue;
        }
        // The headline printed again under its kicker (`Ampelkoalition` / `Lindner und Habeck
        // streiten …`): both are the page's furniture once the title is known.
        if let Some(title) = &draft.title
            && is_heading(line)
            && (title.ends_with(line)
                || (line.split_whitespace().count() <= 3 && repeats_title(units.get(i + 1), title)))
        {
            draft.removed.push(line.to_string());
            continue;
        }
        // A date line (`08.07.2024, 14.32 Uhr`, `Stand: 5. November 2023, 8:15 Uhr`) near the
        // top: the date, supported by the text; the line is kept in `removed`.
        if draft.date.is_none()
            && !seen_text_beyond(&body, 2)
            && let Some(date) = date_line(line)
        {
            draft.date = Some(date);
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
    // A dateline (`Berlin, 14. Februar 2023 – …`) opening the text dates it; the editor
    // confirms that it is the publication date.
    if draft.date.is_none()
        && let Some((date, dateline)) = body
            .iter()
            .find(|b| !b.starts_with("```") && !b.starts_with('#'))
            .and_then(|lede| dateline(lede))
    {
        draft.date = Some(date);
        draft.review.push(format!(
            "date: taken from the dateline `{dateline}`; confirm that it is the publication date"
        ));
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
        draft.review.push(
            "date: the text gives no date (no date line, dateline or `Stand:` line); none is guessed"
                .to_string(),
        );
    }
    if draft.outlet.is_none() {
        draft
            .review
            .push("source: the text names no outlet after its headline".to_string());
    }
    draft
}

/// A date at the start of `text`: `08.07.2024` or `5. November 2023` → (`2024-07-08`, its
/// length in bytes). Read by the date stage's own reader of German dates, which also knows that
/// there is no 30 February; only a date the text states in full counts.
fn date_at_start(text: &str) -> Option<(String, usize)> {
    // A stated date does not depend on the article's date; any will do.
    let found = find_date_expressions(text, PartialDate::year(2000))
        .into_iter()
        .next()?;
    if found.range.start != 0 || found.basis != Basis::Stated || found.span.is_range() {
        return None;
    }
    let (year, Some(month), Some(day)) = found.span.start_parts() else {
        return None;
    };
    Some((format!("{year:04}-{month:02}-{day:02}"), found.range.end))
}

/// A line that is only a date (and time): `08.07.2024, 14.32 Uhr`, `Stand: 5. November 2023`.
fn date_line(line: &str) -> Option<String> {
    let text = [
        "Stand: ",
        "Aktualisiert am ",
        "Veröffentlicht am ",
        "Erstellt am ",
    ]
    .iter()
    .find_map(|p| line.strip_prefix(p))
    .unwrap_or(line);
    let (date, used) = date_at_start(text)?;
    let rest = text[used..].trim();
    let time_only = rest
        .trim_start_matches(',')
        .trim()
        .trim_end_matches("Uhr")
        .trim()
        .chars()
        .all(|c| c.is_ascii_digit() || c == ':' || c == '.');
    time_only.then_some(date)
}

/// `Berlin, 14. Februar 2023 – Die …` → (`2023-02-14`, `Berlin, 14. Februar 2023`).
fn dateline(paragraph: &str) -> Option<(String, &str)> {
    let (place, rest) = paragraph.split_once(", ")?;
    if place.chars().count() > 30 || !place.chars().next()?.is_uppercase() {
        return None;
    }
    let (date, used) = date_at_start(rest)?;
    let after = rest[used..].trim_start();
    (after.starts_with('–') || after.starts_with("- ") || after.starts_with('—'))
        .then(|| (date, &paragraph[..place.len() + 2 + used]))
}

/// Whether more than `n` paragraphs of text came before.
fn seen_text_beyond(body: &[String], n: usize) -> bool {
    body.iter()
        .filter(|b| !b.starts_with("```") && !b.starts_with('#'))
        .count()
        > n
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

/// The agency a footer abbreviation stands for (`rtr` → Reuters).
fn agency(word: &str) -> Option<&'static str> {
    let word = word.trim().to_lowercase();
    AGENCIES
        .iter()
        .find(|(short, name)| *short == word || name.to_lowercase() == word)
        .map(|(_, name)| *name)
}

/// An agency footer → (author initials, agencies): `sti/AR (dpa, rtr)`, `jdl/dpa/AFP`,
/// `(dpa)`, `© dpa-infocom, dpa:230214-99-587123/4`.
fn agency_footer(line: &str) -> Option<(Vec<String>, Vec<String>)> {
    let line = line.trim();
    if line.starts_with("© dpa-infocom") {
        return Some((Vec::new(), vec!["dpa".to_string()]));
    }
    let initials =
        |part: &str| (1..=4).contains(&part.len()) && part.chars().all(char::is_alphabetic);
    if let Some((before, rest)) = line.split_once('(') {
        let inside = rest.strip_suffix(')')?;
        let agencies: Option<Vec<String>> = inside
            .split(',')
            .map(|a| agency(a).map(str::to_string))
            .collect();
        let before = before.trim();
        let authors: Vec<String> = if before.is_empty() {
            Vec::new()
        } else {
            before.split('/').map(|s| s.trim().to_string()).collect()
        };
        return authors
            .iter()
            .all(|a| initials(a))
            .then_some((authors, agencies?));
    }
    // `jdl/dpa/AFP`: initials and agencies joined by slashes, at least one agency.
    if line.contains(' ') || !line.contains('/') {
        return None;
    }
    let (mut authors, mut agencies) = (Vec::new(), Vec::new());
    for part in line.split('/') {
        match agency(part) {
            Some(name) => agencies.push(name.to_string()),
            None if initials(part) => authors.push(part.to_string()),
            None => return None,
        }
    }
    (!agencies.is_empty()).then_some((authors, agencies))
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
    fn dates_the_text_gives_in_other_forms() {
        let d = parse("Titel hier\n\nVorspann.\n\n08.07.2024, 14.32 Uhr\n\nText.\n");
        assert_eq!(d.date.as_deref(), Some("2024-07-08"));
        assert_eq!(d.removed, ["08.07.2024, 14.32 Uhr"]);
        let d = parse("Text.\n\nStand: 5. November 2023, 8:15 Uhr\n");
        assert_eq!(d.date.as_deref(), Some("2023-11-05"));
        let d = parse("Berlin, 14. Februar 2023 – Die Behörde warnt.\n");
        assert_eq!(d.date.as_deref(), Some("2023-02-14"));
        assert_eq!(d.body, ["Berlin, 14. Februar 2023 – Die Behörde warnt."]);
        assert!(
            d.review
                .iter()
                .any(|r| r.contains("dateline `Berlin, 14. Februar 2023`"))
        );
        // A date inside a sentence is no date line.
        assert_eq!(parse("Am 5. November 2023 traf er ihn.\n").date, None);
        // Nor is a day the month does not have.
        assert_eq!(parse("Text.\n\n30.02.2024\n").date, None);
    }

    #[test]
    fn page_furniture_and_links_to_other_articles_are_removed() {
        let d = parse(
            "Text.\n\nLesen Sie auch: Warum alles anders ist\n\nAnzeige\n\nMehr Text.\n\nTeilen Sie diesen Artikel:\nFacebook Twitter WhatsApp E-Mail\n\nWir verwenden Cookies, um Ihnen …\n",
        );
        assert_eq!(d.body, ["Text.", "Mehr Text."]);
        assert_eq!(d.removed.len(), 5, "{:?}", d.removed);
    }

    #[test]
    fn agency_footers_in_other_forms() {
        for (line, authors, agencies) in [
            ("jdl/dpa/AFP", vec!["jdl"], vec!["dpa", "AFP"]),
            ("(dpa)", vec![], vec!["dpa"]),
            (
                "jdl/dpa/AFP\n\nWir verwenden Cookies.",
                vec!["jdl"],
                vec!["dpa", "AFP"],
            ),
            ("© dpa-infocom, dpa:230214-99-587123/4", vec![], vec!["dpa"]),
        ] {
            let d = parse(&format!("Text.\n\n{line}\n"));
            assert_eq!(d.body, ["Text."], "{line}");
            assert_eq!(d.authors, authors, "{line}");
            assert_eq!(d.agencies, agencies, "{line}");
            assert_eq!(d.removed[0], line.lines().next().unwrap());
        }
        // A credit is no footer.
        assert_eq!(agency_footer("Reuters/Gleb Garanich"), None);
    }

    #[test]
    fn kicker_repeated_headline_byline_and_related_articles() {
        let d = parse(
            "Bundeshaushalt: Lindner und Habeck streiten - DER SPIEGEL\n\nAmpelkoalition\nLindner und Habeck streiten\n\nVon Julia Weiß · 19.03.2024, 17:05 Uhr\n\nDer Text beginnt.\n\nMehr zum Thema\n\nHaushaltsstreit: Was die Ampel retten kann\n\nSchuldenbremse: Ökonomen fordern Reform\n\nDer Text geht weiter.\n",
        );
        assert_eq!(
            d.title.as_deref(),
            Some("Bundeshaushalt: Lindner und Habeck streiten")
        );
        assert_eq!(d.body, ["Der Text beginnt.", "Der Text geht weiter."]);
        assert_eq!(d.authors, ["Julia Weiß"]);
        assert_eq!(d.date.as_deref(), Some("2024-03-19"));
        assert_eq!(d.removed.len(), 6, "{:?}", d.removed);
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
