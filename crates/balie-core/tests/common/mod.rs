#![allow(dead_code, clippy::unwrap_used)]

use balie_core::app;
use balie_core::{Balie, LaunchOptions};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};

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

/// Serves `balie` to other desks on a free loopback port (in a thread, as the hosts do);
/// returns the address and the desk, shared with the server.
pub fn serve(balie: Balie) -> (String, Arc<Mutex<Balie>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("addr").to_string();
    let shared = Arc::new(Mutex::new(balie));
    let served = shared.clone();
    std::thread::spawn(move || {
        app::lan::serve(&listener, |f| {
            let mut b = served.lock().expect("lock");
            f(&mut b)
        });
    });
    (address, shared)
}

/// A second desk of `desk`'s congress in `dir`, joined with its key and a full bundle.
pub fn joined(dir: &Path, desk: &Balie) -> Balie {
    let full = desk
        .export_bundle(&balie_core::wire::sync::VersionVector::new())
        .expect("full bundle");
    Balie::join(
        &options(dir, false),
        &desk.congress_key_code().expect("key"),
        &full,
    )
    .expect("join")
}
