use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::actors::lint_marker;
use super::layout::Areas;
use super::text::{clip, fit, searched};
use super::theme::{Theme, as_of_mark, kind_letter, status_glyph};
use super::{hidden_by, list_row, pane_block, scrollbar};
use crate::graph::Direction;
use crate::tui::action::Pane;
use crate::tui::app::{App, RelationRow};
use crate::tui::geometry::columns::{Columns, columns};

/// The relations pane: the focused actor's card, then its relations
/// grouped by direction and kind, one row each.
pub fn draw(frame: &mut Frame<'_>, areas: &Areas, app: &App, theme: Theme) {
    let graph = app.graph();
    let Some(focus) = app.focus() else {
        frame.render_widget(
            pane_block(Line::from(" Relations "), Pane::Relations, app, theme),
            areas.relations,
        );
        return;
    };
    let actor = graph.actor(focus);
    let title = Line::from(vec![
        Span::styled(" ", theme.strong()),
        Span::styled(
            kind_letter(&actor.kind).to_string(),
            theme.kind(&actor.kind),
        ),
        Span::styled(
            format!(
                " {} ",
                clip(
                    &actor.name,
                    usize::from(areas.relations.width).saturating_sub(8)
                )
            ),
            theme.strong(),
        ),
    ]);
    frame.render_widget(
        pane_block(title, Pane::Relations, app, theme),
        areas.relations,
    );

    let inner = usize::from(areas.relation_list.width);
    let card_area = areas.relation_card;
    let degree = graph.degree(focus);
    let shown = app.shown_degree(focus);
    let mut facts = vec![actor.kind.to_string()];
    if let Some(date) = actor.date {
        facts.push(date.to_string());
    }
    // Under filters the card says how many of its relations are shown.
    if shown == degree {
        facts.push(degree.to_string());
    } else {
        facts.push(format!(
            "{} shown of {} · {degree}",
            shown.total(),
            degree.total()
        ));
    }
    let first = facts.join(" · ");
    let mut known: Vec<String> = actor
        .roles
        .iter()
        .map(|role| graph.describe_role(role))
        .collect();
    if !actor.aliases.is_empty() {
        known.push(format!("aka {}", actor.aliases.join(", ")));
    }
    known.extend(
        actor
            .attributes
            .iter()
            .map(|(key, value)| format!("{key}: {value}")),
    );
    let second = known.join(" · ");
    let card = vec![
        Line::from(Span::styled(clip(&first, inner), theme.dim())),
        Line::from(clip(&second, inner)),
        Line::from(Span::styled(
            clip(actor.summary.as_deref().unwrap_or(""), inner),
            theme.dim(),
        )),
    ];
    frame.render_widget(Paragraph::new(card), card_area);

    if app.rows().is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                clip(&format!("no relations {}", hidden_by(app)), inner),
                theme.dim(),
            )),
            areas.relation_list,
        );
        return;
    }
    let cursor = app.relation_cursor();
    let Columns {
        date: date_width,
        phrase: phrase_width,
        other: other_width,
    } = columns(inner, app.relation_text_widths());
    let lines: Vec<Line> = app
        .rows()
        .iter()
        .enumerate()
        .skip(cursor.offset)
        .take(usize::from(areas.relation_list.height))
        .map(|(index, row)| match row {
            RelationRow::Heading(direction, count) => {
                let name = match direction {
                    Direction::Outgoing => "Outgoing",
                    Direction::Incoming => "Incoming",
                    Direction::Mutual => "Mutual",
                };
                Line::from(Span::styled(
                    format!("{} {name} ({count})", direction.arrow()),
                    theme.strong(),
                ))
            }
            RelationRow::Link(link) => {
                let relation = graph.relation(link.relation);
                let other = graph.actor(link.other);
                let date = relation.date().map(|d| d.to_string()).unwrap_or_default();
                let phrase = relation.phrase();
                let word = app.search_word();
                let mut spans = vec![
                    lint_marker(app.relation_flagged(link.relation), theme),
                    status_glyph(relation.status(), theme),
                    Span::raw(" "),
                ];
                spans.extend(searched(
                    &fit(&phrase, phrase_width),
                    word,
                    theme.stance(relation.stance()),
                    theme.matched(),
                ));
                spans.extend([
                    Span::raw(format!(" {} ", link.direction.arrow())),
                    Span::styled(
                        kind_letter(&other.kind).to_string(),
                        theme.kind(&other.kind),
                    ),
                    Span::raw(" "),
                ]);
                spans.extend(searched(
                    &fit(&other.name, other_width),
                    word,
                    Style::new(),
                    theme.matched(),
                ));
                if date_width > 0 {
                    // The mark has a cell of its own: a long date is cut,
                    // never the word that it may not have begun.
                    spans.push(Span::raw(" "));
                    spans.push(as_of_mark(app.uncertain(link.relation), theme));
                    spans.push(Span::styled(
                        format!("{:>date_width$}", clip(&date, date_width)),
                        theme.dim(),
                    ));
                }
                list_row(
                    Line::from(spans),
                    index == cursor.selected,
                    Pane::Relations,
                    app,
                    theme,
                )
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), areas.relation_list);
    scrollbar(
        frame,
        areas.relations,
        areas.relation_list,
        app.rows().len(),
        cursor.selected,
    );
}
