#!/usr/bin/env bash
# capture-round53.sh — build the fifty-third held-out evidence corpus in
# tests/fixtures/evidence-round53/.
#
# "Caches answering by themselves, and caches passing the app's answers on":
# one small product catalog API, written for a caching front (ETag,
# Last-Modified, Cache-Control max-age, its own 304/412 answers, a cacheable
# 404 and a cacheable 500, flag files that make it fail or hang), on Flask,
# FastAPI, Express and Go's net/http, behind five caches, each paired with
# an app it was not paired with in rounds 26 and 43: nginx
# proxy_cache (use_stale, revalidate, lock; plain HTTP/1.1 with the app's
# Server header kept, and TLS with HTTP/2), Apache mod_cache with
# mod_cache_disk, Varnish 7 (grace, keep, synth, BAN and PURGE refused,
# a cached 500, h2c), Squid as a reverse accelerator and Apache Traffic
# Server. Paste forms: curl -v/-i transcripts (some with their CRs, some with
# CRLF), HTTPie with colours, body-only and headers-only pastes, `wget -S -O-`.
#
#   scripts/corpus/capture-round53.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round53.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round53.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round53.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-52: every server binds 127.0.0.1 (ports 58900-58999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs and builds run under
# `nice -n 15`. Labels are written by finish_round53.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round53"
RUN=/tmp/api-triage-corpus53
STAGE="$RUN/evidence"
CONF="$HERE/conf-round53"
APPS="$HERE/apps53"
VENV=${CORPUS_VENV53:-/tmp/api-triage-corpus53-venv}
NODE_DIR=${CORPUS_NODE53:-/tmp/api-triage-corpus53-node}
GODIR=${CORPUS_GO53:-/tmp/api-triage-corpus53-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(flask==3.1.3 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0)
NPM=(express@5.3.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus53 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openssl python3-venv nodejs golang-go apache2 nginx varnish squid trafficserver)
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


install_venv() {  # Flask, FastAPI and their servers, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, fastapi, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # Express, from npm
    [[ -e $NODE_DIR/node_modules/express/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus53","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # the net/http app, offline, GOPATH mode
    local g
    mkdir -p "$GODIR"
    for g in nethttp_app; do
        [[ -x $GODIR/$g && $GODIR/$g -nt $APPS/$g.go ]] && continue
        [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the Go apps are not built"; return 0; }
        log "go build $g"
        (cd "$APPS" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR:/usr/share/gocode" GOCACHE="$GODIR/cache" \
            nice -n 15 timeout 600 go build -p 1 -o "$GODIR/$g" "$g.go") >>"$RUN/logs/go-build.log" 2>&1 \
            || SKIPPED[go]="go build $g failed (see logs/go-build.log)"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round53.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -z ${SKIPPED[npm]:-} ]] || die "Express is missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/nethttp_app ]] || die "the Go app did not build (${SKIPPED[go]:-?})"
have openssl || die "openssl is missing"

APP_PORTS=(58910 58911 58912 58913 58914 58916)
OTHER_PORTS=(58980 58943 58981 58990 58950 58928)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" 58919; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: a self-signed cert for nginx's HTTP/2 port -------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Leaf & Cup/CN=catalog.example.test" \
    -addext "subjectAltName=DNS:catalog.example.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
# nginx -> Express (58910), Apache disk -> Flask (58911), Varnish -> Go (58912,
# and a second Go for /shop/ on 58916), Squid -> FastAPI (58913), Traffic
# Server -> a second Express (58914). 58919 is never listened on.
declare -A UP=()
for a in express flask go go2 fastapi express2; do mkdir -p "$RUN/flags/$a"; done
chmod -R 755 "$RUN/flags"
start_bg express env CATALOG_FLAGS="$RUN/flags/express" NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production \
    nice -n 5 node "$APPS/express_app.js" 58910
start_bg flask env CATALOG_FLAGS="$RUN/flags/flask" nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --timeout 30 \
    --workers 3 -b 127.0.0.1:58911 flask_app:app
start_bg go env CATALOG_FLAGS="$RUN/flags/go" nice -n 5 "$GODIR/nethttp_app" 58912
start_bg go2 env CATALOG_FLAGS="$RUN/flags/go2" nice -n 5 "$GODIR/nethttp_app" 58916
start_bg fastapi env CATALOG_FLAGS="$RUN/flags/fastapi" nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" \
    --host 127.0.0.1 --port 58913 --proxy-headers --forwarded-allow-ips 127.0.0.1 --no-access-log fastapi_app:app
start_bg express2 env CATALOG_FLAGS="$RUN/flags/express2" NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production \
    nice -n 5 node "$APPS/express_app.js" 58914
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the caches ----------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/cache
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    render "$CONF/nginx-cache-locations.conf" "$RUN/nginx/cache-locations.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 58980 nginx && wait_port 58943 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/cache "$RUN"/apache/cachelock
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 58981 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:58990 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m -p feature=+http2
    wait_port 58990 varnish && UP[varnish]=1
fi
if have squid; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || true
    start_bg squid squid -N -n corpus53 -f "$RUN/squid/squid.conf"
    wait_port 58950 squid && UP[squid]=1
fi
if have trafficserver; then
    A=$RUN/ats
    mkdir -p "$A"/etc "$A"/var/cache "$A"/log "$A"/run
    for f in logging.yaml cache.config hosting.config parent.config sni.yaml socks.config \
             splitdns.config volume.config strategies.yaml ssl_multicert.config; do
        [[ -e /etc/trafficserver/$f ]] && cp "/etc/trafficserver/$f" "$A/etc/"
    done
    render "$CONF/records.config" "$A/etc/records.config"
    cp "$CONF/remap.config" "$CONF/ats-cache-status.config" "$CONF/ip_allow.yaml" "$A/etc/"
    echo "$A/var/cache 64M" >"$A/etc/storage.config"
    echo "header_rewrite.so $A/etc/ats-cache-status.config" >"$A/etc/plugin.config"
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
    wait_port 58928 trafficserver && UP[ats]=1
fi
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 53 (held out): real responses captured by
# scripts/corpus/capture-round53.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-52:
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

NG=http://127.0.0.1:58980 NGS=https://127.0.0.1:58943 AD=http://127.0.0.1:58981
VN=http://127.0.0.1:58990 SQ=http://127.0.0.1:58950 TS=http://catalog.example.test:58928
RA=(--resolve catalog.example.test:58928:127.0.0.1)
JSONH=(-H 'Content-Type: application/json')
LM='Tue, 04 Mar 2025 09:30:00 GMT'
LATER='Wed, 05 Mar 2025 12:00:00 GMT'
etag_of() { in_work timeout 10 curl -s -D- -o /dev/null "$@" | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r'; }
flagon() { touch "$RUN/flags/$1/$2"; }
flagoff() { rm -f "$RUN/flags/$1/$2"; }

# ===================================== Express + nginx proxy_cache ==
if up nginx; then
    log "capturing: Express behind nginx proxy_cache"
    S=express-nginx-cache
    cap $S express-200-product-nginx-miss.txt 200 app express "product 1, first request: X-Cache-Status: MISS, Express's answer stored" "Express's weak ETag" -- -sv $NG/api/products/1
    cap $S nginx-200-product-hit.txt 200 cdn-cache nginx "product 1 again within max-age=60: from nginx's store" "curl -si; X-Cache-Status: HIT, Age absent" -- -si $NG/api/products/1
    ETN=$(etag_of $NG/api/products/1)
    cap $S nginx-304-product-inm.txt 304 cdn-cache nginx "If-None-Match with the stored weak ETag: nginx answers 304 from its store" "X-Cache-Status: HIT" -- -sv -H "If-None-Match: $ETN" $NG/api/products/1
    capraw $S nginx-304-product-ims.txt 304 cdn-cache nginx "If-Modified-Since equal to the stored Last-Modified: nginx's 304" "curl -si saved to a file (CRs kept)" -- -si -H "If-Modified-Since: $LM" $NG/api/products/1
    cap $S nginx-412-product-if-match.txt 412 cdn-cache nginx "GET with an If-Match the stored ETag does not match: nginx's own 412 page" "X-Cache-Status: HIT" -- -sv -H 'If-Match: "p1-v2"' $NG/api/products/1
    cap $S express-404-product-nginx-miss.txt 404 app express "an unknown product: the handler's JSON 404 (max-age=60), stored" "curl -si; X-Cache-Status: MISS" -- -si $NG/api/products/9
    cap $S express-404-product-nginx-hit.txt 404 app express "the same 404 again: a fresh HIT of the app's error" "X-Cache-Status: HIT" -- -sv $NG/api/products/9
    cap $S express-500-report-nginx-miss.txt 500 app express "the daily report: the handler's JSON 500, kept by proxy_cache_valid 500 30s" "curl -si; X-Cache-Status: MISS" -- -si $NG/api/reports/daily
    cap $S express-500-report-nginx-hit.txt 500 app express "the daily report again: the app's 500 served from the store" "X-Cache-Status: HIT" -- -sv $NG/api/reports/daily
    cap $S express-500-boom-nginx.txt 500 app express "a TypeError: Express's production 'Internal Server Error' page, not stored" "curl -si; X-Cache-Status: MISS" -- -si $NG/api/boom
    ETS=$(etag_of $NG/api/stock/1)
    cap $S express-304-stock-nginx.txt 304 app express "/api/stock/ is not cached: If-None-Match reaches Express, which answers 304 (req.fresh)" "no X-Cache-Status" -- -sv -H "If-None-Match: $ETS" $NG/api/stock/1
    cap $S express-412-put-nginx.txt 412 app express "PUT with a stale If-Match (PUT is never cached): the handler's JSON 412" "curl -si" -- -si -X PUT "${JSONH[@]}" -H 'If-Match: "p1-v2"' -d '{"price":1300}' $NG/api/products/1
    cap $S express-428-put-nginx.txt 428 app express "PUT without If-Match: the handler's JSON 428" "" -- -sv -X PUT "${JSONH[@]}" -d '{"price":1300}' $NG/api/products/2
    caphttp $S express-401-account-httpie.txt 401 app express "HTTPie, no token on the private account route" "HTTPie with colours" -- -v GET $NG/api/account
    capwin $S express-503-maintenance-nginx.txt 503 app express "the handler's maintenance 503 (no-store)" "curl -si pasted with CRLF" -- -si $NG/api/maintenance
    cap $S express-404-cannot-get-nginx.txt 404 app express "no route: Express's 'Cannot GET' page" "curl -si" -- -si $NG/api/v2/products
    cap $S express-404-purge-nginx.txt 404 app express "PURGE: stock nginx has no purge, it passes the method on and Express answers 'Cannot PURGE'" "" -- -sv -X PURGE $NG/api/products/1
    (in_work timeout 10 curl -s -o /dev/null $NG/api/catalog/featured &) ; sleep 0.4
    cap $S nginx-200-featured-lock-hit.txt 200 cdn-cache nginx "a second request while the first fetch (1.5 s) runs: proxy_cache_lock holds it, then serves the stored copy" "X-Cache-Status: HIT" -- -sv $NG/api/catalog/featured
    quiet $NG/api/catalog
    sleep 3
    cap $S nginx-200-catalog-revalidated.txt 200 cdn-cache nginx "the catalog expired: nginx revalidated it (Express said 304) and served its stored copy" "curl -si; X-Cache-Status: REVALIDATED" -- -si $NG/api/catalog
    sleep 3
    flagon express fail
    cap $S nginx-200-stale-app-500.txt 200 cdn-cache nginx "the catalog expired and the handler now answers 500: proxy_cache_use_stale http_500 serves the old copy" "X-Cache-Status: STALE" -- -sv $NG/api/catalog
    flagoff express fail
    sleep 3
    flagon express slow
    cap $S nginx-200-stale-app-timeout.txt 200 cdn-cache nginx "the catalog expired and the handler hangs: after proxy_read_timeout 2s the stale copy" "curl -si; X-Cache-Status: STALE" -- -si $NG/api/catalog
    flagoff express slow
    cap $S nginx-504-slow-uncached.txt 504 proxy nginx "the handler waits 5 s, nothing cached: nginx's 504 page" "X-Cache-Status: MISS on nginx's own page" -- -sv $NG/api/slow
    cap $S nginx-502-ledger-down.txt 502 proxy nginx "/api/ledger/ goes to an upstream that is not running, nothing cached" "curl -si" -- -si $NG/api/ledger/entries
    cap $S express-200-product-miss-h2.txt 200 app express "HTTP/2 port, product 2 first time: a MISS" "" -- -sv -k $NGS/api/products/2
    cap $S nginx-200-product-hit-h2.txt 200 cdn-cache nginx "HTTP/2, product 2 again: a HIT" "curl -si; x-cache-status: HIT" -- -si -k $NGS/api/products/2
    ETN2=$(etag_of -k $NGS/api/products/2)
    cap $S nginx-304-product-inm-h2.txt 304 cdn-cache nginx "HTTP/2, If-None-Match on the stored product: nginx's 304" "" -- -sv -k -H "If-None-Match: $ETN2" $NGS/api/products/2
    cap $S express-404-product-h2.txt 404 app express "HTTP/2, an unknown product: the handler's JSON 404, a MISS" "curl -si" -- -si -k $NGS/api/products/8
    cap $S nginx-504-slow-h2.txt 504 proxy nginx "HTTP/2, the handler waits 5 s: nginx's 504" "curl -si" -- -si -k $NGS/api/slow
    capwget $S nginx-200-hit-wget.txt 200 cdn-cache nginx "wget on the stored product 1" "wget -S -O-; X-Cache-Status: HIT" -- $NG/api/products/1
fi

# =============================== Flask under gunicorn + Apache mod_cache_disk ==
if up apache; then
    log "capturing: Flask under gunicorn behind Apache mod_cache (disk)"
    S=flask-gunicorn-apache-cache-disk
    cap $S flask-200-product-apache-miss.txt 200 app flask "product 1, first request through mod_cache_disk: a MISS, stored" "X-Cache: MISS, X-Cache-Detail, Server: gunicorn" -- -sv $AD/api/products/1
    cap $S apache-200-product-hit-disk.txt 200 cdn-cache apache "product 1 again: served from the disk cache" "curl -si; X-Cache: HIT, Age" -- -si $AD/api/products/1
    cap $S apache-304-product-inm-disk.txt 304 cdn-cache apache "If-None-Match on the fresh entry: mod_cache answers 304" "X-Cache: HIT" -- -sv -H 'If-None-Match: "p1-v3"' $AD/api/products/1
    capwin $S apache-304-product-ims-disk.txt 304 cdn-cache apache "If-Modified-Since later than the stored Last-Modified: mod_cache's 304" "curl -si pasted with CRLF" -- -si -H "If-Modified-Since: $LATER" $AD/api/products/1
    cap $S flask-404-product-apache-miss.txt 404 app flask "an unknown product: the view's JSON 404 with max-age=60" "curl -si; X-Cache: MISS" -- -si $AD/api/products/9
    cap $S flask-404-product-apache-hit.txt 404 app flask "the same unknown product again: mod_cache kept the app's 404, a HIT of the app's answer" "X-Cache: HIT, Age" -- -sv $AD/api/products/9
    cap $S flask-500-report-apache.txt 500 app flask "the daily report: the view's JSON 500 (mod_cache does not keep a 500)" "curl -si; X-Cache: MISS" -- -si $AD/api/reports/daily
    cap $S flask-500-boom-apache.txt 500 app flask "a ZeroDivisionError: Flask's 'Internal Server Error' page" "" -- -sv $AD/api/boom
    cap $S flask-304-stock-apache.txt 304 app flask "/api/stock is CacheDisable'd: If-None-Match reaches the view, which answers 304" "no X-Cache" -- -sv -H 'If-None-Match: "stock-1-42"' $AD/api/stock/1
    cap $S flask-412-put-apache.txt 412 app flask "PUT with a stale If-Match: the view's JSON 412" "curl -si" -- -si -X PUT "${JSONH[@]}" -H 'If-Match: "p1-v1"' -d '{"price":1}' $AD/api/products/1
    caphttp $S flask-401-account-httpie.txt 401 app flask "HTTPie, no token on the private account route" "HTTPie with colours" -- -v GET $AD/api/account
    cap $S flask-404-werkzeug-apache.txt 404 app flask "no route: Werkzeug's HTML 404" "curl -si" -- -si $AD/api/v2/products
    capraw $S flask-503-maintenance-apache.txt 503 app flask "the view's maintenance 503 (no-store)" "curl -si saved to a file (CRs kept)" -- -si $AD/api/maintenance
    quiet $AD/api/catalog
    sleep 3
    cap $S apache-200-catalog-revalidated.txt 200 cdn-cache apache "the catalog expired: mod_cache revalidated it (the view said 304) and served the stored body" "curl -si; X-Cache: REVALIDATE" -- -si $AD/api/catalog
    sleep 3
    flagon flask fail
    cap $S apache-200-stale-on-error.txt 200 cdn-cache apache "the catalog expired and the view answers 500: CacheStaleOnError serves the stale copy" "Warning: 111" -- -sv $AD/api/catalog
    flagoff flask fail
    cap $S apache-502-proxy-timeout.txt 502 proxy apache "the view sleeps 5 s, ProxyTimeout 2: Apache's 'Proxy Error' page" "curl -si" -- -si $AD/api/slow
    cap $S apache-503-ledger-down.txt 503 proxy apache "/api/ledger/ to a backend that is not running: Apache's 503 page" "" -- -sv $AD/api/ledger/entries
fi

# ======================================== Varnish 7 + Go net/http ==
if up varnish; then
    log "capturing: Go net/http behind Varnish"
    S=go-nethttp-varnish
    cap $S go-200-product-varnish-miss.txt 200 app go-net-http "product 1, first request: a MISS" "X-Cache: MISS, one id in X-Varnish" -- -sv $VN/api/products/1
    cap $S varnish-200-product-hit.txt 200 cdn-cache varnish "product 1 again: from Varnish's store" "curl -si; X-Cache: HIT, two ids in X-Varnish, Age" -- -si $VN/api/products/1
    cap $S varnish-304-product-inm.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "" -- -sv -H 'If-None-Match: "p1-v3"' $VN/api/products/1
    cap $S varnish-304-product-ims.txt 304 cdn-cache varnish "If-Modified-Since equal to the stored Last-Modified: Varnish's own 304" "curl -si" -- -si -H "If-Modified-Since: $LM" $VN/api/products/1
    cap $S go-404-varnish-miss.txt 404 app go-net-http "an unknown product: the handler's JSON 404, a MISS" "curl -si" -- -si $VN/api/products/9
    cap $S go-404-varnish-hit.txt 404 app go-net-http "the same 404 again: a HIT of the app's error" "X-Cache: HIT, two ids" -- -sv $VN/api/products/9
    cap $S go-500-report-varnish-miss.txt 500 app go-net-http "the daily report: the handler's JSON 500, kept 30 s by the VCL" "curl -si; X-Cache: MISS" -- -si $VN/api/reports/daily
    capraw $S go-500-report-varnish-hit.txt 500 app go-net-http "the daily report again: the app's 500 from Varnish's store" "curl -si saved to a file (CRs kept); X-Cache: HIT" -- -si $VN/api/reports/daily
    cap $S go-304-stock-varnish-pass.txt 304 app go-net-http "with Authorization Varnish passes, If-None-Match and all: ServeContent answers 304 and Varnish relays it" "X-Cache: MISS, one id" -- -sv -H 'Authorization: Bearer t-123' -H 'If-None-Match: "stock-1-42"' $VN/api/stock/1
    cap $S go-412-put-varnish.txt 412 app go-net-http "PUT (passed) with a stale If-Match: the handler's JSON 412" "curl -si" -- -si -X PUT "${JSONH[@]}" -H 'If-Match: "p1-v2"' -d '{"price":1}' $VN/api/products/1
    cap $S go-500-boom-varnish.txt 500 app go-net-http "http.Error 500 (text/plain), passed" "" -- -sv $VN/api/boom
    cap $S go-404-mux-varnish.txt 404 app go-net-http "no route: ServeMux's '404 page not found'" "curl -si" -- -si $VN/v2/products
    cap $S varnish-403-synth-admin.txt 403 cdn-cache varnish "/admin/: synth(403) with the builtin synth page" "curl -si" -- -si $VN/admin/flags
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE from an address outside the ACL: synth(405)" "" -- -sv -X PURGE $VN/api/products/1
    cap $S varnish-403-ban.txt 403 cdn-cache varnish "BAN from an address outside the ACL: synth(403)" "curl -si" -- -si -X BAN $VN/api/products/
    caphttp $S varnish-429-scanner-httpie.txt 429 cdn-cache varnish "HTTPie with a scanner's User-Agent: synth(429), the JSON body from vcl_synth" "HTTPie with colours" -- -v GET $VN/api/products/1 'User-Agent:sqlmap/1.7'
    cap $S varnish-503-exports-synth.txt 503 cdn-cache varnish "/api/exports/: synth(503) with a JSON maintenance body" "curl -si" -- -si $VN/api/exports/daily
    cap $S varnish-503-first-byte-timeout.txt 503 cdn-cache varnish "the handler sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "" -- -sv $VN/api/slow
    capwin $S varnish-503-legacy-down.txt 503 cdn-cache varnish "/legacy/: a backend that is not running" "curl -si pasted with CRLF" -- -si $VN/legacy/products/1
    cap $S go-200-product-h2c-miss.txt 200 app go-net-http "HTTP/2 (h2c): product 2 first time, a MISS" "" -- -sv --http2-prior-knowledge $VN/api/products/2
    cap $S varnish-200-product-h2c-hit.txt 200 cdn-cache varnish "HTTP/2 (h2c): product 2 again, a HIT" "curl -si" -- -si --http2-prior-knowledge $VN/api/products/2
    cap $S varnish-304-product-h2c.txt 304 cdn-cache varnish "HTTP/2 (h2c): If-None-Match on the stored product: Varnish's 304" "" -- -sv --http2-prior-knowledge -H 'If-None-Match: "p2-v3"' $VN/api/products/2
    cap $S go-200-shop-miss.txt 200 app go-net-http "/shop/catalog first time (the second Go instance): a MISS" "X-Cache: MISS" -- -sv $VN/shop/catalog
    cap $S varnish-200-shop-hit.txt 200 cdn-cache varnish "/shop/catalog again within max-age=2: a HIT" "curl -si; X-Cache: HIT" -- -si $VN/shop/catalog
    sleep 3
    cap $S varnish-200-shop-revalidated.txt 200 cdn-cache varnish "/shop/catalog expired (keep 1h): Varnish refetched with If-None-Match, ServeContent said 304, Varnish sent the kept body" "X-Cache: MISS (a new object), body from the kept copy" -- -sv $VN/shop/catalog
    cap $S go-404-shop.txt 404 app go-net-http "/shop/products/9: the handler's JSON 404, a MISS" "" -- -sv $VN/shop/products/9
    quiet $VN/api/catalog
    sleep 3
    flagon go fail
    cap $S varnish-200-grace-app-500.txt 200 cdn-cache varnish "the catalog expired and the handler answers 500: the grace copy (the 500 fetched in the background is abandoned)" "X-Cache: HIT-STALE" -- -sv $VN/api/catalog
    flagoff go fail
fi

# ========================================= Squid accelerator + FastAPI ==
if up squid; then
    log "capturing: FastAPI under uvicorn behind Squid (accelerator)"
    S=fastapi-uvicorn-squid
    cap $S fastapi-200-product-squid-miss.txt 200 app fastapi "product 1, first request: a MISS" "X-Cache: MISS from edge-cache-53, server: uvicorn" -- -sv $SQ/api/products/1
    cap $S squid-200-product-hit.txt 200 cdn-cache squid "product 1 again: from Squid's memory cache" "curl -si; X-Cache: HIT, Age" -- -si $SQ/api/products/1
    cap $S squid-304-product-inm.txt 304 cdn-cache squid "If-None-Match on the cached product: Squid's own 304" "X-Cache: HIT" -- -sv -H 'If-None-Match: "p1-v3"' $SQ/api/products/1
    cap $S squid-304-product-ims.txt 304 cdn-cache squid "If-Modified-Since later than the cached Last-Modified: Squid's 304" "curl -si" -- -si -H "If-Modified-Since: $LATER" $SQ/api/products/1
    cap $S fastapi-404-product-squid.txt 404 app fastapi "an unknown product: HTTPException(404) with max-age=60" "curl -si" -- -si $SQ/api/products/9
    cap $S fastapi-404-product-squid-again.txt 404 app fastapi "the same unknown product again (the app's answer, kept or fetched again)" "X-Cache tells which" -- -sv $SQ/api/products/9
    cap $S fastapi-422-product-id-squid.txt 422 app fastapi "a product id that is not a number: FastAPI's validation 422" "curl -si" -- -si $SQ/api/products/abc
    cap $S fastapi-500-report-squid.txt 500 app fastapi "the daily report: the app's JSON 500 (max-age=30)" "" -- -sv $SQ/api/reports/daily
    cap $S fastapi-500-boom-squid.txt 500 app fastapi "a ZeroDivisionError: Starlette's text 'Internal Server Error'" "curl -si" -- -si $SQ/api/boom
    cap $S fastapi-304-stock-squid.txt 304 app fastapi "/api/stock is no-cache: on a miss Squid forwards If-None-Match, the app answers 304" "X-Cache: MISS" -- -sv -H 'If-None-Match: "stock-1-42"' $SQ/api/stock/1
    cap $S fastapi-412-put-squid.txt 412 app fastapi "PUT with a stale If-Match: HTTPException(412)" "curl -si" -- -si -X PUT -H 'If-Match: "p1-v1"' $SQ/api/products/1
    caphttp $S fastapi-401-account-squid-httpie.txt 401 app fastapi "HTTPie, no token: 'Not authenticated'" "HTTPie with colours" -- -v GET $SQ/api/account
    capraw $S fastapi-503-maintenance-squid.txt 503 app fastapi "the app's maintenance 503" "curl -si saved to a file (CRs kept)" -- -si $SQ/api/maintenance
    cap $S squid-403-purge.txt 403 cdn-cache squid "PURGE with no purge ACL configured: Squid refuses it with ERR_ACCESS_DENIED" "" -- -sv -X PURGE $SQ/api/products/1
    cap $S squid-504-read-timeout.txt 504 cdn-cache squid "the handler sleeps 5 s, read_timeout 2 seconds: ERR_READ_TIMEOUT" "" -- -sv $SQ/api/slow
    cap $S squid-502-legacy-down.txt 502 cdn-cache squid "/legacy/: a peer that is not running" "curl -si" -- -si $SQ/legacy/products/1
    caphttp $S squid-403-internal-httpie.txt 403 cdn-cache squid "HTTPie: http_access deny on /internal/, ERR_ACCESS_DENIED" "HTTPie with colours" -- -v GET $SQ/internal/metrics
    quiet $SQ/api/catalog
fi

# ====================================== Traffic Server + Express ==
if up ats; then
    log "capturing: Express behind Traffic Server"
    S=express-trafficserver
    cap $S express-200-product-ats-miss.txt 200 app express "product 1, first request: a MISS" "x-cache: miss; server: ATS in place of none" -- -sv "${RA[@]}" $TS/api/products/1
    cap $S ats-200-product-hit.txt 200 cdn-cache trafficserver "product 1 again: from Traffic Server's cache" "curl -si; x-cache: hit-fresh, Age" -- -si "${RA[@]}" $TS/api/products/1
    ETA=$(etag_of "${RA[@]}" $TS/api/products/1)
    cap $S ats-304-product-inm.txt 304 cdn-cache trafficserver "If-None-Match with the stored (weak) ETag: Traffic Server's own 304" "" -- -sv "${RA[@]}" -H "If-None-Match: $ETA" $TS/api/products/1
    cap $S ats-304-product-ims.txt 304 cdn-cache trafficserver "If-Modified-Since equal to the stored Last-Modified: Traffic Server's own 304" "curl -si" -- -si "${RA[@]}" -H "If-Modified-Since: $LM" $TS/api/products/1
    cap $S express-404-product-ats-miss.txt 404 app express "an unknown product: the handler's JSON 404" "curl -si; x-cache: miss" -- -si "${RA[@]}" $TS/api/products/9
    cap $S express-404-product-ats-negative-hit.txt 404 app express "the same 404 again: kept by the negative cache, the app's answer" "x-cache: hit-fresh" -- -sv "${RA[@]}" $TS/api/products/9
    cap $S express-500-report-ats.txt 500 app express "the daily report: the handler's JSON 500" "curl -si" -- -si "${RA[@]}" $TS/api/reports/daily
    cap $S express-500-boom-ats.txt 500 app express "a TypeError: Express's production 500 page" "" -- -sv "${RA[@]}" $TS/api/boom
    cap $S ats-411-put-without-body.txt 411 cdn-cache trafficserver "PUT with no body and no Content-Length: Traffic Server's 'Content Length Required' page" "the request never reaches Express" -- -sv "${RA[@]}" -X PUT -H 'If-Match: "p1-v2"' $TS/api/products/1
    cap $S express-412-put-ats.txt 412 app express "PUT with a body and a stale If-Match: the handler's JSON 412, passed on" "x-cache: hit-fresh (the lookup found product 1) yet Express wrote the body" -- -sv "${RA[@]}" -X PUT "${JSONH[@]}" -H 'If-Match: "p1-v2"' -d '{"price":1}' $TS/api/products/1
    caphttp $S ats-403-purge-httpie.txt 403 cdn-cache trafficserver "HTTPie: PURGE, denied to 127.0.0.1 by ip_allow.yaml: Traffic Server's 'Access Denied'" "HTTPie with colours" -- -v PURGE http://127.0.0.1:58928/api/products/1 'Host:catalog.example.test:58928'
    cap $S ats-504-inactivity-timeout.txt 504 cdn-cache trafficserver "the handler waits 5 s, transaction_no_activity_timeout_out 2: 'Inactivity Timeout'" "" -- -sv "${RA[@]}" $TS/api/slow
    capwin $S ats-502-ledger-down.txt 502 cdn-cache trafficserver "/api/ledger/ mapped to a service that is not running: 'Could Not Connect'" "curl -si pasted with CRLF" -- -si "${RA[@]}" $TS/api/ledger/entries
    cap $S ats-404-not-found-on-accelerator.txt 404 cdn-cache trafficserver "a Host no remap rule maps (the bare IP): 'Not Found on Accelerator'" "curl -si" -- -si http://127.0.0.1:58928/api/products/1
    quiet "${RA[@]}" $TS/api/catalog
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-express-404-json.txt 0/404 app express "the handler's JSON 404 (a HIT by now)" "no number" -- $NG/api/products/9
up nginx && capbody $S body-nginx-504.txt 504/504 proxy nginx "nginx's '504 Gateway Time-out' page" "" -- $NG/api/slow
up apache && capbody $S body-apache-502-proxy-error.txt 0/502 proxy apache "Apache's 'Proxy Error' page" "no number" -- $AD/api/slow
up apache && capbody $S body-flask-500-report.txt 0/500 app flask "the view's JSON 500 for the daily report" "no number" -- $AD/api/reports/daily
up varnish && capbody $S body-varnish-503-guru.txt 503/503 cdn-cache varnish "Varnish's 'Error 503 Backend fetch failed' page" "" -- $VN/legacy/products/2
up varnish && capbody $S body-varnish-403-ban.txt 403/403 cdn-cache varnish "the synth page for a refused BAN" "" -- -X BAN $VN/api/catalog
up squid && capbody $S body-squid-504-read-timeout.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page" "no number" -- $SQ/api/slow
up ats && capbody $S body-ats-502-could-not-connect.txt 0/502 cdn-cache trafficserver "Traffic Server's 'Could Not Connect' page" "no number" -- "${RA[@]}" $TS/api/ledger/entries

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-200-hit.txt 200 cdn-cache nginx "curl -sI on the stored product" "X-Cache-Status: HIT" -- $NG/api/products/1
up apache && caphead $S head-apache-200-hit.txt 200 cdn-cache apache "curl -sI on the product in the disk cache" "X-Cache: HIT" -- $AD/api/products/1
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on the stored product" "X-Cache: HIT" -- $VN/api/products/1
up squid && caphead $S head-fastapi-405-squid.txt 405 app fastapi "curl -sI sends HEAD; the route is declared for GET only, so FastAPI answers 405 (Squid passes it on)" "" -- $SQ/api/products/5
up ats && caphead $S head-ats-200-hit.txt 200 cdn-cache trafficserver "curl -sI on the stored product" "x-cache: hit-fresh" -- "${RA[@]}" $TS/api/products/1

# ================================== the apps go away behind their caches ==
sleep 3  # every catalog (max-age=2) has expired
if up nginx; then
    stop_name express
    sleep 0.5
    S=express-nginx-cache
    cap $S nginx-200-stale-express-stopped.txt 200 cdn-cache nginx "Express is stopped, the catalog has expired: proxy_cache_use_stale error" "X-Cache-Status: STALE" -- -sv $NG/api/catalog
    cap $S nginx-200-hit-express-stopped.txt 200 cdn-cache nginx "Express is stopped, product 1 still fresh: a HIT" "curl -si" -- -si $NG/api/products/1
    cap $S express-404-hit-express-stopped.txt 404 app express "Express is stopped: the app's cached 404 still served" "X-Cache-Status: HIT" -- -sv $NG/api/products/9
    cap $S nginx-502-express-stopped.txt 502 proxy nginx "Express is stopped, a product never cached: nginx's 502" "curl -si" -- -si $NG/api/products/3
fi
if up apache; then
    stop_name flask
    sleep 0.5
    S=flask-gunicorn-apache-cache-disk
    cap $S apache-200-stale-gunicorn-stopped.txt 200 cdn-cache apache "gunicorn is stopped, the catalog has expired: CacheStaleOnError" "Warning: 111" -- -sv $AD/api/catalog
    cap $S apache-200-hit-gunicorn-stopped.txt 200 cdn-cache apache "gunicorn is stopped, product 1 still fresh on disk: a HIT" "curl -si" -- -si $AD/api/products/1
    capwget $S apache-503-gunicorn-stopped-wget.txt 503 proxy apache "gunicorn is stopped, a product never cached: Apache's 503" "wget -S -O-" -- $AD/api/products/3
fi
if up varnish; then
    stop_name go
    sleep 0.5
    S=go-nethttp-varnish
    cap $S varnish-200-grace-go-stopped.txt 200 cdn-cache varnish "the Go app is stopped, the catalog has expired: served in grace" "curl -si; X-Cache: HIT-STALE" -- -si $VN/api/catalog
    cap $S varnish-200-hit-go-stopped.txt 200 cdn-cache varnish "the Go app is stopped, product 1 still fresh: a HIT" "" -- -sv $VN/api/products/1
    cap $S go-404-varnish-hit-go-stopped.txt 404 app go-net-http "the Go app is stopped: its kept 404 still served" "X-Cache: HIT" -- -sv $VN/api/products/9
    capwget $S varnish-503-go-stopped-wget.txt 503 cdn-cache varnish "the Go app is stopped, a product never cached: 'Backend fetch failed'" "wget -S -O-" -- $VN/api/products/3
fi
if up squid; then
    stop_name fastapi
    sleep 0.5
    S=fastapi-uvicorn-squid
    cap $S squid-200-hit-fastapi-stopped.txt 200 cdn-cache squid "uvicorn is stopped, product 1 still fresh: a HIT" "curl -si" -- -si $SQ/api/products/1
    cap $S squid-503-fastapi-stopped.txt 503 cdn-cache squid "uvicorn is stopped, a product never cached: ERR_CONNECT_FAIL" "" -- -sv $SQ/api/products/3
fi
if up ats; then
    stop_name express2
    sleep 0.5
    S=express-trafficserver
    cap $S ats-200-stale-express-stopped.txt 200 cdn-cache trafficserver "Express is stopped, the catalog has expired: Traffic Server serves its stale copy" "x-cache: hit-stale" -- -sv "${RA[@]}" $TS/api/catalog
    cap $S ats-502-express-stopped.txt 502 cdn-cache trafficserver "Express is stopped, a product never cached: 'Could Not Connect'" "curl -si" -- -si "${RA[@]}" $TS/api/products/3
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round53/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
