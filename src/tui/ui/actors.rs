use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout::Areas;
use super::text::{clip, width};
use super::theme::{Theme, kind_letter};
use super::{hidden_by, list_row, pane_block, scrollbar, text};
use crate::tui::action::Pane;
use crate::tui::app::{App, MatchedOn, Sort};

/// The actors pane: the filter line, then one row per listed actor with
/// its mark, kind letter, name (matches highlighted) and relation count.
pub fn draw(frame: &mut Frame<'_>, areas: &Areas, app: &App, theme: Theme) {
    let graph = app.graph();
    let sort = match app.sort() {
        Sort::Degree => "by relations",
        Sort::Name => "by name",
    };
    let title = Line::from(vec![
        Span::styled(" Actors ", theme.strong()),
        Span::styled(format!("{sort} "), theme.dim()),
    ]);
    frame.render_widget(pane_block(title, Pane::Actors, app, theme), areas.actors);

    let inner_width = usize::from(areas.actor_list.width);
    filter_line(frame, areas.actor_filter, app, theme, app.listed().len());

    let cursor = app.actor_cursor();
    let rows = usize::from(areas.actor_list.height);
    // The count column is as wide as the widest count shown (a hub of a
    // generated million has five digits), so a name never runs into it.
    let degree_width = app
        .listed()
        .iter()
        .skip(cursor.offset)
        .take(rows)
        .map(|listed| app.shown_degree(listed.node).total().to_string().len())
        .max()
        .unwrap_or(0)
        .max(3);
    let name_width = inner_width.saturating_sub(4 + degree_width + 1);
    let lines: Vec<Line> = app
        .listed()
        .iter()
        .enumerate()
        .skip(cursor.offset)
        .take(rows)
        .map(|(index, listed)| {
            let actor = graph.actor(listed.node);
            let marked = if app.marked().contains(&listed.node) {
                "●"
            } else {
                " "
            };
            let mut spans = vec![
                Span::raw(marked),
                Span::styled(
                    kind_letter(&actor.kind).to_string(),
                    theme.kind(&actor.kind),
                ),
                lint_marker(app.actor_flagged(listed.node), theme),
            ];
            // A match on an alias or the id is shown beside the name, as
            // the reason the row is listed: "Hayat Tahrir al-Sham  (HTS)".
            let why = match listed.on {
                MatchedOn::Name => None,
                MatchedOn::Alias(index) => actor.aliases.get(index).map(String::as_str),
                MatchedOn::Id => Some(actor.id.as_str()),
            };
            // The name keeps at least half the room; the reason gets the rest.
            let why_room = name_width.saturating_sub(width(&actor.name).min(name_width / 2));
            let why = why
                .filter(|_| why_room > 4)
                .map(|why| clip(why, why_room - 4));
            let why_width = why.as_ref().map_or(0, |why| width(why) + 4);
            let name = clip(&actor.name, name_width.saturating_sub(why_width));
            let used = width(&name) + why_width;
            match &why {
                None => spans.extend(highlighted(&name, app.matched_characters(index), theme)),
                Some(why) => {
                    spans.push(Span::raw(name));
                    spans.push(Span::styled("  (", theme.dim()));
                    spans.extend(highlighted(why, app.matched_characters(index), theme));
                    spans.push(Span::styled(")", theme.dim()));
                }
            }
            let degree = app.shown_degree(listed.node).total().to_string();
            let gap = inner_width.saturating_sub(3 + used + width(&degree)).max(1);
            spans.push(Span::raw(" ".repeat(gap)));
            spans.push(Span::styled(degree, theme.dim()));
            list_row(
                Line::from(spans),
                index == cursor.selected,
                Pane::Actors,
                app,
                theme,
            )
        })
        .collect();
    if lines.is_empty() {
        let hint = if app.query().is_empty() {
            format!("no actors {}", hidden_by(app))
        } else {
            "no match: Esc clears".to_owned()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text::clip(&hint, inner_width), theme.dim())),
            areas.actor_list,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), areas.actor_list);
        scrollbar(
            frame,
            areas.actors,
            areas.actor_list,
            app.listed().len(),
            cursor.selected,
        );
    }
}

/// The name filter as typed (or how to start one) at the left of `area`,
/// and `shown` out of all actors at the right.
pub fn filter_line(frame: &mut Frame<'_>, area: Rect, app: &App, theme: Theme, shown: usize) {
    let count = format!("{shown}/{}", app.graph().actor_count());
    let line = if app.editing_filter() || !app.query().is_empty() {
        let cursor = if app.editing_filter() { "▏" } else { "" };
        let room = usize::from(area.width).saturating_sub(width(&count) + 4);
        Line::from(vec![
            Span::styled("/", theme.strong()),
            Span::raw(clip(&format!("{}{cursor}", app.query()), room)),
        ])
    } else {
        // The hint gives way to the count when both do not fit with a
        // space between them.
        let hint = "/ to filter";
        let fits = width(hint) + 1 + width(&count) <= usize::from(area.width);
        Line::from(Span::styled(if fits { hint } else { "/" }, theme.dim()))
    };
    frame.render_widget(Paragraph::new(line), area);
    frame.render_widget(
        Paragraph::new(Span::styled(count, theme.dim()))
            .alignment(ratatui::layout::Alignment::Right),
        area,
    );
}

/// `name` split into runs of matched and unmatched characters; combining
/// marks stay with the character before them.
fn highlighted(name: &str, matched: &[u32], theme: Theme) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (position, c) in name.chars().enumerate() {
        let zero_width = unicode_width::UnicodeWidthChar::width(c) == Some(0);
        let hit = if zero_width {
            run_hit
        } else {
            matched.binary_search(&(position as u32)).is_ok()
        };
        if hit != run_hit && !run.is_empty() {
            let style = if run_hit {
                theme.matched()
            } else {
                Style::new()
            };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_hit = hit;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(
            run,
            if run_hit {
                theme.matched()
            } else {
                Style::new()
            },
        ));
    }
    spans
}

/// One cell that says a lint finding is about the row: `!`, or a blank.
pub(crate) fn lint_marker(flagged: bool, theme: Theme) -> Span<'static> {
    match flagged {
        true => Span::styled("!", theme.message()),
        false => Span::raw(" "),
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::tui::ui::theme::Palette;

    /// The filter line drawn `columns` wide on the seed graph.
    fn drawn(columns: u16) -> String {
        let graph = crate::load::load_graph(&crate::load::Input::Embedded).expect("seed");
        let app = App::new(graph, 80, 24);
        let mut terminal = Terminal::new(TestBackend::new(columns, 1)).expect("terminal");
        terminal
            .draw(|frame| {
                filter_line(
                    frame,
                    frame.area(),
                    &app,
                    Theme {
                        color: false,
                        palette: Palette::Dark,
                    },
                    43,
                )
            })
            .expect("drawn");
        let buffer = terminal.backend().buffer();
        (0..columns).map(|x| buffer[(x, 0)].symbol()).collect()
    }

    #[test]
    fn the_hint_gives_way_to_the_count_when_both_do_not_fit() {
        assert_eq!(drawn(24).trim_end(), "/ to filter        43/43");
        let narrow = drawn(16);
        assert!(
            narrow.starts_with("/ ") && narrow.ends_with("43/43"),
            "{narrow:?}"
        );
        assert!(!narrow.contains("filter"), "{narrow:?}");
    }
}
