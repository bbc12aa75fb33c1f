//! Building a graph one record at a time, as a reader meets them, so a
//! file's records never all sit in memory beside the graph they become.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};
use petgraph::graph::DiGraph;

use super::relations::{EvidenceRow, PackedWhen, RelationRow, RelationTable};
use super::strings::{Strings, Sym};
use super::{KnowledgeGraph, NameIndex, NodeIndex, UnknownActor};
use crate::model::{Actor, Dataset, Relation, Source, Stance, Status, When};

/// A relation's own fields as a reader hands them over; its evidence and
/// attributes follow with [`GraphBuilder::add_evidence`] and
/// [`GraphBuilder::add_attribute`].
#[derive(Clone, Copy, Debug)]
pub struct NewRelation<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub kind: &'a str,
    pub label: Option<&'a str>,
    pub directed: bool,
    pub date: Option<When>,
    pub status: Status,
    pub stance: Stance,
}

/// A graph under construction. Relations may name actors that come later
/// in the file: ends are kept as interned ids and resolved at the end.
#[derive(Debug, Default)]
pub struct GraphBuilder {
    title: String,
    description: Option<String>,
    sources: Vec<Source>,
    actors: Vec<Actor>,
    strings: Strings,
    relations: RelationTable,
    ends: Vec<(Sym, Sym)>,
}

/// What the relations refer to, each distinct string once: the loader
/// checks these instead of every relation.
#[derive(Debug, Default)]
pub struct References<'a> {
    /// Actor ids used as ends or as `attributed_to` that no actor has.
    pub unknown_actors: Vec<&'a str>,
    /// Source ids cited that no source has.
    pub unknown_sources: Vec<&'a str>,
    /// Every relation kind used.
    pub kinds: Vec<&'a str>,
    /// Whether some quote is empty or only white space.
    pub blank_quote: bool,
}

impl GraphBuilder {
    /// An empty graph, to be filled in file order.
    pub fn new() -> Self {
        GraphBuilder::default()
    }

    /// Sets the graph's title.
    pub fn set_title(&mut self, title: String) {
        self.title = title;
    }

    /// Sets what the graph covers.
    pub fn set_description(&mut self, description: Option<String>) {
        self.description = description;
    }

    /// Adds a source to the registry.
    pub fn add_source(&mut self, source: Source) {
        self.sources.push(source);
    }

    /// Adds an actor; it becomes node number [`actor_count`](Self::actor_count) − 1.
    pub fn add_actor(&mut self, actor: Actor) {
        self.actors.push(actor);
    }

    /// Adds a relation; it becomes edge number [`relation_count`](Self::relation_count) − 1.
    pub fn add_relation(&mut self, relation: NewRelation<'_>) {
        let strings = &mut self.strings;
        self.ends
            .push((strings.intern(relation.from), strings.intern(relation.to)));
        self.relations.rows.push(RelationRow {
            kind: strings.intern(relation.kind),
            label: relation.label.map(|label| strings.intern(label)),
            date: PackedWhen::pack(relation.date),
            evidence: table_index(self.relations.evidence.len()),
            status: relation.status,
            stance: relation.stance,
            directed: relation.directed,
        });
    }

    /// Adds a passage of evidence to the last relation added.
    pub fn add_evidence(&mut self, source: &str, quote: &str, attributed_to: Option<&str>) {
        let strings = &mut self.strings;
        let quotes = &mut self.relations.quotes;
        // Quotes are mostly distinct; one sentence stating several
        // relations in a row is kept once.
        let quote = match self.relations.evidence.last() {
            Some(last) if quotes.resolve(last.quote) == quote => last.quote,
            _ => quotes.push(quote),
        };
        self.relations.evidence.push(EvidenceRow {
            source: strings.intern(source),
            quote,
            attributed_to: attributed_to.map(|who| strings.intern(who)),
        });
    }

    /// Adds an attribute to the last relation added.
    pub fn add_attribute(&mut self, key: &str, value: &str) {
        let pair = (self.strings.intern(key), self.strings.intern(value));
        let relations = &mut self.relations;
        let Some(last) = relations.rows.len().checked_sub(1) else {
            return;
        };
        let edge = table_index(last);
        if relations.attribute_starts.last().map(|&(e, _)| e) != Some(edge) {
            let start = table_index(relations.attributes.len());
            relations.attribute_starts.push((edge, start));
        }
        relations.attributes.push(pair);
    }

    /// Adds a relation in the file's form, with its evidence and attributes.
    pub fn add_record(&mut self, relation: &Relation) {
        self.add_relation(NewRelation {
            from: &relation.from,
            to: &relation.to,
            kind: &relation.kind,
            label: relation.label.as_deref(),
            directed: relation.directed,
            date: relation.date,
            status: relation.status,
            stance: relation.stance,
        });
        for evidence in &relation.evidence {
            self.add_evidence(
                &evidence.source,
                &evidence.quote,
                evidence.attributed_to.as_deref(),
            );
        }
        for (key, value) in &relation.attributes {
            self.add_attribute(key, value);
        }
    }

    /// Adds the relations another builder read, after this one's, as if
    /// they had been added here: lets two threads read the two halves of
    /// a relation list. `other`'s title, sources and actors are left out.
    pub fn append_relations(&mut self, other: GraphBuilder) {
        let GraphBuilder {
            strings: other_strings,
            relations: other_relations,
            ends: other_ends,
            ..
        } = other;
        let RelationTable {
            rows: other_rows,
            evidence: other_evidence,
            attributes: other_attributes,
            attribute_starts: other_attribute_starts,
            quotes: other_quotes,
        } = other_relations;
        let mut remapped: Vec<Option<Sym>> = vec![None; other_strings.len()];
        let strings = &mut self.strings;
        let mut sym = |old: Sym| {
            *remapped[old.index()].get_or_insert_with(|| strings.intern(other_strings.resolve(old)))
        };
        // Each column of the other half is freed as soon as it is copied,
        // and each of ours grows once to its final size: the two halves
        // are never both whole beside the whole.
        self.ends.reserve_exact(other_ends.len());
        self.ends.extend(
            other_ends
                .into_iter()
                .map(|(from, to)| (sym(from), sym(to))),
        );
        let evidence_base = table_index(self.relations.evidence.len());
        let attribute_base = table_index(self.relations.attributes.len());
        let edge_base = table_index(self.relations.rows.len());
        self.relations.attribute_starts.extend(
            other_attribute_starts
                .into_iter()
                .map(|(edge, start)| (edge_base + edge, attribute_base + start)),
        );
        self.relations.rows.reserve_exact(other_rows.len());
        self.relations
            .rows
            .extend(other_rows.into_iter().map(|row| RelationRow {
                kind: sym(row.kind),
                label: row.label.map(&mut sym),
                evidence: evidence_base + row.evidence,
                ..row
            }));
        self.relations
            .attributes
            .reserve_exact(other_attributes.len());
        self.relations.attributes.extend(
            other_attributes
                .into_iter()
                .map(|(key, value)| (sym(key), sym(value))),
        );
        let quotes = &mut self.relations.quotes;
        quotes.reserve_exact(&other_quotes);
        self.relations.evidence.reserve_exact(other_evidence.len());
        let mut last_quote: Option<(Sym, Sym)> = None;
        for row in other_evidence {
            // A quote kept once for several relations in a row stays so.
            let quote = match last_quote {
                Some((old, new)) if old == row.quote => new,
                _ => quotes.push(other_quotes.resolve(row.quote)),
            };
            last_quote = Some((row.quote, quote));
            self.relations.evidence.push(EvidenceRow {
                source: sym(row.source),
                quote,
                attributed_to: row.attributed_to.map(&mut sym),
            });
        }
    }

    /// The title so far.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The sources so far.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The actors so far.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// How many actors have been added.
    pub fn actor_count(&self) -> usize {
        self.actors.len()
    }

    /// How many relations have been added.
    pub fn relation_count(&self) -> usize {
        self.relations.rows.len()
    }

    /// Each distinct reference the relations make, for checking.
    pub fn references(&self) -> References<'_> {
        const ACTOR: u8 = 1;
        const SOURCE: u8 = 2;
        const USED_AS_ACTOR: u8 = 4;
        const USED_AS_SOURCE: u8 = 8;
        const KIND: u8 = 16;
        let mut flags = vec![0u8; self.strings.len()];
        let mark = |flags: &mut [u8], text: &str, flag: u8| {
            if let Some(sym) = self.strings.get(text) {
                flags[sym.index()] |= flag;
            }
        };
        for actor in &self.actors {
            mark(&mut flags, &actor.id, ACTOR);
        }
        for source in &self.sources {
            mark(&mut flags, &source.id, SOURCE);
        }
        for &(from, to) in &self.ends {
            flags[from.index()] |= USED_AS_ACTOR;
            flags[to.index()] |= USED_AS_ACTOR;
        }
        for row in &self.relations.rows {
            flags[row.kind.index()] |= KIND;
        }
        for evidence in &self.relations.evidence {
            flags[evidence.source.index()] |= USED_AS_SOURCE;
            if let Some(who) = evidence.attributed_to {
                flags[who.index()] |= USED_AS_ACTOR;
            }
        }
        let quotes = &self.relations.quotes;
        let mut references = References {
            blank_quote: self
                .relations
                .evidence
                .iter()
                .any(|evidence| quotes.resolve(evidence.quote).trim().is_empty()),
            ..References::default()
        };
        for (index, &flag) in flags.iter().enumerate() {
            let text = || self.strings.resolve(Sym::from_index(index));
            if flag & USED_AS_ACTOR != 0 && flag & ACTOR == 0 {
                references.unknown_actors.push(text());
            }
            if flag & USED_AS_SOURCE != 0 && flag & SOURCE == 0 {
                references.unknown_sources.push(text());
            }
            if flag & KIND != 0 {
                references.kinds.push(text());
            }
        }
        references
    }

    /// The finished graph. Every relation's ends must name actors, which
    /// the loaders check first with their places in the file.
    pub fn finish(self) -> Result<KnowledgeGraph, UnknownActor> {
        let GraphBuilder {
            title,
            description,
            sources,
            actors,
            mut strings,
            mut relations,
            ends,
        } = self;
        let hasher = DefaultHashBuilder::default();
        let mut node_of_sym: Vec<u32> = vec![u32::MAX; strings.len()];
        let mut by_id: HashTable<NodeIndex> = HashTable::with_capacity(actors.len());
        let mut by_name = NameIndex::default();
        let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(actors.len(), relations.rows.len());
        for actor in &actors {
            let node = graph.add_node(());
            let id = actor.id.as_str();
            let hash = hasher.hash_one(id);
            if by_id
                .find(hash, |&other| actors[other.index()].id == id)
                .is_none()
            {
                by_id.insert_unique(hash, node, |&other| {
                    hasher.hash_one(actors[other.index()].id.as_str())
                });
                if let Some(sym) = strings.get(id) {
                    node_of_sym[sym.index()] = node.index() as u32;
                }
            }
            by_name.insert_actor(&hasher, &actors, node);
        }
        let mut degrees = vec![[0u32; 3]; graph.node_count()];
        for (&(from, to), row) in ends.iter().zip(&relations.rows) {
            let node = |sym: Sym| match node_of_sym[sym.index()] {
                u32::MAX => Err(UnknownActor(strings.resolve(sym).to_owned())),
                node => Ok(NodeIndex::new(node as usize)),
            };
            let (from, to) = (node(from)?, node(to)?);
            if row.directed {
                degrees[from.index()][OUTGOING] += 1;
                degrees[to.index()][INCOMING] += 1;
            } else {
                degrees[from.index()][MUTUAL] += 1;
                if to != from {
                    degrees[to.index()][MUTUAL] += 1;
                }
            }
            graph.add_edge(from, to, ());
        }
        drop(ends);
        strings.shrink_to_fit();
        relations.shrink_to_fit();
        by_name.shrink_to_fit(&hasher, &actors);
        Ok(KnowledgeGraph {
            title,
            description,
            sources,
            graph,
            actors,
            strings,
            relations,
            by_id,
            by_name,
            degrees,
            hasher,
            texts: std::sync::OnceLock::new(),
        })
    }
}

/// A place in an evidence or attribute table, which holds fewer entries
/// than there are bytes in any file kgx can read.
fn table_index(len: usize) -> u32 {
    u32::try_from(len).expect("fewer than 2^32 relations, evidence passages and attributes")
}

impl From<Dataset> for GraphBuilder {
    fn from(dataset: Dataset) -> Self {
        let mut builder = GraphBuilder::new();
        builder.set_title(dataset.title);
        builder.set_description(dataset.description);
        builder.sources = dataset.sources;
        builder.actors = dataset.actors;
        // Each record is dropped once interned, so its strings are freed
        // while the rest are read rather than all at the end.
        for relation in dataset.relations {
            builder.add_record(&relation);
        }
        builder
    }
}

/// Where each count sits in an actor's entry of the degree column.
const OUTGOING: usize = 0;
const INCOMING: usize = 1;
const MUTUAL: usize = 2;
