//! Checks of relations against each other: stances that contradict over
//! the same years, the same relation twice, a fact stated both directly and
//! through an event.

use hashbrown::{HashMap, HashSet};

use super::{Finding, Record, Runs, relation_name};
use crate::model::{ActorKind, Dataset, Relation, Status, When};

pub fn check(dataset: &Dataset, runs: &Runs<'_>, findings: &mut Vec<Finding>) {
    if runs("duplicate") {
        duplicates(dataset, findings);
    }
    if runs("contradiction") {
        contradictions(dataset, findings);
    }
    if runs("through-event") {
        through_events(dataset, findings);
    }
}

/// The two ends in a fixed order, so both readings of a pair meet.
fn pair(relation: &Relation) -> (&str, &str) {
    let (a, b) = (relation.from.as_str(), relation.to.as_str());
    if a <= b { (a, b) } else { (b, a) }
}

fn duplicates(dataset: &Dataset, findings: &mut Vec<Finding>) {
    let mut first: HashMap<(&str, &str, &str, Option<When>), usize> = HashMap::new();
    for (index, relation) in dataset.relations.iter().enumerate() {
        let (from, to) = if relation.directed {
            (relation.from.as_str(), relation.to.as_str())
        } else {
            pair(relation)
        };
        match first.get(&(from, relation.kind.as_str(), to, relation.date)) {
            Some(&earlier) => findings.push(
                Finding::new(
                    "duplicate",
                    Record::Relation(index),
                    &[],
                    format!(
                        "{} is stated twice{}",
                        relation_name(relation),
                        relation
                            .date
                            .map(|d| format!(" for {d}"))
                            .unwrap_or_default()
                    ),
                )
                .label("second statement")
                .related(Record::Relation(earlier), &[], "first stated here")
                .help("merge the two, keeping the evidence of both"),
            ),
            None => {
                first.insert((from, relation.kind.as_str(), to, relation.date), index);
            }
        }
    }
}

/// A day as (year, month, day).
type Day = (u16, u8, u8);

/// Earliest and latest day a dated relation may cover.
type Span = (Day, Day);

/// A pair's relations against each other and for each other.
type Sides = (Vec<usize>, Vec<usize>);

fn span(when: &When) -> Span {
    let (start, end) = when.bounds();
    (
        start.map_or((0, 0, 0), |d| d.earliest()),
        end.map_or((u16::MAX, 12, 31), |d| d.latest()),
    )
}

/// Relations of one pair that hold firmly for or against: Violent or
/// Hostile against Cooperative or Allied. Statuses that report a claim
/// (Claimed, Alleged, Denied) contradict nothing; nor do undated ones,
/// whose time is unknown.
fn contradictions(dataset: &Dataset, findings: &mut Vec<Finding>) {
    let mut sides: HashMap<(&str, &str), Sides> = HashMap::new();
    for (index, relation) in dataset.relations.iter().enumerate() {
        if relation.date.is_none()
            || matches!(
                relation.status,
                Status::Claimed | Status::Alleged | Status::Denied
            )
        {
            continue;
        }
        let score = relation.stance.score();
        if score.abs() < 2 {
            continue;
        }
        let entry = sides.entry(pair(relation)).or_default();
        if score < 0 {
            entry.0.push(index)
        } else {
            entry.1.push(index)
        }
    }
    let span_of = |index: usize| dataset.relations[index].date.as_ref().map(span);
    for (against, mut with) in sides.into_values() {
        if against.is_empty() || with.is_empty() {
            continue;
        }
        with.sort_by_key(|&i| span_of(i).map(|s| s.0));
        // The latest end among the first k relations "for", and which one.
        let mut latest: Vec<(Option<Day>, usize)> = Vec::with_capacity(with.len());
        for &i in &with {
            let end = span_of(i).map(|s| s.1);
            let best = match latest.last() {
                Some(&(high, at)) if high >= end => (high, at),
                _ => (end, i),
            };
            latest.push(best);
        }
        for index in against {
            let Some((start, end)) = span_of(index) else {
                continue;
            };
            let begun = with.partition_point(|&i| span_of(i).is_some_and(|s| s.0 <= end));
            let Some(&(Some(high), other)) = begun.checked_sub(1).map(|k| &latest[k]) else {
                continue;
            };
            if high >= start {
                let relation = &dataset.relations[index];
                let friend = &dataset.relations[other];
                findings.push(
                    Finding::new(
                        "contradiction",
                        Record::Relation(index),
                        &[crate::load::validate::Step::Field("stance")],
                        format!(
                            "{} is {} while {} is {} over the same period",
                            relation_name(relation),
                            relation.stance,
                            relation_name(friend),
                            friend.stance
                        ),
                    )
                    .label("opposed stance")
                    .related(
                        Record::Relation(other),
                        &[crate::load::validate::Step::Field("stance")],
                        "this says the opposite",
                    )
                    .help("check that both are about the same actors and years; if one is only a claim, give it the status Claimed, Alleged or Denied"),
                );
            }
        }
    }
}

/// A relation between two actors that an Event actor also links (one to
/// the event, the event to the other): usually the same fact told twice.
fn through_events(dataset: &Dataset, findings: &mut Vec<Finding>) {
    let events: HashMap<&str, usize> = dataset
        .actors
        .iter()
        .enumerate()
        .filter(|(_, a)| a.kind == ActorKind::Event)
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut linked: HashSet<(&str, &str)> = HashSet::new();
    let mut events_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for relation in &dataset.relations {
        let (from, to) = (relation.from.as_str(), relation.to.as_str());
        for (event, other) in [(from, to), (to, from)] {
            if events.contains_key(event)
                && !events.contains_key(other)
                && linked.insert((event, other))
            {
                events_of.entry(other).or_default().push(event);
            }
        }
    }
    for (index, relation) in dataset.relations.iter().enumerate() {
        let (from, to) = (relation.from.as_str(), relation.to.as_str());
        if from == to || events.contains_key(from) || events.contains_key(to) {
            continue;
        }
        let (Some(a), Some(b)) = (events_of.get(from), events_of.get(to)) else {
            continue;
        };
        let (few, other) = if a.len() <= b.len() {
            (a, to)
        } else {
            (b, from)
        };
        if let Some(event) = few.iter().find(|event| linked.contains(&(**event, other))) {
            findings.push(
                Finding::new(
                    "through-event",
                    Record::Relation(index),
                    &[],
                    format!(
                        "{} is also stated through the event \"{event}\"",
                        relation_name(relation)
                    ),
                )
                .label("stated twice?")
                .related(Record::Actor(events[event]), &[], "the event")
                .help("keep both only if each says something the other does not"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contradicting(relations: &str) -> Vec<usize> {
        let text = format!(
            r#"Graph(title: "t", sources: [Source(id: "s", title: "S")],
                actors: [Actor(id: "a", name: "A", kind: State), Actor(id: "b", name: "B", kind: State)],
                relations: [{relations}])"#
        );
        let dataset = crate::load::parse_str("t.ron", &text).expect("a valid graph");
        let mut findings = Vec::new();
        contradictions(&dataset, &mut findings);
        let mut found: Vec<usize> = findings
            .iter()
            .map(|f| match f.record {
                Record::Relation(i) => i,
                other => panic!("{other:?}"),
            })
            .collect();
        found.sort_unstable();
        found
    }

    fn relation(date: &str, stance: &str) -> String {
        format!(r#"Relation(from: "a", to: "b", kind: "k", date: "{date}", stance: {stance}),"#)
    }

    #[test]
    fn opposed_stances_contradict_only_where_their_dates_overlap() {
        let relations = [
            relation("2010..2012", "Allied"),
            relation("2015..2020", "Cooperative"),
            relation("2013..2014", "Hostile"),
            relation("2019", "Violent"),
            relation("2011-06", "Hostile"),
            relation("2021..", "Hostile"),
            relation("..2009", "Hostile"),
        ]
        .concat();
        assert_eq!(contradicting(&relations), [3, 4]);
    }

    #[test]
    fn claims_weak_stances_and_undated_relations_are_not_compared() {
        let relations = [
            relation("2015", "Allied"),
            r#"Relation(from: "b", to: "a", kind: "k", date: "2015", stance: Hostile, status: Alleged),"#.to_owned(),
            relation("2015", "Critical"),
            r#"Relation(from: "a", to: "b", kind: "k", stance: Violent),"#.to_owned(),
        ]
        .concat();
        assert!(contradicting(&relations).is_empty());
    }
}
