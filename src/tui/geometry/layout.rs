//! Where each part of the screen goes for a terminal size. Pure geometry,
//! shared by drawing and by mouse handling so a click lands on what is drawn.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

use crate::tui::action::View;

/// Below this the explorer asks for a larger terminal instead of drawing.
pub const MIN_WIDTH: u16 = 50;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 12;

/// Lines of the actor card at the top of the relations pane.
const CARD_LINES: u16 = 3;

/// The areas of the main screen. Parts a view does not show are empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    /// The view tabs, across the top.
    pub tabs: Rect,
    /// The path of jumps, below the tabs.
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
    /// The pane of the graph, path, timeline or statistics view, border
    /// included.
    pub view: Rect,
    /// Inside the view pane: its head line (a filter line or a heading).
    pub view_head: Rect,
    /// Inside the view pane, below the head line.
    pub view_body: Rect,
    /// Key hints, filter chips and messages, across the bottom.
    pub status: Rect,
}

/// The areas of `view` for a screen of `width` × `height`, or `None` when
/// it is too small to be useful.
pub fn areas(width: u16, height: u16, view: View) -> Option<Areas> {
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return None;
    }
    let screen = Rect::new(0, 0, width, height);
    let [tabs, breadcrumb, main, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(screen);
    let actors_width = (width / 3).clamp(24, 44);
    let [actors, rest] = match view {
        View::Timeline | View::Stats => [Rect::default(), main],
        _ => Layout::horizontal([Constraint::Length(actors_width), Constraint::Min(0)]).areas(main),
    };
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
    // On short screens the card keeps only its first line, for the list.
    let card = if height < 20 { 1 } else { CARD_LINES };
    let (relation_card, relation_list) = split(relations, card);
    let (view_head, view_body) = split(rest, 1);
    let (relations, relation_card, relation_list, evidence) = if view == View::Explore {
        (relations, relation_card, relation_list, evidence)
    } else {
        Default::default()
    };
    Some(Areas {
        tabs,
        breadcrumb,
        actors,
        actor_filter,
        actor_list,
        relations,
        relation_card,
        relation_list,
        evidence,
        view: if view == View::Explore {
            Rect::default()
        } else {
            rest
        },
        view_head,
        view_body,
        status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_fill_the_screen_without_overlapping() {
        for (width, height) in [(80, 24), (120, 40), (200, 60), (MIN_WIDTH, MIN_HEIGHT)] {
            let areas = areas(width, height, View::Explore).expect("big enough");
            assert_eq!(areas.tabs.y, 0);
            assert_eq!(areas.breadcrumb.y, 1);
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
        let wide = areas(200, 60, View::Explore).expect("big");
        assert_eq!(wide.relations.y, wide.evidence.y);
        let narrow = areas(80, 24, View::Explore).expect("big");
        assert!(narrow.evidence.y > narrow.relations.y);
    }

    #[test]
    fn views_other_than_explore_get_one_large_pane() {
        for view in [View::Graph, View::Path] {
            let areas = areas(80, 24, view).expect("big");
            assert!(areas.actors.width > 0, "actors stay to pick from");
            assert!(!areas.actors.intersects(areas.view));
            assert_eq!(areas.view.right(), 80);
            assert_eq!(areas.evidence, Rect::default());
        }
        for view in [View::Timeline, View::Stats] {
            let areas = areas(80, 24, view).expect("big");
            assert_eq!(areas.view.width, 80, "the whole width");
            assert_eq!(areas.actors, Rect::default());
            assert_eq!(areas.view_head.y + 1, areas.view_body.y);
        }
    }

    #[test]
    fn tiny_screens_have_no_layout() {
        assert_eq!(areas(30, 8, View::Explore), None);
        assert_eq!(areas(1, 1, View::Graph), None);
        assert_eq!(areas(0, 0, View::Stats), None);
    }
}
