//! The record of a build: the fingerprint and size of every file it wrote, kept beside the
//! output folder (in `.dossier-cache/`), so that the next build makes only the files whose
//! inputs changed.
//!
//! It also keeps the digest of the inputs that build read and what it reported, so that a
//! build of the very same inputs stops at once and says what the last one said.
//!
//! A record is trusted only for the very folder it describes: it names the marker file of that
//! folder by its identity on disk (device, inode, modification time), which a folder put back
//! from elsewhere, or built by another record's build, does not share. Anything unexpected
//! (no record, another format, another folder) means a full build, never a stale page.

use std::fs;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::render::site::Fingerprint;
use crate::write::MARKER;

/// The folder, beside the output folder, that holds the records of builds.
pub const CACHE_DIR: &str = ".dossier-cache";

const HEADER: &str = "dossier-record 2";

/// What the last build wrote, by path relative to the output folder.
#[derive(Debug, Default)]
pub struct Record {
    /// Each file's entry.
    pub files: FxHashMap<String, Entry>,
    /// What the build read and reported, when it was a whole build of a dossier.
    pub stamp: Option<Stamp>,
}

/// The inputs of a build, hashed, and what it reported besides its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// The digest of everything the build read ([`crate::load::inputs::digest`]), in hex.
    pub inputs: String,
    /// Articles built.
    pub articles: usize,
    /// Entity pages built.
    pub entities: usize,
    /// Topic pages built.
    pub topics: usize,
    /// Dated events read from the texts.
    pub events: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Seeds published.
    pub seeds: usize,
    /// The warnings about the dossier (not about writing it), to be said again.
    pub warnings: Vec<String>,
}

/// One file as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What it was made from.
    pub fingerprint: Fingerprint,
    /// Its length in bytes.
    pub size: u64,
}

impl Record {
    /// Where the record of the output folder `name` in `parent` is kept.
    pub fn path(parent: &Path, name: &str) -> PathBuf {
        parent.join(CACHE_DIR).join(format!("{name}.record"))
    }

    /// The record at `path` of the folder `out`, if it is one this program can read and `out`
    /// is still the folder it was written for.
    pub fn read(path: &Path, out: &Path) -> Option<Record> {
        let text = fs::read_to_string(path).ok()?;
        let mut lines = text.lines();
        let header = lines.next()?;
        if header != format!("{HEADER} {}", marker_identity(out)?) {
            return None;
        }
        let mut files = FxHashMap::default();
        let mut stamp = None;
        for line in lines {
            // A file's line starts with its fingerprint in hex, never with a word.
            if let Some(json) = line.strip_prefix("stamp ") {
                stamp = Some(serde_json::from_str(json).ok()?);
                continue;
            }
            let mut parts = line.splitn(3, ' ');
            let (fingerprint, size, file) = (parts.next()?, parts.next()?, parts.next()?);
            let entry = Entry {
                fingerprint: Fingerprint::from_hex(fingerprint).ok()?,
                size: size.parse().ok()?,
            };
            files.insert(file.to_string(), entry);
        }
        Some(Record { files, stamp })
    }

    /// Writes the record of `out` to `path`, whole or not at all.
    pub fn write(&self, path: &Path, out: &Path) -> std::io::Result<()> {
        let identity = marker_identity(out).ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "the output folder has no marker",
            )
        })?;
        let mut paths: Vec<&String> = self.files.keys().collect();
        paths.sort();
        let mut text = format!("{HEADER} {identity}\n");
        if let Some(stamp) = &self.stamp {
            // Serialising plain fields cannot fail; JSON keeps the warnings on one line.
            let json = serde_json::to_string(stamp).unwrap_or_default();
            text.push_str(&format!("stamp {json}\n"));
        }
        for file in paths {
            let entry = &self.files[file];
            text.push_str(&format!(
                "{} {} {file}\n",
                entry.fingerprint.to_hex(),
                entry.size
            ));
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let mut temp = tempfile::NamedTempFile::new_in(dir)?;
        std::io::Write::write_all(&mut temp, text.as_bytes())?;
        temp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// The marker file of `out` as the file system knows it: a new folder has a new one.
fn marker_identity(out: &Path) -> Option<String> {
    let meta = fs::symlink_metadata(out.join(MARKER)).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(format!("{}:{}:{modified}", meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        Some(format!("{}:{modified}", meta.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_only_for_the_folder_it_was_written_for() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join(MARKER), "x").unwrap();
        let mut record = Record::default();
        record.files.insert(
            "a b/c.html".into(),
            Entry {
                fingerprint: blake3::hash(b"c"),
                size: 3,
            },
        );
        let path = Record::path(dir.path(), "public");
        record.write(&path, &out).unwrap();
        let read = Record::read(&path, &out).unwrap();
        assert_eq!(read.files, record.files);
        assert_eq!(read.stamp, None);

        record.stamp = Some(Stamp {
            inputs: blake3::hash(b"inputs").to_hex().to_string(),
            articles: 1,
            entities: 2,
            topics: 3,
            events: 4,
            pages: 5,
            seeds: 6,
            warnings: vec!["content/a.md:3: a warning\nover two lines".into()],
        });
        record.write(&path, &out).unwrap();
        let read = Record::read(&path, &out).unwrap();
        assert_eq!((read.files, read.stamp), (record.files, record.stamp));

        // Another folder in its place (a copy, a checkout) has another marker.
        fs::rename(&out, dir.path().join("moved")).unwrap();
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join(MARKER), "x").unwrap();
        assert!(Record::read(&path, &out).is_none());

        fs::write(&path, "dossier-record 0 x\n").unwrap();
        assert!(Record::read(&path, &out).is_none(), "another format");
    }
}
