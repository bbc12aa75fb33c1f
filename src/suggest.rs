//! "Did you mean …?": the closest known names to a word that matched none.

/// Lower-cases and folds `_`, `-`, `.` and spaces together, so that
/// `al_shibani`, `Al-Shibani` and `al shibani` compare equal.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| {
            if matches!(c, '_' | '-' | '.' | ' ') {
                '-'
            } else {
                c
            }
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// How alike two words are, 0.0 to 1.0, after folding. A word many times
/// longer than the other is no typo of it, and comparing a 100 MB value
/// with each name would take seconds.
fn likeness(a: &str, b: &str) -> f64 {
    if a.len() > 4 * b.len() + 16 || b.len() > 4 * a.len() + 16 {
        return 0.0;
    }
    let (a, b) = (fold(a), fold(b));
    if a == b {
        return 1.0;
    }
    let edit = strsim::normalized_damerau_levenshtein(&a, &b);
    let prefix = strsim::jaro_winkler(&a, &b);
    edit.max(prefix * 0.95)
}

/// Words below this likeness are not worth suggesting.
const THRESHOLD: f64 = 0.7;

/// Up to `limit` candidates close enough to `word`, best first; ties keep
/// the candidates' order.
pub fn closest<'a, I>(word: &str, candidates: I, limit: usize) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut scored: Vec<(f64, usize, &str)> = candidates
        .into_iter()
        .enumerate()
        .map(|(order, candidate)| (likeness(word, candidate), order, candidate))
        .filter(|(score, _, _)| *score >= THRESHOLD)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<&str> = Vec::new();
    for (_, _, candidate) in scored {
        if !out.contains(&candidate) {
            out.push(candidate);
        }
        if out.len() == limit {
            break;
        }
    }
    out
}

/// The single best candidate, formatted as a hint: `did you mean "x"?`.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    closest(word, candidates, 1)
        .first()
        .map(|best| format!("did you mean \"{best}\"?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_many_times_longer_than_a_name_is_no_typo_of_it() {
        let long = format!("dark{}", "k".repeat(1_000));
        assert!(closest(&long, ["dark", "light"], 3).is_empty());
        assert_eq!(closest("darkk", ["dark", "light"], 3), ["dark"]);
    }

    #[test]
    fn separators_and_case_do_not_matter() {
        assert_eq!(
            closest("al_shibani", ["al-sharaa", "al-shibani"], 3)[0],
            "al-shibani"
        );
        assert_eq!(closest("LAVROV", ["lavrov"], 3), ["lavrov"]);
    }

    #[test]
    fn typos_are_caught_and_strangers_are_not() {
        assert_eq!(
            did_you_mean("nmae", ["id", "name", "kind"]).as_deref(),
            Some("did you mean \"name\"?")
        );
        assert_eq!(
            did_you_mean("russsia", ["russia", "syria"]).as_deref(),
            Some("did you mean \"russia\"?")
        );
        assert_eq!(did_you_mean("zzz", ["russia", "syria"]), None);
    }

    #[test]
    fn best_first_and_capped() {
        let got = closest("syria", ["syrian-people", "syria", "serbia", "siria"], 2);
        assert_eq!(got, ["syria", "siria"]);
    }
}
