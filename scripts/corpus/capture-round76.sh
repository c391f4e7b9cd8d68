#!/usr/bin/env bash
# capture-round76.sh — build the seventy-sixth held-out evidence corpus in
# tests/fixtures/evidence-round76/.
#
# "Mainstream, pasted in part at night, a second look": round 73's six
# mainstream setups (its apps and front configs, copied to apps76/ and
# conf-round76/ with ports moved to 61300-61399), plus a catch-all for an
# unknown Host on nginx (404, and 421 over TLS), Apache (a first virtual
# host serving an empty folder: 404) and HAProxy (deny_status 421); Caddy
# and Squid answer an unknown Host with their stock behaviour:
#   - Flask 3.1 on gunicorn behind nginx 1.22;
#   - Django 5.2 on gunicorn behind Apache 2.4;
#   - Express 4 behind Caddy 2.6;
#   - FastAPI on uvicorn behind HAProxy 2.6;
#   - Go net/http behind Varnish 7.1 (HITs and a 304 from its store);
#   - Fastify 4 behind Squid 5.7 as an accelerator (HITs and a 304).
# What is new is how the answers are pasted: most are PARTIAL, the way a
# tired engineer pastes them (round 50's forms and three more):
#   - body only: `curl -s URL`, `curl -s URL | jq .` (pretty-printed JSON),
#     `curl -s` of an error page (paste = body-only; status = the number
#     the body itself shows, or 0; wire_status = what was sent);
#   - headers only: `curl -sI`, `curl -sv -o /dev/null` with only the `<`
#     lines kept, HTTPie `--headers` (paste = headers-only);
#   - cut mid-way: the status line and the first few headers (fewer when
#     the answer has fewer), no command line (round 50's `cut`, paste = headers-only), and curl's
#     `-w '%{http_code}'` output next to the body (body-only; the number
#     curl prints is the number the paste shows, as round 50's `(22)` line);
#   - whole transcripts for contrast: curl -sv / -si (as shown, saved with
#     CRs, pasted with CRLF), HTTPie -v with colours, `wget -S -O-`.
#
#   scripts/corpus/capture-round76.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round76.sh   # never call apt-get / npm / pip
#   CORPUS_KEEP_RUN=1 capture-round76.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 61300-61399) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written here next to each request, before it is made; finish_round76.py
# refuses (and this script then leaves the fixtures as they were) when a
# label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round76"
RUN=/tmp/api-triage-corpus76-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round76"
APPS="$HERE/apps76"
NODE_DIR=${CORPUS_NODE76:-/tmp/api-triage-corpus76-node}
GO_DIR=${CORPUS_GO76:-/tmp/api-triage-corpus76-go}
VENV=${CORPUS_VENV76:-/tmp/api-triage-corpus76-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
NPM=(express@4.22.1 fastify@4.29.1)
PYPI=(flask==3.1.3 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0 httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus76 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
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
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus76","private":true}' >"$NODE_DIR/package.json"
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
# only ours are checked against 127.0.0.1 and 61300-61399)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round76.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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


# ------------------------------------------------ round 76's partial pastes --
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
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn,www,www-empty}
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

# apps: Flask 61315 (nginx 61380, TLS 61343), Django 61316 (Apache 61381),
# Express 61317 (Caddy 61383, TLS 61344), FastAPI 61318 (HAProxy 61382),
# Go net/http 61319 (Varnish 61390), Fastify 61320 (Squid 61350). 61399 is
# never listened on (the switched-off /legacy/ service nginx, Apache, Caddy
# and HAProxy still route to).
APP_PORTS=(61315 61316 61317 61318 61319 61320)
FRONT_PORTS=(61380 61343 61381 61383 61344 61382 61390 61350)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 61399; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for nginx and Caddy --------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Round76/CN=api.tamarind.test" \
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
chmod -R a+rX "$RUN/www" "$RUN/www-empty"

# ---- apps -------------------------------------------------------------------
declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_bg flask nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:61315 --workers 2 --chdir "$APPS" \
    --worker-tmp-dir "$RUN/gunicorn" flask_app:app
start_bg django nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:61316 --workers 2 --chdir "$APPS" \
    --worker-tmp-dir "$RUN/gunicorn" django_app:application
start_bg express "${NODEENV[@]}" "$APPS/express_app.js" 61317
start_bg fastapi nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS" --host 127.0.0.1 --port 61318 fastapi_app:app
start_bg go nice -n 5 "$GO_DIR/nethttp_app" 61319
start_bg fastify "${NODEENV[@]}" "$APPS/fastify_app.js" 61320
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
    wait_port 61381 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s|@OPSHASH@|$OPSHASH|g"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 61383 caddy && wait_port 61344 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
cp "$CONF/haproxy-maintenance.http" "$RUN/haproxy/maintenance.http"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 61382 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:61390 -T none -f "$RUN/varnish/default.vcl" \
    -n "$RUN/varnish/bramble" -s malloc,16m
wait_port 61390 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus76 -f "$RUN/squid/squid.conf"
wait_port 61350 squid && UP[squid]=1

mkdir -p "$RUN"/nginx/tmp
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 61380 nginx && wait_port 61343 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
sleep 1.5

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 61300 || p > 61399) print}')
[[ -z $NEWPORTS ]] || die "a server listens outside 61300-61399: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 76 (held out): real responses captured by
# scripts/corpus/capture-round76.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-75:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the body itself shows (0 = none)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes: for app responses the
#              framework, or the app server when it wrote the page itself
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`, `| jq .`, `-w '%{http_code}'`) or
#              "headers-only" (`curl -sI`, `-sv -o /dev/null`, HTTPie
#              --headers, a status line with its first headers); absent for
#              whole transcripts
# wire_status  body-only pastes: the status the server really sent
EOF_LABELS

T=api.tamarind.test W=api.wrenfield.test O=api.osprey.test H=api.halyard.test B=api.bramble.test M=api.saltmarsh.test
NG=http://$T:61380 NGS=https://$T:61343 AP=http://$W:61381 CD=http://$O:61383 CDS=https://$O:61344
HA=http://$H:61382 VN=http://$B:61390 SQ=http://$M:61350
# one --resolve per front keeps the transcripts short
RNG="--resolve $T:61380:127.0.0.1" RNGS="--resolve $T:61343:127.0.0.1" RAP="--resolve $W:61381:127.0.0.1"
RCD="--resolve $O:61383:127.0.0.1" RCDS="--resolve $O:61344:127.0.0.1" RHA="--resolve $H:61382:127.0.0.1"
RVN="--resolve $B:61390:127.0.0.1" RSQ="--resolve $M:61350:127.0.0.1"
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

# Unknown Hosts (a typo'd or stale staging name, sent to the front's port)
UT=api-staging.tamarind.test UW=api-staging.wrenfield.test UO=api-staging.osprey.test
UH=api-staging.halyard.test UM=api-staging.saltmarsh.test

# ============================================= nginx -> Flask on gunicorn ==
if up nginx; then
    log "capturing: Flask on gunicorn behind nginx"
    S=flask-gunicorn-nginx-night
    # whole transcripts
    cap $S flask-200-order-nginx.txt 200 app flask "order 1 through nginx" "curl -sv, whole" -- -sv $RNG $NG/api/orders/1
    caphttp $S flask-401-account-nginx-httpie.txt 401 app flask "HTTPie, no token: the handler's JSON 401 with its request_id" "HTTPie -v with colours" -- -v GET http://127.0.0.1:61380/api/account Host:$T
    capwin $S flask-409-post-nginx.txt 409 app flask "POST of an existing ref: the handler's JSON 409" "curl -si pasted with CRLF" -- -si $RNG -X POST "${JSONH[@]}" -d '{"ref":"TM-1001","total":3}' $NG/api/orders
    prime 1 $RNG $NG/api/exports/1
    capraw $S nginx-429-limit-req-status.txt 429 proxy nginx "limit_req zone=exports with limit_req_status 429: nginx's stock 429 page" "curl -si saved to a file (CRs kept)" -- -si $RNG $NG/api/exports/2
    cap $S nginx-504-slow.txt 504 proxy nginx "the handler waits 5 s, proxy_read_timeout 3s: nginx's stock 504 page" "curl -sv, whole" -- -sv $RNG $NG/api/slow
    capwget $S nginx-502-legacy-wget.txt 502 proxy nginx "/legacy/ to a port nobody listens on: nginx's stock 502 page" "wget -S -O-" -- --header="Host: $T" http://127.0.0.1:61380/legacy/reports/1
    # body only
    capjq $S body-flask-404-order-nginx.txt 0/404 app flask "order 9: the handler's JSON 404, no number in it" "curl -s | jq ." -- $RNG $NG/api/orders/9
    capbody $S body-flask-500-boom-nginx.txt 500/500 app flask "an unhandled RuntimeError: Werkzeug's HTML 500 page (its title carries the number)" "curl -s" -- $RNG $NG/api/boom
    capbody $S body-flask-502-payments-nginx.txt 502/502 app flask "the app's own HTML 502 page (title '502 Bad Gateway - Tamarind')" "curl -s" -- $RNG $NG/api/payments
    capbody $S body-nginx-502-legacy.txt 502/502 proxy nginx "/legacy/: nginx's stock 502 page" "curl -s" -- $RNG $NG/legacy/reports/2
    capbody $S body-nginx-413-upload.txt 413/413 proxy nginx "a 1.5 MB upload over client_max_body_size 1m: nginx's 413 page" "curl -s" -- $RNG -X POST "${JSONH[@]}" --data-binary @upload-1500k.json $NG/api/uploads
    capbody $S body-nginx-404-unknown-host.txt 404/404 proxy nginx "Host api-staging.tamarind.test: the catch-all server's return 404, nginx's stock page" "curl -s" -- --resolve $UT:61380:127.0.0.1 http://$UT:61380/api/orders/1
    # headers only
    caphead $S head-flask-200-order-nginx.txt 200 app flask "curl -sI on order 1: Flask answers HEAD for its GET route" "curl -sI" -- $RNG $NG/api/orders/1
    caphead $S head-nginx-403-deny.txt 403 proxy nginx "curl -sI on /api/internal/: allow 10.0.0.0/8; deny all" "curl -sI" -- $RNG $NG/api/internal/flags
    caphead $S head-nginx-421-unknown-host-h2.txt 421 proxy nginx "curl -sI over TLS + HTTP/2 with Host/SNI api-staging.tamarind.test: the TLS catch-all's return 421" "curl -sI" -- -k --resolve $UT:61343:127.0.0.1 https://$UT:61343/api/orders/1
    capvnull $S vnull-nginx-401-auth-basic.txt 401 identity nginx "auth_basic on /ops/, no credentials" "curl -sv -o /dev/null, only the < lines kept" -- $RNG $NG/ops/queues
    capvnull $S vnull-flask-422-post-nginx.txt 422 app flask "POST without ref: the handler's JSON 422" "curl -sv -o /dev/null, only the < lines kept" -- $RNG -X POST "${JSONH[@]}" -d '{"total":3}' $NG/api/orders
    caphttph $S httph-nginx-503-billing.txt 503 proxy nginx "return 503 on /api/billing/: nginx's own 503" "HTTPie --headers with colours" -- GET http://127.0.0.1:61380/api/billing/invoices Host:$T
    # cut mid-way
    capcutn $S cut-flask-400-order-id-nginx.txt 400 app flask "an order id that is not a number: the handler's JSON 400" "status line + 4 headers from curl -si" -- 4 i $RNG $NG/api/orders/abc
    prime 1 $RNG $NG/api/reports/1
    capcutn $S cut-nginx-503-limit-req.txt 503 proxy nginx "limit_req zone=reports, the default limit_req_status 503" "status line + 3 headers from curl -sv (< marks)" -- 3 v $RNG $NG/api/reports/2
    capw $S w-flask-403-admin-nginx.txt 403 app flask "the handler's JSON 403, curl's http_code under it" "curl -s -w" -- '\n%{http_code}\n' $RNG $NG/api/admin
    capw $S w-nginx-504-slow.txt 504 proxy nginx "the slow handler again: nginx's 504 page with curl's http_code glued after it" "curl -s -w" -- '%{http_code}' $RNG $NG/api/slow
fi

# ============================================ Apache -> Django on gunicorn ==
if up apache; then
    log "capturing: Django on gunicorn behind Apache"
    S=django-gunicorn-apache-night
    cap $S django-200-order-apache.txt 200 app django "order 1 through Apache" "curl -sv, whole" -- -sv $RAP $AP/api/orders/1
    caphttp $S django-409-post-apache-httpie.txt 409 app django "HTTPie, POST of an existing ref: the view's JSON 409" "HTTPie -v with colours" -- -v POST http://127.0.0.1:61381/api/orders Host:$W ref=WF-1001 total:=3
    cap $S apache-502-slow.txt 502 proxy apache "the view waits 5 s, ProxyTimeout 3: Apache's stock 'Proxy Error' page" "curl -si" -- -si $RAP $AP/api/slow
    capraw $S apache-503-legacy.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's stock 503 page" "curl -si saved to a file (CRs kept)" -- -si $RAP $AP/legacy/reports/2
    capwget $S django-404-route-apache-wget.txt 404 app django "no route, DEBUG off: Django's HTML 'Not Found' page" "wget -S -O-" -- --header="Host: $W" http://127.0.0.1:61381/api/v2/orders
    capjq $S body-django-404-order-apache.txt 0/404 app django "order 9: the view's JSON 404, no number in it" "curl -s | jq ." -- $RAP $AP/api/orders/9
    capjq $S body-django-422-post-apache.txt 0/422 app django "POST without ref: the view's JSON 422, no number in it" "curl -s | jq ." -- $RAP -X POST "${JSONH[@]}" -d '{"total":3}' $AP/api/orders
    capbody $S body-django-500-boom-apache.txt 500/500 app django "an unhandled RuntimeError, DEBUG off: 'Server Error (500)'" "curl -s" -- $RAP $AP/api/boom
    capbody $S body-django-503-statements-apache.txt 503/503 app django "the app's own HTML 503 page (title '503 Service Unavailable | Wrenfield')" "curl -s" -- $RAP $AP/api/statements
    capbody $S body-apache-502-slow.txt 502/502 proxy apache "Apache's '502 Proxy Error' page" "curl -s" -- $RAP $AP/api/slow
    capbody $S body-apache-404-unknown-host.txt 404/404 proxy apache "Host api-staging.wrenfield.test: the first (catch-all) virtual host, Apache's stock 404 page" "curl -s" -- --resolve $UW:61381:127.0.0.1 http://$UW:61381/api/orders/1
    caphead $S head-apache-401-auth-basic.txt 401 identity apache "curl -sI on /ops/: AuthType Basic" "curl -sI" -- $RAP $AP/ops/queues
    caphead $S head-apache-503-legacy.txt 503 proxy apache "curl -sI on /legacy/: nothing listens" "curl -sI" -- $RAP $AP/legacy/reports/3
    capvnull $S vnull-apache-503-billing.txt 503 proxy apache "RewriteRule ^/api/billing/ - [R=503,L]: Apache's own 503" "curl -sv -o /dev/null, only the < lines kept" -- $RAP $AP/api/billing/invoices
    capvnull $S vnull-django-401-account-apache.txt 401 app django "no token: the view's JSON 401" "curl -sv -o /dev/null, only the < lines kept" -- $RAP $AP/api/account
    caphttph $S httph-django-429-quota-apache.txt 429 app django "the view's JSON 429 with Retry-After" "HTTPie --headers with colours" -- GET http://127.0.0.1:61381/api/quota Host:$W
    capcutn $S cut-django-403-admin-apache.txt 403 app django "the view's JSON 403" "status line + 3 headers from curl -sv (< marks)" -- 3 v $RAP $AP/api/admin
    capcutn $S cut-apache-403-require-ip.txt 403 proxy apache "Require ip 10.0.0.0/8 on /api/internal/" "status line + 4 headers from curl -si" -- 4 i $RAP $AP/api/internal/flags
    capw $S w-django-503-maintenance-apache.txt 503 app django "the view's JSON 503, curl's http_code glued after it" "curl -s -w" -- '%{http_code}' $RAP $AP/api/maintenance
fi

# ===================================================== Caddy -> Express ==
if up caddy; then
    log "capturing: Express behind Caddy"
    S=express-caddy-night
    cap $S express-200-order-caddy-h2.txt 200 app express "HTTP/2 over TLS: order 1" "curl -sv, whole" -- -sv -k $RCDS $CDS/api/orders/1
    caphttp $S express-422-post-caddy-httpie.txt 422 app express "HTTPie, POST without ref: the handler's JSON 422" "HTTPie -v with colours" -- -v POST http://127.0.0.1:61383/api/orders Host:$O total:=3
    cap $S caddy-504-slow.txt 504 proxy caddy "the handler waits 5 s, response_header_timeout 3s: Caddy's 504, empty body" "curl -si" -- -si $RCD $CD/api/slow
    capwin $S caddy-502-legacy.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, empty body" "curl -si pasted with CRLF" -- -si $RCD $CD/legacy/reports/1
    cap $S caddy-401-basicauth.txt 401 identity caddy "basicauth /ops/*, no credentials: Caddy's empty 401" "curl -si" -- -si $RCD $CD/ops/queues
    capjq $S body-express-404-order-caddy.txt 0/404 app express "order 9: the handler's JSON 404, no number in it" "curl -s | jq ." -- $RCD $CD/api/orders/9
    capjq $S body-express-503-maintenance-caddy-h2.txt 0/503 app express "HTTP/2 over TLS: the handler's JSON 503" "curl -s | jq ." -- -k $RCDS $CDS/api/maintenance
    capbody $S body-express-404-route-caddy.txt 0/404 app express "no route: Express's 'Cannot GET /api/v2/orders'" "curl -s" -- $RCD $CD/api/v2/orders
    capbody $S body-express-500-boom-caddy.txt 0/500 app express "a thrown Error: finalhandler's 'Internal Server Error'" "curl -s" -- $RCD $CD/api/boom
    capbody $S body-express-502-payments-caddy.txt 502/502 app express "the app's own HTML 502 page (title '502 Bad Gateway · Osprey')" "curl -s" -- $RCD $CD/api/payments
    capbody $S body-caddy-403-respond.txt 0/403 proxy caddy "respond /api/internal/* \"Access denied\" 403" "curl -s" -- $RCD $CD/api/internal/flags
    caphead $S head-caddy-502-legacy.txt 502 proxy caddy "curl -sI on /legacy/: nothing listens" "curl -sI" -- $RCD $CD/legacy/reports/2
    caphead $S head-caddy-200-unknown-host.txt 200 proxy caddy "curl -sI with Host api-staging.osprey.test: no site matches, Caddy's empty 200" "curl -sI" -- --resolve $UO:61383:127.0.0.1 http://$UO:61383/api/orders/1
    capvnull $S vnull-caddy-504-slow-h2.txt 504 proxy caddy "HTTP/2 over TLS: the slow handler, Caddy's 504" "curl -sv -o /dev/null, only the < lines kept" -- -k $RCDS $CDS/api/slow
    capvnull $S vnull-caddy-503-billing.txt 503 proxy caddy "respond /api/billing/* 503" "curl -sv -o /dev/null, only the < lines kept" -- $RCD $CD/api/billing/invoices
    caphttph $S httph-express-401-account-caddy.txt 401 app express "no token: the handler's JSON 401" "HTTPie --headers with colours" -- GET http://127.0.0.1:61383/api/account Host:$O
    capcutn $S cut-express-403-admin-caddy.txt 403 app express "the handler's JSON 403" "status line + 4 headers from curl -si" -- 4 i $RCD $CD/api/admin
    capcutn $S cut-caddy-401-basicauth-wrong-h2.txt 401 identity caddy "HTTP/2 over TLS: basicauth, a wrong password" "status line + 3 headers from curl -sv (< marks)" -- 3 v -k -u ops:wrong $RCDS $CDS/ops/queues
    capw $S w-caddy-502-legacy.txt 502 proxy caddy "/legacy/: Caddy's empty 502, so only curl's http_code shows" "curl -s -w" -- '%{http_code}' $RCD $CD/legacy/reports/3
fi

# ================================================= HAProxy -> FastAPI ==
if up haproxy; then
    log "capturing: FastAPI on uvicorn behind HAProxy"
    S=fastapi-uvicorn-haproxy-night
    cap $S fastapi-200-order-haproxy.txt 200 app fastapi "order 1 through HAProxy" "curl -sv, whole" -- -sv $RHA $HA/api/orders/1
    caphttp $S fastapi-422-post-haproxy-httpie.txt 422 app fastapi "HTTPie, POST without ref: FastAPI's own validation 422" "HTTPie -v with colours" -- -v POST http://127.0.0.1:61382/api/orders Host:$H total:=3
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "the handler waits 5 s, timeout server 3s: Debian's stock 504 errorfile" "curl -si" -- -si $RHA $HA/api/slow
    capraw $S haproxy-421-unknown-host.txt 421 load-balancer haproxy "Host api-staging.halyard.test: http-request deny deny_status 421, HAProxy's built-in page" "curl -si saved to a file (CRs kept)" -- -si --resolve $UH:61382:127.0.0.1 http://$UH:61382/api/orders/1
    capwget $S haproxy-503-billing-wget.txt 503 load-balancer haproxy "/api/billing/ to a backend with no server and its own errorfile 503" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61382/api/billing/invoices
    prime 4 $RHA $HA/api/exports/1
    cap $S haproxy-429-deny-status.txt 429 load-balancer haproxy "stick-table rate over 3 in 10 s on /api/exports/: deny_status 429, HAProxy's built-in page" "curl -sv, whole" -- -sv $RHA $HA/api/exports/2
    capjq $S body-fastapi-404-order-haproxy.txt 0/404 app fastapi "order 9: HTTPException's {\"detail\":...} 404" "curl -s | jq ." -- $RHA $HA/api/orders/9
    capjq $S body-fastapi-422-post-haproxy.txt 0/422 app fastapi "POST without ref: FastAPI's validation body" "curl -s | jq ." -- $RHA -X POST "${JSONH[@]}" -d '{"total":3}' $HA/api/orders
    capbody $S body-fastapi-500-boom-haproxy.txt 0/500 app fastapi "an unhandled RuntimeError: Starlette's text 'Internal Server Error'" "curl -s" -- $RHA $HA/api/boom
    capbody $S body-fastapi-502-payments-haproxy.txt 502/502 app fastapi "the app's own HTML 502 page (title '502 Bad Gateway')" "curl -s" -- $RHA $HA/api/payments
    capbody $S body-haproxy-504-slow.txt 504/504 load-balancer haproxy "Debian's stock 504 errorfile (its h1 carries the number)" "curl -s" -- $RHA $HA/api/slow
    capbody $S body-haproxy-503-billing.txt 0/503 load-balancer haproxy "the maintenance errorfile 'Billing is under maintenance', no number in it" "curl -s" -- $RHA $HA/api/billing/invoices
    caphead $S head-haproxy-403-deny.txt 403 load-balancer haproxy "curl -sI on /api/internal/: http-request deny" "curl -sI" -- $RHA $HA/api/internal/flags
    caphead $S head-haproxy-401-auth.txt 401 identity haproxy "curl -sI on /ops/: http-request auth" "curl -sI" -- $RHA $HA/ops/queues
    capvnull $S vnull-fastapi-429-quota-haproxy.txt 429 app fastapi "HTTPException 429 with Retry-After" "curl -sv -o /dev/null, only the < lines kept" -- $RHA $HA/api/quota
    capvnull $S vnull-fastapi-401-account-haproxy.txt 401 app fastapi "no token: HTTPException 401 with WWW-Authenticate Bearer" "curl -sv -o /dev/null, only the < lines kept" -- $RHA $HA/api/account
    caphttph $S httph-haproxy-421-unknown-host.txt 421 load-balancer haproxy "Host api-staging.halyard.test: deny_status 421" "HTTPie --headers with colours" -- GET http://127.0.0.1:61382/api/orders/1 Host:$UH
    capcutn $S cut-haproxy-503-legacy.txt 503 load-balancer haproxy "/legacy/ to a server nobody listens on: the stock 503 errorfile" "status line + its 2 headers from curl -si (all it has)" -- 3 i $RHA $HA/legacy/reports/2
    capcutn $S cut-fastapi-403-admin-haproxy.txt 403 app fastapi "HTTPException 403" "status line + 3 headers from curl -sv (< marks)" -- 3 v $RHA $HA/api/admin
    capw $S w-fastapi-503-maintenance-haproxy.txt 503 app fastapi "the handler's JSON 503, curl's http_code under it" "curl -s -w" -- '\n%{http_code}\n' $RHA $HA/api/maintenance
fi

# ================================================ Varnish -> Go net/http ==
if up varnish; then
    log "capturing: Go net/http behind Varnish"
    S=go-nethttp-varnish-night
    cap $S nethttp-200-order-varnish-miss.txt 200 app go-net-http "order 1, first request: a MISS" "curl -sv, whole" -- -sv $RVN $VN/api/orders/1
    cap $S varnish-200-order-hit.txt 200 cdn-cache varnish "order 1 again: from Varnish's store" "curl -si" -- -si $RVN $VN/api/orders/1
    caphttp $S nethttp-409-post-varnish-httpie.txt 409 app go-net-http "HTTPie, POST of an existing ref (passed): the handler's JSON 409" "HTTPie -v with colours" -- -v POST http://127.0.0.1:61390/api/orders Host:$B ref=BR-1001 total:=3
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the handler waits 5 s, first_byte_timeout 3s: 'Backend fetch failed'" "curl -si" -- -si $RVN $VN/api/slow
    capwin $S varnish-403-synth-acl.txt 403 cdn-cache varnish "vcl_recv: /api/internal/ from outside acl office, synth(403)" "curl -si pasted with CRLF" -- -si $RVN $VN/api/internal/flags
    capjq $S body-nethttp-404-order-varnish.txt 0/404 app go-net-http "order 9, first request (a MISS): the handler's JSON 404" "curl -s | jq ." -- $RVN $VN/api/orders/9
    capjq $S body-varnish-200-order-hit.txt 0/200 cdn-cache varnish "order 1 a third time, from the store: only the JSON" "curl -s | jq ." -- $RVN $VN/api/orders/1
    capbody $S body-nethttp-404-route-varnish.txt 404/404 app go-net-http "no route (first request): net/http's '404 page not found'" "curl -s" -- $RVN $VN/api/v2/orders
    capbody $S body-nethttp-500-boom-varnish.txt 0/500 app go-net-http "http.Error's plain-text 'internal error'" "curl -s" -- $RVN $VN/api/boom
    capbody $S body-nethttp-503-statements-varnish.txt 503/503 app go-net-http "the app's own HTML 503 page (title '503 Service Unavailable - Bramble')" "curl -s" -- $RVN $VN/api/statements
    capbody $S body-varnish-503-slow.txt 503/503 cdn-cache varnish "'Error 503 Backend fetch failed'" "curl -s" -- $RVN $VN/api/slow
    capbody $S body-varnish-403-synth.txt 403/403 cdn-cache varnish "synth(403): 'Error 403 Forbidden'" "curl -s" -- $RVN $VN/api/internal/flags
    caphead $S head-varnish-200-order-hit.txt 200 cdn-cache varnish "curl -sI on order 1: from the store" "curl -sI" -- $RVN $VN/api/orders/1
    caphead $S head-nethttp-401-account-varnish.txt 401 app go-net-http "curl -sI on /api/account: the handler's 401 (not cacheable, fetched)" "curl -sI" -- $RVN $VN/api/account
    capvnull $S vnull-varnish-304-order-inm.txt 304 cdn-cache varnish "If-None-Match with order 1's ETag: Varnish's 304 from its store" "curl -sv -o /dev/null, only the < lines kept" -- $RVN -H 'If-None-Match: "br-order-1-v7"' $VN/api/orders/1
    capvnull $S vnull-nethttp-422-post-varnish.txt 422 app go-net-http "POST without ref (passed): the handler's JSON 422" "curl -sv -o /dev/null, only the < lines kept" -- $RVN -X POST "${JSONH[@]}" -d '{"total":3}' $VN/api/orders
    caphttph $S httph-varnish-503-probe-sick.txt 503 cdn-cache varnish "/api/reports/ to the backend its probe marks sick: 'Backend fetch failed'" "HTTPie --headers with colours" -- GET http://127.0.0.1:61390/api/reports/3 Host:$B
    prime 3 $RVN $VN/api/exports/1
    capcutn $S cut-varnish-429-vsthrottle.txt 429 cdn-cache varnish "vsthrottle over 3 in 10 s on /api/exports/: synth(429)" "status line + 4 headers from curl -si" -- 4 i $RVN $VN/api/exports/2
    capcutn $S cut-nethttp-403-admin-varnish.txt 403 app go-net-http "the handler's JSON 403" "status line + 4 headers from curl -sv (< marks)" -- 4 v $RVN $VN/api/admin
    log "stopping the Go app"
    stop_name go
    cap $S varnish-200-order-hit-app-stopped.txt 200 cdn-cache varnish "the Go app is stopped: order 1 still from the store" "curl -sv, whole" -- -sv $RVN $VN/api/orders/1
    capw $S w-varnish-503-app-stopped.txt 503 cdn-cache varnish "the Go app is stopped, order 2 never stored: 'Backend fetch failed' with curl's http_code under it" "curl -s -w" -- '\n%{http_code}\n' $RVN $VN/api/orders/2
fi

# ======================================= Squid (accelerator) -> Fastify ==
if up squid; then
    log "capturing: Fastify behind Squid"
    S=fastify-squid-night
    cap $S fastify-200-order-squid-miss.txt 200 app fastify "order 1, first request: a MISS" "curl -sv, whole" -- -sv $RSQ $SQ/api/orders/1
    cap $S squid-200-order-hit.txt 200 cdn-cache squid "order 1 again: from Squid's memory cache" "curl -si" -- -si $RSQ $SQ/api/orders/1
    caphttp $S fastify-401-account-squid-httpie.txt 401 app fastify "HTTPie, no token: the handler's JSON 401" "HTTPie -v with colours" -- -v GET http://127.0.0.1:61350/api/account Host:$M
    cap $S squid-504-slow.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 3 seconds: ERR_READ_TIMEOUT" "curl -si" -- -si $RSQ $SQ/api/slow
    capwget $S squid-403-unknown-host-wget.txt 403 cdn-cache squid "Host api-staging.saltmarsh.test: not our_sites, http_access deny all: ERR_ACCESS_DENIED" "wget -S -O-" -- --header="Host: $UM" http://127.0.0.1:61350/api/orders/1
    capjq $S body-fastify-404-order-squid.txt 404/404 app fastify "order 9: the handler's JSON 404 (statusCode 404 in it)" "curl -s | jq ." -- $RSQ $SQ/api/orders/9
    capjq $S body-fastify-429-quota-squid.txt 429/429 app fastify "the handler's JSON 429 (statusCode 429 in it)" "curl -s | jq ." -- $RSQ $SQ/api/quota
    capjq $S body-fastify-500-boom-squid.txt 500/500 app fastify "a thrown Error: Fastify's default JSON 500 (statusCode 500 in it)" "curl -s | jq ." -- $RSQ $SQ/api/boom
    capbody $S body-fastify-503-statements-squid.txt 503/503 app fastify "the app's own HTML 503 page (title '503 Service Unavailable - Saltmarsh')" "curl -s" -- $RSQ $SQ/api/statements
    capbody $S body-squid-504-slow.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page (its title names the error, not a number)" "curl -s" -- $RSQ $SQ/api/slow
    capbody $S body-squid-403-internal.txt 0/403 cdn-cache squid "http_access deny on /api/internal/: ERR_ACCESS_DENIED page" "curl -s" -- $RSQ $SQ/api/internal/flags
    caphead $S head-squid-200-order-hit.txt 200 cdn-cache squid "curl -sI on order 1: from the store" "curl -sI" -- $RSQ $SQ/api/orders/1
    caphead $S head-squid-403-unknown-host.txt 403 cdn-cache squid "curl -sI with Host api-staging.saltmarsh.test: ERR_ACCESS_DENIED" "curl -sI" -- --resolve $UM:61350:127.0.0.1 http://$UM:61350/api/orders/1
    capvnull $S vnull-squid-304-order-inm.txt 304 cdn-cache squid "If-None-Match with order 1's ETag: Squid's 304 from its store" "curl -sv -o /dev/null, only the < lines kept" -- $RSQ -H 'If-None-Match: "sm-order-1-v2"' $SQ/api/orders/1
    capvnull $S vnull-fastify-422-post-squid.txt 422 app fastify "POST without ref: the handler's JSON 422" "curl -sv -o /dev/null, only the < lines kept" -- $RSQ -X POST "${JSONH[@]}" -d '{"total":3}' $SQ/api/orders
    caphttph $S httph-squid-403-internal.txt 403 cdn-cache squid "http_access deny on /api/internal/" "HTTPie --headers with colours" -- GET http://127.0.0.1:61350/api/internal/flags Host:$M
    capcutn $S cut-fastify-409-post-squid.txt 409 app fastify "POST of an existing ref: the handler's JSON 409" "status line + 4 headers from curl -si" -- 4 i $RSQ -X POST "${JSONH[@]}" -d '{"ref":"SM-1001","total":3}' $SQ/api/orders
    capcutn $S cut-squid-413-body.txt 413 cdn-cache squid "a 1.5 MB upload over request_body_max_size 1 MB: ERR_TOO_BIG" "status line + 3 headers from curl -sv (< marks)" -- 3 v $RSQ -X POST "${BINH[@]}" --data-binary @import-1500k.bin $SQ/api/imports/archive
    log "stopping the Fastify app"
    stop_name fastify
    cap $S squid-200-order-hit-app-stopped.txt 200 cdn-cache squid "Fastify is stopped: order 1 still from the store" "curl -si" -- -si $RSQ $SQ/api/orders/1
    capw $S w-squid-503-app-stopped.txt 503 cdn-cache squid "Fastify is stopped, a path never stored: ERR_CONNECT_FAIL with curl's http_code glued after it" "curl -s -w" -- '%{http_code}' $RSQ $SQ/api/admin
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round76/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
