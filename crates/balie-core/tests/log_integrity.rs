//! A log no one can forge, through the real core: events are signed per desk, a forged or
//! conflicting event stops nothing else, and a desk whose clock is off poisons no order.
//! The attacks are the ones seen in experiments: every paired desk holds the congress key,
//! so any of them can seal a bundle that claims to come from another desk.

mod common;

use balie_core::domain::checkin::{CheckinOutcome, CheckinSource};
use balie_core::domain::events::{kinds, EventRecord};
use balie_core::domain::signing;
use balie_core::store::signatures::QuarantineReason;
use balie_core::wire::sync::{self, BundleBody, BundleReport, VersionVector};
use balie_core::{Balie, LaunchOptions};
use common::{joined, options, start};
use std::path::Path;

const THU: &str = "day-2023-12-07";

fn congress_key(b: &Balie) -> [u8; 32] {
    sync::parse_key_code(&b.congress_key_code().expect("code")).expect("key")
}

/// What `from` would send a desk holding `since`, opened.
fn body(from: &Balie, since: &VersionVector) -> BundleBody {
    sync::open_bundle(
        &from.export_bundle(since).expect("export"),
        &congress_key(from),
    )
    .expect("open")
}

/// Everything `from` has that `to` lacks, sealed and imported at `to`.
fn pull(to: &mut Balie, from: &Balie) -> BundleReport {
    let since = to.version_vector().expect("vector");
    send(to, &body(from, &since))
}

fn send(to: &mut Balie, body: &BundleBody) -> BundleReport {
    let bytes = sync::seal_bundle(&congress_key(to), body).expect("seal");
    to.import_bundle(&bytes).expect("import")
}

/// The signing key in a data folder's `desk.key`, as anyone with the laptop could read it.
fn desk_key(dir: &Path) -> ed25519_dalek::SigningKey {
    let text = std::fs::read_to_string(dir.join("desk.key")).expect("desk.key");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let seed: [u8; 32] = signing::unhex(v["seed"].as_str().expect("seed"))
        .expect("hex")
        .try_into()
        .expect("32");
    ed25519_dalek::SigningKey::from_bytes(&seed)
}

fn signed(mut ev: EventRecord, key: &ed25519_dalek::SigningKey) -> EventRecord {
    let salt = signing::new_salt().expect("salt");
    ev.salt = Some(signing::hex(&salt));
    signing::sign(key, &mut ev, &salt).expect("sign");
    ev
}

/// An event `desk` would write next (its next number, linked to its latest), unsigned.
fn next_of(desk: &Balie, kind: &str, subject: &str, payload: &str, hlc: i64) -> EventRecord {
    let latest = desk
        .store()
        .events()
        .expect("events")
        .into_iter()
        .filter(|e| e.desk_id == desk.store().desk().desk_id)
        .max_by_key(|e| e.seq)
        .expect("latest");
    EventRecord {
        id: uuid::Uuid::now_v7().to_string(),
        desk_id: latest.desk_id.clone(),
        seq: latest.seq + 1,
        hlc,
        wall_time: latest.wall_time.clone(),
        desk_name: latest.desk_name.clone(),
        staff: "Bert".into(),
        kind: kind.into(),
        subject: subject.into(),
        payload: payload.into(),
        salt: None,
        prev: Some(latest.id),
        sig: None,
    }
}

fn someone(b: &Balie, n: usize) -> String {
    b.attendees()
        .expect("people")
        .into_iter()
        .filter(|p| p.thursday)
        .nth(n)
        .expect("someone")
        .id
}

fn check_in(b: &mut Balie, id: &str) {
    let out = b
        .check_in(THU, id, None, CheckinSource::Search)
        .expect("check in");
    assert!(matches!(out, CheckinOutcome::CheckedIn { .. }), "{out:?}");
}

fn checkin_payload(b: &Balie, id: &str) -> String {
    b.store()
        .events()
        .expect("events")
        .into_iter()
        .find(|e| e.kind == kinds::CHECKIN_IN && e.subject == id)
        .map(|e| e.payload)
        .unwrap_or_else(|| format!(r#"{{"list_id":"{THU}","source":"search"}}"#))
}

fn three_desks(a: &Path, b: &Path, c: &Path) -> (Balie, Balie, Balie) {
    let mut desk_a = start(a, true);
    desk_a.set_staff("Anna").expect("staff");
    let mut desk_b = joined(b, &desk_a);
    desk_b.set_staff("Bert").expect("staff");
    let mut desk_c = joined(c, &desk_a);
    desk_c.set_staff("Carla").expect("staff");
    // A learns B's and C's keys (each desk's first event announces it).
    pull(&mut desk_a, &desk_b);
    pull(&mut desk_a, &desk_c);
    (desk_a, desk_b, desk_c)
}

#[test]
fn a_forged_event_at_another_desks_next_number_is_refused_and_that_desk_still_merges() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().expect("dir")).collect();
    let (mut a, mut b, mut c) = three_desks(dirs[0].path(), dirs[1].path(), dirs[2].path());
    let (p1, p2, p3) = (someone(&a, 0), someone(&a, 1), someone(&a, 2));
    // C checks someone in (genuine), and forges a check-in as B at B's next number,
    // signed with C's own key (C holds the congress key, not B's desk key).
    check_in(&mut c, &p1);
    let forged = signed(
        next_of(
            &b,
            kinds::CHECKIN_IN,
            &p2,
            &checkin_payload(&c, &p1),
            1 << 40,
        ),
        &desk_key(dirs[2].path()),
    );
    let mut bundle = body(&c, &a.version_vector().expect("vector"));
    bundle.events.push(forged.clone());
    let report = send(&mut a, &bundle);
    assert_eq!(report.refused, 1, "{report:?}");
    assert_eq!(report.new, 1, "C's check-in merges: {report:?}");
    assert_eq!(report.desks_refused, [b.store().desk().desk_name.clone()]);
    assert!(!a
        .store()
        .events()
        .expect("events")
        .iter()
        .any(|e| e.id == forged.id));
    // The same forgery unsigned (as an older Balie would have written it) is refused too:
    // B signs, so an unsigned event under its id after its key is a forgery.
    let mut unsigned = forged;
    unsigned.sig = None;
    unsigned.salt = None;
    let report = send(
        &mut a,
        &BundleBody {
            events: vec![unsigned],
            ..bundle.clone()
        },
    );
    assert_eq!((report.new, report.refused), (0, 1), "{report:?}");
    // B's real events at that number still merge (in the experiment, every later bundle
    // of B was refused everywhere).
    check_in(&mut b, &p3);
    let report = pull(&mut a, &b);
    assert_eq!((report.refused, report.quarantined), (0, 0), "{report:?}");
    assert!(report.new >= 1, "{report:?}");
    assert_eq!(
        a.version_vector().expect("a")[&b.store().desk().desk_id],
        b.version_vector().expect("b")[&b.store().desk().desk_id]
    );
}

#[test]
fn a_second_key_for_a_known_desk_is_a_conflict_shown_to_staff_never_a_replacement() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().expect("dir")).collect();
    let (mut a, b, c) = three_desks(dirs[0].path(), dirs[1].path(), dirs[2].path());
    let before = a.sync_status().expect("status");
    let b_id = b.store().desk().desk_id.clone();
    let b_key = before
        .iter()
        .find(|d| d.desk_id == b_id)
        .and_then(|d| d.key.clone())
        .expect("B's key is known");
    // Someone announces a new key for B and writes with it.
    let thief = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
    let announce = signed(
        next_of(
            &b,
            kinds::DESK_KEY_ANNOUNCED,
            &b_id,
            &format!(
                r#"{{"public_key":"{}"}}"#,
                signing::hex(thief.verifying_key().as_bytes())
            ),
            1 << 40,
        ),
        &thief,
    );
    let mut after = next_of(&b, kinds::CHECKIN_IN, &someone(&a, 3), "{}", 1 << 40);
    after.seq += 1;
    after.prev = Some(announce.id.clone());
    let after = signed(after, &thief);
    let mut bundle = body(&c, &a.version_vector().expect("vector"));
    bundle.events.extend([announce.clone(), after]);
    let report = send(&mut a, &bundle);
    assert_eq!((report.quarantined, report.held_back), (1, 1), "{report:?}");
    let q = a.quarantine().expect("quarantine");
    assert_eq!(q.len(), 1);
    assert_eq!(
        (q[0].reason, q[0].event_id.as_str(), q[0].desk_id.as_str()),
        (QuarantineReason::Key, announce.id.as_str(), b_id.as_str())
    );
    let status = a.sync_status().expect("status");
    let now_key = status
        .iter()
        .find(|d| d.desk_id == b_id)
        .and_then(|d| d.key.clone());
    assert_eq!(now_key, Some(b_key), "the first key stays bound");
}

#[test]
fn two_events_under_one_number_and_a_forked_chain_are_quarantined_the_rest_merges() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().expect("dir")).collect();
    let (mut a, mut b, mut c) = three_desks(dirs[0].path(), dirs[1].path(), dirs[2].path());
    let b_key = desk_key(dirs[1].path());
    // B as it was before its last event (a copy of its database put back, say) writes
    // another event under the same number, and goes on from there.
    let fork_base = b.store().events().expect("events");
    let p = someone(&a, 4);
    check_in(&mut b, &p);
    pull(&mut a, &b);
    let b_id = b.store().desk().desk_id.clone();
    let latest_before = fork_base
        .iter()
        .filter(|e| e.desk_id == b_id)
        .max_by_key(|e| e.seq)
        .expect("latest");
    let mut y = next_of(&b, kinds::CHECKIN_IN, &someone(&a, 5), "{}", 1 << 40);
    y.seq = latest_before.seq + 1;
    y.prev = Some(latest_before.id.clone());
    let y = signed(y, &b_key);
    let mut y2 = y.clone();
    y2.id = uuid::Uuid::now_v7().to_string();
    y2.seq += 1;
    y2.prev = Some(y.id.clone());
    let y2 = signed(y2, &b_key);
    check_in(&mut c, &someone(&a, 6));
    let mut bundle = body(&c, &a.version_vector().expect("vector"));
    bundle.events.push(y.clone());
    let report = send(&mut a, &bundle);
    assert_eq!(report.quarantined, 1, "{report:?}");
    assert!(report.new >= 1, "C's check-in merges: {report:?}");
    // The fork's next event links to an event A does not hold at that number.
    let report = send(
        &mut a,
        &BundleBody {
            events: vec![y2.clone()],
            ..bundle.clone()
        },
    );
    assert_eq!((report.new, report.quarantined), (0, 1), "{report:?}");
    let reasons: Vec<_> = a
        .quarantine()
        .expect("q")
        .into_iter()
        .map(|q| (q.event_id, q.reason))
        .collect();
    assert!(reasons.contains(&(y.id, QuarantineReason::Number)));
    assert!(reasons.contains(&(y2.id, QuarantineReason::Chain)));
    // Importing the same again changes nothing.
    let again = send(&mut a, &bundle);
    assert_eq!(again.new, 0);
    assert_eq!(a.quarantine().expect("q").len(), 2);
}

fn options_at(dir: &Path, now: &str) -> LaunchOptions {
    LaunchOptions {
        now: Some(now.into()),
        ..options(dir, false)
    }
}

fn rename(b: &mut Balie, id: &str, title: &str) {
    let programme = b.programme().expect("programme");
    let (day, item) = programme
        .days
        .iter()
        .find_map(|d| {
            d.items
                .iter()
                .find(|i| i.id == id)
                .map(|i| (d.date.clone(), i.clone()))
        })
        .expect("item");
    b.save_programme_item(balie_core::app::programme_edit::ItemInput {
        id: Some(item.id),
        day,
        parent_id: None,
        title: title.into(),
        start: item.start,
        end: item.end.unwrap_or_default(),
        kind: item.kind,
        location: item.location.unwrap_or_default(),
        capacity: item.capacity.map(|c| c.to_string()).unwrap_or_default(),
        speakers: item.speakers,
        description: item.description,
        aliases: item.aliases,
        members_only: item.members_only,
        bus_offered: item.bus_offered,
        buses: item.buses,
    })
    .expect("saved");
}

fn title(b: &Balie, id: &str) -> String {
    b.programme()
        .expect("programme")
        .days
        .iter()
        .flat_map(|d| d.items.iter())
        .find(|i| i.id == id)
        .expect("item")
        .title
        .clone()
}

#[test]
fn a_desk_whose_clock_runs_two_days_ahead_loses_nothing_and_poisons_nothing() {
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let mut a = start(dir_a.path(), true);
    a.set_staff("Anna").expect("staff");
    let full = a.export_bundle(&VersionVector::new()).expect("full");
    let mut b = Balie::join(
        &options_at(dir_b.path(), "2023-12-09T15:20:00+01:00"),
        &a.congress_key_code().expect("code"),
        &full,
    )
    .expect("join");
    b.set_staff("Bert").expect("staff");
    let first = a.programme().expect("p").days[0].items[0].id.clone();
    let second = a.programme().expect("p").days[0].items[1].id.clone();
    rename(&mut b, &first, "Opening (klok van B)");
    check_in(&mut b, &someone(&a, 0));
    let report = pull(&mut a, &b);
    assert_eq!((report.refused, report.quarantined), (0, 0), "{report:?}");
    // Kept and projected: acknowledged data is never lost.
    assert_eq!(title(&a, &first), "Opening (klok van B)");
    // Staff are told whose clock is off.
    let b_id = b.store().desk().desk_id.clone();
    let ahead = a
        .sync_status()
        .expect("status")
        .into_iter()
        .find(|d| d.desk_id == b_id)
        .and_then(|d| d.clock_ahead_s)
        .expect("B's clock is off");
    assert!(
        (2 * 86_400 - 120..=2 * 86_400 + 120).contains(&ahead),
        "{ahead}"
    );
    // A's own edits still count and A's clock is not pulled two days ahead.
    rename(&mut a, &second, "Tweede (na B)");
    assert_eq!(title(&a, &second), "Tweede (na B)");
    let own_latest = a
        .store()
        .events()
        .expect("events")
        .into_iter()
        .filter(|e| e.desk_id == a.store().desk().desk_id)
        .max_by_key(|e| e.seq)
        .expect("own");
    let now_ms = a.store().clock().now_ms();
    let physical = own_latest.hlc >> 16;
    assert!(
        (physical - now_ms).abs() <= 3_600_000,
        "A's HLC stays within an hour of its clock ({physical} vs {now_ms})"
    );
}

#[test]
fn an_event_at_the_end_of_time_does_not_wrap_the_clock_around() {
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let mut a = start(dir_a.path(), true);
    a.set_staff("Anna").expect("staff");
    let b = joined(dir_b.path(), &a);
    let item = a.programme().expect("p").days[0].items[0].id.clone();
    // Signed with B's real key (anyone with B's laptop could): an event at i64::MAX.
    let poison = signed(
        next_of(&b, "van.een.nieuwere.balie", "x", "{}", i64::MAX),
        &desk_key(dir_b.path()),
    );
    let mut bundle = body(&b, &a.version_vector().expect("vector"));
    bundle.events.push(poison);
    let report = send(&mut a, &bundle);
    assert_eq!(report.refused, 0, "{report:?}");
    // In the experiment the next local event got i64::MIN and the edit was silently lost.
    rename(&mut a, &item, "Na het gif");
    assert_eq!(title(&a, &item), "Na het gif");
    let latest = a
        .store()
        .events()
        .expect("events")
        .into_iter()
        .filter(|e| e.desk_id == a.store().desk().desk_id)
        .max_by_key(|e| e.seq)
        .expect("own");
    assert!(latest.hlc > 0);
    assert!(((latest.hlc >> 16) - a.store().clock().now_ms()).abs() <= 3_600_000);
}

/// How many are checked in on Thursday at `b`.
fn checked_in(b: &Balie) -> i64 {
    b.counters()
        .expect("counters")
        .into_iter()
        .find(|c| c.list.id == THU)
        .expect("thursday")
        .checked_in
}

/// The database of a stopped desk, copied as anyone would (a plain file copy).
fn copy_database(dir: &Path, to: &Path) {
    std::fs::copy(dir.join("balie.sqlite"), to).expect("copy");
}

/// Puts a copied database back over a stopped desk's own.
fn put_back(copy: &Path, dir: &Path) {
    for side in ["balie.sqlite-wal", "balie.sqlite-shm"] {
        let _ = std::fs::remove_file(dir.join(side));
    }
    std::fs::copy(copy, dir.join("balie.sqlite")).expect("put back");
}

fn desk_id(b: &Balie) -> String {
    b.store().desk().desk_id.clone()
}

/// Desk A (Anna) in `a_dir`, started again.
fn anna(a_dir: &Path) -> Balie {
    let mut a = start(a_dir, true);
    a.set_staff("Anna").expect("staff");
    a
}

/// Desk A checks in the `n`th Thursday person.
fn check_in_nth(a: &mut Balie, n: usize) {
    let p = someone(a, n);
    check_in(a, &p);
}

/// Desk A in `a_dir` and desk B joined in `b_dir`, knowing each other's keys; A checks
/// one person in and stops. Returns B and A's desk id.
fn one_check_in_then_stop(a_dir: &Path, b_dir: &Path) -> (Balie, String) {
    let mut a = anna(a_dir);
    let b = joined(b_dir, &a);
    pull(&mut a, &b);
    check_in_nth(&mut a, 0);
    (b, desk_id(&a))
}

/// Desk A started again: two more check-ins, which B receives; then it stops. Returns
/// A's desk id.
fn two_more_check_ins_then_stop(a_dir: &Path, b: &mut Balie) -> String {
    let mut a = anna(a_dir);
    check_in_nth(&mut a, 1);
    check_in_nth(&mut a, 2);
    assert!(pull(b, &a).new >= 2);
    desk_id(&a)
}

#[test]
fn a_database_copied_back_over_itself_continues_as_a_new_desk_and_reuses_no_number() {
    let dirs: Vec<_> = (0..2).map(|_| tempfile::tempdir().expect("dir")).collect();
    let copy = dirs[1].path().join("kopie.sqlite");
    let (mut b, first_id) = one_check_in_then_stop(dirs[0].path(), &dirs[1].path().join("b"));
    copy_database(dirs[0].path(), &copy);

    // The next day: two more check-ins, which B receives.
    let restarted = two_more_check_ins_then_stop(dirs[0].path(), &mut b);
    assert_eq!(restarted, first_id, "a restart is the same desk");
    assert_eq!(checked_in(&b), 3);

    // The obvious manual recovery: the copy put back over the database.
    put_back(&copy, dirs[0].path());
    let mut a = anna(dirs[0].path());
    assert_ne!(
        desk_id(&a),
        first_id,
        "an older copy continues as a new desk"
    );
    assert_eq!(checked_in(&a), 1, "the copy holds the first check-in only");
    check_in_nth(&mut a, 3);

    // Neither side reuses a number: everything merges, nothing is quarantined.
    let back = pull(&mut a, &b);
    assert_eq!((back.refused, back.quarantined), (0, 0), "{back:?}");
    assert_eq!(
        checked_in(&a),
        4,
        "the two check-ins after the copy came back"
    );
    let there = pull(&mut b, &a);
    assert_eq!((there.refused, there.quarantined), (0, 0), "{there:?}");
    assert!(there.new >= 1);
    assert_eq!(checked_in(&b), 4);
    assert!(b.quarantine().expect("quarantine").is_empty());
}

#[test]
fn a_stop_between_desk_json_and_the_database_is_not_taken_for_a_copy() {
    let dir = tempfile::tempdir().expect("dir");
    let a = start(dir.path(), true);
    let id = desk_id(&a);
    drop(a);
    // Balie stopped after the database got a new incarnation and before desk.json did:
    // desk.json is one behind, twice in a row.
    let path = dir.path().join("desk.json");
    for _ in 0..2 {
        let before = std::fs::read_to_string(&path).expect("read");
        let a = start(dir.path(), true);
        assert_eq!(desk_id(&a), id, "the same desk");
        drop(a);
        std::fs::write(&path, before).expect("one behind");
    }
    let a = start(dir.path(), true);
    assert_eq!(desk_id(&a), id, "still the same desk");
    drop(a);
    // A desk.json from before incarnations knows every database.
    let mut desk: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    desk.as_object_mut().expect("object").remove("incarnation");
    std::fs::write(&path, desk.to_string()).expect("write");
    let a = start(dir.path(), true);
    assert_eq!(desk_id(&a), id, "still the same desk");
}

#[test]
fn a_whole_folder_put_back_learns_from_a_peer_and_then_continues_as_a_new_desk() {
    let dirs: Vec<_> = (0..2).map(|_| tempfile::tempdir().expect("dir")).collect();
    let saved = dirs[1].path().join("map-kopie");
    let (mut b, first_id) = one_check_in_then_stop(dirs[0].path(), &dirs[1].path().join("b"));
    // The whole folder (desk.json and all) saved, then restored: nothing local can tell.
    copy_folder(dirs[0].path(), &saved);
    two_more_check_ins_then_stop(dirs[0].path(), &mut b);
    std::fs::remove_dir_all(dirs[0].path()).expect("remove");
    copy_folder(&saved, dirs[0].path());
    let mut a = anna(dirs[0].path());
    assert_eq!(desk_id(&a), first_id);

    // It writes under a number the original already used; the peer's copy of the
    // original, signed with this desk's own key, shows the conflict.
    check_in_nth(&mut a, 3);
    let back = pull(&mut a, &b);
    assert!(back.quarantined >= 1, "{back:?}");
    assert_ne!(desk_id(&a), first_id, "from here on it is a new desk");
    check_in_nth(&mut a, 4);
    // B quarantines the one check-in written under a used number; the rest merges.
    let there = pull(&mut b, &a);
    assert_eq!(there.refused, 0, "{there:?}");
    let q = b.quarantine().expect("quarantine");
    assert!(
        q.iter().all(|e| e.desk_id == first_id),
        "only the reused number: {q:?}"
    );
    assert_eq!(checked_in(&b), 4, "0, 1, 2 and 4; 3 waits in quarantine");
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("type").is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
}
