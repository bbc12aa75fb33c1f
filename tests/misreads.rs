//! GraphML that kgx cannot hold as written is an error at its line and
//! column, never a silent change; and files in the wrong format get a hint.

mod common;

use common::binary::{Kgx, kgx, kgx_with_input, stderr, unwrapped};
use common::scratch::Scratch;

const KEYS: &str =
    "<?xml version=\"1.0\"?>\n<graphml>\n<key id=\"l\" for=\"node\" attr.name=\"label\"/>\n";

#[test]
fn graphml_that_kgx_cannot_hold_is_an_error_at_its_place() {
    let scratch = Scratch::new("graphml");
    let cases = [
        (
            "hyperedge.graphml",
            "<graph><node id=\"a\"/><node id=\"b\"/>\n<hyperedge><endpoint node=\"a\"/><endpoint node=\"b\"/></hyperedge></graph></graphml>",
            "a <hyperedge> joins several nodes at once",
            ":5:1]",
        ),
        (
            "maybe.graphml",
            "<graph><node id=\"a\"/><node id=\"b\"/>\n<edge source=\"a\" target=\"b\" directed=\"maybe\"/></graph></graphml>",
            "directed=\"maybe\" is neither true nor false",
            ":5:39]",
        ),
        (
            "edgedefault.graphml",
            "<graph edgedefault=\"sideways\"><node id=\"a\"/></graph></graphml>",
            "edgedefault=\"sideways\" is neither directed nor undirected",
            ":4:21]",
        ),
        (
            "duplicate.graphml",
            "<key id=\"l\" for=\"node\" attr.name=\"name\"/>\n<graph><node id=\"a\"/></graph></graphml>",
            "a second <key> with the id \"l\"",
            ":4:10]",
        ),
        (
            "nul.graphml",
            "<graph><node id=\"a\"><data key=\"l\">x&#0;y</data></node></graph></graphml>",
            "&#0; names no character XML allows",
            ":4:36]",
        ),
        (
            "control-reference.graphml",
            "<graph><node id=\"a\"><data key=\"l\">x&#x1b;]0;t&#7;</data></node></graph></graphml>",
            "&#x1b; names no character XML allows",
            ":4:36]",
        ),
        (
            "raw-control.graphml",
            "<graph><node id=\"a\"><data key=\"l\">x\u{1b}]0;t\u{7}</data></node></graph></graphml>",
            "U+001B names no character XML allows",
            ":4:36]",
        ),
        (
            "control-in-id.graphml",
            "<graph><node id=\"a&#1;\"/></graph></graphml>",
            "U+0001 names no character XML allows",
            ":4:18]",
        ),
    ];
    for (name, body, message, place) in cases {
        let file = scratch.file(name, format!("{KEYS}{body}"));
        let output = kgx(&["validate", file.to_str().expect("path")]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        let errors = unwrapped(&stderr(&output));
        assert!(errors.contains(message), "{name}: {errors}");
        assert!(
            errors.contains(&format!("{name}{place}")),
            "{name} at {place}: {errors}"
        );
    }
}

#[test]
fn text_in_another_format_than_read_gets_a_hint_to_say_which() {
    let scratch = Scratch::new("sniff");
    let json = scratch.file("graph.txt", "{\"nodes\": [{\"id\": \"a\"}], \"links\": []}");
    let output = kgx(&["validate", json.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        unwrapped(&stderr(&output)).contains("--format json"),
        "{}",
        unwrapped(&stderr(&output))
    );

    let output = kgx_with_input(
        &["validate", "-"],
        "<?xml version=\"1.0\"?><graphml><graph/></graphml>",
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        unwrapped(&stderr(&output)).contains("--format graphml"),
        "{}",
        unwrapped(&stderr(&output))
    );

    let output = kgx_with_input(
        &["validate", "-", "--format", "graphml"],
        "<?xml version=\"1.0\"?><graphml><graph/></graphml>",
    );
    assert!(output.status.success(), "{}", unwrapped(&stderr(&output)));
}

#[test]
fn a_full_standard_output_says_it_was_standard_output() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let output = Kgx::new(&["export", "--format", "ron"]).stdout(full).run();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        unwrapped(&stderr(&output))
            .contains("cannot write to standard output: No space left on device"),
        "{}",
        unwrapped(&stderr(&output))
    );
}

/// `kgx explore -` reads the data from standard input, then the keys from
/// the terminal.
#[test]
fn explore_reads_data_from_stdin_and_keys_from_the_terminal() {
    let scratch = Scratch::new("explore-stdin");
    let file = scratch.file(
        "piped.ron",
        "Graph(title: \"Piped graph\", actors: [Actor(id: \"a\", name: \"Alpha\", kind: Person)], relations: [])",
    );
    let mut session = common::terminal::Session::start_with_input_file(&["explore", "-"], &file);
    session.wait_for("the piped graph", |s| {
        s.screen().contains("Piped graph") && s.screen().contains("Alpha")
    });
    session.type_keys("5");
    session.wait_for("a key from the terminal", |s| {
        s.screen().contains("Statistics")
    });
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn json_and_csv_that_would_be_misread_are_errors_at_their_place() {
    let scratch = Scratch::new("json-csv");
    let cases = [
        (
            "quote.csv",
            "from,to,kind\na,b,met\n\"c,d,met\ne,f,met\n",
            "this quote is never closed",
            "quote.csv:3:1]",
        ),
        (
            "open-label.csv",
            "from,to,kind\na,b,\"met\nc,d,met\n",
            "this quote is never closed",
            "open-label.csv:2:5]",
        ),
        (
            "empty.csv",
            "from,to,kind\na,b,met\nc,,met\n",
            "the `to` cell is empty",
            "empty.csv:3:3]",
        ),
        (
            "padded.csv",
            "from,to,kind\na,b,met\nc, a ,met\n",
            "the id \" a \" differs from \"a\" only by spaces around it",
            "padded.csv:3:3]",
        ),
        (
            "both.json",
            "{\"nodes\": [{\"id\": \"a\"}],\n\"links\": [],\n\"edges\": []}",
            "the file has both \"links\" and \"edges\"",
            "both.json:3:10]",
        ),
        (
            "twice.json",
            "{\"nodes\": [{\"id\": \"a\",\n \"id\": \"b\"}], \"links\": []}",
            "the key \"id\" appears twice in one object",
            "twice.json:2:2]",
        ),
        (
            "null.json",
            "{\"nodes\": [{\"id\": \"a\"},\n{\"id\": null}], \"links\": []}",
            "the node id null is not a string or a whole number",
            "null.json:2:8]",
        ),
        (
            "huge.json",
            "{\"nodes\": [{\"id\": 1e400}], \"links\": []}",
            "the node id 1e400 is not a string or a whole number",
            "huge.json:1:19]",
        ),
    ];
    for (name, text, message, place) in cases {
        let path = scratch.file(name, text);
        let output = kgx(&["validate", path.to_str().expect("path")]);
        let errors = unwrapped(&stderr(&output));
        assert_eq!(output.status.code(), Some(1), "{name}: {errors}");
        assert!(errors.contains(message), "{name}: {errors}");
        assert!(errors.contains(place), "{name}: {errors}");
    }
}

#[test]
fn a_repeated_key_in_kgx_own_json_is_refused_although_it_would_stream() {
    let scratch = Scratch::new("own-json");
    let own = kgx(&["export", "--format", "json"]);
    assert!(own.status.success());
    let text = String::from_utf8_lossy(&own.stdout).replacen(
        "\"title\"",
        "\"title\": \"x\", \"title\"",
        1,
    );
    let path = scratch.file("own.json", &text);
    for command in ["validate", "stats"] {
        let output = kgx(&[command, path.to_str().expect("path")]);
        assert_eq!(output.status.code(), Some(1), "{command}");
        assert!(
            unwrapped(&stderr(&output)).contains("the key \"title\" appears twice"),
            "{}",
            unwrapped(&stderr(&output))
        );
    }
}

#[test]
fn an_actors_file_with_anything_but_an_edge_list_is_refused() {
    let scratch = Scratch::new("actors-flag");
    let actors = scratch.file("actors.csv", "id,name\na,A\n");
    let data = scratch.file(
        "graph.json",
        "{\"nodes\": [{\"id\": \"a\"}], \"links\": []}",
    );
    for command in ["validate", "stats"] {
        let output = kgx(&[
            command,
            data.to_str().expect("path"),
            "--actors",
            actors.to_str().expect("path"),
        ]);
        assert_eq!(output.status.code(), Some(1), "{command}");
        assert!(
            unwrapped(&stderr(&output)).contains("is only read with a CSV or TSV edge list"),
            "{}",
            unwrapped(&stderr(&output))
        );
    }
}
