//! Merging other desks' events: each desk's run in sequence order, every signature checked
//! (in batches, on every core) against the key bound to its desk, each event linked to the
//! one before it. What cannot be merged never stops the rest: a desk whose run breaks
//! (a forged event, a gap, a fork) has that run held back or quarantined, and every other
//! desk's events in the bundle merge.

use super::Writer;
use crate::domain::clock::hlc;
use crate::domain::error::Result;
use crate::domain::events::{kinds, EventRecord};
use crate::domain::signing;
use crate::store::signatures::{self, KeyAnnounced, QuarantineReason};
use crate::store::sql::SqlResultExt;
use rusqlite::OptionalExtension;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Where merged events come from, and so what is taken from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Another desk over the network: every new event must be signed by its desk.
    Network,
    /// A bundle file or a backup, chosen by staff: unsigned (legacy) events are taken too,
    /// of a desk that has no key, or from before it announced one; marked unsigned.
    File,
}

/// What a merge did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MergeOutcome {
    /// Events this desk did not have, now merged.
    pub new: i64,
    /// Of those, unsigned (legacy) ones.
    pub legacy: i64,
    /// Refused: not signed by their desk's key (forged or changed), or unsigned from the
    /// network.
    pub refused: i64,
    /// Put in quarantine (see [`QuarantineReason`]).
    pub quarantined: i64,
    /// Not merged because an earlier event of the same desk was not (they come again).
    pub held_back: i64,
    /// The names of the desks any event was refused or quarantined of.
    pub desks_refused: BTreeSet<String>,
    /// Whether an event of this very desk, signed with its key, differs from the one this
    /// desk holds under its number: this database was put back from an older copy and
    /// numbered on where the original had already been. The desk must continue as a new
    /// desk, or everything it writes from here on conflicts too.
    pub own_conflict: bool,
    /// Whether the register changed (the search index must be built again).
    pub changed_register: bool,
}

impl Writer<'_> {
    /// Merges `events` (in canonical order) by the rules of `origin`. `received` is this
    /// desk's time (RFC 3339) and `from_desk` the sender's name, kept with a quarantined
    /// event.
    pub(crate) fn merge_all(
        &mut self,
        events: &[EventRecord],
        origin: Origin,
        received: &str,
        from_desk: &str,
    ) -> Result<MergeOutcome> {
        let mut out = MergeOutcome::default();
        // Keys: bound here, or announced in this bundle (the lowest numbered announcement
        // of a desk binds on first sight), with the number of the announcement.
        let mut keys: HashMap<String, (String, i64)> = HashMap::new();
        {
            let mut stmt = self
                .tx
                .prepare_cached(
                    "SELECT k.desk_id, k.public_key, coalesce(e.seq, 0)
                     FROM desk_keys k LEFT JOIN events e ON e.id = k.event_id",
                )
                .write_err()?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?))))
                .write_err()?;
            for row in rows {
                let (desk, key) = row.write_err()?;
                keys.insert(desk, key);
            }
        }
        let bound: HashSet<String> = keys.keys().cloned().collect();
        for ev in events
            .iter()
            .filter(|e| e.kind == kinds::DESK_KEY_ANNOUNCED)
        {
            if bound.contains(&ev.desk_id) {
                continue;
            }
            let Ok(k) = serde_json::from_str::<KeyAnnounced>(&ev.payload) else {
                continue;
            };
            match keys.get(&ev.desk_id) {
                Some((_, seq)) if *seq <= ev.seq => {}
                _ => {
                    keys.insert(ev.desk_id.clone(), (k.public_key, ev.seq));
                }
            }
        }
        let verifying: HashMap<&str, ed25519_dalek::VerifyingKey> = keys
            .iter()
            .filter_map(|(d, (k, _))| signing::verifying_key(k).map(|v| (d.as_str(), v)))
            .collect();
        let signed: Vec<&EventRecord> = events.iter().filter(|e| e.sig.is_some()).collect();
        let verdicts = signing::verify_all(&signed, |d| verifying.get(d).copied());
        let genuine: HashSet<&str> = signed
            .iter()
            .zip(&verdicts)
            .filter(|(_, ok)| **ok)
            .map(|(e, _)| e.id.as_str())
            .collect();

        // Per desk: the highest number held and the id of that event.
        let mut held: HashMap<String, (i64, String)> = HashMap::new();
        {
            let mut stmt = self
                .tx
                .prepare_cached("SELECT desk_id, max(seq), id FROM events GROUP BY desk_id")
                .write_err()?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?))))
                .write_err()?;
            for row in rows {
                let (desk, at) = row.write_err()?;
                held.insert(desk, at);
            }
        }
        let mut stopped: HashSet<String> = HashSet::new();
        let followed_up_to = hlc::followed_up_to(self.clock.now_ms());
        for ev in events {
            if stopped.contains(&ev.desk_id) {
                out.held_back += 1;
                continue;
            }
            let (before, last_id) = held
                .get(&ev.desk_id)
                .map_or((0, None), |(s, id)| (*s, Some(id.as_str())));
            let mut stop = |out: &mut MergeOutcome, refused: bool| {
                if refused {
                    out.desks_refused.insert(ev.desk_name.clone());
                }
                stopped.insert(ev.desk_id.clone());
            };
            if ev.seq <= before {
                let existing: Option<String> = self
                    .tx
                    .prepare_cached("SELECT id FROM events WHERE desk_id = ?1 AND seq = ?2")
                    .write_err()?
                    .query_row(rusqlite::params![ev.desk_id, ev.seq], |r| r.get(0))
                    .optional()
                    .write_err()?;
                if existing.as_deref() != Some(ev.id.as_str()) {
                    self.quarantine(ev, QuarantineReason::Number, received, from_desk, &mut out)?;
                    if ev.desk_id == self.desk.desk_id && genuine.contains(ev.id.as_str()) {
                        out.own_conflict = true;
                    }
                    stop(&mut out, true);
                }
                continue;
            }
            if ev.seq != before + 1 {
                out.held_back += 1;
                stop(&mut out, false);
                continue;
            }
            match &ev.sig {
                None => {
                    let before_key = keys.get(&ev.desk_id).is_none_or(|(_, at)| ev.seq < *at);
                    if origin == Origin::File && before_key {
                        out.legacy += 1;
                    } else {
                        out.refused += 1;
                        stop(&mut out, true);
                        continue;
                    }
                }
                Some(_) => {
                    if ev.kind == kinds::DESK_KEY_ANNOUNCED {
                        let announced = serde_json::from_str::<KeyAnnounced>(&ev.payload)
                            .map(|k| k.public_key)
                            .ok();
                        if announced.as_ref() != keys.get(&ev.desk_id).map(|(k, _)| k) {
                            self.quarantine(
                                ev,
                                QuarantineReason::Key,
                                received,
                                from_desk,
                                &mut out,
                            )?;
                            stop(&mut out, true);
                            continue;
                        }
                    }
                    if !genuine.contains(ev.id.as_str()) {
                        out.refused += 1;
                        stop(&mut out, true);
                        continue;
                    }
                    if ev.prev.as_deref() != last_id {
                        self.quarantine(
                            ev,
                            QuarantineReason::Chain,
                            received,
                            from_desk,
                            &mut out,
                        )?;
                        out.own_conflict |= ev.desk_id == self.desk.desk_id;
                        stop(&mut out, true);
                        continue;
                    }
                }
            }
            self.insert_and_project(ev)?;
            held.insert(ev.desk_id.clone(), (ev.seq, ev.id.clone()));
            out.new += 1;
            out.changed_register |= kinds::changes_register(&ev.kind);
            if ev.desk_id == self.desk.desk_id {
                // A restore brought this desk's own events back: number on after them.
                self.own = None;
            }
            // The next local event's HLC comes after everything merged, as far as this
            // desk's clock follows.
            if ev.hlc <= followed_up_to {
                self.last_hlc = Some(self.last_hlc.unwrap_or(0).max(ev.hlc));
            }
        }
        Ok(out)
    }

    fn quarantine(
        &self,
        ev: &EventRecord,
        reason: QuarantineReason,
        received: &str,
        from_desk: &str,
        out: &mut MergeOutcome,
    ) -> Result<()> {
        signatures::quarantine(&self.tx, ev, reason, received, from_desk)?;
        out.quarantined += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clock::Clock;
    use crate::store::desk::DeskIdentity;
    use crate::store::Store;

    fn legacy(seq: i64, prev: Option<&str>) -> EventRecord {
        EventRecord {
            id: format!("old-{seq}"),
            desk_id: "older-desk".into(),
            seq,
            hlc: 1 << 20,
            wall_time: "2023-12-07T08:00:00Z".into(),
            desk_name: "Oude balie".into(),
            staff: "Piet".into(),
            kind: "van.een.nieuwere.balie".into(),
            subject: "x".into(),
            payload: "{}".into(),
            salt: None,
            prev: prev.map(str::to_string),
            sig: None,
        }
    }

    #[test]
    fn unsigned_events_come_from_files_only_never_from_the_network() {
        let dir = tempfile::tempdir().expect("dir");
        let desk = DeskIdentity::load_or_create(dir.path()).expect("desk");
        let mut store =
            Store::open(&dir.path().join("balie.sqlite"), Clock::System, desk).expect("open");
        let events = [legacy(1, None), legacy(2, Some("old-1"))];
        let out = store
            .write(|w| w.merge_all(&events, Origin::Network, "nu", "Oude balie"))
            .expect("merge");
        assert_eq!((out.new, out.refused, out.held_back), (0, 1, 1));
        let out = store
            .write(|w| w.merge_all(&events, Origin::File, "nu", "Oude balie"))
            .expect("merge");
        assert_eq!((out.new, out.legacy, out.refused), (2, 2, 0));
        let unsigned = crate::store::signatures::unsigned_counts(store.conn()).expect("counts");
        assert_eq!(unsigned.get("older-desk"), Some(&2));
    }
}
