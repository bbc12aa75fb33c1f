//! `kgx lint` in the explorer: the findings arrive from a worker after the
//! load and each reload, the status line counts them, the problems overlay
//! shows them, and the rows they are about carry a `!`.

mod common;

use std::path::PathBuf;
use std::sync::Arc;

use common::app::finish_work;
use common::scratch::Scratch;
use common::terminal::Session;
use kgx::load::{Input, load_graph};
use kgx::tui::action::{Action, Pane, Report, View};
use kgx::tui::app::{App, Effect, Overlay, RelationRow, Reload};
use kgx::tui::ui::{
    self,
    theme::{Palette, Theme},
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A lint fixture, by a path relative to the crate, as a person types it
/// (tests run in the crate's folder), so that screens do not name the
/// machine's folders.
fn fixture(name: &str) -> PathBuf {
    PathBuf::from("tests/fixtures/lint").join(name)
}

fn explorer(name: &str) -> App {
    let file = fixture(name);
    let graph = load_graph(&Input::Path(file.clone())).expect("fixture loads");
    App::new(graph, 100, 30).with_lint(Some(Input::Path(file)))
}

fn flagged_relations(app: &App) -> Vec<String> {
    app.graph()
        .relations()
        .filter(|(edge, _)| app.relation_flagged(*edge))
        .map(|(_, relation)| relation.kind().to_owned())
        .collect()
}

/// The screen with each row in quotes, as the snapshots keep it: the
/// quotes show where a row's trailing spaces end.
fn screen(app: &App) -> String {
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    let theme = Theme {
        color: false,
        palette: Palette::Dark,
    };
    terminal
        .draw(|frame| ui::draw(frame, app, theme))
        .expect("draws");
    terminal.backend().to_string()
}

#[test]
fn findings_arrive_from_a_worker_and_mark_their_rows() {
    let mut app = explorer("no-evidence.ron");
    assert!(app.lint_report().is_none(), "nothing before the worker ran");
    assert_eq!(app.lint_summary(), None);
    finish_work(&mut app);
    let report = app.lint_report().expect("the lint ran");
    assert_eq!(report.findings.len(), 1, "{}", report.summary());
    assert_eq!(flagged_relations(&app), ["traded_with"]);
    assert_eq!(
        app.lint_summary().as_deref(),
        Some("lint: 1 finding (! shows it)")
    );
    app.update(Action::ShowProblems);
    assert_eq!(app.overlay(), Some(Overlay::Problems { scroll: 0 }));
    app.update(Action::Cancel);
    assert_eq!(app.overlay(), None);
}

#[test]
fn directives_in_the_file_allow_findings_in_the_explorer_too() {
    let mut app = explorer("directives.ron");
    finish_work(&mut app);
    let report = app.lint_report().expect("the lint ran");
    assert!(report.is_clean(), "{}", report.summary());
    assert_eq!(report.allowed, 2);
    assert!(
        app.graph()
            .actors()
            .all(|(node, _)| !app.actor_flagged(node))
    );
    assert_eq!(app.lint_summary().as_deref(), Some("lint: clean"));
    app.update(Action::ShowProblems);
    assert_eq!(app.overlay(), None, "nothing to show");
    assert!(app.message().is_some_and(|m| m.contains("no problems")));
}

#[test]
fn a_reload_lints_the_new_version_and_an_older_answer_is_dropped() {
    let mut app = explorer("no-evidence.ron");
    let stale = app.take_effects();
    let clean = load_graph(&Input::Path(fixture("clean.ron"))).expect("fixture loads");
    app.update(Report::Reloaded(Reload::Loaded(Arc::new(clean))));
    // The first load's lint answers after the reload's was asked for.
    for effect in stale {
        if let Effect::Compute(task) = effect
            && let Some(result) = task.run()
        {
            app.update(result);
        }
    }
    assert!(app.lint_report().is_none(), "the stale answer is dropped");
    finish_work(&mut app);
    assert!(flagged_relations(&app).is_empty());
    assert!(app.lint_report().is_some());
}

#[test]
fn the_screen_marks_the_row_counts_the_findings_and_shows_them() {
    let mut app = explorer("no-evidence.ron");
    finish_work(&mut app);
    app.update(Action::Activate);
    while app.pane() != Pane::Relations {
        app.update(Action::NextPane);
    }
    assert!(
        app.rows().iter().any(
            |row| matches!(row, RelationRow::Link(link) if app.relation_flagged(link.relation))
        )
    );
    app.update(Action::Cancel);
    insta::assert_snapshot!("lint_marks_and_status", screen(&app));
    app.update(Action::ShowProblems);
    insta::assert_snapshot!("lint_findings_overlay", screen(&app));
}

#[test]
fn the_real_explorer_counts_findings_before_any_key_and_recounts_on_save() {
    let scratch = Scratch::new("lint-explorer");
    let clean = std::fs::read_to_string(fixture("clean.ron")).expect("fixture");
    let note = std::fs::read(fixture("field-note.txt")).expect("fixture");
    scratch.file("field-note.txt", note);
    let file = scratch.file("graph.ron", &clean);
    let mut kgx = Session::start(&[file.to_str().expect("path")]);
    kgx.wait_for("a clean lint", |s| s.screen().contains("lint: clean"));
    let unsourced = clean.replacen(
        "    ],\n)",
        "        Relation(from: \"north\", to: \"south\", kind: \"traded_with\"),\n    ],\n)",
        1,
    );
    assert_ne!(
        unsourced, clean,
        "the fixture ends its relations as expected"
    );
    std::fs::write(&file, unsourced).expect("save");
    // The reload's own message has the status line until the next key.
    kgx.wait_for("the marker on the new relation", |s| {
        s.screen().contains("!  traded with")
    });
    kgx.type_keys("!");
    kgx.wait_for("the findings", |s| s.screen().contains("no-evidence (1)"));
    kgx.type_keys("\x1b");
    kgx.wait_for("the count", |s| {
        s.screen().contains("lint: 1 finding (! shows it)")
    });
    kgx.type_keys("q");
    kgx.type_keys("q");
    kgx.wait_exit();
}

/// The screen's rows that hold `text`, trimmed.
fn rows_with(screen: &str, text: &str) -> Vec<String> {
    screen
        .lines()
        .filter(|line| line.contains(text))
        .map(|line| line.trim().to_owned())
        .collect()
}

#[test]
fn the_timeline_statistics_and_graph_views_mark_what_findings_are_about() {
    let mut app = explorer("markers.ron");
    finish_work(&mut app);
    let summary = app.lint_report().expect("the lint ran").summary();
    assert!(
        summary.contains("2 findings (1 no-evidence, 1 unsupported-date)"),
        "{summary}"
    );

    app.update(Action::ShowView(View::Timeline));
    finish_work(&mut app);
    let timeline = screen(&app);
    insta::assert_snapshot!("lint_marks_timeline", timeline);
    let traded = rows_with(&timeline, "traded with");
    assert!(
        // The lint marker, the "as of" mark's cell (blank), the date.
        traded.iter().all(|row| row.contains("┃! 2024 ")),
        "{traded:?}"
    );
    let met = rows_with(&timeline, "met with");
    assert!(
        met.iter().all(|row| row.contains("┃  2025-03-04 ")),
        "{met:?}"
    );

    app.update(Action::ShowView(View::Stats));
    finish_work(&mut app);
    let stats = screen(&app);
    insta::assert_snapshot!("lint_marks_stats", stats);
    assert!(
        rows_with(&stats, "Envoy Ash")
            .iter()
            .all(|row| row.contains("P!Envoy Ash"))
    );
    assert!(
        rows_with(&stats, "Southland")
            .iter()
            .all(|row| row.contains("S Southland"))
    );

    // The neighbourhood of Northland, which the envoy is drawn in.
    app.update(Action::ShowView(View::Explore));
    app.update(Action::StartFilter);
    for c in "Northland".chars() {
        app.update(Action::FilterChar(c));
    }
    app.update(Action::AcceptFilter);
    app.update(Action::Cancel);
    app.update(Action::ShowView(View::Graph));
    finish_work(&mut app);
    let graph = screen(&app);
    insta::assert_snapshot!("lint_marks_graph", graph);
    assert!(
        graph.contains("!Envoy Ash") || graph.contains("Envoy Ash!"),
        "{graph}"
    );
    assert!(
        !graph.contains("!Southland") && !graph.contains("Southland!"),
        "{graph}"
    );
}

#[test]
fn the_embedded_seed_lints_clean_in_the_explorer_with_its_directives() {
    let graph = load_graph(&Input::Embedded).expect("the seed loads");
    let mut app = App::new(graph, 100, 30).with_lint(Some(Input::Embedded));
    finish_work(&mut app);
    let report = app.lint_report().expect("the lint ran");
    assert_eq!(report.allowed, 16, "{}", report.summary());
    assert_eq!(app.lint_summary().as_deref(), Some("lint: clean"));
}
