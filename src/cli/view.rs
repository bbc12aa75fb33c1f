//! The explorer's view options on the command line: "as of" a date and the
//! filters of the explorer's filter menu, by the same names (`kind`,
//! `relation`, `status`, `stance`), for commands that write what a view
//! shows.

use std::io::{self, Write};

use clap::Args;
use clap::builder::PossibleValuesParser;

use super::{Output, as_of_scope, resolve};
use crate::export::Shown;
use crate::graph::{KnowledgeGraph, NodeIndex, Scope};
use crate::model::{PartialDate, Stance, Status};

/// What part of the graph a view shows.
#[derive(Clone, Debug, Default, Args)]
pub(super) struct ViewArgs {
    /// Only what had begun by this date (e.g. 2024-12), as the explorer's "as of" shows it
    #[arg(long, value_name = "DATE")]
    as_of: Option<PartialDate>,
    /// Only actors of these kinds (comma-separated, e.g. person,state)
    #[arg(long = "kind", value_name = "KIND,…", value_delimiter = ',')]
    kinds: Vec<String>,
    /// Only relations of these kinds (comma-separated, e.g. hosted,met_with)
    #[arg(long = "relation", value_name = "KIND,…", value_delimiter = ',')]
    relations: Vec<String>,
    /// Only relations with these statuses (reported, confirmed, claimed, alleged, disputed, denied, planned)
    #[arg(long = "status", value_name = "STATUS,…", value_delimiter = ',', ignore_case = true,
          value_parser = PossibleValuesParser::new(Status::ALL.map(Status::name)), hide_possible_values = true)]
    statuses: Vec<String>,
    /// Only relations with these stances (allied, cooperative, supportive, neutral, critical, hostile, violent)
    #[arg(long = "stance", value_name = "STANCE,…", value_delimiter = ',', ignore_case = true,
          value_parser = PossibleValuesParser::new(Stance::ALL.map(Stance::name)), hide_possible_values = true)]
    stances: Vec<String>,
}

impl ViewArgs {
    /// True when no option narrows the view: the whole graph is shown.
    pub(super) fn is_whole(&self) -> bool {
        self.as_of.is_none()
            && self.kinds.is_empty()
            && self.relations.is_empty()
            && self.statuses.is_empty()
            && self.stances.is_empty()
    }

    /// What the view shows of `graph`: the neighbourhood of `around`
    /// `depth` steps out as the graph view draws it, or else what the
    /// lists show. `None` (with the reason on standard error) when a kind
    /// or the actor is not in the graph.
    pub(super) fn shown(
        &self,
        graph: &KnowledgeGraph,
        around: Option<&str>,
        depth: usize,
        out: &mut Output<'_>,
    ) -> io::Result<Option<Shown>> {
        let Some(scope) = self.scope(graph, out)? else {
            return Ok(None);
        };
        let focus = match around {
            Some(name) => match resolve(graph, name, out)? {
                Some(node) => Some(node),
                None => return Ok(None),
            },
            None => None,
        };
        Ok(Some(self.shown_from(graph, focus, depth, &scope)))
    }

    /// [`ViewArgs::shown`] around a known actor.
    pub(super) fn shown_around(
        &self,
        graph: &KnowledgeGraph,
        focus: NodeIndex,
        out: &mut Output<'_>,
    ) -> io::Result<Option<Shown>> {
        Ok(self
            .scope(graph, out)?
            .map(|scope| self.shown_from(graph, Some(focus), 1, &scope)))
    }

    fn shown_from(
        &self,
        graph: &KnowledgeGraph,
        focus: Option<NodeIndex>,
        depth: usize,
        scope: &Scope,
    ) -> Shown {
        match focus {
            Some(node) => Shown::around(graph, node, depth, scope),
            // As in the explorer, a relation filter leaves out the actors it
            // leaves without a relation.
            None => Shown::in_scope(graph, scope, self.relation_filtered()),
        }
    }

    fn relation_filtered(&self) -> bool {
        !(self.relations.is_empty() && self.statuses.is_empty() && self.stances.is_empty())
    }

    /// The scope of the options on `graph`, or `None` when a kind named
    /// is not in it.
    fn scope(&self, graph: &KnowledgeGraph, out: &mut Output<'_>) -> io::Result<Option<Scope>> {
        let mut scope = as_of_scope(graph, self.as_of);
        if !self.kinds.is_empty() {
            let known: std::collections::BTreeSet<&str> =
                graph.actors().map(|(_, actor)| actor.kind.name()).collect();
            let Some(kinds) = known_names(&self.kinds, &known, "actor kind", out)? else {
                return Ok(None);
            };
            let kept = graph.actors().map(|(node, actor)| {
                scope.shows_actor(node)
                    && kinds
                        .iter()
                        .any(|kind| kind.eq_ignore_ascii_case(actor.kind.name()))
            });
            scope.shown = Some(kept.collect());
        }
        let Some(relations) = relation_kinds(graph, &self.relations, out)? else {
            return Ok(None);
        };
        scope.filter.kinds = relations.into_iter().map(str::to_owned).collect();
        scope.filter.statuses = Status::ALL
            .into_iter()
            .filter(|status| named(&self.statuses, status.name()))
            .collect();
        scope.filter.stances = Stance::ALL
            .into_iter()
            .filter(|stance| named(&self.stances, stance.name()))
            .collect();
        Ok(Some(scope))
    }
}

fn named(names: &[String], name: &str) -> bool {
    names.iter().any(|given| given.eq_ignore_ascii_case(name))
}

/// The `given` names as `known` spells them, or `None` after saying on
/// standard error which one is not known (and what it may have meant).
fn known_names<'k>(
    given: &[String],
    known: &std::collections::BTreeSet<&'k str>,
    what: &str,
    out: &mut Output<'_>,
) -> io::Result<Option<Vec<&'k str>>> {
    let mut found = Vec::new();
    for name in given {
        match known.iter().find(|known| known.eq_ignore_ascii_case(name)) {
            Some(known) => found.push(*known),
            None => {
                let hint = crate::suggest::did_you_mean(name, known.iter().copied()).map_or_else(
                    || "; `kgx stats` lists the kinds".to_owned(),
                    |h| format!(" — {h}"),
                );
                writeln!(out.err, "error: no {what} \"{name}\"{hint}")?;
                return Ok(None);
            }
        }
    }
    Ok(Some(found))
}

/// The relation kinds `given` as `graph` spells them, or `None` after
/// saying on standard error which one it has not.
pub(super) fn relation_kinds<'g>(
    graph: &'g KnowledgeGraph,
    given: &[String],
    out: &mut Output<'_>,
) -> io::Result<Option<Vec<&'g str>>> {
    if given.is_empty() {
        return Ok(Some(Vec::new()));
    }
    let known = graph
        .relations()
        .map(|(_, relation)| relation.kind())
        .collect();
    known_names(given, &known, "relation kind", out)
}
