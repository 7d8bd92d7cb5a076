//! The bundle reader, as a USB stick's bundle reaches a desk: the raw bytes as a bundle
//! file (the seal refuses nearly all of them), and the same bytes sealed with the desk's
//! congress key, so that what lies behind the seal (the body's JSON, then the merge's
//! checks of every event: signature, desk, number, clock) gets them too. Never a panic;
//! whatever is refused leaves the desk as it was.
#![no_main]

#[path = "demo_desk.rs"]
mod demo_desk;

use balie_core::wire::sync::{parse_key_code, seal};
use balie_core::Balie;
use libfuzzer_sys::fuzz_target;
use std::sync::{Mutex, OnceLock};

struct Desk {
    balie: Mutex<Balie>,
    key: [u8; 32],
    _dir: tempfile::TempDir,
}

fn desk() -> &'static Desk {
    static DESK: OnceLock<Desk> = OnceLock::new();
    DESK.get_or_init(|| {
        let (balie, dir) = demo_desk::start();
        let key = parse_key_code(&balie.congress_key_code().expect("key")).expect("code");
        Desk {
            balie: Mutex::new(balie),
            key,
            _dir: dir,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let desk = desk();
    let mut balie = desk.balie.lock().unwrap_or_else(|e| e.into_inner());
    let _ = balie.import_bundle(data);
    if let Ok(sealed) = seal(&desk.key, data) {
        let _ = balie.import_bundle(&sealed);
    }
});
