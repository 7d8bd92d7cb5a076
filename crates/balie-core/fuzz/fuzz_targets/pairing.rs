//! What a new laptop (or anyone on the network) sends an open pairing: `/pair/start` and
//! `/pair/finish` on arbitrary bytes, and requests sealed for `/pull` and `/bundle`. Never a
//! panic; garbage never counts as a try; nothing is written.
#![no_main]

#[path = "demo_desk.rs"]
mod demo_desk;

use balie_core::app::lan::handle;
use balie_core::wire::lan::Challenges;
use balie_core::Balie;
use libfuzzer_sys::fuzz_target;
use std::sync::{Mutex, OnceLock};

struct Desk {
    balie: Mutex<Balie>,
    challenges: Challenges,
    _dir: tempfile::TempDir,
}

fn desk() -> &'static Desk {
    static DESK: OnceLock<Desk> = OnceLock::new();
    DESK.get_or_init(|| {
        let (balie, dir) = demo_desk::start();
        Desk {
            balie: Mutex::new(balie),
            challenges: Challenges::default(),
            _dir: dir,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let desk = desk();
    let mut b = desk.balie.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if b.pairing_offer().ok().flatten().is_none() {
        b.open_pairing("127.0.0.1:7411").expect("open");
        b.lift_pairing_rate_limits();
    }
    let events = b.store().event_count().expect("count");
    let (path, body) = match data.first() {
        Some(0) => ("/pair/finish", &data[1..]),
        Some(1) => ("/pull", &data[1..]),
        Some(2) => ("/bundle", &data[1..]),
        _ => ("/pair/start", data),
    };
    let _ = handle(&mut b, &desk.challenges, "POST", path, body);
    assert_eq!(b.store().event_count().expect("count"), events, "nothing written");
});
