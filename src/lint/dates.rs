//! Checks of dates against the quotes that should give them: a date no
//! quote states, something dated after the report of it, a relation dated
//! outside the life of an actor in it.

use hashbrown::HashMap;

use super::{Finding, Place, Record, Runs, Said, Says, relation_name};
use crate::graph::{EdgeIndex, KnowledgeGraph, NodeIndex, RelationRef};
use crate::load::validate::Step;
use crate::model::{ActorKind, PartialDate, Precision, Source, Status, When};

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Sunday first, as `weekday` counts.
const WEEKDAYS: [&str; 7] = [
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
];

/// A date expression found in a quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mention {
    /// A bare year: "since 2015".
    Year(u16),
    /// A month, perhaps with its day and year: "December 8, 2024", "May 15",
    /// "January 2025", "a February call".
    Month {
        month: u8,
        day: Option<u8>,
        year: Option<u16>,
    },
    /// A day of the week, Sunday = 0: "on Thursday".
    Weekday(u8),
}

/// A date expression of a quote with the publication date of the quote's
/// source, which gives the year of "May 15" and the week of "Thursday".
#[derive(Clone, Copy, Debug)]
struct Quoted {
    mention: Mention,
    published: Option<When>,
}

fn month_number(word: &str) -> Option<u8> {
    if !(3..=9).contains(&word.len()) || !word.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    // "may" is also a verb: only the capitalised word is the month.
    if word.eq_ignore_ascii_case("may") && word != "May" {
        return None;
    }
    MONTHS
        .iter()
        .position(|month| {
            month.eq_ignore_ascii_case(word)
                || (word.len() <= 4
                    && month.len() > word.len()
                    && month[..word.len()].eq_ignore_ascii_case(word))
        })
        .map(|i| i as u8 + 1)
}

fn day_number(word: &str) -> Option<u8> {
    let digits = word.trim_end_matches(|c: char| c.is_alphabetic());
    let day: u8 = (digits.len() <= 2).then(|| digits.parse().ok())??;
    (1..=31).contains(&day).then_some(day)
}

fn year_number(word: &str) -> Option<u16> {
    let year: u16 = (word.len() == 4).then(|| word.parse().ok())??;
    (1000..=2999).contains(&year).then_some(year)
}

/// Every date expression in `quote`.
#[cfg(test)]
fn mentions(quote: &str) -> Vec<Mention> {
    let mut found = Vec::new();
    mentions_into(quote, &mut Vec::new(), |mention| found.push(mention));
    found
}

/// Gives every date expression in `quote` to `found`; `words` is a buffer
/// kept between calls, so that a million quotes cost no allocation each.
fn mentions_into<'a>(quote: &'a str, words: &mut Vec<&'a str>, mut found: impl FnMut(Mention)) {
    words.clear();
    words.extend(
        quote
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty()),
    );
    let mut index = 0;
    while index < words.len() {
        let word = words[index];
        if let Some(month) = month_number(word) {
            let mut day = index.checked_sub(1).and_then(|i| day_number(words[i]));
            let mut next = index + 1;
            if let Some(after) = words.get(next).and_then(|w| day_number(w)) {
                day = Some(after);
                next += 1;
            }
            let year = words.get(next).and_then(|w| year_number(w));
            if year.is_some() {
                next += 1;
            }
            found(Mention::Month { month, day, year });
            index = next;
            continue;
        }
        if let Some(year) = year_number(word) {
            found(Mention::Year(year));
        } else if let Some(weekday) = WEEKDAYS.iter().position(|d| d.eq_ignore_ascii_case(word)) {
            found(Mention::Weekday(weekday as u8));
        }
        index += 1;
    }
}

/// Days since 1970-01-01 (proleptic Gregorian), for week arithmetic.
fn days(year: u16, month: u8, day: u8) -> i64 {
    let (year, month) = (i64::from(year), i64::from(month));
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

impl Quoted {
    /// True when the expression names `date` as precisely.
    fn gives(&self, date: &PartialDate) -> bool {
        let hint = self
            .published
            .and_then(|when| when.bounds().0)
            .map(|published| published.year);
        match (self.mention, date.precision()) {
            (Mention::Year(year), Precision::Year) => year == date.year,
            (
                Mention::Month {
                    year: Some(year), ..
                },
                Precision::Year,
            ) => year == date.year,
            (Mention::Month { month, day, year }, precision) => {
                Some(month) == date.month
                    && year.or(hint) == Some(date.year)
                    && (precision == Precision::Month || (day.is_some() && day == date.day))
            }
            (Mention::Weekday(weekday), Precision::Day) => self.names_weekday(weekday, date),
            _ => false,
        }
    }

    /// "Thursday" is the last Thursday up to the day the source was
    /// published, which must then be known to the day.
    fn names_weekday(&self, weekday: u8, date: &PartialDate) -> bool {
        let Some(When::On(published)) = self.published else {
            return false;
        };
        if published.precision() != Precision::Day {
            return false;
        }
        let (year, month, day) = date.earliest();
        let (p_year, p_month, p_day) = published.earliest();
        let date_days = days(year, month, day);
        let before = days(p_year, p_month, p_day) - date_days;
        (0..7).contains(&before) && (date_days + 4).rem_euclid(7) == i64::from(weekday)
    }
}

fn supported(when: &When, quotes: &[Quoted]) -> bool {
    let (start, end) = when.bounds();
    [start, end]
        .iter()
        .flatten()
        .all(|date| quotes.iter().any(|quote| quote.gives(date)))
}

/// Every date expression of `relation`'s quotes, added to `found`.
fn quote_mentions<'g>(
    relation: &RelationRef<'g>,
    sources: &HashMap<&str, &Source>,
    words: &mut Vec<&'g str>,
    found: &mut Vec<Quoted>,
) {
    for evidence in relation.evidence().iter() {
        let published = sources.get(evidence.source()).and_then(|s| s.date);
        mentions_into(evidence.quote(), words, |mention| {
            found.push(Quoted { mention, published })
        });
    }
}

pub fn check(graph: &KnowledgeGraph, runs: &Runs<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let (dates_run, after_run, lifetimes_run) = (
        runs("unsupported-date"),
        runs("after-source"),
        runs("outside-lifetime"),
    );
    let sources: HashMap<&str, &Source> =
        graph.sources().iter().map(|s| (s.id.as_str(), s)).collect();
    let background = |id: &str| sources.get(id).is_some_and(|s| s.background);

    // Actors whose dates bound their relations, and actors whose role
    // terms need quotes from their relations, by node.
    let lifetimes: Vec<Option<When>> = graph
        .actors()
        .map(|(_, a)| {
            if a.kind == ActorKind::Event {
                None
            } else {
                a.date
            }
        })
        .collect();
    let with_terms: Vec<bool> = graph
        .actors()
        .map(|(_, a)| dates_run && a.roles.iter().any(|r| r.date.is_some()))
        .collect();
    let any_terms = with_terms.contains(&true);
    // When each Event actor began, and the first report of one that came
    // out before it: (relation, evidence, source).
    let event_starts: Vec<Option<PartialDate>> = graph
        .actors()
        .map(|(_, a)| match a.kind {
            ActorKind::Event => a.date.and_then(|d| d.bounds().0),
            _ => None,
        })
        .collect();
    let mut early_events: HashMap<NodeIndex, (usize, usize)> = HashMap::new();
    let mut actor_quotes: HashMap<NodeIndex, Vec<Quoted>> = HashMap::new();
    let (mut words, mut quoted) = (Vec::new(), Vec::new());

    for (edge, relation) in graph.relations() {
        let record = Record::Relation(edge.index());
        let (from, to) = graph.ends(edge);
        if any_terms {
            let attributed = relation
                .evidence()
                .iter()
                .filter_map(|e| graph.find_id(e.attributed_to()?));
            for who in [from, to].into_iter().chain(attributed) {
                if with_terms[who.index()] {
                    quoted.clear();
                    quote_mentions(&relation, &sources, &mut words, &mut quoted);
                    actor_quotes
                        .entry(who)
                        .or_default()
                        .extend_from_slice(&quoted);
                }
            }
        }
        if after_run && relation.status() != Status::Planned {
            for node in [from, to] {
                let Some(start) = event_starts[node.index()] else {
                    continue;
                };
                if !early_events.contains_key(&node)
                    && let Some(evidence_index) = published_before(&relation, start, &sources)
                {
                    early_events.insert(node, (edge.index(), evidence_index));
                }
            }
        }
        let Some(when) = relation.date() else {
            continue;
        };
        let evidence = relation.evidence();
        let needs_quote =
            dates_run && !evidence.is_empty() && !evidence.iter().any(|e| background(e.source()));
        if needs_quote {
            quoted.clear();
            quote_mentions(&relation, &sources, &mut words, &mut quoted);
        }
        if needs_quote && !supported(&when, &quoted) {
            findings.push(Finding::new(
                "unsupported-date",
                record,
                &[Step::Field("date")],
                |graph, finding| {
                    let relation = graph.relation(finding.edge());
                    Said::new(
                        format!(
                            "no quote of {} gives the date {}",
                            relation_name(&relation),
                            shown_date(relation.date())
                        ),
                        "not in the quotes",
                        "quote the passage that dates it, cite a source marked `background: true` for it, or leave the date out",
                    )
                },
            ));
        }
        if after_run && relation.status() != Status::Planned {
            check_after_source(&relation, edge.index(), &when, &sources, &mut findings);
        }
        if !lifetimes_run {
            continue;
        }
        for (says, node) in [(outside_from as Says, from), (outside_to, to)] {
            if let Some(life) = lifetimes[node.index()] {
                let (start, finish) = life.bounds();
                if !when.overlaps(start.as_ref(), finish.as_ref()) {
                    findings.push(
                        Finding::new("outside-lifetime", record, &[Step::Field("date")], says)
                            .related(
                                Record::Actor(node.index()),
                                &[Step::Field("date")],
                                "the actor's dates",
                            ),
                    );
                }
            }
        }
    }

    for (node, actor) in graph.actors() {
        if let (Some(&(index, evidence_index)), Some(_)) = (early_events.get(&node), actor.date) {
            findings.push(
                Finding::new(
                    "after-source",
                    Record::Actor(node.index()),
                    &[Step::Field("date")],
                    event_after_source,
                )
                .related(
                    Record::Relation(index),
                    &[
                        Step::Field("evidence"),
                        Step::Index(evidence_index),
                        Step::Field("source"),
                    ],
                    "reported here",
                ),
            );
        }
    }
    for (node, actor) in graph.actors() {
        let traced = actor.external_ids.keys().any(|key| background(key));
        if traced || !dates_run {
            continue;
        }
        let quotes = actor_quotes.get(&node).map_or(&[][..], Vec::as_slice);
        for (role_index, role) in actor.roles.iter().enumerate() {
            let Some(when) = role.date else { continue };
            if !supported(&when, quotes) {
                findings.push(Finding::new(
                    "unsupported-date",
                    Record::Actor(node.index()),
                    &[
                        Step::Field("roles"),
                        Step::Index(role_index),
                        Step::Field("date"),
                    ],
                    unsupported_term,
                ));
            }
        }
    }
    findings
}

/// A date as messages show it; an undated relation has no finding that
/// shows one.
fn shown_date(when: Option<When>) -> String {
    when.map(|when| when.to_string()).unwrap_or_default()
}

fn unsupported_term(graph: &KnowledgeGraph, finding: &Finding) -> Said {
    let actor = graph.actor(finding.node());
    let role = actor.roles.get(finding.item());
    Said::new(
        format!(
            "no quote about \"{}\" gives the term {} of {}",
            actor.id,
            shown_date(role.and_then(|role| role.date)),
            role.map_or("", |role| role.title.as_str())
        ),
        "not in the quotes",
        "quote a passage that dates the term, or give the actor an external id (e.g. `wikidata`) and list that knowledge base as a source with `background: true`",
    )
}

fn outside_from(graph: &KnowledgeGraph, finding: &Finding) -> Said {
    outside_life(graph, finding, "outside the dates of its `from`")
}

fn outside_to(graph: &KnowledgeGraph, finding: &Finding) -> Said {
    outside_life(graph, finding, "outside the dates of its `to`")
}

fn outside_life(graph: &KnowledgeGraph, finding: &Finding, label: &'static str) -> Said {
    let relation = graph.relation(finding.edge());
    let actor = match finding.related_record() {
        Some(Record::Actor(index)) => Some(graph.actor(NodeIndex::new(index))),
        _ => None,
    };
    Said::new(
        format!(
            "{} is dated {}, outside the life of \"{}\" ({})",
            relation_name(&relation),
            shown_date(relation.date()),
            actor.map_or("", |actor| actor.id.as_str()),
            shown_date(actor.and_then(|actor| actor.date))
        ),
        label,
        "check the relation's date and the actor's",
    )
}

/// The source cited at the second place of an after-source finding, and
/// the latest day of its publication.
fn citing_source<'g>(graph: &'g KnowledgeGraph, finding: &Finding) -> (&'g str, String) {
    let cited = finding.related_place().and_then(|(record, place, _)| {
        let (Record::Relation(index), Place::Item(_, evidence, _)) = (record, place) else {
            return None;
        };
        let relation = graph.relation(EdgeIndex::new(index));
        let id = relation.evidence().get(evidence as usize)?.source();
        graph.sources().iter().find(|source| source.id == id)
    });
    match cited {
        Some(source) => (
            source.id.as_str(),
            source
                .date
                .and_then(|date| date.bounds().1)
                .map(|published| published.to_string())
                .unwrap_or_default(),
        ),
        None => ("", String::new()),
    }
}

fn event_after_source(graph: &KnowledgeGraph, finding: &Finding) -> Said {
    let actor = graph.actor(finding.node());
    let (source, published) = citing_source(graph, finding);
    Said::new(
        format!(
            "the event \"{}\" is dated {}, after its source \"{source}\" was published ({published})",
            actor.id,
            shown_date(actor.date)
        ),
        "after the report",
        AFTER_SOURCE_HELP,
    )
}

fn relation_after_source(graph: &KnowledgeGraph, finding: &Finding) -> Said {
    let relation = graph.relation(finding.edge());
    let (source, published) = citing_source(graph, finding);
    Said::new(
        format!(
            "{} is dated {}, after its source \"{source}\" was published ({published})",
            relation_name(&relation),
            shown_date(relation.date())
        ),
        "after the report",
        AFTER_SOURCE_HELP,
    )
}

/// What to do about something dated after its report.
const AFTER_SOURCE_HELP: &str = "a report cannot tell what had not happened yet: check the date, or make the status Planned if it was announced";

/// The index of the first evidence of `relation` whose source was
/// published before `start`.
fn published_before(
    relation: &RelationRef<'_>,
    start: PartialDate,
    sources: &HashMap<&str, &Source>,
) -> Option<usize> {
    relation.evidence().iter().position(|evidence| {
        sources
            .get(evidence.source())
            .and_then(|source| source.date?.bounds().1)
            .is_some_and(|published| start.earliest() > published.latest())
    })
}

fn check_after_source(
    relation: &RelationRef<'_>,
    index: usize,
    when: &When,
    sources: &HashMap<&str, &Source>,
    findings: &mut Vec<Finding>,
) {
    let Some(start) = when.bounds().0 else { return };
    if let Some(evidence_index) = published_before(relation, start, sources) {
        findings.push(
            Finding::new(
                "after-source",
                Record::Relation(index),
                &[Step::Field("date")],
                relation_after_source,
            )
            .related(
                Record::Relation(index),
                &[
                    Step::Field("evidence"),
                    Step::Index(evidence_index),
                    Step::Field("source"),
                ],
                "cited here",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        text.parse().expect("a date")
    }

    /// A quote's expressions, as the source published on `published`
    /// gives them.
    struct Quote(Vec<Quoted>);

    impl Quote {
        fn gives(&self, date: &PartialDate) -> bool {
            self.0.iter().any(|quoted| quoted.gives(date))
        }
    }

    fn quoted(quote: &str, published: &str) -> Quote {
        let published = Some(published.parse().expect("a date"));
        Quote(
            mentions(quote)
                .into_iter()
                .map(|mention| Quoted { mention, published })
                .collect(),
        )
    }

    #[test]
    fn finds_the_date_expressions_of_news_prose() {
        assert_eq!(
            mentions("on December 8, 2024, and 8 March; since 2015 on Thursday"),
            [
                Mention::Month {
                    month: 12,
                    day: Some(8),
                    year: Some(2024)
                },
                Mention::Month {
                    month: 3,
                    day: Some(8),
                    year: None
                },
                Mention::Year(2015),
                Mention::Weekday(4),
            ]
        );
        assert!(mentions("they may meet").is_empty());
    }

    #[test]
    fn a_month_without_a_year_takes_the_year_of_publication() {
        let quote = quoted("a May 15 meeting", "2025-07-31");
        assert!(quote.gives(&date("2025-05-15")));
        assert!(quote.gives(&date("2025-05")));
        assert!(!quote.gives(&date("2024-05-15")));
        assert!(!quote.gives(&date("2025-05-16")));
    }

    #[test]
    fn a_weekday_needs_a_source_dated_to_the_day() {
        assert!(quoted("on Thursday", "2025-08-01").gives(&date("2025-07-31")));
        assert!(!quoted("on Thursday", "2025-08-01").gives(&date("2025-07-24")));
        assert!(!quoted("on Thursday", "2025-07-31..").gives(&date("2025-07-31")));
    }

    #[test]
    fn counts_days_across_months() {
        assert_eq!(days(1970, 1, 1), 0);
        assert_eq!(days(2025, 7, 31) - days(2025, 7, 1), 30);
        assert_eq!((days(2025, 7, 31) + 4).rem_euclid(7), 4, "a Thursday");
    }
}
