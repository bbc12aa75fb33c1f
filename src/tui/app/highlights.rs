//! The characters the query matched in the actor rows on screen. They are
//! found for those rows alone, after each change, so that a list of a
//! hundred thousand matches costs no highlighting until it is scrolled.

use super::matching;
use super::{App, ListedActor};

/// The matched characters of the actor rows last on screen.
#[derive(Clone, Debug, Default)]
pub(super) struct Highlights {
    /// The query they were found for.
    query: String,
    /// The first row they are for.
    first: usize,
    /// The rows they are for, to tell when the list under them changed.
    rows: Vec<ListedActor>,
    /// Each row's character positions to highlight, in its shown text.
    matched: Vec<Vec<u32>>,
}

impl App {
    /// Finds the matched characters of the actor rows in view, unless
    /// they were found for the same rows and query.
    pub(super) fn highlight_rows_in_view(&mut self) {
        let height = self
            .areas()
            .map_or(0, |areas| usize::from(areas.actor_list.height));
        let first = self.actor_cursor.offset.min(self.listed.len());
        let rows = &self.listed[first..(first + height).min(self.listed.len())];
        let found = &self.highlights;
        if found.first == first && found.rows == rows && found.query == self.listed_for {
            return;
        }
        let matched = matching::highlights(&self.graph, &self.listed_for, rows, &mut self.matcher);
        self.highlights = Highlights {
            query: self.listed_for.clone(),
            first,
            rows: rows.to_vec(),
            matched,
        };
    }

    /// Forgets the highlights, for a graph whose actors may differ under
    /// the same rows.
    pub(super) fn forget_highlights(&mut self) {
        self.highlights = Highlights::default();
    }

    /// The character positions to highlight in row `row` of the actor
    /// list, within the text it shows (the name, or the alias or id beside
    /// it); none for a row not on screen.
    pub fn matched_characters(&self, row: usize) -> &[u32] {
        let found = &self.highlights;
        row.checked_sub(found.first)
            .filter(|&at| found.rows.get(at) == self.listed.get(row))
            .and_then(|at| found.matched.get(at))
            .map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use crate::graph::KnowledgeGraph;
    use crate::synthetic::{GenOptions, generate};
    use crate::tui::action::Action;
    use crate::tui::app::App;

    fn typed(app: &mut App, query: &str) {
        app.update(Action::StartFilter);
        for c in query.chars() {
            app.update(Action::FilterChar(c));
        }
    }

    #[test]
    fn the_rows_on_screen_show_what_the_query_matched() {
        let seed = crate::load::load_graph(&crate::load::Input::Embedded).expect("seed");
        let mut app = App::new(seed, 120, 40);
        typed(&mut app, "lav");
        let first = app.listed()[0];
        assert_eq!(app.graph().actor(first.node).name, "Sergey Lavrov");
        assert_eq!(app.matched_characters(0), [7, 8, 9]);
    }

    #[test]
    fn a_row_is_highlighted_once_scrolled_to() {
        let graph = KnowledgeGraph::new(generate(&GenOptions {
            actors: 3_000,
            relations: 3_000,
            seed: 1,
        }))
        .expect("valid");
        let mut app = App::new(graph, 120, 40);
        typed(&mut app, "a");
        app.update(Action::AcceptFilter);
        let last = app.listed().len() - 1;
        assert!(last > 100, "a list far longer than the screen");
        assert!(app.matched_characters(last).is_empty(), "off screen");
        app.update(Action::Last);
        assert!(!app.matched_characters(last).is_empty(), "on screen");
    }
}
