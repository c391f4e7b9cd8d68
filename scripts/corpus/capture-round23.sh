#!/usr/bin/env bash
# capture-round23.sh — build the twenty-third held-out evidence corpus in
# tests/fixtures/evidence-round23/.
#
# Theme: apps whose errors look like a front's, and gateways written as
# apps. Gateways and BFFs built the way teams build them (FastAPI + httpx,
# Flask + requests, Express + axios, Go's httputil.ReverseProxy with custom
# ErrorHandlers, http-proxy-middleware and @fastify/http-proxy with stock and
# custom error handling), apps that write their own HTML 502/503/504 and
# maintenance pages, send Retry-After, rename Server to nginx and add Via;
# servlets on Tomcat 10 (AJP and HTTP behind Apache, HTTP behind nginx) and
# Jetty 9 (behind nginx and Apache) answering with their containers' pages;
# and beside every gateway-like app, a real front (nginx, Apache, HAProxy)
# failing itself: upstream down, upstream timeout (2 s), upstream reset.
# Paste forms: curl -v/-i transcripts (some with their CRs, some with CRLF),
# HTTPie with colours, `wget -S -O-`, body-only and headers-only pastes, a
# few HTTP/2 (h2c) through nginx and Apache.
#
#   scripts/corpus/capture-round23.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round23.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round23.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round23.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-22: every server binds 127.0.0.1 (ports 41000-41999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs and builds run under
# `nice -n 15`. Labels are written by finish_round23.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round23"
RUN=/tmp/api-triage-corpus23
STAGE="$RUN/evidence"
CONF="$HERE/conf-round23"
APPS="$HERE/apps23"
VENV=${CORPUS_VENV23:-/tmp/api-triage-corpus23-venv}
NODE_DIR=${CORPUS_NODE23:-/tmp/api-triage-corpus23-node}
GODIR=${CORPUS_GO23:-/tmp/api-triage-corpus23-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(flask==3.1.3 werkzeug==3.1.9 gunicorn==27.0.1 fastapi==0.165.0 starlette==1.10.0 uvicorn==0.55.0
      httpx==0.29.0 requests==2.34.2)
NPM=(express@5.3.0 axios@1.21.1 http-proxy-middleware@3.0.11 fastify@5.12.8 @fastify/http-proxy@11.6.3)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus23 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget python3-venv nodejs golang-go apache2 nginx haproxy tomcat10 jetty9 openjdk-17-jdk-headless)
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


install_venv() {  # Flask, FastAPI, httpx, requests and their servers, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, fastapi, httpx, requests, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # Express, axios, http-proxy-middleware, Fastify and @fastify/http-proxy, from npm
    [[ -e $NODE_DIR/node_modules/axios/package.json && -e $NODE_DIR/node_modules/@fastify/http-proxy/package.json
       && -e $NODE_DIR/node_modules/http-proxy-middleware/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus23","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # the Go gateway, standard library only, offline
    [[ -x $GODIR/go_gateway && $GODIR/go_gateway -nt $APPS/go_gateway.go ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the Go app is not built"; return 0; }
    mkdir -p "$GODIR"
    log "go build"
    (cd "$APPS" && GO111MODULE=off GOPROXY=off GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GODIR/go_gateway" go_gateway.go) >"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[go]="go build failed (see logs/go-build.log)"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round23.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
build_go
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "the npm packages are missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/go_gateway ]] || die "the Go gateway did not build (${SKIPPED[go]:-?})"

APP_PORTS=(41010 41011 41020 41021 41022 41023 41024 41025 41026)
OTHER_PORTS=(41030 41031 41032 41050 41051 41052 41053 41060 41061 41062 41063 41070)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" 41019; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps, gateways and BFFs --------------------------------------------------
declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_bg orders nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 2 --threads 8 --timeout 30 -b 127.0.0.1:41010 orders_svc:app
start_bg ledger-reset nice -n 5 "$VENV/bin/python" "$APPS/reset_svc.py" 41011
start_bg fastapi-gateway nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 41020 fastapi_gateway:app
start_bg flask-bff nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 2 --timeout 30 -b 127.0.0.1:41021 flask_bff:app
# the same BFF with its Server renamed, under Werkzeug's own server (`flask run`): gunicorn writes
# its own Server over the app's; Werkzeug sends its own and then the app's
start_bg flask-bff-renamed env BFF_SERVER=nginx/1.22.1 nice -n 5 "$VENV/bin/flask" --app "$APPS/flask_bff.py" run \
    --host 127.0.0.1 --port 41026 --no-reload --no-debugger
start_bg express-bff "${NODEENV[@]}" "$APPS/express_bff.js" 41022
start_bg go-gateway nice -n 5 "$GODIR/go_gateway" 41023
start_bg hpm-gateway "${NODEENV[@]}" "$APPS/hpm_gateway.js" 41024
start_bg fastify-gateway "${NODEENV[@]}" "$APPS/fastify_gateway.js" 41025
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done
if have tomcat10 && command -v javac >/dev/null; then
    TB=$RUN/tomcat
    mkdir -p "$TB"/{conf,logs,temp,work,webapps/ROOT/WEB-INF/classes}
    cp "$CONF/tomcat-server.xml" "$TB/conf/server.xml"
    cp /etc/tomcat10/web.xml /etc/tomcat10/logging.properties /etc/tomcat10/catalina.properties "$TB/conf/"
    cp "$APPS/tomcat/web.xml" "$TB/webapps/ROOT/WEB-INF/web.xml"
    if nice -n 15 timeout 300 javac -cp /usr/share/java/tomcat10-servlet-api.jar -d "$TB/webapps/ROOT/WEB-INF/classes" \
        "$APPS/tomcat/StoreServlet.java" >"$RUN/logs/javac-tomcat.log" 2>&1; then
        start_bg tomcat env CATALINA_HOME=/usr/share/tomcat10 CATALINA_BASE="$TB" CATALINA_TMPDIR="$TB/temp" \
            nice -n 5 /usr/share/tomcat10/bin/catalina.sh run
        wait_port 41030 tomcat && wait_port 41031 tomcat && UP[tomcat]=1
    else log "SKIP tomcat: javac failed"; SKIPPED[tomcat10]="the servlet did not compile"; fi
fi
if have jetty9 && command -v javac >/dev/null; then
    JB=$RUN/jetty
    mkdir -p "$JB"/{logs,webapps/ROOT/WEB-INF/classes}
    cp "$CONF/jetty-start.ini" "$JB/start.ini"
    cp "$APPS/jetty/web.xml" "$JB/webapps/ROOT/WEB-INF/web.xml"
    if nice -n 15 timeout 300 javac -cp /usr/share/jetty9/lib/servlet-api-3.1.jar -d "$JB/webapps/ROOT/WEB-INF/classes" \
        "$APPS/jetty/StoreServlet.java" >"$RUN/logs/javac-jetty.log" 2>&1; then
        for try in 1 2 3; do  # its port is inside the ephemeral range: an outgoing socket may hold it for a moment
            start_bg jetty nice -n 5 java -jar /usr/share/jetty9/start.jar jetty.home=/usr/share/jetty9 jetty.base="$JB"
            if wait_port 41032 jetty; then UP[jetty]=1; break; fi
            stop_name jetty; sleep 2
        done
    else log "SKIP jetty: javac failed"; SKIPPED[jetty9]="the servlet did not compile"; fi
fi

# ---- real fronts ---------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 41050 nginx && wait_port 41053 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 41060 apache && wait_port 41063 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 41070 haproxy && UP[haproxy]=1
fi
sleep 3  # HAProxy's health checks settle

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 23 (held out): real responses captured by
# scripts/corpus/capture-round23.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-22:
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

A=http://127.0.0.1
OS=$A:41010 FG=$A:41020 FB=$A:41021 FR=$A:41026 EB=$A:41022 GG=$A:41023 HP=$A:41024 FP=$A:41025
TD=$A:41030 JD=$A:41032
NX=$A:41050 N2=$A:41051 NJ=$A:41052 NT=$A:41053
AJ=$A:41060 AH=$A:41061 AX=$A:41062 AE=$A:41063 HA=$A:41070
HTML=(-H 'Accept: text/html,application/xhtml+xml')

# ============================================ FastAPI gateway + BFF, direct ==
log "capturing: the FastAPI + httpx gateway and BFF"
S=fastapi-httpx-gateway-bff
cap $S fastapi-gw-502-reviews-refused.txt 502 proxy fastapi "/gw/reviews/...: the reviews service is not running; the gateway's JSON 502" "server: uvicorn; a gateway written as an app" -- -sv $FG/gw/reviews/api/reviews?sku=A-1
cap $S fastapi-gw-504-orders-slow.txt 504 proxy fastapi "/gw/orders/api/slow: httpx's 1.5 s timeout; the gateway's JSON 504" "curl -si" -- -si $FG/gw/orders/api/slow
cap $S fastapi-gw-502-ledger-reset.txt 502 proxy fastapi "/gw/ledger/...: the ledger resets the connection; the gateway's JSON 502 (ReadError)" "" -- -sv $FG/gw/ledger/api/entries
cap $S fastapi-gw-502-html.txt 502 proxy fastapi "a browser's Accept: the gateway's own HTML 502 page for the dead reviews service" "curl -si; <title>502 Bad Gateway</title>" -- -si "${HTML[@]}" $FG/gw/reviews/api/reviews
caphttp $S fastapi-gw-504-html-httpie.txt 504 proxy fastapi "HTTPie with Accept text/html: the gateway's HTML 504 for the slow orders call" "HTTPie with colours" -- -v GET $FG/gw/orders/api/slow 'Accept:text/html'
cap $S fastapi-gw-404-no-route.txt 404 proxy fastapi "/gw/payments/...: no service of that name in the gateway's table" "curl -si; JSON no_route" -- -si $FG/gw/payments/api/charges
cap $S flask-404-via-fastapi-gw.txt 404 app flask "the orders service's JSON 404 relayed by the gateway" "server: uvicorn on a Flask body" -- -sv $FG/gw/orders/api/orders/7
cap $S flask-500-via-fastapi-gw.txt 500 app flask "the orders service's HTML 500 page relayed by the gateway" "curl -si" -- -si $FG/gw/orders/api/boom
capraw $S flask-503-via-fastapi-gw.txt 503 app flask "the orders service's maintenance 503 (Retry-After) relayed by the gateway" "curl -si saved to a file (CRs kept)" -- -si $FG/gw/orders/api/maintenance
cap $S fastapi-bff-404-own.txt 404 app fastapi "/bff/orders/7: the orders service says 404, the BFF writes its own message" "curl -si" -- -si $FG/bff/orders/7
cap $S fastapi-bff-504-own.txt 504 app fastapi "/bff/slow-orders: httpx times out at 1.5 s, the BFF's own JSON 504" "" -- -sv $FG/bff/slow-orders
capwin $S fastapi-bff-503-dashboard.txt 503 app fastapi "/bff/dashboard: the reviews dependency refuses, the BFF's JSON 503 with Retry-After" "curl -si pasted with CRLF" -- -si $FG/bff/dashboard
cap $S fastapi-bff-500-unhandled-reset.txt 500 app fastapi "/bff/boom: the ledger's reset leaves an httpx error unhandled, Starlette's text 500" "" -- -sv $FG/bff/boom

# ================================================ the same behind nginx ==
if up nginx; then
    log "capturing: nginx in front of the orders service and of the gateways"
    S=nginx-front-gateways
    cap $S fastapi-gw-502-via-nginx.txt 502 proxy fastapi "nginx -> FastAPI gateway -> dead reviews: the gateway's JSON 502 relayed by nginx" "Server: nginx/1.22.1 on the gateway's JSON" -- -sv $NX/gw/reviews/api/reviews
    cap $S fastapi-gw-504-via-nginx.txt 504 proxy fastapi "nginx -> FastAPI gateway -> slow orders: the gateway's 1.5 s timeout fires before nginx's 2 s" "curl -si" -- -si $NX/gw/orders/api/slow
    cap $S fastapi-bff-504-via-nginx.txt 504 app fastapi "nginx -> the BFF's own JSON 504" "" -- -sv $NX/bff/slow-orders
    cap $S nginx-504-orders-slow.txt 504 proxy nginx "nginx -> the orders service sleeping 5 s: proxy_read_timeout 2s" "nginx's own 504 page" -- -sv $NX/api/slow
    cap $S nginx-502-reviews-refused.txt 502 proxy nginx "nginx -> a reviews service that is not running" "curl -si" -- -si $NX/reviews/reviews
    cap $S nginx-502-ledger-reset.txt 502 proxy nginx "nginx -> a ledger that resets every connection" "" -- -sv $NX/ledger/entries
    cap $S flask-404-via-nginx.txt 404 app flask "the orders service's JSON 404 through nginx" "curl -si" -- -si $NX/api/orders/7
    caphttp $S flask-503-via-nginx-httpie.txt 503 app flask "HTTPie: the orders service's maintenance 503 through nginx" "HTTPie with colours; Retry-After from the app" -- -v GET $NX/api/maintenance

    S=nginx-front-gateways-h2c
    cap $S nginx-502-h2c-reviews.txt 502 proxy nginx "HTTP/2 to nginx: the reviews service is not running" "curl -si, h2c prior knowledge" -- -si --http2-prior-knowledge $N2/reviews/reviews
    cap $S nginx-504-h2c-slow.txt 504 proxy nginx "HTTP/2 to nginx: proxy_read_timeout" "" -- -sv --http2-prior-knowledge $N2/api/slow
    cap $S fastapi-gw-502-h2c-via-nginx.txt 502 proxy fastapi "HTTP/2 to nginx -> the FastAPI gateway's HTML 502" "curl -si; Accept text/html" -- -si --http2-prior-knowledge "${HTML[@]}" $N2/gw/reviews/api/reviews
    cap $S flask-bff-502-h2c-via-nginx.txt 502 app flask "HTTP/2 to nginx -> the Flask BFF's nginx-looking 502 page" "curl -si; the page says nginx, nginx did not write it" -- -si --http2-prior-knowledge $N2/shop/reviews
    cap $S go-gw-502-h2c-via-nginx.txt 502 proxy go-reverseproxy "HTTP/2 to nginx -> the Go gateway's JSON 502 (dead reviews)" "" -- -sv --http2-prior-knowledge $N2/edge/reviews/reviews
fi

# ============================================= Flask + requests BFF ==
log "capturing: the Flask + requests BFF (nginx-looking pages)"
S=flask-requests-bff
cap $S flask-bff-502-nginx-lookalike.txt 502 app flask "/shop/reviews: the reviews service refuses; the BFF renders a copy of nginx's 502 page" "Server: gunicorn; Via: 1.1 storefront added by the app" -- -sv $FB/shop/reviews
cap $S flask-bff-504-nginx-lookalike.txt 504 app flask "/shop/slow: requests times out at 1.5 s; the copied nginx 504 page" "curl -si" -- -si $FB/shop/slow
cap $S flask-bff-404-own-html.txt 404 app flask "/shop/orders/7: the orders service says 404; the BFF's HTML" "" -- -sv $FB/shop/orders/7
capraw $S flask-bff-503-maintenance.txt 503 app flask "/shop/maintenance: the app's own HTML maintenance page with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $FB/shop/maintenance
cap $S flask-bff-500-unhandled-reset.txt 500 app flask "/shop/boom: a ConnectionError from requests left unhandled; Flask's 500 page" "curl -si" -- -si $FB/shop/boom
cap $S flask-bff-502-json.txt 502 app flask "/api/cart: the orders service answers 500, the BFF's JSON 502 with upstream_status" "" -- -sv $FB/api/cart
capwget $S flask-bff-502-wget.txt 502 app flask "wget: the BFF's nginx-looking 502 page" "wget -S -O-" -- $FB/shop/reviews
S=flask-requests-bff-server-renamed
cap $S flask-bff-502-server-nginx.txt 502 app flask "the same BFF under Werkzeug's server with its Server renamed to nginx/1.22.1: the copied 502 page" "two Server headers: Werkzeug's, then the app's nginx/1.22.1; Via set by the app" -- -sv $FR/shop/reviews
cap $S flask-bff-504-server-nginx.txt 504 app flask "renamed Server: the copied 504 page after requests' timeout" "curl -si" -- -si $FR/shop/slow
caphttp $S flask-bff-503-server-nginx-httpie.txt 503 app flask "HTTPie: the maintenance page under the renamed Server" "HTTPie with colours" -- -v GET $FR/shop/maintenance
if up nginx; then
    S=flask-requests-bff-nginx
    cap $S flask-bff-502-via-nginx.txt 502 app flask "nginx -> the BFF's copy of nginx's 502 page, relayed by the real nginx" "Server: nginx/1.22.1 and Via: 1.1 storefront" -- -sv $NX/shop/reviews
    cap $S flask-bff-504-via-nginx.txt 504 app flask "nginx -> the BFF's copied 504 (1.5 s, before nginx's 2 s)" "curl -si" -- -si $NX/shop/slow
    capwin $S flask-bff-503-via-nginx.txt 503 app flask "nginx -> the BFF's maintenance page with Retry-After" "curl -si pasted with CRLF" -- -si $NX/shop/maintenance
fi

# =============================================== Express + axios BFF ==
log "capturing: the Express + axios BFF and its hand-written pass-through"
S=express-axios-bff
cap $S express-bff-404-own.txt 404 app express "/bff/orders/7: the orders service says 404; the BFF's JSON" "Server: nginx/1.22.1 set by the app; Via: 1.1 web-bff" -- -sv $EB/bff/orders/7
cap $S express-bff-504-axios-timeout.txt 504 app express "/bff/slow: axios times out at 1.5 s (ECONNABORTED); the BFF's JSON 504" "curl -si" -- -si $EB/bff/slow
cap $S express-bff-503-retry-after.txt 503 app express "/bff/recommendations: the dependency refuses; the BFF's JSON 503 with Retry-After" "" -- -sv $EB/bff/recommendations
cap $S express-bff-503-html.txt 503 app express "/bff/status: the app's HTML 503 page with Retry-After" "curl -si; <title>503 Service Unavailable</title> under Server: nginx" -- -si $EB/bff/status
cap $S express-bff-500-unhandled.txt 500 app express "/bff/ledger: the rejected axios promise reaches Express 5's default handler" "" -- -sv $EB/bff/ledger
cap $S express-passthru-502-refused.txt 502 proxy express "/api/reviews/...: the hand-written axios pass-through, target refuses; its JSON 502" "curl -si" -- -si $EB/api/reviews/latest
cap $S express-passthru-504-timeout.txt 504 proxy express "/api/slow through the pass-through: axios's 1.5 s timeout; its JSON 504" "" -- -sv $EB/api/slow
capraw $S express-passthru-502-reset.txt 502 proxy express "/api/ledger/...: the target resets (ECONNRESET); the pass-through's JSON 502" "curl -si saved to a file (CRs kept)" -- -si $EB/api/ledger/entries
cap $S flask-404-via-express-passthru.txt 404 app flask "the orders service's JSON 404 relayed by the pass-through" "curl -si; Server: nginx/1.22.1 from the Express app" -- -si $EB/api/orders/7
cap $S express-404-cannot-get-bff.txt 404 app express "a path outside /bff and /api: Express's 'Cannot GET'" "curl -si" -- -si $EB/account/orders
if up apache; then
    S=express-axios-bff-apache
    cap $S express-bff-504-via-apache.txt 504 app express "Apache -> the BFF's JSON 504 (axios 1.5 s, before ProxyTimeout 2)" "Apache passes the app's Server: nginx/1.22.1 and adds no Via" -- -sv $AX/bff/slow
    cap $S express-bff-503-html-h2c-apache.txt 503 app express "HTTP/2 (h2c) to Apache -> the BFF's HTML 503" "curl -si, h2c prior knowledge" -- -si --http2-prior-knowledge $AX/bff/status
    cap $S express-passthru-502-via-apache.txt 502 proxy express "Apache -> the pass-through's JSON 502 for a refused target" "" -- -sv $AX/gwapi/reviews/latest
    cap $S apache-503-reviews-refused.txt 503 proxy apache "Apache -> a reviews service that is not running" "" -- -sv $AX/reviews/latest
    cap $S apache-502-orders-timeout.txt 502 proxy apache "Apache -> the orders service sleeping 5 s: ProxyTimeout 2" "curl -si" -- -si $AX/api/slow
    cap $S apache-502-ledger-reset.txt 502 proxy apache "Apache -> a ledger that resets every connection" "" -- -sv $AX/ledger/entries
    cap $S apache-502-h2c-timeout.txt 502 proxy apache "HTTP/2 (h2c) to Apache: ProxyTimeout" "" -- -sv --http2-prior-knowledge $AX/api/slow
    cap $S flask-404-h2c-via-apache.txt 404 app flask "HTTP/2 (h2c) to Apache: the orders service's JSON 404" "curl -si" -- -si --http2-prior-knowledge $AX/api/orders/7
    capwget $S apache-503-wget.txt 503 proxy apache "wget: Apache's 503 for the dead reviews service" "wget -S -O-" -- $AX/reviews/summary
fi

# ============================================ Go httputil.ReverseProxy ==
log "capturing: the Go ReverseProxy gateway"
S=go-reverseproxy-gateway
cap $S go-gw-502-json-refused.txt 502 proxy go-reverseproxy "/reviews/...: refused; the custom ErrorHandler's JSON 502" "Server: nginx set by the gateway" -- -sv $GG/reviews/reviews
cap $S go-gw-504-json-timeout.txt 504 proxy go-reverseproxy "/slow: ResponseHeaderTimeout 1.5 s; the custom ErrorHandler's JSON 504" "curl -si" -- -si $GG/slow
cap $S go-gw-502-json-reset.txt 502 proxy go-reverseproxy "/ledger/...: the upstream resets; the JSON 502" "" -- -sv $GG/ledger/entries
cap $S go-gw-502-stock-empty.txt 502 proxy go-reverseproxy "/legacy/...: the stock ErrorHandler's empty 502" "an EMPTY 502 with Server: nginx" -- -sv $GG/legacy/items
cap $S go-gw-504-nginx-lookalike.txt 504 proxy go-reverseproxy "/html/slow: an ErrorHandler that writes nginx's 504 page" "curl -si; '<center>nginx</center>' written by Go" -- -si $GG/html/slow
caphttp $S go-gw-502-httpie.txt 502 proxy go-reverseproxy "HTTPie: the dead reviews service, the JSON 502" "HTTPie with colours" -- -v GET $GG/reviews/latest
cap $S go-gw-404-servemux.txt 404 proxy go-net-http "an unrouted path: the gateway's ServeMux '404 page not found'" "curl -si" -- -si $GG/payments/charges
cap $S go-app-504-quote-own.txt 504 app go-net-http "/app/quote: the gateway's own endpoint calls the orders service (1 s client timeout) and answers 504 itself" "Retry-After: 5" -- -sv $GG/app/quote
cap $S flask-404-via-go-gw.txt 404 app flask "the orders service's JSON 404 relayed by ReverseProxy" "curl -si; two Server headers" -- -si $GG/orders/7
cap $S flask-500-via-go-gw.txt 500 app flask "the orders service's HTML 500 relayed under /html/" "" -- -sv $GG/html/boom
if up nginx; then
    S=go-reverseproxy-gateway-nginx
    cap $S go-gw-502-via-nginx.txt 502 proxy go-reverseproxy "nginx -> the Go gateway's JSON 502 (refused)" "" -- -sv $NX/edge/reviews/reviews
    capraw $S go-gw-504-lookalike-via-nginx.txt 504 proxy go-reverseproxy "nginx -> the Go gateway's nginx-looking 504 page (1.5 s, before nginx's 2 s)" "curl -si saved to a file (CRs kept)" -- -si $NX/edge/html/slow
    cap $S go-app-504-via-nginx.txt 504 app go-net-http "nginx -> the gateway's own /app/quote 504" "curl -si" -- -si $NX/edge/app/quote
fi

# ================================================ http-proxy-middleware ==
log "capturing: the http-proxy-middleware gateway"
S=hpm-gateway
cap $S hpm-504-stock-refused.txt 504 proxy http-proxy-middleware "/legacy: refused, stock handling: the middleware's text 504" "'Error occurred while trying to proxy'" -- -sv $HP/legacy/items
cap $S hpm-502-custom-refused.txt 502 proxy http-proxy-middleware "/reviews: refused, the custom on.error handler's JSON 502" "curl -si" -- -si $HP/reviews/latest
cap $S hpm-502-custom-reset.txt 502 proxy http-proxy-middleware "/ledger: ECONNRESET, the custom handler's JSON 502" "" -- -sv $HP/ledger/entries
cap $S hpm-504-custom-timeout.txt 504 proxy http-proxy-middleware "/slow: proxyTimeout 1.5 s, the custom handler's JSON 504" "curl -si" -- -si $HP/slow
if up haproxy; then
    S=hpm-gateway-haproxy
    cap $S hpm-502-via-haproxy.txt 502 proxy http-proxy-middleware "HAProxy -> the middleware's JSON 502" "" -- -sv $HA/hpm/reviews/latest
    capwget $S hpm-504-text-via-haproxy-wget.txt 504 proxy http-proxy-middleware "HAProxy -> the middleware's stock text 504 (refused)" "wget -S -O-" -- $HA/hpm/legacy/items
fi

# ================================================== @fastify/http-proxy ==
log "capturing: the @fastify/http-proxy gateway"
S=fastify-http-proxy-gateway
cap $S fastify-proxy-500-refused.txt 500 proxy fastify-http-proxy "/reviews: the target refuses; the plugin answers 500 (not 502) through Fastify's serializer" "" -- -sv $FP/reviews/latest
cap $S fastify-proxy-500-reset.txt 500 proxy fastify-http-proxy "/ledger: the target resets; the plugin's 500 again" "curl -si" -- -si $FP/ledger/entries
cap $S fastify-proxy-504-timeout.txt 504 proxy fastify-http-proxy "/orders/slow: the request timeout (1.5 s)" "" -- -sv $FP/orders/slow
cap $S fastify-proxy-404-unrouted.txt 404 proxy fastify-http-proxy "no prefix matches: Fastify's 'Route GET:... not found'" "curl -si" -- -si $FP/payments/charges

# ===================================================== HAProxy in front ==
if up haproxy; then
    log "capturing: HAProxy in front of the orders service and the FastAPI gateway"
    S=haproxy-front
    cap $S haproxy-504-orders-slow.txt 504 load-balancer haproxy "timeout server 2s: the orders service sleeps 5 s" "" -- -sv $HA/api/slow
    cap $S haproxy-503-reviews-down.txt 503 load-balancer haproxy "the reviews backend's only server fails its check" "curl -si" -- -si $HA/reviews/latest
    cap $S haproxy-502-ledger-reset.txt 502 load-balancer haproxy "the ledger resets the connection" "" -- -sv $HA/ledger/entries
    cap $S flask-404-via-haproxy.txt 404 app flask "the orders service's JSON 404 through HAProxy" "curl -si" -- -si $HA/api/orders/7
    cap $S fastapi-gw-502-via-haproxy.txt 502 proxy fastapi "HAProxy -> the FastAPI gateway's JSON 502" "curl -si" -- -si $HA/gw/reviews/api/reviews
    cap $S fastapi-gw-504-via-haproxy.txt 504 proxy fastapi "HAProxy -> the FastAPI gateway's JSON 504 (1.5 s, before HAProxy's 2 s)" "" -- -sv $HA/gw/orders/api/slow
    caphttp $S fastapi-bff-503-via-haproxy-httpie.txt 503 app fastapi "HTTPie: HAProxy -> the BFF's JSON 503 with Retry-After" "HTTPie with colours" -- -v GET $HA/bff/dashboard
fi

# =================================================== Tomcat behind Apache ==
if up tomcat && up apache; then
    log "capturing: Tomcat behind Apache (AJP and HTTP)"
    S=tomcat-apache-ajp
    cap $S tomcat-504-senderror-ajp.txt 504 app tomcat "/api/quote: the servlet's pricing call times out; sendError(504) gives Tomcat's report page" "over mod_proxy_ajp" -- -sv $AJ/api/quote
    cap $S tomcat-502-senderror-ajp.txt 502 app tomcat "/api/reviews: the reviews service refuses; sendError(502)" "curl -si" -- -si $AJ/api/reviews
    cap $S tomcat-503-maintenance-ajp.txt 503 app tomcat "/api/maintenance: sendError(503) with Retry-After" "" -- -sv $AJ/api/maintenance
    cap $S tomcat-503-json-ajp.txt 503 app tomcat "/api/cart: the servlet's JSON 503 with Retry-After" "curl -si" -- -si $AJ/api/cart
    cap $S tomcat-500-exception-ajp.txt 500 app tomcat "/api/boom: an IllegalStateException, Tomcat's 500 report" "" -- -sv $AJ/api/boom
    caphttp $S tomcat-404-ajp-httpie.txt 404 app tomcat "HTTPie: sendError(404, msg)" "HTTPie with colours" -- -v GET $AJ/api/orders/7
    cap $S apache-503-ajp-timeout.txt 503 proxy apache "/api/slow: the servlet sleeps 5 s, ProxyTimeout 2 on mod_proxy_ajp: Apache answers 503 (not 502 as over HTTP)" "" -- -sv $AJ/api/slow
    cap $S apache-503-ajp-dead-port.txt 503 proxy apache "/legacy/: ajp:// to a port where nothing listens" "curl -si" -- -si $AJ/legacy/items

    S=tomcat-apache-http
    cap $S tomcat-504-senderror-http.txt 504 app tomcat "the same 504 report over mod_proxy_http" "" -- -sv $AH/api/quote
    capwin $S tomcat-503-maintenance-http.txt 503 app tomcat "sendError(503) over mod_proxy_http" "curl -si pasted with CRLF" -- -si $AH/api/maintenance
    cap $S apache-502-tomcat-timeout-http.txt 502 proxy apache "/api/slow over mod_proxy_http: ProxyTimeout 2" "curl -si" -- -si $AH/api/slow
fi
if up tomcat && up nginx; then
    S=tomcat-nginx
    cap $S tomcat-502-senderror-nginx.txt 502 app tomcat "nginx -> Tomcat's 502 report (sendError)" "Server: nginx/1.22.1 over Tomcat's page" -- -sv $NT/api/reviews
    cap $S nginx-504-tomcat-slow.txt 504 proxy nginx "nginx -> the servlet sleeping 5 s" "" -- -sv $NT/api/slow
fi

# ====================================================== Jetty 9 ==
if up jetty; then
    log "capturing: Jetty 9 behind nginx and Apache"
    S=jetty-direct
    cap $S jetty-504-senderror-direct.txt 504 app jetty "sendError(504): Jetty's own 'HTTP ERROR 504' page" "Server: Jetty(9.4.57...)" -- -sv $JD/api/quote
    cap $S jetty-503-maintenance-direct.txt 503 app jetty "sendError(503) with Retry-After" "curl -si" -- -si $JD/api/maintenance
    if up nginx; then
        S=jetty-nginx
        cap $S jetty-502-senderror-nginx.txt 502 app jetty "nginx -> Jetty's 502 page (sendError)" "" -- -sv $NJ/api/reviews
        capraw $S jetty-503-maintenance-nginx.txt 503 app jetty "nginx -> Jetty's 503 page with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $NJ/api/maintenance
        cap $S jetty-500-exception-nginx.txt 500 app jetty "nginx -> Jetty's 500 page for an uncaught exception" "" -- -sv $NJ/api/boom
        cap $S nginx-504-jetty-slow.txt 504 proxy nginx "nginx -> the servlet sleeping 5 s" "" -- -sv $NJ/api/slow
    fi
    if up apache; then
        S=jetty-apache
        cap $S jetty-504-senderror-apache.txt 504 app jetty "Apache -> Jetty's 504 page" "curl -si" -- -si $AE/api/quote
        cap $S jetty-503-json-apache.txt 503 app jetty "Apache -> the servlet's JSON 503 with Retry-After" "" -- -sv $AE/api/cart
        cap $S apache-502-jetty-timeout.txt 502 proxy apache "Apache -> the servlet sleeping 5 s: ProxyTimeout 2" "curl -si" -- -si $AE/api/slow
    fi
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
capbody $S body-fastapi-gw-502.txt 0/502 proxy fastapi "the FastAPI gateway's JSON for the dead reviews service" "no number" -- $FG/gw/reviews/api/reviews
capbody $S body-fastapi-bff-504.txt 0/504 app fastapi "the BFF's JSON 504 message" "no number" -- $FG/bff/slow-orders
capbody $S body-flask-bff-502-lookalike.txt 502/502 app flask "the BFF's copy of nginx's 502 page" "the title names 502 and nginx" -- $FB/shop/reviews
capbody $S body-express-passthru-504.txt 504/504 proxy express "the pass-through's JSON 504" "\"status\":504" -- $EB/api/slow
capbody $S body-go-gw-502.txt 502/502 proxy go-reverseproxy "the Go gateway's JSON 502" "\"status\":502" -- $GG/reviews/latest
capbody $S body-hpm-504-text.txt 0/504 proxy http-proxy-middleware "the middleware's stock text for a refused target" "no number" -- $HP/legacy/items
up tomcat && capbody $S body-tomcat-504-report.txt 504/504 app tomcat "Tomcat's 'HTTP Status 504' report page" "" -- $TD/api/quote
up nginx && capbody $S body-nginx-502-real.txt 502/502 proxy nginx "nginx's own 502 page (the real one)" "" -- $NX/reviews/reviews
up apache && capbody $S body-apache-503.txt 503/503 proxy apache "Apache's 503 page for the dead reviews service" "" -- $AX/reviews/latest

# ================================================ headers-only pastes ==
S=headers-only-paste
caphead $S head-flask-bff-502-server-nginx.txt 502 app flask "curl -sI: the BFF with the renamed Server, under Werkzeug" "Server: Werkzeug/3.1.9 ... and Server: nginx/1.22.1, Via" -- $FR/shop/reviews
caphead $S head-go-gw-502.txt 502 proxy go-reverseproxy "curl -sI: the Go gateway, refused" "" -- $GG/reviews/latest
up nginx && caphead $S head-nginx-504.txt 504 proxy nginx "curl -sI: nginx's timeout" "" -- $NX/api/slow
up haproxy && caphead $S head-haproxy-503.txt 503 load-balancer haproxy "curl -sI: no reviews server up" "" -- $HA/reviews/latest
up tomcat && up apache && caphead $S head-tomcat-503-ajp.txt 503 app tomcat "curl -sI over AJP: sendError(503)" "Retry-After" -- $AJ/api/maintenance

# ================================== servers go away behind their fronts ==
if up apache && up tomcat; then
    stop_name tomcat
    sleep 0.5
    cap tomcat-apache-ajp apache-503-tomcat-stopped-ajp.txt 503 proxy apache "Tomcat is stopped: Apache's 503 over AJP" "" -- -sv $AJ/api/orders/1
    up nginx && cap tomcat-nginx nginx-502-tomcat-stopped.txt 502 proxy nginx "Tomcat is stopped: nginx's 502" "" -- -sv $NT/api/orders/1
fi
if up jetty; then
    stop_name jetty
    sleep 0.5
    up nginx && capwin jetty-nginx nginx-502-jetty-stopped.txt 502 proxy nginx "Jetty is stopped: nginx's 502" "curl -si pasted with CRLF" -- -si $NJ/api/orders/1
    up apache && cap jetty-apache apache-503-jetty-stopped.txt 503 proxy apache "Jetty is stopped: Apache's 503" "" -- -sv $AE/api/orders/1
fi
stop_name flask-bff
sleep 0.5
up nginx && cap flask-requests-bff-nginx nginx-502-bff-stopped.txt 502 proxy nginx "the Flask BFF is stopped: the real nginx 502 (beside the BFF's copy)" "" -- -sv $NX/shop/reviews
stop_name fastapi-gateway
sleep 0.5
up haproxy && cap haproxy-front haproxy-503-gateway-stopped.txt 503 load-balancer haproxy "the FastAPI gateway is stopped: HAProxy's 503 (no check on that backend: it answers 503 after the refused connect)" "curl -si" -- -si $HA/gw/orders/api/orders/1
stop_name go-gateway
sleep 0.5
up nginx && capraw go-reverseproxy-gateway-nginx nginx-502-go-gw-stopped.txt 502 proxy nginx "the Go gateway is stopped: nginx's 502 on /edge/" "curl -si saved to a file (CRs kept)" -- -si $NX/edge/reviews/reviews

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round23/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
