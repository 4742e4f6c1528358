#!/usr/bin/env bash
# Installs whatever is missing, then runs every check and test: Rust format and
# lints, UI type-check and lint, the UI's component tests against the real
# server, Rust unit and integration tests (the core on SQLCipher and on a
# throwaway PostgreSQL cluster), the core's tests built for Windows under
# Wine, the release .deb, and the end-to-end tests in the real window under
# Xvfb (the installed package's among them) and in chromium against the
# server.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_toolchains
install_system_packages --test
install_ui_packages
install_tauri_driver

cd "$ROOT"
# Every runner's output is kept so the run can end with one total.
RESULTS=$(mktemp)
# A failed run ends with what failed, after any log a runner printed on its
# way out (pg_virtualenv prints its cluster's log), so the last lines name it.
what_failed() {
  local status=$?
  if ((status != 0)); then
    step "What failed (exit $status)"
    sed 's/\x1b\[[0-9;]*m//g' "$RESULTS" |
      grep -E ' \.\.\. FAILED$|^---- .* ----$|panicked at|^ *(FAIL|×) |AssertionError|Error: ' |
      cut -c1-300 | head -60 || true
  fi
  rm -f "$RESULTS"
}
trap what_failed EXIT
record() { tee -a "$RESULTS"; }

# Builds that run beside the rest, at the lowest CPU and disk priority, so
# they take only what the foreground leaves idle: `beside NAME SCRIPT
# [ARGS]` starts one (in a session of its own, stopped with the run if the
# run fails); `await NAME` gives it back its share of the CPU, waits for it,
# prints its log and fails the run if it failed.
declare -A BESIDE=()
BESIDE_LOGS=$(mktemp -d)
beside() {
  local name=$1
  shift
  # A new session is a scheduling group of its own where the kernel groups
  # sessions (autogroup), and nice counts only inside its group: the new
  # session sets its group to the lowest weight too, or the build would
  # take half the CPU from the tests (an end-to-end wait timed out so in
  # one run).
  setsid bash -c 'echo 19 2>/dev/null >/proc/self/autogroup
    exec nice -n 19 ionice -c 2 -n 7 bash "$@"' _ "$@" >"$BESIDE_LOGS/$name.log" 2>&1 &
  BESIDE[$name]=$!
}
await() {
  local status=0
  # Nothing runs beside it now: it gets its share of the CPU back.
  echo 0 2>/dev/null >"/proc/${BESIDE[$1]}/autogroup" || true
  renice -n 0 -g "${BESIDE[$1]}" >/dev/null 2>&1 || true
  wait "${BESIDE[$1]}" || status=$?
  unset "BESIDE[$1]"
  cat "$BESIDE_LOGS/$1.log"
  if ((status != 0)); then
    echo "Error: $1 failed (exit $status)" | record
    return "$status"
  fi
}
stop_beside() {
  local pid
  for pid in "${BESIDE[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
  rm -rf "$BESIDE_LOGS"
}
trap 'what_failed; stop_beside' EXIT

step "UI: type-check and lint"
(cd ui && npm run --silent check && npm run --silent lint)
build_ui

# The release .deb and the core's tests for Windows need nothing the debug
# build makes: both start now, beside everything up to the Linux tests, and
# take the CPU that the lints, the debug build and the tests leave idle (a
# build's serial stretches: build scripts, C code, links; the tests' waits
# on PostgreSQL and on killed children). Each is awaited where its output is
# needed: first the Windows tests (the longest to run), then the .deb.
# The .deb embeds the UI built above (release-deb.sh does not build it again).
step "Release package (.deb) and the core's tests for Windows: built beside the steps below, their logs when awaited"
beside windows .ci/windows.sh test-build
beside deb .ci/release-deb.sh

step "Rust: format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
# The shipped core alone, without the test-support feature the tests turn on.
cargo clippy -p roundtable-core --lib --quiet -- -D warnings

# What the tests run (every test binary, the app and the server); the
# benchmarks are checked by clippy above and built by .ci/bench.sh.
step "Rust: build"
cargo test --workspace --no-run --quiet

# The UI's component tests run against this build's server on a throwaway
# cluster of their own (each test its own database and server).
ROUNDTABLE_SERVER=$CARGO_TARGET_DIR/debug/roundtable-server bash .ci/ui-test.sh 2>&1 | record

step "Rust: unit and integration tests (PostgreSQL's on a throwaway cluster)"
# pg_virtualenv creates a temporary cluster (-t: in a temporary folder, even
# as root), exports the PG* variables the tests connect with, and drops the
# cluster when the tests end. Its log, printed when a runner fails, leaves
# out the checkpoint each test's CREATE DATABASE makes.
# Three test binaries at a time, from the build above (.ci/cargo-tests.sh
# says why not `cargo test --exclude`).
pg_virtualenv -t -v 15 -o log_checkpoints=off \
  bash .ci/cargo-tests.sh --except roundtable-e2e 2>&1 | record

step "Windows: the core's tests built for Windows (the log of their build)"
await windows
step "Windows: the core's tests built for Windows, under Wine (issue 21)"
bash .ci/windows.sh test-run 2>&1 | record

# The package the e2e run installs and starts (tests/e2e/tests/package.rs).
step "Release package (.deb): the log of its build"
await deb
ROUNDTABLE_DEB=$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb | head -1)
export ROUNDTABLE_DEB

step "End to end: the real app under Xvfb, and the server in chromium"
export ROUNDTABLE_APP=$CARGO_TARGET_DIR/debug/roundtable
# The browser tests run this server binary on the throwaway cluster, in
# Debian's chromium (headless; the window tests need Xvfb).
export ROUNDTABLE_SERVER=$CARGO_TARGET_DIR/debug/roundtable-server
export E2E_ARTIFACTS=${E2E_ARTIFACTS:-$ROOT/tests/artifacts}
timeout --kill-after=30 20m \
  pg_virtualenv -t -v 15 -o log_checkpoints=off \
  xvfb-run -a -s "-screen 0 1920x1080x24" \
  dbus-run-session -- \
  env ROUNDTABLE_TEST_JOBS=1 bash .ci/cargo-tests.sh --only roundtable-e2e -- --test-threads=2 2>&1 | record

# One closing line for the whole run: cargo's and Vitest's counts added up.
sed 's/\x1b\[[0-9;]*m//g' "$RESULTS" | awk '
  /^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
  /^ *Tests +[0-9]+/ { for (i = 1; i <= NF; i++) { if ($i == "passed") p += $(i-1); if ($i == "failed") f += $(i-1) } }
  END { printf "\nTotal: %d passed, %d failed\n", p, f }'
elapsed=$(($(date +%s) - ROUNDTABLE_RUN_START))
printf 'The run took %d min %02d s.\n' $((elapsed / 60)) $((elapsed % 60))
