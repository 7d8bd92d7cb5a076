//! Pairing a freshly installed laptop with a desk by its 8-digit code, over loopback and
//! through the real core: a wrong code changes nothing and costs a try, the right one joins
//! the congress and uses the code up; expired and used-up codes are refused; the scanned QR
//! text works as well as the typed address and code.

mod common;

use balie_core::app;
use balie_core::wire::pairing::{self, MAX_ATTEMPTS, QR_PREFIX};
use common::{serve, start};
use std::sync::Mutex;

fn message(e: &balie_core::Error) -> String {
    e.to_string()
}

#[test]
fn a_new_laptop_pairs_by_code_and_a_wrong_code_changes_nothing() {
    let desk_dir = tempfile::tempdir().expect("desk");
    let new_dir = tempfile::tempdir().expect("new");
    let desk = start(desk_dir.path(), true);
    let congress = desk.congress_id().expect("congress");
    let people = desk.attendees().expect("people").len();
    let (address, desk) = serve(desk);
    let offer = desk
        .lock()
        .expect("lock")
        .open_pairing(&address)
        .expect("open");
    assert_eq!(offer.address, address);
    assert_eq!(offer.code.len(), 9, "1234 5678: {}", offer.code);
    assert_eq!(offer.attempts_left, MAX_ATTEMPTS);
    assert!(offer.expires_in_s > 590, "{}", offer.expires_in_s);
    assert_eq!(
        offer.qr_text,
        format!("{QR_PREFIX}{address}:{}", offer.code.replace(' ', ""))
    );
    assert_eq!(decode_svg_qr(&offer.qr_svg), offer.qr_text);

    let mut new = start(new_dir.path(), false);
    let own = new.congress_id().expect("own");
    assert_ne!(own, congress);
    let events_before = new.store().event_count().expect("count");

    // A wrong code: refused with the reason, nothing written, one try used.
    let digits = offer.code.replace(' ', "");
    let first = if digits.starts_with('0') { "1" } else { "0" };
    let wrong = format!("{first}{}", &digits[1..]);
    let err = new.pair_in_place(&address, &wrong).expect_err("wrong code");
    assert!(message(&err).contains("koppelcode klopt niet"), "{err}");
    assert_eq!(new.congress_id().expect("id"), own);
    assert_eq!(new.store().event_count().expect("count"), events_before);
    let left = desk
        .lock()
        .expect("lock")
        .pairing_offer()
        .expect("offer")
        .expect("still open");
    assert_eq!(left.attempts_left, MAX_ATTEMPTS - 1);

    // The scanned QR text (address and code in one) joins the congress.
    new.pair_in_place(&offer.qr_text, "").expect("pair");
    assert_eq!(new.congress_id().expect("id"), congress);
    assert_eq!(new.attendees().expect("people").len(), people);
    assert_eq!(
        new.congress_key_code().expect("key"),
        desk.lock().expect("lock").congress_key_code().expect("key")
    );
    assert_eq!(new.remembered_peers(), vec![address.clone()]);
    // The two desks now exchange like any two.
    let new = Mutex::new(new);
    let status = app::lan::exchange(&address, |f| f(&mut new.lock().expect("lock")));
    assert_eq!(status.error, None, "{status:?}");

    // The code is used up, and the desk says which laptop paired.
    let status = desk.lock().expect("lock").pairing_status().expect("status");
    assert_eq!(status.offer, None);
    let name = new
        .lock()
        .expect("lock")
        .app_info()
        .expect("info")
        .desk_name;
    assert_eq!(status.last_paired, Some(format!("{name} om 15:20")));
    let third_dir = tempfile::tempdir().expect("third");
    let mut third = start(third_dir.path(), false);
    let err = third.pair_in_place(&address, &digits).expect_err("used up");
    assert!(message(&err).contains("weigerde het koppelen"), "{err}");
}

#[test]
fn expired_and_exhausted_codes_are_refused() {
    let desk_dir = tempfile::tempdir().expect("desk");
    let (address, desk) = serve(start(desk_dir.path(), true));
    let new_dir = tempfile::tempdir().expect("new");
    let mut new = start(new_dir.path(), false);

    let offer = desk
        .lock()
        .expect("lock")
        .open_pairing(&address)
        .expect("open");
    desk.lock().expect("lock").expire_pairing();
    let err = new
        .pair_in_place(&address, &offer.code)
        .expect_err("expired");
    assert!(message(&err).contains("weigerde het koppelen"), "{err}");

    let offer = desk
        .lock()
        .expect("lock")
        .open_pairing(&address)
        .expect("open");
    // Every try comes from this one address here; the rate limits are tested below.
    desk.lock().expect("lock").lift_pairing_rate_limits();
    for _ in 0..MAX_ATTEMPTS {
        let err = new.pair_in_place(&address, "0000 0000").expect_err("wrong");
        assert!(message(&err).contains("klopt niet"), "{err}");
    }
    assert!(desk
        .lock()
        .expect("lock")
        .pairing_offer()
        .expect("offer")
        .is_none());
    let err = new
        .pair_in_place(&address, &offer.code)
        .expect_err("closed");
    assert!(message(&err).contains("weigerde het koppelen"), "{err}");
    assert!(
        new.only_first_start().expect("fresh"),
        "nothing was written"
    );
}

#[test]
fn typed_codes_and_addresses_are_checked_with_a_clear_message() {
    for (address, code, expected) in [
        ("192.168.1.10:7411", "1234 567", "8 cijfers; er zijn er 7"),
        ("192.168.1.10:7411", "1234 567a", "'a' hoort er niet in"),
        ("192.168.1.10:7411", "", "vul de koppelcode in"),
        ("192.168.1.10", "12345678", "mist het poortnummer"),
        ("", "12345678", "vul het adres in"),
        ("balie-koppel:192.168.1.10:7411", "", "onvolledig"),
        ("balie-koppel:192.168.1.10:7411:1234", "", "8 cijfers"),
    ] {
        let err = pairing::parse_target(address, code).expect_err(address);
        assert!(message(&err).contains(expected), "{address} {code}: {err}");
    }
    assert_eq!(
        pairing::parse_target("BALIE-KOPPEL:10.0.0.2:7411:12345678", "").expect("qr"),
        ("10.0.0.2:7411".to_string(), "12345678".to_string())
    );
    assert_eq!(
        pairing::parse_target(" 10.0.0.2:7411 ", "1234-5678").expect("typed"),
        ("10.0.0.2:7411".to_string(), "12345678".to_string())
    );
    // A desk with data of its own never pairs (its data would be set aside).
    let dir = tempfile::tempdir().expect("dir");
    let mut busy = start(dir.path(), true);
    let err = busy
        .pair_in_place("127.0.0.1:9", "12345678")
        .expect_err("busy");
    assert!(message(&err).contains("al eigen gegevens"), "{err}");
}

/// Reads the QR code back from the SVG (its squares drawn 4 pixels a module) with a real
/// decoder.
fn decode_svg_qr(svg: &str) -> String {
    let size: usize = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("viewBox");
    let path = svg.split(" d=\"").nth(1).expect("path");
    let scale = 4;
    let w = size * scale;
    let mut px = vec![255u8; w * w];
    for square in path.split('M').skip(1) {
        let mut xy = square.split(['h', ' ']);
        let x: usize = xy.next().and_then(|v| v.parse().ok()).expect("x");
        let y: usize = xy.next().and_then(|v| v.parse().ok()).expect("y");
        for dy in 0..scale {
            for dx in 0..scale {
                px[(y * scale + dy) * w + x * scale + dx] = 0;
            }
        }
    }
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, w, |x, y| px[y * w + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("decodes").1
}

/// A new pairing code on the served desk.
fn open_code(desk: &Mutex<balie_core::Balie>, address: &str) -> String {
    desk.lock()
        .expect("lock")
        .open_pairing(address)
        .expect("open")
        .code
}

#[test]
fn the_laptop_is_not_held_while_the_desk_answers_and_its_own_data_is_never_replaced() {
    let desk_dir = tempfile::tempdir().expect("desk");
    let desk = start(desk_dir.path(), true);
    let congress = desk.congress_id().expect("congress");
    let (address, desk) = serve(desk);
    let code = open_code(&desk, &address);

    // The request needs nothing of the laptop while it runs: here someone registers a
    // walk-in on it meanwhile, and the answer is then refused rather than replacing that.
    let new_dir = tempfile::tempdir().expect("new");
    let mut new = start(new_dir.path(), false);
    let own = new.congress_id().expect("own");
    let request = new.prepare_pairing(&address, &code).expect("prepare");
    let paired = request.run().expect("the desk answers");
    new.set_staff("Eva").expect("staff");
    new.add_attendee(balie_core::app::reception::AttendeeInput {
        first_name: "Lotte".into(),
        last_name: "Visser".into(),
        thursday: true,
        ..Default::default()
    })
    .expect("add");
    let err = new.finish_pairing(&request, &paired).expect_err("own data");
    assert!(message(&err).contains("al eigen gegevens"), "{err}");
    assert_eq!(new.congress_id().expect("id"), own);
    assert_eq!(new.attendees().expect("people").len(), 1);

    // A fresh laptop with a new code: the three steps join the congress.
    let code = open_code(&desk, &address);
    let fresh_dir = tempfile::tempdir().expect("fresh");
    let mut fresh = start(fresh_dir.path(), false);
    let request = fresh.prepare_pairing(&address, &code).expect("prepare");
    let paired = request.run().expect("answer");
    fresh.finish_pairing(&request, &paired).expect("finish");
    assert_eq!(fresh.congress_id().expect("id"), congress);
    assert_eq!(fresh.remembered_peers(), [address]);
}

#[test]
fn the_last_of_the_tries_can_succeed_and_garbage_is_not_a_try() {
    let desk_dir = tempfile::tempdir().expect("desk");
    let (address, desk) = serve(start(desk_dir.path(), true));
    let offer = desk
        .lock()
        .expect("lock")
        .open_pairing(&address)
        .expect("open");
    desk.lock().expect("lock").lift_pairing_rate_limits();
    // Ten garbage starts (not JSON, not a SPAKE2 message) count for nothing.
    for body in [&b"garbage"[..], br#"{"msg": "00"}"#] {
        for _ in 0..5 {
            let _ = std::net::TcpStream::connect(&address).and_then(|mut s| {
                use std::io::{Read, Write};
                write!(
                    s,
                    "POST /pair/start HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                )?;
                s.write_all(body)?;
                let mut answer = Vec::new();
                s.read_to_end(&mut answer).map(|_| ())
            });
        }
    }
    let left = |d: &std::sync::Arc<std::sync::Mutex<balie_core::Balie>>| {
        d.lock()
            .expect("lock")
            .pairing_offer()
            .expect("offer")
            .map(|o| o.attempts_left)
    };
    assert_eq!(left(&desk), Some(MAX_ATTEMPTS), "garbage counted as tries");
    // Nine wrong codes, then the right one: the tenth try pairs.
    let wrong_dir = tempfile::tempdir().expect("wrong");
    let mut wrong = start(wrong_dir.path(), false);
    for _ in 0..MAX_ATTEMPTS - 1 {
        assert!(wrong.pair_in_place(&address, "0000 0000").is_err());
    }
    assert_eq!(left(&desk), Some(1));
    let new_dir = tempfile::tempdir().expect("new");
    let mut new = start(new_dir.path(), false);
    new.pair_in_place(&address, &offer.code)
        .expect("the tenth try pairs");
    assert_eq!(left(&desk), None, "used up");
}

#[test]
fn one_address_gets_three_tries_a_minute_and_is_told_only_refused() {
    let desk_dir = tempfile::tempdir().expect("desk");
    let (address, desk) = serve(start(desk_dir.path(), true));
    desk.lock()
        .expect("lock")
        .open_pairing(&address)
        .expect("open");
    let new_dir = tempfile::tempdir().expect("new");
    let mut new = start(new_dir.path(), false);
    for _ in 0..balie_core::wire::pairing::TRIES_PER_ADDRESS {
        let err = new.pair_in_place(&address, "0000 0000").expect_err("wrong");
        assert!(message(&err).contains("klopt niet"), "{err}");
    }
    let err = new
        .pair_in_place(&address, "0000 0000")
        .expect_err("too fast");
    assert!(message(&err).contains("weigerde het koppelen"), "{err}");
    let offer = desk
        .lock()
        .expect("lock")
        .pairing_offer()
        .expect("offer")
        .expect("still open");
    assert_eq!(
        offer.attempts_left,
        MAX_ATTEMPTS - balie_core::wire::pairing::TRIES_PER_ADDRESS as u32,
        "the refused try did not count"
    );
    assert_eq!(offer.tries.len(), 3);
    assert!(
        offer
            .tries
            .iter()
            .all(|t| t.from == "127.0.0.1" && t.at == "15:20"),
        "{:?}",
        offer.tries
    );
}
