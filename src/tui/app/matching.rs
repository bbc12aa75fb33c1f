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

use nucleo_matcher::Matcher;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};

use super::counts::ShownDegrees;
use super::{ListedActor, MatchedOn, Sort};
use crate::graph::{KnowledgeGraph, NodeIndex, Scope};
use crate::model::Actor;
use crate::tui::filter;

/// How many actors are scored between looks at `cancelled`.
const CANCEL_CHECK_EVERY: usize = 4096;

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

/// How one actor matched: the closeness, the score, and where.
struct Best {
    closeness: Closeness,
    score: u32,
    on: MatchedOn,
    matched: Vec<u32>,
}

/// The query's words in one piece, the pattern syntax taken off (negated
/// words dropped), to tell how closely a text matches; `None` when no
/// positive word is left.
fn phrase(query: &str) -> Option<Atom> {
    let words: Vec<&str> = query
        .split_whitespace()
        .filter(|word| !word.starts_with('!'))
        .map(|word| {
            let word = word.strip_prefix(['^', '\'']).unwrap_or(word);
            word.strip_suffix('$').unwrap_or(word)
        })
        .filter(|word| !word.is_empty())
        .collect();
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

/// The `candidates` inside `scope` that `query` matches (all of them for
/// an empty query), closest match first, then best scored, then in `sort`
/// order (by the relations `degrees` counts shown), ties in file order;
/// `None` when `cancelled` says a newer query
/// took over.
pub(super) fn match_actors(
    graph: &KnowledgeGraph,
    scope: &Scope,
    candidates: &[NodeIndex],
    query: &str,
    (sort, degrees): (Sort, &ShownDegrees),
    matcher: &mut Matcher,
    cancelled: &dyn Fn() -> bool,
) -> Option<Matches> {
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let phrase = phrase(query);
    let mut scored: Vec<(Closeness, u32, ListedActor)> = Vec::new();
    let mut buffer = Vec::new();
    let mut indices = Vec::new();
    for (index, &node) in candidates.iter().enumerate() {
        if index % CANCEL_CHECK_EVERY == 0 && cancelled() {
            return None;
        }
        if !scope.shows_actor(node) {
            continue;
        }
        if query.is_empty() {
            scored.push((Closeness::Whole, 0, ListedActor::plain(node)));
            continue;
        }
        let actor = graph.actor(node);
        let mut best: Option<Best> = None;
        for (on, text) in haystacks(actor) {
            let Some(score) = pattern.score(filter::haystack(text, &mut buffer), matcher) else {
                continue;
            };
            indices.clear();
            let closeness = match &phrase {
                Some(phrase) => closeness(text, phrase, matcher, &mut buffer, &mut indices),
                None => Closeness::Inside,
            };
            if closeness == Closeness::Scattered {
                indices.clear();
                pattern.indices(filter::haystack(text, &mut buffer), matcher, &mut indices);
            }
            // The name is what the row shows, so it wins a tie, and a
            // name matched in one piece is shown even when an alias or
            // the id matches more closely: "Sergey Lavrov", not
            // "Sergey Lavrov (Lavrov)".
            let better = match &best {
                None => true,
                Some(best) if best.on == MatchedOn::Name => {
                    best.closeness == Closeness::Scattered && closeness < best.closeness
                }
                Some(best) => (closeness, Reverse(score)) < (best.closeness, Reverse(best.score)),
            };
            if better {
                indices.sort_unstable();
                indices.dedup();
                best = Some(Best {
                    closeness,
                    score,
                    on,
                    matched: indices.clone(),
                });
            } else if let Some(best) = best.as_mut().filter(|best| closeness < best.closeness) {
                // Ranked by the closest text even when the name is shown.
                best.closeness = closeness;
                best.score = best.score.max(score);
            }
        }
        if let Some(best) = best {
            scored.push((
                best.closeness,
                best.score,
                ListedActor {
                    node,
                    on: best.on,
                    matched: best.matched,
                },
            ));
        }
    }
    let mut left_out = Vec::new();
    if scored
        .iter()
        .any(|(closeness, _, _)| *closeness < Closeness::Scattered)
    {
        scored.retain(|(closeness, _, listed)| {
            let keep = *closeness < Closeness::Scattered;
            if !keep {
                left_out.push(listed.node);
            }
            keep
        });
    }
    // Keys are computed once per actor, not once per comparison.
    match sort {
        Sort::Degree => scored.sort_unstable_by_key(|(closeness, score, listed)| {
            (
                *closeness,
                Reverse(*score),
                Reverse(degrees.get(graph, listed.node).total()),
                listed.node,
            )
        }),
        Sort::Name => scored.sort_by_cached_key(|(closeness, score, listed)| {
            (
                *closeness,
                Reverse(*score),
                graph.actor(listed.node).name.to_lowercase(),
                listed.node,
            )
        }),
    }
    Some(Matches {
        listed: scored.into_iter().map(|(_, _, listed)| listed).collect(),
        left_out,
    })
}

/// The texts an actor is found by: its name, its aliases, its id.
fn haystacks(actor: &Actor) -> impl Iterator<Item = (MatchedOn, &str)> {
    std::iter::once((MatchedOn::Name, actor.name.as_str()))
        .chain(
            actor
                .aliases
                .iter()
                .enumerate()
                .map(|(index, alias)| (MatchedOn::Alias(index), alias.as_str())),
        )
        .chain(std::iter::once((MatchedOn::Id, actor.id.as_str())))
}

/// How closely `phrase` matches `text`; its characters go to `indices`
/// unless the match is scattered.
fn closeness(
    text: &str,
    phrase: &Atom,
    matcher: &mut Matcher,
    buffer: &mut Vec<char>,
    indices: &mut Vec<u32>,
) -> Closeness {
    let haystack = filter::haystack(text, buffer);
    let length = haystack.len();
    if phrase.indices(haystack, matcher, indices).is_none() {
        return Closeness::Scattered;
    }
    let (Some(&first), Some(&last)) = (indices.iter().min(), indices.iter().max()) else {
        return Closeness::Inside;
    };
    let before = first
        .checked_sub(1)
        .and_then(|at| text.chars().nth(at as usize));
    match before {
        None if last as usize + 1 == length => Closeness::Whole,
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
            text,
            &phrase,
            &mut Matcher::new(nucleo_matcher::Config::DEFAULT),
            &mut Vec::new(),
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

    #[test]
    fn the_phrase_drops_the_pattern_syntax() {
        assert_eq!(rank("HTS", "^hts$"), Closeness::Whole);
        assert_eq!(rank("HTS", "'hts"), Closeness::Whole);
        assert_eq!(rank("HTS", "hts !x"), Closeness::Whole);
        assert!(phrase("!x").is_none());
    }
}
