#!/bin/sh
# Render manual A (groff ms + tbl) to PDF via PostScript and ps2pdf.
set -e
cd "$(dirname "$0")"
groff -t -ms -T ps vr30.ms > vr30.ps
ps2pdf vr30.ps vessendale-vr-30-rethermalizer.pdf
rm -f vr30.ps
