#!/usr/bin/env bash
# capture-round75.sh — build the seventy-fifth held-out evidence corpus in
# tests/fixtures/evidence-round75/.
#
# "Mainstream, a twenty-sixth pairing, incidents as they happen": six
# mainstream apps, each behind one front, and the failures of a live
# incident caused on purpose while the script captures them. Front configs
# in scripts/corpus/conf-round75/, apps in scripts/corpus/apps75/ (one
# Wayfarer shipments API, the same routes in every stack):
#   - Slim 3 on PHP-FPM 8.2 with ONE worker behind nginx (fastcgi_pass; the
#     team adds X-Request-ID);
#   - Litestar 2 on uvicorn behind Apache (no request id; a second uvicorn
#     speaking TLS with a certificate Apache does not trust);
#   - Sinatra on Puma with ONE thread behind Caddy (X-Request-ID; a dynamic
#     upstream whose name does not resolve; a TLS upstream Caddy does not
#     trust);
#   - Hono on one Node process behind HAProxy (X-Request-ID; a health check,
#     a `maxconn 1` server with a queue timeout, a server named by a host
#     name that does not resolve);
#   - Starlette on uvicorn behind Varnish (a probe on /healthz, a short TTL
#     with grace; no request id);
#   - Tomcat 10 with ONE request thread behind Squid (no request id).
# The incidents: the app killed (SIGKILL) mid-request, the app stopped for a
# restart (connection refused), the app's only worker held by a slow request
# (the front's timeout, or HAProxy's queue timeout), an upstream host name
# that does not resolve (the corpus runs its own NXDOMAIN DNS server on
# 127.0.0.1:61253 for the fronts' resolvers), a TLS upstream with a
# certificate the front does not trust, the app draining (its JSON 503 with
# Retry-After), the app's /healthz failing so HAProxy and Varnish mark it
# down, and the app's own 500, and 502/504 when ITS dependency fails (a
# port nobody listens on, and a service on 61297 that never answers).
#
#   scripts/corpus/capture-round75.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round75.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round75.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 61200-61299) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round75.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round75"
RUN=/tmp/api-triage-corpus75-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round75"
APPS="$HERE/apps75"
VENV=${CORPUS_VENV75:-/tmp/api-triage-corpus75-venv}        # Litestar, uvicorn, HTTPie (a copy of round 69's venv65)
VENV2=${CORPUS_VENV75B:-/tmp/api-triage-corpus75-venv71}    # Starlette, uvicorn (a copy of round 71's venv)
NODE_DIR=${CORPUS_NODE75:-/tmp/api-triage-corpus75-node}   # hono, @hono/node-server (a copy of round 70's)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script and deps.py
VPY="$VENV/bin/python"       # run as `python -m ...`: the venvs were copied, their scripts' #! lines name old paths
VPY2="$VENV2/bin/python"
HTTPIE="$VPY"
PYPI=(litestar==2.25.0 uvicorn==0.55.0 httpie==3.2.4)
PYPI2=(starlette==1.10.0 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus75 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx haproxy varnish squid caddy python3-venv nodejs
    tomcat10 openjdk-17-jdk-headless puma ruby-sinatra php8.2-fpm php-slim)
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

install_venv() {  # install_venv DIR MODULE PACKAGES...: from PyPI, unless the venv is there
    local dir=$1 mod=$2; shift 2
    [[ -x $dir/bin/python ]] && "$dir/bin/python" -c "import $mod" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv $dir missing"; return 0; }
    log "pip install into $dir: $*"
    "$PY" -m venv "$dir" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$dir/bin/pip" install -q "$@" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* || $cmd == *"$VENV2/"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round75.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
caphttp() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    [[ -x $HTTPIE ]] || return 0
    cmdline http "$@" >"$dest"
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


# ------------------------------------------------------------- incidents --
# kill_after SECONDS PID: SIGKILL one process this script started (and its
# children, by parent pid) after a delay, in the background: the app dies in
# the middle of the request being captured.
kill_after() {
    local delay=$1 pid=$2
    ( sleep "$delay"; pkill -KILL -P "$pid" 2>/dev/null; kill -KILL "$pid" 2>/dev/null ) &
}

# occupy URL-ARGS...: one request in the background that holds the app's only
# worker (its body and status are thrown away; the front may time it out).
occupy() { ( in_work timeout 15 curl -s -o /dev/null "$@" || true ) & }

# wait_gone PORT: bounded wait (10 s) until nothing listens on a port.
wait_gone() {
    local i
    for i in $(seq 1 100); do listening "$1" || return 0; sleep 0.1; done
    log "127.0.0.1:$1 still listening"; return 1
}

FLAGS=$RUN/flags
flag_on() { mkdir -p "$FLAGS/$1"; : >"$FLAGS/$1/$2"; }
flag_off() { rm -f "$FLAGS/$1/$2"; }

start_slim() { start_bg php-fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/slim.conf"; }
start_litestar() {
    start_bg litestar env FLAG_DIR="$FLAGS/litestar" nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS" \
        --host 127.0.0.1 --port 61211 --no-access-log litestar_app:app
}
start_litestar_tls() {
    start_bg litestar-tls env FLAG_DIR="$FLAGS/litestar" nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS" \
        --host 127.0.0.1 --port 61212 --no-access-log --ssl-keyfile "$RUN/tls/app-key.pem" \
        --ssl-certfile "$RUN/tls/app-cert.pem" litestar_app:app
}
start_sinatra() {
    start_bg sinatra env FLAG_DIR="$FLAGS/sinatra" nice -n 5 puma -e production -t 1:1 \
        -b tcp://127.0.0.1:61215 "$APPS/sinatra.ru"
}
start_sinatra_tls() {
    start_bg sinatra-tls env FLAG_DIR="$FLAGS/sinatra" nice -n 5 puma -e production -t 1:1 \
        -b "ssl://127.0.0.1:61216?key=$RUN/tls/app-key.pem&cert=$RUN/tls/app-cert.pem&verify_mode=none" "$APPS/sinatra.ru"
}
start_hono() {
    start_bg hono env FLAG_DIR="$FLAGS/hono" PORT=61214 NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production \
        nice -n 5 node "$APPS/hono_app.js"
}
start_starlette() {
    start_bg starlette env FLAG_DIR="$FLAGS/starlette" nice -n 5 "$VPY2" -m uvicorn --app-dir "$APPS" \
        --host 127.0.0.1 --port 61217 --no-access-log starlette_app:app
}
start_tomcat() {
    start_bg tomcat env CATALINA_HOME=/usr/share/tomcat10 CATALINA_BASE="$TB" CATALINA_TMPDIR="$TB/temp" \
        JAVA_OPTS="-Dcorpus.flags=$FLAGS/tomcat -Xmx192m" nice -n 5 /usr/share/tomcat10/bin/catalina.sh run
}
# wait_http PORT PATH: bounded wait (60 s) until the app answers its health path
wait_http() {
    local i
    for i in $(seq 1 300); do
        in_work timeout 2 curl -s -o /dev/null "http://127.0.0.1:$1$2" && return 0
        sleep 0.2
    done
    log "127.0.0.1:$1 did not answer $2"; return 1
}

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS ]] || die "missing $CONF or $APPS"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,flags}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv "$VENV" "litestar, uvicorn, httpie" "${PYPI[@]}"
install_venv "$VENV2" "starlette, uvicorn" "${PYPI2[@]}"
[[ -z ${SKIPPED[venv]:-} ]] || die "a Python venv is missing (${SKIPPED[venv]})"
[[ -d $NODE_DIR/node_modules/hono && -d $NODE_DIR/node_modules/@hono/node-server ]] \
    || die "hono is missing in $NODE_DIR (copy round 70's /tmp/api-triage-corpus70-node)"
have openssl || die "openssl is missing"
command -v javac >/dev/null || die "javac is missing (openjdk-17-jdk-headless)"

# apps: Tomcat 61210 (Squid 61250), Litestar 61211 + TLS 61212 (Apache 61270,
# TLS 61271), PHP-FPM/Slim 61213 (nginx 61260, TLS 61261), Hono 61214
# (HAProxy 61282, TLS 61283, throttled 61284), Sinatra/Puma 61215 + TLS 61216
# (Caddy 61280, TLS 61281), Starlette 61217 (Varnish 61290). The apps'
# dependencies: 61297 (deps.py sleeper, never answers) and 61298 (nobody
# listens). 61253 (udp and tcp): deps.py nxdns. 61219 is the port of the host names
# that never resolve.
APP_PORTS=(61210 61211 61212 61213 61214 61215 61216 61217)
FRONT_PORTS=(61250 61270 61271 61260 61261 61282 61283 61284 61280 61281 61290)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 61297 61298 61219 61253; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
ss -lunH 2>/dev/null | awk '{print $4}' | grep -q ':61253$' && die "udp 127.0.0.1:61253 is already in use"
BEFORE=$(sockets)

# ---- TLS: the fronts' self-signed cert, and the apps' own (another one) -----
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Wayfarer/CN=shipments.wayfarer.test" \
    -addext "subjectAltName=DNS:shipments.wayfarer.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/app-key.pem" -out "$RUN/tls/app-cert.pem" \
    -subj "/O=Wayfarer internal/CN=shipments-internal" \
    -addext "subjectAltName=DNS:shipments-internal,IP:127.0.0.1" >>"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the app cert"
cat "$RUN/tls/cert.pem" "$RUN/tls/key.pem" >"$RUN/tls/haproxy.pem"
chmod 644 "$RUN/tls/"*.pem

# ---- the apps' dependencies and the NXDOMAIN resolver --------------------------
start_bg sleeper "$PY" "$APPS/deps.py" sleeper 61297
start_bg nxdns "$PY" "$APPS/deps.py" nxdns 61253

# ---- apps -------------------------------------------------------------------
declare -A UP=()
mkdir -p "$FLAGS"/{slim,litestar,sinatra,hono,starlette,tomcat}
chmod -R 777 "$FLAGS"
TB=$RUN/tomcat
mkdir -p "$TB"/{conf,logs,temp,work,webapps/ROOT/WEB-INF/classes}
cp "$CONF/tomcat-server.xml" "$TB/conf/server.xml"
cp /etc/tomcat10/web.xml /etc/tomcat10/logging.properties /etc/tomcat10/catalina.properties "$TB/conf/"
cp "$APPS/tomcat/web.xml" "$TB/webapps/ROOT/WEB-INF/web.xml"
nice -n 15 timeout 300 javac -cp /usr/share/java/tomcat10-servlet-api.jar -d "$TB/webapps/ROOT/WEB-INF/classes" \
    "$APPS/ShipmentsServlet.java" >"$RUN/logs/javac-tomcat.log" 2>&1 || die "the servlet did not compile for Tomcat"
start_tomcat
start_litestar
start_litestar_tls
start_sinatra
start_sinatra_tls
start_hono
start_starlette
mkdir -p "$RUN/php-fpm" "$RUN/slim"
cp "$APPS"/slim/index.php "$RUN/slim/"
render "$CONF/php-fpm.conf" "$RUN/php-fpm/slim.conf"
chown -R www-data: "$RUN/php-fpm" "$RUN/slim" 2>/dev/null || true
start_slim
for p in "${APP_PORTS[@]}" 61297 61253; do
    wait_port $p app || die "an app did not start on $p"
done
wait_http 61210 /healthz || die "Tomcat did not answer"

# ---- the fronts ----------------------------------------------------------------
mkdir -p "$RUN"/apache
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 61270 apache && wait_port 61271 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 61280 caddy && wait_port 61281 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 61282 haproxy && wait_port 61283 haproxy && wait_port 61284 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/nginx/tmp
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 61260 nginx && wait_port 61261 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/starlette.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:61290 -T none -f "$RUN/varnish/starlette.vcl" \
    -n "$RUN/varnish/starlette" -s malloc,16m -p feature=+http2
wait_port 61290 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus75 -f "$RUN/squid/squid.conf"
wait_port 61250 squid && UP[squid]=1
sleep 2.5

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 61200 || p > 61299) print}')
[[ -z $NEWPORTS ]] || die "a server listens outside 61200-61299: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 75 (held out): real responses captured by
# scripts/corpus/capture-round75.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-74:
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

H=shipments.wayfarer.test
NG=http://$H:61260 NGS=https://$H:61261 AP=http://$H:61270 APS=https://$H:61271
CD=http://$H:61280 CDS=https://$H:61281 HA=http://$H:61282 HAS=https://$H:61283 HAQ=http://$H:61284
VN=http://$H:61290 SQ=http://$H:61250
# one --resolve per front keeps the transcripts short
RNG="--resolve $H:61260:127.0.0.1" RNGS="--resolve $H:61261:127.0.0.1" RAP="--resolve $H:61270:127.0.0.1"
RAPS="--resolve $H:61271:127.0.0.1" RCD="--resolve $H:61280:127.0.0.1" RCDS="--resolve $H:61281:127.0.0.1"
RHA="--resolve $H:61282:127.0.0.1" RHAS="--resolve $H:61283:127.0.0.1" RHAQ="--resolve $H:61284:127.0.0.1"
RVN="--resolve $H:61290:127.0.0.1" RSQ="--resolve $H:61250:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
GOOD='{"carrier":"DHL","weight":2.5}' BADW='{"carrier":"DHL","weight":0}'

# ============================================ nginx -> Slim on PHP-FPM (1 worker) ==
if up nginx; then
    log "capturing: Slim on PHP-FPM behind nginx"
    S=slim-fpm-nginx
    cap $S slim-200-shipment-nginx.txt 200 app slim "shipment 1 through nginx" "X-Request-ID from nginx, X-Powered-By from PHP" -- -sv $RNG $NG/api/shipments/1
    cap $S slim-200-shipment-nginx-h2.txt 200 app slim "HTTP/2 over TLS: shipment 1" "" -- -sv -k $RNGS $NGS/api/shipments/1
    caphttp $S slim-401-account-nginx-httpie.txt 401 app slim "HTTPie, no token: the route's JSON 401 (Bearer)" "HTTPie with colours" -- -v GET http://127.0.0.1:61260/api/account Host:$H
    caplt $S slim-422-post-nginx.txt 422 app slim "POST with weight 0: the route's JSON 422" "curl -sv, only the < lines kept" -- -sv $RNG "${JSONH[@]}" -d "$BADW" $NG/api/shipments
    capcut $S slim-400-shipment-id-nginx.txt 400 app slim "a shipment id that is not a number: the route's JSON 400" "curl -si, body cut off after the headers" -- -si $RNG $NG/api/shipments/abc
    cap $S slim-404-shipment-nginx.txt 404 app slim "shipment 999: the route's JSON 404" "curl -si" -- -si $RNG $NG/api/shipments/999
    cap $S slim-404-route-nginx.txt 404 app slim "an unrouted path: Slim's own HTML 'Page Not Found'" "curl -si" -- -si $RNG $NG/api/parcels/1
    cap $S slim-500-boom-nginx-h2.txt 500 app slim "HTTP/2 over TLS: a method call on null, Slim's 'Slim Application Error' page (no details)" "" -- -sv -k $RNGS $NGS/api/boom
    capraw $S slim-502-rates-json-nginx.txt 502 app slim "the app's rates dependency refuses the connection: the app's own JSON 502" "curl -si saved to a file (CRs kept)" -- -si $RNG $NG/api/rates
    capwin $S slim-504-tracking-json-nginx.txt 504 app slim "the app's tracking dependency never answers (1 s): the app's own JSON 504" "curl -si pasted with CRLF" -- -si $RNG $NG/api/tracking/SHP-1
    cap $S slim-502-labels-html-nginx.txt 502 app slim "the label service refuses: the app's own HTML 502 page, passed on" "" -- -sv $RNG $NG/api/labels/1
    S=body-only-paste
    capbody $S body-slim-502-rates-json.txt 0/502 app slim "the app's own JSON 502 for its failed dependency, no status number in it" "" -- $RNG $NG/api/rates
    S=slim-fpm-nginx
    # incident: the app drains before a deploy
    flag_on slim draining
    capwget $S slim-503-draining-nginx-wget.txt 503 app slim "the instance is draining: the app's JSON 503 with Retry-After: 30, passed on" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61260/api/shipments/1
    flag_off slim draining
    # incident: a host name that does not resolve (resolver + variable fastcgi_pass)
    cap $S nginx-502-fulfilment-nxdomain.txt 502 proxy nginx "/api/fulfilment/ goes to fpm-fulfilment.wayfarer.internal, which the resolver answers NXDOMAIN: nginx's 502 page" "" -- -sv $RNG $NG/api/fulfilment/orders/1
    # added in run 3 (more of the fronts' own answers, labelled before the run)
    capraw $S nginx-502-fulfilment-nxdomain-h2.txt 502 proxy nginx "HTTP/2 over TLS: the unresolvable fastcgi_pass name again, nginx's 502" "curl -si saved to a file (CRs kept)" -- -si -k $RNGS $NGS/api/fulfilment/orders/3
    caphttp $S nginx-502-fulfilment-nxdomain-httpie.txt 502 proxy nginx "HTTPie: the unresolvable upstream name, nginx's 502 page" "HTTPie with colours" -- -v GET http://127.0.0.1:61260/api/fulfilment/orders/4 Host:$H
    S=body-only-paste
    capbody $S body-nginx-502-nxdomain.txt 502/502 proxy nginx "nginx's 502 page (the upstream name did not resolve)" "" -- -k $RNGS $NGS/api/fulfilment/orders/2
    S=slim-fpm-nginx
    # incident: the only PHP-FPM worker killed mid-request (the master respawns it)
    kill_after 1 "$(pgrep -P "$(cat "$RUN/pids/php-fpm.pid")" | head -n 1)"
    cap $S nginx-502-worker-killed.txt 502 proxy nginx "the only PHP-FPM worker is SIGKILLed 1 s into /api/slow: nginx's 502 (recv() failed, connection reset by peer)" "" -- -sv $RNG $NG/api/slow
    sleep 1.5
    # incident: the only worker held by a 6 s export; the next request waits in FPM's backlog
    occupy $RNG $NG/api/export
    sleep 0.5
    cap $S nginx-504-worker-busy-h2.txt 504 proxy nginx "HTTP/2 over TLS: the only PHP-FPM worker is busy with a 6 s export, fastcgi_read_timeout 3s: nginx's 504 page" "" -- -sv -k $RNGS $NGS/api/shipments/1
    sleep 6
    quiet $RNG $NG/api/shipments/1
    # incident: PHP-FPM stopped for a restart (connection refused)
    stop_name php-fpm
    wait_gone 61213
    cap $S nginx-502-fpm-restarting.txt 502 proxy nginx "PHP-FPM stopped for a restart, connection refused: nginx's 502 page" "curl -si" -- -si $RNG $NG/api/shipments/1
    capcut $S nginx-502-fpm-restarting-h2.txt 502 proxy nginx "HTTP/2 over TLS: PHP-FPM still down, nginx's 502" "curl -si, body cut off after the headers" -- -si -k $RNGS $NGS/api/account
    capwget $S nginx-502-fpm-restarting-wget.txt 502 proxy nginx "PHP-FPM still down: nginx's 502 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61260/api/shipments/1
    S=headers-only-paste
    caphead $S head-nginx-502-fpm-restarting.txt 502 proxy nginx "curl -sI while PHP-FPM is down: nginx's 502" "" -- $RNG $NG/api/shipments/1
    S=slim-fpm-nginx
    start_slim
    wait_port 61213 php-fpm || log "php-fpm did not come back"
    cap $S slim-200-shipment-after-restart-nginx.txt 200 app slim "PHP-FPM back: shipment 1 again" "curl -si" -- -si $RNG $NG/api/shipments/1
fi

# ============================================== Apache -> Litestar on uvicorn ==
if up apache; then
    log "capturing: Litestar on uvicorn behind Apache"
    S=litestar-uvicorn-apache
    cap $S litestar-200-shipment-apache.txt 200 app litestar "shipment 1 through Apache (no request id)" "" -- -sv $RAP $AP/api/shipments/1
    cap $S litestar-200-shipment-apache-h2.txt 200 app litestar "HTTP/2 over TLS (mod_ssl + mod_http2): shipment 1" "" -- -sv -k $RAPS $APS/api/shipments/1
    caphttp $S litestar-401-account-apache-httpie.txt 401 app litestar "HTTPie, no token: the handler's JSON 401 (Bearer)" "HTTPie with colours" -- -v GET http://127.0.0.1:61270/api/account Host:$H
    caplt $S litestar-422-post-apache.txt 422 app litestar "POST with weight 0: the handler's JSON 422" "curl -sv, only the < lines kept" -- -sv $RAP "${JSONH[@]}" -d "$BADW" $AP/api/shipments
    # Relabelled after run 1 (see the README): a path parameter that is not an
    # int matches no route in Litestar, so this is its own 404, not a 400.
    capcut $S litestar-404-shipment-id-apache.txt 404 app litestar "a shipment id that is not an int matches no {sid:int} route: Litestar's own JSON 404" "curl -si, body cut off after the headers" -- -si $RAP $AP/api/shipments/abc
    # Added after run 1, in place of a second copy of the one above: a query
    # parameter that is not an int, Litestar's own validation 400.
    cap $S litestar-400-limit-apache.txt 400 app litestar "a limit that is not an int: Litestar's own validation 400 ({\"status_code\":400,\"detail\":...})" "curl -si" -- -si $RAP "$AP/api/shipments?limit=abc"
    cap $S litestar-404-shipment-apache.txt 404 app litestar "shipment 999: the handler's JSON 404" "curl -si" -- -si $RAP $AP/api/shipments/999
    cap $S litestar-404-route-apache.txt 404 app litestar "an unrouted path: Litestar's own JSON 404" "" -- -sv $RAP $AP/api/parcels/1
    cap $S litestar-500-boom-apache.txt 500 app litestar "an uncaught RuntimeError: Litestar's own JSON 500" "curl -si" -- -si $RAP $AP/api/boom
    capraw $S litestar-502-rates-json-apache-h2.txt 502 app litestar "HTTP/2 over TLS: the rates dependency refuses, the app's own JSON 502" "curl -si saved to a file (CRs kept)" -- -si -k $RAPS $APS/api/rates
    capwin $S litestar-504-tracking-json-apache.txt 504 app litestar "the tracking dependency never answers (1 s): the app's own JSON 504" "curl -si pasted with CRLF" -- -si $RAP $AP/api/tracking/SHP-1
    cap $S litestar-502-labels-html-apache.txt 502 app litestar "the label service refuses: the app's own HTML 502 page, passed on" "" -- -sv $RAP $AP/api/labels/1
    S=body-only-paste
    capbody $S body-litestar-500-json.txt 500/500 app litestar "Litestar's own JSON 500 ({\"status_code\":500,...})" "" -- $RAP $AP/api/boom
    S=litestar-uvicorn-apache
    flag_on litestar draining
    cap $S litestar-503-draining-apache.txt 503 app litestar "the instance is draining: the app's JSON 503 with Retry-After: 30, passed on" "curl -si" -- -si $RAP $AP/api/shipments/1
    flag_off litestar draining
    # incident: a TLS upstream whose certificate Apache does not trust.
    # Relabelled after run 1 (see the README): Apache 2.4.71 answers a failed
    # handshake with the upstream with "500 Proxy Error", not 502.
    cap $S apache-500-upstream-cert.txt 500 proxy apache "/api/v2/ goes to the app over TLS; its self-signed cert is not signed by SSLProxyCACertificateFile: Apache's '500 Proxy Error' (Error during SSL Handshake with remote server)" "" -- -sv $RAP $AP/api/v2/shipments/1
    capcut $S apache-500-upstream-cert-h2.txt 500 proxy apache "HTTP/2 over TLS: the same untrusted upstream cert, Apache's 500 Proxy Error" "curl -si, body cut off after the headers" -- -si -k $RAPS $APS/api/v2/shipments/1
    S=body-only-paste
    capbody $S body-apache-500-upstream-cert.txt 500/500 proxy apache "Apache's '500 Proxy Error' page (SSL handshake with the upstream failed)" "" -- $RAP $AP/api/v2/account
    S=litestar-uvicorn-apache
    # incident: uvicorn SIGKILLed mid-request
    kill_after 1 "$(cat "$RUN/pids/litestar.pid")"
    cap $S apache-502-app-killed.txt 502 proxy apache "uvicorn is SIGKILLed 1 s into /api/slow: Apache's 502 'Proxy Error' (error reading from remote server)" "curl -si" -- -si $RAP $AP/api/slow
    sleep 0.5
    # incident: the app restarting (connection refused)
    capwget $S apache-503-app-restarting-wget.txt 503 proxy apache "uvicorn not running yet (restart), connection refused: Apache's 503 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61270/api/shipments/1
    cap $S apache-503-app-restarting-h2.txt 503 proxy apache "HTTP/2 over TLS: uvicorn still down, Apache's 503" "" -- -sv -k $RAPS $APS/api/shipments/1
    caphttp $S apache-503-app-restarting-httpie.txt 503 proxy apache "HTTPie: uvicorn still down, Apache's 503 page" "HTTPie with colours" -- -v GET http://127.0.0.1:61270/api/account Host:$H
    start_litestar
    wait_port 61211 litestar || log "litestar did not come back"
    # the same incident again, over TLS + HTTP/2 (added in run 3)
    kill_after 1 "$(cat "$RUN/pids/litestar.pid")"
    # Relabelled after run 3 (see the README): over HTTP/2 Apache answered this
    # with its generic "500 Internal Server Error" page, not the 502 it gives
    # the same failure over HTTP/1.1.
    cap $S apache-500-app-killed-h2.txt 500 proxy apache "HTTP/2 over TLS: uvicorn SIGKILLed again 1 s into /api/slow; Apache logs 'error reading status line from remote server' and answers its generic 500 'Internal Server Error' page" "" -- -sv -k $RAPS $APS/api/slow
    sleep 0.3
    start_litestar
    wait_port 61211 litestar || log "litestar did not come back"
    # incident: the only event loop blocked by a 6 s export (time.sleep in an async handler)
    occupy $RAP $AP/api/export
    sleep 0.5
    caplt $S apache-502-loop-blocked.txt 502 proxy apache "the event loop is blocked by a 6 s export, ProxyTimeout 3: Apache's 502 'Proxy Error'" "curl -sv, only the < lines kept" -- -sv $RAP $AP/api/shipments/1
    sleep 5
    wait_http 61211 /healthz
    occupy $RAP $AP/api/export
    sleep 0.5
    cap $S apache-502-loop-blocked-h2.txt 502 proxy apache "HTTP/2 over TLS: the event loop blocked by another 6 s export, Apache's 502 'Proxy Error'" "curl -si" -- -si -k $RAPS $APS/api/account
    sleep 5
    cap $S litestar-200-shipment-after-restart-apache.txt 200 app litestar "the app back: shipment 1 again" "curl -si" -- -si $RAP $AP/api/shipments/1
fi

# ================================================ Caddy -> Sinatra on Puma (1 thread) ==
if up caddy; then
    log "capturing: Sinatra on Puma behind Caddy"
    S=sinatra-puma-caddy-1thread
    cap $S sinatra-200-shipment-caddy.txt 200 app sinatra "shipment 1 through Caddy" "X-Request-ID from Caddy, Server: Caddy" -- -sv $RCD $CD/api/shipments/1
    cap $S sinatra-200-shipment-caddy-h2.txt 200 app sinatra "HTTP/2 over TLS: shipment 1" "" -- -sv -k $RCDS $CDS/api/shipments/1
    caphttp $S sinatra-401-account-caddy-httpie.txt 401 app sinatra "HTTPie, no token: the route's JSON 401 (Bearer)" "HTTPie with colours" -- -v GET http://127.0.0.1:61280/api/account Host:$H:61280
    capraw $S sinatra-201-post-caddy-h2.txt 201 app sinatra "HTTP/2 over TLS: a valid POST, the route's JSON 201 with Location" "curl -si saved to a file (CRs kept)" -- -si -k $RCDS "${JSONH[@]}" -d "$GOOD" $CDS/api/shipments
    caplt $S sinatra-422-post-caddy.txt 422 app sinatra "POST with weight 0: the route's JSON 422" "curl -sv, only the < lines kept" -- -sv $RCD "${JSONH[@]}" -d "$BADW" $CD/api/shipments
    capcut $S sinatra-400-shipment-id-caddy.txt 400 app sinatra "a shipment id that is not a number: the route's JSON 400" "curl -si, body cut off after the headers" -- -si $RCD $CD/api/shipments/abc
    cap $S sinatra-404-route-caddy.txt 404 app sinatra "an unrouted path in production: Sinatra's own 'Not Found'" "curl -si" -- -si $RCD $CD/api/parcels/1
    cap $S sinatra-500-boom-caddy.txt 500 app sinatra "NoMethodError in production: Sinatra's own 'Internal Server Error'" "" -- -sv $RCD $CD/api/boom
    capwin $S sinatra-502-rates-json-caddy.txt 502 app sinatra "the rates dependency refuses: the app's own JSON 502" "curl -si pasted with CRLF" -- -si $RCD $CD/api/rates
    cap $S sinatra-504-tracking-json-caddy-h2.txt 504 app sinatra "HTTP/2 over TLS: the tracking dependency never answers (Net::ReadTimeout, 1 s), the app's own JSON 504" "curl -si" -- -si -k $RCDS $CDS/api/tracking/SHP-1
    cap $S sinatra-502-labels-html-caddy.txt 502 app sinatra "the label service refuses: the app's own HTML 502 page, passed on" "curl -si" -- -si $RCD $CD/api/labels/1
    S=body-only-paste
    capbody $S body-sinatra-504-tracking-json.txt 0/504 app sinatra "the app's own JSON 504 for its dependency's timeout, no status number in it" "" -- $RCD $CD/api/tracking/SHP-2
    S=sinatra-puma-caddy-1thread
    flag_on sinatra draining
    caplt $S sinatra-503-draining-caddy.txt 503 app sinatra "the instance is draining: the app's JSON 503 with Retry-After: 30, passed on" "curl -sv, only the < lines kept" -- -sv $RCD $CD/api/shipments/1
    flag_off sinatra draining
    # incident: a dynamic upstream whose name does not resolve
    cap $S caddy-503-fulfilment-nxdomain.txt 503 proxy caddy "/api/fulfilment/*: dynamic A upstream fulfilment.wayfarer.internal, NXDOMAIN: Caddy's empty 503 (no upstreams available)" "" -- -sv $RCD $CD/api/fulfilment/orders/1
    caphttp $S caddy-503-fulfilment-nxdomain-httpie.txt 503 proxy caddy "HTTPie: the unresolvable dynamic upstream, Caddy's empty 503" "HTTPie with colours" -- -v GET http://127.0.0.1:61280/api/fulfilment/orders/3 Host:$H:61280
    S=headers-only-paste
    caphead $S head-caddy-503-fulfilment-nxdomain-h2.txt 503 proxy caddy "curl -sI over TLS + HTTP/2 on the unresolvable dynamic upstream: Caddy's 503" "" -- -k $RCDS $CDS/api/fulfilment/orders/2
    S=sinatra-puma-caddy-1thread
    # incident: a TLS upstream whose certificate Caddy does not trust
    cap $S caddy-502-upstream-cert.txt 502 proxy caddy "/api/v2/* goes to Puma over TLS; its self-signed cert is not in tls_trusted_ca_certs: Caddy's empty 502" "curl -si" -- -si $RCD $CD/api/v2/shipments/1
    capcut $S caddy-502-upstream-cert-h2.txt 502 proxy caddy "HTTP/2 over TLS: the same untrusted upstream cert, Caddy's 502" "curl -si, body cut off after the headers" -- -si -k $RCDS $CDS/api/v2/account
    # incident: Puma SIGKILLed mid-request
    kill_after 1 "$(cat "$RUN/pids/sinatra.pid")"
    cap $S caddy-502-app-killed.txt 502 proxy caddy "Puma is SIGKILLed 1 s into /api/slow: Caddy's empty 502" "" -- -sv $RCD $CD/api/slow
    sleep 0.3
    # incident: the app restarting (connection refused)
    capwget $S caddy-502-app-restarting-wget.txt 502 proxy caddy "Puma not running yet (restart), connection refused: Caddy's empty 502" "wget -S -O-" -- --header="Host: $H:61280" http://127.0.0.1:61280/api/shipments/1
    capcut $S caddy-502-app-restarting-h2.txt 502 proxy caddy "HTTP/2 over TLS: Puma still down, Caddy's empty 502" "curl -si, body cut off after the headers" -- -si -k $RCDS $CDS/api/account
    start_sinatra
    wait_port 61215 sinatra || log "sinatra did not come back"
    kill_after 1 "$(cat "$RUN/pids/sinatra.pid")"
    caplt $S caddy-502-app-killed-h2.txt 502 proxy caddy "HTTP/2 over TLS: Puma SIGKILLed again 1 s into /api/slow, Caddy's empty 502" "curl -sv, only the < lines kept" -- -sv -k $RCDS $CDS/api/slow
    sleep 0.3
    start_sinatra
    wait_port 61215 sinatra || log "sinatra did not come back"
    # incident: Puma's only thread held by a 6 s export
    occupy $RCD $CD/api/export
    sleep 0.5
    cap $S caddy-504-thread-busy-h2.txt 504 proxy caddy "HTTP/2 over TLS: Puma's only thread is busy with a 6 s export, response_header_timeout 3s: Caddy's empty 504" "" -- -sv -k $RCDS $CDS/api/shipments/1
    sleep 6
    cap $S sinatra-200-shipment-after-restart-caddy.txt 200 app sinatra "the app back and free: shipment 1 again" "curl -si" -- -si $RCD $CD/api/shipments/1
fi

# ============================================ HAProxy -> Hono (one Node process) ==
if up haproxy; then
    log "capturing: Hono behind HAProxy"
    S=hono-haproxy
    cap $S hono-200-shipment-haproxy.txt 200 app hono "shipment 1 through HAProxy" "X-Request-ID from HAProxy" -- -sv $RHA $HA/api/shipments/1
    cap $S hono-200-shipment-haproxy-h2.txt 200 app hono "HTTP/2 over TLS: shipment 1" "" -- -sv -k $RHAS $HAS/api/shipments/1
    caphttp $S hono-401-account-haproxy-httpie.txt 401 app hono "HTTPie, no token: the route's JSON 401 (Bearer)" "HTTPie with colours" -- -v GET http://127.0.0.1:61282/api/account Host:$H
    caplt $S hono-422-post-haproxy.txt 422 app hono "POST with weight 0: the route's JSON 422" "curl -sv, only the < lines kept" -- -sv $RHA "${JSONH[@]}" -d "$BADW" $HA/api/shipments
    capcut $S hono-400-shipment-id-haproxy.txt 400 app hono "a shipment id that is not a number: the route's JSON 400" "curl -si, body cut off after the headers" -- -si $RHA $HA/api/shipments/abc
    cap $S hono-404-shipment-haproxy.txt 404 app hono "shipment 999: the route's JSON 404" "curl -si" -- -si $RHA $HA/api/shipments/999
    cap $S hono-404-route-haproxy.txt 404 app hono "an unrouted path: Hono's own text '404 Not Found'" "curl -si" -- -si $RHA $HA/api/parcels/1
    cap $S hono-500-boom-haproxy-h2.txt 500 app hono "HTTP/2 over TLS: a thrown Error, Hono's own text 'Internal Server Error'" "" -- -sv -k $RHAS $HAS/api/boom
    capraw $S hono-502-rates-json-haproxy.txt 502 app hono "the rates dependency refuses (fetch failed): the app's own JSON 502" "curl -si saved to a file (CRs kept)" -- -si $RHA $HA/api/rates
    capwin $S hono-504-tracking-json-haproxy.txt 504 app hono "the tracking dependency never answers (AbortSignal.timeout 1 s): the app's own JSON 504" "curl -si pasted with CRLF" -- -si $RHA $HA/api/tracking/SHP-1
    cap $S hono-502-labels-html-haproxy.txt 502 app hono "the label service refuses: the app's own HTML 502 page, passed on" "" -- -sv $RHA $HA/api/labels/1
    flag_on hono draining
    cap $S hono-503-draining-haproxy.txt 503 app hono "the instance is draining (its /healthz still 200): the app's JSON 503 with Retry-After: 30" "curl -si" -- -si $RHA $HA/api/shipments/1
    S=body-only-paste
    capbody $S body-hono-503-draining.txt 0/503 app hono "the app's JSON 503 while draining, no status number in it" "" -- $RHA $HA/api/account
    S=headers-only-paste
    caphead $S head-hono-503-draining.txt 503 app hono "curl -sI while the app drains: its 503 with Retry-After (Hono answers HEAD on a GET route)" "" -- $RHA $HA/api/shipments/1
    S=hono-haproxy
    flag_off hono draining
    # incident: a server named by a host name that never resolves
    cap $S haproxy-503-fulfilment-nxdomain-h2.txt 503 load-balancer haproxy "HTTP/2 over TLS: /api/fulfilment/ to a server named fulfilment.wayfarer.internal (NXDOMAIN, init-addr none): HAProxy's 503" "" -- -sv -k $RHAS $HAS/api/fulfilment/orders/1
    capcut $S haproxy-503-fulfilment-nxdomain.txt 503 load-balancer haproxy "/api/fulfilment/ to the server whose name never resolves: HAProxy's 503" "curl -si, body cut off after the headers" -- -si $RHA $HA/api/fulfilment/orders/2
    # incident: queue timeout behind a maxconn 1 server
    occupy $RHAQ $HAQ/api/slow
    sleep 0.3
    cap $S haproxy-503-queue-timeout.txt 503 load-balancer haproxy "the throttled frontend: its maxconn 1 server is busy with /api/slow, timeout queue 1s: HAProxy's 503" "curl -si" -- -si $RHAQ $HAQ/api/shipments/1
    S=body-only-paste
    capbody $S body-haproxy-503-queue.txt 503/503 load-balancer haproxy "HAProxy's 503 page (queue timeout)" "" -- $RHAQ $HAQ/api/shipments/1
    S=hono-haproxy
    sleep 4
    # incident: the event loop blocked by a 6 s busy export
    occupy $RHA $HA/api/export
    sleep 0.5
    cap $S haproxy-504-loop-blocked.txt 504 load-balancer haproxy "the one Node event loop is blocked by a 6 s export, timeout server 3s: HAProxy's 504" "" -- -sv $RHA $HA/api/shipments/1
    sleep 5
    wait_http 61214 /healthz
    sleep 2.5
    # incident: /healthz fails, the check marks the server down
    flag_on hono unhealthy
    sleep 3.5
    capcut $S haproxy-503-health-down.txt 503 load-balancer haproxy "the app's /healthz answers 503, httpchk marks app1 down: HAProxy's 503 (no server available)" "curl -si, body cut off after the headers" -- -si $RHA $HA/api/shipments/1
    cap $S haproxy-503-health-down-whole.txt 503 load-balancer haproxy "the server still down by its check: HAProxy's 503 page, whole" "" -- -sv $RHA $HA/api/account
    S=headers-only-paste
    caphead $S head-haproxy-503-health-down-h2.txt 503 load-balancer haproxy "curl -sI over TLS + HTTP/2 while the check has the server down: HAProxy's 503" "" -- -k $RHAS $HAS/api/shipments/1
    S=hono-haproxy
    flag_off hono unhealthy
    sleep 2.5
    cap $S hono-200-shipment-after-health-haproxy.txt 200 app hono "/healthz back to 200, the server up again: shipment 1" "curl -si" -- -si $RHA $HA/api/shipments/1
    # incident: the Node process SIGKILLed mid-request
    kill_after 1 "$(cat "$RUN/pids/hono.pid")"
    capwget $S haproxy-502-app-killed-wget.txt 502 load-balancer haproxy "node is SIGKILLed 1 s into /api/slow: HAProxy's 502" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61282/api/slow
    sleep 0.2
    # incident: the app restarting (connection refused, before the check notices)
    cap $S haproxy-503-app-restarting.txt 503 load-balancer haproxy "node not running yet (restart): connection refused, HAProxy's 503 (its check marks the server down within about 2 s)" "" -- -sv $RHA $HA/api/shipments/1
    capraw $S haproxy-503-app-restarting-h2.txt 503 load-balancer haproxy "HTTP/2 over TLS: node still down, HAProxy's 503" "curl -si saved to a file (CRs kept)" -- -si -k $RHAS $HAS/api/account
    start_hono
    wait_port 61214 hono || log "hono did not come back"
    sleep 2.5
fi

# ============================================== Varnish -> Starlette on uvicorn ==
if up varnish; then
    log "capturing: Starlette on uvicorn behind Varnish"
    S=starlette-uvicorn-varnish
    cap $S starlette-200-shipment-varnish-miss.txt 200 app starlette "shipment 1, first request: a MISS, Starlette's answer" "X-Cache: MISS" -- -sv $RVN $VN/api/shipments/1
    cap $S varnish-200-shipment-hit.txt 200 cdn-cache varnish "shipment 1 again within its 2 s TTL: a HIT from Varnish's store" "X-Cache: HIT, Age" -- -si $RVN $VN/api/shipments/1
    caplt $S varnish-304-shipment-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304 from its store" "curl -sv, only the < lines kept" -- -sv $RVN -H 'If-None-Match: "shp-1-v3"' $VN/api/shipments/1
    cap $S starlette-404-shipment-varnish-miss.txt 404 app starlette "shipment 999: the route's JSON 404, a MISS (Varnish stores it for its default TTL)" "curl -si" -- -si $RVN $VN/api/shipments/999
    cap $S starlette-404-shipment-varnish-hit.txt 404 app starlette "shipment 999 again: the app's JSON 404 served from Varnish's store (X-Cache: HIT)" "a kept error of the app's" -- -sv $RVN $VN/api/shipments/999
    caphttp $S starlette-401-account-varnish-httpie.txt 401 app starlette "HTTPie, no token: the route's JSON 401, passed (not cached)" "HTTPie with colours" -- -v GET http://127.0.0.1:61290/api/account Host:$H
    caplt $S starlette-422-post-varnish.txt 422 app starlette "POST with weight 0: the route's JSON 422" "curl -sv, only the < lines kept" -- -sv $RVN "${JSONH[@]}" -d "$BADW" $VN/api/shipments
    capcut $S starlette-400-shipment-id-varnish.txt 400 app starlette "a shipment id that is not a number: the route's JSON 400 (a MISS)" "curl -si, body cut off after the headers" -- -si $RVN $VN/api/shipments/abc
    cap $S starlette-404-route-varnish.txt 404 app starlette "an unrouted path: Starlette's own text 'Not Found'" "curl -si" -- -si $RVN $VN/api/parcels/1
    cap $S starlette-500-boom-varnish-h2c.txt 500 app starlette "HTTP/2 (h2c): an uncaught RuntimeError, Starlette's text 'Internal Server Error'" "" -- -sv --http2-prior-knowledge $RVN $VN/api/boom
    capraw $S starlette-502-rates-json-varnish.txt 502 app starlette "the rates dependency refuses: the app's own JSON 502, passed" "curl -si saved to a file (CRs kept)" -- -si $RVN $VN/api/rates
    capwin $S starlette-504-tracking-json-varnish.txt 504 app starlette "the tracking dependency never answers (1 s): the app's own JSON 504" "curl -si pasted with CRLF" -- -si $RVN $VN/api/tracking/SHP-1
    cap $S starlette-502-labels-html-varnish.txt 502 app starlette "the label service refuses: the app's own HTML 502 page, passed" "" -- -sv $RVN $VN/api/labels/1
    flag_on starlette draining
    capwget $S starlette-503-draining-varnish-wget.txt 503 app starlette "the instance is draining: the app's JSON 503 with Retry-After: 30, passed" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61290/api/account
    flag_off starlette draining
    # incident: the event loop blocked by a 6 s export
    occupy $RVN $VN/api/export
    sleep 0.5
    cap $S varnish-503-loop-blocked.txt 503 cdn-cache varnish "the event loop is blocked by a 6 s export, first_byte_timeout 3s: Varnish's 'Backend fetch failed'" "curl -si" -- -si $RVN $VN/api/account
    sleep 5
    wait_http 61217 /healthz
    sleep 3
    # incident: /healthz fails, the probe marks the backend sick
    quiet $RVN $VN/api/shipments/1
    flag_on starlette unhealthy
    sleep 3.5
    cap $S varnish-503-probe-sick.txt 503 cdn-cache varnish "the app's /healthz answers 503, the probe has the backend sick: Varnish's 'Backend fetch failed'" "" -- -sv $RVN $VN/api/account
    caphttp $S varnish-503-probe-sick-httpie.txt 503 cdn-cache varnish "HTTPie: the backend still sick, Varnish's 'Backend fetch failed'" "HTTPie with colours" -- -v GET http://127.0.0.1:61290/api/account Host:$H
    cap $S varnish-200-shipment-grace-sick.txt 200 cdn-cache varnish "shipment 1, its TTL over, the backend sick: a grace copy from Varnish's store" "X-Cache: HIT" -- -si $RVN $VN/api/shipments/1
    S=body-only-paste
    capbody $S body-varnish-503-probe-sick.txt 503/503 cdn-cache varnish "Varnish's 'Error 503 Backend fetch failed' page (backend sick)" "" -- $RVN $VN/api/labels/2
    S=starlette-uvicorn-varnish
    flag_off starlette unhealthy
    sleep 3
    # incident: uvicorn SIGKILLed mid-request
    kill_after 1 "$(cat "$RUN/pids/starlette.pid")"
    cap $S varnish-503-app-killed.txt 503 cdn-cache varnish "uvicorn is SIGKILLed 1 s into /api/slow: Varnish's 'Backend fetch failed'" "" -- -sv $RVN $VN/api/slow
    sleep 0.3
    # incident: the app restarting (connection refused)
    capcut $S varnish-503-app-restarting.txt 503 cdn-cache varnish "uvicorn not running yet (restart): Varnish's 503" "curl -si, body cut off after the headers" -- -si $RVN $VN/api/account
    cap $S varnish-503-app-restarting-h2c.txt 503 cdn-cache varnish "HTTP/2 (h2c): uvicorn still down, Varnish's 503" "" -- -sv --http2-prior-knowledge $RVN $VN/api/rates
    cap $S varnish-200-shipment-grace-restarting-h2c.txt 200 cdn-cache varnish "HTTP/2 (h2c): shipment 1 while the app is down, a grace copy from the store" "curl -si" -- -si --http2-prior-knowledge $RVN $VN/api/shipments/1
    S=headers-only-paste
    caphead $S head-varnish-200-shipment-grace.txt 200 cdn-cache varnish "curl -sI on shipment 1 while the app is down: the stored copy" "X-Cache: HIT" -- $RVN $VN/api/shipments/1
    S=starlette-uvicorn-varnish
    start_starlette
    wait_port 61217 starlette || log "starlette did not come back"
fi

# ================================================= Squid -> Tomcat 10 (1 thread) ==
if up squid; then
    log "capturing: Tomcat 10 behind Squid"
    S=tomcat-squid
    cap $S tomcat-200-shipment-squid-miss.txt 200 app tomcat "shipment 1, first request: a MISS, the servlet's answer" "Via, X-Cache: MISS" -- -sv $RSQ $SQ/api/shipments/1
    cap $S squid-200-shipment-hit.txt 200 cdn-cache squid "shipment 1 again (max-age 60): a HIT from Squid's memory" "X-Cache: HIT, Age" -- -si $RSQ $SQ/api/shipments/1
    caplt $S squid-304-shipment-if-none-match.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's own 304 from its store" "curl -sv, only the < lines kept" -- -sv $RSQ -H 'If-None-Match: "shp-1-v3"' $SQ/api/shipments/1
    S=headers-only-paste
    caphead $S head-squid-200-shipment-hit.txt 200 cdn-cache squid "curl -sI on shipment 1, stored in Squid's memory" "X-Cache: HIT" -- $RSQ $SQ/api/shipments/1
    S=tomcat-squid
    caphttp $S tomcat-401-account-squid-httpie.txt 401 app tomcat "HTTPie, no token: the servlet's JSON 401 (Bearer), Via added" "HTTPie with colours" -- -v GET http://127.0.0.1:61250/api/account Host:$H
    capcut $S tomcat-422-post-squid.txt 422 app tomcat "POST with weight 0: the servlet's JSON 422" "curl -si, body cut off after the headers" -- -si $RSQ "${JSONH[@]}" -d "$BADW" $SQ/api/shipments
    cap $S tomcat-400-shipment-id-squid.txt 400 app tomcat "a shipment id that is not a number: the servlet's JSON 400" "curl -si" -- -si $RSQ $SQ/api/shipments/abc
    cap $S tomcat-404-shipment-squid.txt 404 app tomcat "shipment 999: the servlet's JSON 404" "" -- -sv $RSQ $SQ/api/shipments/999
    cap $S tomcat-404-default-servlet-squid.txt 404 app tomcat "a path outside /api/: the DefaultServlet's 404, Tomcat's report page" "curl -si" -- -si $RSQ $SQ/parcels/1
    cap $S tomcat-500-boom-squid.txt 500 app tomcat "an uncaught IllegalStateException: the stock ErrorReportValve page" "" -- -sv $RSQ $SQ/api/boom
    capraw $S tomcat-502-rates-json-squid.txt 502 app tomcat "the rates dependency refuses: the servlet's own JSON 502" "curl -si saved to a file (CRs kept)" -- -si $RSQ $SQ/api/rates
    capwin $S tomcat-504-tracking-json-squid.txt 504 app tomcat "the tracking dependency never answers (SocketTimeoutException, 1 s): the servlet's own JSON 504" "curl -si pasted with CRLF" -- -si $RSQ $SQ/api/tracking/SHP-1
    cap $S tomcat-502-labels-html-squid.txt 502 app tomcat "the label service refuses: the app's own HTML 502 page, passed on" "" -- -sv $RSQ $SQ/api/labels/1
    S=body-only-paste
    capbody $S body-tomcat-502-labels-html.txt 502/502 app tomcat "the app's own HTML '502 Bad Gateway' page" "" -- $RSQ $SQ/api/labels/2
    S=tomcat-squid
    flag_on tomcat draining
    caplt $S tomcat-503-draining-squid.txt 503 app tomcat "the instance is draining: the servlet's JSON 503 with Retry-After: 30, passed on" "curl -sv, only the < lines kept" -- -sv $RSQ $SQ/api/account
    flag_off tomcat draining
    # incident: the only request thread held by a 6 s export
    occupy $RSQ $SQ/api/export
    sleep 0.5
    cap $S squid-504-thread-busy.txt 504 cdn-cache squid "Tomcat's only request thread is busy with a 6 s export, read_timeout 3 seconds: Squid's ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/shipments/7
    sleep 6
    wait_http 61210 /healthz
    # incident: the JVM SIGKILLed mid-request (a POST: Squid does not retry it)
    kill_after 1.5 "$(cat "$RUN/pids/tomcat.pid")"
    cap $S squid-502-app-killed.txt 502 cdn-cache squid "the JVM is SIGKILLed 1.5 s into a POST /api/export: Squid's 502 error page" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"format":"csv"}' $SQ/api/export
    sleep 0.5
    # incident: the app restarting (connection refused)
    cap $S squid-503-app-restarting.txt 503 cdn-cache squid "Tomcat not running yet (restart), connection refused: Squid's ERR_CONNECT_FAIL" "" -- -sv $RSQ $SQ/api/account
    capcut $S squid-503-app-restarting-cut.txt 503 cdn-cache squid "Tomcat still down: Squid's ERR_CONNECT_FAIL" "curl -si, body cut off after the headers" -- -si $RSQ $SQ/api/shipments/9
    caphttp $S squid-200-shipment-hit-app-down-httpie.txt 200 cdn-cache squid "HTTPie: shipment 1 while Tomcat is down, a HIT from Squid's memory" "HTTPie with colours" -- -v GET http://127.0.0.1:61250/api/shipments/1 Host:$H:61250
    S=body-only-paste
    capbody $S body-squid-503-connect-fail.txt 0/503 cdn-cache squid "Squid's ERR_CONNECT_FAIL page (its title names no number)" "" -- $RSQ $SQ/api/rates
    S=tomcat-squid
    capwget $S squid-200-shipment-hit-app-down-wget.txt 200 cdn-cache squid "shipment 1 while Tomcat is down: still fresh in Squid's memory, a HIT" "wget -S -O-" -- --header="Host: $H:61250" http://127.0.0.1:61250/api/shipments/1
    start_tomcat
    wait_http 61210 /healthz || log "tomcat did not come back"
fi

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in apache caddy haproxy nginx varnish squid; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round75/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
