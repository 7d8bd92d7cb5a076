//! Exports for the organisers: the register with each person's arrival per list, the
//! no-shows, the walk-ins and every check-in (for the audit), as an Excel workbook or as a
//! CSV that Dutch Excel opens directly (`;`, UTF-8 with BOM, CRLF).

use crate::documents::xlsx::Cell;
use crate::domain::error::{Error, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One table of the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportTable {
    /// Everyone, with their arrival time per list.
    Attendees,
    /// Expected on a day list or the ALV, never checked in.
    NoShows,
    /// Registered at the desk on the day.
    WalkIns,
    /// Every check-in and check-out, undone ones included.
    Checkins,
}

impl ExportTable {
    pub const ALL: [ExportTable; 4] = [
        ExportTable::Attendees,
        ExportTable::NoShows,
        ExportTable::WalkIns,
        ExportTable::Checkins,
    ];

    pub fn parse(s: &str) -> Option<ExportTable> {
        match s {
            "deelnemers" | "attendees" => Some(ExportTable::Attendees),
            "niet-verschenen" | "no-shows" => Some(ExportTable::NoShows),
            "inloop" | "walk-ins" => Some(ExportTable::WalkIns),
            "incheckingen" | "checkins" => Some(ExportTable::Checkins),
            _ => None,
        }
    }

    pub(crate) fn title(self) -> &'static str {
        match self {
            ExportTable::Attendees => "Deelnemers",
            ExportTable::NoShows => "Niet verschenen",
            ExportTable::WalkIns => "Inloop",
            ExportTable::Checkins => "Incheckingen",
        }
    }
}

pub(crate) fn yes(b: bool) -> Cell {
    Cell::from(if b { "Ja" } else { "Nee" })
}

/// A field as a spreadsheet may read it: text that starts with `=`, `+`, `-`, `@`, a tab or
/// a carriage return would be taken for a formula (`=HYPERLINK(…)`, `=cmd|…`, `+1+1`), so
/// it gets a `'` in front, which makes it text (OWASP's rule against CSV injection). Names
/// and organisations come from registration forms anyone can fill in. A lone `-` stays.
pub fn neutral(field: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    match field.first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') if field.len() > 1 => {
            let mut out = Vec::with_capacity(field.len() + 1);
            out.push(b'\'');
            out.extend_from_slice(field);
            out.into()
        }
        _ => field.into(),
    }
}

/// CSV for Dutch Excel: `;` between fields, UTF-8 with a BOM, CRLF line ends; every field
/// [`neutral`].
pub(crate) fn dutch_csv<R, C>(header: &[impl AsRef<[u8]>], rows: R) -> Result<Vec<u8>>
where
    R: IntoIterator<Item = C>,
    C: IntoIterator,
    C::Item: AsRef<[u8]>,
{
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let fail = |e: csv::Error| Error::Internal(format!("CSV schrijven mislukt: {e}"));
        w.write_record(header.iter().map(|f| neutral(f.as_ref())))
            .map_err(fail)?;
        for row in rows {
            w.write_record(row.into_iter().map(|f| neutral(f.as_ref()).into_owned()))
                .map_err(fail)?;
        }
        w.flush()
            .map_err(|e| Error::Internal(format!("CSV schrijven mislukt: {e}")))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_looking_fields_become_text_and_the_rest_stays() {
        let rows = [[
            "=HYPERLINK(\"http://x\";\"klik\")",
            "=cmd|' /C calc'!A0",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\tTab",
            "\rCR",
            "-",
            "Jansen",
            "06-12345678",
        ]];
        let csv = dutch_csv(&["a"; 10], rows).expect("csv");
        let text = String::from_utf8(csv).expect("utf-8");
        let line = text.lines().nth(1).expect("row");
        assert_eq!(
            line,
            "\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\";'=cmd|' /C calc'!A0;'+1+1;'-2+3;'@SUM(A1);'\tTab;\"'\rCR\";-;Jansen;06-12345678"
        );
        assert!(text.contains("'-2+3;'@SUM(A1)"), "{text}");
        assert!(text.contains(";-;Jansen;06-12345678\r\n"), "{text}");
    }
}
