//! The dossier's inputs (`site.toml`, `content/`, `seeds/`, `templates/`) → word that they
//! changed, by polling every file's size and modification time.
//!
//! Polling rather than the operating system's notifications: a dossier is a few hundred files,
//! which a scan reads in about a millisecond; it needs no code per platform, works the same on
//! network and container file systems, and sees an editor's save-by-rename like any other write.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use crate::config::CONFIG_FILE;
use crate::load::{CONTENT_DIR, SEEDS_DIR, is_leftover};
use crate::render::TEMPLATES_DIR;

/// What a build reads, relative to the dossier root.
pub const WATCHED: [&str; 4] = [CONFIG_FILE, CONTENT_DIR, SEEDS_DIR, TEMPLATES_DIR];

/// Every watched file's size and modification time, by path.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snapshot(BTreeMap<PathBuf, FileStamp>);

/// What tells one version of a file from the next without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Snapshot {
    /// Scans the watched files under `root`. Files that vanish during the scan are left out,
    /// and editors' leftovers (swap files, backups), which a build ignores, are never in it.
    pub fn take(root: &Path) -> Snapshot {
        let mut files = BTreeMap::new();
        for watched in WATCHED {
            let walker = walkdir::WalkDir::new(root.join(watched))
                .follow_links(true)
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_leftover(&e.file_name().to_string_lossy()));
            for entry in walker.flatten() {
                let Ok(meta) = entry.metadata() else { continue };
                if meta.is_file() {
                    let stamp = FileStamp {
                        len: meta.len(),
                        modified: meta.modified().ok(),
                    };
                    files.insert(entry.into_path(), stamp);
                }
            }
        }
        Snapshot(files)
    }
}

/// Watches a dossier's inputs by polling them.
#[derive(Debug)]
pub struct Watcher {
    root: PathBuf,
    seen: Snapshot,
    poll: Duration,
    settle: Duration,
}

impl Watcher {
    /// Starts watching `root` as it is now, scanning every `poll`; a change counts once the
    /// files have stayed the same for `settle`.
    pub fn new(root: &Path, poll: Duration, settle: Duration) -> Self {
        Watcher {
            root: root.to_path_buf(),
            seen: Snapshot::take(root),
            poll,
            settle,
        }
    }

    /// Blocks until the inputs changed and then stayed unchanged for the settle time (an
    /// editor saving several files, or a save in several writes, gives one rebuild); `false`
    /// when `stop` was set first.
    pub fn wait_for_change(&mut self, stop: &AtomicBool) -> bool {
        loop {
            if !sleep_unless_stopped(self.poll, stop) {
                return false;
            }
            let mut latest = Snapshot::take(&self.root);
            if latest == self.seen {
                continue;
            }
            loop {
                if !sleep_unless_stopped(self.settle, stop) {
                    return false;
                }
                let again = Snapshot::take(&self.root);
                if again == latest {
                    break;
                }
                latest = again;
            }
            // A change undone within the settle time (a save that restored the file) is none.
            if latest != self.seen {
                self.seen = latest;
                return true;
            }
        }
    }
}

/// Sleeps for `time` in short steps, so a stop is heard quickly; `false` if stopped.
fn sleep_unless_stopped(time: Duration, stop: &AtomicBool) -> bool {
    const STEP: Duration = Duration::from_millis(50);
    let mut left = time;
    while !left.is_zero() {
        if stop.load(Ordering::Relaxed) {
            return false;
        }
        let step = left.min(STEP);
        std::thread::sleep(step);
        left -= step;
    }
    !stop.load(Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::sync::Arc;

    use super::*;

    fn dossier() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("site.toml"), "title = \"x\"\n").unwrap();
        fs::create_dir_all(dir.path().join("content")).unwrap();
        fs::write(dir.path().join("content/a.md"), "a").unwrap();
        dir
    }

    #[test]
    fn snapshots_change_with_the_inputs_only() {
        let dir = dossier();
        let root = dir.path();
        let before = Snapshot::take(root);
        assert_eq!(before.0.len(), 2, "{before:?}");

        fs::write(root.join("content/.a.md.swp"), "swap").unwrap();
        fs::write(root.join("content/a.md~"), "backup").unwrap();
        fs::create_dir_all(root.join("public")).unwrap();
        fs::write(root.join("public/index.html"), "output").unwrap();
        fs::write(root.join("notes.txt"), "not read by a build").unwrap();
        assert_eq!(
            Snapshot::take(root),
            before,
            "leftovers and other files are ignored"
        );

        fs::write(root.join("content/a.md"), "ab").unwrap();
        assert_ne!(Snapshot::take(root), before, "an edit");
        fs::create_dir_all(root.join("templates")).unwrap();
        fs::write(root.join("templates/base.html"), "t").unwrap();
        let with_template = Snapshot::take(root);
        assert_eq!(with_template.0.len(), 3);
        fs::remove_file(root.join("templates/base.html")).unwrap();
        assert_ne!(Snapshot::take(root), with_template, "a deletion");
    }

    #[test]
    fn can_report_a_change_once_it_settles() {
        let dir = dossier();
        let root = dir.path().to_path_buf();
        let mut watcher =
            Watcher::new(&root, Duration::from_millis(20), Duration::from_millis(100));
        let stop = Arc::new(AtomicBool::new(false));
        let writer = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            fs::write(root.join("content/b.md"), "b").unwrap();
        });
        assert!(watcher.wait_for_change(&stop));
        writer.join().unwrap();
        assert_eq!(watcher.seen.0.len(), 3, "the change is now the state seen");
    }

    #[test]
    fn stops_waiting_when_told() {
        let dir = dossier();
        let mut watcher = Watcher::new(
            dir.path(),
            Duration::from_millis(20),
            Duration::from_millis(20),
        );
        let stop = Arc::new(AtomicBool::new(false));
        let stopper = {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(100));
                stop.store(true, Ordering::Relaxed);
            })
        };
        assert!(!watcher.wait_for_change(&stop));
        stopper.join().unwrap();
    }
}
