//! Comparing quotes with source texts as a reader would: typographic
//! quotes, dashes and runs of white space are the same text.

/// `text` with curly quotes and apostrophes made straight, dashes made
/// hyphens, an ellipsis made three dots and white space collapsed to one
/// space, so that a quote copied from a web page matches its source.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let mapped = match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '«' | '»' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{2026}' => {
                space = false;
                out.push_str("...");
                continue;
            }
            c if c.is_whitespace() => {
                space = !out.is_empty();
                continue;
            }
            c => c,
        };
        if space {
            out.push(' ');
            space = false;
        }
        out.push(mapped);
    }
    out
}

/// The passage of `text` most like `quote`, with its similarity (0 to 1):
/// every window as many words long as the quote, compared by edit
/// distance. Both are normalised already; only quotes that did not match
/// come here, so the cost (words × quote length²) is paid rarely.
pub fn nearest_passage(text: &str, quote: &str) -> Option<(String, f64)> {
    let words: Vec<&str> = text.split(' ').collect();
    let length = quote.split(' ').count().min(words.len()).max(1);
    let mut best: Option<(String, f64)> = None;
    let mut start = 0;
    while start < words.len() {
        let end = (start + length).min(words.len());
        let window = words[start..end].join(" ");
        let score = strsim::normalized_levenshtein(&window, quote);
        if best.as_ref().is_none_or(|(_, high)| score > *high) {
            best = Some((window, score));
        }
        if end == words.len() {
            break;
        }
        start += 1;
    }
    best
}

/// Words by which a report keeps its distance from what it reports, in
/// the order a finding names them when a quote holds several.
const HEDGES: [&str; 10] = [
    "reportedly",
    "allegedly",
    "alleged",
    "alleging",
    "claimed",
    "claims",
    "according to",
    "said",
    "says",
    "purportedly",
];

/// The one hedge of two words, at its place in [`HEDGES`].
const ACCORDING_TO: usize = 6;

/// The first of [`HEDGES`] that `text` (lowercased already) holds as whole
/// words, in one pass over its words: a hedge is a word between characters
/// that are not letters or digits ("according to" two words with one space
/// between them).
pub fn hedge_in(text: &str) -> Option<&'static str> {
    let mut found = [false; HEDGES.len()];
    let mut previous: Option<(&str, usize)> = None;
    let mut start = None;
    for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                start = None;
                let word = &text[from..at];
                if let Some(index) = HEDGES.iter().position(|hedge| *hedge == word) {
                    found[index] = true;
                }
                if word == "to"
                    && let Some(("according", end)) = previous
                    && &text[end..from] == " "
                {
                    found[ACCORDING_TO] = true;
                }
                previous = Some((word, at));
            }
            _ => {}
        }
    }
    found.iter().position(|&hit| hit).map(|index| HEDGES[index])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typographic_quotes_dashes_and_spaces_compare_plain() {
        assert_eq!(
            normalise("“We want Russia\n  by our side,” he said — Syria’s…"),
            "\"We want Russia by our side,\" he said - Syria's..."
        );
    }

    #[test]
    fn the_nearest_passage_is_the_closest_window() {
        let text = normalise("The minister met the envoy in Baku. Talks went on for hours.");
        let (passage, score) = nearest_passage(&text, "the envoy in Bakuu").expect("a passage");
        assert!(passage.contains("envoy in Baku"), "{passage}");
        assert!(score > 0.7, "{score}");
    }

    #[test]
    fn hedges_match_whole_words() {
        assert_eq!(hedge_in("as he said, no"), Some("said"));
        assert_eq!(hedge_in("according to tass"), Some("according to"));
        assert_eq!(hedge_in("according  to tass"), None);
        assert_eq!(hedge_in("unsaid things"), None);
        assert_eq!(hedge_in("he said it reportedly"), Some("reportedly"));
        assert_eq!(hedge_in("claims"), Some("claims"));
        assert_eq!(HEDGES[ACCORDING_TO], "according to");
    }
}
