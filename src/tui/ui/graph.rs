//! The neighbourhood view: the focus in the middle, its neighbours around
//! it, lines for the relations between them. Lines are braille on a
//! canvas; labels and arrowheads are drawn over them at exact cells, so a
//! label is always readable and a click on it lands on its actor. An actor
//! a lint finding is about has `!` beside its label.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::canvas::{Canvas, Line as Segment, Points};

use super::layout::Areas;
use super::pane_block;
use super::radial::{self, Placed, Placement};
use super::text::clip;
use super::theme::Theme;
use crate::graph::{EgoEdge, EgoNode};
use crate::model::Status;
use crate::tui::action::Pane;
use crate::tui::app::App;

/// A line to draw: its stroke, its ends in cells, its colour.
type Stroked = (Stroke, (f64, f64), (f64, f64), Color);

/// How a line is drawn, by how well attested its best relation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stroke {
    /// Reported or confirmed: a solid line.
    Solid,
    /// Claimed, alleged or planned: dotted.
    Dotted,
    /// Disputed or denied: sparse dots.
    Sparse,
}

fn stroke(status: Status) -> Stroke {
    match status {
        Status::Reported | Status::Confirmed => Stroke::Solid,
        Status::Claimed | Status::Alleged | Status::Planned => Stroke::Dotted,
        Status::Disputed | Status::Denied => Stroke::Sparse,
    }
}

/// Draws the graph pane: places the neighbourhood the state chose in the
/// room there is, and hands the placement back for clicks to land on
/// (`None` when nothing is drawn).
pub fn draw(frame: &mut Frame<'_>, areas: &Areas, app: &App, theme: Theme) -> Option<Placement> {
    let view = app.graph_view();
    let graph = app.graph();
    let title = match app.focus() {
        Some(focus) => format!(
            " Neighbourhood of {} · depth {} ",
            clip(&graph.actor(focus).name, 30),
            view.depth
        ),
        None => " Neighbourhood ".to_owned(),
    };
    frame.render_widget(
        pane_block(
            Line::from(Span::styled(title, theme.strong())),
            Pane::Graph,
            app,
            theme,
        ),
        areas.view,
    );
    let ego = &view.ego;
    let drawn = ego
        .members
        .iter()
        .filter(|m| matches!(m.node, EgoNode::Actor(_)) && m.ring > 0)
        .count();
    let counted: usize = ego
        .members
        .iter()
        .map(|m| match m.node {
            EgoNode::More(count, _) => count,
            EgoNode::Actor(_) => 0,
        })
        .sum();
    let plural = |count: usize, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    let lines = plural(ego.edges.len(), "line", "lines");
    let mut head = if counted > 0 {
        format!(
            "{} drawn, {counted} more counted · {lines}",
            plural(drawn, "actor", "actors")
        )
    } else {
        format!("{} · {lines}", plural(drawn, "actor", "actors"))
    };
    // Lines whose relations may all have begun after the "as of" date.
    let uncertain = ego
        .edges
        .iter()
        .filter(|edge| edge.relations.iter().all(|&r| app.uncertain(r)))
        .count();
    if let (Some(date), 1..) = (app.as_of(), uncertain) {
        head.push_str(&format!(
            " · {} {uncertain} may not have begun by {date}",
            crate::model::Begun::MARK
        ));
    }
    frame.render_widget(
        Paragraph::new(Span::styled(
            clip(&head, usize::from(areas.view_head.width)),
            theme.dim(),
        )),
        areas.view_head,
    );
    let body = areas.view_body;
    // The last two lines say what the selection is and what lines mean.
    let area = Rect {
        height: body.height.saturating_sub(2),
        ..body
    };
    if ego.members.is_empty() || area.width == 0 || area.height == 0 {
        let text = if app.drawing() {
            "drawing the neighbourhood…"
        } else {
            "select an actor to draw its neighbourhood"
        };
        frame.render_widget(Paragraph::new(Span::styled(text, theme.dim())), body);
        return None;
    }
    let placed = radial::place(graph, ego, area, view.depth);
    let placement = &placed;
    let (w, h) = (f64::from(area.width), f64::from(area.height));
    let segments: Vec<Stroked> = ego
        .edges
        .iter()
        .filter_map(|edge| {
            let (a, b) = (&placement.nodes[edge.a], &placement.nodes[edge.b]);
            let (start, end) = clipped(a, b)?;
            let color = if theme.color {
                stance_color(edge)
            } else {
                Color::Reset
            };
            Some((stroke(edge.status), start, end, color))
        })
        .collect();
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([0.0, w])
        .y_bounds([0.0, h])
        .paint(|ctx| {
            for &(stroke, (x1, y1), (x2, y2), color) in &segments {
                // Canvas y grows upwards; cells grow downwards.
                let (y1, y2) = (h - y1, h - y2);
                match stroke {
                    Stroke::Solid => ctx.draw(&Segment::new(x1, y1, x2, y2, color)),
                    Stroke::Dotted | Stroke::Sparse => {
                        let gap = if stroke == Stroke::Dotted { 0.8 } else { 2.0 };
                        let length = ((x2 - x1).powi(2) + ((y2 - y1) * 2.0).powi(2)).sqrt();
                        let count = (length / gap).max(1.0) as usize;
                        let coords: Vec<(f64, f64)> = (0..=count)
                            .map(|i| {
                                let t = i as f64 / count as f64;
                                (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t)
                            })
                            .collect();
                        ctx.draw(&Points::new(&coords, color));
                    }
                }
            }
        });
    frame.render_widget(canvas, area);
    for edge in &ego.edges {
        arrowheads(frame, edge, placement, theme);
    }
    for (index, (member, placed)) in ego.members.iter().zip(&placement.nodes).enumerate() {
        let style = match member.node {
            EgoNode::More(..) => theme.dim(),
            EgoNode::Actor(node) => {
                let kind = theme.kind(&graph.actor(node).kind);
                if member.ring == 0 {
                    kind.patch(theme.strong())
                } else {
                    kind
                }
            }
        };
        let style = if index == view.selected {
            if app.pane() == Pane::Graph {
                theme.selected()
            } else {
                theme.selected_inactive()
            }
        } else {
            style
        };
        frame.render_widget(
            Paragraph::new(Span::styled(placed.text.clone(), style)),
            placed.label,
        );
        if let EgoNode::Actor(node) = member.node
            && app.actor_flagged(node)
        {
            lint_mark(frame, placed.label, placement, theme);
        }
    }
    let info = Rect {
        y: area.bottom(),
        height: 1,
        ..body
    };
    let legend = Rect {
        y: area.bottom() + 1,
        height: 1,
        ..body
    };
    if info.bottom() <= body.bottom() {
        frame.render_widget(
            Paragraph::new(selection_line(app, theme, usize::from(info.width))),
            info,
        );
    }
    if legend.bottom() <= body.bottom() {
        let text = "── reported  ⠒⠒ claimed, alleged, planned  ⠁ ⠁ disputed, denied";
        frame.render_widget(
            Paragraph::new(Span::styled(
                clip(text, usize::from(legend.width)),
                theme.dim(),
            )),
            legend,
        );
    }
    Some(placed)
}

/// A `!` beside a label whose actor a lint finding is about: in the cell
/// before it, or after it when that cell is taken by another label or is
/// off the drawing. The label itself keeps its place, so clicks still land
/// on it.
fn lint_mark(frame: &mut Frame<'_>, label: Rect, placement: &Placement, theme: Theme) {
    let area = placement.area;
    let free =
        |x: u16| (area.x..area.right()).contains(&x) && placement.member_at(x, label.y).is_none();
    let before = label.x.checked_sub(1).filter(|&x| free(x));
    let Some(x) = before.or(Some(label.right()).filter(|&x| free(x))) else {
        return;
    };
    frame.render_widget(
        Paragraph::new(Span::styled("!", theme.message())),
        Rect {
            x,
            width: 1,
            height: 1,
            ..label
        },
    );
}

/// What the selected node is and how it is related: the line under the
/// drawing.
fn selection_line(app: &App, theme: Theme, room: usize) -> Line<'static> {
    let view = app.graph_view();
    let graph = app.graph();
    let Some(member) = view.ego.members.get(view.selected) else {
        return Line::default();
    };
    let EgoNode::Actor(node) = member.node else {
        return Line::from(Span::styled(
            clip(
                "not drawn for lack of room: filters (f) or the lists (1) show them",
                room,
            ),
            theme.dim(),
        ));
    };
    let name = graph.actor(node).name.clone();
    if member.ring == 0 {
        let name = clip(&name, room / 2);
        let hint = " · ↑↓ pick a neighbour · Enter here opens the lists";
        return Line::from(vec![
            Span::styled(name.clone(), theme.strong()),
            Span::styled(
                clip(hint, room.saturating_sub(super::text::width(&name))),
                theme.dim(),
            ),
        ]);
    }
    let line = view.ego.edges.iter().find(|e| {
        e.b == view.selected && Some(e.a) == member.parent
            || e.a == view.selected && Some(e.b) == member.parent
    });
    let found = line
        .or_else(|| {
            view.ego
                .edges
                .iter()
                .find(|e| e.a == view.selected || e.b == view.selected)
        })
        .and_then(|line| Some((line, *line.relations.first()?)));
    let Some((line, first)) = found else {
        return Line::from(Span::styled(clip(&name, room), theme.strong()));
    };
    let relation = graph.relation(first);
    let (from, to) = graph.ends(first);
    let mut text = format!(
        "{} {} {} {} {}",
        graph.actor(from).name,
        relation.arrow(),
        relation.phrase(),
        relation.arrow(),
        graph.actor(to).name
    );
    text.push_str(&format!(" · {}", relation.status().name()));
    if let Some(date) = relation.date() {
        text.push_str(&format!(" · {date}"));
    }
    // The mark leads the line, where no cut of a long name reaches it.
    let mark = if app.uncertain(first) {
        Span::styled(format!("{} ", crate::model::Begun::MARK), theme.message())
    } else {
        Span::raw("")
    };
    if line.relations.len() > 1 {
        text.push_str(&format!(" · +{} more", line.relations.len() - 1));
    }
    let used = 2 + super::text::width(&mark.content);
    Line::from(vec![
        Span::styled("▶ ", theme.strong()),
        mark,
        Span::raw(clip(&text, room.saturating_sub(used))),
    ])
}

/// The colour of a line by the sum of its stances.
fn stance_color(edge: &EgoEdge) -> Color {
    match edge.stance {
        i64::MIN..=-2 => Color::Red,
        -1 => Color::LightRed,
        0 => Color::Gray,
        1 => Color::LightGreen,
        _ => Color::Green,
    }
}

/// The part of the line between two labels' centres that lies outside
/// both labels (with a little room), in cells; `None` when none does.
fn clipped(a: &Placed, b: &Placed) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let leave = |placed: &Placed| -> f64 {
        let half_w = f64::from(placed.label.width) / 2.0 + 0.6;
        let half_h = 0.5 + 0.3;
        let tx = if dx.abs() > f64::EPSILON {
            half_w / dx.abs()
        } else {
            f64::INFINITY
        };
        let ty = if dy.abs() > f64::EPSILON {
            half_h / dy.abs()
        } else {
            f64::INFINITY
        };
        tx.min(ty)
    };
    let (start, end) = (leave(a), 1.0 - leave(b));
    if start >= end {
        return None;
    }
    let at = |t: f64| (a.x + dx * t, a.y + dy * t);
    Some((at(start), at(end)))
}

/// Arrowheads just outside the label each relation points at.
fn arrowheads(
    frame: &mut Frame<'_>,
    edge: &EgoEdge,
    placement: &super::radial::Placement,
    theme: Theme,
) {
    let (a, b) = (&placement.nodes[edge.a], &placement.nodes[edge.b]);
    let Some((start, end)) = clipped(a, b) else {
        return;
    };
    let mut heads = Vec::new();
    if edge.a_to_b && !edge.mutual {
        heads.push((end, (end.0 - start.0, end.1 - start.1)));
    }
    if edge.b_to_a && !edge.mutual {
        heads.push((start, (start.0 - end.0, start.1 - end.1)));
    }
    for ((x, y), (dx, dy)) in heads {
        let column = placement.area.x + x.floor().max(0.0) as u16;
        let row = placement.area.y + y.floor().max(0.0) as u16;
        let cell = Rect::new(column, row, 1, 1);
        if !placement.area.contains(cell.as_position())
            || placement.nodes.iter().any(|n| n.label.intersects(cell))
        {
            continue;
        }
        frame.render_widget(
            Paragraph::new(Span::styled(
                arrow(dx, dy).to_string(),
                Style::new().patch(theme.strong()),
            )),
            cell,
        );
    }
}

/// The arrow character closest to the direction (dx, dy), y down; cells
/// are about twice as tall as wide.
fn arrow(dx: f64, dy: f64) -> char {
    let angle = (dy * 2.0).atan2(dx).to_degrees();
    match angle {
        a if (-22.5..22.5).contains(&a) => '▸',
        a if (22.5..67.5).contains(&a) => '↘',
        a if (67.5..112.5).contains(&a) => '▾',
        a if (112.5..157.5).contains(&a) => '↙',
        a if (-67.5..-22.5).contains(&a) => '↗',
        a if (-112.5..-67.5).contains(&a) => '▴',
        a if (-157.5..-112.5).contains(&a) => '↖',
        _ => '◂',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_point_the_way_the_line_goes() {
        assert_eq!(arrow(1.0, 0.0), '▸');
        assert_eq!(arrow(-1.0, 0.0), '◂');
        assert_eq!(arrow(0.0, 1.0), '▾');
        assert_eq!(arrow(0.0, -1.0), '▴');
        assert_eq!(arrow(1.0, 1.0), '↘');
    }

    #[test]
    fn statuses_map_to_strokes_readable_without_colour() {
        assert_eq!(stroke(Status::Reported), Stroke::Solid);
        assert_eq!(stroke(Status::Claimed), Stroke::Dotted);
        assert_eq!(stroke(Status::Denied), Stroke::Sparse);
    }
}
