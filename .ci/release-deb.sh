#!/usr/bin/env bash
# The release .deb (the Tauri CLI's build), alone: the test command runs
# this beside its UI and Linux tests, at the lowest priority, so that the
# release build takes only the CPU those tests leave idle (they spend much
# of their time waiting on PostgreSQL, on the disk and on killed children).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
install_tauri_cli
build_deb
