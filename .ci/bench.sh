#!/usr/bin/env bash
# The scale benchmark: builds (or reuses) a ten-year borough in the cache
# folder and prints, for every operation a coordinator waits for, its median
# and 95th percentile on the release build and the encrypted store, its
# target, and the same on an unencrypted copy. Needs only Rust: no UI, no
# Tauri. ROUNDTABLE_SCALE_SEED picks another borough.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if ! command -v cargo >/dev/null; then
  echo "Rust (cargo) is not installed. Install it with rustup, then run this again." >&2
  exit 1
fi

cd "$ROOT"
export ROUNDTABLE_SCALE_DIR=${ROUNDTABLE_SCALE_DIR:-$CACHE_DIR/scale}
step "Scale benchmark (release build; dataset cached in $ROUNDTABLE_SCALE_DIR)"
cargo bench -p roundtable-core --bench scale --quiet
