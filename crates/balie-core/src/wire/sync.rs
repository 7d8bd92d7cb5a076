//! Desks exchange events in bundles: the events another desk lacks (by version vector), in a
//! file bound to one congress and sealed (encrypted and authenticated, ChaCha20-Poly1305)
//! under a key derived from the congress key; bundles of older Balies, signed with
//! HMAC-SHA256, are still read. Merging adds each desk's events in sequence order and refuses
//! the whole bundle on a gap or on a different event under a number already held; an event
//! held already is skipped, so the same result comes in any order and merging twice changes
//! nothing.
//!
//! The congress key (32 random bytes) lives in `congress.key` in the data folder, beside
//! `desk.json` and outside the database: a copied database file carries no key. A new desk
//! joins with the key (typed as a code) and a full bundle from a desk that has the congress.

use crate::app::{Balie, LaunchOptions};
use crate::domain::error::{Error, Result, SqlResultExt};
use crate::domain::events::{kinds, EventRecord};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

pub const KEY_FILE: &str = "congress.key";
/// Bundles written before they were encrypted: signed (HMAC-SHA256), JSON in clear. Still
/// read, never written.
const MAGIC: &str = "BALIE-BUNDEL 1";
/// Bundles now: the magic line, a 12-byte nonce, then the JSON body encrypted and
/// authenticated with ChaCha20-Poly1305 under a key derived from the congress key (the
/// magic line is the associated data). Personal data never travels in clear.
const MAGIC2: &str = "BALIE-BUNDEL 2";

/// The key that encrypts bundles, derived from the congress key (never the key itself).
fn bundle_key(key: &[u8; 32]) -> [u8; 32] {
    hmac(key, b"balie: bundels versleutelen, versie 2")
}

fn seal(key: &[u8; 32], json: &[u8]) -> Result<Vec<u8>> {
    let mut out = format!("{MAGIC2}\n").into_bytes();
    out.extend_from_slice(&aead_seal(&bundle_key(key), MAGIC2.as_bytes(), json)?);
    Ok(out)
}

/// ChaCha20-Poly1305 under `key` with a fresh random nonce: the nonce (12 bytes), then the
/// ciphertext with its tag. `aad` is authenticated, not sent.
pub(crate) fn aead_seal(key: &[u8; 32], aad: &[u8], msg: &[u8]) -> Result<Vec<u8>> {
    use chacha20poly1305::aead::{Aead, Payload};
    use chacha20poly1305::KeyInit;
    let mut nonce = [0u8; 12];
    getrandom::fill(&mut nonce)
        .map_err(|e| Error::Internal(format!("geen willekeurige bron beschikbaar: {e}")))?;
    let sealed = chacha20poly1305::ChaCha20Poly1305::new(key.into())
        .encrypt((&nonce).into(), Payload { msg, aad })
        .map_err(|_| Error::Internal("versleutelen mislukt".into()))?;
    let mut out = nonce.to_vec();
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Opens what [`aead_seal`] sealed; `None` when it was cut short, changed, or sealed under
/// another key or `aad`.
pub(crate) fn aead_open(key: &[u8; 32], aad: &[u8], bytes: &[u8]) -> Option<Vec<u8>> {
    use chacha20poly1305::aead::{Aead, Payload};
    use chacha20poly1305::KeyInit;
    if bytes.len() < 12 + 16 {
        return None;
    }
    let (nonce, sealed) = bytes.split_at(12);
    chacha20poly1305::ChaCha20Poly1305::new(key.into())
        .decrypt(nonce.into(), Payload { msg: sealed, aad })
        .ok()
}

/// Per desk the highest sequence number held.
pub type VersionVector = BTreeMap<String, i64>;

/// HMAC-SHA256 (RFC 2104).
pub(crate) fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(message);
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// Lower-case hexadecimal, two digits a byte.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

/// Crockford base32 for the key code people type or scan.
const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The key as a code: 52 symbols in groups of four.
pub fn key_code(key: &[u8; 32]) -> String {
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = String::new();
    for &b in key {
        bits = (bits << 8) | u32::from(b);
        n += 8;
        while n >= 5 {
            n -= 5;
            out.push(char::from(CODE_ALPHABET[((bits >> n) & 31) as usize]));
        }
    }
    if n > 0 {
        out.push(char::from(CODE_ALPHABET[((bits << (5 - n)) & 31) as usize]));
    }
    out.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).to_string())
        .collect::<Vec<_>>()
        .join("-")
}

/// Reads a typed key code back (case, dashes and spaces forgiven, O/I/L folded).
pub fn parse_key_code(code: &str) -> Result<[u8; 32]> {
    let bad = || Error::said("congressleutel", "err.key.code", []);
    let mut bits = 0u64;
    let mut n = 0;
    let mut out = Vec::with_capacity(32);
    for c in code.chars().filter(|c| !matches!(c, '-' | ' ')) {
        let c = match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        let v = CODE_ALPHABET
            .iter()
            .position(|&a| char::from(a) == c)
            .ok_or_else(bad)? as u64;
        bits = (bits << 5) | v;
        n += 5;
        if n >= 8 {
            n -= 8;
            out.push(((bits >> n) & 0xff) as u8);
        }
    }
    out.try_into().map_err(|_| bad())
}

/// Reads the congress key of a data folder, if there is one.
pub(crate) fn read_key(dir: &Path) -> Result<Option<[u8; 32]>> {
    let path = dir.join(KEY_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse_key_code(text.trim()).map(Some).map_err(|_| Error::DataDir {
            path: path.clone(),
            reason: "het sleutelbestand is beschadigd; haal de sleutel opnieuw op van een andere balie (sync join)".into(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::DataDir {
            path,
            reason: e.to_string(),
        }),
    }
}

pub(crate) fn write_key(dir: &Path, key: &[u8; 32]) -> Result<()> {
    let path = dir.join(KEY_FILE);
    std::fs::write(&path, key_code(key) + "\n").map_err(|e| Error::DataDir {
        path,
        reason: e.to_string(),
    })
}

pub(crate) fn new_key() -> Result<[u8; 32]> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key)
        .map_err(|e| Error::Internal(format!("geen willekeurige bron beschikbaar: {e}")))?;
    Ok(key)
}

/// The signed part of a bundle.
#[derive(Debug, Serialize, Deserialize)]
struct BundleBody {
    congress_id: String,
    from_desk: String,
    from_desk_name: String,
    /// The sender's wall clock when it wrote the bundle (RFC 3339).
    created: String,
    /// What the sender had.
    vector: VersionVector,
    events: Vec<EventRecord>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BundleReport {
    pub from_desk: String,
    pub from_desk_name: String,
    #[ts(type = "number")]
    pub received: i64,
    /// Events this desk did not have yet.
    #[ts(type = "number")]
    pub new: i64,
    /// The sender's clock minus ours when the bundle was written (a rough skew, in seconds).
    #[ts(type = "number")]
    pub clock_offset_s: i64,
}

/// One desk as this desk knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeskStatus {
    pub desk_id: String,
    pub desk_name: String,
    #[ts(type = "number")]
    pub events: i64,
    /// The wall time of its latest event here.
    pub last_event: String,
    pub this_desk: bool,
}

fn verify(bytes: &[u8], key: &[u8; 32]) -> Result<BundleBody> {
    let refuse = |key: &str| Error::said("bundel", key, []);
    let unreadable = |e: serde_json::Error| {
        Error::said(
            "bundel",
            "err.bundle.unreadable",
            [("why", e.to_string().into())],
        )
    };
    if let Some(rest) = bytes.strip_prefix(format!("{MAGIC2}\n").as_bytes()) {
        if rest.len() < 12 + 16 {
            return Err(refuse("err.bundle.cut"));
        }
        let json = aead_open(&bundle_key(key), MAGIC2.as_bytes(), rest)
            .ok_or_else(|| refuse("err.bundle.signature"))?;
        return serde_json::from_slice(&json).map_err(unreadable);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| refuse("err.bundle.notText"))?;
    let mut parts = text.splitn(3, '\n');
    if parts.next() != Some(MAGIC) {
        return Err(refuse("err.bundle.notBundle"));
    }
    let mac = parts.next().unwrap_or_default();
    let body = parts.next().unwrap_or_default();
    if hex(&hmac(key, body.as_bytes())) != mac {
        return Err(refuse("err.bundle.signature"));
    }
    serde_json::from_str(body).map_err(unreadable)
}

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
        let mut stmt = self
            .store()
            .conn()
            .prepare_cached("SELECT desk_id, max(seq) FROM events GROUP BY desk_id")
            .read_err()?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .read_err()?;
        rows.collect::<rusqlite::Result<_>>().read_err()
    }

    /// Every desk this desk has events from.
    pub fn sync_status(&self) -> Result<Vec<DeskStatus>> {
        let me = self.store().desk().desk_id.clone();
        let mut stmt = self
            .store()
            .conn()
            .prepare_cached(
                "SELECT desk_id, count(*), max(wall_time),
                        (SELECT e2.desk_name FROM events e2 WHERE e2.desk_id = e.desk_id
                         ORDER BY seq DESC LIMIT 1)
                 FROM events e GROUP BY desk_id ORDER BY desk_id",
            )
            .read_err()?;
        let rows = stmt
            .query_map([], |r| {
                Ok(DeskStatus {
                    desk_id: r.get(0)?,
                    events: r.get(1)?,
                    last_event: r.get(2)?,
                    desk_name: r.get(3)?,
                    this_desk: false,
                })
            })
            .read_err()?;
        let mut out: Vec<DeskStatus> = rows.collect::<rusqlite::Result<_>>().read_err()?;
        for d in &mut out {
            d.this_desk = d.desk_id == me;
        }
        Ok(out)
    }

    /// A bundle of the events a desk with `since` lacks (all events for an empty vector).
    pub fn export_bundle(&self, since: &VersionVector) -> Result<Vec<u8>> {
        let key = self.key()?;
        let events: Vec<EventRecord> = self
            .store()
            .events()?
            .into_iter()
            .filter(|e| since.get(&e.desk_id).is_none_or(|&s| e.seq > s))
            .collect();
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

    /// Merges a bundle: refused whole when it is not signed with this congress's key, is of
    /// another congress, or leaves a gap; otherwise every event this desk lacks is added and
    /// projected, in one transaction.
    pub fn import_bundle(&mut self, bytes: &[u8]) -> Result<BundleReport> {
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
        self.merge(body)
    }

    fn merge(&mut self, mut body: BundleBody) -> Result<BundleReport> {
        body.events
            .sort_by(|a, b| (a.hlc, &a.desk_id, a.seq).cmp(&(b.hlc, &b.desk_id, b.seq)));
        let received = body.events.len() as i64;
        let mut changed_people = false;
        let new = self.store_mut().write(|w| {
            let mut new = 0;
            for ev in &body.events {
                if w.merge(ev)? {
                    new += 1;
                    changed_people |= kinds::changes_register(&ev.kind);
                }
            }
            Ok(new)
        })?;
        if changed_people {
            self.refresh_search()?;
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
            new,
            clock_offset_s: offset,
        })
    }

    /// Starts a new desk of an existing congress in an empty data folder: with the congress
    /// key (as its code) and a full bundle from a desk that has the congress.
    pub fn join(opts: &LaunchOptions, key_code_text: &str, bundle: &[u8]) -> Result<Balie> {
        let (key, body) = full_bundle(key_code_text, bundle)?;
        let mut balie = Balie::open_empty(opts)?;
        write_key(balie.data_dir(), &key)?;
        balie.merge(body)?;
        balie.after_join()?;
        Ok(balie)
    }
}

/// The key from its code and the verified body of a full bundle (one with the congress
/// itself in it), as joining needs; nothing is written.
fn full_bundle(key_code_text: &str, bundle: &[u8]) -> Result<([u8; 32], BundleBody)> {
    let key = parse_key_code(key_code_text)?;
    let body = verify(bundle, &key)?;
    if !body
        .events
        .iter()
        .any(|e| e.kind == kinds::CONGRESS_CREATED)
    {
        return Err(Error::said("bundel", "err.bundle.notFull", []));
    }
    Ok((key, body))
}

impl Balie {
    /// Whether this desk holds only what its own first start wrote (the congress, the
    /// programme, the default lists): nothing that joining another congress would lose.
    pub fn only_first_start(&self) -> Result<bool> {
        let others: i64 = self
            .store()
            .conn()
            .query_row(
                "SELECT count(*) FROM events WHERE desk_id != ?1 OR kind NOT IN (?2, ?3, ?4)",
                rusqlite::params![
                    self.store().desk().desk_id,
                    kinds::CONGRESS_CREATED,
                    kinds::PROGRAMME_LOADED,
                    kinds::LIST_CREATED
                ],
                |r| r.get(0),
            )
            .read_err()?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        let mac = hmac(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn bundles_are_encrypted_and_old_signed_ones_still_read() {
        let key: [u8; 32] = std::array::from_fn(|i| i as u8);
        let other: [u8; 32] = std::array::from_fn(|i| (i * 3) as u8);
        let body = BundleBody {
            congress_id: "c".into(),
            from_desk: "d".into(),
            from_desk_name: "Balie 1".into(),
            created: "2023-12-07T14:00:00Z".into(),
            vector: VersionVector::new(),
            events: Vec::new(),
        };
        let json = serde_json::to_vec(&body).expect("json");
        let sealed = seal(&key, &json).expect("seal");
        assert!(sealed.starts_with(b"BALIE-BUNDEL 2\n"));
        assert!(
            !sealed.windows(7).any(|w| w == b"Balie 1"),
            "nothing in clear"
        );
        assert_eq!(
            verify(&sealed, &key).expect("open").from_desk_name,
            "Balie 1"
        );
        assert!(verify(&sealed, &other).is_err(), "another key");
        let mut bent = sealed.clone();
        let last = bent.len() - 1;
        bent[last] ^= 1;
        assert!(verify(&bent, &key).is_err(), "changed on the way");
        assert!(verify(&sealed[..20], &key).is_err(), "cut off");
        // Two seals of one body differ (a fresh nonce each time).
        assert_ne!(seal(&key, &json).expect("seal"), sealed);
        // A bundle written before encryption (signed, in clear) is still read.
        let text = std::str::from_utf8(&json).expect("utf-8");
        let v1 = format!("{MAGIC}\n{}\n{text}", hex(&hmac(&key, text.as_bytes())));
        assert_eq!(verify(v1.as_bytes(), &key).expect("v1").from_desk, "d");
        assert!(verify(v1.as_bytes(), &other).is_err());
    }

    #[test]
    fn key_codes_round_trip_and_refuse_typos() {
        let key: [u8; 32] = std::array::from_fn(|i| (i * 37 + 11) as u8);
        let code = key_code(&key);
        assert_eq!(code.replace('-', "").len(), 52);
        assert_eq!(parse_key_code(&code).expect("parse"), key);
        assert_eq!(
            parse_key_code(&code.to_lowercase().replace('-', " ")).expect("parse"),
            key
        );
        assert!(parse_key_code(&code[..20]).is_err());
        assert!(parse_key_code("UUUU").is_err());
    }
}

/// Backups kept in the data folder's `backups/` (older ones are removed).
pub const BACKUPS_KEPT: usize = 10;

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RestoreReport {
    #[ts(type = "number")]
    pub in_backup: i64,
    /// Events the backup had that this database had lost.
    #[ts(type = "number")]
    pub restored: i64,
}

impl Balie {
    /// A consistent copy of the database (SQLite `VACUUM INTO`) in `dir`, or in the data
    /// folder's `backups/` keeping the last [`BACKUPS_KEPT`]. Returns the file.
    pub fn backup(&self, dir: Option<&Path>) -> Result<std::path::PathBuf> {
        let rolling = dir.is_none();
        let dir = dir.map_or_else(|| self.data_dir().join("backups"), Path::to_path_buf);
        std::fs::create_dir_all(&dir).map_err(|e| Error::DataDir {
            path: dir.clone(),
            reason: e.to_string(),
        })?;
        let stamp =
            crate::domain::clock::rfc3339(self.store().clock().now()).replace([':', '-'], "");
        let congress = self.congress_id()?;
        let mut file = dir.join(format!(
            "balie-{}-{stamp}.sqlite",
            &congress[..8.min(congress.len())]
        ));
        let mut n = 2;
        while file.exists() {
            file = dir.join(format!(
                "balie-{}-{stamp}-{n}.sqlite",
                &congress[..8.min(congress.len())]
            ));
            n += 1;
        }
        self.store()
            .conn()
            .execute("VACUUM INTO ?1", [file.to_string_lossy()])
            .map_err(|e| Error::DataDir {
                path: file.clone(),
                reason: format!("back-up maken mislukt: {e}"),
            })?;
        if rolling {
            let mut old: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
                .map_err(|e| Error::DataDir {
                    path: dir.clone(),
                    reason: e.to_string(),
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("balie-") && n.ends_with(".sqlite"))
                })
                .collect();
            old.sort();
            let excess = old.len().saturating_sub(BACKUPS_KEPT);
            for p in old.into_iter().take(excess) {
                let _ = std::fs::remove_file(p);
            }
        }
        Ok(file)
    }

    /// Restores from a backup by merging its events: whatever this database lost comes back,
    /// and nothing written since the backup is lost. A backup of another congress is refused.
    pub fn restore(&mut self, backup: &Path) -> Result<RestoreReport> {
        // Opened as a copy, so the backup itself is never changed (not even migrated).
        let scratch = tempfile_path(self.data_dir());
        std::fs::copy(backup, &scratch).map_err(|e| Error::DataDir {
            path: backup.to_path_buf(),
            reason: format!("de back-up kan niet worden gelezen: {e}"),
        })?;
        let result = (|| {
            let store = crate::store::Store::open(
                &scratch,
                crate::domain::clock::Clock::System,
                self.store().desk().clone(),
            )?;
            let theirs = crate::store::congress::read(store.conn())?.map(|c| c.id);
            let ours = self.congress_id()?;
            if theirs.as_deref() != Some(ours.as_str()) {
                return Err(Error::said(
                    "back-up",
                    "err.restore.otherCongress",
                    [
                        ("file", backup.display().to_string().into()),
                        ("theirs", theirs.unwrap_or_else(|| "?".into()).into()),
                    ],
                ));
            }
            let events = store.events()?;
            let in_backup = events.len() as i64;
            let report = self.merge(BundleBody {
                congress_id: ours,
                from_desk: String::new(),
                from_desk_name: String::new(),
                created: crate::domain::clock::rfc3339(self.store().clock().now()),
                vector: VersionVector::new(),
                events,
            })?;
            Ok(RestoreReport {
                in_backup,
                restored: report.new,
            })
        })();
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", scratch.display()));
        }
        result
    }
}

fn tempfile_path(dir: &Path) -> std::path::PathBuf {
    dir.join(format!("herstel-{}.sqlite", uuid::Uuid::now_v7()))
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
        let file = tempfile_path(self.data_dir());
        std::fs::write(&file, bytes).map_err(|e| Error::DataDir {
            path: file.clone(),
            reason: e.to_string(),
        })?;
        let result = self.restore(&file);
        let _ = std::fs::remove_file(&file);
        result
    }
}

/// Messages between desks from before they were encrypted: signed, in clear. Still read.
const SIGNED: &str = "BALIE-GETEKEND 1";
/// Messages between desks now: encrypted and authenticated (ChaCha20-Poly1305).
const SEALED: &str = "BALIE-BERICHT 2";

/// The sender's version vector in a bundle (read after the bundle was verified).
impl Balie {
    /// What the sender of a bundle had (its version vector), after checking the bundle.
    pub(crate) fn bundle_vector(&self, bytes: &[u8]) -> Result<VersionVector> {
        Ok(verify(bytes, &self.key()?)?.vector)
    }

    /// A small message between desks (a request, a report), encrypted and authenticated with
    /// a key derived from the congress key.
    pub(crate) fn seal_message(&self, body: &[u8]) -> Result<Vec<u8>> {
        let key = self.key()?;
        let mut out = format!("{SEALED}\n").into_bytes();
        out.extend_from_slice(&aead_seal(&message_key(&key), SEALED.as_bytes(), body)?);
        Ok(out)
    }

    /// The body of a message sealed (or, from an older Balie, signed) with this congress's
    /// key; refused otherwise.
    pub(crate) fn open_message(&self, bytes: &[u8]) -> Result<Vec<u8>> {
        let key = self.key()?;
        let refuse = || Error::said("netwerk", "err.net.unsigned", []);
        if let Some(rest) = bytes.strip_prefix(format!("{SEALED}\n").as_bytes()) {
            return aead_open(&message_key(&key), SEALED.as_bytes(), rest).ok_or_else(refuse);
        }
        let text = std::str::from_utf8(bytes).map_err(|_| refuse())?;
        let mut parts = text.splitn(3, '\n');
        if parts.next() != Some(SIGNED) {
            return Err(refuse());
        }
        let mac = parts.next().unwrap_or_default();
        let body = parts.next().unwrap_or_default();
        if hex(&hmac(&key, body.as_bytes())) != mac {
            return Err(refuse());
        }
        Ok(body.as_bytes().to_vec())
    }
}

/// The key that seals messages between desks, derived from the congress key.
fn message_key(key: &[u8; 32]) -> [u8; 32] {
    hmac(key, b"balie: berichten tussen balies, versie 2")
}
