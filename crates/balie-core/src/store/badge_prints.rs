//! Badge prints: one row per `badge.printed` event (who printed, where, why a reprint).

use crate::domain::badge::BadgePrinted;
use crate::domain::error::Result;
use crate::domain::events::EventRecord;
use crate::store::sql::SqlResultExt;
use rusqlite::{params, Connection};

pub(crate) fn project(conn: &Connection, ev: &EventRecord, p: &BadgePrinted) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO badge_prints (event_id, attendee_id, hlc, wall_time, desk_name,
             staff, printer, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            ev.id,
            p.attendee_id,
            ev.hlc,
            ev.wall_time,
            ev.desk_name,
            ev.staff,
            p.printer,
            p.reason
        ],
    )
    .write_err()?;
    Ok(())
}

/// Every print of `attendee_id`'s badge, latest first: (wall time, desk, staff).
pub(crate) fn of(conn: &Connection, attendee_id: &str) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT wall_time, desk_name, staff FROM badge_prints
             WHERE attendee_id = ?1 ORDER BY hlc DESC",
        )
        .read_err()?;
    let rows = stmt
        .query_map([attendee_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}
