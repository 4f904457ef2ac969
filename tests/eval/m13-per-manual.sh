#!/bin/sh
# per-manual figures of tests/eval/dev/m13.tsv
cd "$(dirname "$0")/../.." && . var/linelead.env
for m in harlow merrow nordcrest ashby; do
  grep -E "^#|$m" tests/eval/dev/m13.tsv > ${TMPDIR:-/tmp}/m13-$m.tsv
  printf '%s ' $m; python3 tests/eval/judge.py -q ${TMPDIR:-/tmp}/m13-$m.tsv | tail -1
done
