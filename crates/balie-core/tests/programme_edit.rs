//! Editing the programme and signing people up, through the real core: every validation
//! (times, slot, room, seats), removal, edits from two desks converging, seats and the
//! waiting list (first come, first seated; the first waiting moves up), one session each.

mod common;

use balie_core::app::programme_edit::ItemInput;
use balie_core::app::reception::AttendeeInput;
use balie_core::domain::programme::ProgrammeItem;
use balie_core::wire::sync::VersionVector;
use balie_core::{Balie, ErrorCode};

fn desk(dir: &std::path::Path) -> Balie {
    let mut b = common::start(dir, false);
    b.set_staff("Anna").expect("staff");
    b
}

fn item(b: &Balie, id: &str) -> ProgrammeItem {
    b.programme()
        .expect("programme")
        .days
        .iter()
        .flat_map(|d| {
            d.items
                .iter()
                .flat_map(|i| std::iter::once(i).chain(i.children.iter()))
        })
        .find(|i| i.id == id)
        .cloned()
        .expect(id)
}

/// The input that keeps an item as it is.
fn input_of(b: &Balie, id: &str) -> ItemInput {
    let i = item(b, id);
    let (day, parent) = b
        .programme()
        .expect("programme")
        .days
        .iter()
        .find_map(|d| {
            d.items.iter().find_map(|top| {
                if top.id == id {
                    Some((d.date.clone(), None))
                } else {
                    top.children
                        .iter()
                        .any(|c| c.id == id)
                        .then(|| (d.date.clone(), Some(top.id.clone())))
                }
            })
        })
        .expect("found");
    ItemInput {
        id: Some(i.id),
        day,
        parent_id: parent,
        title: i.title,
        start: i.start,
        end: i.end.unwrap_or_default(),
        kind: i.kind,
        location: i.location.unwrap_or_default(),
        capacity: i.capacity.map(|c| c.to_string()).unwrap_or_default(),
        speakers: i.speakers,
        description: i.description,
        aliases: i.aliases,
        members_only: i.members_only,
        bus_offered: i.bus_offered,
        buses: i.buses,
    }
}

fn person(b: &mut Balie, first: &str) -> String {
    b.add_attendee(AttendeeInput {
        first_name: first.into(),
        last_name: "Bakker".into(),
        friday: true,
        ..AttendeeInput::default()
    })
    .expect("person")
    .id
}

fn refused(r: balie_core::Result<ProgrammeItem>, field: &str) -> String {
    match r {
        Ok(i) => panic!("saved {i:?}"),
        Err(e) => {
            assert_eq!(e.code(), ErrorCode::InvalidInput, "{e}");
            let m = e.to_string();
            assert!(m.contains(field), "{m}");
            m
        }
    }
}

#[test]
fn an_edited_time_moves_the_item_and_every_check_names_the_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    // The ALV moves after the closing: the timeline order follows the new time.
    let mut alv = input_of(&b, "alv");
    alv.start = "12:30".into();
    alv.end = "13:30".into();
    let saved = b.save_programme_item(alv).expect("moved");
    assert_eq!(
        (saved.start.as_str(), saved.end.as_deref()),
        ("12:30", Some("13:30"))
    );
    let friday: Vec<String> = b.programme().expect("p").days[1]
        .items
        .iter()
        .map(|i| i.id.clone())
        .collect();
    let pos = |id: &str| friday.iter().position(|i| i == id).expect(id);
    assert!(pos("alv") > pos("afsluiting-werkbezoeken"), "{friday:?}");

    let events = b.store().event_count().expect("count");
    let mut bad = input_of(&b, "alv");
    bad.end = "12:00".into();
    refused(b.save_programme_item(bad), "eindtijd");
    let mut bad = input_of(&b, "alv");
    bad.start = "9.00".into();
    refused(b.save_programme_item(bad), "begintijd");
    // A session outside its slot (09:00–11:00).
    let mut bad = input_of(&b, "kennissessie-online");
    bad.start = "10:30".into();
    bad.end = "11:30".into();
    let m = refused(b.save_programme_item(bad), "begintijd");
    assert!(m.contains("buiten het blok 'Kennissessies'"), "{m}");
    // Two sessions in one room at the same time.
    let mut one = input_of(&b, "kennissessie-online");
    one.location = "Zaal 3".into();
    b.save_programme_item(one).expect("room");
    let mut two = input_of(&b, "kennissessie-samenwerking");
    two.location = "zaal 3".into();
    let m = refused(b.save_programme_item(two), "zaal");
    assert!(m.contains("Visie online bibliotheek"), "{m}");
    assert_eq!(b.store().event_count().expect("count"), events + 1);

    // A new session in the slot gets an id from its title; removing it works while empty.
    let mut new = input_of(&b, "kennissessie-online");
    new.id = None;
    new.title = "Lezen en schrijven".into();
    new.location = "Zaal 4".into();
    let added = b.save_programme_item(new).expect("added");
    assert_eq!(added.id, "lezen-en-schrijven");
    assert_eq!(
        b.programme().expect("p").days[1].items[0].children.len(),
        4,
        "a fourth session in the slot"
    );
    b.remove_programme_item("lezen-en-schrijven")
        .expect("removed");
    assert_eq!(b.programme().expect("p").days[1].items[0].children.len(), 3);

    // The projection is the events: a rebuild gives the same programme.
    let before = b.programme().expect("p");
    b.store_mut().rebuild_projections().expect("rebuild");
    assert_eq!(b.programme().expect("p"), before);
}

#[test]
fn seats_waiting_list_and_one_session_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let mut s = input_of(&b, "kennissessie-online");
    s.capacity = "2".into();
    b.save_programme_item(s).expect("capacity");
    let ids: Vec<String> = ["Ada", "Bas", "Cor", "Dirk"]
        .iter()
        .map(|n| person(&mut b, n))
        .collect();
    for id in &ids[..2] {
        assert!(
            b.sign_up(id, "kennissessie-online")
                .expect("sign up")
                .seated
        );
    }
    let third = b.sign_up(&ids[2], "kennissessie-online").expect("full");
    assert!(!third.seated);
    assert_eq!(third.position, Some(1));
    let fourth = b.sign_up(&ids[3], "kennissessie-online").expect("full");
    assert_eq!(fourth.position, Some(2));
    let counts = b.programme_counts().expect("counts");
    let c = counts
        .iter()
        .find(|c| c.item_id == "kennissessie-online")
        .expect("count");
    assert_eq!((c.seated, c.waiting, c.capacity), (2, 2, Some(2)));

    // Capacity below the sign-ups is refused.
    let mut s = input_of(&b, "kennissessie-online");
    s.capacity = "3".into();
    refused(b.save_programme_item(s), "capaciteit");

    // Bas moves to another session: Cor moves up; one session each.
    b.sign_up(&ids[1], "kennissessie-samenwerking")
        .expect("move");
    let list = b.signups("kennissessie-online").expect("list");
    let seated: Vec<&str> = list
        .seated
        .iter()
        .map(|l| l.listing_name.as_str())
        .collect();
    assert_eq!(seated, ["Bakker, Ada", "Bakker, Cor"]);
    assert_eq!(list.waiting.len(), 1);
    assert!(!list.seated.iter().any(|l| l.attendee_id == ids[1]));
    // Ada signs off: Dirk moves up.
    let list = b.sign_off(&ids[0], "kennissessie-online").expect("off");
    assert_eq!(list.seated.len(), 2);
    assert!(list.waiting.is_empty());
    // A session cannot be removed with people signed up; only sessions and visits take sign-ups.
    assert!(b.remove_programme_item("kennissessie-online").is_err());
    let e = b.sign_up(&ids[0], "alv").expect_err("not a session");
    assert!(
        e.to_string()
            .contains("alleen voor kennissessies en werkbezoeken"),
        "{e}"
    );
    // Someone only there on Thursday cannot take a Friday session.
    let thu = b
        .add_attendee(AttendeeInput {
            first_name: "Eva".into(),
            last_name: "Mulder".into(),
            thursday: true,
            ..AttendeeInput::default()
        })
        .expect("thu")
        .id;
    let e = b
        .sign_up(&thu, "kennissessie-online")
        .expect_err("thursday only");
    assert!(e.to_string().contains("niet aangemeld voor de dag"), "{e}");
}

#[test]
fn edits_from_two_desks_converge() {
    let d1 = tempfile::tempdir().expect("tempdir");
    let d2 = tempfile::tempdir().expect("tempdir");
    let mut one = desk(d1.path());
    let key = one.congress_key_code().expect("key");
    let full = one.export_bundle(&VersionVector::new()).expect("bundle");
    let mut two = Balie::join(&common::options(d2.path(), false), &key, &full).expect("join");
    two.set_staff("Bram").expect("staff");
    let mut a = input_of(&one, "alv");
    a.location = "Grote zaal".into();
    one.save_programme_item(a).expect("one");
    let mut b = input_of(&two, "kennissessie-online");
    b.capacity = "40".into();
    two.save_programme_item(b).expect("two");
    let b1 = one
        .export_bundle(&two.version_vector().expect("vv"))
        .expect("b1");
    let b2 = two
        .export_bundle(&one.version_vector().expect("vv"))
        .expect("b2");
    one.import_bundle(&b2).expect("into one");
    two.import_bundle(&b1).expect("into two");
    assert_eq!(one.programme().expect("p"), two.programme().expect("p"));
    assert_eq!(item(&one, "alv").location.as_deref(), Some("Grote zaal"));
    assert_eq!(item(&one, "kennissessie-online").capacity, Some(40));
}

#[test]
fn buses_fill_in_sign_up_order_and_the_boarding_list_follows() {
    use balie_core::domain::checkin::CheckinOutcome;
    use balie_core::domain::checkin::CheckinSource;
    use balie_core::domain::programme::Bus;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let visit = "werkbezoek-dnk-assen";
    let mut v = input_of(&b, visit);
    v.buses = vec![
        Bus {
            id: "bus-1".into(),
            name: "Bus 1".into(),
            seats: 2,
            departure: "12:50".into(),
            from: "Forum, zijingang".into(),
        },
        Bus {
            id: "bus-2".into(),
            name: "Bus 2".into(),
            seats: 1,
            departure: "13:00".into(),
            from: "Forum".into(),
        },
    ];
    b.save_programme_item(v).expect("buses");
    let ids: Vec<String> = ["Ada", "Bas", "Cor", "Dirk", "Eef"]
        .iter()
        .map(|n| person(&mut b, n))
        .collect();
    for id in &ids {
        b.sign_up(id, visit).expect("visit");
    }
    for id in &ids[..4] {
        b.set_bus(id, true).expect("bus");
    }
    let plan = b
        .bus_plans()
        .expect("plans")
        .into_iter()
        .find(|p| p.visit_id == visit)
        .expect("plan");
    let riders = |n: usize| -> Vec<String> {
        plan.buses[n]
            .riders
            .iter()
            .map(|r| r.listing_name.clone())
            .collect()
    };
    assert_eq!(riders(0), ["Bakker, Ada", "Bakker, Bas"]);
    assert_eq!(riders(1), ["Bakker, Cor"]);
    assert_eq!(plan.no_seat.len(), 1, "Dirk: every bus full");
    assert_eq!(plan.own_transport.len(), 1, "Eef travels on her own");
    // By hand: Dirk on bus 2; its one seat is his, so Cor (next in line) has none now.
    let plan = b.assign_bus(&ids[3], visit, "bus-2").expect("assign");
    let names = |l: &[balie_core::app::signups::SignupLine]| -> Vec<String> {
        l.iter().map(|r| r.listing_name.clone()).collect()
    };
    assert_eq!(names(&plan.buses[1].riders), ["Bakker, Dirk"]);
    assert_eq!(names(&plan.no_seat), ["Bakker, Cor"]);
    let e = b
        .assign_bus(&ids[4], visit, "bus-1")
        .expect_err("own transport");
    assert!(e.to_string().contains("busvervoer"), "{e}");

    // Boarding: the bus's list knows its riders; someone of another bus needs an override.
    let list = "bus-werkbezoek-dnk-assen-bus-1";
    assert!(b.lists().expect("lists").iter().any(|l| l.id == list));
    let missing = |b: &Balie| {
        b.roster(list)
            .expect("roster")
            .iter()
            .filter(|l| !l.present)
            .count()
    };
    assert_eq!(missing(&b), 2);
    let out = b
        .check_in(list, &ids[0], None, CheckinSource::Search)
        .expect("board");
    assert!(matches!(out, CheckinOutcome::CheckedIn { .. }), "{out:?}");
    assert_eq!(missing(&b), 1);
    let out = b
        .check_in(list, &ids[3], None, CheckinSource::Search)
        .expect("other bus");
    assert!(
        matches!(out, CheckinOutcome::NeedsOverride { .. }),
        "{out:?}"
    );
    let counter = b
        .counters()
        .expect("counters")
        .into_iter()
        .find(|c| c.list.id == list)
        .expect("c");
    assert_eq!((counter.checked_in, counter.expected), (1, 2));
}

fn pdf_text(dir: &std::path::Path, pdf: &[u8]) -> String {
    let path = dir.join("list.pdf");
    std::fs::write(&path, pdf).expect("write");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().expect("path"), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn bus_dinner_and_session_lists_on_paper() {
    use balie_core::domain::programme::Bus;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = common::start(dir.path(), true);
    b.set_staff("Anna").expect("staff");
    let visit = "werkbezoek-hoogezand";
    let mut v = input_of(&b, visit);
    v.buses = vec![Bus {
        id: "bus-1".into(),
        name: "Bus 1".into(),
        seats: 3,
        departure: "12:45".into(),
        from: "Forum".into(),
    }];
    b.save_programme_item(v).expect("bus");
    let plan = b
        .bus_plans()
        .expect("plans")
        .into_iter()
        .find(|p| p.visit_id == visit)
        .expect("plan");
    let text = pdf_text(dir.path(), &b.bus_lists_pdf().expect("buses"));
    assert!(text.contains("Bus 1 — Bibliotheek Hoogezand"), "{text}");
    assert!(
        text.contains("vertrek 12:45 vanaf Forum · 3 van 3 plaatsen"),
        "{text}"
    );
    for r in &plan.buses[0].riders {
        assert!(text.contains(&r.listing_name), "{} missing", r.listing_name);
    }
    assert!(text.contains("Geen plaats in een bus"));
    assert!(text.contains("pagina 1 van"));

    let diners: Vec<_> = b
        .attendees()
        .expect("people")
        .into_iter()
        .filter(|a| a.dinner)
        .collect();
    let text = pdf_text(dir.path(), &b.dinner_list_pdf().expect("dinner"));
    assert!(
        text.contains(&format!("{} gasten aan het diner", diners.len())),
        "{text}"
    );
    let vegetarian = diners
        .iter()
        .find(|a| a.dietary == "vegetarisch")
        .expect("a vegetarian");
    let line = text
        .lines()
        .find(|l| l.contains(&vegetarian.last_name) && l.contains(&vegetarian.first_name))
        .expect("on the list");
    assert!(line.contains("vegetarisch"), "{line}");

    let text = pdf_text(dir.path(), &b.session_lists_pdf().expect("sessions"));
    for title in [
        "Visie online bibliotheek",
        "De kracht van samenwerking",
        "Bibliotheek Hoogezand",
    ] {
        assert!(text.contains(title), "{title}");
    }
}

#[test]
fn now_and_next_says_what_is_on_and_where() {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = balie_core::LaunchOptions {
        now: Some("2023-12-08T09:30:00+01:00".into()),
        ..common::options(dir.path(), true)
    };
    let mut b = Balie::start(&opts).expect("start");
    b.set_staff("Anna").expect("staff");
    let mut s = input_of(&b, "kennissessie-online");
    s.location = "Zaal 2".into();
    b.save_programme_item(s).expect("room");
    let nn = b.now_and_next().expect("now");
    assert_eq!(nn.at, "8 december 2023 om 09:30");
    let ids: Vec<&str> = nn.now.iter().map(|i| i.id.as_str()).collect();
    assert!(
        ids.contains(&"kennissessies") && ids.contains(&"kennissessie-online"),
        "{ids:?}"
    );
    let online = nn
        .now
        .iter()
        .find(|i| i.id == "kennissessie-online")
        .expect("online");
    assert_eq!(online.location.as_deref(), Some("Zaal 2"));
    assert!(
        online.who[0].dutch.ends_with("aangemeld"),
        "{:?}",
        online.who
    );
    assert_eq!(
        nn.next.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
        ["alv"]
    );

    // Thursday evening: the dinner counts those registered for it, not the whole day.
    let evening_dir = tempfile::tempdir().expect("tempdir");
    let evening = Balie::start(&balie_core::LaunchOptions {
        now: Some("2023-12-07T18:45:00+01:00".into()),
        ..common::options(evening_dir.path(), true)
    })
    .expect("start");
    let people = evening.attendees().expect("people");
    let diners = people.iter().filter(|a| a.thursday && a.dinner).count();
    let thursday = people.iter().filter(|a| a.thursday).count();
    assert!(diners < thursday, "the demo has people who skip dinner");
    let nn = evening.now_and_next().expect("evening");
    let dinner = nn
        .now
        .iter()
        .chain(&nn.next)
        .find(|i| i.id == "diner")
        .expect("the dinner is next");
    assert_eq!(
        dinner.who[0].dutch,
        format!("{diners} aangemeld voor het diner")
    );
    assert_eq!(
        dinner.who[0].english(),
        format!("{diners} signed up for dinner")
    );
}

#[test]
fn the_next_congress_starts_from_this_programme() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let mut s = input_of(&b, "kennissessie-online");
    s.capacity = "25".into();
    b.save_programme_item(s).expect("capacity");
    person(&mut b, "Ada");
    let next_dir = tempfile::tempdir().expect("tempdir");
    let target = next_dir.path().join("vob-2024");
    let made = b
        .new_congress_from_programme(&target, "2024-12-05", "")
        .expect("new congress");
    assert_eq!(made, target);
    let next = Balie::start(&common::options(&target, false)).expect("start the new one");
    let p = next.programme().expect("programme");
    assert_eq!(p.congress.info.name, "VOB-ledencongres 2024");
    assert_eq!(
        (
            p.congress.info.start_date.as_str(),
            p.congress.info.end_date.as_str()
        ),
        ("2024-12-05", "2024-12-06")
    );
    assert_eq!(p.days[0].title, "Donderdag 5 december 2024");
    assert_eq!(p.days[1].title, "Vrijdag 6 december 2024");
    assert_eq!(item(&next, "kennissessie-online").capacity, Some(25));
    assert_eq!(next.attendees().expect("people").len(), 0);
    assert_ne!(
        next.congress_id().expect("id"),
        b.congress_id().expect("id")
    );
    assert!(next
        .lists()
        .expect("lists")
        .iter()
        .any(|l| l.id == "day-2024-12-05"));
    // Not over an existing congress, and the date must be a date.
    let e = b
        .new_congress_from_programme(&target, "2024-12-05", "")
        .expect_err("exists");
    assert!(e.to_string().contains("bevat al een congres"), "{e}");
    let e = b
        .new_congress_from_programme(&next_dir.path().join("x"), "5-12-2024", "")
        .expect_err("bad date");
    assert!(e.to_string().contains("JJJJ-MM-DD"), "{e}");
}

#[test]
fn an_item_moves_to_another_day_or_slot_and_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    // The online session becomes a plenary item of its own on Thursday at 17:00…
    let mut s = input_of(&b, "kennissessie-online");
    s.day = "2023-12-07".into();
    s.parent_id = None;
    s.start = "20:30".into();
    s.end = "21:30".into();
    s.speakers = vec![balie_core::domain::programme::Speaker {
        name: "Noor Visser".into(),
        role: "bibliothecaris".into(),
    }];
    s.aliases = vec!["Online".into()];
    b.save_programme_item(s).expect("moved to Thursday");
    let p = b.programme().expect("p");
    assert_eq!(p.days[1].items[0].children.len(), 2);
    let moved = p.days[0]
        .items
        .iter()
        .find(|i| i.id == "kennissessie-online")
        .expect("on Thursday");
    assert_eq!(moved.speakers[0].name, "Noor Visser");
    assert_eq!(moved.aliases, ["Online"]);
    // … and back into the Friday slot, where it keeps its place among the sessions.
    let mut s = input_of(&b, "kennissessie-online");
    s.day = "2023-12-08".into();
    s.parent_id = Some("kennissessies".into());
    s.start = "09:00".into();
    s.end = "11:00".into();
    b.save_programme_item(s).expect("back");
    let p = b.programme().expect("p");
    assert_eq!(p.days[1].items[0].children.len(), 3);
    assert!(!p.days[0]
        .items
        .iter()
        .any(|i| i.id == "kennissessie-online"));
    // A slot with parts cannot itself become a part.
    let mut slot = input_of(&b, "kennissessies");
    slot.parent_id = Some("alv".into());
    let e = b.save_programme_item(slot).expect_err("slot under slot");
    assert!(e.to_string().contains("onderdeel van"), "{e}");
}
