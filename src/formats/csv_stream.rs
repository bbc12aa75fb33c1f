//! Reading a sound edge list (and its actors file) straight into a
//! [`GraphBuilder`], a row at a time, with the cells borrowed from the
//! text: no table of owned cells, no data set, no second pass to validate.
//!
//! The mapping is the one every foreign format shares
//! ([`foreign::edge_fields`], [`foreign::actor`]). Whatever this path does
//! not take as it is — a ragged row, an id with spaces, an end that names
//! no actor, an id used twice, an unclosed quote — makes it give up, and
//! the reader that locates every problem reads the file instead
//! ([`super::csv::read`]); so what it accepts can only be narrower than
//! that reader, never different.

use std::borrow::Cow;

use hashbrown::HashSet;

use super::csv::{FROM, ID, TO, unclosed_quote};
use super::foreign::{self, EdgeItem, Item, NodeRecord};
use crate::graph::{GraphBuilder, KnowledgeGraph, NewRelation};
use crate::load;
use crate::model::Source;

/// The graph of a sound edge list called `name`, or `None` when the
/// located reader must read it.
pub fn graph(
    name: &str,
    text: &str,
    delimiter: u8,
    actors: Option<(&str, u8)>,
) -> Option<KnowledgeGraph> {
    let mut builder = GraphBuilder::new();
    builder.set_title(foreign::title_from(name));
    let declared = match actors {
        Some((actors_text, actors_delimiter)) => {
            read_actors(actors_text, actors_delimiter, &mut builder)?;
            true
        }
        None => false,
    };
    read_edges(text, delimiter, declared, &mut builder)?;
    load::finish_sound(builder)
}

/// Rows of CSV text, each as its cells borrowed from the text.
///
/// Rows with no quote in them — most rows of most files — are cut at
/// their delimiters here, borrowed from the text as they are: the csv
/// reader would copy every cell and check it is UTF-8 again. From the
/// first row that is not so plain (a quote, a carriage return inside the
/// line, a blank line) the csv reader reads the rest of the text.
struct Rows<'t> {
    text: &'t str,
    delimiter: u8,
    /// Where the next plain row starts, until the csv reader takes over.
    plain_at: Option<usize>,
    /// The csv reader, with where in the text it started.
    reader: Option<(csv::Reader<&'t [u8]>, usize)>,
    record: csv::ByteRecord,
    cells: Vec<&'t str>,
}

impl<'t> Rows<'t> {
    fn new(text: &'t str, delimiter: u8) -> Self {
        Rows {
            text,
            delimiter,
            plain_at: Some(0),
            reader: None,
            record: csv::ByteRecord::new(),
            cells: Vec::new(),
        }
    }

    /// The next row's cells, `Some(None)` at the end, `None` when the
    /// text is broken: a quote left open, which CSV readers take to swallow
    /// the rest of the file into one field, is looked for in every row
    /// (a scan of the row's own bytes).
    fn next(&mut self) -> Option<Option<Cow<'_, [&str]>>> {
        if let Some(at) = self.plain_at {
            if at >= self.text.len() {
                return Some(None);
            }
            let rest = &self.text[at..];
            let end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
            let line = &rest[..end];
            let line = line.strip_suffix('\r').unwrap_or(line);
            if !line.is_empty() && memchr::memchr2(b'"', b'\r', line.as_bytes()).is_none() {
                self.plain_at = Some(at + end + 1);
                self.cells.clear();
                self.cells.extend(line.split(char::from(self.delimiter)));
                return Some(Some(Cow::Borrowed(&self.cells)));
            }
            self.plain_at = None;
            let reader = csv::ReaderBuilder::new()
                .delimiter(self.delimiter)
                .has_headers(false)
                .flexible(true)
                .from_reader(&self.text.as_bytes()[at..]);
            self.reader = Some((reader, at));
        }
        let (reader, base) = self.reader.as_mut()?;
        let start = reader.position().byte();
        match reader.read_byte_record(&mut self.record) {
            Ok(true) => {}
            Ok(false) => return Some(None),
            Err(_) => return None,
        }
        let start = self.record.position().map_or(start, |p| p.byte());
        let start = *base + usize::try_from(start).ok()?;
        // After a CR LF the reader counts the row from its LF: the scan
        // starts at the row's first cell, or it would stop at that LF.
        let start = start
            + self.text.as_bytes()[start..]
                .iter()
                .take_while(|&&byte| byte == b'\r' || byte == b'\n')
                .count();
        if unclosed_quote(self.text, start, self.delimiter).is_some() {
            return None;
        }
        // Cells are cut at ASCII delimiters and quotes, so each is the
        // UTF-8 of whole characters.
        let cells = self
            .record
            .iter()
            .map(|cell| std::str::from_utf8(cell).ok())
            .collect::<Option<Vec<&str>>>()?;
        Some(Some(Cow::Owned(cells)))
    }
}

/// The index of the first header cell named one of `names`.
fn column(header: &[String], names: &[&str]) -> Option<usize> {
    header
        .iter()
        .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
}

fn owned_header(rows: &mut Rows<'_>) -> Option<Vec<String>> {
    let header = rows.next()??;
    Some(header.iter().map(|cell| (*cell).to_owned()).collect())
}

/// Adds every actor of an actors file; `None` on anything the located
/// reader would report.
fn read_actors(text: &str, delimiter: u8, builder: &mut GraphBuilder) -> Option<()> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Rows::new(text, delimiter);
    let header = owned_header(&mut rows)?;
    let id = ID.iter().find_map(|name| column(&header, &[name]))?;
    // A name column used as the id is not an attribute as well.
    let id_is_attribute = !ID[..3]
        .iter()
        .any(|n| header[id].trim().eq_ignore_ascii_case(n));
    let mut seen: HashSet<String> = HashSet::new();
    while let Some(cells) = rows.next()? {
        if cells.len() != header.len() || !foreign::is_kgx_id(cells[id]) {
            return None;
        }
        if !seen.insert(cells[id].to_owned()) {
            return None;
        }
        let items = header
            .iter()
            .zip(cells.iter())
            .enumerate()
            .filter(|&(index, (_, value))| (index != id || id_is_attribute) && !value.is_empty())
            .map(|(_, (key, value))| Item {
                key: key.trim().to_owned(),
                value: (*value).to_owned(),
                span: 0..0,
            })
            .collect();
        let node = NodeRecord {
            id: cells[id].to_owned(),
            id_span: 0..0,
            span: 0..0,
            items,
        };
        // A value given twice is a warning the located reader gives.
        let mut replaced = Vec::new();
        builder.add_actor(foreign::actor(&node, node.id.clone(), &mut replaced));
        if !replaced.is_empty() {
            return None;
        }
    }
    Some(())
}

/// Adds every relation of an edge list, and its ends as actors when no
/// actors file `declared` them; `None` on anything the located reader
/// would report.
fn read_edges(text: &str, delimiter: u8, declared: bool, builder: &mut GraphBuilder) -> Option<()> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Rows::new(text, delimiter);
    let header = owned_header(&mut rows)?;
    let from = column(&header, &FROM)?;
    let to = column(&header, &TO)?;
    let keys: Vec<&str> = header.iter().map(|key| key.trim()).collect();
    let folded: Vec<String> = keys.iter().map(|key| foreign::folded(key)).collect();
    let mut ends_seen: HashSet<String> = HashSet::new();
    let mut cited: Vec<String> = Vec::new();
    let mut cited_once: HashSet<String> = HashSet::new();
    while let Some(cells) = rows.next()? {
        if cells.len() != header.len() {
            return None;
        }
        for end in [cells[from], cells[to]] {
            if !foreign::is_kgx_id(end) {
                return None;
            }
            if !declared && !ends_seen.contains(end) {
                ends_seen.insert(end.to_owned());
                let node = NodeRecord {
                    id: end.to_owned(),
                    id_span: 0..0,
                    span: 0..0,
                    items: Vec::new(),
                };
                // A node without items replaces nothing.
                builder.add_actor(foreign::actor(&node, node.id.clone(), &mut Vec::new()));
            }
        }
        let items = cells
            .iter()
            .enumerate()
            .filter(|&(index, value)| index != from && index != to && !value.is_empty())
            .map(|(index, value)| EdgeItem {
                key: keys[index],
                folded: Cow::Borrowed(folded[index].as_str()),
                value,
            });
        let fields = foreign::edge_fields(items, true);
        if !fields.replaced.is_empty() {
            return None;
        }
        builder.add_relation(NewRelation {
            from: cells[from],
            to: cells[to],
            kind: &fields.kind,
            label: fields.label.as_deref(),
            directed: fields.directed,
            date: fields.date,
            status: fields.status,
            stance: fields.stance,
        });
        for evidence in &fields.evidence {
            if !cited_once.contains(evidence.source.as_str()) {
                cited_once.insert(evidence.source.clone());
                cited.push(evidence.source.clone());
            }
            builder.add_evidence(
                &evidence.source,
                &evidence.quote,
                evidence.attributed_to.as_deref(),
            );
        }
        for (key, value) in &fields.attributes {
            builder.add_attribute(key, value);
        }
    }
    // Evidence may cite sources an edge list has no room for: such a
    // source is declared with its id as its title, as the located reader
    // does.
    for id in cited {
        builder.add_source(Source::named(id));
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::csv;
    use crate::synthetic::{GenOptions, generate};

    /// The graph the located reader gives, as a data set.
    fn located(text: &str, actors: Option<&str>) -> crate::model::Dataset {
        csv::read(
            "t.csv",
            text,
            b',',
            actors.map(|a| ("t.actors.csv", a, b',')),
        )
        .expect("the located reader reads it")
    }

    fn stream(text: &str, actors: Option<&str>) -> Option<crate::model::Dataset> {
        graph("t.csv", text, b',', actors.map(|a| (a, b','))).map(|g| g.to_dataset())
    }

    #[test]
    fn a_generated_pair_streams_into_the_graph_the_located_reader_gives() {
        let dataset = generate(&GenOptions {
            actors: 300,
            relations: 2_000,
            seed: 5,
        });
        let edges = csv::write_edges(&dataset, b',').expect("written");
        let actors = csv::write_actors(&dataset, b',').expect("written");
        let streamed = stream(&edges, Some(&actors)).expect("a sound pair streams");
        assert_eq!(streamed, located(&edges, Some(&actors)));
        assert!(
            !streamed.sources.is_empty(),
            "evidence declares its sources"
        );
    }

    #[test]
    fn every_column_the_mapping_reads_is_read_the_same_way() {
        let edges = "\u{feff}Source,Target,Type,Relationship,Label,Date,Status,Stance,weight,note,note\n\
            a,b,Undirected,Hosted In,,2025-07,claimed,hostile,3,x,\n\
            b,c,,\"met, twice\",\"a \"\"label\"\"\",not a date,Unknown-status,,,\"two\nlines\",\n\
            c,a,Directed,knows,,,,,1.5,,\n";
        let streamed = stream(edges, None).expect("a sound edge list streams");
        assert_eq!(streamed, located(edges, None));
        assert_eq!(streamed.actors.len(), 3, "the ends become actors");
        // A second value of one name replaces the first: a warning the
        // located reader gives.
        assert!(stream("from,to,note,note\na,b,x,y\n", None).is_none());
        let actors = "name,kind,summary\nA b,Person,\"says, things\"\nc,organisation,\n";
        let edges = "from,to\nA b,c\n";
        // A name with a space is no kgx id: the located reader renames it.
        assert!(stream(edges, Some(actors)).is_none());
        let actors = "name,kind,summary\nab,Person,\"says, things\"\nc,organisation,\n";
        let edges = "from,to\nab,c\n";
        let streamed = stream(edges, Some(actors)).expect("a sound pair streams");
        assert_eq!(streamed, located(edges, Some(actors)));
    }

    #[test]
    fn plain_rows_cut_by_hand_read_as_the_csv_reader_reads_them() {
        for edges in [
            // Line endings of every kind, and none at the end.
            "from,to,label\r\na,b,x\r\nb,c,y\r\n",
            "from,to,label\na,b,x\nb,c,y",
            // A quoted row after plain ones: the csv reader takes over.
            "from,to,label\na,b,x\nb,c,\"said, \"\"twice\"\"\"\nc,a,z\n",
            // A blank line, and a carriage return inside a line.
            "from,to,label\na,b,x\n\nb,c,y\n",
            "from,to,label\na,b,x\rb,c,y\n",
            // Empty cells and a cell that is all spaces.
            "from,to,label,note\na,b,,\nb,c, ,\n",
        ] {
            assert_eq!(stream(edges, None), Some(located(edges, None)), "{edges:?}");
        }
    }

    #[test]
    fn anything_the_located_reader_reports_is_left_to_it() {
        let actors = "id,name\na,A\nb,B\n";
        for (edges, actors) in [
            ("from,to\na,b,c\n", None),
            ("from,to\n a ,b\n", None),
            ("from,to\n,b\n", None),
            ("from,to\na,zz\n", Some(actors)),
            ("from,to\na,b\n", Some("id,name\na,A\na,B\n")),
            ("from,to\na,\"b\n", None),
            ("from,to,label\na,b,\"open label\nc,d,x\n", None),
            ("from,to,label\na,b,\"open label", None),
            // A quote left open in the row after a quoted row, in CR LF.
            (
                "from,to,label\r\na,b,\"x\"\r\nc,d,\"open\r\ne,f,g\r\n",
                None,
            ),
            ("to,kind\na,b\n", None),
        ] {
            assert!(stream(edges, actors).is_none(), "{edges:?}");
        }
    }
}
