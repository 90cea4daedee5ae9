//! The entity data for other tools: `data/entities.json`, `data/entities.csv` (one row per
//! entity) and `data/mentions.csv` (one row per mention), for spreadsheets, Datasette or Aleph.

use std::borrow::Cow;

use serde::Serialize;

use crate::enrich::Dossier;
use crate::load::EntityKind;
use crate::render::{Planned, urls};

/// The folder of the data exports in the site.
pub const DATA_DIR: &str = "data";

/// `entities.json`: its keys in alphabetical order, as the file has always had them.
#[derive(Serialize)]
struct EntitiesFile<'a> {
    entities: Vec<EntityRecord<'a>>,
}

// The fields of the records are in alphabetical order too: serialised in that order, the
// JSON needs no sorting map in between (for a large dossier, hundreds of megabytes).
#[derive(Serialize)]
struct EntityRecord<'a> {
    aliases: &'a [String],
    description: &'a str,
    id: &'a str,
    kind: EntityKind,
    mention_count: usize,
    mentions: Vec<MentionRecord<'a>>,
    name: &'a str,
    /// Site-relative URL of its page.
    page: String,
    roles: &'a [String],
    wikidata: Option<&'a str>,
}

#[derive(Serialize)]
struct MentionRecord<'a> {
    article: &'a str,
    date: String,
    /// The anchor of the paragraph, heading or caption.
    paragraph: &'a str,
    /// The words of the text, an inflection ending included (`Stoltenbergs`).
    text: String,
    /// Site-relative URL of that paragraph.
    url: String,
}

/// Every entity's record, its mentions not yet listed.
fn entity_records(dossier: &Dossier) -> Vec<EntityRecord<'_>> {
    dossier
        .entities
        .iter()
        .map(|p| EntityRecord {
            id: &p.entity.id,
            name: &p.entity.name,
            kind: p.entity.kind,
            description: &p.entity.description,
            wikidata: p.entity.wikidata.as_deref(),
            roles: &p.entity.roles,
            aliases: &p.entity.aliases,
            page: urls::entity(&p.entity.slug),
            mention_count: p.mentions,
            mentions: Vec::new(),
        })
        .collect()
}

/// Every entity's record with its mentions: articles oldest first, mentions in reading order.
fn records(dossier: &Dossier) -> Vec<EntityRecord<'_>> {
    let mut records = entity_records(dossier);
    for entry in &dossier.articles {
        let slug = entry.article.slug.as_str();
        for (text, block) in entry.body.mentions_by_block() {
            for mention in block {
                records[mention.entity].mentions.push(MentionRecord {
                    article: slug,
                    date: entry.article.date.iso(),
                    paragraph: &mention.anchor,
                    url: format!("{}#{}", urls::article(slug), mention.anchor),
                    text: text[mention.found.start..mention.found.end].to_string(),
                });
            }
        }
    }
    records
}

/// The export files, each made when it is written: together they are about as large as all
/// the article pages, and would otherwise be held from the first page to the last.
pub fn files(dossier: &Dossier) -> Vec<Planned<'_>> {
    // Each holds every mention while it is made: weighed as heavy pages are, so that a large
    // dossier makes them one after another.
    let weight = dossier.articles.len();
    vec![
        Planned::generated(format!("{DATA_DIR}/entities.json"), || {
            entities_json(dossier)
        })
        .weighing(weight),
        Planned::generated(format!("{DATA_DIR}/entities.csv"), || entities_csv(dossier))
            .weighing(weight),
        Planned::generated(format!("{DATA_DIR}/mentions.csv"), || mentions_csv(dossier))
            .weighing(weight),
    ]
}

fn entities_json(dossier: &Dossier) -> Vec<u8> {
    let file = EntitiesFile {
        entities: records(dossier),
    };
    let mut json = serde_json::to_vec_pretty(&file).expect("records are plain data");
    json.push(b'\n');
    json
}

fn entities_csv(dossier: &Dossier) -> Vec<u8> {
    let mut entities = csv::Writer::from_writer(Vec::new());
    write_row(
        &mut entities,
        &[
            "id",
            "name",
            "kind",
            "description",
            "wikidata",
            "roles",
            "aliases",
            "page",
            "mention_count",
            "mentions",
        ],
    );
    // Only where each mention stands: the texts, dates and URLs of `records` are not needed.
    let mut places = vec![String::new(); dossier.entities.len()];
    for entry in &dossier.articles {
        for mention in &entry.body.mentions {
            let list = &mut places[mention.entity];
            if !list.is_empty() {
                list.push(' ');
            }
            list.push_str(&entry.article.slug);
            list.push('#');
            list.push_str(&mention.anchor);
        }
    }
    for (r, places) in entity_records(dossier).iter().zip(&places) {
        write_row(
            &mut entities,
            &[
                r.id,
                r.name,
                r.kind.key(),
                r.description,
                r.wikidata.unwrap_or(""),
                &r.roles.join("; "),
                &r.aliases.join("; "),
                &r.page,
                &r.mention_count.to_string(),
                places,
            ],
        );
    }
    entities.into_inner().unwrap_or_default()
}

fn mentions_csv(dossier: &Dossier) -> Vec<u8> {
    let mut mentions = csv::Writer::from_writer(Vec::new());
    write_row(
        &mut mentions,
        &[
            "entity_id",
            "entity_name",
            "article",
            "date",
            "paragraph",
            "url",
            "text",
        ],
    );
    for r in &records(dossier) {
        for m in &r.mentions {
            write_row(
                &mut mentions,
                &[
                    r.id,
                    r.name,
                    m.article,
                    &m.date,
                    m.paragraph,
                    &m.url,
                    &m.text,
                ],
            );
        }
    }
    mentions.into_inner().unwrap_or_default()
}

/// Writes a CSV row whose cells a spreadsheet shows as text: a cell starting with `=`, `+`,
/// `-` or `@` would be run as a formula (an entity named `=HYPERLINK(...)` could send a
/// reader's data away), so it gets the `'` spreadsheets read as "text follows".
fn write_row(writer: &mut csv::Writer<Vec<u8>>, cells: &[&str]) {
    let safe = cells.iter().map(|cell| {
        if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            Cow::Owned(format!("'{cell}").into_bytes())
        } else {
            Cow::Borrowed(cell.as_bytes())
        }
    });
    // Writing CSV into memory cannot fail.
    let _ = writer.write_record(safe);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_written_as_text() {
        let mut writer = csv::Writer::from_writer(Vec::new());
        write_row(
            &mut writer,
            &[
                "=HYPERLINK(\"http://x\")",
                "+cmd",
                "-1",
                "@SUM(1)",
                "NATO",
                "a=b",
            ],
        );
        let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        assert_eq!(
            text,
            "\"'=HYPERLINK(\"\"http://x\"\")\",'+cmd,'-1,'@SUM(1),NATO,a=b\n"
        );
    }
}
