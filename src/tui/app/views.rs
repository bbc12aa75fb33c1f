//! Which view is shown, and bringing it up to date: what each view shows
//! is derived from the app's state (focus, filters, size) and recomputed
//! only when those change. Each view's own state is in its file
//! (`graph_view`, `path_view`, `timeline_view`, `stats_view`).

use super::App;
use crate::graph::NodeIndex;
use crate::tui::action::{Pane, View};

/// What a view's content was computed from; when it changes, the content
/// is computed again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct ViewInputs {
    scope: u64,
    focus: Option<NodeIndex>,
    size: (u16, u16),
    query: String,
    depth: usize,
}

impl App {
    /// Brings the current view's content up to date with the state. Cheap
    /// when nothing it depends on changed.
    pub(super) fn refresh_view(&mut self) {
        let slot = match self.view {
            View::Explore | View::Path => return,
            View::Graph => 0,
            View::Timeline => 1,
            View::Stats => 2,
        };
        // Each view depends on some of the state only: the drawing on the
        // focus, size and depth; the timeline and table on the name filter.
        let inputs = if self.view == View::Graph {
            ViewInputs {
                scope: self.scope_generation,
                focus: self.focus,
                size: (self.width, self.height),
                depth: self.graph_view.depth,
                ..ViewInputs::default()
            }
        } else {
            ViewInputs {
                scope: self.scope_generation,
                query: self.query.clone(),
                ..ViewInputs::default()
            }
        };
        if self.view_inputs[slot].as_ref() == Some(&inputs) {
            return;
        }
        match self.view {
            View::Graph => self.refresh_graph(),
            View::Timeline => self.refresh_timeline(),
            View::Stats => self.refresh_stats(inputs.scope),
            View::Explore | View::Path => {}
        }
        self.view_inputs[slot] = Some(inputs);
    }

    /// Switches view; the panes keys act on follow.
    pub(super) fn show_view(&mut self, view: View) {
        self.view = view;
        self.pane = match view {
            View::Explore if view.panes().contains(&self.pane) => self.pane,
            View::Explore => Pane::Relations,
            _ => *view.panes().last().unwrap_or(&Pane::Actors),
        };
        if matches!(view, View::Timeline | View::Stats) {
            self.editing_filter = false;
        }
        self.refresh_view();
        self.keep_visible();
    }
}
