//! Dates as news reports give them: a day, a month or only a year, and spans
//! that may be open at either end ("since 2015", "until December 2024").

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date known to the precision the source allows.
///
/// Ordering compares the earliest day the date could mean, then the
/// precision, so `2024` sorts before `2024-01` before `2024-01-01`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    /// Four-digit year of the common era.
    pub year: u16,
    /// 1–12, when the month is known.
    pub month: Option<u8>,
    /// 1–31, when the day is known (only with a month).
    pub day: Option<u8>,
}

/// How precisely a [`PartialDate`] is known; useful for display and for
/// deciding whether two dates can be compared meaningfully.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only the year is known (`2015`).
    Year,
    /// The year and month (`2024-12`).
    Month,
    /// The exact day (`2025-07-31`).
    Day,
}

impl PartialDate {
    /// The precision this date carries.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// First day this date may refer to, as (year, month, day): the key for
    /// "is this before that" questions.
    pub fn earliest(&self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Last day this date may refer to: `2024-12` lasts until the 31st.
    pub fn latest(&self) -> (u16, u8, u8) {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        (self.year, month, day)
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.earliest()
            .cmp(&other.earliest())
            .then(self.precision().cmp(&other.precision()))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Why a date text was refused; the message is shown to the person who
/// wrote it, so it says what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

const DATE_FORMS: &str = "expected YYYY, YYYY-MM or YYYY-MM-DD";

fn parse_number(part: &str, digits: usize, what: &str, text: &str) -> Result<u16, DateError> {
    if part.len() != digits || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError(format!(
            "invalid date \"{text}\": the {what} must have {digits} digits ({DATE_FORMS})"
        )));
    }
    part.parse()
        .map_err(|_| DateError(format!("invalid date \"{text}\": {DATE_FORMS}")))
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut parts = text.split('-');
        let year = parse_number(parts.next().unwrap_or_default(), 4, "year", text)?;
        if year == 0 {
            return Err(DateError(format!(
                "impossible date \"{text}\": there is no year 0000 (years run from 0001)"
            )));
        }
        let month = parts
            .next()
            .map(|part| parse_number(part, 2, "month", text))
            .transpose()?;
        let day = parts
            .next()
            .map(|part| parse_number(part, 2, "day", text))
            .transpose()?;
        if parts.next().is_some() {
            return Err(DateError(format!(
                "invalid date \"{text}\": too many parts ({DATE_FORMS})"
            )));
        }
        let month = match month {
            Some(m @ 1..=12) => Some(m as u8),
            Some(m) => {
                return Err(DateError(format!(
                    "impossible date \"{text}\": month {m} is not between 01 and 12"
                )));
            }
            None => None,
        };
        let day = match (month, day) {
            (Some(m), Some(d)) => {
                let last = days_in_month(year, m);
                if d == 0 || d > u16::from(last) {
                    return Err(DateError(format!(
                        "impossible date \"{text}\": day {d} is not between 01 and {last} in that month"
                    )));
                }
                Some(d as u8)
            }
            _ => None,
        };
        Ok(PartialDate { year, month, day })
    }
}

/// When something happened or held: one date, or a span whose ends may be
/// open. Written in data files as `"2025-07-31"`, `"2015.."`, `"..2024-12"`
/// or `"2011..2024"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum When {
    /// A single (partial) date.
    On(PartialDate),
    /// From a date on, with no known end (`"2015.."`).
    Since(PartialDate),
    /// Up to a date, with no known start (`"..2024-12"`).
    Until(PartialDate),
    /// A closed span (`"2011..2024"`); the end never precedes the start.
    Between(PartialDate, PartialDate),
}

impl When {
    /// The known ends of this span, `None` where it is open.
    pub fn bounds(&self) -> (Option<PartialDate>, Option<PartialDate>) {
        match *self {
            When::On(d) => (Some(d), Some(d)),
            When::Since(d) => (Some(d), None),
            When::Until(d) => (None, Some(d)),
            When::Between(f, t) => (Some(f), Some(t)),
        }
    }

    /// True when this may overlap the span `[from, to]` (either end open).
    pub fn overlaps(&self, from: Option<&PartialDate>, to: Option<&PartialDate>) -> bool {
        let (start, end) = self.bounds();
        let starts_in_time = match (start, to) {
            (Some(s), Some(t)) => s.earliest() <= t.latest(),
            _ => true,
        };
        let ends_in_time = match (end, from) {
            (Some(e), Some(f)) => e.latest() >= f.earliest(),
            _ => true,
        };
        starts_in_time && ends_in_time
    }
}

/// Whether something had begun by an "as of" date: the one rule the
/// explorer's `<` `>` and `:asof` and `kgx … --as-of` share.
///
/// "As of D" means by the end of D (`2025-01` is 31 January 2025). A start
/// known to a day, month or year is a range of days, from its earliest to
/// its latest; a span with an open start (`..2026-03`) began on some day up
/// to its end. If that whole range is on or before the end of D, the thing
/// had begun ([`Begun::Yes`]); if all of it is after, it had not
/// ([`Begun::No`], hidden); if D falls inside it, nobody can say
/// ([`Begun::Maybe`]: shown, and marked [`Begun::MARK`]). Undated things
/// are always shown: nothing says they had not begun.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Begun {
    /// It had certainly begun by the date.
    Yes,
    /// Its start may be before or after the date.
    Maybe,
    /// It began after the date.
    No,
}

impl Begun {
    /// The mark beside an entry whose start is uncertain against the date.
    pub const MARK: char = '≈';
}

impl When {
    /// Whether this had begun by the end of `as_of`; see [`Begun`].
    pub fn begun_by(&self, as_of: &PartialDate) -> Begun {
        let (start, end) = self.bounds();
        let (earliest, latest) = match (start, end) {
            (Some(start), _) => (Some(start.earliest()), start.latest()),
            (None, Some(end)) => (None, end.latest()),
            (None, None) => return Begun::Yes,
        };
        let by = as_of.latest();
        if latest <= by {
            Begun::Yes
        } else if earliest.is_some_and(|earliest| earliest > by) {
            Begun::No
        } else {
            Begun::Maybe
        }
    }

    /// The date as text, with [`Begun::MARK`] before it when it may not
    /// have begun by `as_of`.
    pub fn label_as_of(&self, as_of: Option<&PartialDate>) -> String {
        match as_of.map(|date| self.begun_by(date)) {
            Some(Begun::Maybe) => format!("{}{self}", Begun::MARK),
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            When::On(date) => write!(f, "{date}"),
            When::Since(from) => write!(f, "{from}.."),
            When::Until(to) => write!(f, "..{to}"),
            When::Between(from, to) => write!(f, "{from}..{to}"),
        }
    }
}

impl FromStr for When {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        let Some((from, to)) = trimmed.split_once("..") else {
            return trimmed.parse().map(When::On);
        };
        if to.contains("..") {
            return Err(DateError(format!(
                "invalid date \"{text}\": a span has one \"..\" between its ends"
            )));
        }
        let end = |part: &str| -> Result<Option<PartialDate>, DateError> {
            let part = part.trim();
            if part.is_empty() {
                Ok(None)
            } else {
                part.parse().map(Some)
            }
        };
        match (end(from)?, end(to)?) {
            (None, None) => Err(DateError(format!(
                "invalid date \"{text}\": a span needs at least one end, as in \"2015..\" or \"..2024-12\""
            ))),
            (Some(f), Some(t)) if t.latest() < f.earliest() => Err(DateError(format!(
                "impossible span \"{text}\": it ends ({t}) before it starts ({f})"
            ))),
            (Some(f), Some(t)) => Ok(When::Between(f, t)),
            (Some(f), None) => Ok(When::Since(f)),
            (None, Some(t)) => Ok(When::Until(t)),
        }
    }
}

impl Serialize for When {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        text.parse().expect("valid date in test")
    }

    #[test]
    fn parses_each_precision() {
        assert_eq!(date("2025").precision(), Precision::Year);
        assert_eq!(date("2025-07").precision(), Precision::Month);
        assert_eq!(date("2025-07-31").precision(), Precision::Day);
        assert_eq!(date("2024-02-29").day, Some(29));
    }

    #[test]
    fn refuses_impossible_dates_with_a_reason() {
        let err = "2025-13-45".parse::<PartialDate>().unwrap_err();
        assert!(err.0.contains("month 13"), "{err}");
        let err = "2025-02-29".parse::<PartialDate>().unwrap_err();
        assert!(err.0.contains("day 29"), "{err}");
        let err = "25-07-31".parse::<PartialDate>().unwrap_err();
        assert!(err.0.contains("year must have 4 digits"), "{err}");
        assert!("2025-7-31".parse::<PartialDate>().is_err());
        assert!("2025-07-31-01".parse::<PartialDate>().is_err());
        assert!("July 2025".parse::<PartialDate>().is_err());
        assert!("0000".parse::<PartialDate>().is_err());
        assert!("".parse::<PartialDate>().is_err());
    }

    #[test]
    fn spans_open_at_either_end_round_trip_through_text() {
        for text in ["2015..", "..2024-12", "2011..2024", "2024-12-08", "2025-07"] {
            let when: When = text.parse().expect("valid span");
            assert_eq!(when.to_string(), text);
        }
    }

    #[test]
    fn refuses_spans_that_end_before_they_start() {
        let err = "2024..2011".parse::<When>().unwrap_err();
        assert!(
            err.0.contains("ends (2011) before it starts (2024)"),
            "{err}"
        );
        assert!("..".parse::<When>().is_err());
        let err = "..2015..".parse::<When>().unwrap_err();
        assert!(err.0.contains("one \"..\""), "{err}");
        assert!(
            "2024-12..2024".parse::<When>().is_ok(),
            "same year overlaps"
        );
    }

    #[test]
    fn coarse_dates_sort_before_finer_ones_of_the_same_start() {
        let mut dates = [
            date("2024-12-08"),
            date("2024"),
            date("2024-12"),
            date("2015"),
        ];
        dates.sort();
        let texts: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(texts, ["2015", "2024", "2024-12", "2024-12-08"]);
    }

    fn begun(when: &str, as_of: &str) -> Begun {
        when.parse::<When>()
            .expect("valid span")
            .begun_by(&date(as_of))
    }

    #[test]
    fn as_of_shows_what_had_surely_begun_and_marks_what_may_have() {
        // A January visit, as of New Year's Day: it may not have happened.
        assert_eq!(begun("2025-01", "2025-01-01"), Begun::Maybe);
        assert_eq!(
            begun("2025-01", "2025-01"),
            Begun::Yes,
            "by the month's end"
        );
        assert_eq!(begun("2025-07-31", "2025-07"), Begun::Yes);
        assert_eq!(begun("2025", "2025-06-30"), Begun::Maybe);
        assert_eq!(begun("2025-02", "2025-01-31"), Begun::No);
        // Planned by March 2026, start unknown: marked until then.
        assert_eq!(begun("..2026-03", "2011"), Begun::Maybe);
        assert_eq!(begun("..2026-03", "2026-03-31"), Begun::Yes);
        assert_eq!(begun("2015..", "2014"), Begun::No);
        assert_eq!(begun("2011..2024-12", "2011-03"), Begun::Maybe);
        let visit: When = "2025-01".parse().expect("valid");
        assert_eq!(visit.label_as_of(Some(&date("2025-01-01"))), "≈2025-01");
        assert_eq!(visit.label_as_of(Some(&date("2025-02"))), "2025-01");
        assert_eq!(visit.label_as_of(None), "2025-01");
    }

    #[test]
    fn overlap_respects_open_ends() {
        let war: When = "2011..2024".parse().unwrap();
        assert!(war.overlaps(Some(&date("2020")), None));
        assert!(!war.overlaps(Some(&date("2025")), None));
        assert!(war.overlaps(None, Some(&date("2011-03"))));
        assert!(!war.overlaps(None, Some(&date("2010"))));
    }
}
