//! Stage 5, write: the site's files → the output folder, all or nothing.
//!
//! Files go into a staging folder beside the output folder; only when every file is written is the
//! old output swapped out and the new one moved in. A build that fails at any point before that
//! leaves the previous site exactly as it was (unlike zola and mdBook, which clean first).

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Location};
use crate::record::{Entry, Record, Stamp};
use crate::render::site::Work;
use crate::render::{Planned, Site};

/// A file dossier puts in every output folder, so it never replaces a folder it did not make.
pub const MARKER: &str = ".dossier-build";

const MARKER_TEXT: &str =
    "This folder is written by `dossier build` and replaced on every build.\n";

/// What the write stage did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteReport {
    /// Files in the output folder.
    pub files: usize,
    /// Bytes in the output folder.
    pub bytes: u64,
    /// Files made and written by this build; the others were unchanged since the last.
    pub written: usize,
    /// Cleanup that failed after the new site was in place (the build itself succeeded).
    pub warnings: Vec<String>,
}

/// How the write stage may reuse what the last build wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rebuild {
    /// Make only the files whose inputs changed since the last build into this folder, if
    /// its record is there and the folder is as that build left it.
    #[default]
    Changed,
    /// Make every file, ignoring (and then replacing) the record of the last build.
    Full,
}

/// Writes the files of `site` to `out` (shown as `shown` in messages).
///
/// A full build writes a new folder beside `out` and swaps it in. With [`Rebuild::Changed`]
/// and the record of the build that made `out`, only files whose fingerprint changed are made:
/// each is written beside the file it replaces, and only once all are written are they moved
/// over the old ones, so a failure before that leaves `out` as it was.
pub fn write_site(
    out: &Path,
    shown: &Path,
    site: &Site,
    rebuild: Rebuild,
    stamp: Option<Stamp>,
    step: &(dyn Fn() + Sync),
) -> Result<WriteReport, Error> {
    let (parent, name) = parent_and_name(out, shown)?;
    fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, "cannot create folder", e))?;
    let (_lock, waited) = lock_parent(&parent)?;
    check_replaceable(out, shown)?;
    let mut warnings = Vec::new();
    if waited {
        warnings.push(format!(
            "{}: waited for another build writing here to finish",
            shown.display()
        ));
    }
    warnings.extend(remove_leftovers(&parent, &name, shown, &|dir| {
        fs::remove_dir_all(dir)
    }));
    let record = Record::path(&parent, &name);
    let last = match rebuild {
        Rebuild::Changed => Record::read(&record, out),
        Rebuild::Full => None,
    };
    // The record describes the folder as it is: it goes just before the folder is changed, so
    // a build that fails earlier keeps it, and one stopped while changing it leaves none.
    let forget = || {
        let _ = fs::remove_file(&record);
    };
    let (mut made, mut report) = match last {
        Some(last) => update_in_place(out, shown, site, &last, &forget, step)?,
        None => replace_whole(out, shown, &parent, &name, site, &forget, step)?,
    };
    warnings.append(&mut report.warnings);
    report.warnings = warnings;
    made.stamp = stamp;
    if let Err(e) = made.write(&record, out) {
        report.warnings.push(format!(
            "{}: cannot record what was built ({e}); the next build will make every file",
            record.display()
        ));
    }
    Ok(report)
}

/// The folder holding `out`, and `out`'s name in it.
fn parent_and_name(out: &Path, shown: &Path) -> Result<(PathBuf, String), Error> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .ok_or_else(|| {
            Error::input(Location::file(shown), "the output folder needs a name")
                .with_hint("set output_dir = \"public\"")
        })?
        .to_string_lossy()
        .into_owned();
    Ok((parent, name))
}

/// The stamp and the files of the last build into `out`, if it read the very inputs whose
/// digest is `inputs` and left `out` as it is now (every file there, of the size it wrote):
/// then there is nothing to make.
///
/// Changes nothing on disk unless it finds that (then it clears what an interrupted build
/// left beside the folder, as every build does). Anything in the way means `None`: the build
/// then does its work, and reports what is wrong.
pub fn last_build_if_same_inputs(
    out: &Path,
    shown: &Path,
    inputs: &str,
) -> Option<(Stamp, WriteReport)> {
    let (parent, name) = parent_and_name(out, shown).ok()?;
    let record = Record::path(&parent, &name);
    if !record.is_file() {
        return None;
    }
    // Another build is changing the folder and its record: this one waits its turn and makes
    // what it has to, as any other build.
    let Ok(Lock::Taken(_lock)) = try_lock_parent(&parent) else {
        return None;
    };
    let last = Record::read(&record, out)?;
    let stamp = last.stamp.filter(|stamp| stamp.inputs == inputs)?;
    let intact = last.files.par_iter().all(|(path, entry)| {
        // A file removed or changed by hand since is made again, as in `update_in_place`.
        fs::symlink_metadata(out.join(path)).is_ok_and(|m| m.is_file() && m.len() == entry.size)
    });
    intact.then(|| {
        let report = WriteReport {
            files: last.files.len(),
            bytes: last.files.values().map(|entry| entry.size).sum(),
            written: 0,
            // What a build stopped before the swap left beside the folder goes as ever.
            warnings: remove_leftovers(&parent, &name, shown, &|dir| fs::remove_dir_all(dir)),
        };
        (stamp, report)
    })
}

/// Writes every file into a staging folder beside `out`, then swaps it in.
fn replace_whole(
    out: &Path,
    shown: &Path,
    parent: &Path,
    name: &str,
    site: &Site,
    forget: &dyn Fn(),
    step: &(dyn Fn() + Sync),
) -> Result<(Record, WriteReport), Error> {
    // Unique names (not just the process id, which repeats in containers), hidden beside the output.
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.tmp-"))
        .tempdir_in(parent)
        .map_err(|e| untouched(Error::io(parent, "cannot create a staging folder", e)))?;
    create_folders(
        staging.path(),
        shown,
        site.files.iter().map(|f| f.path.as_str()),
    )
    .map_err(untouched)?;
    let outcomes = site.each_file(|file| {
        let made = make_file(site, file, None, &staging.path().join(&file.path), shown);
        step();
        made
    });
    let (record, report) = tally(site, outcomes).map_err(untouched)?;
    fs::write(staging.path().join(MARKER), MARKER_TEXT)
        .map_err(|e| untouched(Error::io(&shown.join(MARKER), "cannot write", e)))?;
    make_readable(staging.path())?;

    forget();
    let old = if out.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.old-"))
            .tempdir_in(parent)
            .map_err(|e| Error::io(parent, "cannot create a folder for the previous site", e))?
            .keep();
        // rename() replaces an empty folder, which `old` is.
        fs::rename(out, &old)
            .map_err(|e| Error::io(shown, "cannot move the previous site aside", e))?;
        Some(old)
    } else {
        None
    };
    if let Err(e) = fs::rename(staging.path(), out) {
        if let Some(old) = &old {
            let _ = fs::rename(old, out);
        }
        return Err(Error::io(shown, "cannot move the new site into place", e));
    }
    // The staging folder is the output now; it must not be deleted when `staging` is dropped.
    let _ = staging.keep();
    let mut report = report;
    if let Some(old) = old
        && let Err(e) = fs::remove_dir_all(&old)
    {
        report.warnings.push(format!(
            "{}: the new site is in place, but the previous one could not be removed ({e}); delete it by hand",
            old.display()
        ));
    }
    Ok((record, report))
}

/// Suffix of a changed file written beside the one it replaces, until all are written.
const NEW_SUFFIX: &str = ".dossier-new";

/// Makes the files whose fingerprints differ from `last`'s, writes each beside the file it
/// replaces, then moves them all in and removes the files the site no longer has.
fn update_in_place(
    out: &Path,
    shown: &Path,
    site: &Site,
    last: &Record,
    forget: &dyn Fn(),
    step: &(dyn Fn() + Sync),
) -> Result<(Record, WriteReport), Error> {
    let beside = |path: &str| out.join(format!("{path}{NEW_SUFFIX}"));
    create_folders(out, shown, site.files.iter().map(|f| f.path.as_str()))?;
    let outcomes = site.each_file(|file| {
        let kept = last.files.get(&file.path).filter(|entry| {
            // A file removed or changed by hand since is made again.
            fs::symlink_metadata(out.join(&file.path))
                .is_ok_and(|m| m.is_file() && m.len() == entry.size)
        });
        let made = make_file(site, file, kept, &beside(&file.path), shown);
        step();
        made
    });
    let written: Vec<&str> = site
        .files
        .iter()
        .zip(&outcomes)
        .filter(|(_, made)| matches!(made, Ok(Made { kept: false, .. })))
        .map(|(file, _)| file.path.as_str())
        .collect();
    let (record, report) = match tally(site, outcomes) {
        Ok(tallied) => tallied,
        Err(e) => {
            for path in written {
                let _ = fs::remove_file(beside(path));
            }
            return Err(e);
        }
    };
    forget();
    for path in &written {
        fs::rename(beside(path), out.join(path))
            .map_err(|e| Error::io(&shown.join(path), "cannot move the new file into place", e))?;
    }
    let mut gone: Vec<&String> = last
        .files
        .keys()
        .filter(|path| !record.files.contains_key(*path))
        .collect();
    gone.sort();
    for path in gone.iter().rev() {
        match fs::remove_file(out.join(path)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&shown.join(path), "cannot remove", e)),
        }
        // Folders left empty go too, as a full build would not make them.
        let mut folder = Path::new(path.as_str()).parent();
        while let Some(dir) = folder.filter(|d| !d.as_os_str().is_empty()) {
            if fs::remove_dir(out.join(dir)).is_err() {
                break;
            }
            folder = dir.parent();
        }
    }
    Ok((record, report))
}

/// Creates the folders the files at `paths` go in, under `base`, each once.
fn create_folders<'p>(
    base: &Path,
    shown: &Path,
    paths: impl Iterator<Item = &'p str>,
) -> Result<(), Error> {
    let folders: std::collections::BTreeSet<&str> = paths
        .filter_map(|path| path.rsplit_once('/').map(|(folder, _)| folder))
        .collect();
    for folder in folders {
        fs::create_dir_all(base.join(folder))
            .map_err(|e| Error::io(&shown.join(folder), "cannot create folder", e))?;
    }
    Ok(())
}

/// One file of the site, made or kept.
struct Made {
    entry: Entry,
    kept: bool,
}

/// Makes `file` and writes it to `target`, unless `kept` (the last build's entry for it) has
/// the same fingerprint.
fn make_file<'a>(
    site: &Site<'a>,
    file: &Planned<'a>,
    kept: Option<&Entry>,
    target: &Path,
    shown: &Path,
) -> Result<Made, Error> {
    let source = site.source(file);
    let fingerprint = site.fingerprint(file, &source)?;
    if let Some(entry) = kept.filter(|entry| entry.fingerprint == fingerprint) {
        return Ok(Made {
            entry: entry.clone(),
            kept: true,
        });
    }
    let bytes = site.finish(file, source)?;
    site.spent
        .time(Work::Write, || fs::write(target, &bytes))
        .map_err(|e| {
            let _ = fs::remove_file(target);
            Error::io(&shown.join(&file.path), "cannot write", e)
        })?;
    Ok(Made {
        entry: Entry {
            fingerprint,
            size: bytes.len() as u64,
        },
        kept: false,
    })
}

/// The record and report of the files made, or the error of the first file (in path order)
/// that failed, whatever order the threads ran in.
fn tally(site: &Site, outcomes: Vec<Result<Made, Error>>) -> Result<(Record, WriteReport), Error> {
    let mut record = Record::default();
    let mut report = WriteReport {
        files: 0,
        bytes: 0,
        written: 0,
        warnings: Vec::new(),
    };
    for (file, made) in site.files.iter().zip(outcomes) {
        let made = made?;
        report.files += 1;
        report.bytes += made.entry.size;
        report.written += usize::from(!made.kept);
        record.files.insert(file.path.clone(), made.entry);
    }
    Ok((record, report))
}

/// A lock file beside the output folder, where builds take turns: two builds swapping the
/// output folder at once could each move the other's site aside. The file stays (deleting a
/// lock file lets a third build lock a new one while a second holds the old).
pub const LOCK: &str = ".dossier.lock";

/// Takes the lock of the folder holding the output, waiting for a build that holds it; true
/// in the second place if it had to wait. The lock is let go when the file is dropped.
fn lock_parent(parent: &Path) -> Result<(fs::File, bool), Error> {
    match try_lock_parent(parent)? {
        Lock::Taken(file) => Ok((file, false)),
        Lock::Held(file) => {
            file.lock()
                .map_err(|e| Error::io(&parent.join(LOCK), "cannot take the build lock", e))?;
            Ok((file, true))
        }
    }
}

/// The lock file of the folder holding the output, and whether this build took the lock.
enum Lock {
    /// Taken: held until the file is dropped.
    Taken(fs::File),
    /// Held by another build, to be waited on.
    Held(fs::File),
}

/// The lock of the folder holding the output, taken if no other build holds it.
fn try_lock_parent(parent: &Path) -> Result<Lock, Error> {
    let path = parent.join(LOCK);
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, "cannot create the build lock", e))?;
    match file.try_lock() {
        Ok(()) => Ok(Lock::Taken(file)),
        Err(fs::TryLockError::WouldBlock) => Ok(Lock::Held(file)),
        Err(fs::TryLockError::Error(e)) => Err(Error::io(&path, "cannot take the build lock", e)),
    }
}

/// Removes the staging and previous-site folders of `name` that a build left beside it when it
/// was killed (Ctrl+C) before it could clean up; one warning for each. If `name` itself is
/// missing and one previous site was left, that one is put back instead. Only called under the
/// lock, so no running build owns them. A leftover that cannot be removed is reported and
/// left: it is in the way of nothing. `remove` is `fs::remove_dir_all` but in tests, since
/// root may remove anything.
fn remove_leftovers(
    parent: &Path,
    name: &str,
    shown: &Path,
    remove: &dyn Fn(&Path) -> std::io::Result<()>,
) -> Vec<String> {
    let prefixes = [format!(".{name}.tmp-"), format!(".{name}.old-")];
    let Ok(entries) = fs::read_dir(parent) else {
        // Creating the staging folder here will fail and say why.
        return Vec::new();
    };
    let mut leftovers: Vec<_> = entries
        .filter_map(Result::ok)
        // Not following symbolic links: only a folder a build made itself is removed.
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .map(|entry| entry.file_name())
        .filter(|file| {
            let file = file.to_string_lossy();
            prefixes
                .iter()
                .any(|prefix| file.starts_with(prefix.as_str()))
        })
        .collect();
    leftovers.sort();
    // A build stopped between moving the old site aside and moving the new one in left no
    // site at all: the old one is put back, so that a failure of this build leaves it too.
    let old_prefix = &prefixes[1];
    let olds: Vec<_> = leftovers
        .iter()
        .filter(|file| file.to_string_lossy().starts_with(old_prefix.as_str()))
        .collect();
    let mut restored = Vec::new();
    if let [old] = olds.as_slice()
        && !parent.join(name).exists()
        && fs::rename(parent.join(old), parent.join(name)).is_ok()
    {
        restored.push(format!(
            "{}: put back the previous site, which an interrupted build had moved aside",
            shown.display()
        ));
        let old = (*old).clone();
        leftovers.retain(|file| *file != old);
    }
    restored.extend(leftovers.into_iter().map(|file| {
        let seen = shown.with_file_name(&file);
        match remove(&parent.join(&file)) {
            Ok(()) => format!(
                "{}: removed the leftover of an interrupted build",
                seen.display()
            ),
            Err(e) => format!(
                "{}: cannot remove the leftover of an interrupted build ({e}); delete it by hand",
                seen.display()
            ),
        }
    }));
    restored
}

/// Says, for a full disk, that nothing was lost: the error comes before the previous site is
/// moved aside.
fn untouched(error: Error) -> Error {
    if error.is_disk_full() {
        error.with_hint("free some disk space (or raise your quota) and build again; the previous site is untouched")
    } else {
        error
    }
}

/// Staging folders are created private (0700); a published site must be readable by a web server.
#[cfg(unix)]
fn make_readable(dir: &Path) -> Result<(), Error> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755))
        .map_err(|e| Error::io(dir, "cannot set permissions", e))
}

#[cfg(not(unix))]
fn make_readable(_dir: &Path) -> Result<(), Error> {
    Ok(())
}

/// The output folder may be replaced only if it does not exist, is empty, or carries our marker.
fn check_replaceable(out: &Path, shown: &Path) -> Result<(), Error> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(Error::input(
            Location::file(shown),
            "the output path exists and is not a folder",
        )
        .with_hint("choose another output_dir in site.toml, or move the file away"));
    }
    let empty = fs::read_dir(out)
        .map_err(|e| Error::io(shown, "cannot read", e))?
        .next()
        .is_none();
    if empty || out.join(MARKER).is_file() {
        Ok(())
    } else {
        Err(Error::input(
            Location::file(shown),
            format!("refusing to replace this folder: it was not made by dossier (no `{MARKER}` file in it)"),
        )
        .with_hint("choose another output_dir in site.toml or --out, or move the folder away"))
    }
}

/// Minifies a page while keeping it valid HTML (no spec-bending options).
pub fn minify_html(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_css: true,
        minify_js: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html, &cfg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::CACHE_DIR;

    fn file(path: &str, text: &str) -> Planned<'static> {
        Planned::file(path, text.as_bytes().to_vec())
    }

    /// Writes `files` to `out`, shown as `public`, unminified.
    fn write_public(out: &Path, files: Vec<Planned<'static>>) -> Result<WriteReport, Error> {
        write_site(
            out,
            Path::new("public"),
            &Site::of_files(files),
            Rebuild::Full,
            None,
            &|| {},
        )
    }

    #[test]
    fn writes_and_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_public(&out, vec![file("a/b.txt", "one")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/b.txt")).unwrap(), "one");
        assert!(out.join(MARKER).is_file());
        write_public(&out, vec![file("c.txt", "two")]).unwrap();
        assert!(!out.join("a/b.txt").exists(), "old files are gone");
        assert_eq!(fs::read_to_string(out.join("c.txt")).unwrap(), "two");
        let mut leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        leftovers.sort();
        assert_eq!(
            leftovers,
            [CACHE_DIR, LOCK, "public"],
            "no staging or old folders remain, only the lock file"
        );
    }

    #[test]
    fn refuses_to_replace_a_foreign_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("docs");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("thesis.tex"), "precious").unwrap();
        let err = write_site(
            &out,
            Path::new("docs"),
            &Site::of_files(vec![file("x.html", "x")]),
            Rebuild::Full,
            None,
            &|| {},
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("docs: refusing to replace this folder"),
            "{err}"
        );
        assert_eq!(
            fs::read_to_string(out.join("thesis.tex")).unwrap(),
            "precious"
        );
    }

    /// Folders a killed build left beside `public`, and things of like names that are not ones.
    /// A site in place, and beside it what interrupted builds left and near-misses of their names.
    fn leave_leftovers(dir: &Path) {
        fs::create_dir_all(dir.join("public")).unwrap();
        fs::write(dir.join("public").join(MARKER), MARKER_TEXT).unwrap();
        for leftover in [".public.tmp-AbC123/articles", ".public.old-XyZ789/seeds"] {
            fs::create_dir_all(dir.join(leftover)).unwrap();
            fs::write(dir.join(leftover).join("a.html"), "old").unwrap();
        }
        fs::create_dir_all(dir.join(".docs.tmp-AbC123")).unwrap();
        fs::create_dir_all(dir.join("public.tmp-AbC123")).unwrap();
        fs::write(dir.join(".public.old-file"), "not a folder").unwrap();
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_site_an_interrupted_build_moved_aside_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".public.old-abc");
        fs::create_dir(&old).unwrap();
        fs::write(old.join("index.html"), "alt").unwrap();
        let warnings = remove_leftovers(dir.path(), "public", Path::new("public"), &|dir| {
            fs::remove_dir_all(dir)
        });
        assert_eq!(
            warnings,
            ["public: put back the previous site, which an interrupted build had moved aside"]
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("public/index.html")).unwrap(),
            "alt"
        );
    }

    #[test]
    fn removes_the_leftovers_of_an_interrupted_build() {
        let dir = tempfile::tempdir().unwrap();
        leave_leftovers(dir.path());
        let report = write_public(&dir.path().join("public"), vec![file("a.html", "new")]).unwrap();
        assert_eq!(
            report.warnings,
            [
                ".public.old-XyZ789: removed the leftover of an interrupted build",
                ".public.tmp-AbC123: removed the leftover of an interrupted build",
            ]
        );
        assert_eq!(
            names_in(dir.path()),
            [
                ".docs.tmp-AbC123",
                CACHE_DIR,
                LOCK,
                ".public.old-file",
                "public",
                "public.tmp-AbC123"
            ],
            "only the folders of this output's staging and previous-site names are removed"
        );
    }

    /// A leftover that cannot be removed is a warning; the site is still built.
    #[cfg(unix)]
    #[test]
    fn a_leftover_that_cannot_be_removed_is_a_warning() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        leave_leftovers(dir.path());
        let stuck = dir.path().join(".public.tmp-AbC123/articles");
        fs::set_permissions(&stuck, fs::Permissions::from_mode(0o555)).unwrap();
        let writable = fs::write(stuck.join("probe"), "").is_ok();
        let result = write_public(&dir.path().join("public"), vec![file("a.html", "new")]);
        // So the temporary folder can be cleaned up; gone if the removal went through after all.
        let _ = fs::set_permissions(&stuck, fs::Permissions::from_mode(0o755));
        let report = result.unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("public/a.html")).unwrap(),
            "new"
        );
        if writable {
            eprintln!(
                "permissions do not bind this user (root?); the failing removal is not tested"
            );
            return;
        }
        assert_eq!(report.warnings.len(), 2, "{:?}", report.warnings);
        assert!(
            report.warnings[0].starts_with(".public.old-XyZ789: removed the leftover"),
            "{:?}",
            report.warnings
        );
        assert!(
            report.warnings[1].starts_with(
                ".public.tmp-AbC123: cannot remove the leftover of an interrupted build ("
            ) && report.warnings[1].ends_with("); delete it by hand"),
            "{:?}",
            report.warnings
        );
    }

    #[test]
    fn a_failed_removal_of_a_leftover_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        leave_leftovers(dir.path());
        let warnings = remove_leftovers(dir.path(), "public", Path::new("site/public"), &|_| {
            Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied))
        });
        let reason = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(
            warnings,
            [
                format!(
                    "site/.public.old-XyZ789: cannot remove the leftover of an interrupted build ({reason}); delete it by hand"
                ),
                format!(
                    "site/.public.tmp-AbC123: cannot remove the leftover of an interrupted build ({reason}); delete it by hand"
                ),
            ]
        );
    }

    /// The staging folder is gone when the error is read; the message names the output's file.
    #[test]
    fn a_write_error_names_the_file_in_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_public(&out, vec![file("a.txt", "old")]).unwrap();
        // A file and a folder of one name: the second cannot be written.
        let err = write_public(&out, vec![file("seeds/x.html", "x"), file("seeds", "y")])
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("public/seeds: cannot write: "), "{err}");
        assert!(!err.contains(".public.tmp-"), "{err}");
        assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "old");
        assert_eq!(
            names_in(dir.path()),
            [CACHE_DIR, LOCK, "public"],
            "no staging folder left"
        );
    }

    #[test]
    fn a_full_disk_is_said_to_leave_the_previous_site_untouched() {
        let full = Error::io(
            Path::new("public/seeds/big.txt.html"),
            "cannot write",
            std::io::Error::from(std::io::ErrorKind::StorageFull),
        );
        let text = untouched(full).to_string();
        assert!(
            text.starts_with("public/seeds/big.txt.html: cannot write: ")
                && text.ends_with("\n  hint: free some disk space (or raise your quota) and build again; the previous site is untouched"),
            "{text}"
        );
        let denied = Error::io(
            Path::new("public/a.html"),
            "cannot write",
            std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        assert!(!untouched(denied).to_string().contains("untouched"));
    }

    #[test]
    fn minified_html_keeps_structure() {
        let html = minify_html(b"<!DOCTYPE html>\n<html lang=\"de\">\n<head><title>x</title></head>\n<body>\n  <p>a  b</p>\n</body>\n</html>\n");
        let text = String::from_utf8(html).unwrap();
        assert!(
            text.contains("<html lang=de>") || text.contains("<html lang=\"de\">"),
            "{text}"
        );
        assert!(text.contains("<p>a b</p>"), "{text}");
    }
}
