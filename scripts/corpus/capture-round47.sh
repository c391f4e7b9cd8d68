#!/usr/bin/env bash
# capture-round47.sh — build the forty-seventh held-out evidence corpus in
# tests/fixtures/evidence-round47/.
#
# API gateways that teams install or write from npm and PyPI, in front of
# ordinary apps, next to the same apps behind a mainstream front alone:
# express-gateway (key-auth, jwt, rate-limit, expression and proxy
# policies) in front of Express, also behind nginx; Express with
# http-proxy-middleware, express-rate-limit and express-jwt in front of Flask
# under gunicorn, also behind nginx; Fastify with @fastify/http-proxy,
# @fastify/jwt and @fastify/rate-limit in front of a Go net/http service,
# also behind HAProxy; a FastAPI gateway forwarding with httpx in front of
# Django under gunicorn, also behind Caddy; an aiohttp gateway in front of
# Express, also behind Apache; a Sanic gateway in front of Flask; node's
# http-proxy with a custom error handler in front of json-server. The same
# apps alone behind nginx, HAProxy, Caddy and Apache. Paste forms: curl
# -v/-i transcripts (some with their CRs, some with CRLF), HTTPie with
# colours, `wget -S -O-`, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round47.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round47.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round47.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round47.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports
# 58300-58399) and the script stops if one of its sockets listens anywhere
# else; every curl, HTTPie and wget runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Installs and builds run under `nice -n 15`. Labels are written by
# finish_round47.py, which refuses (and this script then leaves the fixtures
# as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round47"
RUN=/tmp/api-triage-corpus47
STAGE="$RUN/evidence"
CONF="$HERE/conf-round47"
APPS="$HERE/apps47"
VENV=${CORPUS_VENV47:-/tmp/api-triage-corpus47-venv}
NODE_DIR=${CORPUS_NODE47:-/tmp/api-triage-corpus47-node}
EG_DIR=${CORPUS_EG47:-/tmp/api-triage-corpus47-eg}
GODIR=${CORPUS_GO47:-/tmp/api-triage-corpus47-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(flask==3.1.3 gunicorn==27.0.1 django==5.2.19 fastapi==0.163.2 uvicorn==0.55.0 httpx==0.28.1
      aiohttp==3.14.5 sanic==25.12.1 pyjwt==2.15.1)
NPM=(express@5.3.0 http-proxy-middleware@3.0.5 express-rate-limit@8.7.4 express-jwt@8.5.1 jsonwebtoken@9.0.3
     fastify@5.12.8 @fastify/http-proxy@11.6.3 @fastify/rate-limit@11.2.0 @fastify/jwt@10.2.8
     http-proxy@1.18.1 json-server@0.17.4)
NPM_EG=(express-gateway@1.16.11)  # its own directory: it brings Express 4 and its own http-proxy

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus47 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget python3-venv nodejs golang-go apache2 nginx haproxy caddy)
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

install_venv() {  # Flask, Django, FastAPI, httpx, aiohttp, Sanic, PyJWT and the servers, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, django, fastapi, httpx, aiohttp, sanic, jwt, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # the Node gateways' packages and json-server; express-gateway in a directory of its own
    local d
    if [[ ! -e $NODE_DIR/node_modules/@fastify/http-proxy/package.json || ! -e $NODE_DIR/node_modules/json-server/package.json ]]; then
        [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
        mkdir -p "$NODE_DIR"
        [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus47","private":true}' >"$NODE_DIR/package.json"
        log "npm install into $NODE_DIR: ${NPM[*]}"
        (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
            >"$RUN/logs/npm.log" 2>&1 || { SKIPPED[npm]="npm install failed (see logs/npm.log)"; return 0; }
    fi
    d=$EG_DIR
    if [[ ! -e $d/node_modules/express-gateway/package.json ]]; then
        [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="express-gateway missing"; return 0; }
        mkdir -p "$d"
        [[ -e $d/package.json ]] || echo '{"name":"corpus47eg","private":true}' >"$d/package.json"
        log "npm install into $d: ${NPM_EG[*]}"
        (cd "$d" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM_EG[@]}") \
            >"$RUN/logs/npm-eg.log" 2>&1 || SKIPPED[npm]="npm install express-gateway failed (see logs/npm-eg.log)"
    fi
}

build_go() {  # the Go service: standard library only, offline
    [[ -x $GODIR/go_app && $GODIR/go_app -nt $APPS/go_app.go ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the Go app is not built"; return 0; }
    mkdir -p "$GODIR"
    log "go build"
    (cd "$APPS" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR" GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GODIR/go_app" go_app.go) >"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[go]="go build failed (see logs/go-build.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GODIR/"* || $cmd == *"$VENV/"* \
        || $cmd == *"$NODE_DIR/"* || $cmd == *"$EG_DIR/"* ]]
}

stop_pid() {  # TERM, then KILL after 5 s
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
            # a worker or child a server left behind (gunicorn's workers)
            log "WARNING: pid $pid still running, killing it: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
            stop_pid "$pid" KILL
        fi
    done
}

stop_stale() {
    local f pid
    for f in "$RUN"/pids/*.pid; do
        [[ -e $f ]] || continue
        pid=$(cat "$f")
        if [[ $pid =~ ^[0-9]+$ ]] && ours "$pid"; then
            log "stopping stale pid $pid"; stop_pid "$pid" TERM
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

# Listening sockets that are not on 127.0.0.1 and belong to this run: one in
# our port range, or one whose process is ours. (Other people's servers on
# this machine are none of our business and are only reported.)
stray_sockets() {
    local line addr port pid
    while read -r line; do
        addr=$(awk '{print $5}' <<<"$line")
        [[ $addr =~ ^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):[0-9]+$ ]] && continue
        port=${addr##*:}
        pid=$(grep -o 'pid=[0-9]*' <<<"$line" | head -n 1 | cut -d= -f2)
        if ((port >= 58300 && port <= 58399)) || { [[ -n $pid ]] && ours "$pid"; }; then
            printf '%s\n' "$line"
        fi
    done < <(ss -ltunpH 2>/dev/null)
}
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round47.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_npm
build_go
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "the npm packages are missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/go_app ]] || die "the Go app did not build (${SKIPPED[go]:-?})"

APP_PORTS=(58310 58311 58312 58313 58314 58315)
GW_PORTS=(58320 58321 58322 58323 58324 58325 58326 58327)
FRONT_PORTS=(58350 58351 58352 58360 58361 58365 58366 58370 58371 58372)
for p in "${APP_PORTS[@]}" "${GW_PORTS[@]}" "${FRONT_PORTS[@]}" 58398; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done

# ---- apps -------------------------------------------------------------------
declare -A UP=()
NODE=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 2 --timeout 30)
start_bg express "${NODE[@]}" "$APPS/express_app.js" 58310 production
start_bg flask-gunicorn "${GUNICORN[@]}" -b 127.0.0.1:58311 flask_app:app
start_bg go-app nice -n 5 "$GODIR/go_app" 58312
start_bg django-gunicorn "${GUNICORN[@]}" -b 127.0.0.1:58313 django_app:application
mkdir -p "$RUN/jsonserver"
cp "$APPS/catalog-db.json" "$RUN/jsonserver/db.json"
cp "$APPS/catalog-db.json" "$RUN/jsonserver/db-slow.json"
JSON_SERVER=(nice -n 5 node "$NODE_DIR/node_modules/json-server/lib/cli/bin.js" --host 127.0.0.1 --quiet)
start_bg json-server "${JSON_SERVER[@]}" --port 58314 "$RUN/jsonserver/db.json"
start_bg json-server-slow "${JSON_SERVER[@]}" --port 58315 --delay 5000 "$RUN/jsonserver/db-slow.json"
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- gateways ---------------------------------------------------------------
DEAD=http://127.0.0.1:58398   # nothing listens there
mkdir -p "$RUN/eg/models"
cp "$CONF"/eg/gateway.config.yml "$CONF"/eg/system.config.yml "$RUN/eg/"
cp "$EG_DIR"/node_modules/express-gateway/lib/config/models/*.json "$RUN/eg/models/"
start_bg express-gateway env EG_CONFIG_DIR="$RUN/eg" NODE_PATH="$EG_DIR/node_modules" NODE_ENV=production \
    nice -n 5 node "$CONF/eg/server.js"
start_bg hpm-gateway "${NODE[@]}" "$APPS/hpm_gateway.js" 58322 http://127.0.0.1:58311 $DEAD
start_bg fastify-gateway "${NODE[@]}" "$APPS/fastify_gateway.js" 58323 http://127.0.0.1:58312 $DEAD
start_bg fastapi-gateway env UPSTREAM=http://127.0.0.1:58313 DEAD_UPSTREAM=$DEAD \
    nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 58324 --no-access-log fastapi_gateway:app
start_bg aiohttp-gateway nice -n 5 "$VENV/bin/python" "$APPS/aiohttp_gateway.py" 58325 http://127.0.0.1:58310 $DEAD
start_bg sanic-gateway env HOME="$RUN/work" nice -n 5 "$VENV/bin/python" "$APPS/sanic_gateway.py" 58326 \
    http://127.0.0.1:58311 $DEAD
start_bg httpproxy-gateway "${NODE[@]}" "$APPS/httpproxy_gateway.js" 58327 http://127.0.0.1:58314 $DEAD \
    http://127.0.0.1:58315
for p in "${GW_PORTS[@]}"; do
    wait_port $p gateway || die "a gateway did not start on $p"
done

# express-gateway keeps users and keys in its in-memory database: make them
# through its admin API (127.0.0.1:58321), as `eg users create` would.
EGA=http://127.0.0.1:58321
egadmin() { timeout 10 curl -sf -H 'Content-Type: application/json' -d "$2" "$EGA/$1"; }
egadmin scopes '{"scopes":["admin"]}' >/dev/null || die "express-gateway admin API: scopes"
egadmin users '{"username":"mobile-app","firstname":"Mobile","lastname":"App"}' >/dev/null || die "eg users"
egadmin users '{"username":"ops-console","firstname":"Ops","lastname":"Console"}' >/dev/null || die "eg users"
eg_key() {  # eg_key USER SCOPES-JSON -> keyId:keySecret
    egadmin credentials "{\"consumerId\":\"$1\",\"type\":\"key-auth\",\"credential\":{\"scopes\":$2}}" \
        | "$PY" -c 'import json,sys; c=json.load(sys.stdin); print(c["keyId"] + ":" + c["keySecret"])'
}
EG_KEY=$(eg_key mobile-app '[]') || die "eg credentials"
EG_ADMIN_KEY=$(eg_key ops-console '["admin"]') || die "eg credentials"
eval "$("$VENV/bin/python" "$APPS/mint_tokens.py")" || die "mint_tokens.py failed"

# ---- fronts -----------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 58350 nginx && wait_port 58352 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 58360 apache && wait_port 58361 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 58365 caddy && wait_port 58366 caddy && UP[caddy]=1
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 58370 haproxy && wait_port 58372 haproxy && UP[haproxy]=1
fi
sleep 3  # HAProxy's health checks settle

NEW=$(stray_sockets)
[[ -z $NEW ]] || die "a server of this run listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 47 (held out): real responses captured by
# scripts/corpus/capture-round47.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as earlier rounds:
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
EXP=$A:58310 FLK=$A:58311 GOA=$A:58312 DJ=$A:58313 JS=$A:58314
EG=$A:58320 HPM=$A:58322 FGW=$A:58323 FAG=$A:58324 AIO=$A:58325 SAN=$A:58326 HPX=$A:58327
NEG=$A:58350 NEX=$A:58351 NHP=$A:58352 APA=$A:58360 APF=$A:58361 CFA=$A:58365 CDJ=$A:58366
HFG=$A:58370 HGO=$A:58371 HFF=$A:58372
JSONH=(-H 'Content-Type: application/json')
printf '{"sku":"A-1","qty":1,"note":"%s"}' "$(head -c 4096 /dev/zero | tr '\0' x)" >"$RUN/work/big.json"  # 4 KiB

# Stay clear of a minute boundary (the FastAPI gateway's quota window is the
# calendar minute): wait at most 5 s.
minute_safe() { local i; for i in $(seq 1 10); do (( 10#$(date +%S) < 56 )) && return 0; sleep 0.5; done; }

KEYH="Authorization: apiKey $EG_KEY"

# ===================================================== express-gateway ==
log "capturing: express-gateway in front of Express"
S=eg-express
cap $S eg-401-no-key.txt 401 identity express-gateway "key-auth policy, no key at all: the gateway's text 401" "'Unauthorized', no WWW-Authenticate" -- -sv $EG/api/orders/1
cap $S eg-403-key-without-scope.txt 403 identity express-gateway "a valid key without the 'admin' scope the endpoint requires: the gateway's text 403" "'Forbidden'" -- -sv -H "$KEYH" $EG/api/admin/reports
cap $S eg-401-jwt-expired.txt 401 identity express-gateway "jwt policy on /mobile/*: a token that expired an hour ago" "the same text 401" -- -sv -H "Authorization: Bearer $EG_JWT_EXPIRED" $EG/mobile/api/orders/1
capbody body-only-paste body-eg-401-text.txt 0/401 identity express-gateway "key-auth's text body, no key" "no number; 'Unauthorized'" -- $EG/api/orders/1
caphttp $S eg-401-jwt-bad-signature-httpie.txt 401 identity express-gateway "jwt policy: a token signed with another key" "HTTPie with colours" -- -v GET $EG/mobile/api/orders/1 "Authorization:Bearer $EG_JWT_BADSIG"
cap $S express-200-via-eg-jwt.txt 200 app express "a valid JWT: Express's answer through the gateway (stripPath)" "" -- -sv -H "Authorization: Bearer $EG_JWT_OK" $EG/mobile/api/orders/1
cap $S express-200-via-eg-rate-limit-headers.txt 200 app express "the rate-limited catalog, first call: Express's 200 with the gateway's X-RateLimit-* headers" "curl -si" -- -si $EG/api/catalog
cap $S eg-429-rate-limit.txt 429 proxy express-gateway "rate-limit policy (max 1 a minute): the second call" "express-rate-limit 2.x text, Retry-After" -- -sv $EG/api/catalog
capbody body-only-paste body-eg-429-text.txt 0/429 proxy express-gateway "the rate-limit policy's text" "no number" -- $EG/api/catalog
cap $S eg-404-no-pipeline.txt 404 proxy express-gateway "a path no apiEndpoint matches: Express 4's 'Cannot GET' inside the gateway" "curl -si" -- -si $EG/v2/orders
cap $S eg-502-upstream-refused.txt 502 proxy express-gateway "proxy policy to a service endpoint that is not running" "'Bad gateway.'" -- -sv $EG/legacy/api/items
capraw $S eg-500-expression-policy.txt 500 proxy express-gateway "/api/reports/ without X-Tenant: the expression policy that lower-cases it throws, Express 4's 500 page in production" "curl -si saved to a file (CRs kept)" -- -si $EG/api/reports/daily
cap $S express-201-via-eg.txt 201 app express "a valid key: Express creates the order" "curl -si" -- -si -H "$KEYH" "${JSONH[@]}" -d '{"sku":"A-1","qty":2}' $EG/api/orders
cap $S express-404-via-eg.txt 404 app express "a valid key, unknown order: Express's JSON 404" "" -- -sv -H "$KEYH" $EG/api/orders/7
caphttp $S express-422-via-eg-httpie.txt 422 app express "HTTPie, a valid key, qty 0" "HTTPie with colours" -- -v POST "$EG/api/orders?apiKey=$EG_KEY" sku=A-1 qty:=0
cap $S express-409-via-eg.txt 409 app express "cancelling a shipped order" "" -- -sv -X POST -H "$KEYH" $EG/api/orders/1/cancel
cap $S express-401-via-eg.txt 401 app express "the admin key sent as ?apiKey=: the gateway lets it through, Express's own Bearer check answers 401" "WWW-Authenticate: Bearer realm=\"api\"" -- -sv "$EG/api/admin/reports?apiKey=$EG_ADMIN_KEY"
cap $S express-500-via-eg.txt 500 app express "a TypeError in the handler: Express 5's 500 page through the gateway" "curl -si" -- -si -H "$KEYH" $EG/api/boom
capwin $S express-503-via-eg.txt 503 app express "the app's maintenance 503 through the gateway" "curl -si pasted with CRLF" -- -si -H "$KEYH" $EG/api/maintenance
caphead headers-only-paste head-eg-401.txt 401 identity express-gateway "curl -sI, no key" "" -- $EG/api/orders/1

if up nginx; then
    log "capturing: nginx in front of express-gateway"
    S=nginx-eg-express
    cap $S nginx-413-before-eg.txt 413 proxy nginx "a 4 KiB body, client_max_body_size 2k: nginx answers before the gateway sees it" "" -- -sv -H "$KEYH" "${JSONH[@]}" --data-binary @big.json $NEG/api/orders
    cap $S nginx-504-eg-reports.txt 504 proxy nginx "the gateway's /reports/ pipeline waits 10 s; nginx's proxy_read_timeout 2s fires" "curl -si" -- -si $NEG/reports/api/slow
    cap $S eg-401-via-nginx.txt 401 identity express-gateway "key-auth's 401 relayed by nginx" "Server: nginx/1.22.1" -- -sv $NEG/api/orders/1
    cap $S express-404-via-nginx-eg.txt 404 app express "Express's JSON 404 through nginx and the gateway" "" -- -sv -H "$KEYH" $NEG/api/orders/7
fi

# ============================== Express + http-proxy-middleware gateway ==
log "capturing: the Express + http-proxy-middleware gateway in front of Flask"
S=hpm-gateway-flask
K1='X-API-Key: k-live-7f3a9c2e'
cap $S hpmgw-401-no-api-key.txt 401 identity express "no X-API-Key: the gateway's JSON 401" "WWW-Authenticate: ApiKey" -- -sv $HPM/api/orders/1
cap $S hpmgw-403-unknown-api-key.txt 403 identity express "an X-API-Key the gateway does not know" "curl -si" -- -si -H 'X-API-Key: k-test-000000' $HPM/api/orders/1
caphttp $S hpmgw-401-jwt-missing-httpie.txt 401 identity express "HTTPie, /partner/* without a token: express-jwt's credentials_required, JSON from the gateway's error handler" "HTTPie with colours" -- -v GET $HPM/partner/api/orders/1
cap $S hpmgw-401-jwt-expired.txt 401 identity express "express-jwt: an expired token" "'jwt expired'" -- -sv -H "Authorization: Bearer $HPM_JWT_EXPIRED" $HPM/partner/api/orders/1
quiet -H "$K1" $HPM/api/catalog
quiet -H "$K1" $HPM/api/catalog
cap $S hpmgw-429-rate-limit.txt 429 proxy express "express-rate-limit (2 a minute, draft-7 headers, the stock message) on /api/catalog" "curl -si" -- -si -H "$K1" $HPM/api/catalog
caphead headers-only-paste head-hpmgw-429.txt 429 proxy express "curl -sI, the catalog limit again" "RateLimit headers" -- -H "$K1" $HPM/api/catalog
cap $S hpmgw-413-body-limit.txt 413 proxy express "a 4 KiB body: the gateway's own Content-Length check" "" -- -sv -H "$K1" "${JSONH[@]}" --data-binary @big.json $HPM/api/orders
cap $S hpmgw-404-no-route.txt 404 proxy express "a path the gateway does not route: its JSON 404" "curl -si" -- -si $HPM/v2/orders
cap $S hpmgw-502-refused.txt 502 proxy http-proxy-middleware "the billing upstream is not running: the on.error handler's JSON 502" "" -- -sv -H "$K1" $HPM/api/billing/invoices
cap $S hpmgw-504-timeout.txt 504 proxy http-proxy-middleware "proxyTimeout 2000, the view sleeps 5 s: the on.error handler's JSON 504" "curl -si" -- -si -H "$K1" $HPM/api/slow
capbody body-only-paste body-hpmgw-502.txt 0/502 proxy http-proxy-middleware "the on.error handler's JSON 502" "no number" -- -H "$K1" $HPM/api/billing/refunds
capraw $S hpmgw-500-tenant-bug.txt 500 proxy express "a valid key on /api/reports/ without X-Tenant: the gateway's header rewrite throws, Express 5's 500 page" "curl -si saved to a file (CRs kept)" -- -si -H "$K1" $HPM/api/reports/daily
cap $S flask-200-via-hpmgw-jwt.txt 200 app flask "a valid partner JWT: Flask's order through the gateway" "curl -si" -- -si -H "Authorization: Bearer $HPM_JWT_OK" $HPM/partner/api/orders/1
cap $S flask-201-via-hpmgw.txt 201 app flask "a valid key: Flask creates the order" "" -- -sv -H "$K1" "${JSONH[@]}" -d '{"sku":"A-1","qty":2}' $HPM/api/orders
cap $S flask-400-via-hpmgw.txt 400 app flask "no sku: Flask's JSON 400" "curl -si" -- -si -H "$K1" "${JSONH[@]}" -d '{"qty":2}' $HPM/api/orders
cap $S flask-401-via-hpmgw.txt 401 app flask "a valid key but no Bearer token: Flask's own 401" "WWW-Authenticate: Bearer realm=\"orders\"" -- -sv -H "$K1" $HPM/api/admin/reports
cap $S flask-404-via-hpmgw.txt 404 app flask "a valid key, unknown order" "curl -si" -- -si -H "$K1" $HPM/api/orders/7
cap $S flask-422-via-hpmgw.txt 422 app flask "qty 0" "" -- -sv -H "$K1" "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $HPM/api/orders
cap $S flask-500-via-hpmgw.txt 500 app flask "a TypeError: Flask's 500 page through the gateway" "curl -si" -- -si -H "$K1" $HPM/api/boom
capwin $S flask-503-via-hpmgw.txt 503 app flask "the app's maintenance 503" "curl -si pasted with CRLF" -- -si -H "$K1" $HPM/api/maintenance

if up nginx; then
    S=nginx-hpmgw-flask
    cap $S flask-404-via-nginx-hpmgw.txt 404 app flask "Flask's JSON 404 through nginx and the gateway" "curl -si" -- -si -H "$K1" $NHP/api/orders/7
fi

# ========================================== Fastify + @fastify/http-proxy ==
log "capturing: the Fastify gateway in front of the Go service"
S=fastify-gateway-go
RD="Authorization: Bearer $FGW_JWT_READ"
WR="Authorization: Bearer $FGW_JWT_WRITE"
cap $S fgw-401-no-token.txt 401 identity fastify-http-proxy "no Authorization header: @fastify/jwt's 401" "FST_JWT_NO_AUTHORIZATION_IN_HEADER" -- -sv $FGW/api/shipments/SH-1
cap $S fgw-401-token-expired.txt 401 identity fastify-http-proxy "an expired token" "curl -si; FST_JWT_AUTHORIZATION_TOKEN_EXPIRED" -- -si -H "Authorization: Bearer $FGW_JWT_EXPIRED" $FGW/api/shipments/SH-1
cap $S fgw-403-missing-scope.txt 403 identity fastify-http-proxy "POST with a read-only token: the preHandler's JSON 403" "" -- -sv -H "$RD" "${JSONH[@]}" -d '{"address":"Berlin"}' $FGW/api/shipments
caphead headers-only-paste head-fgw-401.txt 401 identity fastify-http-proxy "curl -sI, no token" "" -- $FGW/api/shipments/SH-1
cap $S go-500-text-via-fgw.txt 500 app go-net-http "the rate-limited quote route, first call: Go's http.Error text 500 with the limiter's headers" "curl -si" -- -si -H "$RD" $FGW/api/rates/quote
cap $S fgw-429-rate-limit.txt 429 proxy fastify-http-proxy "@fastify/rate-limit (1 a minute) on /api/rates: the second call" "" -- -sv -H "$RD" $FGW/api/rates/quote
cap $S fgw-413-body-limit.txt 413 proxy fastify-http-proxy "a 4 KiB JSON body, bodyLimit 1 KiB: Fastify's 413 in the gateway" "curl -si; FST_ERR_CTP_BODY_TOO_LARGE" -- -si -H "$WR" "${JSONH[@]}" --data-binary @big.json $FGW/api/shipments
cap $S fgw-404-no-route.txt 404 proxy fastify-http-proxy "a prefix the gateway does not route: Fastify's 'Route GET:... not found'" "curl -si" -- -si $FGW/v2/shipments
cap $S fgw-500-upstream-refused.txt 500 proxy fastify-http-proxy "the returns service is not running: reply-from's 500 (ECONNREFUSED)" "" -- -sv $FGW/returns/RT-1
capbody body-only-paste body-fgw-500-refused.txt 500/500 proxy fastify-http-proxy "reply-from's JSON 500 for a refused connection" "statusCode in the body" -- $FGW/returns/RT-2
cap $S fgw-504-upstream-timeout.txt 504 proxy fastify-http-proxy "requestOptions.timeout 2000, the handler sleeps 5 s" "curl -si; FST_REPLY_FROM_GATEWAY_TIMEOUT" -- -si -H "$RD" $FGW/api/slow
capraw $S fgw-500-tenant-bug.txt 500 proxy fastify-http-proxy "a valid token on /api/reports/ without X-Tenant: the preHandler throws, Fastify's JSON 500" "curl -si saved to a file (CRs kept)" -- -si -H "$RD" $FGW/api/reports/daily
cap $S go-200-via-fgw.txt 200 app go-net-http "a read token: the Go service's shipment" "" -- -sv -H "$RD" $FGW/api/shipments/SH-1
cap $S go-201-via-fgw.txt 201 app go-net-http "a write token: the shipment is created" "curl -si" -- -si -H "$WR" "${JSONH[@]}" -d '{"address":"Berlin"}' $FGW/api/shipments
cap $S go-404-json-via-fgw.txt 404 app go-net-http "the public /tracking/ route, unknown shipment: Go's JSON 404" "" -- -sv $FGW/tracking/SH-9
cap $S go-404-servemux-via-fgw.txt 404 app go-net-http "a path under /api/ the Go service does not have: ServeMux's '404 page not found'" "curl -si" -- -si -H "$RD" $FGW/api/v2/zones
cap $S go-409-via-fgw.txt 409 app go-net-http "cancelling a dispatched shipment" "curl -si" -- -si -X POST -H "$WR" $FGW/api/shipments/SH-1/cancel
caphttp $S go-422-via-fgw-httpie.txt 422 app go-net-http "HTTPie, a write token, no address" "HTTPie with colours" -- -v POST $FGW/api/shipments "Authorization:Bearer $FGW_JWT_WRITE" weight:=2
cap $S go-401-via-fgw.txt 401 app go-net-http "a valid JWT but no X-Admin-Token: the Go service's own 401" "WWW-Authenticate: Token" -- -sv -H "$RD" $FGW/api/admin/carriers
capwin $S go-503-via-fgw.txt 503 app go-net-http "a POST while the service is in maintenance: Go's 503 passed (reply-from retries only GETs)" "curl -si pasted with CRLF" -- -si -H "$WR" "${JSONH[@]}" -d '{"address":"Berlin"}' $FGW/api/maintenance
cap $S fgw-504-after-503-retries.txt 504 proxy fastify-http-proxy "a GET on the maintenance route: reply-from retries the app's 503 (Retry-After 900 read as ms) until its 2 s timeout, then its own 504" "" -- -sv -H "$RD" $FGW/api/maintenance

if up haproxy; then
    log "capturing: HAProxy in front of the Fastify gateway"
    S=haproxy-fastify-gateway
    cap $S fgw-504-via-haproxy.txt 504 proxy fastify-http-proxy "timeout server 3s: the gateway's own 504 (2 s) comes back through HAProxy" "curl -si" -- -si -H "$RD" $HFG/api/slow
    cap $S haproxy-504-before-fgw.txt 504 load-balancer haproxy "the tighter entry (timeout server 1s): HAProxy's 504 before the gateway's" "" -- -sv -H "$RD" $HFF/api/slow
fi

# ======================================================= FastAPI gateway ==
log "capturing: the FastAPI gateway in front of Django"
S=fastapi-gateway-django
KF='X-API-Key: k-wms-ui-51c2'
cap $S fagw-401-no-api-key.txt 401 identity fastapi "APIKeyHeader with no X-API-Key: FastAPI's stock 401" "'Not authenticated', WWW-Authenticate: APIKey" -- -sv $FAG/api/items/SKU-1
cap $S fagw-403-unknown-api-key.txt 403 identity fastapi "an unknown key: the dependency's 403" "curl -si" -- -si -H 'X-API-Key: k-expired-0000' $FAG/api/items/SKU-1
capbody body-only-paste body-fagw-401.txt 0/401 identity fastapi "FastAPI's APIKeyHeader detail" "no number" -- $FAG/api/items/SKU-2
minute_safe
quiet -H 'X-API-Key: k-batch-import-9d0e' $FAG/api/items/SKU-1
cap $S fagw-429-quota.txt 429 proxy fastapi "the batch key's quota (1 a minute): the gateway's JSON 429 with Retry-After" "" -- -sv -H 'X-API-Key: k-batch-import-9d0e' $FAG/api/items/SKU-1
cap $S fagw-404-no-route.txt 404 proxy fastapi "a path outside /api/: FastAPI's {\"detail\":\"Not Found\"}" "" -- -sv $FAG/v2/items
cap $S fagw-502-refused.txt 502 proxy fastapi "the billing service is not running: httpx ConnectError mapped to a JSON 502" "curl -si" -- -si -H "$KF" $FAG/api/billing/invoices
cap $S fagw-504-timeout.txt 504 proxy fastapi "httpx timeout 2 s, the view sleeps 5 s: the gateway's JSON 504" "" -- -sv -H "$KF" $FAG/api/slow
cap $S fagw-500-tenant-bug.txt 500 proxy fastapi "a valid key on /api/reports/ without X-Tenant: the route raises AttributeError, Starlette's text 500" "curl -si" -- -si -H "$KF" $FAG/api/reports/daily
cap $S django-201-via-fagw.txt 201 app django "a valid key: the receipt is created" "curl -si; server: uvicorn (the gateway's)" -- -si -H "$KF" "${JSONH[@]}" -d '{"qty":4}' $FAG/api/receipts
cap $S django-401-via-fagw.txt 401 app django "a valid key but no Authorization: Django's own 401" "WWW-Authenticate: Token realm=\"wms\"" -- -sv -H "$KF" $FAG/api/admin/users
caphttp $S django-403-via-fagw-httpie.txt 403 app django "HTTPie, a user token without the permission" "HTTPie with colours" -- -v GET $FAG/api/admin/users "$KF" 'Authorization:Token 7c1e2f'
cap $S django-404-json-via-fagw.txt 404 app django "an unknown item: the view's JSON 404" "curl -si" -- -si -H "$KF" $FAG/api/items/SKU-9
cap $S django-404-page-via-fagw.txt 404 app django "a path under /api/ Django does not route: its stock 'Not Found' page" "" -- -sv -H "$KF" $FAG/api/stock-levels
cap $S django-409-via-fagw.txt 409 app django "cancelling a receipt that was put away" "curl -si" -- -si -X POST -H "$KF" $FAG/api/receipts/RCV-1/cancel
cap $S django-422-via-fagw.txt 422 app django "no qty" "" -- -sv -H "$KF" "${JSONH[@]}" -d '{"sku":"SKU-1"}' $FAG/api/receipts
cap $S django-500-via-fagw.txt 500 app django "a KeyError in the view: Django's 'Server Error (500)' page" "curl -si" -- -si -H "$KF" $FAG/api/boom
capraw $S django-503-via-fagw.txt 503 app django "the app's maintenance 503" "curl -si saved to a file (CRs kept)" -- -si -H "$KF" $FAG/api/maintenance

if up caddy; then
    log "capturing: Caddy in front of the FastAPI gateway"
    S=caddy-fastapi-gateway
    cap $S fagw-504-via-caddy.txt 504 proxy fastapi "the gateway's JSON 504 (2 s) before Caddy's response_header_timeout (3 s)" "curl -si" -- -si -H "$KF" $CFA/api/slow
    cap $S caddy-200-unknown-host.txt 200 proxy caddy "a Host no site block matches (the site is http://127.0.0.1:58365): Caddy's empty 200" "curl -si; Content-Length: 0" -- -si -H 'Host: api.example.com' $CFA/api/items/SKU-1
    cap $S django-404-via-caddy-fagw.txt 404 app django "Django's JSON 404 through Caddy and the gateway" "" -- -sv -H "$KF" $CFA/api/items/SKU-9
fi

# ======================================================= aiohttp gateway ==
log "capturing: the aiohttp gateway in front of Express"
S=aiohttp-gateway-express
AJ="Authorization: Bearer $AIO_JWT_OK"
cap $S aiogw-401-no-token.txt 401 identity aiohttp "no Bearer token: the JWT middleware's JSON 401" "WWW-Authenticate: Bearer ... error=\"invalid_request\"" -- -sv $AIO/api/orders/1
cap $S aiogw-401-expired.txt 401 identity aiohttp "an expired token (PyJWT ExpiredSignatureError)" "curl -si" -- -si -H "Authorization: Bearer $AIO_JWT_EXPIRED" $AIO/api/orders/1
quiet -H "$AJ" $AIO/api/catalog
quiet -H "$AJ" $AIO/api/catalog
caphttp $S aiogw-429-rate-limit-httpie.txt 429 proxy aiohttp "HTTPie, 2 a minute on /api/catalog: web.HTTPTooManyRequests" "HTTPie with colours; '429: Too Many Requests'" -- -v GET $AIO/api/catalog "Authorization:Bearer $AIO_JWT_OK"
cap $S aiogw-413-client-max-size.txt 413 proxy aiohttp "a 4 KiB body, client_max_size 1 KiB: aiohttp's own 413 when the gateway reads it" "curl -si" -- -si -H "$AJ" "${JSONH[@]}" --data-binary @big.json $AIO/api/orders
cap $S aiogw-404-no-route.txt 404 proxy aiohttp "a path the gateway does not route: '404: Not Found'" "" -- -sv $AIO/v2/orders
capwget $S aiogw-502-wget.txt 502 proxy aiohttp "wget, the loyalty service again" "wget -S -O-" -- --header="$AJ" $AIO/api/loyalty/tiers
cap $S aiogw-504-timeout.txt 504 proxy aiohttp "the client's 2 s total timeout, the handler sleeps 5 s: web.HTTPGatewayTimeout" "" -- -sv -H "$AJ" $AIO/api/slow
capbody body-only-paste body-aiogw-504.txt 504/504 proxy aiohttp "'504: Gateway Timeout'" "" -- -H "$AJ" $AIO/api/slow
cap $S aiogw-500-tenant-bug.txt 500 proxy aiohttp "a valid token on /api/reports/ without X-Tenant: the handler raises, aiohttp's 500 page" "curl -si; 'Server got itself in trouble'" -- -si -H "$AJ" $AIO/api/reports/daily
cap $S express-200-via-aiogw.txt 200 app express "a valid token: Express's order" "curl -si; Server: Python/3.11 aiohttp/3.14.5" -- -si -H "$AJ" $AIO/api/orders/1
cap $S express-404-via-aiogw.txt 404 app express "unknown order: Express's JSON 404" "" -- -sv -H "$AJ" $AIO/api/orders/7
cap $S express-405-via-aiogw.txt 405 app express "PUT on the collection: Express's JSON 405 with Allow" "curl -si" -- -si -X PUT -H "$AJ" $AIO/api/orders

if up apache; then
    log "capturing: Apache in front of the aiohttp gateway"
    S=apache-aiohttp-gateway
    cap $S express-409-via-apache-aiogw.txt 409 app express "Express's 409 through Apache and the gateway" "" -- -sv -X POST -H "$AJ" $APA/api/orders/1/cancel
fi

# ========================================================= Sanic gateway ==
log "capturing: the Sanic gateway in front of Flask"
S=sanic-gateway-flask
KS='X-Api-Token: t-ops-5520'
cap $S sanic-401-no-token.txt 401 identity sanic "no X-Api-Token: Unauthorized through Sanic's text error page" "WWW-Authenticate: Token realm=\"orders-edge\"" -- -sv $SAN/api/orders/1
cap $S sanic-403-unknown-token-json.txt 403 identity sanic "an unknown token, Accept: application/json: Sanic's JSON error" "curl -si" -- -si -H 'Accept: application/json' -H 'X-Api-Token: t-old-0001' $SAN/api/orders/1
quiet -H "$KS" $SAN/api/catalog
quiet -H "$KS" $SAN/api/catalog
cap $S sanic-429-rate-limit.txt 429 proxy sanic "2 a minute on /api/catalog: SanicException(429)" "curl -si" -- -si -H "$KS" $SAN/api/catalog
cap $S sanic-413-request-max-size.txt 413 proxy sanic "a 4 KiB body, REQUEST_MAX_SIZE 1 KiB: Sanic answers before any handler" "" -- -sv -H "$KS" "${JSONH[@]}" --data-binary @big.json $SAN/api/orders
cap $S sanic-404-no-route.txt 404 proxy sanic "a path the gateway does not route" "curl -si; 'Requested URL ... not found'" -- -si $SAN/v2/orders
capbody body-only-paste body-sanic-404-text.txt 404/404 proxy sanic "Sanic's text error page for an unrouted path" "the number in the page's title line" -- $SAN/v1/orders
cap $S sanic-502-refused.txt 502 proxy sanic "the payments service is not running: SanicException(502), browser Accept" "an HTML error page" -- -sv -H 'Accept: text/html,application/xhtml+xml' -H "$KS" $SAN/api/payments/refunds
caphttp $S sanic-504-timeout-httpie.txt 504 proxy sanic "HTTPie, the view sleeps 5 s, httpx timeout 2 s" "HTTPie with colours" -- -v GET $SAN/api/slow "$KS"
cap $S sanic-500-tenant-bug.txt 500 proxy sanic "a valid token on /api/reports/ without X-Tenant: the handler raises, Sanic's 500 page" "curl -si" -- -si -H "$KS" $SAN/api/reports/daily
cap $S flask-404-via-sanic.txt 404 app flask "a valid token, unknown order: Flask's JSON 404" "" -- -sv -H "$KS" $SAN/api/orders/7
cap $S flask-201-via-sanic.txt 201 app flask "a valid token: Flask creates the order" "curl -si" -- -si -H "$KS" "${JSONH[@]}" -d '{"sku":"A-1","qty":1}' $SAN/api/orders

# ======================================== node http-proxy + json-server ==
log "capturing: node's http-proxy gateway in front of json-server"
S=httpproxy-gateway-jsonserver
KJ='X-API-Key: cat-9e1b77'
cap $S hpxgw-401-no-key.txt 401 identity node-http-proxy "no X-API-Key: the gateway's JSON 401" "" -- -sv $HPX/api/v1/products/1
cap $S hpxgw-403-unknown-key.txt 403 identity node-http-proxy "an unknown key" "curl -si" -- -si -H 'X-API-Key: cat-000000' $HPX/api/v1/products/1
cap $S hpxgw-502-refused.txt 502 proxy node-http-proxy "the reviews service is not running: the error handler's JSON 502" "" -- -sv -H "$KJ" "$HPX/api/v1/reviews?product=1"
cap $S hpxgw-504-timeout.txt 504 proxy node-http-proxy "proxyTimeout 2000 against json-server --delay 5000: the error handler's JSON 504" "curl -si; code ECONNRESET" -- -si -H "$KJ" "$HPX/api/v1/recommendations?limit=3"
cap $S jsonserver-200-via-hpxgw.txt 200 app json-server "a product from json-server" "" -- -sv -H "$KJ" $HPX/api/v1/products/1
cap $S jsonserver-201-via-hpxgw.txt 201 app json-server "POST: json-server creates the product" "curl -si" -- -si -H "$KJ" "${JSONH[@]}" -d '{"sku":"DESK-03","name":"Standing desk","price":25900}' $HPX/api/v1/products
cap $S jsonserver-404-via-hpxgw.txt 404 app json-server "an unknown product: json-server's empty {} 404" "" -- -sv -H "$KJ" $HPX/api/v1/products/99
capbody body-only-paste body-jsonserver-404.txt 0/404 app json-server "json-server's {} for an unknown id" "no number" -- -H "$KJ" $HPX/api/v1/products/42

# ======================================= the same apps behind a front alone ==
if up nginx; then
    log "capturing: Express behind nginx alone"
    S=nginx-express
    cap $S express-404-via-nginx.txt 404 app express "unknown order: Express's JSON 404 through nginx" "Server: nginx/1.22.1" -- -sv $NEX/api/orders/7
    cap $S express-500-via-nginx.txt 500 app express "a TypeError: Express 5's 500 page through nginx" "curl -si" -- -si $NEX/api/boom
    cap $S nginx-502-legacy-down.txt 502 proxy nginx "a location whose upstream is not running" "curl -si" -- -si $NEX/legacy/api/items
    caphead headers-only-paste head-express-404-via-nginx.txt 404 app express "curl -sI through nginx, unknown order" "" -- $NEX/api/orders/7
fi
if up haproxy; then
    log "capturing: the Go service behind HAProxy alone"
    S=haproxy-go
    cap $S go-404-via-haproxy.txt 404 app go-net-http "unknown shipment: Go's JSON 404 through HAProxy" "" -- -sv $HGO/api/shipments/SH-9
    cap $S go-405-via-haproxy.txt 405 app go-net-http "DELETE on a shipment: http.Error's text 405 with Allow" "curl -si" -- -si -X DELETE $HGO/api/shipments/SH-1
    cap $S haproxy-504-go-slow.txt 504 load-balancer haproxy "timeout server 2s, the handler sleeps 5 s" "" -- -sv $HGO/api/slow
    caphead headers-only-paste head-haproxy-504.txt 504 load-balancer haproxy "curl -sI on the slow handler (HEAD runs it too)" "" -- $HGO/api/slow
fi
if up caddy; then
    log "capturing: Django behind Caddy alone"
    S=caddy-django
    cap $S django-400-disallowed-host.txt 400 app django "a Host not in ALLOWED_HOSTS: Django's 'Bad Request (400)' page through Caddy" "curl -si" -- -si -H 'Host: wms.internal.example' $CDJ/api/items/SKU-1
    cap $S django-500-via-caddy.txt 500 app django "a KeyError: Django's 500 page through Caddy" "" -- -sv $CDJ/api/boom
    cap $S caddy-504-django-slow.txt 504 proxy caddy "response_header_timeout 2s, the view sleeps 5 s: Caddy's empty 504" "curl -si" -- -si $CDJ/api/slow
fi
if up apache; then
    log "capturing: Flask behind Apache alone"
    S=apache-flask
    cap $S flask-422-via-apache.txt 422 app flask "qty 0: Flask's JSON 422 through Apache" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $APF/api/orders
    cap $S apache-502-flask-slow.txt 502 proxy apache "ProxyTimeout 2, the view sleeps 5 s: Apache's 502 Proxy Error page" "curl -si" -- -si $APF/api/slow
fi

# ====================================== upstreams and gateways go away ==
log "capturing: upstreams and gateways stopped"
if up nginx; then
    stop_name express-gateway
    sleep 0.5
    cap nginx-eg-express nginx-502-eg-stopped.txt 502 proxy nginx "express-gateway is stopped: nginx's 502" "curl -si" -- -si $NEG/api/orders/1
    stop_name hpm-gateway
    sleep 0.5
    capwget nginx-hpmgw-flask nginx-502-hpmgw-stopped-wget.txt 502 proxy nginx "the hpm gateway is stopped: nginx's 502" "wget -S -O-" -- $NHP/api/orders/1
fi
if up caddy; then
    stop_name fastapi-gateway
    sleep 0.5
    cap caddy-fastapi-gateway caddy-502-fagw-stopped.txt 502 proxy caddy "the FastAPI gateway is stopped: Caddy's empty 502" "curl -si" -- -si $CFA/api/items/SKU-1
fi
if up haproxy; then
    stop_name fastify-gateway
    sleep 2  # the health check (inter 500, fall 1) marks it down
    cap haproxy-fastify-gateway haproxy-503-fgw-stopped.txt 503 load-balancer haproxy "the Fastify gateway is stopped: no server is available" "" -- -sv $HFG/api/shipments/SH-1
fi
if up apache; then
    stop_name aiohttp-gateway
    sleep 0.5
    capwin apache-aiohttp-gateway apache-503-aiogw-stopped.txt 503 proxy apache "the aiohttp gateway is stopped: Apache's 503" "curl -si pasted with CRLF" -- -si $APA/api/orders/1
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round47/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
