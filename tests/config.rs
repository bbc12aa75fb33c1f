//! `kgx config` as a person uses it to start, find and check a config.

mod common;

use std::path::PathBuf;
use std::process::Output;

use common::binary::{Kgx, stderr, stdout};
use common::scratch::Scratch;

/// `kgx ARGS…` with the scratch folder as its config and home directory.
fn kgx_at_home(scratch: &Scratch, args: &[&str]) -> Output {
    Kgx::new(args)
        .env("XDG_CONFIG_HOME", &scratch.0)
        .env("HOME", &scratch.0)
        .env("APPDATA", &scratch.0)
        .run()
}

#[test]
fn the_default_config_saved_where_kgx_looks_is_valid() {
    let scratch = Scratch::new("default");
    let path = kgx_at_home(&scratch, &["config", "--path"]);
    assert!(path.status.success());
    let path = PathBuf::from(stdout(&path).trim_end());
    assert!(path.starts_with(&scratch.0), "{}", path.display());
    assert!(path.ends_with("kgx/config.ron"), "{}", path.display());

    let missing = kgx_at_home(&scratch, &["config"]);
    assert!(missing.status.success());
    assert!(stdout(&missing).contains("no config file, so kgx uses the defaults"));

    let default = kgx_at_home(&scratch, &["config", "--default"]);
    assert!(default.status.success());
    let default = stdout(&default);
    assert!(default.contains("\"quit\": [\"q\"],"), "{default}");
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("config folder");
    std::fs::write(&path, &default).expect("save the default");
    let checked = kgx_at_home(&scratch, &["config"]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert_eq!(stdout(&checked), format!("{}: valid\n", path.display()));
}

#[test]
fn a_broken_config_is_reported_with_every_problem() {
    let scratch = Scratch::new("broken");
    let path = scratch.0.join("mine.ron");
    std::fs::write(
        &path,
        "(\n    theme: \"ligth\",\n    keys: {\n        \"help\": [\"h\"],\n        \"up\": [\"h\"],\n    },\n)\n",
    )
    .expect("write");
    let path = path.display().to_string();
    let output = kgx_at_home(&scratch, &["config", "--config", &path]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(errors.contains("unknown theme \"ligth\""), "{errors}");
    assert!(errors.contains("did you mean \"light\"?"), "{errors}");
    assert!(
        errors.contains("the key h is bound to both \"help\" and \"up\""),
        "{errors}"
    );
    assert!(errors.contains(&format!("{path}:5:16")), "{errors}");
    assert!(errors.contains("has 2 problems"), "{errors}");
}

#[test]
fn a_config_named_on_the_command_line_must_exist() {
    let scratch = Scratch::new("missing");
    let output = kgx_at_home(&scratch, &["config", "--config", "no-such-config.ron"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cannot read no-such-config.ron"));
}
