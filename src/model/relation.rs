use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::When;

/// Something one actor did to, with or about another: an edge of the graph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// The actor who acts, by id.
    pub from: String,
    /// The actor acted upon, by id.
    pub to: String,
    /// What happened, as a snake_case verb from an open vocabulary
    /// (`hosted`, `condemned`, `claims_evacuated`).
    pub kind: String,
    /// A human phrasing when the kind alone reads poorly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// False for symmetric relations (`met_with`), which read both ways.
    #[serde(default = "directed_by_default", skip_serializing_if = "is_true")]
    pub directed: bool,
    /// When it happened or held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<When>,
    /// How firmly it is established.
    #[serde(default, skip_serializing_if = "Status::is_default")]
    pub status: Status,
    /// Where it sits between conflict and cooperation.
    #[serde(default, skip_serializing_if = "Stance::is_default")]
    pub stance: Stance,
    /// Who says so: the passages that state the relation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Other facts about the relation as key–value text (a `weight`, a
    /// spreadsheet column), kept from other tools' files and shown.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

fn directed_by_default() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

impl Relation {
    /// The arrow between its actors: one way, or both for symmetric ones.
    pub fn arrow(&self) -> &'static str {
        if self.directed { "→" } else { "↔" }
    }

    /// The label if there is one, else the kind with spaces: what a person
    /// reads on the edge.
    pub fn phrase(&self) -> String {
        match &self.label {
            Some(label) => label.clone(),
            None => self.kind.replace('_', " "),
        }
    }
}

/// A passage of a source that states a relation, and whose claim it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The source cited, by id.
    pub source: String,
    /// The sentence or passage, quoted as printed.
    pub quote: String,
    /// The actor the source attributes the statement to ("according to
    /// TASS", "Assad claimed"), by id; absent when the source says it itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<String>,
}

/// How firmly a relation is established, from fact to intention.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Status {
    /// Stated as fact by the source.
    #[default]
    Reported,
    /// Confirmed by the parties or by independent sources.
    Confirmed,
    /// Asserted by a party with a stake in it, not verified.
    Claimed,
    /// An accusation made against an actor.
    Alleged,
    /// Contested between sources.
    Disputed,
    /// Denied by a party to it.
    Denied,
    /// Announced or intended, not yet happened.
    Planned,
}

impl Status {
    /// Every status, in display order.
    pub const ALL: [Status; 7] = [
        Status::Reported,
        Status::Confirmed,
        Status::Claimed,
        Status::Alleged,
        Status::Disputed,
        Status::Denied,
        Status::Planned,
    ];

    fn is_default(&self) -> bool {
        *self == Status::default()
    }

    /// The status as the file spells it.
    pub fn name(self) -> &'static str {
        match self {
            Status::Reported => "Reported",
            Status::Confirmed => "Confirmed",
            Status::Claimed => "Claimed",
            Status::Alleged => "Alleged",
            Status::Disputed => "Disputed",
            Status::Denied => "Denied",
            Status::Planned => "Planned",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a relation sits on a seven-step conflict–cooperation scale, a
/// coarse reading of the Goldstein scale used in event data (−10..+10):
/// named steps are easier to write by hand and to filter on.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Stance {
    /// −3: force used: strikes, killings, expulsion by force.
    Violent,
    /// −2: hostile acts short of force: threats, ousting, sanctions.
    Hostile,
    /// −1: words against: criticism, condemnation, accusation.
    Critical,
    /// 0: neither, or mixed.
    #[default]
    Neutral,
    /// +1: words for: praise, thanks, stated support.
    Supportive,
    /// +2: working together: talks, visits, agreements.
    Cooperative,
    /// +3: material or military backing, alliance.
    Allied,
}

impl Stance {
    /// Every stance, from conflict to cooperation.
    pub const ALL: [Stance; 7] = [
        Stance::Violent,
        Stance::Hostile,
        Stance::Critical,
        Stance::Neutral,
        Stance::Supportive,
        Stance::Cooperative,
        Stance::Allied,
    ];

    fn is_default(&self) -> bool {
        *self == Stance::default()
    }

    /// The step on the −3..+3 scale, for sums and balances.
    pub fn score(self) -> i8 {
        match self {
            Stance::Violent => -3,
            Stance::Hostile => -2,
            Stance::Critical => -1,
            Stance::Neutral => 0,
            Stance::Supportive => 1,
            Stance::Cooperative => 2,
            Stance::Allied => 3,
        }
    }

    /// The name with its score, as shown to people: `Cooperative (+2)`.
    pub fn with_score(self) -> String {
        match self.score() {
            0 => format!("{} (0)", self.name()),
            score => format!("{} ({score:+})", self.name()),
        }
    }

    /// The stance as the file spells it.
    pub fn name(self) -> &'static str {
        match self {
            Stance::Violent => "Violent",
            Stance::Hostile => "Hostile",
            Stance::Critical => "Critical",
            Stance::Neutral => "Neutral",
            Stance::Supportive => "Supportive",
            Stance::Cooperative => "Cooperative",
            Stance::Allied => "Allied",
        }
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
