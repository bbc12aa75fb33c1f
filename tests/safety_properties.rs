//! Properties of the hardening, over arbitrary input: the terminal never
//! gets a control character, escapes and stand-ins keep what they must,
//! and the config reader and the bounded reader never panic.

use std::borrow::Cow;

use kgx::safe_text::{self, SafeWriter};
use proptest::prelude::*;

/// Characters that must never reach a terminal raw (line breaks and tabs
/// aside, where whole lines are written).
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Text rich in what matters: controls, C1, bidi, wide and plain letters.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            any::<char>(),
            prop::sample::select(vec![
                '\u{1b}', '\u{7}', '\u{9b}', '\u{7f}', '\u{202e}', '\u{2066}', '\u{61c}', '\n',
                '\t', '\r', 'a', 'é', '中'
            ]),
        ],
        0..64,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #[test]
    fn made_safe_text_holds_no_control_and_clean_text_is_untouched(text in text()) {
        let safe = safe_text::safe(&text);
        prop_assert!(!safe.contains(|c: char| is_unsafe(c) || c == '\n' || c == '\t'));
        let lines = safe_text::safe_lines(&text);
        prop_assert!(!lines.contains(is_unsafe));
        if !text.contains(is_unsafe) {
            prop_assert!(matches!(lines, Cow::Borrowed(_)));
        }
    }

    #[test]
    fn stand_ins_keep_the_length_and_json_escapes_read_back(text in text()) {
        let replaced = safe_text::same_length(&text);
        prop_assert_eq!(replaced.len(), text.len());
        prop_assert!(!replaced.contains(is_unsafe));
        let json = serde_json::to_string(&serde_json::json!({ "name": text })).expect("JSON");
        let escaped = safe_text::json(&json);
        prop_assert!(!escaped.contains(is_unsafe));
        let back: serde_json::Value = serde_json::from_str(&escaped).expect("reads back");
        prop_assert_eq!(back["name"].as_str(), Some(text.as_str()));
    }

    #[test]
    fn the_writer_is_safe_however_the_bytes_are_cut(text in text(), cut in 0usize..64) {
        let mut out = SafeWriter::new(Vec::new());
        let bytes = text.as_bytes();
        let cut = cut.min(bytes.len());
        std::io::Write::write_all(&mut out, &bytes[..cut]).expect("writes");
        std::io::Write::write_all(&mut out, &bytes[cut..]).expect("writes");
        std::io::Write::flush(&mut out).expect("flushes");
        let written = String::from_utf8(out.raw().clone()).expect("UTF-8");
        prop_assert_eq!(written, safe_text::safe_lines(&text).into_owned());
    }

    #[test]
    fn config_text_never_panics_the_reader(text in text()) {
        if let Err(error) = kgx::config::parse("config.ron", &format!("({text})")) {
            let rendered = error.render(false);
            prop_assert!(!rendered.contains(is_unsafe_rendered));
        }
    }

    #[test]
    fn the_bounded_reader_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        match kgx::load::input::read_limited(&bytes[..], 0, |_| {}) {
            Ok(read) => prop_assert!(bytes.starts_with(&read)),
            Err(err) => prop_assert!(bytes.contains(&0), "{err}"),
        }
    }
}

/// A rendered diagnostic may hold line breaks, and nothing else unsafe.
fn is_unsafe_rendered(c: char) -> bool {
    c != '\n' && is_unsafe(c)
}
