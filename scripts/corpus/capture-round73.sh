#!/usr/bin/env bash
# capture-round73.sh — build the seventy-third held-out evidence corpus in
# tests/fixtures/evidence-round73/.
#
# "Mainstream fronts refusing by their own rules, as their docs set them
# up": six mainstream apps, each behind one front that enforces limits and
# access rules itself with the directives its official docs show, left at
# their defaults where the docs leave them. Alongside, each app's own
# 200/400/401/403/404/413/422/429/500/503 in its own format, so the same
# codes come from both the front and the app. No front adds a request id
# (no doc example here does); Flask, Express and Go add their own, as in
# round 71. Front configs in scripts/corpus/conf-round73/, apps in
# scripts/corpus/apps73/:
#   - Flask 3.1 on gunicorn (apps73/flask_app.py) behind nginx 1.22:
#     limit_req (503 and limit_req_status 429), limit_conn (503),
#     client_max_body_size (413), allow/deny (403), auth_basic (401),
#     return 444, return 503 with and without error_page (HTTP/1.1 and
#     TLS + HTTP/2);
#   - Django 5.2 on gunicorn (apps73/django_app.py) behind Apache 2.4:
#     Require ip (403), AuthType Basic (401), a
#     maintenance RewriteRule [R=503] with and without ErrorDocument;
#   - Express 4 (apps73/express_app.js) behind Caddy 2.6: basicauth (401),
#     respond 403 / 503, request_body max_size (HTTP/1.1 and TLS + HTTP/2);
#   - FastAPI on uvicorn (apps73/fastapi_app.py) behind HAProxy 2.6:
#     http-request deny (403), deny_status 429 with a stick-table rate
#     limit, maxconn + timeout queue (503), http-request auth (401), a
#     maintenance backend's errorfile (503);
#   - Go net/http (apps73/nethttp_app.go) behind Varnish 7.1: synth(403)
#     from an acl, synth(429) from vmod_vsthrottle, a health probe marking
#     a backend sick (503);
#   - Fastify 4 (apps73/fastify_app.js) behind Squid 5.7 as an accelerator:
#     http_access deny (403), reply_body_max_size (403 ERR_TOO_BIG),
#     request_body_max_size (413).
# Paste forms: curl -sv / -si transcripts (some saved with their CRs, some
# with CRLF on every line, some with only the `<` lines of -v kept, some cut
# off after the headers), HTTPie with colours, `wget -S -O-`, body-only and
# headers-only pastes.
#
#   scripts/corpus/capture-round73.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round73.sh   # never call apt-get / npm / pip
#   CORPUS_KEEP_RUN=1 capture-round73.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 61000-61099) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round73.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round73"
RUN=/tmp/api-triage-corpus73-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round73"
APPS="$HERE/apps73"
NODE_DIR=${CORPUS_NODE73:-/tmp/api-triage-corpus73-node}
GO_DIR=${CORPUS_GO73:-/tmp/api-triage-corpus73-go}
VENV=${CORPUS_VENV73:-/tmp/api-triage-corpus73-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
NPM=(express@4.22.1 fastify@4.29.1)
PYPI=(flask==3.1.3 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0 httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus73 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl nodejs apache2 apache2-utils nginx haproxy varnish varnish-modules squid caddy golang-go python3-venv)
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

install_npm() {  # Express and Fastify, from npm
    [[ -e $NODE_DIR/node_modules/express/package.json && -e $NODE_DIR/node_modules/fastify/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus73","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

install_venv() {  # Flask, gunicorn, Django, FastAPI, uvicorn and HTTPie, from PyPI
    [[ -x $VPY ]] && "$VPY" -c "import flask, gunicorn, django, fastapi, uvicorn, httpie" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

build_go() {  # the net/http app: standard library only, offline
    [[ -x $GO_DIR/nethttp_app && $GO_DIR/nethttp_app -nt $APPS/nethttp_app.go ]] && return 0
    mkdir -p "$GO_DIR"
    log "go build nethttp_app"
    (cd "$APPS" && GO111MODULE=off GOPROXY=off GOFLAGS= GOCACHE="$GO_DIR/cache" \
        nice -n 15 timeout 600 go build -o "$GO_DIR/nethttp_app" nethttp_app.go) >>"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[nethttp_app]="go build failed (see logs/go-build.log)"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round73.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS ]] || die "missing $CONF or $APPS"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn,www}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_npm
install_venv
[[ -z ${SKIPPED[npm]:-} ]] || die "the Node modules are missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
have openssl || die "openssl is missing"
have golang-go || die "Go is missing"
have apache2-utils || die "htpasswd (apache2-utils) is missing"
build_go
[[ -z ${SKIPPED[nethttp_app]:-} ]] || die "the Go app did not build (see $RUN/logs/go-build.log)"

# apps: Flask 61015 (nginx 61080, TLS 61043), Django 61016 (Apache 61081),
# Express 61017 (Caddy 61083, TLS 61044), FastAPI 61018 (HAProxy 61082),
# Go net/http 61019 (Varnish 61090), Fastify 61020 (Squid 61050). 61099 is
# never listened on (the switched-off /legacy/ service nginx, Apache, Caddy
# and HAProxy still route to).
APP_PORTS=(61015 61016 61017 61018 61019 61020)
FRONT_PORTS=(61080 61043 61081 61083 61044 61082 61090 61050)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 61099; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for nginx and Caddy --------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Round73/CN=api.tamarind.test" \
    -addext "subjectAltName=DNS:api.tamarind.test,DNS:api.osprey.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- the operators' password (nginx and Apache read an htpasswd file; Caddy
# a bcrypt hash; HAProxy's userlist holds it as insecure-password) ------------
OPS_PASS=s3cret-ops
timeout 20 htpasswd -cbm "$RUN/htpasswd" ops "$OPS_PASS" >"$RUN/logs/htpasswd.log" 2>&1 || die "htpasswd failed"
chmod 644 "$RUN/htpasswd"
OPSHASH=$(timeout 60 caddy hash-password --plaintext "$OPS_PASS" 2>>"$RUN/logs/caddy-hash.log") || die "caddy hash-password failed"
cp "$CONF/maintenance.html" "$RUN/www/maintenance.html"
chmod -R a+rX "$RUN/www"

# ---- apps -------------------------------------------------------------------
declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_bg flask nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:61015 --workers 2 --chdir "$APPS" \
    --worker-tmp-dir "$RUN/gunicorn" flask_app:app
start_bg django nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:61016 --workers 2 --chdir "$APPS" \
    --worker-tmp-dir "$RUN/gunicorn" django_app:application
start_bg express "${NODEENV[@]}" "$APPS/express_app.js" 61017
start_bg fastapi nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS" --host 127.0.0.1 --port 61018 fastapi_app:app
start_bg go nice -n 5 "$GO_DIR/nethttp_app" 61019
start_bg fastify "${NODEENV[@]}" "$APPS/fastify_app.js" 61020
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
mkdir -p "$RUN"/apache/logs
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 61081 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s|@OPSHASH@|$OPSHASH|g"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 61083 caddy && wait_port 61044 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
cp "$CONF/haproxy-maintenance.http" "$RUN/haproxy/maintenance.http"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 61082 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:61090 -T none -f "$RUN/varnish/default.vcl" \
    -n "$RUN/varnish/bramble" -s malloc,16m
wait_port 61090 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus73 -f "$RUN/squid/squid.conf"
wait_port 61050 squid && UP[squid]=1

mkdir -p "$RUN"/nginx/tmp
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 61080 nginx && wait_port 61043 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
sleep 1.5

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 61000 || p > 61099) print}')
[[ -z $NEWPORTS ]] || die "a server listens outside 61000-61099: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 73 (held out): real responses captured by
# scripts/corpus/capture-round73.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-72:
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

T=api.tamarind.test W=api.wrenfield.test O=api.osprey.test H=api.halyard.test B=api.bramble.test M=api.saltmarsh.test
NG=http://$T:61080 NGS=https://$T:61043 AP=http://$W:61081 CD=http://$O:61083 CDS=https://$O:61044
HA=http://$H:61082 VN=http://$B:61090 SQ=http://$M:61050
# one --resolve per front keeps the transcripts short
RNG="--resolve $T:61080:127.0.0.1" RNGS="--resolve $T:61043:127.0.0.1" RAP="--resolve $W:61081:127.0.0.1"
RCD="--resolve $O:61083:127.0.0.1" RCDS="--resolve $O:61044:127.0.0.1" RHA="--resolve $H:61082:127.0.0.1"
RVN="--resolve $B:61090:127.0.0.1" RSQ="--resolve $M:61050:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
BINH=(-H 'Content-Type: application/octet-stream')
# oversized bodies as files in the work folder (--data-binary @file): 200 KB
# (over every app's 64 KB, under every front's 1 MB) and 1.5 MB (over the fronts')
{ printf '{"name":"statement.csv","data":"'; head -c 200000 /dev/zero | tr '\0' 'd'; printf '"}'; } >"$RUN/work/upload-200k.json"
{ printf '{"name":"archive.csv","data":"'; head -c 1500000 /dev/zero | tr '\0' 'd'; printf '"}'; } >"$RUN/work/upload-1500k.json"
head -c 1500000 /dev/zero | tr '\0' 'b' >"$RUN/work/import-1500k.bin"

# hold URL...: one request kept open in the background (bounded by timeout),
# to fill a connection limit; unhold waits for it.
HOLD=
hold() { in_work timeout 10 curl -s -o /dev/null "$@" & HOLD=$!; sleep 0.6; }
unhold() { [[ -n $HOLD ]] && wait "$HOLD" 2>/dev/null; HOLD=; }
# prime N URL...: N quiet requests that use up a rate limit
prime() { local n=$1 i; shift; for ((i = 0; i < n; i++)); do quiet "$@"; done; }

# ============================================= nginx -> Flask on gunicorn ==
if up nginx; then
    log "capturing: Flask on gunicorn behind nginx"
    S=flask-gunicorn-nginx-rules
    cap $S flask-200-order-nginx.txt 200 app flask "order 1 through nginx" "X-Request-ID from the app's after_request hook, Server: nginx/1.22.1" -- -sv $RNG $NG/api/orders/1
    cap $S flask-200-order-nginx-h2.txt 200 app flask "HTTP/2 over TLS: order 1" "" -- -sv -k $RNGS $NGS/api/orders/1
    cap $S flask-400-order-id-nginx.txt 400 app flask "an order id that is not a number: the handler's JSON 400" "curl -si" -- -si $RNG $NG/api/orders/abc
    caphttp $S flask-401-account-nginx-httpie.txt 401 app flask "HTTPie, no token: the handler's JSON 401 with its request_id" "HTTPie with colours" -- -v GET http://127.0.0.1:61080/api/account Host:$T
    cap $S flask-403-admin-nginx.txt 403 app flask "the handler's JSON 403" "curl -si" -- -si $RNG $NG/api/admin
    caplt $S flask-404-order-nginx.txt 404 app flask "order 9: the handler's JSON 404" "curl -sv, only the < lines kept" -- -sv $RNG $NG/api/orders/9
    capraw $S flask-413-upload-nginx.txt 413 app flask "a 200 KB upload (under nginx's 1m, over the app's MAX_CONTENT_LENGTH 64 KB): Werkzeug's HTML 413" "curl -si saved to a file (CRs kept)" -- -si $RNG -X POST "${JSONH[@]}" --data-binary @upload-200k.json $NG/api/uploads
    cap $S flask-422-post-nginx.txt 422 app flask "POST without ref: the handler's JSON 422" "curl -si" -- -si $RNG -X POST "${JSONH[@]}" -d '{"total":3}' $NG/api/orders
    cap $S flask-429-quota-nginx.txt 429 app flask "the handler's own JSON 429 with Retry-After and its request_id" "curl -si" -- -si $RNG $NG/api/quota
    cap $S flask-500-boom-nginx.txt 500 app flask "an unhandled RuntimeError: Werkzeug's HTML 500 page, with the app's X-Request-ID" "curl -si" -- -si $RNG $NG/api/boom
    capcut $S flask-503-maintenance-nginx-h2.txt 503 app flask "HTTP/2 over TLS: the handler's own JSON 503 (maintenance)" "curl -si, body cut off after the headers" -- -si -k $RNGS $NGS/api/maintenance
    prime 1 $RNG $NG/api/reports/1
    cap $S nginx-503-limit-req.txt 503 proxy nginx "limit_req zone=reports (1r/s, no burst), a second request within the second: the default limit_req_status 503, nginx's stock page" "" -- -sv $RNG $NG/api/reports/2
    prime 1 -k $RNGS $NGS/api/reports/1
    capwin $S nginx-503-limit-req-h2.txt 503 proxy nginx "HTTP/2 over TLS: the same limit_req zone, nginx's 503 page" "curl -si pasted with CRLF" -- -si -k $RNGS $NGS/api/reports/3
    prime 1 $RNG $NG/api/exports/1
    cap $S nginx-429-limit-req-status.txt 429 proxy nginx "limit_req zone=exports with limit_req_status 429: nginx's stock 429 page" "curl -si" -- -si $RNG $NG/api/exports/2
    prime 1 $RNG $NG/api/exports/1
    caplt $S nginx-429-limit-req-status-lt.txt 429 proxy nginx "limit_req_status 429 again" "curl -sv, only the < lines kept" -- -sv $RNG $NG/api/exports/3
    hold $RNG $NG/api/downloads/held
    cap $S nginx-503-limit-conn.txt 503 proxy nginx "limit_conn addr 1 while a 2 s download is in flight: the default limit_conn_status 503" "curl -si" -- -si $RNG $NG/api/downloads/statement.pdf
    unhold
    capcut $S nginx-413-body.txt 413 proxy nginx "a 1.5 MB upload over the default client_max_body_size 1m: nginx's 413 page" "curl -si, body cut off after the headers" -- -si $RNG -X POST "${JSONH[@]}" --data-binary @upload-1500k.json $NG/api/uploads
    cap $S nginx-403-deny.txt 403 proxy nginx "allow 10.0.0.0/8; deny all on /api/internal/: nginx's 403 page" "" -- -sv $RNG $NG/api/internal/flags
    cap $S nginx-403-deny-h2.txt 403 proxy nginx "HTTP/2 over TLS: the same deny" "curl -si" -- -si -k $RNGS $NGS/api/internal/flags
    cap $S nginx-401-auth-basic.txt 401 identity nginx "auth_basic on /ops/, no credentials: nginx's 401 page with WWW-Authenticate Basic" "curl -si" -- -si $RNG $NG/ops/queues
    capraw $S nginx-401-auth-basic-wrong.txt 401 identity nginx "auth_basic on /ops/, a wrong password" "curl -si saved to a file (CRs kept)" -- -si -u ops:wrong $RNG $NG/ops/queues
    cap $S nginx-000-return-444.txt 0 proxy nginx "return 444 for *.php: nginx closes the connection without an answer" "no HTTP response: 'Empty reply from server'" -- -sv $RNG $NG/wp-login.php
    cap $S nginx-503-return-maintenance.txt 503 proxy nginx "return 503 on /api/billing/, no error_page: nginx's stock 503 page" "curl -si" -- -si $RNG $NG/api/billing/invoices
    cap $S nginx-503-error-page-maintenance.txt 503 proxy nginx "return 503 on /api/ledger/ with error_page 503 /maintenance.html: the team's static page" "" -- -sv $RNG $NG/api/ledger/entries
    cap $S nginx-504-slow.txt 504 proxy nginx "the handler waits 5 s, proxy_read_timeout 3s: nginx's stock 504 page" "" -- -sv $RNG $NG/api/slow
    capwget $S nginx-502-legacy-wget.txt 502 proxy nginx "/legacy/ to a port nobody listens on: nginx's stock 502 page" "wget -S -O-" -- --header="Host: $T" http://127.0.0.1:61080/legacy/reports/1
    S=body-only-paste
    prime 1 $RNG $NG/api/reports/1
    capbody $S body-nginx-503-limit-req.txt 503/503 proxy nginx "nginx's 503 page from limit_req" "" -- $RNG $NG/api/reports/4
    capbody $S body-flask-413-upload.txt 413/413 app flask "Werkzeug's HTML 413 page (its title carries the number)" "" -- $RNG -X POST "${JSONH[@]}" --data-binary @upload-200k.json $NG/api/uploads
    S=headers-only-paste
    prime 1 -k $RNGS $NGS/api/exports/1
    caphead $S head-nginx-429-limit-req-h2.txt 429 proxy nginx "curl -sI over TLS + HTTP/2 on /api/exports/: limit_req_status 429" "" -- -k $RNGS $NGS/api/exports/5
fi

# ============================================ Apache -> Django on gunicorn ==
if up apache; then
    log "capturing: Django on gunicorn behind Apache"
    S=django-gunicorn-apache-rules
    cap $S django-200-order-apache.txt 200 app django "order 1 through Apache" "Server: Apache/2.4.71 (Debian)" -- -sv $RAP $AP/api/orders/1
    cap $S django-400-order-id-apache.txt 400 app django "an order id that is not a number: the view's JSON 400" "curl -si" -- -si $RAP $AP/api/orders/abc
    caphttp $S django-401-account-apache-httpie.txt 401 app django "HTTPie, no token: the view's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:61081/api/account Host:$W
    cap $S django-403-admin-apache.txt 403 app django "the view's JSON 403" "curl -si" -- -si $RAP $AP/api/admin
    caplt $S django-404-route-apache.txt 404 app django "no route, DEBUG off: Django's HTML 'Not Found' page" "curl -sv, only the < lines kept" -- -sv $RAP $AP/api/v2/orders
    cap $S django-413-upload-apache.txt 413 app django "a 200 KB upload (over the view's 64 KB): the view's JSON 413" "curl -si" -- -si $RAP -X POST "${JSONH[@]}" --data-binary @upload-200k.json $AP/api/uploads
    capraw $S django-422-post-apache.txt 422 app django "POST without ref: the view's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RAP -X POST "${JSONH[@]}" -d '{"total":3}' $AP/api/orders
    cap $S django-429-quota-apache.txt 429 app django "the view's JSON 429 with Retry-After" "" -- -sv $RAP $AP/api/quota
    cap $S django-500-boom-apache.txt 500 app django "an unhandled RuntimeError, DEBUG off: Django's 'Server Error (500)'" "curl -si" -- -si $RAP $AP/api/boom
    capcut $S django-503-maintenance-apache.txt 503 app django "the view's own JSON 503 (maintenance)" "curl -si, body cut off after the headers" -- -si $RAP $AP/api/maintenance
    cap $S apache-403-require-ip.txt 403 proxy apache "Require ip 10.0.0.0/8 on /api/internal/: Apache's 403 page" "curl -si" -- -si $RAP $AP/api/internal/flags
    capwget $S apache-403-require-ip-wget.txt 403 proxy apache "Require ip on /api/internal/" "wget -S -O-" -- --header="Host: $W" http://127.0.0.1:61081/api/internal/flags
    cap $S apache-401-auth-basic.txt 401 identity apache "AuthType Basic on /ops/, no credentials: Apache's 401 page" "" -- -sv $RAP $AP/ops/queues
    capwin $S apache-401-auth-basic-wrong.txt 401 identity apache "AuthType Basic on /ops/, a wrong password" "curl -si pasted with CRLF" -- -si -u ops:wrong $RAP $AP/ops/queues
    cap $S apache-503-rewrite-maintenance.txt 503 proxy apache "RewriteRule ^/api/billing/ - [R=503,L]: Apache's own 503 page" "curl -si" -- -si $RAP $AP/api/billing/invoices
    cap $S apache-503-rewrite-errordocument.txt 503 proxy apache "RewriteRule [R=503] on /api/ledger/ with ErrorDocument 503 /maintenance.html: the team's static page" "" -- -sv $RAP $AP/api/ledger/entries
    cap $S apache-502-slow.txt 502 proxy apache "the view waits 5 s, ProxyTimeout 3: Apache's stock 'Proxy Error' page" "curl -si" -- -si $RAP $AP/api/slow
    caplt $S apache-503-legacy.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's stock 503 page" "curl -sv, only the < lines kept" -- -sv $RAP $AP/legacy/reports/2
    S=body-only-paste
    capbody $S body-apache-403-require-ip.txt 403/403 proxy apache "Apache's 403 'Forbidden' page from Require ip (its title carries the number)" "" -- $RAP $AP/api/internal/flags
    S=headers-only-paste
    caphead $S head-apache-401-auth-basic.txt 401 identity apache "curl -sI on /ops/: AuthType Basic" "" -- $RAP $AP/ops/queues
fi

# ===================================================== Caddy -> Express ==
if up caddy; then
    log "capturing: Express behind Caddy"
    S=express-caddy-rules
    cap $S express-200-order-caddy.txt 200 app express "order 1 through Caddy" "X-Request-Id from the app's middleware, Server: Caddy" -- -sv $RCD $CD/api/orders/1
    cap $S express-200-order-caddy-h2.txt 200 app express "HTTP/2 over TLS: order 1" "" -- -sv -k $RCDS $CDS/api/orders/1
    cap $S express-400-order-id-caddy.txt 400 app express "an order id that is not a number: the handler's JSON 400" "curl -si" -- -si $RCD $CD/api/orders/abc
    caphttp $S express-401-account-caddy-httpie.txt 401 app express "HTTPie, no token: the handler's JSON 401 with its requestId" "HTTPie with colours" -- -v GET http://127.0.0.1:61083/api/account Host:$O
    cap $S express-403-admin-caddy.txt 403 app express "the handler's JSON 403" "curl -si" -- -si $RCD $CD/api/admin
    cap $S express-404-route-caddy.txt 404 app express "no route: Express's HTML 'Cannot GET /api/v2/orders'" "" -- -sv $RCD $CD/api/v2/orders
    capraw $S express-413-upload-caddy.txt 413 app express "a 200 KB JSON body over express.json's limit 64kb: finalhandler's HTML 'Payload Too Large'" "curl -si saved to a file (CRs kept)" -- -si $RCD -X POST "${JSONH[@]}" --data-binary @upload-200k.json $CD/api/uploads
    caplt $S express-422-post-caddy-h2.txt 422 app express "HTTP/2 over TLS: POST without ref, the handler's JSON 422" "curl -sv, only the < lines kept" -- -sv -k $RCDS -X POST "${JSONH[@]}" -d '{"total":3}' $CDS/api/orders
    cap $S express-429-quota-caddy.txt 429 app express "the handler's own JSON 429 with Retry-After" "curl -si" -- -si $RCD $CD/api/quota
    cap $S express-500-boom-caddy.txt 500 app express "a thrown Error: finalhandler's HTML 'Internal Server Error', with the app's X-Request-Id" "curl -si" -- -si $RCD $CD/api/boom
    capcut $S express-503-maintenance-caddy.txt 503 app express "the handler's own JSON 503 (maintenance)" "curl -si, body cut off after the headers" -- -si $RCD $CD/api/maintenance
    cap $S caddy-401-basicauth.txt 401 identity caddy "basicauth /ops/*, no credentials: Caddy's empty 401 with WWW-Authenticate Basic" "curl -si" -- -si $RCD $CD/ops/queues
    cap $S caddy-401-basicauth-h2.txt 401 identity caddy "HTTP/2 over TLS: basicauth, a wrong password" "" -- -sv -k -u ops:wrong $RCDS $CDS/ops/queues
    cap $S caddy-403-respond.txt 403 proxy caddy "respond /api/internal/* \"Access denied\" 403 (the docs' example): a text body" "curl -si" -- -si $RCD $CD/api/internal/flags
    caplt $S caddy-403-respond-h2.txt 403 proxy caddy "HTTP/2 over TLS: the same respond 403" "curl -sv, only the < lines kept" -- -sv -k $RCDS $CDS/api/internal/flags
    cap $S caddy-503-respond-empty.txt 503 proxy caddy "respond /api/billing/* 503: an empty 503" "" -- -sv $RCD $CD/api/billing/invoices
    capraw $S caddy-503-respond-maintenance.txt 503 proxy caddy "respond /api/ledger/* \"Down for maintenance\" 503" "curl -si saved to a file (CRs kept)" -- -si $RCD $CD/api/ledger/entries
    cap $S caddy-502-request-body-max-size.txt 502 proxy caddy "request_body max_size 1MB on /api/imports/*, a 1.5 MB upload: Caddy 2.6 answers 502 (its docs say 413; caddyserver/caddy#5652)" "curl -si" -- -si $RCD -X POST "${BINH[@]}" --data-binary @import-1500k.bin $CD/api/imports/archive
    capwin $S caddy-504-slow.txt 504 proxy caddy "the handler waits 5 s, response_header_timeout 3s: Caddy's 504, empty body" "curl -si pasted with CRLF" -- -si $RCD $CD/api/slow
    capwget $S caddy-502-legacy-wget.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, empty body" "wget -S -O-" -- --header="Host: $O" http://127.0.0.1:61083/legacy/reports/1
    S=body-only-paste
    capbody $S body-caddy-503-respond-maintenance.txt 0/503 proxy caddy "Caddy's respond text 'Down for maintenance', no number in it" "" -- -k $RCDS $CDS/api/ledger/entries
    capbody $S body-express-413-upload.txt 0/413 app express "finalhandler's 'Payload Too Large' page, no number in it" "" -- $RCD -X POST "${JSONH[@]}" --data-binary @upload-200k.json $CD/api/uploads
    S=headers-only-paste
    caphead $S head-caddy-401-basicauth.txt 401 identity caddy "curl -sI on /ops/: basicauth" "" -- $RCD $CD/ops/queues
fi

# ================================================= HAProxy -> FastAPI ==
if up haproxy; then
    log "capturing: FastAPI on uvicorn behind HAProxy"
    S=fastapi-uvicorn-haproxy-rules
    cap $S fastapi-200-order-haproxy.txt 200 app fastapi "order 1 through HAProxy" "server: uvicorn, HAProxy adds nothing" -- -sv $RHA $HA/api/orders/1
    cap $S fastapi-400-order-id-haproxy.txt 400 app fastapi "an order id that is not a number: HTTPException 400" "curl -si" -- -si $RHA $HA/api/orders/abc
    caphttp $S fastapi-401-account-haproxy-httpie.txt 401 app fastapi "HTTPie, no token: HTTPException's {\"detail\":...} 401" "HTTPie with colours" -- -v GET http://127.0.0.1:61082/api/account Host:$H
    cap $S fastapi-403-admin-haproxy.txt 403 app fastapi "HTTPException 403" "curl -si" -- -si $RHA $HA/api/admin
    capcut $S fastapi-404-route-haproxy.txt 404 app fastapi "no route: FastAPI's {\"detail\":\"Not Found\"}" "curl -si, body cut off after the headers" -- -si $RHA $HA/api/v2/orders
    cap $S fastapi-413-upload-haproxy.txt 413 app fastapi "a 200 KB upload: HTTPException 413 (HAProxy has no body limit here)" "" -- -sv $RHA -X POST "${JSONH[@]}" --data-binary @upload-200k.json $HA/api/uploads
    caplt $S fastapi-422-post-haproxy.txt 422 app fastapi "POST without ref: FastAPI's own validation 422" "curl -sv, only the < lines kept" -- -sv $RHA -X POST "${JSONH[@]}" -d '{"total":3}' $HA/api/orders
    cap $S fastapi-429-quota-haproxy.txt 429 app fastapi "HTTPException 429 with Retry-After" "curl -si" -- -si $RHA $HA/api/quota
    cap $S fastapi-500-boom-haproxy.txt 500 app fastapi "an unhandled RuntimeError: Starlette's text 'Internal Server Error'" "curl -si" -- -si $RHA $HA/api/boom
    capwin $S fastapi-503-maintenance-haproxy.txt 503 app fastapi "the handler's JSON 503 (maintenance)" "curl -si pasted with CRLF" -- -si $RHA $HA/api/maintenance
    cap $S haproxy-403-deny.txt 403 load-balancer haproxy "http-request deny on /api/internal/: Debian's stock 403 errorfile" "" -- -sv $RHA $HA/api/internal/flags
    prime 4 $RHA $HA/api/exports/1
    cap $S haproxy-429-deny-status.txt 429 load-balancer haproxy "stick-table http_req_rate(10s) over 3 on /api/exports/: http-request deny deny_status 429, HAProxy's built-in 429 page" "curl -si" -- -si $RHA $HA/api/exports/2
    caplt $S haproxy-429-deny-status-lt.txt 429 load-balancer haproxy "the same rate limit, still over" "curl -sv, only the < lines kept" -- -sv $RHA $HA/api/exports/3
    cap $S haproxy-401-auth.txt 401 identity haproxy "http-request auth realm halyard-ops on /ops/, no credentials: HAProxy's built-in 401 page" "curl -si" -- -si $RHA $HA/ops/queues
    capraw $S haproxy-401-auth-wrong.txt 401 identity haproxy "http-request auth, a wrong password" "curl -si saved to a file (CRs kept)" -- -si -u ops:wrong $RHA $HA/ops/queues
    hold $RHA $HA/api/downloads/held
    cap $S haproxy-503-queue-timeout.txt 503 load-balancer haproxy "server maxconn 1 busy with a 2 s download, timeout queue 1s: Debian's stock 503 errorfile" "" -- -sv $RHA $HA/api/downloads/statement.pdf
    unhold
    cap $S haproxy-503-maintenance-errorfile.txt 503 load-balancer haproxy "/api/billing/ to a backend with no server and its own errorfile 503: the team's page" "curl -si" -- -si $RHA $HA/api/billing/invoices
    capwget $S haproxy-503-maintenance-errorfile-wget.txt 503 load-balancer haproxy "the same maintenance errorfile" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61082/api/billing/invoices
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "the handler waits 5 s, timeout server 3s: Debian's stock 504 errorfile" "" -- -sv $RHA $HA/api/slow
    capcut $S haproxy-503-legacy.txt 503 load-balancer haproxy "/legacy/ to a server nobody listens on: the stock 503 errorfile" "curl -si, body cut off after the headers" -- -si $RHA $HA/legacy/reports/2
    S=body-only-paste
    capbody $S body-haproxy-429-deny-status.txt 429/429 load-balancer haproxy "HAProxy's built-in 429 page (its h1 carries the number)" "" -- $RHA $HA/api/exports/4
    capbody $S body-fastapi-413-upload.txt 0/413 app fastapi "FastAPI's {\"detail\":...} 413, no number in it" "" -- $RHA -X POST "${JSONH[@]}" --data-binary @upload-200k.json $HA/api/uploads
    S=headers-only-paste
    caphead $S head-haproxy-403-deny.txt 403 load-balancer haproxy "curl -sI on /api/internal/: http-request deny" "" -- $RHA $HA/api/internal/flags
fi

# ================================================ Varnish -> Go net/http ==
if up varnish; then
    log "capturing: Go net/http behind Varnish"
    S=go-nethttp-varnish-vcl
    cap $S nethttp-200-order-varnish-miss.txt 200 app go-net-http "order 1, first request: a MISS" "the app's X-Request-Id, X-Varnish with one number" -- -sv $RVN $VN/api/orders/1
    cap $S varnish-200-order-hit.txt 200 cdn-cache varnish "order 1 again: from Varnish's store" "curl -si; Age, X-Varnish with two numbers" -- -si $RVN $VN/api/orders/1
    cap $S nethttp-400-order-id-varnish.txt 400 app go-net-http "an order id that is not a number: the handler's JSON 400" "curl -si" -- -si $RVN $VN/api/orders/abc
    caphttp $S nethttp-401-account-varnish-httpie.txt 401 app go-net-http "HTTPie, no token: the handler's JSON 401 with its request_id" "HTTPie with colours" -- -v GET http://127.0.0.1:61090/api/account Host:$B
    cap $S nethttp-403-admin-varnish.txt 403 app go-net-http "the handler's JSON 403" "curl -si" -- -si $RVN $VN/api/admin
    caplt $S nethttp-404-route-varnish.txt 404 app go-net-http "no route: net/http's '404 page not found'" "curl -sv, only the < lines kept" -- -sv $RVN $VN/api/v2/orders
    cap $S nethttp-413-upload-varnish.txt 413 app go-net-http "a 200 KB upload (POST, passed): http.MaxBytesReader, the handler's JSON 413" "" -- -sv $RVN -X POST "${JSONH[@]}" --data-binary @upload-200k.json $VN/api/uploads
    capraw $S nethttp-422-post-varnish.txt 422 app go-net-http "POST without ref: the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RVN -X POST "${JSONH[@]}" -d '{"total":3}' $VN/api/orders
    cap $S nethttp-429-quota-varnish.txt 429 app go-net-http "the handler's own JSON 429 with Retry-After" "curl -si" -- -si $RVN $VN/api/quota
    cap $S nethttp-500-boom-varnish.txt 500 app go-net-http "http.Error's plain-text 500, with the app's X-Request-Id" "curl -si" -- -si $RVN $VN/api/boom
    capcut $S nethttp-503-maintenance-varnish.txt 503 app go-net-http "the handler's own JSON 503 (maintenance)" "curl -si, body cut off after the headers" -- -si $RVN $VN/api/maintenance
    cap $S varnish-403-synth-acl.txt 403 cdn-cache varnish "vcl_recv: /api/internal/ from outside acl office, return (synth(403, \"Forbidden\")): the builtin synth page" "" -- -sv $RVN $VN/api/internal/flags
    capwin $S varnish-403-synth-acl-crlf.txt 403 cdn-cache varnish "the same synth(403)" "curl -si pasted with CRLF" -- -si $RVN $VN/api/internal/flags
    prime 3 $RVN $VN/api/exports/1
    cap $S varnish-429-synth-vsthrottle.txt 429 cdn-cache varnish "vsthrottle.is_denied(client.identity, 3, 10s, 30s) on /api/exports/: return (synth(429, \"Too Many Requests\"))" "curl -si" -- -si $RVN $VN/api/exports/2
    caplt $S varnish-429-synth-vsthrottle-lt.txt 429 cdn-cache varnish "the same throttle, still blocked" "curl -sv, only the < lines kept" -- -sv $RVN $VN/api/exports/3
    cap $S varnish-503-probe-sick.txt 503 cdn-cache varnish "/api/reports/ to the backend whose probe (/healthz/reports answers 503) marks it sick: 'Backend fetch failed'" "" -- -sv $RVN $VN/api/reports/2
    capwget $S varnish-503-probe-sick-wget.txt 503 cdn-cache varnish "the same sick backend" "wget -S -O-" -- --header="Host: $B" http://127.0.0.1:61090/api/reports/3
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the handler waits 5 s, first_byte_timeout 3s: the builtin 'Backend fetch failed' page" "curl -si" -- -si $RVN $VN/api/slow
    S=body-only-paste
    capbody $S body-varnish-429-synth.txt 429/429 cdn-cache varnish "Varnish's synth page 'Error 429 Too Many Requests'" "" -- $RVN $VN/api/exports/4
    capbody $S body-nethttp-413-upload.txt 0/413 app go-net-http "the handler's JSON 413, no number in it" "" -- $RVN -X POST "${JSONH[@]}" --data-binary @upload-200k.json $VN/api/uploads
    S=headers-only-paste
    caphead $S head-varnish-503-probe-sick.txt 503 cdn-cache varnish "curl -sI on /api/reports/: the sick backend" "" -- $RVN $VN/api/reports/4
    S=go-nethttp-varnish-vcl
    log "stopping the Go app"
    stop_name go
    cap $S varnish-503-app-stopped.txt 503 cdn-cache varnish "the Go app is stopped, order 2 never stored: 'Backend fetch failed'" "curl -si" -- -si $RVN $VN/api/orders/2
fi

# ======================================= Squid (accelerator) -> Fastify ==
if up squid; then
    log "capturing: Fastify behind Squid"
    S=fastify-squid-acl
    cap $S fastify-200-order-squid-miss.txt 200 app fastify "order 1, first request: a MISS" "Via, X-Cache: MISS" -- -sv $RSQ $SQ/api/orders/1
    cap $S squid-200-order-hit.txt 200 cdn-cache squid "order 1 again: from Squid's memory cache" "curl -si; X-Cache: HIT, Age" -- -si $RSQ $SQ/api/orders/1
    cap $S fastify-400-order-id-squid.txt 400 app fastify "an order id that is not a number: the handler's JSON 400 in Fastify's shape" "curl -si" -- -si $RSQ $SQ/api/orders/abc
    caphttp $S fastify-401-account-squid-httpie.txt 401 app fastify "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:61050/api/account Host:$M
    cap $S fastify-403-admin-squid.txt 403 app fastify "the handler's JSON 403" "curl -si" -- -si $RSQ $SQ/api/admin
    caplt $S fastify-404-route-squid.txt 404 app fastify "no route: Fastify's default JSON 404 'Route GET:/api/v2/orders not found'" "curl -sv, only the < lines kept" -- -sv $RSQ $SQ/api/v2/orders
    cap $S fastify-413-upload-squid.txt 413 app fastify "a 200 KB upload over the route's bodyLimit 64 KB: Fastify's FST_ERR_CTP_BODY_TOO_LARGE" "" -- -sv $RSQ -X POST "${JSONH[@]}" --data-binary @upload-200k.json $SQ/api/uploads
    capcut $S fastify-422-post-squid.txt 422 app fastify "POST without ref: the handler's JSON 422" "curl -si, body cut off after the headers" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"total":3}' $SQ/api/orders
    cap $S fastify-429-quota-squid.txt 429 app fastify "the handler's own JSON 429 with Retry-After" "curl -si" -- -si $RSQ $SQ/api/quota
    capraw $S fastify-500-boom-squid.txt 500 app fastify "a thrown Error: Fastify's default JSON 500" "curl -si saved to a file (CRs kept)" -- -si $RSQ $SQ/api/boom
    capwin $S fastify-503-maintenance-squid.txt 503 app fastify "the handler's own JSON 503 (maintenance)" "curl -si pasted with CRLF" -- -si $RSQ $SQ/api/maintenance
    cap $S squid-403-http-access-deny.txt 403 cdn-cache squid "http_access deny internal_paths (urlpath_regex ^/api/internal/): ERR_ACCESS_DENIED" "" -- -sv $RSQ $SQ/api/internal/flags
    capcut $S squid-403-http-access-deny-cut.txt 403 cdn-cache squid "the same http_access deny" "curl -si, body cut off after the headers" -- -si $RSQ $SQ/api/internal/flags
    cap $S squid-403-reply-body-max-size.txt 403 cdn-cache squid "a 200 KB reply over reply_body_max_size 100 KB: ERR_TOO_BIG with status 403" "curl -si" -- -si $RSQ $SQ/api/exports/yearly
    capwget $S squid-403-reply-body-max-size-wget.txt 403 cdn-cache squid "the same reply_body_max_size" "wget -S -O-" -- --header="Host: $M" http://127.0.0.1:61050/api/exports/monthly
    cap $S squid-413-request-body-max-size.txt 413 cdn-cache squid "a 1.5 MB upload over request_body_max_size 1 MB: ERR_TOO_BIG with status 413" "curl -si" -- -si $RSQ -X POST "${BINH[@]}" --data-binary @import-1500k.bin $SQ/api/imports/archive
    cap $S squid-504-slow.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 3 seconds: ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/slow
    S=body-only-paste
    capbody $S body-squid-403-reply-body-max-size.txt 0/403 cdn-cache squid "Squid's ERR_TOO_BIG page (its title names the error, not a number)" "" -- $RSQ $SQ/api/exports/weekly
    capbody $S body-fastify-413-upload.txt 413/413 app fastify "Fastify's JSON 413 (statusCode 413 in it)" "" -- $RSQ -X POST "${JSONH[@]}" --data-binary @upload-200k.json $SQ/api/uploads
    S=headers-only-paste
    caphead $S head-squid-403-http-access-deny.txt 403 cdn-cache squid "curl -sI on /api/internal/: http_access deny" "" -- $RSQ $SQ/api/internal/flags
    S=fastify-squid-acl
    log "stopping the Fastify app"
    stop_name fastify
    cap $S squid-503-app-stopped.txt 503 cdn-cache squid "Fastify is stopped, a path never stored: ERR_CONNECT_FAIL" "curl -si" -- -si $RSQ $SQ/api/admin
fi

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round73/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
