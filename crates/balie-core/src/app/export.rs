//! The register as workbook sheets, built from the database; `documents::export` writes them as CSV, `documents::xlsx` as a workbook.

use crate::app::Balie;
use crate::documents::export::*;
use crate::documents::xlsx::{self, Cell, Sheet};
use crate::domain::checkin::ListKind;
use crate::domain::clock;
use crate::domain::error::Result;
use crate::domain::names;
use crate::store::attendees::{self, Attendee};
use std::collections::HashMap;

impl Balie {
    fn export_sheet(&self, table: ExportTable) -> Result<Sheet> {
        let conn = self.store().conn();
        let programme = self.programme()?;
        let offset = programme.congress.info.utc_offset.clone();
        let title_of = |id: &Option<String>| {
            id.as_ref()
                .and_then(|id| {
                    programme
                        .days
                        .iter()
                        .flat_map(|d| {
                            d.items
                                .iter()
                                .flat_map(|i| std::iter::once(i).chain(i.children.iter()))
                        })
                        .find(|i| &i.id == id)
                        .map(|i| i.title.clone())
                })
                .unwrap_or_default()
        };
        let mut people = attendees::all(conn)?;
        people.sort_by_cached_key(|a| {
            (
                names::sort_key(&a.first_name, &a.tussenvoegsel, &a.last_name),
                a.id.clone(),
            )
        });
        let ids: Vec<String> = people.iter().map(|a| a.id.clone()).collect();
        let cancelled = crate::store::cancellation::all(conn)?;
        let lists = crate::store::checkins::lists(conn)?;
        // Per list: person → arrival (RFC 3339) of the current presence.
        let mut arrivals: Vec<HashMap<String, String>> = Vec::new();
        for list in &lists {
            let histories = crate::store::checkins::histories(conn, &list.id, &ids)?;
            arrivals.push(
                histories
                    .into_iter()
                    .filter_map(|(id, h)| {
                        crate::domain::checkin::presence_from(&h, list)
                            .since
                            .map(|r| (id, r.arrived_at().to_string()))
                    })
                    .collect(),
            );
        }
        let name_cells = |a: &Attendee| {
            vec![
                Cell::from(a.last_name.as_str()),
                Cell::from(a.tussenvoegsel.as_str()),
                Cell::from(a.first_name.as_str()),
                Cell::from(a.organisation.as_str()),
                Cell::from(a.email.as_str()),
            ]
        };
        // The arrival on each list, as local date and time (empty: not there).
        let arrival_cells = |a: &Attendee| -> Vec<Cell> {
            arrivals
                .iter()
                .map(|per_list| {
                    Cell::from(
                        per_list
                            .get(&a.id)
                            .map(|t| clock::local_datetime(t, &offset))
                            .unwrap_or_default(),
                    )
                })
                .collect()
        };
        let name_header = [
            "Achternaam",
            "Tussenvoegsel",
            "Voornaam",
            "Organisatie",
            "E-mailadres",
        ];
        let mut header: Vec<String> = name_header.iter().map(|s| (*s).to_string()).collect();
        let mut rows = Vec::new();
        match table {
            ExportTable::Attendees => {
                header.extend(
                    [
                        "Functie",
                        "Lidorganisatie",
                        "Donderdag",
                        "Vrijdag",
                        "Diner",
                        "Kennissessie",
                        "Werkbezoek",
                        "Bus",
                        "Dieetwensen",
                        "Toegankelijkheid",
                        "Spreker",
                        "Gast",
                        "Inloop",
                        "Badgecode",
                        "Afgemeld",
                    ]
                    .iter()
                    .map(|s| (*s).to_string()),
                );
                header.extend(lists.iter().map(|l| format!("{}: binnen", l.name)));
                for a in &people {
                    let mut row = name_cells(a);
                    row.extend([
                        Cell::from(a.function.as_str()),
                        Cell::from(a.member_org.clone().unwrap_or_default()),
                        yes(a.thursday),
                        yes(a.friday),
                        yes(a.dinner),
                        Cell::from(title_of(&a.session_choice)),
                        Cell::from(title_of(&a.visit_choice)),
                        yes(a.bus),
                        Cell::from(a.dietary.as_str()),
                        Cell::from(a.accessibility.as_str()),
                        yes(a.speaker),
                        yes(a.guest),
                        yes(a.walk_in),
                        Cell::from(a.badge_code.as_str()),
                        // "15-12-2023 10:02: per e-mail afgemeld"; empty: registered.
                        Cell::from(
                            cancelled
                                .get(&a.id)
                                .map(|c| {
                                    format!(
                                        "{}: {}",
                                        clock::local_datetime(&c.wall_time, &offset),
                                        c.reason
                                    )
                                })
                                .unwrap_or_default(),
                        ),
                    ]);
                    row.extend(arrival_cells(a));
                    rows.push(row);
                }
            }
            ExportTable::NoShows => {
                header.insert(0, "Lijst".into());
                for (list, per_list) in lists.iter().zip(&arrivals) {
                    if !matches!(list.kind, ListKind::Day | ListKind::Members) {
                        continue;
                    }
                    let rules = crate::domain::checkin::Eligibility::with_cancelled(
                        self.store().conn(),
                        list,
                        cancelled.clone(),
                    )?;
                    for a in &people {
                        if rules.check(list, a).is_none() && !per_list.contains_key(&a.id) {
                            let mut row = vec![Cell::from(list.name.as_str())];
                            row.extend(name_cells(a));
                            rows.push(row);
                        }
                    }
                }
            }
            ExportTable::WalkIns => {
                header.push("Badgecode".into());
                header.extend(lists.iter().map(|l| format!("{}: binnen", l.name)));
                for a in people.iter().filter(|a| a.walk_in) {
                    let mut row = name_cells(a);
                    row.push(Cell::from(a.badge_code.as_str()));
                    row.extend(arrival_cells(a));
                    rows.push(row);
                }
            }
            ExportTable::Checkins => {
                header = [
                    "Lijst",
                    "Naam",
                    "Badgecode",
                    "Richting",
                    "Tijd",
                    "Tijd op papier",
                    "Balie",
                    "Medewerker",
                    "Hoe",
                    "Uitzondering",
                    "Ongedaan gemaakt",
                ]
                .iter()
                .map(|s| (*s).to_string())
                .collect();
                let by_id: HashMap<&str, &Attendee> =
                    people.iter().map(|a| (a.id.as_str(), a)).collect();
                let list_name: HashMap<&str, &str> = lists
                    .iter()
                    .map(|l| (l.id.as_str(), l.name.as_str()))
                    .collect();
                for r in crate::store::checkins::all_records(conn)? {
                    let person = by_id.get(r.attendee_id.as_str());
                    rows.push(vec![
                        Cell::from(
                            list_name
                                .get(r.list_id.as_str())
                                .copied()
                                .unwrap_or(&r.list_id),
                        ),
                        Cell::from(
                            person
                                .map(|a| a.display_name())
                                .unwrap_or_else(|| r.attendee_id.clone()),
                        ),
                        Cell::from(person.map(|a| a.badge_code.clone()).unwrap_or_default()),
                        Cell::from(if r.direction == "in" { "in" } else { "uit" }),
                        Cell::from(clock::local_datetime(&r.wall_time, &offset)),
                        Cell::from(
                            r.paper_time
                                .as_deref()
                                .map(|t| clock::local_datetime(t, &offset))
                                .unwrap_or_default(),
                        ),
                        Cell::from(r.desk_name.as_str()),
                        Cell::from(r.staff.as_str()),
                        Cell::from(r.source.as_str()),
                        Cell::from(r.override_reason.clone().unwrap_or_default()),
                        yes(r.undone),
                    ]);
                }
            }
        }
        Ok(Sheet {
            name: table.title().to_string(),
            header,
            rows,
        })
    }

    /// The whole export as one workbook, a sheet per table.
    pub fn export_xlsx(&self) -> Result<Vec<u8>> {
        let sheets = ExportTable::ALL
            .iter()
            .map(|t| self.export_sheet(*t))
            .collect::<Result<Vec<_>>>()?;
        xlsx::write(&sheets)
    }

    /// One table as CSV for Dutch Excel: `;`, UTF-8 with BOM, CRLF.
    pub fn export_csv(&self, table: ExportTable) -> Result<Vec<u8>> {
        let sheet = self.export_sheet(table)?;
        let rows = sheet.rows.iter().map(|row| {
            row.iter()
                .map(|c| match c {
                    Cell::Text(t) => t.clone(),
                    Cell::Number(n) => n.to_string().replace('.', ","),
                    Cell::Empty => String::new(),
                })
                .collect::<Vec<String>>()
        });
        dutch_csv(&sheet.header, rows)
    }
}
