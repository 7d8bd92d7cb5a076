//! The thin Tauri shell: a window, and every command the window sends looked up by name in
//! the core's registry (`balie_core::app::commands`) and run there. The shell only adds what
//! a window can do: open a document in the system's viewer, fill the screen for the kiosk,
//! keep the window open while the kiosk runs. No SQL, no rules, no network policy here.

use balie_core::app::commands::{self, Ctx, Host, Kind};
use balie_core::app::runtime::{Runtime, BACKUP_EVERY};
use balie_core::{ErrorPayload, LaunchOptions};
use std::sync::Arc;
use tauri::ipc::{Invoke, InvokeBody, InvokeError};
use tauri::Manager;

/// The running core (or the reason it could not start, shown by the UI instead of a crash),
/// with the network and backup policy of the app layer.
struct AppState(Arc<Runtime>);

/// What the window adds to a command: the viewer and the screen.
struct Window(tauri::Window);

impl Host for Window {
    /// Opens a file in the system's viewer, in the background; a missing viewer is not an
    /// error (the path is shown). `BALIE_NO_VIEWER=1` (tests) opens nothing.
    fn open(&self, path: &std::path::Path) -> bool {
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

    /// Pushes a long task's progress to the window that started it.
    fn progress(&self, progress: &balie_core::app::tasks::TaskProgress) {
        use tauri::Emitter;
        let _ = self.0.emit_to(
            self.0.label(),
            balie_core::app::tasks::PROGRESS_EVENT,
            progress,
        );
    }

    /// Kiosk mode also fills the screen; a failure to do so is not fatal (the kiosk still
    /// works).
    fn fullscreen(&self, on: bool) {
        if let Err(e) = self.0.set_fullscreen(on) {
            report(&format!("Volledig scherm lukte niet: {e}"));
        }
    }
}

/// Answers one command of the window from the registry. Tauri has checked it against the
/// window's capability before it gets here. Every command runs on a thread of its own, so
/// the window's event loop never waits for the core: reads go to a reader beside the
/// writer, writes wait for the writer, long work (files, documents, the network) may take
/// seconds.
fn invoke(invoke: Invoke) -> bool {
    let name = invoke.message.command().to_string();
    let Some(kind) = commands::kind_of(&name) else {
        return false;
    };
    let args = match invoke.message.payload() {
        InvokeBody::Json(v) => v.clone(),
        InvokeBody::Raw(_) => serde_json::Value::Null,
    };
    let webview = invoke.message.webview();
    let runtime = webview.state::<AppState>().0.clone();
    let window = Window(webview.window());
    let thread = match kind {
        Kind::Read => "lezen",
        Kind::Write => "schrijven",
        Kind::Long => "lang",
    };
    let resolver = invoke.resolver.clone();
    let answer = move || {
        let ctx = Ctx::new(&runtime, &window);
        let result: Result<serde_json::Value, ErrorPayload> = commands::call(&ctx, &name, args);
        invoke.resolver.respond(result.map_err(InvokeError::from));
    };
    if let Err(e) = std::thread::Builder::new()
        .name(format!("balie-{thread}"))
        .spawn(answer)
    {
        resolver.reject(format!("Balie kon de opdracht niet starten: {e}"));
    }
    true
}

/// Tells whoever started Balie from a terminal or script.
fn report(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{message}");
}

pub fn run() {
    let opts =
        LaunchOptions::from_args_and_env(std::env::args().skip(1), |k| std::env::var(k).ok())
            .map_err(|e| e.payload());
    let network = opts.clone().ok();
    // The core starts beside the window, which paints at once; its commands wait for it.
    let runtime = Runtime::start_in_background(opts, Box::new(report), move |runtime| {
        match runtime.failed() {
            // Also on the terminal, for whoever launched it from a script.
            Some(e) => report(&format!("Balie kon niet starten: {}", e.message)),
            None => {
                runtime.start_backups(BACKUP_EVERY);
                if let Some(opts) = &network {
                    runtime.start_network(opts.listen.as_deref(), &opts.peers);
                }
            }
        }
    });
    let app = tauri::Builder::default()
        .manage(AppState(runtime))
        .invoke_handler(invoke)
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                // While the kiosk is on, the window cannot be closed (leaving needs the PIN).
                if window.state::<AppState>().0.kiosk_on() {
                    api.prevent_close();
                }
            }
        })
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                handle.state::<AppState>().0.backup_now();
            }
        }),
        Err(e) => {
            report(&format!("Balie kon het venster niet openen: {e}"));
            std::process::exit(1);
        }
    }
}
