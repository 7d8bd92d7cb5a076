//! Badges, fallback lists and the attendance report as the hosts ask for them: the people,
//! lists and counts read here, laid out by `documents::desk_paper`.

use crate::app::tasks::{Step, Task};
use crate::app::Balie;
use crate::documents::desk_paper::{self, in_dutch_order, BadgeLayout};
use crate::domain::clock;
use crate::domain::error::{Error, Result};
use crate::domain::register::Attendee;
use crate::store::attendees;
use std::collections::HashMap;

impl Balie {
    /// Badges for `attendee_ids` in that order, or for everyone in Dutch order when empty.
    pub fn badges_pdf(&self, attendee_ids: &[String], layout: BadgeLayout) -> Result<Vec<u8>> {
        self.badges_pdf_in(attendee_ids, layout, &Task::none())
    }

    /// [`Balie::badges_pdf`] as the task `task`: it counts the badges laid out (the step
    /// `Making`, which the caller has begun) and stops when cancelled.
    pub fn badges_pdf_in(
        &self,
        attendee_ids: &[String],
        layout: BadgeLayout,
        task: &Task<'_>,
    ) -> Result<Vec<u8>> {
        let conn = self.store().conn();
        let people = if attendee_ids.is_empty() {
            in_dutch_order(attendees::all(conn)?)
        } else {
            let mut found = attendees::get_many(conn, attendee_ids)?;
            let mut out = Vec::new();
            for id in attendee_ids {
                out.push(found.remove(id).ok_or_else(|| {
                    Error::said("deelnemer", "err.person.none", [("id", id.as_str().into())])
                })?);
            }
            out
        };
        let congress = self.programme()?.congress.info.name;
        let total = people.len() as u64;
        let mut stopped = None;
        let pdf = desk_paper::badges_counted(&people, &congress, layout, &mut |done| match task
            .step(Step::Making, done as u64, total)
        {
            Ok(()) => true,
            Err(e) => {
                stopped = Some(e);
                false
            }
        });
        match (pdf, stopped) {
            (Some(pdf), _) => Ok(pdf),
            (None, Some(e)) => Err(e),
            (None, None) => Err(crate::app::tasks::cancelled()),
        }
    }

    /// The printed fallback list of one check-in list: everyone on it alphabetically on last
    /// name without tussenvoegsel, with a box to tick, badge code, days and attention marks;
    /// people already checked in show their time instead of a box.
    pub fn fallback_list_pdf(&self, list_id: &str) -> Result<Vec<u8>> {
        let conn = self.store().conn();
        let list = crate::store::checkins::list(conn, list_id)?;
        let roster = self.roster(list_id)?;
        let people: HashMap<String, Attendee> = attendees::all(conn)?
            .into_iter()
            .map(|a| (a.id.clone(), a))
            .collect();
        let programme = self.programme()?;
        let now = clock::rfc3339(self.store().clock().now());
        Ok(desk_paper::fallback_list(
            &list,
            &roster,
            &people,
            &programme.congress.info,
            &now,
        ))
    }

    /// The attendance report: per list the counts, the no-show rate and the arrivals per 10
    /// minutes as a chart.
    pub fn attendance_report_pdf(&self) -> Result<Vec<u8>> {
        let programme = self.programme()?;
        let now = clock::rfc3339(self.store().clock().now());
        let mut lists = Vec::new();
        for counter in self.counters()? {
            let chart = self.arrivals(&counter.list.id)?;
            lists.push((counter, chart));
        }
        Ok(desk_paper::attendance_report(
            &programme.congress.info,
            &now,
            &lists,
        ))
    }
}
