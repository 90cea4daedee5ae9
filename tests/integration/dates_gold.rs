//! Date expressions in eight German articles the reader was not written against (by a helper who
//! never saw the code): every expression an editor marked is found, and nothing else is.
//! `tests/fixtures/dategold/README.md` describes the set; each `.gold.tsv` lists the marked
//! expressions in text order, then, after `# not dates`, strings that must not be read as dates.

use dossier::date::{PartialDate, find_date_expressions};

use crate::support::repo;

#[test]
fn every_marked_expression_is_found_and_nothing_else() {
    let dir = repo().join("tests/fixtures/dategold");
    let mut gold_total = 0;
    let mut problems = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 8);
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let date = text
            .lines()
            .find_map(|l| l.strip_prefix("date = \""))
            .unwrap()
            .trim_end_matches('"');
        let body_start = text.match_indices("+++").nth(1).unwrap().0 + 3;
        let body = &text[body_start..];
        let found = find_date_expressions(body, PartialDate::parse(date).unwrap());
        let gold_text = std::fs::read_to_string(path.with_extension("gold.tsv")).unwrap();
        let mut matched = vec![false; found.len()];
        let mut from = 0;
        for line in gold_text.lines() {
            if line.starts_with("# not dates") {
                break;
            }
            let expression = line.split('\t').next().unwrap_or("");
            if expression.is_empty() || expression.starts_with('#') {
                continue;
            }
            gold_total += 1;
            // Marked expressions are listed in text order; find each after the one before.
            let Some(at) = body[from..].find(expression).map(|i| i + from) else {
                problems.push(format!(
                    "{}: `{expression}` not in the text",
                    path.display()
                ));
                continue;
            };
            from = at + body[at..].chars().next().map_or(1, char::len_utf8);
            let range = at..at + expression.len();
            match found
                .iter()
                .position(|f| f.range.start < range.end && range.start < f.range.end)
            {
                Some(i) => matched[i] = true,
                None => problems.push(format!("{}: missed `{expression}`", path.display())),
            }
        }
        for (f, matched) in found.iter().zip(matched) {
            if !matched {
                problems.push(format!(
                    "{}: `{}` is not a marked date",
                    path.display(),
                    &body[f.range.clone()]
                ));
            }
        }
    }
    assert_eq!(gold_total, 165);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
