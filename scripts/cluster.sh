#!/usr/bin/env bash
# cluster.sh - Line Lead past one machine, on one machine: etcd, Patroni with
# two PostgreSQL 15 nodes (a primary and a synchronous standby), N app nodes
# (nginx + pool each, scripts/stack.sh) and HAProxy in front, all on
# 127.0.0.1 with their own ports.  docs/CLUSTER.md is the same on real servers.
#
#   scripts/cluster.sh up [DIR]          create what is missing, start what is stopped
#   scripts/cluster.sh down [DIR]        stop everything it started (by PID)
#   scripts/cluster.sh status [DIR]      what runs; Patroni's view of the database
#   scripts/cluster.sh node-kill N [DIR] SIGKILL app node N's nginx and pool (a crash)
#   scripts/cluster.sh node-start N [DIR]  start app node N again
#   scripts/cluster.sh node-drain N [DIR]  the balancer sends node N no new requests
#   scripts/cluster.sh node-ready N [DIR]  ... and sends it requests again
#   scripts/cluster.sh pg-kill-primary [DIR]  SIGKILL the primary's postmaster; prints its name
#   scripts/cluster.sh pg-members [DIR]  one line per PostgreSQL node: name role state lag
#   scripts/cluster.sh psql [DIR] ARGS   psql into the primary as the database owner
#
# DIR defaults to var/cluster.  Settings (environment):
#   LINELEAD_CLUSTER_PORT_BASE [12600]  etcd +10/+11, Patroni REST +21.., app
#       node N https +30+10(N-1) (http +1 more), HAProxy https +80, stats +81
#   LINELEAD_CLUSTER_PG_PORT [5611]     PostgreSQL node N listens on this + N - 1
#   LINELEAD_CLUSTER_NODES [2]          app nodes (1-4)
#   LINELEAD_CLUSTER_WORKERS [2]        pool workers per app node
#   LINELEAD_CLUSTER_RATE_LIMIT [50]    chain-wide requests/s per API key and per
#       client address, enforced by HAProxy (0 = off); LINELEAD_CLUSTER_RATE_BURST [100]
#   LINELEAD_RATE_LIMIT / LINELEAD_RATE_BURST  each node's own nginx limits
#       (a backstop per node; default: the chain-wide figures)
# Every wait is bounded; a failure prints the log that says why.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
STACK=$here/stack.sh

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 2; }
say() { echo "cluster: $*" >&2; }
die() { echo "cluster: error: $*" >&2; exit 1; }

(($# >= 1)) || usage
cmd=$1; shift
node_arg=''
case $cmd in
up | down | status | pg-kill-primary | pg-members) ;;
node-kill | node-start | node-drain | node-ready) (($# >= 1)) || usage; node_arg=$1; shift ;;
psql) ;;
*) usage ;;
esac
dir_arg=$repo/var/cluster
if (($# >= 1)) && [[ $1 != -* ]]; then dir_arg=$1; shift; fi
mkdir -p "$dir_arg"
DIR=$(cd "$dir_arg" && pwd)
[[ $DIR =~ ^[A-Za-z0-9_./+-]+$ ]] || die "DIR must be a plain path: $DIR"

BASE=${LINELEAD_CLUSTER_PORT_BASE:-12600}
PG_PORT0=${LINELEAD_CLUSTER_PG_PORT:-5611}
# how many app nodes: from the environment, else as the last `up` made them
rec_nodes=$(sed -n "s/^export LINELEAD_CLUSTER_NODES='\([1-4]\)'$/\1/p" "$DIR/linelead.env" 2>/dev/null || true)
NODES=${LINELEAD_CLUSTER_NODES:-${rec_nodes:-2}}
WORKERS=${LINELEAD_CLUSTER_WORKERS:-2}
LB_RATE=${LINELEAD_CLUSTER_RATE_LIMIT:-50}
LB_BURST=${LINELEAD_CLUSTER_RATE_BURST:-100}
for v in "$BASE" "$PG_PORT0" "$WORKERS" "$LB_RATE" "$LB_BURST"; do
    [[ $v =~ ^[0-9]+$ ]] || die "not a number: $v"
done
[[ $NODES =~ ^[1-4]$ ]] || die "LINELEAD_CLUSTER_NODES must be 1-4: $NODES"
ETCD_PORT=$((BASE + 10)) ETCD_PEER_PORT=$((BASE + 11))
LB_PORT=$((BASE + 80)) LB_STATS_PORT=$((BASE + 81))
PG_NODES=(pg1 pg2)
pg_port() { echo $((PG_PORT0 + ${1#pg} - 1)); }
rest_port() { echo $((BASE + 20 + ${1#pg})); }
node_https() { echo $((BASE + 30 + 10 * ($1 - 1) + 1)); }
node_http() { echo $((BASE + 30 + 10 * ($1 - 1) + 2)); }

PG_BIN=${LINELEAD_PG_BIN:-/usr/lib/postgresql/15/bin}
PIDS=$DIR/pids
SECRETS=$DIR/secrets
mkdir -p "$PIDS"

if ((EUID == 0)); then
    id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' user (apt-get install postgresql-15)"
    # setpriv execs (runuser would stay as the parent, and kill its child 2 s
    # after a SIGTERM: too soon for Patroni to stop PostgreSQL cleanly)
    as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups --)
    pg_owner=postgres
else
    as_pg=()
    pg_owner=$(id -un)
fi

# ------------------------------------------------------------------ helpers
tail_log() {
    [[ -r $1 ]] || { echo "    ($1: no log)"; return 0; }
    echo "    --- last lines of $1:"
    tail -n "${2:-20}" "$1" | sed 's/^/    | /'
}
wait_for() {
    local n=$(($1 * 10)); shift
    while ((n-- > 0)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
    return 1
}
gone() { [[ ! -e /proc/$1 || $(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null) == Z ]]; }
port_free() { [[ -z $(ss -Htln "sport = :$1" 2>/dev/null) ]]; }

# pid_of NAME MARK: the PID kept in pids/NAME.pid if that process still runs
# and has MARK (its config file) on its command line - never somebody else's.
pid_of() {
    local pid cmdline
    { read -r pid <"$PIDS/$1.pid"; } 2>/dev/null || return 1
    [[ $pid =~ ^[0-9]+$ ]] && ! gone "$pid" || return 1
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $cmdline == *"$2"* ]] || return 1
    echo "$pid"
}

stop_pid() {  # PID NAME SECONDS: TERM, wait, then KILL
    kill -TERM "$1" 2>/dev/null || return 0
    wait_for "$3" gone "$1" && return 0
    say "$2 (pid $1) still running $3 s after SIGTERM: killing it"
    kill -KILL "$1" 2>/dev/null || true
    wait_for 5 gone "$1" || say "$2 (pid $1) did not die"
}

load_secrets() {
    PG_SUPER_PASSWORD='' PG_REPL_PASSWORD='' PG_REWIND_PASSWORD='' PG_APP_PASSWORD=''
    PG_REPORT_PASSWORD='' CHAT_KEY='' ADMIN_KEY=''
    # shellcheck source=/dev/null
    [[ -r $SECRETS ]] && source "$SECRETS"
    return 0
}
save_secret() {
    local tmp=$SECRETS.tmp
    (umask 077; { [[ -r $SECRETS ]] && grep -v "^$1=" "$SECRETS" || true; printf '%s=%q\n' "$1" "$2"; } >"$tmp")
    mv "$tmp" "$SECRETS"
    printf -v "$1" '%s' "$2"
}
ensure_secret() { [[ -n ${!1} ]] || save_secret "$1" "$(openssl rand -hex 24)"; }

# The connection strings of docs/CLUSTER.md: every PostgreSQL node listed,
# libpq picks the one that takes writes (or, for reports, a standby).
pg_hosts() { local h='' n; for n in "${PG_NODES[@]}"; do h+="127.0.0.1:$(pg_port "$n"),"; done; echo "${h%,}"; }
app_url() { echo "postgresql://linelead:$PG_APP_PASSWORD@$(pg_hosts)/linelead?target_session_attrs=read-write&connect_timeout=2&keepalives_idle=5&keepalives_interval=2&keepalives_count=3&tcp_user_timeout=10000"; }
admin_url() { echo "postgresql://linelead_admin:$PG_SUPER_PASSWORD@$(pg_hosts)/linelead?target_session_attrs=read-write&connect_timeout=2&keepalives_idle=5&keepalives_interval=2&keepalives_count=3&tcp_user_timeout=10000"; }
report_url() { echo "postgresql://linelead_report:$PG_REPORT_PASSWORD@$(pg_hosts)/linelead?target_session_attrs=prefer-standby&connect_timeout=2"; }

# ------------------------------------------------------------------ etcd
etcd_healthy() { curl -s --max-time 2 "http://127.0.0.1:$ETCD_PORT/health" | grep -q '"health":"true"'; }

etcd_start() {
    local pid
    if pid=$(pid_of etcd "$DIR/etcd"); then return 0; fi
    command -v etcd >/dev/null || die "etcd not found (apt-get install etcd-server)"
    port_free "$ETCD_PORT" && port_free "$ETCD_PEER_PORT" || die "etcd ports $ETCD_PORT/$ETCD_PEER_PORT are in use"
    mkdir -p "$DIR/etcd"
    chmod 700 "$DIR/etcd"
    chown "$pg_owner" "$DIR/etcd"
    # One member is enough on one machine; docs/CLUSTER.md runs three.
    setsid "${as_pg[@]}" etcd --name etcd1 --data-dir "$DIR/etcd/data" \
        --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
        --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
        --initial-cluster "etcd1=http://127.0.0.1:$ETCD_PEER_PORT" --initial-cluster-state new \
        --initial-cluster-token linelead-dev --listen-metrics-urls '' \
        >>"$DIR/etcd/etcd.log" 2>&1 </dev/null 9>&- &
    echo $! >"$PIDS/etcd.pid"
    wait_for 20 etcd_healthy || die "etcd is not healthy after 20 s
$(tail_log "$DIR/etcd/etcd.log")"
}

# ------------------------------------------------------------------ Patroni
patroni_conf() {  # NODE: writes DIR/NODE/patroni.yml
    local n=$1 d=$DIR/$1 tmp
    tmp=$d/patroni.yml.tmp
    (umask 077; cat >"$tmp" <<EOF
# Written by scripts/cluster.sh; docs/CLUSTER.md explains each setting.
scope: linelead
namespace: /linelead-dev/
name: $n
log:
  level: INFO
  dir: $d/log
  file_num: 2
restapi:
  listen: 127.0.0.1:$(rest_port "$n")
  connect_address: 127.0.0.1:$(rest_port "$n")
etcd3:
  hosts: 127.0.0.1:$ETCD_PORT
bootstrap:
  dcs:
    # Failure is seen within ttl (10 s) at worst, a crash within a loop (1 s).
    ttl: 10
    loop_wait: 1
    retry_timeout: 4
    maximum_lag_on_failover: 1048576
    # Commit waits for the standby; Patroni only promotes the standby that
    # was synchronous, so no acknowledged commit is lost.  Not strict: with one
    # node down the other keeps taking writes (alone) - see docs/CLUSTER.md.
    synchronous_mode: true
    synchronous_mode_strict: false
    # A crashed primary is not restarted in place: fail over at once.
    primary_start_timeout: 0
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        wal_level: replica
        hot_standby: "on"
        wal_log_hints: "on"
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 256MB
        synchronous_commit: "on"
        max_connections: 100
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - auth-local: scram-sha-256
    - auth-host: scram-sha-256
postgresql:
  listen: 127.0.0.1:$(pg_port "$n")
  connect_address: 127.0.0.1:$(pg_port "$n")
  data_dir: $d/data
  bin_dir: $PG_BIN
  pgpass: $d/pgpass
  authentication:
    superuser:
      username: linelead_admin
      password: $PG_SUPER_PASSWORD
    replication:
      username: replicator
      password: $PG_REPL_PASSWORD
    rewind:
      username: rewinder
      password: $PG_REWIND_PASSWORD
  pg_hba:
    - local all all scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
    - host replication replicator 127.0.0.1/32 scram-sha-256
  parameters:
    unix_socket_directories: $d/run
    password_encryption: scram-sha-256
    logging_collector: "on"
    log_directory: $d/log
    log_filename: postgresql.log
    log_line_prefix: '%m [%p] %q%u@%d '
    log_min_duration_statement: 1000
    log_parameter_max_length: 0
    log_parameter_max_length_on_error: 0
tags:
  nofailover: false
  noloadbalance: false
EOF
    )
    chown "$pg_owner" "$tmp"
    mv "$tmp" "$d/patroni.yml"
}

patroni_start() {  # NODE
    local n=$1 d=$DIR/$1 pid port
    if pid=$(pid_of "patroni-$n" "$d/patroni.yml"); then return 0; fi
    command -v patroni >/dev/null || die "patroni not found (apt-get install patroni)"
    port=$(pg_port "$n")
    port_free "$port" && port_free "$(rest_port "$n")" || die "ports of $n ($port, $(rest_port "$n")) are in use"
    mkdir -p "$d/run" "$d/log"
    chmod 700 "$d"
    chown -R "$pg_owner" "$d"
    patroni_conf "$n"
    setsid "${as_pg[@]}" patroni "$d/patroni.yml" >>"$d/log/patroni.out" 2>&1 </dev/null 9>&- &
    echo $! >"$PIDS/patroni-$n.pid"
}

# rest NODE PATH: Patroni's REST API (/primary is 200 on the leader only,
# /sync on the synchronous standby only).
rest() { curl -s --max-time 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(rest_port "$1")$2"; }
rest_ok() { [[ $(rest "$1" "$2") == 200 ]]; }
primary_node() {
    local n
    for n in "${PG_NODES[@]}"; do rest_ok "$n" /primary && { echo "$n"; return 0; }; done
    return 1
}
sync_ready() { local n; for n in "${PG_NODES[@]}"; do rest_ok "$n" /sync && return 0; done; return 1; }

pg_members() {
    local n json
    for n in "${PG_NODES[@]}"; do
        json=$(curl -s --max-time 2 "http://127.0.0.1:$(rest_port "$n")/patroni" 2>/dev/null) || json=''
        if [[ -z $json ]]; then echo "$n - down -"; continue; fi
        python3 -c 'import json,sys; d=json.loads(sys.argv[2]); r=d.get("replication_state") or "-"
print(sys.argv[1], d.get("role","?"), d.get("state","?"), "sync" if d.get("sync_standby") else r, d.get("timeline","-"))' "$n" "$json" 2>/dev/null ||
            echo "$n ? ? ?"
    done
}

# psql_as URL ARGS: psql with the URL's password in the environment, not on
# the command line (ps shows that to everyone).
psql_as() {
    [[ $1 =~ ^(postgresql://[^:@/]+):([^@/]*)@(.*)$ ]] || die "not a URL with a password"
    shift
    PGPASSWORD=${BASH_REMATCH[2]} PGCONNECT_TIMEOUT=5 timeout 120 "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
        "${BASH_REMATCH[1]}@${BASH_REMATCH[3]}" "$@"
}
psql_primary() { psql_as "$(admin_url)" "$@"; }  # as the owner, on whichever node takes writes

# Database, roles, the app's and the reporting logins: every up (idempotent).
db_setup() {
    local exists
    local postgres_url
    postgres_url=$(admin_url | sed 's|/linelead?|/postgres?|')
    exists=$(psql_as "$postgres_url" -At -c "SELECT 1 FROM pg_database WHERE datname = 'linelead'") ||
        die "cannot reach the primary as linelead_admin"
    if [[ -z $exists ]]; then
        psql_as "$postgres_url" -c "CREATE DATABASE linelead OWNER linelead_admin ENCODING 'UTF8'" >/dev/null ||
            die "cannot create database linelead"
    fi
    # libpq moves on to the next host when one is starting up or read-only,
    # not when it has no such database: a standby listed first that has not
    # replayed the CREATE DATABASE yet fails the connection.  A moment.
    wait_for 20 psql_primary -c 'SELECT 1' || die "database linelead is not reachable on every node"
    psql_primary >/dev/null <<EOF || die "cannot create the database roles"
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
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linelead_report') THEN
        CREATE ROLE linelead_report LOGIN IN ROLE linelead_reporting;
    END IF;
END
\$\$;
ALTER ROLE linelead WITH LOGIN PASSWORD '$PG_APP_PASSWORD';
-- Reports must not fill a standby's connection slots: the workers' libpq
-- tries every host in turn, and a full one (53300) ends the attempt.
ALTER ROLE linelead_report WITH LOGIN PASSWORD '$PG_REPORT_PASSWORD' CONNECTION LIMIT 20;
SET client_min_messages = warning;
GRANT linelead_app TO linelead;
GRANT linelead_reporting TO linelead_report;
GRANT CONNECT ON DATABASE linelead TO linelead_app, linelead_reporting;
EOF
}

# ------------------------------------------------------------------ app nodes
# node_env N: the environment scripts/stack.sh gets for app node N.
node_env() {
    NODE_ENV=(LINELEAD_HTTPS_PORT="$(node_https "$1")" LINELEAD_HTTP_PORT="$(node_http "$1")"
        LINELEAD_PG_PORT="$PG_PORT0" LINELEAD_WORKERS="$WORKERS"
        LINELEAD_RATE_LIMIT="${LINELEAD_RATE_LIMIT:-$LB_RATE}" LINELEAD_RATE_BURST="${LINELEAD_RATE_BURST:-$LB_BURST}"
        LINELEAD_TRUSTED_PROXIES=127.0.0.1
        LINELEAD_STACK_DATABASE_URL="$(app_url)" LINELEAD_STACK_ADMIN_DATABASE_URL="$(admin_url)")
    (($1 == 1)) || NODE_ENV+=(LINELEAD_STACK_INGEST=0)
}

node_start() {  # N
    local d=$DIR/node$1
    mkdir -p "$d"
    # One set of API keys for the whole chain: node 1 made them.
    if (($1 > 1)) && [[ -n $CHAT_KEY ]]; then
        (umask 077; { [[ -r $d/secrets ]] && grep -v '^\(CHAT_KEY\|ADMIN_KEY\)=' "$d/secrets" || true
            printf 'CHAT_KEY=%q\nADMIN_KEY=%q\n' "$CHAT_KEY" "$ADMIN_KEY"; } >"$d/secrets.tmp")
        mv "$d/secrets.tmp" "$d/secrets"
    fi
    node_env "$1"
    env "${NODE_ENV[@]}" "$STACK" start "$d" 2>&1 | sed "s/^stack:/node$1:/" >&2
    ((PIPESTATUS[0] == 0)) || die "app node $1 did not start"
    if (($1 == 1)); then
        CHAT_KEY=$(sed -n "s/^export LINELEAD_API_KEY='\(.*\)'$/\1/p" "$d/linelead.env")
        ADMIN_KEY=$(sed -n "s/^export LINELEAD_ADMIN_KEY='\(.*\)'$/\1/p" "$d/linelead.env")
    fi
}

node_pids() {  # N: the node's nginx and pool processes, masters and children
    local d=$DIR/node$1 pid p
    for pid in $(cat "$d/nginx/nginx.pid" "$d/pids/linelead-fcgi.pid" 2>/dev/null); do
        [[ $pid =~ ^[0-9]+$ ]] && ! gone "$pid" || continue
        tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$d/" || continue
        echo "$pid"
        for p in $(pgrep -P "$pid" 2>/dev/null); do echo "$p"; done
    done
}

node_kill() {  # N: what a power cut does to the node's processes
    local pids
    pids=$(node_pids "$1")
    [[ -n $pids ]] || die "app node $1 is not running"
    # shellcheck disable=SC2086
    kill -KILL $pids
    say "node$1: SIGKILLed nginx and pool ($(echo $pids | wc -w) processes)"
}

# ------------------------------------------------------------------ HAProxy
haproxy_conf() {
    local d=$DIR/haproxy n tmp
    mkdir -p "$d"
    if [[ ! -s $d/lb.pem ]]; then
        (umask 077; openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=Line Lead dev LB" \
            -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$d/key.pem" -out "$d/cert.pem" \
            >"$d/openssl.log" 2>&1 && cat "$d/cert.pem" "$d/key.pem" >"$d/lb.pem") ||
            die "openssl could not make the balancer's certificate
$(tail_log "$d/openssl.log")"
    fi
    tmp=$d/haproxy.cfg.tmp
    {
        cat <<EOF
# Written by scripts/cluster.sh; docs/CLUSTER.md explains it.
global
    maxconn 4000
    log stderr format raw local0 notice
    stats socket $d/admin.sock mode 600 level admin
    ssl-default-bind-options ssl-min-ver TLSv1.2

defaults
    mode http
    log global
    option httplog
    option dontlog-normal
    timeout connect 2s
    timeout client 30s
    timeout http-request 15s
    # the pool's request budget (request_timeout_ms, 30 s) and a little
    timeout server 35s
    # A request that could not reach a node (refused, reset before sending)
    # goes to another; one that reached it is never sent twice.
    retries 2
    retry-on conn-failure
    option redispatch 1
    # Errors the balancer answers itself are JSON, like the nodes'.
    unique-id-format %[uuid(4),regsub(-,,g)]
    http-error status 502 content-type application/json hdr X-Request-ID %[unique-id] lf-string '{"error":{"code":"upstream_error","message":"An app node failed; try again","request_id":"%[unique-id]"}}'
    http-error status 503 content-type application/json hdr Retry-After 2 hdr X-Request-ID %[unique-id] lf-string '{"error":{"code":"service_unavailable","message":"No app node is available; try again shortly","request_id":"%[unique-id]"}}'
    http-error status 504 content-type application/json hdr X-Request-ID %[unique-id] lf-string '{"error":{"code":"timeout","message":"The request took too long","request_id":"%[unique-id]"}}'
    http-error status 400 content-type application/json hdr X-Request-ID %[unique-id] lf-string '{"error":{"code":"invalid_request","message":"The request is malformed","request_id":"%[unique-id]"}}'
    http-error status 408 content-type application/json hdr X-Request-ID %[unique-id] lf-string '{"error":{"code":"timeout","message":"The request took too long to arrive","request_id":"%[unique-id]"}}'

# Chain-wide rate limits live here: each node's nginx only sees its share.
backend st_key
    stick-table type binary len 20 size 200k expire 30s store http_req_rate(10s)
backend st_addr
    stick-table type ip size 200k expire 30s store http_req_rate(10s)

frontend linelead
    bind 127.0.0.1:$LB_PORT ssl crt $d/lb.pem alpn http/1.1
    # the client's address for the nodes' per-address limits and logs
    option forwardfor
EOF
        if ((LB_RATE > 0)); then
            # A 10 s sliding window: rate x 10 + burst requests, per API key
            # (its SHA-1, never the key) and per client address.
            cat <<EOF
    http-request set-var(txn.api_key) req.fhdr(authorization),sha1 if { req.fhdr(authorization) -m found }
    http-request set-var(txn.api_key) req.fhdr(x-api-key),sha1 if !{ var(txn.api_key) -m found } { req.fhdr(x-api-key) -m found }
    http-request track-sc0 var(txn.api_key) table st_key if { var(txn.api_key) -m found }
    http-request track-sc1 src table st_addr
    http-request return status 429 content-type application/json hdr Retry-After 1 hdr X-Request-ID %[unique-id] lf-string '{"error":{"code":"rate_limited","message":"Too many requests; slow down","request_id":"%[unique-id]"}}' if { sc_http_req_rate(0,st_key) gt $((LB_RATE * 10 + LB_BURST)) }
    http-request return status 429 content-type application/json hdr Retry-After 1 hdr X-Request-ID %[unique-id] lf-string '{"error":{"code":"rate_limited","message":"Too many requests; slow down","request_id":"%[unique-id]"}}' if { sc_http_req_rate(1,st_addr) gt $((LB_RATE * 10 + LB_BURST)) }
EOF
        fi
        cat <<EOF
    default_backend app_nodes

frontend stats
    bind 127.0.0.1:$LB_STATS_PORT
    stats enable
    stats uri /
    stats refresh 2s

backend app_nodes
    balance leastconn
    # /health is 200 while the node's pool and its database path work; a node
    # that fails twice in a row (0.5 s apart once in doubt) is taken out.
    option httpchk
    http-check send meth GET uri /health ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    default-server ssl verify none check inter 1s fastinter 500ms downinter 1s fall 2 rise 2 observe layer7 error-limit 5 on-error fastinter
EOF
        for ((n = 1; n <= NODES; n++)); do
            echo "    server node$n 127.0.0.1:$(node_https "$n")"
        done
    } >"$tmp"
    mv "$tmp" "$d/haproxy.cfg"
}

# lb_admin COMMAND: one command on HAProxy's admin socket (no socat needed).
lb_admin() {
    python3 - "$DIR/haproxy/admin.sock" "$1" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(5)
s.connect(sys.argv[1])
s.sendall(sys.argv[2].encode() + b"\n")
out = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    out += chunk
sys.stdout.write(out.decode())
PY
}

lb_answers() { [[ $(curl -sk --max-time 2 -o /dev/null -w '%{http_code}' "https://127.0.0.1:$LB_PORT/health") == 200 ]]; }

haproxy_start() {
    local d=$DIR/haproxy pid
    command -v haproxy >/dev/null || die "haproxy not found (apt-get install haproxy)"
    haproxy_conf
    haproxy -c -q -f "$d/haproxy.cfg" >"$d/check.out" 2>&1 || die "haproxy rejected its configuration
$(tail_log "$d/check.out")"
    if pid=$(pid_of haproxy "$d/haproxy.cfg"); then
        kill -USR2 "$pid"   # master-worker: reload the configuration
    else
        port_free "$LB_PORT" || die "port $LB_PORT is in use"
        setsid haproxy -W -db -f "$d/haproxy.cfg" >>"$d/haproxy.log" 2>&1 </dev/null 9>&- &
        echo $! >"$PIDS/haproxy.pid"
    fi
    wait_for 20 lb_answers || die "HAProxy does not answer healthy on https://127.0.0.1:$LB_PORT within 20 s
$(tail_log "$d/haproxy.log")"
}

write_env() {
    (umask 077; cat >"$DIR/linelead.env" <<EOF
# Line Lead cluster in $DIR - source me:  . $DIR/linelead.env
export DATABASE_URL='$(app_url)'
export LINELEAD_ADMIN_DATABASE_URL='$(admin_url)'
export LINELEAD_REPORT_DATABASE_URL='$(report_url)'
export LINELEAD_URL='https://127.0.0.1:$LB_PORT'
export LINELEAD_API_KEY='$CHAT_KEY'
export LINELEAD_ADMIN_KEY='$ADMIN_KEY'
export LINELEAD_CLUSTER_DIR='$DIR'
export LINELEAD_CLUSTER_NODES='$NODES'
EOF
    )
}

# ------------------------------------------------------------------ commands
do_up() {
    local n
    load_secrets
    for s in PG_SUPER_PASSWORD PG_REPL_PASSWORD PG_REWIND_PASSWORD PG_APP_PASSWORD PG_REPORT_PASSWORD; do
        ensure_secret "$s"
    done
    [[ -x $PG_BIN/postgres ]] || die "PostgreSQL 15 not found in $PG_BIN"
    etcd_start
    for n in "${PG_NODES[@]}"; do patroni_start "$n"; done
    wait_for 90 primary_node || die "no PostgreSQL primary after 90 s
$(tail_log "$DIR/pg1/log/patroni.log")
$(tail_log "$DIR/pg2/log/patroni.log")"
    say "PostgreSQL primary: $(primary_node)"
    wait_for 120 sync_ready || die "no synchronous standby after 120 s
$(pg_members)
$(tail_log "$DIR/pg2/log/patroni.log")"
    db_setup
    for ((n = 1; n <= NODES; n++)); do node_start "$n"; done
    save_secret CHAT_KEY "$CHAT_KEY"
    save_secret ADMIN_KEY "$ADMIN_KEY"
    haproxy_start
    write_env
    pg_members | sed 's/^/  postgresql /' >&2
    say "up: https://127.0.0.1:$LB_PORT ($NODES app nodes; env: $DIR/linelead.env)"
}

do_down() {
    local n pid
    if pid=$(pid_of haproxy "$DIR/haproxy/haproxy.cfg"); then stop_pid "$pid" haproxy 10; fi
    for ((n = 1; n <= 4; n++)); do
        [[ -d $DIR/node$n ]] && "$STACK" stop "$DIR/node$n" 2>&1 | sed "s/^stack:/node$n:/" >&2
    done
    # Patroni stops its PostgreSQL on SIGTERM (a fast shutdown).
    for n in "${PG_NODES[@]}"; do
        if pid=$(pid_of "patroni-$n" "$DIR/$n/patroni.yml"); then stop_pid "$pid" "patroni $n" 40; fi
    done
    for n in "${PG_NODES[@]}"; do pg_orphan_stop "$n"; done
    if pid=$(pid_of etcd "$DIR/etcd"); then stop_pid "$pid" etcd 15; fi
    say "down ($DIR)"
}

# A postmaster left by a Patroni that was killed: stop it by its pid file.
pg_orphan_stop() {
    local pid
    pid=$(head -n1 "$DIR/$1/data/postmaster.pid" 2>/dev/null) || return 0
    [[ $pid =~ ^[0-9]+$ ]] && ! gone "$pid" || return 0
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == postgres* ]] || return 0
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$DIR/$1/data" || return 0
    kill -INT "$pid" 2>/dev/null || true
    wait_for 20 gone "$pid" || kill -KILL "$pid" 2>/dev/null || true
}

do_status() {
    local n pid rc=0
    if pid=$(pid_of etcd "$DIR/etcd"); then echo "etcd:       running (pid $pid)"; else echo "etcd:       stopped"; rc=3; fi
    for n in "${PG_NODES[@]}"; do
        if pid=$(pid_of "patroni-$n" "$DIR/$n/patroni.yml"); then echo "patroni $n: running (pid $pid)"; else echo "patroni $n: stopped"; rc=3; fi
    done
    pg_members | sed 's/^/postgresql  /'
    for ((n = 1; n <= NODES; n++)); do
        echo "app node$n:  /health $(curl -sk --max-time 3 -o /dev/null -w '%{http_code}' "https://127.0.0.1:$(node_https "$n")/health") on https://127.0.0.1:$(node_https "$n"), in the balancer: $(lb_admin "show stat" 2>/dev/null | awk -F, -v s="node$n" '$1 == "app_nodes" && $2 == s { print $18 }')"
    done
    if pid=$(pid_of haproxy "$DIR/haproxy/haproxy.cfg"); then echo "haproxy:    running (pid $pid) https://127.0.0.1:$LB_PORT  stats http://127.0.0.1:$LB_STATS_PORT/"; else echo "haproxy:    stopped"; rc=3; fi
    return "$rc"
}

do_kill_primary() {
    local n pid
    n=$(primary_node) || die "no primary to kill"
    pid=$(head -n1 "$DIR/$n/data/postmaster.pid" 2>/dev/null) || die "no postmaster.pid for $n"
    [[ $pid =~ ^[0-9]+$ && $(cat "/proc/$pid/comm" 2>/dev/null) == postgres* ]] || die "postmaster of $n not running"
    kill -KILL "$pid"
    echo "$n"
}

case $cmd in
up) exec 9>"$DIR/.lock"; flock -w 300 9 || die "another cluster.sh holds $DIR/.lock"; do_up ;;
down) exec 9>"$DIR/.lock"; flock -w 300 9 || die "another cluster.sh holds $DIR/.lock"; do_down ;;
status) load_secrets; do_status ;;
node-kill) [[ $node_arg =~ ^[1-4]$ ]] || usage; node_kill "$node_arg" ;;
node-start) [[ $node_arg =~ ^[1-4]$ ]] || usage; load_secrets; node_start "$node_arg" ;;
node-drain) [[ $node_arg =~ ^[1-4]$ ]] || usage; lb_admin "set server app_nodes/node$node_arg state drain" ;;
node-ready) [[ $node_arg =~ ^[1-4]$ ]] || usage; lb_admin "set server app_nodes/node$node_arg state ready" ;;
pg-kill-primary) do_kill_primary ;;
pg-members) pg_members ;;
psql) load_secrets; psql_primary "$@" ;;
esac
