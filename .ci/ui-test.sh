#!/usr/bin/env bash
# The UI's component tests, against the real core: each test starts
# roundtable-server on a database of a throwaway PostgreSQL cluster
# (pg_virtualenv) and drives the screens in jsdom through the UI's own web
# backend (see ui/src/test/server.global.ts). The README's test command runs
# this after its build; alone, it builds the server first.
#
#   bash .ci/ui-test.sh [vitest arguments, e.g. a test file]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ -z ${ROUNDTABLE_SERVER:-} ]]; then
  require_toolchains
  install_system_packages --test
  install_ui_packages
  step "Build the server"
  (cd "$ROOT" && cargo build -p roundtable-server --quiet)
  export ROUNDTABLE_SERVER=$CARGO_TARGET_DIR/debug/roundtable-server
fi

step "UI: component tests against roundtable-server"
cd "$ROOT/ui"
pg_virtualenv -t -v 15 -o log_checkpoints=off npx vitest run "$@"
