//! Inputs made to exhaust kgx meet documented limits instead: enumerations
//! are capped, reads are bounded, arguments are checked.

mod common;

use std::process::Command;

use common::app::run_command;
use common::binary::{Kgx, kgx, stderr, stdout, unwrapped};
use common::scratch::Scratch;

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
    assert!(output.status.success(), "{}", unwrapped(&stderr(&output)));
    let out = unwrapped(&stdout(&output));
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
    assert!(output.status.success(), "{}", unwrapped(&stderr(&output)));
    assert!(unwrapped(&stdout(&output)).starts_with("1000 paths from a0 to a39, shortest first"));

    let output = kgx(&["path", "a0", "a39", "--k", "65535", file]);
    assert_eq!(output.status.code(), Some(2), "a usage error");
    assert!(
        unwrapped(&stderr(&output)).contains("65535 is not in 1..=1000"),
        "{}",
        unwrapped(&stderr(&output))
    );
}

fn mkfifo(path: &std::path::Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn inputs_that_never_end_are_refused_without_reading() {
    let scratch = Scratch::new("endless");
    let fifo = scratch.0.join("pipe.ron");
    mkfifo(&fifo);
    for (file, what) in [
        ("/dev/zero", "it is a character device, which may never end"),
        (
            fifo.to_str().expect("path"),
            "it is a named pipe (FIFO), which may never end",
        ),
    ] {
        let output = kgx(&["validate", file]);
        assert_eq!(output.status.code(), Some(1));
        let errors = unwrapped(&stderr(&output));
        assert!(
            errors.contains(what) && errors.contains("give `-`"),
            "{errors}"
        );
        let output = kgx(&["config", "--config", file]);
        assert_eq!(output.status.code(), Some(1));
        assert!(
            unwrapped(&stderr(&output)).contains(what),
            "{}",
            unwrapped(&stderr(&output))
        );
    }

    let zero = std::fs::File::open("/dev/zero").expect("/dev/zero");
    let output = Kgx::new(&["validate", "-"]).stdin(zero).run();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        unwrapped(&stderr(&output)).contains("byte 0 is NUL, which no text holds"),
        "{}",
        unwrapped(&stderr(&output))
    );
}

#[test]
fn max_size_caps_what_is_read() {
    let scratch = Scratch::new("max-size");
    let file = scratch.file("complete.ron", complete());
    let file = file.to_str().expect("path");
    let output = kgx(&["stats", file, "--max-size", "1K"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        unwrapped(&stderr(&output))
            .contains("it is larger than 1 KiB, the most kgx reads; --max-size raises the limit"),
        "{}",
        unwrapped(&stderr(&output))
    );
    assert!(kgx(&["stats", file, "--max-size", "1M"]).status.success());
    let output = kgx(&["stats", file, "--max-size", "lots"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn config_with_a_bom_bad_bytes_or_a_loop_says_what_and_where() {
    let scratch = Scratch::new("config");
    let bom = scratch.file("bom.ron", "\u{feff}(mouse: false)\n");
    let output = kgx(&["config", "--config", bom.to_str().expect("path")]);
    assert!(output.status.success(), "{}", unwrapped(&stderr(&output)));

    let latin1 = scratch.file("latin1.ron", b"(theme: \"caf\xe9\")\n");
    let output = kgx(&["config", "--config", latin1.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    let errors = unwrapped(&stderr(&output));
    assert!(
        errors.contains("not UTF-8 text (byte 0xe9)") && errors.contains("latin1.ron:1:13"),
        "{errors}"
    );

    // The usual place, as a link to itself: reported, not taken for none.
    let home = scratch.0.join("home");
    std::fs::create_dir_all(home.join("kgx")).expect("config folder");
    let looped = home.join("kgx").join("config.ron");
    std::os::unix::fs::symlink(&looped, &looped).expect("a link loop");
    let output = Kgx::new(&["config"]).env("XDG_CONFIG_HOME", &home).run();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        unwrapped(&stdout(&output))
    );
    assert!(
        unwrapped(&stderr(&output)).contains("cannot read")
            && unwrapped(&stderr(&output)).contains("symbolic links"),
        "{}",
        unwrapped(&stderr(&output))
    );
}

/// The watched file replaced by a pipe: the reload reports it and later
/// saves still load.
#[test]
fn a_watched_file_turned_into_a_pipe_never_stops_reloading() {
    let scratch = Scratch::new("reload-fifo");
    let data = |extra: &str| {
        let mut actors = vec!["alpha".to_owned(), "beta".to_owned()];
        if !extra.is_empty() {
            actors.push(extra.to_owned());
        }
        ron(&actors, &[("alpha".to_owned(), "beta".to_owned())])
    };
    let file = scratch.file("graph.ron", data(""));
    let mut session = common::terminal::Session::start(&[file.to_str().expect("path")]);
    session.wait_for("the graph", |s| s.screen().contains("alpha"));

    std::fs::remove_file(&file).expect("remove");
    mkfifo(&file);
    session.wait_for("the pipe refused", |s| s.screen().contains("named pipe"));
    session.type_keys("\x1b");

    let written = scratch.0.join("graph.ron.new");
    std::fs::write(&written, data("gamma")).expect("write");
    std::fs::rename(&written, &file).expect("rename");
    session.wait_for("the next good save", |s| s.screen().contains("gamma"));
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
}

/// On a complete graph the k shortest paths take a while; the explorer
/// searches in the background, Esc stops the search and q still quits.
#[test]
fn the_explorer_stays_responsive_during_a_long_path_search() {
    let scratch = Scratch::new("explorer-paths");
    let file = scratch.file("complete.ron", complete());
    let mut session = common::terminal::Session::start(&[file.to_str().expect("path")]);
    session.wait_for("the graph", |s| s.screen().contains("40/40"));
    session.type_keys(":path a0 a39 --k 1000\r");
    session.wait_for("the search under way", |s| {
        s.screen().contains("Esc stops") && s.screen().contains("looking for paths")
    });
    session.type_keys("\u{1b}");
    session.wait_for("the search stopped", |s| {
        s.screen().contains("path search stopped") && s.screen().contains("the search was stopped")
    });
    session.type_keys(":path a0 a39 --k 65535\r");
    session.wait_for("the bound", |s| s.screen().contains("1 to 1000"));
    // An Esc followed at once by q would read as Alt-q.
    session.type_keys("\u{1b}");
    std::thread::sleep(std::time::Duration::from_millis(300));
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn a_file_broken_many_times_lists_the_first_problems_and_counts_the_rest() {
    let scratch = Scratch::new("broken-many");
    let ragged = format!("from,to,kind\n{}", "a,b,c,d\n".repeat(20_000));
    let records = format!(
        "Graph(title: \"t\", actors: [], relations: [{}])",
        "1,".repeat(20_000)
    );
    for (name, contents, total) in [
        ("ragged.csv", ragged, 20_000),
        ("records.ron", records, 20_000),
    ] {
        let path = scratch.file(name, contents);
        let output = kgx(&["validate", path.to_str().expect("path")]);
        let errors = unwrapped(&stderr(&output));
        assert_eq!(output.status.code(), Some(1), "{name}");
        assert!(
            errors.contains(&format!("{} more problems not listed", total - 49)),
            "{name}: {errors}"
        );
        assert!(
            errors.contains(&format!("has {total} problems")),
            "{name}: {errors}"
        );
        assert!(errors.len() < 40_000, "{name}: {} bytes", errors.len());
    }
}

/// Every reader, and a file that parses but names what is not there,
/// reports its first problems and counts the rest, in text and in
/// `--json`: 20,000 problems cost a few kilobytes, not megabytes.
#[test]
fn every_reader_lists_the_first_problems_and_counts_the_rest() {
    let scratch = Scratch::new("broken-every-way");
    let n = 20_000;
    let missing: String = (0..n)
        .map(|i| format!("<edge source=\"a\" target=\"m{i}\"/>\n"))
        .collect();
    let graphml = format!(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph edgedefault=\"directed\"><node id=\"a\"/>\n{missing}</graph></graphml>"
    );
    let links: Vec<String> = (0..n)
        .map(|i| format!("{{\"source\": \"a\", \"target\": \"m{i}\"}}"))
        .collect();
    let node_link = format!(
        "{{\"directed\": true, \"nodes\": [{{\"id\": \"a\"}}], \"links\": [{}]}}",
        links.join(",\n")
    );
    let null_ids = format!(
        "{{\"directed\": true, \"nodes\": [{}], \"links\": []}}",
        vec!["{\"id\": null}"; n].join(",\n")
    );
    let edges: String = (0..n).map(|i| format!("a,m{i},met\n")).collect();
    let edges = format!("from,to,kind\n{edges}");
    let relations: String = (0..n)
        .map(|i| format!("Relation(from: \"a\", to: \"m{i}\", kind: \"met\"),\n"))
        .collect();
    let ron = format!(
        "Graph(title: \"t\", actors: [Actor(id: \"a\", name: \"A\", kind: State)], relations: [{relations}])"
    );
    let actors = scratch.file("actors.csv", "id,name\na,A\n");
    let twice = scratch.file("twice.csv", format!("id,name\n{}", "a,A\n".repeat(n + 1)));
    let one_edge = scratch.file("one.csv", "from,to\na,a\n");
    let cases = [
        (scratch.file("missing.graphml", graphml), vec![]),
        (scratch.file("links.json", node_link), vec![]),
        (scratch.file("null-ids.json", null_ids), vec![]),
        (
            scratch.file("edges.csv", edges),
            vec!["--actors", actors.to_str().expect("path")],
        ),
        (scratch.file("missing.ron", ron), vec![]),
        (one_edge, vec!["--actors", twice.to_str().expect("path")]),
    ];
    for (path, extra) in cases {
        let name = path.display().to_string();
        let mut args = vec!["validate", path.to_str().expect("path")];
        args.extend(&extra);
        let output = kgx(&args);
        let errors = unwrapped(&stderr(&output));
        assert_eq!(output.status.code(), Some(1), "{name}: {errors}");
        assert!(
            errors.contains(&format!("{} more problems not listed", n - 49)),
            "{name}: {errors}"
        );
        assert!(errors.contains(&format!("has {n} problems")), "{name}");
        assert!(errors.len() < 40_000, "{name}: {} bytes", errors.len());
        args.push("--json");
        let json = kgx(&args).stdout;
        assert!(json.len() < 40_000, "{name}: {} bytes of JSON", json.len());
    }
}

#[test]
fn a_huge_value_is_quoted_by_its_start_and_its_length() {
    let scratch = Scratch::new("huge-value");
    let id = "x".repeat(1_000_000);
    let data = format!(
        "Graph(title: \"t\", actors: [Actor(id: \"a\", name: \"A\", kind: State)], relations: [Relation(from: \"a\", to: \"{id}\", kind: \"met\")])"
    );
    let path = scratch.file("unknown.ron", data);
    let output = kgx(&["validate", path.to_str().expect("path")]);
    let errors = unwrapped(&stderr(&output));
    assert_eq!(output.status.code(), Some(1));
    assert!(errors.contains("(1000002 characters)"), "{errors}");
    assert!(errors.len() < 5_000, "{} bytes", errors.len());

    let config = scratch.file(
        "config.ron",
        format!("(theme: \"{}\")", "y".repeat(1_000_000)),
    );
    let output = kgx(&["config", "--config", config.to_str().expect("path")]);
    let errors = unwrapped(&stderr(&output));
    assert_eq!(output.status.code(), Some(1));
    assert!(errors.contains("(1000002 characters)"), "{errors}");
    assert!(errors.len() < 5_000, "{} bytes", errors.len());
}

/// On the largest graphs every shortest path (`:path a b`, `--all`) is
/// searched for off the UI thread as the k shortest are: Esc stops the
/// search, and a newer search cancels the older one, whose answer is never
/// shown.
#[test]
fn the_explorer_searches_all_shortest_paths_on_a_worker_on_large_graphs() {
    use kgx::formats::load_graph;
    use kgx::load::Input;
    use kgx::tui::action::Action;
    use kgx::tui::app::{App, Effect};

    let graph = load_graph(&Input::Embedded).expect("seed graph");
    let mut direct = App::new(graph.clone(), 120, 40);
    run_command(&mut direct, "path lavrov israel --all");
    let expected = direct.path_view().paths.clone();
    assert!(!expected.is_empty());

    let mut app = App::new(graph, 120, 40).compute_in_background_above(0);
    run_command(&mut app, "path lavrov israel --all");
    assert!(app.busy(), "searching");
    assert!(app.path_view().paths.is_empty(), "nothing on the UI thread");
    assert_eq!(
        app.message(),
        Some("looking for the shortest paths… (Esc stops)")
    );
    let first = app.take_effects();
    run_command(&mut app, "path lavrov israel");
    for effect in first {
        if let Effect::Compute(task) = effect {
            assert!(task.run().is_none(), "a replaced search answers nothing");
        }
    }
    for effect in app.take_effects() {
        if let Effect::Compute(task) = effect
            && let Some(result) = task.run()
        {
            app.update(result);
        }
    }
    assert!(!app.busy());
    assert_eq!(app.path_view().paths, expected);

    run_command(&mut app, "path lavrov israel --all");
    app.update(Action::Cancel);
    assert!(!app.busy(), "Esc stops the search");
    assert_eq!(app.message(), Some("path search stopped"));
    for effect in app.take_effects() {
        if let Effect::Compute(task) = effect {
            assert!(task.run().is_none());
        }
    }
}
