//! Writing a file so that nothing is lost: every file kgx writes goes
//! through here.
//!
//! A file is written to a temporary file beside it, flushed to the disk
//! and renamed over the old one, so a full disk or a crash leaves the old
//! file whole rather than a truncated new one. Before anything is written,
//! every file of an export (a CSV's actors file too) is checked: none may
//! be one of the inputs (the same file by path or by inode, whatever the
//! link or spelling), and none may exist already unless the person said
//! `--force` (`:export!` in the explorer).

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// What a write may not touch.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Guard {
    /// The files the data was read from.
    pub inputs: Vec<PathBuf>,
    /// Replace files that exist (but never an input).
    pub force: bool,
}

impl Guard {
    /// Refuses, with a message that says why and what to do, to write any
    /// of `targets`.
    pub fn check(&self, targets: &[PathBuf]) -> io::Result<()> {
        for target in targets {
            if let Some(input) = self.inputs.iter().find(|input| same_file(input, target)) {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!(
                        "will not write {}: it is the input {}; write to another file",
                        target.display(),
                        input.display()
                    ),
                ));
            }
            if !self.force && fs::symlink_metadata(target).is_ok() {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!(
                        "will not overwrite {}: it exists; give --force (or :export! in the explorer) to replace it",
                        target.display()
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// Whether `a` and `b` name the same file: the same inode when both
/// exist, else the same canonical folder and name.
fn same_file(a: &Path, b: &Path) -> bool {
    if let (Ok(a), Ok(b)) = (fs::metadata(a), fs::metadata(b)) {
        return a.dev() == b.dev() && a.ino() == b.ino();
    }
    match (canonical(a), canonical(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// `path` made absolute through its folder, which must exist.
fn canonical(path: &Path) -> Option<PathBuf> {
    if let Ok(path) = fs::canonicalize(path) {
        return Some(path);
    }
    let name = path.file_name()?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    Some(fs::canonicalize(folder).ok()?.join(name))
}

/// Writes `bytes` to `path` atomically.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, |out| out.write_all(bytes))
}

/// Writes what `fill` writes to `path` atomically: to a temporary file in
/// the same folder, synced, then renamed over `path`. On any failure the
/// temporary file is removed and `path` is as it was. The error names the
/// file.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let named = |err: io::Error| {
        io::Error::new(
            err.kind(),
            format!("cannot write {}: {err}", path.display()),
        )
    };
    let temporary = temporary_beside(path);
    let result = (|| {
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        // A replaced file keeps who may read it.
        if let Ok(old) = fs::metadata(path) {
            let _ = file.set_permissions(old.permissions());
        }
        let mut out = BufWriter::new(file);
        fill(&mut out)?;
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        fs::rename(&temporary, path)?;
        // The rename itself is durable once the folder is synced.
        if let Ok(folder) = File::open(folder_of(path)) {
            let _ = folder.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result.map_err(named)
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// A name for a temporary file beside `path` that no other write uses.
fn temporary_beside(path: &Path) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let mut name = OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(format!(
        ".kgx-{}-{}.tmp",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    folder_of(path).join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(test: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("kgx-save-{}-{test}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch");
        dir
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_whole() {
        let dir = scratch("failed");
        let path = dir.join("out.ron");
        fs::write(&path, "old and good").expect("old");
        let result = write_with(&path, |out| {
            out.write_all(b"half of the new")?;
            Err(io::Error::other("disk full"))
        });
        let err = result.expect_err("fails");
        assert!(err.to_string().contains("cannot write") && err.to_string().contains("disk full"));
        assert_eq!(fs::read_to_string(&path).expect("read"), "old and good");
        assert_eq!(
            fs::read_dir(&dir).expect("dir").count(),
            1,
            "no temporary left"
        );
        write(&path, b"new").expect("writes");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn inputs_and_existing_files_are_refused() {
        let dir = scratch("guard");
        let input = dir.join("in.ron");
        fs::write(&input, "x").expect("input");
        let link = dir.join("link.ron");
        std::os::unix::fs::symlink(&input, &link).expect("link");
        let guard = Guard {
            inputs: vec![input.clone()],
            force: true,
        };
        for same in [input.clone(), link, dir.join(".").join("in.ron")] {
            let err = guard.check(&[same]).expect_err("an input");
            assert!(err.to_string().contains("it is the input"), "{err}");
        }
        let other = dir.join("other.ron");
        fs::write(&other, "y").expect("other");
        assert!(guard.check(std::slice::from_ref(&other)).is_ok());
        let careful = Guard {
            force: false,
            ..guard
        };
        let err = careful.check(&[other]).expect_err("exists");
        assert!(err.to_string().contains("--force"), "{err}");
        assert!(careful.check(&[dir.join("new.ron")]).is_ok());
        let _ = fs::remove_dir_all(&dir);
    }
}
