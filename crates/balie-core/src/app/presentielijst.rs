//! The presentielijst of a snapshot as the hosts ask for it: read, laid out by
//! `documents::presentielijst`, saved under `afdrukken/`.

use crate::app::Balie;
use crate::documents::presentielijst;
use crate::domain::error::Result;

impl Balie {
    /// The presentielijst of a snapshot as PDF.
    pub fn presentielijst_pdf(&self, snapshot_id: &str) -> Result<Vec<u8>> {
        let s = self.snapshot(snapshot_id)?;
        presentielijst::pdf(&s, &self.programme()?.congress)
    }

    /// Saves the presentielijst of a snapshot under `afdrukken/` (PDF, or CSV with `csv`).
    pub fn save_presentielijst(&self, snapshot_id: &str, csv: bool) -> Result<std::path::PathBuf> {
        // "presentielijst-5-jaarrekening-2022-…", after the agenda item.
        let label = self.snapshot(snapshot_id)?.content.label;
        let name = format!("presentielijst-{}", crate::domain::names::fold(&label));
        if csv {
            self.save_file(&name, "csv", &self.presentielijst_csv(snapshot_id)?)
        } else {
            self.save_pdf(&name, &self.presentielijst_pdf(snapshot_id)?)
        }
    }

    /// The presentielijst of a snapshot as CSV for Dutch Excel (`;`, BOM, CRLF).
    pub fn presentielijst_csv(&self, snapshot_id: &str) -> Result<Vec<u8>> {
        presentielijst::csv(&self.snapshot(snapshot_id)?)
    }
}
