//! The thin Tauri shell: each command parses its input, calls one core function and maps
//! the core's error to `{code, message}`. No SQL and no business rules live here.

use balie_core::app::buses::BusPlan;
use balie_core::app::fastlane::{
    KioskHit, KioskOutcome, KioskState, PaperInput, PaperResult, WalkInInput, WalkInOutcome,
};
use balie_core::app::import::ImportPreview;
use balie_core::app::next::NowNext;
use balie_core::app::printer::{BadgePrintOutcome, DocumentKind, SavedDocument};
use balie_core::app::programme_edit::ItemInput;
use balie_core::app::reception::{AttendeeInput, DeskSearch, Today};
use balie_core::app::signups::{ItemCount, SignupList, SignupOutcome};
use balie_core::domain::alv::model::{
    AlvSettings, AlvState, EvidenceInput, Member, MemberInput, ProxyInput, ProxyView, Snapshot,
    Vote,
};
use balie_core::domain::cancellation::Cancellation;
use balie_core::domain::checkin::ArrivalChart;
use balie_core::domain::checkin::CheckinList;
use balie_core::domain::checkin::CheckinOutcome;
use balie_core::domain::checkin::CheckinRecord;
use balie_core::domain::checkin::CheckinSource;
use balie_core::domain::checkin::ListCounter;
use balie_core::domain::checkin::RosterLine;
use balie_core::domain::import::{ColumnChoice, ImportOptions, SavedMapping};
use balie_core::domain::programme::ProgrammeItem;
use balie_core::store::attendees::Attendee;
use balie_core::wire::lan::PeerStatus;
use balie_core::wire::pairing::{PairingOffer, PairingStatus};
use balie_core::wire::sync::{BundleReport, DeskStatus, RestoreReport};
use balie_core::{AppInfo, Balie, ErrorPayload, LaunchOptions, Programme};
use std::sync::Mutex;

/// The running core, or the reason it could not start (shown by the UI instead of a crash).
struct AppState(Result<Mutex<Balie>, ErrorPayload>);

fn with_balie<T>(
    state: &tauri::State<'_, AppState>,
    f: impl FnOnce(&mut Balie) -> balie_core::Result<T>,
) -> Result<T, ErrorPayload> {
    let mutex = state.0.as_ref().map_err(Clone::clone)?;
    let mut balie = mutex
        .lock()
        .map_err(|_| ErrorPayload::said(balie_core::ErrorCode::Internal, "err.host.locked", []))?;
    f(&mut balie).map_err(|e| e.payload())
}

// Tauri hands `State` to commands by value.
#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn app_info(state: tauri::State<'_, AppState>) -> Result<AppInfo, ErrorPayload> {
    with_balie(&state, |b| b.app_info())
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn programme(state: tauri::State<'_, AppState>) -> Result<Programme, ErrorPayload> {
    with_balie(&state, |b| b.programme())
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn lists(state: tauri::State<'_, AppState>) -> Result<Vec<CheckinList>, ErrorPayload> {
    with_balie(&state, |b| b.lists())
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn counters(state: tauri::State<'_, AppState>) -> Result<Vec<ListCounter>, ErrorPayload> {
    with_balie(&state, |b| b.counters())
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn cancel_registration(
    state: tauri::State<'_, AppState>,
    attendee_id: String,
    reason: String,
) -> Result<Cancellation, ErrorPayload> {
    with_balie(&state, |b| b.cancel_registration(&attendee_id, &reason))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn reinstate_registration(
    state: tauri::State<'_, AppState>,
    attendee_id: String,
    reason: String,
) -> Result<(), ErrorPayload> {
    with_balie(&state, |b| b.reinstate_registration(&attendee_id, &reason))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn today(state: tauri::State<'_, AppState>) -> Result<Today, ErrorPayload> {
    with_balie(&state, |b| b.today())
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn set_staff(state: tauri::State<'_, AppState>, name: String) -> Result<(), ErrorPayload> {
    with_balie(&state, |b| b.set_staff(&name))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn set_desk_name(state: tauri::State<'_, AppState>, name: String) -> Result<(), ErrorPayload> {
    with_balie(&state, |b| b.set_desk_name(&name))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn desk_search(
    state: tauri::State<'_, AppState>,
    query: String,
    list_id: String,
) -> Result<DeskSearch, ErrorPayload> {
    with_balie(&state, |b| b.desk_search_counted(&query, &list_id))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn check_in(
    state: tauri::State<'_, AppState>,
    list_id: String,
    attendee_id: String,
    override_reason: Option<String>,
    source: CheckinSource,
) -> Result<CheckinOutcome, ErrorPayload> {
    with_balie(&state, |b| {
        b.check_in(&list_id, &attendee_id, override_reason.as_deref(), source)
    })
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn check_in_by_code(
    state: tauri::State<'_, AppState>,
    list_id: String,
    code: String,
    override_reason: Option<String>,
    source: CheckinSource,
) -> Result<CheckinOutcome, ErrorPayload> {
    with_balie(&state, |b| {
        b.check_in_by_code(&list_id, &code, override_reason.as_deref(), source)
    })
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn check_out(
    state: tauri::State<'_, AppState>,
    list_id: String,
    attendee_id: String,
) -> Result<CheckinRecord, ErrorPayload> {
    with_balie(&state, |b| b.check_out(&list_id, &attendee_id))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn undo_checkin(
    state: tauri::State<'_, AppState>,
    event_id: String,
    reason: String,
) -> Result<CheckinRecord, ErrorPayload> {
    with_balie(&state, |b| b.undo_checkin(&event_id, &reason))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn add_attendee(
    state: tauri::State<'_, AppState>,
    input: AttendeeInput,
) -> Result<Attendee, ErrorPayload> {
    with_balie(&state, |b| b.add_attendee(input))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn edit_attendee(
    state: tauri::State<'_, AppState>,
    id: String,
    input: AttendeeInput,
) -> Result<Attendee, ErrorPayload> {
    with_balie(&state, |b| b.edit_attendee(&id, input))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn preview_registrations(
    state: tauri::State<'_, AppState>,
    bytes: Vec<u8>,
    file: String,
    options: ImportOptions,
) -> Result<ImportPreview, ErrorPayload> {
    with_balie(&state, |b| {
        b.preview_registrations_with(&bytes, &file, &options)
    })
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn import_registrations(
    state: tauri::State<'_, AppState>,
    bytes: Vec<u8>,
    file: String,
    options: ImportOptions,
) -> Result<ImportPreview, ErrorPayload> {
    with_balie(&state, |b| {
        b.import_registrations_with(&bytes, &file, &options)
    })
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn save_import_mapping(
    state: tauri::State<'_, AppState>,
    name: String,
    columns: Vec<ColumnChoice>,
) -> Result<(), ErrorPayload> {
    with_balie(&state, |b| b.save_import_mapping(&name, &columns))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn import_mappings(state: tauri::State<'_, AppState>) -> Result<Vec<SavedMapping>, ErrorPayload> {
    with_balie(&state, |b| b.import_mappings())
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn register_walk_in(
    state: tauri::State<'_, AppState>,
    input: WalkInInput,
    list_id: String,
    confirmed_new: bool,
) -> Result<WalkInOutcome, ErrorPayload> {
    with_balie(&state, |b| {
        b.register_walk_in(input, &list_id, confirmed_new)
    })
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn enter_paper_checkins(
    state: tauri::State<'_, AppState>,
    input: PaperInput,
) -> Result<PaperResult, ErrorPayload> {
    with_balie(&state, |b| b.enter_paper_checkins(&input))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn arrivals(
    state: tauri::State<'_, AppState>,
    list_id: String,
) -> Result<ArrivalChart, ErrorPayload> {
    with_balie(&state, |b| b.arrivals(&list_id))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn roster(
    state: tauri::State<'_, AppState>,
    list_id: String,
) -> Result<Vec<RosterLine>, ErrorPayload> {
    with_balie(&state, |b| b.roster(&list_id))
}

/// Kiosk mode also fills the screen; a failure to do so is not fatal (the kiosk still works).
fn fullscreen(window: &tauri::WebviewWindow, on: bool) {
    if let Err(e) = window.set_fullscreen(on) {
        report(&format!("Volledig scherm lukte niet: {e}"));
    }
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn enter_kiosk(
    state: tauri::State<'_, AppState>,
    window: tauri::WebviewWindow,
    list_id: String,
    pin: String,
) -> Result<KioskState, ErrorPayload> {
    let kiosk = with_balie(&state, |b| b.enter_kiosk(&list_id, &pin))?;
    fullscreen(&window, true);
    Ok(kiosk)
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn leave_kiosk(
    state: tauri::State<'_, AppState>,
    window: tauri::WebviewWindow,
    pin: String,
) -> Result<(), ErrorPayload> {
    with_balie(&state, |b| b.leave_kiosk(&pin))?;
    fullscreen(&window, false);
    Ok(())
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn kiosk_state(state: tauri::State<'_, AppState>) -> Result<Option<KioskState>, ErrorPayload> {
    with_balie(&state, |b| Ok(b.kiosk_state()))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn kiosk_search(
    state: tauri::State<'_, AppState>,
    query: String,
) -> Result<Vec<KioskHit>, ErrorPayload> {
    with_balie(&state, |b| b.kiosk_search(&query))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn kiosk_check_in(
    state: tauri::State<'_, AppState>,
    attendee_id: Option<String>,
    code: Option<String>,
) -> Result<KioskOutcome, ErrorPayload> {
    with_balie(&state, |b| {
        b.kiosk_check_in(attendee_id.as_deref(), code.as_deref())
    })
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn print_badge(
    state: tauri::State<'_, AppState>,
    attendee_id: String,
    reason: Option<String>,
    auto: bool,
) -> Result<BadgePrintOutcome, ErrorPayload> {
    with_balie(&state, |b| {
        b.print_badge(&attendee_id, reason.as_deref(), auto)
    })
}

/// Opens a file in the system's viewer, in the background; a missing viewer is not an error
/// (the path is shown). `BALIE_NO_VIEWER=1` (tests) opens nothing.
fn open_in_viewer(path: &std::path::Path) -> bool {
    if std::env::var_os("BALIE_NO_VIEWER").is_some() {
        return false;
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn members(state: tauri::State<'_, AppState>) -> Result<Vec<Member>, ErrorPayload> {
    with_balie(&state, |b| b.members())
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn save_member(
    state: tauri::State<'_, AppState>,
    id: Option<String>,
    input: MemberInput,
) -> Result<Member, ErrorPayload> {
    with_balie(&state, |b| b.save_member(id.as_deref(), &input))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn preview_members(
    state: tauri::State<'_, AppState>,
    bytes: Vec<u8>,
    file: String,
    options: ImportOptions,
) -> Result<ImportPreview, ErrorPayload> {
    with_balie(&state, |b| b.preview_members(&bytes, &file, &options))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn import_members(
    state: tauri::State<'_, AppState>,
    bytes: Vec<u8>,
    file: String,
    options: ImportOptions,
) -> Result<ImportPreview, ErrorPayload> {
    with_balie(&state, |b| b.import_members(&bytes, &file, &options))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn alv_state(state: tauri::State<'_, AppState>) -> Result<AlvState, ErrorPayload> {
    with_balie(&state, |b| b.alv_state())
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn set_alv_settings(
    state: tauri::State<'_, AppState>,
    settings: AlvSettings,
) -> Result<(), ErrorPayload> {
    with_balie(&state, |b| b.set_alv_settings(&settings))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn set_representative(
    state: tauri::State<'_, AppState>,
    member_id: String,
    attendee_id: Option<String>,
    evidence: Option<EvidenceInput>,
) -> Result<(), ErrorPayload> {
    with_balie(&state, |b| {
        b.set_representative(&member_id, attendee_id.as_deref(), evidence)
    })
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn grant_proxy(
    state: tauri::State<'_, AppState>,
    input: ProxyInput,
) -> Result<ProxyView, ErrorPayload> {
    with_balie(&state, |b| b.grant_proxy(input))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn revoke_proxy(
    state: tauri::State<'_, AppState>,
    proxy_id: String,
    reason: String,
) -> Result<ProxyView, ErrorPayload> {
    with_balie(&state, |b| b.revoke_proxy(&proxy_id, &reason))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn confirm_grantor_present(
    state: tauri::State<'_, AppState>,
    proxy_id: String,
) -> Result<ProxyView, ErrorPayload> {
    with_balie(&state, |b| b.confirm_grantor_present(&proxy_id))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn take_snapshot(
    state: tauri::State<'_, AppState>,
    label: String,
    decision_type: String,
) -> Result<Snapshot, ErrorPayload> {
    with_balie(&state, |b| b.take_snapshot(&label, &decision_type))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn snapshots(state: tauri::State<'_, AppState>) -> Result<Vec<Snapshot>, ErrorPayload> {
    with_balie(&state, |b| b.snapshots())
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn record_tally(
    state: tauri::State<'_, AppState>,
    snapshot_id: String,
    votes: Vec<Vote>,
) -> Result<Snapshot, ErrorPayload> {
    with_balie(&state, |b| b.record_tally(&snapshot_id, votes))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn presentielijst(
    state: tauri::State<'_, AppState>,
    snapshot_id: String,
    csv: bool,
) -> Result<SavedDocument, ErrorPayload> {
    let path = with_balie(&state, |b| b.save_presentielijst(&snapshot_id, csv))?;
    let opened = open_in_viewer(&path);
    Ok(SavedDocument::new(&path, opened))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn save_programme_item(
    state: tauri::State<'_, AppState>,
    input: ItemInput,
) -> Result<ProgrammeItem, ErrorPayload> {
    with_balie(&state, |b| b.save_programme_item(input))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn remove_programme_item(
    state: tauri::State<'_, AppState>,
    id: String,
) -> Result<(), ErrorPayload> {
    with_balie(&state, |b| b.remove_programme_item(&id))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn signups(state: tauri::State<'_, AppState>, item_id: String) -> Result<SignupList, ErrorPayload> {
    with_balie(&state, |b| b.signups(&item_id))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn programme_counts(state: tauri::State<'_, AppState>) -> Result<Vec<ItemCount>, ErrorPayload> {
    with_balie(&state, |b| b.programme_counts())
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn sign_up(
    state: tauri::State<'_, AppState>,
    attendee_id: String,
    item_id: String,
) -> Result<SignupOutcome, ErrorPayload> {
    with_balie(&state, |b| b.sign_up(&attendee_id, &item_id))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn sign_off(
    state: tauri::State<'_, AppState>,
    attendee_id: String,
    item_id: String,
) -> Result<SignupList, ErrorPayload> {
    with_balie(&state, |b| b.sign_off(&attendee_id, &item_id))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn bus_plans(state: tauri::State<'_, AppState>) -> Result<Vec<BusPlan>, ErrorPayload> {
    with_balie(&state, |b| b.bus_plans())
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn assign_bus(
    state: tauri::State<'_, AppState>,
    attendee_id: String,
    visit_id: String,
    bus_id: String,
) -> Result<BusPlan, ErrorPayload> {
    with_balie(&state, |b| b.assign_bus(&attendee_id, &visit_id, &bus_id))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn set_bus(
    state: tauri::State<'_, AppState>,
    attendee_id: String,
    bus: bool,
) -> Result<(), ErrorPayload> {
    with_balie(&state, |b| b.set_bus(&attendee_id, bus))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn now_and_next(state: tauri::State<'_, AppState>) -> Result<NowNext, ErrorPayload> {
    with_balie(&state, |b| b.now_and_next())
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn new_congress(
    state: tauri::State<'_, AppState>,
    folder: String,
    first_day: String,
    name: String,
) -> Result<String, ErrorPayload> {
    let dir = std::path::PathBuf::from(folder.trim());
    with_balie(&state, |b| {
        b.new_congress_from_programme(&dir, &first_day, &name)
    })
    .map(|p| p.display().to_string())
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn join_congress(
    state: tauri::State<'_, AppState>,
    key_code: String,
    bytes: Vec<u8>,
) -> Result<(), ErrorPayload> {
    with_balie(&state, |b| b.join_in_place(&key_code, &bytes))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn evidence_scan(
    state: tauri::State<'_, AppState>,
    subject: String,
) -> Result<SavedDocument, ErrorPayload> {
    let path = with_balie(&state, |b| b.save_evidence_scan(&subject))?;
    let opened = open_in_viewer(&path);
    Ok(SavedDocument::new(&path, opened))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn make_document(
    state: tauri::State<'_, AppState>,
    kind: DocumentKind,
    list_id: Option<String>,
) -> Result<SavedDocument, ErrorPayload> {
    let path = with_balie(&state, |b| b.make_document(kind, list_id.as_deref()))?;
    let opened = open_in_viewer(&path);
    Ok(SavedDocument::new(&path, opened))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn sync_status(state: tauri::State<'_, AppState>) -> Result<Vec<DeskStatus>, ErrorPayload> {
    with_balie(&state, |b| b.sync_status())
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn congress_key(state: tauri::State<'_, AppState>) -> Result<String, ErrorPayload> {
    with_balie(&state, |b| b.congress_key_code())
}

/// A folder typed in the window; empty means the data folder's default.
fn folder(text: &str) -> Option<std::path::PathBuf> {
    let t = text.trim();
    (!t.is_empty()).then(|| std::path::PathBuf::from(t))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn write_bundle(
    state: tauri::State<'_, AppState>,
    folder_text: String,
) -> Result<SavedDocument, ErrorPayload> {
    let path = with_balie(&state, |b| b.write_bundle(folder(&folder_text).as_deref()))?;
    Ok(SavedDocument::new(&path, false))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn import_bundle(
    state: tauri::State<'_, AppState>,
    bytes: Vec<u8>,
) -> Result<BundleReport, ErrorPayload> {
    with_balie(&state, |b| b.import_bundle(&bytes))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn backup(
    state: tauri::State<'_, AppState>,
    folder_text: String,
) -> Result<SavedDocument, ErrorPayload> {
    let path = with_balie(&state, |b| b.backup(folder(&folder_text).as_deref()))?;
    Ok(SavedDocument::new(&path, false))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn restore_backup(
    state: tauri::State<'_, AppState>,
    bytes: Vec<u8>,
) -> Result<RestoreReport, ErrorPayload> {
    with_balie(&state, |b| b.restore_bytes(&bytes))
}

/// While the kiosk is on, the window cannot be closed (leaving needs the PIN).
fn kiosk_on(state: &AppState) -> bool {
    state
        .0
        .as_ref()
        .ok()
        .and_then(|m| m.lock().ok().map(|b| b.kiosk_state().is_some()))
        .unwrap_or(false)
}

fn start_core(opts: &Result<LaunchOptions, ErrorPayload>) -> Result<Mutex<Balie>, ErrorPayload> {
    let opts = opts.as_ref().map_err(Clone::clone)?;
    Balie::start(opts).map(Mutex::new).map_err(|e| e.payload())
}

/// Runs `f` on the desk under the state's lock (for the network threads).
fn on_desk(
    state: &AppState,
    f: &mut dyn FnMut(&mut Balie) -> balie_core::Result<Vec<u8>>,
) -> balie_core::Result<Vec<u8>> {
    with_desk(state, f)
}

/// Where this desk listens for other desks, once it does (`--listen` or a pairing).
static LISTENING: Mutex<Option<String>> = Mutex::new(None);
/// The peers this desk exchanges with (one thread each).
static PEER_LOOPS: Mutex<Vec<String>> = Mutex::new(Vec::new());
/// Where a desk listens when a pairing is opened without `--listen`.
const DEFAULT_LISTEN: &str = "0.0.0.0:7411";
/// This desk's mDNS advertisement and search, while it listens.
static DISCOVERY: Mutex<Option<balie_core::wire::discovery::Discovery>> = Mutex::new(None);

/// (Re)starts finding desks of this congress on the network (the tag follows the congress
/// key, so after joining another congress it starts again); found desks become peers.
fn start_discovery(handle: &tauri::AppHandle) {
    use tauri::Manager;
    let Some(listening) = LISTENING.lock().ok().and_then(|l| l.clone()) else {
        return;
    };
    let found_by = handle.clone();
    let started = with_desk(&handle.state::<AppState>(), |b| {
        // Discovery reports each desk once (again if it moved); `spawn_peer` runs one
        // exchange loop per address.
        b.discover(&listening, move |_, address| spawn_peer(&found_by, address))
    });
    match started {
        Ok(d) => {
            if let Ok(mut slot) = DISCOVERY.lock() {
                *slot = Some(d);
            }
        }
        Err(e) => report(&e.to_string()),
    }
}

/// Runs `f` on the desk under the state's lock, for the shell's own threads.
fn with_desk<T>(
    state: &AppState,
    f: impl FnOnce(&mut Balie) -> balie_core::Result<T>,
) -> balie_core::Result<T> {
    let mutex = state
        .0
        .as_ref()
        .map_err(|e| balie_core::Error::Internal(e.message.clone()))?;
    let mut balie = mutex
        .lock()
        .map_err(|_| balie_core::Error::Internal("de gegevens zijn geblokkeerd".into()))?;
    f(&mut balie)
}

/// Starts serving other desks on `addr`; the bound address.
fn listen(handle: &tauri::AppHandle, addr: &str) -> Result<String, String> {
    use tauri::Manager;
    let listener = std::net::TcpListener::bind(addr).map_err(|e| e.to_string())?;
    let bound = listener
        .local_addr()
        .map_or(addr.to_string(), |a| a.to_string());
    let serving = handle.clone();
    std::thread::spawn(move || {
        balie_core::app::lan::serve(&listener, |f| on_desk(&serving.state::<AppState>(), f));
    });
    if let Ok(mut l) = LISTENING.lock() {
        *l = Some(bound.clone());
    }
    start_discovery(handle);
    Ok(bound)
}

/// Exchanges with `peer` every few seconds from now on (once per address).
fn spawn_peer(handle: &tauri::AppHandle, peer: String) {
    use tauri::Manager;
    match PEER_LOOPS.lock() {
        Ok(mut running) if !running.contains(&peer) => running.push(peer.clone()),
        _ => return,
    }
    let handle = handle.clone();
    std::thread::spawn(move || loop {
        let state = handle.state::<AppState>();
        // Forgotten by staff: this loop ends (pairing again starts a new one).
        if !with_desk(&state, |b| Ok(b.wants_peer(&peer))).unwrap_or(true) {
            if let Ok(mut running) = PEER_LOOPS.lock() {
                running.retain(|p| *p != peer);
            }
            return;
        }
        let status = balie_core::app::lan::exchange(&peer, |f| on_desk(&state, f));
        let _ = on_desk(&state, &mut |b: &mut Balie| {
            b.record_peer(status.clone());
            Ok(Vec::new())
        });
        std::thread::sleep(balie_core::wire::lan::EXCHANGE_EVERY);
    });
}

/// The network: listen for other desks, and exchange with each peer (given or remembered)
/// every few seconds.
fn start_network(handle: &tauri::AppHandle, opts: &LaunchOptions) {
    use tauri::Manager;
    if let Some(addr) = &opts.listen {
        if let Err(e) = listen(handle, addr) {
            report(&format!("Luisteren op {addr} lukte niet: {e}"));
        }
    }
    let remembered = on_desk(&handle.state::<AppState>(), &mut |b: &mut Balie| {
        Ok(b.remembered_peers().join("\n").into_bytes())
    })
    .map(|v| String::from_utf8_lossy(&v).to_string())
    .unwrap_or_default();
    for peer in opts
        .peers
        .iter()
        .cloned()
        .chain(remembered.lines().map(str::to_string))
    {
        spawn_peer(handle, peer);
    }
}

/// Opens a pairing code for a new laptop; listens on the network first if this desk did
/// not yet.
#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn open_pairing(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
) -> Result<PairingOffer, ErrorPayload> {
    let current = LISTENING.lock().ok().and_then(|l| l.clone());
    let bound = match current {
        Some(b) => b,
        None => listen(&app, DEFAULT_LISTEN).map_err(|e| {
            ErrorPayload::said(
                balie_core::ErrorCode::InvalidInput,
                "err.host.listen",
                [("address", DEFAULT_LISTEN.into()), ("why", e.into())],
            )
        })?,
    };
    let address = balie_core::wire::lan::reachable_address(&bound);
    with_balie(&state, |b| b.open_pairing(&address))
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn pairing_status(state: tauri::State<'_, AppState>) -> Result<PairingStatus, ErrorPayload> {
    with_balie(&state, Balie::pairing_status)
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn close_pairing(state: tauri::State<'_, AppState>) -> Result<(), ErrorPayload> {
    with_balie(&state, |b| {
        b.close_pairing();
        Ok(())
    })
}

/// Pairs this new laptop with a desk by its code (or scanned QR text) and starts
/// exchanging with it. Async: the network must not hold up the window.
#[tauri::command]
async fn pair_with_desk(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    address: String,
    code: String,
) -> Result<(), ErrorPayload> {
    // The laptop's data is not held while the desk answers (the window keeps working).
    let request = with_balie(&state, |b| b.prepare_pairing(&address, &code))?;
    let paired = request.run().map_err(|e| e.payload())?;
    let peers = with_balie(&state, |b| {
        b.finish_pairing(&request, &paired)?;
        Ok(b.remembered_peers())
    })?;
    for peer in peers {
        spawn_peer(&app, peer);
    }
    // A paired desk takes part in the network: it listens (so other desks find it and it can
    // show a pairing code itself) and advertises under the joined congress from now on.
    let listening = LISTENING.lock().ok().and_then(|l| l.clone());
    match listening {
        Some(_) => start_discovery(&app),
        None => {
            if let Err(e) = listen(&app, DEFAULT_LISTEN) {
                report(&format!("Luisteren op {DEFAULT_LISTEN} lukte niet: {e}"));
            }
        }
    }
    Ok(())
}

#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn peers(state: tauri::State<'_, AppState>) -> Result<Vec<PeerStatus>, ErrorPayload> {
    with_balie(&state, |b| Ok(b.peers()))
}

/// Stops exchanging with a peer (a desk that left); its loop ends at its next turn.
#[allow(clippy::needless_pass_by_value)]
#[tauri::command]
fn forget_peer(state: tauri::State<'_, AppState>, address: String) -> Result<(), ErrorPayload> {
    with_balie(&state, |b| b.forget_peer(&address))
}

/// Tells whoever started Balie from a terminal or script.
fn report(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{message}");
}

/// How often the app makes a rolling backup while it runs (and once more on exit).
const BACKUP_EVERY: std::time::Duration = std::time::Duration::from_secs(5 * 60);

fn backup_now(state: &AppState) {
    if let Ok(mutex) = &state.0 {
        if let Ok(balie) = mutex.lock() {
            if let Err(e) = balie.backup(None) {
                report(&format!("Back-up mislukt: {e}"));
            }
        }
    }
}

pub fn run() {
    let opts =
        LaunchOptions::from_args_and_env(std::env::args().skip(1), |k| std::env::var(k).ok())
            .map_err(|e| e.payload());
    let state = AppState(start_core(&opts));
    let network = opts.ok();
    if let Err(e) = &state.0 {
        // Also on the terminal, for whoever launched it from a script.
        report(&format!("Balie kon niet starten: {}", e.message));
    }
    let app = tauri::Builder::default()
        .manage(state)
        .setup(move |app| {
            use tauri::Manager;
            let handle = app.handle().clone();
            std::thread::spawn(move || loop {
                std::thread::sleep(BACKUP_EVERY);
                backup_now(&handle.state::<AppState>());
            });
            if let Some(opts) = &network {
                start_network(app.handle(), opts);
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            app_info,
            programme,
            lists,
            counters,
            today,
            cancel_registration,
            reinstate_registration,
            set_staff,
            set_desk_name,
            desk_search,
            check_in,
            check_in_by_code,
            check_out,
            undo_checkin,
            add_attendee,
            edit_attendee,
            preview_registrations,
            import_registrations,
            save_import_mapping,
            import_mappings,
            register_walk_in,
            enter_paper_checkins,
            arrivals,
            roster,
            enter_kiosk,
            leave_kiosk,
            kiosk_state,
            kiosk_search,
            kiosk_check_in,
            print_badge,
            make_document,
            sync_status,
            congress_key,
            write_bundle,
            import_bundle,
            backup,
            restore_backup,
            peers,
            forget_peer,
            members,
            save_member,
            preview_members,
            import_members,
            alv_state,
            set_alv_settings,
            set_representative,
            grant_proxy,
            revoke_proxy,
            confirm_grantor_present,
            take_snapshot,
            snapshots,
            record_tally,
            presentielijst,
            evidence_scan,
            save_programme_item,
            remove_programme_item,
            signups,
            programme_counts,
            sign_up,
            sign_off,
            bus_plans,
            assign_bus,
            set_bus,
            now_and_next,
            new_congress,
            join_congress,
            open_pairing,
            pairing_status,
            close_pairing,
            pair_with_desk
        ])
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                use tauri::Manager;
                if kiosk_on(&window.state::<AppState>()) {
                    api.prevent_close();
                }
            }
        })
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                use tauri::Manager;
                backup_now(&handle.state::<AppState>());
            }
        }),
        Err(e) => {
            report(&format!("Balie kon het venster niet openen: {e}"));
            std::process::exit(1);
        }
    }
}
