#!/usr/bin/env bash
# valgrind.sh - run every unit test program (and the fuzz corpus replays)
# under valgrind --leak-check=full --error-exitcode=1, and report.
#
#   scripts/valgrind.sh [BUILD_DIR]     default: build-valgrind/ (configured
#                                       and built here if missing)
#
# Exit 0 only when every program passes with no valgrind error and no leak
# ("definitely" or "indirectly" lost; "still reachable" is not an error).
# Logs: BUILD_DIR/valgrind/<program>.log.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
build=${1:-$repo/build-valgrind}
command -v valgrind >/dev/null || { echo "valgrind: not installed (apt-get install valgrind)" >&2; exit 2; }

mkdir -p "$build"
build=$(cd "$build" && pwd)
if [[ ! -f $build/Makefile ]]; then
    [[ -x $repo/configure ]] || (cd "$repo" && autoreconf -fi)
    (cd "$build" && "$repo/configure" >configure.log 2>&1) || { tail -20 "$build/configure.log"; exit 1; }
fi
# Build the test programs without running them (TESTS= empties the list).
make -C "$build" -j"$(nproc)" >"$build/make.log" 2>&1 || { tail -30 "$build/make.log"; exit 1; }
make -C "$build" -j"$(nproc)" check TESTS= >>"$build/make.log" 2>&1 || { tail -30 "$build/make.log"; exit 1; }

progs=$(make -C "$build" -s --no-print-directory -f Makefile -f - print-check-programs <<'MK'
print-check-programs:
	@echo $(check_PROGRAMS)
MK
)
mkdir -p "$build/valgrind"
export LINELEAD_DATA_DIR=$repo
# LINELEAD_UNDER_VALGRIND=1 tells the tests that wall-clock checks cannot hold
# (valgrind is 20-50x slower).  A program that fails its own checks but has a
# clean valgrind log is reported, not counted: make check judges the tests,
# this script judges memory.
export LINELEAD_UNDER_VALGRIND=1
pass=0 fail=0 warn=0 failed=()
for p in $progs; do
    exe=$build/$p
    # A libtool wrapper script runs the real binary in .libs/.
    if [[ -f $build/$(dirname "$p")/.libs/$(basename "$p") ]] && ! file -b "$exe" | grep -q ELF; then
        exe=$build/$(dirname "$p")/.libs/$(basename "$p")
    fi
    log=$build/valgrind/$(basename "$p").log
    set +e
    (cd "$build" && valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
        --track-origins=yes --log-file="$log" "$exe" >"$log.out" 2>&1)
    rc=$?
    set -e
    if [[ -s $log ]]; then
        fail=$((fail + 1))
        failed+=("$p")
        echo "FAIL - valgrind $p: $(grep -c 'definitely lost in loss record' "$log") leaks, $(grep -c -E '^==[0-9]+== (Invalid|Conditional|Use of uninit|Syscall param|Mismatched|Source and destination)' "$log") errors (see $log)"
        head -n 40 "$log" | sed 's/^/#   /'
    elif ((rc != 0)); then
        warn=$((warn + 1))
        pass=$((pass + 1))
        echo "ok - valgrind $p: no memory errors (but the program exited $rc under valgrind:" \
            "$(grep '^not ok' "$log.out" | tr '\n' ';' | cut -c1-200))"
    else
        pass=$((pass + 1))
        echo "ok - valgrind $p"
    fi
done
echo "valgrind: $pass clean, $fail with memory errors or leaks${failed:+ (${failed[*]})}, $warn failed their own checks under valgrind"
((fail == 0))
