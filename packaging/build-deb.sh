#!/bin/sh
# build-deb.sh - build the linelead .deb from a `make dist` tarball.
#
#   packaging/build-deb.sh [OUTDIR]        (default OUTDIR: build/packages)
#
# The tarball is unpacked in a temporary directory, packaging/debian is
# copied to debian/ there and dpkg-buildpackage -b -us -uc runs in it, so
# the repository's top level stays free of debian/.  Then lintian checks the
# result (its output is saved next to the package as lintian.txt).
# LINELEAD_TARBALL=path uses an existing tarball instead of running make dist.
# Needs: build-essential debhelper dpkg-dev lintian and the Build-Depends of
# packaging/debian/control.
set -eu

# shellcheck source=packaging/dist-tarball.sh
. "$(dirname "$0")/dist-tarball.sh"
tar -xzf "$tarball" -C "$tmp"
tree=$(ls -d "$tmp"/linelead-*/)
version=$(basename "$tree" | sed 's/^linelead-//')

cp -a "$tree/packaging/debian" "$tree/debian"
debver=$(dpkg-parsechangelog -l "$tree/debian/changelog" -S Version)
case "$debver" in
"$version"-*) ;;
*)
	echo "build-deb: debian/changelog is at $debver but the source is $version:" >&2
	echo "build-deb: add a changelog entry (dch -v $version-1) first" >&2
	exit 1
	;;
esac

(cd "$tree" && dpkg-buildpackage -b -us -uc) >"$tmp/build.log" 2>&1 || {
	tail -n 60 "$tmp/build.log" >&2
	echo "build-deb: dpkg-buildpackage failed" >&2
	exit 1
}
for f in "$tmp"/linelead_*.deb "$tmp"/linelead-dbgsym_*.deb "$tmp"/linelead_*.buildinfo "$tmp"/linelead_*.changes; do
	[ -e "$f" ] && cp "$f" "$out/"
done
cp "$tmp/build.log" "$out/build-deb.log"
deb=$(ls "$out"/linelead_"$debver"_*.deb)

if command -v lintian >/dev/null 2>&1; then
	# --profile debian: the tags Debian checks; overrides are shipped in the .deb.
	lintian --info --display-info --pedantic "$deb" >"$out/lintian.txt" 2>&1 || true
	errors=$(grep -c '^E: ' "$out/lintian.txt" || true)
	warnings=$(grep -c '^W: ' "$out/lintian.txt" || true)
	echo "lintian: $errors error(s), $warnings warning(s) (see $out/lintian.txt)"
	[ "$errors" -eq 0 ] || { grep '^E: ' "$out/lintian.txt" >&2; exit 1; }
else
	echo "lintian: not installed, skipped"
fi
echo "$deb"
