#!/bin/sh
# Render manual A (groff ms + tbl) to PDF.
set -e
cd "$(dirname "$0")"
OUT=brackley-rw2-induction-holding-well.pdf
if groff -t -ms -T pdf manual_a.ms > manual_a.pdf 2>make_a.log && [ -s manual_a.pdf ]; then
  :
else
  groff -t -ms -T ps manual_a.ms | ps2pdf - manual_a.pdf
fi
cp manual_a.pdf "$OUT"
rm -f manual_a.pdf make_a.log
