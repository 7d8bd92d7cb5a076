//! The members' meeting's tables: the member register and the `alv.*` events kept for the
//! derivation (without a scan's bytes), and their reads.

use crate::domain::alv::model::*;
use crate::domain::alv::rules::{self, Row};
use crate::domain::alv::weight::Weight;
use crate::domain::checkin::{CheckinList, ListKind};
use crate::domain::error::{Error, Result};
use crate::domain::events::{kinds, EventRecord};
use crate::domain::names;
use crate::store::sql::SqlResultExt;
use rusqlite::{params, Connection};
use std::collections::{HashMap, HashSet};

pub(crate) fn project_member(conn: &Connection, ev: &EventRecord, m: &Member) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO members (id, name, city, category, voting, weight_milli, suspended,
             version_hlc, version_desk)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, city = excluded.city,
             category = excluded.category, voting = excluded.voting,
             weight_milli = excluded.weight_milli, suspended = excluded.suspended,
             version_hlc = excluded.version_hlc, version_desk = excluded.version_desk
         WHERE (excluded.version_hlc, excluded.version_desk)
             > (members.version_hlc, members.version_desk)",
    )
    .write_err()?
    .execute(params![
        m.id,
        m.name,
        m.city,
        m.category,
        m.voting,
        m.weight.0,
        m.suspended,
        ev.hlc,
        ev.desk_id
    ])
    .write_err()?;
    Ok(())
}

/// Keeps an `alv.*` event for the derivation, without a scan's bytes (those stay in the
/// event log only).
pub(crate) fn project_event(conn: &Connection, ev: &EventRecord) -> Result<()> {
    let payload = if ev.payload.contains("\"scan\"") {
        let mut v: serde_json::Value =
            serde_json::from_str(&ev.payload).map_err(|e| Error::Internal(e.to_string()))?;
        if let Some(scan) = v
            .get_mut("evidence")
            .and_then(|e| e.get_mut("scan"))
            .and_then(|s| s.as_object_mut())
        {
            scan.insert("data".into(), serde_json::Value::String(String::new()));
        }
        v.to_string()
    } else {
        ev.payload.clone()
    };
    conn.prepare_cached(
        "INSERT OR IGNORE INTO alv_events (event_id, kind, subject, hlc, desk_id, desk_name,
             staff, wall_time, payload)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .write_err()?
    .execute(params![
        ev.id,
        ev.kind,
        ev.subject,
        ev.hlc,
        ev.desk_id,
        ev.desk_name,
        ev.staff,
        ev.wall_time,
        payload
    ])
    .write_err()?;
    Ok(())
}

pub(crate) fn clear(conn: &Connection) -> Result<()> {
    conn.execute_batch("DELETE FROM members; DELETE FROM alv_events;")
        .write_err()
}

pub(crate) fn all_members(conn: &Connection) -> Result<Vec<Member>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, name, city, category, voting, weight_milli, suspended FROM members",
        )
        .read_err()?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Member {
                id: r.get(0)?,
                name: r.get(1)?,
                city: r.get(2)?,
                category: r.get(3)?,
                voting: r.get(4)?,
                weight: Weight(r.get(5)?),
                suspended: r.get(6)?,
            })
        })
        .read_err()?;
    let mut out: Vec<Member> = rows.collect::<rusqlite::Result<_>>().read_err()?;
    out.sort_by_cached_key(|m| (names::fold(&m.name), m.id.clone()));
    Ok(out)
}

pub(crate) fn rows_of(conn: &Connection, kinds_: &[&str]) -> Result<Vec<Row>> {
    let json = serde_json::to_string(kinds_).map_err(|e| Error::Internal(e.to_string()))?;
    let mut stmt = conn
        .prepare_cached(
            "SELECT kind, subject, hlc, desk_name, staff, wall_time, payload
             FROM alv_events WHERE kind IN (SELECT value FROM json_each(?1))
             ORDER BY hlc, desk_id, event_id",
        )
        .read_err()?;
    let rows = stmt
        .query_map([json], |r| {
            Ok(Row {
                kind: r.get(0)?,
                subject: r.get(1)?,
                hlc: r.get(2)?,
                desk_name: r.get(3)?,
                staff: r.get(4)?,
                wall_time: r.get(5)?,
                payload: r.get(6)?,
            })
        })
        .read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}

pub(crate) fn settings(conn: &Connection) -> Result<AlvSettings> {
    Ok(rows_of(conn, &[kinds::ALV_SETTINGS_CHANGED])?
        .last()
        .and_then(rules::parse)
        .unwrap_or_default())
}

/// The people named as a member's representative now (the members' list admits them
/// without an override).
pub(crate) fn named_representatives(conn: &Connection) -> Result<HashSet<String>> {
    let mut reps: HashMap<String, Option<String>> = HashMap::new();
    for row in rows_of(conn, &[kinds::ALV_REPRESENTATIVE_SET])? {
        if let Some(r) = rules::parse::<RepresentativeSet>(&row) {
            reps.insert(r.member_id, r.attendee_id);
        }
    }
    Ok(reps.into_values().flatten().collect())
}

/// The members' list (the ALV's door list).
pub(crate) fn door_list(conn: &Connection) -> Result<CheckinList> {
    crate::store::checkins::lists(conn)?
        .into_iter()
        .find(|l| l.kind == ListKind::Members)
        .ok_or_else(|| Error::said("ledenvergadering", "err.alv.noList", []))
}
