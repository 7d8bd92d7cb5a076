#!/usr/bin/env bash
# Runs the fuzz targets (crates/balie-core/fuzz) of what the venue network sends a desk
# (the LAN request parser, the pairing and sealed-request handlers) and of the files
# people send it (the CSV and .xlsx readers, the bundle reader with the merge behind it).
# `scripts/fuzz.sh 600` runs each for ten minutes; the test run calls it with a short
# smoke time. No run may take more than 1024 MB (`-rss_limit_mb`, which also makes any
# single allocation above it a failure). Installs
# cargo-fuzz from crates.io when missing. cargo-fuzz needs unstable flags: a nightly
# toolchain when there is one, else the stable one with RUSTC_BOOTSTRAP=1.
set -euo pipefail
cd "$(dirname "$0")/../crates/balie-core/fuzz"
seconds=${1:-30}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version 0.13.2
if cargo +nightly --version >/dev/null 2>&1; then
  fuzz() { cargo +nightly fuzz "$@"; }
else
  fuzz() { RUSTC_BOOTSTRAP=1 cargo fuzz "$@"; }
fi
for target in lan_request pairing table_csv table_xlsx bundle; do
  # New inputs go to a scratch folder; the committed corpus is only read.
  scratch=$(mktemp -d)
  fuzz run "$target" "$scratch" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 2>&1 | tail -n 3
  rm -rf "$scratch"
  echo "fuzz $target: ${seconds}s, no crash"
done
