#!/usr/bin/env bash
# bench/run.sh - `make bench`: Line Lead measured against this machine's ceiling
# in the same run, then how its costs grow with the data.  Loopback only; it
# starts a private stack (scripts/stack.sh) in a temp dir and stops everything it
# started, by PID.  Prints one Markdown table and writes it to
# $BENCH_OUT_DIR/latest.md (default ./bench-results).
#
#   bench/run.sh            (make bench runs it with LINELEAD_BIN_DIR set)
#
# Settings (environment):
#   LINELEAD_BIN_DIR   [build/src]   linelead-fcgi and linelead
#   BENCH_CEILING      [../shared/bench/ceiling/ceiling]
#   BENCH_CONNS [32]  BENCH_DURATION [10s]  BENCH_WARMUP [2s]   wrk -c / -d, for the
#                     ceiling and the product alike (wrk -t1, as the ceiling)
#   BENCH_SWEEP        ["1 8 32 128"]  connections for the chat sweep
#   BENCH_CHUNKS       ["1000 10000 100000"]  synthetic chunks for the growth steps
#   BENCH_MESSAGES     [1000000]     stored messages for the chat-growth step
#   BENCH_REQUEST_LOG_ROWS [10000000] request_log rows for the /metrics step
#   BENCH_INGEST_PAGES [1000]        Markdown pages (3,000 bytes each) to ingest
#   BENCH_LLM_FIRST_TOKEN_MS [200]  BENCH_LLM_TOKENS_PER_S [50]  the mock model
#   BENCH_LLM_N [20] timed streamed questions, after BENCH_LLM_WARMUP [40]
#   BENCH_SKIP         ['']          phases to skip: ceiling sweep llm pg chunks
#                                    messages reqlog ingest
#   BENCH_KEEP=1       keep the temp dir (stack stopped) for a post-mortem
#   BENCH_PORT_BASE    [random below the ephemeral range]
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
BIN_DIR=${LINELEAD_BIN_DIR:-$repo/build/src}
CEILING=${BENCH_CEILING:-$repo/../shared/bench/ceiling/ceiling}
CONNS=${BENCH_CONNS:-32}
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-2s}
SWEEP=${BENCH_SWEEP:-1 8 32 128}
CHUNK_STEPS=${BENCH_CHUNKS:-1000 10000 100000}
MESSAGES=${BENCH_MESSAGES:-1000000}
REQLOG_ROWS=${BENCH_REQUEST_LOG_ROWS:-10000000}
INGEST_PAGES=${BENCH_INGEST_PAGES:-1000}
SKIP=" ${BENCH_SKIP:-} "
OUT_DIR=${BENCH_OUT_DIR:-$PWD/bench-results}
LUA=$here/product.lua
T0=$SECONDS

say() { printf '%s bench: %s\n' "$(date +%T)" "$*" >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }
skip() { [[ $SKIP == *" $1 "* ]]; }

for t in wrk curl psql pgbench python3 ss; do
    command -v "$t" >/dev/null || [[ -x /usr/lib/postgresql/15/bin/$t ]] || die "missing $t"
done
PATH=$PATH:/usr/lib/postgresql/15/bin
[[ -x $BIN_DIR/linelead-fcgi && -x $BIN_DIR/linelead ]] || die "no binaries in $BIN_DIR (build first, or set LINELEAD_BIN_DIR)"
[[ -x $CEILING ]] || die "ceiling script not found: $CEILING (set BENCH_CEILING)"
BIN_DIR=$(cd "$BIN_DIR" && pwd)

rows=() notes=()
tmp=$(mktemp -d /tmp/linelead-bench.XXXXXX)
chmod 755 "$tmp"
STACK=$tmp/stack
mock_pid='' sampler_pid=''

cleanup() {
    local rc=$?
    set +e
    trap - EXIT INT TERM
    if ((rc != 0 && ${#rows[@]} > 0)); then
        notes+=("INCOMPLETE: the run stopped early (exit $rc); rows above are what was measured.")
        write_table
    fi
    [[ -n $sampler_pid ]] && kill "$sampler_pid" 2>/dev/null && wait "$sampler_pid" 2>/dev/null
    [[ -d $STACK ]] && "$repo/scripts/stack.sh" stop "$STACK" >/dev/null 2>&1
    [[ -n $mock_pid ]] && kill "$mock_pid" 2>/dev/null && wait "$mock_pid" 2>/dev/null
    if [[ ${BENCH_KEEP:-0} == 1 ]]; then say "kept $tmp"; else rm -rf "$tmp"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Three free ports below the ephemeral range (wrk's TIME_WAIT sockets live there).
free_port() {
    local lo p i
    read -r lo _ </proc/sys/net/ipv4/ip_local_port_range
    for ((i = 0; i < 200; i++)); do
        p=$((12000 + RANDOM % (lo - 12000)))
        [[ -z $(ss -Htan "sport = :$p") && " $used_ports " != *" $p "* ]] && { used_ports+=" $p"; echo "$p"; return 0; }
    done
    die "no free port"
}
used_ports=''
export LINELEAD_HTTPS_PORT LINELEAD_HTTP_PORT LINELEAD_PG_PORT
LINELEAD_HTTPS_PORT=$(free_port); used_ports+=" $LINELEAD_HTTPS_PORT"
LINELEAD_HTTP_PORT=$(free_port); used_ports+=" $LINELEAD_HTTP_PORT"
LINELEAD_PG_PORT=$(free_port); used_ports+=" $LINELEAD_PG_PORT"
export LINELEAD_RATE_LIMIT=0 LINELEAD_BIN_DIR=$BIN_DIR LINELEAD_DATA_DIR=$repo
unset LINELEAD_LLM_BASE_URL LINELEAD_LLM_API_KEY OPENAI_API_KEY LINELEAD_LLM_MODEL RAGIE_API_KEY

stack() { "$repo/scripts/stack.sh" "$@"; }
stack_start() {  # [ENV=VALUE ...]
    env "$@" "$repo/scripts/stack.sh" start "$STACK" >"$tmp/stack.out" 2>&1 ||
        die "stack did not start: $(tail -n 20 "$tmp/stack.out")"
    # shellcheck disable=SC1091
    . "$STACK/linelead.env"
    export LINELEAD_URL LINELEAD_API_KEY LINELEAD_ADMIN_KEY DATABASE_URL LINELEAD_ADMIN_DATABASE_URL
}
# As the owner, without stack.sh's 120 s psql limit (bulk loads take longer).
psql_owner() { PGCONNECT_TIMEOUT=5 psql -X -q -v ON_ERROR_STOP=1 "$LINELEAD_ADMIN_DATABASE_URL" "$@"; }
pool_pid() { cat "$STACK/pids/linelead-fcgi.pid"; }

# ------------------------------------------------------------------ results
rows=()      # Markdown table rows
notes=()
row() { local r="|" x; for x in "$@"; do r+=" $x |"; done; rows+=("$r"); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0 && a != "") printf "%.3f", a / b; else printf "-" }'; }
declare -A C   # ceiling figures: C[name.rps] ...

# wrkrun NAME CONNS DURATION URL: warm-up, then wrk -t1 with product.lua; sets
# W_rps W_p50 W_p95 W_p99 W_err from the script's BENCH line.
wrkrun() {
    local c=$2 d=$3 url=$4 line
    [[ ${WARMUP%s} == 0 ]] || wrk -t1 -c"$c" -d"$WARMUP" -s "$LUA" "$url" >/dev/null 2>&1 || true
    wrk -t1 -c"$c" -d"$d" --timeout 10s -s "$LUA" "$url" >"$tmp/wrk.out" 2>&1 || die "wrk failed: $(tail -n3 "$tmp/wrk.out")"
    line=$(grep '^BENCH ' "$tmp/wrk.out") || die "no BENCH line from wrk: $(tail -n5 "$tmp/wrk.out")"
    W_rps=$(sed 's/.* rps=\([^ ]*\).*/\1/' <<<"$line")
    W_p50=$(sed 's/.* p50=\([^ ]*\).*/\1/' <<<"$line")
    W_p95=$(sed 's/.* p95=\([^ ]*\).*/\1/' <<<"$line")
    W_p99=$(sed 's/.* p99=\([^ ]*\).*/\1/' <<<"$line")
    W_err=$(sed 's/.* errors=\([^ ]*\).*/\1/' <<<"$line")
    say "$1 c=$c: rps=$W_rps p50=${W_p50}ms p95=${W_p95}ms p99=${W_p99}ms errors=$W_err"
}

# Resident memory of the pool's workers, sampled every 0.25 s while load runs.
rss_sampler() {  # writes "pid rss_kb anon_kb" lines
    local master=$1 k
    while :; do
        for k in $(pgrep -P "$master"); do
            awk -v p="$k" '/^VmRSS:/ { r = $2 } /^RssAnon:/ { a = $2 } END { if (r) print p, r, a }' "/proc/$k/status" 2>/dev/null || true
        done
        sleep 0.25
    done
}
rss_start() { rss_sampler "$(pool_pid)" >>"$tmp/rss.txt" & sampler_pid=$!; }
rss_stop() { kill "$sampler_pid" 2>/dev/null; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=''; }

chat_ok() {
    [[ $(curl -sk -o /dev/null -w '%{http_code}' -X POST "$LINELEAD_URL/chat/production" \
        -H "Authorization: Bearer $LINELEAD_API_KEY" -H 'Content-Type: application/json' \
        -d '{"message":"fryer not heating"}') == 200 ]]
}

# ------------------------------------------------------------------ table
write_table() {
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)
{
    echo "## make bench — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Machine: $(nproc) CPUs ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r); load average at start $LOAD0, at end $LOAD1."
    echo "Load: wrk -t1 -c$CONNS -d$DURATION (warm-up $WARMUP) for the ceiling and the product alike; product over TLS through nginx, rate limits off; $(pgrep -P "$(pool_pid 2>/dev/null || echo 0)" 2>/dev/null | wc -l) workers. Ratios are to the ceiling's hello-FastCGI figures from the same run (fcgi_tls: the same over TLS)."
    echo
    echo "| target | conns | rps | p50 ms | p99 ms | errors | vs fcgi_tls | vs fcgi | notes |"
    echo "|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    if ((${#notes[@]})); then echo; printf -- '- %s\n' "${notes[@]}"; fi
    echo
    echo "Run time: $((SECONDS - T0)) s."
} >"$OUT_DIR/latest.md"
cat "$OUT_DIR/latest.md"
say "written $OUT_DIR/latest.md"
}

# ------------------------------------------------------------------ start
mkdir -p "$OUT_DIR"
say "stack in $STACK (https $LINELEAD_HTTPS_PORT, pg $LINELEAD_PG_PORT), binaries $BIN_DIR"
stack_start
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
# 200 conversations of 20 messages to continue (?conv=cont)
psql_owner -v target=4000 -v prefix=bench-c- -f "$here/sql/messages.sql" >/dev/null
CHAT=1
chat_ok || { CHAT=0; notes+=("POST /chat/production did not answer 200 at the start: chat rows not measured."); }
export BENCH_CONVERSATIONS=200 BENCH_CONV_PREFIX=bench-c-

U_health="$LINELEAD_URL/health"
U_classify="$LINELEAD_URL/chat/classify"
U_new="$LINELEAD_URL/chat/production?conv=new"
U_cont="$LINELEAD_URL/chat/production?conv=cont"
U_metrics="$LINELEAD_URL/metrics"
declare -A LABEL=([$U_health]="GET /health" [$U_classify]="POST /chat/classify"
    [$U_new]="POST /chat/production (new conversation)" [$U_cont]="POST /chat/production (continuing)"
    [$U_metrics]="GET /metrics")

# ------------------------------------------------------------------ ceiling + product
if ! skip ceiling; then
    urls=("$U_health")
    ((CHAT)) && urls+=("$U_classify" "$U_new" "$U_cont")
    urls+=("$U_metrics")
    say "ceiling (CEIL_TLS=1, wrk -t1 -c$CONNS -d$DURATION) + ${#urls[@]} product routes"
    rss_start
    CEIL_TLS=1 CEIL_CONNS=$CONNS CEIL_DURATION=$DURATION CEIL_WARMUP=$WARMUP CEIL_LUA=$LUA \
        "$CEILING" http "${urls[@]}" >"$tmp/ceiling.out" 2>"$tmp/ceiling.err" ||
        die "ceiling failed: $(tail -n5 "$tmp/ceiling.err")"
    rss_stop
    cat "$tmp/ceiling.out" >&2
    while read -r name rest; do
        [[ $name == \#* ]] && continue
        for kv in $rest; do
            k=${kv%%=*}; v=${kv#*=}; v=${v%ms}; v=${v%\%}
            C[$name.$k]=$v
        done
    done <"$tmp/ceiling.out"
    for n in static fcgi fcgi_tls; do
        row "ceiling $n" "$CONNS" "${C[$n.rps]}" "${C[$n.p50]}" "${C[$n.p99]}" "${C[$n.errors]}" \
            "$(ratio "${C[$n.rps]}" "${C[fcgi_tls.rps]}")" "$(ratio "${C[$n.rps]}" "${C[fcgi.rps]}")" \
            "box_cpu ${C[$n.box_cpu]}%, steal ${C[$n.steal]}%"
    done
    for u in "${urls[@]}"; do
        row "${LABEL[$u]}" "$CONNS" "${C[$u.rps]}" "${C[$u.p50]}" "${C[$u.p99]}" "${C[$u.errors]}" \
            "${C[$u.vs_fcgi_tls]:--}" "${C[$u.vs_fcgi]:--}" "box_cpu ${C[$u.box_cpu]}%"
    done
fi

# ------------------------------------------------------------------ sweep
if ! skip sweep && ((CHAT)); then
    for c in $SWEEP; do
        ((c >= 32)) && rss_start
        wrkrun "sweep" "$c" "$DURATION" "$U_new"
        ((c >= 32)) && rss_stop
        row "sweep: POST /chat/production (new)" "$c" "$W_rps" "$W_p50" "$W_p99" "$W_err" \
            "$(ratio "$W_rps" "${C[fcgi_tls.rps]:-}")" "$(ratio "$W_rps" "${C[fcgi.rps]:-}")" "p95 $W_p95 ms"
        eval "SW_p99_$c=\$W_p99 SW_rps_$c=\$W_rps"
    done
fi
if [[ -s $tmp/rss.txt ]]; then
    # per worker: its highest VmRSS / RssAnon seen under load
    read -r RSS_N RSS_MAX RSS_AVG ANON_MAX < <(awk '{ if ($2 > r[$1]) r[$1] = $2; if ($3 > a[$1]) a[$1] = $3 }
        END { n = 0; for (p in r) { n++; s += r[p]; if (r[p] > m) m = r[p]; if (a[p] > am) am = a[p] }
              printf "%d %.1f %.1f %.1f\n", n, m / 1024, (n ? s / n : 0) / 1024, am / 1024 }' "$tmp/rss.txt")
    # A worker may be recycled (max_requests) between pgrep and the read:
    # its missing file is not an error.
    PSS=$(for k in $(pgrep -P "$(pool_pid)"); do awk '/^Pss:/ { print $2 }' "/proc/$k/smaps_rollup" 2>/dev/null || true; done |
        awk '{ s += $1; n++; if ($1 > m) m = $1 } END { if (n) printf "%.1f", m / 1024; else printf "-" }')
    row "worker resident memory under load" "-" "-" "-" "-" "-" "-" "-" \
        "$RSS_N workers seen: VmRSS max $RSS_MAX MB (mean $RSS_AVG MB), RssAnon max $ANON_MAX MB, Pss max after load $PSS MB"
fi

# ------------------------------------------------------------------ pg ceiling
if ! skip pg; then
    say "ceiling pg"
    CEIL_DURATION=$DURATION CEIL_WARMUP=$WARMUP "$CEILING" pg >"$tmp/ceilpg.out" 2>"$tmp/ceilpg.err" ||
        notes+=("ceiling pg failed: $(tail -n2 "$tmp/ceilpg.err" | tr '\n' ' ')")
    cat "$tmp/ceilpg.out" >&2
    while read -r name rest; do
        [[ $name == pg_* ]] || continue
        row "ceiling $name (pgbench -c8)" "-" "$(sed 's/.*tps=\([^ ]*\).*/\1/' <<<"$rest")" "-" "-" \
            "$(sed 's/.*failed=\([^ ]*\).*/\1/' <<<"$rest")" "-" "-" "avg $(sed 's/.*lat_avg=\([^ ]*\).*/\1/' <<<"$rest")"
    done <"$tmp/ceilpg.out"
fi

# ------------------------------------------------------------------ LLM path
if ! skip llm && ((CHAT)) && [[ -f $repo/tests/mock/openai_server.py ]]; then
    FT_MS=${BENCH_LLM_FIRST_TOKEN_MS:-200} TPS=${BENCH_LLM_TOKENS_PER_S:-50}
    python3 "$repo/tests/mock/openai_server.py" 0 --first-token-ms "$FT_MS" --tokens-per-s "$TPS" >"$tmp/mock.out" 2>&1 &
    mock_pid=$!
    for _ in $(seq 50); do grep -q '^PORT' "$tmp/mock.out" && break; sleep 0.1; done
    MP=$(awk '/^PORT/ { print $2; exit }' "$tmp/mock.out")
    [[ -n $MP ]] || die "mock LLM did not start: $(tail -n3 "$tmp/mock.out")"
    curl -s -X POST "http://127.0.0.1:$MP/_control" -d '{"tokens": 30}' >/dev/null
    say "LLM path: mock on $MP (first token ${FT_MS} ms, ${TPS} tokens/s); restarting the pool with it"
    stack stop "$STACK" >/dev/null 2>&1
    stack_start LINELEAD_LLM_BASE_URL="http://127.0.0.1:$MP/v1" LINELEAD_LLM_API_KEY=bench-key \
        LINELEAD_LLM_MODEL=bench-model
    N=${BENCH_LLM_N:-20}
    # Warm-up, as wrk's: with the mock answering at once, enough questions
    # that every worker is connected and past PostgreSQL's first five
    # (custom-planned) executions of each statement; then the set delays.
    curl -s -o /dev/null -d '{"delay_ms": 0, "token_delay_ms": 0}' "http://127.0.0.1:$MP/_control" || true
    python3 "$here/ttft.py" product "$LINELEAD_URL" "${BENCH_LLM_WARMUP:-40}" 10000 >/dev/null 2>&1 || true
    curl -s -o /dev/null -X POST "http://127.0.0.1:$MP/_reset" || true
    BENCH_MOCK_URL=http://127.0.0.1:$MP python3 "$here/ttft.py" product "$LINELEAD_URL" "$N" >"$tmp/ttft.product" 2>&1 || true
    curl -s "http://127.0.0.1:$MP/_requests" >"$tmp/mock.requests" || true
    python3 - "$tmp/mock.requests" "$tmp/llm.body" <<'EOF' || true
import json, sys
log = json.load(open(sys.argv[1]))
reqs = log if isinstance(log, list) else log.get("requests", [])
bodies = [r.get("body") for r in reqs if isinstance(r.get("body"), dict) and r["body"].get("stream")]
if bodies:
    json.dump(bodies[-1], open(sys.argv[2], "w"))
EOF
    BENCH_MOCK_URL=http://127.0.0.1:$MP BENCH_LLM_BODY=$tmp/llm.body python3 "$here/ttft.py" mock "http://127.0.0.1:$MP/v1" "$N" >"$tmp/ttft.mock" 2>&1 || true
    python3 "$here/ttft.py" cached "$LINELEAD_URL" "$N" >"$tmp/ttft.cached" 2>&1 || true
    cat "$tmp/ttft.product" "$tmp/ttft.mock" "$tmp/ttft.cached" >&2
    get() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" "$1" | head -n1; }
    pt=$(get "$tmp/ttft.product" ttft_p50) mt=$(get "$tmp/ttft.mock" ttft_p50)
    pT=$(get "$tmp/ttft.product" total_p50) mT=$(get "$tmp/ttft.mock" total_p50)
    if [[ -n $pt && -n $mt ]]; then
        LLM_TTFT_OVER=$(awk -v a="$pt" -v b="$mt" 'BEGIN { printf "%.1f", a - b }')
        row "LLM: time to first token (stream), p50" 1 "-" "$pt" "$(get "$tmp/ttft.product" ttft_p95) (p95)" 0 "-" "-" \
            "model alone $mt ms: overhead $LLM_TTFT_OVER ms, ratio $(ratio "$pt" "$mt"); the model was called $(get "$tmp/ttft.product" model_called_p50) ms after the question was sent ($(get "$tmp/ttft.mock" model_called_p50) ms when called directly)"
        row "LLM: total time (stream), p50" 1 "-" "$pT" "$(get "$tmp/ttft.product" total_p95) (p95)" 0 "-" "-" \
            "model alone $mT ms: overhead $(awk -v a="$pT" -v b="$mT" 'BEGIN { printf "%.1f", a - b }') ms, ratio $(ratio "$pT" "$mT")"
    else
        notes+=("LLM TTFT not measured: $(tail -n2 "$tmp/ttft.product" "$tmp/ttft.mock" | tr '\n' ' ')")
    fi
    ct=$(get "$tmp/ttft.cached" total_p50)
    if [[ -n $ct ]]; then
        row "LLM: cache hit (same question, JSON), p50" 1 "-" "$ct" "$(get "$tmp/ttft.cached" total_p95) (p95)" 0 "-" "-" \
            "cached: $(get "$tmp/ttft.cached" cached)"
    else
        notes+=("cache-hit latency not measured: $(tail -n2 "$tmp/ttft.cached" | tr '\n' ' ')")
    fi
    say "restarting the pool without the LLM"
    stack stop "$STACK" >/dev/null 2>&1
    kill "$mock_pid" 2>/dev/null; wait "$mock_pid" 2>/dev/null || true; mock_pid=''
    stack_start
elif ! skip llm; then
    notes+=("LLM path not measured: needs the chat route and tests/mock/openai_server.py.")
fi

# ------------------------------------------------------------------ growth: retrieval
if ! skip chunks; then
    for n in $CHUNK_STEPS; do
        t=$SECONDS
        psql_owner -v target="$n" -f "$here/sql/chunks.sql" >"$tmp/chunks.out"
        total=$(awk '/^chunks/ { print $2 }' "$tmp/chunks.out")
        say "chunks: $total in the KB (load $((SECONDS - t)) s)"
        # The statement exactly as the workers run it (bench/retrieval.py
        # reads it from src/answer/retriever.c): all three tiers, one statement.
        DATABASE_URL=$LINELEAD_ADMIN_DATABASE_URL python3 "$here/retrieval.py" "$total" >"$tmp/ret.out" 2>&1 ||
            die "retrieval timing failed: $(tail -n3 "$tmp/ret.out")"
        R_p50=$(awk '$2 == "search" { print $5 }' "$tmp/ret.out")
        R_p95=$(awk '$2 == "search" { print $8 }' "$tmp/ret.out")
        [[ -n $R_p95 ]] || die "retrieval timing printed nothing: $(tail -n3 "$tmp/ret.out")"
        row "retrieval SQL, $total chunks" 1 "-" "$R_p50" "-" 0 "-" "-" \
            "p95 **$R_p95 ms** (the three tiers in one statement, 50 questions, prepared)"
        eval "RET_p95_$n=\$R_p95"
        if ((CHAT)); then
            wrkrun "chat@$total" 1 5s "$U_new"
            row "POST /chat/production, $total chunks" 1 "$W_rps" "$W_p50" "$W_p99" "$W_err" "-" "-" "p95 $W_p95 ms (end to end, one connection)"
        fi
        last_chunks=$total
    done
fi

# ------------------------------------------------------------------ growth: messages
if ! skip messages && ((CHAT)); then
    t=$SECONDS
    psql_owner -v target="$MESSAGES" -v prefix=bench-m- -f "$here/sql/messages.sql" >"$tmp/msg.out"
    nmsg=$(awk '/^messages/ { print $2 }' "$tmp/msg.out")
    say "messages: $nmsg stored (load $((SECONDS - t)) s)"
    BENCH_CONVERSATIONS=$(( MESSAGES / 20 )) BENCH_CONV_PREFIX=bench-m- wrkrun "chat-cont@msgs" "$CONNS" "$DURATION" "$U_cont"
    row "POST /chat/production (continuing), $nmsg messages stored" "$CONNS" "$W_rps" "$W_p50" "$W_p99" "$W_err" "-" "-" "p95 $W_p95 ms"
    wrkrun "chat-new@msgs" "$CONNS" "$DURATION" "$U_new"
    row "POST /chat/production (new), $nmsg messages stored" "$CONNS" "$W_rps" "$W_p50" "$W_p99" "$W_err" "-" "-" "p95 $W_p95 ms"
fi

# ------------------------------------------------------------------ growth: request_log
if ! skip reqlog; then
    t=$SECONDS
    # Two sessions (2 cores), each loading its half of the time range in 1M-row statements.
    psql_owner -c "ALTER SYSTEM SET max_wal_size = '8GB'" -c "SELECT pg_reload_conf()" >/dev/null
    step=1000000
    load_half() {  # FIRST LAST
        local f=$1
        while ((f <= $2)); do
            local l=$((f + step - 1)); ((l > $2)) && l=$2
            psql_owner -v first="$f" -v last="$l" -v total="$REQLOG_ROWS" -f "$here/sql/request_log.sql" || return 1
            f=$((l + 1))
        done
    }
    half=$((REQLOG_ROWS / 2))
    load_half 1 "$half" >"$tmp/rl1.out" 2>&1 & p1=$!
    load_half $((half + 1)) "$REQLOG_ROWS" >"$tmp/rl2.out" 2>&1 & p2=$!
    wait "$p1" || die "request_log load failed: $(tail -n3 "$tmp/rl1.out")"
    wait "$p2" || die "request_log load failed: $(tail -n3 "$tmp/rl2.out")"
    psql_owner -c "VACUUM ANALYZE request_log" -c "VACUUM ANALYZE request_log_hourly" >/dev/null
    read -r nrl nhr < <(psql_owner -At -F' ' -c "SELECT (SELECT count(*) FROM request_log), (SELECT count(*) FROM request_log_hourly)")
    say "request_log: $nrl rows, $nhr hourly rollup rows (load $((SECONDS - t)) s)"
    for w in 24h 7d; do
        wrkrun "metrics $w" 1 5s "$U_metrics?window=$w"
        row "GET /metrics?window=$w, $nrl request_log rows" 1 "$W_rps" "$W_p50" "$W_p99" "$W_err" "-" "-" "p95 $W_p95 ms ($nhr rollup rows)"
        eval "MET_p95_$w=\$W_p95 MET_p99_$w=\$W_p99"
    done
fi

# ------------------------------------------------------------------ ingestion
if ! skip ingest; then
    mkdir -p "$tmp/ingest"
    python3 - "$tmp/ingest" "$INGEST_PAGES" <<'EOF'
import random, sys
out, pages = sys.argv[1], int(sys.argv[2])
random.seed(7)
words = ("check the fryer oil temperature before each batch and skim the crumbs every hour; "
         "if the high-limit trips, turn the unit off, let it cool, reset it once and call service "
         "when it trips again. clean the grill platens with the scraper and release sheet, "
         "calibrate the gap weekly, record the probe readings in the log").split()
per_file = 10
nfiles = max(1, pages // per_file)
for f in range(nfiles):
    parts = ["# Bench model BX-%d service manual\n\nsource: bench synthetic\n" % f]
    size = 0
    sec = 0
    while size < per_file * 3000:
        sec += 1
        body = ["\n## Section %d: error E%02d and cleaning\n\n" % (sec, sec % 40)]
        for s in range(1, 6):
            body.append("%d. %s.\n" % (s, " ".join(random.choice(words) for _ in range(14))))
        body.append("\nWARNING: %s.\n\n" % " ".join(random.choice(words) for _ in range(10)))
        body.append(" ".join(random.choice(words) for _ in range(120)) + ".\n")
        t = "".join(body)
        size += len(t)
        parts.append(t)
    open("%s/manual-%04d.md" % (out, f), "w").write("".join(parts))
EOF
    files=("$tmp"/ingest/*.md)
    bytes=$(cat "${files[@]}" | wc -c)
    pages=$(( (bytes + 2999) / 3000 ))
    c0=$(psql_owner -At -c "SELECT count(*) FROM chunks")
    t=$EPOCHREALTIME
    stack cli "$STACK" ingest --category equipment "${files[@]}" >"$tmp/ingest.out" 2>&1 ||
        die "ingest failed: $(tail -n5 "$tmp/ingest.out")"
    secs=$(awk -v a="$t" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
    c1=$(psql_owner -At -c "SELECT count(*) FROM chunks")
    row "linelead ingest: ${#files[@]} Markdown files, $pages pages of 3,000 bytes ($((bytes / 1024)) KiB)" "-" \
        "$(awk -v p="$pages" -v s="$secs" 'BEGIN { printf "%.0f pages/s", p / s }')" "-" "-" 0 "-" "-" \
        "$secs s, $((c1 - c0)) chunks added, into a KB of $c0 chunks"
fi

write_table
