//! The names every command file uses.

pub(crate) use crate::commands::{CliError, Out};
pub(crate) use crate::text::*;
pub(crate) use balie_core::app::fastlane::PaperInput;
pub(crate) use balie_core::app::import::ImportPreview;
pub(crate) use balie_core::app::reception::{AttendeeInput, DeskHit};
pub(crate) use balie_core::app::runtime::{Runtime, BACKUP_EVERY};
pub(crate) use balie_core::documents::desk_paper::BadgeLayout;
pub(crate) use balie_core::documents::export::ExportTable;
pub(crate) use balie_core::domain::checkin::{CheckinOutcome, CheckinSource, ListKind};
pub(crate) use balie_core::domain::import::ImportOptions;
pub(crate) use balie_core::domain::programme::{ItemKind, ProgrammeItem};
pub(crate) use balie_core::wire::sync::VersionVector;
pub(crate) use balie_core::Balie;
pub(crate) use clap::Subcommand;
pub(crate) use std::io::Write;
pub(crate) use std::path::PathBuf;
