//! Mermaid flowcharts, which Markdown pages on GitHub and GitLab draw:
//! actors as boxes named by their names, relations as arrows labelled as a
//! person reads them, with their date, dotted when not established fact.

use super::dot::{edge_label, is_uncertain};
use crate::model::Dataset;

/// The data set as a left-to-right flowchart. Nodes get short ids
/// (`n0`, `n1`, …) because Mermaid ids cannot hold every character kgx ids
/// can; the names are the labels.
pub fn write(dataset: &Dataset) -> String {
    let mut out = format!(
        "---\ntitle: {}\n---\nflowchart LR\n",
        yaml_string(&dataset.title)
    );
    let index: std::collections::HashMap<&str, usize> = dataset
        .actors
        .iter()
        .enumerate()
        .map(|(i, actor)| (actor.id.as_str(), i))
        .collect();
    for (i, actor) in dataset.actors.iter().enumerate() {
        out.push_str(&format!("    n{i}[\"{}\"]\n", label(&actor.name)));
    }
    for relation in &dataset.relations {
        let (Some(from), Some(to)) = (
            index.get(relation.from.as_str()),
            index.get(relation.to.as_str()),
        ) else {
            continue;
        };
        let arrow = match (relation.directed, is_uncertain(relation)) {
            (true, false) => "-->",
            (true, true) => "-.->",
            (false, false) => "---",
            (false, true) => "-.-",
        };
        out.push_str(&format!(
            "    n{from} {arrow}|\"{}\"| n{to}\n",
            label(&edge_label(relation))
        ));
    }
    out
}

/// The title as a double-quoted YAML string, for the diagram's front
/// matter: a colon or a quote in it cannot break the YAML.
fn yaml_string(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', " ");
    format!("\"{escaped}\"")
}

/// Text safe inside a quoted Mermaid label: quotes, `#`, the `|` that ends
/// an edge's label, `&` and angle brackets as Mermaid's entity codes, line
/// breaks as `<br>`.
fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '|' => out.push_str("#124;"),
            '&' => out.push_str("#38;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixture;

    /// An edge line as Mermaid's grammar reads it: `nA ARROW|"TEXT"| nB`,
    /// TEXT with no quote or `|` left, its entity codes and `<br>` read
    /// back.
    fn edge(line: &str) -> (String, String, String) {
        let (from, rest) = line.trim_start().split_once(' ').expect("a node");
        let (_, rest) = rest.split_once("|\"").expect("a quoted label");
        let (text, to) = rest.split_once("\"| ").expect("the label's end");
        assert!(!text.contains(['"', '|']), "{line}");
        let text = text
            .replace("<br>", "\n")
            .replace("#quot;", "\"")
            .replace("#124;", "|")
            .replace("#lt;", "<")
            .replace("#gt;", ">")
            .replace("#38;", "&")
            .replace("#35;", "#");
        (from.to_owned(), text, to.to_owned())
    }

    #[test]
    fn edges_read_as_the_relation_and_its_date_however_the_label_is_written() {
        let mut dataset = fixture::dataset();
        dataset.relations[1].label = Some("a|b \"c\" #1 <d> & e".into());
        let written = write(&dataset);
        let edges: Vec<_> = written
            .lines()
            .filter(|l| l.contains("|\""))
            .map(edge)
            .collect();
        assert_eq!(edges.len(), dataset.relations.len(), "{written}");
        assert_eq!(edges[1].1, "a|b \"c\" #1 <d> & e\n2025-07-31");
        assert_eq!(edges[3].1, "held talks with", "{written}");
    }

    #[test]
    fn labels_escape_what_mermaid_would_read_as_syntax() {
        assert_eq!(
            label("a \"b\" #1 <x>\nЛавров"),
            "a #quot;b#quot; #35;1 #lt;x#gt;<br>Лавров"
        );
    }
}
