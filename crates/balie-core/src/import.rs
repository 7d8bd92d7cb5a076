//! Importing registrations from the spreadsheets Dutch offices produce: CSV with `;` or `,`,
//! UTF-8 with or without BOM or Windows-1252, CRLF, quoted fields with separators and line
//! breaks inside. Headers are mapped from Dutch and English names in any order.
//!
//! Always a dry run first: [`preview`] lists counts and every problem with its line, column
//! and a Dutch explanation. [`Balie::import_registrations`] writes only a file without
//! problems, in one transaction. People are matched by e-mail (case-insensitive): a
//! re-import updates them and keeps their id, badge code and check-ins; people missing from
//! the new file are listed, never deleted. New people get ids and badge codes derived from
//! the congress and their e-mail, so the same file imported on two desks makes one person.

use crate::app::Balie;
use crate::attendees::{self, Attendee};
use crate::badge;
use crate::error::{Error, Result};
use crate::events::kinds;
use crate::names;
use crate::programme::{ItemKind, ProgrammeContent};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use ts_rs::TS;

/// The register fields a column can map to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    FirstName,
    Tussenvoegsel,
    LastName,
    Email,
    Organisation,
    Function,
    Member,
    Thursday,
    Friday,
    Dinner,
    Session,
    Visit,
    Bus,
    Dietary,
    Accessibility,
    Speaker,
    Guest,
}

/// Folded header names (see [`names::fold`]) per field. A header also matches when it
/// starts with one of these followed by more words ("Donderdag 7 december").
const HEADER_NAMES: &[(Field, &[&str])] = &[
    (
        Field::FirstName,
        &[
            "voornaam",
            "first name",
            "firstname",
            "given name",
            "roepnaam",
        ],
    ),
    (
        Field::Tussenvoegsel,
        &[
            "tussenvoegsel",
            "tussenvoegsels",
            "voorvoegsel",
            "prefix",
            "infix",
        ],
    ),
    (
        Field::LastName,
        &[
            "achternaam",
            "last name",
            "lastname",
            "surname",
            "family name",
            "familienaam",
        ],
    ),
    (
        Field::Email,
        &[
            "e mailadres",
            "emailadres",
            "e mail",
            "email",
            "mail",
            "email address",
            "e mail address",
        ],
    ),
    (
        Field::Organisation,
        &[
            "organisatie",
            "organisation",
            "organization",
            "werkgever",
            "employer",
        ],
    ),
    (
        Field::Function,
        &["functie", "function", "job title", "rol", "role"],
    ),
    (
        Field::Member,
        &[
            "lid",
            "lidorganisatie",
            "lid vob",
            "member",
            "member organisation",
            "member organization",
        ],
    ),
    (Field::Thursday, &["donderdag", "thursday"]),
    (Field::Friday, &["vrijdag", "friday"]),
    (Field::Dinner, &["diner", "dinner"]),
    (
        Field::Session,
        &[
            "kennissessie",
            "kennissessies",
            "knowledge session",
            "session",
            "sessie",
        ],
    ),
    (
        Field::Visit,
        &[
            "werkbezoek",
            "werkbezoeken",
            "work visit",
            "visit",
            "excursie",
        ],
    ),
    (Field::Bus, &["busvervoer", "bus", "bus transport"]),
    (
        Field::Dietary,
        &[
            "dieetwensen",
            "dieet",
            "dietary",
            "dietary requirements",
            "allergieen",
        ],
    ),
    (Field::Accessibility, &["toegankelijkheid", "accessibility"]),
    (Field::Speaker, &["spreker", "speaker"]),
    (Field::Guest, &["gast", "guest"]),
];

fn field_of(header: &str) -> Option<Field> {
    let h = names::fold(header);
    HEADER_NAMES.iter().find_map(|(field, aliases)| {
        aliases
            .iter()
            .any(|a| h == *a || h.starts_with(&format!("{a} ")))
            .then_some(*field)
    })
}

/// Ja/Nee/J/N/Yes/No/x/1/0/WAAR/ONWAAR; empty is no.
fn yes_no(value: &str) -> Option<bool> {
    match names::fold(value).as_str() {
        "ja" | "j" | "yes" | "y" | "x" | "1" | "waar" | "true" | "wel" => Some(true),
        "nee" | "n" | "no" | "0" | "onwaar" | "false" | "niet" | "" => Some(false),
        _ => None,
    }
}

/// One problem in the file: where, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportProblem {
    /// The line in the file where the record starts (1 is the header).
    pub line: u32,
    /// The column's header as written in the file.
    pub column: Option<String>,
    pub message: String,
}

/// What an import would do (or did).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportPreview {
    pub encoding: String,
    pub separator: String,
    /// Each header with the field it maps to (`null`: ignored).
    pub mapping: Vec<(String, Option<Field>)>,
    pub rows: u32,
    pub new: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub refused: u32,
    pub problems: Vec<ImportProblem>,
    /// People in the register that the file no longer has (listed, never deleted).
    pub missing: Vec<String>,
    /// True when the import was written.
    pub applied: bool,
}

/// A decoded table: headers and records with the line each starts on.
struct Table {
    encoding: &'static str,
    separator: u8,
    headers: Vec<String>,
    rows: Vec<(u32, Vec<String>)>,
}

/// Windows-1252's 0x80–0x9F; the rest of the byte range is Latin-1.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

fn decode(bytes: &[u8]) -> (String, &'static str) {
    let without_bom = bytes.strip_prefix(b"\xEF\xBB\xBF");
    match std::str::from_utf8(without_bom.unwrap_or(bytes)) {
        Ok(s) if without_bom.is_some() => (s.to_string(), "UTF-8 met BOM"),
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => (
            bytes
                .iter()
                .map(|&b| match b {
                    0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
                    _ => char::from(b),
                })
                .collect(),
            "Windows-1252",
        ),
    }
}

/// `;` or `,`, whichever the header line has more of outside quotes.
fn detect_separator(text: &str) -> u8 {
    let mut in_quotes = false;
    let (mut semi, mut comma) = (0, 0);
    for c in text.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\n' if !in_quotes => break,
            ';' if !in_quotes => semi += 1,
            ',' if !in_quotes => comma += 1,
            _ => {}
        }
    }
    if comma > semi {
        b','
    } else {
        b';'
    }
}

fn read_table(bytes: &[u8], file: &str) -> Result<Table> {
    let (text, encoding) = decode(bytes);
    // Excel writes CRLF; one line end keeps line numbers exact (and line breaks inside
    // quoted fields plain).
    let text = text.replace("\r\n", "\n");
    let separator = detect_separator(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let bad = |e: csv::Error| {
        let line = e.position().map_or(0, |p| p.line());
        Error::invalid(
            file,
            format!("regel {line}: het bestand is geen leesbare CSV ({e}); sla het in Excel op als 'CSV (puntkomma gescheiden)'"),
        )
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(bad)?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(Error::invalid(
            file,
            "regel 1: het bestand is leeg of heeft geen kopregel",
        ));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(bad)?;
        let line = record.position().map_or(0, |p| p.line()) as u32;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        rows.push((line, record.iter().map(|f| f.trim().to_string()).collect()));
    }
    Ok(Table {
        encoding,
        separator,
        headers,
        rows,
    })
}

/// Session and visit names (titles and aliases, folded) to programme item ids, per kind.
struct ItemNames(Vec<(ItemKind, String, String)>);

impl ItemNames {
    fn of(programme: &ProgrammeContent) -> ItemNames {
        let mut names_ = Vec::new();
        for i in programme.all_items() {
            for n in std::iter::once(&i.title).chain(i.aliases.iter()) {
                names_.push((i.kind, names::fold(n), i.id.clone()));
            }
        }
        ItemNames(names_)
    }

    /// The item whose title or alias equals `value` (folded), or whose title starts with it.
    fn find(&self, kind: ItemKind, value: &str) -> Option<String> {
        let v = names::fold(value);
        let of_kind = || self.0.iter().filter(|(k, _, _)| *k == kind);
        of_kind()
            .find(|(_, n, _)| *n == v)
            .or_else(|| of_kind().find(|(_, n, _)| n.starts_with(&format!("{v} "))))
            .map(|(_, _, id)| id.clone())
    }
}

fn digest(congress_id: &str, what: &str, email: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(congress_id.as_bytes());
    h.update(b"\0");
    h.update(what.as_bytes());
    h.update(b"\0");
    h.update(email.to_lowercase().as_bytes());
    h.finalize().into()
}

/// The plan: what each row becomes, and every problem found.
struct Plan {
    preview: ImportPreview,
    writes: Vec<(&'static str, Attendee)>,
}

fn plan(balie: &Balie, bytes: &[u8], file: &str) -> Result<Plan> {
    let table = read_table(bytes, file)?;
    let conn = balie.store().conn();
    let programme = crate::programme::read(conn)?;
    let item_names = ItemNames::of(&programme);
    let congress_id = balie.congress_id()?;
    let mapping: Vec<Option<Field>> = table.headers.iter().map(|h| field_of(h)).collect();
    let column = |f: Field| mapping.iter().position(|m| *m == Some(f));
    let mut problems = Vec::new();
    for required in [Field::FirstName, Field::LastName, Field::Email] {
        if column(required).is_none() {
            let name = match required {
                Field::FirstName => "Voornaam",
                Field::LastName => "Achternaam",
                _ => "E-mailadres",
            };
            problems.push(ImportProblem {
                line: 1,
                column: None,
                message: format!("de kolom '{name}' ontbreekt in de kopregel; voeg hem toe of hernoem de kolom die deze gegevens bevat"),
            });
        }
    }
    let register = attendees::all(conn)?;
    let by_email: HashMap<String, &Attendee> = register
        .iter()
        .map(|a| (a.email.to_lowercase(), a))
        .collect();
    let days_mapped = column(Field::Thursday).is_some() || column(Field::Friday).is_some();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut writes = Vec::new();
    let (mut new, mut updated, mut unchanged, mut refused) = (0, 0, 0, 0);
    if problems.is_empty() {
        for (line, row) in &table.rows {
            let line = *line;
            let mut row_problems = Vec::new();
            let get = |f: Field| -> (String, Option<String>) {
                match column(f) {
                    Some(c) => (
                        row.get(c).cloned().unwrap_or_default(),
                        Some(table.headers[c].clone()),
                    ),
                    None => (String::new(), None),
                }
            };
            let flag = |f: Field, problems: &mut Vec<ImportProblem>| -> bool {
                let (v, col) = get(f);
                yes_no(&v).unwrap_or_else(|| {
                    problems.push(ImportProblem {
                        line,
                        column: col,
                        message: format!("'{v}' is geen ja/nee-waarde; gebruik Ja of Nee (ook J/N, x, 1/0, WAAR/ONWAAR)"),
                    });
                    false
                })
            };
            let thursday = flag(Field::Thursday, &mut row_problems);
            let friday = flag(Field::Friday, &mut row_problems);
            let dinner = flag(Field::Dinner, &mut row_problems);
            let bus = flag(Field::Bus, &mut row_problems);
            let speaker = flag(Field::Speaker, &mut row_problems);
            let guest = flag(Field::Guest, &mut row_problems);
            let (first, first_col) = get(Field::FirstName);
            let (last, last_col) = get(Field::LastName);
            let (email, email_col) = get(Field::Email);
            if first.is_empty() {
                row_problems.push(ImportProblem {
                    line,
                    column: first_col,
                    message: "voornaam ontbreekt".into(),
                });
            }
            if last.is_empty() {
                row_problems.push(ImportProblem {
                    line,
                    column: last_col.clone(),
                    message: "achternaam ontbreekt".into(),
                });
            }
            if email.is_empty() {
                row_problems.push(ImportProblem {
                    line,
                    column: email_col.clone(),
                    message: "e-mailadres ontbreekt; het is nodig om iemand bij een volgende import terug te vinden".into(),
                });
            } else if !crate::reception::plausible_email(&email) {
                row_problems.push(ImportProblem {
                    line,
                    column: email_col.clone(),
                    message: format!("'{email}' is geen geldig e-mailadres"),
                });
            } else if let Some(first_line) = seen.insert(email.to_lowercase(), line) {
                row_problems.push(ImportProblem {
                    line,
                    column: email_col.clone(),
                    message: format!(
                        "{email} staat ook op regel {first_line}; elke persoon één keer"
                    ),
                });
            }
            let item = |f: Field, kind: ItemKind, what: &str, problems: &mut Vec<ImportProblem>| {
                let (v, col) = get(f);
                if v.is_empty() {
                    return None;
                }
                let found = item_names.find(kind, &v);
                if found.is_none() {
                    let options: Vec<String> = programme
                        .all_items()
                        .filter(|i| i.kind == kind)
                        .map(|i| i.aliases.first().unwrap_or(&i.title).clone())
                        .collect();
                    problems.push(ImportProblem {
                        line,
                        column: col,
                        message: format!(
                            "onbekende {what} '{v}'; kies uit: {}",
                            options.join(", ")
                        ),
                    });
                }
                found
            };
            let session = item(
                Field::Session,
                ItemKind::Session,
                "kennissessie",
                &mut row_problems,
            );
            let visit = item(
                Field::Visit,
                ItemKind::WorkVisit,
                "werkbezoek",
                &mut row_problems,
            );
            let (thursday, friday) = if days_mapped {
                (thursday, friday)
            } else {
                (true, true)
            };
            if days_mapped && !thursday && !friday {
                row_problems.push(ImportProblem {
                    line,
                    column: None,
                    message:
                        "niet aangemeld voor donderdag of vrijdag; vul bij minstens één dag Ja in"
                            .into(),
                });
            }
            if !row_problems.is_empty() {
                refused += 1;
                problems.extend(row_problems);
                continue;
            }
            let organisation = get(Field::Organisation).0;
            let member_value = get(Field::Member).0;
            let member_org = match yes_no(&member_value) {
                Some(true) => Some(organisation.clone()).filter(|o| !o.is_empty()),
                Some(false) => None,
                None => Some(member_value),
            };
            let existing = by_email.get(&email.to_lowercase()).copied();
            let (id, badge_code) = match existing {
                Some(a) => (a.id.clone(), a.badge_code.clone()),
                None => {
                    let d = digest(&congress_id, "id", &email);
                    let id = format!(
                        "imp-{}",
                        d[..10]
                            .iter()
                            .map(|b| format!("{b:02x}"))
                            .collect::<String>()
                    );
                    let b = digest(&congress_id, "badge", &email);
                    let bits = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
                    (id, badge::from_random(|| bits))
                }
            };
            let person = Attendee {
                id,
                first_name: first,
                tussenvoegsel: get(Field::Tussenvoegsel).0,
                last_name: last,
                organisation,
                email,
                function: get(Field::Function).0,
                member_org,
                thursday,
                friday,
                dinner,
                session_choice: session,
                visit_choice: visit,
                bus,
                dietary: get(Field::Dietary).0,
                accessibility: get(Field::Accessibility).0,
                speaker,
                guest,
                badge_code,
                // A walk-in who later appears in the export stays marked as one.
                walk_in: existing.is_some_and(|a| a.walk_in),
            };
            match existing {
                None => {
                    new += 1;
                    writes.push((kinds::ATTENDEE_REGISTERED, person));
                }
                Some(a) if *a == person => unchanged += 1,
                Some(_) => {
                    updated += 1;
                    writes.push((kinds::ATTENDEE_EDITED, person));
                }
            }
        }
    }
    let missing = register
        .iter()
        .filter(|a| !seen.contains_key(&a.email.to_lowercase()))
        .map(|a| names::listing_name(&a.first_name, &a.tussenvoegsel, &a.last_name))
        .collect();
    Ok(Plan {
        preview: ImportPreview {
            encoding: table.encoding.to_string(),
            separator: (table.separator as char).to_string(),
            mapping: table
                .headers
                .iter()
                .cloned()
                .zip(mapping.iter().copied())
                .collect(),
            rows: table.rows.len() as u32,
            new,
            updated,
            unchanged,
            refused,
            problems,
            missing,
            applied: false,
        },
        writes,
    })
}

impl Balie {
    /// The dry run: what importing `bytes` (the file `file`) would do, changing nothing.
    pub fn preview_registrations(&self, bytes: &[u8], file: &str) -> Result<ImportPreview> {
        Ok(plan(self, bytes, file)?.preview)
    }

    /// Imports a file without problems, all or nothing. A file with problems, or a demo
    /// database, is refused and nothing is written; the preview says why.
    pub fn import_registrations(&mut self, bytes: &[u8], file: &str) -> Result<ImportPreview> {
        if self.is_demo()? {
            return Err(Error::DemoMismatch(
                "Dit is een demodatabase met fictieve deelnemers; echte registraties importeer je in een echte gegevensmap (start zonder --demo).".into(),
            ));
        }
        let Plan {
            mut preview,
            writes,
        } = plan(self, bytes, file)?;
        if !preview.problems.is_empty() {
            return Ok(preview);
        }
        self.store_mut().write(|w| {
            for (kind, person) in &writes {
                w.append(kind, &person.id, person)?;
            }
            Ok(())
        })?;
        self.refresh_search()?;
        preview.applied = true;
        Ok(preview)
    }
}
