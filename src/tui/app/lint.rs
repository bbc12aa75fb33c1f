//! `kgx lint` in the explorer: after the first load and each reload the
//! checks run on a worker thread; their findings open in the problems
//! overlay, their count is in the status line, and the actors and
//! relations they are about carry a marker in the lists.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::task::Job;
use super::{App, Effect, Overlay, Task};
use crate::graph::{EdgeIndex, KnowledgeGraph, NodeIndex, Progress};
use crate::lint::{self, Record, Report};

/// What the explorer knows of the lint.
#[derive(Debug, Default)]
pub(super) struct LintState {
    /// Whether the lint runs: the shell turns it on, tests choose.
    enabled: bool,
    /// The data file, whose folder `text_file` paths are relative to and
    /// whose directives allow findings; `None` for the embedded seed.
    pub(super) file: Option<PathBuf>,
    /// The lint being run, by request number.
    request: Option<u64>,
    /// The findings on the graph shown.
    report: Option<Arc<Report>>,
    /// Actors a finding is about.
    actors: HashSet<NodeIndex>,
    /// Relations a finding is about.
    relations: HashSet<EdgeIndex>,
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
/// in `file`'s text when it is RON, so that its directives apply. The
/// graph lists actors and relations in file order, so a finding's record
/// index is also the node or edge it is about.
pub(super) fn run(graph: &KnowledgeGraph, file: Option<&Path>) -> Report {
    let base = file.map(|file| match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    });
    let texts = lint::source_texts(graph, base.as_deref());
    let findings = lint::lint(graph, &texts, &lint::Options::default());
    let is_ron = file.is_some_and(|file| file.extension().is_some_and(|ext| ext == "ron"));
    let text = file
        .filter(|_| is_ron)
        .and_then(|file| std::fs::read_to_string(file).ok());
    let text = text
        .as_deref()
        .map(|text| text.strip_prefix('\u{feff}').unwrap_or(text));
    let name = file.map_or_else(|| "the data".to_owned(), |file| file.display().to_string());
    // The overlay shows the first findings of each check, as `kgx lint`.
    lint::report::place(&name, text, findings, lint::report::SHOWN_PER_CHECK)
}

impl App {
    /// The same explorer, linting the graph it shows: `file` is where it
    /// was read from (`None` for the embedded seed).
    pub fn with_lint(mut self, file: Option<PathBuf>) -> App {
        self.lint.enabled = true;
        self.lint.file = file;
        self.request_lint();
        self
    }

    /// Asks for the lint of the graph shown, if linting is on.
    pub(super) fn request_lint(&mut self) {
        if !self.lint.enabled {
            return;
        }
        self.requests += 1;
        self.lint.request = Some(self.requests);
        self.effects.push(Effect::Compute(Task {
            job: Job::Lint {
                request: self.requests,
                file: self.lint.file.clone(),
            },
            graph: Arc::clone(&self.graph),
            scope: self.scope.clone(),
            progress: Arc::new(Progress::default()),
        }));
    }

    /// Takes in the findings of lint `request`, unless a newer one runs.
    pub(super) fn lint_ready(&mut self, request: u64, LintFindings(report): LintFindings) {
        if self.lint.request != Some(request) {
            return;
        }
        self.lint.request = None;
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
            self.message = Some(match self.lint.request {
                Some(_) => "no problems so far; the lint is still running".to_owned(),
                None => "no problems: the file loads and the lint finds nothing".to_owned(),
            });
        }
    }
}
