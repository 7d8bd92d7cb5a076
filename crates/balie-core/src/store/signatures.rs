//! The desks' keys (the projection of `desk.key_announced`) and the quarantine: what this
//! desk received and did not merge, kept for staff to see.

use crate::domain::error::Result;
use crate::domain::events::EventRecord;
use crate::store::sql::SqlResultExt;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// What a `desk.key_announced` event says.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeyAnnounced {
    /// Ed25519, hexadecimal.
    pub public_key: String,
}

pub(crate) fn project_key(conn: &Connection, ev: &EventRecord, key: &KeyAnnounced) -> Result<()> {
    // The first announcement binds; merging never lets a second one for the same desk in.
    conn.prepare_cached(
        "INSERT OR IGNORE INTO desk_keys (desk_id, public_key, event_id, desk_name, wall_time)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .write_err()?
    .execute(params![
        ev.desk_id,
        key.public_key,
        ev.id,
        ev.desk_name,
        ev.wall_time
    ])
    .write_err()?;
    Ok(())
}

pub(crate) fn clear(conn: &Connection) -> Result<()> {
    conn.execute_batch("DELETE FROM desk_keys").write_err()
}

/// Every desk's bound key (hexadecimal), by desk id.
pub(crate) fn keys(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut stmt = conn
        .prepare_cached("SELECT desk_id, public_key FROM desk_keys")
        .read_err()?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}

/// The key bound to `desk_id`, if any.
pub(crate) fn key_of(conn: &Connection, desk_id: &str) -> Result<Option<String>> {
    conn.prepare_cached("SELECT public_key FROM desk_keys WHERE desk_id = ?1")
        .read_err()?
        .query_row([desk_id], |r| r.get(0))
        .optional()
        .read_err()
}

/// Why an event was quarantined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QuarantineReason {
    /// Another event of the same desk under the same number is held here.
    Number,
    /// Its link to the desk's previous event does not match the event held here: the desk's
    /// log forked.
    Chain,
    /// A second key announced for a desk whose key is known.
    Key,
}

impl QuarantineReason {
    fn as_str(self) -> &'static str {
        match self {
            QuarantineReason::Number => "number",
            QuarantineReason::Chain => "chain",
            QuarantineReason::Key => "key",
        }
    }

    fn parse(text: &str) -> QuarantineReason {
        match text {
            "chain" => QuarantineReason::Chain,
            "key" => QuarantineReason::Key,
            _ => QuarantineReason::Number,
        }
    }
}

/// An event in quarantine, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Quarantined {
    pub event_id: String,
    pub desk_id: String,
    pub desk_name: String,
    #[ts(type = "number")]
    pub seq: i64,
    pub kind: String,
    pub staff: String,
    pub wall_time: String,
    pub reason: QuarantineReason,
    /// When this desk received it (RFC 3339).
    pub received: String,
    /// The desk whose bundle carried it (empty for a restore).
    pub from_desk: String,
}

pub(crate) fn quarantine(
    conn: &Connection,
    ev: &EventRecord,
    reason: QuarantineReason,
    received: &str,
    from_desk: &str,
) -> Result<()> {
    let record = serde_json::to_string(ev)
        .map_err(|e| crate::domain::error::Error::Internal(e.to_string()))?;
    conn.prepare_cached(
        "INSERT OR IGNORE INTO quarantine (id, desk_id, seq, reason, record, received, from_desk)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .write_err()?
    .execute(params![
        ev.id,
        ev.desk_id,
        ev.seq,
        reason.as_str(),
        record,
        received,
        from_desk
    ])
    .write_err()?;
    Ok(())
}

/// The quarantine, newest first, at most `limit`.
pub(crate) fn quarantined(conn: &Connection, limit: usize) -> Result<Vec<Quarantined>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT record, reason, received, from_desk FROM quarantine
             ORDER BY received DESC, desk_id, seq LIMIT ?1",
        )
        .read_err()?;
    let rows = stmt
        .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })
        .read_err()?;
    let mut out = Vec::new();
    for row in rows {
        let (record, reason, received, from_desk) = row.read_err()?;
        let Ok(ev) = serde_json::from_str::<EventRecord>(&record) else {
            continue;
        };
        out.push(Quarantined {
            event_id: ev.id,
            desk_id: ev.desk_id,
            desk_name: ev.desk_name,
            seq: ev.seq,
            kind: ev.kind,
            staff: ev.staff,
            wall_time: ev.wall_time,
            reason: QuarantineReason::parse(&reason),
            received,
            from_desk,
        });
    }
    Ok(out)
}

/// How many events of each desk are held unsigned (legacy), by desk id.
pub(crate) fn unsigned_counts(conn: &Connection) -> Result<HashMap<String, i64>> {
    let mut stmt = conn
        .prepare_cached("SELECT desk_id, count(*) FROM events WHERE sig IS NULL GROUP BY desk_id")
        .read_err()?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}

/// Per desk, who wrote (and so signed, with the desk's key) its events here and how many,
/// most first.
pub(crate) fn signers(conn: &Connection) -> Result<HashMap<String, Vec<(String, i64)>>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT desk_id, staff, count(*) FROM events GROUP BY desk_id, staff
             ORDER BY desk_id, count(*) DESC, staff",
        )
        .read_err()?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))
        .read_err()?;
    let mut out: HashMap<String, Vec<(String, i64)>> = HashMap::new();
    for row in rows {
        let (desk, staff, n) = row.read_err()?;
        out.entry(desk).or_default().push((staff, n));
    }
    Ok(out)
}
