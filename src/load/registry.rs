//! `content/entities.toml` → [`EntityRegistry`]: every person, organisation, place and event of
//! the dossier under one canonical name, with the other names the texts use for it.
//!
//! The registry is checked whole before anything else uses it: an alias claimed by two entities
//! would make mention detection pick one at random, and two entries sharing a page name would
//! overwrite each other's page, so both are errors at the line that makes them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::{Error, LineIndex, Location, closest};
use crate::slug::slugify;

/// The registry's file, relative to the dossier root.
pub const REGISTRY_FILE: &str = "content/entities.toml";

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A state body, alliance, party, company, agency or outlet.
    Organisation,
    /// A country, city, region or site.
    Place,
    /// A summit, meeting or other dated occasion.
    Event,
    /// Anything else worth a page.
    Other,
}

impl EntityKind {
    /// Every kind, in the order the entity index shows them.
    pub const ALL: [EntityKind; 5] = [
        EntityKind::Person,
        EntityKind::Organisation,
        EntityKind::Place,
        EntityKind::Event,
        EntityKind::Other,
    ];

    /// The kind as written in the registry (`person`, `organisation`...).
    pub fn key(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::Place => "place",
            EntityKind::Event => "event",
            EntityKind::Other => "other",
        }
    }

    /// Whether an entity of this kind can be the speaker of a quotation.
    pub fn can_speak(self) -> bool {
        matches!(self, EntityKind::Person | EntityKind::Organisation)
    }
}

/// One registry entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The stable key front matter and data exports use (`stoltenberg`).
    pub id: String,
    /// The canonical name (`Jens Stoltenberg`).
    pub name: String,
    /// The page name, from the canonical name (`jens-stoltenberg`).
    pub slug: String,
    /// What it is.
    pub kind: EntityKind,
    /// Other names the texts use, misspellings included, as written.
    pub aliases: Vec<String>,
    /// One line saying who or what it is.
    pub description: String,
    /// The Wikidata item (`Q57448`), when known.
    pub wikidata: Option<String>,
    /// Offices and roles with their years (`NATO-Generalsekretär 2014–2024`).
    pub roles: Vec<String>,
    /// Line of the registry file where the entry's `id` stands.
    pub line: usize,
}

impl Entity {
    /// The canonical name and every alias: the names mention detection looks for.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// The dossier's entities, sorted by page name.
#[derive(Debug, Clone, Default)]
pub struct EntityRegistry {
    /// The entries, sorted by slug.
    pub entities: Vec<Entity>,
    /// Name, alias or id → index into `entities`.
    by_name: BTreeMap<String, usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryFile {
    #[serde(default)]
    entity: Vec<RawEntity>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: Spanned<String>,
    name: Spanned<String>,
    kind: EntityKind,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    description: Spanned<String>,
    wikidata: Option<Spanned<String>>,
    #[serde(default)]
    roles: Vec<Spanned<String>>,
}

impl EntityRegistry {
    /// Reads the registry from a dossier's `inputs`; a dossier without one has no entities.
    pub fn load(inputs: &crate::load::Inputs) -> Result<EntityRegistry, Vec<Error>> {
        let shown = PathBuf::from(REGISTRY_FILE);
        if !inputs.has_file(&shown) {
            return Ok(EntityRegistry::default());
        }
        let text = inputs.read_text(&shown).map_err(|e| vec![e])?;
        EntityRegistry::parse(&shown, &text)
    }

    /// Parses and checks registry text; `path` is used in errors.
    pub fn parse(path: &Path, text: &str) -> Result<EntityRegistry, Vec<Error>> {
        let file: RegistryFile =
            toml::from_str(text).map_err(|e| vec![Error::from_toml(path, text, 1, &e)])?;
        // One index of the lines: counting them again for every entry was quadratic.
        let lines = LineIndex::new(text);
        let at = |offset: usize| Location::line(path, lines.line(offset));
        let mut errors = Vec::new();
        let mut entities = Vec::with_capacity(file.entity.len());
        for raw in file.entity {
            match check_entry(raw, &at) {
                Ok(entity) => entities.push(entity),
                Err(e) => errors.push(e),
            }
        }
        errors.extend(clashes(path, &entities));
        if !errors.is_empty() {
            return Err(errors);
        }
        entities.sort_by(|a, b| a.slug.cmp(&b.slug));
        let mut by_name = BTreeMap::new();
        for (index, entity) in entities.iter().enumerate() {
            by_name.insert(entity.id.clone(), index);
            for name in entity.names() {
                by_name.insert(name.to_string(), index);
            }
        }
        Ok(EntityRegistry { entities, by_name })
    }

    /// The entity a front-matter name means: its id, canonical name or one of its aliases.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// The registered name closest to `name`, to suggest when a name is not found.
    pub fn closest_name(&self, name: &str) -> Option<String> {
        let names: Vec<String> = self.by_name.keys().cloned().collect();
        closest(name, &names)
    }

    /// Page names of aliases that lead to an entity's page: (alias slug, entity index), sorted.
    pub fn alias_slugs(&self) -> Vec<(String, usize)> {
        let mut out: BTreeMap<String, usize> = BTreeMap::new();
        for (index, entity) in self.entities.iter().enumerate() {
            for alias in &entity.aliases {
                let slug = slugify(alias);
                if slug != entity.slug && !slug.is_empty() {
                    out.insert(slug, index);
                }
            }
        }
        out.into_iter().collect()
    }
}

fn check_entry(raw: RawEntity, at: &impl Fn(usize) -> Location) -> Result<Entity, Error> {
    let id = raw.id.get_ref().trim().to_string();
    let line = at(raw.id.span().start).line.unwrap_or(0);
    let valid_id = id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && id.starts_with(|c: char| c.is_ascii_alphanumeric());
    if !valid_id {
        return Err(Error::input(
            at(raw.id.span().start),
            format!("`{id}` is not a valid entity id"),
        )
        .with_hint("an id is lowercase ASCII letters, digits and `-`, e.g. id = \"stoltenberg\""));
    }
    let one_line = |value: &Spanned<String>, key: &str| -> Result<String, Error> {
        let text = value.get_ref().trim();
        if text.is_empty() {
            return Err(Error::input(
                at(value.span().start),
                format!("`{key}` of `{id}` is empty"),
            )
            .with_hint(format!("write the {key} out")));
        }
        if text.contains(|c: char| c.is_control()) {
            return Err(Error::input(
                at(value.span().start),
                format!("`{key}` of `{id}` spans more than one line or holds a control character"),
            )
            .with_hint(format!("write the {key} on one line")));
        }
        Ok(text.to_string())
    };
    let name = one_line(&raw.name, "name")?;
    let slug = slugify(&name);
    if slug.is_empty() {
        return Err(Error::input(
            at(raw.name.span().start),
            format!("the name `{name}` gives an empty page name"),
        )
        .with_hint("write the name with letters or digits"));
    }
    let description = one_line(&raw.description, "description")?;
    let mut aliases: Vec<String> = Vec::with_capacity(raw.aliases.len());
    for alias in &raw.aliases {
        let text = one_line(alias, "alias")?;
        if text.chars().count() < 2 || !text.chars().any(char::is_alphanumeric) {
            return Err(Error::input(
                at(alias.span().start),
                format!("the alias `{text}` of `{id}` is too short to look for in texts"),
            )
            .with_hint("an alias needs at least two characters, one of them a letter or digit"));
        }
        if text == name || aliases.contains(&text) {
            return Err(Error::input(
                at(alias.span().start),
                format!("the alias `{text}` of `{id}` is listed twice (or is its name)"),
            )
            .with_hint("remove it"));
        }
        aliases.push(text);
    }
    let wikidata = match &raw.wikidata {
        None => None,
        Some(value) => {
            let text = value.get_ref().trim();
            let valid = text.len() > 1
                && text.starts_with('Q')
                && text[1..].chars().all(|c| c.is_ascii_digit());
            if !valid {
                return Err(Error::input(
                    at(value.span().start),
                    format!("`{text}` is not a Wikidata item id"),
                )
                .with_hint(
                    "write the item's Q-number, e.g. wikidata = \"Q57448\", or leave the key out",
                ));
            }
            Some(text.to_string())
        }
    };
    let roles = raw
        .roles
        .iter()
        .map(|r| one_line(r, "role"))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Entity {
        id,
        name,
        slug,
        kind: raw.kind,
        aliases,
        description,
        wikidata,
        roles,
        line,
    })
}

/// Ids, names and aliases that two entries share, and page names that two entries would write.
fn clashes(path: &Path, entities: &[Entity]) -> Vec<Error> {
    let mut errors = Vec::new();
    let mut ids: BTreeMap<&str, &Entity> = BTreeMap::new();
    // Every name that mention detection looks for, and every page name, with its owner.
    let mut names: BTreeMap<&str, &Entity> = BTreeMap::new();
    let mut pages: BTreeMap<String, (&Entity, String)> = BTreeMap::new();
    let here = |entity: &Entity| Location::line(path, entity.line);
    // A name two entities share is one mistake, reported once, not again as a page clash.
    let mut shared: Vec<&str> = Vec::new();
    for entity in entities {
        if let Some(first) = ids.insert(&entity.id, entity) {
            errors.push(
                Error::input(
                    here(entity),
                    format!(
                        "the entity id `{}` is already used on line {}",
                        entity.id, first.line
                    ),
                )
                .with_hint("give each entity its own id"),
            );
            continue;
        }
        for name in entity.names() {
            match names.get(name) {
                Some(owner) if owner.id != entity.id => {
                    shared.push(name);
                    errors.push(
                    Error::input(
                        here(entity),
                        format!(
                            "`{name}` of `{}` is already a name of `{}` (line {})",
                            entity.id, owner.id, owner.line
                        ),
                    )
                    .with_hint("a name can mean only one entity: keep it on the one the texts mean, or write it out in full"),
                    );
                }
                Some(_) => {}
                None => {
                    names.insert(name, entity);
                }
            }
        }
        let canonical = std::iter::once((entity.slug.clone(), entity.name.clone()));
        let alias_pages = entity
            .aliases
            .iter()
            .map(|a| (slugify(a), a.clone()))
            .filter(|(slug, _)| !slug.is_empty() && *slug != entity.slug);
        for (slug, name) in canonical.chain(alias_pages) {
            if shared.contains(&name.as_str()) {
                continue;
            }
            match pages.get(&slug) {
                Some((owner, other)) if owner.id != entity.id => errors.push(
                    Error::input(
                        here(entity),
                        format!(
                            "`{name}` of `{}` and `{other}` of `{}` (line {}) would share the page entities/{slug}.html",
                            entity.id, owner.id, owner.line
                        ),
                    )
                    .with_hint("write one of the names differently, e.g. with a first name or a qualifier"),
                ),
                Some(_) => {}
                None => {
                    pages.insert(slug, (entity, name));
                }
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<EntityRegistry, String> {
        EntityRegistry::parse(Path::new("content/entities.toml"), text).map_err(|errors| {
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    const TWO: &str = r#"
[[entity]]
id = "selenskyj"
name = "Wolodymyr Selenskyj"
kind = "person"
aliases = ["Selenskyj", "Selenskij"]
description = "Präsident der Ukraine"
wikidata = "Q3881172"
roles = ["Präsident der Ukraine seit 2019"]

[[entity]]
id = "bruessel"
name = "Brüssel"
kind = "place"
description = "Hauptstadt Belgiens, Sitz der NATO"
"#;

    #[test]
    fn entries_load_sorted_by_slug_and_are_found_by_any_name() {
        let registry = parse(TWO).unwrap();
        let slugs: Vec<&str> = registry.entities.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, ["bruessel", "wolodymyr-selenskyj"]);
        assert_eq!(registry.lookup("Selenskij"), Some(1));
        assert_eq!(registry.lookup("selenskyj"), Some(1));
        assert_eq!(registry.lookup("Brüssel"), Some(0));
        assert_eq!(registry.lookup("Kiew"), None);
        assert_eq!(registry.entities[1].line, 3);
        assert_eq!(
            registry.alias_slugs(),
            [("selenskij".to_string(), 1), ("selenskyj".to_string(), 1)]
        );
    }

    #[test]
    fn an_alias_of_two_entities_is_an_error() {
        let text = format!(
            "{TWO}\n[[entity]]\nid = \"selenskyj-2\"\nname = \"Olena Selenska\"\nkind = \"person\"\naliases = [\"Selenskij\"]\ndescription = \"x\"\n"
        );
        let err = parse(&text).unwrap_err();
        assert_eq!(
            err,
            "content/entities.toml:18: `Selenskij` of `selenskyj-2` is already a name of `selenskyj` (line 3)\n  hint: a name can mean only one entity: keep it on the one the texts mean, or write it out in full"
        );
    }

    #[test]
    fn an_id_clash_and_a_page_clash_are_errors() {
        let text = format!(
            "{TWO}\n[[entity]]\nid = \"bruessel\"\nname = \"Brussels\"\nkind = \"place\"\ndescription = \"x\"\n\n[[entity]]\nid = \"bruessel-2\"\nname = \"Bruessel\"\nkind = \"place\"\ndescription = \"x\"\n"
        );
        let err = parse(&text).unwrap_err();
        assert!(
            err.contains(
                "content/entities.toml:18: the entity id `bruessel` is already used on line 12"
            ),
            "{err}"
        );
        assert!(
            err.contains("content/entities.toml:24: `Bruessel` of `bruessel-2` and `Brüssel` of `bruessel` (line 12) would share the page entities/bruessel.html"),
            "{err}"
        );
    }

    #[test]
    fn broken_entries_are_errors_at_their_line() {
        let cases = [
            (
                "id = \"Stoltenberg\"",
                "`Stoltenberg` is not a valid entity id",
            ),
            ("wikidata = \"57448\"", "`57448` is not a Wikidata item id"),
            ("aliases = [\"S\"]", "the alias `S` of `x` is too short"),
            ("kind = \"persn\"", "unknown variant `persn`"),
            ("colour = \"red\"", "unknown key `colour`"),
        ];
        for (line, expected) in cases {
            let mut entry = vec![
                "[[entity]]",
                "id = \"x\"",
                "name = \"X Y\"",
                "kind = \"person\"",
                "description = \"d\"",
            ];
            let key = line.split(' ').next().unwrap();
            entry.retain(|l| !l.starts_with(&format!("{key} ")));
            entry.push(line);
            let text = entry.join("\n");
            let err = parse(&text).unwrap_err();
            let line = entry.len();
            assert!(
                err.starts_with(&format!("content/entities.toml:{line}: {expected}")),
                "{line}: {err}"
            );
        }
    }

    #[test]
    fn a_missing_registry_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let registry = EntityRegistry::load(&crate::load::Inputs::read(dir.path(), None)).unwrap();
        assert!(registry.entities.is_empty());
    }
}
