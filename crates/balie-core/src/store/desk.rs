//! The identity of this installation (a "desk"). It lives in `desk.json` next to the
//! database, not inside it, and it is bound to the machine: a data folder copied to a second
//! laptop gets a fresh desk id there, so two desks never write the same `(desk_id, seq)`.

use crate::domain::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const DESK_FILE: &str = "desk.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskIdentity {
    pub desk_id: String,
    pub desk_name: String,
    /// The machine this identity was made on; a mismatch means the folder was copied.
    pub machine_id: String,
}

impl DeskIdentity {
    /// Loads `desk.json` from `dir`, or creates it. A file made on another machine is
    /// replaced by a new identity (the old id stays in the events it wrote).
    pub fn load_or_create(dir: &Path) -> Result<DeskIdentity> {
        Self::load_or_create_on(dir, &machine_id())
    }

    pub(crate) fn load_or_create_on(dir: &Path, machine: &str) -> Result<DeskIdentity> {
        let path = dir.join(DESK_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let desk: DeskIdentity =
                    serde_json::from_str(&text).map_err(|e| Error::DeskIdentity {
                        path: path.clone(),
                        reason: e.to_string(),
                    })?;
                if desk.machine_id == machine {
                    return Ok(desk);
                }
                Self::create(&path, machine)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Self::create(&path, machine),
            Err(e) => Err(Error::DeskIdentity {
                path,
                reason: e.to_string(),
            }),
        }
    }

    fn create(path: &Path, machine: &str) -> Result<DeskIdentity> {
        let desk_id = uuid::Uuid::now_v7().to_string();
        let desk = DeskIdentity {
            desk_name: format!("Balie {}", &desk_id[desk_id.len() - 4..]),
            desk_id,
            machine_id: machine.to_string(),
        };
        desk.save(path)?;
        Ok(desk)
    }

    /// The same desk under a new name, saved in `dir`.
    pub fn renamed(&self, dir: &Path, name: &str) -> Result<DeskIdentity> {
        let desk = DeskIdentity {
            desk_name: name.to_string(),
            ..self.clone()
        };
        desk.save(&dir.join(DESK_FILE))?;
        Ok(desk)
    }

    fn save(&self, path: &Path) -> Result<()> {
        let text =
            serde_json::to_string_pretty(self).map_err(|e| Error::Internal(e.to_string()))?;
        // Write to a temporary file and rename, so a crash never leaves half a file.
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, text)
            .and_then(|()| std::fs::rename(&tmp, path))
            .map_err(|e| Error::DeskIdentity {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })
    }
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
