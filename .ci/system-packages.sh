#!/usr/bin/env bash
# Installs the Debian packages Roundtable needs to build, run and test, and only
# those that are missing, so a second run costs a second. Needs root (or sudo).
set -euo pipefail

BUILD_PACKAGES=(
  build-essential pkg-config curl wget file perl
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev
)
RUN_PACKAGES=(xvfb xauth dbus-x11 at-spi2-core)
# postgresql-15 (with postgresql-common's pg_virtualenv): the core's tests on
# the second engine run on a throwaway cluster of their own, never a service.
# chromium and its WebDriver: the server's browser tests (Debian's own build,
# never a downloaded one).
TEST_PACKAGES=(webkit2gtk-driver poppler-utils qpdf imagemagick x11-utils postgresql-15 postgresql-common
  chromium chromium-driver)

# The server (bash .ci/server.sh) runs on a PostgreSQL cluster of its own.
SERVER_PACKAGES=(postgresql-15 postgresql-common)

# The Windows build (bash .ci/windows.sh): Debian's Rust 1.85 with its
# standard library's source, MinGW-w64 to link, Wine to run the core's tests
# (on a PostgreSQL cluster of their own too), msitools' wixl for the MSI.
WINDOWS_PACKAGES=(rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64 wine64 msitools wixl
  postgresql-15 postgresql-common python3 patch poppler-utils qpdf)

wanted=("${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}")
if [[ "${1:-}" == "--windows" ]]; then
  wanted+=("${WINDOWS_PACKAGES[@]}")
elif [[ "${1:-}" == "--test" ]]; then
  wanted+=("${TEST_PACKAGES[@]}")
elif [[ "${1:-}" == "--server" ]]; then
  wanted+=("${SERVER_PACKAGES[@]}")
fi

missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "Installing Debian packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
