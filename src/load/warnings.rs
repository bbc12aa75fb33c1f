//! The warnings tier: what a reader changed or left out of a file that
//! still reads (an id rewritten to fit kgx's rules, a GraphML `<port>` kgx
//! has no place for), as opposed to the problems that stop it.
//!
//! Readers report a warning where they notice it, several calls below the
//! function a command called, with [`warn`]; [`collect`] gathers those of
//! one load on the current thread, so that no reader's signature has to
//! carry a sink and two loads on two threads (a command, the explorer's
//! reload) never mix. Like problems, the first ones are kept in full and
//! the rest only counted, and every one reaches the person: the commands
//! print them, the explorer shows them in its problems overlay, and
//! `--deny-warnings` turns them into errors.

use std::cell::RefCell;
use std::sync::Arc;

use super::diagnostic::{LineIndex, LoadError, MAX_SHOWN, Problem};
use crate::safe_text::safe;

/// The warnings of one load, for each file it read (a CSV edge list and
/// its actors file are two), the first [`KEPT`] in full and the rest
/// counted.
#[derive(Clone, Debug, Default)]
pub struct Warnings {
    files: Vec<LoadError>,
    kept: usize,
    more: usize,
}

/// How many warnings are kept in full; with the count of the rest they
/// fill the [`MAX_SHOWN`] a report shows.
const KEPT: usize = MAX_SHOWN - 1;

thread_local! {
    /// The warnings of the load running on this thread, if one is collecting.
    static COLLECTING: RefCell<Option<Warnings>> = const { RefCell::new(None) };
}

/// Runs `load` and returns what it returned with the warnings its readers
/// gave on this thread.
pub fn collect<T>(load: impl FnOnce() -> T) -> (T, Warnings) {
    let outer = COLLECTING.with(|cell| cell.replace(Some(Warnings::default())));
    let value = load();
    let warnings = COLLECTING
        .with(|cell| cell.replace(outer))
        .unwrap_or_default();
    (value, warnings)
}

/// Records `problem`, a warning about the text `text` of the file called
/// `name`, with the load collecting on this thread.
pub fn warn(name: &str, text: &str, problem: Problem) {
    COLLECTING.with(|cell| {
        if let Some(warnings) = cell.borrow_mut().as_mut() {
            warnings.push(name, text, problem.warning());
        }
    });
}

impl Warnings {
    fn push(&mut self, name: &str, text: &str, problem: Problem) {
        if self.kept == KEPT {
            self.more += 1;
            return;
        }
        self.kept += 1;
        match self.files.iter_mut().find(|file| file.name == name) {
            Some(file) => file.problems.push(problem),
            None => self.files.push(LoadError {
                name: name.to_owned(),
                // The text is copied once, for the first warning only: the
                // spans point into it.
                text: Arc::from(text),
                problems: vec![problem],
            }),
        }
    }

    /// Whether reading changed or left out nothing.
    pub fn is_empty(&self) -> bool {
        self.kept == 0
    }

    /// How many warnings there were, those only counted included.
    pub fn count(&self) -> usize {
        self.kept + self.more
    }

    /// Each warning with its place marked, the count of those not listed,
    /// and a closing line, as text `width` columns wide.
    pub fn render(&self, color: bool, width: usize) -> String {
        let mut out = String::new();
        for file in &self.files {
            let mut problems = file.problems.clone();
            problems.sort_by_key(|p| p.span.as_ref().map_or(usize::MAX, |s| s.start));
            out.push_str(&file.renderer(color, width).render(&problems));
        }
        if self.more > 0 {
            out.push_str(&format!("… and {} more warnings not listed\n", self.more));
        }
        if let Some(first) = self.files.first() {
            out.push_str(&format!("{}\n", self.summary(&first.name)));
        }
        out
    }

    /// One line that sums the warnings up, naming the file read.
    pub fn summary(&self, name: &str) -> String {
        let name = safe(name);
        match self.count() {
            1 => format!("warning: {name} was read with 1 warning"),
            n => format!("warning: {name} was read with {n} warnings"),
        }
    }

    /// Every warning as JSON (severity "warning", file, message, line,
    /// column, label, help); the count of those not listed comes apart.
    pub fn to_json(&self) -> Vec<serde_json::Value> {
        self.files
            .iter()
            .flat_map(|file| {
                let lines = LineIndex::new(&file.text);
                file.problems
                    .iter()
                    .map(|problem| problem.to_json(&file.name, &lines))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// How many warnings were counted but not kept.
    pub fn not_listed(&self) -> usize {
        self.more
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::diagnostic::Severity;

    #[test]
    fn a_load_gets_the_warnings_its_readers_gave_and_no_others() {
        warn("before.csv", "x", Problem::whole_file("not collected"));
        let ((), warnings) = collect(|| {
            warn("a.csv", "id\n a \n", Problem::at(3..6, "trimmed"));
            let ((), inner) = collect(|| warn("b.csv", "", Problem::whole_file("inner")));
            assert_eq!(inner.count(), 1);
        });
        assert_eq!(warnings.count(), 1);
        let json = warnings.to_json();
        assert_eq!(json[0]["severity"], "warning");
        assert_eq!(json[0]["line"], 2);
        assert_eq!(json[0]["column"], 1);
        let rendered = warnings.render(false, 80);
        assert!(rendered.contains("⚠ trimmed"), "{rendered}");
        assert!(
            rendered.ends_with("warning: a.csv was read with 1 warning\n"),
            "{rendered}"
        );
        assert_eq!(warnings.files[0].problems[0].severity, Severity::Warning);
    }

    #[test]
    fn warnings_past_the_limit_are_counted_not_kept() {
        let ((), warnings) = collect(|| {
            for at in 0..100_000 {
                warn(
                    "big.graphml",
                    "text",
                    Problem::at(at % 4..at % 4, "left out"),
                );
            }
        });
        assert_eq!(warnings.count(), 100_000);
        assert_eq!(warnings.to_json().len(), KEPT);
        let rendered = warnings.render(false, 80);
        assert!(
            rendered.contains("… and 99951 more warnings not listed"),
            "{rendered}"
        );
        assert!(rendered.len() < 20_000, "{} bytes", rendered.len());
    }
}
