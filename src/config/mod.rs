//! The explorer's config file: key bindings, the colour theme, mouse and
//! live reload, and what kgx sends SPARQL endpoints (User-Agent, headers). It is RON like the data files, and its problems are
//! reported the same way (file, line, column, "did you mean"), before the
//! explorer takes over the terminal.
//!
//! The file lives in the platform's config directory, found by hand rather
//! than with a crate: the rules are three lines, and a dependency for them
//! would cost more build time than it saves.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ron::extensions::Extensions;
use serde::Deserialize;

use crate::load::diagnostic::clipped;
use crate::load::{LoadError, Problem, ron_error, tree};
use crate::suggest;
use crate::tui::keymap::{ALWAYS_QUITS, BINDABLE, Key, Keymap, bindable};
use crate::tui::ui::theme::Palette;

/// What the config file says, with defaults for what it leaves out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The colour scheme (NO_COLOR still turns colours off).
    pub palette: Palette,
    /// Capture the mouse when the explorer starts.
    pub mouse: bool,
    /// Reload the open file when it changes on disk.
    pub watch: bool,
    /// The keys of the main screen.
    pub keymap: Keymap,
    /// What requests to SPARQL endpoints say about themselves.
    pub sparql: Sparql,
}

/// The `sparql` section: the User-Agent kgx sends every endpoint, and the
/// headers (a token, say) it sends only the endpoints whose URL starts
/// with the key they are given under, so a secret meant for one endpoint
/// never reaches another.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sparql {
    /// Replaces kgx's own User-Agent.
    #[serde(default)]
    pub user_agent: Option<String>,
    /// Headers by the start of the endpoint URLs they are for.
    #[serde(default)]
    pub headers: BTreeMap<String, BTreeMap<String, String>>,
    /// How names are looked up: `"contains"`, `"regex"` or `"qlever"`.
    #[serde(default)]
    pub text_search: crate::remote::TextSearch,
}

impl Sparql {
    /// The headers for the endpoint at `url`, from every key it starts with.
    pub fn headers_for(&self, url: &str) -> Vec<(String, String)> {
        self.headers
            .iter()
            .filter(|(start, _)| url.starts_with(start.as_str()))
            .flat_map(|(_, headers)| headers.iter())
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect()
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            palette: Palette::Dark,
            mouse: true,
            watch: true,
            keymap: Keymap::default(),
            sparql: Sparql::default(),
        }
    }
}

/// The file as serde reads it, before names are checked. Its words are
/// borrowed from the text where they can be, so that a 100 MB value is
/// not copied to be found wrong.
#[derive(Deserialize)]
#[serde(rename = "Config", deny_unknown_fields)]
struct Written<'t> {
    #[serde(default, borrow)]
    theme: Option<Word<'t>>,
    #[serde(default)]
    mouse: Option<bool>,
    #[serde(default)]
    watch: Option<bool>,
    #[serde(default, borrow)]
    keys: BTreeMap<Word<'t>, Vec<Word<'t>>>,
    #[serde(default)]
    sparql: Sparql,
}

/// A string of the config: borrowed from its text, or owned when it had
/// escapes to undo.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Word<'t>(Cow<'t, str>);

impl std::ops::Deref for Word<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 't, 't> Deserialize<'de> for Word<'t> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<'t>(std::marker::PhantomData<&'t str>);
        impl<'de: 't, 't> serde::de::Visitor<'de> for Visitor<'t> {
            type Value = Word<'t>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Word<'t>, E> {
                Ok(Word(Cow::Borrowed(text)))
            }

            fn visit_str<E>(self, text: &str) -> Result<Word<'t>, E> {
                Ok(Word(Cow::Owned(text.to_owned())))
            }

            fn visit_string<E>(self, text: String) -> Result<Word<'t>, E> {
                Ok(Word(Cow::Owned(text)))
            }
        }
        deserializer.deserialize_str(Visitor(std::marker::PhantomData))
    }
}

/// Where kgx looks for its config when `--config` does not say:
/// `$XDG_CONFIG_HOME/kgx/config.ron` or `~/.config/kgx/config.ron` on
/// Linux and BSD, `~/Library/Application Support/kgx/config.ron` on macOS,
/// `%APPDATA%\kgx\config.ron` on Windows. `None` without a home directory.
pub fn default_path() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|value| !value.is_empty())
            .map(PathBuf::from)
    };
    let dir = if cfg!(windows) {
        var("APPDATA")
    } else if cfg!(target_os = "macos") {
        var("HOME").map(|home| home.join("Library").join("Application Support"))
    } else {
        // The XDG rules say a relative XDG_CONFIG_HOME is to be ignored.
        var("XDG_CONFIG_HOME")
            .filter(|dir| dir.is_absolute())
            .or_else(|| var("HOME").map(|home| home.join(".config")))
    };
    dir.map(|dir| dir.join("kgx").join("config.ron"))
}

/// Reads the config: the file at `path` (which must exist), or else the
/// one at [`default_path`] if there is one, or else the defaults.
pub fn load(path: Option<&Path>) -> Result<Config, LoadError> {
    let path = match path {
        Some(path) => path.to_owned(),
        None => match default_path() {
            Some(path) if is_there(&path) => path,
            _ => return Ok(Config::default()),
        },
    };
    // Read as data files are: bounded, regular files only, and a byte
    // that is not UTF-8 reported at its line and column.
    let input = crate::load::Input::Path(path);
    let text = crate::load::read_text(&input)?;
    // Some editors start UTF-8 files with a byte-order mark; it is not text.
    parse(
        &input.name(),
        text.strip_prefix('\u{feff}').unwrap_or(&text),
    )
}

/// Whether anything is at `path`, even a link that leads nowhere or a
/// file kgx may not read: those are reported, not taken for no config.
pub fn is_there(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Reads config text; `name` is how diagnostics name the file. Every
/// problem is reported, not just the first.
pub fn parse(name: &str, text: &str) -> Result<Config, LoadError> {
    let fail = |problems: Vec<Problem>| LoadError {
        name: name.to_owned(),
        text: Arc::from(text),
        problems,
    };
    if tree::is_blank(text) {
        return Ok(Config::default());
    }
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    let written: Written = options
        .from_str(text)
        .map_err(|err| fail(vec![ron_error::problem(text, 0, None, &err)]))?;
    // The text is well-formed, so the structural reader can say where
    // each value is.
    let spans = tree::field_spans(text).unwrap_or_default();
    let value_span = |field: &str| {
        spans
            .iter()
            .find(|(name, _)| *name == field)
            .map_or(0..text.len(), |(_, span)| span.clone())
    };
    let mut problems = Vec::new();
    let mut config = Config {
        mouse: written.mouse.unwrap_or(true),
        watch: written.watch.unwrap_or(true),
        ..Config::default()
    };
    if let Some(theme) = written.theme.as_deref() {
        let names = Palette::ALL.map(|(name, _)| name);
        match Palette::ALL.iter().find(|(name, _)| *name == theme) {
            Some((_, palette)) => config.palette = *palette,
            None => problems.push(
                Problem::at(
                    value_span("theme"),
                    clipped(format_args!("unknown theme \"{theme}\"")),
                )
                .label("not a theme")
                .help(
                    suggest::did_you_mean(theme, names)
                        .or_else(|| Some(format!("the themes are \"{}\"", names.join("\", \"")))),
                ),
            ),
        }
    }
    problems.extend(sparql_problems(text, value_span("sparql"), &written.sparql));
    config.sparql = written.sparql;
    let keys_span = value_span("keys");
    let mut bindings = Vec::new();
    // (where the key is written, the key, the action) in file order.
    let mut bound: Vec<(Range<usize>, Key, &str)> = Vec::new();
    for (action, keys) in &written.keys {
        let entries = find_entries(text, keys_span.clone(), action);
        if let [first, second, ..] = entries.as_slice() {
            let mut problem = Problem::at(
                second.clone(),
                clipped(format_args!("the action \"{}\" is given twice", &**action)),
            )
            .label("second time")
            .help(Some("only the last would count; keep one".into()));
            problem.related = Some((first.clone(), "first time".into()));
            problems.push(problem);
        }
        let action_span = entries.last().cloned().unwrap_or(keys_span.clone());
        let Some(index) = bindable(action) else {
            let names = BINDABLE.iter().map(|b| b.name);
            problems.push(
                Problem::at(
                    action_span,
                    clipped(format_args!("unknown action \"{}\"", &**action)),
                )
                .label("not an action")
                .help(
                    suggest::did_you_mean(action, names)
                        .or_else(|| Some("`kgx config --default` lists every action".into())),
                ),
            );
            continue;
        };
        let mut parsed = Vec::new();
        let mut from = action_span.end;
        for written_key in keys {
            let span =
                find_quoted(text, from..keys_span.end, written_key).unwrap_or(action_span.clone());
            from = span.end;
            match written_key.parse::<Key>() {
                Ok(key) if parsed.contains(&key) => {}
                Ok(ALWAYS_QUITS) if BINDABLE[index].name != "quit" => problems.push(
                    Problem::at(span, "Ctrl-c always quits")
                        .label("cannot be bound to anything else")
                        .help(Some("choose another key".into())),
                ),
                Ok(key) => {
                    parsed.push(key);
                    bound.push((span, key, BINDABLE[index].name));
                }
                Err(bad) => problems.push(
                    Problem::at(span, bad.message)
                        .label("not a key")
                        .help(bad.help),
                ),
            }
        }
        bindings.push((index, parsed));
    }
    bound.sort_by_key(|(span, _, _)| span.start);
    for (at, (span, key, action)) in bound.iter().enumerate() {
        if let Some((first, _, other)) = bound[..at].iter().find(|(_, k, _)| k == key) {
            let mut problem = Problem::at(
                span.clone(),
                format!("the key {key} is bound to both \"{other}\" and \"{action}\""),
            )
            .label(format!("also bound to \"{other}\""))
            .help(Some(
                "a key can do one thing; remove it from one of the two".into(),
            ));
            problem.related = Some((first.clone(), "first bound here".into()));
            problems.push(problem);
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|problem| problem.span.as_ref().map_or(0, |span| span.start));
        return Err(fail(problems));
    }
    config.keymap = Keymap::with_bindings(&bindings);
    Ok(config)
}

/// What is wrong in the `sparql` section (written at `within`): a URL
/// that is not one, a header name HTTP does not allow, a value with a
/// control character (a line break would forge another header).
fn sparql_problems(text: &str, within: Range<usize>, sparql: &Sparql) -> Vec<Problem> {
    let at = |needle: &str| find_quoted(text, within.clone(), needle).unwrap_or(within.clone());
    let bad_value = |value: &str| value.chars().any(|c| c.is_control() && c != '\t');
    let mut problems = Vec::new();
    if let Some(agent) = &sparql.user_agent
        && (agent.trim().is_empty() || bad_value(agent))
    {
        problems.push(
            Problem::at(
                at(agent),
                "the User-Agent is empty or holds a control character",
            )
            .label("not a User-Agent")
            .help(Some(
                "name your tool and how to reach you: \"my-project/1.0 (me@example.org)\"".into(),
            )),
        );
    }
    for (start, headers) in &sparql.headers {
        if !(start.starts_with("http://") || start.starts_with("https://")) {
            problems.push(
                Problem::at(at(start), format!("\"{start}\" is not the start of an endpoint URL"))
                    .label("not a URL")
                    .help(Some("headers go under the start of the URLs they are for: \"https://graph.example.org/\"".into())),
            );
        }
        for (name, value) in headers {
            let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
            if name.is_empty() || !name.chars().all(token) {
                problems.push(
                    Problem::at(at(name), format!("\"{name}\" is not an HTTP header name"))
                        .label("not a header name")
                        .help(Some(
                            "header names are letters, digits and - (\"Authorization\")".into(),
                        )),
                );
            }
            if bad_value(value) {
                problems.push(
                    Problem::at(
                        at(name),
                        format!("the value of the header \"{name}\" holds a control character"),
                    )
                    .label("value not allowed")
                    .help(Some("a header value is one line of text".into())),
                );
            }
        }
    }
    problems
}

/// Where `"name":` is written in `text[within]` (a map entry, not a key
/// in a list), quotes included; every place, in order.
fn find_entries(text: &str, within: Range<usize>, name: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = within.start;
    while let Some(span) = find_quoted(text, from..within.end, name) {
        from = span.end;
        if text[span.end..].trim_start().starts_with(':') {
            found.push(span);
        }
    }
    found
}

/// Where `"needle"` is written in `text[within]`, quotes included.
fn find_quoted(text: &str, within: Range<usize>, needle: &str) -> Option<Range<usize>> {
    let quoted = format!("\"{needle}\"");
    let start = within.start.min(text.len());
    let end = within.end.clamp(start, text.len());
    text.get(start..end)?
        .find(&quoted)
        .map(|at| start + at..start + at + quoted.len())
}

/// A config file with every setting at its default and a comment on each,
/// for people to start from: saved as it is, it changes nothing.
pub fn default_text() -> String {
    let mut out = String::from(
        "// kgx's config: `kgx config --path` says where kgx looks for it, and
// `--config PATH` reads another. Every setting may be left out; what is
// left out keeps the default shown here. `kgx config` checks the file.
(
    // Colours: \"dark\" for dark terminal backgrounds, \"light\" for light
    // ones. NO_COLOR in the environment turns colours off whatever this says.
    theme: \"dark\",
    // Capture the mouse (clicks, wheel) from the start; M toggles it, and
    // --no-mouse starts without.
    mouse: true,
    // Reload the open file when it changes on disk; --no-watch turns it off.
    watch: true,
    // Keys of the main screen, by action. A binding replaces the action's
    // default keys, and takes them from any other action that has them by
    // default; [] leaves an action without keys. A key is a character
    // (\"q\", \"G\", \"<\") or a name: enter, esc, tab, shift-tab, backspace,
    // delete, insert, up, down, left, right, home, end, pageup, pagedown,
    // space, f1 … f12; with ctrl- or alt- before it (\"ctrl-d\"). Ctrl-c
    // always quits, and the filter and command line keep their own keys.
    keys: {
",
    );
    for bindable in BINDABLE {
        let keys: Vec<String> = bindable.keys.iter().map(|key| format!("{key:?}")).collect();
        let entry = format!("\"{}\": [{}],", bindable.name, keys.join(", "));
        out.push_str(&format!("        {entry:<48}// {}\n", bindable.what));
    }
    out.push_str(
        "    },
    // What kgx sends SPARQL endpoints (--sparql URL): the User-Agent (public
    // endpoints ask for one that names you and how to reach you), and
    // headers by the start of the endpoint URLs they are sent to, e.g.
    // {\"https://graph.example.org/\": {\"Authorization\": \"Bearer …\"}}; how
    // the / filter and names are looked up: \"contains\" or \"regex\" (any
    // engine), \"qlever\" (QLever's text index).
    sparql: (
        user_agent: None,
        headers: {},
        text_search: \"contains\",
    ),
)
",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::{Action, InputMode};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn problems(text: &str) -> Vec<Problem> {
        parse("config.ron", text).expect_err("should fail").problems
    }

    fn action_of(config: &Config, c: char) -> Option<Action> {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        config.keymap.action(key, InputMode::Keys)
    }

    #[test]
    fn the_default_config_parses_to_exactly_the_defaults() {
        let text = default_text();
        assert_eq!(parse("default.ron", &text).unwrap(), Config::default());
    }

    #[test]
    fn an_empty_file_or_an_empty_record_is_the_defaults() {
        assert_eq!(
            parse("c.ron", "// nothing yet\n").unwrap(),
            Config::default()
        );
        assert_eq!(parse("c.ron", "()").unwrap(), Config::default());
        assert_eq!(parse("c.ron", "Config()").unwrap(), Config::default());
    }

    #[test]
    fn settings_and_bindings_are_read() {
        let config = parse(
            "c.ron",
            r#"(theme: "light", mouse: false, watch: false, keys: {"quit": ["x", "ctrl-q"]})"#,
        )
        .unwrap();
        assert_eq!(config.palette, Palette::Light);
        assert!(!config.mouse && !config.watch);
        assert_eq!(action_of(&config, 'x'), Some(Action::Quit));
        assert_eq!(action_of(&config, 'q'), Some(Action::Unbound("q".into())));
        assert_eq!(
            action_of(&config, 'j'),
            Some(Action::Move(1)),
            "others keep theirs"
        );
    }

    #[test]
    fn a_misspelt_action_is_located_and_gets_a_suggestion() {
        let text = "(\n    keys: {\n        \"qiut\": [\"x\"],\n    },\n)\n";
        let found = problems(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "unknown action \"qiut\"");
        assert_eq!(found[0].help.as_deref(), Some("did you mean \"quit\"?"));
        let error = parse("config.ron", text).unwrap_err();
        let span = found[0].span.clone().unwrap();
        assert_eq!(error.line_column(span.start), (3, 9));
    }

    #[test]
    fn bad_keys_and_themes_are_all_reported() {
        let text = r#"(theme: "drak", keys: {"down": ["j", "pagdown"], "up": ["ctrl-"]})"#;
        let found = problems(text);
        let messages: Vec<&str> = found.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "unknown theme \"drak\"",
                "unknown key \"pagdown\"",
                "unknown key \"ctrl-\""
            ]
        );
        assert_eq!(found[0].help.as_deref(), Some("did you mean \"dark\"?"));
        assert_eq!(found[1].help.as_deref(), Some("did you mean \"pagedown\"?"));
        assert_eq!(&text[found[1].span.clone().unwrap()], "\"pagdown\"");
    }

    #[test]
    fn one_key_for_two_actions_is_a_conflict() {
        let text = r#"(keys: {"quit": ["x"], "help": ["x"]})"#;
        let found = problems(text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "the key x is bound to both \"quit\" and \"help\""
        );
        let first = found[0].related.clone().unwrap().0;
        assert_eq!(first.start, text.find("[\"x\"]").unwrap() + 1);
    }

    #[test]
    fn an_action_given_twice_is_an_error_located_at_the_second() {
        let text = r#"(keys: {"down": ["up"], "up": ["k"], "up": ["w"]})"#;
        let found = problems(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "the action \"up\" is given twice");
        let second = found[0].span.clone().unwrap();
        assert_eq!(second.start, text.rfind("\"up\":").unwrap());
        let first = found[0].related.clone().unwrap().0;
        assert_eq!(first.start, text.find("\"up\":").unwrap());
    }

    #[test]
    fn ctrl_c_cannot_be_taken_from_quit() {
        let found = problems(r#"(keys: {"help": ["ctrl-c"]})"#);
        assert_eq!(found[0].message, "Ctrl-c always quits");
        let config = parse("c.ron", r#"(keys: {"quit": ["ctrl-c"]})"#).unwrap();
        assert_eq!(
            action_of(&config, 'q'),
            Some(Action::Unbound("q".into())),
            "q no longer quits"
        );
    }

    #[test]
    fn unknown_settings_and_malformed_text_are_diagnosed_like_data_files() {
        let found = problems("(colour: \"dark\")");
        assert!(found[0].message.contains("`colour`"), "{:?}", found[0]);
        let found = problems("(mouse: maybe)");
        assert_eq!(found.len(), 1);
        let rendered = parse("c.ron", "(theme: \"dark\"")
            .unwrap_err()
            .render(false);
        assert!(rendered.contains("c.ron"), "{rendered}");
    }

    #[test]
    fn a_missing_file_named_on_the_command_line_is_an_error() {
        let error = load(Some(Path::new("/nonexistent/kgx/config.ron"))).unwrap_err();
        assert!(error.problems[0].message.starts_with("cannot read"));
    }
}
