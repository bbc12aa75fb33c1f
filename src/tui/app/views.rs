//! The state of the graph, path, timeline and statistics views, and how
//! actions change it. What each view shows is derived from the app's state
//! (focus, filters, size) and recomputed only when those change.

use std::collections::BTreeSet;

use std::sync::Arc;

use super::task::Job;
use super::{App, Cursor, Effect, Task};
use crate::graph::{
    Centrality, Dated, Ego, EgoNode, Hop, Moment, NodeIndex, Path, PathOptions, Progress, Route,
};
use crate::tui::action::{Pane, View};
use crate::tui::geometry::{layout, radial};

/// The neighbourhood drawing's state.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphView {
    /// 1: the focus's neighbours; 2: theirs too.
    pub depth: usize,
    /// The member (index into the ego network) the cursor is on.
    pub selected: usize,
    /// Who is drawn.
    pub ego: Ego,
    /// Where they are drawn.
    pub placement: radial::Placement,
}

impl Default for GraphView {
    fn default() -> Self {
        GraphView {
            depth: 1,
            selected: 0,
            ego: Ego::default(),
            placement: radial::Placement::default(),
        }
    }
}

/// Which paths the path view looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathMode {
    /// Every path of the shortest length (up to [`MOST_PATHS`]).
    Shortest,
    /// The k shortest paths of any length that visit no actor twice.
    KShortest(usize),
}

/// Most shortest paths listed: beyond this the answer is a hairball.
pub const MOST_PATHS: usize = 50;

/// One line of the path view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathRow {
    /// "Path 2 of 3 · 2 hops", for this index into the routes.
    Heading(usize),
    /// An actor on the path.
    Actor(NodeIndex),
    /// A relation walked between two actors.
    Hop(Hop),
    /// Another relation between the same two actors, which another path
    /// walks instead of the hop above.
    Alternative(Hop),
    /// The first quote behind the hop (or alternative) above.
    Quote(Hop),
    /// Space between paths.
    Gap,
}

/// The path finder's question and answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathView {
    /// Where paths start (`m` sets it).
    pub from: Option<NodeIndex>,
    /// Where they end (`p` sets it to the selected actor).
    pub to: Option<NodeIndex>,
    /// Follow relations only the way they point.
    pub directed: bool,
    /// Actors paths must go around.
    pub avoid: BTreeSet<NodeIndex>,
    /// Relation kinds paths may use, on top of the filters (empty: any).
    pub via_kinds: BTreeSet<String>,
    /// All shortest, or k shortest.
    pub mode: PathMode,
    /// The paths found.
    pub paths: Vec<Path>,
    /// The paths as shown: those through the same actors as one.
    pub routes: Vec<Route>,
    /// Where the search for them is.
    pub search: PathSearch,
    /// The lines shown.
    pub rows: Vec<PathRow>,
    /// Selection and scroll.
    pub cursor: Cursor,
}

/// Where the search for the path view's paths is, so an empty view can
/// say why it is empty.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PathSearch {
    /// The paths shown are all there are (or none exist).
    #[default]
    Done,
    /// A search is running in the background.
    Running,
    /// The person stopped the search (Esc).
    Stopped,
}

impl Default for PathView {
    fn default() -> Self {
        PathView {
            from: None,
            to: None,
            directed: false,
            avoid: BTreeSet::new(),
            via_kinds: BTreeSet::new(),
            mode: PathMode::Shortest,
            paths: Vec::new(),
            routes: Vec::new(),
            search: PathSearch::Done,
            rows: Vec::new(),
            cursor: Cursor::default(),
        }
    }
}

/// The timeline's entries and cursor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimelineView {
    /// Dated entries inside the filters, in time order.
    pub moments: Vec<Moment>,
    /// Indices into `moments` of the entries shown (the name filter keeps
    /// those involving a listed actor).
    pub rows: Vec<usize>,
    /// Selection and scroll.
    pub cursor: Cursor,
    /// How far the ruler is zoomed in: it spans the whole story over
    /// 2^zoom, around the selected entry.
    pub zoom: u8,
}

impl TimelineView {
    /// The deepest zoom: the seed's fourteen years over 256 are three
    /// weeks, a few days to a cell.
    pub const MOST_ZOOM: u8 = 8;
}

/// A column the statistics table can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatsColumn {
    /// All relations.
    Degree,
    /// Relations pointing at the actor.
    In,
    /// Relations the actor points at.
    Out,
    /// PageRank.
    PageRank,
    /// Betweenness.
    Betweenness,
    /// Cooperation minus conflict.
    Balance,
    /// Connected component.
    Component,
    /// Alphabetical.
    Name,
}

impl StatsColumn {
    /// The order `s` steps through.
    pub const ALL: [StatsColumn; 8] = [
        StatsColumn::Degree,
        StatsColumn::In,
        StatsColumn::Out,
        StatsColumn::PageRank,
        StatsColumn::Betweenness,
        StatsColumn::Balance,
        StatsColumn::Component,
        StatsColumn::Name,
    ];

    /// The column's heading.
    pub fn heading(self) -> &'static str {
        match self {
            StatsColumn::Degree => "rel",
            StatsColumn::In => "in",
            StatsColumn::Out => "out",
            StatsColumn::PageRank => "pagerank",
            StatsColumn::Betweenness => "between",
            StatsColumn::Balance => "balance",
            StatsColumn::Component => "comp",
            StatsColumn::Name => "name",
        }
    }
}

/// The statistics table's state.
#[derive(Clone, Debug, PartialEq)]
pub struct StatsView {
    /// The measures, for the filters in force when they were computed.
    pub centrality: Option<Centrality>,
    /// The column rows are sorted by.
    pub column: StatsColumn,
    /// The actors shown, sorted.
    pub rows: Vec<NodeIndex>,
    /// Selection and scroll.
    pub cursor: Cursor,
}

impl Default for StatsView {
    fn default() -> Self {
        StatsView {
            centrality: None,
            column: StatsColumn::Degree,
            rows: Vec::new(),
            cursor: Cursor::default(),
        }
    }
}

/// What a view's content was computed from; when it changes, the content
/// is computed again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct ViewInputs {
    scope: u64,
    focus: Option<NodeIndex>,
    size: (u16, u16),
    query: String,
    depth: usize,
}

impl App {
    /// Brings the current view's content up to date with the state. Cheap
    /// when nothing it depends on changed.
    pub(super) fn refresh_view(&mut self) {
        let slot = match self.view {
            View::Explore | View::Path => return,
            View::Graph => 0,
            View::Timeline => 1,
            View::Stats => 2,
        };
        // Each view depends on some of the state only: the drawing on the
        // focus, size and depth; the timeline and table on the name filter.
        let inputs = if self.view == View::Graph {
            ViewInputs {
                scope: self.scope_generation,
                focus: self.focus,
                size: (self.width, self.height),
                depth: self.graph_view.depth,
                ..ViewInputs::default()
            }
        } else {
            ViewInputs {
                scope: self.scope_generation,
                query: self.query.clone(),
                ..ViewInputs::default()
            }
        };
        if self.view_inputs[slot].as_ref() == Some(&inputs) {
            return;
        }
        match self.view {
            View::Graph => self.refresh_graph(),
            View::Timeline => self.refresh_timeline(),
            View::Stats => self.refresh_stats(inputs.scope),
            View::Explore | View::Path => {}
        }
        self.view_inputs[slot] = Some(inputs);
    }

    /// Switches view; the panes keys act on follow.
    pub(super) fn show_view(&mut self, view: View) {
        self.view = view;
        self.pane = match view {
            View::Explore if view.panes().contains(&self.pane) => self.pane,
            View::Explore => Pane::Relations,
            _ => *view.panes().last().unwrap_or(&Pane::Actors),
        };
        if matches!(view, View::Timeline | View::Stats) {
            self.editing_filter = false;
        }
        self.refresh_view();
        self.keep_visible();
    }

    fn graph_area(&self) -> Option<ratatui::layout::Rect> {
        let areas = layout::areas(self.width, self.height, View::Graph)?;
        let body = areas.view_body;
        // The last two lines say what the selection is and what lines mean.
        Some(ratatui::layout::Rect {
            height: body.height.saturating_sub(2),
            ..body
        })
    }

    fn refresh_graph(&mut self) {
        let Some(focus) = self.focus else {
            self.graph_view.ego = Ego::default();
            self.graph_view.placement = radial::Placement::default();
            return;
        };
        let previous = self.selected_member();
        let Some(area) = self.graph_area() else {
            return;
        };
        let depth = self.graph_view.depth;
        if self.graph.relation_count() > self.background_above {
            // The old drawing is of another focus or size: not shown
            // while the new one is drawn.
            self.requests += 1;
            self.graph_request = Some((self.requests, previous));
            self.graph_view.ego = Ego::default();
            self.graph_view.placement = radial::Placement::default();
            self.effects.push(Effect::Compute(Task {
                job: Job::Neighbourhood {
                    request: self.requests,
                    focus,
                    depth,
                    area,
                },
                graph: Arc::clone(&self.graph),
                scope: self.scope.clone(),
                progress: Arc::new(Progress::default()),
            }));
            return;
        }
        let ego = self
            .graph
            .ego(focus, depth, &self.scope, radial::capacity(area, depth));
        let placement = radial::place(&self.graph, &ego, area, depth);
        self.show_neighbourhood(ego, placement, previous);
    }

    /// Shows a drawn neighbourhood with `select` under the cursor if it is
    /// drawn, else the focus.
    fn show_neighbourhood(
        &mut self,
        ego: Ego,
        placement: radial::Placement,
        select: Option<NodeIndex>,
    ) {
        self.graph_view.selected = select
            .and_then(|node| {
                ego.members
                    .iter()
                    .position(|m| m.node == EgoNode::Actor(node))
            })
            .unwrap_or(0);
        self.graph_view.ego = ego;
        self.graph_view.placement = placement;
    }

    /// Takes a neighbourhood drawn in the background, unless a newer one
    /// was asked for since.
    pub(super) fn neighbourhood_ready(
        &mut self,
        request: u64,
        ego: Arc<Ego>,
        placement: Arc<radial::Placement>,
    ) {
        let Some((asked, select)) = self.graph_request else {
            return;
        };
        if asked != request {
            return;
        }
        self.graph_request = None;
        self.show_neighbourhood(
            Arc::unwrap_or_clone(ego),
            Arc::unwrap_or_clone(placement),
            select,
        );
    }

    /// True while the neighbourhood is being drawn in the background.
    pub fn drawing(&self) -> bool {
        self.graph_request.is_some()
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
    pub(super) fn zoom_timeline(&mut self, step: isize) {
        let most = isize::from(TimelineView::MOST_ZOOM);
        let zoom = (isize::from(self.timeline.zoom) + step).clamp(0, most) as u8;
        self.message = Some(match zoom {
            _ if zoom == self.timeline.zoom && step > 0 => "zoomed in as far as it goes".into(),
            _ if zoom == self.timeline.zoom => "the ruler spans the whole story".into(),
            0 => "the ruler spans the whole story".into(),
            _ => format!(
                "the ruler spans 1/{} of the story (- zooms out)",
                1u32 << zoom
            ),
        });
        self.timeline.zoom = zoom;
    }

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
                    // Drawn in the background, the cursor goes there on
                    // arrival.
                    match &mut self.graph_request {
                        Some((_, select)) => *select = Some(from),
                        None => self.select_member(from),
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

    fn select_member(&mut self, node: NodeIndex) {
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
        let Some(index) = self.graph_view.placement.member_at(column, row) else {
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

    // ----- paths -----

    pub(super) fn set_path_start(&mut self) {
        let Some(node) = self.picked_actor() else {
            return;
        };
        self.path_view.from = Some(node);
        self.message = Some(format!(
            "paths will start at {}; select another actor and press p",
            self.graph.actor(node).name
        ));
    }

    pub(super) fn find_path_to_selected(&mut self) {
        let Some(to) = self.picked_actor() else {
            return;
        };
        let Some(from) = self.path_view.from else {
            self.message = Some("mark where paths start with m first".into());
            return;
        };
        self.path_view.to = Some(to);
        self.path_view.cursor = Cursor::default();
        self.compute_paths();
        self.show_view(View::Path);
        self.pane = Pane::Path;
        if from == to {
            self.message = Some("start and end are the same actor".into());
        }
    }

    /// The actor an actor-centred key (m, p, x) applies to in this pane.
    fn picked_actor(&self) -> Option<NodeIndex> {
        match self.pane {
            Pane::Actors => self.selected_actor(),
            Pane::Graph => self.selected_member(),
            Pane::Path => match self.path_view.rows.get(self.path_view.cursor.selected) {
                Some(PathRow::Actor(node)) => Some(*node),
                Some(PathRow::Hop(hop) | PathRow::Alternative(hop) | PathRow::Quote(hop)) => {
                    Some(hop.to)
                }
                _ => None,
            },
            Pane::Stats => self.stats.rows.get(self.stats.cursor.selected).copied(),
            _ => self.focus,
        }
    }

    /// Searches again with the path view's settings and the filters.
    pub(super) fn compute_paths(&mut self) {
        let view = &mut self.path_view;
        let (Some(from), Some(to)) = (view.from, view.to) else {
            view.paths.clear();
            view.routes.clear();
            view.rows.clear();
            return;
        };
        let mut filter = self.scope.filter.clone();
        if !view.via_kinds.is_empty() {
            filter.kinds = if filter.kinds.is_empty() {
                view.via_kinds.clone()
            } else {
                filter
                    .kinds
                    .intersection(&view.via_kinds)
                    .cloned()
                    .collect()
            };
        }
        let hidden = self
            .graph
            .actors()
            .map(|(node, _)| node)
            .filter(|&node| !self.scope.shows_actor(node));
        let options = PathOptions {
            directed: view.directed,
            limit: MOST_PATHS,
            avoid: view.avoid.iter().copied().chain(hidden).collect(),
            filter,
        };
        // A newer search replaces any still running.
        if let Some((_, progress)) = self.path_request.take() {
            progress.cancel();
        }
        match view.mode {
            PathMode::Shortest if self.graph.relation_count() <= self.background_above => {
                let paths = self.graph.shortest_paths(from, to, &options);
                self.show_paths(paths);
            }
            mode => {
                view.paths.clear();
                view.routes.clear();
                view.rows.clear();
                view.search = PathSearch::Running;
                self.requests += 1;
                let request = self.requests;
                let options = Box::new(options);
                let (job, message) = match mode {
                    PathMode::KShortest(k) => (
                        Job::Paths {
                            request,
                            from,
                            to,
                            k,
                            options,
                        },
                        format!("looking for the {k} shortest paths… (Esc stops)"),
                    ),
                    PathMode::Shortest => (
                        Job::ShortestPaths {
                            request,
                            from,
                            to,
                            options,
                        },
                        "looking for the shortest paths… (Esc stops)".to_owned(),
                    ),
                };
                let progress = Arc::new(Progress::default());
                self.path_request = Some((request, Arc::clone(&progress)));
                self.effects.push(Effect::Compute(Task {
                    job,
                    graph: Arc::clone(&self.graph),
                    scope: self.scope.clone(),
                    progress,
                }));
                self.message = Some(message);
            }
        }
    }

    /// Takes the k shortest paths found in the background, unless a newer
    /// search was asked for or this one was cancelled.
    pub(super) fn paths_ready(&mut self, request: u64, paths: Arc<Vec<Path>>, cut: bool) {
        if self.path_request.as_ref().map(|(r, _)| *r) != Some(request) {
            return;
        }
        self.path_request = None;
        let found = paths.len();
        self.show_paths(Arc::unwrap_or_clone(paths));
        self.message = cut.then(|| {
            format!("showing the first {found} paths found; more may exist (the search has a limit of work)")
        });
    }

    /// Stops the search for paths that is running (Esc).
    pub(super) fn cancel_path_search(&mut self) {
        if let Some((_, progress)) = self.path_request.take() {
            progress.cancel();
            self.path_view.search = PathSearch::Stopped;
            self.message = Some("path search stopped".into());
        }
    }

    /// Shows `paths` in the path view: those through the same actors as
    /// one, a row per actor, per relation at each hop and per quote.
    fn show_paths(&mut self, paths: Vec<Path>) {
        let view = &mut self.path_view;
        let Some(from) = view.from else {
            return;
        };
        view.routes = Route::of(&paths);
        view.paths = paths;
        view.search = PathSearch::Done;
        let mut rows = Vec::new();
        let quoted = |hop: &Hop| !self.graph.relation(hop.relation).evidence().is_empty();
        for (index, route) in view.routes.iter().enumerate() {
            if index > 0 {
                rows.push(PathRow::Gap);
            }
            rows.push(PathRow::Heading(index));
            rows.push(PathRow::Actor(from));
            for step in &route.steps {
                for (way, hop) in step.iter().enumerate() {
                    rows.push(match way {
                        0 => PathRow::Hop(*hop),
                        _ => PathRow::Alternative(*hop),
                    });
                    if quoted(hop) {
                        rows.push(PathRow::Quote(*hop));
                    }
                }
                if let Some(hop) = step.first() {
                    rows.push(PathRow::Actor(hop.to));
                }
            }
        }
        view.rows = rows;
        let selected = view.cursor.selected.min(view.rows.len().saturating_sub(1));
        view.cursor.selected = selected;
        self.path_view.cursor.selected = self.nearest_path_row(selected, 1);
    }

    /// The nearest row at or after (or before) `target` that the cursor
    /// can rest on: actors and hops.
    pub(super) fn nearest_path_row(&self, target: usize, direction: isize) -> usize {
        let rows = &self.path_view.rows;
        super::nearest(rows.len(), target, direction, |i| {
            matches!(
                rows.get(i),
                Some(PathRow::Actor(_) | PathRow::Hop(_) | PathRow::Alternative(_))
            )
        })
    }

    pub(super) fn toggle_directed(&mut self) {
        self.path_view.directed = !self.path_view.directed;
        self.compute_paths();
        self.message = Some(if self.path_view.directed {
            "paths follow the arrows".into()
        } else {
            "paths ignore the arrows".into()
        });
    }

    pub(super) fn toggle_avoid(&mut self) {
        let Some(node) = self.picked_actor() else {
            return;
        };
        let view = &self.path_view;
        if Some(node) == view.from || Some(node) == view.to {
            self.message = Some("a path cannot avoid its own ends".into());
            return;
        }
        let name = self.graph.actor(node).name.clone();
        if self.path_view.avoid.remove(&node) {
            self.message = Some(format!("paths may pass through {name} again"));
        } else {
            self.path_view.avoid.insert(node);
            self.message = Some(format!("paths go around {name}"));
        }
        self.compute_paths();
    }

    /// Paths may pass through every actor again (`F`, or a click on the
    /// chip).
    pub(super) fn stop_avoiding(&mut self) {
        if !self.path_view.avoid.is_empty() {
            self.path_view.avoid.clear();
            self.compute_paths();
        }
    }

    pub(super) fn toggle_path_mode(&mut self) {
        self.path_view.mode = match self.path_view.mode {
            PathMode::Shortest => PathMode::KShortest(5),
            PathMode::KShortest(_) => PathMode::Shortest,
        };
        self.compute_paths();
    }

    /// Enter on a path row: an actor becomes the focus; a hop opens its
    /// relation and evidence in the lists.
    pub(super) fn activate_in_path(&mut self) {
        match self
            .path_view
            .rows
            .get(self.path_view.cursor.selected)
            .copied()
        {
            Some(PathRow::Actor(node)) => {
                self.choose_focus(node);
                self.show_view(View::Explore);
            }
            Some(PathRow::Hop(hop) | PathRow::Alternative(hop) | PathRow::Quote(hop)) => {
                self.open_relation(hop.from, hop.relation)
            }
            _ => {}
        }
    }

    /// Focuses `node` in the lists with `relation` selected, so its
    /// evidence shows.
    pub(super) fn open_relation(&mut self, node: NodeIndex, relation: crate::graph::EdgeIndex) {
        self.choose_focus(node);
        if let Some(at) = self.rows.iter().position(
            |row| matches!(row, super::RelationRow::Link(link) if link.relation == relation),
        ) {
            self.relations.selected = at;
        }
        self.show_view(View::Explore);
        self.pane = Pane::Relations;
        self.keep_visible();
    }

    // ----- timeline -----

    fn refresh_timeline(&mut self) {
        if self.timeline_scope != Some(self.scope_generation) {
            self.timeline_scope = Some(self.scope_generation);
            if self.graph.relation_count() > self.background_above {
                self.requests += 1;
                self.timeline_request = Some(self.requests);
                self.timeline.moments.clear();
                self.timeline.rows.clear();
                self.effects.push(Effect::Compute(Task {
                    job: Job::Timeline {
                        request: self.requests,
                    },
                    graph: Arc::clone(&self.graph),
                    scope: self.scope.clone(),
                    progress: Arc::new(Progress::default()),
                }));
                return;
            }
            self.timeline.moments = self.graph.timeline(&self.scope);
        }
        if self.timeline_request.is_none() {
            self.refresh_timeline_rows();
        }
    }

    /// Takes the entries ordered in the background, unless newer filters
    /// asked again since.
    pub(super) fn timeline_ready(&mut self, request: u64, moments: Arc<Vec<Moment>>) {
        if self.timeline_request != Some(request) {
            return;
        }
        self.timeline_request = None;
        self.timeline.moments = Arc::unwrap_or_clone(moments);
        self.refresh_timeline_rows();
    }

    /// True while the timeline's entries are being ordered in the
    /// background.
    pub fn ordering(&self) -> bool {
        self.timeline_request.is_some()
    }

    /// The entries shown: those of the listed actors while a name filter
    /// is typed, else all; the selected entry stays selected.
    fn refresh_timeline_rows(&mut self) {
        let previous = self
            .timeline
            .rows
            .get(self.timeline.cursor.selected)
            .and_then(|&i| self.timeline.moments.get(i))
            .map(|m| m.item);
        let narrowed = !self.query.is_empty();
        let listed: Vec<bool> = if narrowed {
            self.listed_mask()
        } else {
            Vec::new()
        };
        let involves_listed = |moment: &Moment| match moment.item {
            Dated::Actor(node) => listed[node.index()],
            Dated::Relation(edge) => {
                let (from, to) = self.graph.ends(edge);
                listed[from.index()] || listed[to.index()]
            }
        };
        self.timeline.rows = (0..self.timeline.moments.len())
            .filter(|&i| !narrowed || involves_listed(&self.timeline.moments[i]))
            .collect();
        let kept = previous.and_then(|item| {
            self.timeline
                .rows
                .iter()
                .position(|&i| self.timeline.moments[i].item == item)
        });
        self.timeline.cursor.selected = kept.unwrap_or(0);
        self.keep_visible();
    }

    /// Enter on a timeline entry: its relation (or event) opens in the lists.
    pub(super) fn activate_in_timeline(&mut self) {
        let Some(moment) = self
            .timeline
            .rows
            .get(self.timeline.cursor.selected)
            .and_then(|&i| self.timeline.moments.get(i))
            .copied()
        else {
            return;
        };
        match moment.item {
            Dated::Relation(edge) => {
                let (from, _) = self.graph.ends(edge);
                self.open_relation(from, edge);
            }
            Dated::Actor(node) => {
                self.choose_focus(node);
                self.show_view(View::Explore);
            }
        }
    }

    // ----- statistics -----

    /// Asks for the statistics of the filters in force, unless already
    /// asked; whatever was being computed for older filters is cancelled.
    fn refresh_stats(&mut self, scope: u64) {
        if self.stats_scope != Some(scope) {
            if let Some(previous) = self.computing.take() {
                previous.cancel();
            }
            let progress = Arc::new(Progress::default());
            self.effects.push(Effect::Compute(Task {
                job: Job::Centrality { generation: scope },
                graph: Arc::clone(&self.graph),
                scope: self.scope.clone(),
                progress: Arc::clone(&progress),
            }));
            self.computing = Some(progress);
            self.stats.centrality = None;
            self.stats_scope = Some(scope);
        }
        self.sort_stats();
    }

    /// Takes computed statistics, unless newer filters have asked since.
    pub(super) fn centrality_ready(&mut self, generation: u64, centrality: Arc<Centrality>) {
        if self.stats_scope != Some(generation) {
            return;
        }
        self.computing = None;
        self.stats.centrality = Some(Arc::unwrap_or_clone(centrality));
        self.sort_stats();
    }

    pub(super) fn sort_stats(&mut self) {
        let previous = self.stats.rows.get(self.stats.cursor.selected).copied();
        let c = self.stats.centrality.as_ref();
        let graph = &self.graph;
        let mut rows: Vec<NodeIndex> = self.listed.iter().map(|l| l.node).collect();
        let by = |node: &NodeIndex| -> f64 {
            let i = node.index();
            let shown = self.shown_degrees.get(graph, *node);
            let degree = shown.total() as f64;
            match self.stats.column {
                StatsColumn::Degree => degree,
                StatsColumn::In => shown.incoming as f64,
                StatsColumn::Out => shown.outgoing as f64,
                // Until the measures arrive, their columns keep degree order.
                StatsColumn::PageRank => c.map_or(degree, |c| c.pagerank[i]),
                StatsColumn::Betweenness => c.map_or(degree, |c| c.betweenness[i]),
                StatsColumn::Balance => c.map_or(degree, |c| c.balance[i] as f64),
                StatsColumn::Component => c.map_or(degree, |c| -(c.component[i] as f64)),
                StatsColumn::Name => 0.0,
            }
        };
        if self.stats.column == StatsColumn::Name {
            rows.sort_by_cached_key(|node| graph.actor(*node).name.to_lowercase());
        } else {
            let mut keyed: Vec<(f64, NodeIndex)> = rows.iter().map(|n| (by(n), *n)).collect();
            keyed.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            rows = keyed.into_iter().map(|(_, n)| n).collect();
        }
        self.stats.rows = rows;
        self.stats.cursor.selected = previous
            .and_then(|node| self.stats.rows.iter().position(|&n| n == node))
            .unwrap_or(0);
        self.keep_visible();
    }

    pub(super) fn next_stats_column(&mut self) {
        let at = StatsColumn::ALL
            .iter()
            .position(|&c| c == self.stats.column)
            .unwrap_or(0);
        self.stats.column = StatsColumn::ALL[(at + 1) % StatsColumn::ALL.len()];
        self.sort_stats();
    }

    /// Enter on a statistics row: the actor becomes the focus, in the lists.
    pub(super) fn activate_in_stats(&mut self) {
        if let Some(node) = self.stats.rows.get(self.stats.cursor.selected).copied() {
            self.choose_focus(node);
            self.show_view(View::Explore);
        }
    }
}
