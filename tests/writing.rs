//! kgx never loses a file: it does not write over its input, does not
//! replace a file unless told to, and a CSV's actors file counts too.

mod common;

use common::binary::{kgx, stderr};
use common::scratch::Scratch;
use common::terminal::Session;

const DATA: &str = r#"// a comment that a rewrite would drop
Graph(title: "t", actors: [Actor(id: "a", name: "A", kind: Person), Actor(id: "b", name: "B", kind: Person)],
  relations: [Relation(from: "a", to: "b", kind: "knows")])
"#;

#[test]
fn the_input_is_never_written_over() {
    let scratch = Scratch::new("input");
    let file = scratch.file("self.ron", DATA);
    let path = file.to_str().expect("path");
    let link = scratch.0.join("link.ron");
    std::os::unix::fs::symlink(&file, &link).expect("link");
    let dotted = format!("{}/./self.ron", scratch.0.display());
    for args in [
        vec!["convert", path, path],
        vec!["convert", path, path, "--force"],
        vec!["convert", path, dotted.as_str(), "--force"],
        vec![
            "export",
            path,
            "--format",
            "ron",
            "-o",
            link.to_str().expect("path"),
            "--force",
        ],
    ] {
        let output = kgx(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&output).contains("it is the input"),
            "{}",
            stderr(&output)
        );
    }
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        DATA,
        "untouched"
    );
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let scratch = Scratch::new("force");
    let file = scratch.file("in.ron", DATA);
    let input = file.to_str().expect("path");
    let out = scratch.0.join("out.csv");
    let out = out.to_str().expect("path");
    assert!(kgx(&["convert", input, out]).status.success());

    // The actors file the person never named counts too.
    std::fs::remove_file(out).expect("remove");
    let actors = scratch.0.join("out.actors.csv");
    std::fs::write(&actors, "precious").expect("actors");
    let output = kgx(&["convert", input, out]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("will not overwrite")
            && stderr(&output).contains("out.actors.csv")
    );
    assert!(
        !std::path::Path::new(out).exists(),
        "nothing written when any file is refused"
    );
    assert_eq!(std::fs::read_to_string(&actors).expect("read"), "precious");

    assert!(kgx(&["convert", input, out, "--force"]).status.success());
    assert!(
        std::fs::read_to_string(&actors)
            .expect("read")
            .starts_with("id,")
    );

    let generated = scratch.file("gen.ron", "keep");
    let generated = generated.to_str().expect("path");
    let output = kgx(&["gen", "--actors", "3", "--relations", "2", "-o", generated]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
    assert!(
        kgx(&[
            "gen",
            "--actors",
            "3",
            "--relations",
            "2",
            "-o",
            generated,
            "--force"
        ])
        .status
        .success()
    );
    let leftovers: Vec<_> = std::fs::read_dir(&scratch.0)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files left: {leftovers:?}"
    );
}

#[test]
fn gen_bounds_its_arguments() {
    for args in [
        [
            "gen",
            "--actors",
            "18446744073709551615",
            "--relations",
            "1",
        ],
        ["gen", "--actors", "1000000000000", "--relations", "1"],
        [
            "gen",
            "--actors",
            "10",
            "--relations",
            "18446744073709551615",
        ],
    ] {
        let output = kgx(&args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(stderr(&output).contains("is not in"), "{}", stderr(&output));
    }
}

/// `:export` refuses the open file, refuses an existing one, and `:export!`
/// replaces it.
#[test]
fn the_explorer_exports_only_where_it_may() {
    let scratch = Scratch::new("explorer");
    let file = scratch.file("open.ron", DATA);
    let other = scratch.file("other.ron", "old");
    let mut session = Session::start(&[file.to_str().expect("path")]);
    session.wait_for("the graph", |s| s.screen().contains("t"));
    session.type_keys(&format!(":export {}\r", file.display()));
    session.wait_for("the refusal", |s| s.screen().contains("it is the input"));
    session.type_keys(&format!(":export {}\r", other.display()));
    session.wait_for("the refusal", |s| s.screen().contains("will not overwrite"));
    session.type_keys(&format!(":export! {}\r", other.display()));
    session.wait_for("the export", |s| s.screen().contains("wrote 2 actors"));
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), DATA);
    assert!(
        std::fs::read_to_string(&other)
            .expect("read")
            .contains("Graph(")
    );
}

/// Names holding controls XML cannot hold, and cells a spreadsheet would
/// run.
const HOSTILE: &str = "Graph(title: \"t\", actors: [Actor(id: \"a\", name: \"A\\u{1}\\u{1b}[31m\", kind: Person), \
    Actor(id: \"b\", name: \"=HYPERLINK(\\\"http://x\\\")\", kind: Person, attributes: {\"n\": \"-3\", \"cmd\": \"@SUM(A1)\"})], \
    relations: [Relation(from: \"a\", to: \"b\", kind: \"knows\", label: \"+cmd|' /C calc'!A0\")])";

#[test]
fn graphml_is_well_formed_xml_whatever_the_names_hold() {
    let scratch = Scratch::new("graphml");
    let input = scratch.file("hostile.ron", HOSTILE);
    let out = scratch.0.join("out.graphml");
    let output = kgx(&[
        "convert",
        input.to_str().expect("path"),
        out.to_str().expect("path"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("warning: 2 characters that XML cannot hold"),
        "{}",
        stderr(&output)
    );
    let text = std::fs::read_to_string(&out).expect("written");
    assert!(!text.contains(['\u{1}', '\u{1b}']));
    let mut reader = quick_xml::Reader::from_str(&text);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(err) => panic!("not well-formed at {}: {err}", reader.buffer_position()),
        }
    }
    let shown = kgx(&["show", "a", out.to_str().expect("path")]);
    assert!(shown.status.success(), "{}", stderr(&shown));
    assert!(String::from_utf8_lossy(&shown.stdout).contains("A\u{FFFD}\u{FFFD}[31m"));
}

#[test]
fn csv_cells_that_look_like_formulas_are_defused_unless_asked() {
    let scratch = Scratch::new("formulas");
    let input = scratch.file("hostile.ron", HOSTILE);
    let input = input.to_str().expect("path");
    let out = scratch.0.join("out.csv");
    let output = kgx(&["convert", input, out.to_str().expect("path")]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("warning: 3 cells began like a spreadsheet formula"),
        "{}",
        stderr(&output)
    );
    let edges = std::fs::read_to_string(&out).expect("edges");
    let actors = std::fs::read_to_string(scratch.0.join("out.actors.csv")).expect("actors");
    assert!(edges.contains("'+cmd|"), "{edges}");
    assert!(
        actors.contains("\"'=HYPERLINK(") && actors.contains("'@SUM(A1)") && actors.contains(",-3"),
        "{actors}"
    );

    let output = kgx(&[
        "convert",
        input,
        out.to_str().expect("path"),
        "--force",
        "--keep-formulas",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let actors = std::fs::read_to_string(scratch.0.join("out.actors.csv")).expect("actors");
    assert!(
        actors.contains("\"=HYPERLINK(") && !actors.contains('\''),
        "{actors}"
    );
}
