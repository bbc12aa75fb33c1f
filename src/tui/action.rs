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
    /// The neighbourhood drawing.
    Graph,
    /// The paths found between two actors.
    Path,
    /// Dated relations and events in time order.
    Timeline,
    /// The table of centrality measures.
    Stats,
}

/// A way of looking at the graph; number keys switch between them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum View {
    /// Actors, the focus's relations and their evidence, as lists.
    Explore,
    /// The focus and its neighbours drawn around it.
    Graph,
    /// How two actors are connected.
    Path,
    /// What happened when.
    Timeline,
    /// Who is central.
    Stats,
}

impl View {
    /// Every view, in tab order (key 1 to 5).
    pub const ALL: [View; 5] = [
        View::Explore,
        View::Graph,
        View::Path,
        View::Timeline,
        View::Stats,
    ];

    /// The view's name, as on its tab and in `:view NAME`.
    pub fn name(self) -> &'static str {
        match self {
            View::Explore => "explore",
            View::Graph => "graph",
            View::Path => "path",
            View::Timeline => "timeline",
            View::Stats => "stats",
        }
    }

    /// The panes keys can act on in this view, in Tab order.
    pub fn panes(self) -> &'static [Pane] {
        match self {
            View::Explore => &[Pane::Actors, Pane::Relations, Pane::Evidence],
            View::Graph => &[Pane::Actors, Pane::Graph],
            View::Path => &[Pane::Actors, Pane::Path],
            View::Timeline => &[Pane::Timeline],
            View::Stats => &[Pane::Stats],
        }
    }
}

/// What printable keys mean at the moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputMode {
    /// Keys are commands.
    Keys,
    /// Keys are typed into the actor filter.
    Filter,
    /// Keys are typed into the `:` command line.
    Command,
    /// Keys are typed into the search (Ctrl-f).
    Search,
}

/// A change to a line being typed, with the cursor in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    /// To the start (Ctrl-a, Home).
    Start,
    /// To the end (Ctrl-e, End).
    End,
    /// One character left (←).
    Left,
    /// One character right (→).
    Right,
    /// To the start of the word before (Alt-b).
    WordLeft,
    /// To the end of the word after (Alt-f).
    WordRight,
    /// Delete the word before the cursor (Ctrl-w).
    DeleteWordBefore,
    /// Delete everything before the cursor (Ctrl-u).
    DeleteToStart,
    /// Delete everything from the cursor on (Ctrl-k).
    DeleteToEnd,
    /// Delete the character under the cursor (Delete).
    Delete,
}

/// A person's intent, independent of the key or click that expressed it
/// (and the terminal's new size); what work returns is a [`Report`].
#[derive(Clone, Debug, PartialEq)]
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
    /// Switch to a view (number keys).
    ShowView(View),
    /// Enter: open the selected actor, or jump along the selected relation.
    Activate,
    /// Go back to the previous focus.
    Back,
    /// Go forward again after going back.
    Forward,
    /// Start typing a new actor filter.
    StartFilter,
    /// A character typed into the filter.
    FilterChar(char),
    /// Delete the last character of the filter.
    FilterBackspace,
    /// Recall an earlier (negative) or later query kept with Enter.
    FilterHistory(isize),
    /// Keep the filter and focus the selected match.
    AcceptFilter,
    /// Clear the filter (or close the overlay that is open).
    Cancel,
    /// Ask the SPARQL endpoint again what failed or was cancelled.
    Retry,
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
    /// Open the problems overlay: the file's load problems or its lint
    /// findings.
    ShowProblems,
    /// Turn mouse capture off (for the terminal's own text selection) or on.
    ToggleMouse,
    /// Draw the neighbourhood one step deeper (positive) or shallower.
    Depth(isize),
    /// Make the selected actor the start of the next path search.
    SetPathStart,
    /// Find paths from the start to the selected actor.
    FindPath,
    /// In the path view: follow arrows, or ignore them.
    ToggleDirected,
    /// In the path view: go around the selected actor, or no longer.
    ToggleAvoid,
    /// In the path view: all shortest paths, or the k shortest of any length.
    TogglePathMode,
    /// Move the "as of" cursor to the next (positive) or previous date on
    /// which something happened; past the last date it shows everything.
    StepAsOf(isize),
    /// Copy the selected relation as a citation (through the terminal).
    CopyRelation,
    /// Copy the actor's card.
    CopyActor,
    /// Unmark every marked actor.
    ClearMarks,
    /// Open the data file in the person's editor at the selected record.
    EditRecord,
    /// Start typing a search of the relations and their evidence.
    StartSearch,
    /// A character typed into the search.
    SearchChar(char),
    /// Delete the search's last character.
    SearchBackspace,
    /// Keep the search and go back to the keys.
    AcceptSearch,
    /// Select the next (positive) or previous relation the search matches.
    SearchStep(isize),
    /// A key that does nothing on the main screen, as help shows it.
    Unbound(String),
    /// Open the `:` command line.
    OpenCommand,
    /// A character typed into the command line.
    CommandChar(char),
    /// Delete the command line's character before the cursor.
    CommandBackspace,
    /// Move the command line's cursor or delete around it.
    CommandEdit(Edit),
    /// Complete the word being typed (again: the next candidate).
    CommandComplete,
    /// Recall an earlier (negative) or later command.
    CommandHistory(isize),
    /// Run the command typed.
    RunCommand,
    /// A left click at a screen cell.
    Click { column: u16, row: u16 },
    /// The wheel turned over a screen cell (positive: down).
    Scroll { column: u16, row: u16, lines: isize },
    /// The terminal has a new size.
    Resize { width: u16, height: u16 },
    /// `q`: leave the explorer, or close the overlay that is open.
    Quit,
    /// Ctrl-c: leave the explorer whatever is open.
    QuitNow,
}

/// What work outside the app reports back: background results, the file
/// reloaded, a message, time passing, and what a frame drawn found out.
/// Kept apart from [`Action`], what the person asked for, so each `match`
/// says which of the two it handles.
#[derive(Debug)]
pub enum Report {
    /// Show a message that something outside the app reported (a file
    /// written, or not).
    Notify(String),
    /// Centrality measures computed in the background.
    CentralityReady {
        /// The request it answers; older ones are dropped.
        ticket: crate::tui::app::Ticket,
        /// The measures.
        centrality: std::sync::Arc<crate::graph::Centrality>,
    },
    /// The open file changed on disk and was read again.
    Reloaded(crate::tui::app::Reload),
    /// The neighbourhood to draw, chosen in the background (the drawing
    /// places it).
    NeighbourhoodReady {
        /// The request it answers; older ones are dropped.
        ticket: crate::tui::app::Ticket,
        /// Who is drawn.
        ego: std::sync::Arc<crate::graph::Ego>,
    },
    /// The timeline's entries, ordered in the background.
    TimelineReady {
        /// The request it answers; older ones are dropped.
        ticket: crate::tui::app::Ticket,
        /// Every dated entry in the filters, in time order.
        moments: std::sync::Arc<Vec<crate::graph::Moment>>,
    },
    /// The actors a filter query lists, matched in the background.
    MatchesReady {
        /// The request it answers; older ones are dropped.
        ticket: crate::tui::app::Ticket,
        /// The query they match.
        query: String,
        /// The list, best match first.
        matches: std::sync::Arc<crate::tui::app::Matches>,
    },
    /// The k shortest paths, found in the background.
    PathsReady {
        /// The request it answers; older ones are dropped.
        ticket: crate::tui::app::Ticket,
        /// The paths, shortest first.
        paths: std::sync::Arc<Vec<crate::graph::Path>>,
        /// The search ran out of work before finding them all.
        cut: bool,
    },
    /// The lint findings of the graph shown, found in the background.
    LintReady {
        /// The request it answers; older ones are dropped.
        ticket: crate::tui::app::Ticket,
        /// The findings, placed in the file when it is RON.
        report: crate::tui::app::LintFindings,
    },
    /// An answer from the SPARQL endpoint explored.
    RemoteReady(crate::tui::app::RemoteAnswer),
    /// What the frame just drawn found out that the state needs.
    Drawn(crate::tui::app::Drawn),
    /// Time passed: it is now this instant. Time reaches the state only
    /// this way, so what depends on it (messages timing out, a question
    /// to a SPARQL endpoint waiting for the focus to settle) is tested
    /// without waiting.
    Tick(std::time::Instant),
}

/// What reaches `App::update`: what the person asked for, or what work
/// outside the app reported back.
#[derive(Debug)]
pub enum Message {
    /// Keys, clicks and the terminal's size, as actions.
    Asked(Action),
    /// What came back.
    Reported(Report),
}

impl From<Action> for Message {
    fn from(action: Action) -> Message {
        Message::Asked(action)
    }
}

impl From<Report> for Message {
    fn from(report: Report) -> Message {
        Message::Reported(report)
    }
}
