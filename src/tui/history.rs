//! Back and forward through the actors a person jumped between, like a
//! browser: a new jump after going back drops the forward history.

use crate::graph::NodeIndex;

/// The jumps so far around the current focus.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    back: Vec<NodeIndex>,
    forward: Vec<NodeIndex>,
}

/// Jumps kept before the oldest are forgotten.
const LIMIT: usize = 200;

impl History {
    /// Records that the focus moves on from `current`; the forward history
    /// no longer applies.
    pub fn jumped_from(&mut self, current: NodeIndex) {
        if self.back.last() != Some(&current) {
            self.back.push(current);
            if self.back.len() > LIMIT {
                self.back.remove(0);
            }
        }
        self.forward.clear();
    }

    /// The actor to go back to from `current`, if any.
    pub fn back(&mut self, current: NodeIndex) -> Option<NodeIndex> {
        let previous = self.back.pop()?;
        self.forward.push(current);
        Some(previous)
    }

    /// The actor to go forward to from `current`, if any.
    pub fn forward(&mut self, current: NodeIndex) -> Option<NodeIndex> {
        let next = self.forward.pop()?;
        self.back.push(current);
        Some(next)
    }

    /// Carries the history over to a new version of the graph: each actor
    /// by `translate`, and those it no longer has are left out.
    pub fn translate(&mut self, translate: impl Fn(NodeIndex) -> Option<NodeIndex>) {
        for list in [&mut self.back, &mut self.forward] {
            *list = list.iter().filter_map(|&node| translate(node)).collect();
            list.dedup();
        }
    }

    /// The actors before the current one, oldest first: the breadcrumb.
    pub fn trail(&self) -> &[NodeIndex] {
        &self.back
    }

    /// How many steps forward are available.
    pub fn forward_len(&self) -> usize {
        self.forward.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(i: usize) -> NodeIndex {
        NodeIndex::new(i)
    }

    #[test]
    fn back_and_forward_walk_the_jumps() {
        let mut history = History::default();
        history.jumped_from(n(0));
        history.jumped_from(n(1));
        assert_eq!(history.trail(), [n(0), n(1)]);
        assert_eq!(history.back(n(2)), Some(n(1)));
        assert_eq!(history.back(n(1)), Some(n(0)));
        assert_eq!(history.back(n(0)), None);
        assert_eq!(history.forward(n(0)), Some(n(1)));
        assert_eq!(history.forward(n(1)), Some(n(2)));
        assert_eq!(history.forward(n(2)), None);
    }

    #[test]
    fn a_new_jump_after_going_back_drops_the_forward_history() {
        let mut history = History::default();
        history.jumped_from(n(0));
        history.jumped_from(n(1));
        assert_eq!(history.back(n(2)), Some(n(1)));
        history.jumped_from(n(1));
        assert_eq!(history.forward_len(), 0);
        assert_eq!(history.trail(), [n(0), n(1)]);
    }
}
