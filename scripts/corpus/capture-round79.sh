#!/usr/bin/env bash
# capture-round79.sh — build the seventy-ninth held-out evidence corpus in
# tests/fixtures/evidence-round79/.
#
# "Mainstream, one box routing to several apps, as a small company runs
# it": six mainstream fronts, each the one front of a box that routes by
# path prefix or by host name to two or three different mainstream apps
# (round 78's apps, reused from apps78/ (Django from apps79/, its
# ALLOWED_HOSTS from the environment), one instance each; the
# slow app is each app's own /api/slow, which waits 5 s). Front configs in
# conf-round79/:
#   - nginx 1.22 by path: /api/ -> FastAPI, /auth/ -> Express, /billing/ ->
#     Flask; a default_server `return 404`; TLS + HTTP/2;
#   - Caddy 2.6 by subdomain: app. -> Django, api. -> Go net/http; TLS + HTTP/2;
#   - HAProxy 2.6 by path ACLs: /shop/ -> Flask, /catalog/ -> Fastify, /v1/
#     an `http-request return` 404, anything else: no backend (503);
#   - Apache 2.4 ProxyPass per path: /shop/ -> Express, /crm/ -> Django;
#   - Varnish 7.1 backends chosen in vcl_recv by Host: api. -> Go, shop. ->
#     FastAPI, any other Host a synth 404;
#   - Squid 5.7 accelerator, cache_peer_access by domain: api. -> Fastify,
#     app. -> Flask, any other domain denied (403).
# What is captured: each app's own answers through the shared front, the
# front's own answers for a path or host no route matches, one app stopped
# while the others answer, a slow app, cache HITs and 304s on Varnish and
# Squid, HTTP/2 over TLS on nginx and Caddy, body-only and headers-only
# pastes.
#
#   scripts/corpus/capture-round79.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round79.sh   # never call apt-get / npm / pip
#   CORPUS_KEEP_RUN=1 capture-round79.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 61600-61699) and the script stops if a socket held by one of its processes
# listens anywhere else (another helper may run its own servers in its own
# range meanwhile: those are not looked at, and never stopped); every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Labels are written here next
# to each request, before it is made; finish_round79.py refuses (and this
# script then leaves the fixtures as they were) when a label's status is not
# the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round79"
RUN=/tmp/api-triage-corpus79-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round79"
APPS="$HERE/apps78"   # round 78's apps, reused unchanged
FLAGS="$RUN/flags"
NODE_DIR=${CORPUS_NODE79:-/tmp/api-triage-corpus79-node}
GO_DIR=${CORPUS_GO79:-/tmp/api-triage-corpus79-go}
VENV=${CORPUS_VENV79:-/tmp/api-triage-corpus79-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
NPM=(express@4.22.1 fastify@4.29.1)
PYPI=(flask==3.1.3 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0 httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus79 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
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
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus79","private":true}' >"$NODE_DIR/package.json"
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
# only ours are checked against 127.0.0.1 and 61600-61699)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round79.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS && -d $HERE/apps79 ]] || die "missing $CONF, $APPS or $HERE/apps79"
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

# apps: nginx 61680 (TLS 61681): FastAPI 61611, Express 61612, Flask 61613;
# Caddy 61683 (TLS 61684): Django 61621, Go 61622; HAProxy 61685: Flask
# 61631, Fastify 61632; Apache 61682: Express 61641, Django 61642; Varnish
# 61690: Go 61651, FastAPI 61652; Squid 61691: Fastify 61661, Flask 61662.
APP_PORTS=(61611 61612 61613 61621 61622 61631 61632 61641 61642 61651 61652 61661 61662)
FRONT_PORTS=(61680 61681 61682 61683 61684 61685 61690 61691)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(ours_sockets)

# ---- TLS: one self-signed cert for nginx and Caddy --------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Round79/CN=office.kestrel.test" \
    -addext "subjectAltName=DNS:office.kestrel.test,DNS:app.fernhill.test,DNS:api.fernhill.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps (one instance each; REPLICA names the service) -----------------------
declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
flag_on() { mkdir -p "$FLAGS/$1"; : >"$FLAGS/$1/$2"; }
flag_off() { rm -f "$FLAGS/$1/$2"; }
# start_app NAME KIND PORT
start_app() {
    local name=$1 kind=$2 port=$3 e
    mkdir -p "$FLAGS/$name"
    e=(env REPLICA="$name" FLAG_DIR="$FLAGS/$name")
    case $kind in
        flask) start_bg "$name" "${e[@]}" nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:$port --workers 2 \
            --chdir "$APPS" --worker-tmp-dir "$RUN/gunicorn" flask_app:app ;;
        django) start_bg "$name" "${e[@]}" ALLOWED_HOSTS="$DJANGO_HOSTS" nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:$port \
            --workers 2 --chdir "$HERE/apps79" --worker-tmp-dir "$RUN/gunicorn" django_app:application ;;
        express) start_bg "$name" "${e[@]}" "${NODEENV[@]}" "$APPS/express_app.js" $port ;;
        fastapi) start_bg "$name" "${e[@]}" nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS" --host 127.0.0.1 --port $port fastapi_app:app ;;
        go) start_bg "$name" "${e[@]}" nice -n 5 "$GO_DIR/nethttp_app" $port ;;
        fastify) start_bg "$name" "${e[@]}" "${NODEENV[@]}" "$APPS/fastify_app.js" $port ;;
    esac
}
stop_app() {  # stop_app NAME PORT: stop it (by its pid) and wait until its port is closed
    local i
    stop_name "$1"
    for i in $(seq 1 100); do listening "$2" || return 0; sleep 0.1; done
    log "127.0.0.1:$2 still listening"
}
# Django (apps79/django_app.py: round 78's, its ALLOWED_HOSTS read from the
# environment) serves the names its fronts route to it
DJANGO_HOSTS=app.fernhill.test,portal.ashgrove.test,127.0.0.1,localhost
declare -A AKIND=(
    [kestrel-orders]=fastapi [kestrel-auth]=express [kestrel-billing]=flask
    [fernhill-web]=django [fernhill-api]=go
    [dunmore-shop]=flask [dunmore-catalog]=fastify
    [ashgrove-shop]=express [ashgrove-crm]=django
    [hollis-api]=go [hollis-shop]=fastapi
    [quarry-api]=fastify [quarry-app]=flask)
declare -A APORT=(
    [kestrel-orders]=61611 [kestrel-auth]=61612 [kestrel-billing]=61613
    [fernhill-web]=61621 [fernhill-api]=61622
    [dunmore-shop]=61631 [dunmore-catalog]=61632
    [ashgrove-shop]=61641 [ashgrove-crm]=61642
    [hollis-api]=61651 [hollis-shop]=61652
    [quarry-api]=61661 [quarry-app]=61662)
for n in "${!APORT[@]}"; do start_app "$n" "${AKIND[$n]}" "${APORT[$n]}"; done
for n in "${!APORT[@]}"; do wait_port "${APORT[$n]}" "$n" || die "app $n did not start"; done

# ---- the fronts ----------------------------------------------------------------
mkdir -p "$RUN"/apache/logs "$RUN"/apache/htdocs
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 61682 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 61683 caddy && wait_port 61684 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 61685 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:61690 -T none -f "$RUN/varnish/default.vcl" \
    -n "$RUN/varnish/hollis" -s malloc,16m
wait_port 61690 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus79 -f "$RUN/squid/squid.conf"
wait_port 61691 squid && UP[squid]=1

mkdir -p "$RUN"/nginx/tmp
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 61680 nginx && wait_port 61681 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
sleep 2.5   # HAProxy's checks see both servers up

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 61600 || p > 61699) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 61600-61699: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 79 (held out): real responses captured by
# scripts/corpus/capture-round79.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-78:
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

K=office.kestrel.test FW=app.fernhill.test FA=api.fernhill.test D=edge.dunmore.test A=portal.ashgrove.test
VA=api.hollis.test VS=shop.hollis.test QA=api.quarry.test QP=app.quarry.test
NG=http://$K:61680 NGS=https://$K:61681 CW=http://$FW:61683 CA=http://$FA:61683 CWS=https://$FW:61684 CAS=https://$FA:61684
HA=http://$D:61685 AP=http://$A:61682 VNA=http://$VA:61690 VNS=http://$VS:61690 SQA=http://$QA:61691 SQP=http://$QP:61691
RNG="--resolve $K:61680:127.0.0.1" RNGS="--resolve $K:61681:127.0.0.1"
RCW="--resolve $FW:61683:127.0.0.1" RCA="--resolve $FA:61683:127.0.0.1" RCWS="--resolve $FW:61684:127.0.0.1" RCAS="--resolve $FA:61684:127.0.0.1"
RHA="--resolve $D:61685:127.0.0.1" RAP="--resolve $A:61682:127.0.0.1"
RVA="--resolve $VA:61690:127.0.0.1" RVS="--resolve $VS:61690:127.0.0.1" RQA="--resolve $QA:61691:127.0.0.1" RQP="--resolve $QP:61691:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')

# ================== nginx by path: /api/ FastAPI, /auth/ Express, /billing/ Flask ==
if up nginx; then
    log "capturing: nginx -> FastAPI, Express, Flask by path"
    S=nginx-path-fastapi-express-flask
    cap $S fastapi-200-order-nginx.txt 200 app fastapi "/api/orders/1 -> FastAPI (location /api/)" "" -- -sv $RNG $NG/api/orders/1
    cap $S express-200-order-nginx.txt 200 app express "/auth/orders/1 -> Express (/auth/ -> /api/)" "curl -si" -- -si $RNG $NG/auth/orders/1
    cap $S flask-200-order-nginx.txt 200 app flask "/billing/orders/1 -> Flask (/billing/ -> /api/)" "" -- -sv $RNG $NG/billing/orders/1
    caphttp $S express-401-account-nginx-httpie.txt 401 app express "HTTPie, /auth/account without a token: Express's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:61680/auth/account Host:$K
    capraw $S fastapi-422-post-nginx.txt 422 app fastapi "POST /api/orders without ref: FastAPI's own validation 422" "curl -si saved to a file (CRs kept)" -- -si $RNG -X POST "${JSONH[@]}" -d '{"total":3}' $NG/api/orders
    capwin $S flask-409-post-nginx.txt 409 app flask "POST /billing/orders with an existing ref: Flask's JSON 409" "curl -si pasted with CRLF" -- -si $RNG -X POST "${JSONH[@]}" -d '{"ref":"TM-1001","total":3}' $NG/billing/orders
    caplt $S express-403-admin-nginx.txt 403 app express "/auth/admin: Express's JSON 403" "curl -sv, only the < lines kept" -- -sv $RNG $NG/auth/admin
    capcut $S fastapi-400-order-id-nginx.txt 400 app fastapi "/api/orders/abc: FastAPI's HTTPException 400" "curl -si, body cut off after the headers" -- -si $RNG $NG/api/orders/abc
    cap $S flask-404-order-nginx.txt 404 app flask "/billing/orders/9: Flask's JSON 404" "curl -si" -- -si $RNG $NG/billing/orders/9
    cap $S express-404-route-nginx.txt 404 app express "/auth/v2/orders: Express's 'Cannot GET' page" "" -- -sv $RNG $NG/auth/v2/orders
    cap $S flask-500-boom-nginx.txt 500 app flask "/billing/boom: Werkzeug's HTML 500" "curl -si" -- -si $RNG $NG/billing/boom
    cap $S fastapi-503-maintenance-nginx.txt 503 app fastapi "/api/maintenance: FastAPI's JSON 503 with Retry-After" "" -- -sv $RNG $NG/api/maintenance
    cap $S nginx-404-no-route.txt 404 proxy nginx "/reports/q3: no location matches, nginx's static root has no such file: nginx's own 404" "" -- -sv $RNG $NG/reports/q3
    capdump $S nginx-404-unknown-host.txt 404 proxy nginx "Host intranet.kestrel.test: the default_server's return 404" "curl -s -D-" -- -H 'Host: intranet.kestrel.test' http://127.0.0.1:61680/api/orders/1
    cap $S nginx-504-slow-fastapi.txt 504 proxy nginx "/api/slow waits 5 s, proxy_read_timeout 3s: nginx's 504" "curl -si" -- -si $RNG $NG/api/slow
    cap $S fastapi-200-order-nginx-h2.txt 200 app fastapi "HTTP/2 over TLS: /api/orders/1 -> FastAPI" "" -- -sv -k $RNGS $NGS/api/orders/1
    cap $S flask-401-account-nginx-h2.txt 401 app flask "HTTP/2 over TLS: /billing/account, Flask's JSON 401" "curl -si" -- -si -k $RNGS $NGS/billing/account
    cap $S nginx-404-no-route-h2.txt 404 proxy nginx "HTTP/2 over TLS: /status matches no location, nginx's own 404" "curl -si" -- -si -k $RNGS $NGS/status
    cap $S nginx-404-default-server-h2.txt 404 proxy nginx "HTTP/2 over TLS to https://127.0.0.1:61681 (no name): the default_server's return 404" "" -- -sv -k https://127.0.0.1:61681/api/orders/1
    cap $S nginx-504-slow-flask-h2.txt 504 proxy nginx "HTTP/2 over TLS: /billing/slow waits 5 s, proxy_read_timeout 3s: nginx's 504" "curl -si" -- -si -k $RNGS $NGS/billing/slow
    head -c 2000000 /dev/zero | tr '\0' 'x' >"$RUN/work/big.json"
    capcut $S nginx-413-post-too-large.txt 413 proxy nginx "POST of 2 MB to /api/orders: over client_max_body_size (1m, the default), nginx's 413" "curl -si, body cut off after the headers" -- -si $RNG -X POST "${JSONH[@]}" --data-binary @big.json $NG/api/orders
    S=body-only-paste
    capbody $S body-express-404-route-nginx.txt 0/404 app express "Express's 'Cannot GET /api/v2/orders' page (no number in it)" "" -- $RNG $NG/auth/v2/orders
    capbody $S body-nginx-404-no-route.txt 404/404 proxy nginx "nginx's own 404 page (its h1 carries the number)" "" -- $RNG $NG/reports/q3
    S=nginx-path-fastapi-express-flask
    log "stopping kestrel-auth (Express)"
    stop_app kestrel-auth 61612
    cap $S nginx-502-auth-down.txt 502 proxy nginx "Express stopped (connection refused): nginx's 502 for /auth/" "" -- -sv $RNG $NG/auth/account
    caplt $S nginx-502-auth-down-h2.txt 502 proxy nginx "HTTP/2 over TLS: Express stopped, nginx's 502 for /auth/" "curl -sv, only the < lines kept" -- -sv -k $RNGS $NGS/auth/orders/1
    capwget $S flask-200-order-nginx-auth-down-wget.txt 200 app flask "Express still stopped: /billing/orders/1 answered by Flask" "wget -S -O-" -- --header="Host: $K" http://127.0.0.1:61680/billing/orders/1
    cap $S fastapi-404-order-nginx-auth-down.txt 404 app fastapi "Express still stopped: /api/orders/9, FastAPI's HTTPException 404" "curl -si" -- -si $RNG $NG/api/orders/9
    S=headers-only-paste
    caphead $S head-nginx-502-auth-down.txt 502 proxy nginx "curl -sI on /auth/account while Express is stopped" "" -- $RNG $NG/auth/account
    S=body-only-paste
    capbody $S body-nginx-502-auth-down.txt 502/502 proxy nginx "nginx's 502 page, Express stopped" "" -- $RNG $NG/auth/orders/1
fi

# ============================ Caddy by subdomain: app. Django, api. Go ==
if up caddy; then
    log "capturing: Caddy -> Django, Go by host"
    S=caddy-host-django-go
    cap $S django-200-order-caddy.txt 200 app django "app.fernhill.test -> Django: order 1" "" -- -sv $RCW $CW/api/orders/1
    cap $S nethttp-200-order-caddy.txt 200 app go-net-http "api.fernhill.test -> Go: order 1" "curl -si" -- -si $RCA $CA/api/orders/1
    caphttp $S django-409-post-caddy-httpie.txt 409 app django "HTTPie, POST of an existing ref to Django" "HTTPie with colours" -- -v POST http://127.0.0.1:61683/api/orders Host:$FW ref=WF-1001 total:=3
    capraw $S nethttp-422-post-caddy.txt 422 app go-net-http "POST without ref to Go: the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RCA -X POST "${JSONH[@]}" -d '{"total":3}' $CA/api/orders
    capwin $S django-401-account-caddy.txt 401 app django "Django, no token: JSON 401" "curl -si pasted with CRLF" -- -si $RCW $CW/api/account
    caplt $S nethttp-403-admin-caddy.txt 403 app go-net-http "Go /api/admin: the handler's JSON 403" "curl -sv, only the < lines kept" -- -sv $RCA $CA/api/admin
    cap $S django-404-route-caddy.txt 404 app django "Django, no URL pattern: Django's 'Not Found' page" "curl -si" -- -si $RCW $CW/api/v2/orders
    cap $S nethttp-404-route-caddy.txt 404 app go-net-http "Go, no route: net/http's '404 page not found'" "" -- -sv $RCA $CA/api/v2/orders
    capcut $S django-500-boom-caddy.txt 500 app django "Django's 'Server Error (500)'" "curl -si, body cut off after the headers" -- -si $RCW $CW/api/boom
    cap $S nethttp-500-boom-caddy.txt 500 app go-net-http "http.Error's plain-text 500" "curl -si" -- -si $RCA $CA/api/boom
    cap $S django-503-maintenance-caddy.txt 503 app django "Django's JSON 503 with Retry-After" "" -- -sv $RCW $CW/api/maintenance
    cap $S caddy-200-unknown-host.txt 200 proxy caddy "Host www.fernhill.test: no site block matches, Caddy's empty 200" "" -- -sv -H 'Host: www.fernhill.test' http://127.0.0.1:61683/api/orders/1
    cap $S caddy-504-slow-django.txt 504 proxy caddy "Django /api/slow waits 5 s, response_header_timeout 3s: Caddy's empty 504" "curl -si" -- -si $RCW $CW/api/slow
    cap $S django-200-order-caddy-h2.txt 200 app django "HTTP/2 over TLS: Django order 1" "" -- -sv -k $RCWS $CWS/api/orders/1
    cap $S nethttp-404-order-caddy-h2.txt 404 app go-net-http "HTTP/2 over TLS: Go order 9, JSON 404" "curl -si" -- -si -k $RCAS $CAS/api/orders/9
    cap $S caddy-504-slow-django-h2.txt 504 proxy caddy "HTTP/2 over TLS: Django /api/slow, response_header_timeout 3s: Caddy's empty 504" "" -- -sv -k $RCWS $CWS/api/slow
    caplt $S caddy-200-unknown-host-lt.txt 200 proxy caddy "Host staging.fernhill.test: no site block matches, Caddy's empty 200" "curl -sv, only the < lines kept" -- -sv -H 'Host: staging.fernhill.test' http://127.0.0.1:61683/
    S=body-only-paste
    capbody $S body-django-404-route-caddy.txt 0/404 app django "Django's 'Not Found' HTML page (h1 has no number)" "" -- $RCW $CW/api/v2/orders
    capbody $S body-nethttp-400-order-id-caddy.txt 0/400 app go-net-http "Go's JSON 400 for a non-numeric order id" "" -- $RCA $CA/api/orders/abc
    S=caddy-host-django-go
    log "stopping fernhill-api (Go)"
    stop_app fernhill-api 61622
    cap $S caddy-502-api-down.txt 502 proxy caddy "Go stopped (connection refused): Caddy's empty 502 for api." "" -- -sv $RCA $CA/api/orders/1
    cap $S django-200-order-caddy-api-down.txt 200 app django "Go still stopped: app. answered by Django" "curl -si" -- -si $RCW $CW/api/orders/1
    capwget $S caddy-502-api-down-wget.txt 502 proxy caddy "Go still stopped: Caddy's empty 502" "wget -S -O-" -- --header="Host: $FA" http://127.0.0.1:61683/api/orders/9
    capcut $S caddy-502-api-down-h2.txt 502 proxy caddy "HTTP/2 over TLS: Go still stopped, Caddy's empty 502" "curl -si, body cut off after the headers" -- -si -k $RCAS $CAS/api/account
    S=headers-only-paste
    caphead $S head-caddy-502-api-down.txt 502 proxy caddy "curl -sI on api. while Go is stopped" "" -- $RCA $CA/api/orders/1
fi

# ================== HAProxy by path ACL: /shop/ Flask, /catalog/ Fastify ==
if up haproxy; then
    log "capturing: HAProxy -> Flask, Fastify by path"
    S=haproxy-path-flask-fastify
    cap $S flask-200-order-haproxy.txt 200 app flask "/shop/orders/1 -> backend shop (Flask)" "" -- -sv $RHA $HA/shop/orders/1
    cap $S fastify-200-order-haproxy.txt 200 app fastify "/catalog/orders/1 -> backend catalog (Fastify)" "curl -si" -- -si $RHA $HA/catalog/orders/1
    caphttp $S fastify-422-post-haproxy-httpie.txt 422 app fastify "HTTPie, POST without ref to Fastify: JSON 422" "HTTPie with colours" -- -v POST http://127.0.0.1:61685/catalog/orders Host:$D total:=3
    capraw $S flask-422-post-haproxy.txt 422 app flask "POST without ref to Flask: JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RHA -X POST "${JSONH[@]}" -d '{"total":3}' $HA/shop/orders
    capwin $S fastify-401-account-haproxy.txt 401 app fastify "Fastify, no token: JSON 401 with WWW-Authenticate Bearer" "curl -si pasted with CRLF" -- -si $RHA $HA/catalog/account
    caplt $S flask-403-admin-haproxy.txt 403 app flask "Flask /api/admin: JSON 403" "curl -sv, only the < lines kept" -- -sv $RHA $HA/shop/admin
    cap $S flask-404-route-haproxy.txt 404 app flask "Flask, no route: Werkzeug's HTML 404" "curl -si" -- -si $RHA $HA/shop/v2/orders
    cap $S fastify-404-route-haproxy.txt 404 app fastify "Fastify, no route: its default JSON 404" "" -- -sv $RHA $HA/catalog/v2/orders
    cap $S fastify-500-boom-haproxy.txt 500 app fastify "a thrown Error: Fastify's JSON 500" "curl -si" -- -si $RHA $HA/catalog/boom
    capcut $S flask-503-maintenance-haproxy.txt 503 app flask "Flask's JSON 503 with Retry-After" "curl -si, body cut off after the headers" -- -si $RHA $HA/shop/maintenance
    cap $S haproxy-503-no-backend.txt 503 load-balancer haproxy "/blog/ matches no ACL and there is no default_backend: Debian's 503 errorfile" "" -- -sv $RHA $HA/blog/
    cap $S haproxy-404-v1-return.txt 404 load-balancer haproxy "/v1/orders/1: the configured http-request return 404 (JSON)" "curl -si" -- -si $RHA $HA/v1/orders/1
    caphttp $S haproxy-404-v1-return-httpie.txt 404 load-balancer haproxy "HTTPie, /v1/account: the configured http-request return 404 (JSON)" "HTTPie with colours" -- -v GET http://127.0.0.1:61685/v1/account Host:$D
    capcut $S haproxy-503-no-backend-cut.txt 503 load-balancer haproxy "/admin/ matches no ACL, no default_backend: Debian's 503 errorfile" "curl -si, body cut off after the headers" -- -si $RHA $HA/admin/
    cap $S haproxy-504-slow-flask.txt 504 load-balancer haproxy "/shop/slow waits 5 s, timeout server 3s: Debian's 504 errorfile" "" -- -sv $RHA $HA/shop/slow
    S=body-only-paste
    capbody $S body-haproxy-503-no-backend.txt 503/503 load-balancer haproxy "Debian's 503 errorfile, no route" "" -- $RHA $HA/
    capbody $S body-fastify-404-order-haproxy.txt 404/404 app fastify "Fastify's JSON 404 (statusCode 404 in it)" "" -- $RHA $HA/catalog/orders/9
    S=haproxy-path-flask-fastify
    log "stopping dunmore-catalog (Fastify)"
    stop_app dunmore-catalog 61632
    sleep 3   # fall 2 at inter 1s: the server is down by its check
    cap $S haproxy-503-catalog-down.txt 503 load-balancer haproxy "Fastify stopped, down by its check: Debian's 503 errorfile for /catalog/" "" -- -sv $RHA $HA/catalog/orders/1
    capwget $S flask-404-order-haproxy-catalog-down-wget.txt 404 app flask "Fastify still stopped: /shop/orders/9, Flask's JSON 404" "wget -S -O-" -- --header="Host: $D" http://127.0.0.1:61685/shop/orders/9
    S=headers-only-paste
    caphead $S head-haproxy-503-catalog-down.txt 503 load-balancer haproxy "curl -sI on /catalog/ while Fastify is down" "" -- $RHA $HA/catalog/orders/1
fi

# ====================== Apache ProxyPass per path: /shop/ Express, /crm/ Django ==
if up apache; then
    log "capturing: Apache -> Express, Django by path"
    S=apache-path-express-django
    cap $S express-200-order-apache.txt 200 app express "/shop/orders/1 -> Express (ProxyPass /shop/)" "" -- -sv $RAP $AP/shop/orders/1
    cap $S django-200-order-apache.txt 200 app django "/crm/orders/1 -> Django (ProxyPass /crm/)" "curl -si" -- -si $RAP $AP/crm/orders/1
    caphttp $S express-409-post-apache-httpie.txt 409 app express "HTTPie, POST of an existing ref to Express: JSON 409" "HTTPie with colours" -- -v POST http://127.0.0.1:61682/shop/orders Host:$A ref=OS-1001 total:=3
    capraw $S django-422-post-apache.txt 422 app django "POST without ref to Django: JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RAP -X POST "${JSONH[@]}" -d '{"total":3}' $AP/crm/orders
    capwin $S express-400-order-id-apache.txt 400 app express "Express /api/orders/abc: JSON 400" "curl -si pasted with CRLF" -- -si $RAP $AP/shop/orders/abc
    caplt $S django-403-admin-apache.txt 403 app django "Django /api/admin: JSON 403" "curl -sv, only the < lines kept" -- -sv $RAP $AP/crm/admin
    cap $S express-500-boom-apache.txt 500 app express "a thrown Error: Express's finalhandler 500 page" "curl -si" -- -si $RAP $AP/shop/boom
    cap $S django-404-order-apache.txt 404 app django "Django order 9: JSON 404" "" -- -sv $RAP $AP/crm/orders/9
    capcut $S express-503-maintenance-apache.txt 503 app express "Express's JSON 503 with Retry-After" "curl -si, body cut off after the headers" -- -si $RAP $AP/shop/maintenance
    cap $S apache-404-no-route.txt 404 proxy apache "/intranet/ matches no ProxyPass: the empty DocumentRoot, Apache's own 404" "" -- -sv $RAP $AP/intranet/
    cap $S apache-403-root.txt 403 proxy apache "/: the DocumentRoot folder has no index and Options has no Indexes: Apache's own 403" "curl -si" -- -si $RAP $AP/
    # run 2 labelled this 504 ("Gateway Timeout"); Apache sent 502: relabelled, said in the README
    cap $S apache-502-slow-django.txt 502 proxy apache "/crm/slow waits 5 s, ProxyTimeout 3: Apache's 502 Proxy Error page (Error reading from remote server)" "curl -si" -- -si $RAP $AP/crm/slow
    S=body-only-paste
    # run 4 labelled this 0 ("no number in it"); its <title> reads "404 Not Found": relabelled, said in the README
    capbody $S body-apache-404-no-route.txt 404/404 proxy apache "Apache's 'Not Found' page (its title carries the number)" "" -- $RAP $AP/intranet/
    S=apache-path-express-django
    log "stopping ashgrove-shop (Express)"
    stop_app ashgrove-shop 61641
    cap $S apache-503-shop-down.txt 503 proxy apache "Express stopped (connection refused): Apache's 503 Service Unavailable" "" -- -sv $RAP $AP/shop/orders/1
    caphttp $S apache-503-shop-down-httpie.txt 503 proxy apache "HTTPie, Express still stopped: Apache's 503" "HTTPie with colours" -- -v GET http://127.0.0.1:61682/shop/account Host:$A
    capwget $S django-401-account-apache-shop-down-wget.txt 401 app django "Express still stopped: /crm/account, Django's JSON 401" "wget -S -O-" -- --header="Host: $A" http://127.0.0.1:61682/crm/account
    S=body-only-paste
    # run 4 labelled this 0 ("no number in it"); its <title> reads "503 Service Unavailable": relabelled, said in the README
    capbody $S body-apache-503-shop-down.txt 503/503 proxy apache "Apache's 'Service Unavailable' page (its title carries the number)" "" -- $RAP $AP/shop/account
    S=headers-only-paste
    caphead $S head-apache-503-shop-down.txt 503 proxy apache "curl -sI on /shop/ while Express is stopped" "" -- $RAP $AP/shop/orders/1
fi

# ====================== Varnish by Host: api. Go, shop. FastAPI ==
if up varnish; then
    log "capturing: Varnish -> Go, FastAPI by host"
    S=varnish-host-go-fastapi
    cap $S nethttp-200-order-varnish-miss.txt 200 app go-net-http "api.hollis.test order 1, first request: a MISS from Go" "" -- -sv $RVA $VNA/api/orders/1
    cap $S varnish-200-order-hit.txt 200 cdn-cache varnish "api.hollis.test order 1 again: a HIT" "curl -si" -- -si $RVA $VNA/api/orders/1
    caplt $S varnish-304-order-inm.txt 304 cdn-cache varnish "If-None-Match with Go order 1's ETag: Varnish's 304 from its store" "curl -sv, only the < lines kept" -- -sv $RVA -H 'If-None-Match: "br-order-1-v7"' $VNA/api/orders/1
    cap $S fastapi-200-order-varnish.txt 200 app fastapi "shop.hollis.test order 1 -> FastAPI (not cacheable)" "curl -si" -- -si $RVS $VNS/api/orders/1
    caphttp $S fastapi-409-post-varnish-httpie.txt 409 app fastapi "HTTPie, POST of an existing ref to FastAPI (passed)" "HTTPie with colours" -- -v POST http://127.0.0.1:61690/api/orders Host:$VS ref=HY-1001 total:=3
    capraw $S nethttp-401-account-varnish.txt 401 app go-net-http "Go, no token: JSON 401" "curl -si saved to a file (CRs kept)" -- -si $RVA $VNA/api/account
    capwin $S fastapi-403-admin-varnish.txt 403 app fastapi "FastAPI /api/admin: HTTPException 403" "curl -si pasted with CRLF" -- -si $RVS $VNS/api/admin
    capcut $S fastapi-500-boom-varnish.txt 500 app fastapi "Starlette's text 500" "curl -si, body cut off after the headers" -- -si $RVS $VNS/api/boom
    cap $S nethttp-503-maintenance-varnish.txt 503 app go-net-http "Go's JSON 503 with Retry-After" "" -- -sv $RVA $VNA/api/maintenance
    cap $S fastapi-404-route-varnish.txt 404 app fastapi "FastAPI, no route: {\"detail\":\"Not Found\"}" "curl -si" -- -si $RVS $VNS/api/v2/orders
    cap $S varnish-404-unknown-host.txt 404 cdn-cache varnish "Host www.hollis.test: vcl_recv's synth(404, \"Unknown site\")" "" -- -sv -H 'Host: www.hollis.test' http://127.0.0.1:61690/
    caphttp $S varnish-404-unknown-host-httpie.txt 404 cdn-cache varnish "HTTPie, Host hollis.test: vcl_recv's synth 404" "HTTPie with colours" -- -v GET http://127.0.0.1:61690/api/orders/1 Host:hollis.test
    cap $S varnish-503-slow-fastapi.txt 503 cdn-cache varnish "FastAPI /api/slow waits 5 s, first_byte_timeout 3s: 'Backend fetch failed'" "curl -si" -- -si $RVS $VNS/api/slow
    S=body-only-paste
    capbody $S body-varnish-404-unknown-host.txt 404/404 cdn-cache varnish "Varnish's synth page 'Error 404 Unknown site'" "" -- -H 'Host: blog.hollis.test' http://127.0.0.1:61690/
    capbody $S body-fastapi-404-order-varnish.txt 0/404 app fastapi "FastAPI's {\"detail\":...} 404 body" "" -- $RVS $VNS/api/orders/9
    S=varnish-host-go-fastapi
    log "stopping hollis-api (Go)"
    stop_app hollis-api 61651
    cap $S varnish-200-order-hit-api-down.txt 200 cdn-cache varnish "Go stopped: order 1 still fresh in the store, a HIT" "curl -si" -- -si $RVA $VNA/api/orders/1
    cap $S varnish-503-api-down.txt 503 cdn-cache varnish "Go stopped: 'Backend fetch failed' for api." "" -- -sv $RVA $VNA/api/account
    capwget $S fastapi-401-account-varnish-api-down-wget.txt 401 app fastapi "Go still stopped: shop. answered by FastAPI (JSON 401)" "wget -S -O-" -- --header="Host: $VS" http://127.0.0.1:61690/api/account
    S=headers-only-paste
    caphead $S head-varnish-503-api-down.txt 503 cdn-cache varnish "curl -sI on api. while Go is stopped" "" -- $RVA $VNA/api/rates
    caphead $S head-varnish-200-order-hit-api-down.txt 200 cdn-cache varnish "curl -sI on order 1 while Go is stopped: from the store" "" -- $RVA $VNA/api/orders/1
fi

# ====================== Squid by domain: api. Fastify, app. Flask ==
if up squid; then
    log "capturing: Squid -> Fastify, Flask by domain"
    S=squid-domain-fastify-flask
    cap $S fastify-200-order-squid-miss.txt 200 app fastify "api.quarry.test order 1, first request: a MISS from Fastify" "" -- -sv $RQA $SQA/api/orders/1
    cap $S squid-200-order-hit.txt 200 cdn-cache squid "order 1 again: a HIT from Squid's memory" "curl -si" -- -si $RQA $SQA/api/orders/1
    caplt $S squid-304-order-inm.txt 304 cdn-cache squid "If-None-Match with order 1's ETag: Squid's 304 from its store" "curl -sv, only the < lines kept" -- -sv $RQA -H 'If-None-Match: "sm-order-1-v2"' $SQA/api/orders/1
    cap $S flask-200-order-squid.txt 200 app flask "app.quarry.test order 1 -> Flask" "curl -si" -- -si $RQP $SQP/api/orders/1
    caphttp $S flask-401-account-squid-httpie.txt 401 app flask "HTTPie, Flask, no token: JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:61691/api/account Host:$QP
    capraw $S fastify-409-post-squid.txt 409 app fastify "POST of an existing ref to Fastify: JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RQA -X POST "${JSONH[@]}" -d '{"ref":"SM-1001","total":3}' $SQA/api/orders
    capwin $S flask-400-order-id-squid.txt 400 app flask "Flask /api/orders/abc: JSON 400" "curl -si pasted with CRLF" -- -si $RQP $SQP/api/orders/abc
    cap $S fastify-403-admin-squid.txt 403 app fastify "Fastify /api/admin: JSON 403" "" -- -sv $RQA $SQA/api/admin
    capcut $S flask-404-route-squid.txt 404 app flask "Flask, no route: Werkzeug's HTML 404" "curl -si, body cut off after the headers" -- -si $RQP $SQP/api/v2/orders
    cap $S flask-503-maintenance-squid.txt 503 app flask "Flask's JSON 503 with Retry-After" "curl -si" -- -si $RQP $SQP/api/maintenance
    cap $S squid-403-unknown-domain.txt 403 cdn-cache squid "Host www.quarry.test: no http_access allows it, ERR_ACCESS_DENIED" "" -- -sv -H 'Host: www.quarry.test' http://127.0.0.1:61691/
    capwget $S squid-403-unknown-domain-wget.txt 403 cdn-cache squid "Host quarry.test: no http_access allows it, ERR_ACCESS_DENIED" "wget -S -O-" -- --header="Host: quarry.test" http://127.0.0.1:61691/api/orders/1
    cap $S squid-504-slow-flask.txt 504 cdn-cache squid "Flask /api/slow waits 5 s, read_timeout 3 seconds: ERR_READ_TIMEOUT" "curl -si" -- -si $RQP $SQP/api/slow
    S=body-only-paste
    capbody $S body-squid-403-unknown-domain.txt 0/403 cdn-cache squid "Squid's ERR_ACCESS_DENIED page (its title names no number)" "" -- -H 'Host: shop.quarry.test' http://127.0.0.1:61691/api/orders/1
    S=squid-domain-fastify-flask
    log "stopping quarry-api (Fastify)"
    stop_app quarry-api 61661
    cap $S squid-200-order-hit-api-down.txt 200 cdn-cache squid "Fastify stopped: order 1 still fresh in Squid's memory, a HIT" "curl -si" -- -si $RQA $SQA/api/orders/1
    cap $S squid-503-api-down.txt 503 cdn-cache squid "Fastify stopped: Squid's error page (503)" "" -- -sv $RQA $SQA/api/account
    capwget $S flask-404-order-squid-api-down-wget.txt 404 app flask "Fastify still stopped: app. answered by Flask (JSON 404)" "wget -S -O-" -- --header="Host: $QP" http://127.0.0.1:61691/api/orders/9
    S=headers-only-paste
    caphead $S head-squid-503-api-down.txt 503 cdn-cache squid "curl -sI on api. while Fastify is stopped" "" -- $RQA $SQA/api/rates
    caphead $S head-squid-200-order-hit-api-down.txt 200 cdn-cache squid "curl -sI on order 1 while Fastify is stopped: from Squid's memory" "" -- $RQA $SQA/api/orders/1
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round79/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
