//! Keys that must never lose a person's place: overlays close instead of
//! quitting, the command line edits as a shell's does, and lists stay
//! filled and headed when the screen or the view changes.

#[path = "common/app.rs"]
mod common;
use common::screen;

use kgx::tui::action::{Action, Edit, Pane, View};
use kgx::tui::app::{App, Overlay, PathRow, RelationRow};

fn app(width: u16, height: u16) -> App {
    common::seed_app(width, height)
}

fn type_command(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::CommandChar(c));
    }
}

fn command_text(app: &App) -> String {
    app.command()
        .map(|line| line.text.clone())
        .unwrap_or_default()
}

#[test]
fn q_and_esc_close_an_overlay_and_never_quit() {
    let mut app = app(100, 30);
    for open in [Action::ToggleHelp, Action::OpenFilters] {
        for close in [Action::Quit, Action::Cancel] {
            app.update(open.clone());
            assert!(app.overlay().is_some(), "{open:?} opens");
            app.update(close.clone());
            assert_eq!(app.overlay(), None, "{close:?} closes {open:?}");
            assert!(!app.should_quit(), "{close:?} in {open:?} does not quit");
        }
    }
    app.update(Action::ToggleHelp);
    app.update(Action::QuitNow);
    assert!(app.should_quit(), "Ctrl-c quits from anywhere");
}

#[test]
fn help_scrolls_to_its_end_by_pages_and_slash_starts_a_query() {
    let mut app = app(100, 24);
    app.update(Action::ToggleHelp);
    let top = screen(&app);
    assert!(top.contains("previous / next row"), "{top}");
    app.update(Action::Page(1));
    let Some(Overlay::Help { scroll: paged }) = app.overlay() else {
        panic!("help stays open on PgDn");
    };
    assert!(paged > 1, "a page is more than a line");
    app.update(Action::Last);
    let Some(Overlay::Help { scroll: last }) = app.overlay() else {
        panic!("help stays open on G");
    };
    let bottom = screen(&app);
    assert!(
        bottom.contains("M media"),
        "G shows the last line: {bottom}"
    );
    assert!(!bottom.contains("previous / next row"), "{bottom}");
    app.update(Action::Move(5));
    assert_eq!(
        app.overlay(),
        Some(Overlay::Help { scroll: last }),
        "nothing to scroll past the end"
    );
    app.update(Action::StartFilter);
    assert_eq!(app.overlay(), None);
    assert!(app.editing_filter(), "/ goes on to the query");
}

#[test]
fn the_command_line_edits_with_readline_keys() {
    let mut app = app(100, 30);
    app.update(Action::OpenCommand);
    type_command(&mut app, "path");
    app.update(Action::CommandEdit(Edit::DeleteToStart));
    assert_eq!(command_text(&app), "", "Ctrl-u clears what is before");
    type_command(&mut app, "help");
    assert_eq!(command_text(&app), "help", "not pathhelp");

    app.update(Action::CommandEdit(Edit::DeleteToStart));
    type_command(&mut app, "path lavrov isreal");
    app.update(Action::CommandEdit(Edit::DeleteWordBefore));
    type_command(&mut app, "israel");
    assert_eq!(command_text(&app), "path lavrov israel", "Ctrl-w");
    app.update(Action::CommandEdit(Edit::WordLeft));
    app.update(Action::CommandEdit(Edit::WordLeft));
    type_command(&mut app, "al-shibani ");
    assert_eq!(command_text(&app), "path al-shibani lavrov israel", "Alt-b");
    app.update(Action::CommandEdit(Edit::WordRight));
    app.update(Action::CommandEdit(Edit::DeleteToEnd));
    assert_eq!(
        command_text(&app),
        "path al-shibani lavrov",
        "Alt-f, Ctrl-k"
    );
    app.update(Action::CommandEdit(Edit::Start));
    app.update(Action::CommandEdit(Edit::Delete));
    app.update(Action::CommandEdit(Edit::End));
    type_command(&mut app, "!");
    assert_eq!(
        command_text(&app),
        "ath al-shibani lavrov!",
        "Ctrl-a, Ctrl-e"
    );
    let shown = screen(&app);
    assert!(shown.contains(":ath al-shibani lavrov!▏"), "{shown}");
}

#[test]
fn a_taller_screen_after_g_shows_the_rows_hidden_above() {
    let mut app = app(80, 24);
    app.update(Action::Last);
    let small = app.actor_cursor();
    assert!(small.offset > 0);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let listed = app.listed().len();
    let shown = screen(&app);
    let cursor = app.actor_cursor();
    assert_eq!(cursor.selected, listed - 1);
    assert!(cursor.offset < small.offset, "{cursor:?}");
    // The rows from the offset to the end fill the list: none empty below.
    let last_name = &app.graph().actor(app.listed()[listed - 1].node).name;
    let first_name = &app.graph().actor(app.listed()[cursor.offset].node).name;
    assert!(shown.contains(last_name.as_str()), "{shown}");
    assert!(shown.contains(first_name.as_str()), "{shown}");
    app.update(Action::First);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    assert_eq!(app.actor_cursor().offset, 0);
}

/// The explorer after `:path hts israel`.
fn path_from_hts_to_israel() -> App {
    let mut app = app(100, 30);
    app.update(Action::OpenCommand);
    type_command(&mut app, "path hts israel");
    app.update(Action::RunCommand);
    assert_eq!(app.view(), View::Path);
    app
}

#[test]
fn a_group_heading_stays_in_view_while_the_relations_fit() {
    let hops: Vec<usize> = path_from_hts_to_israel()
        .path_view()
        .rows
        .iter()
        .enumerate()
        .filter(|(_, row)| matches!(row, PathRow::Hop(_)))
        .map(|(index, _)| index)
        .collect();
    assert!(!hops.is_empty());
    let mut fitting = 0;
    for hop in hops {
        let mut app = path_from_hts_to_israel();
        if app.pane() != Pane::Path {
            app.update(Action::NextPane);
        }
        assert_eq!(app.pane(), Pane::Path);
        for _ in 0..hop {
            if app.path_view().cursor.selected < hop {
                app.update(Action::Move(1));
            }
        }
        assert_eq!(app.path_view().cursor.selected, hop);
        app.update(Action::Activate);
        assert_eq!(app.pane(), Pane::Relations);
        let shown = screen(&app);
        // Ten rows show at 100×30.
        if app.rows().len() > 10 {
            continue;
        }
        fitting += 1;
        let cursor = app.relation_cursor();
        assert_eq!(cursor.offset, 0, "{cursor:?}: {shown}");
        assert!(matches!(app.rows()[0], RelationRow::Heading(..)));
    }
    assert!(
        fitting > 0,
        "some hop leads to an actor whose relations fit"
    );
}
