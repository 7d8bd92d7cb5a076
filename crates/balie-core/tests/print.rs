//! Paper through the real core: badges whose QR codes decode (from `pdftoppm`'s raster) to
//! the badge codes, names with diacritics read back by `pdftotext`, the fallback list in
//! Dutch order with page numbers, the label layout and the attendance report.
//! Needs poppler-utils (`pdftotext`, `pdftoppm`, `pdfinfo`); `scripts/test.sh` installs it.

mod common;

use balie_core::app::reception::AttendeeInput;
use balie_core::documents::desk_paper::BadgeLayout;
use balie_core::domain::checkin::CheckinSource;
use balie_core::store::attendees::Attendee;
use balie_core::Balie;
use common::start;
use std::path::Path;
use std::process::Command;

fn desk(dir: &Path) -> Balie {
    let mut b = start(dir, true);
    b.set_staff("Anna").expect("staff");
    b
}

fn poppler(tool: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} is missing ({e}); install poppler-utils"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write pdf");
    path.to_str().expect("utf-8 path").to_string()
}

/// A field of `pdfinfo`, e.g. "Pages" → "2".
fn info(pdf: &str, field: &str) -> String {
    let out = String::from_utf8(poppler("pdfinfo", &[pdf])).expect("utf-8");
    out.lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .map(|v| v.trim().to_string())
        .unwrap_or_default()
}

fn text(pdf: &str) -> String {
    String::from_utf8(poppler("pdftotext", &["-layout", pdf, "-"])).expect("utf-8")
}

/// A binary PGM (P5) as width, height and pixels.
fn pgm(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes[i] == b'#' {
            while bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).to_string());
    }
    assert_eq!(fields[0], "P5");
    let w: usize = fields[1].parse().expect("width");
    let h: usize = fields[2].parse().expect("height");
    (w, h, bytes[i + 1..i + 1 + w * h].to_vec())
}

/// Every QR code on every page of `pdf`, decoded.
fn qr_codes(dir: &Path, pdf: &str) -> Vec<String> {
    let prefix = dir.join("page");
    poppler(
        "pdftoppm",
        &["-r", "150", "-gray", pdf, prefix.to_str().expect("path")],
    );
    let mut pages: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pgm"))
        .collect();
    pages.sort();
    let mut codes = Vec::new();
    for page in pages {
        let (w, h, px) = pgm(&std::fs::read(&page).expect("pgm"));
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| px[y * w + x]);
        for grid in img.detect_grids() {
            match grid.decode() {
                Ok((_, content)) => codes.push(content),
                Err(e) => codes.push(format!("unreadable ({e:?}) on {}", page.display())),
            }
        }
    }
    codes
}

fn sample(b: &Balie) -> Vec<Attendee> {
    let people = b.attendees().expect("people");
    let mut chosen: Vec<Attendee> = people
        .iter()
        .filter(|p| {
            p.first_name.contains('ø')
                || p.first_name.contains('é')
                || p.first_name.contains('ł')
                || p.last_name.contains('ı')
        })
        .take(6)
        .cloned()
        .collect();
    chosen.extend(
        people
            .iter()
            .filter(|p| p.member_org.is_none())
            .take(3)
            .cloned(),
    );
    chosen
}

#[test]
fn every_qr_code_on_the_badge_sheets_decodes_to_its_badge_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let mut people = sample(&b);
    let long = b
        .add_attendee(AttendeeInput {
            first_name: "Maria Magdalena Elisabeth".into(),
            tussenvoegsel: "van der".into(),
            last_name: "Heijden-Oosterhuis Brinkhorst".into(),
            organisation: "Bibliotheek Tytsjerksteradiel, vestiging Burgum en omstreken".into(),
            thursday: true,
            ..AttendeeInput::default()
        })
        .expect("long name");
    people.push(long.clone());
    assert!(people.len() >= 9, "two sheets");
    let ids: Vec<String> = people.iter().map(|p| p.id.clone()).collect();
    let pdf = b.badges_pdf(&ids, BadgeLayout::A4Sheet).expect("badges");
    let out = tempfile::tempdir().expect("tempdir");
    let file = write(out.path(), "badges.pdf", &pdf);
    assert_eq!(info(&file, "Pages"), people.len().div_ceil(8).to_string());

    let mut decoded = qr_codes(out.path(), &file);
    let mut expected: Vec<String> = people.iter().map(|p| p.badge_code.clone()).collect();
    decoded.sort();
    expected.sort();
    assert_eq!(decoded, expected);

    let words = text(&file);
    for p in &people {
        let name = p.display_name();
        if p.id == long.id {
            // Wrapped over two lines, never cut: every word is there.
            for w in name.split_whitespace() {
                assert!(words.contains(w), "{w} missing from {words}");
            }
        } else {
            assert!(words.contains(&name), "{name} missing");
        }
    }
    assert!(words.contains("LID · ALV"));
}

#[test]
fn the_label_layout_has_one_badge_per_label_sized_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let b = desk(dir.path());
    let people = sample(&b);
    let ids: Vec<String> = people.iter().take(3).map(|p| p.id.clone()).collect();
    let pdf = b.badges_pdf(&ids, BadgeLayout::Label).expect("labels");
    let out = tempfile::tempdir().expect("tempdir");
    let file = write(out.path(), "labels.pdf", &pdf);
    assert_eq!(info(&file, "Pages"), "3");
    assert_eq!(info(&file, "Page size"), "255.118 x 155.906 pts");
    assert_eq!(qr_codes(out.path(), &file).len(), 3);
}

#[test]
fn the_fallback_list_is_in_dutch_order_with_boxes_times_and_page_numbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let roster = b.roster("day-2023-12-07").expect("roster");
    b.check_in(
        "day-2023-12-07",
        &roster[1].attendee_id,
        None,
        CheckinSource::Search,
    )
    .expect("in");
    let pdf = b.fallback_list_pdf("day-2023-12-07").expect("list");
    let out = tempfile::tempdir().expect("tempdir");
    let file = write(out.path(), "lijst.pdf", &pdf);
    let t = text(&file);
    assert!(t.contains("Noodlijst Donderdag"));
    assert!(t.contains("gemaakt 7 december 2023 om 15:20"), "{t}");
    let pages = t.matches("pagina ").count();
    assert!(
        pages > 1 && t.contains(&format!("pagina {pages} van {pages}")),
        "{pages}"
    );
    // Names appear in the roster's order (last name without tussenvoegsel).
    let mut at = 0;
    for line in &roster {
        let found = t[at..]
            .find(&line.listing_name)
            .unwrap_or_else(|| panic!("{} out of order", line.listing_name));
        at += found + line.listing_name.len();
    }
    assert!(t.contains("✓15:20"), "the one checked in shows the time");
}

#[test]
fn the_attendance_report_gives_counts_and_no_show_rate_per_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = desk(dir.path());
    let roster = b.roster("day-2023-12-07").expect("roster");
    for line in roster.iter().take(3) {
        b.check_in(
            "day-2023-12-07",
            &line.attendee_id,
            None,
            CheckinSource::Scan,
        )
        .expect("in");
    }
    let pdf = b.attendance_report_pdf().expect("report");
    let out = tempfile::tempdir().expect("tempdir");
    let file = write(out.path(), "rapport.pdf", &pdf);
    let t = text(&file);
    assert!(t.contains("Aanwezigheid: Donderdag"));
    assert!(t.contains("Aanwezigheid: Ledenvergadering (ALV)"));
    let expected = roster.len();
    let rate = format!("{:.1}%", (expected - 3) as f64 * 100.0 / expected as f64).replace('.', ",");
    assert!(t.contains(&rate), "{rate} in {t}");
    assert!(t.contains("3 aangekomen — gescand: 3"), "{t}");
    assert!(t.contains("pagina 3 van 3"));
}

#[test]
fn a_badge_prints_once_automatically_and_a_reprint_needs_a_reason() {
    use balie_core::app::printer::BadgePrintOutcome;
    let dir = tempfile::tempdir().expect("tempdir");
    let printed = tempfile::tempdir().expect("printer folder");
    let mut opts = common::options(dir.path(), true);
    opts.printer = Some(format!("folder:{}", printed.path().display()));
    let mut b = Balie::start(&opts).expect("start");
    b.set_staff("Anna").expect("staff");
    assert_eq!(
        b.app_info().expect("info").printer,
        Some(format!("map {}", printed.path().display()))
    );
    let person = b.attendees().expect("people").remove(0);
    let files = || std::fs::read_dir(printed.path()).expect("dir").count();

    let first = b.print_badge(&person.id, None, true).expect("auto print");
    assert!(
        matches!(first, BadgePrintOutcome::Printed { reprint: false, .. }),
        "{first:?}"
    );
    assert_eq!(files(), 1);
    let events = b.store().event_count().expect("count");
    assert_eq!(
        b.print_badge(&person.id, None, true).expect("auto again"),
        BadgePrintOutcome::AlreadyPrinted
    );
    let asked = b
        .print_badge(&person.id, Some("  "), false)
        .expect("reprint");
    assert!(
        matches!(&asked, BadgePrintOutcome::NeedsReason { count: 1, last_staff, last_time, .. } if last_staff == "Anna" && last_time == "2023-12-07T14:20:00Z"),
        "{asked:?}"
    );
    assert_eq!(files(), 1, "nothing printed without a reason");
    assert_eq!(b.store().event_count().expect("count"), events);
    let again = b
        .print_badge(&person.id, Some("badge kwijt"), false)
        .expect("reprint");
    assert!(matches!(
        again,
        BadgePrintOutcome::Printed { reprint: true, .. }
    ));
    assert_eq!(files(), 2);
    let pdf = std::fs::read_dir(printed.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .next()
        .expect("a file")
        .path();
    let out = tempfile::tempdir().expect("tempdir");
    assert_eq!(
        qr_codes(out.path(), pdf.to_str().expect("path")),
        std::slice::from_ref(&person.badge_code)
    );
    // The log survives a rebuild: the next automatic print still skips.
    b.store_mut().rebuild_projections().expect("rebuild");
    assert_eq!(
        b.print_badge(&person.id, None, true).expect("auto"),
        BadgePrintOutcome::AlreadyPrinted
    );
    // A desk without a printer says so.
    let plain = tempfile::tempdir().expect("tempdir");
    let mut c = desk(plain.path());
    let someone = c.attendees().expect("people").remove(0);
    assert_eq!(
        c.print_badge(&someone.id, None, true).expect("no printer"),
        BadgePrintOutcome::NoPrinter
    );
}
