#!/usr/bin/env bash
# capture-round8.sh — build the eighth held-out evidence corpus in
# tests/fixtures/evidence-round8/.
#
# Writers no earlier round (capture.sh, capture-round2.sh ... capture-round7.sh)
# used: TurboGears2 (under waitress), Responder (under uvicorn), LoopBack 4
# (@loopback/rest), net/http wrapped in gorilla/handlers (Debian's packaged
# sources), an API gateway on Starlette + httpx, an API-key auth service on
# Falcon, a redbird reverse proxy, a Koa gateway on koa-proxies. Proxies and
# caches in configurations no round used: Apache mod_proxy_balancer with no
# live member, nginx's pages for rare codes (plain HTTP to a TLS port, no
# client certificate, 494) and limit_req, an HTML page of nginx's own from
# proxy_intercept_errors, HAProxy's queue timeout and `http-request return`,
# lighttpd mod_proxy's own errors, Squid with custom error_directory pages,
# tinyproxy with custom ErrorFile pages, Varnish answering stale while it
# revalidates. Body-only and headers-only pastes, HTTPie with colours,
# transcripts saved with their CRs or pasted with CRLF, HTTP/2.
#
#   scripts/corpus/capture-round8.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round8.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round8.sh       # keep configs + logs in the runtime dir
#
# Rules as in rounds 1-7: every server binds 127.0.0.1 (ports 26000-26999)
# and the script stops if a new socket listens anywhere else; every curl runs
# under `timeout`; every loop is bounded; every server it started is stopped
# on exit, by process id. Labels are written by finish_round8.py, which
# refuses (and this script then leaves the fixtures as they were) when a
# label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round8"
RUN=/tmp/api-triage-corpus8
STAGE="$RUN/evidence"
CONF="$HERE/conf-round8"
VENV=${CORPUS_VENV8:-/tmp/api-triage-corpus8-venv}
NODE_DIR=${CORPUS_NODE8:-/tmp/api-triage-corpus8-node}
GODIR=${CORPUS_GO8:-/tmp/api-triage-corpus8-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus8 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie nodejs python3-venv apache2 nginx haproxy varnish lighttpd squid tinyproxy
          golang-go golang-github-gorilla-handlers-dev openssl)
PYPI=(TurboGears2==2.5.1 responder==9.2.0 waitress==3.0.2 httpx==0.28.1 falcon==4.0.2 uvicorn==0.55.0 starlette==1.10.0)
NPM=(@loopback/rest@15.0.16 redbird@1.0.2 koa@3.3.0 koa-proxies@0.12.4)
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
    DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -q --no-install-recommends "${ok[@]}" \
        >"$RUN/logs/apt-install.log" 2>&1 || for p in "${ok[@]}"; do SKIPPED[$p]="apt-get install failed"; done
    ((created_policy)) && rm -f /usr/sbin/policy-rc.d
    return 0
}

install_venv() {  # the Python frameworks, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import tg, responder, falcon, httpx" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # the Node frameworks, from npm
    local m ok=1
    for m in @loopback/rest redbird koa koa-proxies; do
        [[ -d $NODE_DIR/node_modules/$m ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node modules missing"; return 0; }
    log "npm install into $NODE_DIR: ${NPM[*]}"
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name": "corpus8", "private": true}' >"$NODE_DIR/package.json"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # gorilla/handlers from Debian's /usr/share/gocode, offline, GOPATH mode
    [[ -x $GODIR/apps8 && $GODIR/apps8 -nt $HERE/apps8.go ]] && return 0
    have golang-go || { SKIPPED[go]="golang-go not installed"; return 0; }
    mkdir -p "$GODIR/src/apps8"
    cp "$HERE/apps8.go" "$GODIR/src/apps8/main.go"
    log "go build (GOPATH mode, offline)"
    (cd "$GODIR/src/apps8" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR:/usr/share/gocode" GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GODIR/apps8" .) >"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[go]="go build failed (see logs/go-build.log)"
}

have() { [[ -z ${SKIPPED[$1]:-} ]] && installed "$1"; }
have_node() { [[ -z ${SKIPPED[npm]:-} && -d $NODE_DIR/node_modules/redbird ]]; }
have_go() { [[ -z ${SKIPPED[go]:-} && -x $GODIR/apps8 ]]; }

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
    [[ $cmd == *"$RUN/"* || $cmd == *"$HERE/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"$GODIR/"* || $cmd == *"apps8"* || $cmd == *"$VENV/"* ]]
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
            # a worker or child a server left behind (Starman, Robyn, yaws's beam)
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

wait_port() {  # bounded wait (30 s: Tomcat and Jetty start slowly)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round8.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
    in_work timeout 20 "$HTTPIE" --pretty=all --style=monokai --timeout=10 "$@" >>"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

quiet() { in_work timeout 10 curl -s -o /dev/null "$@" || true; }

render() {
    local src=$1 dest=$2; shift 2
    sed -e "s|@RUN@|$RUN|g" "$@" "$src" >"$dest"
}

selfsigned() {  # selfsigned DIR: tls.key + tls.crt for 127.0.0.1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7 \
        -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
        -keyout "$1/tls.key" -out "$1/tls.crt" >/dev/null 2>&1
}

up() { [[ -n ${UP[$1]:-} ]]; }
# ------------------------------------------------------------------- main --
[[ -d $CONF ]] || die "missing $CONF"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
build_go
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
have_node || die "the Node modules are missing (${SKIPPED[npm]:-?})"
have_go || die "the Go app did not build (${SKIPPED[go]:-?})"

PORTS=(26001 26010 26020 26021 26022 26023 26030 26031 26032 26050 26051 26053 26054 26055 26057 26058 26059 26060)
for p in "${PORTS[@]}" 26009; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg up-slow "$PY" "$HERE/upstream.py" slow 26001
start_bg handlers "$GODIR/apps8" handlers 26010
start_bg turbogears "$VENV/bin/python" "$HERE/apps8.py" turbogears 26020
start_bg responder "$VENV/bin/python" "$HERE/apps8.py" responder 26021
start_bg starlette "$VENV/bin/python" "$HERE/apps8.py" starlette-gateway 26022 /tg=http://127.0.0.1:26020 \
    /lb=http://127.0.0.1:26030 /dead=http://127.0.0.1:26009 /slow=http://127.0.0.1:26001 /auth=http://127.0.0.1:26023
start_bg falcon "$VENV/bin/python" "$HERE/apps8.py" falcon-auth 26023 http://127.0.0.1:26021
export NODE_ENV=production NODE_PATH="$NODE_DIR/node_modules"
start_bg loopback node "$HERE/apps8.js" loopback 26030
start_bg redbird node "$HERE/apps8.js" redbird 26031 /lb=http://127.0.0.1:26030 /resp=http://127.0.0.1:26021 \
    /go=http://127.0.0.1:26010 /dead=http://127.0.0.1:26009 /slow=http://127.0.0.1:26001 /nginx=http://127.0.0.1:26050
start_bg koa node "$HERE/apps8.js" koa-gateway 26032 /lb=http://127.0.0.1:26030 /tg=http://127.0.0.1:26020 \
    /dead=http://127.0.0.1:26009 /slow=http://127.0.0.1:26001 /auth=http://127.0.0.1:26023
for p in 26001 26010 26020 26021 26022 26023 26030 26031 26032; do wait_port $p app || die "an app did not start on $p"; done

# ---- front layers ------------------------------------------------------------
if have nginx && have openssl; then
    mkdir -p "$RUN"/nginx/{tmp,html}
    selfsigned "$RUN/nginx"
    cp "$CONF/upstream-error.html" "$RUN/nginx/html/"
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 26050 nginx && wait_port 26051 nginx && wait_port 26053 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 26054 haproxy && UP[haproxy]=1
fi
if have varnish; then
    mkdir -p "$RUN/varnish"
    render "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:26055 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 26055 varnish && UP[varnish]=1
fi
if have lighttpd; then
    mkdir -p "$RUN"/lighttpd/htdocs
    render "$CONF/lighttpd.conf" "$RUN/lighttpd/lighttpd.conf"
    start_bg lighttpd lighttpd -D -f "$RUN/lighttpd/lighttpd.conf"
    wait_port 26057 lighttpd && UP[lighttpd]=1
fi
if have squid; then
    mkdir -p "$RUN/squid/errors"
    cp /usr/share/squid/errors/templates/* "$RUN/squid/errors/"
    cp "$CONF"/squid-errors/* "$RUN/squid/errors/"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || chmod -R 777 "$RUN/squid"
    start_bg squid squid -N -f "$RUN/squid/squid.conf"
    wait_port 26058 squid && UP[squid]=1
fi
if have tinyproxy; then
    mkdir -p "$RUN/tinyproxy"
    cp "$CONF"/tinyproxy-errors/*.html "$RUN/tinyproxy/"
    printf '/admin/\n' >"$RUN/tinyproxy/filter"
    render "$CONF/tinyproxy.conf" "$RUN/tinyproxy/tinyproxy.conf"
    chown -R nobody:nogroup "$RUN/tinyproxy" 2>/dev/null || chmod -R 777 "$RUN/tinyproxy"
    start_bg tinyproxy tinyproxy -d -c "$RUN/tinyproxy/tinyproxy.conf"
    wait_port 26059 tinyproxy && UP[tinyproxy]=1
fi
if have apache2; then
    mkdir -p "$RUN/apache"
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    start_bg apache apache2 -X -f "$RUN/apache/apache.conf"
    wait_port 26060 apache && UP[apache]=1
fi

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 8 (held out): real responses captured by
# scripts/corpus/capture-round8.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-7:
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
JSONH=(-H 'Content-Type: application/json')
GO=$A:26010; TG=$A:26020; RS=$A:26021; SG=$A:26022; FA=$A:26023; LB=$A:26030; RB=$A:26031; KG=$A:26032

# ================================================================ apps ==
log "capturing: apps"
S=gorilla-handlers-direct
cap $S handlers-500-recovery-empty.txt 500 app gorilla-handlers "a handler panics under handlers.RecoveryHandler" \
    "an EMPTY 500, Content-Length: 0, no Server" -- -sv $GO/api/panic
cap $S handlers-405-method.txt 405 app gorilla-handlers "DELETE on a MethodHandler route" \
    "curl -si; 'Method not allowed' with Allow: GET" -- -si -X DELETE $GO/api/health
cap $S handlers-415-content-type.txt 415 app gorilla-handlers "ContentTypeHandler refuses text/plain" \
    "Unsupported content type \"text/plain\"; expected one of [\"application/json\"]" -- -sv -X POST -H 'Content-Type: text/plain' -d 'sku=A-1' $GO/api/orders
cap $S handlers-404-unrouted.txt 404 app gorilla-handlers "no route in the ServeMux" "curl -si; '404 page not found'" -- -si $GO/v2/orders
cap $S handlers-404-json.txt 404 app gorilla-handlers "the handler writes 404 itself" "JSON, no Server" -- -sv $GO/api/orders/7
capraw $S handlers-503-json.txt 503 app gorilla-handlers "the app's JSON 503 with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $GO/api/down
capwin $S handlers-502-own-html.txt 502 app gorilla-handlers "the app's own HTML 502" \
    "curl -si pasted with CRLF; a copy of nginx's 502 page, written by the app" -- -si $GO/api/pay

S=turbogears-waitress
cap $S tg-404-abort.txt 404 app turbogears "abort(404) in a TurboGears controller" "WebOb's HTML 404 page, Server: waitress" -- -sv $TG/api/orders/7
cap $S tg-500-waitress.txt 500 app waitress "an exception in a controller (debug off)" \
    "curl -si; waitress's text 500 '(generated by waitress)'" -- -si $TG/api/boom
cap $S tg-404-unrouted.txt 404 app turbogears "no controller for the path" "" -- -sv $TG/v2/orders
cap $S tg-503-json.txt 503 app turbogears "the app's JSON 503 with Retry-After" "Cache-Control: no-cache, Pragma" -- -sv $TG/api/down
cap $S tg-429-json.txt 429 app turbogears "the app's JSON 429" "curl -si" -- -si $TG/api/limited
cap $S tg-503-own-html.txt 503 app turbogears "the app's own HTML 503" "a copy of nginx's page, Server: waitress" -- -sv $TG/api/maint
capraw $S tg-504-own-html.txt 504 app turbogears "the app's own HTML 504" "curl -si saved to a file (CRs kept)" -- -si $TG/api/report
caphttp $S tg-503-json-httpie.txt 503 app turbogears "HTTPie -v, the app's JSON 503" "HTTPie with colours" -- -v GET $TG/api/down

S=responder-uvicorn
cap $S responder-404-unrouted.txt 404 app responder "no route" "problem+json 'Not Found', server: uvicorn" -- -sv $RS/v2/orders
cap $S responder-500-exception.txt 500 app responder "an exception in a view" "curl -si; problem+json 'Internal Server Error'" -- -si $RS/api/boom
cap $S responder-404-json.txt 404 app responder "the view sets 404" "JSON" -- -sv $RS/api/orders/7
cap $S responder-503-json.txt 503 app responder "the app's JSON 503" "Retry-After" -- -sv $RS/api/down
cap $S responder-429-json.txt 429 app responder "the app's JSON 429" "curl -si" -- -si $RS/api/limited
cap $S responder-503-own-html.txt 503 app responder "the app's own HTML 503" "curl -si; nginx's words, server: uvicorn" -- -si $RS/api/maint
cap $S responder-504-own-html.txt 504 app responder "the app's own HTML 504" "" -- -sv $RS/api/report

S=loopback-direct
cap $S lb-404-endpoint.txt 404 app loopback "no route: LoopBack's NotFoundError" "Endpoint \"GET /v2/orders\" not found, X-Powered-By: Express" -- -sv $LB/v2/orders
cap $S lb-404-notfound.txt 404 app loopback "HttpErrors.NotFound" "curl -si" -- -si $LB/api/orders/7
cap $S lb-500-exception.txt 500 app loopback "an exception in a handler" "{\"error\":{\"statusCode\":500,...}}" -- -sv $LB/api/boom
cap $S lb-503-service-unavailable.txt 503 app loopback "HttpErrors.ServiceUnavailable" "no Retry-After" -- -sv $LB/api/down
cap $S lb-429-too-many.txt 429 app loopback "HttpErrors.TooManyRequests" "curl -si" -- -si $LB/api/limited
cap $S lb-504-gateway-timeout.txt 504 app loopback "HttpErrors.GatewayTimeout thrown by the app" \
    "'Gateway Time-out' in JSON, written by the app" -- -sv $LB/api/report
cap $S lb-422-validation.txt 422 app loopback "a body missing a required property" "curl -si; VALIDATION_FAILED" -- -si "${JSONH[@]}" -d '{"qty":1}' $LB/api/orders
caphttp $S lb-500-httpie.txt 500 app loopback "HTTPie -v, an exception" "HTTPie with colours" -- -v GET $LB/api/boom

# ============================================================ gateways ==
log "capturing: gateways"
S=starlette-gateway
cap $S sg-502-json-refused.txt 502 proxy starlette "httpx gets a refused connection; the gateway's JSON" \
    "request_id inside and in x-request-id, no Server" -- -sv $SG/dead/api/orders
cap $S sg-504-json-slow.txt 504 proxy starlette "the upstream answers after 5 s, httpx timeout 2 s" "curl -si; upstream_timeout" -- -si $SG/slow/api/report
cap $S sg-404-no-route.txt 404 proxy starlette "no prefix matches" "JSON no_route with the id" -- -sv $SG/v2/orders
quiet -H 'X-Client: batch-7' $SG/lb/api/health
quiet -H 'X-Client: batch-7' $SG/lb/api/health
cap $S sg-429-json-quota.txt 429 proxy starlette "the gateway's own per-client quota" "Retry-After: 60, the id inside" \
    -- -sv -H 'X-Client: batch-7' $SG/lb/api/health
cap $S tg-503-via-starlette.txt 503 app turbogears "TurboGears's JSON 503 through the gateway" "curl -si; x-request-id added, Server dropped" -- -si $SG/tg/api/down
cap $S lb-404-via-starlette.txt 404 app loopback "LoopBack's 404 through the gateway" "" -- -sv $SG/lb/api/orders/7
cap $S tg-504-html-via-starlette.txt 504 app turbogears "TurboGears's own HTML 504 through the gateway" "no Server, x-request-id" -- -sv $SG/tg/api/report

S=falcon-auth-service
cap $S falcon-401-no-key.txt 401 identity falcon "an API-key service in front of Responder: no key" \
    "JSON {title, description}, WWW-Authenticate: ApiKey, Server: orders-auth" -- -sv $FA/api/orders/7
cap $S falcon-403-bad-key.txt 403 identity falcon "an inactive key" "curl -si" -- -si -H 'X-API-Key: k-test-0000' $FA/api/orders/7
caphttp $S falcon-401-httpie.txt 401 identity falcon "HTTPie -v, no key" "HTTPie with colours" -- -v GET $FA/api/health
cap $S responder-500-behind-falcon.txt 500 app responder "a good key; Responder's 500" \
    "problem+json relayed, Server: orders-auth, X-Auth-Client" -- -sv -H 'X-API-Key: k-live-8f2a' $FA/api/boom
cap $S responder-404-behind-falcon.txt 404 app responder "a good key; Responder's JSON 404" "curl -si" -- -si -H 'X-API-Key: k-live-8f2a' $FA/api/orders/7
cap $S responder-503-html-behind-falcon.txt 503 app responder "a good key; the app's own HTML 503" "" -- -sv -H 'X-API-Key: k-live-8f2a' $FA/api/maint

S=redbird-proxy
cap $S redbird-502-econnrefused.txt 502 proxy redbird "the target refuses" "a 502 whose body is 'ECONNREFUSED', no Server" -- -sv $RB/dead/api/orders
cap $S redbird-404-no-route.txt 404 proxy redbird "no route registered" "curl -si; text 'Not Found' with no Content-Type" -- -si $RB/v2/orders
cap $S redbird-0-timeout-empty.txt 0 proxy redbird "the target answers after 5 s, proxyTimeout 2 s" "'Empty reply from server'" -- -sv $RB/slow/api/report
cap $S lb-500-via-redbird.txt 500 app loopback "LoopBack's 500 through redbird" "" -- -sv $RB/lb/api/boom
cap $S responder-503-via-redbird.txt 503 app responder "Responder's JSON 503 through redbird" "curl -si" -- -si $RB/resp/api/down
cap $S handlers-502-html-via-redbird.txt 502 app gorilla-handlers "the app's own HTML 502 through redbird" "nginx's words, and the app wrote them" -- -sv $RB/go/api/pay
cap $S handlers-500-via-redbird.txt 500 app gorilla-handlers "RecoveryHandler's EMPTY 500 through redbird" "curl -si" -- -si $RB/go/api/panic

S=koa-proxies-gateway
cap $S koa-404-no-route.txt 404 proxy koa "no proxy prefix matches: Koa's default 404" "text 'Not Found', X-Request-Id" -- -sv $KG/v2/orders
cap $S koa-503-refused.txt 503 proxy koa-proxies "the target refuses: koa-proxies' 503" "curl -si; text 'Service Unavailable', X-Request-Id" -- -si $KG/dead/api/orders
cap $S koa-0-timeout-empty.txt 0 proxy koa-proxies "the target is slow, proxyTimeout 2 s" "'Empty reply from server'" -- -sv $KG/slow/api/report
quiet -H 'X-Client: scraper-2' $KG/lb/api/health
quiet -H 'X-Client: scraper-2' $KG/lb/api/health
cap $S koa-429-json-quota.txt 429 proxy koa "the gateway's own per-client quota" "curl -si; request_id inside, Retry-After" \
    -- -si -H 'X-Client: scraper-2' $KG/lb/api/health
cap $S lb-503-via-koa.txt 503 app loopback "LoopBack's 503 through the gateway" "X-Request-Id added" -- -sv $KG/lb/api/down
cap $S tg-404-via-koa.txt 404 app turbogears "TurboGears's HTML 404 through the gateway" "curl -si" -- -si $KG/tg/api/orders/7
cap $S tg-500-via-koa.txt 500 app waitress "waitress's text 500 through the gateway" "" -- -sv $KG/tg/api/boom
cap $S falcon-401-via-koa.txt 401 identity falcon "Koa gateway -> Falcon auth service; no key" "two hops, the auth service's JSON" -- -sv $KG/auth/api/health

# ========================================================== front layers ==
log "capturing: nginx, apache, haproxy, varnish, lighttpd, squid, tinyproxy"
if up nginx; then
    S=nginx-rare-codes
    NX=$A:26050
    cap $S nginx-400-plain-http-to-https.txt 400 proxy nginx "plain HTTP sent to the TLS port" \
        "'The plain HTTP request was sent to HTTPS port'" -- -sv $A:26051/api/health
    cap $S nginx-400-no-client-cert.txt 400 identity nginx "ssl_verify_client on, no client certificate" \
        "curl -si; 'No required SSL certificate was sent'" -- -si -k https://127.0.0.1:26051/api/health
    cap $S nginx-400-header-too-large.txt 400 proxy nginx "a 2 KB cookie, large_client_header_buffers 2 1k" \
        "'Request Header Or Cookie Too Large'" -- -sv -H "Cookie: session=$(head -c 1500 /dev/zero | tr '\0' a)" $NX/tg/api/health
    quiet $NX/limited/api/health
    cap $S nginx-503-limit-req.txt 503 proxy nginx "limit_req 1r/m, nodelay: the second request" \
        "nginx's 503 page, X-Request-ID" -- -sv $NX/limited/api/health
    cap $S nginx-502-intercept-own-html.txt 502 proxy nginx "proxy_intercept_errors: the app's 502 replaced by a page of nginx's" \
        "curl -si; the operator's HTML, Server: nginx" -- -si $NX/intercept/api/pay
    cap $S nginx-502-refused.txt 502 proxy nginx "the upstream refuses" "the standard 502 page" -- -sv $NX/dead/api/orders
    cap $S nginx-404-default.txt 404 proxy nginx "no location: return 404" "curl -si" -- -si $NX/v2/orders
    cap $S handlers-503-nginx-intercept-passthrough.txt 503 app gorilla-handlers "proxy_intercept_errors leaves the 503 alone" \
        "the app's JSON 503 through nginx" -- -sv $NX/intercept/api/down
    cap $S tg-500-via-nginx.txt 500 app waitress "waitress's 500 through nginx" "X-Request-ID added" -- -sv $NX/tg/api/boom
    cap $S lb-504-via-nginx.txt 504 app loopback "LoopBack's JSON 504 through nginx" "curl -si; Server: nginx, and the app wrote it" -- -si $NX/lb/api/report
    S=nginx-h2
    H2=https://127.0.0.1:26053
    cap $S lb-404-h2-nginx.txt 404 app loopback "HTTP/2 over TLS to nginx, LoopBack's 404" "" -- -sv -k --http2 $H2/lb/api/orders/7
    cap $S responder-500-h2-nginx.txt 500 app responder "HTTP/2, Responder's 500" "curl -si" -- -si -k --http2 $H2/resp/api/boom
    cap $S handlers-502-h2-nginx.txt 502 app gorilla-handlers "HTTP/2, the app's own HTML 502" "server: nginx and nginx's page, from the app" -- -sv -k --http2 $H2/go/api/pay
    cap $S nginx-502-h2.txt 502 proxy nginx "HTTP/2, the upstream refuses" "curl -si" -- -si -k --http2 $H2/dead/api/orders
    cap $S nginx-404-h2.txt 404 proxy nginx "HTTP/2, no location" "" -- -sv -k --http2 $H2/v2/orders
fi
if up apache; then
    S=apache-balancer
    AP=$A:26060
    cap $S apache-503-balancer-no-member.txt 503 load-balancer apache "mod_proxy_balancer: its only member refuses" \
        "Apache's 503 page, the first request" -- -sv $AP/pool/api/orders
    cap $S apache-503-balancer-in-error.txt 503 load-balancer apache "the member is in error state (retry=60)" \
        "curl -si; no worker is tried at all" -- -si $AP/pool/api/orders
    cap $S apache-502-proxy-timeout.txt 502 proxy apache "ProxyTimeout 2, a slow upstream" \
        "Apache's 502 'Proxy Error' page: 'Error reading from remote server'" -- -sv $AP/slow/api/report
    cap $S tg-404-via-apache-balancer.txt 404 app turbogears "TurboGears's 404 through the balancer" "" -- -sv $AP/tg/api/orders/7
    cap $S handlers-405-via-apache.txt 405 app gorilla-handlers "gorilla/handlers's 405 through Apache" "curl -si; Server: Apache" -- -si -X DELETE $AP/go/api/health
fi
if up haproxy; then
    S=haproxy-queue-return
    HP=$A:26054
    (in_work timeout 10 curl -s -o /dev/null $HP/queued/api/report &)
    sleep 0.5
    cap $S haproxy-503-queue-timeout.txt 503 load-balancer haproxy "maxconn 1, the server busy, timeout queue 1s" \
        "HAProxy's standard 503 page" -- -sv $HP/queued/api/report
    cap $S haproxy-504-server-timeout.txt 504 load-balancer haproxy "timeout server 2s" "curl -si; the standard 504 page" -- -si $HP/slow/api/report
    cap $S haproxy-429-return-problem-json.txt 429 load-balancer haproxy "http-request return with application/problem+json" \
        "the unique id inside and in X-Request-ID, Retry-After" -- -sv $HP/quota/api/orders
    cap $S haproxy-503-return-text.txt 503 load-balancer haproxy "http-request return with a text body" "curl -si; no Server" -- -si $HP/v0/orders
    cap $S lb-500-haproxy-server-removed.txt 500 app loopback "LoopBack's 500 through HAProxy" "Server removed (there was none), X-Request-ID" -- -sv $HP/api/boom
    cap $S lb-429-haproxy.txt 429 app loopback "LoopBack's 429 through HAProxy" "curl -si" -- -si $HP/api/limited
    sleep 3   # the queued request ends before the next setup
fi
if up varnish; then
    S=varnish-swr
    VA=$A:26055
    cap $S responder-200-varnish-miss.txt 200 app responder "first request: a MISS" "curl -si; Via: 1.1 varnish, X-Varnish" -- -si $VA/api/catalog
    cap $S varnish-200-hit.txt 200 cdn-cache varnish "a second GET inside the TTL" "X-Cache: HIT, Age" -- -sv $VA/api/catalog
    sleep 2   # past the 1 s TTL, inside the 30 s grace
    cap $S varnish-200-stale-while-revalidate.txt 200 cdn-cache varnish "past the TTL: the stale copy while it fetches" \
        "Age above the TTL, X-Cache: HIT" -- -sv $VA/api/catalog
    cap $S responder-404-via-varnish.txt 404 app responder "Responder's 404 through Varnish" "curl -si" -- -si $VA/api/orders/7
    cap $S responder-503-via-varnish.txt 503 app responder "Responder's JSON 503 through Varnish" "Via, X-Varnish" -- -sv $VA/api/down
fi
if up lighttpd; then
    S=lighttpd-proxy
    LI=$A:26057
    cap $S lighttpd-503-refused.txt 503 proxy lighttpd "mod_proxy: the backend refuses" "lighttpd's 503 page" -- -sv $LI/dead/api/orders
    cap $S lighttpd-404-no-file.txt 404 app lighttpd "no proxy rule: lighttpd serves files and has none" "lighttpd's 404 page" -- -sv $LI/v2/orders
    cap $S lb-503-via-lighttpd.txt 503 app loopback "LoopBack's 503 through lighttpd" "Server: lighttpd" -- -sv $LI/lb/api/down
fi
if up squid; then
    S=squid-custom-errors
    SQ=http://127.0.0.1:26058
    cap $S squid-403-custom-denied.txt 403 proxy squid "an ACL denies /admin: the operator's ERR_ACCESS_DENIED page" \
        "Acme's wording, X-Squid-Error" -- -sv -x $SQ $GO/admin/users
    cap $S squid-503-custom-connect-fail.txt 503 proxy squid "the target refuses: the custom ERR_CONNECT_FAIL" "curl -si" -- -si -x $SQ $A:26009/api/orders
    cap $S squid-504-custom-read-timeout.txt 504 proxy squid "read_timeout 2 s: the custom ERR_READ_TIMEOUT" "" -- -sv -x $SQ $A:26001/api/report
    cap $S handlers-404-via-squid.txt 404 app gorilla-handlers "gorilla/handlers's JSON 404 through Squid" "Via: 1.1 egress-8, X-Cache: MISS" -- -sv -x $SQ $GO/api/orders/7
    cap $S tg-503-html-via-squid.txt 503 app turbogears "TurboGears's own HTML 503 through Squid" "curl -si; Via and nginx's words" -- -si -x $SQ $TG/api/maint
fi
if up tinyproxy; then
    S=tinyproxy-custom-errors
    TP=http://127.0.0.1:26059
    cap $S tinyproxy-403-filtered.txt 403 proxy tinyproxy "a filtered URL: the custom 403 ErrorFile" "Server: tinyproxy/1.11.1" -- -sv -x $TP $GO/admin/users
    cap $S handlers-500-via-tinyproxy.txt 500 app gorilla-handlers "RecoveryHandler's EMPTY 500 through tinyproxy" \
        "Via: 1.1 edge-fwd (tinyproxy/1.11.1) on an empty 500 the app wrote" -- -sv -x $TP $GO/api/panic
    cap $S tinyproxy-500-refused.txt 500 proxy tinyproxy "the target refuses: the custom 500 ErrorFile" "curl -si" -- -si -x $TP $A:26009/api/orders
    cap $S lb-404-via-tinyproxy.txt 404 app loopback "LoopBack's 404 through tinyproxy" "Via: 1.1 edge-fwd" -- -sv -x $TP $LB/api/orders/7
    cap $S responder-429-via-tinyproxy.txt 429 app responder "Responder's 429 through tinyproxy" "curl -si" -- -si -x $TP $RS/api/limited
fi

# ============================================================ three hops ==
log "capturing: two and three hops"
S=multi-hop
up nginx && cap $S nginx-503-limit-via-redbird.txt 503 proxy nginx "redbird -> nginx limit_req" \
    "nginx's 503 page relayed by redbird" -- -sv $RB/nginx/limited/api/health
up nginx && cap $S lb-422-via-redbird-nginx.txt 422 app loopback "redbird -> nginx -> LoopBack's 422" "three hops, the app answered" \
    -- -sv "${JSONH[@]}" -d '{}' $RB/nginx/lb/api/orders
cap $S falcon-403-via-starlette.txt 403 identity falcon "Starlette gateway -> Falcon auth; a bad key" "curl -si; the id added by the gateway" \
    -- -si -H 'X-API-Key: nope' $SG/auth/api/health
cap $S responder-504-via-koa-falcon.txt 504 app responder "Koa gateway -> Falcon auth -> Responder's own HTML 504" \
    "three hops, the app wrote the 504" -- -sv -H 'X-API-Key: k-live-8f2a' $KG/auth/api/report

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
capbody $S body-handlers-404.txt 404/404 app gorilla-handlers "net/http's '404 page not found'" "the number in the text" -- $GO/v2/orders
capbody $S body-handlers-415.txt 0/415 app gorilla-handlers "ContentTypeHandler's text" "no number" -- -X POST -H 'Content-Type: text/plain' -d x $GO/api/orders
capbody $S body-tg-404.txt 404/404 app turbogears "WebOb's HTML 404 page" "'404 Not Found' in the title" -- $TG/api/orders/7
capbody $S body-tg-500-waitress.txt 0/500 app waitress "waitress's text 500" "'Internal Server Error', no number" -- $TG/api/boom
capbody $S body-tg-503-html.txt 503/503 app turbogears "the app's own HTML 503" "nginx's words" -- $TG/api/maint
capbody $S body-responder-500.txt 500/500 app responder "problem+json with \"status\":500" "" -- $RS/api/boom
capbody $S body-responder-503.txt 0/503 app responder "the app's JSON 503" "no number" -- $RS/api/down
capbody $S body-lb-404.txt 404/404 app loopback "LoopBack's NotFoundError" "\"statusCode\":404" -- $LB/api/orders/7
capbody $S body-lb-504.txt 504/504 app loopback "LoopBack's GatewayTimeout" "\"statusCode\":504, written by the app" -- $LB/api/report
capbody $S body-sg-502.txt 0/502 proxy starlette "the Starlette gateway's JSON" "upstream_unreachable, no number" -- $SG/dead/api/orders
capbody $S body-falcon-401.txt 0/401 identity falcon "the auth service's JSON" "Missing API key, no number" -- $FA/api/orders
capbody $S body-redbird-502.txt 0/502 proxy redbird "redbird's body" "'ECONNREFUSED' and nothing else" -- $RB/dead/api/orders
capbody $S body-koa-503.txt 0/503 proxy koa-proxies "koa-proxies' text" "'Service Unavailable', no number" -- $KG/dead/api/orders
up haproxy && capbody $S body-haproxy-429.txt 429/429 load-balancer haproxy "HAProxy's problem+json" "\"status\":429" -- $A:26054/quota/api/orders
up squid && capbody $S body-squid-503.txt 0/503 proxy squid "the custom ERR_CONNECT_FAIL page" "no number" -- -x http://127.0.0.1:26058 $A:26009/api/orders
up nginx && capbody $S body-nginx-400-plain-http.txt 400/400 proxy nginx "nginx's page for plain HTTP on the TLS port" "'400 The plain HTTP request was sent to HTTPS port'" -- $A:26051/api/health

# ================================================ headers-only pastes ==
S=headers-only-paste
caphead $S head-tg-503.txt 503 app turbogears "curl -sI, TurboGears's 503" "Server: waitress, Retry-After" -- $TG/api/down
caphead $S head-responder-503.txt 503 app responder "curl -sI, Responder's 503" "server: uvicorn" -- $RS/api/down
caphead $S head-lb-404.txt 404 app loopback "curl -sI, LoopBack: HEAD has no route" "X-Powered-By: Express" -- $LB/api/health
caphead $S head-handlers-503.txt 503 app gorilla-handlers "curl -sI, the app's 503" "no Server" -- $GO/api/down
caphead $S head-falcon-405.txt 405 proxy falcon "curl -sI: the auth service has no HEAD responder" \
    "Falcon's 405 before any key check, Server: orders-auth" -- $FA/api/orders
caphead $S head-sg-502.txt 502 proxy starlette "curl -sI, the gateway's 502" "no Server" -- $SG/dead/api/orders
up apache && caphead $S head-apache-503-balancer.txt 503 load-balancer apache "curl -sI, no live balancer member" "Server: Apache" -- $A:26060/pool/api/orders
up haproxy && caphead $S head-haproxy-503-return.txt 503 load-balancer haproxy "curl -sI, http-request return" "" -- $A:26054/v0/orders

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round8/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
