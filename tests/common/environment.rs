//! The one environment every kgx a test starts runs in, whether as a
//! command or in a pseudo-terminal, so that no test depends on the shell
//! it was started from.

/// Variables taken away: `NO_COLOR`, so that output to a pipe has to be
/// plain on its own and a terminal's colours can be seen; and the locale,
/// so that RDF names are taken in the default language.
pub const UNSET: [&str; 4] = ["NO_COLOR", "LANG", "LC_ALL", "LC_MESSAGES"];

/// `XDG_CONFIG_HOME`: a folder that does not exist, so kgx finds no config
/// and takes the defaults rather than the settings of whoever runs the
/// tests. A test that means to give kgx a config sets its own.
pub const CONFIG_HOME: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config");
