#!/usr/bin/env bash
# capture-round31.sh — build the thirty-first held-out evidence corpus in
# tests/fixtures/evidence-round31/.
#
# Mainstream stacks in pairings the earlier rounds did not use: aiohttp
# behind nginx (also h2c, and with nginx's maintenance switch on), Koa behind
# HAProxy, Bottle under gunicorn behind Apache (also with Apache's
# maintenance switch on), Sinatra under Puma behind nginx behind Varnish, and
# Express behind h2o (also h2c). The errors on-call engineers meet: a dead
# upstream, a 2 s timeout, a body too large, auth refused by the app, rate
# limits, 404s, 500s in production mode, maintenance 503s, the front's own
# 404 for a static path. Paste forms: curl -sv/-si transcripts (some with
# their CRs, some with CRLF), HTTPie with colours, wget -S, body-only and
# headers-only pastes, HTTP/2 (h2c).
#
#   scripts/corpus/capture-round31.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round31.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round31.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round31.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports 49000-49999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs run under
# `nice -n 15`. Labels are written by finish_round31.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round31"
RUN=/tmp/api-triage-corpus31
STAGE="$RUN/evidence"
CONF="$HERE/conf-round31"
APPS="$HERE/apps31"
VENV=${CORPUS_VENV31:-/tmp/api-triage-corpus31-venv}
NODE_DIR=${CORPUS_NODE31:-/tmp/api-triage-corpus31-node}
GODIR=/nonexistent-no-go-this-round
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(aiohttp==3.14.5 bottle==0.13.4 gunicorn==27.0.1)
NPM=(koa@2.16.4 @koa/router@15.7.0 koa-bodyparser@4.4.1 express@5.3.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus31 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget python3-venv nodejs ruby-sinatra puma apache2 nginx haproxy varnish h2o)
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


install_venv() {  # aiohttp, Bottle and gunicorn, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import aiohttp, bottle, gunicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # Koa and Express, from npm
    [[ -e $NODE_DIR/node_modules/koa/package.json && -e $NODE_DIR/node_modules/express/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus31","private":true}' >"$NODE_DIR/package.json"
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
    if ! FINISH_FORM=${FORM:-i} FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round31.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
        MISMATCH=$((MISMATCH + 1))
    fi
    COUNT=$((COUNT + 1))
}

# how the finish script reads the status: the last `< HTTP/..` of curl -v, the
# first `HTTP/..` line of curl -i
form_of() { local a; for a in "$@"; do [[ $a == -sv || $a == -v ]] && { echo v; return; }; done; echo i; }

# cap SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# A whole transcript as copied from a terminal (CRs gone).
cap() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl "$@" >"$dest"
    in_work timeout 20 curl "$@" >>"$dest" 2>&1
    local FORM=$(form_of "$@")
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
    local FORM=body
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
    local FORM=i
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
    local FORM=httpie
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
    local FORM=i
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
    local FORM=wget
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
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "Koa or Express is missing (${SKIPPED[npm]})"

APP_PORTS=(49010 49011 49012 49014)
OTHER_PORTS=(49013 49050 49051 49052 49053 49060 49061 49070 49080 49090)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" 49094 49095 49096 49097 49098; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# static files and the maintenance switch, shared by the fronts
mkdir -p "$RUN"/www/static "$RUN"/www/assets
printf 'body { font-family: sans-serif; }\n' >"$RUN/www/static/app.css"
printf 'body { margin: 0; }\n' >"$RUN/www/assets/shop.css"
cp "$CONF/maintenance.html" "$RUN/www/maintenance.html"
touch "$RUN/www/maintenance.flag"
chmod -R a+rX "$RUN/www"

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg aiohttp nice -n 5 "$VENV/bin/python" "$APPS/aiohttp_app.py" 49010
start_bg koa env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/koa_app.js" 49011
start_bg bottle nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 2 --timeout 30 -b 127.0.0.1:49012 bottle_app:app
start_bg express env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_app.js" 49014
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done
if have ruby-sinatra && have puma; then
    start_bg puma-sinatra nice -n 5 puma -e production -t 2:8 -b tcp://127.0.0.1:49013 "$APPS/sinatra_app.ru"
    wait_port 49013 puma-sinatra && UP[sinatra]=1
fi

# ---- front layers ------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 49050 nginx && wait_port 49053 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 49060 apache && wait_port 49061 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 49070 haproxy && UP[haproxy]=1
fi
if have varnish && up nginx && up sinatra; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:49080 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 49080 varnish && UP[varnish]=1
fi
if have h2o; then
    mkdir -p "$RUN"/h2o
    render "$CONF/h2o.conf" "$RUN/h2o/h2o.conf"
    chown -R www-data: "$RUN/h2o" 2>/dev/null || true
    start_bg h2o h2o -c "$RUN/h2o/h2o.conf"
    wait_port 49090 h2o && UP[h2o]=1
fi
sleep 5  # HAProxy's health checks settle (inter 2s, rise 2 / fall 3)

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }
cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 31 (held out): real responses captured by
# scripts/corpus/capture-round31.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as the earlier rounds:
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
NA=$A:49050 NH=$A:49051 NM=$A:49053
AB=$A:49060 AM=$A:49061
HK=$A:49070
VS=$A:49080
HO=$A:49090
JSONH=(-H 'Content-Type: application/json')
head -c 2097152 /dev/zero | tr '\0' x >"$RUN/work/scan.pdf"      # a 2 MiB upload
head -c 102400 /dev/zero | tr '\0' x >"$RUN/work/photo.jpg"      # 100 KiB
printf '{"email":"a@b.c","bio":"%s"}' "$(head -c 4096 /dev/zero | tr '\0' x)" >"$RUN/work/user.json"  # 4 KiB JSON
H2=--http2-prior-knowledge

# ===================================================== aiohttp + nginx ==
if up nginx; then
    log "capturing: aiohttp behind nginx"
    S=aiohttp-nginx
    cap $S aiohttp-404-json-nginx.txt 404 app aiohttp "unknown order: the handler's JSON 404" "Server: nginx/1.22.1" -- -sv $NA/api/orders/7
    cap $S aiohttp-404-no-route-nginx.txt 404 app aiohttp "no route: aiohttp's plain '404: Not Found'" "curl -si" -- -si $NA/api/v2/orders
    cap $S aiohttp-422-nginx.txt 422 app aiohttp "POST without sku: the handler's JSON 422" "curl -si" -- -si "${JSONH[@]}" -d '{"qty":1}' $NA/api/orders
    cap $S aiohttp-401-nginx.txt 401 app aiohttp "no token: the handler's JSON 401 with WWW-Authenticate Bearer" "" -- -sv $NA/api/admin/reports
    caphttp $S aiohttp-401-httpie-nginx.txt 401 app aiohttp "HTTPie with a wrong token: the JSON 401" "HTTPie with colours" -- -v GET $NA/api/admin/reports 'Authorization:Bearer expired'
    cap $S aiohttp-429-nginx.txt 429 app aiohttp "the export quota: the handler's JSON 429 with Retry-After" "curl -si" -- -si $NA/api/export
    cap $S aiohttp-500-nginx.txt 500 app aiohttp "a TypeError: aiohttp's terse '500 Internal Server Error / Server got itself in trouble'" "" -- -sv $NA/api/boom
    capwin $S aiohttp-503-nginx.txt 503 app aiohttp "the handler's maintenance JSON 503" "curl -si pasted with CRLF" -- -si $NA/api/maintenance
    cap $S aiohttp-413-client-max-size.txt 413 app aiohttp "a 100 KiB body over client_max_size 64 KiB: aiohttp's 413 'Maximum request body size 65536 exceeded.'" "" -- -sv "${JSONH[@]}" --data-binary @photo.jpg $NA/api/orders
    cap $S aiohttp-404-search-nginx.txt 404 app aiohttp "the search endpoint is not deployed yet: aiohttp's '404: Not Found' (the first request inside limit_req)" "curl -si" -- -si "$NA/api/search?q=kettle"
    quiet "$NA/api/search?q=mug"
    cap $S nginx-429-limit-req.txt 429 proxy nginx "limit_req (1r/m, burst 1) with limit_req_status 429: nginx's stock 429 page" "" -- -sv "$NA/api/search?q=tea"
    cap $S nginx-504-aiohttp-slow.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 2s" "" -- -sv $NA/api/slow
    capwin $S nginx-504-aiohttp-slow-crlf.txt 504 proxy nginx "the same timeout" "curl -si pasted with CRLF" -- -si "$NA/api/slow?page=2"
    cap $S nginx-502-billing-down.txt 502 proxy nginx "/billing/ goes to a service that is not running: connect() refused" "" -- -sv $NA/billing/invoices/1
    capwget $S nginx-502-billing-wget.txt 502 proxy nginx "wget, the same dead billing service" "wget -S -O-" -- $NA/billing/invoices/2
    cap $S nginx-413-upload-aiohttp.txt 413 proxy nginx "a 2 MiB upload over client_max_body_size (the default 1m)" "curl -si" -- -si -H 'Content-Type: application/pdf' --data-binary @scan.pdf $NA/api/orders
    cap $S nginx-404-static.txt 404 proxy nginx "a stylesheet the deploy did not ship: nginx's own 404 for /static/ (served from disk, never reaches aiohttp)" "" -- -sv $NA/static/app.3f9c2.css
    capraw $S nginx-404-static-raw.txt 404 proxy nginx "another missing asset under /static/" "curl -si saved to a file (CRs kept)" -- -si $NA/static/logo.svg

    S=aiohttp-nginx-h2c
    cap $S aiohttp-404-h2c.txt 404 app aiohttp "HTTP/2 (h2c): the JSON 404" "" -- -sv $H2 $NH/api/orders/9
    cap $S aiohttp-500-h2c.txt 500 app aiohttp "HTTP/2: aiohttp's terse 500" "curl -si" -- -si $H2 $NH/api/boom
    cap $S nginx-504-h2c.txt 504 proxy nginx "HTTP/2: proxy_read_timeout 2s" "" -- -sv $H2 $NH/api/slow
    cap $S nginx-404-static-h2c.txt 404 proxy nginx "HTTP/2: nginx's own 404 for a missing static file" "curl -si" -- -si $H2 $NH/static/app.js

    S=aiohttp-nginx-maintenance
    cap $S nginx-503-maintenance.txt 503 proxy nginx "the maintenance switch is on: nginx returns 503 with error_page 503 /maintenance.html (a static page)" "" -- -sv $NM/api/orders/1
    caphttp $S nginx-503-maintenance-httpie.txt 503 proxy nginx "HTTPie during the maintenance window" "HTTPie with colours" -- -v GET $NM/api/health
fi

# ====================================================== Koa + HAProxy ==
if up haproxy; then
    log "capturing: Koa behind HAProxy"
    S=koa-haproxy
    cap $S koa-404-plain.txt 404 app koa "no route: Koa's plain 'Not Found'" "" -- -sv $HK/api/v2/users
    cap $S koa-404-json.txt 404 app koa "unknown user: the handler's JSON 404" "curl -si" -- -si $HK/api/users/7
    cap $S koa-401-throw.txt 401 app koa "ctx.throw(401): Koa's plain 'Unauthorized'" "" -- -sv $HK/api/admin/users
    cap $S koa-403-json.txt 403 app koa "the plan does not include the feature: the handler's JSON 403" "curl -si" -- -si $HK/api/account
    cap $S koa-422-json.txt 422 app koa "POST without email: the JSON 422" "" -- -sv "${JSONH[@]}" -d '{"name":"ada"}' $HK/api/users
    caphttp $S koa-422-httpie.txt 422 app koa "HTTPie, no email: the JSON 422" "HTTPie with colours" -- -v POST $HK/api/users name=ada
    cap $S koa-413-bodyparser.txt 413 app koa "a 4 KiB JSON body over koa-bodyparser's jsonLimit 1kb: 'request entity too large'" "" -- -sv "${JSONH[@]}" --data-binary @user.json $HK/api/users
    cap $S koa-400-bodyparser.txt 400 app koa "broken JSON: koa-bodyparser's 400" "curl -si" -- -si "${JSONH[@]}" -d '{"email":' $HK/api/users
    cap $S koa-500-plain.txt 500 app koa "a TypeError in production: Koa's plain 'Internal Server Error'" "" -- -sv $HK/api/boom
    capwin $S koa-500-crlf.txt 500 app koa "the same TypeError" "curl -si pasted with CRLF" -- -si "$HK/api/boom?x=1"
    cap $S koa-405-allowed-methods.txt 405 app koa "DELETE on a GET route: router.allowedMethods()'s 405 with Allow" "curl -si" -- -si -X DELETE $HK/api/users/1
    cap $S koa-404-search.txt 404 app koa "the search route is not in this release: Koa's 'Not Found' (inside the rate limit)" "curl -si" -- -si "$HK/api/search?q=ada"
    quiet "$HK/api/search?q=bob"
    cap $S haproxy-429-stick-table.txt 429 load-balancer haproxy "more than 2 searches a minute: the stick-table rule, deny_status 429" "" -- -sv "$HK/api/search?q=eve"
    capraw $S haproxy-429-stick-table-raw.txt 429 load-balancer haproxy "the same rate limit" "curl -si saved to a file (CRs kept)" -- -si "$HK/api/search?q=mallory"
    cap $S haproxy-504-koa-slow.txt 504 load-balancer haproxy "the handler waits 5 s, timeout server 2s" "" -- -sv $HK/api/slow
    caphttp $S haproxy-504-koa-slow-httpie.txt 504 load-balancer haproxy "HTTPie: timeout server 2s" "HTTPie with colours" -- -v GET $HK/api/slow
    cap $S haproxy-503-reports-down.txt 503 load-balancer haproxy "/reports/ goes to a backend whose only server is DOWN" "curl -si" -- -si $HK/reports/daily
    capwget $S haproxy-503-reports-wget.txt 503 load-balancer haproxy "wget, the same DOWN backend" "wget -S -O-" -- $HK/reports/weekly
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "http-request deny on /internal/: HAProxy's stock 403" "" -- -sv $HK/internal/metrics
fi

# =================================================== Bottle + Apache ==
if up apache; then
    log "capturing: Bottle under gunicorn behind Apache"
    S=bottle-apache
    cap $S bottle-404-json-apache.txt 404 app bottle "unknown invoice: the handler's JSON 404" "Server: gunicorn passed by Apache" -- -sv $AB/api/invoices/7
    cap $S bottle-404-page-apache.txt 404 app bottle "abort(404): Bottle's stock 'Error: 404 Not Found' page" "curl -si" -- -si $AB/api/customers/3
    cap $S bottle-405-apache.txt 405 app bottle "DELETE on a GET route: Bottle's stock 405 page with Allow" "curl -si" -- -si -X DELETE $AB/api/invoices/1
    cap $S bottle-401-page-apache.txt 401 app bottle "abort(401): Bottle's stock 'Error: 401 Unauthorized' page" "" -- -sv $AB/api/admin/reports
    caphttp $S bottle-401-httpie-apache.txt 401 app bottle "HTTPie with a wrong token: Bottle's 401 page" "HTTPie with colours" -- -v GET $AB/api/admin/reports 'Authorization:Bearer old'
    cap $S bottle-400-page-apache.txt 400 app bottle "broken JSON: abort(400), Bottle's stock 400 page" "curl -si" -- -si "${JSONH[@]}" -d '{"amount":' $AB/api/invoices
    cap $S bottle-500-page-apache.txt 500 app bottle "a ZeroDivisionError, debug off: Bottle's stock 500 page, no traceback" "" -- -sv $AB/api/boom
    capwin $S bottle-500-crlf-apache.txt 500 app bottle "the same ZeroDivisionError" "curl -si pasted with CRLF" -- -si "$AB/api/boom?month=11"
    cap $S bottle-503-json-apache.txt 503 app bottle "the handler's maintenance JSON 503" "curl -si" -- -si $AB/api/maintenance
    capraw $S bottle-201-apache.txt 201 app bottle "a valid invoice" "curl -si saved to a file (CRs kept)" -- -si "${JSONH[@]}" -d '{"amount":1200}' $AB/api/invoices
    cap $S apache-502-bottle-timeout.txt 502 proxy apache "the handler sleeps 5 s, ProxyTimeout 2: Apache's 'Proxy Error'" "" -- -sv $AB/api/slow
    caphttp $S apache-502-bottle-timeout-httpie.txt 502 proxy apache "HTTPie: ProxyTimeout 2" "HTTPie with colours" -- -v GET $AB/api/slow
    cap $S apache-503-legacy-down.txt 503 proxy apache "/legacy/ goes to a backend that is not running: Apache's 503" "curl -si" -- -si $AB/legacy/invoices
    capwget $S apache-503-legacy-wget.txt 503 proxy apache "wget, the same dead backend" "wget -S -O-" -- $AB/legacy/customers
    cap $S apache-404-static.txt 404 proxy apache "a missing file under /static/ (Alias, ProxyPass !): Apache's own 404, never reaches Bottle" "" -- -sv $AB/static/app.9d1e.js

    S=bottle-apache-h2c
    cap $S bottle-404-h2c.txt 404 app bottle "HTTP/2 to Apache (h2c): Bottle's stock 404 page" "" -- -sv $H2 $AB/api/customers/9
    cap $S apache-502-timeout-h2c.txt 502 proxy apache "HTTP/2: ProxyTimeout 2" "curl -si" -- -si $H2 $AB/api/slow

    S=bottle-apache-maintenance
    cap $S apache-503-maintenance.txt 503 proxy apache "the maintenance switch is on: mod_rewrite R=503 while a flag file exists, ErrorDocument 503 a static page" "" -- -sv $AM/api/invoices/1
    capwin $S apache-503-maintenance-crlf.txt 503 proxy apache "the same maintenance page" "curl -si pasted with CRLF" -- -si $AM/api/health
fi

# ============================== Sinatra under Puma, behind nginx behind Varnish ==
if up varnish; then
    log "capturing: Varnish -> nginx -> Sinatra"
    S=varnish-nginx-sinatra
    cap $S sinatra-200-miss.txt 200 app sinatra "a product page, first request: X-Cache MISS" "" -- -sv $VS/products/1
    cap $S varnish-200-hit.txt 200 cdn-cache varnish "the same page again within max-age: X-Cache HIT, Age" "curl -si" -- -si $VS/products/1
    cap $S varnish-304-inm.txt 304 cdn-cache varnish "If-None-Match with the page's ETag on a cached object: Varnish's 304" "" -- -sv -H 'If-None-Match: "product-1-v3"' $VS/products/1
    cap $S sinatra-404-json-varnish.txt 404 app sinatra "unknown product: the handler's JSON 404 (halt)" "curl -si" -- -si $VS/products/7
    cap $S sinatra-404-default-varnish.txt 404 app sinatra "no route: Sinatra's '<h1>Not Found</h1>'" "" -- -sv $VS/categories/kitchen
    caphttp $S sinatra-404-httpie-varnish.txt 404 app sinatra "HTTPie, no route" "HTTPie with colours" -- -v GET $VS/wishlist
    cap $S sinatra-500-varnish.txt 500 app sinatra "a NoMethodError in production: '<h1>Internal Server Error</h1>'" "" -- -sv $VS/boom
    cap $S sinatra-503-varnish.txt 503 app sinatra "the handler's maintenance 503 passed by nginx and Varnish" "curl -si" -- -si $VS/maintenance
    cap $S nginx-504-via-varnish.txt 504 proxy nginx "the action sleeps 5 s: nginx's proxy_read_timeout 2s fires first, Varnish passes its 504" "" -- -sv $VS/slow
    cap $S nginx-404-assets-via-varnish.txt 404 proxy nginx "a missing file under /assets/: nginx's own 404, passed by Varnish" "curl -si" -- -si $VS/assets/shop.4be1.css
    cap $S varnish-503-backend-fetch.txt 503 cdn-cache varnish "/legacy/ goes to a backend that is not running: 'Backend fetch failed'" "" -- -sv $VS/legacy/catalogue
    caphttp $S varnish-503-httpie.txt 503 cdn-cache varnish "HTTPie, the same dead backend" "HTTPie with colours" -- -v GET $VS/legacy/prices
fi

# ======================================================= Express + h2o ==
if up h2o; then
    log "capturing: Express behind h2o"
    S=express-h2o
    cap $S express-404-cannot-get-h2o.txt 404 app express "a typo in the path: finalhandler's 'Cannot GET'" "" -- -sv $HO/api/ticket/1
    cap $S express-404-json-h2o.txt 404 app express "unknown ticket: the JSON 404" "curl -si" -- -si $HO/api/tickets/7
    cap $S express-401-json-h2o.txt 401 app express "no token: the JSON 401 with WWW-Authenticate" "" -- -sv $HO/api/admin/stats
    caphttp $S express-422-httpie-h2o.txt 422 app express "HTTPie, no subject: the JSON 422" "HTTPie with colours" -- -v POST $HO/api/tickets body=hello
    cap $S express-413-body-parser-h2o.txt 413 app express "a 4 KiB JSON body over express.json's 1kb limit: body-parser's 413 page" "curl -si" -- -si "${JSONH[@]}" --data-binary @user.json $HO/api/tickets
    cap $S express-429-json-h2o.txt 429 app express "the search handler's own rate limit: JSON 429 with Retry-After" "curl -si" -- -si "$HO/api/search?q=printer"
    cap $S express-500-h2o.txt 500 app express "a TypeError in production: finalhandler's 'Internal Server Error'" "" -- -sv $HO/api/boom
    capwin $S express-503-crlf-h2o.txt 503 app express "the handler's maintenance JSON 503" "curl -si pasted with CRLF" -- -si $HO/api/maintenance
    cap $S h2o-502-io-timeout.txt 502 proxy h2o "the handler waits 5 s, proxy.timeout.io 2000: h2o answers 502 'I/O timeout' (not a 504)" "" -- -sv $HO/api/slow
    capraw $S h2o-502-io-timeout-raw.txt 502 proxy h2o "the same I/O timeout, h2o's 502" "curl -si saved to a file (CRs kept)" -- -si "$HO/api/slow?x=1"
    cap $S h2o-502-legacy.txt 502 proxy h2o "/legacy goes to a port where nothing listens: h2o's 502" "curl -si" -- -si $HO/legacy/tickets
    caphttp $S h2o-502-legacy-httpie.txt 502 proxy h2o "HTTPie, the same dead upstream" "HTTPie with colours" -- -v GET $HO/legacy/users
    cap $S h2o-404-static.txt 404 proxy h2o "a missing file under /static (file.dir): h2o's own 404" "" -- -sv $HO/static/app.77aa.js

    S=express-h2o-h2c
    cap $S express-404-h2c-h2o.txt 404 app express "HTTP/2 (h2c): the JSON 404" "" -- -sv $H2 $HO/api/tickets/9
    cap $S h2o-502-io-timeout-h2c.txt 502 proxy h2o "HTTP/2: proxy.timeout.io 2000, h2o's 502 'I/O timeout'" "curl -si" -- -si $H2 $HO/api/slow
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-aiohttp-500.txt 500/500 app aiohttp "aiohttp's '500 Internal Server Error / Server got itself in trouble'" "" -- $NA/api/boom
up nginx && capbody $S body-aiohttp-404.txt 404/404 app aiohttp "aiohttp's '404: Not Found'" "" -- $NA/api/v3/orders
up nginx && capbody $S body-nginx-maintenance.txt 0/503 proxy nginx "nginx's static maintenance page" "no number" -- $NM/api/orders/3
up apache && capbody $S body-apache-maintenance.txt 0/503 proxy apache "Apache's maintenance ErrorDocument" "no number" -- $AM/api/invoices/3
up haproxy && capbody $S body-koa-404.txt 0/404 app koa "Koa's plain 'Not Found'" "no number" -- $HK/api/v3/users
up haproxy && capbody $S body-koa-413.txt 0/413 app koa "koa-bodyparser's 'request entity too large'" "no number" -- "${JSONH[@]}" --data-binary @user.json $HK/api/users
up apache && capbody $S body-bottle-404.txt 404/404 app bottle "Bottle's stock 'Error: 404 Not Found' page" "" -- $AB/api/customers/12
up haproxy && capbody $S body-haproxy-504.txt 504/504 load-balancer haproxy "HAProxy's 504 page" "" -- $HK/api/slow
up varnish && capbody $S body-varnish-503.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page" "" -- $VS/legacy/stock
up h2o && capbody $S body-h2o-502.txt 0/502 proxy h2o "h2o's 502 body" "" -- $HO/legacy/stats

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-aiohttp-401-nginx.txt 401 app aiohttp "curl -sI, the JSON 401 (aiohttp answers HEAD on GET routes)" "" -- $NA/api/admin/reports
up haproxy && caphead $S head-haproxy-503.txt 503 load-balancer haproxy "curl -sI, the DOWN reports backend" "" -- $HK/reports/daily
up varnish && caphead $S head-varnish-hit.txt 200 cdn-cache varnish "curl -sI on the cached product page: a HIT" "" -- $VS/products/1
up h2o && caphead $S head-h2o-404-static.txt 404 proxy h2o "curl -sI, h2o's own 404 for a missing static file" "" -- $HO/static/app.css.map
up apache && caphead $S head-bottle-500-apache.txt 500 app bottle "curl -sI, Bottle's 500 behind Apache" "" -- $AB/api/boom

# ================================== servers go away behind their fronts ==
stop_name aiohttp
sleep 0.5
up nginx && cap aiohttp-nginx nginx-502-aiohttp-stopped.txt 502 proxy nginx "the aiohttp process is stopped: connect() refused, nginx's 502" "" -- -sv $NA/api/orders/1
up nginx && cap aiohttp-nginx-h2c nginx-502-aiohttp-stopped-h2c.txt 502 proxy nginx "HTTP/2: the stopped aiohttp process" "curl -si" -- -si $H2 $NH/api/orders/1
stop_name koa
sleep 0.5
up haproxy && cap koa-haproxy haproxy-503-koa-stopped.txt 503 load-balancer haproxy "node is stopped: connection refused, HAProxy's 503" "" -- -sv $HK/api/users/1
stop_name bottle
sleep 0.5
up apache && cap bottle-apache apache-503-gunicorn-stopped.txt 503 proxy apache "gunicorn is stopped: Apache's 503" "curl -si" -- -si $AB/api/invoices/1
if up sinatra; then
    stop_name puma-sinatra
    sleep 0.5
    up varnish && cap varnish-nginx-sinatra nginx-502-puma-stopped-via-varnish.txt 502 proxy nginx "Puma is stopped: nginx's 502, passed by Varnish" "" -- -sv $VS/cart
fi
stop_name express
sleep 0.5
up h2o && cap express-h2o h2o-502-express-stopped.txt 502 proxy h2o "node is stopped: h2o's 502" "" -- -sv $HO/api/tickets/1

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round31/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
