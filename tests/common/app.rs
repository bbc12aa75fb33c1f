//! The explorer's state without a terminal: the seed graph in an `App`, and
//! its screen drawn on a `TestBackend` as plain text, for tests that drive
//! `App::update` and look at what a person would see.

use kgx::formats::load_graph;
use kgx::load::Input;
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
    let theme = Theme {
        color: false,
        palette: Palette::Dark,
    };
    terminal
        .draw(|frame| ui::draw(frame, app, theme))
        .expect("draws");
    let buffer = terminal.backend().buffer();
    let width = usize::from(buffer.area.width);
    buffer
        .content
        .chunks(width)
        .map(|row| row.iter().map(|cell| cell.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}
