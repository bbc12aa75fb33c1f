use serde::{Deserialize, Serialize};

use super::When;

/// A document that evidence can cite: an article, a report, a statement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable slug that evidence refers to (`source: "article"`).
    pub id: String,
    /// Headline or title of the document.
    pub title: String,
    /// Who published it (a newspaper, an agency, a ministry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// When it was published, as precisely as known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<When>,
    /// Where to read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How far the source is trusted, on the Admiralty scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<Reliability>,
    /// A file holding the source's text, relative to the data file, so
    /// `kgx lint` can check that quotes are verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_file: Option<String>,
    /// The source's text written inline, for short statements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// True for reference works (an encyclopedia, Wikidata) cited for
    /// background facts the story itself does not state, such as office
    /// terms; `kgx lint` accepts dates cited to them without a quote.
    #[serde(default, skip_serializing_if = "is_false")]
    pub background: bool,
}

impl Source {
    /// A source known only by its id, which is also its title: what a
    /// format with no room for sources (an edge list, node-link JSON)
    /// declares for the ids its evidence cites.
    pub fn named(id: String) -> Source {
        Source {
            title: id.clone(),
            id,
            publisher: None,
            date: None,
            url: None,
            reliability: None,
            text_file: None,
            text: None,
            background: false,
        }
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// Source reliability on the Admiralty (NATO) scale, A to F, which analysts
/// already use; the letter is kept so it can be shown compactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Reliability {
    /// A: no doubt about authenticity, trustworthiness or competence.
    CompletelyReliable,
    /// B: minor doubts; a history of valid information.
    UsuallyReliable,
    /// C: doubts, but has provided valid information before.
    FairlyReliable,
    /// D: significant doubts.
    NotUsuallyReliable,
    /// E: a history of invalid information.
    Unreliable,
    /// F: no basis for judging.
    CannotBeJudged,
}

impl Reliability {
    /// Every grade, A to F.
    pub const ALL: [Reliability; 6] = [
        Reliability::CompletelyReliable,
        Reliability::UsuallyReliable,
        Reliability::FairlyReliable,
        Reliability::NotUsuallyReliable,
        Reliability::Unreliable,
        Reliability::CannotBeJudged,
    ];

    /// The Admiralty letter, A (best) to F (unknown).
    pub fn letter(self) -> char {
        match self {
            Reliability::CompletelyReliable => 'A',
            Reliability::UsuallyReliable => 'B',
            Reliability::FairlyReliable => 'C',
            Reliability::NotUsuallyReliable => 'D',
            Reliability::Unreliable => 'E',
            Reliability::CannotBeJudged => 'F',
        }
    }

    /// The grade in words, for cards and `--help`-like listings.
    pub fn describe(self) -> &'static str {
        match self {
            Reliability::CompletelyReliable => "completely reliable",
            Reliability::UsuallyReliable => "usually reliable",
            Reliability::FairlyReliable => "fairly reliable",
            Reliability::NotUsuallyReliable => "not usually reliable",
            Reliability::Unreliable => "unreliable",
            Reliability::CannotBeJudged => "reliability cannot be judged",
        }
    }
}
