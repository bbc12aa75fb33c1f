//! Checks of relations against each other: stances that contradict over
//! the same years, the same relation twice, a fact stated both directly and
//! through an event.

use std::hash::BuildHasher;

use hashbrown::{HashMap, HashSet};

use super::{Finding, Record, Runs, Said, relation_name};
use crate::graph::{EdgeIndex, KnowledgeGraph, NodeIndex};
use crate::load::validate::Step;
use crate::model::{ActorKind, PartialDate, Status, When};

pub fn check(graph: &KnowledgeGraph, runs: &Runs<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    if runs("duplicate") {
        duplicates(graph, &mut findings);
    }
    if runs("contradiction") {
        contradictions(graph, &mut findings);
    }
    if runs("through-event") {
        through_events(graph, &mut findings);
    }
    findings
}

/// The two ends in a fixed order, so both readings of a pair meet.
fn pair(graph: &KnowledgeGraph, edge: EdgeIndex) -> (NodeIndex, NodeIndex) {
    let (a, b) = graph.ends(edge);
    if a <= b { (a, b) } else { (b, a) }
}

/// A date as one number, equal exactly when the dates are: a million of
/// them hash faster than the dates' fields one by one.
fn date_key(when: Option<When>) -> u64 {
    let day = |date: PartialDate| {
        u64::from(date.year) << 10
            | u64::from(date.month.unwrap_or(0)) << 5
            | u64::from(date.day.unwrap_or(0))
    };
    match when {
        None => 0,
        Some(When::On(date)) => 1 << 60 | day(date),
        Some(When::Since(date)) => 2 << 60 | day(date),
        Some(When::Until(date)) => 3 << 60 | day(date),
        Some(When::Between(from, to)) => 4 << 60 | day(from) << 26 | day(to),
    }
}

fn duplicates(graph: &KnowledgeGraph, findings: &mut Vec<Finding>) {
    // What makes two relations the same: ends (in a fixed order when the
    // relation has no direction), kind and date.
    let key = |edge: EdgeIndex| {
        let relation = graph.relation(edge);
        let (from, to) = if relation.directed() {
            graph.ends(edge)
        } else {
            pair(graph, edge)
        };
        (from, relation.kind(), to, date_key(relation.date()))
    };
    // Relations sorted by the hash of their key, so that equal ones sit
    // together: 16 bytes a relation, where a table of a million keys took
    // about 90.
    let state = hashbrown::DefaultHashBuilder::default();
    let mut hashed: Vec<(u64, EdgeIndex)> = graph
        .relations()
        .map(|(edge, _)| (state.hash_one(key(edge)), edge))
        .collect();
    hashed.sort_unstable();
    let mut firsts = Vec::new();
    for run in hashed
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
    {
        // In file order within a run; relations that only share a hash
        // are told apart by their keys.
        firsts.clear();
        for &(_, edge) in run {
            let this = key(edge);
            match firsts.iter().find(|(first, _)| *first == this) {
                Some(&(_, earlier)) => findings.push(
                    Finding::new(
                        "duplicate",
                        Record::Relation(edge.index()),
                        &[],
                        stated_twice,
                    )
                    .related(
                        Record::Relation(earlier),
                        &[],
                        "first stated here",
                    ),
                ),
                None => firsts.push((this, edge.index())),
            }
        }
    }
}

/// A day as (year, month, day).
type Day = (u16, u8, u8);

/// Earliest and latest day a dated relation may cover.
type Span = (Day, Day);

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
fn contradictions(graph: &KnowledgeGraph, findings: &mut Vec<Finding>) {
    // Each firm relation with its pair, whether it is for (true) or
    // against, and its span; sorted by pair, a pair's relations sit
    // together in file order: a few bytes each, where a table of pairs
    // with two lists each took several times more.
    let mut stated: Vec<((NodeIndex, NodeIndex), bool, Span, EdgeIndex)> = Vec::new();
    for (edge, relation) in graph.relations() {
        let Some(when) = relation.date() else {
            continue;
        };
        if matches!(
            relation.status(),
            Status::Claimed | Status::Alleged | Status::Denied
        ) {
            continue;
        }
        let score = relation.stance().score();
        if score.abs() < 2 {
            continue;
        }
        stated.push((pair(graph, edge), score > 0, span(&when), edge));
    }
    stated.sort_unstable_by_key(|&(pair, _, _, edge)| (pair, edge));
    let (mut with, mut against, mut latest) = (Vec::new(), Vec::new(), Vec::new());
    for run in stated.chunk_by(|a, b| a.0 == b.0) {
        with.clear();
        against.clear();
        for &(_, is_for, span, edge) in run {
            match is_for {
                true => with.push((edge, span)),
                false => against.push((edge, span)),
            }
        }
        if against.is_empty() || with.is_empty() {
            continue;
        }
        with.sort_by_key(|&(_, span)| span.0);
        // The latest end among the first k relations "for", and which one.
        latest.clear();
        for &(edge, (_, end)) in &with {
            let best = match latest.last() {
                Some(&(high, at)) if high >= end => (high, at),
                _ => (end, edge),
            };
            latest.push(best);
        }
        for &(edge, (start, end)) in &against {
            let begun = with.partition_point(|&(_, span)| span.0 <= end);
            let Some(&(high, other)): Option<&(Day, EdgeIndex)> =
                begun.checked_sub(1).map(|k| &latest[k])
            else {
                continue;
            };
            if high >= start {
                findings.push(
                    Finding::new(
                        "contradiction",
                        Record::Relation(edge.index()),
                        &[Step::Field("stance")],
                        opposed,
                    )
                    .related(
                        Record::Relation(other.index()),
                        &[Step::Field("stance")],
                        "this says the opposite",
                    ),
                );
            }
        }
    }
}

/// A relation between two actors that an Event actor also links (one to
/// the event, the event to the other): usually the same fact told twice.
fn through_events(graph: &KnowledgeGraph, findings: &mut Vec<Finding>) {
    let is_event: Vec<bool> = graph
        .actors()
        .map(|(_, a)| a.kind == ActorKind::Event)
        .collect();
    let event = |node: NodeIndex| is_event[node.index()];
    let mut linked: HashSet<(NodeIndex, NodeIndex)> = HashSet::new();
    let mut events_of: HashMap<NodeIndex, Vec<NodeIndex>> = HashMap::new();
    for (edge, _) in graph.relations() {
        let (from, to) = graph.ends(edge);
        for (one, other) in [(from, to), (to, from)] {
            if event(one) && !event(other) && linked.insert((one, other)) {
                events_of.entry(other).or_default().push(one);
            }
        }
    }
    for (edge, _) in graph.relations() {
        let (from, to) = graph.ends(edge);
        if from == to || event(from) || event(to) {
            continue;
        }
        let (Some(a), Some(b)) = (events_of.get(&from), events_of.get(&to)) else {
            continue;
        };
        let (few, other) = if a.len() <= b.len() {
            (a, to)
        } else {
            (b, from)
        };
        if let Some(&through) = few.iter().find(|&&one| linked.contains(&(one, other))) {
            findings.push(
                Finding::new(
                    "through-event",
                    Record::Relation(edge.index()),
                    &[],
                    through_event,
                )
                .related(Record::Actor(through.index()), &[], "the event"),
            );
        }
    }
}

/// The relation a finding's second place is.
fn related_edge(finding: &Finding) -> EdgeIndex {
    match finding.related_record() {
        Some(Record::Relation(index)) => EdgeIndex::new(index),
        _ => finding.edge(),
    }
}

fn stated_twice(graph: &KnowledgeGraph, finding: &Finding) -> Said {
    let relation = graph.relation(finding.edge());
    Said::new(
        format!(
            "{} is stated twice{}",
            relation_name(&relation),
            relation
                .date()
                .map(|d| format!(" for {d}"))
                .unwrap_or_default()
        ),
        "second statement",
        "merge the two, keeping the evidence of both",
    )
}

fn opposed(graph: &KnowledgeGraph, finding: &Finding) -> Said {
    let relation = graph.relation(finding.edge());
    let friend = graph.relation(related_edge(finding));
    Said::new(
        format!(
            "{} is {} while {} is {} over the same period",
            relation_name(&relation),
            relation.stance(),
            relation_name(&friend),
            friend.stance()
        ),
        "opposed stance",
        "check that both are about the same actors and years; if one is only a claim, give it the status Claimed, Alleged or Denied",
    )
}

fn through_event(graph: &KnowledgeGraph, finding: &Finding) -> Said {
    let event = match finding.related_record() {
        Some(Record::Actor(index)) => graph.actor(NodeIndex::new(index)).id.as_str(),
        _ => "",
    };
    Said::new(
        format!(
            "{} is also stated through the event \"{event}\"",
            relation_name(&graph.relation(finding.edge()))
        ),
        "stated twice?",
        "keep both only if each says something the other does not",
    )
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
        let graph = crate::load::parse_graph("t.ron", &text).expect("a valid graph");
        let mut findings = Vec::new();
        contradictions(&graph, &mut findings);
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
    fn a_relation_stated_again_points_to_its_first_statement() {
        let text = r#"Graph(title: "t", sources: [],
            actors: [Actor(id: "a", name: "A", kind: State), Actor(id: "b", name: "B", kind: State)],
            relations: [
                Relation(from: "a", to: "b", kind: "k", date: "2020"),
                Relation(from: "a", to: "b", kind: "k", date: "2021"),
                Relation(from: "b", to: "a", kind: "m", directed: false),
                Relation(from: "a", to: "b", kind: "k", date: "2020"),
                Relation(from: "a", to: "b", kind: "m", directed: false),
                Relation(from: "b", to: "a", kind: "k", date: "2020"),
                Relation(from: "a", to: "b", kind: "k", date: "2020"),
            ])"#;
        let graph = crate::load::parse_graph("t.ron", text).expect("a valid graph");
        let mut findings = Vec::new();
        duplicates(&graph, &mut findings);
        let mut pairs: Vec<(Record, Option<Record>)> = findings
            .iter()
            .map(|f| (f.record, f.related_record()))
            .collect();
        pairs.sort_by_key(|(record, _)| format!("{record:?}"));
        assert_eq!(
            pairs,
            [
                (Record::Relation(3), Some(Record::Relation(0))),
                (Record::Relation(4), Some(Record::Relation(2))),
                (Record::Relation(6), Some(Record::Relation(0))),
            ]
        );
    }

    #[test]
    fn dates_share_a_key_only_when_they_are_the_same() {
        let dates = [
            "2024",
            "2024-01",
            "2024-01-01",
            "2024..",
            "..2024",
            "2024..2025",
            "2025",
        ];
        for a in dates {
            for b in dates {
                let (x, y): (When, When) = (a.parse().expect("date"), b.parse().expect("date"));
                assert_eq!(date_key(Some(x)) == date_key(Some(y)), a == b, "{a} {b}");
            }
            assert_ne!(date_key(Some(a.parse().expect("date"))), date_key(None));
        }
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
