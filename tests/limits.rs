//! Inputs made to exhaust kgx meet documented limits instead: enumerations
//! are capped, reads are bounded, arguments are checked.

#[path = "common/terminal.rs"]
mod terminal;

use std::process::{Command, Output, Stdio};

use terminal::Scratch;

fn kgx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("kgx runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A RON data set of the given actors and "knows" relations.
fn ron(actors: &[String], relations: &[(String, String)]) -> String {
    let actors: Vec<String> = actors
        .iter()
        .map(|id| format!("Actor(id: \"{id}\", name: \"{id}\", kind: Person)"))
        .collect();
    let relations: Vec<String> = relations
        .iter()
        .map(|(from, to)| {
            format!("Relation(from: \"{from}\", to: \"{to}\", kind: \"knows\", label: \"knows\", status: Reported, stance: Neutral)")
        })
        .collect();
    format!(
        "Graph(title: \"t\", actors: [{}], relations: [{}])",
        actors.join(",\n"),
        relations.join(",\n")
    )
}

/// 30 diamonds in a row: 2^30 shortest paths from n0 to n30.
fn diamonds() -> String {
    let mut actors = vec!["n0".to_owned()];
    let mut relations = Vec::new();
    for i in 0..30 {
        let (here, up, down, next) = (
            format!("n{i}"),
            format!("u{i}"),
            format!("d{i}"),
            format!("n{}", i + 1),
        );
        relations.extend([
            (here.clone(), up.clone()),
            (here, down.clone()),
            (up.clone(), next.clone()),
            (down.clone(), next.clone()),
        ]);
        actors.extend([up, down, next]);
    }
    ron(&actors, &relations)
}

/// 40 actors, each related to every other.
fn complete() -> String {
    let actors: Vec<String> = (0..40).map(|i| format!("a{i}")).collect();
    let mut relations = Vec::new();
    for from in &actors {
        for to in &actors {
            if from != to {
                relations.push((from.clone(), to.clone()));
            }
        }
    }
    ron(&actors, &relations)
}

#[test]
fn path_all_lists_the_first_thousand_and_says_more_exist() {
    let scratch = Scratch::new("diamonds");
    let file = scratch.file("diamonds.ron", diamonds());
    let output = kgx(&["path", "n0", "n30", "--all", file.to_str().expect("path")]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let out = text(&output.stdout);
    assert!(
        out.starts_with("1000 shortest paths from n0 to n30 (60 relations long")
            && out.contains("(showing the first 1000; more exist)"),
        "{}",
        &out[..out.len().min(500)]
    );
    let json = kgx(&[
        "path",
        "n0",
        "n30",
        "--all",
        "--json",
        file.to_str().expect("path"),
    ]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(value["paths"].as_array().map(Vec::len), Some(1000));
    assert_eq!(value["more"], true);
}

#[test]
fn path_k_is_bounded_on_a_complete_graph() {
    let scratch = Scratch::new("complete");
    let file = scratch.file("complete.ron", complete());
    let file = file.to_str().expect("path");
    let output = kgx(&["path", "a0", "a39", "--k", "1000", file]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with("1000 paths from a0 to a39, shortest first"));

    let output = kgx(&["path", "a0", "a39", "--k", "65535", file]);
    assert_eq!(output.status.code(), Some(2), "a usage error");
    assert!(
        text(&output.stderr).contains("65535 is not in 1..=1000"),
        "{}",
        text(&output.stderr)
    );
}
