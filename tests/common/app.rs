//! The explorer's state without a terminal: the seed graph in an `App`, and
//! its screen drawn on a `TestBackend` as plain text, for tests that drive
//! `App::update` and look at what a person would see.
// Each test file uses the helpers it needs.
#![allow(dead_code)]

use kgx::formats::load_graph;
use kgx::load::Input;
use kgx::tui::action::Report;
use kgx::tui::app::App;
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
