//! The committed TypeScript types must equal what the Rust types generate.

use std::path::PathBuf;

#[test]
fn committed_typescript_types_are_fresh() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/api/types.gen.ts");
    let fresh = balie_core::ts_types::typescript();
    if std::env::var_os("BALIE_WRITE_TYPES").is_some() {
        std::fs::write(&path, &fresh).expect("write types");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `BALIE_WRITE_TYPES=1 cargo test -p balie-core --test ts_types` and commit it",
        path.display()
    );
}
