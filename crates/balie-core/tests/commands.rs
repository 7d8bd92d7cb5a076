//! The command registry through the real core: a command found by name runs with its JSON
//! arguments (camelCase keys, `Option`s may be left out) and answers JSON (as the types
//! serialise); wrong arguments and
//! unknown names are Dutch errors that say which command and what was wrong.

mod common;

use balie_core::app::commands::{self, Ctx, Headless, Kind};
use balie_core::app::runtime::Runtime;
use balie_core::ErrorCode;
use serde_json::json;

fn runtime(dir: &std::path::Path) -> std::sync::Arc<Runtime> {
    Runtime::new(common::start(dir, true), Box::new(|_| {}))
}

#[test]
fn a_check_in_through_the_registry_is_a_check_in() {
    let dir = tempfile::tempdir().expect("dir");
    let rt = runtime(dir.path());
    let ctx = Ctx::new(&rt, &Headless);
    let info = commands::call(&ctx, "app_info", serde_json::Value::Null).expect("info");
    assert!(info["attendee_count"].as_u64().unwrap_or(0) > 0, "{info}");
    commands::call(&ctx, "set_staff", json!({ "name": "Anna" })).expect("staff");
    let person = rt
        .with(|b| b.attendees())
        .expect("people")
        .into_iter()
        .find(|p| p.thursday)
        .expect("thursday");
    // `overrideReason` is an Option: left out.
    let out = commands::call(
        &ctx,
        "check_in",
        json!({ "listId": "day-2023-12-07", "attendeeId": person.id, "source": "search" }),
    )
    .expect("check in");
    assert_eq!(out["outcome"], "checked_in", "{out}");
    let again = commands::call(
        &ctx,
        "check_in",
        json!({ "listId": "day-2023-12-07", "attendeeId": person.id, "source": "search" }),
    )
    .expect("again");
    assert_eq!(again["outcome"], "already_checked_in", "{again}");
}

#[test]
fn wrong_arguments_and_unknown_commands_are_said_in_dutch() {
    let dir = tempfile::tempdir().expect("dir");
    let rt = runtime(dir.path());
    let ctx = Ctx::new(&rt, &Headless);
    let missing = commands::call(&ctx, "check_out", json!({ "listId": "x" })).expect_err("bad");
    assert_eq!(missing.code, ErrorCode::InvalidInput);
    assert!(
        missing.message.contains("check_out") && missing.message.contains("attendeeId"),
        "{}",
        missing.message
    );
    let extra = commands::call(&ctx, "lists", json!({ "typo": 1 })).expect_err("unknown field");
    assert!(extra.message.contains("typo"), "{}", extra.message);
    let unknown = commands::call(&ctx, "drop_tables", json!({})).expect_err("unknown");
    assert_eq!(unknown.code, ErrorCode::InvalidInput);
    assert!(
        unknown.message.contains("drop_tables"),
        "{}",
        unknown.message
    );
    let msg = unknown.msg.expect("catalogue message");
    assert_eq!(msg.key, "err.command.unknown");
}

#[test]
fn every_command_is_declared_once_with_a_doc_and_the_slow_ones_are_long() {
    let specs = commands::specs();
    let mut names: Vec<&str> = specs.iter().map(|s| s.name).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "a command declared twice");
    for s in &specs {
        assert!(!s.doc.is_empty(), "{} has no doc", s.name);
    }
    for slow in [
        "import_registrations",
        "make_document",
        "presentielijst",
        "backup",
        "pair_with_desk",
    ] {
        assert_eq!(
            commands::spec(slow).map(|s| s.kind),
            Some(Kind::Long),
            "{slow}"
        );
    }
    for s in &specs {
        assert_eq!(commands::kind_of(s.name), Some(s.kind), "{}", s.name);
    }
    assert_eq!(commands::kind_of("drop_tables"), None);
    let check_in = commands::spec("check_in").expect("check_in");
    let optional: Vec<&str> = check_in
        .args
        .iter()
        .filter(|a| a.optional)
        .map(|a| a.name)
        .collect();
    assert_eq!(optional, ["override_reason"]);
}

#[test]
fn while_the_kiosk_is_on_no_desk_command_runs_whatever_the_window_sends() {
    let dir = tempfile::tempdir().expect("dir");
    let rt = runtime(dir.path());
    let ctx = Ctx::new(&rt, &Headless);
    commands::call(&ctx, "set_staff", json!({ "name": "Anna" })).expect("staff");
    let people = rt.with(|b| b.attendees()).expect("people");
    let person = people.iter().find(|p| p.thursday).expect("thursday");
    commands::call(
        &ctx,
        "enter_kiosk",
        json!({ "listId": "day-2023-12-07", "pin": "4711" }),
    )
    .expect("kiosk on");
    let events = rt.with(|b| b.store().event_count()).expect("count");
    for (name, args) in [
        (
            "check_in",
            json!({ "listId": "day-2023-12-07", "attendeeId": person.id, "source": "search" }),
        ),
        (
            "desk_search",
            json!({ "query": "a", "listId": "day-2023-12-07" }),
        ),
        ("members", json!({})),
        ("congress_key", json!({})),
        ("set_staff", json!({ "name": "Mallory" })),
        (
            "enter_kiosk",
            json!({ "listId": "day-2023-12-07", "pin": "0000" }),
        ),
    ] {
        let err = commands::call(&ctx, name, args).expect_err(name);
        assert_eq!(err.code, ErrorCode::RuleRefused, "{name}");
        assert!(err.message.contains("kiosk"), "{name}: {}", err.message);
        assert!(err.message.contains(name), "{name}: {}", err.message);
    }
    assert_eq!(
        rt.with(|b| b.store().event_count()).expect("count"),
        events,
        "nothing was written"
    );
    // The kiosk's own commands and the screen around it still work.
    commands::call(&ctx, "app_info", json!({})).expect("info");
    commands::call(&ctx, "kiosk_state", json!({})).expect("state");
    commands::call(&ctx, "kiosk_check_in", json!({ "attendeeId": person.id }))
        .expect("self check-in");
    assert!(
        rt.with(|b| b.store().event_count()).expect("count") > events,
        "the kiosk checked them in"
    );
    // Every command the kiosk allows is a command.
    for name in commands::KIOSK_COMMANDS {
        assert!(commands::kind_of(name).is_some(), "{name}");
    }
    // With the PIN the desk is a desk again.
    commands::call(&ctx, "leave_kiosk", json!({ "pin": "4711" })).expect("left");
    commands::call(
        &ctx,
        "desk_search",
        json!({ "query": "a", "listId": "day-2023-12-07" }),
    )
    .expect("a desk again");
}

#[test]
fn no_text_over_its_limit_reaches_a_command_from_any_way_in() {
    let dir = tempfile::tempdir().expect("dir");
    let rt = runtime(dir.path());
    let ctx = Ctx::new(&rt, &Headless);
    commands::call(&ctx, "set_staff", json!({ "name": "Anna" })).expect("staff");
    let people = rt.with(|b| b.attendees()).expect("people").len();
    let events = || rt.with(|b| b.version_vector()).expect("vector");
    let before = events();

    // Any text of any command, at any depth: the bound behind the others.
    let huge = "x".repeat(200 * 1024 * 1024 / 100);
    let said = commands::call(
        &ctx,
        "add_attendee",
        json!({ "input": { "first_name": huge, "last_name": "Jansen", "thursday": true } }),
    )
    .expect_err("refused");
    assert_eq!(said.code, ErrorCode::InvalidInput);
    assert!(
        said.message
            .contains("add_attendee: de tekst in 'input.first_name' is 2.097.152 tekens lang"),
        "{}",
        said.message
    );

    // Each field's own limit, named in the window's language.
    let said = commands::call(
        &ctx,
        "add_attendee",
        json!({ "input": balie_core::app::reception::AttendeeInput {
            first_name: "a".repeat(101),
            last_name: "Jansen".into(),
            thursday: true,
            ..Default::default()
        } }),
    )
    .expect_err("refused");
    assert!(
        said.message
            .contains("Voornaam: 101 tekens, ten hoogste 100"),
        "{}",
        said.message
    );
    let member = commands::call(
        &ctx,
        "save_member",
        json!({ "id": null, "input": { "name": "B".repeat(201), "city": "", "category": "",
                "voting": true, "weight": "1", "suspended": false } }),
    )
    .expect_err("member");
    assert!(
        member
            .message
            .contains("Organisatie: 201 tekens, ten hoogste 200"),
        "{}",
        member.message
    );
    let input = json!({
        "id": null, "day": "2023-12-07", "parent_id": null, "title": "T".repeat(201),
        "start": "09:00", "end": "10:00", "kind": "plenary", "location": "", "capacity": "",
        "speakers": [], "description": [], "aliases": [], "members_only": false,
        "bus_offered": false, "buses": []
    });
    let edit =
        commands::call(&ctx, "save_programme_item", json!({ "input": input })).expect_err("item");
    assert!(
        edit.message.contains("Titel: 201 tekens, ten hoogste 200"),
        "{}",
        edit.message
    );

    assert_eq!(rt.with(|b| b.attendees()).expect("people").len(), people);
    assert_eq!(events(), before, "nothing written");
}

#[test]
fn a_saved_csv_is_never_opened_and_documents_are() {
    use std::path::Path;
    assert!(!commands::opens(Path::new("/x/presentielijst.csv")));
    assert!(!commands::opens(Path::new("/x/bewijs.exe")));
    assert!(!commands::opens(Path::new("/x/bewijs")));
    assert!(commands::opens(Path::new("/x/presentielijst.pdf")));
    assert!(commands::opens(Path::new("/x/export.XLSX")));
    assert!(commands::opens(Path::new("/x/bewijs-scan.png")));
}
