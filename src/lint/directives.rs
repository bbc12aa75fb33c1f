//! Turning checks off in the data file itself, with a comment that says
//! why, so the reason travels with the data:
//!
//! ```ron
//! // kgx-lint: allow(isolated-actor) kept for the reader's orientation
//! ```
//!
//! Before the file's `Graph(` the directive covers the whole file; anywhere
//! else it covers the record (source, actor, relation, role or evidence)
//! that comes right after it.

use std::ops::Range;

use super::find_check;
use crate::load::Problem;
use crate::load::tree::{self, Document, Node};

/// What a comment directive starts with.
pub const MARK: &str = "// kgx-lint:";

/// One `// kgx-lint: allow(…) reason` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The checks it turns off.
    pub checks: Vec<String>,
    /// The bytes it covers.
    pub scope: Range<usize>,
}

impl Directive {
    /// True when this directive allows a finding of `check` at `offset`.
    pub fn allows(&self, check: &str, offset: usize) -> bool {
        self.scope.contains(&offset) && self.checks.iter().any(|name| name == check)
    }
}

/// Every directive in `text`, and problems with those that are malformed,
/// name unknown checks, give no reason or cover nothing.
pub fn read(text: &str, doc: &Document) -> (Vec<Directive>, Vec<Problem>) {
    let mut records = Vec::new();
    for list in ["sources", "actors", "relations"] {
        if let Some(field) = doc.root.field(list) {
            for record in field.value.elements() {
                records.push(record.span.clone());
                for inner in ["roles", "evidence"] {
                    if let Some(items) = record.field(inner) {
                        records
                            .extend(items.value.elements().iter().map(|n: &Node| n.span.clone()));
                    }
                }
            }
        }
    }
    records.sort_by_key(|span| span.start);

    let mut directives = Vec::new();
    let mut problems = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let trimmed = line.trim_start();
        let Some(rest) = trimmed.strip_prefix(MARK) else {
            continue;
        };
        let at = start + (line.len() - trimmed.len());
        let span = at..start + line.trim_end().len();
        let Some((names, reason)) = rest
            .trim_start()
            .strip_prefix("allow(")
            .and_then(|inner| inner.split_once(')'))
        else {
            problems.push(
                Problem::at(
                    span,
                    "a kgx-lint directive must read `allow(NAME, …) reason`",
                )
                .label("not understood")
                .help(Some(
                    "write `// kgx-lint: allow(isolated-actor) why it is fine`".into(),
                )),
            );
            continue;
        };
        let checks: Vec<String> = names
            .split(',')
            .map(|name| name.trim().to_owned())
            .filter(|name| !name.is_empty())
            .collect();
        if let Some(unknown) = checks.iter().find(|name| find_check(name).is_none()) {
            let help = crate::suggest::did_you_mean(unknown, super::CHECKS.iter().map(|c| c.name))
                .unwrap_or_else(|| "`kgx lint --list` names every check".into());
            problems.push(
                Problem::at(span, format!("no lint check is called \"{unknown}\""))
                    .label("unknown check")
                    .help(Some(help)),
            );
            continue;
        }
        if reason.trim().is_empty() {
            problems.push(
                Problem::at(span, "a kgx-lint directive needs a reason after `allow(…)`")
                    .label("why?")
                    .help(Some(
                        "say in a few words why the finding is fine here".into(),
                    )),
            );
            continue;
        }
        let end = span.end;
        let scope = if end <= doc.root.span.start {
            0..text.len()
        } else {
            let next = records.partition_point(|record| record.start < end);
            match records.get(next) {
                Some(record) if tree::is_blank(&text[end..record.start]) => record.clone(),
                _ => {
                    problems.push(
                        Problem::at(span, "this kgx-lint directive covers nothing")
                            .label("no record follows")
                            .help(Some("put it on the line right before a source, actor, relation, role or evidence, or before `Graph(` for the whole file".into())),
                    );
                    continue;
                }
            }
        };
        directives.push(Directive { checks, scope });
    }
    (directives, problems)
}
