//! Background work through `App::update`: every request has a ticket, only
//! the newest answer of a kind is taken, Esc cancels the path search, and
//! the status line's spinner shows while the screen waits for work.

#[path = "common/app.rs"]
mod common;
use common::{screen, seed_app, type_filter};

use std::time::{Duration, Instant};

use kgx::tui::action::{Action, Report, View};
use kgx::tui::app::{App, Effect};

/// The seed explorer with every view computed on a worker, as on a graph
/// of a million relations.
fn background(width: u16, height: u16) -> App {
    seed_app(width, height).compute_in_background_above(0)
}

/// The work the app asked for, run here, answers kept back.
fn run_work(app: &mut App) -> Vec<Report> {
    app.take_effects()
        .into_iter()
        .filter_map(|effect| match effect {
            Effect::Compute(task) => task.run(),
            _ => None,
        })
        .collect()
}

#[test]
fn a_late_answer_to_a_superseded_request_is_dropped() {
    let mut app = background(120, 40);
    run_work(&mut app);
    app.update(Action::ShowView(View::Graph));
    // The answer for depth 1 comes only after depth 2 was asked for.
    let first = run_work(&mut app);
    assert_eq!(first.len(), 1);
    app.update(Action::Depth(1));
    assert!(app.drawing());
    let second = run_work(&mut app);
    for answer in first {
        app.update(answer);
    }
    assert!(app.drawing(), "the stale neighbourhood is not taken");
    assert!(app.graph_view().ego.members.is_empty(), "nor drawn");
    for answer in second {
        app.update(answer);
    }
    assert!(!app.drawing() && !app.busy());
    assert!(
        app.graph_view().ego.members.iter().any(|m| m.ring == 2),
        "the newest neighbourhood, two steps out"
    );
}

#[test]
fn an_answer_of_one_kind_never_answers_another() {
    let mut app = background(120, 40);
    run_work(&mut app);
    type_filter(&mut app, "lav");
    let matches = run_work(&mut app);
    app.update(Action::ShowView(View::Timeline));
    assert!(app.ordering());
    for answer in matches {
        app.update(answer);
    }
    assert!(
        app.ordering(),
        "the list's answer leaves the timeline waiting"
    );
    assert_eq!(app.query(), "lav");
    for answer in run_work(&mut app) {
        app.update(answer);
    }
    assert!(!app.busy());
}

#[test]
fn esc_cancels_the_path_search_and_its_answer_is_never_shown() {
    let mut app = seed_app(120, 40);
    app.update(Action::OpenCommand);
    for c in "path lavrov israel --k 40".chars() {
        app.update(Action::CommandChar(c));
    }
    app.update(Action::RunCommand);
    assert!(app.busy(), "searching");
    let answers = run_work(&mut app);
    app.update(Action::Cancel);
    assert!(!app.busy(), "Esc stops the search");
    assert_eq!(app.message(), Some("path search stopped"));
    // Had the worker finished before it saw the cancel, its answer is
    // still dropped.
    for answer in answers {
        app.update(answer);
    }
    assert!(app.path_view().paths.is_empty());
}

#[test]
fn the_spinner_shows_while_work_is_in_flight_and_moves_with_time() {
    let mut app = background(100, 30);
    run_work(&mut app);
    assert_eq!(app.spinner(), None);
    assert!(!screen(&app).contains("matching"));
    type_filter(&mut app, "syr");
    let (frame, doing) = app.spinner().expect("a spinner while matching");
    assert_eq!((frame, doing), ('⠋', "matching"));
    let status = screen(&app).lines().last().unwrap_or_default().to_owned();
    assert!(status.starts_with("⠋ matching…"), "{status}");
    // Time reaches the state as ticks: the first starts the spinner's
    // clock, a quarter of a second later it is two frames on.
    let start = Instant::now();
    app.update(Report::Tick(start));
    assert_eq!(app.spinner().map(|(frame, _)| frame), Some('⠋'));
    app.update(Report::Tick(start + Duration::from_millis(250)));
    assert_eq!(app.spinner().map(|(frame, _)| frame), Some('⠹'));
    for answer in run_work(&mut app) {
        app.update(answer);
    }
    assert_eq!(app.spinner(), None, "gone once the answer is in");
    let status = screen(&app).lines().last().unwrap_or_default().to_owned();
    assert!(!status.contains("matching"), "{status}");
}

#[test]
fn the_lint_runs_without_a_spinner() {
    let mut app = seed_app(100, 30).with_lint(Some(kgx::load::Input::Embedded));
    assert!(
        app.take_effects()
            .iter()
            .any(|effect| matches!(effect, Effect::Compute(_)))
    );
    assert!(!app.busy() && app.spinner().is_none());
}
