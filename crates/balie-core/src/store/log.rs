//! Questions about the event log as a whole: what each desk has, and copies of the file.

use crate::domain::error::Result;
use crate::domain::events::EventRecord;
use crate::store::sql::SqlResultExt;
use rusqlite::{Connection, OptionalExtension};
use std::collections::BTreeMap;
use std::path::Path;

/// Per desk the highest sequence number held.
pub(crate) fn version_vector(conn: &Connection) -> Result<BTreeMap<String, i64>> {
    let mut stmt = conn
        .prepare_cached("SELECT desk_id, max(seq) FROM events GROUP BY desk_id")
        .read_err()?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
        .read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}

/// The events a desk with `since` lacks, at most `limit`: per desk, those after the
/// sequence number it holds, in sequence order (each desk's run starts where `since`
/// ends, so a part is merged without a gap and the rest follows in the next part). Read
/// through the `(desk_id, seq)` index, never the whole log.
pub(crate) fn events_since(
    conn: &Connection,
    since: &BTreeMap<String, i64>,
    limit: usize,
) -> Result<Vec<EventRecord>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {} FROM events WHERE desk_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
            crate::store::sql::EVENT_COLUMNS
        ))
        .read_err()?;
    let mut out = Vec::new();
    for desk in version_vector(conn)?.keys() {
        let left = limit.saturating_sub(out.len());
        if left == 0 {
            break;
        }
        let from = since.get(desk).copied().unwrap_or(0);
        let rows = stmt
            .query_map(
                rusqlite::params![desk, from, i64::try_from(left).unwrap_or(i64::MAX)],
                crate::store::sql::event_from_row,
            )
            .read_err()?;
        for row in rows {
            out.push(row.read_err()?);
        }
    }
    Ok(out)
}

/// One desk's part of the log.
pub(crate) struct DeskEvents {
    pub desk_id: String,
    pub events: i64,
    pub last_event: String,
    /// The name its latest event carries.
    pub desk_name: String,
    /// The highest HLC among its events.
    pub max_hlc: i64,
}

/// Every desk with events, by desk id.
pub(crate) fn desks(conn: &Connection) -> Result<Vec<DeskEvents>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT desk_id, count(*), max(wall_time),
                    (SELECT e2.desk_name FROM events e2 WHERE e2.desk_id = e.desk_id
                     ORDER BY seq DESC LIMIT 1),
                    max(hlc)
             FROM events e GROUP BY desk_id ORDER BY desk_id",
        )
        .read_err()?;
    let rows = stmt
        .query_map([], |r| {
            Ok(DeskEvents {
                desk_id: r.get(0)?,
                events: r.get(1)?,
                last_event: r.get(2)?,
                desk_name: r.get(3)?,
                max_hlc: r.get(4)?,
            })
        })
        .read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}

/// How many events are not `desk_id`'s own of the `kinds` given.
pub(crate) fn count_other_than(conn: &Connection, desk_id: &str, kinds: [&str; 4]) -> Result<i64> {
    conn.query_row(
        "SELECT count(*) FROM events WHERE desk_id != ?1 OR kind NOT IN (?2, ?3, ?4, ?5)",
        rusqlite::params![desk_id, kinds[0], kinds[1], kinds[2], kinds[3]],
        |r| r.get(0),
    )
    .read_err()
}

/// A consistent copy of the whole database in `file` (`VACUUM INTO`).
pub(crate) fn copy_into(conn: &Connection, file: &Path) -> std::result::Result<(), String> {
    // A reader's connection is `query_only`, which refuses VACUUM INTO although it writes
    // only the copy: lifted for this one statement, and put back whatever happened.
    let query_only: bool = conn
        .query_row("PRAGMA query_only", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if query_only {
        conn.pragma_update(None, "query_only", false)
            .map_err(|e| e.to_string())?;
    }
    let copied = conn
        .execute("VACUUM INTO ?1", [file.to_string_lossy()])
        .map(|_| ())
        .map_err(|e| e.to_string());
    if query_only {
        conn.pragma_update(None, "query_only", true)
            .map_err(|e| e.to_string())?;
    }
    copied
}

/// How a sealed backup's first line starts (its format version follows; see
/// `wire::backup`). Known here so that a backup copied over the database is recognised.
pub const BACKUP_MAGIC_PREFIX: &str = "BALIE-BACKUP ";

/// What a copy of a database (a backup) holds, read defensively.
pub(crate) struct CopyContents {
    pub schema: i64,
    pub congress_id: Option<String>,
    pub events: Vec<EventRecord>,
}

/// Reads a copy of a database that came from outside (a backup): opened read-only, as
/// untrusted (`trusted_schema` off, `query_only` on, no migrations), checked
/// (`quick_check`), and only its events and congress id read. Not a way to open the
/// database: that is [`crate::store::Store::open`] alone. `file` must not be in WAL mode
/// (the caller writes it so).
pub(crate) fn read_copy(file: &Path) -> std::result::Result<CopyContents, String> {
    let conn = Connection::open_with_flags(
        file,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| e.to_string())?;
    let e = |e: rusqlite::Error| e.to_string();
    conn.pragma_update(None, "trusted_schema", "OFF")
        .map_err(e)?;
    conn.pragma_update(None, "query_only", "ON").map_err(e)?;
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(e)?;
    if check != "ok" {
        return Err(format!("de kopie is beschadigd ({check})"));
    }
    let schema: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(e)?;
    let congress_id: Option<String> = conn
        .query_row("SELECT id FROM congress LIMIT 1", [], |r| r.get(0))
        .optional()
        .map_err(e)?;
    let mut stmt = conn
        .prepare(&format!(
            "SELECT {} FROM events ORDER BY hlc, desk_id, seq",
            crate::store::sql::EVENT_COLUMNS
        ))
        .map_err(e)?;
    let events = stmt
        .query_map([], crate::store::sql::event_from_row)
        .map_err(e)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(e)?;
    Ok(CopyContents {
        schema,
        congress_id,
        events,
    })
}

/// The desk of the first event of `kind` (by HLC).
pub(crate) fn first_desk_of_kind(conn: &Connection, kind: &str) -> Result<Option<String>> {
    conn.query_row(
        "SELECT desk_id FROM events WHERE kind = ?1 ORDER BY hlc LIMIT 1",
        [kind],
        |r| r.get(0),
    )
    .optional()
    .read_err()
}

/// The payloads of every event of `kind`, in (HLC, desk, seq) order.
pub(crate) fn payloads_of_kind(conn: &Connection, kind: &str) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare_cached("SELECT payload FROM events WHERE kind = ?1 ORDER BY hlc, desk_id, seq")
        .read_err()?;
    let rows = stmt
        .query_map([kind], |r| r.get::<_, String>(0))
        .read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}

/// The payload of the event that carries the evidence (and its scan) for `subject`.
pub(crate) fn evidence_payload(conn: &Connection, subject: &str) -> Result<Option<String>> {
    conn.query_row(EVIDENCE_BY_SUBJECT, [subject], |r| r.get(0))
        .optional()
        .read_err()
}

/// The latest event with evidence about a proxy or representative. The kinds are written
/// out (not bound) so that SQLite uses the partial index `events_evidence_by_subject`
/// (migration 0012), which holds only these two kinds.
pub(crate) const EVIDENCE_BY_SUBJECT: &str = "SELECT payload FROM events
     WHERE subject = ?1 AND kind IN ('alv.proxy_granted', 'alv.representative_set')
     ORDER BY hlc DESC LIMIT 1";
