//! Live reload as the explorer sees it: new versions of the open file
//! arrive as actions, and the person keeps their place. Indices shift
//! between versions, so these tests use versions where they do.

mod common;

use std::sync::Arc;

use common::app::{focus, id, screen, select_relation_to};
use kgx::graph::KnowledgeGraph;
use kgx::load::{LoadError, parse_bytes};
use kgx::model::Status;
use kgx::tui::action::{Action, Report, View};
use kgx::tui::app::{App, FilterOption, Overlay, Reload};

const V1: &str = r#"Graph(
    title: "Reload test",
    actors: [
        Actor(id: "alpha", name: "Alpha", kind: State),
        Actor(id: "beta", name: "Beta", kind: Person),
        Actor(id: "gamma", name: "Gamma", kind: Organization),
    ],
    relations: [
        Relation(from: "alpha", to: "beta", kind: "hosted", date: "2025-01-02", stance: Cooperative),
        Relation(from: "beta", to: "gamma", kind: "joined", status: Alleged),
        Relation(from: "alpha", to: "gamma", kind: "funded"),
    ],
)"#;

/// V1 with an actor and a relation put first: every index moves.
const V2: &str = r#"Graph(
    title: "Reload test",
    actors: [
        Actor(id: "delta", name: "Delta", kind: Media),
        Actor(id: "alpha", name: "Alpha", kind: State),
        Actor(id: "beta", name: "Beta", kind: Person),
        Actor(id: "gamma", name: "Gamma", kind: Organization),
    ],
    relations: [
        Relation(from: "delta", to: "beta", kind: "interviewed"),
        Relation(from: "alpha", to: "beta", kind: "hosted", date: "2025-01-02", stance: Cooperative),
        Relation(from: "beta", to: "gamma", kind: "joined", status: Alleged),
        Relation(from: "alpha", to: "gamma", kind: "funded"),
    ],
)"#;

/// V1 without Gamma, and so without anything alleged.
const V3: &str = r#"Graph(
    title: "Reload test",
    actors: [
        Actor(id: "alpha", name: "Alpha", kind: State),
        Actor(id: "beta", name: "Beta", kind: Person),
    ],
    relations: [
        Relation(from: "alpha", to: "beta", kind: "hosted", date: "2025-01-02", stance: Cooperative),
    ],
)"#;

/// V1 with a relation to an actor no one defined.
const BROKEN: &str = r#"Graph(
    title: "Reload test",
    actors: [
        Actor(id: "alpha", name: "Alpha", kind: State),
    ],
    relations: [
        Relation(from: "alpha", to: "omega", kind: "hosted"),
    ],
)"#;

fn graph(text: &str) -> KnowledgeGraph {
    parse_bytes("test.ron", text.as_bytes().to_vec()).expect("valid")
}

fn loaded(text: &str) -> Report {
    Report::Reloaded(Reload::Loaded(Arc::new(graph(text))))
}

fn failed(text: &str) -> Report {
    let error: LoadError = parse_bytes("test.ron", text.as_bytes().to_vec()).expect_err("invalid");
    Report::Reloaded(Reload::Failed(Arc::new(error)))
}

fn ids(app: &App, nodes: impl IntoIterator<Item = kgx::graph::NodeIndex>) -> Vec<String> {
    nodes
        .into_iter()
        .map(|n| app.graph().actor(n).id.clone())
        .collect()
}

/// Opens `actor` from the list, as typing its name and Enter does.
fn open(app: &mut App, actor: &str) {
    app.update(Action::StartFilter);
    for c in actor.chars() {
        app.update(Action::FilterChar(c));
    }
    app.update(Action::AcceptFilter);
    app.update(Action::Activate);
    app.update(Action::Cancel);
    assert_eq!(focus(app), actor);
}

fn selected_other(app: &App) -> String {
    id(app, app.selected_link().map(|link| link.other))
}

#[test]
fn focus_history_marks_and_selection_survive_shifted_indices() {
    let mut app = App::new(graph(V1), 120, 40);
    open(&mut app, "beta");
    select_relation_to(&mut app, "gamma");
    app.update(Action::Activate);
    assert_eq!(focus(&app), "gamma");
    app.update(Action::Back);
    app.update(Action::ToggleMark);
    select_relation_to(&mut app, "gamma");
    let before = app.focus();

    app.update(loaded(V2));

    assert_ne!(app.focus(), before, "the index moved");
    assert_eq!(focus(&app), "beta");
    assert_eq!(app.forward_steps(), 1, "forward to gamma still works");
    assert_eq!(ids(&app, app.marked().iter().copied()), ["beta"]);
    assert_eq!(selected_other(&app), "gamma");
    assert_eq!(app.message(), Some("reloaded: 4 actors, 4 relations"));
    app.update(Action::Forward);
    assert_eq!(focus(&app), "gamma");
}

#[test]
fn the_list_cursor_stays_on_the_same_actor() {
    let mut app = App::new(graph(V1), 120, 40);
    app.update(Action::ToggleSort);
    while id(&app, app.selected_actor()) != "gamma" {
        app.update(Action::Move(1));
    }
    app.update(loaded(V2));
    assert_eq!(id(&app, app.selected_actor()), "gamma");
    assert_eq!(focus(&app), "gamma");
}

#[test]
fn filters_path_ends_and_view_are_kept_where_they_still_exist() {
    let mut app = App::new(graph(V1), 120, 40);
    app.update(Action::OpenFilters);
    let options = app.filter_options();
    let alleged = options
        .iter()
        .position(|o| *o == FilterOption::Status(Status::Alleged))
        .expect("an alleged relation");
    app.update(Action::Move(alleged as isize));
    app.update(Action::Activate);
    // Alpha has no alleged relation: kept listed only when asked.
    app.update(Action::First);
    app.update(Action::ToggleOption);
    app.update(Action::Cancel);
    open(&mut app, "alpha");
    app.update(Action::SetPathStart);
    app.update(Action::ShowView(View::Path));

    app.update(loaded(V2));
    assert_eq!(
        app.relation_filter().statuses,
        [Status::Alleged].into(),
        "the status filter is kept"
    );
    assert_eq!(id(&app, app.path_view().from), "alpha");
    assert_eq!(app.view(), View::Path);

    app.update(loaded(V3));
    assert!(
        app.relation_filter().statuses.is_empty(),
        "nothing alleged is left to filter on"
    );
    assert_eq!(id(&app, app.path_view().from), "alpha");
}

#[test]
fn an_actor_that_is_gone_leaves_the_focus_and_the_history() {
    let mut app = App::new(graph(V1), 120, 40);
    open(&mut app, "alpha");
    select_relation_to(&mut app, "gamma");
    app.update(Action::Activate);
    open(&mut app, "beta");
    assert_eq!(ids(&app, app.trail().iter().copied()), ["alpha", "gamma"]);
    app.update(Action::ShowView(View::Stats));
    app.update(Action::ShowView(View::Timeline));
    app.update(Action::ShowView(View::Graph));

    app.update(loaded(V3));
    assert_eq!(focus(&app), "beta");
    assert_eq!(ids(&app, app.trail().iter().copied()), ["alpha"]);
    assert_eq!(app.graph().actor_count(), 2);
    for view in View::ALL {
        app.update(Action::ShowView(view));
        screen(&app);
    }
}

#[test]
fn a_broken_version_keeps_the_graph_and_shows_what_is_wrong_until_fixed() {
    let mut app = App::new(graph(V1), 120, 40);
    open(&mut app, "beta");

    app.update(failed(BROKEN));
    assert_eq!(app.graph().actor_count(), 3, "the last good graph stays");
    assert_eq!(focus(&app), "beta");
    assert_eq!(app.overlay(), Some(Overlay::Problems { scroll: 0 }));
    let shown = screen(&app);
    assert!(shown.contains("omega"), "{shown}");
    assert!(shown.contains("last good version"), "{shown}");

    app.update(Action::Cancel);
    assert_eq!(app.overlay(), None, "Esc puts the problems away");
    app.update(failed(BROKEN));
    assert_eq!(
        app.overlay(),
        Some(Overlay::Problems { scroll: 0 }),
        "the next failed reload shows them again"
    );

    app.update(loaded(V2));
    assert_eq!(app.overlay(), None);
    assert!(app.problems().is_none());
    assert_eq!(app.graph().actor_count(), 4);
    assert_eq!(focus(&app), "beta");
    assert!(!screen(&app).contains("omega"));
}

#[test]
fn the_paths_found_are_found_again_in_the_new_version() {
    let mut app = App::new(graph(V1), 120, 40);
    open(&mut app, "alpha");
    app.update(Action::SetPathStart);
    open(&mut app, "gamma");
    app.update(Action::FindPath);
    assert_eq!(app.view(), View::Path);
    assert_eq!(app.path_view().paths.len(), 1, "alpha funded gamma");

    app.update(loaded(V2));
    let path = app.path_view();
    assert_eq!(
        (id(&app, path.from), id(&app, path.to)),
        ("alpha".into(), "gamma".into())
    );
    assert_eq!(
        path.paths.len(),
        1,
        "found again, though the filters did not change"
    );
    screen(&app);
}
