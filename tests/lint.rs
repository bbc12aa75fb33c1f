//! `kgx lint` as an editor of a graph uses it: one small fixture per check
//! in `tests/fixtures/lint/`, each otherwise clean, so that a check that
//! stopped finding its fault fails here; exit statuses, JSON, `--allow`,
//! directives in the file, and the embedded seed linting clean.

mod common;

use std::path::PathBuf;
use std::process::Output;

use common::binary::{kgx, stderr, stdout};
use kgx::graph::EdgeIndex;
use kgx::lint;
use kgx::load::{Input, load_graph};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lint")
        .join(name)
        .display()
        .to_string()
}

/// The checks named by the findings of `kgx lint FILE --json ARGS…`, with
/// the exit status.
fn checks_found(file: &str, args: &[&str]) -> (Option<i32>, Vec<String>) {
    let path = fixture(file);
    let mut all = vec!["lint", path.as_str(), "--json"];
    all.extend_from_slice(args);
    let output = kgx(&all);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON report");
    let checks = json["findings"]
        .as_array()
        .expect("a list of findings")
        .iter()
        .map(|finding| finding["check"].as_str().expect("a check name").to_owned())
        .collect();
    (output.status.code(), checks)
}

#[test]
fn each_check_finds_its_fault_in_its_fixture_and_nothing_else() {
    for (file, check, count) in [
        ("no-evidence.ron", "no-evidence", 1),
        ("unused-source.ron", "unused-source", 1),
        ("source-text.ron", "source-text", 1),
        ("quote-not-in-source.ron", "quote-not-in-source", 1),
        ("unsupported-date.ron", "unsupported-date", 2),
        ("after-source.ron", "after-source", 1),
        ("event-after-source.ron", "after-source", 1),
        ("outside-lifetime.ron", "outside-lifetime", 1),
        ("hedge-as-fact.ron", "hedge-as-fact", 1),
        ("contradiction.ron", "contradiction", 1),
        ("duplicate.ron", "duplicate", 1),
        ("self-relation.ron", "self-relation", 1),
        ("isolated-actor.ron", "isolated-actor", 1),
        ("confusable-id.ron", "confusable-id", 1),
    ] {
        let (status, checks) = checks_found(file, &[]);
        assert_eq!(checks, vec![check; count], "{file}");
        assert_eq!(status, Some(1), "{file}: findings fail the run");
    }
}

#[test]
fn a_clean_file_with_a_source_text_exits_zero() {
    let path = fixture("clean.ron");
    let output = kgx(&["lint", &path]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), format!("{path}: no findings\n"));
}

#[test]
fn the_embedded_seed_lints_clean_but_for_the_talks_day_it_allows_with_a_reason() {
    let output = kgx(&["lint"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        stdout(&output),
        "data/moscow-talks-2025.ron: no findings; 16 allowed in the file\n"
    );
    // What the file's directives allow: only the talks' day, which the
    // article gives as "Thursday", on edges the article states.
    let graph = load_graph(&Input::Embedded).expect("the seed loads");
    let findings = lint::lint(&graph, &lint::SourceTexts::new(), &lint::Options::default());
    assert_eq!(findings.len(), 16);
    for finding in findings {
        let lint::Record::Relation(index) = finding.record else {
            panic!("{finding:?}");
        };
        let relation = graph.relation(EdgeIndex::new(index));
        assert_eq!(finding.check(), "unsupported-date");
        assert_eq!(
            relation.date().map(|d| d.to_string()).as_deref(),
            Some("2025-07-31")
        );
        assert!(
            relation.evidence().iter().all(|e| e.source() == "article"),
            "{}",
            finding.said(&graph).message
        );
    }
}

#[test]
fn the_seed_cites_its_background_source_by_statement_never_by_made_up_prose() {
    let graph = load_graph(&Input::Embedded).expect("the seed loads");
    let background: Vec<&str> = graph
        .sources()
        .iter()
        .filter(|s| s.background)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(background, ["wikidata"]);
    for (_, relation) in graph.relations() {
        for evidence in relation.evidence().iter() {
            if evidence.source() == "wikidata" {
                assert!(
                    evidence
                        .quote()
                        .ends_with("start time (P580), end time (P582)"),
                    "{}",
                    evidence.quote()
                );
            }
        }
    }
}

#[test]
fn through_event_is_a_hint_given_only_with_pedantic() {
    assert_eq!(checks_found("through-event.ron", &[]), (Some(0), vec![]));
    assert_eq!(
        checks_found("through-event.ron", &["--pedantic"]),
        (Some(1), vec!["through-event".to_owned()])
    );
}

#[test]
fn allow_turns_a_check_off() {
    assert_eq!(
        checks_found("isolated-actor.ron", &["--allow", "isolated-actor"]),
        (Some(0), vec![])
    );
    assert_eq!(
        checks_found(
            "unsupported-date.ron",
            &["--allow", "isolated-actor", "--allow", "unsupported-date"]
        ),
        (Some(0), vec![])
    );
}

#[test]
fn an_unknown_check_is_a_usage_error() {
    let path = fixture("clean.ron");
    let output = kgx(&["lint", &path, "--allow", "isolated-actors"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("isolated-actor"), "{err}");
}

#[test]
fn directives_in_the_file_allow_findings_and_say_how_many() {
    let path = fixture("directives.ron");
    let output = kgx(&["lint", &path]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        format!("{path}: no findings; 2 allowed in the file\n")
    );
}

#[test]
fn a_directive_naming_no_check_is_reported() {
    let path = fixture("bad-directive.ron");
    let output = kgx(&["lint", &path, "--json"]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON report");
    assert_eq!(
        json["directive_problems"][0]["message"],
        "no lint check is called \"lonely-actor\""
    );
    assert_eq!(json["directive_problems"][0]["line"], 10);
    assert_eq!(
        json["findings"][0]["check"], "isolated-actor",
        "not allowed"
    );
}

#[test]
fn json_gives_line_column_record_and_help() {
    let path = fixture("hedge-as-fact.ron");
    let output = kgx(&["lint", &path, "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON report");
    let finding = &json["findings"][0];
    assert_eq!(finding["check"], "hedge-as-fact");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(20), Some(48))
    );
    assert_eq!(finding["record"]["list"], "relations");
    assert_eq!(finding["record"]["index"], 1);
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("Claimed")),
        "{finding}"
    );
}

#[test]
fn findings_are_grouped_by_check_with_the_spot_marked() {
    let path = fixture("quote-not-in-source.ron");
    let output = kgx(&["lint", &path]);
    let text = stdout(&output).replace(&path, "quote-not-in-source.ron");
    insta::assert_snapshot!(text);
}

#[test]
fn a_file_that_does_not_load_reports_its_problems_and_fails() {
    let dir = std::env::temp_dir().join(format!("kgx-lint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let path = dir.join("broken.ron");
    std::fs::write(
        &path,
        r#"Graph(title: "x", actors: [Actor(id: "a", name: "A", kind: State)], relations: [Relation(from: "a", to: "b", kind: "met")])"#,
    )
    .expect("scratch file");
    let output = kgx(&["lint", &path.display().to_string()]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("no actor \"b\""), "{err}");
}

#[test]
fn other_formats_name_the_record_instead_of_a_line() {
    let dir = std::env::temp_dir().join(format!("kgx-lint-json-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let ron = fixture("no-evidence.ron");
    let json_path = dir.join("no-evidence.json");
    let converted = kgx(&["convert", &ron, &json_path.display().to_string()]);
    assert_eq!(converted.status.code(), Some(0));
    let output = kgx(&["lint", &json_path.display().to_string()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("relations[1]: the relation north → south (traded_with) cites no source"),
        "{text}"
    );
}

#[test]
fn list_names_every_check() {
    let output = kgx(&["lint", "--list"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    for name in [
        "no-evidence",
        "quote-not-in-source",
        "contradiction",
        "through-event",
    ] {
        assert!(text.contains(name), "{text}");
    }
}

#[test]
fn the_first_hundred_findings_of_a_check_are_shown_and_all_shows_the_rest() {
    let dir = std::env::temp_dir().join(format!("kgx-lint-many-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let path = dir.join("many.ron");
    let relations: String = (0..130)
        .map(|i| format!("Relation(from: \"a\", to: \"b\", kind: \"met_{i}\"),\n"))
        .collect();
    std::fs::write(
        &path,
        format!(
            "Graph(title: \"x\", actors: [Actor(id: \"a\", name: \"A\", kind: State), Actor(id: \"b\", name: \"B\", kind: State)],\nrelations: [\n{relations}])"
        ),
    )
    .expect("scratch file");
    let path = path.display().to_string();
    let shown = |output: &Output| stdout(output).matches("╰── no evidence").count();
    let capped = kgx(&["lint", &path]);
    assert_eq!(capped.status.code(), Some(1));
    assert_eq!(shown(&capped), 100);
    assert!(
        stdout(&capped)
            .contains("… and 30 more no-evidence findings not shown (--all shows every one)"),
        "{}",
        stdout(&capped)
    );
    let all = kgx(&["lint", "--all", &path]);
    assert_eq!(shown(&all), 130);
    assert!(stdout(&all).contains("130 findings (130 no-evidence)"));
}
