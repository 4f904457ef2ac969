#!/usr/bin/env bash
# with-stack.sh CMD [ARGS...] - runs CMD against a private, throw-away stack
# (PostgreSQL + pool + nginx on loopback, the shipped knowledge base loaded,
# rate limits off), with the stack's linelead.env in CMD's environment
# (LINELEAD_URL, LINELEAD_API_KEY, LINELEAD_ADMIN_KEY, DATABASE_URL,
# LINELEAD_ADMIN_DATABASE_URL).  The stack is stopped and removed afterwards,
# whatever CMD does; CMD's exit status is returned.
#
# Ports: WITH_STACK_HTTPS_PORT, WITH_STACK_HTTP_PORT, WITH_STACK_PG_PORT;
# unset ones are free loopback ports picked now, so several runs (CI beside a
# developer's `make eval`) do not collide.  Binaries: LINELEAD_BIN_DIR
# (build/src).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
(($#)) || { echo "usage: with-stack.sh CMD [ARGS...]" >&2; exit 2; }
dir=$(mktemp -d /tmp/linelead-with-stack.XXXXXX)
export LINELEAD_BIN_DIR=${LINELEAD_BIN_DIR:-$repo/build/src}
cleanup() { "$here/stack.sh" stop "$dir" >/dev/null 2>&1; rm -rf "$dir"; }
trap cleanup EXIT
# Three distinct free ports: bound at once, then released for the stack.
read -r free_https free_http free_pg < <(python3 -c '
import socket
s = [socket.socket() for _ in range(3)]
for x in s: x.bind(("127.0.0.1", 0))
print(*(x.getsockname()[1] for x in s))')
if ! LINELEAD_HTTPS_PORT=${WITH_STACK_HTTPS_PORT:-$free_https} LINELEAD_HTTP_PORT=${WITH_STACK_HTTP_PORT:-$free_http} \
     LINELEAD_PG_PORT=${WITH_STACK_PG_PORT:-$free_pg} LINELEAD_RATE_LIMIT=0 \
     "$here/stack.sh" start "$dir" >"$dir.start.log" 2>&1; then
    echo "with-stack: the stack did not start:" >&2
    tail -n 30 "$dir.start.log" >&2
    rm -f "$dir.start.log"
    exit 1
fi
rm -f "$dir.start.log"
set -a
# shellcheck disable=SC1091
. "$dir/linelead.env"
set +a
export LINELEAD_CLI=${LINELEAD_CLI:-$LINELEAD_BIN_DIR/linelead} LINELEAD_DATA_DIR=${LINELEAD_DATA_DIR:-$repo}
"$@"
