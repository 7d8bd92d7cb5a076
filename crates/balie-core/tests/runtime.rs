//! The app layer's runtime as both hosts run it, on loopback: one desk serves, another has
//! an exchange loop for it and receives a check-in by itself; forgetting the peer ends the
//! loop; the rolling backup writes copies on its own. Traffic goes to 127.0.0.1 only
//! (`bind` serves without mDNS discovery), and every wait has a deadline.

mod common;

use balie_core::app::runtime::Runtime;
use balie_core::domain::checkin::CheckinSource;
use common::{joined, start};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const THU: &str = "day-2023-12-07";

/// The runtime's reports, kept for the test to read.
fn collecting() -> (Arc<Mutex<Vec<String>>>, balie_core::app::runtime::Report) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let into = seen.clone();
    (
        seen,
        Box::new(move |m: &str| into.lock().expect("lock").push(m.to_string())),
    )
}

/// Polls `done` until it holds or `limit` passes (monotonic clock); whether it held.
fn within(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    done()
}

#[test]
fn a_peer_loop_brings_a_check_in_over_and_ends_when_the_peer_is_forgotten() {
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let mut a = start(dir_a.path(), true);
    a.set_staff("Anna").expect("staff");
    let b = joined(dir_b.path(), &a);
    let person = a
        .attendees()
        .expect("people")
        .into_iter()
        .find(|p| p.thursday)
        .expect("thursday");
    let (_, report_a) = collecting();
    let (seen_b, report_b) = collecting();
    let a = Runtime::new(a, report_a);
    let b = Runtime::new(b, report_b);
    let address = a.bind("127.0.0.1:0").expect("bind");
    assert_eq!(a.listening().as_deref(), Some(address.as_str()));

    a.with(|d| d.check_in(THU, &person.id, None, CheckinSource::Scan))
        .expect("check in at A");
    b.start_network(None, std::slice::from_ref(&address));
    // The same address twice is one loop.
    b.add_peer(address.clone());
    assert_eq!(b.exchanging_with(), vec![address.clone()]);
    let present_at_b = || {
        b.with(|d| d.desk_search(&person.last_name, THU))
            .map(|hits| {
                hits.iter()
                    .any(|h| h.attendee.id == person.id && h.presence.present)
            })
            .unwrap_or(false)
    };
    assert!(
        within(Duration::from_secs(20), present_at_b),
        "B never received A's check-in: {:?}",
        seen_b.lock().expect("lock")
    );
    let peers = b.with(|d| Ok(d.peers())).expect("peers");
    assert!(
        peers
            .iter()
            .any(|p| p.address == address && p.error.is_none()),
        "{peers:?}"
    );

    b.with(|d| d.forget_peer(&address)).expect("forget");
    assert!(
        within(Duration::from_secs(20), || b.exchanging_with().is_empty()),
        "the loop did not end after the peer was forgotten"
    );
    assert!(
        seen_b
            .lock()
            .expect("lock")
            .iter()
            .any(|m| m.starts_with(&format!("{address}: niet meer uitgewisseld"))),
        "{:?}",
        seen_b.lock().expect("lock")
    );
}

#[test]
fn a_peer_that_does_not_answer_is_reported_once_not_every_turn() {
    let dir = tempfile::tempdir().expect("dir");
    let (seen, report) = collecting();
    let rt = Runtime::new(start(dir.path(), true), report);
    // A port nobody listens on: bind one, note it, close it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let away = format!("127.0.0.1:{port}");
    rt.add_peer(away.clone());
    let failed = || {
        rt.with(|d| Ok(d.peers()))
            .map(|p| p.iter().any(|s| s.address == away && s.error.is_some()))
            .unwrap_or(false)
    };
    assert!(
        within(Duration::from_secs(20), failed),
        "no failed exchange recorded"
    );
    // Two more turns of the loop (every few seconds) would report twice more.
    std::thread::sleep(balie_core::wire::lan::EXCHANGE_EVERY * 2 + Duration::from_millis(500));
    let reports: Vec<String> = seen
        .lock()
        .expect("lock")
        .iter()
        .filter(|m| m.starts_with(&format!("{away}: ")))
        .cloned()
        .collect();
    assert_eq!(reports.len(), 1, "{reports:?}");
}

#[test]
fn the_rolling_backup_writes_copies_by_itself() {
    let dir = tempfile::tempdir().expect("dir");
    let (seen, report) = collecting();
    let rt = Runtime::new(start(dir.path(), true), report);
    let backups = dir.path().join("backups");
    let count = || std::fs::read_dir(&backups).map_or(0, |d| d.count());
    assert_eq!(count(), 0);
    rt.start_backups(Duration::from_millis(100));
    assert!(
        within(Duration::from_secs(20), || count() >= 1),
        "no rolling backup: {:?}",
        seen.lock().expect("lock")
    );
    rt.backup_now();
    assert!(count() >= 1);
    assert!(seen.lock().expect("lock").is_empty(), "{:?}", seen.lock());
}

#[test]
fn a_core_that_did_not_start_is_kept_as_its_reason() {
    let file = tempfile::NamedTempFile::new().expect("file");
    // A data folder that is a file cannot be used.
    let opts = Ok(common::options(file.path(), false));
    let (seen, report) = collecting();
    let rt = Runtime::start(&opts, report);
    let why = rt.failed().expect("failed");
    let err = rt.with(|d| d.app_info()).expect_err("no core");
    assert_eq!(err.code, why.code);
    assert!(!rt.kiosk_on());
    rt.backup_now();
    assert!(seen.lock().expect("lock").is_empty(), "{:?}", seen.lock());
}

#[test]
fn a_found_desk_that_cannot_prove_the_key_is_dropped_after_one_try() {
    let (dir_b, dir_x) = (
        tempfile::tempdir().expect("b"),
        tempfile::tempdir().expect("x"),
    );
    // A desk of another congress, serving on loopback, "found" by B.
    let stranger = Runtime::new(start(dir_x.path(), true), Box::new(|_| {}));
    let address = stranger.bind("127.0.0.1:0").expect("bind");
    let (_, report) = collecting();
    let b = Runtime::new(start(dir_b.path(), true), report);
    b.add_hint(address.clone());
    assert!(
        within(Duration::from_secs(20), || b.exchanging_with().is_empty()),
        "the loop for a hint that failed to prove the key did not end"
    );
    let peers = b.with(|d| Ok(d.peers())).expect("peers");
    assert!(!peers.iter().any(|p| p.address == address), "{peers:?}");
    // Refused, and noted in the stranger's own log with where it came from.
    let log = stranger.network_status().refused;
    assert!(log.iter().any(|r| r.from == "127.0.0.1"), "{log:?}");
}

#[test]
fn three_hundred_fake_desks_make_at_most_sixteen_loops() {
    let dir = tempfile::tempdir().expect("dir");
    let rt = Runtime::new(start(dir.path(), true), Box::new(|_| {}));
    // Addresses where nobody listens (ports of a listener bound and closed again).
    let ports: Vec<u16> = (0..300)
        .map(|_| {
            std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .expect("port")
                .port()
        })
        .collect();
    for port in ports {
        rt.add_hint(format!("127.0.0.1:{port}"));
    }
    assert!(
        rt.exchanging_with().len() <= balie_core::wire::discovery::MAX_FOUND,
        "{} loops",
        rt.exchanging_with().len()
    );
}

#[test]
fn a_desk_that_listened_only_for_a_pairing_stops_when_it_is_closed_unused() {
    let dir = tempfile::tempdir().expect("dir");
    let rt = Runtime::new(start(dir.path(), true), Box::new(|_| {}));
    assert_eq!(rt.listening(), None);
    let offer = rt.open_pairing_at("127.0.0.1:0", false).expect("open");
    let address = rt.listening().expect("listening for the pairing");
    assert!(offer
        .address
        .ends_with(address.rsplit_once(':').expect("port").1));
    assert!(std::net::TcpStream::connect(&address).is_ok());
    rt.with(|b| {
        b.close_pairing();
        Ok(())
    })
    .expect("close");
    assert!(
        within(Duration::from_secs(10), || rt.listening().is_none()),
        "still listening after the pairing was closed unused"
    );
    assert!(
        within(Duration::from_secs(10), || std::net::TcpStream::connect(
            &address
        )
        .is_err()),
        "the port still answers"
    );
}

#[test]
fn a_panic_while_holding_the_desk_does_not_stop_the_desk() {
    let dir = tempfile::tempdir().expect("dir");
    let rt = Runtime::new(start(dir.path(), true), Box::new(|_| {}));
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = rt.with(|_| -> balie_core::Result<()> { panic!("a bug in a handler") });
    }));
    assert!(panicked.is_err());
    // The lock is not poisoned for good: the desk answers.
    let info = rt.with(|d| d.app_info()).expect("the desk still answers");
    assert_eq!(info.attendee_count, 400);
}
