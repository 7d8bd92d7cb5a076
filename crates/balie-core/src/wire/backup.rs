//! Backups are sealed like bundles: the magic line with the format's version, then the
//! header and a consistent copy of the database, encrypted and authenticated
//! (ChaCha20-Poly1305) under a key derived from the congress key. A backup changed by even
//! one byte (a check-in inserted with `sqlite3`, say) is refused whole; one on a lost USB
//! stick shows nothing without the key. A backup is not a database: copied over
//! `balie.sqlite` it is recognised and refused with a message saying how to restore it.

use crate::domain::error::{Error, Result};
use crate::wire::sync::{aead_open, aead_seal, format_version, hmac};
use serde::{Deserialize, Serialize};

/// The prefix of a backup's first line; the version follows.
pub const MAGIC_PREFIX: &str = crate::store::log::BACKUP_MAGIC_PREFIX;
/// The newest backup format this Balie reads and the one it writes.
pub const FORMAT: u32 = 1;
/// The extension of backup files.
pub const EXTENSION: &str = "baliebackup";

fn magic() -> String {
    format!("{MAGIC_PREFIX}{FORMAT}")
}

fn backup_key(key: &[u8; 32]) -> [u8; 32] {
    hmac(key, b"balie: back-ups verzegelen, versie 1")
}

/// What a backup says of itself (sealed with it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupHeader {
    pub congress_id: String,
    pub desk_id: String,
    pub desk_name: String,
    /// RFC 3339, the desk's clock when it was made.
    pub created: String,
    /// This copy's own id: never the database's, so the copy is never taken for it.
    pub incarnation: String,
    /// The database schema of the copy.
    pub schema: i64,
}

/// Whether `bytes` start like a backup (of any format).
pub fn is_backup(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC_PREFIX.as_bytes())
}

pub fn seal(key: &[u8; 32], header: &BackupHeader, database: &[u8]) -> Result<Vec<u8>> {
    let head = serde_json::to_vec(header).map_err(|e| Error::Internal(e.to_string()))?;
    let mut plain = Vec::with_capacity(4 + head.len() + database.len());
    plain.extend_from_slice(&u32::try_from(head.len()).unwrap_or(u32::MAX).to_be_bytes());
    plain.extend_from_slice(&head);
    plain.extend_from_slice(database);
    let magic = magic();
    let mut out = format!("{magic}\n").into_bytes();
    out.extend_from_slice(&aead_seal(&backup_key(key), magic.as_bytes(), &plain)?);
    Ok(out)
}

/// The header and the database bytes of a sealed backup; refused with a Dutch message when
/// it is not a backup, of a newer format, changed, or sealed under another congress's key.
pub fn open(bytes: &[u8], key: &[u8; 32], file: &str) -> Result<(BackupHeader, Vec<u8>)> {
    let said = |k: &'static str| Error::said("back-up", k, [("file", file.to_string().into())]);
    let Some(version) = format_version(bytes, MAGIC_PREFIX) else {
        return Err(said("err.restore.notBackup"));
    };
    if version > FORMAT {
        return Err(Error::said(
            "back-up",
            "err.format.newerBackup",
            [("version", version.to_string().into())],
        ));
    }
    let magic = magic();
    let rest = bytes
        .strip_prefix(format!("{magic}\n").as_bytes())
        .ok_or_else(|| said("err.restore.notBackup"))?;
    let plain = aead_open(&backup_key(key), magic.as_bytes(), rest)
        .ok_or_else(|| said("err.restore.seal"))?;
    if plain.len() < 4 {
        return Err(said("err.restore.seal"));
    }
    let (len, rest) = plain.split_at(4);
    let len = u32::from_be_bytes([len[0], len[1], len[2], len[3]]) as usize;
    if rest.len() < len {
        return Err(said("err.restore.seal"));
    }
    let header: BackupHeader =
        serde_json::from_slice(&rest[..len]).map_err(|_| said("err.restore.seal"))?;
    Ok((header, rest[len..].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> BackupHeader {
        BackupHeader {
            congress_id: "c".into(),
            desk_id: "d".into(),
            desk_name: "Balie 1".into(),
            created: "2023-12-07T14:00:00Z".into(),
            incarnation: "i".into(),
            schema: 14,
        }
    }

    #[test]
    fn a_backup_opens_with_its_key_only_and_refuses_any_change() {
        let key = [1u8; 32];
        let sealed = seal(&key, &header(), b"SQLite format 3\0 and the rest").expect("seal");
        assert!(is_backup(&sealed));
        assert!(
            !sealed.windows(6).any(|w| w == b"SQLite"),
            "nothing in clear"
        );
        let (h, db) = open(&sealed, &key, "f").expect("open");
        assert_eq!(
            (h, db.as_slice()),
            (header(), &b"SQLite format 3\0 and the rest"[..])
        );
        assert!(open(&sealed, &[2u8; 32], "f").is_err());
        let mut bent = sealed.clone();
        let at = bent.len() - 3;
        bent[at] ^= 1;
        let e = open(&bent, &key, "f").expect_err("changed");
        assert!(e.to_string().contains("veranderd"), "{e}");
        assert!(open(&sealed[..40], &key, "f").is_err(), "cut short");
        let e = open(b"SQLite format 3\0", &key, "f").expect_err("plain");
        assert!(e.to_string().contains("geen back-up"), "{e}");
        let e = open(b"BALIE-BACKUP 7\nxx", &key, "f").expect_err("newer");
        assert!(e.to_string().contains("nieuwere"), "{e}");
    }
}
