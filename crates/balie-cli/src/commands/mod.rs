//! One file per noun of the command line. Each turns its arguments into calls on the core
//! and the answer into Dutch text (or JSON); errors keep the core's error code, which
//! becomes the exit status.

pub(crate) mod alv;
pub(crate) mod attendees;
pub(crate) mod buses;
pub(crate) mod desk;
pub(crate) mod import;
pub(crate) mod members;
pub(crate) mod print;
pub(crate) mod programme;
pub(crate) mod proxies;
pub(crate) mod registry;
pub(crate) mod signups;
pub(crate) mod sync;

use balie_core::{ErrorCode, ErrorPayload};

/// A failed command: its Dutch message and the error code its exit status comes from.
#[derive(Debug)]
pub(crate) struct CliError {
    pub code: ErrorCode,
    pub message: String,
}

/// What a command prints, or why it failed.
pub(crate) type Out = Result<String, CliError>;

impl From<balie_core::Error> for CliError {
    fn from(e: balie_core::Error) -> Self {
        CliError::from(e.payload())
    }
}

impl From<ErrorPayload> for CliError {
    fn from(e: ErrorPayload) -> Self {
        CliError {
            code: e.code,
            message: e.message,
        }
    }
}

/// The command line's own messages: a file it cannot read, a value it does not know.
impl From<String> for CliError {
    fn from(message: String) -> Self {
        CliError {
            code: ErrorCode::InvalidInput,
            message,
        }
    }
}
