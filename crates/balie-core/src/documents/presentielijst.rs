//! The presentielijst (presence list) of the members' meeting, from one frozen snapshot: the
//! legal evidence of who was there. Members alphabetically with their weight, present (by
//! whom), represented (by whom, with the evidence) or absent; a signature column; who else
//! was present; totals in heads and weight and the quorum; the chair's and secretary's
//! signature lines; the snapshot's id and time on every page; "pagina x van y". Also as CSV
//! for Dutch Excel.

use crate::documents::pdf::{mm, Document, Measure, Page, Weight, A4};
use crate::domain::alv::model::{Count, MemberLine, MemberStatus, Snapshot};
use crate::domain::error::Result;
use crate::domain::register::Congress;

fn status_text(s: MemberStatus) -> &'static str {
    match s {
        MemberStatus::Present => "aanwezig",
        MemberStatus::Represented => "vertegenwoordigd",
        MemberStatus::Absent => "afwezig",
        MemberStatus::NoVote => "geen stemrecht",
    }
}

fn count_text(c: &Count) -> String {
    format!(
        "{} {} · stemgewicht {}",
        c.heads,
        if c.heads == 1 { "lid" } else { "leden" },
        c.weight.dutch()
    )
}

/// Whether the member's line gets a signature line: whoever is in the room for a member
/// signs, also for a member that is suspended or has no vote; a represented member's proxy
/// holder signs on their own member's line.
fn signs(m: &MemberLine) -> bool {
    m.by.is_some() && m.status != MemberStatus::Represented
}

/// Each member's line of the list: name, weight, status, by whom, evidence/note.
fn cells(s: &Snapshot) -> Vec<[String; 5]> {
    s.content
        .members
        .iter()
        .map(|m| {
            let name = if m.city.is_empty() {
                m.name.clone()
            } else {
                format!("{} ({})", m.name, m.city)
            };
            let by = match (&m.by, &m.holder_member) {
                (Some(p), Some(h)) => format!("{p} namens {h}"),
                (Some(p), None) => p.clone(),
                (None, Some(h)) => format!("vertegenwoordiger van {h}"),
                (None, None) => String::new(),
            };
            let extra = m
                .evidence
                .clone()
                .map(|e| format!("volmacht/machtiging: {e}"))
                .or_else(|| m.note.clone())
                .unwrap_or_default();
            [
                name,
                m.weight_text.clone(),
                status_text(m.status).to_string(),
                by,
                extra,
            ]
        })
        .collect()
}

/// The presentielijst of a snapshot as PDF.
pub fn pdf(s: &Snapshot, congress: &Congress) -> Result<Vec<u8>> {
    let m = Measure::default();
    let mut doc = Document::new(&format!("Presentielijst {}", s.content.label)).numbered();
    let left = mm(15.0);
    let right = A4.0 - mm(15.0);
    let bottom = A4.1 - mm(18.0);
    // Name, weight, status, by whom (+ evidence), signature.
    let cols = [
        ("Lid", left, mm(54.0)),
        ("Gewicht", left + mm(54.0), mm(16.0)),
        ("Status", left + mm(70.0), mm(28.0)),
        ("Namens het lid / bewijs", left + mm(98.0), mm(50.0)),
        ("Handtekening", left + mm(148.0), mm(32.0)),
    ];
    let top = mm(42.0);
    let header = |page: &mut Page, first: bool, table: bool| {
        page.text(
            left,
            mm(15.0),
            14.0,
            Weight::Bold,
            "Presentielijst ledenvergadering",
        );
        page.text(
            left,
            mm(21.5),
            9.5,
            Weight::Regular,
            &format!(
                "{} · {}, {}",
                congress.info.name, congress.info.venue, congress.info.city
            ),
        );
        page.text(
            left,
            mm(26.5),
            9.5,
            Weight::Bold,
            &format!(
                "{} — {} ({})",
                s.taken_at_text, s.content.label, s.content.decision_type.name
            ),
        );
        page.text_gray(
            left,
            mm(31.0),
            7.5,
            Weight::Regular,
            &format!(
                "Momentopname {} · bevroren {} op {} door {}",
                s.id, s.taken_at_text, s.desk_name, s.staff
            ),
            0.3,
        );
        if first {
            page.text_gray(
                left,
                mm(35.0),
                7.5,
                Weight::Regular,
                "Aanwezig: de vertegenwoordiger van het lid tekent. Vertegenwoordigd: het lid gaf een volmacht aan de vertegenwoordiger van een ander lid.",
                0.3,
            );
        }
        // The column titles only above the members' table, not on the pages after it.
        if table {
            for (title, x, _) in cols {
                page.text(x, top - 2.0, 7.5, Weight::Bold, title);
            }
            page.line((left, top), (right, top), 0.7, 0.0);
        }
    };
    let mut page = Page::new(A4);
    header(&mut page, true, true);
    let mut y = top;
    let line_h = 10.0; // points, for 8 pt text
    let new_page = |doc: &mut Document, page: &mut Page, table: bool| {
        doc.push(std::mem::replace(page, Page::new(A4)));
        header(page, false, table);
    };
    for (row, member) in cells(s).into_iter().zip(&s.content.members) {
        let wrapped: Vec<Vec<String>> = [
            (0, Weight::Bold),
            (1, Weight::Regular),
            (2, Weight::Regular),
            (3, Weight::Regular),
        ]
        .iter()
        .map(|&(i, w)| m.wrap(&row[i], w, 8.0, cols[i].2 - 3.0))
        .collect();
        let evidence = if row[4].is_empty() {
            Vec::new()
        } else {
            m.wrap(&row[4], Weight::Regular, 6.5, cols[3].2 - 3.0)
        };
        let lines = wrapped
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(1)
            .max(wrapped[3].len() + evidence.len());
        let h = (lines as f32 * line_h + 6.0).max(mm(9.0));
        if y + h > bottom {
            new_page(&mut doc, &mut page, true);
            y = top;
        }
        for (i, lines_) in wrapped.iter().enumerate() {
            let weight = if i == 0 {
                Weight::Bold
            } else {
                Weight::Regular
            };
            for (n, l) in lines_.iter().enumerate() {
                page.text(cols[i].1, y + 10.0 + n as f32 * line_h, 8.0, weight, l);
            }
        }
        for (n, l) in evidence.iter().enumerate() {
            page.text_gray(
                cols[3].1,
                y + 10.0 + (wrapped[3].len() + n) as f32 * line_h,
                6.5,
                Weight::Regular,
                l,
                0.3,
            );
        }
        if signs(member) {
            page.line((cols[4].1, y + h - 2.5), (right, y + h - 2.5), 0.3, 0.4);
        }
        y += h;
        page.line((left, y), (right, y), 0.2, 0.6);
    }

    // Totals and quorum.
    let t = &s.content.totals;
    let totals = [
        ("Aanwezig", count_text(&t.present)),
        ("Vertegenwoordigd", count_text(&t.represented)),
        ("Afwezig", count_text(&t.absent)),
        ("Stemgerechtigd (totaal)", count_text(&t.entitled)),
        (
            "Aanwezig of vertegenwoordigd",
            count_text(&Count {
                heads: t.present.heads + t.represented.heads,
                weight: t.present.weight + t.represented.weight,
            }),
        ),
    ];
    let needed = mm(12.0) + totals.len() as f32 * mm(5.0) + mm(14.0);
    if y + needed > bottom {
        new_page(&mut doc, &mut page, false);
        y = top;
    }
    y += mm(8.0);
    page.text(left, y, 10.0, Weight::Bold, "Totalen");
    y += mm(5.5);
    for (label, value) in totals {
        page.text(left, y, 8.5, Weight::Regular, label);
        page.text(left + mm(55.0), y, 8.5, Weight::Bold, &value);
        y += mm(5.0);
    }
    let q = &s.content.quorum;
    let quorum = if q.rule.is_empty() {
        format!("Quorum ({}): geen quorum vereist.", q.name)
    } else {
        format!(
            "Quorum ({}, {}): {}. {}.",
            q.name,
            q.rule,
            if q.met { "gehaald" } else { "NIET gehaald" },
            q.explanation
        )
    };
    for l in m.wrap(&quorum, Weight::Bold, 8.5, right - left) {
        page.text(left, y, 8.5, Weight::Bold, &l);
        y += mm(4.5);
    }
    if let Some(tally) = &s.tally {
        for l in m.wrap(
            &format!(
                "Stemming ({}, {}): voor {} · tegen {} · onthouding {} · niet gestemd {}. {}",
                tally.recorded_at,
                tally.staff,
                count_text(&tally.voor),
                count_text(&tally.tegen),
                count_text(&tally.onthouding),
                count_text(&tally.not_voted),
                tally.outcome
            ),
            Weight::Regular,
            8.5,
            right - left,
        ) {
            page.text(left, y, 8.5, Weight::Regular, &l);
            y += mm(4.5);
        }
    }

    // Also present.
    if !s.content.also_present.is_empty() {
        if y + mm(20.0) > bottom {
            new_page(&mut doc, &mut page, false);
            y = top;
        }
        y += mm(6.0);
        page.text(left, y, 10.0, Weight::Bold, "Tevens aanwezig");
        y += mm(2.0);
        for a in &s.content.also_present {
            if y + mm(7.0) > bottom {
                new_page(&mut doc, &mut page, false);
                y = top;
            }
            let text = [a.name.as_str(), a.organisation.as_str(), a.note.as_str()]
                .iter()
                .filter(|t| !t.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" · ");
            let size = m
                .fit(&text, Weight::Regular, mm(130.0), 8.0, 5.0)
                .unwrap_or(5.0);
            page.text(left, y + 5.0, size, Weight::Regular, &text);
            page.line((cols[4].1, y + 6.0), (right, y + 6.0), 0.3, 0.4);
            y += mm(7.0);
        }
    }

    // Signatures.
    if y + mm(35.0) > bottom {
        new_page(&mut doc, &mut page, false);
        y = top;
    }
    y += mm(14.0);
    for (n, who) in ["Voorzitter", "Secretaris"].iter().enumerate() {
        let x = left + n as f32 * mm(92.0);
        page.text(x, y, 9.0, Weight::Bold, who);
        page.text_gray(x, y + mm(5.0), 7.5, Weight::Regular, "naam:", 0.3);
        page.line(
            (x + mm(10.0), y + mm(5.5)),
            (x + mm(80.0), y + mm(5.5)),
            0.3,
            0.3,
        );
        page.text_gray(x, y + mm(16.0), 7.5, Weight::Regular, "handtekening:", 0.3);
        page.line(
            (x + mm(20.0), y + mm(16.5)),
            (x + mm(80.0), y + mm(16.5)),
            0.3,
            0.3,
        );
    }
    doc.push(page);
    Ok(doc.finish())
}

/// The presentielijst of a snapshot as CSV for Dutch Excel (`;`, BOM, CRLF).
pub fn csv(s: &Snapshot) -> Result<Vec<u8>> {
    let members = s.content.members.iter().map(|m| {
        [
            m.name.as_str(),
            m.city.as_str(),
            m.weight_text.as_str(),
            status_text(m.status),
            m.by.as_deref().unwrap_or(""),
            m.holder_member.as_deref().unwrap_or(""),
            m.evidence.as_deref().or(m.note.as_deref()).unwrap_or(""),
            s.id.as_str(),
            s.taken_at_text.as_str(),
        ]
    });
    let also = s.content.also_present.iter().map(|a| {
        [
            a.name.as_str(),
            "",
            "",
            "tevens aanwezig",
            a.organisation.as_str(),
            "",
            a.note.as_str(),
            s.id.as_str(),
            s.taken_at_text.as_str(),
        ]
    });
    crate::documents::export::dutch_csv(
        &[
            "Lid",
            "Plaats",
            "Stemgewicht",
            "Status",
            "Aanwezig/gemachtigd",
            "Namens lid",
            "Bewijs of opmerking",
            "Momentopname",
            "Tijd",
        ],
        members.chain(also),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::alv::weight::Weight;

    fn line(status: MemberStatus, by: Option<&str>) -> MemberLine {
        MemberLine {
            member_id: "m".into(),
            name: "Bibliotheek Lemmer".into(),
            city: "Lemmer".into(),
            weight: Weight(1000),
            weight_text: "1".into(),
            status,
            by: by.map(str::to_string),
            holder_member: None,
            proxy_id: None,
            evidence: None,
            note: Some("geschorst".into()),
            note_msg: None,
        }
    }

    #[test]
    fn whoever_is_in_the_room_for_a_member_signs_also_for_a_suspended_one() {
        assert!(signs(&line(MemberStatus::Present, Some("Anna Jansen"))));
        assert!(
            signs(&line(MemberStatus::NoVote, Some("Anna Jansen"))),
            "suspended, present"
        );
        assert!(
            !signs(&line(MemberStatus::NoVote, None)),
            "suspended, absent"
        );
        assert!(!signs(&line(MemberStatus::Absent, None)));
        assert!(!signs(&line(
            MemberStatus::Represented,
            Some("Bert Visser")
        )));
    }
}
