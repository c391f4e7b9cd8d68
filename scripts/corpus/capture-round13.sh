#!/usr/bin/env bash
# capture-round13.sh — build the thirteenth held-out evidence corpus in
# tests/fixtures/evidence-round13/.
#
# Mainstream production stacks again, in other pairs than round 12, set up
# the way the docs and the packages' stock configs do it (timeouts cut to
# 2 s): Fastify behind nginx (limit_req_status 429 with a JSON body, h2c);
# Express behind Caddy, and behind Caddy's basicauth; Flask under uWSGI
# behind nginx (uwsgi_pass); FastAPI under gunicorn with uvicorn workers
# behind HAProxy (debug off and on); Flask behind Apache mod_proxy_http with
# ProxyErrorOverride On and custom ErrorDocument pages; gin behind nginx with
# proxy_intercept_errors on and a JSON error_page; Tomcat 10 behind Apache
# mod_proxy_http; Sinatra under Puma behind Caddy; PHP-FPM behind Apache
# mod_proxy_fcgi; Varnish in front of Apache in front of Express; Squid as a
# reverse accelerator in front of Flask; HAProxy -> nginx -> Express. Paste
# forms: curl -v/-i transcripts (some with their CRs, some with CRLF),
# HTTPie with colours, body-only and headers-only pastes, HTTP/2 (h2c),
# `wget -S -O-`.
#
#   scripts/corpus/capture-round13.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round13.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round13.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round13.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-12: every server binds 127.0.0.1 (ports 31000-31999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs and builds run under
# `nice -n 15`. Labels are written by finish_round13.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round13"
RUN=/tmp/api-triage-corpus13
STAGE="$RUN/evidence"
CONF="$HERE/conf-round13"
APPS="$HERE/apps13"
VENV=${CORPUS_VENV13:-/tmp/api-triage-corpus13-venv}
NODE_DIR=${CORPUS_NODE13:-/tmp/api-triage-corpus13-node}
GODIR=${CORPUS_GO13:-/tmp/api-triage-corpus13-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(flask==3.1.3 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0 django==5.2.19)
NPM=(express@5.3.0 fastify@4.29.1)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus13 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget python3-venv nodejs golang-go golang-github-gin-gonic-gin-dev php8.2-fpm ruby-sinatra puma
          apache2 nginx haproxy varnish caddy squid uwsgi-core uwsgi-plugin-python3 tomcat10 openjdk-17-jdk-headless)
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

install_npm() {  # Express and Fastify, from npm
    [[ -e $NODE_DIR/node_modules/express/package.json && -e $NODE_DIR/node_modules/fastify/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus13","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # gin from Debian's golang-github-gin-gonic-gin-dev, offline
    [[ -x $GODIR/gin_app && $GODIR/gin_app -nt $APPS/gin_app.go ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the Go app is not built"; return 0; }
    mkdir -p "$GODIR"
    log "go build"
    (cd "$APPS" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR:/usr/share/gocode" GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GODIR/gin_app" gin_app.go) >"$RUN/logs/go-build.log" 2>&1 \
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round13.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -z ${SKIPPED[npm]:-} ]] || die "Express/Fastify are missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/gin_app ]] || die "the gin app did not build (${SKIPPED[go]:-?})"

APP_PORTS=(31010 31013 31014 31015 31016 31017)
OTHER_PORTS=(31011 31018 31019 31020 31050 31051 31052 31053 31054 31060 31061 31062 31063
             31065 31066 31067 31070 31071 31075 31080)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" 31008 31009; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 2 --timeout 30)
start_bg flask-gunicorn "${GUNICORN[@]}" -b 127.0.0.1:31010 flask_app:app
start_bg fastapi-gunicorn "${GUNICORN[@]}" -k uvicorn.workers.UvicornWorker -b 127.0.0.1:31013 fastapi_app:app
start_bg fastapi-gunicorn-debug env FASTAPI_DEBUG=1 "${GUNICORN[@]}" -k uvicorn.workers.UvicornWorker -b 127.0.0.1:31014 fastapi_app:app
start_bg express-prod env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_app.js" 31015 production
start_bg fastify env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/fastify_app.js" 31016
start_bg gin nice -n 5 "$GODIR/gin_app" 31017
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done
if have uwsgi-core && have uwsgi-plugin-python3; then
    mkdir -p "$RUN/uwsgi"
    render "$CONF/uwsgi.ini" "$RUN/uwsgi/uwsgi.ini" -e "s|@VENV@|$VENV|g" -e "s|@APPS@|$APPS|g"
    start_bg uwsgi nice -n 5 uwsgi --ini "$RUN/uwsgi/uwsgi.ini"
    wait_port 31011 uwsgi && UP[uwsgi]=1
fi
if have ruby-sinatra && have puma; then
    start_bg puma-sinatra nice -n 5 puma -b tcp://127.0.0.1:31018 -e production "$APPS/sinatra_app.ru"
    wait_port 31018 puma-sinatra && UP[sinatra]=1
fi
if have php8.2-fpm; then
    mkdir -p "$RUN"/php-fpm "$RUN"/php
    cp "$APPS"/php/*.php "$RUN/php/"
    render "$CONF/php-fpm.conf" "$RUN/php-fpm/php-fpm.conf"
    chown -R www-data: "$RUN/php-fpm" "$RUN/php" 2>/dev/null || true
    start_bg php-fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/php-fpm.conf"
    wait_port 31019 php-fpm && UP[php]=1
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
        wait_port 31020 tomcat && UP[tomcat]=1
    else log "SKIP tomcat: javac failed"; SKIPPED[tomcat10]="the servlet did not compile"; fi
fi

# ---- front layers ------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/html
    cp "$CONF/50x.json" "$RUN/nginx/html/"
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 31050 nginx && wait_port 31054 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/errors
    cp "$CONF"/errors/*.html "$RUN/apache/errors/"
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 31060 apache && wait_port 31063 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    HASH=$(timeout 20 caddy hash-password --plaintext 'correct-horse' 2>/dev/null | tail -n 1)
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s#@HASH@#$HASH#"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 31065 caddy && wait_port 31067 caddy && UP[caddy]=1
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 31070 haproxy && UP[haproxy]=1
fi
if have varnish && up apache; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:31075 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 31075 varnish && UP[varnish]=1
fi
if have squid; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || true
    start_bg squid squid -N -n corpus13 -f "$RUN/squid/squid.conf"
    wait_port 31080 squid && UP[squid]=1
fi
sleep 3  # HAProxy's health checks settle

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 13 (held out): real responses captured by
# scripts/corpus/capture-round13.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-12:
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
FL=$A:31010 FA=$A:31013 EX=$A:31015 FY=$A:31016 GN=$A:31017 TC=$A:31020
NY=$A:31050 NU=$A:31051 NG=$A:31052 NH=$A:31054
AO=$A:31060 AF=$A:31061 AT=$A:31062
CE=$A:31065 CB=$A:31066 CS=$A:31067 HF=$A:31070 HE=$A:31071 VN=$A:31075 SQ=$A:31080
JSONH=(-H 'Content-Type: application/json')
head -c 4096 /dev/zero | tr '\0' x >"$RUN/work/upload.txt"  # a 4 KiB upload
printf '{"sku":"A-1","note":"%s"}' "$(head -c 4096 /dev/zero | tr '\0' x)" >"$RUN/work/big.json"

# ===================================================== Fastify + nginx ==
if up nginx; then
    log "capturing: Fastify behind nginx"
    S=fastify-nginx
    cap $S fastify-404-unknown-order.txt 404 app fastify "unknown order id: the handler's 404 in Fastify's error shape" "Server: nginx/1.22.1" -- -sv $NY/api/orders/7
    cap $S fastify-404-no-route.txt 404 app fastify "no route: Fastify's 'Route GET:... not found'" "curl -si" -- -si $NY/api/v2/orders
    cap $S fastify-400-schema.txt 400 app fastify "POST with qty 0: the JSON schema validation 400" "'body/qty must be >= 1'" -- -sv "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $NY/api/orders
    cap $S fastify-413-body-limit.txt 413 app fastify "a 4 KiB JSON body over Fastify's bodyLimit 1 KiB (nginx's limit is 1m)" "FST_ERR_CTP_BODY_TOO_LARGE" -- -si "${JSONH[@]}" --data-binary @big.json $NY/api/orders
    caphttp $S fastify-401-httpie.txt 401 app fastify "HTTPie, no token" "HTTPie with colours" -- -v GET $NY/api/admin/reports
    cap $S fastify-500-default-handler.txt 500 app fastify "a TypeError: Fastify's default error handler" "" -- -sv $NY/api/boom
    capwin $S fastify-503-maintenance.txt 503 app fastify "the app's maintenance 503" "curl -si pasted with CRLF" -- -si $NY/api/maintenance
    cap $S fastify-504-dependency-timeout.txt 504 app fastify "the stock service did not answer in 1 s: the app's own 504" "" -- -sv $NY/api/inventory
    cap $S nginx-504-fastify-slow.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 2s" "curl -si" -- -si $NY/api/slow
    quiet $NY/api/search
    cap $S nginx-429-limit-req-json.txt 429 proxy nginx "limit_req with limit_req_status 429 and a JSON error_page: the second request" "" -- -sv $NY/api/search?q=shoes
    capraw $S fastify-429-app.txt 429 app fastify "the app's own 429" "curl -si saved to a file (CRs kept)" -- -si $NY/api/limited

    S=fastify-nginx-h2c
    cap $S fastify-404-h2c.txt 404 app fastify "HTTP/2 to nginx: the app's 404" "" -- -sv --http2-prior-knowledge $NH/api/orders/7
    cap $S nginx-502-h2c.txt 502 proxy nginx "HTTP/2: the ledger upstream is not running" "curl -si" -- -si --http2-prior-knowledge $NH/ledger/api/entries
    cap $S nginx-504-h2c.txt 504 proxy nginx "HTTP/2: proxy_read_timeout" "curl -si" -- -si --http2-prior-knowledge $NH/api/slow
fi

# ====================================================== Express + Caddy ==
if up caddy; then
    log "capturing: Express behind Caddy"
    S=express-caddy
    cap $S express-404-cannot-get-caddy.txt 404 app express "no route: Express's 'Cannot GET'" "Server: Caddy" -- -sv $CE/api/v2/orders
    cap $S express-400-bad-json-caddy.txt 400 app express "broken JSON: express.json() fails, the default handler in production" "curl -si" -- -si "${JSONH[@]}" -d '{"sku": ' $CE/api/orders
    cap $S express-413-body-parser.txt 413 app express "a 4 KiB JSON body over express.json({limit: '1kb'})" "'Payload Too Large'" -- -sv "${JSONH[@]}" --data-binary @big.json $CE/api/orders
    cap $S express-405-json.txt 405 app express "PUT on the collection: the app's 405 with Allow" "curl -si" -- -si -X PUT $CE/api/orders
    caphttp $S express-422-httpie-caddy.txt 422 app express "HTTPie POST with qty 0" "HTTPie with colours" -- -v POST $CE/api/orders sku=A-1 qty:=0
    cap $S express-504-dependency.txt 504 app express "the inventory service timed out: the app's own 504" "curl -si" -- -si $CE/api/inventory
    cap $S caddy-502-notify-down.txt 502 proxy caddy "reverse_proxy to a notify service that is not running" "an EMPTY 502" -- -sv $CE/notify/api/send
    cap $S caddy-504-express-slow.txt 504 proxy caddy "response_header_timeout 2s" "an EMPTY 504" -- -sv $CE/api/slow

    S=caddy-basicauth-express
    cap $S caddy-401-basicauth.txt 401 identity caddy "basicauth on /api/admin/*: no credentials" "WWW-Authenticate: Basic realm=\"restricted\"" -- -sv $CB/api/admin/reports
    cap $S caddy-401-basicauth-wrong.txt 401 identity caddy "basicauth: a wrong password" "curl -si" -- -si -u ops:wrong $CB/api/admin/reports
    cap $S express-403-behind-basicauth.txt 403 app express "right Basic credentials: Express's own 403 (a Basic header is not its Bearer scope)" "" -- -sv -u ops:correct-horse $CB/api/admin/reports
    cap $S express-404-unprotected.txt 404 app express "an unprotected path: Express's JSON 404" "curl -si" -- -si $CB/api/orders/7
fi

# ========================================== Flask under uWSGI + nginx ==
if up nginx && up uwsgi; then
    log "capturing: Flask under uWSGI behind nginx"
    S=flask-uwsgi-nginx
    cap $S flask-404-uwsgi.txt 404 app flask "unknown order: the view's JSON 404 over uwsgi_pass" "" -- -sv $NU/api/orders/7
    caphttp $S flask-422-uwsgi-httpie.txt 422 app flask "HTTPie POST with qty 0" "HTTPie with colours" -- -v POST $NU/api/orders sku=A-1 qty:=0
    cap $S flask-413-werkzeug.txt 413 app flask "a 4 KiB upload over MAX_CONTENT_LENGTH 1 KiB: Werkzeug's 413 page" "nginx's client_max_body_size is the default 1m" -- -sv -H 'Content-Type: text/plain' --data-binary @upload.txt $NU/api/upload
    cap $S flask-500-uwsgi.txt 500 app flask "a TypeError, debug off: Flask's 'Internal Server Error' page" "curl -si" -- -si $NU/api/boom
    capwin $S flask-503-uwsgi.txt 503 app flask "the app's maintenance 503" "curl -si pasted with CRLF" -- -si $NU/api/maintenance
    cap $S flask-504-dependency.txt 504 app flask "the stock service did not answer in 1 s: the app's own JSON 504" "" -- -sv $NU/api/inventory
    cap $S nginx-504-uwsgi-read-timeout.txt 504 proxy nginx "the view sleeps 5 s, uwsgi_read_timeout 2s" "" -- -sv $NU/api/slow
    cap $S nginx-502-uwsgi-billing-down.txt 502 proxy nginx "uwsgi_pass to a billing uWSGI that is not running" "curl -si" -- -si $NU/billing/api/invoices
fi

# ============================ FastAPI under gunicorn+uvicorn + HAProxy ==
if up haproxy; then
    log "capturing: FastAPI under gunicorn (uvicorn workers) behind HAProxy"
    S=fastapi-gunicorn-haproxy
    cap $S fastapi-422-haproxy.txt 422 app fastapi "POST with qty 0: FastAPI's validation 422" "" -- -sv "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $HF/api/orders
    cap $S fastapi-404-haproxy.txt 404 app fastapi "HTTPException(404)" "curl -si" -- -si $HF/api/orders/7
    cap $S fastapi-405-haproxy.txt 405 app fastapi "GET on a POST-only route: FastAPI's 405" "curl -si" -- -si $HF/api/orders
    caphttp $S fastapi-403-httpie.txt 403 app fastapi "HTTPie with a token without the scope" "HTTPie with colours" -- -v GET $HF/api/admin/reports 'Authorization:Bearer user-token'
    cap $S fastapi-500-haproxy.txt 500 app fastapi "an unhandled RuntimeError, debug off: text 'Internal Server Error'" "curl -si" -- -si $HF/api/boom
    cap $S fastapi-500-debug-traceback.txt 500 app fastapi "debug=True: Starlette's HTML traceback page" "" -- -sv -H 'Accept: text/html' $HF/debug/api/boom
    cap $S fastapi-504-dependency.txt 504 app fastapi "the inventory call timed out: the app's own 504" "curl -si" -- -si $HF/api/inventory
    cap $S haproxy-504-fastapi-slow.txt 504 load-balancer haproxy "timeout server 2s" "" -- -sv $HF/api/slow
    cap $S haproxy-503-payments-down.txt 503 load-balancer haproxy "both payments servers fail their checks" "curl -si" -- -si $HF/payments/api/charges
    quiet $HF/api/search
    cap $S haproxy-429-rate-limit.txt 429 load-balancer haproxy "a stick-table rate limit: http-request deny deny_status 429" "" -- -sv $HF/api/search?q=shoes
    capwget $S haproxy-503-wget.txt 503 load-balancer haproxy "wget, no payments server" "wget -S -O-" -- $HF/payments/api/refunds

    log "capturing: HAProxy -> nginx -> Express"
    S=haproxy-nginx-express
    cap $S express-404-two-hops.txt 404 app express "Express's JSON 404 through both hops" "" -- -sv $HE/api/orders/7
    cap $S nginx-502-via-haproxy.txt 502 proxy nginx "nginx's 502 for a dead ledger upstream, passed by HAProxy" "curl -si" -- -si $HE/ledger/api/entries
    cap $S nginx-504-via-haproxy.txt 504 proxy nginx "nginx's proxy_read_timeout (2 s) fires before HAProxy's (3 s)" "" -- -sv $HE/api/slow
    cap $S haproxy-504-outer-hop.txt 504 load-balancer haproxy "/reports/: nginx waits 10 s, HAProxy's timeout server 3s fires" "curl -si" -- -si $HE/reports/api/slow
    capraw $S express-503-two-hops.txt 503 app express "the app's maintenance 503 through both hops" "curl -si saved to a file (CRs kept)" -- -si $HE/api/maintenance
fi

# ===================================== Flask + Apache ProxyErrorOverride ==
if up apache; then
    log "capturing: Flask behind Apache with ProxyErrorOverride On"
    S=flask-apache-erroroverride
    cap $S apache-404-errordocument.txt 404 proxy apache "the app's JSON 404 replaced by the ErrorDocument 404 page" "ProxyErrorOverride On" -- -sv $AO/api/orders/7
    cap $S apache-500-errordocument.txt 500 proxy apache "the app's 500 replaced by the ErrorDocument 500 page" "curl -si" -- -si $AO/api/boom
    cap $S apache-422-override-stock.txt 422 proxy apache "the app's 422 replaced by Apache's stock 422 page (no ErrorDocument for it)" "" -- -sv "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $AO/api/orders
    caphttp $S apache-503-override-httpie.txt 503 proxy apache "HTTPie: the app's maintenance 503 replaced by the 50x page" "HTTPie with colours" -- -v GET $AO/api/maintenance
    cap $S apache-502-errordocument-timeout.txt 502 proxy apache "the view sleeps 5 s, ProxyTimeout 2: Apache's 502 rendered with the 50x page" "curl -si" -- -si $AO/api/slow
    capwin $S apache-503-errordocument-down.txt 503 proxy apache "ProxyPass to a reports backend that is not running: the 50x page" "curl -si pasted with CRLF" -- -si $AO/reports/api/daily
    cap $S flask-201-not-overridden.txt 201 app flask "a success passes untouched" "" -- -si "${JSONH[@]}" -d '{"sku":"A-1","qty":2}' $AO/api/orders
fi

# ====================================== gin + nginx, intercept errors ==
if up nginx; then
    log "capturing: gin behind nginx with proxy_intercept_errors on"
    S=gin-nginx-intercept
    cap $S gin-404-json.txt 404 app gin "unknown order: the handler's JSON 404 (no error_page for 404)" "" -- -sv $NG/api/orders/7
    cap $S gin-404-default.txt 404 app gin "no route: gin's '404 page not found'" "curl -si" -- -si $NG/api/v2/orders
    cap $S gin-405-default.txt 405 app gin "DELETE on a GET route, HandleMethodNotAllowed: gin's '405 method not allowed'" "curl -si" -- -si -X DELETE $NG/api/orders/1
    cap $S gin-400-binding.txt 400 app gin "POST without qty: the binding error 400" "" -- -sv "${JSONH[@]}" -d '{"sku":"A-1"}' $NG/api/orders
    cap $S nginx-500-json-error-page.txt 500 proxy nginx "gin.Recovery's empty 500 replaced by the JSON error_page" "" -- -sv $NG/api/boom
    cap $S nginx-504-json-error-page-app.txt 504 proxy nginx "the app's own JSON 504 replaced by the JSON error_page" "curl -si" -- -si $NG/api/inventory
    capraw $S nginx-502-json-error-page.txt 502 proxy nginx "a dead stock upstream: nginx's 502 rendered with the JSON error_page" "curl -si saved to a file (CRs kept)" -- -si $NG/stock/api/levels
fi

# ===================================================== Tomcat + Apache ==
if up apache && up tomcat; then
    log "capturing: Tomcat behind Apache mod_proxy_http"
    S=tomcat-apache
    cap $S tomcat-404-senderror.txt 404 app tomcat "sendError(404, msg): Tomcat's 'HTTP Status 404 – Not Found' report" "Server: Apache/2.4.71 (Debian)" -- -sv $AT/api/orders/7
    cap $S tomcat-404-no-servlet.txt 404 app tomcat "a path outside /api/*: Tomcat's default 404 report" "curl -si" -- -si $AT/orders/7
    cap $S tomcat-500-exception-report.txt 500 app tomcat "an IllegalStateException: Tomcat's 500 report" "" -- -sv $AT/api/boom
    cap $S tomcat-409-json.txt 409 app tomcat "the servlet's JSON 409" "curl -si" -- -si -X POST $AT/api/orders/1/cancel
    caphttp $S tomcat-401-httpie.txt 401 app tomcat "HTTPie, no token: the servlet's JSON 401" "HTTPie with colours" -- -v GET $AT/api/admin/reports
    cap $S apache-502-tomcat-timeout.txt 502 proxy apache "the servlet sleeps 5 s, ProxyTimeout 2" "" -- -sv $AT/api/slow
fi

# ===================================================== Sinatra + Caddy ==
if up caddy && up sinatra; then
    log "capturing: Sinatra under Puma behind Caddy"
    S=sinatra-puma-caddy
    cap $S sinatra-404-json-caddy.txt 404 app sinatra "unknown order: halt 404 with JSON" "Server: Caddy" -- -sv $CS/api/orders/7
    cap $S sinatra-404-default-caddy.txt 404 app sinatra "no route: Sinatra's '<h1>Not Found</h1>'" "curl -si" -- -si $CS/v2/orders
    cap $S sinatra-500-caddy.txt 500 app sinatra "a NoMethodError, production" "" -- -sv $CS/api/boom
    cap $S caddy-504-puma-slow.txt 504 proxy caddy "the route sleeps 5 s, response_header_timeout 2s" "curl -si" -- -si $CS/api/slow
fi

# ================================================ PHP-FPM + Apache fcgi ==
if up apache && up php; then
    log "capturing: PHP-FPM behind Apache mod_proxy_fcgi"
    S=php-fpm-apache
    cap $S php-404-json-apache.txt 404 app php "the front controller's JSON 404" "X-Powered-By: PHP" -- -sv $AF/api/orders/7
    cap $S php-422-apache.txt 422 app php "the front controller's 422" "curl -si" -- -si "${JSONH[@]}" -d '{"qty":0}' $AF/api/orders
    cap $S php-500-empty-apache.txt 500 app php "a fatal Error, display_errors off: the empty 500" "" -- -sv $AF/api/boom
    capwin $S php-503-apache.txt 503 app php "the app's maintenance 503" "curl -si pasted with CRLF" -- -si $AF/api/maintenance
    cap $S apache-404-missing-php.txt 404 app apache "a .php file that does not exist: Apache, the origin web server, answers 404" "" -- -sv $AF/old/report.php
    cap $S apache-504-fcgi-timeout.txt 504 proxy apache "the script sleeps 5 s, ProxyTimeout 2 on mod_proxy_fcgi" "curl -si" -- -si $AF/api/slow
fi

# ==================================== Varnish + Apache + Express ==
if up varnish; then
    log "capturing: Varnish in front of Apache in front of Express"
    S=varnish-apache-express
    cap $S express-200-varnish-miss.txt 200 app express "the first request for the catalog: a MISS" "X-Cache: MISS" -- -sv $VN/api/catalog
    cap $S varnish-200-hit-apache.txt 200 cdn-cache varnish "the second request: from Varnish's store" "curl -si; X-Cache: HIT" -- -si $VN/api/catalog
    ETAG=$(in_work timeout 10 curl -sI $VN/api/catalog | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
    cap $S varnish-304-etag.txt 304 cdn-cache varnish "If-None-Match with the cached ETag: Varnish's own 304" "" -- -sv -H "If-None-Match: $ETAG" $VN/api/catalog
    cap $S express-500-via-varnish.txt 500 app express "the app's JSON 500, passed" "curl -si" -- -si $VN/api/report
    cap $S varnish-503-legacy-down.txt 503 cdn-cache varnish "/legacy/ goes to a backend that is not running" "'Backend fetch failed'" -- -sv $VN/legacy/api/items
    cap $S apache-503-via-varnish.txt 503 proxy apache "Apache's 503 for a dead inventory backend, passed by Varnish" "curl -si" -- -si $VN/inventory/api/items
fi

# ============================================== Squid accelerator + Flask ==
if up squid; then
    log "capturing: Squid as a reverse accelerator in front of Flask"
    S=squid-accel-flask
    quiet $SQ/api/catalog
    cap $S squid-200-hit.txt 200 cdn-cache squid "the catalog again: from Squid's memory cache" "X-Cache: HIT from ..." -- -sv $SQ/api/catalog
    cap $S flask-404-via-squid.txt 404 app flask "the app's JSON 404 passed (a MISS)" "curl -si" -- -si $SQ/api/orders/7
    cap $S flask-500-via-squid.txt 500 app flask "the app's JSON 500 passed" "" -- -sv $SQ/api/report
    cap $S squid-502-peer-down.txt 502 cdn-cache squid "the legacy peer is not running: ERR_READ_ERROR" "Squid's error page" -- -sv $SQ/legacy/api/items
    cap $S squid-403-access-denied.txt 403 cdn-cache squid "http_access deny on /internal/: ERR_ACCESS_DENIED" "curl -si" -- -si $SQ/internal/metrics
    capwget $S squid-502-wget.txt 502 cdn-cache squid "wget, the dead legacy peer" "wget -S -O-" -- $SQ/legacy/api/orders
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
capbody $S body-fastify-404-route.txt 404/404 app fastify "Fastify's 'Route GET:... not found' JSON" "statusCode in the body" -- $FY/api/v2/orders
capbody $S body-gin-404.txt 404/404 app gin "'404 page not found'" "" -- $GN/api/v2/orders
capbody $S body-fastapi-422.txt 0/422 app fastapi "FastAPI's validation error list" "no number" -- "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $FA/api/orders
capbody $S body-tomcat-404.txt 404/404 app tomcat "Tomcat's 'HTTP Status 404 – Not Found' report" "" -- $TC/orders/7
up nginx && capbody $S body-nginx-429-json.txt 0/429 proxy nginx "the limit_req JSON body" "no number" -- $NY/api/search?q=boots
up nginx && capbody $S body-nginx-502-json-error-page.txt 0/502 proxy nginx "the JSON error_page for a dead upstream" "no number" -- $NG/stock/api/levels
up apache && capbody $S body-apache-errordocument-50x.txt 0/503 proxy apache "the custom 50x ErrorDocument page" "no number" -- $AO/reports/api/daily
up squid && capbody $S body-squid-403.txt 0/403 cdn-cache squid "Squid's ERR_ACCESS_DENIED page" "no number; 'Access Denied.'" -- $SQ/internal/metrics
up haproxy && capbody $S body-haproxy-429.txt 429/429 load-balancer haproxy "HAProxy's 429 page" "" -- $HF/api/search?q=boots

# ================================================ headers-only pastes ==
S=headers-only-paste
caphead $S head-express-404.txt 404 app express "curl -sI, Express direct" "" -- $EX/api/orders/7
caphead $S head-gin-405.txt 405 app gin "curl -sI on a POST-only route: gin's 405" "Allow: POST" -- $GN/api/orders
up haproxy && caphead $S head-haproxy-503.txt 503 load-balancer haproxy "curl -sI, no payments server" "" -- $HF/payments/api/charges
up caddy && caphead $S head-caddy-401-basicauth.txt 401 identity caddy "curl -sI behind basicauth" "" -- $CB/api/admin/reports
up squid && caphead $S head-squid-200-hit.txt 200 cdn-cache squid "curl -sI on a cached entry" "X-Cache: HIT" -- $SQ/api/catalog

# ================================== servers go away behind their fronts ==
if up nginx && up uwsgi; then
    stop_name uwsgi
    sleep 0.5
    cap flask-uwsgi-nginx nginx-502-uwsgi-stopped.txt 502 proxy nginx "uWSGI is stopped: nginx's 502" "" -- -sv $NU/api/orders/7
fi
if up apache && up tomcat; then
    stop_name tomcat
    sleep 0.5
    cap tomcat-apache apache-503-tomcat-stopped.txt 503 proxy apache "Tomcat is stopped: Apache's 503" "curl -si" -- -si $AT/api/orders/1
fi
if up apache && up php; then
    stop_name php-fpm
    sleep 0.5
    cap php-fpm-apache apache-503-fpm-stopped.txt 503 proxy apache "PHP-FPM is stopped: Apache's 503" "" -- -sv $AF/api/orders/7
fi
if up caddy && up sinatra; then
    stop_name puma-sinatra
    sleep 0.5
    caphttp sinatra-puma-caddy caddy-502-puma-stopped-httpie.txt 502 proxy caddy "HTTPie: Puma is stopped, Caddy's empty 502" "HTTPie with colours" -- -v GET $CS/api/orders/1
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round13/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
