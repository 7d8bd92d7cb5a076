use crate::prelude::*;
#[derive(Subcommand)]
pub(crate) enum AlvCommand {
    /// Aanwezig, vertegenwoordigd, afwezig, quorum en conflicten
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Bevries wie met welk gewicht mag stemmen voor een agendapunt
    Snapshot {
        /// Het agendapunt, bv. "5. Jaarrekening 2022"
        #[arg(long)]
        label: String,
        /// De soort besluit (code uit de instellingen), bv. gewoon of statuten
        #[arg(long = "type", default_value = "gewoon")]
        decision_type: String,
        #[arg(long)]
        staff: String,
        #[arg(long)]
        json: bool,
    },
    /// De regels van de vergadering als JSON; met --set uit een JSON-bestand
    Settings {
        #[arg(long, value_name = "BESTAND")]
        set: Option<PathBuf>,
        #[arg(long, requires = "set")]
        staff: Option<String>,
    },
    /// De momentopnamen met hun stemming
    Snapshots {
        #[arg(long)]
        json: bool,
    },
    /// De presentielijst van een momentopname als PDF of CSV
    Presentielijst {
        #[arg(long)]
        snapshot: String,
        /// Het bestand; .pdf of .csv
        #[arg(long, value_name = "BESTAND")]
        out: PathBuf,
    },
}

pub(crate) fn alv_command(balie: &mut Balie, command: AlvCommand) -> Out {
    use balie_core::domain::alv::model::MemberStatus;
    match command {
        AlvCommand::Status { json } => {
            let state = balie.alv_state()?;
            if json {
                return to_json(&state);
            }
            let t = &state.totals;
            let mut out = format!(
                "Aanwezig: {} leden (gewicht {}); vertegenwoordigd: {} ({}); afwezig: {} ({}); stemgerechtigd: {} ({})\n",
                t.present.heads,
                t.present.weight.dutch(),
                t.represented.heads,
                t.represented.weight.dutch(),
                t.absent.heads,
                t.absent.weight.dutch(),
                t.entitled.heads,
                t.entitled.weight.dutch()
            );
            for q in &state.quorum {
                out.push_str(&format!(
                    "Quorum {}: {} ({})\n",
                    q.name,
                    if q.met { "gehaald" } else { "NIET gehaald" },
                    q.explanation
                ));
            }
            for m in &state.members {
                let status = match m.status {
                    MemberStatus::Present => "aanwezig",
                    MemberStatus::Represented => "vertegenwoordigd",
                    MemberStatus::Absent => "afwezig",
                    MemberStatus::NoVote => "geen stemrecht",
                };
                out.push_str(&format!(
                    "  {:<40} {:>6}  {:<17} {}\n",
                    m.name,
                    m.weight_text,
                    status,
                    m.by.as_deref().unwrap_or("")
                ));
            }
            for c in &state.conflicts {
                out.push_str(&format!("LET OP: {}\n", c.message));
            }
            Ok(out)
        }
        AlvCommand::Snapshot {
            label,
            decision_type,
            staff,
            json,
        } => {
            balie.set_staff(&staff)?;
            let s = balie.take_snapshot(&label, &decision_type)?;
            if json {
                return to_json(&s);
            }
            Ok(format!(
                "Momentopname {} ({}): {}; quorum {}\n",
                s.id,
                s.taken_at_text,
                s.content.label,
                if s.content.quorum.met {
                    "gehaald"
                } else {
                    "NIET gehaald"
                }
            ))
        }
        AlvCommand::Settings { set, staff } => {
            if let Some(file) = set {
                balie.set_staff(staff.as_deref().unwrap_or_default())?;
                let text = std::fs::read_to_string(&file)
                    .map_err(|e| format!("{} kan niet worden gelezen: {e}", file.display()))?;
                let settings = serde_json::from_str(&text).map_err(|e| {
                    format!(
                        "{}, regel {}: geen geldige regels ({e}); begin met de uitvoer van `alv settings`",
                        file.display(),
                        e.line()
                    )
                })?;
                balie.set_alv_settings(&settings)?;
            }
            to_json(&balie.alv_settings()?)
        }
        AlvCommand::Snapshots { json } => {
            let all = balie.snapshots()?;
            if json {
                return to_json(&all);
            }
            Ok(all
                .iter()
                .map(|s| {
                    format!(
                        "{}  {}  {}  {}\n",
                        s.id,
                        s.taken_at_text,
                        s.content.label,
                        s.tally.as_ref().map_or("", |t| t.outcome.as_str())
                    )
                })
                .collect())
        }
        AlvCommand::Presentielijst { snapshot, out } => {
            let ext = out
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            let bytes = match ext.as_str() {
                "pdf" => balie.presentielijst_pdf(&snapshot),
                "csv" => balie.presentielijst_csv(&snapshot),
                _ => {
                    return Err(
                        format!("{}: kies een bestandsnaam op .pdf of .csv", out.display()).into(),
                    )
                }
            }?;
            std::fs::write(&out, bytes)
                .map_err(|e| format!("{} kan niet worden geschreven: {e}", out.display()))?;
            Ok(format!("Presentielijst opgeslagen: {}\n", out.display()))
        }
    }
}
