#!/usr/bin/env bash
# Runs the workspace's test binaries, several at a time instead of cargo's
# one after another: most binaries spend much of their time waiting (on
# PostgreSQL, on a killed child's restart, on the disk's sync), which left
# the two cores a third idle. Each test makes its own database or folder, so
# binaries share no data. Every binary runs from its package's folder with
# CARGO_MANIFEST_DIR set, as cargo runs it, and prints its output whole, in
# cargo's order, once all have ended. Fails if any test failed. The
# workspace has no doc tests (doctest = false in each package).
#
# The binaries are always those of `cargo test --workspace`, the same build
# as the test command's `cargo build --workspace --all-targets`: selecting
# packages with -p or --exclude resolves their dependencies' features anew,
# and a cold run compiled some 350 crates twice more for it.
#
#   bash .ci/cargo-tests.sh --except roundtable-e2e      # all but the e2e tests
#   ROUNDTABLE_TEST_JOBS=1 bash .ci/cargo-tests.sh --only roundtable-e2e -- --test-threads=2
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/parallel.sh"
mode=${1:-}
package=${2:-}
if [[ $mode != --only && $mode != --except ]] || [[ -z $package ]]; then
  echo "usage: bash .ci/cargo-tests.sh --only|--except PACKAGE [-- TEST ARGS]" >&2
  exit 2
fi
shift 2
[[ ${1:-} == -- ]] && shift
jobs=${ROUNDTABLE_TEST_JOBS:-3}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# Each selected test binary as "executable<TAB>package folder", in cargo's
# order.
cargo metadata --no-deps --format-version 1 >"$logs/metadata.json" || exit $?
cargo test --workspace --no-run --quiet --message-format=json-render-diagnostics |
  python3 -c 'import json, os, sys
mode, package, metadata = sys.argv[1:]
names = {p["manifest_path"]: p["name"] for p in json.load(open(metadata))["packages"]}
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("profile", {}).get("test") and m.get("executable"):
        ours = names.get(m["manifest_path"]) == package
        if ours == (mode == "--only"):
            print(m["executable"] + "\t" + os.path.dirname(m["manifest_path"]))' \
    "$mode" "$package" "$logs/metadata.json" >"$logs/list" || exit $?
if [[ ! -s $logs/list ]]; then
  # A mistyped package name would otherwise run nothing and pass.
  echo "error: no test binary is selected by $mode $package" >&2
  exit 2
fi

# The slowest binaries start first, so the last to end is a short one; a
# binary that restarts the shared cluster runs alone, after the others.
slow='/(suite|crash)-[0-9a-f]+\s'
alone='/pg_restart-[0-9a-f]+\s'
export LOGS=$logs
# Arrays cannot be exported: the binaries' arguments travel as one line.
export TEST_ARGS_LINE="$*"
# One at a time (jobs 1), a binary's output is shown as it comes, so that a
# run stopped by a timeout still shows how far it got.
export JOBS=$jobs
# The core's integration tests are one binary (tests/suite.rs), which holds
# most of the tests: it runs six at a time, as the three binaries at a time
# it replaced did together (the others run one test per core, libtest's
# default). A --test-threads given to this script wins over it.
export SUITE_THREADS=${ROUNDTABLE_SUITE_THREADS:-6}
run_one() {
  local -a TEST_ARGS
  read -r -a TEST_ARGS <<<"$TEST_ARGS_LINE"
  local exe=${1%%$'\t'*} dir=${1#*$'\t'} name
  name=$(basename "$exe")
  [[ $name == suite-* ]] && export RUST_TEST_THREADS=$SUITE_THREADS
  if ((JOBS == 1)); then
    echo "     Running ${dir##*/}: ${name%-*}"
    (cd "$dir" && CARGO_MANIFEST_DIR=$dir "$exe" --quiet "${TEST_ARGS[@]}" 2>&1) | tee "$LOGS/$name.log"
    echo "${PIPESTATUS[0]}" >"$LOGS/$name.status"
  else
    (cd "$dir" && CARGO_MANIFEST_DIR=$dir "$exe" --quiet "${TEST_ARGS[@]}" >"$LOGS/$name.log" 2>&1)
    echo $? >"$LOGS/$name.status"
  fi
}
export -f run_one
run_each_in_parallel "$jobs" "$slow" "$alone" "$logs/list"

failed=0
while IFS=$'\t' read -r exe dir; do
  name=$(basename "$exe")
  if ((jobs > 1)); then
    echo "     Running ${dir##*/}: ${name%-*}"
    cat "$logs/$name.log"
  fi
  if [[ $(cat "$logs/$name.status" 2>/dev/null) != 0 ]]; then
    failed=1
    echo "error: test binary ${name%-*} (${dir##*/}) failed"
  fi
done <"$logs/list"
exit $failed
