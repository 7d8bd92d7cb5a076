//! Balie's own commands are permissions too. Their names come from the window's capability
//! (`capabilities/main.json`), which is generated from the command registry in
//! `crates/balie-core/src/app/commands.rs` (a test fails when it is stale), so a command is
//! declared once.

fn main() {
    let path = "src-tauri/capabilities/main.json";
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let capability: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let commands: Vec<&'static str> = capability["permissions"]
        .as_array()
        .unwrap_or_else(|| panic!("{path}: no permissions"))
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|c| &*Box::leak(c.replace('-', "_").into_boxed_str()))
        .collect();
    let commands: &'static [&'static str] = Box::leak(commands.into_boxed_slice());
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(commands));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {e:#}");
    }
}
