//! Marking actors with Space, and unmarking them all.

use super::*;

impl App {
    /// Unmarks everyone; marked-only then has nothing to show and ends.
    pub(super) fn clear_marks(&mut self) {
        if self.marked.is_empty() {
            self.message = Some("no actor is marked".into());
            return;
        }
        let count = self.marked.len();
        self.marked.clear();
        self.message = Some(format!("unmarked {count} actors"));
        if std::mem::take(&mut self.marked_only) {
            self.refresh_list();
        } else {
            self.refresh_rows();
        }
    }

    pub(super) fn toggle_mark(&mut self) {
        let node = match self.pane {
            Pane::Actors => self.selected_actor(),
            Pane::Graph => self.selected_member(),
            Pane::Stats => self.stats.rows.get(self.stats.cursor.selected).copied(),
            _ => self.focus,
        };
        let Some(node) = node else { return };
        if !self.marked.remove(&node) {
            self.marked.insert(node);
        }
        if self.marked.is_empty() {
            self.marked_only = false;
        }
        if self.marked_only {
            self.refresh_list();
        } else {
            self.refresh_rows();
        }
    }
}
