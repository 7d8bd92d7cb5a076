//! Importing the member register for the ALV with the same machinery as registrations:
//! CSV or `.xlsx`, headers mapped from Dutch and English names (or by hand), a dry run with
//! every problem by line and column, and an all-or-nothing import.
//!
//! Columns: name (required), city, category, vote weight (an exact decimal with a decimal
//! comma, default 1), suspended, voting rights (without that column: voting when the weight
//! is above 0). Members are matched by name (case, accents and punctuation ignored): a
//! re-import updates them and keeps their id, so proxies stay attached; members missing
//! from the new file are listed, never deleted.

use crate::app::import::{
    digest, double_columns, long_cells, mapping_of, yes_no, ImportPreview, ImportProblem,
};
use crate::app::Balie;
use crate::domain::alv::model::Member;
use crate::domain::alv::weight::Weight;
use crate::domain::error::{Error, Result};
use crate::domain::events::kinds;
use crate::domain::import::{Field, ImportOptions, MEMBER_HEADER_NAMES};
use crate::domain::message::Msg;
use crate::domain::names;
use std::collections::HashMap;

/// A member's id: derived from the congress and the folded name, so the same register
/// imported on two desks makes one member.
pub(crate) fn member_id(congress_id: &str, name: &str) -> String {
    let d = digest(congress_id, "member", &names::fold(name));
    format!("mem-{}", crate::wire::sync::hex(&d[..10]))
}

struct Plan {
    preview: ImportPreview,
    writes: Vec<(&'static str, Member)>,
}

fn plan(balie: &Balie, bytes: &[u8], file: &str, opts: &ImportOptions) -> Result<Plan> {
    let table = crate::documents::table::read_table(
        bytes,
        file,
        opts.sheet.as_deref(),
        opts.encoding.as_deref(),
    )?;
    let sample: Vec<Vec<String>> = table.rows.iter().take(5).map(|(_, r)| r.clone()).collect();
    let congress_id = balie.congress_id()?;
    let mapping = mapping_of(MEMBER_HEADER_NAMES, &table.headers, &opts.columns);
    let column = |f: Field| mapping.iter().position(|m| *m == Some(f));
    let mut problems = double_columns(&Field::MEMBER, &mapping, &table.headers);
    if column(Field::Organisation).is_none() {
        problems.push(ImportProblem {
            line: 1,
            column: None,
            message: Msg::new("members.noName", []),
        });
    }
    if let Some((h, _)) = mapping
        .iter()
        .zip(&table.headers)
        .find(|(m, _)| m.is_some_and(|f| !Field::MEMBER.contains(&f)))
        .map(|(m, h)| (h, m))
    {
        problems.push(ImportProblem {
            line: 1,
            column: Some(h.clone()),
            message: Msg::new("members.wrongField", []),
        });
    }
    let register = balie.members()?;
    let by_name: HashMap<String, &Member> =
        register.iter().map(|m| (names::fold(&m.name), m)).collect();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut writes = Vec::new();
    let (mut new, mut updated, mut unchanged, mut refused) = (0, 0, 0, 0);
    if problems.is_empty() {
        for (line, row) in &table.rows {
            let line = *line;
            let mut row_problems = long_cells(line, row, &Field::MEMBER, &column, &table.headers);
            let get = |f: Field| -> (String, Option<String>) {
                match column(f) {
                    Some(c) => (
                        row.get(c).cloned().unwrap_or_default(),
                        Some(table.headers[c].clone()),
                    ),
                    None => (String::new(), None),
                }
            };
            let (name, name_col) = get(Field::Organisation);
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            let key = names::fold(&name);
            if name.is_empty() {
                row_problems.push(ImportProblem {
                    line,
                    column: name_col.clone(),
                    message: Msg::new("members.nameMissing", []),
                });
            } else if let Some(first) = seen.insert(key.clone(), line) {
                row_problems.push(ImportProblem {
                    line,
                    column: name_col.clone(),
                    message: Msg::new(
                        "members.twice",
                        [
                            ("name", name.as_str().into()),
                            ("line", first.to_string().into()),
                        ],
                    ),
                });
            }
            let (w, w_col) = get(Field::VoteWeight);
            let weight = if w.trim().is_empty() {
                Weight::ONE
            } else {
                Weight::parse(&w).unwrap_or_else(|| {
                    row_problems.push(ImportProblem {
                        line,
                        column: w_col.clone(),
                        message: Msg::new("members.weight", [("value", w.as_str().into())]),
                    });
                    Weight::ONE
                })
            };
            let mut flag = |f: Field, default: bool| -> bool {
                let (v, col) = get(f);
                if col.is_none() {
                    return default;
                }
                yes_no(&v).unwrap_or_else(|| {
                    row_problems.push(ImportProblem {
                        line,
                        column: col,
                        message: Msg::new("import.yesNo", [("value", v.as_str().into())]),
                    });
                    false
                })
            };
            let suspended = flag(Field::Suspended, false);
            let voting = flag(Field::Voting, weight.0 > 0);
            if !row_problems.is_empty() {
                refused += 1;
                problems.extend(row_problems);
                continue;
            }
            let existing = by_name.get(&key).copied();
            let member = Member {
                id: existing.map_or_else(|| member_id(&congress_id, &name), |m| m.id.clone()),
                name,
                city: get(Field::City).0,
                category: get(Field::Category).0,
                voting,
                weight,
                suspended,
            };
            match existing {
                None => {
                    new += 1;
                    writes.push((kinds::MEMBER_REGISTERED, member));
                }
                Some(m) if *m == member => unchanged += 1,
                Some(_) => {
                    updated += 1;
                    writes.push((kinds::MEMBER_EDITED, member));
                }
            }
        }
    }
    let missing = register
        .iter()
        .filter(|m| !seen.contains_key(&names::fold(&m.name)))
        .map(|m| m.name.clone())
        .collect();
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
            fields: Field::MEMBER.to_vec(),
            rows: table.rows.len() as u32,
            new,
            updated,
            unchanged,
            refused,
            problems,
            warnings: Vec::new(),
            missing,
            cancelled: 0,
            reinstated: 0,
            sample,
            applied: false,
        },
        writes,
    })
}

impl Balie {
    /// The dry run of a member register import, changing nothing.
    pub fn preview_members(
        &self,
        bytes: &[u8],
        file: &str,
        opts: &ImportOptions,
    ) -> Result<ImportPreview> {
        Ok(plan(self, bytes, file, opts)?.preview)
    }

    /// Imports a member register without problems, all or nothing; a file with problems is
    /// refused and nothing is written (the preview says why).
    pub fn import_members(
        &mut self,
        bytes: &[u8],
        file: &str,
        opts: &ImportOptions,
    ) -> Result<ImportPreview> {
        self.require_staff()?;
        if self.is_demo()? {
            return Err(Error::demo_mismatch("err.demo.members", []));
        }
        let Plan {
            mut preview,
            writes,
        } = plan(self, bytes, file, opts)?;
        if !preview.problems.is_empty() {
            return Ok(preview);
        }
        self.store_mut().write(|w| {
            for (kind, m) in &writes {
                w.append(kind, &m.id, m)?;
            }
            Ok(())
        })?;
        preview.applied = true;
        Ok(preview)
    }
}
