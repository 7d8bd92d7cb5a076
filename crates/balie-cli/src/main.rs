//! `balie-cli`: a headless host of the Balie core, for organisers' scripting and for tests
//! that drive the whole core without a window. Output is Dutch text, or JSON with `--json`.

use balie_core::app::fastlane::PaperInput;
use balie_core::app::import::ImportPreview;
use balie_core::app::reception::{AttendeeInput, DeskHit};
use balie_core::documents::desk_paper::BadgeLayout;
use balie_core::documents::export::ExportTable;
use balie_core::domain::checkin::CheckinOutcome;
use balie_core::domain::checkin::CheckinSource;
use balie_core::domain::checkin::ListKind;
use balie_core::domain::import::{ColumnChoice, Field, ImportOptions};
use balie_core::domain::programme::{ItemKind, ProgrammeItem};
use balie_core::wire::sync::VersionVector;
use balie_core::{Balie, LaunchOptions};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// The same allocator as the app (see `src-tauri/src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "balie-cli",
    version,
    about = "Balie zonder venster: het programma, gegevens en rapporten vanaf de opdrachtregel"
)]
struct Cli {
    /// Gegevensmap (anders BALIE_DATA_DIR of de standaardmap van het systeem)
    #[arg(long, global = true, value_name = "MAP")]
    data_dir: Option<PathBuf>,
    /// Gebruik de aparte demomap met fictieve deelnemers
    #[arg(long, global = true)]
    demo: bool,
    /// Zet de klok vast op dit tijdstip (RFC 3339), bv. 2023-12-08T09:00:00+01:00
    #[arg(long, global = true, value_name = "TIJDSTIP")]
    now: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Toon het programma (of wijzig het: programme set|remove|export)
    Programme {
        /// Als JSON
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        command: Option<ProgrammeCommand>,
    },
    /// Wat er nu is en wat er straks komt, waar, en wie er moet zijn
    Now {
        #[arg(long)]
        json: bool,
    },
    /// Maak het volgende congres: een nieuwe map met dit programma (data verschoven), zonder deelnemers
    NewCongress {
        /// Een nieuwe, lege map
        #[arg(long, value_name = "MAP")]
        out: PathBuf,
        /// De eerste dag, JJJJ-MM-DD
        #[arg(long)]
        start: String,
        /// De naam (anders deze naam met het nieuwe jaartal)
        #[arg(long, default_value = "")]
        name: String,
    },
    /// Bussen naar de werkbezoeken: wie in welke bus zit
    Buses {
        #[command(subcommand)]
        command: BusesCommand,
    },
    /// Aanmeldingen voor kennissessies en werkbezoeken: plaatsen en wachtlijst
    Signups {
        #[command(subcommand)]
        command: SignupsCommand,
    },
    /// Toon gegevens over deze installatie (map, database, bureau, klok)
    Info {
        /// Als JSON
        #[arg(long)]
        json: bool,
    },
    /// Zoek in het register (naam, organisatie, e-mail, badgecode)
    Search {
        /// Wat je zou typen in het zoekvak
        query: String,
        /// De inchecklijst waarvan de status getoond wordt (standaard: de daglijst van vandaag)
        #[arg(long)]
        list: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Check iemand in met de badgecode
    Checkin {
        /// Badgecode (hoofdletters of kleine letters, streepjes mogen)
        code: String,
        /// Inchecklijst, bv. day-2023-12-07, day-2023-12-08 of alv
        #[arg(long)]
        list: String,
        /// Je naam (medewerker)
        #[arg(long)]
        staff: String,
        /// Reden om toch in te checken als iemand niet op de lijst staat
        #[arg(long = "override", value_name = "REDEN")]
        override_reason: Option<String>,
    },
    /// De inchecklijsten met tellers
    Lists {
        #[arg(long)]
        json: bool,
    },
    /// Voeg een inchecklijst toe voor een sessie (wie er is) of een bus (wie instapt)
    ListAdd {
        /// session of bus
        #[arg(long, value_parser = ["session", "bus"])]
        kind: String,
        /// Het id van het programmaonderdeel, bv. kennissessie-online of werkbezoek-dnk-assen
        #[arg(long)]
        item: String,
        /// Je naam (medewerker)
        #[arg(long)]
        staff: String,
    },
    /// Importeer aanmeldingen uit CSV of Excel (.xlsx) (eerst altijd een proefimport)
    Import {
        /// Het bestand: CSV (; of , als scheidingsteken, UTF-8 of Windows-1252) of .xlsx
        file: PathBuf,
        /// Alleen laten zien wat er zou gebeuren
        #[arg(long)]
        dry_run: bool,
        /// Kolomkoppeling: de naam van een opgeslagen koppeling, of een JSON-bestand
        /// {"Kolomkop": "first_name", "Andere kolom": null}
        #[arg(long, value_name = "M")]
        mapping: Option<String>,
        /// Sla de koppeling van --mapping op onder deze naam
        #[arg(long, value_name = "NAAM", requires = "mapping")]
        save_mapping: Option<String>,
        /// Het werkblad van een .xlsx (anders het eerste)
        #[arg(long, value_name = "WERKBLAD")]
        sheet: Option<String>,
        /// Meld wie niet meer in het bestand staat af (eerst met --dry-run bekijken wie)
        #[arg(long)]
        cancel_missing: bool,
        /// Je naam (medewerker)
        #[arg(long)]
        staff: String,
        #[arg(long)]
        json: bool,
    },
    /// Voer inchecks in die op een papieren lijst zijn afgevinkt (met de tijd van het papier)
    Paper {
        /// Badgecodes van de afgevinkte personen
        #[arg(required = true)]
        codes: Vec<String>,
        /// Inchecklijst, bv. day-2023-12-07
        #[arg(long)]
        list: String,
        /// Tijd op de papieren lijst, UU:MM
        #[arg(long)]
        time: String,
        /// Datum JJJJ-MM-DD (anders de dag van de lijst)
        #[arg(long, default_value = "")]
        date: String,
        /// Welke papieren lijst en waarom
        #[arg(long)]
        note: String,
        /// Je naam (medewerker)
        #[arg(long)]
        staff: String,
        #[arg(long)]
        json: bool,
    },
    /// Aankomsten per 10 minuten op een inchecklijst
    Arrivals {
        #[arg(long)]
        list: String,
        #[arg(long)]
        json: bool,
    },
    /// Maak een PDF: badges, de noodlijst van een inchecklijst of het aanwezigheidsrapport
    Print {
        #[command(subcommand)]
        what: PrintCommand,
    },
    /// Exporteer naar Excel (.xlsx: alle tabellen) of CSV (één tabel, voor Nederlandse Excel)
    Export {
        /// Bij .csv: deelnemers, niet-verschenen, inloop of incheckingen
        #[arg(long, default_value = "deelnemers")]
        what: String,
        /// Het bestand; .xlsx of .csv
        #[arg(long, value_name = "BESTAND")]
        out: PathBuf,
    },
    /// Bundels: gebeurtenissen uitwisselen met andere balies (USB-stick, netwerkmap)
    Bundle {
        #[command(subcommand)]
        command: BundleCommand,
    },
    /// Samenwerken met andere balies: sleutel, stand, aansluiten
    Sync {
        #[command(subcommand)]
        command: SyncCommand,
    },
    /// Maak een back-up van de database (in backups/ van de gegevensmap, of in --out)
    Backup {
        /// Een map, bijvoorbeeld de USB-stick
        #[arg(long, value_name = "MAP")]
        out: Option<PathBuf>,
    },
    /// Zet een back-up terug: alle gebeurtenissen eruit die deze database mist
    Restore { file: PathBuf },
    /// Het deelnemersregister
    Attendees {
        #[command(subcommand)]
        command: AttendeesCommand,
    },
    /// Het ledenregister voor de ALV
    Members {
        #[command(subcommand)]
        command: MembersCommand,
    },
    /// Volmachten voor de ALV
    Proxies {
        #[command(subcommand)]
        command: ProxiesCommand,
    },
    /// De ledenvergadering: aanwezigheid, quorum, momentopnamen, presentielijst
    Alv {
        #[command(subcommand)]
        command: AlvCommand,
    },
}

#[derive(Subcommand)]
enum ProgrammeCommand {
    /// Het programma (zoals `programme`)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Schrijf het programma als JSON naar een bestand
    Export {
        #[arg(long, value_name = "BESTAND")]
        out: PathBuf,
    },
    /// Wijzig een onderdeel (alleen wat je opgeeft verandert)
    Set {
        /// Het id van het onderdeel, bv. alv of kennissessie-online
        item: String,
        #[arg(long)]
        title: Option<String>,
        /// UU:MM
        #[arg(long)]
        start: Option<String>,
        /// UU:MM, of leeg voor een open einde
        #[arg(long)]
        end: Option<String>,
        #[arg(long)]
        location: Option<String>,
        /// Aantal plaatsen, of leeg voor onbeperkt
        #[arg(long)]
        capacity: Option<String>,
        #[arg(long)]
        staff: String,
    },
    /// Verwijder een onderdeel (alleen als niemand is aangemeld)
    Remove {
        item: String,
        #[arg(long)]
        staff: String,
    },
}

#[derive(Subcommand)]
enum BusesCommand {
    /// Per werkbezoek de bussen met hun reizigers, wie geen plaats heeft en wie zelf reist
    List {
        #[arg(long)]
        json: bool,
    },
    /// Zet iemand (badgecode) in een bepaalde bus
    Assign {
        #[arg(long)]
        code: String,
        #[arg(long)]
        visit: String,
        #[arg(long)]
        bus: String,
        #[arg(long)]
        staff: String,
    },
    /// Iemand (badgecode) gaat wel (--yes) of niet met de bus
    Travel {
        #[arg(long)]
        code: String,
        /// Met de bus
        #[arg(long)]
        yes: bool,
        #[arg(long)]
        staff: String,
    },
}

#[derive(Subcommand)]
enum SignupsCommand {
    /// Wie een plaats heeft en wie wacht
    List {
        item: String,
        #[arg(long)]
        json: bool,
    },
    /// Meld iemand aan (badgecode); vol is wachtlijst
    Add {
        item: String,
        #[arg(long)]
        code: String,
        #[arg(long)]
        staff: String,
    },
    /// Meld iemand af (badgecode); de eerste op de wachtlijst schuift door
    Remove {
        item: String,
        #[arg(long)]
        code: String,
        #[arg(long)]
        staff: String,
    },
}

#[derive(Subcommand)]
enum MembersCommand {
    /// Importeer het ledenregister uit CSV of .xlsx (naam, plaats, categorie, stemgewicht, geschorst, stemrecht)
    Import {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_name = "WERKBLAD")]
        sheet: Option<String>,
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

#[derive(Subcommand)]
enum ProxiesCommand {
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

#[derive(Subcommand)]
enum AlvCommand {
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

#[derive(Subcommand)]
enum BundleCommand {
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
enum SyncCommand {
    /// De congressleutel als code, om een nieuwe balie te laten aansluiten
    Key,
    /// Wat deze balie heeft (per balie het hoogste volgnummer), als JSON voor `bundle export --since`
    Vector,
    /// Welke balies deze balie kent, met aantallen gebeurtenissen
    Status {
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

#[derive(Subcommand)]
enum PrintCommand {
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

#[derive(Subcommand)]
enum AttendeesCommand {
    /// Voeg een deelnemer toe (krijgt een nieuwe badgecode)
    Add {
        #[arg(long)]
        first_name: String,
        #[arg(long, default_value = "")]
        tussenvoegsel: String,
        #[arg(long)]
        last_name: String,
        #[arg(long, default_value = "")]
        organisation: String,
        #[arg(long, default_value = "")]
        email: String,
        /// Aanwezig op donderdag
        #[arg(long)]
        thursday: bool,
        /// Aanwezig op vrijdag
        #[arg(long)]
        friday: bool,
        /// Lidorganisatie (voor de ALV)
        #[arg(long)]
        member_org: Option<String>,
        #[arg(long, default_value = "")]
        dietary: String,
        /// Je naam (medewerker)
        #[arg(long)]
        staff: String,
        #[arg(long)]
        json: bool,
    },
    /// Meld iemand af (met reden); inchecken kan daarna alleen met --override
    Cancel {
        /// Badgecode
        code: String,
        #[arg(long)]
        reason: String,
        /// Je naam (medewerker)
        #[arg(long)]
        staff: String,
    },
    /// Maak een afmelding ongedaan (met reden)
    Reinstate {
        /// Badgecode
        code: String,
        #[arg(long)]
        reason: String,
        /// Je naam (medewerker)
        #[arg(long)]
        staff: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "Fout: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    let mut opts = LaunchOptions::from_args_and_env(Vec::new(), |k| std::env::var(k).ok())
        .map_err(|e| e.to_string())?;
    if cli.data_dir.is_some() {
        opts.data_dir = cli.data_dir;
    }
    opts.demo |= cli.demo;
    if cli.now.is_some() {
        opts.now = cli.now;
    }
    if let Command::Sync {
        command: SyncCommand::Join { key, bundle },
    } = &cli.command
    {
        let bytes = std::fs::read(bundle)
            .map_err(|e| format!("{} kan niet worden gelezen: {e}", bundle.display()))?;
        let balie = Balie::join(&opts, key, &bytes).map_err(|e| e.to_string())?;
        let info = balie.app_info().map_err(|e| e.to_string())?;
        let text = format!(
            "Aangesloten bij {}: {} deelnemers, deze balie heet {}\n",
            info.congress_name, info.attendee_count, info.desk_name
        );
        return std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| format!("uitvoer schrijven mislukt: {e}"));
    }
    let mut balie = Balie::start(&opts).map_err(|e| e.to_string())?;
    let offset = balie
        .programme()
        .map(|p| p.congress.info.utc_offset)
        .map_err(|e| e.to_string())?;
    let today = balie.today().map_err(|e| e.to_string())?;
    let when = {
        let (date, offset) = (today.date.clone(), offset.clone());
        move |wall: &str| balie_core::domain::clock::dutch_when(wall, &date, &offset)
    };
    let local = move |wall: &str| balie_core::domain::clock::local_hhmm(wall, &offset);
    let mut out = std::io::stdout().lock();
    let text = match cli.command {
        Command::Programme {
            json: true,
            command: None,
        }
        | Command::Programme {
            command: Some(ProgrammeCommand::List { json: true }),
            ..
        } => to_json(&balie.programme().map_err(|e| e.to_string())?)?,
        Command::Programme {
            command: None | Some(ProgrammeCommand::List { json: false }),
            ..
        } => programme_text(&balie.programme().map_err(|e| e.to_string())?),
        Command::Programme {
            command: Some(command),
            ..
        } => programme_command(&mut balie, command)?,
        Command::Signups { command } => signups_command(&mut balie, command)?,
        Command::Buses { command } => buses_command(&mut balie, command)?,
        Command::Now { json } => {
            let nn = balie.now_and_next().map_err(|e| e.to_string())?;
            if json {
                to_json(&nn)?
            } else {
                let mut out = format!("{}\n", nn.at);
                for (label, items) in [("Nu", &nn.now), ("Straks", &nn.next)] {
                    for i in items {
                        out.push_str(&format!(
                            "{label}: {} {}{}{}\n",
                            i.time,
                            i.title,
                            i.location
                                .as_deref()
                                .map(|l| format!(" — {l}"))
                                .unwrap_or_default(),
                            if i.who.is_empty() {
                                String::new()
                            } else {
                                let who: Vec<&str> =
                                    i.who.iter().map(|m| m.dutch.as_str()).collect();
                                format!(" ({})", who.join("; "))
                            }
                        ));
                    }
                }
                out
            }
        }
        Command::NewCongress { out, start, name } => {
            let dir = balie
                .new_congress_from_programme(&out, &start, &name)
                .map_err(|e| e.to_string())?;
            format!(
                "Nieuw congres gemaakt in {}; start Balie met --data-dir {}\n",
                dir.display(),
                dir.display()
            )
        }
        Command::Info { json: true } => to_json(&balie.app_info().map_err(|e| e.to_string())?)?,
        Command::Search { query, list, json } => {
            let list = list.or(today.day_list).ok_or_else(|| {
                "er is geen daglijst; kies een lijst met --list (zie 'balie-cli lists')".to_string()
            })?;
            let hits = balie
                .desk_search(&query, &list)
                .map_err(|e| e.to_string())?;
            if json {
                to_json(&hits)?
            } else {
                hits.iter().map(|h| hit_line(h, &when)).collect::<String>()
            }
        }
        Command::Checkin {
            code,
            list,
            staff,
            override_reason,
        } => {
            balie.set_staff(&staff).map_err(|e| e.to_string())?;
            let outcome = balie
                .check_in_by_code(&list, &code, override_reason.as_deref(), CheckinSource::Cli)
                .map_err(|e| e.to_string())?;
            outcome_text(&outcome, &local, &when)?
        }
        Command::Lists { json } => {
            let counters = balie.counters().map_err(|e| e.to_string())?;
            if json {
                to_json(&counters)?
            } else {
                counters
                    .iter()
                    .map(|c| {
                        format!(
                            "{:<18} {:<24} {:>4} / {:<4} ingecheckt{}\n",
                            c.list.id,
                            c.list.name,
                            c.checked_in,
                            c.expected,
                            if c.overrides > 0 {
                                format!(" (+{} met uitzondering)", c.overrides)
                            } else {
                                String::new()
                            }
                        )
                    })
                    .collect()
            }
        }
        Command::Import {
            file,
            dry_run,
            mapping,
            save_mapping,
            sheet,
            cancel_missing,
            staff,
            json,
        } => {
            balie.set_staff(&staff).map_err(|e| e.to_string())?;
            let bytes = std::fs::read(&file)
                .map_err(|e| format!("{} kan niet worden gelezen: {e}", file.display()))?;
            let name = file.display().to_string();
            let columns = match &mapping {
                Some(m) => mapping_columns(&balie, m)?,
                None => Vec::new(),
            };
            if let Some(save) = &save_mapping {
                balie
                    .save_import_mapping(save, &columns)
                    .map_err(|e| e.to_string())?;
            }
            let opts = ImportOptions {
                sheet,
                columns,
                cancel_missing,
            };
            let preview = if dry_run {
                balie.preview_registrations_with(&bytes, &name, &opts)
            } else {
                balie.import_registrations_with(&bytes, &name, &opts)
            }
            .map_err(|e| e.to_string())?;
            let text = if json {
                to_json(&preview)?
            } else {
                import_text(&preview, &name)
            };
            if preview.problems.is_empty() {
                text
            } else {
                let _ = write!(std::io::stdout(), "{text}");
                return Err(format!(
                    "{} in {name}; er is niets geïmporteerd. Verbeter het bestand en probeer opnieuw.",
                    problems(preview.problems.len())
                ));
            }
        }
        Command::Paper {
            codes,
            list,
            time,
            date,
            note,
            staff,
            json,
        } => {
            balie.set_staff(&staff).map_err(|e| e.to_string())?;
            let attendee_ids = codes
                .iter()
                .map(|c| balie.attendee_by_code(c).map(|a| a.id))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.to_string())?;
            let result = balie
                .enter_paper_checkins(&PaperInput {
                    list_id: list,
                    date,
                    time,
                    note,
                    attendee_ids,
                })
                .map_err(|e| e.to_string())?;
            if json {
                to_json(&result)?
            } else {
                let mut text = String::new();
                for l in &result.entered {
                    text.push_str(&format!(
                        "Ingevoerd: {} om {} (papier)\n",
                        l.name,
                        local(l.record.arrived_at())
                    ));
                }
                for l in &result.skipped {
                    text.push_str(&format!(
                        "Overgeslagen: {} was al ingecheckt {} bij {}\n",
                        l.name,
                        when(l.record.arrived_at()),
                        l.record.desk_name
                    ));
                }
                text
            }
        }
        Command::Arrivals { list, json } => {
            let chart = balie.arrivals(&list).map_err(|e| e.to_string())?;
            if json {
                to_json(&chart)?
            } else {
                let mut text = format!("{}: {} aangekomen\n", chart.list_id, chart.total);
                for slot in &chart.slots {
                    text.push_str(&format!(
                        "{}  {:>4}  {}\n",
                        local(&slot.start),
                        slot.count,
                        "#".repeat(usize::try_from(slot.count.min(60)).unwrap_or(0))
                    ));
                }
                text
            }
        }
        Command::Export { what, out } => {
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
                    ))
                }
            }
            .map_err(|e| e.to_string())?;
            std::fs::write(&out, &bytes)
                .map_err(|e| format!("{} kan niet worden geschreven: {e}", out.display()))?;
            format!(
                "Geschreven: {} ({} kB)\n",
                out.display(),
                bytes.len().div_ceil(1024)
            )
        }
        Command::Bundle {
            command: BundleCommand::Export { since, out },
        } => {
            let since: VersionVector = if since.trim().is_empty() {
                VersionVector::new()
            } else {
                serde_json::from_str(&since).map_err(|e| {
                    format!("--since: geen geldige stand ({e}); geef de uitvoer van `balie-cli sync vector` van de andere balie")
                })?
            };
            let bytes = balie.export_bundle(&since).map_err(|e| e.to_string())?;
            std::fs::write(&out, &bytes)
                .map_err(|e| format!("{} kan niet worden geschreven: {e}", out.display()))?;
            format!(
                "Bundel geschreven: {} ({} kB)\n",
                out.display(),
                bytes.len().div_ceil(1024)
            )
        }
        Command::Bundle {
            command: BundleCommand::Import { file },
        } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| format!("{} kan niet worden gelezen: {e}", file.display()))?;
            let r = balie.import_bundle(&bytes).map_err(|e| e.to_string())?;
            format!(
                "Van {}: {} gebeurtenissen ontvangen, {} nieuw; klokverschil {} s\n",
                r.from_desk_name, r.received, r.new, r.clock_offset_s
            )
        }
        Command::Sync { command } => match command {
            SyncCommand::Key => balie.congress_key_code().map_err(|e| e.to_string())? + "\n",
            SyncCommand::Vector => to_json(&balie.version_vector().map_err(|e| e.to_string())?)?,
            SyncCommand::Status { json } => {
                let desks = balie.sync_status().map_err(|e| e.to_string())?;
                if json {
                    to_json(&desks)?
                } else {
                    desks
                        .iter()
                        .map(|d| {
                            format!(
                                "{:<24} {:>6} gebeurtenissen, laatste {}{}\n",
                                d.desk_name,
                                d.events,
                                local(&d.last_event),
                                if d.this_desk { "  (deze balie)" } else { "" }
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
                    Some(e) => return Err(e),
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
                balie.forget_peer(&address).map_err(|e| e.to_string())?;
                format!(
                    "Vergeten: {}; deze balie wisselt er niet meer mee uit\n",
                    address.trim()
                )
            }
            SyncCommand::Pair { address, code } => {
                balie
                    .pair_in_place(&address, &code)
                    .map_err(|e| e.to_string())?;
                let info = balie.app_info().map_err(|e| e.to_string())?;
                format!(
                    "Gekoppeld en aangesloten bij {}: {} deelnemers, deze balie heet {}\n",
                    info.congress_name, info.attendee_count, info.desk_name
                )
            }
            SyncCommand::Serve { listen, peer, pair } => {
                let listener = std::net::TcpListener::bind(&listen)
                    .map_err(|e| format!("luisteren op {listen} lukte niet: {e}"))?;
                let mut peer = peer;
                for p in balie.remembered_peers() {
                    if !peer.contains(&p) {
                        peer.push(p);
                    }
                }
                if pair {
                    let address = balie_core::wire::lan::reachable_address(
                        &listener
                            .local_addr()
                            .map_or(listen.clone(), |a| a.to_string()),
                    );
                    let offer = balie.open_pairing(&address).map_err(|e| e.to_string())?;
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
                let bound = listener
                    .local_addr()
                    .map_or(listen.clone(), |a| a.to_string());
                let (found_tx, found_rx) = std::sync::mpsc::channel::<String>();
                let _discovery = balie
                    .discover(&bound, move |_, address| {
                        let _ = found_tx.send(address);
                    })
                    .map_err(|e| {
                        let _ = writeln!(std::io::stderr(), "{e}");
                    })
                    .ok();
                let shared = std::sync::Arc::new(std::sync::Mutex::new(balie));
                let on = |shared: &std::sync::Mutex<Balie>,
                          f: &mut dyn FnMut(&mut Balie) -> balie_core::Result<Vec<u8>>| {
                    let mut b = shared
                        .lock()
                        .map_err(|_| balie_core::Error::Internal("vergrendeld".into()))?;
                    f(&mut b)
                };
                // Exchanges with one peer every few seconds, for as long as this runs.
                let exchange_with =
                    move |p: String, shared: std::sync::Arc<std::sync::Mutex<Balie>>| {
                        std::thread::spawn(move || loop {
                            let status = balie_core::app::lan::exchange(&p, |f| on(&shared, f));
                            if let Some(e) = &status.error {
                                let _ = writeln!(std::io::stderr(), "{p}: {e}");
                            }
                            // One desk is one peer: an address that reaches a desk this
                            // hub already exchanges with elsewhere stops here.
                            let wanted = shared.lock().map_or(true, |mut b| {
                                b.record_peer(status);
                                b.wants_peer(&p)
                            });
                            if !wanted {
                                let _ = writeln!(
                                    std::io::stderr(),
                                    "{p}: dezelfde balie als op een ander adres; hier niet meer uitgewisseld"
                                );
                                return;
                            }
                            std::thread::sleep(balie_core::wire::lan::EXCHANGE_EVERY);
                        });
                    };
                for p in peer.clone() {
                    exchange_with(p, shared.clone());
                }
                {
                    let shared = shared.clone();
                    // Discovery reports each desk once; one loop per address.
                    let mut known = peer.clone();
                    std::thread::spawn(move || {
                        for p in found_rx {
                            if known.contains(&p) {
                                continue;
                            }
                            known.push(p.clone());
                            let _ = writeln!(std::io::stderr(), "Gevonden: balie op {p}");
                            exchange_with(p, shared.clone());
                        }
                    });
                }
                let _ = writeln!(std::io::stderr(), "Luistert op {listen}");
                balie_core::app::lan::serve(&listener, |f| on(&shared, f));
                String::new()
            }
            SyncCommand::Join { .. } => String::new(),
        },
        Command::Backup { out } => {
            let file = balie.backup(out.as_deref()).map_err(|e| e.to_string())?;
            format!("Back-up: {}\n", file.display())
        }
        Command::Restore { file } => {
            let r = balie.restore(&file).map_err(|e| e.to_string())?;
            format!(
                "Teruggezet uit {}: {} gebeurtenissen in de back-up, {} ontbraken hier en zijn toegevoegd\n",
                file.display(),
                r.in_backup,
                r.restored
            )
        }
        Command::Print { what } => {
            let (bytes, out_path) = match what {
                PrintCommand::Badges { codes, layout, out } => {
                    let layout = BadgeLayout::parse(&layout).ok_or_else(|| {
                        format!("onbekende indeling '{layout}'; kies a4 of label")
                    })?;
                    let ids = codes
                        .iter()
                        .map(|c| balie.attendee_by_code(c).map(|a| a.id))
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(|e| e.to_string())?;
                    (balie.badges_pdf(&ids, layout), out)
                }
                PrintCommand::List { list, out } => (balie.fallback_list_pdf(&list), out),
                PrintCommand::Report { out } => (balie.attendance_report_pdf(), out),
                PrintCommand::Buses { out } => (balie.bus_lists_pdf(), out),
                PrintCommand::Dinner { out } => (balie.dinner_list_pdf(), out),
                PrintCommand::Sessions { out } => (balie.session_lists_pdf(), out),
            };
            let bytes = bytes.map_err(|e| e.to_string())?;
            std::fs::write(&out_path, &bytes)
                .map_err(|e| format!("{} kan niet worden geschreven: {e}", out_path.display()))?;
            format!(
                "Geschreven: {} ({} kB)\n",
                out_path.display(),
                bytes.len().div_ceil(1024)
            )
        }
        Command::ListAdd { kind, item, staff } => {
            balie.set_staff(&staff).map_err(|e| e.to_string())?;
            let kind = if kind == "bus" {
                ListKind::Bus
            } else {
                ListKind::Session
            };
            let list = balie.add_list(kind, &item).map_err(|e| e.to_string())?;
            format!("Lijst toegevoegd: {} ({})\n", list.name, list.id)
        }
        Command::Attendees {
            command:
                AttendeesCommand::Add {
                    first_name,
                    tussenvoegsel,
                    last_name,
                    organisation,
                    email,
                    thursday,
                    friday,
                    member_org,
                    dietary,
                    staff,
                    json,
                },
        } => {
            balie.set_staff(&staff).map_err(|e| e.to_string())?;
            let a = balie
                .add_attendee(AttendeeInput {
                    first_name,
                    tussenvoegsel,
                    last_name,
                    organisation,
                    email,
                    thursday,
                    friday,
                    member_org,
                    dietary,
                    ..AttendeeInput::default()
                })
                .map_err(|e| e.to_string())?;
            if json {
                to_json(&a)?
            } else {
                format!(
                    "Toegevoegd: {} (badgecode {})\n",
                    a.display_name(),
                    a.badge_code
                )
            }
        }
        Command::Attendees {
            command:
                AttendeesCommand::Cancel {
                    code,
                    reason,
                    staff,
                },
        } => {
            balie.set_staff(&staff).map_err(|e| e.to_string())?;
            let a = balie.attendee_by_code(&code).map_err(|e| e.to_string())?;
            let c = balie
                .cancel_registration(&a.id, &reason)
                .map_err(|e| e.to_string())?;
            format!("Afgemeld: {} ({})\n", a.display_name(), c.reason)
        }
        Command::Attendees {
            command:
                AttendeesCommand::Reinstate {
                    code,
                    reason,
                    staff,
                },
        } => {
            balie.set_staff(&staff).map_err(|e| e.to_string())?;
            let a = balie.attendee_by_code(&code).map_err(|e| e.to_string())?;
            balie
                .reinstate_registration(&a.id, &reason)
                .map_err(|e| e.to_string())?;
            format!("Weer aangemeld: {}\n", a.display_name())
        }
        Command::Members { command } => members_command(&mut balie, command)?,
        Command::Proxies { command } => proxies_command(&mut balie, command)?,
        Command::Alv { command } => alv_command(&mut balie, command)?,
        Command::Info { json: false } => {
            let i = balie.app_info().map_err(|e| e.to_string())?;
            format!(
                "Congres:     {}{}\nGegevensmap: {}\nDatabase:    {} (schema {})\nBureau:      {} ({})\nKlok:        {}{}\nDeelnemers:  {}\n",
                i.congress_name,
                if i.is_demo { " [DEMO]" } else { "" },
                i.data_dir,
                i.database_path,
                i.schema_version,
                i.desk_name,
                i.desk_id,
                i.now,
                if i.clock_fixed { " (vastgezet)" } else { "" },
                i.attendee_count
            )
        }
    };
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| format!("uitvoer schrijven mislukt: {e}"))
}

/// A saved mapping by name, or a JSON file: `{"Kolomkop": "first_name", "Andere": null}`.
fn mapping_columns(balie: &Balie, m: &str) -> Result<Vec<ColumnChoice>, String> {
    let path = std::path::Path::new(m);
    if path.is_file() {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{m} kan niet worden gelezen: {e}"))?;
        let object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text)
            .map_err(|e| format!("{m}: geen geldige koppeling ({e}); schrijf {{\"Kolomkop\": \"first_name\", \"Andere kolom\": null}}"))?;
        return object
            .into_iter()
            .map(|(header, v)| {
                let field: Option<Field> = serde_json::from_value(v.clone()).map_err(|_| {
                    format!(
                        "{m}, kolom '{header}': onbekend veld {v}; kies uit {} of null",
                        Field::ALL
                            .iter()
                            .map(|f| serde_json::to_string(f).unwrap_or_default())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })?;
                Ok(ColumnChoice { header, field })
            })
            .collect();
    }
    let saved = balie.import_mappings().map_err(|e| e.to_string())?;
    saved
        .iter()
        .find(|s| s.name.eq_ignore_ascii_case(m.trim()))
        .map(|s| s.columns.clone())
        .ok_or_else(|| {
            format!(
                "'{m}' is geen bestand en geen opgeslagen koppeling; opgeslagen: {}",
                if saved.is_empty() {
                    "(geen)".to_string()
                } else {
                    saved
                        .iter()
                        .map(|s| s.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            )
        })
}

fn programme_command(balie: &mut Balie, command: ProgrammeCommand) -> Result<String, String> {
    use balie_core::app::programme_edit::ItemInput;
    match command {
        ProgrammeCommand::List { .. } => Ok(String::new()),
        ProgrammeCommand::Export { out } => {
            let json = to_json(&balie.programme().map_err(|e| e.to_string())?)?;
            std::fs::write(&out, json)
                .map_err(|e| format!("{} kan niet worden geschreven: {e}", out.display()))?;
            Ok(format!("Programma opgeslagen: {}\n", out.display()))
        }
        ProgrammeCommand::Set {
            item,
            title,
            start,
            end,
            location,
            capacity,
            staff,
        } => {
            balie.set_staff(&staff).map_err(|e| e.to_string())?;
            let programme = balie.programme().map_err(|e| e.to_string())?;
            let mut found = None;
            for day in &programme.days {
                for top in &day.items {
                    if top.id == item {
                        found = Some((day.date.clone(), None, top.clone()));
                    }
                    for child in &top.children {
                        if child.id == item {
                            found = Some((day.date.clone(), Some(top.id.clone()), child.clone()));
                        }
                    }
                }
            }
            let (day, parent_id, i) = found.ok_or_else(|| {
                format!(
                    "er is geen programma-onderdeel '{item}'; zie `programme --json` voor de ids"
                )
            })?;
            let saved = balie
                .save_programme_item(ItemInput {
                    id: Some(i.id.clone()),
                    day,
                    parent_id,
                    title: title.unwrap_or(i.title),
                    start: start.unwrap_or(i.start),
                    end: end.unwrap_or_else(|| i.end.unwrap_or_default()),
                    kind: i.kind,
                    location: location.unwrap_or_else(|| i.location.unwrap_or_default()),
                    capacity: capacity
                        .unwrap_or_else(|| i.capacity.map(|c| c.to_string()).unwrap_or_default()),
                    speakers: i.speakers,
                    description: i.description,
                    aliases: i.aliases,
                    members_only: i.members_only,
                    bus_offered: i.bus_offered,
                    buses: i.buses,
                })
                .map_err(|e| e.to_string())?;
            Ok(format!(
                "Opgeslagen: {} {}–{}{}\n",
                saved.title,
                saved.start,
                saved.end.unwrap_or_default(),
                saved
                    .capacity
                    .map(|c| format!(", {c} plaatsen"))
                    .unwrap_or_default()
            ))
        }
        ProgrammeCommand::Remove { item, staff } => {
            balie.set_staff(&staff).map_err(|e| e.to_string())?;
            balie
                .remove_programme_item(&item)
                .map_err(|e| e.to_string())?;
            Ok(format!("Verwijderd: {item}\n"))
        }
    }
}

fn buses_command(balie: &mut Balie, command: BusesCommand) -> Result<String, String> {
    let text = |plans: &[balie_core::app::buses::BusPlan]| {
        let mut out = String::new();
        for p in plans {
            out.push_str(&format!("{}\n", p.title));
            for l in &p.buses {
                out.push_str(&format!(
                    "  {} ({} plaatsen, vertrek {} {}): {} reizigers\n",
                    l.bus.name,
                    l.bus.seats,
                    l.bus.departure,
                    l.bus.from,
                    l.riders.len()
                ));
                for r in &l.riders {
                    out.push_str(&format!("    {}\n", r.listing_name));
                }
            }
            if !p.no_seat.is_empty() {
                out.push_str(&format!(
                    "  Geen plaats in een bus: {}\n",
                    p.no_seat
                        .iter()
                        .map(|r| r.listing_name.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                ));
            }
            out.push_str(&format!("  Reist zelf: {}\n", p.own_transport.len()));
        }
        out
    };
    match command {
        BusesCommand::List { json } => {
            let plans = balie.bus_plans().map_err(|e| e.to_string())?;
            if json {
                to_json(&plans)
            } else {
                Ok(text(&plans))
            }
        }
        BusesCommand::Assign {
            code,
            visit,
            bus,
            staff,
        } => {
            balie.set_staff(&staff).map_err(|e| e.to_string())?;
            let person = balie.attendee_by_code(&code).map_err(|e| e.to_string())?;
            let plan = balie
                .assign_bus(&person.id, &visit, &bus)
                .map_err(|e| e.to_string())?;
            Ok(text(&[plan]))
        }
        BusesCommand::Travel { code, yes, staff } => {
            balie.set_staff(&staff).map_err(|e| e.to_string())?;
            let person = balie.attendee_by_code(&code).map_err(|e| e.to_string())?;
            balie.set_bus(&person.id, yes).map_err(|e| e.to_string())?;
            Ok(format!(
                "{} {}\n",
                person.display_name(),
                if yes { "gaat met de bus" } else { "reist zelf" }
            ))
        }
    }
}

fn signup_text(l: &balie_core::app::signups::SignupList) -> String {
    let mut out = format!(
        "{}: {} van {} plaatsen bezet, {} op de wachtlijst\n",
        l.title,
        l.seated.len(),
        l.capacity
            .map_or("onbeperkt".to_string(), |c| c.to_string()),
        l.waiting.len()
    );
    for (n, s) in l.seated.iter().enumerate() {
        out.push_str(&format!(
            "  {:>3}. {:<36} {}\n",
            n + 1,
            s.listing_name,
            s.organisation
        ));
    }
    for (n, s) in l.waiting.iter().enumerate() {
        out.push_str(&format!(
            "  wachtlijst {}: {:<36} {}\n",
            n + 1,
            s.listing_name,
            s.organisation
        ));
    }
    out
}

fn signups_command(balie: &mut Balie, command: SignupsCommand) -> Result<String, String> {
    match command {
        SignupsCommand::List { item, json } => {
            let list = balie.signups(&item).map_err(|e| e.to_string())?;
            if json {
                to_json(&list)
            } else {
                Ok(signup_text(&list))
            }
        }
        SignupsCommand::Add { item, code, staff } => {
            balie.set_staff(&staff).map_err(|e| e.to_string())?;
            let person = balie.attendee_by_code(&code).map_err(|e| e.to_string())?;
            let out = balie
                .sign_up(&person.id, &item)
                .map_err(|e| e.to_string())?;
            Ok(match out.position {
                None => format!(
                    "{} heeft een plaats bij {}\n",
                    person.display_name(),
                    out.list.title
                ),
                Some(p) => format!(
                    "{} staat op de wachtlijst van {} (plaats {p})\n",
                    person.display_name(),
                    out.list.title
                ),
            })
        }
        SignupsCommand::Remove { item, code, staff } => {
            balie.set_staff(&staff).map_err(|e| e.to_string())?;
            let person = balie.attendee_by_code(&code).map_err(|e| e.to_string())?;
            let list = balie
                .sign_off(&person.id, &item)
                .map_err(|e| e.to_string())?;
            Ok(signup_text(&list))
        }
    }
}

/// A member by id, by name, or by a unique part of its name.
fn member_ref(balie: &Balie, r: &str) -> Result<String, String> {
    let members = balie.members().map_err(|e| e.to_string())?;
    if let Some(m) = members.iter().find(|m| m.id == r) {
        return Ok(m.id.clone());
    }
    let key = balie_core::domain::names::fold(r);
    if let Some(m) = members
        .iter()
        .find(|m| balie_core::domain::names::fold(&m.name) == key)
    {
        return Ok(m.id.clone());
    }
    let partial: Vec<_> = members
        .iter()
        .filter(|m| balie_core::domain::names::fold(&m.name).contains(&key))
        .collect();
    match partial.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => Err(format!("geen lid gevonden voor '{r}'; zie `members list`")),
        many => Err(format!(
            "'{r}' past bij {} leden ({}); wees preciezer",
            many.len(),
            many.iter()
                .map(|m| m.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

fn members_command(balie: &mut Balie, command: MembersCommand) -> Result<String, String> {
    match command {
        MembersCommand::Import {
            file,
            dry_run,
            sheet,
            staff,
            json,
        } => {
            balie.set_staff(&staff).map_err(|e| e.to_string())?;
            let bytes = std::fs::read(&file)
                .map_err(|e| format!("{} kan niet worden gelezen: {e}", file.display()))?;
            let name = file.display().to_string();
            let opts = ImportOptions {
                sheet,
                ..ImportOptions::default()
            };
            let preview = if dry_run {
                balie.preview_members(&bytes, &name, &opts)
            } else {
                balie.import_members(&bytes, &name, &opts)
            }
            .map_err(|e| e.to_string())?;
            let text = if json {
                to_json(&preview)?
            } else {
                import_text(&preview, &name)
            };
            if preview.problems.is_empty() {
                Ok(text)
            } else {
                let _ = write!(std::io::stdout(), "{text}");
                Err(format!(
                    "{} in {name}; er is niets geïmporteerd. Verbeter het bestand en probeer opnieuw.",
                    problems(preview.problems.len())
                ))
            }
        }
        MembersCommand::List { json } => {
            let members = balie.members().map_err(|e| e.to_string())?;
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

fn proxies_command(balie: &mut Balie, command: ProxiesCommand) -> Result<String, String> {
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
            balie.set_staff(&staff).map_err(|e| e.to_string())?;
            let scan_bytes = match &scan {
                Some(p) => Some(
                    std::fs::read(p)
                        .map_err(|e| format!("{} kan niet worden gelezen: {e}", p.display()))?,
                ),
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
                scan: scan_bytes,
            });
            let p = balie
                .grant_proxy(ProxyInput {
                    grantor_id: member_ref(balie, &grantor)?,
                    holder_id: member_ref(balie, &holder)?,
                    evidence,
                    chair_decision: chair,
                    replace,
                })
                .map_err(|e| e.to_string())?;
            Ok(format!(
                "Volmacht geregistreerd: {} → {} ({})\n",
                p.grantor, p.holder, p.id
            ))
        }
        ProxiesCommand::Revoke { id, reason, staff } => {
            balie.set_staff(&staff).map_err(|e| e.to_string())?;
            let p = balie
                .revoke_proxy(&id, &reason)
                .map_err(|e| e.to_string())?;
            Ok(format!(
                "Volmacht ingetrokken: {} → {} ({})\n",
                p.grantor, p.holder, reason
            ))
        }
        ProxiesCommand::List { json } => {
            let state = balie.alv_state().map_err(|e| e.to_string())?;
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

fn alv_command(balie: &mut Balie, command: AlvCommand) -> Result<String, String> {
    use balie_core::domain::alv::model::MemberStatus;
    match command {
        AlvCommand::Status { json } => {
            let state = balie.alv_state().map_err(|e| e.to_string())?;
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
            balie.set_staff(&staff).map_err(|e| e.to_string())?;
            let s = balie
                .take_snapshot(&label, &decision_type)
                .map_err(|e| e.to_string())?;
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
                balie
                    .set_staff(staff.as_deref().unwrap_or_default())
                    .map_err(|e| e.to_string())?;
                let text = std::fs::read_to_string(&file)
                    .map_err(|e| format!("{} kan niet worden gelezen: {e}", file.display()))?;
                let settings = serde_json::from_str(&text).map_err(|e| {
                    format!(
                        "{}, regel {}: geen geldige regels ({e}); begin met de uitvoer van `alv settings`",
                        file.display(),
                        e.line()
                    )
                })?;
                balie
                    .set_alv_settings(&settings)
                    .map_err(|e| e.to_string())?;
            }
            to_json(&balie.alv_settings().map_err(|e| e.to_string())?)
        }
        AlvCommand::Snapshots { json } => {
            let all = balie.snapshots().map_err(|e| e.to_string())?;
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
                    return Err(format!(
                        "{}: kies een bestandsnaam op .pdf of .csv",
                        out.display()
                    ))
                }
            }
            .map_err(|e| e.to_string())?;
            std::fs::write(&out, bytes)
                .map_err(|e| format!("{} kan niet worden geschreven: {e}", out.display()))?;
            Ok(format!("Presentielijst opgeslagen: {}\n", out.display()))
        }
    }
}

/// "1 probleem", "3 problemen".
fn problems(n: usize) -> String {
    format!("{n} {}", if n == 1 { "probleem" } else { "problemen" })
}

fn to_json(value: &impl serde::Serialize) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| e.to_string())
}

/// One hit; `when` says "om 09:12", or with the date when it was another day.
fn hit_line(h: &DeskHit, when: &dyn Fn(&str) -> String) -> String {
    let status = match &h.presence.since {
        Some(r) => format!(
            "ingecheckt {}{} bij {} door {}",
            when(r.arrived_at()),
            if r.paper_time.is_some() {
                " (papier)"
            } else {
                ""
            },
            r.desk_name,
            r.staff
        ),
        None => "niet ingecheckt".to_string(),
    };
    let not_on_list = match (&h.cancelled, h.not_on_list) {
        (Some(c), _) => format!(" [afgemeld {}: {}]", when(&c.wall_time), c.reason),
        (None, Some(n)) => format!(" [{}]", n.dutch()),
        (None, None) => String::new(),
    };
    format!(
        "{:<36} {:<32} {}  {}{}\n",
        h.listing_name, h.attendee.organisation, h.attendee.badge_code, status, not_on_list
    )
}

fn outcome_text(
    o: &CheckinOutcome,
    local_time: &dyn Fn(&str) -> String,
    when: &dyn Fn(&str) -> String,
) -> Result<String, String> {
    match o {
        CheckinOutcome::CheckedIn {
            record,
            attendee,
            attention,
        } => {
            let mut text = format!(
                "Ingecheckt: {} om {} ({})\n",
                attendee.display_name(),
                local_time(&record.wall_time),
                record.list_id
            );
            if !attention.dietary.is_empty() {
                text.push_str(&format!("Let op, dieet: {}\n", attention.dietary));
            }
            if !attention.accessibility.is_empty() {
                text.push_str(&format!(
                    "Let op, toegankelijkheid: {}\n",
                    attention.accessibility
                ));
            }
            if attention.speaker {
                text.push_str("Let op: spreker\n");
            }
            if attention.guest {
                text.push_str("Let op: gast\n");
            }
            Ok(text)
        }
        CheckinOutcome::AlreadyCheckedIn { earlier, attendee } => Err(format!(
            "{} is al ingecheckt {} bij {} door {}",
            attendee.display_name(),
            when(&earlier.wall_time),
            earlier.desk_name,
            earlier.staff
        )),
        CheckinOutcome::NeedsOverride {
            cancellation: Some(c),
            attendee,
            ..
        } => Err(format!(
            "{} is afgemeld {} ({}); gebruik --override \"reden\" om toch in te checken",
            attendee.display_name(),
            when(&c.wall_time),
            c.reason
        )),
        CheckinOutcome::NeedsOverride {
            reason, attendee, ..
        } => Err(format!(
            "{} is {}; gebruik --override \"reden\" om toch in te checken",
            attendee.display_name(),
            reason.dutch()
        )),
    }
}

fn import_text(p: &ImportPreview, file: &str) -> String {
    let mut out = match &p.sheet {
        Some(sheet) => format!(
            "{file}: {} regels ({}, werkblad '{sheet}' van {})\n",
            p.rows,
            p.encoding,
            p.sheets.join(", ")
        ),
        None => format!(
            "{file}: {} regels ({}, scheidingsteken '{}')\n",
            p.rows, p.encoding, p.separator
        ),
    };
    for (header, field) in &p.mapping {
        let target = field
            .map(|f| {
                serde_json::to_string(&f)
                    .unwrap_or_default()
                    .replace('"', "")
            })
            .unwrap_or_else(|| "(genegeerd)".into());
        out.push_str(&format!("  kolom {header:<28} → {target}\n"));
    }
    out.push_str(&format!(
        "Nieuw: {}, bijgewerkt: {}, ongewijzigd: {}, geweigerd: {}\n",
        p.new, p.updated, p.unchanged, p.refused
    ));
    for problem in &p.problems {
        match &problem.column {
            Some(c) => out.push_str(&format!(
                "  regel {}, kolom {c}: {}\n",
                problem.line, problem.message
            )),
            None => out.push_str(&format!("  regel {}: {}\n", problem.line, problem.message)),
        }
    }
    for w in &p.warnings {
        out.push_str(&format!("  let op, regel {}: {}\n", w.line, w.message));
    }
    if p.cancelled > 0 || p.reinstated > 0 {
        out.push_str(&format!(
            "Afgemeld volgens de statuskolom: {}, weer aangemeld: {}\n",
            p.cancelled, p.reinstated
        ));
    }
    if !p.missing.is_empty() {
        out.push_str(&format!(
            "Niet meer in het bestand (blijven in het register; --cancel-missing meldt ze af): {}\n",
            p.missing.join("; ")
        ));
    }
    out.push_str(if p.applied {
        "Geïmporteerd.\n"
    } else {
        "Niets geïmporteerd (proefimport).\n"
    });
    out
}

fn kind_label(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Reception => "ontvangst",
        ItemKind::Plenary => "plenair",
        ItemKind::ParallelSessions => "parallelle sessies",
        ItemKind::Session => "sessie",
        ItemKind::MembersMeeting => "ledenvergadering",
        ItemKind::Social => "sociaal",
        ItemKind::WorkVisits => "werkbezoeken",
        ItemKind::WorkVisit => "werkbezoek",
        ItemKind::Closing => "afsluiting",
    }
}

fn item_line(out: &mut String, item: &ProgrammeItem, indent: &str) {
    let end = match (&item.end, item.end_inferred) {
        (Some(e), false) => format!("–{e} "),
        (Some(e), true) => format!("–{e}*"),
        (None, _) => "      ".to_string(),
    };
    let mut marks = Vec::new();
    if item.members_only {
        marks.push("alleen leden");
    }
    if item.bus_offered {
        marks.push("busvervoer");
    }
    let marks = if marks.is_empty() {
        String::new()
    } else {
        format!(" [{}]", marks.join(", "))
    };
    out.push_str(&format!(
        "{indent}{}{end} {} ({}){marks}\n",
        item.start,
        item.title,
        kind_label(item.kind)
    ));
    for s in &item.speakers {
        out.push_str(&format!(
            "{indent}             spreker: {}, {}\n",
            s.name, s.role
        ));
    }
}

fn programme_text(p: &balie_core::Programme) -> String {
    let c = &p.congress;
    let mut out = format!(
        "{}{} — {}, {}\n",
        c.info.name,
        if c.is_demo { " [DEMO]" } else { "" },
        c.info.venue,
        c.info.city
    );
    for day in &p.days {
        out.push_str(&format!("\n{}\n", day.title));
        for item in &day.items {
            item_line(&mut out, item, "  ");
            for child in &item.children {
                item_line(&mut out, child, "      · ");
            }
        }
    }
    out.push_str("\n* eindtijd afgeleid van het volgende onderdeel\n");
    out
}
