#!/usr/bin/env bash
# capture-round63.sh — build the sixty-third held-out evidence corpus in
# tests/fixtures/evidence-round63/.
#
# "Mainstream, a twenty-first pairing, failure classes all at once": the
# Ledgerly invoices API (round 55's routes) on six mainstream stacks, the
# first four behind a mainstream front their framework had never stood
# behind, the Rack one new to Apache, the Flask one behind a chain only
# partly new (see the README's table) (apps in
# scripts/corpus/apps63/, front configs in scripts/corpus/conf-round63/,
# adapted from round 61's, ports moved into 60000-60099):
#   - Hono 4 on @hono/node-server behind Caddy 2.6 (HTTP/1.1, TLS + HTTP/2);
#   - chi v5 (Go) behind HAProxy 2.6 (HTTP/1.1, h2c);
#   - Echo v4 (Go) behind Varnish 7.1 (HITs, 304s, a grace copy);
#   - Starlette under Hypercorn behind Squid 5.7 as a reverse accelerator
#     (a HIT, a 304 and a 412 written by Squid);
#   - a plain Rack app under Puma behind Apache 2.4 mod_proxy_http (h2c);
#   - a chain of two fronts: nginx 1.22 (TLS + HTTP/2, plain) -> Varnish ->
#     Flask 3.1 under gunicorn (round 55's Flask app plus caching headers).
# Each front puts its own request id on what it sends back (its own error
# pages too), answers some paths itself (JSON 429 and 503, an empty 503) and
# fails its stock ways (dead upstream, slow upstream, unknown Host, a body,
# URI or header too large, a method it refuses). Paste forms: curl -sv / -si
# transcripts (some saved with their CRs, some with CRLF on every line),
# HTTPie (from PyPI) with colours, `wget -S -O-`, body-only and headers-only
# pastes.
#
#   scripts/corpus/capture-round63.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round63.sh   # never call apt-get / npm / pip
#   CORPUS_KEEP_RUN=1 capture-round63.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60000-60099) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round63.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round63"
RUN=/tmp/api-triage-corpus63
STAGE="$RUN/evidence"
CONF="$HERE/conf-round63"
APPS="$HERE/apps63"
NODE_DIR=${CORPUS_NODE63:-/tmp/api-triage-corpus63-node}
GO_DIR=${CORPUS_GO63:-/tmp/api-triage-corpus63-go}
VENV=${CORPUS_VENV63:-/tmp/api-triage-corpus63-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
HTTPIE="$VENV/bin/http"      # HTTPie from PyPI, in this round's venv
NPM=(hono@4.13.23 @hono/node-server@2.1.11)
PYPI=(flask==3.1.3 gunicorn==27.0.1 starlette==1.10.0 hypercorn==0.18.0 httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus63 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
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
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus63","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

install_venv() {  # Flask, gunicorn, Starlette, Hypercorn and HTTPie, from PyPI
    [[ -x $VENV/bin/python && -x $VENV/bin/http ]] && "$VENV/bin/python" -c "import flask, gunicorn, starlette, hypercorn" 2>/dev/null && return 0
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
        [[ -x $GO_DIR/$f && $GO_DIR/$f -nt $APPS/$f.go ]] && continue
        log "go build $f"
        (cd "$APPS" && GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$GO_DIR:/usr/share/gocode" GOCACHE="$GO_DIR/cache" \
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round63.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS ]] || die "missing $CONF or $APPS"
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

# apps: Hono 60015 (Caddy 60083, TLS 60044), chi 60016 (HAProxy 60082, h2c
# 60045), Echo 60017 (Varnish 60090), Starlette under Hypercorn 60018
# (Squid 60050), Rack under Puma 60019 (Apache 60081), Flask under gunicorn
# 60020 (Varnish 60091 <- nginx 60080, TLS 60043). 60099 is never listened
# on (the dead upstream every front has).
APP_PORTS=(60015 60016 60017 60018 60019 60020)
FRONT_PORTS=(60083 60044 60082 60045 60090 60050 60081 60091 60080 60043)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 60099; do
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
start_bg hono env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/hono_app.js" 60015
start_bg chi nice -n 5 "$GO_DIR/chi_app" 60016
start_bg echo nice -n 5 "$GO_DIR/echo_app" 60017
start_bg starlette env PYTHONPATH="$APPS" nice -n 5 "$VENV/bin/hypercorn" --bind 127.0.0.1:60018 --workers 1 starlette_app:app
start_bg rack nice -n 5 puma -e production -t 2:8 -b tcp://127.0.0.1:60019 "$APPS/rack_app.ru"
start_bg flask nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" -b 127.0.0.1:60020 -w 2 --threads 4 --timeout 30 flask_cached:app
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60083 caddy && wait_port 60044 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
cp "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 60082 haproxy && wait_port 60045 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish-echo.vcl" "$RUN/varnish/echo.vcl"
cp "$CONF/varnish-chain.vcl" "$RUN/varnish/chain.vcl"
start_bg varnish-echo varnishd -F -a 127.0.0.1:60090 -T none -f "$RUN/varnish/echo.vcl" \
    -n "$RUN/varnish/echo" -s malloc,16m
start_bg varnish-chain varnishd -F -a 127.0.0.1:60091 -T none -f "$RUN/varnish/chain.vcl" \
    -n "$RUN/varnish/chain" -s malloc,16m
wait_port 60090 varnish-echo && UP[varnish]=1
wait_port 60091 varnish-chain && UP[varnish_chain]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus63 -f "$RUN/squid/squid.conf"
wait_port 60050 squid && UP[squid]=1

mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
printf '{"error":"too_many_requests","message":"export quota for this key is used up today","retry_after":60}\n' >"$RUN/apache/errors/rate-limited.json"
printf '{"error":"maintenance","message":"refunds are paused until the month-end close"}\n' >"$RUN/apache/errors/maintenance.json"
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 60081 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/www/docs
: >"$RUN/nginx/www/empty-503"
printf '<!doctype html><title>Ledgerly API docs</title><h1>Ledgerly API</h1>\n' >"$RUN/nginx/www/docs/index.html"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if [[ -n ${UP[varnish_chain]:-} ]] && nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60080 nginx && wait_port 60043 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed or Varnish (chain) down"; cat "$RUN/logs/nginx-t.log" >&2; fi
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 60099) print}')
[[ -z $NEWPORTS ]] || die "a server listens outside 60000-60099: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 63 (held out): real responses captured by
# scripts/corpus/capture-round63.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-62:
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
CD=http://$H:60083 CDS=https://$H:60044 HA=http://$H:60082 HA2=http://$H:60045 VN=http://$H:60090
SQ=http://$H:60050 AP=http://$H:60081 NG=http://$H:60080 NGS=https://$H:60043
# one --resolve per front keeps the transcripts short
RCD="--resolve $H:60083:127.0.0.1" RCDS="--resolve $H:60044:127.0.0.1" RHA="--resolve $H:60082:127.0.0.1"
RHA2="--resolve $H:60045:127.0.0.1" RVN="--resolve $H:60090:127.0.0.1" RSQ="--resolve $H:60050:127.0.0.1"
RAP="--resolve $H:60081:127.0.0.1" RNG="--resolve $H:60080:127.0.0.1" RNGS="--resolve $H:60043:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
LONGQ=$(printf 'q%.0s' $(seq 1 1500))
BIGH="X-Trace-Context: $(printf 't%.0s' $(seq 1 1500))"
BIGH3="X-Trace-Context: $(printf 't%.0s' $(seq 1 3000))"
BIGH8="X-Trace-Context: $(printf 't%.0s' $(seq 1 8000))"
BIGH20="X-Trace-Context: $(printf 't%.0s' $(seq 1 20000))"
BIGBODY=$(printf '{"ref":"LG-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")

# ========================================================= Caddy -> Hono ==
if up caddy; then
    log "capturing: Hono behind Caddy"
    S=hono-caddy
    cap $S hono-200-invoice-caddy.txt 200 app hono "invoice 1 through Caddy" "X-Request-ID from Caddy, Server: Caddy" -- -sv $RCD $CD/api/invoices/1
    caphttp $S hono-401-account-caddy-httpie.txt 401 app hono "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60083/api/account Host:$H:60083
    cap $S hono-409-post-caddy.txt 409 app hono "POST an invoice whose ref exists: the handler's JSON 409" "curl -si" -- -si $RCD -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $CD/api/invoices
    capraw $S hono-422-post-caddy.txt 422 app hono "POST without ref: the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RCD -X POST "${JSONH[@]}" -d '{"total":2}' $CD/api/invoices
    cap $S hono-429-quota-caddy.txt 429 app hono "the app's own JSON 429, passed on by Caddy" "" -- -sv $RCD $CD/api/quota
    cap $S caddy-429-exports-json.txt 429 proxy caddy "/api/exports/*: Caddy's respond with a JSON 429" "" -- -sv $RCD $CD/api/exports/daily
    capwin $S caddy-503-refunds-json.txt 503 proxy caddy "/api/refunds/*: Caddy's respond with a JSON 503" "curl -si pasted with CRLF" -- -si $RCD $CD/api/refunds/42
    cap $S hono-503-maintenance-caddy.txt 503 app hono "the app's own JSON 503 (maintenance)" "curl -si" -- -si $RCD $CD/api/maintenance
    cap $S hono-502-payments-html-caddy.txt 502 app hono "the app's own HTML 502 page, passed on" "" -- -sv $RCD $CD/api/payments
    cap $S hono-500-boom-caddy.txt 500 app hono "a thrown Error: Hono's default onError, text 'Internal Server Error'" "curl -si" -- -si $RCD $CD/api/boom
    cap $S hono-404-route-caddy.txt 404 app hono "no route: Hono's default notFound, text '404 Not Found'" "" -- -sv $RCD $CD/api/v2/invoices
    cap $S caddy-504-slow-empty.txt 504 proxy caddy "the handler sleeps 5 s, response_header_timeout 2s: Caddy's 504, empty body" "" -- -sv $RCD $CD/api/slow
    capwget $S caddy-502-legacy-empty-wget.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, empty body" "wget -S -O-" -- --header="Host: $H:60083" http://127.0.0.1:60083/legacy/invoices/1
    cap $S caddy-502-body-too-large-empty.txt 502 proxy caddy "a 3 KB body, request_body max_size 1KB: Caddy 2.6's reverse_proxy fails reading it and answers 502, empty body" "curl -si; the status was first expected as 413" -- -si $RCD -X POST "${JSONH[@]}" -d "$BIGBODY" $CD/api/invoices
    cap $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB: the 431 Caddy's Go server writes" "" -- -sv $RCD -H "$BIGH8" $CD/api/invoices/1
    cap $S caddy-421-unknown-host-empty.txt 421 proxy caddy "a Host that is not ours: the catch-all site's respond 421, empty body" "curl -si" -- -si -H "Host: shop.ledgerly.test:60083" http://127.0.0.1:60083/api/invoices/1
    cap $S hono-200-invoice-caddy-h2.txt 200 app hono "HTTP/2 over TLS: invoice 1" "" -- -sv -k $RCDS $CDS/api/invoices/1
    cap $S hono-504-bank-html-caddy-h2.txt 504 app hono "HTTP/2: the app's own HTML 504 page, passed on" "curl -si" -- -si -k $RCDS $CDS/api/bank
    cap $S caddy-504-slow-empty-h2.txt 504 proxy caddy "HTTP/2: the slow handler, Caddy's empty 504" "" -- -sv -k $RCDS $CDS/api/slow
fi

# ========================================================== HAProxy -> chi ==
if up haproxy; then
    log "capturing: chi behind HAProxy"
    S=chi-haproxy
    cap $S chi-200-invoice-haproxy.txt 200 app chi "invoice 1 through HAProxy" "X-Request-ID set by HAProxy" -- -sv $RHA $HA/api/invoices/1
    caphttp $S chi-401-account-haproxy-httpie.txt 401 app chi "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60082/api/account Host:$H
    cap $S chi-201-post-haproxy.txt 201 app chi "POST a new ref: the handler's JSON 201" "curl -si" -- -si $RHA -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $HA/api/invoices
    cap $S chi-422-post-haproxy.txt 422 app chi "POST without ref: the handler's JSON 422" "" -- -sv $RHA -X POST "${JSONH[@]}" -d '{"total":2}' $HA/api/invoices
    cap $S chi-403-admin-haproxy.txt 403 app chi "the handler's JSON 403" "curl -si" -- -si $RHA $HA/api/admin
    cap $S haproxy-429-exports-json.txt 429 load-balancer haproxy "/api/exports/: http-request return with a JSON 429" "curl -si" -- -si $RHA $HA/api/exports/daily
    capraw $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: http-request return with a JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RHA $HA/api/refunds/42
    cap $S haproxy-503-beta-empty.txt 503 load-balancer haproxy "/api/beta/: http-request return status 503 with no body" "" -- -sv $RHA $HA/api/beta/labels
    cap $S chi-503-statements-html-haproxy.txt 503 app chi "the app's own HTML 503 page, passed on" "curl -si" -- -si $RHA $HA/api/statements
    cap $S chi-500-boom-empty-haproxy.txt 500 app chi "a panic: chi's Recoverer, an empty 500" "" -- -sv $RHA $HA/api/boom
    cap $S chi-404-route-haproxy.txt 404 app chi "no route: chi's '404 page not found'" "curl -si" -- -si $RHA $HA/api/v2/invoices
    cap $S chi-405-method-empty-haproxy.txt 405 app chi "DELETE on a GET route: chi's empty 405" "" -- -sv $RHA -X DELETE $HA/api/account
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "the handler waits 5 s, timeout server 2s: HAProxy's 504 page" "" -- -sv $RHA $HA/api/slow
    capwin $S haproxy-503-legacy-down.txt 503 load-balancer haproxy "/legacy/: the only server is down by its check" "curl -si pasted with CRLF" -- -si $RHA $HA/legacy/invoices/1
    capwget $S haproxy-404-unknown-host-wget.txt 404 load-balancer haproxy "the bare IP as Host: deny_status 404, HAProxy's stock 404 page" "wget -S -O-" -- http://127.0.0.1:60082/api/invoices/1
    cap $S haproxy-405-trace.txt 405 load-balancer haproxy "TRACE: http-request deny deny_status 405, the stock 405 page" "curl -si" -- -si $RHA -X TRACE $HA/api/invoices/1
    cap $S haproxy-400-header-too-large.txt 400 load-balancer haproxy "a 20 KB header, over HAProxy's 16 KB buffer: its stock 400 page" "" -- -sv $RHA -H "$BIGH20" $HA/api/invoices/1
    cap $S chi-200-invoice-haproxy-h2c.txt 200 app chi "HTTP/2 (h2c): invoice 1" "" -- -sv --http2-prior-knowledge $RHA2 $HA2/api/invoices/1
    cap $S haproxy-429-exports-json-h2c.txt 429 load-balancer haproxy "HTTP/2 (h2c): HAProxy's JSON 429" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/exports/weekly
fi

# ========================================================= Varnish -> Echo ==
if up varnish; then
    log "capturing: Echo behind Varnish"
    S=echo-varnish
    cap $S echo-200-invoice-varnish-miss.txt 200 app echo "invoice 1, first request: a MISS" "X-Cache: MISS, Via: varnish" -- -sv $RVN $VN/api/invoices/1
    cap $S varnish-200-invoice-hit.txt 200 cdn-cache varnish "invoice 1 again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $RVN $VN/api/invoices/1
    cap $S varnish-304-invoice-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "Server: names nothing; X-Cache: HIT" -- -sv $RVN -H 'If-None-Match: "inv-1-v3"' $VN/api/invoices/1
    quiet $RVN $VN/api/rates
    sleep 2.5
    cap $S varnish-200-rates-grace.txt 200 cdn-cache varnish "/api/rates past its 1 s ttl, inside grace: the stale copy, fetched again behind it" "curl -si; X-Cache: HIT-STALE" -- -si $RVN $VN/api/rates
    caphttp $S echo-401-account-varnish-httpie.txt 401 app echo "HTTPie, no token: the handler's JSON 401, Via added by Varnish" "HTTPie with colours" -- -v GET http://127.0.0.1:60090/api/account Host:$H
    cap $S echo-409-post-varnish.txt 409 app echo "POST (passed) of an existing ref: the handler's JSON 409" "" -- -sv $RVN -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $VN/api/invoices
    cap $S echo-429-quota-varnish.txt 429 app echo "the app's own JSON 429, Via added" "curl -si" -- -si $RVN $VN/api/quota
    cap $S varnish-429-exports-synth.txt 429 cdn-cache varnish "/api/exports/: synth(429) with a JSON body" "" -- -sv $RVN $VN/api/exports/daily
    capraw $S varnish-503-refunds-synth.txt 503 cdn-cache varnish "/api/refunds/: synth(503) with a JSON maintenance body" "curl -si saved to a file (CRs kept)" -- -si $RVN $VN/api/refunds/42
    cap $S varnish-503-beta-empty.txt 503 cdn-cache varnish "/api/beta/: a synth 503 delivered with no body" "" -- -sv $RVN $VN/api/beta/labels
    cap $S echo-502-payments-html-varnish.txt 502 app echo "the app's own HTML 502 page, passed on with Via" "curl -si" -- -si $RVN $VN/api/payments
    cap $S echo-500-boom-varnish.txt 500 app echo "a panic: Echo's Recover, JSON {\"message\":\"Internal Server Error\"}" "" -- -sv $RVN $VN/api/boom
    capwin $S echo-404-route-varnish.txt 404 app echo "no route: Echo's JSON {\"message\":\"Not Found\"}" "curl -si pasted with CRLF" -- -si $RVN $VN/api/v2/invoices
    cap $S echo-405-method-varnish.txt 405 app echo "DELETE (passed) on a GET route: Echo's JSON 405" "curl -si" -- -si $RVN -X DELETE $VN/api/invoices/1
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the handler sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "" -- -sv $RVN $VN/api/slow
    capwget $S varnish-503-legacy-down-wget.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed'" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60090/legacy/invoices/1
    cap $S varnish-404-unknown-host.txt 404 cdn-cache varnish "a Host that is not ours: synth(404), the builtin page" "curl -si" -- -si -H "Host: shop.ledgerly.test" http://127.0.0.1:60090/api/invoices/1
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE: synth(405)" "" -- -sv $RVN -X PURGE $VN/api/invoices/1
fi

# ================================================ Squid -> Starlette (Hypercorn) ==
if up squid; then
    log "capturing: Starlette under Hypercorn behind Squid"
    S=starlette-hypercorn-squid
    cap $S starlette-200-invoice-squid-miss.txt 200 app starlette "invoice 1, first request: a MISS" "Via, X-Cache: MISS, Squid's X-Request-ID, server: hypercorn" -- -sv $RSQ $SQ/api/invoices/1
    cap $S squid-200-invoice-hit.txt 200 cdn-cache squid "invoice 1 again: from Squid's memory cache" "curl -si; X-Cache: HIT, Age" -- -si $RSQ $SQ/api/invoices/1
    cap $S squid-304-invoice-if-none-match.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's own 304" "" -- -sv $RSQ -H 'If-None-Match: "inv-1-v3"' $SQ/api/invoices/1
    cap $S squid-412-invoice-if-match.txt 412 cdn-cache squid "If-Match with an old ETag on a stored object: Squid's 412" "curl -si" -- -si $RSQ -H 'If-Match: "inv-1-v2"' $SQ/api/invoices/1
    caphttp $S starlette-401-account-squid-httpie.txt 401 app starlette "HTTPie, no token: the endpoint's JSON 401, Via added by Squid" "HTTPie with colours" -- -v GET http://127.0.0.1:60050/api/account Host:$H
    cap $S starlette-422-post-squid.txt 422 app starlette "POST without ref: the endpoint's JSON 422" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"total":2}' $SQ/api/invoices
    capraw $S starlette-409-post-squid.txt 409 app starlette "POST an existing ref: the endpoint's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $SQ/api/invoices
    cap $S starlette-429-quota-squid.txt 429 app starlette "the app's own JSON 429, passed on with Via" "" -- -sv $RSQ $SQ/api/quota
    cap $S starlette-503-maintenance-squid.txt 503 app starlette "the app's own JSON 503 (maintenance)" "curl -si" -- -si $RSQ $SQ/api/maintenance
    capwin $S starlette-504-bank-html-squid.txt 504 app starlette "the app's own HTML 504 page, passed on with Via" "curl -si pasted with CRLF" -- -si $RSQ $SQ/api/bank
    cap $S starlette-500-boom-squid.txt 500 app starlette "ZeroDivisionError: Starlette's plain 'Internal Server Error'" "" -- -sv $RSQ $SQ/api/boom
    cap $S starlette-404-route-squid.txt 404 app starlette "no route: Starlette's plain 'Not Found'" "curl -si" -- -si $RSQ $SQ/api/v2/invoices
    cap $S starlette-405-method-squid.txt 405 app starlette "DELETE on a GET route: Starlette's plain 'Method Not Allowed'" "" -- -sv $RSQ -X DELETE $SQ/api/account
    cap $S squid-504-slow.txt 504 cdn-cache squid "the endpoint answers after 5 s, read_timeout 2 seconds: ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/slow
    capwget $S squid-502-legacy-down-wget.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60050/legacy/invoices/1
    cap $S squid-403-internal.txt 403 cdn-cache squid "/internal/ denied: ERR_ACCESS_DENIED" "curl -si" -- -si $RSQ $SQ/internal/metrics
    cap $S squid-403-unknown-host.txt 403 cdn-cache squid "a Host that is not ours: ERR_ACCESS_DENIED" "" -- -sv -H "Host: shop.ledgerly.test" http://127.0.0.1:60050/api/invoices/1
    cap $S squid-413-body.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" -d "$BIGBODY" $SQ/api/invoices
fi

# ================================================= Apache -> Rack under Puma ==
if up apache; then
    log "capturing: a plain Rack app under Puma behind Apache"
    S=rack-puma-apache
    cap $S rack-200-invoice-apache.txt 200 app rack "invoice 1 through Apache" "Via from ProxyVia, X-Request-Id from mod_unique_id" -- -sv $RAP $AP/api/invoices/1
    caphttp $S rack-409-post-apache-httpie.txt 409 app rack "HTTPie POST of an existing ref: the app's JSON 409" "HTTPie with colours" -- -v POST http://127.0.0.1:60081/api/invoices Host:$H ref=LG-1001
    cap $S rack-422-post-apache.txt 422 app rack "POST without ref: the app's JSON 422" "curl -si" -- -si $RAP -X POST "${JSONH[@]}" -d '{"total":2}' $AP/api/invoices
    cap $S rack-401-account-apache.txt 401 app rack "no token: the app's JSON 401" "" -- -sv $RAP $AP/api/account
    cap $S rack-404-invoice-apache.txt 404 app rack "an unknown invoice: the app's JSON 404" "curl -si" -- -si $RAP $AP/api/invoices/9
    cap $S apache-429-exports-json.txt 429 proxy apache "/api/exports/: mod_rewrite R=429 with a JSON ErrorDocument" "" -- -sv $RAP $AP/api/exports/daily
    capraw $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: mod_rewrite R=503 with a JSON ErrorDocument" "curl -si saved to a file (CRs kept)" -- -si $RAP $AP/api/refunds/42
    cap $S rack-503-maintenance-apache.txt 503 app rack "the app's own JSON 503 (maintenance), Via added" "curl -si" -- -si $RAP $AP/api/maintenance
    capwin $S rack-502-payments-html-apache.txt 502 app rack "the app's own HTML 502 page, passed on with Via" "curl -si pasted with CRLF" -- -si $RAP $AP/api/payments
    cap $S puma-500-boom-apache.txt 500 app puma "an unrescued exception: Puma's own low-level 500 text" "" -- -sv $RAP $AP/api/boom
    cap $S rack-404-route-apache.txt 404 app rack "no route: the app's plain 'Not Found'" "curl -si" -- -si $RAP $AP/api/v2/invoices
    cap $S rack-405-method-apache.txt 405 app rack "GET on the POST-only collection: the app's plain 405 with Allow" "" -- -sv $RAP $AP/api/invoices
    cap $S apache-502-slow.txt 502 proxy apache "the handler sleeps 5 s, ProxyTimeout 2: Apache's 'Proxy Error' page" "" -- -sv $RAP $AP/api/slow
    cap $S apache-503-legacy-down.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503 page" "curl -si" -- -si $RAP $AP/legacy/invoices/1
    cap $S apache-404-unknown-host.txt 404 proxy apache "the bare IP as Host: the first virtual host, an empty folder: Apache's 404 page" "" -- -sv http://127.0.0.1:60081/api/invoices/1
    capwget $S apache-414-uri-wget.txt 414 proxy apache "a 1.5 KB query string, LimitRequestLine 1024: Apache's 414 page" "wget -S -O-" -- --header="Host: $H" "http://127.0.0.1:60081/api/invoices?q=$LONGQ"
    cap $S apache-400-header-too-large.txt 400 proxy apache "a 1.5 KB header, LimitRequestFieldSize 1024: Apache's 400 page" "curl -si" -- -si $RAP -H "$BIGH" $AP/api/invoices/1
    cap $S apache-405-trace.txt 405 proxy apache "TRACE with TraceEnable Off: Apache's 405 page" "curl -si" -- -si $RAP -X TRACE $AP/api/invoices/1
    cap $S rack-200-invoice-apache-h2c.txt 200 app rack "HTTP/2 (h2c): invoice 1" "" -- -sv --http2-prior-knowledge $RAP $AP/api/invoices/1
    cap $S apache-502-slow-h2c.txt 502 proxy apache "HTTP/2 (h2c): the slow handler, Apache's 'Proxy Error'" "curl -si" -- -si --http2-prior-knowledge $RAP $AP/api/slow
fi

# ======================================= nginx -> Varnish -> Flask (gunicorn) ==
if up nginx; then
    log "capturing: Flask under gunicorn behind nginx -> Varnish"
    S=nginx-varnish-flask
    cap $S flask-200-invoice-nginx-varnish-miss.txt 200 app flask "invoice 1, first request: a MISS through both fronts" "X-Request-ID from nginx, X-Cache: MISS and Via from Varnish" -- -sv $RNG $NG/api/invoices/1
    cap $S varnish-200-invoice-hit-via-nginx.txt 200 cdn-cache varnish "invoice 1 again: Varnish's stored copy, relayed by nginx" "curl -si; X-Cache: HIT, Age" -- -si $RNG $NG/api/invoices/1
    cap $S varnish-304-invoice-if-none-match-via-nginx-h2.txt 304 cdn-cache varnish "HTTP/2 to nginx, If-None-Match with the stored ETag: Varnish's 304, relayed" "" -- -sv -k $RNGS -H 'If-None-Match: "inv-1-v3"' $NGS/api/invoices/1
    quiet $RNG $NG/api/rates
    sleep 2.5
    cap $S varnish-200-rates-grace-via-nginx.txt 200 cdn-cache varnish "/api/rates past its 1 s ttl, inside grace: Varnish's stale copy, relayed by nginx" "curl -si; X-Cache: HIT-STALE" -- -si $RNG $NG/api/rates
    caphttp $S flask-401-account-nginx-varnish-httpie.txt 401 app flask "HTTPie, no token: the view's JSON 401 through both fronts" "HTTPie with colours" -- -v GET http://127.0.0.1:60080/api/account Host:$H
    cap $S flask-422-post-nginx-varnish.txt 422 app flask "POST without ref: the view's JSON 422" "curl -si" -- -si $RNG -X POST "${JSONH[@]}" -d '{"total":2}' $NG/api/invoices
    capraw $S flask-409-post-nginx-varnish.txt 409 app flask "POST an existing ref: the view's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RNG -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $NG/api/invoices
    cap $S flask-429-quota-nginx-varnish.txt 429 app flask "the app's own JSON 429" "" -- -sv $RNG $NG/api/quota
    quiet $RNG $NG/api/exports/daily
    cap $S nginx-429-exports-json.txt 429 proxy nginx "limit_req on /api/exports/, the second request: nginx's own JSON 429 from error_page" "X-Request-ID from nginx" -- -sv $RNG $NG/api/exports/daily
    capwin $S nginx-503-refunds-json.txt 503 proxy nginx "/api/refunds/: nginx answers a JSON 503 itself" "curl -si pasted with CRLF" -- -si $RNG $NG/api/refunds/42
    cap $S nginx-503-beta-empty.txt 503 proxy nginx "/api/beta/: nginx answers 503 with an empty body" "curl -si" -- -si $RNG $NG/api/beta/labels
    cap $S flask-504-bank-html-nginx-varnish-h2.txt 504 app flask "HTTP/2: the app's own HTML 504 page, passed on by Varnish and nginx" "" -- -sv -k $RNGS $NGS/api/bank
    cap $S flask-500-boom-nginx-varnish.txt 500 app flask "ZeroDivisionError: Flask's HTML 'Internal Server Error' page" "curl -si" -- -si $RNG $NG/api/boom
    cap $S flask-404-route-nginx-varnish.txt 404 app flask "no route: Flask's HTML 'Not Found' page" "" -- -sv $RNG $NG/api/v2/invoices
    cap $S nginx-504-slow.txt 504 proxy nginx "the view sleeps 5 s, proxy_read_timeout 2s (Varnish still waiting): nginx's 504 page" "" -- -sv $RNG $NG/api/slow
    capwget $S varnish-503-legacy-via-nginx-wget.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: Varnish's 'Backend fetch failed', relayed by nginx" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60080/legacy/invoices/1
    cap $S varnish-503-maintenance-window-via-nginx.txt 503 cdn-cache varnish "/api/maintenance-window: Varnish's builtin synth page, relayed by nginx" "curl -si" -- -si $RNG $NG/api/maintenance-window
    cap $S nginx-502-old.txt 502 proxy nginx "/old/ straight to a port nobody listens on: nginx's 502 page" "" -- -sv $RNG $NG/old/invoices/1
    cap $S nginx-421-unknown-host.txt 421 proxy nginx "the bare IP as Host: the default server's return 421" "curl -si" -- -si http://127.0.0.1:60080/api/invoices/1
    cap $S nginx-413-body-h2.txt 413 proxy nginx "HTTP/2: a 3 KB body, client_max_body_size 1k: nginx's 413 page" "" -- -sv -k $RNGS -X POST "${JSONH[@]}" -d "$BIGBODY" $NGS/api/invoices
    cap $S nginx-414-uri.txt 414 proxy nginx "a 1.5 KB query string, 1k header buffers: nginx's 414 page" "curl -si" -- -si $RNG "$NG/api/invoices/1?q=$LONGQ"
    capraw $S nginx-400-header-too-large.txt 400 proxy nginx "a 1.5 KB header, 1k buffers: nginx's 400 'Request Header Or Cookie Too Large'" "curl -si saved to a file (CRs kept)" -- -si $RNG -H "$BIGH" $NG/api/invoices/1
    cap $S nginx-405-docs-post.txt 405 proxy nginx "POST to the static /docs/: nginx's 405 page" "" -- -sv $RNG -X POST -d 'x=1' $NG/docs/
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up caddy && capbody $S body-caddy-503-refunds-json.txt 0/503 proxy caddy "Caddy's respond JSON 503" "" -- $RCD $CD/api/refunds/9
up caddy && capbody $S body-hono-404-route.txt 404/404 app hono "Hono's '404 Not Found'" "" -- $RCD $CD/api/v3/invoices
up caddy && capbody $S body-hono-500-boom.txt 0/500 app hono "Hono's 'Internal Server Error'" "" -- $RCD $CD/api/boom
up haproxy && capbody $S body-haproxy-504-slow.txt 504/504 load-balancer haproxy "HAProxy's 504 page" "" -- $RHA $HA/api/slow
up haproxy && capbody $S body-chi-404-route.txt 404/404 app chi "chi's '404 page not found'" "" -- $RHA $HA/api/v3/invoices
up varnish && capbody $S body-echo-404-route.txt 0/404 app echo "Echo's JSON {\"message\":\"Not Found\"}" "" -- $RVN $VN/api/v3/invoices
up varnish && capbody $S body-varnish-503-backend-fetch.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page" "" -- $RVN $VN/legacy/invoices/3
up squid && capbody $S body-squid-403-unknown-host.txt 0/403 cdn-cache squid "Squid's ERR_ACCESS_DENIED page" "" -- -H "Host: shop.ledgerly.test" http://127.0.0.1:60050/api/invoices/1
up squid && capbody $S body-starlette-500-boom.txt 0/500 app starlette "Starlette's 'Internal Server Error'" "" -- $RSQ $SQ/api/boom
up apache && capbody $S body-apache-502-proxy-error.txt 502/502 proxy apache "Apache's 'Proxy Error' page" "" -- $RAP $AP/api/slow
up apache && capbody $S body-puma-500-boom.txt 0/500 app puma "Puma's low-level error text" "" -- $RAP $AP/api/boom
up nginx && capbody $S body-nginx-504-slow.txt 504/504 proxy nginx "nginx's 504 page (a new URL: Varnish stored the slow view's late 200 for /api/slow)" "" -- $RNG "$NG/api/slow?from=dashboard"
up nginx && capbody $S body-flask-404-route.txt 404/404 app flask "Flask's HTML 'Not Found' page" "" -- $RNG $NG/api/v3/invoices

# ================================================ headers-only pastes ==
S=headers-only-paste
up caddy && caphead $S head-caddy-504-slow.txt 504 proxy caddy "curl -sI on the slow handler: Caddy's empty 504" "" -- $RCD $CD/api/slow
up haproxy && caphead $S head-haproxy-503-beta.txt 503 load-balancer haproxy "curl -sI on /api/beta/: HAProxy's empty 503" "" -- $RHA $HA/api/beta/labels
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on invoice 1, stored" "X-Cache: HIT" -- $RVN $VN/api/invoices/1
up squid && caphead $S head-squid-403-internal.txt 403 cdn-cache squid "curl -sI on /internal/: Squid's ERR_ACCESS_DENIED" "" -- $RSQ $SQ/internal/metrics
up apache && caphead $S head-apache-429-exports.txt 429 proxy apache "curl -sI on /api/exports/: Apache's 429" "" -- $RAP $AP/api/exports/daily
up apache && caphead $S head-rack-404-route.txt 404 app rack "curl -sI on a path the Rack app has no route for, through Apache" "" -- $RAP $AP/api/v2/invoices
up nginx && caphead $S head-nginx-421-unknown-host.txt 421 proxy nginx "curl -sI with the bare IP as Host: nginx's 421" "" -- http://127.0.0.1:60080/api/invoices/1
up nginx && caphead $S head-flask-404-invoice.txt 404 app flask "curl -sI on an unknown invoice through nginx and Varnish: Flask's 404" "" -- $RNG $NG/api/invoices/9

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round63/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
