//! Where the neighbourhood drawing puts each actor: a radial layout around
//! the focus, in terminal cells. Pure geometry, computed when the focus,
//! filters or size change and shared by drawing and mouse clicks, so the
//! same graph always draws the same and a click lands on what is drawn.

use ratatui::layout::Rect;

use super::text::{clip, width};
use crate::graph::{Ego, EgoNode, KnowledgeGraph};

/// Widest label of a neighbour, in cells.
const MAX_LABEL: usize = 28;
/// Fewest cells a label is cut to before the layout gives up on a ring.
const MIN_LABEL: usize = 6;
/// Most members a ring may hold, however large the screen.
const MAX_RING: usize = 40;

/// One member of the drawing, placed.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// Centre, in cells from the drawing's top-left corner (x right, y down).
    pub x: f64,
    /// See `x`.
    pub y: f64,
    /// The cells its label covers, in screen coordinates.
    pub label: Rect,
    /// The label's text.
    pub text: String,
}

/// Positions for every member of an [`Ego`], in the same order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Placement {
    /// The area drawn into.
    pub area: Rect,
    /// One per member of the ego network.
    pub nodes: Vec<Placed>,
}

impl Placement {
    /// The member whose label covers a screen cell.
    pub fn member_at(&self, column: u16, row: u16) -> Option<usize> {
        self.nodes.iter().position(|node| {
            node.label
                .contains(ratatui::layout::Position::new(column, row))
        })
    }
}

/// The ellipse a ring sits on: centre and radii in cells.
#[derive(Clone, Copy, Debug)]
struct Ring {
    cx: f64,
    cy: f64,
    rx: f64,
    ry: f64,
}

impl Ring {
    /// The `i`th of `count` evenly spaced points, from the top, clockwise.
    fn point(self, i: usize, count: usize) -> (f64, f64) {
        self.at(angle(i, count, 0.0))
    }

    /// The point at `angle` (radians clockwise from the right).
    fn at(self, angle: f64) -> (f64, f64) {
        (
            self.cx + self.rx * angle.cos(),
            self.cy + self.ry * angle.sin(),
        )
    }
}

/// The angle of the `i`th of `count` evenly spaced points from the top,
/// clockwise, the whole ring turned by `turn`.
fn angle(i: usize, count: usize, turn: f64) -> f64 {
    -std::f64::consts::FRAC_PI_2 + turn + std::f64::consts::TAU * i as f64 / count.max(1) as f64
}

/// How far to turn the outer ring so its members sit nearest the inner
/// members they hang from: with the ring unturned, the US reached through
/// Syria (at the bottom) sat at the top, its line drawn through every
/// label between. `slots` is how many places each ring has.
fn outer_turn(ego: &Ego, slots: [usize; 2]) -> f64 {
    let inner_angle = |member: usize| -> Option<f64> {
        let index = ego.members[..member].iter().filter(|m| m.ring == 1).count();
        Some(angle(index, slots[0], 0.0))
    };
    let parents: Vec<Option<f64>> = ego
        .members
        .iter()
        .filter(|m| m.ring == 2)
        .map(|m| {
            m.parent
                .filter(|&p| ego.members[p].ring == 1)
                .and_then(inner_angle)
        })
        .collect();
    let step = std::f64::consts::TAU / slots[1].max(1) as f64;
    const TRIES: usize = 32;
    let cost = |turn: f64| -> f64 {
        parents
            .iter()
            .enumerate()
            .filter_map(|(i, parent)| parent.map(|p| (i, p)))
            .map(|(i, parent)| {
                let apart = (angle(i, slots[1], turn) - parent).rem_euclid(std::f64::consts::TAU);
                apart.min(std::f64::consts::TAU - apart)
            })
            .sum()
    };
    (0..TRIES)
        .map(|t| step * t as f64 / TRIES as f64)
        .min_by(|a, b| cost(*a).total_cmp(&cost(*b)))
        .unwrap_or(0.0)
}

/// The width labels get in an area: a fifth of it, within limits.
fn label_width(area: Rect) -> usize {
    (usize::from(area.width) / 5).clamp(MIN_LABEL, MAX_LABEL)
}

/// The rings for `depth` in `area`: ring 1 alone fills the area; with a
/// second ring, ring 1 sits at a little over half the radius.
fn rings(area: Rect, depth: usize) -> [Ring; 2] {
    let half = label_width(area) as f64 / 2.0;
    let cx = f64::from(area.width) / 2.0;
    let cy = f64::from(area.height) / 2.0;
    let outer = Ring {
        cx,
        cy,
        rx: (cx - half - 1.0).max(1.0),
        ry: (cy - 1.0).max(0.5),
    };
    if depth >= 2 {
        let inner = Ring {
            rx: outer.rx * 0.55,
            ry: outer.ry * 0.55,
            ..outer
        };
        [inner, outer]
    } else {
        [outer, outer]
    }
}

/// Label width on each ring: ring 1 of a two-ring drawing has less room.
fn ring_label_width(area: Rect, depth: usize, ring: usize) -> usize {
    let cells = label_width(area);
    if depth >= 2 && ring == 1 {
        (cells * 3 / 4).max(MIN_LABEL)
    } else {
        cells
    }
}

/// The cells a label of `cells` width centred on (x, y) covers.
fn label_rect(area: Rect, x: f64, y: f64, cells: usize) -> Rect {
    let cells = cells.min(usize::from(area.width)) as u16;
    let left = (x - f64::from(cells) / 2.0).round().max(0.0) as u16;
    let left = left.min(area.width.saturating_sub(cells));
    let top = (y.floor().max(0.0) as u16).min(area.height.saturating_sub(1));
    Rect::new(area.x + left, area.y + top, cells, 1)
}

/// True when two labels share a cell or touch side by side.
fn crowded(a: Rect, b: Rect) -> bool {
    a.y == b.y && a.x < b.right() + 1 && b.x < a.right() + 1
}

/// Rows a label may move up or down to get out of another's way.
const NUDGES: [f64; 5] = [0.0, -1.0, 1.0, -2.0, 2.0];

/// Where a label of `cells` centred near (x, y) can go without touching
/// any of `taken`: there, or a row or two up or down.
fn free_spot(area: Rect, x: f64, y: f64, cells: usize, taken: &[Rect]) -> Option<Rect> {
    NUDGES
        .iter()
        .map(|dy| label_rect(area, x, y + dy, cells))
        .find(|&rect| !taken.iter().any(|&other| crowded(rect, other)))
}

/// Labels of `cells` for `count` evenly spaced members of `ring`, placed
/// after `taken`; `None` when they do not all fit.
fn fit_ring(
    area: Rect,
    ring: Ring,
    count: usize,
    cells: usize,
    taken: &[Rect],
) -> Option<Vec<Rect>> {
    let mut placed: Vec<Rect> = taken.to_vec();
    for i in 0..count {
        let (x, y) = ring.point(i, count);
        placed.push(free_spot(area, x, y, cells, &placed)?);
    }
    Some(placed.split_off(taken.len()))
}

/// The focus's label, in the middle.
fn centre_label(area: Rect, text_width: usize) -> Rect {
    label_rect(
        area,
        f64::from(area.width) / 2.0,
        f64::from(area.height) / 2.0,
        text_width,
    )
}

/// How many members each ring can hold in `area` with no two labels
/// touching: the most full-width labels that fit evenly spaced, each
/// allowed to move a row or two. Ring 2 is sized with ring 1 full.
pub fn capacity(area: Rect, depth: usize) -> [usize; 2] {
    let rings = rings(area, depth);
    let centre = centre_label(area, (label_width(area) + 6).min(usize::from(area.width)));
    let most = |ring: Ring, cells: usize, taken: &[Rect]| -> (usize, Vec<Rect>) {
        let mut best = (0, Vec::new());
        for count in 1..=MAX_RING {
            match fit_ring(area, ring, count, cells, taken) {
                Some(rects) => best = (count, rects),
                None => break,
            }
        }
        best
    };
    let (inner, inner_rects) = most(rings[0], ring_label_width(area, depth, 1), &[centre]);
    if depth < 2 {
        return [inner, 0];
    }
    let mut taken = vec![centre];
    taken.extend(inner_rects);
    let (outer, _) = most(rings[1], ring_label_width(area, depth, 2), &taken);
    [inner, outer]
}

/// Places every member of `ego` in `area`: the focus in the middle, each
/// ring's members evenly around it in the order the ego network gives.
/// A label that would touch one already placed moves a row or two up or
/// down, or failing that is shortened; labels never overlap.
pub fn place(graph: &KnowledgeGraph, ego: &Ego, area: Rect, depth: usize) -> Placement {
    let rings = rings(area, depth);
    let mut placement = Placement {
        area,
        nodes: Vec::with_capacity(ego.members.len()),
    };
    let counts = [
        ego.members.iter().filter(|m| m.ring == 1).count(),
        ego.members.iter().filter(|m| m.ring == 2).count(),
    ];
    // Where lines join neighbours to each other, an even ring would set
    // pairs opposite, their line drawn through the focus: one more slot
    // than members leaves none opposite.
    let chords = ego
        .edges
        .iter()
        .any(|edge| ego.members[edge.a].ring == 1 && ego.members[edge.b].ring == 1);
    let slots = [
        match counts[0] {
            even if chords && even % 2 == 0 => even + 1,
            odd => odd,
        },
        counts[1],
    ];
    let turns = [0.0, outer_turn(ego, slots)];
    let mut seen = [0usize; 2];
    let mut taken: Vec<Rect> = Vec::with_capacity(ego.members.len());
    for member in &ego.members {
        let full = match &member.node {
            EgoNode::Actor(node) => graph.actor(*node).name.clone(),
            EgoNode::More(count, Some(kind)) => format!("+{count} {}", kind.name()),
            EgoNode::More(count, None) => format!("+{count} more"),
        };
        let (x, y, room) = match member.ring {
            0 => (
                f64::from(area.width) / 2.0,
                f64::from(area.height) / 2.0,
                (label_width(area) + 6).min(usize::from(area.width)),
            ),
            ring => {
                let index = (ring - 1).min(1);
                let (x, y) = rings[index].at(angle(seen[index], slots[index], turns[index]));
                seen[index] += 1;
                (x, y, ring_label_width(area, depth, ring))
            }
        };
        let mut text = clip(&full, room);
        let label = match free_spot(area, x, y, width(&text), &taken) {
            Some(rect) => rect,
            None => {
                // Shorter and shorter until it fits; a label of one
                // character still says something is there.
                let mut cells = width(&text);
                loop {
                    cells = cells.saturating_sub(2).max(1);
                    text = clip(&full, cells);
                    if let Some(rect) = free_spot(area, x, y, width(&text), &taken) {
                        break rect;
                    }
                    if cells == 1 {
                        text = String::new();
                        break Rect::new(area.x, area.y, 0, 0);
                    }
                }
            }
        };
        taken.push(label);
        placement.nodes.push(Placed {
            x: f64::from(label.x.saturating_sub(area.x)) + f64::from(label.width) / 2.0,
            y: f64::from(label.y.saturating_sub(area.y)) + 0.5,
            label,
            text,
        });
    }
    placement
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Scope;
    use crate::load::{self, Input};

    fn seed() -> KnowledgeGraph {
        let dataset = load::load(&Input::Embedded).expect("seed loads");
        KnowledgeGraph::new(dataset).expect("valid")
    }

    fn layout(graph: &KnowledgeGraph, id: &str, area: Rect, depth: usize) -> (Ego, Placement) {
        let focus = graph.find_id(id).expect("actor");
        let ego = graph.ego(focus, depth, &Scope::default(), capacity(area, depth));
        let placement = place(graph, &ego, area, depth);
        (ego, placement)
    }

    #[test]
    fn labels_never_share_a_cell_and_stay_inside() {
        let graph = seed();
        for (w, h) in [(120, 30), (80, 20), (60, 12), (200, 55)] {
            let area = Rect::new(3, 2, w, h);
            for (id, _) in graph.actors().map(|(_, a)| (a.id.clone(), ())) {
                for depth in [1, 2] {
                    let (ego, placement) = layout(&graph, &id, area, depth);
                    assert_eq!(placement.nodes.len(), ego.members.len());
                    for (i, a) in placement.nodes.iter().enumerate() {
                        assert!(area.contains(a.label.as_position()), "{id} {w}x{h}");
                        assert!(a.label.right() <= area.right());
                        for b in &placement.nodes[i + 1..] {
                            assert!(
                                !a.label.intersects(b.label),
                                "{id} at {w}x{h} depth {depth}: {:?} and {:?} overlap",
                                a.text,
                                b.text
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_same_graph_always_draws_the_same() {
        let area = Rect::new(0, 0, 100, 30);
        let first = layout(&seed(), "russia", area, 2).1;
        let second = layout(&seed(), "russia", area, 2).1;
        assert_eq!(first, second);
    }

    #[test]
    fn the_focus_sits_in_the_middle_and_neighbours_around_it() {
        let graph = seed();
        let area = Rect::new(0, 0, 100, 30);
        let (ego, placement) = layout(&graph, "russia", area, 1);
        let centre = &placement.nodes[0];
        assert!((centre.x - 50.0).abs() <= 2.0 && (centre.y - 15.0).abs() <= 1.0);
        let ring: Vec<&Placed> = placement.nodes[1..].iter().collect();
        assert!(ring.iter().any(|n| n.x > 60.0) && ring.iter().any(|n| n.x < 40.0));
        assert!(ego.members.len() > 5, "Russia has many neighbours");
    }

    #[test]
    fn larger_areas_hold_more_and_a_hub_is_capped() {
        let small = capacity(Rect::new(0, 0, 40, 8), 1)[0];
        let large = capacity(Rect::new(0, 0, 200, 55), 1)[0];
        assert!(small >= 4 && large > small, "{small} {large}");
        use crate::graph::fixture;
        use crate::model::ActorKind;
        let graph = KnowledgeGraph::new(fixture::hub(60, &[ActorKind::Person])).expect("valid");
        for area in [Rect::new(0, 0, 40, 8), Rect::new(0, 0, 200, 55)] {
            let room = capacity(area, 1)[0];
            let (ego, placement) = layout(&graph, "hub", area, 1);
            let ring = ego.members.iter().filter(|m| m.ring == 1).count();
            assert_eq!(ring, room, "the ring is filled, no more");
            assert!(matches!(
                ego.members.last().map(|m| &m.node),
                Some(EgoNode::More(_, _))
            ));
            assert!(
                placement.nodes.iter().all(|n| !n.text.is_empty()),
                "every label shown"
            );
        }
    }
}
