#!/usr/bin/env bash
# capture-round99.sh — build the ninety-ninth held-out evidence corpus in
# tests/fixtures/evidence-round99/.
#
# "Incidents as they happen, a third time, on new pairings" (rounds 75 and
# 88 were the first two looks): six mainstream front + app pairings. While
# capturing, the script causes what an on-call engineer is paged for, and
# captures what each front and app answers at each step:
#   - healthy answers first (200, 201, 204, 304, 404, 401, 422);
#   - the app's own dependency down (its own JSON 502/503/504);
#   - disk full inside the app (its data file pointed at /dev/full: a real
#     ENOSPC, the framework's 500), and back; an allocation that fails (the
#     app's own JSON 500 naming out-of-memory);
#   - the app overloaded (its own 429 and 503 with Retry-After);
#   - the app's only worker stuck (the front's timeout);
#   - a deploy that broke a route (DEPLOY=v2: the framework's 404 and 500)
#     and a deploy without a config value (the app's own 500 naming it), and
#     the rollback;
#   - the app closing the connection mid-response, before a byte, or
#     answering a line that is not HTTP (what the front then says);
#   - a typo in the front's config (a second listener whose upstream port
#     has a wrong digit);
#   - the app killed (connection refused), a cache serving from its store
#     meanwhile; the app restarted (refused, then back after a 1.5 s
#     warm-up); health checks failing (HAProxy httpchk, Varnish probe);
#   - recovery (200s again).
# The setups (front configs in scripts/corpus/conf-round99/, apps in
# scripts/corpus/apps99/):
#   - FastAPI on uvicorn behind nginx 1.22;
#   - Express 4 behind Caddy 2.6;
#   - Django 5.2 on gunicorn (one sync worker) behind HAProxy 2.6;
#   - gin behind Apache 2.4 (mod_proxy_http);
#   - Sinatra 3 on Puma (one thread) behind Varnish 7.1;
#   - Koa 2 (@koa/router) behind Squid 5.7 (an accelerator).
# Everything is plain HTTP/1.1 between client and front.
#
#   scripts/corpus/capture-round99.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round99.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round99.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60000-61999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round99.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round99"
RUN=/tmp/api-triage-corpus99-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round99"
APPS99="$HERE/apps99"
APPS75="$HERE/apps75"
NODE_DIR=${CORPUS_NODE99:-/tmp/api-triage-corpus99-node}
GO_DIR=${CORPUS_GO99:-/tmp/api-triage-corpus99-go}
VENV=${CORPUS_VENV99:-/tmp/api-triage-corpus99-venv}
START_TIME=$SECONDS
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round99"
RUN=/tmp/api-triage-corpus99-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round99"
APPS99="$HERE/apps99"
APPS75="$HERE/apps75"
NODE_DIR=${CORPUS_NODE99:-/tmp/api-triage-corpus99-node}
GO_DIR=${CORPUS_GO99:-/tmp/api-triage-corpus99-go}
VENV=${CORPUS_VENV99:-/tmp/api-triage-corpus99-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus99 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget apache2 nginx caddy haproxy varnish squid golang-go golang-github-gin-gonic-gin-dev python3-venv nodejs puma ruby-sinatra)
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

install_venv() {  # HTTPie, Django, FastAPI, gunicorn, uvicorn (a copy of round 88's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, django, fastapi, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

build_go() {  # the gin app (apps99/gin_app.go), offline in GOPATH mode against Debian's gocode (round 96's way)
    local f=gin_app
    mkdir -p "$GO_DIR"
    [[ -x $GO_DIR/$f && $GO_DIR/$f -nt $APPS99/$f.go ]] && return 0
    log "go build $f"
    (cd "$APPS99" && GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$GO_DIR:/usr/share/gocode" GOCACHE="$GO_DIR/cache" \
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round99.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS99 && -d $APPS75 ]] || die "missing $CONF or an apps folder"
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
for p in nginx apache2 caddy haproxy varnish squid nodejs golang-go puma ruby-sinatra golang-github-gin-gonic-gin-dev; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
[[ -d $NODE_DIR/node_modules/koa && -d $NODE_DIR/node_modules/@koa/router && -d $NODE_DIR/node_modules/express ]] \
    || die "Koa, @koa/router or Express is missing from $NODE_DIR (copy round 88's node folder there)"
build_go
[[ -z ${SKIPPED[gin_app]:-} ]] || die "gin_app did not build (see $RUN/logs/go-build.log)"

# apps: FastAPI/uvicorn 60011, Express 60012, Django/gunicorn 60013, gin 60014,
# Sinatra/Puma 60015, Koa 60016. Fronts: nginx 60101 (+ typo 60201), Caddy
# 60102 (+ 60202), HAProxy 60103 (+ 60203), Apache 60104 (+ 60204), Varnish
# 60105 (+ a typo instance on 60205), Squid 60106 (+ 60206). The apps'
# dependencies: 60998 (nobody listens: refused) and 60997 (apps75/deps.py
# sleeper: accepts, never answers). The typo'd upstream ports 60091-60096 are
# never listened on.
APP_PORTS=(60011 60012 60013 60014 60015 60016)
FRONT_PORTS=(60101 60102 60103 60104 60105 60106 60201 60202 60203 60204 60205 60206)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 60091 60092 60093 60094 60095 60096 60997 60998; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- the apps' dependencies -----------------------------------------------------
start_bg sleeper nice -n 5 "$PY" "$APPS75/deps.py" sleeper 60997
wait_port 60997 sleeper || die "the sleeper did not start"

# ---- apps (each can be stopped, killed and started again) -------------------------
declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
for a in fastapi express django gin sinatra koa; do mkdir -p "$RUN/flags/$a" "$RUN/data/$a"; done
# v1: the release; v2: the release that broke a route; v3: v1 deployed without CHECKOUT_KEY
appenv() {
    local key="CHECKOUT_KEY=ck_live_5f2a"
    [[ ${2:-v1} == v3 ]] && key="CORPUS_NOTE=no-checkout-key"
    echo env FLAG_DIR="$RUN/flags/$1" DATA_DIR="$RUN/data/$1" DEP_DOWN=127.0.0.1:60998 DEP_SLOW=127.0.0.1:60997 \
        DEPLOY="${2:-v1}" REPLICA="$1-1" "$key"
}
start_app() {  # start_app NAME [v1|v2|v3]: start it and wait for its port
    local n=$1 v=${2:-v1} port
    case $n in
    fastapi) port=60011; start_bg fastapi $(appenv fastapi $v) nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS99" \
        --host 127.0.0.1 --port 60011 fastapi_app:app ;;
    express) port=60012; start_bg express $(appenv express $v) "${NODEENV[@]}" "$APPS99/express_app.js" 60012 ;;
    django) port=60013; start_bg django $(appenv django $v) nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:60013 \
        --workers 1 --threads 1 --chdir "$APPS99" --worker-tmp-dir "$RUN/gunicorn" django_app:application ;;
    gin) port=60014; start_bg gin $(appenv gin $v) nice -n 5 "$GO_DIR/gin_app" 60014 ;;
    sinatra) port=60015; start_bg sinatra $(appenv sinatra $v) nice -n 5 puma -e production -t 1:1 \
        -b tcp://127.0.0.1:60015 "$APPS99/sinatra.ru" ;;
    koa) port=60016; start_bg koa $(appenv koa $v) "${NODEENV[@]}" "$APPS99/koa_app.js" 60016 ;;
    esac
    wait_port $port $n
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
restart_app() { stop_name "$1"; sleep 0.3; start_app "$1" "${2:-v1}"; }
for a in fastapi express django gin sinatra koa; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
mkdir -p "$RUN"/nginx/tmp
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60101 nginx && wait_port 60201 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60102 caddy && wait_port 60202 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 60103 haproxy && wait_port 60203 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/apache
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 60104 apache && wait_port 60204 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/larch.vcl"
cp "$CONF/varnish-typo.vcl" "$RUN/varnish/larch-typo.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:60105 -T none -f "$RUN/varnish/larch.vcl" -n "$RUN/varnish/larch" -s malloc,16m
start_bg varnish-typo varnishd -F -a 127.0.0.1:60205 -T none -f "$RUN/varnish/larch-typo.vcl" -n "$RUN/varnish/typo" -s malloc,8m
wait_port 60105 varnish && wait_port 60205 varnish-typo && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus99 -f "$RUN/squid/squid.conf"
wait_port 60106 squid && wait_port 60206 squid && UP[squid]=1
sleep 3   # HAProxy's and Varnish's checks see the apps up

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 99 (held out): real responses captured by
# scripts/corpus/capture-round99.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-98:
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
NOAMOUNT=(-X POST "${JSONH[@]}" -d '{"order":1}')
BEARER=(-H 'Authorization: Bearer oncall-t0ken')
disk_full() { rm -f "$RUN/data/$1/receipts.log"; ln -s /dev/full "$RUN/data/$1/receipts.log"; }
disk_ok() { rm -f "$RUN/data/$1/receipts.log"; }
overload() { touch "$RUN/flags/$1/overloaded"; }
unload() { rm -f "$RUN/flags/$1/overloaded"; }
stuck() {  # stuck NAME PORT: the app's only worker takes /api/export (6 s), sent straight to the app
    (in_work timeout 15 curl -s -o /dev/null "http://127.0.0.1:$2/api/export" || true) &
    STUCK_PID=$!
    sleep 0.4
}
unstuck() { wait "$STUCK_PID" 2>/dev/null; sleep 0.5; }

# ================================================= nginx -> FastAPI (uvicorn) ==
if up nginx; then
    log "capturing: FastAPI (uvicorn) behind nginx"
    S=fastapi-uvicorn-nginx-r99
    H=api.quillon.test N=http://api.quillon.test:60101 RN="--resolve api.quillon.test:60101:127.0.0.1"
    NT=http://api.quillon.test:60201 RNT="--resolve api.quillon.test:60201:127.0.0.1"
    # healthy answers
    cap $S fastapi-200-order-nginx.txt 200 app fastapi "healthy: order 1 (the first request after the start waits out the 1.5 s warm-up)" "curl -sv; X-Request-ID from nginx" -- -sv $RN $N/api/orders/1
    cap $S fastapi-304-order-etag-nginx.txt 304 app fastapi "healthy: order 1 with If-None-Match its ETag: the app's 304, passed on" "curl -si" -- -si $RN -H 'If-None-Match: "qu-1001-v1"' $N/api/orders/1
    capcut $S fastapi-404-order-nginx.txt 404 app fastapi "healthy: order 999, HTTPException's {\"detail\"} 404" "curl -si, body cut off after the headers" -- -si $RN $N/api/orders/999
    cap $S fastapi-401-account-nginx.txt 401 app fastapi "healthy: /api/account without a token, the app's 401 with WWW-Authenticate: Bearer" "curl -si" -- -si $RN $N/api/account
    capwin $S fastapi-422-receipts-nginx.txt 422 app fastapi "healthy: a receipt without amount, the app's 422 in FastAPI's {\"detail\":[...]} shape" "curl -si pasted with CRLF" -- -si $RN "${NOAMOUNT[@]}" $N/api/receipts
    cap $S fastapi-201-receipts-nginx.txt 201 app fastapi "healthy: a receipt stored" "curl -sv" -- -sv $RN "${RECEIPT[@]}" $N/api/receipts
    cap $S fastapi-204-hold-nginx.txt 204 app fastapi "healthy: DELETE the hold on order 1, the app's 204" "curl -si" -- -si $RN -X DELETE $N/api/orders/1/hold
    # the app's own dependency down
    cap $S fastapi-502-inventory-dep-refused-nginx.txt 502 app fastapi "the inventory service refuses: HTTPException(502) {\"detail\"}, passed on" "curl -si" -- -si $RN $N/api/inventory
    capraw $S fastapi-503-payments-dep-down-nginx.txt 503 app fastapi "the payment provider is down: HTTPException(503) with Retry-After: 30" "curl -si saved to a file (CRs kept)" -- -si $RN $N/api/payments
    caplt $S fastapi-504-quotes-dep-timeout-nginx.txt 504 app fastapi "the pricing service accepts and never answers: HTTPException(504) after 1 s" "curl -sv, only the < lines kept" -- -sv $RN $N/api/quotes
    # disk and memory
    disk_full fastapi
    cap $S fastapi-500-receipts-disk-full-nginx.txt 500 app fastapi "disk full: the receipt write fails with ENOSPC, Starlette's plain 'Internal Server Error'" "curl -sv" -- -sv $RN "${RECEIPT[@]}" $N/api/receipts
    capbody body-only-paste body-fastapi-500-receipts-disk-full.txt 0/500 app fastapi "Starlette's 'Internal Server Error' text (no number in it)" "" -- $RN "${RECEIPT[@]}" $N/api/receipts
    disk_ok fastapi
    cap $S fastapi-500-thumbnails-out-of-memory-nginx.txt 500 app fastapi "a 1 PiB buffer fails with a real MemoryError: the app's JSON 500 naming it" "curl -si" -- -si $RN $N/api/thumbnails
    # overloaded
    overload fastapi
    cap $S fastapi-429-search-overloaded-nginx.txt 429 app fastapi "overloaded: search sheds load, the app's 429 with Retry-After: 10" "curl -si" -- -si $RN $N/api/search
    cap $S fastapi-503-bulk-overloaded-nginx.txt 503 app fastapi "overloaded: the worker queue is full, the app's 503 with Retry-After: 20" "curl -sv" -- -sv $RN $N/api/bulk
    unload fastapi
    # closing mid-response
    cap $S fastapi-200-feed-closed-mid-response-nginx.txt 200 app fastapi "the feed's generator raises after its first chunk: uvicorn drops the connection, nginx's client sees a 200 cut short" "curl -sv (curl: transfer closed)" -- -sv $RN $N/api/feed
    # the worker stuck
    stuck fastapi 60011
    cap $S nginx-504-order-loop-stuck.txt 504 proxy nginx "uvicorn's event loop held 6 s by an export: proxy_read_timeout 3s, nginx's 504" "curl -sv" -- -sv $RN $N/api/orders/1
    unstuck
    stuck fastapi 60011
    capbody body-only-paste body-nginx-504-loop-stuck.txt 504/504 proxy nginx "nginx's stock 504 page, its title shows 504" "" -- $RN "$N/api/cart?from=dashboard"
    unstuck
    # broken deploys, and the rollback
    restart_app fastapi v2
    cap $S fastapi-404-order-after-deploy-nginx.txt 404 app fastapi "release v2 dropped the orders route: Starlette's {\"detail\":\"Not Found\"}" "curl -si" -- -si $RN $N/api/orders/1
    cap $S fastapi-500-cart-after-deploy-nginx.txt 500 app fastapi "release v2's cart raises KeyError on every request: Starlette's plain 500" "curl -sv" -- -sv $RN $N/api/cart
    restart_app fastapi v3
    cap $S fastapi-500-checkout-config-missing-nginx.txt 500 app fastapi "deployed without CHECKOUT_KEY: the app's JSON 500 naming the missing setting" "curl -si" -- -si $RN $N/api/checkout
    restart_app fastapi v1
    cap $S fastapi-200-checkout-rolled-back-nginx.txt 200 app fastapi "rolled back to v1 with its config: checkout ready (after the 1.5 s warm-up)" "curl -si" -- -si $RN $N/api/checkout
    # a typo in the front's config
    cap $S nginx-502-upstream-port-typo.txt 502 proxy nginx "the config change with a typo'd upstream port (60091 for 60011): nginx's 502" "curl -si" -- -si $RNT $NT/api/orders/1
    # killed, then restarted
    kill_app fastapi
    cap $S nginx-502-app-killed.txt 502 proxy nginx "uvicorn killed (SIGKILL): connection refused, nginx's 502" "curl -sv" -- -sv $RN $N/api/orders/1
    caphead headers-only-paste head-nginx-502-app-killed.txt 502 proxy nginx "curl -sI while uvicorn is down" "" -- $RN $N/api/orders/1
    start_app fastapi || die "fastapi did not come back"
    capwget $S fastapi-200-order-first-after-restart-wget.txt 200 app fastapi "restarted: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:60101" http://127.0.0.1:60101/api/orders/1
    HTTPIE_CMD=http caphttp $S fastapi-200-healthz-recovered-nginx-httpie.txt 200 app fastapi "recovered: /healthz 200" "HTTPie with colours" -- -v GET http://127.0.0.1:60101/healthz Host:$H:60101
fi

# ================================================= Caddy -> Express ==
if up caddy; then
    log "capturing: Express behind Caddy"
    S=express-caddy-r99
    H=api.osier.test C=http://api.osier.test:60102 RC="--resolve api.osier.test:60102:127.0.0.1"
    CT=http://api.osier.test:60202 RCT="--resolve api.osier.test:60202:127.0.0.1"
    cap $S express-200-order-caddy.txt 200 app express "healthy: order 1 (after the 1.5 s warm-up)" "curl -sv; X-Request-ID from Caddy" -- -sv $RC $C/api/orders/1
    capcut $S express-304-order-etag-caddy.txt 304 app express "healthy: order 1 with If-None-Match its ETag: the app's 304, passed on" "curl -si, cut after the headers" -- -si $RC -H 'If-None-Match: "os-1001-v1"' $C/api/orders/1
    cap $S express-404-order-caddy.txt 404 app express "healthy: order 999, the handler's JSON 404" "curl -si" -- -si $RC $C/api/orders/999
    HTTPIE_CMD=http caphttp $S express-401-account-caddy-httpie.txt 401 app express "healthy: /api/account without a token, the app's JSON 401 with WWW-Authenticate: Bearer" "HTTPie with colours" -- -v GET http://127.0.0.1:60102/api/account Host:$H:60102
    cap $S express-422-receipts-caddy.txt 422 app express "healthy: a receipt without amount, the handler's JSON 422" "curl -si" -- -si $RC "${NOAMOUNT[@]}" $C/api/receipts
    capraw $S express-201-receipts-caddy.txt 201 app express "healthy: a receipt stored" "curl -si saved to a file (CRs kept)" -- -si $RC "${RECEIPT[@]}" $C/api/receipts
    cap $S express-204-hold-caddy.txt 204 app express "healthy: DELETE the hold on order 1, the app's 204" "curl -sv" -- -sv $RC -X DELETE $C/api/orders/1/hold
    capwin $S express-502-inventory-dep-refused-caddy.txt 502 app express "the inventory service refuses: the app's own JSON 502 naming ECONNREFUSED" "curl -si pasted with CRLF" -- -si $RC $C/api/inventory
    cap $S express-503-payments-dep-down-caddy.txt 503 app express "the payment provider is down: the app's own JSON 503 with Retry-After: 30" "curl -sv" -- -sv $RC $C/api/payments
    cap $S express-504-quotes-dep-timeout-caddy.txt 504 app express "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -si" -- -si $RC $C/api/quotes
    disk_full express
    cap $S express-500-receipts-disk-full-caddy.txt 500 app express "disk full: appendFileSync throws ENOSPC, Express's final handler HTML 500" "curl -sv" -- -sv $RC "${RECEIPT[@]}" $C/api/receipts
    capbody body-only-paste body-express-500-receipts-disk-full.txt 0/500 app express "Express's '<pre>Internal Server Error</pre>' page (no number in it)" "" -- $RC "${RECEIPT[@]}" $C/api/receipts
    disk_ok express
    caplt $S express-500-thumbnails-out-of-memory-caddy.txt 500 app express "a 1 PiB ArrayBuffer fails (RangeError: Array buffer allocation failed): the app's JSON 500" "curl -sv, only the < lines kept" -- -sv $RC $C/api/thumbnails
    overload express
    cap $S express-429-search-overloaded-caddy.txt 429 app express "overloaded: search sheds load, the app's 429 with Retry-After: 10" "curl -si" -- -si $RC $C/api/search
    caphead headers-only-paste head-express-429-search-overloaded.txt 429 app express "curl -sI on search while it sheds load" "" -- $RC $C/api/search
    cap $S express-503-bulk-overloaded-caddy.txt 503 app express "overloaded: the worker queue is full, the app's 503 with Retry-After: 20" "curl -si" -- -si $RC $C/api/bulk
    unload express
    cap $S caddy-502-feed-garbage.txt 502 proxy caddy "the feed answers a line that is not HTTP and closes: Caddy's empty 502" "curl -sv" -- -sv $RC $C/api/feed
    cap $S express-200-stream-closed-mid-response-caddy.txt 200 app express "the stream promises 4096 bytes, sends 19 and drops the socket: a 200 cut short" "curl -sv (curl: transfer closed)" -- -sv $RC $C/api/stream
    stuck express 60012
    cap $S caddy-504-order-loop-stuck.txt 504 proxy caddy "Node's event loop held 6 s by an export: response_header_timeout 3s, Caddy's empty 504" "curl -sv" -- -sv $RC $C/api/orders/1
    unstuck
    restart_app express v2
    cap $S express-404-order-after-deploy-caddy.txt 404 app express "release v2 dropped the orders route: Express's 'Cannot GET /api/orders/1'" "curl -si" -- -si $RC $C/api/orders/1
    capraw $S express-500-cart-after-deploy-caddy.txt 500 app express "release v2's cart reads a property of undefined (TypeError): Express's HTML 500" "curl -si saved to a file (CRs kept)" -- -si $RC $C/api/cart
    restart_app express v3
    cap $S express-500-checkout-config-missing-caddy.txt 500 app express "deployed without CHECKOUT_KEY: the app's JSON 500 naming the missing setting" "curl -sv" -- -sv $RC $C/api/checkout
    restart_app express v1
    cap $S caddy-502-upstream-port-typo.txt 502 proxy caddy "the config change with a typo'd upstream port (60092 for 60012): Caddy's empty 502" "curl -si" -- -si $RCT $CT/api/orders/1
    kill_app express
    cap $S caddy-502-app-killed.txt 502 proxy caddy "Express killed (SIGKILL): connection refused, Caddy's empty 502" "curl -sv" -- -sv $RC $C/api/orders/1
    start_app express || die "express did not come back"
    capwget $S express-200-order-first-after-restart-wget.txt 200 app express "restarted: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:60102" http://127.0.0.1:60102/api/orders/1
    cap $S express-200-checkout-recovered-caddy.txt 200 app express "recovered: checkout ready" "curl -si" -- -si $RC $C/api/checkout
fi

# ================================================= HAProxy -> Django (gunicorn) ==
if up haproxy; then
    log "capturing: Django (gunicorn, one sync worker) behind HAProxy"
    S=django-gunicorn-haproxy-r99
    H=api.tansy.test P=http://api.tansy.test:60103 RP="--resolve api.tansy.test:60103:127.0.0.1"
    PT=http://api.tansy.test:60203 RPT="--resolve api.tansy.test:60203:127.0.0.1"
    cap $S django-200-order-haproxy.txt 200 app django "healthy: order 1 (after the 1.5 s warm-up)" "curl -sv; X-Request-ID from HAProxy" -- -sv $RP $P/api/orders/1
    cap $S django-304-order-etag-haproxy.txt 304 app django "healthy: order 1 with If-None-Match its ETag: the app's 304, passed on" "curl -si" -- -si $RP -H 'If-None-Match: "ta-1001-v1"' $P/api/orders/1
    capcut $S django-404-order-haproxy.txt 404 app django "healthy: order 999, the app's {\"errors\":[...]} 404" "curl -si, body cut off after the headers" -- -si $RP $P/api/orders/999
    cap $S django-401-account-haproxy.txt 401 app django "healthy: /api/account without a token, the app's JSON 401 with WWW-Authenticate: Bearer" "curl -si" -- -si $RP $P/api/account
    caplt $S django-422-receipts-haproxy.txt 422 app django "healthy: a receipt without amount, the app's JSON 422" "curl -sv, only the < lines kept" -- -sv $RP "${NOAMOUNT[@]}" $P/api/receipts
    cap $S django-201-receipts-haproxy.txt 201 app django "healthy: a receipt stored" "curl -si" -- -si $RP "${RECEIPT[@]}" $P/api/receipts
    capwin $S django-204-hold-haproxy.txt 204 app django "healthy: DELETE the hold on order 1, the app's 204" "curl -si pasted with CRLF" -- -si $RP -X DELETE $P/api/orders/1/hold
    cap $S django-502-inventory-dep-refused-haproxy.txt 502 app django "the inventory service refuses: the app's own JSON 502, passed on" "curl -sv" -- -sv $RP $P/api/inventory
    capraw $S django-503-payments-dep-down-haproxy.txt 503 app django "the payment provider is down: the app's own JSON 503 with Retry-After: 30" "curl -si saved to a file (CRs kept)" -- -si $RP $P/api/payments
    cap $S django-504-quotes-dep-timeout-haproxy.txt 504 app django "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -si" -- -si $RP $P/api/quotes
    disk_full django
    cap $S django-500-receipts-disk-full-haproxy.txt 500 app django "disk full: OSError ENOSPC, Django's 'Server Error (500)'" "curl -sv" -- -sv $RP "${RECEIPT[@]}" $P/api/receipts
    capbody body-only-paste body-django-500-receipts-disk-full.txt 500/500 app django "Django's 'Server Error (500)' page" "" -- $RP "${RECEIPT[@]}" $P/api/receipts
    disk_ok django
    cap $S django-500-thumbnails-out-of-memory-haproxy.txt 500 app django "a 1 PiB buffer fails with a real MemoryError: the app's JSON 500 naming it" "curl -si" -- -si $RP $P/api/thumbnails
    overload django
    cap $S django-429-search-overloaded-haproxy.txt 429 app django "overloaded: search sheds load, the app's 429 with Retry-After: 10" "curl -sv" -- -sv $RP $P/api/search
    cap $S django-503-bulk-overloaded-haproxy.txt 503 app django "overloaded: the worker queue is full, the app's 503 with Retry-After: 20" "curl -si" -- -si $RP $P/api/bulk
    unload django
    cap $S django-200-feed-closed-mid-response-haproxy.txt 200 app django "the streaming feed raises after its first chunk: gunicorn drops the connection, a 200 cut short" "curl -sv (curl: transfer closed)" -- -sv $RP $P/api/feed
    stuck django 60013
    cap $S haproxy-504-order-worker-stuck.txt 504 load-balancer haproxy "gunicorn's one sync worker held 6 s by an export: timeout server 3s, HAProxy's 504" "curl -sv" -- -sv $RP $P/api/orders/1
    unstuck
    sleep 2.5   # the check sees the worker again
    stuck django 60013
    capbody body-only-paste body-haproxy-504-worker-stuck.txt 504/504 load-balancer haproxy "HAProxy's stock 504 page, its heading shows 504" "" -- $RP "$P/api/cart?from=dashboard"
    unstuck
    restart_app django v2
    sleep 2.5
    cap $S django-404-order-after-deploy-haproxy.txt 404 app django "release v2 dropped the orders route: Django's HTML 'Not Found'" "curl -si" -- -si $RP $P/api/orders/1
    capraw $S django-500-cart-after-deploy-haproxy.txt 500 app django "release v2's cart raises KeyError: Django's 'Server Error (500)'" "curl -si saved to a file (CRs kept)" -- -si $RP $P/api/cart
    restart_app django v3
    sleep 2.5
    cap $S django-500-checkout-config-missing-haproxy.txt 500 app django "deployed without CHECKOUT_KEY: the app's JSON 500 naming the missing setting" "curl -sv" -- -sv $RP $P/api/checkout
    restart_app django v1
    sleep 2.5
    cap $S haproxy-503-upstream-port-typo.txt 503 load-balancer haproxy "the config change with a typo'd server port (60093 for 60013): HAProxy's 503" "curl -si" -- -si $RPT $PT/api/orders/1
    kill_app django
    cap $S haproxy-503-app-killed.txt 503 load-balancer haproxy "gunicorn killed (SIGKILL): connection refused, HAProxy's 503" "curl -sv" -- -sv $RP $P/api/orders/1
    start_app django || die "django did not come back"
    sleep 2.5
    capwget $S django-200-order-first-after-restart-wget.txt 200 app django "restarted, the check up again: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:60103" http://127.0.0.1:60103/api/orders/1
    touch "$RUN/flags/django/unhealthy"
    sleep 2.5
    cap $S haproxy-503-health-check-failing.txt 503 load-balancer haproxy "/healthz answers 503, option httpchk (fall 2) marks the only server down: HAProxy's 503" "curl -si" -- -si $RP $P/api/orders/1
    caphead headers-only-paste head-haproxy-503-health-check-failing.txt 503 load-balancer haproxy "curl -sI while the check fails" "" -- $RP $P/api/orders/1
    rm -f "$RUN/flags/django/unhealthy"
    sleep 2
    HTTPIE_CMD=http caphttp $S django-200-order-recovered-haproxy-httpie.txt 200 app django "recovered: the check passes again" "HTTPie with colours" -- -v GET http://127.0.0.1:60103/api/orders/1 Host:$H:60103
fi

# ================================================= Apache -> gin ==
if up apache; then
    log "capturing: gin behind Apache"
    S=gin-apache-r99
    H=api.fenwick.test A=http://api.fenwick.test:60104 RA="--resolve api.fenwick.test:60104:127.0.0.1"
    AT=http://api.fenwick.test:60204 RAT="--resolve api.fenwick.test:60204:127.0.0.1"
    cap $S gin-200-order-apache.txt 200 app gin "healthy: order 1 (after the 1.5 s warm-up)" "curl -sv; X-Request-Id and Via from Apache" -- -sv $RA $A/api/orders/1
    cap $S gin-304-order-etag-apache.txt 304 app gin "healthy: order 1 with If-None-Match its ETag: the app's 304, passed on" "curl -si" -- -si $RA -H 'If-None-Match: "fe-1001-v1"' $A/api/orders/1
    cap $S gin-404-order-apache.txt 404 app gin "healthy: order 999, the handler's JSON 404" "curl -si" -- -si $RA $A/api/orders/999
    capcut $S gin-404-unrouted-apache.txt 404 app gin "healthy: a mistyped path, gin's text '404 page not found'" "curl -si, body cut off after the headers" -- -si $RA $A/api/ordres/1
    cap $S gin-401-account-apache.txt 401 app gin "healthy: /api/account without a token, the app's JSON 401 with WWW-Authenticate: Bearer" "curl -sv" -- -sv $RA $A/api/account
    capraw $S gin-422-receipts-apache.txt 422 app gin "healthy: a receipt without amount, the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RA "${NOAMOUNT[@]}" $A/api/receipts
    cap $S gin-201-receipts-apache.txt 201 app gin "healthy: a receipt stored" "curl -si" -- -si $RA "${RECEIPT[@]}" $A/api/receipts
    cap $S gin-204-hold-apache.txt 204 app gin "healthy: DELETE the hold on order 1, the app's 204" "curl -si" -- -si $RA -X DELETE $A/api/orders/1/hold
    cap $S gin-502-inventory-dep-refused-apache.txt 502 app gin "the inventory service refuses: the app's own JSON 502 naming the dial error" "curl -sv" -- -sv $RA $A/api/inventory
    caplt $S gin-503-payments-dep-down-apache.txt 503 app gin "the payment provider is down: the app's own JSON 503 with Retry-After: 30" "curl -sv, only the < lines kept" -- -sv $RA $A/api/payments
    capwin $S gin-504-quotes-dep-timeout-apache.txt 504 app gin "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -si pasted with CRLF" -- -si $RA $A/api/quotes
    disk_full gin
    cap $S gin-500-receipts-disk-full-apache.txt 500 app gin "disk full: the handler's plain 'internal error: ... no space left on device'" "curl -si" -- -si $RA "${RECEIPT[@]}" $A/api/receipts
    capbody body-only-paste body-gin-500-receipts-disk-full.txt 0/500 app gin "'internal error: write ...: no space left on device' (no number in it)" "" -- $RA "${RECEIPT[@]}" $A/api/receipts
    disk_ok gin
    cap $S gin-500-thumbnails-out-of-memory-apache.txt 500 app gin "a 1 PiB slice: the runtime panics (makeslice: len out of range), recovered into the app's JSON 500" "curl -sv" -- -sv $RA $A/api/thumbnails
    overload gin
    cap $S gin-429-search-overloaded-apache.txt 429 app gin "overloaded: search sheds load, the app's 429 with Retry-After: 10" "curl -si" -- -si $RA $A/api/search
    cap $S gin-503-bulk-overloaded-apache.txt 503 app gin "overloaded: the worker queue is full, the app's 503 with Retry-After: 20 (Apache passes it on)" "curl -sv" -- -sv $RA $A/api/bulk
    unload gin
    cap $S apache-502-feed-closed-before-response.txt 502 proxy apache "the feed hijacks the connection and closes it without a byte: Apache's 502 Proxy Error" "curl -sv" -- -sv $RA $A/api/feed
    stuck gin 60014
    cap $S apache-502-order-db-stuck.txt 502 proxy apache "the app's one db connection held 6 s by an export: ProxyTimeout 3, Apache's 502 Proxy Error" "curl -si" -- -si $RA $A/api/orders/1
    unstuck
    stuck gin 60014
    caphead headers-only-paste head-apache-502-db-stuck.txt 502 proxy apache "curl -sI while the export holds the db connection" "" -- $RA $A/api/orders/1
    unstuck
    restart_app gin v2
    cap $S gin-404-order-after-deploy-apache.txt 404 app gin "release v2 dropped the orders route: gin's '404 page not found'" "curl -si" -- -si $RA $A/api/orders/1
    cap $S gin-500-cart-after-deploy-apache.txt 500 app gin "release v2's cart writes to a nil map: gin.Recovery's empty 500" "curl -sv" -- -sv $RA $A/api/cart
    restart_app gin v3
    capraw $S gin-500-checkout-config-missing-apache.txt 500 app gin "deployed without CHECKOUT_KEY: the app's JSON 500 naming the missing setting" "curl -si saved to a file (CRs kept)" -- -si $RA $A/api/checkout
    restart_app gin v1
    cap $S apache-503-upstream-port-typo.txt 503 proxy apache "the config change with a typo'd backend port (60094 for 60014): Apache's 503" "curl -si" -- -si $RAT $AT/api/orders/1
    kill_app gin
    cap $S apache-503-app-killed.txt 503 proxy apache "gin killed (SIGKILL): connection refused, Apache's 503 Service Unavailable" "curl -sv" -- -sv $RA $A/api/orders/1
    capbody body-only-paste body-apache-503-app-killed.txt 503/503 proxy apache "Apache's stock 503 page, its title shows 503" "" -- $RA "$A/api/cart"
    start_app gin || die "gin did not come back"
    capwget $S gin-200-order-first-after-restart-wget.txt 200 app gin "restarted: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:60104" http://127.0.0.1:60104/api/orders/1
    HTTPIE_CMD=http caphttp $S gin-200-checkout-recovered-apache-httpie.txt 200 app gin "recovered: checkout ready" "HTTPie with colours" -- -v GET http://127.0.0.1:60104/api/checkout Host:$H:60104
fi

# ================================================= Varnish -> Sinatra (Puma) ==
if up varnish; then
    log "capturing: Sinatra (Puma, one thread) behind Varnish"
    S=sinatra-puma-varnish-r99
    H=api.larch.test V=http://api.larch.test:60105 RV="--resolve api.larch.test:60105:127.0.0.1"
    VT=http://api.larch.test:60205 RVT="--resolve api.larch.test:60205:127.0.0.1"
    cap $S sinatra-200-order-varnish-miss.txt 200 app sinatra "healthy: order 1, a MISS (kept 2 s, grace 1 h), after the 1.5 s warm-up" "curl -sv; X-Cache: MISS" -- -sv $RV $V/api/orders/1
    cap $S varnish-200-order-hit.txt 200 cdn-cache varnish "order 1 again within its 2 s: a HIT" "curl -si; X-Cache: HIT" -- -si $RV $V/api/orders/1
    cap $S varnish-304-order-etag-from-store.txt 304 cdn-cache varnish "order 1 with If-None-Match its ETag within its 2 s: Varnish's 304 from its store" "curl -si" -- -si $RV -H 'If-None-Match: "la-1001-v1"' $V/api/orders/1
    cap $S sinatra-404-order-varnish-miss.txt 404 app sinatra "healthy: order 999, the app's JSON 404 (a MISS; kept 5 s)" "curl -sv" -- -sv $RV $V/api/orders/999
    capcut $S sinatra-404-order-varnish-hit.txt 404 app sinatra "order 999 again: the app's 404 replayed from Varnish's store (a HIT of the app's error)" "curl -si, body cut off after the headers; X-Cache: HIT" -- -si $RV $V/api/orders/999
    cap $S sinatra-401-account-varnish.txt 401 app sinatra "healthy: /api/account without a token (passed), the app's JSON 401 with WWW-Authenticate: Bearer" "curl -si" -- -si $RV $V/api/account
    capwin $S sinatra-422-receipts-varnish.txt 422 app sinatra "healthy: a receipt without amount, the app's JSON 422" "curl -si pasted with CRLF" -- -si $RV "${NOAMOUNT[@]}" $V/api/receipts
    cap $S sinatra-201-receipts-varnish.txt 201 app sinatra "healthy: a receipt stored" "curl -sv" -- -sv $RV "${RECEIPT[@]}" $V/api/receipts
    cap $S sinatra-204-hold-varnish.txt 204 app sinatra "healthy: DELETE the hold on order 1 (passed), the app's 204" "curl -si" -- -si $RV -X DELETE $V/api/orders/1/hold
    cap $S sinatra-502-inventory-dep-refused-varnish.txt 502 app sinatra "the inventory service refuses: the app's own JSON 502 (passed)" "curl -si" -- -si $RV $V/api/inventory
    caplt $S sinatra-503-payments-dep-down-varnish.txt 503 app sinatra "the payment provider is down: the app's own JSON 503 with Retry-After: 30 (passed)" "curl -sv, only the < lines kept" -- -sv $RV $V/api/payments
    capraw $S sinatra-504-quotes-dep-timeout-varnish.txt 504 app sinatra "the pricing service never answers: the app's own JSON 504 after 1 s (passed)" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/quotes
    disk_full sinatra
    cap $S sinatra-500-receipts-disk-full-varnish.txt 500 app sinatra "disk full: Errno::ENOSPC, Sinatra's '<h1>Internal Server Error</h1>'" "curl -sv" -- -sv $RV "${RECEIPT[@]}" $V/api/receipts
    capbody body-only-paste body-sinatra-500-receipts-disk-full.txt 0/500 app sinatra "Sinatra's '<h1>Internal Server Error</h1>' (no number in it)" "" -- $RV "${RECEIPT[@]}" $V/api/receipts
    disk_ok sinatra
    cap $S sinatra-500-thumbnails-out-of-memory-varnish.txt 500 app sinatra "a 1 PiB string fails with NoMemoryError: the app's JSON 500 naming it" "curl -si" -- -si $RV $V/api/thumbnails
    overload sinatra
    cap $S sinatra-429-search-overloaded-varnish.txt 429 app sinatra "overloaded: search sheds load, the app's 429 with Retry-After: 10 (passed)" "curl -si" -- -si $RV $V/api/search
    cap $S sinatra-503-bulk-overloaded-varnish.txt 503 app sinatra "overloaded: the worker queue is full, the app's own 503 with Retry-After: 20 (passed, not a synth page)" "curl -sv" -- -sv $RV $V/api/bulk
    unload sinatra
    cap $S varnish-503-feed-garbage.txt 503 cdn-cache varnish "the feed (Rack hijack) answers a line that is not HTTP and closes: Backend fetch failed" "curl -sv" -- -sv $RV $V/api/feed
    capbody body-only-paste body-varnish-503-feed-garbage.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page, its title shows 503" "" -- $RV "$V/api/feed?from=dashboard"
    stuck sinatra 60015
    cap $S varnish-503-cart-thread-stuck.txt 503 cdn-cache varnish "Puma's one thread held 6 s by an export: Backend fetch failed on a passed path" "curl -si" -- -si $RV $V/api/cart
    unstuck
    sleep 3   # the probe sees the thread again
    restart_app sinatra v2
    sleep 3
    cap $S sinatra-404-order2-after-deploy-varnish.txt 404 app sinatra "release v2 dropped the orders route: order 2 (never stored), Sinatra's '<h1>Not Found</h1>'" "curl -si" -- -si $RV $V/api/orders/2
    capraw $S sinatra-500-cart-after-deploy-varnish.txt 500 app sinatra "release v2's cart raises KeyError: Sinatra's '<h1>Internal Server Error</h1>'" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/cart
    restart_app sinatra v3
    sleep 3
    cap $S sinatra-500-checkout-config-missing-varnish.txt 500 app sinatra "deployed without CHECKOUT_KEY: the app's JSON 500 naming the missing setting (passed)" "curl -sv" -- -sv $RV $V/api/checkout
    restart_app sinatra v1
    sleep 3
    cap $S varnish-503-backend-port-typo.txt 503 cdn-cache varnish "a second varnishd with the typo'd VCL (backend port 60095 for 60015): Backend fetch failed" "curl -si" -- -si $RVT $VT/api/cart
    kill_app sinatra
    cap $S varnish-503-cart-app-killed.txt 503 cdn-cache varnish "Puma killed (SIGKILL): a passed path, Backend fetch failed" "curl -sv" -- -sv $RV $V/api/cart
    cap $S varnish-200-order-stale-app-killed.txt 200 cdn-cache varnish "Puma down: order 1 (TTL gone) served from grace" "curl -si" -- -si $RV $V/api/orders/1
    caphead headers-only-paste head-varnish-200-order-stale-app-killed.txt 200 cdn-cache varnish "curl -sI on order 1 while Puma is down: the grace copy" "" -- $RV $V/api/orders/1
    start_app sinatra || die "sinatra did not come back"
    sleep 3
    capwget $S sinatra-200-cart-first-after-restart-wget.txt 200 app sinatra "restarted, the probe healthy again: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:60105" http://127.0.0.1:60105/api/cart
    touch "$RUN/flags/sinatra/unhealthy"
    sleep 3.5
    cap $S varnish-503-cart-probe-sick.txt 503 cdn-cache varnish "/healthz answers 503, the probe marks the backend sick: Backend fetch failed on a passed path" "curl -sv" -- -sv $RV $V/api/cart
    HTTPIE_CMD=http caphttp $S varnish-200-order-stale-probe-sick-httpie.txt 200 cdn-cache varnish "backend sick: order 1 served from grace" "HTTPie with colours" -- -v GET http://127.0.0.1:60105/api/orders/1 Host:$H:60105
    rm -f "$RUN/flags/sinatra/unhealthy"
    sleep 3
    cap $S sinatra-200-order2-recovered-varnish.txt 200 app sinatra "recovered: order 2 (its v2 404 expired, no grace), a MISS" "curl -si" -- -si $RV $V/api/orders/2
fi

# ================================================= Squid -> Koa ==
if up squid; then
    log "capturing: Koa behind Squid"
    S=koa-squid-r99
    H=api.wicken.test Q=http://api.wicken.test:60106 RQ="--resolve api.wicken.test:60106:127.0.0.1"
    QT=http://api.wicken.test:60206 RQT="--resolve api.wicken.test:60206:127.0.0.1"
    cap $S koa-200-order-squid-miss.txt 200 app koa "healthy: order 1, a MISS (max-age=2), after the 1.5 s warm-up" "curl -sv; X-Cache: MISS" -- -sv $RQ $Q/api/orders/1
    cap $S squid-200-order-hit.txt 200 cdn-cache squid "order 1 again within its 2 s: a HIT" "curl -si; X-Cache: HIT" -- -si $RQ $Q/api/orders/1
    cap $S koa-404-order-squid.txt 404 app koa "healthy: order 999, ctx.throw's text 404" "curl -si" -- -si $RQ $Q/api/orders/999
    capcut $S koa-404-unrouted-squid.txt 404 app koa "healthy: a mistyped path, Koa's 'Not Found'" "curl -si, body cut off after the headers" -- -si $RQ $Q/api/ordres/1
    cap $S koa-401-account-squid.txt 401 app koa "healthy: /api/account without a token, ctx.throw's 401 with WWW-Authenticate: Bearer" "curl -sv" -- -sv $RQ $Q/api/account
    cap $S koa-422-receipts-squid.txt 422 app koa "healthy: a receipt without amount, the app's JSON 422" "curl -si" -- -si $RQ "${NOAMOUNT[@]}" $Q/api/receipts
    capraw $S koa-201-receipts-squid.txt 201 app koa "healthy: a receipt stored" "curl -si saved to a file (CRs kept)" -- -si $RQ "${RECEIPT[@]}" $Q/api/receipts
    cap $S koa-204-hold-squid.txt 204 app koa "healthy: DELETE the hold on order 1, the app's 204" "curl -si" -- -si $RQ -X DELETE $Q/api/orders/1/hold
    caplt $S koa-502-inventory-dep-refused-squid.txt 502 app koa "the inventory service refuses: ctx.throw(502), Koa's bare 'Bad Gateway' text" "curl -sv, only the < lines kept" -- -sv $RQ $Q/api/inventory
    cap $S koa-503-payments-dep-down-squid.txt 503 app koa "the payment provider is down: ctx.throw(503) with Retry-After: 30, 'Service Unavailable'" "curl -si" -- -si $RQ $Q/api/payments
    capwin $S koa-504-quotes-dep-timeout-squid.txt 504 app koa "the pricing service never answers: ctx.throw(504) after 1 s, 'Gateway Timeout'" "curl -si pasted with CRLF" -- -si $RQ $Q/api/quotes
    disk_full koa
    cap $S koa-500-receipts-disk-full-squid.txt 500 app koa "disk full: appendFileSync throws ENOSPC, Koa's 'Internal Server Error'" "curl -sv" -- -sv $RQ "${RECEIPT[@]}" $Q/api/receipts
    capbody body-only-paste body-koa-500-receipts-disk-full.txt 0/500 app koa "Koa's 'Internal Server Error' text (no number in it)" "" -- $RQ "${RECEIPT[@]}" $Q/api/receipts
    disk_ok koa
    cap $S koa-500-thumbnails-out-of-memory-squid.txt 500 app koa "a 1 PiB ArrayBuffer fails (RangeError): the app's JSON 500 naming it" "curl -si" -- -si $RQ $Q/api/thumbnails
    overload koa
    cap $S koa-429-search-overloaded-squid.txt 429 app koa "overloaded: search sheds load, the app's 429 with Retry-After: 10" "curl -sv" -- -sv $RQ $Q/api/search
    cap $S koa-503-bulk-overloaded-squid.txt 503 app koa "overloaded: the worker queue is full, the app's 503 with Retry-After: 20" "curl -si" -- -si $RQ $Q/api/bulk
    unload koa
    cap $S squid-502-feed-closed-before-response.txt 502 cdn-cache squid "the feed destroys the socket without a byte: Squid's ERR_ZERO_SIZE_OBJECT" "curl -sv" -- -sv $RQ $Q/api/feed
    capbody body-only-paste body-squid-502-feed-closed.txt 0/502 cdn-cache squid "Squid's ERR_ZERO_SIZE_OBJECT page (its title names the error, not a number)" "" -- $RQ "$Q/api/feed?from=dashboard"
    stuck koa 60016
    cap $S squid-504-cart-loop-stuck.txt 504 cdn-cache squid "Node's event loop held 6 s by an export: read_timeout 3 seconds, ERR_READ_TIMEOUT" "curl -sv" -- -sv $RQ $Q/api/cart
    unstuck
    restart_app koa v2
    cap $S koa-404-order2-after-deploy-squid.txt 404 app koa "release v2 dropped the orders route: order 2 (never stored), Koa's 'Not Found'" "curl -si" -- -si $RQ $Q/api/orders/2
    capraw $S koa-500-cart-after-deploy-squid.txt 500 app koa "release v2's cart throws a TypeError: Koa's 'Internal Server Error'" "curl -si saved to a file (CRs kept)" -- -si $RQ $Q/api/cart
    restart_app koa v3
    cap $S koa-500-checkout-config-missing-squid.txt 500 app koa "deployed without CHECKOUT_KEY: the app's JSON 500 naming the missing setting" "curl -sv" -- -sv $RQ $Q/api/checkout
    restart_app koa v1
    # rounds 83, 84, 86 and 88 saw Squid 5.7 answer a peer that never listened with a 502
    cap $S squid-502-peer-port-typo.txt 502 cdn-cache squid "the config change with a typo'd peer port (60096 for 60016): Squid's error page" "curl -si" -- -si $RQT $QT/api/cart
    cap $S koa-200-order2-squid-miss-before-kill.txt 200 app koa "order 2, a MISS, just before the kill (max-age=2); after the 1.5 s warm-up" "curl -si" -- -si $RQ $Q/api/orders/2
    kill_app koa
    cap $S squid-200-order2-fresh-hit-app-killed.txt 200 cdn-cache squid "Koa killed: order 2, still fresh, served from Squid's store" "curl -sv; X-Cache: HIT" -- -sv $RQ $Q/api/orders/2
    caphead headers-only-paste head-squid-200-order2-hit-app-killed.txt 200 cdn-cache squid "curl -sI on the fresh order 2 while Koa is down" "" -- $RQ $Q/api/orders/2
    # rounds 83, 85 and 88 saw Squid 5.7 answer a peer that had been up, then refused, with ERR_CONNECT_FAIL 503
    cap $S squid-503-cart-app-killed.txt 503 cdn-cache squid "Koa killed (SIGKILL): connection refused, ERR_CONNECT_FAIL" "curl -si" -- -si $RQ $Q/api/cart
    # round 88 saw Squid 5.7 answer a stale order whose revalidation cannot connect with a 504 ERR_CONNECT_FAIL
    cap $S squid-504-order-stale-revalidation-failed.txt 504 cdn-cache squid "Koa down: order 1 is stale, the revalidation cannot connect: Squid's 504 ERR_CONNECT_FAIL" "curl -sv" -- -sv $RQ $Q/api/orders/1
    start_app koa || die "koa did not come back"
    capwget $S koa-200-cart-first-after-restart-wget.txt 200 app koa "restarted: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:60106" http://127.0.0.1:60106/api/cart
    touch "$RUN/flags/koa/unhealthy"
    HTTPIE_CMD=http caphttp $S koa-503-healthz-failing-squid-httpie.txt 503 app koa "the app's /healthz failing (Squid has no checks): its JSON 503, passed on" "HTTPie with colours" -- -v GET http://127.0.0.1:60106/healthz Host:$H:60106
    rm -f "$RUN/flags/koa/unhealthy"
    cap $S koa-200-healthz-recovered-squid.txt 200 app koa "recovered: /healthz 200" "curl -sv" -- -sv $RQ $Q/healthz
fi

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx caddy haproxy apache varnish squid; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round99/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
