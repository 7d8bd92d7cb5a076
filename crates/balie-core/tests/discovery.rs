//! Desks find each other by mDNS on this machine's network: two desks of one congress see
//! each other's address (on the interface towards the network; loopback never counts); a
//! desk of another congress is not reported. Forged advertisements are fed to the checking
//! code in-process, never sent on an interface.

mod common;

use common::{joined, start};
use std::sync::mpsc;
use std::time::{Duration, Instant};

#[test]
fn desks_of_one_congress_find_each_other_and_ignore_another_congress() {
    let (dir_a, dir_b, dir_c) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
        tempfile::tempdir().expect("c"),
    );
    let a = start(dir_a.path(), true);
    let b = joined(dir_b.path(), &a);
    let c = start(dir_c.path(), false);
    assert_eq!(
        a.discovery_key().expect("key"),
        b.discovery_key().expect("key")
    );
    assert_ne!(
        a.discovery_key().expect("key"),
        c.discovery_key().expect("key")
    );

    let routed = balie_core::wire::lan::reachable_address("0.0.0.0:1");
    if !multicast_works() || routed.starts_with("127.") {
        // "mDNS where it works": this machine passes no multicast or has no interface but
        // loopback, so there is nothing to find (the keys above are still checked); typed
        // addresses and pairing codes are tested elsewhere.
        return;
    }
    let (tx, rx) = mpsc::channel::<(char, String)>();
    let mut running = Vec::new();
    for (name, desk, port) in [('a', &a, 47_101u16), ('b', &b, 47_102), ('c', &c, 47_103)] {
        let tx = tx.clone();
        running.push(
            desk.discover(&format!("0.0.0.0:{port}"), move |_, address| {
                let _ = tx.send((name, address));
            })
            .expect("mdns"),
        );
    }
    let mut seen: Vec<(char, u16)> = Vec::new();
    let until = Instant::now() + Duration::from_secs(20);
    while !(seen.contains(&('a', 47_102)) && seen.contains(&('b', 47_101))) {
        let left = until.saturating_duration_since(Instant::now());
        let (who, address) = rx
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("not found in 20 s; seen {seen:?}"));
        let port: u16 = address
            .rsplit_once(':')
            .and_then(|(_, p)| p.parse().ok())
            .expect("port");
        seen.push((who, port));
    }
    // Another second for stragglers: nobody ever reports desk c, and c reports nobody.
    std::thread::sleep(Duration::from_secs(1));
    seen.extend(rx.try_iter().map(|(w, a)| {
        (
            w,
            a.rsplit_once(':')
                .and_then(|(_, p)| p.parse().ok())
                .unwrap_or(0),
        )
    }));
    assert!(
        !seen.iter().any(|&(w, p)| w == 'c' || p == 47_103),
        "{seen:?}"
    );
    drop(running);
}

/// Whether a multicast datagram sent by this machine comes back to it (the condition for
/// mDNS to work here at all).
fn multicast_works() -> bool {
    use std::net::{Ipv4Addr, UdpSocket};
    let group = Ipv4Addr::new(239, 255, 70, 11);
    let Ok(socket) = UdpSocket::bind("0.0.0.0:0") else {
        return false;
    };
    let Ok(port) = socket.local_addr().map(|a| a.port()) else {
        return false;
    };
    if socket
        .join_multicast_v4(&group, &Ipv4Addr::UNSPECIFIED)
        .is_err()
        || socket
            .set_read_timeout(Some(Duration::from_secs(1)))
            .is_err()
        || socket.send_to(b"balie", (group, port)).is_err()
    {
        return false;
    }
    let mut buf = [0u8; 8];
    socket
        .recv_from(&mut buf)
        .is_ok_and(|(n, _)| &buf[..n] == b"balie")
}

use balie_core::wire::discovery::{accept, proof, window_now, Advert, Found, MAX_FOUND};
use std::net::IpAddr;

fn advert(key: &[u8; 32], id: &str, ip: &str, port: u16, window: u64) -> Advert {
    let ip: IpAddr = ip.parse().expect("ip");
    Advert {
        desk_id: id.into(),
        window: window.to_string(),
        proof: proof(key, window, id, ip, port),
        ips: vec![ip],
        port,
    }
}

#[test]
fn a_forged_or_copied_advertisement_is_ignored() {
    let key = [7u8; 32];
    let other = [8u8; 32];
    let now = window_now();
    let good = advert(&key, "desk-b", "192.168.1.20", 7411, now);
    assert_eq!(
        accept(&good, &key, now, "desk-a").as_deref(),
        Some("192.168.1.20:7411")
    );
    // The neighbouring windows count (clocks differ a little); older ones do not.
    assert!(accept(
        &advert(&key, "desk-b", "192.168.1.20", 7411, now - 1),
        &key,
        now,
        "desk-a"
    )
    .is_some());
    assert!(accept(
        &advert(&key, "desk-b", "192.168.1.20", 7411, now - 2),
        &key,
        now,
        "desk-a"
    )
    .is_none());
    assert!(accept(
        &advert(&key, "desk-b", "192.168.1.20", 7411, now + 2),
        &key,
        now,
        "desk-a"
    )
    .is_none());
    // Another congress's key, or no proof at all.
    assert!(accept(
        &advert(&other, "desk-b", "192.168.1.20", 7411, now),
        &key,
        now,
        "desk-a"
    )
    .is_none());
    let mut bare = good.clone();
    bare.proof = String::new();
    assert!(accept(&bare, &key, now, "desk-a").is_none());
    // A copied proof on another address, port or desk id proves nothing.
    let mut moved = good.clone();
    moved.ips = vec!["192.168.1.66".parse().expect("ip")];
    assert!(accept(&moved, &key, now, "desk-a").is_none());
    let mut ported = good.clone();
    ported.port = 7412;
    assert!(accept(&ported, &key, now, "desk-a").is_none());
    let mut renamed = good.clone();
    renamed.desk_id = "desk-x".into();
    assert!(accept(&renamed, &key, now, "desk-a").is_none());
    // Loopback and link-local addresses are refused, even with a good proof.
    for ip in ["127.0.0.1", "169.254.3.4", "0.0.0.0", "224.0.0.251"] {
        assert!(
            accept(&advert(&key, "desk-b", ip, 7411, now), &key, now, "desk-a").is_none(),
            "{ip}"
        );
    }
    // This desk itself is not a peer.
    assert!(accept(&good, &key, now, "desk-b").is_none());
}

#[test]
fn at_most_sixteen_desks_are_reported_once_each() {
    let mut found = Found::default();
    assert!(found.news("d0", "192.168.1.10:7411"));
    assert!(!found.news("d0", "192.168.1.10:7411"), "once");
    assert!(found.news("d0", "192.168.1.11:7411"), "again when it moved");
    for i in 1..MAX_FOUND {
        assert!(found.news(&format!("d{i}"), "192.168.1.12:7411"));
    }
    assert!(!found.news("one-too-many", "192.168.1.99:7411"));
}
