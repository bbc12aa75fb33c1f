//! Live reload's eyes: watches the open file and, once it has settled,
//! reads it again on this module's own thread. The result reaches the
//! event loop as an action, so the screen never waits on the disk and
//! never sees a half-read file.

use std::ffi::OsString;
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::action::Report;
use super::app::Reload;
use crate::formats::Request;

/// Quiet time after the last change before the file is read: editors and
/// scripts write a file in several steps.
const SETTLE: Duration = Duration::from_millis(200);

/// Starts watching `path`, read as `request` says, and hands each
/// reload's result to `deliver`, which says false once nobody listens.
/// Watching stops when the returned watcher is dropped.
pub fn start(
    path: &Path,
    request: Request,
    deliver: impl Fn(Report) -> bool + Send + 'static,
) -> notify::Result<RecommendedWatcher> {
    // Editors often save by writing a new file and renaming it over the
    // old one, which ends a watch on the file itself: watch its directory.
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => Path::new(".").to_owned(),
    };
    let name: OsString = path.file_name().unwrap_or_default().to_owned();
    let (changed, changes) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
        if let Ok(event) = event
            && changes_content(&event.kind)
            && event
                .paths
                .iter()
                .any(|p| p.file_name() == Some(name.as_os_str()))
        {
            // The reader thread has gone only if the explorer is closing.
            let _ = changed.send(());
        }
    })?;
    watcher.watch(&directory, RecursiveMode::NonRecursive)?;
    std::thread::spawn(move || {
        while changes.recv().is_ok() {
            while changes.recv_timeout(SETTLE).is_ok() {}
            let reload = match crate::formats::read_graph(request.clone()) {
                Ok((graph, warnings)) if warnings.is_empty() => Reload::Loaded(Arc::new(graph)),
                Ok((graph, warnings)) => Reload::Warned(Arc::new(graph), Arc::new(warnings)),
                Err(error) => Reload::Failed(Arc::new(error)),
            };
            if !deliver(Report::Reloaded(reload)) {
                break;
            }
        }
    });
    Ok(watcher)
}

/// Whether an event may have changed what the file says. Reading it (as
/// the reload itself does) and metadata changes do not.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        EventKind::Any | EventKind::Other => false,
    }
}
