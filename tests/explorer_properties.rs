//! Whatever a person presses or clicks, at whatever terminal size, the
//! explorer neither panics nor draws outside the screen.

use kgx::formats::load_graph;
use kgx::load::Input;
use kgx::tui::action::{Action, View};
use kgx::tui::app::App;
use kgx::tui::keymap;
use kgx::tui::ui::{
    self,
    theme::{Palette, Theme},
};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// A terminal event as the event loop would receive it.
#[derive(Clone, Debug)]
enum UserEvent {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    Direct(Action),
    /// A whole command line, run as `:` Enter would.
    Command(String),
}

fn keys() -> impl Strategy<Value = KeyEvent> {
    let code = prop_oneof![
        any::<char>().prop_map(KeyCode::Char),
        prop::sample::select(
            "jkhlgGq/?sfFoM []12345xabcmpdx+-<>:"
                .chars()
                .map(KeyCode::Char)
                .collect::<Vec<_>>()
        ),
        prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Backspace,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
        ]),
    ];
    let modifiers = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::ALT,
        KeyModifiers::CONTROL,
    ]);
    (code, modifiers).prop_map(|(code, modifiers)| KeyEvent::new(code, modifiers))
}

fn inputs() -> impl Strategy<Value = UserEvent> {
    prop_oneof![
        6 => keys().prop_map(UserEvent::Key),
        2 => (0u16..220, 0u16..70, prop::sample::select(vec![
                MouseEventKind::Down(MouseButton::Left),
                MouseEventKind::ScrollDown,
                MouseEventKind::ScrollUp,
            ]))
            .prop_map(|(column, row, kind)| UserEvent::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE })),
        1 => (1u16..220, 1u16..70).prop_map(|(w, h)| UserEvent::Resize(w, h)),
        1 => prop_oneof![
                (-1000isize..1000).prop_map(Action::Move),
                (-5isize..5).prop_map(Action::Page),
                prop::sample::select(View::ALL.to_vec()).prop_map(Action::ShowView),
                (-3isize..3).prop_map(Action::StepAsOf),
                Just(Action::RunCommand),
                Just(Action::ToggleOption),
                Just(Action::ClearFilters),
            ].prop_map(UserEvent::Direct),
        1 => prop::sample::select(vec![
                "path russia israel", "path lavrov hts --k 3 --directed", "asof 2024-12",
                "filter status=claimed", "filter clear", "view graph", "depth 2", "nonsense",
            ]).prop_map(|command| UserEvent::Command(command.to_owned())),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_input_at_random_sizes_never_panics(
        width in 1u16..220,
        height in 1u16..70,
        events in proptest::collection::vec(inputs(), 1..60),
        color in any::<bool>(),
    ) {
        let graph = load_graph(&Input::Embedded).expect("seed graph");
        let mut app = App::new(graph, width, height);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        let theme = Theme { color, palette: Palette::Dark };
        for event in events {
            let action = match event {
                UserEvent::Key(key) => app.keymap().action(key, app.input_mode()),
                UserEvent::Mouse(mouse) => keymap::mouse_action(mouse),
                UserEvent::Resize(w, h) => {
                    terminal.backend_mut().resize(w, h);
                    Some(Action::Resize { width: w, height: h })
                }
                UserEvent::Direct(action) => Some(action),
                // Whole command lines, not only single keys, get exercised.
                UserEvent::Command(command) => {
                    let _ = app.execute(&command);
                    if app.should_quit() {
                        continue;
                    }
                    None
                }
            };
            if let Some(action) = action {
                if action == Action::Quit {
                    continue;
                }
                app.update(action);
            }
            let _ = app.take_effects();
            terminal.draw(|frame| ui::draw(frame, &app, theme)).expect("draws");
            let cursor = app.actor_cursor();
            prop_assert!(app.listed().is_empty() || cursor.selected < app.listed().len());
            prop_assert!(cursor.offset <= cursor.selected);
            let stats = app.stats();
            prop_assert!(stats.rows.is_empty() || stats.cursor.selected < stats.rows.len());
            let timeline = app.timeline();
            prop_assert!(timeline.rows.is_empty() || timeline.cursor.selected < timeline.rows.len());
        }
    }
}
