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
