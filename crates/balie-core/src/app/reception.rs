//! The reception desk's operations on a running [`Balie`]: the register, search, check-in
//! lists, check-ins, the staff member on shift and the desk's name.

use crate::app::Balie;
use crate::domain::badge;
use crate::domain::checkin::CheckinList;
use crate::domain::checkin::CheckinOutcome;
use crate::domain::checkin::CheckinRecord;
use crate::domain::checkin::CheckinSource;
use crate::domain::checkin::ListCounter;
use crate::domain::checkin::ListKind;
use crate::domain::checkin::NotOnList;
use crate::domain::checkin::Presence;
use crate::domain::error::{Error, Result};
use crate::domain::events::kinds;
use crate::domain::message::Msg;
use crate::domain::names;
use crate::domain::search::{SearchIndex, Searchable, Tier};
use crate::store::attendees::{self, Attendee};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The most results the search box shows.
pub const SEARCH_LIMIT: usize = 50;

/// Matches are counted up to this many; past it the desk says "meer dan 1.000".
pub const COUNT_LIMIT: usize = 1000;

/// What the search box shows: the best hits and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeskSearch {
    pub hits: Vec<DeskHit>,
    /// How many people match, counted up to [`COUNT_LIMIT`].
    #[ts(type = "number")]
    pub total: u64,
    /// More than `total` match.
    pub more: bool,
    /// The search index is still being built (just after the start or an import): no
    /// hits yet; ask again in a moment. Badge codes work meanwhile.
    pub building: bool,
}

/// A person as entered in the desk's form (new or edited).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttendeeInput {
    pub first_name: String,
    pub tussenvoegsel: String,
    pub last_name: String,
    pub organisation: String,
    pub email: String,
    pub function: String,
    pub member_org: Option<String>,
    pub thursday: bool,
    pub friday: bool,
    pub dinner: bool,
    pub session_choice: Option<String>,
    pub visit_choice: Option<String>,
    pub bus: bool,
    pub dietary: String,
    pub accessibility: String,
    pub speaker: bool,
    pub guest: bool,
}

/// One search result at the desk, with where the person stands on the chosen list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeskHit {
    pub attendee: Attendee,
    /// "Rachel van den Hoogen"
    pub written_name: String,
    /// "Hoogen, Rachel van den"
    pub listing_name: String,
    pub tier: Tier,
    /// Why the person is not on this list, if so.
    pub not_on_list: Option<NotOnList>,
    pub presence: Presence,
    /// On the members' list: "vertegenwoordigt Bibliotheek X · houdt volmachten van A en B".
    pub alv_note: Option<Msg>,
    /// The registration was cancelled: when, why and by whom.
    pub cancelled: Option<crate::domain::cancellation::Cancellation>,
}

/// Which congress day it is at the venue, and the day list the desk opens on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Today {
    /// `YYYY-MM-DD` at the venue, from the store's clock and the congress's offset.
    pub date: String,
    /// The day list of today (before the first day the first, after the last the last).
    pub day_list: Option<String>,
    /// The venue's offset from UTC (`+01:00`): the UI shows times and dates at it.
    pub utc_offset: String,
}

fn trimmed(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn opt(s: Option<String>) -> Option<String> {
    s.map(|v| trimmed(&v)).filter(|v| !v.is_empty())
}

/// A plausible e-mail address: one @, something before it, a dot in the domain, no spaces.
pub(crate) fn plausible_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !e.chars().any(char::is_whitespace)
}

impl AttendeeInput {
    /// Cleans the input and checks it; all problems at once, each naming its field.
    pub(crate) fn validated(self) -> Result<AttendeeInput> {
        let input = AttendeeInput {
            first_name: trimmed(&self.first_name),
            tussenvoegsel: trimmed(&self.tussenvoegsel),
            last_name: trimmed(&self.last_name),
            organisation: trimmed(&self.organisation),
            email: self.email.trim().to_string(),
            function: trimmed(&self.function),
            member_org: opt(self.member_org),
            session_choice: opt(self.session_choice),
            visit_choice: opt(self.visit_choice),
            dietary: trimmed(&self.dietary),
            accessibility: trimmed(&self.accessibility),
            ..self
        };
        use crate::domain::limits::{check_key, EMAIL, LINE, NAME, NOTE};
        let mut problems: Vec<Msg> = [
            ("field.firstName", input.first_name.as_str(), NAME),
            ("field.tussenvoegsel", &input.tussenvoegsel, NAME),
            ("field.lastName", &input.last_name, NAME),
            ("field.email", &input.email, EMAIL),
            ("field.organisation", &input.organisation, LINE),
            ("field.function", &input.function, LINE),
            (
                "field.member",
                input.member_org.as_deref().unwrap_or(""),
                LINE,
            ),
            (
                "field.session",
                input.session_choice.as_deref().unwrap_or(""),
                LINE,
            ),
            (
                "field.visit",
                input.visit_choice.as_deref().unwrap_or(""),
                LINE,
            ),
            ("field.dietary", &input.dietary, NOTE),
            ("field.accessibility", &input.accessibility, NOTE),
        ]
        .into_iter()
        .filter_map(|(key, value, max)| check_key(key, value, max))
        .collect();
        if input.first_name.is_empty() {
            problems.push(Msg::new("err.person.firstName", []));
        }
        if input.last_name.is_empty() {
            problems.push(Msg::new("err.person.lastName", []));
        }
        if !input.email.is_empty() && !plausible_email(&input.email) {
            problems.push(Msg::new(
                "err.person.email",
                [("email", input.email.as_str().into())],
            ));
        }
        if !input.thursday && !input.friday {
            problems.push(Msg::new("err.person.days", []));
        }
        if input.bus && input.visit_choice.is_none() {
            problems.push(Msg::new("err.person.bus", []));
        }
        match Msg::joined(problems) {
            None => Ok(input),
            Some(all) => Err(Error::said("deelnemer", "err.all", [("all", all.into())])),
        }
    }

    fn into_attendee(self, id: String, badge_code: String, walk_in: bool) -> Attendee {
        Attendee {
            id,
            first_name: self.first_name,
            tussenvoegsel: self.tussenvoegsel,
            last_name: self.last_name,
            organisation: self.organisation,
            email: self.email,
            function: self.function,
            member_org: self.member_org,
            thursday: self.thursday,
            friday: self.friday,
            dinner: self.dinner,
            session_choice: self.session_choice,
            visit_choice: self.visit_choice,
            bus: self.bus,
            dietary: self.dietary,
            accessibility: self.accessibility,
            speaker: self.speaker,
            guest: self.guest,
            badge_code,
            walk_in,
        }
    }
}

pub fn searchable(a: &Attendee) -> Searchable {
    Searchable {
        id: a.id.clone(),
        first_name: a.first_name.clone(),
        tussenvoegsel: a.tussenvoegsel.clone(),
        last_name: a.last_name.clone(),
        organisation: a.organisation.clone(),
        email: a.email.clone(),
        badge_code: a.badge_code.clone(),
    }
}

/// [`searchable`] of a record no longer needed (its strings are moved, not copied).
pub fn searchable_owned(a: Attendee) -> Searchable {
    Searchable {
        id: a.id,
        first_name: a.first_name,
        tussenvoegsel: a.tussenvoegsel,
        last_name: a.last_name,
        organisation: a.organisation,
        email: a.email,
        badge_code: a.badge_code,
    }
}

pub fn build_index(people: &[Attendee]) -> SearchIndex {
    let s: Vec<Searchable> = people.iter().map(searchable).collect();
    SearchIndex::build(&s)
}

impl Balie {
    pub(crate) fn require_staff(&self) -> Result<()> {
        if self.store().staff().is_empty() {
            return Err(Error::said("medewerker", "err.staff.first", []));
        }
        Ok(())
    }

    /// Starts a shift: every event from now on carries this name.
    pub fn set_staff(&mut self, name: &str) -> Result<()> {
        let name = trimmed(name);
        if name.is_empty() {
            return Err(Error::said("medewerker", "err.staff.empty", []));
        }
        if name.chars().count() > 60 {
            return Err(Error::said("medewerker", "err.staff.long", []));
        }
        self.store_mut().set_staff(&name);
        Ok(())
    }

    pub fn staff(&self) -> String {
        self.store().staff().to_string()
    }

    /// Renames this desk (kept in `desk.json`; events carry the new name from now on).
    pub fn set_desk_name(&mut self, name: &str) -> Result<()> {
        let name = trimmed(name);
        if name.is_empty() || name.chars().count() > 40 {
            return Err(Error::said("bureaunaam", "err.deskName", []));
        }
        let dir = self.data_dir().to_path_buf();
        self.store_mut().rename_desk(&dir, &name)
    }

    pub fn lists(&self) -> Result<Vec<CheckinList>> {
        crate::store::checkins::lists(self.store().conn())
    }

    /// Today at the venue: the one place "today" is decided (the clock, the congress's
    /// offset), for the desk's default list, the CLI and the warnings about another day.
    pub fn today(&self) -> Result<Today> {
        let utc_offset = self.congress()?.info.utc_offset;
        let date = crate::domain::clock::local_date(self.store().clock().now(), &utc_offset);
        let lists = self.lists()?;
        let day_list = crate::domain::checkin::day_list_for(&lists, &date).map(|l| l.id.clone());
        Ok(Today {
            date,
            day_list,
            utc_offset,
        })
    }

    /// Adds a check-in list for a programme session (who attends) or a bus (who boards).
    /// The id follows from the item, so the same list made at two desks merges into one.
    pub fn add_list(&mut self, kind: ListKind, item_id: &str) -> Result<CheckinList> {
        let (prefix, label) = match kind {
            ListKind::Session => ("session", "Sessie"),
            ListKind::Bus => ("bus", "Bus"),
            _ => return Err(Error::said("soort", "err.list.kind", [])),
        };
        let programme = crate::store::programme::read(self.store().conn())?;
        let Some(item) = programme.all_items().find(|i| i.id == item_id) else {
            return Err(Error::said(
                "onderdeel",
                "err.list.noItem",
                [("id", item_id.into())],
            ));
        };
        if kind == ListKind::Bus && !item.bus_offered {
            return Err(Error::said(
                "onderdeel",
                "err.bus.notOffered",
                [("title", item.title.as_str().into())],
            ));
        }
        let existing = crate::store::checkins::lists(self.store().conn())?;
        let id = format!("{prefix}-{item_id}");
        if existing.iter().any(|l| l.id == id) {
            return Err(Error::said("lijst", "err.list.exists", [("id", id.into())]));
        }
        let short = item.aliases.first().unwrap_or(&item.title);
        let list = CheckinList {
            id,
            name: format!("{label}: {short}"),
            kind,
            day: None,
            item_id: Some(item_id.to_string()),
            position: existing.iter().map(|l| l.position).max().unwrap_or(0) + 1,
        };
        self.store_mut()
            .write(|w| w.append(kinds::LIST_CREATED, &list.id, &list))?;
        Ok(list)
    }

    pub fn counters(&self) -> Result<Vec<ListCounter>> {
        crate::app::checkin::counters(self.store().conn())
    }

    /// The search box: the top 50, each with where they stand on `list_id`.
    pub fn desk_search(&self, query: &str, list_id: &str) -> Result<Vec<DeskHit>> {
        self.desk_search_counted(query, list_id).map(|s| s.hits)
    }

    /// [`Balie::desk_search`] with how many match in all (up to [`COUNT_LIMIT`]): the
    /// best 50 of all matches, name matches first.
    pub fn desk_search_counted(&self, query: &str, list_id: &str) -> Result<DeskSearch> {
        self.desk_search_in(self.search_index()?, query, list_id)
    }

    /// [`Balie::desk_search_counted`] without waiting for an index being built: then no
    /// hits and `building` (the window says so and asks again).
    pub fn desk_search_now(&self, query: &str, list_id: &str) -> Result<DeskSearch> {
        match self.search_index_if_ready() {
            Some(index) => self.desk_search_in(&index, query, list_id),
            None => {
                // The list must exist all the same.
                crate::store::checkins::list(self.store().conn(), list_id)?;
                Ok(DeskSearch {
                    hits: Vec::new(),
                    total: 0,
                    more: false,
                    building: true,
                })
            }
        }
    }

    fn desk_search_in(
        &self,
        index: &crate::domain::search::SearchIndex,
        query: &str,
        list_id: &str,
    ) -> Result<DeskSearch> {
        let conn = self.store().conn();
        let list = crate::store::checkins::list(conn, list_id)?;
        let crate::domain::search::Found {
            hits: found,
            total,
            more,
        } = index.find(query, SEARCH_LIMIT, COUNT_LIMIT);
        let ids: Vec<String> = found.iter().map(|(id, _)| id.clone()).collect();
        let mut people = attendees::get_many(conn, &ids)?;
        let histories = crate::store::checkins::histories(conn, &list.id, &ids)?;
        let rules = crate::domain::checkin::Eligibility::for_list(conn, &list)?;
        let mut notes = if list.kind == ListKind::Members {
            self.door_notes(&ids)?
        } else {
            Default::default()
        };
        let mut hits = Vec::with_capacity(found.len());
        for (id, tier) in found {
            let Some(attendee) = people.remove(&id) else {
                continue;
            };
            let history = histories.get(&id).map_or(&[][..], Vec::as_slice);
            hits.push(DeskHit {
                written_name: names::written_name(
                    &attendee.first_name,
                    &attendee.tussenvoegsel,
                    &attendee.last_name,
                ),
                listing_name: names::listing_name(
                    &attendee.first_name,
                    &attendee.tussenvoegsel,
                    &attendee.last_name,
                ),
                tier,
                not_on_list: rules.check(&list, &attendee),
                cancelled: rules.cancellation(&id).cloned(),
                presence: crate::domain::checkin::presence_from(history, &list),
                alv_note: notes.remove(&id),
                attendee,
            });
        }
        Ok(DeskSearch {
            hits,
            total: total as u64,
            more,
            building: false,
        })
    }

    pub fn check_in(
        &mut self,
        list_id: &str,
        attendee_id: &str,
        override_reason: Option<&str>,
        source: CheckinSource,
    ) -> Result<CheckinOutcome> {
        self.require_staff()?;
        self.store_mut().write(|w| {
            crate::app::checkin::check_in(w, list_id, attendee_id, override_reason, source)
        })
    }

    /// Checks in by badge code. An unknown or mistyped code is logged as a failed scan and
    /// reported.
    pub fn check_in_by_code(
        &mut self,
        list_id: &str,
        code: &str,
        override_reason: Option<&str>,
        source: CheckinSource,
    ) -> Result<CheckinOutcome> {
        self.require_staff()?;
        let found = match badge::normalise(code) {
            Some(c) => attendees::by_badge(self.store().conn(), &c)?,
            None => None,
        };
        match found {
            Some(a) => self.check_in(list_id, &a.id, override_reason, source),
            None => {
                self.store_mut()
                    .write(|w| crate::app::checkin::failed_scan(w, list_id, code))?;
                let key = if badge::normalise(code).is_some() {
                    "err.code.nobody"
                } else {
                    "err.code.misread"
                };
                Err(Error::said(
                    "badgecode",
                    key,
                    [("code", code.trim().into())],
                ))
            }
        }
    }

    /// The person with this badge code (typed or scanned; case, dashes and look-alikes are
    /// forgiven).
    pub fn attendee_by_code(&self, code: &str) -> Result<Attendee> {
        let found = match badge::normalise(code) {
            Some(c) => attendees::by_badge(self.store().conn(), &c)?,
            None => None,
        };
        found.ok_or_else(|| {
            Error::said(
                "badgecode",
                "err.code.unknown",
                [("code", code.trim().into())],
            )
        })
    }

    pub fn check_out(&mut self, list_id: &str, attendee_id: &str) -> Result<CheckinRecord> {
        self.require_staff()?;
        self.store_mut()
            .write(|w| crate::app::checkin::check_out(w, list_id, attendee_id))
    }

    pub fn undo_checkin(&mut self, event_id: &str, reason: &str) -> Result<CheckinRecord> {
        self.require_staff()?;
        self.store_mut()
            .write(|w| crate::app::checkin::undo(w, event_id, reason))
    }

    /// Adds a person (a late registration) with a new badge code.
    pub fn add_attendee(&mut self, input: AttendeeInput) -> Result<Attendee> {
        self.require_staff()?;
        let input = input.validated()?;
        let attendee = self.new_attendee(input, false)?;
        self.store_mut()
            .write(|w| w.append(kinds::ATTENDEE_REGISTERED, &attendee.id, &attendee))?;
        self.refresh_search()?;
        Ok(attendee)
    }

    /// A new register record from validated input: refuses an e-mail address already in the
    /// register, draws an unused badge code. Writes nothing.
    pub(crate) fn new_attendee(&self, input: AttendeeInput, walk_in: bool) -> Result<Attendee> {
        let conn = self.store().conn();
        if !input.email.is_empty() {
            if let Some(other) = attendees::by_email(conn, &input.email)? {
                return Err(Error::said(
                    "E-mailadres",
                    "err.email.taken",
                    [
                        ("email", input.email.as_str().into()),
                        ("name", other.display_name().into()),
                    ],
                ));
            }
        }
        let code = loop {
            let c = badge::generate()?;
            if attendees::by_badge(conn, &c)?.is_none() {
                break c;
            }
        };
        Ok(input.into_attendee(uuid::Uuid::now_v7().to_string(), code, walk_in))
    }

    /// Registers many people in one transaction (all or nothing): the bulk path that the
    /// spreadsheet import and the benchmarks use. Records are taken as they are.
    pub fn register_attendees(&mut self, people: &[Attendee]) -> Result<()> {
        self.store_mut().write(|w| {
            for a in people {
                w.append(kinds::ATTENDEE_REGISTERED, &a.id, a)?;
            }
            Ok(())
        })?;
        self.refresh_search()
    }

    /// Replaces a person's details; the badge code and id stay.
    pub fn edit_attendee(&mut self, id: &str, input: AttendeeInput) -> Result<Attendee> {
        self.require_staff()?;
        let input = input.validated()?;
        let conn = self.store().conn();
        let current = attendees::get(conn, id)?;
        if !input.email.is_empty() {
            if let Some(other) = attendees::by_email(conn, &input.email)?.filter(|o| o.id != id) {
                return Err(Error::said(
                    "E-mailadres",
                    "err.email.other",
                    [
                        ("email", input.email.as_str().into()),
                        ("name", other.display_name().into()),
                    ],
                ));
            }
        }
        let attendee = input.into_attendee(current.id, current.badge_code, current.walk_in);
        self.store_mut()
            .write(|w| w.append(kinds::ATTENDEE_EDITED, &attendee.id, &attendee))?;
        self.refresh_search()?;
        Ok(attendee)
    }
}
