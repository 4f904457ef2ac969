# dist-tarball.sh - sourced by build-deb.sh and build-rpm.sh (not run).
# Sets src (the repository), out (the output directory: the first argument,
# default build/packages), tmp (a scratch directory, removed on exit) and
# tarball (LINELEAD_TARBALL, else a fresh `make dist` built inside tmp).
src=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$src/build/packages}
mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/linelead-pkg.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

tarball=${LINELEAD_TARBALL:-}
if [ -z "$tarball" ]; then
	[ -x "$src/configure" ] || (cd "$src" && autoreconf -fi)
	mkdir "$tmp/dist"
	(cd "$tmp/dist" && "$src/configure" --quiet >/dev/null && make -s dist >/dev/null)
	tarball=$(ls "$tmp"/dist/linelead-*.tar.gz)
fi
