//! Fitting text into cells: display width, not bytes or characters, so
//! Arabic, Cyrillic and CJK names keep the layout straight.

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::tui::app::occurrences;

/// `text` cut to at most `width` cells, ending in `…` when cut.
pub fn clip(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` clipped and padded with spaces to exactly `width` cells.
pub fn fit(text: &str, width: usize) -> String {
    let clipped = clip(text, width);
    let pad = width.saturating_sub(clipped.width());
    clipped + &" ".repeat(pad)
}

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

/// Display width in cells.
pub fn width(text: &str) -> usize {
    text.width()
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
