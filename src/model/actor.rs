use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::When;

/// Someone or something that acts or is acted upon: a node of the graph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Stable slug that relations refer to (`"al-shibani"`); never shown as
    /// a name, so it can stay the same when the spelling of a name changes.
    pub id: String,
    /// The name people know the actor by.
    pub name: String,
    /// What sort of actor this is.
    pub kind: ActorKind,
    /// Other names and spellings, all searchable (`"HTS"`, `"al-Assad"`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// One or two sentences saying who this is, in the story's terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Offices and positions held, with when they were held.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// When an event took place (for events), or when an actor existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<When>,
    /// Identifiers in other knowledge bases, e.g. `{"wikidata": "Q159"}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub external_ids: BTreeMap<String, String>,
    /// Other facts about the actor as key–value text, so that what other
    /// tools' files say (a GraphML `color`, a CSV column) is kept and shown.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

/// A position someone held, so that "Foreign Minister" is tied to a country
/// and a period rather than to the person forever.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// The office as it would be written in prose.
    pub title: String,
    /// The actor the office belongs to (a state, a government), by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    /// When the office was held; open ends for "since" and "until".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<When>,
}

/// The sort of actor. The named kinds cover news stories; `Other` keeps the
/// vocabulary open without losing the check on misspelt kinds.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ActorKind {
    /// A sovereign country (Russia, Syria).
    State,
    /// A government, ministry or institution of a state (the Kremlin).
    Government,
    /// A human being.
    Person,
    /// A non-state organisation: an NGO, an international body.
    Organization,
    /// A non-state armed force, militia or rebel group.
    ArmedGroup,
    /// A news agency, broadcaster or publication.
    Media,
    /// A people, minority or community (the Druze).
    Community,
    /// A city, region or other location.
    Place,
    /// A military base, port or other installation.
    Facility,
    /// Something that happened, with participants and a date.
    Event,
    /// Any other kind, named in the data (`Other("Treaty")`).
    Other(String),
}

impl Actor {
    /// The name, then every alias: all that a person may search by.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

impl ActorKind {
    /// The named kinds, in display order; `Other` kinds come after them.
    pub const NAMED: [ActorKind; 10] = [
        ActorKind::State,
        ActorKind::Government,
        ActorKind::Person,
        ActorKind::Organization,
        ActorKind::ArmedGroup,
        ActorKind::Media,
        ActorKind::Community,
        ActorKind::Place,
        ActorKind::Facility,
        ActorKind::Event,
    ];

    /// The kind's name as the file spells it (`ArmedGroup`, or the text of
    /// an `Other` kind): the one string used in JSON and listings.
    pub fn name(&self) -> &str {
        match self {
            ActorKind::State => "State",
            ActorKind::Government => "Government",
            ActorKind::Person => "Person",
            ActorKind::Organization => "Organization",
            ActorKind::ArmedGroup => "ArmedGroup",
            ActorKind::Media => "Media",
            ActorKind::Community => "Community",
            ActorKind::Place => "Place",
            ActorKind::Facility => "Facility",
            ActorKind::Event => "Event",
            ActorKind::Other(name) => name,
        }
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
