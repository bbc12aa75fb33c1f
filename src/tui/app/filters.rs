//! The filter menu and the chips in the status line: which actor kinds,
//! statuses, stances and relation kinds are shown, and the filters in
//! force as chips a click removes.

use super::*;

impl App {
    pub(super) fn update_filters(&mut self, action: Action, selected: usize) {
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

    pub(super) fn used_actor_kinds(&self) -> BTreeSet<ActorKind> {
        self.vocabulary.actor_kinds()
    }

    pub(super) fn used_relation_kinds(&self) -> BTreeSet<String> {
        self.vocabulary.relation_kinds()
    }

    pub(super) fn used_statuses(&self) -> BTreeSet<Status> {
        self.vocabulary.statuses()
    }

    pub(super) fn used_stances(&self) -> BTreeSet<Stance> {
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

    pub(super) fn toggle_option(&mut self, option: &FilterOption) {
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

    pub(super) fn only_option(&mut self, option: &FilterOption) {
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

    pub(super) fn remove_chip(&mut self, chip: Chip) {
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
    pub(super) fn chip_at(&self, column: u16) -> Option<Chip> {
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
}

/// A shown subset in few words: the shown items when they are fewer,
/// else the hidden ones with a minus (`−Claimed`).
pub(super) fn describe_set<T: Ord>(
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
pub(super) fn toggle_in<T: Ord + Clone>(
    set: &mut BTreeSet<T>,
    item: &T,
    every: &BTreeSet<T>,
) -> bool {
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
