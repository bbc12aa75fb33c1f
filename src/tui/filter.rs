//! Helpers for the fuzzy actor filter that keep a keystroke fast on a
//! hundred thousand names.

use nucleo_matcher::Utf32Str;

/// `text` as the matcher reads it. ASCII text is borrowed as it is; other
/// text is copied into `chars` one code point per character, which is
/// several times cheaper than nucleo's own grapheme segmentation and gives
/// match positions that count characters, as the list highlights them.
pub(crate) fn haystack<'a>(text: &'a str, chars: &'a mut Vec<char>) -> Utf32Str<'a> {
    if text.is_ascii() {
        Utf32Str::Ascii(text.as_bytes())
    } else {
        chars.clear();
        chars.extend(text.chars());
        Utf32Str::Unicode(chars)
    }
}

/// True when every actor `query` matches is sure to be among those
/// `before` matched, so only those need matching again: the query grew at
/// its end, and neither query uses the syntax that breaks the rule (`!`
/// negates an atom, a final `$` anchors it to the end, a final `\` escapes
/// what comes next). An empty `before` matched everything by listing it,
/// not by matching, so it narrows nothing.
pub(crate) fn narrows(before: &str, query: &str) -> bool {
    !before.is_empty()
        && query.len() > before.len()
        && query.starts_with(before)
        && !query.contains('!')
        && !before.ends_with(['$', '\\'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_borrowed_and_other_text_counted_in_characters() {
        let mut chars = Vec::new();
        assert_eq!(haystack("Lavrov", &mut chars), Utf32Str::Ascii(b"Lavrov"));
        let unicode = haystack("Лавров é", &mut chars);
        assert_eq!(unicode.len(), 8);
    }

    #[test]
    fn only_a_query_that_grew_narrows() {
        assert!(narrows("la", "lav"));
        assert!(narrows("la", "la v"));
        assert!(!narrows("", "l"), "an empty query matched nothing");
        assert!(!narrows("lav", "la"), "a shorter query matches more");
        assert!(!narrows("la", "lo"));
        assert!(!narrows("la", "la !v"), "a negation matches other actors");
        assert!(!narrows("ov$", "ov$a"), "the end anchor is gone");
        assert!(!narrows("a\\", "a\\ b"));
    }
}
