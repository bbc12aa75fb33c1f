//! `kgx config` as a person uses it to start, find and check a config.

use std::path::PathBuf;
use std::process::{Command, Output};

/// A scratch folder for one test, removed when it ends; it also stands in
/// for the config directory, so no one's own config is read.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("kgx-config-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        Scratch(dir)
    }

    fn kgx(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_kgx"))
            .args(args)
            .env("XDG_CONFIG_HOME", &self.0)
            .env("HOME", &self.0)
            .env("APPDATA", &self.0)
            .env_remove("NO_COLOR")
            .output()
            .expect("kgx runs")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

#[test]
fn the_default_config_saved_where_kgx_looks_is_valid() {
    let scratch = Scratch::new("default");
    let path = scratch.kgx(&["config", "--path"]);
    assert!(path.status.success());
    let path = PathBuf::from(text(&path.stdout).trim_end());
    assert!(path.starts_with(&scratch.0), "{}", path.display());
    assert!(path.ends_with("kgx/config.ron"), "{}", path.display());

    let missing = scratch.kgx(&["config"]);
    assert!(missing.status.success());
    assert!(text(&missing.stdout).contains("no config file, so kgx uses the defaults"));

    let default = scratch.kgx(&["config", "--default"]);
    assert!(default.status.success());
    let default = text(&default.stdout);
    assert!(default.contains("\"quit\": [\"q\"],"), "{default}");
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("config folder");
    std::fs::write(&path, &default).expect("save the default");
    let checked = scratch.kgx(&["config"]);
    assert!(checked.status.success(), "{}", text(&checked.stderr));
    assert_eq!(
        text(&checked.stdout),
        format!("{}: valid\n", path.display())
    );
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
    let output = scratch.kgx(&["config", "--config", &path]);
    assert_eq!(output.status.code(), Some(1));
    let errors = text(&output.stderr);
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
    let output = scratch.kgx(&["config", "--config", "no-such-config.ron"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("cannot read no-such-config.ron"));
}
