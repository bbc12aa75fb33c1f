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
        let mut moments: Vec<Moment> = actors.chain(relations).collect();
        moments.sort_by_key(Moment::sort_key);
        moments
    }

    /// The distinct days on which something in the graph starts, in order:
    /// the stops of the "as of" cursor.
    pub fn milestones(&self) -> Vec<PartialDate> {
        let mut dates: Vec<PartialDate> = self
            .actors()
            .filter_map(|(_, actor)| actor.date)
            .chain(self.relations().filter_map(|(_, relation)| relation.date()))
            .filter_map(|when| when.bounds().0)
            .collect();
        dates.sort_by_key(|date| (date.earliest(), date.latest()));
        dates.dedup();
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
    fn milestones_are_the_distinct_start_dates() {
        let graph = graph();
        let dates: Vec<String> = graph.milestones().iter().map(|d| d.to_string()).collect();
        assert_eq!(dates, ["2025-07", "2025-07-13", "2025-07-31"]);
    }
}
