#!/usr/bin/env bash
# The release .deb (the Tauri CLI's build) of the UI already built: the test
# command runs this beside its lints, debug build and tests, at the lowest
# priority, so that the release build takes only the CPU they leave idle
# (the tests spend much of their time waiting on PostgreSQL, on the disk and
# on killed children).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
install_tauri_cli
build_deb
