//! JSON readers keep the last of two equal keys in one object and drop
//! the first without a word; kgx refuses such a file instead, at the
//! second key, before either JSON reader looks at it.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::load::Problem;

/// The first key in `text` that repeats an earlier key of its object, as a
/// problem at its place; `None` when there is none or the text is not
/// JSON (the readers report that).
pub fn duplicate_key(text: &str) -> Option<Problem> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let err = deserializer.deserialize_any(Unique).err()?;
    let key = err.to_string();
    let key = key
        .strip_prefix(MARK)?
        .split(" at line ")
        .next()?
        .to_owned();
    let line_start: usize = text
        .split_inclusive('\n')
        .take(err.line().saturating_sub(1))
        .map(str::len)
        .sum();
    // serde_json stops just after the key's closing quote and colon.
    let end = crate::load::diagnostic::floor_char_boundary(
        text,
        (line_start + err.column()).min(text.len()),
    );
    let start = text[..end]
        .rfind('"')
        .map_or(end, |close| text[..close].rfind('"').unwrap_or(close));
    Some(
        Problem::at(
            start..end.max(start),
            format!("the key \"{key}\" appears twice in one object"),
        )
        .label("second time")
        .help(Some(
            "JSON readers keep only one of the two values; remove or rename one of them".into(),
        )),
    )
}

/// How the error raised for a repeated key starts, to tell it from
/// serde_json's own errors.
const MARK: &str = "duplicate key: ";

/// A JSON value read only to check that no object repeats a key.
struct Unique;

impl<'de> de::Deserialize<'de> for Unique {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Unique)
    }
}

impl<'de> Visitor<'de> for Unique {
    type Value = Unique;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_str<E>(self, _: &str) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_unit<E>(self) -> Result<Unique, E> {
        Ok(Unique)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Unique, A::Error> {
        while seq.next_element::<Unique>()?.is_some() {}
        Ok(Unique)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unique, A::Error> {
        let mut keys: HashSet<String> = HashSet::new();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if keys.contains(key.as_ref()) {
                return Err(de::Error::custom(format!("{MARK}{key}")));
            }
            keys.insert(key.into_owned());
            map.next_value::<Unique>()?;
        }
        Ok(Unique)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_is_found_at_its_second_place() {
        let text = "{\"nodes\": [{\"id\": \"a\",\n \"id\": \"b\"}]}";
        let problem = duplicate_key(text).expect("a repeated key");
        assert!(
            problem.message.contains("\"id\" appears twice"),
            "{}",
            problem.message
        );
        let span = problem.span.expect("a place");
        assert_eq!(&text[span.start..span.start + 4], "\"id\"");
        assert!(span.start > text.find('\n').unwrap_or(0));
    }

    #[test]
    fn equal_keys_in_different_objects_are_fine() {
        assert!(
            duplicate_key("{\"a\": {\"x\": 1}, \"b\": {\"x\": 2}, \"c\": [1, \"x\"]}").is_none()
        );
        assert!(duplicate_key("not json").is_none());
    }
}
