//! Turns ron's errors into problems a person can act on: the right spot,
//! plain words, and "did you mean" for misspelt fields and kinds.

use std::ops::Range;

use ron::error::{Error, Position, SpannedError};

use super::diagnostic::{Problem, floor_char_boundary};
use super::tree::Node;
use crate::suggest;

/// The problem for a ron error met while parsing `text[base..]`; `record`
/// is the element being parsed, if it was one.
pub fn problem(text: &str, base: usize, record: Option<&Node>, err: &SpannedError) -> Problem {
    let start = offset(text, base, err.span.start);
    // ron often reports the spot before the blanks that precede the value.
    let start = start + (text[start..].len() - text[start..].trim_start().len());
    let end = offset(text, base, err.span.end).max(start);
    let span = widen(text, start..end);
    let content_end = text.trim_end().len();
    if end >= content_end && !matches!(err.code, Error::TrailingCharacters) {
        let last = text[..content_end]
            .chars()
            .next_back()
            .map_or(0, char::len_utf8);
        return Problem::at(content_end - last..content_end, "unexpected end of file")
            .label(format!(
                "the file ends after this; {}",
                sentence(&err.code.to_string())
            ))
            .help(Some("a bracket, parenthesis or quote is not closed".into()));
    }
    match &err.code {
        Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let owner = outer.as_deref().unwrap_or("this record");
            let help = suggest::did_you_mean(found, expected.iter().copied())
                .map(|hint| hint.replace('"', "`"))
                .unwrap_or_else(|| format!("{owner} has the fields {}", backticked(expected)));
            Problem::at(span, format!("unknown field `{found}` in {owner}"))
                .label("not a field of this record")
                .help(Some(help))
        }
        Error::MissingStructField { field, outer } => {
            let owner = outer.as_deref().unwrap_or("the record");
            let span = record.map_or(span, |node| record_head(text, node));
            Problem::at(span, format!("{owner} is missing the field `{field}`"))
                .label(format!("add `{field}: …` to this record"))
        }
        Error::DuplicateStructField { field, outer } => {
            let owner = outer.as_deref().unwrap_or("this record");
            Problem::at(
                span,
                format!("the field `{field}` is given twice in {owner}"),
            )
            .label("second time")
        }
        Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let what = outer.as_deref().unwrap_or("value");
            let mut help = suggest::did_you_mean(found, expected.iter().copied())
                .map(|hint| hint.replace('"', "`"))
                .unwrap_or_else(|| format!("expected one of {}", backticked(expected)));
            if what == "ActorKind" {
                help.push_str(&format!(
                    " For a kind of your own, write `Other(\"{found}\")`."
                ));
            }
            Problem::at(span, format!("`{found}` is not a known {what}"))
                .label(format!("unknown {what}"))
                .help(Some(help))
        }
        Error::ExpectedDifferentStructName { expected, found } => Problem::at(
            span,
            format!("expected `{expected}(…)`, found `{found}(…)`"),
        )
        .label(format!("should be `{expected}`")),
        Error::InvalidValueForType { expected, found } => {
            Problem::at(span, format!("expected {expected}, found {found}"))
                .label(format!("expected {expected}"))
        }
        Error::Message(message) if message.contains(" date \"") || message.contains(" span \"") => {
            Problem::at(span, message.clone())
                .label("not a valid date")
                .help(Some(DATE_HELP.into()))
        }
        Error::Message(message) => Problem::at(span, message.clone()).label("here"),
        Error::ExpectedComma => Problem::at(span, "expected a comma")
            .label("expected `,` before this")
            .help(Some(
                "list items and record fields are separated by commas".into(),
            )),
        Error::ExceededRecursionLimit => Problem::at(span, "the data is nested too deeply")
            .label("too deep")
            .help(Some(
                "a kgx graph needs only a few levels of brackets; this is not one".into(),
            )),
        Error::TrailingCharacters => {
            Problem::at(span, "unexpected text after the end of the graph")
                .label("the graph already ended")
                .help(Some(
                    "a file holds one `Graph(…)`; check for an extra closing bracket".into(),
                ))
        }
        other => Problem::at(span, sentence(&other.to_string())).label("here"),
    }
}

/// How dates are written, for every date problem.
const DATE_HELP: &str = "dates are \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\"; spans \"2015..\", \"..2024-12\" or \"2011..2024\"";

/// The byte offset of ron's 1-based (line, column in characters) position,
/// counted from `base`.
fn offset(text: &str, base: usize, position: Position) -> usize {
    let rest = &text[base..];
    let mut line_start = 0;
    for _ in 1..position.line {
        match rest[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let column = rest[line_start..]
        .char_indices()
        .nth(position.col.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| line_start + i);
    base + column
}

/// An empty span becomes the character at that spot, so there is something
/// to point at.
fn widen(text: &str, span: Range<usize>) -> Range<usize> {
    if span.end > span.start {
        return span;
    }
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    start..end
}

/// The record's name and opening parenthesis: `Actor(`.
fn record_head(text: &str, node: &Node) -> Range<usize> {
    let head = &text[node.span.clone()];
    let end = head.find('(').map_or(1, |i| i + 1);
    node.span.start..node.span.start + end
}

fn backticked(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// ron's messages start with a capital and lack context; lower-case the
/// first letter so they read like the rest.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
