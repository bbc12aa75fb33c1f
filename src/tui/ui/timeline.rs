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
use super::theme::{Theme, status_glyph};
use super::{hidden_by, list_row, pane_block, table_scrollbar};
use crate::graph::{Dated, Moment};
use crate::model::PartialDate;
use crate::tui::action::Pane;
use crate::tui::app::App;

/// Width of the date column: "2024-11..2024-12" and a space.
const DATE: usize = 17;

/// Days since year 0, roughly: enough to place dates on a ruler.
fn day(date: (u16, u8, u8)) -> f64 {
    f64::from(date.0) * 372.0 + f64::from(date.1.max(1) - 1) * 31.0 + f64::from(date.2.max(1) - 1)
}

/// Draws the timeline pane.
pub fn draw(frame: &mut Frame<'_>, areas: &Areas, app: &App, theme: Theme) {
    let view = app.timeline();
    let title = format!(" Timeline · {} dated ", view.rows.len());
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
    let (start, end) = (
        day(first.earliest()),
        day(last.latest()).max(day(first.earliest()) + 1.0),
    );
    let column = |date: (u16, u8, u8)| -> usize {
        (((day(date) - start) / (end - start)) * (ruler - 1) as f64)
            .round()
            .clamp(0.0, (ruler - 1) as f64) as usize
    };
    let mut heading = format!(" {}  {}", fit("date", DATE), fit("what", text_room + 1));
    let mut scale = vec![' '; ruler];
    let first_label = first.to_string();
    let last_label = last.to_string();
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
    let as_of = app.as_of().map(|date: PartialDate| column(date.latest()));
    let cursor = view.cursor;
    let rows = usize::from(body.height).saturating_sub(1);
    for (index, &at) in view.rows.iter().enumerate().skip(cursor.offset).take(rows) {
        let moment = view.moments[at];
        let (what, color) = describe(app, &moment);
        let mut bar = vec![' '; ruler];
        if let Some(mark) = as_of {
            bar[mark] = '┊';
        }
        let (from, to) = moment.when.bounds();
        let a = from.map_or(0, |d| column(d.earliest()));
        let b = to.map_or(ruler - 1, |d| column(d.latest()));
        for cell in bar.iter_mut().take(b + 1).skip(a) {
            *cell = '━';
        }
        if from.is_some() {
            bar[a] = '●';
        } else {
            bar[a] = '◂';
        }
        if to.is_none() {
            bar[b] = '▸';
        }
        let date = moment.date_text();
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
            Span::styled(fit(&clip(&date, DATE - 1), DATE), theme.dim()),
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
