//! Edge lists as spreadsheets save them: a header row naming the columns
//! (`from,to,kind,date,…`, or `source,target,…`), one relation per row,
//! and optionally a second file of actors (`id,name,kind,…`).
//!
//! Every row with the wrong number of fields is reported, each at its own
//! line, before anything else is checked.

use std::collections::{HashMap, HashSet};
use std::io;
use std::ops::Range;
use std::sync::Arc;

use serde_json::json;

use super::foreign::{self, EdgeRecord, ForeignGraph, Item, NodeRecord};
use crate::load::{Collected, LoadError, Problem};
use crate::model::Dataset;

/// Column names read as a relation's first end.
pub(super) const FROM: [&str; 7] = ["from", "source", "src", "subject", "head", "start", "node1"];
/// Column names read as a relation's second end.
pub(super) const TO: [&str; 7] = ["to", "target", "dst", "object", "tail", "end", "node2"];
/// Column names read as an actor's id, in order of preference.
pub(super) const ID: [&str; 4] = ["id", "node", "key", "name"];

/// The cells of a row, each with where it is.
type Cells = Vec<(String, Range<usize>)>;

/// A table read from CSV text: the header and the rows.
struct Table {
    header: Cells,
    /// Each row: its span and its cells.
    rows: Vec<(Range<usize>, Cells)>,
}

/// Reads an edge list (and its actors file: name, text and delimiter)
/// into a validated data set.
pub fn read(
    name: &str,
    text: &str,
    delimiter: u8,
    actors: Option<(&str, &str, u8)>,
) -> Result<Dataset, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fail = |name: &str, text: &str, problems: Vec<Problem>| LoadError {
        name: name.to_owned(),
        text: Arc::from(text),
        problems,
    };
    let nodes = match actors {
        Some((actors_name, actors_text, actors_delimiter)) => {
            let actors_text = actors_text.strip_prefix('\u{feff}').unwrap_or(actors_text);
            let nodes = read_actors(actors_text, actors_delimiter)
                .map_err(|problems| fail(actors_name, actors_text, problems))?;
            Some(nodes)
        }
        None => None,
    };
    let table = table(text, delimiter).map_err(|problems| fail(name, text, problems))?;
    let column = |names: &[&str]| {
        table
            .header
            .iter()
            .position(|(h, _)| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
    };
    let (Some(from), Some(to)) = (column(&FROM), column(&TO)) else {
        let missing = if column(&FROM).is_none() {
            "from"
        } else {
            "to"
        };
        let header_span = table
            .header
            .first()
            .zip(table.header.last())
            .map_or(0..0, |(first, last)| first.1.start..last.1.end);
        return Err(fail(
            name,
            text,
            vec![
                Problem::at(header_span, format!("the header has no `{missing}` column"))
                    .label("the header row")
                    .help(Some(format!(
                        "an edge list starts with a header such as `from{d}to{d}kind{d}date` (or `source{d}target`); the first row names the columns",
                        d = char::from(delimiter)
                    ))),
            ],
        ));
    };
    let mut graph = ForeignGraph {
        directed: true,
        ..ForeignGraph::default()
    };
    let problems = ends_problems(&table, &[from, to]);
    if !problems.is_empty() {
        return Err(fail(name, text, problems));
    }
    let mut seen: HashSet<String> = HashSet::new();
    // Each row's cells are moved into its edge and the row freed, so that
    // the text is never held twice over as cells.
    let Table { header, rows } = table;
    for (span, mut cells) in rows {
        let (source, source_span) = std::mem::take(&mut cells[from]);
        let (target, target_span) = std::mem::take(&mut cells[to]);
        for (id, id_span) in [(&source, &source_span), (&target, &target_span)] {
            if nodes.is_none() && seen.insert(id.clone()) {
                graph.nodes.push(NodeRecord {
                    id: id.clone(),
                    id_span: id_span.clone(),
                    span: id_span.clone(),
                    items: Vec::new(),
                });
            }
        }
        graph.edges.push(EdgeRecord {
            source,
            source_span,
            target,
            target_span,
            directed: None,
            items: items(&header, cells, &[from, to]),
            span,
        });
    }
    if let Some(nodes) = nodes {
        graph.nodes = nodes;
    }
    foreign::build(name, text, graph)
}

/// Every relation end in the `columns` that would be misread: an empty
/// cell (it would become an actor with no id), and an id that differs
/// from another only by the spaces around it (` a ` and `a` would become
/// two actors).
fn ends_problems(table: &Table, columns: &[usize]) -> Vec<Problem> {
    let mut problems = Collected::default();
    let mut by_trimmed: HashMap<&str, (&str, &Range<usize>)> = HashMap::new();
    for (_, cells) in &table.rows {
        for &column in columns {
            let (id, span) = &cells[column];
            let trimmed = id.trim();
            if trimmed.is_empty() {
                problems.push(
                    Problem::at(span.clone(), format!("the `{}` cell is empty", table.header[column].0.trim()))
                        .label("no actor id here")
                        .help(Some("every row names both ends of its relation; fill the cell in or delete the row".into())),
                );
                continue;
            }
            match by_trimmed.get(trimmed) {
                Some((first, first_span)) if *first != id.as_str() => problems.push(Problem {
                    related: Some(((*first_span).clone(), format!("written \"{first}\" here"))),
                    ..Problem::at(
                        span.clone(),
                        format!("the id \"{id}\" differs from \"{first}\" only by spaces around it"),
                    )
                    .label("spaces around the id")
                    .help(Some(format!(
                        "kgx does not guess whether they are one actor: write \"{trimmed}\" the same way in every row"
                    )))
                }),
                Some(_) => {}
                None => {
                    by_trimmed.insert(trimmed, (id.as_str(), span));
                }
            }
        }
    }
    problems.into_problems()
}

/// The actors of an actors file, or every problem in it.
fn read_actors(text: &str, delimiter: u8) -> Result<Vec<NodeRecord>, Vec<Problem>> {
    let table = table(text, delimiter)?;
    let id = ID.iter().find_map(|name| {
        table
            .header
            .iter()
            .position(|(h, _)| h.trim().eq_ignore_ascii_case(name))
    });
    let Some(id) = id else {
        let span = table.header.first().map_or(0..0, |(_, s)| s.clone());
        return Err(vec![
            Problem::at(span, "the actors file has no `id` column")
                .label("the header row")
                .help(Some(
                    "an actors file starts with a header such as `id,name,kind`; the ids are the ones the edge list uses".into(),
                )),
        ]);
    };
    // A name column used as the id is not an attribute as well.
    let skip = if ID[..3]
        .iter()
        .any(|n| table.header[id].0.trim().eq_ignore_ascii_case(n))
    {
        vec![id]
    } else {
        Vec::new()
    };
    let mut problems = Collected::default();
    let mut first: HashMap<String, Range<usize>> = HashMap::new();
    let mut nodes = Vec::new();
    let Table { header, rows } = table;
    for (span, cells) in rows {
        let (node_id, id_span) = cells[id].clone();
        if let Some(earlier) = first.get(&node_id) {
            problems.push_with(|| Problem {
                related: Some((earlier.clone(), "first used here".into())),
                ..Problem::at(
                    id_span.clone(),
                    format!("the actor id \"{node_id}\" is used twice"),
                )
                .label("second use")
                .help(Some("every actor needs its own row".into()))
            });
            continue;
        }
        first.insert(node_id.clone(), id_span.clone());
        nodes.push(NodeRecord {
            id: node_id,
            id_span,
            span,
            items: items(&header, cells, &skip),
        });
    }
    if problems.is_empty() {
        Ok(nodes)
    } else {
        Err(problems.into_problems())
    }
}

/// The non-empty cells of a row other than `skip`, named by the header.
fn items(header: &[(String, Range<usize>)], cells: Cells, skip: &[usize]) -> Vec<Item> {
    header
        .iter()
        .zip(cells)
        .enumerate()
        .filter(|(index, ((_, _), (value, _)))| !skip.contains(index) && !value.is_empty())
        .map(|(_, ((key, _), (value, span)))| Item {
            key: key.trim().to_owned(),
            value,
            span,
        })
        .collect()
}

/// Reads the header and rows; reports every row whose number of fields
/// differs from the header's (the first ones in full, the rest counted;
/// no row is kept once one is wrong), and an empty file.
fn table(text: &str, delimiter: u8) -> Result<Table, Vec<Problem>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header: Option<Cells> = None;
    let mut rows = Vec::new();
    let mut problems = Collected::default();
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map_or(start, |p| p.byte() as usize);
                if let Some(quote) = unclosed_quote(text, start, delimiter) {
                    return Err(vec![
                        Problem::at(quote..quote + 1, "this quote is never closed: every row after it was read as part of one field")
                            .label("opening quote")
                            .help(Some("close the quoted field with a second \", or double a quote inside a field: \"say \"\"hi\"\"\"".into())),
                    ]);
                }
                let spans = field_spans(text, start, delimiter);
                let end = spans.last().map_or(start, |s| s.end);
                if let Some(header) = &header
                    && record.len() != header.len()
                {
                    problems.push(ragged(start..end, record.len(), header.len(), delimiter));
                    rows = Vec::new();
                    continue;
                }
                if !problems.is_empty() {
                    continue;
                }
                let cells: Cells = record
                    .iter()
                    .zip(spans.into_iter().chain(std::iter::repeat(end..end)))
                    .map(|(value, span)| (value.to_owned(), span))
                    .collect();
                match header {
                    None => header = Some(cells),
                    Some(_) => rows.push((start..end, cells)),
                }
            }
            Err(err) => {
                let at = err
                    .position()
                    .map_or(start, |p| p.byte() as usize)
                    .min(text.len());
                return Err(vec![
                    Problem::at(at..at, format!("the {} is broken: {err}", kind_name(delimiter)))
                        .label("here")
                        .help(Some("a field with a quote in it is written in quotes, the quote doubled: \"say \"\"hi\"\"\"".into())),
                ]);
            }
        }
    }
    let Some(header) = header else {
        return Err(vec![
            Problem::at(0..0, format!("the {} is empty", kind_name(delimiter)))
                .label("expected a header row")
                .help(Some(
                    "the first row names the columns, as in `from,to,kind`".into(),
                )),
        ]);
    };
    if !problems.is_empty() {
        return Err(problems.into_problems());
    }
    Ok(Table { header, rows })
}

/// A row with `fields` fields where the header has `expected`.
fn ragged(span: Range<usize>, fields: usize, expected: usize, delimiter: u8) -> Problem {
    let hint = if fields > expected {
        format!(
            "a value with a {} in it goes in double quotes: \"Damascus{} Syria\"",
            separator_name(delimiter),
            char::from(delimiter)
        )
    } else {
        "leave a field empty rather than out: a,b,,d".to_owned()
    };
    Problem::at(
        span,
        format!("this row has {fields} fields, the header has {expected}"),
    )
    .label(format!("{fields} fields"))
    .help(Some(hint))
}

fn kind_name(delimiter: u8) -> &'static str {
    if delimiter == b'\t' { "TSV" } else { "CSV" }
}

fn separator_name(delimiter: u8) -> &'static str {
    if delimiter == b'\t' { "tab" } else { "comma" }
}

/// The place of a quote that opens a field of the record starting at
/// `start` and is still open at the end of the text: CSV readers take
/// everything after it as one field.
pub(super) fn unclosed_quote(text: &str, start: usize, delimiter: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut open = None;
    let mut field_start = true;
    for (at, &byte) in bytes.iter().enumerate().skip(start) {
        match open {
            Some(_) if byte == b'"' => open = None,
            Some(_) => {}
            None if byte == b'"' && field_start => open = Some(at),
            None if byte == b'\n' || byte == b'\r' => return None,
            None => {}
        }
        field_start = open.is_none() && byte == delimiter;
    }
    open
}

/// Where each field of the record starting at `start` is in the text
/// (quotes included), scanning as CSV does: a delimiter or line break
/// inside quotes belongs to the field.
fn field_spans(text: &str, start: usize, delimiter: u8) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut field_start = start;
    let mut in_quotes = false;
    let mut at = start;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes && byte == delimiter {
            spans.push(field_start..at);
            field_start = at + 1;
        } else if !in_quotes && (byte == b'\n' || byte == b'\r') {
            break;
        }
        at += 1;
    }
    spans.push(field_start..at);
    spans
}

/// The relations as an edge list: the ends, every field (evidence as
/// JSON), then one column per attribute name in use.
pub fn write_edges(dataset: &Dataset, delimiter: u8) -> io::Result<String> {
    let attributes = attribute_names(dataset.relations.iter().map(|r| &r.attributes));
    let mut header: Vec<&str> = vec![
        "from", "to", "kind", "label", "directed", "date", "status", "stance", "evidence",
    ];
    header.extend(attributes.iter().map(String::as_str));
    let mut writer = writer(delimiter);
    writer.write_record(&header)?;
    for relation in &dataset.relations {
        let evidence = if relation.evidence.is_empty() {
            String::new()
        } else {
            json!(relation
                .evidence
                .iter()
                .map(|e| json!({"source": e.source, "quote": e.quote, "attributed_to": e.attributed_to}))
                .collect::<Vec<_>>())
            .to_string()
        };
        let mut row = vec![
            relation.from.clone(),
            relation.to.clone(),
            relation.kind.clone(),
            relation.label.clone().unwrap_or_default(),
            relation.directed.to_string(),
            relation.date.map(|d| d.to_string()).unwrap_or_default(),
            relation.status.name().to_owned(),
            relation.stance.name().to_owned(),
            evidence,
        ];
        row.extend(
            attributes
                .iter()
                .map(|name| relation.attributes.get(name).cloned().unwrap_or_default()),
        );
        writer.write_record(&row)?;
    }
    finish(writer)
}

/// The actors as a table: id, name, kind, the other fields (lists and
/// records as JSON), then one column per attribute name in use.
pub fn write_actors(dataset: &Dataset, delimiter: u8) -> io::Result<String> {
    let attributes = attribute_names(dataset.actors.iter().map(|a| &a.attributes));
    let mut header: Vec<&str> = vec![
        "id",
        "name",
        "kind",
        "aliases",
        "summary",
        "date",
        "roles",
        "external_ids",
    ];
    header.extend(attributes.iter().map(String::as_str));
    let mut writer = writer(delimiter);
    writer.write_record(&header)?;
    for actor in &dataset.actors {
        let json_or_empty = |empty: bool, value: serde_json::Value| {
            if empty {
                String::new()
            } else {
                value.to_string()
            }
        };
        let roles: Vec<_> = actor
            .roles
            .iter()
            .map(|r| json!({"title": r.title, "of": r.of, "date": r.date.map(|d| d.to_string())}))
            .collect();
        let mut row = vec![
            actor.id.clone(),
            actor.name.clone(),
            actor.kind.name().to_owned(),
            json_or_empty(actor.aliases.is_empty(), json!(actor.aliases)),
            actor.summary.clone().unwrap_or_default(),
            actor.date.map(|d| d.to_string()).unwrap_or_default(),
            json_or_empty(roles.is_empty(), json!(roles)),
            json_or_empty(actor.external_ids.is_empty(), json!(actor.external_ids)),
        ];
        row.extend(
            attributes
                .iter()
                .map(|name| actor.attributes.get(name).cloned().unwrap_or_default()),
        );
        writer.write_record(&row)?;
    }
    finish(writer)
}

fn writer(delimiter: u8) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new())
}

fn finish(writer: csv::Writer<Vec<u8>>) -> io::Result<String> {
    let bytes = writer.into_inner().map_err(|err| err.into_error())?;
    String::from_utf8(bytes).map_err(io::Error::other)
}

fn attribute_names<'a>(
    maps: impl Iterator<Item = &'a std::collections::BTreeMap<String, String>>,
) -> Vec<String> {
    let mut names: Vec<String> = maps.flat_map(|m| m.keys().cloned()).collect();
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_spans_follow_quotes() {
        let text = "a,\"b,c\",d\nx";
        let spans = field_spans(text, 0, b',');
        let fields: Vec<&str> = spans.iter().map(|s| &text[s.clone()]).collect();
        assert_eq!(fields, ["a", "\"b,c\"", "d"]);
    }
}
