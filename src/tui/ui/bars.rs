use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{clip, width};
use super::theme::Theme;
use crate::tui::action::View;
use crate::tui::app::{App, ELIDED, SEPARATOR, tab_label};

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
    let path = app.breadcrumb(area.width);
    let mut spans = vec![Span::styled(" kgx ", theme.chip()), Span::raw(" ")];
    if path.elided {
        spans.push(Span::styled(ELIDED, theme.strong()));
    }
    for (index, crumb) in path.crumbs.iter().enumerate() {
        if index > 0 {
            spans.push(Span::styled(SEPARATOR, theme.strong()));
        }
        spans.push(Span::styled(crumb.text.clone(), theme.strong()));
    }
    let used = path
        .crumbs
        .last()
        .map_or(6, |crumb| crumb.column + width(&crumb.text))
        + width(&path.forward);
    spans.push(Span::styled(path.forward, theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    let title = format!("{} ", graph.title());
    let title_room = usize::from(area.width).saturating_sub(used + 3);
    if title_room > 12 {
        frame.render_widget(
            Paragraph::new(Span::styled(clip(&title, title_room), theme.dim()))
                .alignment(Alignment::Right),
            area,
        );
    }
}

/// As many whole hints as fit in `room` cells, most useful first: a hint
/// is dropped, never cut.
fn fitting_hints(hints: &[String], room: usize) -> String {
    let mut shown = String::new();
    for hint in hints {
        let next = if shown.is_empty() {
            hint.clone()
        } else {
            format!("{shown} · {hint}")
        };
        if width(&next) > room {
            break;
        }
        shown = next;
    }
    shown
}

/// The bottom line: filter chips, then a message or the keys that matter
/// in the pane keys act on.
pub fn status(frame: &mut Frame<'_>, area: Rect, app: &App, theme: Theme) {
    if let Some(line) = app.command() {
        let room = usize::from(area.width).saturating_sub(2);
        let cursor = line.cursor.min(line.text.len());
        let (before, after) = line
            .text
            .split_at_checked(cursor)
            .unwrap_or((&line.text, ""));
        // Keep the cursor in view: a long command loses its start first.
        let before = if width(before) + 1 > room {
            let keep = room.saturating_sub(2);
            let skip = before.chars().count().saturating_sub(keep);
            format!("…{}", before.chars().skip(skip).collect::<String>())
        } else {
            before.to_owned()
        };
        let shown = clip(&format!("{before}▏{after}"), room);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(":", theme.strong()),
                Span::raw(shown),
            ])),
            area,
        );
        return;
    }
    if app.editing_search() {
        let word = app.search_word().unwrap_or_default();
        let room = usize::from(area.width).saturating_sub(10);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("search: ", theme.strong()),
                Span::raw(clip(&format!("{word}▏"), room)),
                Span::styled("  Enter keep · Esc clear", theme.dim()),
            ])),
            area,
        );
        return;
    }
    // While the screen waits for work, a spinner says so and what it is.
    let mut spans: Vec<Span> = match app.spinner() {
        Some((frame, _)) if app.message().is_some() => {
            vec![Span::styled(format!("{frame} "), theme.strong())]
        }
        Some((frame, doing)) => vec![Span::styled(format!("{frame} {doing}… "), theme.strong())],
        None => Vec::new(),
    };
    spans.extend(app.chips().into_iter().flat_map(|(_, label)| {
        [
            Span::styled(format!(" {label} "), theme.chip()),
            Span::raw(" "),
        ]
    }));
    match app.message() {
        Some(message) => spans.push(Span::styled(message.to_owned(), theme.message())),
        None => {
            // A message says more than the count, which is back after it.
            if let Some(lint) = app.lint_summary() {
                spans.push(Span::styled(format!("{lint} · "), theme.dim()));
            }
            let hints: Vec<String> = if app.editing_filter() {
                [
                    "type a name, alias or id",
                    "Enter open",
                    "↑↓ select",
                    "Esc clear",
                ]
                .map(str::to_owned)
                .to_vec()
            } else {
                app.keymap().hint_list(app.pane())
            };
            let used: usize = spans.iter().map(|span| width(&span.content)).sum();
            let room = usize::from(area.width).saturating_sub(used);
            spans.push(Span::styled(fitting_hints(&hints, room), theme.dim()));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
