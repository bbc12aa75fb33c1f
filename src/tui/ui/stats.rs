//! The statistics table: per actor, relations in and out, PageRank,
//! betweenness, component and the balance of cooperation and conflict,
//! sorted by the column chosen with `s`. An actor a lint finding is about
//! carries `!` beside its kind.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::actors::{filter_line, lint_marker};
use super::layout::Areas;
use super::text::{clip, fit};
use super::theme::{Theme, kind_letter};
use super::{list_row, pane_block, table_scrollbar};
use crate::tui::action::Pane;
use crate::tui::app::{App, StatsColumn};

/// The numeric columns, in drawing order, with their widths.
const COLUMNS: [(StatsColumn, usize); 7] = [
    (StatsColumn::Degree, 5),
    (StatsColumn::In, 5),
    (StatsColumn::Out, 5),
    (StatsColumn::PageRank, 9),
    (StatsColumn::Betweenness, 8),
    (StatsColumn::Balance, 8),
    (StatsColumn::Component, 5),
];

/// Width of the "cooperative/hostile" counts beside the balance.
const COUNTS: usize = 8;

/// Draws the statistics pane.
pub fn draw(frame: &mut Frame<'_>, areas: &Areas, app: &App, theme: Theme) {
    let graph = app.graph();
    let view = app.stats();
    let sources = view.centrality.as_ref().and_then(|c| c.betweenness_sources);
    let state = match (app.computing(), sources) {
        (Some(done), _) => format!(" · computing centrality {:.0}%", done * 100.0),
        (None, Some(count)) => format!(" · betweenness estimated from {count} actors"),
        (None, None) => String::new(),
    };
    let title = format!(" Statistics · sorted by {}{state} ", view.column.heading());
    frame.render_widget(
        pane_block(
            Line::from(Span::styled(title, theme.strong())),
            Pane::Stats,
            app,
            theme,
        ),
        areas.view,
    );
    filter_line(frame, areas.view_head, app, theme, view.rows.len());
    let body = areas.view_body;
    let c = view.centrality.as_ref();
    let room = usize::from(body.width);
    let numbers: usize = COLUMNS.iter().map(|(_, w)| w).sum::<usize>() + COUNTS;
    let name_room = room.saturating_sub(numbers + 3).max(8);
    let mut heading = vec![Span::styled(
        fit("  name", name_room + 2),
        header(StatsColumn::Name, view.column, theme),
    )];
    for (column, cells) in COLUMNS {
        heading.push(Span::styled(
            format!("{:>cells$}", column.heading()),
            header(column, view.column, theme),
        ));
        if column == StatsColumn::Balance {
            heading.push(Span::styled(format!("{:>COUNTS$}", "+/−"), theme.dim()));
        }
    }
    let mut lines = vec![Line::from(heading)];
    let cursor = view.cursor;
    let rows = usize::from(body.height).saturating_sub(1);
    for (index, &node) in view.rows.iter().enumerate().skip(cursor.offset).take(rows) {
        let i = node.index();
        let actor = graph.actor(node);
        let degree = app.shown_degree(node);
        let pending = || "…".to_owned();
        let counts = c.map_or_else(pending, |c| {
            format!("{}/{}", c.cooperative[i], c.hostile[i])
        });
        let values = [
            degree.total().to_string(),
            degree.incoming.to_string(),
            degree.outgoing.to_string(),
            c.map_or_else(pending, |c| format!("{:.4}", c.pagerank[i])),
            c.map_or_else(pending, |c| format!("{:.3}", c.betweenness[i])),
            c.map_or_else(pending, |c| format!("{:+}", c.balance[i])),
            c.map_or_else(pending, |c| c.component[i].to_string()),
        ];
        let mut spans = vec![
            Span::styled(
                kind_letter(&actor.kind).to_string(),
                theme.kind(&actor.kind),
            ),
            lint_marker(app.actor_flagged(node), theme),
            Span::raw(fit(&clip(&actor.name, name_room), name_room)),
        ];
        for ((column, cells), value) in COLUMNS.iter().zip(values) {
            spans.push(Span::raw(format!("{value:>cells$}", cells = *cells)));
            if *column == StatsColumn::Balance {
                spans.push(Span::styled(format!("{counts:>COUNTS$}"), theme.dim()));
            }
        }
        lines.push(list_row(
            Line::from(spans),
            index == cursor.selected,
            Pane::Stats,
            app,
            theme,
        ));
    }
    frame.render_widget(Paragraph::new(lines), body);
    table_scrollbar(frame, areas.view, body, view.rows.len(), cursor.selected);
}

/// The sorted column's heading is bold and underlined; others dim.
fn header(column: StatsColumn, sorted: StatsColumn, theme: Theme) -> ratatui::style::Style {
    if column == sorted {
        theme
            .strong()
            .add_modifier(ratatui::style::Modifier::UNDERLINED)
    } else {
        theme.dim()
    }
}
