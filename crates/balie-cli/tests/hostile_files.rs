//! Hostile and odd files against the real `balie-cli`, as registrations, member lists and
//! scans arrive: as e-mail attachments. Every run is capped in memory (`prlimit --as`) and
//! in time; each hostile file is refused with a Dutch message that says what and where,
//! and leaves the database as it was (the same version vector, the same people). The same
//! cap lets a normal import through, so the cap itself refuses nothing.

// The time and message of each refusal are printed, for `--nocapture` readers.
#![allow(clippy::print_stderr)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = "2023-12-07T09:00:00+01:00";
/// The address space a run may take: far below what the bombs asked for (512 GiB, 24 GB).
const MEMORY_CAP: &str = "--as=805306368";
/// How long a refusal may take.
const DEADLINE: Duration = Duration::from_secs(60);

/// `balie-cli --data-dir DIR --now NOW ARGS` under the memory cap, killed at the deadline.
fn capped(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new("prlimit")
        .arg(MEMORY_CAP)
        .arg(env!("CARGO_BIN_EXE_balie-cli"))
        .arg("--data-dir")
        .arg(dir)
        .args(["--now", NOW])
        .args(args)
        .env_remove("BALIE_DATA_DIR")
        .env_remove("BALIE_DEMO")
        .env_remove("BALIE_NOW")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("prlimit (util-linux) runs balie-cli");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("balie-cli {args:?} ran longer than {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

/// What the database holds, to compare before and after: the version vector and the
/// register's size.
fn state(dir: &Path) -> (String, String) {
    let vector = common::stdout(&capped(dir, &["sync", "vector"]));
    let info = common::stdout(&capped(dir, &["info"]));
    let people = info
        .lines()
        .find(|l| l.starts_with("Deelnemers:"))
        .expect("people")
        .to_string();
    (vector, people)
}

/// A desk with one person in its register (so that an import has something to change).
fn desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    common::stdout(&capped(
        dir.path(),
        &[
            "attendees",
            "add",
            "--first-name",
            "Anna",
            "--last-name",
            "Jansen",
            "--email",
            "anna@example.org",
            "--thursday",
            "--staff",
            "Bert",
        ],
    ));
    dir
}

/// Runs an import of `file` that must be refused; its stderr (with stdout, where the
/// problems per line go).
fn refused_import(dir: &Path, file: &Path, extra: &[&str]) -> String {
    let before = state(dir);
    let started = Instant::now();
    let mut args = vec!["import", file.to_str().expect("path"), "--staff", "Bert"];
    args.extend_from_slice(extra);
    let out = capped(dir, &args);
    let took = started.elapsed();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "accepted: {said}");
    assert!(
        out.status.code().is_some(),
        "killed by a signal (the memory cap?): {said}"
    );
    assert_eq!(state(dir), before, "the database changed: {said}");
    eprintln!("refused in {took:?}: {}", said.trim());
    said
}

/// An .xlsx of one sheet, its XML given; `shared` the shared strings part, if any.
fn workbook(path: &Path, sheet: &str, shared: Option<&[u8]>) {
    let file = std::fs::File::create(path).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let mut part = |name: &str, bytes: &[u8]| {
        zip.start_file(name, opts).expect("part");
        zip.write_all(bytes).expect("write");
    };
    part(
        "[Content_Types].xml",
        br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#,
    );
    part(
        "_rels/.rels",
        br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    part(
        "xl/workbook.xml",
        br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    );
    part(
        "xl/_rels/workbook.xml.rels",
        br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
    );
    if let Some(shared) = shared {
        part("xl/sharedStrings.xml", shared);
    }
    part("xl/worksheets/sheet1.xml", sheet.as_bytes());
    zip.finish().expect("finish");
}

fn sheet(dimension: &str, cells: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{cells}</sheetData></worksheet>"#
    )
}

const HEADER_ROW: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Voornaam</t></is></c><c r="B1" t="inlineStr"><is><t>Achternaam</t></is></c><c r="C1" t="inlineStr"><is><t>E-mailadres</t></is></c><c r="D1" t="inlineStr"><is><t>Donderdag</t></is></c></row>"#;

fn path(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

#[test]
fn a_normal_workbook_imports_under_the_same_cap() {
    let desk = desk();
    let files = tempfile::tempdir().expect("files");
    let file = path(&files, "goed.xlsx");
    let row = r#"<row r="2"><c r="A2" t="inlineStr"><is><t>Ömer</t></is></c><c r="B2" t="inlineStr"><is><t>Yılmaz</t></is></c><c r="C2" t="inlineStr"><is><t>omer@example.org</t></is></c><c r="D2" t="inlineStr"><is><t>Ja</t></is></c></row>"#;
    workbook(&file, &sheet("A1:D2", &format!("{HEADER_ROW}{row}")), None);
    let out = capped(
        desk.path(),
        &["import", file.to_str().expect("path"), "--staff", "Bert"],
    );
    assert!(common::stdout(&out).contains("Geïmporteerd."));
    let found = common::stdout(&capped(desk.path(), &["search", "yilmaz"]));
    assert!(found.starts_with("Yılmaz, Ömer"), "{found}");
}

#[test]
fn one_cell_at_the_sheet_s_far_corner_is_refused_without_allocating_the_sheet() {
    let desk = desk();
    let files = tempfile::tempdir().expect("files");
    let file = path(&files, "hoek.xlsx");
    let corner = r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#;
    workbook(
        &file,
        &sheet("A1:XFD1048576", &format!("{HEADER_ROW}{corner}")),
        None,
    );
    assert!(std::fs::metadata(&file).expect("size").len() < 4096);
    let said = refused_import(desk.path(), &file, &[]);
    assert!(
        said.contains("cel XFD1048576 ligt buiten wat Balie leest"),
        "{said}"
    );
    assert!(said.contains("200 kolommen"), "{said}");
}

#[test]
fn shared_string_bombs_are_refused_by_what_they_unpack_to() {
    let desk = desk();
    let files = tempfile::tempdir().expect("files");
    let cells = format!(
        r#"{HEADER_ROW}<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>0</v></c></row>"#
    );

    // 100 MB of strings, well under 1 MB in the zip.
    let one = b"<si><t>Jansen</t></si>";
    let mut huge = br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#.to_vec();
    while huge.len() < 100 * 1024 * 1024 {
        huge.extend_from_slice(one);
    }
    huge.extend_from_slice(b"</sst>");
    let file = path(&files, "bom.xlsx");
    workbook(&file, &sheet("A1:D2", &cells), Some(&huge));
    drop(huge);
    assert!(std::fs::metadata(&file).expect("size").len() < 1024 * 1024);
    let said = refused_import(desk.path(), &file, &[]);
    assert!(
        said.contains("onderdeel 'xl/sharedStrings.xml' is uitgepakt groter dan 64,0 MB"),
        "{said}"
    );

    // Under the size limit, but more strings than any register has.
    let mut many = br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#.to_vec();
    for _ in 0..2_100_000 {
        many.extend_from_slice(b"<si><t>a</t></si>");
    }
    many.extend_from_slice(b"</sst>");
    let file = path(&files, "veel.xlsx");
    workbook(&file, &sheet("A1:D2", &cells), Some(&many));
    let said = refused_import(desk.path(), &file, &[]);
    assert!(
        said.contains(
            "onderdeel 'xl/sharedStrings.xml' heeft meer dan 2.000.000 verschillende teksten"
        ),
        "{said}"
    );

    // A tiny part that declares a count calamine would reserve room for.
    let lying = br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="4000000000000"><si><t>a</t></si></sst>"#;
    let file = path(&files, "telt.xlsx");
    workbook(&file, &sheet("A1:D2", &cells), Some(lying));
    let said = refused_import(desk.path(), &file, &[]);
    assert!(said.contains("verschillende teksten"), "{said}");
}

#[test]
fn an_oversized_file_is_refused_by_its_size_before_it_is_read() {
    let desk = desk();
    let files = tempfile::tempdir().expect("files");
    let file = path(&files, "groot.csv");
    // Sparse: 60 MB on paper, nothing on disk; the refusal comes from its size alone.
    let f = std::fs::File::create(&file).expect("create");
    f.set_len(60 * 1024 * 1024).expect("size");
    let said = refused_import(desk.path(), &file, &[]);
    assert!(
        said.contains("het bestand is 60,0 MB; Balie leest bestanden tot 50,0 MB"),
        "{said}"
    );
}

#[test]
fn over_long_fields_are_refused_on_every_way_in() {
    let desk = desk();
    let files = tempfile::tempdir().expect("files");
    // A cell far beyond any field: the whole file.
    let file = path(&files, "lang.csv");
    let long = "x".repeat(5 * 1024 * 1024);
    std::fs::write(
        &file,
        format!("Voornaam;Achternaam;E-mailadres;Donderdag\nPiet;{long};piet@example.org;Ja\n"),
    )
    .expect("write");
    let said = refused_import(desk.path(), &file, &[]);
    assert!(
        said.contains("regel 2, kolom 2: een veld van 5.242.880 tekens"),
        "{said}"
    );

    // A first name of 101 characters: that row, by its column.
    let file = path(&files, "naam.csv");
    std::fs::write(
        &file,
        format!(
            "Voornaam;Achternaam;E-mailadres;Donderdag\n{};Jansen;p@example.org;Ja\n",
            "é".repeat(101)
        ),
    )
    .expect("write");
    let said = refused_import(desk.path(), &file, &[]);
    assert!(
        said.contains("regel 2, kolom Voornaam: Voornaam: 101 tekens, ten hoogste 100"),
        "{said}"
    );

    // The desk's form (a walk-in or a new person).
    let before = state(desk.path());
    let name = "a".repeat(100_000);
    let out = capped(
        desk.path(),
        &[
            "attendees",
            "add",
            "--first-name",
            &name,
            "--last-name",
            "Jansen",
            "--thursday",
            "--staff",
            "Bert",
        ],
    );
    let said = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!out.status.success());
    assert!(
        said.contains("Voornaam: 100.000 tekens, ten hoogste 100"),
        "{said}"
    );
    assert_eq!(state(desk.path()), before);
}

#[test]
fn excel_unicode_text_and_code_pages_read_as_written_or_offer_the_choice() {
    let desk = desk();
    let files = tempfile::tempdir().expect("files");
    // Excel's "Unicode-tekst": UTF-16 with a byte order mark, tabs between fields.
    let text = "Voornaam\tAchternaam\tE-mailadres\tDonderdag\r\nÖmer\tYılmaz\tomer@example.org\tJa\r\nŁukasz\tWróbel\tlukasz@example.org\tJa\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let file = path(&files, "unicode.txt");
    std::fs::write(&file, bytes).expect("write");
    let out = capped(
        desk.path(),
        &["import", file.to_str().expect("path"), "--staff", "Bert"],
    );
    let said = common::stdout(&out);
    assert!(
        said.contains("UTF-16 (Excel 'Unicode-tekst'), scheidingsteken 'tab'"),
        "{said}"
    );
    let found = common::stdout(&capped(desk.path(), &["search", "wrobel"]));
    assert!(found.starts_with("Wróbel, Łukasz"), "{found}");

    // Windows-1254 (Turkish): the dry run names the readings, the chosen one imports.
    let mut turkish = b"Voornaam;Achternaam;E-mailadres;Donderdag\r\n".to_vec();
    // "Yıldız;Doğan" in Windows-1254.
    turkish.extend_from_slice(b"Y\xFDld\xFDz;Do\xF0an;yildiz@example.org;Ja\r\n");
    let file = path(&files, "turks.csv");
    std::fs::write(&file, &turkish).expect("write");
    let dry = common::stdout(&capped(
        desk.path(),
        &[
            "import",
            file.to_str().expect("path"),
            "--dry-run",
            "--staff",
            "Bert",
        ],
    ));
    assert!(dry.contains("Dit bestand is geen Unicode"), "{dry}");
    assert!(
        dry.contains("--encoding windows-1254  Windows-1254 (Turks): Yıldız, Doğan"),
        "{dry}"
    );
    assert!(
        dry.contains("--encoding windows-1252  Windows-1252 (West-Europees): Yýldýz, Doðan"),
        "{dry}"
    );
    common::stdout(&capped(
        desk.path(),
        &[
            "import",
            file.to_str().expect("path"),
            "--encoding",
            "windows-1254",
            "--staff",
            "Bert",
        ],
    ));
    let found = common::stdout(&capped(desk.path(), &["search", "dogan"]));
    assert!(found.starts_with("Doğan, Yıldız"), "{found}");

    // Windows-1250 (Polish) is recognised by itself: "Łukasz" is no word in 1252.
    let file = path(&files, "pools.csv");
    std::fs::write(
        &file,
        b"Voornaam;Achternaam;E-mailadres;Donderdag\r\n\xA3ukasz;Zieli\xF1ski;zielinski@example.org;Ja\r\n",
    )
    .expect("write");
    let dry = common::stdout(&capped(
        desk.path(),
        &[
            "import",
            file.to_str().expect("path"),
            "--dry-run",
            "--staff",
            "Bert",
        ],
    ));
    assert!(dry.contains("(Windows-1250 (Centraal-Europees"), "{dry}");
}

#[test]
fn exports_carry_no_live_formulas_and_no_characters_xml_forbids() {
    let desk = desk();
    let files = tempfile::tempdir().expect("files");
    for (first, org) in [
        (
            "=HYPERLINK(\"http://x.example\";\"klik\")",
            "=cmd|' /C calc'!A0",
        ),
        ("+1+1", "-2+3"),
        ("@SUM(A1)", "Bibliotheek\u{FFFF}Noord"),
    ] {
        common::stdout(&capped(
            desk.path(),
            &[
                "attendees",
                "add",
                &format!("--first-name={first}"),
                "--last-name",
                "Hacker",
                &format!("--organisation={org}"),
                "--thursday",
                "--staff",
                "Bert",
            ],
        ));
    }
    let csv = path(&files, "deelnemers.csv");
    common::stdout(&capped(
        desk.path(),
        &["export", "--out", csv.to_str().expect("path")],
    ));
    let text = std::fs::read_to_string(&csv).expect("csv");
    for cell in ["=HYPERLINK", "=cmd|", "+1+1", "-2+3", "@SUM("] {
        for field in text.split([';', '\n']) {
            let field = field.trim_start_matches('"');
            assert!(!field.starts_with(cell), "live formula {field} in\n{text}");
        }
        assert!(
            text.contains(&format!("'{cell}")),
            "{cell} missing in\n{text}"
        );
    }

    let xlsx = path(&files, "alles.xlsx");
    common::stdout(&capped(
        desk.path(),
        &["export", "--out", xlsx.to_str().expect("path")],
    ));
    let bytes = std::fs::read(&xlsx).expect("xlsx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("zip");
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("part");
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut part, &mut xml).expect("utf-8 xml");
        assert!(
            !xml.contains(['\u{FFFF}', '\u{FFFE}']),
            "{} holds a character XML forbids",
            part.name().map(|n| n.to_string()).unwrap_or_default()
        );
    }
    // And the workbook reads back (calamine parses every sheet's XML).
    let back = balie_core_reads(&bytes);
    assert!(back.iter().any(|c| c == "BibliotheekNoord"), "{back:?}");
}

/// The cells of the first sheet of an `.xlsx`, read by Balie's own reader.
fn balie_core_reads(bytes: &[u8]) -> Vec<String> {
    let table = balie_core::documents::table::read_table(bytes, "alles.xlsx", None, None)
        .expect("the export reads back");
    table.rows.into_iter().flat_map(|(_, r)| r).collect()
}

#[test]
fn only_pdf_jpg_and_png_scans_are_kept_judged_by_their_bytes() {
    let dir = tempfile::tempdir().expect("dir");
    let files = tempfile::tempdir().expect("files");
    let demo = |args: &[&str]| {
        let mut all = vec!["--demo"];
        all.extend_from_slice(args);
        capped(dir.path(), &all)
    };
    let members = common::stdout(&demo(&["members", "list", "--json"]));
    let members: serde_json::Value = serde_json::from_str(&members).expect("json");
    let name = |n: usize| members[n]["name"].as_str().expect("name").to_string();
    let (grantor, holder) = (name(0), name(1));
    let before = common::stdout(&demo(&["sync", "vector"]));
    let proxy_with_scan = |scan: &Path| {
        demo(&[
            "proxies",
            "add",
            "--grantor",
            &grantor,
            "--holder",
            &holder,
            "--evidence",
            "paper",
            "--scan",
            scan.to_str().expect("path"),
            "--staff",
            "Bert",
        ])
    };

    // A program renamed to .pdf, and a script under .png.
    for (file, bytes) in [
        ("machtiging.pdf", b"MZ\x90\x00 this is not a pdf".as_slice()),
        ("scan.png", b"#!/bin/sh\nrm -rf ~\n".as_slice()),
    ] {
        let p = path(&files, file);
        std::fs::write(&p, bytes).expect("write");
        let out = proxy_with_scan(&p);
        let said = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(!out.status.success(), "accepted {file}");
        assert!(
            said.contains(&format!("'{file}' is geen PDF, JPG of PNG")),
            "{said}"
        );
    }
    assert_eq!(common::stdout(&demo(&["sync", "vector"])), before);

    // A real PDF is kept.
    let p = path(&files, "echt.pdf");
    std::fs::write(
        &p,
        b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    )
    .expect("write");
    common::stdout(&proxy_with_scan(&p));
    assert_ne!(common::stdout(&demo(&["sync", "vector"])), before);
}
