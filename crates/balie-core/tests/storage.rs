//! The database on disk: first start, reopen, newer-schema refusal, projections.

mod common;

use balie_core::app::DATABASE_FILE;
use balie_core::store::SCHEMA_VERSION;
use balie_core::{Balie, ErrorCode};
use common::{options, start};

#[test]
fn first_start_creates_the_database_and_loads_the_programme_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = start(dir.path(), false);
    let events = first.store().event_count().expect("count");
    let kinds: Vec<String> = first
        .store()
        .events()
        .expect("events")
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            "desk.key_announced",
            "congress.created",
            "programme.loaded",
            "checkin.list_created",
            "checkin.list_created",
            "checkin.list_created"
        ]
    );
    let programme = first.programme().expect("programme");
    drop(first);
    assert!(dir.path().join(DATABASE_FILE).exists());
    assert!(dir.path().join("desk.json").exists());

    let again = start(dir.path(), false);
    assert_eq!(again.store().event_count().expect("count"), events);
    assert_eq!(again.programme().expect("programme"), programme);
    let info = again.app_info().expect("info");
    assert_eq!(info.schema_version, SCHEMA_VERSION);
    assert!(!info.is_demo);
    assert!(info.clock_fixed);
    assert_eq!(info.now, "2023-12-07T14:20:00Z");
    assert_eq!(info.attendee_count, 0);
}

#[test]
fn a_database_from_a_newer_balie_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(start(dir.path(), false));
    let db = dir.path().join(DATABASE_FILE);
    {
        let c = rusqlite::Connection::open(&db).expect("raw open");
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
            .expect("bump");
    }
    let wal = dir.path().join(format!("{DATABASE_FILE}-wal"));
    assert!(!wal.exists(), "a clean close leaves no -wal file");
    let before = std::fs::read(&db).expect("read");

    let err = Balie::start(&options(dir.path(), false))
        .err()
        .expect("refused");
    assert_eq!(err.code(), ErrorCode::SchemaTooNew);
    let msg = err.to_string();
    assert!(msg.contains("nieuwere versie van Balie"), "{msg}");
    assert!(msg.contains("niet gewijzigd"), "{msg}");

    assert_eq!(std::fs::read(&db).expect("read"), before, "bytes unchanged");
    assert!(!wal.exists(), "no -wal file appeared");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join(DATABASE_FILE);
    let junk = "Voornaam;Achternaam\n".repeat(20);
    std::fs::write(&db, &junk).expect("write");
    let err = Balie::start(&options(dir.path(), false))
        .err()
        .expect("refused");
    assert_eq!(err.code(), ErrorCode::StorageUnavailable);
    assert!(err.to_string().contains("geen SQLite-database"), "{err}");
    assert_eq!(std::fs::read_to_string(&db).expect("read"), junk);
}

#[test]
fn projections_rebuilt_from_the_events_equal_the_incremental_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut balie = start(dir.path(), true);
    let programme = balie.programme().expect("programme");
    let people = balie.attendees().expect("attendees");
    assert_eq!(people.len(), 400);
    balie.store_mut().rebuild_projections().expect("rebuild");
    assert_eq!(balie.programme().expect("programme"), programme);
    assert_eq!(balie.attendees().expect("attendees"), people);
}

#[test]
fn demo_data_never_goes_into_a_real_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(start(dir.path(), false));
    let err = Balie::start(&options(dir.path(), true))
        .err()
        .expect("refused");
    assert_eq!(err.code(), ErrorCode::DemoMismatch);
    assert!(err.to_string().contains("echte congresgegevens"), "{err}");
    let real = start(dir.path(), false);
    assert_eq!(
        real.store().event_count().expect("count"),
        6,
        "nothing was added"
    );
}

#[test]
fn a_demo_folder_is_marked_and_filled_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = start(dir.path(), true);
    let info = first.app_info().expect("info");
    assert!(info.is_demo);
    assert_eq!(info.attendee_count, 400);
    let events = first.store().event_count().expect("count");
    drop(first);
    let again = start(dir.path(), true);
    assert_eq!(again.store().event_count().expect("count"), events);
    let events = again.store().events().expect("events");
    let desk = &again.store().desk().desk_id;
    assert!(events.iter().all(|e| &e.desk_id == desk));
    assert!(events
        .iter()
        .all(|e| e.staff == balie_core::store::SYSTEM_STAFF));
    assert_eq!(
        events.first().map(|e| e.wall_time.as_str()),
        Some("2023-12-07T14:20:00Z")
    );
}
