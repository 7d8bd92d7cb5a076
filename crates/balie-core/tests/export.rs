//! Exports through the real core: the workbook reopened and checked sheet by sheet, and the
//! CSV in the shape Dutch Excel opens directly.

mod common;

use balie_core::app::fastlane::{WalkInInput, WalkInOutcome};
use balie_core::documents::export::ExportTable;
use balie_core::domain::checkin::CheckinSource;
use calamine::Reader;
use common::start;

const THU: &str = "day-2023-12-07";

fn rows(book: &mut calamine::Xlsx<std::io::Cursor<Vec<u8>>>, sheet: &str) -> Vec<Vec<String>> {
    book.worksheet_range(sheet)
        .expect("sheet")
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect()
}

#[test]
fn the_workbook_has_attendees_no_shows_walk_ins_and_every_check_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = start(dir.path(), true);
    b.set_staff("Anna").expect("staff");
    let roster = b.roster(THU).expect("roster");
    let first = &roster[0];
    b.check_in(THU, &first.attendee_id, None, CheckinSource::Scan)
        .expect("in");
    let WalkInOutcome::CheckedIn {
        attendee: walk_in, ..
    } = b
        .register_walk_in(
            WalkInInput {
                first_name: "Noël".into(),
                tussenvoegsel: String::new(),
                last_name: "Çelik".into(),
                organisation: "Bibliotheek Oosterlaar".into(),
                email: String::new(),
            },
            THU,
            true,
        )
        .expect("walk in")
    else {
        panic!("walk-in not checked in");
    };

    let bytes = b.export_xlsx().expect("xlsx");
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("reopen");
    assert_eq!(
        book.sheet_names(),
        ["Deelnemers", "Niet verschenen", "Inloop", "Incheckingen"]
    );

    let people = rows(&mut book, "Deelnemers");
    let header = &people[0];
    assert_eq!(&header[..3], ["Achternaam", "Tussenvoegsel", "Voornaam"]);
    let thu = header
        .iter()
        .position(|h| h == "Donderdag: binnen")
        .expect("arrival column");
    assert_eq!(people.len(), b.attendees().expect("people").len() + 1);
    let arrived: Vec<&Vec<String>> = people[1..].iter().filter(|r| !r[thu].is_empty()).collect();
    assert_eq!(arrived.len(), 2);
    assert!(arrived.iter().all(|r| r[thu] == "2023-12-07 15:20"));
    let noel = people.iter().find(|r| r[2] == "Noël").expect("walk-in row");
    assert_eq!(noel[0], "Çelik");
    let inloop = header
        .iter()
        .position(|h| h == "Inloop")
        .expect("walk-in column");
    assert_eq!(noel[inloop], "Ja");

    let no_shows = rows(&mut book, "Niet verschenen");
    let thursday_missing = no_shows.iter().filter(|r| r[0] == "Donderdag").count();
    let counter = b
        .counters()
        .expect("counters")
        .into_iter()
        .find(|c| c.list.id == THU)
        .expect("thu");
    assert_eq!(
        thursday_missing as i64,
        counter.expected - counter.checked_in
    );

    let walk_ins = rows(&mut book, "Inloop");
    assert_eq!(walk_ins.len(), 2);
    assert_eq!(walk_ins[1][5], walk_in.badge_code);

    let checkins = rows(&mut book, "Incheckingen");
    assert_eq!(checkins.len(), 3, "a header and two check-ins");
    assert_eq!(&checkins[1][3..5], ["in", "2023-12-07 15:20"]);
    assert_eq!(checkins[1][8], "scan");
    assert_eq!(checkins[2][8], "walk_in");
}

#[test]
fn the_csv_is_for_dutch_excel() {
    let dir = tempfile::tempdir().expect("tempdir");
    let b = start(dir.path(), true);
    let csv = b.export_csv(ExportTable::Attendees).expect("csv");
    assert!(csv.starts_with(b"\xEF\xBB\xBFAchternaam;Tussenvoegsel;Voornaam;"));
    let text = String::from_utf8(csv[3..].to_vec()).expect("utf-8");
    assert!(text.contains("\r\n"));
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), b.attendees().expect("people").len() + 1);
    // It reads back with the import's own CSV reader: same columns on every line.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let width = reader.headers().expect("header").len();
    for record in reader.records() {
        assert_eq!(record.expect("record").len(), width);
    }
}
