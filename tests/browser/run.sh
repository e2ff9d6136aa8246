#!/bin/sh
# Browser end-to-end tests: Debian's chromium driven by playwright-core, with axe-core.
# Usage (from anywhere, e.g. the repo root):  sh tests/browser/run.sh
#   WADAH_BIN  server binary to test (default: <repo>/wadah, i.e. ../../wadah from here)
# Needs node, npm and /usr/bin/chromium (apt-get install -y chromium); never downloads a browser.
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)

# Resolve WADAH_BIN against the caller's directory before changing into ours.
if [ -n "${WADAH_BIN:-}" ]; then
  case $WADAH_BIN in
    /*) ;;
    *) WADAH_BIN="$(pwd)/$WADAH_BIN" ;;
  esac
else
  WADAH_BIN="$here/../../wadah"
fi
export WADAH_BIN

cd "$here"

# playwright-core does not download browsers on install; keep it that way anyway.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund
  touch node_modules
fi

exec node --test --test-reporter=tap ./*.test.mjs
