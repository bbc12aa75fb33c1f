//! Opening a large file without a frozen terminal: the file is read,
//! parsed, checked and built into a graph on a thread of its own, while the
//! terminal shows how far it got and how long is left.
//!
//! ron parses a file in one call, so progress inside that call is an
//! estimate from the file's size and a typical parsing speed; reading is
//! measured byte by byte, and the counts of actors and relations are shown
//! as soon as parsing has produced them.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};

use super::geometry::text::clip;
use super::ui::theme::Theme;
use crate::formats::{self, Format, Request};
use crate::graph::KnowledgeGraph;
use crate::load::{self, Input, LoadError, Problem, Warnings, warnings};

/// What a load ends in: the graph with what reading it changed or left
/// out, or every problem with the file.
pub type Loaded = Result<(KnowledgeGraph, Warnings), LoadError>;

/// How far a load has got, in the order the steps happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Reading the file's bytes.
    Reading,
    /// ron parsing the text, then the checks of every record.
    Parsing,
    /// Building the graph and its lookups.
    Building,
}

/// Typical speeds on a small machine (two cores, release build), used only
/// for the estimate: RON parsed and checked, and relations built into the
/// graph, per second.
const PARSE_BYTES_PER_SECOND: f64 = 45e6;
const BUILD_RELATIONS_PER_SECOND: f64 = 1.5e6;
/// State the loading thread publishes and the screen reads.
struct Shared {
    total_bytes: u64,
    read_bytes: AtomicU64,
    phase: AtomicU8,
    /// When the current phase began, in microseconds since `started`.
    phase_began: AtomicU64,
    actors: AtomicU64,
    relations: AtomicU64,
    started: Instant,
}

impl Shared {
    fn enter(&self, phase: Phase) {
        let now = u64::try_from(self.started.elapsed().as_micros()).unwrap_or(u64::MAX);
        self.phase_began.store(now, Ordering::Relaxed);
        self.phase.store(phase as u8, Ordering::Release);
    }
}

/// A load running on its own thread.
pub struct Loading {
    name: String,
    shared: Arc<Shared>,
    result: mpsc::Receiver<Loaded>,
}

/// What the progress screen shows at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// The file as the person named it.
    pub name: String,
    /// The current step.
    pub phase: Phase,
    /// Bytes read so far, and the file's size (0 when unknown).
    pub read_bytes: u64,
    /// The file's size in bytes, 0 when unknown.
    pub total_bytes: u64,
    /// Actors and relations parsed, once parsing is done.
    pub actors: u64,
    /// See `actors`.
    pub relations: u64,
    /// Time since the load began.
    pub elapsed: Duration,
    /// Time spent in the current phase.
    pub in_phase: Duration,
}

impl Loading {
    /// Starts loading what `request` names on a new thread.
    pub fn start(request: Request) -> Loading {
        let input = &request.input;
        let total_bytes = match input {
            Input::Path(path) => std::fs::metadata(path).map_or(0, |meta| meta.len()),
            Input::Embedded => load::EMBEDDED.len() as u64,
            Input::Stdin => 0,
        };
        let shared = Arc::new(Shared {
            total_bytes,
            read_bytes: AtomicU64::new(0),
            phase: AtomicU8::new(Phase::Reading as u8),
            phase_began: AtomicU64::new(0),
            actors: AtomicU64::new(0),
            relations: AtomicU64::new(0),
            started: Instant::now(),
        });
        let (sender, result) = mpsc::channel();
        let name = input.name();
        let worker = Arc::clone(&shared);
        std::thread::spawn(move || {
            // The receiver is gone when the person cancelled; nothing to do.
            let (loaded, warnings) = warnings::collect(|| load_with_progress(&request, &worker));
            let _ = sender.send(loaded.map(|graph| (graph, warnings)));
        });
        Loading {
            name,
            shared,
            result,
        }
    }

    /// The result, if it arrives within `timeout`.
    pub fn wait(&self, timeout: Duration) -> Option<Loaded> {
        match self.result.recv_timeout(timeout) {
            Ok(loaded) => Some(loaded),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Err(LoadError {
                name: self.name.clone(),
                text: Arc::from(""),
                problems: vec![Problem::whole_file(
                    "loading stopped unexpectedly; please report this",
                )],
            })),
        }
    }

    /// How far the load has got.
    pub fn snapshot(&self) -> Snapshot {
        let shared = &self.shared;
        let phase = match shared.phase.load(Ordering::Acquire) {
            0 => Phase::Reading,
            1 => Phase::Parsing,
            _ => Phase::Building,
        };
        let elapsed = shared.started.elapsed();
        let began = Duration::from_micros(shared.phase_began.load(Ordering::Relaxed));
        Snapshot {
            name: self.name.clone(),
            phase,
            read_bytes: shared.read_bytes.load(Ordering::Relaxed),
            total_bytes: shared.total_bytes,
            actors: shared.actors.load(Ordering::Relaxed),
            relations: shared.relations.load(Ordering::Relaxed),
            elapsed,
            in_phase: elapsed.saturating_sub(began),
        }
    }
}

/// Reads, parses, checks and builds, publishing each step.
fn load_with_progress(request: &Request, shared: &Shared) -> Result<KnowledgeGraph, LoadError> {
    let input = &request.input;
    let name = input.name();
    let graph = match input {
        // Other formats read and parse in one step of their own.
        Input::Path(_) if request.format() != Format::Ron => {
            shared.enter(Phase::Parsing);
            formats::load_graph(request)?
        }
        Input::Path(path) => {
            let bytes = read_counting(path, shared).map_err(|err| LoadError {
                name: name.clone(),
                text: Arc::from(""),
                problems: vec![Problem::whole_file(format!("cannot read {name}: {err}"))],
            })?;
            shared.enter(Phase::Parsing);
            load::parse_bytes(&name, bytes)?
        }
        Input::Embedded | Input::Stdin => {
            shared.enter(Phase::Parsing);
            load::load_graph(input)?
        }
    };
    shared
        .actors
        .store(graph.actor_count() as u64, Ordering::Relaxed);
    shared
        .relations
        .store(graph.relation_count() as u64, Ordering::Relaxed);
    shared.enter(Phase::Building);
    Ok(graph)
}

fn read_counting(path: &std::path::Path, shared: &Shared) -> std::io::Result<Vec<u8>> {
    load::input::read_file_counting(path, &|read| {
        // Two threads may read at once: the count only goes up.
        shared.read_bytes.fetch_max(read, Ordering::Relaxed);
    })
}

impl Snapshot {
    /// Expected durations of parsing and building, from the file's size.
    fn expected(&self) -> (f64, f64) {
        let parse = self.total_bytes as f64 / PARSE_BYTES_PER_SECOND;
        // About 350 bytes of RON per relation, until the count is known.
        let relations = if self.relations > 0 {
            self.relations as f64
        } else {
            self.total_bytes as f64 / 350.0
        };
        (parse, relations / BUILD_RELATIONS_PER_SECOND)
    }

    /// The share of the work done, 0 to 1: reading counts for 5%, parsing
    /// and checking for 85%, building for 10%. Estimates never reach the
    /// end of their step, so the bar does not claim to be done early.
    pub fn fraction(&self) -> f64 {
        let (parse, build) = self.expected();
        let within = |expected: f64| {
            if expected > 0.0 {
                (self.in_phase.as_secs_f64() / expected).min(0.95)
            } else {
                0.95
            }
        };
        match self.phase {
            Phase::Reading if self.total_bytes > 0 => {
                0.05 * self.read_bytes as f64 / self.total_bytes as f64
            }
            Phase::Reading => 0.0,
            Phase::Parsing => 0.05 + 0.85 * within(parse),
            Phase::Building => 0.90 + 0.10 * within(build),
        }
    }

    /// Seconds probably left, when there is a size to estimate from.
    pub fn seconds_left(&self) -> Option<f64> {
        if self.total_bytes == 0 {
            return None;
        }
        let (parse, build) = self.expected();
        let spent = self.in_phase.as_secs_f64();
        let left = match self.phase {
            Phase::Reading => parse + build,
            Phase::Parsing => (parse - spent).max(0.0) + build,
            Phase::Building => (build - spent).max(0.0),
        };
        Some(left)
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// Groups of three digits, as counts of records read best.
fn thousands(count: u64) -> String {
    let digits = count.to_string();
    let mut text = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

/// The progress screen: what is being opened, the step, a bar, the
/// figures behind it, and how to cancel.
pub fn draw(frame: &mut Frame<'_>, snapshot: &Snapshot, theme: Theme) {
    draw_progress(frame, snapshot, theme);
    super::ui::made_safe(frame);
}

fn draw_progress(frame: &mut Frame<'_>, snapshot: &Snapshot, theme: Theme) {
    let area = frame.area();
    let width = usize::from(area.width.saturating_sub(4));
    let [_, title, _, step, bar, figures, counts, _, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let inset = |row: Rect| Rect {
        x: row.x + 2,
        width: row.width.saturating_sub(4),
        ..row
    };
    let line = |text: String| Line::from(clip(&text, width));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" kgx ", theme.chip()),
            Span::raw(" "),
            Span::styled(
                clip(
                    &format!("Opening {}", snapshot.name),
                    width.saturating_sub(6),
                ),
                theme.strong(),
            ),
        ])),
        title,
    );
    let step_text = match snapshot.phase {
        Phase::Reading => "Reading the file",
        Phase::Parsing => "Parsing and checking every record",
        Phase::Building => "Building the graph",
    };
    frame.render_widget(Paragraph::new(line(step_text.to_owned())), inset(step));
    let fraction = snapshot.fraction().clamp(0.0, 1.0);
    frame.render_widget(
        Gauge::default()
            .ratio(fraction)
            .label(format!("{:.0}%", fraction * 100.0))
            .gauge_style(theme.active_border()),
        inset(bar),
    );
    let mut facts = Vec::new();
    if snapshot.total_bytes > 0 {
        facts.push(format!(
            "{} of {} read",
            megabytes(snapshot.read_bytes),
            megabytes(snapshot.total_bytes)
        ));
    }
    facts.push(format!("{:.1} s elapsed", snapshot.elapsed.as_secs_f64()));
    if let Some(left) = snapshot.seconds_left() {
        facts.push(if left < 0.5 {
            "almost done".to_owned()
        } else {
            format!("about {left:.0} s left")
        });
    }
    frame.render_widget(
        Paragraph::new(Span::styled(clip(&facts.join(" · "), width), theme.dim())),
        inset(figures),
    );
    if snapshot.relations > 0 || snapshot.actors > 0 {
        frame.render_widget(
            Paragraph::new(line(format!(
                "{} actors and {} relations parsed and checked",
                thousands(snapshot.actors),
                thousands(snapshot.relations)
            ))),
            inset(counts),
        );
    }
    frame.render_widget(
        Paragraph::new(Span::styled(
            clip("Esc, q or Ctrl-c cancels", width),
            theme.dim(),
        )),
        inset(hint),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn snapshot(phase: Phase, in_phase: f64) -> Snapshot {
        Snapshot {
            name: "big.ron".into(),
            phase,
            read_bytes: 70_000_000,
            total_bytes: 140_000_000,
            actors: 0,
            relations: 0,
            elapsed: Duration::from_secs_f64(in_phase),
            in_phase: Duration::from_secs_f64(in_phase),
        }
    }

    #[test]
    fn the_bar_moves_forward_through_the_steps_and_never_claims_the_end() {
        let reading = snapshot(Phase::Reading, 0.1).fraction();
        let parsing = snapshot(Phase::Parsing, 1.0).fraction();
        let late = snapshot(Phase::Parsing, 60.0).fraction();
        let building = snapshot(Phase::Building, 60.0).fraction();
        assert!(reading < parsing && parsing < late && late < building);
        assert!(building < 1.0);
        // 140 MB parse in about 3 s, of which 1 s is spent, then about
        // 400 000 relations build in a quarter of a second.
        let left = snapshot(Phase::Parsing, 1.0).seconds_left();
        assert_eq!(left.map(f64::round), Some(2.0));
    }

    #[test]
    fn the_screen_says_what_is_opened_how_far_and_how_to_cancel() {
        let mut terminal = Terminal::new(TestBackend::new(70, 12)).expect("terminal");
        let mut shown = snapshot(Phase::Parsing, 1.0);
        shown.actors = 100_000;
        shown.relations = 1_000_000;
        terminal
            .draw(|frame| {
                draw(
                    frame,
                    &shown,
                    Theme {
                        color: false,
                        palette: Default::default(),
                    },
                )
            })
            .expect("draw");
        let screen: String = terminal
            .backend()
            .buffer()
            .content()
            .chunks(70)
            .map(|row| row.iter().map(|cell| cell.symbol()).collect::<String>() + "\n")
            .collect();
        for expected in [
            "Opening big.ron",
            "Parsing and checking",
            "70.0 MB of 140.0 MB read",
            "1.0 s elapsed",
            "about 3 s left",
            "100,000 actors and 1,000,000 relations",
            "Esc, q or Ctrl-c cancels",
        ] {
            assert!(screen.contains(expected), "{expected:?} in\n{screen}");
        }
    }

    #[test]
    fn a_missing_file_is_a_diagnostic_not_a_panic() {
        let loading = Loading::start(Input::Path("/nonexistent/kgx.ron".into()).into());
        let Some(Err(error)) = loading.wait(Duration::from_secs(20)) else {
            panic!("a missing file fails");
        };
        assert!(
            error.problems[0]
                .message
                .starts_with("cannot read /nonexistent/kgx.ron")
        );
    }

    #[test]
    fn the_seed_loads_in_the_background_too() {
        let loading = Loading::start(Input::Embedded.into());
        let Some(Ok(graph)) = loading.wait(Duration::from_secs(20)) else {
            panic!("the seed loads");
        };
        assert!(graph.0.actor_count() > 0);
    }
}
