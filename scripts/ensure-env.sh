#!/usr/bin/env bash
# Brings in what `npm start`, `npm test` and `npm run bench` need on a fresh
# Debian machine with only Node.js: the npm dependencies (when package-lock.json
# changed since the last install) and Debian's chromium, socat, libusb and a
# CJK font. Downloads only from the npm registry and Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".").map(Number).slice(0,2).join(".")')
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "Tingzi needs Node.js 20.19 or newer; this is $node_major." >&2
  exit 1
fi

# --- Debian packages -------------------------------------------------------
missing=()
command -v "${CHROMIUM_PATH:-chromium}" >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v socat >/dev/null 2>&1 || missing+=(socat)
{ ldconfig -p 2>/dev/null | grep -q 'libusb-1.0.so'; } || missing+=(libusb-1.0-0)
# A CJK font, so Chinese renders on the kiosk screen and in screenshots.
{ command -v fc-list >/dev/null && fc-list :lang=zh 2>/dev/null | grep -q .; } || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  line="apt-get install -y ${missing[*]}"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing from Debian: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
      echo "Could not install ${missing[*]}. Install them by hand: sudo $line" >&2
      exit 1
    fi
  else
    echo "Tingzi needs Debian packages that are not installed: ${missing[*]}" >&2
    echo "Install them with:  sudo apt-get update && sudo $line" >&2
    exit 1
  fi
fi

# --- npm dependencies ------------------------------------------------------
stamp=node_modules/.tingzi-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
installed() { [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; }
if ! installed; then
  # One install at a time: a second `npm start`/`npm test` waits here instead of
  # deleting node_modules under the first one's feet.
  exec 9>"${TMPDIR:-/tmp}/tingzi-npm-ci-$(pwd | sha256sum | cut -c1-12).lock"
  flock 9
  if ! installed; then
    echo "Installing npm dependencies (npm ci; sqlite3 compiles from source, about 2 minutes)…"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
  fi
  flock -u 9
fi
