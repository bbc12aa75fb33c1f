//! Someone else's file cannot drive the terminal: escape sequences, C1
//! controls and bidirectional overrides in any field reach neither the
//! command line's output nor the explorer's screen raw.

mod common;

use common::binary::kgx;
use common::scratch::Scratch;
use common::terminal::Session;
use serde_json::json;

/// OSC 52 (write the clipboard), BEL, OSC 0 (window title), CSI clear, a C1
/// CSI, a right-to-left override and DEL.
const PAYLOAD: &str =
    "\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{7f}";

/// A valid data set with the payload in every free-text field.
fn evil_dataset() -> serde_json::Value {
    let p = PAYLOAD;
    json!({
        "title": format!("Title{p}"),
        "description": format!("About{p}"),
        "sources": [{"id": "s", "title": format!("Source{p}"), "publisher": format!("Publisher{p}"),
                     "date": "2025-01", "url": format!("https://example.org/{p}"), "reliability": "F"}],
        "actors": [
            {"id": "a", "name": format!("Alpha{p}"), "kind": "State", "aliases": [format!("Al{p}")],
             "summary": format!("Summary{p}"), "roles": [], "date": "2025-01",
             "external_ids": {format!("wiki{p}"): format!("Q{p}")}, "attributes": {format!("key{p}"): format!("value{p}")}},
            {"id": "b", "name": format!("Beta{p}"), "kind": "Person", "aliases": [], "summary": null,
             "roles": [], "date": null, "external_ids": {}, "attributes": {}}
        ],
        "relations": [
            {"from": "a", "to": "b", "kind": "met", "label": format!("met with{p}"), "directed": true,
             "date": "2025-02", "status": "Reported", "stance": "Cooperative", "stance_score": 2,
             "evidence": [{"source": "s", "quote": format!("Quote{p}"), "attributed_to": "a"}],
             "attributes": {}}
        ]
    })
}

/// A broken data set: the payload in ids, kinds and references, which
/// validation quotes back.
fn evil_broken_dataset() -> serde_json::Value {
    let mut data = evil_dataset();
    data["actors"][1]["id"] = json!(format!("b{PAYLOAD}"));
    data["relations"][0]["kind"] = json!(format!("met{PAYLOAD}"));
    data["relations"][0]["evidence"][0]["attributed_to"] = json!(format!("x{PAYLOAD}"));
    data
}

/// Characters that must never reach a terminal raw.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn assert_safe(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| is_unsafe(c)) {
        panic!(
            "{what} holds U+{:04X} at byte {at}:\n{}",
            u32::from(c),
            text.escape_debug()
        );
    }
}

/// Fails if any piece of the payload reached the terminal raw in what kgx
/// wrote to it.
fn assert_no_payload_reached(written: &str) {
    for marker in [
        "\u{1b}]52",
        "\u{1b}]0;pwned",
        "\u{9b}",
        "\u{202e}",
        "\u{7f}",
        "\u{7}",
    ] {
        assert!(!written.contains(marker), "the terminal got {marker:?}");
    }
}

#[test]
fn every_command_prints_data_with_its_controls_escaped() {
    let scratch = Scratch::new("commands");
    let file = scratch.file("evil.json", evil_dataset().to_string());
    let file = file.as_os_str();
    let runs: &[&[&str]] = &[
        &[],
        &["validate"],
        &["show", "a"],
        &["show", "Al"],
        &["show", "Beta", "--json"],
        &["show", "nobody"],
        &["show", "alpha\u{1b}"],
        &["path", "a", "b"],
        &["path", "a", "b", "--json"],
        &["path", "a", "b", "--via-kinds", "nothing"],
        &["timeline"],
        &["timeline", "--json"],
        &["stats"],
        &["stats", "--centrality"],
        &["stats", "--json"],
        &["lint"],
        &["lint", "--json"],
    ];
    for args in runs {
        let (command, rest) = args
            .split_first()
            .map_or((None, &[][..]), |(c, r)| (Some(*c), r));
        let mut all: Vec<&std::ffi::OsStr> = command.iter().map(|c| c.as_ref()).collect();
        all.extend(rest.iter().map(|a| std::ffi::OsStr::new(*a)));
        all.push(file);
        let output = kgx(&all);
        assert_safe(&format!("stdout of {args:?}"), &output.stdout);
        assert_safe(&format!("stderr of {args:?}"), &output.stderr);
    }
    let card = kgx(&["show".as_ref(), "a".as_ref(), file]);
    let text = String::from_utf8_lossy(&card.stdout);
    assert!(card.status.success());
    assert!(
        text.contains("Alpha\\u{1b}]52;c;cHduZWQ=\\u{7}") && text.contains("\\u{202e}\\u{7f}"),
        "the controls are shown as escapes, not dropped:\n{text}"
    );
}

#[test]
fn json_output_escapes_the_controls_and_reads_back_the_same() {
    let scratch = Scratch::new("json");
    let file = scratch.file("evil.json", evil_dataset().to_string());
    let output = kgx(&[
        "show".as_ref(),
        "a".as_ref(),
        "--json".as_ref(),
        file.as_os_str(),
    ]);
    assert_safe("show --json", &output.stdout);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(value["actor"]["name"], json!(format!("Alpha{PAYLOAD}")));
}

#[test]
fn diagnostics_quote_broken_data_and_file_names_safely() {
    let scratch = Scratch::new("diagnostics");
    let broken = scratch.file("broken.json", evil_broken_dataset().to_string());
    let output = kgx(&["validate".as_ref(), broken.as_os_str()]);
    assert_eq!(output.status.code(), Some(1));
    assert_safe("validate's diagnostics", &output.stderr);
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(errors.contains("b\\u{1b}]52;c;"), "{errors}");

    // The same in RON, where the controls stand raw in the quoted lines.
    let ron = format!(
        "Graph(title: \"t{PAYLOAD}\", actors: [Actor(id: \"a{PAYLOAD}\", name: \"A\", kind: State)], relations: [])"
    );
    let ron = scratch.file("broken.ron", ron);
    let output = kgx(&["validate".as_ref(), ron.as_os_str()]);
    assert_eq!(output.status.code(), Some(1));
    assert_safe("RON diagnostics", &output.stderr);

    let name = scratch.file(&format!("name{PAYLOAD}.json"), "{");
    let output = kgx(&["stats".as_ref(), name.as_os_str()]);
    assert_eq!(output.status.code(), Some(1));
    assert_safe("a file name in a diagnostic", &output.stderr);
    let missing = scratch.0.join(format!("missing{PAYLOAD}.ron"));
    let output = kgx(&["validate".as_ref(), missing.as_os_str()]);
    assert_eq!(output.status.code(), Some(1));
    assert_safe("a missing file's name", &output.stderr);
}

#[test]
fn config_messages_quote_names_and_values_safely() {
    let scratch = Scratch::new("config");
    let config = scratch.file(
        &format!("config{PAYLOAD}.ron"),
        format!("(theme: \"dark{PAYLOAD}\", keys: {{\"x{PAYLOAD}\": \"quit{PAYLOAD}\"}})"),
    );
    for args in [
        vec!["config".as_ref(), "--config".as_ref(), config.as_os_str()],
        vec![
            "config".as_ref(),
            "--path".as_ref(),
            "--config".as_ref(),
            config.as_os_str(),
        ],
    ] {
        let output = kgx(&args);
        assert_safe("config's stdout", &output.stdout);
        assert_safe("config's stderr", &output.stderr);
    }
}

/// An export printed to a terminal shows the data's controls escaped, in
/// every format; written to a pipe it is the data as it is.
#[test]
fn an_export_to_a_terminal_shows_the_controls_escaped() {
    let scratch = Scratch::new("export-terminal");
    let file = scratch.file("evil.json", evil_dataset().to_string());
    let file = file.to_str().expect("a UTF-8 path");
    for format in ["ron", "json", "dot", "mermaid", "graphml", "csv", "turtle"] {
        let mut kgx = Session::start(&["export", "--format", format, file]);
        assert_eq!(kgx.wait_exit(), 0, "{format}");
        // The terminal may still be passing on what was written last.
        let shown = |kgx: &Session| String::from_utf8_lossy(&kgx.raw()).into_owned();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !shown(&kgx).contains("met with") && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let text = shown(&kgx);
        assert!(text.contains("met with"), "{format}: the export is shown");
        for marker in ["\u{1b}]52", "\u{1b}]0;pwned", "\u{9b}", "\u{202e}", "\u{7}"] {
            assert!(
                !text.contains(marker),
                "{format}: the terminal got {marker:?}"
            );
        }
    }
    let piped = kgx(&["export", "--format", "dot", file]);
    assert!(
        String::from_utf8_lossy(&piped.stdout).contains('\u{202e}'),
        "a pipe gets the data as it is"
    );
}

/// The explorer on the payload file: its start-up, every view it opens on a
/// key, and the problems of a broken file printed before it starts.
#[test]
fn the_explorer_writes_no_control_from_the_data() {
    let scratch = Scratch::new("explorer");
    let file = scratch.file("evil.json", evil_dataset().to_string());
    let file = file.to_str().expect("a UTF-8 path");
    let mut kgx = Session::start(&[file]);
    kgx.wait_for("the actor list", |s| s.screen().contains("Alpha"));
    for view in ["2", "3", "4", "5", "1"] {
        kgx.type_keys(view);
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
    kgx.type_keys("q");
    kgx.wait_exit();
    let raw = kgx.raw();
    let text = String::from_utf8_lossy(&raw);
    assert_no_payload_reached(&text);

    let broken = scratch.file("broken.json", evil_broken_dataset().to_string());
    let mut kgx = Session::start(&[broken.to_str().expect("a UTF-8 path")]);
    assert_eq!(kgx.wait_exit(), 1);
    kgx.wait_for("the problems", |s| s.screen().contains("problems"));
    let text = String::from_utf8_lossy(&kgx.raw()).into_owned();
    assert_no_payload_reached(&text);
}
