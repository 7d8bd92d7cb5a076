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

/// CSV for Dutch Excel: `;` between fields, UTF-8 with a BOM, CRLF line ends.
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
        w.write_record(header).map_err(fail)?;
        for row in rows {
            w.write_record(row).map_err(fail)?;
        }
        w.flush()
            .map_err(|e| Error::Internal(format!("CSV schrijven mislukt: {e}")))?;
    }
    Ok(out)
}
