//! Checks of the graph's shape and names: self-relations, actors nothing
//! relates to, ids that only look different.

use hashbrown::{HashMap, HashSet};

use super::{Finding, Record, Runs, relation_name};
use crate::load::validate::Step;
use crate::model::Dataset;

pub fn check(dataset: &Dataset, runs: &Runs<'_>, findings: &mut Vec<Finding>) {
    let mut related: HashSet<&str> = HashSet::new();
    for (index, relation) in dataset.relations.iter().enumerate() {
        related.insert(&relation.from);
        related.insert(&relation.to);
        if relation.from == relation.to && runs("self-relation") {
            findings.push(
                Finding::new(
                    "self-relation",
                    Record::Relation(index),
                    &[Step::Field("to")],
                    format!("{} relates an actor to itself", relation_name(relation)),
                )
                .label("same as `from`")
                .help("one of the two ends is probably another actor"),
            );
        }
    }
    for (index, actor) in dataset.actors.iter().enumerate() {
        if !related.contains(actor.id.as_str()) && runs("isolated-actor") {
            findings.push(
                Finding::new(
                    "isolated-actor",
                    Record::Actor(index),
                    &[Step::Field("id")],
                    format!("no relation involves the actor \"{}\"", actor.id),
                )
                .label("no relations")
                .help("relate it to the story, or remove it"),
            );
        }
    }
    if !runs("confusable-id") {
        return;
    }
    confusable(
        dataset.actors.iter().map(|a| a.id.as_str()),
        Record::Actor,
        "actor",
        findings,
    );
    confusable(
        dataset.sources.iter().map(|s| s.id.as_str()),
        Record::Source,
        "source",
        findings,
    );
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
        match seen.get(&skeleton(id)) {
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
                seen.insert(skeleton(id), (index, id));
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
