#!/usr/bin/env bash
# capture-round39.sh — build the thirty-ninth held-out evidence corpus in
# tests/fixtures/evidence-round39/.
#
# Mainstream, an eleventh set of pairings, with the fronts configured the way
# production teams run them: their own JSON or branded HTML pages for
# 502/503/504, a request id added by the front while the app echoes or makes
# its own, Server headers hidden, gzip, HSTS and security headers, keep-alive
# and timeouts tuned, rate limits, body size limits, maintenance switches.
# Pairings: Fastify behind HAProxy; Sinatra under Puma behind HAProxy; a
# Laravel-like PHP front controller under PHP-FPM behind HAProxy's FastCGI
# client (fcgi-app); NestJS behind Apache (ProxyErrorOverride for 502-504);
# FastAPI under uvicorn behind Apache behind Varnish; Django served by uvicorn
# behind Caddy (handle_errors); Express behind nginx (proxy_intercept_errors);
# Rails 6.1 under Puma behind Varnish; Flask under gunicorn behind nginx
# behind HAProxy. Paste forms: curl -sv/-si (some saved with CRs, some with
# CRLF), HTTPie -v with colours, wget -S, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round39.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round39.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round39.sh       # keep configs + logs in the runtime dir
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports
# 55500-55999) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round39.py; if a label's status is not the one on the
# wire the fixtures are left as they were.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round39"
RUN=/tmp/api-triage-corpus39
STAGE="$RUN/evidence"
CONF="$HERE/conf-round39"
APPS="$HERE/apps39"
VENV=${CORPUS_VENV39:-/tmp/api-triage-corpus39-venv}
NODE_DIR=${CORPUS_NODE39:-/tmp/api-triage-corpus39-node}
GODIR=/nonexistent-corpus39
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http
PYPI=(flask==3.1.3 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0 django==5.2.19)
NPM=(express@5.3.0 fastify@5.12.8 @nestjs/core@12.5.1 @nestjs/common@12.5.1 @nestjs/platform-express@12.5.1 reflect-metadata@0.2.2 rxjs@7.8.2)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus39 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PACKAGES=(httpie wget python3-venv nodejs php8.2-fpm ruby-sinatra ruby-rails puma apache2 nginx haproxy caddy varnish varnish-modules)
declare -A SKIPPED=()
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
install_packages() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
    ((${#missing[@]})) || return 0
    if [[ ${CORPUS_SKIP_INSTALL:-0} == 1 || $(id -u) != 0 ]]; then
        for p in "${missing[@]}"; do SKIPPED[$p]="not installed"; done
        return
    fi
    log "apt-get install ${missing[*]}"
    apt-get update -qq >"$RUN/logs/apt-update.log" 2>&1 || true
    DEBIAN_FRONTEND=noninteractive nice -n 15 timeout 900 apt-get install -y -q --no-install-recommends "${missing[@]}" \
        >"$RUN/logs/apt-install.log" 2>&1 || for p in "${missing[@]}"; do SKIPPED[$p]="apt-get install failed"; done
}
install_venv() {
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, django, fastapi, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 || SKIPPED[venv]="pip install failed"
}
install_npm() {
    [[ -e $NODE_DIR/node_modules/express/package.json && -e $NODE_DIR/node_modules/fastify/package.json && -e $NODE_DIR/node_modules/@nestjs/platform-express/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus39","private":true}' >"$NODE_DIR/package.json"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed"
}
have() { [[ -z ${SKIPPED[$1]:-} ]] && installed "$1"; }

PIDS=()
start_bg() {
    local name=$1; shift
    (cd "$HERE" && exec "$@") >"$RUN/logs/$name.log" 2>&1 &
    PIDS+=($!)
    echo $! >"$RUN/pids/$name.pid"
}
ours() {
    local cmd
    [[ -r /proc/$1/cmdline ]] || return 1
    cmd=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GODIR/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
}
stop_pid() {
    local pid=$1 sig=${2:-TERM} i
    kill "-$sig" "$pid" 2>/dev/null || return 0
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
}
stop_name() {  # stop_name NAME: one server this script started, by its pid,
    # and its children first (PHP's built-in server forks workers that keep
    # the listening socket)
    local f=$RUN/pids/$1.pid pid child
    if [[ -e $f ]]; then
        pid=$(cat "$f")
        for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do stop_pid "$child"; done
        stop_pid "$pid"
    fi
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
            log "WARNING: pid $pid still running, stopping it: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
            stop_pid "$pid" KILL
        fi
    done
}
stop_stale() {
    local f pid
    for f in "$RUN"/pids/*.pid; do
        [[ -e $f ]] || continue
        pid=$(cat "$f")
        if [[ $pid =~ ^[0-9]+$ ]] && ours "$pid"; then log "stopping stale pid $pid"; stop_pid "$pid"; fi
    done
}
listening() { ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; }
wait_port() {
    local i
    for i in $(seq 1 "${3:-300}"); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    log "$2 did not open 127.0.0.1:$1; its log:"; tail -n 20 "$RUN/logs/$2.log" >&2
    return 1
}
sockets() { ss -ltunH 2>/dev/null | awk '{print $1, $5}' | sort -u; }
render() { local src=$1 dest=$2; shift 2; sed -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$RUN|g" "$@" "$src" >"$dest"; }
up() { [[ -n ${UP[$1]:-} ]]; }

COUNT=0
MISMATCH=0
shquote() {
    if [[ $1 =~ ^[A-Za-z0-9_./:@=,+%-]+$ ]]; then printf '%s' "$1"
    else printf "'%s'" "${1//\'/\'\\\'\'}"; fi
}

# The command line as the paste shows it: "$ cmd ..." or, with PROMPT set,
# the engineer's whole prompt ("deploy@web-01:~$ cmd ...").
cmdline() { local a; printf '%s' "${PROMPT:-\$}"; for a in "$@"; do printf ' %s' "$(shquote "$a")"; done; printf '\n'; }

in_work() { (cd "$RUN/work" && HOME="$RUN/work" CURL_HOME="$RUN/work" XDG_CONFIG_HOME="$RUN/work" \
    HTTPIE_CONFIG_DIR="$RUN/work/httpie" "$@"); }

# in_tty CMD...: run as an engineer's terminal does (a pseudo-terminal from
# `script`, so curl shows no progress meter and stdout/stderr interleave as
# on screen); the CRs the terminal adds are dropped, as copying does.
in_tty() {
    local cmd
    cmd=$(printf '%q ' "$@")
    in_work timeout 20 script -qec "$cmd" /dev/null </dev/null | tr -d '\r'
}

# finish FORM DEST SETUP STATUS LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]
# TRAIL (when set) is the engineer's own comment, pasted under the response.
finish() {
    local form=$1; shift
    if ! FINISH_FORM=$form FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round39.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
        MISMATCH=$((MISMATCH + 1))
    fi
    if [[ -n ${TRAIL:-} ]]; then
        [[ -s $1 && -n $(tail -c 1 "$1") ]] && printf '\n' >>"$1"
        printf '%s\n' "$TRAIL" >>"$1"
    fi
    COUNT=$((COUNT + 1))
}

curl_form() {  # v when the curl arguments ask for -v, else i
    local a
    for a in "$@"; do [[ $a =~ ^-[a-zA-Z]*v[a-zA-Z]*$ || $a == --verbose ]] && { echo v; return; }; done
    echo i
}

# cap SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl -sv` / `curl -si` / `curl -s -D-`, stdout and stderr to the paste.
cap() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl "$@" >"$dest"
    in_work timeout 20 curl "$@" >>"$dest" 2>&1
    finish "$(curl_form "$@")" "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}
capraw() { KEEP_CR=1 cap "$@"; }           # kept as curl wrote it: header lines keep their CR
capwin() { local file=$2; cap "$@"; sed -i 's/\r*$/\r/' "$STAGE/$file"; }  # pasted with CRLF

# captty SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# curl run in a terminal: `curl -v URL` (no -s needed), `curl --trace-ascii - URL`.
captty() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7 form a
    shift 8
    local dest="$STAGE/$file"
    form=$(curl_form "$@")
    for a in "$@"; do [[ $a == --trace-ascii ]] && form=trace; done
    cmdline curl "$@" >"$dest"
    in_tty curl "$@" >>"$dest"
    finish "$form" "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# quiet URL...: a request whose answer is not kept (to fill a cache or a rate counter)
quiet() { in_work timeout 10 curl -s -o /dev/null "$@" || true; }

# capbody SETUP FILE SHOWN/WIRE LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# A body-only paste: `curl -s URL`. SHOWN is the status the body itself shows
# (0 when it shows no number), WIRE the one really sent.
capbody() {
    local setup=$1 file=$2 shown=${3%/*} wire=${3#*/} layer=$4 product=$5 scenario=$6 note=$7 got
    shift 8
    local dest="$STAGE/$file"
    cmdline curl -s "$@" >"$dest"
    rm -f "$RUN/work/last-headers"
    in_work timeout 20 curl -s -D "$RUN/work/last-headers" "$@" >>"$dest" 2>/dev/null
    got=$(awk '/^HTTP\// {s=$2} END {print s+0}' "$RUN/work/last-headers" 2>/dev/null)
    if [[ $got != "$wire" ]]; then
        log "MISMATCH $file: expected wire status $wire, got $got"; MISMATCH=$((MISMATCH + 1))
    fi
    finish body "$dest" "$setup" "$shown" "$layer" "$product" "$scenario" "$note" body-only "$got"
}

# caphead SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# A headers-only paste (`curl -sI`, a HEAD request, as engineers send it).
caphead() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl -sI "$@" >"$dest"
    in_work timeout 20 curl -sI "$@" >>"$dest" 2>&1
    finish i "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only "$status"
}

# caphttp SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- HTTPIE-ARGS...
# HTTPie with colours forced on (HTTPIE_PLAIN=1: without colours, as when its
# output goes to a file). HTTPIE_HEADERS=1 marks a --headers paste
# (headers-only).
caphttp() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file" pretty=(--pretty=all --style=monokai)
    have httpie || return 0
    [[ ${HTTPIE_PLAIN:-0} == 1 ]] && pretty=()
    cmdline http "$@" >"$dest"
    in_work timeout 20 "$HTTPIE" --ignore-stdin "${pretty[@]}" --timeout=10 "$@" >>"$dest" 2>&1
    if [[ ${HTTPIE_HEADERS:-0} == 1 ]]; then
        finish httpie "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only "$status"
    else
        finish httpie "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
    fi
}

# capwget SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- WGET-ARGS...
# wget as typed (`wget -S -O /dev/null URL`, `wget --server-response URL`,
# `wget -S -O- URL`): its progress lines and the server's headers (indented),
# run in the work directory (a file it saves lands there). One try, 10 s.
capwget() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    have wget || return 0
    cmdline wget "$@" >"$dest"
    in_work timeout 20 wget --tries=1 --timeout=10 "$@" >>"$dest" 2>&1
    finish wget "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}



# ------------------------------------------------------------------- main --

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
[[ -z ${SKIPPED[npm]:-} ]] || die "Express/Fastify/NestJS are missing (${SKIPPED[npm]})"

PORTS=(55510 55515 55520 55525 55530 55535 55540 55545 55550 55590 55591 55592
       55600 55650 55651 55700 55701 55800 55801 55802 55803 55900 55901)
for p in "${PORTS[@]}"; do listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"; done
for i in $(seq 1 70); do
    busy=0
    for p in "${PORTS[@]}"; do ss -tanH "sport = :$p" 2>/dev/null | grep -q . && busy=1; done
    ((busy)) || break
    ((i == 1)) && log "waiting for sockets on our ports to clear"
    sleep 1
done
BEFORE=$(sockets)

# the error pages the fronts serve, readable by their workers
cp -r "$CONF/errors" "$RUN/errors"
mkdir -p "$RUN"/apache/{htdocs,errors} "$RUN/php" "$RUN/php-fpm" "$RUN/rails/public"
cp "$CONF"/apache-errors/* "$RUN/apache/errors/"
cp "$APPS"/php/index.php "$RUN/php/"
cp "$APPS"/rails_public/*.html "$RUN/rails/public/"
chmod -R a+rX "$RUN"

# ---- apps ------------------------------------------------------------------------
declare -A UP=()
NODE=(nice -n 5 env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production node)
start_bg fastify "${NODE[@]}" "$APPS/fastify_app.js" 55510
start_bg sinatra nice -n 5 puma -e production -t 2:8 -b tcp://127.0.0.1:55515 "$APPS/sinatra_app.ru"
if have php8.2-fpm; then
    render "$CONF/php-fpm.conf" "$RUN/php-fpm/php-fpm.conf"
    chown -R www-data: "$RUN/php-fpm" "$RUN/php" 2>/dev/null || true
    start_bg php-fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/php-fpm.conf"
fi
start_bg nest "${NODE[@]}" "$APPS/nest_app.js" 55525
start_bg fastapi nice -n 5 env PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 55530 fastapi_app:app
start_bg django nice -n 5 env PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 55535 django_app:application
start_bg express "${NODE[@]}" "$APPS/express_app.js" 55540
start_bg rails env RAILS_PUBLIC="$RUN/rails/public" nice -n 5 puma -e production -t 2:8 -b tcp://127.0.0.1:55545 "$APPS/rails_app.ru"
start_bg flask nice -n 5 env PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 4 --timeout 30 -b 127.0.0.1:55550 flask_app:app
for pn in 55510:fastify 55515:sinatra 55520:php-fpm 55525:nest 55530:fastapi 55535:django 55540:express 55545:rails 55550:flask; do
    wait_port "${pn%%:*}" "${pn#*:}" 600 && UP[${pn#*:}]=1
done
for a in fastify sinatra php-fpm nest fastapi django express rails flask; do
    up "$a" || die "$a did not start (a port taken by another program? run again)"
done

# ---- fronts -------------------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 55650 nginx && wait_port 55651 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 55600 caddy && UP[caddy]=1
fi
if have apache2; then
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 55700 apache && wait_port 55701 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
        start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
        wait_port 55800 haproxy && wait_port 55803 haproxy && UP[haproxy]=1
    else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
fi
if have varnish && have varnish-modules && up apache; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a rails=127.0.0.1:55900 -a inv=127.0.0.1:55901 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 55900 varnish && wait_port 55901 varnish && UP[varnish]=1
fi
sleep 3   # HAProxy's first health checks
AFTER=$(sockets)
while read -r proto addr; do
    [[ -z $addr ]] && continue
    grep -qxF "$proto $addr" <<<"$BEFORE" && continue
    [[ $addr == 127.0.0.1:* ]] || die "a server listens outside 127.0.0.1: $proto $addr"
done <<<"$AFTER"

FH=http://127.0.0.1:55800; HS=http://127.0.0.1:55801; HP=http://127.0.0.1:55802; HR=http://127.0.0.1:55803
EN=http://127.0.0.1:55650; NA=http://127.0.0.1:55700; DC=http://127.0.0.1:55600
VR=http://127.0.0.1:55900; VI=http://127.0.0.1:55901
JSONH=(-H 'Content-Type: application/json')
head -c 3000 /dev/zero | tr '\0' a >"$RUN/work/big.json"     # 3 KB: over the 1-2 KiB caps
head -c 6000 /dev/zero | tr '\0' b >"$RUN/work/report.csv"   # 6 KB: over Caddy's 4 KB and Express's 4 kb
head -c 20000 /dev/zero | tr '\0' c >"$RUN/work/huge.csv"    # 20 KB: over nginx's 16k on the reports hop
printf '{"amount":%s' "$(head -c 1500 /dev/zero | tr '\0' 9)" >"$RUN/work/chunk.json"; printf '}' >>"$RUN/work/chunk.json"
log "up: ${!UP[*]}"

# ===================================================== Fastify + HAProxy ==
if up haproxy; then
    log "capturing: Fastify behind HAProxy"
    S=fastify-haproxy
    cap $S fastify-404-payment-haproxy.txt 404 app fastify "unknown payment: the handler's JSON 404 with HAProxy's unique-id as requestId" "no Server header; HSTS added by HAProxy" -- -sv $FH/api/payments/pay_9
    cap $S fastify-404-no-route-haproxy.txt 404 app fastify "no route: Fastify's 'Route GET:/api/v2/payments not found'" "curl -si" -- -si $FH/api/v2/payments
    cap $S fastify-400-schema-haproxy.txt 400 app fastify "POST without currency: Fastify's schema 400" "" -- -sv "${JSONH[@]}" -d '{"amount":100}' $FH/api/payments
    caphttp $S fastify-422-httpie.txt 422 app fastify "HTTPie, a currency the merchant has not enabled" "HTTPie with colours" -- -v POST $FH/api/payments amount:=100 currency=USD
    cap $S fastify-413-chunked.txt 413 app fastify "a 3 KB chunked upload (no Content-Length, so HAProxy's rule does not match): Fastify's bodyLimit 413" "" -- -sv -H 'Transfer-Encoding: chunked' "${JSONH[@]}" --data-binary @big.json $FH/api/payments
    cap $S haproxy-413-content-length.txt 413 load-balancer haproxy "the same upload with a Content-Length over 1024: HAProxy's deny_status 413 (its stock page)" "curl -si" -- -si "${JSONH[@]}" --data-binary @big.json $FH/api/payments
    cap $S fastify-500-haproxy.txt 500 app fastify "an Error thrown in the handler: Fastify's default 500 JSON" "" -- -sv $FH/api/boom
    capwin $S fastify-503-maintenance.txt 503 app fastify "the app's maintenance 503 (Retry-After 120)" "curl -si pasted with CRLF" -- -si $FH/api/maintenance
    cap $S fastify-504-acquirer.txt 504 app fastify "the acquirer did not answer in 1 s: the app's own JSON 504" "" -- -sv $FH/api/acquirer
    cap $S fastify-308-redirect.txt 308 app fastify "an old checkout route: reply.redirect 308" "curl -si" -- -si $FH/api/old-checkout
    cap $S haproxy-504-json-errorfile.txt 504 load-balancer haproxy "the handler sleeps 5 s, timeout server 2s: the team's JSON errorfile" "" -- -sv $FH/api/slow
    cap $S haproxy-503-fraud-down.txt 503 load-balancer haproxy "/fraud/ goes to a backend whose only server fails its check: JSON errorfile" "curl -si" -- -si $FH/fraud/api/score
    for i in 1 2 3 4; do quiet $FH/api/payments/search; done
    cap $S haproxy-429-json-errorfile.txt 429 load-balancer haproxy "the stick-table rate limit on /api/payments/search: JSON errorfile 429" "" -- -sv $FH/api/payments/search
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "http-request deny on /internal/: HAProxy's stock 403 page" "curl -si" -- -si $FH/internal/metrics
    capwget $S haproxy-503-fraud-wget.txt 503 load-balancer haproxy "wget, the fraud backend is down" "wget -S -O-" -- -S -O- --content-on-error $FH/fraud/api/score
    cap $S fastify-404-client-request-id.txt 404 app fastify "the client sends its own X-Request-ID: HAProxy keeps it, Fastify echoes it" "" -- -sv -H 'X-Request-ID: support-ticket-4471' $FH/api/payments/pay_404
fi

# ============================================ Sinatra/Puma + HAProxy ==
if up haproxy; then
    log "capturing: Sinatra under Puma behind HAProxy"
    S=sinatra-puma-haproxy
    cap $S sinatra-404-json-haproxy.txt 404 app sinatra "unknown booking: halt 404 with JSON and a request_id" "" -- -sv $HS/api/bookings/BK-9
    cap $S sinatra-404-default-haproxy.txt 404 app sinatra "no route: Sinatra's '<h1>Not Found</h1>'" "curl -si" -- -si $HS/api/v2/bookings
    cap $S sinatra-401-haproxy.txt 401 app sinatra "the admin rates route without a token" "curl -si" -- -si $HS/api/admin/rates
    cap $S sinatra-500-haproxy.txt 500 app sinatra "a NoMethodError in production: Sinatra's '<h1>Internal Server Error</h1>'" "" -- -sv $HS/api/boom
    capwin $S sinatra-503-maintenance.txt 503 app sinatra "the app's read-only 503" "curl -si pasted with CRLF" -- -si $HS/api/maintenance
    cap $S sinatra-504-channel-manager.txt 504 app sinatra "the channel manager timed out: the app's own JSON 504" "curl -si" -- -si $HS/api/channel-manager
    cap $S sinatra-301-redirect.txt 301 app sinatra "an old bookings page: redirect 301" "curl -si" -- -si $HS/bookings
    cap $S haproxy-503-maintenance-page.txt 503 load-balancer haproxy "http-request return 503 with the branded maintenance page for /api/reports" "" -- -sv $HS/api/reports/occupancy
    cap $S haproxy-301-https.txt 301 load-balancer haproxy "/account over plain HTTP: redirect scheme https" "curl -si" -- -si $HS/account/settings
    cap $S haproxy-504-puma-slow.txt 504 load-balancer haproxy "the route sleeps 5 s: HAProxy's JSON 504" "curl -si" -- -si $HS/api/slow
fi

# =============================================== PHP-FPM + HAProxy fcgi ==
if up haproxy; then
    log "capturing: a Laravel-like PHP app under PHP-FPM behind HAProxy's fcgi-app"
    S=php-fpm-haproxy-fcgi
    cap $S php-404-model-not-found.txt 404 app php "unknown invoice: a Laravel-style 'No query results for model' 404" "" -- -sv $HP/api/invoices/INV-9
    caphttp $S php-422-httpie.txt 422 app php "HTTPie, an invoice without customer_id: the 422 with errors" "HTTPie with colours" -- -v POST $HP/api/invoices total:=100
    cap $S php-401-unauthenticated.txt 401 app php "{\"message\":\"Unauthenticated.\"}" "curl -si" -- -si $HP/api/user
    cap $S php-429-too-many-attempts.txt 429 app php "the app's own throttle: Too Many Attempts." "" -- -sv $HP/api/export
    cap $S php-500-empty-fcgi.txt 500 app php "a fatal Error, display_errors off: PHP's empty 500 over FastCGI" "" -- -sv $HP/api/boom
    capraw $S php-503-maintenance.txt 503 app php "the app's {\"message\":\"Service Unavailable\"}" "curl -si saved to a file (CRs kept)" -- -si $HP/api/maintenance
    cap $S haproxy-504-fpm-slow.txt 504 load-balancer haproxy "the script sleeps 5 s, timeout server 2s" "" -- -sv $HP/api/slow
    cap $S haproxy-413-invoices.txt 413 load-balancer haproxy "a 3 KB body over the 2 KiB rule: HAProxy's stock 413" "curl -si" -- -si "${JSONH[@]}" --data-binary @big.json $HP/api/invoices
    cap $S haproxy-405-trace.txt 405 load-balancer haproxy "TRACE denied with deny_status 405: HAProxy's stock 405" "" -- -sv -X TRACE $HP/api/invoices
fi

# ===================================================== NestJS + Apache ==
if up apache; then
    log "capturing: NestJS behind Apache"
    S=nestjs-apache
    cap $S nest-404-ticket-apache.txt 404 app nestjs "unknown ticket: NotFoundException (4xx are not overridden)" "Server: Apache (ServerTokens Prod)" -- -sv $NA/api/tickets/T-9
    cap $S nest-404-cannot-get-apache.txt 404 app nestjs "no route: Nest's 'Cannot GET /api/queues' JSON 404" "curl -si" -- -si $NA/api/queues
    caphttp $S nest-422-httpie.txt 422 app nestjs "HTTPie, a p0 ticket: UnprocessableEntityException" "HTTPie with colours" -- -v POST $NA/api/tickets subject=outage priority=p0
    cap $S nest-429-apache.txt 429 app nestjs "the throttler's 429 from the app" "" -- -sv $NA/api/search
    cap $S nest-500-apache.txt 500 app nestjs "an uncaught TypeError: Nest's {\"statusCode\":500,...} (500 is not overridden)" "curl -si" -- -si $NA/api/boom
    cap $S apache-503-override-nest.txt 503 proxy apache "Nest's own 503 replaced by the branded 50x page (ProxyErrorOverride On 502 503 504)" "" -- -sv $NA/api/maintenance
    capwin $S apache-504-override-nest.txt 504 proxy apache "Nest's GatewayTimeoutException replaced by the branded 504 page" "curl -si pasted with CRLF" -- -si $NA/api/sla
    cap $S apache-502-timeout-nest.txt 502 proxy apache "the handler sleeps 5 s, ProxyTimeout 2: the branded 50x page with status 502" "" -- -sv $NA/api/slow
    cap $S apache-503-webhooks-down.txt 503 proxy apache "/webhooks/ goes to a port nothing listens on" "curl -si" -- -si $NA/webhooks/github
    cap $S apache-503-maintenance-rewrite.txt 503 proxy apache "RewriteRule [R=503] on /api/exports: the branded 50x page" "" -- -sv $NA/api/exports/monthly
    cap $S apache-404-docroot.txt 404 proxy apache "a path outside /api/: Apache's stock 404 from the empty DocumentRoot" "curl -si" -- -si $NA/status
fi

# =========================== FastAPI/uvicorn + Apache + Varnish ==
if up varnish; then
    log "capturing: FastAPI under uvicorn behind Apache behind Varnish"
    S=fastapi-uvicorn-apache-varnish
    cap $S fastapi-200-miss.txt 200 app fastapi "the stock list, first request: a MISS" "X-Cache: MISS" -- -sv $VI/api/stock
    cap $S varnish-200-hit-fastapi.txt 200 cdn-cache varnish "the stock list again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $VI/api/stock
    cap $S fastapi-404-via-varnish.txt 404 app fastapi "unknown SKU: HTTPException(404) through Apache and Varnish" "" -- -sv $VI/api/stock/NUT-3
    caphttp $S fastapi-422-httpie.txt 422 app fastapi "HTTPie, delta out of range: FastAPI's 422 list" "HTTPie with colours" -- -v POST $VI/api/adjustments sku=BOLT-8 delta:=5000
    cap $S fastapi-403-via-varnish.txt 403 app fastapi "a token without the scope (Varnish passes requests with Authorization)" "" -- -sv -H 'Authorization: Bearer ro-token' $VI/api/admin/counts
    cap $S fastapi-500-via-varnish.txt 500 app fastapi "an unhandled RuntimeError: Starlette's text 'Internal Server Error'" "" -- -sv $VI/api/boom
    cap $S fastapi-503-via-varnish.txt 503 app fastapi "the app's maintenance 503 passes Apache (no override) and Varnish" "curl -si" -- -si $VI/api/maintenance
    capraw $S fastapi-504-supplier.txt 504 app fastapi "the supplier API timed out: the app's own 504" "curl -si saved to a file (CRs kept)" -- -si $VI/api/supplier
    cap $S apache-502-json-timeout.txt 502 proxy apache "the handler sleeps 5 s, Apache's ProxyTimeout 2 fires before Varnish's 4 s: the JSON ErrorDocument" "" -- -sv $VI/api/slow
    cap $S apache-503-json-suppliers-down.txt 503 proxy apache "/suppliers/ goes to a port nothing listens on: the JSON ErrorDocument, through Varnish" "curl -si" -- -si $VI/suppliers/acme/prices
    cap $S apache-404-json-gateway.txt 404 proxy apache "a path Apache does not proxy: the JSON ErrorDocument 404" "" -- -sv $VI/v1/stock
    for i in 1 2 3; do quiet $VI/api/stock/search; done
    cap $S varnish-429-vsthrottle.txt 429 cdn-cache varnish "vsthrottle: the fourth lookup in 10 s gets Varnish's synthetic JSON 429" "curl -si" -- -si $VI/api/stock/search
fi

# =========================================== Django/uvicorn + Caddy ==
if up caddy; then
    log "capturing: Django (ASGI, uvicorn) behind Caddy"
    S=django-uvicorn-caddy
    cap $S django-404-json-caddy.txt 404 app django "unknown account: the view's JSON 404" "Server header removed by Caddy" -- -sv $DC/api/accounts/ACC-9
    cap $S django-404-stock-page.txt 404 app django "raise Http404 with DEBUG off: Django's stock 'Not Found' page" "curl -si" -- -si $DC/pages/pricing/
    caphttp $S django-422-httpie.txt 422 app django "HTTPie, an address without @" "HTTPie with colours" -- -v POST $DC/api/signup email=bob.example.com
    cap $S django-403-csrf.txt 403 app django "a POST without a CSRF token: Django's 'Forbidden (403) CSRF verification failed' page" "" -- -sv -X POST -d 'name=bob' $DC/api/profile
    cap $S django-500-stock-page.txt 500 app django "an AttributeError with DEBUG off: Django's 'Server Error (500)'" "" -- -sv $DC/api/boom
    capwin $S django-503-maintenance.txt 503 app django "the app's maintenance 503" "curl -si pasted with CRLF" -- -si $DC/api/maintenance
    cap $S django-504-sso.txt 504 app django "the identity provider timed out: the app's own JSON 504" "curl -si" -- -si $DC/api/sso
    cap $S django-302-redirect.txt 302 app django "an old account page: HttpResponseRedirect" "curl -si" -- -si $DC/account
    cap $S caddy-504-json-handle-errors.txt 504 proxy caddy "the view sleeps 5 s, response_header_timeout 2s: handle_errors JSON" "" -- -sv $DC/api/slow
    cap $S caddy-502-json-billing-down.txt 502 proxy caddy "/billing/ goes to a port nothing listens on: handle_errors JSON" "curl -si" -- -si $DC/billing/invoices
    cap $S caddy-503-json-exports-paused.txt 503 proxy caddy "the 'error ... 503' directive on /exports/: handle_errors JSON" "" -- -sv $DC/exports/accounts.csv
    caphttp $S caddy-403-admin-httpie.txt 403 proxy caddy "HTTPie: the 'error ... 403' directive on /admin/" "HTTPie with colours" -- -v GET $DC/admin/users
    cap $S caddy-502-body-too-large.txt 502 proxy caddy "a 6 KB upload over request_body max_size 4KB: Caddy 2.6 gives 502, rendered by handle_errors" "curl -si" -- -si -H 'Content-Type: text/csv' --data-binary @report.csv $DC/api/signup
fi

# ====================================================== Express + nginx ==
if up nginx; then
    log "capturing: Express behind nginx"
    S=express-nginx
    cap $S express-404-json-nginx.txt 404 app express "unknown cart: the handler's JSON 404 with nginx's request id" "Server: nginx (server_tokens off)" -- -sv $EN/api/carts/c9
    cap $S express-404-cannot-get-nginx.txt 404 app express "no route: Express's 'Cannot GET' HTML" "curl -si" -- -si $EN/api/wishlist
    cap $S express-400-bad-json-nginx.txt 400 app express "broken JSON: body-parser's 400 through the default error handler" "" -- -sv "${JSONH[@]}" -d '{"qty": ' $EN/api/carts/c1/items
    cap $S express-500-html-nginx.txt 500 app express "a thrown Error: Express's HTML 500 (nginx has no error_page for 500)" "" -- -sv $EN/api/boom
    cap $S express-500-empty-nginx.txt 500 app express "res.status(500).end(): an empty 500 passed" "curl -si" -- -si $EN/api/empty-error
    cap $S nginx-503-intercepted-json.txt 503 proxy nginx "Express's own 503 replaced by /errors/503.json (proxy_intercept_errors on)" "" -- -sv $EN/api/maintenance
    capraw $S nginx-504-intercepted-json.txt 504 proxy nginx "Express's own 504 replaced by /errors/504.json" "curl -si saved to a file (CRs kept)" -- -si $EN/api/shipping
    cap $S nginx-504-timeout-json.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 2s: /errors/504.json" "" -- -sv $EN/api/slow
    cap $S nginx-502-recommendations-down.txt 502 proxy nginx "/recommendations/ goes to a port nothing listens on: /errors/502.json" "curl -si" -- -si $EN/recommendations/for/c1
    cap $S nginx-413-json.txt 413 proxy nginx "a 3 KB body over client_max_body_size 2k: /errors/413.json" "" -- -sv "${JSONH[@]}" --data-binary @big.json $EN/api/carts/c1/items
    cap $S nginx-429-intercepted-app.txt 429 proxy nginx "the first coupon lookup passes limit_req; Express's own 429 is replaced by /errors/429.json" "curl -si" -- -si $EN/api/coupons
    for i in 1 2 3; do quiet $EN/api/coupons; done
    cap $S nginx-429-limit-req-json.txt 429 proxy nginx "limit_req 2r/s burst 1: nginx's 429 with /errors/429.json" "" -- -sv $EN/api/coupons
    cap $S nginx-403-dotgit.txt 403 proxy nginx "deny all on /.git: nginx's stock 403 page" "curl -si" -- -si $EN/.git/config
    cap $S nginx-503-return-json.txt 503 proxy nginx "a location that does 'return 503': /errors/503.json" "" -- -sv $EN/maintenance-check
fi

# ===================================================== Rails + Varnish ==
if up varnish; then
    log "capturing: Rails under Puma behind Varnish"
    S=rails-puma-varnish
    cap $S rails-200-miss.txt 200 app rails "the product list, first request: a MISS" "X-Cache: MISS" -- -sv $VR/api/products
    cap $S varnish-200-hit-rails.txt 200 cdn-cache varnish "the product list again: from Varnish's store" "curl -si; X-Cache: HIT" -- -si $VR/api/products
    cap $S rails-404-public-page.txt 404 app rails "RoutingError in production: public/404.html" "" -- -sv $VR/products/9
    cap $S rails-404-json-varnish.txt 404 app rails "unknown product on the API: the controller's JSON 404" "curl -si" -- -si $VR/api/products/9
    cap $S rails-422-csrf-page.txt 422 app rails "a form POST without the authenticity token: public/422.html" "" -- -sv -X POST -d 'product[name]=pan' $VR/products
    caphttp $S rails-422-httpie.txt 422 app rails "HTTPie, stars 9" "HTTPie with colours" -- -v POST $VR/api/reviews review:='{"stars": 9}'
    cap $S rails-500-public-page.txt 500 app rails "a NameError in production: public/500.html" "" -- -sv $VR/wishlists/3
    capwin $S rails-503-json.txt 503 app rails "the app's JSON 503 during an import" "curl -si pasted with CRLF" -- -si $VR/api/maintenance
    cap $S varnish-503-first-byte-timeout.txt 503 cdn-cache varnish "the action sleeps 5 s, first_byte_timeout 2s: the branded vcl_backend_error page" "" -- -sv $VR/api/slow
    cap $S varnish-503-legacy-down.txt 503 cdn-cache varnish "/legacy/ goes to a port nothing listens on: the branded page" "curl -si" -- -si $VR/legacy/catalog
    cap $S varnish-503-maintenance-synth.txt 503 cdn-cache varnish "the maintenance switch on /checkout: vcl_synth's branded page" "" -- -sv $VR/checkout/basket
    capwget $S varnish-503-legacy-wget.txt 503 cdn-cache varnish "wget, the legacy backend is down" "wget -S -O-" -- -S -O- --content-on-error $VR/legacy/catalog/2
fi

# =============================== Flask/gunicorn + nginx + HAProxy ==
if up haproxy && up nginx; then
    log "capturing: Flask under gunicorn behind nginx behind HAProxy"
    S=flask-gunicorn-nginx-haproxy
    cap $S flask-404-json-two-hops.txt 404 app flask "unknown report: the view's JSON 404 with HAProxy's request id" "" -- -sv $HR/api/reports/R-9
    cap $S flask-404-html-two-hops.txt 404 app flask "no route: Flask's stock 404 page" "curl -si" -- -si $HR/api/v2/reports
    cap $S flask-413-werkzeug.txt 413 app flask "a 6 KB upload: nginx allows 16k, MAX_CONTENT_LENGTH 2 KiB gives Werkzeug's 413" "" -- -sv -H 'Content-Type: text/csv' --data-binary @report.csv $HR/api/uploads
    cap $S flask-500-two-hops.txt 500 app flask "a TypeError: Flask's 'Internal Server Error' page" "" -- -sv $HR/api/boom
    cap $S flask-503-two-hops.txt 503 app flask "the app's maintenance 503 (the inner nginx does not intercept)" "curl -si" -- -si $HR/api/maintenance
    capraw $S flask-504-warehouse.txt 504 app flask "the warehouse timed out: the app's own JSON 504" "curl -si saved to a file (CRs kept)" -- -si $HR/api/warehouse
    cap $S nginx-504-branded-via-haproxy.txt 504 proxy nginx "the view sleeps 5 s: nginx's 2 s fires before HAProxy's 3 s, its branded 50x.html" "" -- -sv $HR/api/slow
    cap $S nginx-502-branded-legacy.txt 502 proxy nginx "/legacy/ goes to a port nothing listens on: nginx's branded 50x.html through HAProxy" "curl -si" -- -si $HR/legacy/reports/1
    cap $S nginx-413-stock-via-haproxy.txt 413 proxy nginx "a 20 KB upload over client_max_body_size 16k: nginx's stock 413" "" -- -sv -H 'Content-Type: text/csv' --data-binary @huge.csv $HR/api/uploads
    cap $S haproxy-504-outer-hop.txt 504 load-balancer haproxy "/api/archive/: nginx waits 10 s, HAProxy's timeout server 3s fires: JSON errorfile" "curl -si" -- -si $HR/api/archive/2019
    for i in 1 2 3; do quiet $HR/api/exports/daily; done
    cap $S haproxy-429-exports.txt 429 load-balancer haproxy "the stick-table limit on /api/exports: JSON errorfile 429" "" -- -sv $HR/api/exports/daily
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up haproxy && capbody $S body-fastify-404-route.txt 404/404 app fastify "Fastify's 'Route GET:... not found' JSON" "statusCode in the body" -- $FH/api/v3/payments
up haproxy && capbody $S body-haproxy-503-json.txt 503/503 load-balancer haproxy "the JSON errorfile for a backend with no server" "\"status\":503 in the body" -- $FH/fraud/api/score
up haproxy && capbody $S body-php-422.txt 0/422 app php "the Laravel-style 422 with errors" "no number" -- "${JSONH[@]}" -d '{}' $HP/api/invoices
up apache && capbody $S body-apache-50x-branded.txt 0/503 proxy apache "the branded 50x page for a dead backend" "no number" -- $NA/webhooks/stripe
up caddy && capbody $S body-caddy-502-json.txt 502/502 proxy caddy "handle_errors JSON for a dead backend" "\"status\":502 in the body" -- $DC/billing/summary
up caddy && capbody $S body-django-404-page.txt 0/404 app django "Django's stock 'Not Found' page" "no number" -- $DC/pages/careers/
up varnish && capbody $S body-varnish-503-branded.txt 0/503 cdn-cache varnish "the branded vcl_backend_error page" "no number" -- $VR/legacy/catalog/3
up varnish && capbody $S body-rails-404-page.txt 404/404 app rails "Rails' public/404.html" "(404) in its title" -- $VR/products/77
up nginx && capbody $S body-nginx-504-json.txt 504/504 proxy nginx "/errors/504.json for a timeout" "\"status\":504 in the body" -- $EN/api/slow

# ================================================ headers-only pastes ==
S=headers-only-paste
up haproxy && caphead $S head-haproxy-503-json.txt 503 load-balancer haproxy "curl -sI, no fraud server" "" -- $FH/fraud/api/score
up haproxy && caphead $S head-fastify-404.txt 404 app fastify "curl -sI on an unknown payment" "" -- $FH/api/payments/pay_77
up caddy && caphead $S head-caddy-502.txt 502 proxy caddy "curl -sI on the dead billing backend" "" -- $DC/billing/invoices
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on a cached product list" "X-Cache: HIT" -- $VR/api/products
up nginx && caphead $S head-nginx-403.txt 403 proxy nginx "curl -sI on /.git" "" -- $EN/.git/HEAD

# ================================== servers go away behind their fronts ==
if up haproxy; then
    stop_name sinatra; sleep 3
    cap sinatra-puma-haproxy haproxy-503-puma-stopped.txt 503 load-balancer haproxy "Puma is stopped, its check fails: the JSON errorfile" "" -- -sv $HS/api/bookings/BK-1
    stop_name php-fpm; sleep 3
    cap php-fpm-haproxy-fcgi haproxy-503-fpm-stopped.txt 503 load-balancer haproxy "PHP-FPM is stopped, its check fails: the JSON errorfile" "curl -si" -- -si $HP/api/invoices/INV-1
fi
if up apache; then
    stop_name nest; sleep 0.5
    cap nestjs-apache apache-503-nest-stopped.txt 503 proxy apache "NestJS is stopped: the branded 50x page" "" -- -sv $NA/api/tickets/T-1
fi
if up caddy; then
    stop_name django; sleep 0.5
    capwget django-uvicorn-caddy caddy-502-uvicorn-stopped-wget.txt 502 proxy caddy "wget, uvicorn is stopped: handle_errors JSON" "wget -S -O-" -- -S -O- --content-on-error $DC/api/accounts/ACC-1
fi
if up nginx; then
    stop_name express; sleep 0.5
    cap express-nginx nginx-502-express-stopped.txt 502 proxy nginx "Express is stopped: /errors/502.json" "" -- -sv $EN/api/carts/c1
fi
if up haproxy && up nginx; then
    stop_name flask; sleep 0.5
    cap flask-gunicorn-nginx-haproxy nginx-502-gunicorn-stopped.txt 502 proxy nginx "gunicorn is stopped: nginx's branded 50x.html through HAProxy" "curl -si" -- -si $HR/api/reports/R-1
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
{
    cat <<'HDR'
# Evidence corpus, ROUND 39 (held out): real responses captured by
# scripts/corpus/capture-round39.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as earlier rounds:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the body itself shows (0 = none)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`) or "headers-only" (`curl -sI`);
#              absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
HDR
    cat "$STAGE/labels.toml"
} >"$OUT/labels.toml"
cp "$STAGE"/*.txt "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round39/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
