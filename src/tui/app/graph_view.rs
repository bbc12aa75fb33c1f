//! The graph view's state: the neighbourhood drawn around the focus,
//! chosen here or on a worker, and moving through its members. Where each
//! member goes is the drawing's business: it hands the placement back
//! ([`Drawn::graph`]) for clicks to land on.

use super::*;
use crate::graph::{Ego, EgoNode};
use crate::tui::geometry::radial;

/// The neighbourhood drawing's state.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphView {
    /// 1: the focus's neighbours; 2: theirs too.
    pub depth: usize,
    /// The member (index into the ego network) the cursor is on.
    pub selected: usize,
    /// Who is drawn: as many on each ring as the screen has room for.
    pub ego: Ego,
    /// The actor to put the cursor on when the neighbourhood chosen in
    /// the background arrives.
    select_on_arrival: Option<NodeIndex>,
}

impl Default for GraphView {
    fn default() -> Self {
        GraphView {
            depth: 1,
            selected: 0,
            ego: Ego::default(),
            select_on_arrival: None,
        }
    }
}

impl App {
    pub(super) fn graph_area(&self) -> Option<ratatui::layout::Rect> {
        let areas = layout::areas(self.width, self.height, View::Graph)?;
        let body = areas.view_body;
        // The last two lines say what the selection is and what lines mean.
        Some(ratatui::layout::Rect {
            height: body.height.saturating_sub(2),
            ..body
        })
    }

    pub(super) fn refresh_graph(&mut self) {
        let Some(focus) = self.focus else {
            self.jobs.cancel(JobKind::Neighbourhood);
            self.show_neighbourhood(Ego::default(), None);
            return;
        };
        let previous = self.selected_member();
        let Some(area) = self.graph_area() else {
            return;
        };
        let depth = self.graph_view.depth;
        // Only as many members as the screen has room for are chosen: the
        // rest are counted, never laid out.
        let capacity = radial::capacity(area, depth);
        if self.graph.relation_count() > self.background_above {
            // The old drawing is of another focus or size: not shown
            // while the new one is chosen.
            let (ticket, progress) = self.jobs.start(JobKind::Neighbourhood);
            self.show_neighbourhood(Ego::default(), None);
            self.graph_view.select_on_arrival = previous;
            self.effects.push(Effect::Compute(Task {
                job: Job::Neighbourhood {
                    ticket,
                    focus,
                    depth,
                    capacity,
                },
                graph: Arc::clone(&self.graph),
                scope: self.scope.clone(),
                progress,
            }));
            return;
        }
        self.jobs.cancel(JobKind::Neighbourhood);
        let ego = self.graph.ego(focus, depth, &self.scope, capacity);
        self.show_neighbourhood(ego, previous);
    }

    /// Shows a neighbourhood with `select` under the cursor if it is
    /// drawn, else the focus.
    pub(super) fn show_neighbourhood(&mut self, ego: Ego, select: Option<NodeIndex>) {
        self.graph_view.selected = select
            .and_then(|node| {
                ego.members
                    .iter()
                    .position(|m| m.node == EgoNode::Actor(node))
            })
            .unwrap_or(0);
        self.graph_view.ego = ego;
        self.graph_view.select_on_arrival = None;
        // Where the old members were drawn says nothing of the new ones:
        // no click lands on them until the next frame places these.
        self.drawn.graph = None;
    }

    /// Takes a neighbourhood chosen in the background, unless a newer one
    /// was asked for since.
    pub(super) fn neighbourhood_ready(&mut self, ticket: Ticket, ego: Arc<Ego>) {
        if !self.jobs.finish(ticket) {
            return;
        }
        let select = self.graph_view.select_on_arrival;
        self.show_neighbourhood(Arc::unwrap_or_clone(ego), select);
    }

    /// True while the neighbourhood is being chosen in the background.
    pub fn drawing(&self) -> bool {
        self.jobs.running(JobKind::Neighbourhood)
    }

    /// Where the last frame drew the graph view's members, in the order
    /// of [`GraphView::ego`]'s members; `None` until a frame of this
    /// neighbourhood is drawn.
    pub fn graph_placement(&self) -> Option<&radial::Placement> {
        self.drawn.graph.as_ref()
    }

    /// The actor under the graph view's cursor.
    pub fn selected_member(&self) -> Option<NodeIndex> {
        match self
            .graph_view
            .ego
            .members
            .get(self.graph_view.selected)?
            .node
        {
            EgoNode::Actor(node) => Some(node),
            EgoNode::More(..) => None,
        }
    }

    pub(super) fn move_in_graph(&mut self, steps: isize) {
        let count = self.graph_view.ego.members.len();
        if count == 0 {
            return;
        }
        let at = self.graph_view.selected as isize;
        self.graph_view.selected = (at + steps).rem_euclid(count as isize) as usize;
    }

    /// `+` and `-` in the timeline: the ruler spans half or twice as much
    /// time, around the selected entry.
    pub(super) fn change_depth(&mut self, step: isize) {
        let depth = (self.graph_view.depth as isize + step).clamp(1, 2) as usize;
        self.message = Some(if depth == self.graph_view.depth {
            format!("depth {depth} is as far as it goes")
        } else {
            format!("depth {depth}")
        });
        self.graph_view.depth = depth;
        if self.view != View::Graph {
            self.show_view(View::Graph);
        }
    }

    /// Enter in the graph view: the selected neighbour becomes the focus;
    /// on the focus itself, its relations open as lists.
    pub(super) fn activate_in_graph(&mut self) {
        let Some(member) = self.graph_view.ego.members.get(self.graph_view.selected) else {
            return;
        };
        match member.node {
            EgoNode::Actor(node) if Some(node) == self.focus => self.show_view(View::Explore),
            EgoNode::Actor(node) => {
                let from = self.focus;
                self.jump_to(node);
                self.refresh_view();
                if let Some(from) = from {
                    // Chosen in the background, the cursor goes there on
                    // arrival.
                    if self.drawing() {
                        self.graph_view.select_on_arrival = Some(from);
                    } else {
                        self.select_member(from);
                    }
                }
            }
            EgoNode::More(count, _) => {
                self.message = Some(format!(
                    "{count} more not drawn: filters (f) or the lists (1) show them"
                ));
            }
        }
    }

    pub(super) fn select_member(&mut self, node: NodeIndex) {
        if let Some(at) = self
            .graph_view
            .ego
            .members
            .iter()
            .position(|m| m.node == EgoNode::Actor(node))
        {
            self.graph_view.selected = at;
        }
    }

    /// A click on a label in the graph view selects it; on the selected
    /// one, jumps.
    pub(super) fn click_in_graph(&mut self, column: u16, row: u16) -> bool {
        let Some(index) = self
            .graph_placement()
            .and_then(|placement| placement.member_at(column, row))
        else {
            return false;
        };
        self.pane = Pane::Graph;
        if index == self.graph_view.selected {
            self.activate_in_graph();
        } else {
            self.graph_view.selected = index;
        }
        true
    }
}
