#!/usr/bin/env bash
# capture-round108.sh — build the 108th held-out evidence corpus in
# tests/fixtures/evidence-round108/.
#
# "Mainstream, the fronts as Debian ships them, a third time": six front +
# app setups, each front on its packaged defaults plus only the lines a team
# adds to proxy to an app (round 95's configs, themselves round 71's, with
# the sites, apps and ports changed; see the README's table). No front adds
# a request id, a custom error page or a credential check. Front configs in
# scripts/corpus/conf-round108/, apps in scripts/corpus/apps108/ (round 71's
# apps with a few routes added: a redirect, a 405, cache headers on
# FastAPI's order 1):
#   - Flask 3.1 on gunicorn behind nginx 1.22 (Debian's nginx.conf +
#     sites-available/default + one proxy_pass server);
#   - Express 4 behind Apache 2.4 (Debian's apache2.conf, its default modules,
#     conf-enabled/ with security.conf, 000-default + one ProxyPass vhost);
#   - Koa 2 behind Caddy 2.6 (one site, reverse_proxy);
#   - Django 5.2 on gunicorn behind HAProxy 2.6 (Debian's haproxy.cfg with
#     its stock errorfiles + one frontend and backends);
#   - FastAPI on uvicorn behind Varnish 7.1 (the builtin VCL, a backend);
#   - Go net/http behind Squid 5.7 as an accelerator (Debian's squid.conf +
#     the wiki's accel lines).
# Paste forms: curl -sv / -si transcripts (some saved with their CRs, some
# with CRLF on every line, some with only the `<` lines of -v kept, some cut
# off after the headers), HTTPie with colours, `wget -S -O-`, body-only and
# headers-only pastes.
#
#   scripts/corpus/capture-round108.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round108.sh   # never call apt-get / npm / pip
#   CORPUS_KEEP_RUN=1 capture-round108.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-63999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper captures at the same time
# in 60000-61999, so only this script's sockets are checked); every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Labels are written by
# finish_round108.py, which refuses (and this script then leaves the
# fixtures as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round108"
RUN=/tmp/api-triage-corpus108-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round108"
APPS="$HERE/apps108"
NODE_DIR=${CORPUS_NODE108:-/tmp/api-triage-corpus108-node}
GO_DIR=${CORPUS_GO108:-/tmp/api-triage-corpus108-go}
VENV=${CORPUS_VENV108:-/tmp/api-triage-corpus108-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
NPM=(express@4.22.1 koa@2.16.4 @koa/router@12.0.2)
PYPI=(flask==3.1.3 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0 httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus108 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl nodejs apache2 nginx haproxy varnish squid caddy golang-go python3-venv)
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

install_npm() {  # Express, Koa and @koa/router, from npm
    [[ -e $NODE_DIR/node_modules/express/package.json && -e $NODE_DIR/node_modules/koa/package.json && -e $NODE_DIR/node_modules/@koa/router/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus108","private":true}' >"$NODE_DIR/package.json"
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
# ours_sockets: the listening sockets held by a process this script started
# (another helper may start its own servers in its own port range meanwhile;
# only ours are checked against 127.0.0.1 and 62000-63999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round108.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn}
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
build_go
[[ -z ${SKIPPED[nethttp_app]:-} ]] || die "the Go app did not build (see $RUN/logs/go-build.log)"

# Apps: Flask 62011, Express 62012, Koa 62013, Django 62014, FastAPI 62015,
# Go net/http 62016. Fronts: nginx 62101, Apache 62102, Caddy 62103,
# HAProxy 62104, Squid 62105, Varnish 62106. 62499 is never listened on (the
# switched-off /legacy/ service nginx, Apache, Caddy and HAProxy still route to).
APP_PORTS=(62011 62012 62013 62014 62015 62016)
FRONT_PORTS=(62101 62102 62103 62104 62105 62106)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 62499; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_bg flask nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:62011 --workers 2 --chdir "$APPS" \
    --worker-tmp-dir "$RUN/gunicorn" flask_app:app
start_bg express "${NODEENV[@]}" "$APPS/express_app.js" 62012
start_bg koa "${NODEENV[@]}" "$APPS/koa_app.js" 62013
start_bg django nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:62014 --workers 2 --chdir "$APPS" \
    --worker-tmp-dir "$RUN/gunicorn" django_app:application
start_bg fastapi nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS" --host 127.0.0.1 --port 62015 fastapi_app:app
start_bg go nice -n 5 "$GO_DIR/nethttp_app" 62016
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done
kill_app() {  # kill_app NAME: SIGKILL the server and its workers, as the OOM killer does
    local f=$RUN/pids/$1.pid pid kids
    [[ -e $f ]] || return 0
    pid=$(cat "$f")
    kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null)
    kill -KILL "$pid" $kids 2>/dev/null
    rm -f "$f"
    sleep 0.5
}

# ---- the fronts ----------------------------------------------------------------
mkdir -p "$RUN/nginx/tmp"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 62101 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/apache/logs
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 62102 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 62103 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62104 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus108 -f "$RUN/squid/squid.conf"
wait_port 62105 squid && UP[squid]=1

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:62106 -T none -f "$RUN/varnish/default.vcl" -n "$RUN/varnish/quillon" -s malloc,16m
wait_port 62106 varnish && UP[varnish]=1
sleep 1.5

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 108 (held out): real responses captured by
# scripts/corpus/capture-round108.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-107:
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

L=api.larkspur.test C=api.corvid.test M=api.mossgate.test F=api.fernhill.test Q=api.quillon.test B=api.brackwater.test
NG=http://$L:62101 AP=http://$C:62102 CD=http://$M:62103 HA=http://$F:62104 SQ=http://$B:62105 VN=http://$Q:62106
# one --resolve per front keeps the transcripts short
RNG="--resolve $L:62101:127.0.0.1" RAP="--resolve $C:62102:127.0.0.1" RCD="--resolve $M:62103:127.0.0.1"
RHA="--resolve $F:62104:127.0.0.1" RSQ="--resolve $B:62105:127.0.0.1" RVN="--resolve $Q:62106:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
# oversized headers, URLs and bodies as files in the work folder
hdrfile() { printf 'X-Trace-Context: %s\n' "$(head -c "$2" /dev/zero | tr '\0' 't')" >"$RUN/work/$1"; }
hdrfile hdr-9k.txt 9000
hdrfile hdr-20k.txt 20000
hdrfile hdr-70k.txt 70000
LONGQ=$(head -c 9000 /dev/zero | tr '\0' 'q')
{ printf '{"ref":"LS-2002","note":"'; head -c 1500000 /dev/zero | tr '\0' 'n'; printf '"}'; } >"$RUN/work/order-1500k.json"
{ printf '{"ref":"CV-2002","note":"'; head -c 200000 /dev/zero | tr '\0' 'n'; printf '"}'; } >"$RUN/work/order-200k.json"

# ============================================= nginx -> Flask on gunicorn ==
if up nginx; then
    log "capturing: Flask on gunicorn behind nginx"
    S=flask-gunicorn-nginx-stock-r108
    cap $S flask-200-order-nginx.txt 200 app flask "order 1 through nginx" "X-Request-ID from the app's after_request hook, Server: nginx/1.22.1" -- -sv $RNG $NG/api/orders/1
    cap $S flask-200-order-head-nginx.txt 200 app flask "HEAD of order 1" "curl -svI" -- -svI $RNG $NG/api/orders/1
    caphttp $S flask-401-account-nginx-httpie.txt 401 app flask "HTTPie, no token: the handler's JSON 401 with its request_id" "HTTPie with colours" -- -v GET http://127.0.0.1:62101/api/account Host:$L
    capraw $S flask-201-post-nginx.txt 201 app flask "POST a new ref: the handler's JSON 201" "curl -si saved to a file (CRs kept)" -- -si $RNG -X POST "${JSONH[@]}" -d '{"ref":"LS-2001"}' $NG/api/orders
    caplt $S flask-409-post-nginx.txt 409 app flask "POST of an existing ref: the handler's JSON 409" "curl -sv, only the < lines kept" -- -sv $RNG -X POST "${JSONH[@]}" -d '{"ref":"LS-1001"}' $NG/api/orders
    cap $S flask-422-post-nginx.txt 422 app flask "POST without ref: the handler's JSON 422" "curl -si" -- -si $RNG -X POST "${JSONH[@]}" -d '{"total":3}' $NG/api/orders
    cap $S flask-400-order-id-nginx.txt 400 app flask "an order id that is not a number: the handler's JSON 400" "curl -si" -- -si $RNG $NG/api/orders/abc
    cap $S flask-429-quota-nginx.txt 429 app flask "the handler's own JSON 429 with Retry-After" "curl -si" -- -si $RNG $NG/api/quota
    capcut $S flask-503-maintenance-nginx.txt 503 app flask "the handler's own JSON 503 (maintenance)" "curl -si, body cut off after the headers" -- -si $RNG $NG/api/maintenance
    capwin $S flask-502-payments-html-nginx.txt 502 app flask "the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RNG $NG/api/payments
    cap $S flask-500-boom-nginx.txt 500 app flask "an unhandled RuntimeError: Werkzeug's HTML 500 page" "curl -si" -- -si $RNG $NG/api/boom
    cap $S flask-404-route-nginx.txt 404 app flask "no route: Werkzeug's HTML 404 page" "" -- -sv $RNG $NG/api/v2/orders
    cap $S flask-405-post-account-nginx.txt 405 app flask "POST to a GET-only route: Werkzeug's HTML 405 page with Allow" "curl -si" -- -si $RNG -X POST $NG/api/account
    cap $S flask-308-docs-slash-nginx.txt 308 app flask "/api/docs for a route defined as /api/docs/: Werkzeug's 308" "curl -si" -- -si $RNG $NG/api/docs
    cap $S nginx-504-slow.txt 504 proxy nginx "the handler waits 5 s, proxy_read_timeout 3s: nginx's stock 504" "" -- -sv $RNG $NG/api/slow
    capwget $S nginx-502-legacy-wget.txt 502 proxy nginx "/legacy/ to a port nobody listens on: nginx's stock 502" "wget -S -O-" -- --header="Host: $L" http://127.0.0.1:62101/legacy/reports/1
    cap $S nginx-413-body.txt 413 proxy nginx "a 1.5 MB body over the stock client_max_body_size 1m: nginx's 413" "curl -si" -- -si $RNG -X POST "${JSONH[@]}" --data-binary @order-1500k.json $NG/api/orders
    caplt $S nginx-400-header-too-large.txt 400 proxy nginx "a 9 KB header over one 8k large_client_header_buffers buffer: nginx's 400 'Request Header Or Cookie Too Large'" "curl -sv, only the < lines kept" -- -sv $RNG -H @hdr-9k.txt $NG/api/orders/1
    cap $S nginx-414-long-uri.txt 414 proxy nginx "a 9 KB query string over the 8k buffer: nginx's 414" "curl -si" -- -si $RNG "$NG/api/orders/1?q=$LONGQ"
    cap $S nginx-400-bad-request-line.txt 400 proxy nginx "a space inside the request target: nginx's stock 400" "curl -sv --request-target" -- -sv $RNG --request-target '/api/orders 1' $NG/api/orders/1
    cap $S nginx-405-unknown-host-post.txt 405 proxy nginx "a Host nobody serves, POST /: the default site's static 405" "curl -si" -- -si -X POST -d 'q=1' -H "Host: shop.larkspur.test" http://127.0.0.1:62101/
    capcut $S nginx-404-unknown-host.txt 404 proxy nginx "a Host nobody serves: the default site's 404" "curl -si, body cut off after the headers" -- -si -H "Host: shop.larkspur.test" http://127.0.0.1:62101/api/orders/1
    S=body-only-paste
    capbody $S body-nginx-504-slow.txt 504/504 proxy nginx "nginx's stock 504 page (its title carries the number)" "" -- $RNG "$NG/api/slow?page=2"
    capbody $S body-flask-405-post-account.txt 405/405 app flask "Werkzeug's 405 page (its title carries the number)" "" -- $RNG -X POST $NG/api/account
    S=flask-gunicorn-nginx-stock-r108
    log "killing Flask (gunicorn)"
    kill_app flask
    cap $S nginx-502-app-killed.txt 502 proxy nginx "gunicorn killed (SIGKILL): connection refused, nginx's stock 502" "curl -si" -- -si $RNG $NG/api/orders/1
    S=headers-only-paste
    caphead $S head-nginx-502-app-killed.txt 502 proxy nginx "curl -sI with gunicorn killed: nginx's 502" "" -- $RNG $NG/api/orders/1
fi

# ============================================= Apache (mod_proxy) -> Express ==
if up apache; then
    log "capturing: Express behind Apache"
    S=express-apache-stock-r108
    cap $S express-200-order-apache.txt 200 app express "order 1 through Apache" "X-Request-Id from the app's middleware, Server from Apache (ServerTokens OS)" -- -sv $RAP $AP/api/orders/1
    cap $S express-200-order-head-apache.txt 200 app express "HEAD of order 1" "curl -si -I" -- -si -I $RAP $AP/api/orders/1
    caphttp $S express-401-account-apache-httpie.txt 401 app express "HTTPie, no token: the handler's JSON 401 with its requestId" "HTTPie with colours" -- -v GET http://127.0.0.1:62102/api/account Host:$C
    capraw $S express-201-post-apache.txt 201 app express "POST a new ref: the handler's JSON 201" "curl -si saved to a file (CRs kept)" -- -si $RAP -X POST "${JSONH[@]}" -d '{"ref":"CV-2001"}' $AP/api/orders
    caplt $S express-409-post-apache.txt 409 app express "POST of an existing ref: the handler's JSON 409" "curl -sv, only the < lines kept" -- -sv $RAP -X POST "${JSONH[@]}" -d '{"ref":"CV-1001"}' $AP/api/orders
    cap $S express-422-post-apache.txt 422 app express "POST without ref: the handler's JSON 422" "curl -si" -- -si $RAP -X POST "${JSONH[@]}" -d '{"total":3}' $AP/api/orders
    cap $S express-413-body-apache.txt 413 app express "a 200 KB JSON body over express.json's 100kb default: body-parser's 413, finalhandler's HTML page" "curl -si" -- -si $RAP -X POST "${JSONH[@]}" --data-binary @order-200k.json $AP/api/orders
    cap $S express-429-quota-apache.txt 429 app express "the handler's own JSON 429 with Retry-After" "" -- -sv $RAP $AP/api/quota
    capcut $S express-503-maintenance-apache.txt 503 app express "the handler's own JSON 503 (maintenance)" "curl -si, body cut off after the headers" -- -si $RAP $AP/api/maintenance
    capwin $S express-503-statements-html-apache.txt 503 app express "the app's own HTML 503 page, passed on" "curl -si pasted with CRLF" -- -si $RAP $AP/api/statements
    cap $S express-500-boom-apache.txt 500 app express "a thrown Error: finalhandler's HTML 'Internal Server Error'" "curl -si" -- -si $RAP $AP/api/boom
    cap $S express-404-route-apache.txt 404 app express "no route: Express's HTML 'Cannot GET /api/v2/orders'" "" -- -sv $RAP $AP/api/v2/orders
    cap $S express-302-latest-apache.txt 302 app express "res.redirect: Express's 302 'Found. Redirecting to'" "curl -si" -- -si $RAP $AP/api/latest
    cap $S apache-502-slow.txt 502 proxy apache "the handler waits 5 s, ProxyTimeout 3: Apache's stock 502 'Proxy Error'" "" -- -sv $RAP $AP/api/slow
    capwget $S apache-503-legacy-wget.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's stock 503" "wget -S -O-" -- --header="Host: $C" http://127.0.0.1:62102/legacy/reports/1
    cap $S apache-405-trace.txt 405 proxy apache "TRACE: security.conf's TraceEnable Off, Apache's 405" "curl -si" -- -si $RAP -X TRACE $AP/api/orders/1
    cap $S apache-414-long-uri.txt 414 proxy apache "a 9 KB query string over LimitRequestLine 8190: Apache's 414" "curl -si" -- -si $RAP "$AP/api/orders/1?q=$LONGQ"
    caplt $S apache-400-header-too-large.txt 400 proxy apache "a 9 KB header over LimitRequestFieldSize 8190: Apache's 400" "curl -sv, only the < lines kept" -- -sv $RAP -H @hdr-9k.txt $AP/api/orders/1
    cap $S apache-400-bad-request-line.txt 400 proxy apache "a space inside the request target: Apache's stock 400" "curl -si --request-target" -- -si $RAP --request-target '/api/orders 1' $AP/api/orders/1
    capcut $S apache-200-unknown-host-default-page.txt 200 proxy apache "a Host nobody serves: 000-default's Debian Default Page" "curl -si, body cut off after the headers" -- -si -H "Host: shop.corvid.test" http://127.0.0.1:62102/
    cap $S apache-404-unknown-host.txt 404 proxy apache "a Host nobody serves: 000-default's 404" "curl -si" -- -si -H "Host: shop.corvid.test" http://127.0.0.1:62102/api/orders/1
    S=body-only-paste
    capbody $S body-apache-502-slow.txt 502/502 proxy apache "Apache's 'Proxy Error' page (its title carries the number)" "" -- $RAP "$AP/api/slow?page=2"
    capbody $S body-express-413-body.txt 0/413 app express "finalhandler's 'Payload Too Large' page, no status number in it" "" -- $RAP -X POST "${JSONH[@]}" --data-binary @order-200k.json $AP/api/orders
    S=express-apache-stock-r108
    log "killing Express"
    kill_app express
    cap $S apache-503-app-killed.txt 503 proxy apache "Express killed (SIGKILL): connection refused, Apache's stock 503" "curl -si" -- -si $RAP $AP/api/orders/1
    S=headers-only-paste
    caphead $S head-apache-503-legacy.txt 503 proxy apache "curl -sI on /legacy/: Apache's 503" "" -- $RAP $AP/legacy/reports/3
fi

# ========================================================== Caddy -> Koa ==
if up caddy; then
    log "capturing: Koa behind Caddy"
    S=koa-caddy-stock-r108
    cap $S koa-200-order-caddy.txt 200 app koa "order 1 through Caddy" "Server: Caddy, Cache-Control and ETag from the app" -- -sv $RCD $CD/api/orders/1
    cap $S koa-200-order-head-caddy.txt 200 app koa "HEAD of order 1" "curl -svI" -- -svI $RCD $CD/api/orders/1
    caphttp $S koa-401-account-caddy-httpie.txt 401 app koa "HTTPie, no token: ctx.throw(401), Koa's text 'Unauthorized'" "HTTPie with colours" -- -v GET http://127.0.0.1:62103/api/account Host:$M
    capraw $S koa-201-post-caddy.txt 201 app koa "POST a new ref: the handler's JSON 201" "curl -si saved to a file (CRs kept)" -- -si $RCD -X POST "${JSONH[@]}" -d '{"ref":"MG-2001"}' $CD/api/orders
    caplt $S koa-409-post-caddy.txt 409 app koa "POST of an existing ref: the handler's JSON 409" "curl -sv, only the < lines kept" -- -sv $RCD -X POST "${JSONH[@]}" -d '{"ref":"MG-1001"}' $CD/api/orders
    cap $S koa-422-post-caddy.txt 422 app koa "POST without ref: the handler's JSON 422" "curl -si" -- -si $RCD -X POST "${JSONH[@]}" -d '{"total":3}' $CD/api/orders
    cap $S koa-400-order-id-caddy.txt 400 app koa "an order id that is not a number: the handler's JSON 400" "curl -si" -- -si $RCD $CD/api/orders/abc
    capcut $S koa-503-maintenance-caddy.txt 503 app koa "the handler's own JSON 503 (maintenance)" "curl -si, body cut off after the headers" -- -si $RCD $CD/api/maintenance
    capwin $S koa-502-payments-html-caddy.txt 502 app koa "the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RCD $CD/api/payments
    cap $S koa-500-boom-caddy.txt 500 app koa "a thrown Error: Koa's text 'Internal Server Error'" "curl -si" -- -si $RCD $CD/api/boom
    cap $S koa-404-route-caddy.txt 404 app koa "no route: Koa's text 'Not Found'" "" -- -sv $RCD $CD/api/v2/orders
    cap $S koa-405-delete-caddy.txt 405 app koa "DELETE on a GET route: @koa/router allowedMethods' 405 with Allow" "curl -si" -- -si $RCD -X DELETE $CD/api/orders/1
    cap $S koa-501-odd-method-caddy.txt 501 app koa "an odd method (PROPFIND) Caddy passes on: allowedMethods' 501 'Not Implemented'" "curl -si" -- -si $RCD -X PROPFIND $CD/api/orders/1
    cap $S koa-302-latest-caddy.txt 302 app koa "ctx.redirect: Koa's 302 'Redirecting to'" "curl -si" -- -si $RCD $CD/api/latest
    cap $S caddy-504-slow.txt 504 proxy caddy "the handler waits 5 s, response_header_timeout 3s: Caddy's 504, empty body" "" -- -sv $RCD $CD/api/slow
    capwget $S caddy-502-legacy-wget.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, empty body" "wget -S -O-" -- --header="Host: $M" http://127.0.0.1:62103/legacy/reports/1
    cap $S caddy-400-bad-request-line.txt 400 proxy caddy "a space inside the request target: Go's HTTP server inside Caddy answers 400" "curl -sv --request-target" -- -sv $RCD --request-target '/api/orders 1' $CD/api/orders/1
    cap $S caddy-200-unknown-host-empty.txt 200 proxy caddy "a Host no site block names: Caddy's own empty 200" "" -- -sv -H "Host: shop.mossgate.test" http://127.0.0.1:62103/api/orders/1
    S=body-only-paste
    capbody $S body-koa-401-account.txt 0/401 app koa "Koa's text 'Unauthorized', no status number in it" "" -- $RCD $CD/api/account
    S=koa-caddy-stock-r108
    log "killing Koa"
    kill_app koa
    caplt $S caddy-502-app-killed.txt 502 proxy caddy "Koa killed (SIGKILL): connection refused, Caddy's empty 502" "curl -sv, only the < lines kept" -- -sv $RCD $CD/api/orders/1
    S=headers-only-paste
    caphead $S head-caddy-502-app-killed.txt 502 proxy caddy "curl -sI with Koa killed: Caddy's 502" "" -- $RCD $CD/api/orders/1
fi

# =========================================== HAProxy -> Django on gunicorn ==
if up haproxy; then
    log "capturing: Django on gunicorn behind HAProxy"
    S=django-gunicorn-haproxy-stock-r108
    cap $S django-200-order-haproxy.txt 200 app django "order 1 through HAProxy" "Server: gunicorn, HAProxy adds nothing" -- -sv $RHA $HA/api/orders/1
    cap $S django-200-order-head-haproxy.txt 200 app django "HEAD of order 1" "curl -si -I" -- -si -I $RHA $HA/api/orders/1
    caphttp $S django-401-account-haproxy-httpie.txt 401 app django "HTTPie, no token: the view's {\"errors\":[...]} 401" "HTTPie with colours" -- -v GET http://127.0.0.1:62104/api/account Host:$F
    caplt $S django-409-post-haproxy.txt 409 app django "POST of an existing ref: the view's JSON 409" "curl -sv, only the < lines kept" -- -sv $RHA -X POST "${JSONH[@]}" -d '{"ref":"FH-1001"}' $HA/api/orders
    cap $S django-422-post-haproxy.txt 422 app django "POST without ref: the view's JSON 422" "curl -si" -- -si $RHA -X POST "${JSONH[@]}" -d '{"total":3}' $HA/api/orders
    cap $S django-400-order-id-haproxy.txt 400 app django "an order id that is not a number: the view's JSON 400" "curl -si" -- -si $RHA $HA/api/orders/abc
    cap $S django-400-disallowed-host-haproxy.txt 400 app django "a Host not in ALLOWED_HOSTS, passed on by the one frontend: Django's 'Bad Request (400)'" "" -- -sv -H "Host: shop.fernhill.test" http://127.0.0.1:62104/api/orders/1
    cap $S django-403-admin-haproxy.txt 403 app django "the view's JSON 403" "curl -si" -- -si $RHA $HA/api/admin
    capcut $S django-429-quota-haproxy.txt 429 app django "the view's own JSON 429 with Retry-After" "curl -si, body cut off after the headers" -- -si $RHA $HA/api/quota
    capwin $S django-503-statements-html-haproxy.txt 503 app django "the app's own HTML 503 page, passed on" "curl -si pasted with CRLF" -- -si $RHA $HA/api/statements
    cap $S django-500-boom-haproxy.txt 500 app django "an unhandled error, DEBUG off: Django's 'Server Error (500)'" "curl -si" -- -si $RHA $HA/api/boom
    cap $S django-404-route-haproxy.txt 404 app django "no route, DEBUG off: Django's HTML 'Not Found'" "" -- -sv $RHA $HA/api/v2/orders
    cap $S django-405-post-rates-haproxy.txt 405 app django "POST to a require_GET view: Django's empty 405 with Allow" "curl -si" -- -si $RHA -X POST $HA/api/rates
    cap $S django-301-docs-slash-haproxy.txt 301 app django "/api/docs for a path defined as api/docs/: CommonMiddleware's APPEND_SLASH 301" "curl -si" -- -si $RHA $HA/api/docs
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "the view waits 5 s, timeout server 3s: Debian's stock 504 errorfile" "" -- -sv $RHA $HA/api/slow
    capwget $S haproxy-503-legacy-wget.txt 503 load-balancer haproxy "/legacy/ to a server nobody listens on (no check): the stock 503 errorfile" "wget -S -O-" -- --header="Host: $F" http://127.0.0.1:62104/legacy/reports/1
    capcut $S haproxy-400-header-too-large.txt 400 load-balancer haproxy "a 20 KB header over the stock 16 KB tune.bufsize: the stock 400 errorfile" "curl -si, body cut off after the headers" -- -si $RHA -H @hdr-20k.txt $HA/api/orders/1
    cap $S haproxy-400-bad-request-line.txt 400 load-balancer haproxy "a space inside the request target: the stock 400 errorfile" "curl -si --request-target" -- -si $RHA --request-target '/api/orders 1' $HA/api/orders/1
    S=body-only-paste
    capbody $S body-haproxy-503-legacy.txt 503/503 load-balancer haproxy "HAProxy's stock 503 errorfile" "" -- $RHA $HA/legacy/reports/2
    capbody $S body-django-400-disallowed-host.txt 400/400 app django "Django's 'Bad Request (400)' (the number is in the text)" "" -- -H "Host: shop.fernhill.test" http://127.0.0.1:62104/api/orders/1
    S=django-gunicorn-haproxy-stock-r108
    log "killing Django (gunicorn)"
    kill_app django
    cap $S haproxy-503-app-killed.txt 503 load-balancer haproxy "gunicorn killed (SIGKILL): connection refused, the stock 503 errorfile" "curl -si" -- -si $RHA $HA/api/orders/1
    S=headers-only-paste
    caphead $S head-haproxy-503-legacy.txt 503 load-balancer haproxy "curl -sI on /legacy/: HAProxy's stock 503" "" -- $RHA $HA/legacy/reports/3
fi

# ================================ Varnish (builtin VCL) -> FastAPI on uvicorn ==
if up varnish; then
    log "capturing: FastAPI on uvicorn behind Varnish"
    S=fastapi-uvicorn-varnish-stock-r108
    cap $S fastapi-200-order-varnish-miss.txt 200 app fastapi "order 1, first request: a MISS" "X-Varnish with one number" -- -sv $RVN $VN/api/orders/1
    cap $S varnish-200-order-hit.txt 200 cdn-cache varnish "order 1 again: from Varnish's store" "curl -si; Age, X-Varnish with two numbers" -- -si $RVN $VN/api/orders/1
    caplt $S varnish-304-order-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "curl -sv, only the < lines kept" -- -sv $RVN -H 'If-None-Match: "qn-order-1-v3"' $VN/api/orders/1
    cap $S varnish-200-order-head-hit.txt 200 cdn-cache varnish "HEAD of order 1: answered from the store" "curl -svI" -- -svI $RVN $VN/api/orders/1
    caphttp $S fastapi-401-account-varnish-httpie.txt 401 app fastapi "HTTPie, no token: HTTPException's {\"detail\":...} 401, passed on" "HTTPie with colours" -- -v GET http://127.0.0.1:62106/api/account Host:$Q
    cap $S fastapi-409-post-varnish.txt 409 app fastapi "POST (passed) of an existing ref: HTTPException 409" "curl -si" -- -si $RVN -X POST "${JSONH[@]}" -d '{"ref":"QN-1001"}' $VN/api/orders
    caplt $S fastapi-422-post-varnish.txt 422 app fastapi "POST without ref: FastAPI's own validation 422" "curl -sv, only the < lines kept" -- -sv $RVN -X POST "${JSONH[@]}" -d '{"total":3}' $VN/api/orders
    cap $S fastapi-403-admin-varnish.txt 403 app fastapi "HTTPException 403" "curl -si" -- -si $RVN $VN/api/admin
    capwin $S fastapi-502-payments-html-varnish.txt 502 app fastapi "the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RVN $VN/api/payments
    cap $S fastapi-500-boom-varnish.txt 500 app fastapi "an unhandled RuntimeError: Starlette's text 'Internal Server Error'" "curl -si" -- -si $RVN $VN/api/boom
    cap $S fastapi-404-route-varnish-miss.txt 404 app fastapi "no route, first fetch: FastAPI's {\"detail\":\"Not Found\"}" "" -- -sv $RVN $VN/api/v2/orders
    cap $S fastapi-404-route-varnish-hit.txt 404 app fastapi "the same 404 again: the builtin VCL kept it (120 s default TTL), a HIT of the app's error" "curl -si; Age, X-Varnish with two numbers" -- -si $RVN $VN/api/v2/orders
    cap $S fastapi-405-delete-varnish.txt 405 app fastapi "DELETE (passed) on a GET route: Starlette's {\"detail\":\"Method Not Allowed\"}" "curl -si" -- -si $RVN -X DELETE $VN/api/orders/1
    capcut $S fastapi-307-latest-varnish.txt 307 app fastapi "RedirectResponse: Starlette's 307, first fetch" "curl -si, body cut off after the headers" -- -si $RVN $VN/api/latest
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the handler waits 5 s, first_byte_timeout 3s: the builtin 'Backend fetch failed' page" "" -- -sv $RVN $VN/api/slow
    cap $S varnish-400-header-too-large.txt 400 cdn-cache varnish "a 9 KB header over the stock http_req_hdr_len 8k: Varnish's own 400" "curl -si" -- -si $RVN -H @hdr-9k.txt $VN/api/orders/3
    S=body-only-paste
    capbody $S body-varnish-503-slow.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page (its title carries the number)" "" -- $RVN "$VN/api/slow?page=2"
    capbody $S body-fastapi-405-delete.txt 0/405 app fastapi "Starlette's {\"detail\":\"Method Not Allowed\"}, no status number in it" "" -- $RVN -X DELETE $VN/api/orders/1
    S=headers-only-paste
    caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on order 1, stored" "Age, X-Varnish with two numbers" -- $RVN $VN/api/orders/1
    S=fastapi-uvicorn-varnish-stock-r108
    log "killing FastAPI (uvicorn)"
    kill_app fastapi
    cap $S varnish-200-order-hit-app-killed.txt 200 cdn-cache varnish "uvicorn killed, order 1 still fresh: a HIT" "curl -si" -- -si $RVN $VN/api/orders/1
    capwget $S varnish-503-app-killed-wget.txt 503 cdn-cache varnish "uvicorn killed, a path never stored: 'Backend fetch failed'" "wget -S -O-" -- --header="Host: $Q" http://127.0.0.1:62106/api/orders/2
fi

# ============================== Squid (accelerator) -> Go net/http ==
if up squid; then
    log "capturing: Go net/http behind Squid"
    S=go-nethttp-squid-stock-r108
    cap $S nethttp-200-order-squid-miss.txt 200 app go-net-http "order 1, first request: a MISS" "Via, X-Cache: MISS, the app's X-Request-Id" -- -sv $RSQ $SQ/api/orders/1
    cap $S squid-200-order-hit.txt 200 cdn-cache squid "order 1 again: from Squid's memory cache" "curl -si; X-Cache: HIT, Age" -- -si $RSQ $SQ/api/orders/1
    capraw $S squid-304-order-if-none-match.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's own 304" "curl -si saved to a file (CRs kept)" -- -si $RSQ -H 'If-None-Match: "bw-order-1-v7"' $SQ/api/orders/1
    cap $S squid-200-order-head-hit.txt 200 cdn-cache squid "HEAD of order 1: answered from the stored GET" "curl -svI" -- -svI $RSQ $SQ/api/orders/1
    caphttp $S nethttp-401-account-squid-httpie.txt 401 app go-net-http "HTTPie, no token: the handler's JSON 401, passed on with Via" "HTTPie with colours" -- -v GET http://127.0.0.1:62105/api/account Host:$B
    caplt $S nethttp-409-post-squid.txt 409 app go-net-http "POST of an existing ref: the handler's JSON 409" "curl -sv, only the < lines kept" -- -sv $RSQ -X POST "${JSONH[@]}" -d '{"ref":"BW-1001"}' $SQ/api/orders
    cap $S nethttp-422-post-squid.txt 422 app go-net-http "POST without ref: the handler's JSON 422" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"total":3}' $SQ/api/orders
    cap $S nethttp-400-order-id-squid.txt 400 app go-net-http "an order id that is not a number: the handler's JSON 400" "" -- -sv $RSQ $SQ/api/orders/abc
    cap $S nethttp-405-get-orders-squid.txt 405 app go-net-http "GET on the POST-only /api/orders: the handler's JSON 405 with Allow" "curl -si" -- -si $RSQ $SQ/api/orders
    capcut $S nethttp-503-maintenance-squid.txt 503 app go-net-http "the handler's own JSON 503 (maintenance)" "curl -si, body cut off after the headers" -- -si $RSQ $SQ/api/maintenance
    capwin $S nethttp-503-statements-html-squid.txt 503 app go-net-http "the app's own HTML 503 page, passed on" "curl -si pasted with CRLF" -- -si $RSQ $SQ/api/statements
    cap $S nethttp-500-boom-squid.txt 500 app go-net-http "http.Error's plain-text 500" "curl -si" -- -si $RSQ $SQ/api/boom
    cap $S nethttp-404-route-squid.txt 404 app go-net-http "no route: net/http's '404 page not found'" "" -- -sv $RSQ $SQ/api/v2/orders
    cap $S nethttp-301-double-slash-squid.txt 301 app go-net-http "a doubled slash in the path: ServeMux's own 301 to the clean path" "curl -si" -- -si $RSQ $SQ/api//orders/1
    cap $S squid-504-slow.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 3 seconds: ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/slow
    capcut $S squid-403-unknown-host.txt 403 cdn-cache squid "a Host that is not ours: http_access deny all, ERR_ACCESS_DENIED" "curl -si, body cut off after the headers" -- -si -H "Host: shop.brackwater.test" http://127.0.0.1:62105/api/orders/1
    cap $S squid-431-header-too-large.txt 431 cdn-cache squid "a 70 KB header over the stock request_header_max_size 64 KB: Squid's 431" "curl -si" -- -si $RSQ -H @hdr-70k.txt $SQ/api/orders/1
    S=body-only-paste
    capbody $S body-squid-403-unknown-host.txt 0/403 cdn-cache squid "Squid's ERR_ACCESS_DENIED page (its title names the error, not a number)" "" -- -H "Host: shop.brackwater.test" http://127.0.0.1:62105/api/orders/2
    capbody $S body-nethttp-404-route.txt 404/404 app go-net-http "net/http's '404 page not found' (the number is in the text)" "" -- $RSQ $SQ/api/v3/orders
    S=headers-only-paste
    caphead $S head-squid-200-hit.txt 200 cdn-cache squid "curl -sI on order 1, stored in Squid's memory" "X-Cache: HIT" -- $RSQ $SQ/api/orders/1
    S=go-nethttp-squid-stock-r108
    log "killing the Go app"
    kill_app go
    cap $S squid-200-order-hit-app-killed.txt 200 cdn-cache squid "the Go app killed, order 1 still fresh: a HIT" "curl -si" -- -si $RSQ $SQ/api/orders/1
    capwget $S squid-503-app-killed-wget.txt 503 cdn-cache squid "the Go app killed, a path never stored: ERR_CONNECT_FAIL" "wget -S -O-" -- --header="Host: $B" http://127.0.0.1:62105/api/admin
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round108/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
