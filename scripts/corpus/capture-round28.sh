#!/usr/bin/env bash
# capture-round28.sh — build the twenty-eighth held-out evidence corpus in
# tests/fixtures/evidence-round28/.
#
# Apps as they run in production, so their own errors are the generic ones,
# behind the fronts they usually sit behind, and the classic breakages of a
# deploy. A plain PHP API on PHP-FPM behind nginx (fastcgi_pass: the www
# pool, a pool with one child, a pool with request_terminate_timeout, the
# old wiki's SCRIPT_FILENAME, a root and a socket left over from the last
# release) and behind Apache (mod_proxy_fcgi); Django with DEBUG=False under
# gunicorn behind nginx (unix socket, h2c) and behind Caddy; Rails 6.1 in
# production under Puma behind Apache (also h2c) and behind HAProxy; Express
# in production behind HAProxy; Flask with a JSON error handler behind
# Caddy; a Go net/http API behind Apache; a Flask build that aborts on every
# request behind nginx and HAProxy. Paste forms: curl -sv/-si transcripts
# (some with their CRs, some with CRLF), HTTPie with colours, wget -S,
# body-only and headers-only pastes, HTTP/2 (h2c).
#
#   scripts/corpus/capture-round28.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round28.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round28.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round28.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports 46000-46999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs and builds run under
# `nice -n 15`. Labels are written by finish_round28.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round28"
RUN=/tmp/api-triage-corpus28
STAGE="$RUN/evidence"
CONF="$HERE/conf-round28"
APPS="$HERE/apps28"
VENV=${CORPUS_VENV28:-/tmp/api-triage-corpus28-venv}
NODE_DIR=${CORPUS_NODE28:-/tmp/api-triage-corpus28-node}
GODIR=${CORPUS_GO28:-/tmp/api-triage-corpus28-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(flask==3.1.3 gunicorn==27.0.1 django==5.2.19)
NPM=(express@5.3.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus28 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget python3-venv nodejs golang-go php8.2-fpm ruby-rails puma apache2 nginx haproxy caddy)
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


install_venv() {  # Flask, Django and gunicorn, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, django, gunicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # Express, from npm
    [[ -e $NODE_DIR/node_modules/express/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus28","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # net/http only, offline
    [[ -x $GODIR/go_app && $GODIR/go_app -nt $APPS/go_app.go ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the Go app is not built"; return 0; }
    mkdir -p "$GODIR"
    log "go build"
    (cd "$APPS" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR" GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GODIR/go_app" go_app.go) >"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[go]="go build failed (see logs/go-build.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GODIR/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
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
            # a worker or child a server left behind (php-fpm, daphne)
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
    if ! FINISH_FORM=${FORM:-i} FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round28.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
        MISMATCH=$((MISMATCH + 1))
    fi
    COUNT=$((COUNT + 1))
}

# how the finish script reads the status: the last `< HTTP/..` of curl -v, the
# first `HTTP/..` line of curl -i
form_of() { local a; for a in "$@"; do [[ $a == -sv || $a == -v ]] && { echo v; return; }; done; echo i; }

# cap SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# A whole transcript as copied from a terminal (CRs gone).
cap() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl "$@" >"$dest"
    in_work timeout 20 curl "$@" >>"$dest" 2>&1
    local FORM=$(form_of "$@")
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
    local FORM=body
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
    local FORM=i
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only 0
}

# caphttp SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- HTTPIE-ARGS...
# HTTPie with colours forced on (as it looks when pasted from a terminal).
caphttp() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    have httpie || return 0
    cmdline http "$@" >"$dest"
    in_work timeout 20 "$HTTPIE" --ignore-stdin --pretty=all --style=monokai --timeout=10 "$@" >>"$dest" 2>&1
    local FORM=httpie
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
    local FORM=i
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
    local FORM=wget
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
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
build_go
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "Express is missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/go_app ]] || die "the Go app did not build (${SKIPPED[go]:-?})"

APP_PORTS=(46010 46013 46014 46015 46016)
OTHER_PORTS=(46012 46018 46019 46050 46051 46052 46053 46054 46060 46061 46062 46065 46066 46070 46071 46072)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" 46095 46096 46097 46098; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

wait_sock() {  # bounded wait (30 s) for a unix socket
    local i
    for i in $(seq 1 300); do [[ -S $1 ]] && return 0; sleep 0.1; done
    log "$2 did not create $1"; tail -n 20 "$RUN/logs/$2.log" >&2; return 1
}

# ---- apps -------------------------------------------------------------------
declare -A UP=()
mkdir -p "$RUN/django"
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 2 --timeout 30)
# Django: the db file exists, `migrate` was never run
start_bg django-tcp env DJANGO_DB="$RUN/django/db.sqlite3" "${GUNICORN[@]}" -b 127.0.0.1:46010 django_app:application
start_bg django-sock env DJANGO_DB="$RUN/django/db.sqlite3" "${GUNICORN[@]}" -b "unix:$RUN/django/gunicorn.sock" django_app:application
start_bg flask "${GUNICORN[@]}" -b 127.0.0.1:46014 flask_app:app
start_bg flask-crash env FLASK_CRASH=1 "${GUNICORN[@]}" -b 127.0.0.1:46016 flask_app:app
start_bg express env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_app.js" 46013
start_bg go nice -n 5 "$GODIR/go_app" 46015
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done
wait_sock "$RUN/django/gunicorn.sock" django-sock || die "Django on the unix socket did not start"
chmod 777 "$RUN/django" "$RUN/django/gunicorn.sock"
if have ruby-rails && have puma; then
    mkdir -p "$RUN/rails/public"
    cp "$APPS"/rails_public/*.html "$RUN/rails/public/"
    start_bg puma-rails env RAILS_PUBLIC="$RUN/rails/public" nice -n 5 puma -e production -t 2:8 \
        -b tcp://127.0.0.1:46012 "$APPS/rails_app.ru"
    wait_port 46012 puma-rails && UP[rails]=1
fi
if have php8.2-fpm; then
    mkdir -p "$RUN"/php-fpm "$RUN"/php
    cp "$APPS"/php/*.php "$RUN/php/"
    render "$CONF/php-fpm.conf" "$RUN/php-fpm/php-fpm.conf"
    chown -R www-data: "$RUN/php-fpm" "$RUN/php" 2>/dev/null || true
    start_bg php-fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/php-fpm.conf"
    wait_port 46019 php-fpm && wait_port 46018 php-fpm && wait_sock "$RUN/php-fpm/exports.sock" php-fpm && UP[php]=1
fi

# ---- front layers ------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 46050 nginx && wait_port 46054 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 46060 apache && wait_port 46062 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 46065 caddy && wait_port 46066 caddy && UP[caddy]=1
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 46070 haproxy && wait_port 46072 haproxy && UP[haproxy]=1
fi
sleep 5  # HAProxy's health checks settle (inter 2s, rise 2 / fall 3)

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 28 (held out): real responses captured by
# scripts/corpus/capture-round28.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as the earlier rounds:
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

A=http://127.0.0.1
NP=$A:46050 NS=$A:46051 ND=$A:46052 NH=$A:46053 NC=$A:46054
AP=$A:46060 AR=$A:46061 AG=$A:46062
CD=$A:46065 CF=$A:46066
HR=$A:46070 HE=$A:46071 HC=$A:46072
JSONH=(-H 'Content-Type: application/json')
head -c 2097152 /dev/zero | tr '\0' x >"$RUN/work/scan.pdf"      # a 2 MiB upload
head -c 102400 /dev/zero | tr '\0' x >"$RUN/work/label.png"      # 100 KiB
printf '{"items":["%s"]}' "$(head -c 204800 /dev/zero | tr '\0' x)" >"$RUN/work/cart.json"  # 200 KiB JSON
H2=--http2-prior-knowledge

# ========================================================= PHP-FPM + nginx ==
if up nginx && up php; then
    log "capturing: the PHP API on PHP-FPM behind nginx"
    S=php-fpm-nginx
    cap $S php-404-json-nginx.txt 404 app php "unknown invoice: the API's JSON 404" "X-Powered-By: PHP/8.2" -- -sv $NP/api/invoices/7
    cap $S php-422-nginx.txt 422 app php "POST with amount 0: the API's JSON 422" "curl -si" -- -si "${JSONH[@]}" -d '{"amount":0}' $NP/api/invoices
    cap $S php-405-nginx.txt 405 app php "GET on the POST-only collection: the API's JSON 405 with Allow" "curl -si" -- -si $NP/api/invoices
    caphttp $S php-401-httpie-nginx.txt 401 app php "HTTPie, no token: the API's JSON 401" "HTTPie with colours" -- -v GET $NP/api/admin/reports
    cap $S php-500-empty-nginx.txt 500 app php "an Error (method on null), display_errors off: PHP's empty 500" "chunked, nothing in it" -- -sv $NP/api/boom
    cap $S php-500-missing-include-nginx.txt 500 app php "a require of a config file the deploy did not ship: fatal, the empty 500" "curl -si" -- -si $NP/api/report
    capwin $S php-503-maintenance-nginx.txt 503 app php "the API's maintenance 503" "curl -si pasted with CRLF" -- -si $NP/api/maintenance
    capraw $S php-201-created-nginx.txt 201 app php "a valid invoice" "curl -si saved to a file (CRs kept)" -- -si "${JSONH[@]}" -d '{"amount":1200}' $NP/api/invoices
    cap $S nginx-504-fastcgi-timeout.txt 504 proxy nginx "the script sleeps 5 s, fastcgi_read_timeout 2s" "nginx's stock 504 page" -- -sv $NP/api/slow
    capwin $S nginx-504-fastcgi-timeout-crlf.txt 504 proxy nginx "the same timeout on the reports endpoint" "curl -si pasted with CRLF" -- -si "$NP/api/slow?month=11"
    cap $S phpfpm-404-script-filename.txt 404 app php-fpm "SCRIPT_FILENAME /scripts\$fastcgi_script_name (the old wiki's example): 'Primary script unknown', PHP-FPM's 'File not found.'" "" -- -sv $NP/tools/cleanup.php
    cap $S nginx-413-upload.txt 413 proxy nginx "a 2 MiB attachment over client_max_body_size (the default 1m)" "" -- -sv -H 'Content-Type: application/pdf' --data-binary @scan.pdf $NP/api/invoices
    caphttp $S nginx-413-upload-httpie.txt 413 proxy nginx "HTTPie uploading the 2 MiB PDF: client_max_body_size" "HTTPie with colours" -- -v POST $NP/api/invoices @scan.pdf
    # the exports pool has one child: hold it with a slow export, then ask for anything
    (in_work timeout 10 curl -s -o /dev/null $NP/exports/api/slow &) ; sleep 0.5
    cap $S nginx-504-max-children.txt 504 proxy nginx "the exports pool's only child is busy (pm.max_children = 1): the request waits in the socket's backlog until fastcgi_read_timeout 2s" "" -- -sv $NP/exports/api/health
    sleep 3
    cap $S nginx-502-request-terminate.txt 502 proxy nginx "request_terminate_timeout 2s kills the child mid-request: 'upstream prematurely closed FastCGI stdout'" "curl -si" -- -si $NP/batch/api/slow

    S=php-fpm-nginx-stale-release
    cap $S phpfpm-404-stale-root.txt 404 app php-fpm "root still points to a release directory that was cleaned up: PHP-FPM's 'File not found.' on every request" "" -- -sv $NS/api/invoices/1
    capwget $S phpfpm-404-stale-root-wget.txt 404 app php-fpm "wget, the same stale root" "wget -S -O-" -- $NS/api/health
    cap $S nginx-502-stale-fpm-socket.txt 502 proxy nginx "fastcgi_pass still names the php8.1-fpm socket after the upgrade: connect() fails, nginx's 502" "" -- -sv $NS/v2/api/invoices/1
    caphttp $S nginx-502-stale-fpm-socket-httpie.txt 502 proxy nginx "HTTPie, the same stale socket" "HTTPie with colours" -- -v GET $NS/v2/api/health
    capwget $S nginx-502-stale-fpm-socket-wget.txt 502 proxy nginx "wget, the stale php8.1-fpm socket" "wget -S -O-" -- $NS/v2/api/invoices/2
fi

# ======================================================== PHP-FPM + Apache ==
if up apache && up php; then
    log "capturing: the PHP API on PHP-FPM behind Apache mod_proxy_fcgi"
    S=php-fpm-apache
    cap $S php-404-json-apache.txt 404 app php "unknown invoice: the API's JSON 404" "Server: Apache/2.4.71 (Debian)" -- -sv $AP/api/invoices/7
    cap $S php-422-apache.txt 422 app php "POST with amount 0: the API's JSON 422" "curl -si" -- -si "${JSONH[@]}" -d '{"amount":-5}' $AP/api/invoices
    cap $S php-500-empty-apache.txt 500 app php "an Error, display_errors off: PHP's empty 500" "" -- -sv $AP/api/boom
    capraw $S php-500-missing-include-apache.txt 500 app php "a missing include after a deploy: the empty 500" "curl -si saved to a file (CRs kept)" -- -si $AP/api/report
    caphttp $S php-503-httpie-apache.txt 503 app php "HTTPie: the API's maintenance 503" "HTTPie with colours" -- -v GET $AP/api/maintenance
    cap $S apache-504-fcgi-timeout.txt 504 proxy apache "the script sleeps 5 s, ProxyTimeout 2 on mod_proxy_fcgi" "" -- -sv $AP/api/slow
    caphttp $S apache-504-fcgi-timeout-httpie.txt 504 proxy apache "HTTPie: ProxyTimeout 2 on mod_proxy_fcgi" "HTTPie with colours" -- -v GET $AP/api/slow
    cap $S phpfpm-404-legacy-docroot.txt 404 app php-fpm "ProxyPassMatch to a docroot that no longer exists: PHP-FPM's 'File not found.'" "curl -si" -- -si $AP/legacy/export.php
    cap $S apache-404-missing-script.txt 404 app apache "a .php file that does not exist: Apache, the origin web server, answers 404" "" -- -sv $AP/old/invoice.php
    capwin $S php-401-apache.txt 401 app php "no token: the API's JSON 401" "curl -si pasted with CRLF" -- -si $AP/api/admin/reports
fi

# ======================================== Django (DEBUG=False) + nginx, unix socket ==
if up nginx; then
    log "capturing: Django with DEBUG=False under gunicorn behind nginx"
    S=django-nginx-socket
    cap $S django-404-page-nginx.txt 404 app django "Http404 with DEBUG=False: Django's stock 'Not Found' page" "" -- -sv $ND/api/orders/7
    cap $S django-404-unrouted-nginx.txt 404 app django "no URL pattern: the same stock page" "curl -si" -- -si $ND/api/v2/orders
    cap $S django-500-page-nginx.txt 500 app django "a TypeError: Django's stock 'Server Error (500)'" "" -- -sv $ND/api/boom
    cap $S django-500-no-such-table-nginx.txt 500 app django "the deploy did not run migrate: 'no such table', the stock 500" "curl -si" -- -si $ND/api/invoices
    cap $S django-400-disallowed-host-nginx.txt 400 app django "a Host not in ALLOWED_HOSTS (nginx passes \$host): DisallowedHost, 'Bad Request (400)'" "" -- -sv -H 'Host: 10.20.0.15' $ND/api/health
    cap $S django-403-csrf-nginx.txt 403 app django "POST without a CSRF token: CsrfViewMiddleware's 403 page, DEBUG off" "curl -si" -- -si -d 'qty=1' $ND/api/checkout
    capraw $S django-400-json-nginx.txt 400 app django "broken JSON: the view's JSON 400" "curl -si saved to a file (CRs kept)" -- -si "${JSONH[@]}" -d '{"qty":' $ND/api/orders
    cap $S django-401-json-nginx.txt 401 app django "no token: the view's JSON 401" "curl -si" -- -si $ND/api/admin/reports
    cap $S nginx-504-django-slow.txt 504 proxy nginx "the view sleeps 5 s, proxy_read_timeout 2s" "" -- -sv $ND/api/slow
    cap $S nginx-413-django-upload.txt 413 proxy nginx "a 2 MiB upload over client_max_body_size 1m" "curl -si" -- -si -H 'Content-Type: application/pdf' --data-binary @scan.pdf $ND/api/upload
    cap $S nginx-502-old-release-socket.txt 502 proxy nginx "/reports/ still names the gunicorn socket of release 41: 'connect() to unix:... failed (2: No such file or directory)'" "" -- -sv $ND/reports/daily

    S=django-nginx-h2c
    cap $S django-404-h2c.txt 404 app django "HTTP/2: Django's stock 'Not Found' page" "" -- -sv $H2 $NH/api/orders/7
    cap $S django-500-no-such-table-h2c.txt 500 app django "HTTP/2: the missing migration's 500" "curl -si" -- -si $H2 $NH/api/invoices
    cap $S django-400-disallowed-host-h2c.txt 400 app django "HTTP/2 with a Host (:authority) not allowed" "" -- -sv $H2 -H 'Host: api.internal' $NH/api/health
    cap $S nginx-504-h2c.txt 504 proxy nginx "HTTP/2: proxy_read_timeout 2s" "curl -si" -- -si $H2 $NH/api/slow
fi

# ===================================================== Django + Caddy ==
if up caddy; then
    log "capturing: Django with DEBUG=False under gunicorn behind Caddy"
    S=django-caddy
    cap $S django-404-page-caddy.txt 404 app django "Http404, DEBUG=False: the stock page" "Server: Caddy" -- -sv $CD/api/orders/7
    cap $S django-500-page-caddy.txt 500 app django "a TypeError: 'Server Error (500)'" "curl -si" -- -si $CD/api/boom
    cap $S django-500-no-such-table-caddy.txt 500 app django "migrate was never run: 'no such table', the stock 500" "" -- -sv $CD/api/invoices
    cap $S django-400-disallowed-host-caddy.txt 400 app django "the Caddyfile serves a host name that ALLOWED_HOSTS lacks; Caddy passes the Host through: DisallowedHost" "curl -si" -- -si -H 'Host: shop-internal.example.net' $CD/api/health
    caphttp $S django-403-csrf-httpie.txt 403 app django "HTTPie form POST without a CSRF token: the CSRF 403 page" "HTTPie with colours" -- -v -f POST $CD/api/checkout qty=1
    capwin $S django-201-caddy.txt 201 app django "a valid order" "curl -si pasted with CRLF" -- -si "${JSONH[@]}" -d '{"qty":2}' $CD/api/orders
    cap $S caddy-504-django-slow.txt 504 proxy caddy "the view sleeps 5 s, response_header_timeout 2s" "an empty 504" -- -sv $CD/api/slow
    caphttp $S caddy-504-django-slow-httpie.txt 504 proxy caddy "HTTPie: response_header_timeout 2s" "HTTPie with colours" -- -v GET $CD/api/slow
    cap $S caddy-502-search-wrong-port.txt 502 proxy caddy "the search service's new release listens on another port than the one in the Caddyfile" "curl -si" -- -si "$CD/api/search?q=kettle"
    cap $S caddy-502-request-body-limit.txt 502 proxy caddy "a 2 MiB upload over request_body max_size 1MB: the limit cuts the body Caddy is streaming to gunicorn, and Caddy 2.6 answers with its empty 502 (not a 413)" "" -- -sv -H 'Content-Type: application/pdf' --data-binary @scan.pdf $CD/api/upload
    cap $S caddy-200-unmatched-host.txt 200 proxy caddy "a Host that no site block names: Caddy's own empty 200 (the request never reaches Django)" "curl -si" -- -si -H 'Host: 10.20.0.15' $CD/api/health
    capwget $S caddy-502-search-wget.txt 502 proxy caddy "wget, the search service on the wrong port" "wget -S -O-" -- "$CD/api/search?q=mug"
fi

# ================================================= Rails 6.1 + Apache ==
if up apache && up rails; then
    log "capturing: Rails 6.1 in production under Puma behind Apache"
    S=rails-apache
    cap $S rails-404-public-page-apache.txt 404 app rails "unknown product: RoutingError, public/404.html" "" -- -sv $AR/products/7
    cap $S rails-404-no-route-apache.txt 404 app rails "no route: public/404.html" "curl -si" -- -si $AR/products/7/reviews
    cap $S rails-500-public-page-apache.txt 500 app rails "a NameError (a class renamed in the deploy): public/500.html" "" -- -sv $AR/carts/3
    cap $S rails-422-csrf-apache.txt 422 app rails "a form POST without the authenticity token: public/422.html" "curl -si" -- -si -d 'product[name]=kettle' $AR/products
    cap $S rails-400-bad-json-apache.txt 400 app rails "broken JSON: ParseError, no public/400.html, an empty 400" "" -- -sv "${JSONH[@]}" -d '{"review":' $AR/api/reviews
    cap $S rails-422-json-apache.txt 422 app rails "9 stars: the controller's JSON 422" "curl -si" -- -si "${JSONH[@]}" -d '{"review":{"stars":9}}' $AR/api/reviews
    cap $S rails-404-json-apache.txt 404 app rails "unknown product on the JSON API: the controller's JSON 404" "curl -si" -- -si $AR/api/products/7
    caphttp $S rails-404-httpie-apache.txt 404 app rails "HTTPie: public/404.html" "HTTPie with colours" -- -v GET $AR/products/99
    cap $S apache-502-rails-timeout.txt 502 proxy apache "the action sleeps 5 s, ProxyTimeout 2: Apache's 'Proxy Error'" "" -- -sv $AR/api/slow
    cap $S apache-503-admin-stale-port.txt 503 proxy apache "/admin/ still points to the port of the previous release: Apache's 503" "" -- -sv $AR/admin/orders
    capraw $S apache-503-admin-stale-raw.txt 503 proxy apache "the stale /admin/ port again" "curl -si saved to a file (CRs kept)" -- -si $AR/admin/users

    S=rails-apache-h2c
    cap $S rails-404-h2c.txt 404 app rails "HTTP/2 to Apache (h2c): public/404.html" "" -- -sv $H2 $AR/products/7
    cap $S rails-500-h2c.txt 500 app rails "HTTP/2: public/500.html" "curl -si" -- -si $H2 $AR/carts/9
    cap $S apache-503-stale-h2c.txt 503 proxy apache "HTTP/2: the stale /admin/ backend" "curl -si" -- -si $H2 $AR/admin/orders
    cap $S apache-502-rails-timeout-h2c.txt 502 proxy apache "HTTP/2: ProxyTimeout 2 on the slow action" "" -- -sv $H2 $AR/api/slow
fi

# ================================================ Rails 6.1 + HAProxy ==
if up haproxy && up rails; then
    log "capturing: Rails 6.1 in production under Puma behind HAProxy"
    S=rails-haproxy
    cap $S rails-404-public-page-haproxy.txt 404 app rails "unknown product: public/404.html" "" -- -sv $HR/products/7
    cap $S rails-500-public-page-haproxy.txt 500 app rails "the NameError: public/500.html" "curl -si" -- -si $HR/carts/3
    cap $S rails-422-csrf-haproxy.txt 422 app rails "a form POST without the token: public/422.html" "" -- -sv -d 'product[name]=kettle' $HR/products
    cap $S haproxy-504-rails-slow.txt 504 load-balancer haproxy "the action sleeps 5 s, timeout server 2s" "curl -si" -- -si $HR/api/slow
    caphttp $S haproxy-504-rails-slow-httpie.txt 504 load-balancer haproxy "HTTPie: timeout server 2s" "HTTPie with colours" -- -v GET $HR/api/slow
    cap $S haproxy-503-checkout-stale.txt 503 load-balancer haproxy "the checkout server still names the old release's port: DOWN, no server available" "" -- -sv $HR/checkout/confirm
    capwget $S haproxy-503-checkout-wget.txt 503 load-balancer haproxy "wget, the same DOWN backend" "wget -S -O-" -- $HR/checkout/cart
    capwin $S haproxy-503-checkout-crlf.txt 503 load-balancer haproxy "the DOWN checkout backend" "curl -si pasted with CRLF" -- -si $HR/checkout/address
fi

# ============================================= Express (production) + HAProxy ==
if up haproxy; then
    log "capturing: Express in production behind HAProxy"
    S=express-haproxy
    cap $S express-404-cannot-get.txt 404 app express "a typo in the path: finalhandler's 'Cannot GET'" "" -- -sv $HE/api/cart/1
    cap $S express-404-json.txt 404 app express "unknown cart: the handler's JSON 404" "curl -si" -- -si $HE/api/carts/7
    cap $S express-500-finalhandler.txt 500 app express "a TypeError in production: finalhandler's 'Internal Server Error', no stack" "" -- -sv $HE/api/boom
    cap $S express-400-bad-json.txt 400 app express "broken JSON: body-parser's 400 through finalhandler" "curl -si" -- -si "${JSONH[@]}" -d '{"items": [' $HE/api/carts
    cap $S express-413-body-parser.txt 413 app express "a 200 KiB cart over express.json's 100kb limit" "" -- -sv "${JSONH[@]}" --data-binary @cart.json $HE/api/carts
    caphttp $S express-422-httpie.txt 422 app express "HTTPie, items not an array: the JSON 422" "HTTPie with colours" -- -v POST $HE/api/carts items=none
    capraw $S express-404-cannot-post.txt 404 app express "POST to a route that only has GET: 'Cannot POST'" "curl -si saved to a file (CRs kept)" -- -si -X POST $HE/api/carts/1
    cap $S haproxy-504-express-slow.txt 504 load-balancer haproxy "the handler waits 5 s, timeout server 2s" "" -- -sv $HE/api/slow
    capraw $S haproxy-504-express-slow-raw.txt 504 load-balancer haproxy "timeout server 2s" "curl -si saved to a file (CRs kept)" -- -si "$HE/api/slow?retry=1"
fi

# ======================================= Flask (JSON errors) + Caddy ==
if up caddy; then
    log "capturing: Flask with a JSON error handler behind Caddy"
    S=flask-caddy
    cap $S flask-404-json-handler.txt 404 app flask "no route: Werkzeug's NotFound rendered by the JSON error handler" "" -- -sv $CF/api/accounts
    cap $S flask-404-user.txt 404 app flask "unknown user: the view's JSON 404" "curl -si" -- -si $CF/api/users/7
    cap $S flask-405-json-handler.txt 405 app flask "DELETE on a GET route: MethodNotAllowed in JSON, with Allow" "" -- -sv -X DELETE $CF/api/users/1
    cap $S flask-400-json-handler.txt 400 app flask "broken JSON: BadRequest in JSON" "curl -si" -- -si "${JSONH[@]}" -d '{"email":' $CF/api/users
    cap $S flask-500-json-handler.txt 500 app flask "a ZeroDivisionError: the JSON 500 of the catch-all handler" "" -- -sv $CF/api/boom
    caphttp $S flask-422-httpie.txt 422 app flask "HTTPie, no email: the view's JSON 422" "HTTPie with colours" -- -v POST $CF/api/users name=ada
    cap $S caddy-504-flask-slow.txt 504 proxy caddy "the view sleeps 5 s, response_header_timeout 2s" "curl -si" -- -si $CF/api/slow
    cap $S caddy-502-moved-service.txt 502 proxy caddy "/api/v2/ still points to the port of a service that moved" "" -- -sv $CF/api/v2/users/1

    S=flask-caddy-h2c
    cap $S flask-404-h2c.txt 404 app flask "HTTP/2 to Caddy (h2c): the JSON 404" "" -- -sv $H2 $CF/api/users/7
    cap $S flask-500-h2c.txt 500 app flask "HTTP/2: the JSON 500" "curl -si" -- -si $H2 $CF/api/boom
    cap $S caddy-502-h2c.txt 502 proxy caddy "HTTP/2: the moved service" "curl -si" -- -si $H2 $CF/api/v2/users/1
    cap $S caddy-504-h2c.txt 504 proxy caddy "HTTP/2: response_header_timeout 2s" "" -- -sv $H2 $CF/api/slow
fi

# ======================================================= Go API + Apache ==
if up apache; then
    log "capturing: a Go net/http API behind Apache"
    S=go-apache
    cap $S go-404-json-apache.txt 404 app go-net-http "unknown shipment: the handler's JSON 404" "" -- -sv $AG/v1/shipments/7
    cap $S go-404-default-apache.txt 404 app go-net-http "no handler: ServeMux's '404 page not found'" "curl -si" -- -si $AG/v2/shipments/1
    cap $S go-405-json-apache.txt 405 app go-net-http "DELETE: the handler's JSON 405 with Allow" "curl -si" -- -si -X DELETE $AG/v1/shipments/1
    cap $S go-400-plain-apache.txt 400 app go-net-http "no zip: http.Error's plain-text 400" "" -- -sv $AG/v1/rates
    cap $S go-413-maxbytes-apache.txt 413 app go-net-http "a 100 KiB label over MaxBytesReader 64 KiB" "curl -si" -- -si -H 'Content-Type: image/png' --data-binary @label.png $AG/v1/labels
    cap $S go-500-missing-relation.txt 500 app go-net-http "the migration was not applied: the handler's JSON 500 ('relation does not exist')" "" -- -sv $AG/v1/db
    cap $S apache-502-go-panic.txt 502 proxy apache "a nil-map panic: net/http closes the connection, Apache's 'Proxy Error'" "" -- -sv $AG/v1/boom
    capwin $S apache-502-go-panic-crlf.txt 502 proxy apache "the same panic" "curl -si pasted with CRLF" -- -si $AG/v1/boom
    cap $S apache-502-go-timeout.txt 502 proxy apache "the handler sleeps 5 s, ProxyTimeout 2" "curl -si" -- -si $AG/v1/slow
fi

# ======================= a build that aborts on every request (nginx, HAProxy) ==
if up nginx; then
    log "capturing: the Flask build that aborts on every request"
    S=crash-on-request-nginx
    cap $S nginx-502-worker-abort.txt 502 proxy nginx "each request aborts the gunicorn worker (SIGABRT): 'upstream prematurely closed connection'" "" -- -sv $NC/api/users/1
    capraw $S nginx-502-worker-abort-raw.txt 502 proxy nginx "the same, another path" "curl -si saved to a file (CRs kept)" -- -si $NC/api/health
    capwget $S nginx-502-worker-abort-wget.txt 502 proxy nginx "wget, the aborting build" "wget -S -O-" -- $NC/api/users/2
fi
if up haproxy; then
    S=crash-on-request-haproxy
    cap $S haproxy-502-worker-abort.txt 502 load-balancer haproxy "each request aborts the gunicorn worker: HAProxy's 502" "" -- -sv $HC/api/users/1
    caphttp $S haproxy-502-worker-abort-httpie.txt 502 load-balancer haproxy "HTTPie, the same" "HTTPie with colours" -- -v GET $HC/api/health
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && up php && capbody $S body-phpfpm-file-not-found.txt 0/404 app php-fpm "PHP-FPM's 'File not found.'" "no number" -- $NS/api/invoices/3
up nginx && capbody $S body-django-500.txt 500/500 app django "Django's '<h1>Server Error (500)</h1>'" "" -- $ND/api/invoices
up caddy && capbody $S body-django-400.txt 400/400 app django "Django's '<h1>Bad Request (400)</h1>'" "" -- -H 'Host: shop-internal.example.net' $CD/api/health
up rails && up apache && capbody $S body-rails-422.txt 422/422 app rails "public/422.html: 'The change you wanted was rejected (422)'" "" -- -d 'product[name]=kettle' $AR/products
up haproxy && capbody $S body-express-500.txt 0/500 app express "finalhandler's 'Internal Server Error' page" "no number" -- $HE/api/boom
up nginx && capbody $S body-nginx-502.txt 502/502 proxy nginx "nginx's 502 page for the stale socket" "" -- $ND/reports/weekly
up haproxy && capbody $S body-haproxy-504.txt 504/504 load-balancer haproxy "HAProxy's 504 page" "" -- $HE/api/slow
up caddy && capbody $S body-flask-404.txt 404/404 app flask "the JSON error handler's 404" "status in the body" -- $CF/api/users/42
up apache && capbody $S body-apache-502.txt 502/502 proxy apache "Apache's 'Proxy Error' page after the Go panic" "" -- $AG/v1/boom

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && up php && caphead $S head-php-500-nginx.txt 500 app php "curl -sI on the broken endpoint: PHP's 500, no body" "" -- $NP/api/boom
up caddy && caphead $S head-django-404-caddy.txt 404 app django "curl -sI, Django's 404 behind Caddy" "" -- $CD/api/orders/7
up haproxy && caphead $S head-haproxy-503.txt 503 load-balancer haproxy "curl -sI, the DOWN checkout backend" "" -- $HR/checkout/confirm
up apache && up rails && caphead $S head-rails-404-apache.txt 404 app rails "curl -sI, public/404.html behind Apache" "" -- $AR/products/7
up caddy && caphead $S head-caddy-502.txt 502 proxy caddy "curl -sI, the moved service" "" -- $CF/api/v2/users/1

# ================================== servers go away behind their fronts ==
if up php; then
    stop_name php-fpm
    sleep 0.5
    up nginx && cap php-fpm-nginx nginx-502-fpm-stopped.txt 502 proxy nginx "PHP-FPM is stopped: connect() refused, nginx's 502" "" -- -sv $NP/api/invoices/1
    up apache && cap php-fpm-apache apache-503-fpm-stopped.txt 503 proxy apache "PHP-FPM is stopped: Apache's 503" "curl -si" -- -si $AP/api/invoices/1
fi
if up rails; then
    stop_name puma-rails
    sleep 0.5
    up apache && cap rails-apache apache-503-puma-stopped.txt 503 proxy apache "Puma is stopped: Apache's 503" "" -- -sv $AR/products/1
    up haproxy && cap rails-haproxy haproxy-503-puma-stopped.txt 503 load-balancer haproxy "Puma is stopped; after the failed checks, no server is available" "curl -si" -- -si $HR/products/1
fi
if up haproxy; then
    stop_name express
    sleep 0.5
    cap express-haproxy haproxy-503-express-stopped.txt 503 load-balancer haproxy "node is not running (no health check): connection refused, HAProxy's 503" "" -- -sv $HE/api/carts/1
fi

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
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round28/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
