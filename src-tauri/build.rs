/// Balie's own commands; `capabilities/main.json` grants each of them to the main window.
const COMMANDS: &[&str] = &[
    "app_info",
    "programme",
    "lists",
    "counters",
    "set_staff",
    "set_desk_name",
    "desk_search",
    "check_in",
    "check_in_by_code",
    "check_out",
    "undo_checkin",
    "add_attendee",
    "edit_attendee",
    "preview_registrations",
    "import_registrations",
    "save_import_mapping",
    "import_mappings",
    "register_walk_in",
    "enter_paper_checkins",
    "arrivals",
    "roster",
    "enter_kiosk",
    "leave_kiosk",
    "kiosk_state",
    "kiosk_search",
    "kiosk_check_in",
    "print_badge",
    "make_document",
    "sync_status",
    "congress_key",
    "write_bundle",
    "import_bundle",
    "backup",
    "restore_backup",
    "peers",
    "members",
    "save_member",
    "preview_members",
    "import_members",
    "alv_state",
    "set_alv_settings",
    "set_representative",
    "grant_proxy",
    "revoke_proxy",
    "confirm_grantor_present",
    "take_snapshot",
    "snapshots",
    "record_tally",
    "presentielijst",
    "evidence_scan",
    "save_programme_item",
    "remove_programme_item",
    "signups",
    "programme_counts",
    "sign_up",
    "sign_off",
];

fn main() {
    // Our own commands are permissions too: the capability file grants exactly these.
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {e:#}");
    }
}
