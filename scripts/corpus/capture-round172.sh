#!/usr/bin/env bash
# capture-round172.sh — build the 172nd held-out evidence corpus in
# tests/fixtures/evidence-round172/.
#
# "Two fronts in a row, an eighth look" (rounds 68, 90, 107, 116, 129, 135 and
# 149 were the first seven): round 149's four chains of two fronts, with the
# ports moved to 60xxx and every chain before another app than in any earlier
# round:
#   - A: Apache -> HAProxy -> Express on Node (round 135: Django, round 149: FastAPI);
#   - B: nginx -> Caddy -> Flask on gunicorn (round 135: FastAPI, round 149: Django);
#   - C: Varnish -> Squid -> Fastify on Node (round 149: Flask);
#   - D: Caddy -> nginx -> FastAPI on uvicorn (round 149: Express).
# Front configs in scripts/corpus/conf-round172/ (round 149's, each with a
# header comment); the apps are earlier rounds' (apps78 Express, FastAPI,
# Fastify; apps97 Flask and reset_svc.py), imported unchanged. Captured per
# chain: the app's own answers through both hops; the inner hop's own pages
# (app slow, app killed, a resetting service, its own JSON 503 or limits)
# passed on by the outer hop; the outer hop's own pages (its 2 s /reports/
# budget, its limits, its own JSON 429, the inner hop stopped, its branded
# pages); cache HITs, 304s and a grace copy in C.
#
#   scripts/corpus/capture-round172.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round172.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round172.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60000-61999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round172.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round172"
RUN=/tmp/api-triage-corpus172-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round172"
APPS78="$HERE/apps78"
APPS97="$HERE/apps97"
NODE_DIR=${CORPUS_NODE172:-/tmp/api-triage-corpus172-node}
VENV=${CORPUS_VENV172:-/tmp/api-triage-corpus172-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus172 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round172.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" ${HDRONLY:+headers-only 0}
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
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" ${HDRONLY:+headers-only 0}
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
# (caplt and capcut with HDRONLY=1: labelled paste = "headers-only" too.)
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
if [[ ! -d $NODE_DIR/node_modules/express || ! -d $NODE_DIR/node_modules/fastify ]]; then
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && die "Express or Fastify is missing from $NODE_DIR"
    mkdir -p "$NODE_DIR"
    (cd "$NODE_DIR" && nice -n 15 timeout 600 npm install --no-audit --no-fund express@4 fastify@4) >>"$RUN/logs/npm.log" 2>&1 \
        || die "npm install express fastify failed (see logs/npm.log)"
fi

# apps: Express 60311 (A), FastAPI/uvicorn 60312 (D), Flask/gunicorn 60315 (B),
# Fastify 60316 (C).
# inner hops: HAProxy 60401 (A), Caddy 60402 (B), Squid 60403 (C), nginx 60404 (D).
# outer hops: Apache 60501 (A), nginx 60502 (B), Varnish 60503 (C), Caddy 60504 (D).
# The old ledger service every inner hop sends /api/legacy/ to: 60396
# (apps97/reset_svc.py: resets every connection).
APP_PORTS=(60311 60312 60315 60316)
INNER_PORTS=(60401 60402 60403 60404)
OUTER_PORTS=(60501 60502 60503 60504)
for p in "${APP_PORTS[@]}" "${INNER_PORTS[@]}" "${OUTER_PORTS[@]}" 60396; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

start_bg reset "$PY" "$APPS97/reset_svc.py" 60396
wait_port 60396 reset || die "reset_svc did not start"

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
for a in express fastapi fastify flask; do mkdir -p "$RUN/flags/$a"; done
start_app() {  # start_app NAME: start it, wait for its port, and take one warm-up request (straight to the app)
    local n=$1 port
    case $n in
    express) port=60311; start_bg express env REPLICA=osprey-api-1 FLAG_DIR="$RUN/flags/express" "${NODEENV[@]}" "$APPS78/express_app.js" 60311 ;;
    fastapi) port=60312; start_bg fastapi env REPLICA=halyard-api-1 FLAG_DIR="$RUN/flags/fastapi" nice -n 5 "$VPY" -m uvicorn \
        --app-dir "$APPS78" --host 127.0.0.1 --port 60312 fastapi_app:app ;;
    fastify) port=60316; start_bg fastify env REPLICA=saltmarsh-api-1 FLAG_DIR="$RUN/flags/fastify" "${NODEENV[@]}" "$APPS78/fastify_app.js" 60316 ;;
    flask) port=60315; start_bg flask env REPLICA=tamarind-api-1 FLAG_DIR="$RUN/flags/flask" nice -n 5 "$VPY" -m gunicorn \
        --bind 127.0.0.1:60315 --workers 2 --chdir "$APPS97" --worker-tmp-dir "$RUN/gunicorn" flask_cache:app ;;
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
for a in express fastapi fastify flask; do start_app $a || die "$a did not start"; done
# ---- the fronts: inner hops first, then outer hops ------------------------------------
start_nginx() {  # start_nginx NAME CONF PORT
    local n=$1
    mkdir -p "$RUN/$n/tmp" "$RUN/$n/static"
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

# A: Apache -> HAProxy -> Express
start_haproxy haproxy-a A-haproxy-inner.cfg 60401 && start_apache apache-a A-apache-outer.conf 60501 && UP[A]=1
# B: nginx -> Caddy -> Flask
start_caddy caddy-b B-Caddyfile-inner 60402 && start_nginx nginx-b B-nginx-outer.conf 60502 && UP[B]=1
# C: Varnish -> Squid -> Fastify
mkdir -p "$RUN/squid"
render "$CONF/C-squid-inner.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus172 -f "$RUN/squid/squid.conf" && wait_port 60403 squid \
    && start_varnish varnish-c C-varnish-outer.vcl 60503 && UP[C]=1
# D: Caddy -> nginx -> FastAPI
start_nginx nginx-d D-nginx-inner.conf 60404 && start_caddy caddy-d D-Caddyfile-outer 60504 && UP[D]=1
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "chains up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for ${CORPUS_SETUP_SECS:-300} s"; sleep "${CORPUS_SETUP_SECS:-300}" & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 172 (held out): real responses captured by
# scripts/corpus/capture-round172.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-171:
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
{ printf '{"blob":"'; head -c 100000 /dev/zero | tr '\0' 'y'; printf '"}'; } >"$RUN/work/mid.json"   # a 100 KB JSON body
LONGQ=$(printf 'a%.0s' $(seq 1 9000))     # a 9000-character query string
MIDQ=$(printf 'a%.0s' $(seq 1 5000))      # a 5000-character query string
HUGEQ=$(printf 'a%.0s' $(seq 1 20000))    # a 20000-character query string
LONGH=$(printf 'b%.0s' $(seq 1 10000))    # a 10000-byte header value
freed() { sleep "${1:-2}"; }   # a slow request (5 s) still holds the app's worker after the hop gave up
# etag_of FILE: the ETag a cache sent in an earlier transcript of this run (`< ETag: ...`)
etag_of() { grep -ai '^< etag:' "$STAGE/$1" | head -n 1 | sed 's/^< [Ee][Tt][Aa][Gg]: *//' | tr -d '\r'; }

# What each label below expects (written before any request was made):
#   - the app's own answers pass through both hops unchanged: app + framework
#     (an app server's own 414/431 for a request line or header over its limits: app + gunicorn);
#   - the inner hop's own pages (app slow past its 3 s, app killed, the resetting
#     service, its JSON 503 for /api/bulk/) are the inner hop's, even though the outer
#     hop passes them on;
#   - the outer hop's own pages (its 2 s /reports/ budget, its limits, its JSON 429
#     for /api/bulk-export, the inner hop stopped, its branded pages) are the outer hop's;
#   - a cache (the outer Varnish and the inner Squid in C) answering from its store
#     (HIT, 304, grace) is the cache's, except an app error it replays (app).


# ================================== A: Apache -> HAProxy -> Express (Node) ==
if up A; then
    log "capturing A: Apache -> HAProxy -> Express on Node"
    S=apache-haproxy-express-node-r172
    H=api.osprey.test U=http://api.osprey.test:60501 R="--resolve api.osprey.test:60501:127.0.0.1"
    cap $S express-200-order-apache-haproxy.txt 200 app express "order 1 through both hops" "curl -sv; X-Request-ID and Via from Apache, X-LB-Request-ID from HAProxy" -- -sv $R $U/api/orders/1
    ET=$(etag_of express-200-order-apache-haproxy.txt)
    cap $S express-304-order-if-none-match-apache-haproxy.txt 304 app express "order 1 with the ETag Express gave it: Express's own 304 (no cache in this chain), passed on by both" "curl -sv" -- -sv $R -H "If-None-Match: $ET" $U/api/orders/1
    caplt $S express-404-order-apache-haproxy.txt 404 app express "order 999: the app's JSON 404, passed on by both" "curl -sv, only the < lines kept" -- -sv $R $U/api/orders/999
    capwin $S express-422-order-no-ref-apache-haproxy.txt 422 app express "POST without ref: the app's JSON 422" "curl -si pasted with CRLF" -- -si $R -X POST "${JSONH[@]}" -d '{}' $U/api/orders
    cap $S express-201-order-created-apache-haproxy.txt 201 app express "POST a new order: the app's 201" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"ref":"OS-2172","total":12}' $U/api/orders
    cap $S express-403-admin-apache-haproxy.txt 403 app express "/api/admin: the app's JSON 403" "curl -si" -- -si $R $U/api/admin
    cap $S express-429-quota-apache-haproxy.txt 429 app express "/api/quota: the app's own JSON 429 with Retry-After, passed on by both" "curl -si" -- -si $R $U/api/quota
    cap $S express-503-maintenance-apache-haproxy.txt 503 app express "/api/maintenance: the app's own JSON 503; Apache's branded 503 is not used for a passed answer (no ProxyErrorOverride)" "curl -sv" -- -sv $R $U/api/maintenance
    cap $S express-502-payments-html-apache-haproxy.txt 502 app express "/api/payments: the app's own HTML 502 page, passed on by both" "curl -si" -- -si $R $U/api/payments
    cap $S express-503-statements-html-apache-haproxy.txt 503 app express "/api/statements: the app's own HTML 503 page, passed on by both" "curl -si" -- -si $R $U/api/statements
    cap $S express-500-boom-apache-haproxy.txt 500 app express "an uncaught error: Express's finalhandler 'Internal Server Error' page" "curl -sv" -- -sv $R $U/api/boom
    cap $S express-404-unrouted-apache-haproxy.txt 404 app express "/api/v2/orders: no route in the app, Express's own 'Cannot GET' HTML 404" "curl -si" -- -si $R $U/api/v2/orders
    cap $S haproxy-503-bulk-json-apache.txt 503 load-balancer haproxy "/api/bulk/orders: the inner HAProxy's own JSON 503 (http-request return), passed on by Apache" "curl -si" -- -si $R $U/api/bulk/orders
    cap $S haproxy-504-slow-apache.txt 504 load-balancer haproxy "/api/slow takes 5 s: the inner HAProxy's timeout server 3s, its stock 504, passed through Apache (ProxyTimeout 8)" "curl -sv" -- -sv $R $U/api/slow
    freed 2
    cap $S apache-502-legacy-reset-haproxy.txt 502 proxy apache "/api/legacy/: the old ledger service resets the connection; rounds 135 and 149 found, with the same two configs, that Apache writes its own Proxy Error page here (not HAProxy's 502)" "curl -si" -- -si $R $U/api/legacy/balance
    cap $S apache-502-reports-budget-haproxy.txt 502 proxy apache "/reports/slow: the outer Apache's timeout=2 runs out before HAProxy's 3 s: Apache's own 502 Proxy Error" "curl -sv" -- -sv $R $U/reports/slow
    freed 3.5
    cap $S apache-429-bulk-export-json-haproxy.txt 429 proxy apache "/api/bulk-export: the outer Apache's own 429 (mod_rewrite R=429) with its JSON ErrorDocument" "curl -si" -- -si $R $U/api/bulk-export
    capraw $S apache-414-long-query-edge-haproxy.txt 414 proxy apache "a 9000-character query: the outer Apache's stock 414 (LimitRequestLine 8190)" "curl -si saved to a file (CRs kept)" -- -si $R "$U/api/orders/1?q=$LONGQ"
    kill_app express
    cap $S haproxy-503-app-killed-apache.txt 503 load-balancer haproxy "node killed (SIGKILL): connection refused, the inner HAProxy's stock 503 (no health check), passed through Apache" "curl -sv" -- -sv $R $U/api/orders/1
    capbody body-only-paste body-haproxy-503-app-killed-r172.txt 503/503 load-balancer haproxy "HAProxy's stock 503 page (app down), its h1 shows 503" "" -- $R $U/api/account
    start_app express || die "express did not come back"
    HTTPIE_CMD=http caphttp $S express-401-account-after-restart-httpie.txt 401 app express "node restarted: the account (the app's JSON 401 with WWW-Authenticate)" "HTTPie with colours" -- -v GET http://127.0.0.1:60501/api/account Host:$H
    stop_name haproxy-a
    sleep 1
    cap $S apache-503-branded-inner-haproxy-down.txt 503 proxy apache "the inner HAProxy stopped: connection refused, retry=0, the outer Apache's 503 with its branded ErrorDocument page" "curl -sv" -- -sv $R $U/api/orders/1
    caphead headers-only-paste head-apache-503-inner-haproxy-down-r172.txt 503 proxy apache "curl -sI while the inner HAProxy is down (Apache's own 503)" "" -- $R $U/api/orders/1
fi

# ================================== B: nginx -> Caddy -> Flask (gunicorn) ==
if up B; then
    log "capturing B: nginx -> Caddy -> Flask on gunicorn"
    S=nginx-caddy-flask-gunicorn-r172
    H=api.tamarind.test U=http://api.tamarind.test:60502 R="--resolve api.tamarind.test:60502:127.0.0.1"
    cap $S flask-200-order-nginx-caddy.txt 200 app flask "order 1 through both hops (the app's max-age=300 and ETag; no cache in this chain)" "curl -sv; X-Request-ID from nginx, X-Proxy-Request-ID from Caddy" -- -sv $R $U/api/orders/1
    caplt $S flask-404-order-nginx-caddy.txt 404 app flask "order 999: the app's JSON 404" "curl -sv, only the < lines kept" -- -sv $R $U/api/orders/999
    cap $S flask-404-order9-nginx-caddy.txt 404 app flask "order 9: the app's JSON 404 with public, max-age=120 (nothing stores it here)" "curl -si" -- -si $R $U/api/orders/9
    cap $S flask-422-order-no-ref-nginx-caddy.txt 422 app flask "POST without ref: the app's JSON 422" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{}' $U/api/orders
    capdump $S flask-201-order-created-nginx-caddy.txt 201 app flask "POST a new order: the app's 201" "curl -s -D-" -- $R -X POST "${JSONH[@]}" -d '{"ref":"TM-2172"}' $U/api/orders
    cap $S flask-401-account-nginx-caddy.txt 401 app flask "/api/account: the app's JSON 401" "curl -si" -- -si $R $U/api/account
    cap $S flask-403-admin-nginx-caddy.txt 403 app flask "/api/admin: the app's JSON 403" "curl -si" -- -si $R $U/api/admin
    cap $S flask-429-quota-nginx-caddy.txt 429 app flask "/api/quota: the app's own JSON 429 with Retry-After" "curl -si" -- -si $R $U/api/quota
    cap $S flask-503-maintenance-nginx-caddy.txt 503 app flask "/api/maintenance: the app's own JSON 503" "curl -sv" -- -sv $R $U/api/maintenance
    cap $S flask-502-payments-html-nginx-caddy.txt 502 app flask "/api/payments: the app's own HTML 502 page; nginx's branded error_page is not used for a passed 502 (no proxy_intercept_errors)" "curl -si" -- -si $R $U/api/payments
    capbody body-only-paste body-flask-502-payments-html-r172.txt 502/502 app flask "the app's own HTML 502 page, through nginx and Caddy" "" -- $R "$U/api/payments?retry=1"
    cap $S flask-500-boom-nginx-caddy.txt 500 app flask "an uncaught error: Werkzeug's HTML 500" "curl -sv" -- -sv $R $U/api/boom
    cap $S caddy-503-bulk-json-nginx.txt 503 proxy caddy "/api/bulk/orders: the inner Caddy's own JSON 503 (respond), passed on by nginx" "curl -si" -- -si $R $U/api/bulk/orders
    capbody body-only-paste body-caddy-503-bulk-json-r172.txt 0/503 proxy caddy "the inner Caddy's JSON 503 body (no number in it), through nginx" "" -- $R $U/api/bulk/invoices
    cap $S caddy-504-slow-nginx.txt 504 proxy caddy "/api/slow takes 5 s: the inner Caddy's response_header_timeout 3s, its empty 504, passed on by nginx (8 s)" "curl -sv" -- -sv $R $U/api/slow
    freed 2
    cap $S caddy-502-legacy-reset-nginx.txt 502 proxy caddy "/api/legacy/: the old ledger service resets the connection: the inner Caddy's empty 502, passed on by nginx (error_page not used for a passed 502)" "curl -si" -- -si $R $U/api/legacy/balance
    cap $S nginx-504-reports-budget-caddy.txt 504 proxy nginx "/reports/slow: the outer nginx's 2 s proxy_read_timeout runs out before Caddy's 3 s: nginx's own stock 504" "curl -sv" -- -sv $R $U/reports/slow
    freed 3.5
    quiet $R $U/api/bulk-export     # the one request a minute limit_req lets through
    cap $S nginx-429-bulk-export-json-caddy.txt 429 proxy nginx "/api/bulk-export a second time within the minute: the outer nginx's limit_req 429 with its own JSON body" "curl -si" -- -si $R $U/api/bulk-export
    cap $S nginx-413-upload-too-large-edge-caddy.txt 413 proxy nginx "a 2.2 MB body: the outer nginx's stock 413 (client_max_body_size 1m)" "curl -si" -- -si $R "${BIGBODY[@]}" $U/api/uploads
    kill_app flask
    cap $S caddy-502-app-killed-nginx.txt 502 proxy caddy "gunicorn killed (SIGKILL): connection refused, the inner Caddy's empty 502, passed on by nginx" "curl -sv" -- -sv $R $U/api/orders/1
    HDRONLY=1 caplt headers-only-paste lt-caddy-502-app-killed-nginx-r172.txt 502 proxy caddy "curl -sv -o /dev/null while gunicorn is down (the inner Caddy's empty 502)" "curl -sv -o /dev/null, only the < lines kept" -- -sv -o /dev/null $R $U/api/account
    start_app flask || die "flask did not come back"
    capdump $S flask-200-order-after-restart-dump.txt 200 app flask "gunicorn restarted: order 1" "curl -s -D-" -- $R $U/api/orders/1
    stop_name caddy-b
    sleep 1
    cap $S nginx-502-branded-inner-caddy-down.txt 502 proxy nginx "the inner Caddy stopped: connection refused, the outer nginx's 502 with its branded error_page" "curl -sv" -- -sv $R $U/api/orders/1
    capbody body-only-paste body-nginx-502-branded-inner-down-r172.txt 0/502 proxy nginx "nginx's branded 502 page (no number in it)" "" -- $R $U/api/account
fi

# ================================== C: Varnish -> Squid -> Fastify (Node) ==
if up C; then
    log "capturing C: Varnish -> Squid -> Fastify on Node"
    S=varnish-squid-fastify-node-r172
    H=api.tamarind.test U=http://api.tamarind.test:60503 R="--resolve api.tamarind.test:60503:127.0.0.1"
    cap $S fastify-200-order-varnish-squid-miss.txt 200 app fastify "order 1, the first request: a MISS at the outer Varnish and at the inner Squid, the app's answer (max-age=300, ETag)" "curl -sv; X-Request-ID and X-Cache from Varnish, X-Cache-Request-ID from Squid" -- -sv $R $U/api/orders/1
    cap $S varnish-200-order-hit-squid.txt 200 cdn-cache varnish "order 1 again within its 2 s: a HIT from the outer Varnish" "curl -si" -- -si $R $U/api/orders/1
    cap $S varnish-304-order-if-none-match-squid.txt 304 cdn-cache varnish "order 1 with the app's ETag, within 2 s: the outer Varnish's 304 from its store" "curl -sv" -- -sv $R -H 'If-None-Match: "sm-order-1-v2"' $U/api/orders/1
    # straight to the inner Squid, with the Host Varnish sends on (Squid's vhost key holds the port)
    quiet -H "Host: api.tamarind.test:60503" "http://127.0.0.1:60403/api/orders/1?v=2"    # Squid now holds orders/1?v=2 (max-age=300)
    cap $S squid-200-order-hit-behind-varnish-miss.txt 200 cdn-cache squid "order 1?v=2, first asked of Squid directly (stored), then through Varnish: a MISS at Varnish, a HIT at the inner Squid" "curl -si" -- -si $R "$U/api/orders/1?v=2"
    capcut $S fastify-404-order9-miss-varnish-squid.txt 404 app fastify "order 9: the app's JSON 404, a MISS at both" "curl -si, body cut off after the headers" -- -si $R $U/api/orders/9
    cap $S fastify-404-order9-again-varnish-squid.txt 404 app fastify "order 9 again: the app's own 404 replayed from the outer Varnish's store (404s kept 30 s; X-Cache: HIT in run 1; the app's bytes)" "curl -si" -- -si $R $U/api/orders/9
    cap $S fastify-400-order-id-varnish-squid.txt 400 app fastify "order abc: the app's JSON 400 (id must be a number)" "curl -si" -- -si $R $U/api/orders/abc
    cap $S fastify-401-account-varnish-squid.txt 401 app fastify "/api/account: the app's JSON 401 (passed by both)" "curl -si" -- -si $R $U/api/account
    cap $S fastify-403-admin-varnish-squid.txt 403 app fastify "/api/admin: the app's JSON 403" "curl -si" -- -si $R $U/api/admin
    cap $S fastify-409-order-exists-varnish-squid.txt 409 app fastify "POST an order whose ref exists: the app's JSON 409" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"ref":"SM-1001"}' $U/api/orders
    cap $S fastify-429-quota-varnish-squid.txt 429 app fastify "/api/quota: the app's own JSON 429" "curl -si" -- -si $R $U/api/quota
    cap $S fastify-503-maintenance-varnish-squid.txt 503 app fastify "/api/maintenance: the app's own JSON 503" "curl -sv" -- -sv $R $U/api/maintenance
    cap $S fastify-503-statements-html-varnish-squid.txt 503 app fastify "/api/statements: the app's own HTML 503 page, passed on by Squid and Varnish" "curl -si" -- -si $R $U/api/statements
    cap $S fastify-502-payments-html-varnish-squid.txt 502 app fastify "/api/payments: the app's own HTML 502 page, passed on by Squid and Varnish" "curl -si" -- -si $R $U/api/payments
    cap $S fastify-500-boom-varnish-squid.txt 500 app fastify "an uncaught error: Fastify's default JSON 500" "curl -sv" -- -sv $R $U/api/boom
    cap $S fastify-413-upload-bodylimit-varnish-squid.txt 413 app fastify "a 100 KB JSON body to /api/uploads: under Squid's 1 MB limit, over the route's 64 KB bodyLimit: Fastify's own JSON 413" "curl -si" -- -si $R -X POST "${JSONH[@]}" --data-binary "@$RUN/work/mid.json" $U/api/uploads
    cap $S squid-504-slow-varnish.txt 504 cdn-cache squid "/api/slow takes 5 s: the inner Squid's read_timeout 3 seconds, ERR_READ_TIMEOUT, passed on by Varnish (first_byte_timeout 8s)" "curl -sv" -- -sv $R $U/api/slow
    freed 2
    cap $S squid-502-legacy-reset-varnish.txt 502 cdn-cache squid "/api/legacy/: the old ledger service resets the connection: the inner Squid's ERR_READ_ERROR 502, passed on by Varnish" "curl -si" -- -si $R $U/api/legacy/balance
    cap $S varnish-503-reports-budget-squid.txt 503 cdn-cache varnish "/reports/slow: the outer Varnish's 2 s first_byte_timeout runs out before Squid's 3 s: Varnish's Backend fetch failed" "curl -sv" -- -sv $R $U/reports/slow
    freed 3.5
    cap $S varnish-429-bulk-export-json-squid.txt 429 cdn-cache varnish "/api/bulk-export: the outer Varnish's own JSON 429 (vcl_synth)" "curl -si" -- -si $R $U/api/bulk-export
    capbody body-only-paste body-varnish-429-bulk-export-json-r172.txt 0/429 cdn-cache varnish "Varnish's JSON 429 body (no number in it)" "" -- $R "$U/api/bulk-export?page=2"
    cap $S squid-400-long-query-invalid-url-varnish.txt 400 cdn-cache squid "a 9000-character query: Varnish passes it, the inner Squid refuses the URL with ERR_INVALID_URL, as in rounds 135 and 149" "curl -si" -- -si $R "$U/api/orders/2?q=$LONGQ"
    kill_app fastify
    cap $S squid-503-app-killed-varnish.txt 503 cdn-cache squid "node killed (SIGKILL): connection refused, the inner Squid's ERR_CONNECT_FAIL, passed on by Varnish (a 5xx is not kept)" "curl -sv" -- -sv $R $U/api/account
    sleep 1
    cap $S varnish-200-order-grace-app-killed-squid.txt 200 cdn-cache varnish "node down, order 1's 2 s TTL gone: the outer Varnish's grace copy" "curl -si" -- -si $R $U/api/orders/1
    start_app fastify || die "fastify did not come back"
    stop_name squid
    sleep 1.5
    cap $S varnish-503-inner-squid-down.txt 503 cdn-cache varnish "the inner Squid stopped: connection refused, the outer Varnish's Backend fetch failed" "curl -sv" -- -sv $R $U/api/account
    caphead headers-only-paste head-varnish-503-inner-squid-down-r172.txt 503 cdn-cache varnish "curl -sI while the inner Squid is down (Varnish's own 503)" "" -- $R $U/api/admin
fi

# ================================== D: Caddy -> nginx -> FastAPI (uvicorn) ==
if up D; then
    log "capturing D: Caddy -> nginx -> FastAPI on uvicorn"
    S=caddy-nginx-fastapi-uvicorn-r172
    H=api.halyard.test U=http://api.halyard.test:60504 R="--resolve api.halyard.test:60504:127.0.0.1"
    cap $S fastapi-200-order-caddy-nginx.txt 200 app fastapi "order 1 through both hops" "curl -sv; X-Request-ID from Caddy, X-Proxy-Request-ID from nginx" -- -sv $R $U/api/orders/1
    caplt $S fastapi-404-order-caddy-nginx.txt 404 app fastapi "order 999: HTTPException(404), passed on by both" "curl -sv, only the < lines kept" -- -sv $R $U/api/orders/999
    cap $S fastapi-422-order-validation-caddy-nginx.txt 422 app fastapi "POST without ref: FastAPI's validation 422" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{}' $U/api/orders
    capbody body-only-paste body-fastapi-422-validation-r172.txt 0/422 app fastapi "FastAPI's validation {\"detail\":[...]} body (no number in it)" "" -- $R -X POST "${JSONH[@]}" -d '{"total":3}' $U/api/orders
    cap $S fastapi-201-order-created-caddy-nginx.txt 201 app fastapi "POST a new order: the app's 201" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"ref":"HY-2172","total":12}' $U/api/orders
    cap $S fastapi-401-account-caddy-nginx.txt 401 app fastapi "/api/account: HTTPException(401) with WWW-Authenticate" "curl -si" -- -si $R $U/api/account
    capwin $S fastapi-403-admin-caddy-nginx.txt 403 app fastapi "/api/admin: HTTPException(403)" "curl -si pasted with CRLF" -- -si $R $U/api/admin
    cap $S fastapi-429-quota-caddy-nginx.txt 429 app fastapi "/api/quota: the app's own JSON 429" "curl -si" -- -si $R $U/api/quota
    cap $S fastapi-503-maintenance-caddy-nginx.txt 503 app fastapi "/api/maintenance: the app's own JSON 503" "curl -sv" -- -sv $R $U/api/maintenance
    cap $S fastapi-502-payments-html-caddy-nginx.txt 502 app fastapi "/api/payments: the app's own HTML 502 page; Caddy's handle_errors is not used for a passed answer" "curl -si" -- -si $R $U/api/payments
    cap $S fastapi-503-statements-html-caddy-nginx.txt 503 app fastapi "/api/statements: the app's own HTML 503 page, passed on by both" "curl -si" -- -si $R $U/api/statements
    cap $S fastapi-500-boom-caddy-nginx.txt 500 app fastapi "an uncaught error: Starlette's plain 'Internal Server Error' under FastAPI" "curl -sv" -- -sv $R $U/api/boom
    cap $S fastapi-404-unrouted-caddy-nginx.txt 404 app fastapi "/api/v2/orders: no route in the app, FastAPI's {\"detail\":\"Not Found\"}" "curl -si" -- -si $R $U/api/v2/orders
    cap $S nginx-503-bulk-json-caddy.txt 503 proxy nginx "/api/bulk/orders: the inner nginx's own JSON 503 (return 503), passed on by Caddy" "curl -si" -- -si $R $U/api/bulk/orders
    cap $S nginx-504-slow-caddy.txt 504 proxy nginx "/api/slow takes 5 s: the inner nginx's proxy_read_timeout 3s, its stock 504, passed on by Caddy (8 s)" "curl -sv" -- -sv $R $U/api/slow
    freed 2
    cap $S nginx-502-legacy-reset-caddy.txt 502 proxy nginx "/api/legacy/: the old ledger service resets the connection: the inner nginx's stock 502, passed on by Caddy" "curl -si" -- -si $R $U/api/legacy/balance
    cap $S caddy-504-branded-reports-budget-nginx.txt 504 proxy caddy "/reports/slow: the outer Caddy's 2 s response_header_timeout runs out before nginx's 3 s: Caddy's 504 with its branded handle_errors page" "curl -sv" -- -sv $R $U/reports/slow
    freed 3.5
    cap $S caddy-429-bulk-export-json-nginx.txt 429 proxy caddy "/api/bulk-export: the outer Caddy's own JSON 429 (respond)" "curl -si" -- -si $R $U/api/bulk-export
    cap $S nginx-413-upload-too-large-caddy.txt 413 proxy nginx "a 2.2 MB body: Caddy passes it, the inner nginx's stock 413 (client_max_body_size 1m default)" "curl -si" -- -si $R "${BIGBODY[@]}" $U/api/uploads
    cap $S nginx-404-static-caddy.txt 404 proxy nginx "/static/app.js: the inner nginx serves /static/ from an empty folder, its stock 404, passed on by Caddy" "curl -si" -- -si $R $U/static/app.js
    kill_app fastapi
    cap $S nginx-502-app-killed-caddy.txt 502 proxy nginx "uvicorn killed (SIGKILL): connection refused, the inner nginx's stock 502, passed on by Caddy" "curl -sv" -- -sv $R $U/api/orders/1
    HDRONLY=1 caplt headers-only-paste lt-nginx-502-app-killed-caddy-r172.txt 502 proxy nginx "curl -sv -o /dev/null while uvicorn is down (the inner nginx's 502, passed on by Caddy)" "curl -sv -o /dev/null, only the < lines kept" -- -sv -o /dev/null $R $U/api/account
    start_app fastapi || die "fastapi did not come back"
    capwget $S fastapi-201-order-after-restart-wget.txt 201 app fastapi "uvicorn restarted: a new order" "wget -S -O-" -- --header="Host: $H" --header="Content-Type: application/json" --post-data='{"ref":"HY-2173","total":5}' http://127.0.0.1:60504/api/orders
    stop_name nginx-d
    sleep 1
    cap $S caddy-502-branded-inner-nginx-down.txt 502 proxy caddy "the inner nginx stopped: connection refused, the outer Caddy's 502 with its branded handle_errors page" "curl -sv" -- -sv $R $U/api/orders/1
    capbody body-only-paste body-caddy-502-branded-inner-down-r172.txt 502/502 proxy caddy "Caddy's branded error page (its h1 shows 502)" "" -- $R $U/api/account
    HDRONLY=1 capcut headers-only-paste cut-caddy-502-branded-inner-down-r172.txt 502 proxy caddy "curl -si cut after the headers while the inner nginx is down (Caddy's own 502)" "curl -si, body cut off after the headers" -- -si $R $U/api/admin
fi
log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in A B C D; do up $f || log "NOT CAPTURED: chain $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round172/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
