#!/usr/bin/env bash
# capture-round83.sh — build the eighty-third held-out evidence corpus in
# tests/fixtures/evidence-round83/.
#
# "Mainstream, the issue's failure classes, a third look": six mainstream
# front + app pairings that rounds 77 to 82 did not use together, names
# ending in -r83. Front configs in scripts/corpus/conf-round83/ (round 77's,
# ports moved into 62000-62999, upstreams swapped; new: auth_basic on
# nginx's /ops/, basicauth on Caddy's /ops/*, a 1 s ttl + grace for
# /api/shipments/1?view=... in Varnish):
#   - Django 5.2 on gunicorn (apps77/django_cached.py) behind nginx 1.22
#     (HTTP/1.1, TLS + HTTP/2);
#   - FastAPI on uvicorn (apps78/fastapi_app.py) behind Apache 2.4
#     mod_proxy_http (HTTP/1.1, h2c, TLS + HTTP/2);
#   - Flask under waitress (apps78/flask_app.py) behind Caddy 2.6;
#   - Express 4 (apps77/express_cached.js) behind HAProxy 2.6 (HTTP/1.1, h2c);
#   - Sinatra on Puma (apps83/sinatra_app.rb, round 75's app with its
#     dependency ports read from the environment) behind Varnish 7.1;
#   - Koa 2 (apps71/koa_app.js, cacheable order 1) behind Squid 5.7 as a
#     reverse accelerator.
# Each front puts its own request id on what it sends back, answers some
# paths itself (JSON 429 and 503, an empty 503, a Basic credential check),
# fails its stock ways (dead upstream, slow upstream, unknown Host, a URI,
# body or header too large), and the caches answer from their store (HITs,
# 304, 412, a grace copy).
# Paste forms: curl -sv / -si transcripts (some saved with their CRs, some
# with CRLF on every line, some with only the `<` lines of -v kept, some cut
# off after the headers), HTTPie with colours, `wget -S -O-`, body-only and
# headers-only pastes.
#
#   scripts/corpus/capture-round83.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round83.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round83.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-62999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round83.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round83"
RUN=/tmp/api-triage-corpus83-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round83"
APPS71="$HERE/apps71"
APPS77="$HERE/apps77"
APPS78="$HERE/apps78"
APPS83="$HERE/apps83"
NODE_DIR=${CORPUS_NODE83:-/tmp/api-triage-corpus83-node}
VENV=${CORPUS_VENV83:-/tmp/api-triage-corpus83-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
NPM=(express@4.22.1 koa@2.16.4 @koa/router@12.0.2)
PYPI=(django==5.2.19 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0 flask==3.1.3 waitress==3.0.2 httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus83 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl nodejs apache2 nginx haproxy varnish squid caddy python3-venv puma ruby-sinatra)
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

install_npm() {  # Express and Koa, from npm
    local m ok=1
    for m in express koa @koa/router; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus83","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

install_venv() {  # Django, gunicorn, FastAPI, uvicorn, Flask, waitress and HTTPie (a copy of round 80's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import django, gunicorn, fastapi, uvicorn, flask, waitress, httpie" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"$VENV/"* ]]
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
# only ours are checked against 127.0.0.1 and 62000-62999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round83.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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


# capnc SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- PORT REQUEST [WAIT]
# A request typed into `nc 127.0.0.1 PORT`, as a terminal shows it (round
# 41's form, its rawsend.py, copied to conf-round83/): what curl cannot send
# (an unknown Transfer-Encoding, a request line that says HTTP/3.0).
capnc() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    timeout 20 "$PY" "$CONF/rawsend.py" "$@" >"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS71 && -d $APPS77 && -d $APPS78 && -d $APPS83 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,flags,gunicorn}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_npm
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "node_modules are missing (${SKIPPED[npm]})"
have openssl && have nodejs && have puma && have ruby-sinatra || die "openssl, node, puma or Sinatra is missing"

# apps: Django 62015 (nginx 62080, TLS 62043), FastAPI 62016 (Apache 62081,
# TLS 62047), Flask 62017 (Caddy 62083), Express 62018 (HAProxy 62082, h2c
# 62045), Sinatra 62019 (Varnish 62090, h2c on the same port; its
# dependencies: 62098 nobody, 62097 accepts and never answers), Koa 62020
# (Squid 62050). 62099 is never listened on (the dead upstream every front has).
APP_PORTS=(62015 62016 62017 62018 62019 62020 62097)
FRONT_PORTS=(62080 62043 62081 62047 62083 62082 62045 62090 62050)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 62098 62099; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for nginx and Apache ------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Ledgerly/CN=api.ledgerly.test" \
    -addext "subjectAltName=DNS:api.ledgerly.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_bg django nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:62015 --workers 3 --chdir "$APPS77" \
    --worker-tmp-dir "$RUN/gunicorn" django_cached:application
start_bg fastapi nice -n 5 "$VPY" -m uvicorn --host 127.0.0.1 --port 62016 --app-dir "$APPS78" \
    --no-access-log fastapi_app:app
start_bg flask env PYTHONPATH="$APPS78" nice -n 5 "$VPY" -m waitress --listen=127.0.0.1:62017 --threads=8 flask_app:app
start_bg express "${NODEENV[@]}" "$APPS77/express_cached.js" 62018
start_bg hung nice -n 5 "$PY" "$APPS83/hung.py" 62097
start_bg sinatra env FLAG_DIR="$RUN/flags" DEP_DOWN=62098 DEP_HUNG=62097 nice -n 5 puma -e production -t 4:4 \
    -b tcp://127.0.0.1:62019 "$APPS83/sinatra.ru"
start_bg koa "${NODEENV[@]}" "$APPS71/koa_app.js" 62020
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
printf '{"error":"too_many_requests","message":"export quota for this key is used up today","retry_after":60}\n' >"$RUN/apache/errors/rate-limited.json"
printf '{"error":"maintenance","message":"refunds are paused until the month-end close"}\n' >"$RUN/apache/errors/maintenance.json"
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 62081 apache && wait_port 62047 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
OPSHASH=$(timeout 30 caddy hash-password --plaintext 'ops-secret' 2>/dev/null) || die "caddy hash-password failed"
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s|@OPSHASH@|$OPSHASH|"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 62083 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
cp "$CONF/haproxy-504.http" "$RUN/haproxy/haproxy-504.http"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62082 haproxy && wait_port 62045 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/sinatra.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:62090 -T none -f "$RUN/varnish/sinatra.vcl" \
    -n "$RUN/varnish/sinatra" -s malloc,16m -p feature=+http2
wait_port 62090 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus83 -f "$RUN/squid/squid.conf"
wait_port 62050 squid && UP[squid]=1

mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/www/docs
: >"$RUN/nginx/www/empty-503"
printf 'ops:%s\n' "$(openssl passwd -apr1 ops-secret)" >"$RUN/nginx/htpasswd"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 62080 nginx && wait_port 62043 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
sleep 2

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 62999) print}')
[[ -z $NEWPORTS ]] || die "a server listens outside 62000-62999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 83 (held out): real responses captured by
# scripts/corpus/capture-round83.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-82:
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

H=api.ledgerly.test
NG=http://$H:62080 NGS=https://$H:62043 AP=http://$H:62081 APS=https://$H:62047
CD=http://$H:62083 HA=http://$H:62082 HA2=http://$H:62045 VN=http://$H:62090 SQ=http://$H:62050
# one --resolve per front keeps the transcripts short
RNG="--resolve $H:62080:127.0.0.1" RNGS="--resolve $H:62043:127.0.0.1" RAP="--resolve $H:62081:127.0.0.1"
RAPS="--resolve $H:62047:127.0.0.1" RCD="--resolve $H:62083:127.0.0.1" RHA="--resolve $H:62082:127.0.0.1"
RHA2="--resolve $H:62045:127.0.0.1" RVN="--resolve $H:62090:127.0.0.1" RSQ="--resolve $H:62050:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
BIGH="X-Trace-Context: $(printf 't%.0s' $(seq 1 1500))"
BIGH8="X-Trace-Context: $(printf 't%.0s' $(seq 1 8000))"
BIGH20="X-Trace-Context: $(printf 't%.0s' $(seq 1 20000))"
BIGBODY=$(printf '{"ref":"LG-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")
LONGQ="cursor=$(printf 'c%.0s' $(seq 1 1500))"
head -c 70000 /dev/zero | tr '\0' 'u' >"$RUN/work/upload-70k.bin"

# ============================================ nginx -> Django (gunicorn) ==
if up nginx; then
    log "capturing: Django on gunicorn behind nginx"
    S=django-gunicorn-nginx-r83
    cap $S django-200-invoice-nginx.txt 200 app django "invoice 1 through nginx" "X-Request-ID added by nginx, Server: nginx" -- -sv $RNG $NG/api/invoices/1
    cap $S django-200-invoice-nginx-h2.txt 200 app django "HTTP/2 over TLS: invoice 1" "" -- -sv -k $RNGS $NGS/api/invoices/1
    caphttp $S django-401-account-nginx-httpie.txt 401 app django "HTTPie, no token: the view's problem+json 401" "HTTPie with colours" -- -v GET http://127.0.0.1:62080/api/account Host:$H
    capwin $S django-409-post-nginx.txt 409 app django "POST of an existing ref: the view's problem+json 409" "curl -si pasted with CRLF" -- -si $RNG -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $NG/api/invoices
    capcut $S django-400-invoice-id-nginx.txt 400 app django "an invoice id that is not a number: the view's problem+json 400" "curl -si, body cut off after the headers" -- -si $RNG $NG/api/invoices/abc
    cap $S django-403-admin-nginx.txt 403 app django "the view's problem+json 403" "curl -si" -- -si $RNG $NG/api/admin
    cap $S django-404-invoice9-nginx.txt 404 app django "invoice 9: the view's problem+json 404 (public, max-age=120; nginx does not cache)" "curl -si" -- -si $RNG $NG/api/invoices/9
    caplt $S django-404-route-nginx.txt 404 app django "no route, DEBUG off: Django's HTML 'Not Found' page" "curl -sv, only the < lines kept" -- -sv $RNG $NG/api/v2/invoices
    cap $S django-429-quota-nginx.txt 429 app django "the view's problem+json 429 with Retry-After" "curl -si" -- -si $RNG $NG/api/quota
    cap $S django-503-maintenance-nginx-h2.txt 503 app django "HTTP/2 over TLS: the view's own problem+json 503 (maintenance)" "curl -si" -- -si -k $RNGS $NGS/api/maintenance
    cap $S django-502-payments-html-nginx.txt 502 app django "the app's own HTML 502 page, passed on" "" -- -sv $RNG $NG/api/payments
    capraw $S django-503-statements-html-nginx.txt 503 app django "the app's own HTML 503 page, passed on" "curl -si saved to a file (CRs kept)" -- -si $RNG $NG/api/statements
    cap $S django-504-bank-html-nginx.txt 504 app django "the app's own HTML 504 page, passed on" "curl -si" -- -si $RNG $NG/api/bank
    cap $S django-500-boom-nginx.txt 500 app django "an exception, DEBUG off: Django's 'Server Error (500)' page, passed on" "" -- -sv $RNG $NG/api/boom
    quiet $RNG $NG/api/exports/daily
    cap $S nginx-429-exports-json.txt 429 proxy nginx "/api/exports/ a second time within the minute: limit_req, nginx's own JSON 429" "curl -si" -- -si $RNG $NG/api/exports/daily
    capwin $S nginx-503-refunds-json.txt 503 proxy nginx "/api/refunds/: nginx's own JSON 503 (maintenance)" "curl -si pasted with CRLF" -- -si $RNG $NG/api/refunds/42
    cap $S nginx-503-beta-empty-h2.txt 503 proxy nginx "HTTP/2 over TLS: /api/beta/, a 503 whose error page is an empty file" "" -- -sv -k $RNGS $NGS/api/beta/labels
    cap $S nginx-504-slow.txt 504 proxy nginx "the view waits 5 s, proxy_read_timeout 3s: nginx's 504 page" "" -- -sv $RNG $NG/api/slow
    capwget $S nginx-502-old-refused-wget.txt 502 proxy nginx "/old/ to a port nobody listens on: connection refused, nginx's 502 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:62080/old/invoices/1
    capcut $S nginx-421-unknown-host.txt 421 proxy nginx "the bare IP as Host: the default server's return 421" "curl -si, body cut off after the headers" -- -si http://127.0.0.1:62080/api/invoices/1
    cap $S nginx-413-body.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's 413 page" "curl -si" -- -si $RNG -X POST "${JSONH[@]}" -d "$BIGBODY" $NG/api/invoices
    cap $S nginx-414-uri.txt 414 proxy nginx "a 1.5 KB query, 1k header buffers: nginx's 414 page" "curl -si" -- -si $RNG "$NG/api/invoices?$LONGQ"
    capraw $S nginx-400-header-too-large.txt 400 proxy nginx "a 1.5 KB header, 1k buffers: nginx's internal 494 sent as 400 'Request Header Or Cookie Too Large'" "curl -si saved to a file (CRs kept)" -- -si $RNG -H "$BIGH" $NG/api/invoices/1
    cap $S nginx-401-ops-basic.txt 401 identity nginx "/ops/ with no credentials: auth_basic, nginx's own 401 page with WWW-Authenticate Basic" "" -- -sv $RNG $NG/ops/status
    cap $S nginx-401-ops-basic-wrong-h2.txt 401 identity nginx "HTTP/2 over TLS, /ops/ with a wrong password: auth_basic's 401" "curl -si" -- -si -k $RNGS -u ops:wrong $NGS/ops/status
fi

# ================================================ Apache -> FastAPI (uvicorn) ==
if up apache; then
    log "capturing: FastAPI on uvicorn behind Apache"
    S=fastapi-uvicorn-apache-r83
    cap $S fastapi-200-order-apache.txt 200 app fastapi "order 1 through Apache" "Via and X-Request-Id added by Apache, Server: uvicorn" -- -sv $RAP $AP/api/orders/1
    cap $S fastapi-200-order-apache-h2.txt 200 app fastapi "HTTP/2 over TLS: order 1" "" -- -sv -k $RAPS $APS/api/orders/1
    caphttp $S fastapi-422-post-apache-httpie.txt 422 app fastapi "HTTPie, POST without ref: FastAPI's own validation 422" "HTTPie with colours" -- -v POST http://127.0.0.1:62081/api/orders Host:$H total:=3
    capraw $S fastapi-201-post-apache.txt 201 app fastapi "POST a new ref: the handler's JSON 201" "curl -si saved to a file (CRs kept)" -- -si $RAP -X POST "${JSONH[@]}" -d '{"ref":"HY-2002","total":3}' $AP/api/orders
    capwin $S fastapi-409-post-apache.txt 409 app fastapi "POST of an existing ref: HTTPException 409" "curl -si pasted with CRLF" -- -si $RAP -X POST "${JSONH[@]}" -d '{"ref":"HY-1001","total":3}' $AP/api/orders
    caplt $S fastapi-401-account-apache.txt 401 app fastapi "no token: HTTPException 401 with WWW-Authenticate Bearer" "curl -sv, only the < lines kept" -- -sv $RAP $AP/api/account
    capcut $S fastapi-400-order-id-apache.txt 400 app fastapi "an order id that is not a number: HTTPException 400" "curl -si, body cut off after the headers" -- -si $RAP $AP/api/orders/abc
    cap $S fastapi-404-order-apache.txt 404 app fastapi "order 9: HTTPException 404" "curl -si" -- -si $RAP $AP/api/orders/9
    cap $S fastapi-404-route-apache-h2c.txt 404 app fastapi "HTTP/2 (h2c): no route, FastAPI's {\"detail\":\"Not Found\"}" "" -- -sv --http2-prior-knowledge $RAP $AP/api/v2/orders
    cap $S fastapi-403-admin-apache.txt 403 app fastapi "HTTPException 403" "curl -si" -- -si $RAP $AP/api/admin
    cap $S fastapi-429-quota-apache.txt 429 app fastapi "the handler's 429 with Retry-After" "curl -si" -- -si $RAP $AP/api/quota
    cap $S fastapi-503-maintenance-apache.txt 503 app fastapi "the handler's own JSON 503 (maintenance) with Retry-After" "curl -si" -- -si $RAP $AP/api/maintenance
    cap $S fastapi-502-payments-html-apache.txt 502 app fastapi "the app's own HTML 502 page, passed on with Via" "" -- -sv $RAP $AP/api/payments
    capcut $S fastapi-503-statements-html-apache-h2.txt 503 app fastapi "HTTP/2 over TLS: the app's own HTML 503 page, passed on" "curl -si, body cut off after the headers" -- -si -k $RAPS $APS/api/statements
    cap $S fastapi-500-boom-apache.txt 500 app fastapi "an unhandled RuntimeError: Starlette's text 'Internal Server Error'" "curl -si" -- -si $RAP $AP/api/boom
    cap $S apache-429-exports-json-h2.txt 429 proxy apache "HTTP/2 over TLS: /api/exports/, mod_rewrite R=429 with a JSON ErrorDocument" "curl -si" -- -si -k $RAPS $APS/api/exports/daily
    capwin $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: mod_rewrite R=503 with a JSON ErrorDocument" "curl -si pasted with CRLF" -- -si $RAP $AP/api/refunds/42
    cap $S apache-502-slow.txt 502 proxy apache "the handler waits 5 s, ProxyTimeout 3: Apache's 'Proxy Error' page" "" -- -sv $RAP $AP/api/slow
    capwget $S apache-503-legacy-refused-wget.txt 503 proxy apache "/legacy/ to a port nobody listens on (refused): Apache's 503 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:62081/legacy/orders/1
    cap $S apache-404-unknown-host.txt 404 proxy apache "the bare IP as Host: the first virtual host, Apache's 404 page" "curl -si" -- -si http://127.0.0.1:62081/api/orders/1
    cap $S apache-414-uri.txt 414 proxy apache "a 1.5 KB query, LimitRequestLine 1024: Apache's 414 page" "curl -si" -- -si $RAP "$AP/api/orders?$LONGQ"
    caplt $S apache-400-header-too-large.txt 400 proxy apache "a 1.5 KB header, LimitRequestFieldSize 1024: Apache's 400 page" "curl -sv, only the < lines kept" -- -sv $RAP -H "$BIGH" $AP/api/orders/1
    cap $S apache-405-trace.txt 405 proxy apache "TRACE, TraceEnable Off: Apache's 405 page" "curl -si" -- -si $RAP -X TRACE $AP/api/orders/1
fi

# ================================================ Caddy -> Flask (waitress) ==
if up caddy; then
    log "capturing: Flask under waitress behind Caddy"
    S=flask-waitress-caddy-r83
    cap $S flask-200-order-caddy.txt 200 app flask "order 1 through Caddy" "Caddy's X-Request-ID replaces the app's, Server: Caddy and waitress" -- -sv $RCD $CD/api/orders/1
    caphttp $S flask-401-account-caddy-httpie.txt 401 app flask "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:62083/api/account Host:$H:62083
    capraw $S flask-201-post-caddy.txt 201 app flask "POST a new ref: the handler's JSON 201" "curl -si saved to a file (CRs kept)" -- -si $RCD -X POST "${JSONH[@]}" -d '{"ref":"TM-2002","total":3}' $CD/api/orders
    capwin $S flask-409-post-caddy.txt 409 app flask "POST of an existing ref: the handler's JSON 409" "curl -si pasted with CRLF" -- -si $RCD -X POST "${JSONH[@]}" -d '{"ref":"TM-1001","total":3}' $CD/api/orders
    caplt $S flask-422-post-caddy.txt 422 app flask "POST without ref: the handler's JSON 422" "curl -sv, only the < lines kept" -- -sv $RCD -X POST "${JSONH[@]}" -d '{"total":3}' $CD/api/orders
    capcut $S flask-400-order-id-caddy.txt 400 app flask "an order id that is not a number: the handler's JSON 400" "curl -si, body cut off after the headers" -- -si $RCD $CD/api/orders/abc
    cap $S flask-404-order-caddy.txt 404 app flask "order 9: the handler's JSON 404 with request_id" "curl -si" -- -si $RCD $CD/api/orders/9
    cap $S flask-404-route-caddy.txt 404 app flask "no route: Werkzeug's HTML 404 page" "" -- -sv $RCD $CD/api/v2/orders
    cap $S flask-403-admin-caddy.txt 403 app flask "the handler's JSON 403" "curl -si" -- -si $RCD $CD/api/admin
    cap $S flask-429-quota-caddy.txt 429 app flask "the handler's JSON 429 with Retry-After" "curl -si" -- -si $RCD $CD/api/quota
    cap $S flask-503-maintenance-caddy.txt 503 app flask "the handler's own JSON 503 (maintenance)" "curl -si" -- -si $RCD $CD/api/maintenance
    capwin $S flask-502-payments-html-caddy.txt 502 app flask "the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RCD $CD/api/payments
    cap $S flask-503-statements-html-caddy.txt 503 app flask "the app's own HTML 503 page, passed on" "" -- -sv $RCD $CD/api/statements
    cap $S flask-500-boom-caddy.txt 500 app flask "an unhandled RuntimeError: Werkzeug's HTML 500 page" "curl -si" -- -si $RCD $CD/api/boom
    cap $S flask-413-upload-caddy.txt 413 app flask "a 70 KB upload, MAX_CONTENT_LENGTH 64 KB: Werkzeug's HTML 413 (Caddy has no body limit)" "curl -si" -- -si $RCD -X POST -H 'Content-Type: application/octet-stream' --data-binary @"$RUN/work/upload-70k.bin" $CD/api/uploads
    cap $S flask-200-ops-caddy-basicauth.txt 200 app flask "/ops/ with the right Basic credentials: Caddy lets it through, the app's plain 200" "curl -si" -- -si $RCD -u ops:ops-secret $CD/ops/status
    cap $S caddy-401-ops-basicauth.txt 401 identity caddy "/ops/ with no credentials: basicauth, Caddy's empty 401 with WWW-Authenticate Basic" "" -- -sv $RCD $CD/ops/status
    capwget $S caddy-401-ops-basicauth-wrong-wget.txt 401 identity caddy "/ops/ with a wrong password: basicauth's 401" "wget -S -O-" -- --header="Host: $H" --header="Authorization: Basic b3BzOndyb25n" http://127.0.0.1:62083/ops/status
    cap $S caddy-429-exports-json.txt 429 proxy caddy "/api/exports/*: Caddy's own JSON 429" "curl -si" -- -si $RCD $CD/api/exports/daily
    caplt $S caddy-503-refunds-json.txt 503 proxy caddy "/api/refunds/*: Caddy's own JSON 503 (maintenance)" "curl -sv, only the < lines kept" -- -sv $RCD $CD/api/refunds/42
    cap $S caddy-502-legacy-refused.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's empty 502" "" -- -sv $RCD $CD/legacy/orders/1
    cap $S caddy-504-slow.txt 504 proxy caddy "the handler waits 5 s, response_header_timeout 3s: Caddy's empty 504" "curl -si" -- -si $RCD $CD/api/slow
    capcut $S caddy-421-unknown-host.txt 421 proxy caddy "the bare IP as Host: respond 421 with no body" "curl -si, body cut off after the headers" -- -si http://127.0.0.1:62083/api/orders/1
    capraw $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB: Go's server answers 431 before Caddy's handlers (no Server, no id)" "curl -si saved to a file (CRs kept)" -- -si $RCD -H "$BIGH8" $CD/api/orders/1
fi

# ============================================== HAProxy -> Express (Node) ==
if up haproxy; then
    log "capturing: Express behind HAProxy"
    S=express-haproxy-r83
    cap $S express-200-invoice-haproxy.txt 200 app express "invoice 1 through HAProxy" "X-Request-ID set by HAProxy, X-Powered-By: Express" -- -sv $RHA $HA/api/invoices/1
    cap $S express-200-invoice-haproxy-h2c.txt 200 app express "HTTP/2 (h2c): invoice 1" "" -- -sv --http2-prior-knowledge $RHA2 $HA2/api/invoices/1
    caphttp $S express-401-account-haproxy-httpie.txt 401 app express "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:62082/api/account Host:$H
    cap $S express-201-post-haproxy.txt 201 app express "POST a new ref: the handler's JSON 201" "" -- -sv $RHA -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $HA/api/invoices
    capcut $S express-422-post-haproxy.txt 422 app express "POST without ref: the handler's JSON 422" "curl -si, body cut off after the headers" -- -si $RHA -X POST "${JSONH[@]}" -d '{"total":2}' $HA/api/invoices
    cap $S express-400-invoice-id-haproxy.txt 400 app express "an invoice id that is not a number: the handler's JSON 400" "curl -si" -- -si $RHA $HA/api/invoices/abc
    capraw $S express-400-bad-json-haproxy.txt 400 app express "a POST body that is not JSON: express.json() fails, finalhandler's HTML 'Bad Request'" "curl -si saved to a file (CRs kept)" -- -si $RHA -X POST "${JSONH[@]}" -d '{"ref":' $HA/api/invoices
    cap $S express-403-admin-haproxy.txt 403 app express "the handler's JSON 403" "curl -si" -- -si $RHA $HA/api/admin
    cap $S express-404-invoice9-haproxy.txt 404 app express "invoice 9: the handler's JSON 404 (marked public; HAProxy does not cache)" "curl -si" -- -si $RHA $HA/api/invoices/9
    caplt $S express-404-route-haproxy.txt 404 app express "no route: Express's 'Cannot GET' page" "curl -sv, only the < lines kept" -- -sv $RHA $HA/api/v2/invoices
    cap $S express-429-quota-haproxy-h2c.txt 429 app express "HTTP/2 (h2c): the handler's JSON 429 with Retry-After" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/quota
    capwin $S express-503-maintenance-haproxy.txt 503 app express "the handler's own JSON 503 (maintenance)" "curl -si pasted with CRLF" -- -si $RHA $HA/api/maintenance
    cap $S express-502-payments-html-haproxy.txt 502 app express "the app's own HTML 502 page, passed on" "curl -si" -- -si $RHA $HA/api/payments
    cap $S express-504-bank-html-haproxy.txt 504 app express "the app's own HTML 504 page, passed on" "" -- -sv $RHA $HA/api/bank
    cap $S express-500-boom-haproxy.txt 500 app express "a thrown Error: finalhandler's HTML 'Internal Server Error'" "curl -si" -- -si $RHA $HA/api/boom
    cap $S haproxy-429-exports-json-h2c.txt 429 load-balancer haproxy "HTTP/2 (h2c): /api/exports/, http-request return with a JSON 429" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/exports/daily
    caplt $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: http-request return with a JSON 503" "curl -sv, only the < lines kept" -- -sv $RHA $HA/api/refunds/42
    cap $S haproxy-503-beta-empty.txt 503 load-balancer haproxy "/api/beta/: http-request return status 503 with no body" "curl -si" -- -si $RHA $HA/api/beta/labels
    cap $S haproxy-504-slow-problem-json.txt 504 load-balancer haproxy "the handler waits 5 s, timeout server 3s: HAProxy's 504 from its errorfile, an RFC 9457 problem document" "" -- -sv $RHA $HA/api/slow
    capwget $S haproxy-503-legacy-down-wget.txt 503 load-balancer haproxy "/legacy/: the only server is down by its check (refused), HAProxy's 503 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:62082/legacy/invoices/1
    capcut $S haproxy-404-unknown-host.txt 404 load-balancer haproxy "the bare IP as Host: deny_status 404, HAProxy's stock 404 page" "curl -si, body cut off after the headers" -- -si http://127.0.0.1:62082/api/invoices/1
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's stock 403 page" "curl -si" -- -si $RHA $HA/internal/metrics
    cap $S haproxy-405-trace.txt 405 load-balancer haproxy "TRACE: deny_status 405, HAProxy's stock 405 page" "" -- -sv $RHA -X TRACE $HA/api/invoices/1
    capraw $S haproxy-400-request-too-big.txt 400 load-balancer haproxy "a 20 KB header, more than the 16 KB buffer: HAProxy's stock 400 page" "curl -si saved to a file (CRs kept)" -- -si $RHA -H "$BIGH20" $HA/api/invoices/1
fi

# ================================= Varnish -> Sinatra (Puma, cacheable shipment) ==
if up varnish; then
    log "capturing: Sinatra on Puma behind Varnish"
    S=sinatra-puma-varnish-r83
    cap $S sinatra-200-shipment-varnish-miss.txt 200 app sinatra "shipment 1, first request: a MISS" "X-Cache: MISS, Via: varnish, X-Request-ID from Varnish" -- -sv $RVN $VN/api/shipments/1
    cap $S varnish-200-shipment-hit.txt 200 cdn-cache varnish "shipment 1 again: from Varnish's store (Server still says Puma's app)" "curl -si; X-Cache: HIT, Age" -- -si $RVN $VN/api/shipments/1
    caplt $S varnish-304-shipment-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "curl -sv, only the < lines kept" -- -sv $RVN -H 'If-None-Match: "shp-1-v3"' $VN/api/shipments/1
    cap $S varnish-200-shipment-hit-h2c.txt 200 cdn-cache varnish "HTTP/2 (h2c): shipment 1 from Varnish's store" "X-Cache: HIT" -- -sv --http2-prior-knowledge $RVN $VN/api/shipments/1
    quiet $RVN "$VN/api/shipments/1?view=summary"
    sleep 2.5
    cap $S varnish-200-shipment-grace.txt 200 cdn-cache varnish "/api/shipments/1?view=summary past its 1 s ttl, inside grace: the stale copy, fetched again behind it" "curl -si; X-Cache: HIT-STALE" -- -si $RVN "$VN/api/shipments/1?view=summary"
    caphttp $S sinatra-401-account-varnish-httpie.txt 401 app sinatra "HTTPie, no token: the route's JSON 401 (Bearer), Via added by Varnish" "HTTPie with colours" -- -v GET http://127.0.0.1:62090/api/account Host:$H:62090
    capraw $S sinatra-201-post-varnish.txt 201 app sinatra "POST (passed) a valid shipment: the route's JSON 201 with Location" "curl -si saved to a file (CRs kept)" -- -si $RVN -X POST "${JSONH[@]}" -d '{"carrier":"DHL","weight":2.5}' $VN/api/shipments
    caplt $S sinatra-422-post-varnish.txt 422 app sinatra "POST with weight 0: the route's JSON 422" "curl -sv, only the < lines kept" -- -sv $RVN -X POST "${JSONH[@]}" -d '{"carrier":"DHL","weight":0}' $VN/api/shipments
    capcut $S sinatra-400-shipment-id-varnish.txt 400 app sinatra "a shipment id that is not a number: the route's JSON 400" "curl -si, body cut off after the headers" -- -si $RVN $VN/api/shipments/abc
    cap $S sinatra-404-shipment9-varnish.txt 404 app sinatra "shipment 9: the route's JSON 404 (not stored)" "curl -si" -- -si $RVN $VN/api/shipments/9
    cap $S sinatra-404-route-varnish.txt 404 app sinatra "an unrouted path in production: Sinatra's own '<h1>Not Found</h1>'" "curl -si" -- -si $RVN $VN/api/parcels/1
    cap $S sinatra-500-boom-varnish.txt 500 app sinatra "NoMethodError in production: Sinatra's own 'Internal Server Error'" "" -- -sv $RVN $VN/api/boom
    capwin $S sinatra-502-rates-json-varnish.txt 502 app sinatra "the rates dependency refuses: the app's own JSON 502" "curl -si pasted with CRLF" -- -si $RVN $VN/api/rates
    cap $S sinatra-504-tracking-json-varnish-h2c.txt 504 app sinatra "HTTP/2 (h2c): the tracking dependency never answers (Net::ReadTimeout, 1 s), the app's own JSON 504" "curl -si" -- -si --http2-prior-knowledge $RVN $VN/api/tracking/SHP-1
    cap $S sinatra-502-labels-html-varnish.txt 502 app sinatra "the label service refuses: the app's own HTML 502 page, passed on with Via" "" -- -sv $RVN $VN/api/labels/1
    cap $S varnish-429-exports-synth.txt 429 cdn-cache varnish "/api/exports/: synth(429) with a JSON body" "curl -si" -- -si $RVN $VN/api/exports/daily
    capwin $S varnish-503-refunds-synth.txt 503 cdn-cache varnish "/api/refunds/: synth(503) with a JSON maintenance body" "curl -si pasted with CRLF" -- -si $RVN $VN/api/refunds/42
    caplt $S varnish-503-beta-empty-h2c.txt 503 cdn-cache varnish "HTTP/2 (h2c): /api/beta/, a synth 503 delivered with no body" "curl -sv, only the < lines kept" -- -sv --http2-prior-knowledge $RVN $VN/api/beta/labels
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the route waits 5 s, first_byte_timeout 3s: 'Backend fetch failed'" "" -- -sv $RVN $VN/api/slow
    capwget $S varnish-503-legacy-refused-wget.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed'" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:62090/legacy/shipments/1
    cap $S varnish-404-unknown-host.txt 404 cdn-cache varnish "a Host that is not ours: synth(404), the builtin page" "curl -si" -- -si -H "Host: shop.ledgerly.test" http://127.0.0.1:62090/api/shipments/1
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE with no purge ACL: synth(405), the builtin page" "curl -si" -- -si $RVN -X PURGE $VN/api/shipments/1
fi

# ================================================= Squid -> Koa (cacheable) ==
if up squid; then
    log "capturing: Koa behind Squid"
    S=koa-squid-r83
    cap $S koa-200-order-squid-miss.txt 200 app koa "order 1, first request: a MISS" "Via, X-Cache: MISS, Squid's X-Request-ID" -- -sv $RSQ $SQ/api/orders/1
    cap $S squid-200-order-hit.txt 200 cdn-cache squid "order 1 again: from Squid's memory cache" "curl -si; X-Cache: HIT, Age" -- -si $RSQ $SQ/api/orders/1
    capraw $S squid-304-order-if-none-match.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's own 304" "curl -si saved to a file (CRs kept)" -- -si $RSQ -H 'If-None-Match: "mg-order-1-v4"' $SQ/api/orders/1
    caplt $S squid-412-order-if-match.txt 412 cdn-cache squid "If-Match with an old ETag on a stored object: Squid's 412" "curl -sv, only the < lines kept" -- -sv $RSQ -H 'If-Match: "mg-order-1-v3"' $SQ/api/orders/1
    caphttp $S koa-401-account-squid-httpie.txt 401 app koa "HTTPie, no token: ctx.throw(401), Koa's text 'Unauthorized'" "HTTPie with colours" -- -v GET http://127.0.0.1:62050/api/account Host:$H
    capcut $S koa-422-post-squid.txt 422 app koa "POST without ref: the handler's JSON 422" "curl -si, body cut off after the headers" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"total":3}' $SQ/api/orders
    cap $S koa-201-post-squid.txt 201 app koa "POST a new ref: the handler's JSON 201, passed on with Via" "" -- -sv $RSQ -X POST "${JSONH[@]}" -d '{"ref":"MG-2001"}' $SQ/api/orders
    cap $S koa-409-post-squid.txt 409 app koa "POST of an existing ref: the handler's JSON 409" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"ref":"MG-1001"}' $SQ/api/orders
    cap $S koa-400-order-id-squid.txt 400 app koa "an order id that is not a number: the handler's JSON 400" "curl -si" -- -si $RSQ $SQ/api/orders/abc
    cap $S koa-404-order9-squid.txt 404 app koa "order 9: the handler's JSON 404" "" -- -sv $RSQ $SQ/api/orders/9
    caplt $S koa-404-route-squid.txt 404 app koa "no route: Koa's text 'Not Found'" "curl -sv, only the < lines kept" -- -sv $RSQ $SQ/api/v2/orders
    cap $S koa-403-admin-squid.txt 403 app koa "the handler's JSON 403" "curl -si" -- -si $RSQ $SQ/api/admin
    cap $S koa-429-quota-squid.txt 429 app koa "the handler's own JSON 429 with Retry-After" "curl -si" -- -si $RSQ $SQ/api/quota
    capwin $S koa-503-maintenance-squid.txt 503 app koa "the handler's own JSON 503 (maintenance)" "curl -si pasted with CRLF" -- -si $RSQ $SQ/api/maintenance
    cap $S koa-503-statements-html-squid.txt 503 app koa "the app's own HTML 503 page, passed on with Via" "" -- -sv $RSQ $SQ/api/statements
    cap $S koa-502-payments-html-squid.txt 502 app koa "the app's own HTML 502 page, passed on with Via" "curl -si" -- -si $RSQ $SQ/api/payments
    cap $S koa-500-boom-squid.txt 500 app koa "a thrown Error: Koa's text 'Internal Server Error'" "curl -si" -- -si $RSQ $SQ/api/boom
    cap $S squid-504-slow.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 3 seconds: ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/slow
    capwget $S squid-502-legacy-refused-wget.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:62050/legacy/orders/1
    capcut $S squid-403-unknown-host.txt 403 cdn-cache squid "a Host that is not ours: ERR_ACCESS_DENIED" "curl -si, body cut off after the headers" -- -si -H "Host: shop.ledgerly.test" http://127.0.0.1:62050/api/orders/1
    cap $S squid-413-body.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "" -- -sv $RSQ -X POST "${JSONH[@]}" -d "$BIGBODY" $SQ/api/orders
    cap $S squid-431-header-too-large.txt 431 cdn-cache squid "an 8 KB header, request_header_max_size 2 KB: Squid's 431 page" "curl -si" -- -si $RSQ -H "$BIGH8" $SQ/api/orders/1
    cap $S squid-403-internal.txt 403 cdn-cache squid "/internal/: http_access deny, ERR_ACCESS_DENIED" "curl -si" -- -si $RSQ $SQ/internal/metrics
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-504-slow.txt 504/504 proxy nginx "nginx's 504 page, over TLS, its title shows the number" "" -- -k $RNGS "$NGS/api/slow?from=dashboard"
up nginx && capbody $S body-django-500-boom.txt 500/500 app django "Django's 'Server Error (500)' page, its heading shows the number" "" -- $RNG "$NG/api/boom?from=dashboard"
up apache && capbody $S body-apache-502-slow.txt 502/502 proxy apache "Apache's 'Proxy Error' page, its title shows the number" "" -- $RAP "$AP/api/slow?from=dashboard"
up apache && capbody $S body-fastapi-404-route.txt 0/404 app fastapi "FastAPI's {\"detail\":\"Not Found\"}, no status number in it" "" -- $RAP $AP/api/v3/orders
up caddy && capbody $S body-flask-500-boom.txt 500/500 app flask "Werkzeug's HTML 500 page, its title shows the number" "" -- $RCD "$CD/api/boom?from=dashboard"
up caddy && capbody $S body-caddy-429-exports-json.txt 0/429 proxy caddy "Caddy's own JSON 429, no status number in it" "" -- $RCD $CD/api/exports/monthly
up haproxy && capbody $S body-haproxy-504-problem-json.txt 504/504 load-balancer haproxy "HAProxy's problem+json 504 (errorfile), its status field shows the number" "" -- $RHA "$HA/api/slow?from=dashboard"
up haproxy && capbody $S body-express-404-route.txt 0/404 app express "Express's 'Cannot GET' page, no status number in it" "" -- $RHA $HA/api/v3/invoices
up varnish && capbody $S body-varnish-503-slow.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page, its title shows the number" "" -- $RVN "$VN/api/slow?from=dashboard"
up varnish && capbody $S body-sinatra-504-tracking-json.txt 0/504 app sinatra "the app's own JSON 504 for its dependency's timeout, no status number in it" "" -- $RVN $VN/api/tracking/SHP-2
up squid && capbody $S body-squid-504-slow.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page (its title names the error, not a number)" "" -- $RSQ "$SQ/api/slow?from=dashboard"
up squid && capbody $S body-koa-502-payments-html.txt 502/502 app koa "Koa's own HTML 502 page, its title shows the number" "" -- $RSQ "$SQ/api/payments?from=dashboard"

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-503-beta-h2.txt 503 proxy nginx "curl -sI on /api/beta/ over TLS + HTTP/2: nginx's empty 503" "" -- -k $RNGS $NGS/api/beta/labels
up nginx && caphead $S head-nginx-401-ops-basic.txt 401 identity nginx "curl -sI on /ops/ with no credentials: auth_basic's 401" "" -- $RNG $NG/ops/status
up apache && caphead $S head-apache-503-refunds-h2.txt 503 proxy apache "curl -sI over TLS + HTTP/2 on /api/refunds/: Apache's R=503" "" -- -k $RAPS $APS/api/refunds/7
up caddy && caphead $S head-caddy-502-legacy.txt 502 proxy caddy "curl -sI on /legacy/*: Caddy's empty 502" "" -- $RCD $CD/legacy/orders/7
up haproxy && caphead $S head-haproxy-429-exports.txt 429 load-balancer haproxy "curl -sI on /api/exports/: HAProxy's JSON 429 headers" "" -- $RHA $HA/api/exports/daily
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on shipment 1, stored" "X-Cache: HIT" -- $RVN $VN/api/shipments/1
up squid && caphead $S head-squid-200-hit.txt 200 cdn-cache squid "curl -sI on order 1, stored in Squid's memory" "X-Cache: HIT" -- $RSQ $SQ/api/orders/1

# ======================================= Squid with Koa stopped (last) ==
if up squid; then
    log "capturing: Squid with Koa stopped"
    S=koa-squid-r83
    stop_name koa
    sleep 0.5
    cap $S squid-200-order-hit-app-stopped.txt 200 cdn-cache squid "Koa is stopped, order 1 still fresh: a HIT" "curl -si" -- -si $RSQ $SQ/api/orders/1
    capwget $S squid-503-app-stopped-wget.txt 503 cdn-cache squid "Koa is stopped (connection refused), a path never stored: ERR_CONNECT_FAIL" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:62050/api/admin
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round83/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
