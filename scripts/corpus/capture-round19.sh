#!/usr/bin/env bash
# capture-round19.sh — build the nineteenth held-out evidence corpus in
# tests/fixtures/evidence-round19/.
#
# "App servers at the edge, and apps that call other services". Half the
# setups expose the app server directly, with no proxy: Flask under gunicorn
# (sync workers, --timeout 2), FastAPI under uvicorn, Flask under waitress,
# Express and Fastify on Node's own http server, Sinatra under Puma, a
# servlet on Tomcat 10, Go's net/http (plain and TLS/HTTP/2). Their own
# low-level answers are captured with the apps' errors: header too large,
# URI too long, body too large, malformed requests (a bad Host, broken
# chunked bodies sent raw with `printf ... | nc` under `timeout`), a worker
# killed by gunicorn's timeout, a crashed worker. The other half are apps that
# call other services: an Express gateway with http-proxy-middleware in front
# of Fastify, a FastAPI BFF under hypercorn (TLS, HTTP/2) calling the Go
# service with httpx, a Go httputil.ReverseProxy gateway in front of waitress,
# a Flask BFF under gunicorn's gevent workers calling uvicorn with requests.
# A pure forwarder's own 502/504 is `proxy`; a BFF that called its dependency
# and wrote its own error is `app`.
#
#   scripts/corpus/capture-round19.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round19.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round19.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round19.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-18: every server binds 127.0.0.1 (ports 37000-37999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie, wget and nc runs under `timeout`; every loop is bounded; every
# server it started is stopped on exit, by process id. Installs and builds run
# under `nice -n 15`. Labels are written by finish_round19.py, which refuses
# (and this script then leaves the fixtures as they were) when a label's
# status is not the one on the wire.

set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round19"
RUN=/tmp/api-triage-corpus19
STAGE="$RUN/evidence"
CONF="$HERE/conf-round19"
APPS="$HERE/apps19"
VENV=${CORPUS_VENV19:-/tmp/api-triage-corpus19-venv}
NODE_DIR=${CORPUS_NODE19:-/tmp/api-triage-corpus19-node}
GODIR=${CORPUS_GO19:-/tmp/api-triage-corpus19-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(packaging==26.4 flask==3.1.3 werkzeug==3.1.9 gunicorn==27.0.1 gevent==26.9.0 fastapi==0.165.0 starlette==1.10.0 uvicorn==0.55.0
      hypercorn==0.18.0 waitress==3.0.2 httpx==0.29.0 requests==2.34.2)
NPM=(express@5.3.0 fastify@5.12.8 http-proxy-middleware@3.0.11)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus19 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget curl openssl netcat-openbsd python3-venv nodejs golang-go ruby-sinatra puma
          tomcat10 openjdk-17-jdk-headless)
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

install_venv() {  # Flask, FastAPI, their servers and HTTP clients, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import packaging, flask, fastapi, gunicorn, gevent, uvicorn, hypercorn, waitress, httpx, requests" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # Express, Fastify, http-proxy-middleware, from npm
    local m ok=1
    for m in express fastify http-proxy-middleware; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    if ! command -v npm >/dev/null && [[ $(id -u) == 0 ]]; then  # Debian's nodejs comes without npm
        DEBIAN_FRONTEND=noninteractive nice -n 15 timeout 900 apt-get install -y -q --no-install-recommends npm \
            >>"$RUN/logs/apt-install.log" 2>&1 || true
    fi
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus19","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # the Go orders service and gateway: standard library only, offline
    local f
    mkdir -p "$GODIR"
    for f in go_orders go_gateway; do
        [[ -x $GODIR/$f && $GODIR/$f -nt $APPS/$f.go ]] && continue
        [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="$f is not built"; continue; }
        log "go build $f"
        (cd "$APPS" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR" GOCACHE="$GODIR/cache" \
            nice -n 15 timeout 600 go build -p 1 -o "$GODIR/$f" "$f.go") >>"$RUN/logs/go-build.log" 2>&1 \
            || SKIPPED[go]="go build $f failed (see logs/go-build.log)"
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

# start_wait NAME PORT CMD...: start_bg, then wait for the port (30 s at most
# per try). Our ports lie in the kernel's ephemeral range, so a bind can fail
# because an outgoing connection holds the port for a moment: up to 3 tries.
start_wait() {
    local name=$1 port=$2 try i pid
    shift 2
    for try in 1 2 3; do
        start_bg "$name" "$@"
        pid=$(cat "$RUN/pids/$name.pid")
        for i in $(seq 1 300); do
            if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$pid" 2>/dev/null && stop_pid "$pid"
        log "$name did not open 127.0.0.1:$port (try $try); its log:"; tail -n 5 "$RUN/logs/$name.log" >&2
        sleep 1
    done
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round19.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
    if [[ " $* " == *" --fail-with-body "* ]]; then
        # as a terminal shows it: the response, then curl's own (22) line
        in_work timeout 20 curl "$@" >>"$dest" 2>"$RUN/work/last-stderr"
        cat "$RUN/work/last-stderr" >>"$dest"
    else
        in_work timeout 20 curl "$@" >>"$dest" 2>&1
    fi
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

# capfail SETUP FILE WIRE LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl --fail-with-body -sS URL` as a terminal shows it: the body, then
# curl's own "curl: (22) The requested URL returned error: NNN" line, no
# headers. A body-only paste whose status is the number in curl's line.
capfail() {
    local setup=$1 file=$2 wire=$3 layer=$4 product=$5 scenario=$6 note=$7 got shown
    shift 8
    local dest="$STAGE/$file"
    cmdline curl --fail-with-body -sS "$@" >"$dest"
    in_work timeout 20 curl --fail-with-body -sS -D "$RUN/work/last-headers" "$@" >>"$dest" 2>"$RUN/work/last-stderr"
    cat "$RUN/work/last-stderr" >>"$dest"  # curl's line comes after the body, as in a terminal
    got=$(awk '/^HTTP\// {s=$2} END {print s+0}' "$RUN/work/last-headers" 2>/dev/null)
    shown=$(sed -n 's/.*curl: (22) The requested URL returned error: \([0-9]*\).*/\1/p' "$dest" | tail -n 1)
    if [[ $got != "$wire" || $shown != "$wire" ]]; then
        log "MISMATCH $file: expected wire status $wire, got $got (curl's line shows ${shown:-nothing})"; MISMATCH=$((MISMATCH + 1))
    fi
    finish "$dest" "$setup" "${shown:-0}" "$layer" "$product" "$scenario" "$note" body-only "$got"
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



# capnc SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE PORT FORMAT
# A raw request typed by hand: `printf FORMAT | nc 127.0.0.1 PORT`, under
# `timeout`; nc half-closes after sending (-N) and gives up after 3 s idle.
capnc() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7 port=$8 fmt=$9
    local dest="$STAGE/$file"
    printf "\$ printf '%s' | nc 127.0.0.1 %s\n" "$fmt" "$port" >"$dest"
    # shellcheck disable=SC2059
    printf "$fmt" | timeout 8 nc -N -w 3 127.0.0.1 "$port" >>"$dest" 2>&1
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
[[ -z ${SKIPPED[go]:-} && -x $GODIR/go_orders && -x $GODIR/go_gateway ]] || die "the Go programs did not build (${SKIPPED[go]:-?})"
have openssl || die "openssl is missing"
have curl || die "curl is missing"
have netcat-openbsd || die "nc is missing"

PORTS=(37010 37011 37012 37013 37413 37014 37015 37016 37017 37018 37019 37020 37420 37021 37099)
for p in "${PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for hypercorn and the Go service ------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Acme Shop/CN=api.example.test" \
    -addext "subjectAltName=DNS:api.example.test,DNS:*.example.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- servers ------------------------------------------------------------------
declare -A UP=()
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS")
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_wait gunicorn 37010 "${GUNICORN[@]}" --workers 2 --timeout 2 --limit-request-line 2048 \
    --limit-request-field_size 2048 -b 127.0.0.1:37010 flask_app:app && UP[gunicorn]=1
start_wait uvicorn 37012 nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 37012 \
    --limit-concurrency 4 --no-access-log fastapi_app:app && UP[uvicorn]=1
start_wait flask-bff 37011 "${GUNICORN[@]}" --workers 2 -k gevent --timeout 30 -b 127.0.0.1:37011 flask_bff:app && UP[flaskbff]=1
start_wait waitress 37014 env PYTHONPATH="$APPS" nice -n 5 "$VENV/bin/waitress-serve" --listen=127.0.0.1:37014 \
    --max-request-header-size=4096 --max-request-body-size=2048 flask_app:app && UP[waitress]=1
start_wait go-orders 37020 nice -n 5 "$GODIR/go_orders" 37020 37420 "$RUN/tls/cert.pem" "$RUN/tls/key.pem" \
    && wait_port 37420 go-orders && UP[goorders]=1
start_wait hypercorn 37413 env PYTHONPATH="$APPS" nice -n 5 "$VENV/bin/hypercorn" --bind 127.0.0.1:37413 \
    --insecure-bind 127.0.0.1:37013 --certfile "$RUN/tls/cert.pem" --keyfile "$RUN/tls/key.pem" fastapi_bff:app \
    && wait_port 37013 hypercorn && UP[hypercorn]=1
start_wait express 37015 "${NODEENV[@]}" "$APPS/express_app.js" 37015 && UP[express]=1
start_wait fastify 37017 "${NODEENV[@]}" "$APPS/fastify_app.js" 37017 && UP[fastify]=1
start_wait express-bff 37016 "${NODEENV[@]}" "$APPS/express_bff.js" 37016 && UP[expressbff]=1
start_wait go-gateway 37021 nice -n 5 "$GODIR/go_gateway" 37021 && UP[gogateway]=1
if have ruby-sinatra && have puma; then
    start_wait puma 37018 nice -n 5 puma -e production -t 2:4 -b tcp://127.0.0.1:37018 "$APPS/sinatra_app.ru" && UP[puma]=1
fi
if have tomcat10 && command -v javac >/dev/null; then
    TB=$RUN/tomcat
    mkdir -p "$TB"/{conf,logs,temp,work,webapps/ROOT/WEB-INF/classes}
    cp "$CONF/tomcat-server.xml" "$TB/conf/server.xml"
    cp /etc/tomcat10/web.xml /etc/tomcat10/logging.properties /etc/tomcat10/catalina.properties "$TB/conf/"
    cp "$APPS/tomcat/web.xml" "$TB/webapps/ROOT/WEB-INF/web.xml"
    if nice -n 15 timeout 300 javac -cp /usr/share/java/tomcat10-servlet-api.jar -d "$TB/webapps/ROOT/WEB-INF/classes" \
        "$APPS/tomcat/OrdersServlet.java" >"$RUN/logs/javac.log" 2>&1; then
        start_wait tomcat 37019 env CATALINA_HOME=/usr/share/tomcat10 CATALINA_BASE="$TB" CATALINA_TMPDIR="$TB/temp" \
            nice -n 5 /usr/share/tomcat10/bin/catalina.sh run && UP[tomcat]=1
    else log "SKIP tomcat: javac failed"; SKIPPED[tomcat10]="the servlet did not compile"; fi
fi
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & PIDS+=($!); wait $!; exit 0; }

sed -e 's/ROUND 16/ROUND 19/; s/capture-round16/capture-round19/; s/rounds 1-15/rounds 1-18/' <<'EOF_LABELS' >"$STAGE/labels.toml"
# Evidence corpus, ROUND 16 (held out): real responses captured by
# scripts/corpus/capture-round16.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-15:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the paste itself shows (0 = none;
#              curl's "(22) ... returned error: NNN" line counts)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes: for app responses the
#              framework, or the app server when it wrote the answer itself
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`, `curl --fail-with-body -sS`) or
#              "headers-only" (`curl -sI`); absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
EOF_LABELS

GU=http://127.0.0.1:37010 FB=http://127.0.0.1:37011 UV=http://127.0.0.1:37012
HB=https://127.0.0.1:37413 HBP=http://127.0.0.1:37013 WT=http://127.0.0.1:37014
EX=http://127.0.0.1:37015 EB=http://127.0.0.1:37016 FY=http://127.0.0.1:37017
PU=http://127.0.0.1:37018 TC=http://127.0.0.1:37019 GO=http://127.0.0.1:37020 GOS=https://127.0.0.1:37420
GW=http://127.0.0.1:37021
JSONH=(-H 'Content-Type: application/json')
NOVERIFY=(--verify=no)  # HTTPie against the self-signed cert
printf '{"sku":"A-1","note":"%s"}' "$(head -c 4096 /dev/zero | tr '\0' x)" >"$RUN/work/big.json"      # 4 KiB JSON
printf '{"sku":"A-1","note":"%s"}' "$(head -c 1500 /dev/zero | tr '\0' x)" >"$RUN/work/mid.json"      # 1.5 KiB JSON
COOKIE6K="Cookie: session=$(head -c 6000 /dev/zero | tr '\0' a)"    # a bloated cookie, 6 KB
COOKIE20K="Cookie: session=$(head -c 20000 /dev/zero | tr '\0' a)"  # 20 KB
Q3K="q=$(head -c 3000 /dev/zero | tr '\0' b)"    # a 3 KB query string
Q20K="q=$(head -c 20000 /dev/zero | tr '\0' b)"  # 20 KB
BADCHUNK='POST @P@ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{"sku":"A-1"}\r\n0\r\n\r\n'

# ============================== Flask under gunicorn (sync, --timeout 2), direct ==
if up gunicorn; then
    log "capturing: Flask under gunicorn, direct"
    S=flask-gunicorn-direct
    cap $S flask-404-json.txt 404 app flask "unknown order: the app's JSON 404" "Server: gunicorn" -- -sv $GU/api/orders/7
    cap $S flask-404-unrouted.txt 404 app flask "no route: Werkzeug's 404 page" "curl -si" -- -si $GU/api/v2/orders
    cap $S flask-400-bad-json.txt 400 app flask "broken JSON to request.get_json(): Werkzeug's 400 page" "" -- -sv "${JSONH[@]}" -d '{"sku": ' $GU/api/orders
    capraw $S flask-422.txt 422 app flask "qty 0: the app's JSON 422" "curl -si saved to a file (CRs kept)" -- -si "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $GU/api/orders
    cap $S flask-413-werkzeug.txt 413 app flask "a 4 KiB body over MAX_CONTENT_LENGTH 1 KiB: Werkzeug's 413 page" "curl -si" -- -si "${JSONH[@]}" --data-binary @big.json $GU/api/upload
    cap $S flask-500-page.txt 500 app flask "an IndexError: Flask's 500 page" "" -- -sv $GU/api/boom
    caphttp $S flask-401-httpie.txt 401 app flask "HTTPie, no token: the app's JSON 401" "HTTPie with colours" -- -v GET $GU/api/admin/reports
    capwin $S flask-503.txt 503 app flask "the app's maintenance 503" "curl -si pasted with CRLF" -- -si $GU/api/maintenance
    cap $S gunicorn-500-worker-timeout.txt 500 app gunicorn "the view sleeps 5 s, gunicorn --timeout 2 aborts the sync worker, which writes gunicorn's own 500 page before it exits" "Connection: close, no Server header" -- -sv $GU/api/slow
    cap $S gunicorn-0-worker-crash.txt 0 app gunicorn "the worker exits mid-request (os._exit, as an OOM kill would)" "'Empty reply from server'" -- -sv $GU/api/crash
    cap $S gunicorn-431-header.txt 431 app gunicorn "a 6 KB cookie over --limit-request-field_size 2048: gunicorn's own 431" "curl -si" -- -si -H "$COOKIE6K" $GU/api/orders/1
    cap $S gunicorn-414-uri.txt 414 app gunicorn "a 3 KB query string over --limit-request-line 2048: gunicorn's own 414" "" -- -sv "$GU/api/orders?$Q3K"
    capnc $S gunicorn-400-request-line.txt 400 app gunicorn "a request line with a stray token: gunicorn's own 400" "raw request with nc" 37010 'GET /api/orders/1 HTTP/1.1 extra\r\nHost: 127.0.0.1\r\n\r\n'
    capnc $S gunicorn-400-header-name.txt 400 app gunicorn "a header name with a space in it: gunicorn's own 400" "raw request with nc" 37010 'GET /api/orders/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX Trace: 1\r\n\r\n'
    capnc $S flask-500-bad-chunked.txt 500 app flask "a broken chunk size: gunicorn's reader raises inside get_json(), Flask's 500 page" "raw request with nc" 37010 "${BADCHUNK/@P@//api/orders}"
fi

# ============================================= FastAPI under uvicorn, direct ==
if up uvicorn; then
    log "capturing: FastAPI under uvicorn, direct"
    S=fastapi-uvicorn-direct
    cap $S fastapi-404-detail.txt 404 app fastapi "unknown SKU: HTTPException(404)" "server: uvicorn" -- -sv $UV/api/products/Z-9
    cap $S fastapi-404-unrouted.txt 404 app fastapi "no route: Starlette's {\"detail\":\"Not Found\"}" "curl -si" -- -si $UV/api/v2/products
    cap $S fastapi-422-fail.txt 422 app fastapi "price 0: the validation 422" "curl --fail-with-body -sSi: curl's (22) line after the body" -- --fail-with-body -sSi "${JSONH[@]}" -d '{"sku":"B-2","price":0}' $UV/api/products
    cap $S fastapi-405.txt 405 app fastapi "DELETE on a GET route: Starlette's 405" "curl -si" -- -si -X DELETE $UV/api/products/A-1
    caphttp $S fastapi-401-httpie.txt 401 app fastapi "HTTPie, no token: 'Not authenticated'" "HTTPie with colours" -- -v GET $UV/api/admin/stats
    capraw $S fastapi-500-text.txt 500 app fastapi "a KeyError: Starlette's text 'Internal Server Error'" "curl -si saved to a file (CRs kept)" -- -si $UV/api/boom
    cap $S fastapi-413-own.txt 413 app fastapi "a 4 KiB import: the handler's own JSON 413 (uvicorn sets no body limit)" "" -- -sv "${JSONH[@]}" --data-binary @big.json $UV/api/products/import
    cap $S fastapi-503.txt 503 app fastapi "the reindex 503 with Retry-After" "curl -si" -- -si $UV/api/maintenance
    capnc $S uvicorn-400-bad-chunked.txt 400 app uvicorn "a broken chunk size: uvicorn's own 'Invalid HTTP request received.'" "raw request with nc" 37012 "${BADCHUNK/@P@//api/products}"
    capnc $S uvicorn-400-no-host.txt 400 app uvicorn "HTTP/1.1 without a Host header: uvicorn's own 400" "raw request with nc" 37012 'GET /api/products/A-1 HTTP/1.1\r\n\r\n'
fi

# ============================================= Flask under waitress, direct ==
if up waitress; then
    log "capturing: Flask under waitress, direct"
    S=flask-waitress-direct
    cap $S flask-404-json-waitress.txt 404 app flask "unknown order: the app's JSON 404" "Server: waitress" -- -si $WT/api/orders/9
    cap $S flask-413-werkzeug-waitress.txt 413 app flask "a 1.5 KiB body: under waitress's 2 KiB limit, over Flask's 1 KiB: Werkzeug's 413" "" -- -sv "${JSONH[@]}" --data-binary @mid.json $WT/api/upload
    cap $S waitress-413-body.txt 413 app waitress "a 4 KiB body over --max-request-body-size 2048: waitress's own text 413" "" -- -sv "${JSONH[@]}" --data-binary @big.json $WT/api/upload
    capraw $S waitress-431-header.txt 431 app waitress "a 6 KB cookie over --max-request-header-size 4096: waitress's own 431" "curl -si saved to a file (CRs kept)" -- -si -H "$COOKIE6K" $WT/api/orders/1
    cap $S waitress-431-long-uri.txt 431 app waitress "a 20 KB query string: waitress counts it in the header size, 431" "curl -si" -- -si "$WT/api/orders?$Q20K"
    capnc $S waitress-400-bad-chunked.txt 400 app waitress "a broken chunk size: waitress's own 400" "raw request with nc" 37014 "${BADCHUNK/@P@//api/orders}"
    cap $S flask-500-page-waitress.txt 500 app flask "an IndexError: Flask's 500 page under waitress" "curl -si" -- -si $WT/api/boom
fi

# ====================================== Express on Node's http server, direct ==
if up express; then
    log "capturing: Express, direct"
    S=express-node-direct
    cap $S express-404-cannot-get.txt 404 app express "no route: Express's 'Cannot GET'" "" -- -sv $EX/api/orders
    cap $S express-400-body-parser.txt 400 app express "broken JSON: body-parser's 400 page" "curl -si" -- -si "${JSONH[@]}" -d '{"sku": ' $EX/api/cart/items
    cap $S express-413-body-parser.txt 413 app express "a 4 KiB body over json({limit:'1kb'}): body-parser's 413 page" "" -- -sv "${JSONH[@]}" --data-binary @big.json $EX/api/cart/items
    cap $S express-422.txt 422 app express "qty 0: the app's JSON 422" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $EX/api/cart/items
    capwin $S express-500-page.txt 500 app express "a TypeError: Express's production 500 page" "curl -si pasted with CRLF" -- -si $EX/api/boom
    caphttp $S express-401-httpie.txt 401 app express "HTTPie: the app's JSON 401" "HTTPie with colours" -- -v GET $EX/api/admin/carts
    cap $S express-503-fail.txt 503 app express "the app's maintenance 503" "curl --fail-with-body -sSi: curl's (22) line after the body" -- --fail-with-body -sSi $EX/api/maintenance
    cap $S node-431-header.txt 431 app node "a 20 KB cookie over Node's 16 KB header limit: Node's http server answers, no body" "" -- -sv -H "$COOKIE20K" $EX/api/cart
    cap $S node-431-long-uri.txt 431 app node "a 20 KB query string: Node counts the URL in the header limit, 431 (not 414)" "curl -si" -- -si "$EX/api/cart?$Q20K"
    capnc $S node-400-bad-chunked.txt 400 app node "a broken chunk size: Node's http parser answers 400 and closes" "raw request with nc" 37015 "${BADCHUNK/@P@//api/cart/items}"
    capnc $S node-400-no-host.txt 400 app node "HTTP/1.1 without a Host header: Node's own 400" "raw request with nc" 37015 'GET /api/cart HTTP/1.1\r\n\r\n'
fi

# ====================================== Fastify on Node's http server, direct ==
if up fastify; then
    log "capturing: Fastify, direct"
    S=fastify-node-direct
    cap $S fastify-404-route.txt 404 app fastify "no route: Fastify's JSON 'Route GET:... not found'" "" -- -sv $FY/api/inventory/orders
    cap $S fastify-404-item.txt 404 app fastify "unknown SKU: the handler's JSON 404" "curl -si" -- -si $FY/api/inventory/items/Z-9
    cap $S fastify-400-schema.txt 400 app fastify "no delta: the schema validation 400 (FST_ERR_VALIDATION)" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":"A-1"}' $FY/api/inventory/adjustments
    cap $S fastify-400-bad-json.txt 400 app fastify "broken JSON: FST_ERR_CTP_INVALID_JSON_BODY" "" -- -sv "${JSONH[@]}" -d '{"sku": ' $FY/api/inventory/adjustments
    capraw $S fastify-413-body-limit.txt 413 app fastify "a 4 KiB body over bodyLimit 1024: FST_ERR_CTP_BODY_TOO_LARGE" "curl -si saved to a file (CRs kept)" -- -si "${JSONH[@]}" --data-binary @big.json $FY/api/inventory/adjustments
    cap $S fastify-414-param.txt 414 app fastify "a 150-character SKU over maxParamLength 100: Fastify's 414" "curl -si" -- -si "$FY/api/inventory/items/$(head -c 150 /dev/zero | tr '\0' Z)"
    cap $S fastify-400-text-body.txt 400 app fastify "a text/plain body: Fastify's text parser hands the schema a string, FST_ERR_VALIDATION 'body must be object'" "curl -si" -- -si -H 'Content-Type: text/plain' -d 'sku=A-1' $FY/api/inventory/adjustments
    cap $S fastify-500.txt 500 app fastify "a thrown Error: Fastify's JSON 500" "" -- -sv $FY/api/inventory/boom
fi

# ============================================= Sinatra under Puma, direct ==
if up puma; then
    log "capturing: Sinatra under Puma, direct"
    S=sinatra-puma-direct
    cap $S sinatra-404-json.txt 404 app sinatra "unknown account: halt 404 with JSON" "curl -si" -- -si $PU/api/accounts/9
    cap $S sinatra-404-page.txt 404 app sinatra "no route: Sinatra's '<h1>Not Found</h1>'" "" -- -sv $PU/api/v2/accounts
    cap $S sinatra-500-page.txt 500 app sinatra "an ArgumentError: Sinatra's '<h1>Internal Server Error</h1>'" "curl -si" -- -si $PU/api/boom
    caphttp $S sinatra-401-httpie.txt 401 app sinatra "HTTPie: halt 401 with JSON" "HTTPie with colours" -- -v GET $PU/api/admin/audit
    capwin $S sinatra-422.txt 422 app sinatra "an invalid email: halt 422" "curl -si pasted with CRLF" -- -si -X POST $PU/api/accounts
    cap $S sinatra-503.txt 503 app sinatra "the maintenance 503" "curl -si" -- -si $PU/api/maintenance
    cap $S puma-400-long-uri.txt 400 app puma "a 20 KB query string: Puma's parser refuses it, its own 400" "" -- -sv "$PU/api/accounts/1?$Q20K"
    capnc $S puma-400-bad-chunked.txt 400 app puma "a broken chunk size: Puma's own 400" "raw request with nc" 37018 "${BADCHUNK/@P@//api/accounts}"
fi

# ============================================= a servlet on Tomcat 10, direct ==
if up tomcat; then
    log "capturing: Tomcat 10, direct"
    S=tomcat-servlet-direct
    cap $S tomcat-404-senderror.txt 404 app tomcat "sendError(404, msg): Tomcat's 'HTTP Status 404 – Not Found' report" "" -- -sv $TC/api/orders/7
    cap $S tomcat-404-no-servlet.txt 404 app tomcat "a path outside /api/*: Tomcat's default 404 report" "curl -si" -- -si $TC/orders/7
    cap $S tomcat-500-report.txt 500 app tomcat "an IllegalStateException: Tomcat's 500 report" "curl -si" -- -si $TC/api/boom
    capraw $S tomcat-409-json.txt 409 app tomcat "the servlet's JSON 409" "curl -si saved to a file (CRs kept)" -- -si -X POST $TC/api/orders/1/cancel
    cap $S tomcat-405-delete.txt 405 app tomcat "DELETE: HttpServlet's default 405 report" "curl -si" -- -si -X DELETE $TC/api/orders/1
    cap $S tomcat-400-header-too-large.txt 400 app tomcat "a 6 KB cookie over maxHttpHeaderSize 4096: Tomcat's 400 report" "" -- -sv -H "$COOKIE6K" $TC/api/orders/1
    cap $S tomcat-400-bad-host.txt 400 app tomcat "'Host: bad host': Tomcat's 400" "curl -si" -- -si -H 'Host: bad host' $TC/api/orders/1
    capwget $S tomcat-400-long-uri-wget.txt 400 app tomcat "a 20 KB query string: Tomcat's 400 report" "wget -S -O-" -- "$TC/api/orders/1?$Q20K"
fi

# ================================ Go net/http, direct (plain and TLS/HTTP/2) ==
if up goorders; then
    log "capturing: Go net/http, direct"
    S=go-nethttp-direct
    cap $S go-404-json-h2.txt 404 app go-net-http "unknown order: the handler's JSON 404 over HTTP/2" "HTTP/2" -- -sv -k $GOS/api/orders/7
    cap $S go-404-mux-text.txt 404 app go-net-http "no route: ServeMux's '404 page not found'" "curl -si" -- -si $GO/api/v2/orders
    cap $S go-405-text.txt 405 app go-net-http "DELETE: http.Error's text 405" "curl -si" -- -si -X DELETE $GO/api/orders/1
    cap $S go-401-text-h2.txt 401 app go-net-http "no token: http.Error's text 401 over HTTP/2" "curl -si, HTTP/2" -- -si -k $GOS/api/admin/reports
    cap $S go-413-maxbytes.txt 413 app go-net-http "a 4 KiB note: http.MaxBytesReader's error, the handler's JSON 413" "curl -si" -- -si "${JSONH[@]}" --data-binary @big.json $GO/api/orders/1/notes
    cap $S go-0-panic-empty.txt 0 app go-net-http "a nil-map write: net/http recovers the panic and closes the connection" "'Empty reply from server'" -- -sv $GO/api/boom
    cap $S go-0-panic-h2-reset.txt 0 app go-net-http "the same panic over HTTP/2: the stream is reset" "curl's '(92) HTTP/2 stream ... was not closed cleanly'" -- -sv -k $GOS/api/boom
    cap $S go-431-header.txt 431 app go-net-http "a 20 KB cookie over MaxHeaderBytes: net/http's own 431" "" -- -sv -H "$COOKIE20K" $GO/api/orders/1
    cap $S go-400-bad-host.txt 400 app go-net-http "'Host: bad host': net/http's '400 Bad Request: malformed Host header'" "curl -si" -- -si -H 'Host: bad host' $GO/api/orders/1
    capnc $S go-505-version.txt 505 app go-net-http "HTTP/2.0 in an HTTP/1 request line: net/http's own 505" "raw request with nc" 37020 'GET /api/orders/1 HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n'
    capwin $S go-503-h2.txt 503 app go-net-http "the handler's maintenance 503 over HTTP/2" "curl -si pasted with CRLF" -- -si -k $GOS/api/maintenance
fi

# ========================= Express gateway (http-proxy-middleware) -> Fastify ==
if up expressbff && up fastify; then
    log "capturing: the Express gateway in front of Fastify"
    S=express-hpm-gateway-fastify
    cap $S fastify-404-via-gateway.txt 404 app fastify "unknown SKU: the inventory service's JSON 404, forwarded as it is" "X-Powered-By: Express on the relayed answer" -- -sv $EB/api/inventory/items/Z-9
    cap $S fastify-400-via-gateway.txt 400 app fastify "no delta: Fastify's schema 400, forwarded" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":"A-1"}' $EB/api/inventory/adjustments
    capraw $S fastify-500-via-gateway.txt 500 app fastify "a thrown Error: Fastify's JSON 500, forwarded" "curl -si saved to a file (CRs kept)" -- -si $EB/api/inventory/boom
    caphttp $S fastify-503-via-gateway-httpie.txt 503 app fastify "HTTPie: the inventory service's maintenance 503, forwarded" "HTTPie with colours" -- -v GET $EB/api/inventory/maintenance
    cap $S hpm-0-timeout.txt 0 proxy http-proxy-middleware "the inventory handler sleeps 5 s: the gateway's 2 s socket timeout (timeout: 2000) closes the client's connection" "'Empty reply from server'" -- -sv $EB/api/inventory/slow
    cap $S hpm-504-reviews-refused.txt 504 proxy http-proxy-middleware "the reviews service is not running (ECONNREFUSED): the middleware's text 504" "curl -si" -- -si $EB/api/reviews/1
    cap $S express-401-gateway-own.txt 401 app express "/bff/me, no session: the gateway's own JSON 401" "curl -si" -- -si $EB/bff/me
    cap $S express-500-gateway-own.txt 500 app express "/bff/boom: an Error in the gateway's own route, Express's 500 page" "" -- -sv $EB/bff/boom
    cap $S express-404-gateway-unrouted.txt 404 app express "a path the gateway neither forwards nor routes: Express's 'Cannot GET'" "curl -si" -- -si $EB/api/orders/1
fi

# ============== FastAPI BFF under hypercorn (TLS, HTTP/2) -> Go orders (httpx) ==
if up hypercorn && up goorders; then
    log "capturing: the FastAPI BFF under hypercorn in front of the Go service"
    S=fastapi-httpx-bff-hypercorn
    cap $S bff-200-order-h2.txt 200 app fastapi "an order, composed from the Go service's answer" "HTTP/2, server: hypercorn" -- -sv -k $HB/bff/orders/1
    cap $S bff-404-own-h2.txt 404 app fastapi "the Go service answers 404: the BFF writes its own JSON 404" "curl -si, HTTP/2" -- -si -k $HB/bff/orders/7
    cap $S bff-504-upstream-timeout-h2.txt 504 app fastapi "the Go service sleeps 5 s, httpx times out at 2 s: the BFF's own JSON 504" "HTTP/2" -- -sv -k $HB/bff/slow
    cap $S bff-502-reviews-refused.txt 502 app fastapi "the reviews service is not running: the BFF's own JSON 502" "curl -si, HTTP/2" -- -si -k $HB/bff/orders/1/reviews
    capraw $S bff-500-unhandled.txt 500 app fastapi "a ConnectError nobody catches: Starlette's text 'Internal Server Error'" "curl -si saved to a file (CRs kept), HTTP/2" -- -si -k $HB/bff/recommendations
    caphttp $S bff-401-httpie.txt 401 app fastapi "HTTPie over TLS: 'Not authenticated'" "HTTPie with colours (HTTP/1.1)" -- -v "${NOVERIFY[@]}" GET $HB/bff/me
    cap $S bff-422-h2c.txt 422 app fastapi "qty 0: the validation 422 over cleartext HTTP/2 (prior knowledge)" "curl -sv --http2-prior-knowledge" -- -sv --http2-prior-knowledge "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $HBP/bff/cart
    capnc $S hypercorn-400-bad-chunked.txt 400 app hypercorn "a broken chunk size on the plain port: hypercorn's own 400" "raw request with nc" 37013 "${BADCHUNK/@P@//bff/cart}"
fi

# ======================== Go ReverseProxy gateway -> Flask under waitress ==
if up gogateway && up waitress; then
    log "capturing: the Go gateway in front of waitress"
    S=go-reverseproxy-gateway-waitress
    cap $S flask-404-via-go-gateway.txt 404 app flask "unknown order: the app's JSON 404, forwarded" "Server: waitress" -- -sv $GW/api/orders/7
    caphttp $S flask-422-via-go-gateway-httpie.txt 422 app flask "HTTPie, qty 0: the app's JSON 422, forwarded" "HTTPie with colours" -- -v POST $GW/api/orders sku=A-1 qty:=0
    cap $S flask-500-via-go-gateway.txt 500 app flask "an IndexError: Flask's 500 page, forwarded" "curl -si" -- -si $GW/api/boom
    cap $S waitress-431-via-go-gateway.txt 431 app waitress "a 6 KB cookie: the gateway passes it, waitress answers 431" "curl -si" -- -si -H "$COOKIE6K" $GW/api/orders/1
    cap $S waitress-413-via-go-gateway.txt 413 app waitress "a 4 KiB body: waitress's own 413, forwarded" "" -- -sv "${JSONH[@]}" --data-binary @big.json $GW/api/upload
    cap $S goproxy-502-timeout.txt 502 proxy go-reverseproxy "the view sleeps 5 s, ResponseHeaderTimeout 2s: ReverseProxy's empty 502" "" -- -sv $GW/api/slow
    capwin $S goproxy-502-payments-refused.txt 502 proxy go-reverseproxy "the payments service is not running: ReverseProxy's empty 502" "curl -si pasted with CRLF" -- -si $GW/payments/charges
    cap $S goproxy-404-unrouted.txt 404 proxy go-net-http "a path the gateway does not route: its own ServeMux '404 page not found'" "curl -si" -- -si $GW/health
    cap $S goproxy-400-bad-host.txt 400 proxy go-net-http "'Host: bad host': the gateway's net/http refuses it before forwarding" "curl -si" -- -si -H 'Host: bad host' $GW/api/orders/1
fi

# ============ Flask BFF under gunicorn (gevent) -> FastAPI under uvicorn (requests) ==
if up flaskbff && up uvicorn; then
    log "capturing: the Flask BFF in front of uvicorn"
    S=flask-requests-bff-gevent
    cap $S flaskbff-200-product.txt 200 app flask "a product, wrapped by the BFF" "curl -si" -- -si $FB/bff/products/A-1
    cap $S flaskbff-404-own.txt 404 app flask "the catalog answers 404: the BFF's own JSON 404" "" -- -sv $FB/bff/products/Z-9
    cap $S flaskbff-504-catalog-slow.txt 504 app flask "the catalog sleeps 5 s, requests times out at 2 s: the BFF's own JSON 504" "" -- -sv $FB/bff/slow
    capwin $S flaskbff-502-upstream-500.txt 502 app flask "the catalog answers 500: the BFF's own JSON 502 with upstream_status" "curl -si pasted with CRLF" -- -si $FB/bff/boom
    cap $S flaskbff-500-unhandled.txt 500 app flask "the pricing service is not running and nobody catches the ConnectionError: Flask's 500 page" "curl -si" -- -si $FB/bff/prices/A-1
    caphttp $S flaskbff-404-werkzeug-httpie.txt 404 app flask "HTTPie, no route: Werkzeug's 404 page" "HTTPie with colours" -- -v GET $FB/bff/v2/products
fi

# ================================================= body-only pastes ==
log "capturing: body-only, --fail-with-body and headers-only pastes"
S=body-only-paste
up gunicorn && capbody $S body-gunicorn-414.txt 0/414 app gunicorn "gunicorn's own 414 text" "no number" -- "$GU/api/orders?$Q3K"
up waitress && capbody $S body-waitress-431.txt 0/431 app waitress "waitress's 431 text '(generated by waitress)'" "no number" -- -H "$COOKIE6K" $WT/api/orders/1
up expressbff && capbody $S body-hpm-504.txt 0/504 proxy http-proxy-middleware "'Error occurred while trying to proxy: ...'" "no number" -- $EB/api/reviews/2
up goorders && capbody $S body-go-431.txt 431/431 app go-net-http "net/http's '431 Request Header Fields Too Large'" "" -- -H "$COOKIE20K" $GO/api/orders/1
up fastify && capbody $S body-fastify-413.txt 413/413 app fastify "FST_ERR_CTP_BODY_TOO_LARGE JSON with statusCode" "" -- "${JSONH[@]}" --data-binary @big.json $FY/api/inventory/adjustments
up tomcat && capbody $S body-tomcat-400-report.txt 400/400 app tomcat "Tomcat's 'HTTP Status 400 – Bad Request' report" "" -- -H 'Host: bad host' $TC/api/orders/1
up flaskbff && capbody $S body-flaskbff-504.txt 0/504 app flask "the BFF's own JSON 504 for the slow catalog" "no number" -- $FB/bff/slow
up hypercorn && capbody $S body-fastapi-bff-502.txt 0/502 app fastapi "the BFF's own JSON 502 for the reviews service" "no number" -- -k $HB/bff/orders/2/reviews

S=fail-with-body-paste
up expressbff && capfail $S fail-hpm-504.txt 504 proxy http-proxy-middleware "the middleware's text 504 for the dead reviews service" "curl --fail-with-body -sS" -- $EB/api/reviews/3
up goorders && capfail $S fail-go-413-json.txt 413 app go-net-http "the handler's JSON 413" "curl --fail-with-body -sS" -- "${JSONH[@]}" --data-binary @big.json $GO/api/orders/2/notes
up gogateway && capfail $S fail-goproxy-502-empty.txt 502 proxy go-reverseproxy "ReverseProxy's empty 502: nothing but curl's line" "curl --fail-with-body -sS" -- $GW/payments/refunds

# ================================================ headers-only pastes ==
S=headers-only-paste
up gunicorn && caphead $S head-flask-405.txt 405 app flask "curl -sI (HEAD) on a POST-only route" "" -- $GU/api/upload
up goorders && caphead $S head-go-405-h2.txt 405 app go-net-http "curl -sI over HTTP/2: HEAD meets the handler's method check, http.Error's text 405" "" -- -k $GOS/api/orders/8
up tomcat && caphead $S head-tomcat-404.txt 404 app tomcat "curl -sI on a path outside /api/*" "" -- $TC/orders/1
up gogateway && caphead $S head-goproxy-502.txt 502 proxy go-reverseproxy "curl -sI on the dead payments service" "" -- $GW/payments/charges
up expressbff && caphead $S head-hpm-504.txt 504 proxy http-proxy-middleware "curl -sI on the dead reviews service" "" -- $EB/api/reviews/1

# ================================ uvicorn's --limit-concurrency 4 ==
if up uvicorn; then
    # three slow requests hold three connections; the fourth is refused
    SLOW=()
    for i in 1 2 3; do (in_work timeout 9 curl -s -o /dev/null $UV/api/slow) & SLOW+=($!); done
    sleep 1
    cap fastapi-uvicorn-direct uvicorn-503-limit-concurrency.txt 503 app uvicorn "three slow requests in flight, --limit-concurrency 4: uvicorn's own text 503" "" -- -sv $UV/api/products/A-1
    wait "${SLOW[@]}"
fi

# ================================ services go away behind their callers ==
if up expressbff && up fastify; then
    stop_name fastify; sleep 0.5
    capwget express-hpm-gateway-fastify hpm-504-fastify-stopped-wget.txt 504 proxy http-proxy-middleware "Fastify is stopped: the middleware's text 504" "wget -S -O-" -- $EB/api/inventory/items/A-1
fi
if up hypercorn && up goorders; then
    stop_name go-orders; sleep 0.5
    cap fastapi-httpx-bff-hypercorn bff-502-orders-stopped-h2.txt 502 app fastapi "the Go service is stopped: the BFF's own JSON 502" "HTTP/2" -- -sv -k $HB/bff/orders/1
fi
if up gogateway && up waitress; then
    stop_name waitress; sleep 0.5
    capwget go-reverseproxy-gateway-waitress goproxy-502-waitress-stopped-wget.txt 502 proxy go-reverseproxy "waitress is stopped: ReverseProxy's empty 502" "wget -S -O-" -- $GW/api/orders/1
fi
if up flaskbff && up uvicorn; then
    stop_name uvicorn; sleep 0.5
    cap flask-requests-bff-gevent flaskbff-502-catalog-stopped.txt 502 app flask "uvicorn is stopped: the BFF's own JSON 502" "" -- -sv $FB/bff/products/A-1
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round19/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
