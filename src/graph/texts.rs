//! The texts each actor is found by — its name, its aliases, its id —
//! laid out for the actor filter, which scans all of them on every
//! keystroke: one buffer in actor order instead of three heap blocks per
//! actor, non-ASCII text already split into characters as the matcher
//! reads it, and per actor the letters it contains, so that most actors a
//! query cannot match are passed over without being scored.

use nucleo_matcher::Utf32Str;
use nucleo_matcher::chars::{normalize, to_lower_case};

use super::{KnowledgeGraph, NodeIndex};

/// Every actor's searchable texts, built once per graph.
#[derive(Clone, Debug, Default)]
pub struct ActorTexts {
    /// ASCII texts, one after another.
    ascii: Vec<u8>,
    /// Other texts, one character after another.
    unicode: Vec<char>,
    /// Each text: where it starts in its buffer, how long it is, which.
    texts: Vec<TextSpan>,
    /// Where each actor's texts start in `texts`, plus the end.
    first: Vec<usize>,
    /// Each actor's [`letters`], all texts together.
    letters: Vec<u64>,
}

#[derive(Clone, Copy, Debug)]
struct TextSpan {
    start: usize,
    len: usize,
    unicode: bool,
    /// This text's [`letters`]: a Cyrillic name has none, so a Latin
    /// query passes over it even when the actor's id has every letter.
    letters: u64,
}

/// The ASCII letters and digits of `text` as the matcher compares them
/// (lower-cased, accents taken off), one bit each; other characters set
/// no bit. A text lacking a letter of the query cannot match it.
pub fn letters(text: impl IntoIterator<Item = char>) -> u64 {
    text.into_iter().fold(0, |bits, c| {
        let folded = to_lower_case(normalize(c));
        bits | match folded {
            'a'..='z' => 1 << (folded as u32 - 'a' as u32),
            '0'..='9' => 1 << (26 + folded as u32 - '0' as u32),
            _ => 0,
        }
    })
}

impl ActorTexts {
    /// The texts of every actor of `graph`: its name first, then its
    /// aliases in file order, then its id.
    pub fn of(graph: &KnowledgeGraph) -> ActorTexts {
        let mut texts = ActorTexts::default();
        texts.first.reserve_exact(graph.actor_count() + 1);
        texts.letters.reserve_exact(graph.actor_count());
        for (_, actor) in graph.actors() {
            texts.first.push(texts.texts.len());
            let all = std::iter::once(&actor.name)
                .chain(&actor.aliases)
                .chain(std::iter::once(&actor.id));
            let mut bits = 0;
            for text in all {
                let text_letters = letters(text.chars());
                bits |= text_letters;
                texts.push(text, text_letters);
            }
            texts.letters.push(bits);
        }
        texts.first.push(texts.texts.len());
        texts
    }

    fn push(&mut self, text: &str, letters: u64) {
        let span = if text.is_ascii() {
            let start = self.ascii.len();
            self.ascii.extend_from_slice(text.as_bytes());
            TextSpan {
                start,
                len: text.len(),
                unicode: false,
                letters,
            }
        } else {
            let start = self.unicode.len();
            self.unicode.extend(text.chars());
            TextSpan {
                start,
                len: self.unicode.len() - start,
                unicode: true,
                letters,
            }
        };
        self.texts.push(span);
    }

    /// The letters in any of `node`'s texts (see [`letters`]).
    pub fn letters(&self, node: NodeIndex) -> u64 {
        self.letters[node.index()]
    }

    /// How many texts `node` has: its name, its aliases and its id.
    pub fn count(&self, node: NodeIndex) -> usize {
        self.first[node.index() + 1] - self.first[node.index()]
    }

    /// `node`'s texts as the matcher reads them: the name, the aliases,
    /// the id.
    pub fn texts(&self, node: NodeIndex) -> impl Iterator<Item = Utf32Str<'_>> {
        self.texts_with_letters(node).map(|(_, text)| text)
    }

    /// [`texts`](Self::texts), each with its [`letters`].
    pub fn texts_with_letters(&self, node: NodeIndex) -> impl Iterator<Item = (u64, Utf32Str<'_>)> {
        let (start, end) = (self.first[node.index()], self.first[node.index() + 1]);
        self.texts[start..end].iter().map(|span| {
            let range = span.start..span.start + span.len;
            let text = if span.unicode {
                Utf32Str::Unicode(&self.unicode[range])
            } else {
                Utf32Str::Ascii(&self.ascii[range])
            };
            (span.letters, text)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_fold_case_and_accents() {
        assert_eq!(letters("Ab".chars()), letters("ba".chars()));
        assert_eq!(letters("São".chars()), letters("sao".chars()));
        assert_eq!(letters("x-9".chars()), letters("9x".chars()));
        assert_eq!(letters("Лавров".chars()), 0, "no ASCII letter, no bit");
        assert_ne!(
            letters("a".chars()) & letters("b".chars()),
            letters("b".chars())
        );
    }

    #[test]
    fn each_actor_lists_name_aliases_and_id() {
        let graph = crate::load::load_graph(&crate::load::Input::Embedded).expect("seed");
        let texts = ActorTexts::of(&graph);
        let node = graph.find_id("hts").expect("HTS");
        let actor = graph.actor(node);
        let read: Vec<String> = texts.texts(node).map(|text| text.to_string()).collect();
        let mut expected = vec![actor.name.clone()];
        expected.extend(actor.aliases.iter().cloned());
        expected.push(actor.id.clone());
        assert_eq!(read, expected);
        assert_eq!(
            texts.letters(node),
            letters(expected.iter().flat_map(|text| text.chars()))
        );
    }
}
