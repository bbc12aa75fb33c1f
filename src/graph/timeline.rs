use super::{EdgeIndex, KnowledgeGraph, NodeIndex, Scope};
use crate::model::{Begun, PartialDate, When};

/// Something dated that happened in the story.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dated {
    /// A relation with a date.
    Relation(EdgeIndex),
    /// An actor with a date of its own, typically an event.
    Actor(NodeIndex),
}

/// One entry of the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moment {
    /// What happened.
    pub item: Dated,
    /// When it happened.
    pub when: When,
    /// Whether it had begun by the scope's "as of" date ([`Begun::Yes`]
    /// when there is none): [`Begun::Maybe`] entries are marked.
    pub begun: Begun,
}

impl Moment {
    /// The entry's date as listed: marked when it may not have begun by
    /// the "as of" date.
    pub fn date_text(&self) -> String {
        match self.begun {
            Begun::Maybe => format!("{}{}", Begun::MARK, self.when),
            _ => self.when.to_string(),
        }
    }
}

impl Moment {
    /// The earliest day the entry may have started (or, for spans with an
    /// open start, ended): what the timeline is sorted by.
    pub fn sort_key(&self) -> (u16, u8, u8) {
        match self.when.bounds() {
            (Some(start), _) => start.earliest(),
            (None, Some(end)) => end.earliest(),
            (None, None) => (0, 0, 0),
        }
    }
}

/// `moments` sorted by [`Moment::sort_key`], ties kept in their order.
///
/// A million entries share a few thousand days, so when the days span no
/// more numbers than there are entries they are counted into place (one
/// pass, no comparisons); otherwise each entry's day and position are
/// packed into one number and those sorted.
fn in_time_order(moments: Vec<Moment>) -> Vec<Moment> {
    let days: Vec<u32> = moments
        .iter()
        .map(|moment| {
            let (year, month, day) = moment.sort_key();
            u32::from(year) << 9 | u32::from(month) << 5 | u32::from(day)
        })
        .collect();
    let (Some(&first), Some(&last)) = (days.iter().min(), days.iter().max()) else {
        return moments;
    };
    let span = (last - first) as usize + 1;
    let order: Vec<usize> = if span <= moments.len() {
        // Where each day's entries start in the sorted list.
        let mut next = vec![0usize; span];
        for &day in &days {
            next[(day - first) as usize] += 1;
        }
        let mut start = 0;
        for slot in &mut next {
            (*slot, start) = (start, start + *slot);
        }
        let mut order = vec![0; days.len()];
        for (position, &day) in days.iter().enumerate() {
            let slot = &mut next[(day - first) as usize];
            order[*slot] = position;
            *slot += 1;
        }
        order
    } else {
        let mut keys: Vec<u64> = days
            .iter()
            .enumerate()
            .map(|(position, &day)| u64::from(day) << 32 | position as u64)
            .collect();
        keys.sort_unstable();
        keys.into_iter()
            .map(|key| (key & u64::from(u32::MAX)) as usize)
            .collect()
    };
    order
        .into_iter()
        .map(|position| moments[position])
        .collect()
}

impl KnowledgeGraph {
    /// Every dated relation and dated actor inside `scope`, in time order;
    /// entries of the same day keep file order, actors before relations.
    pub fn timeline(&self, scope: &Scope) -> Vec<Moment> {
        let as_of = scope.filter.until;
        let begun = |when: &When| as_of.map_or(Begun::Yes, |date| when.begun_by(&date));
        let actors = self
            .actors()
            .filter(|(node, _)| scope.shows_actor(*node))
            .filter_map(|(node, actor)| {
                actor.date.map(|when| Moment {
                    item: Dated::Actor(node),
                    when,
                    begun: begun(&when),
                })
            });
        let relations = self
            .relations()
            .filter(|(edge, _)| scope.shows_relation(self, *edge))
            .filter_map(|(edge, relation)| {
                relation.date().map(|when| Moment {
                    item: Dated::Relation(edge),
                    when,
                    begun: begun(&when),
                })
            });
        in_time_order(actors.chain(relations).collect())
    }

    /// The distinct days on which something in the graph starts, in order:
    /// the stops of the "as of" cursor.
    pub fn milestones(&self) -> Vec<PartialDate> {
        // A million relations share a few thousand dates: those are sorted,
        // not every relation's.
        let distinct: hashbrown::HashSet<PartialDate> = self
            .actors()
            .filter_map(|(_, actor)| actor.date)
            .chain(self.relations().filter_map(|(_, relation)| relation.date()))
            .filter_map(|when| when.bounds().0)
            .collect();
        let mut dates: Vec<PartialDate> = distinct.into_iter().collect();
        dates.sort_by_key(|date| (date.earliest(), date.latest()));
        dates
    }
}

/// True when something dated `when` is shown as of `as_of`: it had begun,
/// or may have (then it is marked); see [`Begun`]. Undated things are kept.
pub fn begun_by(when: Option<&When>, as_of: &PartialDate) -> bool {
    when.is_none_or(|when| when.begun_by(as_of) != Begun::No)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::RelationFilter;
    use crate::graph::fixture;

    fn graph() -> KnowledgeGraph {
        let mut dataset = fixture::dataset();
        dataset.actors[6].date = Some("2025-07".parse().expect("date"));
        KnowledgeGraph::new(dataset).expect("valid")
    }

    fn describe(graph: &KnowledgeGraph, moments: &[Moment]) -> Vec<String> {
        moments
            .iter()
            .map(|m| match m.item {
                Dated::Relation(edge) => format!("{} {}", m.when, graph.relation(edge).kind()),
                Dated::Actor(node) => format!("{} {}", m.when, graph.actor(node).id),
            })
            .collect()
    }

    #[test]
    fn dated_relations_and_actors_come_in_time_order() {
        let graph = graph();
        assert_eq!(
            describe(&graph, &graph.timeline(&Scope::default())),
            ["2025-07 loner", "2025-07-13 struck", "2025-07-31 hosted"]
        );
    }

    #[test]
    fn as_of_hides_what_began_later() {
        let graph = graph();
        let as_of: PartialDate = "2025-07-20".parse().expect("date");
        let scope = Scope {
            filter: RelationFilter {
                until: Some(as_of),
                ..Default::default()
            },
            ..Scope::default()
        };
        assert_eq!(
            describe(&graph, &graph.timeline(&scope)),
            ["2025-07 loner", "2025-07-13 struck"]
        );
        let month: PartialDate = "2025-07".parse().expect("date");
        let later: When = "2025-07-31".parse().expect("date");
        assert!(begun_by(Some(&later), &month), "a month includes its days");
        assert!(!begun_by(Some(&later), &as_of));
        assert!(begun_by(None, &as_of));
    }

    #[test]
    fn both_ways_of_ordering_keep_ties_in_file_order() {
        let moment = |item: usize, date: &str| Moment {
            item: Dated::Relation(EdgeIndex::new(item)),
            when: date.parse().expect("date"),
            begun: Begun::Yes,
        };
        // More entries than days between the first and the last: counted.
        let days = ["2025-07-02", "2025-07", "2025-07-01", "2025"];
        let dense: Vec<Moment> = (0..600).map(|i| moment(i, days[i % 4])).collect();
        // Centuries apart: sorted.
        let sparse = vec![
            moment(0, "2025"),
            moment(1, "1800..1900"),
            moment(2, "2025-01-01"),
        ];
        for moments in [dense, sparse] {
            let mut expected = moments.clone();
            expected.sort_by_key(Moment::sort_key);
            assert_eq!(in_time_order(moments), expected);
        }
    }

    #[test]
    fn milestones_are_the_distinct_start_dates() {
        let graph = graph();
        let dates: Vec<String> = graph.milestones().iter().map(|d| d.to_string()).collect();
        assert_eq!(dates, ["2025-07", "2025-07-13", "2025-07-31"]);
    }
}
