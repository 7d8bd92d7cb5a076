//! Desks exchanging over the network on loopback, through the real core: one serves, the
//! other exchanges with it; both end with the same events and see a double check-in as
//! "also checked in". A desk of another congress gets nothing.

mod common;

use balie_core::app;
use balie_core::domain::checkin::CheckinOutcome;
use balie_core::domain::checkin::CheckinSource;
use balie_core::wire::lan;
use balie_core::wire::sync::VersionVector;
use balie_core::Balie;
use common::{joined, serve, start};
use std::net::TcpListener;
use std::sync::Mutex;

const THU: &str = "day-2023-12-07";

/// Desk A served on loopback (its address, and A shared with the server) and desk B joined
/// to it, ready to exchange with [`exchange_from`].
fn served_and_joined(
    dir_a: &std::path::Path,
    dir_b: &std::path::Path,
) -> (String, std::sync::Arc<Mutex<Balie>>, Mutex<Balie>) {
    let (a, b) = two_desks(dir_a, dir_b);
    let (address, a) = serve(a);
    (address, a, Mutex::new(b))
}

/// One exchange of `desk` with the desk at `address`, as a host's loop runs it.
fn exchange_from(desk: &Mutex<Balie>, address: &str) -> lan::PeerStatus {
    app::lan::exchange(address, |f| f(&mut desk.lock().expect("lock")))
}

/// Desk A (demo data, Anna) and desk B joined to it (Bert).
fn two_desks(dir_a: &std::path::Path, dir_b: &std::path::Path) -> (Balie, Balie) {
    let mut a = start(dir_a, true);
    a.set_staff("Anna").expect("staff");
    let mut b = joined(dir_b, &a);
    b.set_staff("Bert").expect("staff");
    (a, b)
}

#[test]
fn two_desks_converge_over_the_network_and_a_stranger_gets_nothing() {
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let (mut a, mut b) = two_desks(dir_a.path(), dir_b.path());

    let person = a
        .attendees()
        .expect("people")
        .into_iter()
        .find(|p| p.thursday)
        .expect("thursday");
    for desk in [&mut a, &mut b] {
        let out = desk
            .check_in(THU, &person.id, None, CheckinSource::Scan)
            .expect("in");
        assert!(matches!(out, CheckinOutcome::CheckedIn { .. }));
    }
    let (address, a) = serve(a);
    let b = Mutex::new(b);
    let with_b = |f: &mut dyn FnMut(&mut Balie) -> balie_core::Result<Vec<u8>>| {
        let mut guard = b.lock().expect("lock");
        f(&mut guard)
    };
    let status = app::lan::exchange(&address, with_b);
    assert_eq!(status.error, None);
    // B sends its key's announcement (its first event, written when it joined) and its
    // check-in.
    assert_eq!((status.received, status.sent), (1, 2), "{status:?}");
    assert!(status.desk_name.is_some() && status.last_exchange.is_some());
    let again = app::lan::exchange(&address, with_b);
    assert_eq!(
        (again.received, again.sent),
        (0, 0),
        "nothing new the second time"
    );
    // "Events behind": 0 after a good exchange; while the peer is away, this desk's new
    // events count up.
    {
        let mut desk = b.lock().expect("lock");
        desk.record_peer(again);
        assert_eq!(desk.peers()[0].behind, 0);
        let other = desk
            .attendees()
            .expect("people")
            .into_iter()
            .find(|p| p.thursday && p.id != person.id)
            .expect("another");
        desk.check_in(THU, &other.id, None, CheckinSource::Scan)
            .expect("in");
        desk.record_peer(app::lan::exchange("127.0.0.1:9", |_| Ok(Vec::new())));
        let peers = desk.peers();
        assert_eq!(peers.len(), 2);
        let known = peers.iter().find(|p| p.address == address).expect("peer");
        assert_eq!(known.behind, 1, "{known:?}");
    }
    let third = app::lan::exchange(&address, with_b);
    assert_eq!(third.sent, 1);

    {
        let a = a.lock().expect("lock");
        let b = b.lock().expect("lock");
        assert_eq!(
            a.version_vector().expect("vv"),
            b.version_vector().expect("vv")
        );
        for desk in [&*a, &*b] {
            let hit = desk
                .desk_search(&person.badge_code, THU)
                .expect("search")
                .remove(0);
            assert_eq!(hit.presence.also.len(), 1);
        }
    }

    // A desk of another congress (its own key) is refused and receives nothing.
    let dir_c = tempfile::tempdir().expect("c");
    let c = Mutex::new(start(dir_c.path(), true));
    let before = c
        .lock()
        .expect("lock")
        .store()
        .event_count()
        .expect("count");
    let refused = app::lan::exchange(&address, |f| {
        let mut guard = c.lock().expect("lock");
        f(&mut guard)
    });
    let error = refused.error.expect("refused");
    // It learns nothing but "refused" (the reason is in the serving desk's own log).
    assert!(
        error.contains("weigerde het verzoek (zonder reden"),
        "{error}"
    );
    assert!(!error.contains("sleutel"), "{error}");
    assert_eq!(
        c.lock()
            .expect("lock")
            .store()
            .event_count()
            .expect("count"),
        before
    );

    // Nobody listening: a clear message, not a hang.
    let closed = TcpListener::bind("127.0.0.1:0").expect("bind");
    let gone = closed.local_addr().expect("addr").to_string();
    drop(closed);
    let unreachable = app::lan::exchange(&gone, with_b);
    assert!(unreachable
        .error
        .expect("error")
        .contains("niet bereikbaar"));
}

#[test]
fn nothing_between_desks_travels_in_clear() {
    let dir_a = tempfile::tempdir().expect("a");
    let dir_b = tempfile::tempdir().expect("b");
    let mut a = start(dir_a.path(), true);
    let b = joined(dir_b.path(), &a);
    let name_a = a.app_info().expect("info").desk_name;
    let congress = a.congress_id().expect("congress");
    let visible = |bytes: &[u8], what: &str| String::from_utf8_lossy(bytes).contains(what);
    // The bundle and the report answering it.
    let bundle = b.export_bundle(&VersionVector::new()).expect("bundle");
    assert!(!visible(&bundle, &congress));
    let challenges = lan::Challenges::default();
    let challenge = hello(&mut a, &challenges);
    let request = b
        .seal_message(&lan::envelope(&challenge, "/bundle", "request", &bundle))
        .expect("seal");
    let report =
        app::lan::handle(&mut a, &challenges, "POST", "/bundle", &request).expect("report");
    assert!(report.starts_with(b"BALIE-BERICHT 2\n"));
    assert!(!visible(&report, &name_a) && !visible(&report, "received"));
    // A request in clear is refused, and the reason stays here.
    let plain = format!(r#"{{"congress_id":"{congress}","vector":{{}}}}"#);
    let err = app::lan::handle(&mut a, &challenges, "POST", "/pull", plain.as_bytes())
        .expect_err("plain");
    assert!(
        matches!(&err, lan::Refusal::Unproven(e) if e.to_string().contains("niet ondertekend")),
        "{err:?}"
    );
}

/// A challenge from `desk`, as `/hello` answers it.
fn hello(desk: &mut Balie, challenges: &lan::Challenges) -> String {
    let bytes = app::lan::handle(desk, challenges, "POST", "/hello", b"").expect("hello");
    String::from_utf8(bytes).expect("text")
}

#[test]
fn a_captured_request_replayed_or_sent_to_another_path_gets_nothing() {
    let dir_a = tempfile::tempdir().expect("a");
    let dir_b = tempfile::tempdir().expect("b");
    let mut a = start(dir_a.path(), true);
    let b = joined(dir_b.path(), &a);
    let challenges = lan::Challenges::default();
    let have = serde_json::json!({ "congress_id": a.congress_id().expect("id"), "vector": {} });
    let have = serde_json::to_vec(&have).expect("json");
    let challenge = hello(&mut a, &challenges);
    let pull = b
        .seal_message(&lan::envelope(&challenge, "/pull", "request", &have))
        .expect("seal");
    let answer = app::lan::handle(&mut a, &challenges, "POST", "/pull", &pull).expect("first");
    let opened = b.open_message(&answer).expect("sealed answer");
    let (theirs, bundle) =
        lan::open_envelope(&opened, "/pull", "response").expect("an answer to /pull");
    assert_eq!(theirs, challenge);
    assert!(!bundle.is_empty());
    // The same bytes again: the challenge is used up.
    let again = app::lan::handle(&mut a, &challenges, "POST", "/pull", &pull).expect_err("replay");
    assert!(
        matches!(&again, lan::Refusal::Unproven(e) if e.to_string().contains("herhaald")),
        "{again:?}"
    );
    // A request sealed for /pull, sent to /bundle, with a fresh challenge of its own.
    let fresh = hello(&mut a, &challenges);
    let moved = b
        .seal_message(&lan::envelope(&fresh, "/pull", "request", &have))
        .expect("seal");
    assert!(app::lan::handle(&mut a, &challenges, "POST", "/bundle", &moved).is_err());
    // An answer is not a request: sent back, it is refused.
    assert!(app::lan::handle(&mut a, &challenges, "POST", "/pull", &answer).is_err());
    // A made-up challenge is refused.
    let made_up = b
        .seal_message(&lan::envelope(&"0".repeat(32), "/pull", "request", &have))
        .expect("seal");
    assert!(app::lan::handle(&mut a, &challenges, "POST", "/pull", &made_up).is_err());
}

#[test]
fn a_desk_names_an_address_other_desks_can_reach() {
    assert_eq!(lan::reachable_address("127.0.0.1:7411"), "127.0.0.1:7411");
    assert_eq!(
        lan::reachable_address("192.168.1.10:7411"),
        "192.168.1.10:7411"
    );
    let wildcard = lan::reachable_address("0.0.0.0:7411");
    let (ip, port) = wildcard.rsplit_once(':').expect("ip:port");
    assert_eq!(port, "7411");
    let ip: std::net::IpAddr = ip.parse().expect("an ip");
    assert!(!ip.is_unspecified(), "{wildcard}");
}

#[test]
fn a_desk_that_left_is_forgotten_and_stays_out_of_the_status_line() {
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let (address, _a, b) = served_and_joined(dir_a.path(), dir_b.path());
    let status = exchange_from(&b, &address);
    assert_eq!(status.error, None);
    let mut desk = b.lock().expect("lock");
    desk.remember_peer(&address).expect("remember");
    desk.remember_peer("192.0.2.7:7411")
        .expect("remember another");
    desk.record_peer(status.clone());
    assert_eq!(desk.peers().len(), 1);

    // An address this desk does not exchange with: a Dutch message, nothing changes.
    let e = desk.forget_peer("192.0.2.99:7411").expect_err("unknown");
    assert!(
        e.to_string().contains("wisselt deze balie niets uit"),
        "{e}"
    );
    assert!(desk.wants_peer(&address));

    desk.forget_peer(&format!(" {address} ")).expect("forget");
    assert!(desk.peers().is_empty(), "gone from the status line");
    assert_eq!(
        desk.remembered_peers(),
        ["192.0.2.7:7411"],
        "the other stays"
    );
    assert!(!desk.wants_peer(&address));
    assert!(desk.wants_peer("192.0.2.7:7411"));
    // An exchange that was under way when it was forgotten does not bring it back.
    desk.record_peer(status);
    assert!(desk.peers().is_empty());
    // What it sent stays: forgetting undoes nothing.
    assert!(desk.store().event_count().expect("count") > 0);
}

#[test]
fn one_desk_under_two_addresses_is_one_peer_and_the_working_address_stays() {
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let (address, _a, b) = served_and_joined(dir_a.path(), dir_b.path());
    let port = address.rsplit_once(':').expect("port").1;
    // The same desk as typed and as found on the network (another spelling of loopback).
    let other = format!("localhost:{port}");
    let first = exchange_from(&b, &address);
    let second = exchange_from(&b, &other);
    assert_eq!((&first.error, &second.error), (&None, &None));
    assert_eq!(first.desk_id, second.desk_id);
    let mut desk = b.lock().expect("lock");
    desk.record_peer(first.clone());
    desk.record_peer(second.clone());
    let peers = desk.peers();
    assert_eq!(peers.len(), 1, "one line in the status bar");
    assert_eq!(
        peers[0].address, address,
        "the earlier working address stays"
    );
    assert!(desk.wants_peer(&address) && !desk.wants_peer(&other));

    // Had the earlier address stopped working, the one that works takes its place.
    let dir_c = tempfile::tempdir().expect("c");
    let mut c = joined(dir_c.path(), &desk);
    c.record_peer(lan::PeerStatus {
        address: "192.0.2.1:7411".into(),
        desk_id: first.desk_id,
        error: Some("niet bereikbaar".into()),
        ..lan::PeerStatus::default()
    });
    c.record_peer(second);
    let peers = c.peers();
    assert_eq!(peers.len(), 1);
    assert_eq!(peers[0].address, other);
    assert!(!c.wants_peer("192.0.2.1:7411") && c.wants_peer(&other));
}

#[test]
fn a_flood_of_hellos_from_one_address_does_not_push_out_another_desks_challenge() {
    let challenges = lan::Challenges::default();
    let ours = challenges.issue("192.168.1.20").expect("ours");
    for _ in 0..1000 {
        challenges.issue("192.168.1.66").expect("flood");
    }
    // Many guests at once: the crowd gives way, not the desk with one challenge.
    for guest in 0..300 {
        challenges
            .issue(&format!("10.0.{}.{}", guest / 250, guest % 250))
            .expect("guest");
    }
    assert!(challenges.redeem(&ours), "our challenge was pushed out");
    assert!(!challenges.redeem(&ours), "and it is used only once");
}

/// A raw request to `address` with its head as given; the whole answer.
fn raw(address: &str, head: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(address).expect("connect");
    s.write_all(head.as_bytes()).expect("send");
    s.set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .expect("timeout");
    let mut answer = Vec::new();
    let _ = s.take(4096).read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

/// A peer that answers every request with `answer`, for `count` connections.
fn answering(answer: &'static str, count: usize) -> String {
    use std::io::{Read, Write};
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("addr").to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(count) {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 8192];
            let _ = s.set_read_timeout(Some(std::time::Duration::from_secs(2)));
            let _ = s.read(&mut buf);
            let _ = s.write_all(answer.as_bytes());
            // Read what the desk still sends before closing: closing with unread bytes
            // resets the connection, and the desk would see a reset, not this answer.
            let _ = s.shutdown(std::net::Shutdown::Write);
            while matches!(s.read(&mut buf), Ok(n) if n > 0) {}
        }
    });
    address
}

#[test]
fn a_request_of_a_newer_exchange_version_says_which_laptop_to_update() {
    let dir_a = tempfile::tempdir().expect("a");
    let dir_b = tempfile::tempdir().expect("b");
    let (address, a, b) = served_and_joined(dir_a.path(), dir_b.path());

    // A newer desk asks: refused before its body is read, with this desk's version, and
    // this desk's staff read that this laptop needs the update.
    let answer = raw(
        &address,
        "POST /pull HTTP/1.1\r\nBalie-Protocol: 7\r\nContent-Length: 5\r\n\r\nhallo",
    );
    assert!(answer.starts_with("HTTP/1.1 426 "), "{answer}");
    assert!(
        answer.contains(&format!("Balie-Protocol: {}\r\n", lan::PROTOCOL)),
        "{answer}"
    );
    let log = a.lock().expect("lock").network_log();
    let last = log.last().expect("noted");
    assert_eq!(last.why.key, "err.format.newerRequest");
    assert!(
        last.why.dutch.contains("werk Balie bij op deze laptop"),
        "{}",
        last.why.dutch
    );

    // Every answer names the version; a request without one is version 1 and works.
    let hello = raw(
        &address,
        "POST /hello HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
    );
    assert!(hello.starts_with("HTTP/1.1 200 "), "{hello}");
    assert!(hello.contains("Balie-Protocol: 1\r\n"), "{hello}");
    assert!(exchange_from(&b, &address).error.is_none());

    // A peer that cannot speak this desk's version says so with its own: newer, so this
    // laptop updates; older, so that one does.
    for (theirs, key, tells) in [
        ("9", "err.format.newerPeer", "werk Balie bij op deze laptop"),
        ("0", "err.format.olderPeer", "werk Balie daar bij"),
    ] {
        let answer: &'static str = Box::leak(
            format!("HTTP/1.1 426 Upgrade Required\r\nBalie-Protocol: {theirs}\r\nContent-Length: 9\r\n\r\ngeweigerd")
                .into_boxed_str(),
        );
        let peer = answering(answer, 2);
        let status = exchange_from(&b, &peer);
        let msg = status.error_msg.expect("an error");
        assert_eq!(msg.key, key);
        assert!(msg.dutch.contains(tells), "{}", msg.dutch);
        assert!(msg.dutch.contains(&peer), "names the desk: {}", msg.dutch);
    }
}
