//! Checks of the graph's shape and names: self-relations, actors nothing
//! relates to, ids that only look different.

use hashbrown::HashMap;

use super::{Finding, Record, Runs, Said, relation_name};
use crate::graph::{KnowledgeGraph, NodeIndex};
use crate::load::validate::Step;

pub fn check(graph: &KnowledgeGraph, runs: &Runs<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut related = vec![false; graph.actor_count()];
    let self_relations = runs("self-relation");
    for (edge, _) in graph.relations() {
        let (from, to) = graph.ends(edge);
        related[from.index()] = true;
        related[to.index()] = true;
        if from == to && self_relations {
            findings.push(Finding::new(
                "self-relation",
                Record::Relation(edge.index()),
                &[Step::Field("to")],
                |graph, finding| {
                    Said::new(
                        format!(
                            "{} relates an actor to itself",
                            relation_name(&graph.relation(finding.edge()))
                        ),
                        "same as `from`",
                        "one of the two ends is probably another actor",
                    )
                },
            ));
        }
    }
    if runs("isolated-actor") {
        for (node, _) in graph.actors() {
            if !related[node.index()] {
                findings.push(Finding::new(
                    "isolated-actor",
                    Record::Actor(node.index()),
                    &[Step::Field("id")],
                    |graph, finding| {
                        Said::new(
                            format!(
                                "no relation involves the actor \"{}\"",
                                graph.actor(finding.node()).id
                            ),
                            "no relations",
                            "relate it to the story, or remove it",
                        )
                    },
                ));
            }
        }
    }
    if runs("confusable-id") {
        confusable(
            graph.actors().map(|(_, a)| a.id.as_str()),
            Record::Actor,
            &mut findings,
        );
        confusable(
            graph.sources().iter().map(|s| s.id.as_str()),
            Record::Source,
            &mut findings,
        );
    }
    findings
}

/// What an id looks like: lowercase, with digits and letters of other
/// scripts that look like Latin ones replaced by them and separators made
/// one. Two ids with the same skeleton are easily mistaken.
fn skeleton(id: &str) -> String {
    id.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '_' | '.' | ' ' | '\u{2010}'..='\u{2015}' => '-',
            '0' | 'о' | 'ο' => 'o',
            '1' | 'і' | 'ӏ' | 'ι' | '|' => 'l',
            'а' | 'α' => 'a',
            'е' | 'ε' => 'e',
            'р' | 'ρ' => 'p',
            'с' => 'c',
            'х' | 'χ' => 'x',
            'у' | 'γ' => 'y',
            'ѕ' => 's',
            'ј' => 'j',
            'к' | 'κ' => 'k',
            'м' => 'm',
            'т' | 'τ' => 't',
            'в' | 'β' => 'b',
            'н' | 'η' => 'h',
            'ν' => 'v',
            c => c,
        })
        .map(|c| if c == 'i' { 'l' } else { c })
        .collect()
}

fn confusable<'a>(
    ids: impl Iterator<Item = &'a str>,
    record: fn(usize) -> Record,
    findings: &mut Vec<Finding>,
) {
    let mut seen: HashMap<String, (usize, &str)> = HashMap::new();
    for (index, id) in ids.enumerate() {
        let look = skeleton(id);
        match seen.get(&look) {
            Some(&(earlier, other)) if other != id => findings.push(
                Finding::new(
                    "confusable-id",
                    record(index),
                    &[Step::Field("id")],
                    confused,
                )
                .related(record(earlier), &[Step::Field("id")], "this one"),
            ),
            Some(_) => {}
            None => {
                seen.insert(look, (index, id));
            }
        }
    }
}

/// What a confusable-id finding says: the two ids, of actors or sources.
fn confused(graph: &KnowledgeGraph, finding: &Finding) -> Said {
    let id = |record: Option<Record>| match record {
        Some(Record::Actor(index)) => graph.actor(NodeIndex::new(index)).id.as_str(),
        Some(Record::Source(index)) => graph.sources().get(index).map_or("", |s| s.id.as_str()),
        _ => "",
    };
    let what = match finding.record {
        Record::Source(_) => "source",
        _ => "actor",
    };
    Said::new(
        format!(
            "the {what} ids \"{}\" and \"{}\" are easily mistaken",
            id(Some(finding.record)),
            id(finding.related_record())
        ),
        "looks like another id",
        "rename one, or merge them if they are the same",
    )
}

#[cfg(test)]
mod tests {
    use super::skeleton;

    #[test]
    fn look_alike_ids_share_a_skeleton() {
        assert_eq!(skeleton("Assad"), skeleton("assad"));
        assert_eq!(skeleton("al_shibani"), skeleton("al-shibani"));
        assert_eq!(skeleton("rоssia"), skeleton("rossia"), "Cyrillic о");
        assert_eq!(skeleton("l1bya"), skeleton("llbya"));
        assert_ne!(skeleton("syria"), skeleton("russia"));
    }
}
