//! Keys and mouse events to actions. The bindings can be changed in the
//! config file, so the help overlay and the status-bar hints are generated
//! from the keymap in force: they can never disagree with the keys.
//!
//! Only the keys of the main screen are configurable. While the filter or
//! the command line is being typed, keys are text and the editing keys are
//! fixed; Ctrl-c quits everywhere, so no config can lock a person in.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::{Action, Edit, InputMode, Pane, View};

/// A key as bindings name it: a key code and Ctrl and Alt. Shift is part
/// of the character (`G`), or of `Shift-Tab`; terminals report it
/// inconsistently otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    ctrl: bool,
    alt: bool,
}

impl Key {
    /// The key a terminal event is, as bindings compare it.
    pub fn from_event(event: KeyEvent) -> Key {
        Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }
}

/// Named keys a binding may use, with the name shown in help.
const NAMED_KEYS: &[(&str, KeyCode, &str)] = &[
    ("up", KeyCode::Up, "↑"),
    ("down", KeyCode::Down, "↓"),
    ("left", KeyCode::Left, "←"),
    ("right", KeyCode::Right, "→"),
    ("enter", KeyCode::Enter, "Enter"),
    ("esc", KeyCode::Esc, "Esc"),
    ("tab", KeyCode::Tab, "Tab"),
    ("shift-tab", KeyCode::BackTab, "Shift-Tab"),
    ("backspace", KeyCode::Backspace, "Backspace"),
    ("delete", KeyCode::Delete, "Delete"),
    ("insert", KeyCode::Insert, "Insert"),
    ("home", KeyCode::Home, "Home"),
    ("end", KeyCode::End, "End"),
    ("pageup", KeyCode::PageUp, "PgUp"),
    ("pagedown", KeyCode::PageDown, "PgDn"),
    ("space", KeyCode::Char(' '), "Space"),
];

/// Other spellings people reach for.
const ALIASES: &[(&str, &str)] = &[
    ("return", "enter"),
    ("escape", "esc"),
    ("backtab", "shift-tab"),
    ("pgup", "pageup"),
    ("pgdn", "pagedown"),
    ("del", "delete"),
    ("ins", "insert"),
];

/// Why a key string is not a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadKey {
    /// What is wrong.
    pub message: String,
    /// What was probably meant.
    pub help: Option<String>,
}

impl FromStr for Key {
    type Err = BadKey;

    /// Reads `q`, `G`, `ctrl-d`, `alt-left`, `shift-tab`, `pagedown`, `f5`,
    /// `space`; names and modifiers in any case, characters as written.
    fn from_str(text: &str) -> Result<Key, BadKey> {
        let mut key = Key {
            code: KeyCode::Null,
            ctrl: false,
            alt: false,
        };
        let mut rest = text;
        let mut shift = false;
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = ["ctrl-", "alt-", "shift-"]
                .into_iter()
                .find(|prefix| lower.starts_with(prefix) && rest.len() > prefix.len());
            match prefix {
                Some("ctrl-") => key.ctrl = true,
                Some("alt-") => key.alt = true,
                Some(_) => shift = true,
                None => break,
            }
            rest = &rest[prefix.map_or(0, str::len)..];
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (None, _) => {
                return Err(BadKey {
                    message: "an empty key".into(),
                    help: Some(
                        "write a character such as \"q\" or a name such as \"enter\"".into(),
                    ),
                });
            }
            (Some(c), None) if shift && c.is_alphabetic() => {
                KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
            }
            (Some(c), None) if !shift => KeyCode::Char(c),
            _ => named(rest, shift)?,
        };
        Ok(key)
    }
}

/// The key code of a key name (`shift` given: only Shift-Tab exists).
fn named(name: &str, shift: bool) -> Result<KeyCode, BadKey> {
    let lower = name.to_ascii_lowercase();
    let lower = ALIASES
        .iter()
        .find(|(alias, _)| *alias == lower)
        .map_or(lower.as_str(), |(_, name)| name);
    if shift {
        return match lower {
            "tab" => Ok(KeyCode::BackTab),
            _ => Err(BadKey {
                message: format!("\"shift-{name}\" is not a key kgx can tell apart"),
                help: Some("Shift goes with letters (\"shift-g\" is \"G\") and Tab".into()),
            }),
        };
    }
    if let Some((_, code, _)) = NAMED_KEYS.iter().find(|(known, _, _)| *known == lower) {
        return Ok(*code);
    }
    if let Some(number) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok())
        && (1..=12).contains(&number)
    {
        return Ok(KeyCode::F(number));
    }
    let names = NAMED_KEYS
        .iter()
        .map(|(name, _, _)| *name)
        .chain(ALIASES.iter().map(|(alias, _)| *alias));
    Err(BadKey {
        message: format!("unknown key \"{name}\""),
        help: crate::suggest::did_you_mean(name, names).or_else(|| {
            Some("keys are characters (\"q\", \"G\"), names such as \"enter\", \"pagedown\", \"f5\", with \"ctrl-\" or \"alt-\" before them".into())
        }),
    })
}

impl fmt::Display for Key {
    /// The key as help shows it: `q`, `Ctrl-d`, `Alt-←`, `PgDn`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::F(number) => write!(f, "F{number}"),
            code => match NAMED_KEYS.iter().find(|(_, known, _)| *known == code) {
                Some((_, _, shown)) => f.write_str(shown),
                None => match code {
                    KeyCode::Char(c) => write!(f, "{c}"),
                    other => write!(f, "{other:?}"),
                },
            },
        }
    }
}

/// Something a key can be bound to, under the name the config file uses.
pub struct Bindable {
    /// The name in the config file's `keys` map.
    pub name: &'static str,
    /// What it does.
    pub action: Action,
    /// The keys it has unless the config says otherwise, as written there.
    pub keys: &'static [&'static str],
    /// One line for the default config's comment.
    pub what: &'static str,
}

const fn bind(
    name: &'static str,
    action: Action,
    keys: &'static [&'static str],
    what: &'static str,
) -> Bindable {
    Bindable {
        name,
        action,
        keys,
        what,
    }
}

/// Every action of the main screen a key can be bound to, with its
/// default keys, in the order the default config lists them.
pub const BINDABLE: &[Bindable] = &[
    bind("up", Action::Move(-1), &["up", "k"], "previous row"),
    bind("down", Action::Move(1), &["down", "j"], "next row"),
    bind("first", Action::First, &["home", "g"], "first row"),
    bind("last", Action::Last, &["end", "G"], "last row"),
    bind(
        "page-up",
        Action::Page(-1),
        &["pageup", "ctrl-u"],
        "a page up",
    ),
    bind(
        "page-down",
        Action::Page(1),
        &["pagedown", "ctrl-d"],
        "a page down",
    ),
    bind(
        "next-pane",
        Action::NextPane,
        &["right", "l", "tab"],
        "next pane",
    ),
    bind(
        "previous-pane",
        Action::PreviousPane,
        &["left", "h", "shift-tab"],
        "previous pane",
    ),
    bind(
        "open",
        Action::Activate,
        &["enter"],
        "open the actor, or jump along the relation",
    ),
    bind(
        "back",
        Action::Back,
        &["backspace", "[", "alt-left"],
        "back to the previous actor",
    ),
    bind(
        "forward",
        Action::Forward,
        &["]", "alt-right"],
        "forward again",
    ),
    bind(
        "filter",
        Action::StartFilter,
        &["/"],
        "filter actors by name",
    ),
    bind(
        "sort",
        Action::ToggleSort,
        &["s"],
        "sort actors (stats: by the next column)",
    ),
    bind(
        "view-explore",
        Action::ShowView(View::Explore),
        &["1"],
        "the explore view",
    ),
    bind(
        "view-graph",
        Action::ShowView(View::Graph),
        &["2"],
        "the graph view",
    ),
    bind(
        "view-path",
        Action::ShowView(View::Path),
        &["3"],
        "the path view",
    ),
    bind(
        "view-timeline",
        Action::ShowView(View::Timeline),
        &["4"],
        "the timeline view",
    ),
    bind(
        "view-stats",
        Action::ShowView(View::Stats),
        &["5"],
        "the stats view",
    ),
    bind(
        "deeper",
        Action::Depth(1),
        &["+", "="],
        "graph: draw two steps out",
    ),
    bind(
        "shallower",
        Action::Depth(-1),
        &["-"],
        "graph: draw one step out",
    ),
    bind(
        "path-start",
        Action::SetPathStart,
        &["m"],
        "mark where paths start",
    ),
    bind(
        "find-path",
        Action::FindPath,
        &["p"],
        "find paths to the selection",
    ),
    bind(
        "path-directed",
        Action::ToggleDirected,
        &["d"],
        "path: follow arrows or not",
    ),
    bind(
        "path-avoid",
        Action::ToggleAvoid,
        &["x"],
        "path: go around the selection",
    ),
    bind(
        "path-mode",
        Action::TogglePathMode,
        &["a"],
        "path: all shortest or k shortest",
    ),
    bind(
        "earlier",
        Action::StepAsOf(-1),
        &["<"],
        "as of: step back through the dates",
    ),
    bind(
        "later",
        Action::StepAsOf(1),
        &[">"],
        "as of: step forward through the dates",
    ),
    bind("command", Action::OpenCommand, &[":"], "the command line"),
    bind(
        "copy-relation",
        Action::CopyRelation,
        &["y"],
        "copy the selected relation as a citation",
    ),
    bind(
        "copy-actor",
        Action::CopyActor,
        &["Y"],
        "copy the actor's card",
    ),
    bind(
        "search",
        Action::StartSearch,
        &["ctrl-f"],
        "search the relations and their evidence",
    ),
    bind(
        "next-match",
        Action::SearchStep(1),
        &["n"],
        "the next relation the search matches",
    ),
    bind(
        "previous-match",
        Action::SearchStep(-1),
        &["N"],
        "the previous relation the search matches",
    ),
    bind(
        "edit",
        Action::EditRecord,
        &["e"],
        "open the data file in $VISUAL or $EDITOR at the record",
    ),
    bind("filters", Action::OpenFilters, &["f"], "the filter menu"),
    bind(
        "clear-filters",
        Action::ClearFilters,
        &["F"],
        "clear the filters",
    ),
    bind(
        "mark",
        Action::ToggleMark,
        &["space"],
        "mark or unmark the actor",
    ),
    bind(
        "marked-only",
        Action::ToggleMarkedOnly,
        &["o"],
        "only relations among marked actors",
    ),
    bind(
        "clear-marks",
        Action::ClearMarks,
        &["U"],
        "unmark every actor",
    ),
    bind("help", Action::ToggleHelp, &["?"], "the help overlay"),
    bind(
        "problems",
        Action::ShowProblems,
        &["!"],
        "the problems overlay: load problems and lint findings",
    ),
    bind(
        "mouse",
        Action::ToggleMouse,
        &["M"],
        "mouse capture on or off",
    ),
    bind("cancel", Action::Cancel, &["esc"], "close or clear"),
    bind(
        "retry",
        Action::Retry,
        &["r"],
        "ask the SPARQL endpoint again",
    ),
    bind(
        "quit",
        Action::Quit,
        &["q"],
        "quit (Ctrl-c always quits too)",
    ),
];

/// The key that quits whatever the config and the input mode, so no
/// binding can lock a person in.
pub const ALWAYS_QUITS: Key = Key {
    code: KeyCode::Char('c'),
    ctrl: true,
    alt: false,
};

/// The index into [`BINDABLE`] of the action called `name`.
pub fn bindable(name: &str) -> Option<usize> {
    BINDABLE.iter().position(|b| b.name == name)
}

/// The readline key `key` is, in a line being typed.
fn line_edit(key: Key) -> Option<Edit> {
    let edit = match (key.code, key.ctrl, key.alt) {
        (KeyCode::Char('a'), true, false) | (KeyCode::Home, false, false) => Edit::Start,
        (KeyCode::Char('e'), true, false) | (KeyCode::End, false, false) => Edit::End,
        (KeyCode::Char('b'), true, false) | (KeyCode::Left, false, false) => Edit::Left,
        (KeyCode::Char('f'), true, false) | (KeyCode::Right, false, false) => Edit::Right,
        (KeyCode::Char('b'), false, true) | (KeyCode::Left, _, true) => Edit::WordLeft,
        (KeyCode::Char('f'), false, true) | (KeyCode::Right, _, true) => Edit::WordRight,
        (KeyCode::Char('w'), true, false) | (KeyCode::Backspace, false, true) => {
            Edit::DeleteWordBefore
        }
        (KeyCode::Char('u'), true, false) => Edit::DeleteToStart,
        (KeyCode::Char('k'), true, false) => Edit::DeleteToEnd,
        (KeyCode::Char('d'), true, false) | (KeyCode::Delete, false, false) => Edit::Delete,
        _ => return None,
    };
    Some(edit)
}

/// A group of rows in the help overlay.
struct Section {
    title: &'static str,
    /// (the actions whose keys the row shows, what they do).
    rows: &'static [(&'static [&'static str], &'static str)],
}

/// What the help overlay lists, in this order.
const HELP: &[Section] = &[
    Section {
        title: "Move",
        rows: &[
            (&["up", "down"], "previous / next row"),
            (&["previous-pane", "next-pane"], "previous / next pane"),
            (&["first", "last"], "first / last row"),
            (&["page-up", "page-down"], "page up / down"),
        ],
    },
    Section {
        title: "Explore",
        rows: &[
            (&["open"], "open the actor / jump along the relation"),
            (&["back"], "back to the previous actor"),
            (&["forward"], "forward again"),
            (
                &["filter"],
                "find actors by name, alias or id (a new query each time)",
            ),
            (&["sort"], "sort actors by relations / by name"),
        ],
    },
    Section {
        title: "Views",
        rows: &[
            (
                &[
                    "view-explore",
                    "view-graph",
                    "view-path",
                    "view-timeline",
                    "view-stats",
                ],
                "explore / graph / path / timeline / stats",
            ),
            (
                &["deeper", "shallower"],
                "graph: two steps out / one; timeline: zoom in / out",
            ),
            (
                &["path-start", "find-path"],
                "mark where paths start / find paths to the selection",
            ),
            (
                &["path-directed", "path-avoid", "path-mode"],
                "path: follow arrows / go around the selection / k shortest",
            ),
            (
                &["earlier", "later"],
                "as of: step back / forward through the dates",
            ),
            (&["sort"], "stats: sort by the next column"),
            (
                &["command"],
                "command line (Tab completes, ↑↓ history; :help)",
            ),
        ],
    },
    Section {
        title: "Filters",
        rows: &[
            (
                &["filters"],
                "filter menu: actor kinds, statuses, stances, relation kinds",
            ),
            (
                &["filters"],
                "relation filters list who took part (first option: everyone)",
            ),
            (
                &["mark", "open"],
                "in the filter menu: show or hide / show only this",
            ),
            (
                &["clear-filters"],
                "clear the filters (a click on a chip removes one)",
            ),
            (&["mark"], "mark or unmark the actor"),
            (&["marked-only"], "only relations among marked actors"),
            (&["clear-marks"], "unmark every actor"),
        ],
    },
    Section {
        title: "Read and cite",
        rows: &[
            (
                &["search"],
                "search relations and evidence for a word (Enter keeps, Esc clears)",
            ),
            (&["next-match", "previous-match"], "next / previous match"),
            (
                &["copy-relation", "copy-actor"],
                "copy the relation as a citation / the actor's card",
            ),
            (
                &["edit"],
                "edit the record in $VISUAL or $EDITOR (the view reloads)",
            ),
        ],
    },
    Section {
        title: "Other",
        rows: &[
            (&["help"], "this help"),
            (&["problems"], "load problems and lint findings"),
            (
                &["mouse"],
                "mouse capture on / off (off lets the terminal select text)",
            ),
            (&["cancel"], "close / clear"),
            (&["quit"], "quit"),
        ],
    },
    Section {
        title: "On a SPARQL endpoint (kgx --sparql URL)",
        rows: &[
            (
                &["cancel"],
                "while the spinner turns: stop asking (the next clears)",
            ),
            (
                &["retry"],
                "ask again what failed or was cancelled, or the focus",
            ),
        ],
    },
];

/// The keys of the name filter while it is typed: fixed, as text is typed
/// there, so help lists them as they are.
pub const QUERY_KEYS: &[(&str, &str)] = &[
    ("Enter", "focus the selected match (↑ ↓ select)"),
    ("Esc", "clear the query"),
    (
        "↑ ↓ Ctrl-p Ctrl-n",
        "earlier queries (↑ ↓ while the query is empty or recalled)",
    ),
    ("'word", "the word in one piece, never scattered letters"),
    (
        "^word  word$",
        "at the start / at the end of a name, alias or id",
    ),
    ("^word$  !word", "exactly the word / without the word"),
    (
        "",
        "whole names, aliases and ids come first, then their starts, the",
    ),
    (
        "",
        "starts of words, anywhere in one piece; letters scattered through a",
    ),
    ("", "name are listed only when nothing matches in one piece"),
];

/// The status bar's hints for each pane: (actions, what joins their keys,
/// what they do).
type Hint = (&'static [&'static str], &'static str, &'static str);

fn hint_spec(pane: Pane) -> &'static [Hint] {
    match pane {
        Pane::Actors => &[
            (&["open"], "", "open"),
            (&["filter"], "", "filter"),
            (&["sort"], "", "sort"),
            (&["mark"], "", "mark"),
            (&["filters"], "", "filters"),
            (&["help"], "", "help"),
            (&["quit"], "", "quit"),
        ],
        Pane::Relations => &[
            (&["open"], "", "jump"),
            (&["back"], "", "back"),
            (&["help"], "", "help"),
            (&["quit"], "", "quit"),
            (&["forward"], "", "forward"),
            (&["copy-relation"], "", "cite"),
            (&["search"], "", "search"),
            (&["filters"], "", "filters"),
        ],
        Pane::Evidence => &[
            (&["up", "down"], "", "scroll"),
            (&["open"], "", "jump"),
            (&["back"], "", "back"),
            (&["help"], "", "help"),
            (&["quit"], "", "quit"),
        ],
        Pane::Graph => &[
            (&["up", "down"], "", "next node"),
            (&["open"], "", "jump"),
            (&["deeper", "shallower"], "/", "depth"),
            (&["path-start", "find-path"], "/", "path"),
            (&["earlier", "later"], " ", "as of"),
            (&["help"], "", "help"),
        ],
        Pane::Path => &[
            (&["open"], "", "open"),
            (&["path-directed"], "", "arrows"),
            (&["path-avoid"], "", "avoid"),
            (&["path-mode"], "", "k-shortest"),
            (&["path-start", "find-path"], "/", "new path"),
            (&["help"], "", "help"),
        ],
        Pane::Timeline => &[
            (&["open"], "", "open"),
            (&["earlier", "later"], " ", "as of"),
            (&["deeper", "shallower"], "/", "zoom"),
            (&["filter"], "", "filter"),
            (&["command"], "", "command"),
            (&["help"], "", "help"),
        ],
        Pane::Stats => &[
            (&["sort"], "", "sort column"),
            (&["open"], "", "open"),
            (&["filter"], "", "filter"),
            (&["command"], "", "command"),
            (&["help"], "", "help"),
        ],
    }
}

/// Which key does what on the main screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    /// Per entry of [`BINDABLE`], its keys in force.
    keys: Vec<Vec<Key>>,
    /// Each key's entry of [`BINDABLE`].
    actions: HashMap<Key, usize>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::with_bindings(&[])
    }
}

impl Keymap {
    /// The default keys with `bindings` (entry of [`BINDABLE`], keys) in
    /// place of their defaults. A key given here is taken away from the
    /// action it was a default of, so a binding never has to fight one.
    pub fn with_bindings(bindings: &[(usize, Vec<Key>)]) -> Keymap {
        let chosen: Vec<Key> = bindings.iter().flat_map(|(_, keys)| keys.clone()).collect();
        let keys: Vec<Vec<Key>> = BINDABLE
            .iter()
            .enumerate()
            .map(|(index, bindable)| {
                match bindings.iter().rev().find(|(entry, _)| *entry == index) {
                    Some((_, keys)) => keys.clone(),
                    None => bindable
                        .keys
                        .iter()
                        .filter_map(|written| written.parse().ok())
                        .filter(|key| !chosen.contains(key))
                        .collect(),
                }
            })
            .collect();
        let actions = keys
            .iter()
            .enumerate()
            .flat_map(|(index, keys)| keys.iter().map(move |key| (*key, index)))
            .collect();
        Keymap { keys, actions }
    }

    /// What a key means now. While the filter or the command line is being
    /// typed, printable keys are text. Only presses count: terminals that
    /// report releases would otherwise act twice.
    pub fn action(&self, event: KeyEvent, mode: InputMode) -> Option<Action> {
        if event.kind != KeyEventKind::Press {
            return None;
        }
        let key = Key::from_event(event);
        if key == ALWAYS_QUITS {
            return Some(Action::QuitNow);
        }
        let plain = !key.ctrl && !key.alt;
        match mode {
            InputMode::Command => match key.code {
                KeyCode::Enter => Some(Action::RunCommand),
                KeyCode::Esc => Some(Action::Cancel),
                KeyCode::Backspace => Some(Action::CommandBackspace),
                KeyCode::Tab => Some(Action::CommandComplete),
                KeyCode::Up => Some(Action::CommandHistory(-1)),
                KeyCode::Down => Some(Action::CommandHistory(1)),
                KeyCode::Char(c) if plain => Some(Action::CommandChar(c)),
                _ => line_edit(key).map(Action::CommandEdit),
            },
            InputMode::Filter => match key.code {
                KeyCode::Enter => Some(Action::AcceptFilter),
                KeyCode::Esc => Some(Action::Cancel),
                KeyCode::Backspace => Some(Action::FilterBackspace),
                KeyCode::Up => Some(Action::Move(-1)),
                KeyCode::Down => Some(Action::Move(1)),
                KeyCode::Char('p') if key.ctrl => Some(Action::FilterHistory(-1)),
                KeyCode::Char('n') if key.ctrl => Some(Action::FilterHistory(1)),
                KeyCode::Tab => Some(Action::NextPane),
                KeyCode::Char(c) if plain => Some(Action::FilterChar(c)),
                _ => None,
            },
            InputMode::Search => match key.code {
                KeyCode::Enter => Some(Action::AcceptSearch),
                KeyCode::Esc => Some(Action::Cancel),
                KeyCode::Backspace => Some(Action::SearchBackspace),
                KeyCode::Char(c) if plain => Some(Action::SearchChar(c)),
                _ => None,
            },
            InputMode::Keys => match self.actions.get(&key) {
                Some(&index) => Some(BINDABLE[index].action.clone()),
                // Modifier keys alone are no keys a person meant.
                None if matches!(key.code, KeyCode::Modifier(_)) => None,
                None => Some(Action::Unbound(key.to_string())),
            },
        }
    }

    /// The first key of the action called `name`, for a hint in the
    /// status line ("(none)" when nothing is bound to it).
    pub fn first_key(&self, name: &str) -> String {
        self.shown(name)
            .into_iter()
            .next()
            .unwrap_or_else(|| "(none)".to_owned())
    }

    /// The keys of the action called `name`, as help shows them.
    fn shown(&self, name: &str) -> Vec<String> {
        let mut shown: Vec<String> = bindable(name)
            .map(|index| self.keys[index].iter().map(Key::to_string).collect())
            .unwrap_or_default();
        if name == "quit" && !shown.contains(&ALWAYS_QUITS.to_string()) {
            shown.push(ALWAYS_QUITS.to_string());
        }
        shown
    }

    /// The help overlay's sections: a title and rows of (keys, what they
    /// do), with the keys in force.
    pub fn help(&self) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
        HELP.iter()
            .map(|section| {
                let rows = section
                    .rows
                    .iter()
                    .map(|(names, what)| {
                        let keys: Vec<Vec<String>> =
                            names.iter().map(|name| self.shown(name)).collect();
                        // One key each reads "1 2 3"; with more, two spaces
                        // part the actions: "↑ k  ↓ j".
                        let between = match keys.iter().all(|keys| keys.len() == 1) {
                            true => " ",
                            false => "  ",
                        };
                        let keys: Vec<String> = keys
                            .iter()
                            .map(|keys| match keys.is_empty() {
                                true => "(none)".to_owned(),
                                false => keys.join(" "),
                            })
                            .collect();
                        (keys.join(between), *what)
                    })
                    .collect();
                (section.title, rows)
            })
            .collect()
    }

    /// The status bar's hints for `pane`: the first key of each action,
    /// leaving out actions no key is bound to.
    pub fn hints(&self, pane: Pane) -> String {
        self.hint_list(pane).join(" · ")
    }

    /// The status bar's hints for `pane`, one per action, most useful
    /// first, so a narrow bar drops whole hints from the end.
    pub fn hint_list(&self, pane: Pane) -> Vec<String> {
        hint_spec(pane)
            .iter()
            .filter_map(|(names, between, what)| {
                let keys: Vec<String> = names
                    .iter()
                    .filter_map(|name| self.shown(name).into_iter().next())
                    .collect();
                (!keys.is_empty()).then(|| format!("{} {what}", keys.join(between)))
            })
            .collect()
    }
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

    fn key(text: &str) -> Key {
        text.parse().expect(text)
    }

    #[test]
    fn letters_are_commands_until_the_filter_is_being_typed() {
        let keymap = Keymap::default();
        let act = |code, mode| keymap.action(press(code), mode);
        assert_eq!(act(KeyCode::Char('q'), InputMode::Keys), Some(Action::Quit));
        assert_eq!(
            act(KeyCode::Char('q'), InputMode::Filter),
            Some(Action::FilterChar('q'))
        );
        assert_eq!(
            act(KeyCode::Char('j'), InputMode::Keys),
            Some(Action::Move(1))
        );
        assert_eq!(
            act(KeyCode::Enter, InputMode::Filter),
            Some(Action::AcceptFilter)
        );
        assert_eq!(act(KeyCode::Enter, InputMode::Keys), Some(Action::Activate));
    }

    #[test]
    fn ctrl_c_always_quits_and_releases_are_ignored() {
        let unbound = Keymap::with_bindings(&[(bindable("quit").unwrap(), vec![])]);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for keymap in [Keymap::default(), unbound] {
            assert_eq!(
                keymap.action(ctrl_c, InputMode::Filter),
                Some(Action::QuitNow)
            );
            assert_eq!(
                keymap.action(ctrl_c, InputMode::Keys),
                Some(Action::QuitNow)
            );
        }
        let mut release = press(KeyCode::Char('q'));
        release.kind = KeyEventKind::Release;
        assert_eq!(Keymap::default().action(release, InputMode::Keys), None);
    }

    #[test]
    fn back_and_forward_have_browser_keys() {
        let keymap = Keymap::default();
        let alt = |code| KeyEvent::new(code, KeyModifiers::ALT);
        assert_eq!(
            keymap.action(alt(KeyCode::Left), InputMode::Keys),
            Some(Action::Back)
        );
        assert_eq!(
            keymap.action(alt(KeyCode::Right), InputMode::Keys),
            Some(Action::Forward)
        );
        assert_eq!(
            keymap.action(press(KeyCode::Backspace), InputMode::Keys),
            Some(Action::Back)
        );
        assert_eq!(
            keymap.action(press(KeyCode::Backspace), InputMode::Filter),
            Some(Action::FilterBackspace)
        );
        assert_eq!(
            keymap.action(press(KeyCode::Char(']')), InputMode::Keys),
            Some(Action::Forward)
        );
    }

    #[test]
    fn the_command_line_takes_every_printable_key_as_text() {
        let keymap = Keymap::default();
        for c in ['q', '1', ':', ' ', 'p'] {
            assert_eq!(
                keymap.action(press(KeyCode::Char(c)), InputMode::Command),
                Some(Action::CommandChar(c))
            );
        }
        assert_eq!(
            keymap.action(press(KeyCode::Tab), InputMode::Command),
            Some(Action::CommandComplete)
        );
        assert_eq!(
            keymap.action(press(KeyCode::Char('3')), InputMode::Keys),
            Some(Action::ShowView(View::Path))
        );
    }

    #[test]
    fn shifted_letters_match_whether_or_not_the_terminal_reports_shift() {
        let keymap = Keymap::default();
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(keymap.action(shifted, InputMode::Keys), Some(Action::Last));
        let back_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            keymap.action(back_tab, InputMode::Keys),
            Some(Action::PreviousPane)
        );
    }

    #[test]
    fn key_strings_parse_as_people_write_them() {
        assert_eq!(key("q").code, KeyCode::Char('q'));
        assert_eq!(key("G"), key("shift-g"));
        assert_eq!(key("CTRL-d"), key("ctrl-d"));
        assert_ne!(key("ctrl-D"), key("ctrl-d"), "characters are as written");
        assert!(key("ctrl-d").ctrl && key("alt-left").alt);
        assert_eq!(key("pgdn"), key("PageDown"));
        assert_eq!(key("space").code, KeyCode::Char(' '));
        assert_eq!(key("f5").code, KeyCode::F(5));
        assert_eq!(key("-").code, KeyCode::Char('-'));
        assert_eq!(
            key("ctrl--"),
            Key {
                code: KeyCode::Char('-'),
                ctrl: true,
                alt: false
            }
        );
        assert_eq!(key("backtab").code, KeyCode::BackTab);
        assert_eq!(key("alt-left").to_string(), "Alt-←");
        assert_eq!(key("ctrl-u").to_string(), "Ctrl-u");
    }

    #[test]
    fn a_misspelt_key_name_gets_a_suggestion() {
        let err = "pagedwn".parse::<Key>().unwrap_err();
        assert_eq!(err.message, "unknown key \"pagedwn\"");
        assert_eq!(err.help.as_deref(), Some("did you mean \"pagedown\"?"));
        assert!("shift-up".parse::<Key>().is_err());
        assert!("".parse::<Key>().is_err());
        assert!("f13".parse::<Key>().is_err());
    }

    #[test]
    fn every_default_key_parses_and_is_bound_once() {
        let keymap = Keymap::default();
        let mut seen = HashMap::new();
        for (index, bindable) in BINDABLE.iter().enumerate() {
            for written in bindable.keys {
                let key = key(written);
                assert_eq!(seen.insert(key, bindable.name), None, "{written} twice");
                assert_eq!(keymap.actions.get(&key), Some(&index));
            }
        }
    }

    #[test]
    fn a_binding_replaces_the_defaults_and_takes_its_key_from_others() {
        let quit = bindable("quit").unwrap();
        let keymap = Keymap::with_bindings(&[(quit, vec![key("x")])]);
        let act = |c| keymap.action(press(KeyCode::Char(c)), InputMode::Keys);
        assert_eq!(act('x'), Some(Action::Quit));
        assert_eq!(
            act('q'),
            Some(Action::Unbound("q".into())),
            "q no longer quits"
        );
        assert_eq!(keymap.shown("path-avoid"), Vec::<String>::new());
        assert!(keymap.hints(Pane::Actors).ends_with("x quit"));
    }

    #[test]
    fn help_and_hints_show_the_keys_in_force() {
        let help = Keymap::default().help();
        let rows: Vec<&(String, &str)> = help.iter().flat_map(|(_, rows)| rows).collect();
        assert!(rows.contains(&&("↑ k  ↓ j".to_owned(), "previous / next row")));
        assert!(rows.contains(&&("q Ctrl-c".to_owned(), "quit")));
        let help_row = bindable("help").unwrap();
        let rebound = Keymap::with_bindings(&[(help_row, vec![key("f1")])]);
        let help = rebound.help();
        let shown = help
            .iter()
            .flat_map(|(_, rows)| rows)
            .any(|(keys, what)| keys == "F1" && *what == "this help");
        assert!(shown);
        assert!(rebound.hints(Pane::Stats).ends_with("F1 help"));
        for (_, rows) in HELP.iter().map(|s| (s.title, s.rows)) {
            for (names, _) in rows {
                for name in *names {
                    assert!(bindable(name).is_some(), "{name} is not an action");
                }
            }
        }
    }

    #[test]
    fn every_action_is_in_the_help() {
        for bindable in BINDABLE {
            let listed = HELP
                .iter()
                .flat_map(|section| section.rows)
                .any(|(names, _)| names.contains(&bindable.name));
            assert!(listed, "{} is missing from the help", bindable.name);
        }
    }
}
