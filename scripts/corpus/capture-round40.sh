#!/usr/bin/env bash
# capture-round40.sh — build the fortieth held-out evidence corpus in
# tests/fixtures/evidence-round40/.
#
# Mainstream, a twelfth set of pairings, over TLS (self-signed, 127.0.0.1)
# with HTTP/2 where the front offers it, and a cache on some paths:
# aiohttp behind HAProxy (TLS, h2) and behind Apache (TLS, HTTP/1.1);
# NestJS behind Caddy (tls internal, h2) and behind Varnish behind hitch;
# Koa behind Varnish behind hitch; Starlette under uvicorn behind nginx with
# proxy_cache and behind HAProxy with its cache; a PHP front controller under
# PHP-FPM behind nginx with fastcgi_cache; Flask under waitress behind Apache
# with mod_cache. Plain-HTTP ports that redirect to HTTPS. Paste forms:
# curl -sv/-si (some saved with CRs, some with CRLF), HTTPie -v with colours
# (--verify=no), wget -S --no-check-certificate, body-only and headers-only.
#
#   scripts/corpus/capture-round40.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round40.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round40.sh       # keep configs + logs in the runtime dir
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports
# 56000-56499) and the script stops if a new socket listens anywhere else; every curl, HTTPie
# and wget runs under `timeout`; every loop is bounded; every server it
# started is stopped on exit, by process id. Labels are written by
# finish_round40.py; if a label's status is not the one on the wire the
# fixtures are left as they were.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round40"
RUN=/tmp/api-triage-corpus40
STAGE="$RUN/evidence"
CONF="$HERE/conf-round40"
APPS="$HERE/apps40"
VENV=${CORPUS_VENV40:-/tmp/api-triage-corpus40-venv}
NODE_DIR=${CORPUS_NODE40:-/tmp/api-triage-corpus40-node}
GODIR=/nonexistent-corpus40
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http
PYPI=(flask==3.1.3 waitress==3.0.2 aiohttp==3.14.5 starlette==1.10.0 uvicorn==0.55.0)
NPM=(koa@2.16.4 koa-bodyparser@4.4.1 @koa/router@15.7.0 @nestjs/core@12.5.1 @nestjs/common@12.5.1 @nestjs/platform-express@12.5.1 reflect-metadata@0.2.2 rxjs@7.8.2)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus40 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PACKAGES=(httpie wget openssl python3-venv nodejs php8.2-fpm apache2 nginx haproxy caddy varnish hitch)
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
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, waitress, aiohttp, starlette, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 || SKIPPED[venv]="pip install failed"
}
install_npm() {
    [[ -e $NODE_DIR/node_modules/koa/package.json && -e $NODE_DIR/node_modules/koa-bodyparser/package.json && -e $NODE_DIR/node_modules/@nestjs/platform-express/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus40","private":true}' >"$NODE_DIR/package.json"
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
    if ! FINISH_FORM=$form FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round40.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS ]] || die "missing $CONF or $APPS"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,tls}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_npm
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "Koa/NestJS are missing (${SKIPPED[npm]})"

PORTS=(56010 56020 56030 56040 56050 56060 56100 56101 56150 56151 56152 56102 56200 56201 56202
       56300 56301 56302 56400 56401 56410 56411)
for p in "${PORTS[@]}"; do listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"; done
for i in $(seq 1 70); do
    busy=0
    for p in "${PORTS[@]}"; do ss -tanH "sport = :$p" 2>/dev/null | grep -q . && busy=1; done
    ((busy)) || break
    ((i == 1)) && log "waiting for sockets on our ports to clear"
    sleep 1
done
BEFORE=$(sockets)

# a self-signed certificate for every TLS front but Caddy (tls internal)
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 3 -subj "/CN=api.example.test" \
    -addext "subjectAltName=DNS:api.example.test,IP:127.0.0.1" \
    -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" >"$RUN/logs/openssl.log" 2>&1 || die "openssl failed"
cat "$RUN/tls/cert.pem" "$RUN/tls/key.pem" >"$RUN/tls/combined.pem"
chmod 755 "$RUN/tls"; chmod 644 "$RUN/tls"/*.pem

mkdir -p "$RUN"/apache "$RUN/php" "$RUN/php-fpm"
cp "$APPS"/php/index.php "$RUN/php/"
chmod -R a+rX "$RUN"

# ---- apps ------------------------------------------------------------------------
declare -A UP=()
NODE=(nice -n 5 env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production node)
PYENV=(nice -n 5 env PYTHONDONTWRITEBYTECODE=1)
start_bg aiohttp "${PYENV[@]}" "$VENV/bin/python" "$APPS/aiohttp_app.py" 56010
start_bg nest "${NODE[@]}" "$APPS/nest_app.js" 56020
start_bg koa "${NODE[@]}" "$APPS/koa_app.js" 56030
start_bg starlette "${PYENV[@]}" "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 56040 --no-access-log starlette_app:app
if have php8.2-fpm; then
    render "$CONF/php-fpm.conf" "$RUN/php-fpm/php-fpm.conf"
    chown -R www-data: "$RUN/php-fpm" "$RUN/php" 2>/dev/null || true
    start_bg php-fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/php-fpm.conf"
fi
start_bg waitress "${PYENV[@]}" PYTHONPATH="$APPS" "$VENV/bin/waitress-serve" --listen=127.0.0.1:56060 --threads=4 flask_app:app
for pn in 56010:aiohttp 56020:nest 56030:koa 56040:starlette 56050:php-fpm 56060:waitress; do
    wait_port "${pn%%:*}" "${pn#*:}" 600 && UP[${pn#*:}]=1
done
for a in aiohttp nest koa starlette php-fpm waitress; do
    up "$a" || die "$a did not start (a port taken by another program? run again)"
done

# ---- fronts -------------------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 56150 nginx && wait_port 56152 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 56100 caddy && wait_port 56101 caddy && wait_port 56102 caddy && UP[caddy]=1
fi
if have apache2; then
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 56200 apache && wait_port 56202 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
        start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
        wait_port 56300 haproxy && wait_port 56302 haproxy && UP[haproxy]=1
    else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
fi
if have varnish && have hitch; then
    mkdir -p "$RUN"/varnish "$RUN"/hitch
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a koa=127.0.0.1:56400 -a nest=127.0.0.1:56401 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m -p feature=+http2
    render "$CONF/hitch-koa.conf" "$RUN/hitch/hitch-koa.conf"
    render "$CONF/hitch-nest.conf" "$RUN/hitch/hitch-nest.conf"
    if wait_port 56400 varnish && wait_port 56401 varnish; then
        start_bg hitch-koa hitch --config="$RUN/hitch/hitch-koa.conf"
        start_bg hitch-nest hitch --config="$RUN/hitch/hitch-nest.conf"
        wait_port 56410 hitch-koa && wait_port 56411 hitch-nest && UP[varnish]=1
    fi
fi
sleep 3   # HAProxy's first health checks
AFTER=$(sockets)
while read -r proto addr; do
    [[ -z $addr ]] && continue
    grep -qxF "$proto $addr" <<<"$BEFORE" && continue
    [[ $addr == 127.0.0.1:* ]] || die "a server listens outside 127.0.0.1: $proto $addr"
done <<<"$AFTER"

AH=https://127.0.0.1:56300; AHP=http://127.0.0.1:56301; SH=https://127.0.0.1:56302
AA=https://127.0.0.1:56202
FA=https://127.0.0.1:56200; FAP=http://127.0.0.1:56201
NC=https://127.0.0.1:56100; NCP=http://127.0.0.1:56101
SN=https://127.0.0.1:56150; SNP=http://127.0.0.1:56151; PN=https://127.0.0.1:56152
KV=https://127.0.0.1:56410; NV=https://127.0.0.1:56411
JSONH=(-H 'Content-Type: application/json')
NCC=--no-check-certificate
head -c 3000 /dev/zero | tr '\0' a >"$RUN/work/small.bin"    # 3 KB: over Apache's 2048 and Koa's 1kb
head -c 1500 /dev/zero | tr '\0' b >"$RUN/work/form.bin"     # 1.5 KB: over Flask's 1 KiB, under Apache's 2 KiB
head -c 6000 /dev/zero | tr '\0' c >"$RUN/work/notes.txt"    # 6 KB: over Caddy's 4 KB
head -c 10000 /dev/zero | tr '\0' d >"$RUN/work/big.json"    # 10 KB: over HAProxy's 8 KB rule
head -c 20000 /dev/zero | tr '\0' e >"$RUN/work/scan.pdf"    # 20 KB: over nginx's 16k
head -c 70000 /dev/zero | tr '\0' f >"$RUN/work/huge.json"   # 70 KB: over aiohttp's 64 KiB
log "up: ${!UP[*]}"

# ================================================ aiohttp + HAProxy (TLS) ==
if up haproxy; then
    log "capturing: aiohttp behind HAProxy"
    S=aiohttp-haproxy-tls
    cap $S aiohttp-404-order-haproxy-h2.txt 404 app aiohttp "unknown order: the handler's JSON 404 (HTTP/2; HAProxy's X-Request-ID on the way out)" "curl -skv --http2" -- -skv --http2 $AH/api/orders/7
    cap $S aiohttp-404-no-route-haproxy.txt 404 app aiohttp "no route: aiohttp's plain '404: Not Found'" "curl -ski" -- -ski $AH/api/v2/orders
    caphttp $S aiohttp-422-httpie-haproxy.txt 422 app aiohttp "HTTPie, an order without sku" "HTTPie with colours, --verify=no" -- -v --verify=no POST $AH/api/orders qty:=2
    cap $S aiohttp-401-haproxy.txt 401 app aiohttp "no token on the admin reports" "" -- -skv $AH/api/admin/reports
    cap $S aiohttp-500-haproxy-h2.txt 500 app aiohttp "a TypeError in the handler: aiohttp's terse '500 Internal Server Error' page" "HTTP/2" -- -skv --http2 $AH/api/boom
    capwin $S aiohttp-503-haproxy-crlf.txt 503 app aiohttp "the app's maintenance 503 (Retry-After 600)" "curl -ski pasted with CRLF" -- -ski $AH/api/maintenance
    cap $S aiohttp-413-chunked-haproxy.txt 413 app aiohttp "a 70 KB chunked upload (no Content-Length, so HAProxy's rule does not match): aiohttp's client_max_size 413" "HTTP/1.1" -- -skv --http1.1 -H 'Transfer-Encoding: chunked' "${JSONH[@]}" --data-binary @huge.json $AH/api/orders
    cap $S haproxy-504-aiohttp-h2.txt 504 load-balancer haproxy "the handler sleeps 5 s, timeout server 2s: HAProxy's stock 504" "HTTP/2" -- -skv --http2 $AH/api/slow
    cap $S haproxy-503-reports-down.txt 503 load-balancer haproxy "/reports/ goes to a backend whose only server fails its check" "curl -ski" -- -ski $AH/reports/weekly
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "/internal/ denied by an http-request deny rule" "" -- -skv $AH/internal/metrics
    cap $S haproxy-413-content-length.txt 413 load-balancer haproxy "a 10 KB JSON body with its Content-Length: HAProxy's deny_status 413" "" -- -skv "${JSONH[@]}" --data-binary @big.json $AH/api/orders
    cap $S haproxy-301-to-https.txt 301 load-balancer haproxy "the plain-HTTP port: HAProxy's redirect to https" "curl -sv, plain HTTP" -- -sv $AHP/api/orders/1
fi

# ================================================= aiohttp + Apache (TLS) ==
if up apache; then
    log "capturing: aiohttp behind Apache"
    S=aiohttp-apache-tls
    cap $S aiohttp-404-order-apache.txt 404 app aiohttp "unknown order: the handler's JSON 404 (HTTP/1.1 over TLS)" "Server: Python/3.11 aiohttp" -- -skv $AA/api/orders/55
    cap $S aiohttp-404-no-route-apache.txt 404 app aiohttp "no route: '404: Not Found'" "curl -ski" -- -ski $AA/api/order/55
    cap $S aiohttp-429-apache.txt 429 app aiohttp "the export quota: the app's JSON 429 with Retry-After" "" -- -skv $AA/api/export
    caphttp $S aiohttp-401-httpie-apache.txt 401 app aiohttp "HTTPie, a wrong bearer token" "HTTPie with colours, --verify=no" -- -v --verify=no $AA/api/admin/reports 'Authorization:Bearer wrong'
    capraw $S aiohttp-500-apache-saved.txt 500 app aiohttp "the TypeError again: aiohttp's terse 500 relayed by Apache" "curl -ski saved to a file (CRs kept)" -- -ski $AA/api/boom
    cap $S apache-502-aiohttp-slow.txt 502 proxy apache "the handler sleeps 5 s, ProxyTimeout 2: Apache's stock 502 Proxy Error page" "" -- -skv $AA/api/slow
    cap $S apache-503-reports-dead.txt 503 proxy apache "/reports/ goes to a port nothing listens on: Apache's stock 503" "curl -ski" -- -ski $AA/reports/weekly
    cap $S apache-400-plain-http-on-tls.txt 400 proxy apache "plain HTTP sent to the TLS port: Apache's 'speaking plain HTTP to an SSL-enabled server port'" "curl -sv http:// to an https port" -- -sv http://127.0.0.1:56202/api/orders/1
fi

# ================================================ NestJS + Caddy (TLS, h2) ==
if up caddy; then
    log "capturing: NestJS behind Caddy"
    S=nestjs-caddy-tls
    cap $S nest-404-ticket-caddy-h2.txt 404 app nestjs "unknown ticket: NotFoundException's JSON (HTTP/2; the request id Caddy sent, echoed)" "HTTP/2" -- -skv --http2 $NC/api/tickets/T-9
    cap $S nest-404-cannot-get-caddy.txt 404 app nestjs "no route: Nest's 'Cannot GET /api/v2/tickets' JSON" "curl -ski" -- -ski $NC/api/v2/tickets
    cap $S nest-400-validation-caddy.txt 400 app nestjs "a ticket without subject: BadRequestException with a message list" "" -- -skv "${JSONH[@]}" -d '{}' $NC/api/tickets
    caphttp $S nest-422-httpie-caddy.txt 422 app nestjs "HTTPie, a p0 ticket: UnprocessableEntityException" "HTTPie with colours, --verify=no" -- -v --verify=no POST $NC/api/tickets subject=fire priority=p0
    cap $S nest-500-caddy-h2.txt 500 app nestjs "a TypeError: Nest's 'Internal server error' JSON" "HTTP/2" -- -skv --http2 $NC/api/boom
    capwin $S nest-503-caddy-crlf.txt 503 app nestjs "ServiceUnavailableException: search reindexing" "curl -ski pasted with CRLF" -- -ski $NC/api/maintenance
    cap $S nest-504-sla-caddy.txt 504 app nestjs "the SLA service did not answer in 1 s: the app's own GatewayTimeoutException" "" -- -skv $NC/api/sla
    cap $S caddy-502-billing-h2.txt 502 proxy caddy "/billing/* to a service that is not running: Caddy's empty 502" "HTTP/2" -- -skv --http2 $NC/billing/invoices
    cap $S caddy-504-nest-slow.txt 504 proxy caddy "the handler sleeps 5 s, response_header_timeout 2s: Caddy's empty 504" "curl -ski" -- -ski $NC/api/slow
    cap $S caddy-308-to-https.txt 308 proxy caddy "the plain-HTTP port: Caddy's redir to https" "curl -sv, plain HTTP" -- -sv $NCP/api/tickets/T-1
    cap $S caddy-502-body-cap.txt 502 proxy caddy "a 6 KB note over request_body max_size 4KB: the capped body fails on the way to Nest, Caddy's empty 502" "" -- -skv -H 'Content-Type: text/plain' --data-binary @notes.txt $NC/api/tickets
    cap $S caddy-421-sni-host.txt 421 proxy caddy "SNI tickets.example.test but Host admin.example.test, strict_sni_host on" "curl -skv --resolve" -- -skv --resolve tickets.example.test:56102:127.0.0.1 -H 'Host: admin.example.test' https://tickets.example.test:56102/api/tickets/T-1
fi

# ===================================================== Koa + Varnish + hitch ==
if up varnish; then
    log "capturing: Koa behind Varnish behind hitch"
    S=koa-varnish-hitch
    cap $S koa-200-catalog-miss.txt 200 app koa "the catalog, first request: a MISS Koa answered" "HTTP/2 through hitch" -- -skv --http2 $KV/api/catalog
    cap $S varnish-200-catalog-hit.txt 200 cdn-cache varnish "the catalog again: a HIT from Varnish" "HTTP/2; X-Cache: HIT, Age" -- -skv --http2 $KV/api/catalog
    cap $S varnish-304-catalog.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's 304" "" -- -skv -H 'If-None-Match: "catalog-41"' $KV/api/catalog
    cap $S koa-404-user-miss.txt 404 app koa "unknown user: the handler's JSON 404, a MISS" "curl -ski" -- -ski $KV/api/users/42
    cap $S koa-404-user-hit.txt 404 app koa "the same 404 again: Varnish keeps it for its default TTL (a HIT of the app's 404)" "X-Cache: HIT" -- -skv --http2 $KV/api/users/42
    cap $S koa-404-not-found-varnish.txt 404 app koa "no route: Koa's plain 'Not Found'" "" -- -skv $KV/api/v2/users
    caphttp $S koa-422-httpie-varnish.txt 422 app koa "HTTPie, a user without email (POST is passed)" "HTTPie with colours, --verify=no" -- -v --verify=no POST $KV/api/users name=ada
    cap $S koa-401-varnish.txt 401 app koa "ctx.throw(401): Koa's plain 'Unauthorized'" "" -- -skv $KV/api/admin/users
    cap $S koa-500-varnish-h2.txt 500 app koa "a TypeError: Koa's plain 'Internal Server Error'" "HTTP/2" -- -skv --http2 $KV/api/boom
    capraw $S koa-503-varnish-saved.txt 503 app koa "the app's maintenance 503 passed by Varnish" "curl -ski saved to a file (CRs kept)" -- -ski $KV/api/maintenance
    cap $S koa-413-varnish.txt 413 app koa "a 3 KB JSON body over koa-bodyparser's jsonLimit 1kb" "" -- -skv "${JSONH[@]}" --data-binary @small.bin $KV/api/users
    cap $S varnish-503-koa-slow.txt 503 cdn-cache varnish "the handler sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "HTTP/2" -- -skv --http2 $KV/api/slow
    capwget $S varnish-503-legacy-wget.txt 503 cdn-cache varnish "wget, /legacy/ to a backend that is not running" "wget -S --no-check-certificate" -- -S -O- $NCC --content-on-error $KV/legacy/orders
fi

# ================================================== NestJS + Varnish + hitch ==
if up varnish; then
    log "capturing: NestJS behind Varnish behind hitch"
    S=nestjs-varnish-hitch
    cap $S nest-200-ticket-miss-varnish.txt 200 app nestjs "a ticket, first request: a MISS Nest answered (Express's ETag, no Cache-Control)" "HTTP/2 through hitch" -- -skv --http2 $NV/api/tickets/T-1
    cap $S varnish-200-ticket-hit.txt 200 cdn-cache varnish "the ticket again: a HIT" "curl -ski; X-Cache: HIT" -- -ski $NV/api/tickets/T-1
    ET=$(in_work timeout 10 curl -sk -o /dev/null -D - $NV/api/tickets/T-1 | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
    cap $S varnish-304-ticket.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's 304" "HTTP/2" -- -skv --http2 -H "If-None-Match: $ET" $NV/api/tickets/T-1
    quiet -k $NV/api/tickets/T-77
    cap $S nest-404-ticket-hit-varnish.txt 404 app nestjs "an unknown ticket asked twice: Nest's 404 kept by Varnish (HIT)" "X-Cache: HIT" -- -skv $NV/api/tickets/T-77
    cap $S nest-429-varnish.txt 429 app nestjs "the ThrottlerException-style 429 with Retry-After" "" -- -skv --http2 $NV/api/search
    caphttp $S nest-403-httpie-varnish.txt 403 app nestjs "HTTPie, the audit log: ForbiddenException" "HTTPie with colours, --verify=no" -- -v --verify=no $NV/api/audit
    cap $S varnish-503-nest-slow.txt 503 cdn-cache varnish "the handler sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "curl -ski" -- -ski $NV/api/slow
fi

# ===================================== Starlette + nginx proxy_cache (TLS, h2) ==
if up nginx; then
    log "capturing: Starlette behind nginx with proxy_cache"
    S=starlette-uvicorn-nginx-cache-tls
    cap $S starlette-200-rooms-miss-nginx.txt 200 app starlette "the room list, first request: X-Cache-Status MISS" "HTTP/2" -- -skv --http2 $SN/api/rooms
    cap $S nginx-200-rooms-hit.txt 200 cdn-cache nginx "the room list again: served from proxy_cache (HIT)" "HTTP/2; server: uvicorn kept in the stored headers" -- -skv --http2 $SN/api/rooms
    cap $S nginx-304-rooms-inm.txt 304 cdn-cache nginx "If-None-Match with the stored ETag: nginx's 304 from the cache" "HTTP/2" -- -skv --http2 -H 'If-None-Match: "rooms-v7"' $SN/api/rooms
    capraw $S nginx-304-rooms-ims-saved.txt 304 cdn-cache nginx "If-Modified-Since the stored date: nginx's 304" "curl -ski saved to a file (CRs kept)" -- -ski -H 'If-Modified-Since: Thu, 03 Dec 2026 08:00:00 GMT' $SN/api/rooms
    cap $S starlette-404-booking-miss-nginx.txt 404 app starlette "unknown booking: the problem JSON with nginx's request id, a MISS" "" -- -skv $SN/api/bookings/9
    cap $S starlette-404-booking-hit-nginx.txt 404 app starlette "the same 404 again: kept by proxy_cache_valid 404 30s (HIT)" "HTTP/2; X-Cache-Status: HIT" -- -skv --http2 $SN/api/bookings/9
    cap $S starlette-404-plain-nginx.txt 404 app starlette "HTTPException(404): Starlette's plain 'Not Found'" "curl -ski" -- -ski $SN/api/bookings/legacy
    caphttp $S starlette-422-httpie-nginx.txt 422 app starlette "HTTPie, a booking without room" "HTTPie with colours, --verify=no" -- -v --verify=no POST $SN/api/bookings nights:=2
    cap $S starlette-500-nginx-h2.txt 500 app starlette "ZeroDivisionError: Starlette's plain 'Internal Server Error'" "HTTP/2" -- -skv --http2 $SN/api/boom
    capwin $S starlette-503-nginx-crlf.txt 503 app starlette "the app's maintenance problem JSON" "curl -ski pasted with CRLF" -- -ski $SN/api/maintenance
    cap $S nginx-504-starlette-slow.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 2s: nginx's stock 504" "HTTP/2" -- -skv --http2 $SN/api/slow
    cap $S nginx-502-billing.txt 502 proxy nginx "/billing/ to a port nothing listens on: nginx's stock 502" "" -- -skv $SN/billing/invoices
    cap $S nginx-404-unrouted.txt 404 proxy nginx "a path outside /api/: nginx's own 404 page" "curl -ski" -- -ski $SN/wp-login.php
    cap $S nginx-413-upload.txt 413 proxy nginx "a 20 KB document over client_max_body_size 16k" "HTTP/2" -- -skv --http2 -H 'Content-Type: application/pdf' --data-binary @scan.pdf $SN/api/documents
    cap $S nginx-301-to-https.txt 301 proxy nginx "the plain-HTTP port: nginx's return 301 to https" "curl -sv, plain HTTP" -- -sv $SNP/api/rooms
    cap $S nginx-400-plain-http-on-tls.txt 400 proxy nginx "plain HTTP sent to the TLS port: nginx's 'The plain HTTP request was sent to HTTPS port'" "curl -sv http:// to an https port" -- -sv http://127.0.0.1:56150/api/rooms
fi

# ============================================= Starlette + HAProxy cache (TLS) ==
if up haproxy; then
    log "capturing: Starlette behind HAProxy with its cache"
    S=starlette-uvicorn-haproxy-cache-tls
    cap $S starlette-200-rooms-miss-haproxy.txt 200 app starlette "the room list through HAProxy, first request: X-Cache-Status MISS" "HTTP/2" -- -skv --http2 $SH/api/rooms
    cap $S haproxy-200-rooms-hit.txt 200 cdn-cache haproxy "the room list again: served from HAProxy's cache" "HTTP/2; X-Cache-Status: HIT" -- -skv --http2 $SH/api/rooms
    cap $S haproxy-304-rooms.txt 304 cdn-cache haproxy "If-None-Match with the stored ETag: HAProxy's cache answers 304" "curl -ski" -- -ski -H 'If-None-Match: "rooms-v7"' $SH/api/rooms
    cap $S starlette-404-booking-haproxy.txt 404 app starlette "unknown booking: problem JSON with HAProxy's unique id as request_id" "" -- -skv $SH/api/bookings/404
    cap $S starlette-429-haproxy.txt 429 app starlette "the availability endpoint's own 429" "HTTP/2" -- -skv --http2 $SH/api/availability
    caphttp $S starlette-403-httpie-haproxy.txt 403 app starlette "HTTPie with a token that is not the front desk's" "HTTPie with colours, --verify=no" -- -v --verify=no $SH/api/admin/guests 'Authorization:Bearer housekeeping'
    cap $S starlette-400-bad-json-haproxy.txt 400 app starlette "a body that is not JSON: HTTPException(400) plain text" "" -- -skv "${JSONH[@]}" -d '{room:' $SH/api/bookings
    cap $S haproxy-504-starlette-slow.txt 504 load-balancer haproxy "the handler sleeps 5 s, timeout server 2s: HAProxy's stock 504" "HTTP/2" -- -skv --http2 $SH/api/slow
    cap $S haproxy-503-legacy-down.txt 503 load-balancer haproxy "/legacy/ to a backend whose server is DOWN" "curl -ski" -- -ski $SH/legacy/bookings
fi

# ======================================== PHP-FPM + nginx fastcgi_cache (TLS) ==
if up nginx; then
    log "capturing: PHP-FPM behind nginx with fastcgi_cache"
    S=php-fpm-nginx-fastcgi-cache-tls
    cap $S php-200-products-miss.txt 200 app php "the product list, first request: X-Cache-Status MISS" "HTTP/2" -- -skv --http2 $PN/api/products
    cap $S nginx-200-products-hit.txt 200 cdn-cache nginx "the product list again: served from fastcgi_cache (HIT)" "HTTP/2; X-Cache-Status: HIT" -- -skv --http2 $PN/api/products
    cap $S nginx-304-products.txt 304 cdn-cache nginx "If-None-Match with the stored ETag: nginx's 304" "curl -ski" -- -ski -H 'If-None-Match: "products-v3"' $PN/api/products
    cap $S php-404-product-miss.txt 404 app php "unknown product (public, max-age=30): the Laravel-style 404, a MISS" "" -- -skv $PN/api/products/P-9
    cap $S php-404-product-hit.txt 404 app php "the same 404 again: kept by fastcgi_cache (HIT)" "HTTP/2; X-Cache-Status: HIT" -- -skv --http2 $PN/api/products/P-9
    cap $S php-404-invoice-nginx.txt 404 app php "unknown invoice (no-cache, private: not kept)" "curl -ski" -- -ski $PN/api/invoices/INV-7
    caphttp $S php-422-httpie-nginx.txt 422 app php "HTTPie, an invoice without customer_id" "HTTPie with colours, --verify=no" -- -v --verify=no POST $PN/api/invoices total:=100
    cap $S php-500-empty-nginx-h2.txt 500 app php "a fatal error with display_errors off: PHP's empty 500" "HTTP/2" -- -skv --http2 $PN/api/boom
    capraw $S php-503-nginx-saved.txt 503 app php "the app's maintenance 503" "curl -ski saved to a file (CRs kept)" -- -ski $PN/api/maintenance
    cap $S php-504-tax-nginx.txt 504 app php "the tax service did not answer in 1 s: the app's own JSON 504" "" -- -skv $PN/api/tax
    cap $S nginx-504-php-slow.txt 504 proxy nginx "the script sleeps 5 s, fastcgi_read_timeout 2s: nginx's stock 504" "HTTP/2" -- -skv --http2 $PN/api/slow
    cap $S nginx-502-reports-fpm-dead.txt 502 proxy nginx "/reports/ to an FPM port nothing listens on: nginx's stock 502" "curl -ski" -- -ski $PN/reports/q3
    cap $S nginx-404-missing-php.txt 404 app nginx "a .php file that is not there: try_files ... =404 (nginx as the origin web server of the PHP site)" "" -- -skv $PN/install.php
fi

# ================================= Flask + waitress + Apache mod_cache (TLS, h2) ==
if up apache; then
    log "capturing: Flask under waitress behind Apache with mod_cache"
    S=flask-waitress-apache-cache-tls
    cap $S flask-200-rates-miss-apache.txt 200 app flask "the rates, first request: X-Cache MISS" "HTTP/2; Server: waitress" -- -skv --http2 $FA/api/rates
    cap $S apache-200-rates-hit.txt 200 cdn-cache apache "the rates again: served by mod_cache (X-Cache HIT)" "HTTP/2" -- -skv --http2 $FA/api/rates
    cap $S apache-304-rates.txt 304 cdn-cache apache "If-None-Match with the stored ETag: mod_cache's 304" "curl -ski" -- -ski -H 'If-None-Match: "rates-2026-12-03"' $FA/api/rates
    cap $S flask-404-invoice-apache.txt 404 app flask "unknown invoice: the view's JSON 404" "HTTP/2" -- -skv --http2 $FA/api/invoices/7
    cap $S flask-404-stock-apache.txt 404 app flask "no route: Werkzeug's 'Not Found' page" "curl -ski" -- -ski $FA/api/v2/invoices
    caphttp $S flask-422-httpie-apache.txt 422 app flask "HTTPie, an invoice without an integer amount" "HTTPie with colours, --verify=no" -- -v --verify=no POST $FA/api/invoices amount=lots
    cap $S flask-401-apache.txt 401 app flask "no admin token: the view's JSON 401" "" -- -skv $FA/api/admin/invoices
    cap $S flask-500-apache-h2.txt 500 app flask "a TypeError: Flask's 'Internal Server Error' page" "HTTP/2" -- -skv --http2 $FA/api/boom
    capwin $S flask-503-apache-crlf.txt 503 app flask "the app's maintenance 503" "curl -ski pasted with CRLF" -- -ski $FA/api/maintenance
    cap $S flask-413-werkzeug-apache.txt 413 app flask "a 1.5 KB body: under Apache's 2048, over MAX_CONTENT_LENGTH: Werkzeug's 413 page" "" -- -skv "${JSONH[@]}" --data-binary @form.bin $FA/api/invoices
    cap $S apache-413-limit.txt 413 proxy apache "a 3 KB body over LimitRequestBody 2048: Apache's stock 413" "HTTP/2" -- -skv --http2 "${JSONH[@]}" --data-binary @small.bin $FA/api/invoices
    cap $S apache-502-flask-slow.txt 502 proxy apache "the view sleeps 5 s, ProxyTimeout 2: Apache's stock 502 Proxy Error page" "HTTP/2" -- -skv --http2 $FA/api/slow
    cap $S apache-503-legacy.txt 503 proxy apache "/legacy/ to a port nothing listens on: Apache's stock 503" "" -- -skv $FA/legacy/rates
    cap $S apache-301-to-https.txt 301 proxy apache "the plain-HTTP port: Apache's Redirect permanent to https" "curl -sv, plain HTTP" -- -sv $FAP/api/rates
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up haproxy && capbody $S body-aiohttp-404-plain.txt 404/404 app aiohttp "aiohttp's '404: Not Found' through HAProxy" "'404' in the text" -- -k $AH/api/v3/orders
up haproxy && capbody $S body-haproxy-504.txt 504/504 load-balancer haproxy "HAProxy's stock 504 page" "'504 Gateway Time-out' in the page" -- -k $SH/api/slow
up nginx && capbody $S body-nginx-502.txt 502/502 proxy nginx "nginx's stock 502 page" "'502 Bad Gateway' in the page" -- -k $SN/billing/summary
up nginx && capbody $S body-starlette-500.txt 0/500 app starlette "Starlette's plain 'Internal Server Error'" "no number" -- -k $SN/api/boom
up varnish && capbody $S body-koa-404.txt 0/404 app koa "Koa's plain 'Not Found' through Varnish" "no number" -- -k $KV/api/v3/users
up varnish && capbody $S body-varnish-503.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' guru page" "'Error 503' in the page" -- -k $KV/legacy/catalog
up caddy && capbody $S body-nest-404.txt 404/404 app nestjs "Nest's 'Cannot GET' JSON through Caddy" "statusCode in the body" -- -k $NC/api/v3/tickets
up nginx && capbody $S body-php-422.txt 0/422 app php "the Laravel-style 422 with errors" "no number" -- -k "${JSONH[@]}" -d '{}' $PN/api/invoices
up apache && capbody $S body-apache-503.txt 0/503 proxy apache "Apache's stock 'Service Unavailable' page" "no number" -- -k $FA/legacy/ledger

# ================================================ headers-only pastes ==
S=headers-only-paste
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -skI on the cached catalog" "X-Cache: HIT" -- -k $KV/api/catalog
up nginx && caphead $S head-nginx-200-hit.txt 200 cdn-cache nginx "curl -skI on the cached room list (HTTP/2)" "X-Cache-Status: HIT" -- -k --http2 $SN/api/rooms
up haproxy && caphead $S head-haproxy-503.txt 503 load-balancer haproxy "curl -skI on the DOWN reports backend" "" -- -k $AH/reports/monthly
up caddy && caphead $S head-caddy-502.txt 502 proxy caddy "curl -skI on the dead billing service" "" -- -k $NC/billing/invoices
up apache && caphead $S head-flask-404.txt 404 app flask "curl -skI on an unknown invoice through Apache" "" -- -k $FA/api/invoices/8

# ================================== servers go away behind their fronts ==
if up haproxy && up apache; then
    stop_name aiohttp; sleep 4
    cap aiohttp-haproxy-tls haproxy-503-aiohttp-stopped.txt 503 load-balancer haproxy "aiohttp is stopped: HAProxy's stock 503" "HTTP/2" -- -skv --http2 $AH/api/orders/1
    caphttp aiohttp-apache-tls apache-503-aiohttp-stopped-httpie.txt 503 proxy apache "HTTPie, aiohttp is stopped: Apache's stock 503" "HTTPie with colours, --verify=no" -- -v --verify=no $AA/api/orders/1
fi
if up caddy; then
    stop_name nest; sleep 0.5
    cap nestjs-caddy-tls caddy-502-nest-stopped.txt 502 proxy caddy "NestJS is stopped: Caddy's empty 502" "HTTP/2" -- -skv --http2 $NC/api/tickets/T-1
    up varnish && cap nestjs-varnish-hitch varnish-503-nest-stopped.txt 503 cdn-cache varnish "NestJS is stopped, an uncached ticket: 'Backend fetch failed'" "" -- -skv $NV/api/tickets/T-2
fi
if up varnish; then
    stop_name koa; sleep 0.5
    cap koa-varnish-hitch varnish-200-catalog-hit-koa-stopped.txt 200 cdn-cache varnish "Koa is stopped: the catalog still a HIT" "HTTP/2; X-Cache: HIT" -- -skv --http2 $KV/api/catalog
fi
if up nginx; then
    stop_name starlette; sleep 0.5
    cap starlette-uvicorn-nginx-cache-tls nginx-200-rooms-hit-app-stopped.txt 200 cdn-cache nginx "uvicorn is stopped: the room list still a fresh HIT" "curl -ski" -- -ski $SN/api/rooms
    cap starlette-uvicorn-nginx-cache-tls nginx-502-starlette-stopped.txt 502 proxy nginx "uvicorn is stopped, an uncached booking: nginx's stock 502" "HTTP/2" -- -skv --http2 $SN/api/bookings/1
    up haproxy && { sleep 3; cap starlette-uvicorn-haproxy-cache-tls haproxy-503-starlette-stopped.txt 503 load-balancer haproxy "uvicorn is stopped: HAProxy's stock 503 (the cache has no copy of the booking)" "" -- -skv $SH/api/bookings/1; }
    stop_name php-fpm; sleep 0.5
    capraw php-fpm-nginx-fastcgi-cache-tls nginx-502-fpm-stopped-saved.txt 502 proxy nginx "PHP-FPM is stopped: nginx's stock 502" "curl -ski saved to a file (CRs kept)" -- -ski $PN/api/invoices/INV-1
fi
if up apache; then
    stop_name waitress; sleep 0.5
    cap flask-waitress-apache-cache-tls apache-200-rates-hit-app-stopped.txt 200 cdn-cache apache "waitress is stopped: the rates still served by mod_cache" "HTTP/2; X-Cache: HIT" -- -skv --http2 $FA/api/rates
    capwget flask-waitress-apache-cache-tls apache-503-waitress-stopped-wget.txt 503 proxy apache "wget, waitress is stopped: Apache's stock 503" "wget -S --no-check-certificate" -- -S -O- $NCC --content-on-error $FA/api/invoices/1
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
# Evidence corpus, ROUND 40 (held out): real responses captured by
# scripts/corpus/capture-round40.sh from real servers on 127.0.0.1, one
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round40/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
