//! Who chose a session or work visit, and every version of their choice: the reads the
//! sign-up rules (`domain::signups`) order and seat.

use crate::domain::error::{Error, Result};
use crate::domain::programme::ItemKind;
use crate::domain::signups::ChoiceVersion;
use crate::store::sql::SqlResultExt;
use rusqlite::Connection;

/// How many people chose `item_id` (seated and waiting).
pub(crate) fn count_choosing(conn: &Connection, item_id: &str) -> Result<usize> {
    conn.query_row(
        "SELECT count(*) FROM attendees WHERE session_choice = ?1 OR visit_choice = ?1",
        [item_id],
        |r| r.get::<_, i64>(0),
    )
    .read_err()
    .map(|n| n as usize)
}

/// The ids of the people who chose `item_id`.
pub(crate) fn ids_choosing(conn: &Connection, item_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare_cached("SELECT id FROM attendees WHERE session_choice = ?1 OR visit_choice = ?1")
        .read_err()?;
    let rows = stmt.query_map([item_id], |r| r.get(0)).read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}

/// Every version of the `ids`' records with their choice of that kind: (person, order, wall
/// time, choice), by person and order. Someone with a single version has it on the record,
/// not in `attendee_versions`.
pub(crate) fn choice_versions(
    conn: &Connection,
    ids: &[String],
    kind: ItemKind,
) -> Result<Vec<ChoiceVersion>> {
    let json = serde_json::to_string(ids).map_err(|e| Error::Internal(e.to_string()))?;
    let column = if kind == ItemKind::Session {
        "session_choice"
    } else {
        "visit_choice"
    };
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT attendee_id, hlc, desk_id, pos, wall_time, {column} FROM attendee_versions
             WHERE attendee_id IN (SELECT value FROM json_each(?1))
             UNION ALL
             SELECT id, version_hlc, version_desk, version_pos, version_wall, {column}
             FROM attendees
             WHERE id IN (SELECT value FROM json_each(?1))
               AND NOT EXISTS (SELECT 1 FROM attendee_versions v WHERE v.attendee_id = attendees.id)
             ORDER BY 1, 2, 3"
        ))
        .read_err()?;
    let rows = stmt
        .query_map([json], |r| {
            Ok((
                r.get::<_, String>(0)?,
                (
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                ),
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })
        .read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}
