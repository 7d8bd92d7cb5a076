# Shared by scripts/demo.sh and scripts/test.sh: install what is missing, time each step.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Debian packages: WebKitGTK to build and run the app; Xvfb and WebKitWebDriver for e2e.
BUILD_PACKAGES=(libwebkit2gtk-4.1-dev build-essential pkg-config curl file)
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver poppler-utils)

step_started=0
step() {
  step_end
  step_name="$1"
  step_started=$(date +%s)
  printf '\n==> %s\n' "$step_name"
}
step_end() {
  if [ "$step_started" -ne 0 ]; then
    printf '\n<== %s: %ss\n' "$step_name" "$(( $(date +%s) - step_started ))"
    step_started=0
  fi
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_apt() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "apt packages present"
  fi
}

ensure_toolchains() {
  command -v cargo >/dev/null || { echo "Rust is missing: install it with rustup (https://rustup.rs), then run this again." >&2; exit 1; }
  command -v node >/dev/null || { echo "Node.js 20.19+ is missing: install it, then run this again." >&2; exit 1; }
  local major minor
  major=$(node -p 'process.versions.node.split(".")[0]')
  minor=$(node -p 'process.versions.node.split(".")[1]')
  if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
    echo "Node.js $(node --version) is too old: Vite 8 needs 20.19 or newer." >&2
    exit 1
  fi
}

ensure_npm() {
  # npm ci when node_modules is missing or older than the lock file.
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    npm --prefix ui ci --no-audit --no-fund
  else
    echo "ui/node_modules up to date"
  fi
}
