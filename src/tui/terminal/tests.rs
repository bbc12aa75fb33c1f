//! The real event loop on a `TestBackend` and a scripted queue of events:
//! live reload and the effects (`:export`, the clipboard, the editor, the
//! mouse, Ctrl-Z) without a pseudo-terminal.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::load::Input;
use crate::tui::action::Pane;

/// Longest a script waits for something to happen: a generous bound so a
/// loaded machine cannot fail a test, not a speed requirement.
const PATIENCE: Duration = Duration::from_secs(60);

/// A screen that records what a terminal would have been asked to do.
struct Recorder {
    terminal: Terminal<TestBackend>,
    /// Every sequence written to put something on the clipboard.
    clipboard: Vec<String>,
    /// Every file the editor was asked to open, and at which line.
    edited: Vec<(PathBuf, Option<usize>)>,
    /// Every change of mouse capture.
    mouse: Vec<bool>,
    /// How often the process stopped (Ctrl-Z).
    suspended: usize,
}

impl Recorder {
    fn new(width: u16, height: u16) -> Recorder {
        Recorder {
            terminal: Terminal::new(TestBackend::new(width, height)).expect("a test terminal"),
            clipboard: Vec::new(),
            edited: Vec::new(),
            mouse: Vec::new(),
            suspended: 0,
        }
    }

    /// The last frame drawn, as text.
    fn screen(&self) -> String {
        let buffer = self.terminal.backend().buffer();
        buffer
            .content
            .chunks(usize::from(buffer.area.width))
            .map(|row| row.iter().map(|cell| cell.symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl Screen for Recorder {
    type Backend = TestBackend;

    fn terminal(&mut self) -> &mut Terminal<TestBackend> {
        &mut self.terminal
    }

    fn capture_mouse(&mut self, on: bool) -> io::Result<()> {
        self.mouse.push(on);
        Ok(())
    }

    fn copy(&mut self, text: &str) -> io::Result<()> {
        self.clipboard.push(osc52(text));
        Ok(())
    }

    fn edit(
        &mut self,
        file: &Path,
        line: Option<usize>,
        _mouse: bool,
    ) -> io::Result<Result<(), String>> {
        self.edited.push((file.to_owned(), line));
        Ok(Ok(()))
    }

    fn suspend(&mut self, _mouse: bool) -> io::Result<()> {
        self.suspended += 1;
        Ok(())
    }

    fn resume(&mut self, _mouse: bool) -> io::Result<()> {
        Ok(())
    }

    fn present(&self) -> bool {
        true
    }
}

/// One step of a script.
enum Step {
    /// A terminal event, as crossterm delivers it.
    Event(Event),
    /// Something done outside the explorer, such as rewriting its file.
    Do(Box<dyn FnOnce()>),
    /// Wait until the explorer's state is so (named for the failure).
    Until(&'static str, Box<dyn Fn(&App) -> bool>),
}

/// A scripted queue of events; once it runs out, the loop ends.
struct Script {
    steps: VecDeque<Step>,
    /// Results of work on other threads, handed back before the next step.
    results: (mpsc::Sender<Incoming>, mpsc::Receiver<Incoming>),
    /// When the step waited for began to be waited for.
    waiting_since: Option<Instant>,
    /// How often the loop paused and resumed reading (for the editor).
    paused: usize,
    resumed: usize,
}

impl Script {
    fn new(steps: impl IntoIterator<Item = Step>) -> Script {
        Script {
            steps: steps.into_iter().collect(),
            results: mpsc::channel(),
            waiting_since: None,
            paused: 0,
            resumed: 0,
        }
    }
}

impl EventSource for Script {
    fn next(&mut self, app: &App, wait: Duration) -> Result<Incoming, RecvTimeoutError> {
        if let Ok(result) = self.results.1.try_recv() {
            return Ok(result);
        }
        loop {
            match self.steps.pop_front() {
                None => return Err(RecvTimeoutError::Disconnected),
                Some(Step::Event(event)) => return Ok(Incoming::Input(event)),
                Some(Step::Do(act)) => act(),
                Some(Step::Until(what, holds)) => {
                    if holds(app) {
                        self.waiting_since = None;
                        continue;
                    }
                    let since = *self.waiting_since.get_or_insert_with(Instant::now);
                    assert!(since.elapsed() < PATIENCE, "waited in vain for {what}");
                    self.steps.push_front(Step::Until(what, holds));
                    std::thread::sleep(wait.min(Duration::from_millis(20)));
                    return Err(RecvTimeoutError::Timeout);
                }
            }
        }
    }

    fn results(&self) -> mpsc::Sender<Incoming> {
        self.results.0.clone()
    }

    fn pause(&mut self) {
        self.paused += 1;
    }

    fn resume(&mut self) {
        self.resumed += 1;
    }
}

fn key(code: KeyCode) -> Step {
    Step::Event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl(c: char) -> Step {
    Step::Event(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )))
}

/// The keys that type `text`.
fn typed(text: &str) -> Vec<Step> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// The keys that focus the actor with this id: `/^id$`, Enter, Esc.
fn focus(id: &str) -> Vec<Step> {
    let mut steps = vec![key(KeyCode::Char('/'))];
    steps.extend(typed(&format!("^{id}$")));
    steps.extend([key(KeyCode::Enter), key(KeyCode::Esc)]);
    steps
}

/// A `:` command and Enter.
fn command(line: &str) -> Vec<Step> {
    let mut steps = vec![key(KeyCode::Char(':'))];
    steps.extend(typed(line));
    steps.push(key(KeyCode::Enter));
    steps
}

/// A folder of its own for one test, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kgx-loop-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

/// The seed graph written to `dir`, as a file to explore and watch.
fn seed_file(dir: &Path) -> PathBuf {
    let file = dir.join("seed.ron");
    std::fs::write(&file, crate::load::EMBEDDED).expect("the seed is written");
    file
}

fn options(file: &Path, watch: bool) -> Options {
    Options {
        mouse: true,
        color: false,
        palette: Palette::default(),
        keymap: Keymap::default(),
        watch: watch.then(|| (file.to_owned(), Request::from(Input::Path(file.to_owned())))),
        inputs: vec![file.to_owned()],
        deny_warnings: false,
    }
}

/// Runs the real loop on `file` until the script ends.
fn explore(screen: &mut Recorder, file: &Path, watch: bool, script: &mut Script) -> App {
    let graph = crate::formats::load_graph(Input::Path(file.to_owned())).expect("the seed loads");
    event_loop(
        screen,
        |width, height| Ok(App::new(graph, width, height)),
        Warnings::default(),
        options(file, watch),
        &Signals::default(),
        script,
    )
    .expect("the loop runs")
}

fn id_of(app: &App, node: Option<crate::graph::NodeIndex>) -> Option<String> {
    node.map(|node| app.graph().actor(node).id.clone())
}

#[test]
fn a_reload_of_the_changed_file_keeps_the_persons_place() {
    let dir = scratch("reload");
    let file = seed_file(&dir);
    let mut screen = Recorder::new(120, 40);
    let changed = file.clone();
    let mut steps = focus("lavrov");
    // To the relations, and down to the second one.
    steps.extend([
        key(KeyCode::Tab),
        key(KeyCode::Down),
        Step::Until(
            "the lint of the first version",
            Box::new(|app: &App| app.lint_report().is_some()),
        ),
        Step::Do(Box::new(move || {
            // A new actor first: every actor's index moves by one, so the
            // place is kept by identity, not by number.
            let text = crate::load::EMBEDDED.replacen(
                "actors: [",
                "actors: [\n        Actor(id: \"newcomer\", name: \"Newcomer\", kind: Person),",
                1,
            );
            std::fs::write(&changed, text).expect("the file is rewritten");
        })),
        Step::Until(
            "the reload",
            Box::new(|app: &App| app.graph().find_id("newcomer").is_some()),
        ),
    ]);
    let mut script = Script::new(steps);
    let app = explore(&mut screen, &file, true, &mut script);
    assert_eq!(id_of(&app, app.focus()).as_deref(), Some("lavrov"));
    assert_eq!(app.pane(), Pane::Relations);
    let selected = app.selected_link().expect("a relation stays selected");
    assert_eq!(
        app.relation_cursor().selected,
        2,
        "the second relation, under its heading"
    );
    assert_eq!(
        id_of(&app, Some(app.graph().ends(selected.relation).0)).as_deref(),
        Some("lavrov"),
    );
    assert!(
        app.message()
            .is_some_and(|m| m.starts_with("reloaded: 44 actors")),
        "{:?}",
        app.message()
    );
    assert!(screen.screen().contains("Sergey Lavrov"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_writes_the_file_and_says_so() {
    let dir = scratch("export");
    let file = seed_file(&dir);
    let written = dir.join("shown.json");
    let mut screen = Recorder::new(120, 40);
    let mut script = Script::new(command(&format!("export {}", written.display())));
    let app = explore(&mut screen, &file, false, &mut script);
    let text = std::fs::read_to_string(&written).expect("the export is written");
    assert!(text.contains("\"lavrov\""), "the shown actors are in it");
    assert!(
        app.message()
            .is_some_and(|m| m.starts_with("wrote 43 actors")),
        "{:?}",
        app.message()
    );
    // The file explored is never written over.
    let mut script = Script::new(command(&format!("export! {}", file.display())));
    explore(&mut screen, &file, false, &mut script);
    assert_eq!(
        std::fs::read_to_string(&file).expect("the seed"),
        crate::load::EMBEDDED
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn y_copies_the_selected_relation_through_osc_52() {
    let dir = scratch("copy");
    let file = seed_file(&dir);
    let mut screen = Recorder::new(120, 40);
    let mut steps = focus("lavrov");
    steps.extend([key(KeyCode::Tab), key(KeyCode::Char('y'))]);
    let app = explore(&mut screen, &file, false, &mut Script::new(steps));
    assert_eq!(screen.clipboard.len(), 1);
    let sequence = &screen.clipboard[0];
    assert!(
        sequence.starts_with("\u{1b}]52;c;") && sequence.ends_with("\u{1b}\\"),
        "{sequence:?}"
    );
    assert!(
        !sequence.contains("Lavrov"),
        "the text travels as base64, never as it is"
    );
    assert!(app.message().is_some_and(|m| m.starts_with("copied: ")));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn e_asks_for_the_editor_at_the_record_with_the_keys_paused() {
    let dir = scratch("edit");
    let file = seed_file(&dir);
    let mut screen = Recorder::new(120, 40);
    let mut steps = focus("lavrov");
    steps.push(key(KeyCode::Char('e')));
    let mut script = Script::new(steps);
    let app = explore(&mut screen, &file, false, &mut script);
    // Lines count from 1; the record opens a line or two above its id.
    let id_line = 1 + crate::load::EMBEDDED
        .lines()
        .position(|line| line.contains("id: \"lavrov\""))
        .expect("Lavrov's record");
    let (edited, at) = screen.edited.first().expect("the editor was asked for");
    assert_eq!(edited, &file);
    let at = at.expect("a line");
    assert!(
        (id_line - 2..=id_line).contains(&at),
        "the editor opens at line {at}, Lavrov's id is on line {id_line}"
    );
    assert_eq!((script.paused, script.resumed), (1, 1));
    assert_eq!(app.size(), (120, 40), "the size is asked again afterwards");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_mouse_key_and_ctrl_z_reach_the_terminal() {
    let dir = scratch("mouse");
    let file = seed_file(&dir);
    let mut screen = Recorder::new(100, 30);
    let steps = vec![key(KeyCode::Char('M')), ctrl('z'), key(KeyCode::Char('M'))];
    let app = explore(&mut screen, &file, false, &mut Script::new(steps));
    assert_eq!(screen.mouse, [false, true]);
    assert_eq!(screen.suspended, 1);
    assert!(app.mouse());
    let _ = std::fs::remove_dir_all(&dir);
}
