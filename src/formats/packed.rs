//! A foreign graph's nodes and edges held compactly while the file is
//! checked: their ids, ends and attributes' names and values one after
//! another in one buffer, and their places as numbers. A node or an edge
//! costs about a hundred bytes and its text, not a record of strings of a
//! few hundred, so a GraphML or node-link file of a million nodes naming
//! missing ones is not held over again many times. [`Nodes::get`] and
//! [`Edges::get`] make the records the mapping reads, one at a time.

use std::ops::Range;

use super::foreign::{EdgeRecord, Item, NodeRecord};

/// Texts and items that nodes or edges share a buffer for.
#[derive(Clone, Debug, Default)]
struct Packed {
    /// Every text, one after another.
    texts: String,
    items: Vec<PackedItem>,
    /// Items that every record without one of the same name is given, in
    /// order (GraphML's key defaults).
    defaults: Vec<Item>,
}

/// One item: where its key starts, where it ends (and the value starts),
/// and where the value ends, in the buffer; where the value is in the file.
#[derive(Clone, Debug)]
struct PackedItem {
    texts: [usize; 3],
    span: Range<usize>,
}

impl Packed {
    /// Adds `text` to the buffer; where it starts and ends there.
    fn push_text(&mut self, text: &str) -> [usize; 2] {
        let start = self.texts.len();
        self.texts.push_str(text);
        [start, self.texts.len()]
    }

    fn text(&self, [start, end]: [usize; 2]) -> &str {
        &self.texts[start..end]
    }

    /// Adds an item; it is the last in the list of items.
    fn push_item(&mut self, item: Item) {
        let [start, middle] = self.push_text(&item.key);
        let [_, end] = self.push_text(&item.value);
        self.items.push(PackedItem {
            texts: [start, middle, end],
            span: item.span,
        });
    }

    /// The items at `range` in the list, then each default whose name none
    /// of them has.
    fn items(&self, range: Range<usize>) -> Vec<Item> {
        let mut items: Vec<Item> = self.items[range]
            .iter()
            .map(|item| {
                let [start, middle, end] = item.texts;
                Item {
                    key: self.text([start, middle]).to_owned(),
                    value: self.text([middle, end]).to_owned(),
                    span: item.span.clone(),
                }
            })
            .collect();
        for default in &self.defaults {
            if !items.iter().any(|item| item.key == default.key) {
                items.push(default.clone());
            }
        }
        items
    }
}

/// Nodes in file order.
#[derive(Clone, Debug, Default)]
pub struct Nodes {
    packed: Packed,
    nodes: Vec<PackedNode>,
}

/// One node: where its id is in the buffer, where it is in the file.
#[derive(Clone, Debug)]
struct PackedNode {
    id: [usize; 2],
    id_span: Range<usize>,
    span: Range<usize>,
    /// Its first item in the list of items; its items end where the next
    /// node's begin.
    items: usize,
}

impl Nodes {
    /// Adds a node after the others.
    pub fn push(&mut self, node: NodeRecord) {
        let id = self.packed.push_text(&node.id);
        self.nodes.push(PackedNode {
            id,
            id_span: node.id_span,
            span: node.span,
            items: self.packed.items.len(),
        });
        for item in node.items {
            self.push_item(item);
        }
    }

    /// Adds an item to the last node, after its others; nothing when there
    /// is no node.
    pub fn push_item(&mut self, item: Item) {
        if !self.nodes.is_empty() {
            self.packed.push_item(item);
        }
    }

    /// Gives every node that has no item named as `item` is this one,
    /// after the defaults given before.
    pub fn push_default(&mut self, item: Item) {
        self.packed.defaults.push(item);
    }

    /// How many nodes there are.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The id of node `index` and where it is, if there is such a node.
    pub fn id(&self, index: usize) -> Option<(&str, Range<usize>)> {
        let node = self.nodes.get(index)?;
        Some((self.packed.text(node.id), node.id_span.clone()))
    }

    /// Node `index` as a record, its defaults added.
    pub fn get(&self, index: usize) -> NodeRecord {
        let node = &self.nodes[index];
        NodeRecord {
            id: self.packed.text(node.id).to_owned(),
            id_span: node.id_span.clone(),
            span: node.span.clone(),
            items: self.packed.items(node.items..self.items_end(index)),
        }
    }

    /// Where the items of node `index` end: where the next node's begin.
    fn items_end(&self, index: usize) -> usize {
        self.nodes
            .get(index + 1)
            .map_or(self.packed.items.len(), |next| next.items)
    }
}

/// Edges in file order.
#[derive(Clone, Debug, Default)]
pub struct Edges {
    packed: Packed,
    edges: Vec<PackedEdge>,
}

/// One edge: where its ends are in the buffer, where it is in the file.
#[derive(Clone, Debug)]
struct PackedEdge {
    /// Where the source starts, where it ends and the target starts, and
    /// where the target ends.
    ends: [usize; 3],
    source_span: Range<usize>,
    target_span: Range<usize>,
    span: Range<usize>,
    /// Its first item in the list of items; its items end where the next
    /// edge's begin.
    items: usize,
    directed: Option<bool>,
}

impl Edges {
    /// Adds an edge after the others.
    pub fn push(&mut self, edge: EdgeRecord) {
        let [start, middle] = self.packed.push_text(&edge.source);
        let [_, end] = self.packed.push_text(&edge.target);
        self.edges.push(PackedEdge {
            ends: [start, middle, end],
            source_span: edge.source_span,
            target_span: edge.target_span,
            span: edge.span,
            items: self.packed.items.len(),
            directed: edge.directed,
        });
        for item in edge.items {
            self.push_item(item);
        }
    }

    /// Adds an item to the last edge, after its others; nothing when there
    /// is no edge.
    pub fn push_item(&mut self, item: Item) {
        if !self.edges.is_empty() {
            self.packed.push_item(item);
        }
    }

    /// Gives every edge that has no item named as `item` is this one,
    /// after the defaults given before.
    pub fn push_default(&mut self, item: Item) {
        self.packed.defaults.push(item);
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
                self.packed.text([start, middle]),
                edge.source_span.clone(),
                "source",
            ),
            (
                self.packed.text([middle, end]),
                edge.target_span.clone(),
                "target",
            ),
        ]
    }

    /// Edge `index` as a record, its defaults added.
    pub fn get(&self, index: usize) -> EdgeRecord {
        let edge = &self.edges[index];
        let [start, middle, end] = edge.ends;
        EdgeRecord {
            source: self.packed.text([start, middle]).to_owned(),
            source_span: edge.source_span.clone(),
            target: self.packed.text([middle, end]).to_owned(),
            target_span: edge.target_span.clone(),
            directed: edge.directed,
            span: edge.span.clone(),
            items: self.packed.items(edge.items..self.items_end(index)),
        }
    }

    /// Where the items of edge `index` end: where the next edge's begin.
    fn items_end(&self, index: usize) -> usize {
        self.edges
            .get(index + 1)
            .map_or(self.packed.items.len(), |next| next.items)
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
    fn a_node_comes_back_as_it_went_in_with_items_added_later_and_defaults() {
        let mut nodes = Nodes::default();
        nodes.push_item(item("lost", "no node to hold it", 0));
        nodes.push(NodeRecord {
            id: "a b".into(),
            id_span: 1..4,
            span: 0..9,
            items: vec![item("label", "A", 5)],
        });
        nodes.push_item(item("kind", "person", 7));
        nodes.push(NodeRecord {
            id: "ç".into(),
            id_span: 11..13,
            span: 10..14,
            items: Vec::new(),
        });
        nodes.push_default(item("kind", "place", 20));
        assert_eq!(nodes.len(), 2);
        assert_eq!(nodes.id(1), Some(("ç", 11..13)));
        assert_eq!(nodes.id(2), None);
        let first = nodes.get(0);
        assert_eq!(
            (first.id.as_str(), first.id_span.clone(), first.span.clone()),
            ("a b", 1..4, 0..9)
        );
        let keys = |node: &NodeRecord| -> Vec<(String, String)> {
            node.items
                .iter()
                .map(|item| (item.key.clone(), item.value.clone()))
                .collect()
        };
        assert_eq!(
            keys(&first),
            [
                ("label".into(), "A".into()),
                ("kind".into(), "person".into())
            ]
        );
        assert_eq!(keys(&nodes.get(1)), [("kind".into(), "place".into())]);
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
