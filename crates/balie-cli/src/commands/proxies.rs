use crate::prelude::*;
#[derive(Subcommand)]
pub(crate) enum ProxiesCommand {
    /// Registreer een volmacht (lid = id of naam)
    Add {
        /// Het lid dat de volmacht geeft
        #[arg(long)]
        grantor: String,
        /// Het lid wiens vertegenwoordiger de volmacht krijgt
        #[arg(long)]
        holder: String,
        /// Het bewijs: paper, email of other
        #[arg(long, value_parser = ["paper", "email", "other"])]
        evidence: Option<String>,
        /// Ontvangen op, JJJJ-MM-DD UU:MM (anders nu)
        #[arg(long, default_value = "")]
        received: String,
        /// Ontvangen door (anders --staff)
        #[arg(long, default_value = "")]
        received_by: String,
        #[arg(long, default_value = "")]
        note: String,
        /// Een scan van het bewijs (ten hoogste 5 MB)
        #[arg(long, value_name = "BESTAND")]
        scan: Option<PathBuf>,
        /// Het besluit van de voorzitter (na de termijn)
        #[arg(long)]
        chair: Option<String>,
        /// Vervang de bestaande volmacht van dit lid
        #[arg(long)]
        replace: bool,
        #[arg(long)]
        staff: String,
    },
    /// Trek een volmacht in
    Revoke {
        id: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        staff: String,
    },
    /// Alle volmachten met hun stand
    List {
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn proxies_command(balie: &mut Balie, command: ProxiesCommand) -> Out {
    use balie_core::domain::alv::model::{EvidenceInput, EvidenceKind, ProxyInput};
    match command {
        ProxiesCommand::Add {
            grantor,
            holder,
            evidence,
            received,
            received_by,
            note,
            scan,
            chair,
            replace,
            staff,
        } => {
            balie.set_staff(&staff)?;
            let scan_bytes = match &scan {
                Some(p) => Some(balie_core::app::import::read_file_at_most(
                    p,
                    balie_core::app::alv::MAX_SCAN_BYTES as u64,
                )?),
                None => None,
            };
            let evidence = evidence.map(|kind| EvidenceInput {
                kind: match kind.as_str() {
                    "paper" => EvidenceKind::Paper,
                    "email" => EvidenceKind::Email,
                    _ => EvidenceKind::Other,
                },
                received_at: received,
                received_by,
                note,
                scan_name: scan
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned()),
                scan: scan_bytes.map(balie_core::domain::bytes::Bytes),
            });
            let p = balie.grant_proxy(ProxyInput {
                grantor_id: balie.member_id(&grantor)?,
                holder_id: balie.member_id(&holder)?,
                evidence,
                chair_decision: chair,
                replace,
            })?;
            Ok(format!(
                "Volmacht geregistreerd: {} → {} ({})\n",
                p.grantor, p.holder, p.id
            ))
        }
        ProxiesCommand::Revoke { id, reason, staff } => {
            balie.set_staff(&staff)?;
            let p = balie.revoke_proxy(&id, &reason)?;
            Ok(format!(
                "Volmacht ingetrokken: {} → {} ({})\n",
                p.grantor, p.holder, reason
            ))
        }
        ProxiesCommand::List { json } => {
            let state = balie.alv_state()?;
            if json {
                return to_json(&state.proxies);
            }
            Ok(state
                .proxies
                .iter()
                .map(|p| {
                    format!(
                        "{}  {} → {}  [{}]{}\n",
                        p.id,
                        p.grantor,
                        p.holder,
                        p.state.dutch(),
                        p.problem
                            .as_deref()
                            .map(|x| format!(" {x}"))
                            .unwrap_or_default()
                    )
                })
                .collect())
        }
    }
}
