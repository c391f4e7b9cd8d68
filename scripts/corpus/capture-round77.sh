#!/usr/bin/env bash
# capture-round77.sh — build the seventy-seventh held-out evidence corpus in
# tests/fixtures/evidence-round77/.
#
# "Mainstream, the issue's failure classes at once, a second look (a
# twenty-seventh pairing)": six mainstream app stacks, each behind one
# mainstream front in a pairing earlier rounds used least (see the README's
# table). Front configs in scripts/corpus/conf-round77/ (round 70's, ports
# moved into 61400-61499, upstreams swapped, upstream timeouts 3 s; TLS +
# HTTP/2 on nginx and Apache only; HAProxy's own 504 a problem+json
# errorfile; Varnish keeps an app error the app marks public):
#   - Echo 4 (apps63/echo_app.go) behind nginx 1.22 (HTTP/1.1, TLS + HTTP/2);
#   - NestJS 10 (apps55/nest_app.js) behind Apache 2.4 mod_proxy_http
#     (HTTP/1.1, h2c, TLS + HTTP/2);
#   - Starlette 1.10 (apps63/starlette_app.py) under uvicorn behind Caddy 2.6;
#   - Koa 2 (apps55/koa_app.js) behind HAProxy 2.6 (HTTP/1.1, h2c);
#   - Django 5.2 on gunicorn (apps77/django_cached.py: problem+json errors,
#     cacheable invoice 1, /api/rates and a cacheable 404) behind Varnish 7.1
#     (HITs, a 304, a grace copy, a kept 404, h2c);
#   - Express 4 (apps77/express_cached.js, cacheable invoice 1) behind Squid
#     5.7 as a reverse accelerator (a HIT, a 304, a 412).
# Each front puts its own request id on what it sends back, answers some
# paths itself (JSON 429 and 503, an empty 503), fails its stock ways (dead
# upstream, slow upstream, unknown Host, a body, URI or header too large,
# an unknown method or Transfer-Encoding, a request line that says HTTP/3.0).
# Paste forms: curl -sv / -si transcripts (some saved with their CRs, some
# with CRLF on every line, some with only the `<` lines of -v kept, some cut
# off after the headers), HTTPie with colours, `wget -S -O-`, raw requests
# typed into nc, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round77.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round77.sh   # never call apt-get / npm / pip
#   CORPUS_KEEP_RUN=1 capture-round77.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 61400-61499) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie, wget and nc-style request runs under `timeout`; every
# loop is bounded; every server it started is stopped on exit, by process
# id. Labels are written by finish_round77.py, which refuses (and this
# script then leaves the fixtures as they were) when a label's status is not
# the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round77"
RUN=/tmp/api-triage-corpus77-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round77"
APPS55="$HERE/apps55"
APPS63="$HERE/apps63"
APPS77="$HERE/apps77"
NODE_DIR=${CORPUS_NODE77:-/tmp/api-triage-corpus77-node}
GO_DIR=${CORPUS_GO77:-/tmp/api-triage-corpus77-go}
VENV=${CORPUS_VENV77:-/tmp/api-triage-corpus77-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
NPM=(express@4.22.1 koa@2.16.4 @koa/router@12.0.2 @nestjs/core@10.4.22 @nestjs/common@10.4.22
    @nestjs/platform-express@10.4.22 reflect-metadata@0.2.2 rxjs@7.8.2)
PYPI=(django==5.2.19 gunicorn==27.0.1 starlette==1.10.0 uvicorn==0.55.0 httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus77 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl nodejs apache2 nginx haproxy varnish squid caddy golang-go python3-venv
    golang-github-labstack-echo-dev)
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

install_npm() {  # Express, Koa and NestJS, from npm
    local m ok=1
    for m in express koa @koa/router @nestjs/core @nestjs/common @nestjs/platform-express reflect-metadata rxjs; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus77","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

install_venv() {  # Django, gunicorn, Starlette, uvicorn and HTTPie, from PyPI
    [[ -x $VPY ]] && "$VPY" -c "import django, gunicorn, starlette, uvicorn, httpie" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

build_go() {  # Echo (round 63's app): Debian's sources, offline, GOPATH mode
    [[ -x $GO_DIR/echo_app && $GO_DIR/echo_app -nt $APPS63/echo_app.go ]] && return 0
    mkdir -p "$GO_DIR/src/github.com/labstack/echo"
    # Debian ships Echo v4 without the /v4 directory GOPATH mode wants (round 63's link)
    ln -sfn /usr/share/gocode/src/github.com/labstack/echo "$GO_DIR/src/github.com/labstack/echo/v4"
    log "go build echo_app"
    (cd "$APPS63" && GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$GO_DIR:/usr/share/gocode" GOCACHE="$GO_DIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GO_DIR/echo_app" echo_app.go) >>"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[echo_app]="go build echo_app failed (see logs/go-build.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"$GO_DIR/"* || $cmd == *"$VENV/"* ]]
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
# ours_sockets: the listening sockets held by a process this script started
# (another helper may start its own servers in its own port range meanwhile;
# only ours are checked against 127.0.0.1 and 61400-61499) (round 76's check)
ours_sockets() {
    local line pid
    ss -ltunpH 2>/dev/null | while read -r line; do
        for pid in $(grep -o 'pid=[0-9]*' <<<"$line" | cut -d= -f2); do
            if ours "$pid"; then awk '{print $1, $5}' <<<"$line"; break; fi
        done
    done | sort -u
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round77.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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

# caplt SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl -sv` where only the response-header lines (`< ...`) were kept
# (round 59's form).
caplt() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl "$@" >"$dest"
    in_work timeout 20 curl "$@" >"$RUN/work/last-full" 2>&1
    grep -a '^< ' "$RUN/work/last-full" | tr -d '\r' >>"$dest"
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# capcut SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl -si` with the body cut off: the paste stops at the blank line after
# the headers (round 59's form).
capcut() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl "$@" >"$dest"
    in_work timeout 20 curl "$@" 2>&1 | tr -d '\r' | awk '{print} /^$/ {exit}' >>"$dest"
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
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
    [[ -x $HTTPIE ]] || return 0
    cmdline http "$@" >"$dest"
    in_work timeout 20 "$HTTPIE" -m httpie --ignore-stdin --pretty=all --style=monokai --timeout=10 "$@" >>"$dest" 2>&1
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


# capnc SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- PORT REQUEST [WAIT]
# A request typed into `nc 127.0.0.1 PORT`, as a terminal shows it (round
# 41's form, its rawsend.py, copied to conf-round77/): what curl cannot send
# (an unknown Transfer-Encoding, a request line that says HTTP/3.0).
capnc() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    timeout 20 "$PY" "$CONF/rawsend.py" "$@" >"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS55 && -d $APPS63 && -d $APPS77 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_npm
install_venv
[[ -z ${SKIPPED[npm]:-} ]] || die "the Node modules are missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
have openssl || die "openssl is missing"
have golang-go && have golang-github-labstack-echo-dev || die "Go or Debian's Echo sources are missing"
build_go
[[ -z ${SKIPPED[echo_app]:-} ]] || die "the Echo app did not build (see $RUN/logs/go-build.log)"

# apps: Echo 61415 (nginx 61480, TLS 61443), NestJS 61416 (Apache 61481 with
# h2c, TLS 61447), Starlette on uvicorn 61417 (Caddy 61483), Koa 61418
# (HAProxy 61482, h2c 61445), Django on gunicorn 61419 (Varnish 61490, h2c
# on the same port), Express 61420 (Squid 61450). 61499 is never listened on
# (the dead upstream every front has).
APP_PORTS=(61415 61416 61417 61418 61419 61420)
FRONT_PORTS=(61480 61443 61481 61447 61483 61482 61445 61490 61450)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 61499; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for nginx and Apache ------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Ledgerly/CN=api.ledgerly.test" \
    -addext "subjectAltName=DNS:api.ledgerly.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_bg echo nice -n 5 "$GO_DIR/echo_app" 61415
start_bg nest "${NODEENV[@]}" "$APPS55/nest_app.js" 61416
start_bg starlette nice -n 5 "$VPY" -m uvicorn --host 127.0.0.1 --port 61417 --app-dir "$APPS63" \
    --no-access-log starlette_app:app
start_bg koa "${NODEENV[@]}" "$APPS55/koa_app.js" 61418
start_bg django nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:61419 --workers 3 --chdir "$APPS77" \
    --worker-tmp-dir "$RUN/gunicorn" django_cached:application
start_bg express "${NODEENV[@]}" "$APPS77/express_cached.js" 61420
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
printf '{"error":"too_many_requests","message":"export quota for this key is used up today","retry_after":60}\n' >"$RUN/apache/errors/rate-limited.json"
printf '{"error":"maintenance","message":"refunds are paused until the month-end close"}\n' >"$RUN/apache/errors/maintenance.json"
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 61481 apache && wait_port 61447 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 61483 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
cp "$CONF/haproxy-504.http" "$RUN/haproxy/haproxy-504.http"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 61482 haproxy && wait_port 61445 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/django.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:61490 -T none -f "$RUN/varnish/django.vcl" \
    -n "$RUN/varnish/django" -s malloc,16m -p feature=+http2
wait_port 61490 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus77 -f "$RUN/squid/squid.conf"
wait_port 61450 squid && UP[squid]=1

mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/www/docs
: >"$RUN/nginx/www/empty-503"
printf '<!doctype html><title>Ledgerly API docs</title><h1>Ledgerly invoices API</h1>\n' >"$RUN/nginx/www/docs/index.html"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 61480 nginx && wait_port 61443 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
sleep 1.5

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 61400 || p > 61499) print}')
[[ -z $NEWPORTS ]] || die "a server listens outside 61400-61499: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 77 (held out): real responses captured by
# scripts/corpus/capture-round77.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-76:
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
NG=http://$H:61480 NGS=https://$H:61443 AP=http://$H:61481 APS=https://$H:61447
CD=http://$H:61483 HA=http://$H:61482 HA2=http://$H:61445 VN=http://$H:61490 SQ=http://$H:61450
# one --resolve per front keeps the transcripts short
RNG="--resolve $H:61480:127.0.0.1" RNGS="--resolve $H:61443:127.0.0.1" RAP="--resolve $H:61481:127.0.0.1"
RAPS="--resolve $H:61447:127.0.0.1" RCD="--resolve $H:61483:127.0.0.1" RHA="--resolve $H:61482:127.0.0.1"
RHA2="--resolve $H:61445:127.0.0.1" RVN="--resolve $H:61490:127.0.0.1" RSQ="--resolve $H:61450:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
BIGH="X-Trace-Context: $(printf 't%.0s' $(seq 1 1500))"
BIGH8="X-Trace-Context: $(printf 't%.0s' $(seq 1 8000))"
BIGBODY=$(printf '{"ref":"LG-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")
LONGQ="cursor=$(printf 'c%.0s' $(seq 1 1500))"

# ===================================================== nginx -> Echo (Go) ==
if up nginx; then
    log "capturing: Echo behind nginx"
    S=echo-nginx
    cap $S echo-200-invoice-nginx.txt 200 app echo "invoice 1 through nginx" "X-Request-ID from nginx, Server: nginx" -- -sv $RNG $NG/api/invoices/1
    cap $S echo-200-invoice-nginx-h2.txt 200 app echo "HTTP/2 over TLS: invoice 1" "" -- -sv -k $RNGS $NGS/api/invoices/1
    caphttp $S echo-401-account-nginx-httpie.txt 401 app echo "HTTPie, no token: the handler's JSON 401 (Bearer)" "HTTPie with colours" -- -v GET http://127.0.0.1:61480/api/account Host:$H
    capraw $S echo-201-post-nginx-h2.txt 201 app echo "HTTP/2 over TLS: POST a new ref, the handler's JSON 201" "curl -si saved to a file (CRs kept)" -- -si -k $RNGS -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $NGS/api/invoices
    caplt $S echo-409-post-nginx.txt 409 app echo "POST of an existing ref: the handler's JSON 409" "curl -sv, only the < lines kept" -- -sv $RNG -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $NG/api/invoices
    capcut $S echo-422-post-nginx-h2.txt 422 app echo "HTTP/2 over TLS: POST without ref, the handler's JSON 422" "curl -si, body cut off after the headers" -- -si -k $RNGS -X POST "${JSONH[@]}" -d '{"total":2}' $NGS/api/invoices
    cap $S echo-403-admin-nginx.txt 403 app echo "the handler's JSON 403" "curl -si" -- -si $RNG $NG/api/admin
    capwin $S echo-504-bank-html-nginx.txt 504 app echo "the app's own HTML 504 page, passed on" "curl -si pasted with CRLF" -- -si $RNG $NG/api/bank
    cap $S echo-500-boom-nginx.txt 500 app echo "a panic: Echo's Recover, its JSON {\"message\":\"Internal Server Error\"}" "curl -si" -- -si $RNG $NG/api/boom
    cap $S echo-404-route-nginx-h2.txt 404 app echo "HTTP/2 over TLS: no route, Echo's JSON {\"message\":\"Not Found\"}" "" -- -sv -k $RNGS $NGS/api/v2/invoices
    quiet $RNG $NG/api/exports/daily
    cap $S nginx-429-exports-json.txt 429 proxy nginx "limit_req on /api/exports/, the second request: nginx's own JSON 429 from error_page" "X-Request-ID from nginx" -- -sv $RNG $NG/api/exports/daily
    caplt $S nginx-503-refunds-json-h2.txt 503 proxy nginx "HTTP/2 over TLS: /api/refunds/, nginx answers a JSON 503 itself" "curl -sv, only the < lines kept" -- -sv -k $RNGS $NGS/api/refunds/42
    cap $S nginx-503-beta-empty.txt 503 proxy nginx "/api/beta/: return 503 with an empty error_page file, only Server: names nginx" "curl -si" -- -si $RNG $NG/api/beta/labels
    capwin $S nginx-504-slow-h2.txt 504 proxy nginx "HTTP/2 over TLS: the handler waits 5 s, proxy_read_timeout 3s: nginx's 504 page" "curl -si pasted with CRLF" -- -si -k $RNGS $NGS/api/slow
    capwget $S nginx-502-old-wget.txt 502 proxy nginx "/old/ straight to a port nobody listens on: nginx's 502 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61480/old/invoices/1
    cap $S nginx-421-unknown-host-h2.txt 421 proxy nginx "HTTP/2 over TLS to the bare IP: the default server's return 421" "" -- -sv -k https://127.0.0.1:61443/api/invoices/1
    capcut $S nginx-413-body.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's 413 page" "curl -si, body cut off after the headers" -- -si $RNG -X POST "${JSONH[@]}" -d "$BIGBODY" $NG/api/invoices
    cap $S nginx-414-uri.txt 414 proxy nginx "a 1.5 KB query string, 1k header buffers: nginx's 414 page" "curl -si" -- -si $RNG "$NG/api/invoices?$LONGQ"
    capraw $S nginx-400-header-too-large.txt 400 proxy nginx "a 1.5 KB header, 1k buffers: nginx's 400 'Request Header Or Cookie Too Large' (494 inside nginx, 400 on the wire)" "curl -si saved to a file (CRs kept)" -- -si $RNG -H "$BIGH" $NG/api/invoices/1
    capnc $S nginx-501-transfer-encoding-nc.txt 501 proxy nginx "Transfer-Encoding: gzip: nginx's 501 page" "raw request in nc" -- 61480 "POST /api/invoices HTTP/1.1\r\nHost: $H\r\nTransfer-Encoding: gzip\r\n\r\n" 3
    capnc $S nginx-505-http3-request-line-nc.txt 505 proxy nginx "a request line that says HTTP/3.0: nginx's 505 page" "raw request in nc" -- 61480 "GET /api/invoices/1 HTTP/3.0\r\nHost: $H\r\n\r\n" 3
fi

# ================================================== Apache -> NestJS (Node) ==
if up apache; then
    log "capturing: NestJS behind Apache"
    S=nestjs-apache-h2
    cap $S nestjs-200-invoice-apache.txt 200 app nestjs "invoice 1 through Apache" "Via from ProxyVia, X-Request-Id from mod_unique_id" -- -sv $RAP $AP/api/invoices/1
    cap $S nestjs-200-invoice-apache-h2.txt 200 app nestjs "HTTP/2 over TLS (mod_ssl + mod_http2): invoice 1" "" -- -sv -k $RAPS $APS/api/invoices/1
    caphttp $S nestjs-401-account-apache-httpie.txt 401 app nestjs "HTTPie, no token: the handler's JSON 401, Via added" "HTTPie with colours" -- -v GET http://127.0.0.1:61481/api/account Host:$H
    caplt $S nestjs-409-post-apache.txt 409 app nestjs "POST of an existing ref: the handler's JSON 409" "curl -sv, only the < lines kept" -- -sv $RAP -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $AP/api/invoices
    capraw $S nestjs-422-post-apache-h2.txt 422 app nestjs "HTTP/2 over TLS: POST without ref, the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si -k $RAPS -X POST "${JSONH[@]}" -d '{"items":2}' $APS/api/invoices
    cap $S nestjs-400-bad-json-apache.txt 400 app nestjs "a POST body that is not JSON: body-parser's 400, answered inside the Nest app" "curl -si" -- -si $RAP -X POST "${JSONH[@]}" -d '{"ref":' $AP/api/invoices
    cap $S nestjs-403-admin-apache.txt 403 app nestjs "the handler's JSON 403" "curl -si" -- -si $RAP $AP/api/admin
    capcut $S nestjs-404-invoice-apache.txt 404 app nestjs "invoice 9: the handler's JSON 404" "curl -si, body cut off after the headers" -- -si $RAP $AP/api/invoices/9
    capwin $S nestjs-503-statements-html-apache.txt 503 app nestjs "the app's own HTML 503 page, passed on with Via" "curl -si pasted with CRLF" -- -si $RAP $AP/api/statements
    cap $S nestjs-500-boom-apache-h2c.txt 500 app nestjs "HTTP/2 (h2c): a thrown Error, Nest's exception filter: {\"statusCode\":500,\"message\":\"Internal server error\"}" "curl -si" -- -si --http2-prior-knowledge $RAP $AP/api/boom
    cap $S nestjs-404-route-apache.txt 404 app nestjs "no route: Nest's JSON 404 ('Cannot GET ...', statusCode 404)" "" -- -sv $RAP $AP/api/v2/invoices
    cap $S apache-429-exports-json-h2.txt 429 proxy apache "HTTP/2 over TLS: /api/exports/, mod_rewrite R=429 with a JSON ErrorDocument" "curl -si" -- -si -k $RAPS $APS/api/exports/daily
    capwin $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: mod_rewrite R=503 with a JSON ErrorDocument" "curl -si pasted with CRLF" -- -si $RAP $AP/api/refunds/42
    cap $S apache-502-slow-h2.txt 502 proxy apache "HTTP/2 over TLS: the handler waits 5 s, ProxyTimeout 3: Apache's 'Proxy Error' page" "" -- -sv -k $RAPS $APS/api/slow
    capwget $S apache-503-legacy-down-wget.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61481/legacy/invoices/1
    caplt $S apache-404-unknown-host.txt 404 proxy apache "the bare IP as Host: the first virtual host, an empty folder: Apache's 404 page" "curl -sv, only the < lines kept" -- -sv http://127.0.0.1:61481/api/invoices/1
    cap $S apache-414-uri.txt 414 proxy apache "a 1.5 KB query string, LimitRequestLine 1024: Apache's 414 page" "curl -si" -- -si $RAP "$AP/api/invoices?$LONGQ"
    cap $S apache-501-unknown-method.txt 501 proxy apache "a method Apache does not know (FOO) on its own static /errors/ file: Apache's 501 page" "" -- -sv $RAP -X FOO $AP/errors/maintenance.json
    capraw $S apache-400-header-too-large.txt 400 proxy apache "a 1.5 KB header, LimitRequestFieldSize 1024: Apache's 400 page" "curl -si saved to a file (CRs kept)" -- -si $RAP -H "$BIGH" $AP/api/invoices/1
fi

# ========================================== Caddy -> Starlette (uvicorn) ==
if up caddy; then
    log "capturing: Starlette on uvicorn behind Caddy"
    S=starlette-uvicorn-caddy
    cap $S starlette-200-invoice-caddy.txt 200 app starlette "invoice 1 through Caddy" "X-Request-ID from Caddy" -- -sv $RCD $CD/api/invoices/1
    caphttp $S starlette-401-account-caddy-httpie.txt 401 app starlette "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:61483/api/account Host:$H:61483
    caplt $S starlette-422-post-caddy.txt 422 app starlette "POST without ref: the handler's JSON 422" "curl -sv, only the < lines kept" -- -sv $RCD -X POST "${JSONH[@]}" -d '{"items":2}' $CD/api/invoices
    capraw $S starlette-409-post-caddy.txt 409 app starlette "POST of an existing ref: the handler's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RCD -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $CD/api/invoices
    cap $S starlette-403-admin-caddy.txt 403 app starlette "the handler's JSON 403" "curl -si" -- -si $RCD $CD/api/admin
    cap $S starlette-429-quota-caddy.txt 429 app starlette "the handler's own JSON 429 with Retry-After" "curl -si" -- -si $RCD $CD/api/quota
    capcut $S starlette-503-maintenance-caddy.txt 503 app starlette "the handler's own JSON 503 (maintenance)" "curl -si, body cut off after the headers" -- -si $RCD $CD/api/maintenance
    capwin $S starlette-502-payments-html-caddy.txt 502 app starlette "the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RCD $CD/api/payments
    cap $S starlette-500-boom-caddy.txt 500 app starlette "an exception: Starlette's ServerErrorMiddleware, text 'Internal Server Error'" "curl -si" -- -si $RCD $CD/api/boom
    cap $S starlette-404-route-caddy.txt 404 app starlette "no route: Starlette's text 'Not Found'" "" -- -sv $RCD $CD/api/v2/invoices
    cap $S caddy-429-exports-json.txt 429 proxy caddy "/api/exports/*: Caddy's respond with a JSON 429" "curl -si" -- -si $RCD $CD/api/exports/daily
    caplt $S caddy-503-refunds-json.txt 503 proxy caddy "/api/refunds/*: Caddy's respond with a JSON 503" "curl -sv, only the < lines kept" -- -sv $RCD $CD/api/refunds/42
    cap $S caddy-504-slow-empty.txt 504 proxy caddy "the handler waits 5 s, response_header_timeout 3s: Caddy's 504, empty body" "" -- -sv $RCD $CD/api/slow
    capwget $S caddy-502-legacy-empty-wget.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, empty body" "wget -S -O-" -- --header="Host: $H:61483" http://127.0.0.1:61483/legacy/invoices/1
    cap $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB: the 431 Caddy's Go server writes" "curl -si" -- -si $RCD -H "$BIGH8" $CD/api/invoices/1
    cap $S caddy-421-unknown-host-empty.txt 421 proxy caddy "a Host that is not ours: the catch-all site's respond 421, empty body" "" -- -sv -H "Host: shop.ledgerly.test:61483" http://127.0.0.1:61483/api/invoices/1
    capnc $S caddy-501-transfer-encoding-nc.txt 501 proxy caddy "Transfer-Encoding: gzip: the 501 Caddy's Go server writes" "raw request in nc" -- 61483 "POST /api/invoices HTTP/1.1\r\nHost: $H:61483\r\nTransfer-Encoding: gzip\r\n\r\n" 3
    capnc $S caddy-505-http3-request-line-nc.txt 505 proxy caddy "a request line that says HTTP/3.0: the 505 Caddy's Go server writes" "raw request in nc" -- 61483 "GET /api/invoices/1 HTTP/3.0\r\nHost: $H:61483\r\n\r\n" 3
fi

# ===================================================== HAProxy -> Koa (Node) ==
if up haproxy; then
    log "capturing: Koa behind HAProxy"
    S=koa-haproxy-h2c
    cap $S koa-200-invoice-haproxy.txt 200 app koa "invoice 1 through HAProxy" "X-Request-ID set by HAProxy" -- -sv $RHA $HA/api/invoices/1
    cap $S koa-200-invoice-haproxy-h2c.txt 200 app koa "HTTP/2 (h2c): invoice 1" "" -- -sv --http2-prior-knowledge $RHA2 $HA2/api/invoices/1
    caphttp $S koa-401-account-haproxy-httpie.txt 401 app koa "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:61482/api/account Host:$H
    capraw $S koa-201-post-haproxy.txt 201 app koa "POST a new ref: the handler's JSON 201" "curl -si saved to a file (CRs kept)" -- -si $RHA -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $HA/api/invoices
    caplt $S koa-422-post-haproxy.txt 422 app koa "POST without ref: the handler's JSON 422" "curl -sv, only the < lines kept" -- -sv $RHA -X POST "${JSONH[@]}" -d '{"total":2}' $HA/api/invoices
    cap $S koa-409-post-haproxy.txt 409 app koa "POST of an existing ref: the handler's JSON 409" "curl -si" -- -si $RHA -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $HA/api/invoices
    cap $S koa-403-admin-haproxy.txt 403 app koa "the handler's JSON 403" "curl -si" -- -si $RHA $HA/api/admin
    cap $S koa-404-invoice-haproxy.txt 404 app koa "invoice 9: the handler's JSON 404" "" -- -sv $RHA $HA/api/invoices/9
    capwin $S koa-502-payments-html-haproxy.txt 502 app koa "the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RHA $HA/api/payments
    cap $S koa-500-boom-haproxy.txt 500 app koa "a thrown Error: Koa's text 'Internal Server Error'" "curl -si" -- -si $RHA $HA/api/boom
    capcut $S koa-404-route-haproxy.txt 404 app koa "no route: Koa's text 'Not Found'" "curl -si, body cut off after the headers" -- -si $RHA $HA/api/v2/invoices
    cap $S haproxy-429-exports-json-h2c.txt 429 load-balancer haproxy "HTTP/2 (h2c): /api/exports/, http-request return with a JSON 429" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/exports/daily
    caplt $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: http-request return with a JSON 503" "curl -sv, only the < lines kept" -- -sv $RHA $HA/api/refunds/42
    cap $S haproxy-503-beta-empty-h2c.txt 503 load-balancer haproxy "HTTP/2 (h2c): /api/beta/, http-request return status 503 with no body" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/beta/labels
    cap $S haproxy-504-slow-problem-json.txt 504 load-balancer haproxy "the handler waits 5 s, timeout server 3s: HAProxy's 504 from its errorfile, an RFC 9457 problem document" "" -- -sv $RHA $HA/api/slow
    capwget $S haproxy-503-legacy-down-wget.txt 503 load-balancer haproxy "/legacy/: the only server is down by its check, HAProxy's 503 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61482/legacy/invoices/1
    capcut $S haproxy-404-unknown-host.txt 404 load-balancer haproxy "the bare IP as Host: deny_status 404, HAProxy's stock 404 page" "curl -si, body cut off after the headers" -- -si http://127.0.0.1:61482/api/invoices/1
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's stock 403 page" "curl -si" -- -si $RHA $HA/internal/metrics
fi

# ====================================== Varnish -> Django (gunicorn, cacheable) ==
if up varnish; then
    log "capturing: Django on gunicorn behind Varnish"
    S=django-gunicorn-varnish-kept
    cap $S django-200-invoice-varnish-miss.txt 200 app django "invoice 1, first request: a MISS" "X-Cache: MISS, Via: varnish, Server: gunicorn" -- -sv $RVN $VN/api/invoices/1
    cap $S varnish-200-invoice-hit.txt 200 cdn-cache varnish "invoice 1 again: from Varnish's store (Server still says gunicorn)" "curl -si; X-Cache: HIT, Age" -- -si $RVN $VN/api/invoices/1
    caplt $S varnish-304-invoice-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "curl -sv, only the < lines kept" -- -sv $RVN -H 'If-None-Match: "inv-1-v3"' $VN/api/invoices/1
    cap $S varnish-200-invoice-hit-h2c.txt 200 cdn-cache varnish "HTTP/2 (h2c): invoice 1 from Varnish's store" "X-Cache: HIT" -- -sv --http2-prior-knowledge $RVN $VN/api/invoices/1
    quiet $RVN $VN/api/rates
    sleep 2.5
    cap $S varnish-200-rates-grace.txt 200 cdn-cache varnish "/api/rates past its 1 s ttl, inside grace: the stale copy, fetched again behind it" "curl -si; X-Cache: HIT-STALE" -- -si $RVN $VN/api/rates
    cap $S django-404-invoice9-varnish-miss.txt 404 app django "invoice 9, first request: the view's problem+json 404 (public, max-age=120), a MISS" "curl -si" -- -si $RVN $VN/api/invoices/9
    capraw $S varnish-404-invoice9-hit.txt 404 app django "invoice 9 again: Django's cacheable 404 served from Varnish's store (HIT); a kept app error is the app's" "curl -si saved to a file (CRs kept)" -- -si $RVN $VN/api/invoices/9
    caphttp $S django-401-account-varnish-httpie.txt 401 app django "HTTPie, no token: the view's problem+json 401, Via added by Varnish" "HTTPie with colours" -- -v GET http://127.0.0.1:61490/api/account Host:$H:61490
    capwin $S django-409-post-varnish.txt 409 app django "POST (passed) of an existing ref: the view's problem+json 409" "curl -si pasted with CRLF" -- -si $RVN -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $VN/api/invoices
    cap $S django-400-invoice-id-varnish.txt 400 app django "an invoice id that is not a number: the view's problem+json 400, passed on" "" -- -sv $RVN $VN/api/invoices/abc
    cap $S django-403-admin-varnish.txt 403 app django "the view's problem+json 403" "curl -si" -- -si $RVN $VN/api/admin
    capcut $S django-504-bank-html-varnish.txt 504 app django "the app's own HTML 504 page, passed on with Via" "curl -si, body cut off after the headers" -- -si $RVN $VN/api/bank
    cap $S django-500-boom-varnish.txt 500 app django "an exception, DEBUG off: Django's 'Server Error (500)' page, passed on" "curl -si" -- -si $RVN $VN/api/boom
    cap $S varnish-429-exports-synth.txt 429 cdn-cache varnish "/api/exports/: synth(429) with a JSON body" "curl -si" -- -si $RVN $VN/api/exports/daily
    capwin $S varnish-503-refunds-synth.txt 503 cdn-cache varnish "/api/refunds/: synth(503) with a JSON maintenance body" "curl -si pasted with CRLF" -- -si $RVN $VN/api/refunds/42
    caplt $S varnish-503-beta-empty-h2c.txt 503 cdn-cache varnish "HTTP/2 (h2c): /api/beta/, a synth 503 delivered with no body" "curl -sv, only the < lines kept" -- -sv --http2-prior-knowledge $RVN $VN/api/beta/labels
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the view waits 5 s, first_byte_timeout 3s: 'Backend fetch failed'" "" -- -sv $RVN $VN/api/slow
    capwget $S varnish-503-legacy-down-wget.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed'" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61490/legacy/invoices/1
    cap $S varnish-404-unknown-host.txt 404 cdn-cache varnish "a Host that is not ours: synth(404), the builtin page" "curl -si" -- -si -H "Host: shop.ledgerly.test" http://127.0.0.1:61490/api/invoices/1
fi

# ================================================= Squid -> Express (cacheable) ==
if up squid; then
    log "capturing: Express behind Squid"
    S=express-squid-accel
    cap $S express-200-invoice-squid-miss.txt 200 app express "invoice 1, first request: a MISS" "Via, X-Cache: MISS, Squid's X-Request-ID" -- -sv $RSQ $SQ/api/invoices/1
    cap $S squid-200-invoice-hit.txt 200 cdn-cache squid "invoice 1 again: from Squid's memory cache (X-Powered-By still says Express)" "curl -si; X-Cache: HIT, Age" -- -si $RSQ $SQ/api/invoices/1
    capraw $S squid-304-invoice-if-none-match.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's own 304" "curl -si saved to a file (CRs kept)" -- -si $RSQ -H 'If-None-Match: "inv-1-v3"' $SQ/api/invoices/1
    caplt $S squid-412-invoice-if-match.txt 412 cdn-cache squid "If-Match with an old ETag on a stored object: Squid's 412" "curl -sv, only the < lines kept" -- -sv $RSQ -H 'If-Match: "inv-1-v2"' $SQ/api/invoices/1
    caphttp $S express-401-account-squid-httpie.txt 401 app express "HTTPie, no token: the handler's JSON 401, Via added by Squid" "HTTPie with colours" -- -v GET http://127.0.0.1:61450/api/account Host:$H
    capcut $S express-422-post-squid.txt 422 app express "POST without ref: the handler's JSON 422" "curl -si, body cut off after the headers" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"total":2}' $SQ/api/invoices
    cap $S express-201-post-squid.txt 201 app express "POST a new ref: the handler's JSON 201, passed on with Via" "" -- -sv $RSQ -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $SQ/api/invoices
    cap $S express-400-invoice-id-squid.txt 400 app express "an invoice id that is not a number: the handler's JSON 400, passed on with Via" "curl -si" -- -si $RSQ $SQ/api/invoices/abc
    capraw $S express-400-bad-json-squid.txt 400 app express "a POST body that is not JSON: express.json() fails, finalhandler's HTML 'Bad Request'" "curl -si saved to a file (CRs kept)" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"ref":' $SQ/api/invoices
    cap $S express-403-admin-squid.txt 403 app express "the handler's JSON 403" "curl -si" -- -si $RSQ $SQ/api/admin
    capwin $S express-503-maintenance-squid.txt 503 app express "the handler's own JSON 503 (maintenance)" "curl -si pasted with CRLF" -- -si $RSQ $SQ/api/maintenance
    cap $S express-503-statements-html-squid.txt 503 app express "the app's own HTML 503 page, passed on with Via" "" -- -sv $RSQ $SQ/api/statements
    cap $S express-500-boom-squid.txt 500 app express "a thrown Error: finalhandler's HTML 'Internal Server Error', passed on" "curl -si" -- -si $RSQ $SQ/api/boom
    caplt $S express-404-route-squid.txt 404 app express "no route: Express's 'Cannot GET' page" "curl -sv, only the < lines kept" -- -sv $RSQ $SQ/api/v2/invoices
    cap $S squid-504-slow.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 3 seconds: ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/slow
    capwget $S squid-502-legacy-down-wget.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61450/legacy/invoices/1
    capcut $S squid-403-unknown-host.txt 403 cdn-cache squid "a Host that is not ours: ERR_ACCESS_DENIED" "curl -si, body cut off after the headers" -- -si -H "Host: shop.ledgerly.test" http://127.0.0.1:61450/api/invoices/1
    cap $S squid-413-body.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "" -- -sv $RSQ -X POST "${JSONH[@]}" -d "$BIGBODY" $SQ/api/invoices
    cap $S squid-431-header-too-large.txt 431 cdn-cache squid "an 8 KB header, request_header_max_size 2 KB: Squid's 431 page" "curl -si" -- -si $RSQ -H "$BIGH8" $SQ/api/invoices/1
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-504-slow.txt 504/504 proxy nginx "nginx's 504 page, over TLS" "" -- -k $RNGS "$NGS/api/slow?from=dashboard"
up nginx && capbody $S body-echo-500-boom.txt 0/500 app echo "Echo's JSON 500, no status number in it" "" -- $RNG $NG/api/boom
up apache && capbody $S body-apache-414-uri.txt 414/414 proxy apache "Apache's 414 page" "" -- $RAP "$AP/api/invoices?$LONGQ"
up apache && capbody $S body-nestjs-404-route.txt 404/404 app nestjs "Nest's JSON 404, its statusCode field shows the number" "" -- $RAP $AP/api/v3/invoices
up caddy && capbody $S body-starlette-500-boom.txt 0/500 app starlette "Starlette's text 'Internal Server Error', no status number in it" "" -- $RCD $CD/api/boom
up haproxy && capbody $S body-haproxy-504-problem-json.txt 504/504 load-balancer haproxy "HAProxy's problem+json 504 (errorfile), its status field shows the number" "" -- $RHA "$HA/api/slow?from=dashboard"
up haproxy && capbody $S body-koa-502-payments-html.txt 502/502 app koa "Koa's own HTML 502 page, its title shows the number" "" -- $RHA $HA/api/payments
up varnish && capbody $S body-django-409-problem-json.txt 409/409 app django "Django's problem+json 409, its status field shows the number" "" -- $RVN -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $VN/api/invoices
up varnish && capbody $S body-django-404-invoice9-kept.txt 404/404 app django "Django's problem+json 404 for invoice 9, kept in Varnish's store (a HIT), its status field shows the number" "" -- $RVN $VN/api/invoices/9
up varnish && capbody $S body-varnish-429-exports-synth.txt 0/429 cdn-cache varnish "Varnish's synth JSON 429, no status number in it" "" -- $RVN $VN/api/exports/monthly
up squid && capbody $S body-squid-504-slow.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page (its title names the error, not a number)" "" -- $RSQ "$SQ/api/slow?from=dashboard"

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-503-beta.txt 503 proxy nginx "curl -sI on /api/beta/ over TLS + HTTP/2: nginx's empty 503" "" -- -k $RNGS $NGS/api/beta/labels
up apache && caphead $S head-apache-503-refunds-h2.txt 503 proxy apache "curl -sI over TLS + HTTP/2 on /api/refunds/: Apache's R=503" "" -- -k $RAPS $APS/api/refunds/7
up caddy && caphead $S head-caddy-502-legacy.txt 502 proxy caddy "curl -sI on /legacy/*: Caddy's empty 502" "" -- $RCD $CD/legacy/invoices/7
up haproxy && caphead $S head-haproxy-429-exports.txt 429 load-balancer haproxy "curl -sI on /api/exports/: HAProxy's JSON 429 headers" "" -- $RHA $HA/api/exports/daily
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on invoice 1, stored (Server still says gunicorn)" "X-Cache: HIT" -- $RVN $VN/api/invoices/1
up squid && caphead $S head-squid-200-hit.txt 200 cdn-cache squid "curl -sI on invoice 1, stored in Squid's memory" "X-Cache: HIT" -- $RSQ $SQ/api/invoices/1

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx apache caddy haproxy varnish squid; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round77/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
