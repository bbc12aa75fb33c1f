//! Signals and job control in a real pseudo-terminal: kgx gives the
//! terminal back whatever ends or stops it, and takes it again on `fg`.

mod common;

use std::time::{Duration, Instant};

use common::terminal::{PATIENCE, Session, signal};

/// The process state letter from /proc: `T` when stopped.
fn state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The state follows the command name, which is in parentheses.
    stat.rsplit(')')
        .next()
        .and_then(|rest| rest.trim_start().chars().next())
        .unwrap_or('?')
}

fn wait_until_stopped(pid: u32) {
    let start = Instant::now();
    while state(pid) != 'T' {
        assert!(start.elapsed() < PATIENCE, "kgx did not stop");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn explorer() -> Session {
    let session = Session::start(&[]);
    session.wait_for("the explorer", |s| s.screen().contains("Actors"));
    session
}

#[test]
fn interrupt_terminate_and_hangup_restore_and_exit_with_128_plus_the_signal() {
    for (number, code) in [(2, 130), (15, 143), (1, 129)] {
        let mut kgx = explorer();
        signal(kgx.pid(), number);
        assert_eq!(kgx.wait_exit(), code, "after signal {number}");
        kgx.wait_for("the normal screen", |s| !s.alternate_screen());
        let raw = String::from_utf8_lossy(&kgx.raw()).into_owned();
        let left = raw
            .rfind("\u{1b}[?1049l")
            .expect("left the alternate screen");
        assert!(
            raw[left..].contains("\u{1b}[?25h") || raw.contains("\u{1b}[?25h"),
            "the cursor is shown again"
        );
        assert!(
            raw.contains("\u{1b}[?1000l") || raw.contains("\u{1b}[?1006l"),
            "the mouse is released"
        );
    }
}

#[test]
fn sigtstp_gives_the_terminal_back_and_sigcont_takes_it_again() {
    let mut kgx = explorer();
    kgx.type_keys("2");
    kgx.wait_for("the graph view", |s| s.screen().contains("2 graph"));
    signal(kgx.pid(), 20);
    wait_until_stopped(kgx.pid());
    kgx.wait_for("the normal screen while stopped", |s| !s.alternate_screen());
    let before = kgx.raw().len();
    signal(kgx.pid(), 18);
    kgx.wait_for("the explorer again", |s| {
        s.alternate_screen() && s.screen().contains("Actors")
    });
    assert!(kgx.raw().len() > before, "redrawn");
    kgx.type_keys("q");
    assert_eq!(kgx.wait_exit(), 0);
    kgx.wait_for("the normal screen", |s| !s.alternate_screen());
}

#[test]
fn ctrl_z_suspends_and_continuing_redraws() {
    let mut kgx = explorer();
    kgx.type_keys("\u{1a}");
    wait_until_stopped(kgx.pid());
    kgx.wait_for("the normal screen while stopped", |s| !s.alternate_screen());
    signal(kgx.pid(), 18);
    kgx.wait_for("the explorer again", |s| {
        s.alternate_screen() && s.screen().contains("Actors")
    });
    kgx.type_keys("5");
    kgx.wait_for("keys work after resuming", |s| {
        s.screen().contains("Statistics")
    });
    kgx.type_keys("q");
    assert_eq!(kgx.wait_exit(), 0);
}

/// Ctrl-Z on the progress screen of a large file: the terminal goes back
/// to the shell, and after SIGCONT kgx shows the progress or the explorer.
#[test]
fn ctrl_z_suspends_the_progress_screen_too() {
    let scratch = common::scratch::Scratch::new("loading");
    let file = scratch.0.join("large.ron");
    common::binary::generate(&file, 200_000);
    let mut kgx = Session::start(&[file.to_str().expect("path")]);
    kgx.wait_for("the progress screen or the explorer", |s| {
        s.screen().contains("Opening") || s.screen().contains("Actors by relations")
    });
    kgx.type_keys("\u{1a}");
    wait_until_stopped(kgx.pid());
    kgx.wait_for("the normal screen while stopped", |s| !s.alternate_screen());
    signal(kgx.pid(), 18);
    kgx.wait_for("the explorer", |s| {
        s.alternate_screen() && s.screen().contains("Actors by relations")
    });
    kgx.type_keys("q");
    assert_eq!(kgx.wait_exit(), 0);
}
