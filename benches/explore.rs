//! The explorer at scale: a filter keystroke, one frame of each view, a
//! jump to a hub, a shortest path across the graph, what opening each view
//! computes, on generated graphs of 10k, 100k and 1M relations.
//!
//! `cargo bench --bench explore`; `KGX_BENCH_MAX_RELATIONS=100000` skips
//! the million-relation graph; a criterion filter picks groups
//! (`cargo bench --bench explore -- render`).

mod common;

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, criterion_group, criterion_main};
use kgx::graph::{KnowledgeGraph, NodeIndex, PathOptions, RelationFilter, Scope};
use kgx::tui::action::{Action, View};
use kgx::tui::app::{App, Effect};
use kgx::tui::ui::{self, radial, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// The screen every frame is drawn on.
const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

/// Each view of the explorer and the actions that reach it from the start
/// screen (the biggest hub focused). A new view is one more line here.
const VIEWS: &[(&str, &[Action])] = &[
    ("actors", &[]),
    ("relations", &[Action::NextPane]),
    ("evidence", &[Action::NextPane, Action::NextPane]),
    (
        "filtered_list",
        &[Action::StartFilter, Action::FilterChar('a')],
    ),
    ("filter_menu", &[Action::OpenFilters]),
    ("help", &[Action::ToggleHelp]),
    ("graph", &[Action::ShowView(View::Graph)]),
    (
        "graph_depth_2",
        &[Action::ShowView(View::Graph), Action::Depth(1)],
    ),
    // Paths from the biggest hub to the second biggest.
    (
        "path",
        &[Action::SetPathStart, Action::Move(1), Action::FindPath],
    ),
    ("timeline", &[Action::ShowView(View::Timeline)]),
    ("stats", &[Action::ShowView(View::Stats)]),
];

/// The name typed into the actor filter, a letter at a time.
const TYPED: [char; 3] = ['s', 'h', 'a'];

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal")
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| {
            let theme = Theme {
                color: true,
                palette: Default::default(),
            };
            ui::draw(frame, app, theme)
        })
        .expect("drawing on a test terminal");
}

fn group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    group
}

/// Times only `measured`, running `undo` untimed after each, so every
/// iteration starts from the same state.
fn timed(
    iterations: u64,
    app: &mut App,
    mut measured: impl FnMut(&mut App),
    mut undo: impl FnMut(&mut App),
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iterations {
        let start = Instant::now();
        measured(app);
        total += start.elapsed();
        undo(app);
    }
    total
}

fn explore(c: &mut Criterion) {
    for (actors, relations) in common::sizes() {
        let size = common::label(relations);
        let graph = KnowledgeGraph::new(common::dataset(actors, relations)).expect("valid");
        filter(c, &size, graph.clone());
        render(c, &size, &graph);
        jump(c, &size, graph.clone());
        path(c, &size, &graph);
        views(c, &size, &graph);
    }
}

/// What opening a view computes, around the biggest hub: its neighbourhood
/// one and two steps out (laid out for a 200×60 screen), the timeline, and
/// the centrality measures the statistics view computes on a worker thread.
fn views(c: &mut Criterion, size: &str, graph: &KnowledgeGraph) {
    let mut group = group(c, "view_compute");
    let hub = (0..graph.actor_count())
        .map(NodeIndex::new)
        .max_by_key(|&node| graph.degree(node).total())
        .expect("actors");
    let scope = Scope::default();
    let area = Rect::new(0, 0, 150, 54);
    for depth in [1, 2] {
        let capacity = radial::capacity(area, depth);
        group.bench_function(
            BenchmarkId::new(format!("graph_depth_{depth}"), size),
            |b| {
                b.iter(|| {
                    let ego = graph.ego(hub, depth, &scope, capacity);
                    radial::place(graph, &ego, area, depth)
                })
            },
        );
    }
    group.bench_function(BenchmarkId::new("timeline", size), |b| {
        b.iter(|| graph.timeline(&scope))
    });
    group.sample_size(10);
    group.bench_function(BenchmarkId::new("centrality", size), |b| {
        b.iter(|| graph.centrality(&scope))
    });
    group.finish();
}

/// One keystroke of the fuzzy actor filter: matching every actor and
/// drawing the new list, for the 1st, 2nd and 3rd letter typed.
fn filter(c: &mut Criterion, size: &str, graph: KnowledgeGraph) {
    let mut group = group(c, "filter_keystroke");
    let mut app = App::new(graph, WIDTH, HEIGHT);
    let mut terminal = terminal();
    app.update(Action::StartFilter);
    for (typed, &letter) in TYPED.iter().enumerate() {
        let id = BenchmarkId::new(format!("letter_{}", typed + 1), size);
        group.bench_function(id, |b| {
            b.iter_custom(|iterations| {
                timed(
                    iterations,
                    &mut app,
                    |app| {
                        app.update(Action::FilterChar(letter));
                        draw(&mut terminal, app);
                    },
                    |app| app.update(Action::FilterBackspace),
                )
            })
        });
        app.update(Action::FilterChar(letter));
    }
    group.finish();
}

/// One full frame of each view, on the biggest hub.
fn render(c: &mut Criterion, size: &str, graph: &KnowledgeGraph) {
    let mut group = group(c, "render_frame");
    for &(view, actions) in VIEWS {
        let mut app = App::new(graph.clone(), WIDTH, HEIGHT);
        for action in actions {
            app.update(action.clone());
        }
        // What a view computes on a worker thread is done before timing.
        for effect in app.take_effects() {
            if let Effect::Compute(task) = effect
                && let Some(result) = task.run()
            {
                app.update(result);
            }
        }
        let mut terminal = terminal();
        group.bench_function(BenchmarkId::new(view, size), |b| {
            b.iter(|| draw(&mut terminal, &app))
        });
    }
    group.finish();
}

/// Focusing a hub: its relations grouped by direction and sorted. The list
/// is sorted by relations, so its second row is the second-biggest hub.
fn jump(c: &mut Criterion, size: &str, graph: KnowledgeGraph) {
    let mut group = group(c, "jump_to_hub");
    let mut app = App::new(graph, WIDTH, HEIGHT);
    let second = app.listed()[1].node;
    eprintln!(
        "jump {size}: the hub has {} relations",
        app.graph().degree(second).total()
    );
    group.bench_function(BenchmarkId::new("focus", size), |b| {
        b.iter_custom(|iterations| {
            timed(
                iterations,
                &mut app,
                |app| app.update(Action::Move(1)),
                |app| app.update(Action::Move(-1)),
            )
        })
    });
    group.finish();
}

/// The shortest path between the two ends of the longest shortest path
/// found from a little-connected actor: far apart, as a real query would be.
fn path(c: &mut Criterion, size: &str, graph: &KnowledgeGraph) {
    let mut group = group(c, "shortest_path");
    let start = (0..graph.actor_count())
        .rev()
        .map(NodeIndex::new)
        .find(|&node| graph.degree(node).total() > 0)
        .expect("an actor with relations");
    let goal = farthest(graph, start);
    let options = PathOptions::default();
    let hops = graph
        .shortest_paths(start, goal, &options)
        .first()
        .map_or(0, |path| path.hops.len());
    eprintln!("path {size}: {hops} hops apart");
    group.bench_function(BenchmarkId::new("far_apart", size), |b| {
        b.iter(|| graph.shortest_paths(start, goal, &options))
    });
    group.finish();
}

/// The actor farthest from `start`, ignoring direction.
fn farthest(graph: &KnowledgeGraph, start: NodeIndex) -> NodeIndex {
    let mut seen = vec![false; graph.actor_count()];
    let mut queue = VecDeque::from([start]);
    seen[start.index()] = true;
    let mut last = start;
    let all = RelationFilter::default();
    while let Some(node) = queue.pop_front() {
        last = node;
        for link in graph.links(node, &all) {
            if !seen[link.other.index()] {
                seen[link.other.index()] = true;
                queue.push_back(link.other);
            }
        }
    }
    last
}

criterion_group!(benches, explore);
criterion_main!(benches);
