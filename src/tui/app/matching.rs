//! The actor list's match: which actors a query lists and in what order.
//! On large graphs it runs on a worker thread, so typing never waits for a
//! hundred thousand names to be scored.
//!
//! A query is first of all a fuzzy pattern (nucleo, with fzf's syntax:
//! `'word` in one piece, `^word` at the start, `word$` at the end, `!word`
//! without). Among the actors it matches, how closely it matches comes
//! before any score or degree: the whole of a name, alias or id, then its
//! start, the start of one of its words, anywhere in one piece, and only
//! then letters scattered through it. Scattered matches are listed only
//! when nothing matches in one piece, so `russia` does not list "Druze
//! clashes in southern Syria".

use std::cmp::Reverse;
use std::thread;

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32Str};

use super::counts::ShownDegrees;
use super::{ListedActor, MatchedOn, Sort};
use crate::graph::{ActorTexts, KnowledgeGraph, NodeIndex, Scope, letters};

/// How many actors are scored between looks at `cancelled`.
const CANCEL_CHECK_EVERY: usize = 4096;

/// From how many actors on the matching is shared between two threads:
/// below it a thread costs more than it saves.
const SHARED_FROM: usize = 16_384;

/// How many rows, from the top, get the characters that matched found
/// for highlighting: far more than a screen shows, and finding them for
/// every one of a hundred thousand matches would cost more than the
/// matching.
const HIGHLIGHTED: usize = 2_000;

/// How closely a query matches a text, closest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Closeness {
    /// The whole text.
    Whole,
    /// Its start.
    Start,
    /// The start of one of its words.
    WordStart,
    /// Somewhere inside it, in one piece.
    Inside,
    /// Letters scattered through it.
    Scattered,
}

/// What a query lists: the actors shown, and every actor its pattern
/// matched (the scattered matches left out included), which is where a
/// longer query's matches are to be found.
#[derive(Clone, Debug, PartialEq)]
pub struct Matches {
    /// The actors listed, best match first.
    pub listed: Vec<ListedActor>,
    /// Actors the pattern matched that are not listed.
    pub left_out: Vec<NodeIndex>,
}

/// One actor the pattern matched, with what it is ranked by.
#[derive(Clone, Copy, Debug)]
struct Scored {
    closeness: Closeness,
    score: u32,
    /// The shown relations, when the list is sorted by them.
    degree: usize,
    node: NodeIndex,
    /// Which of its texts is shown: its place among the actor's texts.
    on: usize,
}

impl Scored {
    /// The order of the list by degree, as one number: closeness, then
    /// score and shown relations from the highest, then the actor's place
    /// in the file, so that no two are equal whatever order the candidates
    /// came in; `position`, the actor's place among them, rides along in
    /// the low bits to find its record again. A hundred thousand numbers
    /// sort several times faster than as many records compared field by
    /// field. Degrees above 2^29 (half a billion relations) count as equal.
    fn by_degree(&self, position: usize) -> u128 {
        const MOST_DEGREE: u32 = (1 << 29) - 1;
        let degree = u32::try_from(self.degree).map_or(MOST_DEGREE, |d| d.min(MOST_DEGREE));
        u128::from(self.closeness as u8) << 125
            | u128::from(u32::MAX - self.score) << 93
            | u128::from(MOST_DEGREE - degree) << 64
            | (self.node.index() as u128) << 32
            | position as u128
    }
}

/// A query taken apart once for every actor it is tried on.
struct Query {
    pattern: Pattern,
    /// The words in one piece, to tell how closely a text matches.
    phrase: Option<Atom>,
    /// The letters every match contains.
    letters: u64,
}

/// The query's words in one piece, the pattern syntax taken off (negated
/// words dropped), to tell how closely a text matches; `None` when no
/// positive word is left.
fn phrase(query: &str) -> Option<Atom> {
    let words = positive_words(query).collect::<Vec<_>>();
    (!words.is_empty()).then(|| {
        Atom::new(
            &words.join(" "),
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Substring,
            false,
        )
    })
}

/// The words of `query` an actor must contain, without fzf's `^`, `'`
/// and `$`; negated words (`!word`) are left out.
fn positive_words(query: &str) -> impl Iterator<Item = &str> {
    query
        .split_whitespace()
        .filter(|word| !word.starts_with('!'))
        .map(|word| {
            let word = word.strip_prefix(['^', '\'']).unwrap_or(word);
            word.strip_suffix('$').unwrap_or(word)
        })
        .filter(|word| !word.is_empty())
}

/// The `candidates` inside `scope` that `query` matches (all of them for
/// an empty query), closest match first, then best scored, then in `sort`
/// order (by the relations `degrees` counts shown), ties in file order;
/// `None` when `cancelled` says a newer query took over.
pub(super) fn match_actors(
    graph: &KnowledgeGraph,
    scope: &Scope,
    candidates: &[NodeIndex],
    query: &str,
    (sort, degrees): (Sort, &ShownDegrees),
    matcher: &mut Matcher,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Matches> {
    if query.is_empty() {
        let listed = candidates
            .iter()
            .filter(|&&node| scope.shows_actor(node))
            .map(|&node| Scored {
                closeness: Closeness::Whole,
                score: 0,
                degree: degrees.get(graph, node).total(),
                node,
                on: 0,
            })
            .collect();
        return Some(rank(graph, listed, sort, Vec::new(), None));
    }
    let query = Query {
        pattern: Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart),
        phrase: phrase(query),
        // Only the words a match must contain: a negated word is absent.
        letters: letters(positive_words(query).flat_map(str::chars)),
    };
    let texts = graph.actor_texts();
    let score = |part: &[NodeIndex], matcher: &mut Matcher| {
        score_part(
            graph, texts, scope, part, &query, degrees, matcher, cancelled,
        )
    };
    let mut scored = if candidates.len() < SHARED_FROM {
        score(candidates, matcher)?
    } else {
        let (first, second) = candidates.split_at(candidates.len() / 2);
        let (first, second) = thread::scope(|threads| {
            let second =
                threads.spawn(|| score(second, &mut Matcher::new(nucleo_matcher::Config::DEFAULT)));
            (score(first, matcher), second.join().ok().flatten())
        });
        let mut first = first?;
        first.extend(second?);
        first
    };
    let mut left_out = Vec::new();
    if scored
        .iter()
        .any(|scored| scored.closeness < Closeness::Scattered)
    {
        scored.retain(|scored| {
            let keep = scored.closeness < Closeness::Scattered;
            if !keep {
                left_out.push(scored.node);
            }
            keep
        });
    }
    Some(rank(graph, scored, sort, left_out, Some((&query, matcher))))
}

/// Scores the actors of `part` that `scope` shows, leaving out at once
/// those lacking a letter of the query; `None` when cancelled.
#[allow(clippy::too_many_arguments, reason = "one call, in a closure, above")]
fn score_part(
    graph: &KnowledgeGraph,
    texts: &ActorTexts,
    scope: &Scope,
    part: &[NodeIndex],
    query: &Query,
    degrees: &ShownDegrees,
    matcher: &mut Matcher,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Scored>> {
    let mut scored = Vec::new();
    let mut indices = Vec::new();
    for (index, &node) in part.iter().enumerate() {
        if index % CANCEL_CHECK_EVERY == 0 && cancelled() {
            return None;
        }
        if texts.letters(node) & query.letters != query.letters || !scope.shows_actor(node) {
            continue;
        }
        let mut best: Option<(Closeness, u32, usize)> = None;
        for (on, (letters, text)) in texts.texts_with_letters(node).enumerate() {
            // Every positive word must match within this one text.
            if letters & query.letters != query.letters {
                continue;
            }
            let Some(score) = query.pattern.score(text, matcher) else {
                continue;
            };
            let closeness = match &query.phrase {
                Some(phrase) => closeness(text, phrase, matcher, &mut indices),
                None => Closeness::Inside,
            };
            // The name is what the row shows, so it wins a tie, and a
            // name matched in one piece is shown even when an alias or
            // the id matches more closely: "Sergey Lavrov", not
            // "Sergey Lavrov (Lavrov)".
            let better = match best {
                None => true,
                Some((best, _, 0)) => best == Closeness::Scattered && closeness < best,
                Some((best, best_score, _)) => {
                    (closeness, Reverse(score)) < (best, Reverse(best_score))
                }
            };
            best = match best {
                Some((best, best_score, best_on)) if !better => {
                    // Ranked by the closest text even when the name is shown.
                    Some(if closeness < best {
                        (closeness, best_score.max(score), best_on)
                    } else {
                        (best, best_score, best_on)
                    })
                }
                _ => Some((closeness, score, on)),
            };
        }
        if let Some((closeness, score, on)) = best {
            scored.push(Scored {
                closeness,
                score,
                degree: degrees.get(graph, node).total(),
                node,
                on,
            });
        }
    }
    Some(scored)
}

/// The list in `sort` order, the characters matched found for the rows at
/// its top when there is a query.
fn rank(
    graph: &KnowledgeGraph,
    scored: Vec<Scored>,
    sort: Sort,
    left_out: Vec<NodeIndex>,
    query: Option<(&Query, &mut Matcher)>,
) -> Matches {
    let order: Vec<usize> = match sort {
        Sort::Degree => {
            let mut keys: Vec<u128> = scored
                .iter()
                .enumerate()
                .map(|(position, scored)| scored.by_degree(position))
                .collect();
            keys.sort_unstable();
            keys.into_iter()
                .map(|key| (key & u128::from(u32::MAX)) as usize)
                .collect()
        }
        Sort::Name => {
            let mut order: Vec<usize> = (0..scored.len()).collect();
            order.sort_by_cached_key(|&position| {
                let scored = &scored[position];
                (
                    scored.closeness,
                    Reverse(scored.score),
                    graph.actor(scored.node).name.to_lowercase(),
                    scored.node,
                )
            });
            order
        }
    };
    let texts = query.is_some().then(|| graph.actor_texts());
    let mut query = query;
    let listed = order
        .into_iter()
        .enumerate()
        .map(|(row, position)| {
            let scored = &scored[position];
            let on = match (scored.on, texts) {
                (0, _) | (_, None) => MatchedOn::Name,
                // The texts are the name, the aliases, then the id.
                (on, Some(texts)) if on + 1 == texts.count(scored.node) => MatchedOn::Id,
                (on, Some(_)) => MatchedOn::Alias(on - 1),
            };
            let matched = match (&mut query, texts) {
                (Some((query, matcher)), Some(texts)) if row < HIGHLIGHTED => texts
                    .texts(scored.node)
                    .nth(scored.on)
                    .map(|text| matched(text, query, matcher))
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            ListedActor {
                node: scored.node,
                on,
                matched,
            }
        })
        .collect();
    Matches { listed, left_out }
}

/// The characters of `text` to highlight: the query's words in one piece
/// where they are, else the pattern's scattered letters.
fn matched(text: Utf32Str<'_>, query: &Query, matcher: &mut Matcher) -> Vec<u32> {
    let mut indices = Vec::new();
    let in_one_piece = query
        .phrase
        .as_ref()
        .is_some_and(|phrase| phrase.indices(text, matcher, &mut indices).is_some());
    if !in_one_piece {
        indices.clear();
        query.pattern.indices(text, matcher, &mut indices);
    }
    indices.sort_unstable();
    indices.dedup();
    indices
}

/// How closely `phrase` matches `text`; `indices` is scratch space.
fn closeness(
    text: Utf32Str<'_>,
    phrase: &Atom,
    matcher: &mut Matcher,
    indices: &mut Vec<u32>,
) -> Closeness {
    indices.clear();
    if phrase.indices(text, matcher, indices).is_none() {
        return Closeness::Scattered;
    }
    let (Some(&first), Some(&last)) = (indices.iter().min(), indices.iter().max()) else {
        return Closeness::Inside;
    };
    match first.checked_sub(1).map(|at| text.get(at)) {
        None if last as usize + 1 == text.len() => Closeness::Whole,
        None => Closeness::Start,
        Some(c) if !c.is_alphanumeric() => Closeness::WordStart,
        Some(_) => Closeness::Inside,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rank(text: &str, query: &str) -> Closeness {
        let phrase = phrase(query).expect("a word");
        closeness(
            Utf32Str::new(text, &mut Vec::new()),
            &phrase,
            &mut Matcher::new(nucleo_matcher::Config::DEFAULT),
            &mut Vec::new(),
        )
    }

    #[test]
    fn closeness_reads_whole_start_word_inside_and_scattered() {
        assert_eq!(rank("HTS", "hts"), Closeness::Whole);
        assert_eq!(rank("HTS-led offensive", "hts"), Closeness::Start);
        assert_eq!(rank("Hayat Tahrir al-Sham", "sham"), Closeness::WordStart);
        assert_eq!(rank("Lavrov", "avr"), Closeness::Inside);
        assert_eq!(
            rank("Druze clashes in southern Syria", "russia"),
            Closeness::Scattered
        );
        assert_eq!(rank("Vladimir Putin", "vladimir putin"), Closeness::Whole);
        assert_eq!(rank("São Paulo", "sao"), Closeness::Start, "accents fold");
        assert_eq!(rank("Лавров", "лав"), Closeness::Start);
    }

    /// Every actor one of whose texts the pattern scores, found without
    /// any shortcut.
    fn matched_by_pattern(graph: &KnowledgeGraph, query: &str) -> Vec<NodeIndex> {
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let mut matcher = Matcher::new(nucleo_matcher::Config::DEFAULT);
        let mut chars = Vec::new();
        graph
            .actors()
            .filter(|(_, actor)| {
                std::iter::once(&actor.name)
                    .chain(&actor.aliases)
                    .chain(std::iter::once(&actor.id))
                    .any(|text| {
                        chars.clear();
                        chars.extend(text.chars());
                        let haystack = if text.is_ascii() {
                            Utf32Str::Ascii(text.as_bytes())
                        } else {
                            Utf32Str::Unicode(&chars)
                        };
                        pattern.score(haystack, &mut matcher).is_some()
                    })
            })
            .map(|(node, _)| node)
            .collect()
    }

    fn found(graph: &KnowledgeGraph, query: &str) -> Vec<NodeIndex> {
        let everyone: Vec<NodeIndex> = graph.actors().map(|(node, _)| node).collect();
        let matches = listed_from(graph, &everyone, query);
        let mut found: Vec<NodeIndex> = matches.listed.iter().map(|listed| listed.node).collect();
        found.extend(matches.left_out);
        found.sort_unstable();
        found
    }

    fn listed_from(graph: &KnowledgeGraph, candidates: &[NodeIndex], query: &str) -> Matches {
        match_actors(
            graph,
            &Scope::default(),
            candidates,
            query,
            (Sort::Degree, &ShownDegrees::default()),
            &mut Matcher::new(nucleo_matcher::Config::DEFAULT),
            &|| false,
        )
        .expect("not cancelled")
    }

    #[test]
    fn the_candidates_order_does_not_change_the_list() {
        // A query narrowing the last one scores the last list's actors in
        // its order: ties must still come in file order.
        let options = crate::synthetic::GenOptions {
            actors: 3_000,
            relations: 3_000,
            seed: 5,
        };
        let graph = KnowledgeGraph::new(crate::synthetic::generate(&options)).expect("valid");
        let in_file_order: Vec<NodeIndex> = graph.actors().map(|(node, _)| node).collect();
        let reversed: Vec<NodeIndex> = in_file_order.iter().rev().copied().collect();
        let nodes = |matches: Matches| -> Vec<NodeIndex> {
            matches.listed.iter().map(|listed| listed.node).collect()
        };
        for query in ["", "a", "ka"] {
            let listed = nodes(listed_from(&graph, &in_file_order, query));
            assert!(listed.len() > 100, "{query}: enough ties to tell");
            assert_eq!(
                listed,
                nodes(listed_from(&graph, &reversed, query)),
                "{query}"
            );
        }
    }

    #[test]
    fn no_shortcut_loses_or_repeats_a_match() {
        let seed = crate::load::load_graph(&crate::load::Input::Embedded).expect("seed");
        for query in [
            "lav",
            "SHAM",
            "sao",
            "al-",
            "2025",
            "^hts",
            "'moscow",
            "rus !syria",
            "é",
            "ü",
            "opcw$",
            "damas\\ ",
            "zz",
        ] {
            assert_eq!(
                found(&seed, query),
                matched_by_pattern(&seed, query),
                "{query}"
            );
        }
        // Enough actors to be matched on two threads.
        let options = crate::synthetic::GenOptions {
            actors: SHARED_FROM * 2,
            relations: SHARED_FROM * 2,
            seed: 3,
        };
        let generated = KnowledgeGraph::new(crate::synthetic::generate(&options)).expect("valid");
        for query in ["a", "ka", "person-1", "Анна", "é"] {
            let expected = matched_by_pattern(&generated, query);
            assert!(!expected.is_empty(), "{query} matches someone");
            assert_eq!(found(&generated, query), expected, "{query}");
        }
    }

    #[test]
    fn the_phrase_drops_the_pattern_syntax() {
        assert_eq!(rank("HTS", "^hts$"), Closeness::Whole);
        assert_eq!(rank("HTS", "'hts"), Closeness::Whole);
        assert_eq!(rank("HTS", "hts !x"), Closeness::Whole);
        assert!(phrase("!x").is_none());
    }
}
