//! Desks merging through bundles, on real cores in temp folders: random work on 3–5 desks,
//! exchanged in random orders with duplicates, always converges to identical projections;
//! tampered, foreign and gapped bundles are refused and change nothing.

mod common;

use balie_core::app::fastlane::WalkInInput;
use balie_core::app::reception::AttendeeInput;
use balie_core::documents::export::ExportTable;
use balie_core::domain::checkin::CheckinOutcome;
use balie_core::domain::checkin::CheckinSource;
use balie_core::domain::demo::Rng;
use balie_core::wire::sync::VersionVector;
use balie_core::{Balie, ErrorCode};
use common::{options, start};
use tempfile::TempDir;

const LISTS: [&str; 3] = ["day-2023-12-07", "day-2023-12-08", "alv"];

/// The first desk (demo congress) and `n - 1` desks that joined it.
fn congress(n: usize) -> (Vec<TempDir>, Vec<Balie>) {
    let dirs: Vec<TempDir> = (0..n)
        .map(|_| tempfile::tempdir().expect("tempdir"))
        .collect();
    let mut first = start(dirs[0].path(), true);
    first.set_staff("Desk 0").expect("staff");
    let key = first.congress_key_code().expect("key");
    let full = first.export_bundle(&VersionVector::new()).expect("bundle");
    let mut desks = vec![first];
    for (i, dir) in dirs.iter().enumerate().skip(1) {
        let mut d = Balie::join(&options(dir.path(), false), &key, &full).expect("join");
        d.set_staff(&format!("Desk {i}")).expect("staff");
        desks.push(d);
    }
    (dirs, desks)
}

/// Everything derived, as text: the register, counters, every check-in and the exports.
fn state(b: &Balie) -> String {
    let mut out = serde_json::to_string(&b.attendees().expect("people")).expect("json");
    out.push_str(&serde_json::to_string(&b.counters().expect("counters")).expect("json"));
    for list in LISTS {
        out.push_str(&serde_json::to_string(&b.roster(list).expect("roster")).expect("json"));
    }
    for table in ExportTable::ALL {
        out.push_str(&String::from_utf8(b.export_csv(table).expect("csv")).expect("utf-8"));
    }
    out
}

fn exchange(from: &Balie, to: &mut Balie, full: bool) {
    let since = if full {
        VersionVector::new()
    } else {
        to.version_vector().expect("vector")
    };
    let bundle = from.export_bundle(&since).expect("export");
    to.import_bundle(&bundle).expect("import");
}

fn random_work(rng: &mut Rng, b: &mut Balie, undoable: &mut Vec<String>, n: usize) {
    let people = b.attendees().expect("people");
    let person = &people[rng.below(people.len())];
    let list = LISTS[rng.below(LISTS.len())];
    match rng.below(10) {
        0..=4 => {
            let out = b
                .check_in(
                    list,
                    &person.id,
                    Some("uitzondering"),
                    CheckinSource::Search,
                )
                .expect("check in");
            if let CheckinOutcome::CheckedIn { record, .. } = out {
                undoable.push(record.event_id);
            }
        }
        5 => {
            // Not present on this desk's view: refused with a message, nothing written.
            let _ = b.check_out(list, &person.id);
        }
        6 if !undoable.is_empty() => {
            let id = undoable[rng.below(undoable.len())].clone();
            // Already undone here, or not yet known here: refused, nothing written.
            let _ = b.undo_checkin(&id, "verkeerde persoon");
        }
        7 => {
            let _ = b
                .register_walk_in(
                    WalkInInput {
                        first_name: format!("Inloper{n}"),
                        last_name: "Test".into(),
                        ..WalkInInput::default()
                    },
                    LISTS[rng.below(2)],
                    true,
                )
                .expect("walk in");
        }
        8 => {
            let input = AttendeeInput {
                first_name: person.first_name.clone(),
                tussenvoegsel: person.tussenvoegsel.clone(),
                last_name: person.last_name.clone(),
                organisation: format!("Organisatie {n}"),
                email: person.email.clone(),
                member_org: person.member_org.clone(),
                thursday: person.thursday,
                friday: person.friday,
                ..AttendeeInput::default()
            };
            b.edit_attendee(&person.id, input).expect("edit");
        }
        _ => {
            let _ = b.check_in_by_code(list, "ONBEKEND", None, CheckinSource::Scan);
        }
    }
}

#[test]
fn random_work_on_several_desks_converges_in_any_exchange_order() {
    for seed in 1..=4u64 {
        let mut rng = Rng::new(seed);
        let n = 3 + (seed as usize % 3);
        let (_dirs, mut desks) = congress(n);
        let mut undoable = Vec::new();
        for step in 0..60 {
            if rng.chance(30) {
                let (a, b) = (rng.below(n), rng.below(n));
                if a != b {
                    let (from, to) = if a < b {
                        let (l, r) = desks.split_at_mut(b);
                        (&l[a], &mut r[0])
                    } else {
                        let (l, r) = desks.split_at_mut(a);
                        (&r[0], &mut l[b])
                    };
                    exchange(from, to, rng.chance(30));
                    if rng.chance(20) {
                        exchange(from, to, false); // again: nothing changes
                    }
                }
            } else {
                let d = rng.below(n);
                random_work(&mut rng, &mut desks[d], &mut undoable, step);
            }
        }
        // Everyone with everyone, in a shuffled order, twice.
        for _ in 0..2 {
            let mut pairs: Vec<(usize, usize)> = (0..n)
                .flat_map(|a| (0..n).map(move |b| (a, b)))
                .filter(|(a, b)| a != b)
                .collect();
            for i in (1..pairs.len()).rev() {
                pairs.swap(i, rng.below(i + 1));
            }
            for (a, b) in pairs {
                let bundle = desks[a]
                    .export_bundle(&desks[b].version_vector().expect("vv"))
                    .expect("export");
                desks[b].import_bundle(&bundle).expect("import");
            }
        }
        let vector = desks[0].version_vector().expect("vv");
        assert_eq!(vector.len(), n, "seed {seed}: every desk wrote events");
        let checkins = String::from_utf8(desks[0].export_csv(ExportTable::Checkins).expect("csv"))
            .expect("utf-8");
        assert!(
            checkins.lines().count() > 10,
            "seed {seed}: enough check-ins to compare"
        );
        let reference = state(&desks[0]);
        for (i, d) in desks.iter_mut().enumerate() {
            assert_eq!(
                d.version_vector().expect("vv"),
                vector,
                "seed {seed}: desk {i} has all events"
            );
            assert_eq!(state(d), reference, "seed {seed}: desk {i} differs");
            d.store_mut().rebuild_projections().expect("rebuild");
            assert_eq!(
                state(d),
                reference,
                "seed {seed}: desk {i} differs from its own rebuild"
            );
        }
    }
}

#[test]
fn a_duplicate_check_in_from_two_desks_is_shown_as_also_checked_in() {
    let (_dirs, mut desks) = congress(2);
    let person = desks[0]
        .attendees()
        .expect("people")
        .into_iter()
        .find(|p| p.thursday)
        .expect("thursday");
    for d in desks.iter_mut() {
        let out = d
            .check_in(LISTS[0], &person.id, None, CheckinSource::Scan)
            .expect("check in");
        assert!(
            matches!(out, CheckinOutcome::CheckedIn { .. }),
            "both desks were offline"
        );
    }
    let (a, b) = desks.split_at_mut(1);
    exchange(&a[0], &mut b[0], false);
    exchange(&b[0], &mut a[0], false);
    for d in &desks {
        let hit = d
            .desk_search(&person.badge_code, LISTS[0])
            .expect("search")
            .remove(0);
        assert!(hit.presence.present);
        assert_eq!(
            hit.presence.also.len(),
            1,
            "the later one is flagged, not dropped"
        );
        let counter = d
            .counters()
            .expect("counters")
            .into_iter()
            .find(|c| c.list.id == LISTS[0])
            .expect("list");
        assert_eq!(counter.checked_in, 1, "counted once");
    }
}

#[test]
fn tampered_foreign_and_gapped_bundles_are_refused_and_change_nothing() {
    let (dirs, mut desks) = congress(2);
    let person = desks[0].attendees().expect("people").remove(0);
    desks[0]
        .check_in(LISTS[2], &person.id, Some("gast"), CheckinSource::Search)
        .expect("in");
    desks[0].check_out(LISTS[2], &person.id).expect("out");
    let bundle = desks[0]
        .export_bundle(&desks[1].version_vector().expect("vv"))
        .expect("export");
    let before = desks[1].store().event_count().expect("count");

    // One character of the payload changed on the way.
    let mut tampered = bundle.clone();
    let at = tampered.len() - 20;
    tampered[at] = if tampered[at] == b'a' { b'b' } else { b'a' };
    let e = desks[1].import_bundle(&tampered).expect_err("tampered");
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    assert!(e.to_string().contains("handtekening klopt niet"), "{e}");

    // Only the last event, without the one before it.
    let mut since = desks[1].version_vector().expect("vv");
    let desk0 = desks[0].store().desk().desk_id.clone();
    since.insert(
        desk0.clone(),
        desks[0].version_vector().expect("vv")[&desk0] - 1,
    );
    let gapped = desks[0].export_bundle(&since).expect("export");
    // Held back (the earlier events come with the next exchange), nothing added.
    let r = desks[1].import_bundle(&gapped).expect("gap");
    assert_eq!((r.new, r.held_back), (0, 1), "{r:?}");

    // Another congress, even signed with this congress's key.
    let other_dir = tempfile::tempdir().expect("tempdir");
    let other = start(other_dir.path(), true);
    std::fs::copy(
        dirs[0].path().join("congress.key"),
        other_dir.path().join("congress.key"),
    )
    .expect("copy key");
    let foreign = other.export_bundle(&VersionVector::new()).expect("export");
    let e = desks[1].import_bundle(&foreign).expect_err("foreign");
    assert!(e.to_string().contains("ander congres"), "{e}");
    // And one with its own key.
    let third_dir = tempfile::tempdir().expect("tempdir");
    let third = start(third_dir.path(), true);
    let e = desks[1]
        .import_bundle(&third.export_bundle(&VersionVector::new()).expect("export"))
        .expect_err("other key");
    assert!(e.to_string().contains("andere sleutel"), "{e}");
    let e = desks[1].import_bundle(b"hallo").expect_err("not a bundle");
    assert!(e.to_string().contains("geen Balie-bundel"), "{e}");

    assert_eq!(desks[1].store().event_count().expect("count"), before);
    // The real bundle merges, and a second time changes nothing.
    let report = desks[1].import_bundle(&bundle).expect("import");
    assert_eq!((report.received, report.new), (2, 2));
    let again = desks[1].import_bundle(&bundle).expect("again");
    assert_eq!(again.new, 0);
}

#[test]
fn joining_needs_an_empty_folder_the_right_key_and_a_full_bundle() {
    let (dirs, desks) = congress(2);
    let key = desks[0].congress_key_code().expect("key");
    let full = desks[0].export_bundle(&VersionVector::new()).expect("full");
    let refused = |r: Result<Balie, balie_core::Error>| match r {
        Ok(_) => panic!("joined"),
        Err(e) => e,
    };
    let e = refused(Balie::join(&options(dirs[1].path(), false), &key, &full));
    assert!(e.to_string().contains("bevat al een congres"), "{e}");
    let empty = tempfile::tempdir().expect("tempdir");
    let e = refused(Balie::join(&options(empty.path(), false), "ABCD", &full));
    assert!(e.to_string().contains("52 tekens"), "{e}");
    let partial = desks[0]
        .export_bundle(&desks[0].version_vector().expect("vv"))
        .expect("empty bundle");
    let e = refused(Balie::join(&options(empty.path(), false), &key, &partial));
    assert!(e.to_string().contains("geen volledige bundel"), "{e}");
    // A joined desk restarts as a normal desk of the same congress.
    drop(desks);
    let restarted = start(dirs[1].path(), false);
    assert_eq!(restarted.attendees().expect("people").len(), 400);
    assert_eq!(restarted.congress_key_code().expect("key"), key);
}

#[test]
fn a_backup_restores_by_merging_and_a_foreign_one_is_refused() {
    let (dirs, mut desks) = congress(2);
    let people: Vec<_> = desks[0]
        .attendees()
        .expect("people")
        .into_iter()
        .filter(|p| p.thursday)
        .take(4)
        .collect();
    for p in &people[..3] {
        desks[0]
            .check_in(LISTS[0], &p.id, None, CheckinSource::Search)
            .expect("in");
    }
    let at_backup = state(&desks[0]);
    let backup = desks[0].backup(None).expect("backup");
    assert!(backup.starts_with(dirs[0].path().join("backups")));
    desks[0]
        .check_in(LISTS[0], &people[3].id, None, CheckinSource::Search)
        .expect("after the backup");

    // Desk 1 never exchanged; the backup brings desk 0's first three check-ins.
    let report = desks[1].restore(&backup).expect("restore");
    assert_eq!(report.restored, 3);
    assert_eq!(state(&desks[1]), at_backup);
    // Restoring again, or into the desk itself, loses nothing and adds nothing.
    assert_eq!(desks[1].restore(&backup).expect("again").restored, 0);
    assert_eq!(desks[0].restore(&backup).expect("own").restored, 0);
    let counter = desks[0]
        .counters()
        .expect("counters")
        .into_iter()
        .find(|c| c.list.id == LISTS[0])
        .expect("thu");
    assert_eq!(
        counter.checked_in, 4,
        "the check-in after the backup is still there"
    );

    // Rolling backups keep the last ten.
    for _ in 0..12 {
        desks[0].backup(None).expect("backup");
    }
    let kept = std::fs::read_dir(dirs[0].path().join("backups"))
        .expect("dir")
        .count();
    assert_eq!(kept, balie_core::wire::sync::BACKUPS_KEPT);

    // A backup to a chosen folder (a USB stick), and one of another congress refused.
    let usb = tempfile::tempdir().expect("usb");
    let copy = desks[0].backup(Some(usb.path())).expect("to usb");
    assert!(copy.starts_with(usb.path()));
    let other_dir = tempfile::tempdir().expect("other");
    let other = start(other_dir.path(), true);
    let foreign = other.backup(Some(usb.path())).expect("other backup");
    let before = desks[1].store().event_count().expect("count");
    let e = desks[1].restore(&foreign).expect_err("foreign");
    assert!(
        e.to_string().contains("congres met een andere sleutel"),
        "{e}"
    );
    assert_eq!(desks[1].store().event_count().expect("count"), before);
}

#[test]
fn a_changed_backup_is_refused_and_a_resealed_forgery_adds_nothing() {
    use balie_core::wire::backup;
    let (dirs, mut desks) = congress(2);
    let person = desks[0].attendees().expect("people")[0].id.clone();
    let file = desks[0].backup(None).expect("backup");
    let bytes = std::fs::read(&file).expect("read");
    let before = desks[1].store().event_count().expect("count");
    // One byte changed anywhere: refused whole.
    let mut bent = bytes.clone();
    let at = bent.len() / 2;
    bent[at] ^= 0x20;
    let changed = dirs[1].path().join("veranderd.baliebackup");
    std::fs::write(&changed, &bent).expect("write");
    let e = desks[1].restore(&changed).expect_err("changed");
    assert!(e.to_string().contains("veranderd"), "{e}");
    // Someone with the congress key opens it, inserts a check-in with plain SQL (as
    // `sqlite3` would), and seals it again: the event is not signed by its desk.
    let key = balie_core::wire::sync::parse_key_code(&desks[0].congress_key_code().expect("code"))
        .expect("key");
    let (header, database) = backup::open(&bytes, &key, "b").expect("open");
    let plain = dirs[1].path().join("open.sqlite");
    std::fs::write(&plain, &database).expect("write");
    {
        let conn = rusqlite::Connection::open(&plain).expect("sqlite");
        let desk0 = desks[0].store().desk().desk_id.clone();
        let seq: i64 = conn
            .query_row(
                "SELECT max(seq) + 1 FROM events WHERE desk_id = ?1",
                [&desk0],
                |r| r.get(0),
            )
            .expect("seq");
        conn.execute(
            "INSERT INTO events (id, desk_id, seq, hlc, wall_time, desk_name, staff, kind, subject, payload)
             VALUES ('vals', ?1, ?2, 1, '2023-12-07T09:00:00Z', 'Balie', 'Anna', 'checkin.in', ?3,
                     '{\"list_id\":\"day-2023-12-07\",\"source\":\"search\"}')",
            rusqlite::params![desk0, seq, person],
        )
        .expect("insert");
    }
    let forged = backup::seal(&key, &header, &std::fs::read(&plain).expect("read")).expect("seal");
    let resealed = dirs[1].path().join("vervalst.baliebackup");
    std::fs::write(&resealed, forged).expect("write");
    let preview = desks[1].restore_preview(&resealed).expect("preview");
    assert!(!preview.applied);
    assert_eq!(preview.refused, 1, "{preview:?}");
    assert_eq!(
        desks[1].store().event_count().expect("count"),
        before,
        "a preview adds nothing"
    );
    let report = desks[1].restore(&resealed).expect("restore");
    assert_eq!(report.refused, 1, "{report:?}");
    assert!(!desks[1]
        .store()
        .events()
        .expect("events")
        .iter()
        .any(|e| e.id == "vals"));
    // A backup copied over the database (the obvious manual recovery) is recognised.
    let other = tempfile::tempdir().expect("dir");
    std::fs::copy(&file, other.path().join("balie.sqlite")).expect("copy");
    let e = Balie::start(&options(other.path(), false))
        .err()
        .expect("refused");
    assert!(
        e.to_string().contains("is een back-up, geen database"),
        "{e}"
    );
}

#[test]
fn a_backup_cut_off_halfway_leaves_nothing_that_counts() {
    let (dirs, desks) = congress(1);
    let backups = dirs[0].path().join("backups");
    let first = desks[0].backup(None).expect("backup");
    // What a backup killed halfway leaves: its temporary files, never a backup's name.
    std::fs::write(backups.join(".balie-0190.deel"), b"BALIE-BACKUP 1\nhalf").expect("write");
    std::fs::write(backups.join(".balie-0191.kopie"), b"SQLite format 3\0").expect("write");
    for _ in 0..11 {
        desks[0].backup(None).expect("backup");
    }
    let names: Vec<String> = std::fs::read_dir(&backups)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(
        names.len(),
        balie_core::wire::sync::BACKUPS_KEPT,
        "{names:?}"
    );
    assert!(names
        .iter()
        .all(|n| n.starts_with("balie-") && n.ends_with(".baliebackup")));
    assert!(!first.exists(), "the oldest went: {first:?} {names:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(backups.join(&names[0]))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "readable by this user only");
    }
}

#[test]
fn a_new_laptop_joins_a_congress_in_place_and_a_desk_with_data_never_does() {
    let (dirs, mut desks) = congress(1);
    let key = desks[0].congress_key_code().expect("key");
    let full = desks[0].export_bundle(&VersionVector::new()).expect("full");
    // A freshly installed desk: its first start made a congress of its own.
    let fresh_dir = tempfile::tempdir().expect("tempdir");
    let mut fresh = start(fresh_dir.path(), false);
    assert!(fresh.only_first_start().expect("check"));
    let own_congress = fresh.congress_id().expect("id");
    // A tampered bundle changes nothing.
    let mut tampered = full.clone();
    let n = tampered.len() - 10;
    tampered[n] ^= 1;
    assert!(fresh.join_in_place(&key, &tampered).is_err());
    assert_eq!(fresh.congress_id().expect("id"), own_congress);
    // The real thing.
    fresh.join_in_place(&key, &full).expect("join in place");
    assert_eq!(
        fresh.congress_id().expect("id"),
        desks[0].congress_id().expect("id")
    );
    assert_eq!(fresh.attendees().expect("people").len(), 400);
    assert_eq!(fresh.congress_key_code().expect("key"), key);
    let aside: Vec<_> = std::fs::read_dir(fresh_dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("vervangen-"))
        .collect();
    assert_eq!(aside.len(), 1, "the old database is kept aside");
    assert!(aside[0].path().join("balie.sqlite").exists());
    // It works as a desk of the congress, and is one after a restart too.
    fresh.set_staff("Cor").expect("staff");
    let person = fresh
        .attendees()
        .expect("people")
        .into_iter()
        .find(|p| p.thursday)
        .expect("thu");
    fresh
        .check_in("day-2023-12-07", &person.id, None, CheckinSource::Search)
        .expect("in");
    exchange(&fresh, &mut desks[0], false);
    drop(fresh);
    let again = start(fresh_dir.path(), false);
    assert_eq!(
        again.congress_id().expect("id"),
        desks[0].congress_id().expect("id")
    );
    // A desk with its own data refuses, and keeps everything.
    let events = desks[0].store().event_count().expect("count");
    let other_dir = tempfile::tempdir().expect("tempdir");
    let other = start(other_dir.path(), true);
    let other_key = other.congress_key_code().expect("key");
    let other_full = other.export_bundle(&VersionVector::new()).expect("bundle");
    let e = desks[0]
        .join_in_place(&other_key, &other_full)
        .expect_err("has data");
    assert!(e.to_string().contains("eigen gegevens"), "{e}");
    assert_eq!(desks[0].store().event_count().expect("count"), events);
    drop(dirs);
}
