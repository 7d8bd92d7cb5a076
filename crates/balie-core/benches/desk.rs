//! The desk benchmark: search latency at 1k, 10k and 100k attendees, the cost of a durable
//! check-in against a bare one-row insert with the same pragmas, importing 100k
//! registrations against a bare bulk insert of the same people into the register table
//! (and when the first search after it answers), and merging 10 desks × 10k signed events
//! against a bare insert of the same events and check-in rows plus the batch verification
//! of their signatures on every core.
//!
//! `cargo bench -p balie-core --bench desk` prints criterion's figures and a table of p50/p99
//! per query kind, and writes flat keys to `target/bench/desk.json` so runs can be compared.
//! Not run in CI (only compiled).

#![allow(clippy::unwrap_used, clippy::print_stdout)]

use balie_core::app::reception::{build_index, COUNT_LIMIT, SEARCH_LIMIT};
use balie_core::domain::checkin::CheckinSource;
use balie_core::domain::demo;
use balie_core::store::attendees::Attendee;
use balie_core::wire::sync::VersionVector;
use balie_core::{Balie, LaunchOptions};
use criterion::Criterion;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The allocator the app and the CLI use, so the figures are theirs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SIZES: [(usize, &str); 3] = [(1_000, "1k"), (10_000, "10k"), (100_000, "100k")];

/// Queries of each kind, drawn from the data so they hit real people.
fn queries(people: &[Attendee]) -> Vec<(&'static str, Vec<String>)> {
    let mut rng = demo::Rng::new(7);
    let mut by_len = |n: usize| -> Vec<String> {
        (0..200)
            .map(|_| {
                let p = rng.pick(people);
                p.last_name
                    .chars()
                    .take(n)
                    .collect::<String>()
                    .to_lowercase()
            })
            .collect()
    };
    let one = by_len(1);
    let two = by_len(2);
    let three = by_len(3);
    let mut rng = demo::Rng::new(8);
    let full = (0..200)
        .map(|_| {
            let p = rng.pick(people);
            format!("{} {} {}", p.first_name, p.tussenvoegsel, p.last_name)
        })
        .collect();
    vec![
        ("1char", one),
        ("2char", two),
        ("3char", three),
        ("fullname", full),
    ]
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx].as_secs_f64() * 1e6
}

/// Runs every query `rounds` times and returns (p50, p99) in microseconds.
fn measure(mut f: impl FnMut(&str), qs: &[String], rounds: usize) -> (f64, f64) {
    let mut times = Vec::with_capacity(qs.len() * rounds);
    for _ in 0..rounds {
        for q in qs {
            let t = Instant::now();
            f(q);
            times.push(t.elapsed());
        }
    }
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.99))
}

/// A real data folder at a fixed clock.
fn options(dir: &std::path::Path) -> LaunchOptions {
    LaunchOptions {
        data_dir: Some(dir.to_path_buf()),
        now: Some("2023-12-07T15:20:00+01:00".into()),
        ..LaunchOptions::default()
    }
}

fn start(dir: &std::path::Path, people: &[Attendee]) -> Balie {
    let mut b = Balie::start(&options(dir)).unwrap();
    b.register_attendees(people).unwrap();
    b.set_staff("Bench").unwrap();
    b
}

/// One import of `csv` into a fresh real data folder: seconds until the import returned
/// (committed), and until the first search answered (the index of the new register is
/// built on another core meanwhile, and that search waits for it).
fn import_once(csv: &str) -> (f64, f64) {
    let dir = tempfile::tempdir().unwrap();
    let mut balie = start(dir.path(), &[]);
    let t = Instant::now();
    let preview = balie
        .import_registrations(csv.as_bytes(), "bench.csv")
        .unwrap();
    let committed = t.elapsed().as_secs_f64();
    let hits = balie.desk_search("jan", "day-2023-12-07").unwrap();
    let searchable = t.elapsed().as_secs_f64();
    assert!(
        preview.applied && preview.new == 100_000 && !hits.is_empty(),
        "{:?}",
        &preview.problems.first()
    );
    (committed, searchable)
}

/// Seconds to insert `people` with `sql` in one transaction on `conn`, a row each by `row`.
fn timed_bulk_insert(
    conn: &mut rusqlite::Connection,
    sql: &str,
    people: &[Attendee],
    row: impl Fn(&mut rusqlite::Statement<'_>, &Attendee) -> rusqlite::Result<usize>,
) -> f64 {
    let t = Instant::now();
    let tx = conn.transaction().unwrap();
    {
        let mut stmt = tx.prepare(sql).unwrap();
        for p in people {
            row(&mut stmt, p).unwrap();
        }
    }
    tx.commit().unwrap();
    t.elapsed().as_secs_f64()
}

/// The same people inserted straight into a fresh data folder's register table, in one
/// transaction, with the pragmas the store sets; seconds.
fn bare_register_insert(people: &[Attendee]) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    let path = start(dir.path(), &[]).store().path().to_path_buf();
    let mut conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn.pragma_update(None, "cache_size", -65536).unwrap();
    timed_bulk_insert(
        &mut conn,
        "INSERT INTO attendees (id, first_name, tussenvoegsel, last_name, organisation,
             email, function, member_org, thursday, friday, dinner, session_choice,
             visit_choice, bus, dietary, accessibility, speaker, guest, badge_code)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
             ?17, ?18, ?19)",
        people,
        |stmt, p| {
            stmt.execute(rusqlite::params![
                p.id,
                p.first_name,
                p.tussenvoegsel,
                p.last_name,
                p.organisation,
                p.email,
                p.function,
                p.member_org,
                p.thursday,
                p.friday,
                p.dinner,
                p.session_choice,
                p.visit_choice,
                p.bus,
                p.dietary,
                p.accessibility,
                p.speaker,
                p.guest,
                p.badge_code
            ])
        },
    )
}

/// The same people in a 9-column scratch table (the baseline before 2026-11-29); seconds.
fn bare_narrow_insert(people: &[Attendee]) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    let mut bare = rusqlite::Connection::open(dir.path().join("bare.sqlite")).unwrap();
    bare.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
        .unwrap();
    bare.pragma_update(None, "synchronous", "FULL").unwrap();
    bare.execute_batch(
        "CREATE TABLE people (id TEXT PRIMARY KEY, first TEXT, tv TEXT, last TEXT, email TEXT,
         org TEXT, thursday INTEGER, friday INTEGER, dietary TEXT)",
    )
    .unwrap();
    timed_bulk_insert(
        &mut bare,
        "INSERT INTO people VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        people,
        |stmt, p| {
            stmt.execute(rusqlite::params![
                p.id,
                p.first_name,
                p.tussenvoegsel,
                p.last_name,
                p.email,
                p.organisation,
                p.thursday,
                p.friday,
                p.dietary
            ])
        },
    )
}

/// The events `merged` has and `base` has not (what the merge added).
fn merged_events(merged: &Balie, base: &Balie) -> Vec<balie_core::domain::events::EventRecord> {
    let held: std::collections::HashSet<String> = base
        .store()
        .events()
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    merged
        .store()
        .events()
        .unwrap()
        .into_iter()
        .filter(|e| !held.contains(&e.id))
        .collect()
}

/// The floor under a merge: the events `merged` has and `base` has not, inserted with plain
/// statements into a fresh data folder's `events` and `checkins` tables (their indexes, the
/// store's pragmas; no verifying, no parsing, no checks), one transaction per desk as the
/// merge of one bundle per desk has; seconds.
fn bare_event_insert(merged: &Balie, base: &Balie) -> f64 {
    let mut by_desk: BTreeMap<
        String,
        Vec<(balie_core::domain::events::EventRecord, String, String)>,
    > = BTreeMap::new();
    for e in merged_events(merged, base) {
        if !e.kind.starts_with("checkin.") {
            continue;
        }
        let p: serde_json::Value = serde_json::from_str(&e.payload).unwrap();
        let (list, person) = (
            p["list_id"].as_str().unwrap().to_string(),
            p["attendee_id"].as_str().unwrap().to_string(),
        );
        by_desk
            .entry(e.desk_id.clone())
            .or_default()
            .push((e, list, person));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = start(dir.path(), &[]).store().path().to_path_buf();
    let mut conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn.pragma_update(None, "cache_size", -65536).unwrap();
    let t = Instant::now();
    for events in by_desk.values() {
        let tx = conn.transaction().unwrap();
        {
            let mut event = tx
                .prepare(
                    "INSERT INTO events (id, desk_id, seq, hlc, wall_time, desk_name, staff,
                         kind, subject, payload)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )
                .unwrap();
            let mut checkin = tx
                .prepare(
                    "INSERT INTO checkins (event_id, list_id, attendee_id, direction, hlc,
                         desk_id, desk_name, staff, wall_time, source)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'scan')",
                )
                .unwrap();
            for (e, list, person) in events {
                event
                    .execute(rusqlite::params![
                        e.id,
                        e.desk_id,
                        e.seq,
                        e.hlc,
                        e.wall_time,
                        e.desk_name,
                        e.staff,
                        e.kind,
                        e.subject,
                        e.payload
                    ])
                    .unwrap();
                let direction = if e.kind == "checkin.in" { "in" } else { "out" };
                checkin
                    .execute(rusqlite::params![
                        e.id,
                        list,
                        person,
                        direction,
                        e.hlc,
                        e.desk_id,
                        e.desk_name,
                        e.staff,
                        e.wall_time
                    ])
                    .unwrap();
            }
        }
        tx.commit().unwrap();
    }
    t.elapsed().as_secs_f64()
}

/// The other floor under a merge: verifying the signatures of the events `merged` has and
/// `base` has not, in batches on every core, as the merge does; seconds. Keys come from the
/// desks' announcements.
fn batch_verification(merged: &Balie, base: &Balie) -> f64 {
    use balie_core::domain::{events::kinds, signing};
    let events = merged_events(merged, base);
    let keys: std::collections::HashMap<String, ed25519_dalek::VerifyingKey> = events
        .iter()
        .filter(|e| e.kind == kinds::DESK_KEY_ANNOUNCED)
        .map(|e| {
            let v: serde_json::Value = serde_json::from_str(&e.payload).unwrap();
            let key = signing::verifying_key(v["public_key"].as_str().unwrap()).unwrap();
            (e.desk_id.clone(), key)
        })
        .collect();
    let refs: Vec<&balie_core::domain::events::EventRecord> = events.iter().collect();
    let t = Instant::now();
    let verdicts = signing::verify_all(&refs, |d| keys.get(d).copied());
    let took = t.elapsed().as_secs_f64();
    assert!(verdicts.iter().all(|ok| *ok), "every event verifies");
    assert!(verdicts.len() >= 100_000);
    took
}

fn main() {
    let mut figures: BTreeMap<String, f64> = BTreeMap::new();
    let mut criterion = Criterion::default()
        .configure_from_args()
        .sample_size(20)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500));

    println!("\nsearch latency (µs), {SEARCH_LIMIT} results at most, matches counted up to {COUNT_LIMIT}");
    println!(
        "{:>6} {:>9} {:>9} {:>9} {:>12} {:>12}",
        "size", "query", "p50", "p99", "desk p50", "desk p99"
    );
    for (n, label) in SIZES {
        let people = demo::attendees(demo::DEMO_SEED, n);
        let index = build_index(&people);
        let dir = tempfile::tempdir().unwrap();
        let balie = start(dir.path(), &people);
        let mut worst_p99: f64 = 0.0;
        for (kind, qs) in queries(&people) {
            let (p50, p99) = measure(
                |q| drop(black_box(index.find(q, SEARCH_LIMIT, COUNT_LIMIT))),
                &qs,
                5,
            );
            let (d50, d99) = measure(
                |q| {
                    drop(black_box(
                        balie.desk_search_counted(q, "day-2023-12-07").unwrap(),
                    ));
                },
                &qs,
                1,
            );
            println!("{label:>6} {kind:>9} {p50:>9.1} {p99:>9.1} {d50:>12.1} {d99:>12.1}");
            figures.insert(format!("search_p50_us_{label}_{kind}"), p50);
            figures.insert(format!("search_p99_us_{label}_{kind}"), p99);
            figures.insert(format!("desk_search_p50_us_{label}_{kind}"), d50);
            figures.insert(format!("desk_search_p99_us_{label}_{kind}"), d99);
            worst_p99 = worst_p99.max(p99);
            if kind == "3char" {
                let q = qs[0].clone();
                criterion.bench_function(&format!("search/{label}/{kind}"), |b| {
                    b.iter(|| index.find(black_box(&q), SEARCH_LIMIT, COUNT_LIMIT));
                });
            }
        }
        figures.insert(format!("search_p99_us_{label}"), worst_p99);
        let t = Instant::now();
        drop(black_box(build_index(&people)));
        figures.insert(
            format!("index_build_ms_{label}"),
            t.elapsed().as_secs_f64() * 1e3,
        );
    }

    // Durable check-in (IMMEDIATE transaction, event + projection, WAL + synchronous=FULL)
    // against a bare one-row insert in its own transaction with the same pragmas.
    let people = demo::attendees(demo::DEMO_SEED, 2_000);
    let dir = tempfile::tempdir().unwrap();
    let mut balie = start(dir.path(), &people);
    let bare_dir = tempfile::tempdir().unwrap();
    let bare = rusqlite::Connection::open(bare_dir.path().join("bare.sqlite")).unwrap();
    bare.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
        .unwrap();
    bare.pragma_update(None, "synchronous", "FULL").unwrap();
    bare.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        .unwrap();
    let mut checkin_times = Vec::new();
    let mut bare_times = Vec::new();
    for (n, p) in people.iter().filter(|p| p.thursday).take(400).enumerate() {
        // Interleave so both see the same disk conditions.
        let t = Instant::now();
        balie
            .check_in("day-2023-12-07", &p.id, None, CheckinSource::Search)
            .unwrap();
        checkin_times.push(t.elapsed());
        let t = Instant::now();
        bare.execute_batch("BEGIN IMMEDIATE").unwrap();
        bare.execute("INSERT INTO t (payload) VALUES (?1)", [format!("row {n}")])
            .unwrap();
        bare.execute_batch("COMMIT").unwrap();
        bare_times.push(t.elapsed());
    }
    checkin_times.sort();
    bare_times.sort();
    let c50 = percentile(&checkin_times, 0.5);
    let b50 = percentile(&bare_times, 0.5);
    println!("\ncheck-in commit p50 {c50:.0} µs (p99 {:.0}), bare insert p50 {b50:.0} µs (p99 {:.0}), ratio {:.2}",
        percentile(&checkin_times, 0.99), percentile(&bare_times, 0.99), c50 / b50);
    figures.insert("checkin_commit_p50_us".into(), c50);
    figures.insert(
        "checkin_commit_p99_us".into(),
        percentile(&checkin_times, 0.99),
    );
    figures.insert("bare_insert_p50_us".into(), b50);
    figures.insert("checkin_commit_ratio".into(), c50 / b50);

    // Importing 100k rows (parse, map, validate, plan, events + projection in one
    // transaction) against a bare bulk insert of the same rows into the same register table
    // (a fresh data folder's `attendees`, its indexes, the store's pragmas; no events, no
    // checks): the ratio is what the import's machinery costs on top of storing the rows.
    // The earlier baseline, a 9-column scratch table, is still reported beside it. Each is
    // run three times in fresh folders, interleaved, and the medians are compared (one run
    // of either varies by ±30 % on this machine's disk).
    let people = demo::attendees(demo::DEMO_SEED, 100_000);
    let mut csv = String::from("Voornaam;Tussenvoegsel;Achternaam;E-mailadres;Organisatie;Donderdag;Vrijdag;Dieetwensen\r\n");
    for p in &people {
        csv.push_str(&format!(
            "{};{};{};{};\"{}\";{};{};{}\r\n",
            p.first_name,
            p.tussenvoegsel,
            p.last_name,
            p.email,
            p.organisation,
            if p.thursday { "Ja" } else { "Nee" },
            if p.friday { "Ja" } else { "Nee" },
            p.dietary
        ));
    }
    let (mut import_runs, mut searchable_runs, mut register_runs, mut narrow_runs) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..3 {
        let (committed, searchable) = import_once(&csv);
        import_runs.push(committed);
        searchable_runs.push(searchable);
        register_runs.push(bare_register_insert(&people));
        narrow_runs.push(bare_narrow_insert(&people));
    }
    let median = |runs: &mut Vec<f64>| {
        runs.sort_by(f64::total_cmp);
        runs[runs.len() / 2]
    };
    let import_s = median(&mut import_runs);
    let searchable_s = median(&mut searchable_runs);
    let bare_s = median(&mut register_runs);
    let narrow_s = median(&mut narrow_runs);
    println!(
        "\nimport 100k rows: {import_s:.2} s, bare bulk insert into the register {bare_s:.2} s, ratio {:.2} (target <= 2); into a 9-column table {narrow_s:.2} s, ratio {:.1}; first search answered {searchable_s:.2} s after the start",
        import_s / bare_s,
        import_s / narrow_s
    );
    figures.insert("import_100k_searchable_s".into(), searchable_s);
    figures.insert("import_100k_s".into(), import_s);
    figures.insert("bare_bulk_insert_100k_s".into(), bare_s);
    figures.insert("import_100k_ratio".into(), import_s / bare_s);
    figures.insert("bare_narrow_insert_100k_s".into(), narrow_s);
    figures.insert(
        "import_100k_ratio_vs_narrow_table".into(),
        import_s / narrow_s,
    );

    // Merging: 10 desks each wrote 10k check-in events while apart; a desk that has none of
    // them imports the 10 bundles (verify, insert in canonical order, project).
    let base_dir = tempfile::tempdir().unwrap();
    let base = start(base_dir.path(), &people[..400]);
    let key = base.congress_key_code().unwrap();
    let full = base.export_bundle(&VersionVector::new()).unwrap();
    let joined = |dir: &std::path::Path| {
        let mut b = Balie::join(&options(dir), &key, &full).unwrap();
        b.set_staff("Bench").unwrap();
        b
    };
    let lists = ["day-2023-12-07", "day-2023-12-08", "alv"];
    let mut bundles = Vec::new();
    let mut desk_dirs = Vec::new();
    for d in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = joined(dir.path());
        // What the target has after joining, as far as this desk knows: the base's
        // events (the bundle then carries this desk's key announcement with its events).
        let since = base.version_vector().unwrap();
        let mut rng = demo::Rng::new(100 + d);
        desk.store_mut()
            .write(|w| {
                for n in 0..10_000 {
                    let p = rng.pick(&people[..400]);
                    let list = lists[n % 3];
                    let (kind, payload) = if n % 4 == 3 {
                        (
                            "checkin.out",
                            serde_json::json!({ "list_id": list, "attendee_id": p.id }),
                        )
                    } else {
                        (
                            "checkin.in",
                            serde_json::json!({ "list_id": list, "attendee_id": p.id,
                                "override_reason": null, "source": "scan" }),
                        )
                    };
                    w.append(kind, &p.id, &payload)?;
                }
                Ok(())
            })
            .unwrap();
        bundles.push(desk.export_bundle(&since).unwrap());
        desk_dirs.push(dir);
    }
    let target_dir = tempfile::tempdir().unwrap();
    let mut target = joined(target_dir.path());
    let t = Instant::now();
    let mut merged = 0;
    for bundle in &bundles {
        merged += target.import_bundle(bundle).unwrap().new;
    }
    let merge_s = t.elapsed().as_secs_f64();
    // Each desk's 10k events and its key announcement.
    assert_eq!(merged, 100_010);
    let insert_s = bare_event_insert(&target, &base);
    let verify_s = batch_verification(&target, &base);
    let floor_s = insert_s + verify_s;
    println!(
        "\nmerge 10 desks x 10k signed events: {merge_s:.2} s; floor: the same events and check-in rows inserted bare into a fresh data folder, a transaction per desk, {insert_s:.2} s, plus their signatures verified in batches on {} cores, {verify_s:.2} s: {floor_s:.2} s; ratio {:.2}",
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        merge_s / floor_s
    );
    figures.insert("merge_10x10k_s".into(), merge_s);
    figures.insert("bare_event_insert_10x10k_s".into(), insert_s);
    figures.insert("batch_verify_10x10k_s".into(), verify_s);
    figures.insert("merge_10x10k_ratio_vs_bare".into(), merge_s / floor_s);

    criterion.final_summary();
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&out).unwrap();
    let json = serde_json::to_string_pretty(&figures).unwrap();
    std::fs::write(out.join("desk.json"), json + "\n").unwrap();
    println!("\nfigures written to target/bench/desk.json");
}
