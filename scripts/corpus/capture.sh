#!/usr/bin/env bash
# capture.sh — build the evidence corpus in tests/fixtures/evidence/.
#
# Starts real reverse proxies / load balancers / caches (nginx, Apache httpd
# with mod_proxy and ModSecurity, HAProxy, Varnish, Caddy, Squid) on 127.0.0.1
# ONLY, in front of small Python stdlib upstreams (upstream.py), and records
# what each one really answers with `curl -sv` (and some `curl -si`).
# One response per file; labels.toml says who generated each response.
#
#   scripts/corpus/capture.sh            # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture.sh     # never call apt-get
#   CORPUS_KEEP_RUN=1 capture.sh         # keep configs + server logs in the runtime dir
#
# * Needs no network except the Debian package mirror (and only when a
#   package is missing). Installs with a policy-rc.d in place so Debian does
#   not start the packaged services on their default ports.
# * Every server binds 127.0.0.1 (ports 18000-18628); the script checks after
#   start-up that no new socket listens on any other address, and stops if one
#   does. Dead upstream ports 18008/18009 must have nothing listening.
# * Every request loop is bounded; every curl is run under `timeout`.
# * All servers it starts are stopped on exit (also on error / Ctrl-C).
# * Idempotent: the runtime dir /tmp/api-triage-corpus is recreated on each
#   run (and removed after a good one); tests/fixtures/evidence/*.txt and
#   labels.toml are regenerated, and only replaced when every capture showed
#   the status its label expects (else the runtime dir is kept to inspect).
# * Takes about 35 s once the packages are installed (the slow-upstream
#   cases wait out 2 s proxy timeouts).
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence"
RUN=/tmp/api-triage-corpus
STAGE="$RUN/evidence"
CONF="$HERE/conf"
START_TIME=$SECONDS

if [[ -x /usr/bin/python3 ]]; then PY=/usr/bin/python3; else PY=$(command -v python3); fi

# curl must talk straight to our servers: no proxy from the environment, no rc
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
# package -> binary that proves it is there
declare -A BIN=([nginx]=nginx [haproxy]=haproxy [varnish]=varnishd [apache2]=apache2
                [caddy]=caddy [squid]=squid [libapache2-mod-security2]=)
PACKAGES=(nginx haproxy varnish apache2 caddy squid libapache2-mod-security2)
declare -A SKIPPED=()

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

install_packages() {
    local missing=() p cand ok=() created_policy=0
    for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
    for p in "${PACKAGES[@]}"; do
        installed "$p" && log "$p $(dpkg-query -W -f='${Version}' "$p") installed"
    done
    ((${#missing[@]})) || return 0
    if [[ ${CORPUS_SKIP_INSTALL:-0} == 1 || $(id -u) != 0 ]]; then
        log "not installing (${missing[*]}): CORPUS_SKIP_INSTALL=1 or not root"
        for p in "${missing[@]}"; do SKIPPED[$p]="not installed"; done
        return
    fi
    log "apt-get update (once)"
    apt-get update -qq >"$RUN/logs/apt-update.log" 2>&1 || log "apt-get update failed; using the old lists"
    for p in "${missing[@]}"; do
        cand=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ {print $2}')
        if [[ -z $cand || $cand == "(none)" ]]; then
            log "SKIP $p: no candidate in apt-cache policy"
            SKIPPED[$p]="not available from the package mirror"
        else
            log "$p: candidate $cand"
            ok+=("$p")
        fi
    done
    ((${#ok[@]})) || return
    # keep Debian from starting the packaged services (ports 80, 6081, 3128 ...)
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        created_policy=1
    fi
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${ok[@]}" \
            >"$RUN/logs/apt-install.log" 2>&1; then
        for p in "${ok[@]}"; do   # one by one, so one broken package skips only itself
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$p" \
                >>"$RUN/logs/apt-install.log" 2>&1 || SKIPPED[$p]="apt-get install failed"
        done
    fi
    ((created_policy)) && rm -f /usr/sbin/policy-rc.d
    return 0
}

have() {  # have PACKAGE: installed and its binary present
    [[ -z ${SKIPPED[$1]:-} ]] && installed "$1" && { [[ -z ${BIN[$1]} ]] || command -v "${BIN[$1]}" >/dev/null; }
}

# -------------------------------------------------------------- processes --
PIDS=()      # pids of every server this run started (direct children)
NAMES=()

start_bg() {  # start_bg NAME CMD... ; output to $RUN/logs/NAME.log
    local name=$1; shift
    "$@" >"$RUN/logs/$name.log" 2>&1 &
    PIDS+=($!); NAMES+=("$name")
    echo $! >"$RUN/pids/$name.pid"
}

ours() {  # is pid $1 a server of this corpus? (a known program, run with our files)
    local cmd argv0
    [[ -r /proc/$1/cmdline ]] || return 1
    cmd=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
    argv0=${cmd%% *}; argv0=${argv0##*/}
    case $argv0 in
        nginx|apache2|haproxy|varnishd|caddy|squid|env|python3*) ;;
        *) return 1 ;;
    esac
    [[ $cmd == *"$RUN/"* || $cmd == *"$HERE/upstream.py"* ]]
}

stop_pid() {
    local pid=$1 i
    kill -TERM "$pid" 2>/dev/null || return 0
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
}

stop_all() {
    local i pid
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[$i]}"; done
    wait 2>/dev/null
    PIDS=()
    # report (never kill) anything still running with our config files
    for pid in $(ls /proc | grep -E '^[0-9]+$'); do
        [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
        if ours "$pid"; then
            log "WARNING: pid $pid still running: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
        fi
    done
}

stop_stale() {  # servers an earlier run left (killed hard): only the pids it recorded
    local f pid
    for f in "$RUN"/pids/*.pid; do
        [[ -e $f ]] || continue
        pid=$(cat "$f")
        if [[ $pid =~ ^[0-9]+$ ]] && ours "$pid"; then
            log "stopping stale pid $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
            stop_pid "$pid"
        fi
    done
}

listening() { ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; }

wait_port() {  # wait_port PORT NAME: bounded wait (10 s)
    local i
    for i in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    log "$2 did not open 127.0.0.1:$1; its log:"
    tail -n 20 "$RUN/logs/$2.log" >&2
    return 1
}

sockets() { ss -ltunH 2>/dev/null | awk '{print $1, $5}' | sort -u; }

# ---------------------------------------------------------------- capture --
COUNT=0
MISMATCH=0

shquote() {
    if [[ $1 =~ ^[A-Za-z0-9_./:@=,+%-]+$ ]]; then printf '%s' "$1"
    else printf "'%s'" "${1//\'/\'\\\'\'}"; fi
}

# cap FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
cap() {
    local file=$1 status=$2 layer=$3 product=$4 scenario=$5 note=$6 a
    shift 7
    local dest="$STAGE/$file"
    {
        printf '$ curl'
        for a in "$@"; do printf ' %s' "$(shquote "$a")"; done
        printf '\n'
    } >"$dest"
    (cd "$RUN/work" && HOME="$RUN/work" CURL_HOME="$RUN/work" XDG_CONFIG_HOME="$RUN/work" \
        timeout 20 curl "$@") >>"$dest" 2>&1
    if ! "$PY" "$HERE/finish_capture.py" "$dest" "$STAGE/labels.toml" "$status" "$layer" \
            "$product" "$scenario" "$note"; then
        MISMATCH=$((MISMATCH + 1))
    fi
    COUNT=$((COUNT + 1))
}

quiet() {  # a warm-up request whose answer is not kept
    (cd "$RUN/work" && HOME="$RUN/work" CURL_HOME="$RUN/work" \
        timeout 10 curl -s -o /dev/null "$@") || true
}

render() {  # render TEMPLATE DEST: substitute @RUN@ (and extra sed args)
    local src=$1 dest=$2; shift 2
    sed -e "s|@RUN@|$RUN|g" "$@" "$src" >"$dest"
}

# ------------------------------------------------------------------- main --
[[ -d $HERE/conf ]] || die "missing $HERE/conf"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work,evidence}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages

for p in 18000 18001 18002 18003 18008 18009 18100 18101 18143 18200 18300 18400 18401 \
         18500 18543 18580 18600 18628; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# shared files
printf '{"items": [%s{"sku": "last", "qty": 1}]}\n' \
    "$(for i in $(seq 1 125); do printf '{"sku": "SKU-%05d", "qty": 1}, ' "$i"; done)" \
    >"$RUN/work/big-order.json"     # ~4 KB request body
printf 'Cookie: session=%s\n' "$(head -c 1500 /dev/zero | tr '\0' 'x')" >"$RUN/work/big-cookie.txt"
if command -v htpasswd >/dev/null; then
    htpasswd -bc "$RUN/htpasswd" admin s3cret 2>/dev/null
else
    printf 'admin:%s\n' "$(openssl passwd -apr1 s3cret)" >"$RUN/htpasswd"
fi
chmod 644 "$RUN/htpasswd"

# ---- upstreams (Python stdlib) --------------------------------------------
start_bg up-api      "$PY" "$HERE/upstream.py" api 18000
start_bg up-slow     "$PY" "$HERE/upstream.py" slow 18001
start_bg up-truncate "$PY" "$HERE/upstream.py" truncate 18002
start_bg up-auth     "$PY" "$HERE/upstream.py" auth 18003
for p in 18000 18001 18002 18003; do wait_port $p up-api || die "upstream on $p failed"; done

# ---- servers ----------------------------------------------------------------
HAVE_NGINX=0 HAVE_NGINX_TLS=0 HAVE_APACHE=0 HAVE_WAF=0 HAVE_HAPROXY=0 HAVE_VARNISH=0 HAVE_CADDY=0 HAVE_SQUID=0

if have nginx; then
    mkdir -p "$RUN"/nginx/{tmp,html,conf.d}
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    cp "$CONF/maintenance.html" "$RUN/nginx/html/maintenance.html"
    cp "$CONF/nginx-50x.html" "$RUN/nginx/html/50x.html"
    if command -v openssl >/dev/null && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
            -nodes -days 7 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
            -keyout "$RUN/nginx/tls.key" -out "$RUN/nginx/tls.crt" >/dev/null 2>&1; then
        render "$CONF/nginx-tls.conf" "$RUN/nginx/conf.d/tls.conf"
        HAVE_NGINX_TLS=1
    fi
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 18100 nginx && HAVE_NGINX=1
    else
        log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2
    fi
else log "SKIP nginx: ${SKIPPED[nginx]:-not installed}"; fi

if have apache2; then
    mkdir -p "$RUN"/apache/htdocs
    waf='s|@WAF@|# |'
    if have libapache2-mod-security2 && [[ -e /usr/lib/apache2/modules/mod_security2.so ]]; then
        waf='s|@WAF@||'; HAVE_WAF=1
    fi
    render "$CONF/apache.conf" "$RUN/apache/httpd.conf" -e "$waf"
    cp "$CONF/maintenance.html" "$RUN/apache/htdocs/maintenance.html"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/httpd.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        start_bg apache apache2 -f "$RUN/apache/httpd.conf" -DFOREGROUND
        wait_port 18200 apache && HAVE_APACHE=1
    else
        log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; HAVE_WAF=0
    fi
else log "SKIP apache: ${SKIPPED[apache2]:-not installed}"; fi

if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    cp "$CONF/maintenance.html" "$RUN/haproxy/maintenance.html"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 18400 haproxy && HAVE_HAPROXY=1
else log "SKIP haproxy: ${SKIPPED[haproxy]:-not installed}"; fi

if have varnish; then
    mkdir -p "$RUN/varnish"
    render "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:18300 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 18300 varnish && HAVE_VARNISH=1
else log "SKIP varnish: ${SKIPPED[varnish]:-not installed}"; fi

if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    hash=$(caddy hash-password --plaintext s3cret 2>/dev/null)
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s|@ADMIN_HASH@|$hash|"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 18500 caddy && wait_port 18543 caddy && HAVE_CADDY=1
else log "SKIP caddy: ${SKIPPED[caddy]:-not installed}"; fi

if have squid; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || chmod 777 "$RUN/squid"
    if squid -k parse -f "$RUN/squid/squid.conf" >"$RUN/logs/squid-parse.log" 2>&1; then
        start_bg squid squid -N -f "$RUN/squid/squid.conf"
        wait_port 18600 squid && wait_port 18628 squid && HAVE_SQUID=1
    else
        log "SKIP squid: config parse failed"; cat "$RUN/logs/squid-parse.log" >&2
    fi
else log "SKIP squid: ${SKIPPED[squid]:-not installed}"; fi

# loopback only: no new listening socket anywhere else
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^127\.0\.0\.1:/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: nginx=$HAVE_NGINX(tls=$HAVE_NGINX_TLS) apache=$HAVE_APACHE(waf=$HAVE_WAF) haproxy=$HAVE_HAPROXY varnish=$HAVE_VARNISH caddy=$HAVE_CADDY squid=$HAVE_SQUID"

cat >"$STAGE/labels.toml" <<'EOF'
# Evidence corpus: real responses captured by scripts/corpus/capture.sh from
# real servers on 127.0.0.1, one response per file. Generated; do not edit by
# hand — change capture.sh and re-run it.
#
# status   the final HTTP status the client received (0 = no HTTP response)
# layer    who GENERATED the response (truth from the setup, not from headers):
#          app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product  the software that generated it (python-http.server for the app)
# A file name starts with the server the request was SENT to (app- = straight
# to the app); its label says who generated the answer, which differs for
# pass-through and chain cases.
EOF

A=http://127.0.0.1:18000
# ---- the app, no proxy ------------------------------------------------------
log "capturing: app (direct)"
cap app-200-direct-health.txt 200 app python-http.server "healthy request, no proxy" \
    "baseline 200 JSON with x-request-id, Server: BaseHTTP/Python" -- -sv $A/api/health
cap app-400-direct-invalid-json.txt 400 app python-http.server "malformed JSON body, no proxy" \
    "app's JSON error body with request_id and x-request-id header" \
    -- -sv -X POST -H 'Content-Type: application/json' -d '{"email": ' $A/api/users
cap app-404-direct-unknown-user.txt 404 app python-http.server "unknown resource, no proxy" \
    "app's JSON 404 (user_not_found) with x-request-id" -- -sv $A/api/users/999
cap app-422-direct-validation.txt 422 app python-http.server "validation failure, no proxy" \
    "curl -si; JSON 422 with field errors and x-request-id" \
    -- -si -X POST -H 'Content-Type: application/json' -d '{"name": "Ada"}' $A/api/users
cap app-500-direct-internal-error.txt 500 app python-http.server "app crashes, no proxy" \
    "app's JSON 500 (internal_error) with x-request-id" -- -sv $A/api/boom
cap app-500-direct-html-error.txt 500 app python-http.server "app's own HTML error page, no proxy" \
    "curl -si; HTML body that looks like a proxy page but has x-request-id and Server: BaseHTTP" \
    -- -si $A/api/html-error
cap app-401-direct-bearer-required.txt 401 app python-http.server "missing token, app-level auth" \
    "WWW-Authenticate: Bearer from the app itself, JSON body, x-request-id" -- -sv $A/api/private
cap app-429-direct-rate-limited.txt 429 app python-http.server "app-level rate limit" \
    "JSON 429 with Retry-After and x-request-id; the app, not a proxy, limited" -- -sv $A/api/limited
cap app-503-direct-maintenance.txt 503 app python-http.server "app in maintenance mode" \
    "JSON 503 with Retry-After and x-request-id" -- -sv $A/api/maintenance
cap app-501-direct-unsupported-method.txt 501 app python-http.server "method the framework does not handle" \
    "python http.server's built-in HTML error page (send_error), no x-request-id, Connection: close" \
    -- -sv -X PATCH $A/api/users/42
cap app-000-direct-empty-reply.txt 0 app python-http.server "upstream closes the connection without answering" \
    "no HTTP response at all: curl 'Empty reply from server'" -- -sv http://127.0.0.1:18002/empty
cap app-200-direct-truncated-body.txt 200 app python-http.server "app dies mid-body" \
    "200 headers then connection closed: 'transfer closed with N bytes remaining'" \
    -- -sv http://127.0.0.1:18002/partial

# ---- nginx ------------------------------------------------------------------
if ((HAVE_NGINX)); then
    log "capturing: nginx"
    N=http://127.0.0.1:18100
    cap nginx-502-dead-upstream.txt 502 proxy nginx "upstream port closed" \
        "nginx default HTML error page, Server: nginx, no x-request-id" -- -sv $N/dead/users/42
    cap nginx-504-slow-upstream.txt 504 proxy nginx "upstream slower than proxy_read_timeout 2s" \
        "nginx default 504 Gateway Time-out page after ~2 s" -- -sv $N/slow/report
    cap nginx-502-upstream-empty-reply.txt 502 proxy nginx "upstream closes without a response" \
        "nginx 502 page; error log says upstream prematurely closed connection" -- -sv $N/flaky/empty
    cap nginx-200-upstream-truncated-body.txt 200 app python-http.server "app dies mid-body behind nginx" \
        "status and x-request-id are the app's; nginx relays then cuts the body" -- -sv $N/flaky/partial
    quiet $N/limited/users/42
    cap nginx-503-rate-limited.txt 503 proxy nginx "nginx limit_req with default limit_req_status" \
        "second request within a minute; nginx 503 page, indistinguishable from other nginx 503s" \
        -- -sv $N/limited/users/42
    quiet $N/limited429/users/42
    cap nginx-429-rate-limited.txt 429 proxy nginx "nginx limit_req with limit_req_status 429" \
        "nginx 429 Too Many Requests page, no Retry-After" -- -sv $N/limited429/users/42
    cap nginx-413-body-too-large.txt 413 proxy nginx "client_max_body_size 1k, 4 KB body" \
        "nginx 413 Request Entity Too Large page; request never reached the app" \
        -- -sv -X POST -H 'Content-Type: application/json' --data-binary @big-order.json $N/upload/users
    cap nginx-400-header-too-large.txt 400 proxy nginx "1.5 KB cookie over large_client_header_buffers 1k" \
        "nginx 400 Request Header Or Cookie Too Large page" -- -sv -H @big-cookie.txt $N/api/users/42
    cap nginx-401-basic-auth.txt 401 identity nginx "auth_basic, no credentials" \
        "nginx 401 page with WWW-Authenticate: Basic realm=\"Admin area\"" -- -sv $N/admin/users/42
    cap nginx-403-deny-all.txt 403 proxy nginx "location with deny all" \
        "nginx 403 Forbidden page" -- -sv $N/internal/users/42
    cap nginx-503-maintenance.txt 503 proxy nginx "maintenance: return 503 + error_page" \
        "custom maintenance HTML, Retry-After: 300, Server: nginx" -- -sv $N/maint/users/42
    cap nginx-404-unrouted.txt 404 proxy nginx "path no location proxies" \
        "nginx 404 Not Found page, no x-request-id" -- -sv $N/v2/users/42
    cap nginx-404-app-passthrough.txt 404 app python-http.server "app 404 through nginx" \
        "JSON 404 with x-request-id; Server header rewritten to nginx" -- -sv $N/api/users/999
    cap nginx-500-app-passthrough.txt 500 app python-http.server "app 500 through nginx" \
        "JSON 500 with x-request-id; Server: nginx, but the app generated it" -- -sv $N/api/boom
    cap nginx-500-app-html-passthrough.txt 500 app python-http.server "app's HTML 500 through nginx" \
        "curl -si; HTML error page + Server: nginx, yet the app wrote it (x-request-id)" -- -si $N/api/html-error
    cap nginx-500-intercepted-app-error.txt 500 proxy nginx "proxy_intercept_errors replaces the app's 500" \
        "the app failed first, but nginx generated this body (its error_page); no x-request-id" \
        -- -sv $N/intercept/boom
    cap nginx-401-app-passthrough.txt 401 app python-http.server "app bearer auth through nginx" \
        "curl -si; WWW-Authenticate: Bearer and JSON from the app, x-request-id" -- -si $N/api/private
    cap nginx-422-app-passthrough.txt 422 app python-http.server "app validation error through nginx" \
        "curl -si; JSON 422 with x-request-id" \
        -- -si -X POST -H 'Content-Type: application/json' -d '{"name": "Ada"}' $N/api/users
    cap nginx-401-auth-request-no-token.txt 401 identity nginx "auth_request: identity service says 401" \
        "nginx's own 401 page, WWW-Authenticate: Bearer realm=\"corp-sso\" copied from the auth service" \
        -- -sv $N/sso/users/42
    cap nginx-403-auth-request-bad-token.txt 403 identity nginx "auth_request: identity service says 403" \
        "nginx's own 403 page; the decision came from the auth subrequest" \
        -- -sv -H 'Authorization: Bearer bad' $N/sso/users/42
    if ((HAVE_NGINX_TLS)); then
        cap nginx-502-h2-dead-upstream.txt 502 proxy nginx "HTTP/2 over TLS, upstream port closed" \
            "curl --http2 -k; TLS handshake + h2 framing, nginx 502 page" \
            -- -sv --http2 -k https://127.0.0.1:18143/orders/7
        cap nginx-404-h2-app-passthrough.txt 404 app python-http.server "HTTP/2 over TLS, app 404" \
            "curl -si --http2; HTTP/2 status line, lower-case headers, app JSON + x-request-id" \
            -- -si --http2 -k https://127.0.0.1:18143/api/users/999
    fi
fi

# ---- Apache httpd -----------------------------------------------------------
if ((HAVE_APACHE)); then
    log "capturing: apache"
    P=http://127.0.0.1:18200
    cap apache-503-dead-upstream.txt 503 proxy apache "mod_proxy, upstream port closed" \
        "Apache 503 Service Unavailable page (mod_proxy answers 503, not 502, on connection refused)" \
        -- -sv $P/dead/users/42
    cap apache-502-slow-upstream.txt 502 proxy apache "mod_proxy timeout=2 with slow upstream" \
        "Apache answers the read timeout with 502 Proxy Error 'Error reading from remote server' (error log AH01102 timeout), not 504" \
        -- -sv $P/slow/report
    cap apache-502-upstream-empty-reply.txt 502 proxy apache "upstream closes without a response" \
        "Apache 502 Proxy Error page" -- -sv $P/flaky/empty
    cap apache-413-body-too-large.txt 413 proxy apache "LimitRequestBody 1024, 4 KB body" \
        "Apache 413 Request Entity Too Large page (LimitRequestBody does not apply to mod_proxy requests, so this path is served by Apache itself)" \
        -- -sv -X POST -H 'Content-Type: application/json' --data-binary @big-order.json $P/upload/users
    cap apache-401-basic-auth-wrong-password.txt 401 identity apache "AuthType Basic, wrong password" \
        "Apache 401 Unauthorized page with WWW-Authenticate: Basic realm=\"Admin area\"" \
        -- -sv -u admin:wrong $P/admin/users/42
    cap apache-403-require-all-denied.txt 403 proxy apache "Require all denied" \
        "Apache 403 Forbidden page" -- -sv $P/internal/users/42
    cap apache-503-maintenance.txt 503 proxy apache "maintenance: RewriteRule [R=503] + ErrorDocument" \
        "custom maintenance HTML, Retry-After: 300, Server: Apache" -- -sv $P/maint/users/42
    cap apache-404-unrouted.txt 404 proxy apache "path not proxied (DocumentRoot lookup)" \
        "Apache 404 Not Found page" -- -sv $P/v2/users/42
    cap apache-500-app-passthrough.txt 500 app python-http.server "app 500 through Apache" \
        "JSON 500 with x-request-id; Server: BaseHTTP passed through by mod_proxy" -- -sv $P/api/boom
    cap apache-404-app-passthrough.txt 404 app python-http.server "app 404 through Apache" \
        "curl -si; JSON 404 with x-request-id" -- -si $P/api/users/999
    if ((HAVE_WAF)); then
        cap apache-413-waf-modsecurity-body-limit.txt 413 waf apache "ModSecurity SecRequestBodyLimit 1024 on a proxied path" \
            "ModSecurity rejects the 4 KB body; Apache's plain 413 page, nothing says WAF; the app never saw it" \
            -- -sv -X POST -H 'Content-Type: application/json' --data-binary @big-order.json $P/guarded/users
        cap apache-403-waf-modsecurity.txt 403 waf apache "ModSecurity rule blocks an XSS probe" \
            "ModSecurity 2 in Apache; body is Apache's plain 403 page, nothing says WAF" \
            -- -sv "$P/api/users/42?q=%3Cscript%3Ealert(1)%3C/script%3E"
    fi
fi

# ---- HAProxy ----------------------------------------------------------------
if ((HAVE_HAPROXY)); then
    log "capturing: haproxy"
    H=http://127.0.0.1:18400
    sleep 1   # let the health checks mark the dead servers DOWN
    cap haproxy-503-dead-upstream.txt 503 load-balancer haproxy "all servers of the backend DOWN" \
        "HAProxy 503 'No server is available to handle this request.', no Server header" \
        -- -sv $H/dead/users/42
    cap haproxy-504-slow-upstream.txt 504 load-balancer haproxy "timeout server 2s with slow upstream" \
        "HAProxy 504 Gateway Time-out" -- -sv $H/slow/report
    cap haproxy-502-upstream-empty-reply.txt 502 load-balancer haproxy "upstream closes without a response" \
        "HAProxy 502 Bad Gateway 'The server returned an invalid or incomplete response.'" \
        -- -sv $H/flaky/empty
    cap haproxy-502-upstream-invalid-response.txt 502 load-balancer haproxy "upstream answers with non-HTTP bytes" \
        "HAProxy 502 Bad Gateway; the same page as an empty reply" -- -sv $H/flaky/garbage
    for i in 1 2 3; do quiet $H/limited/users/42; done
    cap haproxy-429-rate-limited.txt 429 load-balancer haproxy "stick-table rate > 2 / 10 s, deny_status 429" \
        "HAProxy 429 Too Many Requests page" -- -sv $H/limited/users/42
    cap haproxy-403-deny.txt 403 load-balancer haproxy "http-request deny" \
        "HAProxy 403 Forbidden 'Request forbidden by administrative rules.'" -- -sv $H/internal/users/42
    cap haproxy-503-maintenance.txt 503 load-balancer haproxy "maintenance via http-request return" \
        "custom maintenance HTML, Retry-After: 300, no Server header" -- -sv $H/maint/users/42
    cap haproxy-503-no-backend.txt 503 load-balancer haproxy "no use_backend matches the path" \
        "same 503 body as a dead backend: nothing routed, not an app failure" -- -sv $H/v2/users/42
    cap haproxy-500-app-passthrough.txt 500 app python-http.server "app 500 through HAProxy" \
        "JSON 500 with x-request-id; headers untouched" -- -sv $H/api/boom
    cap haproxy-404-app-passthrough.txt 404 app python-http.server "app 404 through HAProxy" \
        "curl -si; JSON 404 with x-request-id" -- -si $H/api/users/999
fi

# ---- Varnish ----------------------------------------------------------------
if ((HAVE_VARNISH)); then
    log "capturing: varnish"
    V=http://127.0.0.1:18300
    cap varnish-503-dead-upstream.txt 503 cdn-cache varnish "backend port closed" \
        "Varnish 'Backend fetch failed' guru meditation page with XID, Via: varnish" -- -sv $V/dead/users/42
    cap varnish-503-slow-upstream.txt 503 cdn-cache varnish "first_byte_timeout 2s with slow backend" \
        "Varnish answers a timeout with 503 Backend fetch failed, not 504" -- -sv $V/slow/report
    cap varnish-503-upstream-empty-reply.txt 503 cdn-cache varnish "backend closes without a response" \
        "guru meditation 503 Backend fetch failed" -- -sv $V/flaky/empty
    cap varnish-403-synth-deny.txt 403 cdn-cache varnish "vcl_recv return (synth(403))" \
        "guru meditation page with status 403 Forbidden" -- -sv $V/internal/users/42
    cap varnish-503-maintenance.txt 503 cdn-cache varnish "synthetic maintenance page from VCL" \
        "custom HTML from vcl_synth, Retry-After: 300, X-Varnish + Via" -- -sv $V/maint/users/42
    cap varnish-500-app-passthrough.txt 500 app python-http.server "app 500 through Varnish" \
        "JSON 500 with x-request-id, plus X-Varnish, Via and Age: 0 from the cache" -- -sv $V/api/boom
    cap varnish-404-app-miss.txt 404 app python-http.server "app 404 through Varnish (cache miss)" \
        "JSON 404 with x-request-id, Age: 0" -- -sv $V/api/users/999
    sleep 1
    cap varnish-404-app-cached-hit.txt 404 app python-http.server "app 404 served from Varnish cache (hit)" \
        "curl -si; the app's 404 from cache: Age > 0, two XIDs in X-Varnish, same x-request-id as the miss" \
        -- -si $V/api/users/999
    if ((HAVE_NGINX)); then
        cap varnish-502-chain-nginx-dead-upstream.txt 502 proxy nginx "chain: varnish -> nginx -> dead port" \
            "nginx's 502 page relayed by Varnish (Server: nginx, Via: varnish): nginx generated it" \
            -- -sv $V/chain/users/42
    fi
fi

# ---- Caddy ------------------------------------------------------------------
if ((HAVE_CADDY)); then
    log "capturing: caddy"
    C=http://127.0.0.1:18500
    cap caddy-502-dead-upstream.txt 502 proxy caddy "reverse_proxy, upstream port closed" \
        "Caddy 502 with an empty body, Server: Caddy" -- -sv $C/dead/users/42
    cap caddy-504-slow-upstream.txt 504 proxy caddy "response_header_timeout 2s with slow upstream" \
        "Caddy 504 with an empty body" -- -sv $C/slow/report
    cap caddy-502-upstream-empty-reply.txt 502 proxy caddy "upstream closes without a response" \
        "Caddy 502 with an empty body" -- -sv $C/flaky/empty
    cap caddy-403-respond-deny.txt 403 proxy caddy "respond \"Access denied\" 403" \
        "plain-text body from a Caddyfile respond directive, Server: Caddy" -- -sv $C/internal/users/42
    cap caddy-401-basicauth.txt 401 identity caddy "basicauth, no credentials" \
        "Caddy 401 with WWW-Authenticate: Basic realm=\"restricted\", empty body" -- -sv $C/admin/users/42
    cap caddy-404-unrouted.txt 404 proxy caddy "catch-all handle with error 404" \
        "Caddy 404 with an empty body" -- -sv $C/v2/users/42
    cap caddy-500-app-passthrough.txt 500 app python-http.server "app 500 through Caddy" \
        "JSON 500 with x-request-id; Server: Caddy added next to the app's Server" -- -sv $C/api/boom
    cap caddy-404-app-passthrough.txt 404 app python-http.server "app 404 through Caddy" \
        "curl -si; JSON 404 with x-request-id" -- -si $C/api/users/999
    if ((HAVE_HAPROXY)); then
        cap caddy-503-chain-haproxy-dead-upstream.txt 503 load-balancer haproxy "chain: caddy -> haproxy -> dead servers" \
            "HAProxy's 503 page relayed by Caddy (Server: Caddy): HAProxy generated it" \
            -- -sv $C/chain/users/42
    fi
    cap caddy-500-h2-app-passthrough.txt 500 app python-http.server "HTTP/2 over TLS (caddy tls internal), app 500" \
        "curl --http2 -k; h2 framing, app JSON + x-request-id" \
        -- -sv --http2 -k https://127.0.0.1:18543/h2/api/boom
fi

# ---- Squid ------------------------------------------------------------------
if ((HAVE_SQUID)); then
    log "capturing: squid"
    S=http://127.0.0.1:18600
    cap squid-502-dead-upstream.txt 502 cdn-cache squid "accelerator, cache_peer port closed" \
        "Squid ERR_READ_ERROR page (X-Squid-Error: ERR_READ_ERROR 0): the startup probe failed, so Squid found no path to the peer" \
        -- -sv $S/dead/users/42
    cap squid-504-slow-upstream.txt 504 cdn-cache squid "read_timeout 2 s with slow cache_peer" \
        "Squid ERR_READ_TIMEOUT page" -- -sv $S/slow/report
    cap squid-502-upstream-empty-reply.txt 502 cdn-cache squid "cache_peer closes without a response" \
        "Squid ERR_ZERO_SIZE_OBJECT page" -- -sv $S/flaky/empty
    cap squid-403-access-denied.txt 403 cdn-cache squid "http_access deny (urlpath ACL)" \
        "Squid ERR_ACCESS_DENIED page" -- -sv $S/internal/users/42
    cap squid-500-app-passthrough.txt 500 app python-http.server "app 500 through Squid" \
        "JSON 500 with x-request-id plus Via / X-Cache: MISS from squid-corpus" -- -sv $S/api/boom
    cap squid-404-app-passthrough.txt 404 app python-http.server "app 404 through Squid" \
        "curl -si; JSON 404 with x-request-id, X-Cache headers" -- -si $S/api/users/999
    cap squid-503-forward-connect-fail.txt 503 proxy squid "forward proxy (curl -x), origin port closed" \
        "Squid ERR_CONNECT_FAIL page via a forward proxy" \
        -- -sv -x http://127.0.0.1:18628 http://127.0.0.1:18009/api/orders
    cap squid-403-forward-access-denied.txt 403 proxy squid "forward proxy (curl -x), ACL deny" \
        "Squid ERR_ACCESS_DENIED page via a forward proxy" \
        -- -sv -x http://127.0.0.1:18628 http://127.0.0.1:18000/internal/users/42
fi

log "stopping servers"
stop_all
trap - EXIT

for p in "${PACKAGES[@]}"; do
    [[ -n ${SKIPPED[$p]:-} ]] && log "NOT CAPTURED: $p (${SKIPPED[$p]})"
done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
