//! Everything a person can do in the explorer, as values: keys and mouse
//! events become actions (see `keymap`), and only `App::update` acts on them.

/// One pane of the main screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pane {
    /// The list of actors, with the filter.
    Actors,
    /// The focused actor and its relations.
    Relations,
    /// The selected relation's evidence and the other actor's card.
    Evidence,
}

/// A user's intent, independent of the key or click that expressed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Move the selection in the current pane by this many rows.
    Move(isize),
    /// Move by a page in the current pane (negative: up).
    Page(isize),
    /// Select the first row.
    First,
    /// Select the last row.
    Last,
    /// Focus the next pane (Tab).
    NextPane,
    /// Focus the previous pane (Shift-Tab).
    PreviousPane,
    /// Focus a pane by name.
    FocusPane(Pane),
    /// Enter: open the selected actor, or jump along the selected relation.
    Activate,
    /// Go back to the previous focus.
    Back,
    /// Go forward again after going back.
    Forward,
    /// Start typing the actor filter.
    StartFilter,
    /// A character typed into the filter.
    FilterChar(char),
    /// Delete the last character of the filter.
    FilterBackspace,
    /// Keep the filter and focus its top match.
    AcceptFilter,
    /// Clear the filter (or close the overlay that is open).
    Cancel,
    /// Sort the actor list by name or by number of relations.
    ToggleSort,
    /// Mark or unmark the selected actor.
    ToggleMark,
    /// Show only relations among marked actors, or everything again.
    ToggleMarkedOnly,
    /// Open the filter menu (actor kinds, relation kinds, statuses, stances).
    OpenFilters,
    /// In the filter menu: switch the selected option on or off.
    ToggleOption,
    /// Remove every filter except the name filter.
    ClearFilters,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Turn mouse capture off (for the terminal's own text selection) or on.
    ToggleMouse,
    /// A left click at a screen cell.
    Click { column: u16, row: u16 },
    /// The wheel turned over a screen cell (positive: down).
    Scroll { column: u16, row: u16, lines: isize },
    /// The terminal has a new size.
    Resize { width: u16, height: u16 },
    /// Leave the explorer.
    Quit,
}
