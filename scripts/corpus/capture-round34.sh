#!/usr/bin/env bash
# capture-round34.sh — build the thirty-fourth held-out evidence corpus in
# tests/fixtures/evidence-round34/.
#
# Mainstream stacks in pairings the earlier rounds did not use, every front
# terminating TLS with a self-signed certificate and speaking HTTP/2 where it
# can, as production runs them: FastAPI under gunicorn+uvicorn behind Caddy
# (tls internal, h2); Flask under gunicorn and Django under gunicorn behind
# HAProxy (ssl crt, alpn h2); Koa behind nginx (ssl http2); Sinatra under
# Puma behind Apache (mod_ssl, mod_http2); Go's net/http behind Varnish
# behind hitch (TLS, h2). The errors on-call engineers meet: a dead
# upstream, a 2 s timeout, a body too large, auth refused by the app, rate
# limits, 404s, 500s in production mode, maintenance 503s, the front's own
# 404 for a static path. Paste forms: curl -sv (with the TLS lines) and -si
# transcripts (some with their CRs, some with CRLF), HTTPie with colours and
# --verify=no, wget -S --no-check-certificate, body-only and headers-only
# pastes.
#
#   scripts/corpus/capture-round34.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round34.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round34.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round34.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports 52000-52999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs run under
# `nice -n 15`. Labels are written by finish_round34.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round34"
RUN=/tmp/api-triage-corpus34
STAGE="$RUN/evidence"
CONF="$HERE/conf-round34"
APPS="$HERE/apps34"
VENV=${CORPUS_VENV34:-/tmp/api-triage-corpus34-venv}
NODE_DIR=${CORPUS_NODE34:-/tmp/api-triage-corpus34-node}
GODIR=${CORPUS_GO34:-/tmp/api-triage-corpus34-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(flask==3.1.3 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0 django==5.2.19)
NPM=(koa@2.16.4 @koa/router koa-bodyparser)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus34 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openssl python3-venv nodejs golang-go ruby-sinatra puma apache2 nginx haproxy caddy varnish hitch)
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


install_venv() {  # Flask, FastAPI, Django and their servers, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, fastapi, django, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # Koa, from npm
    [[ -e $NODE_DIR/node_modules/koa/package.json && -e $NODE_DIR/node_modules/@koa/router/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus34","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # the standard library only, offline
    [[ -x $GODIR/go_app && $GODIR/go_app -nt $APPS/go_app.go ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the Go app is not built"; return 0; }
    mkdir -p "$GODIR"
    log "go build"
    (cd "$APPS" && GO111MODULE=off GOPROXY=off GOCACHE="$GODIR/cache" \
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GODIR/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
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
    if ! FINISH_FORM=${FORM:-i} FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round34.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
        MISMATCH=$((MISMATCH + 1))
    fi
    COUNT=$((COUNT + 1))
}

# how the finish script reads the status: the last `< HTTP/..` of curl -v, the
# first `HTTP/..` line of curl -i
form_of() { local a; for a in "$@"; do [[ $a == -sv || $a == -v || $a == -skv || $a == -vk ]] && { echo v; return; }; done; echo i; }

# cap SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# A whole transcript as copied from a terminal (CRs gone).
cap() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl "$@" >"$dest"
    in_work timeout 20 curl "$@" >>"$dest" 2>&1
    local FORM=$(form_of "$@")
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
    local FORM=body
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
    local FORM=i
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
    local FORM=httpie
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
    local FORM=i
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
    local FORM=wget
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
[[ -z ${SKIPPED[npm]:-} ]] || die "Koa is missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/go_app ]] || die "the Go app did not build (${SKIPPED[go]:-?})"

APP_PORTS=(52010 52011 52012 52013 52015)
OTHER_PORTS=(52014 52050 52060 52061 52070 52080 52090 52091)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" 52094 52095 52096 52097 52098 52099; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# a self-signed certificate for every TLS front
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 3 -subj "/CN=api.example.test" \
    -addext "subjectAltName=DNS:api.example.test,IP:127.0.0.1" \
    -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" >"$RUN/logs/openssl.log" 2>&1 || log "openssl failed"
cat "$RUN/tls/cert.pem" "$RUN/tls/key.pem" >"$RUN/tls/combined.pem"
chmod 755 "$RUN/tls"; chmod 644 "$RUN/tls"/*.pem

# static files and the maintenance page, shared by the fronts
mkdir -p "$RUN"/www/static
printf 'body { font-family: sans-serif; }\n' >"$RUN/www/static/app.css"
cp "$CONF/maintenance.html" "$RUN/www/maintenance.html"
chmod -R a+rX "$RUN/www"

# ---- apps -------------------------------------------------------------------
declare -A UP=()
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 2 --timeout 30)
start_bg fastapi "${GUNICORN[@]}" -k uvicorn.workers.UvicornWorker -b 127.0.0.1:52010 fastapi_app:app
start_bg flask "${GUNICORN[@]}" -b 127.0.0.1:52011 flask_app:app
start_bg django "${GUNICORN[@]}" -b 127.0.0.1:52012 django_app:application
start_bg koa env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/koa_app.js" 52013
start_bg go nice -n 5 "$GODIR/go_app" 52015
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done
if have ruby-sinatra && have puma; then
    start_bg puma-sinatra nice -n 5 puma -e production -t 2:8 -b tcp://127.0.0.1:52014 "$APPS/sinatra_app.ru"
    wait_port 52014 puma-sinatra && UP[sinatra]=1
fi

# ---- front layers ------------------------------------------------------------
if have caddy; then
    mkdir -p "$RUN"/caddy/data
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy" \
        caddy run --config "$RUN/caddy/Caddyfile" --adapter caddyfile
    wait_port 52050 caddy && UP[caddy]=1
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 52060 haproxy && wait_port 52061 haproxy && UP[haproxy]=1
fi
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 52080 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2 && up sinatra; then
    mkdir -p "$RUN"/apache
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 52070 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have varnish && have hitch; then
    mkdir -p "$RUN"/varnish "$RUN"/hitch
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:52090 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m -p feature=+http2
    render "$CONF/hitch.conf" "$RUN/hitch/hitch.conf"
    wait_port 52090 varnish && {
        start_bg hitch hitch --config="$RUN/hitch/hitch.conf"
        wait_port 52091 hitch && UP[varnish]=1
    }
fi
sleep 5  # HAProxy's health checks settle (inter 2s, rise 2 / fall 3)

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }
cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 34 (held out): real responses captured by
# scripts/corpus/capture-round34.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as the earlier rounds:
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

T=https://127.0.0.1
CF=$T:52050 HF=$T:52060 HD=$T:52061 AS=$T:52070 NK=$T:52080 VH=$T:52091
JSONH=(-H 'Content-Type: application/json')
NV=--verify=no
NC=--no-check-certificate
head -c 2097152 /dev/zero | tr '\0' x >"$RUN/work/scan.pdf"      # a 2 MiB upload
head -c 4096 /dev/zero | tr '\0' x >"$RUN/work/note.txt"         # 4 KiB
printf '{"email":"a@b.c","bio":"%s"}' "$(head -c 4096 /dev/zero | tr '\0' x)" >"$RUN/work/user.json"  # 4 KiB JSON

# ================================================= FastAPI + Caddy TLS ==
if up caddy; then
    log "capturing: FastAPI behind Caddy (tls internal, h2)"
    S=fastapi-caddy-tls
    cap $S fastapi-404-caddy-h2.txt 404 app fastapi "unknown order: HTTPException(404) {\"detail\":\"Order not found\"}" "curl -skv, HTTP/2 over TLS" -- -skv $CF/api/orders/7
    cap $S fastapi-422-caddy.txt 422 app fastapi "POST with qty 0: FastAPI's validation list" "curl -sik, HTTP/2" -- -sik "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $CF/api/orders
    cap $S fastapi-405-caddy.txt 405 app fastapi "DELETE on a GET route: FastAPI's 405" "" -- -skv -X DELETE $CF/api/orders/1
    cap $S fastapi-401-caddy.txt 401 app fastapi "no token: HTTPException(401) with WWW-Authenticate: Bearer" "curl -sik" -- -sik $CF/api/admin/orders
    caphttp $S fastapi-401-httpie-caddy.txt 401 app fastapi "HTTPie with a wrong token: the same 401" "HTTPie --verify=no, colours" -- -v $NV GET $CF/api/admin/orders 'Authorization:Bearer expired'
    cap $S fastapi-429-caddy.txt 429 app fastapi "the export endpoint's own rate limit JSON 429 with Retry-After" "" -- -skv $CF/api/export
    cap $S fastapi-413-app-caddy.txt 413 app fastapi "a 4 KiB attachment: the app refuses it itself" "curl -sik" -- -sik -H 'Content-Type: text/plain' --data-binary @note.txt $CF/api/attachments
    cap $S fastapi-500-caddy.txt 500 app fastapi "a RuntimeError, debug off: Starlette's text 'Internal Server Error'" "" -- -skv $CF/api/boom
    capwin $S fastapi-503-caddy-crlf.txt 503 app fastapi "the app's maintenance JSON 503" "curl -sik pasted with CRLF" -- -sik $CF/api/maintenance
    cap $S caddy-504-fastapi-slow.txt 504 proxy caddy "the endpoint sleeps 5 s, response_header_timeout 2s: Caddy's empty 504" "curl -skv, HTTP/2" -- -skv $CF/api/slow
    capraw $S caddy-504-fastapi-slow-raw.txt 504 proxy caddy "the same timeout, another page" "curl -sik saved to a file (CRs kept)" -- -sik "$CF/api/slow?page=2"
    cap $S caddy-502-billing-down.txt 502 proxy caddy "/billing/* to a service that is not running: Caddy's empty 502" "" -- -skv $CF/billing/invoices/1
    capwget $S caddy-502-billing-wget.txt 502 proxy caddy "wget, the same dead billing service" "wget -S --no-check-certificate" -- $NC $CF/billing/invoices/2
    cap $S caddy-404-static.txt 404 proxy caddy "a bundle the deploy did not ship: Caddy's file_server 404 (never reaches the app)" "curl -sik" -- -sik $CF/static/app.9f1c.js
    cap $S caddy-503-maintenance.txt 503 proxy caddy "/api/payments/* closed by Caddy itself: respond ... 503" "curl -skv, HTTP/2" -- -skv $CF/api/payments/charges
    caphttp $S caddy-503-maintenance-httpie.txt 503 proxy caddy "HTTPie during the payments maintenance" "HTTPie --verify=no, colours" -- -v $NV GET $CF/api/payments/refunds
fi

# ======================================== Flask + Django + HAProxy TLS ==
if up haproxy; then
    log "capturing: Flask and Django behind HAProxy (ssl, alpn h2)"
    S=flask-haproxy-tls
    cap $S flask-404-json-haproxy.txt 404 app flask "unknown invoice: the view's JSON 404" "curl -skv, HTTP/2 over TLS" -- -skv $HF/api/invoices/7
    cap $S flask-404-html-haproxy.txt 404 app flask "no route: Flask's stock 'Not Found' HTML page" "curl -sik" -- -sik $HF/api/v2/invoices
    cap $S flask-405-haproxy.txt 405 app flask "DELETE on a GET route: Flask's 405 page" "" -- -skv -X DELETE $HF/api/invoices/1
    cap $S flask-422-haproxy.txt 422 app flask "POST without amount: the JSON 422" "curl -sik" -- -sik "${JSONH[@]}" -d '{"currency":"EUR"}' $HF/api/invoices
    cap $S flask-413-werkzeug-haproxy.txt 413 app flask "a 4 KiB body over MAX_CONTENT_LENGTH 1 KiB: Werkzeug's 413 page" "" -- -skv "${JSONH[@]}" --data-binary @user.json $HF/api/invoices
    cap $S flask-401-haproxy.txt 401 app flask "no token: the JSON 401 with WWW-Authenticate" "curl -sik" -- -sik $HF/api/admin/invoices
    caphttp $S flask-403-httpie-haproxy.txt 403 app flask "HTTPie: the viewer role may not read reports" "HTTPie --verify=no, colours" -- -v $NV GET $HF/api/reports
    cap $S flask-429-haproxy.txt 429 app flask "the export quota: the view's JSON 429" "" -- -skv $HF/api/export
    cap $S flask-500-haproxy.txt 500 app flask "a TypeError: Flask's stock 500 page" "curl -sik" -- -sik $HF/api/boom
    capraw $S flask-503-haproxy-raw.txt 503 app flask "the view's maintenance JSON 503" "curl -sik saved to a file (CRs kept)" -- -sik $HF/api/maintenance
    cap $S haproxy-504-flask-slow.txt 504 load-balancer haproxy "the view sleeps 5 s, timeout server 2s" "curl -skv, HTTP/2" -- -skv $HF/api/slow
    capwin $S haproxy-504-flask-slow-crlf.txt 504 load-balancer haproxy "the same timeout" "curl -sik pasted with CRLF" -- -sik "$HF/api/slow?page=3"
    cap $S haproxy-503-reports-down.txt 503 load-balancer haproxy "/reports/: the only server fails its checks" "" -- -skv $HF/reports/daily
    capwget $S haproxy-503-reports-wget.txt 503 load-balancer haproxy "wget, the same DOWN backend" "wget -S --no-check-certificate" -- $NC $HF/reports/weekly
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "http-request deny on /internal/" "curl -sik" -- -sik $HF/internal/metrics
    cap $S haproxy-503-maintenance-json.txt 503 load-balancer haproxy "/api/payments/ closed by HAProxy: http-request return 503 with JSON" "curl -skv, HTTP/2" -- -skv $HF/api/payments/charges
    quiet -k "$HF/api/search?q=a"
    quiet -k "$HF/api/search?q=b"
    cap $S haproxy-429-search.txt 429 load-balancer haproxy "stick-table rate limit on /api/search: deny_status 429" "" -- -skv "$HF/api/search?q=c"

    S=django-haproxy-tls
    cap $S django-404-json-haproxy.txt 404 app django "unknown account: Http404, Django's stock 'Not Found' page (DEBUG off)" "curl -skv, HTTP/2 over TLS" -- -skv $HD/api/accounts/7
    cap $S django-404-no-route-haproxy.txt 404 app django "no route: Django's stock 404 page" "curl -sik" -- -sik $HD/api/v2/accounts
    cap $S django-403-csrf-haproxy.txt 403 app django "POST without a CSRF token: Django's 403 'CSRF verification failed' page" "" -- -skv -X POST -d 'name=x' $HD/api/profile
    cap $S django-401-haproxy.txt 401 app django "no credentials: the view's JSON 401" "curl -sik" -- -sik $HD/api/me
    caphttp $S django-429-httpie-haproxy.txt 429 app django "HTTPie: the view's throttled JSON 429" "HTTPie --verify=no, colours" -- -v $NV GET $HD/api/export
    cap $S django-400-too-big-haproxy.txt 400 app django "a 4 KiB form over DATA_UPLOAD_MAX_MEMORY_SIZE: Django's 400 'Bad Request (400)'" "" -- -skv --data-urlencode "bio@note.txt" $HD/api/notes
    cap $S django-500-haproxy.txt 500 app django "a ZeroDivisionError, DEBUG off: 'Server Error (500)'" "curl -sik" -- -sik $HD/api/boom
    cap $S django-503-haproxy.txt 503 app django "the view's maintenance JSON 503" "" -- -skv $HD/api/billing
    cap $S haproxy-504-django-slow.txt 504 load-balancer haproxy "the view sleeps 5 s, timeout server 2s" "curl -sik" -- -sik $HD/api/slow
    cap $S haproxy-503-legacy-down.txt 503 load-balancer haproxy "/legacy/ to a server that is not running (no check): connection refused" "curl -skv, HTTP/2" -- -skv $HD/legacy/accounts
fi

# ======================================================= Koa + nginx TLS ==
if up nginx; then
    log "capturing: Koa behind nginx (ssl http2)"
    S=koa-nginx-tls
    cap $S koa-404-plain-nginx.txt 404 app koa "no route: Koa's plain 'Not Found'" "curl -skv, HTTP/2 over TLS" -- -skv $NK/api/v2/users
    cap $S koa-404-json-nginx.txt 404 app koa "unknown user: the handler's JSON 404" "curl -sik" -- -sik $NK/api/users/7
    cap $S koa-401-nginx.txt 401 app koa "ctx.throw(401): Koa's plain 'Unauthorized'" "" -- -skv $NK/api/admin/users
    caphttp $S koa-403-httpie-nginx.txt 403 app koa "HTTPie: the plan does not include the feature" "HTTPie --verify=no, colours" -- -v $NV GET $NK/api/account
    cap $S koa-422-nginx.txt 422 app koa "POST without email: the JSON 422" "curl -sik" -- -sik "${JSONH[@]}" -d '{"name":"ada"}' $NK/api/users
    cap $S koa-413-bodyparser-nginx.txt 413 app koa "a 4 KiB JSON body over jsonLimit 1kb: koa-bodyparser's 413" "" -- -skv "${JSONH[@]}" --data-binary @user.json $NK/api/users
    cap $S koa-500-nginx.txt 500 app koa "a TypeError: Koa's plain 'Internal Server Error'" "curl -sik" -- -sik $NK/api/boom
    capwin $S koa-503-nginx-crlf.txt 503 app koa "the handler's maintenance JSON 503" "curl -sik pasted with CRLF" -- -sik $NK/api/maintenance
    cap $S koa-404-search-nginx.txt 404 app koa "the search route does not exist in Koa: 'Not Found' (the first request inside limit_req)" "" -- -skv "$NK/api/search?q=a"
    quiet -k "$NK/api/search?q=b"
    cap $S nginx-429-limit-req-tls.txt 429 proxy nginx "limit_req (1r/m, burst 1): nginx's stock 429 page" "curl -skv, HTTP/2" -- -skv "$NK/api/search?q=c"
    cap $S nginx-504-koa-slow.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 2s" "curl -skv, HTTP/2" -- -skv $NK/api/slow
    capraw $S nginx-504-koa-slow-raw.txt 504 proxy nginx "the same timeout" "curl -sik saved to a file (CRs kept)" -- -sik "$NK/api/slow?page=2"
    cap $S nginx-502-billing-tls.txt 502 proxy nginx "/billing/ to a service that is not running" "curl -sik" -- -sik $NK/billing/invoices/1
    capwget $S nginx-502-billing-wget.txt 502 proxy nginx "wget, the same dead service" "wget -S --no-check-certificate" -- $NC $NK/billing/invoices/2
    cap $S nginx-413-upload-tls.txt 413 proxy nginx "a 2 MiB upload over client_max_body_size 1m" "" -- -skv -H 'Content-Type: application/pdf' --data-binary @scan.pdf $NK/api/users
    cap $S nginx-404-static-tls.txt 404 proxy nginx "a missing stylesheet under /static/: nginx's own 404" "curl -sik" -- -sik $NK/static/app.4e1b.css
    cap $S nginx-503-maintenance-tls.txt 503 proxy nginx "/api/payments/ closed by nginx: return 503 with a static maintenance page" "curl -skv, HTTP/2" -- -skv $NK/api/payments/charges
fi

# ================================================= Sinatra + Apache TLS ==
if up apache; then
    log "capturing: Sinatra behind Apache (mod_ssl, h2)"
    S=sinatra-apache-tls
    cap $S sinatra-404-json-apache.txt 404 app sinatra "unknown ticket: halt 404 with JSON" "curl -skv, HTTP/2 over TLS" -- -skv $AS/api/tickets/7
    cap $S sinatra-404-default-apache.txt 404 app sinatra "no route: Sinatra's '<h1>Not Found</h1>'" "curl -sik" -- -sik $AS/api/v2/tickets
    cap $S sinatra-401-apache.txt 401 app sinatra "no token: the route's JSON 401" "" -- -skv $AS/api/admin/tickets
    cap $S sinatra-422-apache.txt 422 app sinatra "POST without subject: the JSON 422" "curl -sik" -- -sik "${JSONH[@]}" -d '{}' $AS/api/tickets
    caphttp $S sinatra-429-httpie-apache.txt 429 app sinatra "HTTPie: the route's JSON 429" "HTTPie --verify=no, colours" -- -v $NV GET $AS/api/search q==printer
    cap $S sinatra-500-apache.txt 500 app sinatra "a NoMethodError, production: Sinatra's '<h1>Internal Server Error</h1>'" "" -- -skv $AS/api/boom
    cap $S sinatra-503-apache.txt 503 app sinatra "the route's maintenance JSON 503 (no ProxyErrorOverride: passed)" "curl -sik" -- -sik $AS/api/maintenance
    cap $S apache-502-sinatra-slow.txt 502 proxy apache "the route sleeps 5 s, ProxyTimeout 2: Apache's 502 'Proxy Error'" "curl -skv, HTTP/2" -- -skv $AS/api/slow
    capwin $S apache-502-sinatra-slow-crlf.txt 502 proxy apache "the same timeout" "curl -sik pasted with CRLF" -- -sik "$AS/api/slow?page=2"
    cap $S apache-503-legacy-down.txt 503 proxy apache "/legacy/ to a backend that is not running: Apache's 503" "" -- -skv $AS/legacy/tickets
    capwget $S apache-503-legacy-wget.txt 503 proxy apache "wget, the same dead backend" "wget -S --no-check-certificate" -- $NC $AS/legacy/queues
    cap $S apache-404-static-tls.txt 404 proxy apache "a missing stylesheet under /static/: Apache's own 404 (served from disk)" "curl -sik" -- -sik $AS/static/app.77aa.css
    cap $S apache-503-maintenance-tls.txt 503 proxy apache "/api/payments/ closed by Apache: RewriteRule R=503, ErrorDocument a static page" "curl -skv, HTTP/2" -- -skv $AS/api/payments/checkout
fi

# ======================================== Go + Varnish + hitch (TLS) ==
if up varnish; then
    log "capturing: Go's net/http behind Varnish behind hitch"
    S=go-varnish-hitch
    cap $S go-200-catalog-miss.txt 200 app go-net-http "the first request for the catalog: a MISS" "curl -skv, HTTP/2 over TLS; X-Cache: MISS" -- -skv $VH/api/catalog
    cap $S varnish-200-catalog-hit.txt 200 cdn-cache varnish "the catalog again: from Varnish's store" "curl -sik; X-Cache: HIT" -- -sik $VH/api/catalog
    cap $S varnish-304-etag.txt 304 cdn-cache varnish "If-None-Match with the cached ETag: Varnish's own 304" "" -- -skv -H 'If-None-Match: "catalog-v7"' $VH/api/catalog
    cap $S go-404-plain-varnish.txt 404 app go-net-http "unknown shipment: http.Error 'shipment not found'" "curl -sik" -- -sik $VH/api/shipments/9
    cap $S go-404-default-varnish.txt 404 app go-net-http "no route: Go's '404 page not found'" "curl -skv, HTTP/2" -- -skv $VH/api/v2/shipments
    cap $S go-409-problem-varnish.txt 409 app go-net-http "a dispatched shipment: the problem+json 409" "curl -sik" -- -sik $VH/api/shipments/7
    cap $S go-401-varnish.txt 401 app go-net-http "the admin API without a token: http.Error 401" "" -- -skv $VH/api/admin/users
    caphttp $S go-429-httpie-varnish.txt 429 app go-net-http "HTTPie: the quote API's own JSON 429" "HTTPie --verify=no, colours" -- -v $NV GET $VH/api/quotes
    cap $S go-500-empty-varnish.txt 500 app go-net-http "the crash handler's empty 500, passed" "curl -sik" -- -sik $VH/api/crash
    capraw $S go-503-varnish-raw.txt 503 app go-net-http "the pickups maintenance 503 (http.Error), passed" "curl -sik saved to a file (CRs kept)" -- -sik $VH/api/pickups
    cap $S varnish-503-go-slow.txt 503 cdn-cache varnish "the handler sleeps 6 s, first_byte_timeout 2s: 'Backend fetch failed'" "curl -skv, HTTP/2" -- -skv $VH/api/slow
    cap $S varnish-503-legacy-down.txt 503 cdn-cache varnish "/legacy/ goes to a backend that is not running: 'Backend fetch failed'" "curl -sik" -- -sik $VH/legacy/rates
    capwget $S varnish-503-legacy-wget.txt 503 cdn-cache varnish "wget, the same dead backend" "wget -S --no-check-certificate" -- $NC $VH/legacy/zones
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up caddy && capbody $S body-fastapi-422.txt 0/422 app fastapi "FastAPI's validation list" "no number" -- -k "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $CF/api/orders
up caddy && capbody $S body-caddy-503-maintenance.txt 0/503 proxy caddy "Caddy's plain maintenance text" "no number" -- -k $CF/api/payments/charges
up haproxy && capbody $S body-django-500.txt 500/500 app django "'Server Error (500)'" "" -- -k $HD/api/boom
up haproxy && capbody $S body-haproxy-504.txt 504/504 load-balancer haproxy "HAProxy's 504 page" "" -- -k $HF/api/slow
up haproxy && capbody $S body-haproxy-maintenance-json.txt 0/503 load-balancer haproxy "HAProxy's http-request return JSON" "no number" -- -k $HF/api/payments/refunds
up nginx && capbody $S body-nginx-502.txt 502/502 proxy nginx "nginx's '502 Bad Gateway' page" "" -- -k $NK/billing/invoices/3
up nginx && capbody $S body-koa-413.txt 0/413 app koa "koa-bodyparser's 'request entity too large'" "no number" -- -k "${JSONH[@]}" --data-binary @user.json $NK/api/users
up apache && capbody $S body-apache-maintenance.txt 0/503 proxy apache "Apache's static maintenance ErrorDocument" "no number" -- -k $AS/api/payments/checkout
up apache && capbody $S body-sinatra-404.txt 0/404 app sinatra "Sinatra's '<h1>Not Found</h1>'" "no number" -- -k $AS/api/v3/tickets
up varnish && capbody $S body-varnish-503.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page" "" -- -k $VH/legacy/rates

# ================================================ headers-only pastes ==
S=headers-only-paste
up caddy && caphead $S head-caddy-502.txt 502 proxy caddy "curl -skI, Caddy's 502 for the dead billing service, HTTP/2" "" -- -k $CF/billing/invoices/9
up haproxy && caphead $S head-haproxy-503.txt 503 load-balancer haproxy "curl -skI, the DOWN reports backend, HTTP/2" "" -- -k $HF/reports/monthly
up haproxy && caphead $S head-flask-404.txt 404 app flask "curl -skI, the JSON 404 (HEAD), HTTP/2" "" -- -k $HF/api/invoices/8
up nginx && caphead $S head-nginx-404-static.txt 404 proxy nginx "curl -skI, a missing static file, HTTP/2" "" -- -k $NK/static/vendor.js
up varnish && caphead $S head-varnish-hit.txt 200 cdn-cache varnish "curl -skI on the cached catalog: a HIT, HTTP/2" "" -- -k $VH/api/catalog

# ================================== servers go away behind their fronts ==
stop_name fastapi
sleep 0.5
up caddy && cap fastapi-caddy-tls caddy-502-fastapi-stopped.txt 502 proxy caddy "gunicorn is stopped: Caddy's empty 502" "curl -skv, HTTP/2" -- -skv $CF/api/orders/1
stop_name flask
sleep 0.5
up haproxy && cap flask-haproxy-tls haproxy-503-flask-stopped.txt 503 load-balancer haproxy "gunicorn is stopped (health check not yet failed): connection refused, HAProxy's 503" "curl -sik" -- -sik $HF/api/invoices/1
stop_name koa
sleep 0.5
up nginx && cap koa-nginx-tls nginx-502-koa-stopped.txt 502 proxy nginx "node is stopped: connect() refused, nginx's 502" "curl -skv, HTTP/2" -- -skv $NK/api/users/1
if up sinatra; then
    stop_name puma-sinatra
    sleep 0.5
    up apache && cap sinatra-apache-tls apache-503-puma-stopped.txt 503 proxy apache "Puma is stopped: Apache's 503" "curl -sik" -- -sik $AS/api/tickets/1
fi
stop_name go
sleep 0.5
up varnish && cap go-varnish-hitch varnish-503-go-stopped.txt 503 cdn-cache varnish "the Go service is stopped: 'Backend fetch failed'" "curl -skv, HTTP/2" -- -skv $VH/api/shipments/1

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round34/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
