//! The person's editor on the data file (`e`): `$VISUAL`, else `$EDITOR`,
//! else `vi`, given `+LINE` before the file, which vi, Vim, Neovim, nano,
//! Emacs, micro and Kakoune all read as the line to open at.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

/// The editor command the environment names: its program and arguments
/// (`code --wait` is two words).
fn command_words(visual: Option<OsString>, editor: Option<OsString>) -> Vec<String> {
    let chosen = [visual, editor]
        .into_iter()
        .flatten()
        .map(|value| value.to_string_lossy().into_owned())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned());
    chosen.split_whitespace().map(str::to_owned).collect()
}

/// The command that opens `file` at `line`.
fn command(words: &[String], file: &Path, line: Option<usize>) -> Option<Command> {
    let (program, args) = words.split_first()?;
    let mut command = Command::new(program);
    command.args(args);
    if let Some(line) = line {
        command.arg(format!("+{line}"));
    }
    command.arg(file);
    Some(command)
}

/// Runs the editor on `file` at `line` and waits for it; the terminal is
/// the editor's meanwhile. `Err` says what went wrong, for the status line.
pub fn edit(file: &Path, line: Option<usize>) -> Result<(), String> {
    let words = command_words(std::env::var_os("VISUAL"), std::env::var_os("EDITOR"));
    let program = words.first().cloned().unwrap_or_default();
    let mut command = command(&words, file, line).ok_or("no editor: set $VISUAL or $EDITOR")?;
    let status = command
        .status()
        .map_err(|err| format!("could not run {program}: {err} (set $VISUAL or $EDITOR)"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{program} ended with {status}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visual_wins_then_editor_then_vi() {
        let words = |visual: Option<&str>, editor: Option<&str>| {
            command_words(visual.map(Into::into), editor.map(Into::into))
        };
        assert_eq!(words(Some("code --wait"), Some("nano")), ["code", "--wait"]);
        assert_eq!(words(Some(" "), Some("nano")), ["nano"]);
        assert_eq!(words(None, None), ["vi"]);
    }

    #[test]
    fn the_line_goes_before_the_file() {
        let words = vec!["vim".to_owned()];
        let command = command(&words, Path::new("data.ron"), Some(42)).expect("a command");
        let args: Vec<_> = command.get_args().collect();
        assert_eq!(args, ["+42", "data.ron"]);
        assert_eq!(command.get_program(), "vim");
    }
}
