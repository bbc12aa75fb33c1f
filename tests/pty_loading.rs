//! Opening a large file in a real pseudo-terminal: the progress screen
//! shows at once, the explorer follows, Esc cancels cleanly, and a broken
//! file's problems print on the normal screen.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Longest wait for the screen to show something; a generous bound so a
/// loaded machine cannot fail the test, not a speed requirement.
const PATIENCE: Duration = Duration::from_secs(60);
const COLS: u16 = 100;
const ROWS: u16 = 30;

/// kgx running on a file in a pseudo-terminal, killed if a test fails.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
}

impl Session {
    fn open(file: &str) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_kgx"));
        command.arg(file);
        command.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(command).expect("kgx starts");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(ROWS).expect("rows"),
            NonZeroU16::new(COLS).expect("cols"),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let (screen, bytes) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(read @ 1..) = reader.read(&mut buffer) {
                screen.lock().expect("parser").process(&buffer[..read]);
                bytes
                    .lock()
                    .expect("raw")
                    .extend_from_slice(&buffer[..read]);
            }
        });
        let writer = pair.master.take_writer().expect("writer");
        Session {
            child,
            _master: pair.master,
            writer,
            parser,
            raw,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    fn raw(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().expect("raw")).into_owned()
    }

    fn wait_for(&self, what: &str, test: impl Fn(&Session) -> bool) {
        let start = Instant::now();
        while !test(self) {
            assert!(
                start.elapsed() < PATIENCE,
                "waited for {what}; the screen shows:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn type_keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("typing");
        self.writer.flush().expect("flush");
    }

    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("status") {
                return status.exit_code();
            }
            assert!(
                start.elapsed() < PATIENCE,
                "kgx did not exit; the screen shows:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The alternate screen was entered and left, and the emulator is back
    /// on the normal screen.
    fn assert_restored(&self) {
        self.wait_for("the normal screen", |s| {
            !s.parser.lock().expect("parser").screen().alternate_screen()
        });
        let raw = self.raw();
        assert!(raw.contains("\x1b[?1049h") && raw.contains("\x1b[?1049l"));
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

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
    let mut kgx = Session::open(file.to_str().expect("UTF-8 path"));
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
    let mut kgx = Session::open(file.to_str().expect("UTF-8 path"));
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
    let mut kgx = Session::open(file.to_str().expect("UTF-8 path"));
    assert_eq!(kgx.wait_exit(), 1);
    kgx.assert_restored();
    kgx.wait_for("the problem", |s| s.screen().contains("no actor \"nobody-"));
    let _ = std::fs::remove_dir_all(file.parent().expect("folder"));
}
