//! kgx: explore a knowledge graph of actors and dated, sourced relations.
//!
//! The library is the pure core: the data model ([`model`]), loading and
//! validation with diagnostics ([`load`]), and the graph with its queries
//! ([`graph`]). The command line ([`cli`]) is a thin layer on top.

pub mod cli;
pub mod export;
pub mod graph;
pub mod load;
pub mod model;
pub mod suggest;
pub mod tui;
