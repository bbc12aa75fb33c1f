//! What a person does with the record in front of them outside kgx: copy
//! it (`y` the relation as a citation, `Y` the actor's card) or edit it in
//! their editor (`e`). The app only asks; the terminal shell writes the
//! clipboard and runs the editor.

use std::path::Path;

use super::{App, Effect, PathRow, citation};
use crate::graph::{Dated, EdgeIndex, NodeIndex};
use crate::load::tree;
use crate::tui::action::{Pane, View};
use crate::tui::geometry::text::clip;

/// A record of the data file: an actor or a relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Record {
    Actor(NodeIndex),
    Relation(EdgeIndex),
}

impl App {
    /// The relation selected in the view shown, if any.
    fn selected_relation(&self) -> Option<EdgeIndex> {
        match self.view {
            View::Explore => self.selected_link().map(|link| link.relation),
            View::Path => match self.path_view.rows.get(self.path_view.cursor.selected) {
                Some(PathRow::Hop(hop) | PathRow::Alternative(hop)) => Some(hop.relation),
                _ => None,
            },
            View::Timeline => {
                let moment = self
                    .timeline
                    .rows
                    .get(self.timeline.cursor.selected)
                    .and_then(|&at| self.timeline.moments.get(at));
                match moment.map(|moment| moment.item) {
                    Some(Dated::Relation(edge)) => Some(edge),
                    _ => None,
                }
            }
            View::Graph | View::Stats => None,
        }
    }

    /// The actor the keys act on: the selected row of the actor list,
    /// graph or table, else the focus.
    fn current_actor(&self) -> Option<NodeIndex> {
        match self.pane {
            Pane::Actors => self.selected_actor(),
            Pane::Graph => self.selected_member(),
            Pane::Stats => self.stats.rows.get(self.stats.cursor.selected).copied(),
            _ => self.focus,
        }
    }

    /// `y`: the selected relation, as a citation.
    pub(super) fn copy_relation(&mut self) {
        let Some(edge) = self.selected_relation() else {
            self.message = Some("select a relation to copy it (Y copies the actor)".into());
            return;
        };
        let text = citation::relation(&self.graph, edge);
        self.copy(text);
    }

    /// `Y`: the actor's card.
    pub(super) fn copy_actor(&mut self) {
        let Some(node) = self.current_actor() else {
            return;
        };
        let text = citation::actor(&self.graph, node);
        self.copy(text);
    }

    fn copy(&mut self, text: String) {
        let first = text.lines().next().unwrap_or_default();
        self.message = Some(format!("copied: {}", clip(first, 60)));
        self.effects.push(Effect::Copy(text));
    }

    /// `e`: the data file in the person's editor, at the selected
    /// relation's record or else the actor's.
    pub(super) fn edit_record(&mut self) {
        let Some(file) = self.lint.file() else {
            self.message = Some("the graph was not read from one file to edit".into());
            return;
        };
        let record = match (self.pane, self.selected_relation()) {
            (Pane::Relations | Pane::Evidence | Pane::Path | Pane::Timeline, Some(edge)) => {
                Some(Record::Relation(edge))
            }
            _ => self.current_actor().map(Record::Actor),
        };
        let line = record.and_then(|record| record_line(&file, record));
        self.effects.push(Effect::Edit { file, line });
    }
}

/// The line on which `record` starts in `file`, when the file is RON (the
/// graph lists actors and relations in file order, so the node or edge
/// index is the record's index).
fn record_line(file: &Path, record: Record) -> Option<usize> {
    if file.extension().is_none_or(|ext| ext != "ron") {
        return None;
    }
    let text = std::fs::read_to_string(file).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let outline = tree::outline(text).ok()?;
    let start = match record {
        Record::Actor(node) => outline.element_start("actors", node.index()),
        Record::Relation(edge) => outline.element_start("relations", edge.index()),
    }?;
    Some(text[..start].matches('\n').count() + 1)
}
