#!/usr/bin/env bash
# Sourced by cargo-tests.sh and windows/run-tests.sh: how both run a list of
# test binaries several at a time. Kept apart from lib.sh, which stops at
# the first failing command; a failed test binary must not stop the others.

# run_each_in_parallel JOBS SLOW ALONE LIST
# Calls the exported function `run_one` once for each line of the file
# LIST, JOBS at a time: the lines matching the extended regex SLOW first (the
# slowest binaries, so that the last to end is a short one), then the rest in
# the list's order, and last, one at a time once the others have ended, the
# lines matching ALONE ("" for none: for a binary that restarts something
# the others share). `run_one` records each line's result itself.
run_each_in_parallel() {
  local jobs=$1 slow=$2 alone=$3 list=$4
  local not_alone=${alone:-'^$'}
  { grep -E "$slow" "$list"; grep -vE "$slow|$not_alone" "$list"; } |
    xargs -d '\n' -P "$jobs" -I{} bash -c 'run_one "$1"' _ {}
  if [[ -n $alone ]]; then
    grep -E "$alone" "$list" | xargs -r -d '\n' -I{} bash -c 'run_one "$1"' _ {}
  fi
  return 0
}
