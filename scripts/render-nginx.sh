#!/usr/bin/env bash
# render-nginx.sh - render the nginx site and snippets from nginx/*.in templates.
#
#   scripts/render-nginx.sh OUTDIR
#
# Writes OUTDIR/linelead.conf (the site, http{} context) and
# OUTDIR/snippets/linelead-*.conf.  The same templates serve production (the
# package renders them with the defaults below) and the private dev/test
# instance (scripts/stack.sh sets the variables for its own directory).
#
# Settings (environment), production defaults in brackets:
#   LINELEAD_SERVER_NAMES     trusted Host names, space-separated [localhost]
#   LINELEAD_ALLOWED_ORIGINS  CORS allowlist, space-separated origins [none]
#   LINELEAD_RATE_LIMIT       requests/s per address and per API key; 0 = off [20]
#   LINELEAD_RATE_BURST       burst served at once before 429 [40]
#   NGINX_CONN_LIMIT          connections per client address [100]
#   LINELEAD_TRUSTED_PROXIES  load balancers (addresses or CIDRs, space-
#                             separated) whose X-Forwarded-For is believed [none]
#   NGINX_LISTEN_HTTPS        [443]     NGINX_LISTEN_HTTP  [80]
#   NGINX_HTTPS_PORT          port in the http->https redirect [443]
#   NGINX_TLS_CERT            [/etc/ssl/certs/ssl-cert-snakeoil.pem]
#   NGINX_TLS_KEY             [/etc/ssl/private/ssl-cert-snakeoil.key]
#   NGINX_FCGI_SOCKET         [unix:/run/linelead/linelead.sock]
#   NGINX_WEB_ROOT            [/usr/share/linelead/web]
#   NGINX_API_ROOT            openapi.json/.yaml and docs/ [/usr/share/linelead/api]
#   NGINX_SNIPPETS_DIR        where the snippets will live [/etc/nginx/snippets]
#   NGINX_ACCESS_LOG          [/var/log/nginx/linelead.access.log]
#   NGINX_ERRORS_LOG          the errors nginx answers itself, one line each,
#                             read by the pool for /metrics (nginx_errors_log
#                             in linelead.conf) [/var/log/nginx/linelead.errors.log]
#   NGINX_HSTS                Strict-Transport-Security value
#                             [max-age=31536000; includeSubDomains]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
templates=${LINELEAD_NGINX_TEMPLATES:-$here/../nginx}

die() { echo "render-nginx: $*" >&2; exit 1; }

(($# == 1)) || die "usage: render-nginx.sh OUTDIR"
out=$1

server_names=${LINELEAD_SERVER_NAMES:-localhost}
origins=${LINELEAD_ALLOWED_ORIGINS:-}
rate=${LINELEAD_RATE_LIMIT:-20}
burst=${LINELEAD_RATE_BURST:-40}
conn_limit=${NGINX_CONN_LIMIT:-100}
trusted_proxies=${LINELEAD_TRUSTED_PROXIES:-}
listen_https=${NGINX_LISTEN_HTTPS:-443}
listen_http=${NGINX_LISTEN_HTTP:-80}
https_port=${NGINX_HTTPS_PORT:-443}
tls_cert=${NGINX_TLS_CERT:-/etc/ssl/certs/ssl-cert-snakeoil.pem}
tls_key=${NGINX_TLS_KEY:-/etc/ssl/private/ssl-cert-snakeoil.key}
socket=${NGINX_FCGI_SOCKET:-unix:/run/linelead/linelead.sock}
web_root=${NGINX_WEB_ROOT:-/usr/share/linelead/web}
api_root=${NGINX_API_ROOT:-/usr/share/linelead/api}
snippets_dir=${NGINX_SNIPPETS_DIR:-/etc/nginx/snippets}
access_log=${NGINX_ACCESS_LOG:-/var/log/nginx/linelead.access.log}
errors_log=${NGINX_ERRORS_LOG:-/var/log/nginx/linelead.errors.log}
hsts=${NGINX_HSTS:-max-age=31536000; includeSubDomains}

# Everything lands in an nginx config file: refuse what could break out of a
# token or a quoted string there.
[[ $rate =~ ^[0-9]+$ ]] || die "LINELEAD_RATE_LIMIT must be a whole number (0 = off): $rate"
[[ $burst =~ ^[0-9]+$ ]] || die "LINELEAD_RATE_BURST must be a whole number: $burst"
[[ $conn_limit =~ ^[1-9][0-9]*$ ]] || die "NGINX_CONN_LIMIT must be a positive number: $conn_limit"
[[ $https_port =~ ^[0-9]+$ ]] || die "NGINX_HTTPS_PORT must be a port number: $https_port"
for v in "$listen_https" "$listen_http"; do
    [[ $v =~ ^([0-9.]+:|\[[0-9a-fA-F:]+\]:)?[0-9]+$ ]] || die "bad listen address: $v"
done
for name in $server_names; do
    [[ $name =~ ^[A-Za-z0-9*_][A-Za-z0-9.*_-]*$ ]] || die "bad server name: $name"
done
[[ -n ${server_names// /} ]] || die "LINELEAD_SERVER_NAMES is empty"
for v in "$tls_cert" "$tls_key" "$socket" "$web_root" "$api_root" "$snippets_dir" "$access_log" "$errors_log"; do
    [[ $v =~ ^[A-Za-z0-9_./:@+-]+$ ]] || die "path with unsafe characters: $v"
done
[[ $hsts =~ ^[A-Za-z0-9=\;\ -]+$ ]] || die "bad NGINX_HSTS: $hsts"

# The CORS allowlist becomes map entries: exact origin -> echo it back.
cors_map=''
for o in $origins; do
    [[ $o =~ ^https?://[A-Za-z0-9.-]+(:[0-9]+)?$ ]] ||
        die "bad origin in LINELEAD_ALLOWED_ORIGINS (want scheme://host[:port]): $o"
    cors_map+="    \"$o\" \$http_origin;\\n"
done
[[ -n $cors_map ]] || cors_map='    # (no origin allowed: LINELEAD_ALLOWED_ORIGINS is empty)\n'
cors_map=${cors_map%\\n}

real_ip='# (no load balancer in front: LINELEAD_TRUSTED_PROXIES is empty)'
if [[ -n ${trusted_proxies// /} ]]; then
    real_ip=''
    for p in $trusted_proxies; do
        [[ $p =~ ^[0-9a-fA-F.:]+(/[0-9]{1,3})?$ ]] || die "bad address in LINELEAD_TRUSTED_PROXIES: $p"
        real_ip+="set_real_ip_from $p;\\n"
    done
    real_ip+='real_ip_header X-Forwarded-For;\nreal_ip_recursive on;'
fi

rl=''   # line prefix of the rate/connection limit lines
((rate > 0)) || rl='# [rate limit off] '
suffix=''
((https_port == 443)) || suffix=":$https_port"

# sed replacement text: escape \ & and the delimiter |
esc() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }

# One sed script for every file (escaped once: forks are slow on small VMs).
sed_script=$(cat <<EOF
s|@SERVER_NAMES@|$(esc "$server_names")|g
s|@CORS_ORIGIN_MAP@|$cors_map|g
s|@RL@|$(esc "$rl")|g
s|@REAL_IP@|$real_ip|g
s|@RATE_LIMIT@|$rate|g
s|@RATE_BURST@|$burst|g
s|@CONN_LIMIT@|$conn_limit|g
s|@LISTEN_HTTPS@|$(esc "$listen_https")|g
s|@LISTEN_HTTP@|$(esc "$listen_http")|g
s|@HTTPS_PORT_SUFFIX@|$suffix|g
s|@TLS_CERT@|$(esc "$tls_cert")|g
s|@TLS_KEY@|$(esc "$tls_key")|g
s|@FCGI_SOCKET@|$(esc "$socket")|g
s|@WEB_ROOT@|$(esc "$web_root")|g
s|@API_ROOT@|$(esc "$api_root")|g
s|@SNIPPETS_DIR@|$(esc "$snippets_dir")|g
s|@ACCESS_LOG@|$(esc "$access_log")|g
s|@ERRORS_LOG@|$(esc "$errors_log")|g
s|@HSTS@|$(esc "$hsts")|g
EOF
)

render() {  # TEMPLATE OUTPUT
    sed -e "$sed_script" "$1" >"$2.tmp"
    if grep -n '@[A-Z_]*@' "$2.tmp" >&2; then
        rm -f "$2.tmp"
        die "unrendered variables left in $2 (above)"
    fi
    mv "$2.tmp" "$2"
}

mkdir -p "$out/snippets"
render "$templates/linelead.conf.in" "$out/linelead.conf"
for f in "$templates"/snippets/linelead-*.conf; do
    render "$f" "$out/snippets/$(basename "$f")"
done
