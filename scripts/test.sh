#!/usr/bin/env bash
# Installs what is missing and runs every check and test: formatting, lints, the
# no-Tauri-in-core rule, stale generated types, broken doc links, Rust unit/integration/CLI
# tests, a short fuzz run of what the network and files send, UI type check, lint and unit tests,
# and the end-to-end tests in the real app window.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
started=$(date +%s)

step "toolchains";             ensure_toolchains
step "apt packages";           ensure_apt "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
step "npm packages";           ensure_npm
step "cargo fmt --check";      cargo fmt --all --check
step "libraries have no Tauri"; scripts/no-tauri.sh
step "UI type check";          npm --prefix ui run check
step "UI lint";                npm --prefix ui run lint
step "UI unit tests";          npm --prefix ui test
step "UI build";               npm --prefix ui run build
step "cargo clippy";           cargo clippy --workspace --all-targets --locked -- -D warnings
# The app is built with the tests' feature set (dev-dependencies turn on features of shared
# crates such as bitflags and hashbrown); `cargo build -p balie` alone would compile Tauri and
# GTK a second time, minutes and gigabytes for nothing.
step "cargo test";             cargo build --workspace --bins --tests --locked && cargo test --workspace --locked
# Doc links that name something that does not exist fail (module docs drift otherwise).
step "doc links";              RUSTDOCFLAGS="-D rustdoc::broken_intra_doc_links -A rustdoc::private_intra_doc_links" \
                                 cargo doc -p balie-core -p balie-cli --no-deps --document-private-items --locked
if [ -d crates/balie-core/benches ]; then
  step "benchmarks compile";   cargo bench -p balie-core --no-run --locked
fi
step "fuzz smoke (20 s a target)"; scripts/fuzz.sh 20
# On CI's fresh clone nothing reuses the instrumented fuzz build; give its disk back.
if [ "${CI:-}" = true ]; then rm -rf crates/balie-core/fuzz/target; fi
step "window bench parses";   bash -n tests/bench-window.sh && node tests/bench/window.mjs --check
step "build the app";          cargo build --workspace --bins --tests --locked
step "end-to-end (real window)"; tests/run-e2e.sh
step_end
echo
echo "all checks passed in $(( $(date +%s) - started ))s"
