//! The window benchmark's floor: a Tauri 2 window showing one static page, built with the
//! same Tauri and the same allocator as Balie. Its first paint and memory are what any
//! Tauri window costs on this machine; Balie's figures are read as ratios of them.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!(
        "tests/bench/trivial/tauri.conf.json"
    )) {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "trivial window: {e}");
        std::process::exit(1);
    }
}
