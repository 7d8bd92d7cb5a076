//! A cancelled registration as a value: who cancelled, why, when (the projection and its
//! rule, the latest by (HLC, desk) per person, are in `store::cancellation`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who cancelled: staff at a desk, or an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CancelSource {
    Desk,
    Import,
}

impl CancelSource {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            CancelSource::Desk => "desk",
            CancelSource::Import => "import",
        }
    }

    pub(crate) fn parse(s: &str) -> CancelSource {
        if s == "import" {
            CancelSource::Import
        } else {
            CancelSource::Desk
        }
    }
}

/// A cancelled registration as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Cancellation {
    pub attendee_id: String,
    /// "per e-mail afgemeld", "geannuleerd volgens aanmeldingen.csv".
    pub reason: String,
    pub source: CancelSource,
    /// When it was recorded (RFC 3339 UTC).
    pub wall_time: String,
    pub desk_name: String,
    pub staff: String,
}

/// The payload of `attendees.cancelled` and `attendees.reinstated`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CancelPayload {
    pub attendee_ids: Vec<String>,
    pub reason: String,
    pub source: CancelSource,
}
