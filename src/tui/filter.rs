//! When the fuzzy actor filter can match a longer query among the actors
//! a shorter one matched, which keeps typing fast on a hundred thousand
//! names.

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
