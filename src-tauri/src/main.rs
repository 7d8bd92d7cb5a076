// Prevents an extra console window on Windows in release.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// Every Rust allocation goes through mimalloc: building the search index, planning an
/// import and reading bundles allocate millions of small strings, and glibc's allocator
/// spent a third of that time in `malloc`/`free` (SQLite and WebKit keep their own).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    balie_app::run();
}
