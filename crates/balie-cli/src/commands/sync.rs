use crate::prelude::*;
use crate::Say;

#[derive(Subcommand)]
pub(crate) enum BundleCommand {
    /// Schrijf de gebeurtenissen die een andere balie mist naar een bestand
    Export {
        /// Wat de andere balie al heeft: de uitvoer van `sync vector` op die balie
        /// (JSON), of leeg voor alles
        #[arg(long, value_name = "VV", default_value = "")]
        since: String,
        #[arg(long, value_name = "BESTAND")]
        out: PathBuf,
    },
    /// Voeg de gebeurtenissen uit een bundel toe (tweemaal dezelfde bundel verandert niets)
    Import { file: PathBuf },
}

#[derive(Subcommand)]
pub(crate) enum SyncCommand {
    /// De congressleutel als code, om een nieuwe balie te laten aansluiten
    Key,
    /// Wat deze balie heeft (per balie het hoogste volgnummer), als JSON voor `bundle export --since`
    Vector,
    /// Welke balies deze balie kent, met aantallen gebeurtenissen
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Wat deze balie ontving en niet samenvoegde (twee gebeurtenissen onder één nummer, een
    /// gesplitste reeks, een tweede sleutel voor een bekende balie)
    Quarantine {
        #[arg(long)]
        json: bool,
    },
    /// Wissel nu één keer uit met een balie op het netwerk
    Exchange {
        /// Adres van de andere balie, bv. 192.168.1.12:7411
        #[arg(long)]
        peer: String,
    },
    /// Blijf luisteren naar andere balies en wissel elke paar seconden uit (een hub zonder venster)
    Serve {
        /// Luister hier, bv. 0.0.0.0:7411
        #[arg(long)]
        listen: String,
        /// Balies om mee uit te wisselen (mag vaker)
        #[arg(long)]
        peer: Vec<String>,
        /// Toon een koppelcode waarmee een nieuwe laptop aansluit (`sync pair`)
        #[arg(long)]
        pair: bool,
    },
    /// Vergeet een balie waarmee deze balie uitwisselt (uit peers.txt): `sync serve` wisselt
    /// er niet meer mee uit; wat ze stuurde blijft
    Forget {
        /// Adres van die balie, zoals in peers.txt
        #[arg(long)]
        address: String,
    },
    /// Sluit deze nieuwe, lege balie aan bij een balie op het netwerk met haar koppelcode
    Pair {
        /// Adres van die balie (bv. 192.168.1.10:7411), of de gescande tekst van haar QR-code
        #[arg(long)]
        address: String,
        /// De 8 cijfers die die balie toont (niet nodig bij de gescande QR-tekst)
        #[arg(long, default_value = "")]
        code: String,
    },
    /// Sluit een nieuwe, lege gegevensmap aan bij een congres
    Join {
        /// De code van `sync key` op een balie van het congres
        #[arg(long)]
        key: String,
        /// Een volledige bundel van die balie (`bundle export` zonder --since)
        bundle: PathBuf,
    },
}

pub(crate) fn bundle(balie: &mut Balie, command: BundleCommand) -> Out {
    Ok({
        match command {
            BundleCommand::Export { since, out } => {
                let since: VersionVector = if since.trim().is_empty() {
                    VersionVector::new()
                } else {
                    serde_json::from_str(&since).map_err(|e| {
                    format!("--since: geen geldige stand ({e}); geef de uitvoer van `balie-cli sync vector` van de andere balie")
                })?
                };
                let bytes = balie.export_bundle(&since)?;
                std::fs::write(&out, &bytes)
                    .map_err(|e| format!("{} kan niet worden geschreven: {e}", out.display()))?;
                format!(
                    "Bundel geschreven: {} ({} kB)\n",
                    out.display(),
                    bytes.len().div_ceil(1024)
                )
            }
            BundleCommand::Import { file } => {
                let bytes = balie_core::app::import::read_file_at_most(
                    &file,
                    balie_core::wire::sync::MAX_BUNDLE_BYTES,
                )?;
                let r = balie.import_bundle(&bytes)?;
                bundle_report(&r)
            }
        }
    })
}

/// What importing a bundle did, in Dutch.
fn bundle_report(r: &balie_core::wire::sync::BundleReport) -> String {
    let mut out = format!(
        "Van {}: {} gebeurtenissen ontvangen, {} nieuw; klokverschil {} s\n",
        r.from_desk_name, r.received, r.new, r.clock_offset_s
    );
    if r.legacy > 0 {
        out += &format!(
            "{} daarvan zijn niet ondertekend (geschreven door een oudere Balie)\n",
            r.legacy
        );
    }
    if r.refused > 0 {
        out += &format!(
            "{} geweigerd: niet ondertekend door hun balie ({}); die worden nooit toegevoegd\n",
            r.refused,
            r.desks_refused.join(", ")
        );
    }
    if r.quarantined > 0 {
        out += &format!(
            "{} in quarantaine: ze botsen met wat deze balie heeft (balie-cli sync quarantine)\n",
            r.quarantined
        );
    }
    if r.held_back > 0 {
        out += &format!(
            "{} nog niet toegevoegd: een eerdere gebeurtenis van dezelfde balie ontbreekt\n",
            r.held_back
        );
    }
    out
}

pub(crate) fn sync(balie: Balie, say: &Say, command: SyncCommand) -> Out {
    let Say { local, .. } = say;
    let mut balie = balie;
    Ok(match command {
        SyncCommand::Key => balie.congress_key_code()? + "\n",
        SyncCommand::Vector => to_json(&balie.version_vector()?)?,
        SyncCommand::Status { json } => {
            let desks = balie.sync_status()?;
            if json {
                to_json(&desks)?
            } else {
                desks
                    .iter()
                    .map(|d| {
                        let clock = d.clock_ahead_s.map_or_else(String::new, |s| {
                            format!(
                                "  (klok loopt {} uur voor: wat daar is gewijzigd telt tot dan als laatste)",
                                (s + 1800) / 3600
                            )
                        });
                        let key = d.key.as_deref().map_or_else(
                            || "  geen sleutel".to_string(),
                            |k| format!("  sleutel {k}"),
                        );
                        let by: Vec<String> = d
                            .signers
                            .iter()
                            .map(|s| format!("{} {}", s.staff, s.events))
                            .collect();
                        let unsigned = if d.unsigned > 0 {
                            format!(", {} zonder handtekening", d.unsigned)
                        } else {
                            String::new()
                        };
                        format!(
                            "{:<24} {:>6} gebeurtenissen, laatste {}{}{clock}{key}{unsigned}; door {}\n",
                            d.desk_name,
                            d.events,
                            local(&d.last_event),
                            if d.this_desk { "  (deze balie)" } else { "" },
                            by.join(", ")
                        )
                    })
                    .collect()
            }
        }
        SyncCommand::Quarantine { json } => {
            let q = balie.quarantine()?;
            if json {
                to_json(&q)?
            } else if q.is_empty() {
                "Niets in quarantaine.\n".into()
            } else {
                q.iter()
                    .map(|e| {
                        let why = match e.reason {
                            balie_core::store::signatures::QuarantineReason::Number => {
                                "een andere gebeurtenis van die balie heeft dit nummer al"
                            }
                            balie_core::store::signatures::QuarantineReason::Chain => {
                                "sluit niet aan op de vorige gebeurtenis van die balie"
                            }
                            balie_core::store::signatures::QuarantineReason::Key => {
                                "een tweede sleutel voor een bekende balie"
                            }
                        };
                        format!(
                            "{} nr. {} ({}, {} om {}): {why}; ontvangen {}{}\n",
                            e.desk_name,
                            e.seq,
                            e.kind,
                            e.staff,
                            local(&e.wall_time),
                            local(&e.received),
                            if e.from_desk.is_empty() {
                                String::new()
                            } else {
                                format!(" via {}", e.from_desk)
                            }
                        )
                    })
                    .collect()
            }
        }
        SyncCommand::Exchange { peer } => {
            let cell = std::sync::Mutex::new(balie);
            let status = balie_core::app::lan::exchange(&peer, |f| {
                let mut b = cell
                    .lock()
                    .map_err(|_| balie_core::Error::Internal("vergrendeld".into()))?;
                f(&mut b)
            });
            match status.error {
                Some(e) => return Err(e.into()),
                None => format!(
                    "Uitgewisseld met {}: {} ontvangen, {} verstuurd, klokverschil {} s\n",
                    status.desk_name.unwrap_or(peer),
                    status.received,
                    status.sent,
                    status.clock_offset_s
                ),
            }
        }
        SyncCommand::Forget { address } => {
            balie.forget_peer(&address)?;
            format!(
                "Vergeten: {}; deze balie wisselt er niet meer mee uit\n",
                address.trim()
            )
        }
        SyncCommand::Pair { address, code } => {
            balie.pair_in_place(&address, &code)?;
            let info = balie.app_info()?;
            format!(
                "Gekoppeld en aangesloten bij {}: {} deelnemers, deze balie heet {}\n",
                info.congress_name, info.attendee_count, info.desk_name
            )
        }
        SyncCommand::Serve { listen, peer, pair } => {
            // The app layer's network and backup policy, as the window runs it.
            let rt = Runtime::new(
                balie,
                Box::new(|m| {
                    let _ = writeln!(std::io::stderr(), "{m}");
                }),
            );
            let bound = rt.bind(&listen).map_err(|e| e.message)?;
            if pair {
                let offer = rt.open_pairing().map_err(|e| e.message)?;
                let _ = writeln!(
                    std::io::stderr(),
                    "Koppelcode {} (adres {}, QR-tekst {}), {} minuten geldig",
                    offer.code,
                    offer.address,
                    offer.qr_text,
                    offer.expires_in_s.div_ceil(60)
                );
            }
            // Desks of this congress on the network find this one (and it them) by mDNS.
            rt.start_discovery();
            rt.start_network(None, &peer);
            rt.start_backups(BACKUP_EVERY);
            let _ = writeln!(std::io::stderr(), "Luistert op {bound}");
            rt.serve_until_stopped();
            String::new()
        }
        SyncCommand::Join { .. } => String::new(),
    })
}

#[derive(clap::Args)]
pub(crate) struct BackupArgs {
    /// Een map, bijvoorbeeld de USB-stick
    #[arg(long, value_name = "MAP")]
    pub out: Option<PathBuf>,
}

pub(crate) fn backup(balie: &mut Balie, args: BackupArgs) -> Out {
    let BackupArgs { out } = args;
    Ok({
        let file = balie.backup(out.as_deref())?;
        format!("Back-up: {}\n", file.display())
    })
}

#[derive(clap::Args)]
pub(crate) struct RestoreArgs {
    pub file: std::path::PathBuf,
    /// Zeg alleen wat er zou worden toegevoegd; voeg niets toe
    #[arg(long)]
    pub dry_run: bool,
}

pub(crate) fn restore(balie: &mut Balie, say: &Say, args: RestoreArgs) -> Out {
    let RestoreArgs { file, dry_run } = args;
    let Say { local, .. } = say;
    Ok({
        let r = if dry_run {
            balie.restore_preview(&file)?
        } else {
            balie.restore(&file)?
        };
        let mut out = format!(
            "{} {}: back-up van {} ({}), {} gebeurtenissen, {} ontbraken hier{}\n",
            if r.applied {
                "Teruggezet uit"
            } else {
                "Proef, niets toegevoegd:"
            },
            file.display(),
            r.desk_name,
            local(&r.created),
            r.in_backup,
            r.restored,
            if r.applied {
                " en zijn toegevoegd"
            } else {
                " en zouden worden toegevoegd"
            },
        );
        if r.refused > 0 {
            out += &format!(
                "{} gebeurtenissen zijn niet ondertekend door hun balie en worden nooit toegevoegd\n",
                r.refused
            );
        }
        if r.quarantined > 0 {
            out += &format!(
                "{} gebeurtenissen botsen met wat deze balie heeft: in quarantaine (balie-cli sync quarantine)\n",
                r.quarantined
            );
        }
        out
    })
}

/// Joins this laptop to the congress of `key` with a bundle file (before the core opens:
/// the folder must be fresh).
pub(crate) fn join(opts: &balie_core::LaunchOptions, key: &str, bundle: &std::path::Path) -> Out {
    let bytes = balie_core::app::import::read_file_at_most(
        bundle,
        balie_core::wire::sync::MAX_BUNDLE_BYTES,
    )?;
    let balie = Balie::join(opts, key, &bytes)?;
    let info = balie.app_info()?;
    Ok(format!(
        "Aangesloten bij {}: {} deelnemers, deze balie heet {}\n",
        info.congress_name, info.attendee_count, info.desk_name
    ))
}
