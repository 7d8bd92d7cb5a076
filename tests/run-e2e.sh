#!/usr/bin/env bash
# Runs the end-to-end tests against the built app (target/debug/balie) under Xvfb.
# Fails when the tests fail, and also when they ran zero tests.
set -euo pipefail
cd "$(dirname "$0")/.."
app=${BALIE_APP:-target/debug/balie}
[ -x "$app" ] || { echo "e2e: $app is missing; build it first (cargo build -p balie)" >&2; exit 1; }
mkdir -p target/e2e
log=target/e2e/node-test.log
set +e
# A hang (an app left running, a driver that never answers) fails the run instead of
# waiting for CI's limit.
timeout --kill-after=10 600 xvfb-run -a -s "-screen 0 1400x1000x24" node --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$log" tests/e2e/ 
status=$?
set -e
passed=$(grep -E '^# pass ' "$log" | awk '{print $3}')
failed=$(grep -E '^# fail ' "$log" | awk '{print $3}')
echo "e2e: ${passed:-0} passed, ${failed:-0} failed"
if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "${passed:-0}" -eq 0 ]; then echo "e2e: ran zero tests" >&2; exit 1; fi
