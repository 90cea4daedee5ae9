//! The entity-connections picture: an SVG drawn at build time, so it needs no script.
//!
//! The entities of the most frequent pairs sit on a circle in name order; a line joins two
//! entities named in the same paragraphs, thicker the more often. Names link to their pages.

use std::collections::BTreeSet;
use std::f64::consts::PI;
use std::fmt::Write;

use crate::enrich::Dossier;
use crate::markdown::escape_html;
use crate::render::urls;

/// At most this many entities are drawn, so labels stay legible.
const MAX_NODES: usize = 18;
/// Size of the square picture, in SVG units.
const SIZE: f64 = 720.0;
/// Radius of the circle the entities sit on.
const RADIUS: f64 = 220.0;

/// The SVG of the most co-mentioned pairs, links prefixed with `root`; empty when no two
/// entities are ever named together. `labelled_by` is the id of the element naming the picture.
pub fn svg(dossier: &Dossier, root: &str, labelled_by: &str) -> String {
    let mut nodes: BTreeSet<usize> = BTreeSet::new();
    let mut edges = Vec::new();
    for connection in &dossier.connections {
        let mut with = nodes.clone();
        with.insert(connection.a);
        with.insert(connection.b);
        if with.len() > MAX_NODES {
            continue;
        }
        nodes = with;
        edges.push(*connection);
    }
    if edges.is_empty() {
        return String::new();
    }
    let nodes: Vec<usize> = nodes.into_iter().collect();
    let max = edges.iter().map(|e| e.count).max().unwrap_or(1) as f64;
    let max_mentions = nodes
        .iter()
        .map(|&n| dossier.entities[n].mentions)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let center = SIZE / 2.0;
    let position = |n: usize, radius: f64| {
        let i = nodes.iter().position(|&x| x == n).unwrap_or(0);
        let angle = 2.0 * PI * i as f64 / nodes.len() as f64 - PI / 2.0;
        (
            center + radius * angle.cos(),
            center + radius * angle.sin(),
            angle,
        )
    };

    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"connections\" viewBox=\"0 0 {SIZE} {SIZE}\" role=\"group\" aria-labelledby=\"{labelled_by}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    out.push_str("<g class=\"conn-edges\">");
    for edge in &edges {
        let (x1, y1, _) = position(edge.a, RADIUS);
        let (x2, y2, _) = position(edge.b, RADIUS);
        let width = 1.0 + 7.0 * edge.count as f64 / max;
        let _ = write!(
            out,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke-width=\"{width:.1}\"><title>{} – {}: {}</title></line>",
            escape_html(&dossier.entities[edge.a].entity.name),
            escape_html(&dossier.entities[edge.b].entity.name),
            edge.count
        );
    }
    out.push_str("</g><g class=\"conn-nodes\">");
    for &n in &nodes {
        let entity = &dossier.entities[n].entity;
        let (x, y, angle) = position(n, RADIUS);
        let (lx, ly, _) = position(n, RADIUS + 14.0);
        let anchor = if angle.cos() < -0.01 { "end" } else { "start" };
        let r = 4.0 + 8.0 * (dossier.entities[n].mentions as f64 / max_mentions).sqrt();
        let _ = write!(
            out,
            "<a href=\"{root}{url}\"><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\"/><text x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\" dominant-baseline=\"middle\">{name}</text></a>",
            url = urls::entity(&entity.slug),
            name = escape_html(&entity.name),
        );
    }
    out.push_str("</g></svg>");
    out
}
