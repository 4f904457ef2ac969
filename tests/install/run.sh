#!/usr/bin/env bash
# tests/install/run.sh - the packages, installed and serving (issue 6).
#
# Builds the .deb (packaging/build-deb.sh, lintian included) and the .rpm
# (packaging/build-rpm.sh, checked with rpm -qlp), installs the .deb with
# apt-get on this machine, points it at a throw-away PostgreSQL cluster,
# migrates, loads the shipped manuals, creates an API key, starts the
# installed pool and a throw-away nginx that includes the installed site, and
# asks for /health and a cited answer through it.  Then it stops what it
# started (by PID), purges the package and checks that nothing is left.
# The machine ends as it was: packages apt pulled in are purged again, and
# the linelead system user (which purge keeps, as documented) is removed if
# the test created it.
#
# Needs root and Debian 12.  Exit 0 all passed, 1 some failed, 77 skipped
# (not root, linelead already installed, or a packaging tool that cannot be
# installed).  LINELEAD_TARBALL=path reuses a `make dist` tarball;
# LINELEAD_INSTALL_KEEP=1 keeps the temporary directory for a post-mortem.
set -uo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
passed=0
failed=0

ok() { echo "ok - $*"; passed=$((passed + 1)); }
fail() { echo "FAIL - $*"; failed=$((failed + 1)); }
check() {  # check DESCRIPTION COMMAND...
	local what=$1
	shift
	if "$@" >>"$tmp/check.log" 2>&1; then ok "$what"; else fail "$what"; fi
}
note() { echo "# $*"; }
skip() { echo "SKIP: $*"; exit 77; }

[ "$(id -u)" = 0 ] || skip "needs root (apt-get install, runuser)"
[ -e /etc/debian_version ] || skip "needs Debian (dpkg, apt-get)"
if dpkg-query -W -f='${Status}' linelead 2>/dev/null | grep -q 'installed\|config-files'; then
	skip "a linelead package is already on this machine; the test would remove it"
fi

# ---------------------------------------------------------------- tools
need_pkgs=()
for pair in dpkg-buildpackage:dpkg-dev dh:debhelper lintian:lintian rpmbuild:rpm \
	fakeroot:fakeroot curl:curl openssl:openssl python3:python3 \
	nginx:nginx /usr/lib/postgresql/15/bin/initdb:postgresql-15 \
	autoreconf:autoconf automake:automake libtoolize:libtool; do
	cmd=${pair%%:*}
	if [ "${cmd#/}" != "$cmd" ]; then [ -x "$cmd" ] && continue; else command -v "$cmd" >/dev/null 2>&1 && continue; fi
	need_pkgs+=("${pair#*:}")
done
if ((${#need_pkgs[@]})); then
	echo "# installing ${need_pkgs[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_pkgs[@]}" >/dev/null 2>&1 ||
		skip "cannot install packaging tools: ${need_pkgs[*]}"
fi
PGBIN=/usr/lib/postgresql/15/bin

tmp=$(mktemp -d /var/tmp/linelead-install-test.XXXXXX)
chmod 0755 "$tmp"   # the linelead and postgres users walk through it
: >"$tmp/check.log"
pids=()             # processes this test started
pg_started=0
pkg_installed=0
user_before=0
getent passwd linelead >/dev/null && user_before=1
group_before=0
getent group linelead >/dev/null && group_before=1
dpkg-query -W -f='${Package}\t${Status}\n' | awk -F'\t' '$2 ~ / installed$/ {print $1}' | sort >"$tmp/pkgs.before"

cleanup() {
	local pid
	for pid in "${pids[@]}"; do
		kill -TERM "$pid" 2>/dev/null
	done
	for pid in "${pids[@]}"; do
		for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$pid" 2>/dev/null
	done
	if ((pg_started)); then
		runuser -u postgres -- "$PGBIN/pg_ctl" -D "$tmp/pg/data" -m fast -w stop >/dev/null 2>&1
	fi
	if ((pkg_installed)) && dpkg-query -W linelead >/dev/null 2>&1; then
		DEBIAN_FRONTEND=noninteractive apt-get purge -y -q linelead >/dev/null 2>&1
	fi
	if [ -f "$tmp/pkgs.before" ]; then
		dpkg-query -W -f='${Package}\t${Status}\n' | awk -F'\t' '$2 ~ / installed$/ {print $1}' | sort >"$tmp/pkgs.after"
		local added
		added=$(comm -13 "$tmp/pkgs.before" "$tmp/pkgs.after" | tr '\n' ' ')
		if [ -n "${added// /}" ]; then
			echo "# purging what the test's apt-get pulled in: $added"
			# shellcheck disable=SC2086
			DEBIAN_FRONTEND=noninteractive apt-get purge -y -q $added >/dev/null 2>&1
		fi
	fi
	if ((!user_before)) && getent passwd linelead >/dev/null; then
		deluser --system --quiet linelead >/dev/null 2>&1
	fi
	if ((!group_before)) && getent group linelead >/dev/null; then
		delgroup --system --quiet linelead >/dev/null 2>&1
	fi
	if [ "${LINELEAD_INSTALL_KEEP:-0}" = 1 ]; then
		echo "# kept $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# ---------------------------------------------------------------- build
tarball=${LINELEAD_TARBALL:-}
if [ -z "$tarball" ]; then
	mkdir "$tmp/dist"
	if [ ! -x "$src/configure" ]; then (cd "$src" && autoreconf -fi >/dev/null 2>&1); fi
	if (cd "$tmp/dist" && "$src/configure" --quiet >/dev/null 2>&1 && make -s dist >/dev/null 2>&1); then
		tarball=$(ls "$tmp"/dist/linelead-*.tar.gz)
		ok "make dist: $(basename "$tarball")"
	else
		fail "make dist"
		echo "$passed passed, $failed failed"
		exit 1
	fi
fi
export LINELEAD_TARBALL=$tarball

# The unit tests run elsewhere in the suite: nocheck keeps this one short.
if DEB_BUILD_OPTIONS=nocheck "$src/packaging/build-deb.sh" "$tmp/pkg" >"$tmp/build-deb.out" 2>&1; then
	ok "dpkg-buildpackage -b -us -uc built $(basename "$(tail -n 1 "$tmp/build-deb.out")")"
else
	fail "dpkg-buildpackage (build-deb.sh):"
	sed 's/^/#   /' "$tmp/build-deb.out" | tail -n 30
fi
deb=$(ls "$tmp"/pkg/linelead_*_*.deb 2>/dev/null | head -n 1)
if [ -f "$tmp/pkg/lintian.txt" ]; then
	e=$(grep -c '^E: ' "$tmp/pkg/lintian.txt")
	w=$(grep -c '^W: ' "$tmp/pkg/lintian.txt")
	note "lintian: $e error(s), $w warning(s), $(grep -c '^I: ' "$tmp/pkg/lintian.txt") info, $(grep -c '^O: ' "$tmp/pkg/lintian.txt") overridden"
	if [ "$e" = 0 ]; then ok "lintian: no errors"; else fail "lintian errors:"; grep '^E: ' "$tmp/pkg/lintian.txt"; fi
	if [ "$w" = 0 ]; then ok "lintian: no warnings"; else fail "lintian warnings (explain in packaging/debian/README.lintian):"; grep '^W: ' "$tmp/pkg/lintian.txt"; fi
fi

if "$src/packaging/build-rpm.sh" "$tmp/pkg" >"$tmp/build-rpm.out" 2>&1; then
	rpmfile=$(tail -n 1 "$tmp/build-rpm.out")
	ok "rpmbuild -bb (--nodeps --nocheck on Debian) built $(basename "$rpmfile")"
	rpm -qlp "$rpmfile" 2>/dev/null >"$tmp/rpm.list"
	missing=''
	for p in /usr/sbin/linelead-fcgi /usr/bin/linelead /etc/linelead/linelead.conf \
		/etc/nginx/sites-available/linelead /etc/nginx/snippets/linelead-tls.conf \
		/usr/lib/systemd/system/linelead.service /usr/lib/systemd/system/linelead-migrate.service \
		/usr/share/linelead/sql/001_schema.sql /usr/share/linelead/kb/safety-grease-fire.md \
		/usr/share/linelead/data/routing/train.tsv /usr/share/linelead/web/index.html \
		/usr/share/linelead/data/answers/emergencies.tsv /usr/share/linelead/data/answers/known-words.txt \
		/usr/share/linelead/api/openapi.json /usr/share/linelead/api/docs/index.html \
		/usr/share/man/man1/linelead.1 /usr/share/man/man5/linelead.conf.5 \
		/usr/share/man/man8/linelead-fcgi.8; do
		grep -qx "$p\(\.gz\)\?" "$tmp/rpm.list" || missing+=" $p"
	done
	if [ -z "$missing" ]; then ok "rpm -qlp: the expected paths ($(wc -l <"$tmp/rpm.list") entries)"; else fail "rpm -qlp lacks:$missing"; fi
	rpm -qp --configfiles "$rpmfile" >"$tmp/rpm.conffiles" 2>/dev/null
	rpm -qpvl "$rpmfile" >"$tmp/rpm.vlist" 2>/dev/null
	if grep -qx /etc/linelead/linelead.conf "$tmp/rpm.conffiles" &&
		grep -q '^-rw-r----- .* root  *linelead .*/etc/linelead/linelead.conf$' "$tmp/rpm.vlist"; then
		ok "rpm: linelead.conf is %config, 0640 root:linelead"
	else
		fail "rpm: linelead.conf is not %config 0640 root:linelead"
	fi
	rpm -qp --scripts "$rpmfile" >"$tmp/rpm.scripts" 2>/dev/null
	if grep -q 'useradd -r -g linelead' "$tmp/rpm.scripts"; then
		ok "rpm: %pre creates the linelead user"
	else
		fail "rpm: %pre does not create the linelead user"
	fi
else
	fail "rpmbuild (build-rpm.sh):"
	sed 's/^/#   /' "$tmp/build-rpm.out" | tail -n 30
fi

if [ -z "$deb" ]; then
	fail "no .deb to install: the rest is not tested"
	echo "$passed passed, $failed failed"
	exit 1
fi

# ---------------------------------------------------------------- install
if DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >"$tmp/apt-install.log" 2>&1; then
	pkg_installed=1
	ok "apt-get install ./$(basename "$deb")"
else
	pkg_installed=1
	fail "apt-get install:"
	tail -n 20 "$tmp/apt-install.log"
	echo "$passed passed, $failed failed"
	exit 1
fi
dpkg -L linelead | sort >"$tmp/files.installed"

missing=''
for p in /usr/sbin/linelead-fcgi /usr/bin/linelead /usr/share/linelead/sql/001_schema.sql \
	/usr/share/linelead/kb /usr/share/linelead/data/routing/train.tsv /usr/share/linelead/web/index.html \
	/usr/share/linelead/data/answers/emergencies.tsv /usr/share/linelead/data/answers/known-words.txt \
	/usr/share/linelead/api/openapi.json /usr/share/linelead/api/openapi.yaml /usr/share/linelead/api/docs/index.html \
	/etc/nginx/sites-available/linelead /etc/nginx/snippets/linelead-api.conf \
	/lib/systemd/system/linelead.service /lib/systemd/system/linelead-migrate.service \
	/usr/share/man/man8/linelead-fcgi.8.gz /usr/share/doc/linelead/INSTALL.md.gz; do
	[ -e "$p" ] || missing+=" $p"
done
[ -z "$missing" ] && ok "installed layout: binaries, sql, kb, routing, web, site, units, man" || fail "missing after install:$missing"
[ ! -e /etc/nginx/sites-enabled/linelead ] && ok "nginx site not enabled by the package" || fail "the package enabled the nginx site"
check "system user and group linelead (system uid, no login shell)" \
	sh -c 'u=$(getent passwd linelead) && [ $(echo "$u" | cut -d: -f3) -lt 1000 ] && getent group linelead >/dev/null && case $(echo "$u" | cut -d: -f7) in */nologin|*/false) true;; *) false;; esac'
st=$(stat -c '%a %U:%G' /etc/linelead/linelead.conf 2>/dev/null)
[ "$st" = "640 root:linelead" ] && ok "linelead.conf is 0640 root:linelead" || fail "linelead.conf is $st, want 640 root:linelead"
check "linelead.conf is a conffile" sh -c "dpkg-query -W -f='\${Conffiles}' linelead | grep -q ' /etc/linelead/linelead.conf '"
check "the nginx site is a conffile" sh -c "dpkg-query -W -f='\${Conffiles}' linelead | grep -q ' /etc/nginx/sites-available/linelead '"
check "man -l renders the three pages without warnings" sh -c '
	for m in /usr/share/man/man1/linelead.1.gz /usr/share/man/man5/linelead.conf.5.gz /usr/share/man/man8/linelead-fcgi.8.gz; do
		w=$(MANWIDTH=80 man -l "$m" 2>&1 >/dev/null); [ -z "$w" ] || { echo "$m: $w"; exit 1; }
	done'
check "the installed config is valid (linelead-fcgi -t as user linelead)" \
	runuser -u linelead -- /usr/sbin/linelead-fcgi -t
check "the installed config keeps the secure defaults" sh -c '
	c=/etc/linelead/linelead.conf
	grep -qx "environment = production" $c && grep -qx "auth = required" $c &&
	grep -qx "listen = unix:/run/linelead/linelead.sock" $c && grep -qx "socket_group = www-data" $c'
if command -v systemd-analyze >/dev/null 2>&1 && systemd-analyze security --help 2>&1 | grep -q -- --offline; then
	exposure=$(systemd-analyze security --offline=true /lib/systemd/system/linelead.service 2>/dev/null |
		sed -n 's/.*Overall exposure level for linelead.service: \([0-9.]*\).*/\1/p')
	if [ -n "$exposure" ] && awk -v e="$exposure" 'BEGIN { exit !(e < 3.0) }'; then
		ok "systemd-analyze security --offline=true linelead.service: exposure $exposure < 3.0"
	else
		fail "systemd-analyze security exposure '$exposure' is not below 3.0"
	fi
fi

# ---------------------------------------------------------------- database
pgport=$(free_port)
mkdir -p "$tmp/pg/sock"
chown -R postgres:postgres "$tmp/pg"
chmod 0755 "$tmp/pg" "$tmp/pg/sock"
if runuser -u postgres -- "$PGBIN/initdb" -D "$tmp/pg/data" -U postgres --auth-local=peer \
	--auth-host=scram-sha-256 >"$tmp/initdb.log" 2>&1; then
	# As docs/INSTALL.md: the app user by peer over the socket, the owner by password.
	cat >"$tmp/pg/data/pg_hba.conf" <<-EOF
	local all postgres peer
	local all linelead peer
	local all all scram-sha-256
	EOF
	# As docs/INSTALL.md: PostgreSQL never logs the bind parameters (crew text).
	printf '%s\n' 'log_parameter_max_length = 0' 'log_parameter_max_length_on_error = 0' \
		>>"$tmp/pg/data/postgresql.conf"
	if runuser -u postgres -- "$PGBIN/pg_ctl" -D "$tmp/pg/data" -l "$tmp/pg/log" -w \
		-o "-p $pgport -k $tmp/pg/sock -c listen_addresses=''" start >/dev/null 2>&1; then
		pg_started=1
		ok "throw-away PostgreSQL 15 on $tmp/pg/sock port $pgport"
	else
		fail "PostgreSQL did not start:"
		tail -n 20 "$tmp/pg/log"
	fi
else
	fail "initdb"
fi
owner_pw=$(openssl rand -hex 16)
psql_admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -h "$tmp/pg/sock" -p "$pgport" -d "${1:-postgres}"; }
check "roles and database as docs/INSTALL.md (owner, linelead_app, linelead LOGIN IN ROLE linelead_app)" \
	psql_admin <<-EOF
	CREATE ROLE linelead_app NOLOGIN;
	CREATE ROLE linelead_reporting NOLOGIN;
	CREATE ROLE linelead_owner LOGIN PASSWORD '$owner_pw';
	CREATE ROLE linelead LOGIN IN ROLE linelead_app;
	CREATE DATABASE linelead OWNER linelead_owner;
	REVOKE ALL ON DATABASE linelead FROM PUBLIC;
	GRANT CONNECT ON DATABASE linelead TO linelead_app, linelead_reporting;
	EOF

# The installed config, overridden by the environment: the URLs point at the
# throw-away cluster.  Commands run as the linelead user, as documented.
db_url="postgresql://linelead@/linelead?host=$tmp/pg/sock&port=$pgport"
admin_url="postgresql://linelead_owner:$owner_pw@/linelead?host=$tmp/pg/sock&port=$pgport"
as_linelead() { runuser -u linelead -- env LINELEAD_DATABASE_URL="$db_url" "$@"; }

check "installed 'linelead migrate' (admin_database_url = the owner)" \
	as_linelead LINELEAD_ADMIN_DATABASE_URL="$admin_url" /usr/bin/linelead migrate
check "'linelead migrate' again is a no-op" \
	as_linelead LINELEAD_ADMIN_DATABASE_URL="$admin_url" /usr/bin/linelead migrate
check "tables belong to the owner, not to the app user" sh -c \
	"[ \"\$(echo \"SELECT tableowner FROM pg_tables WHERE tablename = 'documents'\" | runuser -u postgres -- psql -X -At -h $tmp/pg/sock -p $pgport -d linelead)\" = linelead_owner ]"
if as_linelead /usr/bin/linelead ingest /usr/share/linelead/kb/*.md >"$tmp/ingest.log" 2>&1; then
	ok "installed 'linelead ingest /usr/share/linelead/kb/*.md' ($(ls /usr/share/linelead/kb/*.md | wc -l) manuals)"
else
	fail "'linelead ingest' of the shipped kb failed (is the ingest command finished?):"
	tail -n 5 "$tmp/ingest.log" | sed 's/^/#   /'
fi
key=$(as_linelead /usr/bin/linelead apikey create --name install-test 2>"$tmp/apikey.err" | tail -n 1)
if [ -n "$key" ]; then ok "installed 'linelead apikey create' printed a key"; else fail "apikey create: $(cat "$tmp/apikey.err")"; fi

# ---------------------------------------------------------------- the pool
pid1=$(ps -p 1 -o comm= 2>/dev/null)
if [ "$pid1" = systemd ]; then
	note "systemd is PID 1, but the test does not touch the system's units: it starts"
else
	note "systemd is not PID 1 here (PID 1: $pid1): the unit cannot run, so the test starts"
fi
note "/usr/sbin/linelead-fcgi itself as linelead.service would: user linelead, groups"
note "linelead + www-data, no capabilities, no_new_privs, the installed"
note "/etc/linelead/linelead.conf with env overrides for LINELEAD_LISTEN and"
note "LINELEAD_DATABASE_URL, socket dir 0750 linelead:www-data (RuntimeDirectory)."
rundir=$tmp/run
install -d -m 0750 -o linelead -g www-data "$rundir"
sock=$rundir/linelead.sock
# setpriv execs (no session process in between): $! is the pool's master.
(
	cd / && exec setpriv --reuid=linelead --regid=linelead --groups=www-data \
		--inh-caps=-all --bounding-set=-all --no-new-privs -- env -i PATH=/usr/bin:/bin \
		LINELEAD_DATABASE_URL="$db_url" LINELEAD_LISTEN="unix:$sock" LINELEAD_WORKERS=2 \
		/usr/sbin/linelead-fcgi
) >"$tmp/fcgi.log" 2>&1 &
fcgi_pid=$!
pids+=("$fcgi_pid")
for _ in $(seq 1 100); do [ -S "$sock" ] && break; sleep 0.1; done
if [ -S "$sock" ]; then ok "the installed pool listens on $sock"; else fail "no socket; pool log:"; tail -n 10 "$tmp/fcgi.log"; fi
st=$(stat -c '%a %G' "$sock" 2>/dev/null)
[ "$st" = "660 www-data" ] && ok "socket mode 0660 group www-data (nginx's user reaches it)" || fail "socket is '$st', want 660 www-data"

# ---------------------------------------------------------------- nginx
https_port=$(free_port)
http_port=$(free_port)
while [ "$http_port" = "$https_port" ]; do http_port=$(free_port); done
ng=$tmp/nginx
mkdir -p "$ng"/tmp/{body,fastcgi,proxy,uwsgi,scgi} "$ng/snippets"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
	-keyout "$ng/tls.key" -out "$ng/tls.crt" >/dev/null 2>&1
# The installed site, with only what is machine-specific resolved: ports on
# 127.0.0.1, the socket, the access log, and a throw-away certificate (the
# installed TLS snippet, certificate lines replaced).
sed -e "s|ssl_certificate .*|ssl_certificate $ng/tls.crt;|" \
	-e "s|ssl_certificate_key .*|ssl_certificate_key $ng/tls.key;|" \
	/etc/nginx/snippets/linelead-tls.conf >"$ng/snippets/linelead-tls.conf"
sed -e "s|listen 443 |listen 127.0.0.1:$https_port |; s|listen 443;|listen 127.0.0.1:$https_port;|" \
	-e "s|listen 80 |listen 127.0.0.1:$http_port |; s|listen 80;|listen 127.0.0.1:$http_port;|" \
	-e "s|unix:/run/linelead/linelead.sock|unix:$sock|" \
	-e "s|/var/log/nginx/linelead.access.log|$ng/access.log|" \
	-e "s|/etc/nginx/snippets/linelead-tls.conf|$ng/snippets/linelead-tls.conf|" \
	-e "s|\$host\$request_uri|\$host:$https_port\$request_uri|" \
	/etc/nginx/sites-available/linelead >"$ng/linelead-site.conf"
cat >"$ng/nginx.conf" <<EOF
user www-data;
worker_processes 1;
pid $ng/nginx.pid;
error_log $ng/error.log warn;
events { worker_connections 256; }
http {
    client_body_temp_path $ng/tmp/body;
    fastcgi_temp_path $ng/tmp/fastcgi;
    proxy_temp_path $ng/tmp/proxy;
    uwsgi_temp_path $ng/tmp/uwsgi;
    scgi_temp_path $ng/tmp/scgi;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    include $ng/linelead-site.conf;
}
EOF
chown -R www-data "$ng/tmp"
if nginx -t -q -p "$ng" -e "$ng/error.log" -c "$ng/nginx.conf" >"$tmp/nginx-t.log" 2>&1; then
	ok "nginx -t accepts the installed site (ports 127.0.0.1:$https_port/$http_port)"
else
	fail "nginx -t rejects the site:"
	sed 's/^/#   /' "$tmp/nginx-t.log" | tail -n 10
fi
nginx -p "$ng" -e "$ng/error.log" -c "$ng/nginx.conf" -g 'daemon off;' >"$tmp/nginx.out" 2>&1 &
pids+=("$!")
base="https://localhost:$https_port"
curl_() { curl -sS -k --max-time 30 --resolve "localhost:$https_port:127.0.0.1" "$@"; }
for _ in $(seq 1 100); do curl_ -o /dev/null "$base/info" 2>/dev/null && break; sleep 0.1; done

code=$(curl_ -o "$tmp/health.json" -w '%{http_code}' "$base/health")
if [ "$code" = 200 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d.get("status") != "healthy")' "$tmp/health.json"; then
	ok "GET /health through nginx: 200 healthy"
else
	fail "GET /health: $code $(head -c 300 "$tmp/health.json")"
fi
code=$(curl_ -o /dev/null -w '%{http_code}' "$base/index.html")
[ "$code" = 200 ] && ok "GET /index.html: the web UI from /usr/share/linelead/web" || fail "GET /index.html: $code"
code=$(curl_ -o "$tmp/openapi.json" -w '%{http_code}' "$base/openapi.json")
if [ "$code" = 200 ] && python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["openapi"] != "3.1.0")' "$tmp/openapi.json"; then
	ok "GET /openapi.json without a key: the API description from /usr/share/linelead/api"
else
	fail "GET /openapi.json: $code"
fi
code=$(curl_ -o "$tmp/docs.html" -w '%{http_code}' "$base/docs")
[ "$code" = 200 ] && grep -q '/chat/production' "$tmp/docs.html" && ok "GET /docs: the API reference page" || fail "GET /docs: $code"
code=$(curl_ -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
	-d '{"message":"hello"}' "$base/chat/production")
[ "$code" = 401 ] && ok "POST /chat/production without a key: 401 (auth = required)" || fail "POST /chat/production without a key: $code"
code=$(curl_ -o "$tmp/chat.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
	-H "Authorization: Bearer $key" \
	-d '{"message":"The fryer oil is smoking and there are flames, what do I do?"}' "$base/chat/production")
if [ "$code" = 200 ] && python3 - "$tmp/chat.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
c = d.get("citations") or []
ok = bool(d.get("response")) and len(c) > 0 and all(x.get("title") for x in c)
print("# agent %s, %d citation(s): %s" % (d.get("agent_used"), len(c), ", ".join(x.get("title", "?") for x in c[:3])))
sys.exit(0 if ok else 1)
EOF
then
	ok "POST /chat/production with the key: 200 and a cited answer"
else
	fail "POST /chat/production: $code $(head -c 400 "$tmp/chat.json")"
fi
code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 -H 'Host: localhost' "http://127.0.0.1:$http_port/health")
[ "$code" = 301 ] && ok "plain HTTP redirects to HTTPS (301)" || fail "plain HTTP: $code"

# ---------------------------------------------------------------- stop
kill -TERM "$fcgi_pid"
for _ in $(seq 1 150); do kill -0 "$fcgi_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$fcgi_pid" 2>/dev/null; then
	fail "the pool did not stop within 15 s of SIGTERM"
else
	wait "$fcgi_pid"
	rc=$?
	[ "$rc" = 0 ] && ok "SIGTERM: the pool drained and exited 0" || fail "SIGTERM: the pool exited $rc"
fi
cleanup_pids=("${pids[@]}")
pids=()
for pid in "${cleanup_pids[@]}"; do
	kill -TERM "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
done
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$tmp/pg/data" -m fast -w stop >/dev/null 2>&1 && pg_started=0

# ---------------------------------------------------------------- purge
if DEBIAN_FRONTEND=noninteractive apt-get purge -y -q linelead >"$tmp/apt-purge.log" 2>&1; then
	pkg_installed=0
	ok "apt-get purge -y linelead"
else
	fail "apt-get purge:"
	tail -n 10 "$tmp/apt-purge.log"
fi
check "dpkg knows nothing of linelead any more" sh -c '! dpkg-query -W -f="\${Status}" linelead 2>/dev/null | grep -q .'
left=''
while read -r f; do
	[ -d "$f" ] && continue    # shared directories (/usr/share/man/man1, ...)
	[ -e "$f" ] || [ -L "$f" ] && left+=" $f"
done <"$tmp/files.installed"
[ -z "$left" ] && ok "no file of the package is left (conffiles included)" || fail "left after purge:$left"
check "/etc/linelead and /usr/share/linelead are gone" sh -c '[ ! -e /etc/linelead ] && [ ! -e /usr/share/linelead ]'
check "no dpkg-statoverride left for linelead.conf" sh -c '! dpkg-statoverride --list /etc/linelead/linelead.conf'
check "dpkg -S finds no owner for /etc/linelead or /usr/share/linelead" sh -c '! dpkg -S /etc/linelead /usr/share/linelead >/dev/null 2>&1'
if ((user_before)); then
	check "the linelead user, there before the test, is still there" getent passwd linelead
else
	check "purge keeps the linelead system user, as documented (the test removes it)" getent passwd linelead
fi

echo "$passed passed, $failed failed"
((failed == 0))
