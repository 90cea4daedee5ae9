//! A raw text, as copied from a news page (the seeds' form) → [`Draft`].
//!
//! The text comes in blocks separated by blank lines. What the copy carries besides the article
//! is recognised by its form and taken out of the body, but never dropped: every line taken out
//! is listed in [`Draft::removed`], and whatever the importer could not decide goes into
//! [`Draft::review`] with a reason.

use super::Draft;
use super::sift::{Kind, Unit, agency_footer, figure_block, is_boilerplate, sift};

/// Labels before a photo credit: `Foto: dpa`, `Bildquelle: Keystone/Archiv`.
const CREDIT_LABELS: &[&str] = &["Bild:", "Foto:", "Bildquelle:", "Fotoquelle:"];

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
    // The block each unit comes from.
    let mut block_of: Vec<usize> = Vec::new();
    for (number, block) in blocks.iter().enumerate() {
        photos_and_lines(block, &mut units, &mut draft.review);
        block_of.resize(units.len(), number);
    }

    sift(&units, &block_of, &mut draft);
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
        draft.review.push(
            "source: the text names no outlet (after its headline, in its navigation or copyright line)"
                .to_string(),
        );
    }
    draft
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

/// Whether a line is a photo credit (`Reuters/Gleb Garanich`, `© AP Nicolas Tucat`,
/// `Bild: …`).
fn is_credit(line: &str) -> bool {
    if agency_footer(line).is_some() || is_boilerplate(line) {
        return false;
    }
    line.starts_with('©')
        || CREDIT_LABELS.iter().any(|label| line.starts_with(label))
        || (line.chars().count() <= 60
            && !line.ends_with('.')
            // `Reuters/Gleb Garanich`, `picture alliance / dpa`, `AFP`: the agency and a slash,
            // or the agency alone; not `Reuters-Umfrage zeigt Mehrheit`.
            && CREDIT_MARKS.iter().any(|mark| {
                line == *mark
                    || (line.contains('/')
                        && line
                            .split(|c: char| !c.is_alphanumeric() && c != ' ')
                            .any(|part| part.trim() == *mark || part.trim().starts_with(mark)))
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
        // The caption after the seam is a phrase, and the credit before it ends in a name of
        // some letters (`© iStock/Getty Images` is one credit, not `© i` and `Stock/…`).
        let (credit, caption) = (&line[..i], &line[i..]);
        let name_before = credit
            .rsplit([' ', '/'])
            .next()
            .is_some_and(|w| w.chars().count() >= 3);
        if previous.is_lowercase()
            && c.is_uppercase()
            && name_before
            && caption.split_whitespace().count() >= 3
        {
            return (credit, Some(caption));
        }
        previous = c;
    }
    (line, None)
}

/// `Olaf Scholz Poolfoto von Kai Pfaffenbach/AFP` or `Selenskyj in Wiesbaden Bild: Ukraine
/// Presidency/picture alliance` → (caption, credit): a caption with its credit on one line.
pub(super) fn inline_credit(line: &str) -> Option<(&str, &str)> {
    // `Alle Rechte vorbehalten © n-tv.de` is the page's.
    if is_boilerplate(line) {
        return None;
    }
    // `… persönlich vorgestellt. (Foto: Reuters)`, `… (Quelle: IMAGO/photothek)`
    if line.ends_with(')')
        && let Some(at) = ["Foto", "Bild", "Quelle"]
            .iter()
            .find_map(|label| line.rfind(&format!(" ({label}: ")))
    {
        return Some((line[..at].trim(), line[at..].trim()));
    }
    CREDIT_LABELS
        .iter()
        .chain(&["Poolfoto von", "©"])
        .find_map(|marker| line.find(&format!(" {marker} ")))
        .map(|at| (line[..at].trim(), line[at..].trim()))
        .filter(|(caption, credit)| {
            !caption.is_empty() && credit.chars().count() <= 120 && !credit.ends_with('.')
        })
}

/// A block's lines as units: a photo's lines around its credit make one, every other line is one.
fn photos_and_lines<'a>(
    mut block: &[&'a str],
    units: &mut Vec<Unit<'a>>,
    review: &mut Vec<String>,
) {
    while let Some(at) = block.iter().position(|line| is_credit(line)) {
        let short = |i: usize| block.get(i).filter(|l| l.chars().count() <= 120);
        let before = at.checked_sub(1).and_then(|i| short(i).copied());
        let after = short(at + 1).copied().filter(|l| !is_credit(l));
        // The line before the credit is the caption, unless one follows it: then the line
        // before describes the photo.
        let (mut alt, mut caption) = match (before, after) {
            (Some(before), Some(after)) => (Some(before), Some(after)),
            (before, None) => (None, before),
            (None, after) => (None, after),
        };
        let first = at - usize::from(before.is_some());
        let last = at + usize::from(after.is_some());
        // `© AP Nicolas TucatAntony Blinken und …`: credit and caption run together.
        let (credit, glued) = split_glued_credit(block[at]);
        let mut last = last;
        if glued.is_some() {
            alt = before;
            caption = glued;
            // The line after is not the caption, then: it stays a line of its own.
            last = at;
            review.push(format!(
                "caption: credit and caption ran together and were split: `{}`",
                block[at]
            ));
        }
        lines(&block[..first], units);
        units.push(Unit::Figure(figure_block(
            alt.unwrap_or(""),
            caption.unwrap_or(""),
            credit,
        )));
        block = &block[last + 1..];
    }
    lines(block, units);
}

/// Lines as units; a line with its photo credit at the end is a photo.
fn lines<'a>(block: &[&'a str], units: &mut Vec<Unit<'a>>) {
    units.extend(block.iter().map(|line| match inline_credit(line) {
        Some((caption, credit)) => Unit::Figure(figure_block("", caption, credit)),
        None => Unit::Text(line, Kind::Line),
    }));
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

    #[test]
    fn credits_are_told_from_headlines_and_a_glued_credit_keeps_the_next_line() {
        assert!(!is_credit("Reuters-Umfrage zeigt Mehrheit für Neuwahl"));
        assert!(is_credit("Reuters/Gleb Garanich"));
        assert!(is_credit("AFP"));
        assert_eq!(
            split_glued_credit("© iStock/Getty Images"),
            ("© iStock/Getty Images", None)
        );
        let d = parse(
            "Ein Absatz, lang genug, um als Text zu zählen, mit vielen Wörtern am Ende.\nEin Foto\n© AP Nicolas TucatAntony Blinken in Brüssel am Mittwoch\nDer Besuch dauerte zwei Tage.\n",
        );
        assert!(
            d.body.iter().any(|b| b == "Der Besuch dauerte zwei Tage."),
            "{:#?}",
            d.body
        );
    }
}
