//! Running the real `balie-cli` binary in the tests.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// `balie-cli --data-dir DIR --now NOW ARGS`, without the caller's environment.
pub fn cli_at(dir: &Path, now: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_balie-cli"))
        .arg("--data-dir")
        .arg(dir)
        .args(["--now", now])
        .args(args)
        .env_remove("BALIE_DATA_DIR")
        .env_remove("BALIE_DEMO")
        .env_remove("BALIE_NOW")
        .output()
        .expect("run balie-cli")
}

/// What a command that must succeed printed.
pub fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).expect("utf-8")
}
