//! Check-in lists and check-ins as values, and their rules without a database: the lists,
//! the payloads of `checkin.in`, `checkin.out`, `checkin.undone` and `scan.failed`, who is
//! present given a person's history, and who may be checked in where (the operations are
//! in `app::checkin`, the tables in `store::checkins`).
//!
//! Rules: staff pick the list; someone already present is not checked in twice (the earlier
//! check-in is shown); someone not registered for the list's day, or not a member on the
//! members' list, needs an override with a reason; an override on the members' list never
//! counts for presence, votes or quorum. Undo needs a reason.

use crate::domain::cancellation::Cancellation;
use crate::domain::register::Attendee;
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
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ListKind::Day => "day",
            ListKind::Members => "members",
            ListKind::Session => "session",
            ListKind::Bus => "bus",
            ListKind::Other => "other",
        }
    }

    pub(crate) fn parse(s: &str) -> ListKind {
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
        cancellation: Option<Cancellation>,
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

/// What eligibility needs beyond the register, read once per list: the people named as a
/// member's representative (they belong on the members' list), who rides which bus, and
/// whose registration is cancelled (they belong on no list).
#[derive(Debug, Default)]
pub(crate) struct Eligibility {
    pub(crate) named: std::collections::HashSet<String>,
    /// Person → the `item_id` of the bus they ride (`visit#bus`).
    pub(crate) seats: std::collections::HashMap<String, String>,
    pub(crate) cancelled: std::collections::HashMap<String, Cancellation>,
}

impl Eligibility {
    /// The person's cancellation, when their registration is cancelled.
    pub(crate) fn cancellation(&self, attendee_id: &str) -> Option<&Cancellation> {
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

/// One line of a list's roster: everyone who belongs on it, in Dutch order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RosterLine {
    pub attendee_id: String,
    /// "Hoogen, Rachel van den"
    pub listing_name: String,
    pub organisation: String,
    pub badge_code: String,
    pub present: bool,
    /// When present: arrival time (RFC 3339 UTC).
    pub since: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn days(dates: &[&str]) -> Vec<CheckinList> {
        let days: Vec<(String, String)> = dates
            .iter()
            .map(|d| ((*d).to_string(), format!("Dag {d}")))
            .collect();
        default_lists(&days)
    }

    pub(crate) fn record(
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
    pub(crate) fn presence_is_the_last_run_of_check_ins_and_undone_ones_do_not_count() {
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
    pub(crate) fn eligibility_follows_days_membership_and_sign_ups() {
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
    pub(crate) fn the_day_list_of_a_date_is_that_days_else_the_nearest_one_ahead_or_the_last() {
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
