#!/usr/bin/env bash
# capture-round65.sh — build the sixty-fifth held-out evidence corpus in
# tests/fixtures/evidence-round65/.
#
# "Mainstream, a twenty-second pairing: a team's ordinary production night":
# the Ledgerly invoices API (round 55's routes) on six mainstream stacks,
# each behind one mainstream front it had not stood behind before (see the
# README's table for what is new and what is only partly new). Front configs
# in scripts/corpus/conf-round65/ (round 63's, ports moved into 60200-60299,
# upstream timeouts 3 s); the Litestar app is new in scripts/corpus/apps65/,
# the others are reused by path (apps63's Hono, chi, Echo and Rack apps,
# apps58's Django app):
#   - Hono 4 on @hono/node-server behind Apache 2.4 mod_proxy_http
#     (HTTP/1.1, h2c);
#   - chi v5 (Go) behind Caddy 2.6 (HTTP/1.1, TLS + HTTP/2);
#   - a plain Rack app under Puma behind HAProxy 2.6 (HTTP/1.1, h2c);
#   - Litestar 2 under uvicorn behind Varnish 7.1 (HITs, a 304, a grace copy);
#   - Echo v4 (Go) behind Squid 5.7 as a reverse accelerator (a HIT, a 304
#     and a 412 written by Squid);
#   - Django 5.2 as ASGI under uvicorn behind nginx 1.22 (HTTP/1.1, TLS +
#     HTTP/2).
# Each front puts its own request id on what it sends back (its own error
# pages too), answers some paths itself (JSON 429 and 503, an empty 503) and
# fails its stock ways (dead upstream, slow upstream, unknown Host, a body,
# URI or header too large, a method it refuses). Paste forms: curl -sv / -si
# transcripts (some saved with their CRs, some with CRLF on every line),
# HTTPie (from PyPI) with colours, `wget -S -O-`, body-only and headers-only
# pastes.
#
#   scripts/corpus/capture-round65.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round65.sh   # never call apt-get / npm / pip
#   CORPUS_KEEP_RUN=1 capture-round65.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60200-60299) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round65.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the wire.
# the fixtures as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round65"
RUN=/tmp/api-triage-corpus65-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round65"
APPS="$HERE/apps65"
APPS63="$HERE/apps63"
NODE_DIR=${CORPUS_NODE65:-/tmp/api-triage-corpus65-node}
GO_DIR=${CORPUS_GO65:-/tmp/api-triage-corpus65-go}
VENV=${CORPUS_VENV65:-/tmp/api-triage-corpus65-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
HTTPIE="$VENV/bin/http"      # HTTPie from PyPI, in this round's venv
NPM=(hono@4.13.23 @hono/node-server@2.1.11)
PYPI=(litestar==2.25.0 uvicorn==0.55.0 django==5.2.19 httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus65 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl nodejs apache2 nginx haproxy varnish squid caddy golang-go ruby puma python3-venv
    golang-github-go-chi-chi-dev golang-github-labstack-echo-dev)
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

install_npm() {  # Hono and its Node server, from npm
    [[ -e $NODE_DIR/node_modules/hono/package.json && -e $NODE_DIR/node_modules/@hono/node-server/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus65","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

install_venv() {  # Litestar, uvicorn, Django and HTTPie, from PyPI
    [[ -x $VENV/bin/python && -x $VENV/bin/http ]] && "$VENV/bin/python" -c "import litestar, uvicorn, django" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

build_go() {  # chi and Echo: Debian's golang-*-dev sources, offline, GOPATH mode
    local f
    mkdir -p "$GO_DIR/src/github.com/go-chi/chi" "$GO_DIR/src/github.com/labstack/echo"
    # Debian ships chi v5 and Echo v4 without the /v5 and /v4 directories GOPATH mode wants
    ln -sfn /usr/share/gocode/src/github.com/go-chi/chi "$GO_DIR/src/github.com/go-chi/chi/v5"
    ln -sfn /usr/share/gocode/src/github.com/labstack/echo "$GO_DIR/src/github.com/labstack/echo/v4"
    for f in chi_app echo_app; do
        [[ -x $GO_DIR/$f && $GO_DIR/$f -nt $APPS63/$f.go ]] && continue
        log "go build $f"
        (cd "$APPS63" && GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$GO_DIR:/usr/share/gocode" GOCACHE="$GO_DIR/cache" \
            nice -n 15 timeout 600 go build -p 1 -o "$GO_DIR/$f" "$f.go") >>"$RUN/logs/go-build.log" 2>&1 \
            || SKIPPED[$f]="go build $f failed (see logs/go-build.log)"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round65.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
    [[ -x $HTTPIE ]] || return 0
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
[[ -d $CONF && -d $APPS && -d $APPS63 ]] || die "missing $CONF, $APPS or $APPS63"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_npm
install_venv
[[ -z ${SKIPPED[npm]:-} ]] || die "the Node modules are missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
have openssl || die "openssl is missing"
have golang-go && have golang-github-go-chi-chi-dev && have golang-github-labstack-echo-dev \
    || die "Go or Debian's chi / Echo sources are missing"
build_go
[[ -z ${SKIPPED[chi_app]:-}${SKIPPED[echo_app]:-} ]] || die "a Go app did not build (see $RUN/logs/go-build.log)"

# apps: Hono 60215 (Apache 60281, h2c on the same port), chi 60216 (Caddy
# 60283, TLS 60244), Echo 60217 (Squid 60250), Litestar under uvicorn 60218
# (Varnish 60290), Rack under Puma 60219 (HAProxy 60282, h2c 60245), Django
# under uvicorn 60220 (nginx 60280, TLS 60243). 60299 is never listened on
# (the dead upstream every front has).
APP_PORTS=(60215 60216 60217 60218 60219 60220)
FRONT_PORTS=(60281 60283 60244 60250 60290 60282 60245 60280 60243)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 60299; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: a self-signed cert for the HTTP/2 ports of Caddy and nginx -------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Ledgerly/CN=api.ledgerly.test" \
    -addext "subjectAltName=DNS:api.ledgerly.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg hono env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS63/hono_app.js" 60215
start_bg chi nice -n 5 "$GO_DIR/chi_app" 60216
start_bg echo nice -n 5 "$GO_DIR/echo_app" 60217
start_bg litestar env PYTHONPATH="$APPS" nice -n 5 "$VENV/bin/uvicorn" --host 127.0.0.1 --port 60218 litestar_app:app
start_bg rack nice -n 5 puma -e production -t 2:8 -b tcp://127.0.0.1:60219 "$APPS63/rack_app.ru"
start_bg django env PYTHONPATH="$HERE/apps58" nice -n 5 "$VENV/bin/uvicorn" --host 127.0.0.1 --port 60220 django_app:asgi
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
    wait_port 60281 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60283 caddy && wait_port 60244 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
cp "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 60282 haproxy && wait_port 60245 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish-litestar.vcl" "$RUN/varnish/litestar.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:60290 -T none -f "$RUN/varnish/litestar.vcl" \
    -n "$RUN/varnish/litestar" -s malloc,16m
wait_port 60290 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus65 -f "$RUN/squid/squid.conf"
wait_port 60250 squid && UP[squid]=1

mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/www/docs
: >"$RUN/nginx/www/empty-503"
printf '<!doctype html><title>Ledgerly API docs</title><h1>Ledgerly API</h1>\n' >"$RUN/nginx/www/docs/index.html"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60280 nginx && wait_port 60243 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60200 || p > 60299) print}')
[[ -z $NEWPORTS ]] || die "a server listens outside 60200-60299: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 65 (held out): real responses captured by
# scripts/corpus/capture-round65.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-64:
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
AP=http://$H:60281 CD=http://$H:60283 CDS=https://$H:60244 HA=http://$H:60282 HA2=http://$H:60245
VN=http://$H:60290 SQ=http://$H:60250 NG=http://$H:60280 NGS=https://$H:60243
# one --resolve per front keeps the transcripts short
RAP="--resolve $H:60281:127.0.0.1" RCD="--resolve $H:60283:127.0.0.1" RCDS="--resolve $H:60244:127.0.0.1"
RHA="--resolve $H:60282:127.0.0.1" RHA2="--resolve $H:60245:127.0.0.1" RVN="--resolve $H:60290:127.0.0.1"
RSQ="--resolve $H:60250:127.0.0.1" RNG="--resolve $H:60280:127.0.0.1" RNGS="--resolve $H:60243:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
LONGQ=$(printf 'q%.0s' $(seq 1 1500))
BIGH="X-Trace-Context: $(printf 't%.0s' $(seq 1 1500))"
BIGH8="X-Trace-Context: $(printf 't%.0s' $(seq 1 8000))"
BIGH20="X-Trace-Context: $(printf 't%.0s' $(seq 1 20000))"
BIGBODY=$(printf '{"ref":"LG-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")

# ======================================================== Apache -> Hono ==
if up apache; then
    log "capturing: Hono behind Apache"
    S=hono-apache
    cap $S hono-200-invoice-apache.txt 200 app hono "invoice 1 through Apache" "Via from ProxyVia, X-Request-Id from mod_unique_id" -- -sv $RAP $AP/api/invoices/1
    caphttp $S hono-401-account-apache-httpie.txt 401 app hono "HTTPie, no token: the handler's JSON 401, Via added" "HTTPie with colours" -- -v GET http://127.0.0.1:60281/api/account Host:$H
    cap $S hono-201-post-apache.txt 201 app hono "POST a new ref: the handler's JSON 201" "curl -si" -- -si $RAP -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $AP/api/invoices
    capraw $S hono-422-post-apache.txt 422 app hono "POST without ref: the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RAP -X POST "${JSONH[@]}" -d '{"total":2}' $AP/api/invoices
    cap $S hono-429-quota-apache.txt 429 app hono "the app's own JSON 429, passed on with Via" "" -- -sv $RAP $AP/api/quota
    cap $S apache-429-exports-json.txt 429 proxy apache "/api/exports/: mod_rewrite R=429 with a JSON ErrorDocument" "" -- -sv $RAP $AP/api/exports/daily
    capwin $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: mod_rewrite R=503 with a JSON ErrorDocument" "curl -si pasted with CRLF" -- -si $RAP $AP/api/refunds/42
    cap $S hono-503-statements-html-apache.txt 503 app hono "the app's own HTML 503 page, passed on with Via" "curl -si" -- -si $RAP $AP/api/statements
    cap $S hono-500-boom-apache.txt 500 app hono "a thrown Error: Hono's default onError, text 'Internal Server Error'" "" -- -sv $RAP $AP/api/boom
    cap $S hono-404-route-apache.txt 404 app hono "no route: Hono's default notFound, text '404 Not Found'" "curl -si" -- -si $RAP $AP/api/v2/invoices
    cap $S apache-502-slow.txt 502 proxy apache "the handler waits 5 s, ProxyTimeout 3: Apache's 'Proxy Error' page" "" -- -sv $RAP $AP/api/slow
    capwget $S apache-503-legacy-down-wget.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60281/legacy/invoices/1
    cap $S apache-404-unknown-host.txt 404 proxy apache "the bare IP as Host: the first virtual host, an empty folder: Apache's 404 page" "curl -si" -- -si http://127.0.0.1:60281/api/invoices/1
    cap $S apache-414-uri.txt 414 proxy apache "a 1.5 KB query string, LimitRequestLine 1024: Apache's 414 page" "" -- -sv $RAP "$AP/api/invoices/1?q=$LONGQ"
    capraw $S apache-400-header-too-large.txt 400 proxy apache "a 1.5 KB header, LimitRequestFieldSize 1024: Apache's 400 page" "curl -si saved to a file (CRs kept)" -- -si $RAP -H "$BIGH" $AP/api/invoices/1
    cap $S apache-405-trace.txt 405 proxy apache "TRACE with TraceEnable Off: Apache's 405 page" "" -- -sv $RAP -X TRACE $AP/api/invoices/1
    cap $S hono-200-invoice-apache-h2c.txt 200 app hono "HTTP/2 (h2c): invoice 1" "" -- -sv --http2-prior-knowledge $RAP $AP/api/invoices/1
    cap $S hono-504-bank-html-apache-h2c.txt 504 app hono "HTTP/2 (h2c): the app's own HTML 504 page, passed on" "curl -si" -- -si --http2-prior-knowledge $RAP $AP/api/bank
fi

# ========================================================== Caddy -> chi ==
if up caddy; then
    log "capturing: chi behind Caddy"
    S=chi-caddy
    cap $S chi-200-invoice-caddy.txt 200 app chi "invoice 1 through Caddy" "X-Request-ID from Caddy, Server: Caddy" -- -sv $RCD $CD/api/invoices/1
    cap $S chi-201-post-caddy.txt 201 app chi "POST a new ref: the handler's JSON 201" "curl -si" -- -si $RCD -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $CD/api/invoices
    caphttp $S chi-422-post-caddy-httpie.txt 422 app chi "HTTPie POST without ref: the handler's JSON 422" "HTTPie with colours" -- -v POST http://127.0.0.1:60283/api/invoices Host:$H:60283 total:=2
    capraw $S chi-409-post-caddy.txt 409 app chi "POST an existing ref: the handler's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RCD -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $CD/api/invoices
    cap $S chi-429-quota-caddy.txt 429 app chi "the app's own JSON 429, passed on by Caddy" "" -- -sv $RCD $CD/api/quota
    cap $S caddy-429-exports-json.txt 429 proxy caddy "/api/exports/*: Caddy's respond with a JSON 429" "curl -si" -- -si $RCD $CD/api/exports/daily
    capwin $S caddy-503-refunds-json.txt 503 proxy caddy "/api/refunds/*: Caddy's respond with a JSON 503" "curl -si pasted with CRLF" -- -si $RCD $CD/api/refunds/42
    cap $S chi-502-payments-html-caddy.txt 502 app chi "the app's own HTML 502 page, passed on" "" -- -sv $RCD $CD/api/payments
    cap $S chi-500-boom-empty-caddy.txt 500 app chi "a panic: chi's Recoverer, an empty 500" "curl -si" -- -si $RCD $CD/api/boom
    cap $S chi-405-method-empty-caddy.txt 405 app chi "DELETE on a GET route: chi's empty 405" "" -- -sv $RCD -X DELETE $CD/api/account
    cap $S caddy-504-slow-empty.txt 504 proxy caddy "the handler waits 5 s, response_header_timeout 3s: Caddy's 504, empty body" "" -- -sv $RCD $CD/api/slow
    capwget $S caddy-502-legacy-empty-wget.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, empty body" "wget -S -O-" -- --header="Host: $H:60283" http://127.0.0.1:60283/legacy/invoices/1
    cap $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB: the 431 Caddy's Go server writes" "curl -si" -- -si $RCD -H "$BIGH8" $CD/api/invoices/1
    cap $S caddy-421-unknown-host-empty.txt 421 proxy caddy "a Host that is not ours: the catch-all site's respond 421, empty body" "" -- -sv -H "Host: shop.ledgerly.test:60283" http://127.0.0.1:60283/api/invoices/1
    cap $S chi-200-invoice-caddy-h2.txt 200 app chi "HTTP/2 over TLS: invoice 1" "" -- -sv -k $RCDS $CDS/api/invoices/1
    cap $S chi-404-route-caddy-h2.txt 404 app chi "HTTP/2: no route, chi's '404 page not found'" "curl -si" -- -si -k $RCDS $CDS/api/v2/invoices
    cap $S caddy-502-legacy-empty-h2.txt 502 proxy caddy "HTTP/2: /legacy/* to a port nobody listens on, Caddy's empty 502" "" -- -sv -k $RCDS $CDS/legacy/invoices/1
fi

# ===================================================== HAProxy -> Rack (Puma) ==
if up haproxy; then
    log "capturing: a plain Rack app under Puma behind HAProxy"
    S=rack-puma-haproxy
    cap $S rack-200-invoice-haproxy.txt 200 app rack "invoice 1 through HAProxy" "X-Request-ID set by HAProxy" -- -sv $RHA $HA/api/invoices/1
    caphttp $S rack-401-account-haproxy-httpie.txt 401 app rack "HTTPie, no token: the app's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60282/api/account Host:$H
    cap $S rack-201-post-haproxy.txt 201 app rack "POST a new ref: the app's JSON 201" "curl -si" -- -si $RHA -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $HA/api/invoices
    cap $S rack-409-post-haproxy.txt 409 app rack "POST an existing ref: the app's JSON 409" "" -- -sv $RHA -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $HA/api/invoices
    cap $S rack-503-maintenance-haproxy.txt 503 app rack "the app's own JSON 503 (maintenance)" "curl -si" -- -si $RHA $HA/api/maintenance
    capwin $S rack-502-payments-html-haproxy.txt 502 app rack "the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RHA $HA/api/payments
    cap $S puma-500-boom-haproxy.txt 500 app puma "an unrescued exception: Puma's own low-level 500 text" "" -- -sv $RHA $HA/api/boom
    cap $S rack-405-method-haproxy.txt 405 app rack "GET on the POST-only collection: the app's plain 405 with Allow" "curl -si" -- -si $RHA $HA/api/invoices
    cap $S haproxy-429-exports-json.txt 429 load-balancer haproxy "/api/exports/: http-request return with a JSON 429" "" -- -sv $RHA $HA/api/exports/daily
    capraw $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: http-request return with a JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RHA $HA/api/refunds/42
    cap $S haproxy-503-beta-empty.txt 503 load-balancer haproxy "/api/beta/: http-request return status 503 with no body" "curl -si" -- -si $RHA $HA/api/beta/labels
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "the handler waits 5 s, timeout server 3s: HAProxy's 504 page" "" -- -sv $RHA $HA/api/slow
    capwget $S haproxy-503-legacy-down-wget.txt 503 load-balancer haproxy "/legacy/: the only server is down by its check, HAProxy's 503 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60282/legacy/invoices/1
    cap $S haproxy-404-unknown-host.txt 404 load-balancer haproxy "the bare IP as Host: deny_status 404, HAProxy's stock 404 page" "curl -si" -- -si http://127.0.0.1:60282/api/invoices/1
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "/internal/ denied: HAProxy's stock 403 page" "" -- -sv $RHA $HA/internal/metrics
    cap $S haproxy-405-trace.txt 405 load-balancer haproxy "TRACE: http-request deny deny_status 405, the stock 405 page" "curl -si" -- -si $RHA -X TRACE $HA/api/invoices/1
    cap $S haproxy-400-header-too-large.txt 400 load-balancer haproxy "a 20 KB header, over HAProxy's 16 KB buffer: its stock 400 page" "" -- -sv $RHA -H "$BIGH20" $HA/api/invoices/1
    cap $S rack-200-invoice-haproxy-h2c.txt 200 app rack "HTTP/2 (h2c): invoice 1" "" -- -sv --http2-prior-knowledge $RHA2 $HA2/api/invoices/1
    cap $S haproxy-504-slow-h2c.txt 504 load-balancer haproxy "HTTP/2 (h2c): the slow handler, HAProxy's 504 page" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/slow
fi

# ================================================ Varnish -> Litestar (uvicorn) ==
if up varnish; then
    log "capturing: Litestar under uvicorn behind Varnish"
    S=litestar-uvicorn-varnish
    cap $S litestar-200-invoice-varnish-miss.txt 200 app litestar "invoice 1, first request: a MISS" "X-Cache: MISS, Via: varnish, server: uvicorn" -- -sv $RVN $VN/api/invoices/1
    cap $S varnish-200-invoice-hit.txt 200 cdn-cache varnish "invoice 1 again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $RVN $VN/api/invoices/1
    cap $S varnish-304-invoice-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "X-Cache: HIT" -- -sv $RVN -H 'If-None-Match: "inv-1-v3"' $VN/api/invoices/1
    quiet $RVN $VN/api/rates
    sleep 2.5
    cap $S varnish-200-rates-grace.txt 200 cdn-cache varnish "/api/rates past its 1 s ttl, inside grace: the stale copy, fetched again behind it" "curl -si; X-Cache: HIT-STALE" -- -si $RVN $VN/api/rates
    caphttp $S litestar-401-account-varnish-httpie.txt 401 app litestar "HTTPie, no token: the handler's JSON 401, Via added by Varnish" "HTTPie with colours" -- -v GET http://127.0.0.1:60290/api/account Host:$H
    cap $S litestar-201-post-varnish.txt 201 app litestar "POST (passed) of a new ref: the handler's JSON 201" "curl -si" -- -si $RVN -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $VN/api/invoices
    capraw $S litestar-422-post-varnish.txt 422 app litestar "POST (passed) without ref: the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RVN -X POST "${JSONH[@]}" -d '{"total":2}' $VN/api/invoices
    cap $S litestar-429-quota-varnish.txt 429 app litestar "the app's own JSON 429, Via added" "" -- -sv $RVN $VN/api/quota
    cap $S varnish-429-exports-synth.txt 429 cdn-cache varnish "/api/exports/: synth(429) with a JSON body" "curl -si" -- -si $RVN $VN/api/exports/daily
    capwin $S varnish-503-refunds-synth.txt 503 cdn-cache varnish "/api/refunds/: synth(503) with a JSON maintenance body" "curl -si pasted with CRLF" -- -si $RVN $VN/api/refunds/42
    cap $S varnish-503-beta-empty.txt 503 cdn-cache varnish "/api/beta/: a synth 503 delivered with no body" "" -- -sv $RVN $VN/api/beta/labels
    cap $S litestar-503-statements-html-varnish.txt 503 app litestar "the app's own HTML 503 page, passed on with Via" "curl -si" -- -si $RVN $VN/api/statements
    cap $S litestar-500-boom-varnish.txt 500 app litestar "a KeyError: Litestar's JSON 500 {\"status_code\":500,\"detail\":\"Internal Server Error\"}" "" -- -sv $RVN $VN/api/boom
    cap $S litestar-404-route-varnish.txt 404 app litestar "no route: Litestar's JSON 404" "curl -si" -- -si $RVN $VN/api/v2/invoices
    cap $S litestar-405-method-varnish.txt 405 app litestar "DELETE (passed) on a GET route: Litestar's JSON 405" "" -- -sv $RVN -X DELETE $VN/api/invoices/1
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the handler waits 5 s, first_byte_timeout 3s: 'Backend fetch failed'" "" -- -sv $RVN $VN/api/slow
    capwget $S varnish-503-legacy-down-wget.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed'" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60290/legacy/invoices/1
    cap $S varnish-404-unknown-host.txt 404 cdn-cache varnish "a Host that is not ours: synth(404), the builtin page" "curl -si" -- -si -H "Host: shop.ledgerly.test" http://127.0.0.1:60290/api/invoices/1
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE: synth(405)" "" -- -sv $RVN -X PURGE $VN/api/invoices/1
fi

# ========================================================== Squid -> Echo ==
if up squid; then
    log "capturing: Echo behind Squid"
    S=echo-squid
    cap $S echo-200-invoice-squid-miss.txt 200 app echo "invoice 1, first request: a MISS" "Via, X-Cache: MISS, Squid's X-Request-ID" -- -sv $RSQ $SQ/api/invoices/1
    cap $S squid-200-invoice-hit.txt 200 cdn-cache squid "invoice 1 again: from Squid's memory cache" "curl -si; X-Cache: HIT, Age" -- -si $RSQ $SQ/api/invoices/1
    cap $S squid-304-invoice-if-none-match.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's own 304" "" -- -sv $RSQ -H 'If-None-Match: "inv-1-v3"' $SQ/api/invoices/1
    cap $S squid-412-invoice-if-match.txt 412 cdn-cache squid "If-Match with an old ETag on a stored object: Squid's 412" "curl -si" -- -si $RSQ -H 'If-Match: "inv-1-v2"' $SQ/api/invoices/1
    caphttp $S echo-401-account-squid-httpie.txt 401 app echo "HTTPie, no token: the handler's JSON 401, Via added by Squid" "HTTPie with colours" -- -v GET http://127.0.0.1:60250/api/account Host:$H
    cap $S echo-201-post-squid.txt 201 app echo "POST a new ref: the handler's JSON 201" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $SQ/api/invoices
    capraw $S echo-422-post-squid.txt 422 app echo "POST without ref: the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"total":2}' $SQ/api/invoices
    cap $S echo-429-quota-squid.txt 429 app echo "the app's own JSON 429, passed on with Via" "" -- -sv $RSQ $SQ/api/quota
    cap $S echo-503-maintenance-squid.txt 503 app echo "the app's own JSON 503 (maintenance)" "curl -si" -- -si $RSQ $SQ/api/maintenance
    capwin $S echo-504-bank-html-squid.txt 504 app echo "the app's own HTML 504 page, passed on with Via" "curl -si pasted with CRLF" -- -si $RSQ $SQ/api/bank
    cap $S echo-500-boom-squid.txt 500 app echo "a panic: Echo's Recover, JSON {\"message\":\"Internal Server Error\"}" "" -- -sv $RSQ $SQ/api/boom
    cap $S echo-404-route-squid.txt 404 app echo "no route: Echo's JSON {\"message\":\"Not Found\"}" "curl -si" -- -si $RSQ $SQ/api/v2/invoices
    cap $S squid-504-slow.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 3 seconds: ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/slow
    capwget $S squid-502-legacy-down-wget.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60250/legacy/invoices/1
    cap $S squid-403-internal.txt 403 cdn-cache squid "/internal/ denied: ERR_ACCESS_DENIED" "curl -si" -- -si $RSQ $SQ/internal/metrics
    cap $S squid-403-unknown-host.txt 403 cdn-cache squid "a Host that is not ours: ERR_ACCESS_DENIED" "" -- -sv -H "Host: shop.ledgerly.test" http://127.0.0.1:60250/api/invoices/1
    cap $S squid-413-body.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" -d "$BIGBODY" $SQ/api/invoices
fi

# ============================================ nginx -> Django (uvicorn) ==
if up nginx; then
    log "capturing: Django under uvicorn behind nginx"
    S=django-uvicorn-nginx
    cap $S django-200-invoice-nginx.txt 200 app django "invoice 1 through nginx" "X-Request-ID from nginx, Server: nginx" -- -sv $RNG $NG/api/invoices/1
    cap $S django-200-invoice-nginx-h2.txt 200 app django "HTTP/2 over TLS: invoice 1" "" -- -sv -k $RNGS $NGS/api/invoices/1
    caphttp $S django-401-account-nginx-httpie.txt 401 app django "HTTPie, no token: the view's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60280/api/account Host:$H
    cap $S django-201-post-nginx.txt 201 app django "POST a new ref: the view's JSON 201" "curl -si" -- -si $RNG -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $NG/api/invoices
    capraw $S django-409-post-nginx.txt 409 app django "POST an existing ref: the view's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RNG -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $NG/api/invoices
    cap $S django-422-post-nginx-h2.txt 422 app django "HTTP/2: POST without ref, the view's JSON 422" "curl -si" -- -si -k $RNGS -X POST "${JSONH[@]}" -d '{"total":2}' $NGS/api/invoices
    cap $S django-429-quota-nginx.txt 429 app django "the app's own JSON 429" "" -- -sv $RNG $NG/api/quota
    cap $S django-503-maintenance-nginx.txt 503 app django "the app's own JSON 503 (maintenance)" "curl -si" -- -si $RNG $NG/api/maintenance
    capwin $S django-502-payments-html-nginx.txt 502 app django "the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RNG $NG/api/payments
    cap $S django-500-boom-nginx.txt 500 app django "ZeroDivisionError, DEBUG off: Django's 'Server Error (500)'" "" -- -sv $RNG $NG/api/boom
    cap $S django-404-route-nginx.txt 404 app django "no route, DEBUG off: Django's HTML 'Not Found'" "curl -si" -- -si $RNG $NG/api/v2/invoices
    cap $S django-405-method-nginx.txt 405 app django "GET on the POST-only collection: the view's JSON 405" "" -- -sv $RNG $NG/api/invoices
    quiet $RNG $NG/api/exports/daily
    cap $S nginx-429-exports-json.txt 429 proxy nginx "limit_req on /api/exports/, the second request: nginx's own JSON 429 from error_page" "X-Request-ID from nginx" -- -sv $RNG $NG/api/exports/daily
    capwin $S nginx-503-refunds-json.txt 503 proxy nginx "/api/refunds/: nginx answers a JSON 503 itself" "curl -si pasted with CRLF" -- -si $RNG $NG/api/refunds/42
    cap $S nginx-503-beta-empty.txt 503 proxy nginx "/api/beta/: nginx answers 503 with an empty body" "curl -si" -- -si $RNG $NG/api/beta/labels
    cap $S nginx-504-slow.txt 504 proxy nginx "the view sleeps 5 s, proxy_read_timeout 3s: nginx's 504 page" "" -- -sv $RNG $NG/api/slow
    capwget $S nginx-502-old-wget.txt 502 proxy nginx "/old/ straight to a port nobody listens on: nginx's 502 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60280/old/invoices/1
    cap $S nginx-421-unknown-host.txt 421 proxy nginx "the bare IP as Host: the default server's return 421" "curl -si" -- -si http://127.0.0.1:60280/api/invoices/1
    cap $S nginx-413-body-h2.txt 413 proxy nginx "HTTP/2: a 3 KB body, client_max_body_size 1k: nginx's 413 page" "" -- -sv -k $RNGS -X POST "${JSONH[@]}" -d "$BIGBODY" $NGS/api/invoices
    cap $S nginx-414-uri.txt 414 proxy nginx "a 1.5 KB query string, 1k header buffers: nginx's 414 page" "curl -si" -- -si $RNG "$NG/api/invoices/1?q=$LONGQ"
    capraw $S nginx-400-header-too-large.txt 400 proxy nginx "a 1.5 KB header, 1k buffers: nginx's 400 'Request Header Or Cookie Too Large'" "curl -si saved to a file (CRs kept)" -- -si $RNG -H "$BIGH" $NG/api/invoices/1
    cap $S nginx-405-docs-post.txt 405 proxy nginx "POST to the static /docs/: nginx's 405 page" "" -- -sv $RNG -X POST -d 'x=1' $NG/docs/
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up apache && capbody $S body-apache-502-proxy-error.txt 502/502 proxy apache "Apache's 'Proxy Error' page" "" -- $RAP $AP/api/slow
up apache && capbody $S body-hono-404-route.txt 404/404 app hono "Hono's '404 Not Found'" "" -- $RAP $AP/api/v3/invoices
up caddy && capbody $S body-chi-404-route.txt 404/404 app chi "chi's '404 page not found'" "" -- $RCD $CD/api/v3/invoices
up haproxy && capbody $S body-haproxy-504-slow.txt 504/504 load-balancer haproxy "HAProxy's 504 page" "" -- $RHA $HA/api/slow
up haproxy && capbody $S body-puma-500-boom.txt 0/500 app puma "Puma's low-level error text" "" -- $RHA $HA/api/boom
up varnish && capbody $S body-varnish-503-backend-fetch.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page" "" -- $RVN $VN/legacy/invoices/3
up varnish && capbody $S body-litestar-500-boom.txt 500/500 app litestar "Litestar's JSON 500, its status_code in the body" "" -- $RVN $VN/api/boom
up squid && capbody $S body-squid-403-unknown-host.txt 0/403 cdn-cache squid "Squid's ERR_ACCESS_DENIED page" "" -- -H "Host: shop.ledgerly.test" http://127.0.0.1:60250/api/invoices/1
up squid && capbody $S body-echo-404-route.txt 0/404 app echo "Echo's JSON {\"message\":\"Not Found\"}" "" -- $RSQ $SQ/api/v3/invoices
up nginx && capbody $S body-nginx-504-slow.txt 504/504 proxy nginx "nginx's 504 page" "" -- $RNG "$NG/api/slow?from=dashboard"
up nginx && capbody $S body-django-404-route.txt 0/404 app django "Django's HTML 'Not Found' (DEBUG off), no number shown" "" -- $RNG $NG/api/v3/invoices

# ================================================ headers-only pastes ==
S=headers-only-paste
up apache && caphead $S head-apache-429-exports.txt 429 proxy apache "curl -sI on /api/exports/: Apache's 429" "" -- $RAP $AP/api/exports/daily
# (curl -sI on the slow handler is not Caddy's 504 here: chi answers HEAD on a GET route with its own 405)
up caddy && caphead $S head-caddy-502-legacy.txt 502 proxy caddy "curl -sI on /legacy/*, a port nobody listens on: Caddy's empty 502" "" -- $RCD $CD/legacy/invoices/1
up haproxy && caphead $S head-haproxy-503-beta.txt 503 load-balancer haproxy "curl -sI on /api/beta/: HAProxy's empty 503" "" -- $RHA $HA/api/beta/labels
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on invoice 1, stored" "X-Cache: HIT" -- $RVN $VN/api/invoices/1
up varnish && caphead $S head-litestar-404-route.txt 404 app litestar "curl -sI on a path Litestar has no route for, through Varnish" "" -- $RVN $VN/api/v2/invoices
up squid && caphead $S head-squid-403-internal.txt 403 cdn-cache squid "curl -sI on /internal/: Squid's ERR_ACCESS_DENIED" "" -- $RSQ $SQ/internal/metrics
up nginx && caphead $S head-nginx-421-unknown-host.txt 421 proxy nginx "curl -sI with the bare IP as Host: nginx's 421" "" -- http://127.0.0.1:60280/api/invoices/1
up nginx && caphead $S head-django-404-invoice.txt 404 app django "curl -sI on an unknown invoice through nginx: Django's 404" "" -- $RNG $NG/api/invoices/9

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round65/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
