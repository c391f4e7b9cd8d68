#!/usr/bin/env bash
# capture-round105.sh — build the hundred-and-fifth held-out evidence corpus in
# tests/fixtures/evidence-round105/.
#
# "Mainstream, the issue's failure classes a fifth time, with TLS at every
# front" (rounds 63, 77, 83 and 97 were the first four looks): six front +
# app setups, each front terminating TLS with a self-signed cert made here
# (curl -k; HTTP/2 where the front speaks it). Each front adds its own
# request id to everything it sends back (its own error pages too), makes
# its own JSON errors (429 rate limit, 503 maintenance), answers an
# empty-bodied 503 that only `Server:` names, and shows its stock pages for
# an upstream that refuses, resets, times out or is stopped (502/503/504);
# the caches answer from their store (HITs, 304, stale, a HIT of an app
# 404); the apps' own 4xx/5xx (JSON and HTML) pass through unchanged.
# Front configs in scripts/corpus/conf-round105/ (round 97's, ports moved,
# upstreams swapped, TLS added):
#   - Express 4 (apps78/express_app.js) behind nginx 1.22 (TLS + HTTP/2);
#   - Django 5.2 on gunicorn (apps97/django_rid.py) behind Caddy 2.6 (TLS +
#     HTTP/2);
#   - FastAPI on uvicorn (apps97/fastapi_rid.py) behind Apache 2.4 (mod_ssl +
#     mod_http2);
#   - Flask 3.1 on gunicorn (apps97/flask_cache.py) behind HAProxy 2.6 (TLS,
#     alpn h2,http/1.1);
#   - Sinatra 3 on Puma (apps97/sinatra97.ru) behind Varnish 7.1 behind
#     nginx 1.22 (TLS + HTTP/2): one setup, a chain of two fronts;
#   - gin (apps96/gin_catalog.go) behind Squid 5.7 (https_port accel, TLS,
#     HTTP/1.1).
# Paste forms: curl -skv --http2 / curl -sk --http1.1 -i transcripts (some
# saved with their CRs, some with CRLF on every line, some with only the `<`
# lines of -v kept, some cut off after the headers), HTTPie with colours,
# wget -S -O-, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round105.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round105.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round105.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60000-61999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round105.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail



HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round105"
RUN=/tmp/api-triage-corpus105-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round105"
APPS78="$HERE/apps78"
APPS83="$HERE/apps83"
APPS96="$HERE/apps96"
APPS97="$HERE/apps97"
NODE_DIR=${CORPUS_NODE105:-/tmp/api-triage-corpus105-node}
GO_DIR=${CORPUS_GO105:-/tmp/api-triage-corpus105-go}
VENV=${CORPUS_VENV105:-/tmp/api-triage-corpus105-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus105 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx caddy haproxy varnish squid golang-go python3-venv nodejs puma ruby-sinatra)
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

install_venv() {  # HTTPie, Flask, Django, FastAPI, gunicorn, uvicorn (a copy of round 97's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, flask, django, fastapi, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

build_go() {  # round 96's gin app, offline in GOPATH mode against Debian's gocode (copied from round 97's build)
    local f=gin_catalog
    mkdir -p "$GO_DIR"
    [[ -x $GO_DIR/$f && $GO_DIR/$f -nt $APPS96/$f.go ]] && return 0
    [[ -x $GO_DIR/$f && ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && return 0
    log "go build $f"
    (cd "$APPS96" && GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$GO_DIR:/usr/share/gocode" GOCACHE="$GO_DIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GO_DIR/$f" "$f.go") >>"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[$f]="go build $f failed (see logs/go-build.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GO_DIR/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
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
# only ours are checked against 127.0.0.1 and 60000-61999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round105.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
# The transcript shows `https` (TLS fronts) or, with HTTPIE_CMD=http, `http`.
caphttp() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    [[ -x $HTTPIE ]] || return 0
    cmdline "${HTTPIE_CMD:-https}" "$@" >"$dest"
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

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS78 && -d $APPS83 && -d $APPS96 && -d $APPS97 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,flags,gunicorn,tls}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
for p in openssl nginx apache2 caddy haproxy varnish squid nodejs puma ruby-sinatra; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
[[ -d $NODE_DIR/node_modules/express ]] || die "Express is missing from $NODE_DIR (copy round 97's node folder there)"
build_go
[[ -z ${SKIPPED[gin_catalog]:-} && -x $GO_DIR/gin_catalog ]] || die "gin_catalog did not build (see $RUN/logs/go-build.log)"

# apps: Django 60511, FastAPI 60512, Express 60513, Flask 60514, Sinatra
# 60515, gin 60516; a service that resets every connection 60596; Sinatra's
# hung dependency 60597; 60598 (Sinatra's dead dependency) and 60599 (every
# front's dead upstream) are never listened on. Fronts (TLS): Caddy 60601,
# HAProxy 60602, Apache 60603, Squid 60604, nginx 60605 (Express) and 60607
# (the chain to Varnish); nginx's plain redirect port 60615; Varnish (plain,
# behind nginx) 60606.
APP_PORTS=(60511 60512 60513 60514 60515 60516 60596 60597)
FRONT_PORTS=(60601 60602 60603 60604 60605 60606 60607 60615)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 60598 60599; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for every front ---------------------------------
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=On-call lab/CN=api.osprey.test" \
    -addext "subjectAltName=DNS:api.osprey.test,DNS:api.wrenfield.test,DNS:api.halyard.test,DNS:api.tamarind.test,DNS:api.wayfarer.test,DNS:api.tamarack.test,IP:127.0.0.1" \
    >"$RUN/logs/openssl.log" 2>&1 || die "openssl could not make the cert"
cat "$RUN/tls/cert.pem" "$RUN/tls/key.pem" >"$RUN/tls/combined.pem"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
mkdir -p "$RUN/flags"/{tamarind,osprey,wrenfield,halyard,wayfarer}
start_bg django env REPLICA=wrenfield-web-1 FLAG_DIR="$RUN/flags/wrenfield" nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:60511 --workers 2 --chdir "$APPS97" --worker-tmp-dir "$RUN/gunicorn" django_rid:application
start_bg fastapi env REPLICA=halyard-api-1 FLAG_DIR="$RUN/flags/halyard" nice -n 5 "$VPY" -m uvicorn \
    --app-dir "$APPS97" --host 127.0.0.1 --port 60512 fastapi_rid:app
start_bg express env REPLICA=osprey-api-1 FLAG_DIR="$RUN/flags/osprey" "${NODEENV[@]}" "$APPS78/express_app.js" 60513
start_bg flask env REPLICA=tamarind-web-1 FLAG_DIR="$RUN/flags/tamarind" nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:60514 --workers 2 --chdir "$APPS97" --worker-tmp-dir "$RUN/gunicorn" flask_cache:app
start_bg sinatra env FLAG_DIR="$RUN/flags/wayfarer" DEP_DOWN=60598 DEP_HUNG=60597 nice -n 5 puma -e production -t 4:4 \
    -b tcp://127.0.0.1:60515 "$APPS97/sinatra97.ru"
start_bg gin nice -n 5 "$GO_DIR/gin_catalog" 60516
start_bg reset "$PY" "$APPS97/reset_svc.py" 60596
start_bg hung "$PY" "$APPS97/hung.py" 60597
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60601 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 60602 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
cp "$CONF/apache-rate-limited.json" "$RUN/apache/errors/rate-limited.json"
cp "$CONF/apache-maintenance.json" "$RUN/apache/errors/maintenance.json"
: >"$RUN/apache/errors/empty.txt"
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 60603 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus105 -f "$RUN/squid/squid.conf"
wait_port 60604 squid && UP[squid]=1

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/wayfarer.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:60606 -T none -f "$RUN/varnish/wayfarer.vcl" \
    -n "$RUN/varnish/wayfarer" -s malloc,16m
wait_port 60606 varnish && UP[varnish]=1

mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/www
: >"$RUN/nginx/www/empty-503"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60605 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
sleep 2.5   # HAProxy's check marks the legacy server down

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 105 (held out): real responses captured by
# scripts/corpus/capture-round105.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-104:
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

JSONH=(-H 'Content-Type: application/json')
NOEXP=(-H 'Expect:')   # no 100-continue for the big bodies: one status per transcript
BIGBODY=$(printf '{"ref":"XX-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")
HUGE="$RUN/work/huge.json"
printf '{"ref":"XX-3001","note":"%s"}' "$(head -c 70000 /dev/zero | tr '\0' 'n')" >"$HUGE"
H2=(-k --http2)
H1=(-k --http1.1)

# ===================================================== nginx (TLS, HTTP/2) -> Express ==
if up nginx; then
    log "capturing: Express behind nginx"
    S=express-nginx-tls-r105
    H=api.osprey.test:60605 NG=https://api.osprey.test:60605 RNG="--resolve api.osprey.test:60605:127.0.0.1"
    cap $S express-200-order-nginx-h2.txt 200 app express "HTTP/2 over TLS: order 1" "curl -skv --http2; nginx's X-Request-ID, Express's echo of it" -- -sv "${H2[@]}" $RNG $NG/api/orders/1
    cap $S express-200-order-head-nginx-h2.txt 200 app express "HEAD on order 1 over HTTP/2: Express answers HEAD from its GET route" "curl -skv --http2 -I" -- -svI "${H2[@]}" $RNG $NG/api/orders/1
    caplt $S express-422-post-nginx.txt 422 app express "POST without ref: the handler's JSON 422" "curl -skv --http1.1, only the < lines kept" -- -sv "${H1[@]}" $RNG -X POST "${JSONH[@]}" -d '{"total":2}' $NG/api/orders
    cap $S express-409-post-nginx-h2.txt 409 app express "POST of an existing ref: the handler's JSON 409" "curl -skv --http2" -- -sv "${H2[@]}" $RNG -X POST "${JSONH[@]}" -d '{"ref":"OS-1001"}' $NG/api/orders
    caphttp $S express-401-account-nginx-httpie.txt 401 app express "HTTPie over TLS, no token: the handler's JSON 401" "HTTPie with colours (https --verify=no)" -- --verify=no -v GET https://127.0.0.1:60605/api/account Host:$H
    capcut $S express-404-cannot-get-nginx.txt 404 app express "no route: Express's 'Cannot GET' page, passed on" "curl -sk --http1.1 -i, body cut off after the headers" -- -si "${H1[@]}" $RNG $NG/api/v2/orders
    cap $S express-413-upload-nginx.txt 413 app express "a 70 KB JSON body (nginx allows 100k on /api/uploads), express.json limit 64kb: finalhandler's HTML 413, passed on" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RNG -X POST "${JSONH[@]}" "${NOEXP[@]}" --data-binary @"$HUGE" $NG/api/uploads
    cap $S express-500-boom-nginx-h2.txt 500 app express "a thrown error: finalhandler's HTML 500, passed on" "curl -skv --http2" -- -sv "${H2[@]}" $RNG $NG/api/boom
    capraw $S express-502-payments-html-nginx.txt 502 app express "the app's own HTML 502 page (payment provider), passed on" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- -si "${H1[@]}" $RNG $NG/api/payments
    cap $S express-503-statements-html-nginx-h2.txt 503 app express "the app's own HTML 503 page, passed on" "curl -skv --http2" -- -sv "${H2[@]}" $RNG $NG/api/statements
    cap $S nginx-429-exports-json-h2.txt 429 proxy nginx "/api/exports/: return 429 with a JSON body, made by nginx" "curl -skv --http2" -- -sv "${H2[@]}" $RNG $NG/api/exports/daily
    capwin $S nginx-503-refunds-json.txt 503 proxy nginx "/api/refunds/: maintenance, return 503 with a JSON body and Retry-After" "curl -sk --http1.1 -i pasted with CRLF" -- -si "${H1[@]}" $RNG $NG/api/refunds/42
    cap $S nginx-503-beta-empty-h2.txt 503 proxy nginx "/api/beta/: return 503 with an empty error_page, only server: names it" "curl -skv --http2" -- -sv "${H2[@]}" $RNG $NG/api/beta/orders
    cap $S nginx-413-body-h2.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's stock 413" "curl -skv --http2" -- -sv "${H2[@]}" $RNG -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $NG/api/orders
    cap $S nginx-301-http-to-https.txt 301 proxy nginx "plain HTTP port: return 301 to https" "curl -si" -- -si --resolve api.osprey.test:60615:127.0.0.1 http://api.osprey.test:60615/api/orders/1
    cap $S nginx-301-v1-h2.txt 301 proxy nginx "/v1/: return 301 to /api/" "curl -skv --http2" -- -sv "${H2[@]}" $RNG $NG/v1/orders/1
    capwget $S nginx-502-legacy-refused-wget.txt 502 proxy nginx "/legacy/ to a port nobody listens on: nginx's stock 502" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:60605/legacy/orders/1
    cap $S nginx-502-ledger-reset-h2.txt 502 proxy nginx "/ledger/ to a service that resets the connection: nginx's stock 502" "curl -skv --http2" -- -sv "${H2[@]}" $RNG $NG/ledger/balance
    cap $S nginx-504-slow.txt 504 proxy nginx "the handler waits 5 s, proxy_read_timeout 3s: nginx's stock 504" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RNG $NG/api/slow
    cap $S nginx-421-unknown-host.txt 421 proxy nginx "a Host that is not ours: return 421, nginx's stock page" "curl -sk --http1.1 -i to 127.0.0.1" -- -si "${H1[@]}" -H 'Host: api.other.test' https://127.0.0.1:60605/api/orders/1
    capbody body-only-paste body-nginx-504-slow.txt 504/504 proxy nginx "nginx's stock 504 page (<title>504 Gateway Time-out</title>)" "curl -sk" -- -k $RNG "$NG/api/slow?from=dashboard"
    capbody body-only-paste body-express-404-cannot-get.txt 0/404 app express "Express's 'Cannot GET' page, no status number in it" "curl -sk" -- -k $RNG "$NG/api/v3/orders"
    caphead headers-only-paste head-nginx-503-beta.txt 503 proxy nginx "curl -sI over HTTP/2 on /api/beta/: nginx's 503 with the empty error_page" "" -- "${H2[@]}" $RNG $NG/api/beta/orders
    log "stopping Express: the dead-app answers"
    stop_name express
    cap $S nginx-502-app-stopped-h2.txt 502 proxy nginx "Express stopped (connection refused): nginx's stock 502" "curl -skv --http2" -- -sv "${H2[@]}" $RNG $NG/api/orders/1
fi

# ===================================================== Caddy (TLS, HTTP/2) -> Django (gunicorn) ==
if up caddy; then
    log "capturing: Django behind Caddy"
    S=django-gunicorn-caddy-tls-r105
    H=api.wrenfield.test:60601 C=https://api.wrenfield.test:60601 RC="--resolve api.wrenfield.test:60601:127.0.0.1"
    cap $S django-200-order-caddy-h2.txt 200 app django "HTTP/2 over TLS: order 1" "curl -skv --http2; Caddy's x-request-id next to the app's own x-request-id" -- -sv "${H2[@]}" $RC $C/api/orders/1
    caplt $S django-409-post-caddy-h2.txt 409 app django "POST of an existing ref: the view's JSON 409" "curl -skv --http2, only the < lines kept" -- -sv "${H2[@]}" $RC -X POST "${JSONH[@]}" -d '{"ref":"WF-1001"}' $C/api/orders
    caphttp $S django-401-account-caddy-httpie.txt 401 app django "HTTPie over TLS, no token: the view's JSON 401 with WWW-Authenticate" "HTTPie with colours (https --verify=no)" -- --verify=no -v GET https://127.0.0.1:60601/api/account Host:$H
    capwin $S django-403-admin-caddy.txt 403 app django "the view's JSON 403" "curl -sk --http1.1 -i pasted with CRLF" -- -si "${H1[@]}" $RC $C/api/admin
    capcut $S django-404-route-caddy.txt 404 app django "no route, DEBUG off: Django's HTML 'Not Found' page, passed on" "curl -sk --http1.1 -i, body cut off after the headers" -- -si "${H1[@]}" $RC $C/api/v2/orders
    cap $S django-429-quota-caddy-h2.txt 429 app django "the view's JSON 429 with Retry-After" "curl -skv --http2" -- -sv "${H2[@]}" $RC $C/api/quota
    cap $S django-413-upload-caddy.txt 413 app django "a 70 KB upload: the view's JSON 413 (Caddy sets no body limit)" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RC -X POST "${JSONH[@]}" "${NOEXP[@]}" --data-binary @"$HUGE" $C/api/uploads
    cap $S django-500-boom-caddy-h2.txt 500 app django "an uncaught error: Django's 'Server Error (500)', passed on" "curl -skv --http2" -- -sv "${H2[@]}" $RC $C/api/boom
    capraw $S django-502-payments-html-caddy.txt 502 app django "the app's own HTML 502 page (payment provider), passed on" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- -si "${H1[@]}" $RC $C/api/payments
    cap $S django-503-maintenance-caddy-h2.txt 503 app django "the view's own JSON 503 with Retry-After, passed on" "curl -skv --http2" -- -sv "${H2[@]}" $RC $C/api/maintenance
    cap $S caddy-429-exports-json-h2.txt 429 proxy caddy "/api/exports/*: respond with a JSON 429, made by Caddy" "curl -skv --http2" -- -sv "${H2[@]}" $RC $C/api/exports/daily
    cap $S caddy-503-refunds-json.txt 503 proxy caddy "/api/refunds/*: maintenance, Caddy's JSON 503 with Retry-After" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RC $C/api/refunds/42
    cap $S caddy-503-beta-empty-h2.txt 503 proxy caddy "/api/beta/*: respond 503 with no body, only server: Caddy names it" "curl -skv --http2" -- -sv "${H2[@]}" $RC $C/api/beta/orders
    cap $S caddy-403-internal-empty.txt 403 proxy caddy "/internal/*: error 403, Caddy's default error answer (empty body)" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RC $C/internal/metrics
    cap $S caddy-301-v1-h2.txt 301 proxy caddy "/v1/*: redir to /api/ 301" "curl -skv --http2" -- -sv "${H2[@]}" $RC $C/v1/orders/1
    cap $S caddy-502-legacy-refused-empty-h2.txt 502 proxy caddy "/legacy/* to a port nobody listens on (refused): Caddy's 502, empty body" "curl -skv --http2" -- -sv "${H2[@]}" $RC $C/legacy/orders/1
    capwget $S caddy-502-ledger-reset-wget.txt 502 proxy caddy "/ledger/* to a service that resets the connection: Caddy's 502, empty body" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:60601/ledger/balance
    cap $S caddy-504-slow-empty.txt 504 proxy caddy "the view waits 5 s, response_header_timeout 3s: Caddy's 504, empty body" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RC $C/api/slow
    capbody body-only-paste body-django-500-boom.txt 500/500 app django "Django's 'Server Error (500)'" "curl -sk" -- -k $RC "$C/api/boom?from=dashboard"
    capbody body-only-paste body-caddy-503-refunds-json.txt 0/503 proxy caddy "Caddy's maintenance JSON (no number in it)" "curl -sk" -- -k $RC "$C/api/refunds/43"
    caphead headers-only-paste head-caddy-502-legacy.txt 502 proxy caddy "curl -sI over HTTP/2 on /legacy/: Caddy's 502 (refused)" "" -- "${H2[@]}" $RC $C/legacy/orders/2
    log "stopping Django: the dead-app answers"
    stop_name django
    cap $S caddy-502-app-stopped-empty.txt 502 proxy caddy "Django stopped (connection refused): Caddy's 502, empty body" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RC $C/api/orders/1
fi

# ===================================================== Apache (mod_ssl, mod_http2) -> FastAPI (uvicorn) ==
if up apache; then
    log "capturing: FastAPI behind Apache"
    S=fastapi-uvicorn-apache-tls-r105
    H=api.halyard.test:60603 AP=https://api.halyard.test:60603 RAP="--resolve api.halyard.test:60603:127.0.0.1"
    cap $S fastapi-200-order-apache-h2.txt 200 app fastapi "HTTP/2 over TLS: order 1" "curl -skv --http2; Apache's x-request-id and via, the app's x-correlation-id" -- -sv "${H2[@]}" $RAP $AP/api/orders/1
    cap $S fastapi-422-validation-apache.txt 422 app fastapi "POST without ref: FastAPI's validation 422" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RAP -X POST "${JSONH[@]}" -d '{"total":2}' $AP/api/orders
    capwin $S fastapi-409-post-apache.txt 409 app fastapi "POST of an existing ref: the handler's HTTPException 409" "curl -sk --http1.1 -i pasted with CRLF" -- -si "${H1[@]}" $RAP -X POST "${JSONH[@]}" -d '{"ref":"HY-1001"}' $AP/api/orders
    caphttp $S fastapi-401-account-apache-httpie.txt 401 app fastapi "HTTPie over TLS, no token: the handler's 401" "HTTPie with colours (https --verify=no)" -- --verify=no -v GET https://127.0.0.1:60603/api/account Host:$H
    caplt $S fastapi-405-delete-order-apache-h2.txt 405 app fastapi "DELETE on order 1: Starlette's 405 with Allow" "curl -skv --http2, only the < lines kept" -- -sv "${H2[@]}" $RAP -X DELETE $AP/api/orders/1
    cap $S fastapi-404-route-apache-h2.txt 404 app fastapi "no route: Starlette's {\"detail\":\"Not Found\"}, passed on" "curl -skv --http2" -- -sv "${H2[@]}" $RAP $AP/api/v2/orders
    cap $S fastapi-413-upload-apache-h2.txt 413 app fastapi "a 70 KB upload: the handler's 413 (Apache's LimitRequestBody not set)" "curl -skv --http2" -- -sv "${H2[@]}" $RAP -X POST "${JSONH[@]}" --data-binary @"$HUGE" $AP/api/uploads
    cap $S fastapi-500-boom-apache-h2.txt 500 app fastapi "an uncaught error: Starlette's plain-text 500, passed on" "curl -skv --http2" -- -sv "${H2[@]}" $RAP $AP/api/boom
    cap $S fastapi-502-payments-html-apache.txt 502 app fastapi "the app's own HTML 502 page, passed on with Apache's Via" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RAP $AP/api/payments
    capraw $S fastapi-503-maintenance-apache.txt 503 app fastapi "the handler's own JSON 503 with Retry-After, passed on" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- -si "${H1[@]}" $RAP $AP/api/maintenance
    cap $S apache-429-exports-json-h2.txt 429 proxy apache "/api/exports/: R=429 with a JSON ErrorDocument, made by Apache" "curl -skv --http2" -- -sv "${H2[@]}" $RAP $AP/api/exports/daily
    cap $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: maintenance, R=503 with a JSON ErrorDocument" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RAP $AP/api/refunds/42
    cap $S apache-503-beta-empty-h2.txt 503 proxy apache "/api/beta/: R=503 whose ErrorDocument is an empty file" "curl -skv --http2" -- -sv "${H2[@]}" $RAP $AP/api/beta/orders
    cap $S apache-301-v1-h2.txt 301 proxy apache "/v1/: RewriteRule R=301 to /api/" "curl -skv --http2" -- -sv "${H2[@]}" $RAP $AP/v1/orders/1
    capwget $S apache-503-legacy-refused-wget.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's stock 503" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:60603/legacy/orders/1
    cap $S apache-500-ledger-reset-h2.txt 500 proxy apache "/ledger/ over HTTP/2 to a service that resets the connection: Apache's stock 500 (run 1 showed 500, not the 502 round 97 saw over HTTP/1.1; label corrected and re-run)" "curl -skv --http2" -- -sv "${H2[@]}" $RAP $AP/ledger/balance
    cap $S apache-502-slow-timeout.txt 502 proxy apache "the handler waits 5 s, ProxyTimeout 3: Apache's stock 502 (rounds 83, 86 and 97 saw 502 here)" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RAP $AP/api/slow
    cap $S apache-404-unknown-host.txt 404 proxy apache "a Host that is not ours (no SNI): the first virtual host's empty DocumentRoot, Apache's stock 404" "curl -sk --http1.1 -i to 127.0.0.1" -- -si "${H1[@]}" -H 'Host: api.other.test' https://127.0.0.1:60603/api/orders/1
    capbody body-only-paste body-apache-500-ledger-reset.txt 500/500 proxy apache "Apache's stock 500 page over HTTP/2 (<title>500 Internal Server Error</title>; run 1 showed 500, label corrected and re-run)" "curl -sk" -- -k $RAP "$AP/ledger/balance?from=dashboard"
    capbody body-only-paste body-fastapi-500-boom.txt 0/500 app fastapi "Starlette's plain 'Internal Server Error', no number in it" "curl -sk" -- -k $RAP "$AP/api/boom?from=dashboard"
    caphead headers-only-paste head-fastapi-405-order.txt 405 app fastapi "curl -sI over HTTP/2 on order 1: the route is GET only, so the HEAD gets Starlette's 405" "" -- "${H2[@]}" $RAP $AP/api/orders/1
    log "stopping FastAPI: the dead-app answers"
    stop_name fastapi
    cap $S apache-503-app-stopped-h2.txt 503 proxy apache "FastAPI stopped (connection refused): Apache's stock 503" "curl -skv --http2" -- -sv "${H2[@]}" $RAP $AP/api/orders/1
fi

# ===================================================== HAProxy (TLS, alpn h2) -> Flask (gunicorn) ==
if up haproxy; then
    log "capturing: Flask behind HAProxy"
    S=flask-gunicorn-haproxy-tls-r105
    H=api.tamarind.test:60602 HA=https://api.tamarind.test:60602 RHA="--resolve api.tamarind.test:60602:127.0.0.1"
    cap $S flask-200-order-haproxy-h2.txt 200 app flask "HTTP/2 over TLS: order 1" "curl -skv --http2; HAProxy's x-request-id (Flask echoes it, HAProxy sets it again)" -- -sv "${H2[@]}" $RHA $HA/api/orders/1
    caplt $S flask-422-post-haproxy-h2.txt 422 app flask "POST without ref: the handler's JSON 422" "curl -skv --http2, only the < lines kept" -- -sv "${H2[@]}" $RHA -X POST "${JSONH[@]}" -d '{"total":2}' $HA/api/orders
    capwin $S flask-409-post-haproxy.txt 409 app flask "POST of an existing ref: the handler's JSON 409" "curl -sk --http1.1 -i pasted with CRLF" -- -si "${H1[@]}" $RHA -X POST "${JSONH[@]}" -d '{"ref":"TM-1001"}' $HA/api/orders
    caphttp $S flask-401-account-haproxy-httpie.txt 401 app flask "HTTPie over TLS, no token: the handler's JSON 401" "HTTPie with colours (https --verify=no)" -- --verify=no -v GET https://127.0.0.1:60602/api/account Host:$H
    cap $S flask-403-admin-haproxy-h2.txt 403 app flask "the handler's JSON 403" "curl -skv --http2" -- -sv "${H2[@]}" $RHA $HA/api/admin
    capcut $S flask-404-route-haproxy.txt 404 app flask "no route: Werkzeug's HTML 404, passed on" "curl -sk --http1.1 -i, body cut off after the headers" -- -si "${H1[@]}" $RHA $HA/api/v2/orders
    cap $S flask-405-put-order-haproxy-h2.txt 405 app flask "PUT on order 1: Werkzeug's HTML 405, passed on" "curl -skv --http2" -- -sv "${H2[@]}" $RHA -X PUT "${JSONH[@]}" -d '{}' $HA/api/orders/1
    cap $S flask-500-boom-haproxy.txt 500 app flask "an uncaught error: Werkzeug's HTML 500, passed on" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RHA $HA/api/boom
    capraw $S flask-502-payments-html-haproxy.txt 502 app flask "the app's own HTML 502 page, passed on" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- -si "${H1[@]}" $RHA $HA/api/payments
    cap $S flask-503-statements-html-haproxy-h2.txt 503 app flask "the app's own HTML 503 page, passed on" "curl -skv --http2" -- -sv "${H2[@]}" $RHA $HA/api/statements
    cap $S haproxy-429-exports-json-h2.txt 429 load-balancer haproxy "/api/exports/: http-request return 429 with JSON, made by HAProxy" "curl -skv --http2" -- -sv "${H2[@]}" $RHA $HA/api/exports/daily
    cap $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: maintenance, http-request return 503 JSON with Retry-After" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RHA $HA/api/refunds/42
    cap $S haproxy-503-beta-empty-h2.txt 503 load-balancer haproxy "/api/beta/: http-request return status 503 with no body" "curl -skv --http2" -- -sv "${H2[@]}" $RHA $HA/api/beta/orders
    cap $S haproxy-301-v1-h2.txt 301 load-balancer haproxy "/v1/: http-request redirect location /api/ code 301" "curl -skv --http2" -- -sv "${H2[@]}" $RHA $HA/v1/orders/1
    capwget $S haproxy-503-legacy-down-wget.txt 503 load-balancer haproxy "/legacy/: its only server is down by its check: HAProxy's stock 503" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:60602/legacy/orders/1
    cap $S haproxy-502-ledger-reset.txt 502 load-balancer haproxy "/ledger/ to a server that resets the connection: HAProxy's stock 502 (over HTTP/1.1: run 1 over HTTP/2 got REFUSED_STREAM and no response)" "curl -skv --http1.1" -- -sv "${H1[@]}" $RHA $HA/ledger/balance
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "the handler waits 5 s, timeout server 3s: HAProxy's stock 504" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RHA $HA/api/slow
    cap $S haproxy-404-unknown-host.txt 404 load-balancer haproxy "a Host that is not ours: deny_status 404, HAProxy's stock 404" "curl -sk --http1.1 -i to 127.0.0.1" -- -si "${H1[@]}" -H 'Host: api.other.test' https://127.0.0.1:60602/api/orders/1
    capbody body-only-paste body-haproxy-504-slow.txt 504/504 load-balancer haproxy "HAProxy's stock 504 page (<h1>504 Gateway Time-out</h1>)" "curl -sk" -- -k $RHA "$HA/api/slow?from=dashboard"
    capbody body-only-paste body-flask-404-route.txt 404/404 app flask "Werkzeug's HTML 404 (<title>404 Not Found</title>)" "curl -sk" -- -k $RHA "$HA/api/v3/orders"
    caphead headers-only-paste head-flask-200-order.txt 200 app flask "curl -sI over HTTP/2 on order 1: Flask answers HEAD from its GET route" "" -- "${H2[@]}" $RHA $HA/api/orders/1
    log "stopping Flask: the dead-app answers"
    stop_name flask
    cap $S haproxy-503-app-stopped-h2.txt 503 load-balancer haproxy "Flask stopped (connection refused, no health check on the server): HAProxy's stock 503" "curl -skv --http2" -- -sv "${H2[@]}" $RHA $HA/api/orders/1
fi

# ===================================================== nginx (TLS, HTTP/2) -> Varnish -> Sinatra (Puma) ==
if up nginx && up varnish; then
    log "capturing: Sinatra behind Varnish behind nginx"
    S=sinatra-puma-nginx-varnish-r105
    H=api.wayfarer.test:60607 W=https://api.wayfarer.test:60607 RW="--resolve api.wayfarer.test:60607:127.0.0.1"
    cap $S sinatra-200-shipment-chain-miss-h2.txt 200 app sinatra "shipment 1, first request: a MISS at Varnish, stored (public, max-age=60, ETag)" "curl -skv --http2; nginx's x-request-id, the app's own, Varnish's x-varnish and via" -- -sv "${H2[@]}" $RW $W/api/shipments/1
    cap $S varnish-200-shipment-hit-h2.txt 200 cdn-cache varnish "shipment 1 again: from Varnish's store, through nginx" "curl -skv --http2; x-cache: HIT" -- -sv "${H2[@]}" $RW $W/api/shipments/1
    caplt $S varnish-304-shipment-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304, through nginx" "curl -skv --http1.1, only the < lines kept" -- -sv "${H1[@]}" $RW -H 'If-None-Match: "shp-1-v3"' $W/api/shipments/1
    cap $S sinatra-404-shipment9-chain-miss.txt 404 app sinatra "shipment 9, first request: the app's JSON 404, kept 60 s by Varnish" "curl -sk --http1.1 -i; x-cache: MISS" -- -si "${H1[@]}" $RW $W/api/shipments/9
    cap $S sinatra-404-shipment9-chain-hit-h2.txt 404 app sinatra "shipment 9 again: the app's 404 replayed from Varnish's store (an app error kept by the cache: app)" "curl -skv --http2; x-cache: HIT" -- -sv "${H2[@]}" $RW $W/api/shipments/9
    cap $S sinatra-200-shipment-short-chain-miss.txt 200 app sinatra "shipment 1 with ?view=short, first request: a MISS, kept 1 s with 1 h of grace" "curl -sk --http1.1 -i; x-cache: MISS" -- -si "${H1[@]}" $RW "$W/api/shipments/1?view=short"
    sleep 2.2
    cap $S varnish-200-shipment-short-stale-h2.txt 200 cdn-cache varnish "the same URL 2 s later: past its 1 s TTL, served stale from grace while Varnish refetches" "curl -skv --http2; x-cache: HIT-STALE" -- -sv "${H2[@]}" $RW "$W/api/shipments/1?view=short"
    capwin $S sinatra-400-shipment-id-chain.txt 400 app sinatra "a shipment id that is not a number: the handler's JSON 400" "curl -sk --http1.1 -i pasted with CRLF" -- -si "${H1[@]}" $RW $W/api/shipments/abc
    caphttp $S sinatra-401-account-chain-httpie.txt 401 app sinatra "HTTPie over TLS, no token: the handler's JSON 401 with WWW-Authenticate" "HTTPie with colours (https --verify=no)" -- --verify=no -v GET https://127.0.0.1:60607/api/account Host:$H
    capcut $S sinatra-404-route-chain.txt 404 app sinatra "no route: Sinatra's '<h1>Not Found</h1>', passed on (a MISS)" "curl -sk --http1.1 -i, body cut off after the headers" -- -si "${H1[@]}" $RW $W/api/v2/shipments
    cap $S sinatra-500-boom-chain-h2.txt 500 app sinatra "an uncaught error: Sinatra's '<h1>Internal Server Error</h1>', passed on" "curl -skv --http2" -- -sv "${H2[@]}" $RW $W/api/boom
    cap $S sinatra-502-rates-json-chain.txt 502 app sinatra "the carrier rates dependency refuses: the app's own JSON 502, passed on by both fronts" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RW $W/api/rates
    capraw $S sinatra-504-tracking-json-chain.txt 504 app sinatra "the tracking dependency never answers (1 s): the app's own JSON 504, passed on" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- -si "${H1[@]}" $RW $W/api/tracking/1
    cap $S sinatra-502-labels-html-chain-h2.txt 502 app sinatra "the label printer refuses: the app's own HTML 502 page, passed on" "curl -skv --http2" -- -sv "${H2[@]}" $RW $W/api/labels/1
    cap $S varnish-429-quotas-json-chain-h2.txt 429 cdn-cache varnish "/api/quotas/: synth 429 with a JSON body, made by Varnish (the inner front), passed on by nginx" "curl -skv --http2" -- -sv "${H2[@]}" $RW $W/api/quotas/daily
    cap $S varnish-503-returns-json-chain.txt 503 cdn-cache varnish "/api/returns/: maintenance, synth 503 JSON with Retry-After from Varnish" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RW $W/api/returns/42
    cap $S varnish-503-alpha-empty-chain-h2.txt 503 cdn-cache varnish "/api/alpha/: Varnish's synth 503 with an empty body" "curl -skv --http2" -- -sv "${H2[@]}" $RW $W/api/alpha/orders
    cap $S varnish-301-v2-chain.txt 301 cdn-cache varnish "/v2/: Varnish's synth 301 to /api/" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RW $W/v2/shipments/1
    cap $S varnish-503-slow-chain-h2.txt 503 cdn-cache varnish "the handler waits 5 s, first_byte_timeout 3s: Varnish's 'Backend fetch failed' 503 (nginx waits 10 s)" "curl -skv --http2" -- -sv "${H2[@]}" $RW $W/api/slow
    capwget $S varnish-503-legacy-refused-chain-wget.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: Varnish's 'Backend fetch failed' 503" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:60607/legacy/orders/1
    cap $S nginx-429-exports-json-chain-h2.txt 429 proxy nginx "/api/exports/: the outer nginx's own JSON 429" "curl -skv --http2" -- -sv "${H2[@]}" $RW $W/api/exports/daily
    cap $S nginx-503-beta-empty-chain.txt 503 proxy nginx "/api/beta/: the outer nginx's 503 with an empty error_page" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RW $W/api/beta/orders
    cap $S nginx-502-edge-refused-chain-h2.txt 502 proxy nginx "/edge/: the outer nginx to a port nobody listens on: nginx's stock 502" "curl -skv --http2" -- -sv "${H2[@]}" $RW $W/edge/status
    capbody body-only-paste body-varnish-503-slow-chain.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page through nginx (<title>503 Backend fetch failed</title>)" "curl -sk" -- -k $RW "$W/api/slow?from=dashboard"
    caphead headers-only-paste head-varnish-200-shipment-hit.txt 200 cdn-cache varnish "curl -sI over HTTP/2 on shipment 1, stored in Varnish" "x-cache: HIT" -- "${H2[@]}" $RW $W/api/shipments/1
    log "stopping Sinatra, then Varnish: the dead-app and dead-inner-front answers"
    stop_name sinatra
    cap $S varnish-200-shipment-hit-app-stopped.txt 200 cdn-cache varnish "Sinatra stopped: shipment 1 still answered from Varnish's store" "curl -sk --http1.1 -i; x-cache: HIT" -- -si "${H1[@]}" $RW $W/api/shipments/1
    cap $S varnish-503-app-stopped-chain-h2.txt 503 cdn-cache varnish "Sinatra stopped (connection refused), a path never stored: 'Backend fetch failed' 503" "curl -skv --http2" -- -sv "${H2[@]}" $RW $W/api/shipments/2
    stop_name varnish
    cap $S nginx-502-varnish-stopped-chain.txt 502 proxy nginx "Varnish stopped (connection refused): the outer nginx's stock 502" "curl -sk --http1.1 -i" -- -si "${H1[@]}" $RW $W/api/shipments/1
fi

# ===================================================== Squid (https_port, TLS) -> gin ==
if up squid; then
    log "capturing: gin behind Squid"
    S=gin-squid-tls-r105
    H=api.tamarack.test:60604 SQ=https://api.tamarack.test:60604 RSQ="--resolve api.tamarack.test:60604:127.0.0.1"
    cap $S gin-200-product-squid-miss.txt 200 app gin "product 1 over TLS, first request: a MISS, stored (public, max-age=300, ETag)" "curl -skv; Squid's X-Request-ID, Via" -- -sv -k $RSQ $SQ/api/products/1
    cap $S squid-200-product-hit.txt 200 cdn-cache squid "product 1 again: from Squid's memory cache" "curl -sk -i; X-Cache: HIT, Age" -- -si -k $RSQ $SQ/api/products/1
    caplt $S squid-304-product-if-none-match.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's own 304" "curl -skv, only the < lines kept" -- -sv -k $RSQ -H 'If-None-Match: "tm-p1-v3"' $SQ/api/products/1
    capwin $S gin-400-post-binding-squid.txt 400 app gin "POST without sku: gin's binding error as JSON 400" "curl -sk -i pasted with CRLF" -- -si -k $RSQ -X POST "${JSONH[@]}" -d '{"qty":2}' $SQ/api/orders
    caphttp $S gin-401-account-squid-httpie.txt 401 app gin "HTTPie over TLS, no token: the handler's JSON 401 with WWW-Authenticate" "HTTPie with colours (https --verify=no)" -- --verify=no -v GET https://127.0.0.1:60604/api/account Host:$H
    capcut $S gin-404-route-squid.txt 404 app gin "no route: gin's text '404 page not found', passed on" "curl -sk -i, body cut off after the headers" -- -si -k $RSQ $SQ/api/v2/products
    cap $S gin-500-boom-empty-squid.txt 500 app gin "a panic: gin.Recovery's 500 with an empty body, passed on" "curl -skv" -- -sv -k $RSQ $SQ/api/boom
    capraw $S gin-503-statements-html-squid.txt 503 app gin "the app's own HTML 503 page, passed on" "curl -sk -i saved to a file (CRs kept)" -- -si -k $RSQ $SQ/api/statements
    cap $S gin-503-maintenance-squid.txt 503 app gin "the handler's own JSON 503 with Retry-After, passed on" "curl -sk -i" -- -si -k $RSQ $SQ/api/maintenance
    cap $S squid-403-internal.txt 403 cdn-cache squid "/internal/: http_access deny, ERR_ACCESS_DENIED" "curl -sk -i" -- -si -k $RSQ $SQ/internal/metrics
    cap $S squid-301-v1.txt 301 cdn-cache squid "/v1/: deny_info 301 to /api/" "curl -skv" -- -sv -k $RSQ $SQ/v1/products/1
    cap $S squid-413-body.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "curl -sk -i" -- -si -k $RSQ -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $SQ/api/orders
    cap $S squid-504-slow.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 3 seconds: ERR_READ_TIMEOUT" "curl -skv" -- -sv -k $RSQ $SQ/api/slow
    capwget $S squid-502-legacy-refused-wget.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page (rounds 83, 84, 86, 97 saw 502)" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:60604/legacy/orders/1
    cap $S squid-502-ledger-reset.txt 502 cdn-cache squid "/ledger/ to a peer that resets the connection: Squid's error page" "curl -sk -i" -- -si -k $RSQ $SQ/ledger/balance
    capbody body-only-paste body-squid-504-slow.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page (its title names the error, not a number)" "curl -sk" -- -k $RSQ "$SQ/api/slow?from=dashboard"
    capbody body-only-paste body-gin-404-route.txt 404/404 app gin "gin's '404 page not found'" "curl -sk" -- -k $RSQ "$SQ/api/v3/products"
    caphead headers-only-paste head-squid-200-product-hit.txt 200 cdn-cache squid "curl -sI over TLS on product 1, stored in Squid's memory" "X-Cache: HIT" -- -k $RSQ $SQ/api/products/1
    log "stopping gin: the dead-app answers"
    stop_name gin
    cap $S squid-200-product-hit-app-stopped.txt 200 cdn-cache squid "gin stopped: product 1 still answered from Squid's store" "curl -sk -i; X-Cache: HIT" -- -si -k $RSQ $SQ/api/products/1
    cap $S squid-503-app-stopped.txt 503 cdn-cache squid "gin stopped (connection refused), a path never stored: ERR_CONNECT_FAIL (rounds 83, 97 saw 503)" "curl -skv" -- -sv -k $RSQ $SQ/api/products/2
fi

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in caddy haproxy apache squid nginx varnish; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round105/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
