#!/usr/bin/env bash
# capture-round126.sh — build the hundred-and-twenty-sixth held-out evidence
# corpus in tests/fixtures/evidence-round126/.
#
# "Pasted in part at night, a fifth look" (rounds 76, 94, 106 and 114 were the
# first four): Node-on-Bun and Ruby-on-Unicorn apps behind the six mainstream
# fronts, one front each, each a front + app server + framework triple no
# earlier round's setup list has (checked with
# `grep -h '^setup' tests/fixtures/evidence-round*/labels.toml | sort -u`):
#   - nginx 1.22   -> Hono 4 on Bun.serve      (apps123/hono_bun_app.mjs)
#   - Apache 2.4   -> Fastify 4 on Bun         (apps101/fastify_app.js)
#   - Caddy 2.6    -> NestJS 10 on Bun         (apps101/nest_app.js)
#   - HAProxy 2.6  -> Koa 2 on Bun             (apps101/koa_app.js)
#   - Varnish 7.1  -> Sinatra 3 on Unicorn     (apps103/sinatra.ru)
#   - Squid 5.7    -> Rails 6.1 API on Unicorn (apps103/rails_api.ru)
# Front configs in scripts/corpus/conf-round126/. Per setup: the app's own
# 400/401/403/404/409/422/429/500/503 (those it has) and its framework's
# stock pages, and the front's own 403/404/413/414/502/503/504 (those it
# writes), each pasted in one of three forms: a whole transcript, the body
# alone (`curl -s`, `curl -s | jq .`), or the headers alone (`curl -sI`,
# `curl -sv -o /dev/null` with the `<` lines kept, `curl -si` cut before the
# body).
#
#   scripts/corpus/capture-round126.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round126.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round126.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-63999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round126.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round126"
RUN=/tmp/api-triage-corpus126-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round126"
APPS92="$HERE/apps92"
APPS101="$HERE/apps101"
APPS103="$HERE/apps103"
APPS123="$HERE/apps123"
NODE_DIR=${CORPUS_NODE126:-/tmp/api-triage-corpus126-node}   # a copy of round 123's (fastify, koa, nestjs, hono, bun)
VENV=${CORPUS_VENV126:-/tmp/api-triage-corpus126-venv}   # a copy of round 124's (only HTTPie is used)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4)
NPM=(fastify@4.29.1 koa@2 @koa/router@12 raw-body @nestjs/core@10 @nestjs/common@10 @nestjs/platform-express@10 reflect-metadata rxjs hono@4 bun@1.4.5)
BUN="$NODE_DIR/node_modules/.bin/bun"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus126 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(nginx caddy apache2 haproxy varnish squid jq openssl wget python3-venv unicorn ruby-sinatra ruby-rails)
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
install_venv() {  # HTTPie (a copy of round 124's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # Fastify, Koa, NestJS, Hono + Bun (a copy of round 123's node folder), from npm when missing
    [[ -d $NODE_DIR/node_modules/fastify && -d $NODE_DIR/node_modules/koa && -d $NODE_DIR/node_modules/@nestjs/core && -d $NODE_DIR/node_modules/hono && -x $BUN ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node folder missing"; return 0; }
    command -v npm >/dev/null || { SKIPPED[node]="npm missing"; return 0; }
    log "npm install into $NODE_DIR: ${NPM[*]}"
    mkdir -p "$NODE_DIR"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund "${NPM[@]}") >>"$RUN/logs/npm.log" 2>&1 \
        || SKIPPED[node]="npm install failed (see logs/npm.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round126.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only 0
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
    cmdline wget -S -O- "$@" >"$dest"
    in_work timeout 20 wget -S -O- --content-on-error --tries=1 --timeout=10 "$@" >>"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}


wire_of() { awk '/^HTTP\// {s=$2} END {print s+0}' "$RUN/work/last-headers" 2>/dev/null; }
check_wire() {  # check_wire FILE WANT GOT
    if [[ $3 != "$2" ]]; then
        log "MISMATCH $1: expected wire status $2, got $3"; MISMATCH=$((MISMATCH + 1))
    fi
}

# capjq SETUP FILE SHOWN/WIRE LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl -s URL | jq .`: only the body, pretty-printed by jq (body-only).
capjq() {
    local setup=$1 file=$2 shown=${3%/*} wire=${3#*/} layer=$4 product=$5 scenario=$6 note=$7 got
    shift 8
    local dest="$STAGE/$file"
    printf '%s | jq .\n' "$(cmdline curl -s "$@")" >"$dest"
    rm -f "$RUN/work/last-headers"
    in_work timeout 20 curl -s -D "$RUN/work/last-headers" "$@" 2>/dev/null | jq . >>"$dest" 2>&1
    got=$(wire_of); check_wire "$file" "$wire" "$got"
    finish "$dest" "$setup" "$shown" "$layer" "$product" "$scenario" "$note" body-only "$got"
}

# capvnull SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl -sv -o /dev/null URL` with only the `<` lines kept (headers-only).
capvnull() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl -sv -o /dev/null "$@" >"$dest"
    in_work timeout 20 curl -sv -o /dev/null "$@" 2>&1 | grep -a '^< ' | tr -d '\r' >>"$dest"
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only 0
}

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS92 && -d $APPS101 && -d $APPS103 && -d $APPS123 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,unicorn-rails,unicorn-sinatra,rails/public,nginx/tmp,nginx/www/static,caddy/data,caddy/config,apache/www,haproxy,varnish,squid}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "Koa/NestJS/Fastify/Hono/Bun are missing (${SKIPPED[node]})"
for p in nginx caddy apache2 haproxy varnish squid jq openssl wget unicorn ruby-sinatra ruby-rails; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Apps: Hono/Bun 62011 (nginx), Fastify/Bun 62012 (Apache), NestJS/Bun 62013
# (Caddy), Koa/Bun 62014 (HAProxy), Sinatra/Unicorn 62015 (Varnish),
# Rails/Unicorn 62016 (Squid). Fronts: nginx 62101, Apache 62102, Caddy 62103,
# HAProxy 62104, Varnish 62105, Squid 62106.
APP_PORTS=(62011 62012 62013 62014 62015 62016)
FRONT_PORTS=(62101 62102 62103 62104 62105 62106)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
cp "$APPS92"/rails_public/*.html "$RUN/rails/public/"
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production)
start_bg hono "${NODEENV[@]}" nice -n 5 "$BUN" "$APPS123/hono_bun_app.mjs" 62011
start_bg fastify env BRAND=Pipit "${NODEENV[@]:1}" nice -n 5 "$BUN" "$APPS101/fastify_app.js" 62012
start_bg nest "${NODEENV[@]}" nice -n 5 "$BUN" "$APPS101/nest_app.js" 62013
start_bg koa "${NODEENV[@]}" nice -n 5 "$BUN" "$APPS101/koa_app.js" 62014
start_bg sinatra env UNICORN_PID="$RUN/unicorn-sinatra/unicorn.pid" RACK_ENV=production nice -n 5 unicorn \
    -c "$CONF/unicorn.conf.rb" -l 127.0.0.1:62015 -E production "$APPS103/sinatra.ru"
start_bg rails env UNICORN_PID="$RUN/unicorn-rails/unicorn.pid" RAILS_ENV=production RAILS_PUBLIC="$RUN/rails/public" \
    nice -n 5 unicorn -c "$CONF/unicorn.conf.rb" -l 127.0.0.1:62016 -E production "$APPS103/rails_api.ru"
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
declare -A UP=()
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 62101 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 62102 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 62103 caddy && UP[caddy]=1
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62104 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
render "$CONF/varnish.vcl" "$RUN/varnish/r126.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:62105 -T none -f "$RUN/varnish/r126.vcl" -n "$RUN/varnish/r126" -s malloc,16m
wait_port 62105 varnish && UP[varnish]=1
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus126 -f "$RUN/squid/squid.conf"
wait_port 62106 squid && UP[squid]=1
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"
for f in nginx apache caddy haproxy varnish squid; do up $f || die "$f did not start"; done
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 126 (held out): real responses captured by
# scripts/corpus/capture-round126.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-125:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the body itself shows (0 = none)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes: for app responses the
#              framework, or the app server when it wrote the page itself
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`, `curl -s | jq .`) or "headers-only"
#              (`curl -sI`, `curl -sv -o /dev/null` < lines, `curl -si` cut
#              before the body); absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
EOF_LABELS

JSONH=(-H 'Content-Type: application/json')
ACCJ=(-H 'Accept: application/json')
NOEXP=(-H 'Expect:')   # no 100-continue for the big bodies: one status per transcript
printf '{"title":"%s"}' "$(printf 'p%.0s' $(seq 1 2000))" >"$RUN/work/2k.json"   # 2 KB JSON: over every 1 KB body limit
BODY2K=(--data-binary @"$RUN/work/2k.json")
HDR10="X-Pad: $(printf 'p%.0s' $(seq 1 10000))"                  # 10 KB: over Caddy's max_header_size 4KB
LONGQ="q=$(printf 'x%.0s' $(seq 1 2000))"                        # a 2 KB request line: over nginx's 1k buffers, Apache's LimitRequestLine 1024, HAProxy's url_len 1500, Varnish's 1024

# ===================================================== nginx -> Hono (Bun.serve) ==
log "capturing: Hono (Bun) behind nginx"
S=hono-bun-nginx-r126
H=api.tern.test:62101 U=http://api.tern.test:62101 R="--resolve api.tern.test:62101:127.0.0.1"
cap $S hono-200-ticket-nginx.txt 200 app hono "ticket 1 from Hono on Bun.serve, passed on" "curl -sv" -- -sv $R $U/api/tickets/1
capjq $S body-hono-400-post-validator-jq-nginx.txt 0/400 app hono "POST with a 2-letter title: the validator's zod-shaped JSON 400 (no number in it)" "curl -s | jq ." -- $R -X POST "${JSONH[@]}" -d '{"title":"ab"}' $U/api/tickets
capbody $S body-hono-401-me-nginx.txt 0/401 app hono "no token: bearerAuth's text 'Unauthorized' (no number in it)" "curl -s" -- $R $U/api/me
capvnull $S vnull-hono-403-admin-nginx.txt 403 app hono "a user token: HTTPException(403), text 'admin role required'" "curl -sv -o /dev/null, only the < lines kept" -- $R -H 'Authorization: Bearer user-token' $U/api/admin/stats
cap $S hono-409-post-nginx.txt 409 app hono "POST of a ticket already open: HTTPException(409), text" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"title":"Slip: printer on floor 3 is on fire"}' $U/api/tickets
quiet $R "$U/api/search?q=printer"
quiet $R "$U/api/search?q=toner"
capcut $S cut-hono-429-search-nginx.txt 429 app hono "a third search in the minute: the text 429 with Retry-After" "curl -si, cut before the body" -- -si $R "$U/api/search?q=scanner"
capbody $S body-hono-500-boom-nginx.txt 0/500 app hono "a TypeError: Hono's default onError, text 'Internal Server Error' (no number in it)" "curl -s" -- $R $U/api/boom
capraw $S hono-503-readyz-nginx.txt 503 app hono "/readyz: the handler's JSON 503 (database down)" "curl -si saved to a file (CRs kept)" -- -si $R $U/readyz
caphead $S head-nginx-403-internal-hono.txt 403 proxy nginx "/internal/ denied (deny all): nginx's stock 403" "curl -sI" -- $R $U/internal/metrics
capbody $S body-nginx-404-static-hono.txt 404/404 proxy nginx "/static/ from an empty folder: nginx's stock 404 page (its title shows 404)" "curl -s" -- $R $U/static/app.js
cap $S nginx-413-body-hono.txt 413 proxy nginx "a 2 KB body, client_max_body_size 1k: nginx's stock 413 page" "curl -si" -- -si $R -X POST "${JSONH[@]}" "${NOEXP[@]}" "${BODY2K[@]}" $U/api/tickets
capcut $S cut-nginx-414-uri-hono.txt 414 proxy nginx "a 2 KB query string, large_client_header_buffers 4 1k: nginx's stock 414" "curl -si, cut before the body" -- -si $R "$U/api/tickets/1?$LONGQ"
capbody $S body-nginx-503-maintenance-hono.txt 503/503 proxy nginx "/maintenance/: \`return 503\`, nginx's stock 503 page (its title shows 503)" "curl -s" -- $R $U/maintenance/status
capwin $S nginx-504-slow-hono.txt 504 proxy nginx "/api/slow waits 5 s, proxy_read_timeout 3s: nginx's stock 504 page" "curl -si pasted with CRLF" -- -si $R $U/api/slow
log "stopping Hono"
stop_name hono
capvnull $S vnull-nginx-502-app-stopped-hono.txt 502 proxy nginx "Bun stopped (connection refused): nginx's stock 502" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/tickets/1

# ===================================================== Apache -> Fastify (Bun) ==
log "capturing: Fastify (Bun) behind Apache"
S=fastify-bun-apache-r126
H=api.pipit.test:62102 U=http://api.pipit.test:62102 R="--resolve api.pipit.test:62102:127.0.0.1"
cap $S fastify-200-ticket-apache.txt 200 app fastify "ticket 1 from Fastify on Bun, passed on" "curl -si" -- -si $R $U/api/tickets/1
capjq $S body-fastify-400-post-schema-jq-apache.txt 400/400 app fastify "POST with a 2-letter title: Fastify's body schema 400 (its statusCode shows 400)" "curl -s | jq ." -- $R -X POST "${JSONH[@]}" -d '{"title":"ab"}' $U/api/tickets
capcut $S cut-fastify-401-me-apache.txt 401 app fastify "no token: the onRequest hook's JSON 401" "curl -si, cut before the body" -- -si $R $U/api/me
capjq $S body-fastify-403-admin-jq-apache.txt 403/403 app fastify "a user token: the hook's JSON 403 'admin role required' (statusCode 403)" "curl -s | jq ." -- $R -H 'Authorization: Bearer user-token' $U/api/admin/stats
cap $S fastify-404-route-apache.txt 404 app fastify "no route: Fastify's JSON 'Route GET:/api/v2/tickets not found'" "curl -sv" -- -sv $R $U/api/v2/tickets
capvnull $S vnull-fastify-409-post-apache.txt 409 app fastify "POST of a ticket already open: Fastify's JSON 409" "curl -sv -o /dev/null, only the < lines kept" -- $R -X POST "${JSONH[@]}" -d '{"title":"Pipit: printer on floor 3 is on fire"}' $U/api/tickets
quiet $R "$U/api/search?q=printer"
quiet $R "$U/api/search?q=toner"
capjq $S body-fastify-429-search-jq-apache.txt 429/429 app fastify "a third search in the minute: the handler's JSON 429 (statusCode 429)" "curl -s | jq ." -- $R "$U/api/search?q=scanner"
capdump $S fastify-500-boom-apache.txt 500 app fastify "a thrown Error: Fastify's JSON 500" "curl -s -D-" -- $R $U/api/boom
caphead $S head-fastify-503-readyz-apache.txt 503 app fastify "/readyz: the handler's 503 headers (HEAD served by the GET route)" "curl -sI" -- $R $U/readyz
capbody $S body-apache-403-internal-fastify.txt 403/403 proxy apache "/internal/ Require all denied: Apache's stock 403 page (its title shows 403)" "curl -s" -- $R $U/internal/metrics
cap $S apache-404-static-fastify.txt 404 proxy apache "/static/ not proxied, an empty DocumentRoot: Apache's stock 404" "curl -si" -- -si $R $U/static/app.js
capcut $S cut-apache-414-uri-fastify.txt 414 proxy apache "a 2 KB query string, LimitRequestLine 1024: Apache's stock 414" "curl -si, cut before the body" -- -si $R "$U/api/tickets/1?$LONGQ"
caphead $S head-apache-503-maintenance-fastify.txt 503 proxy apache "/maintenance/: RewriteRule [R=503], Apache's stock 503" "curl -sI" -- $R $U/maintenance/status
cap $S apache-502-slow-fastify.txt 502 proxy apache "/api/slow waits 5 s, ProxyTimeout 3: Apache's stock 502 Proxy Error" "curl -sv" -- -sv $R $U/api/slow
log "stopping Fastify"
stop_name fastify
capraw $S apache-503-app-stopped-fastify.txt 503 proxy apache "Bun stopped (connection refused, retry=0): Apache's stock 503" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/tickets/1

# ===================================================== Caddy -> NestJS (Bun) ==
log "capturing: NestJS (Bun) behind Caddy"
S=nestjs-bun-caddy-r126
H=api.gannet.test:62103 U=http://api.gannet.test:62103 R="--resolve api.gannet.test:62103:127.0.0.1"
capvnull $S vnull-nestjs-200-ticket-caddy.txt 200 app nestjs "ticket 1 from NestJS (Express platform) on Bun, passed on" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/tickets/1
capjq $S body-nestjs-400-ticket-id-jq-caddy.txt 400/400 app nestjs "a ticket id that is not a number: BadRequestException (statusCode 400)" "curl -s | jq ." -- $R $U/api/tickets/abc
cap $S nestjs-401-me-caddy.txt 401 app nestjs "no token: the guard's UnauthorizedException, Nest's JSON 401" "curl -si" -- -si $R $U/api/me
capcut $S cut-nestjs-403-admin-caddy.txt 403 app nestjs "a user token: the guard returns false, Nest's 'Forbidden resource' JSON 403" "curl -si, cut before the body" -- -si $R -H 'Authorization: Bearer user-token' $U/api/admin/stats
capbody $S body-nestjs-404-route-caddy.txt 404/404 app nestjs "no route: Nest's JSON 'Cannot GET /api/v2/tickets' (statusCode 404)" "curl -s" -- $R $U/api/v2/tickets
capjq $S body-nestjs-409-post-jq-caddy.txt 409/409 app nestjs "POST of a ticket already open: ConflictException (statusCode 409)" "curl -s | jq ." -- $R -X POST "${JSONH[@]}" -d '{"title":"Printer on floor 3 is on fire"}' $U/api/tickets
quiet $R "$U/api/search?q=printer"
quiet $R "$U/api/search?q=toner"
cap $S nestjs-429-search-caddy.txt 429 app nestjs "a third search in the minute: a ThrottlerException-shaped JSON 429" "curl -sv" -- -sv $R "$U/api/search?q=scanner"
capbody $S body-nestjs-500-boom-caddy.txt 500/500 app nestjs "a thrown Error: Nest's JSON 500 'Internal server error' (statusCode 500)" "curl -s" -- $R $U/api/boom
caphead $S head-nestjs-503-readyz-caddy.txt 503 app nestjs "/readyz: ServiceUnavailableException, the 503 headers (HEAD served by the GET route)" "curl -sI" -- $R $U/readyz
capvnull $S vnull-caddy-403-internal-nestjs.txt 403 proxy caddy "/internal/*: \`respond 403\`, Caddy's empty 403" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/internal/metrics
cap $S caddy-404-static-nestjs.txt 404 proxy caddy "/static/*: \`respond 404\`, Caddy's empty 404" "curl -si" -- -si $R $U/static/app.js
caphead $S head-caddy-503-maintenance-nestjs.txt 503 proxy caddy "/maintenance/*: \`respond 503\`, Caddy's empty 503" "curl -sI" -- $R $U/maintenance/status
capcut $S cut-caddy-431-header-nestjs.txt 431 proxy caddy "a 10 KB header, max_header_size 4KB: Go's 431 inside Caddy" "curl -si, cut before the body" -- -si $R -H "$HDR10" $U/api/tickets/1
cap $S caddy-504-slow-nestjs.txt 504 proxy caddy "/api/slow waits 5 s, response_header_timeout 3s: Caddy's empty 504" "curl -sv" -- -sv $R $U/api/slow
log "stopping NestJS"
stop_name nest
capwin $S caddy-502-app-stopped-nestjs.txt 502 proxy caddy "Bun stopped: Caddy's empty 502" "curl -si pasted with CRLF" -- -si $R $U/api/tickets/1

# ===================================================== HAProxy -> Koa (Bun) ==
log "capturing: Koa (Bun) behind HAProxy"
S=koa-bun-haproxy-r126
H=api.kittiwake.test:62104 U=http://api.kittiwake.test:62104 R="--resolve api.kittiwake.test:62104:127.0.0.1"
caphead $S head-koa-200-ticket-haproxy.txt 200 app koa "ticket 1 from Koa on Bun (HEAD served by the GET route)" "curl -sI" -- $R $U/api/tickets/1
capjq $S body-koa-400-ticket-id-jq-haproxy.txt 400/400 app koa "a ticket id that is not a number: ctx.throw(400), the error middleware's JSON (status 400)" "curl -s | jq ." -- $R $U/api/tickets/abc
cap $S koa-403-admin-haproxy.txt 403 app koa "a user token on /api/admin/stats: ctx.throw(403), JSON" "curl -si" -- -si $R -H 'Authorization: Bearer user-token' $U/api/admin/stats
capbody $S body-koa-404-route-haproxy.txt 0/404 app koa "no route: Koa's own text 'Not Found' (no number in it)" "curl -s" -- $R $U/api/v2/tickets
capjq $S body-koa-409-post-jq-haproxy.txt 409/409 app koa "POST of a ticket already open: ctx.throw(409), JSON (status 409)" "curl -s | jq ." -- $R -X POST "${JSONH[@]}" -d '{"title":"Dock: printer on floor 3 is on fire"}' $U/api/tickets
cap $S koa-422-post-haproxy.txt 422 app koa "a 2-letter title: ctx.throw(422) with a field list, JSON" "curl -sv" -- -sv $R -X POST "${JSONH[@]}" -d '{"title":"ab"}' $U/api/tickets
quiet $R "$U/api/search?q=printer"
quiet $R "$U/api/search?q=toner"
capcut $S cut-koa-429-search-haproxy.txt 429 app koa "a third search in the minute: ctx.throw(429) with Retry-After" "curl -si, cut before the body" -- -si $R "$U/api/search?q=scanner"
capdump $S koa-500-boom-haproxy.txt 500 app koa "a TypeError: the error middleware's JSON 500 'Internal Server Error'" "curl -s -D-" -- $R $U/api/boom
capjq $S body-koa-503-readyz-jq-haproxy.txt 0/503 app koa "/readyz: the handler's JSON 503 (database down; no number in it)" "curl -s | jq ." -- $R $U/readyz
capbody $S body-haproxy-403-internal-koa.txt 403/403 load-balancer haproxy "/internal/: \`http-request deny\`, HAProxy's stock 403 page (its heading shows 403)" "curl -s" -- $R $U/internal/metrics
capvnull $S vnull-haproxy-404-static-koa.txt 404 load-balancer haproxy "/static/: deny_status 404, HAProxy's stock 404" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/static/app.js
cap $S haproxy-413-body-koa.txt 413 load-balancer haproxy "a 2 KB body: deny_status 413 on Content-Length, HAProxy's stock 413" "curl -si" -- -si $R -X POST "${JSONH[@]}" "${NOEXP[@]}" "${BODY2K[@]}" $U/api/tickets
caphead $S head-haproxy-414-uri-koa.txt 414 load-balancer haproxy "a 2 KB query string: \`http-request return status 414\` (url_len over 1500)" "curl -sI" -- $R "$U/api/tickets/1?$LONGQ"
capbody $S body-haproxy-503-maintenance-koa.txt 503/503 load-balancer haproxy "/maintenance/: a backend with no server, HAProxy's stock 503 page (its heading shows 503)" "curl -s" -- $R $U/maintenance/status
capraw $S haproxy-504-slow-koa.txt 504 load-balancer haproxy "/api/slow waits 5 s, timeout server 3s: HAProxy's stock 504" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/slow
log "stopping Koa"
stop_name koa
cap $S haproxy-503-app-stopped-koa.txt 503 load-balancer haproxy "Bun stopped (connection refused): HAProxy's stock 503" "curl -sv" -- -sv $R $U/api/tickets/1

# ===================================================== Varnish -> Sinatra (Unicorn) ==
log "capturing: Sinatra (Unicorn) behind Varnish"
S=sinatra-unicorn-varnish-r126
H=api.ashby.test:62105 U=http://api.ashby.test:62105 R="--resolve api.ashby.test:62105:127.0.0.1"
cap $S sinatra-200-ticket-miss-varnish.txt 200 app sinatra "ticket 1 from Sinatra on Unicorn, a MISS (Cache-Control public, max-age=60)" "curl -si" -- -si $R $U/api/tickets/1
capvnull $S vnull-varnish-200-ticket-hit-sinatra.txt 200 cdn-cache varnish "ticket 1 again: a HIT from Varnish's store" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/tickets/1
capjq $S body-sinatra-400-post-json-jq-varnish.txt 0/400 app sinatra "POST of a body that is not JSON: the handler's JSON 400 (no number in it)" "curl -s | jq ." -- $R -X POST "${JSONH[@]}" -d '{"subject":' $U/api/tickets
capcut $S cut-sinatra-401-me-varnish.txt 401 app sinatra "no token: the handler's JSON 401 with WWW-Authenticate, passed" "curl -si, cut before the body" -- -si $R $U/api/me
capbody $S body-sinatra-404-route-varnish.txt 0/404 app sinatra "no route: Sinatra's '<h1>Not Found</h1>' (no number in it)" "curl -s" -- $R $U/api/v2/tickets
cap $S sinatra-409-post-varnish.txt 409 app sinatra "POST of a ticket already open: the handler's JSON 409" "curl -sv" -- -sv $R -X POST "${JSONH[@]}" -d '{"subject":"VPN drops every hour"}' $U/api/tickets
capvnull $S vnull-sinatra-422-post-varnish.txt 422 app sinatra "POST with an empty subject: the handler's JSON 422" "curl -sv -o /dev/null, only the < lines kept" -- $R -X POST "${JSONH[@]}" -d '{"subject":""}' $U/api/tickets
capwget $S sinatra-429-exports-varnish-wget.txt 429 app sinatra "the handler's JSON 429 with Retry-After, passed" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:62105/api/exports
capbody $S body-sinatra-500-history-varnish.txt 0/500 app sinatra "an uncaught NoMethodError: Sinatra's '<h1>Internal Server Error</h1>' (no number in it)" "curl -s" -- $R $U/api/tickets/1/history
caphead $S head-sinatra-503-maintenance-varnish.txt 503 app sinatra "the handler's 503 with Retry-After, passed (HEAD served by the GET route)" "curl -sI" -- $R $U/api/maintenance
capbody $S body-varnish-403-internal-sinatra.txt 403/403 cdn-cache varnish "/internal/: synth(403), Varnish's built-in synth page (its title shows 403)" "curl -s" -- $R $U/internal/metrics
cap $S varnish-404-static-sinatra.txt 404 cdn-cache varnish "/static/: synth(404), the built-in synth page" "curl -si" -- -si $R $U/static/app.js
capcut $S cut-varnish-413-body-sinatra.txt 413 cdn-cache varnish "a 2 KB body: synth(413) on Content-Length over 1024" "curl -si, cut before the body" -- -si $R -X POST "${JSONH[@]}" "${NOEXP[@]}" "${BODY2K[@]}" $U/api/tickets
capbody $S body-varnish-414-uri-sinatra.txt 414/414 cdn-cache varnish "a 2 KB query string: synth(414), the built-in synth page (its title shows 414)" "curl -s" -- $R "$U/api/tickets/1?$LONGQ"
capdump $S varnish-503-slow-sinatra.txt 503 cdn-cache varnish "/api/slow sleeps 5 s, first_byte_timeout 3s: Varnish's 'Backend fetch failed'" "curl -s -D-" -- $R $U/api/slow
log "stopping Sinatra"
stop_name sinatra
capwin $S varnish-503-app-stopped-sinatra.txt 503 cdn-cache varnish "Unicorn stopped, /api/me is not stored: Varnish's 'Backend fetch failed'" "curl -si pasted with CRLF" -- -si $R $U/api/me

# ===================================================== Squid -> Rails (Unicorn) ==
log "capturing: Rails (Unicorn) behind Squid"
S=rails-unicorn-squid-r126
H=api.puffin.test:62106 U=http://api.puffin.test:62106 R="--resolve api.puffin.test:62106:127.0.0.1"
cap $S rails-200-booking-squid.txt 200 app rails "booking 1 from Rails on Unicorn, passed on with Squid's Via" "curl -sv" -- -sv $R $U/api/bookings/1
capcut $S cut-rails-400-bad-json-squid.txt 400 app rails "a body that is not JSON, Accept: application/json: PublicExceptions' JSON 400" "curl -si, cut before the body" -- -si $R "${JSONH[@]}" "${ACCJ[@]}" -d '{"booking":' $U/api/bookings
caphead $S head-rails-401-account-squid.txt 401 app rails "the controller's 401 with WWW-Authenticate Token" "curl -sI" -- $R $U/api/account
capjq $S body-rails-403-admin-jq-squid.txt 0/403 app rails "the controller's JSON 403 (no number in it)" "curl -s | jq ." -- $R $U/api/admin
capbody $S body-rails-404-routing-public-page-squid.txt 404/404 app rails "/api/bookingz: RoutingError, public/404.html (its title shows 404)" "curl -s" -- $R $U/api/bookingz
cap $S rails-409-booking-conflict-squid.txt 409 app rails "Harbour 2 taken: the controller's JSON 409" "curl -si" -- -si $R "${JSONH[@]}" -d '{"booking":{"room":"Harbour 2","nights":2}}' $U/api/bookings
capvnull $S vnull-rails-422-booking-squid.txt 422 app rails "an empty room and 0 nights: the controller's JSON 422" "curl -sv -o /dev/null, only the < lines kept" -- $R "${JSONH[@]}" -d '{"booking":{"room":"","nights":0}}' $U/api/bookings
HTTPIE_CMD=http caphttp $S rails-429-search-squid-httpie.txt 429 app rails "HTTPie: the controller's JSON 429 with Retry-After" "HTTPie with colours" -- -v GET http://127.0.0.1:62106/api/search Host:$H
capbody $S body-rails-500-invoice-public-page-squid.txt 500/500 app rails "the invoice raises NameError: public/500.html (its title shows 500)" "curl -s" -- $R $U/api/bookings/1/invoice
capraw $S rails-503-maintenance-squid.txt 503 app rails "the controller's JSON 503 with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/maintenance
capbody $S body-squid-403-internal-rails.txt 0/403 cdn-cache squid "/internal/ denied by http_access: Squid's ERR_ACCESS_DENIED page (no number in it)" "curl -s" -- $R $U/internal/metrics
capvnull $S vnull-squid-413-body-rails.txt 413 cdn-cache squid "a 2 KB body, request_body_max_size 1 KB: Squid's ERR_TOO_BIG" "curl -sv -o /dev/null, only the < lines kept" -- $R -X POST "${JSONH[@]}" "${NOEXP[@]}" "${BODY2K[@]}" $U/api/bookings
cap $S squid-504-slow-rails.txt 504 cdn-cache squid "/api/export takes 10 s, read_timeout 3 s: Squid's ERR_READ_TIMEOUT" "curl -si" -- -si $R $U/api/export
log "stopping Rails"
stop_name rails
capcut $S cut-squid-503-app-stopped-rails.txt 503 cdn-cache squid "Unicorn stopped: Squid's ERR_CONNECT_FAIL" "curl -si, cut before the body" -- -si $R $U/api/bookings/1
capbody $S body-squid-503-app-stopped-rails.txt 0/503 cdn-cache squid "Squid's ERR_CONNECT_FAIL page (Unicorn down; no number in it)" "curl -s" -- $R $U/api/bookings/2

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round126/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
