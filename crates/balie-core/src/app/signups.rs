//! Sign-ups for knowledge sessions and work visits: at most one of each per person (the
//! register holds one choice of each), seats per item, and a waiting list. Who has a seat is
//! derived, never stored: people in the order they chose the item (the HLC of the register
//! event that started their current choice), the first `capacity` seated, the rest waiting;
//! when someone leaves, the first on the waiting list moves up.

use crate::app::Balie;
use crate::domain::clock;
use crate::domain::error::{Error, Result};
use crate::domain::events::kinds;
use crate::domain::names;
use crate::domain::programme::ItemKind;
use crate::domain::signups::{self, Since};
use crate::store::attendees::{self, Attendee};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SignupLine {
    pub attendee_id: String,
    /// "Hoogen, Rachel van den"
    pub listing_name: String,
    pub organisation: String,
    /// When the current choice was made, "7 december 2023 om 16:05".
    pub since: String,
    pub bus: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SignupList {
    pub item_id: String,
    pub title: String,
    pub capacity: Option<u32>,
    pub seated: Vec<SignupLine>,
    pub waiting: Vec<SignupLine>,
}

/// Live counts per item for the programme screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ItemCount {
    pub item_id: String,
    pub seated: u32,
    pub waiting: u32,
    pub capacity: Option<u32>,
}

/// The result of a sign-up: seated, or on the waiting list at `position` (1 is next).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SignupOutcome {
    pub list: SignupList,
    pub seated: bool,
    pub position: Option<u32>,
}

fn choice_of(a: &Attendee, kind: ItemKind) -> Option<&str> {
    match kind {
        ItemKind::Session => a.session_choice.as_deref(),
        _ => a.visit_choice.as_deref(),
    }
}

impl Balie {
    /// How many people chose `item_id` (seated and waiting).
    pub(crate) fn signed_up_count(&self, item_id: &str) -> Result<usize> {
        crate::store::signups::count_choosing(self.store().conn(), item_id)
    }

    fn signup_item(
        &self,
        item_id: &str,
    ) -> Result<(crate::domain::programme::ProgrammeItem, String)> {
        let content = crate::store::programme::read(self.store().conn())?;
        for day in &content.days {
            for i in day
                .items
                .iter()
                .flat_map(|i| std::iter::once(i).chain(i.children.iter()))
            {
                if i.id == item_id {
                    if !matches!(i.kind, ItemKind::Session | ItemKind::WorkVisit) {
                        return Err(Error::said(
                            "onderdeel",
                            "err.signup.notSession",
                            [("title", i.title.as_str().into())],
                        ));
                    }
                    return Ok((i.clone(), day.date.clone()));
                }
            }
        }
        Err(Error::said(
            "onderdeel",
            "err.item.none",
            [("id", item_id.into())],
        ))
    }

    /// Who is seated and who waits for a session or work visit, in order.
    pub fn signups(&self, item_id: &str) -> Result<SignupList> {
        let (item, _) = self.signup_item(item_id)?;
        let offset = self.programme()?.congress.info.utc_offset;
        signup_list(self.store().conn(), &item, &offset)
    }

    /// Seats and waiting lists of every session and work visit.
    pub fn programme_counts(&self) -> Result<Vec<ItemCount>> {
        let content = crate::store::programme::read(self.store().conn())?;
        let mut out = Vec::new();
        for item in content
            .all_items()
            .filter(|i| matches!(i.kind, ItemKind::Session | ItemKind::WorkVisit))
        {
            let n = self.signed_up_count(&item.id)? as u32;
            let seated = item.capacity.map_or(n, |c| n.min(c));
            out.push(ItemCount {
                item_id: item.id.clone(),
                seated,
                waiting: n - seated,
                capacity: item.capacity,
            });
        }
        Ok(out)
    }

    /// Signs someone up for a session or work visit (replacing their earlier choice of the
    /// same kind: at most one of each). When it is full, they land on the waiting list.
    pub fn sign_up(&mut self, attendee_id: &str, item_id: &str) -> Result<SignupOutcome> {
        self.require_staff()?;
        let (item, date) = self.signup_item(item_id)?;
        let conn = self.store().conn();
        let mut person = attendees::get(conn, attendee_id)?;
        let days: Vec<String> = crate::store::programme::read(conn)?
            .days
            .into_iter()
            .map(|d| d.date)
            .collect();
        let on_day = match days.iter().position(|d| *d == date) {
            Some(0) => person.thursday,
            Some(1) => person.friday,
            _ => true,
        };
        if !on_day {
            return Err(Error::said(
                "aanmelding",
                "err.signup.notThatDay",
                [
                    ("name", person.display_name().into()),
                    ("title", item.title.as_str().into()),
                ],
            ));
        }
        if choice_of(&person, item.kind) != Some(item_id) {
            match item.kind {
                ItemKind::Session => person.session_choice = Some(item_id.to_string()),
                _ => {
                    person.visit_choice = Some(item_id.to_string());
                    person.bus = person.bus && item.bus_offered;
                }
            }
            self.store_mut()
                .write(|w| w.append(kinds::ATTENDEE_EDITED, &person.id, &person))?;
        }
        let list = self.signups(item_id)?;
        let position = list
            .waiting
            .iter()
            .position(|l| l.attendee_id == attendee_id)
            .map(|p| p as u32 + 1);
        Ok(SignupOutcome {
            seated: position.is_none(),
            position,
            list,
        })
    }

    /// Whether someone takes the bus to their work visit (or travels on their own).
    pub fn set_bus(&mut self, attendee_id: &str, bus: bool) -> Result<()> {
        self.require_staff()?;
        let conn = self.store().conn();
        let mut person = attendees::get(conn, attendee_id)?;
        if bus {
            let visit = person.visit_choice.clone().ok_or_else(|| {
                Error::said(
                    "bus",
                    "err.signup.noVisit",
                    [("name", person.display_name().into())],
                )
            })?;
            let (item, _) = self.signup_item(&visit)?;
            if !item.bus_offered {
                return Err(Error::said(
                    "bus",
                    "err.bus.notOffered",
                    [("title", item.title.as_str().into())],
                ));
            }
        }
        if person.bus != bus {
            person.bus = bus;
            self.store_mut()
                .write(|w| w.append(kinds::ATTENDEE_EDITED, &person.id, &person))?;
        }
        Ok(())
    }

    /// Takes someone off a session or work visit (the first on its waiting list moves up).
    pub fn sign_off(&mut self, attendee_id: &str, item_id: &str) -> Result<SignupList> {
        self.require_staff()?;
        let (item, _) = self.signup_item(item_id)?;
        let mut person = attendees::get(self.store().conn(), attendee_id)?;
        if choice_of(&person, item.kind) != Some(item_id) {
            return Err(Error::said(
                "aanmelding",
                "err.signup.notSignedUp",
                [
                    ("name", person.display_name().into()),
                    ("title", item.title.as_str().into()),
                ],
            ));
        }
        match item.kind {
            ItemKind::Session => person.session_choice = None,
            _ => {
                person.visit_choice = None;
                person.bus = false;
            }
        }
        self.store_mut()
            .write(|w| w.append(kinds::ATTENDEE_EDITED, &person.id, &person))?;
        self.signups(item_id)
    }
}

/// Who is seated and who waits for `item`, in the order they chose it.
pub(crate) fn signup_list(
    conn: &crate::store::Connection,
    item: &crate::domain::programme::ProgrammeItem,
    offset: &str,
) -> Result<SignupList> {
    let item_id = item.id.as_str();
    let ids = crate::store::signups::ids_choosing(conn, item_id)?;
    let people = attendees::get_many(conn, &ids)?;
    // When each person's current choice began: the first version of their record in the
    // last run of versions with that choice, in (HLC, desk, place in the event) order.
    let versions = crate::store::signups::choice_versions(conn, &ids, item.kind)?;
    let since = signups::choice_began(versions, item_id);
    let mut lines: Vec<((Since, String), SignupLine)> = people
        .values()
        .filter(|a| choice_of(a, item.kind) == Some(item_id))
        .map(|a| {
            let (order, wall) = since
                .get(&a.id)
                .cloned()
                .unwrap_or(((0, String::new(), 0), String::new()));
            let line = SignupLine {
                attendee_id: a.id.clone(),
                listing_name: names::listing_name(&a.first_name, &a.tussenvoegsel, &a.last_name),
                organisation: a.organisation.clone(),
                since: clock::dutch_datetime(&wall, offset),
                bus: a.bus && item.kind == ItemKind::WorkVisit,
            };
            ((order, a.id.clone()), line)
        })
        .collect();
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    let (seated, waiting) = signups::seat(
        lines.into_iter().map(|(_, line)| line).collect(),
        item.capacity,
    );
    Ok(SignupList {
        item_id: item.id.clone(),
        title: item.title.clone(),
        capacity: item.capacity,
        seated,
        waiting,
    })
}
