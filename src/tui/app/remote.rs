//! The explorer over a SPARQL endpoint (`kgx --sparql URL [ACTOR]`): the
//! explorer works on a local graph that grows. When the focus changes, its
//! neighbourhood is fetched on a worker (a spinner in the status line, Esc
//! cancels, a newer focus supersedes), merged into the data fetched so far
//! and the graph rebuilt from it, keeping the person's place as a reload
//! does. Each resource is fetched once a session. The `/` filter lists
//! local matches at once and asks the endpoint for names containing the
//! text in the background. A failing endpoint is a message in the status
//! line; the explorer goes on with what it has.
//!
//! A question about a new focus or filter text is held back until it has
//! stayed the same for [`SETTLE`], so running down a list asks about the
//! row the person stops at, not every row passed. Time reaches the app
//! as [`Report::Tick`], so tests need not sleep.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use oxrdf::NamedNode;

use super::task::Job;
use super::{App, Effect, JobKind, Jobs, SPINNER, Task, Ticket};
use crate::graph::{KnowledgeGraph, Progress};
use crate::model::{Dataset, When};
use crate::remote::{self, Endpoint, Found};
use crate::tui::action::{Action, Report};

/// The fewest characters of a filter the endpoint is asked about: one or
/// two would match most of a large graph's names.
const SEARCH_FROM: usize = 3;

/// How long the focus or the filter's text must stay the same before the
/// endpoint is asked about it.
pub const SETTLE: Duration = Duration::from_millis(150);

/// What the explorer starts from: the endpoint (with its User-Agent,
/// headers and profile) and the actor named on the command line.
#[derive(Clone, Debug)]
pub struct RemoteStart {
    /// The endpoint to explore.
    pub endpoint: Endpoint,
    /// The actor to open first: an IRI, a prefixed name or a name.
    pub actor: Option<String>,
}

/// The explorer's side of an endpoint: everything fetched so far, and the
/// fetch and search in flight.
pub(super) struct RemoteState {
    endpoint: Endpoint,
    /// Every answer merged: the graph shown is built from this.
    dataset: Dataset,
    actor_at: HashMap<String, usize>,
    relations: HashSet<RelationKey>,
    sources: HashSet<String>,
    /// Resources whose neighbourhood is in `dataset`.
    fetched: HashSet<String>,
    /// Answers merged, to keep blank nodes of different answers apart.
    merged: u64,
    /// The resource of the focus last seen, to notice a new one.
    followed: Option<String>,
    fetch: Option<Pending>,
    search: Option<Question>,
    /// The endpoint's note about the search the status line shows.
    search_note: Option<String>,
    /// The filter text last asked about.
    searched: String,
    /// The fetch that failed or was cancelled last, for the retry key.
    failed: Option<Redo>,
}

/// A question to the endpoint: held back until what it asks about has
/// settled, then sent to a worker. Only the newest one's answer is taken;
/// one superseded before it was sent is never sent.
struct Question {
    progress: Arc<Progress>,
    /// The work, until it is sent.
    unsent: Option<Fetch>,
    /// The first tick since the question was asked: it is sent once
    /// [`SETTLE`] has passed since.
    quiet_since: Option<Instant>,
    /// Why the endpoint is being waited for, when it asked kgx to wait.
    note: Arc<Mutex<Option<String>>>,
}

impl Question {
    /// The work to send now, if the question has been quiet long enough.
    /// What the endpoint said about waiting, if it asked kgx to wait.
    fn note(&self) -> Option<String> {
        self.note.lock().ok().and_then(|note| note.clone())
    }

    fn due(&mut self, now: Instant) -> Option<Fetch> {
        self.unsent.as_ref()?;
        let since = *self.quiet_since.get_or_insert(now);
        if now.saturating_duration_since(since) >= SETTLE {
            self.unsent.take()
        } else {
            None
        }
    }
}

/// A fetch waiting or in flight, and what the status line says meanwhile.
struct Pending {
    question: Question,
    /// What is asked again after a failure.
    redo: Redo,
    started: Instant,
    /// The status line at each spinner frame.
    frames: Vec<String>,
    /// The endpoint's note the frames show, once there is one.
    shown_note: Option<String>,
}

/// A fetch to ask again.
#[derive(Clone, Debug)]
enum Redo {
    /// A resource's neighbourhood.
    Around(NamedNode),
    /// A name typed on the command line.
    Named(String),
}

/// How a relation is recognised in two answers.
type RelationKey = (String, String, String, Option<String>, Option<When>);

/// Work for a worker: one question to the endpoint.
#[derive(Debug)]
pub(super) enum Fetch {
    /// A resource's neighbourhood.
    Around {
        ticket: Ticket,
        resource: NamedNode,
        endpoint: Endpoint,
    },
    /// What a name typed on the command line stands for, and its
    /// neighbourhood when it is one resource.
    Named {
        ticket: Ticket,
        name: String,
        endpoint: Endpoint,
    },
    /// Resources whose names contain the filter's text.
    Search {
        ticket: Ticket,
        query: String,
        endpoint: Endpoint,
    },
}

/// An endpoint's answer, for the app to merge.
#[derive(Clone, Debug)]
pub struct RemoteAnswer {
    ticket: Ticket,
    outcome: Outcome,
}

#[derive(Clone, Debug)]
enum Outcome {
    /// A resource's neighbourhood; `truncated` when the endpoint had more.
    Around {
        resource: String,
        dataset: Arc<Dataset>,
        truncated: bool,
        /// Open it once it is in (the actor named on the command line).
        open: bool,
    },
    /// A name stood for several resources (IRI and name of each).
    Several(String, Vec<(String, String)>),
    /// A name stood for nothing.
    Nothing(String),
    /// Resources named like the filter text.
    Searched {
        query: String,
        dataset: Arc<Dataset>,
    },
    /// Why the endpoint did not answer.
    Failed(String),
}

impl PartialEq for RemoteAnswer {
    /// The same answer: one request is answered once.
    fn eq(&self, other: &RemoteAnswer) -> bool {
        self.ticket == other.ticket
    }
}

impl Fetch {
    /// Asks the endpoint; the answer as an action for the app.
    pub(super) fn run(self) -> Report {
        let (ticket, outcome) = match self {
            Fetch::Around {
                ticket,
                resource,
                mut endpoint,
            } => (ticket, around(&mut endpoint, &resource, false)),
            Fetch::Named {
                ticket,
                name,
                mut endpoint,
            } => {
                let outcome = match remote::resolve(&mut endpoint, &name) {
                    Ok(Found::One(resource)) => around(&mut endpoint, &resource, true),
                    Ok(Found::Several(found)) => Outcome::Several(
                        name,
                        found
                            .into_iter()
                            .map(|(iri, label)| (iri.into_string(), label))
                            .collect(),
                    ),
                    Ok(Found::Nothing) => Outcome::Nothing(name),
                    Err(error) => Outcome::Failed(error.to_string()),
                };
                (ticket, outcome)
            }
            Fetch::Search {
                ticket,
                query,
                mut endpoint,
            } => {
                let outcome = match remote::search(&mut endpoint, &query) {
                    Ok(fetched) => Outcome::Searched {
                        query,
                        dataset: Arc::new(fetched.dataset),
                    },
                    Err(error) => Outcome::Failed(error.to_string()),
                };
                (ticket, outcome)
            }
        };
        Report::RemoteReady(RemoteAnswer { ticket, outcome })
    }
}

fn around(endpoint: &mut Endpoint, resource: &NamedNode, open: bool) -> Outcome {
    match remote::neighbourhood(endpoint, resource) {
        Ok(fetched) => Outcome::Around {
            resource: resource.as_str().to_owned(),
            dataset: Arc::new(fetched.dataset),
            truncated: fetched.truncated,
            open,
        },
        Err(error) => Outcome::Failed(error.to_string()),
    }
}

impl RemoteState {
    fn new(endpoint: Endpoint) -> RemoteState {
        RemoteState {
            dataset: Dataset {
                title: endpoint.url().to_owned(),
                description: None,
                sources: Vec::new(),
                actors: Vec::new(),
                relations: Vec::new(),
            },
            endpoint,
            actor_at: HashMap::new(),
            relations: HashSet::new(),
            sources: HashSet::new(),
            fetched: HashSet::new(),
            merged: 0,
            followed: None,
            fetch: None,
            search: None,
            search_note: None,
            searched: String::new(),
            failed: None,
        }
    }

    /// Adds an answer to what was fetched: new actors, sources and
    /// relations, and `about`'s own description in place of what a
    /// neighbour's answer said of it.
    fn merge(&mut self, answer: &Dataset, about: Option<&str>) {
        self.merged += 1;
        let mut answer = answer.clone();
        rename_blank_nodes(&mut answer, self.merged);
        if self.merged == 1 {
            self.dataset.title = answer.title.clone();
            self.dataset.description = answer.description.clone();
        }
        for source in answer.sources {
            if self.sources.insert(source.id.clone()) {
                self.dataset.sources.push(source);
            }
        }
        for actor in answer.actors {
            let is_about = about.is_some()
                && about == remote::resource_of(&actor).as_ref().map(NamedNode::as_str);
            match self.actor_at.get(&actor.id) {
                Some(&at) if is_about || told(&actor) > told(&self.dataset.actors[at]) => {
                    self.dataset.actors[at] = actor;
                }
                Some(_) => {}
                None => {
                    self.actor_at
                        .insert(actor.id.clone(), self.dataset.actors.len());
                    self.dataset.actors.push(actor);
                }
            }
        }
        for relation in answer.relations {
            let key = (
                relation.from.clone(),
                relation.to.clone(),
                relation.kind.clone(),
                relation.label.clone(),
                relation.date,
            );
            if self.relations.insert(key) {
                self.dataset.relations.push(relation);
            }
        }
    }

    /// Cancels the fetch waiting or running; what it asked, if there was one.
    fn cancel_fetch(&mut self, jobs: &mut Jobs) -> Option<Redo> {
        let pending = self.fetch.take()?;
        jobs.cancel(JobKind::RemoteFetch);
        Some(pending.redo)
    }

    /// A question asked with a ticket (which `fetch` carries), the
    /// endpoint it goes to made to stop once `progress` is cancelled and
    /// to leave its notes where the status line finds them.
    fn question(
        &self,
        (_, progress): (Ticket, Arc<Progress>),
        fetch: impl FnOnce(Endpoint) -> Fetch,
    ) -> Question {
        let note = Arc::new(Mutex::new(None));
        let told = Arc::clone(&note);
        let endpoint = self
            .endpoint
            .clone()
            .cancelled_by(Arc::clone(&progress))
            .telling(move |said| {
                if let Ok(mut note) = told.lock() {
                    *note = Some(said.to_owned());
                }
            });
        Question {
            progress,
            unsent: Some(fetch(endpoint)),
            quiet_since: None,
            note,
        }
    }
}

/// What the endpoint is asked for a filter query: its words without the
/// local filter's marks (`'word`, `^word`, `word$`), and none of a word
/// it must not hold (`!word`), which a name search cannot ask; as typed
/// for a regular expression. `None` below [`SEARCH_FROM`] characters.
fn endpoint_query(query: &str, search: remote::TextSearch) -> Option<String> {
    let text = match search {
        remote::TextSearch::Regex => query.trim().to_owned(),
        _ => query
            .split_whitespace()
            .filter(|word| !word.starts_with('!'))
            .map(|word| word.trim_start_matches(['\'', '^']).trim_end_matches('$'))
            .filter(|word| !word.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    };
    (text.chars().count() >= SEARCH_FROM).then_some(text)
}

/// The status line's frames for `text`, with the key that cancels.
fn spinner_frames(text: &str, cancel: &str) -> Vec<String> {
    SPINNER
        .iter()
        .map(|frame| format!("{frame} {text} · {cancel} cancels"))
        .collect()
}

/// How much an answer tells of an actor: a neighbour's answer may give
/// only its name, its own answer everything.
fn told(actor: &crate::model::Actor) -> usize {
    let untyped = matches!(&actor.kind, crate::model::ActorKind::Other(kind) if kind == "Node");
    usize::from(!untyped)
        + actor.aliases.len()
        + usize::from(actor.summary.is_some())
        + actor.roles.len()
        + usize::from(actor.date.is_some())
        + actor.external_ids.len()
        + actor.attributes.len()
}

/// Blank nodes are named per answer (`_:b1`), so two answers' `_:b1` are
/// different resources: each answer's get a prefix of their own.
fn rename_blank_nodes(dataset: &mut Dataset, answer: u64) {
    let rename = |id: &mut String| {
        if let Some(local) = id.strip_prefix("_:") {
            *id = format!("_:a{answer}{local}");
        }
    };
    for actor in &mut dataset.actors {
        rename(&mut actor.id);
        for role in &mut actor.roles {
            if let Some(of) = &mut role.of {
                rename(of);
            }
        }
    }
    for relation in &mut dataset.relations {
        rename(&mut relation.from);
        rename(&mut relation.to);
        for evidence in &mut relation.evidence {
            if let Some(speaker) = &mut evidence.attributed_to {
                rename(speaker);
            }
        }
    }
}

impl App {
    /// The explorer on an endpoint: it starts from nothing and fetches
    /// the actor named, if one was.
    pub fn on_endpoint(
        start: RemoteStart,
        width: u16,
        height: u16,
    ) -> Result<App, crate::graph::UnknownActor> {
        let state = RemoteState::new(start.endpoint);
        let graph = KnowledgeGraph::new(state.dataset.clone())?;
        let mut app = App::new(graph, width, height);
        app.remote = Some(Box::new(state));
        match start.actor {
            Some(name) => app.ask(Redo::Named(name), false),
            None => {
                app.message = Some(
                    "type / and a name to search the endpoint, Enter to open what it finds".into(),
                );
            }
        }
        Ok(app)
    }

    /// Whether a fetch is waiting or running (the status line shows a
    /// spinner).
    pub fn fetching(&self) -> bool {
        self.remote
            .as_ref()
            .is_some_and(|state| state.fetch.is_some())
    }

    /// Whether a question waits for the focus or the filter to settle:
    /// the shell then tells the app the time often ([`Report::Tick`]).
    pub fn settling(&self) -> bool {
        self.remote.as_ref().is_some_and(|state| {
            let waits = |question: &Question| question.unsent.is_some();
            state.fetch.as_ref().is_some_and(|p| waits(&p.question))
                || state.search.as_ref().is_some_and(waits)
        })
    }

    /// Time passed: questions that have settled are sent, and what the
    /// endpoint said about waiting reaches the status line.
    pub(super) fn remote_tick(&mut self, now: Instant) {
        let cancel = self.keymap.first_key("cancel");
        let Some(state) = self.remote.as_mut() else {
            return;
        };
        let mut due = Vec::new();
        if let Some(pending) = state.fetch.as_mut() {
            if let Some(fetch) = pending.question.due(now) {
                due.push((fetch, Arc::clone(&pending.question.progress)));
            }
            let note = pending.question.note();
            if note.is_some() && note != pending.shown_note {
                let text = note.clone().unwrap_or_default();
                pending.frames = spinner_frames(&text, &cancel);
                pending.shown_note = note;
            }
        }
        let mut search_note = None;
        if let Some(search) = state.search.as_mut() {
            if let Some(fetch) = search.due(now) {
                due.push((fetch, Arc::clone(&search.progress)));
            }
            // A search has no spinner of its own: the wait it was asked
            // for is a message.
            let note = search.note();
            if note.is_some() && note != state.search_note {
                search_note = note
                    .as_ref()
                    .map(|note| format!("{note} · {cancel} cancels"));
                state.search_note = note;
            }
        }
        if search_note.is_some() {
            self.message = search_note;
        }
        for (fetch, progress) in due {
            self.push_fetch(fetch, progress);
        }
    }

    /// The status line while a fetch runs.
    pub(super) fn remote_status(&self) -> Option<&str> {
        let pending = self.remote.as_ref()?.fetch.as_ref()?;
        let frame = (pending.started.elapsed().as_millis() / 100) as usize % SPINNER.len();
        pending.frames.get(frame).map(String::as_str)
    }

    /// Esc while a fetch waits or runs cancels it (and does nothing else);
    /// the retry key asks again what failed or was cancelled, or the
    /// focus's neighbourhood when it is not in.
    pub(super) fn remote_takes(&mut self, action: &Action) -> bool {
        if !matches!(action, Action::Cancel | Action::Retry)
            || self.overlay.is_some()
            || self.command.is_some()
            || self.editing_filter
        {
            return false;
        }
        let retry = self.keymap.first_key("retry");
        let Some(state) = self.remote.as_mut() else {
            if matches!(action, Action::Retry) {
                self.message = Some(format!(
                    "{retry} asks a SPARQL endpoint again; this explorer shows a file"
                ));
                return true;
            }
            return false;
        };
        if matches!(action, Action::Cancel) {
            let Some(redo) = state.cancel_fetch(&mut self.jobs) else {
                return false;
            };
            // The focus counts as not followed, so moving back asks again.
            state.followed = None;
            state.failed = Some(redo);
            self.message = Some(format!(
                "cancelled; the explorer shows what it has · {retry} asks again"
            ));
            return true;
        }
        if state.fetch.is_some() {
            let cancel = self.keymap.first_key("cancel");
            self.message = Some(format!("already asking the endpoint; {cancel} cancels"));
            return true;
        }
        let focus = self
            .focus
            .and_then(|node| remote::resource_of(self.graph.actor(node)));
        let redo = match (state.failed.take(), focus) {
            (Some(redo), _) => redo,
            (None, Some(resource)) if !state.fetched.contains(resource.as_str()) => {
                Redo::Around(resource)
            }
            (None, _) => {
                self.message = Some("nothing to ask again: what is shown is all in".into());
                return true;
            }
        };
        self.ask(redo, false);
        true
    }

    /// After each action: a new focus is fetched unless it was before; a
    /// changed filter text is asked about.
    pub(super) fn remote_follow(&mut self) {
        let focus = self
            .focus
            .and_then(|node| remote::resource_of(self.graph.actor(node)));
        let Some(state) = self.remote.as_mut() else {
            return;
        };
        let seen = focus.as_ref().map(|r| r.as_str().to_owned());
        if seen != state.followed {
            state.followed = seen;
            match focus {
                Some(resource) if !state.fetched.contains(resource.as_str()) => {
                    self.ask(Redo::Around(resource), true);
                }
                // The person moved on: what was asked for the last focus
                // is no longer wanted.
                _ => {
                    state.cancel_fetch(&mut self.jobs);
                }
            }
        }
        let Some(state) = self.remote.as_mut() else {
            return;
        };
        if self.query != state.searched {
            state.searched = self.query.clone();
            if state.search.take().is_some() {
                self.jobs.cancel(JobKind::RemoteSearch);
            }
            let text_search = state.endpoint.text_search();
            if let Some(query) = endpoint_query(&self.query, text_search) {
                let asked = self.jobs.start(JobKind::RemoteSearch);
                let ticket = asked.0;
                let question = state.question(asked, |endpoint| Fetch::Search {
                    ticket,
                    query,
                    endpoint,
                });
                state.search = Some(question);
            }
        }
    }

    /// Asks `redo` of the endpoint, superseding the fetch waiting or
    /// running: at once, or with `settle` once the focus has stayed put
    /// for [`SETTLE`].
    fn ask(&mut self, redo: Redo, settle: bool) {
        let what = match &redo {
            Redo::Around(resource) => self
                .focus
                .map(|node| self.graph.actor(node).name.clone())
                .unwrap_or_else(|| resource.as_str().to_owned()),
            Redo::Named(name) => name.clone(),
        };
        let cancel = self.keymap.first_key("cancel");
        let Some(state) = self.remote.as_mut() else {
            return;
        };
        state.cancel_fetch(&mut self.jobs);
        let asked = self.jobs.start(JobKind::RemoteFetch);
        let ticket = asked.0;
        let question = state.question(asked, |endpoint| match redo.clone() {
            Redo::Around(resource) => Fetch::Around {
                ticket,
                resource,
                endpoint,
            },
            Redo::Named(name) => Fetch::Named {
                ticket,
                name,
                endpoint,
            },
        });
        let asking = format!("asking {} about {what}", state.endpoint.url());
        state.fetch = Some(Pending {
            question,
            redo,
            started: Instant::now(),
            frames: spinner_frames(&asking, &cancel),
            shown_note: None,
        });
        if !settle {
            let sent = state.fetch.as_mut().and_then(|pending| {
                let fetch = pending.question.unsent.take()?;
                Some((fetch, Arc::clone(&pending.question.progress)))
            });
            if let Some((fetch, progress)) = sent {
                self.push_fetch(fetch, progress);
            }
        }
    }

    fn push_fetch(&mut self, fetch: Fetch, progress: Arc<Progress>) {
        self.effects.push(Effect::Compute(Task {
            job: Job::Remote(Box::new(fetch)),
            graph: Arc::clone(&self.graph),
            scope: self.scope.clone(),
            progress,
        }));
    }

    /// Takes in an endpoint's answer, unless a newer question replaced it.
    pub(super) fn remote_ready(&mut self, answer: RemoteAnswer) {
        let Some(state) = self.remote.as_mut() else {
            return;
        };
        // Only the newest question of each kind is answered: one the
        // person moved on from, or cancelled, is dropped.
        if !self.jobs.finish(answer.ticket) {
            return;
        }
        let is_fetch = answer.ticket.kind() == JobKind::RemoteFetch;
        let redo = if is_fetch {
            state.fetch.take().map(|pending| pending.redo)
        } else {
            state.search = None;
            None
        };
        let url = state.endpoint.url().to_owned();
        let mut open = None;
        match answer.outcome {
            Outcome::Around {
                resource,
                dataset,
                truncated,
                open: opening,
            } => {
                state.merge(&dataset, Some(&resource));
                state.fetched.insert(resource.clone());
                open = opening.then_some(resource);
                self.message = truncated.then(|| {
                    format!(
                        "the endpoint has more than its first page of {} triples; this is the first page",
                        remote::PAGE
                    )
                });
            }
            Outcome::Searched { query, dataset } => {
                let before = state.dataset.actors.len();
                state.merge(&dataset, None);
                let added = state.dataset.actors.len() - before;
                self.message = Some(format!(
                    "{} on the endpoint have \"{query}\" in a name ({added} new here)",
                    dataset.actors.len()
                ));
            }
            Outcome::Several(name, found) => {
                let mut names: Vec<String> = found
                    .iter()
                    .take(5)
                    .map(|(iri, label)| format!("{label} <{iri}>"))
                    .collect();
                if found.len() > 5 {
                    names.push("…".into());
                }
                self.message = Some(format!(
                    "\"{name}\" names {} resources on {url}: {}; type / and a name to choose",
                    found.len(),
                    names.join(", ")
                ));
                return;
            }
            Outcome::Nothing(name) => {
                self.message = Some(format!(
                    "nothing on {url} is named \"{name}\"; type / and a name to search"
                ));
                return;
            }
            Outcome::Failed(error) => {
                // Asked again when the person comes back to it, or at once
                // with the retry key.
                let retry = self.keymap.first_key("retry");
                if is_fetch {
                    state.followed = None;
                    state.failed = redo;
                }
                self.message = Some(format!(
                    "{error}; kgx shows what it has · {retry} asks again"
                ));
                return;
            }
        }
        let message = self.message.take();
        match KnowledgeGraph::new(state.dataset.clone()) {
            Ok(graph) => self.swap_graph(graph),
            Err(error) => {
                self.message = Some(format!("the endpoint's answer cannot be shown: {error}"));
                return;
            }
        }
        self.message = message.or(self.message.take());
        // The actor named on the command line is opened once it is in.
        let opened = open.and_then(|resource| {
            self.graph.actors().find_map(|(node, actor)| {
                (remote::resource_of(actor).as_ref().map(NamedNode::as_str)
                    == Some(resource.as_str()))
                .then_some(node)
            })
        });
        if let Some(node) = opened {
            self.jump_to(node);
        }
        self.refresh_view();
    }
}

#[cfg(test)]
mod tests {
    use super::super::task::Job;
    use super::*;
    use crate::remote::{Reply, Scripted};

    const LABEL: &str = "<http://www.w3.org/2000/01/rdf-schema#label>";
    const KNOWS: &str = "<http://example.org/knows>";

    fn ok(body: String) -> Reply {
        Reply {
            status: 200,
            retry_after: None,
            body,
        }
    }

    /// Six resources named "Person 0" … "Person 5", as a search finds them.
    fn six_people() -> String {
        (0..6)
            .map(|i| format!("<http://example.org/p{i}> {LABEL} \"Person {i}\" .\n"))
            .collect()
    }

    /// `who`'s neighbourhood: a friend only it knows.
    fn around(who: &str) -> String {
        format!(
            "<http://example.org/{who}> {KNOWS} <http://example.org/friend-of-{who}> .\n\
             <http://example.org/friend-of-{who}> {LABEL} \"Friend of {who}\" .\n"
        )
    }

    /// The questions the app sent to workers since last asked.
    fn sent(app: &mut App) -> Vec<Task> {
        app.take_effects()
            .into_iter()
            .filter_map(|effect| match effect {
                Effect::Compute(task) if matches!(task.job, Job::Remote(_)) => Some(task),
                _ => None,
            })
            .collect()
    }

    /// The resource a sent neighbourhood fetch asks about.
    fn about(task: &Task) -> &str {
        match &task.job {
            Job::Remote(fetch) => match fetch.as_ref() {
                Fetch::Around { resource, .. } => resource.as_str(),
                Fetch::Named { name, .. } => name,
                Fetch::Search { query, .. } => query,
            },
            _ => "",
        }
    }

    /// An explorer on a scripted endpoint whose list holds the six people
    /// (found by typing "person" into the filter), with no question left.
    fn explorer(transport: &Arc<Scripted>, t0: Instant) -> App {
        let endpoint = Endpoint::scripted("http://example.org/sparql", transport);
        let start = RemoteStart {
            endpoint,
            actor: None,
        };
        let mut app = App::on_endpoint(start, 120, 40).unwrap();
        app.update(Action::StartFilter);
        for c in "person".chars() {
            app.update(Action::FilterChar(c));
        }
        app.update(Report::Tick(t0));
        assert!(
            sent(&mut app).is_empty(),
            "a search waits for the typing to settle"
        );
        app.update(Report::Tick(t0 + SETTLE));
        let searches = sent(&mut app);
        assert_eq!(searches.len(), 1, "one search for the whole word typed");
        assert_eq!(about(&searches[0]), "person");
        for task in searches {
            app.update(task.run().unwrap());
        }
        app.update(Action::Activate);
        for _ in 0..3 {
            if app.pane() != crate::tui::action::Pane::Actors {
                app.update(Action::PreviousPane);
            }
        }
        assert_eq!(app.pane(), crate::tui::action::Pane::Actors);
        assert!(sent(&mut app).is_empty());
        app
    }

    fn focus_iri(app: &App) -> String {
        let node = app.focus().unwrap();
        remote::resource_of(app.graph().actor(node))
            .unwrap()
            .into_string()
    }

    #[test]
    fn running_down_the_list_asks_only_about_the_row_stopped_at() {
        let transport = Scripted::replying([ok(six_people())]);
        let t0 = Instant::now();
        let mut app = explorer(&transport, t0);
        let posts = transport.posts();
        let mut now = t0 + SETTLE;
        // A key every 30 ms, the shell telling the time after each.
        for _ in 0..5 {
            now += Duration::from_millis(30);
            app.update(Action::Move(1));
            app.update(Report::Tick(now));
        }
        assert!(sent(&mut app).is_empty(), "nothing asked while moving");
        assert!(app.fetching(), "the spinner shows what will be asked");
        app.update(Report::Tick(now + SETTLE - Duration::from_millis(1)));
        assert!(sent(&mut app).is_empty());
        app.update(Report::Tick(now + SETTLE));
        let asked = sent(&mut app);
        assert_eq!(asked.len(), 1, "one question, for the row stopped at");
        assert_eq!(about(&asked[0]), focus_iri(&app));
        assert_eq!(
            transport.posts(),
            posts,
            "no question for a row passed went out"
        );
    }

    #[test]
    fn a_superseded_fetch_is_cancelled_and_its_late_answer_ignored() {
        let transport = Scripted::replying([ok(six_people()), ok(around("p1"))]);
        let t0 = Instant::now();
        let mut app = explorer(&transport, t0);
        app.update(Action::Move(1));
        app.update(Report::Tick(t0 + SETTLE * 2));
        app.update(Report::Tick(t0 + SETTLE * 3));
        let mut asked = sent(&mut app);
        assert_eq!(asked.len(), 1);
        let first = asked.remove(0);
        let progress = Arc::clone(&first.progress);
        // Its answer is on its way when the person moves on.
        let late = first.run().unwrap();
        let actors = app.graph().actor_count();
        app.update(Action::Move(1));
        assert!(progress.is_cancelled(), "moving on cancels it");
        app.update(Report::Tick(t0 + SETTLE * 4));
        app.update(Report::Tick(t0 + SETTLE * 5));
        let mut newer = sent(&mut app);
        assert_eq!(newer.len(), 1);
        app.update(late);
        assert_eq!(
            app.graph().actor_count(),
            actors,
            "the late answer is ignored"
        );
        assert!(app.fetching(), "still asking about the newer focus");
        // Superseded before a worker took it up, a question is never sent.
        let second = newer.remove(0);
        app.update(Action::Move(1));
        let posts = transport.posts();
        assert!(second.run().is_none());
        assert_eq!(transport.posts(), posts);
    }

    #[test]
    fn esc_cancels_a_question_before_it_is_sent_and_retry_asks_it_at_once() {
        let transport = Scripted::replying([ok(six_people()), ok(around("p1"))]);
        let t0 = Instant::now();
        let mut app = explorer(&transport, t0);
        app.update(Action::Move(1));
        let focus = focus_iri(&app);
        app.update(Action::Cancel);
        assert!(!app.fetching());
        assert!(
            app.message().unwrap().contains("r asks again"),
            "{:?}",
            app.message()
        );
        app.update(Report::Tick(t0 + SETTLE * 9));
        assert!(
            sent(&mut app).is_empty(),
            "a cancelled question is never sent"
        );
        app.update(Action::Retry);
        let asked = sent(&mut app);
        assert_eq!(asked.len(), 1, "retry asks at once");
        assert_eq!(about(&asked[0]), focus);
    }

    #[test]
    fn a_failed_fetch_says_how_to_retry_and_retry_asks_it_again() {
        let failing = Reply {
            status: 500,
            retry_after: None,
            body: "broken".into(),
        };
        let transport = Scripted::replying([ok(six_people()), failing]);
        let t0 = Instant::now();
        let mut app = explorer(&transport, t0);
        app.update(Action::Move(1));
        let focus = focus_iri(&app);
        app.update(Report::Tick(t0 + SETTLE * 2));
        app.update(Report::Tick(t0 + SETTLE * 3));
        for task in sent(&mut app) {
            app.update(task.run().unwrap());
        }
        let message = app.message().unwrap_or_default().to_owned();
        assert!(
            message.contains("HTTP 500") && message.contains("r asks again"),
            "{message}"
        );
        app.update(Action::Retry);
        let asked = sent(&mut app);
        assert_eq!(asked.len(), 1);
        assert_eq!(about(&asked[0]), focus);
    }

    /// An endpoint's refusal asking kgx to come back in four seconds.
    fn busy_for_four_seconds() -> Reply {
        Reply {
            status: 429,
            retry_after: Some("4".into()),
            body: String::new(),
        }
    }

    /// The status line says the endpoint asked for four seconds, and how
    /// to stop waiting.
    fn assert_says_to_wait_four_seconds(app: &App) {
        let status = app.message().unwrap_or_default().to_owned();
        assert!(
            status.contains("asks kgx to wait 4 s") && status.contains("Esc cancels"),
            "{status}"
        );
    }

    #[test]
    fn a_wait_the_endpoint_asks_for_is_in_the_status_line() {
        let busy = busy_for_four_seconds();
        let transport = Scripted::replying([ok(six_people()), busy, ok(around("p1"))]);
        let t0 = Instant::now();
        let mut app = explorer(&transport, t0);
        app.update(Action::Move(1));
        app.update(Report::Tick(t0 + SETTLE * 2));
        app.update(Report::Tick(t0 + SETTLE * 3));
        let asked = sent(&mut app);
        assert_eq!(asked.len(), 1);
        // The worker is told to wait; the status line says so at the next tick.
        let answer = asked.into_iter().next().unwrap().run().unwrap();
        app.update(Report::Tick(t0 + SETTLE * 4));
        assert_says_to_wait_four_seconds(&app);
        app.update(answer);
        assert!(!app.fetching());
        assert_eq!(transport.paused.lock().unwrap().len(), 1);
    }

    #[test]
    fn a_wait_the_endpoint_asks_for_during_a_search_is_in_the_status_line() {
        let busy = busy_for_four_seconds();
        let transport = Scripted::replying([ok(six_people()), busy, ok(six_people())]);
        let t0 = Instant::now();
        let mut app = explorer(&transport, t0);
        app.update(Action::StartFilter);
        for c in "person 1".chars() {
            app.update(Action::FilterChar(c));
        }
        app.update(Report::Tick(t0 + SETTLE * 2));
        app.update(Report::Tick(t0 + SETTLE * 3));
        let search = sent(&mut app)
            .into_iter()
            .find(|task| about(task) == "person 1")
            .expect("the search is sent once typing settles");
        let answer = search.run().unwrap();
        app.update(Report::Tick(t0 + SETTLE * 4));
        assert_says_to_wait_four_seconds(&app);
        app.update(answer);
        assert_eq!(transport.paused.lock().unwrap().len(), 1);
    }

    #[test]
    fn the_endpoint_is_asked_for_the_words_without_the_filters_marks() {
        use remote::TextSearch::{Contains, Qlever, Regex};
        assert_eq!(endpoint_query("^lav", Contains).as_deref(), Some("lav"));
        assert_eq!(
            endpoint_query("'sergei lavrov$ !minister", Qlever).as_deref(),
            Some("sergei lavrov")
        );
        assert_eq!(endpoint_query("^la !x", Contains), None, "too short");
        assert_eq!(endpoint_query(" ^lav ", Regex).as_deref(), Some("^lav"));
    }

    #[test]
    fn help_lists_the_spinner_keys() {
        let help = crate::tui::keymap::Keymap::default().help();
        let (_, rows) = help
            .iter()
            .find(|(title, _)| title.contains("SPARQL"))
            .unwrap();
        assert!(
            rows.iter()
                .any(|(keys, what)| keys == "Esc" && what.contains("stop asking"))
        );
        assert!(
            rows.iter()
                .any(|(keys, what)| keys == "r" && what.contains("ask again"))
        );
    }
}
