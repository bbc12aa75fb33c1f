//! The graph, path, timeline and statistics views and the command line,
//! driven through actions as keys and clicks drive them.

#[path = "common/app.rs"]
mod common;
use common::{finish_work, focus, node, run_command};

use kgx::graph::{Dated, EgoNode};
use kgx::model::{PartialDate, Status};
use kgx::tui::action::{Action, Pane, View};
use kgx::tui::app::{App, Effect, PathMode, PathRow, StatsColumn};

fn app() -> App {
    common::seed_app(120, 40)
}

/// Goes back to the lists and opens the top match for `name` there.
fn open(app: &mut App, name: &str) {
    app.update(Action::ShowView(View::Explore));
    common::open(app, name);
}

fn drawn_actors(app: &App) -> Vec<String> {
    app.graph_view()
        .ego
        .members
        .iter()
        .filter_map(|m| match m.node {
            EgoNode::Actor(n) if m.ring > 0 => Some(app.graph().actor(n).id.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn number_keys_switch_views_and_keys_act_on_the_view_shown() {
    let mut app = app();
    for (view, pane) in [
        (View::Graph, Pane::Graph),
        (View::Path, Pane::Path),
        (View::Timeline, Pane::Timeline),
        (View::Stats, Pane::Stats),
    ] {
        app.update(Action::ShowView(view));
        assert_eq!((app.view(), app.pane()), (view, pane));
    }
    app.update(Action::ShowView(View::Graph));
    app.update(Action::NextPane);
    assert_eq!(app.pane(), Pane::Actors, "Tab stays within the view");
    app.update(Action::NextPane);
    assert_eq!(app.pane(), Pane::Graph);
    app.update(Action::ShowView(View::Explore));
    assert_eq!(app.pane(), Pane::Relations);
}

#[test]
fn the_graph_view_draws_the_neighbourhood_and_enter_jumps_along_it() {
    let mut app = app();
    open(&mut app, "lavrov");
    app.update(Action::ShowView(View::Graph));
    let neighbours = drawn_actors(&app);
    assert!(
        neighbours.contains(&"al-shibani".to_owned()),
        "{neighbours:?}"
    );
    // Walk the cursor to al-Shibani and jump there.
    for _ in 0..app.graph_view().ego.members.len() {
        if app.selected_member() == Some(node(&app, "al-shibani")) {
            break;
        }
        app.update(Action::Move(1));
    }
    app.update(Action::Activate);
    assert_eq!(focus(&app), "al-shibani");
    assert_eq!(
        app.selected_member(),
        Some(node(&app, "lavrov")),
        "the cursor rests on the actor we came from"
    );
    assert!(drawn_actors(&app).contains(&"lavrov".to_owned()));
    app.update(Action::Back);
    assert_eq!(focus(&app), "lavrov", "the same history as the lists");
}

#[test]
fn depth_two_reaches_neighbours_of_neighbours() {
    let mut app = app();
    open(&mut app, "lavrov");
    app.update(Action::ShowView(View::Graph));
    let one = drawn_actors(&app);
    assert!(!one.contains(&"israel".to_owned()));
    app.update(Action::Depth(1));
    assert_eq!(app.graph_view().depth, 2);
    let two = drawn_actors(&app);
    assert!(two.len() > one.len(), "{one:?} then {two:?}");
    assert!(two.contains(&"syria".to_owned()));
    app.update(Action::Depth(1));
    assert_eq!(app.graph_view().depth, 2, "2 is as deep as it goes");
    app.update(Action::Depth(-1));
    assert_eq!(drawn_actors(&app), one);
}

/// The actors each path passes through, start and end included.
fn routes(app: &App) -> Vec<Vec<String>> {
    app.path_view()
        .paths
        .iter()
        .map(|path| {
            let start = path.hops.first().map(|hop| hop.from);
            start
                .into_iter()
                .chain(path.hops.iter().map(|hop| hop.to))
                .map(|n| app.graph().actor(n).id.clone())
                .collect()
        })
        .collect()
}

#[test]
fn m_then_p_finds_paths_and_the_options_change_them() {
    let mut app = app();
    open(&mut app, "lavrov");
    app.update(Action::SetPathStart);
    open(&mut app, "israel");
    app.update(Action::FindPath);
    assert_eq!(app.view(), View::Path);
    let shortest = routes(&app);
    assert!(!shortest.is_empty());
    for route in &shortest {
        assert_eq!(route.first().map(String::as_str), Some("lavrov"));
        assert_eq!(route.last().map(String::as_str), Some("israel"));
        assert_eq!(route.len(), shortest[0].len(), "all of the shortest");
    }
    assert!(shortest.iter().any(|r| r.contains(&"syria".to_owned())));

    // Go around Syria: select its row and press x.
    let syria = node(&app, "syria");
    while !matches!(
        app.path_view().rows.get(app.path_view().cursor.selected),
        Some(PathRow::Actor(n)) if *n == syria
    ) {
        let before = app.path_view().cursor.selected;
        app.update(Action::Move(1));
        assert_ne!(
            before,
            app.path_view().cursor.selected,
            "Syria is on a path"
        );
    }
    app.update(Action::ToggleAvoid);
    assert!(app.path_view().avoid.contains(&syria));
    assert!(
        routes(&app)
            .iter()
            .all(|r| !r.contains(&"syria".to_owned()))
    );

    app.update(Action::TogglePathMode);
    assert_eq!(app.path_view().mode, PathMode::KShortest(5));
    // The k shortest are searched for on a worker thread.
    finish_work(&mut app);
    let lengths: Vec<usize> = routes(&app).iter().map(Vec::len).collect();
    assert!(lengths.is_sorted() && lengths.len() > 1, "{lengths:?}");

    app.update(Action::ToggleDirected);
    finish_work(&mut app);
    assert!(app.path_view().directed);
    for path in &app.path_view().paths {
        assert!(path.hops.iter().all(|hop| hop.along), "only along arrows");
    }
}

#[test]
fn enter_on_a_hop_opens_its_relation_and_evidence() {
    let mut app = app();
    run_command(&mut app, "path lavrov al-shibani");
    let hop = app
        .path_view()
        .rows
        .iter()
        .position(|row| matches!(row, PathRow::Hop(_)))
        .expect("a hop row");
    while app.path_view().cursor.selected != hop {
        app.update(Action::Move(1));
    }
    let Some(PathRow::Hop(expected)) = app.path_view().rows.get(hop).copied() else {
        panic!("hop row");
    };
    app.update(Action::Activate);
    assert_eq!(app.view(), View::Explore);
    assert_eq!(app.pane(), Pane::Relations);
    assert_eq!(
        app.selected_link().map(|l| l.relation),
        Some(expected.relation)
    );
}

/// The days of every dated relation in the relations pane.
fn relation_dates(app: &App) -> Vec<(u16, u8, u8)> {
    app.rows()
        .iter()
        .filter_map(|row| match row {
            kgx::tui::app::RelationRow::Link(link) => app.graph().relation(link.relation).date(),
            _ => None,
        })
        .filter_map(|when| when.bounds().0)
        .map(|date| date.earliest())
        .collect()
}

/// Neighbours drawn or counted in "+N more".
fn neighbourhood_size(app: &App) -> usize {
    app.graph_view()
        .ego
        .members
        .iter()
        .filter(|m| m.ring == 1)
        .map(|m| m.node.actors())
        .sum()
}

#[test]
fn as_of_hides_later_relations_in_every_view_and_steps_back_to_now() {
    let mut app = app();
    open(&mut app, "syria");
    assert!(relation_dates(&app).contains(&(2025, 7, 31)));
    run_command(&mut app, "asof 2025-07-13");
    let as_of: PartialDate = "2025-07-13".parse().expect("date");
    assert_eq!(app.as_of(), Some(as_of));
    assert!(
        relation_dates(&app).iter().all(|&day| day <= (2025, 7, 13)),
        "the lists"
    );
    app.update(Action::ShowView(View::Timeline));
    let timeline = app.timeline();
    assert!(!timeline.rows.is_empty());
    for &i in &timeline.rows {
        let start = timeline.moments[i].when.bounds().0;
        assert!(
            start.is_none_or(|d| d.earliest() <= (2025, 7, 13)),
            "the timeline"
        );
    }
    app.update(Action::ShowView(View::Graph));
    let talks = "moscow-talks-2025".to_owned();
    assert!(
        !drawn_actors(&app).contains(&talks),
        "the graph: a later event is gone"
    );
    let then = neighbourhood_size(&app);
    // Forward through the dates until everything shows again.
    for _ in 0..50 {
        if app.as_of().is_none() {
            break;
        }
        app.update(Action::StepAsOf(1));
    }
    assert_eq!(app.as_of(), None);
    assert!(neighbourhood_size(&app) > then);
    app.update(Action::StepAsOf(-1));
    assert!(app.as_of().is_some(), "back from now is the last date");
}

#[test]
fn the_timeline_is_in_time_order_and_narrows_with_the_name_filter() {
    let mut app = app();
    app.update(Action::ShowView(View::Timeline));
    let timeline = app.timeline();
    let keys: Vec<_> = timeline
        .rows
        .iter()
        .map(|&i| timeline.moments[i].sort_key())
        .collect();
    assert!(keys.is_sorted());
    let all = timeline.rows.len();
    app.update(Action::StartFilter);
    for c in "lavrov".chars() {
        app.update(Action::FilterChar(c));
    }
    let lavrov = node(&app, "lavrov");
    let timeline = app.timeline();
    assert!(timeline.rows.len() < all);
    assert!(
        timeline
            .rows
            .iter()
            .any(|&i| match timeline.moments[i].item {
                Dated::Relation(edge) => app.graph().ends(edge).0 == lavrov,
                Dated::Actor(_) => false,
            })
    );
    app.update(Action::AcceptFilter);
    app.update(Action::Activate);
    assert_eq!(app.view(), View::Explore, "Enter opens the entry");
}

#[test]
fn statistics_sort_by_the_chosen_column_and_enter_focuses() {
    let mut app = app();
    app.update(Action::ShowView(View::Stats));
    finish_work(&mut app);
    let stats = app.stats();
    assert_eq!(stats.column, StatsColumn::Degree);
    assert_eq!(stats.rows.len(), app.graph().actor_count());
    while app.stats().column != StatsColumn::Betweenness {
        app.update(Action::ToggleSort);
    }
    let stats = app.stats();
    let centrality = stats.centrality.as_ref().expect("computed");
    let values: Vec<f64> = stats
        .rows
        .iter()
        .map(|n| centrality.betweenness[n.index()])
        .collect();
    assert!(values.windows(2).all(|w| w[0] >= w[1]), "{values:?}");
    let top = stats.rows[0];
    app.update(Action::Activate);
    assert_eq!(app.focus(), Some(top));
    assert_eq!(app.view(), View::Explore);
}

#[test]
fn statistics_follow_the_filters() {
    let mut app = app();
    app.update(Action::ShowView(View::Stats));
    finish_work(&mut app);
    let before = app.stats().centrality.clone().expect("computed");
    run_command(&mut app, "filter status=claimed");
    assert!(
        app.stats().centrality.is_none(),
        "old figures are not shown as new"
    );
    finish_work(&mut app);
    let after = app.stats().centrality.clone().expect("computed");
    assert_ne!(before, after);
    let russia = node(&app, "russia").index();
    assert!(
        after.cooperative[russia] + after.hostile[russia]
            < before.cooperative[russia] + before.hostile[russia]
    );
}

#[test]
fn tab_completes_commands_and_actor_names_and_history_recalls() {
    let mut app = app();
    app.update(Action::OpenCommand);
    for c in "pa".chars() {
        app.update(Action::CommandChar(c));
    }
    app.update(Action::CommandComplete);
    assert_eq!(app.command().map(|c| c.text.as_str()), Some("path "));
    for c in "shib".chars() {
        app.update(Action::CommandChar(c));
    }
    app.update(Action::CommandComplete);
    let line = app.command().expect("open");
    assert_eq!(
        line.text, "path al-shibani",
        "the most connected match first"
    );
    assert!(line.candidates.len() > 1, "{:?}", line.candidates);
    for c in " israel".chars() {
        app.update(Action::CommandChar(c));
    }
    app.update(Action::RunCommand);
    assert!(app.command().is_none());
    assert_eq!(app.view(), View::Path);
    assert!(!app.path_view().paths.is_empty());
    app.update(Action::OpenCommand);
    app.update(Action::CommandHistory(-1));
    assert_eq!(
        app.command().map(|c| c.text.as_str()),
        Some("path al-shibani israel")
    );
    app.update(Action::Cancel);
    assert!(app.command().is_none());
}

#[test]
fn several_completions_cycle_with_tab() {
    let mut app = app();
    app.update(Action::OpenCommand);
    app.update(Action::CommandComplete);
    let line = app.command().expect("open");
    assert!(line.candidates.len() > 3, "every command is offered");
    let first = line.text.clone();
    app.update(Action::CommandComplete);
    assert_ne!(app.command().map(|c| c.text.clone()), Some(first));
}

#[test]
fn mistakes_in_commands_say_what_was_meant() {
    let mut app = app();
    run_command(&mut app, "pth lavrov israel");
    assert_eq!(
        app.message(),
        Some("no command \"pth\" — did you mean \"path\"?")
    );
    run_command(&mut app, "path lavrov isreal");
    assert_eq!(
        app.message(),
        Some("no actor \"isreal\" — did you mean \"israel\"?")
    );
    run_command(&mut app, "view grahp");
    assert!(
        app.message()
            .is_some_and(|m| m.contains("did you mean \"graph\""))
    );
    run_command(&mut app, "asof 2025-13");
    assert!(
        app.message().is_some_and(|m| m.contains("2025-13")),
        "{:?}",
        app.message()
    );
    run_command(&mut app, "filter status=rumoured");
    assert!(app.message().is_some_and(|m| m.contains("rumoured")));
}

#[test]
fn export_writes_what_is_shown_in_the_format_asked_for() {
    let mut app = app();
    run_command(&mut app, "filter kind=state");
    run_command(&mut app, "export graphml shown.graphml");
    let effects = app.take_effects();
    let [
        Effect::Export {
            graph,
            format,
            path,
            force,
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("one file to write: {effects:?}");
    };
    assert_eq!(path.to_str(), Some("shown.graphml"));
    assert!(!force, "only :export! replaces a file");
    assert_eq!(*format, kgx::formats::Format::GraphMl);
    let states = app
        .graph()
        .actors()
        .filter(|(_, a)| a.kind == kgx::model::ActorKind::State)
        .count();
    let exported_states = graph
        .actors()
        .filter(|(_, a)| a.kind == kgx::model::ActorKind::State)
        .count();
    assert_eq!(exported_states, states);
    // Exactly the actors shown: no other comes along for a quote or role.
    assert_eq!(graph.actor_count(), states);
    assert!(graph.relation_count() > 0);
    assert!(graph.relation_count() < app.graph().relation_count());
    for (edge, _) in graph.relations() {
        let (from, to) = graph.ends(edge);
        assert_eq!(graph.actor(from).kind, kgx::model::ActorKind::State);
        assert_eq!(graph.actor(to).kind, kgx::model::ActorKind::State);
    }
    // What is written loads back as the same graph.
    let text = kgx::formats::write(graph, *format).expect("writes");
    let again = kgx::formats::read_str("shown.graphml", &text, *format).expect("reads back");
    assert_eq!(again.actors.len(), graph.actor_count());
    assert!(app.take_effects().is_empty(), "done once");
    run_command(&mut app, "export shown.mmd");
    assert!(
        matches!(
            app.take_effects().as_slice(),
            [Effect::Export {
                format: kgx::formats::Format::Mermaid,
                ..
            }]
        ),
        "the extension names the format"
    );
    run_command(&mut app, "export shown.xyz");
    assert!(
        app.message()
            .is_some_and(|m| m.contains("say which format"))
    );
}

#[test]
fn clicking_a_tab_switches_view_and_a_label_selects_its_actor() {
    let mut app = app();
    // Tabs are " 1 explore ", " 2 graph ", …, one space apart.
    app.update(Action::Click { column: 14, row: 0 });
    assert_eq!(app.view(), View::Graph);
    assert!(
        app.graph_placement().is_none(),
        "nothing placed before a frame"
    );
    // The drawing places the members and hands the placement back.
    common::draw(&mut app);
    let placement = app.graph_placement().expect("drawn").clone();
    let (index, label) = placement
        .nodes
        .iter()
        .enumerate()
        .skip(1)
        .find(|(i, _)| matches!(app.graph_view().ego.members[*i].node, EgoNode::Actor(_)))
        .map(|(i, n)| (i, n.label))
        .expect("a neighbour");
    app.update(Action::Click {
        column: label.x,
        row: label.y,
    });
    assert_eq!(app.graph_view().selected, index);
    let chosen = app.selected_member();
    app.update(Action::Click {
        column: label.x,
        row: label.y,
    });
    assert_eq!(app.focus(), chosen, "a second click jumps");
}

#[test]
fn status_filters_apply_to_the_path_search() {
    let mut app = app();
    run_command(&mut app, "path russia assad");
    let with_claims = routes(&app);
    assert!(!with_claims.is_empty());
    run_command(&mut app, "filter status=reported,confirmed");
    for path in &app.path_view().paths {
        for hop in &path.hops {
            let status = app.graph().relation(hop.relation).status();
            assert!(matches!(status, Status::Reported | Status::Confirmed));
        }
    }
}

#[test]
fn statistics_for_superseded_filters_are_cancelled_and_never_shown() {
    let mut app = app();
    app.update(Action::ShowView(View::Stats));
    let first = app.take_effects();
    assert!(app.computing().is_some(), "the view says it is computing");
    run_command(&mut app, "asof 2024-12");
    for effect in first {
        if let Effect::Compute(task) = effect {
            assert!(task.run().is_none(), "cancelled by the newer filters");
        }
    }
    assert!(app.stats().centrality.is_none());
    finish_work(&mut app);
    assert!(app.computing().is_none());
    let centrality = app.stats().centrality.as_ref().expect("computed");
    let talks = node(&app, "moscow-talks-2025").index();
    assert_eq!(
        centrality.component[talks], 0,
        "as of 2024-12 the talks had not happened"
    );
}

#[test]
fn the_as_of_chip_says_the_date_and_a_click_on_it_shows_everything() {
    let mut app = app();
    run_command(&mut app, "asof 2024-12");
    let chips = app.chips();
    let label = chips
        .iter()
        .find(|(_, label)| label == "as of 2024-12")
        .map(|(_, label)| label.clone())
        .expect("an as-of chip");
    // Chips are drawn from the left of the status line as " label ".
    let status_row = kgx::tui::ui::layout::areas(120, 40, View::Explore)
        .expect("layout")
        .status
        .y;
    let before: usize = chips
        .iter()
        .take_while(|(_, l)| *l != label)
        .map(|(_, l)| l.chars().count() + 3)
        .sum();
    app.update(Action::Click {
        column: before as u16 + 2,
        row: status_row,
    });
    assert_eq!(app.as_of(), None);
    assert!(app.chips().is_empty());
}

#[test]
fn on_large_graphs_the_neighbourhood_and_timeline_arrive_from_a_worker() {
    // Threshold 0: every graph counts as large.
    let mut background = app().compute_in_background_above(0);
    let mut direct = app();
    open(&mut background, "lavrov");
    open(&mut direct, "lavrov");
    background.update(Action::ShowView(View::Graph));
    direct.update(Action::ShowView(View::Graph));
    assert!(background.drawing() && background.busy());
    assert!(
        background.graph_view().ego.members.is_empty(),
        "nothing stale drawn"
    );
    finish_work(&mut background);
    assert!(!background.drawing());
    assert_eq!(
        background.graph_view(),
        direct.graph_view(),
        "the same drawing"
    );

    // A jump while drawing: only the newest drawing is taken, and the
    // cursor rests on the actor we came from.
    let shibani = node(&background, "al-shibani");
    while background.selected_member() != Some(shibani) {
        background.update(Action::Move(1));
    }
    background.update(Action::Activate);
    let stale = background.take_effects();
    background.update(Action::Back);
    finish_work(&mut background);
    for effect in stale {
        if let Effect::Compute(task) = effect
            && let Some(result) = task.run()
        {
            background.update(result);
        }
    }
    assert_eq!(focus(&background), "lavrov");
    let drawn = drawn_actors(&background);
    assert!(drawn.contains(&"al-shibani".to_owned()), "{drawn:?}");
    assert!(
        !drawn.contains(&"lavrov".to_owned()),
        "the stale drawing around al-Shibani was dropped"
    );

    background.update(Action::ShowView(View::Timeline));
    direct.update(Action::ShowView(View::Timeline));
    assert!(background.ordering() && background.timeline().rows.is_empty());
    finish_work(&mut background);
    assert_eq!(background.timeline(), direct.timeline());
}

/// The k shortest paths are searched for off the UI thread: Esc stops the
/// search, and a newer search cancels the older one, whose answer is
/// never shown.
#[test]
fn a_long_path_search_runs_in_the_background_and_stops_on_esc() {
    let mut app = app();
    run_command(&mut app, "path lavrov israel --k 40");
    assert!(app.busy(), "searching");
    assert!(
        app.path_view().paths.is_empty(),
        "nothing computed on the UI thread"
    );
    let first = app.take_effects();
    run_command(&mut app, "path lavrov israel --k 3");
    // The first search was cancelled: it answers nothing.
    for effect in first {
        if let Effect::Compute(task) = effect {
            assert!(task.run().is_none(), "a cancelled search answers nothing");
        }
    }
    finish_work(&mut app);
    assert!(!app.busy());
    assert_eq!(app.path_view().paths.len(), 3);

    run_command(&mut app, "path lavrov israel --k 40");
    assert!(app.busy());
    app.update(Action::Cancel);
    assert!(!app.busy(), "Esc stops the search");
    assert_eq!(app.message(), Some("path search stopped"));
    let effects = app.take_effects();
    for effect in effects {
        if let Effect::Compute(task) = effect {
            assert!(task.run().is_none());
        }
    }
}

#[test]
fn on_large_graphs_the_filter_matches_on_a_worker_and_enter_never_takes_a_stale_list() {
    let mut background = app().compute_in_background_above(0);
    let mut direct = app();
    background.update(Action::StartFilter);
    direct.update(Action::StartFilter);
    let everyone = background.listed().to_vec();
    for c in "lav".chars() {
        background.update(Action::FilterChar(c));
        direct.update(Action::FilterChar(c));
    }
    assert_eq!(background.query(), "lav", "typing is never held up");
    assert_eq!(
        background.listed(),
        everyone,
        "the list waits for the match"
    );
    assert!(background.busy());
    // Only the newest query's answer is taken; the older ones were
    // cancelled and bring nothing.
    finish_work(&mut background);
    assert!(!background.busy());
    assert_eq!(background.listed(), direct.listed());
    assert_ne!(background.listed(), everyone.as_slice());

    // Enter while a match is still running lists for the whole query
    // first, so the focus is the actor typed, not the stale top row.
    background.update(Action::Cancel);
    finish_work(&mut background);
    background.update(Action::StartFilter);
    background.update(Action::FilterChar('s'));
    finish_work(&mut background);
    let stale_top = background.listed()[0].node;
    for c in "hibani".chars() {
        background.update(Action::FilterChar(c));
    }
    background.update(Action::AcceptFilter);
    assert!(!background.busy(), "the pending match was done at once");
    assert_ne!(Some(stale_top), background.focus());
    assert_eq!(focus(&background), "al-shibani");
    finish_work(&mut background);
    assert_eq!(focus(&background), "al-shibani");
}
