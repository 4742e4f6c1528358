#!/usr/bin/env bash
# Installs whatever is missing, builds Roundtable and runs it.
# Extra arguments go to the app (e.g. --data-dir /some/folder).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_toolchains
install_system_packages
install_ui_packages
build_ui
step "Build the app"
(cd "$ROOT" && cargo build -p roundtable)

APP=$CARGO_TARGET_DIR/debug/roundtable
step "Run Roundtable"
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "No display found: running Roundtable on a virtual display (Xvfb)."
  exec xvfb-run -a -s "-screen 0 1920x1080x24" dbus-run-session -- "$APP" "$@"
fi
exec "$APP" "$@"
