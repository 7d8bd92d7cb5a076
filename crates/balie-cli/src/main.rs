//! `balie-cli`: a headless host of the Balie core, for organisers' scripting and for tests
//! that drive the whole core without a window. Output is Dutch text, or JSON with `--json`.
//!
//! One file per noun under `commands/`; this file parses the command line, opens the core
//! and hands each command to its file. A failed command prints `Fout: …` and exits with the
//! status of its error code (see `--help`).

mod commands;
mod prelude;
mod text;

use balie_core::{Balie, ErrorCode, LaunchOptions};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use commands::*;
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
        command: Option<programme::ProgrammeCommand>,
    },
    /// Wat er nu is en wat er straks komt, waar, en wie er moet zijn
    Now(desk::NowArgs),
    /// Maak het volgende congres: een nieuwe map met dit programma (data verschoven), zonder deelnemers
    NewCongress(desk::NewCongressArgs),
    /// Bussen naar de werkbezoeken: wie in welke bus zit
    Buses {
        #[command(subcommand)]
        command: buses::BusesCommand,
    },
    /// Aanmeldingen voor kennissessies en werkbezoeken: plaatsen en wachtlijst
    Signups {
        #[command(subcommand)]
        command: signups::SignupsCommand,
    },
    /// Toon gegevens over deze installatie (map, database, bureau, klok)
    Info(desk::InfoArgs),
    /// Zoek in het register (naam, organisatie, e-mail, badgecode)
    Search(desk::SearchArgs),
    /// Check iemand in met de badgecode
    Checkin(desk::CheckinArgs),
    /// De inchecklijsten met tellers
    Lists(desk::ListsArgs),
    /// Voeg een inchecklijst toe voor een sessie (wie er is) of een bus (wie instapt)
    ListAdd(desk::ListAddArgs),
    /// Importeer aanmeldingen uit CSV of Excel (.xlsx) (eerst altijd een proefimport)
    Import(import::ImportArgs),
    /// Voer inchecks in die op een papieren lijst zijn afgevinkt (met de tijd van het papier)
    Paper(desk::PaperArgs),
    /// Aankomsten per 10 minuten op een inchecklijst
    Arrivals(desk::ArrivalsArgs),
    /// Maak een PDF: badges, de noodlijst van een inchecklijst of het aanwezigheidsrapport
    Print {
        #[command(subcommand)]
        what: print::PrintCommand,
    },
    /// Exporteer naar Excel (.xlsx: alle tabellen) of CSV (één tabel, voor Nederlandse Excel)
    Export(print::ExportArgs),
    /// Bundels: gebeurtenissen uitwisselen met andere balies (USB-stick, netwerkmap)
    Bundle {
        #[command(subcommand)]
        command: sync::BundleCommand,
    },
    /// Samenwerken met andere balies: sleutel, stand, aansluiten
    Sync {
        #[command(subcommand)]
        command: sync::SyncCommand,
    },
    /// Maak een back-up van de database (in backups/ van de gegevensmap, of in --out)
    Backup(sync::BackupArgs),
    /// Zet een back-up terug: alle gebeurtenissen eruit die deze database mist
    Restore(sync::RestoreArgs),
    /// Het deelnemersregister
    Attendees {
        #[command(subcommand)]
        command: attendees::AttendeesCommand,
    },
    /// Het ledenregister voor de ALV
    Members {
        #[command(subcommand)]
        command: members::MembersCommand,
    },
    /// Volmachten voor de ALV
    Proxies {
        #[command(subcommand)]
        command: proxies::ProxiesCommand,
    },
    /// De ledenvergadering: aanwezigheid, quorum, momentopnamen, presentielijst
    Alv {
        #[command(subcommand)]
        command: alv::AlvCommand,
    },
    /// Voer een opdracht van het venster uit met JSON-invoer en -uitvoer (zie `commands`)
    Call(registry::CallArgs),
    /// Alle opdrachten van het venster: naam, invoer, uitvoer en soort
    Commands(registry::CommandsArgs),
}

/// How times are said: `when` gives "om 09:12", or with the date when it was another day;
/// `local` the time of day at the congress; `today` the congress day it is.
pub(crate) struct Say {
    pub when: Box<dyn Fn(&str) -> String>,
    pub local: Box<dyn Fn(&str) -> String>,
    pub today: balie_core::app::reception::Today,
}

/// What `--help` says about exit statuses, from the core's error codes.
fn exit_statuses() -> String {
    let mut text =
        String::from("Afsluitstatus (voor scripts):\n   0  gelukt\n   2  verkeerde opdrachtregel");
    for code in ErrorCode::ALL {
        text.push_str(&format!(
            "\n  {:>2}  {} ({})",
            code.exit_status(),
            code.exit_meaning(),
            serde_json::to_string(&code)
                .unwrap_or_default()
                .trim_matches('"')
        ));
    }
    text
}

fn main() -> ExitCode {
    let matches = Cli::command().after_help(exit_statuses()).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "Fout: {}", e.message);
            ExitCode::from(e.code.exit_status())
        }
    }
}

fn run(cli: Cli) -> Result<(), CliError> {
    let mut opts = LaunchOptions::from_args_and_env(Vec::new(), |k| std::env::var(k).ok())?;
    if cli.data_dir.is_some() {
        opts.data_dir = cli.data_dir;
    }
    opts.demo |= cli.demo;
    if cli.now.is_some() {
        opts.now = cli.now;
    }
    if let Command::Sync {
        command: sync::SyncCommand::Join { key, bundle },
    } = &cli.command
    {
        let text = sync::join(&opts, key, bundle)?;
        return write_out(&text);
    }
    if let Command::Call(args) = &cli.command {
        return write_out(&registry::call(&opts, args)?);
    }
    if let Command::Commands(args) = &cli.command {
        return write_out(&registry::commands(args)?);
    }
    let mut balie = Balie::start(&opts)?;
    let offset = balie.programme().map(|p| p.congress.info.utc_offset)?;
    let today = balie.today()?;
    let say = {
        let (date, o) = (today.date.clone(), offset.clone());
        Say {
            when: Box::new(move |wall: &str| {
                balie_core::domain::clock::dutch_when(wall, &date, &o)
            }),
            local: Box::new(move |wall: &str| balie_core::domain::clock::local_hhmm(wall, &offset)),
            today,
        }
    };
    let b = &mut balie;
    let text = match cli.command {
        Command::Programme { json, command } => programme::run(b, json, command)?,
        Command::Signups { command } => signups::signups_command(b, command)?,
        Command::Buses { command } => buses::buses_command(b, command)?,
        Command::Now(a) => desk::now(b, a)?,
        Command::NewCongress(a) => desk::new_congress(b, a)?,
        Command::Info(a) => desk::info(b, a)?,
        Command::Search(a) => desk::search(b, &say, a)?,
        Command::Checkin(a) => desk::checkin(b, &say, a)?,
        Command::Lists(a) => desk::lists(b, a)?,
        Command::ListAdd(a) => desk::list_add(b, a)?,
        Command::Import(a) => import::import(b, a)?,
        Command::Paper(a) => desk::paper(b, &say, a)?,
        Command::Arrivals(a) => desk::arrivals(b, &say, a)?,
        Command::Print { what } => print::print(b, what)?,
        Command::Export(a) => print::export(b, a)?,
        Command::Bundle { command } => sync::bundle(b, command)?,
        Command::Sync { command } => sync::sync(balie, &say, command)?,
        Command::Backup(a) => sync::backup(b, a)?,
        Command::Restore(a) => sync::restore(b, &say, a)?,
        Command::Attendees { command } => attendees::run(b, command)?,
        Command::Members { command } => members::members_command(b, command)?,
        Command::Proxies { command } => proxies::proxies_command(b, command)?,
        Command::Alv { command } => alv::alv_command(b, command)?,
        Command::Call(_) | Command::Commands(_) => String::new(),
    };
    write_out(&text)
}

fn write_out(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| CliError::from(format!("uitvoer schrijven mislukt: {e}")))
}
