#!/usr/bin/env bash
# sanitize.sh - the whole suite under AddressSanitizer + UndefinedBehaviorSanitizer.
#
#   scripts/sanitize.sh [--unit-only] [E2E_ARGS...]
#
# Builds with `configure --enable-sanitizers` in build-asan/, runs the unit
# tests (make check), then the end-to-end suite (tests/e2e/run.py) against
# those binaries (LINELEAD_BIN_DIR=build-asan/src).  The pool runs with a
# clean environment (scripts/stack.sh), so ASAN_OPTIONS cannot reach it: its
# reports go to its stderr, i.e. the stack's log/linelead-fcgi.out.  The e2e
# stacks are therefore kept (--keep, LINELEAD_E2E_KEEP=1) under one private
# TMPDIR, searched for sanitizer reports afterwards, then stopped and removed.
# Exit 0 only when the tests pass and no report was found.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
build=$repo/build-asan
unit_only=0
if [[ ${1:-} == --unit-only ]]; then unit_only=1; shift; fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1:strict_string_checks=1}
export LINELEAD_UNDER_SANITIZER=1
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

mkdir -p "$build"
if [[ ! -f $build/Makefile ]] || ! grep -q -- '-fsanitize=address' "$build/Makefile"; then
    [[ -x $repo/configure ]] || (cd "$repo" && autoreconf -fi)
    (cd "$build" && "$repo/configure" --enable-sanitizers >configure.log 2>&1) ||
        { tail -20 "$build/configure.log"; exit 1; }
fi
echo "# sanitize: building in $build"
make -C "$build" -j"$(nproc)" >"$build/make.log" 2>&1 || { tail -40 "$build/make.log"; exit 1; }

rc=0
echo "# sanitize: unit tests (make check)"
if make -C "$build" -j"$(nproc)" check >"$build/check.log" 2>&1; then
    grep -E '^(# TOTAL|# PASS|# FAIL)' "$build/test-suite.log" 2>/dev/null || tail -n 5 "$build/check.log"
else
    rc=1
    echo "FAIL - unit tests under ASan/UBSan:"
    grep -E '^(FAIL|ERROR)' "$build/check.log" | sed 's/^/#   /' || true
    # the logs of the test programs, tests/unit/<folder>/ and tests/fuzz/
    find "$build/tests" -name '*.log' -exec \
        grep -l -E 'AddressSanitizer|LeakSanitizer|runtime error:' {} + 2>/dev/null |
        while read -r f; do
            echo "# --- $f"
            grep -A25 -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$f" >"$f.san" || true
            head -n 40 "$f.san" | sed 's/^/#   /'
        done || true
fi
((unit_only)) && exit "$rc"

tmp=$(mktemp -d /tmp/linelead-asan-XXXXXX)
chmod 755 "$tmp"
cleanup() {
    local d
    for d in "$tmp"/linelead-e2e-*; do
        [[ -d $d ]] && "$repo/scripts/stack.sh" stop "$d" >/dev/null 2>&1 || true
    done
    rm -rf "$tmp"
}
trap cleanup EXIT

echo "# sanitize: e2e against $build/src"
set +e
TMPDIR=$tmp LINELEAD_BIN_DIR=$build/src LINELEAD_E2E_KEEP=1 \
    python3 "$repo/tests/e2e/run.py" --keep "$@" 2>&1 | tee "$tmp/e2e.out"
e2e_rc=${PIPESTATUS[0]}
set -e
((e2e_rc == 0)) || rc=1

# Every pool, CLI and nginx-side output of every stack of the run.
reports=0
while IFS= read -r -d '' f; do
    if grep -q -E 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: (Address|Undefined|Leak)' "$f"; then
        reports=$((reports + 1))
        echo "# --- sanitizer report in $f:"
        grep -B2 -A30 -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$f" >"$tmp/report" || true
        head -n 60 "$tmp/report" | sed 's/^/#   /'
    fi
done < <(find "$tmp" -path '*/log/*' -type f -print0 2>/dev/null)
echo "# sanitize: e2e exit $e2e_rc, $reports files with sanitizer reports"
((reports == 0)) || rc=1
exit "$rc"
