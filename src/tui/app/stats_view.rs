//! The statistics view's state: centrality in the scope, computed on a
//! worker, and the table's order.

use super::*;
use crate::graph::Centrality;

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

impl App {
    /// Asks for the statistics of the filters in force, unless already
    /// asked; whatever was being computed for older filters is cancelled.
    pub(super) fn refresh_stats(&mut self, scope: u64) {
        if self.stats_scope != Some(scope) {
            // Whatever was being computed for older filters is superseded.
            let (ticket, progress) = self.jobs.start(JobKind::Centrality);
            self.effects.push(Effect::Compute(Task {
                job: Job::Centrality { ticket },
                graph: Arc::clone(&self.graph),
                scope: self.scope.clone(),
                progress,
            }));
            self.stats.centrality = None;
            self.stats_scope = Some(scope);
        }
        self.sort_stats();
    }

    /// Takes computed statistics, unless newer filters have asked since.
    pub(super) fn centrality_ready(&mut self, ticket: Ticket, centrality: Arc<Centrality>) {
        if !self.jobs.finish(ticket) {
            return;
        }
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
