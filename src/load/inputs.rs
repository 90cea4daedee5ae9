//! Every file a build reads, read once before anything is parsed, with their digest: a build
//! of the very same inputs as the last one can then stop before any work (a preview server
//! saving unchanged files, a CI run on a commit that touched only the README).
//!
//! The loaders read from this snapshot, not from disk, so the digest is of exactly the bytes
//! the pages are made from. Read apart, a file saved between the two reads (and saved back
//! before the next build) would be recorded as built in a state no page shows.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{CONTENT_DIR, SEEDS_DIR, list_files};
use crate::config::CONFIG_FILE;
use crate::date::PartialDate;
use crate::error::Error;
use crate::render::TEMPLATES_DIR;
use crate::render::site::program_digest;

/// The folders a build reads, besides `site.toml`.
const FOLDERS: [&str; 3] = [CONTENT_DIR, SEEDS_DIR, TEMPLATES_DIR];

/// The input files of the dossier at `root`, as read when the build began.
pub struct Inputs {
    root: PathBuf,
    /// `None` when a folder could not be listed or a file not read: the loaders then read the
    /// disk and say what is wrong, and the build has no digest.
    snapshot: Option<Snapshot>,
    /// Set when a loader read something the snapshot did not hold: the digest no longer
    /// describes what was read.
    strayed: AtomicBool,
}

/// A file as read: where it really is, and its bytes until a loader takes them.
type InputFile = (PathBuf, Option<Vec<u8>>);

struct Snapshot {
    /// The files of each folder that exists, as [`list_files`] gave them.
    lists: FxHashMap<&'static str, Vec<PathBuf>>,
    /// By path relative to the root.
    files: Mutex<FxHashMap<PathBuf, InputFile>>,
    digest: blake3::Hash,
    /// Where the root really is.
    real_root: PathBuf,
}

impl Inputs {
    /// Reads every file under `content/`, `seeds/` and `templates/`, and `site.toml`, of the
    /// dossier at `root`, and hashes them with this program, today's date (warnings name dates
    /// in the future) and `base_url`, the `--base-url` given if any.
    pub fn read(root: &Path, base_url: Option<&str>) -> Inputs {
        Inputs {
            root: root.to_path_buf(),
            snapshot: Snapshot::read(root, base_url),
            strayed: AtomicBool::new(false),
        }
    }

    /// The digest of the inputs as read when the build began, if all could be read.
    pub fn digest(&self) -> Option<blake3::Hash> {
        self.snapshot.as_ref().map(|s| s.digest)
    }

    /// The digest, if the loaders read nothing but the snapshot: then it describes the build.
    pub fn digest_of_what_was_read(&self) -> Option<blake3::Hash> {
        self.digest()
            .filter(|_| !self.strayed.load(Ordering::Relaxed))
    }

    /// The dossier's root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether the folder `dir` exists.
    pub fn has_folder(&self, dir: &'static str) -> bool {
        match &self.snapshot {
            Some(s) => s.lists.contains_key(dir),
            None => self.root.join(dir).is_dir(),
        }
    }

    /// The files under `dir`, as [`list_files`] gives them.
    pub fn list(&self, dir: &'static str) -> Result<Vec<PathBuf>, Error> {
        match self.snapshot.as_ref().and_then(|s| s.lists.get(dir)) {
            Some(files) => Ok(files.clone()),
            None => {
                self.stray();
                list_files(&self.root, dir)
            }
        }
    }

    /// Whether something is at `rel` (relative to the root): a file read, or anything else
    /// there, which the loader then reads from disk and reports as it finds it (a folder
    /// named `entities.toml`, a name in other letter case on a disk that ignores case).
    pub fn has_file(&self, rel: &Path) -> bool {
        if let Some(s) = &self.snapshot
            && s.files().contains_key(rel)
        {
            return true;
        }
        let there = self.root.join(rel).exists();
        if there {
            self.stray();
        }
        there
    }

    /// The bytes of `rel`, handed over: each file is read once.
    pub fn read_file(&self, rel: &Path) -> std::io::Result<Vec<u8>> {
        self.look_up(rel, |(_, bytes)| bytes.take(), fs::read)
    }

    /// Where the root really is (symbolic links followed), as it was when the files were read.
    pub fn real_root(&self) -> std::io::Result<PathBuf> {
        match &self.snapshot {
            Some(s) => Ok(s.real_root.clone()),
            None => fs::canonicalize(&self.root),
        }
    }

    /// Where `rel` really is (symbolic links followed), as an absolute path.
    pub fn real_path(&self, rel: &Path) -> std::io::Result<PathBuf> {
        self.look_up(rel, |(real, _)| Some(real.clone()), fs::canonicalize)
    }

    /// What `take` finds in the snapshot's entry for `rel`; else what `disk` finds at its full
    /// path, after which the digest no longer describes what the build read.
    fn look_up<T>(
        &self,
        rel: &Path,
        take: impl FnOnce(&mut InputFile) -> Option<T>,
        disk: impl FnOnce(PathBuf) -> std::io::Result<T>,
    ) -> std::io::Result<T> {
        if let Some(found) = self
            .snapshot
            .as_ref()
            .and_then(|s| s.files().get_mut(rel).and_then(take))
        {
            return Ok(found);
        }
        self.stray();
        disk(self.root.join(rel))
    }

    /// The text of `rel`, as [`super::decode_text`] reads it.
    pub fn read_text(&self, rel: &Path) -> Result<String, Error> {
        let bytes = self
            .read_file(rel)
            .map_err(|e| Error::io(rel, "cannot read", e))?;
        super::decode_text(rel, bytes)
    }

    fn stray(&self) {
        self.strayed.store(true, Ordering::Relaxed);
    }
}

impl Snapshot {
    fn read(root: &Path, base_url: Option<&str>) -> Option<Snapshot> {
        let mut lists = FxHashMap::default();
        let mut paths = vec![PathBuf::from(CONFIG_FILE)];
        for dir in FOLDERS {
            if root.join(dir).is_dir() {
                let files = list_files(root, dir).ok()?;
                paths.extend(files.iter().cloned());
                lists.insert(dir, files);
            }
        }
        let real_root = fs::canonicalize(root).ok()?;
        let read: Vec<(PathBuf, PathBuf, Vec<u8>, blake3::Hash)> = paths
            .into_par_iter()
            .map(|rel| {
                let full = root.join(&rel);
                let real = fs::canonicalize(&full).ok()?;
                let bytes = fs::read(&full).ok()?;
                // Where a file really is belongs to the inputs: a link in seeds/ to a file
                // outside the dossier is refused.
                let mut hasher = blake3::Hasher::new();
                let shown_real = real.strip_prefix(&real_root).unwrap_or(&real);
                for part in [rel.as_os_str(), shown_real.as_os_str()] {
                    let part = part.as_encoded_bytes();
                    hasher.update(&part.len().to_le_bytes());
                    hasher.update(part);
                }
                hasher.update(&bytes);
                let hash = hasher.finalize();
                Some((rel, real, bytes, hash))
            })
            .collect::<Option<_>>()?;
        let mut hasher = blake3::Hasher::new();
        hasher.update(program_digest().as_bytes());
        hasher.update(PartialDate::today().iso().as_bytes());
        hasher.update(format!("{base_url:?}").as_bytes());
        hasher.update(&read.len().to_le_bytes());
        for (_, _, _, hash) in &read {
            hasher.update(hash.as_bytes());
        }
        let files = read
            .into_iter()
            .map(|(rel, real, bytes, _)| (rel, (real, Some(bytes))))
            .collect();
        Some(Snapshot {
            lists,
            files: Mutex::new(files),
            digest: hasher.finalize(),
            real_root,
        })
    }

    fn files(&self) -> std::sync::MutexGuard<'_, FxHashMap<PathBuf, InputFile>> {
        // Poisoned only if a loader panicked holding it, which taking a value cannot do.
        self.files.lock().unwrap_or_else(|e| e.into_inner())
    }
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

    fn digest(root: &Path) -> blake3::Hash {
        Inputs::read(root, None).digest().unwrap()
    }

    #[test]
    fn any_change_to_what_a_build_reads_changes_the_digest() {
        let dir = dossier();
        let root = dir.path();
        let first = digest(root);
        assert_eq!(digest(root), first, "the same inputs");
        assert_ne!(
            Inputs::read(root, Some("https://example.org/")).digest(),
            Some(first),
            "another --base-url"
        );

        let mut seen = vec![first];
        let mut differs = |what: &str, change: &dyn Fn()| {
            change();
            let now = digest(root);
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
        let before = digest(root);
        fs::write(root.join("content/b.md~"), "backup").unwrap();
        assert_eq!(digest(root), before);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_pointing_elsewhere_changes_the_digest() {
        let dir = dossier();
        let root = dir.path();
        fs::write(root.join("seeds/one.txt"), "same").unwrap();
        fs::write(root.join("seeds/two.txt"), "same").unwrap();
        std::os::unix::fs::symlink("one.txt", root.join("seeds/link.txt")).unwrap();
        let first = digest(root);
        fs::remove_file(root.join("seeds/link.txt")).unwrap();
        std::os::unix::fs::symlink("two.txt", root.join("seeds/link.txt")).unwrap();
        assert_ne!(digest(root), first);
    }

    #[test]
    fn what_is_there_but_was_not_read_is_left_to_the_loader_to_report() {
        let dir = dossier();
        let root = dir.path();
        fs::create_dir_all(root.join("content/entities.toml")).unwrap();
        let inputs = Inputs::read(root, None);
        assert!(inputs.has_file(Path::new("content/entities.toml")));
        assert!(crate::load::EntityRegistry::load(&inputs).is_err());
        assert_eq!(inputs.digest_of_what_was_read(), None);
    }

    #[test]
    fn the_digest_is_of_the_bytes_read_as_the_build_began() {
        let dir = dossier();
        let root = dir.path();
        let inputs = Inputs::read(root, None);
        // Saved after the build read it: the build makes the pages from what it read.
        fs::write(root.join("content/a.md"), "saved meanwhile").unwrap();
        assert_eq!(inputs.read_file(Path::new("content/a.md")).unwrap(), b"one");
        assert_eq!(inputs.digest_of_what_was_read(), inputs.digest());

        // Read twice, or not in the snapshot: what was read is no longer what was hashed.
        assert_eq!(
            inputs.read_file(Path::new("content/a.md")).unwrap(),
            b"saved meanwhile"
        );
        assert_eq!(inputs.digest_of_what_was_read(), None);
    }
}
