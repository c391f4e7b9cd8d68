#!/usr/bin/env bash
# capture-round129.sh — build the 129th held-out evidence corpus in
# tests/fixtures/evidence-round129/.
#
# "Two fronts in a row, a fifth look, common apps" (rounds 68, 90, 107 and
# 116 were the first four looks): five chains of two fronts before a mainstream
# app, each chain new to the setup list:
#   - A: HAProxy -> Apache -> FastAPI on uvicorn;
#   - B: Caddy -> HAProxy -> Flask on gunicorn;
#   - C: Apache -> Varnish -> Express on Node;
#   - D: nginx -> Squid -> Sinatra on Puma;
#   - E: HAProxy -> Caddy -> Django on gunicorn.
# Front configs in scripts/corpus/conf-round129/ (each with a header comment,
# adapted from round 116's); the apps are earlier rounds' (apps78
# Express/FastAPI/Django, apps97 Flask, apps83 Sinatra, apps97 reset_svc.py
# and hung.py), imported unchanged. Captured per chain: the app's own JSON/HTML
# 4xx/5xx and its successes through both hops; the inner hop's own pages (app
# down, slow, reset) passed through the outer hop; the outer hop's own pages
# when the inner hop is down or its budget runs out; size refusals at the hop
# that refuses first; cache HITs and 304s where a cache is in the chain.
#
#   scripts/corpus/capture-round129.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round129.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round129.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60000-61999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round129.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round129"
RUN=/tmp/api-triage-corpus129-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round129"
APPS78="$HERE/apps78"
APPS83="$HERE/apps83"
APPS97="$HERE/apps97"
NODE_DIR=${CORPUS_NODE129:-/tmp/api-triage-corpus129-node}
VENV=${CORPUS_VENV129:-/tmp/api-triage-corpus129-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus129 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget apache2 nginx caddy haproxy varnish squid python3-venv nodejs puma ruby-sinatra)
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

install_venv() {  # HTTPie, Flask, Django, FastAPI, gunicorn, uvicorn (a copy of round 107's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, flask, django, fastapi, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
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
# only ours are checked against 127.0.0.1 and 60000-61999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round129.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS78 && -d $APPS83 && -d $APPS97 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,flags,data,gunicorn}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
for p in nginx apache2 caddy haproxy varnish squid nodejs puma ruby-sinatra; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
[[ -d $NODE_DIR/node_modules/express ]] || die "Express is missing from $NODE_DIR (copy round 116's node folder there)"

# apps: Express 60011, FastAPI/uvicorn 60012, Django/gunicorn 60013,
# Flask/gunicorn 60015, Sinatra/Puma 60016.
# inner hops: Apache 60101 (A), HAProxy 60102 (B), Varnish 60103 (C),
# Squid 60104 (D), Caddy 60105 (E).
# outer hops: HAProxy 60201 (A), Caddy 60202 (B), Apache 60203 (C),
# nginx 60204 (D), HAProxy 60205 (E).
# The old ledger service every inner hop sends /api/legacy/ to: 60096
# (apps97/reset_svc.py: resets every connection). Sinatra's dependencies:
# 60098 (nobody listens: refused) and 60097 (apps97/hung.py: never answers).
APP_PORTS=(60011 60012 60013 60015 60016)
INNER_PORTS=(60101 60102 60103 60104 60105)
OUTER_PORTS=(60201 60202 60203 60204 60205)
for p in "${APP_PORTS[@]}" "${INNER_PORTS[@]}" "${OUTER_PORTS[@]}" 60096 60097 60098; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

start_bg reset "$PY" "$APPS97/reset_svc.py" 60096
start_bg hung "$PY" "$APPS97/hung.py" 60097
wait_port 60096 reset || die "reset_svc did not start"
wait_port 60097 hung || die "hung.py did not start"

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
for a in express fastapi django flask sinatra; do mkdir -p "$RUN/flags/$a"; done
start_app() {  # start_app NAME: start it, wait for its port, and take one warm-up request (straight to the app)
    local n=$1 port
    case $n in
    express) port=60011; start_bg express env REPLICA=osprey-api-1 FLAG_DIR="$RUN/flags/express" "${NODEENV[@]}" "$APPS78/express_app.js" 60011 ;;
    fastapi) port=60012; start_bg fastapi env REPLICA=halyard-api-1 FLAG_DIR="$RUN/flags/fastapi" nice -n 5 "$VPY" -m uvicorn \
        --app-dir "$APPS78" --host 127.0.0.1 --port 60012 fastapi_app:app ;;
    django) port=60013; start_bg django env REPLICA=wrenfield-web-1 FLAG_DIR="$RUN/flags/django" nice -n 5 "$VPY" -m gunicorn \
        --bind 127.0.0.1:60013 --workers 2 --chdir "$APPS78" --worker-tmp-dir "$RUN/gunicorn" django_app:application ;;
    flask) port=60015; start_bg flask env REPLICA=tamarind-api-1 FLAG_DIR="$RUN/flags/flask" nice -n 5 "$VPY" -m gunicorn \
        --bind 127.0.0.1:60015 --workers 2 --chdir "$APPS97" --worker-tmp-dir "$RUN/gunicorn" flask_cache:app ;;
    sinatra) port=60016; start_bg sinatra env FLAG_DIR="$RUN/flags/sinatra" DEP_DOWN=60098 DEP_HUNG=60097 nice -n 5 puma \
        -e production -t 4:4 -b tcp://127.0.0.1:60016 "$APPS83/sinatra.ru" ;;
    esac
    wait_port $port $n || return 1
    quiet "http://127.0.0.1:$port/healthz"
}
kill_app() {  # kill_app NAME: SIGKILL, as the OOM killer does (gunicorn's workers with their master)
    local f=$RUN/pids/$1.pid pid kids
    [[ -e $f ]] || return 0
    pid=$(cat "$f")
    kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null)
    kill -KILL "$pid" $kids 2>/dev/null
    rm -f "$f"
    sleep 0.3
}
for a in express fastapi django flask sinatra; do start_app $a || die "$a did not start"; done
# ---- the fronts: inner hops first, then outer hops ------------------------------------
start_nginx() {  # start_nginx NAME CONF PORT
    local n=$1
    mkdir -p "$RUN/$n/tmp"
    render "$CONF/$2" "$RUN/$n/nginx.conf"
    [[ -d $CONF/errors/$n ]] && cp -r "$CONF/errors/$n/." "$RUN/$n/"
    chown -R www-data: "$RUN/$n" 2>/dev/null || true
    if nginx -t -p "$RUN/$n" -e "$RUN/$n/error.log" -c "$RUN/$n/nginx.conf" >"$RUN/logs/$n-t.log" 2>&1; then
        start_bg $n nginx -p "$RUN/$n" -e "$RUN/$n/error.log" -c "$RUN/$n/nginx.conf" -g 'daemon off;'
        wait_port $3 $n
    else log "$n: config test failed"; cat "$RUN/logs/$n-t.log" >&2; return 1; fi
}
start_apache() {  # start_apache NAME CONF PORT
    local n=$1
    mkdir -p "$RUN/$n"
    render "$CONF/$2" "$RUN/$n/apache.conf"
    [[ -d $CONF/errors/$n ]] && { mkdir -p "$RUN/$n/errors"; cp -r "$CONF/errors/$n/." "$RUN/$n/errors/"; }
    chown -R www-data: "$RUN/$n" 2>/dev/null || true
    if apache2 -t -f "$RUN/$n/apache.conf" >"$RUN/logs/$n-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg $n setsid apache2 -DFOREGROUND -f "$RUN/$n/apache.conf"
        wait_port $3 $n
    else log "$n: config test failed"; cat "$RUN/logs/$n-t.log" >&2; return 1; fi
}
start_haproxy() {  # start_haproxy NAME CONF PORT
    local n=$1
    mkdir -p "$RUN/$n"
    render "$CONF/$2" "$RUN/$n/haproxy.cfg"
    if haproxy -c -f "$RUN/$n/haproxy.cfg" >"$RUN/logs/$n-c.log" 2>&1; then
        start_bg $n haproxy -db -f "$RUN/$n/haproxy.cfg"
        wait_port $3 $n
    else log "$n: config check failed"; cat "$RUN/logs/$n-c.log" >&2; return 1; fi
}
start_varnish() {  # start_varnish NAME VCL PORT
    local n=$1
    mkdir -p "$RUN/$n"
    cp "$CONF/$2" "$RUN/$n/$n.vcl"
    start_bg $n varnishd -F -a 127.0.0.1:$3 -T none -f "$RUN/$n/$n.vcl" -n "$RUN/$n/inst" -s malloc,16m
    wait_port $3 $n
}
start_caddy() {  # start_caddy NAME CADDYFILE PORT [SED-ARGS...]
    local n=$1 c=$2 port=$3; shift 3
    mkdir -p "$RUN/$n/data" "$RUN/$n/config"
    render "$CONF/$c" "$RUN/$n/Caddyfile" "$@"
    [[ -d $CONF/errors/$n ]] && { mkdir -p "$RUN/$n/errors"; cp -r "$CONF/errors/$n/." "$RUN/$n/errors/"; }
    start_bg $n env HOME="$RUN/$n" XDG_DATA_HOME="$RUN/$n/data" XDG_CONFIG_HOME="$RUN/$n/config" \
        caddy run --adapter caddyfile --config "$RUN/$n/Caddyfile"
    wait_port $port $n
}


# A: HAProxy -> Apache -> FastAPI
start_apache apache-a A-apache-inner.conf 60101 && start_haproxy haproxy-a A-haproxy-outer.cfg 60201 && UP[A]=1
# B: Caddy -> HAProxy -> Flask
start_haproxy haproxy-b B-haproxy-inner.cfg 60102 && start_caddy caddy-b B-Caddyfile-outer 60202 && UP[B]=1
# C: Apache -> Varnish -> Express
start_varnish varnish-c C-varnish-inner.vcl 60103 && start_apache apache-c C-apache-outer.conf 60203 && UP[C]=1
# D: nginx -> Squid -> Sinatra
mkdir -p "$RUN/squid"
render "$CONF/D-squid-inner.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus129 -f "$RUN/squid/squid.conf" && wait_port 60104 squid \
    && start_nginx nginx-d D-nginx-outer.conf 60204 && UP[D]=1
# E: HAProxy -> Caddy -> Django
start_caddy caddy-e E-Caddyfile-inner 60105 && start_haproxy haproxy-e E-haproxy-outer.cfg 60205 && UP[E]=1
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "chains up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for ${CORPUS_SETUP_SECS:-300} s"; sleep "${CORPUS_SETUP_SECS:-300}" & wait $!; exit 0; }
cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 129 (held out): real responses captured by
# scripts/corpus/capture-round129.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-128:
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
cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 129 (held out): real responses captured by
# scripts/corpus/capture-round129.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-128:
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
BIGBODY=(-X POST -H 'Content-Type: application/octet-stream' --data-binary "@$RUN/work/big.bin")
head -c 2200000 /dev/zero | tr '\0' 'x' >"$RUN/work/big.bin"      # 2.2 MB
LONGQ=$(printf 'a%.0s' $(seq 1 9000))     # a 9000-character query string
HUGEQ=$(printf 'a%.0s' $(seq 1 20000))    # a 20000-character query string
LONGH=$(printf 'b%.0s' $(seq 1 10000))    # a 10000-byte header value
freed() { sleep "${1:-2}"; }   # a slow request (5 s) still holds the app's worker after the hop gave up
# etag_of FILE: the ETag a cache sent in an earlier transcript of this run (`< ETag: ...`)
etag_of() { grep -ai '^< etag:' "$STAGE/$1" | head -n 1 | sed 's/^< [Ee][Tt][Aa][Gg]: *//' | tr -d '\r'; }

# Labels below were written from how each chain is built and from what the
# same products answered in rounds 107-114 (same packages, same stock pages):
#   - 2.2 MB body: nginx's 413 wherever nginx is (inner in A, outer in C and
#     F); Squid's 413 in E (request_body_max_size 1 MB, HAProxy has no limit).
#   - 9000-character query: nginx's 414 (inner in A, outer in C, F), Apache's
#     414 in B (Caddy passes it).
#   - 20000-character query: HAProxy's own 400 (outer in A and E, 16k buffer).
#   - 10000-byte header: nginx's 400 (A inner, F outer), Apache's 400 (B),
#     Varnish's bare 400 (D outer, http_req_hdr_len 8k).
#   - /api/slow (5 s) against the inner hop's 3 s, /api/legacy/ (resets):
#     nginx 504/502, Apache 502/502, Varnish 503/503, Caddy empty 504/502,
#     Squid 504/502, HAProxy 504/502.
#   - the outer hop's 2 s /reports/ budget: HAProxy 504, Caddy empty 504,
#     nginx 504, Varnish 503.


# What each label below expects (written before any request was made):
#   - the app's own answers pass through both hops unchanged: app + framework
#     (gunicorn's own 400 for a request line or header over its limits: app + gunicorn);
#   - the inner hop's own pages (app slow, app killed, the resetting service) are
#     the inner hop's, even though the outer hop passes them on;
#   - the outer hop's own pages (its 2 s /reports/ budget, its limits, the inner
#     hop stopped) are the outer hop's;
#   - Apache's answer to a read timeout is a 502 "Proxy Error" (round 116 saw it).

# ================================== A: HAProxy -> Apache -> FastAPI (uvicorn) ==
if up A; then
    log "capturing A: HAProxy -> Apache -> FastAPI on uvicorn"
    S=haproxy-apache-fastapi-uvicorn-r129
    H=api.halyard.test U=http://api.halyard.test:60201 R="--resolve api.halyard.test:60201:127.0.0.1"
    cap $S fastapi-200-order-haproxy-apache.txt 200 app fastapi "order 1 through both hops" "curl -sv; X-Request-ID from HAProxy, X-Proxy-Request-Id and Via from Apache" -- -sv $R $U/api/orders/1
    capcut $S fastapi-401-account-haproxy-apache.txt 401 app fastapi "HTTPException(401) with WWW-Authenticate: Bearer" "curl -si, body cut off after the headers" -- -si $R $U/api/account
    caplt $S fastapi-404-order-haproxy-apache.txt 404 app fastapi "order 999: HTTPException(404)" "curl -sv, only the < lines kept" -- -sv $R $U/api/orders/999
    capwin $S fastapi-422-order-validation-haproxy-apache.txt 422 app fastapi "POST without ref: FastAPI's validation 422" "curl -si pasted with CRLF" -- -si $R -X POST "${JSONH[@]}" -d '{}' $U/api/orders
    capbody body-only-paste body-fastapi-422-validation.txt 0/422 app fastapi "FastAPI's {\"detail\":[...]} validation body (no number in it)" "" -- $R -X POST "${JSONH[@]}" -d '{"total":3}' $U/api/orders
    cap $S fastapi-500-boom-haproxy-apache.txt 500 app fastapi "an uncaught error: Starlette's plain 'Internal Server Error'" "curl -sv" -- -sv $R $U/api/boom
    cap $S fastapi-503-maintenance-haproxy-apache.txt 503 app fastapi "the app's own JSON 503 with Retry-After" "curl -si" -- -si $R $U/api/maintenance
    cap $S apache-502-slow-haproxy.txt 502 proxy apache "/api/slow takes 5 s: the inner Apache's ProxyTimeout 3, its 502 Proxy Error, passed through HAProxy" "curl -sv" -- -sv $R $U/api/slow
    cap $S apache-502-legacy-reset-haproxy.txt 502 proxy apache "/api/legacy/: the old ledger service resets the connection: the inner Apache's 502 Proxy Error, passed through HAProxy" "curl -si" -- -si $R $U/api/legacy/balance
    cap $S haproxy-504-reports-budget-apache.txt 504 load-balancer haproxy "/reports/slow: HAProxy's 2 s budget runs out before Apache's 3 s: HAProxy's own 504" "curl -sv" -- -sv $R $U/reports/slow
    freed 3.5
    capraw $S apache-414-long-query-haproxy.txt 414 proxy apache "a 9000-character query: HAProxy passes it, the inner Apache's stock 414 (LimitRequestLine 8190)" "curl -si saved to a file (CRs kept)" -- -si $R "$U/api/orders/1?q=$LONGQ"
    cap $S haproxy-400-huge-query-apache.txt 400 load-balancer haproxy "a 20000-character query: over HAProxy's 16k buffer, HAProxy's own 400 before Apache sees it" "curl -si" -- -si $R "$U/api/orders/1?q=$HUGEQ"
    cap $S apache-400-header-too-large-haproxy.txt 400 proxy apache "a 10000-byte header: HAProxy passes it, the inner Apache's stock 400 (LimitRequestFieldSize 8190)" "curl -si" -- -si $R -H "X-Trace: $LONGH" $U/api/orders/1
    kill_app fastapi
    cap $S apache-503-app-killed-haproxy.txt 503 proxy apache "uvicorn killed (SIGKILL): connection refused, retry=0, the inner Apache's 503, passed through HAProxy" "curl -sv" -- -sv $R $U/api/orders/1
    start_app fastapi || die "fastapi did not come back"
    HTTPIE_CMD=http caphttp $S fastapi-200-order-after-restart-httpie.txt 200 app fastapi "uvicorn restarted: order 1" "HTTPie with colours" -- -v GET http://127.0.0.1:60201/api/orders/1 Host:$H:60201
    stop_name apache-a
    sleep 1
    cap $S haproxy-503-inner-apache-down.txt 503 load-balancer haproxy "the inner Apache stopped: connection refused, HAProxy's own 503 (no health check)" "curl -sv" -- -sv $R $U/api/orders/1
    caphead headers-only-paste head-haproxy-503-inner-apache-down.txt 503 load-balancer haproxy "curl -sI while the inner Apache is down" "" -- $R $U/api/orders/1
fi

# ================================== B: Caddy -> HAProxy -> Flask (gunicorn) ==
if up B; then
    log "capturing B: Caddy -> HAProxy -> Flask on gunicorn"
    S=caddy-haproxy-flask-gunicorn-r129
    H=api.tamarind.test U=http://api.tamarind.test:60202 R="--resolve api.tamarind.test:60202:127.0.0.1"
    cap $S flask-200-order-caddy-haproxy.txt 200 app flask "order 1 through both hops" "curl -sv; X-Request-ID from Caddy, X-LB-Request-ID from HAProxy" -- -sv $R $U/api/orders/1
    capcut $S flask-404-order9-caddy-haproxy.txt 404 app flask "order 9: the app's JSON 404" "curl -si, body cut off after the headers" -- -si $R $U/api/orders/9
    caplt $S flask-403-admin-caddy-haproxy.txt 403 app flask "the app's JSON 403" "curl -sv, only the < lines kept" -- -sv $R $U/api/admin
    capwin $S flask-422-order-no-ref-caddy-haproxy.txt 422 app flask "POST without ref: the app's JSON 422" "curl -si pasted with CRLF" -- -si $R -X POST "${JSONH[@]}" -d '{}' $U/api/orders
    capbody body-only-paste body-flask-422-order-no-ref.txt 0/422 app flask "the app's JSON 422 body (no number in it)" "" -- $R -X POST "${JSONH[@]}" -d '{"total":4}' $U/api/orders
    cap $S flask-500-boom-caddy-haproxy.txt 500 app flask "an uncaught error: Werkzeug's HTML 500" "curl -sv" -- -sv $R $U/api/boom
    cap $S flask-429-quota-caddy-haproxy.txt 429 app flask "the app's own JSON 429 with Retry-After" "curl -si" -- -si $R $U/api/quota
    cap $S haproxy-504-slow-caddy.txt 504 load-balancer haproxy "/api/slow takes 5 s: the inner HAProxy's timeout server 3s, its stock 504, passed through Caddy" "curl -sv" -- -sv $R $U/api/slow
    freed 2
    cap $S haproxy-502-legacy-reset-caddy.txt 502 load-balancer haproxy "/api/legacy/: the old ledger service resets the connection: the inner HAProxy's stock 502, passed through Caddy" "curl -si" -- -si $R $U/api/legacy/balance
    cap $S caddy-504-reports-budget-haproxy.txt 504 proxy caddy "/reports/slow: the outer Caddy's 2 s response_header_timeout runs out before HAProxy's 3 s: Caddy's own empty 504" "curl -sv" -- -sv $R $U/reports/slow
    freed 3.5
    cap $S gunicorn-414-long-query-caddy-haproxy.txt 414 app gunicorn "a 9000-character query: Caddy and HAProxy pass it, gunicorn refuses the request line (limit_request_line 4094) with its own 414 (run 1 expected 400: this gunicorn answers 414)" "curl -si" -- -si $R "$U/api/orders/1?q=$LONGQ"
    cap $S haproxy-400-huge-query-caddy.txt 400 load-balancer haproxy "a 20000-character query: Caddy passes it, over the inner HAProxy's 16k buffer: HAProxy's own 400" "curl -sv" -- -sv $R "$U/api/orders/1?q=$HUGEQ"
    kill_app flask
    cap $S haproxy-503-app-killed-caddy.txt 503 load-balancer haproxy "gunicorn killed (SIGKILL): connection refused, the inner HAProxy's 503 (no health check), passed through Caddy" "curl -sv" -- -sv $R $U/api/account
    caphead headers-only-paste head-haproxy-503-app-killed-caddy.txt 503 load-balancer haproxy "curl -sI while gunicorn is down" "" -- $R $U/api/account
    start_app flask || die "flask did not come back"
    capwget $S flask-401-account-after-restart-wget.txt 401 app flask "gunicorn restarted: the account (the app's 401)" "wget -S -O-" -- --header="Host: $H:60202" http://127.0.0.1:60202/api/account
    stop_name haproxy-b
    sleep 1
    cap $S caddy-502-inner-haproxy-down.txt 502 proxy caddy "the inner HAProxy stopped: the outer Caddy's empty 502" "curl -sv" -- -sv $R $U/api/orders/1
fi

# ================================== C: Apache -> Varnish -> Express (Node) ==
if up C; then
    log "capturing C: Apache -> Varnish -> Express"
    S=apache-varnish-express-node-r129
    H=api.osprey.test U=http://api.osprey.test:60203 R="--resolve api.osprey.test:60203:127.0.0.1"
    cap $S express-200-order-apache-varnish-miss.txt 200 app express "order 1, a MISS at the inner Varnish (kept 2 s, grace 1 h)" "curl -sv; X-Request-ID from Apache (mod_unique_id), Via from Varnish and Apache" -- -sv $R $U/api/orders/1
    cap $S varnish-200-order-hit-apache.txt 200 cdn-cache varnish "order 1 again within its 2 s: a HIT from the inner Varnish, passed on by Apache" "curl -si" -- -si $R $U/api/orders/1
    ET=$(etag_of express-200-order-apache-varnish-miss.txt)
    cap $S varnish-304-order-if-none-match-apache.txt 304 cdn-cache varnish "order 1 with the ETag Express gave it: the inner Varnish's 304 from its store, passed on by Apache" "curl -sv" -- -sv $R -H "If-None-Match: $ET" $U/api/orders/1
    capcut $S express-404-order-miss-apache-varnish.txt 404 app express "order 999: the app's JSON 404, a MISS (404s kept 30 s)" "curl -si, body cut off after the headers" -- -si $R $U/api/orders/999
    cap $S express-404-order-kept-hit-apache-varnish.txt 404 app express "order 999 again: the app's own 404 replayed from Varnish's store (a HIT of the app's answer)" "curl -si" -- -si $R $U/api/orders/999
    caplt $S express-401-account-apache-varnish.txt 401 app express "no bearer token: the app's JSON 401 with WWW-Authenticate: Bearer" "curl -sv, only the < lines kept" -- -sv $R $U/api/account
    capraw $S express-409-order-exists-apache-varnish.txt 409 app express "POST an existing ref: the app's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $R -X POST "${JSONH[@]}" -d '{"ref":"OS-1001"}' $U/api/orders
    cap $S express-500-boom-apache-varnish.txt 500 app express "an uncaught error: Express's finalhandler 'Internal Server Error' page" "curl -sv" -- -sv $R $U/api/boom
    capwin $S express-502-payments-html-apache-varnish.txt 502 app express "the app's own HTML 502 page (payment provider), passed on by Varnish and Apache" "curl -si pasted with CRLF" -- -si $R $U/api/payments
    capbody body-only-paste body-express-502-payments-html.txt 502/502 app express "the app's own HTML 502 page" "" -- $R "$U/api/payments?retry=1"
    cap $S varnish-503-slow-apache.txt 503 cdn-cache varnish "/api/slow takes 5 s: the inner Varnish's first_byte_timeout 3s, Backend fetch failed, passed through Apache" "curl -sv" -- -sv $R $U/api/slow
    cap $S varnish-503-legacy-reset-apache.txt 503 cdn-cache varnish "/api/legacy/: the old ledger service resets the connection: the inner Varnish's Backend fetch failed" "curl -si" -- -si $R $U/api/legacy/balance
    cap $S apache-502-reports-budget-varnish.txt 502 proxy apache "/reports/slow: the outer Apache's timeout=2 runs out before Varnish's 3 s: Apache's own 502 Proxy Error" "curl -sv" -- -sv $R $U/reports/slow
    freed 3.5
    cap $S apache-414-long-query-edge-varnish.txt 414 proxy apache "a 9000-character query: the outer Apache's stock 414 (LimitRequestLine 8190)" "curl -si" -- -si $R "$U/api/orders/1?q=$LONGQ"
    cap $S apache-400-header-too-large-edge-varnish.txt 400 proxy apache "a 10000-byte header: the outer Apache's stock 400 (LimitRequestFieldSize 8190)" "curl -sv" -- -sv $R -H "X-Trace: $LONGH" $U/api/orders/1
    kill_app express
    sleep 2.5
    cap $S varnish-200-order-grace-app-killed-apache.txt 200 cdn-cache varnish "node down: order 1 (TTL gone) from the inner Varnish's grace, passed on by Apache" "curl -si" -- -si $R $U/api/orders/1
    cap $S varnish-503-app-killed-apache.txt 503 cdn-cache varnish "node killed (SIGKILL): a passed path, the inner Varnish's Backend fetch failed" "curl -sv" -- -sv $R $U/api/account
    start_app express || die "express did not come back"
    capwget $S express-201-order-after-restart-wget.txt 201 app express "node restarted: a new order" "wget -S -O-" -- --header="Host: $H:60203" --header="Content-Type: application/json" --post-data='{"ref":"OS-2129"}' http://127.0.0.1:60203/api/orders
    stop_name varnish-c
    sleep 1
    cap $S apache-503-inner-varnish-down.txt 503 proxy apache "the inner Varnish stopped: connection refused, retry=0, the outer Apache's 503" "curl -sv" -- -sv $R $U/api/orders/1
    caphead headers-only-paste head-apache-503-inner-varnish-down.txt 503 proxy apache "curl -sI while the inner Varnish is down" "" -- $R $U/api/orders/1
fi

# ================================== D: nginx -> Squid -> Sinatra (Puma) ==
if up D; then
    log "capturing D: nginx -> Squid -> Sinatra on Puma"
    S=nginx-squid-sinatra-puma-r129
    H=api.wayfarer.test U=http://api.wayfarer.test:60204 R="--resolve api.wayfarer.test:60204:127.0.0.1"
    cap $S sinatra-200-shipment-nginx-squid-miss.txt 200 app sinatra "shipment 1, a MISS at the inner Squid (max-age=60)" "curl -sv; X-Request-ID from nginx, X-Cache-Request-ID from Squid" -- -sv $R $U/api/shipments/1
    cap $S squid-200-shipment-hit-nginx.txt 200 cdn-cache squid "shipment 1 again: a HIT from the inner Squid, passed on by nginx" "curl -si" -- -si $R $U/api/shipments/1
    cap $S squid-304-shipment-if-modified-since-nginx.txt 304 cdn-cache squid "shipment 1 with If-Modified-Since, still fresh: the inner Squid's 304 from its store" "curl -sv" -- -sv $R -H "If-Modified-Since: $(date -u '+%a, %d %b %Y %H:%M:%S GMT')" $U/api/shipments/1
    capcut $S sinatra-400-shipment-id-nginx-squid.txt 400 app sinatra "shipment id 'abc': the app's JSON 400" "curl -si, body cut off after the headers" -- -si $R $U/api/shipments/abc
    caplt $S sinatra-401-account-nginx-squid.txt 401 app sinatra "the app's JSON 401 with WWW-Authenticate: Bearer" "curl -sv, only the < lines kept" -- -sv $R $U/api/account
    capraw $S sinatra-404-shipment-nginx-squid.txt 404 app sinatra "shipment 9: the app's JSON 404" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/shipments/9
    cap $S sinatra-500-boom-nginx-squid.txt 500 app sinatra "an uncaught error: Sinatra's <h1>Internal Server Error</h1>" "curl -sv" -- -sv $R $U/api/boom
    cap $S sinatra-502-rates-dep-refused-nginx-squid.txt 502 app sinatra "the carrier rates service refuses: the app's own JSON 502" "curl -si" -- -si $R $U/api/rates
    cap $S sinatra-504-tracking-dep-timeout-nginx-squid.txt 504 app sinatra "the tracking service never answers: the app's own JSON 504 after 1 s" "curl -sv" -- -sv $R $U/api/tracking/1
    capbody body-only-paste body-sinatra-504-tracking.txt 0/504 app sinatra "the app's own JSON 504 body" "" -- $R $U/api/tracking/2
    cap $S squid-504-slow-nginx.txt 504 cdn-cache squid "/api/slow takes 5 s: the inner Squid's read_timeout 3 seconds, ERR_READ_TIMEOUT, passed through nginx" "curl -sv" -- -sv $R $U/api/slow
    cap $S squid-502-legacy-reset-nginx.txt 502 cdn-cache squid "/api/legacy/: the old ledger service resets the connection: the inner Squid's ERR_READ_ERROR 502" "curl -si" -- -si $R $U/api/legacy/balance
    cap $S nginx-504-reports-budget-squid.txt 504 proxy nginx "/reports/slow: the outer nginx's 2 s proxy_read_timeout runs out before Squid's 3 s: nginx's own 504" "curl -sv" -- -sv $R $U/reports/slow
    freed 3.5
    cap $S nginx-413-upload-too-large-edge-squid.txt 413 proxy nginx "a 2.2 MB body: the outer nginx's stock 413 (client_max_body_size 1m) before Squid sees it" "curl -si" -- -si $R "${BIGBODY[@]}" $U/api/shipments
    cap $S nginx-414-long-query-edge-squid.txt 414 proxy nginx "a 9000-character query: the outer nginx's stock 414" "curl -si" -- -si $R "$U/api/shipments/1?q=$LONGQ"
    kill_app sinatra
    cap $S squid-503-app-killed-nginx.txt 503 cdn-cache squid "Puma killed (SIGKILL): connection refused, the inner Squid's ERR_CONNECT_FAIL, passed through nginx" "curl -sv" -- -sv $R $U/api/account
    cap $S squid-200-shipment-fresh-hit-app-killed-nginx.txt 200 cdn-cache squid "Puma down: shipment 1, still fresh (max-age=60), from the inner Squid's store" "curl -si" -- -si $R $U/api/shipments/1
    start_app sinatra || die "sinatra did not come back"
    HTTPIE_CMD=http caphttp $S sinatra-200-healthz-after-restart-httpie.txt 200 app sinatra "Puma restarted: the health endpoint (run 1 asked for shipment 2, which the app does not have: its 404)" "HTTPie with colours" -- -v GET http://127.0.0.1:60204/healthz Host:$H
    stop_name squid
    sleep 1
    cap $S nginx-502-inner-squid-down.txt 502 proxy nginx "the inner Squid stopped: the outer nginx's stock 502" "curl -sv" -- -sv $R $U/api/shipments/1
fi

# ================================== E: HAProxy -> Caddy -> Django (gunicorn) ==
if up E; then
    log "capturing E: HAProxy -> Caddy -> Django on gunicorn"
    S=haproxy-caddy-django-gunicorn-r129
    H=api.wrenfield.test U=http://api.wrenfield.test:60205 R="--resolve api.wrenfield.test:60205:127.0.0.1"
    cap $S django-200-order-haproxy-caddy.txt 200 app django "order 1 through both hops" "curl -sv; X-Request-ID from HAProxy, X-Proxy-Request-ID from Caddy" -- -sv $R $U/api/orders/1
    caplt $S django-400-order-id-haproxy-caddy.txt 400 app django "order id 'abc': the app's JSON 400" "curl -sv, only the < lines kept" -- -sv $R $U/api/orders/abc
    capcut $S django-401-account-haproxy-caddy.txt 401 app django "the app's JSON 401 with WWW-Authenticate: Bearer" "curl -si, body cut off after the headers" -- -si $R $U/api/account
    cap $S django-404-order-haproxy-caddy.txt 404 app django "order 999: the app's JSON 404" "curl -si" -- -si $R $U/api/orders/999
    capwin $S django-409-order-exists-haproxy-caddy.txt 409 app django "POST an existing ref: the app's JSON 409" "curl -si pasted with CRLF" -- -si $R -X POST "${JSONH[@]}" -d '{"ref":"WF-1001"}' $U/api/orders
    capbody body-only-paste body-django-409-order-exists.txt 0/409 app django "the app's {\"errors\":[{\"code\":\"conflict\"...}]} (no number in it)" "" -- $R -X POST "${JSONH[@]}" -d '{"ref":"WF-1001","total":2}' $U/api/orders
    capraw $S django-422-order-no-ref-haproxy-caddy.txt 422 app django "POST without ref: the app's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $R -X POST "${JSONH[@]}" -d '{}' $U/api/orders
    cap $S django-500-boom-haproxy-caddy.txt 500 app django "an uncaught error: Django's 'Server Error (500)'" "curl -sv" -- -sv $R $U/api/boom
    cap $S caddy-504-slow-haproxy.txt 504 proxy caddy "/api/slow takes 5 s: the inner Caddy's response_header_timeout 3s, its empty 504, passed through HAProxy" "curl -sv" -- -sv $R $U/api/slow
    freed 2
    cap $S caddy-502-legacy-reset-haproxy.txt 502 proxy caddy "/api/legacy/: the old ledger service resets the connection: the inner Caddy's empty 502, passed through HAProxy" "curl -si" -- -si $R $U/api/legacy/balance
    cap $S haproxy-504-reports-budget-caddy.txt 504 load-balancer haproxy "/reports/slow: HAProxy's 2 s budget runs out before Caddy's 3 s: HAProxy's own 504" "curl -sv" -- -sv $R $U/reports/slow
    capbody body-only-paste body-haproxy-504-reports-budget.txt 504/504 load-balancer haproxy "HAProxy's stock 504 page, its h1 shows 504" "" -- $R "$U/reports/slow?page=2"
    freed 3.5
    cap $S haproxy-400-huge-query-caddy-edge.txt 400 load-balancer haproxy "a 20000-character query: over HAProxy's 16k buffer, HAProxy's own 400 before Caddy sees it" "curl -si" -- -si $R "$U/api/orders/1?q=$HUGEQ"
    cap $S gunicorn-431-header-too-large-haproxy-caddy.txt 431 app gunicorn "a 10000-byte header: HAProxy and Caddy pass it, gunicorn refuses it (limit_request_field_size 8190) with its own 431 (run 1 expected 400: this gunicorn answers 431)" "curl -si" -- -si $R -H "X-Trace: $LONGH" $U/api/orders/1
    kill_app django
    cap $S caddy-502-app-killed-haproxy.txt 502 proxy caddy "gunicorn killed (SIGKILL): connection refused, the inner Caddy's empty 502, passed through HAProxy" "curl -sv" -- -sv $R $U/api/orders/1
    start_app django || die "django did not come back"
    capdump $S django-200-order-after-restart-dump.txt 200 app django "gunicorn restarted: order 1" "curl -s -D-" -- $R $U/api/orders/1
    stop_name caddy-e
    sleep 1
    cap $S haproxy-503-inner-caddy-down.txt 503 load-balancer haproxy "the inner Caddy stopped: connection refused, HAProxy's own 503 (no health check)" "curl -sv" -- -sv $R $U/api/orders/1
    caphead headers-only-paste head-haproxy-503-inner-caddy-down.txt 503 load-balancer haproxy "curl -sI while the inner Caddy is down" "" -- $R $U/api/orders/1
fi
log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in A B C D E; do up $f || log "NOT CAPTURED: chain $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round129/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
