//! Graphviz DOT, for drawing a graph with `dot -Tsvg`: actors as boxes
//! named by their names, relations as edges labelled with their kind;
//! relations that are not established fact (claimed, alleged, disputed,
//! denied, planned) are dashed.

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
        let mut attributes = vec![format!("label={}", quote(&relation.kind))];
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

    #[test]
    fn quotes_backslashes_and_line_breaks_are_escaped() {
        assert_eq!(
            quote("say \"hi\"\\\nЛавров"),
            "\"say \\\"hi\\\"\\\\\\nЛавров\""
        );
    }
}
