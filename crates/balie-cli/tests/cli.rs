//! Runs the real `balie-cli` binary on temp data folders and checks what it prints.

mod common;

use common::{cli_at, stdout};
use std::path::Path;
use std::process::{Command, Output};

/// `balie-cli --data-dir DIR` on Friday 8 December 2023, 09:00 at the venue.
fn cli(dir: &Path, args: &[&str]) -> Output {
    cli_at(dir, "2023-12-08T09:00:00+01:00", args)
}

#[test]
fn programme_prints_both_days_with_speakers_and_markers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = stdout(&cli(dir.path(), &["programme"]));
    assert!(
        text.starts_with("VOB-ledencongres 2023 — Forum Groningen, Groningen\n"),
        "{text}"
    );
    assert!(text.contains("Donderdag 7 december 2023"));
    assert!(text.contains("Vrijdag 8 december 2023"));
    assert!(
        text.contains("16:00–17:30* Reinier van Zutphen, Nationale Ombudsman (plenair)"),
        "{text}"
    );
    assert!(text.contains("spreker: Reinier van Zutphen, Nationale Ombudsman"));
    assert!(text.contains("11:00–12:00* Statutaire ledenvergadering (alleen voor leden van de VOB) (ledenvergadering) [alleen leden]"), "{text}");
    assert_eq!(
        text.matches("(werkbezoek) [busvervoer]").count(),
        3,
        "{text}"
    );
    assert!(dir.path().join("balie.sqlite").exists());
}

#[test]
fn programme_json_and_info_agree_with_the_core() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&cli(dir.path(), &["programme", "--json"]))).expect("json");
    assert_eq!(json["days"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        json["days"][1]["items"][0]["children"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    let info: serde_json::Value =
        serde_json::from_str(&stdout(&cli(dir.path(), &["info", "--json"]))).expect("json");
    assert_eq!(info["now"], "2023-12-08T08:00:00Z");
    assert_eq!(info["clock_fixed"], true);
    assert_eq!(info["is_demo"], false);
    assert_eq!(info["attendee_count"], 0);
}

#[test]
fn demo_fills_its_own_folder_and_refuses_a_real_one() {
    let demo = tempfile::tempdir().expect("tempdir");
    let text = stdout(&cli(demo.path(), &["--demo", "info"]));
    assert!(text.contains("[DEMO]"), "{text}");
    assert!(text.contains("Deelnemers:  400"), "{text}");

    let real = tempfile::tempdir().expect("tempdir");
    stdout(&cli(real.path(), &["info"]));
    let refused = cli(real.path(), &["--demo", "info"]);
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("Fout: De map") && err.contains("echte congresgegevens"),
        "{err}"
    );
}

#[test]
fn a_bad_clock_value_is_a_dutch_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = Command::new(env!("CARGO_BIN_EXE_balie-cli"))
        .arg("--data-dir")
        .arg(dir.path())
        .arg("info")
        .env("BALIE_NOW", "morgen")
        .output()
        .expect("run balie-cli");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("'morgen' is geen tijdstip"), "{err}");
    assert!(!dir.path().join("balie.sqlite").exists(), "nothing written");
}

#[test]
fn search_checkin_duplicate_and_lists_through_the_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let added = stdout(&cli(
        dir.path(),
        &[
            "--demo",
            "attendees",
            "add",
            "--first-name",
            "Rachel",
            "--tussenvoegsel",
            "van den",
            "--last-name",
            "Hoogen",
            "--organisation",
            "Biblionet Groningen",
            "--friday",
            "--member-org",
            "lid-biblionet",
            "--dietary",
            "vegetarisch",
            "--staff",
            "Anna",
            "--json",
        ],
    ));
    let person: serde_json::Value = serde_json::from_str(&added).expect("json");
    let code = person["badge_code"].as_str().expect("code").to_string();

    let found = stdout(&cli(
        dir.path(),
        &["--demo", "search", "rachel hoo", "--list", "day-2023-12-08"],
    ));
    let first = found.lines().next().expect("a hit");
    assert!(first.starts_with("Hoogen, Rachel van den"), "{found}");
    assert!(first.contains("niet ingecheckt"), "{first}");

    let done = stdout(&cli(
        dir.path(),
        &[
            "--demo",
            "checkin",
            &code.to_lowercase(),
            "--list",
            "day-2023-12-08",
            "--staff",
            "Bert",
        ],
    ));
    assert!(
        done.contains("Ingecheckt: Rachel van den Hoogen om 09:00"),
        "{done}"
    );
    assert!(done.contains("Let op, dieet: vegetarisch"), "{done}");

    let again = cli(
        dir.path(),
        &[
            "--demo",
            "checkin",
            &code,
            "--list",
            "day-2023-12-08",
            "--staff",
            "Carla",
        ],
    );
    assert!(!again.status.success());
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        err.contains("is al ingecheckt om 09:00") && err.contains("door Bert"),
        "{err}"
    );

    let thursday = cli(
        dir.path(),
        &[
            "--demo",
            "checkin",
            &code,
            "--list",
            "day-2023-12-07",
            "--staff",
            "Bert",
        ],
    );
    let err = String::from_utf8_lossy(&thursday.stderr);
    assert!(
        err.contains("niet aangemeld voor deze dag") && err.contains("--override"),
        "{err}"
    );

    let lists = stdout(&cli(dir.path(), &["--demo", "lists"]));
    let friday = lists
        .lines()
        .find(|l| l.starts_with("day-2023-12-08"))
        .expect("friday");
    assert!(friday.contains("   1 / "), "{friday}");

    let bad = cli(
        dir.path(),
        &[
            "--demo",
            "checkin",
            "ABC",
            "--list",
            "day-2023-12-08",
            "--staff",
            "Bert",
        ],
    );
    assert!(String::from_utf8_lossy(&bad.stderr).contains("'ABC' is niet gevonden"));
}

#[test]
fn import_dry_run_then_import_and_errors_with_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("aanmeldingen.csv");
    std::fs::write(
        &file,
        "Voornaam;Achternaam;E-mailadres;Donderdag;Vrijdag\r\nAnna;Jansen;anna@example.org;Ja;Nee\r\n",
    )
    .expect("write");
    let data = dir.path().join("data");
    let dry = stdout(&cli(
        &data,
        &[
            "import",
            file.to_str().expect("path"),
            "--dry-run",
            "--staff",
            "Anna",
        ],
    ));
    assert!(
        dry.contains("Nieuw: 1, bijgewerkt: 0, ongewijzigd: 0, geweigerd: 0"),
        "{dry}"
    );
    assert!(dry.contains("Niets geïmporteerd (proefimport)."), "{dry}");
    let done = stdout(&cli(
        &data,
        &["import", file.to_str().expect("path"), "--staff", "Anna"],
    ));
    assert!(done.contains("Geïmporteerd."), "{done}");
    let found = stdout(&cli(&data, &["search", "jansen"]));
    assert!(found.starts_with("Jansen, Anna"), "{found}");

    std::fs::write(
        &file,
        "Voornaam;Achternaam;E-mailadres;Donderdag\nPiet;;piet@example.org;Ja\n",
    )
    .expect("write");
    let bad = cli(
        &data,
        &["import", file.to_str().expect("path"), "--staff", "Anna"],
    );
    assert!(!bad.status.success());
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(
        out.contains("regel 2, kolom Achternaam: achternaam ontbreekt"),
        "{out}"
    );
    assert!(String::from_utf8_lossy(&bad.stderr).contains("er is niets geïmporteerd"));
}

#[test]
fn paper_entries_keep_the_paper_time_and_show_in_arrivals() {
    let dir = tempfile::tempdir().expect("tempdir");
    let added = stdout(&cli(
        dir.path(),
        &[
            "attendees",
            "add",
            "--first-name",
            "Sietske",
            "--last-name",
            "Hoekstra",
            "--friday",
            "--staff",
            "Anna",
            "--json",
        ],
    ));
    let person: serde_json::Value = serde_json::from_str(&added).expect("json");
    let code = person["badge_code"].as_str().expect("code").to_string();
    let text = stdout(&cli(
        dir.path(),
        &[
            "paper",
            &code,
            "--list",
            "day-2023-12-08",
            "--time",
            "08:40",
            "--note",
            "lijst balie 2",
            "--staff",
            "Bert",
        ],
    ));
    assert_eq!(text, "Ingevoerd: Sietske Hoekstra om 08:40 (papier)\n");
    let again = stdout(&cli(
        dir.path(),
        &[
            "paper",
            &code,
            "--list",
            "day-2023-12-08",
            "--time",
            "08:45",
            "--note",
            "lijst balie 3",
            "--staff",
            "Bert",
        ],
    ));
    assert!(
        again.starts_with("Overgeslagen: Sietske Hoekstra was al ingecheckt om 08:40"),
        "{again}"
    );
    let arrivals = stdout(&cli(dir.path(), &["arrivals", "--list", "day-2023-12-08"]));
    assert_eq!(arrivals, "day-2023-12-08: 1 aangekomen\n08:40     1  #\n");
    let search = stdout(&cli(
        dir.path(),
        &["search", &code, "--list", "day-2023-12-08"],
    ));
    assert!(search.contains("ingecheckt om 08:40 (papier)"), "{search}");
    // A time after "now" (09:00) is refused with the field named.
    let late = cli(
        dir.path(),
        &[
            "paper",
            &code,
            "--list",
            "day-2023-12-08",
            "--time",
            "09:30",
            "--note",
            "x",
            "--staff",
            "Bert",
        ],
    );
    assert!(!late.status.success());
    let err = String::from_utf8_lossy(&late.stderr);
    assert!(err.contains("Ongeldige waarde voor tijd"), "{err}");
}

#[test]
fn import_reads_xlsx_sheets_and_mappings_from_a_file_or_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../balie-core/tests/fixtures/aanmeldingen.xlsx"
    );
    let text = stdout(&cli(
        dir.path(),
        &[
            "import",
            xlsx,
            "--dry-run",
            "--sheet",
            "Oud",
            "--staff",
            "Anna",
        ],
    ));
    assert!(
        text.contains("1 regels (Excel (.xlsx), werkblad 'Oud' van Aanmeldingen, Oud)"),
        "{text}"
    );
    assert!(text.contains("Nieuw: 1,"), "{text}");

    let csv = dir.path().join("export.csv");
    std::fs::write(&csv, "Given;Family;Adres\nJan;Smit;jan@example.org\n").expect("csv");
    let refused = cli(
        dir.path(),
        &["import", csv.to_str().expect("path"), "--staff", "Anna"],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stdout).contains("de kolom 'Voornaam' ontbreekt"));

    let mapping = dir.path().join("koppeling.json");
    std::fs::write(
        &mapping,
        r#"{"Given": "first_name", "Family": "last_name", "Adres": "email"}"#,
    )
    .expect("mapping");
    let text = stdout(&cli(
        dir.path(),
        &[
            "import",
            csv.to_str().expect("path"),
            "--dry-run",
            "--mapping",
            mapping.to_str().expect("path"),
            "--save-mapping",
            "Export registratiesysteem",
            "--staff",
            "Anna",
        ],
    ));
    assert!(text.contains("kolom Given"), "{text}");
    assert!(text.contains("first_name"), "{text}");
    // Next time by name.
    let text = stdout(&cli(
        dir.path(),
        &[
            "import",
            csv.to_str().expect("path"),
            "--mapping",
            "export registratiesysteem",
            "--staff",
            "Anna",
        ],
    ));
    assert!(text.contains("Geïmporteerd."), "{text}");
    let unknown = cli(
        dir.path(),
        &[
            "import",
            csv.to_str().expect("path"),
            "--mapping",
            "Onbekend",
            "--staff",
            "Anna",
        ],
    );
    assert!(String::from_utf8_lossy(&unknown.stderr)
        .contains("'Onbekend' is geen bestand en geen opgeslagen koppeling; opgeslagen: Export registratiesysteem"));
    std::fs::write(&mapping, r#"{"Given": "voornaam"}"#).expect("mapping");
    let bad = cli(
        dir.path(),
        &[
            "import",
            csv.to_str().expect("path"),
            "--mapping",
            mapping.to_str().expect("path"),
            "--staff",
            "Anna",
        ],
    );
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("kolom 'Given': onbekend veld \"voornaam\"")
    );
}

#[test]
fn print_and_export_write_their_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("out");
    let pdf = out.path().join("badges.pdf");
    let text = stdout(&cli(
        dir.path(),
        &[
            "--demo",
            "print",
            "badges",
            "--layout",
            "label",
            "--out",
            pdf.to_str().expect("path"),
        ],
    ));
    assert!(text.starts_with("Geschreven: "), "{text}");
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF-"));
    let xlsx = out.path().join("export.xlsx");
    stdout(&cli(
        dir.path(),
        &["--demo", "export", "--out", xlsx.to_str().expect("path")],
    ));
    assert!(std::fs::read(&xlsx).expect("xlsx").starts_with(b"PK"));
    let csv = out.path().join("niet.csv");
    stdout(&cli(
        dir.path(),
        &[
            "--demo",
            "export",
            "--what",
            "niet-verschenen",
            "--out",
            csv.to_str().expect("path"),
        ],
    ));
    let text = std::fs::read_to_string(&csv).expect("csv");
    assert!(text.starts_with("\u{feff}Lijst;Achternaam;"), "{text}");
    let bad = cli(dir.path(), &["--demo", "export", "--out", "x.txt"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("eindigt op .xlsx of .csv"));
    let bad = cli(
        dir.path(),
        &[
            "--demo", "print", "badges", "--layout", "a5", "--out", "x.pdf",
        ],
    );
    assert!(String::from_utf8_lossy(&bad.stderr).contains("onbekende indeling 'a5'"));
}

#[test]
fn two_desks_join_and_exchange_bundles_through_the_binary() {
    let a = tempfile::tempdir().expect("a");
    let b = tempfile::tempdir().expect("b");
    let files = tempfile::tempdir().expect("files");
    let added = stdout(&cli(
        a.path(),
        &[
            "attendees",
            "add",
            "--first-name",
            "Zoë",
            "--last-name",
            "Vries",
            "--tussenvoegsel",
            "de",
            "--friday",
            "--staff",
            "Anna",
            "--json",
        ],
    ));
    let code = serde_json::from_str::<serde_json::Value>(&added).expect("json")["badge_code"]
        .as_str()
        .expect("code")
        .to_string();
    let key = stdout(&cli(a.path(), &["sync", "key"])).trim().to_string();
    assert_eq!(key.replace('-', "").len(), 52);
    let full = files.path().join("volledig.balie");
    stdout(&cli(
        a.path(),
        &["bundle", "export", "--out", full.to_str().expect("path")],
    ));
    let joined = stdout(&cli(
        b.path(),
        &["sync", "join", "--key", &key, full.to_str().expect("path")],
    ));
    assert!(
        joined.starts_with("Aangesloten bij VOB-ledencongres 2023: 1 deelnemers"),
        "{joined}"
    );
    stdout(&cli(
        b.path(),
        &[
            "checkin",
            &code,
            "--list",
            "day-2023-12-08",
            "--staff",
            "Bert",
        ],
    ));
    let vector = stdout(&cli(a.path(), &["sync", "vector"]));
    let part = files.path().join("b-naar-a.balie");
    stdout(&cli(
        b.path(),
        &[
            "bundle",
            "export",
            "--since",
            &vector,
            "--out",
            part.to_str().expect("path"),
        ],
    ));
    let imported = stdout(&cli(
        a.path(),
        &["bundle", "import", part.to_str().expect("path")],
    ));
    // B's key announcement (written when it joined) and its check-in.
    assert!(
        imported.contains("2 gebeurtenissen ontvangen, 2 nieuw"),
        "{imported}"
    );
    let again = stdout(&cli(
        a.path(),
        &["bundle", "import", part.to_str().expect("path")],
    ));
    assert!(
        again.contains("2 gebeurtenissen ontvangen, 0 nieuw"),
        "{again}"
    );
    let found = stdout(&cli(
        a.path(),
        &["search", &code, "--list", "day-2023-12-08"],
    ));
    assert!(found.contains("door Bert"), "{found}");
    let status = stdout(&cli(a.path(), &["sync", "status"]));
    assert_eq!(status.lines().count(), 2, "{status}");
    assert!(status.contains("(deze balie)"));
    // Which desk signed what, and who wrote it there.
    let b_line = status
        .lines()
        .find(|l| !l.contains("(deze balie)"))
        .expect("desk b");
    let by = b_line.split("; door ").nth(1).unwrap_or("");
    assert!(b_line.contains("sleutel "), "{b_line}");
    assert!(by.split(", ").any(|s| s == "Bert 1"), "{b_line}");
    // A bundle changed on the way is refused.
    let mut bytes = std::fs::read(&part).expect("read");
    let at = bytes.len() - 5;
    bytes[at] ^= 1;
    std::fs::write(&part, bytes).expect("write");
    let refused = cli(
        a.path(),
        &["bundle", "import", part.to_str().expect("path")],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("handtekening klopt niet"));
}

#[test]
fn the_alv_from_the_command_line_members_proxies_status_snapshot_presentielijst() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("leden.csv");
    std::fs::write(
        &file,
        "Naam;Plaats;Stemgewicht\nBibliotheek Assen;Assen;1,5\nBibliotheek Bolsward;Bolsward;1\nBibliotheek Coevorden;Coevorden;2\n",
    )
    .expect("write");
    let f = file.to_str().expect("path");
    let dry = stdout(&cli(
        dir.path(),
        &["members", "import", f, "--dry-run", "--staff", "Anna"],
    ));
    assert!(dry.contains("Nieuw: 3"), "{dry}");
    assert!(stdout(&cli(dir.path(), &["members", "list"])).is_empty());
    stdout(&cli(
        dir.path(),
        &["members", "import", f, "--staff", "Anna"],
    ));
    let list = stdout(&cli(dir.path(), &["members", "list"]));
    assert!(list.contains("gewicht 1,5"), "{list}");

    let added = stdout(&cli(
        dir.path(),
        &[
            "proxies",
            "add",
            "--grantor",
            "assen",
            "--holder",
            "Bibliotheek Bolsward",
            "--evidence",
            "email",
            "--received",
            "2023-12-06 10:00",
            "--staff",
            "Anna",
        ],
    ));
    assert!(
        added.contains("Bibliotheek Assen → Bibliotheek Bolsward"),
        "{added}"
    );
    // A chain is refused with the rule's name and nothing is written.
    let chain = cli(
        dir.path(),
        &[
            "proxies",
            "add",
            "--grantor",
            "bolsward",
            "--holder",
            "coevorden",
            "--evidence",
            "paper",
            "--staff",
            "Anna",
        ],
    );
    assert!(!chain.status.success());
    let err = String::from_utf8_lossy(&chain.stderr);
    assert!(err.contains("geen doorgegeven volmachten"), "{err}");
    let proxies = stdout(&cli(dir.path(), &["proxies", "list", "--json"]));
    let proxies: serde_json::Value = serde_json::from_str(&proxies).expect("json");
    assert_eq!(proxies.as_array().map(Vec::len), Some(1));
    assert_eq!(proxies[0]["state"], "waiting");

    let status: serde_json::Value =
        serde_json::from_str(&stdout(&cli(dir.path(), &["alv", "status", "--json"])))
            .expect("json");
    assert_eq!(status["totals"]["entitled"]["heads"], 3);
    assert_eq!(status["totals"]["entitled"]["weight"], 4500);
    assert_eq!(status["quorum"][0]["met"], false);

    let snap: serde_json::Value = serde_json::from_str(&stdout(&cli(
        dir.path(),
        &[
            "alv",
            "snapshot",
            "--label",
            "1. Opening",
            "--staff",
            "Anna",
            "--json",
        ],
    )))
    .expect("json");
    let id = snap["id"].as_str().expect("id").to_string();
    let pdf = dir.path().join("pl.pdf");
    stdout(&cli(
        dir.path(),
        &[
            "alv",
            "presentielijst",
            "--snapshot",
            &id,
            "--out",
            pdf.to_str().expect("path"),
        ],
    ));
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF"));
    let bad = cli(
        dir.path(),
        &[
            "alv",
            "presentielijst",
            "--snapshot",
            "nope",
            "--out",
            pdf.to_str().expect("path"),
        ],
    );
    assert!(String::from_utf8_lossy(&bad.stderr).contains("momentopname"));
}

#[test]
fn programme_set_and_signups_with_a_waiting_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = stdout(&cli(
        dir.path(),
        &[
            "programme",
            "set",
            "kennissessie-online",
            "--capacity",
            "1",
            "--location",
            "Zaal 2",
            "--staff",
            "Anna",
        ],
    ));
    assert!(text.contains("1 plaatsen"), "{text}");
    let bad = cli(
        dir.path(),
        &[
            "programme",
            "set",
            "alv",
            "--end",
            "10:00",
            "--staff",
            "Anna",
        ],
    );
    assert!(String::from_utf8_lossy(&bad.stderr).contains("eindtijd"));
    let mut codes = Vec::new();
    for first in ["Ada", "Bas"] {
        let json: serde_json::Value = serde_json::from_str(&stdout(&cli(
            dir.path(),
            &[
                "attendees",
                "add",
                "--first-name",
                first,
                "--last-name",
                "Bakker",
                "--friday",
                "--staff",
                "Anna",
                "--json",
            ],
        )))
        .expect("json");
        codes.push(json["badge_code"].as_str().expect("code").to_string());
    }
    let seated = stdout(&cli(
        dir.path(),
        &[
            "signups",
            "add",
            "kennissessie-online",
            "--code",
            &codes[0],
            "--staff",
            "Anna",
        ],
    ));
    assert!(seated.contains("heeft een plaats"), "{seated}");
    let waiting = stdout(&cli(
        dir.path(),
        &[
            "signups",
            "add",
            "kennissessie-online",
            "--code",
            &codes[1],
            "--staff",
            "Anna",
        ],
    ));
    assert!(
        waiting.contains("wachtlijst") && waiting.contains("plaats 1"),
        "{waiting}"
    );
    let list = stdout(&cli(
        dir.path(),
        &["signups", "list", "kennissessie-online"],
    ));
    assert!(
        list.contains("1 van 1 plaatsen bezet, 1 op de wachtlijst"),
        "{list}"
    );
    let after = stdout(&cli(
        dir.path(),
        &[
            "signups",
            "remove",
            "kennissessie-online",
            "--code",
            &codes[0],
            "--staff",
            "Anna",
        ],
    ));
    assert!(
        after.contains("1 van 1 plaatsen bezet, 0 op de wachtlijst"),
        "{after}"
    );
    assert!(after.contains("Bakker, Bas"), "{after}");
    let out = dir.path().join("programma.json");
    stdout(&cli(
        dir.path(),
        &["programme", "export", "--out", out.to_str().expect("path")],
    ));
    let p: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("read")).expect("json");
    assert_eq!(p["days"][1]["items"][0]["children"][1]["capacity"], 1);
    assert_eq!(
        stdout(&cli(dir.path(), &["programme", "list"])),
        stdout(&cli(dir.path(), &["programme"]))
    );
}

#[test]
fn now_and_next_and_a_new_congress_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let now = stdout(&cli(dir.path(), &["now"]));
    assert!(now.starts_with("8 december 2023 om 09:00\n"), "{now}");
    assert!(now.contains("Nu: 09:00–11:00 Kennissessies"), "{now}");
    assert!(
        now.contains("Straks: 11:00–12:00 Statutaire ledenvergadering"),
        "{now}"
    );
    let target = dir.path().join("volgend");
    let made = stdout(&cli(
        dir.path(),
        &[
            "new-congress",
            "--out",
            target.to_str().expect("path"),
            "--start",
            "2024-12-05",
        ],
    ));
    assert!(made.contains("Nieuw congres gemaakt"), "{made}");
    let p: serde_json::Value =
        serde_json::from_str(&stdout(&cli(&target, &["programme", "--json"]))).expect("json");
    assert_eq!(p["days"][0]["date"], "2024-12-05");
    let again = cli(
        dir.path(),
        &[
            "new-congress",
            "--out",
            target.to_str().expect("path"),
            "--start",
            "2024-12-05",
        ],
    );
    assert!(String::from_utf8_lossy(&again.stderr).contains("bevat al een congres"));
}

#[test]
fn a_new_laptop_pairs_with_a_serving_desk_by_its_code() {
    use std::io::BufRead;
    let desk = tempfile::tempdir().expect("desk");
    let new = tempfile::tempdir().expect("new");
    stdout(&cli(desk.path(), &["--demo", "info"]));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let address = format!("127.0.0.1:{port}");
    let mut server = Command::new(env!("CARGO_BIN_EXE_balie-cli"))
        .arg("--data-dir")
        .arg(desk.path())
        .args(["--demo", "sync", "serve", "--listen", &address, "--pair"])
        .env_remove("BALIE_DATA_DIR")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("serve");
    let mut lines = std::io::BufReader::new(server.stderr.take().expect("stderr")).lines();
    let announced = lines.next().expect("a line").expect("text");
    let qr = announced
        .split("QR-tekst ")
        .nth(1)
        .and_then(|r| r.split(')').next())
        .expect("qr text")
        .to_string();
    assert!(
        qr.starts_with(&format!("balie-koppel:{address}:")),
        "{announced}"
    );
    let wrong = cli(
        new.path(),
        &["sync", "pair", "--address", &address, "--code", "1234 567"],
    );
    assert!(!wrong.status.success());
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("8 cijfers"),
        "{}",
        String::from_utf8_lossy(&wrong.stderr)
    );
    let paired = cli(new.path(), &["sync", "pair", "--address", &qr]);
    let _ = server.kill();
    let _ = server.wait();
    let text = stdout(&paired);
    assert!(text.starts_with("Gekoppeld en aangesloten bij"), "{text}");
    assert_eq!(
        stdout(&cli(new.path(), &["sync", "key"])),
        stdout(&cli(desk.path(), &["--demo", "sync", "key"]))
    );
    // The desk is remembered; forgotten, it is gone from peers.txt, and a second time the
    // address is named as one this desk does not exchange with.
    let peers = new.path().join("peers.txt");
    assert!(std::fs::read_to_string(&peers)
        .expect("peers")
        .contains(&address));
    let forgot = stdout(&cli(new.path(), &["sync", "forget", "--address", &address]));
    assert!(
        forgot.starts_with(&format!("Vergeten: {address}")),
        "{forgot}"
    );
    assert!(!std::fs::read_to_string(&peers)
        .expect("peers")
        .contains(&address));
    let again = cli(new.path(), &["sync", "forget", "--address", &address]);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("wisselt deze balie niets uit"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn search_without_a_list_uses_todays_day_list_and_another_days_check_in_carries_its_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let add = |first: &str, days: &[&str]| {
        let mut args = vec![
            "attendees",
            "add",
            "--first-name",
            first,
            "--last-name",
            "Dagmaat",
            "--staff",
            "Anna",
            "--json",
        ];
        args.extend_from_slice(days);
        let person: serde_json::Value =
            serde_json::from_str(&stdout(&cli(dir.path(), &args))).expect("json");
        person["badge_code"].as_str().expect("code").to_string()
    };
    add("Vera", &["--friday"]);
    let both = add("Bram", &["--thursday", "--friday"]);

    // Thursday 15:44: Bram is checked in on Thursday's list.
    let thursday = "2023-12-07T15:44:00+01:00";
    stdout(&cli_at(
        dir.path(),
        thursday,
        &[
            "checkin",
            &both,
            "--list",
            "day-2023-12-07",
            "--staff",
            "Carla",
        ],
    ));
    let on_thursday = stdout(&cli_at(dir.path(), thursday, &["search", "dagmaat"]));
    assert!(on_thursday.contains("ingecheckt om 15:44"), "{on_thursday}");
    assert!(
        on_thursday
            .lines()
            .any(|l| l.starts_with("Dagmaat, Vera") && l.contains("niet aangemeld voor deze dag")),
        "Thursday: Vera is not expected: {on_thursday}"
    );

    // Friday 09:00 (the default clock of `cli`): today's list is Friday's.
    let on_friday = stdout(&cli(dir.path(), &["search", "dagmaat"]));
    assert!(!on_friday.contains("niet aangemeld"), "{on_friday}");
    assert!(
        on_friday.lines().all(|l| l.contains("niet ingecheckt")),
        "nobody is in on Friday yet: {on_friday}"
    );
    // On Thursday's list, asked on Friday, the check-in names its day.
    let thursday_list = stdout(&cli(
        dir.path(),
        &["search", "bram dagmaat", "--list", "day-2023-12-07"],
    ));
    assert!(
        thursday_list.contains("ingecheckt op donderdag 7 december om 15:44 bij"),
        "{thursday_list}"
    );
    let again = cli(
        dir.path(),
        &[
            "checkin",
            &both,
            "--list",
            "day-2023-12-07",
            "--staff",
            "Dirk",
        ],
    );
    assert!(!again.status.success());
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        err.contains("is al ingecheckt op donderdag 7 december om 15:44 bij")
            && err.contains("door Carla"),
        "{err}"
    );
}

#[test]
fn a_registration_is_cancelled_and_reinstated_through_the_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let file = dir.path().join("aanmeldingen.csv");
    std::fs::write(
        &file,
        "Voornaam;Achternaam;E-mailadres;Donderdag;Vrijdag\nAnna;Jansen;anna@example.org;Ja;Ja\nBram;Bos;bram@example.org;Ja;Ja\n",
    )
    .expect("write");
    let path = file.to_str().expect("path");
    stdout(&cli(&data, &["import", path, "--staff", "Anna"]));
    let code = |q: &str| {
        let hits: serde_json::Value =
            serde_json::from_str(&stdout(&cli(&data, &["search", q, "--json"]))).expect("json");
        hits[0]["attendee"]["badge_code"]
            .as_str()
            .expect("code")
            .to_string()
    };
    let anna = code("anna jansen");

    let refused = cli(
        &data,
        &[
            "attendees",
            "cancel",
            &anna,
            "--reason",
            " ",
            "--staff",
            "Anna",
        ],
    );
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("geef een reden"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let done = stdout(&cli_at(
        &data,
        "2023-12-06T16:05:00+01:00",
        &[
            "attendees",
            "cancel",
            &anna,
            "--reason",
            "per e-mail",
            "--staff",
            "Anna",
        ],
    ));
    assert_eq!(done, "Afgemeld: Anna Jansen (per e-mail)\n");
    let found = stdout(&cli(&data, &["search", "anna jansen"]));
    assert!(
        found.contains("[afgemeld op woensdag 6 december om 16:05: per e-mail]"),
        "{found}"
    );
    let scan = cli(
        &data,
        &[
            "checkin",
            &anna,
            "--list",
            "day-2023-12-08",
            "--staff",
            "Bert",
        ],
    );
    assert!(!scan.status.success());
    let err = String::from_utf8_lossy(&scan.stderr);
    assert!(
        err.contains("Anna Jansen is afgemeld op woensdag 6 december om 16:05 (per e-mail); gebruik --override"),
        "{err}"
    );
    let lists: serde_json::Value =
        serde_json::from_str(&stdout(&cli(&data, &["lists", "--json"]))).expect("json");
    assert_eq!(lists[1]["expected"], 1, "only Bram is expected on Friday");

    stdout(&cli(
        &data,
        &[
            "attendees",
            "reinstate",
            &anna,
            "--reason",
            "toch",
            "--staff",
            "Anna",
        ],
    ));
    // Bram is left out of the next export: listed, and cancelled only when asked.
    std::fs::write(
        &file,
        "Voornaam;Achternaam;E-mailadres;Donderdag;Vrijdag\nAnna;Jansen;anna@example.org;Ja;Ja\n",
    )
    .expect("write");
    let dry = stdout(&cli(
        &data,
        &["import", path, "--dry-run", "--staff", "Anna"],
    ));
    assert!(
        dry.contains("--cancel-missing meldt ze af): Bos, Bram"),
        "{dry}"
    );
    stdout(&cli(
        &data,
        &["import", path, "--cancel-missing", "--staff", "Anna"],
    ));
    let bram = stdout(&cli(&data, &["search", "bram bos"]));
    assert!(
        bram.contains(": staat niet meer in aanmeldingen.csv]"),
        "{bram}"
    );
    let lists: serde_json::Value =
        serde_json::from_str(&stdout(&cli(&data, &["lists", "--json"]))).expect("json");
    assert_eq!(lists[1]["expected"], 1, "Anna again, Bram no more");
}

/// Scripts branch on the exit status: it comes from the core's error code, and `--help`
/// says which is which. The window's commands run from the registry with `call`.
#[test]
fn exit_statuses_follow_the_error_code_and_call_runs_a_window_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let help = stdout(&cli(dir.path(), &["--help"]));
    assert!(
        help.contains("Afsluitstatus")
            && help.contains(" 3  een waarde")
            && help.contains("(invalid_input)"),
        "{help}"
    );
    let wrong_code = cli(
        dir.path(),
        &[
            "--demo",
            "checkin",
            "XXXX",
            "--list",
            "day-2023-12-07",
            "--staff",
            "Anna",
        ],
    );
    assert_eq!(wrong_code.status.code(), Some(3), "invalid input");
    let real = tempfile::tempdir().expect("tempdir");
    stdout(&cli(real.path(), &["info"]));
    let mismatch = cli(real.path(), &["--demo", "info"]);
    assert_eq!(mismatch.status.code(), Some(5), "demo mismatch");
    let usage = cli(dir.path(), &["no-such-command"]);
    assert_eq!(usage.status.code(), Some(2), "clap's usage error");

    let lists = stdout(&cli(dir.path(), &["--demo", "call", "lists"]));
    let lists: serde_json::Value = serde_json::from_str(&lists).expect("json");
    assert!(
        lists
            .as_array()
            .is_some_and(|l| l.iter().any(|x| x["id"] == "alv")),
        "{lists}"
    );
    let bad = cli(
        dir.path(),
        &["--demo", "call", "check_out", r#"{"listId": "alv"}"#],
    );
    assert_eq!(bad.status.code(), Some(3));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("check_out") && err.contains("attendeeId"),
        "{err}"
    );
    let listing = stdout(&cli(dir.path(), &["commands"]));
    assert!(listing.contains("check_in(list_id: string"), "{listing}");
}
