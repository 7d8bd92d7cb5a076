//! Lists on paper for the programme: bus passenger lists (per bus, with who has no seat and
//! who travels on their own), the dinner list with dietary notes, and the session lists
//! (who has a seat, who waits). One simple table layout, "pagina x van y".

use crate::app::Balie;
use crate::documents::pdf::{mm, Document, Measure, Page, Weight, A4};
use crate::domain::clock;
use crate::domain::error::Result;
use crate::domain::names;
use crate::domain::programme::ItemKind;
use crate::store::attendees;

/// One section of a list: a heading, a line under it, and rows of cells.
struct Section {
    heading: String,
    sub: String,
    rows: Vec<Vec<String>>,
}

/// Columns: (title, width in mm).
fn table_pdf(
    title: &str,
    subtitle: &str,
    columns: &[(&str, f32)],
    sections: &[Section],
) -> Vec<u8> {
    let m = Measure::default();
    let mut doc = Document::new(title).numbered();
    let left = mm(15.0);
    let right = A4.0 - mm(15.0);
    let bottom = A4.1 - mm(18.0);
    let row_h = mm(6.0);
    let header = |page: &mut Page| {
        page.text(left, mm(16.0), 14.0, Weight::Bold, title);
        page.text_gray(left, mm(22.0), 8.5, Weight::Regular, subtitle, 0.3);
    };
    let mut page = Page::new(A4);
    header(&mut page);
    let mut y = mm(30.0);
    for s in sections {
        if y + row_h * 4.0 > bottom {
            doc.push(std::mem::replace(&mut page, Page::new(A4)));
            header(&mut page);
            y = mm(30.0);
        }
        y += mm(4.0);
        page.text(left, y, 11.0, Weight::Bold, &s.heading);
        y += mm(4.5);
        if !s.sub.is_empty() {
            page.text_gray(left, y, 8.0, Weight::Regular, &s.sub, 0.3);
            y += mm(4.0);
        }
        let mut x = left;
        for (c, w) in columns {
            page.text(x, y + 2.0, 7.5, Weight::Bold, c);
            x += mm(*w);
        }
        y += mm(1.5);
        page.line((left, y), (right, y), 0.6, 0.0);
        for row in &s.rows {
            if y + row_h > bottom {
                doc.push(std::mem::replace(&mut page, Page::new(A4)));
                header(&mut page);
                y = mm(30.0);
            }
            let mut x = left;
            for (cell, (_, w)) in row.iter().zip(columns) {
                let size = m
                    .fit(cell, Weight::Regular, mm(*w) - 3.0, 9.0, 5.0)
                    .unwrap_or(5.0);
                page.text(x, y + row_h - 4.5, size, Weight::Regular, cell);
                x += mm(*w);
            }
            y += row_h;
            page.line((left, y), (right, y), 0.2, 0.6);
        }
    }
    doc.push(page);
    doc.finish()
}

impl Balie {
    fn list_subtitle(&self) -> Result<String> {
        let p = self.programme()?;
        let now = clock::rfc3339(self.store().clock().now());
        Ok(format!(
            "{} · gemaakt {}",
            p.congress.info.name,
            clock::dutch_datetime(&now, &p.congress.info.utc_offset)
        ))
    }

    /// Every bus with its passengers (and a box to tick at boarding), per work visit.
    pub fn bus_lists_pdf(&self) -> Result<Vec<u8>> {
        let mut sections = Vec::new();
        for plan in self.bus_plans()? {
            for load in &plan.buses {
                sections.push(Section {
                    heading: format!("{} — {}", load.bus.name, plan.title),
                    sub: format!(
                        "vertrek {}{} · {} van {} plaatsen",
                        load.bus.departure,
                        if load.bus.from.is_empty() {
                            String::new()
                        } else {
                            format!(" vanaf {}", load.bus.from)
                        },
                        load.riders.len(),
                        load.bus.seats
                    ),
                    rows: load
                        .riders
                        .iter()
                        .enumerate()
                        .map(|(n, r)| {
                            vec![
                                "[ ]".into(),
                                format!("{}", n + 1),
                                r.listing_name.clone(),
                                r.organisation.clone(),
                            ]
                        })
                        .collect(),
                });
            }
            if !plan.no_seat.is_empty() {
                sections.push(Section {
                    heading: format!("Geen plaats in een bus — {}", plan.title),
                    sub: "willen met de bus, maar elke bus is vol".into(),
                    rows: plan
                        .no_seat
                        .iter()
                        .enumerate()
                        .map(|(n, r)| {
                            vec![
                                String::new(),
                                format!("{}", n + 1),
                                r.listing_name.clone(),
                                r.organisation.clone(),
                            ]
                        })
                        .collect(),
                });
            }
        }
        Ok(table_pdf(
            "Buslijsten werkbezoeken",
            &self.list_subtitle()?,
            &[
                ("✓", 8.0),
                ("#", 10.0),
                ("Naam", 80.0),
                ("Organisatie", 82.0),
            ],
            &sections,
        ))
    }

    /// Everyone at the dinner, alphabetically, with dietary and accessibility notes.
    pub fn dinner_list_pdf(&self) -> Result<Vec<u8>> {
        let mut people: Vec<_> = attendees::all(self.store().conn())?
            .into_iter()
            .filter(|a| a.dinner)
            .collect();
        people
            .sort_by_cached_key(|a| names::sort_key(&a.first_name, &a.tussenvoegsel, &a.last_name));
        let with_diet = people.iter().filter(|a| !a.dietary.is_empty()).count();
        let rows = people
            .iter()
            .map(|a| {
                vec![
                    names::listing_name(&a.first_name, &a.tussenvoegsel, &a.last_name),
                    a.organisation.clone(),
                    a.dietary.clone(),
                    a.accessibility.clone(),
                ]
            })
            .collect();
        Ok(table_pdf(
            "Dinerlijst",
            &self.list_subtitle()?,
            &[
                ("Naam", 60.0),
                ("Organisatie", 55.0),
                ("Dieetwensen", 40.0),
                ("Toegankelijkheid", 25.0),
            ],
            &[Section {
                heading: format!("{} gasten aan het diner", people.len()),
                sub: format!("{with_diet} met dieetwensen"),
                rows,
            }],
        ))
    }

    /// Per session and work visit: who has a seat and who waits.
    pub fn session_lists_pdf(&self) -> Result<Vec<u8>> {
        let content = crate::store::programme::read(self.store().conn())?;
        let mut sections = Vec::new();
        for item in content
            .all_items()
            .filter(|i| matches!(i.kind, ItemKind::Session | ItemKind::WorkVisit))
        {
            let list = self.signups(&item.id)?;
            let mut rows: Vec<Vec<String>> = list
                .seated
                .iter()
                .enumerate()
                .map(|(n, s)| {
                    vec![
                        format!("{}", n + 1),
                        s.listing_name.clone(),
                        s.organisation.clone(),
                        String::new(),
                    ]
                })
                .collect();
            rows.extend(list.waiting.iter().enumerate().map(|(n, s)| {
                vec![
                    String::new(),
                    s.listing_name.clone(),
                    s.organisation.clone(),
                    format!("wachtlijst {}", n + 1),
                ]
            }));
            sections.push(Section {
                heading: item.title.clone(),
                sub: format!(
                    "{}{} · {} aangemeld{}",
                    item.start,
                    item.location
                        .as_deref()
                        .map(|l| format!(", {l}"))
                        .unwrap_or_default(),
                    list.seated.len(),
                    list.capacity
                        .map(|c| format!(
                            " van {c} plaatsen, {} op de wachtlijst",
                            list.waiting.len()
                        ))
                        .unwrap_or_default()
                ),
                rows,
            });
        }
        Ok(table_pdf(
            "Deelnemerslijsten kennissessies en werkbezoeken",
            &self.list_subtitle()?,
            &[
                ("#", 10.0),
                ("Naam", 70.0),
                ("Organisatie", 70.0),
                ("Status", 30.0),
            ],
            &sections,
        ))
    }
}
