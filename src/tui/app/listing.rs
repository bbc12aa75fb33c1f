//! The actor list: matching the query (here or on a worker), the query's
//! history, and the scope every view shows.

use super::*;

impl App {
    /// Recomputes the actor list from the filters, keeping the selected
    /// actor selected when it is still listed.
    pub(super) fn refresh_list(&mut self) {
        self.relist(self.matches_in_background());
    }

    /// True when the filter matches on a worker. Matching scans every
    /// actor's texts, so a graph of many actors and few relations (a
    /// hundred thousand people in two hundred thousand relations) needs it
    /// as much as a million relations do: actors count as ten relations
    /// each, a typical graph's ratio.
    pub(super) fn matches_in_background(&self) -> bool {
        let graph = &self.graph;
        graph.relation_count() > self.background_above
            || graph.actor_count().saturating_mul(ACTOR_WEIGHT) > self.background_above
    }

    /// [`refresh_list`](Self::refresh_list), matching a query on a worker
    /// when `in_background`.
    pub(super) fn relist(&mut self, in_background: bool) {
        self.refresh_scope();
        self.cancel_matching();
        // While the query only grows and the filters stay, the matches can
        // only be among the previous ones.
        let narrowing = self.listed_scope == self.scope_generation
            && filter::narrows(&self.listed_for, &self.query);
        let candidates: Vec<NodeIndex> = if narrowing {
            // In any order: ties are broken by the actors' places in the
            // file whatever order they are scored in.
            let listed = self.listed.iter().map(|listed| listed.node);
            listed.chain(self.left_out.iter().copied()).collect()
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
    pub(super) fn request_matches(&mut self, candidates: Vec<NodeIndex>) {
        let (ticket, progress) = self.jobs.start(JobKind::Matches);
        self.effects.push(Effect::Compute(Task {
            job: Job::Match {
                ticket,
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
    pub(super) fn cancel_matching(&mut self) {
        self.jobs.cancel(JobKind::Matches);
    }

    /// Takes a list matched in the background, unless a newer query or
    /// filter asked again since.
    pub(super) fn matches_ready(&mut self, ticket: Ticket, query: String, matches: Arc<Matches>) {
        if !self.jobs.finish(ticket) {
            return;
        }
        self.show_list(Arc::unwrap_or_clone(matches), query);
    }

    /// Shows the actors matched for `query`. While the query is typed the
    /// top match is selected and the focus stays; otherwise the selected
    /// actor stays selected when it is still listed.
    pub(super) fn show_list(&mut self, matches: Matches, query: String) {
        // An empty list has no selection; the focus is what to keep then.
        let previous = self.selected_actor().or(self.focus);
        self.listed = matches.listed;
        self.left_out = matches.left_out;
        self.listed_for = query;
        self.listed_scope = self.scope_generation;
        if self.editing_filter {
            self.actor_cursor = Cursor::default();
            return;
        }
        self.actor_cursor.selected = previous
            .and_then(|node| self.listed.iter().position(|l| l.node == node))
            .unwrap_or(0);
        if self.actor_cursor.selected == 0 {
            self.actor_cursor.offset = 0;
        }
        self.keep_visible();
        if self.focus.is_none() || previous != self.selected_actor() {
            self.preview_selected_actor();
        }
        self.refresh_rows();
    }

    /// `/`: a new query, the one kept before going to the history.
    pub(super) fn start_filter(&mut self) {
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
    pub(super) fn accept_filter(&mut self) {
        self.editing_filter = false;
        self.query_recalled = None;
        // Enter acts on the list for the whole query, never on a stale
        // one: a match still running is finished here.
        if self.jobs.running(JobKind::Matches) {
            self.relist(false);
            self.actor_cursor = Cursor::default();
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
    pub(super) fn arrows_recall(&self) -> bool {
        !self.query_history.is_empty() && (self.query.is_empty() || self.query_recalled.is_some())
    }

    /// Puts an earlier (negative `step`) or later query kept with Enter in
    /// the query; past the newest, the query is empty again.
    pub(super) fn recall_query(&mut self, step: isize) {
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
    pub(super) fn select_focus_in_list(&mut self) {
        let at = self
            .focus
            .and_then(|focus| self.listed.iter().position(|l| l.node == focus));
        if let Some(at) = at {
            self.actor_cursor.selected = at;
            self.keep_visible();
        }
    }

    /// The actors and relations the filters let through, for every view:
    /// actor kinds, marked-only, and the "as of" date for dated actors.
    pub(super) fn refresh_scope(&mut self) {
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
    pub(super) fn listed_mask(&self) -> Vec<bool> {
        let mut mask = vec![false; self.graph.actor_count()];
        for listed in &self.listed {
            mask[listed.node.index()] = true;
        }
        mask
    }
}

/// How many relations one actor weighs in deciding where the filter matches.
const ACTOR_WEIGHT: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::{GenOptions, generate};
    use crate::tui::action::Action;

    fn typed_a(actors: usize) -> App {
        let graph = KnowledgeGraph::new(generate(&GenOptions {
            actors,
            relations: 3_000,
            seed: 1,
        }))
        .expect("valid");
        let mut app = App::new(graph, 120, 40).compute_in_background_above(20_000);
        app.update(Action::StartFilter);
        app.update(Action::FilterChar('a'));
        app
    }

    #[test]
    fn many_actors_in_few_relations_are_matched_on_a_worker() {
        // 3,000 relations are far below the threshold, but 3,000 actors
        // weigh as 30,000 relations: the matching goes to a worker.
        assert!(typed_a(3_000).busy());
        // 1,000 actors weigh 10,000: matched at once.
        let small = typed_a(1_000);
        assert!(!small.busy());
        assert!(small.listed().len() < 1_000, "the list is narrowed");
    }
}
