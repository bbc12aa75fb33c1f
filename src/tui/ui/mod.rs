//! Drawing: a pure function of the app state onto a ratatui frame. One
//! module per part of the screen; none of them changes the state.

mod actors;
mod bars;
mod evidence;
mod graph;
mod overlays;
mod path;
mod relations;
mod stats;
pub(crate) mod text;
pub mod theme;
mod timeline;

pub use crate::tui::geometry::{layout, radial};

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap};

use super::action::{Pane, View};
use super::app::{App, Drawn, Overlay};
use crate::safe_text;
use theme::Theme;

/// Draws the whole screen for `app`.
pub fn draw(frame: &mut Frame<'_>, app: &App, theme: Theme) {
    draw_reporting(frame, app, theme);
}

/// Draws the whole screen for `app` and hands back what only drawing
/// finds out and the state needs (how far the evidence scrolls), for the
/// shell to give it as [`crate::tui::action::Action::Drawn`].
pub fn draw_reporting(frame: &mut Frame<'_>, app: &App, theme: Theme) -> Drawn {
    let drawn = draw_screen(frame, app, theme);
    made_safe(frame);
    drawn
}

/// Leaves out of every cell the characters from data that must not reach
/// the terminal ([`safe_text::cell`]): ratatui drops the controls, but not
/// the bidirectional overrides. Every screen passes through here.
pub fn made_safe(frame: &mut Frame<'_>) {
    for cell in &mut frame.buffer_mut().content {
        if let Cow::Owned(symbol) = safe_text::cell(cell.symbol()) {
            cell.set_symbol(if symbol.is_empty() { " " } else { &symbol });
        }
    }
}

fn draw_screen(frame: &mut Frame<'_>, app: &App, theme: Theme) -> Drawn {
    let mut drawn = Drawn::default();
    let area = frame.area();
    let Some(areas) = layout::areas(area.width, area.height, app.view()) else {
        too_small(frame, area);
        return drawn;
    };
    bars::tabs(frame, areas.tabs, app, theme);
    bars::breadcrumb(frame, areas.breadcrumb, app, theme);
    match app.view() {
        View::Explore => {
            actors::draw(frame, &areas, app, theme);
            relations::draw(frame, &areas, app, theme);
            drawn.evidence_max_scroll = Some(evidence::draw(frame, areas.evidence, app, theme));
        }
        View::Graph => {
            actors::draw(frame, &areas, app, theme);
            drawn.graph = graph::draw(frame, &areas, app, theme);
        }
        View::Path => {
            actors::draw(frame, &areas, app, theme);
            path::draw(frame, &areas, app, theme);
        }
        View::Timeline => timeline::draw(frame, &areas, app, theme),
        View::Stats => stats::draw(frame, &areas, app, theme),
    }
    bars::status(frame, areas.status, app, theme);
    overlays::candidates(frame, area, areas.status, app, theme);
    match app.overlay() {
        Some(Overlay::Help { scroll }) => overlays::help(frame, area, app, scroll, theme),
        Some(Overlay::Filters { selected }) => overlays::filters(frame, area, app, selected, theme),
        Some(Overlay::Problems { scroll }) => overlays::problems(frame, area, app, scroll, theme),
        None => {}
    }
    drawn
}

/// A pane's frame, highlighted when keys act on it.
fn pane_block(title: Line<'static>, pane: Pane, app: &App, theme: Theme) -> Block<'static> {
    let active = app.pane() == pane && app.overlay().is_none();
    let block = Block::bordered().title(title);
    if active {
        block
            .border_style(theme.active_border())
            .border_type(ratatui::widgets::BorderType::Thick)
    } else {
        block.border_style(Style::new())
    }
}

/// A list row, styled when selected: reversed in the pane keys act on,
/// underlined elsewhere, so the selection never depends on colour.
fn list_row(
    line: Line<'static>,
    selected: bool,
    pane: Pane,
    app: &App,
    theme: Theme,
) -> Line<'static> {
    if !selected {
        line
    } else if app.pane() == pane {
        line.style(theme.selected())
    } else {
        line.style(theme.selected_inactive())
    }
}

/// A scrollbar on the right border beside `list`, when `len` rows do not
/// fit: a sign that there is more than the pane shows.
fn scrollbar(frame: &mut Frame<'_>, pane: Rect, list: Rect, len: usize, position: usize) {
    if len <= usize::from(list.height) {
        return;
    }
    let track = Rect {
        y: list.y,
        height: list.height,
        ..pane
    };
    let mut state = ScrollbarState::new(len).position(position);
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(None),
        track,
        &mut state,
    );
}

/// A scrollbar for a table whose first body line is its column heading.
fn table_scrollbar(frame: &mut Frame<'_>, pane: Rect, body: Rect, len: usize, position: usize) {
    let rows = Rect {
        y: body.y + 1,
        height: body.height.saturating_sub(1),
        ..body
    };
    scrollbar(frame, pane, rows, len, position);
}

/// Why a list is empty, after "no relations" or "no actors": the "as of"
/// date first (the cause people miss), then marked-only, then filters.
fn hidden_by(app: &App) -> String {
    let keys = app.keymap();
    if let Some(date) = app.as_of() {
        return format!(
            "as of {date} ({} {} move, :asof off clears)",
            keys.first_key("earlier"),
            keys.first_key("later")
        );
    }
    if app.marked_only() {
        return format!(
            "among the marked ({} shows everyone)",
            keys.first_key("marked-only")
        );
    }
    let filter = app.relation_filter();
    if !app.actor_kinds().is_empty()
        || !filter.kinds.is_empty()
        || !filter.statuses.is_empty()
        || !filter.stances.is_empty()
    {
        return format!(
            "through the filters ({} changes, {} clears)",
            keys.first_key("filters"),
            keys.first_key("clear-filters")
        );
    }
    "in the graph".to_owned()
}

fn too_small(frame: &mut Frame<'_>, area: Rect) {
    let message = format!(
        "kgx needs at least {}×{} cells; this terminal is {}×{}. Enlarge it, or press q to quit.",
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT,
        area.width,
        area.height
    );
    let top = area.height.saturating_sub(2) / 2;
    let centred = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    frame.render_widget(
        Paragraph::new(message)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        centred,
    );
}
