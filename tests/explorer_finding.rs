//! Finding an actor with `/`: the actor typed is the one listed first and
//! the one Enter opens, never a fuzzier match with more relations.

#[path = "common/app.rs"]
mod common;
use common::{focus, id, listed, screen, type_filter};

use kgx::formats::load_graph;
use kgx::load::Input;
use kgx::tui::action::Action;
use kgx::tui::app::{App, MatchedOn};

fn app() -> App {
    common::seed_app(100, 30)
}

#[test]
fn a_whole_alias_or_id_ranks_above_a_name_that_starts_with_it() {
    let mut app = app();
    type_filter(&mut app, "hts");
    let listed = listed(&app);
    assert_eq!(listed[0], "hts", "alias HTS, id hts: {listed:?}");
    assert_eq!(listed[1], "hts-offensive");
}

#[test]
fn enter_after_a_name_opens_that_actor_not_a_busier_one() {
    for (query, expected) in [
        ("putin", "putin"),
        ("moscow", "moscow"),
        ("opcw", "opcw"),
        ("lavrov", "lavrov"),
        ("russia", "russia"),
    ] {
        let mut app = app();
        type_filter(&mut app, query);
        assert_eq!(listed(&app)[0], expected, "/{query}: {:?}", listed(&app));
        app.update(Action::AcceptFilter);
        assert_eq!(focus(&app), expected, "/{query} + Enter");
    }
}

#[test]
fn scattered_letters_are_left_out_while_something_matches_in_one_piece() {
    let mut app = app();
    type_filter(&mut app, "russia");
    let listed = listed(&app);
    assert!(
        !listed.contains(&"druze-clashes-2025".to_owned()),
        "\"Druze clashes in southern Syria\" only scatters the letters: {listed:?}"
    );
    assert!(listed.contains(&"russian-intervention-2015".to_owned()));

    // With nothing in one piece, scattered letters still find the actor.
    type_filter(&mut app, "lvrv");
    assert_eq!(self::listed(&app)[0], "lavrov");
}

#[test]
fn word_starts_come_before_letters_inside_a_word() {
    let mut app = app();
    type_filter(&mut app, "al");
    let starts_a_word = |node: kgx::graph::NodeIndex| {
        let actor = app.graph().actor(node);
        std::iter::once(&actor.name)
            .chain(&actor.aliases)
            .chain(std::iter::once(&actor.id))
            .any(|text| {
                text.to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|word| word.starts_with("al"))
            })
    };
    let order: Vec<bool> = app.listed().iter().map(|l| starts_a_word(l.node)).collect();
    assert!(order.contains(&false), "inside matches too: {order:?}");
    assert!(
        order.windows(2).all(|pair| pair[0] || !pair[1]),
        "word starts first: {order:?} {:?}",
        listed(&app)
    );
}

#[test]
fn a_leading_caret_asks_for_the_start_and_a_quote_for_one_piece() {
    let mut app = app();
    type_filter(&mut app, "^syria");
    for (node, name) in app
        .listed()
        .iter()
        .map(|l| (l.node, app.graph().actor(l.node)))
    {
        let starts = std::iter::once(&name.name)
            .chain(&name.aliases)
            .chain(std::iter::once(&name.id))
            .any(|text| text.to_lowercase().starts_with("syria"));
        assert!(starts, "{node:?} {} starts with Syria", name.name);
    }
    type_filter(&mut app, "'lvrv");
    assert!(app.listed().is_empty(), "in one piece only");
}

#[test]
fn enter_focuses_the_selected_row() {
    let mut app = app();
    type_filter(&mut app, "hts");
    app.update(Action::Move(1));
    let second = listed(&app)[1].clone();
    assert_eq!(id(&app, app.selected_actor()), second);
    app.update(Action::AcceptFilter);
    assert_eq!(
        focus(&app),
        second,
        "Enter opens the row selected, not the top"
    );
}

#[test]
fn typing_moves_neither_the_focus_nor_the_breadcrumb_until_enter() {
    let mut app = app();
    let before = focus(&app);
    type_filter(&mut app, "lavrov");
    assert_eq!(focus(&app), before, "the card stays while typing");
    app.update(Action::Move(1));
    assert_eq!(focus(&app), before, "so does choosing a row");
    assert!(app.trail().is_empty());
    app.update(Action::Move(-1));
    app.update(Action::AcceptFilter);
    assert_eq!(focus(&app), "lavrov");

    // Esc while typing leaves the card where it was.
    type_filter(&mut app, "israel");
    app.update(Action::Cancel);
    assert_eq!(focus(&app), "lavrov");
    assert_eq!(id(&app, app.selected_actor()), "lavrov");
}

#[test]
fn a_new_slash_starts_a_new_query_and_arrows_recall_the_earlier_ones() {
    let mut app = app();
    type_filter(&mut app, "hts");
    app.update(Action::AcceptFilter);
    type_filter(&mut app, "israel");
    assert_eq!(app.query(), "israel", "not htsisrael");
    app.update(Action::AcceptFilter);
    assert_eq!(focus(&app), "israel");

    app.update(Action::StartFilter);
    assert_eq!(app.query(), "");
    app.update(Action::Move(-1));
    assert_eq!(app.query(), "israel");
    app.update(Action::Move(-1));
    assert_eq!(app.query(), "hts");
    assert_eq!(listed(&app)[0], "hts", "the recalled query lists");
    app.update(Action::Move(-1));
    assert_eq!(app.query(), "hts", "the oldest stays");
    app.update(Action::Move(1));
    assert_eq!(app.query(), "israel");
    app.update(Action::Move(1));
    assert_eq!(app.query(), "", "past the newest, an empty query");

    // Once the query is edited, the arrows choose a row again.
    app.update(Action::FilterHistory(-1));
    assert_eq!(app.query(), "israel");
    app.update(Action::FilterBackspace);
    app.update(Action::Move(1));
    assert_eq!(app.query(), "israe");
    assert_eq!(app.actor_cursor().selected, 1);
}

#[test]
fn a_match_on_an_alias_is_shown_beside_the_name() {
    let mut app = App::new(load_graph(&Input::Embedded).expect("seed graph"), 160, 30);
    type_filter(&mut app, "hts");
    let hts = &app.listed()[0];
    assert_eq!(hts.on, MatchedOn::Alias(0));
    let shown = screen(&app);
    assert!(shown.contains("Hayat Tahrir al-Sham  (HTS)"), "{shown}");

    // A name matched in one piece is reason enough: no alias beside it.
    type_filter(&mut app, "lavrov");
    assert_eq!(app.listed()[0].on, MatchedOn::Name);
    let shown = screen(&app);
    assert!(shown.contains("Sergey Lavrov "), "{shown}");
    assert!(!shown.contains("(Lavrov)"), "{shown}");
}
