//! The path view: each path found between two actors as a column of
//! actors and the relations walked between them, with the date, status and
//! first quote of each, so a connection can be read and checked.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout::Areas;
use super::text::clip;
use super::theme::{Theme, as_of_mark, kind_letter};
use super::{list_row, pane_block, scrollbar};
use crate::tui::action::Pane;
use crate::tui::app::{App, MOST_PATHS, PathMode, PathRow, PathSearch};

/// Draws the path pane.
pub fn draw(frame: &mut Frame<'_>, areas: &Areas, app: &App, theme: Theme) {
    let graph = app.graph();
    let view = app.path_view();
    let name = |node| clip(&graph.actor(node).name, 24);
    let title = match (view.from, view.to) {
        (Some(from), Some(to)) => format!(" Paths from {} to {} ", name(from), name(to)),
        (Some(from), None) => format!(" Paths from {} ", name(from)),
        _ => " Paths ".to_owned(),
    };
    frame.render_widget(
        pane_block(
            Line::from(Span::styled(title, theme.strong())),
            Pane::Path,
            app,
            theme,
        ),
        areas.view,
    );
    let room = usize::from(areas.view_body.width);
    let mut settings = vec![
        if view.directed {
            "following arrows"
        } else {
            "ignoring direction"
        }
        .to_owned(),
    ];
    settings.push(match view.mode {
        PathMode::Shortest => "all shortest".to_owned(),
        PathMode::KShortest(k) => format!("{k} shortest of any length"),
    });
    if !view.avoid.is_empty() {
        let names: Vec<String> = view
            .avoid
            .iter()
            .map(|&n| graph.actor(n).name.clone())
            .collect();
        settings.push(format!("avoiding {}", names.join(", ")));
    }
    if !view.via_kinds.is_empty() {
        let kinds: Vec<&str> = view.via_kinds.iter().map(String::as_str).collect();
        settings.push(format!("via {}", kinds.join(", ")));
    }
    settings.push("↓↑ the way each relation points".to_owned());
    frame.render_widget(
        Paragraph::new(Span::styled(clip(&settings.join(" · "), room), theme.dim())),
        areas.view_head,
    );
    let body = areas.view_body;
    let empty = match (view.from, view.to) {
        (None, _) => Some("select an actor and press m to start a path there; then select another and press p (or :path A B)".to_owned()),
        (Some(_), None) => Some("now select where the path should end and press p".to_owned()),
        (Some(_), Some(_)) if view.search == PathSearch::Running => {
            Some("looking for paths… (Esc stops the search)".to_owned())
        }
        (Some(_), Some(_)) if view.search == PathSearch::Stopped => {
            Some("the search was stopped; p or :path searches again".to_owned())
        }
        (Some(from), Some(to)) if view.paths.is_empty() => Some(format!(
            "no path from {} to {} with these settings and filters (d: {} · F clears filters)",
            graph.actor(from).name,
            graph.actor(to).name,
            if view.directed { "ignore arrows" } else { "follow arrows" }
        )),
        _ => None,
    };
    if let Some(text) = empty {
        frame.render_widget(
            Paragraph::new(Span::styled(text, theme.dim()))
                .wrap(ratatui::widgets::Wrap { trim: true }),
            body,
        );
        return;
    }
    let cursor = view.cursor;
    let count = view.paths.len();
    let routes = view.routes.len();
    let lines: Vec<Line> = view
        .rows
        .iter()
        .enumerate()
        .skip(cursor.offset)
        .take(usize::from(body.height))
        .map(|(index, row)| {
            let line = match *row {
                PathRow::Heading(i) => {
                    let route = &view.routes[i];
                    let hops = route.steps.len();
                    let more = if count >= MOST_PATHS && i + 1 == routes {
                        " (more not listed)"
                    } else {
                        ""
                    };
                    let ways = match route.paths {
                        1 => String::new(),
                        n => format!(" · {n} ways (\"or\" at a hop)"),
                    };
                    Line::from(Span::styled(
                        clip(
                            &format!(
                                "Path {} of {routes} · {hops} {}{ways}{more}",
                                i + 1,
                                if hops == 1 { "hop" } else { "hops" }
                            ),
                            room,
                        ),
                        theme.strong(),
                    ))
                }
                PathRow::Actor(node) => {
                    let actor = graph.actor(node);
                    let avoid = if view.avoid.contains(&node) {
                        " (avoided)"
                    } else {
                        ""
                    };
                    Line::from(vec![
                        Span::raw("  "),
                        Span::styled(
                            kind_letter(&actor.kind).to_string(),
                            theme.kind(&actor.kind),
                        ),
                        Span::raw(" "),
                        Span::styled(
                            clip(&format!("{}{avoid}", actor.name), room.saturating_sub(4)),
                            theme.strong(),
                        ),
                    ])
                }
                PathRow::Hop(hop) | PathRow::Alternative(hop) => {
                    let or = if matches!(row, PathRow::Alternative(_)) {
                        "or "
                    } else {
                        ""
                    };
                    let relation = graph.relation(hop.relation);
                    let way = if !relation.directed() {
                        "↔"
                    } else if hop.along {
                        "↓"
                    } else {
                        "↑"
                    };
                    let mut parts = vec![relation.status().name().to_owned()];
                    if let Some(date) = relation.date() {
                        parts.insert(0, date.to_string());
                    }
                    let mut facts = format!("  {}", parts.join(" · "));
                    // A narrow pane keeps the relation and drops its facts.
                    if room < 6 + super::text::width(&facts) + 16 {
                        facts.clear();
                    }
                    let phrase_room =
                        room.saturating_sub(6 + or.len() + super::text::width(&facts));
                    // The "as of" mark has the row's first cell, kept
                    // when a narrow pane drops the date.
                    Line::from(vec![
                        as_of_mark(app.uncertain(hop.relation), theme),
                        Span::styled(format!(" │ {or}{way} "), theme.dim()),
                        Span::raw(clip(&relation.phrase(), phrase_room)),
                        Span::styled(facts, theme.dim()),
                    ])
                }
                PathRow::Quote(hop) => {
                    let relation = graph.relation(hop.relation);
                    let quote = relation.evidence().first().map_or(String::new(), |e| {
                        let source = graph
                            .source(e.source())
                            .map_or(e.source(), |s| s.title.as_str());
                        format!("“{}” — {source}", e.quote())
                    });
                    Line::from(vec![
                        Span::styled("  │   ", theme.dim()),
                        Span::styled(clip(&quote, room.saturating_sub(6)), theme.quote()),
                    ])
                }
                PathRow::Gap => Line::default(),
            };
            list_row(line, index == cursor.selected, Pane::Path, app, theme)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
    scrollbar(frame, areas.view, body, view.rows.len(), cursor.selected);
}
