#!/usr/bin/env bash
# capture-round96.sh — build the ninety-sixth held-out evidence corpus in
# tests/fixtures/evidence-round96/.
#
# "Caches answering by themselves, a second look" (round 74 was the first):
# six cache + app setups, three Varnish and three Squid (a reverse
# accelerator), each in front of another mainstream app whose own Server
# header (where it sends one) stays on what the cache keeps (configs in
# scripts/corpus/conf-round96/):
#   - Varnish 7.1 -> Flask 3.1 on Werkzeug's dev server (apps74/flask_app.py);
#   - Varnish 7.1 -> Express 4 (apps74/express_app.js, X-Powered-By only);
#   - Varnish 7.1 -> gin 1.8 (apps96/gin_catalog.go, new; no Server);
#   - Squid 5.7 -> Django 5.2 on Waitress (apps74/django_app.py);
#   - Squid 5.7 -> Fastify 4 (apps96/fastify_catalog.js, new; no Server);
#   - Squid 5.7 -> Sinatra 3 on WEBrick (apps96/sinatra_catalog.rb, new).
# Captured: what the cache answers from its store (HITs of a 200 and of the
# app's cacheable 404 (Varnish), 304s to If-None-Match / If-Modified-Since, Squid's
# 412 to If-Match, HEAD from the store, a grace copy and fresh HITs while the
# app is down, Varnish's purge / ban answers, Squid's only-if-cached
# answers), what it writes itself (503/504 when the app is down or slow,
# Varnish synth pages, Squid ERR_ pages and 431), and what it passes on (the
# apps' MISS / pass answers in their own formats). Plain HTTP/1.1.
#
#   scripts/corpus/capture-round96.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round96.sh   # never call apt-get / pip / npm / go build
#   CORPUS_KEEP_RUN=1 capture-round96.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 59500-59999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers in
# 59000-59499 meanwhile: those are not looked at, and never stopped); every
# curl, HTTPie and wget request runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round96.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the
# wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round96"
RUN=/tmp/api-triage-corpus96-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round96"
APPS74="$HERE/apps74"
APPS96="$HERE/apps96"
NODE_DIR=${CORPUS_NODE96:-/tmp/api-triage-corpus96-node}
VENV=${CORPUS_VENV96:-/tmp/api-triage-corpus96-venv}
GO_DIR=${CORPUS_GO96:-/tmp/api-triage-corpus96-go}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(flask==3.1.3 werkzeug==3.1.9 django==5.2.19 waitress==3.0.2 httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus96 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget varnish squid python3-venv nodejs golang-go golang-github-gin-gonic-gin-dev ruby-sinatra ruby-webrick)
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

install_venv() {  # Flask, Werkzeug, Django, Waitress, HTTPie (a copy of round 74's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import flask, werkzeug, django, waitress, httpie" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

NODE_PKGS=(express@4.22.1 fastify@4.29.1)
install_node() {  # Express and Fastify (a copy of round 93's node folder), from npm when missing
    local m ok=1
    for m in express fastify; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node packages missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus96","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund "${NODE_PKGS[@]}") >>"$RUN/logs/npm.log" 2>&1 \
        || SKIPPED[node]="npm install failed (see logs/npm.log)"
}

build_go() {  # the gin app, offline in GOPATH mode against Debian's gocode (kept when newer than its source)
    local f=gin_catalog
    mkdir -p "$GO_DIR"
    [[ -x $GO_DIR/$f && $GO_DIR/$f -nt $APPS96/$f.go ]] && return 0
    [[ -x $GO_DIR/$f && ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && return 0
    log "go build $f"
    (cd "$APPS96" && GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$GO_DIR:/usr/share/gocode" GOCACHE="$GO_DIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GO_DIR/$f" "$f.go") >>"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[$f]="go build $f failed (see logs/go-build.log)"
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
# only ours are checked against 127.0.0.1 and 59500-59999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round96.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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



# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS74 && -d $APPS96 ]] || die "missing $CONF or an apps folder"
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
[[ -z ${SKIPPED[node]:-} ]] || die "the Node packages are missing (${SKIPPED[node]}; copy round 93's node folder to $NODE_DIR)"
[[ -z ${SKIPPED[gin_catalog]:-} && -x $GO_DIR/gin_catalog ]] || die "gin_catalog did not build (see $RUN/logs/go-build.log)"
for p in varnish squid nodejs ruby-sinatra ruby-webrick; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Caches: Varnish 59601 (Flask), 59602 (Express), 59603 (gin); Squid 59604
# (Django), 59605 (Fastify), 59606 (Sinatra). Apps: gin 59701, Fastify 59702,
# Sinatra 59703, Flask 59704, Express 59705, Django 59706.
TCP_PORTS=(59601 59602 59603 59604 59605 59606 59701 59702 59703 59704 59705 59706)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    gin) start_bg gin nice -n 5 "$GO_DIR/gin_catalog" 59701; wait_port 59701 gin ;;
    fastify) start_bg fastify "${NODEENV[@]}" "$APPS96/fastify_catalog.js" 59702; wait_port 59702 fastify ;;
    sinatra) start_bg sinatra nice -n 5 ruby "$APPS96/sinatra_catalog.rb" 59703; wait_port 59703 sinatra ;;
    flask) start_bg flask nice -n 5 "$VPY" "$APPS74/flask_app.py" 59704; wait_port 59704 flask ;;
    express) start_bg express "${NODEENV[@]}" "$APPS74/express_app.js" 59705; wait_port 59705 express ;;
    django) start_bg django env PYTHONPATH="$APPS74" nice -n 5 "$VPY" -m waitress --listen=127.0.0.1:59706 --threads=4 django_app:application
        wait_port 59706 django ;;
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
for a in gin fastify sinatra flask express django; do start_app $a || die "$a did not start"; done

# ---- the caches -------------------------------------------------------------------
start_varnish() {  # start_varnish NAME PORT APPPORT
    mkdir -p "$RUN/varnish-$1"
    sed -e "s|@APPPORT@|$3|g" -e "s|@NAME@|$1|g" "$CONF/varnish.vcl" >"$RUN/varnish-$1/edge.vcl"
    start_bg "varnish-$1" varnishd -F -a "127.0.0.1:$2" -T none -f "$RUN/varnish-$1/edge.vcl" -n "$RUN/varnish-$1/work" -s malloc,16m
    wait_port "$2" "varnish-$1" && UP[varnish-$1]=1
}
start_squid() {  # start_squid NAME PORT APPPORT SITE
    mkdir -p "$RUN/squid-$1"
    sed -e "s|@RUN@|$RUN|g" -e "s|@NAME@|$1|g" -e "s|@PORT@|$2|g" -e "s|@APPPORT@|$3|g" -e "s|@SITE@|$4|g" \
        "$CONF/squid.conf" >"$RUN/squid-$1/squid.conf"
    chown -R proxy: "$RUN/squid-$1" 2>/dev/null || true
    start_bg "squid-$1" squid -N -n "corpus96$1" -f "$RUN/squid-$1/squid.conf"
    wait_port "$2" "squid-$1" && UP[squid-$1]=1
}
start_varnish flask 59601 59704
start_varnish express 59602 59705
start_varnish gin 59603 59701
start_squid django 59604 59706 api.fernhill.test
start_squid fastify 59605 59702 api.quillon.test
start_squid sinatra 59606 59703 api.brackenridge.test
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 59500 || p > 59999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 59500-59999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 96 (held out): real responses captured by
# scripts/corpus/capture-round96.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-95:
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
BIGBODY=$(head -c 2048 /dev/zero | tr '\0' 'x')
BIG=(-X POST "${JSONH[@]}" -d "{\"sku\":\"$BIGBODY\"}")
BIGH8="X-Trace-Context: $(head -c 8192 /dev/zero | tr '\0' 'b')"
PK=(-H 'X-Purge-Key: edge-96')
ETAGOLD='If-Match: "stale-etag-v0"'
IMS='If-Modified-Since: Mon, 02 Jun 2025 08:00:00 GMT'

# ====================================== Varnish -> Flask on Werkzeug ==
if up varnish-flask; then
    log "capturing: Flask on Werkzeug behind Varnish"
    S=flask-werkzeug-varnish-r96
    H=api.larkspur.test V=http://api.larkspur.test:59601 RV="--resolve api.larkspur.test:59601:127.0.0.1"
    cap $S flask-200-product-varnish-miss.txt 200 app flask "product 1, the first request since Varnish started empty: a MISS, Flask's JSON with Werkzeug's Server passed on" "curl -sv; X-Cache: MISS" -- -sv $RV $V/api/products/1
    cap $S varnish-200-product-hit.txt 200 cdn-cache varnish "product 1 again within max-age=300: a HIT from Varnish's store, the stored Server still says Werkzeug" "curl -si; X-Cache: HIT" -- -si $RV $V/api/products/1
    caplt $S varnish-304-product-if-none-match.txt 304 cdn-cache varnish "product 1 with If-None-Match of its ETag: Varnish's 304 from its store" "curl -sv, only the < lines kept" -- -sv $RV -H 'If-None-Match: "lk-p1-v4"' $V/api/products/1
    cap $S varnish-304-product-if-modified-since.txt 304 cdn-cache varnish "product 1 with If-Modified-Since its Last-Modified (a Monday, as dated): Varnish's 304 from its store" "curl -si" -- -si $RV -H "$IMS" $V/api/products/1
    cap $S flask-404-product9-varnish-miss.txt 404 app flask "product 9: the view's JSON 404 with public, max-age=120, a MISS" "curl -si" -- -si $RV $V/api/products/9
    capcut $S flask-404-product9-varnish-hit.txt 404 app flask "product 9 again: the app's 404 replayed from Varnish's store (a HIT of the app's answer)" "curl -si, body cut off after the headers" -- -si $RV $V/api/products/9
    cap $S flask-200-rates-varnish-miss.txt 200 app flask "the rates (max-age=2), a MISS" "curl -si" -- -si $RV $V/api/rates
    cap $S flask-400-product-bad-id-varnish.txt 400 app flask "product 'abc': the view's JSON 400 (no-store, passed on)" "curl -si" -- -si $RV $V/api/products/abc
    capwin $S flask-401-account-varnish.txt 401 app flask "no token: the view's JSON 401 with WWW-Authenticate" "curl -si pasted with CRLF" -- -si $RV $V/api/account
    cap $S flask-500-boom-varnish.txt 500 app flask "an unhandled RuntimeError: Werkzeug's HTML 500 page, passed on" "curl -sv" -- -sv $RV $V/api/boom
    cap $S flask-404-unrouted-varnish.txt 404 app flask "/api/v2/products, no route: Werkzeug's HTML 404 page, passed on" "curl -si" -- -si $RV $V/api/v2/products
    capbody body-only-paste body-flask-404-unrouted.txt 404/404 app flask "Werkzeug's 404 page, its title shows 404" "" -- $RV "$V/api/v2/products?from=dashboard"
    capraw $S flask-503-statements-html-varnish.txt 503 app flask "the app's own HTML 503 page (no-store, passed on)" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/statements
    cap $S varnish-200-purge-product.txt 200 cdn-cache varnish "PURGE /api/products/1 with the purge key: Varnish's synth 200 'Purged'" "curl -sv" -- -sv $RV -X PURGE "${PK[@]}" $V/api/products/1
    cap $S flask-200-product-varnish-miss-after-purge.txt 200 app flask "product 1 after the purge: a MISS again, Flask's JSON" "curl -si; X-Cache: MISS" -- -si $RV $V/api/products/1
    cap $S varnish-405-purge-no-key.txt 405 cdn-cache varnish "PURGE without the key: vcl_recv synth(405, 'Purge not allowed')" "curl -si" -- -si $RV -X PURGE $V/api/products/1
    cap $S varnish-403-internal-synth.txt 403 cdn-cache varnish "/internal/: vcl_recv synth(403)" "curl -sv" -- -sv $RV $V/internal/metrics
    cap $S varnish-503-slow-first-byte-timeout.txt 503 cdn-cache varnish "/api/slow waits 5 s: first_byte_timeout 3s, Varnish's 'Backend fetch failed'" "curl -sv" -- -sv $RV $V/api/slow
    sleep 2.5
    kill_app flask
    sleep 1
    cap $S varnish-200-rates-grace-flask-down.txt 200 cdn-cache varnish "Flask killed: the rates (their 2 s TTL gone) served in grace (HIT-STALE), Werkzeug's Server kept" "curl -si" -- -si $RV $V/api/rates
    caplt $S varnish-200-product-hit-flask-down.txt 200 cdn-cache varnish "Flask killed: product 1 still fresh, a HIT" "curl -sv, only the < lines kept" -- -sv $RV $V/api/products/1
    cap $S varnish-503-account-flask-killed.txt 503 cdn-cache varnish "Flask killed: /api/account (never stored), connection refused, Backend fetch failed" "curl -sv" -- -sv $RV $V/api/account
    caphead headers-only-paste head-varnish-503-flask-killed.txt 503 cdn-cache varnish "curl -sI while Flask is down" "" -- $RV $V/api/quota
    capbody body-only-paste body-varnish-503-flask-killed.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page, its title shows 503" "" -- $RV "$V/api/account?from=dashboard"
    start_app flask || die "flask did not come back"
    HTTPIE_CMD=http caphttp $S flask-429-quota-varnish-httpie.txt 429 app flask "started again: /api/quota, the view's JSON 429 with Retry-After" "HTTPie with colours" -- -v GET http://127.0.0.1:59601/api/quota Host:$H:59601
fi

# ====================================== Varnish -> Express ==
if up varnish-express; then
    log "capturing: Express behind Varnish"
    S=express-varnish-r96
    H=api.corvid.test V=http://api.corvid.test:59602 RV="--resolve api.corvid.test:59602:127.0.0.1"
    cap $S express-200-product-varnish-miss.txt 200 app express "product 1, a MISS: Express's JSON (X-Powered-By, no Server) passed on" "curl -sv; X-Cache: MISS" -- -sv $RV $V/api/products/1
    cap $S varnish-200-product-hit-express.txt 200 cdn-cache varnish "product 1 again: a HIT from Varnish's store" "curl -sv; X-Cache: HIT" -- -sv $RV $V/api/products/1
    caphead headers-only-paste head-varnish-200-product-hit-express.txt 200 cdn-cache varnish "curl -sI for the stored product 1: a HIT" "" -- $RV $V/api/products/1
    cap $S varnish-304-product-if-none-match-express.txt 304 cdn-cache varnish "product 1 with If-None-Match of its ETag: Varnish's 304 from its store" "curl -si" -- -si $RV -H 'If-None-Match: "cv-p1-v9"' $V/api/products/1
    caplt $S varnish-304-product-if-modified-since-express.txt 304 cdn-cache varnish "product 1 with If-Modified-Since its Last-Modified: Varnish's 304 from its store" "curl -sv, only the < lines kept" -- -sv $RV -H "$IMS" $V/api/products/1
    capcut $S express-404-product9-varnish-miss.txt 404 app express "product 9: the handler's JSON 404 (public, max-age=120), a MISS" "curl -si, body cut off after the headers" -- -si $RV $V/api/products/9
    cap $S express-404-product9-varnish-hit.txt 404 app express "product 9 again: the app's 404 replayed from Varnish's store" "curl -si; X-Cache: HIT" -- -si $RV $V/api/products/9
    cap $S express-404-order-no-store-varnish.txt 404 app express "order 7: the handler's JSON 404 with no-store (passed, never stored)" "curl -si" -- -si $RV $V/api/orders/7
    capwin $S express-422-order-varnish.txt 422 app express "POST an order without sku: the handler's JSON 422 (POST is passed)" "curl -si pasted with CRLF" -- -si $RV -X POST "${JSONH[@]}" -d '{"qty":2}' $V/api/orders
    cap $S express-404-unrouted-varnish.txt 404 app express "/api/v2/products: Express's HTML 'Cannot GET'" "curl -sv" -- -sv $RV $V/api/v2/products
    cap $S express-500-boom-varnish.txt 500 app express "a thrown Error: finalhandler's HTML 'Internal Server Error' (NODE_ENV=production)" "curl -si" -- -si $RV $V/api/boom
    capbody body-only-paste body-express-500-boom.txt 0/500 app express "finalhandler's page, title 'Error', text 'Internal Server Error' (no number)" "" -- $RV "$V/api/boom?from=dashboard"
    capraw $S express-503-maintenance-varnish.txt 503 app express "the handler's JSON 503 with Retry-After (no-store, passed on)" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/maintenance
    cap $S varnish-200-ban-products.txt 200 cdn-cache varnish "BAN with the purge key: ban() on /api/products/, Varnish's synth 200 'Ban added'" "curl -sv" -- -sv $RV -X BAN "${PK[@]}" $V/api/products/1
    cap $S express-200-product-varnish-miss-after-ban.txt 200 app express "product 1 after the ban: a MISS again" "curl -si" -- -si $RV $V/api/products/1
    cap $S varnish-301-catalog-synth-express.txt 301 cdn-cache varnish "/catalog/products/1: vcl_recv synth(301) with Location /api/products/1" "curl -si" -- -si $RV $V/catalog/products/1
    cap $S varnish-403-internal-synth-express.txt 403 cdn-cache varnish "/internal/: vcl_recv synth(403)" "curl -si" -- -si $RV $V/internal/status
    cap $S express-200-rates-varnish-miss.txt 200 app express "the rates (max-age=2), a MISS" "curl -si" -- -si $RV $V/api/rates
    cap $S varnish-503-slow-first-byte-timeout-express.txt 503 cdn-cache varnish "/api/slow waits 5 s: first_byte_timeout 3s, 'Backend fetch failed'" "curl -sv" -- -sv $RV $V/api/slow
    capbody body-only-paste body-varnish-503-slow-express.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page for a slow first byte, its title shows 503" "" -- $RV "$V/api/slow?from=dashboard"
    sleep 2.5
    kill_app express
    sleep 1
    cap $S varnish-200-rates-grace-express-down.txt 200 cdn-cache varnish "Express killed: the rates served in grace (HIT-STALE)" "curl -sv" -- -sv $RV $V/api/rates
    cap $S varnish-304-product-if-none-match-express-down.txt 304 cdn-cache varnish "Express killed: product 1 with If-None-Match, Varnish's 304 from its store" "curl -si" -- -si $RV -H 'If-None-Match: "cv-p1-v9"' $V/api/products/1
    cap $S varnish-503-quota-express-killed.txt 503 cdn-cache varnish "Express killed: /api/quota (never stored), connection refused, Backend fetch failed" "curl -si" -- -si $RV $V/api/quota
    start_app express || die "express did not come back"
    capwget $S express-401-account-varnish-wget.txt 401 app express "started again: /api/account, the handler's JSON 401" "wget -S -O-" -- --header="Host: $H:59602" http://127.0.0.1:59602/api/account
fi

# ====================================== Varnish -> gin ==
if up varnish-gin; then
    log "capturing: gin behind Varnish"
    S=gin-varnish-r96
    H=api.tamarack.test V=http://api.tamarack.test:59603 RV="--resolve api.tamarack.test:59603:127.0.0.1"
    cap $S gin-200-product-varnish-miss.txt 200 app gin "product 1, a MISS: gin's JSON (no Server) passed on" "curl -sv; X-Cache: MISS" -- -sv $RV $V/api/products/1
    cap $S varnish-200-product-hit-gin.txt 200 cdn-cache varnish "product 1 again: a HIT" "curl -si; X-Cache: HIT" -- -si $RV $V/api/products/1
    cap $S varnish-304-product-if-none-match-gin.txt 304 cdn-cache varnish "product 1 with If-None-Match of its ETag: Varnish's 304 from its store" "curl -sv" -- -sv $RV -H 'If-None-Match: "tm-p1-v3"' $V/api/products/1
    cap $S gin-404-product9-varnish-miss.txt 404 app gin "product 9: the handler's JSON 404 (public, max-age=120), a MISS" "curl -si" -- -si $RV $V/api/products/9
    caplt $S gin-404-product9-varnish-hit.txt 404 app gin "product 9 again: the app's 404 replayed from Varnish's store" "curl -sv, only the < lines kept" -- -sv $RV $V/api/products/9
    cap $S gin-404-unrouted-varnish.txt 404 app gin "/api/v2/products: gin's text '404 page not found'" "curl -si" -- -si $RV $V/api/v2/products
    cap $S gin-500-boom-varnish.txt 500 app gin "a nil map write: gin.Recovery()'s empty 500" "curl -sv" -- -sv $RV $V/api/boom
    cap $S gin-400-order-bad-json-varnish.txt 400 app gin "POST an order that is not JSON: ShouldBindJSON's error as JSON 400" "curl -si" -- -si $RV -X POST "${JSONH[@]}" -d '{"sku":' $V/api/orders
    capwin $S gin-201-order-varnish.txt 201 app gin "POST an order: the handler's JSON 201 (POST is passed)" "curl -si pasted with CRLF" -- -si $RV -X POST "${JSONH[@]}" -d '{"sku":"TM-AXE-14"}' $V/api/orders
    cap $S gin-429-quota-varnish.txt 429 app gin "the handler's JSON 429 with Retry-After" "curl -si" -- -si $RV $V/api/quota
    capraw $S gin-503-statements-html-varnish.txt 503 app gin "the app's own HTML 503 page (no-store, passed on)" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/statements
    capbody body-only-paste body-gin-503-statements.txt 503/503 app gin "the app's own HTML 503 page, its title shows 503" "" -- $RV "$V/api/statements?from=dashboard"
    cap $S gin-200-rates-varnish-miss.txt 200 app gin "the rates (max-age=2), a MISS" "curl -sv" -- -sv $RV $V/api/rates
    cap $S varnish-200-purge-product-gin.txt 200 cdn-cache varnish "PURGE /api/products/1 with the purge key: synth 200 'Purged'" "curl -si" -- -si $RV -X PURGE "${PK[@]}" $V/api/products/1
    capdump $S gin-200-product-varnish-miss-after-purge.txt 200 app gin "product 1 after the purge: a MISS again" "curl -s -D-" -- $RV $V/api/products/1
    cap $S varnish-405-purge-no-key-gin.txt 405 cdn-cache varnish "PURGE without the key: synth(405, 'Purge not allowed')" "curl -sv" -- -sv $RV -X PURGE $V/api/products/1
    caplt $S varnish-301-catalog-synth-gin.txt 301 cdn-cache varnish "/catalog/rates: vcl_recv synth(301) with Location /api/rates" "curl -sv, only the < lines kept" -- -sv $RV $V/catalog/rates
    cap $S varnish-503-slow-first-byte-timeout-gin.txt 503 cdn-cache varnish "/api/slow waits 5 s: first_byte_timeout 3s, 'Backend fetch failed'" "curl -si" -- -si $RV $V/api/slow
    sleep 2.5
    kill_app gin
    sleep 1
    cap $S varnish-200-rates-grace-gin-down.txt 200 cdn-cache varnish "gin killed: the rates served in grace (HIT-STALE)" "curl -sv" -- -sv $RV $V/api/rates
    caphead headers-only-paste head-varnish-200-rates-grace-gin-down.txt 200 cdn-cache varnish "curl -sI for the rates while gin is down: a grace copy" "" -- $RV $V/api/rates
    cap $S varnish-200-product-hit-gin-down.txt 200 cdn-cache varnish "gin killed: product 1 still fresh, a HIT" "curl -si" -- -si $RV $V/api/products/1
    cap $S varnish-503-account-gin-killed.txt 503 cdn-cache varnish "gin killed: /api/account (never stored), connection refused, Backend fetch failed" "curl -si" -- -si $RV $V/api/account
    start_app gin || die "gin did not come back"
    HTTPIE_CMD=http caphttp $S gin-401-account-varnish-httpie.txt 401 app gin "started again: /api/account, the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59603/api/account Host:$H:59603
fi

# ====================================== Squid -> Django on Waitress ==
if up squid-django; then
    log "capturing: Django on Waitress behind Squid"
    S=django-waitress-squid-r96
    H=api.fernhill.test Q=http://api.fernhill.test:59604 RQ="--resolve api.fernhill.test:59604:127.0.0.1"
    cap $S django-200-product-squid-miss.txt 200 app django "product 1, a MISS: Django's JSON with Server: waitress passed on" "curl -sv; X-Cache: MISS" -- -sv $RQ $Q/api/products/1
    cap $S squid-200-product-hit-django.txt 200 cdn-cache squid "product 1 again: a HIT from Squid's store, the stored Server still says waitress" "curl -si; X-Cache: HIT" -- -si $RQ $Q/api/products/1
    caplt $S squid-304-product-if-none-match-django.txt 304 cdn-cache squid "product 1 with If-None-Match of its ETag: Squid's 304 from its store" "curl -sv, only the < lines kept" -- -sv $RQ -H 'If-None-Match: "fh-p1-v6"' $Q/api/products/1
    cap $S squid-304-product-if-modified-since-django.txt 304 cdn-cache squid "product 1 with If-Modified-Since its Last-Modified: Squid's 304 from its store" "curl -si" -- -si $RQ -H "$IMS" $Q/api/products/1
    cap $S squid-412-product-if-match-django.txt 412 cdn-cache squid "product 1 with If-Match of an old ETag: Squid's 412 from its store" "curl -sv" -- -sv $RQ -H "$ETAGOLD" $Q/api/products/1
    cap $S django-404-product9-squid-miss.txt 404 app django "product 9: the view's JSON 404 (public, max-age=120), a MISS" "curl -si" -- -si $RQ $Q/api/products/9
    # run 1 planned a HIT of this 404; Squid 5.7 had not stored it (X-Cache: MISS): same label, scenario and name corrected (README)
    capcut $S django-404-product9-squid-second.txt 404 app django "product 9 again: Squid did not keep the app's 404 (max-age=120, no Expires), Django answers again" "curl -si, body cut off after the headers" -- -si $RQ $Q/api/products/9
    cap $S django-200-rates-squid-miss.txt 200 app django "the rates (max-age=2), a MISS" "curl -si" -- -si $RQ $Q/api/rates
    cap $S django-404-unrouted-squid.txt 404 app django "/api/v2/products, DEBUG off: Django's HTML 'Not Found' page" "curl -sv" -- -sv $RQ $Q/api/v2/products
    cap $S django-500-boom-squid.txt 500 app django "an unhandled error, DEBUG off: Django's 'Server Error (500)' page" "curl -si" -- -si $RQ $Q/api/boom
    capbody body-only-paste body-django-500-boom.txt 500/500 app django "Django's 'Server Error (500)' page, its title and heading show 500" "" -- $RQ "$Q/api/boom?from=dashboard"
    capwin $S django-422-order-squid.txt 422 app django "POST an order without sku: the view's JSON 422" "curl -si pasted with CRLF" -- -si $RQ -X POST "${JSONH[@]}" -d '{"qty":2}' $Q/api/orders
    capraw $S django-401-account-squid.txt 401 app django "no token: the view's JSON 401" "curl -si saved to a file (CRs kept)" -- -si $RQ $Q/api/account
    cap $S squid-200-only-if-cached-hit-django.txt 200 cdn-cache squid "product 1 with Cache-Control: only-if-cached: answered from the store (a HIT)" "curl -si" -- -si $RQ -H 'Cache-Control: only-if-cached' $Q/api/products/1
    cap $S squid-504-only-if-cached-miss-django.txt 504 cdn-cache squid "product 2 (never stored) with only-if-cached: Squid's 504 ERR_ONLY_IF_CACHED_MISS" "curl -sv" -- -sv $RQ -H 'Cache-Control: only-if-cached' $Q/api/products/2
    capbody body-only-paste body-squid-504-only-if-cached-miss.txt 0/504 cdn-cache squid "Squid's ERR_ONLY_IF_CACHED_MISS page (its title names no number)" "" -- $RQ -H 'Cache-Control: only-if-cached' "$Q/api/products/3"
    cap $S squid-403-internal-denied-django.txt 403 cdn-cache squid "/internal/: http_access deny, ERR_ACCESS_DENIED" "curl -si" -- -si $RQ $Q/internal/metrics
    cap $S squid-504-slow-read-timeout-django.txt 504 cdn-cache squid "/api/slow waits 5 s: read_timeout 3 seconds, ERR_READ_TIMEOUT" "curl -sv" -- -sv $RQ $Q/api/slow
    sleep 2.5
    kill_app django
    cap $S squid-200-product-hit-django-down.txt 200 cdn-cache squid "Waitress killed: product 1 still fresh in the store, a HIT" "curl -si" -- -si $RQ $Q/api/products/1
    # rounds 83-93 saw Squid 5.7 answer a peer that had been up, then refused, with ERR_CONNECT_FAIL 503
    cap $S squid-503-account-django-killed.txt 503 cdn-cache squid "Waitress killed: /api/account, connection refused, ERR_CONNECT_FAIL" "curl -sv" -- -sv $RQ $Q/api/account
    caphead headers-only-paste head-squid-503-django-killed.txt 503 cdn-cache squid "curl -sI while Waitress is down" "" -- $RQ $Q/api/quota
    start_app django || die "django did not come back"
    capwget $S django-503-maintenance-squid-wget.txt 503 app django "started again: /api/maintenance, the view's JSON 503 with Retry-After" "wget -S -O-" -- --header="Host: $H:59604" http://127.0.0.1:59604/api/maintenance
fi

# ====================================== Squid -> Fastify ==
if up squid-fastify; then
    log "capturing: Fastify behind Squid"
    S=fastify-squid-r96
    H=api.quillon.test Q=http://api.quillon.test:59605 RQ="--resolve api.quillon.test:59605:127.0.0.1"
    cap $S fastify-200-product-squid-miss.txt 200 app fastify "product 1, a MISS: Fastify's JSON (no Server) passed on" "curl -sv; X-Cache: MISS" -- -sv $RQ $Q/api/products/1
    cap $S squid-200-product-hit-fastify.txt 200 cdn-cache squid "product 1 again: a HIT" "curl -sv; X-Cache: HIT" -- -sv $RQ $Q/api/products/1
    caphead headers-only-paste head-squid-200-product-hit-fastify.txt 200 cdn-cache squid "curl -sI for the stored product 1: a HIT" "" -- $RQ $Q/api/products/1
    cap $S squid-304-product-if-none-match-fastify.txt 304 cdn-cache squid "product 1 with If-None-Match of its ETag: Squid's 304 from its store" "curl -si" -- -si $RQ -H 'If-None-Match: "qp-p1-v5"' $Q/api/products/1
    caplt $S squid-412-product-if-match-fastify.txt 412 cdn-cache squid "product 1 with If-Match of an old ETag: Squid's 412 from its store" "curl -sv, only the < lines kept" -- -sv $RQ -H "$ETAGOLD" $Q/api/products/1
    capcut $S fastify-404-product9-squid-miss.txt 404 app fastify "product 9: the handler's JSON 404 (public, max-age=120), a MISS" "curl -si, body cut off after the headers" -- -si $RQ $Q/api/products/9
    # run 1 planned a HIT of this 404; Squid 5.7 had not stored it (X-Cache: MISS): same label, scenario and name corrected (README)
    cap $S fastify-404-product9-squid-second.txt 404 app fastify "product 9 again: Squid did not keep the app's 404 (max-age=120, no Expires), Fastify answers again" "curl -si" -- -si $RQ $Q/api/products/9
    cap $S fastify-200-rates-squid-miss.txt 200 app fastify "the rates (max-age=2), a MISS" "curl -sv" -- -sv $RQ $Q/api/rates
    cap $S fastify-404-unrouted-squid.txt 404 app fastify "/api/v2/products: Fastify's default JSON 404 'Route GET:... not found'" "curl -si" -- -si $RQ $Q/api/v2/products
    cap $S fastify-500-boom-squid.txt 500 app fastify "a thrown Error: Fastify's default JSON 500" "curl -si" -- -si $RQ $Q/api/boom
    capbody body-only-paste body-fastify-500-boom.txt 500/500 app fastify "Fastify's default JSON 500, its statusCode field shows 500" "" -- $RQ "$Q/api/boom?from=dashboard"
    capwin $S fastify-400-order-bad-json-squid.txt 400 app fastify "POST an order that is not JSON: Fastify's JSON parser 400" "curl -si pasted with CRLF" -- -si $RQ -X POST "${JSONH[@]}" -d '{"sku":' $Q/api/orders
    capraw $S fastify-429-quota-squid.txt 429 app fastify "the handler's JSON 429 with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $RQ $Q/api/quota
    cap $S squid-403-purge-denied-fastify.txt 403 cdn-cache squid "PURGE /api/products/1: http_access deny purge, ERR_ACCESS_DENIED" "curl -sv" -- -sv $RQ -X PURGE $Q/api/products/1
    cap $S squid-413-body-too-large-fastify.txt 413 cdn-cache squid "a 2 KB order: request_body_max_size 1 KB, ERR_TOO_BIG" "curl -si" -- -si $RQ "${BIG[@]}" $Q/api/orders
    cap $S squid-504-slow-read-timeout-fastify.txt 504 cdn-cache squid "/api/slow waits 5 s: read_timeout 3 seconds, ERR_READ_TIMEOUT" "curl -si" -- -si $RQ $Q/api/slow
    sleep 2.5
    kill_app fastify
    cap $S squid-200-product-hit-fastify-down.txt 200 cdn-cache squid "Fastify killed: product 1 still fresh in the store, a HIT" "curl -sv" -- -sv $RQ $Q/api/products/1
    # run 1 labelled this 504 ERR_CONNECT_FAIL (what round 88 saw); Squid served the stale copy (200, Warning 110/111): relabelled (README)
    cap $S squid-200-rates-stale-fastify-down.txt 200 cdn-cache squid "Fastify killed: the rates are stale, the revalidation cannot connect: Squid serves the stale copy (Warning 110 and 111)" "curl -sv; X-Cache: HIT" -- -sv $RQ $Q/api/rates
    cap $S squid-503-account-fastify-killed.txt 503 cdn-cache squid "Fastify killed: /api/account, connection refused, ERR_CONNECT_FAIL" "curl -si" -- -si $RQ $Q/api/account
    capbody body-only-paste body-squid-503-fastify-killed.txt 0/503 cdn-cache squid "Squid's ERR_CONNECT_FAIL page (its title names no number)" "" -- $RQ "$Q/api/account?from=dashboard"
    start_app fastify || die "fastify did not come back"
    HTTPIE_CMD=http caphttp $S fastify-401-account-squid-httpie.txt 401 app fastify "started again: /api/account, the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59605/api/account Host:$H:59605
fi

# ====================================== Squid -> Sinatra on WEBrick ==
if up squid-sinatra; then
    log "capturing: Sinatra on WEBrick behind Squid"
    S=sinatra-webrick-squid-r96
    H=api.brackenridge.test Q=http://api.brackenridge.test:59606 RQ="--resolve api.brackenridge.test:59606:127.0.0.1"
    cap $S sinatra-200-product-squid-miss.txt 200 app sinatra "product 1, a MISS: Sinatra's JSON with WEBrick's Server passed on" "curl -sv; X-Cache: MISS" -- -sv $RQ $Q/api/products/1
    cap $S squid-200-product-hit-sinatra.txt 200 cdn-cache squid "product 1 again: a HIT, the stored Server still says WEBrick" "curl -si; X-Cache: HIT" -- -si $RQ $Q/api/products/1
    cap $S squid-304-product-if-modified-since-sinatra.txt 304 cdn-cache squid "product 1 with If-Modified-Since its Last-Modified: Squid's 304 from its store" "curl -sv" -- -sv $RQ -H "$IMS" $Q/api/products/1
    capdump $S squid-304-product-if-none-match-sinatra.txt 304 cdn-cache squid "product 1 with If-None-Match of its ETag: Squid's 304 from its store" "curl -s -D-" -- $RQ -H 'If-None-Match: "br-p1-v2"' $Q/api/products/1
    cap $S squid-412-product-if-match-sinatra.txt 412 cdn-cache squid "product 1 with If-Match of an old ETag: Squid's 412 from its store" "curl -si" -- -si $RQ -H "$ETAGOLD" $Q/api/products/1
    cap $S sinatra-404-product9-squid-miss.txt 404 app sinatra "product 9: the route's JSON 404 (public, max-age=120), a MISS" "curl -sv" -- -sv $RQ $Q/api/products/9
    # run 1 planned a HIT of this 404; Squid 5.7 had not stored it (X-Cache: MISS): same label, scenario and name corrected (README)
    cap $S sinatra-404-product9-squid-second.txt 404 app sinatra "product 9 again: Squid did not keep the app's 404 (max-age=120, no Expires), Sinatra answers again" "curl -si" -- -si $RQ $Q/api/products/9
    caplt $S sinatra-404-unrouted-squid.txt 404 app sinatra "/api/v2/products: Sinatra's own HTML 404 page" "curl -sv, only the < lines kept" -- -sv $RQ $Q/api/v2/products
    cap $S sinatra-500-boom-squid.txt 500 app sinatra "a raised error (production): Sinatra's '<h1>Internal Server Error</h1>'" "curl -si" -- -si $RQ $Q/api/boom
    capbody body-only-paste body-sinatra-500-boom.txt 0/500 app sinatra "Sinatra's '<h1>Internal Server Error</h1>' (no number)" "" -- $RQ "$Q/api/boom?from=dashboard"
    capraw $S sinatra-503-statements-html-squid.txt 503 app sinatra "the app's own HTML 503 page (no-store, passed on)" "curl -si saved to a file (CRs kept)" -- -si $RQ $Q/api/statements
    capbody body-only-paste body-sinatra-503-statements.txt 503/503 app sinatra "the app's own HTML 503 page, its title shows 503" "" -- $RQ "$Q/api/statements?from=dashboard"
    capwin $S sinatra-201-order-squid.txt 201 app sinatra "POST an order: the route's JSON 201" "curl -si pasted with CRLF" -- -si $RQ -X POST "${JSONH[@]}" -d '{"sku":"BR-TOM-SM"}' $Q/api/orders
    cap $S sinatra-429-quota-squid.txt 429 app sinatra "the route's JSON 429 with Retry-After" "curl -si" -- -si $RQ $Q/api/quota
    capcut $S squid-200-only-if-cached-hit-sinatra.txt 200 cdn-cache squid "product 1 with only-if-cached: answered from the store (a HIT)" "curl -si, body cut off after the headers" -- -si $RQ -H 'Cache-Control: only-if-cached' $Q/api/products/1
    cap $S squid-504-only-if-cached-miss-sinatra.txt 504 cdn-cache squid "the rates list for GBP (never stored) with only-if-cached: ERR_ONLY_IF_CACHED_MISS" "curl -si" -- -si $RQ -H 'Cache-Control: only-if-cached' "$Q/api/rates?base=GBP"
    cap $S squid-431-header-too-large-sinatra.txt 431 cdn-cache squid "an 8 KB header, request_header_max_size 2 KB: Squid's 431" "curl -si" -- -si $RQ -H "$BIGH8" $Q/api/products/1
    cap $S squid-403-internal-denied-sinatra.txt 403 cdn-cache squid "/internal/: http_access deny, ERR_ACCESS_DENIED" "curl -sv" -- -sv $RQ $Q/internal/metrics
    kill_app sinatra
    cap $S squid-200-product-hit-sinatra-down.txt 200 cdn-cache squid "WEBrick killed: product 1 still fresh in the store, a HIT" "curl -si" -- -si $RQ $Q/api/products/1
    cap $S squid-503-account-sinatra-killed.txt 503 cdn-cache squid "WEBrick killed: /api/account, connection refused, ERR_CONNECT_FAIL" "curl -sv" -- -sv $RQ $Q/api/account
    caphead headers-only-paste head-squid-503-sinatra-killed.txt 503 cdn-cache squid "curl -sI while WEBrick is down" "" -- $RQ $Q/api/quota
    start_app sinatra || die "sinatra did not come back"
    capwget $S sinatra-401-account-squid-wget.txt 401 app sinatra "started again: /api/account, the route's JSON 401" "wget -S -O-" -- --header="Host: $H:59606" http://127.0.0.1:59606/api/account
fi

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in varnish-flask varnish-express varnish-gin squid-django squid-fastify squid-sinatra; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round96/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
