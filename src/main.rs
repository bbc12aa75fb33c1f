//! The `kgx` binary: parse arguments, then either open the explorer on a
//! terminal or run a headless command. All the work is in the library.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use kgx::cli::{self, Cli, Outcome, Output};
use kgx::safe_text::{SafeWriter, safe};
use kgx::tui::{self, Opened, loading::Loading};

/// How long a load may take before the terminal shows its progress: the
/// seed and small files are done well within it.
const QUIET_LOAD: Duration = Duration::from_millis(150);

fn main() -> ExitCode {
    kgx::allocator::return_large_blocks_when_freed();
    let cli = Cli::parse_args();
    cli.apply_limits();
    let deny_warnings = cli.deny_warnings();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let stderr = std::io::stderr();
    let color = stderr.is_terminal() && !no_color;
    let width = match stderr.is_terminal() {
        true => {
            ratatui::crossterm::terminal::size().map_or(100, |(columns, _)| usize::from(columns))
        }
        false => 100,
    };
    if let Some(request) = cli.explore()
        && std::io::stdout().is_terminal()
        && keys_from_terminal(&request.input.input)
    {
        // The config is read before the terminal is touched, so its
        // problems print on the normal screen.
        let config = match kgx::config::load(request.config.as_deref()) {
            Ok(config) => config,
            Err(error) => {
                let _ = stderr
                    .lock()
                    .write_all(error.render_width(color, width).as_bytes());
                return ExitCode::from(1);
            }
        };
        if let Some((url, actor)) = &request.sparql {
            let access = kgx::remote::Access {
                user_agent: config
                    .sparql
                    .user_agent
                    .clone()
                    .unwrap_or_else(kgx::remote::default_user_agent),
                headers: config.sparql.headers_for(url),
                text_search: config.sparql.text_search,
                ..kgx::remote::Access::default()
            };
            let endpoint = match kgx::remote::Endpoint::new(url, access) {
                Ok(endpoint) => endpoint,
                Err(error) => {
                    eprintln!("error: {}", safe(&error.to_string()));
                    return ExitCode::from(1);
                }
            };
            let start = tui::RemoteStart {
                endpoint: endpoint.reading(request.input.lang.clone(), request.input.profile),
                actor: actor.clone(),
            };
            let options = tui::Options {
                mouse: request.mouse && config.mouse,
                color: !no_color,
                palette: config.palette,
                keymap: config.keymap,
                watch: None,
                inputs: Vec::new(),
                deny_warnings,
            };
            let code = match tui::run_remote(start, options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("error: {}", safe(&err.to_string()));
                    ExitCode::from(1)
                }
            };
            return tui::ended_by_signal()
                .and_then(|signal| u8::try_from(128 + signal).ok())
                .map_or(code, ExitCode::from);
        }
        // Only a file on disk can change under the explorer.
        let watch = match &request.input.input {
            kgx::load::Input::Path(path) if request.watch && config.watch => {
                Some((path.clone(), request.input.clone()))
            }
            _ => None,
        };
        let inputs = request.input.guard(false).inputs;
        let options = tui::Options {
            mouse: request.mouse && config.mouse,
            color: !no_color,
            palette: config.palette,
            keymap: config.keymap,
            watch,
            inputs,
            deny_warnings,
        };
        let print_problems = |error: kgx::load::LoadError| {
            let _ = stderr
                .lock()
                .write_all(error.render_width(color, width).as_bytes());
            ExitCode::from(1)
        };
        let print_error = |err: std::io::Error| {
            eprintln!("error: {}", safe(&err.to_string()));
            ExitCode::from(1)
        };
        // Most files load before the terminal is touched, so problems print
        // on the normal screen and no progress screen flashes by; a large
        // one shows its progress on the explorer's screen instead.
        let loading = Loading::start(request.input);
        let print_warnings = |warnings: &kgx::load::Warnings| {
            let mut stderr = stderr.lock();
            let _ = stderr.write_all(warnings.render(color, width).as_bytes());
            let _ = writeln!(
                stderr,
                "error: --deny-warnings makes the warnings above errors; the explorer was not opened"
            );
            ExitCode::from(1)
        };
        let code = match loading.wait(QUIET_LOAD) {
            Some(Ok((_, warnings))) if deny_warnings && !warnings.is_empty() => {
                print_warnings(&warnings)
            }
            Some(Ok(graph)) => {
                tui::run(graph, options).map_or_else(print_error, |()| ExitCode::SUCCESS)
            }
            Some(Err(error)) => print_problems(error),
            None => match tui::run_loading(loading, options) {
                Ok(Opened::Explored | Opened::Cancelled) => ExitCode::SUCCESS,
                Ok(Opened::Failed(error)) => print_problems(error),
                Ok(Opened::Denied(warnings)) => print_warnings(&warnings),
                Err(err) => print_error(err),
            },
        };
        // Ended by a signal: 128 + its number, as shells expect.
        return tui::ended_by_signal()
            .and_then(|signal| u8::try_from(128 + signal).ok())
            .map_or(code, ExitCode::from);
    }
    let stdout = std::io::stdout();
    let mut out = Named {
        inner: stdout.lock(),
        name: "standard output",
    };
    let mut err = Named {
        inner: stderr.lock(),
        name: "standard error",
    };
    let mut output = Output {
        out: SafeWriter::new(&mut out),
        err: SafeWriter::new(&mut err),
        color,
        width,
        deny_warnings,
    };
    match cli::run(cli, &mut output) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failure) => ExitCode::from(1),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {}", safe(&err.to_string()));
            ExitCode::from(1)
        }
    }
}

/// Whether the explorer can read keys: from standard input when it is a
/// terminal, or, when standard input is the data (`kgx explore -`), from
/// the terminal device itself once the data is read.
fn keys_from_terminal(input: &kgx::load::Input) -> bool {
    std::io::stdin().is_terminal()
        || (matches!(input, kgx::load::Input::Stdin)
            && std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/tty")
                .is_ok())
}

/// Standard output or error, naming itself when a write fails: "No space
/// left on device" alone does not say which file was full.
struct Named<W> {
    inner: W,
    name: &'static str,
}

impl<W: Write> Named<W> {
    fn named(&self, err: std::io::Error) -> std::io::Error {
        std::io::Error::new(err.kind(), format!("cannot write to {}: {err}", self.name))
    }
}

impl<W: Write> Write for Named<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).map_err(|err| self.named(err))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().map_err(|err| self.named(err))
    }
}
