//! Errors of the core. Every error has a stable machine `code` (the UI branches on it) and a
//! message for people that says what went wrong, where, and how to fix it: made from the
//! catalogue (`crate::domain::message`), shown in Dutch by the CLI and in its language by the window.

use crate::domain::message::{Msg, Param};
use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

/// Stable error codes. They cross IPC as strings; never rename one that has shipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The database file was written by a newer Balie.
    SchemaTooNew,
    /// The database file could not be opened or read.
    StorageUnavailable,
    /// A write did not commit (disk full, locked by another program, …).
    WriteFailed,
    /// The data folder could not be created or read.
    DataDirUnavailable,
    /// The desk identity file is unreadable.
    DeskIdentityInvalid,
    /// A setting or argument has a wrong value.
    InvalidInput,
    /// Demo data was asked for in a folder with real data, or the other way round.
    DemoMismatch,
    /// Something that should not happen; a bug.
    Internal,
    /// A rule of the meeting (statutes, settings) refuses this; the message names the rule.
    RuleRefused,
}

impl ErrorCode {
    /// Every code, in the order of their exit codes.
    pub const ALL: [ErrorCode; 9] = [
        ErrorCode::InvalidInput,
        ErrorCode::RuleRefused,
        ErrorCode::DemoMismatch,
        ErrorCode::SchemaTooNew,
        ErrorCode::StorageUnavailable,
        ErrorCode::DataDirUnavailable,
        ErrorCode::DeskIdentityInvalid,
        ErrorCode::WriteFailed,
        ErrorCode::Internal,
    ];

    /// The command line's exit status for this error, so scripts can branch on it: 0 is
    /// success, 2 a wrong command line (clap), and each code its own number from 3. Never
    /// renumber one that has shipped.
    pub fn exit_status(self) -> u8 {
        match self {
            ErrorCode::InvalidInput => 3,
            ErrorCode::RuleRefused => 4,
            ErrorCode::DemoMismatch => 5,
            ErrorCode::SchemaTooNew => 6,
            ErrorCode::StorageUnavailable => 7,
            ErrorCode::DataDirUnavailable => 8,
            ErrorCode::DeskIdentityInvalid => 9,
            ErrorCode::WriteFailed => 10,
            ErrorCode::Internal => 11,
        }
    }

    /// What the exit status means, in Dutch (the command line's `--help`).
    pub fn exit_meaning(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => {
                "een waarde, bestand of naam klopt niet (de melding zegt welke)"
            }
            ErrorCode::RuleRefused => "een regel van de vergadering staat het niet toe",
            ErrorCode::DemoMismatch => "demogegevens en echte gegevens door elkaar",
            ErrorCode::SchemaTooNew => "de database is van een nieuwere Balie",
            ErrorCode::StorageUnavailable => "de database kan niet worden geopend of gelezen",
            ErrorCode::DataDirUnavailable => "de gegevensmap kan niet worden gemaakt of gelezen",
            ErrorCode::DeskIdentityInvalid => "desk.json van deze balie is onleesbaar",
            ErrorCode::WriteFailed => {
                "niet opgeslagen (er is niets gewijzigd); probeer het opnieuw"
            }
            ErrorCode::Internal => "interne fout in Balie",
        }
    }
}

/// The error shape that crosses the IPC boundary: `{code, message, msg}`. `message` is
/// Dutch; `msg`, when there, is what went wrong and how to fix it for the window to show
/// in its language (see [`crate::domain::message`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
    pub msg: Option<Msg>,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "Het databasebestand {path} is gemaakt door een nieuwere versie van Balie (schemaversie {found}, deze versie kent t/m {known}). Het bestand is niet gewijzigd. Installeer de nieuwste versie van Balie om het te openen."
    )]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error("Het databasebestand {path} kan niet worden geopend: {reason}. Controleer of de map bestaat en schrijfbaar is, en of het bestand een Balie-database is.")]
    Open { path: PathBuf, reason: String },

    #[error("De database kan niet worden gelezen: {reason}. Sluit andere programma's die het bestand gebruiken en probeer het opnieuw.")]
    Read { reason: String },

    #[error("Niet opgeslagen: {reason}. Er is niets gewijzigd; probeer het opnieuw.")]
    Write { reason: Msg },

    #[error("De gegevensmap {path} kan niet worden gebruikt: {reason}. Kies een andere map met --data-dir of BALIE_DATA_DIR.")]
    DataDir { path: PathBuf, reason: String },

    #[error("Het bureau-identiteitsbestand {path} is onleesbaar: {reason}. Verwijder het bestand; Balie maakt dan een nieuwe bureau-identiteit.")]
    DeskIdentity { path: PathBuf, reason: String },

    #[error("Ongeldige waarde voor {field}: {reason}")]
    InvalidInput {
        field: String,
        /// What is wrong with it and how to fix it (the window shows this alone).
        reason: Box<Msg>,
    },

    #[error("{0}")]
    DemoMismatch(Box<Msg>),

    #[error("{0}")]
    Rule(Box<Msg>),

    #[error("Interne fout: {0}. Dit is een fout in Balie; meld deze aan de beheerder.")]
    Internal(String),
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Error::Open { .. } | Error::Read { .. } => ErrorCode::StorageUnavailable,
            Error::Write { .. } => ErrorCode::WriteFailed,
            Error::DataDir { .. } => ErrorCode::DataDirUnavailable,
            Error::DeskIdentity { .. } => ErrorCode::DeskIdentityInvalid,
            Error::InvalidInput { .. } => ErrorCode::InvalidInput,
            Error::DemoMismatch(_) => ErrorCode::DemoMismatch,
            Error::Internal(_) => ErrorCode::Internal,
            Error::Rule(_) => ErrorCode::RuleRefused,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
            msg: Some(self.msg()),
        }
    }

    /// The message for the window, in its language: the same as the Dutch `Display`,
    /// except that a wrong value is said without the field's (Dutch) name.
    pub fn msg(&self) -> Msg {
        let path = |p: &PathBuf| Param::from(p.display().to_string());
        match self {
            Error::SchemaTooNew {
                path: p,
                found,
                known,
            } => Msg::new(
                "err.schemaTooNew",
                [
                    ("path", path(p)),
                    ("found", found.to_string().into()),
                    ("known", known.to_string().into()),
                ],
            ),
            Error::Open { path: p, reason } => Msg::new(
                "err.open",
                [("path", path(p)), ("reason", reason.as_str().into())],
            ),
            Error::Read { reason } => Msg::new("err.read", [("reason", reason.as_str().into())]),
            Error::Write { reason } => Msg::new("err.write", [("reason", reason.clone().into())]),
            Error::DataDir { path: p, reason } => Msg::new(
                "err.dataDir",
                [("path", path(p)), ("reason", reason.as_str().into())],
            ),
            Error::DeskIdentity { path: p, reason } => Msg::new(
                "err.deskIdentity",
                [("path", path(p)), ("reason", reason.as_str().into())],
            ),
            Error::InvalidInput { reason, .. } => (**reason).clone(),
            Error::DemoMismatch(m) | Error::Rule(m) => (**m).clone(),
            Error::Internal(reason) => {
                Msg::new("err.internal", [("reason", reason.as_str().into())])
            }
        }
    }

    /// A wrong value of `field`, said by the catalogue's message `key` (see
    /// [`crate::domain::message`]): the window shows it in its language, the CLI in Dutch.
    pub(crate) fn said<const N: usize>(
        field: impl Into<String>,
        key: &str,
        params: [(&str, Param); N],
    ) -> Self {
        Error::InvalidInput {
            field: field.into(),
            reason: Box::new(Msg::new(key, params)),
        }
    }

    /// Demo data asked for where there is real data, or the other way round.
    pub(crate) fn demo_mismatch<const N: usize>(key: &str, params: [(&str, Param); N]) -> Self {
        Error::DemoMismatch(Box::new(Msg::new(key, params)))
    }

    /// A rule broken, said by catalogue messages for the rule and the reason.
    pub(crate) fn rule_said(rule: Msg, reason: Msg) -> Self {
        Error::Rule(Box::new(Msg::new(
            "err.rule",
            [("rule", rule.into()), ("reason", reason.into())],
        )))
    }
}

impl ErrorPayload {
    /// A payload made by a host, said by the catalogue's message `key`.
    pub fn said<const N: usize>(code: ErrorCode, key: &str, params: [(&str, Param); N]) -> Self {
        let msg = Msg::new(key, params);
        ErrorPayload {
            code,
            message: msg.dutch.clone(),
            msg: Some(msg),
        }
    }
}

impl From<&Error> for ErrorPayload {
    fn from(e: &Error) -> Self {
        e.payload()
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn every_error_code_has_its_own_exit_status() {
        let mut seen: Vec<u8> = ErrorCode::ALL.iter().map(|c| c.exit_status()).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), ErrorCode::ALL.len());
        assert!(
            seen.iter().all(|s| *s >= 3),
            "0, 1 and 2 are taken: {seen:?}"
        );
    }
}
