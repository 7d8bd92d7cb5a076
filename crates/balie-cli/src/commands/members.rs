use crate::prelude::*;
#[derive(Subcommand)]
pub(crate) enum MembersCommand {
    /// Importeer het ledenregister uit CSV of .xlsx (naam, plaats, categorie, stemgewicht, geschorst, stemrecht)
    Import {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_name = "WERKBLAD")]
        sheet: Option<String>,
        /// De tekenset van een CSV die geen Unicode is (windows-1252, windows-1250, …)
        #[arg(long, value_name = "TEKENSET")]
        encoding: Option<String>,
        /// Je naam (medewerker)
        #[arg(long)]
        staff: String,
        #[arg(long)]
        json: bool,
    },
    /// Toon het ledenregister
    List {
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn members_command(balie: &mut Balie, command: MembersCommand) -> Out {
    match command {
        MembersCommand::Import {
            file,
            dry_run,
            sheet,
            encoding,
            staff,
            json,
        } => {
            balie.set_staff(&staff)?;
            let name = file.display().to_string();
            let bytes = balie_core::app::import::read_import_file(&file)?;
            let opts = ImportOptions {
                sheet,
                encoding,
                ..ImportOptions::default()
            };
            let preview = if dry_run {
                balie.preview_members(&bytes, &name, &opts)
            } else {
                balie.import_members(&bytes, &name, &opts)
            }?;
            preview_out(&preview, &name, json)
        }
        MembersCommand::List { json } => {
            let members = balie.members()?;
            if json {
                return to_json(&members);
            }
            Ok(members
                .iter()
                .map(|m| {
                    format!(
                        "{:<40} {:<16} {:<18} gewicht {:<6} {}{}\n",
                        m.name,
                        m.city,
                        m.category,
                        m.weight.dutch(),
                        if m.voting { "" } else { "geen stemrecht " },
                        if m.suspended { "geschorst" } else { "" }
                    )
                })
                .collect())
        }
    }
}
