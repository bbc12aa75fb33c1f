//! The explorer's behaviour, driven through actions exactly as keys and
//! clicks drive it, without a terminal.

#[path = "common/app.rs"]
mod common;
use common::{focus, focus_pane, id, listed, open_filter_menu_at, select_relation_to, type_filter};

use kgx::model::Status;
use kgx::tui::action::{Action, Pane};
use kgx::tui::app::{App, FilterOption, RelationRow};

fn app() -> App {
    common::seed_app(100, 30)
}

fn trail(app: &App) -> Vec<String> {
    app.trail()
        .iter()
        .map(|&n| app.graph().actor(n).id.clone())
        .collect()
}

#[test]
fn starts_on_the_most_connected_actor() {
    let app = app();
    assert_eq!(focus(&app), "russia");
    assert_eq!(app.listed().len(), app.graph().actor_count());
    assert!(trail(&app).is_empty());
}

#[test]
fn filter_narrows_live_and_enter_focuses_the_top_match() {
    let mut app = app();
    type_filter(&mut app, "lavrov");
    assert!(app.editing_filter());
    assert_eq!(listed(&app)[0], "lavrov");
    assert!(app.listed().len() < app.graph().actor_count());
    app.update(Action::AcceptFilter);
    assert!(!app.editing_filter());
    assert_eq!(focus(&app), "lavrov");
    app.update(Action::Cancel);
    assert_eq!(app.query(), "");
    assert_eq!(
        app.listed().len(),
        app.graph().actor_count(),
        "Esc clears the filter"
    );
}

#[test]
fn typing_selects_the_top_match_and_leaves_the_focus() {
    let mut app = app();
    let lavrov = listed(&app)
        .iter()
        .position(|a| a == "lavrov")
        .expect("listed");
    app.update(Action::Move(lavrov as isize));
    assert_eq!(focus(&app), "lavrov");
    type_filter(&mut app, "s");
    assert_eq!(
        app.actor_cursor().selected,
        0,
        "each keystroke selects the top match"
    );
    type_filter(&mut app, "yria");
    assert_eq!(id(&app, app.selected_actor()), "syria");
    assert_eq!(focus(&app), "lavrov", "the card waits for Enter");
}

#[test]
fn jumping_along_relations_goes_back_and_forward_like_a_browser() {
    let mut app = app();
    type_filter(&mut app, "lavrov");
    app.update(Action::AcceptFilter);
    app.update(Action::Cancel);
    select_relation_to(&mut app, "al-shibani");
    app.update(Action::Activate);
    assert_eq!(focus(&app), "al-shibani");
    assert_eq!(trail(&app), ["lavrov"]);
    assert_eq!(
        id(&app, app.selected_actor()),
        "al-shibani",
        "the actors pane follows the jump"
    );

    select_relation_to(&mut app, "israel");
    app.update(Action::Activate);
    assert_eq!(trail(&app), ["lavrov", "al-shibani"]);

    app.update(Action::Back);
    assert_eq!(focus(&app), "al-shibani");
    app.update(Action::Back);
    assert_eq!(focus(&app), "lavrov");
    assert_eq!(app.forward_steps(), 2);
    app.update(Action::Forward);
    assert_eq!(focus(&app), "al-shibani");

    select_relation_to(&mut app, "russia");
    app.update(Action::Activate);
    assert_eq!(focus(&app), "russia");
    assert_eq!(
        app.forward_steps(),
        0,
        "a new jump drops the forward history"
    );
    assert_eq!(trail(&app), ["lavrov", "al-shibani"]);
}

#[test]
fn browsing_the_list_after_a_jump_can_be_undone_with_back() {
    let mut app = app();
    select_relation_to(&mut app, "israel");
    app.update(Action::Activate);
    assert_eq!(focus(&app), "israel");
    focus_pane(&mut app, Pane::Actors);
    app.update(Action::Move(1));
    let previewed = focus(&app);
    assert_ne!(previewed, "israel");
    app.update(Action::Move(1));
    app.update(Action::Back);
    assert_eq!(
        focus(&app),
        "israel",
        "back returns to the last chosen actor, not each row passed"
    );
}

#[test]
fn marked_only_shows_relations_among_the_marked_actors() {
    let mut app = app();
    app.update(Action::ToggleMarkedOnly);
    assert!(!app.marked_only(), "nothing marked yet");
    assert!(app.message().is_some_and(|m| m.contains("mark")));
    for name in ["russia", "syria", "israel"] {
        let index = listed(&app).iter().position(|a| a == name).expect("listed");
        app.update(Action::Move(
            index as isize - app.actor_cursor().selected as isize,
        ));
        app.update(Action::ToggleMark);
    }
    app.update(Action::ToggleMarkedOnly);
    assert!(app.marked_only());
    let mut shown = listed(&app);
    shown.sort();
    assert_eq!(shown, ["israel", "russia", "syria"]);
    let others: Vec<String> = app
        .rows()
        .iter()
        .filter_map(|row| match row {
            RelationRow::Link(link) => Some(app.graph().actor(link.other).id.clone()),
            RelationRow::Heading(..) => None,
        })
        .collect();
    assert!(!others.is_empty());
    assert!(
        others
            .iter()
            .all(|o| o == "syria" || o == "israel" || o == "russia"),
        "{others:?}"
    );
}

#[test]
fn filters_combine_and_clear() {
    let mut app = app();
    open_filter_menu_at(&mut app, FilterOption::Status(Status::Claimed));
    app.update(Action::Activate);
    app.update(Action::Cancel);
    assert_eq!(app.relation_filter().statuses.len(), 1);
    let statuses: Vec<Status> = app
        .rows()
        .iter()
        .filter_map(|row| match row {
            RelationRow::Link(l) => Some(app.graph().relation(l.relation).status()),
            RelationRow::Heading(..) => None,
        })
        .collect();
    assert!(
        !statuses.is_empty() && statuses.iter().all(|&s| s == Status::Claimed),
        "{statuses:?}"
    );

    open_filter_menu_at(
        &mut app,
        FilterOption::ActorKind(kgx::model::ActorKind::Person),
    );
    app.update(Action::Activate);
    app.update(Action::Cancel);
    assert!(listed(&app).iter().all(
        |a| app.graph().actor(app.graph().find_id(a).expect("id")).kind
            == kgx::model::ActorKind::Person
    ));

    app.update(Action::ClearFilters);
    assert!(app.actor_kinds().is_empty() && app.relation_filter().statuses.is_empty());
    app.update(Action::First);
    assert_eq!(app.listed().len(), app.graph().actor_count());
}

#[test]
fn hiding_an_option_keeps_the_others_and_the_last_cannot_be_hidden() {
    let mut app = app();
    open_filter_menu_at(&mut app, FilterOption::Status(Status::Reported));
    app.update(Action::ToggleOption);
    assert!(!app.option_shown(&FilterOption::Status(Status::Reported)));
    assert!(app.option_shown(&FilterOption::Status(Status::Claimed)));
    app.update(Action::ToggleOption);
    assert!(
        app.relation_filter().statuses.is_empty(),
        "showing all again is no filter"
    );

    app.update(Action::Cancel);
    open_filter_menu_at(&mut app, FilterOption::Status(Status::Claimed));
    app.update(Action::Activate);
    app.update(Action::ToggleOption);
    assert!(
        app.option_shown(&FilterOption::Status(Status::Claimed)),
        "the last shown status stays shown"
    );
    assert!(app.message().is_some_and(|m| m.contains("stays shown")));
}

#[test]
fn clicks_select_and_a_second_click_on_a_relation_jumps() {
    let mut app = app();
    let areas =
        kgx::tui::ui::layout::areas(100, 30, kgx::tui::action::View::Explore).expect("layout");
    app.update(Action::Click {
        column: areas.actor_list.x + 2,
        row: areas.actor_list.y + 1,
    });
    assert_eq!(app.pane(), Pane::Actors);
    assert_eq!(app.actor_cursor().selected, 1);
    let second_actor = focus(&app);
    let first_link_row = app
        .rows()
        .iter()
        .position(|r| matches!(r, RelationRow::Link(_)))
        .expect("a link");
    let (column, row) = (
        areas.relation_list.x + 3,
        areas.relation_list.y + first_link_row as u16,
    );
    app.update(Action::Click { column, row });
    assert_eq!(app.pane(), Pane::Relations);
    assert_eq!(focus(&app), second_actor, "the first click only selects");
    let other = id(&app, app.selected_link().map(|l| l.other));
    app.update(Action::Click { column, row });
    assert_eq!(focus(&app), other, "the second click jumps");
}

#[test]
fn help_opens_and_any_key_closes_it() {
    let mut app = app();
    app.update(Action::ToggleHelp);
    assert!(app.overlay().is_some());
    app.update(Action::Move(1));
    assert!(app.overlay().is_some(), "arrows scroll the help");
    app.update(Action::Activate);
    assert!(app.overlay().is_none());
    app.update(Action::Quit);
    assert!(app.should_quit());
}

#[test]
fn clicking_a_filter_chip_removes_that_filter_only() {
    let mut app = app();
    type_filter(&mut app, "syr");
    app.update(Action::AcceptFilter);
    open_filter_menu_at(&mut app, FilterOption::Status(Status::Claimed));
    app.update(Action::Activate);
    app.update(Action::Cancel);
    let chips: Vec<String> = app.chips().into_iter().map(|(_, label)| label).collect();
    assert_eq!(chips, ["/syr", "status: Claimed"]);
    let status_row = kgx::tui::ui::layout::areas(100, 30, kgx::tui::action::View::Explore)
        .expect("layout")
        .status
        .y;
    let second_chip = (chips[0].chars().count() + 3 + 2) as u16;
    app.update(Action::Click {
        column: second_chip,
        row: status_row,
    });
    assert!(
        app.relation_filter().statuses.is_empty(),
        "the status filter is gone"
    );
    assert_eq!(app.query(), "syr", "the name filter stays");
    app.update(Action::Click {
        column: 1,
        row: status_row,
    });
    assert_eq!(app.query(), "");
}

#[test]
fn a_jump_clears_a_name_filter_that_would_hide_the_new_focus() {
    let mut app = app();
    type_filter(&mut app, "lavrov");
    app.update(Action::AcceptFilter);
    select_relation_to(&mut app, "al-shibani");
    app.update(Action::Activate);
    assert_eq!(focus(&app), "al-shibani");
    assert_eq!(app.query(), "", "the name filter made way");
    assert_eq!(id(&app, app.selected_actor()), "al-shibani");
    assert_eq!(app.message(), None);
}

#[test]
fn a_filter_that_matched_nothing_leaves_the_focus_where_it_was() {
    let mut app = app();
    type_filter(&mut app, "kreml");
    app.update(Action::AcceptFilter);
    app.update(Action::Cancel);
    assert_eq!(focus(&app), "kremlin");
    let trail_before = trail(&app);
    type_filter(&mut app, "qq");
    assert!(app.listed().is_empty());
    app.update(Action::Cancel);
    assert_eq!(focus(&app), "kremlin");
    assert_eq!(id(&app, app.selected_actor()), "kremlin");
    assert_eq!(
        trail(&app),
        trail_before,
        "no step was added to the history"
    );
}

#[test]
fn going_back_returns_to_the_relation_that_was_followed() {
    let mut app = app();
    type_filter(&mut app, "lavrov");
    app.update(Action::AcceptFilter);
    select_relation_to(&mut app, "al-shibani");
    let followed = app.selected_link().expect("selected").relation;
    app.update(Action::Activate);
    app.update(Action::Back);
    assert_eq!(focus(&app), "lavrov");
    assert_eq!(app.selected_link().map(|l| l.relation), Some(followed));
}

#[test]
fn the_evidence_pane_stops_scrolling_at_its_last_line() {
    let mut app = app();
    focus_pane(&mut app, Pane::Evidence);
    // How long the wrapped text is, only a frame knows.
    common::draw(&mut app);
    app.update(Action::Last);
    let bottom = app.evidence_scroll();
    assert!(bottom > 0, "the evidence is longer than the pane at 100×30");
    app.update(Action::Move(5));
    assert_eq!(app.evidence_scroll(), bottom, "no scrolling past the end");
    app.update(Action::Move(-1));
    assert_eq!(
        app.evidence_scroll(),
        bottom.saturating_sub(1),
        "one line up is one line up"
    );
}

#[test]
fn chips_name_the_smaller_side_of_a_filter() {
    let mut app = app();
    open_filter_menu_at(&mut app, FilterOption::Status(Status::Claimed));
    app.update(Action::ToggleOption);
    app.update(Action::Cancel);
    let chips: Vec<String> = app.chips().into_iter().map(|(_, label)| label).collect();
    assert_eq!(
        chips,
        ["status: −Claimed"],
        "hiding one status names the one hidden"
    );
}

#[test]
fn a_click_on_the_other_actors_name_jumps_at_once() {
    let mut app = app();
    let areas =
        kgx::tui::ui::layout::areas(100, 30, kgx::tui::action::View::Explore).expect("layout");
    let first_link_row = app
        .rows()
        .iter()
        .position(|r| matches!(r, RelationRow::Link(_)))
        .expect("a link");
    let RelationRow::Link(link) = app.rows()[first_link_row] else {
        unreachable!("a link row")
    };
    let other = app.graph().actor(link.other).clone();
    // Find where the name is drawn on screen, as a person would see it.
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).expect("terminal");
    terminal
        .draw(|frame| {
            kgx::tui::ui::draw(
                frame,
                &app,
                kgx::tui::ui::theme::Theme {
                    color: false,
                    palette: kgx::tui::ui::theme::Palette::Dark,
                },
            )
        })
        .expect("draws");
    let row = areas.relation_list.y + first_link_row as u16;
    let line: String = (0..100)
        .map(|x| terminal.backend().buffer()[(x, row)].symbol().to_owned())
        .collect();
    let prefix: String = other.name.chars().take(6).collect();
    let at = line
        .find(&prefix)
        .unwrap_or_else(|| panic!("{prefix:?} not on row: {line}"));
    let column = line[..at].chars().count() as u16 + 1;
    app.update(Action::Click { column, row });
    assert_eq!(focus(&app), other.id, "one click on the name jumps");
    assert_eq!(trail(&app), ["russia"]);
}
