//! The attendee register (a projection of `attendee.*` events).

use crate::domain::error::Result;
use crate::domain::events::EventRecord;
use crate::store::sql::SqlResultExt;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

pub use crate::domain::register::Attendee;

/// The payload of `attendees.imported` as read back (desks no longer write this kind; see
/// [`ImportedRows`]).
#[derive(Deserialize)]
pub(crate) struct ImportedPeople {
    pub people: Vec<Attendee>,
}

/// The columns of an `attendees.imported_rows` row, in order. Append only: a reader takes
/// the columns it knows from the front of each row and skips the rest.
pub(crate) const ROW_COLUMNS: [&str; 20] = [
    "id",
    "first_name",
    "tussenvoegsel",
    "last_name",
    "organisation",
    "email",
    "function",
    "member_org",
    "thursday",
    "friday",
    "dinner",
    "session_choice",
    "visit_choice",
    "bus",
    "dietary",
    "accessibility",
    "speaker",
    "guest",
    "badge_code",
    "walk_in",
];

/// The payload of `attendees.imported_rows` as written: the people of one import as rows
/// under one header (`{"file": …, "columns": [...], "rows": [[...], ...]}`), half the size
/// of a JSON object per person.
#[derive(Serialize)]
pub(crate) struct ImportedRowsRef<'a> {
    /// The file they came from (for the record; not projected).
    pub file: &'a str,
    pub columns: [&'static str; 20],
    pub rows: RowsRef<'a>,
}

impl<'a> ImportedRowsRef<'a> {
    pub(crate) fn new(file: &'a str, people: &'a [Attendee]) -> ImportedRowsRef<'a> {
        ImportedRowsRef {
            file,
            columns: ROW_COLUMNS,
            rows: RowsRef(people),
        }
    }
}

pub(crate) struct RowsRef<'a>(&'a [Attendee]);

impl Serialize for RowsRef<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(Row))
    }
}

/// One person as a row in [`ROW_COLUMNS`] order.
struct Row<'a>(&'a Attendee);

impl Serialize for Row<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let a = self.0;
        let mut row = s.serialize_seq(Some(ROW_COLUMNS.len()))?;
        row.serialize_element(&a.id)?;
        row.serialize_element(&a.first_name)?;
        row.serialize_element(&a.tussenvoegsel)?;
        row.serialize_element(&a.last_name)?;
        row.serialize_element(&a.organisation)?;
        row.serialize_element(&a.email)?;
        row.serialize_element(&a.function)?;
        row.serialize_element(&a.member_org)?;
        row.serialize_element(&a.thursday)?;
        row.serialize_element(&a.friday)?;
        row.serialize_element(&a.dinner)?;
        row.serialize_element(&a.session_choice)?;
        row.serialize_element(&a.visit_choice)?;
        row.serialize_element(&a.bus)?;
        row.serialize_element(&a.dietary)?;
        row.serialize_element(&a.accessibility)?;
        row.serialize_element(&a.speaker)?;
        row.serialize_element(&a.guest)?;
        row.serialize_element(&a.badge_code)?;
        row.serialize_element(&a.walk_in)?;
        row.end()
    }
}

/// The payload of `attendees.imported_rows` as read back.
#[derive(Deserialize)]
pub(crate) struct ImportedRows {
    columns: Vec<String>,
    rows: Vec<RowOwned>,
}

impl ImportedRows {
    /// The people, once the header is checked to start with the columns this build knows.
    pub(crate) fn people(self) -> std::result::Result<Vec<Attendee>, String> {
        let known = self.columns.len().min(ROW_COLUMNS.len());
        if self.columns.len() < ROW_COLUMNS.len() - 1
            || self.columns[..known] != ROW_COLUMNS[..known]
        {
            return Err(format!(
                "onbekende kolommen {:?} (verwacht {ROW_COLUMNS:?})",
                self.columns
            ));
        }
        Ok(self.rows.into_iter().map(|r| r.0).collect())
    }
}

struct RowOwned(Attendee);

impl<'de> Deserialize<'de> for RowOwned {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Attendee;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a person as a row of values")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Attendee, A::Error> {
                // Struct fields are evaluated in the order written: the column order.
                macro_rules! next {
                    ($n:literal) => {
                        seq.next_element()?.ok_or_else(|| {
                            serde::de::Error::custom(concat!("kolom ", $n, " ontbreekt"))
                        })?
                    };
                }
                let a = Attendee {
                    id: next!("id"),
                    first_name: next!("first_name"),
                    tussenvoegsel: next!("tussenvoegsel"),
                    last_name: next!("last_name"),
                    organisation: next!("organisation"),
                    email: next!("email"),
                    function: next!("function"),
                    member_org: next!("member_org"),
                    thursday: next!("thursday"),
                    friday: next!("friday"),
                    dinner: next!("dinner"),
                    session_choice: next!("session_choice"),
                    visit_choice: next!("visit_choice"),
                    bus: next!("bus"),
                    dietary: next!("dietary"),
                    accessibility: next!("accessibility"),
                    speaker: next!("speaker"),
                    guest: next!("guest"),
                    badge_code: next!("badge_code"),
                    walk_in: seq.next_element()?.unwrap_or(false),
                };
                // Columns a newer Balie appended.
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(a)
            }
        }
        d.deserialize_seq(Visitor).map(RowOwned)
    }
}

/// Writes the record of `attendee.registered` / `attendee.edited` unless a later version
/// (by HLC, then desk id) is already there: the same result in any merge order.
pub(crate) fn project_registered(conn: &Connection, ev: &EventRecord, a: &Attendee) -> Result<()> {
    PersonWriter::new(conn)?.write(ev, 0, a)
}

/// Projects `attendees.imported`: every person as by [`project_registered`], `pos` being
/// their place in the event.
pub(crate) fn project_imported(
    conn: &Connection,
    ev: &EventRecord,
    people: &[Attendee],
) -> Result<()> {
    project_imported_events(conn, &[(ev, people)])
}

/// Projects several `attendees.imported` events at once (an import's own write). The
/// records and versions go in by person id across all the events, not event by event: a
/// B-tree fills fastest in key order, and the result does not depend on the order.
pub(crate) fn project_imported_events(
    conn: &Connection,
    events: &[(&EventRecord, &[Attendee])],
) -> Result<()> {
    let mut order: Vec<(usize, usize)> = events
        .iter()
        .enumerate()
        .flat_map(|(e, (_, people))| (0..people.len()).map(move |n| (e, n)))
        .collect();
    order.sort_unstable_by(|&(e1, n1), &(e2, n2)| events[e1].1[n1].id.cmp(&events[e2].1[n2].id));
    let mut writer = PersonWriter::new(conn)?;
    for (e, n) in order {
        let (ev, people) = events[e];
        writer.write(ev, n as i64, &people[n])?;
    }
    Ok(())
}

/// The statements that project one version of a person, taken from the statement cache
/// once per event rather than once per person.
///
/// A person with one version keeps it on the record (`version_hlc`, `version_desk`,
/// `version_pos`, `version_wall`); `attendee_versions` holds every version of those with
/// more than one. So a new person is one insert, and a second version first copies the
/// record's own version into `attendee_versions` (ignored when it is there already).
struct PersonWriter<'c> {
    insert: rusqlite::CachedStatement<'c>,
    keep_current: rusqlite::CachedStatement<'c>,
    version: rusqlite::CachedStatement<'c>,
    update: rusqlite::CachedStatement<'c>,
}

impl<'c> PersonWriter<'c> {
    fn new(conn: &'c Connection) -> Result<PersonWriter<'c>> {
        Ok(PersonWriter {
            insert: conn.prepare_cached(INSERT_SQL).write_err()?,
            keep_current: conn.prepare_cached(KEEP_CURRENT_SQL).write_err()?,
            version: conn.prepare_cached(VERSION_SQL).write_err()?,
            update: conn.prepare_cached(UPDATE_SQL).write_err()?,
        })
    }

    fn write(&mut self, ev: &EventRecord, pos: i64, a: &Attendee) -> Result<()> {
        let record = params![
            a.id,
            a.first_name,
            a.tussenvoegsel,
            a.last_name,
            a.organisation,
            a.email,
            a.function,
            a.member_org,
            a.thursday,
            a.friday,
            a.dinner,
            a.session_choice,
            a.visit_choice,
            a.bus,
            a.dietary,
            a.accessibility,
            a.speaker,
            a.guest,
            a.badge_code,
            a.walk_in,
            ev.hlc,
            ev.desk_id,
            pos,
            ev.wall_time
        ];
        if self.insert.execute(record).write_err()? == 1 {
            return Ok(());
        }
        self.keep_current.execute([&a.id]).write_err()?;
        self.version
            .execute(params![
                a.id,
                ev.hlc,
                ev.desk_id,
                pos,
                ev.wall_time,
                a.session_choice,
                a.visit_choice
            ])
            .write_err()?;
        self.update.execute(record).write_err()?;
        Ok(())
    }
}

const INSERT_SQL: &str = "INSERT INTO attendees (id, first_name, tussenvoegsel, last_name,
             organisation, email, function, member_org, thursday, friday, dinner, session_choice,
             visit_choice, bus, dietary, accessibility, speaker, guest, badge_code, walk_in,
             version_hlc, version_desk, version_pos, version_wall)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
             ?20, ?21, ?22, ?23, ?24)
         ON CONFLICT (id) DO NOTHING";

const KEEP_CURRENT_SQL: &str = "INSERT OR IGNORE INTO attendee_versions
             (attendee_id, hlc, desk_id, pos, wall_time, session_choice, visit_choice)
         SELECT id, version_hlc, version_desk, version_pos, version_wall, session_choice,
             visit_choice
         FROM attendees WHERE id = ?1";

const VERSION_SQL: &str = "INSERT OR IGNORE INTO attendee_versions
             (attendee_id, hlc, desk_id, pos, wall_time, session_choice, visit_choice)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/// The later version (by HLC, then desk id) wins, whatever order they arrive in.
const UPDATE_SQL: &str = "UPDATE attendees SET first_name = ?2, tussenvoegsel = ?3,
             last_name = ?4, organisation = ?5, email = ?6, function = ?7, member_org = ?8,
             thursday = ?9, friday = ?10, dinner = ?11, session_choice = ?12, visit_choice = ?13,
             bus = ?14, dietary = ?15, accessibility = ?16, speaker = ?17, guest = ?18,
             badge_code = ?19, walk_in = ?20, version_hlc = ?21, version_desk = ?22,
             version_pos = ?23, version_wall = ?24
         WHERE id = ?1 AND (?21, ?22) > (version_hlc, version_desk)";

pub(crate) fn get(conn: &Connection, id: &str) -> Result<Attendee> {
    find(conn, "id = ?1", id)?.ok_or_else(|| {
        crate::domain::error::Error::said("deelnemer", "err.person.none", [("id", id.into())])
    })
}

/// Several people by id in one query (ids missing from the register are left out).
pub(crate) fn get_many(
    conn: &Connection,
    ids: &[String],
) -> Result<std::collections::HashMap<String, Attendee>> {
    let json = serde_json::to_string(ids)
        .map_err(|e| crate::domain::error::Error::Internal(e.to_string()))?;
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM attendees WHERE id IN (SELECT value FROM json_each(?1))"
        ))
        .read_err()?;
    let rows = stmt.query_map([json], from_row).read_err()?;
    rows.map(|r| r.map(|a| (a.id.clone(), a)))
        .collect::<rusqlite::Result<_>>()
        .read_err()
}

pub(crate) fn by_badge(conn: &Connection, code: &str) -> Result<Option<Attendee>> {
    find(conn, "badge_code = ?1", code)
}

pub(crate) fn by_email(conn: &Connection, email: &str) -> Result<Option<Attendee>> {
    find(conn, "email = ?1 COLLATE NOCASE", email)
}

fn find(conn: &Connection, condition: &str, value: &str) -> Result<Option<Attendee>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM attendees WHERE {condition} LIMIT 1"
        ))
        .read_err()?;
    let mut rows = stmt.query_map([value], from_row).read_err()?;
    rows.next().transpose().read_err()
}

pub(crate) fn count(conn: &Connection) -> Result<i64> {
    conn.query_row("SELECT count(*) FROM attendees", [], |r| r.get(0))
        .read_err()
}

pub(crate) fn all(conn: &Connection) -> Result<Vec<Attendee>> {
    let mut stmt = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM attendees ORDER BY id"))
        .read_err()?;
    let rows = stmt.query_map([], from_row).read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}

const COLUMNS: &str = "id, first_name, tussenvoegsel, last_name, organisation, email, function,
    member_org, thursday, friday, dinner, session_choice, visit_choice, bus, dietary,
    accessibility, speaker, guest, badge_code, walk_in";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Attendee> {
    Ok(Attendee {
        id: r.get(0)?,
        first_name: r.get(1)?,
        tussenvoegsel: r.get(2)?,
        last_name: r.get(3)?,
        organisation: r.get(4)?,
        email: r.get(5)?,
        function: r.get(6)?,
        member_org: r.get(7)?,
        thursday: r.get(8)?,
        friday: r.get(9)?,
        dinner: r.get(10)?,
        session_choice: r.get(11)?,
        visit_choice: r.get(12)?,
        bus: r.get(13)?,
        dietary: r.get(14)?,
        accessibility: r.get(15)?,
        speaker: r.get(16)?,
        guest: r.get(17)?,
        badge_code: r.get(18)?,
        walk_in: r.get(19)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people() -> Vec<Attendee> {
        let mut people = crate::domain::demo::attendees(7, 3);
        people[1].walk_in = true;
        people[2].member_org = Some("Bibliotheek Zuidhorn".into());
        people
    }

    #[test]
    fn rows_read_back_as_the_people_written() {
        let people = people();
        let json = serde_json::to_string(&ImportedRowsRef::new("x.csv", &people)).expect("json");
        assert!(json.starts_with(r#"{"file":"x.csv","columns":["id","first_name","#));
        let read: ImportedRows = serde_json::from_str(&json).expect("read");
        assert_eq!(read.people().expect("people"), people);
    }

    #[test]
    fn rows_of_a_newer_balie_and_of_an_unknown_header() {
        let people = people();
        let mut v: serde_json::Value =
            serde_json::to_value(ImportedRowsRef::new("x.csv", &people)).expect("value");
        // A newer Balie appended a column: it is skipped.
        v["columns"]
            .as_array_mut()
            .expect("columns")
            .push("badge_colour".into());
        for row in v["rows"].as_array_mut().expect("rows") {
            row.as_array_mut().expect("row").push("blauw".into());
        }
        let read: ImportedRows = serde_json::from_value(v.clone()).expect("read");
        assert_eq!(read.people().expect("people"), people);
        // Another header is refused rather than read into the wrong fields.
        v["columns"][1] = "last_name".into();
        let read: ImportedRows = serde_json::from_value(v).expect("read");
        assert!(read
            .people()
            .expect_err("refused")
            .contains("onbekende kolommen"));
    }
}
