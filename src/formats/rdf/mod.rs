//! RDF files: N-Triples, N-Quads, Turtle and TriG in, Turtle and
//! N-Triples out, through Oxigraph's parsers and serializers.
//!
//! [`read`] parses ([`read`](self::read) module), maps the triples onto
//! actors and relations ([`mapping`]) and validates the result like any
//! other format; [`write`](self::write) writes a data set with kgx's own
//! vocabulary ([`vocab`]) so it reads back the same. [`prefixes`] holds
//! the short names that make IRIs readable on screen.

mod mapping;
pub(crate) mod prefixes;
mod read;
pub(crate) mod vocab;
mod wikidata;
mod write;

pub use read::Syntax;
pub use write::{ntriples, turtle};

use std::sync::Arc;

use crate::load::{LoadError, Problem};
use crate::model::Dataset;

/// How triples map onto actors and relations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Profile {
    /// Any RDF: the mapping in docs/format.md, "RDF".
    #[default]
    Generic,
    /// Wikidata's statement model: qualifiers as dates, references as
    /// evidence, ranks as status ([`wikidata`]).
    Wikidata,
}

/// Reads RDF `text` in `syntax` into a validated data set, taking names in
/// the language `lang` (a tag such as `de` or `en-GB`) where there is one,
/// and mapping it by `profile`.
pub fn read(
    name: &str,
    text: &str,
    syntax: Syntax,
    lang: Option<&str>,
    profile: Profile,
) -> Result<Dataset, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut collector = mapping::Collector::for_text(text.len());
    // What the Wikidata profile leaves out, said once the graph is read.
    let mut left_out = None;
    let parsed = match profile {
        Profile::Generic => read::parse(text, syntax, |triple| collector.add(triple)),
        Profile::Wikidata => {
            let mut triples = Vec::new();
            let parsed = read::parse(text, syntax, |triple| triples.push(triple));
            let translated = wikidata::translate(triples, lang);
            left_out = translated.warning();
            for triple in translated.triples {
                collector.add(triple);
            }
            parsed
        }
    };
    match parsed {
        Ok(parsed) => {
            let dataset = collector.finish(name, text, parsed.prefixes, lang)?;
            for warning in [parsed.merged.warning(), left_out].into_iter().flatten() {
                crate::load::warnings::warn(name, text, Problem::whole_file(warning));
            }
            Ok(dataset)
        }
        Err(problems) => Err(LoadError {
            name: name.to_owned(),
            text: Arc::from(text),
            problems,
        }),
    }
}
