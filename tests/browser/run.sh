#!/bin/sh
# Browser tests of the crew app and the manager dashboard, in Debian's Chromium, against a
# running stack:  tests/browser/run.sh BASE_URL CHAT_KEY ADMIN_KEY DATABASE_URL OUTDIR
# Installs Chromium (apt) and playwright-core (npm, from package-lock.json) when missing.
# Exit: 0 all passed, 1 a test failed, 2 usage or setup error, 77 skipped (Chromium cannot be
# installed on this machine; the reason is printed).
set -eu

if [ $# -ne 5 ]; then
    echo "usage: $0 BASE_URL CHAT_KEY ADMIN_KEY DATABASE_URL OUTDIR" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}

if [ ! -x "$chromium" ]; then
    echo "browser tests: installing Chromium (apt-get install chromium)"
    if [ "$(id -u)" -ne 0 ]; then
        echo "SKIP: browser tests: Chromium is not installed and this user cannot apt-get install it"
        exit 77
    fi
    # A fresh machine's package lists may be stale or missing: update once, then install.
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
            >"${TMPDIR:-/tmp}/linelead-chromium-install.log" 2>&1 \
        || [ ! -x "$chromium" ]; then
        echo "SKIP: browser tests: Chromium could not be installed:"
        tail -n 5 "${TMPDIR:-/tmp}/linelead-chromium-install.log" | sed 's/^/    /'
        exit 77
    fi
fi

for tool in node npm psql; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "browser tests: $tool is missing (node and npm from the machine, psql from postgresql-client)" >&2
        exit 2
    fi
done

if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
    echo "browser tests: installing playwright-core (npm ci)"
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) || {
        echo "browser tests: npm ci failed" >&2
        exit 2
    }
fi

mkdir -p "$5"
cd "$here"
CHROMIUM="$chromium" exec node browser-test.mjs "$@"
