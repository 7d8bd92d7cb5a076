//! The congress this database belongs to. One database file holds one congress.

use crate::domain::error::Result;
use crate::store::sql::SqlResultExt;
use rusqlite::{params, Connection, OptionalExtension};

pub(crate) use crate::domain::register::CongressCreated;
pub use crate::domain::register::{Congress, CongressInfo};

pub(crate) fn project(conn: &Connection, id: &str, c: &CongressCreated) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO congress (id, name, organiser, venue, city, start_date, end_date,
             utc_offset, is_demo)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id,
            c.info.name,
            c.info.organiser,
            c.info.venue,
            c.info.city,
            c.info.start_date,
            c.info.end_date,
            c.info.utc_offset,
            c.is_demo
        ],
    )
    .write_err()?;
    Ok(())
}

pub(crate) fn read(conn: &Connection) -> Result<Option<Congress>> {
    conn.query_row(
        "SELECT id, name, organiser, venue, city, start_date, end_date, utc_offset, is_demo
         FROM congress LIMIT 1",
        [],
        |r| {
            Ok(Congress {
                id: r.get(0)?,
                info: CongressInfo {
                    name: r.get(1)?,
                    organiser: r.get(2)?,
                    venue: r.get(3)?,
                    city: r.get(4)?,
                    start_date: r.get(5)?,
                    end_date: r.get(6)?,
                    utc_offset: r.get(7)?,
                },
                is_demo: r.get(8)?,
            })
        },
    )
    .optional()
    .read_err()
}
