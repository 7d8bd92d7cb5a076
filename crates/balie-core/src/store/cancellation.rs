//! Cancelled registrations. A registration is cancelled by the registration system (a status
//! column such as "Status: geannuleerd" in the import), by leaving the person out of a
//! re-import once staff confirm it, or by hand at the desk with a reason; reinstating undoes
//! it. A cancelled person is expected on no list and is no no-show; a scan or search says
//! "afgemeld op … (reden)" at once, and check-in stays possible by override.
//!
//! Events: `attendees.cancelled` and `attendees.reinstated`, each for one or more people
//! (an import cancels many at once). Per person the latest by (HLC, desk) decides, so desks
//! agree whatever order they exchange events in.

use crate::domain::cancellation::*;
use crate::domain::error::{Error, Result};
use crate::domain::events::{kinds, EventRecord};
use crate::store::sql::SqlResultExt;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// Projects one event: every person it names, unless a later event already decided.
pub(crate) fn project(conn: &Connection, ev: &EventRecord, p: &CancelPayload) -> Result<()> {
    let cancelled = ev.kind == kinds::ATTENDEES_CANCELLED;
    let mut stmt = conn
        .prepare_cached(
            "INSERT INTO cancellations (attendee_id, cancelled, reason, source, event_id, hlc,
                 desk_id, desk_name, staff, wall_time)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (attendee_id) DO UPDATE SET
                 cancelled = excluded.cancelled, reason = excluded.reason,
                 source = excluded.source, event_id = excluded.event_id, hlc = excluded.hlc,
                 desk_id = excluded.desk_id, desk_name = excluded.desk_name,
                 staff = excluded.staff, wall_time = excluded.wall_time
             WHERE (excluded.hlc, excluded.desk_id) > (cancellations.hlc, cancellations.desk_id)",
        )
        .write_err()?;
    for id in &p.attendee_ids {
        stmt.execute(params![
            id,
            cancelled,
            p.reason,
            p.source.as_str(),
            ev.id,
            ev.hlc,
            ev.desk_id,
            ev.desk_name,
            ev.staff,
            ev.wall_time
        ])
        .write_err()?;
    }
    Ok(())
}

pub(crate) fn clear(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM cancellations", []).write_err()?;
    Ok(())
}

const COLUMNS: &str = "attendee_id, reason, source, wall_time, desk_name, staff";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Cancellation> {
    Ok(Cancellation {
        attendee_id: r.get(0)?,
        reason: r.get(1)?,
        source: CancelSource::parse(&r.get::<_, String>(2)?),
        wall_time: r.get(3)?,
        desk_name: r.get(4)?,
        staff: r.get(5)?,
    })
}

/// Everyone whose registration is cancelled now.
pub(crate) fn all(conn: &Connection) -> Result<HashMap<String, Cancellation>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM cancellations WHERE cancelled = 1"
        ))
        .read_err()?;
    let rows = stmt.query_map([], from_row).read_err()?;
    rows.map(|r| r.map(|c| (c.attendee_id.clone(), c)))
        .collect::<rusqlite::Result<_>>()
        .read_err()
}

/// The person's cancellation, if their registration is cancelled now.
pub(crate) fn of(conn: &Connection, attendee_id: &str) -> Result<Option<Cancellation>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM cancellations WHERE attendee_id = ?1 AND cancelled = 1"
    ))
    .read_err()?
    .query_row([attendee_id], from_row)
    .optional()
    .read_err()
}

/// The reason, cleaned; `missing` is the message for none (to cancel, or to undo that).
pub(crate) fn reason_of(reason: &str, missing: &str) -> Result<String> {
    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    if reason.is_empty() {
        return Err(Error::said("reden", missing, []));
    }
    if reason.chars().count() > 200 {
        return Err(Error::said("reden", "err.reason.long", []));
    }
    Ok(reason)
}
