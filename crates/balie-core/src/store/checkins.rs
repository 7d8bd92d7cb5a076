//! The check-in tables: lists, check-ins (one row per event), and failed scans, projected
//! from the events and read back.

use crate::domain::checkin::*;
use crate::domain::error::{Error, Result};
use crate::domain::events::EventRecord;
use crate::store::sql::SqlResultExt;
use rusqlite::{params, Connection, OptionalExtension};

pub(crate) fn project_list(conn: &Connection, l: &CheckinList) -> Result<()> {
    conn.execute(
        "INSERT INTO checkin_lists (id, name, kind, day, item_id, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET position = excluded.position
         WHERE excluded.position < checkin_lists.position",
        params![l.id, l.name, l.kind.as_str(), l.day, l.item_id, l.position],
    )
    .write_err()?;
    Ok(())
}

pub(crate) fn project_in(conn: &Connection, ev: &EventRecord, p: &CheckinPayload) -> Result<()> {
    insert_row(
        conn,
        ev,
        (&p.list_id, &p.attendee_id),
        "in",
        p.override_reason.as_deref(),
        p.source.as_str(),
        p.paper.as_ref(),
    )
}

pub(crate) fn project_out(conn: &Connection, ev: &EventRecord, p: &CheckoutPayload) -> Result<()> {
    insert_row(
        conn,
        ev,
        (&p.list_id, &p.attendee_id),
        "out",
        None,
        "search",
        None,
    )
}

/// One `checkins` row per check-in or check-out event (idempotent for replays and merges).
pub(crate) fn insert_row(
    conn: &Connection,
    ev: &EventRecord,
    (list_id, attendee_id): (&str, &str),
    direction: &str,
    override_reason: Option<&str>,
    source: &str,
    paper: Option<&PaperEntry>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO checkins (event_id, list_id, attendee_id, direction, hlc, desk_id,
             desk_name, staff, wall_time, override_reason, source, paper_time, paper_note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )
    .write_err()?
    .execute(params![
        ev.id,
        list_id,
        attendee_id,
        direction,
        ev.hlc,
        ev.desk_id,
        ev.desk_name,
        ev.staff,
        ev.wall_time,
        override_reason,
        source,
        paper.map(|p| &p.time),
        paper.map(|p| &p.note)
    ])
    .write_err()?;
    Ok(())
}

pub(crate) fn project_undo(conn: &Connection, ev: &EventRecord, p: &UndoPayload) -> Result<()> {
    // Of two undos (from desks that had not yet exchanged) the earliest event id wins, in
    // whatever order they arrive.
    conn.execute(
        "UPDATE checkins SET undone_by = ?1, undo_reason = ?2
         WHERE event_id = ?3 AND (undone_by IS NULL OR undone_by > ?1)",
        params![ev.id, p.reason, p.event_id],
    )
    .write_err()?;
    Ok(())
}

pub(crate) fn project_failed_scan(
    conn: &Connection,
    ev: &EventRecord,
    p: &FailedScanPayload,
) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO failed_scans (event_id, list_id, code, hlc, desk_name, staff, wall_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![ev.id, p.list_id, p.code, ev.hlc, ev.desk_name, ev.staff, ev.wall_time],
    )
    .write_err()?;
    Ok(())
}

pub(crate) fn clear(conn: &Connection) -> Result<()> {
    conn.execute_batch("DELETE FROM checkins; DELETE FROM failed_scans; DELETE FROM checkin_lists;")
        .write_err()
}

pub(crate) fn lists(conn: &Connection) -> Result<Vec<CheckinList>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, name, kind, day, item_id, position FROM checkin_lists ORDER BY position, id",
        )
        .read_err()?;
    let rows = stmt
        .query_map([], |r| {
            Ok(CheckinList {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: ListKind::parse(&r.get::<_, String>(2)?),
                day: r.get(3)?,
                item_id: r.get(4)?,
                position: r.get(5)?,
            })
        })
        .read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}

pub(crate) fn list(conn: &Connection, id: &str) -> Result<CheckinList> {
    lists(conn)?
        .into_iter()
        .find(|l| l.id == id)
        .ok_or_else(|| Error::said("lijst", "err.list.none", [("list", id.into())]))
}

pub(crate) fn record_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CheckinRecord> {
    Ok(CheckinRecord {
        event_id: r.get(0)?,
        list_id: r.get(1)?,
        attendee_id: r.get(2)?,
        direction: r.get(3)?,
        wall_time: r.get(4)?,
        desk_id: r.get(5)?,
        desk_name: r.get(6)?,
        staff: r.get(7)?,
        override_reason: r.get(8)?,
        undone: r.get::<_, Option<String>>(9)?.is_some(),
        source: r.get(10)?,
        paper_time: r.get(11)?,
        paper_note: r.get(12)?,
    })
}

pub(crate) const RECORD_COLUMNS: &str =
    "event_id, list_id, attendee_id, direction, wall_time, desk_id,
    desk_name, staff, override_reason, undone_by, source, paper_time, paper_note";

/// Every check-in and check-out of `attendee` on `list`, undone ones included, in event order.
pub(crate) fn history(
    conn: &Connection,
    list_id: &str,
    attendee_id: &str,
) -> Result<Vec<CheckinRecord>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM checkins WHERE list_id = ?1 AND attendee_id = ?2
             ORDER BY hlc, desk_id"
        ))
        .read_err()?;
    let rows = stmt
        .query_map(params![list_id, attendee_id], record_from_row)
        .read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}

/// The histories of several people on one list, in one query.
pub(crate) fn histories(
    conn: &Connection,
    list_id: &str,
    attendee_ids: &[String],
) -> Result<std::collections::HashMap<String, Vec<CheckinRecord>>> {
    let json = serde_json::to_string(attendee_ids).map_err(|e| Error::Internal(e.to_string()))?;
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM checkins
             WHERE list_id = ?1 AND attendee_id IN (SELECT value FROM json_each(?2))
             ORDER BY hlc, desk_id"
        ))
        .read_err()?;
    let mut out: std::collections::HashMap<String, Vec<CheckinRecord>> = Default::default();
    for r in stmt
        .query_map(params![list_id, json], record_from_row)
        .read_err()?
    {
        let r = r.read_err()?;
        out.entry(r.attendee_id.clone()).or_default().push(r);
    }
    Ok(out)
}

pub(crate) fn presence(
    conn: &Connection,
    list: &CheckinList,
    attendee_id: &str,
) -> Result<Presence> {
    Ok(presence_from(&history(conn, &list.id, attendee_id)?, list))
}

/// Everyone present on `list` now (counted or through an override), each with the check-in
/// that started their presence, in order of arrival.
pub(crate) fn present_on(conn: &Connection, list: &CheckinList) -> Result<Vec<CheckinRecord>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM checkins WHERE list_id = ?1 ORDER BY hlc, desk_id"
        ))
        .read_err()?;
    let mut rank: std::collections::HashMap<String, usize> = Default::default();
    let mut by_person: std::collections::BTreeMap<String, Vec<CheckinRecord>> = Default::default();
    for (n, r) in stmt
        .query_map([&list.id], record_from_row)
        .read_err()?
        .enumerate()
    {
        let r = r.read_err()?;
        rank.insert(r.event_id.clone(), n);
        by_person.entry(r.attendee_id.clone()).or_default().push(r);
    }
    let mut present: Vec<CheckinRecord> = by_person
        .values()
        .filter_map(|history| presence_from(history, list).since)
        .collect();
    present.sort_by_key(|r| rank.get(&r.event_id).copied().unwrap_or(usize::MAX));
    Ok(present)
}

pub(crate) fn record(conn: &Connection, event_id: &str) -> Result<Option<CheckinRecord>> {
    conn.query_row(
        &format!("SELECT {RECORD_COLUMNS} FROM checkins WHERE event_id = ?1"),
        [event_id],
        record_from_row,
    )
    .optional()
    .read_err()
}

/// Every check-in and check-out on every list, undone ones included, in event order.
pub(crate) fn all_records(conn: &Connection) -> Result<Vec<CheckinRecord>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM checkins ORDER BY hlc, desk_id"
        ))
        .read_err()?;
    let rows = stmt.query_map([], record_from_row).read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}

/// Who is in on `list_id` now: per person the last effective event (by HLC, desk) is a
/// check-in (the rule of `presence_from`, in SQL).
pub(crate) fn present_ids(conn: &Connection, list_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare_cached(
            "WITH eff AS (
                 SELECT list_id, attendee_id, direction,
                        row_number() OVER (PARTITION BY list_id, attendee_id
                                           ORDER BY hlc DESC, desk_id DESC) AS rn
                 FROM checkins WHERE undone_by IS NULL
             )
             SELECT attendee_id FROM eff WHERE rn = 1 AND direction = 'in' AND list_id = ?1",
        )
        .read_err()?;
    let rows = stmt.query_map([list_id], |r| r.get(0)).read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}

/// How many scans on `list_id` were not understood.
pub(crate) fn failed_scan_count(conn: &Connection, list_id: &str) -> Result<i64> {
    conn.prepare_cached("SELECT count(*) FROM failed_scans WHERE list_id = ?1")
        .read_err()?
        .query_row([list_id], |r| r.get(0))
        .read_err()
}

/// Every check-in on `list_id` that was not undone, in (HLC, desk) order.
pub(crate) fn effective_check_ins(conn: &Connection, list_id: &str) -> Result<Vec<CheckinRecord>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM checkins
             WHERE list_id = ?1 AND direction = 'in' AND undone_by IS NULL
             ORDER BY hlc, desk_id"
        ))
        .read_err()?;
    let rows = stmt.query_map([list_id], record_from_row).read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}
