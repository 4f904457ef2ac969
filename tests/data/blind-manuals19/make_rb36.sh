#!/bin/sh
# Builds the Ridgeforge RB-36 charbroiler manual PDF from its groff -ms source.
# Needs groff (apt-get install -y groff). -t runs the tbl preprocessor for the tables.
set -e
cd "$(dirname "$0")"
OUT=ridgeforge-rb36-charbroiler.pdf
if groff -t -ms -T pdf rb36.ms > "$OUT" 2>/dev/null && [ -s "$OUT" ]; then
  :
else
  groff -t -ms -T ps rb36.ms | ps2pdf - "$OUT"
fi
echo "wrote $OUT"
