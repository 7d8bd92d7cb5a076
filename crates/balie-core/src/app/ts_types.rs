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
        crate::domain::error::ErrorCode::decl(&cfg),
        crate::domain::error::ErrorPayload::decl(&cfg),
        crate::app::AppInfo::decl(&cfg),
        crate::app::Programme::decl(&cfg),
        crate::store::congress::Congress::decl(&cfg),
        crate::domain::programme::ProgrammeDay::decl(&cfg),
        crate::domain::programme::ProgrammeItem::decl(&cfg),
        crate::domain::programme::ItemKind::decl(&cfg),
        crate::domain::programme::Speaker::decl(&cfg),
        crate::store::attendees::Attendee::decl(&cfg),
        crate::app::reception::AttendeeInput::decl(&cfg),
        crate::app::reception::DeskHit::decl(&cfg),
        crate::app::reception::Today::decl(&cfg),
        crate::domain::cancellation::Cancellation::decl(&cfg),
        crate::domain::cancellation::CancelSource::decl(&cfg),
        crate::app::reception::DeskSearch::decl(&cfg),
        crate::domain::search::Tier::decl(&cfg),
        crate::domain::checkin::CheckinList::decl(&cfg),
        crate::domain::checkin::ListKind::decl(&cfg),
        crate::domain::checkin::CheckinSource::decl(&cfg),
        crate::domain::checkin::CheckinRecord::decl(&cfg),
        crate::domain::checkin::Presence::decl(&cfg),
        crate::domain::checkin::NotOnList::decl(&cfg),
        crate::domain::checkin::Attention::decl(&cfg),
        crate::domain::checkin::CheckinOutcome::decl(&cfg),
        crate::domain::checkin::ListCounter::decl(&cfg),
        crate::domain::checkin::ArrivalChart::decl(&cfg),
        crate::domain::checkin::ArrivalSlot::decl(&cfg),
        crate::domain::checkin::SourceCount::decl(&cfg),
        crate::app::fastlane::WalkInInput::decl(&cfg),
        crate::app::fastlane::WalkInOutcome::decl(&cfg),
        crate::app::fastlane::PaperInput::decl(&cfg),
        crate::app::fastlane::PaperLine::decl(&cfg),
        crate::app::fastlane::PaperResult::decl(&cfg),
        crate::domain::checkin::RosterLine::decl(&cfg),
        crate::app::fastlane::KioskState::decl(&cfg),
        crate::app::fastlane::KioskHit::decl(&cfg),
        crate::app::fastlane::KioskOutcome::decl(&cfg),
        crate::documents::desk_paper::BadgeLayout::decl(&cfg),
        crate::app::printer::BadgePrintOutcome::decl(&cfg),
        crate::app::printer::DocumentKind::decl(&cfg),
        crate::app::printer::SavedDocument::decl(&cfg),
        crate::documents::export::ExportTable::decl(&cfg),
        crate::wire::sync::BundleReport::decl(&cfg),
        crate::wire::sync::DeskStatus::decl(&cfg),
        crate::wire::sync::RestoreReport::decl(&cfg),
        crate::wire::lan::PeerStatus::decl(&cfg),
        crate::wire::pairing::PairingOffer::decl(&cfg),
        crate::wire::pairing::PairingStatus::decl(&cfg),
        crate::domain::import::Field::decl(&cfg),
        crate::domain::import::ColumnChoice::decl(&cfg),
        crate::domain::import::ImportOptions::decl(&cfg),
        crate::domain::import::SavedMapping::decl(&cfg),
        crate::app::import::ImportProblem::decl(&cfg),
        crate::app::import::ImportPreview::decl(&cfg),
        crate::domain::alv::model::Member::decl(&cfg),
        crate::domain::alv::model::MemberInput::decl(&cfg),
        crate::domain::alv::model::EvidenceKind::decl(&cfg),
        crate::domain::alv::model::EvidenceInput::decl(&cfg),
        crate::domain::alv::model::EvidenceView::decl(&cfg),
        crate::domain::alv::model::GrantorPolicy::decl(&cfg),
        crate::domain::alv::model::Basis::decl(&cfg),
        crate::domain::alv::model::Threshold::decl(&cfg),
        crate::domain::alv::model::DecisionType::decl(&cfg),
        crate::domain::alv::model::AlvSettings::decl(&cfg),
        crate::domain::alv::model::MemberStatus::decl(&cfg),
        crate::domain::alv::model::MemberLine::decl(&cfg),
        crate::domain::alv::model::Count::decl(&cfg),
        crate::domain::alv::model::Totals::decl(&cfg),
        crate::domain::alv::model::QuorumLine::decl(&cfg),
        crate::domain::alv::model::ProxyState::decl(&cfg),
        crate::domain::alv::model::ProxyView::decl(&cfg),
        crate::domain::alv::model::AlvConflict::decl(&cfg),
        crate::domain::alv::model::AlvState::decl(&cfg),
        crate::domain::alv::model::AlsoPresent::decl(&cfg),
        crate::domain::alv::model::ProxyInput::decl(&cfg),
        crate::domain::alv::model::SnapshotContent::decl(&cfg),
        crate::domain::alv::model::Snapshot::decl(&cfg),
        crate::domain::alv::model::Choice::decl(&cfg),
        crate::domain::alv::model::Vote::decl(&cfg),
        crate::domain::alv::model::Tally::decl(&cfg),
        crate::domain::alv::weight::Weight::decl(&cfg),
        crate::app::programme_edit::ItemInput::decl(&cfg),
        crate::domain::programme::Bus::decl(&cfg),
        crate::domain::message::Msg::decl(&cfg),
        crate::domain::message::Param::decl(&cfg),
        crate::app::next::NowItem::decl(&cfg),
        crate::app::next::NowNext::decl(&cfg),
        crate::app::buses::BusLoad::decl(&cfg),
        crate::app::buses::BusPlan::decl(&cfg),
        crate::app::signups::SignupLine::decl(&cfg),
        crate::app::signups::SignupList::decl(&cfg),
        crate::app::signups::ItemCount::decl(&cfg),
        crate::app::signups::SignupOutcome::decl(&cfg),
    ];
    for decl in decls {
        out.push('\n');
        out.push_str("export ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}
