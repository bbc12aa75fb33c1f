//! What the integration tests share: the explorer's state driven without a
//! terminal (`app`), kgx run as a command (`binary`) or in a
//! pseudo-terminal (`terminal`), both in one environment (`environment`),
//! and a folder for a test's files (`scratch`).
#![allow(dead_code, reason = "each test file uses the part it needs")]

pub mod app;
pub mod binary;
pub mod environment;
pub mod scratch;
pub mod terminal;
