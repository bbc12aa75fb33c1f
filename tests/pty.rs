//! The real binary in a real pseudo-terminal: keys typed as a person types
//! them, the screen read back through a terminal emulator.

mod common;

use common::scratch::Scratch;
use common::terminal::Session;

/// `kgx ARGS…` on a terminal of `cols`×`rows` with these variables set.
fn start_with(cols: u16, rows: u16, env: &[(&str, &str)], args: &[&str]) -> Session {
    Session::start_kgx_sized(cols, rows, args, env)
}

/// `kgx` on a terminal of `cols`×`rows` with these variables set.
fn start(cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
    start_with(cols, rows, env, &[])
}

/// Filter to Lavrov, jump along "hosted" to al-Shibani, go back, quit: each
/// step visible on screen, and the terminal left as it was.
#[test]
fn filter_jump_back_and_quit() {
    let mut kgx = start(100, 30, &[]);
    kgx.wait_for("the actor list", |s| {
        s.screen().contains("Actors") && s.screen().contains("Russia")
    });

    kgx.type_keys("/lavrov");
    kgx.wait_for("the filter to narrow", |s| {
        s.row(3).contains("/lavrov") && s.row(3).contains("2/")
    });
    kgx.type_keys("\r");
    kgx.wait_for("Lavrov in focus", |s| s.row(2).contains("P Sergey Lavrov"));

    kgx.type_keys("\t");
    kgx.wait_for("the relations pane", |s| {
        s.screen().contains("hosted in Moscow")
    });
    let hosted_row = (0..30)
        .find(|&r| kgx.row(r).contains("hosted in Moscow"))
        .expect("row");
    let selected_row = (0..30)
        .find(|&r| kgx.row(r).contains("→ Outgoing"))
        .map(|r| r + 1)
        .expect("first relation row");
    kgx.type_keys(&"j".repeat(usize::from(hosted_row - selected_row)));
    kgx.type_keys("\r");
    kgx.wait_for("the jump to al-Shibani", |s| {
        s.row(1).contains("Sergey Lavrov › Asaad al-Shibani")
    });
    assert!(kgx.row(2).contains("Asaad al-Shibani"), "{}", kgx.screen());

    kgx.type_keys("\x7f");
    kgx.wait_for("back at Lavrov", |s| {
        s.row(2).contains("P Sergey Lavrov") && s.row(1).contains("(+1 forward)")
    });
    assert!(!kgx.row(1).contains("Asaad al-Shibani"), "{}", kgx.row(1));

    kgx.type_keys("q");
    assert_eq!(kgx.wait_exit(), 0, "kgx exits with status 0");
    kgx.wait_for("the normal screen", |s| !s.alternate_screen());
    let raw = kgx.raw();
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("\x1b[?1049h") && text.contains("\x1b[?1049l"),
        "entered and left the alternate screen"
    );
    assert!(text.contains("\x1b[?1000l"), "mouse capture turned off");
}

/// Under NO_COLOR nothing on screen is coloured, yet the layout is whole.
#[test]
fn no_color_draws_without_colours() {
    let mut kgx = start(80, 24, &[("NO_COLOR", "1")]);
    kgx.wait_for("the explorer", |s| {
        s.screen().contains("Evidence") && s.screen().contains("Russia")
    });
    {
        let parser = kgx.parser();
        let screen = parser.screen();
        for row in 0..24 {
            for col in 0..80 {
                let cell = screen.cell(row, col).expect("cell");
                assert_eq!(
                    cell.fgcolor(),
                    vt100::Color::Default,
                    "coloured text at {row},{col}"
                );
                assert_eq!(
                    cell.bgcolor(),
                    vt100::Color::Default,
                    "coloured background at {row},{col}"
                );
            }
        }
    }
    kgx.type_keys("q");
    assert_eq!(kgx.wait_exit(), 0);
}

/// A terminal too small to be useful says so, and q still quits.
#[test]
fn a_tiny_terminal_asks_to_be_enlarged() {
    let mut kgx = start(30, 8, &[]);
    kgx.wait_for("the enlarge message", |s| s.screen().contains("Enlarge"));
    kgx.type_keys("q");
    assert_eq!(kgx.wait_exit(), 0);
}

/// A click selects an actor; M hands the mouse back to the terminal.
#[test]
fn mouse_clicks_select_and_m_releases_the_mouse() {
    let mut kgx = start(100, 30, &[]);
    kgx.wait_for("the explorer", |s| s.screen().contains("Evidence"));
    let syria_row = (0..30)
        .find(|&r| kgx.row(r).contains(" S Syria "))
        .expect("Syria is listed");
    // SGR mouse report: left button pressed at column 6 of that row (1-based).
    kgx.type_keys(&format!(
        "\x1b[<0;6;{}M\x1b[<0;6;{}m",
        syria_row + 1,
        syria_row + 1
    ));
    kgx.wait_for("Syria in focus", |s| s.row(2).contains("S Syria"));
    let before = kgx.raw().len();
    kgx.type_keys("M");
    kgx.wait_for("mouse capture off", |s| {
        String::from_utf8_lossy(&s.raw()[before..]).contains("\x1b[?1000l")
    });
    kgx.type_keys("q");
    assert_eq!(kgx.wait_exit(), 0);
}

/// Resizing redraws at once, to the new size, through a too-small stage
/// and back, without an error.
#[test]
fn resizing_redraws_for_the_new_size() {
    let mut kgx = start(80, 24, &[]);
    kgx.wait_for("the explorer", |s| s.screen().contains("Evidence"));
    kgx.resize(200, 50);
    kgx.wait_for("the wide layout", |s| {
        s.row(49).contains("? help") && s.row(1).contains("Russia–Syria talks")
    });
    kgx.resize(30, 8);
    kgx.wait_for("the enlarge message", |s| s.screen().contains("Enlarge"));
    kgx.resize(100, 30);
    kgx.wait_for("the normal layout", |s| {
        s.row(29).contains("? help") && s.screen().contains("Evidence")
    });
    kgx.type_keys("q");
    assert_eq!(kgx.wait_exit(), 0);
}

/// Closing the terminal window (SIGHUP) or being told to stop (SIGTERM)
/// ends kgx and restores the terminal, instead of leaving it running.
#[test]
fn hangup_and_terminate_end_kgx_cleanly() {
    for signal in ["-HUP", "-TERM"] {
        let mut kgx = start(80, 24, &[]);
        kgx.wait_for("the explorer", |s| s.screen().contains("Actors"));
        let pid = kgx.pid().to_string();
        let sent = std::process::Command::new("kill")
            .args([signal, &pid])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        assert!(
            kgx.wait_exit() != 0,
            "kgx exits with 128 + the signal after {signal} (tests/signals.rs checks the numbers)"
        );
        kgx.wait_for("the normal screen", |s| !s.alternate_screen());
    }
}

/// Every view in turn, by number key and by command line, as the real
/// binary draws them; the statistics arrive from their worker thread.
#[test]
fn number_keys_and_commands_switch_through_every_view() {
    let mut kgx = start(100, 30, &[]);
    kgx.wait_for("the explorer", |s| s.screen().contains("Evidence"));
    kgx.type_keys("2");
    kgx.wait_for("the neighbourhood", |s| {
        s.screen().contains("Neighbourhood of Russia") && s.screen().contains("⠒⠒ claimed")
    });
    kgx.type_keys("+");
    kgx.wait_for("depth 2", |s| s.screen().contains("· depth 2"));
    kgx.type_keys("m3");
    kgx.wait_for("the path view", |s| {
        s.screen().contains("Paths from Russia") && s.screen().contains("press p")
    });
    kgx.type_keys(":path lavrov israel\r");
    kgx.wait_for("the paths", |s| {
        s.screen().contains("Paths from Sergey Lavrov to Israel")
            && s.screen().contains("Path 1 of")
    });
    kgx.type_keys("4");
    kgx.wait_for("the timeline", |s| {
        s.screen().contains("Timeline") && s.screen().contains("Syrian civil war")
    });
    kgx.type_keys("<");
    kgx.wait_for("the as-of cursor", |s| {
        s.row(0).contains("as of 2025-07-31")
    });
    kgx.type_keys("5");
    kgx.wait_for("the statistics", |s| {
        let screen = s.screen();
        screen.contains("Statistics")
            && screen.contains("pagerank")
            && !screen.contains("computing")
    });
    kgx.type_keys(":view explore\r");
    kgx.wait_for("the lists again", |s| s.screen().contains("Evidence"));
    kgx.type_keys("q");
    assert_eq!(kgx.wait_exit(), 0);
}

const RELOAD_V1: &str = r#"Graph(
    title: "Reload test",
    actors: [
        Actor(id: "alpha", name: "Alpha", kind: State),
        Actor(id: "beta", name: "Beta", kind: Person),
    ],
    relations: [
        Relation(from: "alpha", to: "beta", kind: "hosted"),
    ],
)"#;

const RELOAD_V2: &str = r#"Graph(
    title: "Reload test",
    actors: [
        Actor(id: "delta", name: "Delta", kind: Media),
        Actor(id: "alpha", name: "Alpha", kind: State),
        Actor(id: "beta", name: "Beta", kind: Person),
    ],
    relations: [
        Relation(from: "delta", to: "beta", kind: "interviewed"),
        Relation(from: "alpha", to: "beta", kind: "hosted"),
    ],
)"#;

const RELOAD_BROKEN: &str = r#"Graph(
    title: "Reload test",
    actors: [
        Actor(id: "alpha", name: "Alpha", kind: State),
    ],
    relations: [
        Relation(from: "alpha", to: "omega", kind: "hosted"),
    ],
)"#;

/// The open file rewritten under the running explorer: valid, broken,
/// valid again. Each version shows up by itself; the broken one leaves the
/// last good graph on screen with its problems over it; the focus stays.
#[test]
fn the_open_file_reloads_when_it_changes() {
    let scratch = Scratch::new("reload");
    let file = scratch.path("graph.ron");
    std::fs::write(&file, RELOAD_V1).expect("write v1");
    let mut kgx = start_with(100, 30, &[], &[&file]);
    kgx.wait_for("the graph", |s| s.screen().contains("Reload test"));
    kgx.type_keys("/beta\r\r");
    kgx.wait_for("Beta in focus", |s| s.row(2).contains("P Beta"));

    // Saved the way editors save: a new file renamed over the old one.
    let written = scratch.path("graph.ron.new");
    std::fs::write(&written, RELOAD_V2).expect("write v2");
    std::fs::rename(&written, &file).expect("rename");
    kgx.wait_for("the new version", |s| {
        s.screen().contains("reloaded: 3 actors, 2 relations") && s.screen().contains("Delta")
    });
    assert!(kgx.row(2).contains("P Beta"), "{}", kgx.screen());

    std::fs::write(&file, RELOAD_BROKEN).expect("write broken");
    kgx.wait_for("the problems", |s| {
        s.screen().contains("omega") && s.screen().contains("last good version")
    });
    kgx.type_keys("\x1b");
    kgx.wait_for("the last good graph", |s| {
        !s.screen().contains("omega") && s.screen().contains("Delta")
    });
    assert!(kgx.row(2).contains("P Beta"), "{}", kgx.screen());

    std::fs::write(&file, RELOAD_V1).expect("write v1 again");
    kgx.wait_for("the fixed version", |s| {
        s.screen().contains("reloaded: 2 actors, 1 relation") && !s.screen().contains("Delta")
    });
    assert!(kgx.row(2).contains("P Beta"), "{}", kgx.screen());
    kgx.type_keys("q");
    assert_eq!(kgx.wait_exit(), 0);
}

/// Keys and the theme from a config file: the hints show the new key, the
/// old one no longer quits, the new one does.
#[test]
fn a_config_file_rebinds_keys() {
    let scratch = Scratch::new("config");
    let config = scratch.path("config.ron");
    std::fs::write(
        &config,
        r#"(theme: "light", keys: {"quit": ["x"], "path-avoid": []})"#,
    )
    .expect("write config");
    let mut kgx = start_with(100, 30, &[], &["--config", &config]);
    kgx.wait_for("the new key in the hints", |s| s.row(29).contains("x quit"));
    kgx.type_keys("q");
    kgx.type_keys("?");
    kgx.wait_for("help without a key for going around", |s| {
        s.screen().contains("d  (none)  a")
    });
    kgx.type_keys("\x1b");
    kgx.wait_for("help closed", |s| !s.screen().contains("(none)"));
    kgx.type_keys("x");
    assert_eq!(kgx.wait_exit(), 0, "x quits");
}

/// A broken config is reported on the normal screen before the explorer
/// starts, and kgx exits with status 1.
#[test]
fn a_broken_config_is_reported_before_the_explorer_starts() {
    let scratch = Scratch::new("bad-config");
    let config = scratch.path("config.ron");
    std::fs::write(&config, "(keys: {\"qiut\": [\"x\"]})\n").expect("write config");
    let mut kgx = start_with(100, 30, &[], &["--config", &config]);
    assert_ne!(kgx.wait_exit(), 0, "kgx fails");
    // The process may end before its last output is read from the pty.
    kgx.wait_for("the problem on the normal screen", |s| {
        s.screen().contains("unknown action \"qiut\"")
            && s.screen().contains("did you mean \"quit\"?")
    });
    let raw = kgx.raw();
    let text = String::from_utf8_lossy(&raw);
    assert!(!text.contains("\x1b[?1049h"), "the terminal was left alone");
}

/// `kgx explore - < FILE`: standard input is the data, and the keys still
/// come from the terminal, which kgx opens for itself.
#[test]
fn the_graph_on_standard_input_and_the_keys_from_the_terminal() {
    let scratch = Scratch::new("stdin");
    let file = scratch.file("graph.ron", RELOAD_V1);
    let mut session = Session::start_with_input_file(&["explore", "-"], &file);
    session.wait_for("the graph read from standard input", |s| {
        s.screen().contains("Reload test")
    });
    session.type_keys("/beta\r\r");
    session.wait_for("Beta in focus, by keys typed", |s| {
        s.row(2).contains("P Beta")
    });
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_restored();
}
