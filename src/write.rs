//! Stage 5, write: the site's files → the output folder, all or nothing.
//!
//! Files go into a staging folder beside the output folder; only when every file is written is the
//! old output swapped out and the new one moved in. A build that fails at any point before that
//! leaves the previous site exactly as it was (unlike zola and mdBook, which clean first).

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Location};
use crate::render::OutputFile;

/// A file dossier puts in every output folder, so it never replaces a folder it did not make.
pub const MARKER: &str = ".dossier-build";

const MARKER_TEXT: &str =
    "This folder is written by `dossier build` and replaced on every build.\n";

/// What the write stage did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Cleanup that failed after the new site was in place (the build itself succeeded).
    pub warnings: Vec<String>,
}

/// Writes `files` to `out` (shown as `shown` in messages), minifying HTML when `minify` is set.
pub fn write_site(
    out: &Path,
    shown: &Path,
    files: &[OutputFile],
    minify: bool,
    step: &dyn Fn(),
) -> Result<WriteReport, Error> {
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

    // Unique names (not just the process id, which repeats in containers), hidden beside the output.
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.tmp-"))
        .tempdir_in(&parent)
        .map_err(|e| untouched(Error::io(&parent, "cannot create a staging folder", e)))?;
    let mut report = write_all(staging.path(), shown, files, minify, step).map_err(untouched)?;
    warnings.append(&mut report.warnings);
    report.warnings = warnings;
    make_readable(staging.path())?;

    let old = if out.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.old-"))
            .tempdir_in(&parent)
            .map_err(|e| Error::io(&parent, "cannot create a folder for the previous site", e))?
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
    if let Some(old) = old
        && let Err(e) = fs::remove_dir_all(&old)
    {
        report.warnings.push(format!(
            "{}: the new site is in place, but the previous one could not be removed ({e}); delete it by hand",
            old.display()
        ));
    }
    Ok(report)
}

/// A lock file beside the output folder, where builds take turns: two builds swapping the
/// output folder at once could each move the other's site aside. The file stays (deleting a
/// lock file lets a third build lock a new one while a second holds the old).
pub const LOCK: &str = ".dossier.lock";

/// Takes the lock of the folder holding the output, waiting for a build that holds it; true
/// in the second place if it had to wait. The lock is let go when the file is dropped.
fn lock_parent(parent: &Path) -> Result<(fs::File, bool), Error> {
    let path = parent.join(LOCK);
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, "cannot create the build lock", e))?;
    match file.try_lock() {
        Ok(()) => Ok((file, false)),
        Err(fs::TryLockError::WouldBlock) => {
            file.lock()
                .map_err(|e| Error::io(&path, "cannot take the build lock", e))?;
            Ok((file, true))
        }
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

/// Writes `files` into `staging`; errors name the files as they will be in the output, `shown`,
/// since the staging folder is gone by the time the error is read.
fn write_all(
    staging: &Path,
    shown: &Path,
    files: &[OutputFile],
    minify: bool,
    step: &dyn Fn(),
) -> Result<WriteReport, Error> {
    let mut report = WriteReport {
        files: 0,
        bytes: 0,
        warnings: Vec::new(),
    };
    let marker = OutputFile {
        path: MARKER.to_string(),
        bytes: MARKER_TEXT.as_bytes().to_vec(),
    };
    for file in files.iter().chain(std::iter::once(&marker)) {
        let target = staging.join(&file.path);
        let seen = shown.join(&file.path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(|e| {
                Error::io(seen.parent().unwrap_or(shown), "cannot create folder", e)
            })?;
        }
        let bytes = if minify && file.path.ends_with(".html") {
            minify_html(&file.bytes)
        } else {
            file.bytes.clone()
        };
        fs::write(&target, &bytes).map_err(|e| Error::io(&seen, "cannot write", e))?;
        report.files += 1;
        report.bytes += bytes.len() as u64;
        if !std::ptr::eq(file, &marker) {
            step();
        }
    }
    Ok(report)
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

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    /// Writes `files` to `out`, shown as `public`, unminified.
    fn write_public(out: &Path, files: &[OutputFile]) -> Result<WriteReport, Error> {
        write_site(out, Path::new("public"), files, false, &|| {})
    }

    #[test]
    fn writes_and_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_public(&out, &[file("a/b.txt", "one")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/b.txt")).unwrap(), "one");
        assert!(out.join(MARKER).is_file());
        write_public(&out, &[file("c.txt", "two")]).unwrap();
        assert!(!out.join("a/b.txt").exists(), "old files are gone");
        assert_eq!(fs::read_to_string(out.join("c.txt")).unwrap(), "two");
        let mut leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        leftovers.sort();
        assert_eq!(
            leftovers,
            [LOCK, "public"],
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
            &[file("x.html", "x")],
            false,
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
        let report = write_public(&dir.path().join("public"), &[file("a.html", "new")]).unwrap();
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
        let result = write_public(&dir.path().join("public"), &[file("a.html", "new")]);
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
        write_public(&out, &[file("a.txt", "old")]).unwrap();
        // A file and a folder of one name: the second cannot be written.
        let err = write_public(&out, &[file("seeds/x.html", "x"), file("seeds", "y")])
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("public/seeds: cannot write: "), "{err}");
        assert!(!err.contains(".public.tmp-"), "{err}");
        assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "old");
        assert_eq!(
            names_in(dir.path()),
            [LOCK, "public"],
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
