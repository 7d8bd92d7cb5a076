#!/usr/bin/env bash
# Fails when a library crate of the workspace other than the Tauri shell (`balie`) depends
# on Tauri, directly or through another crate: domain logic and SQL stay usable without a
# window. Run from the repository; prints each crate checked.
set -euo pipefail
cd "$(dirname "$0")/.."
# Every crate under crates/ with a library target (src/lib.rs).
libs=$(for manifest in crates/*/Cargo.toml; do
  dir=$(dirname "$manifest")
  [ -f "$dir/src/lib.rs" ] && sed -n 's/^name *= *"\(.*\)"/\1/p' "$manifest" | head -1 || true
done)
[ -n "$libs" ] || { echo "no library crates found" >&2; exit 1; }
failed=0
for lib in $libs; do
  if found=$(cargo tree -p "$lib" -e all --prefix none --locked | grep -E '^tauri[a-z0-9_-]* v' | sed 's/ (\*)//' | sort -u) && [ -n "$found" ]; then
    echo "$lib depends on Tauri:" >&2
    echo "$found" >&2
    echo "move that code to src-tauri/ (the shell), or drop the dependency" >&2
    failed=1
  else
    echo "$lib: no Tauri"
  fi
done
exit $failed
