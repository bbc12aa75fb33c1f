//! The columns of a relation row: shared by drawing and by mouse handling,
//! so a click on the other actor's name is known.

/// Widths of the columns of a relation row in a list `inner` cells wide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Columns {
    /// The date column (0: no date column), after the one cell of the
    /// "as of" mark `≈`, which no date cuts off.
    pub date: usize,
    /// The relation's phrase.
    pub phrase: usize,
    /// The other actor's name.
    pub other: usize,
}

/// The columns of a relation row in a list `inner` cells wide whose
/// longest phrase and other actor's name are `longest` cells wide: the
/// phrase takes the room the names leave, the names what is left. Shared
/// with mouse handling so a click on the other actor's name is known.
pub fn columns(inner: usize, longest: (usize, usize)) -> Columns {
    // Wide enough for spans such as "2024-12..2025-07" when there is room;
    // very narrow panes drop the date (the evidence pane shows it).
    let date = match inner {
        90.. => 16,
        44.. => 12,
        _ => 0,
    };
    // The lint marker, the status glyph and a space, " → ", the kind
    // letter and a space, and a space and the "as of" mark before the
    // date when there is one.
    let rest = inner.saturating_sub(date + 8 + 2 * usize::from(date > 0));
    let (phrase, other) = longest;
    let phrase = phrase.min(rest.saturating_sub(other).max(rest * 9 / 20));
    Columns {
        date,
        phrase,
        other: rest - phrase,
    }
}

impl Columns {
    /// Cells of the row, from its left edge, that show the other actor
    /// (kind letter and name).
    pub fn other_actor(&self) -> std::ops::Range<usize> {
        let start = 3 + self.phrase + 3;
        start..start + 2 + self.other
    }
}
