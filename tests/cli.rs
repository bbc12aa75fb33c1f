//! The `kgx` binary as a person or a script uses it: real output, real
//! exit statuses.

mod common;

use common::binary::{kgx, kgx_with_input, stderr, stdout};
use common::scratch::Scratch;
use kgx::tui::action::{Action, View};

#[test]
fn validate_summarises_a_valid_file() {
    let output = kgx(&["validate"]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn validate_reports_every_problem_and_fails() {
    let scratch = Scratch::new("validate");
    let path = scratch.file(
        "broken.ron",
        r#"Graph(
    title: "Broken",
    actors: [
        Actor(id: "al-shibani", name: "Asaad al-Shibani", kind: Person),
        Actor(id: "lavrov", name: "Sergey Lavrov", kind: Persn),
    ],
    relations: [
        Relation(from: "lavrov", to: "al_shibani", kind: "hosted", date: "2025-07-32"),
        Relation(from: "lavrov", to: "al_shibani", kind: "hosted"),
    ],
)
"#,
    );
    let output = kgx(&["validate", path.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let shown = stderr(&output).replace(path.to_str().expect("path"), "broken.ron");
    assert!(
        !shown.contains('\u{1b}'),
        "no colour when stderr is not a terminal"
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    let output = kgx(&["validate", "/nonexistent/graph.ron"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("cannot read /nonexistent/graph.ron"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let text = "Graph(title: \"Piped\", actors: [Actor(id: \"a\", name: \"A\", kind: Person)])";
    let output = kgx_with_input(&["validate", "-"], text);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "<stdin>: valid — 1 actor, 0 relations, 0 sources\n"
    );
}

#[test]
fn stats_counts_and_ranks() {
    let output = kgx(&["stats", "--top", "5"]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn stats_json_agrees_with_the_text() {
    let json: serde_json::Value =
        serde_json::from_slice(&kgx(&["stats", "--json"]).stdout).expect("JSON");
    let actors = json["actors"].as_u64().expect("count");
    let by_kind: u64 = json["actor_kinds"]
        .as_object()
        .expect("kinds")
        .values()
        .filter_map(|v| v.as_u64())
        .sum();
    assert_eq!(by_kind, actors, "kinds add up to the total");
    let in_components: usize = json["components"]
        .as_array()
        .expect("components")
        .iter()
        .map(|c| c.as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(
        in_components as u64, actors,
        "every actor is in one component"
    );
    assert_eq!(json["most_connected"].as_array().map(Vec::len), Some(10));
    let summary = stdout(&kgx(&["validate"]));
    assert!(summary.contains(&format!("{actors} actors")), "{summary}");
}

#[test]
fn show_prints_the_card_relations_and_evidence() {
    let output = kgx(&["show", "lavrov"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn show_accepts_names_aliases_and_unique_parts() {
    let by_id = stdout(&kgx(&["show", "al-shibani"]));
    for query in [
        "Asaad al-Shibani",
        "ASAAD AL-SHIBANI",
        "al_shibani",
        "asaad",
    ] {
        assert_eq!(stdout(&kgx(&["show", query])), by_id, "{query}");
    }
}

#[test]
fn show_lists_candidates_when_a_name_is_ambiguous() {
    let output = kgx(&["show", "al-sh"]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(stderr(&output));
}

#[test]
fn show_suggests_close_names_on_a_miss() {
    let output = kgx(&["show", "lavrof"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: no actor matches \"lavrof\" — did you mean Sergey Lavrov [lavrov] (Person)?\n"
    );
}

#[test]
fn show_json_carries_every_relation_with_its_evidence() {
    let json: serde_json::Value =
        serde_json::from_slice(&kgx(&["show", "lavrov", "--json"]).stdout).expect("JSON");
    assert_eq!(json["actor"]["id"], "lavrov");
    assert_eq!(json["actor"]["kind"], "Person");
    let relations = json["relations"].as_array().expect("relations");
    let outgoing = json["outgoing"].as_u64().expect("count") as usize;
    assert_eq!(
        relations
            .iter()
            .filter(|r| r["direction"] == "outgoing")
            .count(),
        outgoing
    );
    let hosted = relations
        .iter()
        .find(|r| r["other"] == "al-shibani" && r["relation"]["kind"] == "hosted")
        .expect("Lavrov hosted al-Shibani");
    assert_eq!(hosted["relation"]["date"], "2025-07-31");
    assert!(
        hosted["relation"]["evidence"][0]["quote"]
            .as_str()
            .is_some_and(|q| q.contains("hosted"))
    );
}

#[test]
fn path_shows_each_hop_with_its_evidence() {
    let output = kgx(&["path", "lavrov", "israel", "--k", "2"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn path_options_change_the_answer() {
    let json = |args: &[&str]| -> serde_json::Value {
        serde_json::from_slice(&kgx(args).stdout).expect("JSON")
    };
    let undirected = json(&["path", "tass", "druze", "--json"]);
    let directed = json(&["path", "tass", "druze", "--json", "--directed"]);
    let length = |v: &serde_json::Value| v["paths"][0]["length"].as_u64();
    assert!(
        length(&undirected) <= length(&directed),
        "ignoring direction is never longer"
    );
    for hop in directed["paths"][0]["hops"].as_array().expect("hops") {
        assert!(
            hop["along"].as_bool().expect("along"),
            "a directed path walks every relation forwards"
        );
    }
    let around = json(&[
        "path", "russia", "israel", "--json", "--avoid", "syria", "--k", "50",
    ]);
    for path in around["paths"].as_array().expect("paths") {
        for hop in path["hops"].as_array().expect("hops") {
            assert_ne!(hop["to"], "syria");
        }
    }
}

#[test]
fn path_k_adds_longer_paths_and_all_lists_every_shortest_one() {
    let json = |args: &[&str]| -> serde_json::Value {
        let output = kgx(args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        serde_json::from_slice(&output.stdout).expect("JSON")
    };
    let lengths = |v: &serde_json::Value| -> Vec<u64> {
        v["paths"]
            .as_array()
            .expect("paths")
            .iter()
            .map(|p| p["length"].as_u64().expect("length"))
            .collect()
    };
    let default = json(&["path", "russia", "israel", "--json"]);
    assert_eq!(lengths(&default), [1], "one direct relation");
    let k = json(&["path", "russia", "israel", "--json", "--k", "4"]);
    let k_lengths = lengths(&k);
    assert_eq!(k_lengths.len(), 4);
    assert!(k_lengths.is_sorted() && k_lengths[3] > 1, "{k_lengths:?}");
    let some = json(&["path", "lavrov", "israel", "--json"]);
    let all = json(&["path", "lavrov", "israel", "--json", "--all"]);
    assert_eq!(some["more"], true);
    assert_eq!(all["more"], false);
    assert!(lengths(&all).len() > lengths(&some).len());
    assert!(lengths(&all).iter().all(|&l| l == lengths(&some)[0]));
    let text = stdout(&kgx(&["path", "lavrov", "israel"]));
    assert!(text.contains("--all lists up to 1000"), "{text}");
}

#[test]
fn path_via_kinds_uses_only_those_relations() {
    let output = kgx(&[
        "path",
        "lavrov",
        "israel",
        "--json",
        "--via-kinds",
        "hosted,criticized",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    for path in value["paths"].as_array().expect("paths") {
        for hop in path["hops"].as_array().expect("hops") {
            let kind = hop["relation"]["kind"].as_str().expect("kind");
            assert!(["hosted", "criticized"].contains(&kind), "{kind}");
        }
    }
    let typo = kgx(&["path", "lavrov", "israel", "--via-kinds", "hostd"]);
    assert_eq!(typo.status.code(), Some(1));
    assert!(
        stderr(&typo).contains("did you mean \"hosted\"?"),
        "{}",
        stderr(&typo)
    );
}

#[test]
fn stats_centrality_ranks_the_brokers() {
    let output = kgx(&["stats", "--centrality", "--top", "5"]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&output));
    let json: serde_json::Value =
        serde_json::from_slice(&kgx(&["stats", "--centrality", "--json"]).stdout).expect("JSON");
    let actors = json["centrality"]["actors"].as_array().expect("actors");
    let ranks: Vec<f64> = actors
        .iter()
        .map(|a| a["pagerank"].as_f64().expect("pagerank"))
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "by PageRank");
    for actor in actors {
        let b = actor["betweenness"].as_f64().expect("betweenness");
        assert!((0.0..=1.0).contains(&b));
    }
}

#[test]
fn timeline_lists_dated_entries_in_order_and_as_of_cuts_it() {
    let output = kgx(&["timeline", "--actor", "al-sharaa"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
    let json = |args: &[&str]| -> serde_json::Value {
        serde_json::from_slice(&kgx(args).stdout).expect("JSON")
    };
    let all = json(&["timeline", "--json"]);
    let before = json(&["timeline", "--json", "--as-of", "2024-12"]);
    let count = |v: &serde_json::Value| v["entries"].as_array().expect("entries").len();
    assert!(count(&before) < count(&all));
    assert_eq!(before["as_of"], "2024-12");
    for entry in before["entries"].as_array().expect("entries") {
        let date = entry["date"].as_str().expect("date");
        let start = date.split("..").next().unwrap_or_default();
        assert!(start.is_empty() || start <= "2024-12-31", "{date}");
    }
    let bad = kgx(&["timeline", "--as-of", "2024-13"]);
    assert_eq!(bad.status.code(), Some(2), "a usage error");
}

/// `kgx timeline --as-of` marks with `≈` the entries the explorer's
/// timeline marks as of the same date.
#[test]
fn kgx_timeline_as_of_marks_the_same_entries_as_the_explorer() {
    let output = kgx(&["timeline", "--as-of", "2025-01-01"]);
    assert!(output.status.success());
    let printed = stdout(&output);
    let marked: Vec<&str> = printed
        .lines()
        .filter(|line| line.trim_start().starts_with('≈'))
        .collect();

    let mut app = common::app::seed_app(200, 60);
    common::app::run_command(&mut app, "asof 2025-01-01");
    app.update(Action::ShowView(View::Timeline));
    let shown = app.timeline().rows.len();
    let uncertain = app
        .timeline()
        .rows
        .iter()
        .filter(|&&at| app.timeline().moments[at].begun == kgx::model::Begun::Maybe)
        .count();
    assert!(uncertain > 0);
    assert_eq!(
        marked.len(),
        uncertain,
        "the same entries are marked: {marked:?}"
    );
    assert!(
        printed.contains(&format!("as of 2025-01-01: {shown} dated entries")),
        "the same entries are shown: {printed}"
    );
}

/// `kgx timeline --as-of --json` says of each entry what the text's `≈`
/// says: whether it had surely begun by the date, or only maybe.
#[test]
fn timeline_json_says_which_entries_only_maybe_began_by_as_of() {
    let text = stdout(&kgx(&["timeline", "--as-of", "2025-01-01"]));
    let marked: Vec<(bool, String)> = text
        .lines()
        .skip(1)
        .map(|line| {
            let date = line.split_whitespace().next().expect("a date");
            match date.strip_prefix('≈') {
                Some(date) => (true, date.to_owned()),
                None => (false, date.to_owned()),
            }
        })
        .collect();
    let begun = |args: &[&str]| -> Vec<(String, String)> {
        let json: serde_json::Value = serde_json::from_slice(&kgx(args).stdout).expect("JSON");
        json["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .map(|entry| {
                let begun = entry["begun"].as_str().expect("begun").to_owned();
                (begun, entry["date"].as_str().expect("date").to_owned())
            })
            .collect()
    };
    let as_of = begun(&["timeline", "--json", "--as-of", "2025-01-01"]);
    let maybe: Vec<(bool, String)> = as_of
        .iter()
        .map(|(begun, date)| {
            assert!(begun == "yes" || begun == "maybe", "{begun} {date}");
            (begun == "maybe", date.clone())
        })
        .collect();
    assert_eq!(maybe, marked, "the JSON marks the entries the text marks");
    assert!(
        as_of.contains(&("maybe".to_owned(), "2025-01".to_owned())),
        "a January 2025 entry may have begun after 1 January: {as_of:?}"
    );
    assert!(as_of.iter().any(|(begun, _)| begun == "yes"), "{as_of:?}");
    let now = begun(&["timeline", "--json"]);
    assert!(
        now.iter().all(|(begun, _)| begun == "yes"),
        "without --as-of every entry has begun: {now:?}"
    );
}

#[test]
fn path_between_unconnected_actors_fails_politely() {
    let scratch = Scratch::new("path");
    let path = scratch.file(
        "islands.ron",
        r#"Graph(title: "Islands", actors: [Actor(id: "a", name: "A", kind: Place), Actor(id: "b", name: "B", kind: Place)])"#,
    );
    let output = kgx(&["path", "a", "b", path.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "No path from A to B (ignoring direction).\n"
    );
}

#[test]
fn exported_ron_validates_and_keeps_everything() {
    let ron = kgx(&["export", "--format", "ron"]);
    assert_eq!(ron.status.code(), Some(0));
    let reloaded = kgx_with_input(&["export", "--format", "json", "-"], ron.stdout.clone());
    assert_eq!(reloaded.status.code(), Some(0), "{}", stderr(&reloaded));
    let original = kgx(&["export", "--format", "json"]);
    assert_eq!(
        stdout(&reloaded),
        stdout(&original),
        "RON → load → JSON equals the original's JSON"
    );
    let json: serde_json::Value = serde_json::from_slice(&original.stdout).expect("JSON");
    assert!(json["actors"].as_array().is_some_and(|a| a.len() >= 30));
    assert!(json["relations"].as_array().is_some_and(|r| r.len() >= 40));
}

#[test]
fn export_writes_to_a_file_with_output() {
    let scratch = Scratch::new("export");
    let path = scratch.file("out.json", "");
    let output = kgx(&[
        "export",
        "--format",
        "json",
        "--output",
        path.to_str().expect("path"),
        "--force",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("written")).expect("JSON");
    assert_eq!(written["actors"][0]["id"], "russia");
}

#[test]
fn usage_errors_exit_with_two() {
    assert_eq!(kgx(&["show"]).status.code(), Some(2));
    assert_eq!(kgx(&["export", "--format", "xml"]).status.code(), Some(2));
    assert_eq!(kgx(&["stats", "--top", "many"]).status.code(), Some(2));
    assert_eq!(
        kgx(&["path", "russia", "syria", "--k", "0"]).status.code(),
        Some(2)
    );
}

#[test]
fn help_lists_every_command() {
    let output = kgx(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn no_command_gives_an_overview() {
    let output = kgx::<&str>(&[]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.starts_with("Russia–Syria talks in Moscow"), "{text}");
    assert!(text.contains("Next: kgx stats"), "{text}");
}

/// The seed graph as kgx's JSON, the reference the view exports are
/// checked against.
fn seed_json() -> serde_json::Value {
    serde_json::from_slice(&kgx(&["export", "--format", "json"]).stdout).expect("JSON")
}

/// `kgx export --format json ARGS…` of the seed: what it wrote, and what
/// it said on standard error.
fn view_export(args: &[&str]) -> (serde_json::Value, String) {
    let output = kgx(&[&["export", "--format", "json"], args].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json = serde_json::from_slice(&output.stdout).expect("JSON");
    (json, stderr(&output))
}

fn relation_keys(json: &serde_json::Value) -> Vec<String> {
    json["relations"]
        .as_array()
        .expect("relations")
        .iter()
        .map(|r| format!("{} {} {} {}", r["from"], r["kind"], r["to"], r["date"]))
        .collect()
}

fn actor_ids(json: &serde_json::Value) -> std::collections::BTreeSet<String> {
    json["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .map(|a| a["id"].as_str().expect("id").to_owned())
        .collect()
}

/// The actors the exported relations join.
fn ends(json: &serde_json::Value) -> std::collections::BTreeSet<String> {
    json["relations"]
        .as_array()
        .expect("relations")
        .iter()
        .flat_map(|r| [&r["from"], &r["to"]])
        .map(|id| id.as_str().expect("id").to_owned())
        .collect()
}

/// The names a "… not shown, so left out: A, B" warning gives.
fn left_out(errors: &str) -> std::collections::BTreeSet<String> {
    errors
        .lines()
        .filter_map(|line| line.strip_prefix("warning: "))
        .filter_map(|line| line.split_once(" not shown, so left out: "))
        .flat_map(|(_, names)| names.split(", ").map(str::to_owned))
        .collect()
}

/// The seed's actor names by id.
fn names(seed: &serde_json::Value) -> std::collections::BTreeMap<String, String> {
    seed["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .map(|a| {
            let text = |key: &str| a[key].as_str().expect("text").to_owned();
            (text("id"), text("name"))
        })
        .collect()
}

/// Every `attributed_to` and role `of` in the data names one of its actors.
fn names_only_its_actors(json: &serde_json::Value) -> bool {
    let actors = actor_ids(json);
    let quoted = json["relations"]
        .as_array()
        .expect("relations")
        .iter()
        .flat_map(|r| r["evidence"].as_array().expect("evidence"))
        .map(|e| &e["attributed_to"]);
    let offices = json["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .flat_map(|a| a["roles"].as_array().expect("roles"))
        .map(|r| &r["of"]);
    quoted
        .chain(offices)
        .filter_map(|id| id.as_str())
        .all(|id| actors.contains(id))
}

#[test]
fn export_around_writes_the_neighbourhood_the_graph_view_draws() {
    use kgx::graph::{EgoNode, Scope};
    let graph = kgx::formats::load_graph(&kgx::load::Input::Embedded).expect("the seed loads");
    let lavrov = graph.find_id("lavrov").expect("lavrov");
    for depth in [1, 2] {
        let ego = graph.ego(lavrov, depth, &Scope::default(), [usize::MAX; 2]);
        let drawn: std::collections::BTreeSet<String> = ego
            .members
            .iter()
            .filter_map(|m| match m.node {
                EgoNode::Actor(node) => Some(graph.actor(node).id.clone()),
                EgoNode::More(..) => None,
            })
            .collect();
        let mut lines: Vec<usize> = ego
            .edges
            .iter()
            .flat_map(|e| e.relations.iter().map(|r| r.index()))
            .collect();
        lines.sort_unstable();
        lines.dedup();
        let (json, errors) = view_export(&["--around", "lavrov", "--depth", &depth.to_string()]);
        let seed = seed_json();
        let expected: Vec<String> = lines
            .iter()
            .map(|&i| relation_keys(&seed)[i].clone())
            .collect();
        assert_eq!(relation_keys(&json), expected, "depth {depth}");
        assert_eq!(actor_ids(&json), drawn, "depth {depth}: the drawn actors");
        let drawn_names: std::collections::BTreeSet<String> =
            drawn.iter().map(|id| names(&seed)[id].clone()).collect();
        assert!(left_out(&errors).is_disjoint(&drawn_names), "{errors}");
        assert!(names_only_its_actors(&json), "depth {depth}");
    }
    let one = view_export(&["--around", "lavrov"]).0;
    let two = view_export(&["--around", "lavrov", "--depth", "2"]).0;
    assert!(actor_ids(&two).len() > actor_ids(&one).len());
    let missing = kgx(&["export", "--format", "json", "--around", "lavrv"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("did you mean"),
        "{}",
        stderr(&missing)
    );
    assert_eq!(
        kgx(&["export", "--format", "json", "--depth", "2"])
            .status
            .code(),
        Some(2),
        "--depth needs --around"
    );
}

#[test]
fn export_as_of_leaves_out_what_began_later() {
    let seed = seed_json();
    let (json, _) = view_export(&["--as-of", "2024-12"]);
    let kept = relation_keys(&json);
    let actors = actor_ids(&json);
    let relations = seed["relations"].as_array().expect("relations");
    for (relation, key) in relations.iter().zip(relation_keys(&seed)) {
        let begins = relation["date"]
            .as_str()
            .map(|d| d.get(..7).unwrap_or(d).to_owned());
        let later =
            begins.is_some_and(|start| !start.starts_with("..") && start.as_str() > "2024-12");
        let among_shown = [&relation["from"], &relation["to"]]
            .iter()
            .all(|id| actors.contains(id.as_str().expect("id")));
        assert_eq!(kept.contains(&key), !later && among_shown, "{key}");
    }
    assert!(actor_ids(&json).len() < actor_ids(&seed).len());
}

#[test]
fn export_filters_keep_the_relations_asked_for_and_the_actors_they_join() {
    let seed = seed_json();
    let (json, errors) = view_export(&[
        "--status",
        "claimed,ALLEGED",
        "--stance",
        "hostile,critical,violent",
    ]);
    let expected: Vec<String> = seed["relations"]
        .as_array()
        .expect("relations")
        .iter()
        .zip(relation_keys(&seed))
        .filter(|(r, _)| ["Claimed", "Alleged"].contains(&r["status"].as_str().unwrap_or("")))
        .filter(|(r, _)| {
            ["Hostile", "Critical", "Violent"].contains(&r["stance"].as_str().unwrap_or(""))
        })
        .map(|(_, key)| key)
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(relation_keys(&json), expected);
    assert_eq!(actor_ids(&json), ends(&json), "{errors}");
    assert!(names_only_its_actors(&json));

    let (hosted, _) = view_export(&["--relation", "hosted", "--kind", "person"]);
    assert!(
        hosted["relations"]
            .as_array()
            .is_some_and(|r| !r.is_empty())
    );
    for relation in hosted["relations"].as_array().expect("relations") {
        assert_eq!(relation["kind"], "hosted");
    }
    for actor in hosted["actors"].as_array().expect("actors") {
        assert_eq!(actor["kind"], "Person", "{actor}");
    }
    let wrong = kgx(&["export", "--format", "json", "--relation", "hostd"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        stderr(&wrong).contains("no relation kind \"hostd\" — did you mean \"hosted\"?"),
        "{}",
        stderr(&wrong)
    );
    assert_eq!(
        kgx(&["export", "--format", "json", "--status", "rumoured"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn actors_only_named_by_what_is_exported_are_left_out_with_a_warning_and_deny_warnings_writes_nothing()
 {
    let seed = seed_json();
    let (json, errors) = view_export(&["--status", "alleged"]);
    let unshown = left_out(&errors);
    assert!(
        !unshown.is_empty(),
        "the seed's alleged relations quote someone: {errors}"
    );
    let written: std::collections::BTreeSet<String> = actor_ids(&json)
        .iter()
        .map(|id| names(&seed)[id].clone())
        .collect();
    assert!(
        unshown.is_disjoint(&written),
        "{errors}: only the actors shown are written"
    );
    assert_eq!(actor_ids(&json), ends(&json));
    assert!(names_only_its_actors(&json), "the names left out go too");
    let again = kgx_with_input(&["validate", "-", "--format", "json"], json.to_string());
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let drawing = kgx(&["export", "--format", "dot", "--status", "alleged"]);
    assert_eq!(
        left_out(&stderr(&drawing)),
        unshown,
        "a drawing leaves out what a file leaves out"
    );
    let dot = stdout(&drawing);
    for name in &unshown {
        assert!(!dot.contains(&format!("label=\"{name}\"")), "{name}");
    }
    let denied = kgx(&[
        "--deny-warnings",
        "export",
        "--format",
        "json",
        "--status",
        "alleged",
    ]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(denied.stdout.is_empty());
    assert!(
        stderr(&denied).contains("nothing was written"),
        "{}",
        stderr(&denied)
    );
}

#[test]
fn dot_and_mermaid_edges_read_the_relation_and_its_date_not_its_kind() {
    let seed = seed_json();
    let dot = stdout(&kgx(&["export", "--format", "dot"]));
    let mermaid = stdout(&kgx(&["export", "--format", "mermaid"]));
    for relation in seed["relations"].as_array().expect("relations") {
        let phrase = relation["label"].as_str().map_or_else(
            || relation["kind"].as_str().expect("kind").replace('_', " "),
            str::to_owned,
        );
        let shown = match relation["date"].as_str() {
            Some(date) => format!("{phrase}\n{date}"),
            None => phrase.clone(),
        };
        // DOT escapes as Rust's Debug does: quotes, backslashes, \n.
        let edge = format!(
            "{} -> {} [label={shown:?}",
            relation["from"], relation["to"]
        );
        assert!(dot.contains(&edge), "{edge}\n{dot}");
        let label = match relation["date"].as_str() {
            Some(date) => format!("|\"{}<br>{date}\"|", phrase.replace('"', "#quot;")),
            None => format!("|\"{}\"|", phrase.replace('"', "#quot;")),
        };
        assert!(mermaid.contains(&label), "{label}");
    }
}
