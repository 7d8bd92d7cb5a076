//! `balie-cli`: a headless host of the Balie core, for organisers' scripting and for tests
//! that drive the whole core without a window. Output is Dutch text, or JSON with `--json`.

use balie_core::programme::{ItemKind, ProgrammeItem};
use balie_core::{Balie, LaunchOptions};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// Toon het programma
    Programme {
        /// Als JSON
        #[arg(long)]
        json: bool,
    },
    /// Toon gegevens over deze installatie (map, database, bureau, klok)
    Info {
        /// Als JSON
        #[arg(long)]
        json: bool,
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
    let balie = Balie::start(&opts).map_err(|e| e.to_string())?;
    let mut out = std::io::stdout().lock();
    let text = match cli.command {
        Command::Programme { json: true } => {
            to_json(&balie.programme().map_err(|e| e.to_string())?)?
        }
        Command::Programme { json: false } => {
            programme_text(&balie.programme().map_err(|e| e.to_string())?)
        }
        Command::Info { json: true } => to_json(&balie.app_info().map_err(|e| e.to_string())?)?,
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

fn to_json(value: &impl serde::Serialize) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| e.to_string())
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
