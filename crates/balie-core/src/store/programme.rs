//! The programme's projection: days and items as rows, read back as a tree.

use crate::domain::error::{Error, Result};
use crate::domain::events::kinds;
use crate::domain::programme::edits::{apply_save, take, ItemRemoved};
use crate::domain::programme::*;
use crate::store::sql::SqlResultExt;
use rusqlite::{params, Connection};
use serde::Serialize;

/// Replaces the programme projection with `content` (used by the `programme.loaded` event).
pub(crate) fn project(conn: &Connection, content: &ProgrammeContent) -> Result<()> {
    clear(conn)?;
    let mut day_stmt = conn
        .prepare_cached("INSERT INTO programme_days (date, title) VALUES (?1, ?2)")
        .write_err()?;
    let mut item_stmt = conn
        .prepare_cached(
            "INSERT INTO programme_items (id, parent_id, day, position, start_time, end_time,
                 end_inferred, title, kind, location, members_only, bus_offered, speakers,
                 description, aliases, capacity, buses)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        )
        .write_err()?;
    for day in &content.days {
        day_stmt.execute(params![day.date, day.title]).write_err()?;
        let mut insert = |item: &ProgrammeItem, parent: Option<&str>, pos: usize| {
            item_stmt
                .execute(params![
                    item.id,
                    parent,
                    day.date,
                    pos as i64,
                    item.start,
                    item.end,
                    item.end_inferred,
                    item.title,
                    item.kind.as_str(),
                    item.location,
                    item.members_only,
                    item.bus_offered,
                    json(&item.speakers),
                    json(&item.description),
                    json(&item.aliases),
                    item.capacity,
                    json(&item.buses),
                ])
                .write_err()
        };
        for (pos, item) in day.items.iter().enumerate() {
            insert(item, None, pos)?;
            for (cpos, child) in item.children.iter().enumerate() {
                insert(child, Some(&item.id), cpos)?;
            }
        }
    }
    Ok(())
}

pub(crate) fn clear(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM programme_items WHERE parent_id IS NOT NULL;
         DELETE FROM programme_items;
         DELETE FROM programme_days;",
    )
    .write_err()
}

/// Reads the programme projection back as a tree.
pub(crate) fn read(conn: &Connection) -> Result<ProgrammeContent> {
    let mut days: Vec<ProgrammeDay> = conn
        .prepare_cached("SELECT date, title FROM programme_days ORDER BY date")
        .read_err()?
        .query_map([], |r| {
            Ok(ProgrammeDay {
                date: r.get(0)?,
                title: r.get(1)?,
                items: Vec::new(),
            })
        })
        .read_err()?
        .collect::<rusqlite::Result<_>>()
        .read_err()?;
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, parent_id, day, start_time, end_time, end_inferred, title, kind,
                    location, members_only, bus_offered, speakers, description, aliases, capacity,
                    buses
             FROM programme_items
             ORDER BY day, parent_id IS NOT NULL, start_time, position",
        )
        .read_err()?;
    let rows = stmt
        .query_map([], |r| {
            let kind: String = r.get(7)?;
            let parse_json = |idx: usize| -> rusqlite::Result<String> { r.get(idx) };
            Ok((
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                kind,
                parse_json(11)?,
                parse_json(12)?,
                parse_json(13)?,
                parse_json(15)?,
                ProgrammeItem {
                    id: r.get(0)?,
                    start: r.get(3)?,
                    end: r.get(4)?,
                    end_inferred: r.get(5)?,
                    title: r.get(6)?,
                    kind: ItemKind::Plenary,
                    speakers: Vec::new(),
                    description: Vec::new(),
                    location: r.get(8)?,
                    members_only: r.get(9)?,
                    bus_offered: r.get(10)?,
                    aliases: Vec::new(),
                    children: Vec::new(),
                    capacity: r.get(14)?,
                    buses: Vec::new(),
                },
            ))
        })
        .read_err()?;
    for row in rows {
        let (parent, day, kind, speakers, description, aliases, buses, mut item) =
            row.read_err()?;
        let bad = |what: &str| crate::domain::error::Error::Read {
            reason: format!("programma-onderdeel {}: ongeldige {what}", item.id),
        };
        item.kind = ItemKind::parse(&kind).ok_or_else(|| bad("soort"))?;
        item.speakers = serde_json::from_str(&speakers).map_err(|_| bad("sprekers"))?;
        item.description = serde_json::from_str(&description).map_err(|_| bad("beschrijving"))?;
        item.aliases = serde_json::from_str(&aliases).map_err(|_| bad("aliassen"))?;
        item.buses = serde_json::from_str(&buses).map_err(|_| bad("bussen"))?;
        let Some(d) = days.iter_mut().find(|d| d.date == day) else {
            continue;
        };
        match parent {
            None => d.items.push(item),
            Some(p) => {
                if let Some(parent) = d.items.iter_mut().find(|i| i.id == p) {
                    parent.children.push(item);
                }
            }
        }
    }
    Ok(ProgrammeContent { days })
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".to_string())
}

/// Rebuilds the programme projection from its events, in (HLC, desk) order.
pub(crate) fn rebuild(conn: &Connection) -> Result<()> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT kind, payload FROM events WHERE kind IN (?1, ?2, ?3)
             ORDER BY hlc, desk_id, seq",
        )
        .read_err()?;
    let rows = stmt
        .query_map(
            [
                kinds::PROGRAMME_LOADED,
                kinds::PROGRAMME_ITEM_SAVED,
                kinds::PROGRAMME_ITEM_REMOVED,
            ],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .read_err()?;
    let bad =
        |e: serde_json::Error| Error::Internal(format!("programma-gebeurtenis onleesbaar: {e}"));
    let mut content: Option<ProgrammeContent> = None;
    for row in rows {
        let (kind, payload) = row.read_err()?;
        match kind.as_str() {
            kinds::PROGRAMME_LOADED => content = Some(serde_json::from_str(&payload).map_err(bad)?),
            kinds::PROGRAMME_ITEM_SAVED => {
                if let Some(c) = content.as_mut() {
                    apply_save(c, serde_json::from_str(&payload).map_err(bad)?);
                }
            }
            kinds::PROGRAMME_ITEM_REMOVED => {
                if let Some(c) = content.as_mut() {
                    let r: ItemRemoved = serde_json::from_str(&payload).map_err(bad)?;
                    let _ = take(c, &r.id);
                }
            }
            _ => {}
        }
    }
    match content {
        Some(c) => project(conn, &c),
        None => clear(conn),
    }
}
