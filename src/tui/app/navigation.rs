//! Moving the focus: jumps along relations, back and forward through the
//! history, and the list cursor following the focus.

use super::*;

impl App {
    pub(super) fn activate(&mut self) {
        match self.pane {
            Pane::Graph => self.activate_in_graph(),
            Pane::Path => self.activate_in_path(),
            Pane::Timeline => self.activate_in_timeline(),
            Pane::Stats => self.activate_in_stats(),
            Pane::Actors => {
                if let Some(node) = self.selected_actor() {
                    self.choose_focus(node);
                    self.pane = Pane::Relations;
                }
            }
            Pane::Relations | Pane::Evidence => {
                if let Some(link) = self.selected_link() {
                    self.jump_to(link.other);
                }
            }
        }
    }

    /// Follows a relation: the other actor becomes the focus and the way
    /// back is remembered.
    pub(super) fn jump_to(&mut self, node: NodeIndex) {
        if let Some(current) = self.focus {
            if current == node {
                return;
            }
            self.history.jumped_from(current);
        }
        self.set_focus(node);
        self.focus_chosen = true;
        self.select_in_list(node);
    }

    pub(super) fn choose_focus(&mut self, node: NodeIndex) {
        if self.focus != Some(node) {
            self.jump_to(node);
        }
        self.focus_chosen = true;
    }

    pub(super) fn go_back(&mut self) {
        let Some(current) = self.focus else { return };
        match self.history.back(current) {
            Some(previous) => self.revisit(previous),
            None => self.message = Some("no earlier actor to go back to".into()),
        }
    }

    pub(super) fn go_forward(&mut self) {
        let Some(current) = self.focus else { return };
        match self.history.forward(current) {
            Some(next) => self.revisit(next),
            None => self.message = Some("nothing to go forward to".into()),
        }
    }

    pub(super) fn revisit(&mut self, node: NodeIndex) {
        self.set_focus(node);
        self.focus_chosen = true;
        self.select_in_list(node);
    }

    /// The list cursor follows the focus. A name filter that hides the
    /// actor has done its job and is cleared; other filters stay and say so.
    pub(super) fn select_in_list(&mut self, node: NodeIndex) {
        let listed = |app: &App| app.listed.iter().position(|listed| listed.node == node);
        if listed(self).is_none() && !self.query.is_empty() {
            self.query.clear();
            self.editing_filter = false;
            self.refresh_list();
        }
        match listed(self) {
            Some(index) => {
                self.actors.selected = index;
                self.keep_visible();
            }
            None => {
                self.message = Some(format!(
                    "{} is hidden by the filters",
                    self.graph.actor(node).name
                ));
            }
        }
    }

    /// Moving through the list shows each actor; the first move away from
    /// a chosen focus is remembered so Back returns to it.
    pub(super) fn preview_selected_actor(&mut self) {
        let Some(node) = self.selected_actor() else {
            return;
        };
        if self.focus == Some(node) {
            return;
        }
        if let (Some(current), true) = (self.focus, self.focus_chosen) {
            self.history.jumped_from(current);
        }
        self.focus_chosen = false;
        self.set_focus(node);
    }

    pub(super) fn set_focus(&mut self, node: NodeIndex) {
        if let (Some(current), Some(link)) = (self.focus, self.selected_link()) {
            self.last_relation.insert(current, link.relation);
        }
        self.focus = Some(node);
        self.relations = Cursor::default();
        self.evidence_scroll = 0;
        self.refresh_rows();
    }
}
