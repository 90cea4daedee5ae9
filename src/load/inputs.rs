//! The digest of everything a build reads, so that a build of the very same inputs as the
//! last one can stop before any work (a preview server saving unchanged files, a CI run on a
//! commit that touched only the README).
//!
//! It is taken before anything is loaded: a file changed while the build reads it then differs
//! from the digest, and the next build does the work again. Taken after, the change would be
//! recorded as built when the pages show the file as it was.

use std::fs;
use std::path::Path;

use rayon::prelude::*;

use super::{CONTENT_DIR, SEEDS_DIR, list_files};
use crate::config::{CONFIG_FILE, SiteConfig};
use crate::date::PartialDate;
use crate::render::TEMPLATES_DIR;
use crate::render::site::program_digest;

/// What a build reads, hashed: this program, the settings as the build applies them (with
/// `--base-url`), today's date (warnings name dates in the future), and the path, real place
/// and bytes of every file under `content/`, `seeds/` and `templates/`, and of `site.toml`.
///
/// `None` when a file cannot be read: the build then does all its work and reports why.
pub fn digest(root: &Path, config: &SiteConfig) -> Option<blake3::Hash> {
    let mut files = vec![Path::new(CONFIG_FILE).to_path_buf()];
    for dir in [CONTENT_DIR, SEEDS_DIR, TEMPLATES_DIR] {
        if root.join(dir).is_dir() {
            files.extend(list_files(root, dir).ok()?);
        }
    }
    // A link in seeds/ to a file outside the dossier is refused; where each file really is
    // belongs to the inputs as much as its bytes.
    let real_root = fs::canonicalize(root).ok()?;
    let hashes: Vec<blake3::Hash> = files
        .par_iter()
        .map(|rel| {
            let full = root.join(rel);
            let real = fs::canonicalize(&full).ok()?;
            let real = real.strip_prefix(&real_root).unwrap_or(&real);
            let bytes = fs::read(&full).ok()?;
            let mut hasher = blake3::Hasher::new();
            for part in [rel.as_os_str(), real.as_os_str()] {
                let part = part.as_encoded_bytes();
                hasher.update(&part.len().to_le_bytes());
                hasher.update(part);
            }
            hasher.update(&bytes);
            Some(hasher.finalize())
        })
        .collect::<Option<_>>()?;
    let mut hasher = blake3::Hasher::new();
    hasher.update(program_digest().as_bytes());
    hasher.update(format!("{config:?}").as_bytes());
    hasher.update(PartialDate::today().iso().as_bytes());
    hasher.update(&files.len().to_le_bytes());
    for hash in hashes {
        hasher.update(hash.as_bytes());
    }
    Some(hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dossier() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in [
            ("site.toml", "title = \"T\"\n"),
            ("content/a.md", "one"),
            ("seeds/a.txt", "raw"),
            ("templates/base.html", "<p>"),
        ] {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn any_change_to_what_a_build_reads_changes_the_digest() {
        let dir = dossier();
        let root = dir.path();
        let config = SiteConfig::load(root).unwrap();
        let first = digest(root, &config).unwrap();
        assert_eq!(digest(root, &config), Some(first), "the same inputs");

        let mut seen = vec![first];
        let mut differs = |what: &str, change: &dyn Fn()| {
            change();
            let now = digest(root, &SiteConfig::load(root).unwrap()).unwrap();
            assert!(!seen.contains(&now), "{what} left the digest as it was");
            seen.push(now);
        };
        differs("an edited article", &|| {
            fs::write(root.join("content/a.md"), "two").unwrap()
        });
        differs("a renamed article", &|| {
            fs::rename(root.join("content/a.md"), root.join("content/b.md")).unwrap()
        });
        differs("a new seed", &|| {
            fs::write(root.join("seeds/b.txt"), "").unwrap()
        });
        differs("an edited template", &|| {
            fs::write(root.join("templates/base.html"), "<p>x").unwrap()
        });
        differs("a new asset", &|| {
            fs::create_dir_all(root.join("templates/assets")).unwrap();
            fs::write(root.join("templates/assets/x.css"), "").unwrap()
        });
        differs("changed settings", &|| {
            fs::write(root.join("site.toml"), "title = \"U\"\n").unwrap()
        });
        differs("a deleted seed", &|| {
            fs::remove_file(root.join("seeds/a.txt")).unwrap()
        });

        // Editor leftovers are not read by a build, so they change nothing.
        let before = digest(root, &SiteConfig::load(root).unwrap());
        fs::write(root.join("content/b.md~"), "backup").unwrap();
        assert_eq!(digest(root, &SiteConfig::load(root).unwrap()), before);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_pointing_elsewhere_changes_the_digest() {
        let dir = dossier();
        let root = dir.path();
        let config = SiteConfig::load(root).unwrap();
        fs::write(root.join("seeds/one.txt"), "same").unwrap();
        fs::write(root.join("seeds/two.txt"), "same").unwrap();
        std::os::unix::fs::symlink("one.txt", root.join("seeds/link.txt")).unwrap();
        let first = digest(root, &config);
        fs::remove_file(root.join("seeds/link.txt")).unwrap();
        std::os::unix::fs::symlink("two.txt", root.join("seeds/link.txt")).unwrap();
        assert_ne!(digest(root, &config), first);
    }
}
