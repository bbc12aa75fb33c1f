//! Text from data made safe for a terminal, in one place.
//!
//! A name, summary or file name in someone else's file may hold escape
//! sequences that a terminal obeys: OSC 52 writes the clipboard, OSC 0 the
//! window title, CSI moves the cursor and repaints. kgx never lets them
//! through. Every C0 control, DEL and every C1 control is written as a
//! visible Rust-style escape (`\u{1b}`, `\u{7f}`, `\u{9b}`), and so is every
//! bidirectional formatting character (U+202A–U+202E, U+2066–U+2069,
//! U+200E, U+200F, U+061C), which would otherwise reorder what the person
//! reads. Text that needs nothing comes back borrowed, at no cost.
//!
//! Each output path calls one function of this module where its text
//! leaves kgx: [`SafeWriter`] for the command line's text, [`safe`] for one
//! value in a message, [`same_length`] for a source line quoted in a
//! diagnostic, [`json`] for JSON printed on standard output, [`cell`] for a
//! cell of the explorer's screen. Files that kgx exports are not terminals
//! and are written as their format allows.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Whether `c` must not reach a terminal as it is: a C0 or C1 control, DEL,
/// or a bidirectional formatting character.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi(c)
}

/// The bidirectional embeddings, overrides, isolates and marks.
fn is_bidi(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// `text` with every unsafe character, line breaks and tabs included,
/// written as a visible escape: for one value inside a line of text.
pub fn safe(text: &str) -> Cow<'_, str> {
    escape(text, is_unsafe)
}

/// `text` with every unsafe character except line breaks and tabs written
/// as a visible escape: for whole lines of text.
pub fn safe_lines(text: &str) -> Cow<'_, str> {
    escape(text, |c| c != '\n' && c != '\t' && is_unsafe(c))
}

fn escape(text: &str, unsafe_char: impl Fn(char) -> bool) -> Cow<'_, str> {
    let Some(first) = text.find(&unsafe_char) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if unsafe_char(c) {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` with every unsafe character but line breaks and tabs replaced by
/// a visible stand-in of the same length in bytes (`?` for C0 and DEL, `¿`
/// for C1 and U+061C, `�` for the other bidirectional characters), so that
/// byte offsets into it stay true: for the source lines a diagnostic quotes
/// around the spot it marks.
pub fn same_length(text: &str) -> Cow<'_, str> {
    let replace = |c: char| c != '\n' && c != '\t' && is_unsafe(c);
    if !text.contains(replace) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match (replace(c), c.len_utf8()) {
                (false, _) => c,
                (true, 1) => '?',
                (true, 2) => '¿',
                (true, _) => '\u{FFFD}',
            })
            .collect(),
    )
}

/// JSON text with the C1 controls, DEL and bidirectional characters that
/// serde leaves raw written as `\uXXXX` escapes. They can only stand inside
/// strings, where the escape means the same character, so the JSON reads
/// back the same.
pub fn json(text: &str) -> Cow<'_, str> {
    let Some(first) = text.find(is_unsafe) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 12);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        // JSON's own structure is plain ASCII and its line breaks are
        // the pretty printer's.
        if c != '\n' && is_unsafe(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A symbol of one screen cell without the characters that must not reach
/// the terminal. A cell has a fixed width, so they are left out rather
/// than escaped; ratatui already leaves out the controls.
pub fn cell(symbol: &str) -> Cow<'_, str> {
    if !symbol.contains(is_unsafe) {
        return Cow::Borrowed(symbol);
    }
    Cow::Owned(symbol.chars().filter(|&c| !is_unsafe(c)).collect())
}

/// A writer that passes text through [`safe_lines`], for output meant to
/// be read by a person, or through [`json`] for JSON written piece by
/// piece. Bytes that are not UTF-8 are written as `\x..`.
pub struct SafeWriter<W: Write> {
    inner: W,
    /// The start of a character cut off at the end of the last write.
    pending: Vec<u8>,
    /// How text is made safe.
    transform: for<'a> fn(&'a str) -> Cow<'a, str>,
}

impl<W: Write> SafeWriter<W> {
    /// Wraps `inner`, for text.
    pub fn new(inner: W) -> Self {
        SafeWriter {
            inner,
            pending: Vec::new(),
            transform: safe_lines,
        }
    }

    /// Wraps `inner`, for JSON: what serde leaves raw becomes `\uXXXX`.
    pub fn json(inner: W) -> Self {
        SafeWriter {
            inner,
            pending: Vec::new(),
            transform: json,
        }
    }

    /// The writer underneath, for text already made safe (a rendered
    /// diagnostic with its colours) or data (JSON, an export).
    pub fn raw(&mut self) -> &mut W {
        &mut self.inner
    }

    fn write_text(&mut self, mut bytes: &[u8]) -> io::Result<()> {
        loop {
            match std::str::from_utf8(bytes) {
                Ok(text) => return self.inner.write_all((self.transform)(text).as_bytes()),
                Err(err) => {
                    let (valid, rest) = bytes.split_at(err.valid_up_to());
                    // Checked by from_utf8 just now.
                    let text = std::str::from_utf8(valid).unwrap_or_default();
                    self.inner.write_all((self.transform)(text).as_bytes())?;
                    match err.error_len() {
                        Some(bad) => {
                            for byte in &rest[..bad] {
                                write!(self.inner, "\\x{byte:02x}")?;
                            }
                            bytes = &rest[bad..];
                        }
                        None => {
                            self.pending.extend_from_slice(rest);
                            return Ok(());
                        }
                    }
                }
            }
        }
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.pending.is_empty() {
            self.write_text(buf)?;
        } else {
            let mut joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(buf);
            self.write_text(&joined)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            for byte in std::mem::take(&mut self.pending) {
                write!(self.inner, "\\x{byte:02x}")?;
            }
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(safe("Сергей Лавров 中国"), Cow::Borrowed(_)));
        assert!(matches!(safe_lines("a\n\tb"), Cow::Borrowed(_)));
        assert!(matches!(json("{\"a\": \"b\"}"), Cow::Borrowed(_)));
    }

    #[test]
    fn controls_and_bidi_become_visible_escapes() {
        assert_eq!(
            safe("a\u{1b}]52;c;SGVsbG8=\u{7}b"),
            "a\\u{1b}]52;c;SGVsbG8=\\u{7}b"
        );
        assert_eq!(safe("x\u{9b}31m\u{7f}"), "x\\u{9b}31m\\u{7f}");
        assert_eq!(safe("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(
            safe("\u{2066}\u{200f}\u{61c}"),
            "\\u{2066}\\u{200f}\\u{61c}"
        );
        assert_eq!(safe("two\nlines"), "two\\u{a}lines");
        assert_eq!(safe_lines("two\nlines\r"), "two\nlines\\u{d}");
    }

    #[test]
    fn stand_ins_keep_every_byte_offset() {
        let text = "a\u{1b}b\u{85}c\u{202e}d\u{61c}e\n\tf";
        let replaced = same_length(text);
        assert_eq!(replaced.len(), text.len());
        assert_eq!(replaced, "a?b¿c\u{FFFD}d¿e\n\tf");
    }

    #[test]
    fn json_escapes_read_back_the_same() {
        let value = serde_json::json!({ "name": "a\u{1b}\u{9b}\u{202e}\u{7f}" });
        let text = serde_json::to_string_pretty(&value).unwrap();
        let escaped = json(&text);
        assert!(!escaped.contains(is_unsafe_not_newline), "{escaped}");
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, value);
    }

    fn is_unsafe_not_newline(c: char) -> bool {
        c != '\n' && is_unsafe(c)
    }

    #[test]
    fn cells_drop_what_they_cannot_show() {
        assert_eq!(cell("\u{202e}a"), "a");
        assert_eq!(cell("é"), "é");
    }

    #[test]
    fn the_writer_escapes_across_split_writes() {
        let mut out = SafeWriter::new(Vec::new());
        let text = "é\u{1b}[2J\u{202e}\n".as_bytes();
        for byte in text {
            out.write_all(std::slice::from_ref(byte)).unwrap();
        }
        out.write_all(b"\xff ok").unwrap();
        out.flush().unwrap();
        assert_eq!(
            String::from_utf8(out.inner).unwrap(),
            "é\\u{1b}[2J\\u{202e}\n\\xff ok"
        );
    }
}
