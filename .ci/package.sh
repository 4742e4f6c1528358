#!/usr/bin/env bash
# Installs whatever is missing, then builds the release .deb and prints where
# it is. Install it with: sudo dpkg -i <that file>
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_toolchains
install_system_packages
install_ui_packages
install_tauri_cli
build_ui
build_deb
