//! Text drawn with a style: the searched word highlighted. Fitting text
//! into cells is [`crate::tui::geometry::text`].

use crate::tui::app::occurrences;
pub use crate::tui::geometry::text::{clip, fit, width};
use ratatui::style::Style;
use ratatui::text::Span;

/// `text` as spans in `base` style, each occurrence of the searched
/// `word` (ignoring case) in `hit` style.
pub fn searched(text: &str, word: Option<&str>, base: Style, hit: Style) -> Vec<Span<'static>> {
    let Some(word) = word else {
        return vec![Span::styled(text.to_owned(), base)];
    };
    let mut spans = Vec::new();
    let mut at = 0;
    for found in occurrences(text, word) {
        if found.start > at {
            spans.push(Span::styled(text[at..found.start].to_owned(), base));
        }
        spans.push(Span::styled(text[found.clone()].to_owned(), hit));
        at = found.end;
    }
    if at < text.len() || spans.is_empty() {
        spans.push(Span::styled(text[at..].to_owned(), base));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clips_by_display_width() {
        assert_eq!(clip("Sergey Lavrov", 20), "Sergey Lavrov");
        assert_eq!(clip("Sergey Lavrov", 8), "Sergey …");
        assert_eq!(clip("中华人民共和国", 5), "中华…");
        assert_eq!(width(&fit("中华人民共和国", 5)), 5);
        assert_eq!(fit("Лавров", 8), "Лавров  ");
        assert_eq!(clip("x", 0), "");
    }
}
