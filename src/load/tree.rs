//! A light structural reading of RON text that remembers where every value
//! sits, so that problems found after parsing can point at the exact spot.
//!
//! serde forgets positions once a value is built; this reader keeps them.
//! It understands only as much RON as is needed to find values by path
//! (`relations[3].from`) and to cut a file into its top-level elements.

use std::ops::Range;

/// A value in the text and the bytes it spans.
#[derive(Debug, Clone)]
pub struct Node {
    /// Byte range of the whole value, name and brackets included.
    pub span: Range<usize>,
    /// What the value is, as far as locating needs to know.
    pub value: NodeValue,
}

/// The shapes of RON value that locating tells apart.
#[derive(Debug, Clone)]
pub enum NodeValue {
    /// `Name(field: value, …)` or `(field: value, …)`.
    Struct(Vec<Field>),
    /// `[a, b]`, or the positional contents of a tuple `(a, b)`.
    Seq(Vec<Node>),
    /// A string literal, unescaped.
    Str(String),
    /// Anything else: numbers, identifiers, maps, chars.
    Other,
}

/// A named field of a struct value.
#[derive(Debug, Clone)]
pub struct Field {
    /// The field's name as written.
    pub name: String,
    /// The field's value.
    pub value: Node,
}

/// The reader gave up: the text is not well-formed RON (ron's own error
/// says where and why).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed;

/// Nesting beyond this is refused rather than risking the stack; ron's own
/// limit is lower, so valid files never reach it.
const MAX_DEPTH: usize = 256;

/// A parsed document: the `#![enable(…)]` extensions it names and its root.
#[derive(Debug, Clone)]
pub struct Document {
    /// Extension names from `#![enable(…)]` attributes.
    pub extensions: Vec<String>,
    /// The top-level value.
    pub root: Node,
}

impl Node {
    /// The value of field `name`, if this is a struct that has it.
    pub fn field(&self, name: &str) -> Option<&Field> {
        match &self.value {
            NodeValue::Struct(fields) => fields.iter().find(|f| f.name == name),
            _ => None,
        }
    }

    /// The `index`th element, if this is a sequence that long.
    pub fn element(&self, index: usize) -> Option<&Node> {
        match &self.value {
            NodeValue::Seq(items) => items.get(index),
            _ => None,
        }
    }

    /// The elements of a sequence, or none.
    pub fn elements(&self) -> &[Node] {
        match &self.value {
            NodeValue::Seq(items) => items,
            _ => &[],
        }
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Str(text) => Some(text),
            _ => None,
        }
    }
}

/// Reads `text` as RON structure. Fails on anything not well-formed; the
/// caller then relies on ron's own error.
pub fn parse(text: &str) -> Result<Document, Malformed> {
    let mut reader = Reader::new(text, false);
    let extensions = reader.attributes()?;
    let root = reader.value(0)?;
    reader.skip_blank()?;
    if reader.pos != reader.bytes.len() {
        return Err(reader.malformed());
    }
    Ok(Document { extensions, root })
}

/// A top-level part of a document whose root is a struct, as [`walk`]
/// meets it in file order.
#[derive(Debug)]
pub enum Part<'t> {
    /// A field whose value is not a list, read whole.
    Field { name: &'t str, node: Node },
    /// Element `index` of the list field `list`, read whole; it is dropped
    /// once visited, so a file of millions of records is never held as a
    /// tree.
    Element {
        list: &'t str,
        index: usize,
        node: Node,
    },
    /// The end of the list field `name`; `span` covers its brackets.
    List { name: &'t str, span: Range<usize> },
}

/// Reads `text` one top-level part at a time, handing each to `visit`,
/// and returns the root's span. A root that is not a struct is read
/// without visiting anything. Fails like [`parse`] on anything not
/// well-formed.
pub fn walk<'t>(text: &'t str, visit: impl FnMut(Part<'t>)) -> Result<Range<usize>, Malformed> {
    walk_with(Reader::new(text, false), visit)
}

/// Where each top-level field's value is written, in file order, without
/// copying any string out of the text: what placing a problem in a config
/// whose one value is 100 MB long needs.
pub fn field_spans(text: &str) -> Result<Vec<(&str, Range<usize>)>, Malformed> {
    let mut spans = Vec::new();
    walk_with(Reader::new(text, true), |part| match part {
        Part::Field { name, node } => spans.push((name, node.span)),
        Part::List { name, span } => spans.push((name, span)),
        Part::Element { .. } => {}
    })?;
    Ok(spans)
}

/// The extension names of the `#![enable(…)]` attributes `text` starts
/// with.
pub fn extensions(text: &str) -> Result<Vec<String>, Malformed> {
    Reader::new(text, true).attributes()
}

fn walk_with<'t>(
    mut reader: Reader<'t>,
    mut visit: impl FnMut(Part<'t>),
) -> Result<Range<usize>, Malformed> {
    reader.attributes()?;
    reader.skip_blank()?;
    let start = reader.pos;
    if reader.struct_opening()? {
        reader.fields(&mut visit)?;
    } else {
        reader.pos = start;
        reader.value(0)?;
    }
    let root = start..reader.pos;
    reader.skip_blank()?;
    if reader.pos != reader.bytes.len() {
        return Err(Malformed);
    }
    Ok(root)
}

/// Where each element of the root's lists starts, and nothing else: what
/// placing a million findings needs, without holding the whole tree (a
/// 300 MB file's tree takes gigabytes).
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Each list field of the root, by name, with its elements' offsets.
    lists: Vec<(String, Vec<usize>)>,
}

impl Outline {
    /// Where element `index` of the root's list `name` starts.
    pub fn element_start(&self, name: &str, index: usize) -> Option<usize> {
        self.lists
            .iter()
            .find(|(list, _)| list == name)
            .and_then(|(_, starts)| starts.get(index).copied())
    }
}

/// Outlines `text`, a RON struct whose fields may be lists; fails like
/// [`parse`] on anything not well-formed.
pub fn outline(text: &str) -> Result<Outline, Malformed> {
    let mut outline = Outline::default();
    let mut starts = Vec::new();
    walk(text, |part| match part {
        Part::Element { node, .. } => starts.push(node.span.start),
        Part::List { name, .. } => outline
            .lists
            .push((name.to_owned(), std::mem::take(&mut starts))),
        Part::Field { .. } => {}
    })?;
    Ok(outline)
}

/// Reads the one value that starts at byte `start` of `text` (an offset
/// from an [`Outline`]), with spans into the whole text.
pub fn value_at(text: &str, start: usize) -> Result<Node, Malformed> {
    if !text.is_char_boundary(start) {
        return Err(Malformed);
    }
    let mut reader = Reader::new(text, false);
    reader.pos = start;
    reader.value(1)
}

/// True when `text` holds nothing but white space and comments.
pub fn is_blank(text: &str) -> bool {
    let mut reader = Reader::new(text, true);
    reader.skip_blank().is_ok() && reader.pos == text.len()
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    /// Check strings but copy none out: only the spans are wanted.
    skim: bool,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, skim: bool) -> Self {
        Reader {
            bytes: text.as_bytes(),
            text,
            pos: 0,
            skim,
        }
    }

    /// After the blanks before the root: consumes `Name(` or `(` when named
    /// fields follow, else leaves the position where it was.
    fn struct_opening(&mut self) -> Result<bool, Malformed> {
        let start = self.pos;
        self.identifier();
        self.skip_blank()?;
        if self.eat(b'(') {
            self.skip_blank()?;
            let fields_start = self.pos;
            let named = self.identifier().is_some() && {
                self.skip_blank()?;
                self.peek() == Some(b':')
            };
            self.pos = fields_start;
            if named || self.peek() == Some(b')') {
                return Ok(true);
            }
        }
        self.pos = start;
        Ok(false)
    }

    /// The fields of the root struct after its `(`, up to its `)`.
    fn fields(&mut self, visit: &mut impl FnMut(Part<'a>)) -> Result<(), Malformed> {
        loop {
            self.skip_blank()?;
            if self.eat(b')') {
                return Ok(());
            }
            let name = self.identifier().ok_or(Malformed)?.trim_start_matches("r#");
            self.skip_blank()?;
            self.expect(b':')?;
            self.skip_blank()?;
            let start = self.pos;
            if self.eat(b'[') {
                let mut index = 0;
                loop {
                    self.skip_blank()?;
                    if self.eat(b']') {
                        break;
                    }
                    let node = self.value(2)?;
                    visit(Part::Element {
                        list: name,
                        index,
                        node,
                    });
                    index += 1;
                    self.skip_blank()?;
                    if !self.eat(b',') {
                        self.skip_blank()?;
                        self.expect(b']')?;
                        break;
                    }
                }
                visit(Part::List {
                    name,
                    span: start..self.pos,
                });
            } else {
                let node = self.value(1)?;
                visit(Part::Field { name, node });
            }
            self.skip_blank()?;
            if !self.eat(b',') {
                self.skip_blank()?;
                return self.expect(b')');
            }
        }
    }
    fn malformed(&self) -> Malformed {
        Malformed
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), Malformed> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(self.malformed())
        }
    }

    /// Skips white space and comments (`//` to end of line, nestable `/* */`).
    fn skip_blank(&mut self) -> Result<(), Malformed> {
        loop {
            match self.peek() {
                Some(b) if b.is_ascii_whitespace() => self.pos += 1,
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'/') => {
                    while let Some(b) = self.peek() {
                        self.pos += 1;
                        if b == b'\n' {
                            break;
                        }
                    }
                }
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'*') => {
                    self.pos += 2;
                    let mut depth = 1usize;
                    while depth > 0 {
                        match (self.peek(), self.bytes.get(self.pos + 1)) {
                            (Some(b'*'), Some(b'/')) => {
                                depth -= 1;
                                self.pos += 2;
                            }
                            (Some(b'/'), Some(b'*')) => {
                                depth += 1;
                                self.pos += 2;
                            }
                            (Some(_), _) => self.pos += 1,
                            (None, _) => return Err(self.malformed()),
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn attributes(&mut self) -> Result<Vec<String>, Malformed> {
        let mut names = Vec::new();
        loop {
            self.skip_blank()?;
            if !self.bytes[self.pos..].starts_with(b"#![") {
                return Ok(names);
            }
            self.pos += 3;
            self.skip_blank()?;
            if self.identifier() != Some("enable") {
                return Err(self.malformed());
            }
            self.skip_blank()?;
            self.expect(b'(')?;
            loop {
                self.skip_blank()?;
                if self.eat(b')') {
                    break;
                }
                let name = self.identifier().ok_or_else(|| self.malformed())?;
                names.push(name.to_owned());
                self.skip_blank()?;
                self.eat(b',');
            }
            self.skip_blank()?;
            self.expect(b']')?;
        }
    }

    fn identifier(&mut self) -> Option<&'a str> {
        let start = self.pos;
        if self.bytes[self.pos..].starts_with(b"r#") {
            self.pos += 2;
        }
        while let Some(b) = self.peek() {
            if b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80 {
                self.pos += 1;
            } else {
                break;
            }
        }
        if self.pos == start {
            None
        } else {
            // Multi-byte characters are consumed whole, so this slice is on
            // character boundaries.
            self.text.get(start..self.pos)
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, Malformed> {
        if depth > MAX_DEPTH {
            return Err(self.malformed());
        }
        self.skip_blank()?;
        let start = self.pos;
        let value = match self.peek() {
            Some(b'"') => NodeValue::Str(self.string()?),
            Some(b'r')
                if matches!(self.bytes.get(self.pos + 1), Some(b'"' | b'#'))
                    && self.bytes[self.pos + 1..].iter().find(|&&b| b != b'#') == Some(&b'"') =>
            {
                NodeValue::Str(self.raw_string()?)
            }
            Some(b'b') if self.bytes.get(self.pos + 1) == Some(&b'"') => {
                self.pos += 1;
                self.string()?;
                NodeValue::Other
            }
            Some(b'\'') => {
                self.char_literal()?;
                NodeValue::Other
            }
            Some(b'[') => {
                self.pos += 1;
                NodeValue::Seq(self.sequence(b']', depth)?)
            }
            Some(b'{') => {
                self.pos += 1;
                self.map(depth)?;
                NodeValue::Other
            }
            Some(b'(') => {
                self.pos += 1;
                self.parenthesised(depth)?
            }
            Some(b) if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 => {
                self.identifier();
                let after_name = self.pos;
                self.skip_blank()?;
                if self.eat(b'(') {
                    self.parenthesised(depth)?
                } else {
                    self.pos = after_name;
                    NodeValue::Other
                }
            }
            Some(b) if b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.') => {
                while let Some(b) = self.peek() {
                    if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.' | b'_') {
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                NodeValue::Other
            }
            _ => return Err(self.malformed()),
        };
        Ok(Node {
            span: start..self.pos,
            value,
        })
    }

    /// After `(`: named fields make a struct, anything else a tuple.
    fn parenthesised(&mut self, depth: usize) -> Result<NodeValue, Malformed> {
        self.skip_blank()?;
        let checkpoint = self.pos;
        let is_struct = self.identifier().is_some() && {
            self.skip_blank()?;
            self.peek() == Some(b':')
        };
        self.pos = checkpoint;
        if !is_struct {
            return Ok(NodeValue::Seq(self.sequence(b')', depth)?));
        }
        let mut fields = Vec::new();
        loop {
            self.skip_blank()?;
            if self.eat(b')') {
                return Ok(NodeValue::Struct(fields));
            }
            let name = self
                .identifier()
                .ok_or_else(|| self.malformed())?
                .trim_start_matches("r#")
                .to_owned();
            self.skip_blank()?;
            self.expect(b':')?;
            let value = self.value(depth + 1)?;
            fields.push(Field { name, value });
            self.skip_blank()?;
            if !self.eat(b',') {
                self.skip_blank()?;
                self.expect(b')')?;
                return Ok(NodeValue::Struct(fields));
            }
        }
    }

    fn sequence(&mut self, close: u8, depth: usize) -> Result<Vec<Node>, Malformed> {
        let mut items = Vec::new();
        loop {
            self.skip_blank()?;
            if self.eat(close) {
                return Ok(items);
            }
            items.push(self.value(depth + 1)?);
            self.skip_blank()?;
            if !self.eat(b',') {
                self.skip_blank()?;
                self.expect(close)?;
                return Ok(items);
            }
        }
    }

    fn map(&mut self, depth: usize) -> Result<(), Malformed> {
        loop {
            self.skip_blank()?;
            if self.eat(b'}') {
                return Ok(());
            }
            self.value(depth + 1)?;
            self.skip_blank()?;
            self.expect(b':')?;
            self.value(depth + 1)?;
            self.skip_blank()?;
            if !self.eat(b',') {
                self.skip_blank()?;
                return self.expect(b'}');
            }
        }
    }

    fn string(&mut self) -> Result<String, Malformed> {
        self.expect(b'"')?;
        let mut out = String::new();
        let mut run_start = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.malformed()),
                Some(b'"') => {
                    self.keep(&mut out, run_start)?;
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.keep(&mut out, run_start)?;
                    self.pos += 1;
                    let escaped = self.peek().ok_or_else(|| self.malformed())?;
                    self.pos += 1;
                    let decoded = match escaped {
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'0' => '\0',
                        b'u' => {
                            // \u{XXXX}: ids may be written with escapes.
                            self.expect(b'{')?;
                            let digits_start = self.pos;
                            while self.peek().is_some_and(|b| b.is_ascii_hexdigit()) {
                                self.pos += 1;
                            }
                            let digits = self.slice(digits_start, self.pos)?;
                            self.expect(b'}')?;
                            u32::from_str_radix(digits, 16)
                                .ok()
                                .and_then(char::from_u32)
                                .ok_or_else(|| self.malformed())?
                        }
                        other => char::from(other),
                    };
                    if !self.skim {
                        out.push(decoded);
                    }
                    run_start = self.pos;
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    fn raw_string(&mut self) -> Result<String, Malformed> {
        self.expect(b'r')?;
        let hashes = self.bytes[self.pos..]
            .iter()
            .take_while(|&&b| b == b'#')
            .count();
        self.pos += hashes;
        self.expect(b'"')?;
        let start = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.malformed()),
                Some(b'"')
                    if self.bytes[self.pos + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&b| b == b'#')
                        .count()
                        == hashes =>
                {
                    let mut text = String::new();
                    self.keep(&mut text, start)?;
                    self.pos += 1 + hashes;
                    return Ok(text);
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    fn char_literal(&mut self) -> Result<(), Malformed> {
        self.expect(b'\'')?;
        if self.eat(b'\\') {
            self.pos += 1;
        }
        while let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'\'' {
                return Ok(());
            }
        }
        Err(self.malformed())
    }

    /// Appends the text from `start` to here to `out`, unless skimming.
    fn keep(&self, out: &mut String, start: usize) -> Result<(), Malformed> {
        let run = self.slice(start, self.pos)?;
        if !self.skim {
            out.push_str(run);
        }
        Ok(())
    }

    fn slice(&self, start: usize, end: usize) -> Result<&'a str, Malformed> {
        self.text.get(start..end).ok_or(Malformed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r##"#![enable(implicit_some)]
// a comment with "quotes" and (brackets
Graph(
    title: "T",
    actors: [
        Actor(id: "a", name: "A \"one\"", kind: Other("x"), external_ids: {"w": "Q1"}),
        (id: r#"b"#, name: "B", kind: State, /* nested /* comment */ */),
    ],
    relations: [Relation(from: "a", to: "b", kind: "k", date: Some("2025"))],
)
"##;

    #[test]
    fn finds_values_by_path_with_their_spans() {
        let doc = parse(SAMPLE).expect("well-formed");
        assert_eq!(doc.extensions, ["implicit_some"]);
        let actors = &doc.root.field("actors").expect("actors").value;
        assert_eq!(actors.elements().len(), 2);
        let name = &actors.element(0).unwrap().field("name").unwrap().value;
        assert_eq!(name.as_str(), Some("A \"one\""));
        assert_eq!(&SAMPLE[name.span.clone()], r#""A \"one\"""#);
        let raw_id = &actors.element(1).unwrap().field("id").unwrap().value;
        assert_eq!(raw_id.as_str(), Some("b"));
        let to = &doc
            .root
            .field("relations")
            .unwrap()
            .value
            .element(0)
            .unwrap();
        assert_eq!(&SAMPLE[to.field("to").unwrap().value.span.clone()], "\"b\"");
        assert!(SAMPLE[to.span.clone()].starts_with("Relation("));
    }

    #[test]
    fn outlines_lists_and_reads_one_element_at_a_time() {
        let outline = outline(SAMPLE).expect("well-formed");
        let doc = parse(SAMPLE).expect("well-formed");
        let second = outline.element_start("actors", 1).expect("two actors");
        let actor = value_at(SAMPLE, second).expect("an actor");
        let whole = doc.root.field("actors").unwrap().value.element(1).unwrap();
        assert_eq!(actor.span, whole.span);
        assert_eq!(actor.field("id").unwrap().value.as_str(), Some("b"));
        assert!(outline.element_start("actors", 2).is_none());
        assert!(outline.element_start("relations", 0).is_some());
        assert!(outline.element_start("title", 0).is_none());
        assert!(value_at(SAMPLE, SAMPLE.len() + 1).is_err());
    }

    #[test]
    fn refuses_malformed_text_without_panicking() {
        for text in [
            "",
            "(",
            "Graph(title: )",
            "[1, 2",
            "\"open",
            "/* open",
            "(a: 1 b: 2)",
            "#![enable(x",
        ] {
            assert!(parse(text).is_err(), "{text:?} should be refused");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(parse(&deep).is_err());
    }
}
