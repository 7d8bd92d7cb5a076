//! Importing registrations from the spreadsheets Dutch offices produce: CSV with `;`, `,`
//! or tabs, in UTF-8, UTF-16 (Excel's "Unicode-tekst") or a Windows code page chosen in the
//! preview, CRLF, quoted fields with separators and line breaks inside; or Excel `.xlsx`
//! (the first sheet or a chosen one), read by `documents::table` within its limits. Headers are mapped
//! from Dutch and English names in any order; staff can map the rest themselves
//! ([`ImportOptions`]) and save a mapping under a name for the next export.
//!
//! Always a dry run first: [`Balie::preview_registrations`] lists counts and every problem
//! with its line, column and what to fix. [`Balie::import_registrations`] writes only a
//! file without problems, in one transaction. People are matched by e-mail (case-insensitive): a
//! re-import updates them and keeps their id, badge code and check-ins; people missing from
//! the new file are listed, never deleted. New people get ids and badge codes derived from
//! the congress and their e-mail, so the same file imported on two desks makes one person.

use crate::app::tasks::{Step, Task};
use crate::app::Balie;
use crate::domain::badge;
use crate::domain::error::{Error, Result};
use crate::domain::events::{kinds, EventRecord};
use crate::domain::import::*;
use crate::domain::message::Msg;
use crate::domain::names;
use crate::domain::programme::{ItemKind, ProgrammeContent};
use crate::store::attendees::{self, Attendee};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use ts_rs::TS;

/// Reads a file to import, refusing one larger than `documents::table::MAX_FILE_BYTES`
/// before reading it (and one that grows while it is read).
pub fn read_import_file(path: &std::path::Path) -> Result<Vec<u8>> {
    read_file_at_most(path, crate::documents::table::MAX_FILE_BYTES as u64)
}

/// Reads a file someone brought (an import, a scan, a bundle), refusing one larger than
/// `max` bytes by its size before reading, and by what is read should it grow meanwhile.
pub fn read_file_at_most(path: &std::path::Path, max: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let name = path.display().to_string();
    let unreadable = |e: std::io::Error| {
        Error::said(
            name.as_str(),
            "err.import.unreadable",
            [("why", e.to_string().into())],
        )
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    let check = |bytes: u64| crate::documents::table::check_size_at_most(&name, bytes, max);
    check(size)?;
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    check(bytes.len() as u64)?;
    Ok(bytes)
}

/// The cells of `row` longer than their field's limit (`domain::limits::of`), as problems
/// of `line`; `fields` are the fields this kind of import maps.
pub(crate) fn long_cells(
    line: u32,
    row: &[String],
    fields: &[Field],
    column: &dyn Fn(Field) -> Option<usize>,
    headers: &[String],
) -> Vec<ImportProblem> {
    use crate::domain::limits;
    // Nearly every row has no cell longer than the shortest limit: one pass over its bytes.
    if row.iter().all(|c| c.len() <= limits::NAME) {
        return Vec::new();
    }
    fields
        .iter()
        .filter_map(|&f| {
            let c = column(f)?;
            let value = row.get(c)?;
            let max = limits::of(f);
            if value.len() <= max {
                return None;
            }
            let chars = value.chars().count();
            (chars > max).then(|| ImportProblem {
                line,
                column: headers.get(c).cloned(),
                message: Msg::new(
                    "import.tooLong",
                    [
                        ("field", f.msg().into()),
                        ("chars", chars.into()),
                        ("max", max.into()),
                    ],
                ),
            })
        })
        .collect()
}

/// Ja/Nee/J/N/Yes/No/x/1/0/WAAR/ONWAAR; empty is no.
pub(crate) fn yes_no(value: &str) -> Option<bool> {
    // Most values are a short plain word: compared in lower case without folding.
    if value.len() <= 8 && value.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let mut lower = [0u8; 8];
        for (l, b) in lower.iter_mut().zip(value.bytes()) {
            *l = b.to_ascii_lowercase();
        }
        return yes_no_folded(std::str::from_utf8(&lower[..value.len()]).unwrap_or_default());
    }
    yes_no_folded(&names::fold(value))
}

fn yes_no_folded(value: &str) -> Option<bool> {
    match value {
        "ja" | "j" | "yes" | "y" | "x" | "1" | "waar" | "true" | "wel" => Some(true),
        "nee" | "n" | "no" | "0" | "onwaar" | "false" | "niet" | "" => Some(false),
        _ => None,
    }
}

/// A status column's value: `Some(true)` cancelled, `Some(false)` registered, `None` not
/// understood. Empty is registered.
pub(crate) fn cancelled_status(value: &str) -> Option<bool> {
    let v = names::fold(value);
    const CANCELLED: [&str; 9] = [
        "geannuleerd",
        "afgemeld",
        "annulering",
        "afmelding",
        "teruggetrokken",
        "cancelled",
        "canceled",
        "cancellation",
        "withdrawn",
    ];
    const REGISTERED: [&str; 14] = [
        "aangemeld",
        "bevestigd",
        "actief",
        "ingeschreven",
        "betaald",
        "definitief",
        "gewijzigd",
        "nieuw",
        "ok",
        "confirmed",
        "registered",
        "active",
        "paid",
        "new",
    ];
    let first = v.split(' ').next().unwrap_or_default();
    if v.is_empty() || REGISTERED.contains(&first) {
        Some(false)
    } else if CANCELLED.contains(&first) {
        Some(true)
    } else {
        None
    }
}

/// One problem in the file: where, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportProblem {
    /// The line in the file where the record starts (1 is the header).
    pub line: u32,
    /// The column's header as written in the file.
    pub column: Option<String>,
    pub message: Msg,
}

/// What an import would do (or did).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportPreview {
    /// "UTF-8", "Windows-1252 (West-Europees)", "Excel (.xlsx)", …
    pub encoding: String,
    /// A CSV that is not Unicode: every encoding it could be in, with its names as each
    /// reads them; staff choose one (`ImportOptions::encoding`) and the preview is redone.
    pub encodings: Vec<crate::documents::table::EncodingChoice>,
    /// `;` or `,` for CSV; empty for a spreadsheet.
    pub separator: String,
    /// The worksheets of an `.xlsx` (empty for CSV) and the one read.
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    /// Each header with the field it maps to (`null`: ignored).
    pub mapping: Vec<(String, Option<Field>)>,
    /// The fields a column can be mapped to in this kind of import.
    pub fields: Vec<Field>,
    pub rows: u32,
    pub new: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub refused: u32,
    pub problems: Vec<ImportProblem>,
    /// Worth a look but no reason to refuse: a new person with the name of someone already
    /// in the register under another e-mail address.
    pub warnings: Vec<ImportProblem>,
    /// People in the register that the file no longer has (listed, never deleted; with
    /// `cancel_missing` their registrations are cancelled). Walk-ins and people already
    /// cancelled are not listed.
    pub missing: Vec<String>,
    /// Registrations the status column cancels (not cancelled before).
    pub cancelled: u32,
    /// Cancelled registrations (by an earlier import) the status column registers again.
    pub reinstated: u32,
    /// The first rows as read (at most 5), the file's values in its column order: a wrong
    /// encoding or mapping is seen before importing.
    pub sample: Vec<Vec<String>>,
    /// True when the import was written.
    pub applied: bool,
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

/// A stable digest of `key` for `what` in this congress. The key is what identifies the
/// thing, already in lower case (an e-mail address lowered, a folded name), so the same
/// person or member gets the same digest however the file wrote it.
pub(crate) fn digest(congress_id: &str, what: &str, key: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(congress_id.as_bytes());
    h.update(b"\0");
    h.update(what.as_bytes());
    h.update(b"\0");
    h.update(key.as_bytes());
    h.finalize().into()
}

/// People per `attendees.imported` event: few enough that one event stays small in a
/// bundle (about 0.5 MB), many enough that the event log costs next to nothing per person.
const IMPORT_EVENT_PEOPLE: usize = 1000;

/// The subject of `attendees.imported` events (they are about many people).
const IMPORT_SUBJECT: &str = "register";

/// The plan: what each row becomes, and every problem found.
struct Plan {
    preview: ImportPreview,
    /// New and changed people, in the file's line order.
    writes: Vec<Attendee>,
    /// The register as it was read for the plan.
    register: Vec<Attendee>,
    /// People the status column cancels, and those it registers again.
    cancel: Vec<String>,
    reinstate: Vec<String>,
    /// People the file no longer has (cancelled only when staff confirm it).
    missing: Vec<String>,
}

/// The field of each header: a choice by hand wins over the automatic mapping.
pub(crate) fn mapping_of(
    table: &[(Field, &[&str])],
    headers: &[String],
    choices: &[ColumnChoice],
) -> Vec<Option<Field>> {
    headers
        .iter()
        .map(|h| {
            choices
                .iter()
                .find(|c| c.header.trim().to_lowercase() == h.trim().to_lowercase())
                .map_or_else(|| field_of(table, h), |c| c.field)
        })
        .collect()
}

/// A problem for every field that more than one column feeds.
pub(crate) fn double_columns(
    fields: &[Field],
    mapping: &[Option<Field>],
    headers: &[String],
) -> Vec<ImportProblem> {
    let mut problems = Vec::new();
    for &f in fields {
        let cols: Vec<&String> = mapping
            .iter()
            .zip(headers)
            .filter(|(m, _)| **m == Some(f))
            .map(|(_, h)| h)
            .collect();
        if cols.len() > 1 {
            problems.push(ImportProblem {
                line: 1,
                column: None,
                message: Msg::new(
                    "import.doubleColumns",
                    [
                        (
                            "columns",
                            cols.iter()
                                .map(|c| format!("'{c}'"))
                                .collect::<Vec<_>>()
                                .join(", ")
                                .into(),
                        ),
                        ("field", f.msg().into()),
                    ],
                ),
            });
        }
    }
    problems
}

fn plan(
    balie: &Balie,
    bytes: &[u8],
    file: &str,
    opts: &ImportOptions,
    task: &Task<'_>,
) -> Result<Plan> {
    task.step(Step::Reading, 0, 0)?;
    let mut table = crate::documents::table::read_table(
        bytes,
        file,
        opts.sheet.as_deref(),
        opts.encoding.as_deref(),
    )?;
    let row_count = table.rows.len() as u32;
    let sample: Vec<Vec<String>> = table.rows.iter().take(5).map(|(_, r)| r.clone()).collect();
    let conn = balie.store().conn();
    let programme = crate::store::programme::read(conn)?;
    let item_names = ItemNames::of(&programme);
    let congress_id = balie.congress_id()?;
    let mapping = mapping_of(HEADER_NAMES, &table.headers, &opts.columns);
    let column = |f: Field| mapping.iter().position(|m| *m == Some(f));
    let mut problems = double_columns(&Field::ALL, &mapping, &table.headers);
    for required in [Field::FirstName, Field::LastName, Field::Email] {
        if column(required).is_none() {
            problems.push(ImportProblem {
                line: 1,
                column: None,
                message: Msg::new("import.missingColumn", [("field", required.msg().into())]),
            });
        }
    }
    let register = attendees::all(conn)?;
    let cancellations = crate::store::cancellation::all(conn)?;
    let (mut cancel, mut reinstate) = (Vec::new(), Vec::new());
    let by_email: HashMap<String, &Attendee> = register
        .iter()
        .map(|a| (a.email.to_lowercase(), a))
        .collect();
    let by_name: HashMap<String, &Attendee> = register
        .iter()
        .map(|a| (name_key(&a.first_name, &a.tussenvoegsel, &a.last_name), a))
        .collect();
    let mut warnings = Vec::new();
    let days_mapped = column(Field::Thursday).is_some() || column(Field::Friday).is_some();
    let mut seen: HashMap<String, u32> = HashMap::with_capacity(table.rows.len());
    let mut writes = Vec::with_capacity(table.rows.len());
    let (mut new, mut updated, mut unchanged, mut refused) = (0, 0, 0, 0);
    if problems.is_empty() {
        // Every row is decided on its own, on every core; then, in line order, the check
        // that needs the rows before it (the same address twice) and the counts.
        let rows = RowContext {
            column: &column,
            headers: &table.headers,
            programme: &programme,
            item_names: &item_names,
            congress_id: &congress_id,
            by_email: &by_email,
            by_name: &by_name,
            days_mapped,
        };
        let total = table.rows.len() as u64;
        task.step(Step::Checking, 0, total)?;
        let decided =
            crate::domain::parallel::map_owned(std::mem::take(&mut table.rows), |(line, row)| {
                rows.decide(line, row)
            });
        for (n, mut d) in decided.into_iter().enumerate() {
            if n % 1000 == 0 {
                task.step(Step::Checking, n as u64, total)?;
            }
            let mut row_problems = std::mem::take(&mut d.problems);
            if let Some((key, at)) = d.dedup.take() {
                if let Some(first_line) = seen.insert(key, d.line) {
                    row_problems.insert(
                        at,
                        ImportProblem {
                            line: d.line,
                            column: rows.header(d.email_col),
                            message: Msg::new(
                                "import.twice",
                                [
                                    ("email", d.written_email().into()),
                                    ("line", first_line.to_string().into()),
                                ],
                            ),
                        },
                    );
                }
            }
            if !row_problems.is_empty() {
                refused += 1;
                problems.extend(row_problems);
                continue;
            }
            let Some((person, status)) = d.person else {
                continue;
            };
            match (d.cancelled, cancellations.get(&person.id)) {
                (Some(true), None) => cancel.push(person.id.clone()),
                // Registered again in the system: only an import's cancellation is undone,
                // never one staff made by hand.
                (Some(false), Some(c))
                    if c.source == crate::domain::cancellation::CancelSource::Import =>
                {
                    reinstate.push(person.id.clone());
                }
                _ => {}
            }
            match status {
                RowStatus::New(warning) => {
                    new += 1;
                    warnings.extend(warning);
                    writes.push(person);
                }
                RowStatus::Unchanged => unchanged += 1,
                RowStatus::Updated => {
                    updated += 1;
                    writes.push(person);
                }
            }
        }
    }
    let gone: Vec<&Attendee> = if problems.is_empty() {
        register
            .iter()
            .filter(|a| {
                !a.walk_in
                    && !cancellations.contains_key(&a.id)
                    && !seen.contains_key(&a.email.to_lowercase())
            })
            .collect()
    } else {
        Vec::new()
    };
    let missing = gone
        .iter()
        .map(|a| names::listing_name(&a.first_name, &a.tussenvoegsel, &a.last_name))
        .collect();
    let missing_ids = gone.iter().map(|a| a.id.clone()).collect();
    Ok(Plan {
        preview: ImportPreview {
            encoding: table.encoding,
            encodings: table.encodings,
            separator: table.separator,
            sheets: table.sheets,
            sheet: table.sheet,
            mapping: table
                .headers
                .iter()
                .cloned()
                .zip(mapping.iter().copied())
                .collect(),
            fields: Field::ALL.to_vec(),
            rows: row_count,
            new,
            updated,
            unchanged,
            refused,
            problems,
            warnings,
            missing,
            cancelled: cancel.len() as u32,
            reinstated: reinstate.len() as u32,
            sample,
            applied: false,
        },
        writes,
        register,
        cancel,
        reinstate,
        missing: missing_ids,
    })
}

/// What [`RowContext::decide`] needs to decide a row on its own.
struct RowContext<'a> {
    column: &'a (dyn Fn(Field) -> Option<usize> + Sync),
    headers: &'a [String],
    programme: &'a ProgrammeContent,
    item_names: &'a ItemNames,
    congress_id: &'a str,
    by_email: &'a HashMap<String, &'a Attendee>,
    by_name: &'a HashMap<String, &'a Attendee>,
    days_mapped: bool,
}

/// One row decided on its own.
struct Decided {
    line: u32,
    problems: Vec<ImportProblem>,
    /// A valid address (lower case) and where among `problems` the "also on line N"
    /// problem goes if an earlier row has it.
    dedup: Option<(String, usize)>,
    /// The address as written, when there is no person to hold it (see
    /// [`Decided::written_email`]).
    email: String,
    email_col: Option<usize>,
    /// The person, when the row has no problem of its own.
    person: Option<(Attendee, RowStatus)>,
    /// What the status column says: cancelled or not (`None`: no status column).
    cancelled: Option<bool>,
}

impl Decided {
    /// The address as the file wrote it.
    fn written_email(&self) -> &str {
        self.person.as_ref().map_or(&self.email, |(p, _)| &p.email)
    }
}

enum RowStatus {
    /// New to the register, with a warning when someone of that name is there already.
    New(Option<ImportProblem>),
    Unchanged,
    Updated,
}

impl RowContext<'_> {
    fn header(&self, c: Option<usize>) -> Option<String> {
        c.map(|c| self.headers[c].clone())
    }

    fn decide(&self, line: u32, row: Vec<String>) -> Decided {
        let column = self.column;
        let mut row_problems = long_cells(line, &row, &Field::ALL, column, self.headers);
        // The row is taken apart: every field is read once, so its value is moved out.
        let row = std::cell::RefCell::new(row);
        // The value and the column it came from (its header is named only in a problem).
        let get = |f: Field| -> (String, Option<usize>) {
            match column(f) {
                Some(c) => (
                    row.borrow_mut()
                        .get_mut(c)
                        .map(std::mem::take)
                        .unwrap_or_default(),
                    Some(c),
                ),
                None => (String::new(), None),
            }
        };
        let header = |c: Option<usize>| self.header(c);
        let flag = |f: Field, problems: &mut Vec<ImportProblem>| -> bool {
            let (v, col) = get(f);
            yes_no(&v).unwrap_or_else(|| {
                problems.push(ImportProblem {
                    line,
                    column: header(col),
                    message: Msg::new("import.yesNo", [("value", v.as_str().into())]),
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
        let cancelled = column(Field::Status).and_then(|_| {
            let (v, col) = get(Field::Status);
            let c = cancelled_status(&v);
            if c.is_none() {
                row_problems.push(ImportProblem {
                    line,
                    column: header(col),
                    message: Msg::new("import.status", [("value", v.as_str().into())]),
                });
            }
            c
        });
        let (first, first_col) = get(Field::FirstName);
        let (last, last_col) = get(Field::LastName);
        let (email, email_col) = get(Field::Email);
        let email_key = email.to_lowercase();
        if first.is_empty() {
            row_problems.push(ImportProblem {
                line,
                column: header(first_col),
                message: Msg::new("import.noFirstName", []),
            });
        }
        if last.is_empty() {
            row_problems.push(ImportProblem {
                line,
                column: header(last_col),
                message: Msg::new("import.noLastName", []),
            });
        }
        let mut dedup_at = None;
        if email.is_empty() {
            row_problems.push(ImportProblem {
                line,
                column: header(email_col),
                message: Msg::new("import.noEmail", []),
            });
        } else if !crate::app::reception::plausible_email(&email) {
            row_problems.push(ImportProblem {
                line,
                column: header(email_col),
                message: Msg::new("import.badEmail", [("email", email.as_str().into())]),
            });
        } else {
            dedup_at = Some(row_problems.len());
        }
        let item = |f: Field, kind: ItemKind, key: &str, problems: &mut Vec<ImportProblem>| {
            let (v, col) = get(f);
            if v.is_empty() {
                return None;
            }
            let found = self.item_names.find(kind, &v);
            if found.is_none() {
                let options: Vec<String> = self
                    .programme
                    .all_items()
                    .filter(|i| i.kind == kind)
                    .map(|i| i.aliases.first().unwrap_or(&i.title).clone())
                    .collect();
                problems.push(ImportProblem {
                    line,
                    column: header(col),
                    message: Msg::new(
                        key,
                        [
                            ("value", v.as_str().into()),
                            ("choices", options.join(", ").into()),
                        ],
                    ),
                });
            }
            found
        };
        let session = item(
            Field::Session,
            ItemKind::Session,
            "import.noSession",
            &mut row_problems,
        );
        let visit = item(
            Field::Visit,
            ItemKind::WorkVisit,
            "import.noVisit",
            &mut row_problems,
        );
        let (thursday, friday) = if self.days_mapped {
            (thursday, friday)
        } else {
            (true, true)
        };
        if self.days_mapped && !thursday && !friday {
            row_problems.push(ImportProblem {
                line,
                column: None,
                message: Msg::new("import.noDay", []),
            });
        }
        if !row_problems.is_empty() {
            return Decided {
                line,
                problems: row_problems,
                dedup: dedup_at.map(|at| (email_key, at)),
                email,
                email_col,
                person: None,
                cancelled,
            };
        }
        let organisation = get(Field::Organisation).0;
        let member_value = get(Field::Member).0;
        let member_org = match yes_no(&member_value) {
            Some(true) => Some(organisation.clone()).filter(|o| !o.is_empty()),
            Some(false) => None,
            None => Some(member_value),
        };
        let existing = self.by_email.get(&email_key).copied();
        let (id, badge_code) = match existing {
            Some(a) => (a.id.clone(), a.badge_code.clone()),
            None => {
                let d = digest(self.congress_id, "id", &email_key);
                let mut id = String::with_capacity(24);
                id.push_str("imp-");
                id.push_str(&crate::wire::sync::hex(&d[..10]));
                let b = digest(self.congress_id, "badge", &email_key);
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
        let status = match existing {
            None => {
                let same = if self.by_name.is_empty() {
                    None
                } else {
                    self.by_name.get(&name_key(
                        &person.first_name,
                        &person.tussenvoegsel,
                        &person.last_name,
                    ))
                };
                RowStatus::New(same.map(|same| ImportProblem {
                    line,
                    column: header(email_col),
                    message: Msg::new(
                        if same.email.is_empty() {
                            "import.sameNameNoEmail"
                        } else {
                            "import.sameName"
                        },
                        [
                            ("name", same.display_name().into()),
                            ("theirs", same.email.as_str().into()),
                            ("email", person.email.as_str().into()),
                        ],
                    ),
                }))
            }
            Some(a) if *a == person => RowStatus::Unchanged,
            Some(_) => RowStatus::Updated,
        };
        Decided {
            line,
            problems: Vec::new(),
            dedup: dedup_at.map(|at| (email_key, at)),
            email: String::new(),
            email_col,
            person: Some((person, status)),
            cancelled,
        }
    }
}

/// The key under which two people have the same name.
fn name_key(first: &str, tv: &str, last: &str) -> String {
    names::fold(&format!("{first} {tv} {last}"))
}

impl Balie {
    /// The dry run: what importing `bytes` (the file `file`) would do, changing nothing.
    pub fn preview_registrations(&self, bytes: &[u8], file: &str) -> Result<ImportPreview> {
        self.preview_registrations_with(bytes, file, &ImportOptions::default())
    }

    /// The dry run with a chosen worksheet and columns mapped by hand.
    pub fn preview_registrations_with(
        &self,
        bytes: &[u8],
        file: &str,
        opts: &ImportOptions,
    ) -> Result<ImportPreview> {
        self.preview_registrations_in(bytes, file, opts, &Task::none())
    }

    /// [`Balie::preview_registrations_with`] as a task that reports progress and can be
    /// cancelled.
    pub fn preview_registrations_in(
        &self,
        bytes: &[u8],
        file: &str,
        opts: &ImportOptions,
        task: &Task<'_>,
    ) -> Result<ImportPreview> {
        Ok(plan(self, bytes, file, opts, task)?.preview)
    }

    /// Imports a file without problems, all or nothing. A file with problems, or a demo
    /// database, is refused and nothing is written; the preview says why.
    pub fn import_registrations(&mut self, bytes: &[u8], file: &str) -> Result<ImportPreview> {
        self.import_registrations_with(bytes, file, &ImportOptions::default())
    }

    /// [`Balie::import_registrations`] with a chosen worksheet and columns mapped by hand.
    pub fn import_registrations_with(
        &mut self,
        bytes: &[u8],
        file: &str,
        opts: &ImportOptions,
    ) -> Result<ImportPreview> {
        self.import_registrations_in(bytes, file, opts, &Task::none())
    }

    /// [`Balie::import_registrations_with`] as a task that reports progress and can be
    /// cancelled until its transaction commits (then nothing is written).
    pub fn import_registrations_in(
        &mut self,
        bytes: &[u8],
        file: &str,
        opts: &ImportOptions,
        task: &Task<'_>,
    ) -> Result<ImportPreview> {
        if self.is_demo()? {
            return Err(Error::demo_mismatch("err.demo.register", []));
        }
        let Plan {
            mut preview,
            writes,
            register,
            cancel,
            reinstate,
            missing,
        } = plan(self, bytes, file, opts, task)?;
        if !preview.problems.is_empty() {
            return Ok(preview);
        }
        // The register after the import (each write replaces the person it names: its event
        // is the newest) is indexed for search on one other core while the transaction runs;
        // the first search waits for it.
        let writes = std::sync::Arc::new(writes);
        let index = {
            let writes = std::sync::Arc::clone(&writes);
            std::thread::spawn(move || {
                let mut after: HashMap<String, crate::domain::search::Searchable> = register
                    .into_iter()
                    .map(|a| (a.id.clone(), crate::app::reception::searchable_owned(a)))
                    .collect();
                for person in writes.iter() {
                    after.insert(person.id.clone(), crate::app::reception::searchable(person));
                }
                drop(writes);
                let people: Vec<crate::domain::search::Searchable> = after.into_values().collect();
                Some(crate::domain::search::SearchIndex::build_on(&people, 1))
            })
        };
        self.store_mut().write(|w| {
            // The events first, then everyone projected in one pass (by id).
            let mut events = Vec::new();
            let total = writes.len() as u64;
            for (n, people) in writes.chunks(IMPORT_EVENT_PEOPLE).enumerate() {
                task.step(Step::Writing, (n * IMPORT_EVENT_PEOPLE) as u64, total)?;
                let payload = attendees::ImportedRowsRef::new(file, people);
                let ev = w.append_typed(
                    kinds::ATTENDEES_IMPORTED_ROWS,
                    IMPORT_SUBJECT,
                    &payload,
                    |_, _, _| Ok(()),
                )?;
                events.push((ev, people));
            }
            let events: Vec<(&EventRecord, &[Attendee])> =
                events.iter().map(|(ev, people)| (ev, *people)).collect();
            attendees::project_imported_events(w.conn(), &events)?;
            // Cancellations after the people they name; the reason names the file.
            let file = file.rsplit(['/', '\\']).next().unwrap_or(file);
            let left_out = if opts.cancel_missing {
                missing
            } else {
                Vec::new()
            };
            for (kind, ids, reason) in [
                (
                    kinds::ATTENDEES_CANCELLED,
                    cancel,
                    format!("geannuleerd volgens {file}"),
                ),
                (
                    kinds::ATTENDEES_REINSTATED,
                    reinstate,
                    format!("weer aangemeld volgens {file}"),
                ),
                (
                    kinds::ATTENDEES_CANCELLED,
                    left_out,
                    format!("staat niet meer in {file}"),
                ),
            ] {
                if ids.is_empty() {
                    continue;
                }
                let payload = crate::domain::cancellation::CancelPayload {
                    attendee_ids: ids,
                    reason,
                    source: crate::domain::cancellation::CancelSource::Import,
                };
                w.append(kind, IMPORT_SUBJECT, &payload)?;
            }
            // The last moment to stop: after this the transaction commits.
            task.step(Step::Writing, writes.len() as u64, writes.len() as u64)?;
            Ok(())
        })?;
        self.set_search_index_pending(index);
        preview.applied = true;
        Ok(preview)
    }
}

impl Balie {
    /// Saves a column mapping under `name` (an event, so every desk gets it); the same name
    /// again replaces it.
    pub fn save_import_mapping(&mut self, name: &str, columns: &[ColumnChoice]) -> Result<()> {
        self.require_staff()?;
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() || name.chars().count() > 60 {
            return Err(Error::said("naam koppeling", "err.import.mappingName", []));
        }
        let mapping = SavedMapping {
            name,
            columns: columns.to_vec(),
        };
        self.store_mut()
            .write(|w| w.append(kinds::IMPORT_MAPPING_SAVED, &mapping.name, &mapping))?;
        Ok(())
    }

    /// The saved column mappings, by name.
    /// The columns `mapping` names: a mapping file (see [`crate::domain::import::mapping_from_json`])
    /// or the name of a saved mapping (case ignored).
    pub fn mapping_columns(&self, mapping: &str) -> Result<Vec<ColumnChoice>> {
        let path = std::path::Path::new(mapping);
        if path.is_file() {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Error::said(
                    "koppeling",
                    "err.mapping.read",
                    [("file", mapping.into()), ("why", e.to_string().into())],
                )
            })?;
            return crate::domain::import::mapping_from_json(mapping, &text);
        }
        let saved = self.import_mappings()?;
        saved
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(mapping.trim()))
            .map(|s| s.columns.clone())
            .ok_or_else(|| {
                let names: Vec<&str> = saved.iter().map(|s| s.name.as_str()).collect();
                Error::said(
                    "koppeling",
                    "err.mapping.unknown",
                    [
                        ("mapping", mapping.into()),
                        (
                            "saved",
                            if names.is_empty() {
                                "(geen)".to_string()
                            } else {
                                names.join(", ")
                            }
                            .into(),
                        ),
                    ],
                )
            })
    }

    pub fn import_mappings(&self) -> Result<Vec<SavedMapping>> {
        let mut out = Vec::new();
        for (name, columns) in crate::store::import_mappings::all(self.store().conn())? {
            let columns = serde_json::from_str(&columns)
                .map_err(|e| Error::Internal(format!("koppeling '{name}' is onleesbaar: {e}")))?;
            out.push(SavedMapping { name, columns });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digest as builds before 2026-11-29 made it: the key lowered inside.
    fn earlier_digest(congress_id: &str, what: &str, key: &str) -> [u8; 32] {
        let mut h = Sha256::new();
        for part in [congress_id, "\0", what, "\0", &key.to_lowercase()] {
            h.update(part.as_bytes());
        }
        h.finalize().into()
    }

    #[test]
    fn ids_and_badges_stay_what_earlier_builds_derived() {
        // A desk on an older build must derive the same person and member from the same file.
        for email in ["Anna.de.Vries@Bieb.NL", "zoë@example.org", "İlker@ÖRNEK.tr"] {
            let key = email.to_lowercase();
            for what in ["id", "badge"] {
                assert_eq!(
                    digest("c1", what, &key),
                    earlier_digest("c1", what, email),
                    "{email}"
                );
            }
        }
        for name in ["Bibliotheek Zuidhorn", "ÖBIB Ørsted", "İzmir Kütüphanesi"] {
            let folded = names::fold(name);
            assert_eq!(
                digest("c1", "member", &folded),
                earlier_digest("c1", "member", &folded),
                "{name}"
            );
        }
    }
}
