//! kgx in a pseudo-terminal, for every end-to-end test: keys typed as a
//! person types them, the screen read back through a terminal emulator,
//! every byte kgx writes kept, its process id for signals, and resizing.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use super::environment;

/// Longest wait for kgx to show or do something; a generous bound so a
/// loaded machine cannot fail a test, not a speed requirement.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// kgx running in a pseudo-terminal, killed if a test fails half-way.
pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
}

impl Session {
    /// Starts `kgx ARGS…` on a terminal of 100×30 cells.
    pub fn start(args: &[&str]) -> Session {
        Session::start_with_env(args, &[])
    }

    /// Starts `kgx ARGS…` with these environment variables set.
    pub fn start_with_env(args: &[&str], env: &[(&str, &str)]) -> Session {
        Session::start_program(env!("CARGO_BIN_EXE_kgx"), args, env)
    }

    /// Starts `PROGRAM ARGS…` (a shell, to redirect kgx's input) with
    /// these environment variables set.
    pub fn start_program(program: &str, args: &[&str], env: &[(&str, &str)]) -> Session {
        Session::start_sized((100, 30), program, args, env)
    }

    /// Starts `kgx ARGS…` with standard input read from `file` (through a
    /// shell), so that the keys can come only from the terminal.
    pub fn start_with_input_file(args: &[&str], file: &std::path::Path) -> Session {
        let quoted: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_kgx"))
            .chain(args.iter().copied())
            .map(|word| format!("'{word}'"))
            .collect();
        let script = format!("exec {} < '{}'", quoted.join(" "), file.display());
        Session::start_program("/bin/sh", &["-c", &script], &[])
    }

    /// Starts `kgx ARGS…` on a terminal of `cols`×`rows` cells.
    pub fn start_kgx_sized(cols: u16, rows: u16, args: &[&str], env: &[(&str, &str)]) -> Session {
        Session::start_sized((cols, rows), env!("CARGO_BIN_EXE_kgx"), args, env)
    }

    /// Starts `PROGRAM ARGS…` on a terminal of `cols`×`rows` cells.
    pub fn start_sized(
        (cols, rows): (u16, u16),
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(program);
        command.env("TERM", "xterm-256color");
        for name in environment::UNSET {
            command.env_remove(name);
        }
        command.env("XDG_CONFIG_HOME", environment::CONFIG_HOME);
        command.args(args);
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pair.slave.spawn_command(command).expect("kgx starts");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).expect("rows"),
            NonZeroU16::new(cols).expect("cols"),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("writer")));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let (screen, bytes, answer) = (Arc::clone(&parser), Arc::clone(&raw), Arc::clone(&writer));
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(read @ 1..) = reader.read(&mut buffer) {
                let output = &buffer[..read];
                let mut parser = screen.lock().expect("parser");
                parser.process(output);
                // Answer cursor-position queries as a real terminal does.
                if output.windows(4).any(|w| w == b"\x1b[6n") {
                    let (row, col) = parser.screen().cursor_position();
                    let reply = format!("\x1b[{};{}R", row + 1, col + 1);
                    let _ = answer.lock().expect("writer").write_all(reply.as_bytes());
                }
                bytes.lock().expect("raw").extend_from_slice(output);
            }
        });
        Session {
            child,
            master: pair.master,
            writer,
            parser,
            raw,
        }
    }

    /// What the terminal shows now.
    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// The terminal emulator, to look at cells and their colours.
    pub fn parser(&self) -> std::sync::MutexGuard<'_, vt100::Parser> {
        self.parser.lock().expect("parser")
    }

    /// One row of the screen, from 0.
    pub fn row(&self, row: u16) -> String {
        let parser = self.parser.lock().expect("parser");
        let (_, cols) = parser.screen().size();
        parser.screen().contents_between(row, 0, row, cols.get())
    }

    /// Resizes the terminal, as dragging a window's corner does.
    pub fn resize(&self, cols: u16, rows: u16) {
        self.parser.lock().expect("parser").screen_mut().set_size(
            NonZeroU16::new(rows).expect("rows"),
            NonZeroU16::new(cols).expect("cols"),
        );
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        self.master.resize(size).expect("resize");
    }

    /// The alternate screen was entered and left, and the emulator is back
    /// on the normal screen.
    pub fn assert_restored(&self) {
        self.wait_for("the normal screen", |s| !s.alternate_screen());
        let raw = String::from_utf8_lossy(&self.raw()).into_owned();
        assert!(raw.contains("\x1b[?1049h") && raw.contains("\x1b[?1049l"));
    }

    /// Whether the terminal shows the alternate screen.
    pub fn alternate_screen(&self) -> bool {
        self.parser
            .lock()
            .expect("parser")
            .screen()
            .alternate_screen()
    }

    /// Every byte kgx wrote to the terminal so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().expect("raw").clone()
    }

    /// Waits until `test` holds, or fails showing the screen.
    pub fn wait_for(&self, what: &str, test: impl Fn(&Session) -> bool) {
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

    /// Types `keys` as a person would.
    pub fn type_keys(&mut self, keys: &str) {
        let mut writer = self.writer.lock().expect("writer");
        writer.write_all(keys.as_bytes()).expect("typing");
        writer.flush().expect("flush");
    }

    /// The process id, to send signals to.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a process id")
    }

    /// Waits for kgx to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
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

    /// Whether kgx is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.running() {
            let _ = self.child.kill();
        }
    }
}

/// Sends `signal` (by its number) to the process `pid`.
pub fn signal(pid: u32, signal: i32) {
    let status = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -{signal} {pid}");
}
