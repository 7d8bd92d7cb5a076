//! The committed TypeScript the UI reads from the core (the types, and the catalogue of the
//! core's messages) must equal what the Rust side generates.

use std::path::PathBuf;

/// Compares `fresh` with the committed file at `relative` (from the repository root);
/// `BALIE_WRITE_TYPES=1` writes it first.
fn committed_equals(relative: &str, fresh: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative);
    if std::env::var_os("BALIE_WRITE_TYPES").is_some() {
        std::fs::write(&path, fresh).expect("write");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `BALIE_WRITE_TYPES=1 cargo test -p balie-core --test ts_types` and commit it",
        path.display()
    );
}

#[test]
fn committed_typescript_types_are_fresh() {
    committed_equals(
        "ui/src/lib/api/types.gen.ts",
        &balie_core::app::ts_types::typescript(),
    );
}

#[test]
fn committed_message_catalogue_is_fresh() {
    committed_equals(
        "ui/src/lib/i18n/core.gen.ts",
        &balie_core::domain::message::typescript(),
    );
}

#[test]
fn committed_command_wrappers_are_fresh() {
    committed_equals(
        "ui/src/lib/api/commands.gen.ts",
        &balie_core::app::commands::typescript(),
    );
}

#[test]
fn committed_window_capability_is_fresh() {
    committed_equals(
        "src-tauri/capabilities/main.json",
        &balie_core::app::commands::capability(),
    );
}
