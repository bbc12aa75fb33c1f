//! The explorer's state and the one function that changes it. Nothing here
//! draws or touches the terminal, so every behaviour is testable as
//! `update(action)` followed by a look at the state. What must happen
//! outside (writing a file) is asked for as an [`Effect`].

mod as_of;
mod breadcrumb;
mod citation;
mod command;
mod counts;
mod filters;
mod graph_view;
mod help;
mod highlights;
mod jobs;
mod line_edit;
mod lint;
mod listing;
mod marks;
mod matching;
mod mouse;
mod movement;
mod name_widths;
mod navigation;
mod path_view;
mod records;
mod reload;
mod remote;
mod search;
mod stats_view;
mod task;
mod timeline_view;
mod views;
mod vocabulary;

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use nucleo_matcher::{Config, Matcher};

use ratatui::layout::{Position, Rect};

use super::action::{Action, InputMode, Message, Pane, Report, View};
use super::filter;
use super::geometry::text::{self, clip};
use super::geometry::{columns, layout};
use super::history::History;
use super::keymap::{Keymap, QUERY_KEYS};
use crate::graph::{
    Direction, EdgeIndex, KnowledgeGraph, Link, NodeIndex, RelationFilter, Scope, begun_by,
};
use crate::model::{ActorKind, PartialDate, Stance, Status};
use name_widths::NameWidths;

pub use breadcrumb::{Breadcrumb, Crumb, ELIDED, SEPARATOR};
pub use command::{COMMANDS, CommandLine};
pub use graph_view::GraphView;
use jobs::Jobs;
pub use jobs::{JobKind, Ticket};
pub use lint::LintFindings;
pub use matching::Matches;
use movement::nearest;
pub use path_view::{MOST_PATHS, PathMode, PathRow, PathSearch, PathView};
pub use reload::Reload;
pub use remote::{RemoteAnswer, RemoteStart};
pub use search::occurrences;
pub use stats_view::{StatsColumn, StatsView};
use task::Job;
pub use task::Task;
pub use timeline_view::TimelineView;
use vocabulary::Vocabulary;

/// Something the app needs done outside itself; the terminal shell does it
/// and reports back with an action.
#[derive(Debug)]
pub enum Effect {
    /// Write `graph` to `path` in `format` (`:export`).
    Export {
        /// What is shown, as a graph of its own.
        graph: Box<KnowledgeGraph>,
        /// The file format.
        format: crate::formats::Format,
        /// Where to write.
        path: PathBuf,
        /// Replace the file if it exists (`:export!`).
        force: bool,
        /// What the file leaves out of what the graph says about the
        /// shown actors, to add to the report.
        note: Option<String>,
    },
    /// Run a slow computation off the UI thread.
    Compute(Task),
    /// Put this text on the clipboard (OSC 52, through the terminal).
    Copy(String),
    /// Open `file` in the person's editor, at `line` when known, and give
    /// the terminal back to the explorer when it closes.
    Edit {
        /// The data file.
        file: PathBuf,
        /// The line the record starts on, from 1.
        line: Option<usize>,
    },
}

/// What only drawing finds out and the state needs, handed back after each
/// frame ([`Report::Drawn`]) as television's `draw` hands back its layout:
/// the state never asks the drawing code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drawn {
    /// How far the evidence pane scrolls before its last line reaches the
    /// top of its window; `None` when it was not drawn.
    pub evidence_max_scroll: Option<u16>,
    /// Where the graph view placed the neighbourhood's members (their
    /// labels are what a click lands on); `None` when it was not drawn.
    pub graph: Option<crate::tui::geometry::radial::Placement>,
}

/// How the actor list is ordered when no filter text ranks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    /// Most relations first: the hubs of the story.
    Degree,
    /// Alphabetical by name.
    Name,
}

/// Which of an actor's texts the name filter matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchedOn {
    /// Its name.
    Name,
    /// Its alias at this index.
    Alias(usize),
    /// Its id.
    Id,
}

/// An actor in the list, with which of its texts the filter matched: the
/// row shows the alias or id beside the name when the match is there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListedActor {
    /// The actor.
    pub node: NodeIndex,
    /// The text matched.
    pub on: MatchedOn,
}

impl ListedActor {
    /// An actor listed without a query.
    pub fn plain(node: NodeIndex) -> ListedActor {
        ListedActor {
            node,
            on: MatchedOn::Name,
        }
    }
}

/// A row of the relations pane: a group heading or a relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelationRow {
    /// Start of the outgoing, incoming or mutual group.
    Heading(Direction, usize),
    /// One relation of the focused actor.
    Link(Link),
}

/// A list's selected row and the first row shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    /// Index of the selected row.
    pub selected: usize,
    /// Index of the first visible row.
    pub offset: usize,
}

/// An option of the filter menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilterOption {
    /// Show actors of this kind.
    ActorKind(ActorKind),
    /// Show relations of this kind.
    RelationKind(String),
    /// Show relations with this status.
    Status(Status),
    /// Show relations with this stance.
    Stance(Stance),
    /// Keep listing actors a status, stance or relation-kind filter
    /// leaves without a shown relation.
    Unrelated,
}

/// A filter in force, shown as a chip in the status bar; a click on the
/// chip removes the filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chip {
    /// The name filter typed after `/`.
    Query,
    /// Only some actor kinds are shown.
    ActorKinds,
    /// Only some statuses are shown.
    Statuses,
    /// Only some stances are shown.
    Stances,
    /// Only some relation kinds are shown.
    RelationKinds,
    /// Only marked actors are shown.
    MarkedOnly,
    /// Only what had begun by a date is shown.
    AsOf,
    /// Paths go around some actors (`x` in the path view).
    Avoided,
}

/// A window over the main screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// The key bindings, scrolled by this many lines.
    Help { scroll: u16 },
    /// The filter menu, with this option selected.
    Filters { selected: usize },
    /// What is wrong with the open file's new version, scrolled by this
    /// many lines.
    Problems { scroll: u16 },
}

/// Everything the explorer shows, and nothing about how it is drawn.
pub struct App {
    graph: Arc<KnowledgeGraph>,
    /// What the graph uses, counted once per graph.
    vocabulary: Vocabulary,
    /// The relation last selected for each actor visited, so going back
    /// returns to the row that was followed.
    last_relation: HashMap<NodeIndex, EdgeIndex>,
    width: u16,
    height: u16,
    pane: Pane,
    overlay: Option<Overlay>,
    editing_filter: bool,
    query: String,
    sort: Sort,
    actor_kinds: BTreeSet<ActorKind>,
    relation_filter: RelationFilter,
    marked: BTreeSet<NodeIndex>,
    marked_only: bool,
    /// Actors a status, stance or relation-kind filter leaves without a
    /// shown relation stay listed (by default they go: a filter asks
    /// "who took part in these").
    keep_unrelated: bool,
    /// How many actors the relation filters leave without a shown
    /// relation (listed or not, as `keep_unrelated` says).
    unrelated: usize,
    /// The actors and relations every view shows; rebuilt with the list.
    scope: Scope,
    /// Bumped whenever `scope` changes, so views know to recompute.
    scope_generation: u64,
    /// The work running in the background, by kind.
    jobs: Jobs,
    /// The dates the "as of" cursor stops at.
    milestones: Vec<PartialDate>,
    view: View,
    graph_view: GraphView,
    path_view: PathView,
    timeline: TimelineView,
    stats: StatsView,
    /// The scope generation the statistics were asked for.
    stats_scope: Option<u64>,
    /// Graphs with more relations than this draw the neighbourhood and
    /// order the timeline on a worker thread.
    background_above: usize,
    /// The scope generation the timeline's entries are for.
    timeline_scope: Option<u64>,
    /// What the graph, timeline and statistics views were computed from.
    view_inputs: [Option<views::ViewInputs>; 3],
    command: Option<CommandLine>,
    command_history: Vec<String>,
    effects: Vec<Effect>,
    listed: Vec<ListedActor>,
    /// Actors the query `listed` was computed for matches, or may match,
    /// with letters scattered through a text, which the list leaves out.
    left_out: Vec<NodeIndex>,
    /// The query `listed` was computed for: a query that only grew since
    /// needs to look at those actors (and `left_out`) alone.
    listed_for: String,
    /// The queries kept with Enter, oldest first.
    query_history: Vec<String>,
    /// The entry of `query_history` the query was recalled from, while it
    /// is not edited since.
    query_recalled: Option<usize>,
    /// The scope generation `listed` was computed for.
    listed_scope: u64,
    /// The actor list's selection and scroll.
    actor_cursor: Cursor,
    focus: Option<NodeIndex>,
    /// True once the focus was chosen (Enter, a jump, back/forward) rather
    /// than merely previewed by moving through the list.
    focus_chosen: bool,
    history: History,
    rows: Vec<RelationRow>,
    /// The relation rows' selection and scroll.
    relation_cursor: Cursor,
    evidence_scroll: u16,
    /// What the last frame drawn reported.
    drawn: Drawn,
    message: Option<String>,
    /// The message last seen by a [`Report::Tick`] and when it was first
    /// seen, so it can give the line back to the hints.
    message_seen: Option<(String, Instant)>,
    /// The time the last [`Report::Tick`] brought, and the first tick's
    /// since the screen began waiting for work: the spinner's clock.
    clock: Option<Instant>,
    busy_since: Option<Instant>,
    mouse: bool,
    quit: bool,
    matcher: Matcher,
    /// The matched characters of the actor rows on screen.
    highlights: highlights::Highlights,
    /// The keys in force, for help and hints to show.
    keymap: Arc<Keymap>,
    /// What is wrong with the open file, since its last reload failed.
    problems: Option<Arc<crate::load::LoadError>>,
    /// What reading the graph shown changed or left out, if anything.
    warnings: Option<Arc<crate::load::Warnings>>,
    /// The lint's findings on the graph shown.
    lint: lint::LintState,
    /// The word Ctrl-f searches the relations for.
    search: search::Search,
    /// Each actor's relations that the scope shows.
    shown_degrees: counts::ShownDegrees,
    /// The widest relation phrase and other actor's name among `rows`, in
    /// cells: the relation columns fit them.
    row_widths: (usize, usize),
    /// Every actor's name width, for sizing the relations pane's columns.
    name_widths: NameWidths,
    /// The SPARQL endpoint explored, when the graph comes from one.
    remote: Option<Box<remote::RemoteState>>,
}

impl App {
    /// An explorer on `graph` for a screen of `width` × `height`, showing
    /// the most connected actor first.
    pub fn new(graph: KnowledgeGraph, width: u16, height: u16) -> App {
        let milestones = graph.milestones();
        let vocabulary = Vocabulary::of(&graph);
        let mut app = App {
            graph: Arc::new(graph),
            vocabulary,
            last_relation: HashMap::new(),
            width,
            height,
            pane: Pane::Actors,
            overlay: None,
            editing_filter: false,
            query: String::new(),
            sort: Sort::Degree,
            actor_kinds: BTreeSet::new(),
            relation_filter: RelationFilter::default(),
            marked: BTreeSet::new(),
            marked_only: false,
            keep_unrelated: false,
            unrelated: 0,
            scope: Scope::default(),
            scope_generation: 0,
            jobs: Jobs::default(),
            milestones,
            view: View::Explore,
            graph_view: GraphView::default(),
            path_view: PathView::default(),
            timeline: TimelineView::default(),
            stats: StatsView::default(),
            stats_scope: None,
            background_above: BACKGROUND_ABOVE,
            timeline_scope: None,
            view_inputs: Default::default(),
            command: None,
            command_history: Vec::new(),
            effects: Vec::new(),
            listed: Vec::new(),
            left_out: Vec::new(),
            listed_for: String::new(),
            query_history: Vec::new(),
            query_recalled: None,
            listed_scope: 0,
            actor_cursor: Cursor::default(),
            focus: None,
            focus_chosen: false,
            history: History::default(),
            rows: Vec::new(),
            relation_cursor: Cursor::default(),
            evidence_scroll: 0,
            drawn: Drawn::default(),
            message: None,
            message_seen: None,
            clock: None,
            busy_since: None,
            mouse: true,
            quit: false,
            matcher: Matcher::new(Config::DEFAULT),
            highlights: highlights::Highlights::default(),
            keymap: Arc::default(),
            problems: None,
            warnings: None,
            lint: lint::LintState::default(),
            search: search::Search::default(),
            row_widths: (0, 0),
            name_widths: NameWidths::default(),
            shown_degrees: counts::ShownDegrees::default(),
            remote: None,
        };
        app.refresh_list();
        app.index_actors();
        app
    }

    /// On a graph large enough to match in the background, lays out the
    /// actors' texts for the filter while the person reads the screen, so
    /// that the first letter typed does not wait for it.
    pub(super) fn index_actors(&mut self) {
        if self.matches_in_background() {
            self.effects.push(Effect::Compute(Task {
                job: Job::IndexActors,
                graph: Arc::clone(&self.graph),
                scope: Scope::default(),
                progress: Arc::default(),
            }));
        }
    }

    /// The same explorer with the key bindings of the config file, so
    /// help and hints show the keys that work.
    pub fn with_keymap(mut self, keymap: Arc<Keymap>) -> App {
        self.keymap = keymap;
        self
    }

    /// The same explorer with what reading its graph changed or left out,
    /// which the problems overlay shows; the status line says so.
    pub fn with_warnings(mut self, warnings: crate::load::Warnings) -> App {
        if !warnings.is_empty() {
            self.message = Some(format!(
                "read with {}",
                self.warnings_note(&warnings).trim_start_matches(", ")
            ));
            self.warnings = Some(Arc::new(warnings));
        }
        self
    }

    /// ", 3 warnings (p shows them)", for a status message.
    fn warnings_note(&self, warnings: &crate::load::Warnings) -> String {
        let key = self.keymap.first_key("problems");
        match warnings.count() {
            1 => format!(", 1 warning ({key} shows it)"),
            n => format!(", {n} warnings ({key} shows them)"),
        }
    }

    /// What reading the graph shown changed or left out, if anything.
    pub fn warnings(&self) -> Option<&crate::load::Warnings> {
        self.warnings.as_deref()
    }

    /// The keys in force.
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// What is wrong with the open file, while its last reload failed.
    pub fn problems(&self) -> Option<&crate::load::LoadError> {
        self.problems.as_deref()
    }

    /// Applies what the person asked for or what work outside reported.
    /// The only way the state changes.
    pub fn update(&mut self, message: impl Into<Message>) {
        match message.into() {
            Message::Asked(action) => self.asked(action),
            Message::Reported(report) => self.reported(report),
        }
        self.highlight_rows_in_view();
    }

    /// Takes what came back from outside, whatever is open.
    fn reported(&mut self, report: Report) {
        match report {
            Report::Notify(message) => self.message = Some(message),
            Report::CentralityReady { ticket, centrality } => {
                self.centrality_ready(ticket, centrality);
            }
            Report::NeighbourhoodReady { ticket, ego } => self.neighbourhood_ready(ticket, ego),
            Report::TimelineReady { ticket, moments } => self.timeline_ready(ticket, moments),
            Report::MatchesReady {
                ticket,
                query,
                matches,
            } => self.matches_ready(ticket, query, matches),
            Report::PathsReady { ticket, paths, cut } => self.paths_ready(ticket, paths, cut),
            Report::Reloaded(reload) => self.reloaded(reload),
            Report::LintReady { ticket, report } => self.lint_ready(ticket, report),
            Report::RemoteReady(answer) => self.remote_ready(answer),
            Report::Tick(now) => self.tick(now),
            Report::Drawn(drawn) => {
                if let Some(most) = drawn.evidence_max_scroll {
                    self.evidence_scroll = self.evidence_scroll.min(most);
                }
                self.drawn = drawn;
            }
        }
    }

    /// Does what the person asked for, in the overlay or line that is open.
    fn asked(&mut self, action: Action) {
        match action {
            Action::QuitNow => {
                self.quit = true;
                return;
            }
            Action::Resize { .. } | Action::Scroll { .. } => {}
            _ => self.message = None,
        }
        if self.remote_takes(&action) {
            return;
        }
        match self.overlay {
            Some(Overlay::Help { scroll }) => self.update_help(action, scroll),
            Some(Overlay::Problems { scroll }) => self.update_problems(action, scroll),
            Some(Overlay::Filters { selected }) => self.update_filters(action, selected),
            None if self.command.is_some() => self.update_command(action),
            None if self.search.editing => self.update_search(action),
            None => self.update_main(action),
        }
        self.refresh_view();
        // After a resize or a change of view, the lists' windows too.
        self.keep_visible();
        self.remote_follow();
    }

    fn update_command(&mut self, action: Action) {
        match action {
            Action::CommandChar(c) => self.command_char(c),
            Action::CommandBackspace => self.command_backspace(),
            Action::CommandEdit(edit) => self.command_edit(edit),
            Action::CommandComplete => self.complete_command(),
            Action::CommandHistory(step) => self.recall_command(step),
            Action::RunCommand => self.run_command(),
            Action::Cancel => self.command = None,
            Action::Quit => self.quit = true,
            Action::Resize { width, height } => {
                self.width = width;
                self.height = height;
                self.keep_visible();
            }
            _ => {}
        }
    }

    fn update_search(&mut self, action: Action) {
        match action {
            Action::SearchChar(c) => self.search_char(c),
            Action::SearchBackspace => self.search_backspace(),
            Action::AcceptSearch => self.accept_search(),
            Action::Cancel => self.clear_search(),
            Action::Resize { width, height } => {
                self.width = width;
                self.height = height;
            }
            _ => {}
        }
    }

    fn update_main(&mut self, action: Action) {
        match action {
            Action::Move(rows) if self.editing_filter && self.arrows_recall() => {
                self.recall_query(rows);
            }
            Action::Move(rows) => self.move_by(rows),
            Action::Page(pages) => self.move_by(pages * self.page_rows() as isize),
            Action::First => self.move_by(isize::MIN / 2),
            Action::Last => self.move_by(isize::MAX / 2),
            Action::NextPane => self.cycle_pane(1),
            Action::PreviousPane => self.cycle_pane(-1),
            Action::ShowView(view) => self.show_view(view),
            Action::Activate => self.activate(),
            Action::Back => self.go_back(),
            Action::Forward => self.go_forward(),
            Action::StartFilter => self.start_filter(),
            Action::FilterChar(c) => {
                if self.editing_filter && !c.is_control() {
                    self.query.push(c);
                    self.query_recalled = None;
                    self.refresh_list();
                }
            }
            Action::FilterBackspace => {
                if self.editing_filter && self.query.pop().is_some() {
                    self.query_recalled = None;
                    self.refresh_list();
                }
            }
            Action::FilterHistory(step) => {
                if self.editing_filter {
                    self.recall_query(step);
                }
            }
            Action::AcceptFilter => self.accept_filter(),
            Action::Cancel if self.jobs.running(JobKind::Paths) => self.cancel_path_search(),
            Action::Cancel if self.search_word().is_some() && !self.editing_filter => {
                self.clear_search();
            }
            Action::Cancel => {
                if self.editing_filter || !self.query.is_empty() {
                    self.editing_filter = false;
                    self.query_recalled = None;
                    self.query.clear();
                    self.refresh_list();
                    self.select_focus_in_list();
                }
            }
            Action::ToggleSort if self.view == View::Stats => self.next_stats_column(),
            Action::ToggleSort => {
                self.sort = match self.sort {
                    Sort::Degree => Sort::Name,
                    Sort::Name => Sort::Degree,
                };
                self.refresh_list();
            }
            Action::ToggleMark => self.toggle_mark(),
            Action::ClearMarks => self.clear_marks(),
            Action::CopyRelation => self.copy_relation(),
            Action::CopyActor => self.copy_actor(),
            Action::EditRecord => self.edit_record(),
            Action::StartSearch => self.start_search(),
            Action::SearchStep(step) => self.step_search(step),
            Action::Unbound(key) => {
                self.message = Some(format!(
                    "{key}: no action ({} for help)",
                    self.keymap.first_key("help")
                ));
            }
            Action::ToggleMarkedOnly => {
                if self.marked.is_empty() && !self.marked_only {
                    self.message = Some("mark actors with Space first".into());
                } else {
                    self.marked_only = !self.marked_only;
                    self.refresh_list();
                }
            }
            Action::OpenFilters => self.overlay = Some(Overlay::Filters { selected: 0 }),
            Action::ClearFilters => {
                self.actor_kinds.clear();
                self.relation_filter = RelationFilter::default();
                self.keep_unrelated = false;
                self.marked_only = false;
                self.stop_avoiding();
                self.refresh_list();
                self.message = Some("filters cleared".into());
            }
            Action::ToggleOption => {}
            Action::Depth(step) if self.view == View::Timeline => self.zoom_timeline(step),
            Action::Depth(step) => self.change_depth(step),
            Action::SetPathStart => self.set_path_start(),
            Action::FindPath => self.find_path_to_selected(),
            Action::ToggleDirected if self.view == View::Path => self.toggle_directed(),
            Action::ToggleAvoid if self.view == View::Path => self.toggle_avoid(),
            Action::TogglePathMode if self.view == View::Path => self.toggle_path_mode(),
            Action::ToggleDirected | Action::ToggleAvoid | Action::TogglePathMode => {
                self.message = Some("d, x and a change the path view (3)".into());
            }
            Action::StepAsOf(step) => self.step_as_of(step),
            Action::OpenCommand => self.open_command(),
            Action::CommandChar(_)
            | Action::CommandBackspace
            | Action::CommandEdit(_)
            | Action::QuitNow
            | Action::SearchChar(_)
            | Action::SearchBackspace
            | Action::AcceptSearch
            | Action::CommandComplete
            | Action::CommandHistory(_)
            | Action::RunCommand
            | Action::Retry => {}
            Action::ToggleHelp => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::ShowProblems => self.show_problems(),
            Action::ToggleMouse => {
                self.mouse = !self.mouse;
                self.message = Some(if self.mouse {
                    "mouse on".into()
                } else {
                    "mouse off: the terminal can select text; M turns it back on".into()
                });
            }
            Action::Click { column, row } => self.click(column, row),
            Action::Scroll { column, row, lines } => self.scroll(column, row, lines),
            Action::Resize { width, height } => {
                self.width = width;
                self.height = height;
                self.keep_visible();
            }
            Action::Quit => self.quit = true,
        }
    }

    /// A message stays for [`MESSAGE_TIME`] from the first tick that sees
    /// it, then the status line shows the hints again.
    fn tick(&mut self, now: Instant) {
        self.clock = Some(now);
        self.busy_since = match self.busy_since {
            _ if !self.busy() => None,
            None => Some(now),
            since => since,
        };
        self.remote_tick(now);
        let Some(message) = &self.message else {
            self.message_seen = None;
            return;
        };
        match &self.message_seen {
            Some((seen, since)) if seen == message => {
                if now.saturating_duration_since(*since) >= MESSAGE_TIME {
                    self.message = None;
                    self.message_seen = None;
                }
            }
            _ => self.message_seen = Some((message.clone(), now)),
        }
    }

    /// True while a message of the app's own is shown and will time out.
    pub fn message_timing(&self) -> bool {
        self.message.is_some()
    }

    fn update_problems(&mut self, action: Action, scroll: u16) {
        match action {
            Action::Move(rows) | Action::Page(rows) => {
                let scroll = (i64::from(scroll) + rows as i64 * 5).clamp(0, 5000) as u16;
                self.overlay = Some(Overlay::Problems { scroll });
            }
            Action::Resize { width, height } => {
                self.width = width;
                self.height = height;
            }
            Action::Scroll { lines, .. } => {
                let scroll = (i64::from(scroll) + lines as i64).clamp(0, 5000) as u16;
                self.overlay = Some(Overlay::Problems { scroll });
            }
            _ => self.overlay = None,
        }
    }

    /// Recomputes the focused actor's relation rows, keeping the selected
    /// relation when it is still shown.
    fn refresh_rows(&mut self) {
        let previous = self.selected_link().map(|link| link.relation).or_else(|| {
            self.focus
                .and_then(|focus| self.last_relation.get(&focus).copied())
        });
        self.rows.clear();
        let Some(focus) = self.focus else {
            self.relation_cursor = Cursor::default();
            return;
        };
        let links: Vec<Link> = self
            .graph
            .links_by_kind(focus, &self.relation_filter)
            .into_iter()
            .filter(|link| self.scope.shows_actor(link.other))
            .collect();
        for group in links.chunk_by(|a, b| a.direction == b.direction) {
            self.rows
                .push(RelationRow::Heading(group[0].direction, group.len()));
            self.rows
                .extend(group.iter().copied().map(RelationRow::Link));
        }
        // The phrase is the label, or the kind with its underscores as
        // spaces, which are as wide: measured without writing it.
        let phrase = links
            .iter()
            .map(|link| {
                let relation = self.graph.relation(link.relation);
                relation
                    .label()
                    .map_or_else(|| text::width(relation.kind()), text::width)
            })
            .max()
            .unwrap_or(0);
        let other = self
            .name_widths
            .widest(&self.graph, links.iter().map(|link| link.other));
        self.row_widths = (phrase, other);
        let kept = previous.and_then(|relation| {
            self.rows
                .iter()
                .position(|row| matches!(row, RelationRow::Link(l) if l.relation == relation))
        });
        self.relation_cursor.selected = kept.unwrap_or_else(|| self.nearest_link(0, 1));
        if kept.is_none() {
            self.relation_cursor.offset = 0;
        }
        self.keep_visible();
    }

    // ----- what the views read -----

    /// The graph being explored.
    pub fn graph(&self) -> &KnowledgeGraph {
        &self.graph
    }

    /// The view shown.
    pub fn view(&self) -> View {
        self.view
    }

    /// What printable keys mean now.
    pub fn input_mode(&self) -> InputMode {
        if self.overlay.is_some() {
            InputMode::Keys
        } else if self.command.is_some() {
            InputMode::Command
        } else if self.search.editing {
            InputMode::Search
        } else if self.editing_filter {
            InputMode::Filter
        } else {
            InputMode::Keys
        }
    }

    /// Hands over what must be done outside the app; each is done once.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// The actors and relations every view shows.
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// The "as of" date in force, if any.
    pub fn as_of(&self) -> Option<PartialDate> {
        self.relation_filter.until
    }

    /// The neighbourhood drawing's state.
    pub fn graph_view(&self) -> &GraphView {
        &self.graph_view
    }

    /// The path finder's state.
    pub fn path_view(&self) -> &PathView {
        &self.path_view
    }

    /// The timeline's state.
    pub fn timeline(&self) -> &TimelineView {
        &self.timeline
    }

    /// The statistics table's state.
    pub fn stats(&self) -> &StatsView {
        &self.stats
    }

    /// Views of graphs with more relations than `relations` are computed
    /// on worker threads (the default suits a two-core machine).
    pub fn compute_in_background_above(mut self, relations: usize) -> App {
        self.background_above = relations;
        self
    }

    /// True while background work the screen waits for is running.
    pub fn busy(&self) -> bool {
        self.jobs.waited_for().is_some()
    }

    /// The status line's spinner while work the screen waits for runs:
    /// its frame, a tenth of a second each since the first
    /// [`Report::Tick`] that saw the wait, and what is being done.
    pub fn spinner(&self) -> Option<(char, &'static str)> {
        let kind = self.jobs.waited_for()?;
        let elapsed = match (self.clock, self.busy_since) {
            (Some(now), Some(since)) => now.saturating_duration_since(since),
            _ => Duration::ZERO,
        };
        let frame = (elapsed.as_millis() / 100) as usize % SPINNER.len();
        Some((SPINNER[frame], kind.doing()?))
    }

    /// How far the statistics being computed have got (0.0–1.0), while
    /// they are.
    pub fn computing(&self) -> Option<f64> {
        self.jobs.fraction(JobKind::Centrality)
    }

    /// The dates the "as of" cursor stops at, oldest first.
    pub fn milestones(&self) -> &[PartialDate] {
        &self.milestones
    }

    /// The open command line, if any.
    pub fn command(&self) -> Option<&CommandLine> {
        self.command.as_ref()
    }

    /// The screen size the state was laid out for.
    pub fn size(&self) -> (u16, u16) {
        (self.width, self.height)
    }

    /// The pane keys act on.
    pub fn pane(&self) -> Pane {
        self.pane
    }

    /// The open overlay, if any.
    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    /// True while the actor filter is being typed.
    pub fn editing_filter(&self) -> bool {
        self.editing_filter
    }

    /// The actor filter's text.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// How the list is sorted.
    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// The actors shown, in order.
    pub fn listed(&self) -> &[ListedActor] {
        &self.listed
    }

    /// Selection and scroll of the actor list.
    pub fn actor_cursor(&self) -> Cursor {
        self.actor_cursor
    }

    /// The actor selected in the list.
    pub fn selected_actor(&self) -> Option<NodeIndex> {
        self.listed.get(self.actor_cursor.selected).map(|l| l.node)
    }

    /// The actor whose relations are shown.
    pub fn focus(&self) -> Option<NodeIndex> {
        self.focus
    }

    /// The actors jumped through before the focus, oldest first.
    pub fn trail(&self) -> &[NodeIndex] {
        self.history.trail()
    }

    /// How many steps Forward can take.
    pub fn forward_steps(&self) -> usize {
        self.history.forward_len()
    }

    /// The rows of the relations pane.
    pub fn rows(&self) -> &[RelationRow] {
        &self.rows
    }

    /// The relations of `node` shown under the filters, marked-only and
    /// "as of" (all of them when nothing is filtered).
    pub fn shown_degree(&self, node: NodeIndex) -> crate::graph::Degree {
        self.shown_degrees.get(&self.graph, node)
    }

    /// The widest relation phrase and other actor's name among the
    /// relation rows, in cells.
    pub fn relation_text_widths(&self) -> (usize, usize) {
        self.row_widths
    }

    /// Selection and scroll of the relation rows.
    pub fn relation_cursor(&self) -> Cursor {
        self.relation_cursor
    }

    /// The relation selected in the relations pane.
    pub fn selected_link(&self) -> Option<Link> {
        match self.rows.get(self.relation_cursor.selected) {
            Some(RelationRow::Link(link)) => Some(*link),
            _ => None,
        }
    }

    /// How far the evidence pane is scrolled.
    pub fn evidence_scroll(&self) -> u16 {
        self.evidence_scroll
    }

    /// The actors marked with Space.
    pub fn marked(&self) -> &BTreeSet<NodeIndex> {
        &self.marked
    }

    /// True when only relations among marked actors are shown.
    pub fn marked_only(&self) -> bool {
        self.marked_only
    }

    /// The actor kinds shown (empty: all).
    pub fn actor_kinds(&self) -> &BTreeSet<ActorKind> {
        &self.actor_kinds
    }

    /// The relation filter in force.
    pub fn relation_filter(&self) -> &RelationFilter {
        &self.relation_filter
    }

    /// A transient message for the status bar.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref().or_else(|| self.remote_status())
    }

    /// True while the explorer captures the mouse.
    pub fn mouse(&self) -> bool {
        self.mouse
    }

    /// True once the person asked to leave.
    pub fn should_quit(&self) -> bool {
        self.quit
    }
}

/// The frames of the status line's spinner, a tenth of a second each.
pub const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// How long a message holds the status line before the hints come back:
/// long enough to read a sentence.
pub const MESSAGE_TIME: Duration = Duration::from_secs(4);

/// Graphs with more relations than this compute the neighbourhood and the
/// timeline off the UI thread: above it they take longer than a frame.
const BACKGROUND_ABOVE: usize = 200_000;

/// The view whose tab is drawn at `column` of a tab bar `width` cells
/// wide: each tab is its label followed by one space.
pub fn tab_at(column: u16, width: u16) -> Option<View> {
    let mut start = 0usize;
    for (index, view) in View::ALL.into_iter().enumerate() {
        let end = start + text::width(&tab_label(index, view, width));
        if (start..end).contains(&usize::from(column)) {
            return Some(view);
        }
        start = end + 1;
    }
    None
}

/// The text of a view's tab: " 1 explore ", or "1 explore" when the bar
/// is too narrow for the padding.
pub fn tab_label(index: usize, view: View, width: u16) -> String {
    if width < 60 {
        format!("{} {}", index + 1, view.name())
    } else {
        format!(" {} {} ", index + 1, view.name())
    }
}
