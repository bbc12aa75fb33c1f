//! Opening a large file in a real pseudo-terminal: the progress screen
//! shows at once, the explorer follows, Esc cancels cleanly, and a broken
//! file's problems print on the normal screen.

use std::path::PathBuf;

#[path = "common/terminal.rs"]
mod common;
use common::Session;

/// A generated graph written by `kgx gen`, in a scratch folder of its own.
fn generated(test: &str, relations: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kgx-loading-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let file = dir.join("large.ron");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(["gen", "--relations", &relations.to_string()])
        .args(["--actors", &(relations / 10).to_string(), "--output"])
        .arg(&file)
        .status()
        .expect("kgx gen runs");
    assert!(status.success());
    file
}

#[test]
fn a_large_file_shows_its_progress_then_the_explorer() {
    let file = generated("open", 150_000);
    let mut kgx = Session::start(&[file.to_str().expect("UTF-8 path")]);
    kgx.wait_for("the progress screen or the explorer", |s| {
        s.screen().contains("Opening") || s.screen().contains("Actors by relations")
    });
    kgx.wait_for("the explorer", |s| {
        s.screen().contains("Actors by relations") && s.screen().contains("15000/15000")
    });
    kgx.type_keys("q");
    assert_eq!(kgx.wait_exit(), 0);
    kgx.assert_restored();
    let _ = std::fs::remove_dir_all(file.parent().expect("folder"));
}

#[test]
fn esc_cancels_a_load_and_restores_the_terminal() {
    let file = generated("cancel", 200_000);
    let mut kgx = Session::start(&[file.to_str().expect("UTF-8 path")]);
    kgx.wait_for("the progress screen", |s| {
        s.screen().contains("Opening") && s.screen().contains("Esc, q or Ctrl-c cancels")
    });
    kgx.type_keys("\x1b");
    assert_eq!(kgx.wait_exit(), 0, "a cancelled load is a clean exit");
    kgx.assert_restored();
    let _ = std::fs::remove_dir_all(file.parent().expect("folder"));
}

#[test]
fn a_large_broken_file_prints_its_problems_on_the_normal_screen() {
    let file = generated("broken", 150_000);
    let text = std::fs::read_to_string(&file).expect("generated file");
    let broken = text.replacen("to: \"", "to: \"nobody-", 1);
    std::fs::write(&file, broken).expect("broken file");
    let mut kgx = Session::start(&[file.to_str().expect("UTF-8 path")]);
    assert_eq!(kgx.wait_exit(), 1);
    kgx.assert_restored();
    kgx.wait_for("the problem", |s| s.screen().contains("no actor \"nobody-"));
    let _ = std::fs::remove_dir_all(file.parent().expect("folder"));
}
