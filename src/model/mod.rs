//! The knowledge-graph data model, exactly as a data file spells it.
//!
//! These types are what a `.ron` file deserializes into and what `kgx export`
//! writes back, so every field here is part of the documented file format
//! (see `docs/format.md`). Nothing in this module knows about terminals.

mod actor;
mod date;
mod relation;
mod source;

pub use actor::{Actor, ActorKind, Role};
pub use date::{Begun, DateError, PartialDate, Precision, When};
pub use relation::{Evidence, Relation, Stance, Status};
pub use source::{Reliability, Source};

use serde::{Deserialize, Serialize};

/// A whole knowledge graph as stored in one file: what the story is, who
/// says so (sources), who is in it (actors) and what they did (relations).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Graph", deny_unknown_fields)]
pub struct Dataset {
    /// A short title shown at the top of every view.
    pub title: String,
    /// What the graph covers and where it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The documents that evidence cites, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// The nodes of the graph.
    #[serde(default)]
    pub actors: Vec<Actor>,
    /// The edges of the graph.
    #[serde(default)]
    pub relations: Vec<Relation>,
}
