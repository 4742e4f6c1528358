#!/usr/bin/env bash
# The scale benchmark: builds (or reuses) a ten-year borough in the cache
# folder and prints, for every operation a coordinator waits for, its median
# and 95th percentile on the release build and the encrypted store, its
# target, the same on an unencrypted copy and on PostgreSQL (when Debian's
# postgresql-15 is installed: a throwaway cluster is started for the run).
# Needs only Rust (and PostgreSQL for its column): no UI, no Tauri.
# ROUNDTABLE_SCALE_SEED picks another borough.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if ! command -v cargo >/dev/null; then
  echo "Rust (cargo) is not installed. Install it with rustup, then run this again." >&2
  exit 1
fi

cd "$ROOT"
export ROUNDTABLE_SCALE_DIR=${ROUNDTABLE_SCALE_DIR:-$CACHE_DIR/scale}
step "Scale benchmark (release build; dataset cached in $ROUNDTABLE_SCALE_DIR)"
if command -v pg_virtualenv >/dev/null; then
  # Over the cluster's Unix socket, as the server connects to its own.
  pg_virtualenv -t -v 15 bash .ci/pg-socket.sh cargo bench -p roundtable-core --bench scale --quiet
  step "Live meetings: a change announced to another browser (the server on loopback HTTPS)"
  pg_virtualenv -t -v 15 cargo bench -p roundtable-server --bench live --quiet
  step "Live meetings in two browsers: the chair's change on the minute-taker's screen"
  (cd ui && npm run --silent build:web -- --logLevel warn)
  cargo build --release -p roundtable-server --quiet
  ROUNDTABLE_SERVER=$CARGO_TARGET_DIR/release/roundtable-server \
    pg_virtualenv -t -v 15 cargo bench -p roundtable-e2e --bench live_browser --quiet
  step "Many people at once: 300 sessions browsing while a meeting runs"
  pg_virtualenv -t -v 15 cargo bench -p roundtable-server --bench load --quiet
else
  echo "PostgreSQL 15 is not installed (bash .ci/system-packages.sh test installs it): its column is left out." >&2
  cargo bench -p roundtable-core --bench scale --quiet
fi
