//! Editing the programme offline: items and child items added, changed, moved and removed
//! as events (`programme.item_saved` with the whole item, `programme.item_removed`). The
//! projection is rebuilt from `programme.loaded` and every edit in (HLC, desk) order, so two
//! desks that edited the programme agree once they have exchanged events; the history of
//! every item stays in the log.

use crate::app::Balie;
use crate::domain::error::{Error, Result};
use crate::domain::events::kinds;
use crate::domain::names;
use crate::domain::programme::edits::*;
use crate::domain::programme::{Bus, ItemKind, ProgrammeItem, Speaker};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A programme item as organisers enter it; times as `HH:MM` text, capacity as text
/// (empty: no limit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ItemInput {
    /// `None`: a new item.
    pub id: Option<String>,
    /// `YYYY-MM-DD`, one of the congress days.
    pub day: String,
    /// The slot this item is one of the parallel parts of.
    pub parent_id: Option<String>,
    pub title: String,
    pub start: String,
    /// Empty: an open end.
    pub end: String,
    pub kind: ItemKind,
    pub location: String,
    pub capacity: String,
    pub speakers: Vec<Speaker>,
    pub description: Vec<String>,
    pub aliases: Vec<String>,
    pub members_only: bool,
    pub bus_offered: bool,
    /// The buses of a work visit (each gets its own boarding list).
    pub buses: Vec<Bus>,
}

impl Balie {
    /// Adds or changes one programme item after checking it: times, its slot, the room,
    /// and the seats against the sign-ups. Returns the item as saved.
    pub fn save_programme_item(&mut self, input: ItemInput) -> Result<ProgrammeItem> {
        self.require_staff()?;
        {
            use crate::domain::limits::{require, LINE, NAME, PARAGRAPH};
            let mut texts = vec![
                ("label.title", input.title.as_str(), LINE),
                ("label.location", &input.location, LINE),
                ("label.title", &input.capacity, LINE),
            ];
            for s in &input.speakers {
                texts.push(("label.speaker", &s.name, NAME));
                texts.push(("label.speaker", &s.role, LINE));
            }
            texts.extend(
                input
                    .description
                    .iter()
                    .map(|d| ("label.description", d.as_str(), PARAGRAPH)),
            );
            texts.extend(
                input
                    .aliases
                    .iter()
                    .map(|a| ("label.alias", a.as_str(), LINE)),
            );
            for b in &input.buses {
                texts.push(("label.bus", &b.name, LINE));
                texts.push(("label.bus", &b.departure, LINE));
                texts.push(("label.bus", &b.from, LINE));
            }
            require(&texts)?;
        }
        let content = crate::store::programme::read(self.store().conn())?;
        let title = input.title.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.is_empty() {
            return Err(Error::said("titel", "err.item.title", []));
        }
        let start = minutes(input.start.trim()).ok_or_else(|| {
            Error::said(
                "begintijd",
                "err.item.start",
                [("value", input.start.trim().into())],
            )
        })?;
        let end =
            match input.end.trim() {
                "" => None,
                e => Some(minutes(e).ok_or_else(|| {
                    Error::said("eindtijd", "err.item.end", [("value", e.into())])
                })?),
            };
        if let Some(e) = end {
            if e <= start {
                return Err(Error::said(
                    "eindtijd",
                    "err.item.endBeforeStart",
                    [
                        ("end", input.end.trim().into()),
                        ("start", input.start.trim().into()),
                    ],
                ));
            }
        }
        let day = content
            .days
            .iter()
            .find(|d| d.date == input.day.trim())
            .ok_or_else(|| {
                Error::said(
                    "dag",
                    "err.item.day",
                    [
                        ("value", input.day.trim().into()),
                        (
                            "choices",
                            content
                                .days
                                .iter()
                                .map(|d| d.date.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                                .into(),
                        ),
                    ],
                )
            })?;
        let existing = input
            .id
            .as_deref()
            .and_then(|id| content.all_items().find(|i| i.id == id));
        if let (Some(id), None) = (&input.id, existing) {
            return Err(Error::said(
                "onderdeel",
                "err.item.none",
                [("id", id.as_str().into())],
            ));
        }
        let parent_id = input.parent_id.clone().filter(|p| !p.trim().is_empty());
        if let Some(p) = &parent_id {
            let parent = day.items.iter().find(|i| &i.id == p).ok_or_else(|| {
                Error::said(
                    "onderdeel van",
                    "err.item.noBlock",
                    [
                        ("day", day.title.as_str().into()),
                        ("block", p.as_str().into()),
                    ],
                )
            })?;
            if Some(p.as_str()) == input.id.as_deref() {
                return Err(Error::said("onderdeel van", "err.item.underItself", []));
            }
            if existing.is_some_and(|e| !e.children.is_empty()) {
                return Err(Error::said(
                    "onderdeel van",
                    "err.item.hasChildren",
                    [("title", title.as_str().into())],
                ));
            }
            let (ps, pe) = (
                minutes(&parent.start),
                parent.end.as_deref().and_then(minutes),
            );
            let outside = ps.is_some_and(|ps| start < ps)
                || match (pe, end) {
                    (Some(pe), Some(e)) => e > pe,
                    (Some(pe), None) => start >= pe,
                    _ => false,
                };
            if outside {
                return Err(Error::said(
                    "begintijd",
                    "err.item.outsideBlock",
                    [
                        ("title", title.as_str().into()),
                        ("block", parent.title.as_str().into()),
                        ("start", parent.start.as_str().into()),
                        ("end", parent.end.as_deref().unwrap_or("").into()),
                    ],
                ));
            }
        }
        // Two things in one room at the same time.
        let location = input
            .location
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(e) = end.filter(|_| !location.is_empty()) {
            let me = input.id.as_deref();
            for top in &day.items {
                for other in std::iter::once(top).chain(top.children.iter()) {
                    let related = Some(other.id.as_str()) == me
                        || Some(other.id.as_str()) == parent_id.as_deref()
                        || existing.is_some_and(|x| x.children.iter().any(|c| c.id == other.id))
                        || (Some(top.id.as_str()) == me && other.id != top.id);
                    if related {
                        continue;
                    }
                    let same_room = other
                        .location
                        .as_deref()
                        .is_some_and(|l| names::fold(l) == names::fold(&location));
                    let (Some(os), Some(oe)) = (
                        minutes(&other.start),
                        other.end.as_deref().and_then(minutes),
                    ) else {
                        continue;
                    };
                    if same_room && start < oe && os < e {
                        return Err(Error::said(
                            "zaal",
                            "err.item.roomTaken",
                            [
                                ("room", location.as_str().into()),
                                ("title", other.title.as_str().into()),
                                ("start", other.start.as_str().into()),
                                ("end", other.end.as_deref().unwrap_or("").into()),
                            ],
                        ));
                    }
                }
            }
        }
        let capacity = match input.capacity.trim() {
            "" => None,
            c => Some(c.parse::<u32>().map_err(|_| {
                Error::said("capaciteit", "err.item.capacity", [("value", c.into())])
            })?),
        };
        if let (Some(cap), Some(id)) = (capacity, input.id.as_deref()) {
            let signed = self.signed_up_count(id)?;
            if (cap as usize) < signed {
                return Err(Error::said(
                    "capaciteit",
                    "err.item.capacityFull",
                    [
                        ("count", signed.into()),
                        ("title", title.as_str().into()),
                        ("capacity", (cap as usize).into()),
                    ],
                ));
            }
        }
        let mut bus_ids = std::collections::HashSet::new();
        for (n, bus) in input.buses.iter().enumerate() {
            let which = format!("bus {}", n + 1);
            let number = || ("n", (n + 1).into());
            if input.kind != ItemKind::WorkVisit {
                return Err(Error::said(which, "err.bus.notVisit", [number()]));
            }
            if bus.name.trim().is_empty() || bus.id.trim().is_empty() {
                return Err(Error::said(which, "err.bus.name", [number()]));
            }
            if !bus_ids.insert(bus.id.trim().to_string()) {
                return Err(Error::said(
                    which,
                    "err.bus.codeTwice",
                    [number(), ("code", bus.id.as_str().into())],
                ));
            }
            if bus.seats == 0 {
                return Err(Error::said(
                    which,
                    "err.bus.seats",
                    [number(), ("bus", bus.name.as_str().into())],
                ));
            }
            if minutes(bus.departure.trim()).is_none() {
                return Err(Error::said(
                    which,
                    "err.bus.departure",
                    [number(), ("value", bus.departure.trim().into())],
                ));
            }
        }
        let id = match &input.id {
            Some(id) => id.clone(),
            None => {
                let base = slug(&title);
                let mut id = base.clone();
                let mut n = 2;
                while content.all_items().any(|i| i.id == id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                id
            }
        };
        let item = ProgrammeItem {
            id,
            start: input.start.trim().to_string(),
            end: (!input.end.trim().is_empty()).then(|| input.end.trim().to_string()),
            end_inferred: false,
            title,
            kind: input.kind,
            speakers: input.speakers,
            description: input.description,
            location: (!location.is_empty()).then_some(location),
            members_only: input.members_only,
            bus_offered: input.bus_offered,
            aliases: input.aliases,
            children: Vec::new(),
            capacity,
            buses: input
                .buses
                .iter()
                .map(|b| Bus {
                    id: b.id.trim().to_string(),
                    name: b.name.split_whitespace().collect::<Vec<_>>().join(" "),
                    seats: b.seats,
                    departure: b.departure.trim().to_string(),
                    from: b.from.trim().to_string(),
                })
                .collect(),
        };
        let payload = ItemSaved {
            day: day.date.clone(),
            parent_id,
            item,
        };
        // Each bus gets its boarding list (fixed ids: the same bus on two desks is one list).
        let lists = crate::store::checkins::lists(self.store().conn())?;
        let mut position = lists.iter().map(|l| l.position).max().unwrap_or(0);
        let new_lists: Vec<crate::domain::checkin::CheckinList> = payload
            .item
            .buses
            .iter()
            .filter(|b| {
                !lists
                    .iter()
                    .any(|l| l.id == crate::app::buses::list_id(&payload.item.id, &b.id))
            })
            .map(|b| {
                position += 1;
                crate::domain::checkin::CheckinList {
                    id: crate::app::buses::list_id(&payload.item.id, &b.id),
                    name: format!(
                        "{}: {}",
                        b.name,
                        payload.item.aliases.first().unwrap_or(&payload.item.title)
                    ),
                    kind: crate::domain::checkin::ListKind::Bus,
                    day: Some(payload.day.clone()),
                    item_id: Some(crate::app::buses::item_key(&payload.item.id, &b.id)),
                    position,
                }
            })
            .collect();
        self.store_mut().write(|w| {
            w.append(kinds::PROGRAMME_ITEM_SAVED, &payload.item.id, &payload)?;
            for l in &new_lists {
                w.append(kinds::LIST_CREATED, &l.id, l)?;
            }
            Ok(())
        })?;
        let id = payload.item.id;
        crate::store::programme::read(self.store().conn())?
            .all_items()
            .find(|i| i.id == id)
            .cloned()
            .ok_or_else(|| Error::Internal(format!("onderdeel {id} niet gevonden na opslaan")))
    }

    /// Removes a programme item (and its parts) when nobody is signed up for it.
    pub fn remove_programme_item(&mut self, id: &str) -> Result<()> {
        self.require_staff()?;
        let content = crate::store::programme::read(self.store().conn())?;
        let item = content
            .all_items()
            .find(|i| i.id == id)
            .ok_or_else(|| Error::said("onderdeel", "err.item.none", [("id", id.into())]))?;
        for i in std::iter::once(item).chain(item.children.iter()) {
            let n = self.signed_up_count(&i.id)?;
            if n > 0 {
                return Err(Error::said(
                    "onderdeel",
                    "err.item.removeSignedUp",
                    [("title", i.title.as_str().into()), ("count", n.into())],
                ));
            }
        }
        self.store_mut().write(|w| {
            w.append(
                kinds::PROGRAMME_ITEM_REMOVED,
                id,
                &ItemRemoved { id: id.to_string() },
            )
        })?;
        Ok(())
    }
}
