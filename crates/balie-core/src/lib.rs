//! Balie's core: all domain logic and all SQL, with no dependency on Tauri or any UI.
//! Both hosts (the Tauri shell in `src-tauri/` and `balie-cli`) call into [`app::Balie`].
//!
//! Five layers, each importing only the ones before it (ARCHITECTURE.md, "Layers";
//! `tests/layers.rs` enforces it): [`domain`] → [`documents`] → [`store`] → [`wire`] → [`app`].

pub mod app;
pub mod documents;
pub mod domain;
pub mod store;
pub mod wire;

pub use app::{AppInfo, Balie, LaunchOptions, Programme};
pub use domain::error::{Error, ErrorCode, ErrorPayload, Result};
