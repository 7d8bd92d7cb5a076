//! Desks find each other by mDNS on this machine's network: two desks of one congress see
//! each other's address (here on one machine: the loopback interface counts too); a desk of
//! another congress is not reported.

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
        a.discovery_tag().expect("tag"),
        b.discovery_tag().expect("tag")
    );
    assert_ne!(
        a.discovery_tag().expect("tag"),
        c.discovery_tag().expect("tag")
    );

    if !multicast_works() {
        // "mDNS where it works": this machine passes no multicast, so there is nothing to
        // find (the tags above are still checked); typed addresses and pairing codes are
        // tested elsewhere.
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
