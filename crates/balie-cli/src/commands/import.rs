use crate::prelude::*;
#[derive(clap::Args)]
pub(crate) struct ImportArgs {
    /// Het bestand: CSV (; , of tab als scheidingsteken; UTF-8, UTF-16 of een Windows-tekenset) of .xlsx
    pub file: PathBuf,
    /// De tekenset van een CSV die geen Unicode is (windows-1252, windows-1250, windows-1254, windows-1257, windows-1251)
    #[arg(long, value_name = "TEKENSET")]
    pub encoding: Option<String>,
    /// Alleen laten zien wat er zou gebeuren
    #[arg(long)]
    pub dry_run: bool,
    /// Kolomkoppeling: de naam van een opgeslagen koppeling, of een JSON-bestand
    /// {"Kolomkop": "first_name", "Andere kolom": null}
    #[arg(long, value_name = "M")]
    pub mapping: Option<String>,
    /// Sla de koppeling van --mapping op onder deze naam
    #[arg(long, value_name = "NAAM", requires = "mapping")]
    pub save_mapping: Option<String>,
    /// Het werkblad van een .xlsx (anders het eerste)
    #[arg(long, value_name = "WERKBLAD")]
    pub sheet: Option<String>,
    /// Meld wie niet meer in het bestand staat af (eerst met --dry-run bekijken wie)
    #[arg(long)]
    pub cancel_missing: bool,
    /// Je naam (medewerker)
    #[arg(long)]
    pub staff: String,
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn import(balie: &mut Balie, args: ImportArgs) -> Out {
    Ok({
        let ImportArgs {
            file,
            dry_run,
            mapping,
            save_mapping,
            sheet,
            cancel_missing,
            staff,
            json,
            encoding,
        } = args;
        balie.set_staff(&staff)?;
        let name = file.display().to_string();
        let bytes = balie_core::app::import::read_import_file(&file)?;
        let columns = match &mapping {
            Some(m) => balie.mapping_columns(m)?,
            None => Vec::new(),
        };
        if let Some(save) = &save_mapping {
            balie.save_import_mapping(save, &columns)?;
        }
        let opts = ImportOptions {
            sheet,
            columns,
            cancel_missing,
            encoding,
        };
        let preview = if dry_run {
            balie.preview_registrations_with(&bytes, &name, &opts)
        } else {
            balie.import_registrations_with(&bytes, &name, &opts)
        }?;
        preview_out(&preview, &name, json)?
    })
}
