//! Reading a data file straight into a [`GraphBuilder`]: each relation is
//! parsed into a record that borrows its text from the file, interned into
//! the graph and dropped, so a million relations never exist as `String`s.
//! Any serde format with kgx's top-level shape (RON, kgx's JSON) reads
//! through here, each with its own record types (a [`Shape`]). The records
//! mirror the file form field for field; the loaders fall back to it
//! whenever this path refuses a file, so what it accepts can only be
//! narrower, never different.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::graph::{GraphBuilder, NewRelation};
use crate::model::{Actor, Evidence, Source, Stance, Status, When};

/// The record types of one file format.
pub trait Shape {
    /// A source as the format writes it.
    type Source: DeserializeOwned + Into<Source>;
    /// An actor as the format writes it.
    type Actor: DeserializeOwned + Into<Actor>;
    /// A relation as the format writes it, borrowing from the text.
    type Relation<'de>: Deserialize<'de> + Record;
}

/// A relation record that adds itself to a graph.
pub trait Record {
    /// Adds the relation, its evidence and its attributes.
    fn add_to(&self, builder: &mut GraphBuilder);
}

/// kgx's own RON format: the model types, with relations borrowed.
pub struct Ron;

impl Shape for Ron {
    type Source = Source;
    type Actor = Actor;
    type Relation<'de> = RelationRecord<'de>;
}

/// Text borrowed from the file when it has no escapes, owned otherwise
/// (serde's own `Cow` only borrows when it is not inside an `Option`).
#[derive(PartialEq, Eq, PartialOrd, Ord)]
pub struct Text<'a>(pub Cow<'a, str>);

impl Text<'_> {
    /// The text, wherever it lives.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text as an owned string.
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor<'a>(std::marker::PhantomData<&'a str>);
        impl<'de: 'a, 'a> Visitor<'de> for TextVisitor<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(text)))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(text.to_owned())))
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(text)))
            }
        }
        deserializer.deserialize_str(TextVisitor(std::marker::PhantomData))
    }
}

fn directed_by_default() -> bool {
    true
}

/// `model::Relation` with its text borrowed.
#[derive(Deserialize)]
#[serde(rename = "Relation", deny_unknown_fields)]
pub struct RelationRecord<'a> {
    #[serde(borrow)]
    from: Text<'a>,
    #[serde(borrow)]
    to: Text<'a>,
    #[serde(borrow)]
    kind: Text<'a>,
    #[serde(borrow, default)]
    label: Option<Text<'a>>,
    #[serde(default = "directed_by_default")]
    directed: bool,
    #[serde(default)]
    date: Option<When>,
    #[serde(default)]
    status: Status,
    #[serde(default)]
    stance: Stance,
    #[serde(borrow, default)]
    evidence: Vec<EvidenceRecord<'a>>,
    #[serde(borrow, default)]
    attributes: BTreeMap<Text<'a>, Text<'a>>,
}

/// `model::Evidence` with its text borrowed; kgx's JSON export writes
/// evidence in the same shape.
#[derive(Deserialize)]
#[serde(rename = "Evidence", deny_unknown_fields)]
pub struct EvidenceRecord<'a> {
    #[serde(borrow)]
    source: Text<'a>,
    #[serde(borrow)]
    quote: Text<'a>,
    #[serde(borrow, default)]
    attributed_to: Option<Text<'a>>,
}

impl EvidenceRecord<'_> {
    /// The passage in the file's form.
    pub fn into_evidence(self) -> Evidence {
        Evidence {
            source: self.source.into_string(),
            quote: self.quote.into_string(),
            attributed_to: self.attributed_to.map(Text::into_string),
        }
    }
}

impl Record for RelationRecord<'_> {
    fn add_to(&self, builder: &mut GraphBuilder) {
        builder.add_relation(NewRelation {
            from: self.from.as_str(),
            to: self.to.as_str(),
            kind: self.kind.as_str(),
            label: self.label.as_ref().map(Text::as_str),
            directed: self.directed,
            date: self.date,
            status: self.status,
            stance: self.stance,
        });
        add_evidence_and_attributes(builder, &self.evidence, &self.attributes);
    }
}

/// Adds a relation's evidence and attributes, after the relation itself.
pub fn add_evidence_and_attributes(
    builder: &mut GraphBuilder,
    evidence: &[EvidenceRecord<'_>],
    attributes: &BTreeMap<Text<'_>, Text<'_>>,
) {
    for passage in evidence {
        builder.add_evidence(
            passage.source.as_str(),
            passage.quote.as_str(),
            passage.attributed_to.as_ref().map(Text::as_str),
        );
    }
    for (key, value) in attributes {
        builder.add_attribute(key.as_str(), value.as_str());
    }
}

/// The top level of a data file (`model::Dataset`), read into `builder`.
pub struct GraphSeed<'b, S> {
    builder: &'b mut GraphBuilder,
    shape: std::marker::PhantomData<S>,
}

impl<'b, S: Shape> GraphSeed<'b, S> {
    /// Reads into `builder`.
    pub fn new(builder: &'b mut GraphBuilder) -> Self {
        GraphSeed {
            builder,
            shape: std::marker::PhantomData,
        }
    }
}

#[derive(Clone, Copy, Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Field {
    Title,
    Description,
    Sources,
    Actors,
    Relations,
}

const FIELDS: &[&str] = &["title", "description", "sources", "actors", "relations"];

impl<'de, S: Shape> DeserializeSeed<'de> for GraphSeed<'_, S> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_struct("Graph", FIELDS, self)
    }
}

impl<'de, S: Shape> Visitor<'de> for GraphSeed<'_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("struct Graph")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = [false; 5];
        while let Some(field) = map.next_key::<Field>()? {
            let slot = &mut seen[field as usize];
            if std::mem::replace(slot, true) {
                return Err(de::Error::duplicate_field(FIELDS[field as usize]));
            }
            match field {
                Field::Title => self.builder.set_title(map.next_value()?),
                Field::Description => self.builder.set_description(map.next_value()?),
                Field::Sources => {
                    for source in map.next_value::<Vec<S::Source>>()? {
                        self.builder.add_source(source.into());
                    }
                }
                Field::Actors => map.next_value_seed(Records::<S> {
                    builder: &mut *self.builder,
                    list: List::Actors,
                    shape: std::marker::PhantomData,
                })?,
                Field::Relations => map.next_value_seed(Records::<S> {
                    builder: &mut *self.builder,
                    list: List::Relations,
                    shape: std::marker::PhantomData,
                })?,
            }
        }
        if !seen[Field::Title as usize] {
            return Err(de::Error::missing_field("title"));
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
enum List {
    Actors,
    Relations,
}

/// A list of records, each added to the builder as soon as it is read.
pub struct Records<'b, S> {
    builder: &'b mut GraphBuilder,
    list: List,
    shape: std::marker::PhantomData<S>,
}

impl<'b, S: Shape> Records<'b, S> {
    /// A list of relations on its own (a part of a file's list), read
    /// into `builder`.
    pub fn relations(builder: &'b mut GraphBuilder) -> Self {
        Records {
            builder,
            list: List::Relations,
            shape: std::marker::PhantomData,
        }
    }
}

impl<'de, S: Shape> DeserializeSeed<'de> for Records<'_, S> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, S: Shape> Visitor<'de> for Records<'_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        match self.list {
            List::Actors => {
                while let Some(actor) = seq.next_element::<S::Actor>()? {
                    self.builder.add_actor(actor.into());
                }
            }
            List::Relations => {
                while let Some(record) = seq.next_element::<S::Relation<'de>>()? {
                    record.add_to(self.builder);
                }
            }
        }
        Ok(())
    }
}
