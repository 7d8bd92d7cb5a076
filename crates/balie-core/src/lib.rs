//! Balie's core: all domain logic and all SQL, with no dependency on Tauri or any UI.
//! Both hosts (the Tauri shell in `src-tauri/` and `balie-cli`) call into [`app::Balie`].

pub mod alv;
pub mod app;
pub mod attendees;
pub mod badge;
pub mod cancellation;
pub mod checkin;
pub mod clock;
pub mod congress;
pub mod demo;
pub mod desk;
pub mod discovery;
pub mod error;
pub mod events;
pub mod export;
pub mod fastlane;
pub mod import;
pub mod lan;
pub mod message;
pub mod names;
pub mod pairing;
mod parallel;
pub mod pdf;
pub mod print;
pub mod printing;
pub mod programme;
mod projection;
pub mod reception;
pub mod register;
pub mod search;
pub mod store;
pub mod sync;
pub mod ts_types;
pub mod xlsx;

pub use app::{AppInfo, Balie, LaunchOptions, Programme};
pub use error::{Error, ErrorCode, ErrorPayload, Result};
