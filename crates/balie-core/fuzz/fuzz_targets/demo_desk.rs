//! The demo desk a fuzz target works on: started once per process in a folder of its own,
//! on the fixed congress clock.

use balie_core::{Balie, LaunchOptions};

/// A started demo desk and the folder it lives in (removed with it).
pub fn start() -> (Balie, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("dir");
    let balie = Balie::start(&LaunchOptions {
        data_dir: Some(dir.path().to_path_buf()),
        demo: true,
        now: Some("2023-12-07T15:20:00+01:00".into()),
        clock_runs: false,
        printer: None,
        listen: None,
        peers: Vec::new(),
    })
    .expect("start");
    (balie, dir)
}
