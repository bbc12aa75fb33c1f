//! The thin shell around the explorer: raw mode, the alternate screen,
//! mouse capture, and their restoration on quit, error, panic, SIGTERM and
//! SIGHUP. The only module of kgx that talks to the real terminal.
//!
//! The event loop is generic over the [`Screen`] it draws on (any ratatui
//! backend, and what only a terminal does: the mouse, the clipboard, the
//! editor, stopping) and the [`EventSource`] it reads, so live reload and
//! the effects run in tests on a `TestBackend` and a scripted queue.

use std::io::IsTerminal;
use std::io::{self, Stdout};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEvent, KeyEventKind,
    KeyModifiers,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::action::{Action, InputMode, Report};
use super::app::{App, Effect, RemoteStart};
use super::keymap::Keymap;
use super::loading::{self, Loading};
use super::ui::{
    self,
    theme::{Palette, Theme},
};
use super::watch;
use crate::formats::Request;
use crate::graph::KnowledgeGraph;
use crate::load::{LoadError, Warnings};

/// How the explorer should use the terminal.
#[derive(Clone, Debug)]
pub struct Options {
    /// Capture the mouse (clicks, wheel); off leaves text selection to the
    /// terminal.
    pub mouse: bool,
    /// Use colours (off under NO_COLOR).
    pub color: bool,
    /// The colours, from the config file.
    pub palette: Palette,
    /// The keys, from the config file.
    pub keymap: Keymap,
    /// The file to reload when it changes on disk, and how to read it;
    /// `None` leaves the graph as it was loaded.
    pub watch: Option<(PathBuf, Request)>,
    /// The files the graph was read from, which `:export` never writes.
    pub inputs: Vec<PathBuf>,
    /// Do not explore a graph whose reading changed or left out anything
    /// (`--deny-warnings`).
    pub deny_warnings: bool,
}

/// The graph to explore, with what reading it changed or left out.
pub type Graph = (KnowledgeGraph, Warnings);

/// Runs the explorer on a SPARQL endpoint instead of a graph in memory
/// (see `app::RemoteStart`), as [`run`] does.
pub fn run_remote(start: RemoteStart, options: Options) -> io::Result<()> {
    let signals = Signals::register()?;
    install_panic_hook();
    let mut held = Held::enter(options.mouse)?;
    let mut events = read_events();
    let open = |width, height| App::on_endpoint(start, width, height).map_err(io::Error::other);
    let result = event_loop(
        &mut held,
        open,
        Warnings::default(),
        options,
        &signals,
        &mut events,
    )
    .map(drop);
    drop(held);
    signals.record();
    result
}

/// How often the loop wakes without input, to notice SIGTERM and SIGHUP.
const SIGNAL_CHECK: Duration = Duration::from_millis(200);

/// How often a progress display or spinner moves.
const SPINNER_TICK: Duration = Duration::from_millis(100);

/// How long a key that started work the screen waits for (a filter's
/// match) holds its frame back for the result: a frame at 60 Hz. Drawn
/// together, the work has both cores meanwhile, and the screen changes
/// once instead of twice.
const HOLD_FOR_RESULT: Duration = Duration::from_millis(16);

/// How often the loop tells the app the time while time is an input: a
/// spinner turning, a question to an endpoint settling. Results of work
/// need no looking for: they wake the loop as input does.
const TIME_POLL: Duration = Duration::from_millis(10);

/// Runs the explorer on `graph` until the person quits or a termination
/// signal arrives; the terminal is restored in every case.
pub fn run((graph, warnings): Graph, options: Options) -> io::Result<()> {
    let signals = Signals::register()?;
    install_panic_hook();
    let mut held = Held::enter(options.mouse)?;
    let mut events = read_events();
    let open = |width, height| Ok(App::new(graph, width, height));
    let result = event_loop(&mut held, open, warnings, options, &signals, &mut events).map(drop);
    drop(held);
    signals.record();
    result
}

/// Drops `terminal` unless the terminal is gone. ratatui shows the cursor
/// when its `Terminal` is dropped and prints to standard error when it
/// cannot, which panics when standard error is that same dead terminal.
fn abandon_if_gone(terminal: Terminal<CrosstermBackend<Stdout>>) {
    if io::stdout().is_terminal() {
        drop(terminal);
    } else {
        std::mem::forget(terminal);
    }
}

/// How a load shown on the progress screen ended.
pub enum Opened {
    /// The graph loaded and the person explored it until they quit.
    Explored,
    /// The person cancelled the load (Esc, q, Ctrl-c) or a termination
    /// signal arrived.
    Cancelled,
    /// The file has problems; the terminal is restored, so they can be
    /// printed on the normal screen.
    Failed(LoadError),
    /// Reading the file changed or left out something, and
    /// `--deny-warnings` makes that an error; the terminal is restored.
    Denied(Warnings),
}

/// How often the progress screen is redrawn: the elapsed time and the
/// estimate move even when nothing else does.
const PROGRESS_TICK: Duration = Duration::from_millis(100);

/// Shows the progress of `loading` until it ends, then explores the graph
/// in the same terminal session; the terminal is restored in every case,
/// and before a failed load's problems are returned.
pub fn run_loading(loading: Loading, options: Options) -> io::Result<Opened> {
    let signals = Signals::register()?;
    install_panic_hook();
    let mut held = Held::enter(options.mouse)?;
    let mut events = read_events();
    let theme = Theme {
        color: options.color,
        palette: options.palette,
    };
    let loaded = loop {
        if signals.ended() {
            break None;
        }
        let suspended = signals.suspend.swap(false, Ordering::Relaxed);
        if suspended {
            held.suspend(options.mouse)?;
        }
        if signals.resumed.swap(false, Ordering::Relaxed) && !suspended {
            held.resume(options.mouse)?;
        }
        let snapshot = loading.snapshot();
        held.terminal()
            .draw(|frame| loading::draw(frame, &snapshot, theme))?;
        if let Some(loaded) = loading.wait(Duration::ZERO) {
            break Some(loaded);
        }
        match events.recv_timeout(PROGRESS_TICK) {
            Ok(Incoming::Input(Event::Key(key))) if is_ctrl_z(&key) => {
                signals.suspend.store(true, Ordering::Relaxed);
            }
            Ok(Incoming::Input(Event::Key(key))) => {
                let action = options.keymap.action(key, InputMode::Keys);
                if let Some(Action::Quit | Action::QuitNow | Action::Cancel) = action {
                    break None;
                }
            }
            Ok(_) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break None,
        }
    };
    let result = match loaded {
        None => Ok(Opened::Cancelled),
        Some(Err(error)) => Ok(Opened::Failed(error)),
        Some(Ok((_, warnings))) if options.deny_warnings && !warnings.is_empty() => {
            Ok(Opened::Denied(warnings))
        }
        Some(Ok((graph, warnings))) => {
            let open = |width, height| Ok(App::new(graph, width, height));
            event_loop(&mut held, open, warnings, options, &signals, &mut events)
                .map(|_| Opened::Explored)
        }
    };
    drop(held);
    signals.record();
    result
}

/// The signal that ended the explorer, if one did (0 if none).
static ENDED_BY: AtomicUsize = AtomicUsize::new(0);

/// The signal (SIGINT, SIGTERM, SIGHUP) that ended the last explorer
/// session, so that kgx exits with 128 + its number as shells expect.
pub fn ended_by_signal() -> Option<i32> {
    match ENDED_BY.load(Ordering::Relaxed) {
        0 => None,
        signal => i32::try_from(signal).ok(),
    }
}

/// Flags set by signals, which the loops check: a handler itself may do
/// almost nothing, and the terminal must be restored by the loop. The
/// default is flags no signal sets (for tests).
#[derive(Default)]
struct Signals {
    /// The number of the signal that asks kgx to end, or 0.
    ended: Arc<AtomicUsize>,
    /// SIGTSTP (`kill -TSTP`, or Ctrl-Z where the terminal sends it):
    /// restore the terminal, then stop.
    suspend: Arc<AtomicBool>,
    /// SIGCONT: the shell had the terminal; take it back and redraw.
    resumed: Arc<AtomicBool>,
}

impl Signals {
    fn register() -> io::Result<Signals> {
        use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
        let signals = Signals {
            ended: Arc::new(AtomicUsize::new(0)),
            suspend: Arc::new(AtomicBool::new(false)),
            resumed: Arc::new(AtomicBool::new(false)),
        };
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            let number = usize::try_from(signal).unwrap_or_default();
            signal_hook::flag::register_usize(signal, Arc::clone(&signals.ended), number)?;
        }
        signal_hook::flag::register(SIGTSTP, Arc::clone(&signals.suspend))?;
        signal_hook::flag::register(SIGCONT, Arc::clone(&signals.resumed))?;
        Ok(signals)
    }

    /// Ends as SIGHUP does: the terminal is gone.
    fn hang_up(&self) {
        let number = usize::try_from(signal_hook::consts::SIGHUP).unwrap_or_default();
        self.ended.store(number, Ordering::Relaxed);
    }

    fn ended(&self) -> bool {
        self.ended.load(Ordering::Relaxed) != 0
    }

    /// Keeps the ending signal for [`ended_by_signal`].
    fn record(&self) {
        ENDED_BY.store(self.ended.load(Ordering::Relaxed), Ordering::Relaxed);
    }
}

/// Ctrl-Z, which raw mode delivers as a key instead of SIGTSTP.
fn is_ctrl_z(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('z')
        && key.modifiers.contains(KeyModifiers::CONTROL)
        && key.kind == KeyEventKind::Press
}

/// Takes the terminal back after the process was stopped, however it was
/// stopped: raw mode, the alternate screen, the mouse, and a full redraw.
fn resume(terminal: &mut Terminal<CrosstermBackend<Stdout>>, mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        terminal.backend_mut(),
        EnterAlternateScreen,
        Clear(ClearType::All)
    )?;
    if mouse {
        execute!(terminal.backend_mut(), EnableMouseCapture)?;
    }
    // A fresh terminal paints every cell on its first draw. Terminal::clear
    // would ask for the cursor's position, and the answer would go to the
    // thread that reads keys.
    *terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok(())
}

/// The terminal while the explorer holds it: raw mode, the alternate
/// screen and the mouse, given back when this is dropped, on every way out
/// (return, error, `?`, unwinding), so none can forget to.
struct Held {
    terminal: Option<Terminal<CrosstermBackend<Stdout>>>,
}

impl Held {
    /// Takes the terminal.
    fn enter(mouse: bool) -> io::Result<Held> {
        enter(mouse).map(|terminal| Held {
            terminal: Some(terminal),
        })
    }

    /// The terminal to draw on.
    fn terminal(&mut self) -> &mut Terminal<CrosstermBackend<Stdout>> {
        self.terminal
            .as_mut()
            .unwrap_or_else(|| unreachable!("held until dropped"))
    }
}

/// What the event loop draws on, and what only a terminal does besides:
/// the real terminal in production, a `TestBackend` in tests.
trait Screen {
    /// The ratatui backend drawn on.
    type Backend: Backend;

    /// The terminal to draw on.
    fn terminal(&mut self) -> &mut Terminal<Self::Backend>;

    /// Turns mouse capture on or off.
    fn capture_mouse(&mut self, on: bool) -> io::Result<()>;

    /// Puts `text` on the clipboard, through the terminal (OSC 52).
    fn copy(&mut self, text: &str) -> io::Result<()>;

    /// Gives the terminal to the person's editor on `file` at `line` until
    /// it closes, then takes it back; the inner result says what went
    /// wrong with the editor, for the status line.
    fn edit(
        &mut self,
        file: &std::path::Path,
        line: Option<usize>,
        mouse: bool,
    ) -> io::Result<Result<(), String>>;

    /// Gives the terminal back to the shell and stops, as Ctrl-Z does in
    /// any program; once continued (`fg`), takes it again.
    fn suspend(&mut self, mouse: bool) -> io::Result<()>;

    /// Takes the terminal back after the process was stopped by someone
    /// else, and redraws it all.
    fn resume(&mut self, mouse: bool) -> io::Result<()>;

    /// Whether the terminal is still there (a closed terminal that sent
    /// no SIGHUP is noticed this way).
    fn present(&self) -> bool;
}

impl Screen for Held {
    type Backend = CrosstermBackend<Stdout>;

    fn terminal(&mut self) -> &mut Terminal<CrosstermBackend<Stdout>> {
        Held::terminal(self)
    }

    fn capture_mouse(&mut self, on: bool) -> io::Result<()> {
        let backend = self.terminal().backend_mut();
        if on {
            execute!(backend, EnableMouseCapture)
        } else {
            execute!(backend, DisableMouseCapture)
        }
    }

    fn copy(&mut self, text: &str) -> io::Result<()> {
        use io::Write;
        let backend = self.terminal().backend_mut();
        backend.write_all(osc52(text).as_bytes())?;
        io::Write::flush(backend)
    }

    fn edit(
        &mut self,
        file: &std::path::Path,
        line: Option<usize>,
        mouse: bool,
    ) -> io::Result<Result<(), String>> {
        leave();
        let edited = super::editor::edit(file, line);
        resume(self.terminal(), mouse)?;
        Ok(edited)
    }

    fn suspend(&mut self, mouse: bool) -> io::Result<()> {
        leave();
        // SIGSTOP cannot be caught: the process stops here until SIGCONT.
        signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
        resume(self.terminal(), mouse)
    }

    fn resume(&mut self, mouse: bool) -> io::Result<()> {
        resume(self.terminal(), mouse)
    }

    fn present(&self) -> bool {
        io::stdout().is_terminal()
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        leave();
        if let Some(terminal) = self.terminal.take() {
            abandon_if_gone(terminal);
        }
    }
}

fn enter(mouse: bool) -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
    enable_raw_mode()?;
    let setup = || -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
        let mut stdout = io::stdout();
        execute!(stdout, EnterAlternateScreen)?;
        if mouse {
            execute!(stdout, EnableMouseCapture)?;
        }
        // The alternate screen starts blank and the first draw paints every
        // cell, so no clear (which would query the cursor position) is needed.
        Terminal::new(CrosstermBackend::new(stdout))
    };
    // Whatever fails after raw mode is on, the terminal is put back.
    setup().inspect_err(|_| leave())
}

/// Puts the terminal back as it was; safe to call more than once.
fn leave() {
    let mut stdout = io::stdout();
    // Each step is attempted even if an earlier one fails: a half-restored
    // terminal is worse than a reported error.
    let _ = execute!(
        stdout,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

/// Restores the terminal before the panic message prints, so it is
/// readable and the shell is usable afterwards.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
}

/// What the event loop waits for: the person's input, or the result of
/// work done on another thread. Both come down one channel, so that a
/// result is drawn the moment it arrives.
enum Incoming {
    Input(Event),
    Done(Report),
    /// The terminal is read no more: its reader stopped on an error. (The
    /// channel itself stays open, for results.)
    InputEnded,
}

/// Terminal events, read on their own thread. crossterm can spin inside
/// `read` once the terminal is gone; on this thread that cannot keep the
/// loop from seeing SIGHUP and returning, which ends the process.
struct Events {
    receiver: mpsc::Receiver<Incoming>,
    /// Where other threads send their results, beside the input.
    sender: mpsc::Sender<Incoming>,
    /// Set while another program (the person's editor) reads the terminal.
    paused: Arc<AtomicBool>,
    /// Set by the reader once it has stopped reading for a pause.
    idle: Arc<AtomicBool>,
}

/// How long the reader waits for input before it looks whether it is
/// paused: the longest an editor started by `e` may wait for the terminal.
const READ_SLICE: Duration = Duration::from_millis(50);

/// Where the event loop's input comes from: the terminal's events in
/// production, a scripted queue in tests.
trait EventSource {
    /// The next input or result, waiting at most `wait`: `Timeout` when
    /// none came, `Disconnected` when no more will. `app` is the state so
    /// far, for a script that waits for something to happen.
    fn next(&mut self, app: &App, wait: Duration) -> Result<Incoming, RecvTimeoutError>;

    /// Where work done on other threads sends its result, for
    /// [`next`](Self::next) to hand back.
    fn results(&self) -> mpsc::Sender<Incoming>;

    /// Stops reading while another program (the person's editor) has the
    /// terminal.
    fn pause(&mut self) {}

    /// Reads again after [`pause`](Self::pause).
    fn resume(&mut self) {}
}

impl EventSource for Events {
    fn next(&mut self, _: &App, wait: Duration) -> Result<Incoming, RecvTimeoutError> {
        self.recv_timeout(wait)
    }

    fn results(&self) -> mpsc::Sender<Incoming> {
        self.sender.clone()
    }

    fn pause(&mut self) {
        Events::pause(self);
    }

    fn resume(&mut self) {
        Events::resume(self);
    }
}

impl Events {
    /// The next input or result; `Disconnected` once the terminal can be
    /// read no more, as no input will come.
    fn recv_timeout(&self, wait: Duration) -> Result<Incoming, RecvTimeoutError> {
        match self.receiver.recv_timeout(wait) {
            Ok(Incoming::InputEnded) => Err(RecvTimeoutError::Disconnected),
            received => received,
        }
    }

    /// Stops reading the terminal until [`Events::resume`], so another
    /// program gets every key; returns once the reader has stopped (or it
    /// is gone).
    fn pause(&self) {
        self.idle.store(false, Ordering::SeqCst);
        self.paused.store(true, Ordering::SeqCst);
        let deadline = Instant::now() + READ_SLICE * 20;
        while !self.idle.load(Ordering::SeqCst) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
    }
}

fn read_events() -> Events {
    let (sender, receiver) = mpsc::channel();
    let input = sender.clone();
    let paused = Arc::new(AtomicBool::new(false));
    let idle = Arc::new(AtomicBool::new(false));
    let (reader_paused, reader_idle) = (Arc::clone(&paused), Arc::clone(&idle));
    std::thread::spawn(move || {
        loop {
            if reader_paused.load(Ordering::SeqCst) {
                reader_idle.store(true, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(5));
                continue;
            }
            match event::poll(READ_SLICE) {
                Ok(true) => match event::read() {
                    Ok(event) => {
                        if input.send(Incoming::Input(event)).is_err() {
                            break;
                        }
                    }
                    Err(_) => break,
                },
                Ok(false) => {}
                Err(_) => break,
            }
        }
        let _ = input.send(Incoming::InputEnded);
    });
    Events {
        receiver,
        sender,
        paused,
        idle,
    }
}

/// The OSC 52 sequence that puts `text` on the clipboard: the text is
/// base64 inside it, so nothing in it reaches the terminal as it is.
fn osc52(text: &str) -> String {
    use ratatui::crossterm::Command;
    let mut sequence = String::new();
    // Writing into a String cannot fail.
    let _ = ratatui::crossterm::clipboard::CopyToClipboard::to_clipboard_from(text.as_bytes())
        .write_ansi(&mut sequence);
    sequence
}

/// Runs the explorer made by `open` for the screen's size until the
/// person quits, a termination signal arrives or the events end; the
/// explorer as it was left is handed back.
fn event_loop<S: Screen, E: EventSource>(
    screen: &mut S,
    open: impl FnOnce(u16, u16) -> io::Result<App>,
    warnings: Warnings,
    options: Options,
    signals: &Signals,
    events: &mut E,
) -> io::Result<App> {
    crate::allocator::reuse_freed_blocks();
    let size = screen.terminal().size().map_err(backend_error)?;
    let mut app = open(size.width, size.height)?
        .with_keymap(Arc::new(options.keymap.clone()))
        .with_warnings(warnings)
        // Findings are placed in the file's text only when the graph is
        // that one file, or the embedded seed.
        .with_lint(match options.inputs.as_slice() {
            [] => Some(crate::load::Input::Embedded),
            [file] => Some(crate::load::Input::Path(file.clone())),
            _ => None,
        });
    let theme = Theme {
        color: options.color,
        palette: options.palette,
    };
    if !options.mouse {
        app.update(Action::ToggleMouse);
    }
    let mut capturing = options.mouse;
    let mut dirty = true;
    // Results of work done on other threads come back as reports, beside
    // the input.
    let finished = events.results();
    let reloaded = finished.clone();
    let deliver = move |report| reloaded.send(Incoming::Done(report)).is_ok();
    // Kept alive for as long as the loop runs; dropping it stops watching.
    let _watcher = match &options.watch {
        Some((path, request)) => watch::start(path, request.clone(), deliver)
            .inspect_err(|err| {
                app.update(Report::Notify(format!("not watching the file: {err}")));
            })
            .ok(),
        None => None,
    };
    // What the app asked for before the loop (the first lint) starts now.
    let mut shell = Shell {
        finished,
        inputs: &options.inputs,
        events,
    };
    shell.perform_effects(&mut app, screen, capturing)?;
    let mut last_progress = Instant::now();
    // When the first input not yet drawn came.
    let mut undrawn_since: Option<Instant> = None;
    while !app.should_quit() && !signals.ended() {
        let suspended = signals.suspend.swap(false, Ordering::Relaxed);
        if suspended {
            screen.suspend(capturing)?;
        }
        let resumed = signals.resumed.swap(false, Ordering::Relaxed);
        if resumed && !suspended {
            screen.resume(capturing)?;
        }
        if suspended || resumed {
            // The terminal may have been resized while kgx was stopped.
            let size = screen.terminal().size().map_err(backend_error)?;
            app.update(Action::Resize {
                width: size.width,
                height: size.height,
            });
            dirty = true;
        }
        // Time is an input while a question to an endpoint waits for the
        // focus to settle or for its answer.
        if app.settling() || app.fetching() {
            app.update(Report::Tick(Instant::now()));
            shell.perform_effects(&mut app, screen, capturing)?;
        }
        let held = undrawn_since
            .filter(|_| app.busy())
            .map(|since| HOLD_FOR_RESULT.saturating_sub(since.elapsed()))
            .filter(|left| !left.is_zero());
        if dirty && held.is_none() {
            undrawn_since = None;
            let mut drawn = None;
            screen
                .terminal()
                .draw(|frame| drawn = Some(ui::draw_reporting(frame, &app, theme)))
                .map_err(backend_error)?;
            let scroll = app.evidence_scroll();
            if let Some(drawn) = drawn {
                app.update(Report::Drawn(drawn));
            }
            // A scroll the text no longer reaches is drawn again, pulled in.
            dirty = app.evidence_scroll() != scroll;
        }
        let wait = if app.busy() || app.settling() {
            TIME_POLL
        } else {
            SIGNAL_CHECK
        };
        let wait = held.map_or(wait, |left| left.min(wait));
        let event = match shell.events.next(&app, wait) {
            Ok(Incoming::Input(event)) => event,
            Ok(Incoming::Done(report)) => {
                app.update(report);
                shell.perform_effects(&mut app, screen, capturing)?;
                dirty = true;
                continue;
            }
            Err(RecvTimeoutError::Timeout) => {
                // A terminal closed without a SIGHUP (a program that never
                // made it our controlling terminal) leaves crossterm's reader
                // spinning and sends nothing; it is then no terminal any
                // more, so end as a hang-up would.
                if !screen.present() {
                    signals.hang_up();
                    break;
                }
                // A message times out back to the hints.
                if app.message_timing() {
                    app.update(Report::Tick(Instant::now()));
                    dirty |= !app.message_timing();
                }
                // Keep a progress display and the spinner moving, a few
                // times a second.
                if (app.busy() || app.fetching()) && last_progress.elapsed() >= SPINNER_TICK {
                    last_progress = Instant::now();
                    app.update(Report::Tick(last_progress));
                    dirty = true;
                }
                continue;
            }
            Ok(Incoming::InputEnded) | Err(RecvTimeoutError::Disconnected) => break,
        };
        let action = match event {
            // Ctrl-Z suspends, as in every terminal program; raw mode
            // delivers it as a key instead of SIGTSTP.
            Event::Key(key) if is_ctrl_z(&key) => {
                signals.suspend.store(true, Ordering::Relaxed);
                None
            }
            Event::Key(key) => app.keymap().action(key, app.input_mode()),
            Event::Mouse(mouse) if capturing => super::keymap::mouse_action(mouse),
            Event::Resize(width, height) => Some(Action::Resize { width, height }),
            _ => None,
        };
        if let Some(action) = action {
            app.update(action);
            shell.perform_effects(&mut app, screen, capturing)?;
            undrawn_since.get_or_insert_with(Instant::now);
            // The frame drawn for this input, once its result came or the
            // hold ran out, shows any spinner; the spinner's next turn
            // waits a tick, so that work done within a tick is not slowed
            // by redrawing beside it.
            last_progress = Instant::now();
            app.update(Report::Tick(last_progress));
            dirty = true;
        }
        if app.mouse() != capturing {
            capturing = app.mouse();
            screen.capture_mouse(capturing)?;
        }
    }
    Ok(app)
}

/// A backend's error as an I/O error: the loop's one kind of failure.
fn backend_error(error: impl std::fmt::Display) -> io::Error {
    io::Error::other(error.to_string())
}

/// What the loop needs to do what the app asks for.
struct Shell<'a, E> {
    /// Where results of work on other threads go.
    finished: mpsc::Sender<Incoming>,
    /// The files read, which an export must never overwrite.
    inputs: &'a [PathBuf],
    /// The events, paused while the person's editor runs.
    events: &'a mut E,
}

impl<E: EventSource> Shell<'_, E> {
    /// Does what the app asked for: files are written at once and
    /// reported in the status bar; computations go to a worker thread
    /// whose result comes back through `finished`; the clipboard is
    /// written through the terminal; the editor gets the terminal until
    /// it closes.
    fn perform_effects<S: Screen>(
        &mut self,
        app: &mut App,
        screen: &mut S,
        mouse: bool,
    ) -> io::Result<()> {
        for effect in app.take_effects() {
            match effect {
                Effect::Export {
                    graph,
                    format,
                    path,
                    force,
                    note,
                } => {
                    let report = export(&graph, format, &path, force, self.inputs);
                    let report = match note {
                        Some(note) => format!("{report}; {note}"),
                        None => report,
                    };
                    app.update(Report::Notify(report));
                }
                Effect::Compute(task) => {
                    let finished = self.finished.clone();
                    std::thread::spawn(move || {
                        if let Some(report) = task.run() {
                            // The loop may have ended; then the result is moot.
                            let _ = finished.send(Incoming::Done(report));
                        }
                    });
                }
                Effect::Copy(text) => {
                    if let Err(err) = screen.copy(&text) {
                        app.update(Report::Notify(format!("could not copy: {err}")));
                    }
                }
                Effect::Edit { file, line } => {
                    self.events.pause();
                    let edited = screen.edit(&file, line, mouse);
                    self.events.resume();
                    if let Err(problem) = edited? {
                        app.update(Report::Notify(problem));
                    }
                    let size = screen.terminal().size().map_err(backend_error)?;
                    app.update(Action::Resize {
                        width: size.width,
                        height: size.height,
                    });
                }
            }
        }
        Ok(())
    }
}

/// Writes what `:export` asked for and says how it went.
fn export(
    graph: &KnowledgeGraph,
    format: crate::formats::Format,
    path: &std::path::Path,
    force: bool,
    inputs: &[PathBuf],
) -> String {
    let guard = crate::save::Guard {
        inputs: inputs.to_vec(),
        force,
    };
    match crate::formats::write_file(graph, format, path, &guard, Default::default()) {
        Ok(saved) => {
            let mut report = format!(
                "wrote {} actors and {} relations to {}",
                graph.actor_count(),
                graph.relation_count(),
                saved
                    .files
                    .iter()
                    .map(|file| file.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            for warning in saved.warnings {
                report.push_str("; ");
                report.push_str(&warning);
            }
            report
        }
        Err(error) => error.to_string(),
    }
}

#[cfg(test)]
mod tests;
