#!/bin/sh
# fuzz.sh TOP SECONDS - builds every tests/fuzz/fuzz_*.c with clang's
# libFuzzer + ASan + UBSan against the library sources and runs each for
# SECONDS on a copy of its corpus.  Prints executions and crashes per target;
# exits non-zero when any target crashed.  New interesting inputs are left in
# build-fuzz/corpus/<name>/ to be reviewed and copied into tests/fuzz/corpus.
set -eu
top=$(cd "${1:-.}" && pwd)
seconds=${2:-60}
out=${FUZZ_OUT:-$top/build-fuzz}
command -v clang >/dev/null || { echo "fuzz: clang is required (apt-get install clang)"; exit 2; }
mkdir -p "$out"
cat > "$out/config.h" <<CFG
#define _GNU_SOURCE 1
#define VERSION "fuzz"
#define SYSCONFDIR "/etc"
#define PKGDATADIR "/usr/share/linelead"
CFG
libsrc=$(ls "$top"/src/*/*.c | grep -v '/main_')
flags="-g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined -I$out -I$top/src $(for d in "$top"/src/*/; do printf -- "-I%s " "${d%/}"; done) \
  $(pkg-config --cflags json-c libpq libcurl)"
libs="$(pkg-config --libs json-c libpq libcurl libcrypto) -lfcgi -lm"
total_crashes=0
for target in "$top"/tests/fuzz/fuzz_*.c; do
  name=$(basename "$target" .c); name=${name#fuzz_}
  bin="$out/fuzz_$name"
  # shellcheck disable=SC2086
  clang $flags -o "$bin" $libsrc "$target" $libs
  mkdir -p "$out/corpus/$name" "$out/crashes/$name"
  [ -d "$top/tests/fuzz/corpus/$name" ] && cp -n "$top/tests/fuzz/corpus/$name"/* "$out/corpus/$name/" 2>/dev/null || true
  log="$out/$name.log"
  if "$bin" -max_total_time="$seconds" -artifact_prefix="$out/crashes/$name/" \
       -print_final_stats=1 "$out/corpus/$name" >"$log" 2>&1; then status=ok; else status=CRASH; fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  crashes=$(ls "$out/crashes/$name" | wc -l)
  total_crashes=$((total_crashes + crashes))
  echo "fuzz $name: $status, ${execs:-0} executions in ${seconds}s, $crashes crashes"
done
[ "$total_crashes" -eq 0 ]
