#!/usr/bin/env bash
# capture-round3.sh — build the third held-out evidence corpus in
# tests/fixtures/evidence-round3/ (issue 15: "measured as generalization").
#
# Stacks and servers neither round 1 (capture.sh) nor round 2
# (capture-round2.sh) saw: Node (Express, Fastify, Koa, node:http, an
# http-proxy gateway), Go net/http (an app, httputil.ReverseProxy as it comes
# and as a gateway stamping traceparent), PHP (php -S, php-fpm behind nginx
# and Apache's mod_proxy_fcgi), Ruby (Sinatra on puma, WEBrick), Java (Tomcat
# 10, Jetty 9), Python (CherryPy, Bottle on wsgiref, Falcon on uWSGI and its
# HTTP router, Sanic, Starlette on daphne and granian), and proxies nghttpx
# (h2c and TLS h2), tinyproxy (a forward proxy) and pen (a TCP balancer).
# Apache comes back with mod_cache answering by itself. Body-only and
# headers-only pastes, HTTPie with colours, transcripts saved with their
# CRs, and a few apps behind two hops.
#
#   scripts/corpus/capture-round3.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round3.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round3.sh       # keep configs + logs in the runtime dir
#
# Rules as in rounds 1 and 2: every server binds 127.0.0.1 (ports
# 20000-20999) and the script stops if a new socket listens anywhere else;
# every curl runs under `timeout`; every loop is bounded; every server it
# started is stopped on exit. Debian packages come from apt (with a
# policy-rc.d so nothing starts on its default port), Python packages from
# PyPI into a venv ($CORPUS_VENV), Node packages from npm ($CORPUS_NODE), all
# pinned below (npm itself comes with the nodejs package). Labels are written by finish_round3.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round3"
RUN=/tmp/api-triage-corpus3
STAGE="$RUN/evidence"
CONF="$HERE/conf-round3"
VENV=${CORPUS_VENV:-/tmp/api-triage-corpus3-venv}
NODE_DIR=${CORPUS_NODE:-/tmp/api-triage-corpus3-node}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's: the venv must match uWSGI's python3 plugin
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus3 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(nginx apache2 httpie nodejs golang-go openjdk-17-jdk-headless php-cli php-fpm
          ruby puma ruby-webrick ruby-rack ruby-sinatra tomcat10 jetty9 nghttp2-proxy tinyproxy
          uwsgi uwsgi-plugin-python3 pen python3-venv openssl)
PYPI=(CherryPy==18.10.0 bottle==0.13.4 falcon==4.4.0 sanic==25.12.1 starlette==1.10.0
      daphne==4.2.3 granian==2.8.9)
NPM=(express@5.3.0 fastify@5.12.8 koa@3.3.0 http-proxy@1.18.1)
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
    if ! DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -q --no-install-recommends "${ok[@]}" \
            >"$RUN/logs/apt-install.log" 2>&1; then
        for p in "${ok[@]}"; do
            DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -q --no-install-recommends "$p" \
                >>"$RUN/logs/apt-install.log" 2>&1 || SKIPPED[$p]="apt-get install failed"
        done
    fi
    ((created_policy)) && rm -f /usr/sbin/policy-rc.d
    return 0
}

install_venv() {  # the Python frameworks and servers, from PyPI
    if [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c \
            'import cherrypy, bottle, falcon, sanic, starlette, daphne, granian' 2>/dev/null; then
        return 0
    fi
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[pypi]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >"$RUN/logs/venv.log" 2>&1 || { SKIPPED[pypi]="python3 -m venv failed"; return 0; }
    timeout 600 "$VENV/bin/pip" install -q "${PYPI[@]}" >"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[pypi]="pip install failed (see logs/pip.log)"
}

install_node() {  # the Node frameworks, from npm
    if [[ -d $NODE_DIR/node_modules/express && -d $NODE_DIR/node_modules/fastify \
          && -d $NODE_DIR/node_modules/koa && -d $NODE_DIR/node_modules/http-proxy ]]; then
        return 0
    fi
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node modules missing"; return 0; }
    log "npm install into $NODE_DIR: ${NPM[*]}"
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name": "corpus3", "private": true}' >"$NODE_DIR/package.json"
    (cd "$NODE_DIR" && timeout 600 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # apps3.go, standard library only
    command -v go >/dev/null || { SKIPPED[go]="no go"; return 0; }
    GOCACHE="$RUN/go/cache" GOPATH="$RUN/go/path" GO111MODULE=off GOFLAGS= \
        timeout 300 go build -o "$RUN/go/apps3" "$HERE/apps3.go" >"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[go]="go build failed (see logs/go-build.log)"
}

build_java() {  # apps3.java for Tomcat 10 (jakarta) and Jetty 9 (javax)
    local t=$RUN/tomcat j=$RUN/jetty
    command -v javac >/dev/null || { SKIPPED[java]="no javac"; return 0; }
    mkdir -p "$t"/{conf,logs,temp,work,webapps/ROOT/WEB-INF/classes} "$j"/{src,webapps/root/WEB-INF/classes}
    cp "$CONF/tomcat-server.xml" "$t/conf/server.xml"
    cp /etc/tomcat10/web.xml /etc/tomcat10/catalina.properties /etc/tomcat10/context.xml "$t/conf/" 2>/dev/null
    cp "$CONF/web.xml" "$t/webapps/ROOT/WEB-INF/web.xml"
    cp "$CONF/web.xml" "$j/webapps/root/WEB-INF/web.xml"
    javac -cp /usr/share/tomcat10/lib/servlet-api.jar -d "$t/webapps/ROOT/WEB-INF/classes" \
        "$HERE/apps3.java" >"$RUN/logs/javac.log" 2>&1 || SKIPPED[tomcat10]="javac failed"
    sed 's/jakarta\.servlet/javax.servlet/g' "$HERE/apps3.java" >"$j/src/apps3.java"
    javac -cp /usr/share/jetty9/lib/servlet-api-3.1.jar -d "$j/webapps/root/WEB-INF/classes" \
        "$j/src/apps3.java" >>"$RUN/logs/javac.log" 2>&1 || SKIPPED[jetty9]="javac failed"
    cat >"$j/start.ini" <<'INI'
--module=server
--module=http
--module=deploy
--module=webapp
jetty.http.host=127.0.0.1
jetty.http.port=20052
jetty.httpConfig.requestHeaderSize=1024
INI
}

have() { [[ -z ${SKIPPED[$1]:-} ]] && installed "$1"; }
have_py() { [[ -z ${SKIPPED[pypi]:-} && -x $VENV/bin/python ]]; }
have_node() { [[ -z ${SKIPPED[npm]:-} && -d $NODE_DIR/node_modules/express ]]; }

# -------------------------------------------------------------- processes --
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* || $cmd == *"apps3"* ]]
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
            log "WARNING: pid $pid still running: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
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

wait_port() {  # bounded wait (30 s: Tomcat and Jetty start slowly)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round3.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
    in_work timeout 20 "$HTTPIE" --pretty=all --style=monokai --timeout=10 "$@" >>"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

quiet() { in_work timeout 10 curl -s -o /dev/null "$@" || true; }

render() {
    local src=$1 dest=$2; shift 2
    sed -e "s|@RUN@|$RUN|g" "$@" "$src" >"$dest"
}

selfsigned() {  # selfsigned DIR: tls.key + tls.crt for 127.0.0.1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7 \
        -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
        -keyout "$1/tls.key" -out "$1/tls.crt" >/dev/null 2>&1
}

up() { [[ -n ${UP[$1]:-} ]]; }

# ------------------------------------------------------------------- main --
[[ -d $CONF ]] || die "missing $CONF"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,go}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
build_go
build_java
have_py || die "the Python venv is missing (${SKIPPED[pypi]:-?})"
have_node || die "the Node modules are missing (${SKIPPED[npm]:-?})"
[[ -z ${SKIPPED[go]:-} ]] || die "the Go apps did not build (${SKIPPED[go]})"

PORTS=(20000 20001 20010 20011 20012 20013 20014 20015 20020 20021 20022 20023 20030 20031
       20040 20042 20050 20052 20060 20061 20062 20063 20064 20065 20066 20067 20068 20069
       20100 20143 20200 20300 20400 20401 20500 20501)
for p in "${PORTS[@]}" 20009; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

printf '{"items": [%s{"sku": "last", "qty": 1}]}\n' \
    "$(for i in $(seq 1 125); do printf '{"sku": "SKU-%05d", "qty": 1}, ' "$i"; done)" \
    >"$RUN/work/big-order.json"
LONG=$(head -c 1500 /dev/zero | tr '\0' 'a')
printf 'X-Debug-Trace: %s\n' "$LONG" >"$RUN/work/big-header.txt"
# Go allows MaxHeaderBytes plus 4 kB of slack before its 431
printf 'X-Debug-Trace: %s\n' "$(head -c 8000 /dev/zero | tr '\0' 'a')" >"$RUN/work/huge-header.txt"

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg up-py   "$PY" "$HERE/upstream.py" api 20000
start_bg up-slow "$PY" "$HERE/upstream.py" slow 20001

export NODE_ENV=production NODE_PATH="$NODE_DIR/node_modules"
start_bg express     node "$HERE/apps3.js" express 20010
start_bg fastify     node "$HERE/apps3.js" fastify 20011
start_bg koa         node "$HERE/apps3.js" koa 20012
start_bg node-raw    node "$HERE/apps3.js" raw 20013
start_bg fastify-h2c node "$HERE/apps3.js" fastify-h2c 20014
start_bg node-gw     node "$HERE/apps3.js" gateway 20015

G=$RUN/go/apps3
mkdir -p "$RUN/go/tls"; selfsigned "$RUN/go/tls"
start_bg go-app   "$G" app 20020
start_bg go-proxy "$G" proxy 20021
start_bg go-gw    "$G" gateway 20022
start_bg go-tls   "$G" app-tls 20023 "$RUN/go/tls/tls.crt" "$RUN/go/tls/tls.key"

if have php-cli && have php-fpm; then
    mkdir -p "$RUN/php/static"
    cp "$HERE/apps3.php" "$RUN/php/index.php"
    render "$CONF/php-fpm.conf" "$RUN/php/php-fpm.conf"
    chown -R www-data: "$RUN/php" 2>/dev/null || true
    start_bg php-builtin php -n -d display_errors=0 -d log_errors=1 -S 127.0.0.1:20030 "$RUN/php/index.php"
    start_bg php-fpm php-fpm8.2 -F -n -y "$RUN/php/php-fpm.conf"
    wait_port 20030 php-builtin && wait_port 20031 php-fpm && UP[php]=1
fi
if have puma && have ruby-sinatra; then
    start_bg puma puma -e production -b tcp://127.0.0.1:20040 "$HERE/apps3.ru"
    wait_port 20040 puma && UP[puma]=1
fi
if have ruby-webrick; then
    start_bg webrick ruby "$HERE/apps3.rb" 20042
    wait_port 20042 webrick && UP[webrick]=1
fi
if have tomcat10 && [[ -e $RUN/tomcat/webapps/ROOT/WEB-INF/classes/apps3.class ]]; then
    start_bg tomcat env CATALINA_HOME=/usr/share/tomcat10 CATALINA_BASE="$RUN/tomcat" \
        CATALINA_TMPDIR="$RUN/tomcat/temp" /usr/share/tomcat10/bin/catalina.sh run
fi
if have jetty9 && [[ -e $RUN/jetty/webapps/root/WEB-INF/classes/apps3.class ]]; then
    start_bg jetty java -Djava.io.tmpdir="$RUN/jetty" -jar /usr/share/jetty9/start.jar \
        jetty.home=/usr/share/jetty9 jetty.base="$RUN/jetty"
fi

V=$VENV/bin
start_bg cherrypy "$V/python" "$HERE/apps3.py" cherrypy 20060
start_bg bottle   "$V/python" "$HERE/apps3.py" bottle 20061
start_bg sanic    "$V/python" "$HERE/apps3.py" sanic 20065
start_bg daphne   "$V/daphne" -b 127.0.0.1 -p 20066 apps3:starlette_app
start_bg granian  "$V/granian" --interface asgi --host 127.0.0.1 --port 20067 --workers 1 apps3:starlette_app
if have uwsgi && have uwsgi-plugin-python3; then
    UW=(uwsgi --master --die-on-term --disable-logging)
    start_bg uwsgi-http "${UW[@]}" --plugin python3 --http-socket 127.0.0.1:20062 --virtualenv "$VENV" \
        --chdir "$HERE" --module apps3:falcon_app --processes 1
    start_bg uwsgi-sock "${UW[@]}" --plugin python3 --socket 127.0.0.1:20064 --virtualenv "$VENV" \
        --chdir "$HERE" --module apps3:falcon_app --processes 1 --harakiri 3
    start_bg uwsgi-router "${UW[@]}" --plugin http --http 127.0.0.1:20063 --http-to 127.0.0.1:20064 --http-timeout 2
    start_bg uwsgi-router-dead "${UW[@]}" --plugin http --http 127.0.0.1:20068 --http-to 127.0.0.1:20009
    start_bg uwsgi-noapp "${UW[@]}" --plugin python3 --http-socket 127.0.0.1:20069 --virtualenv "$VENV" \
        --chdir "$HERE" --module apps3:no_such_app --processes 1
    wait_port 20062 uwsgi-http && wait_port 20063 uwsgi-router && wait_port 20068 uwsgi-router-dead \
        && wait_port 20069 uwsgi-noapp && UP[uwsgi]=1
fi

for p in 20000 20001; do wait_port $p up-py || die "upstream on $p failed"; done
for p in 20010 20011 20012 20013 20014 20015; do wait_port $p node || die "a Node app did not start"; done
for p in 20020 20021 20022 20023; do wait_port $p go || die "a Go app did not start"; done
for p in 20060 20061 20065 20066 20067; do wait_port $p python || die "a Python app did not start on $p"; done
have tomcat10 && wait_port 20050 tomcat && UP[tomcat]=1
have jetty9 && wait_port 20052 jetty && UP[jetty]=1

# ---- proxies ----------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 20400 nginx && wait_port 20401 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/{htdocs,cache}
    render "$CONF/apache.conf" "$RUN/apache/httpd.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/httpd.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        start_bg apache apache2 -f "$RUN/apache/httpd.conf" -DFOREGROUND
        wait_port 20300 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have nghttp2-proxy; then
    mkdir -p "$RUN/nghttpx"
    selfsigned "$RUN/nghttpx"
    render "$CONF/nghttpx.conf" "$RUN/nghttpx/nghttpx.conf"
    start_bg nghttpx nghttpx --conf="$RUN/nghttpx/nghttpx.conf"
    wait_port 20100 nghttpx && wait_port 20143 nghttpx && UP[nghttpx]=1
fi
if have tinyproxy; then
    mkdir -p "$RUN/tinyproxy"
    render "$CONF/tinyproxy.conf" "$RUN/tinyproxy/tinyproxy.conf"
    printf '/blocked/\n' >"$RUN/tinyproxy/filter"
    chown -R nobody:nogroup "$RUN/tinyproxy" 2>/dev/null || chmod 777 "$RUN/tinyproxy"
    start_bg tinyproxy tinyproxy -d -c "$RUN/tinyproxy/tinyproxy.conf"
    wait_port 20200 tinyproxy && UP[tinyproxy]=1
fi
if have pen; then
    start_bg pen-dead pen -f -r 127.0.0.1:20500 127.0.0.1:20009
    start_bg pen-up   pen -f -r 127.0.0.1:20501 127.0.0.1:20010
    wait_port 20500 pen-dead && wait_port 20501 pen-up && UP[pen]=1
fi

# (Java binds the IPv4-mapped form of 127.0.0.1: still loopback)
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 3 (held out): real responses captured by
# scripts/corpus/capture-round3.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1 and 2:
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
TP="-x $A:20200"   # through tinyproxy (forward proxy)

# ================================================================== Node ==
log "capturing: node"
S=express-direct
cap $S express-500-direct-unhandled.txt 500 app express "a route throws; NODE_ENV=production" \
    "finalhandler's HTML page, <pre>Internal Server Error</pre>, X-Powered-By: Express, no Server" -- -sv $A:20010/api/boom
cap $S express-404-direct-unrouted.txt 404 app express "no route" \
    "curl -si; 'Cannot GET /api/orders/7' in a <pre>" -- -si $A:20010/api/orders/7
cap $S express-400-direct-bad-json.txt 400 app express "express.json() cannot parse the body" \
    "<pre>Bad Request</pre>, CSP default-src 'none'" \
    -- -sv -X POST -H 'Content-Type: application/json' -d '{"sku": "SKU-1", qty: 2}' $A:20010/api/orders
cap $S express-413-direct-body-too-large.txt 413 app express "body over express.json({limit: '1kb'})" \
    "<pre>Payload Too Large</pre>" \
    -- -sv -X POST -H 'Content-Type: application/json' --data-binary @big-order.json $A:20010/api/orders
cap $S express-502-direct-own-html.txt 502 app express "the app's own HTML 502 (payment provider failed)" \
    "looks like a proxy's page: <title>502 Bad Gateway</title>; Express wrote it" -- -sv $A:20010/api/pay
capraw $S express-503-direct-own-html.txt 503 app express "the app's own HTML 503" \
    "curl -si saved to a file (CRs kept); Retry-After, X-Powered-By: Express" -- -si $A:20010/api/down

S=fastify-direct
cap $S fastify-404-direct-unrouted.txt 404 app fastify "no route" \
    "{\"message\":\"Route GET:/api/orders/7 not found\",\"error\":\"Not Found\",\"statusCode\":404}, no Server" \
    -- -sv $A:20011/api/orders/7
cap $S fastify-500-direct-unhandled.txt 500 app fastify "a handler throws" \
    "curl -si; JSON with statusCode 500 and the error message" -- -si $A:20011/api/boom
cap $S fastify-400-direct-validation.txt 400 app fastify "JSON schema validation fails" \
    "FST_ERR_VALIDATION JSON" -- -sv -X POST -H 'Content-Type: application/json' -d '{"sku": 1}' $A:20011/api/orders
cap $S fastify-415-direct-media-type.txt 415 app fastify "POST with application/xml" \
    "FST_ERR_CTP_INVALID_MEDIA_TYPE JSON" \
    -- -sv -X POST -H 'Content-Type: application/xml' -d '<order sku="1"/>' $A:20011/api/orders
cap $S fastify-503-direct-own-json.txt 503 app fastify "the app answers 503 with its own JSON" \
    "{\"error\":\"maintenance\",...}, Retry-After" -- -sv $A:20011/api/down
caphttp $S fastify-404-direct-unrouted-httpie.txt 404 app fastify "HTTPie -v, Fastify's 404" \
    "HTTPie with colours" -- -v GET $A:20011/api/orders/7

S=fastify-h2c
cap $S fastify-500-h2c-unhandled.txt 500 app fastify "HTTP/2 cleartext (prior knowledge), a handler throws" \
    "h2 framing, lower-case headers, no server header" -- -sv --http2-prior-knowledge $A:20014/api/boom
cap $S fastify-502-h2c-own-json.txt 502 app fastify "HTTP/2 cleartext, the app's own JSON 502" \
    "curl -si; HTTP/2 502 with an app JSON body" -- -si --http2-prior-knowledge $A:20014/api/pay

S=koa-direct
cap $S koa-500-direct-unhandled.txt 500 app koa "middleware throws" \
    "text/plain 'Internal Server Error', no Server, no X-Powered-By" -- -sv $A:20012/api/boom
cap $S koa-404-direct-unrouted.txt 404 app koa "nothing set a body" \
    "curl -si; text/plain 'Not Found'" -- -si $A:20012/api/orders
cap $S koa-503-direct-throw.txt 503 app koa "ctx.throw(503, ...)" \
    "text/plain 'Service Unavailable' (the message is not exposed for 5xx)" -- -sv $A:20012/api/down

S=node-http-raw
cap $S node-400-direct-bad-header.txt 400 app node "header name with a space" \
    "Node's own 'HTTP/1.1 400 Bad Request' + Connection: close, no body, nothing naming Node" \
    -- -sv -H 'Bad Header: x' $A:20013/api/health
cap $S node-431-direct-header-too-large.txt 431 app node "header over maxHeaderSize 1024" \
    "Node's own 431, no body" -- -sv -H @big-header.txt $A:20013/api/health

S=node-gateway-correlation-id
cap $S nodegw-502-json-dead-upstream.txt 502 proxy node-http-proxy "gateway on http-proxy, upstream refused" \
    "the gateway's JSON with correlation_id, X-Correlation-ID, no Server" -- -sv $A:20015/dead/api/users/42
cap $S nodegw-504-json-slow-upstream.txt 504 proxy node-http-proxy "proxyTimeout 2 s, upstream takes 5 s" \
    "the gateway's JSON 504" -- -sv $A:20015/slow/report
cap $S nodegw-404-json-unrouted.txt 404 proxy node-http-proxy "no route in the gateway" \
    "curl -si; gateway JSON 404" -- -si $A:20015/v2/orders
cap $S nodegw-500-fastify-passthrough.txt 500 app fastify "Fastify's 500 through the gateway" \
    "app JSON, lower-case headers relayed, x-correlation-id added" -- -sv $A:20015/fastify/api/boom
cap $S nodegw-502-express-own-html-passthrough.txt 502 app express "the app's own HTML 502 through the gateway" \
    "curl -si; a 502 page behind a gateway, written by the app" -- -si $A:20015/express/api/pay
caphttp $S nodegw-502-json-dead-upstream-httpie.txt 502 proxy node-http-proxy "HTTPie -v, the gateway's JSON 502" \
    "HTTPie with colours" -- -v GET $A:20015/dead/api/users/42

# ==================================================================== Go ==
log "capturing: go"
S=go-net-http-direct
cap $S go-404-direct-notfound.txt 404 app go-net-http "http.NotFound" \
    "text/plain '404 page not found', X-Content-Type-Options: nosniff, no Server" -- -sv $A:20020/api/users/7
capraw $S go-500-direct-http-error.txt 500 app go-net-http "http.Error(w, ..., 500)" \
    "curl -si saved to a file (CRs kept); one line of text" -- -si $A:20020/api/boom
cap $S go-503-direct-timeout-handler.txt 503 app go-net-http "http.TimeoutHandler (1 s) around a slow handler" \
    "Go's <title>Timeout</title> page: the app's own library, not a proxy" -- -sv $A:20020/api/report
cap $S go-000-direct-handler-panic.txt 0 app go-net-http "the handler panics" \
    "net/http recovers and drops the connection: 'Empty reply from server'" -- -sv $A:20020/api/panic
cap $S go-400-direct-bad-header.txt 400 app go-net-http "header name with a space" \
    "'HTTP/1.1 400 Bad Request: invalid header name' (the reason carries the detail)" \
    -- -sv -H 'Bad Header: x' $A:20020/api/health
cap $S go-431-direct-header-too-large.txt 431 app go-net-http "header over MaxHeaderBytes" \
    "Go's own 431 text" -- -sv -H @huge-header.txt $A:20020/api/health
cap $S go-413-direct-max-bytes.txt 413 app go-net-http "http.MaxBytesReader, 1 kB" \
    "http.Error 413 written by the app" \
    -- -sv -X POST -H 'Content-Type: application/json' --data-binary @big-order.json $A:20020/api/orders
cap $S go-503-direct-own-html.txt 503 app go-net-http "the app's own HTML 503" \
    "curl -si; <title>503 Service Unavailable</title>, no Server" -- -si $A:20020/api/down

S=go-tls-h2
cap $S go-500-h2-tls-http-error.txt 500 app go-net-http "TLS (self-signed), h2 by ALPN" \
    "HTTP/2 500, text/plain, no server header" -- -sv --http2 -k https://127.0.0.1:20023/api/boom
cap $S go-404-h2-tls-notfound.txt 404 app go-net-http "TLS h2, http.NotFound" \
    "curl -si; HTTP/2 404 '404 page not found'" -- -si --http2 -k https://127.0.0.1:20023/api/users/7

S=go-reverseproxy
cap $S goproxy-502-dead-upstream.txt 502 proxy go-reverseproxy "httputil.ReverseProxy, upstream refused" \
    "the default ErrorHandler: 502, Content-Length: 0, no Server, nothing else" -- -sv $A:20021/dead/api/users/42
cap $S goproxy-502-slow-upstream.txt 502 proxy go-reverseproxy "ResponseHeaderTimeout 2 s" \
    "a timeout answered as an empty 502" -- -sv $A:20021/slow/report
cap $S goproxy-500-express-passthrough.txt 500 app express "Express's 500 through the Go proxy" \
    "X-Powered-By: Express relayed" -- -sv $A:20021/express/api/boom
cap $S goproxy-404-unrouted.txt 404 proxy go-reverseproxy "no route in the proxy's ServeMux" \
    "curl -si; '404 page not found' written by the proxy" -- -si $A:20021/v2/orders
cap $S goproxy-503-go-timeout-passthrough.txt 503 app go-net-http "the Go app's TimeoutHandler 503 through the Go proxy" \
    "Go's Timeout page behind a Go proxy" -- -sv $A:20021/go/api/report

S=go-gateway-traceparent
cap $S gogw-502-json-dead-upstream.txt 502 proxy go-reverseproxy "gateway on ReverseProxy, upstream refused" \
    "JSON with trace_id, traceparent and X-Trace-Id headers, no Server" -- -sv $A:20022/dead/api/users/42
cap $S gogw-504-json-slow-upstream.txt 504 proxy go-reverseproxy "ResponseHeaderTimeout 2 s" \
    "the gateway's JSON 504" -- -sv $A:20022/slow/report
cap $S gogw-404-json-unrouted.txt 404 proxy go-reverseproxy "no route" \
    "curl -si; gateway JSON 404 with trace_id" -- -si $A:20022/v2/orders
cap $S gogw-500-go-passthrough.txt 500 app go-net-http "the Go app's http.Error 500 through the gateway" \
    "traceparent added by the gateway" -- -sv $A:20022/go/api/boom
cap $S gogw-404-tomcat-unstripped-prefix.txt 404 app tomcat "the gateway keeps its /tomcat prefix; Tomcat has no such path" \
    "Tomcat's 404 page behind a gateway that answers its own errors in JSON" -- -sv $A:20022/tomcat/api/pay
caphttp $S gogw-502-json-dead-upstream-httpie.txt 502 proxy go-reverseproxy "HTTPie -v, the gateway's JSON 502" \
    "HTTPie with colours" -- -v GET $A:20022/dead/api/users/42

# =================================================================== PHP ==
if up php; then
    log "capturing: php"
    S=php-builtin-server
    cap $S php-500-builtin-uncaught.txt 500 app php "uncaught exception, display_errors off" \
        "empty body, X-Powered-By: PHP, status line HTTP/1.0" -- -sv $A:20030/api/boom
    cap $S php-404-builtin-missing-file.txt 404 app php "router returns false, the file is missing" \
        "php -S's own 404 page ('The requested resource ... was not found on this server.')" -- -sv $A:20030/static/app.css
    cap $S php-503-builtin-own-html.txt 503 app php "the app's own HTML 503" \
        "curl -si; looks like a proxy's page" -- -si $A:20030/api/down
    cap $S php-404-builtin-own-json.txt 404 app php "the app's JSON 404" \
        "X-Powered-By: PHP/8.2" -- -sv $A:20030/api/users/7
fi
if up php && up nginx; then
    S=nginx-php-fpm-traceparent
    N=$A:20400
    cap $S phpfpm-500-nginx-uncaught.txt 500 app php "uncaught exception under php-fpm behind nginx" \
        "empty body, Server: nginx, X-Powered-By: PHP, traceparent from nginx" -- -sv $N/php/api/boom
    cap $S phpfpm-404-nginx-primary-script-unknown.txt 404 app php-fpm "SCRIPT_FILENAME names a missing file" \
        "php-fpm's 'File not found.' (Primary script unknown), Server: nginx" -- -sv $N/legacy/report.php
    capraw $S phpfpm-502-nginx-own-json.txt 502 app php "the app's own JSON 502 through nginx" \
        "curl -si saved to a file (CRs kept); app JSON 502 with Server: nginx" -- -si $N/php/api/pay
    cap $S phpfpm-504-nginx-own-html.txt 504 app php "the app's own HTML 504 through nginx" \
        "<title>504 Gateway Timeout</title> with Server: nginx; PHP wrote it" -- -sv $N/php/api/report
    cap $S nginx-504-fpm-read-timeout.txt 504 proxy nginx "fastcgi_read_timeout 2 s, script sleeps 5 s" \
        "nginx's 504 page with traceparent" -- -sv $N/php/api/slow
    cap $S nginx-404-traceparent-unrouted.txt 404 proxy nginx "location / { return 404; }" \
        "curl -si; nginx's 404 page with traceparent" -- -si $N/v2/orders
    caphttp $S phpfpm-500-nginx-uncaught-httpie.txt 500 app php "HTTPie -v, empty 500 from PHP behind nginx" \
        "HTTPie with colours" -- -v GET $N/php/api/boom
fi

# ================================================================ Apache ==
if up php && up apache; then
    log "capturing: apache"
    P=$A:20300
    S=apache-fcgi-cache
    cap $S apache-500-fcgi-php-uncaught.txt 500 app php "uncaught exception under mod_proxy_fcgi" \
        "X-Powered-By: PHP, X-Correlation-ID from mod_unique_id" -- -sv $P/php/api/boom
    cap $S apache-502-fcgi-php-own-json.txt 502 app php "the app's own JSON 502 through Apache" \
        "curl -si; app JSON, Server: Apache" -- -si $P/php/api/pay
    cap $S apache-404-correlation-unrouted.txt 404 proxy apache "no such file" \
        "Apache's 404 page with X-Correlation-ID" -- -sv $P/v2/orders
    cap $S apache-403-correlation-denied.txt 403 proxy apache "Require all denied" \
        "curl -si; Apache's 403 page" -- -si $P/internal/orders
    cap $S apache-503-dead-http-backend.txt 503 proxy apache "mod_proxy_http, backend refused" \
        "Apache's 503 page" -- -sv $P/dead/api/users/42
    cap $S apache-500-express-passthrough.txt 500 app express "Express's 500 through Apache" \
        "X-Powered-By: Express, Server: Apache" -- -sv $P/node/api/boom
    cap $S apache-200-cache-miss.txt 200 app php "first request through mod_cache" \
        "curl -si; X-Cache: MISS, the PHP app answered" -- -si $P/cached/api/catalog
    cap $S apache-304-cache-if-none-match.txt 304 cdn-cache apache "If-None-Match on a cached object" \
        "Apache answers 304 from mod_cache; PHP never sends 304" \
        -- -sv -H 'If-None-Match: "catalog-v7"' $P/cached/api/catalog
    cap $S apache-412-if-match-fcgi.txt 412 proxy apache "If-Match with a stale ETag, under /cached/" \
        "Apache's 412: X-Cache says MISS (the cache did not answer); Apache's script-header reader, which mod_proxy_fcgi shares with CGI, compared the ETag PHP sent and answered itself; PHP never checks If-Match" \
        -- -sv -H 'If-Match: "catalog-v6"' $P/cached/api/catalog
    caphead headers-only-paste head-apache-cache.txt 200 cdn-cache apache "curl -sI on a cached object" \
        "HEAD served by mod_cache (X-Cache), Age" -- $P/cached/api/catalog
fi

# ================================================================== Ruby ==
if up puma; then
    log "capturing: ruby"
    S=puma-sinatra
    cap $S sinatra-500-puma-unhandled.txt 500 app sinatra "a route raises, production" \
        "'<h1>Internal Server Error</h1>', no Server header (puma sends none)" -- -sv $A:20040/api/boom
    cap $S sinatra-404-puma-unrouted.txt 404 app sinatra "pass: no route matches" \
        "curl -si; '<h1>Not Found</h1>', X-Cascade: pass" -- -si $A:20040/api/users/7
    cap $S sinatra-503-puma-own-html.txt 503 app sinatra "halt 503 with the app's own page" \
        "HTML 503 with Retry-After and Rack::Protection headers" -- -sv $A:20040/api/down
    cap $S puma-500-lowlevel-error.txt 500 app puma "a bare Rack endpoint raises" \
        "puma's own 'An unhandled lowlevel error occurred.' text, no headers but Content-Length" -- -sv $A:20040/raw/orders
    cap $S puma-400-bad-header.txt 400 app puma "header name with a space" \
        "puma's bare 400: a status line and nothing else" -- -sv -H 'Bad Header: x' $A:20040/api/health
fi
if up webrick; then
    S=webrick-direct
    cap $S webrick-500-direct-unhandled.txt 500 app webrick "mount_proc raises" \
        "WEBrick's HTML 500 with the message, Server: WEBrick/1.8.1 (Ruby/3.1.2...)" -- -sv $A:20042/api/boom
    cap $S webrick-404-direct-unrouted.txt 404 app webrick "nothing mounted there" \
        "curl -si; WEBrick's 404 page" -- -si $A:20042/api/users/7
    cap $S webrick-503-direct-status.txt 503 app webrick "raise WEBrick::HTTPStatus::ServiceUnavailable" \
        "WEBrick's 503 page" -- -sv $A:20042/api/down
fi

# ================================================================== Java ==
if up tomcat; then
    log "capturing: java"
    S=tomcat-direct
    T=$A:20050
    cap $S tomcat-500-direct-servlet-exception.txt 500 app tomcat "the servlet throws" \
        "'HTTP Status 500 – Internal Server Error' with a stack trace; status line without a reason phrase" \
        -- -sv $T/api/boom
    cap $S tomcat-404-direct-senderror.txt 404 app tomcat "sendError(404)" \
        "curl -si; Tomcat's Status Report page, 'Apache Tomcat/10.1' footer" -- -si $T/api/users/7
    cap $S tomcat-503-direct-senderror.txt 503 app tomcat "sendError(503, ...) by the app" \
        "Tomcat's 503 page: the container wrote it for the app" -- -sv $T/api/down
    cap $S tomcat-400-direct-bad-target.txt 400 app tomcat "'|' in the request target" \
        "Tomcat's 400 page, written before any app code" -- -sv "$T/api/orders|7"
    cap $S tomcat-502-direct-own-json.txt 502 app tomcat "the servlet's own JSON 502" \
        "no Server header" -- -sv $T/api/pay
    cap $S tomcat-500-h2c-upgrade.txt 500 app tomcat "curl --http2 on http://: Upgrade to h2c" \
        "101 Switching Protocols then HTTP/2 500 page" -- -sv --http2 $T/api/boom
    caphttp $S tomcat-404-direct-httpie.txt 404 app tomcat "HTTPie -v, Tomcat's 404" \
        "HTTPie with colours" -- -v GET $T/api/users/7
fi
if up jetty; then
    S=jetty-direct
    J=$A:20052
    cap $S jetty-500-direct-servlet-exception.txt 500 app jetty "the servlet throws" \
        "'HTTP ERROR 500 javax.servlet.ServletException...', Server: Jetty(9.4.57...)" -- -sv $J/api/boom
    cap $S jetty-404-direct-no-resource.txt 404 app jetty "no such resource" \
        "curl -si; Jetty's 404 page" -- -si $J/v2/orders
    cap $S jetty-503-direct-senderror.txt 503 app jetty "sendError(503, ...)" \
        "Jetty's 503 page with the app's message" -- -sv $J/api/down
    cap $S jetty-400-direct-bad-header.txt 400 app jetty "header name with a space" \
        "'400 Illegal character SPACE' in the status line and a short body" -- -sv -H 'Bad Header: x' $J/api/health
    cap $S jetty-431-direct-header-too-large.txt 431 app jetty "requestHeaderSize 1024" \
        "Jetty's 431" -- -sv -H @big-header.txt $J/api/health
fi
if up nginx; then
    S=nginx-correlation-id
    N=$A:20401
    up tomcat && cap $S tomcat-500-nginx-passthrough.txt 500 app tomcat "Tomcat's 500 through nginx" \
        "Server: nginx, X-Correlation-ID; Tomcat's page" -- -sv $N/tomcat/api/boom
    up jetty && cap $S jetty-503-nginx-passthrough.txt 503 app jetty "Jetty's 503 through nginx" \
        "curl -si; Jetty's page, Server: nginx only (nginx drops the upstream's Server)" -- -si $N/jetty/api/down
    cap $S express-404-nginx-passthrough.txt 404 app express "Express's JSON 404 through nginx" \
        "{\"error\":\"user not found\"}, X-Powered-By: Express" -- -sv $N/express/api/users/7
    cap $S nginx-502-correlation-dead-upstream.txt 502 proxy nginx "upstream refused" \
        "nginx's 502 page with X-Correlation-ID" -- -sv $N/dead/x
    capwin $S nginx-504-correlation-slow-upstream.txt 504 proxy nginx "proxy_read_timeout 2 s" \
        "pasted from a Windows terminal: every line ends in CRLF" -- -sv $N/slow/report
fi

# ================================================================ Python ==
log "capturing: python"
S=cherrypy-direct
cap $S cherrypy-500-direct-unhandled.txt 500 app cherrypy "handler raises, production" \
    "CherryPy's XHTML page 'Powered by CherryPy 18.10.0', Server: CherryPy/18.10.0" -- -sv $A:20060/api/boom
cap $S cherrypy-404-direct-notfound.txt 404 app cherrypy "raise cherrypy.NotFound()" \
    "curl -si; CherryPy's 404 page" -- -si $A:20060/api/users/7
cap $S cherrypy-503-direct-httperror.txt 503 app cherrypy "raise cherrypy.HTTPError(503, ...)" \
    "CherryPy's 503 page with the app's message" -- -sv $A:20060/api/down
S=bottle-wsgiref
cap $S bottle-500-wsgiref-unhandled.txt 500 app bottle "handler raises" \
    "'Error: 500 Internal Server Error' page, Server: WSGIServer/0.2 CPython/3.11, HTTP/1.0" -- -sv $A:20061/api/boom
cap $S bottle-404-wsgiref-unrouted.txt 404 app bottle "no route" \
    "curl -si; Bottle's 404 page" -- -si $A:20061/api/orders
cap $S bottle-503-wsgiref-abort.txt 503 app bottle "abort(503, ...)" \
    "Bottle's 503 page" -- -sv $A:20061/api/down
S=sanic-direct
cap $S sanic-500-direct-unhandled.txt 500 app sanic "handler raises" \
    "Sanic's text page '⚠️ 500 — Internal Server Error', no Server" -- -sv $A:20065/api/boom
cap $S sanic-404-direct-unrouted.txt 404 app sanic "no route" \
    "curl -si; '⚠️ 404 — Not Found'" -- -si $A:20065/api/orders
cap $S sanic-503-direct-raised.txt 503 app sanic "raise ServiceUnavailable" \
    "Sanic's 503 text" -- -sv $A:20065/api/down
S=starlette-daphne
cap $S starlette-500-daphne-unhandled.txt 500 app starlette "Starlette alone under daphne, handler raises" \
    "text/plain 'Internal Server Error', Server: daphne" -- -sv $A:20066/api/boom
cap $S starlette-404-daphne-unrouted.txt 404 app starlette "no route" \
    "curl -si; 'Not Found', Server: daphne" -- -si $A:20066/api/orders
S=starlette-granian
cap $S starlette-500-granian-unhandled.txt 500 app starlette "Starlette under granian, handler raises" \
    "server: granian" -- -sv $A:20067/api/boom
cap $S starlette-404-granian-notfound.txt 404 app starlette "HTTPException(404)" \
    "curl -si" -- -si $A:20067/api/users/7
cap $S starlette-503-granian-own-html.txt 503 app starlette "the app's own HTML 503" \
    "looks like a proxy's page, server: granian" -- -sv $A:20067/api/down
if up uwsgi; then
    S=uwsgi-falcon
    cap $S falcon-500-uwsgi-unhandled.txt 500 app falcon "Falcon under uWSGI (http-socket), handler raises" \
        "{\"title\": \"500 Internal Server Error\"}, no Server" -- -sv $A:20062/api/boom
    cap $S falcon-404-uwsgi-unrouted.txt 404 app falcon "no route" \
        "curl -si; {\"title\": \"404 Not Found\"}" -- -si $A:20062/api/invoices
    cap $S falcon-405-uwsgi-method.txt 405 app falcon "GET on a POST-only resource" \
        "Falcon's 405 with Allow and an empty body" -- -sv $A:20062/api/orders
    cap $S falcon-503-uwsgi-raised.txt 503 app falcon "raise HTTPServiceUnavailable" \
        "JSON title + description, retry-after" -- -sv $A:20062/api/down
    cap $S uwsgi-500-no-app.txt 500 app uwsgi "uWSGI could not load the module" \
        "uWSGI's own text/plain 'Internal Server Error', no Server" -- -sv $A:20069/api/health
    cap $S falcon-500-uwsgi-router-passthrough.txt 500 app falcon "Falcon's 500 through uWSGI's HTTP router" \
        "the router adds nothing" -- -sv $A:20063/api/boom
    cap $S uwsgi-000-router-dead-backend.txt 0 proxy uwsgi "uWSGI's HTTP router, backend refused" \
        "the router closes without a byte: 'Empty reply from server'" -- -sv $A:20068/api/users/42
fi

# =============================================================== nghttpx ==
if up nghttpx; then
    log "capturing: nghttpx"
    X=$A:20100
    S=nghttpx-proxy
    cap $S nghttpx-502-dead-backend.txt 502 proxy nghttpx "backend refused" \
        "nghttpx's own 502 page, server: nghttpx" -- -sv $X/dead/api/users/42
    cap $S nghttpx-504-slow-backend.txt 504 proxy nghttpx "backend-read-timeout 2 s" \
        "nghttpx's own 504 page" -- -sv $X/slow/report
    cap $S express-500-nghttpx-via.txt 500 app express "Express's 500 through nghttpx" \
        "server: nghttpx replaces the app's (none), Via: 1.1 nghttpx, X-Powered-By: Express" -- -sv $X/express/api/boom
    cap $S fastify-404-nghttpx-via.txt 404 app fastify "Fastify's JSON 404 through nghttpx" \
        "curl -si; Via + server: nghttpx on an app JSON" -- -si $X/fastify/api/orders/7
    cap $S go-404-nghttpx-catch-all.txt 404 app go-net-http "the catch-all backend (Go app) has no such route" \
        "'404 page not found' with server: nghttpx and Via" -- -sv $X/v2/orders
    cap $S nghttpx-502-h2c-dead-backend.txt 502 proxy nghttpx "h2c (prior knowledge), backend refused" \
        "HTTP/2 502 nghttpx page" -- -sv --http2-prior-knowledge $X/dead/api/users/42
    cap $S express-503-h2-tls-nghttpx.txt 503 app express "TLS h2 to nghttpx, the app's own HTML 503" \
        "HTTP/2 503 with an app page, server: nghttpx, via" -- -sv --http2 -k https://127.0.0.1:20143/express/api/down
    cap $S nghttpx-502-h2-tls-dead-backend.txt 502 proxy nghttpx "TLS h2, backend refused" \
        "curl -si; HTTP/2 502" -- -si --http2 -k https://127.0.0.1:20143/dead/api/users/42
    caphttp $S nghttpx-502-dead-backend-httpie.txt 502 proxy nghttpx "HTTPie -v, nghttpx's 502" \
        "HTTPie with colours" -- -v GET $X/dead/api/users/42
fi

# ============================================================= tinyproxy ==
if up tinyproxy; then
    log "capturing: tinyproxy"
    S=tinyproxy-forward
    cap $S tinyproxy-500-unable-to-connect.txt 500 proxy tinyproxy "forward proxy, origin refused" \
        "tinyproxy's 'Unable to connect' page, Server: tinyproxy/1.11.1" -- -sv $TP $A:20009/api/users/42
    cap $S tinyproxy-403-filtered.txt 403 proxy tinyproxy "URL matches the filter" \
        "tinyproxy's 'Filtered' page" -- -sv $TP $A:20010/blocked/api/users/42
    cap $S express-500-tinyproxy-via.txt 500 app express "Express's 500 through the forward proxy" \
        "curl -si; Via: 1.1 tinyproxy (tinyproxy/1.11.1) added" -- -si $TP $A:20010/api/boom
    capraw $S tinyproxy-500-unable-to-connect-raw.txt 500 proxy tinyproxy "forward proxy, origin refused" \
        "curl -sv saved to a file (CRs kept)" -- -sv $TP $A:20009/api/orders
fi

# =============================================================== pen ==
if up pen; then
    S=pen-tcp-balancer
    cap $S pen-000-dead-backends.txt 0 load-balancer pen "pen (TCP balancer), every backend refused" \
        "pen accepts, then resets: 'Recv failure: Connection reset by peer'" -- -sv $A:20500/api/users/42
    cap $S express-500-pen-passthrough.txt 500 app express "Express's 500 through pen" \
        "pen adds nothing at all" -- -sv $A:20501/api/boom
fi

# ============================================================= two hops ==
log "capturing: two hops"
S=two-hops
up nghttpx && cap $S gogw-502-json-via-nghttpx.txt 502 proxy go-reverseproxy "nghttpx -> Go gateway -> refused" \
    "the gateway's JSON 502 with server: nghttpx and Via" -- -sv $A:20100/gw/dead/api/users/42
up nghttpx && up nginx && up php && cap $S php-502-own-json-nghttpx-nginx.txt 502 app php \
    "nghttpx -> nginx -> php-fpm: the app's own JSON 502" "two proxies, the app wrote it" -- -sv $A:20100/nginx/php/api/pay
up nghttpx && up nginx && cap $S nginx-404-via-nghttpx.txt 404 proxy nginx "nghttpx -> nginx, no location" \
    "curl -si; nginx's 404 page (its footer) with server: nghttpx" -- -si $A:20100/nginx/v2/orders
up tinyproxy && up nghttpx && cap $S nghttpx-502-via-tinyproxy.txt 502 proxy nghttpx \
    "tinyproxy (forward) -> nghttpx -> refused" "nghttpx's page, tinyproxy's Via" -- -sv $TP $A:20100/dead/api/users/42
up tinyproxy && up nghttpx && cap $S express-500-via-tinyproxy-nghttpx.txt 500 app express \
    "tinyproxy -> nghttpx -> Express" "curl -si; two Via entries" -- -si $TP $A:20100/express/api/boom
up pen && cap $S nodegw-502-json-pen-dead.txt 502 proxy node-http-proxy "Node gateway -> pen -> refused" \
    "pen closes, the gateway answers with its JSON" -- -sv $A:20015/pen/api/users/42

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
capbody $S body-express-500.txt 0/500 app express "Express's production 500 page" \
    "<pre>Internal Server Error</pre>: no status number" -- $A:20010/api/boom
capbody $S body-fastify-500.txt 500/500 app fastify "Fastify's JSON error" \
    "\"statusCode\":500 in the body" -- $A:20011/api/boom
capbody $S body-koa-404.txt 0/404 app koa "Koa's 'Not Found'" "two words, no number" -- $A:20012/api/orders
capbody $S body-go-404.txt 404/404 app go-net-http "Go's '404 page not found'" "the number is in the text" -- $A:20020/api/users/7
capbody $S body-go-timeout-503.txt 0/503 app go-net-http "Go's TimeoutHandler page" \
    "<title>Timeout</title>, no number" -- $A:20020/api/report
capbody $S body-gogw-json-502.txt 0/502 proxy go-reverseproxy "the Go gateway's JSON error" \
    "no status field" -- $A:20022/dead/api/users/42
capbody $S body-nodegw-json-504.txt 0/504 proxy node-http-proxy "the Node gateway's JSON timeout" \
    "code gateway_timeout, no number" -- $A:20015/slow/report
up tomcat && capbody $S body-tomcat-500.txt 500/500 app tomcat "Tomcat's 500 page" \
    "'HTTP Status 500 – Internal Server Error'" -- $A:20050/api/boom
up jetty && capbody $S body-jetty-503.txt 503/503 app jetty "Jetty's 503 page" "'HTTP ERROR 503'" -- $A:20052/api/down
capbody $S body-cherrypy-404.txt 404/404 app cherrypy "CherryPy's 404 page" "'404 Not Found' title" -- $A:20060/api/users/7
capbody $S body-sanic-500.txt 500/500 app sanic "Sanic's text error" "'⚠️ 500 — Internal Server Error'" -- $A:20065/api/boom
up uwsgi && capbody $S body-falcon-503.txt 503/503 app falcon "Falcon's JSON error" \
    "{\"title\": \"503 Service Unavailable\", ...}" -- $A:20062/api/down
up webrick && capbody $S body-webrick-500.txt 0/500 app webrick "WEBrick's 500 page" \
    "'Internal Server Error' and a WEBrick address line, no number" -- $A:20042/api/boom
up puma && capbody $S body-puma-lowlevel.txt 0/500 app puma "puma's low-level error text" "no number" -- $A:20040/raw/orders
up nginx && up php && capbody $S body-phpfpm-file-not-found.txt 0/404 app php-fpm "php-fpm's 'File not found.'" \
    "one line, no number" -- $A:20400/legacy/report.php
up nghttpx && capbody $S body-nghttpx-502.txt 502/502 proxy nghttpx "nghttpx's 502 page" "title names 502" -- $A:20100/dead/api/users/42
up tinyproxy && capbody $S body-tinyproxy-500.txt 500/500 proxy tinyproxy "tinyproxy's error page" \
    "'500 Unable to connect' in the page" -- $TP $A:20009/api/users/42

# ================================================ headers-only pastes ==
S=headers-only-paste
caphead $S head-goproxy-502.txt 502 proxy go-reverseproxy "curl -sI, Go ReverseProxy, upstream refused" \
    "three headers: Date and Content-Length: 0" -- $A:20021/dead/api/users/42
caphead $S head-express-500.txt 500 app express "curl -sI to an Express route that throws" \
    "X-Powered-By: Express, CSP" -- $A:20010/api/boom
caphead $S head-fastify-404.txt 404 app fastify "curl -sI, Fastify unrouted" "content-type application/json" -- $A:20011/api/orders/7
up tomcat && caphead $S head-tomcat-404.txt 404 app tomcat "curl -sI, sendError(404)" \
    "status line without a reason phrase" -- $A:20050/api/users/7
up nghttpx && caphead $S head-nghttpx-502.txt 502 proxy nghttpx "curl -sI, nghttpx backend refused" \
    "server: nghttpx" -- $A:20100/dead/api/users/42
up nginx && up php && caphead $S head-phpfpm-500-nginx.txt 500 app php "curl -sI, PHP exception behind nginx" \
    "Server: nginx, X-Powered-By: PHP, traceparent" -- $A:20400/php/api/boom
caphead $S head-sanic-405.txt 405 app sanic "curl -sI to a GET-only Sanic route" \
    "HEAD is not GET here: Sanic answers 405, not the 503 a GET gets" -- $A:20065/api/down
up tinyproxy && caphead $S head-tinyproxy-500.txt 500 proxy tinyproxy "curl -sI via tinyproxy, origin refused" \
    "Server: tinyproxy" -- $TP $A:20009/api/users/42

# ======================================= last: things that stop servers ==
log "capturing: backends stopped, slow handlers"
if up uwsgi; then
    cap uwsgi-falcon uwsgi-000-router-harakiri.txt 0 proxy uwsgi "handler sleeps 5 s, harakiri 3 s kills the worker" \
        "the router closes without a byte: 'Empty reply from server'" -- -sv $A:20063/api/slow
fi
if up php; then
    sleep 2   # every cached copy in Apache is now past its 1 s lifetime
    stop_name php-fpm
    if up nginx; then
        cap nginx-php-fpm-traceparent nginx-502-fpm-down.txt 502 proxy nginx "php-fpm stopped" \
            "nginx's 502 page with traceparent" -- -sv $A:20400/php/api/health
        cap two-hops nginx-502-fpm-down-via-goproxy.txt 502 proxy nginx "Go proxy -> nginx -> php-fpm stopped" \
            "nginx's 502 page relayed by the Go proxy" -- -sv $A:20021/nginx/php/api/health
    fi
    if up apache; then
        cap apache-fcgi-cache apache-503-fcgi-down.txt 503 proxy apache "php-fpm stopped" \
            "Apache's 503 page (mod_proxy_fcgi could not connect), X-Correlation-ID" -- -sv $A:20300/php/api/health
        cap apache-fcgi-cache apache-200-cache-stale-fcgi-down.txt 200 cdn-cache apache \
            "expired object, php-fpm stopped: CacheStaleOnError" \
            "Apache serves the stale copy itself (Warning: 111), the app is down" -- -sv $A:20300/cached/api/catalog
    fi
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round3/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
