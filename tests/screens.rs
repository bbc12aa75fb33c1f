//! What the explorer draws, cell by cell, through ratatui's TestBackend.

#[path = "common/app.rs"]
mod common;
use common::{focus_pane, run_command};

use kgx::formats::load_graph;
use kgx::graph::KnowledgeGraph;
use kgx::load::{self, Input};
use kgx::tui::action::{Action, Pane};
use kgx::tui::app::{App, RelationRow};
use kgx::tui::ui::{
    self,
    theme::{Palette, Theme},
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

const COLOR: Theme = Theme {
    color: true,
    palette: Palette::Dark,
};

fn seed() -> KnowledgeGraph {
    load_graph(&Input::Embedded).expect("seed graph")
}

fn render(app: &App, theme: Theme) -> Terminal<TestBackend> {
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| ui::draw(frame, app, theme))
        .expect("draws");
    terminal
}

fn screen(app: &App) -> String {
    render(app, COLOR).backend().to_string()
}

#[test]
fn main_screen_at_80x24() {
    insta::assert_snapshot!(screen(&App::new(seed(), 80, 24)));
}

#[test]
fn main_screen_at_120x40() {
    insta::assert_snapshot!(screen(&App::new(seed(), 120, 40)));
}

#[test]
fn wide_screen_puts_three_panes_side_by_side() {
    insta::assert_snapshot!(screen(&App::new(seed(), 200, 50)));
}

#[test]
fn after_typing_a_filter() {
    let mut app = App::new(seed(), 80, 24);
    app.update(Action::StartFilter);
    for c in "lav".chars() {
        app.update(Action::FilterChar(c));
    }
    let shown = screen(&app);
    assert!(shown.contains("/lav"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn after_a_jump_the_breadcrumb_shows_the_way() {
    let mut app = App::new(seed(), 100, 30);
    app.update(Action::StartFilter);
    for c in "lavrov".chars() {
        app.update(Action::FilterChar(c));
    }
    app.update(Action::AcceptFilter);
    app.update(Action::Cancel);
    focus_pane(&mut app, Pane::Relations);
    let to_shibani = app
        .rows()
        .iter()
        .position(
            |r| matches!(r, RelationRow::Link(l) if app.graph().actor(l.other).id == "al-shibani"),
        )
        .expect("Lavrov hosted al-Shibani");
    app.update(Action::Move(
        to_shibani as isize - app.relation_cursor().selected as isize,
    ));
    app.update(Action::Activate);
    let shown = screen(&app);
    assert!(
        shown.contains("Sergey Lavrov › Asaad al-Shibani"),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn help_overlay_lists_the_keys() {
    let mut app = App::new(seed(), 100, 40);
    app.update(Action::ToggleHelp);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn filter_menu() {
    let mut app = App::new(seed(), 100, 30);
    app.update(Action::OpenFilters);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn too_small_asks_for_a_larger_terminal() {
    let shown = screen(&App::new(seed(), 30, 8));
    assert!(shown.contains("Enlarge"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn no_color_uses_no_colours_but_still_marks_the_selection() {
    let mut app = App::new(seed(), 80, 24);
    focus_pane(&mut app, Pane::Relations);
    let terminal = render(
        &app,
        Theme {
            color: false,
            palette: Palette::Dark,
        },
    );
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!(
            cell.fg,
            Color::Reset,
            "a coloured cell under NO_COLOR: {cell:?}"
        );
        assert_eq!(
            cell.bg,
            Color::Reset,
            "a coloured cell under NO_COLOR: {cell:?}"
        );
    }
    let reversed = buffer
        .content()
        .iter()
        .filter(|cell| cell.modifier.contains(ratatui::style::Modifier::REVERSED))
        .count();
    assert!(reversed > 10, "the selected row is reversed");
    assert_eq!(
        terminal.backend().to_string(),
        render(&app, COLOR).backend().to_string(),
        "same text either way"
    );
}

#[test]
fn arabic_cyrillic_and_cjk_names_keep_the_layout() {
    let text = r#"Graph(title: "Unicode", actors: [
        Actor(id: "a", name: "أحمد الشرع", kind: Person),
        Actor(id: "b", name: "Сергей Лавров", kind: Person),
        Actor(id: "c", name: "中华人民共和国外交部发言人办公室", kind: Government),
        Actor(id: "d", name: "e\u{301}te\u{301} Zoë", kind: Place),
    ], relations: [
        Relation(from: "b", to: "a", kind: "hosted", label: "принимал 接待 استضاف"),
        Relation(from: "c", to: "a", kind: "met_with"),
        Relation(from: "d", to: "b", kind: "visited"),
    ])"#;
    let graph = KnowledgeGraph::new(load::parse_str("u.ron", text).expect("valid")).expect("graph");
    let mut app = App::new(graph, 80, 24);
    app.update(Action::Move(2));
    let terminal = render(&app, COLOR);
    let buffer = terminal.backend().buffer();
    let areas =
        kgx::tui::ui::layout::areas(80, 24, kgx::tui::action::View::Explore).expect("layout");
    for pane in [areas.actors, areas.relations, areas.evidence] {
        for y in pane.y + 1..pane.bottom() - 1 {
            for x in [pane.x, pane.right() - 1] {
                let symbol = buffer[(x, y)].symbol();
                assert!(
                    ["│", "┃"].contains(&symbol),
                    "border at ({x}, {y}) overwritten by {symbol:?}"
                );
            }
        }
    }
    insta::assert_snapshot!(terminal.backend().to_string());
}

/// Every view at a small and a large size, reached as a person would.
fn every_view(name: &str, prepare: impl Fn(&mut App), expect: &str) {
    for (width, height) in [(80, 24), (120, 40)] {
        let mut app = App::new(seed(), width, height);
        prepare(&mut app);
        let shown = screen(&app);
        assert!(
            shown.contains(expect),
            "{name} at {width}x{height}:\n{shown}"
        );
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), shown);
    }
}

#[test]
fn graph_view() {
    every_view(
        "graph",
        |app| app.update(Action::ShowView(kgx::tui::action::View::Graph)),
        "Neighbourhood of Russia · depth 1",
    );
}

#[test]
fn graph_view_two_steps_out() {
    every_view(
        "graph_depth_2",
        |app| {
            run_command(app, "path lavrov israel");
            app.update(Action::Activate);
            app.update(Action::ShowView(kgx::tui::action::View::Graph));
            app.update(Action::Depth(1));
        },
        "Neighbourhood of Sergey Lavrov · depth 2",
    );
}

#[test]
fn path_view() {
    every_view(
        "path",
        |app| run_command(app, "path lavrov israel"),
        "Paths from Sergey Lavrov to Israel",
    );
}

#[test]
fn timeline_view() {
    every_view(
        "timeline",
        |app| app.update(Action::ShowView(kgx::tui::action::View::Timeline)),
        "Timeline",
    );
}

#[test]
fn timeline_as_of_the_fall_of_assad() {
    every_view(
        "timeline_as_of",
        |app| {
            app.update(Action::ShowView(kgx::tui::action::View::Timeline));
            run_command(app, "asof 2024-12");
        },
        "as of 2024-12",
    );
}

#[test]
fn stats_view() {
    every_view(
        "stats",
        |app| {
            app.update(Action::ShowView(kgx::tui::action::View::Stats));
            for effect in app.take_effects() {
                if let kgx::tui::app::Effect::Compute(task) = effect
                    && let Some(result) = task.run()
                {
                    app.update(result);
                }
            }
        },
        "pagerank",
    );
}

#[test]
fn command_line_with_completions() {
    every_view(
        "command_line",
        |app| {
            app.update(Action::OpenCommand);
            for c in "path al".chars() {
                app.update(Action::CommandChar(c));
            }
            app.update(Action::CommandComplete);
        },
        "Tab next",
    );
}

#[test]
fn a_click_on_a_drawn_tab_opens_that_view_at_any_width() {
    use kgx::tui::action::View;
    for width in [50, 80, 200] {
        let app = App::new(seed(), width, 24);
        let shown = screen(&app);
        let tabs = shown.lines().next().expect("tab row");
        for view in View::ALL {
            let at = tabs
                .find(view.name())
                .unwrap_or_else(|| panic!("{} drawn at width {width}: {tabs}", view.name()));
            // The column of the name's first letter, in cells (the row
            // starts with a quote in the snapshot text).
            let column = tabs[..at].chars().count() - 1;
            assert_eq!(
                kgx::tui::app::tab_at(column as u16, width),
                Some(view),
                "width {width}"
            );
        }
    }
}
