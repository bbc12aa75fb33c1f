//! Each actor's name width in cells, measured once per graph.
//!
//! The relations pane sizes its columns by the widest name among the focused
//! actor's neighbours. A hub has twenty thousand of them scattered over the
//! actor table; reading each one's record and name costs two cache misses a
//! neighbour, while their widths side by side fit in the processor's cache.

use std::sync::OnceLock;

use crate::graph::{KnowledgeGraph, NodeIndex};
use crate::tui::geometry::text;

/// Widths, measured the first time a list asks for them.
#[derive(Debug, Default)]
pub(super) struct NameWidths(OnceLock<Box<[u16]>>);

impl NameWidths {
    /// The widest name among `nodes`, in cells.
    pub fn widest(
        &self,
        graph: &KnowledgeGraph,
        nodes: impl IntoIterator<Item = NodeIndex>,
    ) -> usize {
        let widths = self.0.get_or_init(|| {
            graph
                .actors()
                .map(|(_, actor)| u16::try_from(text::width(&actor.name)).unwrap_or(u16::MAX))
                .collect()
        });
        nodes
            .into_iter()
            .map(|node| usize::from(widths.get(node.index()).copied().unwrap_or(0)))
            .max()
            .unwrap_or(0)
    }
}
