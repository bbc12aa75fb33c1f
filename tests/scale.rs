//! The explorer on a generated graph of thousands of actors: what the
//! shortcuts taken for speed must never change.

use kgx::graph::KnowledgeGraph;
use kgx::synthetic::{GenOptions, generate};
use kgx::tui::action::Action;
use kgx::tui::app::{App, MatchedOn};

fn app(seed: u64) -> App {
    let dataset = generate(&GenOptions {
        actors: 3_000,
        relations: 6_000,
        seed,
    });
    App::new(KnowledgeGraph::new(dataset).expect("valid"), 120, 40)
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::FilterChar(c));
    }
}

/// The list, each row with the text it shows and, for the rows on screen,
/// the characters highlighted.
fn listed(app: &App) -> Vec<(usize, MatchedOn, Vec<u32>)> {
    app.listed()
        .iter()
        .enumerate()
        .map(|(row, listed)| {
            let highlighted = app.matched_characters(row).to_vec();
            (listed.node.index(), listed.on, highlighted)
        })
        .collect()
}

/// Typing a query letter by letter rescans only the previous matches; the
/// list must be the one the whole query gives at once, and Backspace must
/// widen it again.
#[test]
fn typing_letter_by_letter_lists_what_the_whole_query_lists() {
    for query in ["sha", "al-s", "ли", "王", "t c", "ov$", "a !e", "^rep"] {
        let mut by_letter = app(2);
        by_letter.update(Action::StartFilter);
        typed(&mut by_letter, query);

        let mut at_once = app(2);
        at_once.update(Action::StartFilter);
        // Typed with a letter too many and one Backspace, so the query
        // arrives by shrinking: a full rescan.
        typed(&mut at_once, query);
        at_once.update(Action::FilterChar('x'));
        at_once.update(Action::FilterBackspace);
        assert_eq!(by_letter.query(), at_once.query());
        assert_eq!(listed(&by_letter), listed(&at_once), "query {query:?}");
        assert!(!by_letter.listed().is_empty(), "query {query:?} matches");

        let widened = by_letter.listed().len();
        by_letter.update(Action::FilterBackspace);
        assert!(by_letter.listed().len() >= widened, "query {query:?}");
    }
}

/// Sorting by name keeps the best matches first and, among equals, the
/// alphabetical order.
#[test]
fn sorting_by_name_orders_equal_matches_alphabetically() {
    let mut app = app(4);
    app.update(Action::ToggleSort);
    let names: Vec<String> = app
        .listed()
        .iter()
        .map(|listed| app.graph().actor(listed.node).name.to_lowercase())
        .collect();
    assert!(names.windows(2).all(|pair| pair[0] <= pair[1]));
}

/// A hub's relations come grouped by direction, each group by kind and
/// then in file order, every relation once.
#[test]
fn a_hubs_relations_are_grouped_by_direction_then_kind_then_file_order() {
    use kgx::graph::RelationFilter;
    use kgx::tui::app::RelationRow;
    let app = app(6);
    let hub = app.focus().expect("the biggest hub is in focus");
    let graph = app.graph();
    let mut expected = graph.links(hub, &RelationFilter::default());
    expected.sort_by(|a, b| {
        let kind = |link: &kgx::graph::Link| graph.relation(link.relation).kind().to_owned();
        (a.direction, kind(a), a.relation).cmp(&(b.direction, kind(b), b.relation))
    });
    let shown: Vec<_> = app
        .rows()
        .iter()
        .filter_map(|row| match row {
            RelationRow::Link(link) => Some(*link),
            RelationRow::Heading(..) => None,
        })
        .collect();
    assert!(shown.len() > 100, "a hub: {} relations", shown.len());
    assert_eq!(shown, expected);
}
