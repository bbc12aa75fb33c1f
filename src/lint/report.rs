//! Findings as a person or a program reads them: grouped by check, each
//! with file, line, column and the spot marked like the loader's
//! diagnostics, or as JSON.

use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

use serde_json::{Value, json};

use super::directives::{self, Directive};
use super::{CHECKS, Finding, Record};
use crate::graph::KnowledgeGraph;
use crate::load::Problem;
use crate::load::diagnostic::{LineIndex, ProblemRenderer, SharedText};
use crate::load::tree::{self, Outline};
use crate::load::validate::Step;

/// How many findings of each check the text report shows in full unless
/// asked for all: enough to see what a check finds, few enough that a
/// million findings do not flood a terminal.
pub const SHOWN_PER_CHECK: usize = 100;

/// The findings of one run, placed in the file's text.
#[derive(Clone)]
pub struct Report {
    /// The file as the person named it.
    pub name: String,
    /// The RON text findings point into; `None` for other formats, whose
    /// findings name their record instead.
    text: Option<SharedText>,
    /// The graph the findings were found in, which says what each one is
    /// when it is shown.
    graph: Arc<KnowledgeGraph>,
    /// Where each record of the text starts, to find a finding's place
    /// when it is shown.
    outline: Option<Outline>,
    /// Findings not allowed in the file, grouped by check.
    pub findings: Vec<Finding>,
    /// How many findings directives in the file allowed.
    pub allowed: usize,
    /// Malformed or unknown directives: always reported.
    pub directive_problems: Vec<Problem>,
}

impl std::fmt::Debug for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Report")
            .field("name", &self.name)
            .field("findings", &self.findings)
            .field("allowed", &self.allowed)
            .field("directive_problems", &self.directive_problems)
            .finish_non_exhaustive()
    }
}

/// A RON text with the start of each of its records found, in one pass
/// that builds nothing else: what [`place`] needs of a text, found while
/// the checks run.
pub struct Outlined {
    text: SharedText,
    outline: Outline,
}

impl Outlined {
    /// Outlines `text`; `None` when it is not a RON struct of lists.
    pub fn new(text: SharedText) -> Option<Self> {
        let outline = tree::outline((*text).as_ref()).ok()?;
        Some(Outlined { text, outline })
    }
}

/// Drops the `findings` that the directives of `text` allow and keeps the
/// rest, grouped by check, to be placed in the text when they are shown.
///
/// A finding is placed inside its record by reading that record again on
/// its own, and only when it is shown or a directive sits in its record, so
/// a million findings in a 300 MB file need neither the file's whole tree
/// nor a place each.
pub fn place(
    name: &str,
    text: Option<Outlined>,
    graph: Arc<KnowledgeGraph>,
    mut findings: Vec<Finding>,
) -> Report {
    let (shared, outline) = match text {
        Some(Outlined { text, outline }) => (Some(text), Some(outline)),
        None => (None, None),
    };
    let text: Option<&str> = shared.as_ref().map(|text| (**text).as_ref());
    let (directives, directive_problems) = match (text, &outline) {
        (Some(text), Some(_)) if text.contains(directives::MARK) => match tree::parse(text) {
            Ok(doc) => directives::read(text, &doc),
            Err(_) => (Vec::new(), Vec::new()),
        },
        _ => (Vec::new(), Vec::new()),
    };
    let whole_file = |d: &&Directive| text.is_some_and(|t| d.scope == (0..t.len()));
    let for_file: Vec<&Directive> = directives.iter().filter(whole_file).collect();
    let mut in_records: Vec<&Directive> = directives.iter().filter(|d| !whole_file(d)).collect();
    in_records.sort_by_key(|d| d.scope.start);
    let is_allowed = |finding: &Finding| {
        if for_file
            .iter()
            .any(|d| d.checks.iter().any(|c| c == finding.check()))
        {
            return true;
        }
        let (Some(text), Some(outline)) = (text, &outline) else {
            return false;
        };
        if in_records.is_empty() {
            return false;
        }
        // Only a directive inside the finding's own record can allow it.
        let (list, index) = super::list_of(finding.record);
        if let Some(start) = outline.element_start(list, index) {
            let end = outline.element_start(list, index + 1).unwrap_or(usize::MAX);
            let first = in_records.partition_point(|d| d.scope.start < start);
            if in_records.get(first).is_none_or(|d| d.scope.start >= end) {
                return false;
            }
        }
        let at = locate(text, outline, &finding.path()).start;
        in_records.iter().any(|d| d.allows(finding.check(), at))
    };
    let before = findings.len();
    // Findings come grouped by check from the lint, and stay so.
    findings.retain(|finding| !is_allowed(finding));
    let allowed = before - findings.len();
    Report {
        name: name.to_owned(),
        text: shared,
        graph,
        outline,
        findings,
        allowed,
        directive_problems,
    }
}

/// The span of the value at `path` (`relations[3].evidence[0].quote`), or
/// of the deepest part of it that exists.
fn locate(text: &str, outline: &Outline, path: &[Step]) -> Range<usize> {
    let whole = 0..text.len();
    let (Some(Step::Field(list)), Some(Step::Index(index))) = (path.first(), path.get(1)) else {
        return whole;
    };
    let Some(record) = outline
        .element_start(list, *index)
        .and_then(|start| tree::value_at(text, start).ok())
    else {
        return whole;
    };
    crate::load::within(&record, &path[2..])
}

fn record_name(record: Record) -> String {
    match record {
        Record::Source(i) => format!("sources[{i}]"),
        Record::Actor(i) => format!("actors[{i}]"),
        Record::Relation(i) => format!("relations[{i}]"),
    }
}

impl Report {
    /// True when nothing is left to report.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty() && self.directive_problems.is_empty()
    }

    /// The RON text the findings point into.
    fn text(&self) -> Option<&str> {
        self.text.as_ref().map(|text| (**text).as_ref())
    }

    /// The span of the value at `path` in the text, when the text is RON.
    fn span_of(&self, path: &[Step]) -> Option<Range<usize>> {
        match (self.text(), &self.outline) {
            (Some(text), Some(outline)) => Some(locate(text, outline, path)),
            _ => None,
        }
    }

    /// Where `finding` is in the text, when the text is RON.
    pub fn span(&self, finding: &Finding) -> Option<Range<usize>> {
        self.span_of(&finding.path())
    }

    fn problem(&self, finding: &Finding) -> Problem {
        let span = self.span(finding);
        let said = finding.said(&self.graph);
        let message = match span {
            Some(_) => said.message,
            None => format!("{}: {}", record_name(finding.record), said.message),
        };
        let related = finding
            .related_path()
            .and_then(|(path, label)| Some((self.span_of(&path)?, label.to_owned())));
        Problem {
            severity: crate::load::diagnostic::Severity::Error,
            message,
            span,
            label: said.label.map(String::from),
            help: said.help.map(String::from),
            related,
        }
    }

    /// The report as text: a heading per check, then the first
    /// [`SHOWN_PER_CHECK`] findings of each (every one with `all`) with its
    /// place marked and a count of the rest, then one line that sums up.
    pub fn render(&self, color: bool, width: usize, all: bool) -> String {
        let mut out = String::new();
        let text = self.text.clone().unwrap_or_else(|| Arc::new(""));
        let renderer = ProblemRenderer::new(&self.name, text, color, width);
        if !self.directive_problems.is_empty() {
            out.push_str("kgx-lint directives\n");
            out.push_str(&renderer.render_capped(&self.directive_problems));
        }
        let shown = if all { usize::MAX } else { SHOWN_PER_CHECK };
        for (group, check) in CHECKS.iter().enumerate() {
            let found = self.group(group);
            if found.is_empty() {
                continue;
            }
            out.push_str(&format!(
                "{} ({}): {}\n",
                check.name,
                found.len(),
                check.description
            ));
            let problems: Vec<Problem> = found
                .iter()
                .take(shown)
                .map(|finding| self.problem(finding))
                .collect();
            out.push_str(&renderer.render(&problems));
            if found.len() > problems.len() {
                out.push_str(&format!(
                    "… and {} more {} findings not shown (--all shows every one)\n",
                    found.len() - problems.len(),
                    check.name
                ));
            }
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// The findings of the check at `group` in [`CHECKS`].
    fn group(&self, group: usize) -> &[Finding] {
        let start = self
            .findings
            .partition_point(|finding| finding.group() < group);
        let end = self
            .findings
            .partition_point(|finding| finding.group() <= group);
        &self.findings[start..end]
    }

    /// One line: how many findings of which checks, and how many allowed.
    pub fn summary(&self) -> String {
        let mut per_check = [0usize; CHECKS.len()];
        for finding in &self.findings {
            if let Some(count) = per_check.get_mut(finding.group()) {
                *count += 1;
            }
        }
        let counts: Vec<String> = CHECKS
            .iter()
            .zip(per_check)
            .filter(|(_, n)| *n > 0)
            .map(|(check, n)| format!("{n} {}", check.name))
            .collect();
        let total = self.findings.len() + self.directive_problems.len();
        let mut line = match total {
            0 => format!("{}: no findings", self.name),
            1 => format!("{}: 1 finding", self.name),
            n => format!("{}: {n} findings", self.name),
        };
        if !counts.is_empty() {
            line.push_str(&format!(" ({})", counts.join(", ")));
        }
        if !self.directive_problems.is_empty() {
            line.push_str(&format!(
                ", {} in kgx-lint directives",
                self.directive_problems.len()
            ));
        }
        if self.allowed > 0 {
            line.push_str(&format!("; {} allowed in the file", self.allowed));
        }
        line
    }

    /// The report as JSON: every finding with its check, message, line and
    /// column (when the file is RON), record, label and help. Written one
    /// finding at a time, one per line, so a million findings need no
    /// document in memory.
    pub fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        let lines = LineIndex::new(self.text().unwrap_or(""));
        let position =
            |span: &Option<Range<usize>>| span.as_ref().map(|s| lines.line_column(s.start));
        writeln!(out, "{{")?;
        writeln!(out, "  \"file\": {},", json!(self.name))?;
        writeln!(out, "  \"findings\": [")?;
        for (index, finding) in self.findings.iter().enumerate() {
            let (list, record) = super::list_of(finding.record);
            let place = position(&self.span(finding));
            let said = finding.said(&self.graph);
            let value = json!({
                "check": finding.check(),
                "message": said.message,
                "line": place.map(|p| p.0),
                "column": place.map(|p| p.1),
                "record": {"list": list, "index": record},
                "label": said.label,
                "help": said.help,
            });
            let comma = if index + 1 < self.findings.len() {
                ","
            } else {
                ""
            };
            writeln!(out, "    {value}{comma}")?;
        }
        writeln!(out, "  ],")?;
        let directive_problems: Vec<Value> = self
            .directive_problems
            .iter()
            .map(|problem| {
                let place = position(&problem.span);
                json!({
                    "message": problem.message,
                    "line": place.map(|p| p.0),
                    "column": place.map(|p| p.1),
                    "help": problem.help,
                })
            })
            .collect();
        writeln!(
            out,
            "  \"directive_problems\": {},",
            Value::from(directive_problems)
        )?;
        writeln!(out, "  \"allowed\": {}", self.allowed)?;
        writeln!(out, "}}")
    }
}
