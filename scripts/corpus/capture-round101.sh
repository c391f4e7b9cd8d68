#!/usr/bin/env bash
# capture-round101.sh — build the hundred-and-first held-out evidence corpus
# in tests/fixtures/evidence-round101/.
#
# "Node a third time, on pairings and paste forms of a real incident
# channel": six front + Node app setups (front configs in
# scripts/corpus/conf-round101/, apps in scripts/corpus/apps101/):
#   - nginx (TLS + HTTP/2) -> NestJS 10 (apps101/nest_app.js);
#   - Caddy (TLS + HTTP/2) -> Fastify 4.29 (apps101/fastify_app.js, "Quay");
#   - Apache mod_proxy (TLS + HTTP/2) -> Koa 2 (apps101/koa_app.js);
#   - HAProxy (TLS, alpn h2) -> Hono 4 on @hono/node-server (apps101/hono_app.mjs);
#   - Varnish -> Express 4.22 (apps101/express_app.js);
#   - Squid (accelerator) -> Fastify 4.29 (apps101/fastify_app.js, "Wharf").
# Captured per setup: the app's own JSON errors in the framework's shape
# (validation 400/422, 401/403 from an auth guard, 404 for a route and for a
# missing id, 409, 413 from the framework's body limit, 429 from an app
# limiter, a thrown 500, a 503 readiness route), its redirects and
# successes; the front's own pages for the app down, slow and closing the
# connection; front-made 413/414/431/400; request ids; HITs and 304s. Pastes
# as people paste them in chat: curl -sv whole (TLS lines), `<` lines only,
# curl -si with and without CRs, cut after headers, HTTPie with colours,
# wget -S -O-, the body alone (curl -s, and piped through `jq .`), headers
# alone (curl -sI).
#
#   scripts/corpus/capture-round101.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round101.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round101.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 63000-63499 used; the check allows this helper's range 62000-63999), and
# the script stops if a socket held by one of its own processes listens
# anywhere else (another helper runs its own servers in 60000-61999: those
# are not looked at, and never stopped); every curl, HTTPie, wget request
# runs under `timeout`; every loop is bounded; every server it started is
# stopped on exit, by process id. Labels are written by finish_round101.py,
# which refuses (and this script then leaves the fixtures as they were) when
# a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round101"
RUN=/tmp/api-triage-corpus101-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round101"

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round101"
RUN=/tmp/api-triage-corpus101-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round101"
APPS101="$HERE/apps101"
NODE_DIR=${CORPUS_NODE101:-/tmp/api-triage-corpus101-node}
VENV=${CORPUS_VENV101:-/tmp/api-triage-corpus101-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus101 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx caddy haproxy varnish squid python3-venv nodejs)
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

install_venv() {  # HTTPie (a copy of round 93's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

NODE_PKGS=(express@4.22.1 fastify@4.29.1 koa@2.16.4 @koa/router@12.0.2 hono@4 @hono/node-server
    @nestjs/common@10.4.22 @nestjs/core@10.4.22 @nestjs/platform-express@10.4.22 reflect-metadata@0.2.2 rxjs@7.8.2)
install_node() {  # the Node apps' packages (a copy of round 93's node folder), from npm when missing
    local m ok=1
    for m in express fastify koa @koa/router hono @hono/node-server @nestjs/core @nestjs/platform-express; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node packages missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus101","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund "${NODE_PKGS[@]}") >>"$RUN/logs/npm.log" 2>&1 \
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$APPS101/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"$VENV/"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round101.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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


# capjq: a body-only paste piped through jq (`curl -s URL | jq .`), as
# pasted from a terminal: jq's indented output (no colour, it was piped).
capjq() {
    local setup=$1 file=$2 shown=${3%/*} wire=${3#*/} layer=$4 product=$5 scenario=$6 note=$7 got
    shift 8
    local dest="$STAGE/$file"
    { cmdline curl -s "$@" | tr -d '\n'; printf ' | jq .\n'; } >"$dest"
    in_work timeout 20 curl -s -D "$RUN/work/last-headers" "$@" 2>/dev/null | jq . >>"$dest" 2>&1
    got=$(awk '/^HTTP\// {s=$2} END {print s+0}' "$RUN/work/last-headers" 2>/dev/null)
    if [[ $got != "$wire" ]]; then
        log "MISMATCH $file: expected wire status $wire, got $got"; MISMATCH=$((MISMATCH + 1))
    fi
    finish "$dest" "$setup" "$shown" "$layer" "$product" "$scenario" "$note" body-only "$got"
}

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS101 ]] || die "missing $CONF or $APPS101"
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
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the Node packages are missing (${SKIPPED[node]}; copy round 93's node folder to $NODE_DIR)"
for p in nginx apache2 caddy haproxy varnish squid nodejs openssl; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
command -v jq >/dev/null || die "jq is missing"

# Fronts: nginx 63101/63401, Apache 63102/63402, Caddy 63103/63403, HAProxy
# 63104/63404, Varnish 63455, Squid 63456. Apps: NestJS 63011, Fastify (Quay)
# 63012, Koa 63013, Hono 63014, Express 63015, Fastify (Wharf) 63016.
# 63499: nobody listens (the fronts' /legacy/).
TCP_PORTS=(63101 63401 63102 63402 63103 63403 63104 63404 63455 63456 63011 63012 63013 63014 63015 63016 63499)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    nest) start_bg nest "${NODEENV[@]}" "$APPS101/nest_app.js" 63011; wait_port 63011 nest ;;
    quay) start_bg quay env BRAND=Quay "${NODEENV[@]}" "$APPS101/fastify_app.js" 63012; wait_port 63012 quay ;;
    koa) start_bg koa "${NODEENV[@]}" "$APPS101/koa_app.js" 63013; wait_port 63013 koa ;;
    hono) start_bg hono "${NODEENV[@]}" "$APPS101/hono_app.mjs" 63014; wait_port 63014 hono ;;
    express) start_bg express "${NODEENV[@]}" "$APPS101/express_app.js" 63015; wait_port 63015 express ;;
    wharf) start_bg wharf env BRAND=Wharf "${NODEENV[@]}" "$APPS101/fastify_app.js" 63016; wait_port 63016 wharf ;;
    esac
}
kill_app() {  # kill_app NAME: SIGKILL the server, as the OOM killer does
    local f=$RUN/pids/$1.pid pid kids
    [[ -e $f ]] || return 0
    pid=$(cat "$f")
    kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null)
    kill -KILL "$pid" $kids 2>/dev/null
    rm -f "$f"
    sleep 0.3
}
declare -A UP=()
for a in nest quay koa hono express wharf; do start_app $a || die "$a did not start"; done

# ---- TLS: one self-signed cert for the four TLS fronts --------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=On-call lab/CN=api.pier.test" \
    -addext "subjectAltName=DNS:api.pier.test,DNS:api.quay.test,DNS:api.dock.test,DNS:api.slip.test,IP:127.0.0.1" \
    >"$RUN/logs/openssl.log" 2>&1 || die "openssl could not make the cert"
cat "$RUN/tls/cert.pem" "$RUN/tls/key.pem" >"$RUN/tls/combined.pem"
chmod 644 "$RUN/tls/"*.pem

# ---- the fronts -------------------------------------------------------------------
mkdir -p "$RUN/nginx/tmp"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 63401 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/apache
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 63402 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 63403 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
cp "$CONF/pages/haproxy-504.http" "$RUN/haproxy/504.http"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 63404 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus101 -f "$RUN/squid/squid.conf"
wait_port 63456 squid && UP[squid]=1

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/berth.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:63455 -T none -f "$RUN/varnish/berth.vcl" -n "$RUN/varnish/berth" -s malloc,16m
wait_port 63455 varnish && UP[varnish]=1
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 101 (held out): real responses captured by
# scripts/corpus/capture-round101.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-100:
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
mkbody() { printf '{"title":"big ticket","note":"%s"}' "$(head -c "$1" /dev/zero | tr '\0' 'x')" >"$RUN/work/body-$1.json"; }
mkbody 12000; mkbody 40000
APPBIG=(-X POST "${JSONH[@]}" --data-binary "@$RUN/work/body-12000.json")   # over the apps' 8 KB limit
FRONTBIG=(-X POST "${JSONH[@]}" --data-binary "@$RUN/work/body-40000.json") # over the fronts' 32 KB limit
BAD=(-X POST "${JSONH[@]}" -d '{"priority":"urgent"}')
BADJSON=(-X POST "${JSONH[@]}" -d '{"title":')
DUP() { printf '%s' "{\"title\":\"$1: printer on floor 3 is on fire\"}"; }
NEWT=(-X POST "${JSONH[@]}" -d '{"title":"Badge reader at door B","priority":"low"}')
UTOK=(-H 'Authorization: Bearer user-token')
ADMIN=(-H 'Authorization: Bearer admin-token')
LONGQ=$(head -c 1500 /dev/zero | tr '\0' 'a')
H2K="X-Trace-Context: $(head -c 2048 /dev/zero | tr '\0' 'b')"
H9K="X-Trace-Context: $(head -c 9216 /dev/zero | tr '\0' 'b')"
H20K="Cookie: session=$(head -c 20480 /dev/zero | tr '\0' 'c')"

# ================================================= nginx -> NestJS ==
if up nginx; then
    log "capturing: NestJS behind nginx"
    S=nestjs-nginx-r101
    H=api.pier.test N=https://api.pier.test:63401 NP=http://api.pier.test:63101 RN="--resolve api.pier.test:63401:127.0.0.1 --resolve api.pier.test:63101:127.0.0.1"
    cap $S nestjs-200-ticket-nginx-h2.txt 200 app nestjs "HTTP/2 over TLS: ticket 1" "curl -skv --http2 whole (TLS lines); X-Request-ID from nginx" -- -skv --http2 $RN $N/api/tickets/1
    cap $S nginx-301-http-to-https.txt 301 proxy nginx "plain HTTP: return 301 to https" "curl -si" -- -si $RN $NP/api/tickets/1
    cap $S nestjs-201-ticket-created-nginx-h2.txt 201 app nestjs "POST a new ticket: 201" "curl -sk --http2 -i" -- -sk --http2 -i $RN "${NEWT[@]}" $N/api/tickets
    cap $S nestjs-400-validation-nginx-h2.txt 400 app nestjs "POST without a title: a ValidationPipe-shaped 400 (message is a list)" "curl -skv --http2 whole" -- -skv --http2 $RN "${BAD[@]}" $N/api/tickets
    capraw $S nestjs-400-bad-json-nginx.txt 400 app nestjs "a body that is not JSON: body-parser's error through Nest's filter" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- -sk --http1.1 -i $RN "${BADJSON[@]}" $N/api/tickets
    cap $S nestjs-400-id-not-numeric-nginx-h2.txt 400 app nestjs "ticket 'abc': BadRequestException 'numeric string is expected'" "curl -sk --http2 -i" -- -sk --http2 -i $RN $N/api/tickets/abc
    caplt $S nestjs-404-ticket-missing-nginx-h2.txt 404 app nestjs "ticket 999: NotFoundException, {message, error, statusCode}" "curl -skv --http2, only the < lines kept" -- -skv --http2 $RN $N/api/tickets/999
    cap $S nestjs-404-no-route-nginx-h2.txt 404 app nestjs "/api/tikets: Nest's own 'Cannot GET /api/tikets' 404" "curl -sk --http2 -i" -- -sk --http2 -i $RN $N/api/tikets
    capwin $S nestjs-409-duplicate-nginx.txt 409 app nestjs "POST the title of an open ticket: ConflictException" "curl -sk --http1.1 -i pasted with CRLF" -- -sk --http1.1 -i $RN -X POST "${JSONH[@]}" -d '{"title":"Printer on floor 3 is on fire"}' $N/api/tickets
    cap $S nestjs-413-body-limit-nginx-h2.txt 413 app nestjs "a 12 KB ticket: body-parser's 8 KB limit inside Nest, 413 through the filter (nginx allows 32k)" "curl -skv --http2 whole" -- -skv --http2 $RN "${APPBIG[@]}" $N/api/tickets
    cap $S nestjs-401-guard-no-token-nginx-h2.txt 401 app nestjs "/api/me without a token: the AuthGuard's UnauthorizedException" "curl -sk --http2 -i" -- -sk --http2 -i $RN $N/api/me
    caphttp $S nestjs-403-guard-role-nginx-httpie.txt 403 app nestjs "HTTPie over TLS, a user token on /api/admin/stats: the role guard returns false, 'Forbidden resource'" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:63401/api/admin/stats Host:$H Authorization:'Bearer user-token'
    cap $S nestjs-200-admin-stats-nginx-h2.txt 200 app nestjs "an admin token on /api/admin/stats: 200" "curl -sk --http2 -i" -- -sk --http2 -i $RN "${ADMIN[@]}" $N/api/admin/stats
    quiet -k $RN $N/api/search; quiet -k $RN $N/api/search
    cap $S nestjs-429-throttled-nginx-h2.txt 429 app nestjs "/api/search the third time in a minute: a ThrottlerException-shaped 429" "curl -skv --http2 whole" -- -skv --http2 $RN $N/api/search
    cap $S nestjs-500-thrown-nginx-h2.txt 500 app nestjs "a thrown Error: Nest's {statusCode: 500, message: 'Internal server error'}" "curl -sk --http2 -i" -- -sk --http2 -i $RN $N/api/boom
    capjq body-only-paste body-nestjs-500-thrown-jq.txt 500/500 app nestjs "Nest's JSON 500 piped through jq, its statusCode field shows 500" "" -- -k $RN "$N/api/boom?from=alert"
    cap $S nestjs-503-readyz-nginx-h2.txt 503 app nestjs "/readyz: a terminus-shaped ServiceUnavailableException (database down), passed on" "curl -skv --http2 whole" -- -skv --http2 $RN $N/readyz
    caphead headers-only-paste head-nestjs-503-readyz-nginx-h2.txt 503 app nestjs "curl -sI --http2 on /readyz" "" -- -k --http2 $RN $N/readyz
    cap $S nestjs-301-v1-redirect-nginx-h2.txt 301 app nestjs "/api/v1/tickets/1: the app's own 301 to /api/tickets/1" "curl -sk --http2 -i" -- -sk --http2 -i $RN $N/api/v1/tickets/1
    cap $S nestjs-200-healthz-nginx-h2.txt 200 app nestjs "/healthz, passed to the app" "curl -sk --http2 -i" -- -sk --http2 -i $RN $N/healthz
    cap $S nginx-413-body-too-large-h2.txt 413 proxy nginx "a 40 KB ticket: client_max_body_size 32k, nginx's stock 413" "curl -skv --http2 whole" -- -skv --http2 $RN "${FRONTBIG[@]}" $N/api/tickets
    cap $S nginx-414-long-url.txt 414 proxy nginx "a 1.5 KB query, 1k header buffers: nginx's 414" "curl -sk --http1.1 -i" -- -sk --http1.1 -i $RN "$N/api/tickets/1?q=$LONGQ"
    capcut $S nginx-400-header-too-large.txt 400 proxy nginx "a 2 KB header, 1k header buffers: nginx's 400 'Request Header Or Cookie Too Large'" "curl -sk --http1.1 -i, cut after the headers" -- -sk --http1.1 -i $RN -H "$H2K" $N/api/tickets/1
    cap $S nginx-403-internal-h2.txt 403 proxy nginx "/internal/: deny all" "curl -sk --http2 -i" -- -sk --http2 -i $RN $N/internal/metrics
    cap $S nginx-404-unrouted-h2.txt 404 proxy nginx "/billing: return 404" "curl -sk --http2 -i" -- -sk --http2 -i $RN $N/billing
    cap $S nginx-504-slow-branded-h2.txt 504 proxy nginx "/api/slow takes 5 s: proxy_read_timeout 3s, the branded JSON 504" "curl -skv --http2 whole" -- -skv --http2 $RN $N/api/slow
    cap $S nginx-502-app-closes-branded-h2.txt 502 proxy nginx "/api/reset: the app closes the connection without an answer, the branded JSON 502" "curl -skv --http2 whole" -- -skv --http2 $RN $N/api/reset
    capbody body-only-paste body-nginx-502-app-closes.txt 502/502 proxy nginx "nginx's branded JSON 502, its status field shows 502" "" -- -k $RN "$N/api/reset?from=alert"
    capwget $S nginx-502-legacy-refused-stock-wget.txt 502 proxy nginx "/legacy/: nobody listens, nginx's stock 502 page (no error_page there)" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:63401/legacy/tickets
    kill_app nest
    cap $S nginx-502-nest-killed-branded-h2.txt 502 proxy nginx "Nest killed (SIGKILL): connection refused, the branded JSON 502" "curl -skv --http2 whole" -- -skv --http2 $RN $N/api/tickets/1
    cap $S nginx-502-nest-killed-healthz-stock-h2.txt 502 proxy nginx "Nest down, /healthz: nginx's stock 502 page (the branded page is only on /api/)" "curl -sk --http2 -i" -- -sk --http2 -i $RN $N/healthz
    start_app nest || die "nest did not come back"
fi

# ================================================= Caddy -> Fastify (Quay) ==
if up caddy; then
    log "capturing: Fastify behind Caddy"
    S=fastify-caddy-r101
    H=api.quay.test C=https://api.quay.test:63403 CP=http://api.quay.test:63103 RC="--resolve api.quay.test:63403:127.0.0.1 --resolve api.quay.test:63103:127.0.0.1"
    cap $S fastify-200-ticket-caddy-h2.txt 200 app fastify "HTTP/2 over TLS: ticket 1" "curl -skv --http2 whole; X-Request-ID from Caddy" -- -skv --http2 $RC $C/api/tickets/1
    cap $S caddy-308-http-to-https.txt 308 proxy caddy "plain HTTP: redir to https, 308" "curl -sv" -- -sv $RC $CP/api/tickets/1
    cap $S fastify-201-ticket-created-caddy-h2.txt 201 app fastify "POST a new ticket: 201 with Location" "curl -sk --http2 -i" -- -sk --http2 -i $RC "${NEWT[@]}" $C/api/tickets
    cap $S fastify-400-schema-caddy-h2.txt 400 app fastify "POST without a title: FST_ERR_VALIDATION" "curl -skv --http2 whole" -- -skv --http2 $RC "${BAD[@]}" $C/api/tickets
    cap $S fastify-400-id-not-integer-caddy-h2.txt 400 app fastify "ticket 'abc': params schema, 'params/id must be integer'" "curl -sk --http2 -i" -- -sk --http2 -i $RC $C/api/tickets/abc
    cap $S fastify-404-ticket-missing-caddy-h2.txt 404 app fastify "ticket 999: the handler's 404 in Fastify's shape" "curl -sk --http2 -i" -- -sk --http2 -i $RC $C/api/tickets/999
    caplt $S fastify-404-no-route-caddy-h2.txt 404 app fastify "/api/tikets: Fastify's own 'Route GET:/api/tikets not found'" "curl -skv --http2, only the < lines kept" -- -skv --http2 $RC $C/api/tikets
    capraw $S fastify-409-duplicate-caddy-h2.txt 409 app fastify "POST the title of an open ticket: an error with statusCode 409" "curl -sk --http2 -i saved to a file (CRs kept)" -- -sk --http2 -i $RC -X POST "${JSONH[@]}" -d "$(DUP Quay)" $C/api/tickets
    cap $S fastify-413-body-limit-caddy-h2.txt 413 app fastify "a 12 KB ticket: bodyLimit 8 KB, FST_ERR_CTP_BODY_TOO_LARGE" "curl -skv --http2 whole" -- -skv --http2 $RC "${APPBIG[@]}" $C/api/tickets
    caphttp $S fastify-401-hook-no-token-caddy-httpie.txt 401 app fastify "HTTPie over TLS, /api/me without a token: the onRequest hook's 401" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:63403/api/me Host:$H
    cap $S fastify-403-hook-role-caddy-h2.txt 403 app fastify "a user token on /api/admin/stats: the hook's 403" "curl -sk --http2 -i" -- -sk --http2 -i $RC "${UTOK[@]}" $C/api/admin/stats
    quiet -k $RC $C/api/search; quiet -k $RC $C/api/search
    capwin $S fastify-429-rate-limit-caddy.txt 429 app fastify "/api/search the third time in a minute: a @fastify/rate-limit-shaped 429" "curl -sk --http1.1 -i pasted with CRLF" -- -sk --http1.1 -i $RC $C/api/search
    cap $S fastify-500-thrown-caddy-h2.txt 500 app fastify "a thrown TypeError: Fastify's default 500 with the message" "curl -skv --http2 whole" -- -skv --http2 $RC $C/api/boom
    capbody body-only-paste body-fastify-500-thrown.txt 500/500 app fastify "Fastify's JSON 500, its statusCode field shows 500" "" -- -k $RC "$C/api/boom?from=alert"
    cap $S fastify-503-readyz-caddy-h2.txt 503 app fastify "/readyz: the app's 503 (database down), passed on" "curl -sk --http2 -i" -- -sk --http2 -i $RC $C/readyz
    capcut $S fastify-301-v1-redirect-caddy-h2.txt 301 app fastify "/api/v1/tickets/1: reply.redirect 301" "curl -sk --http2 -i, cut after the headers" -- -sk --http2 -i $RC $C/api/v1/tickets/1
    cap $S caddy-403-internal-branded-h2.txt 403 proxy caddy "/internal/: error 403, handle_errors' branded JSON" "curl -sk --http2 -i" -- -sk --http2 -i $RC $C/internal/metrics
    cap $S caddy-404-unrouted-branded-h2.txt 404 proxy caddy "/billing: error 404, handle_errors' branded JSON" "curl -skv --http2 whole" -- -skv --http2 $RC $C/billing
    capjq body-only-paste body-caddy-404-unrouted-jq.txt 404/404 proxy caddy "Caddy's branded JSON 404 piped through jq, its status field shows 404" "" -- -k $RC "$C/billing?from=alert"
    cap $S caddy-431-header-too-large.txt 431 proxy caddy "a 9 KB header, max_header_size 2KB (Go allows 4 KiB more): Go's 431 inside Caddy" "curl -sk --http1.1 -i" -- -sk --http1.1 -i $RC -H "$H9K" $C/api/tickets/1
    cap $S caddy-504-slow-h2.txt 504 proxy caddy "/api/slow takes 5 s: response_header_timeout 3s, Caddy's empty 504" "curl -skv --http2 whole" -- -skv --http2 $RC $C/api/slow
    cap $S caddy-502-app-closes-h2.txt 502 proxy caddy "/api/reset: the app closes the connection, Caddy's empty 502" "curl -sk --http2 -i" -- -sk --http2 -i $RC $C/api/reset
    caphead headers-only-paste head-caddy-502-app-closes-h2.txt 502 proxy caddy "curl -sI --http2 on /api/reset" "" -- -k --http2 $RC "$C/api/reset?from=alert"
    cap $S caddy-502-legacy-refused-h2.txt 502 proxy caddy "/legacy/: nobody listens, Caddy's empty 502" "curl -sk --http2 -i" -- -sk --http2 -i $RC $C/legacy/tickets
    kill_app quay
    capwget $S caddy-502-fastify-killed-wget.txt 502 proxy caddy "Fastify killed (SIGKILL): connection refused, Caddy's empty 502" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:63403/api/tickets/1
    start_app quay || die "quay did not come back"
    cap $S fastify-200-healthz-caddy-h2.txt 200 app fastify "started again: /healthz" "curl -sk --http2 -i" -- -sk --http2 -i $RC $C/healthz
fi

# ================================================= Apache -> Koa ==
if up apache; then
    log "capturing: Koa behind Apache"
    S=koa-apache-r101
    H=api.dock.test A=https://api.dock.test:63402 AP=http://api.dock.test:63102 RA="--resolve api.dock.test:63402:127.0.0.1 --resolve api.dock.test:63102:127.0.0.1"
    cap $S koa-200-ticket-apache-h2.txt 200 app koa "HTTP/2 over TLS: ticket 1" "curl -skv --http2 whole; X-Request-Id from mod_unique_id" -- -skv --http2 $RA $A/api/tickets/1
    cap $S apache-301-http-to-https.txt 301 proxy apache "plain HTTP: R=301 to https" "curl -si" -- -si $RA $AP/api/tickets/1
    cap $S koa-201-ticket-created-apache-h2.txt 201 app koa "POST a new ticket: 201" "curl -sk --http2 -i" -- -sk --http2 -i $RA "${NEWT[@]}" $A/api/tickets
    cap $S koa-422-validation-apache-h2.txt 422 app koa "POST without a title: the error middleware's JSON 422 with fields" "curl -skv --http2 whole" -- -skv --http2 $RA "${BAD[@]}" $A/api/tickets
    cap $S koa-400-bad-json-apache-h2.txt 400 app koa "a body that is not JSON: ctx.throw(400) as JSON" "curl -sk --http2 -i" -- -sk --http2 -i $RA "${BADJSON[@]}" $A/api/tickets
    cap $S koa-404-ticket-missing-apache-h2.txt 404 app koa "ticket 999: ctx.throw(404) as JSON" "curl -sk --http2 -i" -- -sk --http2 -i $RA $A/api/tickets/999
    cap $S koa-404-no-route-apache-h2.txt 404 app koa "/api/tikets: no route, Koa's own text 'Not Found'" "curl -skv --http2 whole" -- -skv --http2 $RA $A/api/tikets
    capcut $S koa-405-wrong-method-apache-h2.txt 405 app koa "DELETE /api/tickets/1: allowedMethods' 405 with Allow" "curl -sk --http2 -i, cut after the headers" -- -sk --http2 -i $RA -X DELETE $A/api/tickets/1
    cap $S koa-409-duplicate-apache-h2.txt 409 app koa "POST the title of an open ticket: ctx.throw(409) as JSON" "curl -sk --http2 -i" -- -sk --http2 -i $RA -X POST "${JSONH[@]}" -d "$(DUP Dock)" $A/api/tickets
    capraw $S koa-413-body-limit-apache.txt 413 app koa "a 12 KB ticket: raw-body's 8 KB limit, 413 as JSON" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- -sk --http1.1 -i $RA "${APPBIG[@]}" $A/api/tickets
    cap $S koa-401-no-token-apache-h2.txt 401 app koa "/api/me without a token: the auth middleware's 401 with WWW-Authenticate Bearer" "curl -sk --http2 -i" -- -sk --http2 -i $RA $A/api/me
    caplt $S koa-403-role-apache-h2.txt 403 app koa "a user token on /api/admin/stats: 403 as JSON" "curl -skv --http2, only the < lines kept" -- -skv --http2 $RA "${UTOK[@]}" $A/api/admin/stats
    quiet -k $RA $A/api/search; quiet -k $RA $A/api/search
    cap $S koa-429-limiter-apache-h2.txt 429 app koa "/api/search the third time in a minute: the app's limiter, 429 with Retry-After" "curl -sk --http2 -i" -- -sk --http2 -i $RA $A/api/search
    caphttp $S koa-500-thrown-apache-httpie.txt 500 app koa "HTTPie over TLS, a TypeError: the error middleware's JSON 500" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:63402/api/boom Host:$H
    capjq body-only-paste body-koa-500-thrown-jq.txt 500/500 app koa "Koa's error middleware JSON piped through jq, its status field shows 500" "" -- -k $RA "$A/api/boom?from=alert"
    cap $S koa-503-readyz-apache-h2.txt 503 app koa "/readyz: the app's 503, passed on (no ErrorDocument)" "curl -skv --http2 whole" -- -skv --http2 $RA $A/readyz
    cap $S koa-301-v1-redirect-apache-h2.txt 301 app koa "/api/v1/tickets/1: ctx.redirect with status 301" "curl -sk --http2 -i" -- -sk --http2 -i $RA $A/api/v1/tickets/1
    cap $S apache-414-long-url.txt 414 proxy apache "a 1.5 KB query: LimitRequestLine 1024, Apache's 414" "curl -sk --http1.1 -i" -- -sk --http1.1 -i $RA "$A/api/tickets/1?q=$LONGQ"
    # run 1 wrote this as `curl -sk --http1.1 -v`, which the finish step does not read as verbose (it saw 0 though Apache sent 400): now -skv (README)
    cap $S apache-400-header-too-large.txt 400 proxy apache "a 2 KB header: LimitRequestFieldSize 1024, Apache's 400" "curl -skv --http1.1 whole" -- -skv --http1.1 $RA -H "$H2K" $A/api/tickets/1
    cap $S apache-403-internal-h2.txt 403 proxy apache "/internal/: Require all denied" "curl -sk --http2 -i" -- -sk --http2 -i $RA $A/internal/metrics
    cap $S apache-502-slow-proxy-error-h2.txt 502 proxy apache "/api/slow takes 5 s: ProxyTimeout 3, Apache's 502 Proxy Error" "curl -skv --http2 whole" -- -skv --http2 $RA $A/api/slow
    capbody body-only-paste body-apache-502-slow.txt 502/502 proxy apache "Apache's 502 Proxy Error page, its title shows 502" "" -- -k $RA "$A/api/slow?from=alert"
    # run 1 labelled this 502; Apache answered its own stock 500 ("error reading status line", 20014 Internal error): relabelled (README)
    cap $S apache-500-app-closes-h2.txt 500 proxy apache "/api/reset: the app closes the connection without an answer, Apache's stock 500 (AH01102, 20014 Internal error)" "curl -sk --http2 -i" -- -sk --http2 -i $RA $A/api/reset
    cap $S apache-503-legacy-refused-h2.txt 503 proxy apache "/legacy/: nobody listens (retry=0), Apache's 503" "curl -sk --http2 -i" -- -sk --http2 -i $RA $A/legacy/tickets
    kill_app koa
    cap $S apache-503-koa-killed-h2.txt 503 proxy apache "Koa killed (SIGKILL): connection refused, Apache's 503" "curl -skv --http2 whole" -- -skv --http2 $RA $A/api/tickets/1
    caphead headers-only-paste head-apache-503-koa-killed-h2.txt 503 proxy apache "curl -sI --http2 while Koa is down" "" -- -k --http2 $RA $A/api/tickets/1
    start_app koa || die "koa did not come back"
    capwget $S koa-200-healthz-apache-wget.txt 200 app koa "started again: /healthz" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:63402/healthz
fi

# ================================================= HAProxy -> Hono ==
if up haproxy; then
    log "capturing: Hono behind HAProxy"
    S=hono-haproxy-r101
    H=api.slip.test P=https://api.slip.test:63404 PP=http://api.slip.test:63104 RP="--resolve api.slip.test:63404:127.0.0.1 --resolve api.slip.test:63104:127.0.0.1"
    cap $S hono-200-ticket-haproxy-h2.txt 200 app hono "HTTP/2 over TLS: ticket 1" "curl -skv --http2 whole; X-Request-ID from HAProxy" -- -skv --http2 $RP $P/api/tickets/1
    cap $S haproxy-301-http-to-https.txt 301 load-balancer haproxy "plain HTTP: redirect scheme https code 301" "curl -sv" -- -sv $RP $PP/api/tickets/1
    cap $S hono-201-ticket-created-haproxy-h2.txt 201 app hono "POST a new ticket: 201" "curl -sk --http2 -i" -- -sk --http2 -i $RP "${NEWT[@]}" $P/api/tickets
    cap $S hono-400-validator-haproxy-h2.txt 400 app hono "POST without a title: the validator's zod-shaped JSON 400" "curl -skv --http2 whole" -- -skv --http2 $RP "${BAD[@]}" $P/api/tickets
    cap $S hono-404-ticket-missing-haproxy-h2.txt 404 app hono "ticket 999: the handler's JSON 404" "curl -sk --http2 -i" -- -sk --http2 -i $RP $P/api/tickets/999
    caplt $S hono-404-no-route-haproxy-h2.txt 404 app hono "/api/tikets: Hono's own text '404 Not Found'" "curl -skv --http2, only the < lines kept" -- -skv --http2 $RP $P/api/tikets
    cap $S hono-409-duplicate-haproxy-h2.txt 409 app hono "POST the title of an open ticket: HTTPException(409), text message" "curl -sk --http2 -i" -- -sk --http2 -i $RP -X POST "${JSONH[@]}" -d "$(DUP Slip)" $P/api/tickets
    cap $S hono-413-body-limit-haproxy-h2.txt 413 app hono "a 12 KB ticket: bodyLimit 8 KB, Hono's text 'Payload Too Large' (HAProxy allows 32 KB)" "curl -skv --http2 whole" -- -skv --http2 $RP "${APPBIG[@]}" $P/api/tickets
    capraw $S hono-401-bearer-no-token-haproxy.txt 401 app hono "/api/me without a token: bearerAuth's 401 'Unauthorized'" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- -sk --http1.1 -i $RP $P/api/me
    cap $S hono-403-role-haproxy-h2.txt 403 app hono "a user token on /api/admin/stats: HTTPException(403)" "curl -sk --http2 -i" -- -sk --http2 -i $RP "${UTOK[@]}" $P/api/admin/stats
    quiet -k $RP $P/api/search; quiet -k $RP $P/api/search
    caphttp $S hono-429-limiter-haproxy-httpie.txt 429 app hono "HTTPie over TLS, /api/search the third time: the app's 429 text with Retry-After" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:63404/api/search Host:$H
    cap $S hono-500-thrown-haproxy-h2.txt 500 app hono "a TypeError: Hono's default 'Internal Server Error'" "curl -sk --http2 -i" -- -sk --http2 -i $RP $P/api/boom
    capbody body-only-paste body-hono-500-thrown.txt 0/500 app hono "Hono's text 'Internal Server Error' (no number)" "" -- -k $RP "$P/api/boom?from=alert"
    capwin $S hono-503-readyz-haproxy.txt 503 app hono "/readyz: the app's 503 (database down), passed on" "curl -sk --http1.1 -i pasted with CRLF" -- -sk --http1.1 -i $RP $P/readyz
    cap $S hono-301-v1-redirect-haproxy-h2.txt 301 app hono "/api/v1/tickets/1: c.redirect 301" "curl -sk --http2 -i" -- -sk --http2 -i $RP $P/api/v1/tickets/1
    # run 1 got this 413 over HTTP/2; in run 2 HAProxy's answer was lost (curl: stream 1 not closed cleanly, CANCEL), in run 3 over
    # HTTP/1.1 too (curl: broken pipe while still sending): now HTTP/1.1 with Expect: 100-continue, so curl waits for the answer (README)
    cap $S haproxy-413-body-too-large.txt 413 load-balancer haproxy "a 40 KB ticket sent with Expect: 100-continue: http-request deny deny_status 413" "curl -skv --http1.1 whole" -- -skv --http1.1 -H 'Expect: 100-continue' $RP "${FRONTBIG[@]}" $P/api/tickets
    cap $S haproxy-400-header-too-large.txt 400 load-balancer haproxy "a 20 KB cookie over tune.bufsize: HAProxy's 400" "curl -sk --http1.1 -i" -- -sk --http1.1 -i $RP -H "$H20K" $P/api/tickets/1
    cap $S haproxy-403-internal-h2.txt 403 load-balancer haproxy "/internal/: http-request deny" "curl -sk --http2 -i" -- -sk --http2 -i $RP $P/internal/metrics
    cap $S haproxy-404-unrouted-h2.txt 404 load-balancer haproxy "/billing: deny_status 404" "curl -sk --http2 -i" -- -sk --http2 -i $RP $P/billing
    cap $S haproxy-504-slow-branded-h2.txt 504 load-balancer haproxy "/api/slow takes 5 s: timeout server 3s, the branded JSON errorfile" "curl -skv --http2 whole" -- -skv --http2 $RP $P/api/slow
    capjq body-only-paste body-haproxy-504-slow-jq.txt 504/504 load-balancer haproxy "HAProxy's branded JSON 504 piped through jq, its status field shows 504" "" -- -k $RP "$P/api/slow?from=alert"
    # run 1 sent this over HTTP/2 labelled 502; HAProxy answered each try with REFUSED_STREAM and curl gave up (no HTTP response):
    # now over HTTP/1.1, labelled 502 from earlier rounds' HAProxy resets (README)
    cap $S haproxy-502-app-closes.txt 502 load-balancer haproxy "/api/reset over HTTP/1.1: the app closes the connection, HAProxy's stock 502" "curl -skv --http1.1 whole" -- -skv --http1.1 $RP $P/api/reset
    cap $S haproxy-503-legacy-down-h2.txt 503 load-balancer haproxy "/legacy/: the server is down by its check, HAProxy's stock 503" "curl -sk --http2 -i" -- -sk --http2 -i $RP $P/legacy/tickets
    kill_app hono
    cap $S haproxy-503-hono-killed-h2.txt 503 load-balancer haproxy "Hono killed (SIGKILL): connection refused, HAProxy's stock 503" "curl -sk --http2 -i" -- -sk --http2 -i $RP $P/api/tickets/1
    capbody body-only-paste body-haproxy-503-hono-killed.txt 503/503 load-balancer haproxy "HAProxy's stock 503 page, its heading shows 503" "" -- -k $RP "$P/api/tickets/1?from=alert"
    start_app hono || die "hono did not come back"
    capwget $S hono-200-healthz-haproxy-wget.txt 200 app hono "started again: /healthz" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:63404/healthz
fi

# ================================================= Varnish -> Express ==
if up varnish; then
    log "capturing: Express behind Varnish"
    S=express-varnish-r101
    H=api.berth.test V=http://api.berth.test:63455 RV="--resolve api.berth.test:63455:127.0.0.1"
    cap $S express-200-ticket-varnish-miss.txt 200 app express "ticket 1, a MISS (public, max-age=60)" "curl -sv; X-Cache: MISS, X-Request-ID from Varnish" -- -sv $RV $V/api/tickets/1
    cap $S varnish-200-ticket-hit.txt 200 cdn-cache varnish "ticket 1 again: a HIT" "curl -si" -- -si $RV $V/api/tickets/1
    caplt $S varnish-304-ticket-if-modified-since.txt 304 cdn-cache varnish "ticket 1 with If-Modified-Since its Last-Modified: Varnish's 304 from its store" "curl -sv, only the < lines kept" -- -sv $RV -H 'If-Modified-Since: Tue, 01 Dec 2026 08:00:00 GMT' $V/api/tickets/1
    caphead headers-only-paste head-varnish-200-ticket-hit.txt 200 cdn-cache varnish "curl -sI on ticket 1: a HIT" "" -- $RV $V/api/tickets/1
    cap $S express-200-rates-varnish-miss.txt 200 app express "the rates, a MISS" "curl -si" -- -si $RV $V/api/rates
    capwget $S varnish-200-rates-hit-wget.txt 200 cdn-cache varnish "the rates again: a HIT" "wget -S -O-" -- --header="Host: $H:63455" http://127.0.0.1:63455/api/rates
    cap $S express-201-ticket-created-varnish.txt 201 app express "POST a new ticket: 201 (Varnish passes POST)" "curl -si" -- -si $RV "${NEWT[@]}" $V/api/tickets
    cap $S express-422-validation-varnish.txt 422 app express "POST without a title: an express-validator-shaped 422" "curl -sv" -- -sv $RV "${BAD[@]}" $V/api/tickets
    capraw $S express-400-bad-json-varnish.txt 400 app express "a body that is not JSON: body-parser's 400 through the app's JSON error middleware" "curl -si saved to a file (CRs kept)" -- -si $RV "${BADJSON[@]}" $V/api/tickets
    cap $S express-404-ticket-missing-varnish.txt 404 app express "ticket 999: the handler's JSON 404" "curl -si" -- -si $RV $V/api/tickets/999
    cap $S express-404-cannot-get-varnish.txt 404 app express "/api/tikets: Express's own 'Cannot GET /api/tikets'" "curl -sv" -- -sv $RV $V/api/tikets
    capwin $S express-409-duplicate-varnish.txt 409 app express "POST the title of an open ticket: 409 from the error middleware" "curl -si pasted with CRLF" -- -si $RV -X POST "${JSONH[@]}" -d "$(DUP Berth)" $V/api/tickets
    cap $S express-413-body-limit-varnish.txt 413 app express "a 12 KB ticket: express.json's 8 KB limit, 413 through the JSON error middleware" "curl -sv" -- -sv $RV "${APPBIG[@]}" $V/api/tickets
    cap $S express-401-no-token-varnish.txt 401 app express "/api/me without a token: the auth middleware's 401" "curl -si" -- -si $RV $V/api/me
    cap $S express-403-role-varnish.txt 403 app express "a user token on /api/admin/stats: 403" "curl -si" -- -si $RV "${UTOK[@]}" $V/api/admin/stats
    quiet $RV $V/api/search; quiet $RV $V/api/search
    HTTPIE_CMD=http caphttp $S express-429-limiter-varnish-httpie.txt 429 app express "HTTPie, /api/search the third time: an express-rate-limit-shaped text 429" "HTTPie with colours" -- -v GET http://127.0.0.1:63455/api/search Host:$H:63455
    cap $S express-500-thrown-varnish.txt 500 app express "a thrown Error: the error middleware's JSON 500" "curl -sv" -- -sv $RV $V/api/boom
    capcut $S express-503-readyz-varnish.txt 503 app express "/readyz: the app's 503 (database down), passed on" "curl -si, cut after the headers" -- -si $RV $V/readyz
    capjq body-only-paste body-express-503-readyz-jq.txt 0/503 app express "Express's readiness JSON piped through jq (no number in it)" "" -- $RV "$V/readyz?from=alert"
    cap $S express-301-v1-redirect-varnish.txt 301 app express "/api/v1/tickets/1: res.redirect 301 (a MISS)" "curl -si" -- -si $RV $V/api/v1/tickets/1
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE: vcl_recv synth(405)" "curl -sv" -- -sv $RV -X PURGE $V/api/tickets/1
    cap $S varnish-403-internal-branded.txt 403 cdn-cache varnish "/internal/: the branded synth 403" "curl -si" -- -si $RV $V/internal/metrics
    cap $S varnish-400-header-too-large.txt 400 cdn-cache varnish "a 9 KB header over the stock http_req_hdr_len 8k: Varnish's own 400" "curl -sv" -- -sv $RV -H "$H9K" $V/api/tickets/1
    cap $S varnish-503-slow-first-byte.txt 503 cdn-cache varnish "/api/slow takes 5 s: first_byte_timeout 3s, Backend fetch failed" "curl -sv" -- -sv $RV $V/api/slow
    cap $S varnish-503-app-closes.txt 503 cdn-cache varnish "/api/reset: the app closes the connection, Backend fetch failed" "curl -si" -- -si $RV $V/api/reset
    capbody body-only-paste body-varnish-503-app-closes.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page, its title shows 503" "" -- $RV "$V/api/reset?from=alert"
    kill_app express
    cap $S varnish-503-express-killed.txt 503 cdn-cache varnish "Express killed (SIGKILL): connection refused, Backend fetch failed" "curl -sv" -- -sv $RV $V/api/me
    cap $S varnish-200-ticket-hit-express-down.txt 200 cdn-cache varnish "Express down, ticket 1 still fresh in the store: a HIT" "curl -si" -- -si $RV $V/api/tickets/1
    start_app express || die "express did not come back"
    cap $S express-200-healthz-varnish.txt 200 app express "started again: /healthz (no-store)" "curl -si" -- -si $RV $V/healthz
fi

# ================================================= Squid -> Fastify (Wharf) ==
if up squid; then
    log "capturing: Fastify behind Squid"
    S=fastify-squid-r101
    H=api.wharf.test Q=http://api.wharf.test:63456 RQ="--resolve api.wharf.test:63456:127.0.0.1"
    cap $S fastify-200-ticket-squid-miss.txt 200 app fastify "ticket 1, a MISS (public, max-age=60)" "curl -sv; X-Cache: MISS" -- -sv $RQ $Q/api/tickets/1
    cap $S squid-200-ticket-hit.txt 200 cdn-cache squid "ticket 1 again: a HIT" "curl -si" -- -si $RQ $Q/api/tickets/1
    caplt $S squid-304-ticket-if-none-match.txt 304 cdn-cache squid "ticket 1 with If-None-Match of its ETag: Squid's 304 from its store" "curl -sv, only the < lines kept" -- -sv $RQ -H 'If-None-Match: "tk-1-v4"' $Q/api/tickets/1
    cap $S squid-304-ticket-if-modified-since.txt 304 cdn-cache squid "ticket 1 with If-Modified-Since: Squid's 304 from its store" "curl -si" -- -si $RQ -H 'If-Modified-Since: Tue, 01 Dec 2026 08:00:00 GMT' $Q/api/tickets/1
    caphead headers-only-paste head-squid-200-ticket-hit.txt 200 cdn-cache squid "curl -sI on ticket 1: a HIT" "" -- $RQ $Q/api/tickets/1
    cap $S fastify-201-ticket-created-squid.txt 201 app fastify "POST a new ticket: 201" "curl -si" -- -si $RQ "${NEWT[@]}" $Q/api/tickets
    cap $S fastify-400-schema-squid.txt 400 app fastify "POST without a title: FST_ERR_VALIDATION" "curl -sv" -- -sv $RQ "${BAD[@]}" $Q/api/tickets
    cap $S fastify-404-ticket-missing-squid.txt 404 app fastify "ticket 999: the handler's 404" "curl -si" -- -si $RQ $Q/api/tickets/999
    cap $S fastify-404-no-route-squid.txt 404 app fastify "/api/tikets: Fastify's 'Route GET:/api/tikets not found'" "curl -si" -- -si $RQ $Q/api/tikets
    capraw $S fastify-409-duplicate-squid.txt 409 app fastify "POST the title of an open ticket: 409" "curl -si saved to a file (CRs kept)" -- -si $RQ -X POST "${JSONH[@]}" -d "$(DUP Wharf)" $Q/api/tickets
    cap $S fastify-413-body-limit-squid.txt 413 app fastify "a 12 KB ticket: bodyLimit 8 KB (Squid allows 32 KB), FST_ERR_CTP_BODY_TOO_LARGE" "curl -sv" -- -sv $RQ "${APPBIG[@]}" $Q/api/tickets
    cap $S fastify-401-no-token-squid.txt 401 app fastify "/api/me without a token: the hook's 401" "curl -si" -- -si $RQ $Q/api/me
    # run 1 labelled this 403; Squid does not pass Authorization to the cache_peer (no login=PASSTHRU), so the hook saw no token: 401, relabelled (README)
    capwin $S fastify-401-token-not-forwarded-squid.txt 401 app fastify "a user token on /api/admin/stats: Squid does not forward Authorization to the peer, the hook's 401 'missing bearer token'" "curl -si pasted with CRLF" -- -si $RQ "${UTOK[@]}" $Q/api/admin/stats
    quiet $RQ $Q/api/search; quiet $RQ $Q/api/search
    cap $S fastify-429-rate-limit-squid.txt 429 app fastify "/api/search the third time: a @fastify/rate-limit-shaped 429" "curl -sv" -- -sv $RQ $Q/api/search
    HTTPIE_CMD=http caphttp $S fastify-500-thrown-squid-httpie.txt 500 app fastify "HTTPie, a thrown TypeError: Fastify's default 500" "HTTPie with colours" -- -v GET http://127.0.0.1:63456/api/boom Host:$H:63456
    cap $S fastify-503-readyz-squid.txt 503 app fastify "/readyz: the app's 503, passed on" "curl -si" -- -si $RQ $Q/readyz
    cap $S fastify-301-v1-redirect-squid.txt 301 app fastify "/api/v1/tickets/1: reply.redirect 301 (a MISS)" "curl -si" -- -si $RQ $Q/api/v1/tickets/1
    cap $S squid-413-body-too-large.txt 413 cdn-cache squid "a 40 KB ticket: request_body_max_size 32 KB, ERR_TOO_BIG" "curl -sv" -- -sv $RQ "${FRONTBIG[@]}" $Q/api/tickets
    cap $S squid-431-header-too-large.txt 431 cdn-cache squid "a 9 KB header, request_header_max_size 2 KB: Squid's 431" "curl -si" -- -si $RQ -H "$H9K" $Q/api/tickets/1
    cap $S squid-403-internal.txt 403 cdn-cache squid "/internal/: ERR_ACCESS_DENIED" "curl -si" -- -si $RQ $Q/internal/metrics
    cap $S squid-504-slow.txt 504 cdn-cache squid "/api/slow takes 5 s: read_timeout 3 seconds, ERR_READ_TIMEOUT" "curl -sv" -- -sv $RQ $Q/api/slow
    capbody body-only-paste body-squid-504-slow.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page (its title names the error, not a number)" "" -- $RQ "$Q/api/slow?from=alert"
    cap $S squid-502-app-closes.txt 502 cdn-cache squid "/api/reset: the app closes the connection without an answer, Squid's 502" "curl -sv" -- -sv $RQ $Q/api/reset
    # rounds 83-93: a peer that was never up gives 502, one killed after it was used gives 503 ERR_CONNECT_FAIL
    cap $S squid-502-legacy-refused.txt 502 cdn-cache squid "/legacy/: a peer that never listened, Squid's 502" "curl -si" -- -si $RQ $Q/legacy/tickets
    sleep 2
    kill_app wharf
    cap $S squid-503-fastify-killed.txt 503 cdn-cache squid "Fastify killed (SIGKILL): connection refused, ERR_CONNECT_FAIL" "curl -sv" -- -sv $RQ $Q/api/me
    caphead headers-only-paste head-squid-503-fastify-killed.txt 503 cdn-cache squid "curl -sI while Fastify is down" "" -- $RQ $Q/api/me
    capwget $S squid-200-ticket-hit-app-down-wget.txt 200 cdn-cache squid "Fastify down, ticket 1 still fresh in the store: a HIT" "wget -S -O-" -- --header="Host: $H:63456" http://127.0.0.1:63456/api/tickets/1
    start_app wharf || die "wharf did not come back"
    cap $S fastify-200-healthz-squid.txt 200 app fastify "started again: /healthz" "curl -si" -- -si $RQ $Q/healthz
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round101/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
