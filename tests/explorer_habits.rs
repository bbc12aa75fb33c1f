//! What people reach for from lazygit, k9s and yazi: copying a citation,
//! a search that highlights, an editor at the record, clearing marks,
//! breadcrumbs that go back, and keys that say when they do nothing.

#[path = "common/app.rs"]
mod common;
use common::{focus, focus_pane, open, screen, select_relation_to};

use std::path::PathBuf;

use kgx::formats::load_graph;
use kgx::load::Input;
use kgx::tui::action::{Action, Pane};
use kgx::tui::app::{App, Effect};

fn app() -> App {
    common::seed_app(100, 30)
}

fn copied(app: &mut App) -> Vec<String> {
    app.take_effects()
        .into_iter()
        .filter_map(|effect| match effect {
            Effect::Copy(text) => Some(text),
            _ => None,
        })
        .collect()
}

#[test]
fn y_copies_the_relation_as_a_citation_and_capital_y_the_card() {
    let mut app = app();
    open(&mut app, "lavrov");
    select_relation_to(&mut app, "al-shibani");
    app.update(Action::CopyRelation);
    let texts = copied(&mut app);
    let [text] = texts.as_slice() else {
        panic!("one copy: {texts:?}");
    };
    assert!(
        text.starts_with("Sergey Lavrov → hosted in Moscow → Asaad al-Shibani (2025-07-31, "),
        "{text}"
    );
    assert!(text.contains('“'), "the quote: {text}");
    assert!(
        app.message().is_some_and(|m| m.starts_with("copied")),
        "{:?}",
        app.message()
    );

    app.update(Action::CopyActor);
    let texts = copied(&mut app);
    assert!(
        texts[0].starts_with("Sergey Lavrov (Person, id lavrov)\nalso known as: Lavrov"),
        "the focus's card: {texts:?}"
    );
}

#[test]
fn a_copied_name_cannot_carry_a_terminal_escape() {
    let text = r#"(
        title: "t",
        actors: [
            (id: "a", name: "Evil\u{1b}]52;c;aGk=\u{7}", kind: Person),
            (id: "b", name: "B", kind: Person),
        ],
        relations: [(from: "a", to: "b", kind: "met_with")],
    )"#;
    let dir = std::env::temp_dir().join(format!("kgx-copy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch");
    let file = dir.join("evil.ron");
    std::fs::write(&file, text).expect("written");
    let graph = load_graph(Input::Path(file)).expect("loads");
    let mut app = App::new(graph, 100, 30);
    app.update(Action::CopyActor);
    let texts = copied(&mut app);
    assert!(
        texts.iter().all(|text| !text.contains('\u{1b}')),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|text| text.contains("\\u{1b}")),
        "{texts:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_unbound_key_says_it_does_nothing() {
    let mut app = app();
    app.update(Action::Unbound("z".into()));
    assert_eq!(app.message(), Some("z: no action (? for help)"));
    app.update(Action::Move(1));
    assert_eq!(app.message(), None, "only for a moment");
}

#[test]
fn one_key_unmarks_everyone_and_ends_marked_only() {
    let mut app = app();
    app.update(Action::ToggleMark);
    app.update(Action::Move(1));
    app.update(Action::ToggleMark);
    app.update(Action::ToggleMarkedOnly);
    assert!(app.marked_only());
    app.update(Action::ClearMarks);
    assert!(app.marked().is_empty());
    assert!(!app.marked_only());
    assert_eq!(app.listed().len(), app.graph().actor_count());
}

#[test]
fn colon_q_quits() {
    let mut app = app();
    app.update(Action::OpenCommand);
    app.update(Action::CommandChar('q'));
    app.update(Action::RunCommand);
    assert!(app.should_quit());
}

#[test]
fn a_click_on_the_breadcrumb_goes_back_to_that_actor() {
    let mut app = app();
    open(&mut app, "lavrov");
    select_relation_to(&mut app, "al-shibani");
    app.update(Action::Activate);
    select_relation_to(&mut app, "israel");
    app.update(Action::Activate);
    assert_eq!(focus(&app), "israel");
    let shown = screen(&app);
    let breadcrumb = shown.lines().nth(1).expect("the second line");
    assert!(
        breadcrumb.contains("Sergey Lavrov › Asaad al-Shibani › Israel"),
        "{breadcrumb}"
    );
    let column = breadcrumb.find("Sergey").expect("Lavrov shown");
    let column = breadcrumb[..column].chars().count() as u16 + 2;
    app.update(Action::Click { column, row: 1 });
    assert_eq!(focus(&app), "lavrov");
    assert_eq!(app.forward_steps(), 2, "forward goes to the later ones");
}

#[test]
fn ctrl_f_searches_and_n_steps_without_hiding_anything() {
    let mut app = app();
    open(&mut app, "lavrov");
    let rows = app.rows().len();
    app.update(Action::StartSearch);
    for c in "moscow".chars() {
        app.update(Action::SearchChar(c));
    }
    app.update(Action::AcceptSearch);
    assert_eq!(app.rows().len(), rows, "a search, not a filter");
    let first = app.selected_link().expect("a match selected").relation;
    assert!(
        app.message().is_some_and(|m| m.contains("match 1 of")),
        "{:?}",
        app.message()
    );
    let shown = screen(&app);
    assert!(shown.contains("Moscow"), "{shown}");
    app.update(Action::SearchStep(1));
    app.update(Action::SearchStep(-1));
    assert_eq!(app.selected_link().map(|l| l.relation), Some(first));
    app.update(Action::Cancel);
    assert_eq!(app.search_word(), None);
}

#[test]
fn e_asks_for_the_editor_at_the_record_line() {
    let mut app = app();
    app.update(Action::EditRecord);
    assert!(app.take_effects().is_empty(), "the seed has no file");
    assert!(app.message().is_some());

    let dir = std::env::temp_dir().join(format!("kgx-edit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch");
    let file = dir.join("two.ron");
    std::fs::write(
        &file,
        "(\n  title: \"t\",\n  actors: [\n    (id: \"a\", name: \"A\", kind: Person),\n    (id: \"b\", name: \"B\", kind: Person),\n  ],\n  relations: [\n    (from: \"a\", to: \"b\", kind: \"met_with\"),\n  ],\n)\n",
    )
    .expect("written");
    let graph = load_graph(Input::Path(file.clone())).expect("loads");
    let mut app = App::new(graph, 100, 30).with_lint(Some(kgx::load::Input::Path(file.clone())));
    app.take_effects();
    let b = app
        .listed()
        .iter()
        .position(|l| app.graph().actor(l.node).id == "b")
        .expect("b listed");
    app.update(Action::Move(b as isize));
    app.update(Action::Activate);
    app.take_effects();
    focus_pane(&mut app, Pane::Actors);
    app.update(Action::EditRecord);
    let edits: Vec<(PathBuf, Option<usize>)> = app
        .take_effects()
        .into_iter()
        .filter_map(|effect| match effect {
            Effect::Edit { file, line } => Some((file, line)),
            _ => None,
        })
        .collect();
    assert_eq!(edits, [(file.clone(), Some(5))], "b starts on line 5");
    focus_pane(&mut app, Pane::Relations);
    app.update(Action::EditRecord);
    let lines: Vec<Option<usize>> = app
        .take_effects()
        .into_iter()
        .filter_map(|effect| match effect {
            Effect::Edit { line, .. } => Some(line),
            _ => None,
        })
        .collect();
    assert_eq!(lines, [Some(8)], "the relation starts on line 8");
    let _ = std::fs::remove_dir_all(dir);
}
