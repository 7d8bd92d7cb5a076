//! The TypeScript declarations of every type that crosses IPC, generated from the Rust
//! types (ts-rs), found from the command registry, into one committed file,
//! `ui/src/lib/api/types.gen.ts`. The test `tests/ts_types.rs` fails when the committed file
//! is stale; run `BALIE_WRITE_TYPES=1 cargo test -p balie-core --test ts_types` to regenerate.

use ts_rs::{Config, TS};

/// Collects the declaration of every type reached, once, by name.
struct Declarations<'c> {
    cfg: &'c Config,
    seen: std::collections::BTreeMap<String, String>,
}

impl ts_rs::TypeVisitor for Declarations<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if T::output_path().is_none() {
            // A primitive or a wrapper (`Vec`, `Option`): what it wraps (its generics; its
            // dependencies are those of what it wraps, which would recurse on `Vec<Self>`).
            T::visit_generics(self);
            return;
        }
        let name = T::ident(self.cfg);
        if self.seen.contains_key(&name) {
            return;
        }
        self.seen.insert(name, T::decl(self.cfg));
        T::visit_dependencies(self);
    }
}

/// The generated file's text: every type a command of the registry takes or gives (and
/// what those contain), plus the few the window reads otherwise, by name.
pub fn typescript() -> String {
    let cfg = Config::default();
    let mut d = Declarations {
        cfg: &cfg,
        seen: std::collections::BTreeMap::new(),
    };
    crate::app::commands::visit_types(&mut d);
    // Not the input or output of a command, but read by the window.
    ts_rs::TypeVisitor::visit::<crate::domain::error::ErrorPayload>(&mut d);
    // Pushed to the window while a long task runs (the event `PROGRESS_EVENT`).
    ts_rs::TypeVisitor::visit::<crate::app::tasks::TaskProgress>(&mut d);
    let mut out = String::from(
        "// Generated from the Rust types in crates/balie-core by ts-rs. Do not edit.\n\
         // Regenerate: BALIE_WRITE_TYPES=1 cargo test -p balie-core --test ts_types\n",
    );
    for decl in d.seen.values() {
        out.push('\n');
        out.push_str("export ");
        out.push_str(decl);
        out.push('\n');
    }
    out
}
