//! Projections: the current state derived from the events. Appending an event applies it
//! here in the same transaction; [`crate::store::Store::rebuild_projections`] replays all
//! events through the same function, so the two can never disagree.

use crate::domain::checkin::CheckinList;
use crate::domain::error::{Error, Result};
use crate::domain::events::{kinds, EventRecord};
use crate::store::attendees::{self, Attendee};
use crate::store::congress::{self, CongressCreated};
use crate::store::sql::SqlResultExt;
use rusqlite::Connection;
use serde::de::DeserializeOwned;

fn payload<T: DeserializeOwned>(ev: &EventRecord) -> Result<T> {
    serde_json::from_str(&ev.payload).map_err(|e| unreadable(ev, &e.to_string()))
}

fn unreadable(ev: &EventRecord, why: &str) -> Error {
    Error::Internal(format!(
        "gebeurtenis {} ({}) van bureau {} heeft een onleesbare inhoud: {why}",
        ev.seq, ev.kind, ev.desk_name
    ))
}

pub(crate) fn apply(conn: &Connection, ev: &EventRecord) -> Result<()> {
    match ev.kind.as_str() {
        kinds::CONGRESS_CREATED => {
            congress::project(conn, &ev.subject, &payload::<CongressCreated>(ev)?)
        }
        kinds::PROGRAMME_LOADED | kinds::PROGRAMME_ITEM_SAVED | kinds::PROGRAMME_ITEM_REMOVED => {
            crate::store::programme::rebuild(conn)
        }
        kinds::ATTENDEE_REGISTERED | kinds::ATTENDEE_EDITED => {
            attendees::project_registered(conn, ev, &payload::<Attendee>(ev)?)
        }
        kinds::ATTENDEES_IMPORTED => {
            attendees::project_imported(conn, ev, &payload::<attendees::ImportedPeople>(ev)?.people)
        }
        kinds::ATTENDEES_IMPORTED_ROWS => {
            let people = payload::<attendees::ImportedRows>(ev)?
                .people()
                .map_err(|why| unreadable(ev, &why))?;
            attendees::project_imported(conn, ev, &people)
        }
        kinds::ATTENDEES_CANCELLED | kinds::ATTENDEES_REINSTATED => {
            crate::store::cancellation::project(conn, ev, &payload(ev)?)
        }
        kinds::LIST_CREATED => {
            crate::store::checkins::project_list(conn, &payload::<CheckinList>(ev)?)
        }
        kinds::CHECKIN_IN => crate::store::checkins::project_in(conn, ev, &payload(ev)?),
        kinds::CHECKIN_OUT => crate::store::checkins::project_out(conn, ev, &payload(ev)?),
        kinds::CHECKIN_UNDONE => crate::store::checkins::project_undo(conn, ev, &payload(ev)?),
        kinds::SCAN_FAILED => crate::store::checkins::project_failed_scan(conn, ev, &payload(ev)?),
        kinds::IMPORT_MAPPING_SAVED => {
            crate::store::import_mappings::project_mapping(conn, ev, &payload(ev)?)
        }
        kinds::BADGE_PRINTED => crate::store::badge_prints::project(conn, ev, &payload(ev)?),
        kinds::MEMBER_REGISTERED | kinds::MEMBER_EDITED => {
            crate::store::alv::project_member(conn, ev, &payload(ev)?)
        }
        kinds::ALV_REPRESENTATIVE_SET
        | kinds::ALV_PROXY_GRANTED
        | kinds::ALV_PROXY_REVOKED
        | kinds::ALV_SETTINGS_CHANGED
        | kinds::ALV_SNAPSHOT_TAKEN
        | kinds::ALV_TALLY_RECORDED => crate::store::alv::project_event(conn, ev),
        kinds::DESK_KEY_ANNOUNCED => crate::store::signatures::project_key(conn, ev, &payload(ev)?),
        // A kind from a newer Balie is kept in the log but not projected here.
        _ => Ok(()),
    }
}

pub(crate) fn clear(conn: &Connection) -> Result<()> {
    crate::store::programme::clear(conn)?;
    crate::store::checkins::clear(conn)?;
    crate::store::alv::clear(conn)?;
    crate::store::cancellation::clear(conn)?;
    crate::store::signatures::clear(conn)?;
    conn.execute_batch("DELETE FROM attendees; DELETE FROM attendee_versions; DELETE FROM congress; DELETE FROM import_mappings; DELETE FROM badge_prints;")
        .write_err()
}
