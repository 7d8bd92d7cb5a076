//! The kill -9 harness: a desk is killed (SIGKILL, no chance to clean up) at a random
//! moment while it checks people in, imports registrations, merges a bundle, writes backups
//! or restores one, hundreds of times on one data folder. After every kill the folder is
//! opened again and checked: every write the desk acknowledged is there, a write it did not
//! acknowledge is there whole or not at all, `PRAGMA integrity_check` is ok, every desk's
//! numbers run from 1 without a gap, the desk keeps its id (a kill is not a copy put back),
//! and no half-written backup counts.
//!
//! Runs with the tests (`harness = false`: this is its own `main`). The child is this same
//! binary with `BALIE_CRASH_CHILD` set. `BALIE_CRASH_TRIALS` (default 200) and
//! `BALIE_CRASH_SEED` (printed at the start) repeat a run. It prints its figures: the
//! child's "ok" lines are its protocol, the parent's table is what the run is for.
#![allow(clippy::print_stdout)]

use balie_core::domain::checkin::{CheckinOutcome, CheckinSource};
use balie_core::domain::events::kinds;
use balie_core::wire::sync::VersionVector;
use balie_core::{Balie, LaunchOptions};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const THU: &str = "day-2023-12-07";
const HEADER: &str = "Voornaam;Tussenvoegsel;Achternaam;E-mailadres;Organisatie;Lid;Donderdag 7 december;Vrijdag 8 december;Diner;Kennissessie;Werkbezoek;Busvervoer;Dieetwensen";
/// People per imported file.
const PER_IMPORT: usize = 40;
/// Events the other desk writes for each merge and restore.
const PER_MERGE: usize = 30;

fn options(dir: &Path) -> LaunchOptions {
    LaunchOptions {
        data_dir: Some(dir.to_path_buf()),
        demo: false,
        now: Some("2023-12-07T09:00:00+01:00".into()),
        clock_runs: true,
        printer: None,
        listen: None,
        peers: Vec::new(),
    }
}

fn open(dir: &Path, staff: &str) -> Balie {
    let mut b = Balie::start(&options(dir)).expect("start");
    b.set_staff(staff).expect("staff");
    b
}

/// A file of `PER_IMPORT` new people, all on Thursday, named after `batch`.
fn registrations(batch: &str) -> String {
    let mut text = format!("{HEADER}\r\n");
    for n in 0..PER_IMPORT {
        text.push_str(&format!(
            "Persoon{n};;{batch};{batch}-{n}@example.org;Bibliotheek;Ja;Ja;Nee;Nee;;;Nee;\r\n"
        ));
    }
    text
}

// ---------------------------------------------------------------------------------------
// The child: does one kind of work on the folder and says "ok …" after each write returned.

fn child(spec: &str) {
    let mut parts = spec.splitn(3, '|');
    let (kind, dir, arg) = (
        parts.next().unwrap_or(""),
        PathBuf::from(parts.next().unwrap_or("")),
        parts.next().unwrap_or("").to_string(),
    );
    let mut b = open(&dir, "Anna");
    let mut out = std::io::stdout().lock();
    let mut say = |line: &str| {
        writeln!(out, "{line}").expect("stdout");
        out.flush().expect("flush");
    };
    say("ready");
    match kind {
        "checkin" => {
            // In and out again, so people last for hundreds of trials; each write is
            // acknowledged with its event.
            for id in arg.split(',').filter(|s| !s.is_empty()) {
                match b
                    .check_in(THU, id, None, CheckinSource::Search)
                    .expect("check in")
                {
                    CheckinOutcome::CheckedIn { record, .. } => {
                        say(&format!("ok {}", record.event_id));
                    }
                    other => panic!("not checked in: {other:?}"),
                }
                let out = b.check_out(THU, id).expect("check out");
                say(&format!("ok {}", out.event_id));
            }
        }
        "import" => {
            let preview = b
                .import_registrations(registrations(&arg).as_bytes(), "aanmeldingen.csv")
                .expect("import");
            assert!(preview.applied, "{preview:?}");
            say("ok");
        }
        "merge" => {
            let bytes = std::fs::read(&arg).expect("bundle");
            b.import_bundle(&bytes).expect("merge");
            say("ok");
        }
        "restore" => {
            b.restore(Path::new(&arg)).expect("restore");
            say("ok");
        }
        "backup" => loop {
            let path = b.backup(None).expect("backup");
            say(&format!("ok {}", path.display()));
        },
        other => panic!("unknown child work {other:?}"),
    }
    say("done");
}

// ---------------------------------------------------------------------------------------
// The parent.

/// xorshift64*: enough randomness for kill moments, repeatable from its seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// When the child is killed: while it starts (opening the database, renewing its
/// incarnation), or this long after it said it is ready.
#[derive(Clone, Copy)]
enum Delay {
    FromSpawn(Duration),
    AfterReady(Duration),
}

/// Runs the child on `kind`, kills it at `delay` (or lets it finish), and
/// returns the lines it printed before it died, whether it finished, and (when it did)
/// how long its work took.
fn run_child(kind: &str, dir: &Path, arg: &str, delay: Delay) -> (Vec<String>, Option<Duration>) {
    let mut child = Command::new(std::env::current_exe().expect("exe"))
        .env(
            "BALIE_CRASH_CHILD",
            format!("{kind}|{}|{arg}", dir.display()),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    // Wait for "ready" (bounded), then for the kill moment.
    let started = Instant::now();
    let mut ready_at = started;
    let (wait_ready, delay) = match delay {
        Delay::FromSpawn(d) => (d, Duration::ZERO),
        Delay::AfterReady(d) => (Duration::from_secs(60), d),
    };
    while started.elapsed() < wait_ready {
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(line) => {
                let ready = line == "ready";
                lines.push(line);
                if ready {
                    ready_at = Instant::now();
                    break;
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                ready_at = Instant::now();
            }
            Err(_) => break,
        }
    }
    // Until the kill moment, noting when the work was done (if it was).
    let kill_at = ready_at + delay;
    let mut done_after = None;
    loop {
        let left = kill_at.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        match rx.recv_timeout(left) {
            Ok(line) => {
                if line == "done" {
                    done_after = Some(ready_at.elapsed());
                }
                lines.push(line);
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => break,
            Err(_) => {
                std::thread::sleep(kill_at.saturating_duration_since(Instant::now()));
                break;
            }
        }
    }
    // SIGKILL on Unix: no destructor, no flush, no checkpoint.
    let _ = child.kill();
    let status = child.wait().expect("wait");
    let _ = reader.join();
    lines.extend(rx.try_iter());
    let finished = lines.iter().any(|l| l == "done");
    assert!(
        finished || !status.success(),
        "the child ended by itself without finishing: {lines:?}"
    );
    (lines, done_after.or(finished.then_some(delay)))
}

fn acked(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|l| l.strip_prefix("ok"))
        .map(|l| l.trim().to_string())
        .collect()
}

/// The checks after every kill, on the raw file (before Balie opens it).
fn check_file(dir: &Path) -> (usize, usize) {
    let conn = rusqlite::Connection::open(dir.join("balie.sqlite")).expect("open raw");
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(integrity, "ok", "integrity_check");
    let mut stmt = conn
        .prepare("SELECT desk_id, count(*), min(seq), max(seq) FROM events GROUP BY desk_id")
        .expect("prepare");
    let rows: Vec<(String, i64, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect();
    for (desk, count, min, max) in &rows {
        assert!(
            *min == 1 && count == max,
            "desk {desk}: {count} events numbered {min}..{max}"
        );
    }
    let events: i64 = conn
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .expect("count");
    (rows.len(), usize::try_from(events).unwrap_or(0))
}

fn event_ids(b: &Balie) -> BTreeSet<String> {
    b.store()
        .events()
        .expect("events")
        .into_iter()
        .map(|e| e.id)
        .collect()
}

/// Who is in on Thursday now (checked in and not out again).
fn present(b: &Balie) -> BTreeSet<String> {
    let mut inside = BTreeSet::new();
    for e in b.store().events().expect("events") {
        if e.kind == kinds::CHECKIN_IN {
            inside.insert(e.subject);
        } else if e.kind == kinds::CHECKIN_OUT {
            inside.remove(&e.subject);
        }
    }
    inside
}

fn thursday_people(b: &Balie) -> Vec<String> {
    b.attendees()
        .expect("people")
        .into_iter()
        .filter(|p| p.thursday)
        .map(|p| p.id)
        .collect()
}

/// The other desk writes `PER_MERGE` events (check-ins and check-outs of its people).
fn peer_writes(peer: &mut Balie, round: usize) -> BTreeSet<String> {
    let before = event_ids(peer);
    let people = thursday_people(peer);
    for i in 0..PER_MERGE / 2 {
        let id = &people[(round * 7 + i) % people.len()];
        peer.check_in(THU, id, None, CheckinSource::Search)
            .expect("peer check in");
        peer.check_out(THU, id).expect("peer check out");
    }
    event_ids(peer).difference(&before).cloned().collect()
}

#[derive(Default)]
struct Tally {
    trials: usize,
    killed_before_done: usize,
    acknowledged: usize,
    lost: usize,
    partly: usize,
}

fn main() {
    if let Ok(spec) = std::env::var("BALIE_CRASH_CHILD") {
        child(&spec);
        return;
    }
    let trials: usize = std::env::var("BALIE_CRASH_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let seed = std::env::var("BALIE_CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            let mut b = [0u8; 8];
            getrandom::fill(&mut b).expect("random");
            u64::from_le_bytes(b) | 1
        });
    println!("kill -9 harness: {trials} trials, BALIE_CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let root = tempfile::tempdir().expect("root");
    let dir = root.path().join("balie");
    let peer_dir = root.path().join("andere-balie");
    let files = root.path().join("bestanden");
    std::fs::create_dir_all(&files).expect("files");

    // The desk, with people to check in, and a second desk of its congress.
    let (desk_id, mut peer) = {
        let mut b = open(&dir, "Anna");
        let preview = b
            .import_registrations(registrations("Begin").as_bytes(), "start.csv")
            .expect("import");
        assert!(preview.applied);
        for n in 0..4 {
            let p = b
                .import_registrations(registrations(&format!("Extra{n}")).as_bytes(), "x.csv")
                .expect("import");
            assert!(p.applied);
        }
        let full = b.export_bundle(&VersionVector::new()).expect("bundle");
        let mut peer = Balie::join(
            &options(&peer_dir),
            &b.congress_key_code().expect("key"),
            &full,
        )
        .expect("join");
        peer.set_staff("Bert").expect("staff");
        (b.store().desk().desk_id.clone(), peer)
    };

    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut estimates: BTreeMap<&str, f64> = BTreeMap::new();
    // How long a child takes to start, measured once.
    let start_ms = {
        let spawned = Instant::now();
        let (lines, _) = run_child("checkin", &dir, "", Delay::AfterReady(Duration::ZERO));
        assert!(lines.iter().any(|l| l == "ready"), "{lines:?}");
        u64::try_from(spawned.elapsed().as_millis()).unwrap_or(500)
    };
    let mut killed_starting = 0;
    let mut all_acked_events: BTreeSet<String> = BTreeSet::new();
    let kinds = ["checkin", "import", "merge", "backup", "restore"];
    let started = Instant::now();
    for trial in 0..trials {
        let kind = kinds[trial % kinds.len()];
        let b = open(&dir, "Anna");
        // What the child gets, and what it would add.
        let (arg, would_add): (String, BTreeSet<String>) = match kind {
            "checkin" => {
                let inside = present(&b);
                let waiting: Vec<String> = thursday_people(&b)
                    .into_iter()
                    .filter(|p| !inside.contains(p))
                    .take(150)
                    .collect();
                assert!(!waiting.is_empty(), "people left to check in");
                (waiting.join(","), BTreeSet::new())
            }
            "import" => (format!("Proef{trial}"), BTreeSet::new()),
            "merge" => {
                let new = peer_writes(&mut peer, trial);
                let bundle = files.join(format!("{trial}.balie"));
                std::fs::write(
                    &bundle,
                    peer.export_bundle(&b.version_vector().expect("vector"))
                        .expect("export"),
                )
                .expect("write bundle");
                (bundle.display().to_string(), new)
            }
            "restore" => {
                let new = peer_writes(&mut peer, trial);
                let backup = peer.backup(Some(&files)).expect("peer backup");
                (backup.display().to_string(), new)
            }
            _ => (String::new(), BTreeSet::new()),
        };
        drop(b);

        // The kill lands anywhere in the work: up to 1.3 times what it took when it was
        // last left to finish (so about a quarter of the trials finish).
        // Every seventh kill lands while the desk starts.
        let estimate = estimates.entry(kind).or_insert(20.0);
        let delay = if trial % 7 == 3 {
            killed_starting += 1;
            Delay::FromSpawn(Duration::from_micros(rng.below(start_ms * 1300)))
        } else {
            Delay::AfterReady(Duration::from_micros(
                rng.below((*estimate * 1300.0) as u64 + 1),
            ))
        };
        let (lines, done_after) = run_child(kind, &dir, &arg, delay);
        let finished = done_after.is_some();
        match (delay, done_after) {
            (Delay::FromSpawn(_), _) => {}
            (_, Some(took)) => *estimate = took.as_secs_f64() * 1000.0,
            // Backups run until killed: their moments stay within a few backups.
            (_, None) => *estimate = (*estimate * 1.25).min(250.0),
        }
        let acks = acked(&lines);
        check_file(&dir);
        let mut b = open(&dir, "Anna");
        assert_eq!(
            b.store().desk().desk_id,
            desk_id,
            "trial {trial} ({kind}): a killed desk stays the same desk"
        );
        let tally = tallies.entry(kind).or_default();
        tally.trials += 1;
        tally.killed_before_done += usize::from(!finished);
        tally.acknowledged += acks.len();
        let ids = event_ids(&b);
        match kind {
            "checkin" => {
                for id in &acks {
                    all_acked_events.insert(id.clone());
                    if !ids.contains(id) {
                        tally.lost += 1;
                    }
                }
            }
            "import" => {
                let batch = format!("Proef{trial}");
                let present = b
                    .attendees()
                    .expect("people")
                    .into_iter()
                    .filter(|p| p.last_name == batch)
                    .count();
                if !acks.is_empty() && present != PER_IMPORT {
                    tally.lost += 1;
                }
                if present != 0 && present != PER_IMPORT {
                    tally.partly += 1;
                }
            }
            "merge" | "restore" => {
                let present = would_add.iter().filter(|id| ids.contains(*id)).count();
                if !acks.is_empty() && present != would_add.len() {
                    tally.lost += 1;
                }
                if present != 0 && present != would_add.len() {
                    tally.partly += 1;
                }
                if !acks.is_empty() {
                    all_acked_events.extend(would_add);
                }
            }
            "backup" => {
                // The newest acknowledged backup is there and opens (older ones may have
                // rolled out of the ten kept).
                if let Some(path) = acks.last() {
                    if b.restore_preview(Path::new(path)).is_err() {
                        tally.lost += 1;
                    }
                }
                // The next backup cleans up what a kill left; what is kept all opens.
                b.backup(None).expect("backup after the kill");
                let backups = dir.join("backups");
                let mut kept = 0;
                for entry in std::fs::read_dir(&backups).expect("backups") {
                    let path = entry.expect("entry").path();
                    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    assert!(
                        name.ends_with(".baliebackup"),
                        "trial {trial}: a partial file is left: {name}"
                    );
                    assert!(
                        b.restore_preview(&path).is_ok(),
                        "trial {trial}: a kept backup does not open: {name}"
                    );
                    kept += 1;
                }
                assert!(kept <= 10, "trial {trial}: {kept} backups kept");
            }
            _ => unreachable!(),
        }
        assert_eq!(
            tally.lost, 0,
            "trial {trial} ({kind}): acknowledged data lost"
        );
        assert_eq!(
            tally.partly, 0,
            "trial {trial} ({kind}): half a write is visible"
        );
    }

    // At the end, everything acknowledged in any trial is still there.
    let (desks, events) = check_file(&dir);
    let b = open(&dir, "Anna");
    let ids = event_ids(&b);
    assert!(
        all_acked_events.is_subset(&ids),
        "an acknowledged event was lost"
    );
    println!(
        "{trials} trials in {:.1} s; {killed_starting} killed while starting (a start takes {start_ms} ms); {events} events of {desks} desks; integrity_check ok after every kill; numbers gapless; one desk id throughout",
        started.elapsed().as_secs_f64()
    );
    for (kind, t) in &tallies {
        println!(
            "  {kind:<8} {:>4} trials, {:>4} killed before done, {:>5} acknowledged, {} lost, {} half-written",
            t.trials, t.killed_before_done, t.acknowledged, t.lost, t.partly
        );
    }
}
