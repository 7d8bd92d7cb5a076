//! Paper that runs the event, on the one PDF layer ([`crate::documents::pdf`]): badges with the QR code
//! of the badge code, the printed fallback list per check-in list, and the attendance report.

use crate::documents::pdf::{mm, Document, Measure, Page, Weight, A4};
use crate::domain::checkin::{ArrivalChart, CheckinList, ListCounter, RosterLine};
use crate::domain::clock;
use crate::domain::names;
use crate::domain::register::{Attendee, CongressInfo};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// How badges are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BadgeLayout {
    /// A4 sheets of 2 × 4 badges (95 × 67.5 mm), for perforated badge paper.
    A4Sheet,
    /// One badge per page of 90 × 55 mm, for a label printer.
    Label,
}

impl BadgeLayout {
    pub fn parse(s: &str) -> Option<BadgeLayout> {
        match s {
            "a4" | "a4_sheet" => Some(BadgeLayout::A4Sheet),
            "label" | "etiket" => Some(BadgeLayout::Label),
            _ => None,
        }
    }
}

/// One badge in the box (`x`, `y`, `w`, `h`) of `page`.
fn draw_badge(
    page: &mut Page,
    m: &Measure,
    (x, y, w, h): (f32, f32, f32, f32),
    congress: &str,
    a: &Attendee,
) {
    let pad = mm(5.0);
    page.frame(x, y, w, h, 0.5, 0.75);
    page.text_gray(x + pad, y + pad + 7.0, 8.0, Weight::Regular, congress, 0.35);

    let qr = (h * 0.45).min(mm(30.0));
    let qr_x = x + w - pad - qr;
    let qr_y = y + h - pad - qr - 8.0;
    page.qr(qr_x, qr_y, qr, &a.badge_code);
    let code = &a.badge_code;
    let code_w = m.width(code, Weight::Regular, 7.0);
    page.text(
        qr_x + (qr - code_w) / 2.0,
        qr_y + qr + 7.0,
        7.0,
        Weight::Regular,
        code,
    );

    // The name as the person writes it, as large as fits; two lines rather than cut off.
    let name = a.display_name();
    let text_w = w - 2.0 * pad;
    let mut cursor = y + pad + 14.0;
    let (size, lines) = match m.fit(&name, Weight::Bold, text_w, 22.0, 13.0) {
        Some(size) => (size, vec![name.clone()]),
        None => {
            let size = (13..=18)
                .rev()
                .map(|s| s as f32)
                .find(|s| m.wrap(&name, Weight::Bold, *s, text_w).len() <= 2)
                .unwrap_or(11.0);
            (size, m.wrap(&name, Weight::Bold, size, text_w))
        }
    };
    for line in &lines {
        cursor += size * 1.15;
        page.text(x + pad, cursor, size, Weight::Bold, line);
    }

    // Organisation beside the QR code.
    let org_w = qr_x - x - 2.0 * pad;
    cursor += 4.0;
    if !a.organisation.is_empty() {
        let size = m
            .fit(&a.organisation, Weight::Regular, org_w, 11.0, 8.0)
            .unwrap_or(8.0);
        for line in m.wrap(&a.organisation, Weight::Regular, size, org_w) {
            cursor += size * 1.25;
            page.text(x + pad, cursor, size, Weight::Regular, &line);
        }
    }

    // Members' marker: a dark band with white text at the bottom left.
    if a.member_org.is_some() {
        let band_h = mm(7.0);
        let band_w = org_w.min(mm(40.0));
        let band_y = y + h - pad - band_h;
        page.fill(x + pad, band_y, band_w, band_h, 0.15);
        page.text_gray(
            x + pad + mm(2.0),
            band_y + band_h - mm(2.2),
            9.0,
            Weight::Bold,
            "LID · ALV",
            1.0,
        );
    }
}

/// Dutch listing order, as the fallback list and the register use.
pub(crate) fn in_dutch_order(mut people: Vec<Attendee>) -> Vec<Attendee> {
    people.sort_by_cached_key(|a| {
        (
            names::sort_key(&a.first_name, &a.tussenvoegsel, &a.last_name),
            a.id.clone(),
        )
    });
    people
}

/// Badges for `people` in that order.
pub fn badges(people: &[Attendee], congress: &str, layout: BadgeLayout) -> Vec<u8> {
    badges_counted(people, congress, layout, &mut |_| true).unwrap_or_default()
}

/// [`badges`], telling `go_on` after each page how many badges are laid out; `None` as soon
/// as it answers false (the work was cancelled).
pub fn badges_counted(
    people: &[Attendee],
    congress: &str,
    layout: BadgeLayout,
    go_on: &mut dyn FnMut(usize) -> bool,
) -> Option<Vec<u8>> {
    let m = Measure::default();
    let mut doc = Document::new(&format!("Badges {congress}"));
    let mut laid = 0;
    match layout {
        BadgeLayout::A4Sheet => {
            let (cols, rows) = (2, 4);
            let (w, h) = (mm(95.0), mm(67.5));
            let (x0, y0) = ((A4.0 - 2.0 * w) / 2.0, (A4.1 - 4.0 * h) / 2.0);
            for chunk in people.chunks(cols * rows) {
                let mut page = Page::new(A4);
                for (n, a) in chunk.iter().enumerate() {
                    let (c, r) = (n % cols, n / cols);
                    draw_badge(
                        &mut page,
                        &m,
                        (x0 + c as f32 * w, y0 + r as f32 * h, w, h),
                        congress,
                        a,
                    );
                }
                doc.push(page);
                laid += chunk.len();
                if !go_on(laid) {
                    return None;
                }
            }
        }
        BadgeLayout::Label => {
            let size = (mm(90.0), mm(55.0));
            for a in people {
                let mut page = Page::new(size);
                draw_badge(&mut page, &m, (0.0, 0.0, size.0, size.1), congress, a);
                doc.push(page);
                laid += 1;
                if !go_on(laid) {
                    return None;
                }
            }
        }
    }
    Some(doc.finish())
}

/// The printed fallback list of one check-in list: everyone on it alphabetically on last
/// name without tussenvoegsel, with a box to tick, badge code, days and attention marks;
/// people already checked in show their time instead of a box.
pub fn fallback_list(
    list: &CheckinList,
    roster: &[RosterLine],
    people: &HashMap<String, Attendee>,
    congress: &CongressInfo,
    now: &str,
) -> Vec<u8> {
    let offset = congress.utc_offset.clone();
    let m = Measure::default();
    let mut doc = Document::new(&format!("Noodlijst {}", list.name)).numbered();

    let left = mm(15.0);
    let right = A4.0 - mm(15.0);
    // The first column holds a box to tick, or the time someone came in ("✓15:20"):
    // as wide as the widest of that and its title, so the time never runs into the name.
    let tick = m
        .width("✓00:00", Weight::Bold, 7.0)
        .max(m.width("Tijd", Weight::Bold, 8.0))
        + 4.0;
    let widths = [tick, mm(60.0), mm(50.0), mm(24.0), mm(10.0)];
    let titles = ["Tijd", "Naam", "Organisatie", "Badgecode", "Dag", "Let op"];
    let mut x = left;
    let cols: [(&str, f32, f32); 6] = std::array::from_fn(|i| {
        let w = widths.get(i).copied().unwrap_or(right - x);
        let col = (titles[i], x, w);
        x += w;
        col
    });
    let row_h = mm(6.2);
    let top = mm(35.0);
    let bottom = A4.1 - mm(15.0);
    let header = |page: &mut Page| {
        page.text(
            left,
            mm(16.0),
            14.0,
            Weight::Bold,
            &format!("Noodlijst {}", list.name),
        );
        page.text_gray(
            left,
            mm(22.0),
            8.5,
            Weight::Regular,
            &format!(
                "{} · gemaakt {} · {} personen",
                congress.name,
                clock::dutch_datetime(now, &offset),
                roster.len()
            ),
            0.3,
        );
        page.text_gray(
            left,
            mm(26.0),
            8.5,
            Weight::Regular,
            "Vink af wie binnenkomt, met de tijd; voer de lijst daarna in bij Balie → Papieren lijst.",
            0.3,
        );
        for (title, x, _) in cols {
            page.text(x, top - 2.0, 8.0, Weight::Bold, title);
        }
        page.line((left, top), (right, top), 0.7, 0.0);
    };
    let mut page = Page::new(A4);
    header(&mut page);
    let mut y = top;
    let mut letter = None;
    for line in roster {
        let Some(a) = people.get(&line.attendee_id) else {
            continue;
        };
        let initial = names::sort_key(&a.first_name, &a.tussenvoegsel, &a.last_name)
            .chars()
            .next()
            .map(|c| c.to_uppercase().to_string());
        let needs_letter = initial != letter;
        let needed = row_h * if needs_letter { 2.0 } else { 1.0 };
        if y + needed > bottom {
            doc.push(std::mem::replace(&mut page, Page::new(A4)));
            header(&mut page);
            y = top;
        }
        if needs_letter {
            page.fill(left, y + 1.0, right - left, row_h - 1.0, 0.9);
            page.text(
                left + 2.0,
                y + row_h - 4.5,
                9.0,
                Weight::Bold,
                initial.as_deref().unwrap_or(""),
            );
            y += row_h;
            letter = initial;
        }
        let base = y + row_h - 4.5;
        if line.present {
            let at = line
                .since
                .as_deref()
                .map(|s| clock::local_hhmm(s, &offset))
                .unwrap_or_default();
            page.text(cols[0].1, base, 7.0, Weight::Bold, &format!("✓{at}"));
        } else {
            page.frame(cols[0].1 + 1.0, y + 2.5, mm(3.5), mm(3.5), 0.6, 0.0);
        }
        let cell = |page: &mut Page, (x, w): (f32, f32), weight: Weight, text: &str| {
            let size = m.fit(text, weight, w - 3.0, 9.0, 6.0).unwrap_or(6.0);
            let shown = m.wrap(text, weight, size, w - 3.0);
            // Too long even at 6 pt: the first line and an ellipsis would cut; keep it
            // all on one line at a smaller size instead.
            if shown.len() > 1 {
                let tiny = (m.width(text, weight, 1.0) / (w - 3.0)).recip().max(3.5);
                page.text(x, base, tiny, weight, text);
            } else {
                page.text(x, base, size, weight, text);
            }
        };
        cell(
            &mut page,
            (cols[1].1, cols[1].2),
            Weight::Bold,
            &line.listing_name,
        );
        cell(
            &mut page,
            (cols[2].1, cols[2].2),
            Weight::Regular,
            &line.organisation,
        );
        cell(
            &mut page,
            (cols[3].1, cols[3].2),
            Weight::Regular,
            &line.badge_code,
        );
        let days = match (a.thursday, a.friday) {
            (true, true) => "do vr",
            (true, false) => "do",
            (false, true) => "vr",
            _ => "",
        };
        cell(&mut page, (cols[4].1, cols[4].2), Weight::Regular, days);
        let mut marks = Vec::new();
        if a.speaker {
            marks.push("spreker");
        }
        if a.guest {
            marks.push("gast");
        }
        if !a.dietary.is_empty() {
            marks.push("dieet");
        }
        if !a.accessibility.is_empty() {
            marks.push("toegankelijk");
        }
        if a.walk_in {
            marks.push("inloop");
        }
        cell(
            &mut page,
            (cols[5].1, cols[5].2),
            Weight::Regular,
            &marks.join(", "),
        );
        page.line((left, y + row_h), (right, y + row_h), 0.2, 0.6);
        y += row_h;
    }
    doc.push(page);
    doc.finish()
}

/// The attendance report: per list the counts, the no-show rate and the arrivals per 10
/// minutes as a chart.
pub fn attendance_report(
    congress: &CongressInfo,
    now: &str,
    lists: &[(ListCounter, ArrivalChart)],
) -> Vec<u8> {
    let offset = congress.utc_offset.clone();
    let mut doc = Document::new(&format!("Aanwezigheid {}", congress.name)).numbered();
    let left = mm(20.0);
    let width = A4.0 - 2.0 * left;
    for (counter, chart) in lists {
        let mut page = Page::new(A4);
        page.text(
            left,
            mm(20.0),
            16.0,
            Weight::Bold,
            &format!("Aanwezigheid: {}", counter.list.name),
        );
        page.text_gray(
            left,
            mm(27.0),
            9.0,
            Weight::Regular,
            &format!(
                "{} · stand van {}",
                congress.name,
                clock::dutch_datetime(now, &offset)
            ),
            0.3,
        );
        let no_shows = (counter.expected - counter.checked_in).max(0);
        let rate = if counter.expected > 0 {
            format!("{:.1}%", no_shows as f64 * 100.0 / counter.expected as f64).replace('.', ",")
        } else {
            "–".into()
        };
        let rows = [
            ("Verwacht", counter.expected.to_string()),
            ("Aanwezig (ingecheckt)", counter.checked_in.to_string()),
            ("Niet verschenen", no_shows.to_string()),
            ("Percentage niet verschenen", rate),
            ("Met uitzondering binnen", counter.overrides.to_string()),
            ("Inloop", counter.walk_ins.to_string()),
            ("Mislukte scans", counter.failed_scans.to_string()),
        ];
        let mut y = mm(40.0);
        for (label, value) in rows {
            page.text(left, y, 11.0, Weight::Regular, label);
            page.text(left + mm(80.0), y, 11.0, Weight::Bold, &value);
            y += mm(6.5);
        }
        y += mm(8.0);
        page.text(left, y, 12.0, Weight::Bold, "Aankomsten per 10 minuten");
        y += mm(6.0);
        if chart.slots.is_empty() {
            page.text_gray(
                left,
                y + mm(6.0),
                10.0,
                Weight::Regular,
                "Nog niemand aangekomen.",
                0.3,
            );
        } else {
            let chart_h = mm(70.0);
            let peak = chart
                .slots
                .iter()
                .map(|s| s.count)
                .max()
                .unwrap_or(1)
                .max(1) as f32;
            let bar = (width / chart.slots.len() as f32).min(mm(8.0));
            let base = y + chart_h;
            for (n, slot) in chart.slots.iter().enumerate() {
                let bh = slot.count as f32 / peak * (chart_h - mm(6.0));
                let x = left + n as f32 * bar;
                if slot.count > 0 {
                    page.fill(x + 0.5, base - bh, bar - 1.0, bh, 0.3);
                    if bar >= mm(4.0) {
                        page.text(
                            x + 1.0,
                            base - bh - 2.0,
                            6.0,
                            Weight::Regular,
                            &slot.count.to_string(),
                        );
                    }
                }
                if n % 6 == 0 {
                    page.line((x, base), (x, base + 3.0), 0.5, 0.0);
                    page.text(
                        x,
                        base + mm(4.5),
                        7.0,
                        Weight::Regular,
                        &clock::local_hhmm(&slot.start, &offset),
                    );
                }
            }
            page.line(
                (left, base),
                (left + bar * chart.slots.len() as f32, base),
                0.7,
                0.0,
            );
            y = base + mm(12.0);
            let sources: Vec<String> = chart
                .by_source
                .iter()
                .map(|s| format!("{}: {}", source_dutch(&s.source), s.count))
                .collect();
            page.text(
                left,
                y,
                9.0,
                Weight::Regular,
                &format!("{} aangekomen — {}", chart.total, sources.join(", ")),
            );
        }
        doc.push(page);
    }
    doc.finish()
}

fn source_dutch(s: &str) -> &str {
    match s {
        "search" => "gezocht",
        "scan" => "gescand",
        "kiosk" => "kiosk",
        "paper" => "papier",
        "walk_in" => "inloop",
        "cli" => "opdrachtregel",
        other => other,
    }
}
