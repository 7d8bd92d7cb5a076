//! The TypeScript declarations of every type that crosses IPC, generated from the Rust
//! types (ts-rs) into one committed file, `ui/src/lib/api/types.gen.ts`. The test
//! `tests/ts_types.rs` fails when the committed file is stale; run
//! `BALIE_WRITE_TYPES=1 cargo test -p balie-core --test ts_types` to regenerate.

use ts_rs::{Config, TS};

/// The generated file's text.
pub fn typescript() -> String {
    let cfg = Config::default();
    let mut out = String::from(
        "// Generated from the Rust types in crates/balie-core by ts-rs. Do not edit.\n\
         // Regenerate: BALIE_WRITE_TYPES=1 cargo test -p balie-core --test ts_types\n",
    );
    let decls = [
        crate::error::ErrorCode::decl(&cfg),
        crate::error::ErrorPayload::decl(&cfg),
        crate::app::AppInfo::decl(&cfg),
        crate::app::Programme::decl(&cfg),
        crate::congress::Congress::decl(&cfg),
        crate::programme::ProgrammeDay::decl(&cfg),
        crate::programme::ProgrammeItem::decl(&cfg),
        crate::programme::ItemKind::decl(&cfg),
        crate::programme::Speaker::decl(&cfg),
        crate::attendees::Attendee::decl(&cfg),
        crate::reception::AttendeeInput::decl(&cfg),
        crate::reception::DeskHit::decl(&cfg),
        crate::reception::Today::decl(&cfg),
        crate::cancellation::Cancellation::decl(&cfg),
        crate::cancellation::CancelSource::decl(&cfg),
        crate::reception::DeskSearch::decl(&cfg),
        crate::search::Tier::decl(&cfg),
        crate::checkin::CheckinList::decl(&cfg),
        crate::checkin::ListKind::decl(&cfg),
        crate::checkin::CheckinSource::decl(&cfg),
        crate::checkin::CheckinRecord::decl(&cfg),
        crate::checkin::Presence::decl(&cfg),
        crate::checkin::NotOnList::decl(&cfg),
        crate::checkin::Attention::decl(&cfg),
        crate::checkin::CheckinOutcome::decl(&cfg),
        crate::checkin::ListCounter::decl(&cfg),
        crate::checkin::ArrivalChart::decl(&cfg),
        crate::checkin::ArrivalSlot::decl(&cfg),
        crate::checkin::SourceCount::decl(&cfg),
        crate::fastlane::WalkInInput::decl(&cfg),
        crate::fastlane::WalkInOutcome::decl(&cfg),
        crate::fastlane::PaperInput::decl(&cfg),
        crate::fastlane::PaperLine::decl(&cfg),
        crate::fastlane::PaperResult::decl(&cfg),
        crate::fastlane::RosterLine::decl(&cfg),
        crate::fastlane::KioskState::decl(&cfg),
        crate::fastlane::KioskHit::decl(&cfg),
        crate::fastlane::KioskOutcome::decl(&cfg),
        crate::print::BadgeLayout::decl(&cfg),
        crate::printing::BadgePrintOutcome::decl(&cfg),
        crate::printing::DocumentKind::decl(&cfg),
        crate::printing::SavedDocument::decl(&cfg),
        crate::export::ExportTable::decl(&cfg),
        crate::sync::BundleReport::decl(&cfg),
        crate::sync::DeskStatus::decl(&cfg),
        crate::sync::RestoreReport::decl(&cfg),
        crate::lan::PeerStatus::decl(&cfg),
        crate::pairing::PairingOffer::decl(&cfg),
        crate::pairing::PairingStatus::decl(&cfg),
        crate::import::Field::decl(&cfg),
        crate::import::ColumnChoice::decl(&cfg),
        crate::import::ImportOptions::decl(&cfg),
        crate::import::SavedMapping::decl(&cfg),
        crate::import::ImportProblem::decl(&cfg),
        crate::import::ImportPreview::decl(&cfg),
        crate::alv::model::Member::decl(&cfg),
        crate::alv::model::MemberInput::decl(&cfg),
        crate::alv::model::EvidenceKind::decl(&cfg),
        crate::alv::model::EvidenceInput::decl(&cfg),
        crate::alv::model::EvidenceView::decl(&cfg),
        crate::alv::model::GrantorPolicy::decl(&cfg),
        crate::alv::model::Basis::decl(&cfg),
        crate::alv::model::Threshold::decl(&cfg),
        crate::alv::model::DecisionType::decl(&cfg),
        crate::alv::model::AlvSettings::decl(&cfg),
        crate::alv::model::MemberStatus::decl(&cfg),
        crate::alv::model::MemberLine::decl(&cfg),
        crate::alv::model::Count::decl(&cfg),
        crate::alv::model::Totals::decl(&cfg),
        crate::alv::model::QuorumLine::decl(&cfg),
        crate::alv::model::ProxyState::decl(&cfg),
        crate::alv::model::ProxyView::decl(&cfg),
        crate::alv::model::AlvConflict::decl(&cfg),
        crate::alv::model::AlvState::decl(&cfg),
        crate::alv::model::AlsoPresent::decl(&cfg),
        crate::alv::model::ProxyInput::decl(&cfg),
        crate::alv::model::SnapshotContent::decl(&cfg),
        crate::alv::model::Snapshot::decl(&cfg),
        crate::alv::model::Choice::decl(&cfg),
        crate::alv::model::Vote::decl(&cfg),
        crate::alv::model::Tally::decl(&cfg),
        crate::alv::weight::Weight::decl(&cfg),
        crate::programme::edit::ItemInput::decl(&cfg),
        crate::programme::Bus::decl(&cfg),
        crate::message::Msg::decl(&cfg),
        crate::message::Param::decl(&cfg),
        crate::programme::next::NowItem::decl(&cfg),
        crate::programme::next::NowNext::decl(&cfg),
        crate::programme::buses::BusLoad::decl(&cfg),
        crate::programme::buses::BusPlan::decl(&cfg),
        crate::programme::signups::SignupLine::decl(&cfg),
        crate::programme::signups::SignupList::decl(&cfg),
        crate::programme::signups::ItemCount::decl(&cfg),
        crate::programme::signups::SignupOutcome::decl(&cfg),
    ];
    for decl in decls {
        out.push('\n');
        out.push_str("export ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}
