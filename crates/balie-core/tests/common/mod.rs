#![allow(dead_code, clippy::unwrap_used)]

use balie_core::{Balie, LaunchOptions};
use std::path::Path;

pub fn options(dir: &Path, demo: bool) -> LaunchOptions {
    LaunchOptions {
        data_dir: Some(dir.to_path_buf()),
        demo,
        now: Some("2023-12-07T15:20:00+01:00".into()),
        clock_runs: false,
        printer: None,
        listen: None,
        peers: Vec::new(),
    }
}

pub fn start(dir: &Path, demo: bool) -> Balie {
    Balie::start(&options(dir, demo)).expect("start")
}
