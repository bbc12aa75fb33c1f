//! Relations kept as rows of small numbers rather than as `Relation`
//! records: the kind, label and evidence are interned, the ends are the
//! edge's own node indices, and evidence and attributes sit in shared
//! tables. A million relations fit in tens of megabytes this way, and a
//! hub's relations are read without chasing a heap block per field.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use super::strings::{Strings, Sym};
use super::{EdgeIndex, KnowledgeGraph};
use crate::model::{Evidence, PartialDate, Relation, Stance, Status, When};

/// One relation's own fields; the ends are in petgraph's edge.
#[derive(Clone, Copy, Debug)]
pub(super) struct RelationRow {
    pub kind: Sym,
    pub label: Option<Sym>,
    pub date: PackedWhen,
    /// Where this relation's evidence starts in the evidence table; it
    /// ends where the next relation's starts.
    pub evidence: u32,
    pub status: Status,
    pub stance: Stance,
    pub directed: bool,
}

/// A relation's date in eight bytes instead of fourteen: which sort of
/// span (or none) in the top bits of the first word, each end's year,
/// month and day in the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct PackedWhen([u32; 2]);

impl PackedWhen {
    const NONE: u32 = 0;
    const ON: u32 = 1;
    const SINCE: u32 = 2;
    const UNTIL: u32 = 3;
    const BETWEEN: u32 = 4;
    const TAG_SHIFT: u32 = 29;

    pub fn pack(when: Option<When>) -> Self {
        let (tag, first, second) = match when {
            None => (Self::NONE, 0, 0),
            Some(When::On(date)) => (Self::ON, pack_date(date), 0),
            Some(When::Since(date)) => (Self::SINCE, pack_date(date), 0),
            Some(When::Until(date)) => (Self::UNTIL, pack_date(date), 0),
            Some(When::Between(from, to)) => (Self::BETWEEN, pack_date(from), pack_date(to)),
        };
        PackedWhen([tag << Self::TAG_SHIFT | first, second])
    }

    pub fn unpack(self) -> Option<When> {
        let [first, second] = self.0;
        let date = unpack_date(first & ((1 << Self::TAG_SHIFT) - 1));
        Some(match first >> Self::TAG_SHIFT {
            Self::ON => When::On(date),
            Self::SINCE => When::Since(date),
            Self::UNTIL => When::Until(date),
            Self::BETWEEN => When::Between(date, unpack_date(second)),
            _ => return None,
        })
    }
}

/// Year in bits 9–24, month (0 for none) in 5–8, day (0 for none) in 0–4.
fn pack_date(date: PartialDate) -> u32 {
    u32::from(date.year) << 9
        | u32::from(date.month.unwrap_or(0)) << 5
        | u32::from(date.day.unwrap_or(0))
}

fn unpack_date(bits: u32) -> PartialDate {
    let nonzero = |value: u32| u8::try_from(value).ok().filter(|&v| v != 0);
    PartialDate {
        year: u16::try_from(bits >> 9).unwrap_or(u16::MAX),
        month: nonzero(bits >> 5 & 0xf),
        day: nonzero(bits & 0x1f),
    }
}

/// One passage of evidence, interned.
#[derive(Clone, Copy, Debug)]
pub(super) struct EvidenceRow {
    pub source: Sym,
    pub quote: Sym,
    pub attributed_to: Option<Sym>,
}

/// Every relation's fields, indexed by edge index.
#[derive(Clone, Debug, Default)]
pub(super) struct RelationTable {
    pub rows: Vec<RelationRow>,
    pub evidence: Vec<EvidenceRow>,
    pub attributes: Vec<(Sym, Sym)>,
    /// The relations that have attributes, in edge order, each with where
    /// its attributes start in `attributes`. Few relations have any: a
    /// place in every row would cost four bytes a relation.
    pub attribute_starts: Vec<(u32, u32)>,
    /// Quotes, apart from the interned strings: they are long and rarely
    /// repeat, and mixed in they would spread the short, often-looked-up
    /// ids over a hundred megabytes.
    pub quotes: Strings,
}

impl RelationTable {
    fn evidence_range(&self, index: usize) -> Range<usize> {
        let start = self.rows[index].evidence as usize;
        let end = self
            .rows
            .get(index + 1)
            .map_or(self.evidence.len(), |next| next.evidence as usize);
        start..end
    }

    fn attribute_range(&self, index: usize) -> Range<usize> {
        let starts = &self.attribute_starts;
        let Ok(at) = starts.binary_search_by_key(&index, |&(edge, _)| edge as usize) else {
            return 0..0;
        };
        let end = starts
            .get(at + 1)
            .map_or(self.attributes.len(), |&(_, next)| next as usize);
        starts[at].1 as usize..end
    }

    pub fn heap_bytes(&self) -> usize {
        self.rows.capacity() * size_of::<RelationRow>()
            + self.evidence.capacity() * size_of::<EvidenceRow>()
            + self.attributes.capacity() * size_of::<(Sym, Sym)>()
            + self.attribute_starts.capacity() * size_of::<(u32, u32)>()
            + self.quotes.heap_bytes()
    }

    pub fn shrink_to_fit(&mut self) {
        self.rows.shrink_to_fit();
        self.evidence.shrink_to_fit();
        self.attributes.shrink_to_fit();
        self.attribute_starts.shrink_to_fit();
        self.quotes.shrink_to_fit();
    }
}

/// A relation of a [`KnowledgeGraph`], read in place: the same questions a
/// `Relation` answers, without a copy.
#[derive(Clone, Copy)]
pub struct RelationRef<'g> {
    graph: &'g KnowledgeGraph,
    edge: EdgeIndex,
    row: &'g RelationRow,
}

impl std::fmt::Debug for RelationRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RelationRef")
            .field("edge", &self.edge.index())
            .field("kind", &self.kind())
            .finish()
    }
}

impl<'g> RelationRef<'g> {
    pub(super) fn new(graph: &'g KnowledgeGraph, edge: EdgeIndex) -> Self {
        RelationRef {
            graph,
            edge,
            row: &graph.relations.rows[edge.index()],
        }
    }

    fn strings(&self) -> &'g Strings {
        &self.graph.strings
    }

    /// Its index in the graph (and its place in the file).
    pub fn index(&self) -> EdgeIndex {
        self.edge
    }

    /// The id of the actor who acts.
    pub fn from_id(&self) -> &'g str {
        &self.graph.actor(self.graph.ends(self.edge).0).id
    }

    /// The id of the actor acted upon.
    pub fn to_id(&self) -> &'g str {
        &self.graph.actor(self.graph.ends(self.edge).1).id
    }

    /// What happened, as the file spells it (`hosted`).
    pub fn kind(&self) -> &'g str {
        self.strings().resolve(self.row.kind)
    }

    /// The human phrasing, when the file gives one.
    pub fn label(&self) -> Option<&'g str> {
        self.row.label.map(|sym| self.strings().resolve(sym))
    }

    /// False for symmetric relations, which read both ways.
    pub fn directed(&self) -> bool {
        self.row.directed
    }

    /// When it happened or held.
    pub fn date(&self) -> Option<When> {
        self.row.date.unpack()
    }

    /// How firmly it is established.
    pub fn status(&self) -> Status {
        self.row.status
    }

    /// Where it sits between conflict and cooperation.
    pub fn stance(&self) -> Stance {
        self.row.stance
    }

    /// The passages that state it.
    pub fn evidence(&self) -> EvidenceList<'g> {
        let table = &self.graph.relations;
        EvidenceList {
            graph: self.graph,
            rows: &table.evidence[table.evidence_range(self.edge.index())],
        }
    }

    /// Other facts about it as key–value text, in key order.
    pub fn attributes(&self) -> impl ExactSizeIterator<Item = (&'g str, &'g str)> + 'g {
        let table = &self.graph.relations;
        let strings = self.strings();
        table.attributes[table.attribute_range(self.edge.index())]
            .iter()
            .map(move |&(key, value)| (strings.resolve(key), strings.resolve(value)))
    }

    /// The arrow between its actors: one way, or both for symmetric ones.
    pub fn arrow(&self) -> &'static str {
        if self.row.directed { "→" } else { "↔" }
    }

    /// The label if there is one, else the kind with spaces: what a person
    /// reads on the edge.
    pub fn phrase(&self) -> Cow<'g, str> {
        match self.label() {
            Some(label) => Cow::Borrowed(label),
            None => Cow::Owned(self.kind().replace('_', " ")),
        }
    }

    /// The relation in the file's form, for export.
    pub fn to_relation(&self) -> Relation {
        Relation {
            from: self.from_id().to_owned(),
            to: self.to_id().to_owned(),
            kind: self.kind().to_owned(),
            label: self.label().map(str::to_owned),
            directed: self.directed(),
            date: self.date(),
            status: self.status(),
            stance: self.stance(),
            evidence: self.evidence().iter().map(|e| e.to_evidence()).collect(),
            attributes: self
                .attributes()
                .map(|(key, value)| (key.to_owned(), value.to_owned()))
                .collect::<BTreeMap<_, _>>(),
        }
    }
}

/// The evidence of one relation.
#[derive(Clone, Copy)]
pub struct EvidenceList<'g> {
    graph: &'g KnowledgeGraph,
    rows: &'g [EvidenceRow],
}

impl<'g> EvidenceList<'g> {
    /// How many passages there are.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the relation cites nothing.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The passage at `index`, in file order.
    pub fn get(&self, index: usize) -> Option<EvidenceRef<'g>> {
        let graph = self.graph;
        self.rows.get(index).map(|row| EvidenceRef { graph, row })
    }

    /// The first passage: the one lists show.
    pub fn first(&self) -> Option<EvidenceRef<'g>> {
        self.get(0)
    }

    /// Every passage, in file order.
    pub fn iter(
        &self,
    ) -> impl ExactSizeIterator<Item = EvidenceRef<'g>> + DoubleEndedIterator + use<'g> {
        let graph = self.graph;
        self.rows.iter().map(move |row| EvidenceRef { graph, row })
    }
}

/// One passage of evidence, read in place.
#[derive(Clone, Copy)]
pub struct EvidenceRef<'g> {
    graph: &'g KnowledgeGraph,
    row: &'g EvidenceRow,
}

impl<'g> EvidenceRef<'g> {
    /// The source cited, by id.
    pub fn source(&self) -> &'g str {
        self.graph.strings.resolve(self.row.source)
    }

    /// The passage, quoted as printed.
    pub fn quote(&self) -> &'g str {
        self.graph.relations.quotes.resolve(self.row.quote)
    }

    /// Whose claim it is, by actor id; absent when the source says it.
    pub fn attributed_to(&self) -> Option<&'g str> {
        self.row
            .attributed_to
            .map(|sym| self.graph.strings.resolve(sym))
    }

    /// The passage in the file's form.
    pub fn to_evidence(&self) -> Evidence {
        Evidence {
            source: self.source().to_owned(),
            quote: self.quote().to_owned(),
            attributed_to: self.attributed_to().map(str::to_owned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_of_date_packs_and_unpacks_unchanged() {
        let dates = ["0001", "2024", "2024-12", "2024-02-29", "9999-12-31"];
        let mut whens = vec![None];
        for a in dates {
            let a: PartialDate = a.parse().expect("date");
            whens.extend([When::On(a), When::Since(a), When::Until(a)].map(Some));
            for b in dates {
                whens.push(Some(When::Between(a, b.parse().expect("date"))));
            }
        }
        for when in whens {
            assert_eq!(PackedWhen::pack(when).unpack(), when);
        }
        assert_eq!(size_of::<RelationRow>(), 24);
        assert_eq!(size_of::<EvidenceRow>(), 12);
    }
}
