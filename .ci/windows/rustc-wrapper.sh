#!/bin/sh
# RUSTC_WRAPPER for the Windows build (.ci/windows.sh). Debian 12's Rust is
# 1.85; some of our pinned dependencies use what Rust stabilised after it
# (let chains, const `Vec::len`, `slice::as_chunks`...). Each was already in
# 1.85 as an unstable feature, so every crate but the standard library's own
# is compiled with those features switched on (RUSTC_BOOTSTRAP=1). A crate
# without `alloc`/`std` does not know the std ones, so it is compiled again
# without them when rustc says "unknown feature" (E0635).
rustc="$1"
shift
case "$*" in
*/rustlib/src/rust/library/*) exec "$rustc" "$@" ;;
esac
for arg in "$@"; do
  # cargo's questions to rustc itself (version, target info).
  [ "$arg" = "-vV" ] && exec "$rustc" "$@"
  [ "$arg" = "-" ] && exec "$rustc" "$@"
done
core="let_chains,target_feature_11,integer_sign_cast,const_black_box,slice_as_chunks,unsigned_is_multiple_of,slice_take,const_char_classify,const_str_split_at"
std="const_vec_string_slice,file_lock"
# sha2 0.11 calls x86 intrinsics that are safe only since 1.87: its portable
# code instead.
set -- "$@" -Aunused_features -Astable_features --cfg 'sha2_backend="soft"'
errors=$(mktemp)
"$rustc" "$@" -Zcrate-attr="feature($core,$std)" 2>"$errors"
status=$?
if [ $status -ne 0 ] && grep -q 'E0635' "$errors"; then
  rm -f "$errors"
  exec "$rustc" "$@" -Zcrate-attr="feature($core)"
fi
cat "$errors" >&2
rm -f "$errors"
exit $status
