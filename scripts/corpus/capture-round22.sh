#!/usr/bin/env bash
# capture-round22.sh — build the twenty-second held-out evidence corpus in
# tests/fixtures/evidence-round22/.
#
# Fronts that answer by themselves in JSON, in front of apps that answer in
# a JSON of the same shape: stock nginx (`return ... '{json}'`, JSON
# error_page named locations, limit_req, client_max_body_size, CORS
# preflights, a maintenance switch) in front of Flask; nginx with Debian's
# Lua module and lua-cjson as an API gateway (access_by_lua key checks, a Lua
# rate limit, a Lua maintenance flag) in front of FastAPI; HAProxy 2.6
# (`http-request return` JSON, `deny_status` with an `http-errors` section of
# JSON errorfiles, a stick-table limit) in front of Express; Apache (JSON
# ErrorDocument strings and files, mod_rewrite answering preflights and a
# maintenance switch, LimitRequestBody) in front of Flask; Caddy (`respond`
# JSON, `handle_errors` writing JSON) in front of Express. Each front over
# HTTP/1.1 and over TLS with HTTP/2 (a self-signed certificate made at run
# time, curl -k). Paste forms: curl -v/-i transcripts (some with their CRs,
# some with CRLF), HTTPie with colours, `wget -S -O-`, body-only and
# headers-only pastes.
#
#   scripts/corpus/capture-round22.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round22.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round22.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round22.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports
# 40000-40999) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Installs run
# under `nice -n 15`. Labels are written by finish_round22.py, which refuses
# (and this script then leaves the fixtures as they were) when a label's
# status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round22"
RUN=/tmp/api-triage-corpus22
STAGE="$RUN/evidence"
CONF="$HERE/conf-round22"
APPS="$HERE/apps22"
VENV=${CORPUS_VENV22:-/tmp/api-triage-corpus22-venv}
NODE_DIR=${CORPUS_NODE22:-/tmp/api-triage-corpus22-node}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(flask==3.1.3 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0)
NPM=(express@5.3.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus22 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget python3-venv nodejs openssl apache2 nginx libnginx-mod-http-lua lua-cjson haproxy caddy)
declare -A SKIPPED=()
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
install_packages() {
    local missing=() p cand ok=() created_policy=0
    for p in "${PACKAGES[@]}"; do
        installed "$p" || missing+=("$p")
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
    log "apt-get install ${ok[*]}"
    DEBIAN_FRONTEND=noninteractive nice -n 15 timeout 900 apt-get install -y -q --no-install-recommends "${ok[@]}" \
        >"$RUN/logs/apt-install.log" 2>&1 || for p in "${ok[@]}"; do SKIPPED[$p]="apt-get install failed"; done
    ((created_policy)) && rm -f /usr/sbin/policy-rc.d
    return 0
}


install_venv() {  # Flask, FastAPI and their servers, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, fastapi, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # Express, from npm
    [[ -e $NODE_DIR/node_modules/express/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus22","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

have() { [[ -z ${SKIPPED[$1]:-} ]] && installed "$1"; }

PIDS=()

start_bg() {  # start_bg NAME CMD... ; output to $RUN/logs/NAME.log, run in $HERE
    local name=$1; shift
    (cd "$HERE" && exec "$@") >"$RUN/logs/$name.log" 2>&1 &
    PIDS+=($!)
    echo $! >"$RUN/pids/$name.pid"
}

ours() {  # a process of this corpus: started with our files or from our run dir
    local cmd
    [[ -r /proc/$1/cmdline ]] || return 1
    cmd=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
}

stop_pid() {  # TERM (INT for uWSGI, which reloads on TERM), then KILL after 5 s
    local pid=$1 sig=${2:-TERM} i
    kill "-$sig" "$pid" 2>/dev/null || return 0
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
}

stop_name() {  # stop_name NAME [SIG]: one server this script started
    local f=$RUN/pids/$1.pid
    [[ -e $f ]] && stop_pid "$(cat "$f")" "${2:-TERM}"
    rm -f "$f"
}

stop_all() {
    local i pid
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[$i]}"; done
    wait 2>/dev/null
    PIDS=()
    for pid in $(ls /proc | grep -E '^[0-9]+$'); do
        [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
        if ours "$pid"; then
            # a worker or child a server left behind (php-fpm, daphne)
            log "WARNING: pid $pid still running, killing it: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
            stop_pid "$pid" KILL
        fi
    done
    # nginx workers whose master died by SIGKILL keep our ports open, and their
    # title ("nginx: worker process") names none of our files: find them in
    # this script's process group
    for pid in $(ps -o pid=,comm= -g "$(ps -o pgid= -p $$ | tr -d ' ')" 2>/dev/null | awk '$2 == "nginx" {print $1}'); do
        log "WARNING: nginx pid $pid outlived its master, stopping it"
        stop_pid "$pid"
    done
}

stop_stale() {
    local f pid
    for f in "$RUN"/pids/*.pid; do
        [[ -e $f ]] || continue
        pid=$(cat "$f")
        if [[ $pid =~ ^[0-9]+$ ]] && ours "$pid"; then
            log "stopping stale pid $pid"; stop_pid "$pid" INT
        fi
    done
}

listening() { ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; }

wait_port() {  # bounded wait (30 s)
    local i
    for i in $(seq 1 300); do
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round22.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
        MISMATCH=$((MISMATCH + 1))
    fi
    COUNT=$((COUNT + 1))
}

# cap SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# A whole transcript as copied from a terminal (CRs gone).
cap() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl "$@" >"$dest"
    in_work timeout 20 curl "$@" >>"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# capraw: like cap, but kept as curl wrote it (`curl ... > file 2>&1`): the
# header lines keep their CR.
capraw() { KEEP_CR=1 cap "$@"; }

# capwin: like cap, as pasted from a Windows terminal: every line ends in CRLF.
capwin() {
    local file=$2
    cap "$@"
    sed -i 's/\r*$/\r/' "$STAGE/$file"
}

# capbody SETUP FILE SHOWN/WIRE LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# A body-only paste: `curl -s URL`, nothing but the body. SHOWN is the status
# the body itself shows (0 when it shows no number), WIRE the one really sent.
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
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only 0
}

# caphttp SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- HTTPIE-ARGS...
# HTTPie with colours forced on (as it looks when pasted from a terminal).
caphttp() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    have httpie || return 0
    cmdline http "$@" >"$dest"
    in_work timeout 20 "$HTTPIE" --ignore-stdin --pretty=all --style=monokai --timeout=10 "$@" >>"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

quiet() { in_work timeout 10 curl -s -o /dev/null "$@" || true; }

render() {
    local src=$1 dest=$2; shift 2
    sed -e "s|@RUN@|$RUN|g" "$@" "$src" >"$dest"
}

up() { [[ -n ${UP[$1]:-} ]]; }

# capdump SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl -s -D- URL`: the headers curl dumps, then the body (no -v lines).
capdump() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl -s -D- "$@" >"$dest"
    in_work timeout 20 curl -s -D- "$@" >>"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# capwget SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- WGET-ARGS...
# `wget -S -O- URL` as a terminal shows it: wget's progress lines and the
# server's headers (indented) on stderr, the body on stdout (--content-on-error
# keeps the body of an error).
capwget() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    have wget || return 0
    cmdline wget -S -O- "$@" >"$dest"
    in_work timeout 20 wget -S -O- --content-on-error --tries=1 --timeout=10 "$@" >>"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS ]] || die "missing $CONF or $APPS"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,tls}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_npm
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "Express is missing (${SKIPPED[npm]})"

APP_PORTS=(40010 40011 40012)
OTHER_PORTS=(40050 40051 40052 40053 40060 40061 40065 40066 40070 40071)
DEAD_PORTS=(40090 40091 40092 40093 40094 40095 40096 40097)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" "${DEAD_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# a self-signed certificate for the TLS (HTTP/2) listeners, made for this run
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=api.example.test \
    -addext "subjectAltName=DNS:api.example.test,IP:127.0.0.1" \
    -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" >"$RUN/logs/openssl.log" 2>&1 || die "openssl failed"
cat "$RUN/tls/cert.pem" "$RUN/tls/key.pem" >"$RUN/tls/combined.pem"
chmod 644 "$RUN"/tls/*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 2 --timeout 30)
start_bg flask "${GUNICORN[@]}" -b 127.0.0.1:40010 flask_app:app
start_bg fastapi "${GUNICORN[@]}" -k uvicorn.workers.UvicornWorker -b 127.0.0.1:40011 fastapi_app:app
start_bg express env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_app.js" 40012
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- fronts -----------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/html
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 40050 nginx && wait_port 40051 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have nginx && have libnginx-mod-http-lua && have lua-cjson; then
    mkdir -p "$RUN"/nginx-lua/tmp "$RUN"/nginx-lua/lua
    render "$CONF/nginx-lua.conf" "$RUN/nginx-lua/nginx.conf"
    cp "$CONF/gateway.lua" "$RUN/nginx-lua/lua/"
    chown -R www-data: "$RUN/nginx-lua" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx-lua" -e "$RUN/nginx-lua/error.log" -c "$RUN/nginx-lua/nginx.conf" >"$RUN/logs/nginx-lua-t.log" 2>&1; then
        start_bg nginx-lua nginx -p "$RUN/nginx-lua" -e "$RUN/nginx-lua/error.log" -c "$RUN/nginx-lua/nginx.conf" -g 'daemon off;'
        wait_port 40052 nginx-lua && wait_port 40053 nginx-lua && UP[lua]=1
    else log "SKIP nginx-lua: config test failed"; cat "$RUN/logs/nginx-lua-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/errors "$RUN"/apache/htdocs
    cp "$CONF"/errors/*.json "$RUN/apache/errors/"
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 40060 apache && wait_port 40061 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 40065 caddy && wait_port 40066 caddy && UP[caddy]=1
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy/errors"
    cp "$CONF"/errors/*.http "$RUN/haproxy/errors/"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 40070 haproxy && UP[haproxy]=1
fi
sleep 3  # HAProxy's health checks settle

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 22 (held out): real responses captured by
# scripts/corpus/capture-round22.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-21:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the body itself shows (0 = none)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes: for app responses the
#              framework, or the app server when it wrote the page itself
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`) or "headers-only" (`curl -sI`);
#              absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
EOF_LABELS

A=http://127.0.0.1
FL=$A:40010 FA=$A:40011 EX=$A:40012
NX=$A:40050 NS=https://127.0.0.1:40051 LU=$A:40052 LS=https://127.0.0.1:40053
AP=$A:40060 AS=https://127.0.0.1:40061 CA=$A:40065 CS=https://127.0.0.1:40066
HA=$A:40070 HS=https://127.0.0.1:40071
JSONH=(-H 'Content-Type: application/json')
ORIGIN=(-H 'Origin: https://shop.example.test' -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: authorization, content-type')
KEY=(-H 'X-Api-Key: k-live-123')
H2=(-k --http2)
printf '{"sku":"A-1","note":"%s"}' "$(head -c 2048 /dev/zero | tr '\0' x)" >"$RUN/work/big.json"  # a 2 KiB JSON body

# ============================================ Flask behind stock nginx ==
if up nginx; then
    log "capturing: Flask behind nginx answering JSON itself"
    S=flask-nginx-json
    cap $S flask-404-via-nginx.txt 404 app flask "unknown order: the view's JSON 404, passed by nginx" "Server: nginx/1.22.1; same JSON shape as nginx's own" -- -sv $NX/api/orders/7
    cap $S flask-404-no-route-nginx.txt 404 app flask "no route: Werkzeug's NotFound through the app's JSON errorhandler" "curl -si" -- -si $NX/api/v2/orders
    cap $S flask-422-nginx.txt 422 app flask "POST with qty 0: the app's validation 422" "" -- -sv "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $NX/api/orders
    capraw $S flask-400-nginx.txt 400 app flask "POST without sku: the app's 400" "curl -si saved to a file (CRs kept)" -- -si "${JSONH[@]}" -d '{"qty":1}' $NX/api/orders
    caphttp $S flask-401-nginx-httpie.txt 401 app flask "HTTPie, no bearer token: the app's 401" "HTTPie with colours" -- -v GET $NX/api/admin/reports
    cap $S flask-403-nginx.txt 403 app flask "a token without the admin scope: the app's 403" "curl -si; nginx's own 403 on /api/internal/ has the same shape" -- -si -H 'Authorization: Bearer user-token' $NX/api/admin/reports
    cap $S flask-405-nginx.txt 405 app flask "DELETE on a GET route: Werkzeug's 405 in the app's JSON" "" -- -sv -X DELETE $NX/api/orders/1
    cap $S flask-429-app-nginx.txt 429 app flask "the app's own 429 (same error code and message as nginx's limit_req JSON)" "" -- -sv $NX/api/limited
    cap $S flask-500-nginx.txt 500 app flask "a TypeError: the app's JSON errorhandler (no intercept on /api/)" "curl -si" -- -si $NX/api/boom
    capwin $S flask-503-app-maintenance-nginx.txt 503 app flask "the app's own maintenance 503 (same body as nginx's maintenance switch)" "curl -si pasted with CRLF" -- -si $NX/api/maintenance
    cap $S nginx-410-return-json.txt 410 proxy nginx "location = /api/legacy/export { return 410 '{json}'; } with default_type application/json" "" -- -sv $NX/api/legacy/export
    cap $S nginx-403-return-json.txt 403 proxy nginx "location /api/internal/ { return 403 '{json}'; }" "curl -si" -- -si $NX/api/internal/metrics
    cap $S nginx-502-json-error-page.txt 502 proxy nginx "billing upstream not running: error_page 502 504 = @json_error" "" -- -sv $NX/billing/api/invoices
    capraw $S nginx-502-json-for-timeout.txt 502 proxy nginx "the view sleeps 5 s, proxy_read_timeout 2s: @json_error answers 502 for the 504" "curl -si saved to a file (CRs kept)" -- -si $NX/api/slow
    quiet $NX/api/search?q=shoes
    cap $S nginx-429-limit-req-json.txt 429 proxy nginx "limit_req 1r/m, limit_req_status 429, error_page 429 = @rate_limited: the second request" "Retry-After added by nginx" -- -sv $NX/api/search?q=shoes
    cap $S nginx-413-json.txt 413 proxy nginx "a 2 KiB body over client_max_body_size 1k: error_page 413 = @too_large" "" -- -sv "${JSONH[@]}" --data-binary @big.json $NX/api/upload
    cap $S nginx-204-cors-preflight.txt 204 proxy nginx "OPTIONS preflight answered by nginx (if + return 204, add_header Access-Control-*)" "" -- -sv -X OPTIONS "${ORIGIN[@]}" $NX/api/orders
    cap $S nginx-500-intercept-json.txt 500 proxy nginx "/api/reports/: proxy_intercept_errors on, the app's JSON 500 replaced by nginx's (same shape)" "curl -si" -- -si $NX/api/reports/boom
    touch "$RUN/nginx/maintenance.on"
    cap $S nginx-503-maintenance-switch.txt 503 proxy nginx "maintenance file present: return 503, error_page 503 = @maintenance" "" -- -sv $NX/api/orders/1
    capwget $S nginx-503-maintenance-wget.txt 503 proxy nginx "wget, the maintenance switch" "wget -S -O-" -- $NX/api/orders/2
    rm -f "$RUN/nginx/maintenance.on"

    S=flask-nginx-json-h2
    cap $S flask-404-nginx-h2.txt 404 app flask "HTTP/2 over TLS: the app's 404" "curl -k --http2" -- -sv "${H2[@]}" $NS/api/orders/7
    cap $S flask-503-nginx-h2.txt 503 app flask "HTTP/2: the app's maintenance 503" "curl -si" -- -si "${H2[@]}" $NS/api/maintenance
    cap $S nginx-410-h2.txt 410 proxy nginx "HTTP/2: nginx's return 410 JSON" "" -- -sv "${H2[@]}" $NS/api/legacy/export
    cap $S nginx-429-h2.txt 429 proxy nginx "HTTP/2: the limit_req JSON 429" "curl -si" -- -si "${H2[@]}" $NS/api/search?q=boots
    cap $S nginx-502-h2.txt 502 proxy nginx "HTTP/2: @json_error for the dead billing upstream" "curl -si" -- -si "${H2[@]}" $NS/billing/api/invoices
fi

# ===================================== FastAPI behind a Lua gateway ==
if up lua; then
    log "capturing: FastAPI behind nginx + Lua"
    S=fastapi-nginx-lua-gateway
    cap $S lua-401-no-api-key.txt 401 identity nginx "access_by_lua: no X-Api-Key, ngx.say + ngx.exit(401) in FastAPI's shape" "{\"detail\":\"Not authenticated\"} like FastAPI's own 401" -- -sv $LU/api/orders/7
    cap $S lua-403-bad-api-key.txt 403 identity nginx "access_by_lua: an unknown API key" "curl -si" -- -si -H 'X-Api-Key: k-test-000' $LU/api/orders/7
    cap $S lua-403-readonly-key.txt 403 identity nginx "access_by_lua: a read-only key on POST" "{\"detail\":\"Not enough permissions\"} like FastAPI's 403" -- -sv -H 'X-Api-Key: k-readonly-456' "${JSONH[@]}" -d '{"sku":"A-1","qty":1}' $LU/api/orders
    caphttp $S lua-401-httpie.txt 401 identity nginx "HTTPie without an API key" "HTTPie with colours" -- -v GET $LU/api/admin/reports
    quiet "${KEY[@]}" $LU/api/search?q=a
    cap $S lua-429-rate-limit.txt 429 proxy nginx "a Lua counter in lua_shared_dict: the second search in a minute" "" -- -sv "${KEY[@]}" $LU/api/search?q=a
    cap $S lua-404-no-route.txt 404 proxy nginx "an unknown prefix: content_by_lua writes {\"detail\":\"Not Found\"}" "curl -si; same body as FastAPI's default 404" -- -si $LU/v2/orders
    cap $S lua-502-inventory-down.txt 502 proxy nginx "inventory upstream not running: error_page to a Lua location" "" -- -sv $LU/inventory/api/levels
    cap $S lua-504-upstream-timeout.txt 504 proxy nginx "the route sleeps 5 s, proxy_read_timeout 2s: the Lua error location" "curl -si" -- -si "${KEY[@]}" $LU/api/slow
    cap $S lua-204-cors-preflight.txt 204 proxy nginx "OPTIONS answered in access_by_lua with ngx.exit(204)" "" -- -sv -X OPTIONS "${ORIGIN[@]}" $LU/api/orders
    quiet "$LU/_admin/maintenance?on=1"
    cap $S lua-503-maintenance.txt 503 proxy nginx "a maintenance flag in lua_shared_dict" "" -- -sv "${KEY[@]}" $LU/api/orders/1
    capraw $S lua-503-maintenance-raw.txt 503 proxy nginx "the maintenance flag, another path" "curl -si saved to a file (CRs kept)" -- -si "${KEY[@]}" $LU/api/items
    quiet "$LU/_admin/maintenance?on=0"
    cap $S fastapi-404-via-lua.txt 404 app fastapi "a valid key: FastAPI's HTTPException(404) passed" "" -- -sv "${KEY[@]}" $LU/api/orders/7
    cap $S fastapi-401-via-lua.txt 401 app fastapi "a valid key but no bearer token: FastAPI's own 401" "{\"detail\":\"Not authenticated\"}, WWW-Authenticate: Bearer" -- -sv "${KEY[@]}" $LU/api/admin/reports
    cap $S fastapi-403-via-lua.txt 403 app fastapi "a valid key, a bearer token without the scope: FastAPI's 403" "curl -si" -- -si "${KEY[@]}" -H 'Authorization: Bearer user-token' $LU/api/admin/reports
    cap $S fastapi-422-via-lua.txt 422 app fastapi "POST with qty 0: FastAPI's validation 422" "" -- -sv "${KEY[@]}" "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $LU/api/orders
    cap $S fastapi-404-default-via-lua.txt 404 app fastapi "no route under /api/: FastAPI's default {\"detail\":\"Not Found\"}" "curl -si" -- -si "${KEY[@]}" $LU/api/v2/orders
    cap $S fastapi-500-via-lua.txt 500 app fastapi "a RuntimeError: the app's exception handler writes JSON" "curl -si" -- -si "${KEY[@]}" $LU/api/boom
    capwin $S fastapi-503-via-lua.txt 503 app fastapi "the app's own maintenance 503 (the gateway's has the same body)" "curl -si pasted with CRLF" -- -si "${KEY[@]}" $LU/api/maintenance
    capraw $S fastapi-429-via-lua.txt 429 app fastapi "the app's own 429" "curl -si saved to a file (CRs kept)" -- -si "${KEY[@]}" $LU/api/limited
    caphttp $S fastapi-405-via-lua-httpie.txt 405 app fastapi "HTTPie GET on a POST-only route: FastAPI's 405" "HTTPie with colours" -- -v GET $LU/api/orders X-Api-Key:k-live-123

    S=fastapi-nginx-lua-gateway-h2
    cap $S lua-401-h2.txt 401 identity nginx "HTTP/2 over TLS: no API key" "curl -k --http2" -- -sv "${H2[@]}" $LS/api/orders/7
    cap $S lua-404-h2.txt 404 proxy nginx "HTTP/2: the gateway's 404 for an unknown prefix" "curl -si" -- -si "${H2[@]}" $LS/v2/orders
    cap $S fastapi-401-h2.txt 401 app fastapi "HTTP/2: a valid key, no bearer token: FastAPI's 401" "" -- -sv "${H2[@]}" "${KEY[@]}" $LS/api/admin/reports
    cap $S fastapi-404-h2.txt 404 app fastapi "HTTP/2: FastAPI's 404" "curl -si" -- -si "${H2[@]}" "${KEY[@]}" $LS/api/orders/7
fi

# =========================================== Express behind HAProxy ==
if up haproxy; then
    log "capturing: Express behind HAProxy answering JSON itself"
    S=express-haproxy-json
    cap $S express-404-haproxy.txt 404 app express "unknown order: the handler's JSON 404" "" -- -sv $HA/api/orders/7
    cap $S express-404-no-route-haproxy.txt 404 app express "no route: the app's catch-all JSON 404" "curl -si" -- -si $HA/api/v2/orders
    cap $S express-405-haproxy.txt 405 app express "PUT on the collection: the app's 405" "curl -si" -- -si -X PUT $HA/api/orders
    cap $S express-422-haproxy.txt 422 app express "POST with qty 0" "" -- -sv "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $HA/api/orders
    cap $S express-400-bad-json-haproxy.txt 400 app express "broken JSON: body-parser's error through the app's JSON error handler" "curl -si" -- -si "${JSONH[@]}" -d '{"sku": ' $HA/api/orders
    cap $S express-413-haproxy.txt 413 app express "a 2 KiB body over express.json({limit: '1kb'})" "" -- -sv "${JSONH[@]}" --data-binary @big.json $HA/api/orders
    caphttp $S express-401-haproxy-httpie.txt 401 app express "HTTPie, no token" "HTTPie with colours" -- -v GET $HA/api/admin/reports
    cap $S express-403-haproxy.txt 403 app express "a token: the app's 403 (HAProxy's deny 403 has the same shape)" "curl -si" -- -si -H 'Authorization: Bearer user-token' $HA/api/admin/reports
    cap $S express-429-app-haproxy.txt 429 app express "the app's own 429, same message as HAProxy's" "RateLimit-* headers" -- -sv $HA/api/limited
    cap $S express-500-haproxy.txt 500 app express "a TypeError: the app's JSON error handler" "curl -si" -- -si $HA/api/boom
    capwin $S express-503-app-haproxy.txt 503 app express "the app's maintenance 503, same body as HAProxy's errorfile" "curl -si pasted with CRLF" -- -si $HA/api/maintenance
    cap $S haproxy-410-return-json.txt 410 load-balancer haproxy "http-request return status 410 content-type application/json string ..." "" -- -sv $HA/api/v1/orders
    cap $S haproxy-403-deny-errorfile.txt 403 load-balancer haproxy "http-request deny deny_status 403, the http-errors section's JSON 403" "curl -si" -- -si $HA/api/internal/metrics
    cap $S haproxy-503-no-server.txt 503 load-balancer haproxy "both payments servers fail their checks: the JSON errorfile 503" "" -- -sv $HA/payments/api/charges
    capwget $S haproxy-503-wget.txt 503 load-balancer haproxy "wget, a reports server that refuses connections" "wget -S -O-" -- $HA/reports/api/daily
    cap $S haproxy-504-timeout.txt 504 load-balancer haproxy "timeout server 2s: the JSON errorfile 504" "curl -si" -- -si $HA/api/slow
    capraw $S haproxy-502-crash.txt 502 load-balancer haproxy "the app drops the connection: the JSON errorfile 502" "curl -si saved to a file (CRs kept)" -- -si $HA/api/crash
    quiet $HA/api/search?q=a
    cap $S haproxy-429-return-json.txt 429 load-balancer haproxy "stick-table rate: http-request return status 429 with a JSON string" "" -- -sv $HA/api/search?q=a
    cap $S haproxy-204-cors-preflight.txt 204 load-balancer haproxy "http-request return status 204 with Access-Control-* headers" "" -- -sv -X OPTIONS "${ORIGIN[@]}" $HA/api/orders

    S=express-haproxy-json-h2
    cap $S express-404-haproxy-h2.txt 404 app express "HTTP/2 over TLS: the app's 404" "curl -k --http2" -- -sv "${H2[@]}" $HS/api/orders/7
    cap $S express-503-haproxy-h2.txt 503 app express "HTTP/2: the app's maintenance 503" "curl -si" -- -si "${H2[@]}" $HS/api/maintenance
    cap $S haproxy-429-h2.txt 429 load-balancer haproxy "HTTP/2: the stick-table 429" "" -- -sv "${H2[@]}" $HS/api/search?q=b
    cap $S haproxy-503-h2.txt 503 load-balancer haproxy "HTTP/2: no payments server" "curl -si" -- -si "${H2[@]}" $HS/payments/api/charges
fi

# ============================================ Flask behind Apache ==
if up apache; then
    log "capturing: Flask behind Apache answering JSON itself"
    S=flask-apache-json
    cap $S flask-404-apache.txt 404 app flask "the app's JSON 404 passed (ProxyErrorOverride Off)" "Server: gunicorn passed by Apache" -- -sv $AP/api/orders/7
    cap $S flask-422-apache.txt 422 app flask "POST with qty 0" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $AP/api/orders
    cap $S flask-500-apache.txt 500 app flask "a TypeError: the app's JSON 500" "" -- -sv $AP/api/boom
    cap $S flask-503-app-apache.txt 503 app flask "the app's own maintenance 503 (Apache's ErrorDocument 503 has the same JSON)" "curl -si" -- -si $AP/api/maintenance
    caphttp $S flask-429-apache-httpie.txt 429 app flask "HTTPie: the app's 429" "HTTPie with colours" -- -v GET $AP/api/limited
    capraw $S flask-401-apache.txt 401 app flask "no bearer token: the app's 401 passed" "curl -si saved to a file (CRs kept)" -- -si $AP/api/admin/reports
    cap $S apache-410-errordocument-json.txt 410 proxy apache "RewriteRule ^/api/legacy/ - [G] with ErrorDocument 410 as a JSON file" "" -- -sv $AP/api/legacy/export
    cap $S apache-403-errordocument-json.txt 403 proxy apache "Require ip 10.0.0.0/8 on /api/internal/: ErrorDocument 403 JSON file" "curl -si" -- -si $AP/api/internal/metrics
    cap $S apache-502-timeout-json.txt 502 proxy apache "the view sleeps 5 s, ProxyTimeout 2: ErrorDocument 502 JSON file" "" -- -sv $AP/api/slow
    cap $S apache-503-string-dead-backend.txt 503 proxy apache "billing backend not running: ErrorDocument 503 as a quoted JSON string (sent as text/html)" "curl -si" -- -si $AP/billing/api/invoices
    cap $S apache-204-cors-preflight.txt 204 proxy apache "OPTIONS: RewriteRule [R=204] with mod_headers' Access-Control-*" "" -- -sv -X OPTIONS "${ORIGIN[@]}" $AP/api/orders
    touch "$RUN/apache/maintenance.on"
    capwin $S apache-503-maintenance-switch.txt 503 proxy apache "maintenance file present: RewriteRule [R=503], the ErrorDocument string" "curl -si pasted with CRLF" -- -si $AP/api/orders/1
    capwget $S apache-503-maintenance-wget.txt 503 proxy apache "wget, the maintenance switch" "wget -S -O-" -- $AP/api/orders/2
    rm -f "$RUN/apache/maintenance.on"

    S=flask-apache-json-h2
    cap $S flask-404-apache-h2.txt 404 app flask "HTTP/2 over TLS (mod_http2): the app's 404" "curl -k --http2" -- -sv "${H2[@]}" $AS/api/orders/7
    cap $S apache-410-h2.txt 410 proxy apache "HTTP/2: the [G] rule's JSON ErrorDocument" "curl -si" -- -si "${H2[@]}" $AS/api/legacy/export
    cap $S apache-503-h2.txt 503 proxy apache "HTTP/2: the dead billing backend, the ErrorDocument string" "" -- -sv "${H2[@]}" $AS/billing/api/invoices
fi

# ============================================ Express behind Caddy ==
if up caddy; then
    log "capturing: Express behind Caddy answering JSON itself"
    S=express-caddy-json
    cap $S express-404-caddy.txt 404 app express "unknown order: the app's JSON 404" "Server: Caddy" -- -sv $CA/api/orders/7
    cap $S express-422-caddy.txt 422 app express "POST with qty 0" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $CA/api/orders
    cap $S express-500-caddy.txt 500 app express "a TypeError: the app's JSON 500" "" -- -sv $CA/api/boom
    cap $S express-503-app-caddy.txt 503 app express "the app's maintenance 503, same body as Caddy's respond" "curl -si" -- -si $CA/api/maintenance
    caphttp $S express-401-caddy-httpie.txt 401 app express "HTTPie, no token" "HTTPie with colours" -- -v GET $CA/api/admin/reports
    capraw $S express-429-caddy.txt 429 app express "the app's own 429" "curl -si saved to a file (CRs kept)" -- -si $CA/api/limited
    cap $S caddy-410-respond-json.txt 410 proxy caddy "handle /api/v1/* { respond \`{json}\` 410 }" "" -- -sv $CA/api/v1/orders
    cap $S caddy-403-handle-errors-json.txt 403 proxy caddy "error \"...\" 403 on /api/internal/*, rendered by handle_errors as JSON" "curl -si" -- -si $CA/api/internal/metrics
    cap $S caddy-502-notify-down.txt 502 proxy caddy "reverse_proxy to a notify service that is not running: handle_errors JSON with the dial error" "" -- -sv $CA/notify/api/send
    cap $S caddy-504-timeout-json.txt 504 proxy caddy "response_header_timeout 2s: handle_errors JSON" "curl -si" -- -si $CA/api/slow
    cap $S caddy-204-cors-preflight.txt 204 proxy caddy "@preflight method OPTIONS: header + respond 204" "" -- -sv -X OPTIONS "${ORIGIN[@]}" $CA/api/orders
    cap $S caddy-502-body-limit.txt 502 proxy caddy "a 2 KiB body over request_body max_size 1KB: the read fails while proxying, Caddy answers 502" "the message names HTTP 413" -- -sv "${JSONH[@]}" --data-binary @big.json $CA/api/orders
    touch "$RUN/caddy/maintenance.on"
    capwin $S caddy-503-maintenance.txt 503 proxy caddy "the maintenance file matcher: respond 503 JSON" "curl -si pasted with CRLF" -- -si $CA/api/orders/1
    rm -f "$RUN/caddy/maintenance.on"

    S=express-caddy-json-h2
    cap $S express-404-caddy-h2.txt 404 app express "HTTP/2 over TLS: the app's 404" "curl -k --http2" -- -sv "${H2[@]}" $CS/api/orders/7
    cap $S caddy-403-h2.txt 403 proxy caddy "HTTP/2: the handle_errors JSON 403" "curl -si" -- -si "${H2[@]}" $CS/api/internal/metrics
    caphttp $S caddy-502-httpie-tls.txt 502 proxy caddy "HTTPie over TLS (HTTP/1.1): the dead notify service" "HTTPie with colours" -- -v --verify=no GET $CS/notify/api/send
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-429-json.txt 429/429 proxy nginx "nginx's limit_req JSON" "\"status\":429 in the body" -- $NX/api/search?q=hats
up nginx && capbody $S body-flask-429-via-nginx.txt 429/429 app flask "the app's own 429 through nginx" "\"status\":429 in the body" -- $NX/api/limited
up nginx && capbody $S body-nginx-502-for-timeout.txt 502/502 proxy nginx "@json_error after proxy_read_timeout" "\"status\":502 in the body" -- $NX/api/slow
up lua && capbody $S body-lua-401.txt 0/401 identity nginx "the gateway's {\"detail\":\"Not authenticated\"}" "no number" -- $LU/api/orders/7
up lua && capbody $S body-fastapi-401-via-lua.txt 0/401 app fastapi "FastAPI's {\"detail\":\"Not authenticated\"} behind the gateway" "no number" -- "${KEY[@]}" $LU/api/admin/reports
up haproxy && capbody $S body-haproxy-503-json.txt 503/503 load-balancer haproxy "HAProxy's JSON errorfile 503" "\"status\":503 in the body" -- $HA/payments/api/charges
up haproxy && capbody $S body-express-503-via-haproxy.txt 503/503 app express "Express's maintenance 503 through HAProxy" "\"status\":503 in the body" -- $HA/api/maintenance
up caddy && capbody $S body-caddy-502-json.txt 502/502 proxy caddy "handle_errors JSON for the dead notify service" "\"status\":502 in the body" -- $CA/notify/api/send
up apache && capbody $S body-apache-503-string.txt 503/503 proxy apache "Apache's ErrorDocument 503 string" "\"status\":503 in the body" -- $AP/billing/api/invoices

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-410-return.txt 410 proxy nginx "curl -sI on nginx's return 410" "" -- $NX/api/legacy/export
up nginx && caphead $S head-flask-404-via-nginx.txt 404 app flask "curl -sI, the app's 404 through nginx" "" -- $NX/api/orders/7
up haproxy && caphead $S head-haproxy-503.txt 503 load-balancer haproxy "curl -sI, no payments server" "" -- $HA/payments/api/charges
up lua && caphead $S head-lua-401.txt 401 identity nginx "curl -sI without an API key" "WWW-Authenticate: ApiKey" -- $LU/api/orders/7
up caddy && caphead $S head-caddy-410-respond.txt 410 proxy caddy "curl -sI on Caddy's respond 410" "" -- $CA/api/v1/orders

# ================================== apps go away behind their fronts ==
stop_name flask
stop_name express
sleep 2.5  # HAProxy's check (inter 2s) notices
up nginx && cap flask-nginx-json nginx-502-flask-stopped.txt 502 proxy nginx "gunicorn is stopped: @json_error" "" -- -sv $NX/api/orders/1
up apache && cap flask-apache-json apache-503-flask-stopped.txt 503 proxy apache "gunicorn is stopped: the ErrorDocument 503 string" "curl -si" -- -si $AP/api/orders/1
up haproxy && cap express-haproxy-json haproxy-503-express-stopped.txt 503 load-balancer haproxy "Express is stopped: the JSON errorfile 503" "" -- -sv $HA/api/orders/1
up caddy && cap express-caddy-json caddy-502-express-stopped.txt 502 proxy caddy "Express is stopped: handle_errors JSON 502" "curl -si" -- -si $CA/api/orders/1

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round22/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
