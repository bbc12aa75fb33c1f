//! kgx: explore a knowledge graph of actors and dated, sourced relations.
//!
//! The pure core knows nothing of terminals: the data model ([`model`]),
//! loading and validation with diagnostics ([`load`]), the graph and its
//! queries ([`graph`]), writers ([`export`]), generated graphs of any
//! size ([`synthetic`]) and the one function that makes data safe to show
//! on a terminal ([`safe_text`]), and the one way files are written
//! ([`save`]). On top of it sit the command line ([`cli`]) and the
//! explorer ([`tui`]), whose state and views are plain values and functions;
//! only `tui::run` touches a real terminal.

pub mod allocator;
pub mod cli;
pub mod config;
pub mod export;
pub mod formats;
pub mod graph;
pub mod lint;
pub mod load;
pub mod model;
pub mod remote;
pub mod safe_text;
pub mod save;
pub mod suggest;
pub mod synthetic;
pub mod tui;
