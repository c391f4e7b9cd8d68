#!/usr/bin/env bash
# capture-round51.sh — build the fifty-first held-out evidence corpus in
# tests/fixtures/evidence-round51/.
#
# Theme: mainstream stacks in new pairs, run the way a mid-size team runs
# them in production: TLS with a self-signed certificate and HTTP/2 at the
# front, a request id the front adds and the app logs, gzip where the
# front has it, Server banners hidden where the package allows, security
# headers added at the front. FastAPI under uvicorn and Express behind
# lighttpd; aiohttp behind Caddy; Django under gunicorn and a Go net/http
# catalog behind Traffic Server; Fastify behind Varnish behind hitch;
# Starlette under uvicorn behind Varnish behind HAProxy (a chain of two
# fronts). The apps' own answers and the fronts' own (app stopped, slow,
# body too big, denied path, missing static file, rate limit).
#
#   scripts/corpus/capture-round51.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round51.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round51.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round51.sh     # start every server, leave them up, capture nothing
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports
# 58700-58799; 58798 is a port nothing listens on) and the script stops if
# a new socket listens anywhere else; every curl, HTTPie and wget runs
# under `timeout`; every loop is bounded; every server it started is
# stopped on exit, by process id. Installs and builds run under
# `nice -n 15`. Labels are written by finish_round51.py while each capture
# is made; when a label's status is not the one on the wire, the fixtures
# are left as they were.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round51"
RUN=/tmp/api-triage-corpus51
STAGE="$RUN/evidence"
CONF="$HERE/conf-round51"
APPS="$HERE/apps51"
VENV=${CORPUS_VENV51:-/tmp/api-triage-corpus51-venv}
NODE_DIR=${CORPUS_NODE51:-/tmp/api-triage-corpus51-node}
GODIR=${CORPUS_GO51:-/tmp/api-triage-corpus51-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(fastapi==0.165.0 uvicorn==0.55.0 gunicorn==27.0.1 django==5.2.19 aiohttp==3.14.5 starlette==1.10.0)
NPM=(express@5.3.0 fastify@5.12.8)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus51 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openssl python3-venv nodejs golang-go
          lighttpd caddy trafficserver varnish varnish-modules hitch haproxy)
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




install_venv() {  # FastAPI, Django, aiohttp, Starlette, gunicorn, uvicorn, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import fastapi, django, aiohttp, starlette, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # Express and Fastify, from npm
    [[ -e $NODE_DIR/node_modules/express/package.json && -e $NODE_DIR/node_modules/fastify/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus51","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # the Go catalog: standard library only, no module downloads
    [[ -x $GODIR/go_app && $GODIR/go_app -nt $APPS/go_app.go ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the Go app is not built"; return 0; }
    mkdir -p "$GODIR"
    log "go build go_app"
    (cd "$APPS" && GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$GODIR" GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 /usr/bin/go build -p 1 -o "$GODIR/go_app" go_app.go) >>"$RUN/logs/go-build.log" 2>&1 \
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
            # a worker or child a server left behind (gunicorn's workers, uvicorn)
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
            log "stopping stale pid $pid"; stop_pid "$pid"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round51.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
    rm -f "$RUN/work/last-headers"
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

quiet() { in_work timeout 10 curl -s -o /dev/null "$@" || true; }

render() {
    local src=$1 dest=$2; shift 2
    sed -e "s|@RUN@|$RUN|g" "$@" "$src" >"$dest"
}

up() { [[ -n ${UP[$1]:-} ]]; }

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
build_go
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "Express/Fastify are missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/go_app ]] || die "the Go app did not build (${SKIPPED[go]:-?})"

PORTS=(58710 58711 58712 58713 58714 58715 58716 58720 58721 58722 58730 58740 58741 58750 58751 58760 58761 58798)
for p in "${PORTS[@]}"; do listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"; done
BEFORE=$(sockets)

# ---- certificate -----------------------------------------------------------------
T=$RUN/tls
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 3 -subj "/CN=api.example.test" \
    -addext "subjectAltName=DNS:api.example.test,IP:127.0.0.1" \
    -keyout "$T/server.key" -out "$T/server.pem" >>"$RUN/logs/openssl.log" 2>&1 || die "openssl failed"
cat "$T/server.pem" "$T/server.key" >"$T/combined.pem"
cp "$T/server.pem" "$T/cert.pem"; cp "$T/server.key" "$T/key.pem"
chmod 755 "$T"; chmod 644 "$T"/*
chmod -R a+rX "$RUN"

# ---- apps ------------------------------------------------------------------------
declare -A UP=()
NODE=(nice -n 5 env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production node)
UVICORN=(nice -n 5 env PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1
         --proxy-headers --forwarded-allow-ips 127.0.0.1 --no-server-header)
start_bg fastapi "${UVICORN[@]}" --port 58710 fastapi_app:app
start_bg express "${NODE[@]}" "$APPS/express_app.js" 58711
start_bg aiohttp nice -n 5 env PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/python" "$APPS/aiohttp_app.py" 58712
start_bg django nice -n 5 env PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/gunicorn" --chdir "$APPS" --no-control-socket \
    --workers 2 --timeout 30 --access-logfile - -b 127.0.0.1:58713 django_app:application
start_bg go-app nice -n 5 "$GODIR/go_app" 58714
start_bg fastify "${NODE[@]}" "$APPS/fastify_app.js" 58715
start_bg starlette "${UVICORN[@]}" --port 58716 starlette_app:app
for p in 58710 58711 58712 58713 58714 58715 58716; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- fronts ------------------------------------------------------------------------
if have lighttpd; then
    mkdir -p "$RUN"/lighttpd/www/static
    printf 'body { font-family: sans-serif; }\n' >"$RUN/lighttpd/www/static/app.css"
    render "$CONF/lighttpd.conf" "$RUN/lighttpd/lighttpd.conf"
    cp "$CONF/reqid.lua" "$RUN/lighttpd/reqid.lua"
    chown -R www-data: "$RUN/lighttpd" 2>/dev/null || true
    if lighttpd -tt -f "$RUN/lighttpd/lighttpd.conf" >"$RUN/logs/lighttpd-t.log" 2>&1; then
        start_bg lighttpd lighttpd -D -f "$RUN/lighttpd/lighttpd.conf"
        wait_port 58720 lighttpd && wait_port 58721 lighttpd && UP[lighttpd]=1
    else log "SKIP lighttpd: config test failed"; cat "$RUN/logs/lighttpd-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home,static}
    printf 'body { font-family: sans-serif; }\n' >"$RUN/caddy/static/app.css"
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 58730 caddy && UP[caddy]=1
fi
if have trafficserver; then
    A=$RUN/ats
    mkdir -p "$A"/etc "$A"/var/cache "$A"/log "$A"/run
    for f in ip_allow.yaml logging.yaml cache.config hosting.config parent.config sni.yaml socks.config \
             splitdns.config volume.config strategies.yaml; do
        [[ -e /etc/trafficserver/$f ]] && cp "/etc/trafficserver/$f" "$A/etc/"
    done
    render "$CONF/records.config" "$A/etc/records.config"
    cp "$CONF/remap.config" "$CONF/ats-headers.config" "$CONF/ats-compress.config" "$A/etc/"
    echo "dest_ip=* ssl_cert_name=cert.pem ssl_key_name=key.pem" >"$A/etc/ssl_multicert.config"
    printf 'header_rewrite.so %s\ncompress.so %s\n' "$A/etc/ats-headers.config" "$A/etc/ats-compress.config" >"$A/etc/plugin.config"
    echo "$A/var/cache 64M" >"$A/etc/storage.config"
    cat >"$A/runroot.yaml" <<EOF_RR
prefix: /usr
exec_prefix: /usr
bindir: /usr/bin
sbindir: /usr/sbin
sysconfdir: $A/etc
datadir: /usr/share/trafficserver
includedir: /usr/include
libdir: /usr/lib/trafficserver
libexecdir: /usr/lib/trafficserver/modules
localstatedir: $A/var
runtimedir: $A/run
logdir: $A/log
cachedir: $A/var/cache
EOF_RR
    start_bg trafficserver traffic_server --run-root="$A/runroot.yaml"
    wait_port 58740 trafficserver && wait_port 58741 trafficserver && UP[ats]=1
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish-fastify.vcl" "$CONF/varnish-starlette.vcl" "$RUN/varnish/"
    start_bg varnish-fastify varnishd -F -a 127.0.0.1:58751,PROXY -T none -p feature=+http2 \
        -f "$RUN/varnish/varnish-fastify.vcl" -n "$RUN/varnish/work-f" -s malloc,16m
    start_bg varnish-starlette varnishd -F -a 127.0.0.1:58761 -T none \
        -f "$RUN/varnish/varnish-starlette.vcl" -n "$RUN/varnish/work-s" -s malloc,16m
    wait_port 58751 varnish-fastify && UP[varnishf]=1
    wait_port 58761 varnish-starlette && UP[varnishs]=1
fi
if have hitch && up varnishf; then
    render "$CONF/hitch.conf" "$RUN/hitch.conf"
    start_bg hitch hitch --config="$RUN/hitch.conf"
    wait_port 58750 hitch && UP[hitch]=1
fi
if have haproxy && up varnishs; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 58760 haproxy && UP[haproxy]=1
fi
sleep 2

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for ${CORPUS_SETUP_SECONDS:-300} s"; sleep "${CORPUS_SETUP_SECONDS:-300}" & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 51 (held out): real responses captured by
# scripts/corpus/capture-round51.sh from real servers on 127.0.0.1, one
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
# wire_status  for body-only pastes: the status the server really sent
EOF_LABELS

JSONH=(-H 'Content-Type: application/json')
BIG=$RUN/work/big.json
"$PY" -c 'import json; print(json.dumps({"sku": "A-1", "note": "x" * 20000}))' >"$BIG"
MID=$RUN/work/mid.json
"$PY" -c 'import json; print(json.dumps({"qty": 1, "note": "x" * 6000}))' >"$MID"
LF=https://127.0.0.1:58720; LE=https://127.0.0.1:58721; LP=http://127.0.0.1:58722
CA=https://127.0.0.1:58730
AD=https://127.0.0.1:58740; AG=https://127.0.0.1:58741
HV=https://127.0.0.1:58750
HS=https://127.0.0.1:58760

# ============================================ FastAPI + lighttpd (TLS) ==
if up lighttpd; then
    log "capturing: FastAPI under uvicorn behind lighttpd"
    S=fastapi-uvicorn-lighttpd-tls
    cap $S fastapi-200-stock-lighttpd.txt 200 app fastapi "the stock list over TLS and HTTP/2" "HTTP/2, TLS handshake lines" -- -sv -k $LF/api/stock
    cap $S fastapi-201-adjustment.txt 201 app fastapi "a valid adjustment" "curl -si" -- -si -k "${JSONH[@]}" -d '{"sku":"BOLT-8","delta":5}' $LF/api/adjustments
    cap $S fastapi-422-validation-lighttpd.txt 422 app fastapi "delta out of range: FastAPI's validation list" "" -- -sv -k "${JSONH[@]}" -d '{"sku":"BOLT-8","delta":5000}' $LF/api/adjustments
    cap $S fastapi-404-sku.txt 404 app fastapi "HTTPException(404) for an unknown SKU" "curl -si" -- -si -k $LF/api/stock/NUT-3
    cap $S fastapi-405-put.txt 405 app fastapi "PUT on a GET route: FastAPI's 405" "curl -si" -- -si -k -X PUT $LF/api/stock/BOLT-8
    caphttp $S fastapi-401-httpie.txt 401 app fastapi "HTTPie, no token: HTTPException 401 with WWW-Authenticate" "HTTPie with colours" -- -v --verify=no GET $LF/api/admin/counts
    cap $S fastapi-403-scope.txt 403 app fastapi "a token without the scope" "curl -si" -- -si -k -H 'Authorization: Bearer viewer' $LF/api/admin/counts
    cap $S fastapi-409-locked.txt 409 app fastapi "the SKU is locked by a stock count" "" -- -sv -k "${JSONH[@]}" -d '{"sku":"XBOLT","delta":1}' $LF/api/adjustments
    cap $S fastapi-500-plain-lighttpd.txt 500 app fastapi "an unhandled RuntimeError: Starlette's text 'Internal Server Error'" "curl -si" -- -si -k $LF/api/boom
    capwin $S fastapi-503-maintenance.txt 503 app fastapi "the app's maintenance 503 with Retry-After" "curl -si pasted with CRLF" -- -si -k $LF/api/maintenance
    cap $S fastapi-504-supplier.txt 504 app fastapi "the supplier call timed out after 1 s: the app's own 504" "curl -si" -- -si -k $LF/api/supplier
    cap $S fastapi-200-http11.txt 200 app fastapi "health over TLS forced to HTTP/1.1" "curl --http1.1" -- -sv -k --http1.1 $LF/api/health
    cap $S lighttpd-504-slow.txt 504 proxy lighttpd "the handler sleeps 5 s, proxy read-timeout 2" "" -- -sv -k $LF/api/slow
    cap $S lighttpd-413-body-cap.txt 413 proxy lighttpd "a 20 KB body, server.max-request-size 16 (KB)" "curl -si" -- -si -k "${JSONH[@]}" --data-binary @"$BIG" $LF/api/adjustments
    cap $S lighttpd-403-internal.txt 403 proxy lighttpd "url.access-deny on /internal/" "" -- -sv -k $LF/internal/metrics
    cap $S lighttpd-404-static.txt 404 proxy lighttpd "a file under /static/ that is not there (served from the docroot)" "curl -si" -- -si -k $LF/static/app.js
    cap $S lighttpd-301-to-https.txt 301 proxy lighttpd "plain HTTP port: mod_redirect to https" "curl -si" -- -si $LP/api/stock

    log "capturing: Express behind lighttpd"
    S=express-lighttpd-tls
    cap $S express-404-cart-lighttpd.txt 404 app express "an unknown cart: the JSON 404 with the request id" "" -- -sv -k $LE/api/carts/c9
    cap $S express-404-cannot-get.txt 404 app express "no route: Express's 'Cannot GET' page" "curl -si" -- -si -k $LE/api/v2/carts
    cap $S express-400-bad-json.txt 400 app express "a broken JSON body: body-parser's 400 page" "curl -si" -- -si -k "${JSONH[@]}" -d '{"qty":' $LE/api/carts/c1/items
    cap $S express-413-body-parser.txt 413 app express "a 6 KB body over express.json's 4kb limit (under lighttpd's cap)" "" -- -sv -k "${JSONH[@]}" --data-binary @"$MID" $LE/api/carts/c1/items
    caphttp $S express-422-httpie.txt 422 app express "HTTPie, qty 0" "HTTPie with colours" -- -v --verify=no POST $LE/api/carts/c1/items qty:=0
    cap $S express-429-coupons.txt 429 app express "the app's own coupon rate limit" "curl -si" -- -si -k $LE/api/coupons
    cap $S express-500-default.txt 500 app express "a thrown Error: Express's HTML 500 in production" "" -- -sv -k $LE/api/boom
    cap $S express-302-cart.txt 302 app express "res.redirect to the cart" "curl -si" -- -si -k $LE/cart
    capraw $S express-401-session.txt 401 app express "session expired" "curl -si saved to a file (CRs kept)" -- -si -k $LE/api/account
    cap $S express-201-item.txt 201 app express "an item added" "curl -si" -- -si -k "${JSONH[@]}" -d '{"qty":2}' $LE/api/carts/c1/items
    cap $S lighttpd-504-express-slow.txt 504 proxy lighttpd "Express sleeps 5 s, read-timeout 2" "curl -si" -- -si -k $LE/api/slow
fi

# ============================================== aiohttp + Caddy (TLS) ==
if up caddy; then
    log "capturing: aiohttp behind Caddy"
    S=aiohttp-caddy-tls
    cap $S aiohttp-200-product-gzip.txt 200 app aiohttp "a product, gzip by Caddy's encode" "curl --compressed" -- -sv -k --compressed $CA/api/products/P-1
    cap $S aiohttp-201-created.txt 201 app aiohttp "a product created" "curl -si" -- -si -k "${JSONH[@]}" -d '{"sku":"KT-2"}' $CA/api/products
    cap $S aiohttp-404-json.txt 404 app aiohttp "an unknown product: the handler's JSON 404" "curl -si" -- -si -k $CA/api/products/P-9
    cap $S aiohttp-404-default.txt 404 app aiohttp "no route: aiohttp's '404: Not Found'" "" -- -sv -k $CA/api/v2/products
    cap $S aiohttp-405-default.txt 405 app aiohttp "DELETE on a GET route: aiohttp's '405: Method Not Allowed'" "curl -si" -- -si -k -X DELETE $CA/api/products/P-1
    cap $S aiohttp-400-json.txt 400 app aiohttp "a body that is not JSON" "curl -si" -- -si -k "${JSONH[@]}" -d 'sku=KT-2' $CA/api/products
    caphttp $S aiohttp-422-httpie.txt 422 app aiohttp "HTTPie, no sku" "HTTPie with colours" -- -v --verify=no POST $CA/api/products name=Kettle
    cap $S aiohttp-401-admin.txt 401 app aiohttp "no token" "curl -si" -- -si -k $CA/api/admin/prices
    cap $S aiohttp-403-admin.txt 403 app aiohttp "a read-only key" "" -- -sv -k -H 'Authorization: Bearer ro-key' $CA/api/admin/prices
    cap $S aiohttp-429-search.txt 429 app aiohttp "the app's own search limit" "curl -si" -- -si -k $CA/api/search?q=kettle
    cap $S aiohttp-500-default.txt 500 app aiohttp "ZeroDivisionError: aiohttp's '500 Internal Server Error' page" "" -- -sv -k $CA/api/boom
    capwin $S aiohttp-503-text.txt 503 app aiohttp "HTTPServiceUnavailable with a text body" "curl -si pasted with CRLF" -- -si -k $CA/api/maintenance
    cap $S aiohttp-302-short.txt 302 app aiohttp "a short link: HTTPFound" "curl -si" -- -si -k $CA/p/P-1
    cap $S caddy-504-slow.txt 504 proxy caddy "the handler sleeps 5 s, response_header_timeout 2s" "" -- -sv -k $CA/api/slow
    cap $S caddy-502-hangup.txt 502 proxy caddy "the app closes the connection mid-request" "curl -si" -- -si -k $CA/api/hangup
    cap $S caddy-502-body-cap.txt 502 proxy caddy "a 20 KB body over request_body max_size 16KB: Caddy 2.6 gives an empty 502, not a 413" "curl -si" -- -si -k "${JSONH[@]}" --data-binary @"$BIG" $CA/api/products
    cap $S caddy-403-internal.txt 403 proxy caddy "respond 403 on /internal/*" "" -- -sv -k $CA/internal/metrics
    cap $S caddy-404-static.txt 404 proxy caddy "file_server: a missing file under /static/" "curl -si" -- -si -k $CA/static/app.js
fi

# ========================================= Django + Go behind Traffic Server ==
if up ats; then
    log "capturing: Django under gunicorn behind Traffic Server"
    S=django-gunicorn-trafficserver-tls
    cap $S django-200-account.txt 200 app django "an account over TLS and HTTP/2" "Via: ... traffic_server" -- -sv -k $AD/api/accounts/ACC-1
    cap $S django-201-signup.txt 201 app django "a signup" "curl -si" -- -si -k "${JSONH[@]}" -d '{"email":"a@example.test"}' $AD/api/signup
    cap $S django-422-signup.txt 422 app django "an email without @" "curl -si" -- -si -k "${JSONH[@]}" -d '{"email":"nobody"}' $AD/api/signup
    cap $S django-400-json.txt 400 app django "a body that is not JSON" "" -- -sv -k "${JSONH[@]}" -d '{"email":' $AD/api/signup
    cap $S django-404-json.txt 404 app django "an unknown account: the view's JSON 404" "" -- -sv -k $AD/api/accounts/ACC-9
    cap $S django-404-stock-page.txt 404 app django "Http404, DEBUG off: Django's 'Not Found' page" "curl -si" -- -si -k $AD/pages/pricing/
    cap $S django-405-json.txt 405 app django "GET on the signup view" "curl -si" -- -si -k $AD/api/signup
    cap $S django-403-csrf.txt 403 app django "a POST without a CSRF token: Django's 403 page" "" -- -sv -k -X POST $AD/api/profile
    caphttp $S django-401-httpie.txt 401 app django "HTTPie, no credentials" "HTTPie with colours" -- -v --verify=no GET $AD/api/me
    cap $S django-500-stock-page.txt 500 app django "an AttributeError, DEBUG off: Django's 'Server Error (500)'" "curl -si" -- -si -k $AD/api/boom
    capraw $S django-503-maintenance.txt 503 app django "the app's maintenance 503" "curl -si saved to a file (CRs kept)" -- -si -k $AD/api/maintenance
    cap $S django-504-idp.txt 504 app django "the identity provider call timed out: the app's own 504" "curl -si" -- -si -k $AD/api/sso
    cap $S django-302-account.txt 302 app django "an old link redirected" "curl -si" -- -si -k $AD/account
    cap $S ats-504-slow.txt 504 proxy trafficserver "the view sleeps 5 s, no-activity timeout 2 s: 'Connection Timed Out'" "" -- -sv -k $AD/api/slow
    cap $S ats-502-billing-down.txt 502 proxy trafficserver "/billing/ maps to a service that is not running: 'Could Not Connect'" "curl -si" -- -si -k $AD/billing/invoices
    cap $S ats-403-internal.txt 403 proxy trafficserver "an @action=deny remap filter on /internal/" "" -- -sv -k $AD/internal/metrics
    cap $S ats-404-unmapped-host.txt 404 proxy trafficserver "a Host with no remap rule: 'Not Found on Accelerator'" "curl -si" -- -si -k -H 'Host: www.example.test' $AD/api/accounts/ACC-1

    log "capturing: Go net/http behind Traffic Server"
    S=go-nethttp-trafficserver-tls
    cap $S go-200-catalog.txt 200 app go-net-http "the catalog, gzip by the compress plugin" "curl --compressed" -- -sv -k --compressed $AG/api/catalog
    cap $S go-404-product.txt 404 app go-net-http "an unknown product: the JSON 404" "curl -si" -- -si -k $AG/api/products/9
    cap $S go-404-default.txt 404 app go-net-http "no route: ServeMux's '404 page not found'" "" -- -sv -k $AG/api/v2/products
    cap $S go-405-product.txt 405 app go-net-http "DELETE on a product: the JSON 405 with Allow" "curl -si" -- -si -k -X DELETE $AG/api/products/1
    cap $S go-428-no-if-match.txt 428 app go-net-http "PUT without If-Match" "curl -si" -- -si -k -X PUT "${JSONH[@]}" -d '{}' $AG/api/products/1
    cap $S go-412-stale-etag.txt 412 app go-net-http "PUT with an old ETag" "" -- -sv -k -X PUT "${JSONH[@]}" -H 'If-Match: "p1-v2"' -d '{}' $AG/api/products/1
    cap $S go-500-http-error.txt 500 app go-net-http "http.Error's plain 'Internal Server Error'" "curl -si" -- -si -k $AG/api/boom
    capwin $S go-503-maintenance.txt 503 app go-net-http "the app's maintenance 503" "curl -si pasted with CRLF" -- -si -k $AG/api/maintenance
    capwget $S ats-504-go-slow-wget.txt 504 proxy trafficserver "wget: the handler sleeps 5 s, Traffic Server's 504" "wget -S -O-" -- --no-check-certificate $AG/api/slow
fi

# ================================ Fastify behind Varnish behind hitch (TLS) ==
if up hitch; then
    log "capturing: Fastify behind Varnish behind hitch"
    S=fastify-varnish-hitch
    cap $S fastify-200-miss.txt 200 app fastify "a payment, first request: a MISS" "X-Cache: MISS" -- -sv -k $HV/api/payments/pay_1
    cap $S varnish-200-hit.txt 200 cdn-cache varnish "the same payment again: from Varnish's store" "curl -si; X-Cache: HIT" -- -si -k $HV/api/payments/pay_1
    cap $S fastify-201-payment.txt 201 app fastify "a payment created (POST passes)" "curl -si" -- -si -k "${JSONH[@]}" -d '{"amount":100,"currency":"EUR"}' $HV/api/payments
    cap $S fastify-400-schema.txt 400 app fastify "no currency: Fastify's schema 400" "" -- -sv -k "${JSONH[@]}" -d '{"amount":100}' $HV/api/payments
    cap $S fastify-422-currency.txt 422 app fastify "a currency not enabled" "curl -si" -- -si -k "${JSONH[@]}" -d '{"amount":100,"currency":"USD"}' $HV/api/payments
    cap $S fastify-404-payment.txt 404 app fastify "an unknown payment (a MISS)" "curl -si" -- -si -k $HV/api/payments/pay_9
    cap $S fastify-404-route.txt 404 app fastify "no route: Fastify's 'Route GET:... not found'" "" -- -sv -k $HV/api/v2/payments
    caphttp $S fastify-413-httpie.txt 413 app fastify "HTTPie, a body over bodyLimit 1 KiB" "HTTPie with colours" -- -v --verify=no POST $HV/api/payments amount:=100 currency=EUR note="$(printf 'x%.0s' $(seq 1 1500))"
    cap $S fastify-401-payouts.txt 401 app fastify "no bearer token" "curl -si" -- -si -k $HV/api/admin/payouts
    cap $S fastify-409-refund.txt 409 app fastify "already refunded" "curl -si" -- -si -k -X POST $HV/api/payments/pay_1/refund
    cap $S fastify-500-default.txt 500 app fastify "a thrown Error: Fastify's default 500" "" -- -sv -k $HV/api/boom
    capraw $S fastify-503-maintenance.txt 503 app fastify "the app's maintenance 503" "curl -si saved to a file (CRs kept)" -- -si -k $HV/api/maintenance
    cap $S fastify-308-redirect.txt 308 app fastify "an old checkout URL" "curl -si" -- -si -k $HV/api/old-checkout
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the handler sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "" -- -sv -k $HV/api/slow
    cap $S varnish-403-internal.txt 403 cdn-cache varnish "a synth 403 on /internal/" "curl -si" -- -si -k $HV/internal/metrics
    quiet -k $HV/api/exports; quiet -k $HV/api/exports; quiet -k $HV/api/exports
    cap $S varnish-429-vsthrottle.txt 429 cdn-cache varnish "a fourth export within 10 s: vsthrottle's synth 429" "" -- -sv -k $HV/api/exports
fi

# ======================== Starlette behind Varnish behind HAProxy (TLS) ==
if up haproxy; then
    log "capturing: Starlette behind Varnish behind HAProxy"
    S=haproxy-varnish-starlette
    cap $S starlette-200-rooms-miss.txt 200 app starlette "the room list, first request: a MISS through both hops" "X-Cache: MISS" -- -sv -k $HS/api/rooms
    cap $S varnish-200-rooms-hit.txt 200 cdn-cache varnish "the room list again: from Varnish's store, through HAProxy" "curl -si; X-Cache: HIT" -- -si -k $HS/api/rooms
    cap $S starlette-201-booking.txt 201 app starlette "a booking created" "curl -si" -- -si -k "${JSONH[@]}" -d '{"room":"A-12"}' $HS/api/bookings
    cap $S starlette-422-booking.txt 422 app starlette "no room: the JSON problem" "" -- -sv -k "${JSONH[@]}" -d '{"nights":2}' $HS/api/bookings
    cap $S starlette-400-json.txt 400 app starlette "a broken JSON body: HTTPException(400), plain text" "curl -si" -- -si -k "${JSONH[@]}" -d '{"room":' $HS/api/bookings
    cap $S starlette-404-problem.txt 404 app starlette "an unknown booking: the JSON problem with the request id" "curl -si" -- -si -k $HS/api/bookings/77
    cap $S starlette-404-plain.txt 404 app starlette "HTTPException(404): Starlette's plain 'Not Found'" "" -- -sv -k $HS/api/bookings/legacy
    caphttp $S starlette-401-httpie.txt 401 app starlette "HTTPie, no token" "HTTPie with colours" -- -v --verify=no GET $HS/api/admin/guests
    cap $S starlette-403-guests.txt 403 app starlette "a token without the role" "curl -si" -- -si -k -H 'Authorization: Bearer clerk' $HS/api/admin/guests
    cap $S starlette-405-method.txt 405 app starlette "GET on a POST-only route: Starlette's 'Method Not Allowed'" "curl -si" -- -si -k $HS/api/bookings
    cap $S starlette-500-plain.txt 500 app starlette "ZeroDivisionError: 'Internal Server Error'" "" -- -sv -k $HS/api/boom
    capwin $S starlette-503-maintenance.txt 503 app starlette "the app's maintenance problem" "curl -si pasted with CRLF" -- -si -k $HS/api/maintenance
    cap $S starlette-302-current.txt 302 app starlette "RedirectResponse" "curl -si" -- -si -k $HS/bookings/current
    cap $S starlette-429-own.txt 429 app starlette "the app's own 429 problem (first call, under HAProxy's limit)" "curl -si" -- -si -k $HS/api/availability
    quiet -k $HS/api/availability; quiet -k $HS/api/availability; quiet -k $HS/api/availability
    cap $S haproxy-429-rate-limit.txt 429 load-balancer haproxy "over 3 in 10 s: the stick-table rule, deny_status 429" "" -- -sv -k $HS/api/availability
    cap $S varnish-503-slow-via-haproxy.txt 503 cdn-cache varnish "the handler sleeps 5 s, Varnish's first_byte_timeout 2s fires first: 'Backend fetch failed' passed by HAProxy" "" -- -sv -k $HS/api/slow
    cap $S haproxy-504-reports.txt 504 load-balancer haproxy "/reports/: Varnish waits 10 s, HAProxy's timeout server 3s fires" "curl -si" -- -si -k $HS/reports/api/slow
    cap $S haproxy-413-body-cap.txt 413 load-balancer haproxy "a 20 KB body: http-request deny deny_status 413" "curl -si" -- -si -k "${JSONH[@]}" --data-binary @"$BIG" $HS/api/documents
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "http-request deny on /internal/" "" -- -sv -k $HS/internal/metrics
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up lighttpd && capbody $S body-fastapi-422.txt 0/422 app fastapi "FastAPI's validation list" "no number" -- -k "${JSONH[@]}" -d '{"sku":"BOLT-8","delta":5000}' $LF/api/adjustments
up lighttpd && capbody $S body-express-404-json.txt 0/404 app express "the JSON 404 with a request id" "no number" -- -k $LE/api/carts/c7
up lighttpd && capbody $S body-lighttpd-504.txt 504/504 proxy lighttpd "lighttpd's '504 Gateway Timeout' page" "" -- -k $LF/api/slow
up caddy && capbody $S body-aiohttp-404.txt 404/404 app aiohttp "'404: Not Found'" "" -- -k $CA/nothing
up caddy && capbody $S body-caddy-403.txt 0/403 proxy caddy "Caddy's respond body 'Forbidden'" "no number" -- -k $CA/internal/metrics
up ats && capbody $S body-django-404.txt 0/404 app django "Django's production 'Not Found' page" "no number" -- -k $AD/pages/about/
up ats && capbody $S body-ats-502.txt 0/502 proxy trafficserver "Traffic Server's 'Could Not Connect' page" "no number" -- -k $AD/billing/invoices
up hitch && capbody $S body-varnish-403.txt 403/403 cdn-cache varnish "Varnish's synth page 'Error 403 Forbidden'" "" -- -k $HV/internal/metrics
up haproxy && capbody $S body-haproxy-403.txt 403/403 load-balancer haproxy "HAProxy's 403 errorfile" "" -- -k $HS/internal/metrics

# ================================================ headers-only pastes ==
S=headers-only-paste
up hitch && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on a cached payment" "X-Cache: HIT" -- -k $HV/api/payments/pay_1
up ats && caphead $S head-go-404.txt 404 app go-net-http "curl -sI, an unknown product" "" -- -k $AG/api/products/9
up ats && caphead $S head-ats-404-host.txt 404 proxy trafficserver "curl -sI with a Host that has no remap rule" "" -- -k -H 'Host: www.example.test' $AD/api/health
up lighttpd && caphead $S head-lighttpd-403.txt 403 proxy lighttpd "curl -sI on /internal/" "" -- -k $LF/internal/metrics
up haproxy && caphead $S head-haproxy-403.txt 403 load-balancer haproxy "curl -sI on /internal/" "" -- -k $HS/internal/metrics

# ================================== servers go away behind their fronts ==
if up lighttpd; then
    stop_name fastapi; stop_name express
    sleep 0.5
    cap fastapi-uvicorn-lighttpd-tls lighttpd-503-uvicorn-stopped.txt 503 proxy lighttpd "uvicorn is stopped: lighttpd's 503" "" -- -sv -k $LF/api/stock
    capwget express-lighttpd-tls lighttpd-503-express-stopped-wget.txt 503 proxy lighttpd "wget: Express is stopped" "wget -S -O-" -- --no-check-certificate $LE/api/carts/c1
fi
if up caddy; then
    stop_name aiohttp
    sleep 0.5
    caphttp aiohttp-caddy-tls caddy-502-stopped-httpie.txt 502 proxy caddy "HTTPie: aiohttp is stopped, Caddy's empty 502" "HTTPie with colours" -- -v --verify=no GET $CA/api/products/P-1
fi
if up ats; then
    stop_name django
    sleep 0.5
    cap django-gunicorn-trafficserver-tls ats-502-gunicorn-stopped.txt 502 proxy trafficserver "gunicorn is stopped: 'Could Not Connect'" "" -- -sv -k $AD/api/accounts/ACC-2
fi
if up hitch; then
    stop_name fastify
    sleep 0.5
    cap fastify-varnish-hitch varnish-503-fastify-stopped.txt 503 cdn-cache varnish "Fastify is stopped: 'Backend fetch failed'" "curl -si" -- -si -k $HV/api/payments/pay_7
fi
if up haproxy; then
    stop_name starlette
    sleep 0.5
    cap haproxy-varnish-starlette varnish-503-starlette-stopped.txt 503 cdn-cache varnish "uvicorn is stopped: Varnish's 503, passed by HAProxy" "" -- -sv -k $HS/api/bookings/1
    stop_name varnish-starlette
    sleep 5
    capwget haproxy-varnish-starlette haproxy-503-no-server-wget.txt 503 load-balancer haproxy "wget: Varnish is stopped, its check fails: no server left" "wget -S -O-" -- --no-check-certificate $HS/api/rooms
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round51/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
