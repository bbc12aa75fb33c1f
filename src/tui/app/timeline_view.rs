//! The timeline's state: the dated entries in the scope, ordered here or
//! on a worker, the rows the name filter keeps, and the ruler's zoom.

use super::*;
use crate::graph::{Dated, Moment};

/// The timeline's entries and cursor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimelineView {
    /// Dated entries inside the filters, in time order.
    pub moments: Vec<Moment>,
    /// Indices into `moments` of the entries shown (the name filter keeps
    /// those involving a listed actor).
    pub rows: Vec<usize>,
    /// Selection and scroll.
    pub cursor: Cursor,
    /// How far the ruler is zoomed in: it spans the whole story over
    /// 2^zoom, around the selected entry.
    pub zoom: u8,
}

impl TimelineView {
    /// The deepest zoom: the seed's fourteen years over 256 are three
    /// weeks, a few days to a cell.
    pub const MOST_ZOOM: u8 = 8;
}

impl App {
    pub(super) fn zoom_timeline(&mut self, step: isize) {
        let most = isize::from(TimelineView::MOST_ZOOM);
        let zoom = (isize::from(self.timeline.zoom) + step).clamp(0, most) as u8;
        self.message = Some(match zoom {
            _ if zoom == self.timeline.zoom && step > 0 => "zoomed in as far as it goes".into(),
            _ if zoom == self.timeline.zoom => "the ruler spans the whole story".into(),
            0 => "the ruler spans the whole story".into(),
            _ => format!(
                "the ruler spans 1/{} of the story (- zooms out)",
                1u32 << zoom
            ),
        });
        self.timeline.zoom = zoom;
    }

    pub(super) fn refresh_timeline(&mut self) {
        if self.timeline_scope != Some(self.scope_generation) {
            self.timeline_scope = Some(self.scope_generation);
            if self.graph.relation_count() > self.background_above {
                let (ticket, progress) = self.jobs.start(JobKind::Timeline);
                self.timeline.moments.clear();
                self.timeline.rows.clear();
                self.effects.push(Effect::Compute(Task {
                    job: Job::Timeline { ticket },
                    graph: Arc::clone(&self.graph),
                    scope: self.scope.clone(),
                    progress,
                }));
                return;
            }
            self.jobs.cancel(JobKind::Timeline);
            self.timeline.moments = self.graph.timeline(&self.scope);
        }
        if !self.ordering() {
            self.refresh_timeline_rows();
        }
    }

    /// Takes the entries ordered in the background, unless newer filters
    /// asked again since.
    pub(super) fn timeline_ready(&mut self, ticket: Ticket, moments: Arc<Vec<Moment>>) {
        if !self.jobs.finish(ticket) {
            return;
        }
        self.timeline.moments = Arc::unwrap_or_clone(moments);
        self.refresh_timeline_rows();
    }

    /// True while the timeline's entries are being ordered in the
    /// background.
    pub fn ordering(&self) -> bool {
        self.jobs.running(JobKind::Timeline)
    }

    /// The entries shown: those of the listed actors while a name filter
    /// is typed, else all; the selected entry stays selected.
    pub(super) fn refresh_timeline_rows(&mut self) {
        let previous = self
            .timeline
            .rows
            .get(self.timeline.cursor.selected)
            .and_then(|&i| self.timeline.moments.get(i))
            .map(|m| m.item);
        let narrowed = !self.query.is_empty();
        let listed: Vec<bool> = if narrowed {
            self.listed_mask()
        } else {
            Vec::new()
        };
        let involves_listed = |moment: &Moment| match moment.item {
            Dated::Actor(node) => listed[node.index()],
            Dated::Relation(edge) => {
                let (from, to) = self.graph.ends(edge);
                listed[from.index()] || listed[to.index()]
            }
        };
        self.timeline.rows = (0..self.timeline.moments.len())
            .filter(|&i| !narrowed || involves_listed(&self.timeline.moments[i]))
            .collect();
        let kept = previous.and_then(|item| {
            self.timeline
                .rows
                .iter()
                .position(|&i| self.timeline.moments[i].item == item)
        });
        self.timeline.cursor.selected = kept.unwrap_or(0);
        self.keep_visible();
    }

    /// Enter on a timeline entry: its relation (or event) opens in the lists.
    pub(super) fn activate_in_timeline(&mut self) {
        let Some(moment) = self
            .timeline
            .rows
            .get(self.timeline.cursor.selected)
            .and_then(|&i| self.timeline.moments.get(i))
            .copied()
        else {
            return;
        };
        match moment.item {
            Dated::Relation(edge) => {
                let (from, _) = self.graph.ends(edge);
                self.open_relation(from, edge);
            }
            Dated::Actor(node) => {
                self.choose_focus(node);
                self.show_view(View::Explore);
            }
        }
    }
}
