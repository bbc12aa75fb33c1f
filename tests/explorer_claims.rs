//! Claims at a glance and counts that tell the truth: a status is one cell
//! that never eats a label, whose claim a quote is comes first, hints drop
//! whole, and counts, "as of" and empty lists say what is shown and why.

#[path = "common/app.rs"]
mod common;
use common::{node, open, run_command, screen};

use kgx::tui::action::{Action, Pane, View};
use kgx::tui::app::{App, RelationRow};

fn app(width: u16, height: u16) -> App {
    common::seed_app(width, height)
}

#[test]
fn a_status_is_one_cell_and_the_word_never_takes_the_label() {
    let mut app = app(80, 24);
    open(&mut app, "putin");
    let shown = screen(&app);
    assert!(!shown.contains("[Claimed]"), "{shown}");
    assert!(!shown.contains("Claimed"), "{shown}");
    app.update(Action::ToggleHelp);
    app.update(Action::Last);
    let help = screen(&app);
    assert!(help.contains("? claimed"), "the legend: {help}");
}

#[test]
fn whose_claim_a_quote_is_comes_before_the_quote() {
    let mut app = app(150, 40);
    let graph = app.graph();
    let attributed = graph
        .relations()
        .find(|(_, relation)| {
            relation
                .evidence()
                .iter()
                .any(|item| item.attributed_to().is_some())
        })
        .map(|(edge, _)| edge)
        .expect("an attributed quote in the seed");
    let (from, _) = graph.ends(attributed);
    let from = graph.actor(from).id.clone();
    open(&mut app, &from);
    app.update(Action::NextPane);
    while app.selected_link().map(|link| link.relation) != Some(attributed) {
        let before = app.relation_cursor().selected;
        app.update(Action::Move(1));
        assert_ne!(before, app.relation_cursor().selected, "reached");
    }
    let shown = screen(&app);
    let according = shown.find("according to").expect("attributed");
    let quote = shown[according..].find('“');
    assert!(quote.is_some(), "the quote after its claimant: {shown}");
}

#[test]
fn narrow_hints_drop_whole_hints() {
    let app = app(60, 20);
    let shown = screen(&app);
    let hints = shown.lines().last().expect("a status line");
    for hint in hints.trim().split(" · ") {
        assert!(
            [
                "Enter open",
                "/ filter",
                "s sort",
                "Space mark",
                "f filters",
                "? help",
                "q quit"
            ]
            .contains(&hint.trim()),
            "{hint:?} is whole: {hints}"
        );
    }
}

#[test]
fn as_of_stops_at_now_instead_of_wrapping() {
    let mut app = app(100, 30);
    let last = app.milestones().len();
    for _ in 0..last {
        app.update(Action::StepAsOf(1));
    }
    assert_eq!(app.as_of(), None, "past the last date is now");
    app.update(Action::StepAsOf(1));
    assert_eq!(app.as_of(), None, "and > stops there");
    app.update(Action::StepAsOf(-1));
    assert_eq!(app.as_of(), app.milestones().last().copied());
}

#[test]
fn counts_under_as_of_are_the_relations_shown() {
    let mut app = app(100, 30);
    run_command(&mut app, "asof 2025-01");
    let shibani = node(&app, "al-shibani");
    let total = app.graph().degree(shibani).total();
    open(&mut app, "al-shibani");
    let shown_links = app
        .rows()
        .iter()
        .filter(|row| matches!(row, RelationRow::Link(_)))
        .count();
    assert_eq!(app.shown_degree(shibani).total(), shown_links);
    assert!(shown_links < total, "as of 2025-01 some are hidden");
    let shown = screen(&app);
    assert!(
        shown.contains(&format!("{shown_links} shown of {total}")),
        "{shown}"
    );
    app.update(Action::ShowView(View::Stats));
    assert_eq!(app.pane(), Pane::Stats);
    let table = screen(&app);
    let row = table
        .lines()
        .skip(3)
        .find(|line| line.contains("Asaad al-Shibani"))
        .expect("in the table");
    assert!(
        row.split_whitespace()
            .any(|cell| cell == shown_links.to_string()),
        "{row}"
    );
}

#[test]
fn an_empty_list_names_its_cause() {
    let mut app = app(100, 30);
    run_command(&mut app, "asof 2011");
    open(&mut app, "al-shibani");
    let shown = screen(&app);
    assert!(shown.contains("no relations as of 2011"), "{shown}");
}
