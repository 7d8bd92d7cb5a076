//! The thin Tauri shell: each command parses its input, calls one core function and maps
//! the core's error to `{code, message}`. No SQL and no business rules live here.

use balie_core::{AppInfo, Balie, ErrorPayload, LaunchOptions, Programme};
use std::sync::Mutex;

/// The running core, or the reason it could not start (shown by the UI instead of a crash).
struct AppState(Result<Mutex<Balie>, ErrorPayload>);

fn with_balie<T>(
    state: &tauri::State<'_, AppState>,
    f: impl FnOnce(&mut Balie) -> balie_core::Result<T>,
) -> Result<T, ErrorPayload> {
    let mutex = state.0.as_ref().map_err(Clone::clone)?;
    let mut balie = mutex.lock().map_err(|_| ErrorPayload {
        code: balie_core::ErrorCode::Internal,
        message: "Interne fout: de toegang tot de gegevens is geblokkeerd. Herstart Balie.".into(),
    })?;
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

fn start_core() -> Result<Mutex<Balie>, ErrorPayload> {
    let opts =
        LaunchOptions::from_args_and_env(std::env::args().skip(1), |k| std::env::var(k).ok())
            .map_err(|e| e.payload())?;
    Balie::start(&opts).map(Mutex::new).map_err(|e| e.payload())
}

/// Tells whoever started Balie from a terminal or script.
fn report(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{message}");
}

pub fn run() {
    let state = AppState(start_core());
    if let Err(e) = &state.0 {
        // Also on the terminal, for whoever launched it from a script.
        report(&format!("Balie kon niet starten: {}", e.message));
    }
    let result = tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![app_info, programme])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        report(&format!("Balie kon het venster niet openen: {e}"));
        std::process::exit(1);
    }
}
