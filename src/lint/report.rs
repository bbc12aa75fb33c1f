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
use crate::load::tree::{self, Node};
use crate::load::validate::Step;
use crate::load::{LoadError, Problem};

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
pub fn place(name: &str, text: Option<&str>, findings: Vec<Finding>) -> Report {
    let doc = text
        .filter(|text| !findings.is_empty() || text.contains(directives::MARK))
        .and_then(|text| tree::parse(text).ok());
    let (directives, directive_problems) = match (text, &doc) {
        (Some(text), Some(doc)) if text.contains(directives::MARK) => directives::read(text, doc),
        _ => (Vec::new(), Vec::new()),
    };
    let mut allowed = 0;
    let mut placed = Vec::with_capacity(findings.len());
    for finding in findings {
        let span = doc.as_ref().map(|doc| locate(&doc.root, &finding.path));
        let is_allowed = |d: &Directive| {
            span.as_ref()
                .is_some_and(|s| d.allows(finding.check, s.start))
        };
        if directives.iter().any(is_allowed) {
            allowed += 1;
        } else {
            let related = match (&doc, &finding.related) {
                (Some(doc), Some((path, label))) => Some((locate(&doc.root, path), label.clone())),
                _ => None,
            };
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
        text: doc.and(text).map(Arc::from),
        findings: placed,
        allowed,
        directive_problems,
    }
}

/// The span of the value at `path`, or of the deepest part that exists.
fn locate(root: &Node, path: &[Step]) -> Range<usize> {
    let mut node = root;
    for step in path {
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
            message,
            span: placed.span.clone(),
            label: finding.label.clone(),
            help: finding.help.clone(),
            related: placed.related.clone(),
        }
    }

    /// The report as text: a heading per check, then each finding with its
    /// place marked, then one line that sums up.
    pub fn render(&self, color: bool, width: usize) -> String {
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
            let problems = found
                .iter()
                .take(crate::load::MAX_SHOWN)
                .map(|placed| Report::problem(placed))
                .collect();
            let mut rendered = diagnostics(problems).render_problems(color, width);
            if found.len() > crate::load::MAX_SHOWN {
                rendered.push_str(&format!(
                    "… and {} more {} findings not shown\n",
                    found.len() - crate::load::MAX_SHOWN,
                    check.name
                ));
            }
            out.push_str(&rendered);
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
