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

use std::borrow::Cow;
use std::cmp::Reverse;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32Str};

use super::counts::ShownDegrees;
use super::{ListedActor, MatchedOn, Sort};
use crate::graph::{KnowledgeGraph, NodeIndex, Scope, letters};

/// How many actors a thread takes at a time, and rates before it looks
/// at `cancelled` again.
const CHUNK: usize = 4096;

/// From how many actors on the matching is shared between two threads:
/// below it a thread costs more than it saves.
const SHARED_FROM: usize = 16_384;

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

impl Closeness {
    /// Every closeness, in order: the one read back from a [`Ranked`].
    const ALL: [Closeness; 5] = [
        Closeness::Whole,
        Closeness::Start,
        Closeness::WordStart,
        Closeness::Inside,
        Closeness::Scattered,
    ];
}

/// What a query lists: the actors shown, and the others its pattern
/// matches or may match (the scattered matches left out), which is where
/// a longer query's matches are to be found.
#[derive(Clone, Debug, PartialEq)]
pub struct Matches {
    /// The actors listed, best match first.
    pub listed: Vec<ListedActor>,
    /// Actors not listed that the pattern matches with letters scattered
    /// through a text, or may: once an actor holds a one-word query in one
    /// piece, the others are set aside without the fuzzy match.
    pub left_out: Vec<NodeIndex>,
}

/// One actor the pattern matched, as the one number the list is ordered
/// by: closeness, then score and shown relations from the highest, then
/// the actor's place in the file, so that no two are equal whatever order
/// the candidates came in; last, which of its texts is shown. A hundred
/// thousand numbers sort several times faster than as many records
/// compared field by field, and the halves two threads sorted merge in
/// one pass. Degrees above 2^29 (half a billion relations) count as equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Ranked(u128);

impl Ranked {
    const MOST_DEGREE: u32 = (1 << 29) - 1;

    /// `node`, matched this closely with this score on its text `on`,
    /// with `degree` shown relations.
    fn new(closeness: Closeness, score: u32, degree: usize, node: NodeIndex, on: usize) -> Ranked {
        let degree = u32::try_from(degree).map_or(Self::MOST_DEGREE, |d| d.min(Self::MOST_DEGREE));
        // An actor has a handful of texts: never 2^32.
        let on = u32::try_from(on).unwrap_or(u32::MAX);
        Ranked(
            u128::from(closeness as u8) << 125
                | u128::from(u32::MAX - score) << 93
                | u128::from(Self::MOST_DEGREE - degree) << 64
                | (node.index() as u128) << 32
                | u128::from(on),
        )
    }

    fn closeness(self) -> Closeness {
        Closeness::ALL[(self.0 >> 125) as usize]
    }

    fn score(self) -> u32 {
        u32::MAX - (self.0 >> 93) as u32
    }

    fn node(self) -> NodeIndex {
        NodeIndex::new((self.0 >> 32) as u32 as usize)
    }

    /// Which of the actor's texts is shown: its place among them.
    fn on(self) -> usize {
        self.0 as u32 as usize
    }
}

/// Which texts a pass over the candidates rates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pass {
    /// Every text the pattern matches, scattered or in one piece.
    Any,
    /// Only texts holding the word in one piece: an actor whose letters
    /// may still be scattered through a text is set aside unrated, as it
    /// is listed only when no actor holds the word.
    OnePiece,
    /// Texts known not to hold the word in one piece: only the fuzzy
    /// match is run.
    Scattered,
}

/// A query taken apart once for every actor it is tried on.
struct Query {
    pattern: Pattern,
    /// The words in one piece, to tell how closely a text matches.
    phrase: Option<Atom>,
    /// The letters every match contains.
    letters: u64,
    /// True when the pattern is one fuzzy word, the phrase itself, as
    /// most queries typed are: a text holding the word in one piece is
    /// then matched and ranked by that piece, and the costlier fuzzy
    /// match is needed only when no actor holds the word.
    plain: bool,
}

impl Query {
    fn parse(query: &str) -> Query {
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let phrase = phrase(query);
        let plain = match (pattern.atoms.as_slice(), &phrase) {
            ([atom], Some(phrase)) => {
                atom.kind == AtomKind::Fuzzy
                    && !atom.negative
                    && atom.needle_text().chars().eq(phrase.needle_text().chars())
            }
            _ => false,
        };
        Query {
            pattern,
            phrase,
            // Only the words a match must contain: a negated word is absent.
            letters: letters(positive_words(query).flat_map(str::chars)),
            plain,
        }
    }

    /// The first pass over the candidates.
    fn first_pass(&self) -> Pass {
        if self.plain {
            Pass::OnePiece
        } else {
            Pass::Any
        }
    }

    /// How closely and with what score the query matches `text` in
    /// `pass`; `None` when it does not. `indices` is scratch space.
    fn rate(
        &self,
        text: Utf32Str<'_>,
        pass: Pass,
        matcher: &mut Matcher,
        indices: &mut Vec<u32>,
    ) -> Option<(Closeness, u32)> {
        let phrase = self.phrase.as_ref();
        match pass {
            Pass::OnePiece => one_piece(text, phrase?, matcher, indices),
            Pass::Scattered => Some((Closeness::Scattered, self.pattern.score(text, matcher)?)),
            Pass::Any => {
                let score = self.pattern.score(text, matcher)?;
                let closeness = match phrase {
                    Some(phrase) => one_piece(text, phrase, matcher, indices)
                        .map_or(Closeness::Scattered, |(closeness, _)| closeness),
                    None => Closeness::Inside,
                };
                Some((closeness, score))
            }
        }
    }
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
        let mut listed: Vec<Ranked> = candidates
            .iter()
            .filter(|&&node| scope.shows_actor(node))
            .map(|&node| {
                let degree = degrees.get(graph, node).total();
                Ranked::new(Closeness::Whole, 0, degree, node, 0)
            })
            .collect();
        if sort == Sort::Degree {
            listed.sort_unstable();
        }
        return Some(rank(graph, [listed, Vec::new()], sort, Vec::new()));
    }
    let query = Query::parse(query);
    // Read in file order, the actors' texts stream from memory; in the
    // last list's order, nearly every actor is a cache miss.
    let candidates = in_file_order(candidates, graph.actor_count());
    let rate = |candidates: &[NodeIndex], pass: Pass, matcher: &mut Matcher| {
        let rater = Rater {
            graph,
            scope,
            query: &query,
            degrees,
            pass,
        };
        rate_shared(
            candidates,
            sort,
            matcher,
            |actors, matcher, run| rater.rate(actors, matcher, run),
            cancelled,
        )
    };
    let first_pass = query.first_pass();
    let Rated {
        mut runs,
        set_aside,
    } = rate(&candidates, first_pass, matcher)?;
    let mut left_out = set_aside;
    let mut all = runs.iter().flatten();
    if first_pass == Pass::OnePiece && all.next().is_none() {
        // No actor holds the word: the scattered matches are the list.
        runs = rate(&left_out, Pass::Scattered, matcher)?.runs;
        left_out = Vec::new();
    } else if all.any(|ranked| ranked.closeness() < Closeness::Scattered) {
        for run in &mut runs {
            run.retain(|ranked| {
                let keep = ranked.closeness() < Closeness::Scattered;
                if !keep {
                    left_out.push(ranked.node());
                }
                keep
            });
        }
    }
    Some(rank(graph, runs, sort, left_out))
}

/// `candidates` in file order, each once.
fn in_file_order(candidates: &[NodeIndex], actors: usize) -> Cow<'_, [NodeIndex]> {
    if candidates.is_sorted_by(|a, b| a < b) {
        return Cow::Borrowed(candidates);
    }
    let mut wanted = vec![0_u64; actors.div_ceil(64)];
    for node in candidates {
        wanted[node.index() / 64] |= 1 << (node.index() % 64);
    }
    let mut in_order = Vec::with_capacity(candidates.len());
    for (word_index, &word) in wanted.iter().enumerate() {
        let mut word = word;
        while word != 0 {
            in_order.push(NodeIndex::new(
                word_index * 64 + word.trailing_zeros() as usize,
            ));
            word &= word - 1;
        }
    }
    Cow::Owned(in_order)
}

/// What a pass over some candidates found.
struct Rated {
    /// The actors matched, in a run per thread (the second empty when
    /// one thread did it all), each in order when the list is sorted by
    /// degree.
    runs: [Vec<Ranked>; 2],
    /// The actors the pass set aside unrated.
    set_aside: Vec<NodeIndex>,
}

/// Rates `candidates` with `rate_chunk`, on two threads when there are
/// enough of them. The threads take chunks in turn until none is left, so
/// a thread that started late, or whose core was busy drawing, does less;
/// each puts its run in order, so that sorting is shared too.
fn rate_shared(
    candidates: &[NodeIndex],
    sort: Sort,
    matcher: &mut Matcher,
    rate_chunk: impl Fn(&[NodeIndex], &mut Matcher, &mut Run) + Sync,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Rated> {
    let taken = AtomicUsize::new(0);
    let rate_chunks = |matcher: &mut Matcher| {
        let mut run = Run::default();
        loop {
            let start = taken.fetch_add(CHUNK, Ordering::Relaxed);
            if start >= candidates.len() {
                break;
            }
            if cancelled() {
                return None;
            }
            let chunk = &candidates[start..(start + CHUNK).min(candidates.len())];
            rate_chunk(chunk, matcher, &mut run);
        }
        if sort == Sort::Degree {
            run.ranked.sort_unstable();
        }
        Some(run)
    };
    let (first, second) = if candidates.len() < SHARED_FROM {
        (rate_chunks(matcher)?, Run::default())
    } else {
        let (first, second) = thread::scope(|threads| {
            let second =
                threads.spawn(|| rate_chunks(&mut Matcher::new(nucleo_matcher::Config::DEFAULT)));
            (rate_chunks(matcher), second.join().ok().flatten())
        });
        (first?, second?)
    };
    let mut set_aside = first.set_aside;
    set_aside.extend(second.set_aside);
    Some(Rated {
        runs: [first.ranked, second.ranked],
        set_aside,
    })
}

/// What one thread rated.
#[derive(Default)]
struct Run {
    ranked: Vec<Ranked>,
    set_aside: Vec<NodeIndex>,
}

/// One pass of a query over the actors, with what it needs to read.
struct Rater<'a> {
    graph: &'a KnowledgeGraph,
    scope: &'a Scope,
    query: &'a Query,
    degrees: &'a ShownDegrees,
    pass: Pass,
}

impl Rater<'_> {
    /// Rates the `actors` that the scope shows into `run`, passing over
    /// at once those lacking a letter of the query.
    fn rate(&self, actors: &[NodeIndex], matcher: &mut Matcher, run: &mut Run) {
        let (query, texts) = (self.query, self.graph.actor_texts());
        let mut indices = Vec::new();
        for &node in actors {
            if texts.letters(node) & query.letters != query.letters || !self.scope.shows_actor(node)
            {
                continue;
            }
            let mut best: Option<(Closeness, u32, usize)> = None;
            for (on, (letters, text)) in texts.texts_with_letters(node).enumerate() {
                // Every positive word must match within this one text.
                if letters & query.letters != query.letters {
                    continue;
                }
                let Some((closeness, score)) = query.rate(text, self.pass, matcher, &mut indices)
                else {
                    continue;
                };
                best = Some(better(best, (closeness, score, on)));
            }
            match best {
                Some((closeness, score, on)) => {
                    let degree = self.degrees.get(self.graph, node).total();
                    run.ranked
                        .push(Ranked::new(closeness, score, degree, node, on));
                }
                // Its letters may be scattered through one of its texts.
                None if self.pass == Pass::OnePiece => run.set_aside.push(node),
                None => {}
            }
        }
    }
}

/// The better of an actor's `best` text so far and text `on`, matched
/// with this closeness and score. The name is what the row shows, so it
/// wins a tie, and a name matched in one piece is shown even when an
/// alias or the id matches more closely ("Sergey Lavrov", not "Sergey
/// Lavrov (Lavrov)"); the actor is still ranked by its closest text.
fn better(
    best: Option<(Closeness, u32, usize)>,
    (closeness, score, on): (Closeness, u32, usize),
) -> (Closeness, u32, usize) {
    let Some((best, best_score, best_on)) = best else {
        return (closeness, score, on);
    };
    let replaces = if best_on == 0 {
        best == Closeness::Scattered && closeness < best
    } else {
        (closeness, Reverse(score)) < (best, Reverse(best_score))
    };
    if replaces {
        (closeness, score, on)
    } else if closeness < best {
        (closeness, best_score.max(score), best_on)
    } else {
        (best, best_score, best_on)
    }
}

/// The list in `sort` order, each row saying which text matched. By
/// degree, each of the `runs` is in order already, and they are merged.
fn rank(
    graph: &KnowledgeGraph,
    runs: [Vec<Ranked>; 2],
    sort: Sort,
    left_out: Vec<NodeIndex>,
) -> Matches {
    let row = |ranked: Ranked| {
        let node = ranked.node();
        // The texts are the name, the aliases, then the id. (Without a
        // query every row is on the name, and the texts may not be built.)
        let on = match ranked.on() {
            0 => MatchedOn::Name,
            on if on + 1 == graph.actor_texts().count(node) => MatchedOn::Id,
            on => MatchedOn::Alias(on - 1),
        };
        ListedActor { node, on }
    };
    let listed = match sort {
        Sort::Degree => {
            let mut listed = Vec::with_capacity(runs[0].len() + runs[1].len());
            listed.extend(merged(runs).map(row));
            listed
        }
        Sort::Name => {
            let mut ranked: Vec<Ranked> = runs.into_iter().flatten().collect();
            ranked.sort_by_cached_key(|&ranked| {
                (
                    ranked.closeness(),
                    Reverse(ranked.score()),
                    graph.actor(ranked.node()).name.to_lowercase(),
                    ranked.node(),
                )
            });
            ranked.into_iter().map(row).collect()
        }
    };
    Matches { listed, left_out }
}

/// Two sorted runs as one sorted sequence, each read once.
fn merged([first, second]: [Vec<Ranked>; 2]) -> impl Iterator<Item = Ranked> {
    let (mut first, mut second) = (first.into_iter().peekable(), second.into_iter().peekable());
    std::iter::from_fn(move || match (first.peek(), second.peek()) {
        (Some(a), Some(b)) if b < a => second.next(),
        (Some(_), _) => first.next(),
        (None, _) => second.next(),
    })
}

/// For each of `rows`, listed for `query`, the characters of the text
/// shown that the query matched, to highlight: found for the rows on
/// screen only, as a hundred thousand matches need none until scrolled to.
pub(super) fn highlights(
    graph: &KnowledgeGraph,
    query: &str,
    rows: &[ListedActor],
    matcher: &mut Matcher,
) -> Vec<Vec<u32>> {
    if query.is_empty() {
        return vec![Vec::new(); rows.len()];
    }
    let query = Query::parse(query);
    let texts = graph.actor_texts();
    rows.iter()
        .map(|row| {
            let on = match row.on {
                MatchedOn::Name => 0,
                MatchedOn::Alias(alias) => alias + 1,
                MatchedOn::Id => texts.count(row.node).saturating_sub(1),
            };
            texts
                .texts(row.node)
                .nth(on)
                .map(|text| matched(text, &query, matcher))
                .unwrap_or_default()
        })
        .collect()
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

/// How closely `phrase` matches `text` in one piece, and the piece's
/// score; `None` when its letters are scattered. `indices` is scratch
/// space.
fn one_piece(
    text: Utf32Str<'_>,
    phrase: &Atom,
    matcher: &mut Matcher,
    indices: &mut Vec<u32>,
) -> Option<(Closeness, u32)> {
    indices.clear();
    let score = u32::from(phrase.indices(text, matcher, indices)?);
    let (Some(&first), Some(&last)) = (indices.iter().min(), indices.iter().max()) else {
        return Some((Closeness::Inside, score));
    };
    let closeness = match first.checked_sub(1).map(|at| text.get(at)) {
        None if last as usize + 1 == text.len() => Closeness::Whole,
        None => Closeness::Start,
        Some(c) if !c.is_alphanumeric() => Closeness::WordStart,
        Some(_) => Closeness::Inside,
    };
    Some((closeness, score))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rank(text: &str, query: &str) -> Closeness {
        let phrase = phrase(query).expect("a word");
        one_piece(
            Utf32Str::new(text, &mut Vec::new()),
            &phrase,
            &mut Matcher::new(nucleo_matcher::Config::DEFAULT),
            &mut Vec::new(),
        )
        .map_or(Closeness::Scattered, |(closeness, _)| closeness)
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

    /// Without any shortcut: every actor one of whose texts the pattern
    /// matches, and those of them with such a text holding the query's
    /// words in one piece.
    fn matched_by_pattern(graph: &KnowledgeGraph, query: &str) -> (Vec<NodeIndex>, Vec<NodeIndex>) {
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let phrase = phrase(query);
        let mut matcher = Matcher::new(nucleo_matcher::Config::DEFAULT);
        let mut chars = Vec::new();
        let (mut matched, mut in_one_piece) = (Vec::new(), Vec::new());
        for (node, actor) in graph.actors() {
            let texts = std::iter::once(&actor.name)
                .chain(&actor.aliases)
                .chain(std::iter::once(&actor.id));
            let (mut scored, mut whole) = (false, false);
            for text in texts {
                chars.clear();
                chars.extend(text.chars());
                let haystack = if text.is_ascii() {
                    Utf32Str::Ascii(text.as_bytes())
                } else {
                    Utf32Str::Unicode(&chars)
                };
                if pattern.score(haystack, &mut matcher).is_some() {
                    scored = true;
                    whole |= phrase
                        .as_ref()
                        .is_none_or(|phrase| phrase.score(haystack, &mut matcher).is_some());
                }
            }
            if scored {
                matched.push(node);
            }
            if whole {
                in_one_piece.push(node);
            }
        }
        (matched, in_one_piece)
    }

    /// Checks the list `query` gives against [`matched_by_pattern`]: the
    /// actors holding it in one piece, or when none does every actor the
    /// pattern matches; and among the actors left out, every other one
    /// the pattern matches, none twice.
    fn assert_lists_what_matches(graph: &KnowledgeGraph, query: &str) {
        let (matched, in_one_piece) = matched_by_pattern(graph, query);
        let everyone: Vec<NodeIndex> = graph.actors().map(|(node, _)| node).collect();
        let matches = listed_from(graph, &everyone, query);
        let mut listed: Vec<NodeIndex> = matches.listed.iter().map(|listed| listed.node).collect();
        listed.sort_unstable();
        let expected = if in_one_piece.is_empty() {
            &matched
        } else {
            &in_one_piece
        };
        assert_eq!(&listed, expected, "{query}: listed");
        let mut found = listed;
        found.extend(&matches.left_out);
        found.sort_unstable();
        let count = found.len();
        found.dedup();
        assert_eq!(found.len(), count, "{query}: an actor twice");
        let missing: Vec<_> = matched
            .iter()
            .filter(|node| found.binary_search(node).is_err())
            .collect();
        assert!(missing.is_empty(), "{query}: lost {missing:?}");
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
            "russia",
            "zz",
        ] {
            assert_lists_what_matches(&seed, query);
        }
        // Enough actors to be matched on two threads.
        let options = crate::synthetic::GenOptions {
            actors: SHARED_FROM * 2,
            relations: SHARED_FROM * 2,
            seed: 3,
        };
        let generated = KnowledgeGraph::new(crate::synthetic::generate(&options)).expect("valid");
        for query in ["a", "ka", "kaz", "person-1", "Анна", "é"] {
            assert!(
                !matched_by_pattern(&generated, query).0.is_empty(),
                "{query} matches someone"
            );
            assert_lists_what_matches(&generated, query);
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
