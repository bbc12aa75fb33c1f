//! `kgx config`: the explorer's config file seen from the command line.

use std::io::{self, Write};
use std::path::Path;

use super::{Outcome, Output};
use crate::config;

/// `kgx config`: prints the default config (`--default`), where kgx looks
/// for it (`--path`), or checks the config file as the explorer would read
/// it, with the same diagnostics.
pub fn run(
    default: bool,
    path: bool,
    given: Option<&Path>,
    output: &mut Output<'_>,
) -> io::Result<Outcome> {
    if default {
        output
            .out
            .raw()
            .write_all(config::default_text().as_bytes())?;
        return Ok(Outcome::Success);
    }
    let Some(location) = given.map(Path::to_owned).or_else(config::default_path) else {
        writeln!(
            output.err,
            "error: no home directory to look for a config in; give one with --config PATH"
        )?;
        return Ok(Outcome::Failure);
    };
    if path {
        writeln!(output.out, "{}", location.display())?;
        return Ok(Outcome::Success);
    }
    if given.is_none() && !config::is_there(&location) {
        writeln!(
            output.out,
            "{}: no config file, so kgx uses the defaults (`kgx config --default > FILE` writes them out)",
            location.display()
        )?;
        return Ok(Outcome::Success);
    }
    match config::load(Some(&location)) {
        Ok(_) => {
            writeln!(output.out, "{}: valid", location.display())?;
            Ok(Outcome::Success)
        }
        Err(error) => {
            let report = error.render_width(output.color, output.width);
            output.err.raw().write_all(report.as_bytes())?;
            Ok(Outcome::Failure)
        }
    }
}
