//! The explorer's state and the one function that changes it. Nothing here
//! draws or touches the terminal, so every behaviour is testable as
//! `update(action)` followed by a look at the state.

use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap};

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

use ratatui::layout::{Position, Rect};

use super::action::{Action, Pane};
use super::filter;
use super::history::History;
use super::ui::text::{self, clip};
use super::ui::{evidence, layout, relations};
use crate::graph::{Direction, EdgeIndex, KnowledgeGraph, Link, NodeIndex, RelationFilter};
use crate::model::{ActorKind, Stance, Status};

/// How the actor list is ordered when no filter text ranks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    /// Most relations first: the hubs of the story.
    Degree,
    /// Alphabetical by name.
    Name,
}

/// An actor in the list, with the characters of its name the filter matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedActor {
    /// The actor.
    pub node: NodeIndex,
    /// Character positions in the name to highlight.
    pub matched: Vec<u32>,
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
}

/// A window over the main screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// The key bindings, scrolled by this many lines.
    Help { scroll: u16 },
    /// The filter menu, with this option selected.
    Filters { selected: usize },
}

/// Everything the explorer shows, and nothing about how it is drawn.
pub struct App {
    graph: KnowledgeGraph,
    /// Relations per actor, computed once: the list sorts by it.
    degrees: Vec<usize>,
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
    listed: Vec<ListedActor>,
    /// The query `listed` was computed for: a query that only grew since
    /// needs to look at those actors alone.
    listed_for: String,
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
    mouse: bool,
    quit: bool,
    matcher: Matcher,
}

impl App {
    /// An explorer on `graph` for a screen of `width` × `height`, showing
    /// the most connected actor first.
    pub fn new(graph: KnowledgeGraph, width: u16, height: u16) -> App {
        let degrees = graph
            .actors()
            .map(|(node, _)| graph.degree(node).total())
            .collect();
        let mut app = App {
            graph,
            degrees,
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
            listed: Vec::new(),
            listed_for: String::new(),
            actors: Cursor::default(),
            focus: None,
            focus_chosen: false,
            history: History::default(),
            rows: Vec::new(),
            relations: Cursor::default(),
            evidence_scroll: 0,
            message: None,
            mouse: true,
            quit: false,
            matcher: Matcher::new(Config::DEFAULT),
        };
        app.refresh_list();
        app
    }

    /// Applies one action. The only way the state changes.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize { .. } | Action::Scroll { .. }) {
            self.message = None;
        }
        match self.overlay {
            Some(Overlay::Help { scroll }) => return self.update_help(action, scroll),
            Some(Overlay::Filters { selected }) => return self.update_filters(action, selected),
            None => {}
        }
        match action {
            Action::Move(rows) => self.move_by(rows),
            Action::Page(pages) => self.move_by(pages * self.page_rows() as isize),
            Action::First => self.move_by(isize::MIN / 2),
            Action::Last => self.move_by(isize::MAX / 2),
            Action::NextPane => self.cycle_pane(1),
            Action::PreviousPane => self.cycle_pane(-1),
            Action::FocusPane(pane) => self.pane = pane,
            Action::Activate => self.activate(),
            Action::Back => self.go_back(),
            Action::Forward => self.go_forward(),
            Action::StartFilter => {
                self.editing_filter = true;
                self.pane = Pane::Actors;
            }
            Action::FilterChar(c) => {
                if self.editing_filter && !c.is_control() {
                    self.query.push(c);
                    self.refresh_list();
                }
            }
            Action::FilterBackspace => {
                if self.editing_filter && self.query.pop().is_some() {
                    self.refresh_list();
                }
            }
            Action::AcceptFilter => {
                self.editing_filter = false;
                self.actors.selected = 0;
                self.actors.offset = 0;
                self.preview_selected_actor();
                if self.listed.is_empty() {
                    self.message = Some(format!("no actor matches \"{}\"", self.query));
                }
            }
            Action::Cancel => {
                if self.editing_filter || !self.query.is_empty() {
                    self.editing_filter = false;
                    self.query.clear();
                    self.refresh_list();
                }
            }
            Action::ToggleSort => {
                self.sort = match self.sort {
                    Sort::Degree => Sort::Name,
                    Sort::Name => Sort::Degree,
                };
                self.refresh_list();
            }
            Action::ToggleMark => self.toggle_mark(),
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
                self.marked_only = false;
                self.refresh_list();
                self.message = Some("filters cleared".into());
            }
            Action::ToggleOption => {}
            Action::ToggleHelp => self.overlay = Some(Overlay::Help { scroll: 0 }),
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

    fn update_help(&mut self, action: Action, scroll: u16) {
        match action {
            Action::Move(rows) => {
                let scroll = (i64::from(scroll) + rows as i64).clamp(0, 500) as u16;
                self.overlay = Some(Overlay::Help { scroll });
            }
            Action::First => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Quit => self.quit = true,
            Action::Resize { width, height } => {
                self.width = width;
                self.height = height;
            }
            Action::Scroll { .. } => {}
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
                self.refresh_list();
            }
            Action::Quit => self.quit = true,
            Action::Resize { width, height } => {
                self.width = width;
                self.height = height;
            }
            Action::Scroll { .. } | Action::Click { .. } => {}
            _ => self.overlay = None,
        }
    }

    fn used_actor_kinds(&self) -> BTreeSet<ActorKind> {
        self.graph.actors().map(|(_, a)| a.kind.clone()).collect()
    }

    fn used_relation_kinds(&self) -> BTreeSet<String> {
        self.graph
            .relations()
            .map(|(_, r)| r.kind.clone())
            .collect()
    }

    fn used_statuses(&self) -> BTreeSet<Status> {
        self.graph.relations().map(|(_, r)| r.status).collect()
    }

    fn used_stances(&self) -> BTreeSet<Stance> {
        self.graph.relations().map(|(_, r)| r.stance).collect()
    }

    /// Every option of the filter menu, grouped: actor kinds, statuses,
    /// stances, relation kinds (only those the graph uses).
    pub fn filter_options(&self) -> Vec<FilterOption> {
        self.used_actor_kinds()
            .into_iter()
            .map(FilterOption::ActorKind)
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
        }
        self.refresh_list();
    }

    fn cycle_pane(&mut self, step: isize) {
        const ORDER: [Pane; 3] = [Pane::Actors, Pane::Relations, Pane::Evidence];
        let index = ORDER.iter().position(|&p| p == self.pane).unwrap_or(0) as isize;
        self.pane = ORDER[(index + step).rem_euclid(3) as usize];
        self.editing_filter = false;
    }

    /// Rows a page moves in the current pane.
    fn page_rows(&self) -> usize {
        let areas = layout::areas(self.width, self.height);
        let height = match (self.pane, areas) {
            (Pane::Actors, Some(a)) => a.actor_list.height,
            (Pane::Relations, Some(a)) => a.relation_list.height,
            (Pane::Evidence, Some(a)) => a.evidence.height.saturating_sub(2),
            (_, None) => 1,
        };
        usize::from(height.max(2) - 1)
    }

    fn move_by(&mut self, rows: isize) {
        match self.pane {
            Pane::Actors => {
                let before = self.actors.selected;
                self.actors.selected = step(before, rows, self.listed.len());
                if self.actors.selected != before {
                    self.preview_selected_actor();
                }
            }
            Pane::Relations => {
                let target = step(self.relations.selected, rows, self.rows.len());
                self.relations.selected = self.nearest_link(target, rows.signum());
                self.evidence_scroll = 0;
            }
            Pane::Evidence => {
                let most = layout::areas(self.width, self.height)
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
        let is_link = |i: usize| matches!(self.rows.get(i), Some(RelationRow::Link(_)));
        let forward = (target..self.rows.len()).find(|&i| is_link(i));
        let backward = (0..=target.min(self.rows.len().saturating_sub(1)))
            .rev()
            .find(|&i| is_link(i));
        let found = if direction < 0 {
            backward.or(forward)
        } else {
            forward.or(backward)
        };
        found.unwrap_or(0)
    }

    /// Keeps the selected rows inside their visible windows (a window of
    /// one row while the screen is too small to lay out).
    fn keep_visible(&mut self) {
        let (actor_rows, relation_rows) = layout::areas(self.width, self.height)
            .map_or((1, 1), |a| (a.actor_list.height, a.relation_list.height));
        scroll_into_view(&mut self.actors, usize::from(actor_rows));
        scroll_into_view(&mut self.relations, usize::from(relation_rows));
    }

    fn activate(&mut self) {
        match self.pane {
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

    fn toggle_mark(&mut self) {
        let node = match self.pane {
            Pane::Actors => self.selected_actor(),
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
        // An empty list has no selection; the focus is what to keep then.
        let previous = self.selected_actor().or(self.focus);
        let pattern = Pattern::parse(&self.query, CaseMatching::Ignore, Normalization::Smart);
        let mut scored: Vec<(u32, ListedActor)> = Vec::new();
        let mut buffer = Vec::new();
        let candidates: Vec<NodeIndex> = if filter::narrows(&self.listed_for, &self.query) {
            self.listed.iter().map(|listed| listed.node).collect()
        } else {
            self.graph.actors().map(|(node, _)| node).collect()
        };
        for node in candidates {
            let actor = self.graph.actor(node);
            if !self.actor_kinds.is_empty() && !self.actor_kinds.contains(&actor.kind) {
                continue;
            }
            if self.marked_only && !self.marked.contains(&node) {
                continue;
            }
            if self.query.is_empty() {
                scored.push((
                    0,
                    ListedActor {
                        node,
                        matched: Vec::new(),
                    },
                ));
                continue;
            }
            let mut matched = Vec::new();
            let name_score = pattern.indices(
                filter::haystack(&actor.name, &mut buffer),
                &mut self.matcher,
                &mut matched,
            );
            let other_score = std::iter::once(&actor.id)
                .chain(&actor.aliases)
                .filter_map(|other| {
                    pattern.score(filter::haystack(other, &mut buffer), &mut self.matcher)
                })
                .max();
            let best = match (name_score, other_score) {
                (Some(name), Some(other)) if other > name => {
                    matched.clear();
                    Some(other)
                }
                (Some(name), _) => Some(name),
                (None, other) => {
                    matched.clear();
                    other
                }
            };
            if let Some(score) = best {
                matched.sort_unstable();
                matched.dedup();
                scored.push((score, ListedActor { node, matched }));
            }
        }
        // Best score first, then the sort order; ties in file order. Keys
        // are computed once per actor, not once per comparison.
        match self.sort {
            Sort::Degree => {
                let degrees = &self.degrees;
                scored.sort_unstable_by_key(|(score, listed)| {
                    (
                        Reverse(*score),
                        Reverse(degrees[listed.node.index()]),
                        listed.node,
                    )
                });
            }
            Sort::Name => {
                let graph = &self.graph;
                scored.sort_by_cached_key(|(score, listed)| {
                    (
                        Reverse(*score),
                        graph.actor(listed.node).name.to_lowercase(),
                        listed.node,
                    )
                });
            }
        }
        self.listed = scored.into_iter().map(|(_, listed)| listed).collect();
        self.listed_for.clone_from(&self.query);
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
            .filter(|link| {
                let kind = &self.graph.actor(link.other).kind;
                (self.actor_kinds.is_empty() || self.actor_kinds.contains(kind))
                    && (!self.marked_only || self.marked.contains(&link.other))
            })
            .collect();
        // By direction, kind, then file order. Each relation's kind is
        // looked up once, not at every comparison: a hub has tens of
        // thousands of relations scattered in memory.
        let mut keyed: Vec<((Direction, &str, EdgeIndex), Link)> = links
            .iter()
            .map(|link| {
                let kind = self.graph.relation(link.relation).kind.as_str();
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
        let Some(areas) = layout::areas(self.width, self.height) else {
            return;
        };
        let inside = |area: Rect| area.contains(Position::new(column, row));
        if inside(areas.actor_list) {
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
                let on_other = relations::columns(usize::from(areas.relation_list.width))
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

    fn scroll(&mut self, column: u16, row: u16, lines: isize) {
        let Some(areas) = layout::areas(self.width, self.height) else {
            return;
        };
        let inside = |area: Rect| area.contains(Position::new(column, row));
        let pane = if inside(areas.actors) {
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
        self.message.as_deref()
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

/// `from` moved by `rows`, kept within a list of `len` rows.
fn step(from: usize, rows: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (from as isize)
        .saturating_add(rows)
        .clamp(0, len as isize - 1) as usize
}

fn scroll_into_view(cursor: &mut Cursor, height: usize) {
    let height = height.max(1);
    if cursor.selected < cursor.offset {
        cursor.offset = cursor.selected;
    } else if cursor.selected >= cursor.offset + height {
        cursor.offset = cursor.selected + 1 - height;
    }
}
