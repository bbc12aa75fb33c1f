//! Interned text: every relation kind, label, source id, quote and
//! attribute of a graph is kept once, in one buffer, and named by a small
//! number. A million relations repeat a few hundred kinds and a few
//! thousand sources; as `String`s they cost a heap block each.

use std::hash::BuildHasher;
use std::num::NonZeroU32;

use hashbrown::DefaultHashBuilder;
use hashbrown::HashTable;

/// A string kept in [`Strings`]: four bytes instead of a heap block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sym(NonZeroU32);

impl Sym {
    /// Its place among the interned strings, for tables indexed by string.
    pub fn index(self) -> usize {
        self.0.get() as usize - 1
    }

    /// The symbol at `index` of its store, for walks over every string.
    pub(crate) fn from_index(index: usize) -> Sym {
        u32::try_from(index + 1)
            .ok()
            .and_then(NonZeroU32::new)
            .map(Sym)
            .expect("fewer than 2^32 - 1 strings in a store")
    }
}

/// One buffer of text with each distinct string in it once.
#[derive(Clone, Debug, Default)]
pub struct Strings {
    text: String,
    /// Where each string ends in `text`; string `i` starts where `i - 1`
    /// ends.
    ends: Ends,
    table: HashTable<Sym>,
    hasher: DefaultHashBuilder,
}

impl Strings {
    /// The symbol for `text`, adding it the first time it is seen.
    ///
    /// # Panics
    /// After four billion distinct strings, which no file kgx can hold in
    /// memory reaches.
    pub fn intern(&mut self, text: &str) -> Sym {
        let hash = self.hasher.hash_one(text);
        let Strings {
            text: buffer,
            ends,
            table,
            hasher,
        } = self;
        let resolve = |sym: Sym| -> &str { &buffer[ends.span(sym.index())] };
        if let Some(&sym) = table.find(hash, |&sym| resolve(sym) == text) {
            return sym;
        }
        let sym = Sym::from_index(ends.len());
        let rehash = |&sym: &Sym| hasher.hash_one(resolve(sym));
        table.insert_unique(hash, sym, rehash);
        buffer.push_str(text);
        ends.push(buffer.len());
        sym
    }

    /// A symbol for `text` without looking for an earlier copy: for text
    /// that rarely repeats, such as quotes, where the look-up would cost a
    /// cache miss per string and save nothing. [`get`](Self::get) does not
    /// find it.
    pub fn push(&mut self, text: &str) -> Sym {
        let sym = Sym::from_index(self.ends.len());
        self.text.push_str(text);
        self.ends.push(self.text.len());
        sym
    }

    /// Makes room for `other`'s text and count, so that adding them all
    /// grows the store once.
    pub fn reserve_exact(&mut self, other: &Strings) {
        self.text.reserve_exact(other.text.len());
        self.ends.reserve_exact(other.ends.len());
    }

    /// The symbol for `text` if it has been interned.
    pub fn get(&self, text: &str) -> Option<Sym> {
        let hash = self.hasher.hash_one(text);
        self.table
            .find(hash, |&sym| self.resolve(sym) == text)
            .copied()
    }

    /// The text of a symbol from this store.
    pub fn resolve(&self, sym: Sym) -> &str {
        &self.text[self.ends.span(sym.index())]
    }

    /// How many distinct strings are kept.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Bytes held: the text, the ends and the table.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.ends.heap_bytes()
            + self.table.capacity() * (size_of::<Sym>() + 1)
    }

    /// Gives back memory reserved for growth once loading is done.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
        let Strings {
            text,
            ends,
            table,
            hasher,
            ..
        } = self;
        table.shrink_to_fit(|&sym| hasher.hash_one(&text[ends.span(sym.index())]));
    }
}

/// Where each string of a store ends, in four bytes a string rather than
/// eight: the ends modulo 2^32, and the rare strings from which the text
/// has passed one more multiple of 4 GiB (a store that large is only read
/// with `--max-size` raised).
#[derive(Clone, Debug, Default)]
struct Ends {
    /// Each string's end, modulo 2^[`Ends::LOW_BITS`].
    low: Vec<u32>,
    /// For each multiple of 2^[`Ends::LOW_BITS`] bytes the text has passed,
    /// the first string whose end lies beyond it.
    carries: Vec<u32>,
}

impl Ends {
    /// The bits of an end kept in `low`: fewer under test, so that tests
    /// pass multiples of it without gigabytes of text.
    const LOW_BITS: u32 = if cfg!(test) { 6 } else { 32 };

    fn push(&mut self, end: usize) {
        let index = u32::try_from(self.low.len()).unwrap_or(u32::MAX);
        while self.carries.len() < end >> Self::LOW_BITS {
            self.carries.push(index);
        }
        self.low.push((end & ((1 << Self::LOW_BITS) - 1)) as u32);
    }

    /// Where string `index` ends.
    fn end(&self, index: usize) -> usize {
        let passed = match self.carries.as_slice() {
            [] => 0,
            carries => carries.partition_point(|&first| first as usize <= index),
        };
        (passed << Self::LOW_BITS) + self.low[index] as usize
    }

    /// Where string `index` lies in the text.
    fn span(&self, index: usize) -> std::ops::Range<usize> {
        let start = index.checked_sub(1).map_or(0, |before| self.end(before));
        start..self.end(index)
    }

    fn len(&self) -> usize {
        self.low.len()
    }

    fn reserve_exact(&mut self, more: usize) {
        self.low.reserve_exact(more);
    }

    fn shrink_to_fit(&mut self) {
        self.low.shrink_to_fit();
        self.carries.shrink_to_fit();
    }

    fn heap_bytes(&self) -> usize {
        (self.low.capacity() + self.carries.capacity()) * size_of::<u32>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_gets_the_same_symbol_and_reads_back() {
        let mut strings = Strings::default();
        let hosted = strings.intern("hosted");
        let empty = strings.intern("");
        let visited = strings.intern("visited");
        assert_eq!(strings.intern("hosted"), hosted);
        assert_ne!(hosted, visited);
        assert_eq!(strings.resolve(hosted), "hosted");
        assert_eq!(strings.resolve(empty), "");
        assert_eq!(strings.resolve(visited), "visited");
        assert_eq!(strings.get("visited"), Some(visited));
        assert_eq!(strings.get("struck"), None);
        assert_eq!(strings.len(), 3);
    }

    #[test]
    fn pushed_text_reads_back_but_is_not_looked_up() {
        let mut strings = Strings::default();
        let first = strings.intern("a quote");
        let pushed = strings.push("a quote");
        assert_ne!(first, pushed);
        assert_eq!(strings.resolve(pushed), "a quote");
        assert_eq!(strings.get("a quote"), Some(first));
        assert_eq!(strings.intern("a quote"), first);
    }

    #[test]
    fn text_past_many_multiples_of_the_ends_width_reads_back() {
        // Under test an end keeps 6 bits: these pass 64 bytes hundreds of
        // times, some strings passing several multiples at once.
        let mut strings = Strings::default();
        let texts: Vec<String> = (0..300)
            .map(|i| format!("{i}{}", "·".repeat(i % 90)))
            .collect();
        let syms: Vec<Sym> = texts.iter().map(|text| strings.push(text)).collect();
        let empty = strings.push("");
        strings.shrink_to_fit();
        for (text, sym) in texts.iter().zip(syms) {
            assert_eq!(strings.resolve(sym), text);
        }
        assert_eq!(strings.resolve(empty), "");
    }

    #[test]
    fn many_strings_survive_the_table_growing() {
        let mut strings = Strings::default();
        let syms: Vec<Sym> = (0..10_000)
            .map(|i| strings.intern(&format!("s{i}")))
            .collect();
        strings.shrink_to_fit();
        for (i, sym) in syms.iter().enumerate() {
            assert_eq!(strings.resolve(*sym), format!("s{i}"));
            assert_eq!(strings.get(&format!("s{i}")), Some(*sym));
        }
    }
}
