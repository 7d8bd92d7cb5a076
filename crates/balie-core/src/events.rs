//! The event record: one immutable row per change a person (or the program) made.
//! See `../shared/notes/event-log-design.md` for the shape and why it lets desks merge.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Event kinds. Stored as text; never rename one that has shipped.
pub mod kinds {
    pub const CONGRESS_CREATED: &str = "congress.created";
    pub const PROGRAMME_LOADED: &str = "programme.loaded";
    pub const ATTENDEE_REGISTERED: &str = "attendee.registered";
    /// The whole new record; the latest by HLC wins.
    pub const ATTENDEE_EDITED: &str = "attendee.edited";
    pub const LIST_CREATED: &str = "checkin.list_created";
    pub const CHECKIN_IN: &str = "checkin.in";
    pub const CHECKIN_OUT: &str = "checkin.out";
    pub const CHECKIN_UNDONE: &str = "checkin.undone";
    pub const SCAN_FAILED: &str = "scan.failed";
    /// A named column mapping for spreadsheet imports; the latest by HLC wins per name.
    pub const IMPORT_MAPPING_SAVED: &str = "import.mapping_saved";
    /// A badge went to a printer (first print, or a reprint with a reason).
    pub const BADGE_PRINTED: &str = "badge.printed";
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventRecord {
    /// UUID v7, for references between events.
    pub id: String,
    pub desk_id: String,
    /// 1, 2, 3 … per desk, without gaps.
    #[ts(type = "number")]
    pub seq: i64,
    /// Hybrid logical clock (see `clock::hlc`).
    #[ts(type = "number")]
    pub hlc: i64,
    /// RFC 3339 UTC, the writing desk's wall clock.
    pub wall_time: String,
    pub desk_name: String,
    pub staff: String,
    pub kind: String,
    pub subject: String,
    /// JSON text.
    pub payload: String,
}

impl EventRecord {
    pub(crate) const COLUMNS: &'static str =
        "id, desk_id, seq, hlc, wall_time, desk_name, staff, kind, subject, payload";

    pub(crate) fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRecord> {
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
        })
    }
}
