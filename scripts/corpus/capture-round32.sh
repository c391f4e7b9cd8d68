#!/usr/bin/env bash
# capture-round32.sh — build the thirty-second held-out evidence corpus in
# tests/fixtures/evidence-round32/.
#
# Theme: chains of fronts, and which hop wrote the response. Two or three
# layers in front of the app, each made to fail on its own in turn:
#   A  HAProxy -> Varnish -> nginx -> Express
#   B  Caddy -> HAProxy -> Express
#   C  nginx -> Apache (mod_proxy_fcgi) -> PHP-FPM
#   D  Squid (reverse accelerator) -> nginx -> Flask under gunicorn
#   F  nghttpx (h2c) -> nginx -> Express
# Timeouts differ from hop to hop so that each hop's timer fires first on
# some path; body limits differ so that each hop refuses some size; each
# hop's own 403/404/429; a cache HIT in the middle; the next hop down
# stopped. The apps answer their own errors too. Paste forms: curl -v/-i
# transcripts (some with their CRs, some with CRLF), HTTPie with colours,
# wget -S, body-only and headers-only pastes, HTTP/2 (h2c).
#
#   scripts/corpus/capture-round32.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round32.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round32.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round32.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports 50000-50999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs run under
# `nice -n 15`. Labels are written by finish_round32.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire. Rate limits count requests and servers are
# stopped near the end of each chain, so the order of the captures matters.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round32"
RUN=/tmp/api-triage-corpus32
STAGE="$RUN/evidence"
CONF="$HERE/conf-round32"
APPS="$HERE/apps32"
VENV=${CORPUS_VENV32:-/tmp/api-triage-corpus32-venv}
NODE_DIR=${CORPUS_NODE32:-/tmp/api-triage-corpus32-node}
GODIR=/nonexistent
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(flask==3.1.3 gunicorn==27.0.1)
NPM=(express@5.3.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus32 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget python3-venv nodejs apache2 nginx haproxy varnish caddy squid php8.2-fpm nghttp2-proxy)
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


install_venv() {  # Flask and gunicorn, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, gunicorn" 2>/dev/null && return 0
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
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus32","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round32.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "Express is missing (${SKIPPED[npm]})"

APP_PORTS=(50010 50011 50012 50014 50020)
OTHER_PORTS=(50040 50050 50060 50070 50071 50072 50080 50081 50090 50091 50092 50093)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
EXPRESS=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_app.js")
start_bg express-a "${EXPRESS[@]}" 50010
start_bg express-b "${EXPRESS[@]}" 50011
start_bg express-f "${EXPRESS[@]}" 50014
start_bg flask-gunicorn nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 1 --threads 4 --timeout 30 -b 127.0.0.1:50012 flask_app:app
mkdir -p "$RUN"/php-fpm "$RUN"/php
cp "$APPS/php/index.php" "$RUN/php/"
render "$CONF/php-fpm.conf" "$RUN/php-fpm/php-fpm.conf"
chown -R www-data: "$RUN/php-fpm" "$RUN/php" 2>/dev/null || true
start_bg php-fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/php-fpm.conf"
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- front layers ------------------------------------------------------------
mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/www/static
echo 'body { margin: 0 }' >"$RUN/nginx/www/static/site.css"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 50090 nginx && wait_port 50093 nginx && UP[nginx]=1
else cat "$RUN/logs/nginx-t.log" >&2; die "nginx config test failed"; fi
mkdir -p "$RUN"/apache
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 50081 apache && UP[apache]=1
else cat "$RUN/logs/apache-t.log" >&2; die "apache config test failed"; fi
mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 50070 haproxy && wait_port 50071 haproxy && UP[haproxy]=1
else cat "$RUN/logs/haproxy-c.log" >&2; die "haproxy config check failed"; fi
mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:50060 -T none -f "$RUN/varnish/default.vcl" \
    -n "$RUN/varnish/work" -s malloc,16m
wait_port 50060 varnish && UP[varnish]=1
mkdir -p "$RUN"/caddy/{data,home}
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
    XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 50080 caddy && UP[caddy]=1
mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus32 -f "$RUN/squid/squid.conf"
wait_port 50050 squid && UP[squid]=1
mkdir -p "$RUN/nghttpx"
cp "$CONF/nghttpx.conf" "$RUN/nghttpx/nghttpx.conf"
start_bg nghttpx nghttpx --conf="$RUN/nghttpx/nghttpx.conf" --pid-file="$RUN/nghttpx/nghttpx.pid" \
    --accesslog-file=/dev/null --errorlog-file="$RUN/nghttpx/error.log"
wait_port 50040 nghttpx && UP[nghttpx]=1
sleep 2

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"

log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 32 (held out): real responses captured by
# scripts/corpus/capture-round32.sh from real servers on 127.0.0.1, one
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

JSONH=(-H 'Content-Type: application/json')
mkbody() { head -c "$2" /dev/zero | tr '\0' 'n' | sed 's/^/{"sku":"C-3","qty":1,"note":"/; s/$/"}/' >"$RUN/work/$1"; }
mkbody order-4k.json 4000
mkbody order-12k.json 12000
mkbody order-24k.json 24000
mkbody order-48k.json 48000
mkbody order-100k.json 100000
HA=http://127.0.0.1:50070
HA2=http://127.0.0.1:50072
CA=http://127.0.0.1:50080
NX=http://127.0.0.1:50091
SQ=http://127.0.0.1:50050
NG=http://127.0.0.1:50040
H2=(--http2-prior-knowledge)

# ====================== A: HAProxy -> Varnish -> nginx -> Express ==
log "capturing: A, HAProxy -> Varnish -> nginx -> Express"
S=haproxy-varnish-nginx-express
cap $S a-express-200-catalog-miss.txt 200 app express "the catalog, first request: a MISS all the way down" "curl -si; X-Cache: MISS" -- -si $HA/api/catalog
cap $S a-varnish-200-catalog-hit.txt 200 cdn-cache varnish "the catalog again: from Varnish's store in the middle" "X-Cache: HIT" -- -sv $HA/api/catalog
ETAG=$(in_work timeout 10 curl -s -D- -o /dev/null $HA/api/catalog | awk 'tolower($1) == "etag:" {sub(/\r$/, ""); print $2}')
cap $S a-varnish-304-inm.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "" -- -sv -H "If-None-Match: $ETAG" $HA/api/catalog
cap $S a-express-404-order.txt 404 app express "an unknown order: Express's JSON 404 (MISS)" "" -- -sv $HA/api/orders/7
cap $S a-express-404-order-hit.txt 404 app express "the same 404 again: kept by Varnish (default_ttl), a HIT of the app's answer" "curl -si; X-Cache: HIT" -- -si $HA/api/orders/7
caphttp $S a-express-422-httpie.txt 422 app express "HTTPie, qty missing: the app's validation 422" "HTTPie with colours" -- -v POST $HA/api/orders sku=C-3
capraw $S a-express-409-saved.txt 409 app express "an order for A-1 while one is open: the app's 409" "curl -si saved to a file (CRs kept)" -- -si "${JSONH[@]}" -d '{"sku":"A-1","qty":1}' $HA/api/orders
cap $S a-express-500-boom.txt 500 app express "an unhandled bug: Express's default 500 page (production)" "" -- -sv $HA/api/boom
capwin $S a-express-503-payments.txt 503 app express "the app's own JSON maintenance 503" "curl -si pasted with CRLF" -- -si $HA/api/payments/status
cap $S a-express-504-shipping.txt 504 app express "the app's own 504: its carrier API did not answer" "" -- -sv $HA/api/shipping/9
quiet "$HA/api/quotes?n=1"
quiet "$HA/api/quotes?n=2"
cap $S a-express-429-quotes.txt 429 app express "a third quote: the app's own 429 with Retry-After" "" -- -sv "$HA/api/quotes?n=3"
cap $S a-express-413-body-parser.txt 413 app express "a 4 KB order: under nginx's 16k and HAProxy's 64 KB, over express.json's 1kb: body-parser's 413 page" "curl -si" -- -si "${JSONH[@]}" --data-binary @order-4k.json $HA/api/orders
cap $S a-nginx-413-body.txt 413 proxy nginx "a 24 KB order: over client_max_body_size 16k at the inner nginx, passed by Varnish and HAProxy" "" -- -sv "${JSONH[@]}" --data-binary @order-24k.json $HA/api/orders
cap $S a-haproxy-413-body.txt 413 load-balancer haproxy "a 100 KB order: HAProxy's Content-Length rule, deny_status 413" "" -- -sv "${JSONH[@]}" --data-binary @order-100k.json $HA/api/orders
cap $S a-nginx-504-slow.txt 504 proxy nginx "the handler sleeps 3 s: nginx's proxy_read_timeout 2s fires first (Varnish 3 s, HAProxy 4 s)" "" -- -sv "$HA/api/slow?s=3"
cap $S a-varnish-503-first-byte.txt 503 cdn-cache varnish "a report (5 s): nginx waits 10 s there, Varnish's first_byte_timeout 3s fires: 'Backend fetch failed'" "" -- -sv "$HA/api/reports/1?s=5"
cap $S a-haproxy-504-exports.txt 504 load-balancer haproxy "an export (6 s): nginx and Varnish wait longer, HAProxy's timeout server 4s fires" "curl -si" -- -si "$HA/api/exports/1?s=6"
cap $S a-nginx-404-static.txt 404 proxy nginx "a missing stylesheet under /static/: nginx's own 404 page" "" -- -sv $HA/static/app.css
cap $S a-varnish-404-synth.txt 404 cdn-cache varnish "a /.git probe: vcl_recv synth(404), the builtin synth page" "curl -si" -- -si $HA/.git/config
capwget $S a-varnish-404-synth-wget.txt 404 cdn-cache varnish "wget on a /wp-login.php probe: the synth 404" "wget -S -O-" -- $HA/wp-login.php
cap $S a-haproxy-403-internal.txt 403 load-balancer haproxy "/internal/: http-request deny, Debian's 403 errorfile" "" -- -sv $HA/internal/metrics
cap $S a-express-404-cannot-post.txt 404 app express "the first login POST: Express has no such route, 'Cannot POST'" "curl -si" -- -si -X POST $HA/api/login
quiet -X POST $HA/api/login
cap $S a-haproxy-429-login.txt 429 load-balancer haproxy "a third login in 10 s: the stick-table rule, deny_status 429" "" -- -sv -X POST $HA/api/login
cap $S a-express-404-search.txt 404 app express "the first search: through nginx's limit_req, Express's 'Cannot GET'" "" -- -sv "$HA/api/search?q=a"
cap $S a-nginx-429-search.txt 429 proxy nginx "a second search within the minute: nginx's limit_req 429 page, passed (a MISS, another key)" "curl -si" -- -si "$HA/api/search?q=b"
cap $S a-h2-express-404.txt 404 app express "HTTP/2 to HAProxy: an unknown order, Express's JSON 404 (X-Cache: MISS)" "HTTP/2 (h2c)" -- -sv "${H2[@]}" $HA2/api/orders/7
cap $S a-h2-express-404-fresh.txt 404 app express "HTTP/2: another unknown order, a MISS" "HTTP/2 (h2c)" -- -sv "${H2[@]}" $HA2/api/orders/8
cap $S a-h2-varnish-hit.txt 200 app express "HTTP/2: the catalog from Varnish's store" "HTTP/2 (h2c), curl -si; relabelled on review: the answer says X-Cache: MISS, Age: 0 and one X-Varnish id, so Varnish fetched it from Express this time (as the cached 404 over h2c did)" -- -si "${H2[@]}" $HA2/api/catalog
cap $S a-h2-haproxy-403.txt 403 load-balancer haproxy "HTTP/2: http-request deny on /internal/" "HTTP/2 (h2c)" -- -sv "${H2[@]}" $HA2/internal/status
cap $S a-h2-nginx-504.txt 504 proxy nginx "HTTP/2: the 3 s handler, nginx's 504 through Varnish and HAProxy" "HTTP/2 (h2c)" -- -sv "${H2[@]}" "$HA2/api/slow?s=3"

# ============================== B: Caddy -> HAProxy -> Express ==
log "capturing: B, Caddy -> HAProxy -> Express"
S=caddy-haproxy-express
cap $S b-express-404-order.txt 404 app express "an unknown order: Express's JSON 404 through HAProxy and Caddy" "" -- -sv $CA/api/orders/7
cap $S b-express-409.txt 409 app express "the app's 409 conflict" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":"A-1","qty":1}' $CA/api/orders
caphttp $S b-express-500-httpie.txt 500 app express "HTTPie on the unhandled bug: Express's 500 page" "HTTPie with colours" -- -v GET $CA/api/boom
cap $S b-express-503-payments.txt 503 app express "the app's maintenance 503" "" -- -sv $CA/api/payments/status
cap $S b-express-504-shipping.txt 504 app express "the app's own 504 for its carrier API" "curl -si" -- -si $CA/api/shipping/3
quiet $CA/api/quotes
quiet $CA/api/quotes
caphttp $S b-express-429-quotes-httpie.txt 429 app express "HTTPie, a third quote: the app's own 429" "HTTPie with colours" -- -v GET $CA/api/quotes
cap $S b-express-413-body-parser.txt 413 app express "a 4 KB order: under Caddy's 8 KB, body-parser's 413 page" "" -- -sv "${JSONH[@]}" --data-binary @order-4k.json $CA/api/orders
cap $S b-haproxy-504-slow.txt 504 load-balancer haproxy "the 3 s handler: HAProxy's timeout server 2s fires before Caddy's 4 s" "" -- -sv "$CA/api/slow?s=3"
cap $S b-caddy-504-exports.txt 504 proxy caddy "an export (6 s): HAProxy waits 10 s there, Caddy's response_header_timeout 4s fires" "curl -si" -- -si "$CA/api/exports/1?s=6"
cap $S b-haproxy-503-ledger.txt 503 load-balancer haproxy "/api/ledger/: no server up in HAProxy's backend, passed by Caddy" "" -- -sv $CA/api/ledger/1
capwget $S b-haproxy-403-internal-wget.txt 403 load-balancer haproxy "wget on /internal/: HAProxy's 403 through Caddy" "wget -S -O-" -- $CA/internal/metrics
cap $S b-caddy-401-basicauth.txt 401 identity caddy "/api/admin/ without credentials: Caddy's basicauth 401" "" -- -sv $CA/api/admin/users
capraw $S b-caddy-401-wrong-password.txt 401 identity caddy "a wrong password" "curl -si saved to a file (CRs kept)" -- -si -u ops:letmein $CA/api/admin/users
cap $S b-express-403-admin.txt 403 app express "the right credentials: the app's own 403 (role missing)" "curl -si" -- -si -u ops:hunter2 $CA/api/admin/users
cap $S b-express-404-login.txt 404 app express "the first login: Express's 'Cannot POST'" "" -- -sv -X POST $CA/api/login
quiet -X POST $CA/api/login
capwin $S b-haproxy-429-login.txt 429 load-balancer haproxy "a third login: HAProxy's stick-table 429 through Caddy" "curl -si pasted with CRLF" -- -si -X POST $CA/api/login
cap $S b-caddy-502-request-body.txt 502 proxy caddy "a 12 KB order over request_body max_size 8KB: reading the body fails inside reverse_proxy, Caddy answers an empty 502 (not a 413)" "" -- -sv "${JSONH[@]}" --data-binary @order-12k.json $CA/api/orders

# ====================== C: nginx -> Apache -> PHP-FPM ==
log "capturing: C, nginx -> Apache -> PHP-FPM"
S=nginx-apache-phpfpm
cap $S c-php-404-order.txt 404 app php "an unknown order: the front controller's JSON 404" "" -- -sv $NX/api/orders/7
cap $S c-php-422.txt 422 app php "qty not an integer: the front controller's 422" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":"C-3","qty":"two"}' $NX/api/orders
cap $S c-php-201.txt 201 app php "a clean order" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":"C-3","qty":2}' $NX/api/orders
cap $S c-php-500-empty.txt 500 app php "a call to an undefined function, display_errors off: PHP's empty 500" "" -- -sv $NX/api/boom
capwin $S c-php-503-payments.txt 503 app php "the front controller's maintenance 503 with Retry-After" "curl -si pasted with CRLF" -- -si $NX/api/payments/status
caphttp $S c-php-429-quotes-httpie.txt 429 app php "HTTPie: the front controller's own 429" "HTTPie with colours" -- -v GET $NX/api/quotes
cap $S c-apache-404-missing-php.txt 404 app apache "a .php script that does not exist: Apache's 404 page (Apache serves the PHP site), passed by nginx" "curl -si" -- -si $NX/legacy/report.php
cap $S c-nginx-413-body.txt 413 proxy nginx "a 100 KB order: over nginx's client_max_body_size 64k" "" -- -sv "${JSONH[@]}" --data-binary @order-100k.json $NX/api/orders
cap $S c-apache-504-fcgi-timeout.txt 504 proxy apache "a report (5 s): nginx waits 10 s, Apache's ProxyTimeout 3 on mod_proxy_fcgi fires" "" -- -sv "$NX/api/reports/1?s=5"
cap $S c-nginx-504-exports.txt 504 proxy nginx "an export (5 s): nginx's proxy_read_timeout 1s on /api/exports/ fires first" "curl -si" -- -si "$NX/api/exports/1?s=5"
cap $S c-nginx-404-static.txt 404 proxy nginx "a missing file under /static/: nginx's own 404" "" -- -sv $NX/static/logo.png
capraw $S c-nginx-403-internal.txt 403 proxy nginx "/internal/: nginx's deny all, its 403 page" "curl -si saved to a file (CRs kept)" -- -si $NX/internal/status
cap $S c-php-404-search.txt 404 app php "the first search: the front controller's no_route 404" "curl -si" -- -si "$NX/api/search?q=a"
cap $S c-nginx-429-search.txt 429 proxy nginx "a second search within the minute: nginx's limit_req 429 page" "" -- -sv "$NX/api/search?q=b"

# ====================== D: Squid -> nginx -> Flask ==
log "capturing: D, Squid -> nginx -> Flask"
S=squid-nginx-flask
cap $S d-flask-200-catalog-miss.txt 200 app flask "the catalog, first request: a MISS" "curl -si" -- -si $SQ/api/catalog
cap $S d-squid-200-catalog-hit.txt 200 cdn-cache squid "the catalog again: from Squid's memory cache" "X-Cache: HIT" -- -sv $SQ/api/catalog
cap $S d-flask-404-order.txt 404 app flask "an unknown order: the view's JSON 404" "" -- -sv $SQ/api/orders/7
caphttp $S d-flask-422-httpie.txt 422 app flask "HTTPie, qty missing: the view's 422" "HTTPie with colours" -- -v POST $SQ/api/orders sku=C-3
cap $S d-flask-500-page.txt 500 app flask "an unhandled bug: Flask's default 500 page" "curl -si" -- -si $SQ/api/boom
cap $S d-flask-503-payments.txt 503 app flask "the view's maintenance 503" "" -- -sv $SQ/api/payments/status
cap $S d-flask-413-werkzeug.txt 413 app flask "a 4 KB order: under nginx's 8k, over MAX_CONTENT_LENGTH: Werkzeug's 413 page" "" -- -sv "${JSONH[@]}" --data-binary @order-4k.json $SQ/api/orders
cap $S d-nginx-413-body.txt 413 proxy nginx "a 12 KB order: over nginx's client_max_body_size 8k, passed by Squid" "curl -si" -- -si "${JSONH[@]}" --data-binary @order-12k.json $SQ/api/orders
cap $S d-squid-413-too-big.txt 413 cdn-cache squid "a 48 KB order: over Squid's request_body_max_size 32 KB, ERR_TOO_BIG" "" -- -sv "${JSONH[@]}" --data-binary @order-48k.json $SQ/api/orders
cap $S d-nginx-504-slow.txt 504 proxy nginx "the 3 s handler: nginx's proxy_read_timeout 2s fires before Squid's read_timeout 3 s" "" -- -sv "$SQ/api/slow?s=3"
cap $S d-squid-504-read-timeout.txt 504 cdn-cache squid "a report (5 s): nginx waits 10 s there, Squid's read_timeout 3 seconds fires: ERR_READ_TIMEOUT" "curl -si" -- -si "$SQ/api/reports/1?s=5"
capwget $S d-squid-403-internal-wget.txt 403 cdn-cache squid "wget on /internal/: Squid's ERR_ACCESS_DENIED" "wget -S -O-" -- $SQ/internal/metrics
cap $S d-squid-403-internal.txt 403 cdn-cache squid "/internal/: http_access deny, ERR_ACCESS_DENIED" "" -- -sv $SQ/internal/status
capraw $S d-nginx-404-static.txt 404 proxy nginx "a missing file under /static/: nginx's 404, passed by Squid" "curl -si saved to a file (CRs kept)" -- -si $SQ/static/site.js

# ====================== F: nghttpx (h2c) -> nginx -> Express ==
log "capturing: F, nghttpx -> nginx -> Express over HTTP/2"
S=nghttpx-nginx-express
cap $S f-h2-express-404.txt 404 app express "HTTP/2 to nghttpx: Express's JSON 404" "HTTP/2 (h2c)" -- -sv "${H2[@]}" $NG/api/orders/7
cap $S f-h2-express-500.txt 500 app express "HTTP/2: Express's 500 page" "HTTP/2 (h2c), curl -si" -- -si "${H2[@]}" $NG/api/boom
cap $S f-h2-express-422.txt 422 app express "HTTP/2: the app's validation 422" "HTTP/2 (h2c)" -- -sv "${H2[@]}" "${JSONH[@]}" -d '{"sku":"C-3"}' $NG/api/orders
cap $S f-h2-nginx-504.txt 504 proxy nginx "HTTP/2: the 3 s handler, nginx's 2 s timeout fires before nghttpx's 3 s" "HTTP/2 (h2c)" -- -sv "${H2[@]}" "$NG/api/slow?s=3"
cap $S f-h2-nghttpx-504.txt 504 proxy nghttpx "HTTP/2: a report (5 s), nginx waits 10 s there, nghttpx's backend-read-timeout 3s fires" "HTTP/2 (h2c)" -- -sv "${H2[@]}" "$NG/api/reports/1?s=5"
cap $S f-h2-nginx-413.txt 413 proxy nginx "HTTP/2: a 12 KB order over nginx's client_max_body_size 8k" "HTTP/2 (h2c), curl -si" -- -si "${H2[@]}" "${JSONH[@]}" --data-binary @order-12k.json $NG/api/orders

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
capbody $S body-a-express-404.txt 0/404 app express "Express's JSON 404 through HAProxy and Varnish" "no number" -- $HA/api/orders/11
capbody $S body-a-varnish-404-synth.txt 404/404 cdn-cache varnish "Varnish's synth page for a /.env probe" "'Error 404 Not Found'" -- $HA/.env
capbody $S body-a-haproxy-403.txt 403/403 load-balancer haproxy "HAProxy's 403 errorfile" "" -- $HA/internal/debug
capbody $S body-b-haproxy-503-ledger.txt 503/503 load-balancer haproxy "HAProxy's 503 errorfile through Caddy" "" -- $CA/api/ledger/2
capbody $S body-c-nginx-413.txt 413/413 proxy nginx "nginx's 413 page" "" -- "${JSONH[@]}" --data-binary @order-100k.json $NX/api/orders
capbody $S body-c-php-422.txt 0/422 app php "the front controller's 422" "no number" -- "${JSONH[@]}" -d '{"qty":"x"}' $NX/api/orders
capbody $S body-d-squid-403.txt 0/403 cdn-cache squid "Squid's ERR_ACCESS_DENIED page" "no number in the body" -- $SQ/internal/x
capbody $S body-d-flask-503.txt 0/503 app flask "the view's maintenance JSON" "no number" -- $SQ/api/payments/status

# ================================================ headers-only pastes ==
S=headers-only-paste
caphead $S head-a-varnish-hit.txt 200 cdn-cache varnish "curl -sI on the cached catalog through HAProxy" "X-Cache: HIT" -- $HA/api/catalog
caphead $S head-b-haproxy-503-ledger.txt 503 load-balancer haproxy "curl -sI on /api/ledger/ through Caddy" "" -- $CA/api/ledger/3
caphead $S head-b-caddy-401.txt 401 identity caddy "curl -sI on /api/admin/ without credentials" "" -- $CA/api/admin/users
caphead $S head-c-nginx-404-static.txt 404 proxy nginx "curl -sI on a missing static file" "" -- $NX/static/missing.js
caphead $S head-d-squid-hit.txt 200 cdn-cache squid "curl -sI on the catalog in Squid's memory" "" -- $SQ/api/catalog

# ============================== each hop's next hop stopped ==
log "stopping the apps"
stop_name express-a
stop_name express-b
stop_name express-f
stop_name flask-gunicorn
stop_name php-fpm
sleep 1
cap haproxy-varnish-nginx-express a-nginx-502-app-down.txt 502 proxy nginx "Express is stopped: nginx's 502, passed by Varnish and HAProxy" "" -- -sv $HA/api/orders/12
cap haproxy-varnish-nginx-express a-varnish-hit-app-down.txt 200 cdn-cache varnish "Express is stopped, the catalog still fresh: a HIT" "curl -si" -- -si $HA/api/catalog
cap caddy-haproxy-express b-haproxy-503-app-down.txt 503 load-balancer haproxy "Express is stopped: HAProxy's 503, passed by Caddy" "" -- -sv $CA/api/orders/12
cap nginx-apache-phpfpm c-apache-503-fpm-down.txt 503 proxy apache "PHP-FPM is stopped: Apache's 503, passed by nginx" "" -- -sv $NX/api/orders/12
cap squid-nginx-flask d-nginx-502-app-down.txt 502 proxy nginx "gunicorn is stopped: nginx's 502, passed by Squid" "curl -si" -- -si $SQ/api/orders/12
cap nghttpx-nginx-express f-h2-nginx-502-app-down.txt 502 proxy nginx "HTTP/2: Express is stopped, nginx's 502 through nghttpx" "HTTP/2 (h2c)" -- -sv "${H2[@]}" $NG/api/orders/12
log "stopping Apache"
stop_name apache
sleep 1
capwget nginx-apache-phpfpm c-nginx-502-apache-down-wget.txt 502 proxy nginx "Apache is stopped: nginx's 502" "wget -S -O-" -- $NX/api/orders/13
cap nginx-apache-phpfpm c-nginx-502-apache-down.txt 502 proxy nginx "Apache is stopped: nginx's 502 page" "" -- -sv $NX/api/orders/14
log "stopping nginx"
stop_name nginx
sleep 1
cap haproxy-varnish-nginx-express a-varnish-503-nginx-down.txt 503 cdn-cache varnish "nginx is stopped: Varnish's 'Backend fetch failed', passed by HAProxy" "" -- -sv $HA/api/orders/13
caphttp haproxy-varnish-nginx-express a-varnish-503-nginx-down-httpie.txt 503 cdn-cache varnish "HTTPie, nginx stopped: Varnish's 503" "HTTPie with colours" -- -v GET $HA/api/orders/14
cap squid-nginx-flask d-squid-503-nginx-down.txt 503 cdn-cache squid "nginx is stopped: Squid's ERR_CONNECT_FAIL" "" -- -sv $SQ/api/orders/13
cap squid-nginx-flask d-squid-hit-nginx-down.txt 200 cdn-cache squid "nginx is stopped, the catalog still fresh: a HIT" "curl -si" -- -si $SQ/api/catalog
cap nghttpx-nginx-express f-h2-nghttpx-502-nginx-down.txt 502 proxy nghttpx "HTTP/2: nginx is stopped, nghttpx's own 502" "HTTP/2 (h2c)" -- -sv "${H2[@]}" $NG/api/orders/13
log "stopping Varnish"
stop_name varnish
sleep 1
cap haproxy-varnish-nginx-express a-haproxy-503-varnish-down.txt 503 load-balancer haproxy "Varnish is stopped: HAProxy's 503 errorfile" "" -- -sv $HA/api/orders/15
capraw haproxy-varnish-nginx-express a-haproxy-503-varnish-down-saved.txt 503 load-balancer haproxy "Varnish is stopped, the catalog: HAProxy's 503 (the cache is gone with it)" "curl -si saved to a file (CRs kept)" -- -si $HA/api/catalog
log "stopping HAProxy"
stop_name haproxy
sleep 1
cap caddy-haproxy-express b-caddy-502-haproxy-down.txt 502 proxy caddy "HAProxy is stopped: Caddy's empty 502" "" -- -sv $CA/api/orders/16
caphttp caddy-haproxy-express b-caddy-502-haproxy-down-httpie.txt 502 proxy caddy "HTTPie, HAProxy stopped: Caddy's 502" "HTTPie with colours" -- -v GET $CA/api/orders/17

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round32/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
