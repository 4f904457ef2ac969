#!/bin/sh
# check-sections.sh - the sections every test manual and knowledge-base file
# makes, against the golden files beside this script.
#
# tests/ingest/ingest_sections (built by make check) prints what `linelead
# ingest FILE` would store, without a database: the title, category and
# format chosen, the report (sections, fault codes, doubtful ones) and each
# chunk's section with a hash of its body.  A change to src/ingest/ that
# moves a section, a heading or a word of a chunk shows up here as a diff.
#
#   sections-text.golden   kb/*.md and the Markdown and text manuals in
#                          tests/data/*/ (no outside tool)
#   sections-tools.golden  the PDFs and .docx files: pdftotext, pdfinfo,
#                          pdftoppm, tesseract and unzip read them, so they
#                          are compared only where the tools' versions are
#                          the ones on the golden file's first line
#
# Usage: check-sections.sh [--update]   (--update rewrites the golden files)
# Run from the build directory (make check does); LINELEAD_DATA_DIR is the
# source tree.
set -eu

top=${LINELEAD_DATA_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=$PWD/tests/ingest/ingest_sections
here=$top/tests/ingest
update=false
[ "${1:-}" = --update ] && update=true

if [ ! -x "$bin" ]; then
	echo "check-sections: $bin not built" >&2
	exit 1
fi
if [ ! -d "$top/tests/data" ]; then
	echo "check-sections: no tests/data (a release tarball): skipped"
	exit 77
fi

tool_versions() {
	printf '# tools:'
	for t in "pdftotext -v" "pdfinfo -v" "pdftoppm -v" "tesseract --version" "unzip -v"; do
		printf ' %s' "$($t 2>&1 | head -n 1 | tr -s ' ' || echo none)"
	done
	printf '\n'
}

cd "$top"
text_files=$(ls kb/*.md tests/data/*/*.md tests/data/*/*.txt 2>/dev/null | LC_ALL=C sort)
tool_files=$(ls tests/data/*/*.pdf tests/data/*/*.docx 2>/dev/null | LC_ALL=C sort)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# shellcheck disable=SC2086  # the file lists are split on purpose
"$bin" $text_files >"$out/text" || true
{ tool_versions; "$bin" $tool_files || true; } >"$out/tools"

if $update; then
	cp "$out/text" "$here/sections-text.golden"
	cp "$out/tools" "$here/sections-tools.golden"
	echo "check-sections: golden files rewritten"
	exit 0
fi

status=0
if ! diff -u "$here/sections-text.golden" "$out/text"; then
	echo "check-sections: the text manuals' sections changed (diff above)" >&2
	status=1
fi
if [ "$(head -n 1 "$here/sections-tools.golden")" != "$(head -n 1 "$out/tools")" ]; then
	echo "check-sections: PDF and .docx not compared: other tool versions here"
	echo "  golden: $(head -n 1 "$here/sections-tools.golden")"
	echo "  here:   $(head -n 1 "$out/tools")"
elif ! diff -u "$here/sections-tools.golden" "$out/tools"; then
	echo "check-sections: the PDF and .docx manuals' sections changed (diff above)" >&2
	status=1
fi
[ $status = 0 ] && echo "check-sections: $(grep -c '^== ' "$out/text") text and" \
	"$(grep -c '^== ' "$out/tools") PDF/.docx files, sections as golden"
exit $status
