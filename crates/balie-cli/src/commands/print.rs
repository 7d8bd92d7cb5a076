use crate::prelude::*;
#[derive(Subcommand)]
pub(crate) enum PrintCommand {
    /// Badges met QR-code (allemaal, of alleen deze badgecodes)
    Badges {
        /// Alleen deze badgecodes, in deze volgorde
        codes: Vec<String>,
        /// a4 (2 × 4 per vel) of label (90 × 55 mm)
        #[arg(long, default_value = "a4")]
        layout: String,
        #[arg(long, value_name = "BESTAND")]
        out: PathBuf,
    },
    /// De noodlijst van een inchecklijst (alfabetisch, met vakje om af te vinken)
    List {
        #[arg(long)]
        list: String,
        #[arg(long, value_name = "BESTAND")]
        out: PathBuf,
    },
    /// Het aanwezigheidsrapport (per lijst: aantallen, niet verschenen, aankomsten)
    Report {
        #[arg(long, value_name = "BESTAND")]
        out: PathBuf,
    },
    /// De buslijsten van de werkbezoeken
    Buses {
        #[arg(long, value_name = "BESTAND")]
        out: PathBuf,
    },
    /// De dinerlijst met dieetwensen
    Dinner {
        #[arg(long, value_name = "BESTAND")]
        out: PathBuf,
    },
    /// De deelnemerslijsten van kennissessies en werkbezoeken (met wachtlijst)
    Sessions {
        #[arg(long, value_name = "BESTAND")]
        out: PathBuf,
    },
}

pub(crate) fn print(balie: &mut Balie, what: PrintCommand) -> Out {
    Ok({
        let (bytes, out_path) = match what {
            PrintCommand::Badges { codes, layout, out } => {
                let layout = BadgeLayout::parse(&layout)
                    .ok_or_else(|| format!("onbekende indeling '{layout}'; kies a4 of label"))?;
                let ids = codes
                    .iter()
                    .map(|c| balie.attendee_by_code(c).map(|a| a.id))
                    .collect::<Result<Vec<_>, _>>()?;
                (balie.badges_pdf(&ids, layout), out)
            }
            PrintCommand::List { list, out } => (balie.fallback_list_pdf(&list), out),
            PrintCommand::Report { out } => (balie.attendance_report_pdf(), out),
            PrintCommand::Buses { out } => (balie.bus_lists_pdf(), out),
            PrintCommand::Dinner { out } => (balie.dinner_list_pdf(), out),
            PrintCommand::Sessions { out } => (balie.session_lists_pdf(), out),
        };
        let bytes = bytes?;
        std::fs::write(&out_path, &bytes)
            .map_err(|e| format!("{} kan niet worden geschreven: {e}", out_path.display()))?;
        format!(
            "Geschreven: {} ({} kB)\n",
            out_path.display(),
            bytes.len().div_ceil(1024)
        )
    })
}

#[derive(clap::Args)]
pub(crate) struct ExportArgs {
    /// Bij .csv: deelnemers, niet-verschenen, inloop of incheckingen
    #[arg(long, default_value = "deelnemers")]
    pub what: String,
    /// Het bestand; .xlsx of .csv
    #[arg(long, value_name = "BESTAND")]
    pub out: PathBuf,
}

pub(crate) fn export(balie: &mut Balie, args: ExportArgs) -> Out {
    let ExportArgs { what, out } = args;
    Ok({
        let ext = out
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
            .unwrap_or_default();
        let bytes = match ext.as_str() {
            "xlsx" => balie.export_xlsx(),
            "csv" => {
                let table = ExportTable::parse(&what).ok_or_else(|| {
                    format!("onbekende tabel '{what}'; kies deelnemers, niet-verschenen, inloop of incheckingen")
                })?;
                balie.export_csv(table)
            }
            _ => {
                return Err(format!(
                    "{}: kies een bestandsnaam die eindigt op .xlsx of .csv",
                    out.display()
                )
                .into())
            }
        }?;
        std::fs::write(&out, &bytes)
            .map_err(|e| format!("{} kan niet worden geschreven: {e}", out.display()))?;
        format!(
            "Geschreven: {} ({} kB)\n",
            out.display(),
            bytes.len().div_ceil(1024)
        )
    })
}
