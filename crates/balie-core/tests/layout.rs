//! Layout of every document with a table, read back from the PDF: `pdftotext -bbox` gives
//! each word's box, and no word may run into the next column (or off the paper). This is
//! what caught a check-in time printed over the start of the name ("✓15:2Andersen").
//! Needs poppler-utils (`pdftotext`); `scripts/test.sh` installs it.

mod common;

use balie_core::app::programme_edit::ItemInput;
use balie_core::domain::checkin::CheckinSource;
use balie_core::domain::programme::{Bus, ItemKind};
use balie_core::Balie;
use common::start;
use std::path::Path;
use std::process::Command;

/// One word of `pdftotext -bbox`, in points from the page's top left.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

#[derive(Debug)]
struct PageWords {
    width: f32,
    height: f32,
    words: Vec<Word>,
}

fn attr(tag: &str, name: &str) -> f32 {
    let start = tag
        .find(&format!("{name}=\""))
        .unwrap_or_else(|| panic!("{name} in {tag}"))
        + name.len()
        + 2;
    let end = tag[start..].find('"').expect("closing quote") + start;
    tag[start..end].parse().expect("a number")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The words of every page of a PDF.
fn words(dir: &Path, name: &str, pdf: &[u8]) -> Vec<PageWords> {
    let path = dir.join(name);
    std::fs::write(&path, pdf).expect("write pdf");
    let out = Command::new("pdftotext")
        .args(["-bbox", path.to_str().expect("utf-8 path"), "-"])
        .output()
        .unwrap_or_else(|e| panic!("pdftotext is missing ({e}); install poppler-utils"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout).expect("utf-8");
    let mut pages = Vec::new();
    for chunk in html.split("<page ").skip(1) {
        let tag = &chunk[..chunk.find('>').expect("page tag")];
        let mut page = PageWords {
            width: attr(tag, "width"),
            height: attr(tag, "height"),
            words: Vec::new(),
        };
        for w in chunk.split("<word ").skip(1) {
            let close = w.find('>').expect("word tag");
            let text = &w[close + 1..w.find("</word>").expect("end of word")];
            page.words.push(Word {
                text: unescape(text),
                x0: attr(&w[..close], "xMin"),
                y0: attr(&w[..close], "yMin"),
                x1: attr(&w[..close], "xMax"),
                y1: attr(&w[..close], "yMax"),
            });
        }
        pages.push(page);
    }
    assert!(!pages.is_empty(), "no pages in {name}");
    pages
}

/// Every line of the page where the header words `titles` (the first word of each title)
/// stand in order: the columns' left edges and the line's top.
fn header_lines(page: &PageWords, titles: &[&str]) -> Vec<(Vec<f32>, f32)> {
    let first: Vec<&str> = titles
        .iter()
        .map(|t| t.split_whitespace().next().expect("a title"))
        .collect();
    page.words
        .iter()
        .filter(|w| w.text == first[0])
        .filter_map(|start| {
            let mut xs = vec![start.x0];
            for title in &first[1..] {
                let w = page.words.iter().find(|w| {
                    w.text == *title
                        && (w.y0 - start.y0).abs() < 1.0
                        && w.x0 > *xs.last().expect("a column")
                })?;
                xs.push(w.x0);
            }
            Some((xs, start.y0))
        })
        .collect()
}

/// Where a table ends.
#[derive(Clone, Copy)]
enum End {
    /// At the next section's heading (a line with text of 11 pt or more; table cells are
    /// at most 9 pt), or the foot.
    Heading,
    /// At the first line starting with one of these words in the first column, or the foot.
    Marker(&'static [&'static str]),
}

/// Asserts that in every table under the header `titles`, every word stays in its column:
/// it starts at or after its column's left edge and ends at least 2 pt before the next
/// column, or inside the paper's margin. A page without the header (a table running on)
/// uses the columns of the page before. Returns the number of words checked.
fn assert_columns(doc: &str, pages: &[PageWords], titles: &[&str], end: End) -> usize {
    const GAP: f32 = 2.0;
    let mut columns: Option<Vec<f32>> = None;
    let mut checked = 0;
    for (n, page) in pages.iter().enumerate() {
        let foot = page.height - 38.0;
        let mut tables = header_lines(page, titles);
        if tables.is_empty() {
            // A table that runs on without its header (the lists) starts under the page
            // title; a document that repeats the header has no table on a page without it.
            match (&columns, end) {
                (Some(xs), End::Heading) => tables.push((xs.clone(), 75.0)),
                _ => continue,
            }
        }
        for (xs, top) in tables {
            columns = Some(xs.clone());
            let mut stop = foot;
            match end {
                End::Marker(e) => {
                    if let Some(y) = page
                        .words
                        .iter()
                        .filter(|w| {
                            e.contains(&w.text.as_str()) && w.y0 > top && (w.x0 - xs[0]).abs() < 1.0
                        })
                        .map(|w| w.y0)
                        .reduce(f32::min)
                    {
                        stop = y;
                    }
                }
                End::Heading => {
                    // DejaVu's line box is about 1.16 times the size: 11 pt is 12.8 high.
                    if let Some(y) = page
                        .words
                        .iter()
                        .filter(|w| w.y0 > top + 1.0 && w.y1 - w.y0 > 11.5)
                        .map(|w| w.y0)
                        .reduce(f32::min)
                    {
                        stop = stop.min(y);
                    }
                }
            }
            for w in page
                .words
                .iter()
                .filter(|w| w.y0 >= top - 1.0 && w.y0 < stop - 0.5)
            {
                let col = xs.iter().rposition(|x| w.x0 >= x - 0.5).unwrap_or_else(|| {
                    panic!(
                        "{doc} page {}: '{}' starts left of the table",
                        n + 1,
                        w.text
                    )
                });
                let limit = xs.get(col + 1).map_or(page.width - 14.0, |next| next - GAP);
                assert!(
                    w.x1 <= limit,
                    "{doc} page {}: '{}' (x {:.1}–{:.1}) runs into the next column at {:.1} \
                     (column '{}')",
                    n + 1,
                    w.text,
                    w.x0,
                    w.x1,
                    limit + GAP,
                    titles[col]
                );
                checked += 1;
            }
        }
    }
    assert!(columns.is_some(), "{doc}: header {titles:?} not found");
    checked
}

/// Two buses for every work visit, so the bus lists have passengers.
fn add_buses(b: &mut Balie) {
    let programme = b.programme().expect("programme");
    for day in &programme.days {
        for top in &day.items {
            for i in top
                .children
                .iter()
                .filter(|c| c.kind == ItemKind::WorkVisit)
            {
                let bus = |n: u32| Bus {
                    id: format!("bus-{n}"),
                    name: format!("Bus {n}"),
                    seats: 12,
                    departure: "12:45".into(),
                    from: "Forum, hoofdingang Nieuwe Markt".into(),
                };
                b.save_programme_item(ItemInput {
                    id: Some(i.id.clone()),
                    day: day.date.clone(),
                    parent_id: Some(top.id.clone()),
                    title: i.title.clone(),
                    start: i.start.clone(),
                    end: i.end.clone().unwrap_or_default(),
                    kind: i.kind,
                    location: i.location.clone().unwrap_or_default(),
                    capacity: i.capacity.map(|c| c.to_string()).unwrap_or_default(),
                    speakers: i.speakers.clone(),
                    description: i.description.clone(),
                    aliases: i.aliases.clone(),
                    members_only: i.members_only,
                    bus_offered: true,
                    buses: vec![bus(1), bus(2)],
                })
                .expect("buses");
            }
        }
    }
}

/// The demo congress with people checked in on Thursday, the ALV and a snapshot taken.
fn busy_desk(dir: &Path) -> Balie {
    let mut b = start(dir, true);
    b.set_staff("Anna").expect("staff");
    add_buses(&mut b);
    for line in b
        .roster("day-2023-12-07")
        .expect("roster")
        .iter()
        .step_by(3)
    {
        b.check_in(
            "day-2023-12-07",
            &line.attendee_id,
            None,
            CheckinSource::Scan,
        )
        .expect("in");
    }
    for line in b.roster("alv").expect("roster").iter().step_by(2) {
        b.check_in("alv", &line.attendee_id, None, CheckinSource::Scan)
            .expect("alv in");
    }
    b
}

#[test]
fn no_word_of_any_table_document_runs_into_the_next_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let mut b = busy_desk(dir.path());

    let noodlijst = words(
        out.path(),
        "noodlijst.pdf",
        &b.fallback_list_pdf("day-2023-12-07").expect("list"),
    );
    let ticked = noodlijst
        .iter()
        .flat_map(|p| &p.words)
        .filter(|w| w.text == "✓15:20")
        .count();
    assert!(ticked > 10, "the check-in times are whole words: {ticked}");
    let n = assert_columns(
        "noodlijst",
        &noodlijst,
        &["Tijd", "Naam", "Organisatie", "Badgecode", "Dag", "Let op"],
        End::Heading,
    );
    assert!(n > 1000, "{n} words checked");

    let snapshot = b
        .take_snapshot("5. Jaarrekening 2022", "gewoon")
        .expect("snapshot");
    let presentielijst_pdf = b.presentielijst_pdf(&snapshot.id).expect("presentielijst");
    if let Ok(keep) = std::env::var("BALIE_KEEP_PDF") {
        std::fs::write(format!("{keep}/presentielijst.pdf"), &presentielijst_pdf).expect("keep");
    }
    let presentielijst = words(out.path(), "presentielijst.pdf", &presentielijst_pdf);
    assert!(
        assert_columns(
            "presentielijst",
            &presentielijst,
            &[
                "Lid",
                "Gewicht",
                "Status",
                "Namens het lid / bewijs",
                "Handtekening"
            ],
            End::Marker(&["Totalen", "Tevens", "Voorzitter"]),
        ) > 100
    );

    for (name, pdf, titles) in [
        (
            "buslijsten",
            b.bus_lists_pdf().expect("buses"),
            &["✓", "#", "Naam", "Organisatie"][..],
        ),
        (
            "dinerlijst",
            b.dinner_list_pdf().expect("dinner"),
            &["Naam", "Organisatie", "Dieetwensen", "Toegankelijkheid"][..],
        ),
        (
            "sessielijsten",
            b.session_lists_pdf().expect("sessions"),
            &["#", "Naam", "Organisatie", "Status"][..],
        ),
    ] {
        let pages = words(out.path(), &format!("{name}.pdf"), &pdf);
        let n = assert_columns(name, &pages, titles, End::Heading);
        assert!(n > 50, "{name}: {n} words checked");
    }

    // The attendance report: labels on the left, figures in a column of their own.
    let report = words(
        out.path(),
        "rapport.pdf",
        &b.attendance_report_pdf().expect("report"),
    );
    for page in &report {
        let label = page
            .words
            .iter()
            .find(|w| w.text == "Verwacht")
            .expect("label");
        let figure = page
            .words
            .iter()
            .find(|w| (w.y0 - label.y0).abs() < 1.0 && w.x0 > label.x1)
            .expect("figure");
        let rows: Vec<&Word> = page
            .words
            .iter()
            .filter(|w| w.y0 >= label.y0 - 1.0 && w.y0 < label.y0 + 7.0 * 18.5)
            .collect();
        assert!(rows.len() >= 14, "{rows:?}");
        for w in rows {
            assert!(
                w.x1 <= figure.x0 - 2.0 || w.x0 >= figure.x0 - 0.5,
                "report: '{}' runs into the figures' column",
                w.text
            );
        }
    }
}
