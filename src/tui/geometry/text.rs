//! Fitting text into cells: display width, not bytes or characters, so
//! Arabic, Cyrillic and CJK names keep the layout straight.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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

/// Display width in cells.
pub fn width(text: &str) -> usize {
    text.width()
}
