//! Nodes found by their id without a copy of the ids: the table holds
//! only each node's index, and the id is read from wherever the caller
//! keeps it (a record, or the text of a CSV file) whenever two are
//! compared. An edge list naming a million actors costs eight bytes an
//! actor here, not a string.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

/// The first index of each distinct id.
#[derive(Default)]
pub(super) struct IdIndex {
    table: HashTable<usize>,
    hasher: DefaultHashBuilder,
}

impl IdIndex {
    /// The index first given for `id`; `id_of` reads the id of an index
    /// given before.
    pub fn get<'a>(&self, id: &str, id_of: impl Fn(usize) -> &'a str) -> Option<usize> {
        let hash = self.hasher.hash_one(id);
        self.table.find(hash, |&index| id_of(index) == id).copied()
    }

    /// Gives `index` for `id` unless the id has one already; returns the
    /// index the id stands for, the earlier one if there was one.
    pub fn insert<'a>(
        &mut self,
        id: &str,
        index: usize,
        id_of: impl Fn(usize) -> &'a str,
    ) -> usize {
        let hash = self.hasher.hash_one(id);
        let hasher = &self.hasher;
        match self.table.find(hash, |&earlier| id_of(earlier) == id) {
            Some(&earlier) => earlier,
            None => {
                self.table
                    .insert_unique(hash, index, |&other| hasher.hash_one(id_of(other)));
                index
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_keeps_the_first_index_given_for_it() {
        let ids = ["a", "b", "a", "c"];
        let mut index = IdIndex::default();
        let firsts: Vec<usize> = (0..ids.len())
            .map(|at| index.insert(ids[at], at, |i| ids[i]))
            .collect();
        assert_eq!(firsts, [0, 1, 0, 3]);
        assert_eq!(index.get("c", |i| ids[i]), Some(3));
        assert_eq!(index.get("d", |i| ids[i]), None);
    }
}
