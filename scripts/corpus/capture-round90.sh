#!/usr/bin/env bash
# capture-round90.sh — build the ninetieth held-out evidence corpus in
# tests/fixtures/evidence-round90/.
#
# "Mainstream, two fronts in a row as companies run them, a second look"
# (round 68 was the first look): six chains of two mainstream fronts before an
# app, none of them round 68's chains, each hop with its stock behaviour plus
# what teams add (a request id at the outer hop, a custom error page at one
# hop, a rate limit or a credential check at the outer hop, a cache):
#   - HAProxy -> nginx -> Flask under gunicorn;
#   - Varnish -> Apache -> Django on gunicorn;
#   - Caddy -> HAProxy -> Sinatra on Puma;
#   - nginx -> Varnish -> FastAPI on uvicorn;
#   - Squid -> Caddy -> Go net/http;
#   - Apache -> nginx -> Koa.
# Front configs in scripts/corpus/conf-round90/ (each with a header comment);
# the apps are round 88's (scripts/corpus/apps88/), imported unchanged.
# Captured per chain: the app's own answers (200/201/404, its own 500 on a
# full disk, its own 502/503/504 when its dependency fails); the inner hop's
# own 502/504 (app killed / app slow) and its 403/404 rules, passed through
# the outer hop; the outer hop's own limits, its 403/401, and its 502/503
# when the inner hop is stopped; cache HITs, 304s and grace copies.
# Everything is plain HTTP/1.1 between client and outer hop.
#
#   scripts/corpus/capture-round90.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round90.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round90.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 56500-56999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round90.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round90"
RUN=/tmp/api-triage-corpus90-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round90"
APPS88="$HERE/apps88"
APPS75="$HERE/apps75"
NODE_DIR=${CORPUS_NODE90:-/tmp/api-triage-corpus90-node}
GO_DIR=${CORPUS_GO90:-/tmp/api-triage-corpus90-go}
VENV=${CORPUS_VENV90:-/tmp/api-triage-corpus90-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 waitress==3.0.2 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus90 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 apache2-utils nginx caddy haproxy varnish squid golang-go python3-venv nodejs puma ruby-sinatra)
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

install_venv() {  # HTTPie, Flask, waitress, Django, FastAPI, gunicorn, uvicorn (a copy of round 88's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, flask, waitress, django, fastapi, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

build_go() {  # Go net/http (apps88/nethttp_app.go): the standard library only, offline
    local f=nethttp_app dir=$APPS88
    mkdir -p "$GO_DIR"
    [[ -x $GO_DIR/$f && $GO_DIR/$f -nt $dir/$f.go ]] && return 0
    log "go build $f"
    (cd "$dir" && GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$GO_DIR" GOCACHE="$GO_DIR/cache" \
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GO_DIR/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
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
# only ours are checked against 127.0.0.1 and 56500-56999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round90.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS88 && -d $APPS75 ]] || die "missing $CONF or an apps folder"
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
for p in nginx apache2 apache2-utils caddy haproxy varnish squid nodejs golang-go puma ruby-sinatra; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
[[ -d $NODE_DIR/node_modules/koa && -d $NODE_DIR/node_modules/@koa/router ]] \
    || die "Koa or @koa/router is missing from $NODE_DIR (copy round 88's node folder there)"
build_go
[[ -z ${SKIPPED[nethttp_app]:-} ]] || die "nethttp_app did not build (see $RUN/logs/go-build.log)"

# apps: Flask/gunicorn 56511, Django/gunicorn 56512, Sinatra/Puma 56513,
# FastAPI/uvicorn 56514, Go net/http 56515, Koa 56516.
# inner hops: nginx 56601 (A), Apache 56602 (B), HAProxy 56603 (C),
# Varnish 56604 (D), Caddy 56605 (E), nginx 56606 (F).
# outer hops: HAProxy 56701 (A), Varnish 56702 (B), Caddy 56703 (C),
# nginx 56704 (D), Squid 56705 (E), Apache 56706 (F).
# The apps' dependencies: 56998 (nobody listens: refused) and 56997
# (apps75/deps.py sleeper: accepts, never answers).
APP_PORTS=(56511 56512 56513 56514 56515 56516)
INNER_PORTS=(56601 56602 56603 56604 56605 56606)
OUTER_PORTS=(56701 56702 56703 56704 56705 56706)
for p in "${APP_PORTS[@]}" "${INNER_PORTS[@]}" "${OUTER_PORTS[@]}" 56997 56998; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

start_bg sleeper nice -n 5 "$PY" "$APPS75/deps.py" sleeper 56997
wait_port 56997 sleeper || die "the sleeper did not start"

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
for a in flask django sinatra fastapi nethttp koa; do mkdir -p "$RUN/flags/$a" "$RUN/data/$a"; done
appenv() { echo env FLAG_DIR="$RUN/flags/$1" DATA_DIR="$RUN/data/$1" DEP_DOWN=127.0.0.1:56998 DEP_SLOW=127.0.0.1:56997 DEPLOY=v1 REPLICA="$1-1"; }
start_app() {  # start_app NAME: start it, wait for its port, and take its 1.5 s warm-up (straight to the app)
    local n=$1 port
    case $n in
    flask) port=56511; start_bg flask $(appenv flask) nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:56511 \
        --workers 1 --threads 1 --chdir "$APPS88" --worker-tmp-dir "$RUN/gunicorn" flask_app:app ;;
    django) port=56512; start_bg django $(appenv django) nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:56512 \
        --workers 1 --threads 1 --chdir "$APPS88" --worker-tmp-dir "$RUN/gunicorn" django_app:application ;;
    sinatra) port=56513; start_bg sinatra $(appenv sinatra) nice -n 5 puma -e production -t 4:4 \
        -b tcp://127.0.0.1:56513 "$APPS88/sinatra.ru" ;;
    fastapi) port=56514; start_bg fastapi $(appenv fastapi) nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS88" \
        --host 127.0.0.1 --port 56514 fastapi_app:app ;;
    nethttp) port=56515; start_bg nethttp $(appenv nethttp) nice -n 5 "$GO_DIR/nethttp_app" 56515 ;;
    koa) port=56516; start_bg koa $(appenv koa) "${NODEENV[@]}" "$APPS88/koa_app.js" 56516 ;;
    esac
    wait_port $port $n || return 1
    quiet "http://127.0.0.1:$port/api/cart"
}
kill_app() {  # kill_app NAME: SIGKILL, as the OOM killer does (and gunicorn's worker with its master)
    local f=$RUN/pids/$1.pid pid kids
    [[ -e $f ]] || return 0
    pid=$(cat "$f")
    kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null)
    kill -KILL "$pid" $kids 2>/dev/null
    rm -f "$f"
    sleep 0.3
}
for a in flask django sinatra fastapi nethttp koa; do start_app $a || die "$a did not start"; done

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

# credentials for the two edge checks (user ops; the captures send none or a wrong one)
HASH=$(timeout 30 caddy hash-password --plaintext 'lab-only-90' 2>/dev/null | tail -n 1)
[[ $HASH == \$2* ]] || die "caddy hash-password gave no bcrypt hash"
mkdir -p "$RUN/apache-f"
timeout 30 htpasswd -cbB "$RUN/apache-f/htpasswd" ops 'lab-only-90' >"$RUN/logs/htpasswd.log" 2>&1 || die "htpasswd failed"

# A: HAProxy -> nginx -> Flask
start_nginx nginx-a A-nginx-inner.conf 56601 && start_haproxy haproxy-a A-haproxy-outer.cfg 56701 && UP[A]=1
# B: Varnish -> Apache -> Django
start_apache apache-b B-apache-inner.conf 56602 && start_varnish varnish-b B-varnish-outer.vcl 56702 && UP[B]=1
# C: Caddy -> HAProxy -> Sinatra
start_haproxy haproxy-c C-haproxy-inner.cfg 56603 && start_caddy caddy-c C-Caddyfile-outer 56703 -e "s|@HASH@|$HASH|" && UP[C]=1
# D: nginx -> Varnish -> FastAPI
start_varnish varnish-d D-varnish-inner.vcl 56604 && start_nginx nginx-d D-nginx-outer.conf 56704 && UP[D]=1
# E: Squid -> Caddy -> Go net/http
mkdir -p "$RUN/squid"
render "$CONF/E-squid-outer.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_caddy caddy-e E-Caddyfile-inner 56605 && start_bg squid squid -N -n corpus90 -f "$RUN/squid/squid.conf" \
    && wait_port 56705 squid && UP[E]=1
# F: Apache -> nginx -> Koa
start_nginx nginx-f F-nginx-inner.conf 56606 && start_apache apache-f F-apache-outer.conf 56706 && UP[F]=1
sleep 3   # the HAProxy checks see their servers up

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 56500 || p > 56999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 56500-56999: $NEWPORTS"
log "chains up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 90 (held out): real responses captured by
# scripts/corpus/capture-round90.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-89:
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
RECEIPT=(-X POST "${JSONH[@]}" -d '{"order":1,"amount":41.5}')
BIGBODY=(-X POST "${JSONH[@]}" -d "{\"order\":1,\"note\":\"$(printf 'x%.0s' $(seq 1 2048))\"}")
disk_full() { rm -f "$RUN/data/$1/receipts.log"; ln -s /dev/full "$RUN/data/$1/receipts.log"; }
disk_ok() { rm -f "$RUN/data/$1/receipts.log"; }
freed() { sleep 3.5; }   # the slow export (6 s) holds a one-worker app after the hop gave up at 3 s

# ================================== A: HAProxy -> nginx -> Flask (gunicorn) ==
if up A; then
    log "capturing A: HAProxy -> nginx -> Flask under gunicorn (one sync worker)"
    S=haproxy-nginx-flask-r90
    H=api.sorrel.test U=http://api.sorrel.test:56701 R="--resolve api.sorrel.test:56701:127.0.0.1"
    cap $S flask-200-order-haproxy-nginx.txt 200 app flask "order 1 through both hops" "curl -sv; X-Request-ID from HAProxy" -- -sv $R $U/api/orders/1
    capcut $S flask-404-order-haproxy-nginx.txt 404 app flask "order 999: the handler's JSON 404" "curl -si, body cut off after the headers" -- -si $R $U/api/orders/999
    cap $S flask-502-inventory-dep-refused-haproxy-nginx.txt 502 app flask "the inventory service refuses: the app's own JSON 502, passed on by nginx (intercept off) and HAProxy" "curl -si" -- -si $R $U/api/inventory
    capwin $S flask-503-payments-dep-down-haproxy-nginx.txt 503 app flask "the payment provider is down: the app's own JSON 503 with Retry-After" "curl -si pasted with CRLF" -- -si $R $U/api/payments
    caplt $S flask-504-quotes-dep-timeout-haproxy-nginx.txt 504 app flask "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -sv, only the < lines kept" -- -sv $R $U/api/quotes
    disk_full flask
    cap $S flask-500-receipts-disk-full-haproxy-nginx.txt 500 app flask "disk full (ENOSPC): Werkzeug's HTML 500, not replaced by nginx's JSON pages" "curl -sv" -- -sv $R "${RECEIPT[@]}" $U/api/receipts
    disk_ok flask
    cap $S flask-201-receipts-haproxy-nginx.txt 201 app flask "a receipt stored" "curl -si" -- -si $R "${RECEIPT[@]}" $U/api/receipts
    cap $S nginx-504-export-app-slow-json-page.txt 504 proxy nginx "the export takes 6 s: inner nginx's proxy_read_timeout 3s, its own JSON 504 page (error_page), passed through HAProxy" "curl -sv" -- -sv $R $U/api/export
    freed
    capbody body-only-paste body-nginx-504-json-page.txt 504/504 proxy nginx "inner nginx's JSON 504 page, its status field shows 504" "" -- $R "$U/api/export?format=csv"
    freed
    cap $S nginx-403-internal-haproxy.txt 403 proxy nginx "/internal/ denied by the inner nginx: its stock 403, passed through HAProxy" "curl -si" -- -si $R $U/internal/metrics
    capraw $S nginx-404-dotenv-haproxy.txt 404 proxy nginx "/.env answered 404 by the inner nginx (stock page)" "curl -si saved to a file (CRs kept)" -- -si $R $U/.env
    cap $S haproxy-504-reports-budget.txt 504 load-balancer haproxy "/reports/export: HAProxy's 2 s budget runs out before nginx's 3 s: HAProxy's own 504" "curl -sv" -- -sv $R $U/reports/export
    sleep 4.5
    cap $S flask-200-cart-api-key-within-quota.txt 200 app flask "X-Api-Key k-batch-7, first request of the minute: within the quota" "curl -si" -- -si $R -H 'X-Api-Key: k-batch-7' $U/api/cart
    quiet $R -H 'X-Api-Key: k-batch-7' $U/api/cart
    quiet $R -H 'X-Api-Key: k-batch-7' $U/api/cart
    cap $S haproxy-429-api-key-rate-limit.txt 429 load-balancer haproxy "the key's 4th request in 60 s: HAProxy's stock 429 (stick table)" "curl -sv" -- -sv $R -H 'X-Api-Key: k-batch-7' $U/api/cart
    capbody body-only-paste body-haproxy-429-rate-limit.txt 429/429 load-balancer haproxy "HAProxy's stock 429 page, its heading shows 429" "" -- $R -H 'X-Api-Key: k-batch-7' $U/api/orders/1
    HTTPIE_CMD=http caphttp $S flask-200-order-haproxy-nginx-httpie.txt 200 app flask "order 1 again" "HTTPie with colours" -- -v GET http://127.0.0.1:56701/api/orders/1 Host:$H:56701
    kill_app flask
    cap $S nginx-502-app-killed-json-page.txt 502 proxy nginx "gunicorn killed (SIGKILL): inner nginx's own JSON 502 page, passed through HAProxy" "curl -sv" -- -sv $R $U/api/orders/1
    start_app flask || die "flask did not come back"
    capwget $S flask-200-order-after-restart-wget.txt 200 app flask "gunicorn restarted: order 1" "wget -S -O-" -- --header="Host: $H:56701" http://127.0.0.1:56701/api/orders/1
    stop_name nginx-a
    sleep 2.5
    cap $S haproxy-503-inner-nginx-down.txt 503 load-balancer haproxy "the inner nginx stopped, its check fails: HAProxy's own 503" "curl -sv" -- -sv $R $U/api/orders/1
    caphead headers-only-paste head-haproxy-503-inner-nginx-down.txt 503 load-balancer haproxy "curl -sI while the inner nginx is down" "" -- $R $U/api/orders/1
fi

# ================================== B: Varnish -> Apache -> Django (gunicorn) ==
if up B; then
    log "capturing B: Varnish -> Apache -> Django on gunicorn (one sync worker)"
    S=varnish-apache-django-r90
    H=api.tansy.test U=http://api.tansy.test:56702 R="--resolve api.tansy.test:56702:127.0.0.1"
    cap $S django-200-order-varnish-apache-miss.txt 200 app django "order 1, a MISS (kept 2 s, grace 1 h)" "curl -sv; X-Request-ID from Varnish" -- -sv $R $U/api/orders/1
    cap $S varnish-200-order-hit.txt 200 cdn-cache varnish "order 1 again within its 2 s: a HIT from the outer Varnish" "curl -si" -- -si $R $U/api/orders/1
    cap $S varnish-304-order-if-none-match.txt 304 cdn-cache varnish "order 1 with the ETag it has stored: Varnish's 304" "curl -sv" -- -sv $R -H 'If-None-Match: "ta-1001-v1"' $U/api/orders/1
    cap $S django-404-order-miss.txt 404 app django "order 999: the app's JSON 404, a MISS (the team keeps 404s 30 s)" "curl -si" -- -si $R $U/api/orders/999
    capcut $S django-404-order-kept-hit.txt 404 app django "order 999 again: the app's own 404 replayed from Varnish's store (a HIT of the app's answer)" "curl -si, body cut off after the headers" -- -si $R $U/api/orders/999
    cap $S django-502-inventory-dep-refused-varnish-apache.txt 502 app django "the inventory service refuses: the app's own JSON 502, passed on" "curl -sv" -- -sv $R $U/api/inventory
    capraw $S django-503-payments-dep-down-varnish-apache.txt 503 app django "the payment provider is down: the app's own JSON 503 with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/payments
    caplt $S django-504-quotes-dep-timeout-varnish-apache.txt 504 app django "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -sv, only the < lines kept" -- -sv $R $U/api/quotes
    disk_full django
    cap $S django-500-receipts-disk-full-varnish-apache.txt 500 app django "disk full (ENOSPC): Django's 'Server Error (500)'" "curl -si" -- -si $R "${RECEIPT[@]}" $U/api/receipts
    capbody body-only-paste body-django-500-disk-full.txt 500/500 app django "Django's 'Server Error (500)' page" "" -- $R "${RECEIPT[@]}" $U/api/receipts
    disk_ok django
    cap $S django-201-receipts-varnish-apache.txt 201 app django "a receipt stored" "curl -sv" -- -sv $R "${RECEIPT[@]}" $U/api/receipts
    # rounds 68, 75, 86 and 88 saw Apache answer an upstream read timeout with 502 "Proxy Error"
    cap $S apache-502-export-app-slow.txt 502 proxy apache "the export takes 6 s: inner Apache's ProxyTimeout 3, its 502 Proxy Error, passed through Varnish" "curl -sv" -- -sv $R $U/api/export
    freed
    cap $S apache-403-internal-varnish.txt 403 proxy apache "/internal/ denied by the inner Apache (Require all denied): its stock 403, passed through Varnish" "curl -si" -- -si $R $U/internal/metrics
    capwin $S varnish-403-admin-edge.txt 403 cdn-cache varnish "/admin/ refused at the edge: the outer Varnish's synth 403" "curl -si pasted with CRLF" -- -si $R $U/admin/
    capbody body-only-paste body-varnish-403-admin.txt 403/403 cdn-cache varnish "Varnish's synth page, its title shows 403" "" -- $R $U/admin/users
    kill_app django
    cap $S apache-503-app-killed-varnish.txt 503 proxy apache "gunicorn killed (SIGKILL): inner Apache's 503, passed through Varnish" "curl -sv" -- -sv $R $U/api/cart
    cap $S varnish-200-order-grace-app-killed.txt 200 cdn-cache varnish "gunicorn down: order 1 (TTL gone) served from the outer Varnish's grace" "curl -si" -- -si $R $U/api/orders/1
    start_app django || die "django did not come back"
    capwget $S django-200-cart-after-restart-wget.txt 200 app django "gunicorn restarted: the cart" "wget -S -O-" -- --header="Host: $H:56702" http://127.0.0.1:56702/api/cart
    # run 1 sent HTTPie's Host item without the port: Varnish stored order 2 under a key curl's
    # Host (with the port) never matched, and the two grace captures below got 503 (README).
    # The labels were not changed; every HTTPie and wget Host value now carries the port.
    HTTPIE_CMD=http caphttp $S django-200-order2-miss-httpie.txt 200 app django "order 2, a MISS" "HTTPie with colours" -- -v GET http://127.0.0.1:56702/api/orders/2 Host:$H:56702
    stop_name apache-b
    sleep 2.5
    cap $S varnish-503-cart-inner-apache-down.txt 503 cdn-cache varnish "the inner Apache stopped: a passed path, the outer Varnish's Backend fetch failed" "curl -sv" -- -sv $R $U/api/cart
    cap $S varnish-200-order2-grace-inner-apache-down.txt 200 cdn-cache varnish "the inner Apache stopped: order 2 (TTL gone) served from grace" "curl -si" -- -si $R $U/api/orders/2
    caphead headers-only-paste head-varnish-200-order2-grace-inner-apache-down.txt 200 cdn-cache varnish "curl -sI on order 2 while the inner Apache is down: the grace copy" "" -- $R $U/api/orders/2
fi

# ================================== C: Caddy -> HAProxy -> Sinatra (Puma) ==
if up C; then
    log "capturing C: Caddy -> HAProxy -> Sinatra on Puma"
    S=caddy-haproxy-sinatra-r90
    H=api.larch.test U=http://api.larch.test:56703 R="--resolve api.larch.test:56703:127.0.0.1"
    cap $S sinatra-200-order-caddy-haproxy.txt 200 app sinatra "order 1 through both hops" "curl -sv; X-Request-ID from Caddy, X-LB-Request-ID from HAProxy" -- -sv $R $U/api/orders/1
    cap $S sinatra-404-order-caddy-haproxy.txt 404 app sinatra "order 999: the handler's JSON 404" "curl -si" -- -si $R $U/api/orders/999
    capcut $S sinatra-502-inventory-dep-refused-caddy-haproxy.txt 502 app sinatra "the inventory service refuses: the app's own JSON 502" "curl -si, body cut off after the headers" -- -si $R $U/api/inventory
    cap $S sinatra-503-payments-dep-down-caddy-haproxy.txt 503 app sinatra "the payment provider is down: the app's own JSON 503 with Retry-After" "curl -sv" -- -sv $R $U/api/payments
    capwin $S sinatra-504-quotes-dep-timeout-caddy-haproxy.txt 504 app sinatra "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -si pasted with CRLF" -- -si $R $U/api/quotes
    disk_full sinatra
    caplt $S sinatra-500-receipts-disk-full-caddy-haproxy.txt 500 app sinatra "disk full (ENOSPC): Sinatra's Internal Server Error page" "curl -sv, only the < lines kept" -- -sv $R "${RECEIPT[@]}" $U/api/receipts
    capbody body-only-paste body-sinatra-500-disk-full.txt 0/500 app sinatra "Sinatra's <h1>Internal Server Error</h1> (no number in it)" "" -- $R "${RECEIPT[@]}" $U/api/receipts
    disk_ok sinatra
    cap $S sinatra-201-receipts-caddy-haproxy.txt 201 app sinatra "a receipt stored" "curl -si" -- -si $R "${RECEIPT[@]}" $U/api/receipts
    cap $S haproxy-504-export-app-slow-caddy.txt 504 load-balancer haproxy "the export takes 6 s: inner HAProxy's timeout server 3s, its stock 504, passed through Caddy" "curl -sv" -- -sv $R $U/api/export
    capraw $S haproxy-403-internal-caddy.txt 403 load-balancer haproxy "/internal/ denied by the inner HAProxy: its stock 403, passed through Caddy" "curl -si saved to a file (CRs kept)" -- -si $R $U/internal/metrics
    cap $S haproxy-404-dotgit-caddy.txt 404 load-balancer haproxy "/.git/config denied by the inner HAProxy with deny_status 404: its stock 404" "curl -si" -- -si $R $U/.git/config
    cap $S caddy-401-admin-no-credentials.txt 401 identity caddy "/admin/ without credentials: the outer Caddy's basicauth" "curl -sv" -- -sv $R $U/admin/
    cap $S caddy-401-admin-wrong-password.txt 401 identity caddy "/admin/ with a wrong password: the outer Caddy's basicauth" "curl -si" -- -si $R -u ops:wrong-password $U/admin/
    HTTPIE_CMD=http caphttp $S sinatra-200-cart-caddy-haproxy-httpie.txt 200 app sinatra "the cart" "HTTPie with colours" -- -v GET http://127.0.0.1:56703/api/cart Host:$H:56703
    kill_app sinatra
    sleep 2.5
    cap $S haproxy-503-app-killed-caddy.txt 503 load-balancer haproxy "Puma killed (SIGKILL), the inner HAProxy's check marks it down: its 503, passed through Caddy" "curl -sv" -- -sv $R $U/api/orders/1
    caphead headers-only-paste head-haproxy-503-app-killed-caddy.txt 503 load-balancer haproxy "curl -sI while Puma is down" "" -- $R $U/api/orders/1
    start_app sinatra || die "sinatra did not come back"
    sleep 1.5
    capwget $S sinatra-200-order-after-restart-wget.txt 200 app sinatra "Puma restarted, the check up again: order 1" "wget -S -O-" -- --header="Host: $H:56703" http://127.0.0.1:56703/api/orders/1
    stop_name haproxy-c
    cap $S caddy-502-inner-haproxy-down-custom-page.txt 502 proxy caddy "the inner HAProxy stopped: the outer Caddy's 502 with the team's HTML page (handle_errors)" "curl -sv" -- -sv $R $U/api/orders/1
    capbody body-only-paste body-caddy-502-custom-page.txt 0/502 proxy caddy "the team's 'We'll be right back' page served by Caddy (no number in it)" "" -- $R $U/api/cart
fi

# ================================== D: nginx -> Varnish -> FastAPI (uvicorn) ==
if up D; then
    log "capturing D: nginx -> Varnish -> FastAPI on uvicorn"
    S=nginx-varnish-fastapi-r90
    H=api.quillon.test U=http://api.quillon.test:56704 R="--resolve api.quillon.test:56704:127.0.0.1"
    cap $S fastapi-200-order-nginx-varnish-miss.txt 200 app fastapi "order 1, a MISS at the inner Varnish (kept 2 s, grace 1 h)" "curl -sv; X-Request-ID from nginx" -- -sv $R $U/api/orders/1
    cap $S varnish-200-order-hit-nginx.txt 200 cdn-cache varnish "order 1 again within its 2 s: a HIT from the inner Varnish, passed on by nginx" "curl -si" -- -si $R $U/api/orders/1
    cap $S varnish-304-order-if-none-match-nginx.txt 304 cdn-cache varnish "order 1 with its ETag: the inner Varnish's 304, passed on by nginx" "curl -sv" -- -sv $R -H 'If-None-Match: "qu-1001-v1"' $U/api/orders/1
    capcut $S fastapi-404-order-nginx-varnish.txt 404 app fastapi "order 999: HTTPException's {\"detail\"} 404" "curl -si, body cut off after the headers" -- -si $R $U/api/orders/999
    cap $S fastapi-502-inventory-dep-refused-nginx-varnish.txt 502 app fastapi "the inventory service refuses: HTTPException(502)" "curl -sv" -- -sv $R $U/api/inventory
    cap $S fastapi-503-payments-dep-down-nginx-varnish.txt 503 app fastapi "the payment provider is down: HTTPException(503) with Retry-After" "curl -si" -- -si $R $U/api/payments
    capbody body-only-paste body-fastapi-503-payments.txt 0/503 app fastapi "{\"detail\":...} (no number in it)" "" -- $R "$U/api/payments?from=dashboard"
    capraw $S fastapi-504-quotes-dep-timeout-nginx-varnish.txt 504 app fastapi "the pricing service never answers: HTTPException(504) after 1 s" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/quotes
    disk_full fastapi
    cap $S fastapi-500-receipts-disk-full-nginx-varnish.txt 500 app fastapi "disk full (ENOSPC): Starlette's plain 'Internal Server Error'" "curl -sv" -- -sv $R "${RECEIPT[@]}" $U/api/receipts
    disk_ok fastapi
    cap $S fastapi-201-receipts-nginx-varnish.txt 201 app fastapi "a receipt stored" "curl -si" -- -si $R "${RECEIPT[@]}" $U/api/receipts
    cap $S varnish-503-export-app-slow-nginx.txt 503 cdn-cache varnish "the export blocks uvicorn's loop 6 s: the inner Varnish's first_byte_timeout 3s, Backend fetch failed, passed on by nginx" "curl -sv" -- -sv $R $U/api/export
    freed
    caplt $S varnish-403-internal-nginx.txt 403 cdn-cache varnish "/internal/ refused by the inner Varnish: its synth 403, passed on by nginx" "curl -sv, only the < lines kept" -- -sv $R $U/internal/metrics
    cap $S fastapi-200-cart-api-key-within-quota.txt 200 app fastapi "X-Api-Key k-partner-3, first request: within the quota" "curl -si" -- -si $R -H 'X-Api-Key: k-partner-3' $U/api/cart
    quiet $R -H 'X-Api-Key: k-partner-3' $U/api/cart
    quiet $R -H 'X-Api-Key: k-partner-3' $U/api/cart
    cap $S nginx-429-api-key-rate-limit.txt 429 proxy nginx "the key's 4th request (1 a minute, burst 2): the outer nginx's stock 429" "curl -sv" -- -sv $R -H 'X-Api-Key: k-partner-3' $U/api/cart
    capwin $S nginx-413-receipt-too-large.txt 413 proxy nginx "a 2 KB receipt: the outer nginx's client_max_body_size 1k, its stock 413" "curl -si pasted with CRLF" -- -si $R "${BIGBODY[@]}" $U/api/receipts
    kill_app fastapi
    cap $S varnish-503-cart-app-killed-nginx.txt 503 cdn-cache varnish "uvicorn killed (SIGKILL): a passed path, the inner Varnish's Backend fetch failed" "curl -sv" -- -sv $R $U/api/cart
    cap $S varnish-200-order-grace-app-killed-nginx.txt 200 cdn-cache varnish "uvicorn down: order 1 (TTL gone) from the inner Varnish's grace, passed on by nginx" "curl -si" -- -si $R $U/api/orders/1
    start_app fastapi || die "fastapi did not come back"
    capwget $S fastapi-200-cart-after-restart-wget.txt 200 app fastapi "uvicorn restarted: the cart" "wget -S -O-" -- --header="Host: $H:56704" http://127.0.0.1:56704/api/cart
    HTTPIE_CMD=http caphttp $S fastapi-200-order2-miss-httpie.txt 200 app fastapi "order 2, a MISS" "HTTPie with colours" -- -v GET http://127.0.0.1:56704/api/orders/2 Host:$H:56704
    stop_name varnish-d
    cap $S nginx-502-inner-varnish-down.txt 502 proxy nginx "the inner Varnish stopped: the outer nginx's 502" "curl -sv" -- -sv $R $U/api/orders/1
    capbody body-only-paste body-nginx-502-inner-varnish-down.txt 502/502 proxy nginx "nginx's stock 502 page, its title shows 502" "" -- $R $U/api/cart
    caphead headers-only-paste head-nginx-502-inner-varnish-down.txt 502 proxy nginx "curl -sI while the inner Varnish is down" "" -- $R $U/api/orders/2
fi

# ================================== E: Squid -> Caddy -> Go net/http ==
if up E; then
    log "capturing E: Squid -> Caddy -> Go net/http"
    S=squid-caddy-nethttp-r90
    H=api.fenwick.test U=http://api.fenwick.test:56705 R="--resolve api.fenwick.test:56705:127.0.0.1"
    cap $S gonethttp-200-order-squid-caddy-miss.txt 200 app go-net-http "order 1, a MISS at the outer Squid (max-age=2)" "curl -sv; X-Request-ID from Squid" -- -sv $R $U/api/orders/1
    cap $S squid-200-order-hit.txt 200 cdn-cache squid "order 1 again within its 2 s: a HIT from Squid" "curl -si" -- -si $R $U/api/orders/1
    cap $S squid-304-order-if-none-match.txt 304 cdn-cache squid "order 1 with its ETag, still fresh: Squid's 304 from its store" "curl -sv" -- -sv $R -H 'If-None-Match: "fe-1001-v1"' $U/api/orders/1
    capcut $S gonethttp-404-order-squid-caddy.txt 404 app go-net-http "order 999: the handler's JSON 404" "curl -si, body cut off after the headers" -- -si $R $U/api/orders/999
    capraw $S gonethttp-502-inventory-dep-refused-squid-caddy.txt 502 app go-net-http "the inventory service refuses: the app's own JSON 502" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/inventory
    cap $S gonethttp-503-payments-dep-down-squid-caddy.txt 503 app go-net-http "the payment provider is down: the app's own JSON 503 with Retry-After" "curl -sv" -- -sv $R $U/api/payments
    caplt $S gonethttp-504-quotes-dep-timeout-squid-caddy.txt 504 app go-net-http "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -sv, only the < lines kept" -- -sv $R $U/api/quotes
    disk_full nethttp
    capwin $S gonethttp-500-receipts-disk-full-squid-caddy.txt 500 app go-net-http "disk full: http.Error's plain 500 naming ENOSPC" "curl -si pasted with CRLF" -- -si $R "${RECEIPT[@]}" $U/api/receipts
    capbody body-only-paste body-gonethttp-500-disk-full.txt 0/500 app go-net-http "http.Error's 'internal error: ... no space left on device' (no number in it)" "" -- $R "${RECEIPT[@]}" $U/api/receipts
    disk_ok nethttp
    cap $S gonethttp-201-receipts-squid-caddy.txt 201 app go-net-http "a receipt stored" "curl -si" -- -si $R "${RECEIPT[@]}" $U/api/receipts
    cap $S caddy-504-export-app-slow-squid.txt 504 proxy caddy "the export holds the app's one db connection 6 s: the inner Caddy's response_header_timeout 3s, its empty 504, passed through Squid" "curl -sv" -- -sv $R $U/api/export
    freed
    cap $S caddy-403-internal-squid.txt 403 proxy caddy "/internal/ answered 403 by the inner Caddy (respond, empty body), passed through Squid" "curl -si" -- -si $R $U/internal/metrics
    cap $S squid-403-admin-edge.txt 403 cdn-cache squid "/admin/ refused at the edge: Squid's ERR_ACCESS_DENIED" "curl -sv" -- -sv $R $U/admin/
    capbody body-only-paste body-squid-403-admin.txt 0/403 cdn-cache squid "Squid's ERR_ACCESS_DENIED page (its title names the error, not a number)" "" -- $R $U/admin/users
    HTTPIE_CMD=http caphttp $S gonethttp-200-cart-squid-caddy-httpie.txt 200 app go-net-http "the cart" "HTTPie with colours" -- -v GET http://127.0.0.1:56705/api/cart Host:$H:56705
    kill_app nethttp
    cap $S caddy-502-app-killed-squid.txt 502 proxy caddy "the Go app killed (SIGKILL): the inner Caddy's empty 502, passed through Squid" "curl -sv" -- -sv $R $U/api/cart
    start_app nethttp || die "nethttp did not come back"
    capwget $S gonethttp-200-cart-after-restart-wget.txt 200 app go-net-http "the Go app restarted: the cart" "wget -S -O-" -- --header="Host: $H:56705" http://127.0.0.1:56705/api/cart
    cap $S gonethttp-200-order-reload-before-inner-down.txt 200 app go-net-http "order 1 with Cache-Control: no-cache: fetched from the app, stored again" "curl -si" -- -si $R -H 'Cache-Control: no-cache' $U/api/orders/1
    kill_app caddy-e
    cap $S squid-200-order-fresh-hit-inner-caddy-down.txt 200 cdn-cache squid "the inner Caddy killed (SIGKILL): order 1, still fresh, from Squid's store" "curl -sv" -- -sv $R $U/api/orders/1
    # round 68 saw Squid 5.7 answer an inner hop that had been up, then stopped, with 503 ERR_CONNECT_FAIL
    cap $S squid-503-cart-inner-caddy-down.txt 503 cdn-cache squid "the inner Caddy down: connection refused, Squid's ERR_CONNECT_FAIL" "curl -si" -- -si $R $U/api/cart
    caphead headers-only-paste head-squid-503-inner-caddy-down.txt 503 cdn-cache squid "curl -sI while the inner Caddy is down" "" -- $R $U/api/payments
fi

# ================================== F: Apache -> nginx -> Koa ==
if up F; then
    log "capturing F: Apache -> nginx -> Koa"
    S=apache-nginx-koa-r90
    H=api.wicken.test U=http://api.wicken.test:56706 R="--resolve api.wicken.test:56706:127.0.0.1"
    cap $S koa-200-order-apache-nginx.txt 200 app koa "order 1 through both hops" "curl -sv; X-Request-Id and Via from Apache, X-Proxy-Request-ID from nginx" -- -sv $R $U/api/orders/1
    cap $S koa-404-order-apache-nginx.txt 404 app koa "order 999: ctx.throw's text 404" "curl -si" -- -si $R $U/api/orders/999
    cap $S koa-502-inventory-dep-refused-apache-nginx.txt 502 app koa "the inventory service refuses: ctx.throw(502), Koa's text 'Bad Gateway'" "curl -sv" -- -sv $R $U/api/inventory
    capcut $S koa-503-payments-dep-down-apache-nginx.txt 503 app koa "the payment provider is down: ctx.throw(503) with Retry-After" "curl -si, body cut off after the headers" -- -si $R $U/api/payments
    capraw $S koa-504-quotes-dep-timeout-apache-nginx.txt 504 app koa "the pricing service never answers: ctx.throw(504) after 1 s" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/quotes
    disk_full koa
    cap $S koa-500-receipts-disk-full-apache-nginx.txt 500 app koa "disk full (ENOSPC): Koa's text 500" "curl -sv" -- -sv $R "${RECEIPT[@]}" $U/api/receipts
    disk_ok koa
    capwin $S koa-201-receipts-apache-nginx.txt 201 app koa "a receipt stored" "curl -si pasted with CRLF" -- -si $R "${RECEIPT[@]}" $U/api/receipts
    cap $S nginx-504-export-app-slow-apache.txt 504 proxy nginx "the export blocks Node's loop 6 s: the inner nginx's proxy_read_timeout 3s, its stock 504, passed through Apache" "curl -sv" -- -sv $R $U/api/export
    freed
    cap $S nginx-403-internal-apache.txt 403 proxy nginx "/internal/ denied by the inner nginx: its stock 403, passed through Apache" "curl -si" -- -si $R $U/internal/metrics
    caplt $S nginx-404-dotenv-apache.txt 404 proxy nginx "/.env answered 404 by the inner nginx (stock page)" "curl -sv, only the < lines kept" -- -sv $R $U/.env
    cap $S apache-401-admin-no-credentials.txt 401 identity apache "/admin/ without credentials: the outer Apache's AuthType Basic" "curl -sv" -- -sv $R $U/admin/
    capbody body-only-paste body-apache-401-admin.txt 401/401 identity apache "Apache's stock 401 page, its title shows 401" "" -- $R -u ops:wrong-password $U/admin/users
    HTTPIE_CMD=http caphttp $S koa-200-cart-apache-nginx-httpie.txt 200 app koa "the cart" "HTTPie with colours" -- -v GET http://127.0.0.1:56706/api/cart Host:$H:56706
    kill_app koa
    cap $S nginx-502-app-killed-apache.txt 502 proxy nginx "node killed (SIGKILL): the inner nginx's stock 502, passed through Apache" "curl -si" -- -si $R $U/api/orders/1
    start_app koa || die "koa did not come back"
    capwget $S koa-200-order-after-restart-wget.txt 200 app koa "node restarted: order 1" "wget -S -O-" -- --header="Host: $H:56706" http://127.0.0.1:56706/api/orders/1
    stop_name nginx-f
    cap $S apache-503-inner-nginx-down-custom-page.txt 503 proxy apache "the inner nginx stopped: the outer Apache's 503 with the team's maintenance page (ErrorDocument)" "curl -sv" -- -sv $R $U/api/orders/1
    capbody body-only-paste body-apache-503-custom-page.txt 0/503 proxy apache "the team's 'Wicken is down for maintenance' page served by Apache (no number in it)" "" -- $R $U/api/cart
    caphead headers-only-paste head-apache-503-inner-nginx-down.txt 503 proxy apache "curl -sI while the inner nginx is down" "" -- $R $U/api/orders/1
fi

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in A B C D E F; do up $f || log "NOT CAPTURED: chain $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round90/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
