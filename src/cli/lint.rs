//! `kgx lint`: reads a data file, runs the checks of [`crate::lint`] and
//! prints their findings; exit status 0 when clean, 1 when anything was
//! found or the file does not load.

use std::io::{self, Write};
use std::sync::Arc;

use clap::Args;
use clap::builder::PossibleValuesParser;

use super::{FileArg, Outcome, Output};
use crate::formats::{self, Format};
use crate::lint::report::Outlined;
use crate::lint::{self, CHECKS};
use crate::load::diagnostic::SharedText;
use crate::load::{self, Input};
use crate::safe_text::SafeWriter;

/// The options of `kgx lint`.
#[derive(Debug, Args)]
pub struct LintArgs {
    #[command(flatten)]
    file: FileArg,
    /// Print the findings as JSON
    #[arg(long)]
    json: bool,
    /// Do not run this check (repeatable); `--list` names them
    #[arg(long, value_name = "NAME", value_parser = PossibleValuesParser::new(CHECKS.map(|c| c.name)), hide_possible_values = true)]
    allow: Vec<String>,
    /// Also run the pedantic checks, which give hints rather than faults
    #[arg(long)]
    pedantic: bool,
    /// Show every finding in full, not the first 100 of each check
    #[arg(long)]
    all: bool,
    /// List the checks with what each finds, and exit
    #[arg(long)]
    list: bool,
}

/// Runs `kgx lint`.
pub fn run(args: LintArgs, output: &mut Output<'_>) -> io::Result<Outcome> {
    if args.list {
        for check in CHECKS {
            let pedantic = if check.pedantic {
                " (with --pedantic)"
            } else {
                ""
            };
            writeln!(
                output.out,
                "{:<20} {}{pedantic}",
                check.name, check.description
            )?;
        }
        return Ok(Outcome::Success);
    }
    let request = args.file.input();
    let name = request.input.name();
    let is_ron = matches!(request.input, Input::Embedded) || request.format() == Format::Ron;
    // RON is read as `kgx validate` reads it, straight into the compact
    // graph, and its text is kept to place the findings in.
    let loaded = if is_ron {
        load::read_text(&request.input).and_then(|mut text| {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            let graph = load::parse_graph_keeping(&name, &mut text)?;
            // Shared as it was read: a copy of a 300 MB file would double
            // the lint's peak.
            let text: SharedText = Arc::new(text);
            Ok((graph, load::Warnings::default(), Some(text)))
        })
    } else {
        formats::read_graph(request.clone()).map(|(graph, warnings)| (graph, warnings, None))
    };
    let (graph, warnings, text) = match loaded {
        Ok(loaded) => loaded,
        Err(error) => {
            output
                .err
                .raw()
                .write_all(error.render_width(output.color, output.width).as_bytes())?;
            return Ok(Outcome::Failure);
        }
    };
    if super::report_warnings(&warnings, output)? == Outcome::Failure {
        return Ok(Outcome::Failure);
    }
    let base = match &request.input {
        Input::Path(path) => Some(
            path.parent()
                .filter(|parent| !parent.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."))
                .to_owned(),
        ),
        _ => None,
    };
    let texts = lint::source_texts(&graph, base.as_deref());
    let options = lint::Options {
        pedantic: args.pedantic,
        allow: args.allow,
    };
    let (findings, text) = std::thread::scope(|scope| {
        // The records are found in the text while the checks run.
        let outlined = scope.spawn(move || text.and_then(Outlined::new));
        let findings = lint::lint(&graph, &texts, &options);
        let text = outlined
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (findings, text)
    });
    let report = lint::report::place(&name, text, Arc::new(graph), findings);
    if args.json {
        report.write_json(&mut SafeWriter::json(output.out.raw()))?;
    } else {
        // Rendered like the loader's diagnostics, already safe and maybe
        // coloured.
        output.out.raw().write_all(
            report
                .render(output.color, output.width, args.all)
                .as_bytes(),
        )?;
    }
    Ok(if report.is_clean() {
        Outcome::Success
    } else {
        Outcome::Failure
    })
}
