//! The "as of" mark `≈` wherever an entry's start may fall after the date:
//! in the relation rows and the timeline in a cell of its own that no cut
//! of a long date reaches, on the path view's hops, and in the graph
//! view's lines.

#[path = "common/app.rs"]
mod common;
use common::{open, run_command, screen, seed_app};

use kgx::tui::action::{Action, View};
use kgx::tui::app::App;

/// The screen's lines holding `what`.
fn lines_with(app: &App, what: &str) -> Vec<String> {
    screen(app)
        .lines()
        .filter(|line| line.contains(what))
        .map(str::to_owned)
        .collect()
}

/// The explorer at `width`×`height` focused on Hayat Tahrir al-Sham as of
/// the middle of November 2024: the offensive it led (November to
/// December 2024) may not have begun yet.
fn hts_mid_november(width: u16, height: u16) -> App {
    let mut app = seed_app(width, height);
    run_command(&mut app, "asof 2024-11-15");
    open(&mut app, "^hts$");
    assert_eq!(
        app.focus().map(|node| app.graph().actor(node).id.as_str()),
        Some("hts")
    );
    app
}

#[test]
fn a_relation_row_keeps_its_mark_when_the_date_is_cut() {
    // 80 columns leave the date 12 cells: the span is cut, not the mark.
    let app = hts_mid_november(80, 24);
    let row = lines_with(&app, "led → E HTS-led offensive").concat();
    assert!(row.contains("≈2024-11..20…"), "{row:?}");
    // Where the date has 16 cells, the whole span shows after the mark
    // (the mark in the date's text cut it to "≈2024-11..2024-…").
    let app = hts_mid_november(140, 40);
    let row = lines_with(&app, "led → E HTS-led offensive").concat();
    assert!(row.contains("≈2024-11..2024-12"), "{row:?}");
    // Without the date, nothing is uncertain and nothing is marked.
    let mut app = app;
    run_command(&mut app, "asof off");
    let row = lines_with(&app, "led → E HTS-led offensive").concat();
    assert!(
        row.contains(" 2024-11..2024-12") && !row.contains('≈'),
        "{row:?}"
    );
}

#[test]
fn the_timeline_marks_in_a_cell_before_the_date() {
    let mut app = hts_mid_november(80, 24);
    app.update(Action::ShowView(View::Timeline));
    let led = lines_with(&app, "Hayat Tahrir al-Sham → led");
    assert_eq!(led.len(), 1, "{led:?}");
    // The lint marker's cell, then the mark, then the date.
    let start = led[0].trim_start_matches('┃');
    assert!(start.starts_with(" ≈2024-11..2024-12"), "{start:?}");
    let war = lines_with(&app, "Syrian civil war (Event)");
    let start = war[0].trim_start_matches('┃');
    assert!(
        start.starts_with("  2011..2024-12"),
        "began for sure: {start:?}"
    );
}

#[test]
fn a_path_hop_that_may_not_have_begun_is_marked() {
    let mut app = hts_mid_november(120, 40);
    run_command(&mut app, "path hts hts-offensive");
    assert_eq!(app.view(), View::Path);
    let hop = lines_with(&app, "│ ↓ led");
    assert_eq!(hop.len(), 1, "{}", screen(&app));
    assert!(hop[0].contains("≈ │ ↓ led"), "{hop:?}");
    run_command(&mut app, "asof off");
    let hop = lines_with(&app, "│ ↓ led").concat();
    assert!(hop.contains("  │ ↓ led") && !hop.contains('≈'), "{hop:?}");
}

#[test]
fn the_graph_view_counts_and_marks_lines_that_may_not_have_begun() {
    let mut app = hts_mid_november(120, 40);
    app.update(Action::ShowView(View::Graph));
    let head = lines_with(&app, "1 actor · 1 line").concat();
    assert!(
        head.contains("1 actor · 1 line · ≈ 1 may not have begun by 2024-11-15"),
        "{head:?}"
    );
    // The line under the drawing marks the selected neighbour's relation.
    let offensive = app.graph().find_id("hts-offensive").expect("the offensive");
    while app.selected_member() != Some(offensive) {
        app.update(Action::Move(1));
    }
    let selection = lines_with(&app, "▶ ").concat();
    assert!(
        selection.contains("▶ ≈ Hayat Tahrir al-Sham → led → HTS-led offensive"),
        "{selection:?}"
    );
    run_command(&mut app, "asof off");
    assert!(!screen(&app).contains('≈'));
}
