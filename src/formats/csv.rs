//! Edge lists as spreadsheets save them: a header row naming the columns
//! (`from,to,kind,date,…`, or `source,target,…`), one relation per row,
//! and optionally a second file of actors (`id,name,kind,…`).
//!
//! Every row with the wrong number of fields is reported, each at its own
//! line, before anything else is checked. This is the reader for lists
//! that are not sound (a sound one is read by `csv_stream`): it holds the
//! table as places in the text ([`Table`]) and makes each edge, and each
//! end as a node, only when the mapping asks for it.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io;
use std::ops::Range;
use std::sync::Arc;

use serde_json::json;

use super::csv_table::{Cell, Table};
use super::foreign::{self, EdgeRecord, Item, NodeRecord};
use super::ids::IdIndex;
use crate::load::{Collected, LoadError, Problem};
use crate::model::Dataset;

/// Column names read as a relation's first end.
pub(super) const FROM: [&str; 7] = ["from", "source", "src", "subject", "head", "start", "node1"];
/// Column names read as a relation's second end.
pub(super) const TO: [&str; 7] = ["to", "target", "dst", "object", "tail", "end", "node2"];
/// Column names read as an actor's id, in order of preference.
pub(super) const ID: [&str; 4] = ["id", "node", "key", "name"];

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
    let declared = match actors {
        Some((actors_name, actors_text, actors_delimiter)) => {
            let actors_text = actors_text.strip_prefix('\u{feff}').unwrap_or(actors_text);
            let nodes = read_actors(actors_text, actors_delimiter)
                .map_err(|problems| fail(actors_name, actors_text, problems))?;
            Some(nodes)
        }
        None => None,
    };
    let table = Table::read(text, delimiter).map_err(|problems| fail(name, text, problems))?;
    let (Some(from), Some(to)) = (table.column(&FROM), table.column(&TO)) else {
        let missing = if table.column(&FROM).is_none() {
            "from"
        } else {
            "to"
        };
        let header_span = table
            .header()
            .first()
            .zip(table.header().last())
            .map_or(0..0, |(first, last)| first.span().start..last.span().end);
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
    let problems = ends_problems(&table, &[from, to]);
    if !problems.is_empty() {
        return Err(fail(name, text, problems));
    }
    let nodes = match declared {
        Some(actors) => Nodes::Declared(actors),
        None => Nodes::Ends(ends(&table, from, to)),
    };
    foreign::build(
        name,
        text,
        EdgeList {
            table,
            from,
            to,
            nodes,
        },
    )
}

/// An edge list read as places in its text, its edges and its nodes made
/// one at a time as the mapping asks for them.
struct EdgeList<'t> {
    table: Table<'t>,
    from: usize,
    to: usize,
    nodes: Nodes<'t>,
}

/// Where an edge list's nodes come from.
enum Nodes<'t> {
    /// The rows of its actors file.
    Declared(Actors<'t>),
    /// The ends of its relations, each at the first cell that names it:
    /// `2 × row` for a row's `from` cell, `2 × row + 1` for its `to`.
    Ends(Vec<usize>),
}

/// An actors file read as places in its text: a node a row.
struct Actors<'t> {
    table: Table<'t>,
    /// The id column.
    id: usize,
    /// The columns that are not the node's attributes.
    skip: Vec<usize>,
}

impl EdgeList<'_> {
    /// The cell at which the end `at` (as [`Nodes::Ends`] counts) is.
    fn end(&self, at: usize) -> Cell {
        end_cell(&self.table, self.from, self.to, at)
    }
}

fn end_cell(table: &Table<'_>, from: usize, to: usize, at: usize) -> Cell {
    table.row(at / 2)[if at.is_multiple_of(2) { from } else { to }]
}

impl foreign::Records for EdgeList<'_> {
    fn directed(&self) -> bool {
        true
    }

    fn items(&self) -> &[Item] {
        &[]
    }

    fn node_count(&self) -> usize {
        match &self.nodes {
            Nodes::Declared(actors) => actors.table.len(),
            Nodes::Ends(ends) => ends.len(),
        }
    }

    fn node_id(&self, index: usize) -> (&str, Range<usize>) {
        let (table, cell) = match &self.nodes {
            Nodes::Declared(actors) => (&actors.table, actors.table.row(index)[actors.id]),
            Nodes::Ends(ends) => (&self.table, self.end(ends[index])),
        };
        (table.value(cell), cell.span())
    }

    fn node(&self, index: usize) -> Cow<'_, NodeRecord> {
        let (id, id_span) = self.node_id(index);
        let (span, items) = match &self.nodes {
            Nodes::Declared(actors) => (
                actors.table.row_span(index),
                items(&actors.table, actors.table.row(index), &actors.skip),
            ),
            Nodes::Ends(_) => (id_span.clone(), Vec::new()),
        };
        Cow::Owned(NodeRecord {
            id: id.to_owned(),
            id_span,
            span,
            items,
        })
    }

    fn edge_count(&self) -> usize {
        self.table.len()
    }

    fn edge(&self, index: usize) -> Cow<'_, EdgeRecord> {
        let cells = self.table.row(index);
        let (source, target) = (cells[self.from], cells[self.to]);
        Cow::Owned(EdgeRecord {
            source: self.table.value(source).to_owned(),
            source_span: source.span(),
            target: self.table.value(target).to_owned(),
            target_span: target.span(),
            directed: None,
            items: items(&self.table, cells, &[self.from, self.to]),
            span: self.table.row_span(index),
        })
    }

    fn edge_ends(&self, index: usize) -> [(&str, Range<usize>, &'static str); 2] {
        let cells = self.table.row(index);
        let end = |cell: Cell, which| (self.table.value(cell), cell.span(), which);
        [
            end(cells[self.from], "source"),
            end(cells[self.to], "target"),
        ]
    }
}

/// The distinct ends of the relations, in the order they first appear:
/// an edge list's actors when it has no actors file.
fn ends(table: &Table<'_>, from: usize, to: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut seen = IdIndex::default();
    for at in 0..2 * table.len() {
        let id = table.value(end_cell(table, from, to, at));
        let first = seen.insert(id, ends.len(), |node| {
            table.value(end_cell(table, from, to, ends[node]))
        });
        if first == ends.len() {
            ends.push(at);
        }
    }
    ends
}

/// Every relation end in the `columns` that would be misread: an empty
/// cell (it would become an actor with no id), and an id that differs
/// from another only by the spaces around it (` a ` and `a` would become
/// two actors).
fn ends_problems(table: &Table<'_>, columns: &[usize]) -> Vec<Problem> {
    let ids = || {
        (0..table.len()).flat_map(move |row| {
            columns
                .iter()
                .map(move |&column| (column, table.row(row)[column]))
        })
    };
    // Only an id written with spaces around it can differ from another by
    // them alone: those are compared, not every id of the file.
    let spaced: HashSet<&str> = ids()
        .map(|(_, cell)| table.value(cell))
        .filter(|id| id.trim().len() != id.len())
        .map(str::trim)
        .collect();
    let mut problems = Collected::default();
    let mut by_trimmed: HashMap<&str, (&str, Range<usize>)> = HashMap::new();
    for (column, cell) in ids() {
        let (id, span) = (table.value(cell), cell.span());
        let trimmed = id.trim();
        if trimmed.is_empty() {
            problems.push(
                Problem::at(
                    span,
                    format!("the `{}` cell is empty", table.column_name(column)),
                )
                .label("no actor id here")
                .help(Some(
                    "every row names both ends of its relation; fill the cell in or delete the row"
                        .into(),
                )),
            );
            continue;
        }
        if !spaced.contains(trimmed) {
            continue;
        }
        match by_trimmed.get(trimmed) {
            Some((first, first_span)) if *first != id => problems.push(Problem {
                related: Some((first_span.clone(), format!("written \"{first}\" here"))),
                ..Problem::at(
                    span,
                    format!("the id \"{id}\" differs from \"{first}\" only by spaces around it"),
                )
                .label("spaces around the id")
                .help(Some(format!(
                    "kgx does not guess whether they are one actor: write \"{trimmed}\" the same way in every row"
                )))
            }),
            Some(_) => {}
            None => {
                by_trimmed.insert(trimmed, (id, span));
            }
        }
    }
    problems.into_problems()
}

/// The actors of an actors file, or every problem in it.
fn read_actors(text: &str, delimiter: u8) -> Result<Actors<'_>, Vec<Problem>> {
    let table = Table::read(text, delimiter)?;
    let Some(id) = ID.iter().find_map(|name| table.column(&[name])) else {
        let span = table.header().first().map_or(0..0, |cell| cell.span());
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
        .any(|n| table.column_name(id).eq_ignore_ascii_case(n))
    {
        vec![id]
    } else {
        Vec::new()
    };
    let mut problems = Collected::default();
    let mut first = IdIndex::default();
    let id_of = |row: usize| table.value(table.row(row)[id]);
    for row in 0..table.len() {
        let earlier = first.insert(id_of(row), row, id_of);
        if earlier != row {
            problems.push_with(|| Problem {
                related: Some((table.row(earlier)[id].span(), "first used here".into())),
                ..Problem::at(
                    table.row(row)[id].span(),
                    format!("the actor id \"{}\" is used twice", id_of(row)),
                )
                .label("second use")
                .help(Some("every actor needs its own row".into()))
            });
        }
    }
    if problems.is_empty() {
        Ok(Actors { table, id, skip })
    } else {
        Err(problems.into_problems())
    }
}

/// The non-empty cells of a row other than `skip`, named by the header.
fn items(table: &Table<'_>, cells: &[Cell], skip: &[usize]) -> Vec<Item> {
    cells
        .iter()
        .enumerate()
        .filter(|&(column, &cell)| !skip.contains(&column) && !table.value(cell).is_empty())
        .map(|(column, &cell)| Item {
            key: table.column_name(column).to_owned(),
            value: table.value(cell).to_owned(),
            span: cell.span(),
        })
        .collect()
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

    /// (line, column, message) of each problem of an edge list read with
    /// an actors file.
    fn located(edges: &str, actors: &str) -> Vec<(usize, usize, String)> {
        let error =
            read("e.csv", edges, b',', Some(("a.csv", actors, b','))).expect_err("it is broken");
        error
            .problems
            .iter()
            .map(|problem| {
                let at = problem.span.as_ref().map_or(0, |span| span.start);
                let (line, column) = error.line_column(at);
                (line, column, problem.message.clone())
            })
            .collect()
    }

    #[test]
    fn problems_are_placed_after_a_byte_order_mark_quoted_lines_and_cr_lf() {
        let edges = "\u{feff}from,to,note\r\nb,b,\"two\r\nlines\"\r\nä,b,x\r\nb,\"ö\",x\r\n";
        assert_eq!(
            located(edges, "id\nb\n"),
            [
                (4, 1, "no node \"ä\"".to_owned()),
                (5, 3, "no node \"ö\"".to_owned()),
            ]
        );
    }

    #[test]
    fn an_actor_id_used_twice_is_placed_at_each_second_use_and_points_at_the_first() {
        let actors = "id,name\r\na,\"A\nB\"\r\nb,B\r\na,C\r\n\"a\",D\r\n";
        let error = read(
            "e.csv",
            "from,to\na,b\n",
            b',',
            Some(("a.csv", actors, b',')),
        )
        .expect_err("an id is used twice");
        assert_eq!(error.name, "a.csv");
        let placed: Vec<((usize, usize), (usize, usize))> = error
            .problems
            .iter()
            .map(|problem| {
                let at = |span: &Range<usize>| error.line_column(span.start);
                let first = problem.related.as_ref().map(|(span, _)| at(span));
                (
                    at(problem.span.as_ref().expect("placed")),
                    first.expect("first use"),
                )
            })
            .collect();
        assert_eq!(placed, [((5, 1), (2, 1)), ((6, 1), (2, 1))]);
    }

    #[test]
    fn ids_differing_by_spaces_are_found_wherever_they_are() {
        let edges = "from,to\na,b\nc, a \n a ,b\n";
        assert_eq!(
            located(edges, "id\na\nb\nc\n"),
            [
                (
                    3,
                    3,
                    "the id \" a \" differs from \"a\" only by spaces around it".to_owned()
                ),
                (
                    4,
                    1,
                    "the id \" a \" differs from \"a\" only by spaces around it".to_owned()
                ),
            ]
        );
    }
}
