//! Checks that serde cannot make: references between records, duplicate
//! ids, empty names, the relation-kind vocabulary. Each finding names the
//! place by its path in the file, so the loader can point at it.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::diagnostic::{Collected, KEPT, Problem, clipped};
use crate::model::{Actor, ActorKind, Dataset, Relation, Source};
use crate::suggest;

/// One step of a path into the file: a field name or a list index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// A named field of a record.
    Field(&'static str),
    /// An element of a list.
    Index(usize),
}

/// A finding of validation, located by path rather than by byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// Where in the file.
    pub path: Vec<Step>,
    /// What is wrong.
    pub message: String,
    /// The note under the marked spot.
    pub label: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
    /// A second place that explains the first.
    pub related: Option<(Vec<Step>, String)>,
}

impl Issue {
    fn new(path: Vec<Step>, message: String) -> Self {
        Issue {
            path,
            message,
            label: None,
            help: None,
            related: None,
        }
    }

    fn label(mut self, label: &str) -> Self {
        self.label = Some(label.to_owned());
        self
    }

    fn help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

/// The records that parsed, each with its index in the file, plus the ids
/// of records that failed to parse (so references to them are not reported
/// a second time).
#[derive(Default)]
pub struct Parts<'a> {
    pub title: Option<&'a str>,
    pub sources: Vec<(usize, &'a Source)>,
    pub actors: Vec<(usize, &'a Actor)>,
    pub relations: Vec<(usize, &'a Relation)>,
    pub unparsed_ids: HashSet<String>,
}

impl<'a> Parts<'a> {
    /// Every record of a data set that parsed whole.
    pub fn of(dataset: &'a Dataset) -> Parts<'a> {
        Parts {
            title: Some(&dataset.title),
            sources: dataset.sources.iter().enumerate().collect(),
            actors: dataset.actors.iter().enumerate().collect(),
            relations: dataset.relations.iter().enumerate().collect(),
            unparsed_ids: HashSet::new(),
        }
    }
}

fn at(list: &'static str, index: usize, rest: &[Step]) -> Vec<Step> {
    let mut path = vec![Step::Field(list), Step::Index(index)];
    path.extend_from_slice(rest);
    path
}

/// What validation found: the first issues in full, the rest only
/// counted, so that a file broken a million times costs neither the
/// memory of a million messages nor the time of a million suggestions.
#[derive(Debug)]
pub struct Found {
    issues: Vec<Issue>,
    more: usize,
    room: usize,
}

impl Found {
    /// Keeps at most `room` issues.
    fn new(room: usize) -> Self {
        Found {
            issues: Vec::new(),
            more: 0,
            room,
        }
    }

    /// Keeps the issue `make` builds while there is room; past it the
    /// issue is counted and never built.
    fn push(&mut self, make: impl FnOnce() -> Issue) {
        if self.issues.len() < self.room {
            self.issues.push(make());
        } else {
            self.more += 1;
        }
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.issues.is_empty() && self.more == 0
    }

    /// The issues kept, in the order found.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// Adds the kept issues to `problems`, each placed by `locate` (which
    /// finds the span a path names), and counts the rest there.
    pub fn place_into(self, problems: &mut Collected, locate: impl Fn(&[Step]) -> Range<usize>) {
        for issue in self.issues {
            let mut problem = Problem::at(locate(&issue.path), issue.message).help(issue.help);
            if let Some(label) = issue.label {
                problem = problem.label(label);
            }
            problem.related = issue.related.map(|(path, label)| (locate(&path), label));
            problems.push(problem);
        }
        problems.count(self.more);
    }
}

/// What is wrong in `parts`: the first issues found, as many as a report
/// shows, and the count of the rest.
pub fn validate(parts: &Parts<'_>) -> Found {
    validate_within(parts, KEPT)
}

/// [`validate`], keeping at most `room` issues in full.
pub fn validate_within(parts: &Parts<'_>, room: usize) -> Found {
    let mut found = Found::new(room);
    check_all(parts, &mut found);
    found
}

fn check_all(parts: &Parts<'_>, found: &mut Found) {
    if parts.title.is_some_and(|t| t.trim().is_empty()) {
        found.push(|| {
            Issue::new(
                vec![Step::Field("title")],
                "the graph's title is empty".into(),
            )
            .label("give the graph a title")
        });
    }
    let source_ids = check_ids(
        found,
        "sources",
        "source",
        parts.sources.iter().map(|(i, s)| (*i, s.id.as_str())),
    );
    let actor_ids = check_ids(
        found,
        "actors",
        "actor",
        parts.actors.iter().map(|(i, a)| (*i, a.id.as_str())),
    );

    for &(index, source) in &parts.sources {
        if source.title.trim().is_empty() {
            found.push(|| {
                Issue::new(
                    at("sources", index, &[Step::Field("title")]),
                    clipped(format_args!("source \"{}\" has an empty title", source.id)),
                )
                .label("empty")
            });
        }
    }

    let actors = ActorRefs {
        ids: &actor_ids,
        actors: &parts.actors,
        unparsed: &parts.unparsed_ids,
    };
    for &(index, actor) in &parts.actors {
        if let ActorKind::Other(name) = &actor.kind {
            check_other_kind(found, name, at("actors", index, &[Step::Field("kind")]));
        }
        if actor.name.trim().is_empty() {
            found.push(|| {
                Issue::new(
                    at("actors", index, &[Step::Field("name")]),
                    clipped(format_args!("actor \"{}\" has an empty name", actor.id)),
                )
                .label("empty")
                .help(Some("every actor needs the name people know it by".into()))
            });
        }
        for (alias_index, alias) in actor.aliases.iter().enumerate() {
            if alias.trim().is_empty() {
                found.push(|| {
                    Issue::new(
                        at(
                            "actors",
                            index,
                            &[Step::Field("aliases"), Step::Index(alias_index)],
                        ),
                        clipped(format_args!("actor \"{}\" has an empty alias", actor.id)),
                    )
                    .label("empty")
                });
            }
        }
        for (role_index, role) in actor.roles.iter().enumerate() {
            let role_path = [Step::Field("roles"), Step::Index(role_index)];
            if role.title.trim().is_empty() {
                found.push(|| {
                    Issue::new(
                        at(
                            "actors",
                            index,
                            &[role_path[0], role_path[1], Step::Field("title")],
                        ),
                        clipped(format_args!(
                            "a role of \"{}\" has an empty title",
                            actor.id
                        )),
                    )
                    .label("empty")
                });
            }
            if let Some(of) = &role.of {
                actors.check(
                    found,
                    of,
                    at(
                        "actors",
                        index,
                        &[role_path[0], role_path[1], Step::Field("of")],
                    ),
                    "role of",
                );
            }
        }
    }

    for &(index, relation) in &parts.relations {
        actors.check(
            found,
            &relation.from,
            at("relations", index, &[Step::Field("from")]),
            "relation from",
        );
        actors.check(
            found,
            &relation.to,
            at("relations", index, &[Step::Field("to")]),
            "relation to",
        );
        check_relation_kind(
            found,
            &relation.kind,
            at("relations", index, &[Step::Field("kind")]),
        );
        for (evidence_index, evidence) in relation.evidence.iter().enumerate() {
            let path = |field| {
                at(
                    "relations",
                    index,
                    &[
                        Step::Field("evidence"),
                        Step::Index(evidence_index),
                        Step::Field(field),
                    ],
                )
            };
            if !source_ids.contains_key(evidence.source.as_str())
                && !parts.unparsed_ids.contains(&evidence.source)
            {
                found.push(|| {
                    let known = || parts.sources.iter().map(|(_, s)| s.id.as_str());
                    let source = &evidence.source;
                    let (message, help) = match suggest::closest(source, known(), 1).first() {
                        Some(guess) => (
                            clipped(format_args!(
                                "no source \"{source}\" — did you mean \"{guess}\"?"
                            )),
                            None,
                        ),
                        None if parts.sources.is_empty() => (
                            clipped(format_args!("no source \"{source}\"")),
                            Some(
                                "declare it under `sources: [ … ]` at the top of the file"
                                    .to_owned(),
                            ),
                        ),
                        None => (
                            clipped(format_args!("no source \"{source}\"")),
                            Some(clipped(format_args!("the sources are {}", list(known())))),
                        ),
                    };
                    Issue::new(path("source"), message)
                        .label("cites an unknown source")
                        .help(help)
                });
            }
            if evidence.quote.trim().is_empty() {
                found.push(|| {
                    Issue::new(path("quote"), "the evidence quote is empty".into())
                        .label("empty")
                        .help(Some("quote the passage that states the relation".into()))
                });
            }
            if let Some(who) = &evidence.attributed_to {
                actors.check(found, who, path("attributed_to"), "attributed_to");
            }
        }
    }
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .take(8)
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks ids for emptiness, white space and duplicates; returns the first
/// index of each id.
fn check_ids<'a>(
    found: &mut Found,
    list: &'static str,
    what: &str,
    ids: impl Iterator<Item = (usize, &'a str)>,
) -> HashMap<&'a str, usize> {
    // Sized once: a table that doubles holds its old copy beside the new
    // one, which at a hundred thousand actors would add to the load's peak.
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(ids.size_hint().0);
    for (index, id) in ids {
        let path = at(list, index, &[Step::Field("id")]);
        if id.trim().is_empty() {
            found.push(|| {
                Issue::new(path.clone(), format!("a {what} has an empty id"))
                    .label("empty")
                    .help(Some("ids are short slugs such as \"al-shibani\"".into()))
            });
        } else if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
            found.push(|| {
                Issue::new(
                    path.clone(),
                    clipped(format_args!(
                        "the {what} id \"{}\" contains white space",
                        id.escape_debug()
                    )),
                )
                .label("not a slug")
                .help(Some(clipped(format_args!(
                    "write it as \"{}\"",
                    slugify(id)
                ))))
            });
        }
        match first.get(id) {
            Some(&earlier) => found.push(|| {
                let mut issue = Issue::new(
                    path,
                    clipped(format_args!("the {what} id \"{id}\" is used twice")),
                )
                .label("second use");
                issue.related = Some((
                    at(list, earlier, &[Step::Field("id")]),
                    "first used here".into(),
                ));
                issue.help = Some(format!("every {what} needs its own id"));
                issue
            }),
            None => {
                first.insert(id, index);
            }
        }
    }
    first
}

fn slugify(text: &str) -> String {
    let folded = suggest::fold(text.trim());
    folded
        .split(|c: char| c == '-' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn check_other_kind(found: &mut Found, name: &str, path: Vec<Step>) {
    if name.trim().is_empty() {
        found.push(|| {
            Issue::new(path, "an `Other` kind needs a name".into())
                .label("empty")
                .help(Some("name the kind, as in `Other(\"Treaty\")`".into()))
        });
    } else if let Some(named) = ActorKind::NAMED.iter().find(|kind| kind.name() == name) {
        found.push(|| {
            Issue::new(
                path,
                format!("`{name}` is a named kind, not an `Other` one"),
            )
            .label("use the named kind")
            .help(Some(format!("write `kind: {named}`")))
        });
    }
}

/// Whether `kind` is a relation kind validation accepts.
pub fn is_valid_relation_kind(kind: &str) -> bool {
    let mut found = Found::new(0);
    check_relation_kind(&mut found, kind, Vec::new());
    found.is_empty()
}

fn check_relation_kind(found: &mut Found, kind: &str, path: Vec<Step>) {
    if kind.trim().is_empty() {
        found.push(|| {
            Issue::new(path, "the relation kind is empty".into())
                .label("empty")
                .help(Some(
                    "name what happened with a snake_case verb such as \"hosted\"".into(),
                ))
        });
        return;
    }
    let is_snake = kind.chars().next().is_some_and(char::is_alphabetic)
        && kind.split('_').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_alphanumeric() && !c.is_uppercase())
        });
    if !is_snake {
        let snake: String = suggest::fold(kind)
            .split(|c: char| c == '-' || !c.is_alphanumeric())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("_");
        found.push(|| Issue::new(
                path,
                clipped(format_args!(
                    "the relation kind \"{}\" is not snake_case",
                    kind.escape_debug()
                )),
            )
            .label("lowercase words joined by _")
            .help(Some(
                if snake != kind && snake.starts_with(char::is_alphabetic) {
                    clipped(format_args!("write it as \"{snake}\""))
                } else {
                    "a kind starts with a letter and joins lowercase words with single underscores, as in \"held_talks_with\"".to_owned()
                },
            )));
    }
}

/// What reference checks need to know about actors.
struct ActorRefs<'a> {
    ids: &'a HashMap<&'a str, usize>,
    actors: &'a [(usize, &'a Actor)],
    unparsed: &'a HashSet<String>,
}

impl ActorRefs<'_> {
    fn check(&self, found: &mut Found, id: &str, path: Vec<Step>, role: &str) {
        if self.ids.contains_key(id) || self.unparsed.contains(id) {
            return;
        }
        found.push(|| {
            let folded = suggest::fold(id);
            let by_name = self.actors.iter().find(|(_, actor)| {
                suggest::fold(&actor.name) == folded
                    || actor
                        .aliases
                        .iter()
                        .any(|alias| suggest::fold(alias) == folded)
            });
            let (guess, help) = match by_name {
                Some((_, actor)) => (
                    Some(actor.id.as_str()),
                    Some(clipped(format_args!(
                        "\"{id}\" is how the actor is called; records refer to actors by id"
                    ))),
                ),
                None => (
                    suggest::closest(id, self.actors.iter().map(|(_, a)| a.id.as_str()), 1)
                        .first()
                        .copied(),
                    None,
                ),
            };
            let message = match guess {
                Some(guess) => clipped(format_args!(
                    "no actor \"{id}\" — did you mean \"{guess}\"?"
                )),
                None => clipped(format_args!("no actor \"{id}\"")),
            };
            Issue::new(path, message)
                .label(&format!("{role} an unknown actor"))
                .help(help)
        });
    }
}
