//! Check-in lists and check-ins. Every action is an event (`checkin.in`, `checkin.out`,
//! `checkin.undone`, `scan.failed`); who is present is derived from them.
//!
//! Rules: staff pick the list; someone already present is not checked in twice (the earlier
//! check-in is shown); someone not registered for the list's day, or not a member on the
//! members' list, needs an override with a reason; an override on the members' list never
//! counts for presence, votes or quorum. Undo needs a reason.

use crate::domain::error::{Error, Result};
use crate::domain::events::{kinds, EventRecord};
use crate::store::attendees::{self, Attendee};
use crate::store::sql::SqlResultExt;
use crate::store::Writer;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// Everyone registered for one congress day.
    Day,
    /// The members' meeting: representatives of member organisations only.
    Members,
    /// One programme session (sign-ups).
    Session,
    /// One bus (boarding).
    Bus,
    Other,
}

impl ListKind {
    fn as_str(self) -> &'static str {
        match self {
            ListKind::Day => "day",
            ListKind::Members => "members",
            ListKind::Session => "session",
            ListKind::Bus => "bus",
            ListKind::Other => "other",
        }
    }

    fn parse(s: &str) -> ListKind {
        match s {
            "day" => ListKind::Day,
            "members" => ListKind::Members,
            "session" => ListKind::Session,
            "bus" => ListKind::Bus,
            _ => ListKind::Other,
        }
    }
}

/// A check-in list (the payload of `checkin.list_created`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckinList {
    pub id: String,
    pub name: String,
    pub kind: ListKind,
    /// `YYYY-MM-DD` for day lists.
    pub day: Option<String>,
    /// The programme item of a session or bus list.
    pub item_id: Option<String>,
    #[ts(type = "number")]
    pub position: i64,
}

/// How a check-in was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckinSource {
    Search,
    Scan,
    Cli,
    /// Self check-in at the kiosk.
    Kiosk,
    /// Entered afterwards from a ticked paper list.
    Paper,
    /// Registered and checked in at the desk in one go.
    WalkIn,
}

impl CheckinSource {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            CheckinSource::Search => "search",
            CheckinSource::Scan => "scan",
            CheckinSource::Cli => "cli",
            CheckinSource::Kiosk => "kiosk",
            CheckinSource::Paper => "paper",
            CheckinSource::WalkIn => "walk_in",
        }
    }
}

/// Where a check-in entered from paper came from: the time ticked on the list and a note
/// ("papieren lijst balie 3, laptop uitgevallen").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PaperEntry {
    /// RFC 3339 UTC.
    pub time: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CheckinPayload {
    pub list_id: String,
    pub attendee_id: String,
    pub override_reason: Option<String>,
    pub source: CheckinSource,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<PaperEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CheckoutPayload {
    pub list_id: String,
    pub attendee_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct UndoPayload {
    pub event_id: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FailedScanPayload {
    pub list_id: String,
    pub code: String,
}

/// One check-in or check-out as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CheckinRecord {
    pub event_id: String,
    pub list_id: String,
    pub attendee_id: String,
    /// `in` or `out`.
    pub direction: String,
    pub wall_time: String,
    pub desk_id: String,
    pub desk_name: String,
    pub staff: String,
    pub override_reason: Option<String>,
    pub undone: bool,
    /// How it was made: `search`, `scan`, `kiosk`, `paper`, `walk_in`, `cli`.
    pub source: String,
    /// For an entry from a paper list: the time ticked on paper (RFC 3339 UTC). The
    /// record's `wall_time`, desk and staff are those of the entry.
    pub paper_time: Option<String>,
    pub paper_note: Option<String>,
}

impl CheckinRecord {
    /// When the person arrived: the paper time for a paper entry, else the event's time.
    pub fn arrived_at(&self) -> &str {
        self.paper_time.as_deref().unwrap_or(&self.wall_time)
    }
}

/// Where someone stands on one list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Presence {
    pub present: bool,
    /// The check-in that started the current presence.
    pub since: Option<CheckinRecord>,
    /// Other check-ins during the same presence, made at other desks before they had
    /// exchanged events ("also checked in at desk 3 at 09:14").
    pub also: Vec<CheckinRecord>,
    /// Present through an override on the members' list: never counts for presence,
    /// votes or quorum.
    pub not_counted: bool,
}

/// Why someone is not on a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NotOnList {
    /// Not registered for this day.
    NotRegisteredForDay,
    /// Not a representative of a member organisation (members' list).
    NotAMember,
    /// Not signed up for this session or bus.
    NotSignedUp,
    /// The registration was cancelled (see [`crate::store::cancellation`]).
    Cancelled,
}

impl NotOnList {
    pub fn dutch(self) -> &'static str {
        match self {
            NotOnList::NotRegisteredForDay => "niet aangemeld voor deze dag",
            NotOnList::NotAMember => "geen lid (staat niet op de ledenlijst)",
            NotOnList::NotSignedUp => "niet ingeschreven voor dit onderdeel",
            NotOnList::Cancelled => "afgemeld",
        }
    }

    /// Why, for the window in its language.
    pub fn msg(self) -> crate::domain::message::Msg {
        let key = match self {
            NotOnList::NotRegisteredForDay => "notOnList.day",
            NotOnList::NotAMember => "notOnList.member",
            NotOnList::NotSignedUp => "notOnList.signup",
            NotOnList::Cancelled => "notOnList.cancelled",
        };
        crate::domain::message::Msg::new(key, [])
    }
}

/// What needs attention when someone arrives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Attention {
    pub dietary: String,
    pub accessibility: String,
    pub speaker: bool,
    pub guest: bool,
}

impl Attention {
    pub fn of(a: &Attendee) -> Attention {
        Attention {
            dietary: a.dietary.clone(),
            accessibility: a.accessibility.clone(),
            speaker: a.speaker,
            guest: a.guest,
        }
    }

    pub fn any(&self) -> bool {
        !self.dietary.is_empty() || !self.accessibility.is_empty() || self.speaker || self.guest
    }
}

/// The result of a check-in attempt. Only `CheckedIn` wrote an event, and only after the
/// transaction committed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum CheckinOutcome {
    CheckedIn {
        record: CheckinRecord,
        attendee: Attendee,
        attention: Attention,
    },
    AlreadyCheckedIn {
        earlier: CheckinRecord,
        attendee: Attendee,
    },
    NeedsOverride {
        reason: NotOnList,
        attendee: Attendee,
        /// For a cancelled registration: when, why and by whom.
        cancellation: Option<crate::store::cancellation::Cancellation>,
    },
}

/// Checked in against expected, per list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ListCounter {
    pub list: CheckinList,
    #[ts(type = "number")]
    pub checked_in: i64,
    #[ts(type = "number")]
    pub expected: i64,
    /// Present through an override (not expected on this list).
    #[ts(type = "number")]
    pub overrides: i64,
    /// Present people registered at the desk on the day.
    #[ts(type = "number")]
    pub walk_ins: i64,
    /// Scans of unknown or mistyped codes on this list.
    #[ts(type = "number")]
    pub failed_scans: i64,
}

/// The lists every congress starts with. Fixed ids, so two desks that create them merge
/// into one list each.
pub(crate) fn default_lists(days: &[(String, String)]) -> Vec<CheckinList> {
    let mut lists: Vec<CheckinList> = days
        .iter()
        .enumerate()
        .map(|(n, (date, title))| CheckinList {
            id: format!("day-{date}"),
            name: title.split_whitespace().next().unwrap_or(title).to_string(),
            kind: ListKind::Day,
            day: Some(date.clone()),
            item_id: None,
            position: n as i64,
        })
        .collect();
    lists.push(CheckinList {
        id: "alv".into(),
        name: "Ledenvergadering (ALV)".into(),
        kind: ListKind::Members,
        day: days.last().map(|d| d.0.clone()),
        item_id: Some("alv".into()),
        position: lists.len() as i64,
    });
    lists
}

/// The day list staff check in on at `date` (`YYYY-MM-DD`): that day's list; before the
/// first day the first, after the last the last, and between two days (a congress with a
/// day off) the next. `None` only when there are no day lists.
pub fn day_list_for<'a>(lists: &'a [CheckinList], date: &str) -> Option<&'a CheckinList> {
    let mut days: Vec<(&str, &CheckinList)> = lists
        .iter()
        .filter(|l| l.kind == ListKind::Day)
        .filter_map(|l| l.day.as_deref().map(|d| (d, l)))
        .collect();
    days.sort_by(|a, b| a.0.cmp(b.0).then(a.1.position.cmp(&b.1.position)));
    days.iter()
        .find(|(d, _)| *d >= date)
        .or(days.last())
        .map(|(_, l)| *l)
}

pub(crate) fn project_list(conn: &Connection, l: &CheckinList) -> Result<()> {
    conn.execute(
        "INSERT INTO checkin_lists (id, name, kind, day, item_id, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET position = excluded.position
         WHERE excluded.position < checkin_lists.position",
        params![l.id, l.name, l.kind.as_str(), l.day, l.item_id, l.position],
    )
    .write_err()?;
    Ok(())
}

pub(crate) fn project_in(conn: &Connection, ev: &EventRecord, p: &CheckinPayload) -> Result<()> {
    insert_row(
        conn,
        ev,
        (&p.list_id, &p.attendee_id),
        "in",
        p.override_reason.as_deref(),
        p.source.as_str(),
        p.paper.as_ref(),
    )
}

pub(crate) fn project_out(conn: &Connection, ev: &EventRecord, p: &CheckoutPayload) -> Result<()> {
    insert_row(
        conn,
        ev,
        (&p.list_id, &p.attendee_id),
        "out",
        None,
        "search",
        None,
    )
}

/// One `checkins` row per check-in or check-out event (idempotent for replays and merges).
fn insert_row(
    conn: &Connection,
    ev: &EventRecord,
    (list_id, attendee_id): (&str, &str),
    direction: &str,
    override_reason: Option<&str>,
    source: &str,
    paper: Option<&PaperEntry>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO checkins (event_id, list_id, attendee_id, direction, hlc, desk_id,
             desk_name, staff, wall_time, override_reason, source, paper_time, paper_note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )
    .write_err()?
    .execute(params![
        ev.id,
        list_id,
        attendee_id,
        direction,
        ev.hlc,
        ev.desk_id,
        ev.desk_name,
        ev.staff,
        ev.wall_time,
        override_reason,
        source,
        paper.map(|p| &p.time),
        paper.map(|p| &p.note)
    ])
    .write_err()?;
    Ok(())
}

pub(crate) fn project_undo(conn: &Connection, ev: &EventRecord, p: &UndoPayload) -> Result<()> {
    // Of two undos (from desks that had not yet exchanged) the earliest event id wins, in
    // whatever order they arrive.
    conn.execute(
        "UPDATE checkins SET undone_by = ?1, undo_reason = ?2
         WHERE event_id = ?3 AND (undone_by IS NULL OR undone_by > ?1)",
        params![ev.id, p.reason, p.event_id],
    )
    .write_err()?;
    Ok(())
}

pub(crate) fn project_failed_scan(
    conn: &Connection,
    ev: &EventRecord,
    p: &FailedScanPayload,
) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO failed_scans (event_id, list_id, code, hlc, desk_name, staff, wall_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![ev.id, p.list_id, p.code, ev.hlc, ev.desk_name, ev.staff, ev.wall_time],
    )
    .write_err()?;
    Ok(())
}

pub(crate) fn clear(conn: &Connection) -> Result<()> {
    conn.execute_batch("DELETE FROM checkins; DELETE FROM failed_scans; DELETE FROM checkin_lists;")
        .write_err()
}

pub(crate) fn lists(conn: &Connection) -> Result<Vec<CheckinList>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, name, kind, day, item_id, position FROM checkin_lists ORDER BY position, id",
        )
        .read_err()?;
    let rows = stmt
        .query_map([], |r| {
            Ok(CheckinList {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: ListKind::parse(&r.get::<_, String>(2)?),
                day: r.get(3)?,
                item_id: r.get(4)?,
                position: r.get(5)?,
            })
        })
        .read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}

pub(crate) fn list(conn: &Connection, id: &str) -> Result<CheckinList> {
    lists(conn)?
        .into_iter()
        .find(|l| l.id == id)
        .ok_or_else(|| Error::said("lijst", "err.list.none", [("list", id.into())]))
}

/// Whether `a` belongs on `list`, and if not, why.
pub fn eligibility(list: &CheckinList, a: &Attendee) -> Option<NotOnList> {
    match list.kind {
        ListKind::Day => {
            // The register knows the first day (Thursday) and the second (Friday); the day
            // lists are the first two lists, in that order.
            let ok = list.position == 0 && a.thursday || list.position == 1 && a.friday;
            (!ok).then_some(NotOnList::NotRegisteredForDay)
        }
        ListKind::Members => a.member_org.is_none().then_some(NotOnList::NotAMember),
        ListKind::Session => {
            let ok = list.item_id.is_some()
                && (a.session_choice == list.item_id || a.visit_choice == list.item_id);
            (!ok).then_some(NotOnList::NotSignedUp)
        }
        ListKind::Bus => {
            let ok = a.bus && list.item_id.is_some() && a.visit_choice == list.item_id;
            (!ok).then_some(NotOnList::NotSignedUp)
        }
        ListKind::Other => None,
    }
}

fn record_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CheckinRecord> {
    Ok(CheckinRecord {
        event_id: r.get(0)?,
        list_id: r.get(1)?,
        attendee_id: r.get(2)?,
        direction: r.get(3)?,
        wall_time: r.get(4)?,
        desk_id: r.get(5)?,
        desk_name: r.get(6)?,
        staff: r.get(7)?,
        override_reason: r.get(8)?,
        undone: r.get::<_, Option<String>>(9)?.is_some(),
        source: r.get(10)?,
        paper_time: r.get(11)?,
        paper_note: r.get(12)?,
    })
}

const RECORD_COLUMNS: &str = "event_id, list_id, attendee_id, direction, wall_time, desk_id,
    desk_name, staff, override_reason, undone_by, source, paper_time, paper_note";

/// Every check-in and check-out of `attendee` on `list`, undone ones included, in event order.
pub(crate) fn history(
    conn: &Connection,
    list_id: &str,
    attendee_id: &str,
) -> Result<Vec<CheckinRecord>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM checkins WHERE list_id = ?1 AND attendee_id = ?2
             ORDER BY hlc, desk_id"
        ))
        .read_err()?;
    let rows = stmt
        .query_map(params![list_id, attendee_id], record_from_row)
        .read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}

/// The histories of several people on one list, in one query.
pub(crate) fn histories(
    conn: &Connection,
    list_id: &str,
    attendee_ids: &[String],
) -> Result<std::collections::HashMap<String, Vec<CheckinRecord>>> {
    let json = serde_json::to_string(attendee_ids).map_err(|e| Error::Internal(e.to_string()))?;
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM checkins
             WHERE list_id = ?1 AND attendee_id IN (SELECT value FROM json_each(?2))
             ORDER BY hlc, desk_id"
        ))
        .read_err()?;
    let mut out: std::collections::HashMap<String, Vec<CheckinRecord>> = Default::default();
    for r in stmt
        .query_map(params![list_id, json], record_from_row)
        .read_err()?
    {
        let r = r.read_err()?;
        out.entry(r.attendee_id.clone()).or_default().push(r);
    }
    Ok(out)
}

/// Derives presence from the history: the effective (not undone) events in order; a run of
/// check-ins after the last check-out is one presence, the first of them its start.
pub fn presence_from(history: &[CheckinRecord], list: &CheckinList) -> Presence {
    let mut ins: Vec<&CheckinRecord> = Vec::new();
    for r in history.iter().filter(|r| !r.undone) {
        if r.direction == "in" {
            ins.push(r);
        } else {
            ins.clear();
        }
    }
    let since = ins.first().map(|r| (*r).clone());
    Presence {
        present: since.is_some(),
        not_counted: list.kind == ListKind::Members
            && since.as_ref().is_some_and(|r| r.override_reason.is_some()),
        also: ins.iter().skip(1).map(|r| (*r).clone()).collect(),
        since,
    }
}

pub(crate) fn presence(
    conn: &Connection,
    list: &CheckinList,
    attendee_id: &str,
) -> Result<Presence> {
    Ok(presence_from(&history(conn, &list.id, attendee_id)?, list))
}

/// Everyone present on `list` now (counted or through an override), each with the check-in
/// that started their presence, in order of arrival.
pub(crate) fn present_on(conn: &Connection, list: &CheckinList) -> Result<Vec<CheckinRecord>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM checkins WHERE list_id = ?1 ORDER BY hlc, desk_id"
        ))
        .read_err()?;
    let mut rank: std::collections::HashMap<String, usize> = Default::default();
    let mut by_person: std::collections::BTreeMap<String, Vec<CheckinRecord>> = Default::default();
    for (n, r) in stmt
        .query_map([&list.id], record_from_row)
        .read_err()?
        .enumerate()
    {
        let r = r.read_err()?;
        rank.insert(r.event_id.clone(), n);
        by_person.entry(r.attendee_id.clone()).or_default().push(r);
    }
    let mut present: Vec<CheckinRecord> = by_person
        .values()
        .filter_map(|history| presence_from(history, list).since)
        .collect();
    present.sort_by_key(|r| rank.get(&r.event_id).copied().unwrap_or(usize::MAX));
    Ok(present)
}

/// What eligibility needs beyond the register, read once per list: the people named as a
/// member's representative (they belong on the members' list), who rides which bus, and
/// whose registration is cancelled (they belong on no list).
#[derive(Debug, Default)]
pub(crate) struct Eligibility {
    named: std::collections::HashSet<String>,
    /// Person → the `item_id` of the bus they ride (`visit#bus`).
    seats: std::collections::HashMap<String, String>,
    cancelled: std::collections::HashMap<String, crate::store::cancellation::Cancellation>,
}

impl Eligibility {
    pub(crate) fn for_list(conn: &Connection, list: &CheckinList) -> Result<Eligibility> {
        Eligibility::with_cancelled(conn, list, crate::store::cancellation::all(conn)?)
    }

    /// [`Eligibility::for_list`] for one person: only their cancellation is read (the
    /// check-in's path).
    pub(crate) fn for_person(
        conn: &Connection,
        list: &CheckinList,
        attendee_id: &str,
    ) -> Result<Eligibility> {
        let cancelled = crate::store::cancellation::of(conn, attendee_id)?
            .map(|c| (c.attendee_id.clone(), c))
            .into_iter()
            .collect();
        Eligibility::with_cancelled(conn, list, cancelled)
    }

    /// [`Eligibility::for_list`] with the cancellations read already (one read for many
    /// lists).
    pub(crate) fn with_cancelled(
        conn: &Connection,
        list: &CheckinList,
        cancelled: std::collections::HashMap<String, crate::store::cancellation::Cancellation>,
    ) -> Result<Eligibility> {
        let mut e = Eligibility {
            cancelled,
            ..Eligibility::default()
        };
        match list.kind {
            ListKind::Members => e.named = crate::app::alv::named_representatives(conn)?,
            ListKind::Bus if list.item_id.as_deref().is_some_and(|i| i.contains('#')) => {
                e.seats = crate::app::buses::seats(conn)?;
            }
            _ => {}
        }
        Ok(e)
    }

    /// The person's cancellation, when their registration is cancelled.
    pub(crate) fn cancellation(
        &self,
        attendee_id: &str,
    ) -> Option<&crate::store::cancellation::Cancellation> {
        self.cancelled.get(attendee_id)
    }

    /// [`eligibility`] with the named representatives, the bus seats and cancellations.
    pub(crate) fn check(&self, list: &CheckinList, a: &Attendee) -> Option<NotOnList> {
        if self.cancelled.contains_key(&a.id) {
            return Some(NotOnList::Cancelled);
        }
        if let (ListKind::Bus, Some(key)) = (list.kind, list.item_id.as_deref()) {
            if key.contains('#') {
                return (self.seats.get(&a.id).map(String::as_str) != Some(key))
                    .then_some(NotOnList::NotSignedUp);
            }
        }
        match eligibility(list, a) {
            Some(NotOnList::NotAMember) if self.named.contains(&a.id) => None,
            other => other,
        }
    }
}

pub(crate) fn record(conn: &Connection, event_id: &str) -> Result<Option<CheckinRecord>> {
    conn.query_row(
        &format!("SELECT {RECORD_COLUMNS} FROM checkins WHERE event_id = ?1"),
        [event_id],
        record_from_row,
    )
    .optional()
    .read_err()
}

fn record_of(ev: &EventRecord, direction: &str, p: CheckinPayload) -> CheckinRecord {
    CheckinRecord {
        event_id: ev.id.clone(),
        list_id: p.list_id,
        attendee_id: p.attendee_id,
        direction: direction.to_string(),
        wall_time: ev.wall_time.clone(),
        desk_id: ev.desk_id.clone(),
        desk_name: ev.desk_name.clone(),
        staff: ev.staff.clone(),
        override_reason: p.override_reason,
        undone: false,
        source: p.source.as_str().to_string(),
        paper_time: p.paper.as_ref().map(|e| e.time.clone()),
        paper_note: p.paper.map(|e| e.note),
    }
}

/// Checks `attendee_id` in on `list_id` inside the caller's transaction.
pub(crate) fn check_in(
    w: &mut Writer<'_>,
    list_id: &str,
    attendee_id: &str,
    override_reason: Option<&str>,
    source: CheckinSource,
) -> Result<CheckinOutcome> {
    check_in_with(w, list_id, attendee_id, override_reason, source, None)
}

/// [`check_in`], optionally as an entry from a paper list.
pub(crate) fn check_in_with(
    w: &mut Writer<'_>,
    list_id: &str,
    attendee_id: &str,
    override_reason: Option<&str>,
    source: CheckinSource,
    paper: Option<PaperEntry>,
) -> Result<CheckinOutcome> {
    let list = list(w.conn(), list_id)?;
    let attendee = attendees::get(w.conn(), attendee_id)?;
    let presence = presence(w.conn(), &list, attendee_id)?;
    if let Some(earlier) = presence.since {
        return Ok(CheckinOutcome::AlreadyCheckedIn { earlier, attendee });
    }
    // An override reason is kept only where one is needed.
    let rules = Eligibility::for_person(w.conn(), &list, &attendee.id)?;
    let override_reason = match rules.check(&list, &attendee) {
        None => None,
        Some(reason) => match override_reason.map(str::trim).filter(|r| !r.is_empty()) {
            Some(r) => Some(r),
            None => {
                return Ok(CheckinOutcome::NeedsOverride {
                    reason,
                    cancellation: rules.cancellation(&attendee.id).cloned(),
                    attendee,
                })
            }
        },
    };
    let payload = CheckinPayload {
        list_id: list.id,
        attendee_id: attendee.id.clone(),
        override_reason: override_reason.map(str::to_string),
        source,
        paper,
    };
    let ev = w.append(kinds::CHECKIN_IN, &attendee.id, &payload)?;
    Ok(CheckinOutcome::CheckedIn {
        record: record_of(&ev, "in", payload),
        attention: Attention::of(&attendee),
        attendee,
    })
}

pub(crate) fn check_out(
    w: &mut Writer<'_>,
    list_id: &str,
    attendee_id: &str,
) -> Result<CheckinRecord> {
    let list = list(w.conn(), list_id)?;
    let attendee = attendees::get(w.conn(), attendee_id)?;
    if !presence(w.conn(), &list, attendee_id)?.present {
        return Err(Error::said(
            "uitchecken",
            "err.checkout.notIn",
            [
                ("name", attendee.display_name().into()),
                ("list", list.name.as_str().into()),
            ],
        ));
    }
    let payload = CheckoutPayload {
        list_id: list.id,
        attendee_id: attendee.id.clone(),
    };
    let ev = w.append(kinds::CHECKIN_OUT, &attendee.id, &payload)?;
    Ok(record_of(
        &ev,
        "out",
        CheckinPayload {
            list_id: payload.list_id,
            attendee_id: payload.attendee_id,
            override_reason: None,
            source: CheckinSource::Search,
            paper: None,
        },
    ))
}

pub(crate) fn undo(w: &mut Writer<'_>, event_id: &str, reason: &str) -> Result<CheckinRecord> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::said("reden", "err.undo.reason", []));
    }
    let Some(rec) = record(w.conn(), event_id)? else {
        return Err(Error::said(
            "inchecking",
            "err.undo.none",
            [("id", event_id.into())],
        ));
    };
    if rec.undone {
        return Err(Error::said("inchecking", "err.undo.done", []));
    }
    let payload = UndoPayload {
        event_id: event_id.to_string(),
        reason: reason.to_string(),
    };
    w.append(kinds::CHECKIN_UNDONE, &rec.attendee_id, &payload)?;
    Ok(CheckinRecord {
        undone: true,
        ..rec
    })
}

pub(crate) fn failed_scan(w: &mut Writer<'_>, list_id: &str, code: &str) -> Result<()> {
    let list = list(w.conn(), list_id)?;
    let payload = FailedScanPayload {
        list_id: list.id,
        code: code.chars().take(64).collect(),
    };
    w.append(kinds::SCAN_FAILED, "scan", &payload)?;
    Ok(())
}

/// Counters per list. Presence is derived per person in SQL with the same rule as
/// [`presence_from`]: the last effective event decides.
pub(crate) fn counters(conn: &Connection) -> Result<Vec<ListCounter>> {
    let mut out = Vec::new();
    let people = attendees::all(conn)?;
    let mut stmt = conn
        .prepare_cached(
            "WITH eff AS (
                 SELECT list_id, attendee_id, direction,
                        row_number() OVER (PARTITION BY list_id, attendee_id
                                           ORDER BY hlc DESC, desk_id DESC) AS rn
                 FROM checkins WHERE undone_by IS NULL
             )
             SELECT attendee_id FROM eff WHERE rn = 1 AND direction = 'in' AND list_id = ?1",
        )
        .read_err()?;
    let mut failed = conn
        .prepare_cached("SELECT count(*) FROM failed_scans WHERE list_id = ?1")
        .read_err()?;
    let cancelled = crate::store::cancellation::all(conn)?;
    for list in lists(conn)? {
        let rules = Eligibility::with_cancelled(conn, &list, cancelled.clone())?;
        let present: Vec<String> = stmt
            .query_map([&list.id], |r| r.get(0))
            .read_err()?
            .collect::<rusqlite::Result<_>>()
            .read_err()?;
        let present: std::collections::HashSet<&str> = present.iter().map(String::as_str).collect();
        let failed_scans = failed.query_row([&list.id], |r| r.get(0)).read_err()?;
        let mut counter = ListCounter {
            list: list.clone(),
            checked_in: 0,
            expected: 0,
            overrides: 0,
            walk_ins: 0,
            failed_scans,
        };
        for a in &people {
            let eligible = rules.check(&list, a).is_none();
            counter.expected += i64::from(eligible);
            if present.contains(a.id.as_str()) {
                if eligible {
                    counter.checked_in += 1;
                } else {
                    counter.overrides += 1;
                }
                counter.walk_ins += i64::from(a.walk_in);
            }
        }
        out.push(counter);
    }
    Ok(out)
}

/// Arrivals on one list per time slot, for the desk dashboard and the attendance report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ArrivalChart {
    pub list_id: String,
    #[ts(type = "number")]
    pub slot_minutes: i64,
    /// Consecutive slots from the first arrival to the last, empty ones included.
    pub slots: Vec<ArrivalSlot>,
    /// People who arrived (each counted once, at their first effective check-in).
    #[ts(type = "number")]
    pub total: i64,
    /// Arrivals by how they were checked in: `search`, `scan`, `kiosk`, `paper`, `walk_in`, `cli`.
    pub by_source: Vec<SourceCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ArrivalSlot {
    /// Start of the slot, RFC 3339 UTC.
    pub start: String,
    #[ts(type = "number")]
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SourceCount {
    pub source: String,
    #[ts(type = "number")]
    pub count: i64,
}

/// Arrivals per `slot_minutes` on `list_id`: each person once, at the time of their first
/// effective (not undone) check-in; a paper entry counts at the time ticked on paper.
pub(crate) fn arrivals(
    conn: &Connection,
    list_id: &str,
    slot_minutes: i64,
) -> Result<ArrivalChart> {
    use time::format_description::well_known::Rfc3339;
    use time::OffsetDateTime;
    let list = list(conn, list_id)?;
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM checkins
             WHERE list_id = ?1 AND direction = 'in' AND undone_by IS NULL
             ORDER BY hlc, desk_id"
        ))
        .read_err()?;
    let mut first: std::collections::HashMap<String, CheckinRecord> = Default::default();
    for r in stmt.query_map([&list.id], record_from_row).read_err()? {
        let r = r.read_err()?;
        let keep = first
            .get(&r.attendee_id)
            .is_none_or(|earlier| r.arrived_at() < earlier.arrived_at());
        if keep {
            first.insert(r.attendee_id.clone(), r);
        }
    }
    let slot_secs = slot_minutes.max(1) * 60;
    let mut per_slot: std::collections::BTreeMap<i64, i64> = Default::default();
    let mut by_source: std::collections::BTreeMap<String, i64> = Default::default();
    for r in first.values() {
        *by_source.entry(r.source.clone()).or_default() += 1;
        let Ok(at) = OffsetDateTime::parse(r.arrived_at(), &Rfc3339) else {
            continue;
        };
        let t = at.unix_timestamp();
        *per_slot.entry(t - t.rem_euclid(slot_secs)).or_default() += 1;
    }
    let mut slots = Vec::new();
    if let (Some((&lo, _)), Some((&hi, _))) =
        (per_slot.first_key_value(), per_slot.last_key_value())
    {
        let mut t = lo;
        while t <= hi {
            let start = OffsetDateTime::from_unix_timestamp(t)
                .map(crate::domain::clock::rfc3339)
                .unwrap_or_default();
            slots.push(ArrivalSlot {
                start,
                count: per_slot.get(&t).copied().unwrap_or(0),
            });
            t += slot_secs;
        }
    }
    Ok(ArrivalChart {
        list_id: list.id,
        slot_minutes: slot_secs / 60,
        slots,
        total: first.len() as i64,
        by_source: by_source
            .into_iter()
            .map(|(source, count)| SourceCount { source, count })
            .collect(),
    })
}

/// Every check-in and check-out on every list, undone ones included, in event order.
pub(crate) fn all_records(conn: &Connection) -> Result<Vec<CheckinRecord>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM checkins ORDER BY hlc, desk_id"
        ))
        .read_err()?;
    let rows = stmt.query_map([], record_from_row).read_err()?;
    rows.collect::<rusqlite::Result<_>>().read_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(dates: &[&str]) -> Vec<CheckinList> {
        let days: Vec<(String, String)> = dates
            .iter()
            .map(|d| ((*d).to_string(), format!("Dag {d}")))
            .collect();
        default_lists(&days)
    }

    fn record(
        direction: &str,
        at: &str,
        undone: bool,
        override_reason: Option<&str>,
    ) -> CheckinRecord {
        CheckinRecord {
            event_id: format!("e-{at}"),
            list_id: "alv".into(),
            attendee_id: "p".into(),
            direction: direction.into(),
            wall_time: at.into(),
            desk_id: "d".into(),
            desk_name: "Balie 1".into(),
            staff: "Anna".into(),
            override_reason: override_reason.map(str::to_string),
            undone,
            source: "search".into(),
            paper_time: None,
            paper_note: None,
        }
    }

    /// Presence from a history alone, no database: the last run of check-ins after the
    /// last check-out counts; undone records do not; an override on the members' list is
    /// present but not counted.
    #[test]
    fn presence_is_the_last_run_of_check_ins_and_undone_ones_do_not_count() {
        let lists = days(&["2023-12-07", "2023-12-08"]);
        let day = &lists[0];
        let members = lists
            .iter()
            .find(|l| l.kind == ListKind::Members)
            .expect("alv");
        assert!(!presence_from(&[], day).present);
        let h = [
            record("in", "09:00", false, None),
            record("out", "12:00", false, None),
            record("in", "13:00", false, None),
            record("in", "13:01", false, None),
        ];
        let p = presence_from(&h, day);
        assert!(p.present);
        assert_eq!(p.since.expect("since").wall_time, "13:00");
        assert_eq!(
            p.also.len(),
            1,
            "the second desk's check-in of the same presence"
        );
        let out_undone = [
            record("in", "09:00", false, None),
            record("out", "12:00", true, None),
        ];
        assert!(
            presence_from(&out_undone, day).present,
            "an undone check-out leaves them in"
        );
        let in_undone = [record("in", "09:00", true, None)];
        assert!(!presence_from(&in_undone, day).present);
        let overridden = [record("in", "09:00", false, Some("bestuur"))];
        assert!(presence_from(&overridden, members).not_counted);
        assert!(!presence_from(&overridden, day).not_counted);
    }

    /// Who is on which list, from the person and the list alone.
    #[test]
    fn eligibility_follows_days_membership_and_sign_ups() {
        let lists = days(&["2023-12-07", "2023-12-08"]);
        let a = crate::domain::demo::attendees(1, 1).remove(0);
        let person = Attendee {
            thursday: true,
            friday: false,
            member_org: None,
            session_choice: Some("sessie-1".into()),
            visit_choice: None,
            bus: false,
            ..a
        };
        assert_eq!(eligibility(&lists[0], &person), None);
        assert_eq!(
            eligibility(&lists[1], &person),
            Some(NotOnList::NotRegisteredForDay)
        );
        let members = lists
            .iter()
            .find(|l| l.kind == ListKind::Members)
            .expect("alv");
        assert_eq!(eligibility(members, &person), Some(NotOnList::NotAMember));
        let member = Attendee {
            member_org: Some("lid-1".into()),
            ..person.clone()
        };
        assert_eq!(eligibility(members, &member), None);
        let session = |item: &str| CheckinList {
            id: format!("sessie-{item}"),
            name: "Sessie".into(),
            kind: ListKind::Session,
            day: None,
            item_id: Some(item.into()),
            position: 5,
        };
        assert_eq!(eligibility(&session("sessie-1"), &person), None);
        assert_eq!(
            eligibility(&session("sessie-2"), &person),
            Some(NotOnList::NotSignedUp)
        );
    }

    #[test]
    fn the_day_list_of_a_date_is_that_days_else_the_nearest_one_ahead_or_the_last() {
        let lists = days(&["2023-12-07", "2023-12-08", "2023-12-11"]);
        let of = |d: &str| day_list_for(&lists, d).map(|l| l.id.as_str());
        assert_eq!(
            of("2023-12-01"),
            Some("day-2023-12-07"),
            "before the first day"
        );
        assert_eq!(of("2023-12-07"), Some("day-2023-12-07"));
        assert_eq!(of("2023-12-08"), Some("day-2023-12-08"));
        assert_eq!(
            of("2023-12-09"),
            Some("day-2023-12-11"),
            "a day off: the next day"
        );
        assert_eq!(
            of("2024-01-01"),
            Some("day-2023-12-11"),
            "after the last day"
        );
        // The members' list has a day too, but is never the day list.
        assert!(lists.iter().any(|l| l.kind == ListKind::Members));
        assert_eq!(day_list_for(&lists[3..], "2023-12-08"), None);
    }
}
