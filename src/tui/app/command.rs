//! The `:` command line: what is typed, completion of commands and actor
//! names, a history, and running a command as changes to the app.

use std::path::{Path, PathBuf};

use super::PathMode;
use super::line_edit;
use super::{App, Effect, Overlay};
use crate::export::{self, Shown};
use crate::formats::Format;
use crate::graph::{KnowledgeGraph, NodeIndex, Resolution};
use crate::model::{ActorKind, PartialDate, Stance, Status};
use crate::suggest;
use crate::tui::action::{Edit, View};

/// The commands, as completed and as listed by `:help`.
pub const COMMANDS: &[(&str, &str)] = &[
    (
        "path",
        "FROM TO [--directed] [--avoid A]… [--via-kinds K,…] [--k N | --all]",
    ),
    ("asof", "DATE | off — hide what began after DATE"),
    ("filter", "kind=… status=… stance=… relation=… | clear"),
    ("view", "explore | graph | path | timeline | stats"),
    ("depth", "1 | 2 — how far the graph view reaches"),
    (
        "export",
        "[FORMAT] FILE — write what is shown (format from the extension); export! replaces a file",
    ),
    ("help", "the keys and commands"),
    ("quit", "leave kgx (also :q)"),
];

/// Most commands remembered.
const HISTORY: usize = 100;

/// The command line while it is open.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommandLine {
    /// What has been typed.
    pub text: String,
    /// Where the next character goes: a byte offset into `text`.
    pub cursor: usize,
    /// Completions of the last word, shown above the line.
    pub candidates: Vec<String>,
    /// The candidate Tab last put in, so the next Tab puts in the next one.
    pub chosen: Option<usize>,
    /// The text before the word being completed.
    stem: String,
    /// Position in the history while ↑/↓ recall commands.
    recalled: Option<usize>,
}

/// Splits a command into words; double quotes keep spaces in a word
/// (`:path "Sergey Lavrov" israel`).
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            c if c.is_whitespace() && !quoted => {
                if started {
                    words.push(std::mem::take(&mut current));
                    started = false;
                }
            }
            c => {
                current.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(current);
    }
    words
}

impl App {
    pub(super) fn open_command(&mut self) {
        self.command = Some(CommandLine::default());
        self.editing_filter = false;
    }

    pub(super) fn command_char(&mut self, c: char) {
        if let Some(line) = &mut self.command
            && !c.is_control()
        {
            line_edit::insert(&mut line.text, &mut line.cursor, c);
            line.candidates.clear();
            line.chosen = None;
            line.recalled = None;
        }
    }

    pub(super) fn command_backspace(&mut self) {
        if let Some(line) = &mut self.command {
            if line.text.is_empty() {
                self.command = None;
                return;
            }
            line_edit::backspace(&mut line.text, &mut line.cursor);
            line.candidates.clear();
            line.chosen = None;
        }
    }

    /// Ctrl-a/e/w/u/k, Alt-b/f and the arrows in the command line.
    pub(super) fn command_edit(&mut self, edit: Edit) {
        if let Some(line) = &mut self.command {
            line_edit::apply(&mut line.text, &mut line.cursor, edit);
            line.candidates.clear();
            line.chosen = None;
            line.recalled = None;
        }
    }

    /// Tab: the first press lists what the last word can become and puts
    /// in the first; each further press puts in the next.
    pub(super) fn complete_command(&mut self) {
        let Some(mut line) = self.command.take() else {
            return;
        };
        if line.chosen.is_none() {
            let split = line.text.rfind(' ').map_or(0, |i| i + 1);
            let (stem, word) = line.text.split_at(split);
            line.stem = stem.to_owned();
            line.candidates = self.completions(stem, word);
            if line.candidates.is_empty() {
                self.message = Some(format!("nothing completes \"{word}\""));
            }
        }
        if !line.candidates.is_empty() {
            let next = line.chosen.map_or(0, |i| (i + 1) % line.candidates.len());
            line.chosen = Some(next);
            let word = &line.candidates[next];
            line.text = format!("{}{}", line.stem, quote(word));
            if line.candidates.len() == 1 {
                line.text.push(' ');
                line.candidates.clear();
                line.chosen = None;
            }
        }
        line.cursor = line.text.len();
        self.command = Some(line);
    }

    /// What `word` can become after `stem`: command names first, then the
    /// arguments each command takes.
    fn completions(&self, stem: &str, word: &str) -> Vec<String> {
        let before = words(stem);
        let lower = word.to_lowercase();
        let starts = |candidate: &str| candidate.to_lowercase().starts_with(&lower);
        let fixed = |options: &[&str]| -> Vec<String> {
            options
                .iter()
                .filter(|o| starts(o))
                .map(|o| (*o).to_owned())
                .collect()
        };
        match before.first().map(String::as_str) {
            None => fixed(&COMMANDS.iter().map(|(name, _)| *name).collect::<Vec<_>>()),
            Some("view") => fixed(&View::ALL.map(View::name)),
            Some("export") if before.len() == 1 => fixed(&Format::ALL.map(Format::name)),
            Some("asof") => fixed(&["off"]),
            Some("depth") => fixed(&["1", "2"]),
            Some("filter") => fixed(&["kind=", "status=", "stance=", "relation=", "clear"]),
            Some("path") if word.starts_with('-') => {
                fixed(&["--directed", "--avoid", "--via-kinds", "--k", "--all"])
            }
            Some("path") => self.actor_completions(word),
            _ => Vec::new(),
        }
    }

    /// Actor ids whose id, name or alias starts with `word` (or, failing
    /// that, contains it), most connected first.
    fn actor_completions(&self, word: &str) -> Vec<String> {
        let folded = suggest::fold(word);
        let mut prefix = Vec::new();
        let mut inside = Vec::new();
        for (node, actor) in self.graph.actors() {
            let names = std::iter::once(&actor.id)
                .chain(std::iter::once(&actor.name))
                .chain(&actor.aliases)
                .map(|name| suggest::fold(name));
            let mut best = None;
            for name in names {
                if name.starts_with(&folded) {
                    best = Some(true);
                    break;
                }
                if name.contains(&folded) {
                    best = Some(false);
                }
            }
            match best {
                Some(true) => prefix.push(node),
                Some(false) => inside.push(node),
                None => {}
            }
        }
        let chosen = if prefix.is_empty() { inside } else { prefix };
        let mut chosen: Vec<NodeIndex> = chosen;
        chosen.sort_by_key(|node| (std::cmp::Reverse(self.graph.degree(*node).total()), *node));
        chosen
            .into_iter()
            .take(20)
            .map(|node| self.graph.actor(node).id.clone())
            .collect()
    }

    /// ↑/↓: earlier or later commands.
    pub(super) fn recall_command(&mut self, step: isize) {
        let Some(line) = &mut self.command else {
            return;
        };
        if self.command_history.is_empty() {
            return;
        }
        let last = self.command_history.len() - 1;
        let at = match (line.recalled, step < 0) {
            (None, true) => Some(last),
            (None, false) => None,
            (Some(i), true) => Some(i.saturating_sub(1)),
            (Some(i), false) if i < last => Some(i + 1),
            (Some(_), false) => None,
        };
        line.recalled = at;
        line.text = at.map_or_else(String::new, |i| self.command_history[i].clone());
        line.cursor = line.text.len();
        line.candidates.clear();
        line.chosen = None;
    }

    /// Enter: runs the command and closes the line.
    pub(super) fn run_command(&mut self) {
        let Some(line) = self.command.take() else {
            return;
        };
        let text = line.text.trim().to_owned();
        if text.is_empty() {
            return;
        }
        if self.command_history.last() != Some(&text) {
            self.command_history.push(text.clone());
            if self.command_history.len() > HISTORY {
                self.command_history.remove(0);
            }
        }
        if let Err(problem) = self.execute(&text) {
            self.message = Some(problem);
        }
    }

    /// Runs one command; an `Err` is the message to show.
    pub fn execute(&mut self, text: &str) -> Result<(), String> {
        let words = words(text);
        let Some((name, args)) = words.split_first() else {
            return Ok(());
        };
        match name.as_str() {
            "path" => self.path_command(args),
            "asof" => self.as_of_command(args),
            "filter" => self.filter_command(args),
            "view" => {
                let wanted = one(args, "view NAME")?;
                let view = View::ALL
                    .into_iter()
                    .find(|v| v.name() == wanted.to_lowercase())
                    .ok_or_else(|| unknown("view", wanted, View::ALL.iter().map(|v| v.name())))?;
                self.show_view(view);
                Ok(())
            }
            "depth" => {
                let depth: usize = one(args, "depth 1|2")?
                    .parse()
                    .map_err(|_| "depth is 1 or 2".to_owned())?;
                if !(1..=2).contains(&depth) {
                    return Err("depth is 1 or 2".into());
                }
                self.graph_view.depth = depth;
                self.show_view(View::Graph);
                Ok(())
            }
            "export" => self.export_command(args, false),
            "export!" => self.export_command(args, true),
            "help" => {
                self.overlay = Some(Overlay::Help { scroll: 0 });
                Ok(())
            }
            "q" | "quit" => {
                self.quit = true;
                Ok(())
            }
            other => Err(unknown(
                "command",
                other,
                COMMANDS.iter().map(|(name, _)| *name),
            )),
        }
    }

    fn actor_named(&self, query: &str) -> Result<NodeIndex, String> {
        match self.graph.resolve(query) {
            Resolution::Found(node) => Ok(node),
            Resolution::Ambiguous(nodes) => Err(format!(
                "\"{query}\" matches {} actors, e.g. {}: use an id (Tab completes)",
                nodes.len(),
                nodes
                    .iter()
                    .take(3)
                    .map(|&n| self.graph.actor(n).id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            Resolution::NotFound(close) => Err(match close.first() {
                Some(&best) => format!(
                    "no actor \"{query}\" — did you mean \"{}\"?",
                    self.graph.actor(best).id
                ),
                None => format!("no actor \"{query}\""),
            }),
        }
    }

    fn path_command(&mut self, args: &[String]) -> Result<(), String> {
        let usage = "path FROM TO [--directed] [--avoid A] [--via-kinds K,…] [--k N | --all]";
        let mut ends = Vec::new();
        let mut directed = false;
        let mut avoid = std::collections::BTreeSet::new();
        let mut via = std::collections::BTreeSet::new();
        let mut mode = PathMode::Shortest;
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let mut value = |flag: &str| {
                rest.next()
                    .cloned()
                    .ok_or_else(|| format!("{flag} needs a value: {usage}"))
            };
            match arg.as_str() {
                "--directed" => directed = true,
                "--all" => mode = PathMode::Shortest,
                "--avoid" => {
                    let name = value("--avoid")?;
                    avoid.insert(self.actor_named(&name)?);
                }
                "--via-kinds" => {
                    let kinds = value("--via-kinds")?;
                    via.extend(
                        kinds
                            .split(',')
                            .map(|k| k.trim().to_owned())
                            .filter(|k| !k.is_empty()),
                    );
                }
                "--k" => {
                    let k: usize = value("--k")?
                        .parse()
                        .ok()
                        .filter(|k| (1..=KnowledgeGraph::MOST_PATHS_LISTED).contains(k))
                        .ok_or_else(|| {
                            format!(
                                "--k takes a number of paths, 1 to {}",
                                KnowledgeGraph::MOST_PATHS_LISTED
                            )
                        })?;
                    mode = PathMode::KShortest(k);
                }
                flag if flag.starts_with("--") => {
                    return Err(unknown(
                        "option",
                        flag,
                        ["--directed", "--avoid", "--via-kinds", "--k", "--all"],
                    ));
                }
                name => ends.push(self.actor_named(name)?),
            }
        }
        let [from, to] = ends[..] else {
            return Err(format!("usage: {usage}"));
        };
        let kinds: Vec<String> = self.used_relation_kinds().into_iter().collect();
        if let Some(kind) = via.iter().find(|k| !kinds.contains(k)) {
            return Err(unknown(
                "relation kind",
                kind,
                kinds.iter().map(String::as_str),
            ));
        }
        self.path_view.from = Some(from);
        self.path_view.to = Some(to);
        self.path_view.directed = directed;
        self.path_view.avoid = avoid;
        self.path_view.via_kinds = via;
        self.path_view.mode = mode;
        self.path_view.cursor = Default::default();
        self.compute_paths();
        self.show_view(View::Path);
        self.pane = crate::tui::action::Pane::Path;
        Ok(())
    }

    fn as_of_command(&mut self, args: &[String]) -> Result<(), String> {
        match args.first().map(String::as_str) {
            None | Some("off") | Some("none") => self.set_as_of(None),
            Some(text) => {
                let date: PartialDate = text.parse().map_err(|e: crate::model::DateError| e.0)?;
                self.set_as_of(Some(date));
            }
        }
        Ok(())
    }

    fn filter_command(&mut self, args: &[String]) -> Result<(), String> {
        if args.is_empty() {
            return Err("filter kind=… status=… stance=… relation=… | clear".into());
        }
        for arg in args {
            if arg == "clear" || arg == "off" {
                self.actor_kinds.clear();
                self.relation_filter.kinds.clear();
                self.relation_filter.statuses.clear();
                self.relation_filter.stances.clear();
                self.marked_only = false;
                continue;
            }
            let Some((key, values)) = arg.split_once('=') else {
                return Err(format!(
                    "\"{arg}\": write key=value, e.g. status=reported,confirmed"
                ));
            };
            let values: Vec<&str> = values
                .split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .collect();
            match key {
                "kind" | "kinds" => {
                    let mut every = self.used_actor_kinds();
                    every.extend(ActorKind::NAMED);
                    self.actor_kinds = pick(
                        &values,
                        &every,
                        |k: &ActorKind| k.name().to_owned(),
                        "actor kind",
                    )?;
                }
                "status" => {
                    let every = Status::ALL.into_iter().collect();
                    self.relation_filter.statuses =
                        pick(&values, &every, |s: &Status| s.name().to_owned(), "status")?;
                }
                "stance" => {
                    let every = Stance::ALL.into_iter().collect();
                    self.relation_filter.stances =
                        pick(&values, &every, |s: &Stance| s.name().to_owned(), "stance")?;
                }
                "relation" | "relations" => {
                    let every = self.used_relation_kinds();
                    self.relation_filter.kinds =
                        pick(&values, &every, String::clone, "relation kind")?;
                }
                other => {
                    return Err(unknown(
                        "filter",
                        other,
                        ["kind", "status", "stance", "relation"],
                    ));
                }
            }
        }
        self.refresh_list();
        Ok(())
    }

    fn export_command(&mut self, args: &[String], force: bool) -> Result<(), String> {
        let names = Format::ALL.map(Format::name);
        let (format, file) = match args {
            [file] => {
                let format = Format::from_path(Path::new(file)).ok_or_else(|| {
                    format!(
                        "say which format: export FORMAT {file} ({})",
                        names.join(", ")
                    )
                })?;
                (format, file)
            }
            [name, file] => {
                let format = Format::from_name(name)
                    .ok_or_else(|| unknown("format", name, names.iter().copied()))?;
                (format, file)
            }
            _ => return Err("export [FORMAT] FILE, e.g. :export shown.graphml".into()),
        };
        // What the view shows: the graph view's neighbourhood (no one left
        // out for room, as `kgx export --around` writes it), else the lists.
        let shown = match (self.view, self.focus) {
            (View::Graph, Some(focus)) => {
                Shown::around(&self.graph, focus, self.graph_view.depth, &self.scope)
            }
            _ => Shown::listed(&self.graph, &self.scope, &self.listed_mask()),
        };
        let data = export::shown_data(&self.graph, &shown);
        let note = data.note;
        let graph = KnowledgeGraph::new(data.dataset).map_err(|error| error.to_string())?;
        self.effects.push(Effect::Export {
            graph: Box::new(graph),
            format,
            path: PathBuf::from(file),
            force,
            note,
        });
        Ok(())
    }
}

/// Wraps a completed word in quotes when it has spaces.
fn quote(word: &str) -> String {
    if word.contains(' ') {
        format!("\"{word}\"")
    } else {
        word.to_owned()
    }
}

fn one<'a>(args: &'a [String], usage: &str) -> Result<&'a str, String> {
    match args {
        [only] => Ok(only),
        _ => Err(format!("usage: {usage}")),
    }
}

/// "no view \"grph\" — did you mean \"graph\"?"
fn unknown<'a>(what: &str, word: &str, known: impl IntoIterator<Item = &'a str> + Clone) -> String {
    match suggest::did_you_mean(word, known.clone()) {
        Some(hint) => format!("no {what} \"{word}\" — {hint}"),
        None => format!(
            "no {what} \"{word}\"; known: {}",
            known.into_iter().collect::<Vec<_>>().join(", ")
        ),
    }
}

/// The items of `every` named in `values`, matched by `name` ignoring case.
fn pick<T: Ord + Clone>(
    values: &[&str],
    every: &std::collections::BTreeSet<T>,
    name: impl Fn(&T) -> String,
    what: &str,
) -> Result<std::collections::BTreeSet<T>, String> {
    let names: Vec<String> = every.iter().map(&name).collect();
    values
        .iter()
        .map(|value| {
            every
                .iter()
                .find(|item| suggest::fold(&name(item)) == suggest::fold(value))
                .cloned()
                .ok_or_else(|| unknown(what, value, names.iter().map(String::as_str)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_keep_spaces_in_one_word() {
        assert_eq!(
            words(r#"path "Sergey Lavrov"  israel --avoid syria"#),
            ["path", "Sergey Lavrov", "israel", "--avoid", "syria"]
        );
        assert_eq!(words("  "), Vec::<String>::new());
        assert_eq!(words(r#"a """#), ["a", ""]);
    }
}
