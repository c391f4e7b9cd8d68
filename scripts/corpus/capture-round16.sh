#!/usr/bin/env bash
# capture-round16.sh — build the sixteenth held-out evidence corpus in
# tests/fixtures/evidence-round16/.
#
# "Mainstream stacks, a third pairing, and the way engineers really run
# curl". Eight common app stacks, each behind a front it was not behind in
# rounds 12-14: Django REST framework under gunicorn behind HAProxy (an
# http-errors section of JSON errorfiles); Express behind Squid as a reverse
# accelerator; Flask under gunicorn behind Caddy (TLS, a 308 from plain
# HTTP); FastAPI under uvicorn behind Varnish; Rails under Puma and Koa behind
# nginx configured like a Kubernetes ingress controller (a catch-all default
# server answering 404 in JSON, proxy_intercept_errors off); gin behind
# Apache; plain PHP under PHP-FPM behind Caddy's php_fastcgi. The paste forms
# are the point of the round: `curl -sv -L` following a redirect into an
# error (several responses in one transcript), `curl -sv --compressed`,
# `curl --fail-with-body -sS` (curl's own "(22) The requested URL returned
# error" line beside the body, with and without -i), CORS preflights refused
# by the app or by the front, `curl -si --http1.0`, `curl -sI`, body-only
# pastes, HTTPie -v with colours, `wget -S -O-`, and some saved with CRs or
# pasted with CRLF.
#
#   scripts/corpus/capture-round16.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round16.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round16.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round16.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-15: every server binds 127.0.0.1 (ports 34000-34999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs and builds run under
# `nice -n 15`. Labels are written by finish_round16.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.

set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round16"
RUN=/tmp/api-triage-corpus16
STAGE="$RUN/evidence"
CONF="$HERE/conf-round16"
APPS="$HERE/apps16"
VENV=${CORPUS_VENV16:-/tmp/api-triage-corpus16-venv}
NODE_DIR=${CORPUS_NODE16:-/tmp/api-triage-corpus16-node}
GODIR=${CORPUS_GO16:-/tmp/api-triage-corpus16-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(django==5.2.19 djangorestframework==3.18.3 flask==3.1.3 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0)
NPM=(express@5.3.0 compression@1.8.2 cors@2.8.6 koa@3.3.0 @koa/router@15.7.0 koa-bodyparser@4.4.1)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus16 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget curl openssl python3-venv nodejs golang-go golang-github-gin-gonic-gin-dev ruby-rails puma
          php8.2-fpm apache2 nginx haproxy varnish caddy squid)
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


install_venv() {  # Django REST framework, Flask, FastAPI and their servers, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import fastapi, django, rest_framework, flask, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # Express and Koa with their middleware, from npm
    local m ok=1
    for m in express compression cors koa @koa/router koa-bodyparser; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    if ! command -v npm >/dev/null && [[ $(id -u) == 0 ]]; then  # Debian's nodejs comes without npm
        DEBIAN_FRONTEND=noninteractive nice -n 15 timeout 900 apt-get install -y -q --no-install-recommends npm \
            >>"$RUN/logs/apt-install.log" 2>&1 || true
    fi
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus16","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # gin (Debian's golang-github-gin-gonic-gin-dev), offline, GOPATH mode
    mkdir -p "$GODIR"
    [[ -x $GODIR/gin_app && $GODIR/gin_app -nt $APPS/gin_app.go ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the gin app is not built"; return 0; }
    log "go build gin_app"
    (cd "$APPS" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR:/usr/share/gocode" GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GODIR/gin_app" gin_app.go) >>"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[go]="go build gin_app failed (see logs/go-build.log)"
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

# start_wait NAME PORT CMD...: start_bg, then wait for the port (30 s at most
# per try). Our ports lie in the kernel's ephemeral range, so a bind can fail
# because an outgoing connection holds the port for a moment: up to 3 tries.
start_wait() {
    local name=$1 port=$2 try i pid
    shift 2
    for try in 1 2 3; do
        start_bg "$name" "$@"
        pid=$(cat "$RUN/pids/$name.pid")
        for i in $(seq 1 300); do
            if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$pid" 2>/dev/null && stop_pid "$pid"
        log "$name did not open 127.0.0.1:$port (try $try); its log:"; tail -n 5 "$RUN/logs/$name.log" >&2
        sleep 1
    done
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round16.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
    if [[ " $* " == *" --fail-with-body "* ]]; then
        # as a terminal shows it: the response, then curl's own (22) line
        in_work timeout 20 curl "$@" >>"$dest" 2>"$RUN/work/last-stderr"
        cat "$RUN/work/last-stderr" >>"$dest"
    else
        in_work timeout 20 curl "$@" >>"$dest" 2>&1
    fi
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

# capfail SETUP FILE WIRE LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl --fail-with-body -sS URL` as a terminal shows it: the body, then
# curl's own "curl: (22) The requested URL returned error: NNN" line, no
# headers. A body-only paste whose status is the number in curl's line.
capfail() {
    local setup=$1 file=$2 wire=$3 layer=$4 product=$5 scenario=$6 note=$7 got shown
    shift 8
    local dest="$STAGE/$file"
    cmdline curl --fail-with-body -sS "$@" >"$dest"
    in_work timeout 20 curl --fail-with-body -sS -D "$RUN/work/last-headers" "$@" >>"$dest" 2>"$RUN/work/last-stderr"
    cat "$RUN/work/last-stderr" >>"$dest"  # curl's line comes after the body, as in a terminal
    got=$(awk '/^HTTP\// {s=$2} END {print s+0}' "$RUN/work/last-headers" 2>/dev/null)
    shown=$(sed -n 's/.*curl: (22) The requested URL returned error: \([0-9]*\).*/\1/p' "$dest" | tail -n 1)
    if [[ $got != "$wire" || $shown != "$wire" ]]; then
        log "MISMATCH $file: expected wire status $wire, got $got (curl's line shows ${shown:-nothing})"; MISMATCH=$((MISMATCH + 1))
    fi
    finish "$dest" "$setup" "${shown:-0}" "$layer" "$product" "$scenario" "$note" body-only "$got"
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


# mkerr CODE REASON BODY: one HAProxy errorfile (a raw HTTP/1.1 response)
mkerr() {
    local code=$1 reason=$2 body=$3
    printf 'HTTP/1.1 %s %s\r\nContent-Type: application/json\r\nCache-Control: no-cache\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s\n' \
        "$code" "$reason" "$((${#body} + 1))" "$body" >"$RUN/haproxy/errors/$code.http"
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
[[ -z ${SKIPPED[npm]:-} ]] || die "Express/Koa are missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/gin_app ]] || die "the gin app did not build (${SKIPPED[go]:-?})"
have openssl || die "openssl is missing"
have curl || die "curl is missing"

# apps: DRF, Express, Flask, FastAPI, Koa, gin, Rails (Puma), PHP-FPM
APP_PORTS=(34010 34011 34012 34013 34014 34015)
OTHER_PORTS=(34016 34017 34070 34080 34081 34481 34082 34090 34490 34060 34050)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" 34008 34009; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for the two TLS fronts (Caddy, nginx) --------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Acme Shop/CN=api.example.test" \
    -addext "subjectAltName=DNS:api.example.test,DNS:*.example.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --timeout 30 --forwarded-allow-ips 127.0.0.1)
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_wait drf 34010 "${GUNICORN[@]}" --workers 2 -b 127.0.0.1:34010 drf_app:application || die "DRF did not start"
start_wait express 34011 "${NODEENV[@]}" "$APPS/express_app.js" 34011 || die "Express did not start"
start_wait flask 34012 "${GUNICORN[@]}" --workers 2 -b 127.0.0.1:34012 flask_app:app || die "Flask did not start"
start_wait fastapi 34013 nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 34013 \
    --proxy-headers --forwarded-allow-ips 127.0.0.1 --no-access-log fastapi_app:app || die "FastAPI did not start"
start_wait koa 34014 "${NODEENV[@]}" "$APPS/koa_app.js" 34014 || die "Koa did not start"
start_wait gin 34015 nice -n 5 "$GODIR/gin_app" 34015 || die "gin did not start"
if have ruby-rails && have puma; then
    mkdir -p "$RUN/rails/public"
    start_wait puma-rails 34016 env RAILS_PUBLIC="$RUN/rails/public" nice -n 5 puma -e production -t 2:8 \
        -b tcp://127.0.0.1:34016 "$APPS/rails_api.ru" && UP[rails]=1
fi
if have php8.2-fpm; then
    mkdir -p "$RUN/php-fpm"
    render "$CONF/php-fpm.conf" "$RUN/php-fpm/php-fpm.conf"
    chown -R www-data: "$RUN/php-fpm" 2>/dev/null || true
    start_wait php-fpm 34017 php-fpm8.2 -F -R -y "$RUN/php-fpm/php-fpm.conf" && UP[php]=1
fi

# ---- front layers ------------------------------------------------------------
if have haproxy; then
    mkdir -p "$RUN/haproxy/errors"
    mkerr 400 "Bad Request" '{"status":400,"error":"bad_request","message":"The request could not be parsed by the load balancer."}'
    mkerr 403 "Forbidden" '{"status":403,"error":"forbidden","message":"Request blocked by the load balancer."}'
    mkerr 429 "Too Many Requests" '{"status":429,"error":"too_many_requests","message":"Slow down: too many login attempts from your address."}'
    mkerr 502 "Bad Gateway" '{"status":502,"error":"bad_gateway","message":"The API server closed the connection without answering."}'
    mkerr 503 "Service Unavailable" '{"status":503,"error":"service_unavailable","message":"No API server is available to handle this request."}'
    mkerr 504 "Gateway Timeout" '{"status":504,"error":"gateway_timeout","message":"The API server did not answer in time."}'
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_wait haproxy 34070 haproxy -db -f "$RUN/haproxy/haproxy.cfg" && UP[haproxy]=1
fi
if have squid; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || true
    start_wait squid 34080 squid -N -n corpus16 -f "$RUN/squid/squid.conf" && UP[squid]=1
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s|@APPS@|$APPS|g"
    start_wait caddy 34481 env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile" \
        && wait_port 34081 caddy && wait_port 34082 caddy && UP[caddy]=1
fi
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_wait nginx 34090 nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;' \
            && wait_port 34490 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/htdocs
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_wait apache 34060 setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf" && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_wait varnish 34050 varnishd -F -a 127.0.0.1:34050 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m && UP[varnish]=1
fi
sleep 5  # HAProxy's health checks settle (inter 2s, rise 2)

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & PIDS+=($!); wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 16 (held out): real responses captured by
# scripts/corpus/capture-round16.sh from real servers on 127.0.0.1, one
# response per file (a transcript that follows redirects holds several; its
# label is that of the last). Generated; do not edit by hand — change the
# script.
#
# Same fields and words as rounds 1-15:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the paste itself shows (0 = none;
#              curl's "(22) ... returned error: NNN" line counts)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes: for app responses the
#              framework, or the app server when it wrote the page itself
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`, `curl --fail-with-body -sS`) or
#              "headers-only" (`curl -sI`); absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
EOF_LABELS

HA=http://127.0.0.1:34070
SQ=http://127.0.0.1:34080
CT=https://127.0.0.1:34481 CH=http://127.0.0.1:34081 CP=http://127.0.0.1:34082
NGIP=http://127.0.0.1:34090 NGIPS=https://127.0.0.1:34490
API=https://api.example.test:34490 APIH=http://api.example.test:34090 SHOP=http://shop.example.test:34090
RES_API=(--resolve api.example.test:34090:127.0.0.1 --resolve api.example.test:34490:127.0.0.1)
RES_SHOP=(--resolve shop.example.test:34090:127.0.0.1)
AP=http://127.0.0.1:34060
VN=http://127.0.0.1:34050
JSONH=(-H 'Content-Type: application/json')
NOVERIFY=(--verify=no)  # HTTPie against the self-signed cert
EVIL=(-H 'Origin: https://evil.example.com' -H 'Access-Control-Request-Method: POST')
head -c 16384 /dev/zero | tr '\0' x >"$RUN/work/export.csv"  # 16 KiB
printf '{"sku":"A-1","note":"%s"}' "$(head -c 4096 /dev/zero | tr '\0' x)" >"$RUN/work/big.json"  # 4 KiB JSON

# =========================== Django REST framework under gunicorn + HAProxy ==
if up haproxy; then
    log "capturing: Django REST framework under gunicorn behind HAProxy"
    S=drf-gunicorn-haproxy
    cap $S drf-404-detail.txt 404 app django-rest-framework "Http404 in an APIView: {\"detail\":\"No Order matches the given query.\"}" "" -- -sv $HA/api/orders/7/
    cap $S drf-401-append-slash-follow.txt 401 app django-rest-framework "GET without the trailing slash: Django's APPEND_SLASH 301, then DRF's NotAuthenticated 401" "curl -sv -L: two responses" -- -sv -L $HA/api/orders
    cap $S drf-400-serializer.txt 400 app django-rest-framework "qty 0: the serializer's field errors" "curl -si" -- -si "${JSONH[@]}" -H 'Authorization: Token user-token' -d '{"sku":"A-1","qty":0}' $HA/api/orders/
    cap $S drf-400-parse-error.txt 400 app django-rest-framework "broken JSON: ParseError's 'JSON parse error - ...'" "" -- -sv "${JSONH[@]}" -H 'Authorization: Token user-token' -d '{"sku": ' $HA/api/orders/
    caphttp $S drf-403-httpie.txt 403 app django-rest-framework "HTTPie, a non-admin token: IsAdminUser's 403" "HTTPie with colours" -- -v GET $HA/api/admin/reports/ 'Authorization:Token user-token'
    cap $S drf-405-method.txt 405 app django-rest-framework "DELETE on an order: MethodNotAllowed" "curl -si" -- -si -X DELETE $HA/api/orders/1/
    cap $S drf-415-media-type.txt 415 app django-rest-framework "a form body: UnsupportedMediaType" "" -- -sv -H 'Authorization: Token user-token' -H 'Content-Type: text/plain' -d 'sku=A-1&qty=2' $HA/api/orders/
    capraw $S drf-429-throttled.txt 429 app django-rest-framework "Throttled: 'Expected available in 42 seconds.'" "curl -si saved to a file (CRs kept)" -- -si $HA/api/limited/
    cap $S drf-409-compressed.txt 409 app django-rest-framework "cancelling a shipped order: an APIException subclass" "curl -sv --compressed (HAProxy compresses only 200s: sent plain)" -- -sv --compressed -X POST $HA/api/orders/1/cancel/
    cap $S django-500-server-error.txt 500 app django "a KeyError in a view: Django's 'Server Error (500)' page" "curl -si" -- -si $HA/api/boom/
    cap $S django-404-unrouted-http10.txt 404 app django "no route: Django's 'Not Found' page, asked over HTTP/1.0" "curl -si --http1.0" -- -si --http1.0 $HA/api/v2/orders/
    cap $S drf-503-maintenance.txt 503 app django-rest-framework "the view's own 503 during a migration" "curl -si" -- -si $HA/api/maintenance/
    cap $S drf-401-cors-preflight.txt 401 app django-rest-framework "a preflight from an allowed origin passes HAProxy: IsAuthenticated refuses the credential-less OPTIONS" "CORS preflight" -- -si -X OPTIONS -H 'Origin: https://app.example.test' -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: authorization,content-type' $HA/api/orders/
    cap $S haproxy-403-cors-preflight.txt 403 load-balancer haproxy "a preflight from an origin not on the list: http-request return's JSON 403" "CORS preflight" -- -si -X OPTIONS "${EVIL[@]}" $HA/api/orders/
    cap $S haproxy-504-timeout.txt 504 load-balancer haproxy "the view sleeps 5 s, timeout server 2s: the JSON errorfile" "" -- -sv $HA/api/slow/
    capwin $S haproxy-503-no-server.txt 503 load-balancer haproxy "both payments servers fail their checks: the JSON errorfile" "curl -si pasted with CRLF" -- -si $HA/api/payments/charges
    cap $S haproxy-502-worker-died.txt 502 load-balancer haproxy "the gunicorn worker exits mid-request: the JSON errorfile for 502" "" -- -sv $HA/api/export/
    quiet $HA/api/auth/token/; quiet $HA/api/auth/token/
    cap $S haproxy-429-stick-table-fail.txt 429 load-balancer haproxy "the third request to /api/auth/ within a minute: deny_status 429" "curl --fail-with-body -sSi: curl's (22) line after the body" -- --fail-with-body -sSi -X POST $HA/api/auth/token/
    caphttp $S haproxy-403-deny-httpie.txt 403 load-balancer haproxy "HTTPie: http-request deny on /metrics, the JSON errorfile" "HTTPie with colours" -- -v GET $HA/metrics
fi

# ============================================ Express behind Squid (accel) ==
if up squid; then
    log "capturing: Express behind Squid"
    S=express-squid
    cap $S express-200-squid-miss-compressed.txt 200 app express "the catalog, first request: a MISS, compressed by the app" "curl -sv --compressed; X-Cache: MISS" -- -sv --compressed $SQ/api/catalog
    cap $S squid-200-hit-compressed.txt 200 cdn-cache squid "the catalog again: from Squid's memory cache" "curl -sv --compressed; X-Cache: HIT" -- -sv --compressed $SQ/api/catalog
    cap $S express-404-cannot-get.txt 404 app express "no route: Express's 'Cannot GET'" "" -- -sv $SQ/api/v2/orders
    capraw $S express-400-body-parser.txt 400 app express "broken JSON: body-parser's 400 page" "curl -si saved to a file (CRs kept)" -- -si "${JSONH[@]}" -d '{"sku": ' $SQ/api/orders
    caphttp $S express-422-httpie.txt 422 app express "HTTPie, qty 0: the app's JSON 422" "HTTPie with colours" -- -v POST $SQ/api/orders sku=A-1 qty:=0
    cap $S express-500-cors-refused.txt 500 app express "a preflight from an unknown origin: cors() passes an Error, Express's production 500 page" "CORS preflight" -- -si -X OPTIONS "${EVIL[@]}" $SQ/api/orders
    cap $S express-429-http10.txt 429 app express "the app's text 429, asked over HTTP/1.0" "curl -si --http1.0" -- -si --http1.0 $SQ/api/limited
    cap $S express-401-redirect-follow.txt 401 app express "/api/account redirects to the login route: 302, then the app's JSON 401" "curl -sv -L: two responses" -- -sv -L $SQ/api/account
    cap $S squid-502-legacy-redirect-follow.txt 502 cdn-cache squid "an old order URL: the app's 302 to /legacy/, whose peer is not running: Squid's error page" "curl -sv -L: two responses" -- -sv -L $SQ/api/orders/legacy/1
    cap $S squid-504-read-timeout.txt 504 cdn-cache squid "the handler sleeps 5 s, read_timeout 2 seconds: ERR_READ_TIMEOUT" "curl -si" -- -si $SQ/api/slow
    cap $S squid-403-internal-compressed.txt 403 cdn-cache squid "http_access deny on /internal/: ERR_ACCESS_DENIED" "curl -sv --compressed (Squid's page: sent plain)" -- -sv --compressed $SQ/internal/stats
    capwin $S squid-413-too-big.txt 413 cdn-cache squid "a 16 KiB upload over request_body_max_size 8 KB: ERR_TOO_BIG" "curl -si pasted with CRLF" -- -si -H 'Content-Type: text/csv' --data-binary @export.csv $SQ/api/orders
fi

# ================================ Flask under gunicorn behind Caddy (TLS) ==
if up caddy; then
    log "capturing: Flask under gunicorn behind Caddy"
    S=flask-gunicorn-caddy-tls
    cap $S flask-404-json-h2.txt 404 app flask "unknown order: the app's JSON 404 over HTTP/2" "server: Caddy and server: gunicorn" -- -sv -k $CT/api/orders/7
    cap $S flask-401-follow-redirects.txt 401 app flask "plain HTTP, no trailing slash: Caddy's 308 to https, Flask's 308 (strict slashes), then the app's JSON 401" "curl -sv -L: three responses" -- -sv -L -k $CH/api/orders
    cap $S caddy-308-https-redirect-http10.txt 308 proxy caddy "plain HTTP: Caddy's redirect to the TLS site, asked over HTTP/1.0" "curl -si --http1.0" -- -si --http1.0 $CH/api/orders/1
    cap $S flask-404-unrouted.txt 404 app flask "no route: Werkzeug's 404 page" "curl -si" -- -si -k $CT/api/v2/orders
    cap $S flask-400-bad-json.txt 400 app flask "broken JSON to request.get_json(): Werkzeug's 400 page" "" -- -sv -k "${JSONH[@]}" -d '{"sku": ' $CT/api/orders/
    caphttp $S flask-422-httpie.txt 422 app flask "HTTPie, qty 0: the app's JSON 422" "HTTPie with colours" -- -v "${NOVERIFY[@]}" POST $CT/api/orders/ sku=A-1 qty:=0
    cap $S flask-413.txt 413 app flask "a 4 KiB body over MAX_CONTENT_LENGTH 1 KiB: Werkzeug's 413 page" "curl -si" -- -si -k "${JSONH[@]}" --data-binary @big.json $CT/api/upload
    cap $S flask-403-compressed.txt 403 app flask "a token without the admin scope: the app's JSON 403" "curl -sv --compressed (under Caddy's 512-byte minimum, sent plain)" -- -sv -k --compressed -H 'Authorization: Bearer user-token' $CT/api/admin/reports
    cap $S flask-500-page.txt 500 app flask "an IndexError: Flask's 500 page" "" -- -sv -k $CT/api/boom
    cap $S caddy-204-cors-preflight.txt 204 proxy caddy "a preflight from the allowed origin: answered by Caddy (respond 204)" "CORS preflight" -- -si -k -X OPTIONS -H 'Origin: https://app.example.test' -H 'Access-Control-Request-Method: POST' $CT/api/orders/
    cap $S caddy-403-cors-refused.txt 403 proxy caddy "a preflight from another origin: Caddy's respond 403 text" "CORS preflight" -- -si -k -X OPTIONS "${EVIL[@]}" $CT/api/orders/
    cap $S caddy-502-billing-follow.txt 502 proxy caddy "the invoice moved: Flask's 302 to /billing/, a dead upstream: handle_errors' '502 Bad Gateway'" "curl -sv -L: two responses" -- -sv -L -k $CT/api/orders/1/invoice
    capraw $S caddy-504-timeout.txt 504 proxy caddy "the view sleeps 5 s, response_header_timeout 2s: handle_errors' text" "curl -si saved to a file (CRs kept)" -- -si -k $CT/api/slow
    cap $S caddy-502-worker-died.txt 502 proxy caddy "the gunicorn worker exits mid-request: Caddy's 502" "" -- -sv -k $CT/api/export
    capwin $S flask-503.txt 503 app flask "the app's maintenance 503" "curl -si pasted with CRLF" -- -si -k $CT/api/maintenance
fi

# ================================= PHP-FPM behind Caddy's php_fastcgi ==
if up caddy && up php; then
    log "capturing: PHP under PHP-FPM behind Caddy"
    S=php-fpm-caddy
    cap $S php-404-json.txt 404 app php "unknown invoice: the front controller's JSON 404" "Server: Caddy; the Status: header PHP-FPM sends is passed on" -- -sv $CP/api/invoices/9
    cap $S php-403-cors-refused.txt 403 app php "a preflight from an origin not on the list: the front controller's JSON 403" "CORS preflight" -- -si -X OPTIONS "${EVIL[@]}" $CP/api/payments
    cap $S php-500-empty.txt 500 app php "an Error (method on null), display_errors off: PHP's empty 500" "curl -si" -- -si $CP/api/boom
    cap $S php-422.txt 422 app php "a payment without an amount: the JSON 422" "" -- -sv "${JSONH[@]}" -d '{"currency":"EUR"}' $CP/api/payments
    caphttp $S php-401-httpie.txt 401 app php "HTTPie, no token: the JSON 401" "HTTPie with colours" -- -v GET $CP/api/admin/ledger
    cap $S php-503.txt 503 app php "the front controller's maintenance 503" "curl -si" -- -si $CP/api/maintenance
    cap $S caddy-502-documents-follow.txt 502 proxy caddy "the PDF moved: PHP's 302 to /documents/, a dead upstream: Caddy's empty 502" "curl -sv -L: two responses" -- -sv -L $CP/api/invoices/1/pdf
    cap $S caddy-504-php-slow.txt 504 proxy caddy "the script sleeps 5 s, php_fastcgi read_timeout 2s: Caddy's empty 504" "curl -si" -- -si $CP/api/slow
    cap $S php-404-unrouted-http10.txt 404 app php "no route, asked over HTTP/1.0" "curl -si --http1.0" -- -si --http1.0 $CP/api/v2/invoices
fi

# ================================== FastAPI under uvicorn behind Varnish ==
if up varnish; then
    log "capturing: FastAPI under uvicorn behind Varnish"
    S=fastapi-uvicorn-varnish
    cap $S fastapi-200-varnish-miss-compressed.txt 200 app fastapi "the catalog, first request: a MISS, gzipped by GZipMiddleware" "curl -sv --compressed; X-Cache: MISS" -- -sv --compressed $VN/api/catalog
    cap $S varnish-200-hit-compressed.txt 200 cdn-cache varnish "the catalog again: a HIT, the stored gzip" "curl -sv --compressed; X-Cache: HIT" -- -sv --compressed $VN/api/catalog
    cap $S fastapi-404.txt 404 app fastapi "unknown order: HTTPException(404), a MISS" "" -- -sv $VN/api/orders/7
    cap $S fastapi-404-cached-hit.txt 404 app fastapi "the same 404 again: kept by Varnish (default_ttl), a HIT of the app's answer" "curl -si; X-Cache: HIT" -- -si $VN/api/orders/7
    cap $S fastapi-400-cors-refused.txt 400 app fastapi "a preflight from an origin not allowed: CORSMiddleware's 'Disallowed CORS origin'" "CORS preflight (Varnish passes OPTIONS)" -- -si -X OPTIONS "${EVIL[@]}" $VN/api/orders
    cap $S fastapi-422-compressed.txt 422 app fastapi "qty 0: the validation 422, gzipped" "curl -sv --compressed (content-encoding: gzip from GZipMiddleware)" -- -sv --compressed "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $VN/api/orders
    cap $S fastapi-401.txt 401 app fastapi "no token: 'Not authenticated'" "curl -si" -- -si $VN/api/admin/reports
    cap $S fastapi-401-slash-redirect-follow.txt 401 app fastapi "a trailing slash: Starlette's 307, then the app's 401" "curl -sv -L: two responses" -- -sv -L $VN/api/orders/
    cap $S varnish-503-legacy-follow.txt 503 cdn-cache varnish "a v1 URL: the app's 301 to /legacy/, a dead backend: 'Backend fetch failed'" "curl -sv -L: two responses" -- -sv -L $VN/api/v1/orders/1
    cap $S varnish-503-first-byte-timeout.txt 503 cdn-cache varnish "the handler sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "curl -si" -- -si $VN/api/slow
    cap $S varnish-403-synth-http10.txt 403 cdn-cache varnish "synth(403) for /internal/: the stock synth page, asked over HTTP/1.0" "curl -si --http1.0" -- -si --http1.0 $VN/internal/metrics
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE from outside the ACL: synth(405, 'Not allowed.')" "" -- -sv -X PURGE $VN/api/catalog
fi

# ================================ Rails under Puma behind an ingress-style nginx ==
if up nginx && up rails; then
    log "capturing: Rails under Puma behind the ingress-style nginx"
    S=nginx-ingress-rails
    cap $S rails-404-follow-ssl-redirect.txt 404 app rails "plain HTTP: the ingress's 308 to https, then the controller's JSON 404 over HTTP/2" "curl -sv -L: two responses" -- -sv -L -k "${RES_API[@]}" $APIH/api/orders/7
    cap $S nginx-308-ssl-redirect.txt 308 proxy nginx "plain HTTP: the ingress's ssl-redirect, nginx's stock 308 page" "curl -si" -- -si "${RES_API[@]}" $APIH/api/orders/1
    cap $S rails-404-routing-empty.txt 404 app rails "no route, Accept */*: PublicExceptions' empty 404" "curl -si, HTTP/2" -- -si -k "${RES_API[@]}" $API/api/v2/orders
    cap $S rails-404-cors-preflight.txt 404 app rails "a preflight from another origin: the ingress's CORS snippet lets it through, Rails has no OPTIONS route" "CORS preflight" -- -si -k -X OPTIONS "${EVIL[@]}" "${RES_API[@]}" $API/api/orders
    cap $S nginx-204-cors-preflight.txt 204 proxy nginx "a preflight from the allowed origin: answered by the ingress (enable-cors)" "CORS preflight" -- -si -k -X OPTIONS -H 'Origin: https://app.example.test' -H 'Access-Control-Request-Method: POST' "${RES_API[@]}" $API/api/orders
    caphttp $S rails-422-httpie.txt 422 app rails "HTTPie, qty 0: the controller's JSON 422" "HTTPie with colours, Host header by hand" -- -v "${NOVERIFY[@]}" POST $NGIPS/api/orders Host:api.example.test 'order[sku]=A-1' 'order[qty]:=0'
    cap $S rails-401-token.txt 401 app rails "no token: 'HTTP Token: Access denied.'" "" -- -sv -k "${RES_API[@]}" $API/api/admin/reports
    cap $S rails-500-json-fail.txt 500 app rails "a NameError, Accept: application/json: {\"status\":500,...}" "curl --fail-with-body -sSi: curl's (22) line after the body" -- --fail-with-body -sSi -k -H 'Accept: application/json' "${RES_API[@]}" $API/api/boom
    cap $S rails-404-receipt-redirect-follow.txt 404 app rails "a moved receipt: the controller's 301, then PublicExceptions' empty 404" "curl -sv -L: two responses" -- -sv -L -k "${RES_API[@]}" $API/api/orders/1/receipt
    cap $S nginx-504-ingress.txt 504 proxy nginx "the action sleeps 5 s, proxy-read-timeout 2s: nginx's 504 page" "curl -sv --compressed (the page is under gzip_min_length 256: sent plain)" -- -sv -k --compressed "${RES_API[@]}" $API/api/slow
    cap $S nginx-404-default-backend-ip.txt 404 proxy nginx "a request by IP: the catch-all default server's JSON 404" "curl -si" -- -si $NGIP/api/orders/1
    cap $S nginx-404-default-backend-host.txt 404 proxy nginx "a Host no Ingress names, over TLS: the default server's JSON 404" "HTTP/2" -- -sv -k -H 'Host: orders.example.test' $NGIPS/api/orders/1
    capwin $S rails-503.txt 503 app rails "the controller's maintenance 503" "curl -si pasted with CRLF" -- -si -k "${RES_API[@]}" $API/api/maintenance
fi

# ====================================== Koa behind the ingress-style nginx ==
if up nginx; then
    log "capturing: Koa behind the ingress-style nginx"
    S=nginx-ingress-koa
    cap $S koa-404-not-found-text.txt 404 app koa "no route: Koa's text 'Not Found'" "curl -si, Host header by hand" -- -si -H 'Host: shop.example.test' $NGIP/api/orders
    cap $S koa-400-throw.txt 400 app koa "no sku: ctx.throw(400, msg), Koa's text answer" "" -- -sv "${JSONH[@]}" -d '{"qty":1}' "${RES_SHOP[@]}" $SHOP/api/cart/items
    cap $S koa-400-bodyparser-http10.txt 400 app koa "broken JSON: koa-bodyparser's 400, asked over HTTP/1.0" "curl -si --http1.0" -- -si --http1.0 "${JSONH[@]}" -d '{"sku": ' "${RES_SHOP[@]}" $SHOP/api/cart/items
    cap $S koa-422.txt 422 app koa "qty 0: the app's JSON 422" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' "${RES_SHOP[@]}" $SHOP/api/cart/items
    cap $S koa-200-cors-preflight.txt 200 app koa "a preflight: router.allowedMethods() answers OPTIONS with 200 and Allow, no CORS headers (the browser refuses it)" "CORS preflight" -- -si -X OPTIONS "${EVIL[@]}" "${RES_SHOP[@]}" $SHOP/api/cart/items
    cap $S koa-500-text-fail.txt 500 app koa "a TypeError: Koa's text 'Internal Server Error'" "curl --fail-with-body -sSi: curl's (22) line after the body" -- --fail-with-body -sSi "${RES_SHOP[@]}" $SHOP/api/boom
    cap $S koa-429-coupon.txt 429 app koa "the first coupon try goes through limit-rps: the app's own 429" "curl -si" -- -si "${RES_SHOP[@]}" $SHOP/api/coupons/SPRING
    cap $S nginx-503-limit-rps.txt 503 proxy nginx "the second coupon try within the minute: limit_req with the ingress's limit status 503" "" -- -sv "${RES_SHOP[@]}" $SHOP/api/coupons/SUMMER
    cap $S nginx-502-session-follow.txt 502 proxy nginx "/api/account: Koa's 302 to /api/v1/session, routed to a service with no endpoints: nginx's 502" "curl -sv -L: two responses" -- -sv -L "${RES_SHOP[@]}" $SHOP/api/account
    capraw $S nginx-504-shop.txt 504 proxy nginx "the handler sleeps 5 s, proxy-read-timeout 2s" "curl -si saved to a file (CRs kept)" -- -si "${RES_SHOP[@]}" $SHOP/api/slow
    caphttp $S nginx-403-whitelist-httpie.txt 403 proxy nginx "HTTPie: whitelist-source-range on /admin/, nginx's 403 page" "HTTPie with colours, Host header by hand" -- -v GET $NGIP/admin/orders Host:shop.example.test
    cap $S nginx-413-shop.txt 413 proxy nginx "a 16 KiB upload over proxy-body-size 8k" "curl -si" -- -si -H 'Content-Type: text/csv' --data-binary @export.csv "${RES_SHOP[@]}" $SHOP/api/cart/import
fi

# ============================================== gin behind Apache ==
if up apache; then
    log "capturing: gin behind Apache"
    S=gin-apache
    cap $S gin-404-json.txt 404 app gin "unknown SKU: the handler's JSON 404" "Server: Apache/2.4.71 (Debian)" -- -sv $AP/api/items/Z-9
    cap $S gin-404-cors-preflight.txt 404 app gin "a preflight from an allowed origin passes Apache: gin has no OPTIONS route, '404 page not found'" "CORS preflight" -- -si -X OPTIONS -H 'Origin: https://app.example.test' -H 'Access-Control-Request-Method: POST' $AP/api/adjustments
    cap $S apache-403-cors-refused.txt 403 proxy apache "a preflight from another origin: mod_rewrite [F], Apache's 403 page" "CORS preflight" -- -si -X OPTIONS "${EVIL[@]}" $AP/api/adjustments
    cap $S gin-401-trailing-slash-follow.txt 401 app gin "a trailing slash: gin's 301 (RedirectTrailingSlash), then the handler's 401" "curl -sv -L: two responses" -- -sv -L $AP/api/items/
    cap $S apache-503-v2-follow.txt 503 proxy apache "a moved warehouse: gin's 301 to /api/v2/, a backend not running: Apache's 503 page" "curl -sv -L: two responses" -- -sv -L $AP/api/warehouses/3
    cap $S gin-422.txt 422 app gin "an unknown sku: the handler's JSON 422" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":"Z-9","delta":3}' $AP/api/adjustments
    cap $S gin-500-empty.txt 500 app gin "a nil-map write: gin.Recovery's empty 500" "" -- -sv $AP/api/boom
    cap $S gin-409-compressed.txt 409 app gin "reserving an item out of stock: the JSON 409, deflated by Apache" "curl -sv --compressed: mod_deflate gzips the app's JSON" -- -sv --compressed -X POST $AP/api/items/A-1/reserve
    cap $S gin-503.txt 503 app gin "the handler's maintenance 503" "curl -si" -- -si $AP/api/maintenance
    cap $S gin-403-http10.txt 403 app gin "a token without the admin scope, asked over HTTP/1.0" "curl -si --http1.0" -- -si --http1.0 -H 'Authorization: Bearer user-token' $AP/api/admin/audit
    cap $S apache-502-timeout.txt 502 proxy apache "the handler sleeps 5 s, timeout=2: Apache's 'Proxy Error' page" "curl -sv --compressed (Apache's own page: sent plain)" -- -sv --compressed $AP/api/slow
    cap $S apache-404-unmapped.txt 404 proxy apache "a path Apache does not proxy: its own 'Not Found' page" "curl -si" -- -si $AP/v1/items
    cap $S apache-403-server-status.txt 403 proxy apache "/server-status from outside 10.0.0.0/8: Apache's 403 page" "" -- -sv $AP/server-status
fi

# ================================================= body-only pastes ==
log "capturing: body-only, --fail-with-body and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-koa-404-text.txt 0/404 app koa "Koa's text 'Not Found'" "no number" -- "${RES_SHOP[@]}" $SHOP/api/orders/1
up apache && capbody $S body-gin-404-page-not-found.txt 404/404 app gin "gin's '404 page not found'" "" -- -X DELETE $AP/api/items/A-1
up squid && capbody $S body-express-500-page.txt 0/500 app express "Express's production 500 page" "no number" -- $SQ/api/boom
up haproxy && capbody $S body-haproxy-503-json.txt 503/503 load-balancer haproxy "the JSON errorfile for no server (its status field)" "" -- $HA/api/payments/refunds
up nginx && capbody $S body-nginx-404-default-backend.txt 404/404 proxy nginx "the default server's JSON: 'default backend - 404'" "" -- $NGIP/
up squid && capbody $S body-squid-504-read-timeout.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page" "no number" -- $SQ/api/slow
up varnish && capbody $S body-varnish-503.txt 503/503 cdn-cache varnish "Varnish's 'Error 503 Backend fetch failed' page" "" -- $VN/legacy/orders/2
up caddy && capbody $S body-caddy-502-text.txt 502/502 proxy caddy "handle_errors' '502 Bad Gateway'" "" -- -k $CT/billing/invoices/2

S=fail-with-body-paste
up haproxy && capfail $S fail-haproxy-504-json.txt 504 load-balancer haproxy "the JSON errorfile for timeout server" "curl --fail-with-body -sS" -- $HA/api/slow/
up caddy && up php && capfail $S fail-caddy-502-empty.txt 502 proxy caddy "Caddy's empty 502 for the dead document service: nothing but curl's line" "curl --fail-with-body -sS" -- $CP/documents/invoices/2.pdf
up apache && capfail $S fail-apache-503-page.txt 503 proxy apache "Apache's 503 page for the backend not running" "curl --fail-with-body -sS" -- $AP/api/v2/warehouses/1
up squid && capfail $S fail-express-422-json.txt 422 app express "the app's JSON 422" "curl --fail-with-body -sS" -- "${JSONH[@]}" -d '{"sku":"A-1","qty":-1}' $SQ/api/orders
up nginx && up rails && capfail $S fail-rails-404-json.txt 404 app rails "no route, Accept: application/json: PublicExceptions' JSON" "curl --fail-with-body -sS" -- -k -H 'Accept: application/json' "${RES_API[@]}" $API/api/v2/orders
up varnish && capfail $S fail-fastapi-500-text.txt 500 app fastapi "FastAPI's text 'Internal Server Error'" "curl --fail-with-body -sS" -- $VN/api/boom
up nginx && capfail $S fail-nginx-502-page.txt 502 proxy nginx "nginx's 502 page for the session service" "curl --fail-with-body -sS" -- "${RES_SHOP[@]}" $SHOP/api/v1/session

# ================================================ headers-only pastes ==
S=headers-only-paste
up haproxy && caphead $S head-haproxy-503-payments.txt 503 load-balancer haproxy "curl -sI, the payments backend has no server" "" -- $HA/api/payments/charges
up squid && quiet $SQ/api/catalog  # the variant without Content-Encoding
up squid && caphead $S head-squid-200-hit.txt 200 cdn-cache squid "curl -sI on the cached catalog" "X-Cache: HIT" -- $SQ/api/catalog
up caddy && caphead $S head-flask-405.txt 405 app flask "curl -sI (HEAD) on a POST-only route" "" -- -k $CT/api/orders/1/cancel
up nginx && caphead $S head-nginx-308.txt 308 proxy nginx "curl -sI on plain HTTP: the ingress's ssl-redirect" "" -- "${RES_API[@]}" $APIH/api/health
up apache && caphead $S head-gin-404.txt 404 app gin "curl -sI (HEAD) on a POST-only route: gin's 404" "" -- $AP/api/adjustments
up varnish && caphead $S head-varnish-503.txt 503 cdn-cache varnish "curl -sI on the dead legacy backend" "" -- $VN/legacy/orders/1

# ================================== servers go away behind their fronts ==
if up haproxy; then
    stop_name drf
    sleep 0.5
    capwget drf-gunicorn-haproxy haproxy-503-gunicorn-stopped-wget.txt 503 load-balancer haproxy "gunicorn is stopped: the JSON errorfile for 503" "wget -S -O-" -- $HA/api/orders/1/
fi
if up squid; then
    stop_name express
    sleep 0.5
    cap express-squid squid-503-express-stopped.txt 503 cdn-cache squid "Express is stopped: ERR_CONNECT_FAIL" "curl -si" -- -si $SQ/api/orders/1
fi
if up caddy; then
    stop_name flask
    sleep 0.5
    caphttp flask-gunicorn-caddy-tls caddy-502-gunicorn-stopped-httpie.txt 502 proxy caddy "HTTPie: gunicorn is stopped, handle_errors' '502 Bad Gateway'" "HTTPie with colours" -- -v "${NOVERIFY[@]}" GET $CT/api/orders/1
fi
if up caddy && up php; then
    stop_name php-fpm
    sleep 0.5
    cap php-fpm-caddy caddy-502-fpm-stopped.txt 502 proxy caddy "PHP-FPM is stopped: Caddy's empty 502" "" -- -sv $CP/api/invoices/1
fi
if up varnish; then
    stop_name fastapi
    sleep 0.5
    capwget fastapi-uvicorn-varnish varnish-503-uvicorn-stopped-wget.txt 503 cdn-cache varnish "uvicorn is stopped, an order never cached: 'Backend fetch failed'" "wget -S -O-" -- $VN/api/orders/1
    cap fastapi-uvicorn-varnish varnish-200-hit-uvicorn-stopped.txt 200 cdn-cache varnish "uvicorn is stopped, the catalog is still fresh: a HIT" "curl -si" -- -si $VN/api/catalog
fi
if up nginx && up rails; then
    stop_name puma-rails
    sleep 0.5
    cap nginx-ingress-rails nginx-502-puma-stopped.txt 502 proxy nginx "Puma is stopped: nginx's 502 page over HTTP/2" "curl -sv --compressed (sent plain)" -- -sv -k --compressed "${RES_API[@]}" $API/api/orders/1
fi
if up nginx; then
    stop_name koa
    sleep 0.5
    capwget nginx-ingress-koa nginx-502-koa-stopped-wget.txt 502 proxy nginx "Koa is stopped: nginx's 502 page" "wget -S -O-" -- --header='Host: shop.example.test' $NGIP/api/products/A-1
fi
if up apache; then
    stop_name gin
    sleep 0.5
    cap gin-apache apache-503-gin-stopped-fail.txt 503 proxy apache "gin is stopped: Apache's 503 page" "curl --fail-with-body -sSi: curl's (22) line after the body" -- --fail-with-body -sSi $AP/api/items/A-1
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round16/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
