//! Moving the selection in the pane keys act on, and keeping every list's
//! selected row inside its window (after a resize too).

use super::*;

impl App {
    pub(super) fn cycle_pane(&mut self, step: isize) {
        let order = self.view.panes();
        let index = order.iter().position(|&p| p == self.pane).unwrap_or(0) as isize;
        self.pane = order[(index + step).rem_euclid(order.len() as isize) as usize];
        self.editing_filter = false;
    }

    pub(super) fn areas(&self) -> Option<layout::Areas> {
        layout::areas(self.width, self.height, self.view)
    }

    /// Rows a page moves in the current pane.
    pub(super) fn page_rows(&self) -> usize {
        let height = match (self.pane, self.areas()) {
            (Pane::Actors, Some(a)) => a.actor_list.height,
            (Pane::Relations, Some(a)) => a.relation_list.height,
            (Pane::Evidence, Some(a)) => a.evidence.height.saturating_sub(2),
            (Pane::Graph, _) => 5,
            (_, Some(a)) => a.view_body.height.saturating_sub(1),
            (_, None) => 1,
        };
        usize::from(height.max(2) - 1)
    }

    pub(super) fn move_by(&mut self, rows: isize) {
        match self.pane {
            Pane::Graph => self.move_in_graph(rows.signum()),
            Pane::Path => {
                let view = &self.path_view;
                let target = step(view.cursor.selected, rows, view.rows.len());
                self.path_view.cursor.selected = self.nearest_path_row(target, rows.signum());
            }
            Pane::Timeline => {
                let cursor = &mut self.timeline.cursor;
                cursor.selected = step(cursor.selected, rows, self.timeline.rows.len());
            }
            Pane::Stats => {
                let cursor = &mut self.stats.cursor;
                cursor.selected = step(cursor.selected, rows, self.stats.rows.len());
            }
            Pane::Actors => {
                let before = self.actor_cursor.selected;
                self.actor_cursor.selected = step(before, rows, self.listed.len());
                // While the query is typed the focus stays: Enter chooses.
                if self.actor_cursor.selected != before && !self.editing_filter {
                    self.preview_selected_actor();
                }
            }
            Pane::Relations => {
                let target = step(self.relation_cursor.selected, rows, self.rows.len());
                self.relation_cursor.selected = self.nearest_link(target, rows.signum());
                self.evidence_scroll = 0;
            }
            Pane::Evidence => {
                // Until a frame says how long the text is, the next one
                // brings the scroll back within it.
                let most = self.drawn.evidence_max_scroll.unwrap_or(u16::MAX);
                let scroll =
                    (i64::from(self.evidence_scroll) + rows as i64).clamp(0, i64::from(most));
                self.evidence_scroll = scroll as u16;
            }
        }
        self.keep_visible();
    }

    /// The link row nearest `target`, looking in `direction` first: headings
    /// are never selected.
    pub(super) fn nearest_link(&self, target: usize, direction: isize) -> usize {
        nearest(self.rows.len(), target, direction, |i| {
            matches!(self.rows.get(i), Some(RelationRow::Link(_)))
        })
    }

    /// Keeps the selected rows inside their visible windows (a window of
    /// one row while the screen is too small to lay out).
    pub(super) fn keep_visible(&mut self) {
        let areas = self.areas();
        let rows = |pick: fn(&layout::Areas) -> u16| usize::from(areas.as_ref().map_or(1, pick));
        let listed = self.listed.len();
        scroll_into_view(
            &mut self.actor_cursor,
            rows(|a| a.actor_list.height),
            listed,
        );
        let relation_rows = rows(|a| a.relation_list.height);
        scroll_into_view(&mut self.relation_cursor, relation_rows, self.rows.len());
        // A group's heading stays in view above its first relation.
        let selected = self.relation_cursor.selected;
        if selected > 0
            && selected == self.relation_cursor.offset
            && relation_rows > 1
            && matches!(self.rows.get(selected - 1), Some(RelationRow::Heading(..)))
        {
            self.relation_cursor.offset -= 1;
        }
        let body = rows(|a| a.view_body.height);
        let paths = self.path_view.rows.len();
        scroll_into_view(&mut self.path_view.cursor, body, paths);
        // The timeline and table have a heading line inside the body.
        let (moments, table) = (self.timeline.rows.len(), self.stats.rows.len());
        scroll_into_view(&mut self.timeline.cursor, body.saturating_sub(1), moments);
        scroll_into_view(&mut self.stats.cursor, body.saturating_sub(1), table);
    }
}

/// The row of a list of `len` nearest `target` that the cursor may rest
/// on, looking in `direction` first; 0 when there is none.
pub(super) fn nearest(
    len: usize,
    target: usize,
    direction: isize,
    selectable: impl Fn(usize) -> bool,
) -> usize {
    let forward = (target..len).find(|&i| selectable(i));
    let backward = (0..=target.min(len.saturating_sub(1)))
        .rev()
        .find(|&i| selectable(i));
    let found = if direction < 0 {
        backward.or(forward)
    } else {
        forward.or(backward)
    };
    found.unwrap_or(0)
}

/// `from` moved by `rows`, kept within a list of `len` rows.
pub(super) fn step(from: usize, rows: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (from as isize)
        .saturating_add(rows)
        .clamp(0, len as isize - 1) as usize
}

/// Scrolls a list of `len` rows shown `height` at a time so the selected
/// row is in view and no rows are left empty below the last while rows
/// are hidden above (a taller screen after a resize shows more of them).
pub(super) fn scroll_into_view(cursor: &mut Cursor, height: usize, len: usize) {
    let height = height.max(1);
    cursor.offset = cursor.offset.min(len.saturating_sub(height));
    if cursor.selected < cursor.offset {
        cursor.offset = cursor.selected;
    } else if cursor.selected >= cursor.offset + height {
        cursor.offset = cursor.selected + 1 - height;
    }
}
