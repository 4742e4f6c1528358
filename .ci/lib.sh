#!/usr/bin/env bash
# Shared by app.sh and test.sh: where builds are cached, and the idempotent
# install steps (Debian packages, npm packages, tauri-driver).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE_DIR=${ROUNDTABLE_CACHE:-$HOME/.cache/roundtable}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$CACHE_DIR/target}
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
TOOLS_DIR=$CACHE_DIR/tools
TAURI_DRIVER_VERSION=2.1.0

step() { printf '\n== %s\n' "$*"; }

require_toolchains() {
  if ! command -v cargo >/dev/null; then
    echo "Rust (cargo) is not installed. Install it with rustup, then run this again." >&2
    exit 1
  fi
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "Node.js 20.19 or newer (with npm) is needed to build the UI. Install it, then run this again." >&2
    exit 1
  fi
  local major minor
  IFS=. read -r major minor _ <<<"$(node --version | tr -d v)"
  if ((major < 20 || (major == 20 && minor < 19))); then
    echo "Node.js $(node --version) is too old to build the UI: 20.19 or newer is needed." >&2
    exit 1
  fi
}

install_system_packages() {
  step "Debian packages"
  bash "$ROOT/.ci/system-packages.sh" "$@"
}

# npm ci only when package-lock.json changed since the last install.
install_ui_packages() {
  step "UI packages (npm ci)"
  local stamp="$ROOT/ui/node_modules/.roundtable-lock-hash"
  local hash
  hash=$(sha256sum "$ROOT/ui/package-lock.json" | cut -d' ' -f1)
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]]; then
    echo "up to date"
    return
  fi
  (cd "$ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$hash" >"$stamp"
}

build_ui() {
  step "UI build"
  (cd "$ROOT/ui" && npm run --silent build -- --logLevel warn)
}

install_tauri_driver() {
  step "tauri-driver $TAURI_DRIVER_VERSION"
  export TAURI_DRIVER=$TOOLS_DIR/bin/tauri-driver
  if [[ -x "$TAURI_DRIVER" ]] && "$TAURI_DRIVER" --help >/dev/null 2>&1; then
    echo "installed"
    return
  fi
  cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked --root "$TOOLS_DIR" --quiet
}
