//! "Nu en straks" for the desk (what is on, what is next, where, and how many people must
//! be there), and the next congress made from this one's programme.

use crate::app::{Balie, LaunchOptions};
use crate::domain::clock;
use crate::domain::error::{Error, Result};
use crate::domain::events::kinds;
use crate::domain::message::Msg;
use crate::domain::programme::{ItemKind, ProgrammeContent, ProgrammeItem};
use crate::store::congress::{CongressCreated, CongressInfo};
use serde::Serialize;
use std::path::{Path, PathBuf};
use time::Date;
use ts_rs::TS;

/// One item on the "Nu en straks" panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NowItem {
    pub id: String,
    pub title: String,
    /// "09:00–11:00"
    pub time: String,
    pub location: Option<String>,
    /// Who must be there: "38 aangemeld", "bus 1 vertrekt 12:50 (2 reizigers)".
    pub who: Vec<Msg>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NowNext {
    /// "8 december 2023 om 09:12"
    pub at: String,
    pub now: Vec<NowItem>,
    /// What starts in the next two hours (or, failing that, the next item today).
    pub next: Vec<NowItem>,
}

fn minutes(hhmm: &str) -> Option<i64> {
    crate::domain::programme::edits::minutes(hhmm).map(i64::from)
}

fn time_range(i: &ProgrammeItem) -> String {
    match &i.end {
        Some(e) => format!("{}–{e}", i.start),
        None => i.start.clone(),
    }
}

const WEEKDAYS: [&str; 7] = [
    "Maandag",
    "Dinsdag",
    "Woensdag",
    "Donderdag",
    "Vrijdag",
    "Zaterdag",
    "Zondag",
];

fn parse_date(s: &str, field: &str) -> Result<Date> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s.trim(), &fmt)
        .map_err(|_| Error::said(field, "err.next.date", [("value", s.trim().into())]))
}

/// The congress dinner: a social item called so (the register's "Diner" column is about it).
fn is_dinner(i: &ProgrammeItem) -> bool {
    i.kind == ItemKind::Social && {
        let title = crate::domain::names::fold(&i.title);
        title.split(' ').any(|w| w == "diner" || w == "dinner")
    }
}

impl Balie {
    /// What is on now and what comes next, with who must be where.
    pub fn now_and_next(&self) -> Result<NowNext> {
        let p = self.programme()?;
        let offset = p.congress.info.utc_offset.clone();
        let now = clock::rfc3339(self.store().clock().now());
        let local = clock::local_datetime(&now, &offset); // "2023-12-08 09:12"
        let (today, hhmm) = local.split_once(' ').unwrap_or((&local, "00:00"));
        let at = minutes(hhmm).unwrap_or(0);
        let counts = self.programme_counts()?;
        let plans = self.bus_plans()?;
        let (registered_today, diners_today) = {
            let days: Vec<&str> = p.days.iter().map(|d| d.date.as_str()).collect();
            let people = self.attendees()?;
            let today_people: Vec<_> = match days.iter().position(|d| *d == today) {
                Some(0) => people.iter().filter(|a| a.thursday).collect(),
                Some(1) => people.iter().filter(|a| a.friday).collect(),
                _ => Vec::new(),
            };
            let diners = today_people.iter().filter(|a| a.dinner).count();
            (today_people.len(), diners)
        };
        let who = |i: &ProgrammeItem| -> Vec<Msg> {
            let mut out = Vec::new();
            if let Some(c) = counts.iter().find(|c| c.item_id == i.id) {
                out.push(match c.capacity {
                    Some(cap) => Msg::new(
                        "nownext.seats",
                        [
                            ("seated", (c.seated as usize).into()),
                            ("capacity", (cap as usize).into()),
                        ],
                    ),
                    None => Msg::new("nownext.signedUp", [("count", (c.seated as usize).into())]),
                });
            } else if is_dinner(i) {
                // The register's dinner choice, not everyone who came that day.
                out.push(Msg::new("nownext.dinner", [("count", diners_today.into())]));
            } else if i.children.is_empty() && i.kind != ItemKind::MembersMeeting {
                out.push(Msg::new(
                    "nownext.today",
                    [("count", registered_today.into())],
                ));
            }
            if let Some(plan) = plans.iter().find(|pl| pl.visit_id == i.id) {
                for l in &plan.buses {
                    let bus = [
                        ("bus", l.bus.name.as_str().into()),
                        ("time", l.bus.departure.as_str().into()),
                        ("count", l.riders.len().into()),
                    ];
                    out.push(if l.bus.from.is_empty() {
                        Msg::new("nownext.bus", bus)
                    } else {
                        let [b, t, c] = bus;
                        Msg::new(
                            "nownext.busFrom",
                            [b, t, ("from", l.bus.from.as_str().into()), c],
                        )
                    });
                }
            }
            out
        };
        let item_view = |i: &ProgrammeItem| NowItem {
            id: i.id.clone(),
            title: i.title.clone(),
            time: time_range(i),
            location: i.location.clone(),
            who: who(i),
        };
        let mut now_items = Vec::new();
        let mut next_items = Vec::new();
        if let Some(day) = p.days.iter().find(|d| d.date == today) {
            let all: Vec<&ProgrammeItem> = day
                .items
                .iter()
                .flat_map(|i| std::iter::once(i).chain(i.children.iter()))
                .collect();
            for i in &all {
                let (Some(s), e) = (minutes(&i.start), i.end.as_deref().and_then(minutes)) else {
                    continue;
                };
                let e = e.unwrap_or(24 * 60);
                if s <= at && at < e {
                    now_items.push(item_view(i));
                } else if s > at && s <= at + 120 {
                    next_items.push(item_view(i));
                }
            }
            if next_items.is_empty() {
                if let Some(i) = all
                    .iter()
                    .filter(|i| minutes(&i.start).is_some_and(|s| s > at))
                    .min_by_key(|i| minutes(&i.start))
                {
                    next_items.push(item_view(i));
                }
            }
        }
        Ok(NowNext {
            at: clock::dutch_datetime(&now, &offset),
            now: now_items,
            next: next_items,
        })
    }

    /// Makes a new congress in the empty folder `target` with this programme (edits
    /// included, sign-ups and people not), its days moved to start on `first_day`. Returns
    /// the new database's folder; start Balie with `--data-dir` on it.
    pub fn new_congress_from_programme(
        &self,
        target: &Path,
        first_day: &str,
        name: &str,
    ) -> Result<PathBuf> {
        if target.join(crate::app::DATABASE_FILE).exists() {
            return Err(Error::said(
                "map",
                "err.next.folder",
                [("folder", target.display().to_string().into())],
            ));
        }
        let p = self.programme()?;
        let old_start = parse_date(&p.congress.info.start_date, "startdatum")?;
        let new_start = parse_date(first_day, "eerste dag")?;
        let shift = new_start - old_start;
        let move_date = |s: &str| -> Result<Date> { Ok(parse_date(s, "datum")? + shift) };
        let name = match name.trim() {
            "" => p
                .congress
                .info
                .name
                .replace(&old_start.year().to_string(), &new_start.year().to_string()),
            n => n.to_string(),
        };
        let mut days = Vec::new();
        for d in &p.days {
            let date = move_date(&d.date)?;
            let mut items = d.items.clone();
            for i in &mut items {
                i.end_inferred = false;
                for c in &mut i.children {
                    c.end_inferred = false;
                }
            }
            days.push(crate::domain::programme::ProgrammeDay {
                date: date.to_string(),
                title: format!(
                    "{} {}",
                    WEEKDAYS[date.weekday().number_days_from_monday() as usize],
                    clock::dutch_date(date)
                ),
                items,
            });
        }
        let info = CongressInfo {
            name,
            start_date: move_date(&p.congress.info.start_date)?.to_string(),
            end_date: move_date(&p.congress.info.end_date)?.to_string(),
            ..p.congress.info.clone()
        };
        let opts = LaunchOptions {
            data_dir: Some(target.to_path_buf()),
            now: self
                .store()
                .clock()
                .is_fixed()
                .then(|| clock::rfc3339(self.store().clock().now())),
            ..LaunchOptions::default()
        };
        let mut next = Balie::open_empty(&opts)?;
        next.store_mut().write(|w| {
            let id = uuid::Uuid::now_v7().to_string();
            w.append(
                kinds::CONGRESS_CREATED,
                &id,
                &CongressCreated {
                    info: info.clone(),
                    is_demo: false,
                },
            )?;
            w.append(kinds::PROGRAMME_LOADED, &id, &ProgrammeContent { days })
        })?;
        next.ensure_key()?;
        next.ensure_lists()?;
        Ok(next.data_dir().to_path_buf())
    }
}
