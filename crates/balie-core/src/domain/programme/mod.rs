//! The programme: days, items and child items (parallel knowledge sessions, work visits).
//! Stored as a projection of `programme.loaded` events; read back as a tree.

pub mod edits;
pub mod seed2023;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Reception,
    Plenary,
    /// A slot that holds parallel sessions as children.
    ParallelSessions,
    /// One of the parallel sessions.
    Session,
    /// The statutory members' meeting (ALV).
    MembersMeeting,
    Social,
    /// A slot that holds work visits as children.
    WorkVisits,
    /// One work visit.
    WorkVisit,
    Closing,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Reception => "reception",
            ItemKind::Plenary => "plenary",
            ItemKind::ParallelSessions => "parallel_sessions",
            ItemKind::Session => "session",
            ItemKind::MembersMeeting => "members_meeting",
            ItemKind::Social => "social",
            ItemKind::WorkVisits => "work_visits",
            ItemKind::WorkVisit => "work_visit",
            ItemKind::Closing => "closing",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<ItemKind> {
        use ItemKind::*;
        [
            Reception,
            Plenary,
            ParallelSessions,
            Session,
            MembersMeeting,
            Social,
            WorkVisits,
            WorkVisit,
            Closing,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Speaker {
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProgrammeItem {
    /// Stable slug, referenced by sign-ups and check-in lists.
    pub id: String,
    /// `HH:MM`, local time of the congress.
    pub start: String,
    /// `HH:MM`; `None` is an open end.
    pub end: Option<String>,
    /// The end was not given but taken from the next item's start.
    pub end_inferred: bool,
    pub title: String,
    pub kind: ItemKind,
    pub speakers: Vec<Speaker>,
    /// Paragraphs, as the organiser wrote them.
    pub description: Vec<String>,
    pub location: Option<String>,
    pub members_only: bool,
    pub bus_offered: bool,
    /// Other names for matching imports ("DNK Assen" for the DNK visit).
    pub aliases: Vec<String>,
    pub children: Vec<ProgrammeItem>,
    /// Seats for a session or work visit; `None`: no limit. Left out of the JSON when
    /// there is none, so programmes written before it existed read the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub capacity: Option<u32>,
    /// The buses of a work visit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Bus>>", optional)]
    pub buses: Vec<Bus>,
}

/// One bus of a work visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Bus {
    /// Short and stable within the visit ("bus-1"); the boarding list's id follows from it.
    pub id: String,
    pub name: String,
    pub seats: u32,
    /// `HH:MM`.
    pub departure: String,
    /// Where it leaves from.
    pub from: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProgrammeDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub title: String,
    pub items: Vec<ProgrammeItem>,
}

/// The payload of `programme.loaded`: the whole programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProgrammeContent {
    pub days: Vec<ProgrammeDay>,
}

impl ProgrammeContent {
    /// Gives every item without an end the next item's start (marked inferred); the last
    /// item of a day stays open. Children inherit their parent's end when they have none.
    pub fn infer_end_times(&mut self) {
        for day in &mut self.days {
            day.items.sort_by(|a, b| a.start.cmp(&b.start));
            let starts: Vec<String> = day.items.iter().map(|i| i.start.clone()).collect();
            for (n, item) in day.items.iter_mut().enumerate() {
                if item.end.is_none() {
                    if let Some(next) = starts.get(n + 1) {
                        item.end = Some(next.clone());
                        item.end_inferred = true;
                    }
                }
                for child in &mut item.children {
                    if child.end.is_none() {
                        child.end.clone_from(&item.end);
                        child.end_inferred = item.end_inferred;
                    }
                }
            }
        }
    }

    /// Every item, parents before their children, in programme order.
    pub fn all_items(&self) -> impl Iterator<Item = &ProgrammeItem> {
        self.days
            .iter()
            .flat_map(|d| d.items.iter())
            .flat_map(|i| std::iter::once(i).chain(i.children.iter()))
    }
}
