//! Saved import mappings: per name the latest save (by HLC).

use crate::domain::error::{Error, Result};
use crate::domain::import::SavedMapping;
use crate::store::sql::SqlResultExt;

/// Projects `import.mapping_saved`: the latest save of a name (by HLC) wins.
pub(crate) fn project_mapping(
    conn: &rusqlite::Connection,
    ev: &crate::domain::events::EventRecord,
    m: &SavedMapping,
) -> Result<()> {
    let columns = serde_json::to_string(&m.columns).map_err(|e| Error::Internal(e.to_string()))?;
    conn.execute(
        "INSERT INTO import_mappings (name, columns, saved_at, staff, hlc)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (name) DO UPDATE SET columns = excluded.columns,
             saved_at = excluded.saved_at, staff = excluded.staff, hlc = excluded.hlc
         WHERE excluded.hlc > import_mappings.hlc",
        rusqlite::params![m.name, columns, ev.wall_time, ev.staff, ev.hlc],
    )
    .write_err()?;
    Ok(())
}

/// Every saved mapping by name: (name, its columns as JSON).
pub(crate) fn all(conn: &rusqlite::Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn
        .prepare_cached("SELECT name, columns FROM import_mappings ORDER BY name")
        .read_err()?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}
