//! Problems found in a data file, and their rendering as compiler-style
//! diagnostics: file, line and column, the line itself with the spot marked,
//! what was expected, and a hint. Everything quoted from the file (values,
//! its name, the lines around the spot) passes through [`crate::safe_text`].

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::safe_text::{self, safe, safe_lines};

/// How many problems are shown before the rest are only counted: past this
/// a person fixes the first ones and runs again.
pub const MAX_SHOWN: usize = 50;

/// Problems as a reader finds them: the first ones in full, the rest only
/// counted, so that a file broken a million times costs no more memory
/// and no more output than one broken fifty times.
#[derive(Debug, Default)]
pub struct Collected {
    problems: Vec<Problem>,
    more: usize,
}

/// How many problems [`Collected`] keeps; with the count of the rest they
/// fill the [`MAX_SHOWN`] a report shows.
pub(crate) const KEPT: usize = MAX_SHOWN - 1;
/// The label of the problem that counts those not kept.
const COUNTED: &str = "counted, not listed";

impl Collected {
    /// Keeps `problem` if fewer than the limit are kept, else counts it.
    pub fn push(&mut self, problem: Problem) {
        if self.problems.len() < KEPT {
            self.problems.push(problem);
        } else {
            self.more += 1;
        }
    }

    /// Keeps the problem `make` builds while there is room; past it the
    /// problem is counted and never built.
    pub fn push_with(&mut self, make: impl FnOnce() -> Problem) {
        if self.room() > 0 {
            self.problems.push(make());
        } else {
            self.more += 1;
        }
    }

    /// Counts `more` problems that were found but not kept.
    pub fn count(&mut self, more: usize) {
        self.more += more;
    }

    /// How many more problems would be kept in full.
    pub fn room(&self) -> usize {
        KEPT - self.problems.len()
    }

    /// Adds what `other` kept and counted after what this one has, as if
    /// its problems had been pushed here.
    pub fn append(&mut self, other: Collected) {
        for problem in other.problems {
            self.push(problem);
        }
        self.more += other.more;
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty() && self.more == 0
    }

    /// The kept problems, and one that counts the rest when there are more.
    pub fn into_problems(self) -> Vec<Problem> {
        let mut problems = self.problems;
        if self.more > 0 {
            problems.push(
                Problem::whole_file(format!("{} more problems not listed", self.more))
                    .label(COUNTED)
                    .help(Some("fix the ones above and run again".into())),
            );
        }
        problems
    }
}

/// How many problems `problems` stands for: those kept and those a
/// [`Collected`] only counted.
fn total(problems: &[Problem]) -> usize {
    let counted = problems
        .last()
        .filter(|last| last.label.as_deref() == Some(COUNTED))
        .and_then(|last| last.message.split(' ').next()?.parse::<usize>().ok());
    match counted {
        Some(more) => problems.len() - 1 + more,
        None => problems.len(),
    }
}

/// Whether a problem stops the file from being read, or only says what
/// reading it changed or left out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Severity {
    /// The file cannot be read as it is.
    #[default]
    Error,
    /// The file was read, but something in it was changed or left out
    /// (`--deny-warnings` makes it an error).
    Warning,
}

impl Severity {
    /// The word `--json` output and messages use.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One thing wrong with a data file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Whether it stops the file from being read.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where, as a byte range of the text; `None` for problems with the
    /// file as a whole (it could not be read).
    pub span: Option<Range<usize>>,
    /// A short note under the marked spot.
    pub label: Option<String>,
    /// What to do about it ("did you mean …?").
    pub help: Option<String>,
    /// A second place that explains the first ("first defined here").
    pub related: Option<(Range<usize>, String)>,
}

impl Problem {
    /// A problem at `span` with only a message; add the rest with the
    /// builder methods.
    pub fn at(span: Range<usize>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            message: clip_owned(message.into()),
            span: Some(span),
            label: None,
            help: None,
            related: None,
        }
    }

    /// A problem with the file as a whole, which has no spot to point at.
    pub fn whole_file(message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            message: clip_owned(message.into()),
            span: None,
            label: None,
            help: None,
            related: None,
        }
    }

    /// Adds the note shown under the marked spot.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(clip_owned(label.into()));
        self
    }

    /// Adds a hint, or keeps none when `help` is `None`.
    pub fn help(mut self, help: Option<String>) -> Self {
        self.help = help.map(clip_owned);
        self
    }

    /// Makes this a warning: the file reads, and this says what reading
    /// it changed or left out.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// The problem as JSON, with its line and column in the text `lines`
    /// indexes (null for problems with the file as a whole).
    pub fn to_json(&self, file: &str, lines: &LineIndex<'_>) -> serde_json::Value {
        let place = self.span.as_ref().map(|span| lines.line_column(span.start));
        serde_json::json!({
            "severity": self.severity.name(),
            "file": file,
            "message": self.message,
            "line": place.map(|p| p.0),
            "column": place.map(|p| p.1),
            "label": self.label,
            "help": self.help,
        })
    }
}

/// Everything wrong with one data file: what `kgx` prints, on the normal
/// screen, before exiting with status 1.
#[derive(Clone, Debug)]
pub struct LoadError {
    /// The file as the person named it (`data/x.ron`, `<stdin>`).
    pub name: String,
    /// The text the spans point into (lossily decoded if it was not UTF-8).
    pub text: Arc<str>,
    /// Every problem found, in file order.
    pub problems: Vec<Problem>,
}

impl LoadError {
    /// 1-based line and column (in characters) of a byte offset, the way
    /// editors count them.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        line_column(&self.text, offset)
    }

    /// The diagnostics as text 100 columns wide, for logs and tests.
    pub fn render(&self, color: bool) -> String {
        self.render_width(color, 100)
    }

    /// The diagnostics as text for a terminal `width` columns wide. `color`
    /// adds ANSI styling; callers decide it from `NO_COLOR` and whether the
    /// output is a terminal.
    pub fn render_width(&self, color: bool, width: usize) -> String {
        let mut out = self.render_problems(color, width);
        out.push_str(&format!("{self}\n"));
        out
    }

    /// Each problem with its place marked, without the closing count: for
    /// reports that sum up in their own words (`kgx lint`).
    pub fn render_problems(&self, color: bool, width: usize) -> String {
        self.renderer(color, width).render_capped(&self.problems)
    }

    /// A renderer of problems in this error's text, for reports that render
    /// many groups of problems in one large file: its lines are indexed
    /// once, not once per group.
    pub fn renderer(&self, color: bool, width: usize) -> ProblemRenderer {
        ProblemRenderer::new(&self.name, Arc::new(Arc::clone(&self.text)), color, width)
    }
}

/// A file's text shared by whoever holds it, as the reader left it: a
/// `String` the loader read into or an `Arc<str>`, never copied to be
/// shown.
pub type SharedText = Arc<dyn AsRef<str> + Send + Sync>;

/// Renders problems with their place marked; see [`LoadError::renderer`].
pub struct ProblemRenderer {
    handler: GraphicalReportHandler,
    /// The text as it is, for the problems whose lines need no stand-ins.
    source: ClippedSource,
    /// The text with every control made a stand-in of the same length,
    /// made only when a problem's lines hold one: checking the lines shown
    /// costs nothing, the whole of a 300 MB file a second.
    made_safe: std::sync::OnceLock<ClippedSource>,
}

impl ProblemRenderer {
    /// A renderer of problems in `text`, the file called `name`.
    pub fn new(name: &str, text: SharedText, color: bool, width: usize) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(width.clamp(40, 200))
            .with_context_lines(1);
        let source = ClippedSource {
            name: safe(name).into_owned(),
            text,
            lines: std::sync::OnceLock::new(),
        };
        ProblemRenderer {
            handler,
            source,
            made_safe: std::sync::OnceLock::new(),
        }
    }

    /// The text to quote `problem`'s lines from: as it is when they are
    /// safe for a terminal, else with stand-ins of the same length, so
    /// that every span still points where it did.
    fn source_for(&self, problem: &Problem) -> &ClippedSource {
        let text = self.source.text();
        let spans = problem
            .span
            .iter()
            .chain(problem.related.iter().map(|(span, _)| span));
        let safe_around = |span: &Range<usize>| {
            let from = floor_char_boundary(text, span.start.saturating_sub(SHOWN_AROUND));
            let to = ceil_char_boundary(
                text,
                span.end
                    .min(span.start.saturating_add(MAX_MARK))
                    .saturating_add(SHOWN_AROUND),
            );
            from >= to || matches!(safe_text::same_length(&text[from..to]), Cow::Borrowed(_))
        };
        if spans.clone().all(safe_around) {
            return &self.source;
        }
        self.made_safe.get_or_init(|| ClippedSource {
            name: self.source.name.clone(),
            text: Arc::new(safe_text::same_length(text).into_owned()),
            lines: std::sync::OnceLock::new(),
        })
    }

    /// Each of `problems` with its place marked.
    pub fn render(&self, problems: &[Problem]) -> String {
        let mut out = String::new();
        for problem in problems {
            let shown = Shown {
                problem,
                source: self.source_for(problem),
            };
            if self.handler.render_report(&mut out, &shown).is_err() {
                out.push_str(&format!("  × {}\n", safe_lines(&clip(&problem.message))));
            }
        }
        out
    }

    /// The first [`MAX_SHOWN`] of `problems` with their place marked, and
    /// how many more there are.
    pub fn render_capped(&self, problems: &[Problem]) -> String {
        let shown = &problems[..problems.len().min(MAX_SHOWN)];
        let mut out = self.render(shown);
        let total = problems.len();
        if total > MAX_SHOWN {
            out.push_str(&format!(
                "… and {} more problems not shown\n",
                total - MAX_SHOWN
            ));
        }
        out
    }
}

/// How far on either side of a marked spot the quoted lines can reach:
/// the context of one line each way, cut to [`MAX_CONTEXT_BYTES`].
const SHOWN_AROUND: usize = MAX_CONTEXT_BYTES + 8;

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = safe(&self.name);
        match total(&self.problems) {
            1 => write!(f, "error: {name} has 1 problem"),
            n => write!(f, "error: {name} has {n} problems"),
        }
    }
}

impl std::error::Error for LoadError {}

/// How many line breaks come before each block of a text, so that many
/// offsets in a large file are turned into lines and columns without
/// rescanning it for each, in a few kilobytes however many lines it has.
pub struct LineIndex<'a> {
    text: &'a str,
    blocks: Vec<usize>,
}

/// Bytes per block of a [`LineIndex`]: an offset's line is counted from the
/// start of its block.
const LINE_BLOCK: usize = 1 << 16;

impl<'a> LineIndex<'a> {
    /// Indexes the lines of `text` (one pass).
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            blocks: line_blocks(text),
        }
    }

    /// 1-based line and character column of `offset`, as [`line_column`].
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        blocked_line_column(self.text, &self.blocks, offset)
    }
}

fn line_blocks(text: &str) -> Vec<usize> {
    text.as_bytes()
        .chunks(LINE_BLOCK)
        .scan(0, |before, block| {
            let at = *before;
            *before += count_line_breaks(block);
            Some(at)
        })
        .collect()
}

/// Counts in runs of 255 bytes, whose counts fit a byte: the compiler
/// then compares and adds 32 bytes at a time.
fn count_line_breaks(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|run| {
            let count = run
                .iter()
                .fold(0u8, |count, &b| count.wrapping_add(u8::from(b == b'\n')));
            usize::from(count)
        })
        .sum()
}

fn blocked_line_column(text: &str, blocks: &[usize], offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let block = (offset / LINE_BLOCK).min(blocks.len().saturating_sub(1));
    let block_start = block * LINE_BLOCK;
    let before = blocks.get(block).copied().unwrap_or(0)
        + count_line_breaks(&text.as_bytes()[block_start.min(offset)..offset]);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    (1 + before, 1 + text[line_start..offset].chars().count())
}

/// 1-based line and character column of `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = 1 + before.bytes().filter(|&b| b == b'\n').count();
    (line, 1 + before[line_start..].chars().count())
}

pub(crate) fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil_char_boundary(text: &str, mut index: usize) -> usize {
    while index < text.len() && !text.is_char_boundary(index) {
        index += 1;
    }
    index.min(text.len())
}

/// One problem seen through miette's eyes.
struct Shown<'a> {
    problem: &'a Problem,
    source: &'a ClippedSource,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.problem, f)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&safe_lines(&clip(&self.problem.message)))
    }
}

/// The longest run of text without a space a message keeps in full: a
/// 10 MB id quoted in a message is cut to its start and its length.
const MAX_RUN: usize = 80;
/// How much of a clipped run is kept.
const KEPT_RUN: usize = 60;

/// `text` with every run of more than [`MAX_RUN`] characters without a
/// space cut to its first [`KEPT_RUN`], followed by how long it was.
pub fn clip(text: &str) -> Cow<'_, str> {
    let mut run = 0;
    if !text.chars().any(|c| {
        run = if c.is_whitespace() { 0 } else { run + 1 };
        run > MAX_RUN
    }) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(clipped(format_args!("{text}")))
}

/// [`clip`] of an owned message, reusing it when nothing is cut.
pub fn clip_owned(text: String) -> String {
    match clip(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(clipped) => clipped,
    }
}

/// `format!` with every long run cut as [`clip`] cuts it, written as it
/// is cut: a message quoting a 100 MB value never holds more than its
/// start.
pub fn clipped(args: fmt::Arguments<'_>) -> String {
    let mut clipper = Clipper::default();
    // Writing to a String cannot fail.
    let _ = fmt::Write::write_fmt(&mut clipper, args);
    clipper.finish()
}

/// What [`clipped`] writes through: the text so far, and the run without
/// a space being written (its first [`MAX_RUN`] characters and its length).
#[derive(Default)]
struct Clipper {
    out: String,
    run: String,
    run_chars: usize,
}

impl Clipper {
    fn end_run(&mut self) {
        if self.run_chars > MAX_RUN {
            let keep = self
                .run
                .char_indices()
                .nth(KEPT_RUN)
                .map_or(self.run.len(), |(at, _)| at);
            self.out.push_str(&self.run[..keep]);
            self.out
                .push_str(&format!("… ({} characters)", self.run_chars));
        } else {
            self.out.push_str(&self.run);
        }
        self.run.clear();
        self.run_chars = 0;
    }

    fn finish(mut self) -> String {
        self.end_run();
        self.out
    }
}

impl fmt::Write for Clipper {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for c in text.chars() {
            if c.is_whitespace() {
                self.end_run();
                self.out.push(c);
            } else {
                self.run_chars += 1;
                if self.run_chars <= MAX_RUN {
                    self.run.push(c);
                }
            }
        }
        Ok(())
    }
}

impl std::error::Error for Shown<'_> {}

/// Longest marked range: a marker over a whole screen of text helps no one.
const MAX_MARK: usize = 120;

impl Diagnostic for Shown<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.problem.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.problem
            .span
            .as_ref()
            .map(|_| self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.problem.span.clone()?;
        let text = self.source.text();
        let mark = |range: &Range<usize>, label: Option<String>, primary: bool| {
            let start = floor_char_boundary(text, range.start.min(text.len()));
            let end = ceil_char_boundary(text, range.end.clamp(start, start + MAX_MARK));
            let span = SourceSpan::from(start..end);
            if primary {
                LabeledSpan::new_primary_with_span(label, span)
            } else {
                LabeledSpan::new_with_span(label, span)
            }
        };
        let label = |text: &str| safe(&clip(text)).into_owned();
        let mut labels = vec![mark(&span, self.problem.label.as_deref().map(label), true)];
        if let Some((range, text)) = &self.problem.related {
            labels.push(mark(range, Some(label(text)), false));
        }
        Some(Box::new(labels.into_iter()))
    }

    fn help(&self) -> Option<Box<dyn fmt::Display + '_>> {
        self.problem
            .help
            .as_deref()
            .map(|help| Box::new(safe_lines(&clip(help)).into_owned()) as Box<dyn fmt::Display>)
    }
}

/// The file's text as miette reads it, but with long lines cut down to the
/// part around the problem, so that a 100 MB one-line file still gives a
/// readable diagnostic; columns are counted in characters.
struct ClippedSource {
    name: String,
    text: SharedText,
    /// Line breaks before each block, counted the first time a large text
    /// needs them: counting lines from the top for each problem of a 300 MB
    /// file costs seconds.
    lines: std::sync::OnceLock<Vec<usize>>,
}

/// Texts smaller than this are scanned for each problem rather than indexed.
const INDEX_LINES_FROM: usize = 1 << 20;

impl ClippedSource {
    fn text(&self) -> &str {
        (*self.text).as_ref()
    }

    fn line_column(&self, offset: usize) -> (usize, usize) {
        let text = self.text();
        if text.len() < INDEX_LINES_FROM {
            return line_column(text, offset);
        }
        let blocks = self.lines.get_or_init(|| line_blocks(text));
        blocked_line_column(text, blocks, offset)
    }
}

/// Context wider than this is cut to the neighbourhood of the problem.
const MAX_CONTEXT_BYTES: usize = 600;
/// Bytes kept on each side of a problem on a cut line.
const CLIP_MARGIN: usize = 60;

impl SourceCode for ClippedSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.text();
        if span.offset() > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let start = floor_char_boundary(text, span.offset());
        let end = ceil_char_boundary(text, span.offset() + span.len());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);

        let mut from = line_start;
        let mut lines_before = 0;
        while lines_before < context_lines_before && from > 0 {
            from = text[..from - 1].rfind('\n').map_or(0, |i| i + 1);
            lines_before += 1;
        }
        let mut to = line_end;
        for _ in 0..context_lines_after {
            if to >= text.len() {
                break;
            }
            to = text[to + 1..].find('\n').map_or(text.len(), |i| to + 1 + i);
        }
        // Lines end at "\n"; a "\r" before it belongs to the line break.
        if text[from..to].ends_with('\r') {
            to -= 1;
        }
        if to - from > MAX_CONTEXT_BYTES {
            from = floor_char_boundary(text, start.saturating_sub(CLIP_MARGIN).max(line_start));
            to = ceil_char_boundary(text, (end.max(start + 1) + CLIP_MARGIN).min(line_end));
            lines_before = 0;
        }
        let (line, column) = self.line_column(start);
        let first_line = line - 1 - lines_before;
        let column = if context_lines_before == 0 {
            column - 1
        } else {
            0
        };
        let line_count = text[from..to].bytes().filter(|&b| b == b'\n').count() + 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &text.as_bytes()[from..to],
            SourceSpan::from(from..to),
            first_line,
            column,
            line_count,
        )))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_quoted_value_is_cut_to_its_start_and_length() {
        let long = format!("no actor \"{}\" here", "x".repeat(10_000));
        let clipped = clip(&long);
        assert!(clipped.len() < 200, "{clipped}");
        assert!(clipped.starts_with("no actor \"xxxx"), "{clipped}");
        assert!(clipped.contains("(10002 characters)"), "{clipped}");
        assert!(clipped.ends_with(" here"), "{clipped}");
        assert!(matches!(clip("a short message"), Cow::Borrowed(_)));
    }

    #[test]
    fn problems_past_the_limit_are_counted_not_kept() {
        let mut collected = Collected::default();
        for at in 0..1_000 {
            collected.push(Problem::at(at..at, "wrong"));
        }
        let problems = collected.into_problems();
        assert_eq!(problems.len(), MAX_SHOWN);
        assert_eq!(total(&problems), 1_000);
        let error = LoadError {
            name: "big.ron".into(),
            text: Arc::from("x".repeat(1_000)),
            problems,
        };
        let rendered = error.render(false);
        assert!(
            rendered.contains("951 more problems not listed"),
            "{rendered}"
        );
        assert!(
            rendered.ends_with("error: big.ron has 1000 problems\n"),
            "{rendered}"
        );
    }

    use super::*;

    fn error(text: &str, problems: Vec<Problem>) -> LoadError {
        LoadError {
            name: "test.ron".into(),
            text: text.into(),
            problems,
        }
    }

    #[test]
    fn counts_lines_and_character_columns() {
        let text = "ab\nцд\"x\"\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(
            line_column(text, 7),
            (2, 3),
            "Cyrillic letters are one column each"
        );
    }

    #[test]
    fn controls_in_the_quoted_lines_become_stand_ins_wherever_they_are() {
        let text = format!("a\n\u{1b}[2J bad\n{}ok here\n", "x\n".repeat(2_000));
        let near = text.find("bad").expect("near");
        let far = text.find("ok here").expect("far");
        let err = error(
            &text,
            vec![
                Problem::at(far..far + 2, "far"),
                Problem::at(near..near + 3, "near"),
                Problem::at(far..far + 2, "far again"),
            ],
        );
        let out = err.render(false);
        assert!(!out.contains('\u{1b}'), "{out}");
        assert!(out.contains("?[2J bad"), "{out}");
        assert_eq!(out.matches("│ ok here").count(), 2, "{out}");
    }

    #[test]
    fn the_line_index_agrees_with_counting_across_its_blocks() {
        let text = "ab\nцд\n".repeat(LINE_BLOCK / 3);
        let index = LineIndex::new(&text);
        for offset in (0..=text.len()).step_by(4093).chain([text.len()]) {
            assert_eq!(
                index.line_column(offset),
                line_column(&text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn the_line_index_agrees_with_counting() {
        let text = "ab\nцд\"x\"\n\nlast";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() {
            assert_eq!(
                index.line_column(offset),
                line_column(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn renders_location_marked_line_and_help() {
        let text = "Graph(\n    title: 42,\n)\n";
        let err = error(
            text,
            vec![
                Problem::at(18..20, "expected a string")
                    .label("a number")
                    .help(Some("write the title in quotes".into())),
            ],
        );
        let out = err.render(false);
        assert!(out.contains("× expected a string"), "{out}");
        assert!(out.contains("[test.ron:2:12]"), "{out}");
        assert!(out.contains("2 │     title: 42,"), "{out}");
        assert!(out.contains("a number"), "{out}");
        assert!(out.contains("help: write the title in quotes"), "{out}");
        assert!(out.ends_with("error: test.ron has 1 problem\n"), "{out}");
    }

    #[test]
    fn a_huge_line_is_cut_around_the_problem() {
        let mut text = "x".repeat(5_000_000);
        text.push_str("BAD");
        text.push_str(&"y".repeat(5_000_000));
        let err = error(&text, vec![Problem::at(5_000_000..5_000_003, "bad")]);
        let out = err.render(false);
        assert!(out.len() < 2_000, "output is {} bytes", out.len());
        assert!(
            out.contains("BAD") && out.contains("[test.ron:1:5000001]"),
            "{out}"
        );
    }

    #[test]
    fn caps_the_number_shown() {
        let problems = (0..60)
            .map(|i| Problem::at(i..i + 1, format!("p{i}")))
            .collect();
        let out = error(&"z".repeat(100), problems).render(false);
        assert!(out.contains("p49") && !out.contains("p50"), "{out}");
        assert!(out.contains("… and 10 more problems not shown"), "{out}");
        assert!(out.contains("has 60 problems"), "{out}");
    }
}
