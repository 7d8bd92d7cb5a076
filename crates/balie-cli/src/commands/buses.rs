use crate::prelude::*;
#[derive(Subcommand)]
pub(crate) enum BusesCommand {
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

pub(crate) fn buses_command(balie: &mut Balie, command: BusesCommand) -> Out {
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
            let plans = balie.bus_plans()?;
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
            balie.set_staff(&staff)?;
            let person = balie.attendee_by_code(&code)?;
            let plan = balie.assign_bus(&person.id, &visit, &bus)?;
            Ok(text(&[plan]))
        }
        BusesCommand::Travel { code, yes, staff } => {
            balie.set_staff(&staff)?;
            let person = balie.attendee_by_code(&code)?;
            balie.set_bus(&person.id, yes)?;
            Ok(format!(
                "{} {}\n",
                person.display_name(),
                if yes { "gaat met de bus" } else { "reist zelf" }
            ))
        }
    }
}
