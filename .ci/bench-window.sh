#!/usr/bin/env bash
# The real window's speed: builds the release app (the .deb's binary), then
# drives it over WebDriver under Xvfb on the cached ten-year borough and
# prints median and 95th percentile of each step against its goal. A
# benchmark, never part of the test run: figures move with the machine's load.
# ROUNDTABLE_SCALE_SEED picks another borough.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_toolchains
install_system_packages --test
install_ui_packages
install_tauri_driver
install_tauri_cli
build_ui
build_deb

cd "$ROOT"
export ROUNDTABLE_APP=$CARGO_TARGET_DIR/release/roundtable
export ROUNDTABLE_SCALE_DIR=${ROUNDTABLE_SCALE_DIR:-$CACHE_DIR/scale}
step "Window benchmark (release app; dataset cached in $ROUNDTABLE_SCALE_DIR)"
xvfb-run -a -s "-screen 0 1920x1080x24" \
  dbus-run-session -- \
  cargo bench -p roundtable-e2e --bench window --quiet
