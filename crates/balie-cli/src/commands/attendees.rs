use crate::prelude::*;
#[derive(Subcommand)]
pub(crate) enum AttendeesCommand {
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

pub(crate) fn run(balie: &mut Balie, command: AttendeesCommand) -> Out {
    Ok(match command {
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
        } => {
            balie.set_staff(&staff)?;
            let a = balie.add_attendee(AttendeeInput {
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
            })?;
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
        AttendeesCommand::Cancel {
            code,
            reason,
            staff,
        } => {
            balie.set_staff(&staff)?;
            let a = balie.attendee_by_code(&code)?;
            let c = balie.cancel_registration(&a.id, &reason)?;
            format!("Afgemeld: {} ({})\n", a.display_name(), c.reason)
        }
        AttendeesCommand::Reinstate {
            code,
            reason,
            staff,
        } => {
            balie.set_staff(&staff)?;
            let a = balie.attendee_by_code(&code)?;
            balie.reinstate_registration(&a.id, &reason)?;
            format!("Weer aangemeld: {}\n", a.display_name())
        }
    })
}
