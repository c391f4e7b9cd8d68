#!/usr/bin/env bash
# capture-round38.sh — build the thirty-eighth held-out evidence corpus in
# tests/fixtures/evidence-round38/.
#
# Fronts and servers rarely seen: mongrel2 proxying to Flask under Granian
# and to a WEBrick service; Privoxy as the office forward proxy in front of
# Starlette under Daphne; mitmproxy in reverse mode in front of Starlette
# under Hypercorn; yaws's revproxy in front of Sinatra under Thin; a
# node-http-proxy gateway (request ids, Via, an API key check) in front of a
# plain Node service; busybox httpd and mini_httpd running CGI scripts
# (busybox with Basic auth); webfsd serving files. Their own errors (upstream down or slow,
# bad requests, unknown paths and methods, long URIs, big bodies, access
# rules) and the apps' errors passed through them. Paste forms: curl -v/-i
# transcripts (some with their CRs, some with CRLF), HTTPie with colours,
# wget -S, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round38.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round38.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round38.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round38.sh     # start every server, leave them up 300 s
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports
# 55000-55499) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round38.py; if a label's status is not the one on the
# wire the fixtures are left as they were.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round38"
RUN=/tmp/api-triage-corpus38
STAGE="$RUN/evidence"
CONF="$HERE/conf-round38"
APPS="$HERE/apps38"
VENV=${CORPUS_VENV38:-/tmp/api-triage-corpus38-venv}
MITM_VENV=${CORPUS_MITM38:-/tmp/api-triage-corpus38-mitm}
NODE_DIR=${CORPUS_NODE38:-/tmp/api-triage-corpus38-node}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venvs and the finish script
HTTPIE=/usr/bin/http
PYPI=(flask==3.1.3 granian==2.8.7 daphne==4.2.3 hypercorn==0.18.0 starlette==1.10.0)
PYPI_MITM=(mitmproxy==11.0.2)   # its own venv: its pins clash with Flask 3.1's
NPM=(http-proxy@1.18.1)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus38 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PACKAGES=(httpie wget python3-venv nodejs ruby-sinatra thin ruby-webrick mongrel2-core privoxy busybox yaws mini-httpd webfs)
declare -A SKIPPED=()
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
install_packages() {
    local missing=() p created_policy=0
    for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
    ((${#missing[@]})) || return 0
    if [[ ${CORPUS_SKIP_INSTALL:-0} == 1 || $(id -u) != 0 ]]; then
        for p in "${missing[@]}"; do SKIPPED[$p]="not installed"; done
        return
    fi
    # the packages' own services (privoxy, yaws, webfs, mini-httpd) must not start
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; created_policy=1
    fi
    log "apt-get install ${missing[*]}"
    apt-get update -qq >"$RUN/logs/apt-update.log" 2>&1 || true
    DEBIAN_FRONTEND=noninteractive nice -n 15 timeout 900 apt-get install -y -q --no-install-recommends "${missing[@]}" \
        >"$RUN/logs/apt-install.log" 2>&1 || for p in "${missing[@]}"; do SKIPPED[$p]="apt-get install failed"; done
    ((created_policy)) && rm -f /usr/sbin/policy-rc.d
    return 0
}
install_venv() {  # Flask, Granian, Daphne, Hypercorn, Starlette; mitmproxy in a venv of its own
    if ! { [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, granian, daphne, hypercorn, starlette" 2>/dev/null; }; then
        if [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]]; then SKIPPED[venv]="venv missing"
        else
            log "pip install into $VENV: ${PYPI[*]}"
            "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
            nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 || SKIPPED[venv]="pip install failed"
        fi
    fi
    if ! [[ -x $MITM_VENV/bin/mitmdump ]]; then
        if [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]]; then SKIPPED[mitmproxy]="mitmproxy venv missing"
        else
            log "pip install into $MITM_VENV: ${PYPI_MITM[*]}"
            "$PY" -m venv "$MITM_VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[mitmproxy]="python3 -m venv failed"; return 0; }
            nice -n 15 timeout 900 "$MITM_VENV/bin/pip" install -q "${PYPI_MITM[@]}" >>"$RUN/logs/pip-mitm.log" 2>&1 \
                || SKIPPED[mitmproxy]="pip install failed"
        fi
    fi
}
install_npm() {  # http-proxy, from npm
    [[ -e $NODE_DIR/node_modules/http-proxy/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus38","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed"
}
have() { [[ -z ${SKIPPED[$1]:-} ]] && installed "$1"; }
PIDS=()
start_bg() {
    local name=$1; shift
    (cd "$HERE" && exec "$@") >"$RUN/logs/$name.log" 2>&1 &
    PIDS+=($!)
    echo $! >"$RUN/pids/$name.pid"
}
ours() {
    local cmd
    [[ -r /proc/$1/cmdline ]] || return 1
    cmd=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
    # (by command line only: a shell that merely sits in this folder is not ours)
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$APPS/"* || $cmd == *"$VENV/"* || $cmd == *"$MITM_VENV/"* || $cmd == *"$NODE_DIR/"* ]]
}
stop_pid() {
    local pid=$1 sig=${2:-TERM} i
    kill "-$sig" "$pid" 2>/dev/null || return 0
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
}
stop_name() {  # stop_name NAME: one server this script started, by its pid
    local f=$RUN/pids/$1.pid
    [[ -e $f ]] && stop_pid "$(cat "$f")"
    rm -f "$f"
}
stop_all() {
    local i pid
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[$i]}"; done
    ((${#PIDS[@]})) && wait "${PIDS[@]}" 2>/dev/null
    PIDS=()
    for pid in $(ls /proc | grep -E '^[0-9]+$'); do
        [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
        if ours "$pid"; then
            log "WARNING: pid $pid still running, stopping it: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
            stop_pid "$pid" KILL
        fi
    done
}
stop_stale() {
    local f pid
    for f in "$RUN"/pids/*.pid; do
        [[ -e $f ]] || continue
        pid=$(cat "$f")
        if [[ $pid =~ ^[0-9]+$ ]] && ours "$pid"; then log "stopping stale pid $pid"; stop_pid "$pid"; fi
    done
}
listening() { ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; }
wait_port() {
    local i
    for i in $(seq 1 "${3:-300}"); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    log "$2 did not open 127.0.0.1:$1; its log:"; tail -n 20 "$RUN/logs/$2.log" >&2
    return 1
}
sockets() { ss -ltunH 2>/dev/null | awk '{print $1, $5}' | sort -u; }
render() { local src=$1 dest=$2; shift 2; sed -e "s|@RUN@|$RUN|g" "$@" "$src" >"$dest"; }
up() { [[ -n ${UP[$1]:-} ]]; }
COUNT=0
MISMATCH=0
shquote() {
    if [[ $1 =~ ^[A-Za-z0-9_./:@=,+%-]+$ ]]; then printf '%s' "$1"
    else printf "'%s'" "${1//\'/\'\\\'\'}"; fi
}

# The command line as the paste shows it: "$ cmd ..." or, with PROMPT set,
# the engineer's whole prompt ("deploy@web-01:~$ cmd ...").
cmdline() { local a; printf '%s' "${PROMPT:-\$}"; for a in "$@"; do printf ' %s' "$(shquote "$a")"; done; printf '\n'; }

in_work() { (cd "$RUN/work" && HOME="$RUN/work" CURL_HOME="$RUN/work" XDG_CONFIG_HOME="$RUN/work" \
    HTTPIE_CONFIG_DIR="$RUN/work/httpie" "$@"); }

# in_tty CMD...: run as an engineer's terminal does (a pseudo-terminal from
# `script`, so curl shows no progress meter and stdout/stderr interleave as
# on screen); the CRs the terminal adds are dropped, as copying does.
in_tty() {
    local cmd
    cmd=$(printf '%q ' "$@")
    in_work timeout 20 script -qec "$cmd" /dev/null </dev/null | tr -d '\r'
}

# finish FORM DEST SETUP STATUS LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]
# TRAIL (when set) is the engineer's own comment, pasted under the response.
finish() {
    local form=$1; shift
    if ! FINISH_FORM=$form FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round38.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
        MISMATCH=$((MISMATCH + 1))
    fi
    if [[ -n ${TRAIL:-} ]]; then
        [[ -s $1 && -n $(tail -c 1 "$1") ]] && printf '\n' >>"$1"
        printf '%s\n' "$TRAIL" >>"$1"
    fi
    COUNT=$((COUNT + 1))
}

quiet() { in_work timeout 10 curl -s -o /dev/null "$@" || true; }  # a request whose answer is not kept

curl_form() {  # v when the curl arguments ask for -v, else i
    local a
    for a in "$@"; do [[ $a =~ ^-[a-zA-Z]*v[a-zA-Z]*$ || $a == --verbose ]] && { echo v; return; }; done
    echo i
}

# cap SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl -sv` / `curl -si` / `curl -s -D-`, stdout and stderr to the paste.
cap() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl "$@" >"$dest"
    in_work timeout 20 curl "$@" >>"$dest" 2>&1
    finish "$(curl_form "$@")" "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}
capraw() { KEEP_CR=1 cap "$@"; }           # kept as curl wrote it: header lines keep their CR
capwin() { local file=$2; cap "$@"; sed -i 's/\r*$/\r/' "$STAGE/$file"; }  # pasted with CRLF

# captty SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# curl run in a terminal: `curl -v URL` (no -s needed), `curl --trace-ascii - URL`.
captty() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7 form a
    shift 8
    local dest="$STAGE/$file"
    form=$(curl_form "$@")
    for a in "$@"; do [[ $a == --trace-ascii ]] && form=trace; done
    cmdline curl "$@" >"$dest"
    in_tty curl "$@" >>"$dest"
    finish "$form" "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# capbody SETUP FILE SHOWN/WIRE LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# A body-only paste: `curl -s URL`. SHOWN is the status the body itself shows
# (0 when it shows no number), WIRE the one really sent.
capbody() {
    local setup=$1 file=$2 shown=${3%/*} wire=${3#*/} layer=$4 product=$5 scenario=$6 note=$7 got
    shift 8
    local dest="$STAGE/$file"
    cmdline curl -s "$@" >"$dest"
    rm -f "$RUN/work/last-headers"
    in_work timeout 20 curl -s -D "$RUN/work/last-headers" "$@" >>"$dest" 2>/dev/null
    got=$(awk '/^HTTP\// {s=$2} END {print s+0}' "$RUN/work/last-headers" 2>/dev/null)
    if [[ $got != "$wire" ]]; then
        log "MISMATCH $file: expected wire status $wire, got $got"; MISMATCH=$((MISMATCH + 1))
    fi
    finish body "$dest" "$setup" "$shown" "$layer" "$product" "$scenario" "$note" body-only "$got"
}

# caphead SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# A headers-only paste (`curl -sI`, a HEAD request, as engineers send it).
caphead() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl -sI "$@" >"$dest"
    in_work timeout 20 curl -sI "$@" >>"$dest" 2>&1
    finish i "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only "$status"
}

# caphttp SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- HTTPIE-ARGS...
# HTTPie with colours forced on (HTTPIE_PLAIN=1: without colours, as when its
# output goes to a file). HTTPIE_HEADERS=1 marks a --headers paste
# (headers-only).
caphttp() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file" pretty=(--pretty=all --style=monokai)
    have httpie || return 0
    [[ ${HTTPIE_PLAIN:-0} == 1 ]] && pretty=()
    cmdline http "$@" >"$dest"
    in_work timeout 20 "$HTTPIE" --ignore-stdin "${pretty[@]}" --timeout=10 "$@" >>"$dest" 2>&1
    if [[ ${HTTPIE_HEADERS:-0} == 1 ]]; then
        finish httpie "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only "$status"
    else
        finish httpie "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
    fi
}

# capwget SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- WGET-ARGS...
# wget as typed (`wget -S -O /dev/null URL`, `wget --server-response URL`,
# `wget -S -O- URL`): its progress lines and the server's headers (indented),
# run in the work directory (a file it saves lands there). One try, 10 s.
capwget() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    have wget || return 0
    cmdline wget "$@" >"$dest"
    in_work timeout 20 wget --tries=1 --timeout=10 "$@" >>"$dest" 2>&1
    finish wget "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
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

PORTS=(55010 55011 55012 55013 55014 55015 55100 55110 55120 55121 55122 55130 55140 55150 55160 55170
       55092 55093 55094 55095 55096 55099)
for p in "${PORTS[@]}"; do listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"; done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg granian nice -n 5 "$VENV/bin/granian" --interface wsgi --host 127.0.0.1 --port 55010 --workers 1 \
    --blocking-threads 4 --working-dir "$APPS" flask_app:app
start_bg daphne nice -n 5 env PYTHONPATH="$APPS" "$VENV/bin/daphne" -b 127.0.0.1 -p 55011 asgi_app:app
start_bg hypercorn nice -n 5 env PYTHONPATH="$APPS" "$VENV/bin/hypercorn" -b 127.0.0.1:55012 asgi_app:app
start_bg node nice -n 5 node "$APPS/node_app.js" 55013
start_bg webrick nice -n 5 ruby "$APPS/webrick_app.rb" 55015
if have thin && have ruby-sinatra; then
    start_bg thin nice -n 5 thin -a 127.0.0.1 -p 55014 -e production --threaded -R "$APPS/sinatra_app.ru" start
    wait_port 55014 thin && UP[thin]=1
fi
for p in 55010 55011 55012 55013 55015; do wait_port $p app || die "an app did not start on $p"; done

# ---- fronts -----------------------------------------------------------------
if have mongrel2-core; then
    mkdir -p "$RUN"/mongrel2/{logs,run,tmp,static}
    printf 'orders front: static files\n' >"$RUN/mongrel2/static/index.html"
    cp "$CONF/mongrel2.conf" "$RUN/mongrel2/mongrel2.conf"
    if (cd "$RUN/mongrel2" && LOGNAME=corpus m2sh load -config mongrel2.conf -db config.sqlite) >"$RUN/logs/m2sh.log" 2>&1; then
        start_bg mongrel2 env -C "$RUN/mongrel2" mongrel2 "$RUN/mongrel2/config.sqlite" 3f1b7a52-0c4e-4d0e-9a43-38c0b0b6d038
        wait_port 55100 mongrel2 && UP[mongrel2]=1
    else log "SKIP mongrel2: m2sh load failed"; cat "$RUN/logs/m2sh.log" >&2; fi
fi
if have privoxy; then
    mkdir -p "$RUN/privoxy"
    render "$CONF/privoxy.conf" "$RUN/privoxy/privoxy.conf"
    cp "$CONF/privoxy.action" "$RUN/privoxy/corpus.action"
    start_bg privoxy privoxy --no-daemon "$RUN/privoxy/privoxy.conf"
    wait_port 55110 privoxy && UP[privoxy]=1
fi
if [[ -z ${SKIPPED[mitmproxy]:-} ]]; then
    mkdir -p "$RUN"/mitm/{live,lazy,eager}
    # lazily connected (connection_strategy lazy): a refused or stopped
    # backend gets mitmproxy's 502 page
    start_bg mitmdump "$MITM_VENV/bin/mitmdump" --mode reverse:http://127.0.0.1:55012 --listen-host 127.0.0.1 -p 55120 \
        --set confdir="$RUN/mitm/live" --set flow_detail=0 --set connection_strategy=lazy
    # the reports backend is not running: lazily connected, and eagerly
    # connected (the default), which closes the client's connection without
    # a byte
    start_bg mitmdump-lazy "$MITM_VENV/bin/mitmdump" --mode reverse:http://127.0.0.1:55093 --listen-host 127.0.0.1 -p 55121 \
        --set confdir="$RUN/mitm/lazy" --set flow_detail=0 --set connection_strategy=lazy
    start_bg mitmdump-eager "$MITM_VENV/bin/mitmdump" --mode reverse:http://127.0.0.1:55093 --listen-host 127.0.0.1 -p 55122 \
        --set confdir="$RUN/mitm/eager" --set flow_detail=0
    wait_port 55120 mitmdump && wait_port 55121 mitmdump-lazy && wait_port 55122 mitmdump-eager && UP[mitmproxy]=1
fi
if have busybox; then
    mkdir -p "$RUN"/busybox/www/{admin,docs,cgi-bin}
    cp "$CONF/busybox-httpd.conf" "$RUN/busybox/httpd.conf"
    cp "$APPS"/cgi/*.cgi "$RUN/busybox/www/cgi-bin/"
    chmod 755 "$RUN"/busybox/www/cgi-bin/*.cgi
    printf '<h1>inventory</h1>\n' >"$RUN/busybox/www/index.html"
    printf 'ops console\n' >"$RUN/busybox/www/admin/index.html"
    printf 'runbook: restart the inventory service\n' >"$RUN/busybox/www/docs/runbook.txt"
    printf 'db password rotation notes\n' >"$RUN/busybox/www/docs/secrets.txt"
    chmod 600 "$RUN/busybox/www/docs/secrets.txt"
    start_bg busybox-httpd busybox httpd -f -p 127.0.0.1:55130 -u www-data -h "$RUN/busybox/www" \
        -c "$RUN/busybox/httpd.conf" -r "ops console"
    wait_port 55130 busybox-httpd && UP[busybox]=1
fi
if have yaws && up thin; then
    mkdir -p "$RUN"/yaws/{logs,www}
    printf '<h1>orders</h1>\n' >"$RUN/yaws/www/index.html"
    render "$CONF/yaws.conf" "$RUN/yaws/yaws.conf"
    start_bg yaws env HOME="$RUN/yaws" yaws -i --conf "$RUN/yaws/yaws.conf" --erlarg -noinput </dev/null
    wait_port 55140 yaws && UP[yaws]=1
fi
if [[ -z ${SKIPPED[npm]:-} ]]; then
    start_bg gateway env NODE_DIR="$NODE_DIR" node "$APPS/gateway.js" 55150
    wait_port 55150 gateway && UP[gateway]=1
fi
if have mini-httpd; then
    mkdir -p "$RUN"/mini/www/{cgi-bin,docs}
    cp "$APPS"/cgi/*.cgi "$RUN/mini/www/cgi-bin/"
    chmod 755 "$RUN"/mini/www/cgi-bin/*.cgi
    printf 'orders CGI host\n' >"$RUN/mini/www/index.html"
    printf 'release notes\n' >"$RUN/mini/www/docs/notes.txt"
    printf 'internal\n' >"$RUN/mini/www/docs/internal.txt"; chmod 600 "$RUN/mini/www/docs/internal.txt"
    start_bg mini-httpd mini_httpd -D -h 127.0.0.1 -p 55160 -u nobody -d "$RUN/mini/www" -c 'cgi-bin/*' \
        -l "$RUN/logs/mini-httpd.access"
    wait_port 55160 mini-httpd && UP[mini]=1
fi
if have webfs; then
    mkdir -p "$RUN"/webfs/www/exports
    printf 'id,sku,qty\n1,A-1,2\n' >"$RUN/webfs/www/exports/orders.csv"
    printf 'private\n' >"$RUN/webfs/www/exports/payroll.csv"; chmod 600 "$RUN/webfs/www/exports/payroll.csv"
    start_bg webfsd webfsd -F -u nobody -g nogroup -i 127.0.0.1 -p 55170 -r "$RUN/webfs/www"
    wait_port 55170 webfsd && UP[webfs]=1
fi
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & PIDS+=($!); wait $!; exit 0; }

A=http://127.0.0.1
MG=$A:55100 PX=$A:55110 MT=$A:55120 ML=$A:55121 ME=$A:55122 BB=$A:55130 YW=$A:55140 GW=$A:55150 MH=$A:55160 WF=$A:55170
DA=$A:55011   # Daphne, reached through Privoxy with curl -x
JSON=(-H 'Content-Type: application/json')
BIG_JSON=$("$PY" -c 'import json; print(json.dumps({"sku": "A-1", "qty": 1, "note": "x" * 3000}))')
BIG_COOKIE="session=$(head -c 16000 /dev/zero | tr '\0' 'q')"
HUGE_COOKIE="session=$(head -c 20000 /dev/zero | tr '\0' 'q')"
LONG_QUERY="ids=$("$PY" -c 'print(",".join(str(i) for i in range(1, 2600)))')"

# ============================================== Flask (Granian) + mongrel2 ==
if up mongrel2; then
    log "capturing: Flask under Granian and WEBrick behind mongrel2"
    S=mongrel2-granian-flask
    cap $S flask-404-unknown-order-mongrel2.txt 404 app flask "unknown order id: the view's JSON 404 (mongrel2 relays the bytes, server: granian)" "" -- -sv $MG/api/orders/7
    cap $S flask-422-validation-mongrel2.txt 422 app flask "POST with qty 0: the app's 422" "curl -si" -- -si "${JSON[@]}" -d '{"sku":"A-1","qty":0}' $MG/api/orders
    caphttp $S flask-401-bearer-httpie.txt 401 app flask "HTTPie, a wrong bearer token: the app's 401 with WWW-Authenticate Bearer" "HTTPie with colours" -- -v GET $MG/api/account 'Authorization:Bearer expired-token'
    cap $S flask-409-empty-cancel-mongrel2.txt 409 app flask "cancel a shipped order: an empty-bodied 409" "content-length: 0" -- -sv -X POST $MG/api/orders/1/cancel
    capwin $S flask-500-page-mongrel2.txt 500 app flask "an unhandled KeyError: Flask's 500 page" "curl -si pasted with CRLF" -- -si $MG/api/boom
    cap $S flask-503-maintenance-mongrel2.txt 503 app flask "the app's own maintenance 503 with Retry-After" "" -- -sv $MG/api/maintenance
    capraw $S flask-504-own-stock-mongrel2.txt 504 app flask "the stock service took over 1 s: the app's own JSON 504" "curl -si saved to a file (CRs kept)" -- -si $MG/api/stock
    cap $S flask-413-werkzeug-mongrel2.txt 413 app flask "a 3 KiB JSON body over MAX_CONTENT_LENGTH 1 KiB: Werkzeug's 413 page (mongrel2 streams proxied bodies)" "" -- -sv "${JSON[@]}" -d "$BIG_JSON" $MG/api/orders
    cap $S flask-405-delete-mongrel2.txt 405 app flask "DELETE on a GET route: Werkzeug's 405 page" "curl -si" -- -si -X DELETE $MG/api/orders/1
    cap $S mongrel2-404-no-route.txt 404 proxy mongrel2 "a path no mongrel2 route matches: its plain 'Not Found'" "Server: Mongrel2/1.12.2" -- -sv $MG/v2/orders/7
    cap $S mongrel2-404-static-missing.txt 404 proxy mongrel2 "a missing file under its Dir route" "curl -si" -- -si $MG/static/app.js
    cap $S mongrel2-400-big-cookie.txt 400 proxy mongrel2 "a 16 KB Cookie header: mongrel2's parser refuses the request" "'Bad Request', 11 bytes" -- -sv -H "Cookie: $BIG_COOKIE" $MG/api/orders/1
    caphttp $S mongrel2-405-post-static-httpie.txt 405 proxy mongrel2 "HTTPie: a POST to the Dir route" "HTTPie with colours" -- -v POST $MG/static/ name=report
    cap $S mongrel2-502-billing-refused.txt 502 proxy mongrel2 "the billing service is not running: connection refused" "" -- -sv $MG/billing/api/invoices/3
    capwget $S mongrel2-502-billing-wget.txt 502 proxy mongrel2 "the same, from wget" "wget -S -O-" -- -S -O- $MG/billing/api/invoices/3
    cap $S mongrel2-400-long-query.txt 400 proxy mongrel2 "a 12 KB query string" "curl -si" -- -si "$MG/api/orders?$LONG_QUERY"
    cap $S mongrel2-400-bad-header-name.txt 400 proxy mongrel2 "a header name with a space: mongrel2's parser refuses the request" "curl -si" -- -si -H 'X Trace: 1' $MG/api/orders/1
    cap $S mongrel2-405-delete-static.txt 405 proxy mongrel2 "DELETE on the Dir route" "" -- -sv -X DELETE $MG/static/index.html

    S=mongrel2-webrick
    cap $S webrick-404-json-item-mongrel2.txt 404 app webrick "unknown item: the servlet's JSON 404" "Server: WEBrick/1.8.1" -- -sv $MG/inventory/items/7
    cap $S webrick-422-reserve-mongrel2.txt 422 app webrick "POST with qty 0: the servlet's 422" "curl -si" -- -si "${JSON[@]}" -d '{"item":1,"qty":0}' $MG/inventory/reserve
    cap $S webrick-409-reserve-mongrel2.txt 409 app webrick "not enough stock: the servlet's 409" "" -- -sv "${JSON[@]}" -d '{"item":1,"qty":5}' $MG/inventory/reserve
    cap $S webrick-500-page-mongrel2.txt 500 app webrick "the servlet raises: WEBrick's 500 page with the exception message" "" -- -sv $MG/inventory/boom
    cap $S webrick-404-page-mongrel2.txt 404 app webrick "no servlet mounted there: WEBrick's 404 page" "curl -si" -- -si $MG/inventory/warehouses
    cap $S webrick-405-page-mongrel2.txt 405 app webrick "DELETE on a servlet without do_DELETE: WEBrick's 405 page" "" -- -sv -X DELETE $MG/inventory/items/1
    capraw $S webrick-503-maintenance-mongrel2.txt 503 app webrick "the servlet's own maintenance 503" "curl -si saved to a file (CRs kept)" -- -si $MG/inventory/maintenance
    cap $S webrick-414-long-uri-mongrel2.txt 414 app webrick "a 3 KB path: WEBrick's 414 page (under mongrel2's limit)" "" -- -sv "$MG/inventory/items/$(head -c 3000 /dev/zero | tr '\0' 7)"
fi

# ========================================= Starlette (Daphne) via Privoxy ==
if up privoxy; then
    log "capturing: Starlette under Daphne through Privoxy (forward proxy)"
    S=privoxy-daphne-starlette
    cap $S starlette-404-order-privoxy.txt 404 app starlette "unknown order through the office proxy: the app's JSON 404 (Server: daphne)" "curl -x" -- -sv -x $PX $DA/api/orders/7
    cap $S starlette-422-privoxy.txt 422 app starlette "POST with qty 0: the app's 422" "curl -si -x" -- -si -x $PX "${JSON[@]}" -d '{"sku":"A-1","qty":0}' $DA/api/orders
    cap $S starlette-405-privoxy.txt 405 app starlette "DELETE: Starlette's plain 'Method Not Allowed'" "" -- -sv -x $PX -X DELETE $DA/api/orders/1
    cap $S starlette-404-no-route-privoxy.txt 404 app starlette "no route: Starlette's plain 'Not Found'" "curl -si -x" -- -si -x $PX $DA/api/v2/orders
    cap $S starlette-500-plain-privoxy.txt 500 app starlette "an unhandled RuntimeError: Starlette's plain 'Internal Server Error'" "" -- -sv -x $PX $DA/api/boom
    cap $S daphne-500-crash-privoxy.txt 500 app daphne "the ASGI app raises before any response: Daphne's own 500 page" "" -- -sv -x $PX $DA/api/crash
    cap $S starlette-502-own-payments-privoxy.txt 502 app starlette "the payment provider failed: the app's own JSON 502" "curl -si -x" -- -si -x $PX $DA/api/payments
    capwin $S starlette-503-maintenance-privoxy.txt 503 app starlette "the app's maintenance 503" "curl -si -x pasted with CRLF" -- -si -x $PX $DA/api/maintenance
    cap $S starlette-404-empty-sku-privoxy.txt 404 app starlette "unknown SKU: an empty-bodied 404" "content-length 0" -- -sv -x $PX $DA/api/skus/ZZ-9
    cap $S privoxy-504-slow.txt 504 proxy privoxy "the handler sleeps 5 s, socket-timeout 2: Privoxy's 'Connection timeout' page" "" -- -sv -x $PX $DA/api/slow
    capraw $S privoxy-504-slow-raw.txt 504 proxy privoxy "the same timeout" "curl -si saved to a file (CRs kept)" -- -si -x $PX $DA/api/slow
    cap $S privoxy-503-connect-failed.txt 503 proxy privoxy "an origin port where nothing listens: 'Connect failed'" "curl -si -x" -- -si -x $PX $A:55092/api/reports
    caphttp $S privoxy-403-blocked-httpie.txt 403 proxy privoxy "HTTPie --proxy: /internal/ matches a +block action" "HTTPie with colours" -- -v --proxy "http:$PX" GET $DA/internal/metrics
    cap $S privoxy-403-blocked.txt 403 proxy privoxy "the same block, from curl" "" -- -sv -x $PX $DA/internal/flags
    cap $S privoxy-404-pp-page.txt 404 proxy privoxy "a page on Privoxy's own http://p.p/ host that does not exist" "curl -si -x" -- -si -x $PX http://p.p/orders
    capwget $S privoxy-503-wget.txt 503 proxy privoxy "wget through the proxy, origin refused" "wget -S with http_proxy" -- -S -O- -e use_proxy=yes -e "http_proxy=$PX" $A:55092/api/reports
    cap $S privoxy-400-direct-request.txt 400 proxy privoxy "the proxy's port called as if it were the API (no absolute URL): 'Invalid header received from client'" "" -- -sv $PX/api/orders/1
    cap $S privoxy-400-unknown-method.txt 400 proxy privoxy "a BREW request through the proxy: Privoxy refuses the method" "curl -si -x" -- -si -x $PX -X BREW $DA/api/orders/1
fi

# ======================================= Starlette (Hypercorn) + mitmproxy ==
if up mitmproxy; then
    log "capturing: Starlette under Hypercorn behind mitmproxy (reverse mode)"
    S=mitmproxy-hypercorn-starlette
    cap $S starlette-404-order-mitm.txt 404 app starlette "unknown order: the app's JSON 404 (server: hypercorn-h11, an empty reason phrase)" "" -- -sv $MT/api/orders/7
    cap $S starlette-422-mitm.txt 422 app starlette "POST with qty 0: the app's 422" "curl -si" -- -si "${JSON[@]}" -d '{"sku":"A-1","qty":0}' $MT/api/orders
    cap $S hypercorn-500-empty-crash-mitm.txt 500 app hypercorn "the ASGI app raises before any response: Hypercorn's empty 500" "content-length: 0" -- -sv $MT/api/crash
    cap $S starlette-403-admin-mitm.txt 403 app starlette "the app's 403 for this API key" "curl -si" -- -si $MT/api/admin
    capraw $S starlette-502-own-payments-mitm.txt 502 app starlette "the app's own JSON 502 (payment provider), passed by mitmproxy" "curl -si saved to a file (CRs kept)" -- -si $MT/api/payments
    cap $S starlette-500-plain-mitm.txt 500 app starlette "an unhandled error: Starlette's plain 500" "" -- -sv $MT/api/boom
    caphttp $S starlette-405-mitm-httpie.txt 405 app starlette "HTTPie: DELETE on an order" "HTTPie with colours" -- -v DELETE $MT/api/orders/1
    cap $S mitmproxy-400-bad-header-name.txt 400 proxy mitmproxy "a header name with a space: mitmproxy refuses it (validate_inbound_headers)" "Server: mitmproxy 11.0.2" -- -sv -H 'X Trace: 1' $MT/api/orders/1
    cap $S mitmproxy-502-lazy-refused.txt 502 proxy mitmproxy "the reports backend is not running (connection_strategy lazy)" "" -- -sv $ML/api/reports/7
    caphttp $S mitmproxy-502-refused-httpie.txt 502 proxy mitmproxy "HTTPie: the same refused backend" "HTTPie with colours" -- -v GET $ML/api/reports/7
    capwin $S mitmproxy-502-refused-crlf.txt 502 proxy mitmproxy "the same, another path" "curl -si pasted with CRLF" -- -si $ML/api/reports/summary
    cap $S mitmproxy-0-eager-refused.txt 0 proxy mitmproxy "the default eager strategy: the backend refuses, mitmproxy closes the client's connection without a byte" "no HTTP response: 'Empty reply from server'" -- -sv $ME/api/reports/7
    capwget $S mitmproxy-502-refused-wget.txt 502 proxy mitmproxy "wget: the refused reports backend" "wget -S -O-" -- -S -O- $ML/api/reports/8
fi

# ====================================== busybox httpd, origin with CGI ==
if up busybox; then
    log "capturing: busybox httpd"
    S=busybox-httpd-cgi
    cap $S busybox-404-missing.txt 404 app busybox-httpd "a file that is not there: busybox's 404 page" "no Server header" -- -sv $BB/docs/deploy.txt
    cap $S busybox-404-unreadable.txt 404 app busybox-httpd "a root-only file (busybox runs as www-data): it says 404, not 403" "curl -si" -- -si $BB/docs/secrets.txt
    cap $S busybox-501-delete.txt 501 app busybox-httpd "DELETE: 'The requested method is not recognized'" "" -- -sv -X DELETE $BB/docs/runbook.txt
    cap $S busybox-400-long-query.txt 400 app busybox-httpd "a 12 KB query string" "curl -si" -- -si "$BB/docs/runbook.txt?$LONG_QUERY"
    cap $S busybox-401-no-credentials.txt 401 identity busybox-httpd "Basic auth on /admin, no credentials" "WWW-Authenticate: Basic realm=\"ops console\"" -- -sv $BB/admin/
    caphttp $S busybox-401-wrong-password-httpie.txt 401 identity busybox-httpd "HTTPie -a with a wrong password" "HTTPie with colours" -- -v -a ops:wrong GET $BB/admin/
    capwget $S busybox-401-wget.txt 401 identity busybox-httpd "wget with no credentials" "wget -S -O-" -- -S -O- $BB/admin/
    cap $S cgi-404-json-busybox.txt 404 app cgi-script "the CGI script's own JSON 404 (Status: header)" "curl -si" -- -si $BB/cgi-bin/orders.cgi/7
    cap $S cgi-503-busybox.txt 503 app cgi-script "the CGI script's maintenance 503" "" -- -sv $BB/cgi-bin/orders.cgi/maintenance
    cap $S busybox-0-cgi-died.txt 0 app busybox-httpd "a CGI script that exits before any header: busybox closes without a response" "no HTTP response: 'Empty reply from server'" -- -sv $BB/cgi-bin/broken.cgi
    capraw $S busybox-200-cgi-no-header.txt 200 app busybox-httpd "a CGI script prints a traceback with no header block: busybox sends it under '200 OK'" "curl -si saved to a file (CRs kept)" -- -si $BB/cgi-bin/noheader.cgi
fi

# ============================================ Sinatra (Thin) + yaws revproxy ==
if up yaws; then
    log "capturing: Sinatra under Thin behind yaws"
    S=yaws-thin-sinatra
    cap $S sinatra-404-json-yaws.txt 404 app sinatra "unknown order: the app's JSON 404 (Server: thin)" "" -- -sv $YW/api/orders/7
    cap $S sinatra-422-yaws.txt 422 app sinatra "POST with qty 0: the app's 422" "curl -si" -- -si "${JSON[@]}" -d '{"sku":"A-1","qty":0}' $YW/api/orders
    cap $S sinatra-500-yaws.txt 500 app sinatra "an unhandled error: Sinatra's '<h1>Internal Server Error</h1>'" "" -- -sv $YW/api/boom
    cap $S sinatra-403-empty-yaws.txt 403 app sinatra "halt 403: an empty-bodied 403" "curl -si" -- -si $YW/api/export
    capwin $S sinatra-503-yaws.txt 503 app sinatra "the app's maintenance 503" "curl -si pasted with CRLF" -- -si $YW/api/maintenance
    cap $S sinatra-404-default-yaws.txt 404 app sinatra "no route: Sinatra's default '<h1>Not Found</h1>'" "" -- -sv $YW/api/v2/orders
    cap $S thin-400-long-uri-yaws.txt 400 app thin "a 12 KB path: Thin's parser refuses it, yaws relays the plain 'Bad Request'" "" -- -sv "$YW/api/orders/$(head -c 12000 /dev/zero | tr '\0' 7)"
    cap $S yaws-404-dead-backend.txt 404 proxy yaws "revproxy to a port where nothing listens: yaws answers its own 404 page, not a 502" "Server: Yaws 2.1.1" -- -sv $YW/billing/invoices/3
    caphttp $S yaws-404-dead-backend-httpie.txt 404 proxy yaws "HTTPie: the same dead backend" "HTTPie with colours" -- -v GET $YW/billing/invoices/4
    cap $S yaws-404-no-file.txt 404 proxy yaws "a path outside the revproxy routes: yaws's 404 page" "curl -si" -- -si $YW/v2/orders/7
    cap $S yaws-405-put-static.txt 405 proxy yaws "PUT on a static page: yaws's 405" "" -- -sv -X PUT -d x=1 $YW/index.html
    cap $S yaws-0-big-cookie.txt 0 proxy yaws "a 20 KB Cookie header (Thin alone takes it): yaws closes the connection without a response" "no HTTP response: 'Empty reply from server'" -- -sv -H "Cookie: $HUGE_COOKIE" $YW/api/orders/1
    capwget $S yaws-404-dead-backend-wget.txt 404 proxy yaws "wget: the dead billing backend" "wget -S -O-" -- -S -O- $YW/billing/invoices/5
fi

# ======================================== Node behind the http-proxy gateway ==
if up gateway; then
    log "capturing: plain Node behind the node-http-proxy gateway"
    S=node-http-proxy-gateway
    cap $S node-404-order-gw.txt 404 app node "unknown order: the app's JSON 404, the gateway adds x-request-id and via" "" -- -sv $GW/api/orders/7
    cap $S node-422-gw.txt 422 app node "POST with qty 0: the app's 422" "curl -si" -- -si "${JSON[@]}" -d '{"sku":"A-1","qty":0}' $GW/api/orders
    cap $S node-400-bad-json-gw.txt 400 app node "a body that is not JSON: the app's 400" "" -- -sv "${JSON[@]}" -d '{"sku":' $GW/api/orders
    cap $S node-429-gw.txt 429 app node "the app's own quota 429 with Retry-After" "curl -si" -- -si $GW/api/quota
    cap $S node-500-json-gw.txt 500 app node "the app's JSON 500 with a traceId" "" -- -sv $GW/api/boom
    cap $S node-500-empty-gw.txt 500 app node "a crashed handler caught late: an empty-bodied 500" "content-length: 0" -- -sv $GW/api/crash
    capraw $S node-503-gw.txt 503 app node "the app's maintenance 503" "curl -si saved to a file (CRs kept)" -- -si $GW/api/maintenance
    cap $S node-404-admin-with-key-gw.txt 404 app node "the right X-Api-Key: the app's own 'no route' 404 behind the gateway's check" "curl -si" -- -si -H 'X-Api-Key: k-7f3a' $GW/api/admin/keys
    cap $S gateway-504-slow.txt 504 proxy node-http-proxy "the handler sleeps 5 s, proxyTimeout 2000: the gateway's JSON 504" "" -- -sv $GW/api/slow
    cap $S gateway-502-refused.txt 502 proxy node-http-proxy "the billing service is not running: the gateway's JSON 502" "curl -si" -- -si $GW/billing/invoices/3
    capwin $S gateway-502-refused-crlf.txt 502 proxy node-http-proxy "the same, another invoice" "curl -si pasted with CRLF" -- -si $GW/billing/invoices/4
    cap $S gateway-404-no-route.txt 404 proxy node-http-proxy "a prefix the gateway has no route for" "" -- -sv $GW/v2/orders/7
    cap $S gateway-413-body.txt 413 proxy node-http-proxy "a 3 KiB body: the gateway refuses it before the app" "curl -si" -- -si "${JSON[@]}" -d "$BIG_JSON" $GW/api/orders
    cap $S gateway-401-no-key.txt 401 identity node-http-proxy "no X-Api-Key on /api/admin/: the gateway's key check" "" -- -sv $GW/api/admin/keys
    caphttp $S gateway-401-wrong-key-httpie.txt 401 identity node-http-proxy "HTTPie with a wrong X-Api-Key" "HTTPie with colours" -- -v GET $GW/api/admin/keys 'X-Api-Key:k-0000'
    capwget $S gateway-504-slow-wget.txt 504 proxy node-http-proxy "wget: the slow handler" "wget -S -O-" -- -S -O- $GW/api/slow
    caphttp $S gateway-504-slow-httpie.txt 504 proxy node-http-proxy "HTTPie: the slow handler" "HTTPie with colours" -- -v GET $GW/api/slow
    cap $S gateway-400-bad-header-name.txt 400 proxy node "a header name with a space: Node's HTTP parser in the gateway process answers 400 before any gateway code runs" "empty body, Connection: close" -- -sv -H 'X Trace: 1' $GW/api/orders/1
fi

# ============================================== mini_httpd with CGI scripts ==
if up mini; then
    log "capturing: mini_httpd"
    S=mini-httpd-cgi
    cap $S cgi-404-json-mini.txt 404 app cgi-script "the CGI script's JSON 404 (mini_httpd answers HTTP/1.0 and repeats the Status header)" "" -- -sv $MH/cgi-bin/orders.cgi/7
    cap $S cgi-503-mini.txt 503 app cgi-script "the CGI script's maintenance 503" "curl -si" -- -si $MH/cgi-bin/orders.cgi/maintenance
    cap $S cgi-410-empty-mini.txt 410 app cgi-script "the script sends only 'Status: 410 Gone': mini_httpd's status line reads '410 Something', no body" "" -- -sv $MH/cgi-bin/orders.cgi/gone
    cap $S mini-httpd-404.txt 404 app mini-httpd "no such file: mini_httpd's 404 page" "curl -si" -- -si $MH/docs/changelog.txt
    cap $S mini-httpd-403.txt 403 app mini-httpd "a root-only file: mini_httpd's 403 page" "" -- -sv $MH/docs/internal.txt
    cap $S mini-httpd-501-delete.txt 501 app mini-httpd "DELETE: mini_httpd's 501 page" "curl -si" -- -si -X DELETE $MH/docs/notes.txt
    capraw $S mini-httpd-200-cgi-died.txt 200 app mini-httpd "a CGI script that exits before any header: an empty '200 OK'" "curl -si saved to a file (CRs kept)" -- -si $MH/cgi-bin/broken.cgi
    # (not HTTPie: mini_httpd sends 'charset=%s' and HTTPie stops on it)
    cap $S mini-httpd-404-html.txt 404 app mini-httpd "a missing page" "Content-Type: text/html; charset=%s" -- -sv $MH/docs/roadmap.html
fi

# ======================================================== webfsd, files ==
if up webfs; then
    log "capturing: webfsd"
    S=webfsd-files
    cap $S webfs-403-unreadable.txt 403 app webfs "a root-only export: webfsd's 'Access denied'" "Server: webfs/1.21" -- -sv $WF/exports/payroll.csv
    cap $S webfs-404-missing.txt 404 app webfs "a missing export: 'File or directory not found'" "curl -si" -- -si $WF/exports/2026-11.csv
    cap $S webfs-501-post.txt 501 app webfs "POST: webfsd's 'Sorry folks'" "" -- -sv -d x=1 $WF/exports/orders.csv
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up mongrel2 && capbody $S body-mongrel2-502.txt 0/502 proxy mongrel2 "mongrel2's 'Bad Gateway' (billing not running)" "no number" -- $MG/billing/api/invoices/3
up privoxy && capbody $S body-privoxy-503.txt 503/503 proxy privoxy "Privoxy's 'Connect failed' page" "" -- -x $PX $A:55092/api/reports
up gateway && capbody $S body-gateway-504.txt 0/504 proxy node-http-proxy "the gateway's JSON 504" "no number" -- $GW/api/slow
up mitmproxy && capbody $S body-mitmproxy-502.txt 502/502 proxy mitmproxy "mitmproxy's 502 page" "" -- $ML/api/reports/7
up yaws && capbody $S body-yaws-404-dead-backend.txt 404/404 proxy yaws "yaws's 404 page for the dead backend" "" -- $YW/billing/invoices/3
up mongrel2 && capbody $S body-flask-503.txt 0/503 app flask "the app's maintenance JSON" "no number" -- $MG/api/maintenance
up privoxy && capbody $S body-daphne-500.txt 500/500 app daphne "Daphne's own 500 page" "" -- -x $PX $DA/api/crash
up gateway && capbody $S body-node-429.txt 0/429 app node "the app's quota JSON" "no number" -- $GW/api/quota
up mongrel2 && capbody $S body-webrick-500.txt 0/500 app webrick "WEBrick's 500 page" "no number" -- $MG/inventory/boom

# ================================================ headers-only pastes ==
S=headers-only-paste
up mongrel2 && caphead $S head-mongrel2-502.txt 502 proxy mongrel2 "curl -sI: billing not running" "" -- $MG/billing/api/invoices/3
up privoxy && caphead $S head-privoxy-403-blocked.txt 403 proxy privoxy "curl -sI -x: a blocked path" "" -- -x $PX $DA/internal/metrics
up gateway && caphead $S head-gateway-401.txt 401 identity node-http-proxy "curl -sI: no API key" "" -- $GW/api/admin/keys
up gateway && caphead $S head-node-503-gw.txt 503 app node "curl -sI: the app's maintenance 503 behind the gateway" "" -- $GW/api/maintenance
up yaws && caphead $S head-yaws-404-dead-backend.txt 404 proxy yaws "curl -sI: the dead billing backend" "" -- $YW/billing/invoices/3
up webfs && caphead $S head-webfs-404.txt 404 app webfs "curl -sI: a missing export" "" -- $WF/exports/2026-11.csv

# ====================================== the app servers go away behind their fronts ==
log "capturing: app servers stopped"
stop_name granian; stop_name daphne; stop_name hypercorn; stop_name node; stop_name thin
sleep 0.5
up mongrel2 && cap mongrel2-granian-flask mongrel2-502-granian-stopped.txt 502 proxy mongrel2 "Granian is stopped" "" -- -sv $MG/api/orders/1
up privoxy && cap privoxy-daphne-starlette privoxy-503-daphne-stopped.txt 503 proxy privoxy "Daphne is stopped: 'Connect failed'" "curl -si -x" -- -si -x $PX $DA/api/orders/1
up mitmproxy && cap mitmproxy-hypercorn-starlette mitmproxy-502-hypercorn-stopped.txt 502 proxy mitmproxy "Hypercorn is stopped" "" -- -sv $MT/api/orders/1
up gateway && cap node-http-proxy-gateway gateway-502-node-stopped.txt 502 proxy node-http-proxy "the Node service is stopped" "curl -si" -- -si $GW/api/orders/1
up yaws && cap yaws-thin-sinatra yaws-404-thin-stopped.txt 404 proxy yaws "Thin is stopped: yaws's 404 again" "" -- -sv $YW/api/orders/1

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
{
    cat <<'HDR'
# Evidence corpus, ROUND 38 (held out): real responses captured by
# scripts/corpus/capture-round38.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as earlier rounds:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the body itself shows (0 = none)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`) or "headers-only" (`curl -sI`);
#              absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
HDR
    cat "$STAGE/labels.toml"
} >"$OUT/labels.toml"
cp "$STAGE"/*.txt "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round38/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
