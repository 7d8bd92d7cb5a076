use crate::prelude::*;
/// "1 probleem", "3 problemen".
pub(crate) fn problems(n: usize) -> String {
    format!("{n} {}", if n == 1 { "probleem" } else { "problemen" })
}

/// What an import (or its dry run) of `file` says: the preview as text or JSON; with
/// problems, that is printed and the command fails (nothing was imported).
pub(crate) fn preview_out(preview: &ImportPreview, file: &str, json: bool) -> Out {
    let text = if json {
        to_json(preview)?
    } else {
        import_text(preview, file)
    };
    if preview.problems.is_empty() {
        return Ok(text);
    }
    let _ = write!(std::io::stdout(), "{text}");
    Err(format!(
        "{} in {file}; er is niets geïmporteerd. Verbeter het bestand en probeer opnieuw.",
        problems(preview.problems.len())
    )
    .into())
}

pub(crate) fn to_json(value: &impl serde::Serialize) -> Out {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| CliError::from(e.to_string()))
}

/// One hit; `when` says "om 09:12", or with the date when it was another day.
pub(crate) fn hit_line(h: &DeskHit, when: &dyn Fn(&str) -> String) -> String {
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

pub(crate) fn outcome_text(
    o: &CheckinOutcome,
    local_time: &dyn Fn(&str) -> String,
    when: &dyn Fn(&str) -> String,
) -> Out {
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
        )
        .into()),
        CheckinOutcome::NeedsOverride {
            cancellation: Some(c),
            attendee,
            ..
        } => Err(format!(
            "{} is afgemeld {} ({}); gebruik --override \"reden\" om toch in te checken",
            attendee.display_name(),
            when(&c.wall_time),
            c.reason
        )
        .into()),
        CheckinOutcome::NeedsOverride {
            reason, attendee, ..
        } => Err(format!(
            "{} is {}; gebruik --override \"reden\" om toch in te checken",
            attendee.display_name(),
            reason.dutch()
        )
        .into()),
    }
}

pub(crate) fn import_text(p: &ImportPreview, file: &str) -> String {
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
    if !p.encodings.is_empty() {
        out.push_str(
            "  Dit bestand is geen Unicode: kijk of de namen goed gelezen zijn. \
             Lees het anders met --encoding:\n",
        );
        for c in &p.encodings {
            out.push_str(&format!(
                "    --encoding {:<13} {}: {}\n",
                c.id, c.label, c.example
            ));
        }
    }
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

pub(crate) fn kind_label(kind: ItemKind) -> &'static str {
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

pub(crate) fn item_line(out: &mut String, item: &ProgrammeItem, indent: &str) {
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

pub(crate) fn programme_text(p: &balie_core::Programme) -> String {
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

pub(crate) fn signup_text(l: &balie_core::app::signups::SignupList) -> String {
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
