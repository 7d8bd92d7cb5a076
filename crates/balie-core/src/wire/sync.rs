//! Desks exchange events in bundles: the events another desk lacks (by version vector), in a
//! file bound to one congress and sealed (encrypted and authenticated, ChaCha20-Poly1305)
//! under a key derived from the congress key; bundles of older Balies, signed with
//! HMAC-SHA256, are still read from files (never from the network). Merging adds each
//! desk's events in sequence order and refuses the whole bundle on a gap or on a different
//! event under a number already held; an event held already is skipped, so the same result
//! comes in any order and merging twice changes nothing.
//!
//! The congress key (32 random bytes) lives in `congress.key` in the data folder, beside
//! `desk.json` and outside the database: a copied database file carries no key. A new desk
//! joins with the key (typed as a code) and a full bundle from a desk that has the congress.

use crate::domain::error::{Error, Result};
use crate::domain::events::{kinds, EventRecord};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

pub const KEY_FILE: &str = "congress.key";
/// Bundles written before they were encrypted: signed (HMAC-SHA256), JSON in clear. Still
/// read, never written.
pub(crate) const MAGIC: &str = "BALIE-BUNDEL 1";
/// Bundles now: the magic line, a 12-byte nonce, then the JSON body encrypted and
/// authenticated with ChaCha20-Poly1305 under a key derived from the congress key (the
/// magic line is the associated data). Personal data never travels in clear.
pub(crate) const MAGIC2: &str = "BALIE-BUNDEL 2";
/// Bundles now: sealed as version 2, with every event signed by its desk. The number is
/// the format's version: a bundle of a higher one is from a newer Balie.
pub(crate) const MAGIC3: &str = "BALIE-BUNDEL 3";
/// The prefix of every bundle's magic line, before its version.
const MAGIC_PREFIX: &str = "BALIE-BUNDEL ";
/// The newest bundle format this Balie reads.
pub const BUNDLE_FORMAT: u32 = 3;

/// The largest bundle read: a congress of 100,000 people with all its check-ins is a
/// fraction of it.
pub const MAX_BUNDLE_BYTES: u64 = 1024 * 1024 * 1024;

/// The key that encrypts bundles, derived from the congress key (never the key itself).
pub(crate) fn bundle_key(key: &[u8; 32]) -> [u8; 32] {
    hmac(key, b"balie: bundels versleutelen, versie 2")
}

/// Seals `json` (a bundle body, or anything: the fuzzer seals arbitrary bytes so that the
/// reader behind the seal is reached) as a bundle of the current format under `key`.
pub fn seal(key: &[u8; 32], json: &[u8]) -> Result<Vec<u8>> {
    let mut out = format!("{MAGIC3}\n").into_bytes();
    out.extend_from_slice(&aead_seal(&bundle_key(key), MAGIC3.as_bytes(), json)?);
    Ok(out)
}

/// The format version of a bundle-like file whose first line is `prefix` and a number,
/// when it is one.
pub(crate) fn format_version(bytes: &[u8], prefix: &str) -> Option<u32> {
    let rest = bytes.strip_prefix(prefix.as_bytes())?;
    let end = rest.iter().take(12).position(|&b| b == b'\n')?;
    std::str::from_utf8(&rest[..end]).ok()?.parse().ok()
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

/// Whether `mac_hex` is the hexadecimal of `mac`, compared in constant time (`subtle`), so
/// the time taken says nothing about how much of a forged MAC was right.
pub(crate) fn mac_matches(mac: &[u8; 32], mac_hex: &str) -> bool {
    use subtle::ConstantTimeEq;
    hex(mac).as_bytes().ct_eq(mac_hex.as_bytes()).into()
}

/// Whether `bytes` is a bundle in the sealed format (the only one taken from the network;
/// the older signed one, JSON in clear, is read from files only).
pub(crate) fn is_sealed_bundle(bytes: &[u8]) -> bool {
    bytes.starts_with(format!("{MAGIC3}\n").as_bytes())
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
pub(crate) const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

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

/// The sealed part of a bundle.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BundleBody {
    pub congress_id: String,
    pub from_desk: String,
    pub from_desk_name: String,
    /// The sender's wall clock when it wrote the bundle (RFC 3339).
    pub created: String,
    /// What the sender had.
    pub vector: VersionVector,
    pub events: Vec<EventRecord>,
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
    /// What the sender held when it wrote the bundle (its version vector): an exchange
    /// sends it what it lacks, without opening the bundle a second time.
    #[serde(default)]
    #[ts(skip)]
    pub sender_vector: VersionVector,
    /// Of the new events, those without a signature (written by an older Balie; taken
    /// from files only).
    #[serde(default)]
    #[ts(type = "number")]
    pub legacy: i64,
    /// Refused: not signed by their desk (forged or changed on the way), or unsigned from
    /// the network. Never merged.
    #[serde(default)]
    #[ts(type = "number")]
    pub refused: i64,
    /// Put in quarantine for staff to see (two events under one number, a forked log, a
    /// second key for a known desk).
    #[serde(default)]
    #[ts(type = "number")]
    pub quarantined: i64,
    /// Not merged because an earlier event of their desk was not; they come again.
    #[serde(default)]
    #[ts(type = "number")]
    pub held_back: i64,
    /// The desks any event was refused or quarantined of.
    #[serde(default)]
    pub desks_refused: Vec<String>,
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
    /// Seconds its latest event lies ahead of this desk's clock, when that is further than
    /// this desk's clock follows (`hlc::MAX_AHEAD_MS`): that desk's clock is off, and what
    /// it changed counts as the latest until this desk's clock catches up.
    #[ts(type = "number | null")]
    pub clock_ahead_s: Option<i64>,
    /// The fingerprint of the key its events are signed with ("3F2A-91C0-…"), when it
    /// has announced one.
    pub key: Option<String>,
    /// How many of its events here are unsigned (written before signatures existed).
    #[ts(type = "number")]
    pub unsigned: i64,
    /// Who wrote its events (each signed with the desk's key), most first.
    pub signers: Vec<Signer>,
}

/// A staff member at a desk and how many of its events they wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Signer {
    pub staff: String,
    #[ts(type = "number")]
    pub events: i64,
}

/// Opens a bundle sealed with the congress key `key` (any format this Balie reads);
/// refused with a Dutch message when it is not one, was changed, is of a newer format, or
/// is sealed with another key. The events in it are not checked here: merging does that.
pub fn open_bundle(bytes: &[u8], key: &[u8; 32]) -> Result<BundleBody> {
    verify(bytes, key)
}

/// Seals `body` as a bundle of the current format under the congress key `key`.
pub fn seal_bundle(key: &[u8; 32], body: &BundleBody) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(body).map_err(|e| Error::Internal(e.to_string()))?;
    seal(key, &json)
}

pub(crate) fn verify(bytes: &[u8], key: &[u8; 32]) -> Result<BundleBody> {
    let refuse = |key: &str| Error::said("bundel", key, []);
    let unreadable = |e: serde_json::Error| {
        Error::said(
            "bundel",
            "err.bundle.unreadable",
            [("why", e.to_string().into())],
        )
    };
    if let Some(v) = format_version(bytes, MAGIC_PREFIX) {
        if v > BUNDLE_FORMAT {
            return Err(Error::said(
                "bundel",
                "err.format.newerBundle",
                [("version", v.to_string().into())],
            ));
        }
    }
    for magic in [MAGIC3, MAGIC2] {
        if let Some(rest) = bytes.strip_prefix(format!("{magic}\n").as_bytes()) {
            if rest.len() < 12 + 16 {
                return Err(refuse("err.bundle.cut"));
            }
            let json = aead_open(&bundle_key(key), magic.as_bytes(), rest)
                .ok_or_else(|| refuse("err.bundle.signature"))?;
            return serde_json::from_slice(&json).map_err(unreadable);
        }
    }
    let text = std::str::from_utf8(bytes).map_err(|_| refuse("err.bundle.notText"))?;
    let mut parts = text.splitn(3, '\n');
    if parts.next() != Some(MAGIC) {
        return Err(refuse("err.bundle.notBundle"));
    }
    let mac = parts.next().unwrap_or_default();
    let body = parts.next().unwrap_or_default();
    if !mac_matches(&hmac(key, body.as_bytes()), mac) {
        return Err(refuse("err.bundle.signature"));
    }
    serde_json::from_str(body).map_err(unreadable)
}

/// The key from its code and the verified body of a full bundle (one with the congress
/// itself in it), as joining needs; nothing is written.
pub(crate) fn full_bundle(key_code_text: &str, bundle: &[u8]) -> Result<([u8; 32], BundleBody)> {
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

/// Backups kept in the data folder's `backups/` (older ones are removed).
pub const BACKUPS_KEPT: usize = 10;

/// What a restore did, or (`applied` false) would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RestoreReport {
    #[ts(type = "number")]
    pub in_backup: i64,
    /// Events the backup had that this database had lost (added, or to be added).
    #[ts(type = "number")]
    pub restored: i64,
    /// Events in it not signed by their desk: never added.
    #[ts(type = "number")]
    pub refused: i64,
    /// Events in it that conflict with what this desk holds: quarantined, not added.
    #[ts(type = "number")]
    pub quarantined: i64,
    /// The desk that made the backup, and when (RFC 3339).
    pub desk_name: String,
    pub created: String,
    /// Whether the events were added (false: what a restore would add).
    pub applied: bool,
}

pub(crate) fn tempfile_path(dir: &Path) -> std::path::PathBuf {
    dir.join(format!(".herstel-{}.sqlite", uuid::Uuid::now_v7()))
}

/// Messages between desks now: encrypted and authenticated (ChaCha20-Poly1305).
pub(crate) const SEALED: &str = "BALIE-BERICHT 2";

/// The key that seals messages between desks, derived from the congress key.
pub(crate) fn message_key(key: &[u8; 32]) -> [u8; 32] {
    hmac(key, b"balie: berichten tussen balies, versie 2")
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
        assert!(sealed.starts_with(b"BALIE-BUNDEL 3\n"));
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
        // Version 2 (sealed, events unsigned) is still read from files.
        let mut v2 = format!("{MAGIC2}\n").into_bytes();
        v2.extend_from_slice(
            &aead_seal(&bundle_key(&key), MAGIC2.as_bytes(), &json).expect("seal"),
        );
        assert_eq!(verify(&v2, &key).expect("v2").from_desk, "d");
        // A newer format says so.
        let mut v9 = b"BALIE-BUNDEL 9\n".to_vec();
        v9.extend_from_slice(&[0; 40]);
        let err = verify(&v9, &key).expect_err("newer");
        assert!(err.to_string().contains("nieuwere"), "{err}");
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
