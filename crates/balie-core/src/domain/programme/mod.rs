//! The programme: days, items and child items (parallel knowledge sessions, work visits).
//! Stored as a projection of `programme.loaded` events; read back as a tree.

pub mod seed2023;

use crate::domain::error::{Result, SqlResultExt};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Reception,
    Plenary,
    /// A slot that holds parallel sessions as children.
    ParallelSessions,
    /// One of the parallel sessions.
    Session,
    /// The statutory members' meeting (ALV).
    MembersMeeting,
    Social,
    /// A slot that holds work visits as children.
    WorkVisits,
    /// One work visit.
    WorkVisit,
    Closing,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Reception => "reception",
            ItemKind::Plenary => "plenary",
            ItemKind::ParallelSessions => "parallel_sessions",
            ItemKind::Session => "session",
            ItemKind::MembersMeeting => "members_meeting",
            ItemKind::Social => "social",
            ItemKind::WorkVisits => "work_visits",
            ItemKind::WorkVisit => "work_visit",
            ItemKind::Closing => "closing",
        }
    }

    fn parse(s: &str) -> Option<ItemKind> {
        use ItemKind::*;
        [
            Reception,
            Plenary,
            ParallelSessions,
            Session,
            MembersMeeting,
            Social,
            WorkVisits,
            WorkVisit,
            Closing,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Speaker {
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProgrammeItem {
    /// Stable slug, referenced by sign-ups and check-in lists.
    pub id: String,
    /// `HH:MM`, local time of the congress.
    pub start: String,
    /// `HH:MM`; `None` is an open end.
    pub end: Option<String>,
    /// The end was not given but taken from the next item's start.
    pub end_inferred: bool,
    pub title: String,
    pub kind: ItemKind,
    pub speakers: Vec<Speaker>,
    /// Paragraphs, as the organiser wrote them.
    pub description: Vec<String>,
    pub location: Option<String>,
    pub members_only: bool,
    pub bus_offered: bool,
    /// Other names for matching imports ("DNK Assen" for the DNK visit).
    pub aliases: Vec<String>,
    pub children: Vec<ProgrammeItem>,
    /// Seats for a session or work visit; `None`: no limit. Left out of the JSON when
    /// there is none, so programmes written before it existed read the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub capacity: Option<u32>,
    /// The buses of a work visit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Bus>>", optional)]
    pub buses: Vec<Bus>,
}

/// One bus of a work visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Bus {
    /// Short and stable within the visit ("bus-1"); the boarding list's id follows from it.
    pub id: String,
    pub name: String,
    pub seats: u32,
    /// `HH:MM`.
    pub departure: String,
    /// Where it leaves from.
    pub from: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProgrammeDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub title: String,
    pub items: Vec<ProgrammeItem>,
}

/// The payload of `programme.loaded`: the whole programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProgrammeContent {
    pub days: Vec<ProgrammeDay>,
}

impl ProgrammeContent {
    /// Gives every item without an end the next item's start (marked inferred); the last
    /// item of a day stays open. Children inherit their parent's end when they have none.
    pub fn infer_end_times(&mut self) {
        for day in &mut self.days {
            day.items.sort_by(|a, b| a.start.cmp(&b.start));
            let starts: Vec<String> = day.items.iter().map(|i| i.start.clone()).collect();
            for (n, item) in day.items.iter_mut().enumerate() {
                if item.end.is_none() {
                    if let Some(next) = starts.get(n + 1) {
                        item.end = Some(next.clone());
                        item.end_inferred = true;
                    }
                }
                for child in &mut item.children {
                    if child.end.is_none() {
                        child.end.clone_from(&item.end);
                        child.end_inferred = item.end_inferred;
                    }
                }
            }
        }
    }

    /// Every item, parents before their children, in programme order.
    pub fn all_items(&self) -> impl Iterator<Item = &ProgrammeItem> {
        self.days
            .iter()
            .flat_map(|d| d.items.iter())
            .flat_map(|i| std::iter::once(i).chain(i.children.iter()))
    }
}

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
