#!/usr/bin/env bash
# capture-round78.sh — build the seventy-eighth held-out evidence corpus in
# tests/fixtures/evidence-round78/.
#
# "Mainstream, a pool of replicas": six mainstream fronts, each balancing
# over two or three replicas of a mainstream app (round 76's apps, copied to
# apps78/ with a replica name, a /healthz that names it, and two flags the
# script sets per replica: `slow` (every request waits 5 s) and `draining`
# (every /api/ request gets the app's JSON 503 with Retry-After)). Front
# configs in conf-round78/:
#   - nginx 1.22 upstream block (3 x Flask on gunicorn), max_fails,
#     proxy_next_upstream error timeout http_503, stub_status, TLS + HTTP/2;
#   - Apache 2.4 mod_proxy_balancer (2 x Django on gunicorn), BalancerMembers
#     with hcmethod/hcuri health checks, failonstatus=503, balancer-manager;
#   - Caddy 2.6 reverse_proxy (3 x Express), lb_policy round_robin,
#     health_uri, lb_try_duration, TLS + HTTP/2;
#   - HAProxy 2.6 (3 x FastAPI on uvicorn), balance roundrobin, option
#     httpchk, retries, option redispatch, retry-on, monitor-uri, stats page;
#   - Varnish 7.1 (2 x Go net/http), a directors.round_robin() with probes;
#   - Squid 5.7 accelerator (2 x Fastify), cache_peer ... originserver
#     round-robin.
# What is captured: healthy answers from each replica, one replica stopped,
# every replica stopped, one replica slow, one replica draining (its 503
# retried or passed on, as the front's docs say), the balancers' own status
# and health pages, HTTP/2 over TLS on nginx and Caddy, body-only and
# headers-only pastes. To send a request to one replica of a round-robin
# pool, the script first sends quiet /healthz requests through the front
# until the replica before it in the rotation answered (sync_after); the
# labels do not depend on it: they come from what the front does by its docs.
#
#   scripts/corpus/capture-round78.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round78.sh   # never call apt-get / npm / pip
#   CORPUS_KEEP_RUN=1 capture-round78.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 61500-61599) and the script stops if a socket held by one of its processes
# listens anywhere else; every curl, HTTPie and wget runs under `timeout`;
# every loop is bounded; every server it started is stopped on exit, by
# process id. Labels are written here next to each request, before it is
# made; finish_round78.py refuses (and this script then leaves the fixtures
# as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round78"
RUN=/tmp/api-triage-corpus78-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round78"
APPS="$HERE/apps78"
FLAGS="$RUN/flags"
NODE_DIR=${CORPUS_NODE78:-/tmp/api-triage-corpus78-node}
GO_DIR=${CORPUS_GO78:-/tmp/api-triage-corpus78-go}
VENV=${CORPUS_VENV78:-/tmp/api-triage-corpus78-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
NPM=(express@4.22.1 fastify@4.29.1)
PYPI=(flask==3.1.3 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0 httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus78 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
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

install_npm() {  # Express and Fastify, from npm
    [[ -e $NODE_DIR/node_modules/express/package.json && -e $NODE_DIR/node_modules/fastify/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus78","private":true}' >"$NODE_DIR/package.json"
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
# only ours are checked against 127.0.0.1 and 61500-61599)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round78.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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


# ------------------------------------------------ round 78's partial pastes --
# The status really on the wire comes from curl's own `-D` dump of the same
# exchange, kept aside (round 50's way); the paste shows only what the
# engineer copied.
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

# capw SETUP FILE WIRE LAYER PRODUCT SCENARIO NOTE -- FORMAT CURL-ARGS...
# `curl -s -w FORMAT URL`: the body with curl's `%{http_code}` printed next
# to it (body-only; the number curl prints is the number the paste shows).
capw() {
    local setup=$1 file=$2 wire=$3 layer=$4 product=$5 scenario=$6 note=$7 got fmt
    shift 8
    fmt=$1; shift
    local dest="$STAGE/$file"
    cmdline curl -s -w "$fmt" "$@" >"$dest"
    rm -f "$RUN/work/last-headers"
    in_work timeout 20 curl -s -w "$fmt" -D "$RUN/work/last-headers" "$@" >>"$dest" 2>/dev/null
    [[ $(tail -c 1 "$dest" | od -An -c | tr -d ' ') == '\n' ]] || printf '\n' >>"$dest"
    got=$(wire_of); check_wire "$file" "$wire" "$got"
    finish "$dest" "$setup" "$got" "$layer" "$product" "$scenario" "$note" body-only "$got"
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

# caphttph SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- HTTPIE-ARGS...
# HTTPie `--headers` with colours: the response headers only (headers-only).
caphttph() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    [[ -x $HTTPIE ]] || return 0
    cmdline http --headers "$@" >"$dest"
    in_work timeout 20 "$HTTPIE" -m httpie --ignore-stdin --pretty=all --style=monokai --timeout=10 --headers "$@" >>"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only 0
}

# capcutn SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- N i|v CURL-ARGS...
# Round 50's `cut`: the status line and the first N header lines, copied
# from part of a terminal, no command line above them: from `curl -si`
# (i), or from `curl -sv` with the `< ` marks (v). headers-only.
capcutn() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7 n form
    shift 8
    n=$1 form=$2; shift 2
    local dest="$STAGE/$file"
    if [[ $form == v ]]; then
        in_work timeout 20 curl -sv "$@" 2>&1 | grep -a '^< ' | tr -d '\r' \
            | awk -v n="$n" '/^< HTTP\// {f = 1} f && /^<? ?$/ {exit} f {print; if (++c > n) exit}' >"$dest"
    else
        in_work timeout 20 curl -si "$@" 2>&1 | tr -d '\r' \
            | awk -v n="$n" '/^HTTP\// {f = 1} f && /^$/ {exit} f {print; if (++c > n) exit}' >"$dest"
    fi
    [[ -s $dest ]] || echo "(nothing)" >"$dest"
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only 0
}
# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS ]] || die "missing $CONF or $APPS"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn,flags}
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

# replicas: Flask 61511-61513 (nginx 61580, TLS 61581), Django 61521-61522
# (Apache 61582), Express 61531-61533 (Caddy 61583, TLS 61584), FastAPI
# 61541-61543 (HAProxy 61585, stats 61586), Go net/http 61551-61552 (Varnish
# 61590), Fastify 61561-61562 (Squid 61591).
APP_PORTS=(61511 61512 61513 61521 61522 61531 61532 61533 61541 61542 61543 61551 61552 61561 61562)
FRONT_PORTS=(61580 61581 61582 61583 61584 61585 61586 61590 61591)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(ours_sockets)

# ---- TLS: one self-signed cert for nginx and Caddy --------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Round78/CN=api.tamarind.test" \
    -addext "subjectAltName=DNS:api.tamarind.test,DNS:api.osprey.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- replicas -------------------------------------------------------------------
declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
flag_on() { mkdir -p "$FLAGS/$1"; : >"$FLAGS/$1/$2"; }
flag_off() { rm -f "$FLAGS/$1/$2"; }
# start_replica NAME PORT: one replica, named NAME, its flags in $FLAGS/NAME
start_replica() {
    local name=$1 port=$2 e
    mkdir -p "$FLAGS/$name"
    e=(env REPLICA="$name" FLAG_DIR="$FLAGS/$name")
    case $name in
        tamarind-*) start_bg "$name" "${e[@]}" nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:$port --workers 2 \
            --chdir "$APPS" --worker-tmp-dir "$RUN/gunicorn" flask_app:app ;;
        wrenfield-*) start_bg "$name" "${e[@]}" nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:$port --workers 2 \
            --chdir "$APPS" --worker-tmp-dir "$RUN/gunicorn" django_app:application ;;
        osprey-*) start_bg "$name" "${e[@]}" "${NODEENV[@]}" "$APPS/express_app.js" $port ;;
        halyard-*) start_bg "$name" "${e[@]}" nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS" --host 127.0.0.1 --port $port fastapi_app:app ;;
        bramble-*) start_bg "$name" "${e[@]}" nice -n 5 "$GO_DIR/nethttp_app" $port ;;
        saltmarsh-*) start_bg "$name" "${e[@]}" "${NODEENV[@]}" "$APPS/fastify_app.js" $port ;;
    esac
}
# stop_replica NAME PORT: stop it (by its pid) and wait until its port is closed
stop_replica() {
    local i
    stop_name "$1"
    for i in $(seq 1 100); do listening "$2" || return 0; sleep 0.1; done
    log "127.0.0.1:$2 still listening"
}
declare -A RPORT=(
    [tamarind-web-1]=61511 [tamarind-web-2]=61512 [tamarind-web-3]=61513
    [wrenfield-web-1]=61521 [wrenfield-web-2]=61522
    [osprey-api-1]=61531 [osprey-api-2]=61532 [osprey-api-3]=61533
    [halyard-api-1]=61541 [halyard-api-2]=61542 [halyard-api-3]=61543
    [bramble-api-1]=61551 [bramble-api-2]=61552
    [saltmarsh-api-1]=61561 [saltmarsh-api-2]=61562)
for n in "${!RPORT[@]}"; do start_replica "$n" "${RPORT[$n]}"; done
for n in "${!RPORT[@]}"; do wait_port "${RPORT[$n]}" "$n" || die "replica $n did not start"; done

# ---- the fronts ----------------------------------------------------------------
mkdir -p "$RUN"/apache/logs
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 61582 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 61583 caddy && wait_port 61584 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 61585 haproxy && wait_port 61586 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:61590 -T none -f "$RUN/varnish/default.vcl" \
    -n "$RUN/varnish/bramble" -s malloc,16m
wait_port 61590 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus78 -f "$RUN/squid/squid.conf"
wait_port 61591 squid && UP[squid]=1

mkdir -p "$RUN"/nginx/tmp
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 61580 nginx && wait_port 61581 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
sleep 3   # the health checks see every replica up

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 61500 || p > 61599) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 61500-61599: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 78 (held out): real responses captured by
# scripts/corpus/capture-round78.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-77:
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
NG=http://$T:61580 NGS=https://$T:61581 AP=http://$W:61582 CD=http://$O:61583 CDS=https://$O:61584
HA=http://$H:61585 HAST=http://$H:61586 VN=http://$B:61590 SQ=http://$M:61591
RNG="--resolve $T:61580:127.0.0.1" RNGS="--resolve $T:61581:127.0.0.1" RAP="--resolve $W:61582:127.0.0.1"
RCD="--resolve $O:61583:127.0.0.1" RCDS="--resolve $O:61584:127.0.0.1" RHA="--resolve $H:61585:127.0.0.1"
RHAST="--resolve $H:61586:127.0.0.1" RVN="--resolve $B:61590:127.0.0.1" RSQ="--resolve $M:61591:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')

# sync_after PREV CURL-ARGS...: quiet /healthz requests through a front (at
# most 8) until the one answered by replica PREV; in a round-robin pool the
# next request then goes to the replica after PREV.
sync_after() {
    local prev=$1 i body; shift
    for i in $(seq 1 8); do
        body=$(in_work timeout 10 curl -s "$@" 2>/dev/null)
        [[ $body == *"\"$prev\""* ]] && return 0
    done
    log "sync_after: $prev never answered /healthz (last: ${body:0:80})"; return 1
}

# ============================================ nginx -> 3 x Flask on gunicorn ==
if up nginx; then
    log "capturing: 3 x Flask on gunicorn behind nginx"
    S=flask-gunicorn-nginx-pool
    cap $S flask-200-order-nginx.txt 200 app flask "order 1 through nginx's upstream of three replicas" "X-Served-By names the replica" -- -sv $RNG $NG/api/orders/1
    cap $S flask-200-order-nginx-next.txt 200 app flask "order 1 again: the next replica in the rotation" "curl -si" -- -si $RNG $NG/api/orders/1
    caphttp $S flask-401-account-nginx-httpie.txt 401 app flask "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:61580/api/account Host:$T
    capraw $S flask-201-post-nginx.txt 201 app flask "POST a new ref: the handler's JSON 201" "curl -si saved to a file (CRs kept)" -- -si $RNG -X POST "${JSONH[@]}" -d '{"ref":"TM-2002","total":3}' $NG/api/orders
    capwin $S flask-409-post-nginx.txt 409 app flask "POST of an existing ref: the handler's JSON 409" "curl -si pasted with CRLF" -- -si $RNG -X POST "${JSONH[@]}" -d '{"ref":"TM-1001","total":3}' $NG/api/orders
    caplt $S flask-422-post-nginx.txt 422 app flask "POST without ref: the handler's JSON 422" "curl -sv, only the < lines kept" -- -sv $RNG -X POST "${JSONH[@]}" -d '{"total":3}' $NG/api/orders
    capcut $S flask-400-order-id-nginx.txt 400 app flask "an order id that is not a number: the handler's JSON 400" "curl -si, body cut off after the headers" -- -si $RNG $NG/api/orders/abc
    cap $S flask-404-order-nginx.txt 404 app flask "order 9: the handler's JSON 404" "curl -si" -- -si $RNG $NG/api/orders/9
    cap $S flask-500-boom-nginx.txt 500 app flask "an unhandled RuntimeError: Werkzeug's HTML 500 page" "" -- -sv $RNG $NG/api/boom
    cap $S flask-200-order-nginx-h2.txt 200 app flask "HTTP/2 over TLS: order 1" "" -- -sv -k $RNGS $NGS/api/orders/1
    cap $S flask-404-route-nginx-h2.txt 404 app flask "HTTP/2 over TLS: no route, Werkzeug's HTML 404 page" "curl -si" -- -si -k $RNGS $NGS/api/v2/orders
    cap $S nginx-200-stub-status.txt 200 proxy nginx "stub_status on /nginx_status: nginx's own text status page" "curl -si" -- -si $RNG $NG/nginx_status
    S=body-only-paste
    capbody $S body-flask-404-order-nginx.txt 0/404 app flask "order 9: the handler's JSON 404, no number in it" "" -- $RNG $NG/api/orders/9
    S=flask-gunicorn-nginx-pool
    cap $S nginx-504-slow-all.txt 504 proxy nginx "/api/slow waits 5 s on every replica: two tries time out (proxy_read_timeout 3s, proxy_next_upstream_tries 2), nginx's stock 504" "" -- -sv $RNG $NG/api/slow
    sleep 10.5   # fail_timeout passes
    flag_on tamarind-web-3 draining
    sync_after tamarind-web-2 $RNG $NG/healthz
    capwget $S flask-200-order-nginx-draining-retried-wget.txt 200 app flask "tamarind-web-3 drains (its JSON 503): proxy_next_upstream http_503 sends the request to the next replica" "wget -S -O-" -- --header="Host: $T" http://127.0.0.1:61580/api/orders/1
    flag_on tamarind-web-1 draining; flag_on tamarind-web-2 draining
    cap $S flask-503-draining-all-nginx.txt 503 app flask "every replica drains: both tries answer 503, nginx passes the last one on (the app's JSON 503 with Retry-After)" "curl -si" -- -si $RNG $NG/api/account
    for n in tamarind-web-1 tamarind-web-2 tamarind-web-3; do flag_off $n draining; done
    sleep 10.5   # fail_timeout passes
    flag_on tamarind-web-2 slow
    sync_after tamarind-web-1 $RNG $NG/healthz
    cap $S flask-200-order-nginx-slow-replica.txt 200 app flask "tamarind-web-2 is slow (every answer waits 5 s): nginx times out after 3 s and retries on the next replica (proxy_next_upstream timeout)" "curl -si" -- -si $RNG $NG/api/orders/1
    flag_off tamarind-web-2 slow
    sleep 10.5   # fail_timeout passes
    log "stopping tamarind-web-1"
    stop_replica tamarind-web-1 61511
    sync_after tamarind-web-3 $RNG $NG/healthz
    cap $S flask-200-order-nginx-one-down.txt 200 app flask "tamarind-web-1 is stopped (connection refused): nginx retries on the next replica" "" -- -sv $RNG $NG/api/orders/1
    caplt $S flask-200-order-nginx-one-down-next.txt 200 app flask "tamarind-web-1 still stopped: order 1 again" "curl -sv, only the < lines kept" -- -sv $RNG $NG/api/orders/1
    log "stopping tamarind-web-2 and -3"
    stop_replica tamarind-web-2 61512; stop_replica tamarind-web-3 61513
    cap $S nginx-502-all-down.txt 502 proxy nginx "every replica stopped: nginx's stock 502 page" "" -- -sv $RNG $NG/api/orders/1
    cap $S nginx-502-all-down-h2.txt 502 proxy nginx "HTTP/2 over TLS: every replica still stopped, nginx's 502" "curl -si" -- -si -k $RNGS $NGS/api/account
    S=body-only-paste
    capbody $S body-nginx-502-all-down.txt 502/502 proxy nginx "nginx's stock 502 page, every replica stopped" "" -- $RNG $NG/api/orders/2
    S=headers-only-paste
    caphead $S head-nginx-502-all-down.txt 502 proxy nginx "curl -sI while every replica is stopped" "" -- $RNG $NG/api/orders/1
fi

# ====================================== Apache -> 2 x Django on gunicorn ==
if up apache; then
    log "capturing: 2 x Django on gunicorn behind Apache's balancer"
    S=django-gunicorn-apache-pool
    cap $S django-200-order-apache.txt 200 app django "order 1 through balancer://wrenfield" "" -- -sv $RAP $AP/api/orders/1
    cap $S django-200-order-apache-next.txt 200 app django "order 1 again: the other member (byrequests)" "curl -si" -- -si $RAP $AP/api/orders/1
    caphttp $S django-409-post-apache-httpie.txt 409 app django "HTTPie, POST of an existing ref: the view's JSON 409" "HTTPie with colours" -- -v POST http://127.0.0.1:61582/api/orders Host:$W ref=WF-1001 total:=3
    capraw $S django-201-post-apache.txt 201 app django "POST a new ref: the view's JSON 201" "curl -si saved to a file (CRs kept)" -- -si $RAP -X POST "${JSONH[@]}" -d '{"ref":"WF-2002","total":3}' $AP/api/orders
    caplt $S django-422-post-apache.txt 422 app django "POST without ref: the view's JSON 422" "curl -sv, only the < lines kept" -- -sv $RAP -X POST "${JSONH[@]}" -d '{"total":3}' $AP/api/orders
    capcut $S django-401-account-apache.txt 401 app django "no token: the view's JSON 401" "curl -si, body cut off after the headers" -- -si $RAP $AP/api/account
    cap $S django-400-order-id-apache.txt 400 app django "an order id that is not a number: the view's JSON 400" "curl -si" -- -si $RAP $AP/api/orders/abc
    cap $S django-404-order-apache.txt 404 app django "order 9: the view's JSON 404" "" -- -sv $RAP $AP/api/orders/9
    capwin $S django-404-route-apache.txt 404 app django "no route, DEBUG off: Django's HTML 'Not Found' page" "curl -si pasted with CRLF" -- -si $RAP $AP/api/v2/orders
    cap $S django-500-boom-apache.txt 500 app django "an unhandled RuntimeError, DEBUG off: 'Server Error (500)'" "curl -si" -- -si $RAP $AP/api/boom
    capcut $S apache-200-balancer-manager.txt 200 proxy apache "the balancer-manager page (Require ip 127.0.0.1): Apache's own HTML" "curl -si, body cut off after the headers" -- -si $RAP $AP/balancer-manager
    S=body-only-paste
    capbody $S body-django-500-boom-apache.txt 500/500 app django "'Server Error (500)' page, DEBUG off" "" -- $RAP $AP/api/boom
    S=django-gunicorn-apache-pool
    cap $S apache-502-slow-all.txt 502 proxy apache "/api/slow waits 5 s, ProxyTimeout 3: Apache's 'Proxy Error' page (no retry once the request was sent)" "" -- -sv $RAP $AP/api/slow
    sleep 4.5    # the member's error state (retry=2) and the health check pass
    flag_on wrenfield-web-2 slow
    sync_after wrenfield-web-1 $RAP $AP/healthz
    cap $S apache-502-slow-replica.txt 502 proxy apache "wrenfield-web-2 is slow (every answer waits 5 s): ProxyTimeout 3, Apache's 'Proxy Error' (failontimeout puts the member in error state)" "curl -si" -- -si $RAP $AP/api/orders/1
    flag_off wrenfield-web-2 slow
    sleep 4.5
    flag_on wrenfield-web-1 draining
    sync_after wrenfield-web-2 $RAP $AP/healthz
    cap $S django-503-draining-apache.txt 503 app django "wrenfield-web-1 drains: its JSON 503 reaches the client (failonstatus=503 only puts the member in error state afterwards)" "" -- -sv $RAP $AP/api/orders/1
    cap $S django-200-order-apache-after-draining.txt 200 app django "the next request: the draining member is in error state, the other one answers" "curl -si" -- -si $RAP $AP/api/orders/1
    flag_off wrenfield-web-1 draining
    sleep 4.5
    log "stopping wrenfield-web-2"
    stop_replica wrenfield-web-2 61522
    sync_after wrenfield-web-1 $RAP $AP/healthz
    capwget $S django-200-order-apache-one-down-wget.txt 200 app django "wrenfield-web-2 is stopped (connection refused): the balancer fails over to the other member" "wget -S -O-" -- --header="Host: $W" http://127.0.0.1:61582/api/orders/1
    log "stopping wrenfield-web-1"
    stop_replica wrenfield-web-1 61521
    sleep 2.5
    cap $S apache-503-all-down.txt 503 proxy apache "both members stopped: Apache's stock 503 'Service Unavailable'" "" -- -sv $RAP $AP/api/orders/1
    caplt $S apache-200-balancer-manager-all-down.txt 200 proxy apache "the balancer-manager page while both members are down" "curl -sv, only the < lines kept" -- -sv $RAP $AP/balancer-manager
    S=body-only-paste
    capbody $S body-apache-503-all-down.txt 503/503 proxy apache "Apache's stock 503 page, both members stopped" "" -- $RAP $AP/api/account
    S=headers-only-paste
    caphead $S head-apache-503-all-down.txt 503 proxy apache "curl -sI while both members are stopped" "" -- $RAP $AP/api/orders/1
fi

# =========================================================== Caddy -> 3 x Express ==
if up caddy; then
    log "capturing: 3 x Express behind Caddy"
    S=express-caddy-pool
    cap $S express-200-order-caddy-h2.txt 200 app express "HTTP/2 over TLS: order 1 from the pool of three" "X-Served-By names the replica" -- -sv -k $RCDS $CDS/api/orders/1
    cap $S express-200-order-caddy-next.txt 200 app express "order 1 again over HTTP/1.1: the next replica (round_robin)" "curl -si" -- -si $RCD $CD/api/orders/1
    caphttp $S express-422-post-caddy-httpie.txt 422 app express "HTTPie, POST without ref: the handler's JSON 422" "HTTPie with colours" -- -v POST http://127.0.0.1:61583/api/orders Host:$O total:=3
    capraw $S express-201-post-caddy-h2.txt 201 app express "HTTP/2 over TLS: POST a new ref, the handler's JSON 201" "curl -si saved to a file (CRs kept)" -- -si -k $RCDS -X POST "${JSONH[@]}" -d '{"ref":"OS-2002","total":3}' $CDS/api/orders
    capwin $S express-409-post-caddy.txt 409 app express "POST of an existing ref: the handler's JSON 409" "curl -si pasted with CRLF" -- -si $RCD -X POST "${JSONH[@]}" -d '{"ref":"OS-1001","total":3}' $CD/api/orders
    caplt $S express-401-account-caddy.txt 401 app express "no token: the handler's JSON 401" "curl -sv, only the < lines kept" -- -sv $RCD $CD/api/account
    capcut $S express-400-order-id-caddy.txt 400 app express "an order id that is not a number: the handler's JSON 400" "curl -si, body cut off after the headers" -- -si $RCD $CD/api/orders/abc
    cap $S express-404-order-caddy.txt 404 app express "order 9: the handler's JSON 404" "curl -si" -- -si $RCD $CD/api/orders/9
    cap $S express-404-route-caddy-h2.txt 404 app express "HTTP/2 over TLS: no route, Express's 'Cannot GET'" "" -- -sv -k $RCDS $CDS/api/v2/orders
    cap $S express-500-boom-caddy.txt 500 app express "a thrown Error: finalhandler's 'Internal Server Error'" "curl -si" -- -si $RCD $CD/api/boom
    S=body-only-paste
    capbody $S body-express-404-route-caddy.txt 0/404 app express "Express's 'Cannot GET /api/v2/orders'" "" -- $RCD $CD/api/v2/orders
    S=express-caddy-pool
    cap $S caddy-504-slow-all.txt 504 proxy caddy "/api/slow waits 5 s on every replica, response_header_timeout 3s: Caddy's 504, empty body" "curl -si" -- -si $RCD $CD/api/slow
    cap $S caddy-504-slow-all-h2.txt 504 proxy caddy "HTTP/2 over TLS: /api/slow again, Caddy's empty 504" "" -- -sv -k $RCDS $CDS/api/slow
    sleep 10.5   # fail_duration 10s: the upstreams that timed out count as healthy again
    flag_on osprey-api-2 draining
    sync_after osprey-api-1 $RCD $CD/healthz
    cap $S express-503-draining-caddy.txt 503 app express "osprey-api-2 drains: Caddy passes its JSON 503 (Retry-After) on" "" -- -sv $RCD $CD/api/orders/1
    flag_off osprey-api-2 draining
    log "stopping osprey-api-3"
    sync_after osprey-api-2 $RCD $CD/healthz
    stop_replica osprey-api-3 61533
    cap $S express-200-order-caddy-one-down.txt 200 app express "osprey-api-3 just stopped (connection refused): Caddy tries another upstream within lb_try_duration" "curl -si" -- -si $RCD $CD/api/orders/1
    log "stopping osprey-api-1 and -2"
    stop_replica osprey-api-1 61531; stop_replica osprey-api-2 61532
    sleep 2.5    # the active checks (every 1 s) mark every upstream unhealthy
    cap $S caddy-503-all-down.txt 503 proxy caddy "every replica stopped and unhealthy by its check: no upstream available for lb_try_duration 5s, Caddy's 503, empty body" "" -- -sv $RCD $CD/api/orders/1
    capcut $S caddy-503-all-down-h2.txt 503 proxy caddy "HTTP/2 over TLS: every replica still down, Caddy's empty 503" "curl -si, body cut off after the headers" -- -si -k $RCDS $CDS/api/account
    S=headers-only-paste
    caphead $S head-caddy-503-all-down-h2.txt 503 proxy caddy "curl -sI over TLS + HTTP/2 while every replica is down" "" -- -k $RCDS $CDS/api/orders/1
fi

# ====================================== HAProxy -> 3 x FastAPI on uvicorn ==
if up haproxy; then
    log "capturing: 3 x FastAPI on uvicorn behind HAProxy"
    S=fastapi-uvicorn-haproxy-pool
    cap $S fastapi-200-order-haproxy.txt 200 app fastapi "order 1 through backend halyard_api (roundrobin over three)" "" -- -sv $RHA $HA/api/orders/1
    cap $S fastapi-200-order-haproxy-next.txt 200 app fastapi "order 1 again: the next server" "curl -si" -- -si $RHA $HA/api/orders/1
    caphttp $S fastapi-422-post-haproxy-httpie.txt 422 app fastapi "HTTPie, POST without ref: FastAPI's own validation 422" "HTTPie with colours" -- -v POST http://127.0.0.1:61585/api/orders Host:$H total:=3
    capraw $S fastapi-201-post-haproxy.txt 201 app fastapi "POST a new ref: the handler's JSON 201" "curl -si saved to a file (CRs kept)" -- -si $RHA -X POST "${JSONH[@]}" -d '{"ref":"HY-2002","total":3}' $HA/api/orders
    capwin $S fastapi-409-post-haproxy.txt 409 app fastapi "POST of an existing ref: HTTPException 409" "curl -si pasted with CRLF" -- -si $RHA -X POST "${JSONH[@]}" -d '{"ref":"HY-1001","total":3}' $HA/api/orders
    caplt $S fastapi-401-account-haproxy.txt 401 app fastapi "no token: HTTPException 401 with WWW-Authenticate Bearer" "curl -sv, only the < lines kept" -- -sv $RHA $HA/api/account
    capcut $S fastapi-400-order-id-haproxy.txt 400 app fastapi "an order id that is not a number: HTTPException 400" "curl -si, body cut off after the headers" -- -si $RHA $HA/api/orders/abc
    cap $S fastapi-404-order-haproxy.txt 404 app fastapi "order 9: HTTPException 404" "curl -si" -- -si $RHA $HA/api/orders/9
    cap $S fastapi-404-route-haproxy.txt 404 app fastapi "no route: FastAPI's {\"detail\":\"Not Found\"}" "" -- -sv $RHA $HA/api/v2/orders
    cap $S fastapi-500-boom-haproxy.txt 500 app fastapi "an unhandled RuntimeError: Starlette's text 'Internal Server Error' (retry-on does not list 500)" "curl -si" -- -si $RHA $HA/api/boom
    cap $S haproxy-200-monitor-uri.txt 200 load-balancer haproxy "monitor-uri /haproxy-health: HAProxy's own 200 page" "curl -si" -- -si $RHA $HA/haproxy-health
    capcut $S haproxy-200-stats.txt 200 load-balancer haproxy "the stats page (stats uri /haproxy?stats on its own port)" "curl -si, body cut off after the headers" -- -si $RHAST "$HAST/haproxy?stats"
    S=body-only-paste
    capbody $S body-fastapi-422-post-haproxy.txt 0/422 app fastapi "FastAPI's validation body, no number in it" "" -- $RHA -X POST "${JSONH[@]}" -d '{"total":3}' $HA/api/orders
    S=fastapi-uvicorn-haproxy-pool
    cap $S haproxy-504-slow-all.txt 504 load-balancer haproxy "/api/slow waits 5 s on every server: timeout server 3s, one retry on another server (retry-on response-timeout), then Debian's stock 504 errorfile" "" -- -sv $RHA $HA/api/slow
    S=body-only-paste
    capbody $S body-haproxy-504-slow-all.txt 504/504 load-balancer haproxy "Debian's stock 504 errorfile (its h1 carries the number)" "" -- $RHA $HA/api/slow
    S=fastapi-uvicorn-haproxy-pool
    flag_on halyard-api-2 slow
    sync_after halyard-api-1 $RHA $HA/healthz
    cap $S fastapi-200-order-haproxy-slow-replica.txt 200 app fastapi "halyard-api-2 is slow (every answer waits 5 s): timeout server 3s, retry-on response-timeout redispatches to another server" "curl -si" -- -si $RHA $HA/api/orders/1
    flag_off halyard-api-2 slow
    flag_on halyard-api-3 draining
    sync_after halyard-api-2 $RHA $HA/healthz
    capwget $S fastapi-200-order-haproxy-draining-retried-wget.txt 200 app fastapi "halyard-api-3 drains (its JSON 503): retry-on 503 with option redispatch sends the request to another server" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61585/api/orders/1
    flag_off halyard-api-3 draining
    log "stopping halyard-api-1"
    sync_after halyard-api-3 $RHA $HA/healthz
    stop_replica halyard-api-1 61541
    cap $S fastapi-200-order-haproxy-one-down.txt 200 app fastapi "halyard-api-1 just stopped (connection refused, before its check fails): retry-on conn-failure redispatches" "" -- -sv $RHA $HA/api/orders/1
    log "stopping halyard-api-2 and -3"
    stop_replica halyard-api-2 61542; stop_replica halyard-api-3 61543
    sleep 3.5    # fall 2 at inter 1s: every server is down by its check
    cap $S haproxy-503-all-down.txt 503 load-balancer haproxy "every server down by its check: Debian's stock 503 errorfile" "" -- -sv $RHA $HA/api/orders/1
    caplt $S haproxy-503-monitor-fail.txt 503 load-balancer haproxy "monitor-uri while nbsrv is 0 (monitor fail): HAProxy's own 503" "curl -sv, only the < lines kept" -- -sv $RHA $HA/haproxy-health
    S=body-only-paste
    capbody $S body-haproxy-503-all-down.txt 503/503 load-balancer haproxy "Debian's stock 503 errorfile, every server down" "" -- $RHA $HA/api/account
    S=headers-only-paste
    caphead $S head-haproxy-503-all-down.txt 503 load-balancer haproxy "curl -sI while every server is down by its check" "" -- $RHA $HA/api/orders/1
fi

# ===================================================== Varnish -> 2 x Go net/http ==
if up varnish; then
    log "capturing: 2 x Go net/http behind Varnish"
    S=go-nethttp-varnish-pool
    cap $S nethttp-200-order-varnish-miss.txt 200 app go-net-http "order 1, first request: a MISS, fetched from the round-robin director" "X-Hostname names the replica" -- -sv $RVN $VN/api/orders/1
    cap $S varnish-200-order-hit.txt 200 cdn-cache varnish "order 1 again: a HIT from Varnish's store" "curl -si" -- -si $RVN $VN/api/orders/1
    caplt $S varnish-304-order-inm.txt 304 cdn-cache varnish "If-None-Match with order 1's ETag: Varnish's 304 from its store" "curl -sv, only the < lines kept" -- -sv $RVN -H 'If-None-Match: "br-order-1-v7"' $VN/api/orders/1
    caphttp $S nethttp-409-post-varnish-httpie.txt 409 app go-net-http "HTTPie, POST of an existing ref (passed): the handler's JSON 409" "HTTPie with colours" -- -v POST http://127.0.0.1:61590/api/orders Host:$B ref=BR-1001 total:=3
    capraw $S nethttp-201-post-varnish.txt 201 app go-net-http "POST a new ref (passed): the handler's JSON 201" "curl -si saved to a file (CRs kept)" -- -si $RVN -X POST "${JSONH[@]}" -d '{"ref":"BR-2002","total":3}' $VN/api/orders
    capwin $S nethttp-422-post-varnish.txt 422 app go-net-http "POST without ref: the handler's JSON 422" "curl -si pasted with CRLF" -- -si $RVN -X POST "${JSONH[@]}" -d '{"total":3}' $VN/api/orders
    capcut $S nethttp-401-account-varnish.txt 401 app go-net-http "no token: the handler's JSON 401 (not cacheable)" "curl -si, body cut off after the headers" -- -si $RVN $VN/api/account
    cap $S nethttp-400-order-id-varnish.txt 400 app go-net-http "an order id that is not a number: the handler's JSON 400" "curl -si" -- -si $RVN $VN/api/orders/abc
    cap $S nethttp-404-order-varnish-miss.txt 404 app go-net-http "order 9, first request: the handler's JSON 404 (a MISS; Varnish keeps a 404)" "" -- -sv $RVN $VN/api/orders/9
    cap $S nethttp-404-order-varnish-hit.txt 404 app go-net-http "order 9 again: the app's kept 404 served from Varnish's store" "a HIT of the app's own error" -- -si $RVN $VN/api/orders/9
    cap $S nethttp-500-boom-varnish.txt 500 app go-net-http "http.Error's plain-text 'internal error'" "curl -si" -- -si $RVN $VN/api/boom
    S=body-only-paste
    capbody $S body-nethttp-404-route-varnish.txt 404/404 app go-net-http "net/http's '404 page not found' (first request)" "" -- $RVN $VN/api/v2/orders
    S=go-nethttp-varnish-pool
    cap $S varnish-503-slow-all.txt 503 cdn-cache varnish "/api/slow waits 5 s, first_byte_timeout 3s: 'Backend fetch failed' (no retry)" "" -- -sv $RVN $VN/api/slow
    flag_on bramble-api-2 slow
    sync_after bramble-api-1 $RVN $VN/healthz
    cap $S varnish-503-slow-replica.txt 503 cdn-cache varnish "bramble-api-2 is slow (every answer waits 5 s, its probe on /healthz still passes): first_byte_timeout 3s, 'Backend fetch failed'" "curl -si" -- -si $RVN $VN/api/account
    flag_off bramble-api-2 slow
    sleep 3
    flag_on bramble-api-1 draining
    sync_after bramble-api-2 $RVN $VN/healthz
    cap $S nethttp-503-draining-varnish.txt 503 app go-net-http "bramble-api-1 drains: its JSON 503 (Retry-After) is delivered as it came" "" -- -sv $RVN $VN/api/account
    flag_off bramble-api-1 draining
    log "stopping bramble-api-2"
    sync_after bramble-api-1 $RVN $VN/healthz
    stop_replica bramble-api-2 61552
    cap $S varnish-503-one-down-before-probe.txt 503 cdn-cache varnish "bramble-api-2 just stopped, its probe not yet sick: the director picks it, connection refused, 'Backend fetch failed'" "curl -si" -- -si $RVN $VN/api/account
    sleep 3.5    # the probe marks bramble-api-2 sick
    capwget $S nethttp-200-rates-varnish-one-down-wget.txt 200 app go-net-http "bramble-api-2 sick by its probe: the director skips it, /api/rates fetched from bramble-api-1 (a MISS)" "wget -S -O-" -- --header="Host: $B" http://127.0.0.1:61590/api/rates
    log "stopping bramble-api-1"
    stop_replica bramble-api-1 61551
    sleep 3.5
    cap $S varnish-200-order-hit-all-down.txt 200 cdn-cache varnish "both replicas stopped: order 1 still fresh in the store, a HIT" "" -- -sv $RVN $VN/api/orders/1
    cap $S varnish-503-all-down.txt 503 cdn-cache varnish "both replicas sick: 'Backend fetch failed'" "curl -si" -- -si $RVN $VN/api/account
    S=body-only-paste
    capbody $S body-varnish-503-all-down.txt 503/503 cdn-cache varnish "'Error 503 Backend fetch failed', both replicas down" "" -- $RVN $VN/api/orders/2
    S=headers-only-paste
    caphead $S head-varnish-200-order-hit-all-down.txt 200 cdn-cache varnish "curl -sI on order 1 while both replicas are down: from the store" "" -- $RVN $VN/api/orders/1
fi

# ============================================ Squid (accelerator) -> 2 x Fastify ==
if up squid; then
    log "capturing: 2 x Fastify behind Squid"
    S=fastify-squid-pool
    cap $S fastify-200-order-squid-miss.txt 200 app fastify "order 1, first request: a MISS, from a round-robin cache_peer" "" -- -sv $RSQ $SQ/api/orders/1
    cap $S squid-200-order-hit.txt 200 cdn-cache squid "order 1 again: a HIT from Squid's memory" "curl -si" -- -si $RSQ $SQ/api/orders/1
    caplt $S squid-304-order-inm.txt 304 cdn-cache squid "If-None-Match with order 1's ETag: Squid's 304 from its store" "curl -sv, only the < lines kept" -- -sv $RSQ -H 'If-None-Match: "sm-order-1-v2"' $SQ/api/orders/1
    caphttp $S fastify-401-account-squid-httpie.txt 401 app fastify "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:61591/api/account Host:$M
    capraw $S fastify-201-post-squid.txt 201 app fastify "POST a new ref: the handler's JSON 201" "curl -si saved to a file (CRs kept)" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"ref":"SM-2002","total":3}' $SQ/api/orders
    capwin $S fastify-409-post-squid.txt 409 app fastify "POST of an existing ref: the handler's JSON 409" "curl -si pasted with CRLF" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"ref":"SM-1001","total":3}' $SQ/api/orders
    capcut $S fastify-422-post-squid.txt 422 app fastify "POST without ref: the handler's JSON 422" "curl -si, body cut off after the headers" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"total":3}' $SQ/api/orders
    cap $S fastify-400-order-id-squid.txt 400 app fastify "an order id that is not a number: the handler's JSON 400" "curl -si" -- -si $RSQ $SQ/api/orders/abc
    cap $S fastify-404-order-squid.txt 404 app fastify "order 9: the handler's JSON 404" "" -- -sv $RSQ $SQ/api/orders/9
    cap $S fastify-404-route-squid.txt 404 app fastify "no route: Fastify's default JSON 404" "curl -si" -- -si $RSQ $SQ/api/v2/orders
    cap $S fastify-500-boom-squid.txt 500 app fastify "a thrown Error: Fastify's default JSON 500" "" -- -sv $RSQ $SQ/api/boom
    S=body-only-paste
    capbody $S body-fastify-404-order-squid.txt 404/404 app fastify "the handler's JSON 404 (statusCode 404 in it)" "" -- $RSQ $SQ/api/orders/9
    S=fastify-squid-pool
    cap $S squid-504-slow-all.txt 504 cdn-cache squid "/api/slow waits 5 s on both peers, read_timeout 3 seconds: ERR_READ_TIMEOUT" "curl -si" -- -si $RSQ $SQ/api/slow
    flag_on saltmarsh-api-1 draining
    sync_after saltmarsh-api-2 $RSQ $SQ/healthz
    cap $S fastify-503-draining-squid.txt 503 app fastify "saltmarsh-api-1 drains: Squid passes its JSON 503 on (retry_on_error off)" "" -- -sv $RSQ $SQ/api/account
    flag_off saltmarsh-api-1 draining
    log "stopping saltmarsh-api-2"
    sync_after saltmarsh-api-1 $RSQ $SQ/healthz
    stop_replica saltmarsh-api-2 61562
    capwget $S fastify-401-account-squid-one-down-wget.txt 401 app fastify "saltmarsh-api-2 is stopped (connection refused): Squid forwards to the other peer, the handler's JSON 401" "wget -S -O-" -- --header="Host: $M" http://127.0.0.1:61591/api/account
    cap $S fastify-404-order-squid-one-down.txt 404 app fastify "saltmarsh-api-2 still stopped: order 9 from the other peer" "curl -si" -- -si $RSQ $SQ/api/orders/9
    log "stopping saltmarsh-api-1"
    stop_replica saltmarsh-api-1 61561
    cap $S squid-200-order-hit-all-down.txt 200 cdn-cache squid "both peers stopped: order 1 still fresh in Squid's memory, a HIT" "curl -si" -- -si $RSQ $SQ/api/orders/1
    cap $S squid-503-all-down.txt 503 cdn-cache squid "both peers stopped: Squid's error page (503)" "" -- -sv $RSQ $SQ/api/account
    S=body-only-paste
    capbody $S body-squid-503-all-down.txt 0/503 cdn-cache squid "Squid's error page, both peers stopped (its title names no number)" "" -- $RSQ $SQ/api/admin
    S=headers-only-paste
    caphead $S head-squid-200-order-hit-all-down.txt 200 cdn-cache squid "curl -sI on order 1 while both peers are stopped: from the store" "" -- $RSQ $SQ/api/orders/1
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round78/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
