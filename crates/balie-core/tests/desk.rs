//! The reception desk through the real core on temp-folder databases: check-in, duplicates,
//! undo, check-out, overrides, the members' list, counters, durability, the register.

mod common;

use balie_core::app::reception::AttendeeInput;
use balie_core::domain::checkin::CheckinOutcome;
use balie_core::domain::checkin::CheckinSource;
use balie_core::domain::checkin::NotOnList;
use balie_core::{Balie, ErrorCode};
use common::start;

const THU: &str = "day-2023-12-07";
const FRI: &str = "day-2023-12-08";

fn desk(dir: &std::path::Path) -> Balie {
    let mut b = start(dir, true);
    b.set_staff("Anna").expect("staff");
    b
}

fn counter(b: &Balie, list: &str) -> (i64, i64, i64) {
    let c = b
        .counters()
        .expect("counters")
        .into_iter()
        .find(|c| c.list.id == list)
        .expect("list");
    (c.checked_in, c.expected, c.overrides)
}

#[test]
fn default_lists_exist_and_counters_start_at_zero() {
    let dir = tempfile::tempdir().expect("tempdir");
    let b = desk(dir.path());
    let ids: Vec<String> = b
        .lists()
        .expect("lists")
        .into_iter()
        .map(|l| l.id)
        .collect();
    assert_eq!(ids, [THU, FRI, "alv"]);
    let people = b.attendees().expect("people");
    let thursday = people.iter().filter(|p| p.thursday).count() as i64;
    let members = people.iter().filter(|p| p.member_org.is_some()).count() as i64;
    assert_eq!(counter(&b, THU), (0, thursday, 0));
    assert_eq!(counter(&b, "alv"), (0, members, 0));
}

#[test]
fn check_in_then_duplicate_names_the_first_desk_time_and_staff() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let person = b
        .attendees()
        .expect("people")
        .into_iter()
        .find(|p| p.thursday)
        .expect("someone");
    let before = counter(&b, THU).0;
    let first = b
        .check_in(THU, &person.id, None, CheckinSource::Search)
        .expect("check in");
    let CheckinOutcome::CheckedIn { record, .. } = first else {
        panic!("expected a check-in, got {first:?}");
    };
    assert_eq!(record.staff, "Anna");
    assert_eq!(record.desk_id, b.store().desk().desk_id);
    assert_eq!(record.wall_time, "2023-12-07T14:20:00Z");
    assert_eq!(counter(&b, THU).0, before + 1);

    let events = b.store().event_count().expect("count");
    b.set_staff("Bert").expect("staff");
    let again = b
        .check_in(THU, &person.id, None, CheckinSource::Search)
        .expect("again");
    let CheckinOutcome::AlreadyCheckedIn { earlier, .. } = again else {
        panic!("expected a duplicate, got {again:?}");
    };
    assert_eq!(earlier.event_id, record.event_id);
    assert_eq!(earlier.staff, "Anna");
    assert_eq!(earlier.desk_name, b.store().desk().desk_name);
    assert_eq!(
        b.store().event_count().expect("count"),
        events,
        "a duplicate writes nothing"
    );
    assert_eq!(counter(&b, THU).0, before + 1);
}

#[test]
fn undo_needs_a_reason_and_frees_the_person() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let person = b
        .attendees()
        .expect("people")
        .into_iter()
        .find(|p| p.friday)
        .expect("someone");
    let CheckinOutcome::CheckedIn { record, .. } = b
        .check_in(FRI, &person.id, None, CheckinSource::Search)
        .expect("in")
    else {
        panic!("not checked in");
    };
    let err = b
        .undo_checkin(&record.event_id, "  ")
        .expect_err("no reason");
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(err.to_string().contains("reden"), "{err}");
    let undone = b
        .undo_checkin(&record.event_id, "verkeerde persoon")
        .expect("undo");
    assert!(undone.undone);
    assert_eq!(counter(&b, FRI).0, 0);
    let err = b
        .undo_checkin(&record.event_id, "nogmaals")
        .expect_err("twice");
    assert!(err.to_string().contains("al ongedaan"), "{err}");
    assert!(matches!(
        b.check_in(FRI, &person.id, None, CheckinSource::Search)
            .expect("in again"),
        CheckinOutcome::CheckedIn { .. }
    ));
}

#[test]
fn check_out_and_back_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let person = b
        .attendees()
        .expect("people")
        .into_iter()
        .find(|p| p.member_org.is_some())
        .expect("member");
    b.check_in("alv", &person.id, None, CheckinSource::Search)
        .expect("in");
    assert_eq!(counter(&b, "alv").0, 1);
    b.check_out("alv", &person.id).expect("out");
    assert_eq!(counter(&b, "alv").0, 0);
    let err = b.check_out("alv", &person.id).expect_err("not in");
    assert!(err.to_string().contains("niet ingecheckt"), "{err}");
    let back = b
        .check_in("alv", &person.id, None, CheckinSource::Search)
        .expect("back");
    assert!(matches!(back, CheckinOutcome::CheckedIn { .. }));
    assert_eq!(counter(&b, "alv").0, 1);
}

#[test]
fn not_registered_needs_an_override_and_the_members_list_never_counts_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let people = b.attendees().expect("people");
    let friday_only = people.iter().find(|p| !p.thursday).expect("friday only");
    let outcome = b
        .check_in(THU, &friday_only.id, None, CheckinSource::Search)
        .expect("attempt");
    assert!(matches!(
        outcome,
        CheckinOutcome::NeedsOverride {
            reason: NotOnList::NotRegisteredForDay,
            ..
        }
    ));
    let outcome = b
        .check_in(
            THU,
            &friday_only.id,
            Some("komt toch een dag eerder"),
            CheckinSource::Search,
        )
        .expect("override");
    let CheckinOutcome::CheckedIn { record, .. } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(
        record.override_reason.as_deref(),
        Some("komt toch een dag eerder")
    );
    assert_eq!(counter(&b, THU).2, 1, "counted as an override");

    let outsider = people
        .iter()
        .find(|p| p.member_org.is_none())
        .expect("non-member");
    let outcome = b
        .check_in("alv", &outsider.id, None, CheckinSource::Search)
        .expect("attempt");
    assert!(matches!(
        outcome,
        CheckinOutcome::NeedsOverride {
            reason: NotOnList::NotAMember,
            ..
        }
    ));
    b.check_in(
        "alv",
        &outsider.id,
        Some("gast van het bestuur"),
        CheckinSource::Search,
    )
    .expect("override");
    assert_eq!(
        counter(&b, "alv"),
        (0, counter(&b, "alv").1, 1),
        "never counts for presence"
    );
    let hits = b.desk_search(&outsider.last_name, "alv").expect("search");
    let hit = hits
        .iter()
        .find(|h| h.attendee.id == outsider.id)
        .expect("found");
    assert!(hit.presence.present && hit.presence.not_counted);
    assert_eq!(hit.not_on_list, Some(NotOnList::NotAMember));
}

#[test]
fn state_rebuilt_from_the_events_equals_the_projection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let people = b.attendees().expect("people");
    for (n, p) in people.iter().take(60).enumerate() {
        let list = if p.thursday { THU } else { FRI };
        if let CheckinOutcome::CheckedIn { record, .. } = b
            .check_in(list, &p.id, None, CheckinSource::Search)
            .expect("in")
        {
            if n % 7 == 0 {
                b.undo_checkin(&record.event_id, "test").expect("undo");
            } else if n % 5 == 0 {
                b.check_out(list, &p.id).expect("out");
            }
        }
    }
    let counters = b.counters().expect("counters");
    let search = b.desk_search("bibliotheek", THU).expect("search");
    b.store_mut().rebuild_projections().expect("rebuild");
    assert_eq!(b.counters().expect("counters"), counters);
    assert_eq!(b.desk_search("bibliotheek", THU).expect("search"), search);
}

#[test]
fn a_failed_write_reports_niet_opgeslagen_and_leaves_no_event() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let person = b
        .attendees()
        .expect("people")
        .into_iter()
        .find(|p| p.thursday)
        .expect("someone");
    b.store_mut()
        .set_busy_timeout(std::time::Duration::from_millis(50))
        .expect("timeout");
    let events = b.store().event_count().expect("count");
    let other = rusqlite::Connection::open(b.store().path()).expect("second connection");
    other.execute_batch("BEGIN IMMEDIATE").expect("lock");
    let err = b
        .check_in(THU, &person.id, None, CheckinSource::Search)
        .expect_err("locked");
    assert_eq!(err.code(), ErrorCode::WriteFailed);
    assert!(err.to_string().starts_with("Niet opgeslagen"), "{err}");
    other.execute_batch("ROLLBACK").expect("unlock");
    assert_eq!(b.store().event_count().expect("count"), events);
    assert_eq!(counter(&b, THU).0, 0);
}

#[test]
fn staff_must_start_a_shift_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = start(dir.path(), true);
    let person = b.attendees().expect("people").remove(0);
    let err = b
        .check_in(THU, &person.id, None, CheckinSource::Search)
        .expect_err("no staff");
    assert!(err.to_string().contains("Begin dienst"), "{err}");
    assert!(b.set_staff("   ").is_err());
}

#[test]
fn badge_codes_check_in_and_bad_codes_are_logged_as_failed_scans() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let person = b
        .attendees()
        .expect("people")
        .into_iter()
        .find(|p| p.thursday)
        .expect("someone");
    let typed = person.badge_code.to_lowercase();
    let outcome = b
        .check_in_by_code(THU, &typed, None, CheckinSource::Scan)
        .expect("scan");
    assert!(matches!(outcome, CheckinOutcome::CheckedIn { .. }));
    let events = b.store().event_count().expect("count");
    let mut wrong = person.badge_code;
    wrong.replace_range(0..1, if wrong.starts_with('A') { "B" } else { "A" });
    let err = b
        .check_in_by_code(THU, &wrong, None, CheckinSource::Scan)
        .expect_err("typo");
    assert!(err.to_string().contains("niet gevonden"), "{err}");
    assert_eq!(
        b.store().event_count().expect("count"),
        events + 1,
        "scan.failed logged"
    );
    let last = b.store().events().expect("events").pop().expect("event");
    assert_eq!(last.kind, "scan.failed");
}

#[test]
fn adding_a_person_validates_every_field_and_makes_them_findable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let events = b.store().event_count().expect("count");
    let err = b
        .add_attendee(AttendeeInput {
            email: "niet-een-adres".into(),
            ..AttendeeInput::default()
        })
        .expect_err("invalid");
    let msg = err.to_string();
    for field in ["Voornaam", "Achternaam", "E-mailadres", "Dagen"] {
        assert!(msg.contains(field), "{field} missing in: {msg}");
    }
    assert_eq!(
        b.store().event_count().expect("count"),
        events,
        "nothing written"
    );

    let existing = b.attendees().expect("people").remove(0);
    let err = b
        .add_attendee(AttendeeInput {
            first_name: "Kopie".into(),
            last_name: "Persoon".into(),
            email: existing.email.to_uppercase(),
            thursday: true,
            ..AttendeeInput::default()
        })
        .expect_err("duplicate e-mail");
    assert!(
        err.to_string().contains("staat al in het register"),
        "{err}"
    );

    let added = b
        .add_attendee(AttendeeInput {
            first_name: " Rachel ".into(),
            tussenvoegsel: "van den".into(),
            last_name: "Hoogen".into(),
            organisation: "Biblionet Groningen".into(),
            email: "rachel@voorbeeld.example.org".into(),
            friday: true,
            dietary: "vegetarisch".into(),
            ..AttendeeInput::default()
        })
        .expect("added");
    assert_eq!(added.first_name, "Rachel");
    assert!(balie_core::domain::badge::normalise(&added.badge_code).is_some());
    for q in ["hoogen", "van den hoogen", "rachel hoo"] {
        let hits = b.desk_search(q, FRI).expect("search");
        assert!(hits.iter().any(|h| h.attendee.id == added.id), "{q}");
    }
    let hit = b.desk_search("rachel hoo", FRI).expect("search").remove(0);
    assert_eq!(hit.listing_name, "Hoogen, Rachel van den");

    let edited = b
        .edit_attendee(
            &added.id,
            AttendeeInput {
                thursday: true,
                friday: true,
                ..AttendeeInput {
                    first_name: "Rachel".into(),
                    tussenvoegsel: "van den".into(),
                    last_name: "Hoogen".into(),
                    ..AttendeeInput::default()
                }
            },
        )
        .expect("edit");
    assert_eq!(edited.badge_code, added.badge_code);
    assert!(edited.thursday);
    let kinds: Vec<String> = b
        .store()
        .events()
        .expect("events")
        .into_iter()
        .rev()
        .take(2)
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds, ["attendee.edited", "attendee.registered"]);
}

#[test]
fn lists_for_sessions_and_buses_follow_sign_ups() {
    use balie_core::domain::checkin::ListKind;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let session = b
        .add_list(ListKind::Session, "kennissessie-online")
        .expect("session list");
    assert_eq!(session.id, "session-kennissessie-online");
    assert_eq!(session.name, "Sessie: Online bibliotheek");
    let bus = b
        .add_list(ListKind::Bus, "werkbezoek-dnk-assen")
        .expect("bus list");
    assert_eq!(bus.name, "Bus: DNK & Biblionet Drenthe");
    let err = b
        .add_list(ListKind::Bus, "alv")
        .expect_err("no bus to the ALV");
    assert!(err.to_string().contains("geen busvervoer"), "{err}");
    let err = b
        .add_list(ListKind::Session, "bestaat-niet")
        .expect_err("unknown");
    assert!(err.to_string().contains("geen programmaonderdeel"), "{err}");
    let err = b
        .add_list(ListKind::Session, "kennissessie-online")
        .expect_err("twice");
    assert!(err.to_string().contains("bestaat al"), "{err}");

    let people = b.attendees().expect("people");
    let signed_up = people
        .iter()
        .filter(|p| p.session_choice.as_deref() == Some("kennissessie-online"))
        .count() as i64;
    let riders = people
        .iter()
        .filter(|p| p.bus && p.visit_choice.as_deref() == Some("werkbezoek-dnk-assen"))
        .count() as i64;
    assert!(signed_up > 0 && riders > 0);
    assert_eq!(counter(&b, &session.id), (0, signed_up, 0));
    assert_eq!(counter(&b, &bus.id), (0, riders, 0));
    let rider = people
        .iter()
        .find(|p| p.bus && p.visit_choice.as_deref() == Some("werkbezoek-dnk-assen"))
        .expect("rider");
    b.check_in(&bus.id, &rider.id, None, CheckinSource::Search)
        .expect("board");
    assert_eq!(counter(&b, &bus.id), (1, riders, 0));
    let walker = people.iter().find(|p| !p.bus).expect("no bus");
    let outcome = b
        .check_in(&bus.id, &walker.id, None, CheckinSource::Search)
        .expect("attempt");
    assert!(matches!(
        outcome,
        CheckinOutcome::NeedsOverride {
            reason: NotOnList::NotSignedUp,
            ..
        }
    ));
}
