//! An export of a view holds what the view shows, whichever way it is
//! written: the explorer's `:export` and `kgx export` with the same view
//! options write the same actors and relations, and say the same about the
//! actors they left out.

mod common;

use std::collections::BTreeSet;

use common::binary::{kgx, stderr};
use kgx::tui::app::Effect;

/// What an export holds: its actors' ids, its relations (from, kind, to,
/// date), and the note about the actors left out.
#[derive(Debug, PartialEq)]
struct Exported {
    actors: BTreeSet<String>,
    relations: Vec<String>,
    note: Option<String>,
}

/// The explorer on the seed after the `:` commands `view`, then `:export`.
fn explorer_export(view: &[&str]) -> Exported {
    let mut app = common::app::seed_app(120, 40);
    for command in view {
        common::app::run_command(&mut app, command);
    }
    common::app::run_command(&mut app, "export json shown.json");
    let effects = app.take_effects();
    let [Effect::Export { graph, note, .. }] = effects.as_slice() else {
        panic!("one file to write: {effects:?}");
    };
    Exported {
        actors: graph.actors().map(|(_, a)| a.id.clone()).collect(),
        relations: graph
            .relations()
            .map(|(edge, relation)| {
                let (from, to) = graph.ends(edge);
                let date = relation.date().map(|d| d.to_string()).unwrap_or_default();
                let (from, to) = (&graph.actor(from).id, &graph.actor(to).id);
                format!("{from} {} {to} {date}", relation.kind())
            })
            .collect(),
        note: note.clone(),
    }
}

/// `kgx export --format json` of the seed with the view options `args`.
fn headless_export(args: &[&str]) -> Exported {
    let output = kgx(&[&["export", "--format", "json"], args].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let text = |value: &serde_json::Value| value.as_str().unwrap_or_default().to_owned();
    Exported {
        actors: json["actors"]
            .as_array()
            .expect("actors")
            .iter()
            .map(|a| text(&a["id"]))
            .collect(),
        relations: json["relations"]
            .as_array()
            .expect("relations")
            .iter()
            .map(|r| {
                let (from, kind, to) = (text(&r["from"]), text(&r["kind"]), text(&r["to"]));
                format!("{from} {kind} {to} {}", text(&r["date"]))
            })
            .collect(),
        note: stderr(&output)
            .lines()
            .find_map(|line| line.strip_prefix("warning: "))
            .map(str::to_owned),
    }
}

#[test]
fn the_explorer_and_kgx_export_write_the_same_view_and_say_the_same_about_it() {
    let views: [(&[&str], &[&str]); 8] = [
        // The graph view, around the actor it opens on.
        (&["view graph"], &["--around", "russia"]),
        (
            &["view graph", "depth 2"],
            &["--around", "russia", "--depth", "2"],
        ),
        (
            &["view graph", "filter status=reported", "asof 2025-01"],
            &[
                "--around", "russia", "--status", "reported", "--as-of", "2025-01",
            ],
        ),
        (&["asof 2024-12"], &["--as-of", "2024-12"]),
        (&["filter status=alleged"], &["--status", "alleged"]),
        (
            &["filter status=claimed,alleged stance=hostile,critical"],
            &[
                "--status",
                "claimed,alleged",
                "--stance",
                "hostile,critical",
            ],
        ),
        (&["filter relation=hosted"], &["--relation", "hosted"]),
        (
            &["filter kind=person", "asof 2025-01"],
            &["--kind", "person", "--as-of", "2025-01"],
        ),
    ];
    let mut notes = 0;
    for (commands, options) in views {
        let explorer = explorer_export(commands);
        let headless = headless_export(options);
        assert!(!explorer.actors.is_empty(), "{commands:?}");
        assert_eq!(explorer, headless, "{commands:?} and {options:?}");
        notes += usize::from(explorer.note.is_some());
    }
    assert!(notes > 0, "some view leaves out an actor a quote names");
}
