#!/usr/bin/env bash
# capture-round12.sh — build the twelfth held-out evidence corpus in
# tests/fixtures/evidence-round12/.
#
# Mainstream production stacks, set up the way a typical team sets them up
# (the packages' stock configs and the docs' examples, timeouts cut to 2 s):
# Flask under gunicorn behind nginx; FastAPI under uvicorn behind nginx with
# proxy_intercept_errors off and on; Django under gunicorn behind Apache
# mod_proxy; Express behind HAProxy; a Go net/http service behind Caddy;
# Sinatra under Puma behind nginx; PHP-FPM behind nginx; Varnish in front of
# nginx in front of Flask; an ingress-style nginx (default server 404, a
# maintenance host). The apps' own errors with each (400/422, 401/403, 404,
# 409, 429, 500 with debug off and on, 503). Paste forms: curl -v/-i
# transcripts (some with their CRs, some with CRLF), `curl -s -D-`, HTTPie
# with colours, body-only and headers-only pastes, HTTP/2 (h2c to nginx).
#
#   scripts/corpus/capture-round12.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round12.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round12.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round12.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-11: every server binds 127.0.0.1 (ports 30000-30999)
# and the script stops if a new socket listens anywhere else; every curl and
# HTTPie runs under `timeout`; every loop is bounded; every server it started
# is stopped on exit, by process id. Installs and builds run under
# `nice -n 15`. Labels are written by finish_round12.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round12"
RUN=/tmp/api-triage-corpus12
STAGE="$RUN/evidence"
CONF="$HERE/conf-round12"
APPS="$HERE/apps12"
VENV=${CORPUS_VENV12:-/tmp/api-triage-corpus12-venv}
NODE_DIR=${CORPUS_NODE12:-/tmp/api-triage-corpus12-node}
GODIR=${CORPUS_GO12:-/tmp/api-triage-corpus12-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(flask==3.1.3 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0 django==5.2.19)
NPM=(express@5.3.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus12 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget python3-venv nodejs golang-go php8.2-fpm ruby-sinatra puma
          apache2 nginx haproxy varnish caddy)
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


install_venv() {  # Flask, FastAPI, Django and their servers, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, fastapi, django, gunicorn, uvicorn" 2>/dev/null && return 0
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
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus12","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # the standard library only, offline
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$HERE/"* || $cmd == *"$GODIR/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round12.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
caphttp() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    have httpie || return 0
    cmdline http "$@" >"$dest"
    in_work timeout 20 "$HTTPIE" --ignore-stdin --pretty=all --style=monokai --timeout=10 "$@" >>"$dest" 2>&1
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

APP_PORTS=(30010 30011 30012 30013 30014 30015 30016 30017)
FRONT_PORTS=(30018 30019 30050 30051 30052 30053 30054 30055 30056 30057 30060 30065 30070 30075)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 30008 30009; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 2 --timeout 30)
start_bg flask-gunicorn "${GUNICORN[@]}" -b 127.0.0.1:30010 flask_app:app
start_bg flask-debug env FLASK_DEBUG=1 nice -n 5 "$VENV/bin/flask" --app "$APPS/flask_app.py" run --debug --no-reload \
    -h 127.0.0.1 -p 30011
start_bg fastapi-uvicorn nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" fastapi_app:app --host 127.0.0.1 --port 30012
start_bg django-gunicorn "${GUNICORN[@]}" -b 127.0.0.1:30013 django_app:application
start_bg django-gunicorn-debug env DJANGO_DEBUG=1 "${GUNICORN[@]}" -b 127.0.0.1:30014 django_app:application
start_bg express-prod env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_app.js" 30015 production
start_bg express-dev env NODE_PATH="$NODE_DIR/node_modules" nice -n 5 node "$APPS/express_app.js" 30016 development
start_bg go-app nice -n 5 "$GODIR/go_app" 30017
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done
if have php8.2-fpm; then
    mkdir -p "$RUN"/php-fpm "$RUN"/php
    cp "$APPS"/php/*.php "$RUN/php/"
    render "$CONF/php-fpm.conf" "$RUN/php-fpm/php-fpm.conf"
    chown -R www-data: "$RUN/php-fpm" "$RUN/php" 2>/dev/null || true
    start_bg php-fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/php-fpm.conf"
    wait_port 30018 php-fpm && UP[php]=1
fi
if have ruby-sinatra && have puma; then
    start_bg puma-sinatra nice -n 5 puma -b tcp://127.0.0.1:30019 -e production "$APPS/sinatra_app.ru"
    wait_port 30019 puma-sinatra && UP[sinatra]=1
fi

# ---- front layers ------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/html
    cp "$CONF/50x.html" "$RUN/nginx/html/"
    # Debian's snippets/fastcgi-php.conf includes fastcgi.conf relative to the prefix
    cp /etc/nginx/fastcgi.conf /etc/nginx/fastcgi_params "$RUN/nginx/"
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 30050 nginx && wait_port 30057 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/htdocs
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 30060 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 30065 caddy && UP[caddy]=1
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 30070 haproxy && UP[haproxy]=1
fi
if have varnish && up nginx; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:30075 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 30075 varnish && UP[varnish]=1
fi
sleep 3  # HAProxy's health checks settle

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 12 (held out): real responses captured by
# scripts/corpus/capture-round12.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-11:
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
FD=$A:30011 FA=$A:30012 DJ=$A:30013 EX=$A:30015 ED=$A:30016 GO=$A:30017
NF=$A:30050 NI=$A:30051 NX=$A:30052 NP=$A:30053 IN=$A:30054 NS=$A:30056 NH=$A:30057
AP=$A:30060 CD=$A:30065 HA=$A:30070 VN=$A:30075
JSONH=(-H 'Content-Type: application/json')
head -c 4096 /dev/zero | tr '\0' x >"$RUN/work/upload.txt"  # a 4 KiB upload
printf 'Cookie: session=%s\n' "$(head -c 9000 /dev/zero | tr '\0' a)" >"$RUN/work/big-cookie.txt"

# ====================================================== Flask + nginx ==
if up nginx; then
    log "capturing: Flask under gunicorn behind nginx"
    S=flask-gunicorn-nginx
    cap $S flask-404-json-via-nginx.txt 404 app flask "unknown order id: the view's JSON 404" "Server: nginx/1.22.1 (stock server_tokens)" -- -sv $NF/api/orders/7
    cap $S flask-400-validation.txt 400 app flask "POST without sku: the view's JSON 400" "curl -si" -- -si "${JSONH[@]}" -d '{"qty":1}' $NF/api/orders
    caphttp $S flask-422-httpie.txt 422 app flask "HTTPie POST with qty 0: the view's JSON 422" "HTTPie with colours" -- -v POST $NF/api/orders sku=A-1 qty:=0
    cap $S flask-401-no-token.txt 401 app flask "no bearer token: the app's own 401" "WWW-Authenticate: Bearer" -- -sv $NF/api/admin/reports
    cap $S flask-500-default-page.txt 500 app flask "a TypeError in a view, debug off: Flask's 'Internal Server Error' page" "" -- -sv $NF/api/boom
    capwin $S flask-503-maintenance.txt 503 app flask "the app's JSON 503 during a migration" "curl -si pasted with CRLF" -- -si $NF/api/maintenance
    cap $S nginx-504-proxy-read-timeout.txt 504 proxy nginx "the view sleeps 5 s, proxy_read_timeout 2s" "nginx's 504 page with its version" -- -sv $NF/api/slow
    cap $S nginx-502-upstream-down.txt 502 proxy nginx "the payments upstream is not running" "curl -si" -- -si $NF/payments/api/charges
    cap $S nginx-413-client-max-body-size.txt 413 proxy nginx "a 4 KiB upload, client_max_body_size 1k" "" -- -sv -H 'Content-Type: text/plain' --data-binary @upload.txt $NF/api/upload
    quiet $NF/api/search
    cap $S nginx-503-limit-req.txt 503 proxy nginx "limit_req (1r/m, no burst): the second request" "limit_req's default 503" -- -si $NF/api/search?q=shoes
    capdump $S nginx-502-upstream-down-dump.txt 502 proxy nginx "the same dead upstream" "curl -s -D-" -- $NF/payments/api/refunds
fi

log "capturing: Flask's debugger"
S=flask-debug-werkzeug
cap $S flask-500-debugger-traceback.txt 500 app flask "flask run --debug: the Werkzeug debugger's traceback page" "a long HTML traceback" -- -sv $FD/api/boom

# ==================================================== FastAPI + nginx ==
if up nginx; then
    log "capturing: FastAPI under uvicorn behind nginx"
    S=fastapi-uvicorn-nginx
    cap $S fastapi-422-body-validation.txt 422 app fastapi "POST with qty 0: FastAPI's validation 422" "the pydantic error list" -- -sv "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $NI/api/orders
    cap $S fastapi-404-detail.txt 404 app fastapi "HTTPException(404)" "{\"detail\":...}" -- -sv $NI/api/orders/7
    cap $S fastapi-404-no-route.txt 404 app fastapi "no route: FastAPI's {\"detail\":\"Not Found\"}" "curl -si" -- -si $NI/api/v2/orders
    caphttp $S fastapi-401-httpie.txt 401 app fastapi "HTTPie, no token: HTTPException(401)" "HTTPie with colours" -- -v GET $NI/api/admin/reports
    cap $S fastapi-403-scope.txt 403 app fastapi "a token without the scope" "curl -si" -- -si -H 'Authorization: Bearer user-token' $NI/api/admin/reports
    cap $S fastapi-500-unhandled.txt 500 app fastapi "an unhandled RuntimeError: 'Internal Server Error' in text/plain" "" -- -sv $NI/api/boom
    cap $S nginx-504-fastapi-timeout.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 2s" "curl -si" -- -si $NI/api/slow
    cap $S nginx-502-ledger-down.txt 502 proxy nginx "the ledger upstream is not running" "" -- -sv $NI/ledger/api/entries

    S=fastapi-uvicorn-nginx-intercept
    cap $S nginx-500-intercepted.txt 500 proxy nginx "proxy_intercept_errors on: the app's 500 replaced by error_page 50x.html" "the stock 'An error occurred.' page" -- -sv $NX/api/boom
    cap $S nginx-503-intercepted.txt 503 proxy nginx "the app's JSON 503 replaced by 50x.html" "curl -si" -- -si $NX/api/maintenance
    cap $S nginx-504-intercepted-timeout.txt 504 proxy nginx "proxy_read_timeout: nginx's 504 rendered with 50x.html" "" -- -sv $NX/api/slow
    cap $S fastapi-404-not-intercepted.txt 404 app fastapi "a 404 has no error_page: the app's JSON passes" "" -- -sv $NX/api/orders/7
    capwin $S fastapi-422-not-intercepted.txt 422 app fastapi "a 422 passes too" "curl -si pasted with CRLF" -- -si "${JSONH[@]}" -d '{"sku":"A-1"}' $NX/api/orders
    caphttp $S nginx-503-intercepted-httpie.txt 503 proxy nginx "HTTPie, the intercepted 503" "HTTPie with colours" -- -v GET $NX/api/maintenance
fi

# ===================================================== Django + Apache ==
if up apache; then
    log "capturing: Django under gunicorn behind Apache"
    S=django-gunicorn-apache
    cap $S django-404-production.txt 404 app django "Http404, DEBUG off: Django's 'Not Found' page" "Server: Apache/2.4.71 (Debian)" -- -sv $AP/api/orders/7
    cap $S django-400-validation.txt 400 app django "POST without sku: the view's JSON errors" "" -- -sv "${JSONH[@]}" -d '{"qty":0}' $AP/api/orders
    cap $S django-403-csrf.txt 403 app django "a POST without a CSRF token: CsrfViewMiddleware refuses" "Django's '403 Forbidden' CSRF page" -- -sv -X POST $AP/api/checkout
    capraw $S django-429-throttled.txt 429 app django "the view's throttling 429" "curl -si saved to a file (CRs kept)" -- -si $AP/api/limited
    cap $S django-500-production.txt 500 app django "a TypeError, DEBUG off: 'Server Error (500)'" "" -- -sv $AP/api/boom
    cap $S django-400-disallowed-host.txt 400 app django "ProxyPreserveHost passes a Host not in ALLOWED_HOSTS" "'Bad Request (400)'" -- -sv -H 'Host: api.example.net' $AP/api/health
    cap $S apache-502-proxy-timeout.txt 502 proxy apache "the view sleeps 5 s, ProxyTimeout 2: Apache answers 502" "'502 Proxy Error', 'Error reading from remote server'" -- -sv $AP/api/slow
    cap $S apache-503-backend-down.txt 503 proxy apache "ProxyPass to a reports backend that is not running" "curl -si" -- -si $AP/reports/api/daily
    cap $S apache-400-header-too-large.txt 400 proxy apache "a 9 KB session cookie, over the default LimitRequestFieldSize" "curl -si; Apache's 400 page" -- -si -H @big-cookie.txt $AP/api/health
    caphttp $S apache-503-httpie.txt 503 proxy apache "HTTPie, the dead reports backend" "HTTPie with colours" -- -v GET $AP/reports/api/weekly

    S=django-debug-apache
    cap $S django-404-debug-technical.txt 404 app django "DEBUG on: the technical 404 listing the URL patterns" "" -- -sv $AP/debug/api/v2/orders
    cap $S django-500-debug-traceback.txt 500 app django "DEBUG on: the technical 500 page" "curl -si; a long HTML traceback" -- -si $AP/debug/api/boom
fi

# ==================================================== Express + HAProxy ==
if up haproxy; then
    log "capturing: Express behind HAProxy"
    S=express-haproxy
    cap $S express-404-default.txt 404 app express "no route: Express's 'Cannot GET'" "" -- -sv $HA/api/v2/orders
    cap $S express-400-bad-json.txt 400 app express "broken JSON: express.json() fails, the default handler in production" "curl -si" -- -si "${JSONH[@]}" -d '{"sku": ' $HA/api/orders
    caphttp $S express-422-httpie.txt 422 app express "HTTPie POST with qty 0" "HTTPie with colours" -- -v POST $HA/api/orders sku=A-1 qty:=0
    cap $S express-429-text.txt 429 app express "the app's 429 with RateLimit-* headers" "a text body" -- -sv $HA/api/limited
    capwin $S express-500-production.txt 500 app express "a TypeError, NODE_ENV=production: the default handler" "curl -si pasted with CRLF" -- -si $HA/api/boom
    cap $S haproxy-504-timeout-server.txt 504 load-balancer haproxy "timeout server 2s" "HAProxy's 504 page" -- -sv $HA/api/slow
    cap $S haproxy-503-no-server.txt 503 load-balancer haproxy "both billing servers fail their checks" "curl -si" -- -si $HA/billing/api/invoices
    cap $S haproxy-403-deny.txt 403 load-balancer haproxy "http-request deny on /internal/" "" -- -sv $HA/internal/metrics
    in_work timeout 10 curl -s -o /dev/null $HA/reports/api/slow &
    HOLD=$!
    sleep 0.3
    cap $S haproxy-503-queue-timeout.txt 503 load-balancer haproxy "maxconn 1 held by a slow request: queued, timeout queue 1s" "curl -si" -- -si $HA/reports/api/health
    wait "$HOLD" 2>/dev/null
    capraw $S haproxy-503-no-server-raw.txt 503 load-balancer haproxy "no billing server" "curl -si saved to a file (CRs kept)" -- -si $HA/billing/api/customers
fi

log "capturing: Express in development"
S=express-direct-development
cap $S express-500-development-stack.txt 500 app express "a TypeError, env development: the default handler shows the stack" "" -- -sv $ED/api/boom
cap $S express-400-development-bad-json.txt 400 app express "broken JSON in development: SyntaxError with its stack" "curl -si" -- -si "${JSONH[@]}" -d '{"sku": ' $ED/api/orders

# ========================================================= Go + Caddy ==
if up caddy; then
    log "capturing: Go net/http behind Caddy"
    S=go-nethttp-caddy
    cap $S go-404-json-via-caddy.txt 404 app go-net-http "unknown order: the handler's JSON 404" "Server: Caddy, Via added" -- -sv $CD/api/orders/7
    cap $S go-404-default-via-caddy.txt 404 app go-net-http "no route: ServeMux's '404 page not found'" "curl -si" -- -si $CD/v2/orders
    caphttp $S go-401-httpie.txt 401 app go-net-http "HTTPie, no token" "HTTPie with colours" -- -v GET $CD/api/admin/reports
    cap $S go-500-text.txt 500 app go-net-http "http.Error(500) after a failed query" "curl -si" -- -si $CD/api/boom
    cap $S caddy-502-backend-down.txt 502 proxy caddy "reverse_proxy to a search service that is not running" "an EMPTY 502" -- -sv $CD/search/api/q
    cap $S caddy-504-header-timeout.txt 504 proxy caddy "response_header_timeout 2s" "curl -si; EMPTY" -- -si $CD/api/slow
    cap $S caddy-403-respond.txt 403 proxy caddy "respond /internal/* 403" "" -- -sv $CD/internal/metrics
    capraw $S caddy-503-respond-maintenance.txt 503 proxy caddy "respond with a JSON maintenance body" "curl -si saved to a file (CRs kept)" -- -si $CD/v1/export
fi

# ===================================================== Sinatra + nginx ==
if up nginx && up sinatra; then
    log "capturing: Sinatra under Puma behind nginx"
    S=sinatra-puma-nginx
    cap $S sinatra-404-default.txt 404 app sinatra "no route: Sinatra's '<h1>Not Found</h1>'" "curl -si" -- -si $NS/api/v2/orders
    cap $S sinatra-500-production.txt 500 app sinatra "a NoMethodError, production: Sinatra's '<h1>Internal Server Error</h1>'" "curl -si" -- -si $NS/api/boom
    cap $S nginx-504-puma-timeout.txt 504 proxy nginx "the route sleeps 5 s, proxy_read_timeout 2s" "" -- -sv $NS/api/slow
fi

# ===================================================== PHP-FPM + nginx ==
if up nginx && up php; then
    log "capturing: PHP-FPM behind nginx"
    S=php-fpm-nginx
    cap $S php-404-json.txt 404 app php "the front controller's JSON 404" "X-Powered-By: PHP" -- -sv $NP/api/orders/7
    cap $S php-422-validation.txt 422 app php "the front controller's 422, Laravel-like" "curl -si" -- -si "${JSONH[@]}" -d '{"qty":0}' $NP/api/orders
    cap $S php-500-fatal-empty.txt 500 app php "a fatal Error, display_errors off: PHP's empty 500" "an EMPTY body" -- -sv $NP/api/boom
    cap $S php-fpm-404-file-not-found.txt 404 app php-fpm "a location without try_files: PHP-FPM's 'File not found.'" "" -- -sv $NP/legacy/report.php
    cap $S nginx-404-missing-script.txt 404 app nginx "the Debian snippet's try_files ... =404: nginx, the origin web server, has no such script" "curl -si; nginx's 404 page" -- -si $NP/old/report.php
    cap $S nginx-504-fastcgi-timeout.txt 504 proxy nginx "the script sleeps 5 s, fastcgi_read_timeout 2s" "" -- -sv $NP/api/slow
fi

# ================================================ Varnish + nginx + Flask ==
if up varnish; then
    log "capturing: Varnish in front of nginx in front of Flask"
    S=varnish-nginx-flask
    cap $S flask-200-varnish-miss.txt 200 app flask "the first request for the catalog: a MISS" "X-Cache: MISS" -- -sv $VN/api/catalog
    cap $S varnish-200-hit.txt 200 cdn-cache varnish "the second request: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $VN/api/catalog
    ETAG=$(in_work timeout 10 curl -sI $VN/api/catalog | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
    cap $S varnish-304-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the cached ETag: Varnish's own 304" "" -- -sv -H "If-None-Match: $ETAG" $VN/api/catalog
    cap $S flask-404-varnish-miss.txt 404 app flask "the app's 404: a MISS (the builtin VCL caches 404s)" "" -- -sv $VN/api/orders/7
    cap $S flask-404-varnish-hit.txt 404 app flask "the same 404 again: a fresh HIT of the app's error" "curl -si; X-Cache: HIT" -- -si $VN/api/orders/7
    cap $S flask-500-via-varnish.txt 500 app flask "the app's JSON 500, not cacheable, passed" "" -- -sv $VN/api/report
    cap $S varnish-503-backend-down.txt 503 cdn-cache varnish "/legacy/ goes to a backend that is not running" "'Backend fetch failed', Guru Meditation" -- -sv $VN/legacy/api/items
    capwin $S nginx-502-via-varnish.txt 502 proxy nginx "nginx's 502 for a dead inventory upstream, passed by Varnish" "curl -si pasted with CRLF" -- -si $VN/inventory/api/items
fi

# ================================================ ingress-style nginx ==
if up nginx; then
    log "capturing: an ingress-style nginx"
    S=nginx-ingress-style
    cap $S nginx-404-default-server.txt 404 proxy nginx "an unknown Host: the default server's return 404" "" -- -sv -H 'Host: unknown.example.com' $IN/api/orders
    cap $S nginx-404-default-server-ip.txt 404 proxy nginx "by IP, no Host rule: the default server's 404" "curl -si" -- -si $IN/
    cap $S nginx-503-maintenance-json.txt 503 proxy nginx "the shop host in maintenance: return 503 with JSON" "" -- -sv -H 'Host: shop.example.com' $IN/api/cart
    caphttp $S nginx-503-maintenance-httpie.txt 503 proxy nginx "HTTPie, the maintenance host" "HTTPie with colours" -- -v GET $IN/api/cart Host:shop.example.com
    cap $S express-404-via-ingress.txt 404 app express "the orders host: Express's JSON 404" "curl -si" -- -si -H 'Host: orders.example.com' $IN/api/orders/7
    cap $S express-503-via-ingress.txt 503 app express "the orders host: the app's JSON 503" "" -- -sv -H 'Host: orders.example.com' $IN/api/maintenance

    log "capturing: nginx h2c"
    S=flask-nginx-h2c
    cap $S flask-404-h2c.txt 404 app flask "HTTP/2 to nginx, HTTP/1.0 to gunicorn: the app's JSON 404" "" -- -sv --http2-prior-knowledge $NH/api/orders/7
    cap $S nginx-502-h2c.txt 502 proxy nginx "HTTP/2: the payments upstream is not running" "curl -si" -- -si --http2-prior-knowledge $NH/payments/api/charges
    cap $S nginx-504-h2c.txt 504 proxy nginx "HTTP/2: proxy_read_timeout" "" -- -sv --http2-prior-knowledge $NH/api/slow
    cap $S flask-429-h2c.txt 429 app flask "HTTP/2: the app's 429" "curl -si" -- -si --http2-prior-knowledge $NH/api/limited
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
capbody $S body-flask-404-json.txt 0/404 app flask "the Flask view's JSON 404" "no number" -- $A:30010/api/orders/7
capbody $S body-flask-500-default.txt 500/500 app flask "Flask's 'Internal Server Error' page" "" -- $A:30010/api/boom
capbody $S body-django-500.txt 500/500 app django "'Server Error (500)'" "" -- $DJ/api/boom
capbody $S body-express-404.txt 0/404 app express "'Cannot GET /api/v2/orders'" "no number" -- $EX/api/v2/orders
capbody $S body-go-404.txt 404/404 app go-net-http "'404 page not found'" "Go's own words for a 404" -- $GO/v2/orders
if up nginx; then
    capbody $S body-nginx-504.txt 504/504 proxy nginx "nginx's 504 page" "" -- $NF/api/slow
    capbody $S body-nginx-413.txt 413/413 proxy nginx "nginx's 413 page" "" -- -H 'Content-Type: text/plain' --data-binary @upload.txt $NF/api/upload
    capbody $S body-nginx-500-intercepted.txt 0/500 proxy nginx "the stock 50x.html 'An error occurred.'" "no number" -- $NX/api/boom
    capbody $S body-nginx-503-maintenance.txt 0/503 proxy nginx "the maintenance JSON from return 503" "no number" -- -H 'Host: shop.example.com' $IN/api/cart
fi
up apache && capbody $S body-apache-503.txt 503/503 proxy apache "Apache's 503 page" "" -- $AP/reports/api/daily
up haproxy && capbody $S body-haproxy-504.txt 504/504 load-balancer haproxy "HAProxy's 504 page" "" -- $HA/api/slow
up haproxy && capbody $S body-haproxy-403.txt 403/403 load-balancer haproxy "HAProxy's 403 page" "" -- $HA/internal/metrics
up varnish && capbody $S body-varnish-503.txt 503/503 cdn-cache varnish "the Guru Meditation page" "'503 Backend fetch failed'" -- $VN/legacy/api/items
up caddy && capbody $S body-caddy-502.txt 0/502 proxy caddy "Caddy's 502: an empty body" "nothing at all" -- $CD/search/api/q

# ================================================ headers-only pastes ==
S=headers-only-paste
caphead $S head-flask-404.txt 404 app flask "curl -sI on an unknown order, gunicorn direct" "" -- $A:30010/api/orders/7
caphead $S head-fastapi-405.txt 405 app fastapi "curl -sI on a POST route: FastAPI's 405" "Allow: POST" -- $FA/api/orders
caphead $S head-django-404.txt 404 app django "curl -sI, Django in production" "" -- $DJ/api/orders/7
up nginx && caphead $S head-nginx-502.txt 502 proxy nginx "curl -sI, a dead upstream" "" -- $NF/payments/api/charges
up apache && caphead $S head-apache-503.txt 503 proxy apache "curl -sI, a dead ProxyPass backend" "" -- $AP/reports/api/daily
up haproxy && caphead $S head-haproxy-503.txt 503 load-balancer haproxy "curl -sI, no billing server" "" -- $HA/billing/api/invoices
up caddy && caphead $S head-caddy-502.txt 502 proxy caddy "curl -sI, Caddy to a dead port" "" -- $CD/search/api/q
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on a cached entry" "X-Cache: HIT" -- $VN/api/catalog

# ======================================= servers go away behind nginx ==
if up nginx && up php; then
    stop_name php-fpm
    sleep 0.5
    S=php-fpm-nginx
    cap $S nginx-502-fpm-down.txt 502 proxy nginx "PHP-FPM is stopped: nginx's 502" "" -- -sv $NP/api/orders/7
fi
if up nginx && up sinatra; then
    stop_name puma-sinatra
    sleep 0.5
    cap sinatra-puma-nginx nginx-502-puma-down.txt 502 proxy nginx "Puma is stopped: nginx's 502" "curl -si" -- -si $NS/api/orders/7
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round12/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
