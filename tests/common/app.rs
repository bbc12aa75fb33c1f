//! The explorer's state without a terminal: the seed graph in an `App`, its
//! screen drawn on a `TestBackend` as plain text, and the steps a person
//! takes (typing a command, opening an actor, tabbing to a pane), for tests
//! that drive `App::update` and look at what a person would see.
// Each test file uses the helpers it needs.
#![allow(dead_code)]

use kgx::formats::load_graph;
use kgx::graph::NodeIndex;
use kgx::load::Input;
use kgx::tui::action::{Action, Pane, Report};
use kgx::tui::app::{App, Effect, FilterOption, RelationRow};
use kgx::tui::ui::{
    self,
    theme::{Palette, Theme},
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The explorer on the embedded seed, on a screen of `width`×`height`.
pub fn seed_app(width: u16, height: u16) -> App {
    App::new(
        load_graph(&Input::Embedded).expect("seed graph"),
        width,
        height,
    )
}

/// The whole screen as text, one line per row, drawn without colour.
pub fn screen(app: &App) -> String {
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| ui::draw(frame, app, THEME))
        .expect("draws");
    text_of(&terminal)
}

/// Draws a frame and hands the app what drawing found out, as the
/// terminal shell does after every frame.
pub fn draw(app: &mut App) {
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    let mut drawn = None;
    terminal
        .draw(|frame| drawn = Some(ui::draw_reporting(frame, app, THEME)))
        .expect("draws");
    if let Some(drawn) = drawn {
        app.update(Report::Drawn(drawn));
    }
}

/// Types `text` on the `:` line and runs it.
pub fn run_command(app: &mut App, text: &str) {
    app.update(Action::OpenCommand);
    for c in text.chars() {
        app.update(Action::CommandChar(c));
    }
    app.update(Action::RunCommand);
}

/// Types `/` and `text` in the actor list, as a query being typed.
pub fn type_filter(app: &mut App, text: &str) {
    app.update(Action::StartFilter);
    for c in text.chars() {
        app.update(Action::FilterChar(c));
    }
}

/// Opens `name` as a person would: `/`, the name, Enter, and Esc to leave
/// the list.
pub fn open(app: &mut App, name: &str) {
    type_filter(app, name);
    app.update(Action::AcceptFilter);
    app.update(Action::Cancel);
}

/// Tabs to `pane`, as a person would.
pub fn focus_pane(app: &mut App, pane: Pane) {
    for _ in 0..4 {
        if app.pane() == pane {
            return;
        }
        app.update(Action::NextPane);
    }
    assert_eq!(app.pane(), pane, "pane reachable with Tab");
}

/// Selects the relation whose other end is `other` in the relations pane.
pub fn select_relation_to(app: &mut App, other: &str) {
    focus_pane(app, Pane::Relations);
    let target = app
        .rows()
        .iter()
        .position(
            |row| matches!(row, RelationRow::Link(l) if app.graph().actor(l.other).id == other),
        )
        .unwrap_or_else(|| panic!("{} has no relation to {other}", focus(app)));
    let delta = target as isize - app.relation_cursor().selected as isize;
    app.update(Action::Move(delta));
    assert_eq!(id(app, app.selected_link().map(|l| l.other)), other);
}

/// Opens the filter menu with `option` selected.
pub fn open_filter_menu_at(app: &mut App, option: FilterOption) {
    app.update(Action::OpenFilters);
    let index = app
        .filter_options()
        .iter()
        .position(|o| *o == option)
        .unwrap_or_else(|| panic!("{option:?} is in the menu"));
    app.update(Action::Move(index as isize));
}

/// Runs what the app asked to have computed, as the terminal shell does
/// on a worker thread.
pub fn finish_work(app: &mut App) {
    for effect in app.take_effects() {
        if let Effect::Compute(task) = effect
            && let Some(result) = task.run()
        {
            app.update(result);
        }
    }
}

/// The actor with this id.
pub fn node(app: &App, id: &str) -> NodeIndex {
    app.graph().find_id(id).expect("actor")
}

/// The id of `node`, or nothing.
pub fn id(app: &App, node: Option<NodeIndex>) -> String {
    node.map_or_else(String::new, |n| app.graph().actor(n).id.clone())
}

/// The id of the focused actor, or nothing.
pub fn focus(app: &App) -> String {
    id(app, app.focus())
}

/// The ids of the listed actors, top first.
pub fn listed(app: &App) -> Vec<String> {
    app.listed()
        .iter()
        .map(|l| app.graph().actor(l.node).id.clone())
        .collect()
}

/// Colour off, so the screen is its text.
const THEME: Theme = Theme {
    color: false,
    palette: Palette::Dark,
};

/// The test terminal's screen as text.
fn text_of(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let width = usize::from(buffer.area.width);
    buffer
        .content
        .chunks(width)
        .map(|row| row.iter().map(|cell| cell.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}
