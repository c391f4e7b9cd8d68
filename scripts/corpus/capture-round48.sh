#!/usr/bin/env bash
# capture-round48.sh — build the forty-eighth held-out evidence corpus in
# tests/fixtures/evidence-round48/.
#
# A bad day at the edge: the failures on-call engineers meet between the
# client and the app, each set against the app's own answer with the same
# code. Mainstream fronts (nginx, Apache, Caddy, HAProxy, Varnish, lighttpd,
# Traffic Server, and a small Go ReverseProxy) with self-signed TLS and
# HTTP/2 where they offer it, in front of ordinary apps (Express with `ws`,
# Flask and Django under gunicorn, FastAPI on uvicorn, Go's net/http,
# Sinatra under Puma): client certificates required and missing or wrong,
# plain HTTP sent to a TLS port, SNI and Host that disagree, WebSocket
# upgrades refused or not passed on, headers, cookies and URIs too large,
# methods refused, CORS preflights, redirects to https and to the login
# page, Hosts not allowed, keepalive races and junk from upstream, upstream
# TLS that does not verify, and Expect headers no one meets. Paste forms:
# curl -sv/-si (some saved with CRs, some with CRLF), HTTPie -v with
# colours, wget -S, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round48.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round48.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round48.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round48.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports
# 58400-58499) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Installs and
# builds run under `nice -n 15`. Labels are written by finish_round48.py; if
# a label's status is not the one on the wire the fixtures are left as they
# were.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round48"
RUN=/tmp/api-triage-corpus48
STAGE="$RUN/evidence"
CONF="$HERE/conf-round48"
APPS="$HERE/apps48"
VENV=${CORPUS_VENV48:-/tmp/api-triage-corpus48-venv}
NODE_DIR=${CORPUS_NODE48:-/tmp/api-triage-corpus48-node}
GODIR=${CORPUS_GO48:-/tmp/api-triage-corpus48-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(flask==3.1.3 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0 django==5.2.19 websockets==17.4)
NPM=(express@5.3.0 ws@8.23.1)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus48 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openssl python3-venv nodejs golang-go ruby-sinatra puma
          apache2 nginx haproxy varnish caddy lighttpd trafficserver)
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

install_venv() {  # Flask, FastAPI, Django, gunicorn, uvicorn and websockets, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, fastapi, django, gunicorn, uvicorn, websockets" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # Express and ws, from npm
    [[ -e $NODE_DIR/node_modules/express/package.json && -e $NODE_DIR/node_modules/ws/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus48","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # the Go app and the Go edge proxy: standard library only, no module downloads
    local prog
    for prog in go_app go_front; do
        [[ -x $GODIR/$prog && $GODIR/$prog -nt $APPS/$prog.go ]] && continue
        [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the Go programs are not built"; return 0; }
        mkdir -p "$GODIR"
        log "go build $prog"
        (cd "$APPS" && GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$GODIR" GOCACHE="$GODIR/cache" \
            nice -n 15 timeout 600 go build -p 1 -o "$GODIR/$prog" "$prog.go") >>"$RUN/logs/go-build.log" 2>&1 \
            || { SKIPPED[go]="go build failed (see logs/go-build.log)"; return 0; }
    done
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
            # a worker or child a server left behind (gunicorn's workers, lighttpd)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round48.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -z ${SKIPPED[npm]:-} ]] || die "Express/ws are missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/go_app && -x $GODIR/go_front ]] || die "the Go programs did not build (${SKIPPED[go]:-?})"

PORTS=(58410 58411 58412 58413 58414 58415 58416 58417 58418 58430 58431 58433 58440 58441
       58450 58451 58460 58461 58462 58463 58470 58475 58476 58477 58480 58490)
for p in "${PORTS[@]}"; do listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"; done
for i in $(seq 1 70); do
    busy=0
    for p in "${PORTS[@]}"; do ss -tanH "sport = :$p" 2>/dev/null | grep -q . && busy=1; done
    ((busy)) || break
    ((i == 1)) && log "waiting for sockets on our ports to clear"
    sleep 1
done
BEFORE=$(sockets)

# ---- certificates ---------------------------------------------------------------
# One self-signed certificate for the public names (every TLS front), an ops
# client CA with a client certificate it signed, an expired one, and a
# "rogue" client certificate it did not sign; the orders service's own
# self-signed certificate (orders.internal), which no front is told to trust.
T=$RUN/tls
ossl() { timeout 60 openssl "$@" >>"$RUN/logs/openssl.log" 2>&1 || die "openssl $1 failed"; }
ossl req -x509 -newkey rsa:2048 -nodes -days 3 -subj "/CN=api.example.test" \
    -addext "subjectAltName=DNS:api.example.test,DNS:admin.example.test,DNS:mtls.example.test,DNS:www.example.test,IP:127.0.0.1" \
    -keyout "$T/server.key" -out "$T/server.pem"
cat "$T/server.pem" "$T/server.key" >"$T/server-combined.pem"
ossl req -x509 -newkey rsa:2048 -nodes -days 3 -subj "/O=Example Ops/CN=Example Ops Client CA" \
    -keyout "$T/client-ca.key" -out "$T/client-ca.pem"
ossl req -newkey rsa:2048 -nodes -subj "/O=Example Ops/CN=oncall-laptop" -keyout "$T/client.key" -out "$T/client.csr"
ossl x509 -req -in "$T/client.csr" -CA "$T/client-ca.pem" -CAkey "$T/client-ca.key" -CAcreateserial -days 3 -out "$T/client.pem"
ossl x509 -req -in "$T/client.csr" -CA "$T/client-ca.pem" -CAkey "$T/client-ca.key" -CAcreateserial -days -1 -out "$T/client-expired.pem"
ossl req -x509 -newkey rsa:2048 -nodes -days 3 -subj "/O=Example Ops/CN=oncall-laptop" -keyout "$T/rogue.key" -out "$T/rogue.pem"
ossl req -x509 -newkey rsa:2048 -nodes -days 3 -subj "/CN=orders.internal" \
    -addext "subjectAltName=DNS:orders.internal,IP:127.0.0.1" -keyout "$T/upstream.key" -out "$T/upstream.pem"
chmod 755 "$T"; chmod 644 "$T"/*
# what the engineer has at hand in the working directory
cp "$T/server.pem" "$RUN/work/ca.pem"
cp "$T/client.pem" "$T/client.key" "$RUN/work/"
cp "$T/client-expired.pem" "$RUN/work/"
cp "$T/rogue.pem" "$T/rogue.key" "$RUN/work/"
cp "$T/client.key" "$RUN/work/client-expired.key"
chmod -R a+rX "$RUN"

# ---- apps ------------------------------------------------------------------------
declare -A UP=()
NODE=(nice -n 5 env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production node)
GUNICORN=(nice -n 5 env PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/gunicorn" --chdir "$APPS" --no-control-socket --workers 2 --timeout 30)
start_bg express "${NODE[@]}" "$APPS/express_app.js" 58410
start_bg flask-gunicorn "${GUNICORN[@]}" -b 127.0.0.1:58411 flask_app:app
start_bg fastapi-uvicorn nice -n 5 env PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 58412 \
    --proxy-headers --forwarded-allow-ips 127.0.0.1 --no-access-log fastapi_app:app
start_bg django-gunicorn "${GUNICORN[@]}" -b 127.0.0.1:58413 django_app:application
start_bg go-app nice -n 5 "$GODIR/go_app" 58414 58415 "$T/upstream.pem" "$T/upstream.key"
start_bg junk-upstream nice -n 5 "$PY" "$APPS/edge_upstream.py" junk 58416
start_bg race-upstream nice -n 5 "$PY" "$APPS/edge_upstream.py" race 58417
for p in 58410 58411 58412 58413 58414 58415 58416 58417; do
    wait_port $p app || die "an app did not start on $p"
done
if have ruby-sinatra && have puma; then
    start_bg puma-sinatra nice -n 5 puma -b tcp://127.0.0.1:58418 -e production "$APPS/sinatra_app.ru"
    wait_port 58418 puma-sinatra && UP[sinatra]=1
fi
start_bg go-front nice -n 5 "$GODIR/go_front" 58490 https://127.0.0.1:58415 http://127.0.0.1:58416
wait_port 58490 go-front && UP[gofront]=1

# ---- front layers ------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 58430 nginx && wait_port 58433 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/htdocs/static
    printf 'body { font-family: sans-serif; }\n' >"$RUN/apache/htdocs/static/app.css"
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 58440 apache && wait_port 58441 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 58450 caddy && wait_port 58451 caddy && UP[caddy]=1
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 58460 haproxy && wait_port 58463 haproxy && UP[haproxy]=1
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:58470 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 58470 varnish && UP[varnish]=1
fi
if have lighttpd && up sinatra; then
    mkdir -p "$RUN"/lighttpd/www
    render "$CONF/lighttpd.conf" "$RUN/lighttpd/lighttpd.conf"
    chown -R www-data: "$RUN/lighttpd" 2>/dev/null || true
    if lighttpd -tt -f "$RUN/lighttpd/lighttpd.conf" >"$RUN/logs/lighttpd-t.log" 2>&1; then
        start_bg lighttpd lighttpd -D -f "$RUN/lighttpd/lighttpd.conf"
        wait_port 58475 lighttpd && wait_port 58477 lighttpd && UP[lighttpd]=1
    else log "SKIP lighttpd: config test failed"; cat "$RUN/logs/lighttpd-t.log" >&2; fi
fi
if have trafficserver; then
    A=$RUN/ats
    mkdir -p "$A"/etc "$A"/var/cache "$A"/log "$A"/run
    for f in ip_allow.yaml logging.yaml cache.config hosting.config parent.config sni.yaml socks.config \
             splitdns.config volume.config strategies.yaml ssl_multicert.config; do
        [[ -e /etc/trafficserver/$f ]] && cp "/etc/trafficserver/$f" "$A/etc/"
    done
    render "$CONF/records.config" "$A/etc/records.config"
    cp "$CONF/remap.config" "$A/etc/"
    echo "$A/var/cache 64M" >"$A/etc/storage.config"
    : >"$A/etc/plugin.config"
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
    wait_port 58480 trafficserver && UP[ats]=1
fi
sleep 2

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for ${CORPUS_SETUP_SECONDS:-300} s"; sleep "${CORPUS_SETUP_SECONDS:-300}" & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 48 (held out): real responses captured by
# scripts/corpus/capture-round48.sh from real servers on 127.0.0.1, one
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

# ---- what the engineer has in the working directory ------------------------------
# Oversized headers and query strings are kept in files (`-H @file`,
# `-G --data-urlencode ids@file`), as people do when a header is too long
# to type; the contents are deterministic.
W=$RUN/work
"$PY" - "$W" <<'EOF_PY'
import base64, random, sys
w = sys.argv[1]
rnd = random.Random(48)
def blob(n):
    return base64.b64encode(bytes(rnd.getrandbits(8) for _ in range(n * 3 // 4))).decode()[:n]
def cookie(path, size, first="session=9f2c4e1a7b"):
    with open("%s/%s" % (w, path), "w") as f:
        f.write("Cookie: %s; _ga=GA1.1.1554332191.1764805000; cart=%s\n" % (first, blob(size)))
cookie("cookie-9k.txt", 9000)
cookie("cookie-10k.txt", 10000, "session=valid")
cookie("cookie-13k.txt", 13000, "session=valid")
cookie("cookie-17k.txt", 17000, "session=valid")
cookie("cookie-25k.txt", 25000, "session=valid")
cookie("cookie-40k.txt", 40000)
with open(w + "/cookie-h2-22k.txt", "w") as f:
    f.write("Cookie: sid=ok; " + "; ".join("exp_%02d=%s" % (i, blob(1800)) for i in range(12)) + "\n")
with open(w + "/trace-headers.txt", "w") as f:
    for name in ("X-Debug-Context", "X-Client-State", "X-Feature-Flags"):
        f.write("%s: %s\n" % (name, blob(6000)))
with open(w + "/trace-headers-6.txt", "w") as f:
    for i in range(6):
        f.write("X-Client-State-%d: %s\n" % (i, blob(3000)))
for name, n in (("ids-9k.txt", 9000), ("ids-20k.txt", 20000), ("ids-40k.txt", 40000), ("ids-13k.txt", 13000)):
    ids, total = [], 0
    while total < n:
        ids.append("ord_%06d" % (len(ids) + 1)); total += 11
    with open("%s/%s" % (w, name), "w") as f:
        f.write(",".join(ids))
EOF_PY

# the session cookies the captures send: a valid one backdated past the
# apps' 15 minutes, or one the session store no longer knows
FLASK_OLD=$(in_work timeout 10 curl -s -o /dev/null -c - http://127.0.0.1:58411/dev/login?age=3600 | awk '$6 == "session" {print $7}')
DJANGO_OLD=$(in_work timeout 10 curl -s http://127.0.0.1:58413/dev/session?age=3600 -H 'X-Forwarded-Proto: https' \
    | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["sessionid"])' 2>/dev/null)
SINATRA_OLD=$(in_work timeout 10 curl -s -o /dev/null -c - http://127.0.0.1:58418/dev/login?age=3600 | awk '$6 == "orders.session" {print $7}')
[[ -n $FLASK_OLD && -n $DJANGO_OLD && -n $SINATRA_OLD ]] || log "WARNING: a backdated session cookie is missing"

WSH=(-H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==')
PREFLIGHT=(-X OPTIONS -H 'Origin: https://partner.example.org' -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: content-type')
JSONH=(-H 'Content-Type: application/json')

# ====================================================== Express + nginx ==
if up nginx; then
    log "capturing: Express behind nginx (TLS, HTTP/2, client certificates)"
    S=express-nginx-tls
    NR=(--cacert ca.pem --resolve api.example.test:58430:127.0.0.1 --resolve mtls.example.test:58430:127.0.0.1)
    NA=https://api.example.test:58430 NM=https://mtls.example.test:58430
    cap $S nginx-400-no-client-cert.txt 400 identity nginx "ssl_verify_client on, curl sends no client certificate" "the TLS handshake completes; 'No required SSL certificate was sent'" -- -sv "${NR[@]}" $NM/api/orders/1
    cap $S nginx-400-client-cert-untrusted.txt 400 identity nginx "a client certificate the ops CA did not sign" "'The SSL certificate error'" -- -si "${NR[@]}" --cert rogue.pem --key rogue.key $NM/api/orders/1
    cap $S nginx-400-client-cert-expired.txt 400 identity nginx "a client certificate from the ops CA that has expired" "HTTP/2; 'The SSL certificate error'" -- -sv "${NR[@]}" --cert client-expired.pem --key client-expired.key $NM/api/orders/1
    cap $S express-404-client-cert-ok.txt 404 app express "a good client certificate: the app's own JSON 404" "HTTP/2" -- -si "${NR[@]}" --cert client.pem --key client.key $NM/api/orders/7
    cap $S nginx-421-sni-host-mismatch.txt 421 proxy nginx "SNI api.example.test, Host mtls.example.test (a server with ssl_verify_client): 421" "HTTP/2" -- -sv "${NR[@]}" -H 'Host: mtls.example.test' $NA/api/orders/1
    cap $S nginx-400-plain-http-to-tls.txt 400 proxy nginx "plain HTTP sent to the TLS port" "'The plain HTTP request was sent to HTTPS port'" -- -sv http://127.0.0.1:58430/api/orders/1
    cap $S nginx-000-unknown-sni-rejected.txt 0 proxy nginx "https to the bare IP (no SNI): the default server's ssl_reject_handshake" "TLS alert unrecognized name; no HTTP" -- -sv -k https://127.0.0.1:58430/api/orders/1
    cap $S nginx-404-default-server.txt 404 proxy nginx "SNI api.example.test but a Host no server_name matches: the default server's return 404" "HTTP/2" -- -si "${NR[@]}" -H 'Host: shop.example.test' $NA/api/orders/1
    cap $S nginx-301-http-to-https.txt 301 proxy nginx "the plain port: return 301 to https" "" -- -si -H 'Host: api.example.test' http://127.0.0.1:58431/account
    cap $S nginx-000-return-444.txt 0 proxy nginx "the plain port, a Host no server_name matches: return 444 closes the connection" "'Empty reply from server'" -- -sv http://127.0.0.1:58431/account
    cap $S nginx-400-cookie-too-large.txt 400 proxy nginx "a 9 KB Cookie line over HTTP/1.1, large_client_header_buffers 4 8k" "'Request Header Or Cookie Too Large'" -- -si --http1.1 "${NR[@]}" -H @cookie-9k.txt $NA/api/orders/1
    cap $S nginx-414-uri-too-long.txt 414 proxy nginx "a 12 KB query string over HTTP/1.1" "'Request-URI Too Large'" -- -si --http1.1 "${NR[@]}" -G --data-urlencode ids@ids-9k.txt $NA/api/orders
    cap $S nginx-000-h2-header-list-goaway.txt 0 proxy nginx "HTTP/2 with 22 KB of cookies: nginx sends GOAWAY (ENHANCE_YOUR_CALM)" "curl -sSi: only curl's error line" -- -sSi "${NR[@]}" -H @cookie-h2-22k.txt $NA/api/orders/1
    cap $S node-431-via-nginx.txt 431 app node "three 6 KB headers over HTTP/1.1: under nginx's buffers, over Node's 16 KB: Node's bare 431, relayed" "Server: nginx/1.22.1; no body" -- -si --http1.1 "${NR[@]}" -H @trace-headers.txt $NA/api/orders/1
    cap $S express-426-socket-not-upgraded.txt 426 app express "a WebSocket handshake on /socket/, a location without the Upgrade headers: the app sees a plain GET" "" -- -sv --http1.1 --max-time 3 "${NR[@]}" "${WSH[@]}" "$NA/socket/?token=good"
    cap $S ws-401-handshake-refused-nginx.txt 401 app node "a WebSocket handshake without the token on /ws (Upgrade passed): the app's upgrade handler refuses" "curl -si; chunked by nginx, no body" -- -si --http1.1 --max-time 3 "${NR[@]}" "${WSH[@]}" $NA/ws
    cap $S nginx-204-cors-preflight.txt 204 proxy nginx "OPTIONS on /partner/: nginx answers the preflight itself" "Access-Control-* from nginx" -- -sv "${NR[@]}" "${PREFLIGHT[@]}" $NA/partner/api/orders
    cap $S express-403-cors-preflight.txt 403 app express "the same preflight on /api/: the app's CORS middleware refuses the origin" "curl -si" -- -si "${NR[@]}" "${PREFLIGHT[@]}" $NA/api/orders
    cap $S express-204-cors-preflight.txt 204 app express "a preflight from the allowed origin: the app's own 204" "" -- -si "${NR[@]}" -X OPTIONS -H 'Origin: https://app.example.test' -H 'Access-Control-Request-Method: DELETE' $NA/api/orders/1
    cap $S nginx-405-trace.txt 405 proxy nginx "TRACE: nginx refuses it itself" "'405 Not Allowed'" -- -si "${NR[@]}" -X TRACE $NA/api/orders/1
    capwin $S express-302-session-expired.txt 302 app express "the account page with a session id the store dropped" "curl -si pasted with CRLF" -- -si "${NR[@]}" -b 'sid=s%3A8f1c2d7e.expired' $NA/account
    cap $S nginx-502-upstream-invalid-header.txt 502 proxy nginx "/legacy/: the upstream prints a debug line among its headers" "error.log: upstream sent invalid header" -- -sv "${NR[@]}" $NA/legacy/api/items
    quiet "${NR[@]}" "${JSONH[@]}" -d '{"to":"ops"}' $NA/notify/api/send
    cap $S nginx-502-keepalive-race.txt 502 proxy nginx "a POST on a reused upstream keepalive connection the upstream closes as the request arrives (not retried: not idempotent)" "error.log: upstream prematurely closed connection" -- -sv "${NR[@]}" "${JSONH[@]}" -d '{"to":"ops"}' $NA/notify/api/send
    capraw $S nginx-502-upstream-tls-verify.txt 502 proxy nginx "/billing/: proxy_ssl_verify on, the orders service's self-signed certificate" "curl -si saved to a file (CRs kept)" -- -si "${NR[@]}" $NA/billing/orders/1
    cap $S go-400-http-to-tls-upstream-via-nginx.txt 400 app go-net-http "/stock/: proxy_pass http:// to the orders service's TLS port: its Go TLS listener answers" "'Client sent an HTTP request to an HTTPS server.'" -- -si "${NR[@]}" $NA/stock/orders/1
fi

# ====================================================== Flask + nginx ==
if up nginx; then
    log "capturing: Flask under gunicorn behind nginx (big header buffers)"
    S=flask-gunicorn-nginx
    FR=(--cacert ca.pem --resolve api.example.test:58433:127.0.0.1)
    FN=https://api.example.test:58433
    cap $S gunicorn-431-header-field.txt 431 app gunicorn "a 9 KB Cookie: nginx's 32k buffers let it pass, gunicorn's limit_request_field_size 8190 refuses" "HTTP/2; Server: nginx/1.22.1" -- -si "${FR[@]}" -H @cookie-9k.txt $FN/api/orders/1
    cap $S gunicorn-414-request-line.txt 414 app gunicorn "a 12 KB query string: gunicorn's limit_request_line 4094" "'Request Line is too large'" -- -sv --http1.1 "${FR[@]}" -G --data-urlencode ids@ids-9k.txt $FN/api/orders
    caphttp $S flask-302-login-httpie.txt 302 app flask "HTTPie, no session: the account page redirects to the login page" "HTTPie with colours" -- -v --verify=ca.pem GET https://127.0.0.1:58433/account
    cap $S flask-302-session-expired.txt 302 app flask "a signed session older than 15 minutes: cleared, redirect with expired=1" "" -- -si "${FR[@]}" -b "session=$FLASK_OLD" $FN/account
    cap $S flask-200-options-no-cors.txt 200 app flask "a CORS preflight: Flask's automatic OPTIONS answer, no Access-Control-* headers" "the browser treats it as refused" -- -sv "${FR[@]}" -X OPTIONS -H 'Origin: https://app.example.test' -H 'Access-Control-Request-Method: POST' $FN/api/orders
    cap $S flask-405-delete.txt 405 app flask "DELETE on a GET route: Werkzeug's 405 page" "curl -si" -- -si "${FR[@]}" -X DELETE $FN/api/orders/1
fi

# ==================================================== Django + Apache ==
if up apache; then
    log "capturing: Django under gunicorn behind Apache (TLS, HTTP/2)"
    S=django-gunicorn-apache
    AR=(--cacert ca.pem --resolve api.example.test:58440:127.0.0.1 --resolve admin.example.test:58440:127.0.0.1)
    AA=https://api.example.test:58440 AD=https://admin.example.test:58440
    cap $S apache-421-sni-host-mismatch.txt 421 proxy apache "SNI api.example.test, Host admin.example.test (a vhost with SSLVerifyClient require)" "HTTP/2; 'Misdirected Request'" -- -sv "${AR[@]}" -H 'Host: admin.example.test' $AA/api/orders/1
    cap $S apache-000-client-cert-required.txt 0 identity apache "admin.example.test, SSLVerifyClient require, no client certificate" "TLS 1.3 alert certificate required; no HTTP" -- -sv "${AR[@]}" $AD/api/orders/1
    cap $S apache-403-require-verify-client.txt 403 identity apache "/admin/ with Require ssl-verify-client, no client certificate (SSLVerifyClient optional)" "HTTP/2" -- -si "${AR[@]}" $AA/admin/
    capwin $S apache-400-plain-http-to-tls.txt 400 proxy apache "plain HTTP sent to the TLS port" "curl -si pasted with CRLF" -- -si http://127.0.0.1:58440/api/orders/1
    cap $S apache-400-cookie-too-large.txt 400 proxy apache "a 9 KB Cookie over HTTP/1.1: LimitRequestFieldSize 8190" "'Size of a request header field exceeds server limit.'" -- -si --http1.1 "${AR[@]}" -H @cookie-9k.txt $AA/api/orders/1
    cap $S apache-431-cookie-too-large-h2.txt 431 proxy apache "the same 9 KB Cookie over HTTP/2: mod_http2 answers 431" "" -- -si "${AR[@]}" -H @cookie-9k.txt $AA/api/orders/1
    cap $S apache-414-uri-too-long.txt 414 proxy apache "a 12 KB query string: LimitRequestLine 8190" "" -- -si --http1.1 "${AR[@]}" -G --data-urlencode ids@ids-9k.txt $AA/api/orders/
    caphttp $S apache-405-patch-static-httpie.txt 405 proxy apache "HTTPie PATCH on a static file Apache serves itself" "HTTPie with colours" -- -v --verify=ca.pem PATCH https://127.0.0.1:58440/static/app.css
    cap $S apache-501-purge-static.txt 501 proxy apache "PURGE on a static file (someone expecting a cache): unknown method" "HTTP/1.1" -- -sv --http1.1 "${AR[@]}" -X PURGE $AA/static/app.css
    cap $S django-403-csrf-purge.txt 403 app django "the same PURGE on a proxied API path: Django's CSRF middleware refuses an unsafe method" "curl -si" -- -si "${AR[@]}" -X PURGE $AA/api/orders/
    cap $S apache-417-expect.txt 417 proxy apache "Expect: 200-ok (a client's mistake): Apache's 417" "HTTP/1.1" -- -sv --http1.1 "${AR[@]}" "${JSONH[@]}" -H 'Expect: 200-ok' -d '{"sku":"A-1"}' $AA/api/orders/
    cap $S django-400-disallowed-host.txt 400 app django "a Host no vhost names goes to the first vhost, then to Django: DisallowedHost" "'Bad Request (400)'" -- -sv "${AR[@]}" -H 'Host: orders.example.test' $AA/api/orders/1
    cap $S django-403-csrf-post.txt 403 app django "a POST without the CSRF cookie and token" "curl -si" -- -si "${AR[@]}" "${JSONH[@]}" -d '{"sku":"A-1"}' $AA/api/orders/
    capraw $S django-302-session-expired.txt 302 app django "a signed session cookie past its max age: redirect to the login page" "curl -si saved to a file (CRs kept)" -- -si "${AR[@]}" -b "sessionid=$DJANGO_OLD" $AA/account/
    cap $S django-405-delete.txt 405 app django "DELETE on a GET-only view: require_http_methods' empty 405" "" -- -si "${AR[@]}" -X DELETE $AA/api/orders/1
    capwget $S apache-403-default-vhost-wget.txt 403 proxy apache "the plain port, a Host no vhost names: the default vhost refuses everything" "wget -S -O-" -- http://127.0.0.1:58441/api/orders/1
    cap $S apache-301-redirect-https.txt 301 proxy apache "www.example.test on the plain port: Redirect permanent" "" -- -si -H 'Host: www.example.test' http://127.0.0.1:58441/pricing
    cap $S django-301-ssl-redirect.txt 301 app django "api.example.test on the plain port, proxied as plain HTTP: Django's SECURE_SSL_REDIRECT" "Server: gunicorn through Apache" -- -sv -H 'Host: api.example.test' http://127.0.0.1:58441/api/orders/1
    cap $S apache-500-upstream-tls-verify.txt 500 proxy apache "/secure/: SSLProxyVerify require, the orders service's self-signed certificate" "'Error during SSL Handshake with remote server'" -- -sv "${AR[@]}" $AA/secure/orders/1
    capraw $S apache-502-upstream-invalid.txt 502 proxy apache "/legacy/: a header line without a colon" "curl -si saved to a file (CRs kept)" -- -si "${AR[@]}" $AA/legacy/items
    quiet --http1.1 "${AR[@]}" -d '{"to":"ops"}' $AA/notify/send
    cap $S apache-502-keepalive-race.txt 502 proxy apache "a POST on a reused backend connection the upstream closes as the request arrives" "HTTP/1.1; 'Error reading from remote server'" -- -si --http1.1 "${AR[@]}" "${JSONH[@]}" -d '{"to":"ops"}' $AA/notify/send
    cap $S fastapi-404-ws-plain-get-apache.txt 404 app fastapi "GET /ws/ over HTTP/2 (no upgrade possible): FastAPI has no HTTP route there" "" -- -si "${AR[@]}" $AA/ws/
    cap $S uvicorn-403-ws-refused-apache.txt 403 app uvicorn "a WebSocket handshake through mod_proxy_wstunnel without the token: the route closes before accept" "Server: Apache on the 403" -- -si --http1.1 --max-time 3 "${AR[@]}" "${WSH[@]}" $AA/ws/
    cap $S uvicorn-400-ws-version-apache.txt 400 app uvicorn "Sec-WebSocket-Version: 8: the websockets library refuses the handshake" "'Failed to open a WebSocket connection'" -- -sv --http1.1 --max-time 3 "${AR[@]}" -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 8' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' "$AA/ws/?token=good"
fi

# ======================================================= Go + Caddy ==
if up caddy; then
    log "capturing: Go net/http behind Caddy"
    S=go-nethttp-caddy
    CR=(--cacert ca.pem --resolve api.example.test:58450:127.0.0.1 --resolve mtls.example.test:58450:127.0.0.1)
    CA=https://api.example.test:58450
    cap $S caddy-421-strict-sni-host.txt 421 proxy caddy "SNI api.example.test, Host mtls.example.test: strict SNI-Host (on because of client auth)" "an empty 421" -- -sv "${CR[@]}" -H 'Host: mtls.example.test' $CA/api/orders/1
    cap $S caddy-000-client-cert-required.txt 0 identity caddy "mtls.example.test, client_auth require_and_verify, no client certificate" "TLS alert bad certificate; no HTTP" -- -sv "${CR[@]}" https://mtls.example.test:58450/api/orders/1
    cap $S caddy-400-plain-http-to-tls.txt 400 proxy caddy "plain HTTP sent to the TLS port: Go's TLS listener inside Caddy" "'Client sent an HTTP request to an HTTPS server.'" -- -si http://127.0.0.1:58450/api/orders/1
    cap $S caddy-308-http-to-https.txt 308 proxy caddy "the plain port: Caddy's automatic redirect" "" -- -sv -H 'Host: api.example.test' http://127.0.0.1:58451/account
    cap $S caddy-431-header-limit.txt 431 proxy caddy "a 25 KB Cookie over HTTP/1.1, max_header_size 16KB: Caddy's server refuses before any handler" "no Server header" -- -si --http1.1 "${CR[@]}" -H @cookie-25k.txt $CA/api/orders/1
    cap $S go-431-via-caddy.txt 431 app go-net-http "a 13 KB Cookie: under Caddy's limit, over the app's MaxHeaderBytes 4096: the app's server refuses, Caddy relays" "HTTP/2; Server: Caddy" -- -si "${CR[@]}" -H @cookie-13k.txt $CA/api/orders/1
    cap $S caddy-417-expect.txt 417 proxy caddy "Expect: 200-ok: Go's server inside Caddy" "HTTP/2, an empty 417" -- -sv "${CR[@]}" -H 'Expect: 200-ok' -d 'qty=1' $CA/api/orders/1
    cap $S caddy-502-upstream-tls-verify.txt 502 proxy caddy "/secure/*: reverse_proxy to https with the system roots" "log: x509: certificate signed by unknown authority" -- -sv "${CR[@]}" $CA/secure/orders/1
    cap $S caddy-502-upstream-invalid.txt 502 proxy caddy "/legacy/*: malformed MIME header from the upstream" "an empty 502" -- -si "${CR[@]}" $CA/legacy/items
    cap $S go-426-ws-plain-get.txt 426 app go-net-http "a plain GET on the WebSocket endpoint" "curl -si" -- -si "${CR[@]}" $CA/ws
    caphttp $S go-405-json-httpie.txt 405 app go-net-http "HTTPie DELETE on an order: the handler's JSON 405 (straight to the app)" "HTTPie with colours" -- -v DELETE http://127.0.0.1:58414/api/orders/1
    cap $S go-302-session-expired-caddy.txt 302 app go-net-http "a session cookie the app does not accept: http.Redirect to the login page" "" -- -si "${CR[@]}" -b 'session=eyJ1aWQiOjQyLCJleHAiOjE3MDAwMDAwMDB9' $CA/account
    cap $S go-404-no-route-caddy.txt 404 app go-net-http "no route: ServeMux's '404 page not found'" "" -- -sv "${CR[@]}" $CA/api/v2/orders
fi

# =================================================== FastAPI + HAProxy ==
if up haproxy; then
    log "capturing: FastAPI on uvicorn behind HAProxy"
    S=fastapi-uvicorn-haproxy
    HR=(--cacert ca.pem --resolve api.example.test:58460:127.0.0.1 --resolve api.example.test:58461:127.0.0.1)
    HA=https://api.example.test:58460
    cap $S haproxy-421-sni-host-mismatch.txt 421 load-balancer haproxy "SNI api.example.test, Host admin.example.test: http-request deny deny_status 421" "HTTP/2" -- -sv "${HR[@]}" -H 'Host: admin.example.test' $HA/api/orders/1
    cap $S haproxy-000-client-cert-required.txt 0 identity haproxy "the bind with verify required, no client certificate" "no HTTP" -- -sv --http1.1 "${HR[@]}" https://api.example.test:58461/api/orders/1
    cap $S haproxy-000-plain-http-to-tls.txt 0 load-balancer haproxy "plain HTTP sent to the TLS bind: the connection is closed" "'Empty reply from server'" -- -sv http://127.0.0.1:58460/api/orders/1
    cap $S haproxy-301-redirect-https.txt 301 load-balancer haproxy "the plain bind: http-request redirect prefix ... code 301" "" -- -si -H 'Host: api.example.test' http://127.0.0.1:58462/account
    cap $S fastapi-308-https-redirect.txt 308 app fastapi "the plain bind forwarded with X-Forwarded-Proto http: the app's own https redirect" "Server: uvicorn" -- -si -H 'Host: api.example.test' http://127.0.0.1:58463/account
    capraw $S haproxy-400-header-too-large.txt 400 load-balancer haproxy "a 17 KB Cookie over HTTP/1.1: over tune.bufsize" "curl -si saved to a file (CRs kept)" -- -si --http1.1 "${HR[@]}" -H @cookie-17k.txt $HA/api/orders/1
    cap $S haproxy-204-cors-preflight.txt 204 load-balancer haproxy "OPTIONS on /partner/: http-request return status 204 with the CORS headers" "" -- -sv "${HR[@]}" "${PREFLIGHT[@]}" $HA/partner/api/orders
    cap $S fastapi-400-cors-origin.txt 400 app fastapi "the same preflight on /api/: CORSMiddleware refuses the origin" "'Disallowed CORS origin'" -- -si "${HR[@]}" "${PREFLIGHT[@]}" $HA/api/orders
    caphttp $S haproxy-405-deny-httpie.txt 405 load-balancer haproxy "HTTPie DELETE on /api/: http-request deny deny_status 405" "HTTPie with colours" -- -v --verify=ca.pem DELETE https://127.0.0.1:58460/api/orders/1
    cap $S fastapi-405-post.txt 405 app fastapi "POST on a GET route (HAProxy lets POST through): FastAPI's 405" "" -- -si "${HR[@]}" "${JSONH[@]}" -d '{}' $HA/api/orders/1
    cap $S fastapi-400-trusted-host.txt 400 app fastapi "https to the IP (no SNI) with Host orders.internal: TrustedHostMiddleware" "'Invalid host header'" -- -sv --cacert ca.pem -H 'Host: orders.internal' https://127.0.0.1:58460/api/orders/1
    cap $S haproxy-502-upstream-invalid.txt 502 load-balancer haproxy "/legacy/: a header line without a colon" "" -- -sv "${HR[@]}" $HA/legacy/items
    capwin $S haproxy-503-upstream-tls-verify.txt 503 load-balancer haproxy "/secure/: server ... ssl verify required with the wrong CA" "curl -si pasted with CRLF" -- -si "${HR[@]}" $HA/secure/orders/1
    cap $S uvicorn-403-ws-refused-haproxy.txt 403 app uvicorn "a WebSocket handshake without the token: the route closes before accept" "HTTP/1.1" -- -sv --http1.1 --max-time 3 "${HR[@]}" "${WSH[@]}" $HA/ws
    cap $S fastapi-307-login.txt 307 app fastapi "no session cookie: RedirectResponse's default 307" "curl -si" -- -si "${HR[@]}" $HA/account
fi

# ===================================================== Express + Varnish ==
if up varnish; then
    log "capturing: Express behind Varnish"
    S=express-varnish
    VN=http://127.0.0.1:58470
    cap $S varnish-400-header-too-large.txt 400 cdn-cache varnish "a 9 KB Cookie line: over http_req_hdr_len 8k" "a bare 400" -- -si -H @cookie-9k.txt $VN/api/orders/1
    cap $S node-431-via-varnish.txt 431 app node "a 25 KB query string: under Varnish's http_req_size 32k, over Node's 16 KB: Node's 431 passed" "X-Varnish, X-Cache: MISS" -- -si -G --data-urlencode ids@ids-20k.txt $VN/api/orders
    cap $S varnish-000-request-too-large.txt 0 cdn-cache varnish "a 50 KB query string: over http_req_size, Varnish drops the connection" "curl -sSi: only curl's error line" -- -sSi -G --data-urlencode ids@ids-40k.txt $VN/api/orders
    cap $S varnish-417-expect.txt 417 cdn-cache varnish "Expect: 200-ok: Varnish's own 417" "a bare 417" -- -sv "${JSONH[@]}" -H 'Expect: 200-ok' -d '{"sku":"A-1"}' $VN/api/orders
    cap $S varnish-503-upstream-invalid.txt 503 cdn-cache varnish "/legacy/: the backend's header line without a colon: Backend fetch failed" "" -- -si $VN/legacy/items
    cap $S express-426-ws-not-piped.txt 426 app express "a WebSocket handshake: the builtin VCL has no pipe for Upgrade, the app sees a plain GET" "" -- -sv --max-time 3 "${WSH[@]}" "$VN/ws?token=good"
    caphttp $S express-401-session-expired-httpie.txt 401 app express "HTTPie with a session id the store dropped" "HTTPie with colours" -- -v GET $VN/api/me 'Cookie:sid=s%3A8f1c2d7e.expired'
    cap $S express-403-cors-via-varnish.txt 403 app express "a preflight from an origin the app does not allow (passed by the builtin VCL)" "curl -si" -- -si -X OPTIONS -H 'Origin: https://partner.example.org' -H 'Access-Control-Request-Method: DELETE' $VN/api/orders/1
fi

# ================================================== Sinatra + lighttpd ==
if up lighttpd; then
    log "capturing: Sinatra under Puma behind lighttpd"
    S=sinatra-puma-lighttpd
    LR=(--cacert ca.pem --resolve api.example.test:58475:127.0.0.1 --resolve api.example.test:58476:127.0.0.1)
    LA=https://api.example.test:58475
    capwin $S lighttpd-431-header-too-large.txt 431 proxy lighttpd "a 9 KB Cookie: over server.max-request-field-size 8192" "curl -si pasted with CRLF" -- -si "${LR[@]}" -H @cookie-9k.txt $LA/api/orders/1
    cap $S lighttpd-501-purge.txt 501 proxy lighttpd "PURGE: not a method lighttpd knows" "HTTP/2" -- -sv "${LR[@]}" -X PURGE $LA/api/orders/1
    cap $S lighttpd-000-plain-http-to-tls.txt 0 proxy lighttpd "plain HTTP sent to the TLS port: the connection is closed" "'Empty reply from server'" -- -sv http://127.0.0.1:58475/api/orders/1
    cap $S lighttpd-000-client-cert-required.txt 0 identity lighttpd "the port with ssl.verifyclient.enforce, no client certificate" "TLS alert certificate required; no HTTP" -- -sv "${LR[@]}" https://api.example.test:58476/api/orders/1
    cap $S lighttpd-301-http-to-https.txt 301 proxy lighttpd "the plain port: url.redirect to https" "" -- -si http://127.0.0.1:58477/account
    cap $S sinatra-404-options-preflight.txt 404 app sinatra "a CORS preflight: no OPTIONS route, Sinatra's 404" "" -- -sv "${LR[@]}" -X OPTIONS -H 'Origin: https://app.example.test' -H 'Access-Control-Request-Method: POST' $LA/api/orders
    cap $S sinatra-302-login.txt 302 app sinatra "no session: redirect to the login page (absolute Location)" "curl -si" -- -si "${LR[@]}" $LA/account
    cap $S sinatra-302-session-expired.txt 302 app sinatra "a Rack cookie session older than 15 minutes: cleared, redirect with expired=1" "" -- -si "${LR[@]}" -b "orders.session=$SINATRA_OLD" $LA/account
    caphttp $S sinatra-405-delete-httpie.txt 405 app sinatra "HTTPie DELETE: the route's own 405" "HTTPie with colours" -- -v --verify=ca.pem DELETE https://127.0.0.1:58475/api/orders/1
fi

# ============================================ Flask + Traffic Server ==
if up ats; then
    log "capturing: Flask under gunicorn behind Traffic Server"
    S=flask-gunicorn-trafficserver
    TR=(--resolve api.example.test:58480:127.0.0.1)
    TS=http://api.example.test:58480
    capwget $S ats-404-no-remap-wget.txt 404 cdn-cache trafficserver "a Host no remap rule names: 'Not Found on Accelerator'" "wget -S -O-" -- --header 'Host: shop.example.test' http://127.0.0.1:58480/api/orders/1
    cap $S ats-400-header-too-large.txt 400 cdn-cache trafficserver "a 40 KB Cookie: over request_header_max_size 32768" "'Invalid HTTP Request'" -- -si "${TR[@]}" -H @cookie-40k.txt $TS/api/orders/1
    cap $S gunicorn-431-via-ats.txt 431 app gunicorn "a 9 KB Cookie: under ATS's limit, over gunicorn's field limit" "Server: ATS/9.2.9 replaces gunicorn's" -- -si "${TR[@]}" -H @cookie-9k.txt $TS/api/orders/1
    cap $S gunicorn-414-via-ats.txt 414 app gunicorn "a 12 KB query string: gunicorn's limit_request_line" "" -- -si "${TR[@]}" -G --data-urlencode ids@ids-9k.txt $TS/api/orders
    cap $S ats-502-upstream-tls-verify.txt 502 cdn-cache trafficserver "/secure/: origin TLS verification ENFORCED, a self-signed certificate" "'Could Not Connect'" -- -sv "${TR[@]}" $TS/secure/orders/1
    cap $S gunicorn-417-via-ats.txt 417 app gunicorn "Expect: 200-ok passed by ATS: gunicorn's 417 page" "" -- -sv "${TR[@]}" -H 'Expect: 200-ok' -d 'sku=A-1' $TS/api/orders
    caphttp $S ats-404-purge-httpie.txt 404 cdn-cache trafficserver "HTTPie PURGE on an object not in the cache: ATS's empty 404" "HTTPie with colours" -- -v PURGE http://127.0.0.1:58480/api/orders/1 Host:api.example.test:58480
    quiet "${TR[@]}" -d '{"to":"ops"}' $TS/notify/send
    cap $S ats-502-keepalive-race.txt 502 cdn-cache trafficserver "a POST on a reused origin connection the origin closes as the request arrives" "" -- -sv "${TR[@]}" "${JSONH[@]}" -d '{"to":"ops"}' $TS/notify/send
fi

# ================================================= Go ReverseProxy edge ==
if up gofront; then
    log "capturing: a Go ReverseProxy edge"
    S=go-reverseproxy-edge
    GF=http://127.0.0.1:58490
    cap $S goproxy-502-upstream-tls-verify.txt 502 proxy go-reverseproxy "/api/: the default transport does not trust the orders service's certificate" "an empty 502" -- -sv $GF/api/orders/1
    caphttp $S goproxy-502-upstream-invalid-httpie.txt 502 proxy go-reverseproxy "HTTPie, /legacy/: malformed MIME header" "HTTPie with colours" -- -v GET $GF/legacy/items
    cap $S goproxy-404-no-route.txt 404 proxy go-reverseproxy "a path the edge does not route: its own ServeMux's '404 page not found'" "" -- -si $GF/reports/daily
fi

# ======================================================== apps direct ==
log "capturing: the apps' own servers, directly"
S=apps-direct
cap $S node-431-direct.txt 431 app node "a 17 KB Cookie straight to Node: its bare 431" "no body, Connection: close" -- -si -H @cookie-17k.txt http://127.0.0.1:58410/api/orders/1
cap $S node-417-direct.txt 417 app node "Expect: 200-ok straight to Node" "" -- -sv "${JSONH[@]}" -H 'Expect: 200-ok' -d '{"sku":"A-1"}' http://127.0.0.1:58410/api/orders
cap $S go-431-direct.txt 431 app go-net-http "a 17 KB Cookie straight to the Go app" "'431 Request Header Fields Too Large'" -- -si -H @cookie-17k.txt http://127.0.0.1:58414/api/orders/1
cap $S go-417-direct.txt 417 app go-net-http "Expect: 200-ok straight to the Go app" "" -- -sv -H 'Expect: 200-ok' -d 'qty=1' http://127.0.0.1:58414/api/orders/1
cap $S go-400-plain-http-to-tls-direct.txt 400 app go-net-http "plain HTTP to the orders service's own TLS port" "HTTP/1.0 400" -- -sv http://127.0.0.1:58415/api/orders/1
up sinatra && cap $S puma-400-uri-too-long.txt 400 app puma "a 17 KB query string straight to Puma" "a bare 400" -- -si -G --data-urlencode ids@ids-13k.txt http://127.0.0.1:58418/api/orders

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-400-no-client-cert.txt 400/400 identity nginx "nginx's 'No required SSL certificate was sent' page" "" -- --cacert ca.pem --resolve mtls.example.test:58430:127.0.0.1 https://mtls.example.test:58430/api/orders/1
up nginx && capbody $S body-gunicorn-431.txt 0/431 app gunicorn "gunicorn's 'Request Header Fields Too Large' page through nginx" "no number" -- --cacert ca.pem --resolve api.example.test:58433:127.0.0.1 -H @cookie-9k.txt https://api.example.test:58433/api/orders/1
up apache && capbody $S body-apache-421.txt 421/421 proxy apache "Apache's 'Misdirected Request' page" "" -- --cacert ca.pem --resolve api.example.test:58440:127.0.0.1 -H 'Host: admin.example.test' https://api.example.test:58440/api/orders/1
up haproxy && capbody $S body-haproxy-421.txt 421/421 load-balancer haproxy "HAProxy's 421 page" "" -- --cacert ca.pem --resolve api.example.test:58460:127.0.0.1 -H 'Host: admin.example.test' https://api.example.test:58460/api/orders/1
up apache && capbody $S body-django-400-disallowed-host.txt 400/400 app django "Django's 'Bad Request (400)' for a Host not allowed" "" -- --cacert ca.pem --resolve api.example.test:58440:127.0.0.1 -H 'Host: orders.example.test' https://api.example.test:58440/api/orders/1
up haproxy && capbody $S body-fastapi-cors-origin.txt 0/400 app fastapi "'Disallowed CORS origin'" "no number" -- --cacert ca.pem --resolve api.example.test:58460:127.0.0.1 "${PREFLIGHT[@]}" https://api.example.test:58460/api/orders
up ats && capbody $S body-ats-404-no-remap.txt 0/404 cdn-cache trafficserver "'Not Found on Accelerator'" "no number" -- -H 'Host: shop.example.test' http://127.0.0.1:58480/api/orders/1
up caddy && capbody $S body-caddy-400-plain-http.txt 0/400 proxy caddy "'Client sent an HTTP request to an HTTPS server.' from Caddy's TLS port" "no number" -- http://127.0.0.1:58450/api/orders/1

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-301.txt 301 proxy nginx "curl -sI on the plain port" "" -- -H 'Host: api.example.test' http://127.0.0.1:58431/account
up caddy && caphead $S head-caddy-308.txt 308 proxy caddy "curl -sI on Caddy's plain port" "" -- -H 'Host: api.example.test' http://127.0.0.1:58451/account
up apache && caphead $S head-apache-421-h2.txt 421 proxy apache "curl -sI over HTTP/2, SNI and Host disagree" "HTTP/2" -- --cacert ca.pem --resolve api.example.test:58440:127.0.0.1 -H 'Host: admin.example.test' https://api.example.test:58440/api/orders/1
up varnish && caphead $S head-express-426-varnish.txt 426 app express "curl -sI on the WebSocket endpoint through Varnish" "" -- http://127.0.0.1:58470/ws
up apache && caphead $S head-django-302.txt 302 app django "curl -sI on the account page without a session" "HTTP/2" -- --cacert ca.pem --resolve api.example.test:58440:127.0.0.1 https://api.example.test:58440/account/

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round48/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
