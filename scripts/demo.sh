#!/usr/bin/env bash
# Installs what is missing, builds Balie, and opens it on the separate demo folder with the
# 2023 programme and ~400 fictitious attendees, the clock running from 7 December 2023.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

step "toolchains";        ensure_toolchains
step "apt packages";      ensure_apt "${BUILD_PACKAGES[@]}"
step "npm packages";      ensure_npm
step "build the UI";      npm --prefix ui run build
# Same package set as scripts/test.sh, so both share one feature set and one build.
step "build the app";     cargo build -p balie -p balie-cli
step_end

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "Geen beeldscherm gevonden (DISPLAY is leeg). Start dit vanuit een grafische sessie." >&2
  echo "No display found (DISPLAY is empty). Run this from a desktop session." >&2
  exit 1
fi
echo "Balie start met demogegevens (map: ${BALIE_DATA_DIR:-standaard demomap})"
exec target/debug/balie --demo --clock-runs "$@"
