//! Where each part of the screen goes for a terminal size. Pure geometry,
//! shared by drawing and by mouse handling so a click lands on what is drawn.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

/// Below this the explorer asks for a larger terminal instead of drawing.
pub const MIN_WIDTH: u16 = 50;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 12;

/// Lines of the actor card at the top of the relations pane.
const CARD_LINES: u16 = 3;

/// The areas of the main screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    /// The path of jumps, across the top.
    pub breadcrumb: Rect,
    /// The actors pane, border included.
    pub actors: Rect,
    /// The filter line at the top of the actors pane.
    pub actor_filter: Rect,
    /// The rows of the actor list inside it (below the filter line).
    pub actor_list: Rect,
    /// The relations pane, border included.
    pub relations: Rect,
    /// The focused actor's card at the top of the relations pane.
    pub relation_card: Rect,
    /// The rows of the relation list inside it (below the card).
    pub relation_list: Rect,
    /// The evidence pane, border included.
    pub evidence: Rect,
    /// Key hints, filter chips and messages, across the bottom.
    pub status: Rect,
}

/// The areas for a screen of `width` × `height`, or `None` when it is too
/// small to be useful.
pub fn areas(width: u16, height: u16) -> Option<Areas> {
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return None;
    }
    let screen = Rect::new(0, 0, width, height);
    let [breadcrumb, main, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(screen);
    let actors_width = (width / 3).clamp(24, 44);
    let [actors, rest] =
        Layout::horizontal([Constraint::Length(actors_width), Constraint::Min(0)]).areas(main);
    let wide = width >= 150;
    let [relations, evidence] = Layout::default()
        .direction(if wide {
            Direction::Horizontal
        } else {
            Direction::Vertical
        })
        .constraints(if wide {
            [Constraint::Percentage(55), Constraint::Percentage(45)]
        } else {
            [Constraint::Percentage(58), Constraint::Percentage(42)]
        })
        .areas(rest);
    // The inside of a pane split into a head of `lines` rows and the rest.
    let split = |area: Rect, lines: u16| {
        let inner = area.inner(ratatui::layout::Margin::new(1, 1));
        let head = lines.min(inner.height);
        (
            Rect {
                height: head,
                ..inner
            },
            Rect {
                y: inner.y + head,
                height: inner.height - head,
                ..inner
            },
        )
    };
    let (actor_filter, actor_list) = split(actors, 1);
    let (relation_card, relation_list) = split(relations, CARD_LINES);
    Some(Areas {
        breadcrumb,
        actors,
        actor_filter,
        actor_list,
        relations,
        relation_card,
        relation_list,
        evidence,
        status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_fill_the_screen_without_overlapping() {
        for (width, height) in [(80, 24), (120, 40), (200, 60), (MIN_WIDTH, MIN_HEIGHT)] {
            let areas = areas(width, height).expect("big enough");
            assert_eq!(areas.breadcrumb.y, 0);
            assert_eq!(areas.status.y, height - 1);
            assert!(!areas.actors.intersects(areas.relations));
            assert!(!areas.relations.intersects(areas.evidence));
            assert!(
                areas.actor_list.height > 0 && areas.relation_list.height > 0,
                "{width}x{height}"
            );
        }
    }

    #[test]
    fn wide_screens_put_evidence_beside_relations() {
        let wide = areas(200, 60).expect("big");
        assert_eq!(wide.relations.y, wide.evidence.y);
        let narrow = areas(80, 24).expect("big");
        assert!(narrow.evidence.y > narrow.relations.y);
    }

    #[test]
    fn tiny_screens_have_no_layout() {
        assert_eq!(areas(30, 8), None);
        assert_eq!(areas(1, 1), None);
        assert_eq!(areas(0, 0), None);
    }
}
