#!/usr/bin/env bash
# capture-round89.sh — build the eighty-ninth held-out evidence corpus in
# tests/fixtures/evidence-round89/.
#
# "Mainstream app servers reached over unix sockets and their native
# protocols": six front + app pairings where the front reaches the app the way
# many production boxes do (front configs and uWSGI inis in
# scripts/corpus/conf-round89/, apps in scripts/corpus/apps88/ and apps89/):
#   - nginx `uwsgi_pass unix:` -> Flask under uWSGI (one process);
#   - Apache mod_proxy_http `unix:...|http://` -> Django on gunicorn (one sync
#     worker, --timeout 3);
#   - Caddy `reverse_proxy unix/` -> Sinatra on Puma (one thread, unix socket);
#   - HAProxy `server hazel-1 unix@...` -> Express on plain node (unix socket);
#   - Varnish -> nginx -> (`uwsgi_pass unix:`) Django under uWSGI;
#   - Squid (accelerator) -> Go net/http (TCP: Squid has no unix socket peers).
# Captured: the apps' own answers (2xx, 4xx, their own 502/503/504 when a
# dependency fails), the app servers' own pages (uWSGI's "Internal Server
# Error" when the app fails to load, gunicorn's 414), the socket refusing
# (SIGKILL leaves the file) and missing (a clean stop removes it), a stuck
# worker (the front's timeout; gunicorn's worker timeout), each front's own
# rules (body limits, denied paths, basic auth, rate limits), front-added
# request ids, cache HITs and 304s, headers-only and body-only pastes.
# Everything is plain HTTP/1.1 between client and front.
#
#   scripts/corpus/capture-round89.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round89.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round89.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every TCP server binds 127.0.0.1 (ports
# 56000-56499), unix sockets live in the runtime dir, and the script stops if
# a socket held by one of its own processes listens anywhere else (another
# helper may run its own servers in its own range meanwhile: those are not
# looked at, and never stopped); every curl, HTTPie and wget request runs
# under `timeout`; every loop is bounded; every server it started is stopped
# on exit, by process id. Labels are written by finish_round89.py, which
# refuses (and this script then leaves the fixtures as they were) when a
# label's status is not the one on the wire.
set -u -o pipefail



HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round89"
RUN=/tmp/api-triage-corpus89-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round89"
APPS88="$HERE/apps88"
APPS89="$HERE/apps89"
APPS75="$HERE/apps75"
NODE_DIR=${CORPUS_NODE89:-/tmp/api-triage-corpus89-node}
GO_DIR=${CORPUS_GO89:-/tmp/api-triage-corpus89-go}
VENV=${CORPUS_VENV89:-/tmp/api-triage-corpus89-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 waitress==3.0.2 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus89 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx caddy haproxy varnish squid golang-go python3-venv nodejs puma ruby-sinatra uwsgi-core uwsgi-plugin-python3)
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$APPS89/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GO_DIR/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
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
# only ours are checked against 127.0.0.1 and 56000-56499) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round89.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,flags,data,sock,www/static}
chmod 755 "$RUN" "$RUN/sock"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
for p in nginx apache2 caddy haproxy varnish squid nodejs golang-go puma ruby-sinatra uwsgi-core uwsgi-plugin-python3; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
[[ -d $NODE_DIR/node_modules/express ]] || die "Express is missing from $NODE_DIR (copy round 86's node folder there)"
build_go
[[ -z ${SKIPPED[nethttp_app]:-} ]] || die "nethttp_app did not build (see $RUN/logs/go-build.log)"

# TCP: nginx (Flask) 56101, Apache 56102, Caddy 56103, HAProxy 56104, Varnish
# 56105 -> nginx 56205, Squid 56106 -> Go net/http 56116. The apps'
# dependencies: 56498 (nobody listens: refused), 56497 (apps75/deps.py
# sleeper: accepts, never answers). Every other app listens on a unix socket
# in $RUN/sock.
TCP_PORTS=(56101 56102 56103 56104 56105 56106 56116 56205 56497 56498)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

wait_sock() {  # wait_sock PATH NAME: bounded wait (30 s) until a unix socket accepts
    local i
    for i in $(seq 1 300); do
        [[ -S $1 ]] && "$PY" -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])' "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    log "$2 did not open $1; its log:"; tail -n 20 "$RUN/logs/$2.log" >&2
    return 1
}

start_bg sleeper nice -n 5 "$PY" "$APPS75/deps.py" sleeper 56497
wait_port 56497 sleeper || die "the sleeper did not start"

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
for a in flask django-g sinatra express django-u nethttp; do mkdir -p "$RUN/flags/$a" "$RUN/data/$a"; done
appenv() { echo env FLAG_DIR="$RUN/flags/$1" DATA_DIR="$RUN/data/$1" DEP_DOWN=127.0.0.1:56498 DEP_SLOW=127.0.0.1:56497 DEPLOY="${2:-v1}" REPLICA="$1-1"; }
uwsgi_ini() {  # uwsgi_ini SRC DEST MODULE CHDIR
    sed -e "s|@RUN@|$RUN|g; s|@VENV@|$VENV|g; s|@APPS88@|$APPS88|g; s|@MODULE@|$3|g; s|@CHDIR@|$4|g" "$1" >"$2"
}
start_app() {  # start_app NAME [v1|v2|broken]: start it and wait for its socket or port
    local n=$1 v=${2:-v1}
    case $n in
    flask)
        if [[ $v == broken ]]; then uwsgi_ini "$CONF/uwsgi-flask.ini" "$RUN/uwsgi-flask.ini" broken_wsgi:application "$APPS89"
        else uwsgi_ini "$CONF/uwsgi-flask.ini" "$RUN/uwsgi-flask.ini" flask_app:app "$APPS88"; fi
        start_bg flask $(appenv flask $v) nice -n 5 uwsgi --ini "$RUN/uwsgi-flask.ini"
        wait_sock "$RUN/sock/sorrel.sock" flask ;;
    django-g) start_bg django-g $(appenv django-g $v) nice -n 5 "$VPY" -m gunicorn --bind "unix:$RUN/sock/gunicorn.sock" \
        --workers 1 --threads 1 --timeout 3 --chdir "$APPS88" --worker-tmp-dir "$RUN/work" django_app:application
        wait_sock "$RUN/sock/gunicorn.sock" django-g ;;
    sinatra) start_bg sinatra $(appenv sinatra $v) nice -n 5 puma -e production -t 1:1 \
        -b "unix://$RUN/sock/puma.sock" "$APPS88/sinatra.ru"
        wait_sock "$RUN/sock/puma.sock" sinatra ;;
    express) start_bg express $(appenv express $v) "${NODEENV[@]}" "$APPS89/express_app.js" "$RUN/sock/express.sock"
        wait_sock "$RUN/sock/express.sock" express ;;
    django-u)
        if [[ $v == broken ]]; then uwsgi_ini "$CONF/uwsgi-django.ini" "$RUN/uwsgi-django.ini" broken_wsgi:application "$APPS89"
        else uwsgi_ini "$CONF/uwsgi-django.ini" "$RUN/uwsgi-django.ini" django_app:application "$APPS88"; fi
        start_bg django-u $(appenv django-u $v) nice -n 5 uwsgi --ini "$RUN/uwsgi-django.ini"
        wait_sock "$RUN/sock/tansy.sock" django-u ;;
    nethttp) start_bg nethttp $(appenv nethttp $v) nice -n 5 "$GO_DIR/nethttp_app" 56116
        wait_port 56116 nethttp ;;
    esac
}
kill_app() {  # kill_app NAME: SIGKILL the server and its workers, as the OOM killer does (a unix socket file stays behind)
    local f=$RUN/pids/$1.pid pid kids
    [[ -e $f ]] || return 0
    pid=$(cat "$f")
    kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null)
    kill -KILL "$pid" $kids 2>/dev/null
    rm -f "$f"
    sleep 0.3
}
stop_app() { stop_name "$1" "${2:-TERM}"; sleep 0.3; }   # a clean stop: the socket file is removed
restart_app() { stop_app "$1" "${3:-TERM}"; start_app "$1" "${2:-v1}"; }
for a in flask django-g sinatra express django-u nethttp; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
start_nginx() {  # start_nginx NAME PORT
    mkdir -p "$RUN/$1/tmp"
    render "$CONF/$1.conf" "$RUN/$1/nginx.conf"
    if nginx -t -p "$RUN/$1" -e "$RUN/$1/error.log" -c "$RUN/$1/nginx.conf" >"$RUN/logs/$1-t.log" 2>&1; then
        start_bg "$1" nginx -p "$RUN/$1" -e "$RUN/$1/error.log" -c "$RUN/$1/nginx.conf" -g 'daemon off;'
        wait_port "$2" "$1"
    else log "SKIP $1: config test failed"; cat "$RUN/logs/$1-t.log" >&2; return 1; fi
}
start_nginx nginx-flask 56101 && UP[nginx]=1
start_nginx nginx-varnish 56205 && UP[nginxv]=1

mkdir -p "$RUN"/apache
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
printf 'ops:%s\n' "$(openssl passwd -apr1 s3cret-ops)" >"$RUN/apache/htpasswd"
chmod 644 "$RUN/apache/htpasswd"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 56102 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
HASH=$(timeout 30 caddy hash-password --plaintext s3cret-ops 2>/dev/null)
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s|@HASH@|$HASH|"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 56103 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 56104 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/tansy.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:56105 -T none -f "$RUN/varnish/tansy.vcl" -n "$RUN/varnish/tansy" -s malloc,16m
wait_port 56105 varnish && up nginxv && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus89 -f "$RUN/squid/squid.conf"
wait_port 56106 squid && UP[squid]=1
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 56000 || p > 56499) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 56000-56499: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 89 (held out): real responses captured by
# scripts/corpus/capture-round89.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-88:
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
BIG=(-X POST "${JSONH[@]}" -d "{\"note\":\"$BIGBODY\"}")
LONGQ=$(head -c 5000 /dev/zero | tr '\0' 'a')
stuck_url() {  # stuck_url CURL-TARGET...: the app's only worker takes /api/export (6 s), in the background
    (in_work timeout 15 curl -s -o /dev/null "$@" || true) &
    STUCK_PID=$!
    sleep 0.4
}
unstuck() { wait "$STUCK_PID" 2>/dev/null; sleep "${1:-0.5}"; }

# ======================================== nginx -> (uwsgi_pass unix:) Flask under uWSGI ==
if up nginx; then
    log "capturing: Flask under uWSGI behind nginx (uwsgi_pass, unix socket)"
    S=flask-uwsgi-nginx-r89
    H=api.sorrel.test N=http://api.sorrel.test:56101 RN="--resolve api.sorrel.test:56101:127.0.0.1"
    cap $S flask-200-order-uwsgi-nginx.txt 200 app flask "order 1 over uwsgi_pass (the first request waits out the 1.5 s warm-up)" "curl -sv; X-Request-ID from nginx" -- -sv $RN $N/api/orders/1
    capcut $S flask-404-order-uwsgi-nginx.txt 404 app flask "order 999: the handler's JSON 404" "curl -si, body cut off after the headers" -- -si $RN $N/api/orders/999
    cap $S flask-404-unknown-route-uwsgi-nginx.txt 404 app flask "a path no route matches: Werkzeug's HTML 404" "curl -si" -- -si $RN $N/api/ordrs
    cap $S flask-502-inventory-dep-refused-uwsgi-nginx.txt 502 app flask "the inventory service refuses: the app's own JSON 502, passed on" "curl -sv" -- -sv $RN $N/api/inventory
    capwin $S flask-503-payments-dep-down-uwsgi-nginx.txt 503 app flask "the payment provider is down: the app's own JSON 503 with Retry-After" "curl -si pasted with CRLF" -- -si $RN $N/api/payments
    caplt $S flask-504-quotes-dep-timeout-uwsgi-nginx.txt 504 app flask "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -sv, only the < lines kept" -- -sv $RN $N/api/quotes
    capbody body-only-paste body-flask-503-payments-dep-down.txt 0/503 app flask "the app's JSON 503 {error, message} (no number in it)" "" -- $RN "$N/api/payments?from=dashboard"
    # nginx's own rules
    cap $S nginx-413-body-too-large-uwsgi.txt 413 proxy nginx "a 2 KB receipt: client_max_body_size 1k, nginx's 413" "curl -sv" -- -sv $RN "${BIG[@]}" $N/api/receipts
    cap $S nginx-403-dotfile-denied-uwsgi.txt 403 proxy nginx "/.env: the dotfile rule (deny all), nginx's 403" "curl -si" -- -si $RN $N/.env
    cap $S flask-404-login-first-uwsgi-nginx.txt 404 app flask "/api/login, the first within the minute (limit_req lets it through): no such route, Werkzeug's 404" "curl -si" -- -si $RN $N/api/login
    cap $S nginx-429-login-rate-limited-uwsgi.txt 429 proxy nginx "/api/login again within the minute: limit_req (1 r/m, nodelay, limit_req_status 429), nginx's 429" "curl -sv" -- -sv $RN $N/api/login
    # the one uWSGI process stuck
    stuck_url $RN $N/api/export
    cap $S nginx-504-order-uwsgi-worker-stuck.txt 504 proxy nginx "uWSGI's one process held 6 s by an export: uwsgi_read_timeout 3s, nginx's 504" "curl -sv" -- -sv $RN $N/api/orders/1
    unstuck 3.5
    stuck_url $RN $N/api/export
    capbody body-only-paste body-nginx-504-uwsgi-worker-stuck.txt 504/504 proxy nginx "nginx's stock 504 page, its title shows 504" "" -- $RN "$N/api/cart?from=dashboard"
    unstuck 3.5
    # a release whose module fails to import: uWSGI starts without an app and answers itself
    restart_app flask broken
    cap $S uwsgi-500-app-failed-to-load-nginx.txt 500 app uwsgi "the release's WSGI module raises KeyError at import (no need-app): uWSGI's own 'Internal Server Error', passed on" "curl -sv" -- -sv $RN $N/api/orders/1
    capraw $S uwsgi-500-cart-app-failed-to-load-nginx.txt 500 app uwsgi "the same broken release, the cart: uWSGI's text 500" "curl -si saved to a file (CRs kept)" -- -si $RN $N/api/cart
    capbody body-only-paste body-uwsgi-500-app-failed-to-load.txt 0/500 app uwsgi "uWSGI's 'Internal Server Error' text (no number in it)" "" -- $RN "$N/api/orders/1?from=dashboard"
    caphead headers-only-paste head-uwsgi-500-app-failed-to-load.txt 500 app uwsgi "curl -sI while the broken release runs" "" -- $RN $N/api/orders/1
    restart_app flask v1
    cap $S flask-200-order-rolled-back-uwsgi-nginx.txt 200 app flask "rolled back: order 1 again, after the 1.5 s warm-up" "curl -si" -- -si $RN $N/api/orders/1
    # uWSGI killed: the socket file stays, nobody accepts (refused)
    kill_app flask
    cap $S nginx-502-uwsgi-killed-socket-refused.txt 502 proxy nginx "uWSGI killed (SIGKILL): the socket file stays, connect() refused, nginx's 502" "curl -sv" -- -sv $RN $N/api/orders/1
    capbody body-only-paste body-nginx-502-uwsgi-killed.txt 502/502 proxy nginx "nginx's stock 502 page, its title shows 502" "" -- $RN "$N/api/cart"
    rm -f "$RUN/sock/sorrel.sock"
    start_app flask || die "flask did not come back"
    # a clean stop: vacuum removes the socket (No such file)
    stop_app flask
    cap $S nginx-502-uwsgi-stopped-socket-missing.txt 502 proxy nginx "uWSGI stopped cleanly, vacuum removed the socket: connect() to a missing file, nginx's 502" "curl -si" -- -si $RN $N/api/cart
    caphead headers-only-paste head-nginx-502-uwsgi-socket-missing.txt 502 proxy nginx "curl -sI while the socket is missing" "" -- $RN $N/api/cart
    start_app flask || die "flask did not come back"
    capwget $S flask-200-order-first-after-restart-uwsgi-wget.txt 200 app flask "started again: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:56101" http://127.0.0.1:56101/api/orders/1
    touch "$RUN/flags/flask/unhealthy"
    HTTPIE_CMD=http caphttp $S flask-503-healthz-failing-uwsgi-nginx-httpie.txt 503 app flask "the app's /healthz failing (nginx has no checks): its JSON 503, passed on" "HTTPie with colours" -- -v GET http://127.0.0.1:56101/healthz Host:$H:56101
    rm -f "$RUN/flags/flask/unhealthy"
    cap $S flask-200-cart-recovered-uwsgi-nginx.txt 200 app flask "recovered: the cart" "curl -sv" -- -sv $RN $N/api/cart
fi

# ==================================== Apache (unix:...|http://) -> Django on gunicorn ==
if up apache; then
    log "capturing: Django on gunicorn (unix socket) behind Apache"
    S=django-gunicorn-apache-unix-r89
    H=api.birch.test AP=http://api.birch.test:56102 RA="--resolve api.birch.test:56102:127.0.0.1"
    cap $S django-200-order-gunicorn-apache.txt 200 app django "order 1 over the unix socket (after the 1.5 s warm-up)" "curl -sv; X-Request-Id from Apache" -- -sv $RA $AP/api/orders/1
    cap $S django-404-order-gunicorn-apache.txt 404 app django "order 999: the app's JSON 404 {errors}" "curl -si" -- -si $RA $AP/api/orders/999
    caplt $S django-404-unknown-route-gunicorn-apache.txt 404 app django "a path no URL pattern matches: Django's HTML 'Not Found'" "curl -sv, only the < lines kept" -- -sv $RA $AP/api/ordrs
    cap $S django-502-inventory-dep-refused-gunicorn-apache.txt 502 app django "the inventory service refuses: the app's own JSON 502" "curl -si" -- -si $RA $AP/api/inventory
    capcut $S django-503-payments-dep-down-gunicorn-apache.txt 503 app django "the payment provider is down: the app's own JSON 503 with Retry-After" "curl -si, body cut off after the headers" -- -si $RA $AP/api/payments
    cap $S django-504-quotes-dep-timeout-gunicorn-apache.txt 504 app django "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -sv" -- -sv $RA $AP/api/quotes
    capbody body-only-paste body-django-504-quotes-dep-timeout.txt 504/504 app django "the app's JSON 504, its status field shows 504" "" -- $RA "$AP/api/quotes?from=dashboard"
    # gunicorn's own page: a request line over its 4094-byte limit (Apache's is 8190)
    cap $S gunicorn-414-request-line-too-long-apache.txt 414 app gunicorn "a 5000-character query string: Apache passes it, gunicorn's limit_request_line 4094 answers its own 414" "curl -si" -- -si $RA "$AP/api/orders/1?q=$LONGQ"
    # Apache's own rules
    # run 1 labelled this 413 from Apache; LimitRequestBody did not stop the proxied 2 KB body and Django stored it (README)
    cap $S django-201-receipts-body-limit-not-applied-gunicorn-apache.txt 201 app django "a 2 KB receipt under LimitRequestBody 1024: not refused by Apache, Django stores it" "curl -sv" -- -sv $RA "${BIG[@]}" $AP/api/receipts
    capraw $S apache-403-internal-denied-gunicorn.txt 403 proxy apache "/internal/: Require all denied, Apache's 403" "curl -si saved to a file (CRs kept)" -- -si $RA $AP/internal/metrics
    cap $S apache-401-admin-basic-auth-gunicorn.txt 401 identity apache "/admin/ without credentials: AuthType Basic, Apache's 401" "curl -sv" -- -sv $RA $AP/admin/
    capwin $S apache-401-admin-wrong-password-gunicorn.txt 401 identity apache "/admin/ with a wrong password: Apache's 401" "curl -si pasted with CRLF" -- -si $RA -u ops:wrong $AP/admin/
    cap $S django-404-admin-authenticated-gunicorn-apache.txt 404 app django "/admin/ with the right password: passed to Django, which has no admin route (HTML 'Not Found')" "curl -si" -- -si $RA -u ops:s3cret-ops $AP/admin/
    # gunicorn's worker timeout: the export holds the one sync worker past --timeout 3, the arbiter kills it
    # run 1 labelled these two 502 from Apache; the aborted worker wrote gunicorn's own 500 page instead (README)
    cap $S gunicorn-500-worker-timeout-apache.txt 500 app gunicorn "/api/export holds the sync worker 6 s: gunicorn's --timeout 3 aborts it mid-request and the worker writes gunicorn's own 500 page, passed on by Apache" "curl -sv" -- -sv $RA $AP/api/export
    capbody body-only-paste body-gunicorn-500-worker-timeout.txt 0/500 app gunicorn "gunicorn's 'Internal Server Error' page (no number in it)" "" -- $RA "$AP/api/export?from=dashboard"
    sleep 2
    restart_app django-g v2
    cap $S django-404-order-after-deploy-gunicorn-apache.txt 404 app django "release v2 dropped the orders route: Django's HTML 'Not Found'" "curl -si" -- -si $RA $AP/api/orders/1
    cap $S django-500-cart-after-deploy-gunicorn-apache.txt 500 app django "release v2's cart raises KeyError: Django's 'Server Error (500)'" "curl -sv" -- -sv $RA $AP/api/cart
    restart_app django-g v1
    cap $S django-200-order-rolled-back-gunicorn-apache.txt 200 app django "rolled back: order 1, after the warm-up" "curl -si" -- -si $RA $AP/api/orders/1
    kill_app django-g
    cap $S apache-503-gunicorn-killed-socket-refused.txt 503 proxy apache "gunicorn killed (SIGKILL): the socket file stays, connect() refused, Apache's 503" "curl -sv" -- -sv $RA $AP/api/orders/1
    caphead headers-only-paste head-apache-503-gunicorn-killed.txt 503 proxy apache "curl -sI while gunicorn is killed" "" -- $RA $AP/api/orders/1
    rm -f "$RUN/sock/gunicorn.sock"
    cap $S apache-503-gunicorn-socket-missing.txt 503 proxy apache "the socket file gone too (as after a clean stop): Apache's 503" "curl -si" -- -si $RA $AP/api/cart
    start_app django-g || die "gunicorn did not come back"
    capwget $S django-200-order-first-after-restart-gunicorn-wget.txt 200 app django "started again: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:56102" http://127.0.0.1:56102/api/orders/1
    HTTPIE_CMD=http caphttp $S django-200-cart-recovered-gunicorn-apache-httpie.txt 200 app django "recovered: the cart" "HTTPie with colours" -- -v GET http://127.0.0.1:56102/api/cart Host:$H:56102
fi

# ====================================== Caddy (reverse_proxy unix/) -> Sinatra on Puma ==
if up caddy; then
    log "capturing: Sinatra on Puma (unix socket) behind Caddy"
    S=sinatra-puma-caddy-unix-r89
    H=api.larch.test C=http://api.larch.test:56103 RC="--resolve api.larch.test:56103:127.0.0.1"
    cap $S sinatra-200-order-puma-caddy.txt 200 app sinatra "order 1 over the unix socket (after the warm-up)" "curl -sv; X-Request-ID from Caddy" -- -sv $RC $C/api/orders/1
    cap $S sinatra-404-order-puma-caddy.txt 404 app sinatra "order 999: the handler's JSON 404" "curl -si" -- -si $RC $C/api/orders/999
    capraw $S sinatra-404-unknown-route-puma-caddy.txt 404 app sinatra "a path no route matches: Sinatra's '<h1>Not Found</h1>'" "curl -si saved to a file (CRs kept)" -- -si $RC $C/api/ordrs
    caplt $S sinatra-502-inventory-dep-refused-puma-caddy.txt 502 app sinatra "the inventory service refuses: the app's own JSON 502" "curl -sv, only the < lines kept" -- -sv $RC $C/api/inventory
    cap $S sinatra-503-payments-dep-down-puma-caddy.txt 503 app sinatra "the payment provider is down: the app's own JSON 503 with Retry-After" "curl -si" -- -si $RC $C/api/payments
    capwin $S sinatra-504-quotes-dep-timeout-puma-caddy.txt 504 app sinatra "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -si pasted with CRLF" -- -si $RC $C/api/quotes
    capbody body-only-paste body-sinatra-502-inventory-dep-refused.txt 0/502 app sinatra "the app's JSON 502 {error, message} (no number in it)" "" -- $RC "$C/api/inventory?from=dashboard"
    # Caddy's own rules
    cap $S caddy-403-internal-respond.txt 403 proxy caddy "/internal/*: 'respond 403' in the Caddyfile, Caddy's empty 403" "curl -sv" -- -sv $RC $C/internal/metrics
    cap $S caddy-401-admin-basicauth.txt 401 identity caddy "/admin/* without credentials: basicauth, Caddy's 401" "curl -sv" -- -sv $RC $C/admin/
    capcut $S caddy-401-admin-wrong-password.txt 401 identity caddy "/admin/* with a wrong password: basicauth, Caddy's 401" "curl -si, body cut off after the headers" -- -si $RC -u ops:wrong $C/admin/
    cap $S sinatra-404-admin-authenticated-puma-caddy.txt 404 app sinatra "/admin/ with the right password: passed to Sinatra, which has no such route" "curl -si" -- -si $RC -u ops:s3cret-ops $C/admin/
    stuck_url --unix-socket "$RUN/sock/puma.sock" http://api.larch.test/api/export
    cap $S caddy-504-order-puma-thread-stuck.txt 504 proxy caddy "Puma's one thread held 6 s by an export: response_header_timeout 3s, Caddy's empty 504" "curl -sv" -- -sv $RC $C/api/orders/1
    unstuck 1
    restart_app sinatra v2
    cap $S sinatra-404-order-after-deploy-puma-caddy.txt 404 app sinatra "release v2 dropped the orders route: Sinatra's '<h1>Not Found</h1>'" "curl -si" -- -si $RC $C/api/orders/1
    cap $S sinatra-500-cart-after-deploy-puma-caddy.txt 500 app sinatra "release v2's cart raises KeyError: Sinatra's HTML 500" "curl -sv" -- -sv $RC $C/api/cart
    restart_app sinatra v1
    cap $S sinatra-200-order-rolled-back-puma-caddy.txt 200 app sinatra "rolled back: order 1, after the warm-up" "curl -si" -- -si $RC $C/api/orders/1
    kill_app sinatra
    cap $S caddy-502-puma-killed-socket-refused.txt 502 proxy caddy "Puma killed (SIGKILL): the socket file stays, connect() refused, Caddy's empty 502" "curl -sv" -- -sv $RC $C/api/orders/1
    caphead headers-only-paste head-caddy-502-puma-killed.txt 502 proxy caddy "curl -sI while Puma is killed" "" -- $RC $C/api/orders/1
    start_app sinatra || die "puma did not come back"
    stop_app sinatra
    capcut $S caddy-502-puma-stopped-socket-missing.txt 502 proxy caddy "Puma stopped cleanly, the socket removed: Caddy's empty 502" "curl -si, body cut off after the headers" -- -si $RC $C/api/cart
    start_app sinatra || die "puma did not come back"
    capwget $S sinatra-200-order-first-after-restart-puma-wget.txt 200 app sinatra "started again: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:56103" http://127.0.0.1:56103/api/orders/1
    touch "$RUN/flags/sinatra/unhealthy"
    HTTPIE_CMD=http caphttp $S sinatra-503-healthz-failing-puma-caddy-httpie.txt 503 app sinatra "the app's /healthz failing (no checks in Caddy): its JSON 503, passed on" "HTTPie with colours" -- -v GET http://127.0.0.1:56103/healthz Host:$H:56103
    rm -f "$RUN/flags/sinatra/unhealthy"
    cap $S sinatra-200-cart-recovered-puma-caddy.txt 200 app sinatra "recovered: the cart" "curl -si" -- -si $RC $C/api/cart
fi

# ============================================= HAProxy (unix@) -> Express on node ==
if up haproxy; then
    log "capturing: Express (unix socket) behind HAProxy"
    S=express-haproxy-unix-r89
    H=api.hazel.test HP=http://api.hazel.test:56104 RH="--resolve api.hazel.test:56104:127.0.0.1"
    cap $S express-200-order-haproxy.txt 200 app express "order 1 over unix@ (after the warm-up)" "curl -sv; X-Request-ID from HAProxy's unique-id" -- -sv $RH $HP/api/orders/1
    cap $S express-404-order-haproxy.txt 404 app express "order 999: the handler's JSON 404" "curl -si" -- -si $RH $HP/api/orders/999
    cap $S express-404-unknown-route-haproxy.txt 404 app express "a path no route matches: Express's 'Cannot GET /api/ordrs'" "curl -sv" -- -sv $RH $HP/api/ordrs
    capraw $S express-502-inventory-dep-refused-haproxy.txt 502 app express "the inventory service refuses: the app's own JSON 502" "curl -si saved to a file (CRs kept)" -- -si $RH $HP/api/inventory
    caplt $S express-503-payments-dep-down-haproxy.txt 503 app express "the payment provider is down: the app's own JSON 503 with Retry-After" "curl -sv, only the < lines kept" -- -sv $RH $HP/api/payments
    cap $S express-504-quotes-dep-timeout-haproxy.txt 504 app express "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -si" -- -si $RH $HP/api/quotes
    capbody body-only-paste body-express-404-unknown-route.txt 0/404 app express "Express's 'Cannot GET' page (its title is 'Error', no number)" "" -- $RH "$HP/api/ordrs?from=dashboard"
    # HAProxy's own rules
    cap $S haproxy-403-internal-denied.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's 403" "curl -sv" -- -sv $RH $HP/internal/metrics
    capwin $S haproxy-401-admin-auth.txt 401 identity haproxy "/admin/ without credentials: http-request auth, HAProxy's 401" "curl -si pasted with CRLF" -- -si $RH $HP/admin/
    cap $S express-404-search-first-haproxy.txt 404 app express "/api/search, the first in 10 s (the limit is 2): Express has no such route" "curl -si" -- -si $RH $HP/api/search
    quiet $RH $HP/api/search
    cap $S haproxy-429-search-rate-limited.txt 429 load-balancer haproxy "/api/search the third time in 10 s: sc_http_req_rate over 2, deny_status 429" "curl -sv" -- -sv $RH $HP/api/search
    caphead headers-only-paste head-haproxy-429-search-rate-limited.txt 429 load-balancer haproxy "curl -sI, the fourth /api/search in 10 s" "" -- $RH $HP/api/search
    stuck_url --unix-socket "$RUN/sock/express.sock" http://api.hazel.test/api/export
    cap $S haproxy-504-order-event-loop-stuck.txt 504 load-balancer haproxy "node's event loop held 6 s by an export: timeout server 3s, HAProxy's 504" "curl -sv" -- -sv $RH $HP/api/orders/1
    unstuck 3
    restart_app express v2
    cap $S express-404-order-after-deploy-haproxy.txt 404 app express "release v2 dropped the orders route: Express's 'Cannot GET /api/orders/1'" "curl -si" -- -si $RH $HP/api/orders/1
    cap $S express-500-cart-after-deploy-haproxy.txt 500 app express "release v2's cart reads a property of undefined (TypeError): Express's '<pre>Internal Server Error</pre>'" "curl -sv" -- -sv $RH $HP/api/cart
    capbody body-only-paste body-express-500-cart-after-deploy.txt 0/500 app express "Express's 'Internal Server Error' page (no number)" "" -- $RH "$HP/api/cart?from=dashboard"
    restart_app express v1
    cap $S express-200-order-rolled-back-haproxy.txt 200 app express "rolled back: order 1, after the warm-up" "curl -si" -- -si $RH $HP/api/orders/1
    kill_app express
    cap $S haproxy-503-node-killed-socket-refused.txt 503 load-balancer haproxy "node killed (SIGKILL): the socket file stays, connect() refused, HAProxy's 503" "curl -sv" -- -sv $RH $HP/api/orders/1
    capbody body-only-paste body-haproxy-503-node-killed.txt 503/503 load-balancer haproxy "HAProxy's stock 503 page, its heading shows 503" "" -- $RH "$HP/api/cart"
    rm -f "$RUN/sock/express.sock"
    cap $S haproxy-503-socket-missing.txt 503 load-balancer haproxy "the socket file gone too: HAProxy's 503" "curl -si" -- -si $RH $HP/api/cart
    start_app express || die "express did not come back"
    capwget $S express-200-order-first-after-restart-wget.txt 200 app express "started again: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:56104" http://127.0.0.1:56104/api/orders/1
    HTTPIE_CMD=http caphttp $S express-200-cart-recovered-haproxy-httpie.txt 200 app express "recovered: the cart" "HTTPie with colours" -- -v GET http://127.0.0.1:56104/api/cart Host:$H:56104
fi

# ============================== Varnish -> nginx -> (uwsgi_pass unix:) Django under uWSGI ==
if up varnish; then
    log "capturing: Django under uWSGI behind nginx behind Varnish"
    S=django-uwsgi-nginx-varnish-r89
    H=api.tansy.test V=http://api.tansy.test:56105 RV="--resolve api.tansy.test:56105:127.0.0.1"
    NV=http://api.tansy.test:56205 RNV="--resolve api.tansy.test:56205:127.0.0.1"
    cap $S django-200-order-varnish-miss-uwsgi.txt 200 app django "order 1, a MISS: Varnish -> nginx -> uWSGI (after the warm-up)" "curl -sv; X-Cache: MISS, X-Request-ID from nginx" -- -sv $RV $V/api/orders/1
    cap $S varnish-200-order-hit-uwsgi.txt 200 cdn-cache varnish "order 1 again within its 2 s: a HIT" "curl -si; X-Cache: HIT" -- -si $RV $V/api/orders/1
    cap $S varnish-304-order-hit-if-none-match.txt 304 cdn-cache varnish "order 1 with If-None-Match of its ETag, still fresh: Varnish's 304 from its store" "curl -sv" -- -sv $RV -H 'If-None-Match: "ta-1001-v1"' $V/api/orders/1
    cap $S django-404-order-varnish-miss-uwsgi.txt 404 app django "order 999: the app's JSON 404 (a MISS; the built-in VCL keeps a 404)" "curl -si" -- -si $RV $V/api/orders/999
    cap $S django-404-order-varnish-hit-uwsgi.txt 404 app django "order 999 again: the app's 404 replayed from Varnish's store (a HIT of the app's answer)" "curl -sv; X-Cache: HIT" -- -sv $RV $V/api/orders/999
    cap $S django-502-inventory-dep-refused-varnish-uwsgi.txt 502 app django "the inventory service refuses: the app's own JSON 502 (passed)" "curl -si" -- -si $RV $V/api/inventory
    caplt $S django-503-payments-dep-down-varnish-uwsgi.txt 503 app django "the payment provider is down: the app's own JSON 503 with Retry-After" "curl -sv, only the < lines kept" -- -sv $RV $V/api/payments
    capcut $S django-504-quotes-dep-timeout-varnish-uwsgi.txt 504 app django "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -si, body cut off after the headers" -- -si $RV $V/api/quotes
    cap $S nginx-404-static-missing-varnish.txt 404 proxy nginx "/static/app.css: nginx serves /static/ from disk, the file is missing, nginx's own 404 (through Varnish)" "curl -si" -- -si $RV $V/static/app.css
    cap $S varnish-405-purge-not-allowed.txt 405 cdn-cache varnish "PURGE /api/orders/1: vcl_recv synth(405)" "curl -sv" -- -sv $RV -X PURGE $V/api/orders/1
    # uWSGI's one process stuck: nginx's 504, passed on by Varnish
    stuck_url $RNV $NV/api/export
    cap $S nginx-504-cart-uwsgi-stuck-varnish.txt 504 proxy nginx "uWSGI's one process held 6 s by an export: nginx's uwsgi_read_timeout 3s, its 504 passed on by Varnish" "curl -sv" -- -sv $RV $V/api/cart
    unstuck 3.5
    # the release that fails to load: uWSGI's own 500 through nginx and Varnish
    restart_app django-u broken
    capwin $S uwsgi-500-cart-app-failed-to-load-varnish.txt 500 app uwsgi "the release's module raises KeyError at import: uWSGI's own 'Internal Server Error', through nginx and Varnish" "curl -si pasted with CRLF" -- -si $RV $V/api/cart
    restart_app django-u v1
    cap $S django-200-cart-rolled-back-varnish-uwsgi.txt 200 app django "rolled back: the cart, after the warm-up" "curl -sv" -- -sv $RV $V/api/cart
    # uWSGI stopped cleanly (socket removed): nginx's 502, passed on by Varnish
    stop_app django-u
    cap $S nginx-502-cart-uwsgi-socket-missing-varnish.txt 502 proxy nginx "uWSGI stopped, its socket removed: nginx's 502, passed on by Varnish" "curl -sv" -- -sv $RV $V/api/cart
    capbody body-only-paste body-nginx-502-uwsgi-socket-missing-varnish.txt 502/502 proxy nginx "nginx's stock 502 page through Varnish, its title shows 502" "" -- $RV "$V/api/cart?from=dashboard"
    cap $S varnish-200-order-grace-uwsgi-down.txt 200 cdn-cache varnish "uWSGI down: order 1 (its 2 s TTL gone) served from grace" "curl -si" -- -si $RV $V/api/orders/1
    start_app django-u || die "django-u did not come back"
    # nginx itself killed: Varnish's own 503
    kill_app nginx-varnish
    cap $S varnish-503-cart-nginx-killed.txt 503 cdn-cache varnish "nginx (Varnish's backend) killed: connection refused, Backend fetch failed" "curl -sv" -- -sv $RV $V/api/cart
    caphead headers-only-paste head-varnish-503-nginx-killed.txt 503 cdn-cache varnish "curl -sI while nginx is down" "" -- $RV $V/api/cart
    capbody body-only-paste body-varnish-503-nginx-killed.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page, its title shows 503" "" -- $RV "$V/api/cart?from=dashboard"
    start_nginx nginx-varnish 56205 || die "nginx-varnish did not come back"
    capwget $S django-200-cart-first-after-restart-varnish-wget.txt 200 app django "nginx back, uWSGI started again: the first answer, after the warm-up" "wget -S -O-" -- --header="Host: $H:56105" http://127.0.0.1:56105/api/cart
    HTTPIE_CMD=http caphttp $S django-200-healthz-recovered-varnish-httpie.txt 200 app django "recovered: /healthz (not under /api/, so looked up; the app's answer)" "HTTPie with colours" -- -v GET http://127.0.0.1:56105/healthz Host:$H:56105
fi

# ================================================= Squid -> Go net/http ==
if up squid; then
    log "capturing: Go net/http behind Squid"
    S=go-nethttp-squid-r89
    H=api.fenwick.test Q=http://api.fenwick.test:56106 RQ="--resolve api.fenwick.test:56106:127.0.0.1"
    cap $S gonethttp-200-order-squid-miss.txt 200 app go-net-http "order 1, a MISS (max-age=2), after the warm-up" "curl -sv; X-Cache: MISS" -- -sv $RQ $Q/api/orders/1
    cap $S squid-200-order-hit.txt 200 cdn-cache squid "order 1 again within its 2 s: a HIT" "curl -si; X-Cache: HIT" -- -si $RQ $Q/api/orders/1
    cap $S squid-304-order-hit-if-none-match.txt 304 cdn-cache squid "order 1 with If-None-Match of its ETag, still fresh: Squid's 304 from its store" "curl -sv" -- -sv $RQ -H 'If-None-Match: "fe-1001-v1"' $Q/api/orders/1
    capwin $S gonethttp-404-order-squid.txt 404 app go-net-http "order 999: the handler's JSON 404" "curl -si pasted with CRLF" -- -si $RQ $Q/api/orders/999
    cap $S gonethttp-404-unknown-route-squid.txt 404 app go-net-http "a path no pattern matches: ServeMux's '404 page not found'" "curl -si" -- -si $RQ $Q/ordrs
    caplt $S gonethttp-502-inventory-dep-refused-squid.txt 502 app go-net-http "the inventory service refuses: the app's own JSON 502" "curl -sv, only the < lines kept" -- -sv $RQ $Q/api/inventory
    cap $S gonethttp-503-payments-dep-down-squid.txt 503 app go-net-http "the payment provider is down: the app's own JSON 503 with Retry-After" "curl -si" -- -si $RQ $Q/api/payments
    capraw $S gonethttp-504-quotes-dep-timeout-squid.txt 504 app go-net-http "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -si saved to a file (CRs kept)" -- -si $RQ $Q/api/quotes
    # Squid's own rules
    cap $S squid-403-internal-denied.txt 403 cdn-cache squid "/internal/: http_access deny, ERR_ACCESS_DENIED" "curl -sv" -- -sv $RQ $Q/internal/metrics
    capbody body-only-paste body-squid-403-internal-denied.txt 0/403 cdn-cache squid "Squid's ERR_ACCESS_DENIED page (its title names the error, not a number)" "" -- $RQ "$Q/internal/metrics?from=dashboard"
    cap $S squid-413-body-too-large.txt 413 cdn-cache squid "a 2 KB receipt: request_body_max_size 1 KB, ERR_TOO_BIG" "curl -si" -- -si $RQ "${BIG[@]}" $Q/api/receipts
    stuck_url http://127.0.0.1:56116/api/export
    capcut $S squid-504-cart-app-stuck.txt 504 cdn-cache squid "the app's one db connection held 6 s by an export: read_timeout 3 seconds, ERR_READ_TIMEOUT" "curl -si, body cut off after the headers" -- -si $RQ $Q/api/cart
    unstuck 3
    restart_app nethttp v2
    cap $S gonethttp-404-order-after-deploy-squid.txt 404 app go-net-http "release v2 dropped the orders route: ServeMux's '404 page not found' (order 2, never stored)" "curl -sv" -- -sv $RQ $Q/api/orders/2
    cap $S gonethttp-500-cart-after-deploy-squid.txt 500 app go-net-http "release v2's cart dereferences nil: recovered into http.Error's 'Internal Server Error'" "curl -si" -- -si $RQ $Q/api/cart
    restart_app nethttp v1
    cap $S gonethttp-200-cart-rolled-back-squid.txt 200 app go-net-http "rolled back: the cart, after the warm-up" "curl -sv" -- -sv $RQ $Q/api/cart
    kill_app nethttp
    # rounds 83, 85 and 88 saw Squid 5.7 answer a peer that had been up, then refused, with ERR_CONNECT_FAIL 503
    cap $S squid-503-cart-app-killed.txt 503 cdn-cache squid "the Go app killed (SIGKILL): connection refused, ERR_CONNECT_FAIL" "curl -sv" -- -sv $RQ $Q/api/cart
    start_app nethttp || die "nethttp did not come back"
    capwget $S gonethttp-200-cart-first-after-restart-squid-wget.txt 200 app go-net-http "started again: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:56106" http://127.0.0.1:56106/api/cart
    HTTPIE_CMD=http caphttp $S gonethttp-200-healthz-recovered-squid-httpie.txt 200 app go-net-http "recovered: /healthz" "HTTPie with colours" -- -v GET http://127.0.0.1:56106/healthz Host:$H:56106
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round89/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
