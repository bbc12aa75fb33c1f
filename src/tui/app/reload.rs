//! Live reload: a new version of the open file replaces the graph while
//! the person keeps their place. Node and edge indices change between
//! versions, so everything that points into the graph is carried over by
//! identity — actors by id, relations by their ends, kind and date — and
//! dropped where the new version no longer has it.

use std::collections::HashMap;
use std::sync::Arc;

use super::{App, Overlay};
use crate::graph::{Dated, EdgeIndex, Ego, KnowledgeGraph, Moment, NodeIndex};
use crate::load::{LoadError, Warnings};
use crate::model::When;

/// What a reload of the open file came to, read and checked on a worker
/// thread so that only a whole, valid graph ever reaches the screen.
#[derive(Clone, Debug)]
pub enum Reload {
    /// The new version, ready to show.
    Loaded(Arc<KnowledgeGraph>),
    /// The new version, ready to show, and what reading it changed or
    /// left out.
    Warned(Arc<KnowledgeGraph>, Arc<Warnings>),
    /// Why the new version cannot be shown; the last good one stays.
    Failed(Arc<LoadError>),
}

impl PartialEq for Reload {
    /// The same reload: results are compared by identity, as re-reading
    /// a file is what makes two of them.
    fn eq(&self, other: &Reload) -> bool {
        match (self, other) {
            (Reload::Loaded(a), Reload::Loaded(b)) => Arc::ptr_eq(a, b),
            (Reload::Warned(a, _), Reload::Warned(b, _)) => Arc::ptr_eq(a, b),
            (Reload::Failed(a), Reload::Failed(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// How a relation is recognised across versions of a file.
type RelationKey = (String, String, String, Option<When>);

fn relation_key(graph: &KnowledgeGraph, edge: EdgeIndex) -> RelationKey {
    let relation = graph.relation(edge);
    (
        relation.from_id().to_owned(),
        relation.to_id().to_owned(),
        relation.kind().to_owned(),
        relation.date(),
    )
}

/// Old indices to new ones, for what the new version still has.
struct Translation {
    nodes: Vec<Option<NodeIndex>>,
    edges: Vec<Option<EdgeIndex>>,
}

impl Translation {
    fn new(old: &KnowledgeGraph, new: &KnowledgeGraph) -> Translation {
        let nodes = old
            .actors()
            .map(|(_, actor)| new.find_id(&actor.id))
            .collect();
        let mut by_key: HashMap<RelationKey, EdgeIndex> = HashMap::new();
        for (edge, _) in new.relations() {
            by_key.entry(relation_key(new, edge)).or_insert(edge);
        }
        let edges = old
            .relations()
            .map(|(edge, _)| by_key.get(&relation_key(old, edge)).copied())
            .collect();
        Translation { nodes, edges }
    }

    fn node(&self, node: NodeIndex) -> Option<NodeIndex> {
        self.nodes.get(node.index()).copied().flatten()
    }

    fn edge(&self, edge: EdgeIndex) -> Option<EdgeIndex> {
        self.edges.get(edge.index()).copied().flatten()
    }
}

impl App {
    /// Takes in what a reload of the open file came to.
    pub(super) fn reloaded(&mut self, reload: Reload) {
        let (graph, warnings) = match reload {
            Reload::Loaded(graph) => (graph, Arc::default()),
            Reload::Warned(graph, warnings) => (graph, warnings),
            Reload::Failed(error) => {
                self.message = Some(format!(
                    "{error} — the last good version stays on screen (Esc hides the problems)"
                ));
                self.problems = Some(error);
                self.overlay = Some(Overlay::Problems { scroll: 0 });
                self.refresh_view();
                return;
            }
        };
        let count = |n: usize, one: &str, many: &str| match n {
            1 => format!("1 {one}"),
            n => format!("{n} {many}"),
        };
        let mut report = format!(
            "reloaded: {}, {}",
            count(graph.actor_count(), "actor", "actors"),
            count(graph.relation_count(), "relation", "relations")
        );
        if !warnings.is_empty() {
            report.push_str(&self.warnings_note(&warnings));
        }
        self.swap_graph(Arc::unwrap_or_clone(graph));
        self.problems = None;
        self.warnings = Some(warnings).filter(|w: &Arc<Warnings>| !w.is_empty());
        if matches!(self.overlay, Some(Overlay::Problems { .. })) {
            self.overlay = None;
        }
        self.message = Some(report);
        self.request_lint();
        self.refresh_view();
    }

    /// Shows `graph` in place of the current one, keeping the focus, the
    /// history, the marks, the path's ends, the filters and the selected
    /// rows wherever the new graph still has what they point at.
    pub(super) fn swap_graph(&mut self, graph: KnowledgeGraph) {
        let map = Translation::new(&self.graph, &graph);
        let selected_relation = self
            .selected_link()
            .and_then(|link| map.edge(link.relation));
        let selected_actor = self.selected_actor().and_then(|node| map.node(node));

        self.focus = self.focus.and_then(|node| map.node(node));
        self.history.translate(|node| map.node(node));
        self.last_relation = self
            .last_relation
            .iter()
            .filter_map(|(&node, &edge)| Some((map.node(node)?, map.edge(edge)?)))
            .collect();
        if let (Some(focus), Some(edge)) = (self.focus, selected_relation) {
            self.last_relation.insert(focus, edge);
        }
        self.marked = self.marked.iter().filter_map(|&n| map.node(n)).collect();
        self.marked_only &= !self.marked.is_empty();

        let path = &mut self.path_view;
        path.from = path.from.and_then(|node| map.node(node));
        path.to = path.to.and_then(|node| map.node(node));
        path.avoid = path.avoid.iter().filter_map(|&n| map.node(n)).collect();
        path.paths.clear();
        path.routes.clear();
        path.rows.clear();

        let timeline = &mut self.timeline;
        let moments = std::mem::take(&mut timeline.moments);
        let selected_moment = timeline
            .rows
            .get(timeline.cursor.selected)
            .and_then(|&i| moments.get(i))
            .and_then(|moment| {
                let item = match moment.item {
                    Dated::Actor(node) => Dated::Actor(map.node(node)?),
                    Dated::Relation(edge) => Dated::Relation(map.edge(edge)?),
                };
                Some(Moment { item, ..*moment })
            });
        // Only the selected entry is needed: the list itself is rebuilt.
        timeline.moments = selected_moment.into_iter().collect();
        timeline.rows = (0..timeline.moments.len()).collect();
        timeline.cursor.selected = 0;

        self.stats.rows = self
            .stats
            .rows
            .iter()
            .filter_map(|&n| map.node(n))
            .collect();
        self.stats.cursor.selected = self
            .stats
            .cursor
            .selected
            .min(self.stats.rows.len().saturating_sub(1));
        self.stats.centrality = None;
        self.stats_scope = None;
        self.graph_view.ego = Ego::default();
        self.view_inputs = Default::default();

        let used_kinds: std::collections::BTreeSet<_> =
            graph.actors().map(|(_, a)| a.kind.clone()).collect();
        self.actor_kinds.retain(|kind| used_kinds.contains(kind));
        let filter = &mut self.relation_filter;
        filter
            .kinds
            .retain(|kind| graph.relations().any(|(_, r)| r.kind() == kind));
        filter
            .statuses
            .retain(|status| graph.relations().any(|(_, r)| r.status() == *status));
        filter
            .stances
            .retain(|stance| graph.relations().any(|(_, r)| r.stance() == *stance));

        self.milestones = graph.milestones();
        self.vocabulary = super::Vocabulary::of(&graph);
        self.graph = Arc::new(graph);
        self.forget_highlights();
        self.name_widths = super::NameWidths::default();
        self.index_actors();
        // Answers still being computed are about the old graph. (What is
        // asked of an endpoint is not: its answers are merged into what
        // was fetched, whatever graph was built from it meanwhile.)
        for kind in super::JobKind::ABOUT_THE_GRAPH {
            self.jobs.cancel(kind);
        }
        self.timeline_scope = None;
        // The lists are rebuilt from nothing but the actor and relation
        // that were selected, so no old index is read against the new graph.
        self.listed = selected_actor
            .map(super::ListedActor::plain)
            .into_iter()
            .collect();
        self.actor_cursor.selected = 0;
        self.rows.clear();
        let generation = self.scope_generation;
        self.refresh_list();
        if self.scope_generation == generation {
            // The same filters over a new graph: what every view shows has
            // changed all the same.
            self.scope_generation += 1;
            self.shown_degrees = super::counts::ShownDegrees::of(&self.graph, &self.scope);
            if self.path_view.to.is_some() {
                self.compute_paths();
            }
        }
    }
}
