//! The identity of this installation (a "desk"). It lives in `desk.json` next to the
//! database, not inside it, and it is bound to the machine: a data folder copied to a second
//! laptop gets a fresh desk id there, so two desks never write the same `(desk_id, seq)`.

use crate::domain::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const DESK_FILE: &str = "desk.json";
/// The desk's signing key (Ed25519), readable by its owner only, beside `desk.json`.
pub const KEY_FILE: &str = "desk.key";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskIdentity {
    pub desk_id: String,
    pub desk_name: String,
    /// The machine this identity was made on; a mismatch means the folder was copied.
    pub machine_id: String,
    /// Whether this desk has made its signing key. A desk that had one and lost it (the
    /// file removed or replaced) continues as a new desk: a second key for a known desk
    /// id would be refused everywhere, as a forger's would.
    #[serde(default)]
    pub signs: bool,
    /// The incarnation of the database this desk writes: a new one at every start, given
    /// to the database first (see [`crate::store::Store::is_older_copy`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incarnation: Option<String>,
    /// The key it signs with (from `desk.key`, never in `desk.json`).
    #[serde(skip)]
    pub(crate) key: Option<DeskKey>,
}

/// A desk's signing key.
#[derive(Clone, PartialEq, Eq)]
pub struct DeskKey(pub(crate) ed25519_dalek::SigningKey);

impl std::fmt::Debug for DeskKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "DeskKey({})",
            crate::domain::signing::fingerprint(&self.0.verifying_key())
        )
    }
}

/// What `desk.key` holds.
#[derive(Serialize, Deserialize)]
struct KeyFile {
    desk_id: String,
    /// The 32-byte seed, hexadecimal.
    seed: String,
}

impl DeskIdentity {
    /// Loads `desk.json` from `dir`, or creates it. A file made on another machine is
    /// replaced by a new identity (the old id stays in the events it wrote).
    pub fn load_or_create(dir: &Path) -> Result<DeskIdentity> {
        Self::load_or_create_on(dir, &machine_id())
    }

    pub(crate) fn load_or_create_on(dir: &Path, machine: &str) -> Result<DeskIdentity> {
        let path = dir.join(DESK_FILE);
        let desk = match std::fs::read_to_string(&path) {
            Ok(text) => {
                let desk: DeskIdentity =
                    serde_json::from_str(&text).map_err(|e| Error::DeskIdentity {
                        path: path.clone(),
                        reason: e.to_string(),
                    })?;
                if desk.machine_id == machine {
                    desk
                } else {
                    Self::create(&path, machine)?
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Self::create(&path, machine)?,
            Err(e) => {
                return Err(Error::DeskIdentity {
                    path,
                    reason: e.to_string(),
                })
            }
        };
        desk.with_key(dir, machine)
    }

    /// This identity with its signing key: read from `desk.key`, or made now for a desk
    /// that never signed (a new one, or one from before signatures). A desk that signed
    /// and whose key is gone becomes a new desk.
    fn with_key(mut self, dir: &Path, machine: &str) -> Result<DeskIdentity> {
        let key_path = dir.join(KEY_FILE);
        let bad = |reason: String| Error::DeskIdentity {
            path: key_path.clone(),
            reason,
        };
        let found = match std::fs::read_to_string(&key_path) {
            Ok(text) => {
                let file: KeyFile = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
                let seed: [u8; 32] = crate::domain::signing::unhex(&file.seed)
                    .and_then(|b| b.try_into().ok())
                    .ok_or_else(|| bad("de sleutel is beschadigd".into()))?;
                (file.desk_id == self.desk_id).then_some(seed)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(bad(e.to_string())),
        };
        match found {
            Some(seed) => {
                self.key = Some(DeskKey(ed25519_dalek::SigningKey::from_bytes(&seed)));
                Ok(self)
            }
            None if self.signs => {
                let fresh = Self::create(&dir.join(DESK_FILE), machine)?;
                fresh.with_key(dir, machine)
            }
            None => {
                let mut seed = [0u8; 32];
                getrandom::fill(&mut seed)
                    .map_err(|e| Error::Internal(format!("geen willekeurige bron: {e}")))?;
                let file = KeyFile {
                    desk_id: self.desk_id.clone(),
                    seed: crate::domain::signing::hex(&seed),
                };
                let text =
                    serde_json::to_string(&file).map_err(|e| Error::Internal(e.to_string()))?;
                write_private(&key_path, text.as_bytes()).map_err(|e| bad(e.to_string()))?;
                self.signs = true;
                self.save(&dir.join(DESK_FILE))?;
                self.key = Some(DeskKey(ed25519_dalek::SigningKey::from_bytes(&seed)));
                Ok(self)
            }
        }
    }

    /// A new desk in `dir` (new id and key, the same name): for a desk whose id the log
    /// binds to another key.
    pub fn renewed_in(&self, dir: &Path) -> Result<DeskIdentity> {
        let mut fresh = Self::create(&dir.join(DESK_FILE), &self.machine_id)?;
        fresh.desk_name = self.desk_name.clone();
        fresh.save(&dir.join(DESK_FILE))?;
        fresh.with_key(dir, &self.machine_id)
    }

    /// This desk with incarnation `id` (the database has it already), saved and synced
    /// in `dir`.
    pub(crate) fn with_incarnation(&self, dir: &Path, id: &str) -> Result<DeskIdentity> {
        let desk = DeskIdentity {
            incarnation: Some(id.to_string()),
            ..self.clone()
        };
        desk.save(&dir.join(DESK_FILE))?;
        Ok(desk)
    }

    /// The public half of this desk's key.
    pub fn verifying_key(&self) -> Option<ed25519_dalek::VerifyingKey> {
        self.key.as_ref().map(|k| k.0.verifying_key())
    }

    fn create(path: &Path, machine: &str) -> Result<DeskIdentity> {
        let desk_id = uuid::Uuid::now_v7().to_string();
        let desk = DeskIdentity {
            desk_name: format!("Balie {}", &desk_id[desk_id.len() - 4..]),
            desk_id,
            machine_id: machine.to_string(),
            signs: false,
            incarnation: None,
            key: None,
        };
        desk.save(path)?;
        Ok(desk)
    }

    /// The same desk under a new name, saved in `dir`.
    /// The incarnations are taken from the file as it is now: another process on the same
    /// folder (`balie-cli`) may have started since this one did.
    pub fn renamed(&self, dir: &Path, name: &str) -> Result<DeskIdentity> {
        let mut desk = DeskIdentity {
            desk_name: name.to_string(),
            ..self.clone()
        };
        if let Some(on_disk) = std::fs::read_to_string(dir.join(DESK_FILE))
            .ok()
            .and_then(|text| serde_json::from_str::<DeskIdentity>(&text).ok())
            .filter(|d| d.desk_id == self.desk_id)
        {
            desk.incarnation = on_disk.incarnation;
        }
        desk.save(&dir.join(DESK_FILE))?;
        Ok(desk)
    }

    fn save(&self, path: &Path) -> Result<()> {
        let text =
            serde_json::to_string_pretty(self).map_err(|e| Error::Internal(e.to_string()))?;
        // Write to a temporary file, synced, and rename, so a crash never leaves half a
        // file and a new incarnation is on disk before the desk writes anything under it.
        let tmp = path.with_extension("json.tmp");
        write_synced(&tmp, text.as_bytes())
            .and_then(|()| std::fs::rename(&tmp, path))
            .and_then(|()| sync_dir(path))
            .map_err(|e| Error::DeskIdentity {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Syncs the folder holding `path`, so a rename into it survives a power cut.
fn sync_dir(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        std::fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file readable by its owner only (mode 0600
/// on Unix), synced and renamed into place: never half a file, never readable by others.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = path.with_extension("tmp");
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, path)
}

/// A stable id of this machine: systemd's machine-id where present, else the host name.
fn machine_id() -> String {
    for p in ["/etc/machine-id", "/var/lib/dbus/machine-id"] {
        if let Ok(s) = std::fs::read_to_string(p) {
            let s = s.trim();
            if !s.is_empty() {
                return s.to_string();
            }
        }
    }
    std::env::var("COMPUTERNAME")
        .or_else(|_| std::env::var("HOSTNAME"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_is_kept_on_the_same_machine_and_renewed_on_another() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = DeskIdentity::load_or_create_on(dir.path(), "m1").expect("create");
        let b = DeskIdentity::load_or_create_on(dir.path(), "m1").expect("load");
        assert_eq!(a, b);
        let c = DeskIdentity::load_or_create_on(dir.path(), "m2").expect("renew");
        assert_ne!(a.desk_id, c.desk_id);
        assert_eq!(c.machine_id, "m2");
    }

    #[test]
    fn unreadable_identity_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(DESK_FILE), "{niet json").expect("write");
        let err = DeskIdentity::load_or_create_on(dir.path(), "m1").expect_err("bad file");
        assert!(err.to_string().contains("desk.json"), "{err}");
    }
}
