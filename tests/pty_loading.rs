//! Opening a large file in a real pseudo-terminal: the progress screen
//! shows at once, the explorer follows, Esc cancels cleanly, and a broken
//! file's problems print on the normal screen.

mod common;

use std::path::PathBuf;

use common::scratch::Scratch;
use common::terminal::Session;

/// A generated graph written by `kgx gen` in `scratch`.
fn generated(scratch: &Scratch, relations: usize) -> PathBuf {
    let file = scratch.0.join("large.ron");
    common::binary::generate(&file, relations);
    file
}

#[test]
fn a_large_file_shows_its_progress_then_the_explorer() {
    let scratch = Scratch::new("open");
    let file = generated(&scratch, 150_000);
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
}

#[test]
fn esc_cancels_a_load_and_restores_the_terminal() {
    let scratch = Scratch::new("cancel");
    let file = generated(&scratch, 200_000);
    let mut kgx = Session::start(&[file.to_str().expect("UTF-8 path")]);
    kgx.wait_for("the progress screen", |s| {
        s.screen().contains("Opening") && s.screen().contains("Esc, q or Ctrl-c cancels")
    });
    kgx.type_keys("\x1b");
    assert_eq!(kgx.wait_exit(), 0, "a cancelled load is a clean exit");
    kgx.assert_restored();
}

#[test]
fn a_large_broken_file_prints_its_problems_on_the_normal_screen() {
    let scratch = Scratch::new("broken");
    let file = generated(&scratch, 150_000);
    let text = std::fs::read_to_string(&file).expect("generated file");
    let broken = text.replacen("to: \"", "to: \"nobody-", 1);
    std::fs::write(&file, broken).expect("broken file");
    let mut kgx = Session::start(&[file.to_str().expect("UTF-8 path")]);
    assert_eq!(kgx.wait_exit(), 1);
    kgx.assert_restored();
    kgx.wait_for("the problem", |s| s.screen().contains("no actor \"nobody-"));
}
