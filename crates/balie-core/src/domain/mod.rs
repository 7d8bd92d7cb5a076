//! Pure rules and values: no SQLite, files, network or threads beyond [`parallel`].

pub mod alv;
pub mod badge;
pub mod bytes;
pub mod cancellation;
pub mod checkin;
pub mod clock;
pub mod demo;
pub mod error;
pub mod events;
pub mod import;
pub mod limits;
pub mod message;
pub mod names;
pub(crate) mod parallel;
pub mod programme;
pub mod register;
pub mod search;
pub mod signing;
pub mod signups;
