#!/bin/sh
# Lints openapi.yaml with Redocly's CLI (all its recommended rules, redocly.yaml):
#   tests/openapi/lint.sh
# Installs @redocly/cli (npm ci, from package-lock.json) when missing, as the browser tests
# install their tooling.  Exit: 0 no errors, 1 the linter found errors, 2 setup error.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "openapi lint: $tool is missing (node and npm from the machine)" >&2
        exit 2
    fi
done
if [ ! -f "$here/node_modules/@redocly/cli/package.json" ]; then
    echo "openapi lint: installing @redocly/cli (npm ci)"
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) || {
        echo "openapi lint: npm ci failed" >&2
        exit 2
    }
fi
# No telemetry, no update check: the lint needs no network once installed.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
cd "$here"
exec node_modules/.bin/redocly lint --config redocly.yaml --format=stylish "$repo/openapi.yaml"
