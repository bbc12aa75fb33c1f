//! The path view's state: where paths start and end, the settings, the
//! paths found (here or on a worker) and their rows.

use super::*;
use crate::graph::{Hop, Path, PathOptions, Route};

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

impl App {
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
    pub(super) fn picked_actor(&self) -> Option<NodeIndex> {
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
        self.jobs.cancel(JobKind::Paths);
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
                let (ticket, progress) = self.jobs.start(JobKind::Paths);
                let options = Box::new(options);
                let (job, message) = match mode {
                    PathMode::KShortest(k) => (
                        Job::Paths {
                            ticket,
                            from,
                            to,
                            k,
                            options,
                        },
                        format!("looking for the {k} shortest paths… (Esc stops)"),
                    ),
                    PathMode::Shortest => (
                        Job::ShortestPaths {
                            ticket,
                            from,
                            to,
                            options,
                        },
                        "looking for the shortest paths… (Esc stops)".to_owned(),
                    ),
                };
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
    pub(super) fn paths_ready(&mut self, ticket: Ticket, paths: Arc<Vec<Path>>, cut: bool) {
        if !self.jobs.finish(ticket) {
            return;
        }
        let found = paths.len();
        self.show_paths(Arc::unwrap_or_clone(paths));
        self.message = cut.then(|| {
            format!("showing the first {found} paths found; more may exist (the search has a limit of work)")
        });
    }

    /// Stops the search for paths that is running (Esc).
    pub(super) fn cancel_path_search(&mut self) {
        if self.jobs.cancel(JobKind::Paths) {
            self.path_view.search = PathSearch::Stopped;
            self.message = Some("path search stopped".into());
        }
    }

    /// Shows `paths` in the path view: those through the same actors as
    /// one, a row per actor, per relation at each hop and per quote.
    pub(super) fn show_paths(&mut self, paths: Vec<Path>) {
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
            self.relation_cursor.selected = at;
        }
        self.show_view(View::Explore);
        self.pane = Pane::Relations;
        self.keep_visible();
    }
}
