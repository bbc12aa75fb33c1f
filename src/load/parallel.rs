//! Reading a large file on both cores: the relation list, which is nearly
//! all of a big file, is cut in two between two records; one thread reads
//! the file's head (title, sources, actors) and the first half into the
//! graph, another reads the second half on its own; the loader checks the
//! two, frees the text, and appends the second half's relations after the
//! first's.
//!
//! The cut is found without reading the whole list: the list's end is the
//! last bracket of the file, and the cut is the first place past the
//! middle that looks like the gap between two records. Two bytes there
//! become the first half's `]` and the second half's `[`, so each half is
//! a list of its own without copying either. A wrong guess — a cut inside
//! a string or a record, a list that is not the last field — makes a half
//! fail to parse, and the caller reads the file on one thread instead; so
//! this path can only accept what the one-thread path accepts.

use std::thread;

use crate::graph::GraphBuilder;

/// Files smaller than this are read on one thread: a second thread saves
/// less than it costs to start.
pub const PARALLEL_FROM: usize = 8 << 20;

/// The syntax a file is scanned in to find its relation list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// kgx's RON: `Graph(…, relations: [Relation(…), …])`.
    Ron,
    /// kgx's JSON: `{…, "relations": [{…}, …]}`.
    Json,
}

/// How to read the parts of a file of one format.
pub trait Halves: Sync {
    /// Reads the file's head, whose relation list is empty, into `builder`.
    fn head(&self, head: &str, builder: &mut GraphBuilder) -> bool;
    /// Reads a list of relations into `builder`.
    fn relations(&self, list: &str, builder: &mut GraphBuilder) -> bool;
}

/// Where the relation list is and where it is cut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cut {
    /// The list's `[`.
    open: usize,
    /// The list's `]`.
    close: usize,
    /// The comma after the last record of the first half.
    comma: usize,
    /// A white-space byte before the first record of the second half.
    gap: usize,
}

/// The two halves of a file read on two threads: the head and the first
/// relations, and the other relations.
pub struct Read {
    /// The head (title, sources, actors) and the relations before the cut.
    pub head: GraphBuilder,
    /// The relations after the cut, to be appended to `head`.
    pub tail: GraphBuilder,
}

/// The builders holding every record of `text`, read on two threads, or
/// `None` when the file has no cut, a half does not parse, or the head's
/// title, sources or actors have a problem. `text` is given back as it
/// was.
pub fn read(text: &mut String, syntax: Syntax, halves: &impl Halves) -> Option<Read> {
    let cut = find_cut(text.as_bytes(), syntax)?;
    let original = (
        text.as_bytes()[cut.comma] as char,
        text.as_bytes()[cut.gap] as char,
    );
    // Both are ASCII bytes replaced by ASCII bytes of the same length,
    // which `replace_range` does in place.
    text.replace_range(cut.comma..=cut.comma, "]");
    text.replace_range(cut.gap..=cut.gap, "[");
    let built = read_cut(text, cut, halves);
    text.replace_range(cut.comma..=cut.comma, original.0.encode_utf8(&mut [0; 4]));
    text.replace_range(cut.gap..=cut.gap, original.1.encode_utf8(&mut [0; 4]));
    built
}

fn read_cut(text: &str, cut: Cut, halves: &impl Halves) -> Option<Read> {
    let head = [&text[..=cut.open], &text[cut.close..]].concat();
    let first = &text[cut.open..=cut.comma];
    let second = &text[cut.gap..=cut.close];
    let (main, other) = thread::scope(|scope| {
        let other = scope.spawn(|| {
            let mut builder = GraphBuilder::new();
            halves.relations(second, &mut builder).then_some(builder)
        });
        let mut builder = GraphBuilder::new();
        // The head's actors and sources are checked here, while the other
        // thread reads: the check's tables then sit beside half-built
        // columns, not beside the whole graph and its text.
        let head_read = halves.head(&head, &mut builder) && super::records_sound(&builder);
        // The copy is not needed once read, and held it would add to the
        // peak the two halves reach.
        drop(head);
        let main = (head_read && halves.relations(first, &mut builder)).then_some(builder);
        (main, other.join().ok().flatten())
    });
    Some(Read {
        head: main?,
        tail: other?,
    })
}

/// Finds the relation list of the file's top level and a cut in it.
fn find_cut(text: &[u8], syntax: Syntax) -> Option<Cut> {
    let open = list_start(text, syntax)?;
    let close = list_end(text, syntax)?;
    if close <= open {
        return None;
    }
    // The first thread reads the head too: cut so both read about as much.
    let middle = (close / 2).max(open + 1);
    let (comma, gap) = record_gap(text, middle, close, syntax)?;
    Some(Cut {
        open,
        close,
        comma,
        gap,
    })
}

/// The `[` of the `relations` field at the top level, found by reading
/// the text up to it: strings, comments and nesting are skipped over.
fn list_start(text: &[u8], syntax: Syntax) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = 0;
    while at < text.len() {
        let byte = text[at];
        match byte {
            b'"' => {
                let end = string_end(text, at)?;
                if syntax == Syntax::Json
                    && depth == 1
                    && &text[at + 1..end] == b"relations"
                    && let Some(open) = after_colon(text, end + 1)
                {
                    return Some(open);
                }
                at = end + 1;
                continue;
            }
            b'/' if syntax == Syntax::Ron => {
                if let Some(end) = comment_end(text, at) {
                    at = end;
                    continue;
                }
            }
            b'\'' if syntax == Syntax::Ron => {
                at = char_end(text, at)?;
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.checked_sub(1)?,
            byte if syntax == Syntax::Ron && (byte.is_ascii_alphabetic() || byte == b'_') => {
                let end = at
                    + text[at..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                        .count();
                let word = &text[at..end];
                if word == b"r" && matches!(text.get(end), Some(b'"' | b'#')) {
                    at = raw_string_end(text, end)?;
                    continue;
                }
                if depth == 1
                    && word == b"relations"
                    && let Some(open) = after_colon(text, end)
                {
                    return Some(open);
                }
                at = end;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// The `[` after `: [` at `at`, white space allowed around the colon.
fn after_colon(text: &[u8], at: usize) -> Option<usize> {
    let at = skip_space(text, at);
    (text.get(at) == Some(&b':')).then_some(())?;
    let at = skip_space(text, at + 1);
    (text.get(at) == Some(&b'[')).then_some(at)
}

fn skip_space(text: &[u8], mut at: usize) -> usize {
    while text.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// The closing quote of the string opening at `at`.
fn string_end(text: &[u8], at: usize) -> Option<usize> {
    let mut index = at + 1;
    while index < text.len() {
        match text[index] {
            b'\\' => index += 2,
            b'"' => return Some(index),
            _ => index += 1,
        }
    }
    None
}

/// Past the end of RON's raw string whose `#`s or quote start at `at`.
fn raw_string_end(text: &[u8], at: usize) -> Option<usize> {
    let hashes = text[at..].iter().take_while(|b| **b == b'#').count();
    let quote = at + hashes;
    (text.get(quote) == Some(&b'"')).then_some(())?;
    let mut index = quote + 1;
    while index < text.len() {
        if text[index] == b'"'
            && text[index + 1..]
                .iter()
                .take(hashes)
                .filter(|b| **b == b'#')
                .count()
                == hashes
        {
            return Some(index + 1 + hashes);
        }
        index += 1;
    }
    None
}

/// Past the end of RON's character literal opening at `at`.
fn char_end(text: &[u8], at: usize) -> Option<usize> {
    let start = if text.get(at + 1) == Some(&b'\\') {
        at + 3
    } else {
        at + 2
    };
    let close = start + text.get(start..)?.iter().position(|b| *b == b'\'')?;
    Some(close + 1)
}

/// Past the end of a RON comment starting at `at`, if one does (block
/// comments nest).
fn comment_end(text: &[u8], at: usize) -> Option<usize> {
    match text.get(at + 1) {
        Some(b'/') => Some(
            text[at..]
                .iter()
                .position(|b| *b == b'\n')
                .map_or(text.len(), |end| at + end + 1),
        ),
        Some(b'*') => {
            let mut depth = 0usize;
            let mut index = at;
            while index + 1 < text.len() {
                match (text[index], text[index + 1]) {
                    (b'/', b'*') => {
                        depth += 1;
                        index += 2;
                    }
                    (b'*', b'/') => {
                        depth -= 1;
                        index += 2;
                        if depth == 0 {
                            return Some(index);
                        }
                    }
                    _ => index += 1,
                }
            }
            Some(text.len())
        }
        _ => None,
    }
}

/// The `]` closing the file's last field, read back from the end: the
/// top level's `)` or `}`, then the list's `]`, with white space and a
/// trailing comma allowed between.
fn list_end(text: &[u8], syntax: Syntax) -> Option<usize> {
    let mut at = text.len();
    let back = |at: &mut usize| {
        while *at > 0 && text[*at - 1].is_ascii_whitespace() {
            *at -= 1;
        }
        *at = at.checked_sub(1)?;
        Some(text[*at])
    };
    let top = if syntax == Syntax::Ron { b')' } else { b'}' };
    (back(&mut at)? == top).then_some(())?;
    match back(&mut at)? {
        b']' => Some(at),
        b',' if syntax == Syntax::Ron => (back(&mut at)? == b']').then_some(at),
        _ => None,
    }
}

/// The first gap between two records at or after `from`: a record's
/// closing bracket, a comma, white space, and the next record's start.
fn record_gap(text: &[u8], from: usize, before: usize, syntax: Syntax) -> Option<(usize, usize)> {
    let mut at = from;
    while at < before {
        let closing = text[at..before].iter().position(|b| *b == b',')? + at;
        at = closing + 1;
        let record_closed = closing
            .checked_sub(1)
            .is_some_and(|i| text[i] == if syntax == Syntax::Ron { b')' } else { b'}' });
        let gap = closing + 1;
        if !record_closed || !text.get(gap).is_some_and(u8::is_ascii_whitespace) {
            continue;
        }
        let next = skip_space(text, gap);
        let starts_record = match syntax {
            Syntax::Ron => text[next..].starts_with(b"Relation(") || text.get(next) == Some(&b'('),
            Syntax::Json => text.get(next) == Some(&b'{'),
        };
        if starts_record {
            return Some((closing, gap));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_found_past_strings_comments_and_nesting() {
        let ron = br##"Graph(title: "relations: [", // relations: [
            sources: [(id: "s", title: r#"x"relations: ["#)],
            actors: [(id: 'r', relations: [])],
            relations: [Relation(from: "a"), Relation(from: "b")],
        )"##;
        let open = list_start(ron, Syntax::Ron).expect("found");
        assert!(ron[..open].ends_with(b"relations: "));
        assert_eq!(ron[open], b'[');
        assert_eq!(ron[list_end(ron, Syntax::Ron).expect("found")], b']');
        let json = br#"{"title": "\"relations\": [", "actors": [{"relations": []}], "relations": [{"a": 1}, {"b": 2}]}"#;
        let open = list_start(json, Syntax::Json).expect("found");
        assert!(json[..open].ends_with(br#""relations": "#));
        assert_eq!(list_end(json, Syntax::Json), Some(json.len() - 2));
    }

    #[test]
    fn a_cut_falls_between_two_records() {
        let text = b"[Relation(a: \"x),y\"),\n Relation(b: 1),\n (c: 2)]";
        let (comma, gap) = record_gap(text, 2, text.len() - 1, Syntax::Ron).expect("a gap");
        assert_eq!(&text[comma - 1..=gap + 10], b"),\n Relation(");
        let json = b"[{\"a\": \"},x\"}, {\"b\": 1}]";
        let (comma, gap) = record_gap(json, 1, json.len() - 1, Syntax::Json).expect("a gap");
        assert_eq!(&json[comma - 1..=gap + 1], b"}, {");
    }
}
