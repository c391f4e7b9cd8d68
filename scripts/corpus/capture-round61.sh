#!/usr/bin/env bash
# capture-round61.sh — build the sixty-first held-out evidence corpus in
# tests/fixtures/evidence-round61/.
#
# "Mainstream stacks that are not Python, in a twentieth pairing": round 55's
# invoices API in its Node, Ruby and Go versions (scripts/corpus/apps55/,
# reused unchanged: Fastify, Koa with @koa/router, NestJS on Express, Sinatra
# under Puma, gin), which round 55 only put behind Squid, now each behind one
# of the other mainstream fronts, configured as round 55 configured them for
# its Python apps (scripts/corpus/conf-round61/: round 55's configs, ports
# moved into 59700-59799 and the upstream swapped): Fastify behind nginx
# (HTTP/1.1 and TLS + HTTP/2), Koa behind Apache (HTTP/1.1 and h2c), NestJS
# behind HAProxy (HTTP/1.1 and h2c), Sinatra under Puma behind Varnish,
# gin behind Caddy (HTTP/1.1 and TLS + HTTP/2); and round 3's orders API on
# Go's net/http (scripts/corpus/apps3.go, reused by path) behind Squid as a
# reverse accelerator (round 55's Squid config, cut to one port). PHP-FPM is not installed on
# this machine, so no PHP stack is in this round. Each front puts its own
# request id on what it sends back, answers some paths itself (JSON 429 and
# 503, an empty 503) and fails its stock ways (dead upstream, slow upstream,
# unknown Host, a body, URI or header too large, a method it refuses).
# Paste forms: curl -sv / -si transcripts (some saved with their CRs, some
# with CRLF on every line), HTTPie with colours, `wget -S -O-`, body-only and
# headers-only pastes.
#
#   scripts/corpus/capture-round61.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round61.sh   # never call apt-get / npm
#   CORPUS_KEEP_RUN=1 capture-round61.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 59700-59799) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round61.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round61"
RUN=/tmp/api-triage-corpus61
STAGE="$RUN/evidence"
CONF="$HERE/conf-round61"
APPS="$HERE/apps55"   # round 55's apps, reused unchanged
NODE_DIR=${CORPUS_NODE61:-/tmp/api-triage-corpus61-node}
GO_DIR=${CORPUS_GO61:-/tmp/api-triage-corpus61-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
NPM=(fastify@4.29.1 koa@2.16.4 @koa/router@12.0.2 @nestjs/core@10.4.22 @nestjs/common@10.4.22 @nestjs/platform-express@10.4.22 reflect-metadata@0.2.2 rxjs@7.8.2)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus61 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openssl nodejs apache2 nginx haproxy varnish squid caddy golang-go ruby-sinatra puma
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


install_npm() {  # Fastify, Koa and @koa/router, NestJS, from npm
    [[ -e $NODE_DIR/node_modules/fastify/package.json && -e $NODE_DIR/node_modules/@koa/router/package.json && -e $NODE_DIR/node_modules/@nestjs/platform-express/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus61","private":true}' >"$NODE_DIR/package.json"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"$GO_DIR/"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round61.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
install_npm
[[ -z ${SKIPPED[npm]:-} ]] || die "the Node modules are missing (${SKIPPED[npm]})"
have openssl || die "openssl is missing"

# apps (round 55's): Fastify 59715 (nginx), Koa 59716 (Apache), NestJS 59717
# (HAProxy), Sinatra under Puma 59718 (Varnish), gin 59719 (Caddy), round 3's
# net/http orders API 59720 (Squid, port 59750). 59799
# is never listened on (the dead upstream every front has).
APP_PORTS=(59715 59716 59717 59718 59719 59720)
FRONT_PORTS=(59780 59743 59781 59782 59745 59783 59744 59790 59750)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 59799; do
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
NODE=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_bg fastify "${NODE[@]}" "$APPS/fastify_app.js" 59715
start_bg koa "${NODE[@]}" "$APPS/koa_app.js" 59716
start_bg nest "${NODE[@]}" "$APPS/nest_app.js" 59717
if have golang-go && have golang-github-gin-gonic-gin-dev; then
    # gin from Debian's Go sources, built in GOPATH mode (no module download)
    mkdir -p "$GO_DIR"
    GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$GO_DIR/cache" GOFLAGS= nice -n 15 timeout 300 \
        go build -o "$GO_DIR/ledgerly-gin" "$APPS/gin/main.go" >"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[gin]="go build failed (see logs/go-build.log)"
else
    SKIPPED[gin]="Go or Debian's gin sources missing"
fi
# round 3's orders API on Go's net/http (standard library only, reused by path)
if have golang-go; then
    GOCACHE="$GO_DIR/cache" GOFLAGS= GO111MODULE=off nice -n 15 timeout 300 \
        go build -o "$GO_DIR/orders-nethttp" "$HERE/apps3.go" >"$RUN/logs/go-build-nethttp.log" 2>&1 \
        || SKIPPED[nethttp]="go build of apps3.go failed"
else SKIPPED[nethttp]="Go missing"; fi
[[ -z ${SKIPPED[nethttp]:-} ]] && start_bg nethttp nice -n 5 "$GO_DIR/orders-nethttp" app 59720
[[ -z ${SKIPPED[nethttp]:-} ]] && { wait_port 59720 nethttp || die "net/http app did not start"; }
[[ -z ${SKIPPED[gin]:-} ]] && start_bg gin env GIN_MODE=release nice -n 5 "$GO_DIR/ledgerly-gin" 59719
have puma && have ruby-sinatra && start_bg sinatra nice -n 5 puma -e production -t 2:8 -b tcp://127.0.0.1:59718 "$APPS/sinatra.ru"
for p in "${APP_PORTS[@]}"; do
    [[ $p == 59718 ]] && ! { have puma && have ruby-sinatra; } && continue
    [[ $p == 59719 && -n ${SKIPPED[gin]:-} ]] && continue
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
        wait_port 59780 nginx && wait_port 59743 nginx && UP[nginx]=1
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
        wait_port 59781 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    cp "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
        start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
        wait_port 59782 haproxy && wait_port 59745 haproxy && UP[haproxy]=1
    else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:59790 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m -p feature=+http2
    wait_port 59790 varnish && UP[varnish]=1
fi
if have squid && [[ -z ${SKIPPED[nethttp]:-} ]]; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || true
    start_bg squid squid -N -n corpus61 -f "$RUN/squid/squid.conf"
    wait_port 59750 squid && UP[squid]=1
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
        caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 59783 caddy && wait_port 59744 caddy && UP[caddy]=1
fi
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 61 (held out): real responses captured by
# scripts/corpus/capture-round55.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-60:
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
NG=http://$H:59780 NGS=https://$H:59743 AP=http://$H:59781 HA=http://$H:59782 HA2=http://$H:59745
VN=http://$H:59790 SQ=http://$H:59750 CD=http://$H:59783 CDS=https://$H:59744
# one --resolve per front keeps the transcripts short
RNG="--resolve $H:59780:127.0.0.1" RNGS="--resolve $H:59743:127.0.0.1" RAP="--resolve $H:59781:127.0.0.1"
RHA="--resolve $H:59782:127.0.0.1" RHA2="--resolve $H:59745:127.0.0.1" RVN="--resolve $H:59790:127.0.0.1"
RSQ="--resolve $H:59750:127.0.0.1" RCD="--resolve $H:59783:127.0.0.1" RCDS="--resolve $H:59744:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
LONGQ=$(printf 'q%.0s' $(seq 1 1500))
BIGH="X-Trace-Context: $(printf 't%.0s' $(seq 1 1500))"
BIGH3="X-Trace-Context: $(printf 't%.0s' $(seq 1 3000))"
BIGH8="X-Trace-Context: $(printf 't%.0s' $(seq 1 8000))"
BIGH20="X-Trace-Context: $(printf 't%.0s' $(seq 1 20000))"
BIGBODY=$(printf '{"ref":"LG-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")

# ========================================== nginx -> Fastify (round 55's app) ==
if up nginx; then
    log "capturing: Fastify behind nginx"
    S=fastify-nginx
    cap $S fastify-200-invoice-nginx.txt 200 app fastify "invoice 1 through nginx" "X-Request-ID from nginx, server: nginx" -- -sv $RNG $NG/api/invoices/1
    caphttp $S fastify-401-account-nginx-httpie.txt 401 app fastify "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59780/api/account Host:$H
    cap $S fastify-409-post-nginx.txt 409 app fastify "POST an invoice whose ref exists: the handler's JSON 409" "curl -si" -- -si $RNG -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $NG/api/invoices
    capraw $S fastify-422-post-nginx.txt 422 app fastify "POST without ref: the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RNG -X POST "${JSONH[@]}" -d '{"total":2}' $NG/api/invoices
    cap $S fastify-429-quota-nginx.txt 429 app fastify "the app's own JSON 429, passed on by nginx" "" -- -sv $RNG $NG/api/quota
    quiet $RNG $NG/api/exports/daily
    cap $S nginx-429-exports-json.txt 429 proxy nginx "limit_req on /api/exports/, the second request: nginx's own JSON 429 from error_page" "X-Request-ID from nginx" -- -sv $RNG $NG/api/exports/daily
    cap $S fastify-503-maintenance-nginx.txt 503 app fastify "the app's own JSON 503 (maintenance)" "curl -si" -- -si $RNG $NG/api/maintenance
    cap $S nginx-503-refunds-json.txt 503 proxy nginx "/api/refunds/: nginx answers a JSON 503 itself" "" -- -sv $RNG $NG/api/refunds/42
    cap $S nginx-503-beta-empty.txt 503 proxy nginx "/api/beta/: nginx answers 503 with an empty body" "curl -si" -- -si $RNG $NG/api/beta/labels
    capwin $S fastify-502-payments-html-nginx.txt 502 app fastify "the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RNG $NG/api/payments
    cap $S fastify-504-bank-html-nginx.txt 504 app fastify "the app's own HTML 504 page, passed on" "" -- -sv $RNG $NG/api/bank
    cap $S fastify-500-boom-nginx.txt 500 app fastify "a thrown error: Fastify's JSON 500" "curl -si" -- -si $RNG $NG/api/boom
    cap $S fastify-404-route-nginx.txt 404 app fastify "no route: Fastify's JSON 404" "" -- -sv $RNG $NG/api/v2/invoices
    cap $S nginx-504-slow.txt 504 proxy nginx "the handler waits 5 s, proxy_read_timeout 2s: nginx's 504 page" "" -- -sv $RNG $NG/api/slow
    capwget $S nginx-502-legacy-wget.txt 502 proxy nginx "/legacy/ to a port nobody listens on: nginx's 502 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59780/legacy/invoices/1
    cap $S nginx-404-unknown-host.txt 404 proxy nginx "the bare IP as Host: the default server's 404" "curl -si" -- -si http://127.0.0.1:59780/api/invoices/1
    cap $S nginx-413-body.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's 413 page" "" -- -sv $RNG -X POST "${JSONH[@]}" -d "$BIGBODY" $NG/api/invoices
    capraw $S nginx-400-header-too-large.txt 400 proxy nginx "a 1.5 KB header, 1k buffers: nginx's 400 page" "curl -si saved to a file (CRs kept)" -- -si $RNG -H "$BIGH" $NG/api/invoices/1
    cap $S fastify-200-invoice-nginx-h2.txt 200 app fastify "HTTP/2 over TLS: invoice 1" "" -- -sv -k $RNGS $NGS/api/invoices/1
    cap $S fastify-503-statements-html-nginx-h2.txt 503 app fastify "HTTP/2: the app's own HTML 503 page, passed on" "curl -si" -- -si -k $RNGS $NGS/api/statements
fi

# ============================================ Apache -> Koa (round 55's app) ==
if up apache; then
    log "capturing: Koa behind Apache"
    S=koa-apache
    cap $S koa-200-invoice-apache.txt 200 app koa "invoice 1 through Apache" "Via from ProxyVia, X-Request-Id from mod_unique_id" -- -sv $RAP $AP/api/invoices/1
    cap $S koa-404-invoice-apache.txt 404 app koa "an unknown invoice: the route's JSON 404" "curl -si" -- -si $RAP $AP/api/invoices/9
    caphttp $S koa-409-post-apache-httpie.txt 409 app koa "HTTPie POST of an existing ref: the route's JSON 409" "HTTPie with colours" -- -v POST http://127.0.0.1:59781/api/invoices Host:$H ref=LG-1001
    cap $S koa-422-post-apache.txt 422 app koa "POST without ref: the route's JSON 422" "curl -si" -- -si $RAP -X POST "${JSONH[@]}" -d '{"total":2}' $AP/api/invoices
    cap $S apache-429-exports-json.txt 429 proxy apache "/api/exports/: mod_rewrite R=429 with a JSON ErrorDocument" "" -- -sv $RAP $AP/api/exports/daily
    capraw $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: mod_rewrite R=503 with a JSON ErrorDocument" "curl -si saved to a file (CRs kept)" -- -si $RAP $AP/api/refunds/42
    cap $S koa-503-maintenance-apache.txt 503 app koa "the app's own JSON 503 (maintenance), Via added" "" -- -sv $RAP $AP/api/maintenance
    cap $S koa-502-payments-html-apache.txt 502 app koa "the app's own HTML 502 page, passed on with Via" "curl -si" -- -si $RAP $AP/api/payments
    cap $S koa-504-bank-html-apache.txt 504 app koa "the app's own HTML 504 page, passed on with Via" "" -- -sv $RAP $AP/api/bank
    cap $S koa-500-boom-apache.txt 500 app koa "a thrown error: Koa's 500" "" -- -sv $RAP $AP/api/boom
    cap $S koa-404-route-apache.txt 404 app koa "no route: Koa's plain 404" "curl -si" -- -si $RAP $AP/api/v2/invoices
    cap $S apache-502-slow.txt 502 proxy apache "the handler waits 5 s, ProxyTimeout 2: Apache's 'Proxy Error' page" "" -- -sv $RAP $AP/api/slow
    capwin $S apache-503-legacy-down.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503 page" "curl -si pasted with CRLF" -- -si $RAP $AP/legacy/invoices/1
    cap $S apache-404-unknown-host.txt 404 proxy apache "the bare IP as Host: the first virtual host, an empty folder: Apache's 404 page" "" -- -sv http://127.0.0.1:59781/api/invoices/1
    capwget $S apache-414-uri-wget.txt 414 proxy apache "a 1.5 KB query string, LimitRequestLine 1024: Apache's 414 page" "wget -S -O-" -- --header="Host: $H" "http://127.0.0.1:59781/api/invoices?q=$LONGQ"
    cap $S apache-400-header-too-large.txt 400 proxy apache "a 1.5 KB header, LimitRequestFieldSize 1024: Apache's 400 page" "curl -si" -- -si $RAP -H "$BIGH" $AP/api/invoices/1
    cap $S apache-502-slow-h2c.txt 502 proxy apache "HTTP/2 (h2c): the slow handler, Apache's 'Proxy Error'" "curl -si" -- -si --http2-prior-knowledge $RAP $AP/api/slow
fi

# ======================================== HAProxy -> NestJS (round 55's app) ==
if up haproxy; then
    log "capturing: NestJS behind HAProxy"
    S=nestjs-haproxy
    cap $S nestjs-200-invoice-haproxy.txt 200 app nestjs "invoice 1 through HAProxy" "X-Request-ID set by HAProxy" -- -sv $RHA $HA/api/invoices/1
    caphttp $S nestjs-401-account-haproxy-httpie.txt 401 app nestjs "HTTPie, no token: the controller's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59782/api/account Host:$H
    cap $S nestjs-422-post-haproxy.txt 422 app nestjs "POST without ref: the controller's JSON 422" "curl -si" -- -si $RHA -X POST "${JSONH[@]}" -d '{"total":2}' $HA/api/invoices
    cap $S nestjs-429-quota-haproxy.txt 429 app nestjs "the app's own JSON 429" "" -- -sv $RHA $HA/api/quota
    cap $S haproxy-429-exports-json.txt 429 load-balancer haproxy "/api/exports/: http-request return with a JSON 429" "curl -si" -- -si $RHA $HA/api/exports/daily
    cap $S nestjs-503-maintenance-haproxy.txt 503 app nestjs "the app's own JSON 503 (maintenance)" "" -- -sv $RHA $HA/api/maintenance
    capraw $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: http-request return with a JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RHA $HA/api/refunds/42
    cap $S haproxy-503-beta-empty.txt 503 load-balancer haproxy "/api/beta/: http-request return status 503 with no body" "" -- -sv $RHA $HA/api/beta/labels
    cap $S nestjs-502-payments-html-haproxy.txt 502 app nestjs "the app's own HTML 502 page, passed on" "curl -si" -- -si $RHA $HA/api/payments
    cap $S nestjs-500-boom-haproxy.txt 500 app nestjs "a thrown Error: Nest's JSON 500" "curl -si" -- -si $RHA $HA/api/boom
    cap $S nestjs-404-route-haproxy.txt 404 app nestjs "no route: Nest's JSON 404 'Cannot GET ...'" "" -- -sv $RHA $HA/api/v2/invoices
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "the handler waits 5 s, timeout server 2s: HAProxy's 504 page" "" -- -sv $RHA $HA/api/slow
    capwin $S haproxy-503-legacy-down.txt 503 load-balancer haproxy "/legacy/: the only server is down by its check" "curl -si pasted with CRLF" -- -si $RHA $HA/legacy/invoices/1
    cap $S haproxy-404-unknown-host.txt 404 load-balancer haproxy "the bare IP as Host: deny_status 404, HAProxy's stock 404 page" "" -- -sv http://127.0.0.1:59782/api/invoices/1
    capwget $S haproxy-403-internal-wget.txt 403 load-balancer haproxy "/internal/: http-request deny, the stock 403 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59782/internal/metrics
    cap $S haproxy-400-header-too-large.txt 400 load-balancer haproxy "a 20 KB header, over HAProxy's 16 KB buffer: its stock 400 page" "" -- -sv $RHA -H "$BIGH20" $HA/api/invoices/1
    cap $S nestjs-200-invoice-haproxy-h2c.txt 200 app nestjs "HTTP/2 (h2c): invoice 1" "" -- -sv --http2-prior-knowledge $RHA2 $HA2/api/invoices/1
    cap $S haproxy-503-refunds-json-h2c.txt 503 load-balancer haproxy "HTTP/2 (h2c): HAProxy's JSON 503" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/refunds/7
fi

# ============================= Varnish -> Sinatra under Puma (round 55's app) ==
if up varnish && have puma && have ruby-sinatra; then
    log "capturing: Sinatra under Puma behind Varnish"
    S=sinatra-invoices-varnish
    cap $S sinatra-200-invoice-varnish-miss.txt 200 app sinatra "invoice 1, first request: a MISS" "X-Cache: MISS, Via: varnish" -- -sv $RVN $VN/api/invoices/1
    cap $S varnish-200-invoice-hit.txt 200 cdn-cache varnish "invoice 1 again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $RVN $VN/api/invoices/1
    caphttp $S sinatra-401-account-varnish-httpie.txt 401 app sinatra "HTTPie, no token: the route's JSON 401, Via added by Varnish" "HTTPie with colours" -- -v GET http://127.0.0.1:59790/api/account Host:$H
    cap $S sinatra-409-post-varnish.txt 409 app sinatra "POST (passed) of an existing ref: the route's JSON 409" "" -- -sv $RVN -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $VN/api/invoices
    cap $S sinatra-429-quota-varnish.txt 429 app sinatra "the app's own JSON 429, Via added" "curl -si" -- -si $RVN $VN/api/quota
    cap $S varnish-429-exports-synth.txt 429 cdn-cache varnish "/api/exports/: synth(429) with a JSON body" "" -- -sv $RVN $VN/api/exports/daily
    cap $S sinatra-503-maintenance-varnish.txt 503 app sinatra "the app's own JSON 503 (maintenance), Via added" "curl -si" -- -si $RVN $VN/api/maintenance
    capraw $S varnish-503-refunds-synth.txt 503 cdn-cache varnish "/api/refunds/: synth(503) with a JSON maintenance body" "curl -si saved to a file (CRs kept)" -- -si $RVN $VN/api/refunds/42
    cap $S varnish-503-beta-empty.txt 503 cdn-cache varnish "/api/beta/: a synth 503 delivered with no body" "" -- -sv $RVN $VN/api/beta/labels
    cap $S sinatra-504-bank-html-varnish.txt 504 app sinatra "the app's own HTML 504 page, passed on with Via" "curl -si" -- -si $RVN $VN/api/bank
    cap $S sinatra-500-boom-varnish.txt 500 app sinatra "an exception in production: Sinatra's 500 page" "" -- -sv $RVN $VN/api/boom
    cap $S sinatra-404-route-varnish.txt 404 app sinatra "no route in production: Sinatra's 'Not Found'" "curl -si" -- -si $RVN $VN/api/v2/invoices
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the route sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "" -- -sv $RVN $VN/api/slow
    capwin $S varnish-503-legacy-down.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed'" "curl -si pasted with CRLF" -- -si $RVN $VN/legacy/invoices/1
    capwget $S varnish-404-unknown-host-wget.txt 404 cdn-cache varnish "a Host that is not ours: synth(404)" "wget -S -O-" -- --header="Host: shop.ledgerly.test" http://127.0.0.1:59790/api/invoices/1
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE: synth(405)" "curl -si" -- -si $RVN -X PURGE $VN/api/invoices/1
fi

# ============================================== Caddy -> gin (round 55's app) ==
if up caddy && [[ -z ${SKIPPED[gin]:-} ]]; then
    log "capturing: gin behind Caddy"
    S=gin-caddy
    cap $S gin-200-invoice-caddy.txt 200 app gin "invoice 1 through Caddy" "X-Request-ID from Caddy, Server: Caddy" -- -sv $RCD $CD/api/invoices/1
    caphttp $S gin-409-post-caddy-httpie.txt 409 app gin "HTTPie POST of an existing ref: the handler's JSON 409" "HTTPie with colours" -- -v POST http://127.0.0.1:59783/api/invoices Host:$H:59783 ref=LG-1001
    cap $S gin-422-post-caddy.txt 422 app gin "POST without ref: the handler's JSON 422" "" -- -sv $RCD -X POST "${JSONH[@]}" -d '{"total":2}' $CD/api/invoices
    cap $S gin-429-quota-caddy.txt 429 app gin "the app's own JSON 429" "curl -si" -- -si $RCD $CD/api/quota
    cap $S caddy-429-exports-json.txt 429 proxy caddy "/api/exports/*: Caddy's respond with a JSON 429" "" -- -sv $RCD $CD/api/exports/daily
    capraw $S caddy-503-refunds-json.txt 503 proxy caddy "/api/refunds/*: Caddy's respond with a JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RCD $CD/api/refunds/42
    cap $S gin-503-maintenance-caddy.txt 503 app gin "the app's own JSON 503 (maintenance)" "" -- -sv $RCD $CD/api/maintenance
    cap $S gin-502-payments-html-caddy.txt 502 app gin "the app's own HTML 502 page, passed on" "curl -si" -- -si $RCD $CD/api/payments
    cap $S gin-500-boom-caddy.txt 500 app gin "a panic: gin.Recovery's empty 500, passed on" "" -- -sv $RCD $CD/api/boom
    capwin $S gin-404-route-caddy.txt 404 app gin "no route: gin's '404 page not found'" "curl -si pasted with CRLF" -- -si $RCD $CD/api/v2/invoices
    cap $S caddy-504-slow-empty.txt 504 proxy caddy "the handler sleeps 5 s, response_header_timeout 2s: Caddy's 504, empty body" "" -- -sv $RCD $CD/api/slow
    capwget $S caddy-502-legacy-empty-wget.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, empty body" "wget -S -O-" -- --header="Host: $H:59783" http://127.0.0.1:59783/legacy/invoices/1
    cap $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB: the 431 Caddy's Go server writes" "curl -si" -- -si $RCD -H "$BIGH8" $CD/api/invoices/1
    cap $S gin-504-bank-html-caddy-h2.txt 504 app gin "HTTP/2: the app's own HTML 504 page, passed on" "" -- -sv -k $RCDS $CDS/api/bank
    cap $S caddy-504-slow-empty-h2.txt 504 proxy caddy "HTTP/2: the slow handler, Caddy's empty 504" "curl -si" -- -si -k $RCDS $CDS/api/slow
fi

# ============================ Squid -> Go net/http (round 3's orders API) ==
if up squid; then
    log "capturing: Go net/http behind Squid"
    S=nethttp-orders-squid
    cap $S nethttp-200-user-squid.txt 200 app go-net-http "user 42 through Squid" "Via, X-Cache, Squid's X-Request-ID" -- -sv $RSQ $SQ/api/users/42
    cap $S nethttp-404-user-squid.txt 404 app go-net-http "an unknown user: http.NotFound's '404 page not found'" "curl -si" -- -si $RSQ $SQ/api/users/9
    caphttp $S nethttp-200-health-squid-httpie.txt 200 app go-net-http "HTTPie: the health JSON" "HTTPie with colours" -- -v GET http://127.0.0.1:59750/api/health Host:$H
    cap $S nethttp-201-order-squid.txt 201 app go-net-http "POST a small order: the handler's JSON 201" "" -- -sv $RSQ -X POST "${JSONH[@]}" -d '{"sku":"A-1"}' $SQ/api/orders
    capraw $S nethttp-500-boom-squid.txt 500 app go-net-http "http.Error 500, text/plain" "curl -si saved to a file (CRs kept)" -- -si $RSQ $SQ/api/boom
    cap $S nethttp-503-down-html-squid.txt 503 app go-net-http "the app's own HTML 503 page, passed on with Via" "" -- -sv $RSQ $SQ/api/down
    capwin $S nethttp-502-pay-json-squid.txt 502 app go-net-http "the app's own JSON 502, passed on with Via" "curl -si pasted with CRLF" -- -si $RSQ $SQ/api/pay
    cap $S nethttp-503-report-timeout-squid.txt 503 app go-net-http "http.TimeoutHandler's 503 (1 s around a 3 s handler)" "curl -si" -- -si $RSQ $SQ/api/report
    cap $S squid-504-slow-nethttp.txt 504 cdn-cache squid "the handler answers after 5 s, read_timeout 2 seconds: ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/slow
    capwget $S squid-502-legacy-down-nethttp-wget.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59750/legacy/orders/1
    cap $S squid-403-internal-nethttp.txt 403 cdn-cache squid "/internal/ denied: ERR_ACCESS_DENIED" "curl -si" -- -si $RSQ $SQ/internal/metrics
    cap $S squid-403-unknown-host-nethttp.txt 403 cdn-cache squid "a Host that is not ours: ERR_ACCESS_DENIED" "" -- -sv -H "Host: shop.ledgerly.test" http://127.0.0.1:59750/api/users/42
    cap $S squid-413-body-nethttp.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" -d "$BIGBODY" $SQ/api/orders
    cap $S squid-431-header-too-large-nethttp.txt 431 cdn-cache squid "a 3 KB header, request_header_max_size 2 KB: Squid's own answer" "" -- -sv $RSQ -H "$BIGH3" $SQ/api/users/42
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-503-refunds-json.txt 0/503 proxy nginx "nginx's own JSON 503 for /api/refunds/" "" -- $RNG $NG/api/refunds/7
up nginx && capbody $S body-fastify-404-route.txt 404/404 app fastify "Fastify's JSON 404 for no route" "" -- $RNG $NG/api/v3/invoices
up nginx && capbody $S body-nginx-502-legacy.txt 502/502 proxy nginx "nginx's 502 page" "" -- $RNG $NG/legacy/invoices/2
up apache && capbody $S body-apache-502-proxy-error.txt 502/502 proxy apache "Apache's 'Proxy Error' page" "" -- $RAP $AP/api/slow
up apache && capbody $S body-koa-404-route.txt 0/404 app koa "Koa's plain 'Not Found'" "" -- $RAP $AP/api/v3/invoices
up haproxy && capbody $S body-haproxy-429-exports-json.txt 0/429 load-balancer haproxy "HAProxy's JSON 429" "" -- $RHA $HA/api/exports/monthly
up haproxy && capbody $S body-nestjs-500-boom.txt 500/500 app nestjs "Nest's JSON 500" "" -- $RHA $HA/api/boom
up varnish && capbody $S body-varnish-503-backend-fetch.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page" "" -- $RVN $VN/legacy/invoices/3
up varnish && have puma && capbody $S body-sinatra-404-route.txt 0/404 app sinatra "Sinatra's 'Not Found' page" "" -- $RVN $VN/api/v3/invoices
up squid && capbody $S body-squid-504-slow.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page" "" -- $RSQ $SQ/api/slow
up caddy && capbody $S body-caddy-503-refunds-json.txt 0/503 proxy caddy "Caddy's respond JSON 503" "" -- $RCD $CD/api/refunds/9
up caddy && [[ -z ${SKIPPED[gin]:-} ]] && capbody $S body-gin-404-route.txt 404/404 app gin "gin's '404 page not found'" "" -- $RCD $CD/api/v3/invoices

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-503-beta-empty.txt 503 proxy nginx "curl -sI on /api/beta/: nginx's empty 503" "" -- $RNG $NG/api/beta/labels
up squid && caphead $S head-squid-504-slow-nethttp.txt 504 cdn-cache squid "curl -sI on the slow handler: Squid's read timeout" "" -- $RSQ $SQ/api/slow
up caddy && caphead $S head-caddy-502-legacy.txt 502 proxy caddy "curl -sI on the dead /legacy/ upstream: Caddy's 502" "" -- $RCD $CD/legacy/invoices/1
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on invoice 1, stored" "X-Cache: HIT" -- $RVN $VN/api/invoices/1
up haproxy && caphead $S head-haproxy-503-legacy.txt 503 load-balancer haproxy "curl -sI on /legacy/: HAProxy's 'No server is available'" "" -- $RHA $HA/legacy/invoices/1
up apache && caphead $S head-apache-429-exports.txt 429 proxy apache "curl -sI on /api/exports/: Apache's 429" "" -- $RAP $AP/api/exports/daily
up haproxy && caphead $S head-nestjs-404-route.txt 404 app nestjs "curl -sI on a path with no route through HAProxy: Nest's 404" "" -- $RHA $HA/api/v2/invoices
up caddy && [[ -z ${SKIPPED[gin]:-} ]] && caphead $S head-gin-404-route.txt 404 app gin "curl -sI on a path gin has no route for, through Caddy" "" -- $RCD $CD/api/v2/invoices

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round61/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
