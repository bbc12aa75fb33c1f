//! Ctrl-f: a word searched for in the focused actor's relations (the other
//! actor, the relation's label and kind, the quotes of its evidence). A
//! search, not a filter: every relation stays listed, the matches are
//! highlighted, and `n` / `N` step through them.

use super::{App, RelationRow};
use crate::graph::{KnowledgeGraph, Link};

/// The search typed after Ctrl-f.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Search {
    /// The word, as typed.
    pub word: String,
    /// True while it is being typed.
    pub editing: bool,
}

/// True when `word` occurs in `text`, ignoring case.
pub fn contains(text: &str, word: &str) -> bool {
    occurrences(text, word).next().is_some()
}

/// The byte ranges of `text` where `word` occurs, ignoring case, left to
/// right and not overlapping; nothing for an empty word.
pub fn occurrences<'a>(
    text: &'a str,
    word: &'a str,
) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        if word.is_empty() {
            return None;
        }
        while from < text.len() {
            let start = from;
            let rest = &text[start..];
            let step = rest.chars().next().map_or(1, char::len_utf8);
            if let Some(length) = matches_at(rest, word) {
                from = start + length.max(step);
                return Some(start..start + length);
            }
            from = start + step;
        }
        None
    })
}

/// The length of `text`'s start when it is `word` ignoring case.
fn matches_at(text: &str, word: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    for wanted in word.chars() {
        let (_, c) = chars.next()?;
        if !c.to_lowercase().eq(wanted.to_lowercase()) {
            return None;
        }
    }
    Some(chars.next().map_or(text.len(), |(at, _)| at))
}

/// True when the relation of `link`, seen from the focus, mentions `word`.
fn relation_mentions(graph: &KnowledgeGraph, link: &Link, word: &str) -> bool {
    let relation = graph.relation(link.relation);
    contains(&graph.actor(link.other).name, word)
        || contains(&relation.phrase(), word)
        || contains(relation.kind(), word)
        || relation
            .evidence()
            .iter()
            .any(|item| contains(item.quote(), word))
}

impl App {
    /// Ctrl-f: a new search, typed in the status line.
    pub(super) fn start_search(&mut self) {
        self.search = Search {
            word: String::new(),
            editing: true,
        };
    }

    /// A character of the search: the selection moves to the first
    /// relation it matches from the one selected, as it is typed.
    pub(super) fn search_char(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.search.word.push(c);
        self.search_from(0);
    }

    pub(super) fn search_backspace(&mut self) {
        if self.search.word.pop().is_some() {
            self.search_from(0);
        }
    }

    /// Enter: the search stays, for `n` and `N`.
    pub(super) fn accept_search(&mut self) {
        self.search.editing = false;
        if self.search.word.is_empty() {
            return;
        }
        self.report_matches();
    }

    /// `n` / `N`: the next or previous relation the search matches,
    /// round the list.
    pub(super) fn step_search(&mut self, step: isize) {
        if self.search.word.is_empty() {
            self.message = Some(format!(
                "{} searches first",
                self.keymap.first_key("search")
            ));
            return;
        }
        self.search_from(step.signum());
        self.report_matches();
    }

    /// Esc: the search is gone and nothing is highlighted.
    pub(super) fn clear_search(&mut self) {
        self.search = Search::default();
    }

    /// The word searched for, while there is one.
    pub fn search_word(&self) -> Option<&str> {
        (!self.search.word.is_empty()).then_some(self.search.word.as_str())
    }

    /// True while the search is being typed.
    pub fn editing_search(&self) -> bool {
        self.search.editing
    }

    /// The rows of the relations pane the search matches.
    fn matching_rows(&self) -> Vec<usize> {
        let word = &self.search.word;
        self.rows
            .iter()
            .enumerate()
            .filter_map(|(index, row)| match row {
                RelationRow::Link(link) if relation_mentions(&self.graph, link, word) => {
                    Some(index)
                }
                _ => None,
            })
            .collect()
    }

    /// Selects the first matching row from the selected one, looking
    /// forward (`direction` ≥ 0, the selected row itself counting when
    /// 0) or backward, round the list.
    fn search_from(&mut self, direction: isize) {
        let matching = self.matching_rows();
        let current = self.relation_cursor.selected;
        let found = match direction {
            0 => matching
                .iter()
                .find(|&&row| row >= current)
                .or(matching.first()),
            d if d > 0 => matching
                .iter()
                .find(|&&row| row > current)
                .or(matching.first()),
            _ => matching
                .iter()
                .rev()
                .find(|&&row| row < current)
                .or(matching.last()),
        };
        if let Some(&row) = found {
            if self.view.panes().contains(&super::Pane::Relations) && !self.search.editing {
                self.pane = super::Pane::Relations;
            }
            self.relation_cursor.selected = row;
            self.evidence_scroll = 0;
            self.keep_visible();
        }
    }

    /// Says which match is selected, or that there is none.
    fn report_matches(&mut self) {
        let matching = self.matching_rows();
        let word = &self.search.word;
        self.message = Some(
            match matching
                .iter()
                .position(|&row| row == self.relation_cursor.selected)
            {
                _ if matching.is_empty() => match self.focus {
                    Some(focus) => format!(
                        "no relation of {} mentions \"{word}\"",
                        self.graph.actor(focus).name
                    ),
                    None => format!("nothing mentions \"{word}\""),
                },
                Some(at) => format!(
                    "\"{word}\": match {} of {} · n next · N previous",
                    at + 1,
                    matching.len()
                ),
                None => format!("\"{word}\": {} matches · n next", matching.len()),
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_occurrence_ignoring_case() {
        let found: Vec<_> = occurrences("Moscow talks in moscow", "MOSCOW").collect();
        assert_eq!(found, [0..6, 16..22]);
        assert!(contains("Лавров", "лав"));
        assert_eq!(occurrences("abc", "").count(), 0);
        assert!(!contains("ab", "abc"));
    }
}
