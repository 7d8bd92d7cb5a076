use crate::prelude::*;
use crate::Say;

#[derive(clap::Args, Clone, Copy)]
pub(crate) struct NowArgs {
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn now(balie: &mut Balie, args: NowArgs) -> Out {
    let NowArgs { json } = args;
    Ok({
        let nn = balie.now_and_next()?;
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
                            let who: Vec<&str> = i.who.iter().map(|m| m.dutch.as_str()).collect();
                            format!(" ({})", who.join("; "))
                        }
                    ));
                }
            }
            out
        }
    })
}

#[derive(clap::Args)]
pub(crate) struct NewCongressArgs {
    /// Een nieuwe, lege map
    #[arg(long, value_name = "MAP")]
    pub out: PathBuf,
    /// De eerste dag, JJJJ-MM-DD
    #[arg(long)]
    pub start: String,
    /// De naam (anders deze naam met het nieuwe jaartal)
    #[arg(long, default_value = "")]
    pub name: String,
}

pub(crate) fn new_congress(balie: &mut Balie, args: NewCongressArgs) -> Out {
    let NewCongressArgs { out, start, name } = args;
    Ok({
        let dir = balie.new_congress_from_programme(&out, &start, &name)?;
        format!(
            "Nieuw congres gemaakt in {}; start Balie met --data-dir {}\n",
            dir.display(),
            dir.display()
        )
    })
}

#[derive(clap::Args)]
pub(crate) struct SearchArgs {
    /// Wat je zou typen in het zoekvak
    pub query: String,
    /// De inchecklijst waarvan de status getoond wordt (standaard: de daglijst van vandaag)
    #[arg(long)]
    pub list: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn search(balie: &mut Balie, say: &Say, args: SearchArgs) -> Out {
    let SearchArgs { query, list, json } = args;
    let Say { when, today, .. } = say;
    Ok({
        let list = list.or(today.day_list.clone()).ok_or_else(|| {
            "er is geen daglijst; kies een lijst met --list (zie 'balie-cli lists')".to_string()
        })?;
        let hits = balie.desk_search(&query, &list)?;
        if json {
            to_json(&hits)?
        } else {
            hits.iter().map(|h| hit_line(h, &when)).collect::<String>()
        }
    })
}

#[derive(clap::Args)]
pub(crate) struct CheckinArgs {
    /// Badgecode (hoofdletters of kleine letters, streepjes mogen)
    pub code: String,
    /// Inchecklijst, bv. day-2023-12-07, day-2023-12-08 of alv
    #[arg(long)]
    pub list: String,
    /// Je naam (medewerker)
    #[arg(long)]
    pub staff: String,
    /// Reden om toch in te checken als iemand niet op de lijst staat
    #[arg(long = "override", value_name = "REDEN")]
    pub override_reason: Option<String>,
}

pub(crate) fn checkin(balie: &mut Balie, say: &Say, args: CheckinArgs) -> Out {
    Ok({
        let CheckinArgs {
            code,
            list,
            staff,
            override_reason,
        } = args;
        let Say { when, local, .. } = say;
        balie.set_staff(&staff)?;
        let outcome =
            balie.check_in_by_code(&list, &code, override_reason.as_deref(), CheckinSource::Cli)?;
        outcome_text(&outcome, &local, &when)?
    })
}

#[derive(clap::Args, Clone, Copy)]
pub(crate) struct ListsArgs {
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn lists(balie: &mut Balie, args: ListsArgs) -> Out {
    let ListsArgs { json } = args;
    Ok({
        let counters = balie.counters()?;
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
    })
}

#[derive(clap::Args)]
pub(crate) struct ListAddArgs {
    /// session of bus
    #[arg(long, value_parser = ["session", "bus"])]
    pub kind: String,
    /// Het id van het programmaonderdeel, bv. kennissessie-online of werkbezoek-dnk-assen
    #[arg(long)]
    pub item: String,
    /// Je naam (medewerker)
    #[arg(long)]
    pub staff: String,
}

pub(crate) fn list_add(balie: &mut Balie, args: ListAddArgs) -> Out {
    let ListAddArgs { kind, item, staff } = args;
    Ok({
        balie.set_staff(&staff)?;
        let kind = if kind == "bus" {
            ListKind::Bus
        } else {
            ListKind::Session
        };
        let list = balie.add_list(kind, &item)?;
        format!("Lijst toegevoegd: {} ({})\n", list.name, list.id)
    })
}

#[derive(clap::Args)]
pub(crate) struct PaperArgs {
    /// Badgecodes van de afgevinkte personen
    #[arg(required = true)]
    pub codes: Vec<String>,
    /// Inchecklijst, bv. day-2023-12-07
    #[arg(long)]
    pub list: String,
    /// Tijd op de papieren lijst, UU:MM
    #[arg(long)]
    pub time: String,
    /// Datum JJJJ-MM-DD (anders de dag van de lijst)
    #[arg(long, default_value = "")]
    pub date: String,
    /// Welke papieren lijst en waarom
    #[arg(long)]
    pub note: String,
    /// Je naam (medewerker)
    #[arg(long)]
    pub staff: String,
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn paper(balie: &mut Balie, say: &Say, args: PaperArgs) -> Out {
    Ok({
        let PaperArgs {
            codes,
            list,
            time,
            date,
            note,
            staff,
            json,
        } = args;
        let Say { when, local, .. } = say;
        balie.set_staff(&staff)?;
        let attendee_ids = codes
            .iter()
            .map(|c| balie.attendee_by_code(c).map(|a| a.id))
            .collect::<Result<Vec<_>, _>>()?;
        let result = balie.enter_paper_checkins(&PaperInput {
            list_id: list,
            date,
            time,
            note,
            attendee_ids,
        })?;
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
    })
}

#[derive(clap::Args)]
pub(crate) struct ArrivalsArgs {
    #[arg(long)]
    pub list: String,
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn arrivals(balie: &mut Balie, say: &Say, args: ArrivalsArgs) -> Out {
    let ArrivalsArgs { list, json } = args;
    let Say { local, .. } = say;
    Ok({
        let chart = balie.arrivals(&list)?;
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
    })
}

#[derive(clap::Args, Clone, Copy)]
pub(crate) struct InfoArgs {
    /// Als JSON
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn info(balie: &mut Balie, args: InfoArgs) -> Out {
    Ok({
        if args.json {
            return to_json(&balie.app_info()?);
        }
        let i = balie.app_info()?;
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
    })
}
