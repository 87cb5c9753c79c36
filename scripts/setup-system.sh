#!/bin/sh
# What `make build` and `make test` need from the system, checked first and installed when missing.
#
#   scripts/setup-system.sh build   Python 3.11+ with venv, and the libraries WeasyPrint loads
#   scripts/setup-system.sh test    the same, and what the tests use: Chromium, libatomic (for
#                                   Playwright's driver), poppler, qpdf, Java and npm for the
#                                   Nu Html Checker (vnu-jar, into .venv/vnu)
#
# With everything present it only looks (no apt-get, well under a second). Otherwise it installs
# the missing Debian packages with apt-get: as root, or through `sudo -n` where that works. If it
# can do neither, it stops with one line naming the command to type; without apt, one line naming
# what to install. Run again after that: nothing else happens until the machine has what it needs.
set -eu

what=${1:-build}
case $what in build|test) ;; *) echo "usage: $0 build|test" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VNU_PREFIX=.venv/vnu
VNU_JAR=$VNU_PREFIX/node_modules/vnu-jar/build/dist/vnu.jar

missing=""   # Debian packages to install
names=""     # the same, said for a machine without apt
need() { missing="$missing $1"; names="$names, $2"; }

libraries=$( (ldconfig -p || /sbin/ldconfig -p) 2>/dev/null || true)
has_lib() { printf '%s\n' "$libraries" | grep -q "^[[:space:]]*$1 "; }

# --- for every build ------------------------------------------------------------------------
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  need python3 "Python 3.11 or newer"
  need python3-venv "Python's venv and ensurepip"
else
  status=0
  "$PYTHON" -c 'import sys
if sys.version_info < (3, 11): sys.exit(3)
import ensurepip, venv' 2>/dev/null || status=$?
  if [ "$status" = 3 ]; then
    echo "tippack needs Python 3.11 or newer; $PYTHON is $("$PYTHON" -V 2>&1): run make PYTHON=python3.11 (or newer)" >&2
    exit 1
  fi
  [ "$status" = 0 ] || need python3-venv "Python's venv and ensurepip"
fi
has_lib libpango-1.0.so.0 || need libpango-1.0-0 "Pango"
has_lib libpangoft2-1.0.so.0 || need libpangoft2-1.0-0 "PangoFT2"
has_lib libharfbuzz.so.0 || need libharfbuzz0b "HarfBuzz"
has_lib libharfbuzz-subset.so.0 || need libharfbuzz-subset0 "HarfBuzz subset library"
has_lib libfontconfig.so.1 || need libfontconfig1 "fontconfig"
has_lib libgobject-2.0.so.0 || need libglib2.0-0 "GLib"

# --- for the tests --------------------------------------------------------------------------
if [ "$what" = test ]; then
  [ -x /usr/bin/chromium ] || need chromium "Chromium at /usr/bin/chromium"
  command -v pdftoppm >/dev/null 2>&1 || need poppler-utils "poppler-utils"
  command -v qpdf >/dev/null 2>&1 || need qpdf "qpdf"
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need fonts-dejavu-core "DejaVu fonts"
  has_lib libatomic.so.1 || need libatomic1 "libatomic (Playwright's driver needs it)"
  if [ ! -f "$VNU_JAR" ]; then
    command -v java >/dev/null 2>&1 || need default-jre-headless "Java 11 or newer"
    command -v npm >/dev/null 2>&1 || need npm "npm"  # a machine's own Node and npm are used as they are
  fi
fi

if [ -n "$missing" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      as_root=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      as_root="sudo -n"
    else
      echo "tippack needs system packages; type this, then make again: sudo apt-get update && sudo apt-get install -y --no-install-recommends$missing" >&2
      exit 1
    fi
    echo "installing system packages:$missing" >&2
    # shellcheck disable=SC2086  # one word a package; env, as sudo does not pass the variable on
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "tippack needs these, and this machine has no apt-get: install ${names#, } with its package manager, then make again" >&2
    exit 1
  fi
fi

# --- the Nu Html Checker, for the site tests: vnu.jar from npm, kept in .venv -------------------
if [ "$what" = test ] && [ ! -f "$VNU_JAR" ]; then
  echo "installing the Nu Html Checker (npm vnu-jar) into $VNU_PREFIX" >&2
  mkdir -p "$VNU_PREFIX"
  npm install --prefix "$VNU_PREFIX" --silent --no-audit --no-fund --no-save vnu-jar@'>=24 <27' >/dev/null
  [ -f "$VNU_JAR" ] || { echo "npm did not install vnu-jar into $VNU_PREFIX: type  npm install --prefix $VNU_PREFIX vnu-jar  and run make again" >&2; exit 1; }
fi
exit 0
