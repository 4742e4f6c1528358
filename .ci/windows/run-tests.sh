#!/usr/bin/env bash
# Runs each test binary listed in $1 (Windows .exe files) under Wine, from
# the core crate's folder ($2) as cargo would, after a cluster is up
# (pg_virtualenv exports PGHOST=localhost and the rest: a Windows binary
# reaches it over loopback TCP). Prints every binary's summary, in the
# list's order, and fails if any test failed.
#
# Binaries run three at a time: a Wine test spends much of its time waiting
# (on wineserver, on PostgreSQL, on a killed child's restart), and one at a
# time left a third of the two cores idle. Each test makes a database of its
# own, so binaries do not share data.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../parallel.sh"
list=$1
cd "$2"
export WINE64=/usr/lib/wine/wine64
# Each killed child is a new Wine process (about a second): fewer kills than
# on Linux, where the test command runs 200 and 100.
export ROUNDTABLE_CRASH_RUNS=${ROUNDTABLE_CRASH_RUNS:-25} ROUNDTABLE_PG_CRASH_RUNS=${ROUNDTABLE_PG_CRASH_RUNS:-25}
jobs=${ROUNDTABLE_WINE_JOBS:-3}
"$WINE64" wineboot --init >/dev/null 2>&1

logs=$(mktemp -d)
export LOGS=$logs
# Left out under Wine, each for its reason (the server that uses them runs
# on Linux, where the test command runs them):
# - pg_dump and pg_restore have no Windows build in Debian (the PostgreSQL
#   backup);
# - a killed Wine process's connection outlives it (wineserver holds its
#   socket), so "the killed client's session ends" cannot be seen.
# The core's integration tests are one binary (tests/suite.rs): it runs six
# tests at a time, as three binaries of two did before. (Run as two
# processes, its four slowest modules apart, it took as long: the cores are
# busy throughout.)
run_one() {
  local exe=$1 name threads=2
  name=$(basename "$exe" .exe)
  [[ $name == suite-* ]] && threads=6
  "$WINE64" "$exe" --test-threads=$threads \
    --skip a_backup_is_encrypted_and_restores_whole_into_an_empty_database \
    --skip a_client_killed_mid_edit_loses_nothing_acknowledged_and_the_log_verifies \
    >"$LOGS/$name.log" 2>&1
  echo $? >"$LOGS/$name.status"
}
export -f run_one

# The slowest binaries start first (the suite, then the two that kill a
# child over and over), so the last to finish is a short one; then the rest
# as listed.
slow='/(suite|pg_crash|crash)-'
run_each_in_parallel "$jobs" "$slow" "" "$list"

failed=0
while read -r exe; do
  name=$(basename "$exe" .exe)
  log=$logs/$name.log
  if [[ $(cat "$logs/$name.status" 2>/dev/null) == 0 ]]; then
    echo "${name%-*} (Windows build, under Wine):"
    grep -E '^test result' "$log" | tail -1
  else
    failed=1
    echo "${name%-*} (Windows build, under Wine): FAILED"
    grep -E -A1 '^test .* FAILED$|panicked at|^test result' "$log" | grep -v -- '^--$' | head -60
  fi
done <"$list"
rm -rf "$logs"
/usr/lib/wine/wineserver -k 2>/dev/null || true
exit $failed
