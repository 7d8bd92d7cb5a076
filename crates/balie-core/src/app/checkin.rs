//! Checking in and out: every action is an event (`checkin.in`, `checkin.out`,
//! `checkin.undone`, `scan.failed`) written in one transaction after the rules of
//! `domain::checkin` allowed it; who is present is derived from them. Also the counters per
//! list and the arrivals.

use crate::domain::checkin::*;
use crate::domain::error::{Error, Result};
use crate::domain::events::{kinds, EventRecord};
use crate::store::attendees::{self};
use crate::store::checkins::*;
use crate::store::Connection;
use crate::store::Writer;

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
        cancelled: std::collections::HashMap<String, crate::domain::cancellation::Cancellation>,
    ) -> Result<Eligibility> {
        let mut e = Eligibility {
            cancelled,
            ..Eligibility::default()
        };
        match list.kind {
            ListKind::Members => e.named = crate::store::alv::named_representatives(conn)?,
            ListKind::Bus if list.item_id.as_deref().is_some_and(|i| i.contains('#')) => {
                e.seats = crate::app::buses::seats(conn)?;
            }
            _ => {}
        }
        Ok(e)
    }
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
    let cancelled = crate::store::cancellation::all(conn)?;
    for list in lists(conn)? {
        let rules = Eligibility::with_cancelled(conn, &list, cancelled.clone())?;
        let present = present_ids(conn, &list.id)?;
        let present: std::collections::HashSet<&str> = present.iter().map(String::as_str).collect();
        let failed_scans = failed_scan_count(conn, &list.id)?;
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
    let mut first: std::collections::HashMap<String, CheckinRecord> = Default::default();
    for r in effective_check_ins(conn, &list.id)? {
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
