//! The desk's side of `wire::sync`: what it reads from and writes to this desk's database.

use crate::app::{Balie, LaunchOptions};
use crate::domain::error::{Error, Result};
use crate::domain::events::{kinds, EventRecord};
use crate::store::merge::Origin;
use crate::wire::sync::*;
use std::path::Path;

impl Balie {
    pub(crate) fn key(&self) -> Result<[u8; 32]> {
        match read_key(self.data_dir())? {
            Some(k) => Ok(k),
            None => Err(Error::said(
                "congressleutel",
                "err.key.none",
                [(
                    "file",
                    self.data_dir().join(KEY_FILE).display().to_string().into(),
                )],
            )),
        }
    }

    /// The congress key as a code to type or scan on a desk that joins.
    pub fn congress_key_code(&self) -> Result<String> {
        Ok(key_code(&self.key()?))
    }

    /// What this desk holds: per desk the highest sequence number.
    pub fn version_vector(&self) -> Result<VersionVector> {
        crate::store::log::version_vector(self.store().conn())
    }

    /// Every desk this desk has events from.
    pub fn sync_status(&self) -> Result<Vec<DeskStatus>> {
        let me = self.store().desk().desk_id.clone();
        let now_ms = self.store().clock().now_ms();
        let keys = crate::store::signatures::keys(self.store().conn())?;
        let unsigned = crate::store::signatures::unsigned_counts(self.store().conn())?;
        let mut signers = crate::store::signatures::signers(self.store().conn())?;
        Ok(crate::store::log::desks(self.store().conn())?
            .into_iter()
            .map(|d| DeskStatus {
                this_desk: d.desk_id == me,
                key: keys
                    .get(&d.desk_id)
                    .and_then(|k| crate::domain::signing::verifying_key(k))
                    .map(|k| crate::domain::signing::fingerprint(&k)),
                unsigned: unsigned.get(&d.desk_id).copied().unwrap_or(0),
                signers: signers
                    .remove(&d.desk_id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(staff, events)| crate::wire::sync::Signer { staff, events })
                    .collect(),
                clock_ahead_s: crate::domain::clock::hlc::too_far_ahead(d.max_hlc, now_ms)
                    .map(|ms| ms / 1000),
                desk_id: d.desk_id,
                events: d.events,
                last_event: d.last_event,
                desk_name: d.desk_name,
            })
            .collect())
    }

    /// What this desk received and did not merge (newest first, at most 500): two events
    /// under one number, a forked log, a second key for a known desk.
    pub fn quarantine(&self) -> Result<Vec<crate::store::signatures::Quarantined>> {
        crate::store::signatures::quarantined(self.store().conn(), 500)
    }

    /// A bundle of the events a desk with `since` lacks (all events for an empty vector).
    pub fn export_bundle(&self, since: &VersionVector) -> Result<Vec<u8>> {
        self.export_bundle_part(since, usize::MAX)
    }

    /// [`Balie::export_bundle`] with at most `limit` events (the network sends a big log
    /// in parts; the asker pulls again for the rest).
    pub(crate) fn export_bundle_part(
        &self,
        since: &VersionVector,
        limit: usize,
    ) -> Result<Vec<u8>> {
        let key = self.key()?;
        let events: Vec<EventRecord> =
            crate::store::log::events_since(self.store().conn(), since, limit)?;
        let desk = self.store().desk();
        let body = BundleBody {
            congress_id: self.congress_id()?,
            from_desk: desk.desk_id.clone(),
            from_desk_name: desk.desk_name.clone(),
            created: crate::domain::clock::rfc3339(self.store().clock().now()),
            vector: self.version_vector()?,
            events,
        };
        let json = serde_json::to_vec(&body).map_err(|e| Error::Internal(e.to_string()))?;
        seal(&key, &json)
    }

    /// Merges a bundle file: refused whole when it is not sealed with this congress's key or
    /// is of another congress; otherwise every event this desk lacks and can take is added
    /// and projected, in one transaction (see [`Origin::File`]).
    pub fn import_bundle(&mut self, bytes: &[u8]) -> Result<BundleReport> {
        self.import_bundle_from(bytes, Origin::File)
    }

    pub(crate) fn import_bundle_from(
        &mut self,
        bytes: &[u8],
        origin: Origin,
    ) -> Result<BundleReport> {
        let body = self.open_bundle(bytes)?;
        self.merge(body, origin)
    }

    /// A bundle from another desk of this congress, decrypted and checked, not yet merged:
    /// the part of [`Balie::import_bundle`] a reader can do beside the writer.
    pub fn open_bundle(&self, bytes: &[u8]) -> Result<BundleBody> {
        let key = self.key()?;
        let body = verify(bytes, &key)?;
        let ours = self.congress_id()?;
        if body.congress_id != ours {
            return Err(Error::said(
                "bundel",
                "err.bundle.otherCongress",
                [("theirs", body.congress_id.into()), ("ours", ours.into())],
            ));
        }
        Ok(body)
    }

    /// Merges a bundle [`Balie::open_bundle`] opened, in one transaction.
    pub fn merge_bundle(&mut self, body: BundleBody) -> Result<BundleReport> {
        self.merge(body, Origin::File)
    }

    fn merge(&mut self, mut body: BundleBody, origin: Origin) -> Result<BundleReport> {
        body.events
            .sort_by(|a, b| (a.hlc, &a.desk_id, a.seq).cmp(&(b.hlc, &b.desk_id, b.seq)));
        let received = body.events.len() as i64;
        let now = crate::domain::clock::rfc3339(self.store().clock().now());
        let from = body.from_desk_name.clone();
        let outcome = self
            .store_mut()
            .write(|w| w.merge_all(&body.events, origin, &now, &from))?;
        if outcome.changed_register {
            self.refresh_search()?;
        }
        if outcome.own_conflict {
            self.continue_as_new_desk()?;
        }
        let offset = time::OffsetDateTime::parse(
            &body.created,
            &time::format_description::well_known::Rfc3339,
        )
        .map(|t| (t - self.store().clock().now()).whole_seconds())
        .unwrap_or(0);
        Ok(BundleReport {
            from_desk: body.from_desk,
            from_desk_name: body.from_desk_name,
            received,
            new: outcome.new,
            clock_offset_s: offset,
            sender_vector: body.vector,
            legacy: outcome.legacy,
            refused: outcome.refused,
            quarantined: outcome.quarantined,
            held_back: outcome.held_back,
            desks_refused: outcome.desks_refused.into_iter().collect(),
        })
    }

    /// Starts a new desk of an existing congress in an empty data folder: with the congress
    /// key (as its code) and a full bundle from a desk that has the congress.
    pub fn join(opts: &LaunchOptions, key_code_text: &str, bundle: &[u8]) -> Result<Balie> {
        let (key, body) = full_bundle(key_code_text, bundle)?;
        let mut balie = Balie::open_empty(opts)?;
        write_key(balie.data_dir(), &key)?;
        balie.merge(body, Origin::File)?;
        balie.after_join()?;
        Ok(balie)
    }
}

impl Balie {
    /// Whether this desk holds only what its own first start wrote (the congress, the
    /// programme, the default lists): nothing that joining another congress would lose.
    pub fn only_first_start(&self) -> Result<bool> {
        let others = crate::store::log::count_other_than(
            self.store().conn(),
            &self.store().desk().desk_id,
            [
                kinds::CONGRESS_CREATED,
                kinds::PROGRAMME_LOADED,
                kinds::LIST_CREATED,
                kinds::DESK_KEY_ANNOUNCED,
            ],
        )?;
        Ok(others == 0)
    }

    /// Joining sets this desk's own first start aside; a desk with data of its own never
    /// joins (its data would no longer be the congress's it belongs to).
    pub(crate) fn refuse_own_data(&self) -> Result<()> {
        if self.only_first_start()? {
            return Ok(());
        }
        Err(Error::said(
            "aansluiten",
            "err.join.ownData",
            [("count", (self.store().event_count()? as usize).into())],
        ))
    }

    /// Makes this desk a desk of another congress, in its own data folder: for a laptop
    /// that was just installed (its first start made a congress of its own). Refused when
    /// this desk holds anything else. The old database and key are moved to a folder
    /// `vervangen-…` in the data folder, never deleted; if joining fails they are put back.
    pub fn join_in_place(&mut self, key_code_text: &str, bundle: &[u8]) -> Result<()> {
        let (_, body) = full_bundle(key_code_text, bundle)?;
        if body.congress_id == self.congress_id()? {
            return Err(Error::said("aansluiten", "err.join.already", []));
        }
        self.refuse_own_data()?;
        let opts = self.reopen_options();
        let dir = self.data_dir().to_path_buf();
        let stamp = crate::domain::clock::rfc3339(self.store().clock().now()).replace(':', "");
        let aside = dir.join(format!("vervangen-{stamp}"));
        let moved_files = [
            crate::app::DATABASE_FILE.to_string(),
            format!("{}-wal", crate::app::DATABASE_FILE),
            format!("{}-shm", crate::app::DATABASE_FILE),
            KEY_FILE.to_string(),
        ];
        let io = |path: &Path, e: std::io::Error| Error::DataDir {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        let tmp = self.release_database()?;
        std::fs::create_dir_all(&aside).map_err(|e| io(&aside, e))?;
        for f in &moved_files {
            let from = dir.join(f);
            if from.exists() {
                std::fs::rename(&from, aside.join(f)).map_err(|e| io(&from, e))?;
            }
        }
        let result = Balie::join(&opts, key_code_text, bundle);
        let outcome = match result {
            Ok(joined) => {
                self.become_desk(joined);
                Ok(())
            }
            Err(e) => {
                // Put this desk back as it was.
                for f in &moved_files {
                    let _ = std::fs::remove_file(dir.join(f));
                    let from = aside.join(f);
                    if from.exists() {
                        std::fs::rename(&from, dir.join(f)).map_err(|e| io(&from, e))?;
                    }
                }
                let _ = std::fs::remove_dir(&aside);
                self.become_desk(Balie::start(&opts)?);
                Err(e)
            }
        };
        let _ = std::fs::remove_dir_all(&tmp);
        outcome
    }
}

impl Balie {
    /// A sealed backup (see `wire::backup`) of a consistent copy of the database (SQLite
    /// `VACUUM INTO`) in `dir`, or in the data folder's `backups/` keeping the last
    /// [`BACKUPS_KEPT`]. Written under a temporary name and renamed: a backup cut off
    /// halfway never carries a backup's name, and what such a cut left is removed here.
    /// Returns the file.
    pub fn backup(&self, dir: Option<&Path>) -> Result<std::path::PathBuf> {
        use crate::wire::backup;
        let rolling = dir.is_none();
        let dir = dir.map_or_else(|| self.data_dir().join("backups"), Path::to_path_buf);
        let io = |path: &Path, e: &dyn std::fmt::Display| Error::DataDir {
            path: path.to_path_buf(),
            reason: format!("back-up maken mislukt: {e}"),
        };
        std::fs::create_dir_all(&dir).map_err(|e| io(&dir, &e))?;
        remove_partial_backups(&dir);
        let key = self.key()?;
        let stamp =
            crate::domain::clock::rfc3339(self.store().clock().now()).replace([':', '-'], "");
        let congress = self.congress_id()?;
        let short = &congress[..8.min(congress.len())];
        let ext = backup::EXTENSION;
        // Within one second the names get a counter after the highest one there (never a
        // name freed by the rolling removal, which would sort among the old ones).
        let base = format!("balie-{short}-{stamp}");
        let taken = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .flatten()
                    .filter_map(|e| {
                        let name = e.file_name().to_string_lossy().to_string();
                        let rest = name.strip_prefix(&base)?.strip_suffix(&format!(".{ext}"))?;
                        match rest.strip_prefix('-') {
                            None if rest.is_empty() => Some(1),
                            Some(n) => n.parse::<u32>().ok(),
                            None => None,
                        }
                    })
                    .max()
            })
            .unwrap_or(None);
        let file = match taken {
            None => dir.join(format!("{base}.{ext}")),
            Some(n) => dir.join(format!("{base}-{}.{ext}", n + 1)),
        };
        let plain = dir.join(format!(".balie-{}.kopie", uuid::Uuid::now_v7()));
        let copied = crate::store::log::copy_into(self.store().conn(), &plain)
            .map_err(|e| io(&file, &e))
            .and_then(|()| std::fs::read(&plain).map_err(|e| io(&plain, &e)));
        let _ = std::fs::remove_file(&plain);
        let database = copied?;
        let desk = self.store().desk();
        let header = backup::BackupHeader {
            congress_id: congress.clone(),
            desk_id: desk.desk_id.clone(),
            desk_name: desk.desk_name.clone(),
            created: crate::domain::clock::rfc3339(self.store().clock().now()),
            incarnation: uuid::Uuid::now_v7().to_string(),
            schema: self.store().schema_version()?,
        };
        let sealed = backup::seal(&key, &header, &database)?;
        drop(database);
        let partial = dir.join(format!(".balie-{}.deel", uuid::Uuid::now_v7()));
        crate::store::desk::write_private(&partial, &sealed)
            .and_then(|()| std::fs::rename(&partial, &file))
            .map_err(|e| {
                let _ = std::fs::remove_file(&partial);
                io(&file, &e)
            })?;
        if rolling {
            let mut old: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
                .map_err(|e| io(&dir, &e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("balie-") && n.ends_with(&format!(".{ext}")))
                })
                .collect();
            // Oldest first: by the time it was written, then by the counter that tells
            // apart names made within one second (which does not sort as text).
            old.sort_by_key(|p| {
                let stem = p
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default();
                let (base, n) = match stem.rsplit_once('-') {
                    Some((base, n)) if n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit()) => {
                        (base.to_string(), n.parse::<u32>().unwrap_or(1))
                    }
                    _ => (stem.clone(), 1),
                };
                let written = std::fs::metadata(p).and_then(|m| m.modified()).ok();
                (written, base, n)
            });
            let excess = old.len().saturating_sub(BACKUPS_KEPT);
            for p in old.into_iter().take(excess) {
                let _ = std::fs::remove_file(p);
            }
        }
        Ok(file)
    }

    /// Restores from a backup by merging its events: whatever this database lost comes
    /// back, and nothing written since the backup is lost. Refused whole when the backup
    /// is not sealed with this congress's key, was changed, or is of another congress;
    /// every event in it must be signed by its desk as from any bundle.
    pub fn restore(&mut self, backup: &Path) -> Result<RestoreReport> {
        self.restore_file(backup, true)
    }

    /// What [`Balie::restore`] would add, without adding it.
    pub fn restore_preview(&mut self, backup: &Path) -> Result<RestoreReport> {
        self.restore_file(backup, false)
    }

    fn restore_file(&mut self, backup: &Path, apply: bool) -> Result<RestoreReport> {
        let name = backup.display().to_string();
        let bytes = std::fs::read(backup).map_err(|e| Error::DataDir {
            path: backup.to_path_buf(),
            reason: format!("de back-up kan niet worden gelezen: {e}"),
        })?;
        self.restore_sealed(&bytes, &name, apply)
    }

    fn restore_sealed(&mut self, bytes: &[u8], name: &str, apply: bool) -> Result<RestoreReport> {
        let (header, mut database) = crate::wire::backup::open(bytes, &self.key()?, name)?;
        let ours = self.congress_id()?;
        if header.congress_id != ours {
            return Err(Error::said(
                "back-up",
                "err.restore.otherCongress",
                [
                    ("file", name.to_string().into()),
                    ("theirs", header.congress_id.into()),
                ],
            ));
        }
        let unreadable = |why: String| {
            Error::said(
                "back-up",
                "err.restore.unreadable",
                [("file", name.to_string().into()), ("why", why.into())],
            )
        };
        if header.schema > crate::store::SCHEMA_VERSION {
            return Err(Error::said(
                "back-up",
                "err.format.newerBackup",
                [("version", header.schema.to_string().into())],
            ));
        }
        // Read as a plain file (not WAL: bytes 18 and 19 of the header), from a scratch
        // copy readable by this user only, never opened for writing.
        if database.len() >= 100 && database.starts_with(b"SQLite format 3\0") {
            database[18] = 1;
            database[19] = 1;
        }
        let scratch = tempfile_path(self.data_dir());
        crate::store::desk::write_private(&scratch, &database)
            .map_err(|e| unreadable(e.to_string()))?;
        drop(database);
        let contents = crate::store::log::read_copy(&scratch);
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", scratch.display()));
        }
        let contents = contents.map_err(unreadable)?;
        if contents.schema > crate::store::SCHEMA_VERSION {
            return Err(Error::said(
                "back-up",
                "err.format.newerBackup",
                [("version", contents.schema.to_string().into())],
            ));
        }
        if contents.congress_id.as_deref() != Some(ours.as_str()) {
            return Err(Error::said(
                "back-up",
                "err.restore.otherCongress",
                [
                    ("file", name.to_string().into()),
                    (
                        "theirs",
                        contents.congress_id.unwrap_or_else(|| "?".into()).into(),
                    ),
                ],
            ));
        }
        let in_backup = contents.events.len() as i64;
        let body = BundleBody {
            congress_id: ours,
            from_desk: header.desk_id.clone(),
            from_desk_name: header.desk_name.clone(),
            created: header.created.clone(),
            vector: VersionVector::new(),
            events: contents.events,
        };
        let outcome = if apply {
            let r = self.merge(body, Origin::File)?;
            (r.new, r.refused, r.quarantined)
        } else {
            let now = crate::domain::clock::rfc3339(self.store().clock().now());
            let mut events = body.events;
            events.sort_by(|a, b| (a.hlc, &a.desk_id, a.seq).cmp(&(b.hlc, &b.desk_id, b.seq)));
            let o = self
                .store_mut()
                .dry_run(|w| w.merge_all(&events, Origin::File, &now, &header.desk_name))?;
            (o.new, o.refused, o.quarantined)
        };
        Ok(RestoreReport {
            in_backup,
            restored: outcome.0,
            refused: outcome.1,
            quarantined: outcome.2,
            desk_name: header.desk_name,
            created: header.created,
            applied: apply,
        })
    }
}

/// Removes what a backup cut off halfway left behind (its temporary files, whose names
/// start with a dot and are never counted as backups).
fn remove_partial_backups(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // The copy, the journal SQLite keeps beside it while it writes the copy
        // (`.kopie-journal`), the sealed file before its rename.
        if name.starts_with(".balie-")
            && (name.contains(".kopie") || name.ends_with(".deel") || name.ends_with(".tmp"))
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

impl Balie {
    /// Writes a bundle of everything this desk has to `dir` (a USB stick), or to the data
    /// folder's `bundels/`; returns the file. Importing it anywhere adds only what is new.
    pub fn write_bundle(&self, dir: Option<&Path>) -> Result<std::path::PathBuf> {
        let dir = dir.map_or_else(|| self.data_dir().join("bundels"), Path::to_path_buf);
        std::fs::create_dir_all(&dir).map_err(|e| Error::DataDir {
            path: dir.clone(),
            reason: e.to_string(),
        })?;
        let bytes = self.export_bundle(&VersionVector::new())?;
        let stamp =
            crate::domain::clock::rfc3339(self.store().clock().now()).replace([':', '-'], "");
        let desk: String = self
            .store()
            .desk()
            .desk_name
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        let mut file = dir.join(format!("{desk}-{stamp}.balie"));
        let mut n = 2;
        while file.exists() {
            file = dir.join(format!("{desk}-{stamp}-{n}.balie"));
            n += 1;
        }
        std::fs::write(&file, bytes).map_err(|e| Error::DataDir {
            path: file.clone(),
            reason: e.to_string(),
        })?;
        Ok(file)
    }

    /// [`Balie::restore`] from the bytes of a backup file (chosen in the window).
    pub fn restore_bytes(&mut self, bytes: &[u8]) -> Result<RestoreReport> {
        self.restore_sealed(bytes, "de gekozen back-up", true)
    }

    /// [`Balie::restore_preview`] from the bytes of a backup file.
    pub fn restore_preview_bytes(&mut self, bytes: &[u8]) -> Result<RestoreReport> {
        self.restore_sealed(bytes, "de gekozen back-up", false)
    }
}

impl Balie {
    /// A small message between desks (a request, a report), encrypted and authenticated with
    /// a key derived from the congress key.
    pub fn seal_message(&self, body: &[u8]) -> Result<Vec<u8>> {
        let key = self.key()?;
        let mut out = format!("{SEALED}\n").into_bytes();
        out.extend_from_slice(&aead_seal(&message_key(&key), SEALED.as_bytes(), body)?);
        Ok(out)
    }

    /// The body of a message sealed with this congress's key; refused otherwise (the
    /// signed, clear-text messages of older Balies are no longer taken from the network).
    pub fn open_message(&self, bytes: &[u8]) -> Result<Vec<u8>> {
        let key = self.key()?;
        let refuse = || Error::said("netwerk", "err.net.unsigned", []);
        let rest = bytes
            .strip_prefix(format!("{SEALED}\n").as_bytes())
            .ok_or_else(refuse)?;
        aead_open(&message_key(&key), SEALED.as_bytes(), rest).ok_or_else(refuse)
    }
}
