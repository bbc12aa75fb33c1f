//! The explorer over a SPARQL endpoint (`kgx --sparql URL [ACTOR]`): the
//! explorer works on a local graph that grows. When the focus changes, its
//! neighbourhood is fetched on a worker (a spinner in the status line, Esc
//! cancels, a newer focus supersedes), merged into the data fetched so far
//! and the graph rebuilt from it, keeping the person's place as a reload
//! does. Each resource is fetched once a session. The `/` filter lists
//! local matches at once and asks the endpoint for names containing the
//! text in the background. A failing endpoint is a message in the status
//! line; the explorer goes on with what it has.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

use oxrdf::NamedNode;

use super::task::Job;
use super::{App, Effect, Task};
use crate::graph::{KnowledgeGraph, Progress};
use crate::model::{Dataset, When};
use crate::remote::{self, Endpoint, Found};
use crate::tui::action::{Action, Report};

/// The fewest characters of a filter the endpoint is asked about: one or
/// two would match most of a large graph's names.
const SEARCH_FROM: usize = 3;

/// The frames of the status line's spinner, a tenth of a second each.
const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

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
    search: Option<(u64, Arc<Progress>)>,
    /// The filter text last asked about.
    searched: String,
}

/// A fetch in flight, and what the status line says meanwhile.
struct Pending {
    request: u64,
    progress: Arc<Progress>,
    started: Instant,
    /// The status line at each spinner frame.
    frames: Vec<String>,
}

/// How a relation is recognised in two answers.
type RelationKey = (String, String, String, Option<String>, Option<When>);

/// Work for a worker: one question to the endpoint.
#[derive(Debug)]
pub(super) enum Fetch {
    /// A resource's neighbourhood.
    Around {
        request: u64,
        resource: NamedNode,
        endpoint: Endpoint,
    },
    /// What a name typed on the command line stands for, and its
    /// neighbourhood when it is one resource.
    Named {
        request: u64,
        name: String,
        endpoint: Endpoint,
    },
    /// Resources whose names contain the filter's text.
    Search {
        request: u64,
        query: String,
        endpoint: Endpoint,
    },
}

/// An endpoint's answer, for the app to merge.
#[derive(Clone, Debug)]
pub struct RemoteAnswer {
    request: u64,
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
        self.request == other.request
    }
}

impl Fetch {
    /// Asks the endpoint; the answer as an action for the app.
    pub(super) fn run(self) -> Report {
        let (request, outcome) = match self {
            Fetch::Around {
                request,
                resource,
                mut endpoint,
            } => (request, around(&mut endpoint, &resource, false)),
            Fetch::Named {
                request,
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
                (request, outcome)
            }
            Fetch::Search {
                request,
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
                (request, outcome)
            }
        };
        Report::RemoteReady(RemoteAnswer { request, outcome })
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
            searched: String::new(),
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

    fn cancel_fetch(&mut self) -> bool {
        match self.fetch.take() {
            Some(pending) => {
                pending.progress.cancel();
                true
            }
            None => false,
        }
    }
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
            Some(name) => app.start_fetch(|request, endpoint| Fetch::Named {
                request,
                name,
                endpoint,
            }),
            None => {
                app.message = Some(
                    "type / and a name to search the endpoint, Enter to open what it finds".into(),
                );
            }
        }
        Ok(app)
    }

    /// Whether a fetch is running (the status line shows a spinner).
    pub fn fetching(&self) -> bool {
        self.remote
            .as_ref()
            .is_some_and(|state| state.fetch.is_some())
    }

    /// The status line while a fetch runs.
    pub(super) fn remote_status(&self) -> Option<&str> {
        let pending = self.remote.as_ref()?.fetch.as_ref()?;
        let frame = (pending.started.elapsed().as_millis() / 100) as usize % SPINNER.len();
        pending.frames.get(frame).map(String::as_str)
    }

    /// Esc while a fetch runs cancels it (and does nothing else).
    pub(super) fn remote_takes(&mut self, action: &Action) -> bool {
        if !matches!(action, Action::Cancel)
            || self.overlay.is_some()
            || self.command.is_some()
            || self.editing_filter
        {
            return false;
        }
        let Some(state) = self.remote.as_mut() else {
            return false;
        };
        if state.cancel_fetch() {
            // The focus counts as not followed, so moving back asks again.
            state.followed = None;
            self.message = Some("cancelled; the explorer shows what it has".into());
            return true;
        }
        false
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
            if let Some(resource) = focus
                && !state.fetched.contains(resource.as_str())
            {
                self.start_fetch(|request, endpoint| Fetch::Around {
                    request,
                    resource,
                    endpoint,
                });
            }
        }
        let Some(state) = self.remote.as_mut() else {
            return;
        };
        if self.query != state.searched {
            state.searched = self.query.clone();
            if let Some((_, progress)) = state.search.take() {
                progress.cancel();
            }
            if self.query.trim().chars().count() >= SEARCH_FROM {
                self.requests += 1;
                let progress = Arc::new(Progress::default());
                state.search = Some((self.requests, Arc::clone(&progress)));
                let fetch = Fetch::Search {
                    request: self.requests,
                    query: self.query.trim().to_owned(),
                    endpoint: state.endpoint.clone(),
                };
                self.push_fetch(fetch, progress);
            }
        }
    }

    /// Starts a fetch, superseding the one running.
    fn start_fetch(&mut self, fetch: impl FnOnce(u64, Endpoint) -> Fetch) {
        let Some(state) = self.remote.as_mut() else {
            return;
        };
        state.cancel_fetch();
        self.requests += 1;
        let fetch = fetch(self.requests, state.endpoint.clone());
        let what = match &fetch {
            Fetch::Around { resource, .. } => self
                .focus
                .map(|node| self.graph.actor(node).name.clone())
                .unwrap_or_else(|| resource.as_str().to_owned()),
            Fetch::Named { name, .. } => name.clone(),
            Fetch::Search { query, .. } => query.clone(),
        };
        let url = state.endpoint.url().to_owned();
        let progress = Arc::new(Progress::default());
        state.fetch = Some(Pending {
            request: self.requests,
            progress: Arc::clone(&progress),
            started: Instant::now(),
            frames: SPINNER
                .iter()
                .map(|frame| format!("{frame} asking {url} about {what} · Esc cancels"))
                .collect(),
        });
        self.push_fetch(fetch, progress);
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
        let is_fetch = state.fetch.as_ref().map(|p| p.request) == Some(answer.request);
        let is_search = state.search.as_ref().map(|s| s.0) == Some(answer.request);
        if !is_fetch && !is_search {
            return;
        }
        if is_fetch {
            state.fetch = None;
        } else {
            state.search = None;
        }
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
                // Asked again when the person comes back to it.
                if is_fetch {
                    state.followed = None;
                }
                self.message = Some(format!("{error}; kgx shows what it has"));
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
