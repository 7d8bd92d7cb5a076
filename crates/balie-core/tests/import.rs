//! Importing registrations: messy Dutch spreadsheets, dry run with line errors,
//! all-or-nothing, safe re-import.

mod common;

use balie_core::domain::checkin::CheckinSource;
use balie_core::domain::import::{ColumnChoice, Field, ImportOptions};
use balie_core::{Balie, ErrorCode};
use common::start;

fn real(dir: &std::path::Path) -> Balie {
    let mut b = start(dir, false);
    b.set_staff("Anna").expect("staff");
    b
}

/// Windows-1252 bytes for `text` (only the characters the tests use).
fn cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'ë' => 0xEB,
            'é' => 0xE9,
            'ï' => 0xEF,
            '’' => 0x92,
            c if (c as u32) < 0x80 => c as u8,
            c => panic!("not in the test table: {c}"),
        })
        .collect()
}

const HEADER: &str = "Voornaam;Tussenvoegsel;Achternaam;E-mailadres;Organisatie;Lid;Donderdag 7 december;Vrijdag 8 december;Diner;Kennissessie;Werkbezoek;Busvervoer;Dieetwensen";

#[test]
fn a_messy_windows_1252_file_with_crlf_and_quoted_separators_imports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = real(dir.path());
    let text = format!(
        "{HEADER}\r\n\
         Zoë;de;Vries;zoe.devries@example.org;\"Bibliotheek Kleimeer; locatie Noord\";Ja;J;N;x;Online bibliotheek;;Nee;\r\n\
         Noël;;O’Brien;noel@example.org;\"Bibliotheek\r\nLindehaven\";Nee;WAAR;ONWAAR;0;;DNK Assen;1;\"glutenvrij; geen noten\"\r\n"
    );
    let bytes = cp1252(&text);
    let preview = b
        .preview_registrations(&bytes, "aanmeldingen.csv")
        .expect("preview");
    assert_eq!(preview.encoding, "Windows-1252 (West-Europees)");
    // Not Unicode: the other readings are offered, each with the names as it reads them.
    let ids: Vec<&str> = preview.encodings.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "windows-1252",
            "windows-1250",
            "windows-1254",
            "windows-1257",
            "windows-1251"
        ]
    );
    assert_eq!(preview.encodings[0].example, "Zoë, Noël, O’Brien");
    assert_eq!(preview.separator, ";");
    assert_eq!(
        (preview.rows, preview.new, preview.refused),
        (2, 2, 0),
        "{preview:?}"
    );
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert!(!preview.applied);
    assert_eq!(
        b.attendees().expect("people").len(),
        0,
        "a dry run writes nothing"
    );

    let done = b
        .import_registrations(&bytes, "aanmeldingen.csv")
        .expect("import");
    assert!(done.applied);
    let people = b.attendees().expect("people");
    let zoe = people.iter().find(|p| p.first_name == "Zoë").expect("Zoë");
    assert_eq!(
        (zoe.tussenvoegsel.as_str(), zoe.last_name.as_str()),
        ("de", "Vries")
    );
    assert_eq!(zoe.organisation, "Bibliotheek Kleimeer; locatie Noord");
    assert_eq!(
        zoe.member_org.as_deref(),
        Some("Bibliotheek Kleimeer; locatie Noord")
    );
    assert!(zoe.thursday && !zoe.friday && zoe.dinner);
    assert_eq!(zoe.session_choice.as_deref(), Some("kennissessie-online"));
    let noel = people
        .iter()
        .find(|p| p.first_name == "Noël")
        .expect("Noël");
    assert_eq!(noel.last_name, "O’Brien");
    assert_eq!(noel.organisation, "Bibliotheek\nLindehaven");
    assert_eq!(noel.visit_choice.as_deref(), Some("werkbezoek-dnk-assen"));
    assert!(noel.bus);
    assert_eq!(noel.dietary, "glutenvrij; geen noten");
    assert!(balie_core::domain::badge::normalise(&noel.badge_code).is_some());
    let hits = b.desk_search("obrien", "day-2023-12-07").expect("search");
    assert_eq!(
        hits.first().map(|h| h.attendee.id.clone()),
        Some(noel.id.clone())
    );
}

#[test]
fn utf8_with_bom_and_commas_imports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = real(dir.path());
    let text = "\u{feff}First name,Last name,E-mail,Organisation,Thursday,Friday\n\
                Çelik,Yılmaz,celik@example.org,\"Bibliotheek Zandwijk, Oost\",yes,no\n";
    let done = b
        .import_registrations(text.as_bytes(), "export.csv")
        .expect("import");
    assert_eq!(
        (done.encoding.as_str(), done.separator.as_str()),
        ("UTF-8 met BOM", ",")
    );
    assert!(done.applied, "{:?}", done.problems);
    let p = b.attendees().expect("people").remove(0);
    assert_eq!(
        (p.first_name.as_str(), p.last_name.as_str()),
        ("Çelik", "Yılmaz")
    );
    assert_eq!(p.organisation, "Bibliotheek Zandwijk, Oost");
}

#[test]
fn an_error_on_line_400_of_400_refuses_the_whole_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = real(dir.path());
    let events = b.store().event_count().expect("count");
    let mut text = format!("{HEADER}\r\n");
    for n in 2..400 {
        text.push_str(&format!(
            "Persoon;;Nummer{n};p{n}@example.org;Bibliotheek;Ja;Ja;Ja;Nee;;;Nee;\r\n"
        ));
    }
    text.push_str(
        "Laatste;;Regel;laatste@example.org;Bibliotheek;Ja;Misschien;Ja;Nee;Yoga;;Nee;\r\n",
    );
    let preview = b
        .import_registrations(text.as_bytes(), "groot.csv")
        .expect("preview");
    assert!(!preview.applied);
    assert_eq!((preview.rows, preview.new, preview.refused), (399, 398, 1));
    let lines: Vec<u32> = preview.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [400, 400]);
    let day = &preview.problems[0];
    assert_eq!(day.column.as_deref(), Some("Donderdag 7 december"));
    assert!(
        day.message
            .dutch
            .contains("'Misschien' is geen ja/nee-waarde"),
        "{}",
        day.message
    );
    let session = &preview.problems[1];
    assert_eq!(session.column.as_deref(), Some("Kennissessie"));
    assert!(
        session
            .message
            .dutch
            .contains("de kennissessie 'Yoga' bestaat niet"),
        "{}",
        session.message
    );
    assert_eq!(
        b.store().event_count().expect("count"),
        events,
        "nothing written"
    );
    assert_eq!(b.attendees().expect("people").len(), 0);
}

#[test]
fn a_big_file_names_its_problems_in_line_order_with_duplicates_among_them() {
    // Enough rows that they are decided on several cores: the problems still come in line
    // order, a duplicate address sits among its row's problems where a small file puts it,
    // and the first line of an address counts even when that row is refused.
    let dir = tempfile::tempdir().expect("tempdir");
    let b = real(dir.path());
    let mut text = format!("{HEADER}\n");
    for line in 2..=6000 {
        let row = match line {
            // Refused (no first name), but its address is taken.
            100 => ";;Honderd;dubbel@example.org;Bieb;Ja;Ja;Ja;Nee;;;Nee;".to_string(),
            // The same address in another case, a bad yes/no before it and an unknown
            // session after it.
            4000 => {
                "Vier;;Duizend;DUBBEL@example.org;Bieb;Ja;Wellicht;Ja;Nee;Yoga;;Nee;".to_string()
            }
            5999 => "Bijna;;Laatste;p5999@example.org;Bieb;Ja;Ja;Ja;Nee;;;Misschien;".to_string(),
            n => format!("Persoon;;Nummer{n};p{n}@example.org;Bieb;Ja;Ja;Ja;Nee;;;Nee;"),
        };
        text.push_str(&row);
        text.push('\n');
    }
    let preview = b
        .preview_registrations(text.as_bytes(), "groot.csv")
        .expect("preview");
    assert_eq!(
        (preview.rows, preview.new, preview.refused),
        (5999, 5996, 3)
    );
    let described: Vec<(u32, Option<&str>, &str)> = preview
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_deref(), p.message.dutch.as_str()))
        .collect();
    assert_eq!(described.len(), 5, "{described:?}");
    assert_eq!(described[0], (100, Some("Voornaam"), "voornaam ontbreekt"));
    assert_eq!(described[1].0, 4000);
    assert!(described[1].2.contains("'Wellicht' is geen ja/nee-waarde"));
    assert_eq!(described[2].0, 4000);
    assert_eq!(described[2].1, Some("E-mailadres"));
    assert_eq!(
        described[2].2,
        "DUBBEL@example.org staat ook op regel 100; elke persoon één keer"
    );
    assert_eq!(described[3].0, 4000);
    assert!(described[3]
        .2
        .contains("de kennissessie 'Yoga' bestaat niet"));
    assert_eq!(described[4].0, 5999);
    assert_eq!(described[4].1, Some("Busvervoer"));
}

#[test]
fn missing_columns_duplicates_and_bad_values_are_named_with_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let b = real(dir.path());
    let preview = b
        .preview_registrations(b"Naam;Organisatie\nPiet;Bieb\n", "fout.csv")
        .expect("preview");
    assert_eq!(preview.problems.len(), 3);
    assert!(preview.problems.iter().all(|p| p.line == 1));
    assert!(preview.problems[0]
        .message
        .dutch
        .contains("'Voornaam' ontbreekt"));

    let text = "Voornaam;Achternaam;E-mail\nAnna;Jansen;anna@example.org\nAnne;Jansen;ANNA@example.org\n;Bakker;geen-adres\n";
    let preview = b
        .preview_registrations(text.as_bytes(), "dubbel.csv")
        .expect("preview");
    let described: Vec<(u32, String)> = preview
        .problems
        .iter()
        .map(|p| (p.line, p.message.dutch.clone()))
        .collect();
    assert_eq!(described[0].0, 3);
    assert!(
        described[0].1.contains("staat ook op regel 2"),
        "{described:?}"
    );
    assert_eq!(described[1], (4, "voornaam ontbreekt".to_string()));
    assert!(described[2]
        .1
        .contains("'geen-adres' is geen geldig e-mailadres"));
}

#[test]
fn re_import_updates_by_email_whatever_its_case_and_keeps_check_ins() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = real(dir.path());
    let first = "Voornaam;Achternaam;E-mailadres;Organisatie;Donderdag;Vrijdag\n\
                 Rachel;Hoogen;Rachel@Example.org;Biblionet;Ja;Ja\n\
                 Bram;Bos;bram@example.org;Bibliotheek;Ja;Nee\n";
    assert!(
        b.import_registrations(first.as_bytes(), "v1.csv")
            .expect("v1")
            .applied
    );
    let rachel = b
        .attendees()
        .expect("people")
        .into_iter()
        .find(|p| p.first_name == "Rachel")
        .expect("Rachel");
    b.check_in("day-2023-12-07", &rachel.id, None, CheckinSource::Search)
        .expect("check in");

    let second = "Voornaam;Tussenvoegsel;Achternaam;E-mailadres;Organisatie;Donderdag;Vrijdag\n\
                  Rachel;van den;Hoogen;rachel@example.ORG;Biblionet Groningen;Ja;Ja\n";
    let preview = b
        .import_registrations(second.as_bytes(), "v2.csv")
        .expect("v2");
    assert!(preview.applied);
    assert_eq!((preview.new, preview.updated, preview.unchanged), (0, 1, 0));
    assert_eq!(preview.missing, ["Bos, Bram"], "listed, not deleted");
    let people = b.attendees().expect("people");
    assert_eq!(people.len(), 2);
    let again = people
        .iter()
        .find(|p| p.first_name == "Rachel")
        .expect("Rachel");
    assert_eq!(
        (&again.id, &again.badge_code),
        (&rachel.id, &rachel.badge_code)
    );
    assert_eq!(again.tussenvoegsel, "van den");
    let hit = b
        .desk_search("van den hoogen", "day-2023-12-07")
        .expect("search")
        .remove(0);
    assert!(hit.presence.present, "the check-in survived the re-import");

    let third = b
        .import_registrations(second.as_bytes(), "v2.csv")
        .expect("v2 again");
    assert_eq!((third.new, third.updated, third.unchanged), (0, 0, 1));

    // The search index built beside the import's transaction equals one rebuilt from the
    // database at the next start.
    let queries = [
        "hoogen",
        "groningen",
        "biblionet",
        "bos",
        "van den h",
        "b",
        "rachel@",
    ];
    let found = |b: &Balie| -> Vec<Vec<String>> {
        queries
            .iter()
            .map(|q| {
                b.desk_search(q, "day-2023-12-07")
                    .expect("search")
                    .into_iter()
                    .map(|h| h.attendee.id)
                    .collect()
            })
            .collect()
    };
    let during = found(&b);
    assert_eq!(
        during[1],
        std::slice::from_ref(&rachel.id),
        "the new organisation is found"
    );
    drop(b);
    assert_eq!(found(&real(dir.path())), during);
}

#[test]
fn a_demo_database_refuses_real_imports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = start(dir.path(), true);
    let err = b
        .import_registrations(b"Voornaam;Achternaam;E-mail\nA;B;a@example.org\n", "x.csv")
        .expect_err("demo");
    assert_eq!(err.code(), ErrorCode::DemoMismatch);
}

const XLSX: &[u8] = include_bytes!("fixtures/aanmeldingen.xlsx");

#[test]
fn an_xlsx_first_sheet_imports_with_numbers_booleans_and_empty_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = real(dir.path());
    let preview = b
        .preview_registrations(XLSX, "aanmeldingen.xlsx")
        .expect("preview");
    assert_eq!(preview.encoding, "Excel (.xlsx)");
    assert_eq!(preview.sheets, ["Aanmeldingen", "Oud"]);
    assert_eq!(preview.sheet.as_deref(), Some("Aanmeldingen"));
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!((preview.rows, preview.new), (3, 3));
    let done = b
        .import_registrations(XLSX, "aanmeldingen.xlsx")
        .expect("import");
    assert!(done.applied);
    let people = b.attendees().expect("people");
    let rachel = people
        .iter()
        .find(|p| p.first_name == "Rachel")
        .expect("Rachel");
    assert_eq!(rachel.tussenvoegsel, "van den");
    assert!(rachel.thursday && rachel.friday && rachel.dinner);
    assert_eq!(
        rachel.session_choice.as_deref(),
        Some("kennissessie-online")
    );
    assert_eq!(rachel.dietary, "vegetarisch");
    let omer = people
        .iter()
        .find(|p| p.first_name == "Ömer")
        .expect("Ömer");
    assert_eq!(omer.last_name, "Yılmaz");
    assert!(!omer.thursday && omer.friday && !omer.dinner);
    let soren = people
        .iter()
        .find(|p| p.first_name == "Søren")
        .expect("Søren");
    assert!(soren.thursday && !soren.friday && soren.dinner);
}

#[test]
fn an_xlsx_sheet_can_be_chosen_and_an_unknown_one_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let b = real(dir.path());
    let opts = ImportOptions {
        sheet: Some("oud".into()),
        ..ImportOptions::default()
    };
    let preview = b
        .preview_registrations_with(XLSX, "aanmeldingen.xlsx", &opts)
        .expect("preview");
    assert_eq!(preview.sheet.as_deref(), Some("Oud"));
    assert_eq!((preview.rows, preview.new), (1, 1));
    let e = b
        .preview_registrations_with(
            XLSX,
            "aanmeldingen.xlsx",
            &ImportOptions {
                sheet: Some("Blad9".into()),
                ..ImportOptions::default()
            },
        )
        .expect_err("no such sheet");
    assert!(
        e.to_string()
            .contains("er is geen werkblad 'Blad9'; kies uit: Aanmeldingen, Oud"),
        "{e}"
    );
    let e = b
        .preview_registrations(b"PK\x03\x04 kapot", "kapot.xlsx")
        .expect_err("broken");
    assert!(e.to_string().contains("geen leesbaar Excel-bestand"), "{e}");
}

#[test]
fn unknown_headers_are_mapped_by_hand_and_the_mapping_is_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = real(dir.path());
    let file = b"Given;Family;Adres;Opmerking\nJan;Smit;jan@example.org;x\n";
    let preview = b.preview_registrations(file, "x.csv").expect("preview");
    assert_eq!(preview.problems.len(), 3, "{:?}", preview.problems);
    assert!(preview.problems[0]
        .message
        .dutch
        .contains("de kolom 'Voornaam' ontbreekt"));
    let columns = vec![
        ColumnChoice {
            header: "given".into(),
            field: Some(Field::FirstName),
        },
        ColumnChoice {
            header: "Family".into(),
            field: Some(Field::LastName),
        },
        ColumnChoice {
            header: "Adres".into(),
            field: Some(Field::Email),
        },
    ];
    let opts = ImportOptions {
        columns: columns.clone(),
        ..ImportOptions::default()
    };
    let preview = b
        .preview_registrations_with(file, "x.csv", &opts)
        .expect("preview");
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!(
        preview.mapping[0],
        ("Given".to_string(), Some(Field::FirstName))
    );
    assert_eq!(preview.mapping[3], ("Opmerking".to_string(), None));

    // Two columns for one field: refused with both named.
    let twice = ImportOptions {
        columns: vec![
            columns[0].clone(),
            ColumnChoice {
                header: "Opmerking".into(),
                field: Some(Field::FirstName),
            },
            columns[1].clone(),
            columns[2].clone(),
        ],
        ..ImportOptions::default()
    };
    let preview = b
        .preview_registrations_with(file, "x.csv", &twice)
        .expect("preview");
    assert!(
        preview.problems[0]
            .message
            .dutch
            .contains("de kolommen 'Given', 'Opmerking' horen allemaal bij 'Voornaam'"),
        "{:?}",
        preview.problems
    );

    b.save_import_mapping("  Export   registratiesysteem ", &columns)
        .expect("save");
    b.save_import_mapping("Export registratiesysteem", &columns[..2])
        .expect("replace");
    let saved = b.import_mappings().expect("mappings");
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].name, "Export registratiesysteem");
    assert_eq!(saved[0].columns.len(), 2, "the later save wins");
    b.store_mut().rebuild_projections().expect("rebuild");
    assert_eq!(b.import_mappings().expect("mappings"), saved);
    let e = b.save_import_mapping(" ", &columns).expect_err("no name");
    assert!(e.to_string().contains("naam koppeling"), "{e}");
}

#[test]
fn a_new_person_with_a_registered_name_under_another_address_is_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = real(dir.path());
    b.import_registrations(
        b"Voornaam;Tussenvoegsel;Achternaam;E-mail\nRachel;van den;Hoogen;rachel@werk.example\n",
        "v1.csv",
    )
    .expect("import");
    let preview = b
        .preview_registrations(
            b"Voornaam;Tussenvoegsel;Achternaam;E-mail\nrachel;Van den;Hoogen;rachel@thuis.example\n",
            "v2.csv",
        )
        .expect("preview");
    assert!(preview.problems.is_empty());
    assert_eq!(preview.new, 1);
    assert_eq!(preview.warnings.len(), 1);
    let w = &preview.warnings[0];
    assert_eq!((w.line, w.column.as_deref()), (2, Some("E-mail")));
    assert!(
        w.message.dutch.contains(
            "Rachel van den Hoogen staat al in het register met e-mailadres rachel@werk.example"
        ),
        "{}",
        w.message
    );
}

/// The emails of the people signed up for `item`, seated then waiting, in their order.
fn signup_order(b: &Balie, item: &str) -> Vec<String> {
    let emails: std::collections::HashMap<String, String> = b
        .attendees()
        .expect("people")
        .into_iter()
        .map(|a| (a.id, a.email))
        .collect();
    let list = b.signups(item).expect("signups");
    list.seated
        .iter()
        .chain(list.waiting.iter())
        .map(|l| emails[&l.attendee_id].clone())
        .collect()
}

/// A registration file of `emails` in this order, each with `session` (a name the
/// programme knows) and `organisation`.
fn file_of(
    emails: &[String],
    session: impl Fn(&str) -> &'static str,
    organisation: &str,
) -> String {
    let mut csv = String::from("Voornaam;Achternaam;E-mailadres;Organisatie;Kennissessie\n");
    for e in emails {
        csv.push_str(&format!(
            "Iemand;{};{e};{organisation};{}\n",
            &e[..5],
            session(e)
        ));
    }
    csv
}

#[test]
fn imported_people_wait_in_line_order_and_keep_their_place_on_re_import() {
    // More people than one import event holds, in an order that is neither by name nor by
    // id: the signup order is the file's line order, across events.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = real(dir.path());
    let emails: Vec<String> = (0..1500)
        .map(|n| format!("p{:04}@example.org", (n * 7) % 1500))
        .collect();
    let online = |_: &str| "Online bibliotheek";
    let before = b.store().event_count().expect("count");
    let v1 = b
        .import_registrations(file_of(&emails, online, "Bieb").as_bytes(), "v1.csv")
        .expect("v1");
    assert!(v1.applied && v1.new == 1500, "{:?}", v1.problems.first());
    let written = b.store().event_count().expect("count") - before;
    assert!(written <= 2, "1500 people in {written} events");
    assert_eq!(signup_order(&b, "kennissessie-online"), emails);

    // An updated export in another order changes everyone's organisation: nobody's choice
    // changed, so nobody moves. The first person moved to another session and back (v3)
    // joins the end of the line.
    let mut reversed = emails.clone();
    reversed.reverse();
    let first = emails[0].clone();
    let moved = |e: &str| {
        if e == "p0000@example.org" {
            "Samenwerking"
        } else {
            "Online bibliotheek"
        }
    };
    let v2 = b
        .import_registrations(
            file_of(&reversed, moved, "Bibliotheek").as_bytes(),
            "v2.csv",
        )
        .expect("v2");
    assert!(
        v2.applied && v2.updated == 1500,
        "{:?}",
        v2.problems.first()
    );
    let mut expected: Vec<String> = emails.iter().filter(|e| **e != first).cloned().collect();
    assert_eq!(signup_order(&b, "kennissessie-online"), expected);
    assert_eq!(
        signup_order(&b, "kennissessie-samenwerking"),
        std::slice::from_ref(&first)
    );
    let v3 = b
        .import_registrations(
            file_of(&reversed, online, "Bibliotheek").as_bytes(),
            "v3.csv",
        )
        .expect("v3");
    assert!(v3.applied && v3.updated == 1 && v3.unchanged == 1499);
    expected.push(first);
    assert_eq!(signup_order(&b, "kennissessie-online"), expected);

    // The same order on a desk that received it all as a bundle, and after a rebuild.
    let other_dir = tempfile::tempdir().expect("tempdir");
    let other = common::joined(other_dir.path(), &b);
    assert_eq!(signup_order(&other, "kennissessie-online"), expected);
    assert_eq!(
        other.attendees().expect("people"),
        b.attendees().expect("people")
    );
    b.store_mut().rebuild_projections().expect("rebuild");
    assert_eq!(signup_order(&b, "kennissessie-online"), expected);
}

#[test]
fn imports_and_sign_ups_on_several_desks_converge_in_any_exchange_order() {
    // Three desks import overlapping files in different orders (the same e-mail makes the
    // same person everywhere), sign people up and exchange at random: in the end every desk
    // has the same register and the same seats and waiting lists, equal to a rebuild.
    const SESSIONS: [(&str, &str); 3] = [
        ("kennissessie-online", "Online bibliotheek"),
        ("kennissessie-samenwerking", "Samenwerking"),
        ("", ""),
    ];
    let mut lines_seen = 0;
    for seed in 1..=6 {
        let mut rng = balie_core::domain::demo::Rng::new(seed);
        let dirs: Vec<tempfile::TempDir> = (0..3)
            .map(|_| tempfile::tempdir().expect("tempdir"))
            .collect();
        let first = real(dirs[0].path());
        let mut desks = vec![first];
        for dir in &dirs[1..] {
            let mut d = common::joined(dir.path(), &desks[0]);
            d.set_staff("Bram").expect("staff");
            desks.push(d);
        }
        let mut imports = 0;
        for step in 0..12 {
            let d = rng.below(3);
            match rng.below(3) {
                0 => {
                    let mut csv = String::from("Voornaam;Achternaam;E-mailadres;Kennissessie\n");
                    // 25 of 40 people, in a random order.
                    let mut pool: Vec<usize> = (0..40).collect();
                    for i in (1..pool.len()).rev() {
                        pool.swap(i, rng.below(i + 1));
                    }
                    for n in &pool[..25] {
                        let (_, session) = SESSIONS[rng.below(3)];
                        csv.push_str(&format!("Iemand;Nummer{n};p{n}@example.org;{session}\n"));
                    }
                    let preview = desks[d]
                        .import_registrations(csv.as_bytes(), &format!("stap{step}.csv"))
                        .expect("import");
                    assert!(preview.applied, "{:?}", preview.problems.first());
                    imports += 1;
                }
                1 => {
                    let people = desks[d].attendees().expect("people");
                    if !people.is_empty() {
                        let p = rng.pick(&people).id.clone();
                        let (item, _) = SESSIONS[rng.below(2)];
                        let _ = desks[d].sign_up(&p, item);
                    }
                }
                _ => {
                    let to = (d + 1 + rng.below(2)) % 3;
                    let since = desks[to].version_vector().expect("vector");
                    let bundle = desks[d].export_bundle(&since).expect("export");
                    desks[to].import_bundle(&bundle).expect("merge");
                }
            }
        }
        for from in 0..3 {
            for to in 0..3 {
                if from != to {
                    let since = desks[to].version_vector().expect("vector");
                    let bundle = desks[from].export_bundle(&since).expect("export");
                    desks[to].import_bundle(&bundle).expect("merge");
                }
            }
        }
        let state = |b: &Balie| {
            (
                b.attendees().expect("people"),
                signup_order(b, "kennissessie-online"),
                signup_order(b, "kennissessie-samenwerking"),
            )
        };
        let expected = state(&desks[0]);
        assert_eq!(expected.0.is_empty(), imports == 0, "seed {seed}");
        lines_seen += expected.1.len() + expected.2.len();
        for d in &desks[1..] {
            assert_eq!(state(d), expected, "seed {seed}");
        }
        desks[1].store_mut().rebuild_projections().expect("rebuild");
        assert_eq!(state(&desks[1]), expected, "seed {seed}: rebuilt");
    }
    assert!(lines_seen > 50, "the draws signed people up ({lines_seen})");
}

#[test]
fn a_desk_that_merges_another_desks_import_finds_the_people() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = real(dir.path());
    let other_dir = tempfile::tempdir().expect("tempdir");
    let mut b = common::joined(other_dir.path(), &a);
    let since = b.version_vector().expect("vector");
    let emails: Vec<String> = (0..3).map(|n| format!("zoek{n}@example.org")).collect();
    let file = file_of(&emails, |_| "Online bibliotheek", "Bieb Zuidhorn");
    let done = a
        .import_registrations(file.as_bytes(), "v1.csv")
        .expect("import");
    assert!(done.applied && done.new == 3, "{:?}", done.problems.first());
    assert!(b
        .desk_search("zuidhorn", "day-2023-12-07")
        .expect("search")
        .is_empty());
    let report = b
        .import_bundle(&a.export_bundle(&since).expect("bundle"))
        .expect("merge");
    assert_eq!(report.new, 1);
    let found = b.desk_search("zuidhorn", "day-2023-12-07").expect("search");
    assert_eq!(found.len(), 3, "the merged import is searchable");
}
