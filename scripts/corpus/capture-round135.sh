#!/usr/bin/env bash
# capture-round135.sh — build the 135th held-out evidence corpus in
# tests/fixtures/evidence-round135/.
#
# "Two fronts in a row, a sixth look" (rounds 68, 90, 107, 116 and 129 were the
# first five): five chains of two fronts before a common app, each chain
# (outer -> inner) new to the setup list:
#   - A: Apache -> HAProxy -> Django on gunicorn;
#   - B: nginx -> Caddy -> FastAPI on uvicorn;
#   - C: Caddy -> Squid -> Flask on gunicorn;
#   - D: Varnish -> HAProxy -> Express on Node;
#   - E: Apache -> Caddy -> Fastify on Node.
# Front configs in scripts/corpus/conf-round135/ (each with a header comment,
# adapted from round 129's); the apps are earlier rounds' (apps78 Express,
# FastAPI, Django and Fastify, apps97 Flask and reset_svc.py), imported
# unchanged. Captured per chain: the app's own answers (200, 4xx, 429, 500, its
# JSON 503, its HTML 502) through both hops; the inner hop's own pages (app
# slow, app killed, a resetting service, its own JSON 503) passed on by the outer
# hop; the outer hop's own pages (its 2 s /reports/ budget, its limits, its own
# JSON 429, the inner hop stopped, its branded pages); cache HITs, 304s and a
# grace copy where a cache is in the chain (Squid inner in C, Varnish outer in D).
#
#   scripts/corpus/capture-round135.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round135.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round135.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-63999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round135.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round135"
RUN=/tmp/api-triage-corpus135-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round135"
APPS78="$HERE/apps78"
APPS97="$HERE/apps97"
NODE_DIR=${CORPUS_NODE135:-/tmp/api-triage-corpus135-node}
VENV=${CORPUS_VENV135:-/tmp/api-triage-corpus135-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus135 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget apache2 nginx caddy haproxy varnish squid python3-venv nodejs)
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

install_venv() {  # HTTPie, Flask, Django, FastAPI, gunicorn, uvicorn (a copy of round 134's venv plus Flask), from PyPI when missing
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round135.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS78 && -d $APPS97 ]] || die "missing $CONF or an apps folder"
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
for p in nginx apache2 caddy haproxy varnish squid nodejs; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
[[ -d $NODE_DIR/node_modules/express && -d $NODE_DIR/node_modules/fastify ]] || die "Express is missing from $NODE_DIR (npm install express@4 fastify@4 there)"

# apps: Express 62011, FastAPI/uvicorn 62012, Django/gunicorn 62013,
# Fastify/Node 62014, Flask/gunicorn 62015.
# inner hops: HAProxy 62101 (A), Caddy 62102 (B), Squid 62103 (C),
# HAProxy 62104 (D), Caddy 62105 (E).
# outer hops: Apache 62201 (A), nginx 62202 (B), Caddy 62203 (C),
# Varnish 62204 (D), Apache 62205 (E).
# The old ledger service every inner hop sends /api/legacy/ to: 62096
# (apps97/reset_svc.py: resets every connection).
APP_PORTS=(62011 62012 62013 62014 62015)
INNER_PORTS=(62101 62102 62103 62104 62105)
OUTER_PORTS=(62201 62202 62203 62204 62205)
for p in "${APP_PORTS[@]}" "${INNER_PORTS[@]}" "${OUTER_PORTS[@]}" 62096; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

start_bg reset "$PY" "$APPS97/reset_svc.py" 62096
wait_port 62096 reset || die "reset_svc did not start"

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
for a in express fastapi django fastify flask; do mkdir -p "$RUN/flags/$a"; done
start_app() {  # start_app NAME: start it, wait for its port, and take one warm-up request (straight to the app)
    local n=$1 port
    case $n in
    express) port=62011; start_bg express env REPLICA=osprey-api-1 FLAG_DIR="$RUN/flags/express" "${NODEENV[@]}" "$APPS78/express_app.js" 62011 ;;
    fastapi) port=62012; start_bg fastapi env REPLICA=halyard-api-1 FLAG_DIR="$RUN/flags/fastapi" nice -n 5 "$VPY" -m uvicorn \
        --app-dir "$APPS78" --host 127.0.0.1 --port 62012 fastapi_app:app ;;
    django) port=62013; start_bg django env REPLICA=wrenfield-web-1 FLAG_DIR="$RUN/flags/django" nice -n 5 "$VPY" -m gunicorn \
        --bind 127.0.0.1:62013 --workers 2 --chdir "$APPS78" --worker-tmp-dir "$RUN/gunicorn" django_app:application ;;
    fastify) port=62014; start_bg fastify env REPLICA=saltmarsh-api-1 FLAG_DIR="$RUN/flags/fastify" "${NODEENV[@]}" "$APPS78/fastify_app.js" 62014 ;;
    flask) port=62015; start_bg flask env REPLICA=tamarind-api-1 FLAG_DIR="$RUN/flags/flask" nice -n 5 "$VPY" -m gunicorn \
        --bind 127.0.0.1:62015 --workers 2 --chdir "$APPS97" --worker-tmp-dir "$RUN/gunicorn" flask_cache:app ;;
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
for a in express fastapi django fastify flask; do start_app $a || die "$a did not start"; done
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

# A: Apache -> HAProxy -> Django
start_haproxy haproxy-a A-haproxy-inner.cfg 62101 && start_apache apache-a A-apache-outer.conf 62201 && UP[A]=1
# B: nginx -> Caddy -> FastAPI
start_caddy caddy-b B-Caddyfile-inner 62102 && start_nginx nginx-b B-nginx-outer.conf 62202 && UP[B]=1
# C: Caddy -> Squid -> Flask
mkdir -p "$RUN/squid"
render "$CONF/C-squid-inner.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus135 -f "$RUN/squid/squid.conf" && wait_port 62103 squid \
    && start_caddy caddy-c C-Caddyfile-outer 62203 && UP[C]=1
# D: Varnish -> HAProxy -> Express
start_haproxy haproxy-d D-haproxy-inner.cfg 62104 && start_varnish varnish-d D-varnish-outer.vcl 62204 && UP[D]=1
# E: Apache -> Caddy -> Fastify
start_caddy caddy-e E-Caddyfile-inner 62105 && start_apache apache-e E-apache-outer.conf 62205 && UP[E]=1
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "chains up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for ${CORPUS_SETUP_SECS:-300} s"; sleep "${CORPUS_SETUP_SECS:-300}" & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 135 (held out): real responses captured by
# scripts/corpus/capture-round135.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-134:
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
MIDQ=$(printf 'a%.0s' $(seq 1 5000))      # a 5000-character query string
HUGEQ=$(printf 'a%.0s' $(seq 1 20000))    # a 20000-character query string
LONGH=$(printf 'b%.0s' $(seq 1 10000))    # a 10000-byte header value
freed() { sleep "${1:-2}"; }   # a slow request (5 s) still holds the app's worker after the hop gave up
# etag_of FILE: the ETag a cache sent in an earlier transcript of this run (`< ETag: ...`)
etag_of() { grep -ai '^< etag:' "$STAGE/$1" | head -n 1 | sed 's/^< [Ee][Tt][Aa][Gg]: *//' | tr -d '\r'; }

# What each label below expects (written before any request was made):
#   - the app's own answers pass through both hops unchanged: app + framework
#     (gunicorn's own 414/431 for a request line or header over its limits: app + gunicorn);
#   - the inner hop's own pages (app slow past its 3 s, app killed, the resetting
#     service, its JSON 503 for /api/bulk/) are the inner hop's, even though the outer
#     hop passes them on;
#   - the outer hop's own pages (its 2 s /reports/ budget, its limits, its JSON 429
#     for /api/bulk-export, the inner hop stopped, its branded pages) are the outer hop's;
#   - a cache (the inner Squid in C, the outer Varnish in D) answering from its store
#     (HIT, 304, grace) is the cache's, except an app error it replays (app).

# ================================== A: Apache -> HAProxy -> Django (gunicorn) ==
if up A; then
    log "capturing A: Apache -> HAProxy -> Django on gunicorn"
    S=apache-haproxy-django-gunicorn-r135
    H=api.wrenfield.test U=http://api.wrenfield.test:62201 R="--resolve api.wrenfield.test:62201:127.0.0.1"
    cap $S django-200-order-apache-haproxy.txt 200 app django "order 1 through both hops" "curl -sv; X-Request-ID and Via from Apache, X-LB-Request-ID from HAProxy" -- -sv $R $U/api/orders/1
    caplt $S django-404-order-apache-haproxy.txt 404 app django "order 999: the app's JSON 404" "curl -sv, only the < lines kept" -- -sv $R $U/api/orders/999
    capwin $S django-422-order-no-ref-apache-haproxy.txt 422 app django "POST without ref: the app's JSON 422" "curl -si pasted with CRLF" -- -si $R -X POST "${JSONH[@]}" -d '{}' $U/api/orders
    cap $S django-429-quota-apache-haproxy.txt 429 app django "/api/quota: the app's own JSON 429 with Retry-After, passed on by both" "curl -si" -- -si $R $U/api/quota
    cap $S django-503-maintenance-apache-haproxy.txt 503 app django "/api/maintenance: the app's own JSON 503 with Retry-After" "curl -sv" -- -sv $R $U/api/maintenance
    cap $S django-502-payments-html-apache-haproxy.txt 502 app django "/api/payments: the app's own HTML 502 page, passed on by both" "curl -si" -- -si $R $U/api/payments
    cap $S django-500-boom-apache-haproxy.txt 500 app django "an uncaught error: Django's 'Server Error (500)'" "curl -sv" -- -sv $R $U/api/boom
    cap $S haproxy-503-bulk-json-apache.txt 503 load-balancer haproxy "/api/bulk/orders: the inner HAProxy's own JSON 503 (http-request return), passed on by Apache" "curl -si" -- -si $R $U/api/bulk/orders
    cap $S haproxy-504-slow-apache.txt 504 load-balancer haproxy "/api/slow takes 5 s: the inner HAProxy's timeout server 3s, its stock 504, passed through Apache" "curl -sv" -- -sv $R $U/api/slow
    freed 2
    cap $S haproxy-502-legacy-reset-apache.txt 502 proxy apache "/api/legacy/: the old ledger service resets the connection; Apache's own Proxy Error page (Error reading from remote server), not HAProxy's 502: label corrected on review" "curl -si" -- -si $R $U/api/legacy/balance
    cap $S apache-502-reports-budget-haproxy.txt 502 proxy apache "/reports/slow: the outer Apache's timeout=2 runs out before HAProxy's 3 s: Apache's own 502 Proxy Error" "curl -sv" -- -sv $R $U/reports/slow
    freed 3.5
    cap $S apache-429-bulk-export-json-haproxy.txt 429 proxy apache "/api/bulk-export: the outer Apache's own 429 (mod_rewrite R=429) with its JSON ErrorDocument" "curl -si" -- -si $R $U/api/bulk-export
    capraw $S apache-414-long-query-edge-haproxy.txt 414 proxy apache "a 9000-character query: the outer Apache's stock 414 (LimitRequestLine 8190)" "curl -si saved to a file (CRs kept)" -- -si $R "$U/api/orders/1?q=$LONGQ"
    kill_app django
    cap $S haproxy-503-app-killed-apache.txt 503 load-balancer haproxy "gunicorn killed (SIGKILL): connection refused, the inner HAProxy's stock 503 (no health check), passed through Apache" "curl -sv" -- -sv $R $U/api/orders/1
    capbody body-only-paste body-haproxy-503-app-killed.txt 503/503 load-balancer haproxy "HAProxy's stock 503 page, its h1 shows 503" "" -- $R $U/api/account
    start_app django || die "django did not come back"
    HTTPIE_CMD=http caphttp $S django-401-account-after-restart-httpie.txt 401 app django "gunicorn restarted: the account (the app's JSON 401)" "HTTPie with colours" -- -v GET http://127.0.0.1:62201/api/account Host:$H
    stop_name haproxy-a
    sleep 1
    cap $S apache-503-branded-inner-haproxy-down.txt 503 proxy apache "the inner HAProxy stopped: connection refused, retry=0, the outer Apache's 503 with its branded ErrorDocument page" "curl -sv" -- -sv $R $U/api/orders/1
    caphead headers-only-paste head-apache-503-inner-haproxy-down.txt 503 proxy apache "curl -sI while the inner HAProxy is down (Apache's own 503)" "" -- $R $U/api/orders/1
fi

# ================================== B: nginx -> Caddy -> FastAPI (uvicorn) ==
if up B; then
    log "capturing B: nginx -> Caddy -> FastAPI on uvicorn"
    S=nginx-caddy-fastapi-uvicorn-r135
    H=api.halyard.test U=http://api.halyard.test:62202 R="--resolve api.halyard.test:62202:127.0.0.1"
    cap $S fastapi-200-order-nginx-caddy.txt 200 app fastapi "order 1 through both hops" "curl -sv; X-Request-ID from nginx, X-Proxy-Request-ID from Caddy" -- -sv $R $U/api/orders/1
    caplt $S fastapi-404-order-nginx-caddy.txt 404 app fastapi "order 999: HTTPException(404)" "curl -sv, only the < lines kept" -- -sv $R $U/api/orders/999
    cap $S fastapi-422-order-validation-nginx-caddy.txt 422 app fastapi "POST without ref: FastAPI's validation 422" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{}' $U/api/orders
    capbody body-only-paste body-fastapi-422-validation.txt 0/422 app fastapi "FastAPI's {\"detail\":[...]} validation body (no number in it)" "" -- $R -X POST "${JSONH[@]}" -d '{"total":3}' $U/api/orders
    cap $S fastapi-429-quota-nginx-caddy.txt 429 app fastapi "/api/quota: the app's own JSON 429 with Retry-After" "curl -si" -- -si $R $U/api/quota
    cap $S fastapi-503-maintenance-nginx-caddy.txt 503 app fastapi "/api/maintenance: the app's own JSON 503" "curl -sv" -- -sv $R $U/api/maintenance
    cap $S fastapi-502-payments-html-nginx-caddy.txt 502 app fastapi "/api/payments: the app's own HTML 502 page; nginx's branded error_page is not used for a passed 502 (no proxy_intercept_errors)" "curl -si" -- -si $R $U/api/payments
    cap $S fastapi-500-boom-nginx-caddy.txt 500 app fastapi "an uncaught error: Starlette's plain 'Internal Server Error' under FastAPI" "curl -sv" -- -sv $R $U/api/boom
    cap $S caddy-503-bulk-json-nginx.txt 503 proxy caddy "/api/bulk/orders: the inner Caddy's own JSON 503 (respond), passed on by nginx" "curl -si" -- -si $R $U/api/bulk/orders
    cap $S caddy-504-slow-nginx.txt 504 proxy caddy "/api/slow takes 5 s: the inner Caddy's response_header_timeout 3s, its empty 504, passed through nginx" "curl -sv" -- -sv $R $U/api/slow
    freed 2
    cap $S caddy-502-legacy-reset-nginx.txt 502 proxy caddy "/api/legacy/: the old ledger service resets the connection: the inner Caddy's empty 502, passed on by nginx (error_page not used for a passed 502)" "curl -si" -- -si $R $U/api/legacy/balance
    cap $S nginx-504-reports-budget-caddy.txt 504 proxy nginx "/reports/slow: the outer nginx's 2 s proxy_read_timeout runs out before Caddy's 3 s: nginx's own stock 504" "curl -sv" -- -sv $R $U/reports/slow
    freed 3.5
    quiet $R $U/api/bulk-export     # the one request a minute limit_req lets through
    cap $S nginx-429-bulk-export-json-caddy.txt 429 proxy nginx "/api/bulk-export a second time within the minute: the outer nginx's limit_req 429 with its own JSON body" "curl -si" -- -si $R $U/api/bulk-export
    cap $S nginx-413-upload-too-large-edge-caddy.txt 413 proxy nginx "a 2.2 MB body: the outer nginx's stock 413 (client_max_body_size 1m)" "curl -si" -- -si $R "${BIGBODY[@]}" $U/api/uploads
    kill_app fastapi
    cap $S caddy-502-app-killed-nginx.txt 502 proxy caddy "uvicorn killed (SIGKILL): connection refused, the inner Caddy's empty 502, passed on by nginx" "curl -sv" -- -sv $R $U/api/orders/1
    start_app fastapi || die "fastapi did not come back"
    capdump $S fastapi-200-order-after-restart-dump.txt 200 app fastapi "uvicorn restarted: order 1" "curl -s -D-" -- $R $U/api/orders/1
    stop_name caddy-b
    sleep 1
    cap $S nginx-502-branded-inner-caddy-down.txt 502 proxy nginx "the inner Caddy stopped: connection refused, the outer nginx's 502 with its branded error_page" "curl -sv" -- -sv $R $U/api/orders/1
    capbody body-only-paste body-nginx-502-branded-inner-down.txt 0/502 proxy nginx "nginx's branded 502 page (no number in it)" "" -- $R $U/api/account
fi

# ================================== C: Caddy -> Squid -> Flask (gunicorn) ==
if up C; then
    log "capturing C: Caddy -> Squid -> Flask on gunicorn"
    S=caddy-squid-flask-gunicorn-r135
    H=api.tamarind.test U=http://api.tamarind.test:62203 R="--resolve api.tamarind.test:62203:127.0.0.1"
    cap $S flask-200-order-caddy-squid-miss.txt 200 app flask "order 1, a MISS at the inner Squid (the app's max-age=300)" "curl -sv; X-Request-ID from Caddy, X-Cache-Request-ID from Squid" -- -sv $R $U/api/orders/1
    cap $S squid-200-order-hit-caddy.txt 200 cdn-cache squid "order 1 again: a HIT from the inner Squid, passed on by Caddy" "curl -si" -- -si $R $U/api/orders/1
    cap $S squid-304-order-if-modified-since-caddy.txt 304 cdn-cache squid "order 1 with If-Modified-Since now, still fresh: the inner Squid's 304 from its store" "curl -sv" -- -sv $R -H "If-Modified-Since: $(date -u '+%a, %d %b %Y %H:%M:%S GMT')" $U/api/orders/1
    caphead headers-only-paste head-squid-200-order-hit.txt 200 cdn-cache squid "curl -sI on order 1: answered from the inner Squid's store" "" -- $R $U/api/orders/1
    capcut $S flask-404-order9-miss-caddy-squid.txt 404 app flask "order 9: the app's JSON 404 (public, max-age=120), a MISS" "curl -si, body cut off after the headers" -- -si $R $U/api/orders/9
    cap $S flask-404-order9-kept-hit-caddy-squid.txt 404 app flask "order 9 again: the app's own 404 again, passed on (planned as a HIT of the app's answer; run 1 showed Squid 5.7 did not keep it: X-Cache MISS; the app wrote it either way)" "curl -si" -- -si $R $U/api/orders/9
    cap $S flask-429-quota-caddy-squid.txt 429 app flask "/api/quota: the app's own JSON 429" "curl -si" -- -si $R $U/api/quota
    cap $S flask-503-maintenance-caddy-squid.txt 503 app flask "/api/maintenance: the app's own JSON 503" "curl -sv" -- -sv $R $U/api/maintenance
    cap $S flask-502-payments-html-caddy-squid.txt 502 app flask "/api/payments: the app's own HTML 502 page, passed on by Squid and Caddy" "curl -si" -- -si $R $U/api/payments
    capbody body-only-paste body-flask-502-payments-html.txt 502/502 app flask "the app's own HTML 502 page" "" -- $R "$U/api/payments?retry=1"
    cap $S flask-500-boom-caddy-squid.txt 500 app flask "an uncaught error: Werkzeug's HTML 500" "curl -sv" -- -sv $R $U/api/boom
    cap $S squid-504-slow-caddy.txt 504 cdn-cache squid "/api/slow takes 5 s: the inner Squid's read_timeout 3 seconds, ERR_READ_TIMEOUT, passed on by Caddy" "curl -sv" -- -sv $R $U/api/slow
    freed 2
    cap $S squid-502-legacy-reset-caddy.txt 502 cdn-cache squid "/api/legacy/: the old ledger service resets the connection: the inner Squid's ERR_READ_ERROR 502" "curl -si" -- -si $R $U/api/legacy/balance
    cap $S caddy-504-branded-reports-budget-squid.txt 504 proxy caddy "/reports/slow: the outer Caddy's 2 s response_header_timeout runs out before Squid's 3 s: Caddy's 504 with its branded handle_errors page" "curl -sv" -- -sv $R $U/reports/slow
    freed 3.5
    cap $S caddy-429-bulk-export-json-squid.txt 429 proxy caddy "/api/bulk-export: the outer Caddy's own JSON 429 (respond)" "curl -si" -- -si $R $U/api/bulk-export
    cap $S squid-413-upload-too-large-caddy.txt 413 cdn-cache squid "a 2.2 MB body: Caddy passes it, the inner Squid's ERR_TOO_BIG 413 (request_body_max_size 1 MB)" "curl -si" -- -si $R "${BIGBODY[@]}" $U/api/uploads
    cap $S squid-400-long-query-invalid-url-caddy.txt 400 cdn-cache squid "a 9000-character query: Caddy passes it, the inner Squid refuses the URL (over its 8 KB URL limit) with ERR_INVALID_URL (run 1 expected gunicorn's 414 here: Squid stopped it first, see the README)" "curl -si" -- -si $R "$U/api/orders/2?q=$LONGQ"
    cap $S gunicorn-414-long-query-caddy-squid.txt 414 app gunicorn "a 5000-character query: Caddy and Squid pass it, gunicorn refuses the request line (limit_request_line 4094) with its own 414 (added after run 1)" "curl -si" -- -si $R "$U/api/orders/2?q=$MIDQ"
    kill_app flask
    cap $S squid-503-app-killed-caddy.txt 503 cdn-cache squid "gunicorn killed (SIGKILL): connection refused, the inner Squid's ERR_CONNECT_FAIL, passed on by Caddy" "curl -sv" -- -sv $R $U/api/account
    cap $S squid-200-order-fresh-hit-app-killed-caddy.txt 200 cdn-cache squid "gunicorn down: order 1, still fresh (max-age=300), from the inner Squid's store" "curl -si" -- -si $R $U/api/orders/1
    start_app flask || die "flask did not come back"
    stop_name squid
    sleep 1.5
    cap $S caddy-502-branded-inner-squid-down.txt 502 proxy caddy "the inner Squid stopped: the outer Caddy's 502 with its branded handle_errors page" "curl -sv" -- -sv $R $U/api/orders/1
fi

# ================================== D: Varnish -> HAProxy -> Express (Node) ==
if up D; then
    log "capturing D: Varnish -> HAProxy -> Express"
    S=varnish-haproxy-express-node-r135
    H=api.osprey.test U=http://api.osprey.test:62204 R="--resolve api.osprey.test:62204:127.0.0.1"
    cap $S express-200-order-varnish-haproxy-miss.txt 200 app express "order 1, a MISS at the outer Varnish (kept 2 s, grace 1 h)" "curl -sv; X-Request-ID (xid) and X-Cache from Varnish, X-LB-Request-ID from HAProxy" -- -sv $R $U/api/orders/1
    cap $S varnish-200-order-hit-haproxy.txt 200 cdn-cache varnish "order 1 again within its 2 s: a HIT from the outer Varnish" "curl -si" -- -si $R $U/api/orders/1
    ET=$(etag_of express-200-order-varnish-haproxy-miss.txt)
    cap $S varnish-304-order-if-none-match-haproxy.txt 304 cdn-cache varnish "order 1 with the ETag Express gave it: the outer Varnish's 304 from its store" "curl -sv" -- -sv $R -H "If-None-Match: $ET" $U/api/orders/1
    capcut $S express-404-order-miss-varnish-haproxy.txt 404 app express "order 999: the app's JSON 404, a MISS (404s kept 30 s)" "curl -si, body cut off after the headers" -- -si $R $U/api/orders/999
    cap $S express-404-order-kept-hit-varnish-haproxy.txt 404 app express "order 999 again: the app's own 404 replayed from Varnish's store (a HIT of the app's answer)" "curl -si" -- -si $R $U/api/orders/999
    cap $S express-429-quota-varnish-haproxy.txt 429 app express "/api/quota: the app's own JSON 429" "curl -si" -- -si $R $U/api/quota
    cap $S express-503-maintenance-varnish-haproxy.txt 503 app express "/api/maintenance: the app's own JSON 503" "curl -sv" -- -sv $R $U/api/maintenance
    capwin $S express-502-payments-html-varnish-haproxy.txt 502 app express "/api/payments: the app's own HTML 502 page, passed on by HAProxy and Varnish" "curl -si pasted with CRLF" -- -si $R $U/api/payments
    cap $S express-500-boom-varnish-haproxy.txt 500 app express "an uncaught error: Express's finalhandler 'Internal Server Error' page" "curl -sv" -- -sv $R $U/api/boom
    cap $S haproxy-503-bulk-json-varnish.txt 503 load-balancer haproxy "/api/bulk/orders: the inner HAProxy's own JSON 503 (http-request return), passed on by Varnish" "curl -si" -- -si $R $U/api/bulk/orders
    capbody body-only-paste body-haproxy-503-bulk-json.txt 0/503 load-balancer haproxy "the inner HAProxy's JSON 503 body (no number in it)" "" -- $R $U/api/bulk/customers
    cap $S haproxy-504-slow-varnish.txt 504 load-balancer haproxy "/api/slow takes 5 s: the inner HAProxy's timeout server 3s, its stock 504, passed on by Varnish (first_byte_timeout 8s)" "curl -sv" -- -sv $R $U/api/slow
    freed 2
    cap $S haproxy-502-legacy-reset-varnish.txt 502 load-balancer haproxy "/api/legacy/: the old ledger service resets the connection: the inner HAProxy's stock 502, passed on by Varnish" "curl -si" -- -si $R $U/api/legacy/balance
    cap $S varnish-503-reports-budget-haproxy.txt 503 cdn-cache varnish "/reports/slow: the outer Varnish's 2 s first_byte_timeout runs out before HAProxy's 3 s: Varnish's Backend fetch failed" "curl -sv" -- -sv $R $U/reports/slow
    freed 3.5
    cap $S varnish-429-bulk-export-json-haproxy.txt 429 cdn-cache varnish "/api/bulk-export: the outer Varnish's own JSON 429 (vcl_synth)" "curl -si" -- -si $R $U/api/bulk-export
    cap $S haproxy-400-huge-query-varnish.txt 400 load-balancer haproxy "a 20000-character query: Varnish passes it (http_req_size 32k), over the inner HAProxy's 16k buffer: HAProxy's own 400" "curl -si" -- -si $R "$U/api/account?q=$HUGEQ"
    kill_app express
    sleep 2.5
    cap $S varnish-200-order-grace-app-killed-haproxy.txt 200 cdn-cache varnish "node down: order 1 (TTL gone) from the outer Varnish's grace copy" "curl -si" -- -si $R $U/api/orders/1
    cap $S haproxy-503-app-killed-varnish.txt 503 load-balancer haproxy "node killed (SIGKILL): a passed path, the inner HAProxy's stock 503, passed on by Varnish" "curl -sv" -- -sv $R $U/api/account
    start_app express || die "express did not come back"
    capwget $S express-201-order-after-restart-wget.txt 201 app express "node restarted: a new order" "wget -S -O-" -- --header="Host: $H:62204" --header="Content-Type: application/json" --post-data='{"ref":"OS-2135"}' http://127.0.0.1:62204/api/orders
    stop_name haproxy-d
    sleep 1
    cap $S varnish-503-inner-haproxy-down.txt 503 cdn-cache varnish "the inner HAProxy stopped: the outer Varnish's Backend fetch failed" "curl -sv" -- -sv $R $U/api/account
    caphead headers-only-paste head-varnish-503-inner-haproxy-down.txt 503 cdn-cache varnish "curl -sI while the inner HAProxy is down (Varnish's own 503)" "" -- $R $U/api/admin
fi

# ================================== E: Apache -> Caddy -> Fastify (Node) ==
if up E; then
    log "capturing E: Apache -> Caddy -> Fastify on Node"
    S=apache-caddy-fastify-node-r135
    H=api.saltmarsh.test U=http://api.saltmarsh.test:62205 R="--resolve api.saltmarsh.test:62205:127.0.0.1"
    cap $S fastify-200-order-apache-caddy.txt 200 app fastify "order 1 through both hops" "curl -sv; X-Request-ID and Via from Apache, X-Proxy-Request-ID from Caddy" -- -sv $R $U/api/orders/1
    caplt $S fastify-404-order-apache-caddy.txt 404 app fastify "order 999: the app's JSON 404" "curl -sv, only the < lines kept" -- -sv $R $U/api/orders/999
    cap $S fastify-422-order-no-ref-apache-caddy.txt 422 app fastify "POST without ref: the app's JSON 422" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{}' $U/api/orders
    cap $S fastify-429-quota-apache-caddy.txt 429 app fastify "/api/quota: the app's own JSON 429 with Retry-After" "curl -si" -- -si $R $U/api/quota
    cap $S fastify-503-maintenance-apache-caddy.txt 503 app fastify "/api/maintenance: the app's own JSON 503; Apache's branded ErrorDocument 503 is not used for a passed answer (no ProxyErrorOverride)" "curl -sv" -- -sv $R $U/api/maintenance
    capbody body-only-paste body-fastify-503-maintenance.txt 503/503 app fastify "the app's JSON 503 body (statusCode 503 in it)" "" -- $R "$U/api/maintenance?probe=1"
    cap $S fastify-502-payments-html-apache-caddy.txt 502 app fastify "/api/payments: the app's own HTML 502 page" "curl -si" -- -si $R $U/api/payments
    cap $S fastify-500-boom-apache-caddy.txt 500 app fastify "an uncaught error: Fastify's default JSON 500" "curl -sv" -- -sv $R $U/api/boom
    cap $S caddy-503-bulk-json-apache.txt 503 proxy caddy "/api/bulk/orders: the inner Caddy's own JSON 503 (respond), passed on by Apache" "curl -si" -- -si $R $U/api/bulk/orders
    cap $S caddy-504-slow-apache.txt 504 proxy caddy "/api/slow takes 5 s: the inner Caddy's response_header_timeout 3s, its empty 504, passed on by Apache" "curl -sv" -- -sv $R $U/api/slow
    freed 2
    cap $S caddy-502-legacy-reset-apache.txt 502 proxy caddy "/api/legacy/: the old ledger service resets the connection: the inner Caddy's empty 502, passed on by Apache" "curl -si" -- -si $R $U/api/legacy/balance
    cap $S apache-502-reports-budget-caddy.txt 502 proxy apache "/reports/slow: the outer Apache's timeout=2 runs out before Caddy's 3 s: Apache's own 502 Proxy Error" "curl -sv" -- -sv $R $U/reports/slow
    freed 3.5
    capdump $S apache-429-bulk-export-json-caddy.txt 429 proxy apache "/api/bulk-export: the outer Apache's own 429 (mod_rewrite R=429) with its JSON ErrorDocument" "curl -s -D-" -- $R $U/api/bulk-export
    kill_app fastify
    cap $S caddy-502-app-killed-apache.txt 502 proxy caddy "node killed (SIGKILL): connection refused, the inner Caddy's empty 502, passed on by Apache" "curl -sv" -- -sv $R $U/api/orders/1
    caphead headers-only-paste head-caddy-502-app-killed-apache.txt 502 proxy caddy "curl -sI while node is down (the inner Caddy's empty 502)" "" -- $R $U/api/account
    start_app fastify || die "fastify did not come back"
    HTTPIE_CMD=http caphttp $S fastify-401-account-after-restart-httpie.txt 401 app fastify "node restarted: the account (the app's JSON 401)" "HTTPie with colours" -- -v GET http://127.0.0.1:62205/api/account Host:$H
    stop_name caddy-e
    sleep 1
    cap $S apache-503-branded-inner-caddy-down.txt 503 proxy apache "the inner Caddy stopped: connection refused, retry=0, the outer Apache's 503 with its branded ErrorDocument page" "curl -sv" -- -sv $R $U/api/orders/1
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round135/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
