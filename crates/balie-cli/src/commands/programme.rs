use crate::prelude::*;
#[derive(Subcommand)]
pub(crate) enum ProgrammeCommand {
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

pub(crate) fn programme_command(balie: &mut Balie, command: ProgrammeCommand) -> Out {
    use balie_core::app::programme_edit::ItemInput;
    match command {
        ProgrammeCommand::List { .. } => Ok(String::new()),
        ProgrammeCommand::Export { out } => {
            let json = to_json(&balie.programme()?)?;
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
            balie.set_staff(&staff)?;
            let programme = balie.programme()?;
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
            let saved = balie.save_programme_item(ItemInput {
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
            })?;
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
            balie.set_staff(&staff)?;
            balie.remove_programme_item(&item)?;
            Ok(format!("Verwijderd: {item}\n"))
        }
    }
}

/// `programme` (the programme as text or JSON) and its subcommands.
pub(crate) fn run(balie: &mut Balie, json: bool, command: Option<ProgrammeCommand>) -> Out {
    match command {
        None => show(balie, json),
        Some(ProgrammeCommand::List { json: list_json }) => show(balie, json || list_json),
        Some(command) => programme_command(balie, command),
    }
}

fn show(balie: &Balie, json: bool) -> Out {
    let programme = balie.programme()?;
    if json {
        to_json(&programme)
    } else {
        Ok(programme_text(&programme))
    }
}
