#!/usr/bin/env bash
# capture-round88.sh — build the eighty-eighth held-out evidence corpus in
# tests/fixtures/evidence-round88/.
#
# "Mainstream incidents as they happen, a second look" (round 75 was the
# first): six mainstream front + app pairings not used together in rounds
# 83-86. While capturing, the script causes what an on-call engineer is paged
# for, and captures what each front and app answers at each step:
#   - the app's own dependency down (its own JSON 502/503/504);
#   - disk full inside the app (its data file pointed at /dev/full: a real
#     ENOSPC, the framework's 500), and back;
#   - the app's only worker stuck (the front's timeout);
#   - a deploy that broke a route (DEPLOY=v2: the framework's 404 and 500),
#     and the rollback;
#   - a typo in the front's config (a second listener whose upstream port
#     has a wrong digit: the front's 502/503);
#   - the app killed (connection refused), a cache serving stale meanwhile;
#   - the app restarted (a 1.5 s warm-up on its first request);
#   - health checks failing at the balancer (HAProxy httpchk, Varnish probe,
#     Caddy active checks);
#   - an untrusted TLS cert between front and app (Apache, Caddy, HAProxy);
#   - recovery (200s again).
# The setups (front configs in scripts/corpus/conf-round88/, apps in
# scripts/corpus/apps88/):
#   - Flask 3.1 under waitress (one thread) behind nginx 1.22;
#   - Koa 2 (@koa/router) behind Apache 2.4;
#   - Sinatra 3 on Puma (one thread) behind Caddy 2.6;
#   - Go net/http behind HAProxy 2.6;
#   - Django 5.2 on gunicorn (one sync worker) behind Varnish 7.1;
#   - FastAPI on uvicorn behind Squid 5.7 (an accelerator).
# Everything is plain HTTP/1.1 between client and front.
#
#   scripts/corpus/capture-round88.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round88.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round88.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 55500-55999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round88.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round88"
RUN=/tmp/api-triage-corpus88-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round88"
APPS88="$HERE/apps88"
APPS75="$HERE/apps75"
NODE_DIR=${CORPUS_NODE88:-/tmp/api-triage-corpus88-node}
GO_DIR=${CORPUS_GO88:-/tmp/api-triage-corpus88-go}
VENV=${CORPUS_VENV88:-/tmp/api-triage-corpus88-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 waitress==3.0.2 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus88 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx caddy haproxy varnish squid golang-go python3-venv nodejs puma ruby-sinatra)
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

install_venv() {  # HTTPie, Flask, waitress, Django, FastAPI, gunicorn, uvicorn (a copy of round 86's venv), from PyPI when missing
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
# only ours are checked against 127.0.0.1 and 55500-55999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round88.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
have openssl || die "openssl is missing"
for p in nginx apache2 caddy haproxy varnish squid nodejs golang-go puma ruby-sinatra; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
[[ -d $NODE_DIR/node_modules/koa && -d $NODE_DIR/node_modules/@koa/router ]] \
    || die "Koa or @koa/router is missing from $NODE_DIR (copy round 85's node folder there)"
build_go
[[ -z ${SKIPPED[nethttp_app]:-} ]] || die "nethttp_app did not build (see $RUN/logs/go-build.log)"

# apps: Flask/waitress 55511, Koa 55512 (+ HTTPS 55522), Sinatra/Puma 55513
# (+ HTTPS 55523), Go net/http 55514 (+ HTTPS 55524), Django/gunicorn 55515,
# FastAPI/uvicorn 55516. Fronts: nginx 55601 (+ typo 55701), Apache 55602
# (+ 55702), Caddy 55603 (+ 55703, health-checked 55803 in front of a second
# Sinatra replica on 55533), HAProxy 55604
# (+ 55704), Varnish 55605 (+ typo instance 55705), Squid 55606 (+ 55706).
# The apps' dependencies: 55998 (nobody listens: refused) and 55997
# (apps75/deps.py sleeper: accepts, never answers). The typo'd upstream ports
# 55591-55596 are never listened on.
APP_PORTS=(55511 55512 55513 55514 55515 55516 55522 55523 55524 55533)
FRONT_PORTS=(55601 55602 55603 55604 55605 55606 55701 55702 55703 55704 55705 55706 55803)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 55591 55592 55593 55594 55595 55596 55997 55998; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: the fronts' cert (the CA they trust upstream) and the apps' own --------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=On-call lab/CN=edge.oncall.test" -addext "subjectAltName=DNS:edge.oncall.test,IP:127.0.0.1" \
    >"$RUN/logs/openssl.log" 2>&1 || die "openssl could not make the fronts' cert"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/app-key.pem" -out "$RUN/tls/app-cert.pem" \
    -subj "/O=App team/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
    >>"$RUN/logs/openssl.log" 2>&1 || die "openssl could not make the apps' cert"
chmod 644 "$RUN/tls/"*.pem

# ---- the apps' dependencies -----------------------------------------------------
start_bg sleeper nice -n 5 "$PY" "$APPS75/deps.py" sleeper 55997
wait_port 55997 sleeper || die "the sleeper did not start"

# ---- apps (each can be stopped, killed and started again) -------------------------
declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
for a in flask koa sinatra nethttp django fastapi; do mkdir -p "$RUN/flags/$a" "$RUN/data/$a"; done
appenv() { echo env FLAG_DIR="$RUN/flags/$1" DATA_DIR="$RUN/data/$1" DEP_DOWN=127.0.0.1:55998 DEP_SLOW=127.0.0.1:55997 DEPLOY="${2:-v1}" REPLICA="$1-1"; }
start_app() {  # start_app NAME [v1|v2]: start it and wait for its port
    local n=$1 v=${2:-v1} port
    case $n in
    flask) port=55511; start_bg flask $(appenv flask $v) PYTHONPATH="$APPS88" nice -n 5 "$VPY" -m waitress \
        --listen=127.0.0.1:55511 --threads=1 flask_app:app ;;
    koa) port=55512; start_bg koa $(appenv koa $v) "${NODEENV[@]}" "$APPS88/koa_app.js" 55512 ;;
    sinatra) port=55513; start_bg sinatra $(appenv sinatra $v) nice -n 5 puma -e production -t 1:1 \
        -b tcp://127.0.0.1:55513 "$APPS88/sinatra.ru" ;;
    nethttp) port=55514; start_bg nethttp $(appenv nethttp $v) nice -n 5 "$GO_DIR/nethttp_app" 55514 ;;
    django) port=55515; start_bg django $(appenv django $v) nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:55515 \
        --workers 1 --threads 1 --chdir "$APPS88" --worker-tmp-dir "$RUN/gunicorn" django_app:application ;;
    fastapi) port=55516; start_bg fastapi $(appenv fastapi $v) nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS88" \
        --host 127.0.0.1 --port 55516 fastapi_app:app ;;
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
for a in flask koa sinatra nethttp django fastapi; do start_app $a || die "$a did not start"; done
# the same apps speaking HTTPS with the apps' own cert (the fronts do not trust it)
start_bg koa-tls $(appenv koa) TLS_KEY="$RUN/tls/app-key.pem" TLS_CERT="$RUN/tls/app-cert.pem" "${NODEENV[@]}" "$APPS88/koa_app.js" 55522
start_bg sinatra-tls $(appenv sinatra) nice -n 5 puma -e production -t 1:1 \
    -b "ssl://127.0.0.1:55523?key=$RUN/tls/app-key.pem&cert=$RUN/tls/app-cert.pem&verify_mode=none" "$APPS88/sinatra.ru"
start_bg nethttp-tls $(appenv nethttp) TLS_KEY="$RUN/tls/app-key.pem" TLS_CERT="$RUN/tls/app-cert.pem" nice -n 5 "$GO_DIR/nethttp_app" 55524
# a second Sinatra replica (larch-2), the only upstream of Caddy's health-checked site (its checks
# would otherwise compete for the live replica's one thread); it shares the live replica's flag folder
start_bg sinatra-2 $(appenv sinatra) REPLICA=sinatra-2 nice -n 5 puma -e production -t 1:1 -b tcp://127.0.0.1:55533 "$APPS88/sinatra.ru"
for p in 55522 55523 55524 55533; do wait_port $p app-tls || die "a TLS app or the second replica did not start on $p"; done

# ---- the fronts -------------------------------------------------------------------
mkdir -p "$RUN"/nginx/tmp
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 55601 nginx && wait_port 55701 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/apache
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 55602 apache && wait_port 55702 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 55603 caddy && wait_port 55703 caddy && wait_port 55803 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 55604 haproxy && wait_port 55704 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/tansy.vcl"
cp "$CONF/varnish-typo.vcl" "$RUN/varnish/tansy-typo.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:55605 -T none -f "$RUN/varnish/tansy.vcl" -n "$RUN/varnish/tansy" -s malloc,16m
start_bg varnish-typo varnishd -F -a 127.0.0.1:55705 -T none -f "$RUN/varnish/tansy-typo.vcl" -n "$RUN/varnish/typo" -s malloc,8m
wait_port 55605 varnish && wait_port 55705 varnish-typo && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus88 -f "$RUN/squid/squid.conf"
wait_port 55606 squid && wait_port 55706 squid && UP[squid]=1
sleep 3   # HAProxy's and Varnish's checks see the apps up

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 55500 || p > 55999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 55500-55999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 88 (held out): real responses captured by
# scripts/corpus/capture-round88.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-87:
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
disk_full() { rm -f "$RUN/data/$1/receipts.log"; ln -s /dev/full "$RUN/data/$1/receipts.log"; }
disk_ok() { rm -f "$RUN/data/$1/receipts.log"; }
stuck() {  # stuck NAME PORT: the app's only worker takes /api/export (6 s), sent straight to the app
    (in_work timeout 15 curl -s -o /dev/null "http://127.0.0.1:$2/api/export" || true) &
    STUCK_PID=$!
    sleep 0.4
}
unstuck() { wait "$STUCK_PID" 2>/dev/null; sleep 0.5; }

# ============================================ nginx -> Flask under waitress ==
if up nginx; then
    log "capturing: Flask (waitress, one thread) behind nginx"
    S=flask-waitress-nginx-r88 A=flask
    H=api.sorrel.test N=http://api.sorrel.test:55601 RN="--resolve api.sorrel.test:55601:127.0.0.1"
    NT=http://api.sorrel.test:55701 RNT="--resolve api.sorrel.test:55701:127.0.0.1"
    cap $S flask-200-order-nginx.txt 200 app flask "before the page: order 1" "curl -sv; X-Request-ID from nginx" -- -sv $RN $N/api/orders/1
    capcut $S flask-404-order-nginx.txt 404 app flask "order 999: the handler's JSON 404" "curl -si, body cut off after the headers" -- -si $RN $N/api/orders/999
    # the app's own dependency down
    cap $S flask-502-inventory-dep-refused-nginx.txt 502 app flask "the inventory service refuses connections: the app's own JSON 502, passed on" "curl -si" -- -si $RN $N/api/inventory
    capwin $S flask-503-payments-dep-down-nginx.txt 503 app flask "the payment provider is down: the app's own JSON 503 with Retry-After" "curl -si pasted with CRLF" -- -si $RN $N/api/payments
    caplt $S flask-504-quotes-dep-timeout-nginx.txt 504 app flask "the pricing service accepts and never answers: the app's own JSON 504 after 1 s" "curl -sv, only the < lines kept" -- -sv $RN $N/api/quotes
    # disk full inside the app
    disk_full flask
    cap $S flask-500-receipts-disk-full-nginx.txt 500 app flask "disk full: the receipts file write fails with ENOSPC, Flask's HTML 500" "curl -sv" -- -sv $RN "${RECEIPT[@]}" $N/api/receipts
    capbody body-only-paste body-flask-500-receipts-disk-full.txt 500/500 app flask "Werkzeug's 500 page (ENOSPC), its title shows 500" "" -- $RN "${RECEIPT[@]}" $N/api/receipts
    disk_ok flask
    cap $S flask-201-receipts-space-freed-nginx.txt 201 app flask "space freed: the receipt is stored" "curl -si" -- -si $RN "${RECEIPT[@]}" $N/api/receipts
    # the only thread stuck
    stuck flask 55511
    cap $S nginx-504-order-thread-stuck.txt 504 proxy nginx "waitress's one thread is held 6 s by an export: proxy_read_timeout 3s, nginx's 504" "curl -sv" -- -sv $RN $N/api/orders/1
    unstuck
    stuck flask 55511
    capbody body-only-paste body-nginx-504-thread-stuck.txt 504/504 proxy nginx "nginx's stock 504 page, its title shows 504" "" -- $RN "$N/api/cart?from=dashboard"
    unstuck
    # a deploy that broke a route, and the rollback
    restart_app flask v2
    cap $S flask-404-order-after-deploy-nginx.txt 404 app flask "release v2 dropped the orders route: Werkzeug's HTML 404" "curl -si" -- -si $RN $N/api/orders/1
    capraw $S flask-500-cart-after-deploy-nginx.txt 500 app flask "release v2's cart reads a setting nobody set (KeyError): Flask's HTML 500" "curl -si saved to a file (CRs kept)" -- -si $RN $N/api/cart
    restart_app flask v1
    cap $S flask-200-order-rolled-back-nginx.txt 200 app flask "rolled back to v1: order 1 again (the first request after the start waits out the 1.5 s warm-up)" "curl -sv" -- -sv $RN $N/api/orders/1
    # a typo in the front's config
    cap $S nginx-502-upstream-port-typo.txt 502 proxy nginx "the config change with a typo'd upstream port (55591 for 55511): nginx's 502" "curl -si" -- -si $RNT $NT/api/orders/1
    # the app killed
    kill_app flask
    cap $S nginx-502-app-killed.txt 502 proxy nginx "waitress killed (SIGKILL): connection refused, nginx's 502" "curl -sv" -- -sv $RN $N/api/orders/1
    caphead headers-only-paste head-nginx-502-app-killed.txt 502 proxy nginx "curl -sI while waitress is down" "" -- $RN $N/api/orders/1
    capbody body-only-paste body-nginx-502-app-killed.txt 502/502 proxy nginx "nginx's stock 502 page, its title shows 502" "" -- $RN "$N/api/cart"
    # restarted
    start_app flask || die "flask did not come back"
    capwget $S flask-200-order-first-after-restart-wget.txt 200 app flask "restarted: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:55601" http://127.0.0.1:55601/api/orders/1
    # the health endpoint failing (nginx has no checks: it passes the app's 503 on)
    touch "$RUN/flags/flask/unhealthy"
    HTTPIE_CMD=http caphttp $S flask-503-healthz-failing-nginx-httpie.txt 503 app flask "the app's /healthz failing (its db check): the app's JSON 503, passed on" "HTTPie with colours" -- -v GET http://127.0.0.1:55601/healthz Host:$H:55601
    rm -f "$RUN/flags/flask/unhealthy"
    # recovery
    cap $S flask-200-healthz-recovered-nginx.txt 200 app flask "recovered: /healthz 200" "curl -si" -- -si $RN $N/healthz
    cap $S flask-200-cart-recovered-nginx.txt 200 app flask "recovered: the cart" "curl -sv" -- -sv $RN $N/api/cart
fi

# ================================================== Apache -> Koa ==
if up apache; then
    log "capturing: Koa behind Apache"
    S=koa-apache-r88
    H=api.wicken.test AP=http://api.wicken.test:55602 RA="--resolve api.wicken.test:55602:127.0.0.1"
    APT=http://api.wicken.test:55702 RAT="--resolve api.wicken.test:55702:127.0.0.1"
    cap $S koa-200-order-apache.txt 200 app koa "before the page: order 1" "curl -sv; X-Request-Id and Via from Apache" -- -sv $RA $AP/api/orders/1
    cap $S koa-404-order-apache.txt 404 app koa "order 999: ctx.throw's text 404" "curl -si" -- -si $RA $AP/api/orders/999
    cap $S koa-502-inventory-dep-refused-apache.txt 502 app koa "the inventory service refuses: ctx.throw(502), Koa's text 'Bad Gateway', passed on" "curl -sv" -- -sv $RA $AP/api/inventory
    capcut $S koa-503-payments-dep-down-apache.txt 503 app koa "the payment provider is down: ctx.throw(503) with Retry-After" "curl -si, body cut off after the headers" -- -si $RA $AP/api/payments
    capraw $S koa-504-quotes-dep-timeout-apache.txt 504 app koa "the pricing service never answers: ctx.throw(504) after 1 s" "curl -si saved to a file (CRs kept)" -- -si $RA $AP/api/quotes
    disk_full koa
    caplt $S koa-500-receipts-disk-full-apache.txt 500 app koa "disk full: appendFileSync throws ENOSPC, Koa's text 500" "curl -sv, only the < lines kept" -- -sv $RA "${RECEIPT[@]}" $AP/api/receipts
    capbody body-only-paste body-koa-500-receipts-disk-full.txt 0/500 app koa "Koa's 'Internal Server Error' text (no number in it)" "" -- $RA "${RECEIPT[@]}" $AP/api/receipts
    disk_ok koa
    cap $S koa-201-receipts-space-freed-apache.txt 201 app koa "space freed: the receipt is stored" "curl -si" -- -si $RA "${RECEIPT[@]}" $AP/api/receipts
    stuck koa 55512
    cap $S apache-502-order-event-loop-stuck.txt 502 proxy apache "Node's event loop held 6 s by an export: ProxyTimeout 3, Apache's 502 Proxy Error" "curl -sv" -- -sv $RA $AP/api/orders/1
    unstuck
    restart_app koa v2
    capwin $S koa-404-order-after-deploy-apache.txt 404 app koa "release v2 dropped the orders route: Koa's text 'Not Found'" "curl -si pasted with CRLF" -- -si $RA $AP/api/orders/1
    cap $S koa-500-cart-after-deploy-apache.txt 500 app koa "release v2's cart throws a TypeError: Koa's text 'Internal Server Error'" "curl -sv" -- -sv $RA $AP/api/cart
    restart_app koa v1
    cap $S koa-200-order-rolled-back-apache.txt 200 app koa "rolled back to v1: order 1 (after the 1.5 s warm-up)" "curl -si" -- -si $RA $AP/api/orders/1
    cap $S apache-503-upstream-port-typo.txt 503 proxy apache "the config change with a typo'd upstream port (55592 for 55512): Apache's 503" "curl -sv" -- -sv $RAT $APT/api/orders/1
    cap $S apache-500-upstream-cert-untrusted.txt 500 proxy apache "/tls/: the app's own self-signed cert, SSLProxyVerify require: Apache's 500 Proxy Error (SSL handshake)" "curl -si" -- -si $RA $AP/tls/api/orders/1
    kill_app koa
    cap $S apache-503-app-killed.txt 503 proxy apache "node killed (SIGKILL): connection refused, Apache's 503" "curl -si" -- -si $RA $AP/api/orders/1
    capbody body-only-paste body-apache-503-app-killed.txt 503/503 proxy apache "Apache's stock 503 page, its title shows 503" "" -- $RA "$AP/api/cart"
    start_app koa || die "koa did not come back"
    capwget $S koa-200-order-first-after-restart-wget.txt 200 app koa "restarted: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:55602" http://127.0.0.1:55602/api/orders/1
    touch "$RUN/flags/koa/unhealthy"
    HTTPIE_CMD=http caphttp $S koa-503-healthz-failing-apache-httpie.txt 503 app koa "the app's /healthz failing: its JSON 503, passed on" "HTTPie with colours" -- -v GET http://127.0.0.1:55602/healthz Host:$H:55602
    rm -f "$RUN/flags/koa/unhealthy"
    caphead headers-only-paste head-koa-200-order-recovered.txt 200 app koa "curl -sI after the recovery" "" -- $RA $AP/api/orders/1
    cap $S koa-200-cart-recovered-apache.txt 200 app koa "recovered: the cart" "curl -sv" -- -sv $RA $AP/api/cart
fi

# ================================================== Caddy -> Sinatra ==
if up caddy; then
    log "capturing: Sinatra (Puma, one thread) behind Caddy"
    S=sinatra-puma-caddy-r88
    H=api.larch.test C=http://api.larch.test:55603 RC="--resolve api.larch.test:55603:127.0.0.1"
    CT=http://api.larch.test:55703 RCT="--resolve api.larch.test:55703:127.0.0.1"
    CH=http://api.larch.test:55803 RCH="--resolve api.larch.test:55803:127.0.0.1"
    cap $S sinatra-200-order-caddy.txt 200 app sinatra "before the page: order 1" "curl -sv; X-Request-ID from Caddy" -- -sv $RC $C/api/orders/1
    caplt $S sinatra-404-order-caddy.txt 404 app sinatra "order 999: the handler's JSON 404" "curl -sv, only the < lines kept" -- -sv $RC $C/api/orders/999
    cap $S sinatra-502-inventory-dep-refused-caddy.txt 502 app sinatra "the inventory service refuses: the app's own JSON 502" "curl -si" -- -si $RC $C/api/inventory
    cap $S sinatra-503-payments-dep-down-caddy.txt 503 app sinatra "the payment provider is down: the app's own JSON 503 with Retry-After" "curl -sv" -- -sv $RC $C/api/payments
    capwin $S sinatra-504-quotes-dep-timeout-caddy.txt 504 app sinatra "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -si pasted with CRLF" -- -si $RC $C/api/quotes
    disk_full sinatra
    cap $S sinatra-500-receipts-disk-full-caddy.txt 500 app sinatra "disk full: Errno::ENOSPC, Sinatra's HTML 500" "curl -si" -- -si $RC "${RECEIPT[@]}" $C/api/receipts
    capbody body-only-paste body-sinatra-500-receipts-disk-full.txt 0/500 app sinatra "Sinatra's '<h1>Internal Server Error</h1>' (no number in it)" "" -- $RC "${RECEIPT[@]}" $C/api/receipts
    disk_ok sinatra
    cap $S sinatra-201-receipts-space-freed-caddy.txt 201 app sinatra "space freed: the receipt is stored" "curl -sv" -- -sv $RC "${RECEIPT[@]}" $C/api/receipts
    stuck sinatra 55513
    cap $S caddy-504-order-thread-stuck.txt 504 proxy caddy "Puma's one thread held 6 s by an export: response_header_timeout 3s, Caddy's empty 504" "curl -sv" -- -sv $RC $C/api/orders/1
    unstuck
    restart_app sinatra v2
    capraw $S sinatra-404-order-after-deploy-caddy.txt 404 app sinatra "release v2 dropped the orders route: Sinatra's '<h1>Not Found</h1>'" "curl -si saved to a file (CRs kept)" -- -si $RC $C/api/orders/1
    cap $S sinatra-500-cart-after-deploy-caddy.txt 500 app sinatra "release v2's cart raises KeyError: Sinatra's HTML 500" "curl -si" -- -si $RC $C/api/cart
    restart_app sinatra v1
    cap $S sinatra-200-order-rolled-back-caddy.txt 200 app sinatra "rolled back to v1: order 1" "curl -sv" -- -sv $RC $C/api/orders/1
    capcut $S caddy-502-upstream-port-typo.txt 502 proxy caddy "the config change with a typo'd upstream port (55593 for 55513): Caddy's empty 502" "curl -si, body cut off after the headers" -- -si $RCT $CT/api/orders/1
    cap $S caddy-502-upstream-cert-untrusted.txt 502 proxy caddy "/tls/*: the app's own self-signed cert, tls_trusted_ca_certs is the fronts' cert: Caddy's empty 502" "curl -sv" -- -sv $RC $C/tls/api/orders/1
    kill_app sinatra
    cap $S caddy-502-app-killed.txt 502 proxy caddy "Puma killed (SIGKILL): connection refused, Caddy's empty 502" "curl -sv" -- -sv $RC $C/api/orders/1
    start_app sinatra || die "sinatra did not come back"
    capwget $S sinatra-200-order-first-after-restart-wget.txt 200 app sinatra "restarted: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:55603" http://127.0.0.1:55603/api/orders/1
    touch "$RUN/flags/sinatra/unhealthy"
    sleep 2.5
    cap $S caddy-503-active-health-checks-failing.txt 503 proxy caddy "the health-checked site (second replica): /healthz answers 503, Caddy's active checks leave no upstream, its empty 503" "curl -sv" -- -sv $RCH $CH/api/orders/1
    caphead headers-only-paste head-caddy-503-health-checks-failing.txt 503 proxy caddy "curl -sI on the health-checked site while the checks fail" "" -- $RCH $CH/api/orders/1
    HTTPIE_CMD=http caphttp $S sinatra-503-healthz-failing-caddy-httpie.txt 503 app sinatra "the app's /healthz itself, through the live site: its JSON 503" "HTTPie with colours" -- -v GET http://127.0.0.1:55603/healthz Host:$H:55603
    rm -f "$RUN/flags/sinatra/unhealthy"
    sleep 2.5
    cap $S sinatra-200-order-health-recovered-caddy.txt 200 app sinatra "recovered: the health-checked site answers again (the second replica)" "curl -si" -- -si $RCH $CH/api/orders/1
    cap $S sinatra-200-cart-recovered-caddy.txt 200 app sinatra "recovered: the cart" "curl -sv" -- -sv $RC $C/api/cart
fi

# ================================================ HAProxy -> Go net/http ==
if up haproxy; then
    log "capturing: Go net/http behind HAProxy"
    S=go-nethttp-haproxy-r88
    H=api.fenwick.test HP=http://api.fenwick.test:55604 RH="--resolve api.fenwick.test:55604:127.0.0.1"
    HPT=http://api.fenwick.test:55704 RHT="--resolve api.fenwick.test:55704:127.0.0.1"
    cap $S gonethttp-200-order-haproxy.txt 200 app go-net-http "before the page: order 1" "curl -sv; X-Request-ID from HAProxy's unique-id" -- -sv $RH $HP/api/orders/1
    cap $S gonethttp-404-order-haproxy.txt 404 app go-net-http "order 999: the handler's JSON 404" "curl -si" -- -si $RH $HP/api/orders/999
    caplt $S gonethttp-502-inventory-dep-refused-haproxy.txt 502 app go-net-http "the inventory service refuses: the app's own JSON 502" "curl -sv, only the < lines kept" -- -sv $RH $HP/api/inventory
    capraw $S gonethttp-503-payments-dep-down-haproxy.txt 503 app go-net-http "the payment provider is down: the app's own JSON 503 with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $RH $HP/api/payments
    cap $S gonethttp-504-quotes-dep-timeout-haproxy.txt 504 app go-net-http "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -sv" -- -sv $RH $HP/api/quotes
    disk_full nethttp
    capcut $S gonethttp-500-receipts-disk-full-haproxy.txt 500 app go-net-http "disk full: http.Error's plain 500 naming ENOSPC" "curl -si, body cut off after the headers" -- -si $RH "${RECEIPT[@]}" $HP/api/receipts
    capbody body-only-paste body-gonethttp-500-receipts-disk-full.txt 0/500 app go-net-http "http.Error's 'internal error: ... no space left on device' (no number in it)" "" -- $RH "${RECEIPT[@]}" $HP/api/receipts
    disk_ok nethttp
    cap $S gonethttp-201-receipts-space-freed-haproxy.txt 201 app go-net-http "space freed: the receipt is stored" "curl -si" -- -si $RH "${RECEIPT[@]}" $HP/api/receipts
    stuck nethttp 55514
    cap $S haproxy-504-order-worker-stuck.txt 504 load-balancer haproxy "the app's one db connection held 6 s by an export: timeout server 3s, HAProxy's 504" "curl -sv" -- -sv $RH $HP/api/orders/1
    unstuck
    stuck nethttp 55514
    capbody body-only-paste body-haproxy-504-worker-stuck.txt 504/504 load-balancer haproxy "HAProxy's stock 504 page, its heading shows 504" "" -- $RH "$HP/api/cart"
    unstuck
    restart_app nethttp v2
    sleep 1.5
    cap $S gonethttp-404-order-after-deploy-haproxy.txt 404 app go-net-http "release v2 dropped the orders route: ServeMux's '404 page not found'" "curl -sv" -- -sv $RH $HP/api/orders/1
    capwin $S gonethttp-500-cart-after-deploy-haproxy.txt 500 app go-net-http "release v2's cart dereferences nil: the panic recovered into http.Error's 'Internal Server Error'" "curl -si pasted with CRLF" -- -si $RH $HP/api/cart
    restart_app nethttp v1
    sleep 1.5
    cap $S gonethttp-200-order-rolled-back-haproxy.txt 200 app go-net-http "rolled back to v1: order 1" "curl -si" -- -si $RH $HP/api/orders/1
    cap $S haproxy-503-upstream-port-typo.txt 503 load-balancer haproxy "the config change with a typo'd server port (55594 for 55514): HAProxy's 503" "curl -sv" -- -sv $RHT $HPT/api/orders/1
    cap $S haproxy-503-upstream-cert-untrusted.txt 503 load-balancer haproxy "/tls/: the app's own self-signed cert, ssl verify required: HAProxy's 503" "curl -si" -- -si $RH $HP/tls/api/orders/1
    kill_app nethttp
    cap $S haproxy-503-app-killed.txt 503 load-balancer haproxy "the app killed (SIGKILL): connection refused, HAProxy's 503" "curl -sv" -- -sv $RH $HP/api/orders/1
    start_app nethttp || die "nethttp did not come back"
    sleep 1.5
    capwget $S gonethttp-200-order-first-after-restart-wget.txt 200 app go-net-http "restarted, the check up again: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:55604" http://127.0.0.1:55604/api/orders/1
    touch "$RUN/flags/nethttp/unhealthy"
    sleep 2.5
    cap $S haproxy-503-health-check-failing.txt 503 load-balancer haproxy "/healthz answers 503, option httpchk (fall 2) marks the only server down: HAProxy's 503" "curl -si" -- -si $RH $HP/api/orders/1
    caphead headers-only-paste head-haproxy-503-health-check-failing.txt 503 load-balancer haproxy "curl -sI while the check fails" "" -- $RH $HP/api/orders/1
    rm -f "$RUN/flags/nethttp/unhealthy"
    sleep 1.5
    HTTPIE_CMD=http caphttp $S gonethttp-200-order-recovered-haproxy-httpie.txt 200 app go-net-http "recovered: the check passes again" "HTTPie with colours" -- -v GET http://127.0.0.1:55604/api/orders/1 Host:$H:55604
    cap $S gonethttp-200-cart-recovered-haproxy.txt 200 app go-net-http "recovered: the cart" "curl -sv" -- -sv $RH $HP/api/cart
fi

# ================================================= Varnish -> Django ==
if up varnish; then
    log "capturing: Django (gunicorn, one sync worker) behind Varnish"
    S=django-gunicorn-varnish-r88
    H=api.tansy.test V=http://api.tansy.test:55605 RV="--resolve api.tansy.test:55605:127.0.0.1"
    VT=http://api.tansy.test:55705 RVT="--resolve api.tansy.test:55705:127.0.0.1"
    cap $S django-200-order-varnish-miss.txt 200 app django "before the page: order 1, a MISS (kept 2 s, grace 1 h)" "curl -sv; X-Cache: MISS" -- -sv $RV $V/api/orders/1
    cap $S varnish-200-order-hit.txt 200 cdn-cache varnish "order 1 again within its 2 s: a HIT" "curl -si; X-Cache: HIT" -- -si $RV $V/api/orders/1
    capcut $S django-404-order-varnish.txt 404 app django "order 999: the app's JSON 404 (errors are not stored)" "curl -si, body cut off after the headers" -- -si $RV $V/api/orders/999
    cap $S django-502-inventory-dep-refused-varnish.txt 502 app django "the inventory service refuses: the app's own JSON 502 (passed)" "curl -sv" -- -sv $RV $V/api/inventory
    capbody body-only-paste body-django-502-inventory-dep-refused.txt 502/502 app django "the app's JSON 502, its status field shows 502" "" -- $RV "$V/api/inventory?from=dashboard"
    capwin $S django-503-payments-dep-down-varnish.txt 503 app django "the payment provider is down: the app's own JSON 503 with Retry-After" "curl -si pasted with CRLF" -- -si $RV $V/api/payments
    caplt $S django-504-quotes-dep-timeout-varnish.txt 504 app django "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -sv, only the < lines kept" -- -sv $RV $V/api/quotes
    disk_full django
    cap $S django-500-receipts-disk-full-varnish.txt 500 app django "disk full: OSError ENOSPC, Django's 'Server Error (500)'" "curl -si" -- -si $RV "${RECEIPT[@]}" $V/api/receipts
    capbody body-only-paste body-django-500-receipts-disk-full.txt 500/500 app django "Django's 'Server Error (500)' page" "" -- $RV "${RECEIPT[@]}" $V/api/receipts
    disk_ok django
    cap $S django-201-receipts-space-freed-varnish.txt 201 app django "space freed: the receipt is stored" "curl -sv" -- -sv $RV "${RECEIPT[@]}" $V/api/receipts
    stuck django 55515
    cap $S varnish-503-cart-worker-stuck.txt 503 cdn-cache varnish "gunicorn's one sync worker held 6 s by an export: first_byte_timeout 3s, Backend fetch failed" "curl -sv" -- -sv $RV $V/api/cart
    unstuck
    sleep 3   # the probe sees the worker again
    restart_app django v2
    sleep 3
    cap $S django-404-order2-after-deploy-varnish.txt 404 app django "release v2 dropped the orders route: order 2 (never stored), Django's HTML 'Not Found'" "curl -si" -- -si $RV $V/api/orders/2
    capraw $S django-500-cart-after-deploy-varnish.txt 500 app django "release v2's cart raises KeyError: Django's 'Server Error (500)'" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/cart
    restart_app django v1
    sleep 3
    cap $S django-200-cart-rolled-back-varnish.txt 200 app django "rolled back to v1: the cart (passed), after the 1.5 s warm-up" "curl -sv" -- -sv $RV $V/api/cart
    cap $S varnish-503-backend-port-typo.txt 503 cdn-cache varnish "a second varnishd with the typo'd VCL (backend port 55595 for 55515): Backend fetch failed" "curl -si" -- -si $RVT $VT/api/cart
    kill_app django
    cap $S varnish-503-cart-app-killed.txt 503 cdn-cache varnish "gunicorn killed (SIGKILL): a passed path, Backend fetch failed" "curl -sv" -- -sv $RV $V/api/cart
    capbody body-only-paste body-varnish-503-app-killed.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page, its title shows 503" "" -- $RV "$V/api/cart?from=dashboard"
    cap $S varnish-200-order-stale-app-killed.txt 200 cdn-cache varnish "gunicorn down: order 1 (TTL gone) served from grace" "curl -si" -- -si $RV $V/api/orders/1
    caphead headers-only-paste head-varnish-200-order-stale-app-killed.txt 200 cdn-cache varnish "curl -sI on order 1 while gunicorn is down: the grace copy" "" -- $RV $V/api/orders/1
    start_app django || die "django did not come back"
    sleep 3
    capwget $S django-200-cart-first-after-restart-wget.txt 200 app django "restarted, the probe healthy again: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:55605" http://127.0.0.1:55605/api/cart
    touch "$RUN/flags/django/unhealthy"
    sleep 3.5
    cap $S varnish-503-cart-probe-sick.txt 503 cdn-cache varnish "/healthz answers 503, the probe marks the backend sick: Backend fetch failed on a passed path" "curl -sv" -- -sv $RV $V/api/cart
    HTTPIE_CMD=http caphttp $S varnish-200-order-stale-probe-sick-httpie.txt 200 cdn-cache varnish "backend sick: order 1 served from grace" "HTTPie with colours" -- -v GET http://127.0.0.1:55605/api/orders/1 Host:$H:55605
    rm -f "$RUN/flags/django/unhealthy"
    sleep 3
    cap $S django-200-order2-recovered-varnish.txt 200 app django "recovered: order 2, a MISS" "curl -si" -- -si $RV $V/api/orders/2
fi

# ================================================= Squid -> FastAPI ==
if up squid; then
    log "capturing: FastAPI behind Squid"
    S=fastapi-uvicorn-squid-r88
    H=api.quillon.test Q=http://api.quillon.test:55606 RQ="--resolve api.quillon.test:55606:127.0.0.1"
    QT=http://api.quillon.test:55706 RQT="--resolve api.quillon.test:55706:127.0.0.1"
    cap $S fastapi-200-order-squid-miss.txt 200 app fastapi "before the page: order 1, a MISS (max-age=2)" "curl -sv; X-Cache: MISS" -- -sv $RQ $Q/api/orders/1
    cap $S squid-200-order-hit.txt 200 cdn-cache squid "order 1 again within its 2 s: a HIT" "curl -si; X-Cache: HIT" -- -si $RQ $Q/api/orders/1
    cap $S fastapi-404-order-squid.txt 404 app fastapi "order 999: HTTPException's {\"detail\"} 404" "curl -si" -- -si $RQ $Q/api/orders/999
    capraw $S fastapi-502-inventory-dep-refused-squid.txt 502 app fastapi "the inventory service refuses: HTTPException(502), {\"detail\"}" "curl -si saved to a file (CRs kept)" -- -si $RQ $Q/api/inventory
    cap $S fastapi-503-payments-dep-down-squid.txt 503 app fastapi "the payment provider is down: HTTPException(503) with Retry-After" "curl -sv" -- -sv $RQ $Q/api/payments
    capbody body-only-paste body-fastapi-503-payments-dep-down.txt 0/503 app fastapi "{\"detail\":\"payment provider unavailable\"} (no number in it)" "" -- $RQ "$Q/api/payments?from=dashboard"
    capcut $S fastapi-504-quotes-dep-timeout-squid.txt 504 app fastapi "the pricing service never answers: HTTPException(504) after 1 s" "curl -si, body cut off after the headers" -- -si $RQ $Q/api/quotes
    disk_full fastapi
    caplt $S fastapi-500-receipts-disk-full-squid.txt 500 app fastapi "disk full: OSError ENOSPC, Starlette's plain 'Internal Server Error'" "curl -sv, only the < lines kept" -- -sv $RQ "${RECEIPT[@]}" $Q/api/receipts
    capbody body-only-paste body-fastapi-500-receipts-disk-full.txt 0/500 app fastapi "Starlette's 'Internal Server Error' text (no number in it)" "" -- $RQ "${RECEIPT[@]}" $Q/api/receipts
    disk_ok fastapi
    cap $S fastapi-201-receipts-space-freed-squid.txt 201 app fastapi "space freed: the receipt is stored" "curl -si" -- -si $RQ "${RECEIPT[@]}" $Q/api/receipts
    stuck fastapi 55516
    cap $S squid-504-cart-loop-stuck.txt 504 cdn-cache squid "uvicorn's event loop held 6 s by an export: read_timeout 3 seconds, ERR_READ_TIMEOUT" "curl -sv" -- -sv $RQ $Q/api/cart
    unstuck
    restart_app fastapi v2
    capwin $S fastapi-404-order2-after-deploy-squid.txt 404 app fastapi "release v2 dropped the orders route: order 2 (never stored), Starlette's {\"detail\":\"Not Found\"}" "curl -si pasted with CRLF" -- -si $RQ $Q/api/orders/2
    cap $S fastapi-500-cart-after-deploy-squid.txt 500 app fastapi "release v2's cart raises KeyError: Starlette's plain 500" "curl -sv" -- -sv $RQ $Q/api/cart
    restart_app fastapi v1
    cap $S fastapi-200-cart-rolled-back-squid.txt 200 app fastapi "rolled back to v1: the cart (not stored), after the 1.5 s warm-up" "curl -si" -- -si $RQ $Q/api/cart
    # rounds 83, 84 and 86 saw Squid 5.7 answer a peer that never listened with a 502 (ERR_READ_ERROR)
    cap $S squid-502-peer-port-typo.txt 502 cdn-cache squid "the config change with a typo'd peer port (55596 for 55516): Squid's error page" "curl -sv" -- -sv $RQT $QT/api/cart
    cap $S fastapi-200-order2-squid-miss-before-kill.txt 200 app fastapi "order 2, a MISS, just before the kill (max-age=2)" "curl -si" -- -si $RQ $Q/api/orders/2
    kill_app fastapi
    cap $S squid-200-order2-fresh-hit-app-killed.txt 200 cdn-cache squid "uvicorn killed: order 2, still fresh, served from Squid's store" "curl -sv; X-Cache: HIT" -- -sv $RQ $Q/api/orders/2
    # rounds 83 and 85 saw Squid 5.7 answer a peer that had been up, then refused, with ERR_CONNECT_FAIL 503
    cap $S squid-503-cart-app-killed.txt 503 cdn-cache squid "uvicorn killed (SIGKILL): connection refused, ERR_CONNECT_FAIL" "curl -si" -- -si $RQ $Q/api/cart
    capbody body-only-paste body-squid-503-app-killed.txt 0/503 cdn-cache squid "Squid's ERR_CONNECT_FAIL page (its title names the error, not a number)" "" -- $RQ "$Q/api/cart?from=dashboard"
    # run 1 labelled these two 200 (a stale copy served); Squid 5.7 answered 504 ERR_CONNECT_FAIL instead (README)
    cap $S squid-504-order-stale-revalidation-failed.txt 504 cdn-cache squid "uvicorn down: order 1 is stale, the revalidation cannot connect: Squid's 504 ERR_CONNECT_FAIL, not the stale copy" "curl -sv" -- -sv $RQ $Q/api/orders/1
    caphead headers-only-paste head-squid-504-order-stale-revalidation-failed.txt 504 cdn-cache squid "curl -sI on the stale order 1 while uvicorn is down" "" -- $RQ $Q/api/orders/1
    start_app fastapi || die "fastapi did not come back"
    capwget $S fastapi-200-cart-first-after-restart-wget.txt 200 app fastapi "restarted: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:55606" http://127.0.0.1:55606/api/cart
    touch "$RUN/flags/fastapi/unhealthy"
    HTTPIE_CMD=http caphttp $S fastapi-503-healthz-failing-squid-httpie.txt 503 app fastapi "the app's /healthz failing (Squid has no checks): its JSON 503, passed on" "HTTPie with colours" -- -v GET http://127.0.0.1:55606/healthz Host:$H:55606
    rm -f "$RUN/flags/fastapi/unhealthy"
    cap $S fastapi-200-order-no-cache-recovered-squid.txt 200 app fastapi "recovered: order 1 with Cache-Control: no-cache, fetched from the app" "curl -si" -- -si $RQ -H 'Cache-Control: no-cache' $Q/api/orders/1
    cap $S fastapi-200-healthz-recovered-squid.txt 200 app fastapi "recovered: /healthz 200" "curl -sv" -- -sv $RQ $Q/healthz
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round88/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
