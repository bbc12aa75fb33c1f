//! Keys and mouse events to actions. The binding table is also what the
//! help overlay shows, so help can never disagree with the keys in force.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::{Action, InputMode, View};

/// A group of bindings in the help overlay.
pub struct Section {
    /// The heading.
    pub title: &'static str,
    /// (keys as shown, what they do).
    pub bindings: &'static [(&'static str, &'static str)],
}

/// What the help overlay lists, in this order.
pub const HELP: &[Section] = &[
    Section {
        title: "Move",
        bindings: &[
            ("↑ ↓  k j", "previous / next row"),
            ("← →  h l", "previous / next pane"),
            ("Tab  Shift-Tab", "next / previous pane"),
            ("g G  Home End", "first / last row"),
            ("PgUp PgDn  Ctrl-u Ctrl-d", "page up / down"),
        ],
    },
    Section {
        title: "Explore",
        bindings: &[
            ("Enter", "open the actor / jump along the relation"),
            ("Backspace  [  Alt-←", "back to the previous actor"),
            ("]  Alt-→", "forward again"),
            ("/", "filter actors by name (Enter keeps, Esc clears)"),
            ("s", "sort actors by relations / by name"),
        ],
    },
    Section {
        title: "Views",
        bindings: &[
            ("1 2 3 4 5", "explore / graph / path / timeline / stats"),
            ("+ -", "graph: draw two steps out / one step"),
            (
                "m  p",
                "mark where paths start / find paths to the selection",
            ),
            (
                "d  x  a",
                "path: follow arrows / go around the selection / k shortest",
            ),
            ("< >", "as of: step back / forward through the dates"),
            ("s", "stats: sort by the next column"),
            (":", "command line (Tab completes, ↑↓ history; :help)"),
        ],
    },
    Section {
        title: "Filters",
        bindings: &[
            (
                "f",
                "filter menu: actor kinds, statuses, stances, relation kinds",
            ),
            (
                "Space  Enter",
                "in the filter menu: show or hide / show only this",
            ),
            ("F", "clear the filters (a click on a chip removes one)"),
            ("Space", "mark or unmark the actor"),
            ("o", "only relations among marked actors"),
        ],
    },
    Section {
        title: "Other",
        bindings: &[
            ("?", "this help"),
            (
                "M",
                "mouse capture on / off (off lets the terminal select text)",
            ),
            ("Esc", "close / clear"),
            ("q  Ctrl-c", "quit"),
        ],
    },
];

/// What a key means now. While the filter or the command line is being
/// typed, printable keys are text. Only presses count: terminals that
/// report releases would otherwise act twice.
pub fn key_action(key: KeyEvent, mode: InputMode) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    if mode == InputMode::Command {
        return match key.code {
            KeyCode::Enter => Some(Action::RunCommand),
            KeyCode::Esc => Some(Action::Cancel),
            KeyCode::Backspace => Some(Action::CommandBackspace),
            KeyCode::Tab => Some(Action::CommandComplete),
            KeyCode::Up => Some(Action::CommandHistory(-1)),
            KeyCode::Down => Some(Action::CommandHistory(1)),
            KeyCode::Char(c) if !ctrl && !alt => Some(Action::CommandChar(c)),
            _ => None,
        };
    }
    if mode == InputMode::Filter {
        return match key.code {
            KeyCode::Enter => Some(Action::AcceptFilter),
            KeyCode::Esc => Some(Action::Cancel),
            KeyCode::Backspace => Some(Action::FilterBackspace),
            KeyCode::Up => Some(Action::Move(-1)),
            KeyCode::Down => Some(Action::Move(1)),
            KeyCode::Tab => Some(Action::NextPane),
            KeyCode::Char(c) if !ctrl && !alt => Some(Action::FilterChar(c)),
            _ => None,
        };
    }
    let action = match key.code {
        KeyCode::Left if alt => Action::Back,
        KeyCode::Right if alt => Action::Forward,
        KeyCode::Char('u') if ctrl => Action::Page(-1),
        KeyCode::Char('d') if ctrl => Action::Page(1),
        _ if ctrl || alt => return None,
        KeyCode::Up | KeyCode::Char('k') => Action::Move(-1),
        KeyCode::Down | KeyCode::Char('j') => Action::Move(1),
        KeyCode::Left | KeyCode::Char('h') => Action::PreviousPane,
        KeyCode::Right | KeyCode::Char('l') => Action::NextPane,
        KeyCode::Tab => Action::NextPane,
        KeyCode::BackTab => Action::PreviousPane,
        KeyCode::Char(digit @ '1'..='5') => {
            Action::ShowView(View::ALL[usize::from(digit as u8 - b'1')])
        }
        KeyCode::Char('+' | '=') => Action::Depth(1),
        KeyCode::Char('-') => Action::Depth(-1),
        KeyCode::Char('m') => Action::SetPathStart,
        KeyCode::Char('p') => Action::FindPath,
        KeyCode::Char('d') => Action::ToggleDirected,
        KeyCode::Char('x') => Action::ToggleAvoid,
        KeyCode::Char('a') => Action::TogglePathMode,
        KeyCode::Char('<') => Action::StepAsOf(-1),
        KeyCode::Char('>') => Action::StepAsOf(1),
        KeyCode::Char(':') => Action::OpenCommand,
        KeyCode::Home | KeyCode::Char('g') => Action::First,
        KeyCode::End | KeyCode::Char('G') => Action::Last,
        KeyCode::PageUp => Action::Page(-1),
        KeyCode::PageDown => Action::Page(1),
        KeyCode::Enter => Action::Activate,
        KeyCode::Backspace | KeyCode::Char('[') => Action::Back,
        KeyCode::Char(']') => Action::Forward,
        KeyCode::Char('/') => Action::StartFilter,
        KeyCode::Esc => Action::Cancel,
        KeyCode::Char('s') => Action::ToggleSort,
        KeyCode::Char(' ') => Action::ToggleMark,
        KeyCode::Char('o') => Action::ToggleMarkedOnly,
        KeyCode::Char('f') => Action::OpenFilters,
        KeyCode::Char('F') => Action::ClearFilters,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Char('M') => Action::ToggleMouse,
        KeyCode::Char('q') => Action::Quit,
        _ => return None,
    };
    Some(action)
}

/// What a mouse event means: left clicks select, the wheel scrolls.
pub fn mouse_action(mouse: MouseEvent) -> Option<Action> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        MouseEventKind::ScrollDown => Some(Action::Scroll {
            column,
            row,
            lines: 3,
        }),
        MouseEventKind::ScrollUp => Some(Action::Scroll {
            column,
            row,
            lines: -3,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn letters_are_commands_until_the_filter_is_being_typed() {
        assert_eq!(
            key_action(press(KeyCode::Char('q')), InputMode::Keys),
            Some(Action::Quit)
        );
        assert_eq!(
            key_action(press(KeyCode::Char('q')), InputMode::Filter),
            Some(Action::FilterChar('q'))
        );
        assert_eq!(
            key_action(press(KeyCode::Char('j')), InputMode::Keys),
            Some(Action::Move(1))
        );
        assert_eq!(
            key_action(press(KeyCode::Enter), InputMode::Filter),
            Some(Action::AcceptFilter)
        );
        assert_eq!(
            key_action(press(KeyCode::Enter), InputMode::Keys),
            Some(Action::Activate)
        );
    }

    #[test]
    fn ctrl_c_always_quits_and_releases_are_ignored() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(key_action(ctrl_c, InputMode::Filter), Some(Action::Quit));
        assert_eq!(key_action(ctrl_c, InputMode::Keys), Some(Action::Quit));
        let mut release = press(KeyCode::Char('q'));
        release.kind = KeyEventKind::Release;
        assert_eq!(key_action(release, InputMode::Keys), None);
    }

    #[test]
    fn back_and_forward_have_browser_keys() {
        let alt = |code| KeyEvent::new(code, KeyModifiers::ALT);
        assert_eq!(
            key_action(alt(KeyCode::Left), InputMode::Keys),
            Some(Action::Back)
        );
        assert_eq!(
            key_action(alt(KeyCode::Right), InputMode::Keys),
            Some(Action::Forward)
        );
        assert_eq!(
            key_action(press(KeyCode::Backspace), InputMode::Keys),
            Some(Action::Back)
        );
        assert_eq!(
            key_action(press(KeyCode::Backspace), InputMode::Filter),
            Some(Action::FilterBackspace)
        );
        assert_eq!(
            key_action(press(KeyCode::Char('[')), InputMode::Keys),
            Some(Action::Back)
        );
        assert_eq!(
            key_action(press(KeyCode::Char(']')), InputMode::Keys),
            Some(Action::Forward)
        );
    }

    #[test]
    fn the_command_line_takes_every_printable_key_as_text() {
        for c in ['q', '1', ':', ' ', 'p'] {
            assert_eq!(
                key_action(press(KeyCode::Char(c)), InputMode::Command),
                Some(Action::CommandChar(c))
            );
        }
        assert_eq!(
            key_action(press(KeyCode::Tab), InputMode::Command),
            Some(Action::CommandComplete)
        );
        assert_eq!(
            key_action(press(KeyCode::Up), InputMode::Command),
            Some(Action::CommandHistory(-1))
        );
        assert_eq!(
            key_action(press(KeyCode::Char('3')), InputMode::Keys),
            Some(Action::ShowView(View::Path))
        );
    }

    #[test]
    fn every_key_named_in_help_does_something() {
        let keys = [
            'k', 'j', 'h', 'l', '1', '2', '3', '4', '5', '+', '-', 'm', 'p', 'd', 'x', 'a', '<',
            '>', ':', 'g', 'G', '[', ']', '/', 's', 'f', 'F', ' ', 'o', '?', 'M', 'q',
        ];
        for key in keys {
            let shown = HELP.iter().flat_map(|s| s.bindings).any(|(keys, _)| {
                keys.split_whitespace()
                    .any(|k| k == key.to_string() || (key == ' ' && k == "Space"))
            });
            assert!(shown, "{key:?} is missing from the help");
            assert!(
                key_action(press(KeyCode::Char(key)), InputMode::Keys).is_some(),
                "{key:?} does nothing"
            );
        }
    }
}
