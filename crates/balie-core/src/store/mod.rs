//! The database: one SQLite file, opened only through [`Store::open`], which sets every
//! pragma and applies the embedded migrations all-or-nothing. Writes go through
//! [`Store::write`]: one IMMEDIATE transaction in which events are appended and projected.

pub mod alv;
pub mod attendees;
pub mod badge_prints;
pub mod cancellation;
pub mod checkins;
pub mod congress;
pub mod desk;
pub mod import_mappings;
pub mod log;
pub mod merge;
pub mod programme;
pub mod projection;
pub mod signatures;
pub mod signups;
pub mod sql;

/// The read handle the layers above pass to the store's functions (a [`Store`]'s connection,
/// or a [`Writer`]'s transaction seen through [`Writer::conn`]). It is opaque to them: only
/// the store prepares and runs statements (tests/layers.rs).
pub use rusqlite::Connection;

use crate::domain::clock::{self, hlc, Clock};
use crate::domain::error::{Error, Result};
use crate::domain::events::EventRecord;
use crate::store::desk::DeskIdentity;
use crate::store::sql::SqlResultExt;
use rusqlite::{params, OpenFlags, OptionalExtension, TransactionBehavior};
use rusqlite_migration::{Migrations, M};
use serde::Serialize;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The embedded migrations, in order. Never edit one that has landed; append a new one.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_events_and_programme.sql"),
    include_str!("../../migrations/0002_checkin.sql"),
    include_str!("../../migrations/0003_fast_lane.sql"),
    include_str!("../../migrations/0004_import_mappings.sql"),
    include_str!("../../migrations/0005_badge_prints.sql"),
    include_str!("../../migrations/0006_merge_order.sql"),
    include_str!("../../migrations/0007_alv.sql"),
    include_str!("../../migrations/0008_programme_edits.sql"),
    include_str!("../../migrations/0009_buses.sql"),
    include_str!("../../migrations/0010_attendee_versions.sql"),
    include_str!("../../migrations/0011_single_versions.sql"),
    include_str!("../../migrations/0012_evidence_by_subject.sql"),
    include_str!("../../migrations/0013_cancellations.sql"),
    include_str!("../../migrations/0014_signatures.sql"),
    include_str!("../../migrations/0015_incarnation.sql"),
];

/// The schema version this build writes (SQLite's `user_version`).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Staff name used for events the program writes itself (first start, demo data).
pub const SYSTEM_STAFF: &str = "Balie (systeem)";

const BUSY_TIMEOUT: Duration = Duration::from_secs(3);
/// The page cache in KiB, as SQLite wants it for a size: a negative number.
const CACHE_KIB: i64 = -65_536;
/// A reader's page cache in KiB (negative, as for [`CACHE_KIB`]).
const READER_CACHE_KIB: i64 = -16_384;

pub struct Store {
    conn: Connection,
    /// Which opening of a database this is (unique in the process; a reader has its
    /// writer's): a desk that joined or restored opens another database at the same path.
    opened: u64,
    path: PathBuf,
    clock: Clock,
    desk: DeskIdentity,
    staff: String,
    /// Whether this desk's key is announced in the log (its first signed event does it).
    announced: bool,
    /// Whether the log binds this desk's id to another key than the one it has.
    key_conflict: bool,
}

/// A store without its connection: what a reader opened from it knows.
#[derive(Debug, Clone)]
pub struct ReaderTemplate {
    opened: u64,
    path: PathBuf,
    clock: Clock,
    desk: DeskIdentity,
    staff: String,
    announced: bool,
    key_conflict: bool,
}

impl ReaderTemplate {
    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Which opening of the database a reader of it reads (see [`Store::opened`]).
    pub fn opened(&self) -> u64 {
        self.opened
    }

    /// A reader connection (see [`Store::reader`]).
    pub fn reader(&self) -> Result<Store> {
        Ok(Store {
            conn: connect(&self.path, Access::Read)?,
            opened: self.opened,
            path: self.path.clone(),
            clock: self.clock.clone(),
            desk: self.desk.clone(),
            staff: self.staff.clone(),
            announced: self.announced,
            key_conflict: self.key_conflict,
        })
    }
}

/// How a connection may use the database.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    /// The desk's one writer (it also creates the file and migrates it).
    Write,
    /// A reader beside it: sees the last committed state (WAL), never waits for the writer,
    /// and cannot write (`query_only`).
    Read,
}

/// Opens one connection to `path` and sets every pragma: the only place that does. WAL
/// (checked), `synchronous=FULL`, foreign keys, the busy timeout and the page cache; a
/// reader also `query_only`.
fn connect(path: &Path, access: Access) -> Result<Connection> {
    let open_err = |e: rusqlite::Error| Error::Open {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let flags = match access {
        Access::Write => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        // Read-write at the file level: a WAL reader must be able to map the shared
        // memory index; `query_only` below refuses every write.
        Access::Read => OpenFlags::SQLITE_OPEN_READ_WRITE,
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
    let mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
        .map_err(open_err)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Open {
            path: path.to_path_buf(),
            reason: format!("WAL-modus is niet beschikbaar (kreeg '{mode}')"),
        });
    }
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(open_err)?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(open_err)?;
    // 64 MiB of page cache for the writer (SQLite's default is 2 MiB): an import or a
    // merge of 100k events touches the indexes all over, and re-reading pages dominated.
    // A reader's screens read far less at a time.
    let cache = match access {
        Access::Write => CACHE_KIB,
        Access::Read => READER_CACHE_KIB,
    };
    conn.pragma_update(None, "cache_size", cache)
        .map_err(open_err)?;
    if access == Access::Read {
        conn.pragma_update(None, "query_only", "ON")
            .map_err(open_err)?;
    }
    Ok(conn)
}

impl Store {
    /// Opens (or creates) the database at `path`: WAL, `synchronous=FULL`, foreign keys on,
    /// a busy timeout, then the migrations. A file written by a newer schema is refused
    /// before anything touches it.
    pub fn open(path: &Path, clock: Clock, desk: DeskIdentity) -> Result<Store> {
        refuse_newer_schema(path)?;
        let open_err = |e: rusqlite::Error| Error::Open {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        let mut conn = connect(path, Access::Write)?;
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(open_err)?;
        if found > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew {
                path: path.to_path_buf(),
                found,
                known: SCHEMA_VERSION,
            });
        }
        let migrations = Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect());
        migrations.to_latest(&mut conn).map_err(|e| Error::Open {
            path: path.to_path_buf(),
            reason: format!(
                "bijwerken van het databaseschema mislukt ({e}); er is niets gewijzigd"
            ),
        })?;
        static OPENINGS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut store = Store {
            conn,
            opened: OPENINGS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            path: path.to_path_buf(),
            clock,
            desk,
            staff: String::new(),
            announced: false,
            key_conflict: false,
        };
        store.check_key()?;
        // An older Balie keeps events of kinds it does not know (from a newer desk) without
        // projecting them; once this build has updated the file, everything is derived
        // again, so those events count from now on.
        // (If that fails, it rolls back and the desk works on with what it had: a desk
        // that cannot open its database is worse than one that misses a newer kind.)
        if found > 0 && found < SCHEMA_VERSION {
            let _ = store.rebuild_projections();
        }
        Ok(store)
    }

    /// A second connection to this database for reading beside the writer: it sees what
    /// was last committed (a write under way does not hold it up) and refuses to write.
    /// It knows the same desk, clock and staff as this store at the time it is made.
    pub fn reader(&self) -> Result<Store> {
        self.reader_template().reader()
    }

    /// What a reader of this store needs to know, without a connection yet.
    pub fn reader_template(&self) -> ReaderTemplate {
        ReaderTemplate {
            opened: self.opened,
            path: self.path.clone(),
            clock: self.clock.clone(),
            desk: self.desk.clone(),
            staff: self.staff.clone(),
            announced: self.announced,
            key_conflict: self.key_conflict,
        }
    }

    /// Which opening of a database this store is (a reader has its writer's).
    pub fn opened(&self) -> u64 {
        self.opened
    }

    /// Takes over what the writer knows from memory (its desk's name, the staff on shift).
    pub fn follow(&mut self, writer: &ReaderTemplate) {
        if self.desk != writer.desk {
            self.desk = writer.desk.clone();
        }
        if self.staff != writer.staff {
            self.staff.clone_from(&writer.staff);
        }
        self.announced = writer.announced;
        self.key_conflict = writer.key_conflict;
    }

    /// Whether the log already holds this desk's key, or another key for its id.
    fn check_key(&mut self) -> Result<()> {
        let own = self
            .desk
            .verifying_key()
            .map(|k| crate::domain::signing::hex(k.as_bytes()));
        match crate::store::signatures::key_of(&self.conn, &self.desk.desk_id)? {
            Some(bound) if Some(&bound) == own.as_ref() => self.announced = true,
            Some(_) => self.key_conflict = true,
            None => {}
        }
        Ok(())
    }

    /// Whether this database is an older copy of this desk's, put back over the one it
    /// wrote last (a copy of the file, a folder restored): numbering on would reuse numbers
    /// other desks already hold. At every start the database gets a new incarnation and
    /// keeps the one `desk.json` holds, then `desk.json` gets the new one. So the database
    /// holds the incarnation `desk.json` holds, or (when Balie stopped between the two
    /// writes) the one after it; anything else of this desk is older. A database or a `desk.json`
    /// from before incarnations is taken as it is.
    pub fn is_older_copy(&self) -> Result<bool> {
        let Some(held) = incarnation_in(&self.conn)? else {
            return Ok(false);
        };
        let Some(known) = self.desk.incarnation.as_deref() else {
            return Ok(false);
        };
        Ok(held.desk_id == self.desk.desk_id
            && held.id != known
            && held.previous.as_deref() != Some(known))
    }

    /// Gives this database a new incarnation (keeping the one `desk.json` holds as the one
    /// before it), then `desk.json` in `dir`, synced. Nothing is written in between: a stop
    /// there leaves `desk.json` one behind, which [`Store::is_older_copy`] allows.
    pub(crate) fn begin_incarnation(&mut self, dir: &Path) -> Result<()> {
        let fresh = uuid::Uuid::now_v7().to_string();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .write_err()?;
        // The one before is the one desk.json holds: when that is the database's previous
        // (Balie stopped after the database got its last one), desk.json stays known
        // however often that happens.
        let previous = self.desk.incarnation.clone();
        tx.execute(
            "INSERT INTO incarnation (one, id, previous, desk_id) VALUES (1, ?1, ?2, ?3)
             ON CONFLICT (one) DO UPDATE
             SET id = excluded.id, previous = excluded.previous, desk_id = excluded.desk_id",
            params![fresh, previous, self.desk.desk_id],
        )
        .write_err()?;
        tx.commit().write_err()?;
        self.desk = self.desk.with_incarnation(dir, &fresh)?;
        Ok(())
    }

    /// Announces this desk's key in the log when it is not there yet (a desk that just
    /// joined, or a database from before signatures): before this desk writes anything
    /// else, so every desk knows its key before its first signed event.
    pub fn ensure_announced(&mut self) -> Result<()> {
        if self.announced {
            return Ok(());
        }
        self.write(|w| {
            w.announce()?;
            Ok(())
        })
    }

    /// Whether the log binds this desk's id to another key than its own (its `desk.key`
    /// was replaced): it must continue as a new desk, or everything it writes is refused.
    pub fn key_conflict(&self) -> bool {
        self.key_conflict
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn desk(&self) -> &DeskIdentity {
        &self.desk
    }

    pub fn staff(&self) -> &str {
        &self.staff
    }

    pub(crate) fn rename_desk(&mut self, dir: &Path, name: &str) -> Result<()> {
        self.desk = self.desk.renamed(dir, name)?;
        Ok(())
    }

    /// The name of the person at this desk, carried by every event they write.
    pub fn set_staff(&mut self, staff: &str) {
        self.staff = staff.trim().to_string();
    }

    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .read_err()
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// How long a write waits for another connection's lock before it fails.
    pub fn set_busy_timeout(&mut self, timeout: Duration) -> Result<()> {
        self.conn.busy_timeout(timeout).read_err()
    }

    /// Runs `f` in one IMMEDIATE transaction. Either everything `f` appended and projected
    /// is committed, or nothing is and the error says why ("niet opgeslagen").
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .write_err()?;
        let mut writer = Writer {
            tx,
            clock: &self.clock,
            desk: &self.desk,
            staff: if self.staff.is_empty() {
                SYSTEM_STAFF
            } else {
                &self.staff
            },
            own: None,
            last_hlc: None,
            announced: self.announced,
        };
        let out = f(&mut writer)?;
        let announced = writer.announced;
        writer.tx.commit().write_err()?;
        self.announced = announced;
        Ok(out)
    }

    /// Runs `f` in one IMMEDIATE transaction and rolls it back: what a write would do,
    /// without doing it (a restore shows what it would add).
    pub fn dry_run<T>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .write_err()?;
        let mut writer = Writer {
            tx,
            clock: &self.clock,
            desk: &self.desk,
            staff: SYSTEM_STAFF,
            own: None,
            last_hlc: None,
            announced: self.announced,
        };
        let out = f(&mut writer)?;
        writer.tx.rollback().write_err()?;
        Ok(out)
    }

    /// All events in their canonical order: HLC, then desk id, then sequence.
    pub fn events(&self) -> Result<Vec<EventRecord>> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {} FROM events ORDER BY hlc, desk_id, seq",
                crate::store::sql::EVENT_COLUMNS
            ))
            .read_err()?;
        let rows = stmt
            .query_map([], crate::store::sql::event_from_row)
            .read_err()?;
        rows.collect::<rusqlite::Result<Vec<_>>>().read_err()
    }

    pub fn event_count(&self) -> Result<i64> {
        self.conn
            .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
            .read_err()
    }

    /// Throws the projections away and derives them again from the events, in one
    /// transaction. The result must equal what incremental projection produced.
    pub fn rebuild_projections(&mut self) -> Result<()> {
        let events = self.events()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .write_err()?;
        projection::clear(&tx)?;
        for ev in &events {
            projection::apply(&tx, ev)?;
        }
        tx.commit().write_err()
    }
}

/// The handle a write transaction gets: appending an event also projects it.
pub struct Writer<'s> {
    tx: rusqlite::Transaction<'s>,
    clock: &'s Clock,
    desk: &'s DeskIdentity,
    staff: &'s str,
    /// This desk's next sequence number and the id of its latest event, loaded at its first
    /// event of this transaction.
    own: Option<(i64, Option<String>)>,
    last_hlc: Option<i64>,
    /// Whether this desk's key is in the log (else its next event announces it first).
    announced: bool,
}

impl Writer<'_> {
    /// Reads inside the transaction see everything appended so far.
    pub(crate) fn conn(&self) -> &Connection {
        &self.tx
    }

    /// Appends one event of `kind` about `subject` and applies it to the projections.
    pub fn append(
        &mut self,
        kind: &str,
        subject: &str,
        payload: &impl Serialize,
    ) -> Result<EventRecord> {
        let ev = self.record(kind, subject, payload)?;
        self.insert_and_project(&ev)?;
        Ok(ev)
    }

    /// [`Writer::append`] for bulk writers that hold the payload typed already: `project`
    /// must be the function [`projection::apply`] calls for `kind`, given the payload
    /// instead of parsing it back from JSON.
    pub(crate) fn append_typed<T: Serialize>(
        &mut self,
        kind: &str,
        subject: &str,
        payload: &T,
        project: impl FnOnce(&Connection, &EventRecord, &T) -> Result<()>,
    ) -> Result<EventRecord> {
        let ev = self.record(kind, subject, payload)?;
        self.insert(&ev)?;
        project(&self.tx, &ev, payload)?;
        Ok(ev)
    }

    /// Writes this desk's key announcement (once per transaction at most).
    fn announce(&mut self) -> Result<()> {
        if self.announced {
            return Ok(());
        }
        self.announced = true;
        let key = self
            .desk
            .verifying_key()
            .ok_or_else(|| Error::Internal("deze balie heeft geen sleutel".into()))?;
        let announcement = crate::store::signatures::KeyAnnounced {
            public_key: crate::domain::signing::hex(key.as_bytes()),
        };
        let desk_id = self.desk.desk_id.clone();
        let ev = self.record(
            crate::domain::events::kinds::DESK_KEY_ANNOUNCED,
            &desk_id,
            &announcement,
        )?;
        self.insert_and_project(&ev)
    }

    /// The next event of this desk: sequence number, HLC and time taken (and counted as
    /// used, so the caller must write it or fail the transaction), linked to the desk's
    /// previous event and signed. A desk that has not announced its key yet does that
    /// first, in the same transaction.
    fn record(
        &mut self,
        kind: &str,
        subject: &str,
        payload: &impl Serialize,
    ) -> Result<EventRecord> {
        if !self.announced {
            self.announce()?;
        }
        let (seq, prev) = match self.own.take() {
            Some(own) => own,
            None => {
                let latest: Option<(i64, String, i64)> = self
                    .tx
                    .prepare_cached(
                        "SELECT seq, id, hlc FROM events WHERE desk_id = ?1
                         ORDER BY seq DESC LIMIT 1",
                    )
                    .write_err()?
                    .query_row([&self.desk.desk_id], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                    })
                    .optional()
                    .write_err()?;
                let own_hlc = latest.as_ref().map_or(0, |l| l.2);
                self.last_hlc = Some(self.last_hlc.unwrap_or(0).max(own_hlc));
                latest.map_or((1, None), |(seq, id, _)| (seq + 1, Some(id)))
            }
        };
        let now = self.clock.now();
        let wall_ms = self.clock.now_ms();
        // The highest HLC this desk follows: events of a desk whose clock runs far ahead
        // are kept, but not followed; never below its own latest.
        let followed: i64 = self
            .tx
            .prepare_cached("SELECT max(hlc) FROM events WHERE hlc <= ?1")
            .write_err()?
            .query_row([hlc::followed_up_to(wall_ms)], |r| {
                r.get::<_, Option<i64>>(0)
            })
            .write_err()?
            .unwrap_or(0);
        let last = self.last_hlc.unwrap_or(0).max(followed);
        let hlc = hlc::next(last, wall_ms);
        let payload = serde_json::to_string(payload).map_err(|e| Error::Internal(e.to_string()))?;
        let salt = crate::domain::signing::new_salt()
            .ok_or_else(|| Error::Internal("geen willekeurige bron beschikbaar".into()))?;
        let mut ev = EventRecord {
            id: uuid::Uuid::now_v7().to_string(),
            desk_id: self.desk.desk_id.clone(),
            seq,
            hlc,
            wall_time: clock::rfc3339(now),
            desk_name: self.desk.desk_name.clone(),
            staff: self.staff.to_string(),
            kind: kind.to_string(),
            subject: subject.to_string(),
            payload,
            salt: Some(crate::domain::signing::hex(&salt)),
            prev,
            sig: None,
        };
        let key = self
            .desk
            .key
            .as_ref()
            .ok_or_else(|| Error::Internal("deze balie heeft geen sleutel".into()))?;
        crate::domain::signing::sign(&key.0, &mut ev, &salt)
            .ok_or_else(|| Error::Internal("ondertekenen mislukt".into()))?;
        self.own = Some((seq + 1, Some(ev.id.clone())));
        self.last_hlc = Some(hlc);
        Ok(ev)
    }
}

impl Writer<'_> {
    /// The one place an event row is written (local or merged): insert, project, and keep
    /// the per-desk sequence numbers of this transaction current.
    fn insert_and_project(&mut self, ev: &EventRecord) -> Result<()> {
        self.insert(ev)?;
        projection::apply(&self.tx, ev)
    }

    fn insert(&mut self, ev: &EventRecord) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO events (id, desk_id, seq, hlc, wall_time, desk_name, staff, kind, subject, payload, salt, prev, sig)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )
            .write_err()?
            .execute(params![
                ev.id, ev.desk_id, ev.seq, ev.hlc, ev.wall_time, ev.desk_name, ev.staff, ev.kind,
                ev.subject, ev.payload, ev.salt, ev.prev, ev.sig
            ])
            .write_err()?;
        Ok(())
    }
}

/// Reads the schema version straight from the file header (offset 60, big-endian), so a
/// newer file is refused without SQLite writing a single byte or creating a -wal file.
fn refuse_newer_schema(path: &Path) -> Result<()> {
    let mut header = [0u8; 100];
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(Error::Open {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })
        }
    };
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => {
                return Err(Error::Open {
                    path: path.to_path_buf(),
                    reason: e.to_string(),
                })
            }
        }
    }
    if read == 0 {
        return Ok(()); // an empty file becomes a new database
    }
    if header[..read].starts_with(crate::store::log::BACKUP_MAGIC_PREFIX.as_bytes()) {
        // A backup copied over the database (the obvious manual recovery): say how.
        return Err(Error::said(
            "database",
            "err.open.isBackup",
            [("file", path.display().to_string().into())],
        ));
    }
    if read < header.len() || &header[..16] != b"SQLite format 3\0" {
        return Err(Error::Open {
            path: path.to_path_buf(),
            reason: "het bestand is geen SQLite-database".to_string(),
        });
    }
    let found = i64::from(i32::from_be_bytes([
        header[60], header[61], header[62], header[63],
    ]));
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            path: path.to_path_buf(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// A database's incarnation (see [`Store::is_older_copy`]).
struct Incarnation {
    id: String,
    previous: Option<String>,
    desk_id: String,
}

fn incarnation_in(conn: &Connection) -> Result<Option<Incarnation>> {
    conn.query_row(
        "SELECT id, previous, desk_id FROM incarnation WHERE one = 1",
        [],
        |r| {
            Ok(Incarnation {
                id: r.get(0)?,
                previous: r.get(1)?,
                desk_id: r.get(2)?,
            })
        },
    )
    .optional()
    .read_err()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::events::kinds;

    fn open(dir: &Path) -> Store {
        let desk = DeskIdentity::load_or_create(dir).expect("desk");
        Store::open(&dir.join("t.sqlite"), Clock::System, desk).expect("open")
    }

    #[test]
    fn every_pragma_is_set_on_open() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = open(dir.path());
        let c = store.conn();
        let q = |p: &str| -> String {
            c.query_row(&format!("PRAGMA {p}"), [], |r| {
                r.get::<_, rusqlite::types::Value>(0)
            })
            .map(|v| format!("{v:?}"))
            .expect("pragma")
        };
        assert_eq!(q("journal_mode"), "Text(\"wal\")");
        assert_eq!(q("synchronous"), "Integer(2)"); // FULL
        assert_eq!(q("foreign_keys"), "Integer(1)");
        assert_eq!(q("busy_timeout"), "Integer(3000)");
        assert_eq!(q("cache_size"), "Integer(-65536)");
        assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    }

    #[test]
    fn evidence_is_found_through_its_partial_index() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = open(dir.path());
        let query = crate::store::log::EVIDENCE_BY_SUBJECT;
        for kind in [kinds::ALV_PROXY_GRANTED, kinds::ALV_REPRESENTATIVE_SET] {
            assert!(query.contains(&format!("'{kind}'")), "{kind} in the query");
        }
        let plan: Vec<String> = store
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {query}"))
            .expect("prepare")
            .query_map(["proxy-1"], |r| r.get(3))
            .expect("plan")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        assert!(
            plan.iter()
                .any(|step| step.contains("USING INDEX events_evidence_by_subject")),
            "{plan:?}"
        );
    }

    #[test]
    fn a_failed_write_reports_failure_and_leaves_no_event() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = open(dir.path());
        store
            .set_busy_timeout(Duration::from_millis(50))
            .expect("timeout");
        let other = Connection::open(store.path()).expect("second connection");
        other.execute_batch("BEGIN IMMEDIATE").expect("lock");
        let err = store
            .write(|w| w.append(kinds::ATTENDEE_REGISTERED, "x", &serde_json::json!({})))
            .expect_err("locked");
        assert_eq!(err.code(), crate::ErrorCode::WriteFailed);
        assert!(err.to_string().starts_with("Niet opgeslagen"), "{err}");
        other.execute_batch("ROLLBACK").expect("unlock");
        assert_eq!(store.event_count().expect("count"), 0);
    }

    #[test]
    fn an_error_inside_the_transaction_rolls_everything_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = open(dir.path());
        let result: Result<()> = store.write(|w| {
            w.append("test.kind", "a", &1)?;
            w.append("test.kind", "b", &2)?;
            Err(Error::said("veld", "err.all", [("all", "test".into())]))
        });
        assert!(result.is_err());
        assert_eq!(store.event_count().expect("count"), 0);
    }

    #[test]
    fn events_are_append_only_and_numbered_without_gaps() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = open(dir.path());
        store
            .write(|w| {
                for n in 0..3 {
                    w.append("test.kind", "s", &n)?;
                }
                Ok(())
            })
            .expect("write");
        store
            .write(|w| w.append("test.kind", "s", &3))
            .expect("write");
        let events = store.events().expect("events");
        let seqs: Vec<i64> = events.iter().map(|e| e.seq).collect();
        // The desk's first event announces its key; every event is signed and linked to
        // the one before it.
        assert_eq!(seqs, vec![1, 2, 3, 4, 5]);
        assert_eq!(
            events[0].kind,
            crate::domain::events::kinds::DESK_KEY_ANNOUNCED
        );
        assert!(events.windows(2).all(|w| w[0].hlc < w[1].hlc));
        assert!(events
            .windows(2)
            .all(|w| w[1].prev.as_deref() == Some(w[0].id.as_str())));
        assert_eq!(events[0].prev, None);
        let key = store.desk().verifying_key().expect("key");
        assert!(events
            .iter()
            .all(|e| crate::domain::signing::verify(e, &key)));
        assert!(store
            .conn()
            .execute("UPDATE events SET staff = 'x'", [])
            .is_err());
        assert!(store.conn().execute("DELETE FROM events", []).is_err());
        assert_eq!(store.event_count().expect("count"), 5);
    }

    /// A whole attendee record with ID, SESSION and VISIT to fill in.
    const PERSON: &str = r#"{"id":"ID","first_name":"Ada","tussenvoegsel":"","last_name":"Bos",
        "organisation":"","email":"ID@example.org","function":"","member_org":null,
        "thursday":true,"friday":true,"dinner":false,"session_choice":"SESSION",
        "visit_choice":"VISIT","bus":false,"dietary":"","accessibility":"","speaker":false,
        "guest":false,"badge_code":"BADGE-ID"}"#;

    /// A database file in `dir` as schema 9 left it, holding `events` (seq, kind,
    /// subject, payload; HLC = 10 × seq); opened again with this build's store.
    fn upgraded_from_schema_9(dir: &Path, events: &[(i64, &str, &str, String)]) -> Store {
        let path = dir.join("old.sqlite");
        {
            let mut conn = Connection::open(&path).expect("open");
            Migrations::new(MIGRATIONS[..9].iter().map(|sql| M::up(sql)).collect())
                .to_latest(&mut conn)
                .expect("schema 9");
            let mut insert = conn
                .prepare(
                    "INSERT INTO events (id, desk_id, seq, hlc, wall_time, desk_name, staff,
                         kind, subject, payload)
                     VALUES (?1, 'd', ?2, ?3, 'T', 'Desk', 'Anna', ?4, ?5, ?6)",
                )
                .expect("prepare");
            for (seq, kind, subject, payload) in events {
                insert
                    .execute(params![
                        format!("e{seq}"),
                        seq,
                        seq * 10,
                        kind,
                        subject,
                        payload
                    ])
                    .expect("insert");
            }
        }
        let desk = DeskIdentity::load_or_create(dir).expect("desk");
        let store = Store::open(&path, Clock::System, desk).expect("opens");
        assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
        store
    }

    #[test]
    fn upgrading_from_schema_9_keeps_every_version_where_it_is_read() {
        // A database as schema 9 left it: people registered and edited one event each.
        let dir = tempfile::tempdir().expect("tempdir");
        let person = |id: &str, session: &str, visit: &str| {
            PERSON
                .replace("ID", id)
                .replace("\"SESSION\"", session)
                .replace("\"VISIT\"", visit)
        };
        let store = upgraded_from_schema_9(
            dir.path(),
            &[
                (
                    1,
                    kinds::ATTENDEE_REGISTERED,
                    "a",
                    person("a", "\"s1\"", "null"),
                ),
                (
                    2,
                    kinds::ATTENDEE_REGISTERED,
                    "b",
                    person("b", "null", "\"v1\""),
                ),
                (3, kinds::ATTENDEE_EDITED, "a", person("a", "null", "null")),
                (
                    4,
                    kinds::IMPORT_MAPPING_SAVED,
                    "a",
                    r#"{"name":"a","columns":[]}"#.into(),
                ),
                // Kept, not projected, by a Balie of schema 9 (a newer desk's kind).
                (
                    5,
                    kinds::ATTENDEES_IMPORTED,
                    "register",
                    format!(
                        r#"{{"file":"x.csv","people":[{}]}}"#,
                        person("imp-1", "\"s2\"", "null")
                    ),
                ),
            ],
        );
        type Version = (String, i64, i64, Option<String>, Option<String>);
        let rows: Vec<Version> = store
            .conn()
            .prepare(
                "SELECT attendee_id, hlc, pos, session_choice, visit_choice
                 FROM attendee_versions ORDER BY attendee_id, hlc",
            )
            .expect("prepare")
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        // Only a has two versions; b and imp-1 keep their one version on the record.
        assert_eq!(
            rows,
            [
                ("a".to_string(), 10, 0, Some("s1".to_string()), None),
                ("a".to_string(), 30, 0, None, None),
            ]
        );
        type OnRecord = (String, i64, String, i64, String);
        let records: Vec<OnRecord> = store
            .conn()
            .prepare(
                "SELECT id, version_hlc, version_desk, version_pos, version_wall
                 FROM attendees ORDER BY id",
            )
            .expect("prepare")
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("records");
        let on_record =
            |id: &str, hlc: i64| (id.to_string(), hlc, "d".to_string(), 0, "T".to_string());
        assert_eq!(
            records,
            [
                on_record("a", 30),
                on_record("b", 20),
                on_record("imp-1", 50)
            ]
        );
        // The upgrade derived everything again: the import the old file only kept is in the
        // register now.
        let ada: String = store
            .conn()
            .query_row("SELECT email FROM attendees WHERE id = 'imp-1'", [], |r| {
                r.get(0)
            })
            .expect("projected");
        assert_eq!(ada, "imp-1@example.org");
    }

    #[test]
    fn an_upgrade_that_cannot_derive_everything_again_still_opens() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = upgraded_from_schema_9(
            dir.path(),
            &[(1, kinds::ATTENDEE_REGISTERED, "a", "{}".into())],
        );
        assert_eq!(store.event_count().expect("count"), 1);
    }
}
