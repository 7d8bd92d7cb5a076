//! Reads beside writes, through the real core and its registry: a desk has one writer and
//! readers on their own connections. A read answers while a write transaction is open on
//! the writer (it sees what was committed before), the next read after a write sees it,
//! a reader cannot write, and a core started in the background is waited for.

mod common;

use balie_core::app::commands::{self, Ctx, Headless};
use balie_core::app::runtime::Runtime;
use balie_core::app::tasks::{Step, TaskProgress};
use balie_core::domain::checkin::{CheckinOutcome, CheckinSource};
use balie_core::LaunchOptions;
use serde_json::{json, Value};
use std::sync::mpsc;
use std::time::Duration;

/// Long enough for any read on this machine; a read that waits for the writer never ends
/// before the writer is let go, so it would fail here rather than hang.
const BOUND: Duration = Duration::from_secs(60);

fn runtime(dir: &std::path::Path) -> std::sync::Arc<Runtime> {
    Runtime::new(common::start(dir, true), Box::new(|_| {}))
}

fn call(rt: &std::sync::Arc<Runtime>, name: &str, args: Value) -> Value {
    let ctx = Ctx::new(rt, &Headless);
    commands::call(&ctx, name, args).unwrap_or_else(|e| panic!("{name}: {}", e.message))
}

/// Someone of the demo data who comes on Thursday.
fn thursday_person(rt: &std::sync::Arc<Runtime>) -> balie_core::domain::register::Attendee {
    rt.with(|b| b.attendees())
        .expect("people")
        .into_iter()
        .find(|p| p.thursday)
        .expect("thursday")
}

fn present(counters: &Value, list: &str) -> i64 {
    counters
        .as_array()
        .and_then(|all| all.iter().find(|c| c["list"]["id"] == list))
        .and_then(|c| c["checked_in"].as_i64())
        .unwrap_or(-1)
}

#[test]
fn reads_answer_while_a_write_transaction_holds_the_writer() {
    let dir = tempfile::tempdir().expect("dir");
    let rt = runtime(dir.path());
    let list = "day-2023-12-07";
    call(&rt, "set_staff", json!({ "name": "Anna" }));
    let before = present(&call(&rt, "counters", Value::Null), list);
    let person = thursday_person(&rt);

    // The writer checks someone in inside an open IMMEDIATE transaction and holds it.
    let (inside, held) = mpsc::channel::<()>();
    let (release, let_go) = mpsc::channel::<()>();
    let writer = {
        let rt = rt.clone();
        let id = person.id.clone();
        std::thread::spawn(move || {
            rt.with(|b| {
                let out = b.check_in(list, &id, None, CheckinSource::Search);
                b.store_mut().write(|_| {
                    let _ = inside.send(());
                    let _ = let_go.recv_timeout(BOUND);
                    Ok(())
                })?;
                out
            })
        })
    };
    held.recv_timeout(BOUND)
        .expect("the writer holds its transaction");

    // Meanwhile every screen's read answers, from what was committed.
    let (answered, answers) = mpsc::channel();
    {
        let rt = rt.clone();
        let name = person.last_name;
        std::thread::spawn(move || {
            let counters = call(&rt, "counters", Value::Null);
            let hits = call(&rt, "desk_search", json!({ "query": name, "listId": list }));
            let info = call(&rt, "app_info", Value::Null);
            let alv = call(&rt, "alv_state", Value::Null);
            let roster = call(&rt, "roster", json!({ "listId": list }));
            let _ = answered.send((counters, hits, info, alv, roster));
        });
    }
    let (counters, hits, info, alv, roster) = answers
        .recv_timeout(BOUND)
        .expect("reads answered while the writer held its transaction");
    assert_eq!(
        present(&counters, list),
        before + 1,
        "the check-in committed before the open transaction is seen"
    );
    assert!(info["attendee_count"].as_u64().unwrap_or(0) > 0, "{info}");
    assert!(alv.is_object(), "{alv}");
    assert!(roster.as_array().is_some_and(|r| !r.is_empty()), "{roster}");
    // The index may still be building just after the start; then it says so.
    assert!(
        hits["building"] == true || hits["hits"].as_array().is_some_and(|h| !h.is_empty()),
        "{hits}"
    );

    release.send(()).expect("let the writer go");
    let out = writer.join().expect("writer thread").expect("check-in");
    assert!(matches!(out, CheckinOutcome::CheckedIn { .. }), "{out:?}");
    assert_eq!(
        present(&call(&rt, "counters", Value::Null), list),
        before + 1
    );
}

#[test]
fn the_read_after_a_write_sees_it() {
    let dir = tempfile::tempdir().expect("dir");
    let rt = runtime(dir.path());
    call(&rt, "set_staff", json!({ "name": "Anna de Vries" }));
    call(&rt, "set_desk_name", json!({ "name": "Balie West" }));
    let info = call(&rt, "app_info", Value::Null);
    assert_eq!(info["staff"], "Anna de Vries", "{info}");
    assert_eq!(info["desk_name"], "Balie West", "{info}");

    let added = call(
        &rt,
        "add_attendee",
        json!({ "input": balie_core::app::reception::AttendeeInput {
            first_name: "Zwaantje".into(),
            last_name: "Oosterhuisstra".into(),
            organisation: "Bibliotheek Winsum".into(),
            thursday: true,
            ..Default::default()
        } }),
    );
    let id = added["id"].as_str().expect("id").to_string();
    // Search finds the new person (the index the writer made is shared), once it is built.
    let mut found = false;
    for _ in 0..600 {
        let hits = call(
            &rt,
            "desk_search",
            json!({ "query": "oosterhuisstra", "listId": "day-2023-12-07" }),
        );
        if hits["building"] == true {
            std::thread::sleep(Duration::from_millis(50));
            continue;
        }
        found = hits["hits"]
            .as_array()
            .is_some_and(|h| h.iter().any(|x| x["attendee"]["id"] == id.as_str()));
        break;
    }
    assert!(found, "the person added is found by the next search");

    let before = present(&call(&rt, "counters", Value::Null), "day-2023-12-07");
    call(
        &rt,
        "check_in",
        json!({ "listId": "day-2023-12-07", "attendeeId": id, "source": "search" }),
    );
    let after = present(&call(&rt, "counters", Value::Null), "day-2023-12-07");
    assert_eq!(after, before + 1);
}

#[test]
fn long_work_that_only_reads_holds_neither_the_writer_nor_the_search() {
    let dir = tempfile::tempdir().expect("dir");
    let rt = runtime(dir.path());
    let list = "day-2023-12-07";
    call(&rt, "set_staff", json!({ "name": "Anna" }));
    let person = thursday_person(&rt);

    // Long work (a document of the whole register, say) holds the reader for long work.
    let (inside, held) = mpsc::channel::<()>();
    let (release, let_go) = mpsc::channel::<()>();
    let long = {
        let rt = rt.clone();
        std::thread::spawn(move || {
            rt.read_long(|b| {
                let count = b.attendees()?.len();
                let _ = inside.send(());
                let _ = let_go.recv_timeout(BOUND);
                Ok(count)
            })
        })
    };
    held.recv_timeout(BOUND).expect("the long read runs");

    // Meanwhile a check-in commits and a search and the counters answer.
    let (answered, answers) = mpsc::channel();
    {
        let rt = rt.clone();
        let id = person.id.clone();
        let name = person.last_name.clone();
        std::thread::spawn(move || {
            let out = call(
                &rt,
                "check_in",
                json!({ "listId": list, "attendeeId": id, "source": "search" }),
            );
            let hits = call(&rt, "desk_search", json!({ "query": name, "listId": list }));
            let counters = call(&rt, "counters", Value::Null);
            let _ = answered.send((out, hits, counters));
        });
    }
    let (out, hits, counters) = answers
        .recv_timeout(BOUND)
        .expect("a check-in and a search answered beside long work");
    assert_eq!(out["outcome"], "checked_in", "{out}");
    assert!(hits.is_object(), "{hits}");
    assert!(present(&counters, list) >= 1, "{counters}");

    release.send(()).expect("let the long work go");
    let count = long.join().expect("long thread").expect("long read");
    assert!(count > 0);

    // A backup is made on that reader too, and holds the check-in just made.
    let saved = call(&rt, "backup", json!({ "folderText": "" }));
    let path = std::path::PathBuf::from(saved["path"].as_str().expect("path"));
    let bytes = std::fs::read(&path).expect("backup file");
    let report = call(&rt, "restore_preview", json!({ "bytes": bytes }));
    assert_eq!(
        report["restored"], 0,
        "a backup of this desk adds nothing: {report}"
    );
    assert!(report["in_backup"].as_i64().unwrap_or(0) > 0, "{report}");
    // The reader can still not write after the copy lifted its guard for a moment.
    let other = rt
        .with(|b| b.attendees())
        .expect("people")
        .into_iter()
        .find(|p| p.thursday && p.id != person.id)
        .expect("another");
    let err = rt
        .read_long(|b| b.check_in(list, &other.id, None, CheckinSource::Search))
        .expect_err("the long reader refuses a write after a backup");
    assert!(!err.message.is_empty());
}

#[test]
fn a_reader_cannot_write() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = common::start(dir.path(), true);
    let mut reader = desk.reader().expect("reader");
    let events = desk.store().event_count().expect("count");
    let person = desk.attendees().expect("people").remove(0);
    reader.set_staff("Anna").expect("staff");
    let err = reader
        .check_in("day-2023-12-07", &person.id, None, CheckinSource::Search)
        .expect_err("a reader refuses to write");
    assert!(!err.to_string().is_empty());
    assert_eq!(desk.store().event_count().expect("count"), events);
}

#[test]
fn a_core_started_in_the_background_is_waited_for() {
    let dir = tempfile::tempdir().expect("dir");
    let opts: Result<LaunchOptions, _> = Ok(common::options(dir.path(), true));
    let (done, started) = mpsc::channel();
    let rt = Runtime::start_in_background(opts, Box::new(|_| {}), move |rt| {
        let _ = done.send(rt.failed().is_none());
    });
    // The first command waits for the start rather than failing.
    let info = call(&rt, "app_info", Value::Null);
    assert!(info["attendee_count"].as_u64().unwrap_or(0) > 0, "{info}");
    assert!(started.recv_timeout(BOUND).expect("then ran"), "started");

    let bad: Result<LaunchOptions, _> = Ok(LaunchOptions {
        now: Some("geen tijd".into()),
        ..common::options(dir.path(), false)
    });
    let rt = Runtime::start_in_background(bad, Box::new(|_| {}), |_| {});
    let ctx = Ctx::new(&rt, &Headless);
    let err = commands::call(&ctx, "app_info", Value::Null).expect_err("failed start");
    assert!(!err.message.is_empty());
}

/// A host that records the progress pushed to it and cancels the task once it writes.
struct Watcher {
    rt: std::sync::Arc<Runtime>,
    seen: std::sync::Mutex<Vec<TaskProgress>>,
    /// The step at which it cancels the task (a document: once it is counted).
    cancel_at: Option<Step>,
}

impl Watcher {
    fn new(rt: &std::sync::Arc<Runtime>, cancel_at: Option<Step>) -> Watcher {
        Watcher {
            rt: rt.clone(),
            seen: std::sync::Mutex::new(Vec::new()),
            cancel_at,
        }
    }
}

impl balie_core::app::commands::Host for Watcher {
    fn progress(&self, p: &TaskProgress) {
        if self.cancel_at == Some(p.step) && (p.step != Step::Making || p.total > 0) {
            assert!(self.rt.cancel_task(&p.task), "the task is running");
        }
        self.seen.lock().expect("seen").push(p.clone());
    }
}

fn registrations(rows: usize) -> Vec<u8> {
    let mut csv = String::from("Voornaam;Achternaam;E-mailadres;Donderdag;Vrijdag\n");
    for n in 0..rows {
        csv.push_str(&format!("Naam{n};Achter{n};p{n}@bieb.nl;ja;nee\n"));
    }
    csv.into_bytes()
}

#[test]
fn an_import_reports_its_steps_and_a_cancel_before_the_commit_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let rt = Runtime::new(common::start(dir.path(), false), Box::new(|_| {}));
    call(&rt, "set_staff", json!({ "name": "Anna" }));
    let events = rt.with(|b| b.store().event_count()).expect("count");
    let args = json!({
        "bytes": registrations(3000),
        "file": "aanmeldingen.csv",
        "options": { "sheet": null, "columns": [], "cancel_missing": false, "encoding": null },
        "task": "import-1",
    });

    let cancelling = Watcher::new(&rt, Some(Step::Writing));
    let err = commands::call(
        &Ctx::new(&rt, &cancelling),
        "import_registrations",
        args.clone(),
    )
    .expect_err("cancelled");
    assert!(
        balie_core::app::tasks::is_cancelled(&err),
        "{}",
        err.message
    );
    assert_eq!(
        rt.with(|b| b.store().event_count()).expect("count"),
        events,
        "nothing written"
    );
    assert!(!rt.cancel_task("import-1"), "the task has ended");

    let watching = Watcher::new(&rt, None);
    let done =
        commands::call(&Ctx::new(&rt, &watching), "import_registrations", args).expect("import");
    assert_eq!(done["applied"], true, "{done}");
    assert_eq!(done["new"], 3000, "{done}");
    let seen = watching.seen.lock().expect("seen").clone();
    let steps: Vec<Step> = seen.iter().map(|p| p.step).collect();
    for step in [Step::Reading, Step::Checking, Step::Writing] {
        assert!(steps.contains(&step), "{step:?} in {steps:?}");
    }
    assert!(seen
        .iter()
        .all(|p| p.task == "import-1" && (p.total == 0 || p.done <= p.total)));
    let last = seen.last().expect("a last report");
    assert_eq!(
        (last.step, last.done, last.total),
        (Step::Writing, 3000, 3000)
    );
}

#[test]
fn badges_for_everyone_are_counted_as_they_are_laid_out_and_a_cancel_saves_no_file() {
    let dir = tempfile::tempdir().expect("dir");
    let rt = Runtime::new(common::start(dir.path(), false), Box::new(|_| {}));
    call(&rt, "set_staff", json!({ "name": "Anna" }));
    let import = json!({
        "bytes": registrations(1000),
        "file": "aanmeldingen.csv",
        "options": { "sheet": null, "columns": [], "cancel_missing": false, "encoding": null },
        "task": null,
    });
    assert_eq!(call(&rt, "import_registrations", import)["new"], 1000);
    let printed = || -> Vec<String> {
        std::fs::read_dir(dir.path().join("afdrukken"))
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .filter(|n| n.starts_with("badges"))
                    .collect()
            })
            .unwrap_or_default()
    };
    let args = json!({ "kind": "badges_a4", "listId": null, "task": "badges-1" });

    let cancelling = Watcher::new(&rt, Some(Step::Making));
    let err = commands::call(&Ctx::new(&rt, &cancelling), "make_document", args.clone())
        .expect_err("cancelled");
    assert!(
        balie_core::app::tasks::is_cancelled(&err),
        "{}",
        err.message
    );
    assert!(
        printed().is_empty(),
        "a cancelled document saves nothing: {:?}",
        printed()
    );
    assert!(!rt.cancel_task("badges-1"), "the task has ended");

    let watching = Watcher::new(&rt, None);
    let saved = commands::call(&Ctx::new(&rt, &watching), "make_document", args).expect("badges");
    let path = saved["path"].as_str().expect("a path");
    assert!(std::fs::read(path).expect("the file").starts_with(b"%PDF"));
    assert_eq!(printed().len(), 1, "{:?}", printed());
    let seen = watching.seen.lock().expect("seen").clone();
    assert!(
        seen.iter()
            .any(|p| (p.step, p.done, p.total) == (Step::Making, 1000, 1000)),
        "every badge counted: {seen:?}"
    );
    assert!(
        seen.iter()
            .filter(|p| p.step == Step::Making && p.total > 0)
            .all(|p| p.done > 0 && p.done <= p.total && (p.done % 8 == 0 || p.done == p.total)),
        "a report after each sheet of eight: {seen:?}"
    );
    assert_eq!(seen.last().map(|p| p.step), Some(Step::Writing), "{seen:?}");
    // The window says "Bestand lezen" for Reading: a document reads no file.
    assert!(seen.iter().all(|p| p.step != Step::Reading), "{seen:?}");
}
