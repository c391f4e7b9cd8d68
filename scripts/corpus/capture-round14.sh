#!/usr/bin/env bash
# capture-round14.sh — build the fourteenth held-out evidence corpus in
# tests/fixtures/evidence-round14/.
#
# "Production-hardened mainstream": the common apps behind the common fronts,
# configured the way production teams harden them. TLS on the front (a
# self-signed cert made here with openssl; curl -k) with HTTP/2 negotiated by
# ALPN, plus some plain HTTP/1.1 ports; a request id that the PROXY adds to
# every answer, its own error pages included (nginx $request_id, HAProxy
# unique-id, Apache mod_unique_id, Caddy {http.request.uuid}, Varnish's
# xid); version banners off. Django under gunicorn behind nginx (limit_req
# 429 JSON, a maintenance 503 JSON, JSON 502/504 pages on the plain port);
# Express behind nginx auth_request to a small Go identity service; a second
# Django behind nginx proxy_cache with proxy_cache_use_stale and
# X-Cache-Status; Rails (API mode) under Puma behind Apache (mod_ssl,
# mod_http2, mod_unique_id, JSON ErrorDocuments, a maintenance switch);
# FastAPI under uvicorn behind HAProxy (an http-errors section of JSON
# errorfiles, `http-request return` for maintenance, a stick-table 429);
# Echo behind Caddy (handle_errors with a JSON body); Express behind Varnish
# with grace (a stale copy while the app is down), with an nginx TLS
# terminator in front of Varnish too. Paste forms: curl -v/-i transcripts
# (some with their CRs, some with CRLF), HTTPie with colours, body-only and
# headers-only pastes, `wget -S -O-`.
#
#   scripts/corpus/capture-round14.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round14.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round14.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round14.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-13: every server binds 127.0.0.1 (ports 32000-32999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs and builds run under
# `nice -n 15`. Labels are written by finish_round14.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round14"
RUN=/tmp/api-triage-corpus14
STAGE="$RUN/evidence"
CONF="$HERE/conf-round14"
APPS="$HERE/apps14"
VENV=${CORPUS_VENV14:-/tmp/api-triage-corpus14-venv}
NODE_DIR=${CORPUS_NODE14:-/tmp/api-triage-corpus14-node}
GODIR=${CORPUS_GO14:-/tmp/api-triage-corpus14-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(django==5.2.19 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0)
NPM=(express@5.3.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus14 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openssl python3-venv nodejs golang-go golang-github-labstack-echo-dev ruby-rails puma
          apache2 nginx haproxy varnish caddy)
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


install_venv() {  # Django, FastAPI and their servers, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import fastapi, django, gunicorn, uvicorn" 2>/dev/null && return 0
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
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus14","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # Echo (Debian's golang-github-labstack-echo-dev) and the identity service, offline
    local f
    mkdir -p "$GODIR/src/github.com/labstack/echo"
    # Debian ships Echo v4 without the /v4 directory that GOPATH mode wants
    ln -sfn /usr/share/gocode/src/github.com/labstack/echo "$GODIR/src/github.com/labstack/echo/v4"
    for f in echo_app authsvc; do
        [[ -x $GODIR/$f && $GODIR/$f -nt $APPS/$f.go ]] && continue
        [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the Go apps are not built"; return 0; }
        log "go build $f"
        (cd "$APPS" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR:/usr/share/gocode" GOCACHE="$GODIR/cache" \
            nice -n 15 timeout 600 go build -p 1 -o "$GODIR/$f" "$f.go") >>"$RUN/logs/go-build.log" 2>&1 \
            || SKIPPED[go]="go build $f failed (see logs/go-build.log)"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round14.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -z ${SKIPPED[npm]:-} ]] || die "Express is missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/echo_app && -x $GODIR/authsvc ]] || die "the Go apps did not build (${SKIPPED[go]:-?})"
have openssl || die "openssl is missing"

APP_PORTS=(32010 32011 32013 32014 32015 32016 32017)
OTHER_PORTS=(32012 32443 32444 32445 32446 32050 32460 32060 32470 32070 32480 32080 32090)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" 32008 32009; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for every front --------------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Acme Orders/CN=api.example.test" \
    -addext "subjectAltName=DNS:api.example.test,DNS:*.example.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
cat "$RUN/tls/cert.pem" "$RUN/tls/key.pem" >"$RUN/tls/combined.pem"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --timeout 30)
start_bg django "${GUNICORN[@]}" --workers 4 -b 127.0.0.1:32010 django_app:application
start_bg django-cache "${GUNICORN[@]}" --workers 2 -b 127.0.0.1:32011 django_app:application
start_bg express env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_app.js" 32013 production
start_bg express-varnish env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_app.js" 32014 production
start_bg fastapi nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 32015 \
    --proxy-headers --forwarded-allow-ips 127.0.0.1 --no-server-header --no-access-log fastapi_app:app
start_bg echo nice -n 5 "$GODIR/echo_app" 32016
start_bg authsvc nice -n 5 "$GODIR/authsvc" 32017
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done
if have ruby-rails && have puma; then
    mkdir -p "$RUN/rails/public"
    start_bg puma-rails env RAILS_PUBLIC="$RUN/rails/public" nice -n 5 puma -e production -t 2:8 \
        -b tcp://127.0.0.1:32012 "$APPS/rails_api.ru"
    wait_port 32012 puma-rails && UP[rails]=1
fi

# ---- front layers ------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/cache
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    touch "$RUN/nginx/maintenance.flag"  # payments are in maintenance
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 32443 nginx && wait_port 32446 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/errors
    cp "$CONF"/errors/*.json "$RUN/apache/errors/"
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    touch "$RUN/apache/maintenance.flag"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 32460 apache && wait_port 32060 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy/errors"
    mkerr 400 "Bad Request" '{"error":"bad_request","message":"Your request could not be understood."}'
    mkerr 403 "Forbidden" '{"error":"forbidden","message":"Access to this resource is denied."}'
    mkerr 429 "Too Many Requests" '{"error":"too_many_requests","message":"Rate limit exceeded, retry later."}'
    mkerr 502 "Bad Gateway" '{"error":"bad_gateway","message":"The upstream service returned an invalid response."}'
    mkerr 503 "Service Unavailable" '{"error":"service_unavailable","message":"No healthy upstream is available."}'
    mkerr 504 "Gateway Timeout" '{"error":"gateway_timeout","message":"The upstream service took too long to respond."}'
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 32470 haproxy && wait_port 32070 haproxy && UP[haproxy]=1
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 32480 caddy && wait_port 32080 caddy && UP[caddy]=1
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:32090 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 32090 varnish && UP[varnish]=1
fi
sleep 5  # HAProxy's health checks settle (inter 2s, rise 2)

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 14 (held out): real responses captured by
# scripts/corpus/capture-round14.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-13:
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

S443=https://127.0.0.1:32443 NP=http://127.0.0.1:32050 AU=https://127.0.0.1:32444 NC=https://127.0.0.1:32445
VT=https://127.0.0.1:32446 AP=https://127.0.0.1:32460 APP=http://127.0.0.1:32060
HP=https://127.0.0.1:32470 HPP=http://127.0.0.1:32070 CD=https://127.0.0.1:32480 CDP=http://127.0.0.1:32080
VN=http://127.0.0.1:32090
JSONH=(-H 'Content-Type: application/json')
NOVERIFY=(--verify=no)  # HTTPie against the self-signed cert
head -c 32768 /dev/zero | tr '\0' x >"$RUN/work/export.csv"  # 32 KiB, over nginx's 16k
printf '{"sku":"A-1","note":"%s"}' "$(head -c 4096 /dev/zero | tr '\0' x)" >"$RUN/work/big.json"  # 4 KiB JSON

# ================================== Django under gunicorn + nginx (TLS) ==
if up nginx; then
    log "capturing: Django under gunicorn behind nginx (TLS, HTTP/2)"
    S=django-nginx-tls
    cap $S django-404-json-h2.txt 404 app django "unknown order: the view's JSON 404 over HTTP/2" "server: nginx; x-request-id from nginx" -- -sv -k $S443/api/orders/7
    cap $S django-404-unrouted-h2.txt 404 app django "no route: Django's production 'Not Found' page" "curl -si" -- -si -k $S443/api/v2/orders
    cap $S django-400-validation.txt 400 app django "POST without sku: the view's JSON 400" "" -- -sv -k "${JSONH[@]}" -d '{"qty":2}' $S443/api/orders
    cap $S django-422-validation.txt 422 app django "POST with qty 0: the view's JSON 422 with field errors" "curl -si" -- -si -k "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $S443/api/orders
    cap $S django-201-created.txt 201 app django "a valid order: 201" "curl -si" -- -si -k "${JSONH[@]}" -d '{"sku":"A-1","qty":2}' $S443/api/orders
    caphttp $S django-401-httpie.txt 401 app django "HTTPie, no token: the view's JSON 401" "HTTPie with colours" -- -v "${NOVERIFY[@]}" GET $S443/api/admin/reports
    cap $S django-403-token.txt 403 app django "a token without the permission: the view's JSON 403" "curl -si" -- -si -k -H 'Authorization: Bearer user-token' $S443/api/admin/reports
    cap $S django-409-http11.txt 409 app django "cancelling a shipped order: JSON 409, HTTP/1.1 over TLS" "--http1.1" -- -sv -k --http1.1 -X POST $S443/api/orders/1/cancel
    capraw $S django-429-app.txt 429 app django "the view's own throttle 429" "curl -si saved to a file (CRs kept)" -- -si -k $S443/api/limited
    cap $S django-500-server-error.txt 500 app django "a TypeError, DEBUG off: Django's 'Server Error (500)' page" "" -- -sv -k $S443/api/boom
    cap $S django-403-csrf.txt 403 app django "POST without a CSRF token: CsrfViewMiddleware's 403 page" "curl -si" -- -si -k "${JSONH[@]}" -d '{}' $S443/api/checkout
    capwin $S django-503-maintenance-app.txt 503 app django "the view's own maintenance 503" "curl -si pasted with CRLF" -- -si -k $S443/api/maintenance
    cap $S django-400-disallowed-host.txt 400 app django "a Host not in ALLOWED_HOSTS: Django's 'Bad Request (400)'" "nginx passes \$host" -- -sv -k -H 'Host: internal.corp.example' $S443/api/health
    cap $S nginx-504-django-slow.txt 504 proxy nginx "the view sleeps 5 s, proxy_read_timeout 2s: nginx's stock 504 page" "x-request-id on nginx's own page" -- -sv -k $S443/api/slow
    cap $S nginx-502-ledger-down.txt 502 proxy nginx "a ledger upstream that is not running" "curl -si" -- -si -k $S443/api/ledger/entries
    quiet -k $S443/api/search?q=boots
    cap $S nginx-429-limit-req-json.txt 429 proxy nginx "limit_req 1r/m: the second request gets the JSON 429 named location" "request_id in the body" -- -sv -k "$S443/api/search?q=shoes"
    cap $S nginx-503-maintenance-json.txt 503 proxy nginx "the payments maintenance flag is on: nginx's JSON 503" "curl -si" -- -si -k $S443/api/payments/charges
    cap $S nginx-413-body-too-large.txt 413 proxy nginx "a 32 KiB upload over client_max_body_size 16k" "" -- -sv -k -H 'Content-Type: text/csv' --data-binary @export.csv $S443/api/orders
    cap $S nginx-502-json-plain.txt 502 proxy nginx "plain HTTP/1.1 port: the JSON 502 error page for a dead upstream" "" -- -sv $NP/api/ledger/entries
    cap $S nginx-504-json-plain.txt 504 proxy nginx "plain HTTP/1.1 port: the JSON 504 error page" "curl -si" -- -si $NP/api/slow
    cap $S django-404-plain.txt 404 app django "plain HTTP/1.1 port: the view's JSON 404" "curl -si" -- -si $NP/api/orders/7
fi

# ================================= Express behind nginx auth_request ==
if up nginx; then
    log "capturing: Express behind nginx auth_request"
    S=nginx-auth-request-express
    cap $S nginx-401-auth-request.txt 401 identity nginx "no token: the identity service says 401, nginx's stock 401 page" "WWW-Authenticate passed from the service" -- -sv -k $AU/api/admin/reports
    cap $S nginx-403-auth-request.txt 403 identity nginx "a read-only token: the service says 403, nginx's stock 403 page" "curl -si" -- -si -k -H 'Authorization: Bearer readonly' $AU/api/orders/1
    cap $S nginx-401-auth-request-json.txt 401 identity nginx "/v2/: the 401 rendered by a JSON named location" "" -- -sv -k -H 'Authorization: Bearer expired' $AU/v2/orders/1
    caphttp $S nginx-403-auth-request-json-httpie.txt 403 identity nginx "HTTPie, a read-only token on /v2/: the JSON 403" "HTTPie with colours" -- -v "${NOVERIFY[@]}" GET $AU/v2/admin/reports 'Authorization:Bearer readonly'
    cap $S express-403-behind-auth-request.txt 403 app express "a good token: auth_request lets it through, Express's own scope 403" "" -- -sv -k -H 'Authorization: Bearer good' $AU/api/admin/reports
    cap $S express-404-behind-auth-request.txt 404 app express "a good token, unknown order: Express's JSON 404" "curl -si" -- -si -k -H 'Authorization: Bearer good' $AU/api/orders/7
    cap $S express-404-cannot-get-public.txt 404 app express "an open path, no route: Express's 'Cannot GET'" "curl -si" -- -si -k $AU/public/v2/orders
    cap $S express-500-behind-auth-request.txt 500 app express "a good token, a TypeError: Express's production 500 page" "" -- -sv -k -H 'Authorization: Bearer good' $AU/api/boom
    caphttp $S express-422-httpie.txt 422 app express "HTTPie with a good token, qty 0" "HTTPie with colours" -- -v "${NOVERIFY[@]}" POST $AU/v2/orders 'Authorization:Bearer good' sku=A-1 qty:=0
fi

# ======================================= Django behind nginx proxy_cache ==
if up nginx; then
    log "capturing: Django behind nginx proxy_cache (use_stale)"
    S=nginx-cache-django
    cap $S django-200-cache-miss.txt 200 app django "the first request for the catalog: X-Cache-Status: MISS" "" -- -sv -k $NC/api/catalog
    cap $S nginx-200-cache-hit.txt 200 cdn-cache nginx "the catalog again within max-age: X-Cache-Status: HIT" "curl -si" -- -si -k $NC/api/catalog
    ETAG=$(in_work timeout 10 curl -sk -D- -o /dev/null $NC/api/catalog | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
    cap $S nginx-304-cache-etag.txt 304 cdn-cache nginx "If-None-Match with the cached ETag: nginx's own 304" "" -- -sv -k -H "If-None-Match: $ETAG" $NC/api/catalog
    cap $S django-404-cache-miss.txt 404 app django "an unknown order: the view's 404, MISS" "curl -si" -- -si -k $NC/api/orders/9
    cap $S django-404-cache-hit.txt 404 app django "the same 404 from the store (proxy_cache_valid 404 1m): a fresh HIT of the app's answer" "X-Cache-Status: HIT" -- -si -k $NC/api/orders/9
    cap $S django-500-via-cache.txt 500 app django "the app's JSON 500, nothing cached to fall back on" "" -- -sv -k $NC/api/report
    cap $S nginx-504-cache-slow.txt 504 proxy nginx "the view sleeps 5 s, nothing cached: nginx's 504 page" "curl -si" -- -si -k $NC/api/slow
    stop_name django-cache
    sleep 3  # the catalog's max-age=2 runs out
    cap $S nginx-200-stale-app-down.txt 200 cdn-cache nginx "gunicorn is stopped, the catalog has expired: proxy_cache_use_stale serves it" "X-Cache-Status: STALE" -- -sv -k $NC/api/catalog
    cap $S nginx-502-cache-nothing-cached.txt 502 proxy nginx "gunicorn is stopped, an order never cached: nginx's 502" "curl -si" -- -si -k $NC/api/orders/3
    caphead headers-only-paste head-nginx-200-stale.txt 200 cdn-cache nginx "curl -sI on the expired catalog, app down" "X-Cache-Status: STALE" -- -k $NC/api/catalog
fi

# ===================================== Rails API under Puma + Apache (TLS) ==
if up apache && up rails; then
    log "capturing: Rails (API mode) under Puma behind Apache (TLS, HTTP/2)"
    S=rails-puma-apache-tls
    cap $S rails-404-json-h2.txt 404 app rails "rescue_from: the controller's JSON 404" "x-request-id twice: Apache's and the one Rails echoes" -- -sv -k $AP/api/orders/7
    cap $S rails-404-routing-empty.txt 404 app rails "no route, Accept */*: PublicExceptions' empty 404" "curl -si; content-length: 0" -- -si -k $AP/api/v2/orders
    cap $S rails-404-routing-json.txt 404 app rails "no route, Accept: application/json: {\"status\":404,\"error\":\"Not Found\"}" "" -- -sv -k -H 'Accept: application/json' $AP/api/v2/orders
    cap $S rails-400-param-missing.txt 400 app rails "POST without the order key: ParameterMissing, the empty 400" "curl -si" -- -si -k "${JSONH[@]}" -d '{"sku":"A-1"}' $AP/api/orders
    cap $S rails-400-bad-json.txt 400 app rails "broken JSON, Accept: application/json: the ParseError 400 as JSON" "" -- -sv -k "${JSONH[@]}" -H 'Accept: application/json' -d '{"order": ' $AP/api/orders
    caphttp $S rails-422-httpie.txt 422 app rails "HTTPie, qty 0: the controller's JSON 422" "HTTPie with colours" -- -v "${NOVERIFY[@]}" POST $AP/api/orders 'order[sku]=A-1' 'order[qty]:=0'
    cap $S rails-401-token.txt 401 app rails "no token: authenticate_or_request_with_http_token's 'HTTP Token: Access denied.'" "" -- -sv -k $AP/api/admin/reports
    cap $S rails-403-json.txt 403 app rails "a user token: the controller's JSON 403" "curl -si" -- -si -k -H 'Authorization: Bearer user-token' $AP/api/admin/reports
    cap $S rails-409-json.txt 409 app rails "cancelling a shipped order" "curl -si" -- -si -k -X POST $AP/api/orders/1/cancel
    capraw $S rails-429-json.txt 429 app rails "the controller's own 429" "curl -si saved to a file (CRs kept)" -- -si -k $AP/api/limited
    cap $S rails-500-empty.txt 500 app rails "a NameError, Accept */*: the empty 500" "" -- -sv -k $AP/api/boom
    cap $S rails-500-json.txt 500 app rails "a NameError, Accept: application/json" "curl -si" -- -si -k -H 'Accept: application/json' $AP/api/boom
    capwin $S rails-503-maintenance.txt 503 app rails "the controller's maintenance 503" "curl -si pasted with CRLF" -- -si -k $AP/api/maintenance
    cap $S apache-502-timeout-json.txt 502 proxy apache "the action sleeps 5 s, ProxyTimeout 2: the JSON ErrorDocument for 502" "" -- -sv -k $AP/api/slow
    cap $S apache-503-ledger-down-json.txt 503 proxy apache "ProxyPass to a ledger that is not running: the JSON ErrorDocument for 503" "curl -si" -- -si -k $AP/api/ledger/entries
    cap $S apache-503-maintenance-json.txt 503 proxy apache "the maintenance flag: mod_rewrite R=503 with its own JSON ErrorDocument" "" -- -sv -k $AP/api/payments/charges
    capwget $S apache-503-maintenance-wget.txt 503 proxy apache "wget, the maintenance flag" "wget -S -O-" -- --no-check-certificate $AP/api/payments/refunds
    cap $S apache-502-proxy-error-plain.txt 502 proxy apache "plain HTTP/1.1 vhost: the stock 'Proxy Error' page after ProxyTimeout" "curl -si" -- -si $APP/api/slow
    cap $S apache-503-plain.txt 503 proxy apache "plain HTTP/1.1 vhost: the stock 503 page for the dead ledger" "" -- -sv $APP/api/ledger/entries
    cap $S rails-404-plain.txt 404 app rails "plain HTTP/1.1 vhost: the controller's JSON 404" "curl -si" -- -si $APP/api/orders/8
fi

# ================================= FastAPI under uvicorn + HAProxy (TLS) ==
if up haproxy; then
    log "capturing: FastAPI under uvicorn behind HAProxy (TLS, HTTP/2)"
    S=fastapi-uvicorn-haproxy-tls
    cap $S fastapi-404-h2.txt 404 app fastapi "HTTPException(404)" "no Server (uvicorn --no-server-header)" -- -sv -k $HP/api/orders/7
    cap $S fastapi-422-h2.txt 422 app fastapi "POST with qty 0: the validation 422" "curl -si" -- -si -k "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $HP/api/orders
    cap $S fastapi-401.txt 401 app fastapi "no token: 'Not authenticated'" "" -- -sv -k $HP/api/admin/reports
    caphttp $S fastapi-403-httpie.txt 403 app fastapi "HTTPie, a token without the scope" "HTTPie with colours" -- -v "${NOVERIFY[@]}" GET $HP/api/admin/reports 'Authorization:Bearer user-token'
    cap $S fastapi-409.txt 409 app fastapi "cancelling a shipped order" "curl -si" -- -si -k -X POST $HP/api/orders/1/cancel
    cap $S fastapi-429-app.txt 429 app fastapi "the app's own 429" "" -- -sv -k $HP/api/limited
    cap $S fastapi-500-text.txt 500 app fastapi "an unhandled RuntimeError: text 'Internal Server Error'" "curl -si" -- -si -k $HP/api/boom
    capwin $S fastapi-503-maintenance.txt 503 app fastapi "the app's maintenance 503" "curl -si pasted with CRLF" -- -si -k $HP/api/maintenance
    cap $S fastapi-405.txt 405 app fastapi "GET on a POST-only route" "curl -si" -- -si -k $HP/api/orders
    cap $S fastapi-404-no-route-plain.txt 404 app fastapi "plain HTTP/1.1: no route, {\"detail\":\"Not Found\"}" "" -- -sv $HPP/api/v2/orders
    cap $S haproxy-504-json.txt 504 load-balancer haproxy "the handler sleeps 5 s, timeout server 2s: the JSON errorfile" "" -- -sv -k $HP/api/slow
    cap $S haproxy-503-no-server-json.txt 503 load-balancer haproxy "both ledger servers fail their checks: the JSON errorfile" "curl -si" -- -si -k $HP/api/ledger/entries
    quiet -k "$HP/api/search?q=boots"
    cap $S haproxy-429-json.txt 429 load-balancer haproxy "the stick-table rate limit: deny_status 429 with the JSON errorfile" "" -- -sv -k "$HP/api/search?q=shoes"
    cap $S haproxy-403-deny-json.txt 403 load-balancer haproxy "http-request deny on /internal/: the JSON errorfile" "curl -si" -- -si -k $HP/internal/metrics
    cap $S haproxy-503-maintenance-return.txt 503 load-balancer haproxy "http-request return: the maintenance JSON for /api/payments/" "" -- -sv -k $HP/api/payments/charges
    capraw $S haproxy-504-plain.txt 504 load-balancer haproxy "plain HTTP/1.1: timeout server" "curl -si saved to a file (CRs kept)" -- -si $HPP/api/slow
fi

# ========================================== Echo behind Caddy (TLS) ==
if up caddy; then
    log "capturing: Echo behind Caddy (TLS, HTTP/2)"
    S=echo-caddy-tls
    cap $S echo-404-httperror-h2.txt 404 app echo "echo.NewHTTPError(404, msg)" "no Server (Caddy's removed)" -- -sv -k $CD/api/orders/7
    cap $S echo-404-unrouted.txt 404 app echo "no route: {\"message\":\"Not Found\"}" "curl -si" -- -si -k $CD/api/v2/orders
    cap $S echo-405.txt 405 app echo "DELETE on a GET route: {\"message\":\"Method Not Allowed\"}" "curl -si" -- -si -k -X DELETE $CD/api/orders/1
    cap $S echo-400-bind.txt 400 app echo "broken JSON: the binder's 400" "" -- -sv -k "${JSONH[@]}" -d '{"sku": ' $CD/api/orders
    cap $S echo-422.txt 422 app echo "qty 0: the handler's JSON 422" "curl -si" -- -si -k "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $CD/api/orders
    cap $S echo-401.txt 401 app echo "no token: the handler's JSON 401" "" -- -sv -k $CD/api/admin/reports
    caphttp $S echo-409-httpie.txt 409 app echo "HTTPie: cancelling a shipped order" "HTTPie with colours" -- -v "${NOVERIFY[@]}" POST $CD/api/orders/1/cancel
    cap $S echo-429.txt 429 app echo "echo.NewHTTPError(429)" "curl -si" -- -si -k $CD/api/limited
    cap $S echo-500-panic.txt 500 app echo "a nil-map panic, middleware.Recover(): Echo's 500" "" -- -sv -k $CD/api/boom
    capraw $S echo-500-error.txt 500 app echo "a handler returns a plain error: Echo's 500" "curl -si saved to a file (CRs kept)" -- -si -k $CD/api/fail
    capwin $S echo-503.txt 503 app echo "the handler's maintenance 503" "curl -si pasted with CRLF" -- -si -k $CD/api/maintenance
    cap $S echo-413-body-limit.txt 413 app echo "a 4 KiB body over middleware.BodyLimit(\"1K\")" "curl -si" -- -si -k "${JSONH[@]}" --data-binary @big.json $CD/api/orders
    cap $S caddy-502-json.txt 502 proxy caddy "a ledger service that is not running: handle_errors' JSON 502" "" -- -sv -k $CD/api/ledger/entries
    cap $S caddy-504-json.txt 504 proxy caddy "the handler sleeps 5 s, response_header_timeout 2s: handle_errors' JSON 504" "curl -si" -- -si -k $CD/api/slow
    cap $S caddy-403-error-json.txt 403 proxy caddy "the error directive on /internal/*: handle_errors' JSON 403" "" -- -sv -k $CD/internal/metrics
    cap $S caddy-503-maintenance.txt 503 proxy caddy "respond: the maintenance JSON for /api/payments/" "curl -si" -- -si -k $CD/api/payments/charges
    cap $S caddy-502-json-plain.txt 502 proxy caddy "plain HTTP/1.1: the dead ledger" "curl -si" -- -si $CDP/api/ledger/entries
    cap $S echo-404-plain.txt 404 app echo "plain HTTP/1.1: the handler's 404" "" -- -sv $CDP/api/orders/8
fi

# ====================================== Varnish (grace) + Express ==
if up varnish; then
    log "capturing: Express behind Varnish with grace (and an nginx TLS terminator)"
    S=varnish-grace-express
    cap $S express-200-varnish-miss.txt 200 app express "the first request for the catalog: a MISS" "X-Cache: MISS" -- -sv $VN/api/catalog
    cap $S varnish-200-hit.txt 200 cdn-cache varnish "the catalog again: from Varnish's store" "curl -si; X-Cache: HIT" -- -si $VN/api/catalog
    ETAG=$(in_work timeout 10 curl -s -D- -o /dev/null $VN/api/catalog | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
    cap $S varnish-304-etag.txt 304 cdn-cache varnish "If-None-Match with the cached ETag: Varnish's own 304" "" -- -sv -H "If-None-Match: $ETAG" $VN/api/catalog
    cap $S express-404-via-varnish.txt 404 app express "the app's JSON 404, a MISS" "curl -si" -- -si $VN/api/orders/7
    cap $S express-500-via-varnish.txt 500 app express "the app's JSON 500, passed" "" -- -sv $VN/api/report
    cap $S varnish-403-synth-json.txt 403 cdn-cache varnish "vcl_recv synth(403) for /admin: the JSON vcl_synth body" "curl -si" -- -si $VN/admin/flags
    cap $S varnish-503-maintenance-synth.txt 503 cdn-cache varnish "vcl_recv synth(503) for /api/exports/: the JSON maintenance body" "" -- -sv $VN/api/exports/daily
    cap $S varnish-503-first-byte-timeout.txt 503 cdn-cache varnish "the handler sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "curl -si" -- -si $VN/api/slow
    if up nginx; then
        cap $S varnish-503-legacy-down-tls.txt 503 cdn-cache varnish "through the nginx TLS terminator: Varnish's 503 for a dead legacy backend" "HTTP/2, server: Varnish" -- -sv -k $VT/legacy/api/items
        cap $S express-404-varnish-tls.txt 404 app express "through the nginx TLS terminator: the app's 404" "curl -si" -- -si -k $VT/api/orders/8
        quiet -k $VT/api/catalog  # nginx sends Host without the port: its own cache object
        cap $S varnish-200-hit-tls.txt 200 cdn-cache varnish "through the nginx TLS terminator: a HIT" "" -- -sv -k $VT/api/catalog
    fi
    stop_name express-varnish
    sleep 3  # the catalog's max-age=2 runs out; grace is 1 h
    cap $S varnish-200-grace-stale.txt 200 cdn-cache varnish "Express is stopped: the expired catalog served in grace" "X-Cache: HIT-STALE" -- -sv $VN/api/catalog
    up nginx && cap $S varnish-200-grace-stale-tls.txt 200 cdn-cache varnish "Express is stopped: the grace copy through the nginx TLS terminator" "curl -si" -- -si -k $VT/api/catalog
    capwget $S varnish-503-origin-down-wget.txt 503 cdn-cache varnish "Express is stopped, an uncached order: 'Backend fetch failed'" "wget -S -O-" -- $VN/api/orders/1
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-django-404-json.txt 0/404 app django "the view's JSON 404" "no number" -- -k $S443/api/orders/12
up rails && capbody $S body-rails-500-json.txt 500/500 app rails "{\"status\":500,\"error\":\"Internal Server Error\"}" "" -- -k -H 'Accept: application/json' $AP/api/boom
up caddy && capbody $S body-echo-404.txt 0/404 app echo "{\"message\":\"Not Found\"}" "no number" -- -k $CD/api/v2/orders
up haproxy && capbody $S body-fastapi-422.txt 0/422 app fastapi "FastAPI's validation error list" "no number" -- -k "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $HP/api/orders
up nginx && quiet -k "$S443/api/search?q=caps"
up nginx && capbody $S body-nginx-429-json.txt 0/429 proxy nginx "the limit_req JSON body" "no number" -- -k "$S443/api/search?q=hats"
up nginx && capbody $S body-nginx-401-auth-json.txt 0/401 identity nginx "the auth_request JSON 401 body" "no number" -- -k $AU/v2/orders/1
up haproxy && capbody $S body-haproxy-503-json.txt 0/503 load-balancer haproxy "the JSON errorfile for no server" "no number" -- -k $HP/api/ledger/entries
up caddy && capbody $S body-caddy-502-json.txt 502/502 proxy caddy "handle_errors' JSON with the status in it" "" -- -k $CD/api/ledger/entries
up apache && capbody $S body-apache-503-maintenance.txt 0/503 proxy apache "the maintenance ErrorDocument JSON" "no number" -- -k $AP/api/payments/charges
up varnish && capbody $S body-varnish-503-maintenance.txt 0/503 cdn-cache varnish "the vcl_synth maintenance JSON" "no number" -- $VN/api/exports/weekly

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-401-auth-request.txt 401 identity nginx "curl -sI, no token behind auth_request" "" -- -k $AU/api/orders/1
up haproxy && caphead $S head-haproxy-503-maintenance.txt 503 load-balancer haproxy "curl -sI on the payments maintenance" "" -- -k $HP/api/payments/charges
up rails && caphead $S head-rails-404.txt 404 app rails "curl -sI, an unknown order" "" -- -k $AP/api/orders/7
up caddy && caphead $S head-caddy-503-maintenance.txt 503 proxy caddy "curl -sI on the payments maintenance" "" -- -k $CD/api/payments/charges
up caddy && caphead $S head-echo-405.txt 405 app echo "curl -sI on a POST-only route" "" -- -k $CD/api/orders

# ================================== servers go away behind their fronts ==
if up nginx; then
    stop_name authsvc
    sleep 0.5
    cap nginx-auth-request-express nginx-500-auth-service-down.txt 500 proxy nginx "the identity service is stopped: auth_request fails, nginx's 500" "" -- -sv -k -H 'Authorization: Bearer good' $AU/api/orders/1
    stop_name django
    sleep 0.5
    cap django-nginx-tls nginx-502-gunicorn-stopped.txt 502 proxy nginx "gunicorn is stopped: nginx's 502 page" "curl -si" -- -si -k $S443/api/orders/1
fi
if up apache && up rails; then
    stop_name puma-rails
    sleep 0.5
    cap rails-puma-apache-tls apache-503-puma-stopped.txt 503 proxy apache "Puma is stopped: the JSON ErrorDocument for 503" "" -- -sv -k $AP/api/orders/1
fi
if up haproxy; then
    stop_name fastapi
    sleep 0.5
    cap fastapi-uvicorn-haproxy-tls haproxy-503-uvicorn-stopped.txt 503 load-balancer haproxy "uvicorn is stopped: HAProxy's JSON 503" "curl -si" -- -si -k $HP/api/orders/1
fi
if up caddy; then
    stop_name echo
    sleep 0.5
    caphttp echo-caddy-tls caddy-502-echo-stopped-httpie.txt 502 proxy caddy "HTTPie: Echo is stopped, handle_errors' JSON 502" "HTTPie with colours" -- -v "${NOVERIFY[@]}" GET $CD/api/orders/1
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round14/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
