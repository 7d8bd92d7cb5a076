use crate::prelude::*;
#[derive(Subcommand)]
pub(crate) enum SignupsCommand {
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

pub(crate) fn signups_command(balie: &mut Balie, command: SignupsCommand) -> Out {
    match command {
        SignupsCommand::List { item, json } => {
            let list = balie.signups(&item)?;
            if json {
                to_json(&list)
            } else {
                Ok(signup_text(&list))
            }
        }
        SignupsCommand::Add { item, code, staff } => {
            balie.set_staff(&staff)?;
            let person = balie.attendee_by_code(&code)?;
            let out = balie.sign_up(&person.id, &item)?;
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
            balie.set_staff(&staff)?;
            let person = balie.attendee_by_code(&code)?;
            let list = balie.sign_off(&person.id, &item)?;
            Ok(signup_text(&list))
        }
    }
}
