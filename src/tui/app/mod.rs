//! The explorer's state and the one function that changes it. Nothing here
//! draws or touches the terminal, so every behaviour is testable as
//! `update(action)` followed by a look at the state. What must happen
//! outside (writing a file) is asked for as an [`Effect`].

mod breadcrumb;
mod citation;
mod command;
mod counts;
mod line_edit;
mod lint;
mod matching;
mod records;
mod reload;
mod remote;
mod search;
mod task;
mod views;
mod vocabulary;

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use nucleo_matcher::{Config, Matcher};

use ratatui::layout::{Position, Rect};

use super::action::{Action, InputMode, Pane, View};
use super::filter;
use super::history::History;
use super::keymap::{Keymap, QUERY_KEYS};
use super::ui::text::{self, clip};
use super::ui::{evidence, layout, relations};
use crate::graph::{
    Direction, EdgeIndex, KnowledgeGraph, Link, NodeIndex, Progress, RelationFilter, Scope,
    begun_by,
};
use crate::model::{ActorKind, PartialDate, Stance, Status};

pub use breadcrumb::{Breadcrumb, Crumb, ELIDED, SEPARATOR};
pub use command::{COMMANDS, CommandLine};
pub use lint::LintFindings;
pub use matching::Matches;
pub use reload::Reload;
pub use remote::{RemoteAnswer, RemoteStart};
pub use search::occurrences;
use task::Job;
pub use task::Task;
pub use views::{
    GraphView, MOST_PATHS, PathMode, PathRow, PathSearch, PathView, StatsColumn, StatsView,
    TimelineView,
};
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

/// An actor in the list, with what the filter matched: the row shows the
/// alias or id beside the name when the match is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedActor {
    /// The actor.
    pub node: NodeIndex,
    /// The text matched.
    pub on: MatchedOn,
    /// Character positions in that text to highlight.
    pub matched: Vec<u32>,
}

impl ListedActor {
    /// An actor listed without a query.
    pub fn plain(node: NodeIndex) -> ListedActor {
        ListedActor {
            node,
            on: MatchedOn::Name,
            matched: Vec::new(),
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
    /// The dates the "as of" cursor stops at.
    milestones: Vec<PartialDate>,
    view: View,
    graph_view: GraphView,
    path_view: PathView,
    timeline: TimelineView,
    stats: StatsView,
    /// The scope generation the statistics were asked for.
    stats_scope: Option<u64>,
    /// How far the statistics being computed have got.
    computing: Option<Arc<Progress>>,
    /// Graphs with more relations than this draw the neighbourhood and
    /// order the timeline on a worker thread.
    background_above: usize,
    /// Numbers background requests, so only the newest answer is taken.
    requests: u64,
    /// The neighbourhood being drawn in the background, and the actor to
    /// select when it arrives.
    graph_request: Option<(u64, Option<NodeIndex>)>,
    /// The timeline being ordered in the background.
    timeline_request: Option<u64>,
    /// The k shortest paths being searched for in the background, and
    /// how to cancel the search.
    path_request: Option<(u64, Arc<Progress>)>,
    /// The filter match running on a worker, if any.
    match_request: Option<(u64, Arc<Progress>)>,
    /// The scope generation the timeline's entries are for.
    timeline_scope: Option<u64>,
    /// What the graph, timeline and statistics views were computed from.
    view_inputs: [Option<views::ViewInputs>; 3],
    command: Option<CommandLine>,
    command_history: Vec<String>,
    effects: Vec<Effect>,
    listed: Vec<ListedActor>,
    /// Actors the query `listed` was computed for matched but the list
    /// leaves out (letters scattered through their names).
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
    actors: Cursor,
    focus: Option<NodeIndex>,
    /// True once the focus was chosen (Enter, a jump, back/forward) rather
    /// than merely previewed by moving through the list.
    focus_chosen: bool,
    history: History,
    rows: Vec<RelationRow>,
    relations: Cursor,
    evidence_scroll: u16,
    message: Option<String>,
    /// The message last seen by a [`Action::Tick`] and when it was first
    /// seen, so it can give the line back to the hints.
    message_seen: Option<(String, Instant)>,
    mouse: bool,
    quit: bool,
    matcher: Matcher,
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
            milestones,
            view: View::Explore,
            graph_view: GraphView::default(),
            path_view: PathView::default(),
            timeline: TimelineView::default(),
            stats: StatsView::default(),
            stats_scope: None,
            computing: None,
            background_above: BACKGROUND_ABOVE,
            requests: 0,
            graph_request: None,
            timeline_request: None,
            path_request: None,
            match_request: None,
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
            actors: Cursor::default(),
            focus: None,
            focus_chosen: false,
            history: History::default(),
            rows: Vec::new(),
            relations: Cursor::default(),
            evidence_scroll: 0,
            message: None,
            message_seen: None,
            mouse: true,
            quit: false,
            matcher: Matcher::new(Config::DEFAULT),
            keymap: Arc::default(),
            problems: None,
            warnings: None,
            lint: lint::LintState::default(),
            search: search::Search::default(),
            row_widths: (0, 0),
            shown_degrees: counts::ShownDegrees::default(),
            remote: None,
        };
        app.refresh_list();
        app
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

    /// Applies one action. The only way the state changes.
    pub fn update(&mut self, action: Action) {
        match action {
            // Reports from outside arrive whatever is open.
            Action::Notify(message) => {
                self.message = Some(message);
                return;
            }
            Action::CentralityReady {
                generation,
                centrality,
            } => return self.centrality_ready(generation, centrality),
            Action::NeighbourhoodReady {
                request,
                ego,
                placement,
            } => return self.neighbourhood_ready(request, ego, placement),
            Action::TimelineReady { request, moments } => {
                return self.timeline_ready(request, moments);
            }
            Action::MatchesReady {
                request,
                query,
                matches,
            } => return self.matches_ready(request, query, matches),
            Action::PathsReady {
                request,
                paths,
                cut,
            } => return self.paths_ready(request, paths, cut),
            Action::Reloaded(reload) => return self.reloaded(reload),
            Action::QuitNow => {
                self.quit = true;
                return;
            }
            Action::LintReady { request, report } => return self.lint_ready(request, report),
            Action::RemoteReady(answer) => return self.remote_ready(answer),
            Action::Tick(now) => return self.tick(now),
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
            Action::Cancel if self.path_request.is_some() => self.cancel_path_search(),
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
            | Action::Notify(_)
            | Action::Reloaded(_)
            | Action::CentralityReady { .. }
            | Action::NeighbourhoodReady { .. }
            | Action::TimelineReady { .. }
            | Action::MatchesReady { .. }
            | Action::PathsReady { .. }
            | Action::LintReady { .. }
            | Action::RemoteReady(_)
            | Action::Tick(_) => {}
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

    /// Help scrolls with the keys that scroll lists; `/` and `:` go on
    /// to the filter and the command line; `q`, Esc, `?` and any other key
    /// close it, so it never quits.
    fn update_help(&mut self, action: Action, scroll: u16) {
        let most = i64::from(self.help_max_scroll());
        let page = i64::from(self.help_rows().max(2) - 1);
        let scroll = i64::from(scroll);
        let to = match action {
            Action::Move(rows) | Action::Scroll { lines: rows, .. } => scroll + rows as i64,
            Action::Page(pages) => scroll + pages as i64 * page,
            Action::First => 0,
            Action::Last => most,
            Action::Resize { width, height } => {
                self.width = width;
                self.height = height;
                self.keep_visible();
                scroll.min(i64::from(self.help_max_scroll()))
            }
            Action::StartFilter => {
                self.overlay = None;
                return self.start_filter();
            }
            Action::OpenCommand => {
                self.overlay = None;
                return self.open_command();
            }
            _ => {
                self.overlay = None;
                return;
            }
        };
        let scroll = to.clamp(0, most.max(0)) as u16;
        self.overlay = Some(Overlay::Help { scroll });
    }

    /// How many lines the help overlay holds: each section's title, rows
    /// and a blank line, then the two lines of kind letters.
    fn help_lines(&self) -> usize {
        let sections: usize = self
            .keymap
            .help()
            .iter()
            .map(|(_, rows)| rows.len() + 2)
            .sum();
        // The kind letters' two lines and the status glyphs' one.
        sections + (QUERY_KEYS.len() + 2) + (COMMANDS.len() + 2) + 3
    }

    /// How many lines of help the screen shows at once: its box has a
    /// border.
    fn help_rows(&self) -> u16 {
        let lines = u16::try_from(self.help_lines()).unwrap_or(u16::MAX);
        lines.saturating_add(2).min(self.height).saturating_sub(2)
    }

    /// How far help scrolls before its last line is at the bottom.
    fn help_max_scroll(&self) -> u16 {
        u16::try_from(self.help_lines())
            .unwrap_or(u16::MAX)
            .saturating_sub(self.help_rows())
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

    fn update_filters(&mut self, action: Action, selected: usize) {
        let options = self.filter_options();
        let last = options.len().saturating_sub(1);
        match action {
            Action::Move(rows) => {
                let selected = (selected as isize + rows).clamp(0, last as isize) as usize;
                self.overlay = Some(Overlay::Filters { selected });
            }
            Action::Page(pages) => {
                let selected = (selected as isize + pages * 10).clamp(0, last as isize) as usize;
                self.overlay = Some(Overlay::Filters { selected });
            }
            Action::First => self.overlay = Some(Overlay::Filters { selected: 0 }),
            Action::Last => self.overlay = Some(Overlay::Filters { selected: last }),
            Action::ToggleOption | Action::ToggleMark => {
                if let Some(option) = options.get(selected) {
                    self.toggle_option(option);
                }
            }
            Action::Activate => {
                if let Some(option) = options.get(selected) {
                    self.only_option(option);
                }
            }
            Action::ClearFilters => {
                self.actor_kinds.clear();
                self.relation_filter = RelationFilter::default();
                self.keep_unrelated = false;
                self.refresh_list();
            }
            Action::Resize { width, height } => {
                self.width = width;
                self.height = height;
            }
            Action::Scroll { .. } | Action::Click { .. } => {}
            _ => self.overlay = None,
        }
    }

    fn used_actor_kinds(&self) -> BTreeSet<ActorKind> {
        self.vocabulary.actor_kinds()
    }

    fn used_relation_kinds(&self) -> BTreeSet<String> {
        self.vocabulary.relation_kinds()
    }

    fn used_statuses(&self) -> BTreeSet<Status> {
        self.vocabulary.statuses()
    }

    fn used_stances(&self) -> BTreeSet<Stance> {
        self.vocabulary.stances()
    }

    /// How many actors or relations an option of the filter menu covers;
    /// for [`FilterOption::Unrelated`], the actors the relation filters
    /// leave without a shown relation.
    pub fn option_count(&self, option: &FilterOption) -> usize {
        match option {
            FilterOption::Unrelated => self.unrelated,
            _ => self.vocabulary.count(option),
        }
    }

    /// Every option of the filter menu, grouped: whether actors left
    /// without relations stay, then actor kinds, statuses, stances and
    /// relation kinds (only those the graph uses).
    pub fn filter_options(&self) -> Vec<FilterOption> {
        std::iter::once(FilterOption::Unrelated)
            .chain(
                self.used_actor_kinds()
                    .into_iter()
                    .map(FilterOption::ActorKind),
            )
            .chain(self.used_statuses().into_iter().map(FilterOption::Status))
            .chain(self.used_stances().into_iter().map(FilterOption::Stance))
            .chain(
                self.used_relation_kinds()
                    .into_iter()
                    .map(FilterOption::RelationKind),
            )
            .collect()
    }

    /// Whether the filter menu's option currently lets its items through.
    pub fn option_shown(&self, option: &FilterOption) -> bool {
        let filter = &self.relation_filter;
        match option {
            FilterOption::ActorKind(kind) => {
                self.actor_kinds.is_empty() || self.actor_kinds.contains(kind)
            }
            FilterOption::RelationKind(kind) => {
                filter.kinds.is_empty() || filter.kinds.contains(kind)
            }
            FilterOption::Status(status) => {
                filter.statuses.is_empty() || filter.statuses.contains(status)
            }
            FilterOption::Stance(stance) => {
                filter.stances.is_empty() || filter.stances.contains(stance)
            }
            FilterOption::Unrelated => self.keep_unrelated,
        }
    }

    fn toggle_option(&mut self, option: &FilterOption) {
        let changed = match option {
            FilterOption::ActorKind(kind) => {
                let every = self.used_actor_kinds();
                toggle_in(&mut self.actor_kinds, kind, &every)
            }
            FilterOption::RelationKind(kind) => {
                let every = self.used_relation_kinds();
                toggle_in(&mut self.relation_filter.kinds, kind, &every)
            }
            FilterOption::Status(status) => {
                let every = self.used_statuses();
                toggle_in(&mut self.relation_filter.statuses, status, &every)
            }
            FilterOption::Stance(stance) => {
                let every = self.used_stances();
                toggle_in(&mut self.relation_filter.stances, stance, &every)
            }
            FilterOption::Unrelated => {
                self.keep_unrelated = !self.keep_unrelated;
                true
            }
        };
        if changed {
            self.refresh_list();
        } else {
            self.message = Some("one option of each group stays shown; Enter shows only it".into());
        }
    }

    fn only_option(&mut self, option: &FilterOption) {
        match option {
            FilterOption::ActorKind(kind) => self.actor_kinds = [kind.clone()].into(),
            FilterOption::RelationKind(kind) => {
                self.relation_filter.kinds = [kind.clone()].into();
            }
            FilterOption::Status(status) => self.relation_filter.statuses = [*status].into(),
            FilterOption::Stance(stance) => self.relation_filter.stances = [*stance].into(),
            FilterOption::Unrelated => self.keep_unrelated = !self.keep_unrelated,
        }
        self.refresh_list();
    }

    fn cycle_pane(&mut self, step: isize) {
        let order = self.view.panes();
        let index = order.iter().position(|&p| p == self.pane).unwrap_or(0) as isize;
        self.pane = order[(index + step).rem_euclid(order.len() as isize) as usize];
        self.editing_filter = false;
    }

    fn areas(&self) -> Option<layout::Areas> {
        layout::areas(self.width, self.height, self.view)
    }

    /// Rows a page moves in the current pane.
    fn page_rows(&self) -> usize {
        let height = match (self.pane, self.areas()) {
            (Pane::Actors, Some(a)) => a.actor_list.height,
            (Pane::Relations, Some(a)) => a.relation_list.height,
            (Pane::Evidence, Some(a)) => a.evidence.height.saturating_sub(2),
            (Pane::Graph, _) => 5,
            (_, Some(a)) => a.view_body.height.saturating_sub(1),
            (_, None) => 1,
        };
        usize::from(height.max(2) - 1)
    }

    /// Moves the "as of" cursor along the dates on which something began.
    fn step_as_of(&mut self, step: isize) {
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

    /// Hides everything that began after `date` (`None`: shows all).
    fn set_as_of(&mut self, date: Option<PartialDate>) {
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

    fn move_by(&mut self, rows: isize) {
        match self.pane {
            Pane::Graph => self.move_in_graph(rows.signum()),
            Pane::Path => {
                let view = &self.path_view;
                let target = step(view.cursor.selected, rows, view.rows.len());
                self.path_view.cursor.selected = self.nearest_path_row(target, rows.signum());
            }
            Pane::Timeline => {
                let cursor = &mut self.timeline.cursor;
                cursor.selected = step(cursor.selected, rows, self.timeline.rows.len());
            }
            Pane::Stats => {
                let cursor = &mut self.stats.cursor;
                cursor.selected = step(cursor.selected, rows, self.stats.rows.len());
            }
            Pane::Actors => {
                let before = self.actors.selected;
                self.actors.selected = step(before, rows, self.listed.len());
                // While the query is typed the focus stays: Enter chooses.
                if self.actors.selected != before && !self.editing_filter {
                    self.preview_selected_actor();
                }
            }
            Pane::Relations => {
                let target = step(self.relations.selected, rows, self.rows.len());
                self.relations.selected = self.nearest_link(target, rows.signum());
                self.evidence_scroll = 0;
            }
            Pane::Evidence => {
                let most = self
                    .areas()
                    .map_or(0, |areas| evidence::max_scroll(self, areas.evidence));
                let scroll =
                    (i64::from(self.evidence_scroll) + rows as i64).clamp(0, i64::from(most));
                self.evidence_scroll = scroll as u16;
            }
        }
        self.keep_visible();
    }

    /// The link row nearest `target`, looking in `direction` first: headings
    /// are never selected.
    fn nearest_link(&self, target: usize, direction: isize) -> usize {
        nearest(self.rows.len(), target, direction, |i| {
            matches!(self.rows.get(i), Some(RelationRow::Link(_)))
        })
    }

    /// Keeps the selected rows inside their visible windows (a window of
    /// one row while the screen is too small to lay out).
    fn keep_visible(&mut self) {
        let areas = self.areas();
        let rows = |pick: fn(&layout::Areas) -> u16| usize::from(areas.as_ref().map_or(1, pick));
        let listed = self.listed.len();
        scroll_into_view(&mut self.actors, rows(|a| a.actor_list.height), listed);
        let relation_rows = rows(|a| a.relation_list.height);
        scroll_into_view(&mut self.relations, relation_rows, self.rows.len());
        // A group's heading stays in view above its first relation.
        let selected = self.relations.selected;
        if selected > 0
            && selected == self.relations.offset
            && relation_rows > 1
            && matches!(self.rows.get(selected - 1), Some(RelationRow::Heading(..)))
        {
            self.relations.offset -= 1;
        }
        let body = rows(|a| a.view_body.height);
        let paths = self.path_view.rows.len();
        scroll_into_view(&mut self.path_view.cursor, body, paths);
        // The timeline and table have a heading line inside the body.
        let (moments, table) = (self.timeline.rows.len(), self.stats.rows.len());
        scroll_into_view(&mut self.timeline.cursor, body.saturating_sub(1), moments);
        scroll_into_view(&mut self.stats.cursor, body.saturating_sub(1), table);
    }

    fn activate(&mut self) {
        match self.pane {
            Pane::Graph => self.activate_in_graph(),
            Pane::Path => self.activate_in_path(),
            Pane::Timeline => self.activate_in_timeline(),
            Pane::Stats => self.activate_in_stats(),
            Pane::Actors => {
                if let Some(node) = self.selected_actor() {
                    self.choose_focus(node);
                    self.pane = Pane::Relations;
                }
            }
            Pane::Relations | Pane::Evidence => {
                if let Some(link) = self.selected_link() {
                    self.jump_to(link.other);
                }
            }
        }
    }

    /// Follows a relation: the other actor becomes the focus and the way
    /// back is remembered.
    fn jump_to(&mut self, node: NodeIndex) {
        if let Some(current) = self.focus {
            if current == node {
                return;
            }
            self.history.jumped_from(current);
        }
        self.set_focus(node);
        self.focus_chosen = true;
        self.select_in_list(node);
    }

    fn choose_focus(&mut self, node: NodeIndex) {
        if self.focus != Some(node) {
            self.jump_to(node);
        }
        self.focus_chosen = true;
    }

    fn go_back(&mut self) {
        let Some(current) = self.focus else { return };
        match self.history.back(current) {
            Some(previous) => self.revisit(previous),
            None => self.message = Some("no earlier actor to go back to".into()),
        }
    }

    fn go_forward(&mut self) {
        let Some(current) = self.focus else { return };
        match self.history.forward(current) {
            Some(next) => self.revisit(next),
            None => self.message = Some("nothing to go forward to".into()),
        }
    }

    fn revisit(&mut self, node: NodeIndex) {
        self.set_focus(node);
        self.focus_chosen = true;
        self.select_in_list(node);
    }

    /// The list cursor follows the focus. A name filter that hides the
    /// actor has done its job and is cleared; other filters stay and say so.
    fn select_in_list(&mut self, node: NodeIndex) {
        let listed = |app: &App| app.listed.iter().position(|listed| listed.node == node);
        if listed(self).is_none() && !self.query.is_empty() {
            self.query.clear();
            self.editing_filter = false;
            self.refresh_list();
        }
        match listed(self) {
            Some(index) => {
                self.actors.selected = index;
                self.keep_visible();
            }
            None => {
                self.message = Some(format!(
                    "{} is hidden by the filters",
                    self.graph.actor(node).name
                ));
            }
        }
    }

    /// Moving through the list shows each actor; the first move away from
    /// a chosen focus is remembered so Back returns to it.
    fn preview_selected_actor(&mut self) {
        let Some(node) = self.selected_actor() else {
            return;
        };
        if self.focus == Some(node) {
            return;
        }
        if let (Some(current), true) = (self.focus, self.focus_chosen) {
            self.history.jumped_from(current);
        }
        self.focus_chosen = false;
        self.set_focus(node);
    }

    fn set_focus(&mut self, node: NodeIndex) {
        if let (Some(current), Some(link)) = (self.focus, self.selected_link()) {
            self.last_relation.insert(current, link.relation);
        }
        self.focus = Some(node);
        self.relations = Cursor::default();
        self.evidence_scroll = 0;
        self.refresh_rows();
    }

    /// Unmarks everyone; marked-only then has nothing to show and ends.
    fn clear_marks(&mut self) {
        if self.marked.is_empty() {
            self.message = Some("no actor is marked".into());
            return;
        }
        let count = self.marked.len();
        self.marked.clear();
        self.message = Some(format!("unmarked {count} actors"));
        if std::mem::take(&mut self.marked_only) {
            self.refresh_list();
        } else {
            self.refresh_rows();
        }
    }

    fn toggle_mark(&mut self) {
        let node = match self.pane {
            Pane::Actors => self.selected_actor(),
            Pane::Graph => self.selected_member(),
            Pane::Stats => self.stats.rows.get(self.stats.cursor.selected).copied(),
            _ => self.focus,
        };
        let Some(node) = node else { return };
        if !self.marked.remove(&node) {
            self.marked.insert(node);
        }
        if self.marked.is_empty() {
            self.marked_only = false;
        }
        if self.marked_only {
            self.refresh_list();
        } else {
            self.refresh_rows();
        }
    }

    /// Recomputes the actor list from the filters, keeping the selected
    /// actor selected when it is still listed.
    fn refresh_list(&mut self) {
        self.relist(self.graph.relation_count() > self.background_above);
    }

    /// [`refresh_list`](Self::refresh_list), matching a query on a worker
    /// when `in_background`.
    fn relist(&mut self, in_background: bool) {
        self.refresh_scope();
        self.cancel_matching();
        // While the query only grows and the filters stay, the matches can
        // only be among the previous ones.
        let narrowing = self.listed_scope == self.scope_generation
            && filter::narrows(&self.listed_for, &self.query);
        let candidates: Vec<NodeIndex> = if narrowing {
            let listed = self.listed.iter().map(|listed| listed.node);
            let mut candidates: Vec<NodeIndex> =
                listed.chain(self.left_out.iter().copied()).collect();
            // Scored in file order, as a full scan would, so ties break alike.
            candidates.sort_unstable();
            candidates
        } else {
            self.graph.actors().map(|(node, _)| node).collect()
        };
        if in_background && !self.query.is_empty() {
            self.request_matches(candidates);
            return;
        }
        let matches = matching::match_actors(
            &self.graph,
            &self.scope,
            &candidates,
            &self.query,
            (self.sort, &self.shown_degrees),
            &mut self.matcher,
            &|| false,
        );
        let query = self.query.clone();
        if let Some(matches) = matches {
            self.show_list(matches, query);
        }
    }

    /// Scores the actors for the query on a worker; the list keeps what it
    /// shows until the answer comes ([`matches_ready`](Self::matches_ready)).
    fn request_matches(&mut self, candidates: Vec<NodeIndex>) {
        self.requests += 1;
        let progress = Arc::new(Progress::default());
        self.match_request = Some((self.requests, Arc::clone(&progress)));
        self.effects.push(Effect::Compute(Task {
            job: Job::Match {
                request: self.requests,
                query: self.query.clone(),
                candidates,
                sort: self.sort,
                degrees: self.shown_degrees.clone(),
            },
            graph: Arc::clone(&self.graph),
            scope: self.scope.clone(),
            progress,
        }));
    }

    /// Stops the match running on a worker, if one is.
    fn cancel_matching(&mut self) {
        if let Some((_, progress)) = self.match_request.take() {
            progress.cancel();
        }
    }

    /// Takes a list matched in the background, unless a newer query or
    /// filter asked again since.
    fn matches_ready(&mut self, request: u64, query: String, matches: Arc<Matches>) {
        if self.match_request.as_ref().map(|(id, _)| *id) != Some(request) {
            return;
        }
        self.match_request = None;
        self.show_list(Arc::unwrap_or_clone(matches), query);
    }

    /// Shows the actors matched for `query`. While the query is typed the
    /// top match is selected and the focus stays; otherwise the selected
    /// actor stays selected when it is still listed.
    fn show_list(&mut self, matches: Matches, query: String) {
        // An empty list has no selection; the focus is what to keep then.
        let previous = self.selected_actor().or(self.focus);
        self.listed = matches.listed;
        self.left_out = matches.left_out;
        self.listed_for = query;
        self.listed_scope = self.scope_generation;
        if self.editing_filter {
            self.actors = Cursor::default();
            return;
        }
        self.actors.selected = previous
            .and_then(|node| self.listed.iter().position(|l| l.node == node))
            .unwrap_or(0);
        if self.actors.selected == 0 {
            self.actors.offset = 0;
        }
        self.keep_visible();
        if self.focus.is_none() || previous != self.selected_actor() {
            self.preview_selected_actor();
        }
        self.refresh_rows();
    }

    /// `/`: a new query, the one kept before going to the history.
    fn start_filter(&mut self) {
        self.editing_filter = true;
        self.query_recalled = None;
        if self.view.panes().contains(&Pane::Actors) {
            self.pane = Pane::Actors;
        }
        if !self.query.is_empty() {
            self.query.clear();
            self.refresh_list();
        }
    }

    /// Enter in the query: keeps it and focuses the selected row.
    fn accept_filter(&mut self) {
        self.editing_filter = false;
        self.query_recalled = None;
        // Enter acts on the list for the whole query, never on a stale
        // one: a match still running is finished here.
        if self.match_request.is_some() {
            self.relist(false);
            self.actors = Cursor::default();
        }
        if self.query.is_empty() {
            self.select_focus_in_list();
            return;
        }
        if self.query_history.last() != Some(&self.query) {
            self.query_history.push(self.query.clone());
        }
        if self.listed.is_empty() {
            self.message = Some(format!("no actor matches \"{}\"", self.query));
            return;
        }
        self.preview_selected_actor();
        self.focus_chosen = true;
    }

    /// True when ↑ and ↓ in the query step through earlier queries rather
    /// than the list: while it is empty or recalled and not edited since.
    fn arrows_recall(&self) -> bool {
        !self.query_history.is_empty() && (self.query.is_empty() || self.query_recalled.is_some())
    }

    /// Puts an earlier (negative `step`) or later query kept with Enter in
    /// the query; past the newest, the query is empty again.
    fn recall_query(&mut self, step: isize) {
        let count = self.query_history.len();
        if count == 0 {
            return;
        }
        let next = match self.query_recalled {
            None if step < 0 => Some(count - 1),
            None => return,
            Some(at) => {
                let next = at as isize + step.signum();
                (next < count as isize).then_some(next.max(0) as usize)
            }
        };
        self.query_recalled = next;
        self.query = next.map_or_else(String::new, |at| self.query_history[at].clone());
        self.refresh_list();
    }

    /// The list cursor on the focus, when it is listed.
    fn select_focus_in_list(&mut self) {
        let at = self
            .focus
            .and_then(|focus| self.listed.iter().position(|l| l.node == focus));
        if let Some(at) = at {
            self.actors.selected = at;
            self.keep_visible();
        }
    }

    /// The actors and relations the filters let through, for every view:
    /// actor kinds, marked-only, and the "as of" date for dated actors.
    fn refresh_scope(&mut self) {
        let as_of = self.relation_filter.until;
        let shown: Vec<bool> = self
            .graph
            .actors()
            .map(|(node, actor)| {
                (self.actor_kinds.is_empty() || self.actor_kinds.contains(&actor.kind))
                    && (!self.marked_only || self.marked.contains(&node))
                    && as_of.is_none_or(|date| begun_by(actor.date.as_ref(), &date))
            })
            .collect();
        let mut scope = Scope::of(shown, self.relation_filter.clone());
        // A status, stance or relation-kind filter asks who took part in
        // such relations: an actor left without one is not listed. Its
        // leaving changes no other actor's count, so one pass is enough.
        let filter = &self.relation_filter;
        let narrowing =
            !(filter.kinds.is_empty() && filter.statuses.is_empty() && filter.stances.is_empty());
        self.unrelated = 0;
        if narrowing {
            let degrees = counts::ShownDegrees::of(&self.graph, &scope);
            let shown: Vec<bool> = self
                .graph
                .actors()
                .map(|(node, _)| scope.shows_actor(node))
                .collect();
            let related: Vec<bool> = shown
                .iter()
                .enumerate()
                .map(|(at, &shown)| {
                    shown && degrees.get(&self.graph, NodeIndex::new(at)).total() > 0
                })
                .collect();
            self.unrelated =
                shown.iter().filter(|&&s| s).count() - related.iter().filter(|&&r| r).count();
            if !self.keep_unrelated {
                scope = Scope::of(related, self.relation_filter.clone());
            }
        }
        // Typing a name filter rebuilds the list but not the scope; only a
        // real change makes the views compute again.
        if scope == self.scope && self.scope_generation > 0 {
            return;
        }
        self.scope = scope;
        self.scope_generation += 1;
        self.shown_degrees = counts::ShownDegrees::of(&self.graph, &self.scope);
        if self.path_view.to.is_some() {
            self.compute_paths();
        }
    }

    /// Listed actors by node index, for exporting what is shown.
    fn listed_mask(&self) -> Vec<bool> {
        let mut mask = vec![false; self.graph.actor_count()];
        for listed in &self.listed {
            mask[listed.node.index()] = true;
        }
        mask
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
            self.relations = Cursor::default();
            return;
        };
        let links: Vec<Link> = self
            .graph
            .links(focus, &self.relation_filter)
            .into_iter()
            .filter(|link| self.scope.shows_actor(link.other))
            .collect();
        // By direction, kind, then file order. Each relation's kind is
        // looked up once, not at every comparison: a hub has tens of
        // thousands of relations scattered in memory.
        let mut keyed: Vec<((Direction, &str, EdgeIndex), Link)> = links
            .iter()
            .map(|link| {
                let kind = self.graph.relation(link.relation).kind();
                ((link.direction, kind, link.relation), *link)
            })
            .collect();
        keyed.sort_unstable_by_key(|(key, _)| *key);
        let links: Vec<Link> = keyed.into_iter().map(|(_, link)| link).collect();
        for direction in [Direction::Outgoing, Direction::Incoming, Direction::Mutual] {
            let group: Vec<Link> = links
                .iter()
                .filter(|l| l.direction == direction)
                .copied()
                .collect();
            if group.is_empty() {
                continue;
            }
            self.rows.push(RelationRow::Heading(direction, group.len()));
            self.rows.extend(group.into_iter().map(RelationRow::Link));
        }
        self.row_widths = links.iter().fold((0, 0), |(phrase, other), link| {
            (
                phrase.max(text::width(&self.graph.relation(link.relation).phrase())),
                other.max(text::width(&self.graph.actor(link.other).name)),
            )
        });
        let kept = previous.and_then(|relation| {
            self.rows
                .iter()
                .position(|row| matches!(row, RelationRow::Link(l) if l.relation == relation))
        });
        self.relations.selected = kept.unwrap_or_else(|| self.nearest_link(0, 1));
        if kept.is_none() {
            self.relations.offset = 0;
        }
        self.keep_visible();
    }

    fn click(&mut self, column: u16, row: u16) {
        let Some(areas) = self.areas() else {
            return;
        };
        let inside = |area: Rect| area.contains(Position::new(column, row));
        if row == areas.tabs.y {
            if let Some(view) = tab_at(column, self.width) {
                self.show_view(view);
            }
        } else if row == areas.breadcrumb.y {
            self.click_breadcrumb(usize::from(column - areas.breadcrumb.x));
        } else if inside(areas.view_body) && self.click_in_view(areas.view_body, column, row) {
        } else if inside(areas.view) {
            if let Some(&pane) = self.view.panes().last() {
                self.pane = pane;
            }
        } else if inside(areas.actor_list) {
            self.pane = Pane::Actors;
            let index = self.actors.offset + usize::from(row - areas.actor_list.y);
            if index < self.listed.len() {
                self.actors.selected = index;
                self.preview_selected_actor();
            }
        } else if inside(areas.relation_list) {
            let was_active = self.pane == Pane::Relations;
            self.pane = Pane::Relations;
            let index = self.relations.offset + usize::from(row - areas.relation_list.y);
            if let Some(RelationRow::Link(link)) = self.rows.get(index).copied() {
                // A click on the other actor's name, or on the row already
                // selected in the active pane, jumps; any other click selects.
                let cell = usize::from(column - areas.relation_list.x);
                let width = usize::from(areas.relation_list.width);
                let on_other = relations::columns(width, self.row_widths)
                    .other_actor()
                    .contains(&cell);
                if on_other || (was_active && self.relations.selected == index) {
                    self.jump_to(link.other);
                } else {
                    self.relations.selected = index;
                    self.evidence_scroll = 0;
                }
            }
        } else if row == areas.status.y {
            if let Some(chip) = self.chip_at(column) {
                self.remove_chip(chip);
            }
        } else if inside(areas.actors) {
            self.pane = Pane::Actors;
        } else if inside(areas.relations) {
            self.pane = Pane::Relations;
        } else if inside(areas.evidence) {
            self.pane = Pane::Evidence;
        }
        self.keep_visible();
    }

    /// A click inside the graph, path, timeline or statistics pane;
    /// false when it landed on nothing.
    fn click_in_view(&mut self, body: Rect, column: u16, row: u16) -> bool {
        let line = usize::from(row - body.y);
        match self.view {
            View::Graph => self.click_in_graph(column, row),
            View::Path => {
                let index = self.path_view.cursor.offset + line;
                if !matches!(
                    self.path_view.rows.get(index),
                    Some(PathRow::Actor(_) | PathRow::Hop(_) | PathRow::Alternative(_))
                ) {
                    return false;
                }
                let again = self.pane == Pane::Path && self.path_view.cursor.selected == index;
                self.pane = Pane::Path;
                self.path_view.cursor.selected = index;
                if again {
                    self.activate_in_path();
                }
                true
            }
            View::Timeline | View::Stats => {
                // The first line of the body is the column heading.
                if line == 0 {
                    return false;
                }
                let (cursor, len, pane) = if self.view == View::Timeline {
                    (
                        &mut self.timeline.cursor,
                        self.timeline.rows.len(),
                        Pane::Timeline,
                    )
                } else {
                    (&mut self.stats.cursor, self.stats.rows.len(), Pane::Stats)
                };
                let index = cursor.offset + line - 1;
                if index >= len {
                    return false;
                }
                let again = cursor.selected == index;
                cursor.selected = index;
                self.pane = pane;
                if again {
                    self.activate();
                }
                true
            }
            View::Explore => false,
        }
    }

    fn scroll(&mut self, column: u16, row: u16, lines: isize) {
        let Some(areas) = self.areas() else {
            return;
        };
        let inside = |area: Rect| area.contains(Position::new(column, row));
        let pane = if inside(areas.view) {
            match self.view.panes().last() {
                Some(&pane) => pane,
                None => return,
            }
        } else if inside(areas.actors) {
            Pane::Actors
        } else if inside(areas.relations) {
            Pane::Relations
        } else if inside(areas.evidence) {
            Pane::Evidence
        } else {
            return;
        };
        let current = self.pane;
        self.pane = pane;
        self.move_by(lines);
        self.pane = current;
    }

    /// The filters in force with their labels, in status-bar order.
    pub fn chips(&self) -> Vec<(Chip, String)> {
        let filter = &self.relation_filter;
        let mut chips = Vec::new();
        if !self.query.is_empty() && !self.editing_filter {
            chips.push((Chip::Query, format!("/{}", clip(&self.query, 16))));
        }
        if !self.actor_kinds.is_empty() {
            let text = describe_set(&self.actor_kinds, &self.used_actor_kinds(), |k| {
                k.name().to_owned()
            });
            chips.push((Chip::ActorKinds, format!("kinds: {text}")));
        }
        if !filter.statuses.is_empty() {
            let text = describe_set(&filter.statuses, &self.used_statuses(), |s| {
                s.name().to_owned()
            });
            chips.push((Chip::Statuses, format!("status: {text}")));
        }
        if !filter.stances.is_empty() {
            let text = describe_set(&filter.stances, &self.used_stances(), |s| {
                s.name().to_owned()
            });
            chips.push((Chip::Stances, format!("stance: {text}")));
        }
        if !filter.kinds.is_empty() {
            let text = describe_set(&filter.kinds, &self.used_relation_kinds(), |k| {
                k.replace('_', " ")
            });
            chips.push((Chip::RelationKinds, format!("relations: {text}")));
        }
        if self.marked_only {
            chips.push((
                Chip::MarkedOnly,
                format!("marked only: {}", self.marked.len()),
            ));
        }
        if let Some(date) = filter.until {
            chips.push((Chip::AsOf, format!("as of {date}")));
        }
        if !self.path_view.avoid.is_empty() {
            let names: Vec<&str> = self
                .path_view
                .avoid
                .iter()
                .map(|&node| self.graph.actor(node).name.as_str())
                .collect();
            chips.push((
                Chip::Avoided,
                format!("paths avoid {}", clip(&names.join(", "), 24)),
            ));
        }
        chips
    }

    fn remove_chip(&mut self, chip: Chip) {
        match chip {
            Chip::Query => self.query.clear(),
            Chip::ActorKinds => self.actor_kinds.clear(),
            Chip::Statuses => self.relation_filter.statuses.clear(),
            Chip::Stances => self.relation_filter.stances.clear(),
            Chip::RelationKinds => self.relation_filter.kinds.clear(),
            Chip::MarkedOnly => self.marked_only = false,
            Chip::AsOf => self.relation_filter.until = None,
            Chip::Avoided => self.stop_avoiding(),
        }
        self.refresh_list();
    }

    /// The chip drawn at `column` of the status bar: each is drawn as
    /// " label " followed by one space.
    fn chip_at(&self, column: u16) -> Option<Chip> {
        let mut start = 0usize;
        for (chip, label) in self.chips() {
            let end = start + text::width(&label) + 2;
            if (start..end).contains(&usize::from(column)) {
                return Some(chip);
            }
            start = end + 1;
        }
        None
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
        self.computing.is_some()
            || self.graph_request.is_some()
            || self.timeline_request.is_some()
            || self.path_request.is_some()
            || self.match_request.is_some()
    }

    /// How far the statistics being computed have got (0.0–1.0), while
    /// they are.
    pub fn computing(&self) -> Option<f64> {
        self.computing.as_ref().map(|progress| progress.fraction())
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
        self.actors
    }

    /// The actor selected in the list.
    pub fn selected_actor(&self) -> Option<NodeIndex> {
        self.listed.get(self.actors.selected).map(|l| l.node)
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
        self.relations
    }

    /// The relation selected in the relations pane.
    pub fn selected_link(&self) -> Option<Link> {
        match self.rows.get(self.relations.selected) {
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

/// A shown subset in few words: the shown items when they are fewer,
/// else the hidden ones with a minus (`−Claimed`).
fn describe_set<T: Ord>(
    shown: &BTreeSet<T>,
    every: &BTreeSet<T>,
    name: impl Fn(&T) -> String,
) -> String {
    let hidden: Vec<&T> = every.iter().filter(|item| !shown.contains(item)).collect();
    let text = if hidden.len() < shown.len() {
        hidden
            .iter()
            .map(|item| format!("−{}", name(item)))
            .collect::<Vec<_>>()
            .join(",")
    } else {
        shown.iter().map(&name).collect::<Vec<_>>().join(",")
    };
    clip(&text, 28)
}

/// Shows or hides `item` in an inclusion set where empty means "all of
/// `every`". Refuses to hide the last shown item; returns whether it changed.
fn toggle_in<T: Ord + Clone>(set: &mut BTreeSet<T>, item: &T, every: &BTreeSet<T>) -> bool {
    let mut shown = if set.is_empty() {
        every.clone()
    } else {
        set.clone()
    };
    if !shown.remove(item) {
        shown.insert(item.clone());
    }
    if shown.is_empty() {
        return false;
    }
    *set = if shown == *every {
        BTreeSet::new()
    } else {
        shown
    };
    true
}

/// The row of a list of `len` nearest `target` that the cursor may rest
/// on, looking in `direction` first; 0 when there is none.
fn nearest(
    len: usize,
    target: usize,
    direction: isize,
    selectable: impl Fn(usize) -> bool,
) -> usize {
    let forward = (target..len).find(|&i| selectable(i));
    let backward = (0..=target.min(len.saturating_sub(1)))
        .rev()
        .find(|&i| selectable(i));
    let found = if direction < 0 {
        backward.or(forward)
    } else {
        forward.or(backward)
    };
    found.unwrap_or(0)
}

/// `from` moved by `rows`, kept within a list of `len` rows.
fn step(from: usize, rows: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (from as isize)
        .saturating_add(rows)
        .clamp(0, len as isize - 1) as usize
}

/// Scrolls a list of `len` rows shown `height` at a time so the selected
/// row is in view and no rows are left empty below the last while rows
/// are hidden above (a taller screen after a resize shows more of them).
fn scroll_into_view(cursor: &mut Cursor, height: usize, len: usize) {
    let height = height.max(1);
    cursor.offset = cursor.offset.min(len.saturating_sub(height));
    if cursor.selected < cursor.offset {
        cursor.offset = cursor.selected;
    } else if cursor.selected >= cursor.offset + height {
        cursor.offset = cursor.selected + 1 - height;
    }
}
