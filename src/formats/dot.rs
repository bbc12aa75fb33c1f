//! Graphviz DOT, for drawing a graph with `dot -Tsvg`: actors as boxes
//! named by their names, relations as edges labelled as a person reads
//! them, with their date under the phrase; relations that are not
//! established fact (claimed, alleged, disputed, denied, planned) are
//! dashed.

use crate::model::{Dataset, Relation, Status};

/// The data set as a DOT digraph; symmetric relations have no arrowhead.
pub fn write(dataset: &Dataset) -> String {
    let mut out = format!("digraph {} {{\n", quote(&dataset.title));
    out.push_str(&format!(
        "  graph [label={}, labelloc=t];\n  node [shape=box];\n",
        quote(&dataset.title)
    ));
    for actor in &dataset.actors {
        out.push_str(&format!(
            "  {} [label={}, tooltip={}];\n",
            quote(&actor.id),
            quote(&actor.name),
            quote(actor.kind.name())
        ));
    }
    for relation in &dataset.relations {
        let mut attributes = vec![
            format!("label={}", quote(&edge_label(relation))),
            format!("tooltip={}", quote(&relation.kind)),
        ];
        if !relation.directed {
            attributes.push("dir=none".to_owned());
        }
        if is_uncertain(relation) {
            attributes.push("style=dashed".to_owned());
        }
        out.push_str(&format!(
            "  {} -> {} [{}];\n",
            quote(&relation.from),
            quote(&relation.to),
            attributes.join(", ")
        ));
    }
    out.push_str("}\n");
    out
}

/// What an edge reads: the relation's phrase ("hosted in Moscow", or its
/// kind in words), and on a second line its date when it has one.
pub fn edge_label(relation: &Relation) -> String {
    match relation.date {
        Some(date) => format!("{}\n{date}", relation.phrase()),
        None => relation.phrase(),
    }
}

/// Whether a drawing should set the relation apart as not established.
pub fn is_uncertain(relation: &Relation) -> bool {
    !matches!(relation.status, Status::Reported | Status::Confirmed)
}

/// A DOT string literal: quotes and backslashes escaped, line breaks as
/// `\n` (centred lines); any other character, Arabic or Cyrillic too, is
/// UTF-8 as DOT expects.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixture;

    /// An edge as read back: its two ends and its attributes.
    type Edge = (String, String, Vec<(String, String)>);

    /// The statements of a DOT graph as a DOT reader splits them: each
    /// line an edge `"a" -> "b" [k="v", …];`, its quoted strings read back
    /// with DOT's escapes. Fails on anything else, so a label that breaks
    /// out of its quotes fails the test.
    fn edges(dot: &str) -> Vec<Edge> {
        fn string(text: &str) -> (String, &str) {
            let mut chars = text.char_indices();
            assert_eq!(chars.next().map(|(_, c)| c), Some('"'), "{text}");
            let mut out = String::new();
            while let Some((at, c)) = chars.next() {
                match c {
                    '"' => return (out, &text[at + 1..]),
                    '\\' => match chars.next().map(|(_, c)| c) {
                        Some('n') => out.push('\n'),
                        Some(other) => out.push(other),
                        None => panic!("a string ends in a backslash: {text}"),
                    },
                    '\n' => panic!("a raw line break in a string: {text}"),
                    c => out.push(c),
                }
            }
            panic!("a string is never closed: {text}")
        }
        dot.lines()
            .filter(|line| line.contains(" -> "))
            .map(|line| {
                let (from, rest) = string(line.trim_start());
                let (to, rest) = string(rest.strip_prefix(" -> ").expect("an arrow"));
                let mut rest = rest.strip_prefix(" [").expect("attributes");
                let mut attributes = Vec::new();
                while let Some((key, value)) = rest.split_once('=') {
                    let (text, after) = match value.starts_with('"') {
                        true => string(value),
                        false => {
                            let end = value.find([',', ']']).expect("an end");
                            (value[..end].to_owned(), &value[end..])
                        }
                    };
                    attributes.push((key.to_owned(), text));
                    rest = match after.strip_prefix(", ") {
                        Some(next) => next,
                        None => {
                            assert_eq!(after, "];", "{line}");
                            break;
                        }
                    };
                }
                (from, to, attributes)
            })
            .collect()
    }

    #[test]
    fn edges_read_as_the_relation_and_its_date_however_the_label_is_written() {
        let mut dataset = fixture::dataset();
        dataset.relations[1].label = Some("said \"no\" \\ then\nleft; [x] -> y".into());
        let written = write(&dataset);
        let read = edges(&written);
        assert_eq!(read.len(), dataset.relations.len());
        for ((from, to, attributes), relation) in read.iter().zip(&dataset.relations) {
            assert_eq!((from, to), (&relation.from, &relation.to));
            let label = attributes
                .iter()
                .find(|(key, _)| key == "label")
                .map(|(_, v)| v);
            assert_eq!(label, Some(&edge_label(relation)), "{written}");
            assert!(!label.is_some_and(|l| l.contains('_') && relation.label.is_none()));
        }
        assert_eq!(
            read[1].2[0].1,
            "said \"no\" \\ then\nleft; [x] -> y\n2025-07-31"
        );
        assert_eq!(
            read[0].2[0].1, "represents",
            "an undated relation has one line"
        );
    }

    #[test]
    fn quotes_backslashes_and_line_breaks_are_escaped() {
        assert_eq!(
            quote("say \"hi\"\\\nЛавров"),
            "\"say \\\"hi\\\"\\\\\\nЛавров\""
        );
    }
}
