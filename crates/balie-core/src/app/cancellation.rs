//! Cancelling and reinstating registrations: by hand with a reason (imports cancel through `app::import`).

use crate::app::Balie;
use crate::domain::cancellation::*;
use crate::domain::error::{Error, Result};
use crate::domain::events::kinds;
use crate::store::cancellation::*;
use std::collections::HashMap;

impl Balie {
    /// Cancels a registration by hand, with a reason (logged with desk and staff).
    pub fn cancel_registration(&mut self, attendee_id: &str, reason: &str) -> Result<Cancellation> {
        self.require_staff()?;
        let reason = reason_of(reason, "err.cancel.reason")?;
        let person = crate::store::attendees::get(self.store().conn(), attendee_id)?;
        if let Some(c) = of(self.store().conn(), attendee_id)? {
            return Err(Error::said(
                "afmelding",
                "err.cancel.already",
                [
                    ("name", person.display_name().into()),
                    ("reason", c.reason.as_str().into()),
                ],
            ));
        }
        let payload = CancelPayload {
            attendee_ids: vec![person.id.clone()],
            reason,
            source: CancelSource::Desk,
        };
        self.store_mut().write(|w| {
            w.append(kinds::ATTENDEES_CANCELLED, &person.id, &payload)
                .map(|_| ())
        })?;
        of(self.store().conn(), attendee_id)?
            .ok_or_else(|| Error::said("afmelding", "err.cancel.notSaved", []))
    }

    /// Undoes a cancellation, with a reason ("toch gekomen, had zich vergist").
    pub fn reinstate_registration(&mut self, attendee_id: &str, reason: &str) -> Result<()> {
        self.require_staff()?;
        let reason = reason_of(reason, "err.reinstate.reason")?;
        let person = crate::store::attendees::get(self.store().conn(), attendee_id)?;
        if of(self.store().conn(), attendee_id)?.is_none() {
            return Err(Error::said(
                "afmelding",
                "err.reinstate.notCancelled",
                [("name", person.display_name().into())],
            ));
        }
        let payload = CancelPayload {
            attendee_ids: vec![person.id.clone()],
            reason,
            source: CancelSource::Desk,
        };
        self.store_mut().write(|w| {
            w.append(kinds::ATTENDEES_REINSTATED, &person.id, &payload)
                .map(|_| ())
        })
    }

    /// Everyone whose registration is cancelled now, by person.
    pub fn cancellations(&self) -> Result<HashMap<String, Cancellation>> {
        all(self.store().conn())
    }
}
