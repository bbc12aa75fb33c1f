//! Editing a line of text with a cursor, with the readline keys people's
//! fingers know from their shell: Ctrl-a/e to the start and end, Ctrl-w a
//! word back, Ctrl-u everything before the cursor, Alt-b/f a word left and
//! right.

use crate::tui::action::Edit;

/// `text` with `edit` applied at `cursor` (a byte offset on a character
/// boundary), which moves as the edit says.
pub(super) fn apply(text: &mut String, cursor: &mut usize, edit: Edit) {
    *cursor = (*cursor).min(text.len());
    match edit {
        Edit::Start => *cursor = 0,
        Edit::End => *cursor = text.len(),
        Edit::Left => *cursor = previous_char(text, *cursor),
        Edit::Right => *cursor = next_char(text, *cursor),
        Edit::WordLeft => *cursor = word_start(text, *cursor),
        Edit::WordRight => *cursor = word_end(text, *cursor),
        Edit::DeleteWordBefore => {
            let start = word_start(text, *cursor);
            text.replace_range(start..*cursor, "");
            *cursor = start;
        }
        Edit::DeleteToStart => {
            text.replace_range(..*cursor, "");
            *cursor = 0;
        }
        Edit::DeleteToEnd => text.truncate(*cursor),
        Edit::Delete => {
            let end = next_char(text, *cursor);
            text.replace_range(*cursor..end, "");
        }
    }
}

/// Puts `c` in at the cursor.
pub(super) fn insert(text: &mut String, cursor: &mut usize, c: char) {
    *cursor = (*cursor).min(text.len());
    text.insert(*cursor, c);
    *cursor += c.len_utf8();
}

/// Deletes the character before the cursor; false when there is none.
pub(super) fn backspace(text: &mut String, cursor: &mut usize) -> bool {
    *cursor = (*cursor).min(text.len());
    let start = previous_char(text, *cursor);
    if start == *cursor {
        return false;
    }
    text.replace_range(start..*cursor, "");
    *cursor = start;
    true
}

fn previous_char(text: &str, at: usize) -> usize {
    text[..at].char_indices().next_back().map_or(0, |(i, _)| i)
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

/// The start of the word before `at`, spaces before it skipped (readline's
/// backward-word).
fn word_start(text: &str, at: usize) -> usize {
    let before = &text[..at];
    let trimmed = before.trim_end_matches(|c: char| !c.is_alphanumeric());
    trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The end of the word after `at` (readline's forward-word).
fn word_end(text: &str, at: usize) -> usize {
    let after = &text[at..];
    let skipped = after.len()
        - after
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    let rest = &after[skipped..];
    let word = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(rest.len(), |(i, _)| i);
    at + skipped + word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edited(text: &str, cursor: usize, edit: Edit) -> (String, usize) {
        let (mut text, mut cursor) = (text.to_owned(), cursor);
        apply(&mut text, &mut cursor, edit);
        (text, cursor)
    }

    #[test]
    fn readline_keys_move_and_delete_by_words() {
        assert_eq!(edited("path hts", 8, Edit::DeleteToStart), ("".into(), 0));
        assert_eq!(
            edited("path hts", 5, Edit::DeleteToStart),
            ("hts".into(), 0)
        );
        assert_eq!(
            edited("path hts  ", 10, Edit::DeleteWordBefore),
            ("path ".into(), 5)
        );
        assert_eq!(edited("path hts", 8, Edit::WordLeft).1, 5);
        assert_eq!(edited("path hts", 0, Edit::WordRight).1, 4);
        assert_eq!(edited("path hts", 4, Edit::WordRight).1, 8);
        assert_eq!(edited("path hts", 3, Edit::Start).1, 0);
        assert_eq!(edited("path hts", 3, Edit::End).1, 8);
        assert_eq!(edited("path", 2, Edit::DeleteToEnd), ("pa".into(), 2));
        assert_eq!(edited("path", 0, Edit::Delete), ("ath".into(), 0));
    }

    #[test]
    fn characters_of_any_width_are_stepped_over_whole() {
        let (text, cursor) = edited("Лавров", 12, Edit::Left);
        assert_eq!((text.as_str(), cursor), ("Лавров", 10));
        let mut text = "Лв".to_owned();
        let mut cursor = 2;
        insert(&mut text, &mut cursor, 'а');
        assert_eq!((text.as_str(), cursor), ("Лав", 4));
        assert!(backspace(&mut text, &mut cursor));
        assert_eq!((text.as_str(), cursor), ("Лв", 2));
        let mut start = 0;
        assert!(!backspace(&mut text, &mut start));
    }
}
