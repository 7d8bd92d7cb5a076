//! The values of the register and the congress: who comes, and to what. Plain data of the
//! domain layer; `store::attendees` and `store::congress` keep them in the database.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the organiser says about the congress (the payload of `congress.created`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CongressInfo {
    pub name: String,
    pub organiser: String,
    pub venue: String,
    pub city: String,
    /// `YYYY-MM-DD`.
    pub start_date: String,
    pub end_date: String,
    /// The local offset of the programme times, e.g. `+01:00` in December.
    pub utc_offset: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Congress {
    pub id: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub info: CongressInfo,
    /// A demo database: fictitious people only; real imports refuse it.
    pub is_demo: bool,
}

/// The payload of `congress.created`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CongressCreated {
    #[serde(flatten)]
    pub info: CongressInfo,
    pub is_demo: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Attendee {
    pub id: String,
    pub first_name: String,
    /// "van den" in "Rachel van den Hoogen"; empty when there is none.
    pub tussenvoegsel: String,
    pub last_name: String,
    pub organisation: String,
    pub email: String,
    pub function: String,
    /// The member organisation this person belongs to (for the ALV).
    pub member_org: Option<String>,
    pub thursday: bool,
    pub friday: bool,
    pub dinner: bool,
    /// Programme item id of the chosen knowledge session.
    pub session_choice: Option<String>,
    /// Programme item id of the chosen work visit.
    pub visit_choice: Option<String>,
    pub bus: bool,
    pub dietary: String,
    pub accessibility: String,
    pub speaker: bool,
    pub guest: bool,
    pub badge_code: String,
    /// Registered at the desk on the day (not in the registration export).
    /// Left out of the JSON when false, so records written before it existed read the same.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub walk_in: bool,
}

impl Attendee {
    /// The name as the person writes it: "Rachel van den Hoogen".
    pub fn display_name(&self) -> String {
        crate::domain::names::written_name(&self.first_name, &self.tussenvoegsel, &self.last_name)
    }
}
