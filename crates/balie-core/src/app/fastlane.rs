//! The desk's fast lane: walk-ins registered and checked in in one go, check-ins entered
//! afterwards from a ticked paper list (with the time on paper), the arrival chart, the roster
//! of a list, and the self check-in kiosk (leaving it needs a PIN).

use crate::app::reception::{AttendeeInput, DeskHit};
use crate::app::Balie;
use crate::domain::badge;
use crate::domain::checkin::ArrivalChart;
use crate::domain::checkin::CheckinList;
use crate::domain::checkin::CheckinOutcome;
use crate::domain::checkin::CheckinRecord;
use crate::domain::checkin::CheckinSource;
use crate::domain::checkin::ListKind;
use crate::domain::checkin::NotOnList;
use crate::domain::checkin::PaperEntry;
use crate::domain::checkin::RosterLine;
use crate::domain::error::{Error, Result};
use crate::domain::events::kinds;
use crate::domain::message::Msg;
use crate::domain::names;
use crate::store::attendees::{self, Attendee};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use ts_rs::TS;

/// The minimal form for someone who turns up unregistered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WalkInInput {
    pub first_name: String,
    pub tussenvoegsel: String,
    pub last_name: String,
    pub organisation: String,
    /// Optional; when given it must be new to the register.
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum WalkInOutcome {
    /// Registered (marked as walk-in) and checked in, in one transaction.
    CheckedIn {
        attendee: Box<Attendee>,
        record: Box<CheckinRecord>,
    },
    /// People with the same name are already in the register: nothing was written. Check one
    /// of them in, or confirm that this is someone else.
    Similar { people: Vec<DeskHit> },
}

/// A batch of check-ins ticked on a paper list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PaperInput {
    pub list_id: String,
    /// `YYYY-MM-DD`; empty means the list's own day.
    pub date: String,
    /// `HH:MM` local time at the congress, as ticked or written on the paper list.
    pub time: String,
    /// Which paper list and why ("lijst balie 2, laptop uitgevallen 09:05–09:40").
    pub note: String,
    pub attendee_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PaperLine {
    pub attendee_id: String,
    pub name: String,
    /// The new paper entry, or the earlier check-in that made it unnecessary.
    pub record: CheckinRecord,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PaperResult {
    pub entered: Vec<PaperLine>,
    /// Already checked in (at a desk, or by an earlier entry): nothing written for them.
    pub skipped: Vec<PaperLine>,
}

/// The kiosk as the window needs to know it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KioskState {
    pub list_id: String,
    pub list_name: String,
    /// The list, for the window to name it in its language.
    pub list: CheckinList,
}

/// A person the kiosk offers after a typed name: no e-mail, no badge code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KioskHit {
    pub attendee_id: String,
    pub name: String,
    pub organisation: String,
}

/// What the kiosk tells the attendee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum KioskOutcome {
    /// Checked in. `see_desk` when staff have something for them (speaker, guest, diet, access).
    Welcome {
        first_name: String,
        name: String,
        time: String,
        see_desk: bool,
    },
    /// Was already checked in: nothing written. `date` (`YYYY-MM-DD` at the venue) when
    /// that was on another day than today (a list for the whole congress).
    AlreadyIn {
        first_name: String,
        time: String,
        date: Option<String>,
    },
    /// Not on this list: only staff can make an exception.
    SeeDesk { first_name: String, why: NotOnList },
    /// The code is unknown or misread; logged as a failed scan.
    UnknownCode,
}

/// The kiosk's private state: the list and the salted PIN hash.
#[derive(Clone)]
pub(crate) struct Kiosk {
    list: CheckinList,
    salt: [u8; 16],
    pin_hash: [u8; 32],
    failures: u32,
    /// On the monotonic clock: a lockout runs out also when the congress clock is fixed.
    locked_until: Option<std::time::Instant>,
}

const KIOSK_MAX_FAILURES: u32 = 5;

const KIOSK_LOCK_SECONDS: u64 = 60;

const KIOSK_HITS: usize = 6;

fn pin_hash(salt: &[u8], pin: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(salt);
    h.update(pin.as_bytes());
    h.finalize().into()
}

fn valid_pin(pin: &str) -> bool {
    (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

/// Compares without stopping at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Balie {
    /// Registers someone who turns up unregistered and checks them in on a day list, in one
    /// transaction. Someone with the same name already in the register is offered first
    /// (`Similar`) unless `confirmed_new`.
    pub fn register_walk_in(
        &mut self,
        input: WalkInInput,
        list_id: &str,
        confirmed_new: bool,
    ) -> Result<WalkInOutcome> {
        self.require_staff()?;
        let conn = self.store().conn();
        let list = crate::store::checkins::list(conn, list_id)?;
        if list.kind != ListKind::Day {
            return Err(Error::said(
                "lijst",
                "err.walkIn.dayList",
                [("list", list.name.as_str().into())],
            ));
        }
        // The same checks and cleaning as the full form; the day follows from the list.
        let full = AttendeeInput {
            first_name: input.first_name,
            tussenvoegsel: input.tussenvoegsel,
            last_name: input.last_name,
            organisation: input.organisation,
            email: input.email,
            thursday: list.position == 0,
            friday: list.position == 1,
            ..AttendeeInput::default()
        };
        let full = full.validated()?;
        if !confirmed_new {
            let first = names::fold(&full.first_name);
            let last = names::fold(&format!("{} {}", full.tussenvoegsel, full.last_name));
            let query = format!("{} {}", full.first_name, full.last_name);
            let same_name: Vec<DeskHit> = self
                .desk_search(&query, &list.id)?
                .into_iter()
                .filter(|h| {
                    names::fold(&h.attendee.first_name) == first
                        && names::fold(&format!(
                            "{} {}",
                            h.attendee.tussenvoegsel, h.attendee.last_name
                        )) == last
                })
                .collect();
            if !same_name.is_empty() {
                return Ok(WalkInOutcome::Similar { people: same_name });
            }
        }
        let attendee = self.new_attendee(full, true)?;
        let record = self.store_mut().write(|w| {
            w.append(kinds::ATTENDEE_REGISTERED, &attendee.id, &attendee)?;
            match crate::app::checkin::check_in(
                w,
                &list.id,
                &attendee.id,
                None,
                CheckinSource::WalkIn,
            )? {
                CheckinOutcome::CheckedIn { record, .. } => Ok(record),
                _ => Err(Error::Internal(
                    "een nieuwe inloper kon niet worden ingecheckt".into(),
                )),
            }
        })?;
        self.refresh_search()?;
        Ok(WalkInOutcome::CheckedIn {
            attendee: Box::new(attendee),
            record: Box::new(record),
        })
    }

    /// Enters check-ins ticked on a paper list, all in one transaction, each with the time on
    /// paper and the note; people already checked in are skipped and listed.
    pub fn enter_paper_checkins(&mut self, input: &PaperInput) -> Result<PaperResult> {
        self.require_staff()?;
        let conn = self.store().conn();
        let list = crate::store::checkins::list(conn, &input.list_id)?;
        let note = clean(&input.note);
        if note.is_empty() {
            return Err(Error::said("bron", "err.paper.source", []));
        }
        let time = self.paper_time(&list, &input.date, &input.time)?;
        let mut ids: Vec<&str> = Vec::new();
        for id in &input.attendee_ids {
            if !ids.contains(&id.as_str()) {
                ids.push(id);
            }
        }
        if ids.is_empty() {
            return Err(Error::said("personen", "err.paper.nobody", []));
        }
        let people = attendees::get_many(conn, &input.attendee_ids)?;
        let rules = crate::domain::checkin::Eligibility::for_list(conn, &list)?;
        let mut problems = Vec::new();
        for id in &ids {
            match people.get(*id) {
                None => problems.push(Msg::new("err.person.none", [("id", (*id).into())])),
                Some(a) => {
                    if let Some(why) = rules.check(&list, a) {
                        problems.push(Msg::new(
                            "err.paper.notOnList",
                            [("name", a.display_name().into()), ("why", why.msg().into())],
                        ));
                    }
                }
            }
        }
        if let Some(all) = Msg::joined(problems) {
            return Err(Error::said("personen", "err.all", [("all", all.into())]));
        }
        self.store_mut().write(|w| {
            let mut result = PaperResult {
                entered: Vec::new(),
                skipped: Vec::new(),
            };
            for id in ids {
                let paper = PaperEntry {
                    time: time.clone(),
                    note: note.clone(),
                };
                let outcome = crate::app::checkin::check_in_with(
                    w,
                    &list.id,
                    id,
                    None,
                    CheckinSource::Paper,
                    Some(paper),
                )?;
                match outcome {
                    CheckinOutcome::CheckedIn {
                        record, attendee, ..
                    } => result.entered.push(PaperLine {
                        attendee_id: attendee.id.clone(),
                        name: attendee.display_name(),
                        record,
                    }),
                    CheckinOutcome::AlreadyCheckedIn { earlier, attendee } => {
                        result.skipped.push(PaperLine {
                            attendee_id: attendee.id.clone(),
                            name: attendee.display_name(),
                            record: earlier,
                        });
                    }
                    CheckinOutcome::NeedsOverride { attendee, .. } => {
                        return Err(Error::Internal(format!(
                            "{} kwam toch niet door de lijstcontrole",
                            attendee.display_name()
                        )))
                    }
                }
            }
            Ok(result)
        })
    }

    /// The instant of a paper entry: `date` (or the list's day) at local `hhmm`, not later
    /// than now.
    fn paper_time(&self, list: &CheckinList, date: &str, hhmm: &str) -> Result<String> {
        let congress = self.programme()?.congress;
        let date = match date.trim() {
            "" => list
                .day
                .clone()
                .ok_or_else(|| Error::said("datum", "err.paper.noDay", []))?,
            d => d.to_string(),
        };
        let hhmm = hhmm.trim();
        let valid_time = hhmm.len() == 5
            && hhmm.as_bytes()[2] == b':'
            && hhmm[..2].parse::<u8>().is_ok_and(|h| h < 24)
            && hhmm[3..].parse::<u8>().is_ok_and(|m| m < 60);
        if !valid_time {
            return Err(Error::said(
                "tijd",
                "err.paper.time",
                [("time", hhmm.into())],
            ));
        }
        let offset = congress.info.utc_offset;
        let at = OffsetDateTime::parse(&format!("{date}T{hhmm}:00{offset}"), &Rfc3339).map_err(
            |_| Error::said("datum", "err.paper.date", [("date", date.as_str().into())]),
        )?;
        if at > self.store().clock().now() {
            return Err(Error::said(
                "tijd",
                "err.paper.future",
                [("date", date.as_str().into()), ("time", hhmm.into())],
            ));
        }
        Ok(crate::domain::clock::rfc3339(at))
    }

    /// Arrivals per 10 minutes on a list.
    pub fn arrivals(&self, list_id: &str) -> Result<ArrivalChart> {
        crate::app::checkin::arrivals(self.store().conn(), list_id, 10)
    }

    /// Everyone who belongs on `list_id`, alphabetically on last name without tussenvoegsel,
    /// with whether they are present. People present through an override are included.
    pub fn roster(&self, list_id: &str) -> Result<Vec<RosterLine>> {
        let conn = self.store().conn();
        let list = crate::store::checkins::list(conn, list_id)?;
        let people = attendees::all(conn)?;
        let ids: Vec<String> = people.iter().map(|a| a.id.clone()).collect();
        let histories = crate::store::checkins::histories(conn, &list.id, &ids)?;
        let rules = crate::domain::checkin::Eligibility::for_list(conn, &list)?;
        let mut lines: Vec<(String, RosterLine)> = people
            .into_iter()
            .filter_map(|a| {
                let history = histories.get(&a.id).map_or(&[][..], Vec::as_slice);
                let presence = crate::domain::checkin::presence_from(history, &list);
                if rules.check(&list, &a).is_some() && !presence.present {
                    return None;
                }
                let key = names::sort_key(&a.first_name, &a.tussenvoegsel, &a.last_name);
                Some((
                    key,
                    RosterLine {
                        listing_name: names::listing_name(
                            &a.first_name,
                            &a.tussenvoegsel,
                            &a.last_name,
                        ),
                        organisation: a.organisation,
                        badge_code: a.badge_code,
                        present: presence.present,
                        since: presence.since.map(|r| r.arrived_at().to_string()),
                        attendee_id: a.id,
                    },
                ))
            })
            .collect();
        lines.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.1.attendee_id.cmp(&b.1.attendee_id))
        });
        Ok(lines.into_iter().map(|(_, l)| l).collect())
    }

    /// Starts the self check-in kiosk on `list_id`; leaving needs `pin` (4 to 8 digits).
    pub fn enter_kiosk(&mut self, list_id: &str, pin: &str) -> Result<KioskState> {
        self.require_staff()?;
        let list = crate::store::checkins::list(self.store().conn(), list_id)?;
        if !valid_pin(pin) {
            return Err(Error::said("pincode", "err.kiosk.pinChoose", []));
        }
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt)
            .map_err(|e| Error::Internal(format!("geen willekeurige bron beschikbaar: {e}")))?;
        let state = KioskState {
            list_id: list.id.clone(),
            list_name: list.name.clone(),
            list: list.clone(),
        };
        self.kiosk = Some(Kiosk {
            list,
            pin_hash: pin_hash(&salt, pin),
            salt,
            failures: 0,
            locked_until: None,
        });
        Ok(state)
    }

    pub fn kiosk_state(&self) -> Option<KioskState> {
        self.kiosk.as_ref().map(|k| KioskState {
            list_id: k.list.id.clone(),
            list_name: k.list.name.clone(),
            list: k.list.clone(),
        })
    }

    /// Leaves the kiosk with the PIN. After five wrong PINs the kiosk waits a minute.
    pub fn leave_kiosk(&mut self, pin: &str) -> Result<()> {
        self.leave_kiosk_at(pin, std::time::Instant::now())
    }

    /// [`Balie::leave_kiosk`] at the monotonic instant `now`.
    fn leave_kiosk_at(&mut self, pin: &str, now: std::time::Instant) -> Result<()> {
        let Some(kiosk) = self.kiosk.as_mut() else {
            return Ok(());
        };
        if let Some(until) = kiosk.locked_until.filter(|u| *u > now) {
            let secs = (until - now).as_secs_f64().ceil().max(1.0);
            return Err(Error::said(
                "pincode",
                "err.kiosk.locked",
                [("count", secs.into())],
            ));
        }
        if same(&pin_hash(&kiosk.salt, pin.trim()), &kiosk.pin_hash) {
            self.kiosk = None;
            return Ok(());
        }
        kiosk.failures += 1;
        if kiosk.failures >= KIOSK_MAX_FAILURES {
            kiosk.failures = 0;
            kiosk.locked_until = Some(now + std::time::Duration::from_secs(KIOSK_LOCK_SECONDS));
        }
        Err(Error::said("pincode", "err.kiosk.pinWrong", []))
    }

    fn kiosk_list(&self) -> Result<CheckinList> {
        self.kiosk
            .as_ref()
            .map(|k| k.list.clone())
            .ok_or_else(|| Error::said("kiosk", "err.kiosk.off", []))
    }

    /// Names for the kiosk's search box: at least three letters, a few hits, no contact data.
    pub fn kiosk_search(&self, query: &str) -> Result<Vec<KioskHit>> {
        self.kiosk_list()?;
        if names::fold(query)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .count()
            < 3
        {
            return Ok(Vec::new());
        }
        let found = self.search_index()?.search(query, KIOSK_HITS);
        let ids: Vec<String> = found.iter().map(|(id, _)| id.clone()).collect();
        let mut people = attendees::get_many(self.store().conn(), &ids)?;
        Ok(ids
            .iter()
            .filter_map(|id| people.remove(id))
            .map(|a| KioskHit {
                name: a.display_name(),
                organisation: a.organisation.clone(),
                attendee_id: a.id,
            })
            .collect())
    }

    /// Self check-in by badge code (scanned or typed) or by a chosen search hit. The same
    /// duplicate rule as the desk; no overrides.
    pub fn kiosk_check_in(
        &mut self,
        attendee_id: Option<&str>,
        code: Option<&str>,
    ) -> Result<KioskOutcome> {
        let list = self.kiosk_list()?;
        let id = match (attendee_id, code) {
            (Some(id), _) => id.to_string(),
            (None, Some(code)) => {
                let found = match badge::normalise(code) {
                    Some(c) => attendees::by_badge(self.store().conn(), &c)?,
                    None => None,
                };
                match found {
                    Some(a) => a.id,
                    None => {
                        self.store_mut()
                            .write(|w| crate::app::checkin::failed_scan(w, &list.id, code))?;
                        return Ok(KioskOutcome::UnknownCode);
                    }
                }
            }
            (None, None) => return Err(Error::said("kiosk", "err.kiosk.nobody", [])),
        };
        let outcome = self.check_in(&list.id, &id, None, CheckinSource::Kiosk)?;
        let hhmm = |r: &CheckinRecord| self.local_time(r.arrived_at());
        Ok(match outcome {
            CheckinOutcome::CheckedIn {
                record,
                attendee,
                attention,
            } => KioskOutcome::Welcome {
                name: attendee.display_name(),
                first_name: attendee.first_name,
                time: hhmm(&record)?,
                see_desk: attention.any(),
            },
            CheckinOutcome::AlreadyCheckedIn { earlier, attendee } => {
                let today = self.today()?;
                let date =
                    crate::domain::clock::local_date_of(earlier.arrived_at(), &today.utc_offset)
                        .filter(|d| *d != today.date);
                KioskOutcome::AlreadyIn {
                    first_name: attendee.first_name,
                    time: hhmm(&earlier)?,
                    date,
                }
            }
            CheckinOutcome::NeedsOverride {
                reason, attendee, ..
            } => KioskOutcome::SeeDesk {
                first_name: attendee.first_name,
                why: reason,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lockout after five wrong PINs runs out after a minute on the monotonic clock,
    /// also when the congress clock stands still (`--now`).
    #[test]
    fn the_kiosk_lockout_runs_out_with_a_fixed_clock() {
        let dir = tempfile::tempdir().expect("dir");
        let mut b = Balie::start(&crate::app::LaunchOptions {
            data_dir: Some(dir.path().to_path_buf()),
            demo: true,
            now: Some("2023-12-07T15:20:00+01:00".into()),
            ..crate::app::LaunchOptions::default()
        })
        .expect("start");
        b.set_staff("Anna").expect("staff");
        b.enter_kiosk("day-2023-12-07", "2023").expect("kiosk");
        let t0 = std::time::Instant::now();
        for _ in 0..KIOSK_MAX_FAILURES {
            b.leave_kiosk_at("0000", t0).expect_err("wrong");
        }
        let e = b
            .leave_kiosk_at("2023", t0 + std::time::Duration::from_secs(59))
            .expect_err("still locked");
        assert!(e.to_string().contains("over 1 seconde opnieuw"), "{e}");
        assert!(b.kiosk_state().is_some());
        b.leave_kiosk_at("2023", t0 + std::time::Duration::from_secs(61))
            .expect("the lock ran out");
        assert!(b.kiosk_state().is_none());
    }

    #[test]
    fn pins_are_digits_and_compared_in_full() {
        assert!(valid_pin("1234"));
        assert!(valid_pin("12345678"));
        assert!(!valid_pin("123"));
        assert!(!valid_pin("123456789"));
        assert!(!valid_pin("12a4"));
        let salt = [7u8; 16];
        assert!(same(&pin_hash(&salt, "2023"), &pin_hash(&salt, "2023")));
        assert!(!same(&pin_hash(&salt, "2023"), &pin_hash(&salt, "2024")));
        assert!(!same(
            &pin_hash(&salt, "2023"),
            &pin_hash(&[8u8; 16], "2023")
        ));
    }
}
