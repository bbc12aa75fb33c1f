//! A foreign graph's edges held compactly while the file is checked:
//! every edge's ends and its attributes' names and values one after
//! another in one buffer, and their places as numbers. An edge costs about
//! a hundred bytes and its text, not a record of strings of a few hundred,
//! so a GraphML or node-link file naming a million missing nodes is not
//! held over again many times. [`Edges::get`] makes the [`EdgeRecord`] the
//! mapping reads, one at a time.

use std::ops::Range;

use super::foreign::{EdgeRecord, Item};

/// Edges in file order.
#[derive(Clone, Debug, Default)]
pub struct Edges {
    /// Every edge's source and target, then each of its items' key and
    /// value, one after another.
    texts: String,
    edges: Vec<PackedEdge>,
    items: Vec<PackedItem>,
    /// Items that every edge without one of the same name is given, in
    /// order (GraphML's key defaults).
    defaults: Vec<Item>,
}

/// One edge: where its texts are in the buffer, where it is in the file.
#[derive(Clone, Debug)]
struct PackedEdge {
    /// Where the source starts, where it ends (and the target starts),
    /// and where the target ends, in the buffer.
    ends: [usize; 3],
    source_span: Range<usize>,
    target_span: Range<usize>,
    span: Range<usize>,
    /// Its items, in the list of items.
    items: Range<usize>,
    directed: Option<bool>,
}

/// One item: where its key starts, where it ends (and the value starts),
/// and where the value ends, in the buffer; where the value is in the file.
#[derive(Clone, Debug)]
struct PackedItem {
    texts: [usize; 3],
    span: Range<usize>,
}

impl Edges {
    /// Adds an edge after the others.
    pub fn push(&mut self, edge: EdgeRecord) {
        let start = self.texts.len();
        self.texts.push_str(&edge.source);
        let middle = self.texts.len();
        self.texts.push_str(&edge.target);
        let items = self.items.len()..self.items.len();
        self.edges.push(PackedEdge {
            ends: [start, middle, self.texts.len()],
            source_span: edge.source_span,
            target_span: edge.target_span,
            span: edge.span,
            items,
            directed: edge.directed,
        });
        for item in edge.items {
            self.push_item(item);
        }
    }

    /// Adds an item to the last edge, after its others; nothing when there
    /// is no edge.
    pub fn push_item(&mut self, item: Item) {
        let Some(last) = self.edges.last_mut() else {
            return;
        };
        let start = self.texts.len();
        self.texts.push_str(&item.key);
        let middle = self.texts.len();
        self.texts.push_str(&item.value);
        self.items.push(PackedItem {
            texts: [start, middle, self.texts.len()],
            span: item.span,
        });
        last.items.end = self.items.len();
    }

    /// Gives every edge that has no item named as `item` is this one,
    /// after the defaults given before.
    pub fn push_default(&mut self, item: Item) {
        self.defaults.push(item);
    }

    /// How many edges there are.
    pub fn len(&self) -> usize {
        self.edges.len()
    }

    /// The source and target of edge `index`, each with where it is and
    /// which end it is.
    pub fn ends(&self, index: usize) -> [(&str, Range<usize>, &'static str); 2] {
        let edge = &self.edges[index];
        let [start, middle, end] = edge.ends;
        [
            (
                &self.texts[start..middle],
                edge.source_span.clone(),
                "source",
            ),
            (&self.texts[middle..end], edge.target_span.clone(), "target"),
        ]
    }

    /// Edge `index` as a record, its defaults added.
    pub fn get(&self, index: usize) -> EdgeRecord {
        let edge = &self.edges[index];
        let text = |from: usize, to: usize| self.texts[from..to].to_owned();
        let [start, middle, end] = edge.ends;
        let mut items: Vec<Item> = self.items[edge.items.clone()]
            .iter()
            .map(|item| {
                let [start, middle, end] = item.texts;
                Item {
                    key: text(start, middle),
                    value: text(middle, end),
                    span: item.span.clone(),
                }
            })
            .collect();
        for default in &self.defaults {
            if !items.iter().any(|item| item.key == default.key) {
                items.push(default.clone());
            }
        }
        EdgeRecord {
            source: text(start, middle),
            source_span: edge.source_span.clone(),
            target: text(middle, end),
            target_span: edge.target_span.clone(),
            directed: edge.directed,
            span: edge.span.clone(),
            items,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(key: &str, value: &str, at: usize) -> Item {
        Item {
            key: key.into(),
            value: value.into(),
            span: at..at + 1,
        }
    }

    fn edge(source: &str, target: &str, items: Vec<Item>) -> EdgeRecord {
        EdgeRecord {
            source: source.into(),
            source_span: 1..2,
            target: target.into(),
            target_span: 3..4,
            directed: Some(false),
            span: 0..5,
            items,
        }
    }

    fn keys(record: &EdgeRecord) -> Vec<(&str, &str)> {
        record
            .items
            .iter()
            .map(|item| (item.key.as_str(), item.value.as_str()))
            .collect()
    }

    #[test]
    fn an_edge_comes_back_as_it_went_in_with_items_added_later_and_defaults() {
        let mut edges = Edges::default();
        edges.push(edge("a", "b", vec![item("kind", "met", 7)]));
        edges.push_item(item("date", "2025", 9));
        edges.push(edge("", "ç", Vec::new()));
        edges.push_default(item("kind", "related", 20));
        edges.push_default(item("weight", "1", 21));
        assert_eq!(edges.len(), 2);
        let first = edges.get(0);
        assert_eq!((first.source.as_str(), first.target.as_str()), ("a", "b"));
        assert_eq!(
            keys(&first),
            [("kind", "met"), ("date", "2025"), ("weight", "1")]
        );
        assert_eq!(first.items[1].span, 9..10);
        let second = edges.get(1);
        assert_eq!((second.source.as_str(), second.target.as_str()), ("", "ç"));
        assert_eq!(keys(&second), [("kind", "related"), ("weight", "1")]);
        assert_eq!(
            (
                second.source_span,
                second.target_span,
                second.span,
                second.directed
            ),
            (1..2, 3..4, 0..5, Some(false))
        );
    }
}
