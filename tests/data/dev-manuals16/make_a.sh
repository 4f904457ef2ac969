#!/bin/sh
# Render manual A (groff ms + tbl) to PDF.
set -e
cd "$(dirname "$0")"
if groff -t -ms -T pdf a.ms > a.pdf 2>make_a.log && [ -s a.pdf ]; then
  :
else
  groff -t -ms -T ps a.ms | ps2pdf - a.pdf
fi
cp a.pdf tavolo-th20-conveyor-pizza-oven.pdf
rm -f a.pdf make_a.log
