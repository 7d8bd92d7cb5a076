//! The desk's fast lane through the real core on temp-folder databases: walk-ins, paper
//! entries, the arrival chart, the roster and the kiosk.

mod common;

use balie_core::app::fastlane::{KioskOutcome, PaperInput, WalkInInput, WalkInOutcome};
use balie_core::domain::checkin::CheckinOutcome;
use balie_core::domain::checkin::CheckinSource;
use balie_core::domain::checkin::NotOnList;
use balie_core::{Balie, ErrorCode};
use common::start;

const THU: &str = "day-2023-12-07";

fn desk(dir: &std::path::Path) -> Balie {
    let mut b = start(dir, true);
    b.set_staff("Anna").expect("staff");
    b
}

fn walk_in(first: &str, last: &str) -> WalkInInput {
    WalkInInput {
        first_name: first.into(),
        tussenvoegsel: String::new(),
        last_name: last.into(),
        organisation: "Bibliotheek Tytsjerksteradiel".into(),
        email: String::new(),
    }
}

fn thursday_people(b: &Balie, n: usize) -> Vec<balie_core::store::attendees::Attendee> {
    b.attendees()
        .expect("people")
        .into_iter()
        .filter(|p| p.thursday)
        .take(n)
        .collect()
}

#[test]
fn a_walk_in_is_registered_marked_and_checked_in_in_one_go() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let events = b.store().event_count().expect("count");
    let out = b
        .register_walk_in(walk_in("  Sietske ", "Hoekstra"), THU, false)
        .expect("walk in");
    let WalkInOutcome::CheckedIn { attendee, record } = out else {
        panic!("expected a check-in, got {out:?}");
    };
    assert!(attendee.walk_in);
    assert_eq!(attendee.first_name, "Sietske");
    assert!(attendee.thursday && !attendee.friday);
    assert_eq!(record.source, "walk_in");
    assert_eq!(b.store().event_count().expect("count"), events + 2);
    let counter = b
        .counters()
        .expect("counters")
        .into_iter()
        .find(|c| c.list.id == THU)
        .expect("thu");
    assert_eq!((counter.checked_in, counter.walk_ins), (1, 1));
    // Found by the desk search straight away, and still a walk-in after a rebuild.
    let found = b.desk_search(&attendee.badge_code, THU).expect("search");
    assert_eq!(found.len(), 1);
    assert!(found[0].presence.present);
    b.store_mut().rebuild_projections().expect("rebuild");
    assert!(b.attendees().expect("people").iter().any(|a| a.walk_in));
}

#[test]
fn a_walk_in_with_a_registered_name_is_offered_the_existing_person_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let someone = thursday_people(&b, 1).remove(0);
    let events = b.store().event_count().expect("count");
    let input = WalkInInput {
        first_name: someone.first_name.to_uppercase(),
        tussenvoegsel: someone.tussenvoegsel.clone(),
        last_name: someone.last_name.clone(),
        organisation: String::new(),
        email: String::new(),
    };
    let out = b
        .register_walk_in(input.clone(), THU, false)
        .expect("walk in");
    let WalkInOutcome::Similar { people } = out else {
        panic!("expected the existing person, got {out:?}");
    };
    assert!(people.iter().any(|h| h.attendee.id == someone.id));
    assert_eq!(
        b.store().event_count().expect("count"),
        events,
        "nothing written"
    );
    // Confirmed as someone else: registered anyway.
    let out = b.register_walk_in(input, THU, true).expect("walk in");
    assert!(matches!(out, WalkInOutcome::CheckedIn { .. }));
}

#[test]
fn walk_in_refusals_name_the_field_and_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let events = b.store().event_count().expect("count");
    let e = b
        .register_walk_in(walk_in("", "Hoekstra"), THU, false)
        .expect_err("no first name");
    assert!(e.to_string().contains("Voornaam"), "{e}");
    let e = b
        .register_walk_in(walk_in("Sietske", "Hoekstra"), "alv", false)
        .expect_err("not on the ALV");
    assert!(e.to_string().contains("daglijst"), "{e}");
    let taken = b.attendees().expect("people").remove(0).email;
    let mut input = walk_in("Sietske", "Hoekstra");
    input.email = taken.to_uppercase();
    let e = b
        .register_walk_in(input, THU, false)
        .expect_err("e-mail taken");
    assert!(e.to_string().contains("staat al in het register"), "{e}");
    assert_eq!(b.store().event_count().expect("count"), events);
}

#[test]
fn paper_entries_keep_the_time_on_paper_and_skip_people_already_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let people = thursday_people(&b, 3);
    b.check_in(THU, &people[0].id, None, CheckinSource::Search)
        .expect("live check-in");
    let input = PaperInput {
        list_id: THU.into(),
        date: String::new(),
        time: "09:20".into(),
        note: "Lijst balie 2, laptop uitgevallen".into(),
        attendee_ids: people.iter().map(|p| p.id.clone()).collect(),
    };
    let result = b.enter_paper_checkins(&input).expect("paper");
    assert_eq!(result.entered.len(), 2);
    assert_eq!(result.skipped.len(), 1);
    assert_eq!(result.skipped[0].attendee_id, people[0].id);
    let entry = &result.entered[0].record;
    assert_eq!(entry.paper_time.as_deref(), Some("2023-12-07T08:20:00Z"));
    assert_eq!(
        entry.wall_time, "2023-12-07T14:20:00Z",
        "the entry's own time stays"
    );
    assert_eq!(entry.source, "paper");
    assert_eq!(entry.staff, "Anna");
    assert_eq!(
        entry.paper_note.as_deref(),
        Some("Lijst balie 2, laptop uitgevallen")
    );
    // The desk search shows the paper time as the arrival.
    let hit = b
        .desk_search(&people[1].badge_code, THU)
        .expect("search")
        .remove(0);
    let since = hit.presence.since.expect("present");
    assert_eq!(since.arrived_at(), "2023-12-07T08:20:00Z");
    // Entering the same list again adds nothing.
    let again = b.enter_paper_checkins(&input).expect("again");
    assert!(again.entered.is_empty());
    assert_eq!(again.skipped.len(), 3);
    // It survives a rebuild from the events.
    b.store_mut().rebuild_projections().expect("rebuild");
    let chart = b.arrivals(THU).expect("chart");
    assert_eq!(chart.total, 3);
    assert_eq!(chart.slots[0].start, "2023-12-07T08:20:00Z");
    assert_eq!(chart.slots[0].count, 2);
}

#[test]
fn paper_refusals_say_what_and_where_and_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let people = thursday_people(&b, 2);
    let friday_only = b
        .attendees()
        .expect("people")
        .into_iter()
        .find(|p| !p.thursday)
        .expect("friday only");
    let events = b.store().event_count().expect("count");
    let good = PaperInput {
        list_id: THU.into(),
        date: String::new(),
        time: "09:20".into(),
        note: "Lijst balie 2".into(),
        attendee_ids: people.iter().map(|p| p.id.clone()).collect(),
    };
    let cases: Vec<(PaperInput, &str)> = vec![
        (
            PaperInput {
                time: "9.20".into(),
                ..good.clone()
            },
            "tijd",
        ),
        (
            PaperInput {
                time: "16:00".into(),
                ..good.clone()
            },
            "toekomst",
        ),
        (
            PaperInput {
                note: " ".into(),
                ..good.clone()
            },
            "bron",
        ),
        (
            PaperInput {
                attendee_ids: vec![],
                ..good.clone()
            },
            "vink minstens",
        ),
        (
            PaperInput {
                date: "7-12-2023".into(),
                ..good.clone()
            },
            "JJJJ-MM-DD",
        ),
        (
            PaperInput {
                attendee_ids: vec![people[0].id.clone(), friday_only.id],
                ..good
            },
            "niet aangemeld voor deze dag",
        ),
    ];
    for (input, expect) in cases {
        let e = b.enter_paper_checkins(&input).expect_err(expect);
        assert_eq!(e.code(), ErrorCode::InvalidInput);
        assert!(e.to_string().contains(expect), "{expect}: {e}");
    }
    assert_eq!(b.store().event_count().expect("count"), events);
}

#[test]
fn arrivals_count_each_person_once_per_ten_minutes_without_undone_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let people = thursday_people(&b, 4);
    let paper = |time: &str, ids: &[&balie_core::store::attendees::Attendee]| PaperInput {
        list_id: THU.into(),
        date: String::new(),
        time: time.into(),
        note: "papier".into(),
        attendee_ids: ids.iter().map(|p| p.id.clone()).collect(),
    };
    b.enter_paper_checkins(&paper("09:01", &[&people[0], &people[1]]))
        .expect("paper");
    b.enter_paper_checkins(&paper("09:35", &[&people[2]]))
        .expect("paper");
    let live = b
        .check_in(THU, &people[3].id, None, CheckinSource::Scan)
        .expect("live");
    let CheckinOutcome::CheckedIn { record, .. } = live else {
        panic!("{live:?}");
    };
    // Check out and in again: still one arrival.
    b.check_out(THU, &people[0].id).expect("out");
    b.check_in(THU, &people[0].id, None, CheckinSource::Search)
        .expect("back in");
    let chart = b.arrivals(THU).expect("chart");
    assert_eq!(chart.slot_minutes, 10);
    assert_eq!(chart.total, 4);
    let counts: Vec<i64> = chart.slots.iter().map(|s| s.count).collect();
    // 09:00 (2), 09:10, 09:20, 09:30 (1), … empty slots …, 15:20 (1).
    assert_eq!(&counts[..4], &[2, 0, 0, 1]);
    assert_eq!(counts.last(), Some(&1));
    assert_eq!(counts.iter().sum::<i64>(), 4);
    assert_eq!(chart.slots.len(), (15 * 60 + 20 - 9 * 60) / 10 + 1);
    let sources: Vec<(String, i64)> = chart
        .by_source
        .iter()
        .map(|s| (s.source.clone(), s.count))
        .collect();
    assert_eq!(sources, [("paper".to_string(), 3), ("scan".to_string(), 1)]);
    // An undone check-in is no arrival.
    b.undo_checkin(&record.event_id, "verkeerde persoon")
        .expect("undo");
    assert_eq!(b.arrivals(THU).expect("chart").total, 3);
}

#[test]
fn the_roster_is_alphabetical_and_shows_who_is_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let roster = b.roster(THU).expect("roster");
    let thursday = b
        .attendees()
        .expect("people")
        .iter()
        .filter(|p| p.thursday)
        .count();
    assert_eq!(roster.len(), thursday);
    let keys: Vec<String> = roster
        .iter()
        .map(|l| balie_core::domain::names::fold(&l.listing_name))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "by last name without tussenvoegsel");
    let first = roster[0].attendee_id.clone();
    b.check_in(THU, &first, None, CheckinSource::Search)
        .expect("in");
    let roster = b.roster(THU).expect("roster");
    assert!(roster[0].present);
    assert_eq!(roster[0].since.as_deref(), Some("2023-12-07T14:20:00Z"));
    assert!(!roster[1].present);
}

#[test]
fn the_kiosk_checks_in_by_code_and_name_with_the_desk_rules_and_needs_the_pin_to_leave() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let e = b.kiosk_search("jan").expect_err("kiosk off");
    assert!(e.to_string().contains("kiosk staat niet aan"), "{e}");
    let e = b.enter_kiosk(THU, "12").expect_err("short pin");
    assert!(e.to_string().contains("4 tot 8 cijfers"), "{e}");
    let state = b.enter_kiosk(THU, "2023").expect("kiosk");
    assert_eq!(state.list_id, THU);
    assert_eq!(b.kiosk_state(), Some(state));

    let person = thursday_people(&b, 1).remove(0);
    let out = b
        .kiosk_check_in(None, Some(&person.badge_code.to_lowercase()))
        .expect("scan");
    assert!(
        matches!(&out, KioskOutcome::Welcome { first_name, time, .. } if *first_name == person.first_name && time == "15:20"),
        "{out:?}"
    );
    let out = b.kiosk_check_in(Some(&person.id), None).expect("again");
    assert!(
        matches!(out, KioskOutcome::AlreadyIn { ref time, date: None, .. } if time == "15:20"),
        "{out:?}"
    );
    let events = b.store().event_count().expect("count");
    let out = b.kiosk_check_in(None, Some("NOTACODE")).expect("bad code");
    assert_eq!(out, KioskOutcome::UnknownCode);
    assert_eq!(
        b.store().event_count().expect("count"),
        events + 1,
        "a failed scan is logged"
    );
    let friday_only = b
        .attendees()
        .expect("people")
        .into_iter()
        .find(|p| !p.thursday)
        .expect("friday only");
    let out = b
        .kiosk_check_in(Some(&friday_only.id), None)
        .expect("not on list");
    assert!(
        matches!(
            out,
            KioskOutcome::SeeDesk {
                why: NotOnList::NotRegisteredForDay,
                ..
            }
        ),
        "{out:?}"
    );
    let hits = b
        .kiosk_search(&format!("{} {}", person.first_name, person.last_name))
        .expect("search");
    assert!(hits.iter().any(|h| h.attendee_id == person.id));
    assert!(
        b.kiosk_search("ja").expect("short").is_empty(),
        "three letters at least"
    );

    // Leaving: a wrong PIN keeps it on; five wrong ones lock it for a minute.
    for _ in 0..4 {
        let e = b.leave_kiosk("0000").expect_err("wrong");
        assert!(e.to_string().contains("pincode klopt niet"), "{e}");
    }
    b.leave_kiosk("0000").expect_err("fifth wrong");
    let e = b.leave_kiosk("2023").expect_err("locked");
    assert!(e.to_string().contains("seconden"), "{e}");
    assert!(b.kiosk_state().is_some());

    // After the lock, the right PIN works (a fresh start has no kiosk).
    drop(b);
    let mut b = desk(dir.path());
    assert!(b.kiosk_state().is_none());
    b.enter_kiosk(THU, "4321").expect("kiosk");
    b.leave_kiosk("4321").expect("leave");
    assert!(b.kiosk_state().is_none());
    assert_eq!(
        b.kiosk_check_in(Some(&person.id), None)
            .expect_err("off")
            .code(),
        ErrorCode::InvalidInput
    );
}

/// On a list checked in on another day, the kiosk says which day it was.
#[test]
fn the_kiosk_names_the_day_of_an_earlier_check_in_on_another_day() {
    let dir = tempfile::tempdir().expect("dir");
    let person = {
        let mut b = desk(dir.path());
        let person = thursday_people(&b, 1).remove(0);
        b.check_in(THU, &person.id, None, CheckinSource::Search)
            .expect("check in");
        person
    };
    let mut options = common::options(dir.path(), false);
    options.now = Some("2023-12-08T09:05:00+01:00".into());
    let mut b = Balie::start(&options).expect("friday");
    b.set_staff("Anna").expect("staff");
    b.enter_kiosk(THU, "2023").expect("kiosk");
    let out = b.kiosk_check_in(Some(&person.id), None).expect("again");
    assert!(
        matches!(&out, KioskOutcome::AlreadyIn { time, date: Some(d), .. } if time == "15:20" && d == "2023-12-07"),
        "{out:?}"
    );
}
