use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{clip, width};
use super::theme::Theme;
use crate::tui::action::View;
use crate::tui::app::{App, tab_label};

/// The view tabs across the top, the current one reversed; the "as of"
/// date, when set, at the right.
pub fn tabs(frame: &mut Frame<'_>, area: Rect, app: &App, theme: Theme) {
    let mut spans = Vec::new();
    for (index, view) in View::ALL.into_iter().enumerate() {
        let style = if view == app.view() {
            theme.selected()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(tab_label(index, view, area.width), style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if let Some(date) = app.as_of() {
        frame.render_widget(
            Paragraph::new(Span::styled(format!("as of {date} "), theme.message()))
                .alignment(Alignment::Right),
            area,
        );
    }
}

/// The path of jumps across the top: `Russia › Sergey Lavrov › …`, cut
/// from the left when it does not fit, with the graph's title at the right.
pub fn breadcrumb(frame: &mut Frame<'_>, area: Rect, app: &App, theme: Theme) {
    let graph = app.graph();
    let mut names: Vec<&str> = app
        .trail()
        .iter()
        .map(|&n| graph.actor(n).name.as_str())
        .collect();
    if let Some(focus) = app.focus() {
        names.push(&graph.actor(focus).name);
    }
    let forward = match app.forward_steps() {
        0 => String::new(),
        n => format!("  (+{n} forward)"),
    };
    let room = usize::from(area.width).saturating_sub(width(&forward) + 6);
    let mut shown = names.join(" › ");
    let mut dropped = 0;
    while width(&shown) > room && dropped + 1 < names.len() {
        dropped += 1;
        shown = format!("… › {}", names[dropped..].join(" › "));
    }
    let shown = clip(&shown, room);
    let title = format!("{} ", graph.title());
    let used = 6 + width(&shown) + width(&forward);
    let mut spans = vec![Span::styled(" kgx ", theme.chip()), Span::raw(" ")];
    spans.push(Span::styled(shown, theme.strong()));
    spans.push(Span::styled(forward, theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    let title_room = usize::from(area.width).saturating_sub(used + 3);
    if title_room > 12 {
        frame.render_widget(
            Paragraph::new(Span::styled(clip(&title, title_room), theme.dim()))
                .alignment(Alignment::Right),
            area,
        );
    }
}

/// The bottom line: filter chips, then a message or the keys that matter
/// in the pane keys act on.
pub fn status(frame: &mut Frame<'_>, area: Rect, app: &App, theme: Theme) {
    if let Some(line) = app.command() {
        let room = usize::from(area.width).saturating_sub(2);
        let text = format!("{}▏", line.text);
        // Keep the end of a long command in view.
        let shown = if width(&text) > room {
            let skip = text.chars().count().saturating_sub(room.saturating_sub(1));
            format!("…{}", text.chars().skip(skip).collect::<String>())
        } else {
            text
        };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(":", theme.strong()),
                Span::raw(shown),
            ])),
            area,
        );
        return;
    }
    let mut spans: Vec<Span> = app
        .chips()
        .into_iter()
        .flat_map(|(_, label)| {
            [
                Span::styled(format!(" {label} "), theme.chip()),
                Span::raw(" "),
            ]
        })
        .collect();
    match app.message() {
        Some(message) => spans.push(Span::styled(message.to_owned(), theme.message())),
        None => {
            // A message says more than the count, which is back after it.
            if let Some(lint) = app.lint_summary() {
                spans.push(Span::styled(format!("{lint} "), theme.dim()));
            }
            let hints = if app.editing_filter() {
                "type to filter · Enter keep · Esc clear · ↑↓ move".to_owned()
            } else {
                app.keymap().hints(app.pane())
            };
            spans.push(Span::styled(hints, theme.dim()));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
