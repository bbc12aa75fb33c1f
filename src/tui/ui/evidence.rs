use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::pane_block;
use super::text::searched;
use super::theme::Theme;
use crate::graph::{KnowledgeGraph, NodeIndex};
use crate::tui::action::Pane;
use crate::tui::app::App;

/// The evidence pane: the selected relation as a sentence, its facts and
/// every quoted passage with its source; then the other actor's card.
/// Returns how far it can scroll before its last line reaches the top of
/// the window, which only the wrapped text knows.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: Theme) -> u16 {
    let (title, lines) = content(app, theme);
    let block = pane_block(
        Line::from(Span::styled(title, theme.strong())),
        Pane::Evidence,
        app,
        theme,
    );
    let text = Paragraph::new(lines).wrap(Wrap { trim: false });
    let wrapped = text.line_count(area.width.saturating_sub(2));
    let visible = usize::from(area.height.saturating_sub(2));
    frame.render_widget(text.block(block).scroll((app.evidence_scroll(), 0)), area);
    u16::try_from(wrapped.saturating_sub(visible)).unwrap_or(u16::MAX)
}

/// The pane's title and lines.
fn content(app: &App, theme: Theme) -> (&'static str, Vec<Line<'static>>) {
    let graph = app.graph();
    let mut lines: Vec<Line> = Vec::new();
    let title;
    match app.selected_link() {
        Some(link) => {
            title = " Evidence ";
            let relation = graph.relation(link.relation);
            let (subject, object) = graph.ends(link.relation);
            let arrow = relation.arrow();
            lines.push(Line::from(vec![
                Span::styled(graph.actor(subject).name.clone(), theme.strong()),
                Span::raw(format!(" {arrow} {} {arrow} ", relation.phrase())),
                Span::styled(graph.actor(object).name.clone(), theme.strong()),
            ]));
            let date = relation
                .date()
                .map_or_else(|| "undated".to_owned(), |d| d.to_string());
            lines.push(Line::from(vec![
                Span::styled(format!("{date} · {} · ", relation.status()), theme.dim()),
                Span::styled(
                    relation.stance().with_score(),
                    theme.stance(relation.stance()),
                ),
                Span::styled(format!(" · {}", relation.kind()), theme.dim()),
            ]));
            for (key, value) in relation.attributes() {
                lines.push(Line::from(Span::styled(
                    format!("{key}: {value}"),
                    theme.dim(),
                )));
            }
            if relation.evidence().is_empty() {
                lines.push(Line::from(Span::styled("no evidence given", theme.dim())));
            }
            for item in relation.evidence().iter() {
                lines.push(Line::default());
                // Whose claim it is comes before the claim.
                if let Some(who) = item.attributed_to() {
                    lines.push(Line::from(vec![
                        Span::raw("according to "),
                        Span::styled(graph.name_of(who).to_owned(), theme.strong()),
                        Span::raw(":"),
                    ]));
                }
                lines.push(Line::from(searched(
                    &format!("“{}”", item.quote()),
                    app.search_word(),
                    theme.quote(),
                    theme.matched(),
                )));
                let mut cite = format!("— {}", item.source());
                if let Some(source) = graph.source(item.source()) {
                    cite = format!("— {}", source.title);
                    for detail in [source.publisher.clone(), source.date.map(|d| d.to_string())]
                        .into_iter()
                        .flatten()
                    {
                        cite.push_str(&format!(", {detail}"));
                    }
                    if let Some(grade) = source.reliability {
                        cite.push_str(&format!(" [{}: {}]", grade.letter(), grade.describe()));
                    }
                }
                lines.push(Line::from(Span::styled(cite, theme.dim())));
            }
            lines.push(Line::default());
            card(&mut lines, graph, link.other, theme);
        }
        None => {
            title = " Actor ";
            if let Some(focus) = app.focus() {
                card(&mut lines, graph, focus, theme);
            }
        }
    }
    (title, lines)
}

/// Everything known about an actor, as lines.
fn card(lines: &mut Vec<Line<'static>>, graph: &KnowledgeGraph, node: NodeIndex, theme: Theme) {
    let actor = graph.actor(node);
    lines.push(Line::from(vec![
        Span::styled(actor.name.clone(), theme.strong()),
        Span::styled(format!(" · {} · id {}", actor.kind, actor.id), theme.dim()),
    ]));
    if let Some(date) = actor.date {
        lines.push(Line::from(format!("date: {date}")));
    }
    if !actor.aliases.is_empty() {
        lines.push(Line::from(format!(
            "also known as: {}",
            actor.aliases.join(", ")
        )));
    }
    for role in &actor.roles {
        lines.push(Line::from(format!("role: {}", graph.describe_role(role))));
    }
    if let Some(summary) = &actor.summary {
        lines.push(Line::from(summary.clone()));
    }
    for (base, id) in actor.external_ids.iter().chain(&actor.attributes) {
        lines.push(Line::from(Span::styled(
            format!("{base}: {id}"),
            theme.dim(),
        )));
    }
}
