#!/usr/bin/env bash
# stack.sh - run a complete private Line Lead stack in one directory:
# PostgreSQL 15 cluster -> linelead-fcgi pool -> nginx (TLS, 127.0.0.1 only).
# Used by ./dev (DIR = var/) and by the end-to-end tests (a temp dir).
#
#   scripts/stack.sh start DIR     create what is missing, start what is stopped
#   scripts/stack.sh stop DIR      stop what it started (by PID), in reverse order
#   scripts/stack.sh status DIR    what runs, and /health; exit 0 when all runs and
#                                  is healthy (3: something is stopped, 4: unhealthy)
#   scripts/stack.sh pg-stop DIR   stop / start only PostgreSQL (fault injection)
#   scripts/stack.sh pg-start DIR
#   scripts/stack.sh cli DIR ARGS  run `linelead ARGS` against the stack (as the DB owner)
#   scripts/stack.sh psql DIR ARGS psql into the stack's database as the DB owner
#
# Settings (environment):
#   LINELEAD_HTTPS_PORT [8443]  LINELEAD_HTTP_PORT [8080]  LINELEAD_PG_PORT [5433]
#   LINELEAD_RATE_LIMIT [20] requests/s per address and per key (0 = off)
#   LINELEAD_RATE_BURST [40]    LINELEAD_WORKERS [pool default: 2 x cores]
#   LINELEAD_BIN_DIR   [build/src]  where linelead-fcgi and linelead are
#   LINELEAD_DATA_DIR  [repo root]  holds sql/, kb/, data/routing/, web/
#   LINELEAD_API_DIR   [BIN_DIR/../api]  openapi.json/.yaml and docs/, built by make
#   LINELEAD_ALLOWED_ORIGINS [https://localhost:PORT https://127.0.0.1:PORT]
#   LINELEAD_SERVER_NAMES [127.0.0.1 localhost]
#   LINELEAD_STACK_INGEST [1]  0: do not load kb/*.md on the first start
#   LINELEAD_STACK_DATABASE_URL, LINELEAD_STACK_ADMIN_DATABASE_URL: an app node
#       of a cluster (scripts/cluster.sh): the stack uses this database (the
#       app's and the owner's connection strings, libpq multi-host allowed) and
#       runs no PostgreSQL of its own; pg-stop/pg-start then refuse
#   LINELEAD_TRUSTED_PROXIES  load balancers in front (see render-nginx.sh)
#   LINELEAD_LLM_*, OPENAI_API_KEY, RAGIE_* and the pool's other LINELEAD_<KEY>
#   settings are passed to the pool; the ones this script owns are not.
#
# Layout of DIR: pg/ (cluster, postgres-owned), run/ (sockets, pool pid),
# log/, nginx/ (config, TLS, logs), pids/, secrets (0600), linelead.conf,
# linelead.env (source it: DATABASE_URL, LINELEAD_URL, LINELEAD_API_KEY, ...).
# Every wait is bounded; a failure prints the relevant log tail.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 2; }
say() { echo "stack: $*" >&2; }
die() { echo "stack: error: $*" >&2; exit 1; }

(($# >= 2)) || usage
cmd=$1; shift
dir_arg=$1; shift
case $cmd in start | stop | status | pg-stop | pg-start | cli | psql) ;; *) usage ;; esac
# The two URLs of an external database come with `start` and are kept in
# DIR/secrets for the other commands (load_secrets).
EXT_APP_URL=${LINELEAD_STACK_DATABASE_URL:-}
EXT_ADMIN_URL=${LINELEAD_STACK_ADMIN_DATABASE_URL:-}
[[ -z $EXT_APP_URL && -z $EXT_ADMIN_URL || -n $EXT_APP_URL && -n $EXT_ADMIN_URL ]] ||
    { echo "stack: error: set both LINELEAD_STACK_DATABASE_URL and LINELEAD_STACK_ADMIN_DATABASE_URL" >&2; exit 1; }
[[ $cmd == start ]] && mkdir -p "$dir_arg"
[[ -d $dir_arg ]] || die "$dir_arg: no such directory"
DIR=$(cd "$dir_arg" && pwd)
# DIR ends up in connection URLs and nginx/PostgreSQL config: keep it plain.
[[ $DIR =~ ^[A-Za-z0-9_./+-]+$ ]] || die "DIR must be a plain path (letters, digits, _ . / + -): $DIR"

# Ports: start takes them from the environment, else from the last start,
# else the defaults; every other command uses those the stack was started with.
REC_HTTPS_PORT='' REC_HTTP_PORT='' REC_PG_PORT=''
# shellcheck source=/dev/null
[[ -r $DIR/ports ]] && source "$DIR/ports"
if [[ $cmd == start ]]; then
    HTTPS_PORT=${LINELEAD_HTTPS_PORT:-${REC_HTTPS_PORT:-8443}}
    HTTP_PORT=${LINELEAD_HTTP_PORT:-${REC_HTTP_PORT:-8080}}
    PG_PORT=${LINELEAD_PG_PORT:-${REC_PG_PORT:-5433}}
else
    HTTPS_PORT=${REC_HTTPS_PORT:-${LINELEAD_HTTPS_PORT:-8443}}
    HTTP_PORT=${REC_HTTP_PORT:-${LINELEAD_HTTP_PORT:-8080}}
    PG_PORT=${REC_PG_PORT:-${LINELEAD_PG_PORT:-5433}}
fi
RATE_LIMIT=${LINELEAD_RATE_LIMIT:-20}
RATE_BURST=${LINELEAD_RATE_BURST:-40}
WORKERS=${LINELEAD_WORKERS:-}
BIN_DIR=${LINELEAD_BIN_DIR:-$repo/build/src}
DATA_DIR=${LINELEAD_DATA_DIR:-$repo}
SERVER_NAMES=${LINELEAD_SERVER_NAMES:-127.0.0.1 localhost}
ALLOWED_ORIGINS=${LINELEAD_ALLOWED_ORIGINS-https://localhost:$HTTPS_PORT https://127.0.0.1:$HTTPS_PORT}
for p in "$HTTPS_PORT" "$HTTP_PORT" "$PG_PORT"; do
    [[ $p =~ ^[0-9]+$ ]] && ((p > 0 && p < 65536)) || die "bad port: $p"
done
[[ -z $WORKERS || $WORKERS =~ ^[0-9]+$ ]] || die "LINELEAD_WORKERS must be a number: $WORKERS"
BIN_DIR=$(cd "$BIN_DIR" 2>/dev/null && pwd) || BIN_DIR=${LINELEAD_BIN_DIR:-$repo/build/src}
DATA_DIR=$(cd "$DATA_DIR" && pwd) || die "LINELEAD_DATA_DIR not found: $DATA_DIR"
# /openapi.json and /docs are built next to the binaries (build/api); a
# missing directory only makes them 404.
API_DIR=${LINELEAD_API_DIR:-$BIN_DIR/../api}
API_DIR=$(cd "$API_DIR" 2>/dev/null && pwd) || API_DIR=$DATA_DIR/api

PG_BIN=${LINELEAD_PG_BIN:-/usr/lib/postgresql/15/bin}
[[ -x $PG_BIN/postgres ]] || PG_BIN=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n1)

PGDATA=$DIR/pg/data
RUN=$DIR/run
LOGDIR=$DIR/log
NGX=$DIR/nginx
PIDS=$DIR/pids
SECRETS=$DIR/secrets
CONF=$DIR/linelead.conf
ENVFILE=$DIR/linelead.env
POOL_PID=$PIDS/linelead-fcgi.pid
NGINX_PID=$NGX/nginx.pid
SOCK=$RUN/linelead.sock

if ((EUID == 0)); then
    id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' system user (apt-get install postgresql-15)"
    as_pg=(runuser -u postgres --)
    pool_user=nobody
    pool_group=nogroup
    socket_group=www-data
    id www-data >/dev/null 2>&1 || die "running as root needs a 'www-data' user for nginx's workers"
else
    as_pg=()
    pool_user=$(id -un)
    pool_group=$(id -gn)
    socket_group=$(id -gn)
fi

# ------------------------------------------------------------------ helpers
# tail_log FILE [N]: the last lines of a log, indented, for error messages.
tail_log() {
    [[ -r $1 ]] || { echo "    ($1: no log)"; return 0; }
    echo "    --- last lines of $1:"
    tail -n "${2:-20}" "$1" | sed 's/^/    | /'
}

# wait_for SECONDS CMD...: poll CMD every 0.1 s until it succeeds; 1 on timeout.
wait_for() {
    local n=$(($1 * 10)); shift
    while ((n-- > 0)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
    return 1
}

# pid_of FILE NAME MARK: the PID in FILE if that process runs, is NAME and has
# MARK (its config file) on its command line - so a stale PID file (after a
# reboot, say) never makes us signal somebody else's process.
pid_of() {
    local pid comm cmdline
    [[ -r $1 ]] || return 1
    read -r pid <"$1" 2>/dev/null || return 1
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
    [[ $comm == "$2"* ]] || return 1
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $cmdline == *"$3"* ]] || return 1
    [[ $(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null) != Z ]] || return 1
    echo "$pid"
}

gone() { [[ ! -e /proc/$1 || $(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null) == Z ]]; }

# stop_pid PID NAME SIG SECONDS: SIG, wait, then KILL it and its children.
stop_pid() {
    local pid=$1 name=$2 sig=$3 secs=$4 kids
    kids=$(pgrep -P "$pid" 2>/dev/null || true)
    kill -"$sig" "$pid" 2>/dev/null || return 0
    if ! wait_for "$secs" gone "$pid"; then
        say "$name (pid $pid) still running ${secs}s after SIG$sig: killing it"
        kill -KILL "$pid" 2>/dev/null || true
        for k in $kids; do kill -KILL "$k" 2>/dev/null || true; done
        wait_for 5 gone "$pid" || say "$name (pid $pid) did not die"
    fi
}

port_free() { [[ -z $(ss -Htln "sport = :$1" 2>/dev/null) ]]; }

# Secrets live in DIR/secrets (0600) as shell assignments.
load_secrets() {
    local app=$EXT_APP_URL admin=$EXT_ADMIN_URL
    PG_ADMIN_PASSWORD='' PG_APP_PASSWORD='' CHAT_KEY='' ADMIN_KEY='' EXT_DB_URL='' EXT_DB_ADMIN_URL=''
    # shellcheck source=/dev/null
    [[ -r $SECRETS ]] && source "$SECRETS"
    if [[ $cmd == start ]]; then
        # a start says which database the stack uses, its own or another
        [[ $app == "$EXT_DB_URL" ]] || save_secret EXT_DB_URL "$app"
        [[ $admin == "$EXT_DB_ADMIN_URL" ]] || save_secret EXT_DB_ADMIN_URL "$admin"
    fi
    return 0
}
external_db() { [[ -n $EXT_DB_URL ]]; }
save_secret() {  # NAME VALUE
    local tmp=$SECRETS.tmp
    (umask 077; { [[ -r $SECRETS ]] && grep -v "^$1=" "$SECRETS" || true; printf '%s=%q\n' "$1" "$2"; } >"$tmp")
    mv "$tmp" "$SECRETS"
    printf -v "$1" '%s' "$2"
}
random_secret() { openssl rand -hex 24; }

admin_url() {
    if external_db; then echo "$EXT_DB_ADMIN_URL"; return 0; fi
    echo "postgresql://linelead_admin:$PG_ADMIN_PASSWORD@/linelead?host=$RUN&port=$PG_PORT"
}
app_url() {
    if external_db; then echo "$EXT_DB_URL"; return 0; fi
    echo "postgresql://linelead:$PG_APP_PASSWORD@/linelead?host=$RUN&port=$PG_PORT"
}

# The pool and the CLI see a clean environment: DATABASE_URL, API_KEY,
# ENVIRONMENT or a LINELEAD_* left in the caller's shell (say, from a sourced
# linelead.env) must not point this stack at another database.  The LLM,
# Ragie and tuning settings pass through.
app_env() {
    local name
    APP_ENV=(PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" HOME=/ LANG=C.UTF-8)
    while read -r name; do
        case $name in
        LINELEAD_LISTEN | LINELEAD_SOCKET_MODE | LINELEAD_SOCKET_GROUP | LINELEAD_USER | \
            LINELEAD_DATABASE_URL | LINELEAD_ADMIN_DATABASE_URL | LINELEAD_PID_FILE | \
            LINELEAD_LOG_FILE | LINELEAD_DATA_DIR | LINELEAD_ENVIRONMENT | LINELEAD_API_KEY | \
            LINELEAD_AUTH | LINELEAD_WORKERS | LINELEAD_ADMIN_KEY | LINELEAD_URL | \
            LINELEAD_STACK_* | LINELEAD_CLUSTER_* | LINELEAD_TRUSTED_PROXIES) ;;
        LINELEAD_* | OPENAI_API_KEY | RAGIE_*) APP_ENV+=("$name=${!name}") ;;
        esac
    done < <(compgen -e)
    return 0
}

need_bin() {
    [[ -x $BIN_DIR/$1 ]] || die "$BIN_DIR/$1 not found: build first (./dev build), or set LINELEAD_BIN_DIR"
}

# cli ARGS: the linelead CLI against this stack, as the database owner.
run_cli() {
    need_bin linelead
    app_env
    timeout "${LINELEAD_STACK_CLI_TIMEOUT:-600}" env -i "${APP_ENV[@]}" \
        LINELEAD_DATABASE_URL="$(admin_url)" LINELEAD_ADMIN_DATABASE_URL="$(admin_url)" \
        "$BIN_DIR/linelead" -c "$CONF" "$@"
}

run_psql() {  # ARGS: psql as the owner, database linelead unless -d is given
    local limit=(timeout 120)      # bounded, unless a person is typing
    [[ -t 0 ]] && limit=()
    if external_db; then
        [[ ${1:-} == -d ]] && shift 2
        # the password goes through the environment, not the command line
        [[ $(admin_url) =~ ^(postgres(ql)?://[^:@/]+):([^@/]*)@(.*)$ ]] || die "cannot read the owner's URL"
        PGPASSWORD=${BASH_REMATCH[3]} PGCONNECT_TIMEOUT=5 "${limit[@]}" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
            "${BASH_REMATCH[1]}@${BASH_REMATCH[4]}" "$@"
        return
    fi
    PGPASSWORD=$PG_ADMIN_PASSWORD PGCONNECT_TIMEOUT=5 "${limit[@]}" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
        -h "$RUN" -p "$PG_PORT" -U linelead_admin "$@"
}

# ------------------------------------------------------------------ PostgreSQL
pg_running() { "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }

pg_init() {
    [[ -f $PGDATA/PG_VERSION ]] && return 0
    say "creating PostgreSQL cluster in $PGDATA"
    [[ -x $PG_BIN/initdb ]] || die "PostgreSQL not found in $PG_BIN (apt-get install postgresql-15)"
    [[ -n $PG_ADMIN_PASSWORD ]] || save_secret PG_ADMIN_PASSWORD "$(random_secret)"
    mkdir -p "$DIR/pg"
    chmod 700 "$DIR/pg"
    ((EUID != 0)) || chown postgres:postgres "$DIR/pg"
    (umask 077; printf '%s\n' "$PG_ADMIN_PASSWORD" >"$DIR/pg/.pwfile")
    ((EUID != 0)) || chown postgres "$DIR/pg/.pwfile"
    if ! "${as_pg[@]}" "$PG_BIN/initdb" -D "$PGDATA" -U linelead_admin --pwfile="$DIR/pg/.pwfile" \
        --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync \
        >"$DIR/pg/initdb.log" 2>&1; then
        rm -f "$DIR/pg/.pwfile"
        die "initdb failed
$(tail_log "$DIR/pg/initdb.log")"
    fi
    rm -f "$DIR/pg/.pwfile"
    # Our settings live in their own file, rewritten on every start; a plain
    # `pg_ctl start` then finds them too.
    echo "include_if_exists = 'linelead.conf'" >>"$PGDATA/postgresql.conf"
}

pg_configure() {
    local tmp=$PGDATA/linelead.conf.tmp
    cat >"$tmp" <<EOF
# Written by scripts/stack.sh on every start; edit the script, not this file.
listen_addresses = ''
unix_socket_directories = '$RUN'
unix_socket_permissions = 0777
port = $PG_PORT
password_encryption = scram-sha-256
log_line_prefix = '%m [%p] %q%u@%d '
log_min_duration_statement = 1000
# Never log bind parameters: they carry what the crew typed (and whole
# manuals), which the app itself keeps out of its logs (log_bodies = off).
log_parameter_max_length = 0
log_parameter_max_length_on_error = 0
EOF
    ((EUID != 0)) || chown postgres:postgres "$tmp"
    mv "$tmp" "$PGDATA/linelead.conf"
}

pg_start() {
    local port
    if pg_running; then
        port=$(sed -n 4p "$PGDATA/postmaster.pid" 2>/dev/null || true)
        [[ -z $port || $port == "$PG_PORT" ]] ||
            die "PostgreSQL in $PGDATA runs on port $port, not $PG_PORT: stop the stack to change ports"
        return 0
    fi
    pg_configure
    # A postmaster.pid left by a crash with no postmaster behind it: pg_ctl
    # handles it; we only make sure the socket directory exists.
    "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$DIR/pg/postgresql.log" -w -t 30 start >/dev/null 2>&1 9>&- ||
        die "PostgreSQL did not start within 30 s
$(tail_log "$DIR/pg/postgresql.log")"
}

pg_stop() {
    pg_running || return 0
    "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop >/dev/null 2>&1 && return 0
    local pid
    pid=$(head -n1 "$PGDATA/postmaster.pid" 2>/dev/null || true)
    if [[ $pid =~ ^[0-9]+$ ]] && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == postgres* ]]; then
        say "PostgreSQL did not stop within 30 s: killing postmaster $pid"
        kill -KILL "$pid" 2>/dev/null || true
        wait_for 5 gone "$pid" || true
    fi
}

# Database, roles and the app's login, every start (idempotent); the app user's
# password is (re)set from DIR/secrets so the two never disagree.
pg_setup() {
    [[ -n $PG_APP_PASSWORD ]] || save_secret PG_APP_PASSWORD "$(random_secret)"
    if [[ -z $(run_psql -d postgres -At -c "SELECT 1 FROM pg_database WHERE datname = 'linelead'") ]]; then
        run_psql -d postgres -c "CREATE DATABASE linelead OWNER linelead_admin ENCODING 'UTF8'" >/dev/null ||
            die "cannot create database linelead"
    fi
    # The password goes through stdin, not the command line (ps would show it).
    run_psql -d linelead >/dev/null <<EOF || die "cannot create the database roles"
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linelead_app') THEN
        CREATE ROLE linelead_app NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linelead_reporting') THEN
        CREATE ROLE linelead_reporting NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linelead') THEN
        CREATE ROLE linelead LOGIN IN ROLE linelead_app;
    END IF;
END
\$\$;
ALTER ROLE linelead WITH LOGIN PASSWORD '$PG_APP_PASSWORD';
SET client_min_messages = warning;
GRANT linelead_app TO linelead;
GRANT CONNECT ON DATABASE linelead TO linelead_app, linelead_reporting;
EOF
}

# ------------------------------------------------------------------ the pool
write_conf() {
    local tmp=$CONF.tmp
    (umask 077; cat >"$tmp" <<EOF
# Line Lead pool configuration for this stack, written by scripts/stack.sh on
# every start (edit the script or its environment, not this file).
environment = development
listen = unix:$SOCK
socket_mode = 0660
socket_group = $socket_group
user = $pool_user
$( [[ -n $WORKERS ]] && echo "workers = $WORKERS" || echo "# workers: default (2 x cores)")
database_url = $(app_url)
data_dir = $DATA_DIR
pid_file = $RUN/linelead-fcgi.pid
log_file = $LOGDIR/linelead.log
nginx_errors_log = $NGX/linelead.errors.log
EOF
    )
    # The pool reads it again on SIGHUP, possibly after dropping to $pool_user.
    ((EUID != 0)) || chgrp "$pool_group" "$tmp"
    chmod 640 "$tmp"
    mv "$tmp" "$CONF"
}

# pool_procs: every live process of THIS stack's pool - a linelead-fcgi
# whose command line names our configuration file (-c $CONF), master and
# workers alike (workers are forks: same command line).  Nobody else's.
pool_procs() {
    local d pid
    for d in /proc/[0-9]*; do
        pid=${d#/proc/}
        [[ $(cat "$d/comm" 2>/dev/null) == linelead-fcg* ]] || continue
        tr '\0' '\n' <"$d/cmdline" 2>/dev/null | grep -Fxq -- "$CONF" || continue
        gone "$pid" || echo "$pid"
    done
}

# pool_orphans [MASTER]: this stack's pool processes that are neither MASTER
# nor its children - workers left by a master that died (kill -9, OOM).
pool_orphans() {
    local pid ppid
    for pid in $(pool_procs); do
        [[ $pid == "${1:-}" ]] && continue
        ppid=$(awk '/^PPid:/ { print $2 }' "/proc/$pid/status" 2>/dev/null) || continue
        [[ -n ${1:-} && $ppid == "$1" ]] && continue
        echo "$pid"
    done
}

# kill_orphans [MASTER]: orphaned workers finish the request in hand and exit
# (SIGQUIT, as their master would ask; SIGCONT wakes a stopped one), KILL
# after 5 s.  The pool never runs beside them.
kill_orphans() {
    local pids pid
    pids=$(pool_orphans "${1:-}")
    [[ -n $pids ]] || return 0
    say "stopping orphaned pool workers of this stack:" $pids
    for pid in $pids; do kill -QUIT "$pid" 2>/dev/null; kill -CONT "$pid" 2>/dev/null; done
    for pid in $pids; do
        wait_for 5 gone "$pid" && continue
        say "worker $pid still running 5 s after SIGQUIT: killing it"
        kill -KILL "$pid" 2>/dev/null || true
        wait_for 5 gone "$pid" || say "worker $pid did not die"
    done
    return 0
}

pool_start() {
    local pid i
    if pid=$(pid_of "$POOL_PID" linelead-fcg "$CONF"); then
        kill_orphans "$pid"
        say "pool already running (pid $pid)"
        return 0
    fi
    kill_orphans
    need_bin linelead-fcgi
    app_env
    touch "$LOGDIR/linelead.log"
    ((EUID != 0)) || chown "$pool_user:$pool_group" "$LOGDIR/linelead.log"
    env -i "${APP_ENV[@]}" "$BIN_DIR/linelead-fcgi" -c "$CONF" -t >"$LOGDIR/config-check.out" 2>&1 ||
        die "linelead-fcgi -t rejected $CONF
$(tail_log "$LOGDIR/config-check.out")"
    rm -f "$SOCK"
    # setsid: the pool outlives this script and ignores the caller's Ctrl-C.
    # (setsid execs in place here, so $! is the pool master's PID.)
    setsid env -i "${APP_ENV[@]}" "$BIN_DIR/linelead-fcgi" -c "$CONF" \
        >>"$LOGDIR/linelead-fcgi.out" 2>&1 </dev/null 9>&- &
    pid=$!
    echo "$pid" >"$POOL_PID"
    for ((i = 0; i < 150; i++)); do
        [[ -S $SOCK ]] && break
        gone "$pid" && die "linelead-fcgi exited during start-up
$(tail_log "$LOGDIR/linelead-fcgi.out")
$(tail_log "$LOGDIR/linelead.log")"
        sleep 0.1
    done
    [[ -S $SOCK ]] || die "linelead-fcgi did not create $SOCK within 15 s
$(tail_log "$LOGDIR/linelead-fcgi.out")
$(tail_log "$LOGDIR/linelead.log")"
    say "pool started (pid $pid)"
}

pool_stop() {
    local pid
    if pid=$(pid_of "$POOL_PID" linelead-fcg "$CONF"); then
        # The pool drains in-flight requests (shutdown_timeout_ms, 10 s by default).
        stop_pid "$pid" linelead-fcgi TERM 20
    fi
    kill_orphans
    rm -f "$POOL_PID"
}

# ------------------------------------------------------------------ nginx
nginx_render() {
    local user_line="" tls=$NGX/tls dns="" n
    mkdir -p "$NGX/tmp" "$tls"
    if [[ ! -s $tls/cert.pem || ! -s $tls/key.pem ]]; then
        for n in $SERVER_NAMES; do
            if [[ $n =~ ^[0-9.]+$ ]]; then dns+="IP:$n,"; else dns+="DNS:$n,"; fi
        done
        (umask 077; openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=Line Lead dev" \
            -addext "subjectAltName=${dns%,}" -keyout "$tls/key.pem" -out "$tls/cert.pem" \
            >"$tls/openssl.log" 2>&1) || die "openssl could not make a certificate
$(tail_log "$tls/openssl.log")"
        chmod 644 "$tls/cert.pem"
    fi
    LINELEAD_SERVER_NAMES=$SERVER_NAMES \
    LINELEAD_ALLOWED_ORIGINS=$ALLOWED_ORIGINS \
    LINELEAD_RATE_LIMIT=$RATE_LIMIT \
    LINELEAD_RATE_BURST=$RATE_BURST \
    NGINX_LISTEN_HTTPS=127.0.0.1:$HTTPS_PORT \
    NGINX_LISTEN_HTTP=127.0.0.1:$HTTP_PORT \
    NGINX_HTTPS_PORT=$HTTPS_PORT \
    NGINX_TLS_CERT=$tls/cert.pem \
    NGINX_TLS_KEY=$tls/key.pem \
    NGINX_FCGI_SOCKET=unix:$SOCK \
    NGINX_WEB_ROOT=$DATA_DIR/web \
    NGINX_API_ROOT=$API_DIR \
    NGINX_SNIPPETS_DIR=$NGX/snippets \
    NGINX_ACCESS_LOG=$NGX/access.log \
    NGINX_ERRORS_LOG=$NGX/linelead.errors.log \
    NGINX_HSTS="max-age=3600" \
        "$here/render-nginx.sh" "$NGX" || die "cannot render the nginx configuration"
    ((EUID != 0)) || user_line="user www-data;"
    sed -e "s|@PREFIX@|$NGX|g" -e "s|@USER_LINE@|$user_line|" \
        -e "s|@NGINX_WORKERS@|${LINELEAD_NGINX_WORKERS:-auto}|" \
        "$repo/nginx/nginx-private.conf.in" >"$NGX/nginx.conf"
}

nginx_cmd() { nginx -p "$NGX/" -c "$NGX/nginx.conf" -e "$NGX/error.log" "$@"; }

https_answers() {
    local code
    code=$(curl -sk --max-time 3 -o /dev/null -w '%{http_code}' "https://127.0.0.1:$HTTPS_PORT/health") || true
    [[ $code != 000 && -n $code ]]
}

nginx_start() {
    local pid
    command -v nginx >/dev/null || die "nginx not found (apt-get install nginx)"
    nginx_render
    nginx_cmd -t -q >"$NGX/check.out" 2>&1 || die "nginx rejected its configuration
$(tail_log "$NGX/check.out")"
    if pid=$(pid_of "$NGINX_PID" nginx "$NGX/nginx.conf"); then
        say "nginx already running (pid $pid): reloading its configuration"
        kill -HUP "$pid"
    else
        for p in "$HTTPS_PORT" "$HTTP_PORT"; do
            port_free "$p" || die "port $p is in use: $(ss -Htlnp "sport = :$p" | head -n1)
    (set LINELEAD_HTTPS_PORT / LINELEAD_HTTP_PORT)"
        done
        nginx_cmd >"$NGX/start.out" 2>&1 9>&- || die "nginx did not start
$(tail_log "$NGX/start.out")
$(tail_log "$NGX/error.log")"
    fi
    wait_for 15 https_answers || die "nginx does not answer on https://127.0.0.1:$HTTPS_PORT within 15 s
$(tail_log "$NGX/error.log")"
}

nginx_stop() {
    local pid
    pid=$(pid_of "$NGINX_PID" nginx "$NGX/nginx.conf") || return 0
    # QUIT = graceful: finish the requests in flight, then exit.
    stop_pid "$pid" nginx QUIT 15
}

# ------------------------------------------------------------------ first run
# Keys and the knowledge base are created once; their secrets are kept.
first_run() {
    local out kb
    if [[ ${LINELEAD_STACK_INGEST:-1} == 0 ]]; then
        say "LINELEAD_STACK_INGEST=0: not loading the knowledge base"
    elif [[ ! -e $DIR/.kb-loaded ]]; then
        shopt -s nullglob
        kb=("$DATA_DIR"/kb/*.md)
        shopt -u nullglob
        if ((${#kb[@]})); then
            say "loading the knowledge base (${#kb[@]} files)"
            run_cli ingest "${kb[@]}" >"$LOGDIR/ingest.out" 2>&1 || die "linelead ingest failed
$(tail_log "$LOGDIR/ingest.out")"
        else
            say "no kb/*.md in $DATA_DIR: nothing to ingest"
        fi
        touch "$DIR/.kb-loaded"
    fi
    if [[ -z $CHAT_KEY ]]; then
        out=$(run_cli apikey create --name "dev-chat" --scope chat 2>"$LOGDIR/apikey.err") ||
            die "linelead apikey create failed
$(tail_log "$LOGDIR/apikey.err")"
        save_secret CHAT_KEY "$(tail -n1 <<<"$out")"
    fi
    if [[ -z $ADMIN_KEY ]]; then
        out=$(run_cli apikey create --name "dev-admin" --scope admin 2>"$LOGDIR/apikey.err") ||
            die "linelead apikey create failed
$(tail_log "$LOGDIR/apikey.err")"
        save_secret ADMIN_KEY "$(tail -n1 <<<"$out")"
    fi
    [[ $CHAT_KEY =~ ^[A-Za-z0-9_.-]+$ && $ADMIN_KEY =~ ^[A-Za-z0-9_.-]+$ ]] ||
        die "apikey create printed something that is not a key (see $SECRETS)"
}

write_env() {
    # Single quotes: every value is plain (hex secrets, a validated path).
    (umask 077; cat >"$ENVFILE" <<EOF
# Line Lead stack in $DIR - source me:  . $ENVFILE
export DATABASE_URL='$(app_url)'
export LINELEAD_ADMIN_DATABASE_URL='$(admin_url)'
export LINELEAD_URL='https://127.0.0.1:$HTTPS_PORT'
export LINELEAD_API_KEY='$CHAT_KEY'
export LINELEAD_ADMIN_KEY='$ADMIN_KEY'
EOF
    )
}

health_json() { curl -sk --max-time 5 "https://127.0.0.1:$HTTPS_PORT/health" 2>/dev/null || true; }
healthy() { [[ $(curl -sk --max-time 3 -o /dev/null -w '%{http_code}' "https://127.0.0.1:$HTTPS_PORT/health") == 200 ]]; }

# ------------------------------------------------------------------ commands
do_start() {
    mkdir -p "$RUN" "$LOGDIR" "$NGX" "$PIDS"
    chmod 755 "$DIR" "$RUN" "$LOGDIR"   # nginx (www-data) reaches the pool's socket
    # PostgreSQL puts its socket in run/ as well.
    ((EUID != 0)) || chown postgres:postgres "$RUN"
    load_secrets
    if ! external_db; then
        pg_init
        pg_start
    fi
    printf 'REC_HTTPS_PORT=%s\nREC_HTTP_PORT=%s\nREC_PG_PORT=%s\n' "$HTTPS_PORT" "$HTTP_PORT" "$PG_PORT" >"$DIR/ports"
    external_db || pg_setup
    write_conf
    out=$(run_cli migrate 2>&1) || die "linelead migrate failed
$(sed 's/^/    | /' <<<"$out")"
    first_run
    pool_start
    nginx_start
    write_env
    wait_for 20 healthy || die "the stack runs but /health is not healthy after 20 s: $(health_json)
$(tail_log "$LOGDIR/linelead.log")"
    say "up: https://127.0.0.1:$HTTPS_PORT (env: $ENVFILE)"
}

do_stop() {
    nginx_stop
    pool_stop
    load_secrets
    external_db || pg_stop
    say "stopped ($DIR)"
}

do_status() {
    local pid orphans rc=0
    if pid=$(pid_of "$NGINX_PID" nginx "$NGX/nginx.conf"); then echo "nginx:      running (pid $pid)"; else echo "nginx:      stopped"; rc=3; fi
    if pid=$(pid_of "$POOL_PID" linelead-fcg "$CONF"); then echo "pool:       running (pid $pid)"; else echo "pool:       stopped"; rc=3; pid=''; fi
    orphans=$(pool_orphans "$pid" | tr '\n' ' ')
    [[ -z $orphans ]] || { echo "orphans:    pool workers without their master: $orphans(stop or start fixes it)"; rc=3; }
    load_secrets
    if external_db; then
        echo "postgresql: external (not this stack's)"
    elif [[ -f $PGDATA/PG_VERSION ]] && pg_running; then
        echo "postgresql: running (pid $(head -n1 "$PGDATA/postmaster.pid"))"
    else
        echo "postgresql: stopped"; rc=3
    fi
    if ((rc == 0)); then
        echo "url:        https://127.0.0.1:$HTTPS_PORT"
        echo "health:     $(health_json)"
        healthy || rc=4
    fi
    return "$rc"
}

# One command at a time per stack directory.  (The daemons started under the
# lock must not inherit fd 9, or they would hold it forever: see `9>&-`.)
lock() { exec 9>"$DIR/.lock"; flock -w 120 9 || die "another stack.sh holds $DIR/.lock"; }

case $cmd in
start) lock; do_start ;;
stop) lock; do_stop ;;
status) do_status ;;
pg-stop | pg-start)
    load_secrets
    external_db && die "this stack uses an external database: $cmd does not apply"
    lock; if [[ $cmd == pg-stop ]]; then pg_stop; else pg_start; fi ;;
cli) load_secrets; run_cli "$@" ;;
psql) load_secrets; run_psql -d linelead "$@" ;;
esac
