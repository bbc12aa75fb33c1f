//! The warnings tier: what kgx changes or leaves out of a file that still
//! reads is said, with its place, by `validate` (and its `--json`), by
//! every command, and by the explorer's problems overlay; it is capped
//! like problems; `--deny-warnings` makes it an error.

mod common;

use common::binary::{kgx, stderr, stdout};
use common::scratch::Scratch;
use kgx::formats::{Request, read_graph};
use kgx::load::Input;
use kgx::tui::action::{Action, Report};
use kgx::tui::app::App;

const NODE_LINK: &str = r#"{
  "directed": true,
  "nodes": [{"id": "a"}, {"id": "b"}],
  "links": [{"source": "a", "target": "b"}],
  "layout": {"x": 1}
}
"#;

#[test]
fn validate_says_what_was_left_out_with_its_place_and_still_passes() {
    let scratch = Scratch::new("warn-node-link");
    let file = scratch.file("layout.json", NODE_LINK);
    let output = kgx(&["validate", file.to_str().expect("path")]);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{errors}");
    assert!(errors.contains("⚠ \"layout\" is left out"), "{errors}");
    assert!(errors.contains("layout.json:5:13]"), "{errors}");
    assert!(
        errors.contains("layout.json was read with 1 warning"),
        "{errors}"
    );
    assert!(stdout(&output).contains("valid — 2 actors, 1 relation"));
}

#[test]
fn deny_warnings_makes_them_errors_before_or_after_the_command() {
    let scratch = Scratch::new("warn-deny");
    let file = scratch.file("layout.json", NODE_LINK);
    let path = file.to_str().expect("path");
    for args in [
        ["validate", "--deny-warnings", path],
        ["--deny-warnings", "validate", path],
    ] {
        let output = kgx(&args);
        let errors = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {errors}");
        assert!(
            errors.contains("error: --deny-warnings makes this warning an error"),
            "{errors}"
        );
        assert!(stdout(&output).is_empty(), "{}", stdout(&output));
    }
    // Other commands refuse too, and the explorer's overview.
    for args in [
        ["stats", "--deny-warnings", path],
        ["--deny-warnings", path, ""],
    ] {
        let args: Vec<&str> = args.into_iter().filter(|a| !a.is_empty()).collect();
        let output = kgx(&args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn validate_json_gives_each_warning_its_severity_and_place() {
    let scratch = Scratch::new("warn-json");
    let file = scratch.file("layout.json", NODE_LINK);
    let output = kgx(&["validate", "--json", file.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(value["valid"], true);
    assert_eq!(value["problems"][0]["severity"], "warning");
    assert_eq!(value["problems"][0]["line"], 5);
    assert_eq!(value["problems"][0]["column"], 13);
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));

    let broken = scratch.file("broken.json", r#"{"nodes": [{"id": null}]}"#);
    let output = kgx(&["validate", "--json", broken.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(value["valid"], false);
    assert_eq!(value["problems"][0]["severity"], "error");
}

#[test]
fn graphml_ports_nested_graphs_and_unknown_elements_are_warnings() {
    let scratch = Scratch::new("warn-graphml");
    let file = scratch.file(
        "ports.graphml",
        "<graphml><key id=\"w\" for=\"edge\" attr.name=\"weight\"/>\n\
         <graph edgedefault=\"directed\">\n\
         <node id=\"a\"><port name=\"north\"/></node>\n\
         <node id=\"b\"><graph id=\"inner\"><node id=\"c\"/></graph></node>\n\
         <edge source=\"a\" target=\"b\" sourceport=\"north\"><data key=\"w\">1</data><data key=\"w\">2</data></edge>\n\
         </graph></graphml>\n",
    );
    let output = kgx(&["validate", file.to_str().expect("path")]);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{errors}");
    for expected in [
        "⚠ <port> is left out",
        "ports.graphml:3:14]",
        "⚠ a nested <graph> is read into the one around it",
        "⚠ sourceport=\"north\" is left out",
        "⚠ a second \"weight\" replaces the first",
        "was read with 4 warnings",
    ] {
        assert!(errors.contains(expected), "{expected}: {errors}");
    }
}

#[test]
fn ids_kgx_rewrites_and_graph_values_it_drops_are_warnings() {
    let scratch = Scratch::new("warn-ids");
    let csv = scratch.file("spaced.csv", "from,to,note,note\n a ,b,x,y\n");
    let output = kgx(&["validate", csv.to_str().expect("path")]);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{errors}");
    assert!(
        errors.contains("⚠ the node id \" a \" is read as \"a\""),
        "{errors}"
    );
    assert!(
        errors.contains("⚠ a second \"note\" replaces the first"),
        "{errors}"
    );

    let graphml = scratch.file(
        "colour.graphml",
        "<graphml><key id=\"c\" for=\"graph\" attr.name=\"colour\"/>\n\
         <graph><data key=\"c\">red</data><node id=\"a\"/></graph></graphml>\n",
    );
    let output = kgx(&["validate", graphml.to_str().expect("path")]);
    let errors = stderr(&output);
    assert!(
        errors.contains("⚠ the graph's \"colour\" has no place in a kgx graph, and is left out"),
        "{errors}"
    );
}

#[test]
fn a_directed_value_that_is_not_a_boolean_is_an_error() {
    let scratch = Scratch::new("warn-directed");
    let file = scratch.file(
        "maybe.json",
        r#"{"directed": "no", "nodes": [{"id": "a"}], "links": []}"#,
    );
    let output = kgx(&["validate", file.to_str().expect("path")]);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{errors}");
    assert!(
        errors.contains("the graph's \"directed\" is \"no\", not true or false"),
        "{errors}"
    );
}

#[test]
fn a_million_warnings_cost_a_few_lines() {
    let scratch = Scratch::new("warn-cap");
    let mut text = String::from("<graphml><graph><node id=\"a\">");
    for _ in 0..20_000 {
        text.push_str("<port name=\"p\"/>");
    }
    text.push_str("</node></graph></graphml>\n");
    let file = scratch.file("ports.graphml", text);
    let output = kgx(&["validate", file.to_str().expect("path")]);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{errors}");
    assert!(
        errors.contains("… and 19951 more warnings not listed"),
        "{errors}"
    );
    assert!(errors.contains("was read with 20000 warnings"), "{errors}");
    assert!(errors.len() < 40_000, "{} bytes", errors.len());
}

#[test]
fn an_export_that_would_warn_writes_nothing_with_deny_warnings() {
    let scratch = Scratch::new("warn-export");
    let input = scratch.file(
        "formula.csv",
        "from,to,kind,label\na,b,met,=HYPERLINK(\"x\")\n",
    );
    let out = scratch.file("out.csv", "");
    std::fs::remove_file(&out).expect("removed");
    let output = kgx(&[
        "--deny-warnings",
        "convert",
        input.to_str().expect("path"),
        out.to_str().expect("path"),
    ]);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{errors}");
    assert!(
        errors.contains("warning: 1 cells began like a spreadsheet formula"),
        "{errors}"
    );
    assert!(errors.contains("nothing was written"), "{errors}");
    assert!(!out.exists(), "no file is written");
}

#[test]
fn max_size_is_taken_before_the_command_too() {
    let output = kgx(&["--max-size", "10G", "validate"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("valid — 43 actors"));
    let output = kgx(&["--max-size=1", "--deny-warnings", "stats", "-"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let output = kgx(&["--max-size", "lots", "validate"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}

#[test]
fn the_explorer_shows_warnings_in_its_problems_overlay() {
    let scratch = Scratch::new("warn-explorer");
    let file = scratch.file("layout.json", NODE_LINK);
    let (graph, warnings) =
        read_graph(Request::from(Input::Path(file.clone()))).expect("the file reads");
    let mut app = App::new(graph, 100, 30).with_warnings(warnings);
    assert_eq!(
        app.message(),
        Some("read with 1 warning (! shows it)"),
        "the status line says so"
    );
    app.update(Action::ShowProblems);
    let screen = common::app::screen(&app);
    assert!(screen.contains("Warnings and lint findings"), "{screen}");
    assert!(screen.contains("\"layout\" is left out"), "{screen}");
}

#[test]
fn a_reload_that_warns_says_so_and_a_clean_one_clears_the_warnings() {
    use kgx::tui::app::Reload;
    use std::sync::Arc;
    let scratch = Scratch::new("warn-reload");
    let file = scratch.file("layout.json", NODE_LINK);
    let (graph, warnings) =
        read_graph(Request::from(Input::Path(file.clone()))).expect("the file reads");
    let mut app = App::new(graph.clone(), 100, 30);
    assert!(app.warnings().is_none());
    app.update(Report::Reloaded(Reload::Warned(
        Arc::new(graph.clone()),
        Arc::new(warnings),
    )));
    assert_eq!(
        app.message(),
        Some("reloaded: 2 actors, 1 relation, 1 warning (! shows it)")
    );
    assert_eq!(app.warnings().map(|w| w.count()), Some(1));
    app.update(Report::Reloaded(Reload::Loaded(Arc::new(graph))));
    assert!(app.warnings().is_none());
}

#[test]
fn what_a_format_cannot_hold_is_a_warning_on_writing() {
    let output = kgx(&["export", "--format", "dot"]);
    assert_eq!(output.status.code(), Some(0));
    let errors = stderr(&output);
    assert!(
        errors.contains("warning: dot is a drawing: the aliases, summaries, roles, dates and attributes of 43 actors"),
        "{errors}"
    );
    let output = kgx(&["export", "--format", "csv"]);
    assert!(
        stderr(&output).contains("warning: an edge list has no place for the graph's description"),
        "{}",
        stderr(&output)
    );
    let output = kgx(&["export", "--format", "mermaid", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "nothing is written");
    assert!(stderr(&output).contains("nothing was written"));
    let output = kgx(&["export", "--format", "graphml", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(0), "GraphML holds everything");
}
