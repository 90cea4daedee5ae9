//! Mentions of the bundled registry's entities in a text.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use dossier::enrich::mentions::MentionDetector;
use dossier::load::EntityRegistry;
use dossier_fuzz::assert_ordered_slices;
use libfuzzer_sys::fuzz_target;

/// The dossier's own registry, built into the binary so that a run needs no checkout.
const REGISTRY: &str = include_str!("../../content/entities.toml");

/// Building the automaton per input would drown the search in set-up.
fn detector() -> &'static (EntityRegistry, MentionDetector) {
    static DETECTOR: OnceLock<(EntityRegistry, MentionDetector)> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        let registry = EntityRegistry::parse(Path::new(dossier::load::REGISTRY_FILE), REGISTRY)
            .expect("the bundled registry loads");
        let detector = MentionDetector::new(&registry);
        (registry, detector)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (registry, detector) = detector();
    let found = detector.find(text);
    assert_ordered_slices(text, found.iter().map(|f| f.start..f.end));
    for mention in &found {
        assert!(
            mention.start < mention.name_end && mention.name_end <= mention.end,
            "{mention:?}: the name is not inside the mention"
        );
        assert!(text.is_char_boundary(mention.name_end), "{mention:?}");
        assert!(mention.entity < registry.entities.len(), "{mention:?}");
    }
});
