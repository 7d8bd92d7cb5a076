//! Buses to the work visits: who rides which bus is derived from the visit's sign-ups (those
//! with a seat who want the bus, in sign-up order, filling the buses in turn) and from
//! `bus.assigned` events (someone put on a particular bus by hand; the latest per person
//! wins). Each bus has a boarding list; at departure the desk sees who has not boarded.

use crate::app::signups::{signup_list, SignupLine};
use crate::app::Balie;
use crate::domain::error::{Error, Result};
use crate::domain::events::kinds;
use crate::domain::programme::{Bus, ItemKind};
use crate::store::attendees;
use crate::store::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// The boarding list of one bus.
pub(crate) fn list_id(visit: &str, bus: &str) -> String {
    format!("bus-{visit}-{bus}")
}

/// The `item_id` of a bus's boarding list: visit and bus.
pub(crate) fn item_key(visit: &str, bus: &str) -> String {
    format!("{visit}#{bus}")
}

/// `bus.assigned`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct BusAssigned {
    pub attendee_id: String,
    pub visit_id: String,
    pub bus_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BusLoad {
    pub bus: Bus,
    /// The bus's boarding list.
    pub list_id: String,
    pub riders: Vec<SignupLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BusPlan {
    pub visit_id: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub day: String,
    pub buses: Vec<BusLoad>,
    /// Want the bus, but every bus is full.
    pub no_seat: Vec<SignupLine>,
    /// Go to the visit by their own transport.
    pub own_transport: Vec<SignupLine>,
}

/// Every work visit with buses, with who rides which bus.
pub(crate) fn plans(conn: &Connection) -> Result<Vec<BusPlan>> {
    let content = crate::store::programme::read(conn)?;
    let offset = crate::store::congress::read(conn)?
        .map(|c| c.info.utc_offset)
        .unwrap_or_else(|| "+00:00".into());
    let mut manual: HashMap<String, BusAssigned> = HashMap::new();
    for row in crate::store::log::payloads_of_kind(conn, kinds::BUS_ASSIGNED)? {
        if let Ok(a) = serde_json::from_str::<BusAssigned>(&row) {
            manual.insert(a.attendee_id.clone(), a);
        }
    }
    let mut out = Vec::new();
    for day in &content.days {
        for visit in day
            .items
            .iter()
            .flat_map(|i| std::iter::once(i).chain(i.children.iter()))
            .filter(|i| i.kind == ItemKind::WorkVisit && !i.buses.is_empty())
        {
            let list = signup_list(conn, visit, &offset)?;
            let mut loads: Vec<BusLoad> = visit
                .buses
                .iter()
                .map(|b| BusLoad {
                    bus: b.clone(),
                    list_id: list_id(&visit.id, &b.id),
                    riders: Vec::new(),
                })
                .collect();
            let (riders, own): (Vec<SignupLine>, Vec<SignupLine>) =
                list.seated.into_iter().partition(|l| l.bus);
            let mut rest = Vec::new();
            for r in riders {
                let chosen = manual
                    .get(&r.attendee_id)
                    .filter(|a| a.visit_id == visit.id)
                    .and_then(|a| loads.iter_mut().find(|l| l.bus.id == a.bus_id));
                match chosen {
                    Some(load) => load.riders.push(r),
                    None => rest.push(r),
                }
            }
            let mut no_seat = Vec::new();
            for r in rest {
                match loads
                    .iter_mut()
                    .find(|l| (l.riders.len() as u32) < l.bus.seats)
                {
                    Some(load) => load.riders.push(r),
                    None => no_seat.push(r),
                }
            }
            out.push(BusPlan {
                visit_id: visit.id.clone(),
                title: visit.title.clone(),
                day: day.date.clone(),
                buses: loads,
                no_seat,
                own_transport: own,
            });
        }
    }
    Ok(out)
}

/// Per person, the `item_key` of the bus they ride.
pub(crate) fn seats(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut out = HashMap::new();
    for plan in plans(conn)? {
        for load in &plan.buses {
            for r in &load.riders {
                out.insert(
                    r.attendee_id.clone(),
                    item_key(&plan.visit_id, &load.bus.id),
                );
            }
        }
    }
    Ok(out)
}

impl Balie {
    /// Who rides which bus, per work visit.
    pub fn bus_plans(&self) -> Result<Vec<BusPlan>> {
        plans(self.store().conn())
    }

    /// Puts someone with a seat on the visit, who wants the bus, on a particular bus.
    pub fn assign_bus(
        &mut self,
        attendee_id: &str,
        visit_id: &str,
        bus_id: &str,
    ) -> Result<BusPlan> {
        self.require_staff()?;
        let conn = self.store().conn();
        let person = attendees::get(conn, attendee_id)?;
        let plan = plans(conn)?
            .into_iter()
            .find(|p| p.visit_id == visit_id)
            .ok_or_else(|| {
                Error::said("werkbezoek", "err.bus.noVisit", [("id", visit_id.into())])
            })?;
        let bus = plan
            .buses
            .iter()
            .find(|l| l.bus.id == bus_id)
            .ok_or_else(|| {
                Error::said(
                    "bus",
                    "err.bus.none",
                    [
                        ("id", bus_id.into()),
                        (
                            "choices",
                            plan.buses
                                .iter()
                                .map(|l| l.bus.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                                .into(),
                        ),
                    ],
                )
            })?;
        let rides = plan
            .buses
            .iter()
            .flat_map(|l| l.riders.iter())
            .chain(plan.no_seat.iter())
            .any(|r| r.attendee_id == attendee_id);
        if !rides {
            return Err(Error::said(
                "bus",
                "err.bus.noSeat",
                [
                    ("name", person.display_name().into()),
                    ("title", plan.title.as_str().into()),
                    ("first", person.first_name.as_str().into()),
                ],
            ));
        }
        let _ = bus;
        let payload = BusAssigned {
            attendee_id: attendee_id.to_string(),
            visit_id: visit_id.to_string(),
            bus_id: bus_id.to_string(),
        };
        self.store_mut()
            .write(|w| w.append(kinds::BUS_ASSIGNED, attendee_id, &payload))?;
        plans(self.store().conn())?
            .into_iter()
            .find(|p| p.visit_id == visit_id)
            .ok_or_else(|| Error::Internal("busplan verdwenen".into()))
    }
}
