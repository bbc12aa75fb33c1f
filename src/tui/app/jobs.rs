//! Background work in flight, one type for every kind of it: each request
//! gets a [`Ticket`], the newest ticket of a kind is the only one whose
//! answer is taken (a newer request supersedes and cancels the older),
//! Esc cancels what the person waits for, and the status line asks
//! whether anything is running to show its spinner.

use std::sync::Arc;

use crate::graph::Progress;

/// What a piece of background work is for. One of each kind runs at a
/// time: asking again supersedes the one running.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// The graph view's neighbourhood.
    Neighbourhood,
    /// The timeline's entries in time order.
    Timeline,
    /// The path view's paths.
    Paths,
    /// The actors a filter query lists.
    Matches,
    /// The statistics' centrality measures.
    Centrality,
    /// The lint's findings on the graph shown.
    Lint,
    /// A neighbourhood or a name asked of the SPARQL endpoint explored.
    RemoteFetch,
    /// Names like the filter's text asked of the endpoint.
    RemoteSearch,
}

impl JobKind {
    /// Every kind, in the order the status line names them.
    const ALL: [JobKind; 8] = [
        JobKind::Neighbourhood,
        JobKind::Timeline,
        JobKind::Paths,
        JobKind::Matches,
        JobKind::Centrality,
        JobKind::Lint,
        JobKind::RemoteFetch,
        JobKind::RemoteSearch,
    ];

    /// What the status line's spinner says while this runs; `None` for
    /// work the screen does not wait for (the lint after a load) or that
    /// says so itself (the endpoint's spinner has its own words).
    pub fn doing(self) -> Option<&'static str> {
        match self {
            JobKind::Neighbourhood => Some("drawing"),
            JobKind::Timeline => Some("ordering the timeline"),
            JobKind::Paths => Some("finding paths"),
            JobKind::Matches => Some("matching"),
            JobKind::Centrality => Some("computing"),
            JobKind::Lint | JobKind::RemoteFetch | JobKind::RemoteSearch => None,
        }
    }

    /// The kinds whose answers are about one view of one graph, and are
    /// moot once another graph replaces it. (A reload asks for the lint
    /// again, which supersedes the one running.)
    pub const ABOUT_THE_GRAPH: [JobKind; 5] = [
        JobKind::Neighbourhood,
        JobKind::Timeline,
        JobKind::Paths,
        JobKind::Matches,
        JobKind::Centrality,
    ];

    fn slot(self) -> usize {
        self as usize
    }
}

/// A request's receipt: the answer carries it back, and only the newest
/// ticket of its kind is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ticket {
    kind: JobKind,
    number: u64,
}

impl Ticket {
    /// What the request was for.
    pub fn kind(self) -> JobKind {
        self.kind
    }
}

/// A request in flight.
#[derive(Debug)]
struct Running {
    number: u64,
    progress: Arc<Progress>,
}

/// Every request in flight, at most one of each kind.
#[derive(Debug, Default)]
pub struct Jobs {
    /// Tickets handed out so far, of every kind: numbers never repeat.
    issued: u64,
    running: [Option<Running>; JobKind::ALL.len()],
}

impl Jobs {
    /// A ticket for new work of `kind` and the progress through which the
    /// worker reports and is cancelled. Whatever of that kind was running
    /// is cancelled: its answer, if one still comes, is dropped.
    pub fn start(&mut self, kind: JobKind) -> (Ticket, Arc<Progress>) {
        self.cancel(kind);
        self.issued += 1;
        let progress = Arc::new(Progress::default());
        self.running[kind.slot()] = Some(Running {
            number: self.issued,
            progress: Arc::clone(&progress),
        });
        let ticket = Ticket {
            kind,
            number: self.issued,
        };
        (ticket, progress)
    }

    /// Takes in the answer to `ticket`: true when it is the newest of its
    /// kind and still wanted (the work is then done), false when it was
    /// superseded or cancelled and the answer must be dropped.
    pub fn finish(&mut self, ticket: Ticket) -> bool {
        let slot = &mut self.running[ticket.kind.slot()];
        if slot.as_ref().map(|running| running.number) != Some(ticket.number) {
            return false;
        }
        *slot = None;
        true
    }

    /// Stops the work of `kind`, if any runs; true when some did.
    pub fn cancel(&mut self, kind: JobKind) -> bool {
        match self.running[kind.slot()].take() {
            Some(running) => {
                running.progress.cancel();
                true
            }
            None => false,
        }
    }

    /// Whether work of `kind` is in flight.
    pub fn running(&self, kind: JobKind) -> bool {
        self.running[kind.slot()].is_some()
    }

    /// How far the work of `kind` has got (0.0–1.0), while it runs.
    pub fn fraction(&self, kind: JobKind) -> Option<f64> {
        self.running[kind.slot()]
            .as_ref()
            .map(|running| running.progress.fraction())
    }

    /// The work the screen waits for, if any runs: what the status line's
    /// spinner names (the first kind running, in [`JobKind::ALL`]'s order).
    pub fn waited_for(&self) -> Option<JobKind> {
        JobKind::ALL
            .into_iter()
            .find(|&kind| kind.doing().is_some() && self.running(kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_ticket_of_a_kind_wins() {
        let mut jobs = Jobs::default();
        let (old, old_progress) = jobs.start(JobKind::Timeline);
        let (new, _) = jobs.start(JobKind::Timeline);
        assert!(old_progress.is_cancelled(), "superseded work is cancelled");
        assert!(!jobs.finish(old), "a late answer to a superseded ticket");
        assert!(jobs.running(JobKind::Timeline));
        assert!(jobs.finish(new));
        assert!(!jobs.running(JobKind::Timeline));
        assert!(!jobs.finish(new), "one answer per ticket");
    }

    #[test]
    fn kinds_do_not_supersede_each_other() {
        let mut jobs = Jobs::default();
        let (paths, _) = jobs.start(JobKind::Paths);
        let (lint, _) = jobs.start(JobKind::Lint);
        assert_ne!(paths, lint);
        assert!(jobs.running(JobKind::Paths) && jobs.running(JobKind::Lint));
        assert_eq!(jobs.waited_for(), Some(JobKind::Paths));
        assert!(jobs.cancel(JobKind::Paths));
        assert!(!jobs.cancel(JobKind::Paths), "nothing left to cancel");
        assert!(!jobs.finish(paths), "a cancelled search answers nothing");
        assert_eq!(jobs.waited_for(), None, "the lint has no spinner");
        assert!(jobs.running(JobKind::Lint));
    }
}
