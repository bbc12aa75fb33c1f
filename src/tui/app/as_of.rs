//! The "as of" cursor: stepping through the dates on which something
//! began, and setting one.

use super::*;

impl App {
    /// Moves the "as of" cursor along the dates on which something began.
    pub(super) fn step_as_of(&mut self, step: isize) {
        if self.milestones.is_empty() {
            self.message = Some("nothing in this graph is dated".into());
            return;
        }
        let last = self.milestones.len() as isize - 1;
        let current = self
            .relation_filter
            .until
            .and_then(|date| self.milestones.iter().position(|m| *m == date));
        let next = match current {
            Some(at) => at as isize + step,
            None if step < 0 => last,
            // "Now" is past the last date: `>` goes no further.
            None => {
                self.message = Some("as of now: nothing happened later".into());
                return;
            }
        };
        let date = if (0..=last).contains(&next) {
            Some(self.milestones[next as usize])
        } else {
            None
        };
        self.set_as_of(date);
    }

    /// Whether something dated `when` had begun by the "as of" date in
    /// force: [`Begun::Maybe`](crate::model::Begun::Maybe) is shown and
    /// marked `≈` in every view; without a date, everything had begun.
    pub fn begun(&self, when: &crate::model::When) -> crate::model::Begun {
        self.relation_filter
            .until
            .map_or(crate::model::Begun::Yes, |date| when.begun_by(&date))
    }

    /// Whether a relation's start may fall after the "as of" date in
    /// force, so that it is marked `≈` wherever it is shown.
    pub fn uncertain(&self, relation: EdgeIndex) -> bool {
        self.graph
            .relation(relation)
            .date()
            .is_some_and(|when| self.begun(&when) == crate::model::Begun::Maybe)
    }

    /// Hides everything that began after `date` (`None`: shows all).
    pub(super) fn set_as_of(&mut self, date: Option<PartialDate>) {
        self.relation_filter.until = date;
        self.message = Some(match date {
            Some(date) => format!(
                "as of {date}: later ones hidden, {} may not have begun yet",
                crate::model::Begun::MARK
            ),
            None => "as of now: everything is shown".into(),
        });
        self.refresh_list();
    }
}
