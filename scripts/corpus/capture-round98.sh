#!/usr/bin/env bash
# capture-round98.sh — build the ninety-eighth held-out evidence corpus in
# tests/fixtures/evidence-round98/.
#
# "The app servers' own answers behind fronts": pages and refusals written
# by the application SERVER itself (gunicorn, uvicorn, waitress, Puma,
# node:http, Go net/http), not by the framework and not by the front, as
# they reach an engineer through a mainstream front, next to the fronts' own
# answers and ordinary framework answers passed on. Six setups, plain
# HTTP/1.1, configs in scripts/corpus/conf-round98/, apps in apps98/:
#   - nginx 1.22  -> Flask 3.1 on gunicorn (sync workers --timeout 3, and
#                    gthread workers);
#   - Apache 2.4  -> FastAPI on uvicorn (--http h11 --limit-concurrency 2);
#   - Caddy 2.6   -> Flask 3.1 on waitress (header / body limits set);
#   - HAProxy 2.6 -> Sinatra 3 on Puma 5.6 (a Rack middleware raises);
#   - Varnish 7.1 -> Express 4.22 on node:http;
#   - Squid 5.7   -> Go net/http (MaxHeaderBytes 4096, a TimeoutHandler).
# Malformed and oversized requests are sent with curl. Where it was not
# known beforehand whether the front refuses a request itself or passes it
# on, the probe section below sends it to the front with the app stopped
# (and to the app server directly) and logs what answered (logs/probe.log);
# the labels were written from that experiment.
#
#   scripts/corpus/capture-round98.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round98.sh   # never call apt-get / pip / npm / go build
#   CORPUS_KEEP_RUN=1 capture-round98.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-63999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers in
# 60000-61999 meanwhile: those are not looked at, and never stopped); every
# curl, HTTPie and wget request runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round98.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the
# wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round98"
RUN=/tmp/api-triage-corpus98-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round98"
APPS98="$HERE/apps98"
NODE_DIR=${CORPUS_NODE98:-/tmp/api-triage-corpus98-node}
VENV=${CORPUS_VENV98:-/tmp/api-triage-corpus98-venv}
GO_DIR=${CORPUS_GO98:-/tmp/api-triage-corpus98-go}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(flask==3.1.3 fastapi==0.165.0 uvicorn==0.55.0 gunicorn==27.0.1 waitress==3.0.2 httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus98 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget nginx apache2 caddy haproxy varnish squid python3-venv nodejs golang-go puma ruby-sinatra)
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

install_venv() {  # Flask, FastAPI, uvicorn, gunicorn, waitress, HTTPie (a copy of round 89's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import flask, fastapi, uvicorn, gunicorn, waitress, httpie" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

NODE_PKGS=(express@4.22.1)
install_node() {  # Express (a copy of round 93's node folder), from npm when missing
    [[ -e $NODE_DIR/node_modules/express/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node packages missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus98","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund "${NODE_PKGS[@]}") >>"$RUN/logs/npm.log" 2>&1 \
        || SKIPPED[node]="npm install failed (see logs/npm.log)"
}

build_go() {  # the net/http app, offline, standard library only (kept when newer than its source)
    local f=nethttp_app
    mkdir -p "$GO_DIR"
    [[ -x $GO_DIR/$f && $GO_DIR/$f -nt $APPS98/$f.go ]] && return 0
    log "go build $f (standard library only, offline)"
    (cd "$APPS98" && GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$GO_DIR" GOCACHE="$GO_DIR/cache" \
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round98.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS98 ]] || die "missing $CONF or $APPS98"
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
[[ -z ${SKIPPED[node]:-} ]] || die "Express is missing (${SKIPPED[node]}; copy round 93's node folder to $NODE_DIR)"
[[ -z ${SKIPPED[nethttp_app]:-} && -x $GO_DIR/nethttp_app ]] || die "nethttp_app did not build (see $RUN/logs/go-build.log)"
for p in nginx apache2 caddy haproxy varnish squid nodejs puma ruby-sinatra; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Apps: gunicorn sync 62011, gunicorn gthread 62012, uvicorn 62013, waitress
# 62014, Puma 62015, Express 62016, net/http 62017. Fronts: nginx 62101,
# Apache 62102, Caddy 62103, HAProxy 62104, Varnish 62105, Squid 62106.
# 62099 is never listened on.
TCP_PORTS=(62011 62012 62013 62014 62015 62016 62017 62101 62102 62103 62104 62105 62106 62099)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    gunicorn-sync) start_bg gunicorn-sync env PYTHONPATH="$APPS98" nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:62011 \
            --workers 1 --worker-class sync --timeout 3 --graceful-timeout 1 flask_app:app
        wait_port 62011 gunicorn-sync ;;
    gunicorn-gthread) start_bg gunicorn-gthread env PYTHONPATH="$APPS98" nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:62012 \
            --workers 1 --worker-class gthread --threads 4 --timeout 30 --graceful-timeout 1 flask_app:app
        wait_port 62012 gunicorn-gthread ;;
    uvicorn) start_bg uvicorn env PYTHONPATH="$APPS98" nice -n 5 "$VPY" -m uvicorn --host 127.0.0.1 --port 62013 \
            --http h11 --limit-concurrency 2 --no-access-log fastapi_app:app
        wait_port 62013 uvicorn ;;
    waitress) start_bg waitress env PYTHONPATH="$APPS98" nice -n 5 "$VPY" -m waitress --listen=127.0.0.1:62014 --threads=2 \
            --max-request-header-size=8192 --max-request-body-size=1048576 flask_app:app
        wait_port 62014 waitress ;;
    puma) start_bg puma env RACK_ENV=production nice -n 5 puma -b tcp://127.0.0.1:62015 -t 2:2 -e production "$APPS98/config.ru"
        wait_port 62015 puma ;;
    express) start_bg express env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS98/express_app.js" 62016
        wait_port 62016 express ;;
    nethttp) start_bg nethttp nice -n 5 "$GO_DIR/nethttp_app" 62017; wait_port 62017 nethttp ;;
    esac
}
kill_app() {  # kill_app NAME [SIG]: the server and its workers (SIGKILL by default, as the OOM killer does)
    local f=$RUN/pids/$1.pid pid kids sig=${2:-KILL}
    [[ -e $f ]] || return 0
    pid=$(cat "$f")
    kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null)
    for k in $kids; do kids="$kids $(cat /proc/"$k"/task/*/children 2>/dev/null)"; done
    kill "-$sig" "$pid" $kids 2>/dev/null
    local i; for i in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$f"
    sleep 0.3
}
APPS=(gunicorn-sync gunicorn-gthread uvicorn waitress puma express nethttp)
for a in "${APPS[@]}"; do start_app $a || die "$a did not start"; done

# ---- the fronts --------------------------------------------------------------------
mkdir -p "$RUN"/nginx/tmp "$RUN"/apache "$RUN"/caddy/data "$RUN"/haproxy "$RUN"/varnish "$RUN"/squid
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 62101 nginx && UP[nginx]=1
fi
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 62102 apache && UP[apache]=1
fi
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 62103 caddy && UP[caddy]=1
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62104 haproxy && UP[haproxy]=1
fi
render "$CONF/varnish.vcl" "$RUN/varnish/dunlin.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:62105 -T none -f "$RUN/varnish/dunlin.vcl" -n "$RUN/varnish/work" -s malloc,16m
wait_port 62105 varnish && UP[varnish]=1
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus98 -f "$RUN/squid/squid.conf"
wait_port 62106 squid && UP[squid]=1
sleep 1.5

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 600 s"; sleep 600 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 98 (held out): real responses captured by
# scripts/corpus/capture-round98.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-97:
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
LONGQ=$(head -c 5000 /dev/zero | tr '\0' 'q')       # a 5 KB query string
LONGQ11=$(head -c 11000 /dev/zero | tr '\0' 'q')    # an 11 KB query string
H7=$(head -c 7000 /dev/zero | tr '\0' 'h')
MANY=(); for i in $(seq 1 110); do MANY+=(-H "X-Tag-$i: v$i"); done   # 110 header fields
THREE7=(-H "X-Trace-A: $H7" -H "X-Trace-B: $H7" -H "X-Trace-C: $H7") # three 7 KB headers (21 KB)
ONE9=(-H "X-Trace-A: $H7$H7")                                         # one 14 KB header
CTL=(-H $'X-Client-Note: a\x01b')                                     # a control byte in a header value
BADHOST=(-H 'Host: bad host name')
head -c 2097152 /dev/zero | tr '\0' 'z' >"$RUN/work/body-2m.bin"
BIGJSON="$RUN/work/body-200k.json"; { printf '{"ref":"'; head -c 204800 /dev/zero | tr '\0' 'j'; printf '"}'; } >"$BIGJSON"

# ---- the probe (recorded): for each malformed or oversized request it was
# not known beforehand whether the front refuses it itself or passes it on.
# Each was sent to every front with every app server stopped (a 502/503
# from the front = it was passed on; anything else = the front refused it
# itself), and to each app server directly. The labels below were written
# from that experiment (run before the first capture; repeated here into
# logs/probe.log on every run, with the apps stopped, for the record).
probe_one() {  # probe_one PORT WHAT CURL-ARGS...
    local port=$1 what=$2 code; shift 2
    code=$(in_work timeout 12 curl -s -o /dev/null -w '%{http_code}' "$@" 2>/dev/null)
    printf '%s %-18s %s\n' "$port" "$what" "$code" >>"$RUN/logs/probe.log"
}
probe_all() {
    local port u
    for port in "$@"; do
        u=http://127.0.0.1:$port
        probe_one $port long-url-5k "$u/api/echo?q=$LONGQ"
        probe_one $port long-url-11k "$u/api/echo?q=$LONGQ11"
        probe_one $port headers-110 "${MANY[@]}" "$u/api/echo"
        probe_one $port three-7k-headers "${THREE7[@]}" "$u/api/echo"
        probe_one $port one-14k-header "${ONE9[@]}" "$u/api/echo"
        probe_one $port bad-host "${BADHOST[@]}" "$u/api/orders/1"
        probe_one $port body-2m -X POST -H 'Content-Type: application/octet-stream' --data-binary @"$RUN/work/body-2m.bin" "$u/api/upload"
        probe_one $port ctl-in-header "${CTL[@]}" "$u/api/echo"
    done
}
echo "# fronts, every app server stopped" >>"$RUN/logs/probe.log"
for a in "${APPS[@]}"; do kill_app $a; done
sleep 2.5
probe_all 62101 62102 62103 62104 62105 62106
echo "# app servers directly" >>"$RUN/logs/probe.log"
for a in "${APPS[@]}"; do start_app $a || die "$a did not come back"; done
probe_all 62011 62012 62013 62014 62015 62016 62017
sleep 3   # uvicorn's concurrency limit: let the probe's connections go
log "probe done (logs/probe.log)"
# What the probe showed (and the labels below follow):
#   nginx:   passes the 5 KB URL, 110 fields and the control byte on (gunicorn
#            answers 414 / 431 / 400); refuses the 11 KB URL (414), the 14 KB
#            header (400), the bad Host (400) and the 2 MB body (413) itself.
#   Apache:  refuses the 11 KB URL (414), 110 fields, the 14 KB header, the bad
#            Host and the control byte (400) itself; uvicorn sees none of them.
#   Caddy:   passes the 11 KB URL, the big headers and the 2 MB body on
#            (waitress answers 431 / 431 / 413); refuses the bad Host and the
#            control byte (400, Go's net/http inside Caddy) itself.
#   HAProxy: passes the 11 KB URL and the control byte on (Puma answers 400);
#            refuses 110 fields and the 21 KB of headers (400) itself.
#   Varnish: passes the 21 KB of headers on (node:http answers 431); refuses
#            110 fields, the 14 KB header and the control byte (400) itself.
#   Squid:   passes the big headers and the control byte on (Go answers 431 /
#            400); refuses the 11 KB URL (400) itself. It passes the bad-Host
#            request too, but (run 1 showed) with its own Host: the app answers 200.

cap_bg() {  # cap_bg SECONDS CURL-ARGS...: a request left running in the background (not captured)
    local t=$1; shift
    (in_work timeout "$t" curl -s -o /dev/null "$@" || true) &
}

# ====================================== nginx -> Flask on gunicorn ==
if up nginx; then
    log "capturing: Flask on gunicorn (sync, gthread) behind nginx"
    S=flask-gunicorn-nginx-r98
    H=api.corvid.test N=http://api.corvid.test:62101 RN="--resolve api.corvid.test:62101:127.0.0.1"
    cap $S flask-200-order-gunicorn-nginx.txt 200 app flask "order 1 through the sync pool: Flask's JSON, gunicorn's Server, nginx's X-Request-ID" "curl -sv" -- -sv $RN $N/api/orders/1
    cap $S flask-200-order-gthread-nginx.txt 200 app flask "order 1 through the gthread pool (/gt/api/)" "curl -si" -- -si $RN $N/gt/api/orders/1
    caphead headers-only-paste head-flask-200-order-gunicorn-nginx.txt 200 app flask "curl -sI for order 1: Flask answers HEAD" "" -- $RN $N/api/orders/1
    cap $S flask-404-order-gunicorn-nginx.txt 404 app flask "order 9: the view's JSON 404" "curl -si" -- -si $RN $N/api/orders/9
    capwin $S flask-422-post-gunicorn-nginx.txt 422 app flask "POST without ref: the view's JSON 422" "curl -si pasted with CRLF" -- -si $RN -X POST "${JSONH[@]}" -d '{"qty":1}' $N/api/orders
    cap $S flask-201-post-gthread-nginx.txt 201 app flask "POST with a ref through the gthread pool: the view's JSON 201" "curl -si" -- -si $RN -X POST "${JSONH[@]}" -d '{"ref":"CV-2002"}' $N/gt/api/orders
    HTTPIE_CMD=http caphttp $S flask-401-account-gunicorn-nginx-httpie.txt 401 app flask "no token: the view's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:62101/api/account Host:$H:62101
    cap $S flask-429-limited-gunicorn-nginx.txt 429 app flask "the view's own JSON 429 with Retry-After" "curl -si" -- -si $RN $N/api/limited
    caplt $S flask-500-fail-gunicorn-nginx.txt 500 app flask "a KeyError in the view: Flask's errorhandler JSON 500" "curl -sv, only the < lines kept" -- -sv $RN $N/api/fail
    cap $S flask-301-old-order-gunicorn-nginx.txt 301 app flask "the old order URL: Flask's redirect (Werkzeug's HTML 301 body)" "curl -si" -- -si $RN $N/api/old-orders/1
    cap $S flask-404-unrouted-gunicorn-nginx.txt 404 app flask "/api/v2/orders, no route: Werkzeug's HTML 404 page" "curl -si" -- -si $RN $N/api/v2/orders
    cap $S gunicorn-500-boom-nginx.txt 500 app gunicorn "/api/boom raises in the WSGI callable before any response: gunicorn's own HTML 'Internal Server Error'" "curl -sv" -- -sv $RN $N/api/boom
    capbody body-only-paste body-gunicorn-500-boom.txt 0/500 app gunicorn "gunicorn's own 'Internal Server Error' page (no number)" "" -- $RN "$N/api/boom?from=dashboard"
    cap $S gunicorn-500-boom-gthread-nginx.txt 500 app gunicorn "the same through the gthread pool: gunicorn's own 500 page" "curl -si" -- -si $RN $N/gt/api/boom
    cap $S gunicorn-414-long-url-nginx.txt 414 app gunicorn "a 5 KB query string: nginx passes it, gunicorn's own 414 'URI Too Long' (limit_request_line 4094)" "curl -si" -- -si $RN "$N/api/echo?q=$LONGQ"
    capbody body-only-paste body-gunicorn-414-long-url.txt 0/414 app gunicorn "gunicorn's own 'URI Too Long' page (no number)" "" -- $RN "$N/gt/api/echo?q=$LONGQ"
    capraw $S gunicorn-431-110-headers-nginx.txt 431 app gunicorn "110 header fields: nginx passes them, gunicorn's own 431 (limit_request_fields 100)" "curl -si saved to a file (CRs kept)" -- -si $RN "${MANY[@]}" $N/api/echo
    cap $S gunicorn-400-control-byte-header-nginx.txt 400 app gunicorn "a control byte in a header value: nginx passes it, gunicorn's own 400 'Bad Request'" "curl -sv" -- -sv $RN "${CTL[@]}" $N/gt/api/echo
    cap $S nginx-414-long-url.txt 414 proxy nginx "an 11 KB query string: nginx's own 414 (large_client_header_buffers 8k)" "curl -si" -- -si $RN "$N/api/echo?q=$LONGQ11"
    cap $S nginx-400-header-too-large.txt 400 proxy nginx "a 14 KB header: nginx's own 400 'Request Header Or Cookie Too Large'" "curl -si" -- -si $RN "${ONE9[@]}" $N/api/echo
    cap $S nginx-400-bad-host.txt 400 proxy nginx "Host 'bad host name': nginx's own 400" "curl -sv" -- -sv "${BADHOST[@]}" http://127.0.0.1:62101/api/orders/1
    capcut $S nginx-413-body-2m.txt 413 proxy nginx "a 2 MB upload: client_max_body_size 1m, nginx's own 413" "curl -si, body cut off after the headers" -- -si $RN -X POST -H 'Content-Type: application/octet-stream' --data-binary @"$RUN/work/body-2m.bin" $N/api/upload
    # run 1 labelled these two nginx 502s; gunicorn 27 itself wrote a 500 page as its worker timed out (as round 89 saw): relabelled (README)
    cap $S gunicorn-500-worker-timeout-nginx.txt 500 app gunicorn "/api/slow?s=10 on the sync pool: gunicorn --timeout 3 aborts the worker mid-request, and gunicorn writes its own HTML 'Internal Server Error', passed on by nginx" "curl -sv" -- -sv $RN "$N/api/slow?s=10"
    capbody body-only-paste body-gunicorn-500-worker-timeout.txt 0/500 app gunicorn "gunicorn's own 500 page on a worker timeout (no number)" "" -- $RN "$N/api/slow?s=8"
    sleep 2
    cap $S nginx-504-gthread-slow.txt 504 proxy nginx "/gt/api/slow?s=5: proxy_read_timeout 2s, nginx's 504 (gthread workers are not killed)" "curl -si" -- -si $RN "$N/gt/api/slow?s=5"
    cap $S nginx-502-legacy-refused.txt 502 proxy nginx "/legacy/: nothing listens on 62099, connection refused, nginx's 502" "curl -si" -- -si $RN $N/legacy/orders
    cap $S flask-200-order-after-worker-respawn-nginx.txt 200 app flask "order 1 after gunicorn respawned the killed worker" "curl -si" -- -si $RN $N/api/orders/1
    kill_app gunicorn-sync TERM
    cap $S nginx-502-gunicorn-stopped.txt 502 proxy nginx "gunicorn (sync pool) stopped for a restart: connection refused, nginx's 502" "curl -sv" -- -sv $RN $N/api/orders/1
    capwget $S nginx-502-gunicorn-stopped-wget.txt 502 proxy nginx "the same while gunicorn is stopped" "wget -S -O-" -- --header="Host: $H:62101" http://127.0.0.1:62101/api/orders/2
    start_app gunicorn-sync || die "gunicorn-sync did not come back"
    cap $S flask-200-order-after-restart-nginx.txt 200 app flask "gunicorn started again: order 1" "curl -si" -- -si $RN $N/api/orders/1
fi

# ====================================== Apache -> FastAPI on uvicorn ==
if up apache; then
    log "capturing: FastAPI on uvicorn behind Apache"
    S=fastapi-uvicorn-apache-r98
    H=api.heron.test A=http://api.heron.test:62102 RA="--resolve api.heron.test:62102:127.0.0.1"
    cap $S fastapi-200-order-uvicorn-apache.txt 200 app fastapi "order 1: FastAPI's JSON, uvicorn's Server, Apache's Via-less pass" "curl -sv" -- -sv $RA $A/api/orders/1
    cap $S fastapi-404-order-uvicorn-apache.txt 404 app fastapi "order 9: HTTPException's {\"detail\"} 404" "curl -si" -- -si $RA $A/api/orders/9
    cap $S fastapi-422-post-uvicorn-apache.txt 422 app fastapi "POST without ref/qty: FastAPI's validation 422" "curl -si" -- -si $RA -X POST "${JSONH[@]}" -d '{"qty":"two"}' $A/api/orders
    capwin $S fastapi-201-post-uvicorn-apache.txt 201 app fastapi "POST with ref and qty: the route's JSON 201" "curl -si pasted with CRLF" -- -si $RA -X POST "${JSONH[@]}" -d '{"ref":"HR-2","qty":2}' $A/api/orders
    cap $S fastapi-401-account-uvicorn-apache.txt 401 app fastapi "no token: HTTPException 401 with WWW-Authenticate: Bearer" "curl -si" -- -si $RA $A/api/account
    caplt $S fastapi-429-limited-uvicorn-apache.txt 429 app fastapi "the route's JSON 429 with Retry-After" "curl -sv, only the < lines kept" -- -sv $RA $A/api/limited
    cap $S fastapi-500-fail-uvicorn-apache.txt 500 app fastapi "a KeyError in the route: Starlette's plain 'Internal Server Error'" "curl -si" -- -si $RA $A/api/fail
    cap $S fastapi-307-old-order-uvicorn-apache.txt 307 app fastapi "the old order URL: RedirectResponse 307" "curl -si" -- -si $RA $A/api/old-orders/1
    cap $S fastapi-404-unrouted-uvicorn-apache.txt 404 app fastapi "/api/v2/orders, no route: Starlette's {\"detail\":\"Not Found\"}" "curl -si" -- -si $RA $A/api/v2/orders
    caphead headers-only-paste head-fastapi-405-head-order-apache.txt 405 app fastapi "curl -sI for order 1: a GET-only FastAPI route answers HEAD with 405" "" -- $RA $A/api/orders/1
    cap $S uvicorn-500-boom-apache.txt 500 app uvicorn "/api/boom: the ASGI callable raises before any response, uvicorn's own plain 'Internal Server Error'" "curl -sv" -- -sv $RA $A/api/boom
    capbody body-only-paste body-uvicorn-500-boom.txt 0/500 app uvicorn "uvicorn's own 'Internal Server Error' (no number)" "" -- $RA "$A/api/boom?from=dashboard"
    cap_bg 8 $RA "$A/api/slow?s=6"
    sleep 0.5
    cap $S uvicorn-503-limit-concurrency-apache.txt 503 app uvicorn "one slow request in flight, --limit-concurrency 2: uvicorn's own plain 'Service Unavailable'" "curl -si" -- -si $RA $A/api/orders/1
    capraw $S uvicorn-503-limit-concurrency-apache-raw.txt 503 app uvicorn "the same, a second request while the slow one runs" "curl -si saved to a file (CRs kept)" -- -si $RA $A/api/account
    sleep 6.5
    # run 1 labelled this a 504; Apache answers a ProxyTimeout with 502 'Proxy Error' (as round 86 saw): relabelled (README)
    cap $S apache-502-slow-proxytimeout.txt 502 proxy apache "/api/slow?s=5: ProxyTimeout 3, Apache's 502 'Proxy Error' (Error reading from remote server)" "curl -sv" -- -sv $RA "$A/api/slow?s=5"
    sleep 3
    cap $S apache-414-long-url.txt 414 proxy apache "an 11 KB query string: Apache's own 414 (LimitRequestLine 8190)" "curl -si" -- -si $RA "$A/api/echo?q=$LONGQ11"
    cap $S apache-400-110-headers.txt 400 proxy apache "110 header fields: Apache's own 400 (LimitRequestFields 100)" "curl -si" -- -si $RA "${MANY[@]}" $A/api/echo
    caplt $S apache-400-header-too-large.txt 400 proxy apache "a 14 KB header: Apache's own 400 (LimitRequestFieldSize 8190)" "curl -sv, only the < lines kept" -- -sv $RA "${ONE9[@]}" $A/api/echo
    cap $S apache-400-bad-host.txt 400 proxy apache "Host 'bad host name': Apache's own 400" "curl -si" -- -si "${BADHOST[@]}" http://127.0.0.1:62102/api/orders/1
    cap $S apache-400-control-byte-header.txt 400 proxy apache "a control byte in a header value: Apache's own 400" "curl -si" -- -si $RA "${CTL[@]}" $A/api/echo
    cap $S apache-503-legacy-refused.txt 503 proxy apache "/legacy/: nothing listens on 62099, Apache's 503" "curl -si" -- -si $RA $A/legacy/orders
    kill_app uvicorn TERM
    cap $S apache-503-uvicorn-stopped.txt 503 proxy apache "uvicorn stopped for a restart: connection refused, Apache's 503" "curl -sv" -- -sv $RA $A/api/orders/1
    capbody body-only-paste body-apache-503-uvicorn-stopped.txt 503/503 proxy apache "Apache's stock 503 page, its title shows 503" "" -- $RA "$A/api/orders/1?from=dashboard"
    start_app uvicorn || die "uvicorn did not come back"
    HTTPIE_CMD=http caphttp $S fastapi-200-order-after-restart-apache-httpie.txt 200 app fastapi "uvicorn started again: order 1" "HTTPie with colours" -- -v GET http://127.0.0.1:62102/api/orders/1 Host:$H:62102
fi

# ====================================== Caddy -> Flask on waitress ==
if up caddy; then
    log "capturing: Flask on waitress behind Caddy"
    S=flask-waitress-caddy-r98
    H=api.sandpiper.test C=http://api.sandpiper.test:62103 RC="--resolve api.sandpiper.test:62103:127.0.0.1"
    cap $S flask-200-order-waitress-caddy.txt 200 app flask "order 1: Flask's JSON, waitress's Server, Caddy's Via-less pass" "curl -sv" -- -sv $RC $C/api/orders/1
    cap $S flask-404-order-waitress-caddy.txt 404 app flask "order 9: the view's JSON 404" "curl -si" -- -si $RC $C/api/orders/9
    cap $S flask-422-post-waitress-caddy.txt 422 app flask "POST without ref: the view's JSON 422" "curl -si" -- -si $RC -X POST "${JSONH[@]}" -d '{}' $C/api/orders
    capwin $S flask-401-account-waitress-caddy.txt 401 app flask "no token: the view's JSON 401" "curl -si pasted with CRLF" -- -si $RC $C/api/account
    cap $S flask-429-limited-waitress-caddy.txt 429 app flask "the view's JSON 429 with Retry-After" "curl -si" -- -si $RC $C/api/limited
    cap $S flask-500-fail-waitress-caddy.txt 500 app flask "a KeyError in the view: Flask's errorhandler JSON 500" "curl -si" -- -si $RC $C/api/fail
    caplt $S flask-301-old-order-waitress-caddy.txt 301 app flask "the old order URL: Flask's 301" "curl -sv, only the < lines kept" -- -sv $RC $C/api/old-orders/1
    cap $S waitress-500-boom-caddy.txt 500 app waitress "/api/boom raises in the WSGI callable: waitress's own 'Internal Server Error ... (generated by waitress)'" "curl -sv" -- -sv $RC $C/api/boom
    capbody body-only-paste body-waitress-500-boom.txt 0/500 app waitress "waitress's own 500 text (no number)" "" -- $RC "$C/api/boom?from=dashboard"
    cap $S waitress-431-long-url-caddy.txt 431 app waitress "an 11 KB query string: Caddy passes it, waitress's own 431 (max_request_header_size 8192)" "curl -si" -- -si $RC "$C/api/echo?q=$LONGQ11"
    capraw $S waitress-431-big-headers-caddy.txt 431 app waitress "21 KB of headers: Caddy passes them, waitress's own 431" "curl -si saved to a file (CRs kept)" -- -si $RC "${THREE7[@]}" $C/api/echo
    cap $S waitress-413-body-2m-caddy.txt 413 app waitress "a 2 MB upload: Caddy has no body limit, waitress's own 413 (max_request_body_size 1 MB)" "curl -si" -- -si $RC -X POST -H 'Content-Type: application/octet-stream' --data-binary @"$RUN/work/body-2m.bin" $C/api/upload
    capbody body-only-paste body-waitress-413-body-2m.txt 0/413 app waitress "waitress's own 413 text (no number)" "" -- $RC -X POST -H 'Content-Type: application/octet-stream' --data-binary @"$RUN/work/body-2m.bin" "$C/api/upload?from=dashboard"
    cap $S caddy-400-bad-host.txt 400 proxy caddy "Host 'bad host name': Caddy's own 400 (its Go HTTP server)" "curl -si" -- -si "${BADHOST[@]}" http://127.0.0.1:62103/api/orders/1
    cap $S caddy-400-control-byte-header.txt 400 proxy caddy "a control byte in a header value: Caddy's own 400" "curl -sv" -- -sv $RC "${CTL[@]}" $C/api/echo
    cap $S caddy-504-slow-header-timeout.txt 504 proxy caddy "/api/slow?s=5: response_header_timeout 2s, Caddy's 504 (empty body)" "curl -sv" -- -sv $RC "$C/api/slow?s=5"
    sleep 3.5
    cap $S caddy-502-legacy-refused.txt 502 proxy caddy "/legacy/: nothing listens on 62099, Caddy's 502" "curl -si" -- -si $RC $C/legacy/orders
    kill_app waitress TERM
    cap $S caddy-502-waitress-stopped.txt 502 proxy caddy "waitress stopped for a restart: connection refused, Caddy's 502" "curl -sv" -- -sv $RC $C/api/orders/1
    caphead headers-only-paste head-caddy-502-waitress-stopped.txt 502 proxy caddy "curl -sI while waitress is stopped" "" -- $RC $C/api/orders/1
    start_app waitress || die "waitress did not come back"
    capwget $S flask-200-order-after-restart-waitress-caddy-wget.txt 200 app flask "waitress started again: order 1" "wget -S -O-" -- --header="Host: $H:62103" http://127.0.0.1:62103/api/orders/1
fi

# ====================================== HAProxy -> Sinatra on Puma ==
if up haproxy; then
    log "capturing: Sinatra on Puma behind HAProxy"
    S=sinatra-puma-haproxy-r98
    H=api.plover.test P=http://api.plover.test:62104 RP="--resolve api.plover.test:62104:127.0.0.1"
    cap $S sinatra-200-order-puma-haproxy.txt 200 app sinatra "order 1: Sinatra's JSON on Puma, HAProxy's X-Request-ID" "curl -sv" -- -sv $RP $P/api/orders/1
    cap $S sinatra-404-order-puma-haproxy.txt 404 app sinatra "order 9: the route's JSON 404" "curl -si" -- -si $RP $P/api/orders/9
    cap $S sinatra-422-post-puma-haproxy.txt 422 app sinatra "POST without ref: the route's JSON 422" "curl -si" -- -si $RP -X POST "${JSONH[@]}" -d '{}' $P/api/orders
    cap $S sinatra-401-account-puma-haproxy.txt 401 app sinatra "no token: the route's JSON 401" "curl -si" -- -si $RP $P/api/account
    capwin $S sinatra-429-limited-puma-haproxy.txt 429 app sinatra "the route's JSON 429 with Retry-After" "curl -si pasted with CRLF" -- -si $RP $P/api/limited
    cap $S sinatra-500-fail-puma-haproxy.txt 500 app sinatra "a KeyError in the route: the app's error block, JSON 500" "curl -si" -- -si $RP $P/api/fail
    caplt $S sinatra-301-old-order-puma-haproxy.txt 301 app sinatra "the old order URL: Sinatra's redirect 301" "curl -sv, only the < lines kept" -- -sv $RP $P/api/old-orders/1
    cap $S sinatra-404-unrouted-puma-haproxy.txt 404 app sinatra "/api/v2/orders, no route: Sinatra's '<h1>Not Found</h1>'" "curl -si" -- -si $RP $P/api/v2/orders
    cap $S puma-500-boom-haproxy.txt 500 app puma "/api/boom: a Rack middleware raises outside Sinatra, Puma's own lowlevel-error 500 text" "curl -sv" -- -sv $RP $P/api/boom
    capbody body-only-paste body-puma-500-boom.txt 0/500 app puma "Puma's 'An unhandled lowlevel error occurred' (no number)" "" -- $RP "$P/api/boom?from=dashboard"
    cap $S puma-400-long-url-haproxy.txt 400 app puma "an 11 KB query string: HAProxy passes it, Puma's own 400 (query string over 10 KB)" "curl -si" -- -si $RP "$P/api/echo?q=$LONGQ11"
    capraw $S puma-400-control-byte-header-haproxy.txt 400 app puma "a control byte in a header value: HAProxy passes it, Puma's parser answers 400" "curl -si saved to a file (CRs kept)" -- -si $RP "${CTL[@]}" $P/api/echo
    cap $S haproxy-400-110-headers.txt 400 load-balancer haproxy "110 header fields: HAProxy's own 400 (at most 101)" "curl -si" -- -si $RP "${MANY[@]}" $P/api/echo
    cap $S haproxy-400-big-headers.txt 400 load-balancer haproxy "21 KB of headers: over tune.bufsize, HAProxy's own 400" "curl -sv" -- -sv $RP "${THREE7[@]}" $P/api/echo
    cap $S haproxy-504-slow-timeout-server.txt 504 load-balancer haproxy "/api/slow?s=5: timeout server 3s, HAProxy's 504" "curl -sv" -- -sv $RP "$P/api/slow?s=5"
    capbody body-only-paste body-haproxy-504-slow.txt 504/504 load-balancer haproxy "HAProxy's 504 page, its heading shows 504" "" -- $RP "$P/api/slow?s=4"
    sleep 2
    cap $S haproxy-503-legacy-refused.txt 503 load-balancer haproxy "/legacy/: the only server of that backend refuses, HAProxy's 503" "curl -si" -- -si $RP $P/legacy/orders
    kill_app puma TERM
    sleep 2.5
    cap $S haproxy-503-puma-stopped.txt 503 load-balancer haproxy "Puma stopped for a restart, the health check marked it down: HAProxy's 503 'No server is available'" "curl -sv" -- -sv $RP $P/api/orders/1
    caphead headers-only-paste head-haproxy-503-puma-stopped.txt 503 load-balancer haproxy "curl -sI while Puma is down" "" -- $RP $P/api/orders/1
    start_app puma || die "puma did not come back"
    sleep 2.5
    HTTPIE_CMD=http caphttp $S sinatra-200-order-after-restart-haproxy-httpie.txt 200 app sinatra "Puma started again, the check passed: order 1" "HTTPie with colours" -- -v GET http://127.0.0.1:62104/api/orders/1 Host:$H:62104
fi

# ====================================== Varnish -> Express on node:http ==
if up varnish; then
    log "capturing: Express on node:http behind Varnish"
    S=express-node-varnish-r98
    H=api.dunlin.test V=http://api.dunlin.test:62105 RV="--resolve api.dunlin.test:62105:127.0.0.1"
    cap $S express-200-order-varnish-miss.txt 200 app express "order 1, the first request: a MISS, Express's JSON (max-age=60)" "curl -sv; X-Cache: MISS" -- -sv $RV $V/api/orders/1
    cap $S varnish-200-order-hit.txt 200 cdn-cache varnish "order 1 again: a HIT from Varnish's store" "curl -si; X-Cache: HIT" -- -si $RV $V/api/orders/1
    caphead headers-only-paste head-varnish-200-order-hit.txt 200 cdn-cache varnish "curl -sI for the stored order 1: a HIT" "" -- $RV $V/api/orders/1
    cap $S express-404-order-varnish.txt 404 app express "order 9: the handler's JSON 404 (no Cache-Control, not kept: a MISS)" "curl -si" -- -si $RV $V/api/orders/9
    capwin $S express-422-post-varnish.txt 422 app express "POST without ref: the handler's JSON 422 (passed)" "curl -si pasted with CRLF" -- -si $RV -X POST "${JSONH[@]}" -d '{"qty":1}' $V/api/orders
    cap $S express-401-account-varnish.txt 401 app express "no token: the handler's JSON 401" "curl -si" -- -si $RV $V/api/account
    cap $S express-429-limited-varnish.txt 429 app express "the handler's JSON 429 with Retry-After" "curl -si" -- -si $RV $V/api/limited
    caplt $S express-500-fail-varnish.txt 500 app express "the handler's own JSON 500" "curl -sv, only the < lines kept" -- -sv $RV $V/api/fail
    cap $S express-301-old-order-varnish.txt 301 app express "the old order URL: res.redirect 301" "curl -si" -- -si $RV $V/api/old-orders/1
    cap $S express-404-unrouted-varnish.txt 404 app express "/api/v2/orders: Express's HTML 'Cannot GET'" "curl -si" -- -si $RV $V/api/v2/orders
    cap $S express-500-boom-varnish.txt 500 app express "a throw inside the route: finalhandler's HTML 'Internal Server Error' (NODE_ENV=production)" "curl -sv" -- -sv $RV $V/api/boom
    cap $S express-413-json-too-large-varnish.txt 413 app express "a 200 KB JSON body: express.json's 100kb limit, finalhandler's HTML 'Payload Too Large'" "curl -si" -- -si $RV -X POST "${JSONH[@]}" --data-binary @"$BIGJSON" $V/api/orders
    cap $S node-431-big-headers-varnish.txt 431 app node "21 KB of headers: Varnish passes them, node:http's own 431 (16 KB max header size, empty body)" "curl -sv" -- -sv $RV "${THREE7[@]}" $V/api/echo
    capraw $S node-431-big-headers-varnish-raw.txt 431 app node "the same, saved to a file" "curl -si saved to a file (CRs kept)" -- -si $RV "${THREE7[@]}" $V/api/account
    cap $S varnish-400-110-headers.txt 400 cdn-cache varnish "110 header fields: Varnish's own 400 (http_max_hdr 64)" "curl -sv" -- -sv $RV "${MANY[@]}" $V/api/echo
    cap $S varnish-400-header-too-large.txt 400 cdn-cache varnish "a 14 KB header: Varnish's own 400 (http_req_hdr_len 8k)" "curl -si" -- -si $RV "${ONE9[@]}" $V/api/echo
    cap $S varnish-400-control-byte-header.txt 400 cdn-cache varnish "a control byte in a header value: Varnish's own 400" "curl -si" -- -si $RV "${CTL[@]}" $V/api/echo
    cap $S varnish-503-slow-first-byte-timeout.txt 503 cdn-cache varnish "/api/slow?s=5: first_byte_timeout 3s, Varnish's 'Backend fetch failed'" "curl -sv" -- -sv $RV "$V/api/slow?s=5"
    cap $S varnish-503-node-crash.txt 503 cdn-cache varnish "/api/crash: the app throws outside Express and node exits mid-request, Varnish's 'Backend fetch failed'" "curl -si" -- -si $RV $V/api/crash
    sleep 0.5
    cap $S varnish-503-node-down.txt 503 cdn-cache varnish "node gone: connection refused, Varnish's 503" "curl -sv" -- -sv $RV $V/api/account
    capbody body-only-paste body-varnish-503-node-down.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page, its title shows 503" "" -- $RV "$V/api/account?from=dashboard"
    caplt $S varnish-200-order-hit-node-down.txt 200 cdn-cache varnish "node gone: order 1 still fresh in the store, a HIT" "curl -sv, only the < lines kept" -- -sv $RV $V/api/orders/1
    rm -f "$RUN/pids/express.pid"
    start_app express || die "express did not come back"
    capwget $S express-401-account-after-restart-varnish-wget.txt 401 app express "node started again: /api/account, the handler's JSON 401" "wget -S -O-" -- --header="Host: $H:62105" http://127.0.0.1:62105/api/account
fi

# ====================================== Squid -> Go net/http ==
if up squid; then
    log "capturing: Go net/http behind Squid"
    S=go-nethttp-squid-r98
    H=api.grebe.test Q=http://api.grebe.test:62106 RQ="--resolve api.grebe.test:62106:127.0.0.1"
    cap $S go-200-order-squid.txt 200 app go-net-http "order 1: the handler's JSON, no Server header, Squid's Via and X-Cache MISS" "curl -sv" -- -sv $RQ $Q/api/orders/1
    cap $S go-404-order-squid.txt 404 app go-net-http "order 9: the handler's JSON 404" "curl -si" -- -si $RQ $Q/api/orders/9
    cap $S go-401-account-squid.txt 401 app go-net-http "no token: the handler's JSON 401" "curl -si" -- -si $RQ $Q/api/account
    capwin $S go-429-limited-squid.txt 429 app go-net-http "the handler's JSON 429 with Retry-After" "curl -si pasted with CRLF" -- -si $RQ $Q/api/limited
    cap $S go-500-fail-squid.txt 500 app go-net-http "http.Error's plain 'internal error' 500" "curl -si" -- -si $RQ $Q/api/fail
    cap $S go-404-unrouted-squid.txt 404 app go-net-http "/api/v2/orders: ServeMux's '404 page not found'" "curl -si" -- -si $RQ $Q/api/v2/orders
    caphead headers-only-paste head-go-301-reports-squid.txt 301 app go-net-http "curl -sI /api/reports: ServeMux's own 301 to /api/reports/" "" -- $RQ $Q/api/reports
    cap $S go-301-reports-squid.txt 301 app go-net-http "/api/reports: ServeMux's own 301 to the trailing slash (an HTML 'Moved Permanently' link)" "curl -si" -- -si $RQ $Q/api/reports
    cap $S go-413-upload-squid.txt 413 app go-net-http "a 2 KB upload: MaxBytesReader 1 KB, the handler's JSON 413" "curl -si" -- -si $RQ -X POST -H 'Content-Type: application/octet-stream' --data-binary @<(head -c 2048 /dev/zero | tr '\0' 'u') $Q/api/upload
    cap $S go-431-big-headers-squid.txt 431 app go-net-http "21 KB of headers: Squid passes them, net/http's own '431 Request Header Fields Too Large' (MaxHeaderBytes 4096)" "curl -sv" -- -sv $RQ "${THREE7[@]}" $Q/api/echo
    capbody body-only-paste body-go-431-big-headers.txt 431/431 app go-net-http "net/http's own 431 text, which shows the number" "" -- $RQ "${ONE9[@]}" "$Q/api/orders/1?from=dashboard"
    # run 1 labelled this net/http's 400; Squid (accel, defaultsite) sent its own Host upstream and the app answered 200: relabelled (README)
    capraw $S go-200-order-bad-host-squid.txt 200 app go-net-http "Host 'bad host name': Squid's accelerator forwards with the defaultsite Host, and the app answers order 1" "curl -si saved to a file (CRs kept)" -- -si "${BADHOST[@]}" http://127.0.0.1:62106/api/orders/1
    cap $S go-400-control-byte-header-squid.txt 400 app go-net-http "a control byte in a header value: Squid passes it on, net/http's own '400 Bad Request: invalid header value'" "curl -sv" -- -sv $RQ "${CTL[@]}" $Q/api/echo
    caplt $S go-503-timeouthandler-squid.txt 503 app go-net-http "/api/slow?s=5: http.TimeoutHandler 2s, net/http's own 503 'Timeout' page (before Squid's read_timeout)" "curl -sv, only the < lines kept" -- -sv $RQ "$Q/api/slow?s=5"
    capbody body-only-paste body-go-503-timeouthandler.txt 0/503 app go-net-http "TimeoutHandler's 'Timeout' page (no number)" "" -- $RQ "$Q/api/slow?s=4"
    cap $S squid-400-long-url.txt 400 cdn-cache squid "an 11 KB query string: Squid's own 400 ERR_INVALID_URL / too big" "curl -si" -- -si $RQ "$Q/api/echo?q=$LONGQ11"
    cap $S squid-504-raw-slow-read-timeout.txt 504 cdn-cache squid "/api/raw-slow waits 10 s: read_timeout 3 seconds, ERR_READ_TIMEOUT" "curl -si" -- -si $RQ $Q/api/raw-slow
    cap $S squid-502-panic-zero-size.txt 502 cdn-cache squid "/api/panic: the handler panics, net/http drops the connection without an answer, Squid's 502" "curl -sv" -- -sv $RQ $Q/api/panic
    kill_app nethttp TERM
    cap $S squid-503-go-stopped.txt 503 cdn-cache squid "the Go server stopped for a restart: connection refused, ERR_CONNECT_FAIL" "curl -sv" -- -sv $RQ $Q/api/account
    capbody body-only-paste body-squid-503-go-stopped.txt 0/503 cdn-cache squid "Squid's ERR_CONNECT_FAIL page (its title names no number)" "" -- $RQ "$Q/api/account?from=dashboard"
    start_app nethttp || die "nethttp did not come back"
    HTTPIE_CMD=http caphttp $S go-200-order-after-restart-squid-httpie.txt 200 app go-net-http "the Go server started again: order 1" "HTTPie with colours" -- -v GET http://127.0.0.1:62106/api/orders/1 Host:$H:62106
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round98/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
