#!/bin/sh
# build-rpm.sh - build the linelead RPM from a `make dist` tarball.
#
#   packaging/build-rpm.sh [OUTDIR]        (default OUTDIR: build/packages)
#
# Uses rpmbuild -bb with a private _topdir.  On Debian (apt-get install rpm)
# it passes --nodeps, because Debian's rpm has no database of installed
# packages to check the spec's BuildRequires against (they are installed as
# Debian packages instead: see packaging/debian/control), and --nocheck
# (`make check` runs in the project's own test suite).  No debuginfo
# package on Debian: its rpm lacks find-debuginfo.
# LINELEAD_TARBALL=path uses an existing tarball instead of running make dist.
set -eu

command -v rpmbuild >/dev/null 2>&1 || {
	echo "build-rpm: rpmbuild not found (Debian: apt-get install rpm)" >&2
	exit 1
}
# shellcheck source=packaging/dist-tarball.sh
. "$(dirname "$0")/dist-tarball.sh"
mkdir -p "$tmp/SOURCES" "$tmp/SPECS"
cp "$tarball" "$tmp/SOURCES/"
# The spec from the tarball, so that it matches the sources.
tar -xzf "$tarball" -C "$tmp" --wildcards '*/packaging/rpm/linelead.spec'
spec=$(ls "$tmp"/linelead-*/packaging/rpm/linelead.spec)
version=$(basename "$tarball" .tar.gz | sed 's/^linelead-//')
specver=$(sed -n 's/^Version: *//p' "$spec")
[ "$version" = "$specver" ] || {
	echo "build-rpm: the spec says $specver but the source is $version" >&2
	exit 1
}

extra=''
if [ -e /etc/debian_version ]; then
	extra='--nodeps --nocheck'
fi
# shellcheck disable=SC2086
rpmbuild -bb $extra \
	--define "_topdir $tmp" \
	--define 'debug_package %{nil}' \
	"$spec" >"$tmp/build.log" 2>&1 || {
	tail -n 60 "$tmp/build.log" >&2
	echo "build-rpm: rpmbuild failed" >&2
	exit 1
}
cp "$tmp/build.log" "$out/build-rpm.log"
rpm=$(ls "$tmp"/RPMS/*/linelead-"$version"-*.rpm)
cp "$rpm" "$out/"
echo "$out/$(basename "$rpm")"
