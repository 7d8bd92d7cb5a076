//! The layers of the core and the direction of their dependencies (see ARCHITECTURE.md,
//! "Layers"): domain → documents → store → wire → app, each importing only layers below it
//! (or its own). SQL belongs in the store; `Balie` in the app layer.
//!
//! A module's layer is its folder under `src/` (`domain/`, `documents/`, `store/`, `wire/`,
//! `app/`); a file outside them fails, and so does a sub-folder of `app/` (every `impl Balie`
//! lives in one flat folder). There is no allow list: every violation fails.
//!
//! "SQL" means preparing or running a statement, `params!`, a `Transaction` or naming
//! `rusqlite`. The store's read handle (`store::Connection`) is opaque above the store: the
//! app layer holds one and passes it to store functions, which run the statements.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const LAYERS: [&str; 5] = ["domain", "documents", "store", "wire", "app"];

/// A module's layer is the folder it lives in: `src/domain/alv/rules.rs` is `domain`.
fn layer_of(module: &str) -> Option<usize> {
    let first = module.split("::").next()?;
    LAYERS.iter().position(|l| *l == first)
}

/// The module a file is: `src/alv/rules.rs` → `alv::rules`, `src/alv/mod.rs` → `alv`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// The code of a file without comments, string and char literals, and `#[cfg(test)]`
/// modules (tests may use anything).
fn code_only(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#'))
                && !(i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let hashes = b[i + 1..].iter().take_while(|c| **c == b'#').count();
                if b.get(i + 1 + hashes) != Some(&b'"') {
                    out.push('r');
                    i += 1;
                    continue;
                }
                let close: String = std::iter::once('"')
                    .chain("#".repeat(hashes).chars())
                    .collect();
                let start = i + 2 + hashes;
                let end = text[start..]
                    .find(&close)
                    .map_or(b.len(), |e| start + e + close.len());
                out.push_str("\"\"");
                i = end;
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                out.push_str("\"\"");
                i += 1;
            }
            b'\'' if b.get(i + 2) == Some(&b'\'') => {
                out.push_str("' '");
                i += 3;
            }
            b'\'' if b.get(i + 1) == Some(&b'\\') => {
                let end = text[i + 2..].find('\'').map_or(b.len(), |e| i + 3 + e);
                out.push_str("' '");
                i = end;
            }
            _ => {
                let c = text[i..].chars().next().expect("char");
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    out
}

/// The modules of the crate `code` (of `module`) names: `crate::a::b` and `super::b`,
/// resolved to the longest known module.
fn imports(module: &str, code: &str, known: &BTreeSet<&str>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let resolve = |path: Vec<&str>, out: &mut BTreeSet<String>| {
        for n in (1..=path.len()).rev() {
            let candidate = path[..n].join("::");
            if known.contains(candidate.as_str()) {
                out.insert(candidate);
                return;
            }
        }
    };
    let ident = |s: &str| -> Vec<String> {
        // `a::b::{c, d::e}` → the first path segments up to a non-identifier.
        let mut segs = Vec::new();
        let mut rest = s;
        loop {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            if end == 0 {
                break;
            }
            segs.push(rest[..end].to_string());
            match rest[end..].strip_prefix("::") {
                Some(r) => rest = r,
                None => break,
            }
        }
        segs
    };
    for (prefix, base) in [
        ("crate::", Vec::new()),
        ("super::", {
            let mut p: Vec<&str> = module.split("::").collect();
            // A file's `super` is its parent module (for `alv/rules.rs`: `alv`).
            p.pop();
            p
        }),
    ] {
        let mut rest = code;
        while let Some(at) = rest.find(prefix) {
            let before = rest[..at].chars().last();
            rest = &rest[at + prefix.len()..];
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let segs = ident(rest);
            let mut path: Vec<&str> = base.clone();
            path.extend(segs.iter().map(String::as_str));
            if !path.is_empty() {
                resolve(path, &mut out);
            }
            // `use crate::{a, b::c}`: each item of the braces.
            if rest.starts_with('{') {
                let inner = &rest[1..rest.find('}').unwrap_or(rest.len())];
                for item in inner.split(',') {
                    let segs = ident(item.trim());
                    let mut path: Vec<&str> = base.clone();
                    path.extend(segs.iter().map(String::as_str));
                    if !path.is_empty() {
                        resolve(path, &mut out);
                    }
                }
            }
        }
    }
    out.remove(module);
    out
}

fn word(code: &str, w: &str) -> bool {
    code.match_indices(w).any(|(at, _)| {
        let before = code[..at].chars().last();
        let after = code[at + w.len()..].chars().next();
        let is_ident = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        !is_ident(before) && !is_ident(after)
    })
}

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).expect("read src").flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// Whether `code` prepares or runs SQL, or names the driver. The store's read handle
/// (`store::Connection`) may be held and passed on above the store; only the store runs
/// statements on it.
fn uses_sql(code: &str) -> bool {
    [
        ".prepare(",
        ".prepare_cached(",
        ".execute(",
        ".execute_batch(",
        ".query_row(",
        ".query_map(",
        "params!",
        "Transaction",
        "rusqlite",
    ]
    .iter()
    .any(|s| code.contains(s))
}

/// The violations, one line each: `module (layer) imports other (layer)` and the like.
fn violations() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let files = sources(&src);
    let modules: Vec<String> = files.iter().map(|f| module_of(&src, f)).collect();
    let known: BTreeSet<&str> = modules.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    let mut outside = Vec::new();
    for (file, module) in files.iter().zip(&modules) {
        if module == "lib" || LAYERS.contains(&module.as_str()) {
            // The crate root and each layer's `mod.rs` declare modules; `app/mod.rs`
            // (the `Balie` type itself) is checked as part of `app` below.
            if module != "app" {
                continue;
            }
        }
        let Some(layer) = layer_of(module) else {
            outside.push(module.clone());
            continue;
        };
        let code = code_only(&std::fs::read_to_string(file).expect("read"));
        for to in imports(module, &code, &known) {
            let Some(to_layer) = layer_of(&to) else {
                continue;
            };
            if to_layer > layer {
                out.push(format!(
                    "{module} ({}) imports {to} ({})",
                    LAYERS[layer], LAYERS[to_layer]
                ));
            }
        }
        let app = LAYERS.iter().position(|l| *l == "app").expect("app");
        if layer != app && word(&code, "Balie") {
            out.push(format!("{module} ({}) names Balie", LAYERS[layer]));
        }
        if layer == app && module.matches("::").count() > 1 {
            out.push(format!("{module} (app) is in a sub-folder of app/"));
        }
        let store = LAYERS.iter().position(|l| *l == "store").expect("store");
        if layer != store && uses_sql(&code) {
            out.push(format!("{module} ({}) uses SQL", LAYERS[layer]));
        }
    }
    assert!(
        outside.is_empty(),
        "modules outside the layer folders (move them into domain/, documents/, store/, \
         wire/ or app/): {outside:?}"
    );
    out.sort();
    out
}

#[test]
fn layers_import_only_downward() {
    let now = violations();
    assert!(
        now.is_empty(),
        "layer violations (move the code to its layer, see ARCHITECTURE.md, \"Layers\"):\n{}",
        now.join("\n")
    );
}

/// The checker itself: a planted upward import, a `Balie` in the store and SQL in the
/// domain are each found; comments and strings are not code.
#[test]
fn the_checker_finds_planted_violations() {
    let known: BTreeSet<&str> = [
        "domain::names",
        "domain::alv",
        "domain::alv::rules",
        "domain::alv::weight",
        "app",
        "wire::sync",
        "wire::lan",
    ]
    .into_iter()
    .collect();
    let code = code_only(
        "use crate::{domain::names, app::Balie};\n// crate::wire::sync in a comment\nlet s = \"crate::wire::lan\";\nfn f() { super::weight::Weight::ONE; }\n",
    );
    let found = imports("domain::alv::rules", &code, &known);
    assert_eq!(
        found.into_iter().collect::<Vec<_>>(),
        ["app", "domain::alv::weight", "domain::names"],
        "{code}"
    );
    assert_eq!(layer_of("app"), Some(4));
    assert_eq!(layer_of("domain::alv::rules"), Some(0));
    assert_eq!(layer_of("alv"), None);
    assert!(word(&code, "Balie"));
    assert!(!word("BalieX Balie_y", "Balie"));
    assert!(uses_sql("conn.prepare_cached(q)") && uses_sql("use rusqlite::params;"));
    assert!(!uses_sql(
        "fn plans(conn: &Connection) { store::buses::plans(conn) }"
    ));
    let strings = code_only("let x = r#\"SELECT \"quoted\" \"#; let c = '\"'; let Balie = 1;");
    assert!(
        !strings.contains("SELECT") && word(&strings, "Balie"),
        "{strings}"
    );
}
