//! The `kgx` binary: parse arguments, run, turn the outcome into an exit
//! status. All the work is in the library.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use kgx::cli::{self, Cli, Outcome, Output};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let color = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut output = Output {
        out: &mut stdout.lock(),
        err: &mut stderr.lock(),
        color,
    };
    match cli::run(cli, &mut output) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failure) => ExitCode::from(1),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(1)
        }
    }
}
