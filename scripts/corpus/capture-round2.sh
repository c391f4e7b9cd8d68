#!/usr/bin/env bash
# capture-round2.sh — build the held-out evidence corpus in
# tests/fixtures/evidence-round2/ (issue 15: "measured as generalization").
#
# Setups unlike round 1 (capture.sh): proxies that stamp their own request id
# on everything, errors with empty bodies, JSON errors made by proxies, caches
# that answer by themselves (304, stale hits), Via on responses the cache did
# not make, HTTP/2 (h2c and TLS), servers round 1 never saw (lighttpd, h2o,
# Apache Traffic Server; gunicorn, waitress, uvicorn, hypercorn, tornado,
# aiohttp running Flask / Django / FastAPI apps), body-only and headers-only
# pastes, and a few HTTPie transcripts with colours.
#
#   scripts/corpus/capture-round2.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round2.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round2.sh       # keep configs + logs in the runtime dir
#
# Same rules as round 1: every server binds 127.0.0.1 (ports 19000-19999) and
# the script stops if a new socket listens anywhere else; every curl runs
# under `timeout`; every loop is bounded; every server it started is stopped
# on exit. Debian packages come from apt (with a policy-rc.d so nothing starts
# on its default port); Python frameworks from PyPI into a venv
# ($CORPUS_VENV, default /tmp/api-triage-corpus2-venv), pinned below.
# Takes about 60 s once everything is installed.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round2"
RUN=/tmp/api-triage-corpus2
STAGE="$RUN/evidence"
CONF="$HERE/conf-round2"
VENV=${CORPUS_VENV:-/tmp/api-triage-corpus2-venv}
START_TIME=$SECONDS

if [[ -x /usr/bin/python3 ]]; then PY=/usr/bin/python3; else PY=$(command -v python3); fi
HTTPIE=/usr/bin/http   # Debian's HTTPie, not another one earlier on PATH

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus2 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
declare -A BIN=([nginx]=nginx [haproxy]=haproxy [varnish]=varnishd [apache2]=apache2
                [caddy]=caddy [squid]=squid [lighttpd]=lighttpd [h2o]=h2o
                [trafficserver]=traffic_server [httpie]=http)
PACKAGES=(nginx haproxy varnish apache2 caddy squid lighttpd h2o trafficserver httpie)
PYPI=(gunicorn==27.0.1 waitress==3.0.2 uvicorn==0.55.0 Hypercorn==0.18.0 tornado==6.6.1
      aiohttp==3.14.5 Django==5.2.19 fastapi==0.165.0 Flask==3.1.3)
declare -A SKIPPED=()

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

install_packages() {
    local missing=() p cand ok=() created_policy=0
    for p in "${PACKAGES[@]}"; do
        if installed "$p"; then log "$p $(dpkg-query -W -f='${Version}' "$p") installed"
        else missing+=("$p"); fi
    done
    ((${#missing[@]})) || return 0
    if [[ ${CORPUS_SKIP_INSTALL:-0} == 1 || $(id -u) != 0 ]]; then
        for p in "${missing[@]}"; do SKIPPED[$p]="not installed"; done
        return
    fi
    log "apt-get update (once)"
    apt-get update -qq >"$RUN/logs/apt-update.log" 2>&1 || log "apt-get update failed; using the old lists"
    for p in "${missing[@]}"; do
        cand=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ {print $2}')
        if [[ -z $cand || $cand == "(none)" ]]; then
            log "SKIP $p: no candidate"; SKIPPED[$p]="not available from the package mirror"
        else ok+=("$p"); fi
    done
    ((${#ok[@]})) || return 0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d
        created_policy=1
    fi
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${ok[@]}" \
            >"$RUN/logs/apt-install.log" 2>&1; then
        for p in "${ok[@]}"; do
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$p" \
                >>"$RUN/logs/apt-install.log" 2>&1 || SKIPPED[$p]="apt-get install failed"
        done
    fi
    ((created_policy)) && rm -f /usr/sbin/policy-rc.d
    return 0
}

install_venv() {  # the Python app servers and frameworks, from PyPI
    if [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c \
            'import gunicorn, waitress, uvicorn, hypercorn, tornado, aiohttp, django, fastapi, flask' 2>/dev/null; then
        return 0
    fi
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[pypi]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >"$RUN/logs/venv.log" 2>&1 || "$(command -v python3)" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 \
        || { SKIPPED[pypi]="python3 -m venv failed"; return 0; }
    timeout 300 "$VENV/bin/pip" install -q "${PYPI[@]}" >"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[pypi]="pip install failed (see logs/pip.log)"
}

have() {
    [[ -z ${SKIPPED[$1]:-} ]] && installed "$1" && command -v "${BIN[$1]}" >/dev/null
}
have_py() { [[ -z ${SKIPPED[pypi]:-} && -x $VENV/bin/python ]]; }

# -------------------------------------------------------------- processes --
PIDS=()

start_bg() {  # start_bg NAME CMD... ; output to $RUN/logs/NAME.log, run in $HERE
    local name=$1; shift
    (cd "$HERE" && exec "$@") >"$RUN/logs/$name.log" 2>&1 &
    PIDS+=($!)
    echo $! >"$RUN/pids/$name.pid"
}

ours() {  # a server of this corpus: a known program run with our files
    local cmd argv0
    [[ -r /proc/$1/cmdline ]] || return 1
    cmd=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
    argv0=${cmd%% *}; argv0=${argv0##*/}
    case $argv0 in
        nginx|apache2|haproxy|varnishd|caddy|squid|lighttpd|h2o|traffic_server|env|python*|gunicorn*|uvicorn*|hypercorn*|waitress*) ;;
        *) return 1 ;;
    esac
    [[ $cmd == *"$RUN/"* || $cmd == *"$HERE/"* || $cmd == *"apps2:"* ]]
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
    for pid in $(ls /proc | grep -E '^[0-9]+$'); do
        [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
        if ours "$pid"; then
            log "WARNING: pid $pid still running: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
        fi
    done
}

stop_stale() {
    local f pid
    for f in "$RUN"/pids/*.pid; do
        [[ -e $f ]] || continue
        pid=$(cat "$f")
        if [[ $pid =~ ^[0-9]+$ ]] && ours "$pid"; then
            log "stopping stale pid $pid"; stop_pid "$pid"
        fi
    done
}

listening() { ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; }

wait_port() {  # bounded wait (15 s)
    local i
    for i in $(seq 1 150); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    log "$2 did not open 127.0.0.1:$1; its log:"; tail -n 20 "$RUN/logs/$2.log" >&2
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

cmdline() { local a; printf '$'; for a in "$@"; do printf ' %s' "$(shquote "$a")"; done; printf '\n'; }

in_work() { (cd "$RUN/work" && HOME="$RUN/work" CURL_HOME="$RUN/work" XDG_CONFIG_HOME="$RUN/work" \
    HTTPIE_CONFIG_DIR="$RUN/work/httpie" "$@"); }

finish() {  # finish DEST SETUP STATUS LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]
    if ! "$PY" "$HERE/finish_round2.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
        MISMATCH=$((MISMATCH + 1))
    fi
    COUNT=$((COUNT + 1))
}

# cap SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
cap() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl "$@" >"$dest"
    in_work timeout 20 curl "$@" >>"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# capbody SETUP FILE SHOWN/WIRE LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# A body-only paste: `curl -s URL`, nothing but the body. SHOWN is the status
# the body itself shows (0 when it shows none), WIRE the one really sent.
capbody() {
    local setup=$1 file=$2 shown=${3%/*} wire=${3#*/} layer=$4 product=$5 scenario=$6 note=$7 got
    shift 8
    local dest="$STAGE/$file"
    cmdline curl -s "$@" >"$dest"
    in_work timeout 20 curl -s -D "$RUN/work/last-headers" "$@" >>"$dest" 2>/dev/null
    got=$(awk '/^HTTP\// {s=$2} END {print s+0}' "$RUN/work/last-headers" 2>/dev/null)
    if [[ $got != "$wire" ]]; then
        log "MISMATCH $file: expected wire status $wire, got $got"; MISMATCH=$((MISMATCH + 1))
    fi
    finish "$dest" "$setup" "$shown" "$layer" "$product" "$scenario" "$note" body-only "$got"
}

# caphead SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# A headers-only paste (`curl -sI`, a HEAD request, as engineers send it).
caphead() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl -sI "$@" >"$dest"
    in_work timeout 20 curl -sI "$@" >>"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only 0  # no wire field
}

# caphttp SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- HTTPIE-ARGS...
# HTTPie with colours forced on (as it looks when pasted from a terminal).
caphttp() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    have httpie || return 0
    cmdline http "$@" >"$dest"
    in_work timeout 20 "$HTTPIE" --pretty=all --style=monokai --timeout=10 "$@" >>"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

quiet() {
    in_work timeout 10 curl -s -o /dev/null "$@" || true
}

render() {
    local src=$1 dest=$2; shift 2
    sed -e "s|@RUN@|$RUN|g" "$@" "$src" >"$dest"
}

selfsigned() {  # selfsigned DIR: tls.key + tls.crt for 127.0.0.1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7 \
        -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
        -keyout "$1/tls.key" -out "$1/tls.crt" >/dev/null 2>&1
}

# ------------------------------------------------------------------- main --
[[ -d $CONF ]] || die "missing $CONF"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv

PORTS=(19000 19001 19002 19009 19010 19011 19012 19013 19014 19015 19016 19017 19100 19101 19102
       19103 19200 19300 19400 19500 19501 19543 19580 19600 19700 19800 19843 19900)
for p in "${PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

printf '{"items": [%s{"sku": "last", "qty": 1}]}\n' \
    "$(for i in $(seq 1 125); do printf '{"sku": "SKU-%05d", "qty": 1}, ' "$i"; done)" \
    >"$RUN/work/big-order.json"
LONG=$(head -c 1500 /dev/zero | tr '\0' 'a')
printf 'X-Debug-Trace: %s\n' "$LONG" >"$RUN/work/big-header.txt"

# ---- apps -------------------------------------------------------------------
start_bg up-py    "$PY" "$HERE/upstream.py" api 19000
start_bg up-slow  "$PY" "$HERE/upstream.py" slow 19001
start_bg up-flaky "$PY" "$HERE/upstream.py" truncate 19002
HAVE_PY=0
if have_py; then
    B=$VENV/bin
    start_bg flask    "$B/gunicorn" --chdir "$HERE" -b 127.0.0.1:19010 -w 2 'apps2:make_flask()'
    start_bg django   "$B/waitress-serve" --listen=127.0.0.1:19011 --max-request-header-size=1024 \
        --max-request-body-size=1024 --call apps2:django_app
    start_bg fastapi  "$B/uvicorn" --app-dir "$HERE" --host 127.0.0.1 --port 19012 apps2:fastapi_app
    start_bg hypercorn "$B/hypercorn" --access-logfile "$RUN/logs/hypercorn-access.log" \
        -b 127.0.0.1:19013 apps2:fastapi_app
    start_bg tornado  "$B/python" "$HERE/apps2.py" tornado 19014
    start_bg aiohttp  "$B/python" "$HERE/apps2.py" aiohttp 19015
    start_bg cacheapp "$B/gunicorn" --chdir "$HERE" -b 127.0.0.1:19016 -w 1 'apps2:make_flask()'
    start_bg rawwsgi  "$B/gunicorn" --chdir "$HERE" -b 127.0.0.1:19017 -w 1 'apps2:raw_wsgi'
    HAVE_PY=1
    for p in 19010 19011 19012 19013 19014 19015 19016 19017; do wait_port $p app || HAVE_PY=0; done
fi
for p in 19000 19001 19002; do wait_port $p up-py || die "upstream on $p failed"; done
((HAVE_PY)) || die "the Python app servers did not start (${SKIPPED[pypi]:-see logs})"

# ---- servers ----------------------------------------------------------------
declare -A UP=()
if have nginx; then
    mkdir -p "$RUN"/nginx/{tmp,cache,html/static,html/errors}
    echo 'body { color: #333; }' >"$RUN/nginx/html/static/app.css"
    : >"$RUN/nginx/html/errors/empty.html"
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 19103 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/htdocs/errors
    printf '{"error":"maintenance","message":"We are upgrading the orders database.","retry_after":300}\n' \
        >"$RUN/apache/htdocs/errors/maintenance.json"
    render "$CONF/apache.conf" "$RUN/apache/httpd.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/httpd.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        start_bg apache apache2 -f "$RUN/apache/httpd.conf" -DFOREGROUND
        wait_port 19200 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    printf 'HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n{"error":{"code":503,"message":"No healthy upstream"}}\n' \
        >"$RUN/haproxy/503.json.http"
    printf 'HTTP/1.1 504 Gateway Timeout\r\nContent-Type: application/json\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n{"error":{"code":504,"message":"Upstream request timeout"}}\n' \
        >"$RUN/haproxy/504.json.http"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 19400 haproxy && UP[haproxy]=1
fi
if have varnish; then
    mkdir -p "$RUN/varnish"
    render "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:19300 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 19300 varnish && UP[varnish]=1
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 19500 caddy && wait_port 19501 caddy && wait_port 19543 caddy && UP[caddy]=1
fi
if have squid; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || chmod 777 "$RUN/squid"
    if squid -k parse -f "$RUN/squid/squid.conf" >"$RUN/logs/squid-parse.log" 2>&1; then
        start_bg squid squid -N -f "$RUN/squid/squid.conf"
        wait_port 19600 squid && UP[squid]=1
    else log "SKIP squid: config parse failed"; cat "$RUN/logs/squid-parse.log" >&2; fi
fi
if have lighttpd; then
    mkdir -p "$RUN/lighttpd/htdocs"
    render "$CONF/lighttpd.conf" "$RUN/lighttpd/lighttpd.conf"
    chown -R www-data: "$RUN/lighttpd" 2>/dev/null || true
    if lighttpd -tt -f "$RUN/lighttpd/lighttpd.conf" >"$RUN/logs/lighttpd-t.log" 2>&1; then
        start_bg lighttpd lighttpd -D -f "$RUN/lighttpd/lighttpd.conf"
        wait_port 19700 lighttpd && UP[lighttpd]=1
    else log "SKIP lighttpd: config test failed"; cat "$RUN/logs/lighttpd-t.log" >&2; fi
fi
if have h2o && command -v openssl >/dev/null; then
    mkdir -p "$RUN/h2o/htdocs"
    selfsigned "$RUN/h2o"
    render "$CONF/h2o.conf" "$RUN/h2o/h2o.conf"
    chown -R www-data: "$RUN/h2o" 2>/dev/null || true
    start_bg h2o h2o -c "$RUN/h2o/h2o.conf"
    wait_port 19800 h2o && wait_port 19843 h2o && UP[h2o]=1
fi
if have trafficserver; then
    ATSD=$RUN/ats
    mkdir -p "$ATSD"/{etc,cache,log,run}
    cp -r /etc/trafficserver/. "$ATSD/etc/"
    sed -e "s|@RUN@|$RUN|g" "$CONF/ats-records.config" >>"$ATSD/etc/records.config"
    cp "$CONF/ats-remap.config" "$ATSD/etc/remap.config"
    echo "$ATSD/cache 64M" >"$ATSD/etc/storage.config"
    cat >"$ATSD/runroot.yaml" <<YAML
prefix: /usr
exec_prefix: /usr
bindir: /usr/bin
sbindir: /usr/sbin
sysconfdir: $ATSD/etc
datadir: $ATSD/cache
includedir: /usr/include
libdir: /usr/lib/trafficserver
libexecdir: /usr/lib/trafficserver/modules
localstatedir: $ATSD
runtimedir: $ATSD/run
logdir: $ATSD/log
cachedir: $ATSD/cache
YAML
    chown -R trafficserver: "$ATSD" 2>/dev/null || true
    start_bg ats traffic_server --run-root="$ATSD/runroot.yaml"
    wait_port 19900 ats && UP[ats]=1
fi

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^127\.0\.0\.1:/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
sleep 1   # HAProxy health checks mark the dead servers DOWN

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 2 (held out): real responses captured by
# scripts/corpus/capture-round2.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as tests/fixtures/evidence/labels.toml, plus:
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (just the body, `curl -s`) or "headers-only"
#              (`curl -sI`); absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent; `status`
#              is then what the body itself shows (0 when it shows none)
#
# status   the final HTTP status (0 = no HTTP response, or not knowable
#          from a body-only paste)
# layer    who GENERATED the response (truth from the setup, not from
#          headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product  the software that generated it: for app responses the framework
#          or app server that wrote the bytes (flask, django, fastapi,
#          tornado, aiohttp, gunicorn, waitress, uvicorn, python-http.server)
EOF_LABELS

A=http://127.0.0.1
# ============================================================ app servers ==
log "capturing: app servers, direct"
S=gunicorn-flask-direct
cap $S flask-404-direct-abort.txt 404 app flask "Flask abort(404) under gunicorn" \
    "Werkzeug's HTML 404 page, Server: gunicorn, X-Request-ID minted by the app" -- -sv $A:19010/api/users/999
cap $S flask-500-direct-unhandled.txt 500 app flask "unhandled exception in a Flask view" \
    "curl -si; Werkzeug's HTML 500 page, status line in capitals, Server: gunicorn" -- -si $A:19010/api/boom
cap $S flask-503-direct-own-html.txt 503 app flask "the app's own HTML 503 page" \
    "an app page that looks like a proxy's: <title>503 Service Unavailable</title>, Retry-After; Server: gunicorn" \
    -- -sv $A:19010/api/down
cap $S flask-502-direct-own-json.txt 502 app flask "the app answers 502 itself (payment provider failed)" \
    "JSON 502 made by the app, Server: gunicorn, X-Request-ID" -- -sv $A:19010/api/pay
cap $S flask-504-direct-own-html.txt 504 app flask "the app answers 504 itself (reporting backend timed out)" \
    "curl -si; app's HTML 504 page" -- -si $A:19010/api/report
cap $S flask-500-direct-problem-json.txt 500 app flask "RFC 9457 problem details" \
    "application/problem+json with \"status\": 500" -- -sv $A:19010/api/problem
S=gunicorn-raw-wsgi
cap $S gunicorn-500-direct-worker-crash.txt 500 app gunicorn "bare WSGI app raises: gunicorn writes the page" \
    "gunicorn's own HTML 'Internal Server Error' page, no Server header" -- -sv $A:19017/api/orders
cap $S gunicorn-400-direct-bad-header.txt 400 app gunicorn "header name with a space" \
    "gunicorn's own 400 'Invalid HTTP header name'" -- -sv -H 'Bad Header: x' $A:19017/api/health
S=waitress-django-direct
cap $S django-500-direct-unhandled.txt 500 app django "DEBUG=False, view raises" \
    "Django's 'Server Error (500)' page, Server: waitress" -- -sv $A:19011/api/boom
cap $S django-404-direct-unrouted.txt 404 app django "no URL pattern" \
    "curl -si; Django's 'Not Found' page" -- -si $A:19011/api/orders/7/items
cap $S django-403-direct-csrf.txt 403 app django "POST without a CSRF token" \
    "Django's CSRF failure page '403 Forbidden'" -- -sv -X POST -d 'qty=1' $A:19011/api/orders
cap $S django-400-direct-disallowed-host.txt 400 app django "Host header not in ALLOWED_HOSTS" \
    "Django's 'Bad Request (400)' page" -- -sv -H 'Host: orders.internal.example' $A:19011/api/health
cap $S waitress-431-direct-header-too-large.txt 431 app waitress "header over waitress max_request_header_size" \
    "waitress's own plain-text 431 '(generated by waitress)', HTTP/1.0" -- -sv -H @big-header.txt $A:19011/api/health
cap $S waitress-413-direct-body-too-large.txt 413 app waitress "body over waitress max_request_body_size" \
    "waitress's own 413 page" \
    -- -sv -X POST -H 'Content-Type: application/json' --data-binary @big-order.json $A:19011/api/orders
S=uvicorn-fastapi-direct
cap $S fastapi-404-direct-unrouted.txt 404 app fastapi "no route" \
    "{\"detail\":\"Not Found\"}, server: uvicorn (lower-case headers)" -- -sv $A:19012/api/orders/7
cap $S fastapi-422-direct-validation.txt 422 app fastapi "pydantic validation error" \
    "curl -si; FastAPI's 422 detail list" \
    -- -si -X POST -H 'Content-Type: application/json' -d '{"sku": 1}' $A:19012/api/orders
cap $S fastapi-500-direct-unhandled.txt 500 app fastapi "unhandled exception" \
    "Starlette's plain-text 'Internal Server Error', server: uvicorn" -- -sv $A:19012/api/boom
cap $S fastapi-504-direct-own-json.txt 504 app fastapi "HTTPException(504) raised by the app" \
    "JSON {\"detail\": ...} 504 made by the app" -- -sv $A:19012/api/report
cap $S uvicorn-400-direct-bad-header.txt 400 app uvicorn "header name with a space" \
    "uvicorn's own 'Invalid HTTP request received.' (no Server header)" -- -sv -H 'Bad Header: x' $A:19012/api/health
S=hypercorn-fastapi-h2c
cap $S hypercorn-500-h2c-unhandled.txt 500 app fastapi "HTTP/2 cleartext (prior knowledge), app raises" \
    "h2 framing, server: hypercorn-h2, text/plain Internal Server Error" -- -sv --http2-prior-knowledge $A:19013/api/boom
cap $S hypercorn-404-h2c-not-found.txt 404 app fastapi "HTTP/2 cleartext, unknown user" \
    "curl -si; HTTP/2 status line, {\"detail\":\"user not found\"}" -- -si --http2-prior-knowledge $A:19013/api/users/999
S=tornado-direct
cap $S tornado-500-direct-unhandled.txt 500 app tornado "handler raises" \
    "Tornado's '500: Internal Server Error' page, Server: TornadoServer" -- -sv $A:19014/api/boom
cap $S tornado-405-direct-method.txt 405 app tornado "POST to a GET-only handler" \
    "Tornado's '405: Method Not Allowed'" -- -sv -X POST -d '{}' $A:19014/api/users/42
S=aiohttp-direct
cap $S aiohttp-500-direct-unhandled.txt 500 app aiohttp "handler raises" \
    "aiohttp's '500 Internal Server Error / Server got itself in trouble', Server: Python/3.x aiohttp" -- -sv $A:19015/api/boom
cap $S aiohttp-404-direct-unrouted.txt 404 app aiohttp "no route" \
    "curl -si; text/plain '404: Not Found'" -- -si $A:19015/api/orders

# ==================================================== nginx stamps an id ==
if [[ -n ${UP[nginx]:-} ]]; then
    log "capturing: nginx"
    N=$A:19100
    S=nginx-adds-request-id
    cap $S nginx-502-rid-dead-upstream.txt 502 proxy nginx "upstream port closed; add_header X-Request-ID always" \
        "nginx's 502 page WITH an X-Request-ID (nginx's \$request_id)" -- -sv $N/dead/users/42
    cap $S nginx-504-rid-slow-upstream.txt 504 proxy nginx "proxy_read_timeout 2s" \
        "nginx's 504 page with X-Request-ID" -- -sv $N/slow/report
    cap $S nginx-404-rid-unrouted.txt 404 proxy nginx "location / { return 404; }" \
        "curl -si; nginx 404 page with X-Request-ID" -- -si $N/v2/users/42
    cap $S nginx-414-rid-uri-too-long.txt 414 proxy nginx "request line over large_client_header_buffers" \
        "nginx 414 Request-URI Too Large page with X-Request-ID" -- -sv "$N/api/search?q=$LONG"
    cap $S nginx-405-rid-post-static.txt 405 proxy nginx "POST to a static file" \
        "nginx 405 Not Allowed page with X-Request-ID" -- -sv -X POST -d 'x=1' $N/static/app.css
    cap $S nginx-413-rid-body-too-large.txt 413 proxy nginx "client_max_body_size 1k" \
        "nginx 413 page with X-Request-ID" \
        -- -sv -X POST -H 'Content-Type: application/json' --data-binary @big-order.json $N/api/users
    quiet $N/limited/users/42
    cap $S nginx-429-rid-rate-limited.txt 429 proxy nginx "limit_req, limit_req_status 429" \
        "nginx 429 page with X-Request-ID" -- -sv $N/limited/users/42
    cap $S nginx-500-rid-app-passthrough.txt 500 app python-http.server "app 500 through nginx, id from nginx" \
        "JSON 500; the app echoes nginx's id in the body and header" -- -sv $N/api/boom
    cap $S nginx-404-rid-app-passthrough.txt 404 app python-http.server "app 404 through nginx" \
        "curl -si; JSON 404 with nginx's id" -- -si $N/api/users/999
    cap $S nginx-500-rid-flask-passthrough.txt 500 app flask "Flask's HTML 500 through nginx" \
        "an HTML error page with Server: nginx and X-Request-ID; the app wrote it" -- -sv $N/flask/boom
    cap $S nginx-503-rid-flask-own-html.txt 503 app flask "the app's own HTML 503 through nginx" \
        "looks like a proxy page, Server: nginx, yet Flask made it" -- -sv $N/flask/down

    N=$A:19101
    S=nginx-json-gateway
    cap $S nginx-502-json-dead-upstream.txt 502 proxy nginx "error_page 502 503 504 = @gateway_json" \
        "nginx's own JSON body, application/json, no request id" -- -sv $N/dead/users/42
    cap $S nginx-502-json-slow-upstream.txt 502 proxy nginx "upstream timed out (504) and the JSON error_page answers 502" \
        "the timeout is reported as a JSON 502 by nginx" -- -sv $N/slow/report
    quiet $N/limited/users/42
    cap $S nginx-429-json-rate-limited.txt 429 proxy nginx "limit_req with a JSON error_page" \
        "JSON 429 with Retry-After, made by nginx" -- -sv $N/limited/users/42
    cap $S nginx-503-json-maintenance.txt 503 proxy nginx "return 503 with a JSON body" \
        "curl -si; JSON maintenance body, Retry-After: 600" -- -si $N/maint/orders
    cap $S nginx-404-json-unrouted.txt 404 proxy nginx "location / returns JSON 404" \
        "{\"error\":\"not_found\"} from nginx" -- -sv $N/v2/orders
    cap $S nginx-502-empty-body-error-page.txt 502 proxy nginx "error_page points at an empty file" \
        "502 with Content-Length: 0; only Server: nginx names it" -- -sv $N/quiet/users/42
    cap $S nginx-000-return-444.txt 0 proxy nginx "return 444: nginx closes without answering" \
        "no HTTP response: 'Empty reply from server'" -- -sv $N/drop/users/42
    cap $S nginx-504-json-fastapi-own-passthrough.txt 504 app fastapi "the app's own JSON 504 through the gateway" \
        "FastAPI HTTPException(504) relayed unchanged; Server: nginx" -- -sv $N/fastapi/report
    cap $S nginx-502-json-fastapi-own-passthrough.txt 502 app fastapi "the app's own JSON 502 through the gateway" \
        "curl -si; app JSON that looks like a gateway's" -- -si $N/fastapi/pay
    cap $S nginx-500-problem-fastapi-passthrough.txt 500 app fastapi "RFC 9457 problem through the gateway" \
        "application/problem+json with status 500" -- -sv $N/fastapi/problem
    caphttp $S nginx-502-json-dead-upstream-httpie.txt 502 proxy nginx "HTTPie -v, JSON gateway error" \
        "HTTPie with colours: nginx's JSON 502" -- -v GET $N/dead/users/42

    N=$A:19103
    S=nginx-h2c
    cap $S nginx-502-h2c-dead-upstream.txt 502 proxy nginx "HTTP/2 cleartext to nginx, upstream closed" \
        "h2 framing, nginx 502 page" -- -sv --http2-prior-knowledge $N/dead/users/42
    cap $S nginx-400-h2c-django-disallowed-host.txt 400 app django "HTTP/2 cleartext; nginx sends Host: django (the upstream name)" \
        "Django rejects the Host nginx forwarded: 'Bad Request (400)' page made by Django, server: nginx" \
        -- -sv --http2-prior-knowledge $N/django/api/boom
    cap $S nginx-404-h2c-unrouted.txt 404 proxy nginx "HTTP/2 cleartext, no location" \
        "curl -si; HTTP/2 404 nginx page" -- -si --http2-prior-knowledge $N/v2/orders
fi

# ============================================ Apache: unique id and Via ==
if [[ -n ${UP[apache]:-} ]]; then
    log "capturing: apache"
    P=$A:19200
    S=apache-unique-id-via
    cap $S apache-503-uid-dead-upstream.txt 503 proxy apache "mod_proxy, upstream refused; mod_unique_id" \
        "Apache 503 page with X-Request-ID from mod_unique_id" -- -sv $P/dead/users/42
    cap $S apache-502-uid-slow-upstream.txt 502 proxy apache "ProxyPass timeout=2" \
        "curl -si; Apache 502 Proxy Error with X-Request-ID" -- -si $P/slow/report
    cap $S apache-403-uid-denied.txt 403 proxy apache "Require all denied" \
        "Apache 403 with X-Request-ID" -- -sv $P/internal/users/42
    cap $S apache-414-uid-uri-too-long.txt 414 proxy apache "LimitRequestLine 1024" \
        "Apache 414; X-Request-ID: (null) since the request was never parsed" -- -sv "$P/api/search?q=$LONG"
    cap $S apache-400-uid-header-too-large.txt 400 proxy apache "LimitRequestFieldSize 1024" \
        "Apache 400 'Size of a request header field exceeds server limit'" -- -sv -H @big-header.txt $P/api/health
    cap $S apache-404-uid-unrouted.txt 404 proxy apache "nothing at that path" \
        "curl -si; Apache 404 with X-Request-ID" -- -si $P/v2/users/42
    cap $S apache-503-json-maintenance.txt 503 proxy apache "RewriteRule [R=503] + a JSON ErrorDocument" \
        "JSON maintenance body served by Apache, Retry-After, Upgrade: h2c offered" -- -sv $P/maint/orders
    cap $S apache-500-via-flask-passthrough.txt 500 app flask "Flask's 500 through Apache with ProxyVia On" \
        "Via: 1.1 127.0.0.1:19200, Server: gunicorn, X-Request-ID twice (app echo + Apache)" -- -sv $P/flask/boom
    cap $S apache-404-via-app-passthrough.txt 404 app python-http.server "app 404 through Apache with Via" \
        "curl -si; JSON 404 with Apache's unique id echoed by the app" -- -si $P/api/users/999
    cap $S apache-404-h2c-upgrade.txt 404 proxy apache "curl --http2 on http://: Upgrade to h2c" \
        "101 Switching Protocols then HTTP/2 404 Apache page" -- -sv --http2 $P/v2/orders
    cap $S apache-500-h2c-django-passthrough.txt 500 app django "h2c upgrade, Django's 500 through Apache" \
        "HTTP/2 after the upgrade, Django page, Via" -- -sv --http2 $P/django/api/boom
fi

# ================================================================ HAProxy ==
if [[ -n ${UP[haproxy]:-} ]]; then
    log "capturing: haproxy"
    H=$A:19400
    S=haproxy-unique-id
    cap $S haproxy-503-uid-dead-upstream.txt 503 load-balancer haproxy "all servers DOWN; unique-id on responses" \
        "HAProxy 503 page with its own x-request-id" -- -sv $H/dead/users/42
    cap $S haproxy-503-uid-no-backend.txt 503 load-balancer haproxy "no use_backend matched" \
        "curl -si; same 503 page, x-request-id" -- -si $H/v2/users/42
    cap $S haproxy-403-uid-deny.txt 403 load-balancer haproxy "http-request deny" \
        "HAProxy 403 page with x-request-id" -- -sv $H/internal/users/42
    cap $S haproxy-400-bad-header.txt 400 load-balancer haproxy "header name with a space" \
        "HAProxy's 400 'Your browser sent an invalid request.', no request id (never parsed)" \
        -- -sv -H 'Bad Header: x' $H/api/health
    cap $S haproxy-503-empty-body-return.txt 503 load-balancer haproxy "http-request return status 503 (no body)" \
        "503 with content-length: 0 and nothing naming HAProxy" -- -sv $H/drain/orders
    cap $S haproxy-500-uid-app-passthrough.txt 500 app python-http.server "app 500 through HAProxy" \
        "JSON 500; the app echoes HAProxy's unique id" -- -sv $H/api/boom
    cap $S haproxy-500-uid-fastapi-passthrough.txt 500 app fastapi "FastAPI's 500 through HAProxy" \
        "text/plain 'Internal Server Error', server: uvicorn, HAProxy's x-request-id" -- -sv $H/fastapi/boom
    S=haproxy-json-errors
    cap $S haproxy-503-json-errorfile.txt 503 load-balancer haproxy "servers DOWN; errorfiles with JSON" \
        "JSON 503 from an HAProxy errorfile" -- -sv $H/deadjson/users/42
    cap $S haproxy-504-json-errorfile.txt 504 load-balancer haproxy "timeout server 2s; JSON errorfile" \
        "JSON 504 from an HAProxy errorfile" -- -sv $H/slowjson/report
    for i in 1 2 3; do quiet $H/limited/users/42; done
    cap $S haproxy-429-json-return.txt 429 load-balancer haproxy "http-request return 429 with JSON" \
        "JSON 429 with request_id = HAProxy's unique id (also in the header)" -- -sv $H/limited/users/42
    cap $S haproxy-503-json-maintenance.txt 503 load-balancer haproxy "http-request return 503 with JSON" \
        "curl -si; JSON with \"status\":503" -- -si $H/maint/orders
    cap $S haproxy-502-fastapi-own-json-passthrough.txt 502 app fastapi "the app's own JSON 502 through HAProxy" \
        "JSON 502 written by the app; HAProxy only relayed it" -- -sv $H/fastapi/pay
    caphttp $S haproxy-503-json-errorfile-httpie.txt 503 load-balancer haproxy "HTTPie -v, JSON errorfile" \
        "HTTPie with colours" -- -v GET $H/deadjson/users/42
fi

# ================================================================== Caddy ==
if [[ -n ${UP[caddy]:-} ]]; then
    log "capturing: caddy"
    C=$A:19500
    S=caddy-adds-request-id
    cap $S caddy-502-rid-dead-upstream.txt 502 proxy caddy "reverse_proxy to a closed port; header X-Request-ID" \
        "empty body, Server: Caddy, X-Request-Id (uuid)" -- -sv $C/dead/users/42
    cap $S caddy-504-rid-slow-upstream.txt 504 proxy caddy "response_header_timeout 2s" \
        "empty body, X-Request-Id" -- -sv $C/slow/report
    cap $S caddy-404-rid-unrouted.txt 404 proxy caddy "error 404 in the catch-all" \
        "curl -si; empty body, X-Request-Id" -- -si $C/v2/users/42
    cap $S caddy-500-rid-app-passthrough.txt 500 app python-http.server "app 500 through Caddy" \
        "two Server headers and two X-Request-Id headers (app echo + Caddy)" -- -sv $C/api/boom
    cap $S caddy-500-rid-tornado-passthrough.txt 500 app tornado "Tornado's 500 through Caddy" \
        "Server: Caddy + Server: TornadoServer" -- -sv $C/tornado/api/boom
    cap $S caddy-404-rid-tornado-passthrough.txt 404 app tornado "Tornado's 404 through Caddy" \
        "curl -si" -- -si $C/tornado/api/users/999
    cap $S caddy-502-h2c-dead-upstream.txt 502 proxy caddy "HTTP/2 cleartext to Caddy, upstream closed" \
        "h2 framing, empty body, x-request-id" -- -sv --http2-prior-knowledge $C/dead/users/42
    C=$A:19501
    S=caddy-json-errors
    cap $S caddy-503-json-respond-maintenance.txt 503 proxy caddy "respond with a JSON body" \
        "JSON maintenance body + Retry-After, Server: Caddy" -- -sv $C/maint/orders
    cap $S caddy-502-json-handle-errors.txt 502 proxy caddy "handle_errors answers with JSON" \
        "{\"error\":{\"status\":502,...}} made by Caddy" -- -sv $C/dead/users/42
    cap $S caddy-404-json-handle-errors.txt 404 proxy caddy "unrouted, handle_errors JSON" \
        "curl -si; JSON 404 made by Caddy" -- -si $C/v2/orders
    cap $S caddy-502-fastapi-own-json-passthrough.txt 502 app fastapi "the app's own JSON 502 through Caddy" \
        "app JSON; Server: Caddy and Server: uvicorn" -- -sv $C/fastapi/api/pay
    cap $S caddy-422-fastapi-passthrough.txt 422 app fastapi "FastAPI validation through Caddy" \
        "curl -si" -- -si -X POST -H 'Content-Type: application/json' -d '{"qty": "x"}' $C/fastapi/api/orders
    caphttp $S caddy-404-json-handle-errors-httpie.txt 404 proxy caddy "HTTPie -v, Caddy's JSON 404" \
        "HTTPie with colours" -- -v GET $C/v2/orders
    C=https://127.0.0.1:19543
    S=caddy-tls-h2
    cap $S caddy-502-h2-tls-dead-upstream.txt 502 proxy caddy "HTTP/2 over TLS (internal CA), upstream closed" \
        "TLS + h2, empty body, only server: Caddy" -- -sv --http2 -k $C/dead/users/42
    cap $S caddy-500-h2-tls-aiohttp-passthrough.txt 500 app aiohttp "aiohttp's 500 through Caddy over h2" \
        "two server headers" -- -sv --http2 -k $C/aiohttp/api/boom
    cap $S caddy-404-h2-tls-aiohttp-passthrough.txt 404 app aiohttp "aiohttp's 404 through Caddy over h2" \
        "curl -si" -- -si --http2 -k $C/aiohttp/api/users/999
fi

# ===================================================== caches, part one ==
# warm every cache with the catalog, then ask again with If-None-Match
log "capturing: caches (fresh)"
if [[ -n ${UP[nginx]:-} ]]; then
    S=nginx-cache
    cap $S nginx-200-cache-miss.txt 200 app flask "first request, proxy_cache MISS" \
        "curl -si; Server: gunicorn passed on (proxy_pass_header Server), X-Cache-Status: MISS" \
        -- -si $A:19102/cache/catalog
    cap $S nginx-304-cache-if-none-match.txt 304 cdn-cache nginx "If-None-Match on a cached object" \
        "nginx answers 304 from its cache (X-Cache-Status: HIT), Server: gunicorn from the stored object" \
        -- -sv -H 'If-None-Match: "catalog-v7"' $A:19102/cache/catalog
    cap $S nginx-412-cache-if-match.txt 412 cdn-cache nginx "If-Match with a stale ETag on a cached object" \
        "nginx's 412 Precondition Failed page" -- -sv -H 'If-Match: "catalog-v6"' $A:19102/cache/catalog
    cap $S nginx-500-cache-flask-passthrough.txt 500 app flask "Flask's 500 through the caching nginx" \
        "Server: gunicorn passed on, X-Cache-Status: MISS" -- -sv $A:19102/flask/boom
fi
if [[ -n ${UP[varnish]:-} ]]; then
    S=varnish-grace
    cap $S varnish-200-cache-miss.txt 200 app flask "first request through Varnish" \
        "curl -si; X-Cache: MISS, Via: varnish, one XID" -- -si $A:19300/cache/catalog
    cap $S varnish-304-cache-if-none-match.txt 304 cdn-cache varnish "If-None-Match on a cached object" \
        "Varnish answers 304 itself: two XIDs in X-Varnish, Server: gunicorn from the stored object" \
        -- -sv -H 'If-None-Match: "catalog-v7"' $A:19300/cache/catalog
    cap $S varnish-503-json-backend-error.txt 503 cdn-cache varnish "vcl_backend_error with a JSON synthetic body" \
        "JSON 503 made by Varnish, 'Backend fetch failed' reason" -- -sv $A:19300/jsondead/orders
    cap $S varnish-503-default-guru.txt 503 cdn-cache varnish "backend refused, default synthetic page" \
        "curl -si; guru meditation page" -- -si $A:19300/orders/7
    cap $S varnish-500-via-flask-passthrough.txt 500 app flask "Flask's 500 through Varnish (pass)" \
        "Via: 1.1 varnish, X-Varnish, Age: 0 — the cache was on the path, the app answered" -- -sv $A:19300/flask/boom
    cap $S varnish-504-via-fastapi-own-passthrough.txt 504 app fastapi "FastAPI's own 504 through Varnish" \
        "curl -si; app JSON 504 with Via: varnish" -- -si $A:19300/fastapi/report
    caphttp $S varnish-304-cache-httpie.txt 304 cdn-cache varnish "HTTPie -v, If-None-Match" \
        "HTTPie with colours" -- -v GET $A:19300/cache/catalog 'If-None-Match:"catalog-v7"'
fi
if [[ -n ${UP[squid]:-} ]]; then
    S=squid-cache
    quiet $A:19600/api/catalog
    cap $S squid-304-cache-if-none-match.txt 304 cdn-cache squid "If-None-Match on a cached object" \
        "Squid answers 304 itself: X-Cache: HIT, Via: squid" -- -sv -H 'If-None-Match: "catalog-v7"' $A:19600/api/catalog
    cap $S squid-500-via-flask-passthrough.txt 500 app flask "Flask's 500 through Squid" \
        "Via + X-Cache: MISS from squid, Server: gunicorn" -- -sv $A:19600/api/boom
    cap $S squid-502-via-flask-own-json-passthrough.txt 502 app flask "the app's own JSON 502 through Squid" \
        "curl -si; X-Cache: MISS, Via" -- -si $A:19600/api/pay
    cap $S squid-503-via-flask-own-html-passthrough.txt 503 app flask "the app's own HTML 503 through Squid" \
        "looks like a proxy's page, Via: squid; Flask made it" -- -sv $A:19600/api/down
fi

# ============================================================== lighttpd ==
if [[ -n ${UP[lighttpd]:-} ]]; then
    log "capturing: lighttpd"
    L=$A:19700
    S=lighttpd-proxy
    cap $S lighttpd-503-dead-upstream.txt 503 proxy lighttpd "mod_proxy, backend refused" \
        "lighttpd's XHTML 503 page, Server: lighttpd" -- -sv $L/dead/users/42
    cap $S lighttpd-504-slow-upstream.txt 504 proxy lighttpd "read-timeout 2" \
        "lighttpd's 504 page" -- -sv $L/slow/report
    cap $S lighttpd-403-access-deny.txt 403 proxy lighttpd "url.access-deny" \
        "curl -si; lighttpd's 403 page" -- -si $L/internal/users/42
    cap $S lighttpd-404-unrouted.txt 404 proxy lighttpd "no such file" \
        "lighttpd's 404 page" -- -sv $L/v2/users/42
    cap $S lighttpd-431-header-too-large.txt 431 proxy lighttpd "server.max-request-field-size 1024" \
        "lighttpd's 431 page, HTTP/1.0" -- -sv -H @big-header.txt $L/api/health
    cap $S lighttpd-500-flask-passthrough.txt 500 app flask "Flask's 500 through lighttpd" \
        "curl -si; Server: gunicorn kept, no Via" -- -si $L/api/boom
fi

# =================================================================== h2o ==
if [[ -n ${UP[h2o]:-} ]]; then
    log "capturing: h2o"
    O=$A:19800
    S=h2o-proxy
    cap $S h2o-502-dead-upstream.txt 502 proxy h2o "proxy.reverse.url to a closed port" \
        "h2o's plain 'connection failed', reason 'Gateway Error'" -- -sv $O/dead/users/42
    cap $S h2o-502-io-timeout.txt 502 proxy h2o "proxy.timeout.io 2000 with a slow upstream" \
        "h2o answers a timeout with 502 'I/O timeout'" -- -sv $O/slow/report
    cap $S h2o-404-unrouted.txt 404 proxy h2o "no path matches" \
        "curl -si; h2o's 404 'not found'" -- -si $O/v2/users/42
    O=https://127.0.0.1:19843
    cap $S h2o-502-h2-tls-dead-upstream.txt 502 proxy h2o "HTTP/2 over TLS (self-signed), upstream closed" \
        "h2, server: h2o" -- -sv --http2 -k $O/dead/users/42
    cap $S h2o-500-h2-tls-django-passthrough.txt 500 app django "Django's 500 through h2o over h2" \
        "server: h2o replaces waitress" -- -sv --http2 -k $O/api/boom
fi

# ======================================================== Traffic Server ==
if [[ -n ${UP[ats]:-} ]]; then
    log "capturing: trafficserver"
    T=$A:19900
    S=trafficserver-reverse
    cap $S ats-502-dead-upstream.txt 502 cdn-cache trafficserver "remap to a closed port" \
        "ATS 'Could Not Connect' page, reason 'Connection refused', Via with ATS codes" -- -sv $T/dead/users/42
    cap $S ats-504-slow-upstream.txt 504 cdn-cache trafficserver "no activity timeout 2 s" \
        "ATS 'Inactivity Timeout' page, reason 'Connection Timed Out'" -- -sv $T/slow/report
    cap $S ats-404-not-on-accelerator.txt 404 cdn-cache trafficserver "no remap rule" \
        "curl -si; 'Not Found on Accelerator'" -- -si $T/v2/users/42
    cap $S ats-500-flask-passthrough.txt 500 app flask "Flask's 500 through ATS" \
        "ATS replaces Server with ATS/9.x and adds Via; the app wrote the body" -- -sv $T/api/boom
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
[[ -n ${UP[nginx]:-} ]] && capbody $S body-nginx-502-page.txt 502/502 proxy nginx "body of nginx's 502 page" \
    "title and h1 say 502 Bad Gateway, footer names nginx" -- $A:19100/dead/users/42
[[ -n ${UP[nginx]:-} ]] && capbody $S body-nginx-json-gateway.txt 0/502 proxy nginx "body of nginx's JSON gateway error" \
    "JSON without a status field: the status is not knowable from the body" -- $A:19101/dead/users/42
[[ -n ${UP[apache]:-} ]] && capbody $S body-apache-503-page.txt 503/503 proxy apache "body of Apache's 503 page" \
    "title 503 Service Unavailable" -- $A:19200/dead/users/42
[[ -n ${UP[haproxy]:-} ]] && capbody $S body-haproxy-503-page.txt 503/503 load-balancer haproxy "body of HAProxy's 503" \
    "'No server is available to handle this request.'" -- $A:19400/dead/users/42
[[ -n ${UP[haproxy]:-} ]] && capbody $S body-haproxy-json-maintenance.txt 503/503 load-balancer haproxy "HAProxy JSON with \"status\":503" \
    "the body carries the status" -- $A:19400/maint/orders
[[ -n ${UP[caddy]:-} ]] && capbody $S body-caddy-json-error.txt 502/502 proxy caddy "Caddy handle_errors JSON" \
    "\"status\":502 in the body" -- $A:19501/dead/users/42
[[ -n ${UP[varnish]:-} ]] && capbody $S body-varnish-guru.txt 503/503 cdn-cache varnish "Varnish guru meditation body" \
    "'Error 503 Backend fetch failed' in the page" -- $A:19300/orders/7
[[ -n ${UP[lighttpd]:-} ]] && capbody $S body-lighttpd-504-page.txt 504/504 proxy lighttpd "lighttpd's 504 page" \
    "XHTML page with 504 Gateway Timeout" -- $A:19700/slow/report
[[ -n ${UP[ats]:-} ]] && capbody $S body-ats-could-not-connect.txt 0/502 cdn-cache trafficserver "ATS 'Could Not Connect' body" \
    "no status number anywhere in the body" -- $A:19900/dead/users/42
[[ -n ${UP[h2o]:-} ]] && capbody $S body-h2o-connection-failed.txt 0/502 proxy h2o "h2o's 'connection failed'" \
    "one line of text, no status" -- $A:19800/dead/users/42
capbody $S body-flask-500-page.txt 500/500 app flask "Werkzeug's 500 page" \
    "title says 500 Internal Server Error" -- $A:19010/api/boom
capbody $S body-fastapi-problem.txt 500/500 app fastapi "RFC 9457 problem details" \
    "\"status\": 500 in the body" -- $A:19012/api/problem
capbody $S body-fastapi-detail-404.txt 0/404 app fastapi "FastAPI {\"detail\":\"Not Found\"}" \
    "no status in the body" -- $A:19012/api/orders/7
capbody $S body-django-500-page.txt 500/500 app django "Django 'Server Error (500)'" \
    "the page names 500" -- $A:19011/api/boom
capbody $S body-app-json-500.txt 0/500 app python-http.server "the app's JSON error" \
    "{\"error\":{\"code\":\"internal_error\"...}}: no status number" -- $A:19000/api/boom
capbody $S body-flask-503-own-html.txt 503/503 app flask "the app's own HTML 503 page" \
    "looks exactly like a proxy's page" -- $A:19010/api/down
capbody $S body-tornado-500-page.txt 500/500 app tornado "Tornado's error page" \
    "'500: Internal Server Error'" -- $A:19014/api/boom

# ================================================ headers-only pastes ==
S=headers-only-paste
[[ -n ${UP[nginx]:-} ]] && caphead $S head-nginx-502-rid.txt 502 proxy nginx "curl -sI to nginx with add_header X-Request-ID" \
    "HEAD: headers only, X-Request-ID from nginx" -- $A:19100/dead/users/42
[[ -n ${UP[caddy]:-} ]] && caphead $S head-caddy-502.txt 502 proxy caddy "curl -sI, Caddy upstream closed" \
    "Server: Caddy, Content-Length: 0" -- $A:19500/dead/users/42
[[ -n ${UP[haproxy]:-} ]] && caphead $S head-haproxy-503.txt 503 load-balancer haproxy "curl -sI, HAProxy no server" \
    "content-type text/html, x-request-id, no Server" -- $A:19400/dead/users/42
[[ -n ${UP[apache]:-} ]] && caphead $S head-apache-503.txt 503 proxy apache "curl -sI, Apache upstream refused" \
    "Server: Apache, X-Request-ID" -- $A:19200/dead/users/42
[[ -n ${UP[ats]:-} ]] && caphead $S head-ats-502.txt 502 cdn-cache trafficserver "curl -sI, ATS could not connect" \
    "Server: ATS, Via" -- $A:19900/dead/users/42
[[ -n ${UP[lighttpd]:-} ]] && caphead $S head-lighttpd-503.txt 503 proxy lighttpd "curl -sI, lighttpd backend refused" \
    "Server: lighttpd" -- $A:19700/dead/users/42
caphead $S head-flask-500.txt 500 app flask "curl -sI to the Flask app" \
    "Server: gunicorn, X-Request-ID" -- $A:19010/api/boom
caphead $S head-fastapi-405.txt 405 app fastapi "curl -sI to a GET-only FastAPI route" \
    "HEAD is not GET: FastAPI answers 405, not what a GET gets" -- $A:19012/api/boom
[[ -n ${UP[varnish]:-} ]] && caphead $S head-varnish-hit.txt 200 cdn-cache varnish "curl -sI, cached object" \
    "HEAD served from Varnish's cache: Age, two XIDs, Server: gunicorn" -- $A:19300/cache/catalog

# ======================================== caches, part two: stale hits ==
log "capturing: stale hits (cache app stopped)"
stop_pid "$(cat "$RUN/pids/cacheapp.pid")"
sleep 2   # every cached copy is now past its 1 s lifetime
if [[ -n ${UP[nginx]:-} ]]; then
    cap nginx-cache nginx-200-cache-stale-backend-down.txt 200 cdn-cache nginx "proxy_cache_use_stale error, backend stopped" \
        "nginx serves the stale copy itself: X-Cache-Status: STALE, Server: gunicorn" -- -sv $A:19102/cache/catalog
fi
if [[ -n ${UP[varnish]:-} ]]; then
    cap varnish-grace varnish-200-grace-backend-down.txt 200 cdn-cache varnish "grace: stale object, backend stopped" \
        "Varnish serves the stale copy: Age > ttl, X-Varnish two ids, Server: gunicorn" -- -sv $A:19300/cache/catalog
fi
if [[ -n ${UP[squid]:-} ]]; then
    cap squid-cache squid-504-stale-revalidate-connect-fail.txt 504 cdn-cache squid "cached but stale object, origin stopped" \
        "curl -si; Squid does not serve the stale copy here: it tries to revalidate, cannot connect, answers 504 ERR_CONNECT_FAIL (X-Cache-Lookup: HIT)" \
        -- -si $A:19600/api/catalog
fi

log "stopping servers"
stop_all
trap - EXIT

for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round2/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
