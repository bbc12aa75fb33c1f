//! Checks of the graph's shape and names: self-relations, actors nothing
//! relates to, ids that only look different.

use hashbrown::HashMap;

use super::{Finding, Record, Runs, relation_name};
use crate::graph::KnowledgeGraph;
use crate::load::validate::Step;

pub fn check(graph: &KnowledgeGraph, runs: &Runs<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut related = vec![false; graph.actor_count()];
    let self_relations = runs("self-relation");
    for (edge, relation) in graph.relations() {
        let (from, to) = graph.ends(edge);
        related[from.index()] = true;
        related[to.index()] = true;
        if from == to && self_relations {
            findings.push(
                Finding::new(
                    "self-relation",
                    Record::Relation(edge.index()),
                    &[Step::Field("to")],
                    format!("{} relates an actor to itself", relation_name(&relation)),
                )
                .label("same as `from`")
                .help("one of the two ends is probably another actor"),
            );
        }
    }
    if runs("isolated-actor") {
        for (node, actor) in graph.actors() {
            if !related[node.index()] {
                findings.push(
                    Finding::new(
                        "isolated-actor",
                        Record::Actor(node.index()),
                        &[Step::Field("id")],
                        format!("no relation involves the actor \"{}\"", actor.id),
                    )
                    .label("no relations")
                    .help("relate it to the story, or remove it"),
                );
            }
        }
    }
    if runs("confusable-id") {
        confusable(
            graph.actors().map(|(_, a)| a.id.as_str()),
            Record::Actor,
            "actor",
            &mut findings,
        );
        confusable(
            graph.sources().iter().map(|s| s.id.as_str()),
            Record::Source,
            "source",
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
    what: &str,
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
                    format!("the {what} ids \"{id}\" and \"{other}\" are easily mistaken"),
                )
                .label("looks like another id")
                .related(record(earlier), &[Step::Field("id")], "this one")
                .help("rename one, or merge them if they are the same"),
            ),
            Some(_) => {}
            None => {
                seen.insert(look, (index, id));
            }
        }
    }
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
