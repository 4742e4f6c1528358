#!/usr/bin/env bash
# Fuzzes the referral importer with cargo-fuzz (libFuzzer) for a while:
#   bash .ci/fuzz.sh [seconds]     (default 300)
# Uses the nightly toolchain where rustup has one; otherwise the stable
# compiler with RUSTC_BOOTSTRAP=1 (libFuzzer's -Z flags need one or the
# other, and only one toolchain may be on the machine). Installs cargo-fuzz from crates.io into the cache's tools folder if missing. Seeds
# the corpus with the import fixtures. Not part of the test command (the
# property tests in src-tauri/crates/core/tests/hostile.rs are).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SECONDS_TO_RUN=${1:-300}
FUZZ_TOOLS=$CACHE_DIR/tools/cargo-fuzz-0.13.1
if [[ ! -x $FUZZ_TOOLS/bin/cargo-fuzz ]]; then
  step "Installing cargo-fuzz 0.13.1"
  cargo install --locked --quiet --root "$FUZZ_TOOLS" cargo-fuzz@0.13.1
fi
export PATH=$FUZZ_TOOLS/bin:$PATH

cd "$ROOT/src-tauri/crates/core"
CORPUS=$CACHE_DIR/fuzz/corpus/import_table
mkdir -p "$CORPUS"
cp -n "$ROOT"/tests/fixtures/import/* "$CORPUS"/ 2>/dev/null || true
step "Fuzzing the importer for ${SECONDS_TO_RUN}s"
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  TOOLCHAIN=(+nightly)
else
  TOOLCHAIN=()
  export RUSTC_BOOTSTRAP=1
fi
cargo "${TOOLCHAIN[@]}" fuzz run --fuzz-dir fuzz import_table "$CORPUS" -- \
  -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -rss_limit_mb=2048
