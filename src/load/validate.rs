//! Checks that serde cannot make: references between records, duplicate
//! ids, empty names, the relation-kind vocabulary. Each finding names the
//! place by its path in the file, so the loader can point at it.

use std::collections::{HashMap, HashSet};

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

/// Every finding in `parts`, in no particular order.
pub fn validate(parts: &Parts<'_>) -> Vec<Issue> {
    let mut issues = Vec::new();
    if parts.title.is_some_and(|t| t.trim().is_empty()) {
        issues.push(
            Issue::new(
                vec![Step::Field("title")],
                "the graph's title is empty".into(),
            )
            .label("give the graph a title"),
        );
    }
    let source_ids = check_ids(
        &mut issues,
        "sources",
        "source",
        parts.sources.iter().map(|(i, s)| (*i, s.id.as_str())),
    );
    let actor_ids = check_ids(
        &mut issues,
        "actors",
        "actor",
        parts.actors.iter().map(|(i, a)| (*i, a.id.as_str())),
    );

    for &(index, source) in &parts.sources {
        if source.title.trim().is_empty() {
            issues.push(
                Issue::new(
                    at("sources", index, &[Step::Field("title")]),
                    format!("source \"{}\" has an empty title", source.id),
                )
                .label("empty"),
            );
        }
    }

    let actors = ActorRefs {
        ids: &actor_ids,
        actors: &parts.actors,
        unparsed: &parts.unparsed_ids,
    };
    for &(index, actor) in &parts.actors {
        if let ActorKind::Other(name) = &actor.kind {
            check_other_kind(
                &mut issues,
                name,
                at("actors", index, &[Step::Field("kind")]),
            );
        }
        if actor.name.trim().is_empty() {
            issues.push(
                Issue::new(
                    at("actors", index, &[Step::Field("name")]),
                    format!("actor \"{}\" has an empty name", actor.id),
                )
                .label("empty")
                .help(Some("every actor needs the name people know it by".into())),
            );
        }
        for (alias_index, alias) in actor.aliases.iter().enumerate() {
            if alias.trim().is_empty() {
                issues.push(
                    Issue::new(
                        at(
                            "actors",
                            index,
                            &[Step::Field("aliases"), Step::Index(alias_index)],
                        ),
                        format!("actor \"{}\" has an empty alias", actor.id),
                    )
                    .label("empty"),
                );
            }
        }
        for (role_index, role) in actor.roles.iter().enumerate() {
            let role_path = [Step::Field("roles"), Step::Index(role_index)];
            if role.title.trim().is_empty() {
                issues.push(
                    Issue::new(
                        at(
                            "actors",
                            index,
                            &[role_path[0], role_path[1], Step::Field("title")],
                        ),
                        format!("a role of \"{}\" has an empty title", actor.id),
                    )
                    .label("empty"),
                );
            }
            if let Some(of) = &role.of {
                actors.check(
                    &mut issues,
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
            &mut issues,
            &relation.from,
            at("relations", index, &[Step::Field("from")]),
            "relation from",
        );
        actors.check(
            &mut issues,
            &relation.to,
            at("relations", index, &[Step::Field("to")]),
            "relation to",
        );
        check_relation_kind(
            &mut issues,
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
                let known = || parts.sources.iter().map(|(_, s)| s.id.as_str());
                let (message, help) = match suggest::closest(&evidence.source, known(), 1).first() {
                    Some(guess) => (
                        format!(
                            "no source \"{}\" — did you mean \"{guess}\"?",
                            evidence.source
                        ),
                        None,
                    ),
                    None if parts.sources.is_empty() => (
                        format!("no source \"{}\"", evidence.source),
                        Some("declare it under `sources: [ … ]` at the top of the file".to_owned()),
                    ),
                    None => (
                        format!("no source \"{}\"", evidence.source),
                        Some(format!("the sources are {}", list(known()))),
                    ),
                };
                issues.push(
                    Issue::new(path("source"), message)
                        .label("cites an unknown source")
                        .help(help),
                );
            }
            if evidence.quote.trim().is_empty() {
                issues.push(
                    Issue::new(path("quote"), "the evidence quote is empty".into())
                        .label("empty")
                        .help(Some("quote the passage that states the relation".into())),
                );
            }
            if let Some(who) = &evidence.attributed_to {
                actors.check(&mut issues, who, path("attributed_to"), "attributed_to");
            }
        }
    }
    issues
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
    issues: &mut Vec<Issue>,
    list: &'static str,
    what: &str,
    ids: impl Iterator<Item = (usize, &'a str)>,
) -> HashMap<&'a str, usize> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (index, id) in ids {
        let path = at(list, index, &[Step::Field("id")]);
        if id.trim().is_empty() {
            issues.push(
                Issue::new(path.clone(), format!("a {what} has an empty id"))
                    .label("empty")
                    .help(Some("ids are short slugs such as \"al-shibani\"".into())),
            );
        } else if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
            issues.push(
                Issue::new(
                    path.clone(),
                    format!(
                        "the {what} id \"{}\" contains white space",
                        id.escape_debug()
                    ),
                )
                .label("not a slug")
                .help(Some(format!("write it as \"{}\"", slugify(id)))),
            );
        }
        match first.get(id) {
            Some(&earlier) => {
                let mut issue = Issue::new(path, format!("the {what} id \"{id}\" is used twice"))
                    .label("second use");
                issue.related = Some((
                    at(list, earlier, &[Step::Field("id")]),
                    "first used here".into(),
                ));
                issue.help = Some(format!("every {what} needs its own id"));
                issues.push(issue);
            }
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

fn check_other_kind(issues: &mut Vec<Issue>, name: &str, path: Vec<Step>) {
    if name.trim().is_empty() {
        issues.push(
            Issue::new(path, "an `Other` kind needs a name".into())
                .label("empty")
                .help(Some("name the kind, as in `Other(\"Treaty\")`".into())),
        );
    } else if let Some(named) = ActorKind::NAMED.iter().find(|kind| kind.name() == name) {
        issues.push(
            Issue::new(
                path,
                format!("`{name}` is a named kind, not an `Other` one"),
            )
            .label("use the named kind")
            .help(Some(format!("write `kind: {named}`"))),
        );
    }
}

/// Whether `kind` is a relation kind validation accepts.
pub fn is_valid_relation_kind(kind: &str) -> bool {
    let mut issues = Vec::new();
    check_relation_kind(&mut issues, kind, Vec::new());
    issues.is_empty()
}

fn check_relation_kind(issues: &mut Vec<Issue>, kind: &str, path: Vec<Step>) {
    if kind.trim().is_empty() {
        issues.push(
            Issue::new(path, "the relation kind is empty".into())
                .label("empty")
                .help(Some(
                    "name what happened with a snake_case verb such as \"hosted\"".into(),
                )),
        );
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
        issues.push(
            Issue::new(
                path,
                format!(
                    "the relation kind \"{}\" is not snake_case",
                    kind.escape_debug()
                ),
            )
            .label("lowercase words joined by _")
            .help(Some(
                if snake != kind && snake.starts_with(char::is_alphabetic) {
                    format!("write it as \"{snake}\"")
                } else {
                    "a kind starts with a letter and joins lowercase words with single underscores, as in \"held_talks_with\"".to_owned()
                },
            )),
        );
    }
}

/// What reference checks need to know about actors.
struct ActorRefs<'a> {
    ids: &'a HashMap<&'a str, usize>,
    actors: &'a [(usize, &'a Actor)],
    unparsed: &'a HashSet<String>,
}

impl ActorRefs<'_> {
    fn check(&self, issues: &mut Vec<Issue>, id: &str, path: Vec<Step>, role: &str) {
        if self.ids.contains_key(id) || self.unparsed.contains(id) {
            return;
        }
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
                Some(format!(
                    "\"{id}\" is how the actor is called; records refer to actors by id"
                )),
            ),
            None => (
                suggest::closest(id, self.actors.iter().map(|(_, a)| a.id.as_str()), 1)
                    .first()
                    .copied(),
                None,
            ),
        };
        let message = match guess {
            Some(guess) => format!("no actor \"{id}\" — did you mean \"{guess}\"?"),
            None => format!("no actor \"{id}\""),
        };
        issues.push(
            Issue::new(path, message)
                .label(&format!("{role} an unknown actor"))
                .help(help),
        );
    }
}
