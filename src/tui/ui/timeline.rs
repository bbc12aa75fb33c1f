//! The timeline: every dated relation and event in time order, with a
//! ruler that places each on the span of the whole story and marks the
//! "as of" date. An entry a lint finding is about starts with `!`.

use ratatui::Frame;
use ratatui::style::Color;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::actors::{filter_line, lint_marker};
use super::layout::Areas;
use super::text::{clip, fit};
use super::theme::{Theme, as_of_mark, status_glyph};
use super::{hidden_by, list_row, pane_block, table_scrollbar};
use crate::graph::{Dated, Moment};
use crate::model::{Begun, PartialDate};
use crate::tui::action::Pane;
use crate::tui::app::App;

/// Width of the date column: the "as of" mark `≈` in a cell of its own,
/// "2024-11..2024-12" and a space.
const DATE: usize = 18;

/// Days since year 0, roughly: enough to place dates on a ruler.
fn day(date: (u16, u8, u8)) -> f64 {
    f64::from(date.0) * 372.0 + f64::from(date.1.max(1) - 1) * 31.0 + f64::from(date.2.max(1) - 1)
}

/// Draws the timeline pane.
pub fn draw(frame: &mut Frame<'_>, areas: &Areas, app: &App, theme: Theme) {
    let view = app.timeline();
    let title = match view.zoom {
        0 => format!(" Timeline · {} dated ", view.rows.len()),
        zoom => format!(
            " Timeline · {} dated · zoom ×{} ",
            view.rows.len(),
            1u32 << zoom
        ),
    };
    frame.render_widget(
        pane_block(
            Line::from(Span::styled(title, theme.strong())),
            Pane::Timeline,
            app,
            theme,
        ),
        areas.view,
    );
    filter_line(frame, areas.view_head, app, theme, app.listed().len());
    let body = areas.view_body;
    let room = usize::from(body.width);
    // The ruler covers every date in the graph, so stepping "as of" moves
    // its mark rather than rescaling it.
    let milestones = app.milestones();
    let (Some(first), Some(last)) = (milestones.first(), milestones.last()) else {
        frame.render_widget(
            Paragraph::new(Span::styled("nothing in this graph is dated", theme.dim())),
            body,
        );
        return;
    };
    let ruler = (room / 4).clamp(10, 32);
    // One column for the lint marker, then the date, the status glyph and
    // a space, the text, the ruler.
    let text_room = room.saturating_sub(1 + DATE + ruler + 4);
    let (start, end) = window(view, first, last);
    let place = |date: (u16, u8, u8)| (day(date) - start) / (end - start) * (ruler - 1) as f64;
    let cell = |at: f64| at.round().clamp(0.0, (ruler - 1) as f64) as usize;
    // Under the lint marker and the "as of" mark, nothing.
    let mut heading = format!(
        "  {}  {}",
        fit("date", DATE - 1),
        fit("what", text_room + 1)
    );
    let mut scale = vec![' '; ruler];
    let (first_label, last_label) = if view.zoom == 0 {
        (first.to_string(), last.to_string())
    } else {
        (date_at(start), date_at(end))
    };
    for (i, c) in first_label.chars().enumerate().take(ruler) {
        scale[i] = c;
    }
    let tail = last_label.chars().count();
    if tail + first_label.chars().count() < ruler {
        for (i, c) in last_label.chars().enumerate() {
            scale[ruler - tail + i] = c;
        }
    }
    heading.push(' ');
    heading.push_str(&scale.iter().collect::<String>());
    let mut lines = vec![Line::from(Span::styled(clip(&heading, room), theme.dim()))];
    let as_of = app
        .as_of()
        .map(|date: PartialDate| place(date.latest()))
        .filter(|at| (-0.5..ruler as f64 - 0.5).contains(at))
        .map(cell);
    let cursor = view.cursor;
    let rows = usize::from(body.height).saturating_sub(1);
    for (index, &at) in view.rows.iter().enumerate().skip(cursor.offset).take(rows) {
        let moment = view.moments[at];
        let (what, color) = describe(app, &moment);
        let mut bar = vec![' '; ruler];
        if let Some(mark) = as_of {
            bar[mark] = '┊';
        }
        draw_span(&mut bar, &moment, place);
        let date = moment.when.to_string();
        let glyph = match moment.item {
            Dated::Relation(edge) => status_glyph(app.graph().relation(edge).status(), theme),
            Dated::Actor(_) => Span::raw(" "),
        };
        let flagged = match moment.item {
            Dated::Relation(edge) => app.relation_flagged(edge),
            Dated::Actor(node) => app.actor_flagged(node),
        };
        let line = Line::from(vec![
            lint_marker(flagged, theme),
            as_of_mark(moment.begun == Begun::Maybe, theme),
            Span::styled(fit(&clip(&date, DATE - 2), DATE - 1), theme.dim()),
            glyph,
            Span::raw(" "),
            Span::raw(fit(&clip(&what, text_room), text_room + 1)),
            Span::styled(
                bar.into_iter().collect::<String>(),
                if theme.color {
                    ratatui::style::Style::new().fg(color)
                } else {
                    theme.dim()
                },
            ),
        ]);
        lines.push(list_row(
            line,
            index == cursor.selected,
            Pane::Timeline,
            app,
            theme,
        ));
    }
    if view.rows.is_empty() {
        let text = if app.ordering() {
            "putting every dated entry in order…".to_owned()
        } else {
            format!("nothing dated {}", hidden_by(app))
        };
        lines.push(Line::from(Span::styled(clip(&text, room), theme.dim())));
    }
    frame.render_widget(Paragraph::new(lines), body);
    table_scrollbar(frame, areas.view, body, view.rows.len(), cursor.selected);
}

/// The days the ruler spans: the whole story, or with zoom a 2^zoom part
/// of it around the selected entry, kept inside the story.
fn window(
    view: &crate::tui::app::TimelineView,
    first: &PartialDate,
    last: &PartialDate,
) -> (f64, f64) {
    let (story_start, story_end) = (day(first.earliest()), day(last.latest()));
    let story_end = story_end.max(story_start + 1.0);
    if view.zoom == 0 {
        return (story_start, story_end);
    }
    let span = (story_end - story_start) / f64::from(1u32 << view.zoom);
    let selected = view
        .rows
        .get(view.cursor.selected)
        .and_then(|&at| view.moments.get(at));
    let centre = selected.map_or(story_end, |moment| day(moment.sort_key()));
    let from = (centre - span / 2.0).clamp(story_start, story_end - span);
    (from, from + span)
}

/// The month a ruler position falls in, for the ruler's ends.
fn date_at(at: f64) -> String {
    let days = at.max(0.0) as u32;
    let year = days / 372;
    let month = (days % 372) / 31 + 1;
    format!("{year:04}-{month:02}")
}

/// Draws an entry on the ruler: `●` where it starts, `━` while it lasts,
/// `◂` when it starts before the ruler (or at no known date) and `▸` when
/// it goes on past it (or has no known end).
fn draw_span(bar: &mut [char], moment: &Moment, place: impl Fn((u16, u8, u8)) -> f64) {
    let last = bar.len() - 1;
    let (from, to) = moment.when.bounds();
    let a = from.map_or(f64::NEG_INFINITY, |d| place(d.earliest()));
    let b = to.map_or(f64::INFINITY, |d| place(d.latest()));
    let edge = last as f64 + 0.5;
    if b < -0.5 {
        bar[0] = '◂';
        return;
    }
    if a >= edge {
        bar[last] = '▸';
        return;
    }
    let cell = |at: f64| at.round().clamp(0.0, last as f64) as usize;
    let (start, end) = (cell(a), cell(b));
    for mark in bar.iter_mut().take(end + 1).skip(start) {
        *mark = '━';
    }
    bar[start] = if a >= -0.5 { '●' } else { '◂' };
    if b >= edge {
        bar[end] = '▸';
    }
}

/// The entry as a sentence, and the colour of its first actor.
fn describe(app: &App, moment: &Moment) -> (String, Color) {
    let graph = app.graph();
    match moment.item {
        Dated::Relation(edge) => {
            let relation = graph.relation(edge);
            let (from, to) = graph.ends(edge);
            let arrow = relation.arrow();
            (
                format!(
                    "{} {arrow} {} {arrow} {}",
                    graph.actor(from).name,
                    relation.phrase(),
                    graph.actor(to).name,
                ),
                actor_color(from.index()),
            )
        }
        Dated::Actor(node) => {
            let actor = graph.actor(node);
            (
                format!("{} ({})", actor.name, actor.kind),
                actor_color(node.index()),
            )
        }
    }
}

/// A colour per actor, so one actor's entries can be followed down the
/// ruler; names are always written too.
fn actor_color(index: usize) -> Color {
    const PALETTE: [Color; 6] = [
        Color::Cyan,
        Color::Yellow,
        Color::Magenta,
        Color::Green,
        Color::Blue,
        Color::Red,
    ];
    PALETTE[index % PALETTE.len()]
}
