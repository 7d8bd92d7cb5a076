//! Reading SQLite's answers: its errors mapped to the core's, and rows into values.

use crate::domain::error::{Error, Result};
use crate::domain::events::EventRecord;
use crate::domain::message::Msg;

/// Maps a failure inside a write transaction. SQLite's "busy/locked" gets its own words.
pub(crate) fn write_error(e: &rusqlite::Error) -> Error {
    let reason = match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            Msg::new("err.write.busy", [])
        }
        Some(rusqlite::ErrorCode::DiskFull) => Msg::new("err.write.full", []),
        Some(rusqlite::ErrorCode::ReadOnly) => Msg::new("err.write.readOnly", []),
        _ => Msg::new("err.write.other", [("why", e.to_string().into())]),
    };
    Error::Write { reason }
}

/// Maps SQLite errors of reads and writes to the core's errors with `?`-friendly helpers.
pub(crate) trait SqlResultExt<T> {
    fn read_err(self) -> Result<T>;
    fn write_err(self) -> Result<T>;
}

impl<T> SqlResultExt<T> for rusqlite::Result<T> {
    fn read_err(self) -> Result<T> {
        self.map_err(|e| Error::Read {
            reason: e.to_string(),
        })
    }
    fn write_err(self) -> Result<T> {
        self.map_err(|e| write_error(&e))
    }
}

/// The columns of `events`, in the order [`event_from_row`] reads them.
pub(crate) const EVENT_COLUMNS: &str =
    "id, desk_id, seq, hlc, wall_time, desk_name, staff, kind, subject, payload, salt, prev, sig";

pub(crate) fn event_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRecord> {
    Ok(EventRecord {
        id: r.get(0)?,
        desk_id: r.get(1)?,
        seq: r.get(2)?,
        hlc: r.get(3)?,
        wall_time: r.get(4)?,
        desk_name: r.get(5)?,
        staff: r.get(6)?,
        kind: r.get(7)?,
        subject: r.get(8)?,
        payload: r.get(9)?,
        salt: r.get(10)?,
        prev: r.get(11)?,
        sig: r.get(12)?,
    })
}
