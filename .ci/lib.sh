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
# The Tauri CLI builds the .deb. npm ships it with its own binary; it is kept
# in the tools folder, outside ui/ (its lock entries for other platforms
# break `npm ci` there).
TAURI_CLI_VERSION=2.12.5

# Every step says how far into the run it starts (minutes:seconds), so a
# run's log shows where its time went; scripts this one starts inherit the
# start.
export ROUNDTABLE_RUN_START=${ROUNDTABLE_RUN_START:-$(date +%s)}
step() {
  local elapsed=$(($(date +%s) - ROUNDTABLE_RUN_START))
  printf '\n== %s  [%d:%02d]\n' "$*" $((elapsed / 60)) $((elapsed % 60))
}

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
  # The browser's build, served by roundtable-server (ui/dist-web).
  (cd "$ROOT/ui" && npm run --silent build:web -- --logLevel warn)
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

install_tauri_cli() {
  step "Tauri CLI $TAURI_CLI_VERSION"
  local dir=$TOOLS_DIR/tauri-cli-$TAURI_CLI_VERSION
  export TAURI_CLI=$dir/node_modules/.bin/tauri
  if [[ -x "$TAURI_CLI" ]] && "$TAURI_CLI" --version >/dev/null 2>&1; then
    echo "installed"
    return
  fi
  mkdir -p "$dir"
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error --no-save "@tauri-apps/cli@$TAURI_CLI_VERSION")
}

# The release .deb (never "all" bundles: AppImage needs a download). Sets DEB.
# Its callers build the UI first (build_ui), so the CLI does not build it
# again: the test command builds the .deb beside its debug build, which
# embeds ui/dist as it compiles, and a second UI build would rewrite that
# folder under it.
build_deb() {
  step "Release package (.deb)"
  (cd "$ROOT" && "$TAURI_CLI" build --bundles deb --ci --config '{"build":{"beforeBuildCommand":null}}')
  DEB=$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb | head -1)
  export DEB
  echo "$DEB: $(du -h "$DEB" | cut -f1)"
}
