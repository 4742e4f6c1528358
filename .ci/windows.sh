#!/usr/bin/env bash
# Roundtable for Windows (issue 21), built on Debian 12 with nothing fetched
# but Debian packages and crates:
#   - Debian's Rust (rustc-web: 1.85, or 1.96 from its security updates)
#     compiles Rust's standard library for x86_64-pc-windows-gnu from its
#     source (rust-web-src, -Zbuild-std);
#   - MinGW-w64 links; SQLCipher's OpenSSL is built from openssl-src (mingw64);
#   - Wine runs the core's tests, PostgreSQL's among them on a throwaway
#     cluster (pg_virtualenv) reached over loopback;
#   - wixl (msitools) makes the MSI.
#
#   bash .ci/windows.sh            # everything below, in turn
#   bash .ci/windows.sh test       # the core's tests under Wine
#   bash .ci/windows.sh test-build # only build them (the test command does
#                                  # this beside its Linux tests)
#   bash .ci/windows.sh test-run   # only run what test-build built
#   bash .ci/windows.sh app        # roundtable.exe (release) beside WebView2Loader.dll
#   bash .ci/windows.sh installer  # the app, then Roundtable-<version>-x64.msi
#   bash .ci/windows.sh lock       # .ci/windows/Cargo.lock again from Cargo.lock
#
# It builds in a copy of the tree under the cache folder, with the changes
# Rust 1.85 needs (.ci/windows/README.md says which and why); the tree
# itself is never changed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

WHAT=${1:-all}
KIT=$ROOT/.ci/windows
WIN=$CACHE_DIR/windows
SRC=$WIN/src
TARGET=x86_64-pc-windows-gnu
OUT=$WIN/dist
export CARGO_TARGET_DIR=$WIN/target
CARGO=/usr/bin/cargo

install_system_packages --windows

# The tree as committed (and as changed but not yet committed), without what
# git ignores; then the Windows lock, refinery 0.9 (0.10 needs a newer
# compiler's trait solver) and weezl as a local copy (its three calls in
# 1.85's names when the compiler is 1.85).
prepare_source() {
  step "The tree, adjusted for Rust 1.85"
  rm -rf "$SRC"
  mkdir -p "$SRC"
  git -C "$ROOT" ls-files -z --cached --others --exclude-standard |
    (cd "$ROOT" && tar --null -T - -cf - 2>/dev/null) | tar -xf - -C "$SRC"
  cp "$KIT/Cargo.lock" "$SRC/Cargo.lock"
  sed -i 's/^refinery = { version = "=0\.10\.0"/refinery = { version = "=0.9.2"/' \
    "$SRC/src-tauri/crates/core/Cargo.toml"
  grep -q '"=0.9.2"' "$SRC/src-tauri/crates/core/Cargo.toml"
  prepare_weezl
  printf '\n[patch.crates-io]\nweezl = { path = "../weezl-0.2.0" }\n' >>"$SRC/Cargo.toml"
}

# Whether Debian's rustc-web is older than version $1. Debian 12 shipped
# 1.85, and its security updates have since moved rustc-web on (1.96 in
# December 2026): the adjustments for 1.85 below are made only for a
# compiler that needs them, since a newer one refuses them (weezl's 1.85
# names are gone from it; weezl stays a local copy, as published, so the
# lock is the same for both).
rustc_older_than() {
  local have
  have=$(/usr/bin/rustc --version | cut -d' ' -f2)
  [[ $have != "$1" && $(printf '%s\n%s\n' "$have" "$1" | sort -V | head -1) == "$have" ]]
}

prepare_weezl() {
  local made=as-published
  if rustc_older_than 1.87; then made=for-rust-1.85; fi
  if [[ -f $WIN/weezl-0.2.0/.$made ]]; then return; fi
  local fetch=$WIN/fetch-weezl
  mkdir -p "$fetch/src"
  printf '[package]\nname = "fetch-weezl"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\nweezl = "=0.2.0"\n' >"$fetch/Cargo.toml"
  touch "$fetch/src/lib.rs"
  (cd "$fetch" && "$CARGO" fetch --quiet)
  local crate
  crate=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/weezl-0.2.0.crate | head -1)
  rm -rf "$WIN/weezl-0.2.0"
  tar -xzf "$crate" -C "$WIN"
  if [[ $made == for-rust-1.85 ]]; then
    patch -d "$WIN/weezl-0.2.0" -p1 --quiet <"$KIT/weezl-0.2.0.patch"
  fi
  touch "$WIN/weezl-0.2.0/.$made"
}

# rsbegin.o and rsend.o: the start and end of every windows-gnu binary, which
# a rustup toolchain ships and -Zbuild-std does not build.
prepare_toolchain() {
  step "Rust $(/usr/bin/rustc --version | cut -d' ' -f2) for $TARGET"
  local library=/usr/lib/rustlib/src/rust/library
  mkdir -p "$WIN/rt"
  for object in rsbegin rsend; do
    RUSTC_BOOTSTRAP=1 /usr/bin/rustc --target "$TARGET" --emit=obj -C panic=abort \
      -C opt-level=3 -o "$WIN/rt/$object.o" "$library/rtstartup/$object.rs"
  done
  export RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1
  # Every feature the wrapper switches on is stable from 1.89.
  if rustc_older_than 1.89; then export RUSTC_WRAPPER=$KIT/rustc-wrapper.sh; fi
  export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
  export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-L native=$WIN/rt"
  # openssl-src's configure for mingw64.
  export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar
}

cargo_windows() {
  (cd "$SRC" && "$CARGO" "$@" --locked --ignore-rust-version -Zbuild-std=std,panic_abort --target "$TARGET")
}

LIST=$WIN/core-tests.txt

build_core_tests() {
  step "The core's tests, built for Windows"
  local list=$LIST
  rm -f "$list"
  # Without their symbols: MinGW's linker writes each of the six binaries
  # in two thirds of the time (about 6 s instead of 9), and each is half the
  # size (about 100 MB instead of 200); a failure still names its file and
  # line (the panic carries them), only a backtrace would lose its names.
  CARGO_PROFILE_TEST_STRIP=symbols \
    cargo_windows test -p roundtable-core --features test-support --no-run --message-format=json |
    python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("profile", {}).get("test") and m.get("executable"):
        print(m["executable"])' >"$list.part"
  # Listed only once every binary is built: test-run refuses a missing list.
  mv "$list.part" "$list"
  local deps
  deps=$(dirname "$(head -1 "$list")")
  prng_stand_in "$deps"
  for tool in pdftotext pdfinfo qpdf; do
    x86_64-w64-mingw32-gcc -municode -O2 -DTOOL="L\"$tool\"" -o "$deps/$tool.exe" "$KIT/unix-tool.c"
  done
}

# The binaries build_core_tests listed, under Wine.
run_core_tests() {
  local list=$LIST
  step "The core's tests under Wine ($(wc -l <"$list") binaries; PostgreSQL on a throwaway cluster)"
  export WINEPREFIX=$WIN/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  pg_virtualenv -t -v 15 -o log_checkpoints=off bash "$KIT/run-tests.sh" "$list" "$SRC/src-tauri/crates/core"
}

# Wine 8 lacks bcryptprimitives.dll (where Rust's std gets random bytes): a
# stand-in answering from bcrypt.dll, built into folder $1, never shipped.
prng_stand_in() {
  x86_64-w64-mingw32-gcc -shared -O2 -o "$1/bcryptprimitives.dll" \
    "$KIT/bcryptprimitives.c" "$KIT/bcryptprimitives.def" -lbcrypt
}

build_app() {
  install_ui_packages
  step "UI build"
  (cd "$ROOT/ui" && npm run --silent build -- --logLevel warn)
  rm -rf "$SRC/ui/dist"
  cp -r "$ROOT/ui/dist" "$SRC/ui/dist"
  step "roundtable.exe (release)"
  cargo_windows build --release -p roundtable
  mkdir -p "$OUT"
  cp "$CARGO_TARGET_DIR/$TARGET/release/roundtable.exe" "$OUT/"
  # webview2-com-sys ships Microsoft's loader for the gnu target: it must sit
  # beside the .exe.
  local loader
  loader=$(find "$CARGO_TARGET_DIR/$TARGET/release/build" -path '*webview2-com-sys-*/out/x64/WebView2Loader.dll' | head -1)
  cp "$loader" "$OUT/"
  ls -l "$OUT"
  check_without_webview2
}

# Wine has no WebView2, as some Windows machines have not: the app must say
# so (a message box, and a line on standard error) instead of ending
# without a word (src-tauri/src/webview_check.rs).
check_without_webview2() {
  if ! command -v xvfb-run >/dev/null; then
    echo "xvfb-run is missing: the app's start under Wine is not checked." >&2
    return 0
  fi
  step "roundtable.exe under Wine, which has no WebView2: it says so"
  local dir
  dir=$(mktemp -d)
  cp "$OUT/roundtable.exe" "$OUT/WebView2Loader.dll" "$dir/"
  prng_stand_in "$dir"
  (
    cd "$dir"
    export WINEPREFIX=$WIN/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
    xvfb-run -a bash -c 'wine roundtable.exe 2>said.txt &
      for _ in $(seq 60); do grep -q "WebView2" said.txt && break; sleep 1; done
      sleep 2; wineserver -k'
  )
  if ! grep -q "no WebView2 runtime" "$dir/said.txt"; then
    echo "roundtable.exe did not say that WebView2 is missing:" >&2
    cat "$dir/said.txt" >&2
    exit 1
  fi
  cat "$dir/said.txt"
  rm -rf "$dir"
}

build_installer() {
  step "The MSI (wixl)"
  local version
  version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -1)
  cp "$ROOT/src-tauri/icons/icon.ico" "$OUT/roundtable.ico"
  # wixl finds files relative to the .wxs: it is built beside them.
  cp "$KIT/roundtable.wxs" "$OUT/"
  (cd "$OUT" && wixl --arch x64 -D Version="$version" -D SourceDir=. \
    -o "Roundtable-$version-x64.msi" roundtable.wxs)
  ls -l "$OUT"/*.msi
}

make_lock() {
  step "The Windows lock: Cargo.lock with what needs Rust newer than 1.85 taken back"
  prepare_source
  cp "$ROOT/Cargo.lock" "$SRC/Cargo.lock"
  sed -i 's/^rust-version = ".*"/rust-version = "1.85"/' "$SRC/Cargo.toml"
  local newer
  newer=$(cd "$SRC" && cargo metadata --format-version 1 | python3 "$KIT/newer-than.py" 1.85)
  # shellcheck disable=SC2086
  (cd "$SRC" && CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback cargo update $newer)
  cp "$SRC/Cargo.lock" "$KIT/Cargo.lock"
}

case $WHAT in
lock) make_lock ;;
test-run)
  if [[ ! -s $LIST ]]; then
    echo "Nothing built to run: bash .ci/windows.sh test-build first." >&2
    exit 1
  fi
  run_core_tests
  ;;
test | test-build | app | installer | all)
  prepare_source
  prepare_toolchain
  if [[ $WHAT == test || $WHAT == test-build || $WHAT == all ]]; then build_core_tests; fi
  if [[ $WHAT == test || $WHAT == all ]]; then run_core_tests; fi
  if [[ $WHAT == app || $WHAT == installer || $WHAT == all ]]; then build_app; fi
  if [[ $WHAT == installer || $WHAT == all ]]; then build_installer; fi
  ;;
*)
  echo "usage: bash .ci/windows.sh [test|test-build|test-run|app|installer|lock]" >&2
  exit 2
  ;;
esac
