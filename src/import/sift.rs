//! The lines of a source, from a raw text or a saved page, sorted into the article's body and the
//! page's furniture.
//!
//! A copy of a news page holds more than the article: navigation, the kicker, bylines and date
//! lines, sharing buttons, audio players, links to other articles, newsletter boxes, readers'
//! comments, copyright lines. Each is recognised by its form. What is taken out of the body is
//! never dropped: it is listed in [`Draft::removed`], and what it tells (authors, date, outlet,
//! agencies, contributors) goes into the draft.

use super::Draft;
use crate::date::expressions::Basis;
use crate::date::{PartialDate, find_date_expressions};

/// Beginnings of lines that news pages leave in a copy around the article: audio players,
/// comment and newsletter forms, cookie notices, sharing buttons. Each is long and particular
/// enough that no sentence of an article starts with it.
const BOILERPLATE: &[&str] = &[
    "Drücken Sie Play, um diesen Artikel anzuhören",
    "Gesprochen von künstlicher Intelligenz.",
    "Schreibe einen Kommentar",
    "Deine E-Mail-Adresse wird nicht veröffentlicht.",
    "Teilen Sie diesen Artikel",
    "Facebook Twitter",
    "Wir verwenden Cookies",
    "Diese Website verwendet Cookies",
    "Jetzt kostenlos testen",
    "Zur Startseite",
    "Über dieses Thema berichtete",
    "Mit der Anmeldung stimmen Sie",
    "Rubriklistenbild",
    "Gastbeiträge geben die Meinung",
    "Abspielen. Laufzeit",
];

/// Lines after which a page lists other articles: alone, or with a colon and the first title
/// after it (`Lesen Sie auch: Schuldenbremse: Warum …`).
const RELATED: &[&str] = &[
    "Mehr zum Thema",
    "Mehr zu diesem Thema",
    "Auch interessant",
    "Das könnte Sie auch interessieren",
    "Lesen Sie auch",
    "Lesen Sie jetzt",
    "Weiterlesen",
    "Lesen Sie mehr zum Thema",
    "Lesen Sie mehr",
    "Themen",
    "Verwendete Quellen",
    "Mehr",
    "mehr",
];

/// Whether a line announces a list of other articles (`Mehr zum Thema:`), or is one with its
/// first title.
fn starts_related(line: &str) -> bool {
    let line = line.trim();
    RELATED.iter().any(|marker| {
        line.strip_prefix(marker)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(':'))
    })
}

/// Whether the related-articles marker stands alone (`Mehr zum Thema:`), its titles following.
fn related_marker_alone(line: &str) -> bool {
    RELATED.contains(&line.trim().trim_end_matches(':').trim_end())
}

/// Lines that open the readers' comments.
const COMMENTS: &[&str] = &[
    "Kommentare",
    "Postings",
    "Forum",
    "Leserkommentare",
    "Kommentar schreiben",
    "Schreibe einen Kommentar",
    "Jetzt kommentieren",
    "Alle Kommentare",
];

/// Whether a line opens the readers' comments: `Kommentare`, `Kommentare (47)`, `184 Postings`,
/// `Alle Kommentare anzeigen`; not a sentence that starts with the word.
fn starts_comments(line: &str) -> bool {
    let line = line.trim();
    // `184 Postings`, `12 Kommentare`: a count before the word.
    let counted = line
        .split_once(' ')
        .filter(|(n, _)| n.bytes().all(|b| b.is_ascii_digit()))
        .map_or(line, |(_, rest)| rest);
    line.split_whitespace().count() <= 4
        && !line.ends_with('.')
        && COMMENTS.iter().any(|c| {
            counted
                .strip_prefix(c)
                .is_some_and(|after| after.is_empty() || after.starts_with([' ', '(', ':']))
        })
}

/// Names under which news sites head their pages; a copy's first lines often hold one.
const OUTLETS: &[&str] = &[
    "SPIEGEL",
    "DER SPIEGEL",
    "ZEIT ONLINE",
    "DIE ZEIT",
    "Süddeutsche Zeitung",
    "SZ",
    "FAZ",
    "F.A.Z.",
    "Frankfurter Allgemeine",
    "Frankfurter Allgemeine Zeitung",
    "Handelsblatt",
    "WELT",
    "DIE WELT",
    "taz",
    "tagesschau",
    "ZDFheute",
    "Deutschlandfunk",
    "n-tv",
    "ntv",
    "RND",
    "Tagesspiegel",
    "Der Tagesspiegel",
    "stern",
    "FOCUS online",
    "t-online",
    "BILD",
    "Frankfurter Rundschau",
    "ORF",
    "DER STANDARD",
    "Die Presse",
    "NZZ",
    "Neue Zürcher Zeitung",
    "SRF",
    "POLITICO",
    "Deutsche Welle",
    "DW",
    "Euronews",
];

/// Whether a line is a news site's name (`Handelsblatt`, `taz.de`).
fn is_outlet_name(line: &str) -> bool {
    let name = outlet_name(line);
    OUTLETS.iter().any(|o| o.eq_ignore_ascii_case(name)) || (is_domain(name) && !name.contains(' '))
}

/// The outlet's name in a navigation line: `t-online - Nachrichten für Deutschland` → the name
/// before the site's motto.
fn outlet_name(line: &str) -> &str {
    [" - ", " – ", " | "]
        .iter()
        .find_map(|dash| line.split_once(dash))
        .map_or(line, |(name, _)| name)
}

/// `Düsseldorf, Magdeburg.`: place names alone, ending in a full stop.
fn is_place_line(line: &str) -> bool {
    let Some(places) = line.strip_suffix('.') else {
        return false;
    };
    let places: Vec<&str> = places.split([',', '/']).map(str::trim).collect();
    places.len() <= 4
        && places.iter().all(|p| {
            let words: Vec<&str> = p.split_whitespace().collect();
            (1..=2).contains(&words.len())
                && words
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        })
}

/// Beginnings of a byline, before the authors' names.
const BYLINE_STARTS: &[&str] = &[
    "Von ",
    "Ein Kommentar von ",
    "Eine Analyse von ",
    "Ein Gastbeitrag von ",
    "Ein Interview von ",
    "Eine Reportage von ",
];

/// `Von Julia Weiß · 19.03.2024, 17:05 Uhr` → (authors, the date if one follows). What
/// follows the names may also be where they write from (`Von Lena Hartmann,
/// ARD-Hauptstadtstudio`).
fn byline(line: &str) -> Option<(Vec<String>, Option<String>)> {
    let rest = BYLINE_STARTS.iter().find_map(|b| line.strip_prefix(b))?;
    if line.chars().count() > 100 || line.ends_with('.') {
        return None;
    }
    // The names end at a separator, or where the date begins (`Von X 19. März 2024`).
    let (names, after) = match rest.find(|c: char| ",·|".contains(c) || c.is_ascii_digit()) {
        Some(at) => (
            &rest[..at],
            rest[at..].trim_start_matches([',', '·', '|']).trim(),
        ),
        None => (rest, ""),
    };
    let authors = person_names(names.split(" und "))?;
    let date = date_at_start(after).map(|(date, _)| date);
    let affiliation = after.split_whitespace().count() <= 4 && !after.ends_with('.');
    (after.is_empty() || date.is_some() || affiliation).then_some((authors, date))
}

/// Authors named without `Von`, on a line of their own next to the date line: `Sarah Lindner,
/// Tobias Franke`.
fn bare_byline(line: &str) -> Option<Vec<String>> {
    let names = |text: &str| person_names(text.split([',', '&']).flat_map(|n| n.split(" und ")));
    // `Lukas Meier, Bern`: where the author writes from follows the names.
    names(line).or_else(|| {
        let (people, place) = line.rsplit_once(", ")?;
        let one_word = !place.contains(' ') && place.chars().next()?.is_uppercase();
        one_word.then(|| names(people)).flatten()
    })
}

/// A line naming who contributed: `Julia Weber trug zur Berichterstattung bei.`, `Mit
/// Informationen von Martin Vogt, ARD-Hauptstadtstudio`, `Mitarbeit: Jan Rohde`.
fn contributor_line(line: &str) -> Option<Vec<String>> {
    let names = line
        .strip_suffix(" trug zur Berichterstattung bei.")
        .or_else(|| line.strip_suffix(" trugen zur Berichterstattung bei."))
        .or_else(|| line.strip_prefix("Mit Informationen von "))
        .or_else(|| line.strip_prefix("Mit Material von "))
        .or_else(|| line.strip_prefix("Mitarbeit: "))?;
    // `Martin Vogt, ARD-Hauptstadtstudio`: where they work follows the name.
    let names = names.split(',').next().unwrap_or(names);
    person_names(names.split(" und ").flat_map(|n| n.split(", ")))
}

/// Names of people: two to four capitalised words each, at least one name.
fn person_names<'a>(names: impl Iterator<Item = &'a str>) -> Option<Vec<String>> {
    let names: Vec<String> = names
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    let all_people = names.iter().all(|n| {
        let words: Vec<&str> = n.split_whitespace().collect();
        (2..=4).contains(&words.len())
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || "-.'".contains(c))
            })
    });
    (all_people && !names.is_empty()).then_some(names)
}

/// Whole lines that are page furniture, not text.
const FURNITURE_LINES: &[&str] = &[
    "Anzeige",
    "Teilen",
    "Drucken",
    "Merken",
    "Werbung",
    "Jetzt anmelden",
    "(mit Agenturen)",
    "Feedback",
    "Kommentieren",
    "Link kopieren",
    "Jetzt unterstützen",
    "Antworten",
    "Jetzt abonnieren",
    "Artikel teilen",
    "Newsletter",
    "Auf einer Seite lesen",
];

/// Words that make a short line a page's button: `Weitere Optionen zum Teilen`, `Zur
/// Merkliste hinzufügen`, `Artikel anhören (4 Minuten)`.
const BUTTON_WORDS: &[&str] = &[
    "Teilen",
    "teilen",
    "Merkliste",
    "anhören",
    "hören",
    "Vorlesen",
];

/// Whether a line is page furniture or boilerplate rather than the article's text.
pub(super) fn is_boilerplate(line: &str) -> bool {
    let line = line.trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    let has = |w: &str| line.contains(w);
    FURNITURE_LINES.contains(&line)
        || BOILERPLATE.iter().any(|b| line.starts_with(b))
        || starts_related(line)
        || starts_comments(line)
        || (has("Cookies") && ["verwenden", "nutzen", "setzen", "akzeptieren"].iter().any(|w| has(w)))
        || line.starts_with("Newsletter")
        || (has("Newsletter") && ["abonnieren", "Melden Sie sich", "anmelden"].iter().any(|w| has(w)))
        || (has("Jetzt") && ["abonnieren", "kostenlos testen"].iter().any(|w| has(w)))
        || (has("per E-Mail") && has("kostenlos"))
        || line.starts_with("Lesezeit")
        || (words.len() <= 5
            && words.iter().any(|w| {
                BUTTON_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()))
            }))
        // A donation appeal: journalism, and money for it.
        || (has("Journalismus") && ["Beitrag", "Abo", "Euro", "zahl"].iter().any(|w| has(w)))
        || (has("Fehler") && has("entdeckt?"))
        || (has("Kontaktformular") && has("Leser"))
        || (has("im Programm") && has("gesendet"))
        || has("Alle Rechte vorbehalten")
        || is_duration(line)
        || (has("Feedback") && words.len() <= 3)
        // `Wir freuen uns über eine Mail an fehlerhinweis@taz.de!`
        || (has("Mail an") && words.iter().any(|w| w.contains('@') && w.contains('.')))
        || page_copyright(line)
}

/// An audio or video player's time: `02:47 min, aus SRF 4 News aktuell …`, `00:00 / 03:54`.
fn is_duration(line: &str) -> bool {
    let first = line.split([' ', ',']).next().unwrap_or("");
    let clock = first.contains(':') && first.chars().all(|c| c.is_ascii_digit() || c == ':');
    clock
        && line
            .split_whitespace()
            .nth(1)
            .is_some_and(|w| w.starts_with("min") || w == "/" || w.starts_with("Min"))
}

/// A page's copyright line, not a photo's: `© DER SPIEGEL 2023`, `© Handelsblatt GmbH – Alle
/// Rechte vorbehalten.`, `© ARD-aktuell / tagesschau.de`.
fn page_copyright(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('©') else {
        return false;
    };
    let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let words: Vec<&str> = rest.trim_end_matches('.').split_whitespace().collect();
    // `© DER SPIEGEL 2023`, `© 2023 Mitteldeutscher Rundfunk`
    let with_year = words.first().is_some_and(|w| year(w)) || words.last().is_some_and(|w| year(w));
    with_year
        || rest.contains("Rechte vorbehalten")
        || rest.contains("GmbH")
        || rest.split_whitespace().any(is_domain)
}

/// Whether a word is a web address's host: `tagesschau.de`, `n-tv.de`.
pub(super) fn is_domain(word: &str) -> bool {
    [".de", ".at", ".ch", ".com", ".net", ".org", ".eu"]
        .iter()
        .any(|tld| word.len() > tld.len() + 1 && word.to_ascii_lowercase().ends_with(tld))
}

/// The outlet a page's copyright line names: `© DER SPIEGEL 2023` → `DER SPIEGEL`.
fn copyright_holder(line: &str) -> Option<String> {
    let rest = line.strip_prefix('©')?.trim();
    let rest = rest.split([' ', '\u{a0}']).collect::<Vec<_>>();
    let mut words: Vec<&str> = rest.into_iter().filter(|w| !w.is_empty()).collect();
    // What follows a dash is the rights notice.
    if let Some(at) = words.iter().position(|w| ["–", "-", "|"].contains(w)) {
        words.truncate(at);
    }
    if words
        .first()
        .is_some_and(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
    {
        words.remove(0);
    }
    while words
        .last()
        .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()) || ["GmbH", "AG"].contains(w))
    {
        words.pop();
    }
    // `ARD-aktuell / tagesschau.de`: the site's address names the outlet best.
    let holder = match words.iter().find(|w| is_domain(w)) {
        Some(domain) => domain.to_string(),
        None => words.join(" "),
    };
    (!holder.is_empty()).then_some(holder)
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
    ("rts", "Reuters"),
];

/// How a `review` note on an outlet taken from the page around the article begins.
const GUESSED_OUTLET: &str = "source: taken from ";

/// Where the titles of other articles after a `Mehr zum Thema` stand.
#[derive(Clone, Copy)]
enum Related {
    /// In the marker's block.
    InBlock(usize),
    /// In the short lines after it, the marker standing alone.
    Anywhere,
}

/// Sorts a source's units into the article's body and the page's furniture. `block_of` gives
/// the block each unit stands in (lines without a blank between them in a copy).
pub(super) fn sift(units: &[Unit], block_of: &[usize], draft: &mut Draft) {
    let headline = find_headline(units, draft.title.as_deref());
    let text_at = |i: usize| match units.get(i) {
        Some(Unit::Text(line, _)) => Some(*line),
        _ => None,
    };

    let (heads_text, last_text) = look_ahead(units);

    let mut body: Vec<String> = Vec::new();
    // After `Mehr zum Thema`, the titles of other articles: the rest of its block, or when it
    // stands alone, the short lines that follow until the text goes on.
    let mut related: Option<Related> = None;
    // After the readers' comments begin, nothing is the article's.
    let mut in_comments = false;
    for (i, unit) in units.iter().enumerate() {
        let (line, kind) = match unit {
            Unit::Figure(figure) => {
                body.push(figure.clone());
                continue;
            }
            Unit::Text(line, kind) => (*line, *kind),
        };
        if line.is_empty() {
            continue;
        }
        // Whether text follows, past photos and furniture: what a subheading heads.
        let next_is_text = heads_text[i];
        // An agency footer (`sti/AR (dpa, rtr)`) ends the text; page furniture may follow.
        let ends_text = last_text.is_none_or(|last| last <= i);
        // In parentheses (`(mit dpa)`) it cannot be the text's own words, wherever it stands.
        let bracketed = line.starts_with('(') && line.ends_with(')');
        if (ends_text || bracketed)
            && let Some((initials, agencies)) = agency_footer(line)
        {
            // `RND/dpa`: the outlet's own name is no author's initials.
            let outlet = draft
                .outlet
                .as_deref()
                .map(|o| outlet_name(o).to_lowercase());
            let initials = initials
                .into_iter()
                .filter(|i| {
                    outlet
                        .as_deref()
                        .is_none_or(|o| !o.starts_with(&i.to_lowercase()))
                })
                .collect();
            add_authors(draft, initials);
            add_agencies(draft, agencies);
            draft.removed.push(line.to_string());
            continue;
        }
        if Some(i) == headline {
            let (title, outlet) = split_outlet(line);
            match &draft.title {
                None => draft.title = Some(title.to_string()),
                // The page's metadata gave the title; a headline in other words is kept.
                Some(known) if known != title => draft.removed.push(line.to_string()),
                Some(_) => {}
            }
            // The outlet the headline names is better than one guessed from the navigation or
            // a copyright line; one from the page's metadata stands.
            let guessed = draft.review.iter().any(|r| r.starts_with(GUESSED_OUTLET));
            if let Some(outlet) = outlet
                && (draft.outlet.is_none() || guessed)
            {
                draft.outlet = Some(outlet.to_string());
                draft.review.retain(|r| !r.starts_with(GUESSED_OUTLET));
            }
            continue;
        }
        if in_comments {
            draft.removed.push(line.to_string());
            continue;
        }
        if is_boilerplate(line) {
            related = related_marker_alone(line).then(|| {
                // The titles follow in the marker's block, or, when it stands alone, in the
                // short lines after it.
                let alone = block_of.get(i + 1) != Some(&block_of[i]);
                if alone {
                    Related::Anywhere
                } else {
                    Related::InBlock(block_of[i])
                }
            });
            in_comments = seen_text_beyond(&body, 2) && starts_comments(line);
            if page_copyright(line) && draft.outlet.is_none() {
                draft.outlet = copyright_holder(line);
                draft.review.push(format!(
                    "{GUESSED_OUTLET}the page's copyright line `{line}`; confirm the outlet"
                ));
            }
            draft.removed.push(line.to_string());
            continue;
        }
        // A subheading of the page's own ends the list.
        if let Some(list) = related.filter(|_| kind != Kind::Heading) {
            let short = is_heading(line) || (is_headline(line) && line.chars().count() <= 120);
            let in_list = match list {
                Related::Anywhere => true,
                Related::InBlock(block) => block == block_of[i],
            };
            if short && in_list {
                draft.removed.push(line.to_string());
                continue;
            }
        }
        related = None;
        // `Düsseldorf, Magdeburg.`: where the text was written, on a line of its own before it.
        let text_follows = matches!(text_at(i + 1), Some(next) if is_prose(next));
        if text_follows && !seen_text_beyond(&body, 1) && is_place_line(line) {
            draft.removed.push(line.to_string());
            continue;
        }
        // Lines that say who wrote the text, when and for whom: their facts into the draft,
        // the lines themselves out of the body.
        let beside_date = [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .filter_map(text_at)
            .any(|l| date_line(l).is_some());
        let place = LinePlace {
            near_top: !seen_text_beyond(&body, 2),
            after_headline: headline.is_some_and(|h| i > h),
            beside_date,
        };
        if take_credits(line, kind, place, draft) {
            draft.removed.push(line.to_string());
            continue;
        }
        // Before the headline: the page's navigation and the kicker. The headline printed
        // again is furniture too, and so is what the page's markup marks as furniture.
        let before_headline = headline.is_some_and(|h| i < h);
        let repeats_title = draft
            .title
            .as_ref()
            .is_some_and(|title| is_heading(line) && title.ends_with(line));
        if before_headline || repeats_title || kind.is_page() {
            // A site's navigation starts with its name.
            if before_headline && draft.outlet.is_none() && is_outlet_name(line) {
                draft.outlet = Some(outlet_name(line).to_string());
                draft.review.push(format!(
                    "{GUESSED_OUTLET}the page's navigation `{line}`; confirm the outlet"
                ));
            }
            draft.removed.push(line.to_string());
            continue;
        }
        if kind == Kind::Quote {
            body.push(format!("> {}", markdown_text(line)));
            continue;
        }
        if kind == Kind::Heading || kind == Kind::Headline {
            if next_is_text {
                body.push(format!("## {}", markdown_text(line)));
            } else {
                draft.removed.push(line.to_string());
            }
            continue;
        }
        if is_heading(line) {
            // A short line that heads text is a subheading; one that heads none (a sharing
            // button, a list of topics, an audio player's title), or of a letter or two (`X`),
            // is the page's.
            if next_is_text && line.chars().count() >= 3 {
                body.push(format!("## {}", markdown_text(line)));
            } else {
                draft.removed.push(line.to_string());
            }
            continue;
        }
        // A sentence standing alone in quotation marks is a pull quote.
        if is_pull_quote(line) {
            body.push(format!("> {}", markdown_text(line)));
            continue;
        }
        body.push(markdown_text(line));
    }
    date_from_dateline(&body, draft);
    flag_restated_lede(&body, draft);
    draft.body = body;
}

/// Where a line stands, as far as [`take_credits`] needs to know.
#[derive(Clone, Copy)]
struct LinePlace {
    /// Before the third paragraph of text: where a date line dates the text.
    near_top: bool,
    /// After the headline.
    after_headline: bool,
    /// Next to a line that is only a date.
    beside_date: bool,
}

/// Takes what a line of credits says into the draft: a byline's authors and date, a date
/// line's date, an agency, contributors. Returns whether the line was one (it then goes to
/// `removed`). The page's own metadata, where it names authors, is the better account of them.
fn take_credits(line: &str, kind: Kind, place: LinePlace, draft: &mut Draft) -> bool {
    // A byline: `Von Julia Weiß · 19.03.2024, 17:05 Uhr`.
    if let Some((authors, date)) = byline(line) {
        add_authors(draft, authors);
        if draft.date.is_none() {
            draft.date = date;
        }
        return true;
    }
    // A date line (`08.07.2024, 14.32 Uhr`, `Stand: 5. November 2023, 8:15 Uhr`) near the top
    // dates the text; anywhere, it is no text of the article. A subheading that is a date
    // (`9. November 1989`, in a chronology) stays one.
    if kind != Kind::Heading
        && let Some(date) = date_line(line)
    {
        if draft.date.is_none() && place.near_top {
            draft.date = Some(date);
            // A date with no time and no word saying what it is may be another day the text
            // is about: the editor confirms it.
            let plain =
                !line.contains(':') && !line.contains("Uhr") && date_at_start(line).is_some();
            if plain {
                draft.review.push(format!(
                    "date: taken from the line `{line}` near the top; confirm that it is the publication date"
                ));
            }
        }
        return true;
    }
    // A byline element: names, perhaps a date after them (`Jonas Feldmann 13.03.2024`).
    if kind == Kind::Byline
        && let Some(at) = line.find(|c: char| c.is_ascii_digit())
        && let Some(date) = date_line(&line[at..])
    {
        if let Some(authors) =
            bare_byline(line[..at].trim().trim_end_matches([',', '·', '|']).trim())
        {
            add_authors(draft, authors);
        }
        if draft.date.is_none() {
            draft.date = Some(date);
        }
        return true;
    }
    // Names alone next to the date line: the authors (`Sarah Lindner, Tobias Franke`).
    if (kind == Kind::Byline || place.beside_date && place.after_headline)
        && let Some(authors) = bare_byline(line)
    {
        add_authors(draft, authors);
        return true;
    }
    if let Some(agencies) = source_line(line) {
        add_agencies(draft, agencies);
        return true;
    }
    if let Some(names) = contributor_line(line) {
        draft.contributors.extend(names);
        return true;
    }
    false
}

/// Worked out once, back to front, so that long pages take linear time: for each unit, whether
/// the next line past photos and furniture is text (what a subheading heads); and where the
/// last text or photo stands (after it, a footer may end the text).
fn look_ahead(units: &[Unit]) -> (Vec<bool>, Option<usize>) {
    let mut heads_text = vec![false; units.len()];
    let mut next_text = false;
    for (i, unit) in units.iter().enumerate().rev() {
        heads_text[i] = next_text;
        if let Unit::Text(line, kind) = unit
            && !kind.is_page()
        {
            next_text = matches!(kind, Kind::Line | Kind::Quote)
                && !is_heading(line)
                && !is_boilerplate(line);
        }
    }
    let last_text = units.iter().rposition(|u| match u {
        Unit::Text(line, kind) => !kind.is_page() && !is_boilerplate(line) && is_prose(line),
        Unit::Figure(_) => true,
    });
    (heads_text, last_text)
}

/// A dateline (`Berlin, 14. Februar 2023 – …`) opening the text dates it, where nothing else
/// did; the editor confirms that it is the publication date.
fn date_from_dateline(body: &[String], draft: &mut Draft) {
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
}

/// A page's teaser is often repeated further down, its first sentence restating the lede's in
/// other words: flagged for review, not removed.
fn flag_restated_lede(body: &[String], draft: &mut Draft) {
    let is_text = |b: &String| !b.starts_with("```") && !b.starts_with('#');
    let Some(lede) = body.iter().position(is_text) else {
        return;
    };
    let lede_words = words(first_sentence(&body[lede]));
    for paragraph in body.iter().skip(lede + 1).filter(|p| is_text(p)) {
        let sentence = words(first_sentence(paragraph));
        if lede_words.len().min(sentence.len()) >= 5 && overlap(&lede_words, &sentence) >= 0.5 {
            let start: String = paragraph.chars().take(60).collect();
            draft.review.push(format!(
                "body: a paragraph restates the lede (the page's teaser repeated?), kept: `{start}…`"
            ));
        }
    }
}

/// Words a paragraph of prose has at least: fewer, and a line ending in a full stop is a
/// caption, a credit or a line of the page (`Lesezeit: 2 Min.`).
const PROSE_WORDS: usize = 10;

/// Whether a line is a paragraph of running text.
fn is_prose(line: &str) -> bool {
    !is_heading(line) && line.split_whitespace().count() >= PROSE_WORDS
}

/// Short lines before the text among which the headline is looked for: past this many, a
/// line is the page's navigation.
const HEADLINE_WINDOW: usize = 8;

/// Where the headline stands: the line the page's metadata gives as the title (alone or after
/// its kicker), else the page's own headline element, else the best of the short lines before
/// the text begins.
fn find_headline(units: &[Unit], title: Option<&str>) -> Option<usize> {
    let texts = || {
        units.iter().enumerate().filter_map(|(i, unit)| match unit {
            Unit::Text(text, kind) if !kind.is_page() => Some((i, *text, *kind)),
            _ => None,
        })
    };
    // Compared by letters and digits: a kicker in the title may stand with a colon, in the
    // page with none.
    let letters = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    // Only a line that reads as a headline is looked at: a paragraph of text may end with the
    // title's words too.
    if let Some(title) = title.map(letters)
        && let Some((i, _, _)) = texts().find(|(_, text, kind)| {
            let could_be = matches!(kind, Kind::Headline | Kind::Heading) || is_headline(text);
            let text = letters(text);
            could_be
                && !text.is_empty()
                && (text.ends_with(&title)
                    || (title.ends_with(&text) && text.len() * 2 >= title.len()))
        })
    {
        return Some(i);
    }
    if let Some((i, _, _)) = texts().find(|(_, _, kind)| *kind == Kind::Headline) {
        return Some(i);
    }
    // (A short text has no line long enough to be prose: its first sentence serves.)
    let text_where = |is_text: fn(&str) -> bool| {
        texts()
            .find(|(_, text, kind)| *kind == Kind::Line && is_text(text) && !is_boilerplate(text))
            .map(|(i, _, _)| i)
    };
    let first_text = text_where(is_prose).or_else(|| text_where(|l| !is_heading(l)))?;
    texts()
        .take_while(|(i, _, _)| *i < first_text)
        .filter(|(_, text, _)| is_headline(text))
        .map(|(i, text, _)| (i, text.split_whitespace().count()))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .take(HEADLINE_WINDOW)
        .max_by_key(|&(i, words)| (words, i))
        .map(|(i, _)| i)
}

/// Whether a line can be a headline: short, a question or exclamation too, and none of the
/// page's other lines.
fn is_headline(line: &str) -> bool {
    let short = line.chars().count() <= 160;
    (is_heading(line) || (short && line.ends_with(['?', '!'])))
        && !is_boilerplate(line)
        && date_line(line).is_none()
        && byline(line).is_none()
        && bare_byline(line).is_none()
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

/// A line that is only a date (and time): `08.07.2024, 14.32 Uhr`, `Stand: 5. November 2023`,
/// `17.09.2024 - 08:47 Uhr`, also with when it was updated after it (`22. März 2024, 13:05 Uhr
/// Aktualisiert am 22. März 2024, 16:40 Uhr`).
fn date_line(line: &str) -> Option<String> {
    let text = [
        "Stand: ",
        "Aktualisiert am ",
        "Aktualisiert: ",
        "Veröffentlicht am ",
        "Veröffentlicht: ",
        "Publiziert am ",
        "Erstellt am ",
    ]
    .iter()
    .find_map(|p| line.strip_prefix(p))
    .unwrap_or(line);
    // `Mo., 12.02.2024`, `Mittwoch, 21.02.2024`: the weekday before the date.
    let text = match text.split_once(", ") {
        Some((day, rest))
            if WEEKDAYS
                .iter()
                .any(|w| day.trim_end_matches('.') == w.0 || day == w.1) =>
        {
            rest
        }
        _ => text,
    };
    let (date, used) = date_at_start(text)?;
    let rest = text[used..].trim_start_matches([',', '-', '–', '|', '·', ' ']);
    let rest = rest.strip_prefix("um ").unwrap_or(rest);
    let time_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let after_time = rest[time_end..].trim_start();
    let after_time = after_time.strip_prefix("Uhr").unwrap_or(after_time).trim();
    let updated = [
        "Aktualisiert",
        "Zuletzt aktualisiert",
        "Update",
        "|",
        "·",
        "Lesezeit",
        "Lesedauer",
    ]
    .iter()
    .any(|u| after_time.starts_with(u));
    (after_time.is_empty() || updated).then_some(date)
}

/// Weekdays, abbreviated and in full, as they stand before a date.
const WEEKDAYS: &[(&str, &str)] = &[
    ("Mo", "Montag"),
    ("Di", "Dienstag"),
    ("Mi", "Mittwoch"),
    ("Do", "Donnerstag"),
    ("Fr", "Freitag"),
    ("Sa", "Samstag"),
    ("So", "Sonntag"),
];

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
    // Stops at the paragraph past `n`: a long page is not counted again for every line.
    body.iter()
        .filter(|b| !b.starts_with("```") && !b.starts_with('#'))
        .nth(n)
        .is_some()
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

/// A short line without closing punctuation: a headline or subheading.
fn is_heading(line: &str) -> bool {
    let chars = line.chars().count();
    (1..=120).contains(&chars)
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

/// Whether the words after a headline's dash name an outlet: a known one, a web address, or a
/// name in capitals (`POLITICO`, `DER SPIEGEL`); not the rest of the headline (`Heizungsgesetz
/// – Die wichtigsten Fragen`).
fn looks_like_outlet(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let capitals = words.iter().all(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    });
    is_outlet_name(text) || is_domain(text) || ((1..=3).contains(&words.len()) && capitals)
}

/// `Headline – POLITICO` → ("Headline", Some("POLITICO")); a date after the outlet is dropped.
pub(super) fn split_outlet(line: &str) -> (&str, Option<&str>) {
    // `Headline – DW – 13.03.2024`: a page title may end with the date.
    let dashes = [" – ", " | ", " - "];
    let line = dashes
        .iter()
        .find_map(|dash| {
            let (before, after) = line.rsplit_once(dash)?;
            date_at_start(after)
                .is_some_and(|(_, used)| used == after.len())
                .then_some(before)
        })
        .unwrap_or(line);
    for dash in dashes {
        if let Some((title, outlet)) = line.rsplit_once(dash)
            && looks_like_outlet(outlet.trim())
        {
            return (title.trim(), Some(outlet.trim()));
        }
    }
    (line, None)
}

/// A line of a source's text written so that Markdown shows it as it stands: `Bürger*innen`,
/// `<Die Linke>`, `1. FC Köln` or `&nbsp;` would otherwise turn into emphasis, a removed tag, a
/// list or another character, changing the words the page cites.
pub(super) fn markdown_text(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let starts_block = match line.as_bytes() {
        [b'#' | b'>' | b'+' | b'-' | b'=' | b'|', ..] => Some(0),
        _ if digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) => Some(digits),
        _ => None,
    };
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let escape = match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '~' => true,
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            _ => starts_block == Some(at),
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A photo as a `figure` block: its description (`alt`), caption and credit, those given.
pub(super) fn figure_block(alt: &str, caption: &str, credit: &str) -> String {
    let mut out = String::from("```figure\n");
    for (key, value) in [("alt", alt), ("caption", caption), ("credit", credit)] {
        if !value.is_empty() {
            out.push_str(&format!("{key}: {value}\n"));
        }
    }
    out.push_str("```");
    out
}

/// A line of the text, or a photo's lines as one `figure` block.
pub(super) enum Unit<'a> {
    /// A line of text, and what the source's form or markup says it is.
    Text(&'a str, Kind),
    /// A photo's caption and credit, as a `figure` block.
    Figure(String),
}

/// What a line of text is, as far as the source says: a copied text says nothing, a saved page's
/// markup marks headings, quotes and furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Nothing is known: the line's form decides.
    Line,
    /// The page's headline element (`h1`).
    Headline,
    /// A subheading element (`h2` to `h6`).
    Heading,
    /// A quotation element (`blockquote`).
    Quote,
    /// An element the markup marks as the page's: navigation, sharing, advertising.
    Furniture,
    /// An element the markup marks as the byline: the authors' names, perhaps with more.
    Byline,
}

impl Kind {
    /// Whether the markup marks the line as the page's rather than the article's.
    fn is_page(self) -> bool {
        matches!(self, Kind::Furniture | Kind::Byline)
    }
}

/// Adds authors named in the text, unless the page's metadata already named them.
fn add_authors(draft: &mut Draft, authors: Vec<String>) {
    if draft.authors.is_empty() {
        draft.authors = authors;
    }
}

/// Adds agencies the text names, each once.
fn add_agencies(draft: &mut Draft, agencies: Vec<String>) {
    for agency in agencies {
        if !draft.agencies.contains(&agency) {
            draft.agencies.push(agency);
        }
    }
}

/// A line naming where the text comes from: `Quelle: dpa`, `Quelle: ntv.de, mli/dpa/rts`,
/// `red, ORF.at/Agenturen` → the agencies it names (perhaps none).
fn source_line(line: &str) -> Option<Vec<String>> {
    let rest = line
        .strip_prefix("Quelle:")
        .or_else(|| line.strip_prefix("red, "))
        .or_else(|| line.strip_prefix("red/"))?;
    if rest.split_whitespace().count() > 6 || rest.ends_with('.') && rest.len() > 60 {
        return None;
    }
    let mut agencies: Vec<String> = Vec::new();
    for word in rest.split([',', '/', ' ']) {
        if let Some(name) = agency(word)
            && !agencies.iter().any(|a| a == name)
        {
            agencies.push(name.to_string());
        }
    }
    Some(agencies)
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
pub(super) fn agency_footer(line: &str) -> Option<(Vec<String>, Vec<String>)> {
    let line = line.trim();
    if line.starts_with("© dpa-infocom") {
        return Some((Vec::new(), vec!["dpa".to_string()]));
    }
    let initials =
        |part: &str| (1..=4).contains(&part.len()) && part.chars().all(char::is_alphabetic);
    if let Some((before, rest)) = line.split_once('(') {
        let inside = rest.strip_suffix(')')?;
        // `(dpa, rtr)`, `(dpa/afp)`, `(mit dpa)`
        let inside = inside.strip_prefix("mit ").unwrap_or(inside);
        let agencies: Option<Vec<String>> = inside
            .split([',', '/'])
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
    fn lines_of_text_read_back_from_markdown_as_they_stand() {
        use pulldown_cmark::{Event, Options, Parser};
        let lines = [
            "Bürger*innen und Lehrer*innen",
            "<Die Linke> fordert mehr, sagt <b>nicht</b> jeder",
            "1. FC Köln gewinnt 2) mal",
            "2024. Das Jahr",
            "# Hashtag, > Pfeil, - Strich, + Plus, = Gleich, | Pipe",
            "Preis ~5 bis ~7 Euro, _kursiv_, `Code`, [Link](https://example.org)",
            "Tom &amp; Jerry &#38; A&B, \\ ein Rückstrich",
            "a < b und c > d, 3 * 4",
        ];
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS;
        for line in lines {
            let markdown = markdown_text(line);
            let mut text = String::new();
            let mut other = Vec::new();
            for event in Parser::new_ext(&markdown, options) {
                match event {
                    Event::Text(t) => text.push_str(&t),
                    Event::Start(pulldown_cmark::Tag::Paragraph)
                    | Event::End(pulldown_cmark::TagEnd::Paragraph) => {}
                    event => other.push(format!("{event:?}")),
                }
            }
            assert_eq!(text, line, "{markdown}");
            assert!(other.is_empty(), "{markdown}: {other:?}");
        }
    }
    use crate::import::raw::parse;

    /// A whole page, selected and copied: navigation, kicker, headline, teaser, byline and date,
    /// sharing buttons, the text with a list of other articles in it, topics, comments, and the
    /// copyright line.
    const PAGE: &str = "Menü\nHandelsblatt\nPolitik\nDeutschland\n\nHaushalt\n\
        Lindner legt Entwurf für den Haushalt 2025 vor\n\
        Der Finanzminister will die Schuldenbremse einhalten und setzt auf Einsparungen in mehreren Ressorts.\n\
        Sarah Lindner, Tobias Franke\n17.09.2024 - 08:47 Uhr\nMerken\nTeilen\nFacebook\nX\n\n\
        Düsseldorf, Berlin.\n\
        Der Bundesfinanzminister hat am Dienstag seinen Entwurf vorgelegt, der im Kabinett beraten werden soll.\n\n\
        Mehr zum Thema:\nSchuldenbremse: Was Ökonomen fordern\nHaushalt: Wo gespart wird?\n\n\
        Streit in der Koalition\n\n\
        Grüne und SPD kritisierten die geplanten Kürzungen bei Förderprogrammen als zu weitgehend.\n\n\
        Themen\nHaushalt\nSchuldenbremse\n\
        Kommentare (12)\nLeser123\nDas ist eine lange Meinung eines Lesers zu diesem Haushalt und zu allem anderen.\nAntworten\n\
        © Handelsblatt GmbH – Alle Rechte vorbehalten.\n";

    #[test]
    fn a_whole_page_copy_is_sorted_into_article_and_furniture() {
        let d = parse(PAGE);
        assert_eq!(
            d.title.as_deref(),
            Some("Lindner legt Entwurf für den Haushalt 2025 vor")
        );
        assert_eq!(d.date.as_deref(), Some("2024-09-17"));
        assert_eq!(d.authors, ["Sarah Lindner", "Tobias Franke"]);
        assert_eq!(d.outlet.as_deref(), Some("Handelsblatt"));
        assert!(
            d.review
                .iter()
                .any(|r| r.contains("navigation `Handelsblatt`"))
        );
        assert_eq!(
            d.body,
            [
                "Der Finanzminister will die Schuldenbremse einhalten und setzt auf Einsparungen in mehreren Ressorts.",
                "Der Bundesfinanzminister hat am Dienstag seinen Entwurf vorgelegt, der im Kabinett beraten werden soll.",
                "## Streit in der Koalition",
                "Grüne und SPD kritisierten die geplanten Kürzungen bei Förderprogrammen als zu weitgehend.",
            ]
        );
        // Nothing is lost: every other line is listed.
        for line in [
            "Menü",
            "Haushalt",
            "Merken",
            "X",
            "Düsseldorf, Berlin.",
            "Haushalt: Wo gespart wird?",
            "Schuldenbremse",
            "Leser123",
            "Das ist eine lange Meinung eines Lesers zu diesem Haushalt und zu allem anderen.",
            "© Handelsblatt GmbH – Alle Rechte vorbehalten.",
        ] {
            assert!(
                d.removed.iter().any(|r| r == line),
                "{line} not in {:?}",
                d.removed
            );
        }
    }

    #[test]
    fn a_related_list_in_its_own_block_ends_with_it() {
        let d = parse(
            "Ein erster Absatz, der lang genug ist, um als Text zu zählen, mit einem Punkt.\n\n\
             Lesen Sie jetzt:\nCannabis und Führerschein: Die Grenzwerte\n\n\
             Wo das Kiffen verboten bleibt\n\n\
             Ein zweiter Absatz, der ebenfalls lang genug ist, um als Text zu zählen, gewiss.\n",
        );
        assert_eq!(d.body[1], "## Wo das Kiffen verboten bleibt");
        assert_eq!(
            d.removed,
            [
                "Lesen Sie jetzt:",
                "Cannabis und Führerschein: Die Grenzwerte"
            ]
        );
    }

    #[test]
    fn copyright_lines_name_the_outlet_and_are_no_photo_credit() {
        assert!(page_copyright("© DER SPIEGEL 2023"));
        assert!(page_copyright("© ARD-aktuell / tagesschau.de"));
        assert!(!page_copyright("© Christoph Soeder/dpa"));
        assert_eq!(
            copyright_holder("© DER SPIEGEL 2023").as_deref(),
            Some("DER SPIEGEL")
        );
        assert_eq!(
            copyright_holder("© ARD-aktuell / tagesschau.de").as_deref(),
            Some("tagesschau.de")
        );
        assert_eq!(
            copyright_holder("© Handelsblatt GmbH – Alle Rechte vorbehalten.").as_deref(),
            Some("Handelsblatt")
        );
    }

    #[test]
    fn date_lines_in_more_forms() {
        for (line, date) in [
            ("17.09.2024 - 08:47 Uhr", "2024-09-17"),
            (
                "22. März 2024, 13:05 Uhr Aktualisiert am 22. März 2024, 16:40 Uhr",
                "2024-03-22",
            ),
            ("Veröffentlicht am 5. Juni 2023", "2023-06-05"),
        ] {
            assert_eq!(date_line(line).as_deref(), Some(date), "{line}");
        }
        assert_eq!(date_line("17.09.2024 war ein Dienstag"), None);
    }

    #[test]
    fn sentences_that_start_like_furniture_stay_text() {
        let text = "Streit um die Kommissionen\n\n\
            Der Bundestag hat am Donnerstag über die Reform beraten, die seit Monaten umstritten ist.\n\n\
            Die Opposition warf der Regierung vor, die Länder im Unklaren zu lassen, und verlangte Auskunft.\n\n\
            Auch nach der Sitzung blieb offen, wie es mit der Reform weitergehen soll, hieß es.\n\n\
            Kommentare des Ministers sorgten für Empörung.\n\n\
            Forum für Demokratie fordert mehr Geld.\n\n\
            Auch interessant ist, dass der Minister nicht selbst erschien.\n\n\
            Die Polizei bittet Zeugen, sich über das Kontaktformular der Wache zu melden.\n\n\
            Hinweise nimmt die Polizei unter hinweise@polizei.berlin.de entgegen.\n\n\
            Die Stiftung will unabhängigen Journalismus in der Region stärken.\n\n\
            Streit in allen Landesteilen\n\n\
            Der Streit erfasste das ganze Land, von Norden bis Süden, und hielt wochenlang an.\n";
        let d = parse(text);
        for kept in [
            "Kommentare des Ministers sorgten für Empörung.",
            "Forum für Demokratie fordert mehr Geld.",
            "Auch interessant ist, dass der Minister nicht selbst erschien.",
            "Die Polizei bittet Zeugen, sich über das Kontaktformular der Wache zu melden.",
            "Hinweise nimmt die Polizei unter hinweise@polizei.berlin.de entgegen.",
            "Die Stiftung will unabhängigen Journalismus in der Region stärken.",
            "## Streit in allen Landesteilen",
            "Der Streit erfasste das ganze Land, von Norden bis Süden, und hielt wochenlang an.",
        ] {
            assert!(
                d.body.iter().any(|b| b == kept),
                "{kept} not in {:#?}",
                d.body
            );
        }
        assert!(d.removed.is_empty(), "{:?}", d.removed);
    }

    #[test]
    fn a_dash_in_a_headline_is_not_taken_for_an_outlet() {
        assert_eq!(
            split_outlet("Heizungsgesetz – Die wichtigsten Fragen"),
            ("Heizungsgesetz – Die wichtigsten Fragen", None)
        );
        assert_eq!(
            split_outlet("Bundeshaushalt – POLITICO"),
            ("Bundeshaushalt", Some("POLITICO"))
        );
        assert_eq!(
            split_outlet("KI-Gesetz – DW – 13.03.2024"),
            ("KI-Gesetz", Some("DW"))
        );
        assert_eq!(
            split_outlet("Streik | tagesschau.de"),
            ("Streik", Some("tagesschau.de"))
        );
    }

    #[test]
    fn a_plain_date_near_the_top_is_left_to_confirm() {
        let d = parse(
            "9. November 1989\n\nAn diesem Abend fiel in Berlin die Mauer, und Tausende zogen über die Grenze.\n",
        );
        assert_eq!(d.date.as_deref(), Some("1989-11-09"));
        assert!(
            d.review
                .iter()
                .any(|r| r.starts_with("date: taken from the line `9. November 1989`"))
        );
    }
}
