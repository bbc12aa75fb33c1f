//! Clicks and the wheel: what lies under a screen cell.

use super::*;

impl App {
    pub(super) fn click(&mut self, column: u16, row: u16) {
        let Some(areas) = self.areas() else {
            return;
        };
        let inside = |area: Rect| area.contains(Position::new(column, row));
        if row == areas.tabs.y {
            if let Some(view) = tab_at(column, self.width) {
                self.show_view(view);
            }
        } else if row == areas.breadcrumb.y {
            self.click_breadcrumb(usize::from(column - areas.breadcrumb.x));
        } else if inside(areas.view_body) && self.click_in_view(areas.view_body, column, row) {
        } else if inside(areas.view) {
            if let Some(&pane) = self.view.panes().last() {
                self.pane = pane;
            }
        } else if inside(areas.actor_list) {
            self.pane = Pane::Actors;
            let index = self.actors.offset + usize::from(row - areas.actor_list.y);
            if index < self.listed.len() {
                self.actors.selected = index;
                self.preview_selected_actor();
            }
        } else if inside(areas.relation_list) {
            let was_active = self.pane == Pane::Relations;
            self.pane = Pane::Relations;
            let index = self.relations.offset + usize::from(row - areas.relation_list.y);
            if let Some(RelationRow::Link(link)) = self.rows.get(index).copied() {
                // A click on the other actor's name, or on the row already
                // selected in the active pane, jumps; any other click selects.
                let cell = usize::from(column - areas.relation_list.x);
                let width = usize::from(areas.relation_list.width);
                let on_other = columns::columns(width, self.row_widths)
                    .other_actor()
                    .contains(&cell);
                if on_other || (was_active && self.relations.selected == index) {
                    self.jump_to(link.other);
                } else {
                    self.relations.selected = index;
                    self.evidence_scroll = 0;
                }
            }
        } else if row == areas.status.y {
            if let Some(chip) = self.chip_at(column) {
                self.remove_chip(chip);
            }
        } else if inside(areas.actors) {
            self.pane = Pane::Actors;
        } else if inside(areas.relations) {
            self.pane = Pane::Relations;
        } else if inside(areas.evidence) {
            self.pane = Pane::Evidence;
        }
        self.keep_visible();
    }

    /// A click inside the graph, path, timeline or statistics pane;
    /// false when it landed on nothing.
    pub(super) fn click_in_view(&mut self, body: Rect, column: u16, row: u16) -> bool {
        let line = usize::from(row - body.y);
        match self.view {
            View::Graph => self.click_in_graph(column, row),
            View::Path => {
                let index = self.path_view.cursor.offset + line;
                if !matches!(
                    self.path_view.rows.get(index),
                    Some(PathRow::Actor(_) | PathRow::Hop(_) | PathRow::Alternative(_))
                ) {
                    return false;
                }
                let again = self.pane == Pane::Path && self.path_view.cursor.selected == index;
                self.pane = Pane::Path;
                self.path_view.cursor.selected = index;
                if again {
                    self.activate_in_path();
                }
                true
            }
            View::Timeline | View::Stats => {
                // The first line of the body is the column heading.
                if line == 0 {
                    return false;
                }
                let (cursor, len, pane) = if self.view == View::Timeline {
                    (
                        &mut self.timeline.cursor,
                        self.timeline.rows.len(),
                        Pane::Timeline,
                    )
                } else {
                    (&mut self.stats.cursor, self.stats.rows.len(), Pane::Stats)
                };
                let index = cursor.offset + line - 1;
                if index >= len {
                    return false;
                }
                let again = cursor.selected == index;
                cursor.selected = index;
                self.pane = pane;
                if again {
                    self.activate();
                }
                true
            }
            View::Explore => false,
        }
    }

    pub(super) fn scroll(&mut self, column: u16, row: u16, lines: isize) {
        let Some(areas) = self.areas() else {
            return;
        };
        let inside = |area: Rect| area.contains(Position::new(column, row));
        let pane = if inside(areas.view) {
            match self.view.panes().last() {
                Some(&pane) => pane,
                None => return,
            }
        } else if inside(areas.actors) {
            Pane::Actors
        } else if inside(areas.relations) {
            Pane::Relations
        } else if inside(areas.evidence) {
            Pane::Evidence
        } else {
            return;
        };
        let current = self.pane;
        self.pane = pane;
        self.move_by(lines);
        self.pane = current;
    }
}
