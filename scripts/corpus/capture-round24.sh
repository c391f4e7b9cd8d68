#!/usr/bin/env bash
# capture-round24.sh — build the twenty-fourth held-out evidence corpus in
# tests/fixtures/evidence-round24/.
#
# Mainstream stacks as the packages ship them, each app behind a front it was
# not behind in rounds 12-21, and the errors on-call engineers meet (upstream
# down, upstream timeout at 2 s, an upstream that closes early or answers
# garbage, body / header / URI too large, method not allowed, auth refused by
# the app and by the front, rate limits at the front and in the app, the
# front's static 404 next to the app's router 404, unhandled exceptions in
# production mode, a readiness check answering 503):
#   Rails 6.1 (Debian) under Puma behind HAProxy; Django under gunicorn behind
#   Caddy; Flask under uWSGI behind Apache mod_proxy_uwsgi; FastAPI under
#   uvicorn behind Apache mod_proxy_http (h2c); Fastify behind Caddy over TLS
#   and HTTP/2; a Tomcat 10 servlet behind nginx; Go net/http behind Apache;
#   gin behind nginx behind Varnish.
# Paste forms: curl -sv/-si transcripts (some with their CRs, some with
# CRLF), -L and --compressed, HTTPie with colours, `wget -S -O-`, body-only
# and headers-only pastes, HTTP/2 (TLS and h2c).
#
#   scripts/corpus/capture-round24.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round24.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round24.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round24.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-21: every server binds 127.0.0.1 (ports 42000-42999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs and builds run under
# `nice -n 15`. Labels are written by finish_round24.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round24"
RUN=/tmp/api-triage-corpus24
STAGE="$RUN/evidence"
CONF="$HERE/conf-round24"
APPS="$HERE/apps24"
VENV=${CORPUS_VENV24:-/tmp/api-triage-corpus24-venv}
NODE_DIR=${CORPUS_NODE24:-/tmp/api-triage-corpus24-node}
GODIR=${CORPUS_GO24:-/tmp/api-triage-corpus24-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(flask==3.1.3 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0 django==5.2.19)
NPM=(fastify@5.12.8)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus24 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget python3-venv nodejs golang-go golang-github-gin-gonic-gin-dev ruby-rails puma apache2 apache2-utils
          nginx haproxy varnish caddy uwsgi-core uwsgi-plugin-python3 tomcat10 openjdk-17-jdk-headless)
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

install_npm() {  # Fastify, from npm
    [[ -e $NODE_DIR/node_modules/fastify/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus24","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # net/http and gin (Debian's golang-github-gin-gonic-gin-dev), offline, GOPATH mode
    local g
    mkdir -p "$GODIR"
    for g in nethttp_app gin_app; do
        [[ -x $GODIR/$g && $GODIR/$g -nt $APPS/$g.go ]] && continue
        [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the Go apps are not built"; return 0; }
        log "go build $g"
        (cd "$APPS" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR:/usr/share/gocode" GOCACHE="$GODIR/cache" \
            nice -n 15 timeout 600 go build -p 1 -o "$GODIR/$g" "$g.go") >>"$RUN/logs/go-build.log" 2>&1 \
            || SKIPPED[go]="go build $g failed (see logs/go-build.log)"
    done
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round24.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -z ${SKIPPED[npm]:-} ]] || die "Fastify is missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/gin_app && -x $GODIR/nethttp_app ]] || die "the Go apps did not build (${SKIPPED[go]:-?})"

APP_PORTS=(42011 42013 42014 42017 42018 42019)
OTHER_PORTS=(42010 42012 42015 42050 42051 42060 42061 42062 42065 42066 42070 42075)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" $(seq 42090 42099); do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg django-gunicorn nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 2 --timeout 30 -b 127.0.0.1:42011 django_app:application
start_bg fastapi-uvicorn nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 42013 --proxy-headers --no-access-log fastapi_app:app
start_bg fastify env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/fastify_app.js" 42014
start_bg nethttp nice -n 5 "$GODIR/nethttp_app" 42017
start_bg gin nice -n 5 "$GODIR/gin_app" 42018
start_bg misbehaves nice -n 5 "$PY" "$APPS/upstream_misbehaves.py" 42019
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done
if have ruby-rails && have puma; then
    mkdir -p "$RUN/rails/public" "$RUN/rails/tmp"
    cp "$APPS/rails_api.ru" "$RUN/rails/config.ru"
    start_bg puma-rails env RAILS_ENV=production RACK_ENV=production HOME="$RUN/rails" \
        nice -n 5 puma -b tcp://127.0.0.1:42010 -e production -t 2:4 --dir "$RUN/rails" "$RUN/rails/config.ru"
    wait_port 42010 puma-rails && UP[rails]=1
fi
if have uwsgi-core && have uwsgi-plugin-python3; then
    mkdir -p "$RUN/uwsgi"
    render "$CONF/uwsgi.ini" "$RUN/uwsgi/uwsgi.ini" -e "s|@VENV@|$VENV|g" -e "s|@APPS@|$APPS|g"
    start_bg uwsgi nice -n 5 uwsgi --ini "$RUN/uwsgi/uwsgi.ini"
    wait_port 42012 uwsgi && UP[uwsgi]=1
fi
if have tomcat10 && command -v javac >/dev/null; then
    TB=$RUN/tomcat
    mkdir -p "$TB"/{conf,logs,temp,work,webapps/ROOT/WEB-INF/classes}
    cp "$CONF/tomcat-server.xml" "$TB/conf/server.xml"
    cp /etc/tomcat10/web.xml /etc/tomcat10/logging.properties /etc/tomcat10/catalina.properties "$TB/conf/"
    cp "$APPS/tomcat/web.xml" "$TB/webapps/ROOT/WEB-INF/web.xml"
    if nice -n 15 timeout 300 javac -cp /usr/share/java/tomcat10-servlet-api.jar -d "$TB/webapps/ROOT/WEB-INF/classes" \
        "$APPS/tomcat/OrdersServlet.java" >"$RUN/logs/javac.log" 2>&1; then
        start_bg tomcat env CATALINA_HOME=/usr/share/tomcat10 CATALINA_BASE="$TB" CATALINA_TMPDIR="$TB/temp" \
            nice -n 5 /usr/share/tomcat10/bin/catalina.sh run
        wait_port 42015 tomcat && UP[tomcat]=1
    else log "SKIP tomcat: javac failed"; SKIPPED[tomcat10]="the servlet did not compile"; fi
fi

# ---- front layers ------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/html/static
    printf 'body { margin: 0 }\n' >"$RUN/nginx/html/static/app.css"
    htpasswd -bc "$RUN/nginx/htpasswd" ops correct-horse >/dev/null 2>&1
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 42050 nginx && wait_port 42051 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/html/static
    printf 'body { margin: 0 }\n' >"$RUN/apache/html/static/app.css"
    htpasswd -bc "$RUN/apache/htpasswd" ops correct-horse >/dev/null 2>&1
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 42060 apache && wait_port 42062 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home,static}
    printf 'body { margin: 0 }\n' >"$RUN/caddy/static/app.css"
    HASH=$(timeout 20 caddy hash-password --plaintext 'correct-horse' 2>/dev/null | tail -n 1)
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s#@HASH@#$HASH#"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 42065 caddy && wait_port 42066 caddy && UP[caddy]=1
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 42070 haproxy && UP[haproxy]=1
fi
if have varnish && up nginx; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:42075 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 42075 varnish && UP[varnish]=1
fi
sleep 3  # HAProxy's health checks settle

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for ${CORPUS_SETUP_SECONDS:-300} s"; sleep "${CORPUS_SETUP_SECONDS:-300}" & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 24 (held out): real responses captured by
# scripts/corpus/capture-round24.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-21:
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
HR=$A:42070 CD=$A:42065 FS=https://127.0.0.1:42066 AU=$A:42060 AF=$A:42061 AG=$A:42062 NT=$A:42050 VG=$A:42075
JSONH=(-H 'Content-Type: application/json')
ACCJ=(-H 'Accept: application/json')
W=$RUN/work
printf '{"sku":"A-1","note":"%s"}' "$(head -c 4096 /dev/zero | tr '\0' x)" >"$W/big.json"      # 4 KiB
printf '{"sku":"A-1","note":"%s"}' "$(head -c 16384 /dev/zero | tr '\0' x)" >"$W/huge.json"   # 16 KiB
head -c 4096 /dev/zero | tr '\0' x >"$W/upload.txt"
# header files for `curl -H @file` (a long session cookie, tracing headers)
printf 'Cookie: session=%s\n' "$(head -c 3000 /dev/zero | tr '\0' a)" >"$W/cookie-3k.txt"
printf 'Cookie: session=%s\n' "$(head -c 5000 /dev/zero | tr '\0' a)" >"$W/cookie-5k.txt"
printf 'Cookie: session=%s\n' "$(head -c 20000 /dev/zero | tr '\0' a)" >"$W/cookie-20k.txt"
printf 'X-Trace-Context: %s\nX-Debug-Baggage: %s\n' "$(head -c 5000 /dev/zero | tr '\0' b)" "$(head -c 5000 /dev/zero | tr '\0' c)" >"$W/trace-10k.txt"
head -c 2100 /dev/zero | tr '\0' q >"$W/query-2k.txt"
head -c 5000 /dev/zero | tr '\0' q >"$W/query-5k.txt"

# =============================================== Rails/Puma + HAProxy ==
if up haproxy && up rails; then
    log "capturing: Rails under Puma behind HAProxy"
    S=rails-puma-haproxy
    cap $S rails-404-record-haproxy.txt 404 app rails "unknown order: rescue_from RecordNotFound, the controller's JSON 404" "" -- -sv $HR/api/orders/7
    cap $S rails-404-routing-json.txt 404 app rails "no route, Accept: application/json: PublicExceptions' {\"status\":404,\"error\":\"Not Found\"}" "curl -si" -- -si "${ACCJ[@]}" $HR/api/v2/orders
    cap $S rails-404-routing-empty.txt 404 app rails "no route, no Accept: Rails' empty 404 (an API app has no public/404.html)" "an empty body" -- -sv $HR/api/v2/orders
    caphttp $S rails-422-httpie.txt 422 app rails "HTTPie POST with qty 0: the controller's JSON 422" "HTTPie with colours" -- -v POST $HR/api/orders 'order:={"sku":"A-1","qty":0}'
    cap $S rails-400-parameter-missing.txt 400 app rails "a body without the order key: ParameterMissing, PublicExceptions' JSON 400" "curl -si" -- -si "${JSONH[@]}" "${ACCJ[@]}" -d '{"sku":"A-1"}' $HR/api/orders
    cap $S rails-500-production-json.txt 500 app rails "a NameError in production: PublicExceptions' JSON 500" "" -- -sv "${ACCJ[@]}" $HR/api/boom
    cap $S rails-401-token-behind-basic.txt 401 app rails "right Basic credentials for HAProxy: Rails' 'HTTP Token: Access denied.' (a Basic header is no token)" "" -- -sv -u ops:correct-horse $HR/api/admin/reports
    capraw $S rails-503-readiness.txt 503 app rails "the readiness endpoint: the app's JSON 503 (database timeout)" "curl -si saved to a file (CRs kept)" -- -si $HR/api/health/ready
    capwin $S rails-429-app.txt 429 app rails "the app's own 429 with Retry-After" "curl -si pasted with CRLF" -- -si $HR/api/limited
    cap $S rails-404-after-301-L.txt 404 app rails "-L: the app's 301 for a moved receipt, then the routing 404 (JSON)" "curl -siL: two responses" -- -siL "${ACCJ[@]}" $HR/api/orders/1/receipt
    cap $S haproxy-503-readiness-failing.txt 503 load-balancer haproxy "/api/checkout/: the pool's httpchk polls the readiness endpoint, which answers 503, so no server is up" "" -- -sv $HR/api/checkout/orders
    cap $S haproxy-504-puma-slow.txt 504 load-balancer haproxy "the action sleeps 5 s, timeout server 2s" "curl -si" -- -si $HR/api/slow
    cap $S haproxy-401-basic.txt 401 identity haproxy "http-request auth on /api/admin/: no credentials" "WWW-Authenticate: Basic realm=\"ops\"" -- -sv $HR/api/admin/reports
    caphttp $S haproxy-401-basic-wrong-httpie.txt 401 identity haproxy "HTTPie, a wrong password for the userlist" "HTTPie with colours" -- -v -a ops:wrong GET $HR/api/admin/reports
    quiet $HR/api/search?q=boots
    cap $S haproxy-429-stick-table.txt 429 load-balancer haproxy "the second search within the window: http-request deny deny_status 429" "" -- -sv "$HR/api/search?q=boots"
    cap $S haproxy-405-trace.txt 405 load-balancer haproxy "TRACE: http-request deny deny_status 405" "curl -si" -- -si -X TRACE $HR/api/orders/1
    cap $S haproxy-502-upstream-closed.txt 502 load-balancer haproxy "the partner server reads the request and closes without a byte" "" -- -sv $HR/partner/api/close
    capwget $S haproxy-502-garbage-wget.txt 502 load-balancer haproxy "the partner server answers a line that is not HTTP" "wget -S -O-" -- $HR/partner/api/garbage
    cap $S haproxy-400-header-too-large.txt 400 load-balancer haproxy "a 20 KB cookie, over tune.bufsize: HAProxy's 400 (Debian's errorfile)" "curl -si, the cookie from a file" -- -si -H @cookie-20k.txt $HR/api/orders/1
    capwin $S haproxy-503-payments-down.txt 503 load-balancer haproxy "/payments/: neither server is running" "curl -si pasted with CRLF" -- -si $HR/payments/api/charges
fi

# =============================================== Django/gunicorn + Caddy ==
if up caddy; then
    log "capturing: Django under gunicorn behind Caddy"
    S=django-gunicorn-caddy
    cap $S django-404-json-caddy.txt 404 app django "unknown order: the view's JSON 404" "Server: Caddy" -- -sv $CD/api/orders/7
    cap $S django-404-page-caddy.txt 404 app django "no URL pattern: Django's production 404 page" "curl -si" -- -si $CD/api/v2/orders
    cap $S django-500-page-caddy.txt 500 app django "a TypeError, DEBUG off: Django's 'Server Error (500)'" "" -- -sv $CD/api/boom
    cap $S django-403-csrf-caddy.txt 403 app django "POST without a CSRF token: CsrfViewMiddleware's 403 page" "curl -si" -- -si -X POST "${JSONH[@]}" $CD/api/checkout
    cap $S django-400-upload-limit.txt 400 app django "a 4 KiB JSON body over DATA_UPLOAD_MAX_MEMORY_SIZE 2 KiB: RequestDataTooBig, Django's 400 page" "" -- -sv "${JSONH[@]}" --data-binary @big.json $CD/api/orders
    caphttp $S django-422-httpie.txt 422 app django "HTTPie POST with qty 0" "HTTPie with colours" -- -v POST $CD/api/orders sku=A-1 qty:=0
    capraw $S django-429-app.txt 429 app django "the app's own 429 (throttled)" "curl -si saved to a file (CRs kept)" -- -si $CD/api/limited
    cap $S django-503-readiness.txt 503 app django "the readiness endpoint: the app's JSON 503 (postgres timed out)" "" -- -sv $CD/api/health/ready
    cap $S django-403-behind-basicauth.txt 403 app django "right Basic credentials for Caddy: the view's own JSON 403" "curl -si" -- -si -u ops:correct-horse $CD/api/admin/reports
    cap $S caddy-401-basicauth.txt 401 identity caddy "basicauth on /api/admin/*: no credentials" "an empty 401" -- -sv $CD/api/admin/reports
    capwin $S caddy-401-basicauth-wrong.txt 401 identity caddy "basicauth: a wrong password" "curl -si pasted with CRLF" -- -si -u ops:wrong $CD/api/admin/reports
    cap $S caddy-504-gunicorn-slow.txt 504 proxy caddy "the view sleeps 5 s, response_header_timeout 2s" "an empty 504" -- -sv $CD/api/slow
    cap $S caddy-502-legacy-down.txt 502 proxy caddy "/legacy/*: a service that is not running" "curl -si" -- -si $CD/legacy/api/items
    cap $S caddy-502-request-body-limit.txt 502 proxy caddy "a 4 KiB body over request_body max_size 2KB: Caddy 2.6 answers 502, not 413" "" -- -sv "${JSONH[@]}" --data-binary @big.json $CD/api/imports/orders
    cap $S caddy-404-static.txt 404 proxy caddy "a missing file under /static/: file_server's empty 404" "curl -si" -- -si $CD/static/app.min.js
fi

# ================================================ Fastify + Caddy (TLS, h2) ==
if up caddy; then
    log "capturing: Fastify behind Caddy over TLS and HTTP/2"
    S=fastify-caddy-h2
    cap $S fastify-404-handler-h2.txt 404 app fastify "HTTP/2 over TLS: unknown sku, the handler's JSON 404" "curl -sv -k" -- -sv -k $FS/api/products/Z-9
    cap $S fastify-404-route-h2.txt 404 app fastify "no route: Fastify's 'Route GET:... not found'" "curl -si -k" -- -si -k $FS/api/v2/products
    cap $S fastify-400-schema-h2.txt 400 app fastify "a body without price: FST_ERR_VALIDATION" "" -- -sv -k "${JSONH[@]}" -d '{"sku":"A-1"}' $FS/api/products
    cap $S fastify-413-body-limit-h2.txt 413 app fastify "a 4 KiB body over bodyLimit 1 KiB: FST_ERR_CTP_BODY_TOO_LARGE" "" -- -sv -k "${JSONH[@]}" --data-binary @big.json $FS/api/products
    caphttp $S fastify-401-httpie.txt 401 app fastify "HTTPie over TLS, no token: the handler's 401" "HTTPie with colours" -- -v --verify=no GET $FS/api/admin/imports
    capraw $S fastify-500-h2.txt 500 app fastify "an Error thrown in a handler: Fastify's default 500" "curl -si -k saved to a file (CRs kept)" -- -si -k $FS/api/boom
    capwin $S fastify-503-readiness-h2.txt 503 app fastify "the readiness endpoint: the app's JSON 503" "curl -si -k pasted with CRLF" -- -si -k $FS/api/health/ready
    cap $S caddy-504-fastify-h2.txt 504 proxy caddy "HTTP/2: the handler sleeps 5 s, response_header_timeout 2s" "" -- -sv -k $FS/api/slow
    cap $S caddy-502-garbage-h2.txt 502 proxy caddy "HTTP/2: the partner server answers a line that is not HTTP" "curl -si -k --compressed" -- -si -k --compressed $FS/partner/api/garbage
fi

# ========================================= Flask/uWSGI + Apache proxy_uwsgi ==
if up apache && up uwsgi; then
    log "capturing: Flask under uWSGI behind Apache mod_proxy_uwsgi"
    S=flask-uwsgi-apache
    cap $S flask-404-json-apache.txt 404 app flask "unknown order: the view's JSON 404 over mod_proxy_uwsgi" "Server: Apache/2.4.71 (Debian)" -- -sv $AU/api/orders/7
    cap $S flask-404-werkzeug-apache.txt 404 app flask "no route: Werkzeug's 404 page" "curl -si" -- -si $AU/api/v2/orders
    cap $S flask-405-werkzeug-apache.txt 405 app flask "DELETE on a GET route: Werkzeug's 405 page" "" -- -sv -X DELETE $AU/api/orders/1
    cap $S flask-400-bad-json-apache.txt 400 app flask "broken JSON to request.get_json(): Werkzeug's 400 page" "curl -si" -- -si "${JSONH[@]}" -d '{"sku": ' $AU/api/orders/
    cap $S flask-413-werkzeug-apache.txt 413 app flask "a 4 KiB upload over MAX_CONTENT_LENGTH 1 KiB (Apache allows 8 KiB): Werkzeug's 413" "" -- -sv -H 'Content-Type: text/plain' --data-binary @upload.txt $AU/api/upload
    capraw $S flask-500-page-apache.txt 500 app flask "an IndexError, debug off: Flask's 'Internal Server Error' page" "curl -si saved to a file (CRs kept)" -- -si $AU/api/boom
    cap $S flask-401-after-308-L.txt 401 app flask "-L: Werkzeug's 308 to the slash, then the view's JSON 401" "curl -siL: two responses" -- -siL $AU/api/orders
    caphttp $S flask-401-behind-basic-httpie.txt 401 app flask "HTTPie with the right Basic credentials for Apache: the view's bearer 401" "HTTPie with colours" -- -v -a ops:correct-horse GET $AU/api/admin/reports
    cap $S apache-401-basic.txt 401 identity apache "mod_auth_basic on /api/admin/: no credentials" "" -- -sv $AU/api/admin/reports
    cap $S apache-413-limitrequestbody.txt 413 proxy apache "a 16 KiB body over LimitRequestBody 8192" "curl -si" -- -si "${JSONH[@]}" --data-binary @huge.json $AU/api/upload
    cap $S apache-414-limitrequestline.txt 414 proxy apache "a 2 KB query string over LimitRequestLine 2048" "curl -si -G --data-urlencode" -- -si -G --data-urlencode q@query-2k.txt $AU/api/orders/1
    cap $S apache-400-header-too-large.txt 400 proxy apache "a 3 KB cookie over LimitRequestFieldSize 2048" "curl -si, the cookie from a file" -- -si -H @cookie-3k.txt $AU/api/orders/1
    cap $S apache-500-uwsgi-timeout.txt 500 proxy apache "the view sleeps 5 s: mod_proxy_uwsgi after ProxyTimeout 2 answers with Apache's 500 page" "" -- -sv $AU/api/slow
    capwin $S apache-503-billing-down.txt 503 proxy apache "/billing/: a uWSGI socket that is not running" "curl -si pasted with CRLF" -- -si $AU/billing/api/invoices
fi

# ============================================ FastAPI/uvicorn + Apache ==
if up apache; then
    log "capturing: FastAPI under uvicorn behind Apache mod_proxy_http"
    S=fastapi-uvicorn-apache
    cap $S fastapi-404-apache.txt 404 app fastapi "HTTPException(404)" "" -- -sv $AF/api/orders/7
    cap $S fastapi-404-no-route-apache.txt 404 app fastapi "no route: {\"detail\":\"Not Found\"}" "curl -si" -- -si $AF/api/v2/orders
    cap $S fastapi-405-apache.txt 405 app fastapi "DELETE on a GET route: FastAPI's 405" "curl -si" -- -si -X DELETE $AF/api/orders/1
    cap $S fastapi-422-compressed.txt 422 app fastapi "qty 0: the validation 422, gzip by GZipMiddleware" "curl -sv --compressed" -- -sv --compressed "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $AF/api/orders
    caphttp $S fastapi-401-httpie-apache.txt 401 app fastapi "HTTPie, no token: HTTPException(401) with WWW-Authenticate: Bearer" "HTTPie with colours" -- -v GET $AF/api/admin/reports
    cap $S fastapi-500-text-apache.txt 500 app fastapi "an unhandled RuntimeError, debug off: text 'Internal Server Error'" "" -- -sv $AF/api/boom
    cap $S fastapi-404-h2c.txt 404 app fastapi "HTTP/2 cleartext to Apache: HTTPException(404)" "curl -si --http2-prior-knowledge" -- -si --http2-prior-knowledge $AF/api/orders/7
    cap $S apache-502-proxytimeout.txt 502 proxy apache "the handler sleeps 5 s, ProxyTimeout 2: Apache's 502 Proxy Error" "" -- -sv $AF/api/slow
    cap $S apache-502-proxytimeout-h2c.txt 502 proxy apache "HTTP/2 cleartext: ProxyTimeout 2" "curl -si --http2-prior-knowledge" -- -si --http2-prior-knowledge $AF/api/slow
    cap $S apache-503-search-down.txt 503 proxy apache "/search/: a service that is not running" "" -- -sv $AF/search/api/query?q=shoe
    caphttp $S apache-404-static-docroot-httpie.txt 404 proxy apache "HTTPie: a missing file under the DocumentRoot's /static/" "HTTPie with colours" -- -v GET $AF/static/app.min.js
fi

# ================================================ Go net/http + Apache ==
if up apache; then
    log "capturing: Go net/http behind Apache mod_proxy_http"
    S=go-nethttp-apache
    cap $S go-404-json-apache.txt 404 app go-net-http "unknown order: the handler's JSON 404" "" -- -sv $AG/api/orders/7
    cap $S go-404-servemux-apache.txt 404 app go-net-http "no route: ServeMux's '404 page not found'" "curl -si" -- -si $AG/api/v2/orders
    cap $S go-405-text-apache.txt 405 app go-net-http "PUT on the collection: http.Error's text 405 with Allow" "" -- -sv -X PUT $AG/api/orders
    cap $S go-413-maxbytes-apache.txt 413 app go-net-http "a 4 KiB body over MaxBytesReader 1 KiB: the handler's JSON 413" "curl -si" -- -si "${JSONH[@]}" --data-binary @big.json $AG/api/orders
    cap $S go-431-header-apache.txt 431 app go-net-http "10 KB of tracing headers over MaxHeaderBytes 4 KiB (each under Apache's limit): net/http's own 431" "curl -si, the headers from a file" -- -si -H @trace-10k.txt $AG/api/orders/1
    capraw $S go-500-text-apache.txt 500 app go-net-http "http.Error's text 500" "curl -si saved to a file (CRs kept)" -- -si $AG/api/boom
    cap $S go-429-text-apache.txt 429 app go-net-http "the app's text 429 with Retry-After" "" -- -sv $AG/api/limited
    capwin $S go-503-readiness-apache.txt 503 app go-net-http "the readiness endpoint: the app's JSON 503" "curl -si pasted with CRLF" -- -si $AG/api/health/ready
    cap $S apache-405-delete-rewrite.txt 405 proxy apache "DELETE refused by a RewriteRule with R=405: Apache's 405 page" "" -- -sv -X DELETE $AG/api/orders/1
    cap $S apache-502-go-timeout.txt 502 proxy apache "the handler sleeps 5 s, ProxyTimeout 2" "curl -si --compressed" -- -si --compressed $AG/api/slow
    cap $S apache-502-upstream-closed.txt 502 proxy apache "the partner server closes without a byte: Apache's 502 Proxy Error" "" -- -sv $AG/partner/api/close
fi

# ================================================== Tomcat + nginx ==
if up nginx && up tomcat; then
    log "capturing: Tomcat behind nginx"
    S=tomcat-nginx
    cap $S tomcat-404-senderror-nginx.txt 404 app tomcat "sendError(404, msg): Tomcat's 'HTTP Status 404 – Not Found' report" "Server: nginx/1.22.1" -- -sv $NT/api/orders/7
    cap $S tomcat-500-report-nginx.txt 500 app tomcat "an IllegalStateException: Tomcat's 500 report" "" -- -sv $NT/api/boom
    cap $S tomcat-400-delete-http10.txt 400 app tomcat "DELETE, which the servlet does not implement: over nginx's HTTP/1.0 hop HttpServlet answers 400, not 405" "curl -si" -- -si -X DELETE $NT/api/orders/1
    cap $S tomcat-400-header-too-large.txt 400 app tomcat "a 3 KB cookie: under nginx's 4k buffers, over Tomcat's maxHttpHeaderSize 2048: Tomcat's 400 report" "curl -si, the cookie from a file" -- -si -H @cookie-3k.txt $NT/api/orders/1
    caphttp $S tomcat-422-httpie-nginx.txt 422 app tomcat "HTTPie POST: the servlet's JSON 422" "HTTPie with colours" -- -v POST $NT/api/orders sku=A-1 qty:=0
    capraw $S tomcat-503-readiness-nginx.txt 503 app tomcat "the readiness endpoint: the servlet's JSON 503 (HikariPool timeout)" "curl -si saved to a file (CRs kept)" -- -si $NT/api/health/ready
    cap $S nginx-401-auth-basic.txt 401 identity nginx "auth_basic on /api/admin/: no credentials" "" -- -sv $NT/api/admin/reports
    cap $S nginx-504-tomcat-slow.txt 504 proxy nginx "the servlet sleeps 5 s, proxy_read_timeout 2s" "curl -si" -- -si $NT/api/slow
    cap $S nginx-502-ledger-down.txt 502 proxy nginx "/ledger/: a service that is not running" "" -- -sv $NT/ledger/api/entries
    capwin $S nginx-502-upstream-closed.txt 502 proxy nginx "the partner server closes without a byte: upstream prematurely closed" "curl -si pasted with CRLF" -- -si $NT/partner/api/close
    cap $S nginx-413-client-max-body.txt 413 proxy nginx "a 16 KiB body over client_max_body_size 8k" "" -- -sv "${JSONH[@]}" --data-binary @huge.json $NT/api/orders
    cap $S nginx-414-uri.txt 414 proxy nginx "a 5 KB query string over large_client_header_buffers 4 4k" "curl -si -G --data-urlencode" -- -si -G --data-urlencode q@query-5k.txt $NT/api/orders/1
    cap $S nginx-400-header-too-large.txt 400 proxy nginx "a 5 KB cookie: 'Request Header Or Cookie Too Large'" "curl -si, the cookie from a file" -- -si -H @cookie-5k.txt $NT/api/orders/1
    quiet $NT/api/search?q=mug
    cap $S nginx-429-limit-req.txt 429 proxy nginx "the second search within the minute: limit_req, limit_req_status 429, nginx's stock page" "" -- -sv "$NT/api/search?q=mug"
    cap $S nginx-404-static.txt 404 proxy nginx "a missing file under the /static/ root" "curl -si" -- -si $NT/static/app.min.js
fi

# ========================================== gin + nginx + Varnish ==
if up varnish && up nginx; then
    log "capturing: gin behind nginx behind Varnish"
    S=gin-nginx-varnish
    cap $S gin-200-catalog-miss.txt 200 app gin "the first request for the catalog: a MISS" "X-Cache: MISS" -- -sv $VG/api/catalog
    cap $S varnish-200-catalog-hit.txt 200 cdn-cache varnish "the catalog again: a HIT from Varnish's store" "curl -si; X-Cache: HIT" -- -si $VG/api/catalog
    cap $S varnish-304-etag.txt 304 cdn-cache varnish "If-None-Match with the cached ETag: Varnish's own 304" "" -- -sv -H 'If-None-Match: "cat-v42"' $VG/api/catalog
    cap $S gin-404-json-varnish.txt 404 app gin "unknown sku: the handler's JSON 404 (a MISS)" "" -- -sv $VG/api/items/Z-9
    cap $S gin-404-default-varnish.txt 404 app gin "no route: gin's '404 page not found'" "curl -si" -- -si $VG/api/v2/items
    cap $S gin-500-empty-varnish.txt 500 app gin "a panic: gin.Recovery's empty 500" "an empty body" -- -sv $VG/api/boom
    caphttp $S gin-400-binding-httpie.txt 400 app gin "HTTPie POST without delta: the binding error 400" "HTTPie with colours" -- -v POST $VG/api/adjustments sku=A-1
    cap $S nginx-504-via-varnish.txt 504 proxy nginx "the handler sleeps 5 s: nginx's proxy_read_timeout 2s fires before Varnish's 3 s" "curl -si" -- -si $VG/api/slow
    cap $S varnish-503-first-byte-timeout.txt 503 cdn-cache varnish "/exports/: nginx waits 10 s, Varnish's first_byte_timeout 3s fires: 'Backend fetch failed'" "" -- -sv $VG/exports/slow
    capwget $S varnish-503-legacy-wget.txt 503 cdn-cache varnish "/legacy/: a backend that is not running" "wget -S -O-" -- $VG/legacy/api/items
    cap $S nginx-502-via-varnish.txt 502 proxy nginx "/reports/: nginx's 502 for a service that is not running, passed by Varnish" "" -- -sv $VG/reports/api/daily
    cap $S nginx-404-static-via-varnish.txt 404 proxy nginx "a file nginx's root does not have, through Varnish" "curl -si --compressed" -- -si --compressed $VG/favicon.ico
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up caddy && capbody $S body-django-400-upload.txt 400/400 app django "Django's 'Bad Request (400)' for a body over the upload limit" "" -- "${JSONH[@]}" --data-binary @big.json $CD/api/orders
up caddy && capbody $S body-django-503-readiness.txt 0/503 app django "the readiness JSON" "no number" -- $CD/api/health/ready
up apache && capbody $S body-apache-500-uwsgi-timeout.txt 500/500 proxy apache "Apache's 500 page after the uwsgi timeout" "" -- $AU/api/slow
up apache && capbody $S body-fastapi-500-text.txt 0/500 app fastapi "text 'Internal Server Error'" "no number" -- $AF/api/boom
up apache && capbody $S body-go-431.txt 431/431 app go-net-http "net/http's '431 Request Header Fields Too Large'" "" -- -H @trace-10k.txt $AG/api/orders/1
up nginx && capbody $S body-tomcat-400-header.txt 400/400 app tomcat "Tomcat's 'HTTP Status 400 – Bad Request' report for a header over maxHttpHeaderSize" "" -- -H @cookie-3k.txt $NT/api/orders/1
up nginx && capbody $S body-nginx-429.txt 429/429 proxy nginx "nginx's stock 429 page" "" -- "$NT/api/search?q=cup"
up varnish && capbody $S body-varnish-503.txt 503/503 cdn-cache varnish "Varnish's guru meditation page" "" -- $VG/legacy/api/orders

# ================================================ headers-only pastes ==
S=headers-only-paste
up haproxy && caphead $S head-haproxy-401-basic.txt 401 identity haproxy "curl -sI behind http-request auth" "" -- $HR/api/admin/reports
up apache && caphead $S head-go-405.txt 405 app go-net-http "curl -sI on the POST-only collection: the handler's 405" "Allow: POST" -- $AG/api/orders
up caddy && caphead $S head-caddy-404-static.txt 404 proxy caddy "curl -sI on a missing static file" "" -- $CD/static/app.min.js
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on the cached catalog" "X-Cache: HIT" -- $VG/api/catalog
up nginx && up tomcat && caphead $S head-tomcat-503-readiness.txt 503 app tomcat "curl -sI on the readiness endpoint" "" -- $NT/api/health/ready

# ================================== servers go away behind their fronts ==
if up haproxy && up rails; then
    stop_name puma-rails; sleep 0.5
    cap rails-puma-haproxy haproxy-503-puma-stopped.txt 503 load-balancer haproxy "Puma is stopped: HAProxy's 503" "" -- -sv $HR/api/orders/1
fi
if up caddy; then
    stop_name django-gunicorn; sleep 0.5
    cap django-gunicorn-caddy caddy-502-gunicorn-stopped.txt 502 proxy caddy "gunicorn is stopped: Caddy's empty 502" "curl -si" -- -si $CD/api/orders/1
    stop_name fastify; sleep 0.5
    caphttp fastify-caddy-h2 caddy-502-fastify-stopped-httpie.txt 502 proxy caddy "HTTPie over TLS: Fastify is stopped" "HTTPie with colours" -- -v --verify=no GET $FS/api/products/A-1
fi
if up apache && up uwsgi; then
    stop_name uwsgi; sleep 0.5
    cap flask-uwsgi-apache apache-503-uwsgi-stopped.txt 503 proxy apache "uWSGI is stopped: Apache's 503" "" -- -sv $AU/api/orders/1
fi
if up apache; then
    stop_name fastapi-uvicorn; sleep 0.5
    capwget fastapi-uvicorn-apache apache-503-uvicorn-stopped-wget.txt 503 proxy apache "uvicorn is stopped: Apache's 503" "wget -S -O-" -- $AF/api/orders/1
    stop_name nethttp; sleep 0.5
    cap go-nethttp-apache apache-503-go-stopped.txt 503 proxy apache "the Go service is stopped: Apache's 503" "curl -si" -- -si $AG/api/orders/1
fi
if up nginx && up tomcat; then
    stop_name tomcat; sleep 0.5
    cap tomcat-nginx nginx-502-tomcat-stopped.txt 502 proxy nginx "Tomcat is stopped: nginx's 502" "" -- -sv $NT/api/orders/1
fi
if up varnish && up nginx; then
    stop_name gin; sleep 0.5
    cap gin-nginx-varnish varnish-200-hit-gin-stopped.txt 200 cdn-cache varnish "gin is stopped, the catalog is still fresh: a HIT" "curl -si" -- -si $VG/api/catalog
    cap gin-nginx-varnish nginx-502-gin-stopped-via-varnish.txt 502 proxy nginx "gin is stopped: nginx's 502 passed by Varnish" "" -- -sv $VG/api/items/A-1
    stop_name nginx; sleep 0.5
    capraw gin-nginx-varnish varnish-503-nginx-stopped.txt 503 cdn-cache varnish "nginx is stopped too: Varnish's 503" "curl -si saved to a file (CRs kept)" -- -si $VG/api/items/B-2
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round24/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
