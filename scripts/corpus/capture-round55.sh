#!/usr/bin/env bash
# capture-round55.sh — build the fifty-fifth held-out evidence corpus in
# tests/fixtures/evidence-round55/.
#
# "Mainstream stacks in a seventeenth pairing, failing the way the issue
# describes": one small invoices API written eight times on the stacks
# teams run most (FastAPI under Hypercorn, Flask under waitress, Django under
# uvicorn and under Hypercorn, Fastify, Koa, NestJS, Sinatra under Puma,
# gin), each behind a mainstream front in a pairing no earlier round used
# (nginx, Apache, HAProxy, Caddy, Varnish, and one Squid with five
# accelerator ports). Each front adds its own request id to what it sends
# back, answers some paths itself (JSON 429/503, an empty 503) and
# fails in its stock ways (dead upstream, slow upstream, unknown Host, body,
# URI or header too large, a method it refuses). Paste forms: curl -v/-i
# transcripts (some with their CRs, some with CRLF), HTTPie with colours,
# `wget -S -O-`, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round55.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round55.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round55.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round55.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-54: every server binds 127.0.0.1 (ports 59100-59199)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs run under
# `nice -n 15`. Labels are written by finish_round55.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round55"
RUN=/tmp/api-triage-corpus55
STAGE="$RUN/evidence"
CONF="$HERE/conf-round55"
APPS="$HERE/apps55"
VENV=${CORPUS_VENV55:-/tmp/api-triage-corpus55-venv}
NODE_DIR=${CORPUS_NODE55:-/tmp/api-triage-corpus55-node}
GO_DIR=${CORPUS_GO55:-/tmp/api-triage-corpus55-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(flask==3.1.3 waitress==3.0.2 fastapi==0.165.0 hypercorn==0.18.0 django==5.2.19 uvicorn==0.55.0)
NPM=(fastify@4.29.1 koa@2.16.4 @koa/router@12.0.2 @nestjs/core@10.4.22 @nestjs/common@10.4.22 @nestjs/platform-express@10.4.22 reflect-metadata@0.2.2 rxjs@7.8.2)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus55 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openssl python3-venv nodejs apache2 nginx haproxy varnish squid caddy ruby-sinatra puma
    golang-go golang-github-gin-gonic-gin-dev)
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


install_venv() {  # the Python frameworks and servers, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, waitress, fastapi, hypercorn, django, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # Fastify, Koa and @koa/router, NestJS, from npm
    [[ -e $NODE_DIR/node_modules/fastify/package.json && -e $NODE_DIR/node_modules/@koa/router/package.json && -e $NODE_DIR/node_modules/@nestjs/platform-express/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus55","private":true}' >"$NODE_DIR/package.json"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"$GO_DIR/"* ]]
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
            # a worker or child a server left behind
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round55.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "the Node modules are missing (${SKIPPED[npm]})"
have openssl || die "openssl is missing"

# apps: FastAPI/Hypercorn 59110 (nginx) and 59111 (Caddy), Flask/waitress
# 59112 (HAProxy), Django/uvicorn 59113 (Varnish), Django/Hypercorn 59114
# (Apache), Fastify 59115, Koa 59116, NestJS 59117, Sinatra/Puma 59118
# and gin 59119 (Squid's five ports). 59199 is never
# listened on (the dead upstream every front has).
APP_PORTS=(59110 59111 59112 59113 59114 59115 59116 59117 59118 59119)
FRONT_PORTS=(59180 59143 59181 59182 59145 59183 59144 59190 59150 59151 59152 59153 59154)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 59199; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: a self-signed cert for the HTTP/2 ports of nginx and Caddy --------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Ledgerly/CN=api.ledgerly.test" \
    -addext "subjectAltName=DNS:api.ledgerly.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
HYP=(env PYTHONPATH="$APPS" nice -n 5 "$VENV/bin/hypercorn")
WTR=(env PYTHONPATH="$APPS" nice -n 5 "$VENV/bin/waitress-serve" --threads=8)
NODE=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_bg fastapi "${HYP[@]}" --bind 127.0.0.1:59110 fastapi_app:app
start_bg fastapi2 "${HYP[@]}" --bind 127.0.0.1:59111 fastapi_app:app
start_bg flask "${WTR[@]}" --listen=127.0.0.1:59112 flask_app:app
start_bg django-uvicorn nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 59113 --no-access-log django_app:asgi
start_bg django-hypercorn "${HYP[@]}" --bind 127.0.0.1:59114 django_app:asgi
start_bg fastify "${NODE[@]}" "$APPS/fastify_app.js" 59115
start_bg koa "${NODE[@]}" "$APPS/koa_app.js" 59116
start_bg nest "${NODE[@]}" "$APPS/nest_app.js" 59117
if have golang-go && have golang-github-gin-gonic-gin-dev; then
    # gin from Debian's Go sources, built in GOPATH mode (no module download)
    mkdir -p "$GO_DIR"
    GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$GO_DIR/cache" GOFLAGS= nice -n 15 timeout 300 \
        go build -o "$GO_DIR/ledgerly-gin" "$APPS/gin/main.go" >"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[gin]="go build failed (see logs/go-build.log)"
else
    SKIPPED[gin]="Go or Debian's gin sources missing"
fi
[[ -z ${SKIPPED[gin]:-} ]] && start_bg gin env GIN_MODE=release nice -n 5 "$GO_DIR/ledgerly-gin" 59119
have puma && have ruby-sinatra && start_bg sinatra nice -n 5 puma -e production -t 2:8 -b tcp://127.0.0.1:59118 "$APPS/sinatra.ru"
for p in "${APP_PORTS[@]}"; do
    [[ $p == 59118 ]] && ! { have puma && have ruby-sinatra; } && continue
    [[ $p == 59119 && -n ${SKIPPED[gin]:-} ]] && continue
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/www/docs
    : >"$RUN/nginx/www/empty-503"
    printf '<!doctype html><title>Ledgerly API docs</title><h1>Ledgerly API</h1>\n' >"$RUN/nginx/www/docs/index.html"
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 59180 nginx && wait_port 59143 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
    printf '{"error":"too_many_requests","message":"export quota for this key is used up today","retry_after":60}\n' >"$RUN/apache/errors/rate-limited.json"
    printf '{"error":"maintenance","message":"refunds are paused until the month-end close"}\n' >"$RUN/apache/errors/maintenance.json"
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 59181 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    cp "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
        start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
        wait_port 59182 haproxy && wait_port 59145 haproxy && UP[haproxy]=1
    else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:59190 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m -p feature=+http2
    wait_port 59190 varnish && UP[varnish]=1
fi
if have squid; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || true
    start_bg squid squid -N -n corpus55 -f "$RUN/squid/squid.conf"
    wait_port 59150 squid && wait_port 59151 squid && wait_port 59152 squid && wait_port 59153 squid && wait_port 59154 squid && UP[squid]=1
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
        caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 59183 caddy && wait_port 59144 caddy && UP[caddy]=1
fi
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 55 (held out): real responses captured by
# scripts/corpus/capture-round55.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-54:
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

H=api.ledgerly.test
NG=http://$H:59180 NGS=https://$H:59143 AP=http://$H:59181 HA=http://$H:59182 HA2=http://$H:59145
VN=http://$H:59190 SQG=http://$H:59154 SQF=http://$H:59150 SQK=http://$H:59151 SQN=http://$H:59152 SQS=http://$H:59153 CD=http://$H:59183 CDS=https://$H:59144
# one --resolve per front keeps the transcripts short
RNG="--resolve $H:59180:127.0.0.1" RNGS="--resolve $H:59143:127.0.0.1" RAP="--resolve $H:59181:127.0.0.1"
RHA="--resolve $H:59182:127.0.0.1" RHA2="--resolve $H:59145:127.0.0.1" RVN="--resolve $H:59190:127.0.0.1" RSQG="--resolve $H:59154:127.0.0.1"
RSQF="--resolve $H:59150:127.0.0.1" RSQK="--resolve $H:59151:127.0.0.1"
RSQN="--resolve $H:59152:127.0.0.1" RSQS="--resolve $H:59153:127.0.0.1"
RCD="--resolve $H:59183:127.0.0.1" RCDS="--resolve $H:59144:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
LONGQ=$(printf 'q%.0s' $(seq 1 1500))
BIGH="X-Trace-Context: $(printf 't%.0s' $(seq 1 1500))"
BIGH3="X-Trace-Context: $(printf 't%.0s' $(seq 1 3000))"
BIGH8="X-Trace-Context: $(printf 't%.0s' $(seq 1 8000))"
BIGH20="X-Trace-Context: $(printf 't%.0s' $(seq 1 20000))"
BIGBODY=$(printf '{"ref":"LG-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")

# ================================= nginx -> FastAPI under Hypercorn ==
if up nginx; then
    log "capturing: FastAPI under Hypercorn behind nginx"
    S=fastapi-hypercorn-nginx
    cap $S fastapi-200-invoice-nginx.txt 200 app fastapi "invoice 1 through nginx" "X-Request-ID from nginx, server: nginx" -- -sv $RNG $NG/api/invoices/1
    cap $S fastapi-404-invoice-nginx.txt 404 app fastapi "an unknown invoice: the handler's JSON 404" "curl -si" -- -si $RNG $NG/api/invoices/9
    caphttp $S fastapi-401-account-nginx-httpie.txt 401 app fastapi "HTTPie, no token: the handler's JSON 401 with WWW-Authenticate: Bearer" "HTTPie with colours" -- -v GET http://127.0.0.1:59180/api/account Host:$H
    cap $S fastapi-201-post-nginx.txt 201 app fastapi "POST a new ref: the handler's JSON 201" "" -- -sv $RNG -X POST "${JSONH[@]}" -d '{"ref":"LG-2002","total":40}' $NG/api/invoices
    cap $S fastapi-409-post-nginx.txt 409 app fastapi "POST an invoice whose ref exists: the handler's JSON 409" "curl -si" -- -si $RNG -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $NG/api/invoices
    capraw $S fastapi-422-post-nginx.txt 422 app fastapi "POST without ref: FastAPI's own validation 422 (detail list)" "curl -si saved to a file (CRs kept)" -- -si $RNG -X POST "${JSONH[@]}" -d '{"total":2}' $NG/api/invoices
    cap $S fastapi-429-quota-nginx.txt 429 app fastapi "the app's own rate limit: JSON 429 with Retry-After, passed on by nginx" "" -- -sv $RNG $NG/api/quota
    quiet $RNG $NG/api/exports/daily
    cap $S nginx-429-exports-json.txt 429 proxy nginx "limit_req on /api/exports/ (1 a minute), the second request: nginx's own JSON 429 from error_page" "X-Request-ID from nginx" -- -sv $RNG $NG/api/exports/daily
    cap $S fastapi-503-maintenance-nginx.txt 503 app fastapi "the app's own JSON 503 (maintenance, Retry-After)" "curl -si" -- -si $RNG $NG/api/maintenance
    cap $S nginx-503-refunds-json.txt 503 proxy nginx "/api/refunds/: nginx answers a JSON 503 itself (return 503 '...')" "" -- -sv $RNG $NG/api/refunds/42
    cap $S nginx-503-beta-empty.txt 503 proxy nginx "/api/beta/: nginx answers 503 with an empty body; only Server: names it" "curl -si" -- -si $RNG $NG/api/beta/labels
    capwin $S fastapi-502-payments-html-nginx.txt 502 app fastapi "the app's own HTML 502 page (its card processor failed), passed on" "curl -si pasted with CRLF" -- -si $RNG $NG/api/payments
    cap $S fastapi-504-bank-html-nginx.txt 504 app fastapi "the app's own HTML 504 page (its bank feed timed out), passed on" "" -- -sv $RNG $NG/api/bank
    cap $S fastapi-500-boom-nginx.txt 500 app fastapi "a ZeroDivisionError: the framework's plain 500" "curl -si" -- -si $RNG $NG/api/boom
    cap $S fastapi-404-route-nginx.txt 404 app fastapi "no route: FastAPI's JSON 404" "" -- -sv $RNG $NG/api/v2/invoices
    cap $S nginx-504-slow.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 2s: nginx's 504 page" "" -- -sv $RNG $NG/api/slow
    capwget $S nginx-502-legacy-wget.txt 502 proxy nginx "/legacy/ to a port nobody listens on: nginx's 502 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59180/legacy/invoices/1
    cap $S nginx-404-unknown-host.txt 404 proxy nginx "the bare IP as Host: the default server's 'return 404'" "curl -si" -- -si http://127.0.0.1:59180/api/invoices/1
    cap $S nginx-413-body.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's 413 page" "" -- -sv $RNG -X POST "${JSONH[@]}" -d "$BIGBODY" $NG/api/invoices
    capraw $S nginx-414-uri.txt 414 proxy nginx "a 1.5 KB query string, 1k header buffers: nginx's 414 page" "curl -si saved to a file (CRs kept)" -- -si $RNG "$NG/api/invoices?q=$LONGQ"
    cap $S nginx-400-header-too-large.txt 400 proxy nginx "a 1.5 KB header, 1k buffers: nginx's 400 'Request Header Or Cookie Too Large'" "" -- -sv $RNG -H "$BIGH" $NG/api/invoices/1
    cap $S nginx-405-docs-post.txt 405 proxy nginx "POST to the static /docs/ folder: nginx's 405 page" "curl -si" -- -si $RNG -X POST -d 'x=1' $NG/docs/index.html
    cap $S fastapi-200-invoice-nginx-h2.txt 200 app fastapi "HTTP/2 over TLS: invoice 1" "" -- -sv -k $RNGS $NGS/api/invoices/1
    cap $S fastapi-503-statements-html-nginx-h2.txt 503 app fastapi "HTTP/2: the app's own HTML 503 page (statements being rebuilt), passed on" "curl -si" -- -si -k $RNGS $NGS/api/statements
    cap $S nginx-504-slow-h2.txt 504 proxy nginx "HTTP/2: the slow handler, nginx's 504" "" -- -sv -k $RNGS $NGS/api/slow
fi

# =================================== Apache -> Django under Hypercorn ==
if up apache; then
    log "capturing: Django under Hypercorn behind Apache"
    S=django-hypercorn-apache
    cap $S django-200-invoice-apache.txt 200 app django "invoice 1 through Apache" "Via from ProxyVia, X-Request-Id from mod_unique_id" -- -sv $RAP $AP/api/invoices/1
    cap $S django-404-invoice-apache.txt 404 app django "an unknown invoice: the view's JSON 404, with Apache's Via" "curl -si" -- -si $RAP $AP/api/invoices/9
    cap $S django-403-admin-apache.txt 403 app django "the view's JSON 403" "" -- -sv $RAP $AP/api/admin
    caphttp $S django-409-post-apache-httpie.txt 409 app django "HTTPie POST of an existing ref: the view's JSON 409" "HTTPie with colours" -- -v POST http://127.0.0.1:59181/api/invoices Host:$H ref=LG-1001
    cap $S django-422-post-apache.txt 422 app django "POST without ref: the view's JSON 422" "curl -si" -- -si $RAP -X POST "${JSONH[@]}" -d '{"total":2}' $AP/api/invoices
    cap $S django-429-quota-apache.txt 429 app django "the app's own JSON 429, Via added by Apache" "curl -si" -- -si $RAP $AP/api/quota
    cap $S apache-429-exports-json.txt 429 proxy apache "/api/exports/: mod_rewrite R=429 with a JSON ErrorDocument, Apache's own answer" "" -- -sv $RAP $AP/api/exports/daily
    capraw $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: mod_rewrite R=503 with a JSON maintenance ErrorDocument" "curl -si saved to a file (CRs kept)" -- -si $RAP $AP/api/refunds/42
    cap $S django-503-maintenance-apache.txt 503 app django "the app's own JSON 503 (maintenance), Via added" "" -- -sv $RAP $AP/api/maintenance
    cap $S django-502-payments-html-apache.txt 502 app django "the app's own HTML 502 page, passed on with Via" "curl -si" -- -si $RAP $AP/api/payments
    cap $S django-504-bank-html-apache.txt 504 app django "the app's own HTML 504 page, passed on with Via" "" -- -sv $RAP $AP/api/bank
    cap $S django-500-boom-apache.txt 500 app django "a ZeroDivisionError, DEBUG off: Django's 'Server Error (500)' page, Via added" "" -- -sv $RAP $AP/api/boom
    cap $S django-404-route-apache.txt 404 app django "no route, DEBUG off: Django's HTML 'Not Found' page" "curl -si" -- -si $RAP $AP/api/v2/invoices
    cap $S apache-502-slow.txt 502 proxy apache "the view sleeps 5 s, ProxyTimeout 2: Apache's 'Proxy Error' page" "" -- -sv $RAP $AP/api/slow
    capwin $S apache-503-legacy-down.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503 page" "curl -si pasted with CRLF" -- -si $RAP $AP/legacy/invoices/1
    cap $S apache-404-unknown-host.txt 404 proxy apache "the bare IP as Host: the first virtual host, an empty folder: Apache's 404 page" "" -- -sv http://127.0.0.1:59181/api/invoices/1
    capwget $S apache-414-uri-wget.txt 414 proxy apache "a 1.5 KB query string, LimitRequestLine 1024: Apache's 414 page" "wget -S -O-" -- --header="Host: $H" "http://127.0.0.1:59181/api/invoices?q=$LONGQ"
    cap $S apache-400-header-too-large.txt 400 proxy apache "a 1.5 KB header, LimitRequestFieldSize 1024: Apache's 400 page" "curl -si" -- -si $RAP -H "$BIGH" $AP/api/invoices/1
    cap $S django-200-invoice-apache-h2c.txt 200 app django "HTTP/2 (h2c, prior knowledge): invoice 1" "" -- -sv --http2-prior-knowledge $RAP $AP/api/invoices/1
    cap $S apache-502-slow-h2c.txt 502 proxy apache "HTTP/2 (h2c): the slow view, Apache's 'Proxy Error'" "curl -si" -- -si --http2-prior-knowledge $RAP $AP/api/slow
fi

# ================================== HAProxy -> Flask under waitress ==
if up haproxy; then
    log "capturing: Flask under waitress behind HAProxy"
    S=flask-waitress-haproxy
    cap $S flask-200-invoice-haproxy.txt 200 app flask "invoice 1 through HAProxy" "X-Request-ID set by http-after-response, Server: waitress" -- -sv $RHA $HA/api/invoices/1
    cap $S flask-404-invoice-haproxy.txt 404 app flask "an unknown invoice: the view's JSON 404" "curl -si" -- -si $RHA $HA/api/invoices/9
    caphttp $S flask-401-account-haproxy-httpie.txt 401 app flask "HTTPie, no token: the view's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59182/api/account Host:$H
    cap $S flask-201-post-haproxy.txt 201 app flask "POST a new ref: the view's JSON 201" "" -- -sv $RHA -X POST "${JSONH[@]}" -d '{"ref":"LG-2003"}' $HA/api/invoices
    cap $S flask-422-post-haproxy.txt 422 app flask "POST without ref: the view's JSON 422" "curl -si" -- -si $RHA -X POST "${JSONH[@]}" -d '{"total":2}' $HA/api/invoices
    cap $S flask-429-quota-haproxy.txt 429 app flask "the app's own JSON 429" "" -- -sv $RHA $HA/api/quota
    cap $S haproxy-429-exports-json.txt 429 load-balancer haproxy "/api/exports/: http-request return with a JSON 429" "curl -si" -- -si $RHA $HA/api/exports/daily
    cap $S flask-503-maintenance-haproxy.txt 503 app flask "the app's own JSON 503 (maintenance)" "" -- -sv $RHA $HA/api/maintenance
    capraw $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: http-request return with a JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RHA $HA/api/refunds/42
    cap $S haproxy-503-beta-empty.txt 503 load-balancer haproxy "/api/beta/: http-request return status 503 with no body" "" -- -sv $RHA $HA/api/beta/labels
    cap $S flask-502-payments-html-haproxy.txt 502 app flask "the app's own HTML 502 page, passed on" "curl -si" -- -si $RHA $HA/api/payments
    cap $S flask-503-statements-html-haproxy.txt 503 app flask "the app's own HTML 503 page, passed on" "" -- -sv $RHA $HA/api/statements
    cap $S flask-500-boom-haproxy.txt 500 app flask "a ZeroDivisionError: Flask's HTML 500 page" "curl -si" -- -si $RHA $HA/api/boom
    cap $S flask-404-route-haproxy.txt 404 app flask "no route: Flask's HTML 404 page" "" -- -sv $RHA $HA/api/v2/invoices
    cap $S flask-405-delete-haproxy.txt 405 app flask "DELETE on an invoice: Flask's HTML 405 page" "curl -si" -- -si $RHA -X DELETE $HA/api/invoices/1
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "the view sleeps 5 s, timeout server 2s: HAProxy's 504 page" "" -- -sv $RHA $HA/api/slow
    capwin $S haproxy-503-legacy-down.txt 503 load-balancer haproxy "/legacy/: the only server is down by its check: 'No server is available'" "curl -si pasted with CRLF" -- -si $RHA $HA/legacy/invoices/1
    cap $S haproxy-404-unknown-host.txt 404 load-balancer haproxy "the bare IP as Host: deny_status 404, HAProxy's stock 404 page" "" -- -sv http://127.0.0.1:59182/api/invoices/1
    capwget $S haproxy-403-internal-wget.txt 403 load-balancer haproxy "/internal/: http-request deny, the stock 403 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59182/internal/metrics
    cap $S haproxy-405-purge.txt 405 load-balancer haproxy "PURGE: deny_status 405, HAProxy's stock 405 page" "curl -si" -- -si $RHA -X PURGE $HA/api/invoices/1
    cap $S haproxy-400-header-too-large.txt 400 load-balancer haproxy "a 20 KB header, over HAProxy's 16 KB buffer: its stock 400 page" "" -- -sv $RHA -H "$BIGH20" $HA/api/invoices/1
    cap $S flask-200-invoice-haproxy-h2c.txt 200 app flask "HTTP/2 (h2c): invoice 1" "" -- -sv --http2-prior-knowledge $RHA2 $HA2/api/invoices/1
    cap $S haproxy-503-refunds-json-h2c.txt 503 load-balancer haproxy "HTTP/2 (h2c): HAProxy's JSON 503" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/refunds/7
fi

# ===================================== Varnish -> Django under uvicorn ==
if up varnish; then
    log "capturing: Django under uvicorn behind Varnish"
    S=django-uvicorn-varnish
    cap $S django-200-invoice-varnish-miss.txt 200 app django "invoice 1, first request: a MISS" "X-Cache: MISS, Via: varnish" -- -sv $RVN $VN/api/invoices/1
    cap $S varnish-200-invoice-hit.txt 200 cdn-cache varnish "invoice 1 again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $RVN $VN/api/invoices/1
    cap $S django-404-invoice-varnish.txt 404 app django "an unknown invoice: the view's JSON 404 (not cached)" "" -- -sv $RVN $VN/api/invoices/9
    caphttp $S django-401-account-varnish-httpie.txt 401 app django "HTTPie, no token: the view's JSON 401, Via added by Varnish" "HTTPie with colours" -- -v GET http://127.0.0.1:59190/api/account Host:$H
    cap $S django-201-post-varnish.txt 201 app django "POST (passed) of a new ref: the view's JSON 201" "curl -si" -- -si $RVN -X POST "${JSONH[@]}" -d '{"ref":"LG-2004"}' $VN/api/invoices
    cap $S django-409-post-varnish.txt 409 app django "POST (passed) of an existing ref: the view's JSON 409" "" -- -sv $RVN -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $VN/api/invoices
    cap $S django-429-quota-varnish.txt 429 app django "the app's own JSON 429, Via added" "curl -si" -- -si $RVN $VN/api/quota
    cap $S varnish-429-exports-synth.txt 429 cdn-cache varnish "/api/exports/: synth(429) with a JSON body" "" -- -sv $RVN $VN/api/exports/daily
    cap $S django-503-maintenance-varnish.txt 503 app django "the app's own JSON 503 (maintenance), Via added" "curl -si" -- -si $RVN $VN/api/maintenance
    capraw $S varnish-503-refunds-synth.txt 503 cdn-cache varnish "/api/refunds/: synth(503) with a JSON maintenance body" "curl -si saved to a file (CRs kept)" -- -si $RVN $VN/api/refunds/42
    cap $S varnish-503-beta-empty.txt 503 cdn-cache varnish "/api/beta/: a synth 503 delivered with no body" "" -- -sv $RVN $VN/api/beta/labels
    cap $S django-504-bank-html-varnish.txt 504 app django "the app's own HTML 504 page, passed on with Via" "curl -si" -- -si $RVN $VN/api/bank
    cap $S django-500-boom-varnish.txt 500 app django "a ZeroDivisionError, DEBUG off: Django's 'Server Error (500)'" "" -- -sv $RVN $VN/api/boom
    cap $S django-404-route-varnish.txt 404 app django "no route: Django's HTML 'Not Found'" "curl -si" -- -si $RVN $VN/api/v2/invoices
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the view sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "" -- -sv $RVN $VN/api/slow
    capwin $S varnish-503-legacy-down.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed'" "curl -si pasted with CRLF" -- -si $RVN $VN/legacy/invoices/1
    capwget $S varnish-404-unknown-host-wget.txt 404 cdn-cache varnish "a Host that is not ours: synth(404), the builtin synth page" "wget -S -O-" -- --header="Host: shop.ledgerly.test" http://127.0.0.1:59190/api/invoices/1
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE: synth(405)" "curl -si" -- -si $RVN -X PURGE $VN/api/invoices/1
    cap $S django-200-healthz-varnish-h2c.txt 200 app django "HTTP/2 (h2c): /healthz, a MISS" "" -- -sv --http2-prior-knowledge $RVN $VN/healthz
    cap $S varnish-503-slow-h2c.txt 503 cdn-cache varnish "HTTP/2 (h2c): the slow view, 'Backend fetch failed'" "curl -si" -- -si --http2-prior-knowledge $RVN $VN/api/slow
fi

# ========================== Squid -> Fastify, Koa, NestJS, Sinatra ==
if up squid; then
    log "capturing: Fastify behind Squid"
    S=fastify-squid
    cap $S fastify-200-invoice-squid.txt 200 app fastify "invoice 1: a MISS, Fastify's answer with Squid's Via, X-Cache and request id" "" -- -sv $RSQF $SQF/api/invoices/1
    cap $S fastify-404-invoice-squid.txt 404 app fastify "an unknown invoice: the handler's JSON 404" "curl -si" -- -si $RSQF $SQF/api/invoices/9
    caphttp $S fastify-401-account-squid-httpie.txt 401 app fastify "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59150/api/account Host:$H
    cap $S fastify-403-admin-squid.txt 403 app fastify "the handler's JSON 403" "" -- -sv $RSQF $SQF/api/admin
    cap $S fastify-201-post-squid.txt 201 app fastify "POST a new ref: the handler's JSON 201" "curl -si" -- -si $RSQF -X POST "${JSONH[@]}" -d '{"ref":"LG-2005"}' $SQF/api/invoices
    cap $S fastify-409-post-squid.txt 409 app fastify "POST of an existing ref: the handler's JSON 409" "" -- -sv $RSQF -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $SQF/api/invoices
    cap $S fastify-429-quota-squid.txt 429 app fastify "the app's own JSON 429, Via from Squid" "curl -si" -- -si $RSQF $SQF/api/quota
    capraw $S fastify-503-maintenance-squid.txt 503 app fastify "the app's own JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RSQF $SQF/api/maintenance
    cap $S fastify-502-payments-html-squid.txt 502 app fastify "the app's own HTML 502 page, passed on with Via" "" -- -sv $RSQF $SQF/api/payments
    cap $S fastify-500-boom-squid.txt 500 app fastify "a thrown Error: Fastify's JSON 500" "curl -si" -- -si $RSQF $SQF/api/boom
    cap $S fastify-404-route-squid.txt 404 app fastify "no route: Fastify's JSON 'Route GET:... not found'" "" -- -sv $RSQF $SQF/api/v2/invoices
    cap $S squid-504-slow-fastify.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 2 seconds: ERR_READ_TIMEOUT" "" -- -sv $RSQF $SQF/api/slow
    capwin $S squid-502-legacy-down-fastify.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page" "curl -si pasted with CRLF" -- -si $RSQF $SQF/legacy/invoices/1
    cap $S squid-403-unknown-host-fastify.txt 403 cdn-cache squid "a Host that is not ours: http_access deny, ERR_ACCESS_DENIED" "" -- -sv http://127.0.0.1:59150/api/invoices/1
    cap $S squid-413-body-fastify.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "curl -si" -- -si $RSQF -X POST "${JSONH[@]}" -d "$BIGBODY" $SQF/api/invoices

    log "capturing: Koa behind Squid"
    S=koa-squid
    cap $S koa-200-invoice-squid.txt 200 app koa "invoice 1 through Squid's second port" "Via, X-Cache, Squid's request id" -- -sv $RSQK $SQK/api/invoices/1
    cap $S koa-404-invoice-squid.txt 404 app koa "an unknown invoice: the handler's JSON 404" "curl -si" -- -si $RSQK $SQK/api/invoices/9
    cap $S koa-401-account-squid.txt 401 app koa "no token: the handler's JSON 401" "" -- -sv $RSQK $SQK/api/account
    cap $S koa-422-post-squid.txt 422 app koa "POST without ref: the handler's JSON 422" "curl -si" -- -si $RSQK -X POST "${JSONH[@]}" -d '{"total":2}' $SQK/api/invoices
    caphttp $S koa-429-quota-squid-httpie.txt 429 app koa "HTTPie: the app's own JSON 429, Via from Squid" "HTTPie with colours" -- -v GET http://127.0.0.1:59151/api/quota Host:$H
    cap $S koa-503-maintenance-squid.txt 503 app koa "the app's own JSON 503" "" -- -sv $RSQK $SQK/api/maintenance
    cap $S koa-503-statements-html-squid.txt 503 app koa "the app's own HTML 503 page, passed on with Via" "curl -si" -- -si $RSQK $SQK/api/statements
    capraw $S koa-504-bank-html-squid.txt 504 app koa "the app's own HTML 504 page, passed on with Via" "curl -si saved to a file (CRs kept)" -- -si $RSQK $SQK/api/bank
    cap $S koa-500-boom-squid.txt 500 app koa "a thrown Error: Koa's plain 'Internal Server Error'" "" -- -sv $RSQK $SQK/api/boom
    cap $S koa-404-route-squid.txt 404 app koa "no route: Koa's plain 'Not Found'" "curl -si" -- -si $RSQK $SQK/api/v2/invoices
    cap $S koa-405-delete-squid.txt 405 app koa "DELETE on an invoice: @koa/router's allowedMethods 405" "" -- -sv $RSQK -X DELETE $SQK/api/invoices/1
    cap $S squid-504-slow-koa.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 2 seconds: ERR_READ_TIMEOUT" "curl -si" -- -si $RSQK $SQK/api/slow
    capwget $S squid-403-internal-koa-wget.txt 403 cdn-cache squid "/internal/ denied: ERR_ACCESS_DENIED" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59151/internal/metrics
    cap $S squid-431-header-too-large-koa.txt 431 cdn-cache squid "a 3 KB header, request_header_max_size 2 KB: Squid's own answer" "" -- -sv $RSQK -H "$BIGH3" $SQK/api/invoices/1

    log "capturing: NestJS behind Squid"
    S=nestjs-squid
    cap $S nestjs-200-invoice-squid.txt 200 app nestjs "invoice 1 through Squid's third port" "Via, X-Cache, Squid's request id; X-Powered-By: Express" -- -sv $RSQN $SQN/api/invoices/1
    cap $S nestjs-404-invoice-squid.txt 404 app nestjs "an unknown invoice: the controller's JSON 404" "curl -si" -- -si $RSQN $SQN/api/invoices/9
    caphttp $S nestjs-401-account-squid-httpie.txt 401 app nestjs "HTTPie, no token: the controller's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59152/api/account Host:$H
    cap $S nestjs-403-admin-squid.txt 403 app nestjs "the controller's JSON 403" "" -- -sv $RSQN $SQN/api/admin
    cap $S nestjs-201-post-squid.txt 201 app nestjs "POST a new ref: the controller's JSON 201" "curl -si" -- -si $RSQN -X POST "${JSONH[@]}" -d '{"ref":"LG-2006"}' $SQN/api/invoices
    capwin $S nestjs-409-post-squid.txt 409 app nestjs "POST of an existing ref: the controller's JSON 409" "curl -si pasted with CRLF" -- -si $RSQN -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $SQN/api/invoices
    cap $S nestjs-429-quota-squid.txt 429 app nestjs "the app's own JSON 429, Via from Squid" "" -- -sv $RSQN $SQN/api/quota
    cap $S nestjs-503-maintenance-squid.txt 503 app nestjs "the app's own JSON 503" "curl -si" -- -si $RSQN $SQN/api/maintenance
    cap $S nestjs-504-bank-html-squid.txt 504 app nestjs "the app's own HTML 504 page, passed on with Via" "" -- -sv $RSQN $SQN/api/bank
    capraw $S nestjs-500-boom-squid.txt 500 app nestjs "a thrown Error: Nest's exception filter, JSON 500 'Internal server error'" "curl -si saved to a file (CRs kept)" -- -si $RSQN $SQN/api/boom
    cap $S nestjs-404-route-squid.txt 404 app nestjs "no route: Nest's JSON 404 'Cannot GET ...'" "" -- -sv $RSQN $SQN/api/v2/invoices
    cap $S squid-504-slow-nestjs.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 2 seconds: ERR_READ_TIMEOUT" "curl -si" -- -si $RSQN $SQN/api/slow
    cap $S squid-502-legacy-down-nestjs.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page" "" -- -sv $RSQN $SQN/legacy/invoices/1
    capwget $S squid-403-unknown-host-nestjs-wget.txt 403 cdn-cache squid "a Host that is not ours: ERR_ACCESS_DENIED" "wget -S -O-" -- --header="Host: shop.ledgerly.test" http://127.0.0.1:59152/api/invoices/1

    if have puma && have ruby-sinatra; then
        log "capturing: Sinatra under Puma behind Squid"
        S=sinatra-puma-squid
        cap $S sinatra-200-invoice-squid.txt 200 app sinatra "invoice 1 through Squid's fourth port" "Via, X-Cache, Squid's request id" -- -sv $RSQS $SQS/api/invoices/1
        cap $S sinatra-404-invoice-squid.txt 404 app sinatra "an unknown invoice: the route's JSON 404" "curl -si" -- -si $RSQS $SQS/api/invoices/9
        cap $S sinatra-401-account-squid.txt 401 app sinatra "no token: the route's JSON 401" "" -- -sv $RSQS $SQS/api/account
        caphttp $S sinatra-422-post-squid-httpie.txt 422 app sinatra "HTTPie POST without ref: the route's JSON 422" "HTTPie with colours" -- -v POST http://127.0.0.1:59153/api/invoices Host:$H total:=2
        cap $S sinatra-409-post-squid.txt 409 app sinatra "POST of an existing ref: the route's JSON 409" "curl -si" -- -si $RSQS -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $SQS/api/invoices
        cap $S sinatra-429-quota-squid.txt 429 app sinatra "the app's own JSON 429, Via from Squid" "" -- -sv $RSQS $SQS/api/quota
        capraw $S sinatra-503-maintenance-squid.txt 503 app sinatra "the app's own JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RSQS $SQS/api/maintenance
        cap $S sinatra-502-payments-html-squid.txt 502 app sinatra "the app's own HTML 502 page, passed on with Via" "" -- -sv $RSQS $SQS/api/payments
        cap $S sinatra-503-statements-html-squid.txt 503 app sinatra "the app's own HTML 503 page, passed on with Via" "curl -si" -- -si $RSQS $SQS/api/statements
        cap $S sinatra-500-boom-squid.txt 500 app sinatra "a ZeroDivisionError in production: Sinatra's 'Internal Server Error' page" "" -- -sv $RSQS $SQS/api/boom
        capwin $S sinatra-404-route-squid.txt 404 app sinatra "no route in production: Sinatra's 'Not Found' page" "curl -si pasted with CRLF" -- -si $RSQS $SQS/api/v2/invoices
        cap $S squid-504-slow-sinatra.txt 504 cdn-cache squid "the route sleeps 5 s, read_timeout 2 seconds: ERR_READ_TIMEOUT" "" -- -sv $RSQS $SQS/api/slow
        cap $S squid-413-body-sinatra.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "curl -si" -- -si $RSQS -X POST "${JSONH[@]}" -d "$BIGBODY" $SQS/api/invoices
        cap $S squid-403-internal-sinatra.txt 403 cdn-cache squid "/internal/ denied: ERR_ACCESS_DENIED" "" -- -sv $RSQS $SQS/internal/metrics
    fi
fi

# ===================================== Caddy -> FastAPI under Hypercorn ==
if up caddy; then
    log "capturing: FastAPI under Hypercorn behind Caddy"
    S=fastapi-hypercorn-caddy
    cap $S fastapi-200-invoice-caddy.txt 200 app fastapi "invoice 1 through Caddy" "X-Request-ID from Caddy, Server: Caddy" -- -sv $RCD $CD/api/invoices/1
    cap $S fastapi-404-invoice-caddy.txt 404 app fastapi "an unknown invoice: the handler's JSON 404" "curl -si" -- -si $RCD $CD/api/invoices/9
    cap $S fastapi-403-admin-caddy.txt 403 app fastapi "the handler's JSON 403" "" -- -sv $RCD $CD/api/admin
    caphttp $S fastapi-409-post-caddy-httpie.txt 409 app fastapi "HTTPie POST of an existing ref: the handler's JSON 409" "HTTPie with colours" -- -v POST http://127.0.0.1:59183/api/invoices Host:$H:59183 ref=LG-1001
    cap $S fastapi-422-post-caddy.txt 422 app fastapi "POST without ref: FastAPI's own validation 422" "" -- -sv $RCD -X POST "${JSONH[@]}" -d '{"total":2}' $CD/api/invoices
    cap $S fastapi-429-quota-caddy.txt 429 app fastapi "the app's own JSON 429" "curl -si" -- -si $RCD $CD/api/quota
    cap $S caddy-429-exports-json.txt 429 proxy caddy "/api/exports/*: Caddy's respond with a JSON 429" "" -- -sv $RCD $CD/api/exports/daily
    capraw $S caddy-503-refunds-json.txt 503 proxy caddy "/api/refunds/*: Caddy's respond with a JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RCD $CD/api/refunds/42
    cap $S fastapi-503-maintenance-caddy.txt 503 app fastapi "the app's own JSON 503 (maintenance)" "" -- -sv $RCD $CD/api/maintenance
    cap $S fastapi-502-payments-html-caddy.txt 502 app fastapi "the app's own HTML 502 page, passed on" "curl -si" -- -si $RCD $CD/api/payments
    cap $S fastapi-405-delete-caddy.txt 405 app fastapi "DELETE on an invoice: FastAPI's JSON 405" "" -- -sv $RCD -X DELETE $CD/api/invoices/1
    cap $S caddy-504-slow-empty.txt 504 proxy caddy "the handler sleeps 5 s, response_header_timeout 2s: Caddy's 504, empty body" "" -- -sv $RCD $CD/api/slow
    capwin $S caddy-502-legacy-empty.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, empty body" "curl -si pasted with CRLF" -- -si $RCD $CD/legacy/invoices/1
    cap $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB (plus Go's 4 KB slack): the 431 Caddy's Go server writes" "curl -si" -- -si $RCD -H "$BIGH8" $CD/api/invoices/1
    cap $S fastapi-200-invoice-caddy-h2.txt 200 app fastapi "HTTP/2 over TLS: invoice 1" "curl -si" -- -si -k $RCDS $CDS/api/invoices/1
    cap $S fastapi-500-boom-caddy-h2.txt 500 app fastapi "HTTP/2: the framework's plain 500 for the ZeroDivisionError" "" -- -sv -k $RCDS $CDS/api/boom
    cap $S caddy-504-slow-empty-h2.txt 504 proxy caddy "HTTP/2: the slow handler, Caddy's empty 504" "curl -si" -- -si -k $RCDS $CDS/api/slow
fi

# ====================================== Squid (fifth port) -> gin ==
if up squid && [[ -z ${SKIPPED[gin]:-} ]]; then
    log "capturing: gin behind Squid"
    S=gin-squid
    cap $S gin-200-invoice-squid.txt 200 app gin "invoice 1 through Squid's fifth port" "Via, X-Cache, Squid's request id" -- -sv $RSQG $SQG/api/invoices/1
    cap $S gin-404-invoice-squid.txt 404 app gin "an unknown invoice: the handler's JSON 404" "curl -si" -- -si $RSQG $SQG/api/invoices/9
    cap $S gin-403-admin-squid.txt 403 app gin "the handler's JSON 403" "" -- -sv $RSQG $SQG/api/admin
    caphttp $S gin-422-post-squid-httpie.txt 422 app gin "HTTPie POST without ref: the binding fails, the handler's JSON 422" "HTTPie with colours" -- -v POST http://127.0.0.1:59154/api/invoices Host:$H total:=2
    cap $S gin-201-post-squid.txt 201 app gin "POST a new ref: the handler's JSON 201" "" -- -sv $RSQG -X POST "${JSONH[@]}" -d '{"ref":"LG-2007"}' $SQG/api/invoices
    capraw $S gin-429-quota-squid.txt 429 app gin "the app's own JSON 429, Via added by Squid" "curl -si saved to a file (CRs kept)" -- -si $RSQG $SQG/api/quota
    cap $S gin-503-maintenance-squid.txt 503 app gin "the app's own JSON 503 (maintenance)" "" -- -sv $RSQG $SQG/api/maintenance
    cap $S gin-502-payments-html-squid.txt 502 app gin "the app's own HTML 502 page, passed on with Via" "curl -si" -- -si $RSQG $SQG/api/payments
    cap $S gin-500-boom-squid.txt 500 app gin "a panic: gin.Recovery's empty 500, passed on with Via" "" -- -sv $RSQG $SQG/api/boom
    capwin $S gin-404-route-squid.txt 404 app gin "no route: gin's '404 page not found'" "curl -si pasted with CRLF" -- -si $RSQG $SQG/api/v2/invoices
    cap $S gin-405-delete-squid.txt 405 app gin "DELETE on an invoice: gin's '405 method not allowed'" "" -- -sv $RSQG -X DELETE $SQG/api/invoices/1
    cap $S squid-504-slow-gin.txt 504 cdn-cache squid "the handler sleeps 5 s, read_timeout 2 seconds: ERR_READ_TIMEOUT" "curl -si" -- -si $RSQG $SQG/api/slow
    capwget $S squid-502-legacy-down-gin-wget.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59154/legacy/invoices/1
    cap $S squid-431-header-too-large-gin.txt 431 cdn-cache squid "a 3 KB header, request_header_max_size 2 KB: Squid's own answer" "" -- -sv $RSQG -H "$BIGH3" $SQG/api/invoices/1
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-503-refunds-json.txt 0/503 proxy nginx "nginx's own JSON 503 for /api/refunds/" "no number" -- $RNG $NG/api/refunds/7
up nginx && capbody $S body-fastapi-503-maintenance.txt 0/503 app fastapi "the app's own JSON 503 (maintenance)" "no number" -- $RNG $NG/api/maintenance
up nginx && capbody $S body-nginx-502-legacy.txt 502/502 proxy nginx "nginx's 502 page" "" -- $RNG $NG/legacy/invoices/2
up apache && capbody $S body-apache-502-proxy-error.txt 502/502 proxy apache "Apache's 'Proxy Error' page" "" -- $RAP $AP/api/slow
up apache && capbody $S body-django-502-payments-html.txt 502/502 app django "the app's own HTML 502 page (its title says 502)" "" -- $RAP $AP/api/payments
up haproxy && capbody $S body-haproxy-429-exports-json.txt 0/429 load-balancer haproxy "HAProxy's JSON 429" "no number" -- $RHA $HA/api/exports/monthly
up haproxy && capbody $S body-flask-429-quota.txt 0/429 app flask "the app's own JSON 429" "no number" -- $RHA $HA/api/quota
up varnish && capbody $S body-varnish-503-backend-fetch.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page (its title says 503)" "" -- $RVN $VN/legacy/invoices/3
up varnish && capbody $S body-django-500-boom.txt 500/500 app django "Django's 'Server Error (500)' page" "" -- $RVN $VN/api/boom
up squid && capbody $S body-squid-403-unknown-host.txt 0/403 cdn-cache squid "Squid's ERR_ACCESS_DENIED page" "no number" -- http://127.0.0.1:59151/api/invoices/2
up squid && capbody $S body-fastify-404-route.txt 404/404 app fastify "Fastify's JSON 404 for no route (statusCode 404 in the body)" "" -- $RSQF $SQF/api/v3/invoices
up squid && capbody $S body-nestjs-500-boom.txt 500/500 app nestjs "Nest's JSON 500 (statusCode 500 in the body)" "" -- $RSQN $SQN/api/boom
up squid && have puma && capbody $S body-sinatra-404-route.txt 0/404 app sinatra "Sinatra's 'Not Found' page" "no number" -- $RSQS $SQS/api/v3/invoices
up squid && [[ -z ${SKIPPED[gin]:-} ]] && capbody $S body-gin-404-route.txt 404/404 app gin "gin's '404 page not found'" "" -- $RSQG $SQG/api/v3/invoices
up caddy && capbody $S body-caddy-503-refunds-json.txt 0/503 proxy caddy "Caddy's respond JSON 503" "no number" -- $RCD $CD/api/refunds/9

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-503-beta-empty.txt 503 proxy nginx "curl -sI on /api/beta/: nginx's empty 503" "" -- $RNG $NG/api/beta/labels
up caddy && caphead $S head-caddy-502-legacy.txt 502 proxy caddy "curl -sI on the dead /legacy/ upstream: Caddy's 502" "" -- $RCD $CD/legacy/invoices/1
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on invoice 1, stored" "X-Cache: HIT" -- $RVN $VN/api/invoices/1
up haproxy && caphead $S head-haproxy-503-legacy.txt 503 load-balancer haproxy "curl -sI on /legacy/: HAProxy's 'No server is available'" "" -- $RHA $HA/legacy/invoices/1
up apache && caphead $S head-apache-429-exports.txt 429 proxy apache "curl -sI on /api/exports/: Apache's 429" "" -- $RAP $AP/api/exports/daily
up squid && caphead $S head-squid-504-slow.txt 504 cdn-cache squid "curl -sI on the slow handler: Squid's read timeout" "" -- $RSQK $SQK/api/slow
up squid && caphead $S head-nestjs-404-route.txt 404 app nestjs "curl -sI on a path with no route through Squid: Nest's 404" "" -- $RSQN $SQN/api/v2/invoices
up squid && [[ -z ${SKIPPED[gin]:-} ]] && caphead $S head-gin-404-route.txt 404 app gin "curl -sI on a path gin has no route for, through Squid: gin's 404" "" -- $RSQG $SQG/api/v2/invoices
up squid && caphead $S head-koa-200-invoice.txt 200 app koa "curl -sI on invoice 1 through Squid: @koa/router answers HEAD for a GET route" "" -- $RSQK $SQK/api/invoices/1

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round55/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
