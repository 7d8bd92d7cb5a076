#!/usr/bin/env bash
# The window benchmark (issue "never freeze"): builds the release app, the release CLI and a
# trivial Tauri window beside them (the same Tauri: the floor), makes data folders of ~400
# and 100,000 people, and drives the real windows through WebDriver under Xvfb. Prints a
# table and writes target/bench/window.json. Takes 15–25 minutes on two cores, most of it
# the release build; not part of the test command (CI only checks that it parses and that
# its harness loads).
#
#   tests/bench-window.sh                 # 3 runs, 100,000 people
#   BENCH_RUNS=5 tests/bench-window.sh    # more runs
#   BENCH_SKIP_BUILD=1 tests/bench-window.sh   # reuse the release builds
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  step "toolchains";    ensure_toolchains
  step "apt packages";  ensure_apt "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
  step "npm packages";  ensure_npm
  step "UI build";      npm --prefix ui run build
  step "release build"; cargo build --release --locked -p balie -p balie-cli
  # The same package with its bench feature: the example only (Tauri is not rebuilt).
  step "trivial window"; cargo build --release --locked -p balie --features bench-window --example trivial_window
  step_end
fi

export BALIE_APP="$PWD/target/release/balie" BALIE_CLI="$PWD/target/release/balie-cli" BALIE_NO_VIEWER=1
timeout --kill-after=10 3600 xvfb-run -a -s "-screen 0 1400x1000x24" node tests/bench/window.mjs
