//! The explorer as an analyst uses it: filters that narrow the actor list
//! to who took part, one rule for "as of", exports that hold what is shown,
//! and messages that give the line back to the hints.

#[path = "common/app.rs"]
mod common;
use common::{open_filter_menu_at, run_command, screen};

use std::time::{Duration, Instant};

use kgx::model::Status;
use kgx::tui::action::{Action, Pane, Report, View};
use kgx::tui::app::{App, Chip, Effect, FilterOption, MESSAGE_TIME, PathRow};

fn app() -> App {
    common::seed_app(100, 30)
}

#[test]
fn a_status_filter_lists_only_actors_left_with_a_shown_relation_unless_asked_to_keep_all() {
    let mut app = app();
    let everyone = app.listed().len();
    open_filter_menu_at(&mut app, FilterOption::Status(Status::Claimed));
    app.update(Action::Activate);
    app.update(Action::Cancel);
    let claimed = app.listed().len();
    assert!(claimed > 0 && claimed < everyone, "{claimed} of {everyone}");
    assert!(
        app.listed()
            .iter()
            .all(|listed| app.shown_degree(listed.node).total() > 0),
        "every listed actor has a claimed relation"
    );
    assert_eq!(
        app.option_count(&FilterOption::Unrelated),
        everyone - claimed,
        "the menu counts those left out"
    );

    open_filter_menu_at(&mut app, FilterOption::Unrelated);
    app.update(Action::ToggleOption);
    app.update(Action::Cancel);
    assert_eq!(app.listed().len(), everyone, "the toggle keeps everyone");
    assert!(screen(&app).contains(&format!("{everyone}/{everyone}")));

    app.update(Action::ClearFilters);
    assert!(!app.option_shown(&FilterOption::Unrelated), "F resets it");
    assert_eq!(app.listed().len(), everyone);
}

/// The timeline's lines that mention `what`.
fn timeline_lines(app: &App, what: &str) -> Vec<String> {
    screen(app)
        .lines()
        .filter(|line| line.contains(what))
        .map(|line| line.trim_matches(['┃', ' ']).to_owned())
        .collect()
}

#[test]
fn as_of_marks_entries_whose_start_may_fall_after_the_date() {
    let mut app = common::seed_app(120, 40);
    run_command(&mut app, "asof 2025-01-01");
    app.update(Action::ShowView(View::Timeline));
    let visit = timeline_lines(&app, "Russian delegation visit to Damascus (Event)");
    assert!(
        visit.len() == 1 && visit[0].starts_with("≈2025-01 "),
        "a January visit may not have happened by 1 January: {visit:?}"
    );
    let drafting = timeline_lines(&app, "Drafting of a new Syrian constitution (Event)");
    assert!(
        drafting.len() == 1 && drafting[0].starts_with("≈..2026-03"),
        "an open start is uncertain before its end: {drafting:?}"
    );
    let evacuated = timeline_lines(&app, "evacuated from");
    assert!(
        evacuated.len() == 1 && evacuated[0].starts_with("2024-12-08"),
        "what surely began is not marked: {evacuated:?}"
    );

    run_command(&mut app, "asof 2025-01");
    let visit = timeline_lines(&app, "Russian delegation visit to Damascus (Event)");
    assert!(
        visit.len() == 1 && visit[0].starts_with("2025-01 "),
        "by the end of January it had happened: {visit:?}"
    );
    run_command(&mut app, "asof 2024-12-31");
    assert!(
        timeline_lines(&app, "Russian delegation visit").is_empty(),
        "a January visit is hidden as of December"
    );
}

/// The path view from HTS to Israel with the cursor on `id`, going around it.
fn avoiding(id: &str) -> App {
    let mut app = common::seed_app(120, 40);
    run_command(&mut app, "path hts israel");
    let at = app
        .path_view()
        .rows
        .iter()
        .position(|row| matches!(row, PathRow::Actor(node) if app.graph().actor(*node).id == id))
        .expect("the actor is on a path");
    while app.pane() != Pane::Path {
        app.update(Action::NextPane);
    }
    let delta = at as isize - app.path_view().cursor.selected as isize;
    app.update(Action::Move(delta));
    app.update(Action::ToggleAvoid);
    assert_eq!(app.path_view().avoid.len(), 1, "{id} avoided");
    app
}

fn avoided_chip(app: &App) -> Option<String> {
    app.chips()
        .into_iter()
        .find(|(chip, _)| *chip == Chip::Avoided)
        .map(|(_, label)| label)
}

#[test]
fn an_avoided_actor_is_a_chip_that_f_and_a_click_clear() {
    let mut app = avoiding("russia");
    assert_eq!(avoided_chip(&app).as_deref(), Some("paths avoid Russia"));
    assert!(
        screen(&app)
            .lines()
            .last()
            .is_some_and(|l| l.contains("paths avoid Russia"))
    );
    let around = app.path_view().paths.clone();
    app.update(Action::ClearFilters);
    assert!(app.path_view().avoid.is_empty(), "F stops avoiding");
    assert_eq!(avoided_chip(&app), None);
    assert_ne!(
        app.path_view().paths,
        around,
        "the paths through Russia are back"
    );

    let mut app = avoiding("russia");
    let column: usize = app
        .chips()
        .iter()
        .take_while(|(chip, _)| *chip != Chip::Avoided)
        .map(|(_, label)| label.chars().count() + 3)
        .sum();
    app.update(Action::Click {
        column: column as u16 + 2,
        row: 39,
    });
    assert!(
        app.path_view().avoid.is_empty(),
        "a click on the chip stops avoiding"
    );
}

#[test]
fn export_of_marked_only_holds_the_marked_and_says_whose_attributions_it_left_out() {
    let mut app = app();
    for id in ["russia", "syria", "israel", "us"] {
        app.update(Action::StartFilter);
        for c in format!("^{id}$").chars() {
            app.update(Action::FilterChar(c));
        }
        app.update(Action::AcceptFilter);
        app.update(Action::ToggleMark);
    }
    app.update(Action::Cancel);
    app.update(Action::ToggleMarkedOnly);
    assert_eq!(app.listed().len(), 4);
    run_command(&mut app, "export shown.ron");
    let effects = app.take_effects();
    let [Effect::Export { graph, note, .. }] = effects.as_slice() else {
        panic!("one file to write: {effects:?}");
    };
    let mut ids: Vec<&str> = graph.actors().map(|(_, a)| a.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        ["israel", "russia", "syria", "united-states"],
        "only the shown actors"
    );
    assert_eq!(
        graph.relation_count(),
        app.graph()
            .relations()
            .filter(|(edge, _)| app.scope().shows_relation(app.graph(), *edge))
            .count(),
        "every shown relation"
    );
    let note = note.as_deref().unwrap_or_default();
    assert!(
        note.contains("quotes or roles name are not shown, so left out: "),
        "the attributions left out are named: {note:?}"
    );
}

/// The ruler columns where timeline entries dated from `since` on start.
fn start_columns(app: &App, since: &str) -> std::collections::BTreeSet<usize> {
    screen(app)
        .lines()
        .filter_map(|line| {
            let text = line.trim_start_matches(['┃', ' ']);
            (text
                .get(..7)
                .is_some_and(|date| date >= since && date.starts_with("20")))
            .then(|| line.chars().position(|c| c == '●'))
            .flatten()
        })
        .collect()
}

#[test]
fn the_timeline_ruler_zooms_in_around_the_selected_entry_and_back_out() {
    let mut app = common::seed_app(120, 40);
    app.update(Action::ShowView(View::Timeline));
    app.update(Action::Last);
    let whole = start_columns(&app, "2024-12");
    assert!(
        whole.len() <= 3,
        "since December 2024 in a few cells: {whole:?}"
    );
    for _ in 0..4 {
        app.update(Action::Depth(1));
    }
    assert_eq!(app.timeline().zoom, 4);
    let zoomed = start_columns(&app, "2024-12");
    assert!(
        zoomed.len() > whole.len() + 1,
        "zoomed in, the months apart are columns apart: {zoomed:?} against {whole:?}"
    );
    assert!(screen(&app).contains("zoom ×16"));
    for _ in 0..9 {
        app.update(Action::Depth(-1));
    }
    assert_eq!(
        app.timeline().zoom,
        0,
        "- zooms back out to the whole story"
    );
    assert_eq!(start_columns(&app, "2024-12"), whole);
    assert_eq!(app.view(), View::Timeline, "+ and - stay in the timeline");
}

#[test]
fn paths_through_the_same_actors_are_one_with_the_other_relation_listed_at_its_hop() {
    let mut app = common::seed_app(100, 30);
    run_command(&mut app, "path hts israel");
    assert_eq!(app.path_view().paths.len(), 2, "two shortest paths");
    assert_eq!(app.path_view().routes.len(), 1, "through the same actors");
    let alternatives: Vec<usize> = app
        .path_view()
        .rows
        .iter()
        .enumerate()
        .filter(|(_, row)| matches!(row, PathRow::Alternative(_)))
        .map(|(at, _)| at)
        .collect();
    assert_eq!(alternatives.len(), 1, "one hop has a second relation");
    let text = screen(&app);
    assert!(text.contains("Path 1 of 1 · 4 hops · 2 ways"), "{text}");
    assert!(text.contains("│ or ↑ forcibly evacuated"), "{text}");

    while app.pane() != Pane::Path {
        app.update(Action::NextPane);
    }
    let delta = alternatives[0] as isize - app.path_view().cursor.selected as isize;
    app.update(Action::Move(delta));
    assert_eq!(
        app.path_view().cursor.selected,
        alternatives[0],
        "an alternative is selectable"
    );
    let Some(PathRow::Alternative(hop)) = app.path_view().rows.get(alternatives[0]).copied() else {
        panic!("the alternative's row");
    };
    app.update(Action::Activate);
    assert_eq!(
        app.selected_link().map(|link| link.relation),
        Some(hop.relation),
        "Enter opens the alternative relation and its evidence"
    );
}

#[test]
fn a_message_gives_the_status_line_back_to_the_hints_after_a_few_seconds() {
    let mut app = app();
    let hints = screen(&app).lines().last().map(str::to_owned);
    app.update(Action::Unbound("z".into()));
    let start = Instant::now();
    app.update(Report::Tick(start));
    app.update(Report::Tick(start + Duration::from_secs(3)));
    assert!(app.message().is_some_and(|m| m.starts_with("z: no action")));
    assert!(
        screen(&app)
            .lines()
            .last()
            .is_some_and(|l| l.contains("z: no action"))
    );
    app.update(Report::Tick(start + MESSAGE_TIME));
    assert_eq!(app.message(), None, "timed out");
    assert_eq!(screen(&app).lines().last().map(str::to_owned), hints);

    // A new message is timed from when it is first seen.
    app.update(Action::Unbound("Z".into()));
    let later = start + Duration::from_secs(10);
    app.update(Report::Tick(later));
    app.update(Report::Tick(
        later + MESSAGE_TIME - Duration::from_millis(1),
    ));
    assert!(app.message().is_some_and(|m| m.starts_with("Z: no action")));
    app.update(Report::Tick(later + MESSAGE_TIME));
    assert_eq!(app.message(), None);
}

/// Marks the actors with these ids, shows only them and opens the first
/// in the graph view, two steps out.
fn marked_drawing(width: u16, height: u16, ids: &[&str]) -> App {
    let mut app = common::seed_app(width, height);
    for id in ids {
        app.update(Action::StartFilter);
        for c in format!("^{id}$").chars() {
            app.update(Action::FilterChar(c));
        }
        app.update(Action::AcceptFilter);
        app.update(Action::ToggleMark);
        app.update(Action::Cancel);
    }
    app.update(Action::ToggleMarkedOnly);
    app.update(Action::StartFilter);
    for c in format!("^{}$", ids[0]).chars() {
        app.update(Action::FilterChar(c));
    }
    app.update(Action::AcceptFilter);
    app.update(Action::Cancel);
    app.update(Action::ShowView(View::Graph));
    app.update(Action::Depth(1));
    app
}

#[test]
fn no_line_of_the_marked_drawing_runs_through_a_third_actors_label() {
    for (width, height) in [(80, 24), (120, 40)] {
        let mut app = marked_drawing(width, height, &["russia", "syria", "israel", "us"]);
        // Where members go is the drawing's to say: it hands it back.
        common::draw(&mut app);
        let view = app.graph_view();
        assert_eq!(view.depth, 2);
        let placement = app.graph_placement().expect("drawn");
        let names: Vec<&str> = placement.nodes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(placement.nodes.len(), 4, "{names:?}");
        let area = placement.area;
        for edge in &view.ego.edges {
            let (a, b) = (&placement.nodes[edge.a], &placement.nodes[edge.b]);
            for step in 1..40 {
                let t = f64::from(step) / 40.0;
                let x = a.x + (b.x - a.x) * t;
                let y = a.y + (b.y - a.y) * t;
                let cell = ratatui::layout::Position::new(
                    area.x + x.floor() as u16,
                    area.y + y.floor() as u16,
                );
                for (other, node) in placement.nodes.iter().enumerate() {
                    assert!(
                        other == edge.a || other == edge.b || !node.label.contains(cell),
                        "at {width}x{height} the line {} – {} runs through {}",
                        a.text,
                        b.text,
                        node.text
                    );
                }
            }
        }
    }
}

#[test]
fn a_long_name_keeps_a_space_before_a_five_digit_count() {
    let leaves: Vec<String> = (0..12_000)
        .map(|i| format!("Actor(id: \"a{i}\", name: \"A{i}\", kind: Person)"))
        .collect();
    let relations: Vec<String> = (0..12_000)
        .map(|i| format!("Relation(from: \"hub\", to: \"a{i}\", kind: \"knows\")"))
        .collect();
    let text = format!(
        "Graph(title: \"wide\", actors: [Actor(id: \"hub\", name: \"Republic of the Very Long Name Indeed\", kind: State), {}], relations: [{}])",
        leaves.join(","),
        relations.join(",")
    );
    let graph = kgx::load::parse_bytes("wide.ron", text.into_bytes()).expect("valid");
    let app = App::new(graph, 80, 24);
    let row = screen(&app)
        .lines()
        .find(|line| line.contains("Republic") && line.contains("12000"))
        .map(str::to_owned)
        .expect("the hub is listed");
    assert!(
        row.contains("… ") && row.contains(" 12000") && !row.contains("…12000"),
        "the name is cut to keep a space before the count: {row:?}"
    );
}
