#!/usr/bin/env bash
# capture-round128.sh — build the hundred-and-twenty-eighth held-out evidence
# corpus in tests/fixtures/evidence-round128/.
#
# "What teams configure their fronts to answer, a fourth time" (rounds 86,
# 100 and 118 were the first three): Node-on-Bun and Ruby-on-Unicorn apps
# behind fronts set up the way teams run them (branded 502/503/504 pages,
# interception of the app's 5xx on /web/, maintenance 503, 429, 413, Basic
# auth, IP allowlist, redirects, health, CORS preflight), each a front + app
# server + framework triple no earlier round's setup list has (checked with
# `grep -h '^setup' tests/fixtures/evidence-round*/labels.toml | sort -u`):
#   - Apache 2.4   -> Rails 6.1 API on Unicorn (apps103/rails_api.ru)
#   - HAProxy 2.6  -> Fastify 4 on Bun         (apps101/fastify_app.js)
#   - Varnish 7.1  -> NestJS 10 on Bun         (apps101/nest_app.js)
#   - Squid 5.7    -> Hono 4 on Bun.serve      (apps123/hono_bun_app.mjs)
# nginx and Caddy already stand in front of every Node/Ruby framework + app
# server pair of this theme, so they are not in this round.
# Front configs in scripts/corpus/conf-round128/ (round 118's, moved).
#
#   scripts/corpus/capture-round128.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round128.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round128.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-63999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round128.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round128"
RUN=/tmp/api-triage-corpus128-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round128"
APPS92="$HERE/apps92"
APPS101="$HERE/apps101"
APPS103="$HERE/apps103"
APPS123="$HERE/apps123"
NODE_DIR=${CORPUS_NODE128:-/tmp/api-triage-corpus128-node}   # a copy of round 126's (round 123's) (fastify, koa, nestjs, hono, bun)
VENV=${CORPUS_VENV128:-/tmp/api-triage-corpus128-venv}   # a copy of round 124's (only HTTPie is used)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4)
NPM=(fastify@4.29.1 koa@2 @koa/router@12 raw-body @nestjs/core@10 @nestjs/common@10 @nestjs/platform-express@10 reflect-metadata rxjs hono@4 bun@1.4.5)
BUN="$NODE_DIR/node_modules/.bin/bun"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus128 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(apache2 haproxy varnish squid jq openssl wget python3-venv unicorn ruby-sinatra ruby-rails)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round128.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
for p in apache2 haproxy varnish squid jq openssl wget unicorn ruby-sinatra ruby-rails; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Apps: Rails/Unicorn 62012 (Apache), Fastify/Bun 62014 (HAProxy), NestJS/Bun
# 62015 (Varnish), Hono/Bun 62016 (Squid). Fronts: Apache 62102 (+62202, the
# :80 listener that redirects), HAProxy 62104 (+62204), Varnish 62105,
# Squid 62106; 62499 has nothing listening (the "legacy" upstream).
APP_PORTS=(62012 62014 62015 62016)
FRONT_PORTS=(62102 62202 62104 62204 62105 62106)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- the front's credentials (user ops, password s3cret-ops) --------------------
PASS=s3cret-ops
APR1=$(openssl passwd -apr1 "$PASS") || die "openssl passwd failed"
MD5CRYPT=$(openssl passwd -1 "$PASS") || die "openssl passwd failed"

# ---- apps -------------------------------------------------------------------
cp "$APPS92"/rails_public/*.html "$RUN/rails/public/"
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production)
start_bg rails env UNICORN_PID="$RUN/unicorn-rails/unicorn.pid" RAILS_ENV=production RAILS_PUBLIC="$RUN/rails/public" \
    nice -n 5 unicorn -c "$CONF/unicorn.conf.rb" -l 127.0.0.1:62012 -E production "$APPS103/rails_api.ru"
start_bg fastify env BRAND=Pipit "${NODEENV[@]:1}" nice -n 5 "$BUN" "$APPS101/fastify_app.js" 62014
start_bg nest "${NODEENV[@]}" nice -n 5 "$BUN" "$APPS101/nest_app.js" 62015
start_bg hono "${NODEENV[@]}" nice -n 5 "$BUN" "$APPS123/hono_bun_app.mjs" 62016
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
declare -A UP=()
PAGES=$CONF/pages
mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
cp "$PAGES/apache-50x.html" "$RUN/apache/errors/50x.html"
cp "$PAGES/apache-rate-limited.json" "$RUN/apache/errors/rate-limited.json"
cp "$PAGES/apache-maintenance.json" "$RUN/apache/errors/maintenance.json"
cp "$PAGES/apache-healthz.json" "$RUN/apache/errors/healthz.json"
printf 'ops:%s\n' "$APR1" >"$RUN/apache/htpasswd"
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 62102 apache && wait_port 62202 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
for f in 502 503 504; do cp "$PAGES/haproxy-$f.http" "$RUN/haproxy/$f.http"; done
cp "$PAGES/haproxy-web-50x.html" "$RUN/haproxy/web-50x.html"
cp "$PAGES/haproxy-429.json" "$RUN/haproxy/429.json"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62104 haproxy && wait_port 62204 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
cp "$CONF/varnish.vcl" "$RUN/varnish/r128.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:62105 -T none -f "$RUN/varnish/r128.vcl" -n "$RUN/varnish/r128" -s malloc,16m
wait_port 62105 varnish && UP[varnish]=1
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
cp -r /usr/share/squid/errors/templates "$RUN/squid/errors"
for f in ERR_READ_TIMEOUT ERR_READ_ERROR ERR_CONNECT_FAIL ERR_CANNOT_FORWARD ERR_DEAD_PEER; do
    cp "$PAGES/squid-5xx.html" "$RUN/squid/errors/$f"
done
printf 'ops:%s\n' "$MD5CRYPT" >"$RUN/squid/htpasswd"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus128 -f "$RUN/squid/squid.conf"
wait_port 62106 squid && UP[squid]=1
sleep 2.5   # HAProxy's check marks the legacy server down

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"
for f in apache haproxy varnish squid; do up $f || die "$f did not start"; done
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 128 (held out): real responses captured by
# scripts/corpus/capture-round128.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-127:
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
OPS=(-u ops:s3cret-ops)
PREFLIGHT=(-X OPTIONS -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: content-type')

# ===================================================== Apache -> Rails (Unicorn) ==
log "capturing: Rails (Unicorn) behind Apache"
S=rails-unicorn-apache-r128
H=api.corvid.test:62102 U=http://api.corvid.test:62102 R="--resolve api.corvid.test:62102:127.0.0.1 --resolve api.corvid.test:62202:127.0.0.1"
cap $S rails-200-booking-apache.txt 200 app rails "booking 1 from Rails on Unicorn, passed on with Apache's Via and X-Request-Id" "curl -sv" -- -sv $R $U/api/bookings/1
capcut $S cut-rails-401-account-apache.txt 401 app rails "the controller's 401 with WWW-Authenticate Token, passed" "curl -si, cut before the body" -- -si $R $U/api/account
capjq $S body-rails-403-admin-jq-apache.txt 0/403 app rails "the controller's JSON 403 (no number in it)" "curl -s | jq ." -- $R $U/api/admin
cap $S rails-409-booking-conflict-apache.txt 409 app rails "Harbour 2 taken: the controller's JSON 409" "curl -si" -- -si $R "${JSONH[@]}" -d '{"booking":{"room":"Harbour 2","nights":2}}' $U/api/bookings
HTTPIE_CMD=http caphttp $S rails-422-booking-apache-httpie.txt 422 app rails "HTTPie: an empty room and 0 nights, the controller's JSON 422" "HTTPie with colours" -- -v POST http://127.0.0.1:62102/api/bookings Host:$H booking:='{"room":"","nights":0}'
capbody $S body-rails-404-web-public-page-apache.txt 404/404 app rails "/web/bookingz: Rails' public/404.html passes (ProxyErrorOverride is for 500 502 503 only; its title shows 404)" "curl -s" -- $R $U/web/bookingz
capraw $S rails-503-maintenance-apache.txt 503 app rails "/api/maintenance (not under /web/): the controller's JSON 503 with Retry-After, passed" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/maintenance
cap $S apache-500-web-invoice-intercepted-rails.txt 500 proxy apache "/web/bookings/1/invoice: Rails' 500 replaced by Apache's branded 50x page (ProxyErrorOverride)" "curl -si" -- -si $R $U/web/bookings/1/invoice
capwin $S apache-503-web-maintenance-intercepted-rails.txt 503 proxy apache "/web/maintenance: Rails' JSON 503 replaced by Apache's branded 50x page" "curl -si pasted with CRLF" -- -si $R $U/web/maintenance
cap $S apache-401-admin-console-rails.txt 401 identity apache "/api/admin-console/: AuthType Basic, no credentials" "curl -si" -- -si $R $U/api/admin-console/
caplt $S lt-apache-403-partners-allowlist-rails.txt 403 proxy apache "/api/partners/: Require ip 10.20.0.0/16, the client is 127.0.0.1" "curl -sv, only the < lines kept" -- -sv $R $U/api/partners/list
cap $S apache-301-http-to-https-rails.txt 301 proxy apache "the plain listener (62202): RewriteRule to https" "curl -si" -- -si $R http://api.corvid.test:62202/api/bookings/1
capcut $S cut-apache-301-docs-slash-rails.txt 301 proxy apache "/docs: RedirectMatch to /docs/" "curl -si, cut before the body" -- -si $R $U/docs
cap $S apache-200-healthz-rails.txt 200 proxy apache "/healthz: Apache's own JSON file, not proxied" "curl -si" -- -si $R $U/healthz
cap $S apache-204-preflight-rails.txt 204 proxy apache "OPTIONS on /api/bookings: the CORS preflight answered by a RewriteRule [R=204]" "curl -si" -- -si $R "${PREFLIGHT[@]}" -H 'Origin: https://app.corvid.test' $U/api/bookings
capdump $S apache-429-exports-rails.txt 429 proxy apache "/api/exports/: RewriteRule [R=429] with a JSON ErrorDocument" "curl -s -D-" -- $R $U/api/exports/daily
cap $S apache-503-refunds-maintenance-rails.txt 503 proxy apache "/api/refunds/: maintenance RewriteRule [R=503], JSON ErrorDocument with Retry-After" "curl -sv" -- -sv $R $U/api/refunds/7
capcut $S cut-apache-404-static-rails.txt 404 proxy apache "/static/app.js: not proxied, empty DocumentRoot: Apache's 404" "curl -si, cut before the body" -- -si $R $U/static/app.js
# run 1 sent /api/reports/slow here, labelled 502: it answers in 2 s (a 200); /api/export takes 10 s
cap $S apache-502-slow-rails.txt 502 proxy apache "/api/export takes 10 s, ProxyTimeout 3: the branded 50x page" "curl -si" -- -si $R $U/api/export
capwget $S rails-404-routing-apache-wget.txt 404 app rails "/api/bookingz: RoutingError, public/404.html, passed" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:62102/api/bookingz
log "stopping Rails"
stop_name rails
cap $S apache-503-app-stopped-rails.txt 503 proxy apache "Unicorn stopped (connection refused): the branded 50x page" "curl -sv" -- -sv $R $U/api/bookings/1
capbody $S body-apache-503-app-stopped-rails.txt 0/503 proxy apache "Unicorn stopped: the branded 50x page alone (no number in it)" "curl -s" -- $R $U/api/bookings/2

# ===================================================== HAProxy -> Fastify (Bun) ==
log "capturing: Fastify (Bun) behind HAProxy"
S=fastify-bun-haproxy-r128
H=api.pipit.test:62104 U=http://api.pipit.test:62104 R="--resolve api.pipit.test:62104:127.0.0.1 --resolve www.api.pipit.test:62104:127.0.0.1 --resolve api.pipit.test:62204:127.0.0.1"
cap $S fastify-200-ticket-haproxy.txt 200 app fastify "ticket 1 from Fastify on Bun, passed on with HAProxy's X-Request-ID" "curl -sv" -- -sv $R $U/api/tickets/1
capjq $S body-fastify-400-post-schema-jq-haproxy.txt 400/400 app fastify "POST with a 2-letter title: Fastify's body schema 400 (statusCode 400)" "curl -s | jq ." -- $R -X POST "${JSONH[@]}" -d '{"title":"ab"}' $U/api/tickets
capcut $S cut-fastify-401-me-haproxy.txt 401 app fastify "no token: the onRequest hook's JSON 401" "curl -si, cut before the body" -- -si $R $U/api/me
cap $S fastify-404-web-route-haproxy.txt 404 app fastify "/web/v2/tickets: Fastify's JSON 404 passes (only 500 and 503 are replaced on /web/)" "curl -si" -- -si $R $U/web/v2/tickets
capvnull $S vnull-fastify-409-post-haproxy.txt 409 app fastify "POST of a ticket already open: Fastify's JSON 409" "curl -sv -o /dev/null, only the < lines kept" -- $R -X POST "${JSONH[@]}" -d '{"title":"Pipit: printer on floor 3 is on fire"}' $U/api/tickets
capdump $S fastify-500-boom-haproxy.txt 500 app fastify "/api/boom: Fastify's JSON 500, passed (not under /web/)" "curl -s -D-" -- $R $U/api/boom
# run 1 labelled this a 404: the Fastify app has a /api/rates route (a 200)
capbody $S body-fastify-200-rates-haproxy.txt 0/200 app fastify "/api/rates, the first request in the minute: the stick-table lets it through, Fastify's JSON rates (no number in it)" "curl -s" -- $R $U/api/rates
capraw $S haproxy-429-rates-haproxy-fastify.txt 429 load-balancer haproxy "/api/rates again: the stick-table limit, \`http-request return\` with a JSON file" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/rates
cap $S haproxy-500-web-boom-intercepted-fastify.txt 500 load-balancer haproxy "/web/boom: Fastify's 500 replaced by HAProxy's branded HTML (http-response return)" "curl -si" -- -si $R $U/web/boom
capbody $S body-haproxy-500-web-boom-intercepted-fastify.txt 0/500 load-balancer haproxy "/web/boom: the branded HTML alone (no number in it)" "curl -s" -- $R $U/web/boom
cap $S haproxy-401-admin-console-fastify.txt 401 identity haproxy "/api/admin-console/: \`http-request auth\`, no credentials" "curl -si" -- -si $R $U/api/admin-console/
cap $S fastify-404-admin-console-authed-haproxy.txt 404 app fastify "/api/admin-console/ with the right credentials: Fastify's JSON 404 behind it" "curl -si" -- -si $R "${OPS[@]}" $U/api/admin-console/
capvnull $S vnull-haproxy-403-partners-allowlist-fastify.txt 403 load-balancer haproxy "/api/partners/: denied outside 10.20.0.0/16" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/partners/list
cap $S haproxy-301-http-to-https-fastify.txt 301 load-balancer haproxy "the plain listener (62204): \`redirect scheme https code 301\`" "curl -si" -- -si $R http://api.pipit.test:62204/api/tickets/1
capcut $S cut-haproxy-308-www-fastify.txt 308 load-balancer haproxy "www. host: \`redirect prefix ... code 308\`" "curl -si, cut before the body" -- -si $R http://www.api.pipit.test:62104/api/tickets/1
cap $S haproxy-301-docs-slash-fastify.txt 301 load-balancer haproxy "/docs: \`redirect location /docs/ code 301\`" "curl -si" -- -si $R $U/docs
caphead $S head-haproxy-200-monitor-uri-fastify.txt 200 load-balancer haproxy "monitor-uri /haproxy-health: HAProxy's own 200" "curl -sI" -- $R $U/haproxy-health
cap $S haproxy-204-preflight-fastify.txt 204 load-balancer haproxy "OPTIONS on /api/tickets: the CORS preflight, \`http-request return status 204\`" "curl -sv" -- -sv $R "${PREFLIGHT[@]}" -H 'Origin: https://app.pipit.test' $U/api/tickets
capjq $S body-haproxy-503-refunds-maintenance-jq-fastify.txt 0/503 load-balancer haproxy "/api/refunds/: the maintenance JSON (no number in it)" "curl -s | jq ." -- $R $U/api/refunds/7
cap $S haproxy-413-body-fastify.txt 413 load-balancer haproxy "a 2 KB body: deny_status 413 on Content-Length" "curl -si" -- -si $R -X POST "${JSONH[@]}" "${NOEXP[@]}" "${BODY2K[@]}" $U/api/tickets
capwget $S haproxy-503-legacy-fastify-wget.txt 503 load-balancer haproxy "/legacy/: a backend whose only server is down by its check, the branded 503 errorfile" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:62104/legacy/orders
capwin $S haproxy-504-slow-fastify.txt 504 load-balancer haproxy "/api/slow waits 5 s, timeout server 3s: the branded JSON 504 errorfile" "curl -si pasted with CRLF" -- -si $R $U/api/slow
log "stopping Fastify"
stop_name fastify
cap $S haproxy-503-app-stopped-fastify.txt 503 load-balancer haproxy "Bun stopped (connection refused): the branded 503 errorfile" "curl -sv" -- -sv $R $U/api/tickets/1

# ===================================================== Varnish -> NestJS (Bun) ==
log "capturing: NestJS (Bun) behind Varnish"
S=nestjs-bun-varnish-r128
H=api.gannet.test:62105 U=http://api.gannet.test:62105 R="--resolve api.gannet.test:62105:127.0.0.1 --resolve www.api.gannet.test:62105:127.0.0.1"
cap $S nestjs-200-ticket-varnish.txt 200 app nestjs "ticket 1 from NestJS (Express platform) on Bun, a MISS" "curl -si" -- -si $R $U/api/tickets/1
capjq $S body-nestjs-400-ticket-id-jq-varnish.txt 400/400 app nestjs "a ticket id that is not a number: BadRequestException (statusCode 400)" "curl -s | jq ." -- $R $U/api/tickets/abc
cap $S nestjs-401-me-varnish.txt 401 app nestjs "no token: the guard's UnauthorizedException, Nest's JSON 401" "curl -sv" -- -sv $R $U/api/me
capcut $S cut-nestjs-403-admin-varnish.txt 403 app nestjs "a user token: 'Forbidden resource' JSON 403" "curl -si, cut before the body" -- -si $R -H 'Authorization: Bearer user-token' $U/api/admin/stats
capbody $S body-nestjs-404-route-varnish.txt 404/404 app nestjs "no route: Nest's JSON 'Cannot GET /api/v2/tickets' (statusCode 404)" "curl -s" -- $R $U/api/v2/tickets
cap $S nestjs-409-post-varnish.txt 409 app nestjs "POST of a ticket already open: ConflictException" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"title":"Printer on floor 3 is on fire"}' $U/api/tickets
capraw $S nestjs-500-boom-varnish.txt 500 app nestjs "a thrown Error: Nest's JSON 500 'Internal server error', passed uncached" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/boom
caphead $S head-nestjs-503-readyz-varnish.txt 503 app nestjs "/readyz: ServiceUnavailableException headers (HEAD served by the GET route)" "curl -sI" -- $R $U/readyz
capbody $S body-nestjs-404-exports-varnish.txt 404/404 app nestjs "/api/exports/daily, the first in the minute: vsthrottle lets it through, Nest's 'Cannot GET' 404" "curl -s" -- $R $U/api/exports/daily
cap $S varnish-429-exports-nestjs.txt 429 cdn-cache varnish "/api/exports/daily again: vsthrottle, the synth JSON 429" "curl -si" -- -si $R $U/api/exports/daily
cap $S varnish-401-ops-nestjs.txt 401 identity varnish "/ops/: the Basic check in vcl_recv, synth JSON 401" "curl -si" -- -si $R $U/ops/queues
capvnull $S vnull-nestjs-404-ops-authed-varnish.txt 404 app nestjs "/ops/queues with the right credentials: passed, Nest's 'Cannot GET' 404" "curl -sv -o /dev/null, only the < lines kept" -- $R "${OPS[@]}" $U/ops/queues
capbody $S body-varnish-403-partners-allowlist-nestjs.txt 0/403 cdn-cache varnish "/api/partners/: the ACL, the branded synth page (no number in it)" "curl -s" -- $R $U/api/partners/list
cap $S varnish-301-www-nestjs.txt 301 cdn-cache varnish "www. host: synth 301 to the canonical host" "curl -si" -- -si $R http://www.api.gannet.test:62105/api/tickets/1
capcut $S cut-varnish-301-docs-slash-nestjs.txt 301 cdn-cache varnish "/docs: synth 301 to /docs/" "curl -si, cut before the body" -- -si $R $U/docs
cap $S varnish-200-healthz-nestjs.txt 200 cdn-cache varnish "/healthz: synth JSON 200, not sent to Nest" "curl -si" -- -si $R $U/healthz
caplt $S lt-varnish-204-preflight-nestjs.txt 204 cdn-cache varnish "OPTIONS on /api/tickets: the synth 204 preflight" "curl -sv, only the < lines kept" -- -sv $R "${PREFLIGHT[@]}" -H 'Origin: https://app.gannet.test' $U/api/tickets
capdump $S varnish-503-refunds-maintenance-nestjs.txt 503 cdn-cache varnish "/api/refunds/: the synth maintenance JSON 503 with Retry-After" "curl -s -D-" -- $R $U/api/refunds/7
cap $S varnish-503-slow-nestjs.txt 503 cdn-cache varnish "/api/slow waits 5 s, first_byte_timeout 3s: the branded vcl_backend_error page" "curl -sv" -- -sv $R $U/api/slow
log "stopping NestJS"
stop_name nest
capwin $S varnish-503-app-stopped-nestjs.txt 503 cdn-cache varnish "Bun stopped, /api/me is not stored: the branded vcl_backend_error page" "curl -si pasted with CRLF" -- -si $R $U/api/me

# ===================================================== Squid -> Hono (Bun.serve) ==
log "capturing: Hono (Bun) behind Squid"
S=hono-bun-squid-r128
H=api.tern.test:62106 U=http://api.tern.test:62106 R="--resolve api.tern.test:62106:127.0.0.1 --resolve www.api.tern.test:62106:127.0.0.1"
cap $S hono-200-ticket-squid.txt 200 app hono "ticket 1 from Hono on Bun.serve, passed on with Squid's Via" "curl -sv" -- -sv $R $U/api/tickets/1
capjq $S body-hono-400-post-validator-jq-squid.txt 0/400 app hono "POST with a 2-letter title: the validator's JSON 400 (no number in it)" "curl -s | jq ." -- $R -X POST "${JSONH[@]}" -d '{"title":"ab"}' $U/api/tickets
cap $S hono-401-me-squid.txt 401 app hono "no token: bearerAuth's text 'Unauthorized'" "curl -si" -- -si $R $U/api/me
# run 1 labelled this 403: Squid (auth_param set) does not pass the Authorization header to the peer, so bearerAuth answers 401
capvnull $S vnull-hono-401-admin-token-dropped-squid.txt 401 app hono "a user token that Squid does not forward (auth_param set, no login=PASSTHRU): bearerAuth's 401" "curl -sv -o /dev/null, only the < lines kept" -- $R -H 'Authorization: Bearer user-token' $U/api/admin/stats
capcut $S cut-hono-409-post-squid.txt 409 app hono "POST of a ticket already open: HTTPException(409)" "curl -si, cut before the body" -- -si $R -X POST "${JSONH[@]}" -d '{"title":"Slip: printer on floor 3 is on fire"}' $U/api/tickets
quiet $R "$U/api/search?q=printer"
quiet $R "$U/api/search?q=toner"
capraw $S hono-429-search-squid.txt 429 app hono "a third search in the minute: the text 429 with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $R "$U/api/search?q=scanner"
capbody $S body-hono-500-boom-squid.txt 0/500 app hono "a TypeError: Hono's text 'Internal Server Error' (no number in it)" "curl -s" -- $R $U/api/boom
cap $S hono-503-readyz-squid.txt 503 app hono "/readyz: the handler's JSON 503" "curl -si" -- -si $R $U/readyz
cap $S squid-401-manifests-hono.txt 401 identity squid "/api/manifests/: proxy_auth in accelerator mode, no credentials: ERR_CACHE_ACCESS_DENIED" "curl -si" -- -si $R $U/api/manifests/
capdump $S hono-404-manifests-authed-squid.txt 404 app hono "/api/manifests/ with the right credentials: Hono's text '404 Not Found' behind it" "curl -s -D-" -- $R "${OPS[@]}" $U/api/manifests/
caphead $S head-squid-403-partners-allowlist-hono.txt 403 cdn-cache squid "/api/partners/: http_access deny, ERR_ACCESS_DENIED" "curl -sI" -- $R $U/api/partners/list
capbody $S body-squid-403-internal-hono.txt 0/403 cdn-cache squid "/internal/: ERR_ACCESS_DENIED page alone (no number in it)" "curl -s" -- $R $U/internal/metrics
cap $S squid-301-www-hono.txt 301 cdn-cache squid "www. host: deny_info 301 to the canonical host" "curl -si" -- -si $R http://www.api.tern.test:62106/api/tickets/1
capcut $S cut-squid-301-docs-slash-hono.txt 301 cdn-cache squid "/docs: deny_info 301 to /docs/" "curl -si, cut before the body" -- -si $R $U/docs
cap $S squid-413-body-hono.txt 413 cdn-cache squid "a 2 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "curl -si" -- -si $R -X POST "${JSONH[@]}" "${NOEXP[@]}" "${BODY2K[@]}" $U/api/tickets
capwin $S squid-504-slow-hono.txt 504 cdn-cache squid "/api/slow waits 5 s, read_timeout 3 seconds: the branded ERR_READ_TIMEOUT page" "curl -si pasted with CRLF" -- -si $R $U/api/slow
# run 1 labelled this 503: Squid answered 502 (ERR_READ_ERROR, branded)
HTTPIE_CMD=http caphttp $S squid-502-legacy-hono-httpie.txt 502 cdn-cache squid "HTTPie: /api/legacy2/ to a peer where nothing listens, the branded ERR_READ_ERROR page" "HTTPie with colours" -- -v GET http://127.0.0.1:62106/api/legacy2/orders Host:$H
log "stopping Hono"
stop_name hono
# run 1 asked for ticket 1 here: Squid had it stored and replayed a stale HIT (200); /api/readyz-like answers are not stored
cap $S squid-503-app-stopped-hono.txt 503 cdn-cache squid "Bun stopped, /api/me is not stored: the branded error page" "curl -sv" -- -sv $R $U/api/me

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round128/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
