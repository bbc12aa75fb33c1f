//! Findings as a person or a program reads them: grouped by check, each
//! with file, line, column and the spot marked like the loader's
//! diagnostics, or as JSON.

use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

use serde_json::{Value, json};

use super::directives::{self, Directive};
use super::{CHECKS, Finding, Record};
use crate::load::diagnostic::LineIndex;
use crate::load::tree::{self, Outline};
use crate::load::validate::Step;
use crate::load::{LoadError, Problem};

/// How many findings of each check the text report shows in full unless
/// asked for all: enough to see what a check finds, few enough that a
/// million findings do not flood a terminal.
pub const SHOWN_PER_CHECK: usize = 100;

/// The findings of one run, placed in the file's text.
#[derive(Clone, Debug)]
pub struct Report {
    /// The file as the person named it.
    pub name: String,
    /// The RON text findings point into; `None` for other formats, whose
    /// findings name their record instead.
    pub text: Option<Arc<str>>,
    /// Findings not allowed in the file, each with its place.
    pub findings: Vec<Placed>,
    /// How many findings directives in the file allowed.
    pub allowed: usize,
    /// Malformed or unknown directives: always reported.
    pub directive_problems: Vec<Problem>,
}

/// A finding and where it is in the text, when the text is RON.
#[derive(Clone, Debug)]
pub struct Placed {
    /// What was found.
    pub finding: Finding,
    /// The marked spot.
    pub span: Option<Range<usize>>,
    /// The second place that explains it, with its note.
    pub related: Option<(Range<usize>, String)>,
    /// The check's place in [`CHECKS`], which groups the report.
    group: usize,
}

/// Places `findings` in `text` (RON) and drops those its directives allow.
///
/// Only the start of each record is found in a pass over the text; the
/// record a finding is about is then read again on its own to place the
/// finding inside it, so a million findings in a 300 MB file need neither
/// the file's whole tree nor more than one pass.
pub fn place(name: &str, text: Option<Arc<str>>, findings: Vec<Finding>) -> Report {
    let text = text.filter(|text| !findings.is_empty() || text.contains(directives::MARK));
    let outline = text.as_deref().and_then(|text| tree::outline(text).ok());
    let (directives, directive_problems) = match (&text, &outline) {
        (Some(text), Some(_)) if text.contains(directives::MARK) => match tree::parse(text) {
            Ok(doc) => directives::read(text, &doc),
            Err(_) => (Vec::new(), Vec::new()),
        },
        _ => (Vec::new(), Vec::new()),
    };
    let locate = |path: &[Step]| match (&text, &outline) {
        (Some(text), Some(outline)) => Some(locate(text, outline, path)),
        _ => None,
    };
    let mut allowed = 0;
    let mut placed = Vec::with_capacity(findings.len());
    for finding in findings {
        let span = locate(&finding.path);
        let is_allowed = |d: &Directive| {
            span.as_ref()
                .is_some_and(|s| d.allows(finding.check, s.start))
        };
        if directives.iter().any(is_allowed) {
            allowed += 1;
        } else {
            let related = finding
                .related
                .as_ref()
                .and_then(|(path, label)| Some((locate(path)?, label.clone())));
            let group = CHECKS
                .iter()
                .position(|check| check.name == finding.check)
                .unwrap_or(CHECKS.len());
            placed.push(Placed {
                finding,
                span,
                related,
                group,
            });
        }
    }
    Report {
        name: name.to_owned(),
        text: outline.and(text),
        findings: placed,
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
    let mut node = &record;
    for step in &path[2..] {
        let next = match *step {
            Step::Field(name) => node.field(name).map(|f| &f.value),
            Step::Index(index) => node.element(index),
        };
        match next {
            Some(next) => node = next,
            None => break,
        }
    }
    node.span.clone()
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

    fn problem(placed: &Placed) -> Problem {
        let finding = &placed.finding;
        let message = match placed.span {
            Some(_) => finding.message.clone(),
            None => format!("{}: {}", record_name(finding.record), finding.message),
        };
        Problem {
            severity: crate::load::diagnostic::Severity::Error,
            message,
            span: placed.span.clone(),
            label: finding.label.clone(),
            help: finding.help.clone(),
            related: placed.related.clone(),
        }
    }

    /// The report as text: a heading per check, then the first
    /// [`SHOWN_PER_CHECK`] findings of each (every one with `all`) with its
    /// place marked and a count of the rest, then one line that sums up.
    pub fn render(&self, color: bool, width: usize, all: bool) -> String {
        let mut out = String::new();
        let text = self.text.clone().unwrap_or_else(|| Arc::from(""));
        let diagnostics = |problems: Vec<Problem>| LoadError {
            name: self.name.clone(),
            text: Arc::clone(&text),
            problems,
        };
        if !self.directive_problems.is_empty() {
            out.push_str("kgx-lint directives\n");
            out.push_str(
                &diagnostics(self.directive_problems.clone()).render_problems(color, width),
            );
        }
        let renderer = diagnostics(Vec::new()).renderer(color, width);
        let shown = if all { usize::MAX } else { SHOWN_PER_CHECK };
        for (group, check) in CHECKS.iter().enumerate() {
            let found: Vec<_> = self
                .findings
                .iter()
                .filter(|placed| placed.group == group)
                .collect();
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
                .map(|placed| Report::problem(placed))
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

    /// One line: how many findings of which checks, and how many allowed.
    pub fn summary(&self) -> String {
        let mut per_check = [0usize; CHECKS.len()];
        for placed in &self.findings {
            if let Some(count) = per_check.get_mut(placed.group) {
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
        let lines = LineIndex::new(self.text.as_deref().unwrap_or(""));
        let position =
            |span: &Option<Range<usize>>| span.as_ref().map(|s| lines.line_column(s.start));
        writeln!(out, "{{")?;
        writeln!(out, "  \"file\": {},", json!(self.name))?;
        writeln!(out, "  \"findings\": [")?;
        for (index, Placed { finding, span, .. }) in self.findings.iter().enumerate() {
            let (list, record) = match finding.record {
                Record::Source(i) => ("sources", i),
                Record::Actor(i) => ("actors", i),
                Record::Relation(i) => ("relations", i),
            };
            let place = position(span);
            let value = json!({
                "check": finding.check,
                "message": finding.message,
                "line": place.map(|p| p.0),
                "column": place.map(|p| p.1),
                "record": {"list": list, "index": record},
                "label": finding.label,
                "help": finding.help,
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
