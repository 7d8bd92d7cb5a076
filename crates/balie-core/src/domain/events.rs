//! The event record: one immutable row per change a person (or the program) made. Each
//! carries its desk and that desk's gapless sequence number (so a desk's events are merged
//! in order and a missing one is seen), a hybrid logical clock value (the order of events
//! across desks) and the wall time, desk name and staff member (for people to read).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Event kinds. Stored as text; never rename one that has shipped.
pub mod kinds {
    pub const CONGRESS_CREATED: &str = "congress.created";
    pub const PROGRAMME_LOADED: &str = "programme.loaded";
    /// One programme item added or changed (whole item, without its children).
    pub const PROGRAMME_ITEM_SAVED: &str = "programme.item_saved";
    /// Someone put on a particular bus of their work visit by hand (the latest per person
    /// wins); everyone else is seated in sign-up order.
    pub const BUS_ASSIGNED: &str = "bus.assigned";
    /// One programme item (and its children) removed.
    pub const PROGRAMME_ITEM_REMOVED: &str = "programme.item_removed";
    pub const ATTENDEE_REGISTERED: &str = "attendee.registered";
    /// The whole new record; the latest by HLC wins.
    pub const ATTENDEE_EDITED: &str = "attendee.edited";
    /// Many people from one register import at once (whole records, in the file's line
    /// order): each is projected as if by its own `attendee.registered`/`edited`.
    /// Written until 2026-11-29; still read.
    pub const ATTENDEES_IMPORTED: &str = "attendees.imported";
    /// The same as `attendees.imported`, the people as rows under one header (half the size;
    /// see `attendees::ROW_COLUMNS`). An older Balie keeps it unprojected until updated.
    pub const ATTENDEES_IMPORTED_ROWS: &str = "attendees.imported_rows";
    /// Registrations cancelled (by hand, or by an import), one or more people at once; per
    /// person the latest of this and `attendees.reinstated` by HLC wins.
    pub const ATTENDEES_CANCELLED: &str = "attendees.cancelled";
    pub const ATTENDEES_REINSTATED: &str = "attendees.reinstated";
    pub const LIST_CREATED: &str = "checkin.list_created";
    pub const CHECKIN_IN: &str = "checkin.in";
    pub const CHECKIN_OUT: &str = "checkin.out";
    pub const CHECKIN_UNDONE: &str = "checkin.undone";
    pub const SCAN_FAILED: &str = "scan.failed";
    /// A named column mapping for spreadsheet imports; the latest by HLC wins per name.
    pub const IMPORT_MAPPING_SAVED: &str = "import.mapping_saved";
    /// A badge went to a printer (first print, or a reprint with a reason).
    pub const BADGE_PRINTED: &str = "badge.printed";
    /// A member organisation of the association (whole record; the latest by HLC wins).
    pub const MEMBER_REGISTERED: &str = "member.registered";
    pub const MEMBER_EDITED: &str = "member.edited";
    /// Who represents a member at the meeting (the latest per member wins).
    pub const ALV_REPRESENTATIVE_SET: &str = "alv.representative_set";
    pub const ALV_PROXY_GRANTED: &str = "alv.proxy_granted";
    /// Revocations always win, whatever order desks exchanged events in.
    pub const ALV_PROXY_REVOKED: &str = "alv.proxy_revoked";
    pub const ALV_SETTINGS_CHANGED: &str = "alv.settings_changed";
    /// Who may vote with which weight, frozen for one agenda item.
    pub const ALV_SNAPSHOT_TAKEN: &str = "alv.snapshot_taken";
    pub const ALV_TALLY_RECORDED: &str = "alv.tally_recorded";
    /// A desk's public key (Ed25519), its first event once it signs: bound to the desk id
    /// on first sight; a second key for a known desk is a conflict, never a replacement.
    pub const DESK_KEY_ANNOUNCED: &str = "desk.key_announced";

    /// Whether an event of `kind` changes the register (and so the search index).
    pub fn changes_register(kind: &str) -> bool {
        matches!(
            kind,
            ATTENDEE_REGISTERED | ATTENDEE_EDITED | ATTENDEES_IMPORTED | ATTENDEES_IMPORTED_ROWS
        )
    }
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
    /// The event's salt (hexadecimal), from which the salts of its personal fields are
    /// derived (see `signing`); none for a legacy event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub salt: Option<String>,
    /// The id of its desk's previous event (none for a desk's first, and for legacy
    /// events): a desk's events form a chain, so a fork is seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub prev: Option<String>,
    /// Its desk's Ed25519 signature (hexadecimal) of `signing::digest`; none for a legacy
    /// event, written before signatures existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sig: Option<String>,
}
