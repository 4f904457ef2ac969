#!/bin/sh
# Builds the Norvik QC-6 blast chiller manual PDF from its groff -ms source.
# Needs groff (apt-get install -y groff). -t runs the tbl preprocessor for the tables.
set -e
cd "$(dirname "$0")"
groff -t -ms -Tpdf norvik-qc6-blast-chiller.ms > norvik-qc6-blast-chiller.pdf
echo "wrote norvik-qc6-blast-chiller.pdf"
