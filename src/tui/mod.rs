//! The interactive explorer. `app` holds the state and its `update`,
//! `keymap` turns terminal events into actions, `ui` draws; only `terminal`
//! and `run` below touch the real terminal.

pub mod action;
pub mod app;
mod editor;
mod filter;
pub mod geometry;
mod history;
pub mod keymap;
pub mod loading;
mod terminal;
pub mod ui;
mod watch;

pub use app::RemoteStart;
pub use terminal::{Opened, Options, ended_by_signal, run, run_loading, run_remote};
