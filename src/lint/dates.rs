//! Checks of dates against the quotes that should give them: a date no
//! quote states, something dated after the report of it, a relation dated
//! outside the life of an actor in it.

use hashbrown::{HashMap, HashSet};

use super::{Finding, Record, Runs, relation_name};
use crate::load::validate::Step;
use crate::model::{ActorKind, Dataset, PartialDate, Precision, Status, When};

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

/// A quote's date expressions and the publication date of its source,
/// which gives the year of "May 15" and the week of "Thursday".
struct Quoted {
    mentions: Vec<Mention>,
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
fn mentions(quote: &str) -> Vec<Mention> {
    let words: Vec<&str> = quote
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = Vec::new();
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
            found.push(Mention::Month { month, day, year });
            index = next;
            continue;
        }
        if let Some(year) = year_number(word) {
            found.push(Mention::Year(year));
        } else if let Some(weekday) = WEEKDAYS.iter().position(|d| d.eq_ignore_ascii_case(word)) {
            found.push(Mention::Weekday(weekday as u8));
        }
        index += 1;
    }
    found
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
    /// True when one of the quote's expressions names `date` as precisely.
    fn gives(&self, date: &PartialDate) -> bool {
        let hint = self
            .published
            .and_then(|when| when.bounds().0)
            .map(|published| published.year);
        self.mentions
            .iter()
            .any(|mention| match (*mention, date.precision()) {
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
            })
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

pub fn check(dataset: &Dataset, runs: &Runs<'_>, findings: &mut Vec<Finding>) {
    let (dates_run, after_run, lifetimes_run) = (
        runs("unsupported-date"),
        runs("after-source"),
        runs("outside-lifetime"),
    );
    let sources: HashMap<&str, &crate::model::Source> =
        dataset.sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let background = |id: &str| sources.get(id).is_some_and(|s| s.background);
    let published = |id: &str| sources.get(id).and_then(|s| s.date);
    let quoted = |relation: &crate::model::Relation| -> Vec<Quoted> {
        relation
            .evidence
            .iter()
            .map(|e| Quoted {
                mentions: mentions(&e.quote),
                published: published(&e.source),
            })
            .collect()
    };

    // Actors whose dates bound their relations, and actors whose role
    // terms need quotes from their relations.
    let lifetimes: HashMap<&str, (usize, When)> = dataset
        .actors
        .iter()
        .enumerate()
        .filter(|(_, a)| a.kind != ActorKind::Event)
        .filter_map(|(i, a)| Some((a.id.as_str(), (i, a.date?))))
        .collect();
    let with_terms: HashSet<&str> = dataset
        .actors
        .iter()
        .filter(|a| dates_run && a.roles.iter().any(|r| r.date.is_some()))
        .map(|a| a.id.as_str())
        .collect();
    let mut actor_quotes: HashMap<&str, Vec<Quoted>> = HashMap::new();

    for (index, relation) in dataset.relations.iter().enumerate() {
        let record = Record::Relation(index);
        for who in [Some(&relation.from), Some(&relation.to)]
            .into_iter()
            .chain(relation.evidence.iter().map(|e| e.attributed_to.as_ref()))
            .flatten()
        {
            if with_terms.contains(who.as_str()) {
                actor_quotes
                    .entry(who.as_str())
                    .or_default()
                    .extend(quoted(relation));
            }
        }
        let Some(when) = relation.date else { continue };
        if dates_run
            && !relation.evidence.is_empty()
            && !relation.evidence.iter().any(|e| background(&e.source))
            && !supported(&when, &quoted(relation))
        {
            findings.push(
                Finding::new(
                    "unsupported-date",
                    record,
                    &[Step::Field("date")],
                    format!(
                        "no quote of {} gives the date {when}",
                        relation_name(relation)
                    ),
                )
                .label("not in the quotes")
                .help("quote the passage that dates it, cite a source marked `background: true` for it, or leave the date out"),
            );
        }
        if after_run && relation.status != Status::Planned {
            check_after_source(relation, index, &when, &sources, findings);
        }
        for (end, id) in [("from", &relation.from), ("to", &relation.to)]
            .into_iter()
            .filter(|_| lifetimes_run)
        {
            if let Some(&(actor_index, life)) = lifetimes.get(id.as_str()) {
                let (from, to) = life.bounds();
                if !when.overlaps(from.as_ref(), to.as_ref()) {
                    findings.push(
                        Finding::new(
                            "outside-lifetime",
                            record,
                            &[Step::Field("date")],
                            format!(
                                "{} is dated {when}, outside the life of \"{id}\" ({life})",
                                relation_name(relation)
                            ),
                        )
                        .label(format!("outside the dates of its `{end}`"))
                        .related(
                            Record::Actor(actor_index),
                            &[Step::Field("date")],
                            "the actor's dates",
                        )
                        .help("check the relation's date and the actor's"),
                    );
                }
            }
        }
    }

    for (index, actor) in dataset.actors.iter().enumerate() {
        let traced = actor.external_ids.keys().any(|key| background(key));
        if traced || !dates_run {
            continue;
        }
        let quotes = actor_quotes
            .get(actor.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        for (role_index, role) in actor.roles.iter().enumerate() {
            let Some(when) = role.date else { continue };
            if !supported(&when, quotes) {
                findings.push(
                    Finding::new(
                        "unsupported-date",
                        Record::Actor(index),
                        &[Step::Field("roles"), Step::Index(role_index), Step::Field("date")],
                        format!(
                            "no quote about \"{}\" gives the term {when} of {}",
                            actor.id, role.title
                        ),
                    )
                    .label("not in the quotes")
                    .help("quote a passage that dates the term, or give the actor an external id (e.g. `wikidata`) and list that knowledge base as a source with `background: true`"),
                );
            }
        }
    }
}

fn check_after_source(
    relation: &crate::model::Relation,
    index: usize,
    when: &When,
    sources: &HashMap<&str, &crate::model::Source>,
    findings: &mut Vec<Finding>,
) {
    let Some(start) = when.bounds().0 else { return };
    for (evidence_index, evidence) in relation.evidence.iter().enumerate() {
        let Some(source) = sources.get(evidence.source.as_str()) else {
            continue;
        };
        let Some(published) = source.date.and_then(|d| d.bounds().1) else {
            continue;
        };
        if start.earliest() > published.latest() {
            findings.push(
                Finding::new(
                    "after-source",
                    Record::Relation(index),
                    &[Step::Field("date")],
                    format!(
                        "{} is dated {when}, after its source \"{}\" was published ({})",
                        relation_name(relation),
                        source.id,
                        published
                    ),
                )
                .label("after the report")
                .related(
                    Record::Relation(index),
                    &[Step::Field("evidence"), Step::Index(evidence_index), Step::Field("source")],
                    "cited here",
                )
                .help("a report cannot tell what had not happened yet: check the date, or make the status Planned if it was announced"),
            );
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        text.parse().expect("a date")
    }

    fn quoted(quote: &str, published: &str) -> Quoted {
        Quoted {
            mentions: mentions(quote),
            published: Some(published.parse().expect("a date")),
        }
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
