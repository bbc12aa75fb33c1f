//! Work too slow for the UI thread on a large graph: the statistics'
//! centrality, the k shortest paths, and on the largest graphs the
//! filter's matching, the neighbourhood drawing and the timeline, and the
//! lint after each load. The app asks for it as an `Effect`; the shell runs it on a
//! worker thread and hands the result back as an action, which the app
//! takes only if nothing newer was asked for since.

use std::sync::Arc;

use super::jobs::Ticket;
use crate::graph::{KnowledgeGraph, NodeIndex, PathOptions, Progress, Scope};
use crate::tui::action::Report;

/// One piece of background work and a way to follow or cancel it.
#[derive(Debug)]
pub struct Task {
    pub(super) job: Job,
    pub(super) graph: Arc<KnowledgeGraph>,
    pub(super) scope: Scope,
    pub(super) progress: Arc<Progress>,
}

/// What a task computes, with the ticket of the request it answers.
#[derive(Debug)]
pub(super) enum Job {
    /// The statistics' measures for the filters in force.
    Centrality { ticket: Ticket },
    /// The neighbourhood of `focus`, as many on each ring as `capacity`
    /// says fit (the drawing places them).
    Neighbourhood {
        ticket: Ticket,
        focus: NodeIndex,
        depth: usize,
        capacity: [usize; 2],
    },
    /// Every dated entry in time order.
    Timeline { ticket: Ticket },
    /// Every actor's texts laid out for the filter, ahead of the first
    /// letter typed (see [`KnowledgeGraph::actor_texts`]).
    IndexActors,
    /// The actors a filter query lists, in order.
    Match {
        ticket: Ticket,
        query: String,
        candidates: Vec<NodeIndex>,
        sort: super::Sort,
        degrees: super::counts::ShownDegrees,
    },
    /// The `k` shortest paths from `from` to `to`: on a dense graph
    /// seconds of work, so never on the UI thread, and cancelled by Esc
    /// or a newer search.
    Paths {
        ticket: Ticket,
        from: NodeIndex,
        to: NodeIndex,
        k: usize,
        options: Box<PathOptions>,
    },
    /// Every shortest path from `from` to `to` (up to `options.limit`): on
    /// the largest graphs long enough to freeze the screen, so on a worker,
    /// cancelled by Esc or a newer search.
    ShortestPaths {
        ticket: Ticket,
        from: NodeIndex,
        to: NodeIndex,
        options: Box<PathOptions>,
    },
    /// The lint's findings on the graph, placed in the text of `input`
    /// when it is RON.
    Lint {
        ticket: Ticket,
        input: Option<crate::load::Input>,
    },
    /// A question to the SPARQL endpoint explored.
    Remote(Box<super::remote::Fetch>),
}

impl Task {
    /// Does the work; `None` when it was cancelled (superseded by newer
    /// filters), so nothing stale ever reaches the screen.
    pub fn run(self) -> Option<Report> {
        let Task {
            job,
            graph,
            scope,
            progress,
        } = self;
        let action = match job {
            Job::Centrality { ticket } => Report::CentralityReady {
                ticket,
                centrality: Arc::new(graph.centrality_tracked(&scope, &progress)),
            },
            Job::Neighbourhood {
                ticket,
                focus,
                depth,
                capacity,
            } => Report::NeighbourhoodReady {
                ticket,
                ego: Arc::new(graph.ego(focus, depth, &scope, capacity)),
            },
            Job::Timeline { ticket } => Report::TimelineReady {
                ticket,
                moments: Arc::new(graph.timeline(&scope)),
            },
            Job::IndexActors => {
                graph.actor_texts();
                return None;
            }
            Job::Match {
                ticket,
                query,
                candidates,
                sort,
                degrees,
            } => Report::MatchesReady {
                ticket,
                matches: Arc::new(super::matching::match_actors(
                    &graph,
                    &scope,
                    &candidates,
                    &query,
                    (sort, &degrees),
                    &mut nucleo_matcher::Matcher::new(nucleo_matcher::Config::DEFAULT),
                    &|| progress.is_cancelled(),
                )?),
                query,
            },
            Job::Paths {
                ticket,
                from,
                to,
                k,
                options,
            } => {
                let found = graph.k_shortest_paths_within(
                    from,
                    to,
                    k,
                    &options,
                    KnowledgeGraph::PATH_WORK,
                    &|| progress.is_cancelled(),
                );
                Report::PathsReady {
                    ticket,
                    paths: Arc::new(found.paths),
                    cut: found.cut,
                }
            }
            Job::ShortestPaths {
                ticket,
                from,
                to,
                options,
            } => Report::PathsReady {
                ticket,
                paths: Arc::new(
                    graph.shortest_paths_until(from, to, &options, &|| progress.is_cancelled()),
                ),
                cut: false,
            },
            Job::Lint { ticket, input } => Report::LintReady {
                ticket,
                report: super::lint::LintFindings(Arc::new(super::lint::run(
                    &graph,
                    input.as_ref(),
                ))),
            },
            Job::Remote(fetch) => fetch.run(),
        };
        (!progress.is_cancelled()).then_some(action)
    }
}
