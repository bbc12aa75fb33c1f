//! `kgx lint` in the explorer: after the first load and each reload the
//! checks run on a worker thread; their findings open in the problems
//! overlay, their count is in the status line, and the actors and
//! relations they are about carry a marker in the lists.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use super::task::Job;
use super::{App, Effect, JobKind, Overlay, Task, Ticket};
use crate::graph::{EdgeIndex, KnowledgeGraph, NodeIndex};
use crate::lint::{self, Record, Report};
use crate::load::diagnostic::SharedText;
use crate::load::{self, Input};

/// What the explorer knows of the lint.
#[derive(Debug, Default)]
pub(super) struct LintState {
    /// Whether the lint runs: the shell turns it on, tests choose.
    enabled: bool,
    /// Where the graph was read from: the data file, whose folder
    /// `text_file` paths are relative to, or the embedded seed; its
    /// directives allow findings. `None` when the graph is several files.
    input: Option<Input>,
    /// The findings on the graph shown.
    report: Option<Arc<Report>>,
    /// Actors a finding is about.
    actors: HashSet<NodeIndex>,
    /// Relations a finding is about.
    relations: HashSet<EdgeIndex>,
}

impl LintState {
    /// The data file the graph was read from, when it is one file.
    pub(super) fn file(&self) -> Option<PathBuf> {
        match &self.input {
            Some(Input::Path(path)) => Some(path.clone()),
            _ => None,
        }
    }
}

/// A lint's findings as an action carries them.
#[derive(Clone, Debug)]
pub struct LintFindings(pub Arc<Report>);

impl PartialEq for LintFindings {
    /// The same run: reports are compared by identity, as running the
    /// lint again is what makes two of them.
    fn eq(&self, other: &LintFindings) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Every check (but the pedantic ones) on `graph`; the findings are placed
/// in the text `input` holds when it is RON, so that its directives apply.
/// The graph lists actors and relations in file order, so a finding's
/// record index is also the node or edge it is about.
pub(super) fn run(graph: &Arc<KnowledgeGraph>, input: Option<&Input>) -> Report {
    let file = match input {
        Some(Input::Path(file)) => Some(file.as_path()),
        _ => None,
    };
    let base = file.map(|file| match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    });
    let texts = lint::source_texts(graph, base.as_deref());
    let findings = lint::lint(graph, &texts, &lint::Options::default());
    let text = match input {
        Some(Input::Embedded) => Some(load::EMBEDDED.to_owned()),
        Some(Input::Path(file)) if file.extension().is_some_and(|ext| ext == "ron") => {
            std::fs::read_to_string(file).ok()
        }
        _ => None,
    };
    let text = text.map(|text| -> SharedText {
        match text.strip_prefix('\u{feff}') {
            Some(rest) => Arc::new(rest.to_owned()),
            None => Arc::new(text),
        }
    });
    let name = input.map_or_else(|| "the data".to_owned(), Input::name);
    let text = text.and_then(lint::report::Outlined::new);
    lint::report::place(&name, text, Arc::clone(graph), findings)
}

impl App {
    /// The same explorer, linting the graph it shows: `input` is where it
    /// was read from (`None` when it was put together from several files).
    pub fn with_lint(mut self, input: Option<Input>) -> App {
        self.lint.enabled = true;
        self.lint.input = input;
        self.request_lint();
        self
    }

    /// Asks for the lint of the graph shown, if linting is on.
    pub(super) fn request_lint(&mut self) {
        if !self.lint.enabled {
            return;
        }
        let (ticket, progress) = self.jobs.start(JobKind::Lint);
        self.effects.push(Effect::Compute(Task {
            job: Job::Lint {
                ticket,
                input: self.lint.input.clone(),
            },
            graph: Arc::clone(&self.graph),
            scope: self.scope.clone(),
            progress,
        }));
    }

    /// Takes in the findings of the lint `ticket` asked for, unless a
    /// newer one runs.
    pub(super) fn lint_ready(&mut self, ticket: Ticket, LintFindings(report): LintFindings) {
        if !self.jobs.finish(ticket) {
            return;
        }
        self.lint.actors.clear();
        self.lint.relations.clear();
        for finding in &report.findings {
            match finding.record {
                Record::Actor(index) => {
                    self.lint.actors.insert(NodeIndex::new(index));
                }
                Record::Relation(index) => {
                    self.lint.relations.insert(EdgeIndex::new(index));
                }
                Record::Source(_) => {}
            }
        }
        self.lint.report = Some(report);
    }

    /// The lint findings on the graph shown, once they are in.
    pub fn lint_report(&self) -> Option<&Report> {
        self.lint.report.as_deref()
    }

    /// Whether a lint finding is about `node`.
    pub fn actor_flagged(&self, node: NodeIndex) -> bool {
        self.lint.actors.contains(&node)
    }

    /// Whether a lint finding is about `edge`.
    pub fn relation_flagged(&self, edge: EdgeIndex) -> bool {
        self.lint.relations.contains(&edge)
    }

    /// The status line's word on the lint: how many findings, and the key
    /// that shows them.
    pub fn lint_summary(&self) -> Option<String> {
        let report = self.lint.report.as_deref()?;
        let count = report.findings.len() + report.directive_problems.len();
        let key = self.keymap.first_key("problems");
        Some(match count {
            0 => "lint: clean".to_owned(),
            1 => format!("lint: 1 finding ({key} shows it)"),
            n => format!("lint: {n} findings ({key} shows them)"),
        })
    }

    /// Opens the problems overlay, if there is anything to show in it.
    pub(super) fn show_problems(&mut self) {
        let has_findings = self.lint_report().is_some_and(|report| !report.is_clean());
        if self.problems.is_some() || self.warnings.is_some() || has_findings {
            self.overlay = Some(Overlay::Problems { scroll: 0 });
        } else {
            self.message = Some(if self.jobs.running(JobKind::Lint) {
                "no problems so far; the lint is still running".to_owned()
            } else {
                "no problems: the file loads and the lint finds nothing".to_owned()
            });
        }
    }
}
