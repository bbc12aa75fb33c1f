//! kgx run as a command to the end, for every test of its output: the
//! arguments, what standard input holds, and one environment for all, so a
//! test's result never depends on the shell it was started from.

use std::ffi::OsStr;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use super::environment;

/// Runs `kgx ARGS…` with nothing on standard input.
pub fn kgx<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Kgx::new(args).run()
}

/// Runs `kgx ARGS…` with `input` on standard input.
pub fn kgx_with_input<S: AsRef<OsStr>>(args: &[S], input: impl Into<Vec<u8>>) -> Output {
    Kgx::new(args).input(input).run()
}

/// Standard output, which must be UTF-8.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 on standard output")
}

/// Standard error, which must be UTF-8.
pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 on standard error")
}

/// Text with a diagnostic's wrapped lines (continued by `  │ `) joined
/// again, so a test can look for a sentence wherever the width broke it.
pub fn unwrapped(text: &str) -> String {
    text.replace("\n  │ ", " ")
}

/// One run of kgx being set up: [`Kgx::run`] starts it and waits for it.
pub struct Kgx {
    command: Command,
    input: Option<Vec<u8>>,
}

impl Kgx {
    /// `kgx ARGS…` in the tests' [environment].
    pub fn new<S: AsRef<OsStr>>(args: &[S]) -> Kgx {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kgx"));
        for name in environment::UNSET {
            command.env_remove(name);
        }
        command
            .args(args)
            .env("XDG_CONFIG_HOME", environment::CONFIG_HOME)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        Kgx {
            command,
            input: None,
        }
    }

    /// Sets an environment variable for this run.
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Kgx {
        self.command.env(key, value);
        self
    }

    /// Gives kgx `input` on standard input, then its end.
    pub fn input(mut self, input: impl Into<Vec<u8>>) -> Kgx {
        self.input = Some(input.into());
        self
    }

    /// Standard input from somewhere else than a pipe (a device, a file).
    pub fn stdin(mut self, stdin: impl Into<Stdio>) -> Kgx {
        self.command.stdin(stdin);
        self.input = None;
        self
    }

    /// Standard output to somewhere else than the pipe the test reads.
    pub fn stdout(mut self, stdout: impl Into<Stdio>) -> Kgx {
        self.command.stdout(stdout);
        self
    }

    /// Runs kgx to its end and returns its exit status and output.
    pub fn run(mut self) -> Output {
        let Some(input) = self.input else {
            return self.command.output().expect("kgx runs");
        };
        let mut child = self
            .command
            .stdin(Stdio::piped())
            .spawn()
            .expect("kgx starts");
        let mut stdin = child.stdin.take().expect("standard input");
        // Written beside the wait, so a large input cannot block on output
        // no one reads yet; kgx may stop reading early (a size limit).
        let writer = std::thread::spawn(move || match stdin.write_all(&input) {
            Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
                panic!("writing kgx's input: {error}")
            }
            _ => {}
        });
        let output = child.wait_with_output().expect("kgx finishes");
        writer.join().expect("the input is written");
        output
    }
}

/// Writes a graph of `relations` relations among a tenth as many actors
/// to `file` with `kgx gen`, for tests that need a large file.
pub fn generate(file: &Path, relations: usize) {
    let output = kgx(&[
        "gen",
        "--relations",
        &relations.to_string(),
        "--actors",
        &(relations / 10).to_string(),
        "--output",
        file.to_str().expect("UTF-8 path"),
    ]);
    assert!(output.status.success(), "kgx gen: {}", stderr(&output));
}
