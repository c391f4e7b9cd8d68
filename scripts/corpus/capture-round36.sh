#!/usr/bin/env bash
# capture-round36.sh — build the thirty-sixth held-out evidence corpus in
# tests/fixtures/evidence-round36/.
#
# Mainstream again, a tenth set of pairings: app servers behind the fronts
# their docs suggest, each pair new to the corpus. Tornado behind Caddy;
# Falcon under waitress behind nginx; Starlette under Hypercorn behind Apache
# mod_proxy_http; hapi behind Caddy; Mojolicious (production mode) behind
# HAProxy; Pyramid under waitress behind lighttpd mod_proxy; CherryPy behind
# nginx behind Varnish; Sanic behind HAProxy; Koa behind Caddy; PHP's
# built-in server behind Caddy. What an on-call engineer meets: the app's own
# 4xx/5xx (JSON and HTML, with and without request ids), the front's own
# 502/503/504/413/414/431/400/404/403, redirects, 401/403/429 from the app,
# HEAD and OPTIONS. Paste forms: curl -sv/-si (some saved with CRs, some with
# CRLF), HTTPie -v with colours, wget -S, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round36.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round36.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round36.sh       # keep configs + logs in the runtime dir
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports
# 54000-54499) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round36.py; if a label's status is not the one on the
# wire the fixtures are left as they were.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round36"
RUN=/tmp/api-triage-corpus36
STAGE="$RUN/evidence"
CONF="$HERE/conf-round36"
APPS="$HERE/apps36"
VENV=${CORPUS_VENV36:-/tmp/api-triage-corpus36-venv}
NODE_DIR=${CORPUS_NODE36:-/tmp/api-triage-corpus36-node}
GODIR=/nonexistent-corpus36
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http
PYPI=(tornado==6.6.1 falcon==4.4.0 waitress==3.0.2 starlette==1.10.0 Hypercorn==0.18.0 pyramid==2.1 CherryPy==18.10.0 sanic==25.12.1)
NPM=(@hapi/hapi@21.4.13 koa@3.3.0 @koa/router@15.7.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus36 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PACKAGES=(httpie wget python3-venv nodejs php8.2-cli libmojolicious-perl apache2 nginx haproxy caddy varnish lighttpd)
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
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import tornado, falcon, waitress, starlette, hypercorn, pyramid, cherrypy, sanic" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 || SKIPPED[venv]="pip install failed"
}
install_npm() {
    [[ -e $NODE_DIR/node_modules/@hapi/hapi/package.json && -e $NODE_DIR/node_modules/koa/package.json && -e $NODE_DIR/node_modules/@koa/router/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus36","private":true}' >"$NODE_DIR/package.json"
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
render() { local src=$1 dest=$2; shift 2; sed -e "s|@RUN@|$RUN|g" "$@" "$src" >"$dest"; }
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
    if ! FINISH_FORM=$form FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round36.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_npm
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "hapi/Koa are missing (${SKIPPED[npm]})"

PORTS=(54010 54020 54030 54040 54050 54060 54070 54080 54090 54095 54100 54110 54200 54201 54202 54203 54300 54301 54350 54400 54450
       54093 54094 54096 54097 54098 54099)
for p in "${PORTS[@]}"; do listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"; done
# A connection of an earlier run (or any client that drew one of these ports
# as its source port) can still hold a port in TIME-WAIT, and some of the app
# servers bind without SO_REUSEADDR: wait for them to clear (70 s at most).
for i in $(seq 1 70); do
    busy=0
    for p in "${PORTS[@]}"; do ss -tanH "sport = :$p" 2>/dev/null | grep -q . && busy=1; done
    ((busy)) || break
    ((i == 1)) && log "waiting for sockets on our ports to clear"
    sleep 1
done
BEFORE=$(sockets)

# ---- apps ------------------------------------------------------------------------
declare -A UP=()
VPY=(nice -n 5 env PYTHONPATH="$APPS" PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/python")
NODE=(nice -n 5 env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production node)
start_bg tornado "${VPY[@]}" "$APPS/tornado_app.py" 54010
start_bg falcon nice -n 5 env PYTHONPATH="$APPS" PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/waitress-serve" --listen=127.0.0.1:54020 --threads=4 falcon_app:app
start_bg starlette nice -n 5 env PYTHONPATH="$APPS" PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/hypercorn" --bind 127.0.0.1:54030 starlette_app:app
start_bg hapi "${NODE[@]}" "$APPS/hapi_app.js" 54040
start_bg mojo nice -n 5 env MOJO_MODE=production perl "$APPS/mojo_app.pl" daemon -l http://127.0.0.1:54050
start_bg pyramid "${VPY[@]}" "$APPS/pyramid_app.py" 54060
start_bg cherrypy "${VPY[@]}" "$APPS/cherrypy_app.py" 54070
start_bg sanic "${VPY[@]}" "$APPS/sanic_app.py" 54080
start_bg koa "${NODE[@]}" "$APPS/koa_app.js" 54090
start_bg php nice -n 5 env PHP_CLI_SERVER_WORKERS=4 php -d display_errors=0 -d log_errors=1 -d expose_php=1 \
    -S 127.0.0.1:54095 -t "$APPS/php" "$APPS/php/router.php"
for pn in 54010:tornado 54020:falcon 54030:starlette 54040:hapi 54050:mojo 54060:pyramid 54070:cherrypy 54080:sanic 54090:koa 54095:php; do
    wait_port "${pn%%:*}" "${pn#*:}" 600 && UP[${pn#*:}]=1
done
for a in tornado falcon starlette hapi mojo pyramid cherrypy sanic koa php; do
    up "$a" || die "$a did not start (a port taken by another program? run again)"
done

# ---- fronts -------------------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/{tmp,empty}
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 54100 nginx && wait_port 54110 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 54200 caddy && wait_port 54203 caddy && UP[caddy]=1
fi
if have apache2; then
    mkdir -p "$RUN"/apache/htdocs
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 54400 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
        start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
        wait_port 54300 haproxy && wait_port 54301 haproxy && UP[haproxy]=1
    else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
fi
if have lighttpd; then
    mkdir -p "$RUN"/lighttpd/htdocs
    render "$CONF/lighttpd.conf" "$RUN/lighttpd/lighttpd.conf"
    if lighttpd -tt -f "$RUN/lighttpd/lighttpd.conf" >"$RUN/logs/lighttpd-t.log" 2>&1; then
        start_bg lighttpd lighttpd -D -f "$RUN/lighttpd/lighttpd.conf"
        wait_port 54350 lighttpd && UP[lighttpd]=1
    else log "SKIP lighttpd: config test failed"; cat "$RUN/logs/lighttpd-t.log" >&2; fi
fi
if have varnish && up nginx; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:54450 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 54450 varnish && UP[varnish]=1
fi
sleep 2   # HAProxy's first health checks
AFTER=$(sockets)
while read -r proto addr; do
    [[ -z $addr ]] && continue
    grep -qxF "$proto $addr" <<<"$BEFORE" && continue
    [[ $addr == 127.0.0.1:* ]] || die "a server listens outside 127.0.0.1: $proto $addr"
done <<<"$AFTER"

TC=http://127.0.0.1:54200; HC=http://127.0.0.1:54201; KC=http://127.0.0.1:54202; PC=http://127.0.0.1:54203
NB=http://127.0.0.1:54100; AP=http://127.0.0.1:54400; HM=http://127.0.0.1:54300; HS=http://127.0.0.1:54301
LP=http://127.0.0.1:54350; VN=http://127.0.0.1:54450
TO=http://127.0.0.1:54010; FA=http://127.0.0.1:54020; SH=http://127.0.0.1:54030; PR=http://127.0.0.1:54060
JSONH=(-H 'Content-Type: application/json')
head -c 2048 /dev/zero | tr '\0' a >"$RUN/work/big.json"          # 2 KiB: over every front's 1 KiB cap
LONGQ=$(head -c 1600 /dev/zero | tr '\0' x)                       # a 1.6 KiB query string
COOKIE="Cookie: session=$(head -c 1500 /dev/zero | tr '\0' c)"    # a 1.5 KiB cookie
FAT="X-Debug-Context: $(head -c 5000 /dev/zero | tr '\0' d)"      # 5 KB header (Caddy's 4 KB, lighttpd's 2 KiB)
HUGE="X-Trace-Baggage: $(head -c 9000 /dev/zero | tr '\0' b)"      # 9 KB header (HAProxy's 8 KiB buffer)
log "up: ${!UP[*]}"

# ===================================================== Tornado + Caddy ==
if up caddy; then
    S=tornado-caddy
    cap $S tornado-404-json-caddy.txt 404 app tornado "unknown shipment: the handler's JSON 404 with a request_id" "Server: Caddy and TornadoServer both" -- -sv $TC/api/shipments/SH-404
    cap $S tornado-404-default-caddy.txt 404 app tornado "no route under /api/: Tornado's '404: Not Found' HTML" "curl -si" -- -si $TC/api/v2/shipments
    caphttp $S tornado-401-httpie.txt 401 app tornado "HTTPie, no token on the admin route" "HTTPie with colours" -- -v GET $TC/api/admin/jobs
    cap $S tornado-429-caddy.txt 429 app tornado "the tracking lookup's own rate limit" "Retry-After: 30" -- -sv $TC/api/track
    cap $S tornado-500-caddy.txt 500 app tornado "a RuntimeError: Tornado's '500: Internal Server Error' HTML" "" -- -sv $TC/api/boom
    capwin $S tornado-503-caddy-crlf.txt 503 app tornado "the app's maintenance 503" "curl -si pasted with CRLF" -- -si $TC/api/maintenance
    cap $S tornado-405-options.txt 405 app tornado "OPTIONS on a handler with no options method: Tornado's 405" "" -- -sv -X OPTIONS $TC/api/shipments/1
    cap $S caddy-504-tornado-slow.txt 504 proxy caddy "the handler sleeps 5 s, response_header_timeout 2s" "" -- -sv $TC/api/slow
    cap $S caddy-502-ledger-down.txt 502 proxy caddy "/ledger/ goes to a port nothing listens on" "curl -si" -- -si $TC/ledger/api/entries
    cap $S caddy-404-respond.txt 404 proxy caddy "a path Caddy does not send to the app: respond \"Not Found\" 404" "" -- -sv $TC/healthz
    cap $S caddy-431-header-too-big.txt 431 proxy caddy "a 9 KB header over max_header_size 4KB (Go allows 4 KiB more): Go's net/http answers inside Caddy" "" -- -sv -H "$HUGE" $TC/api/shipments/1
    capraw $S caddy-502-body-too-large-tornado.txt 502 proxy caddy "a 2 KiB label upload over request_body max_size 1KB: Caddy 2.6 answers an empty 502, not 413" "curl -si saved to a file (CRs kept)" -- -si "${JSONH[@]}" --data-binary @big.json $TC/api/labels
fi

# ============================================ Falcon/waitress + nginx ==
if up nginx; then
    S=falcon-waitress-nginx
    cap $S falcon-404-json-nginx.txt 404 app falcon "unknown invoice: HTTPNotFound with title, description and code" "X-Request-Id set by the app" -- -sv $NB/api/invoices/inv_404
    cap $S falcon-404-no-route-nginx.txt 404 app falcon "no route: Falcon's {\"title\": \"404 Not Found\"}" "curl -si" -- -si $NB/api/invoice/inv_1
    caphttp $S falcon-401-httpie.txt 401 app falcon "HTTPie, no token: HTTPUnauthorized with a Bearer challenge" "HTTPie with colours" -- -v GET $NB/api/admin/exports
    cap $S falcon-429-nginx.txt 429 app falcon "HTTPTooManyRequests with retry_after" "curl -si" -- -si $NB/api/exports
    cap $S falcon-500-nginx.txt 500 app falcon "a KeyError: Falcon's default 500" "" -- -sv $NB/api/boom
    capraw $S falcon-503-nginx.txt 503 app falcon "HTTPServiceUnavailable with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $NB/api/maintenance
    cap $S falcon-200-options.txt 200 app falcon "OPTIONS: Falcon's default responder with Allow" "" -- -sv -X OPTIONS $NB/api/invoices/inv_1
    cap $S nginx-504-waitress-slow.txt 504 proxy nginx "the view sleeps 5 s, proxy_read_timeout 2s" "" -- -sv $NB/api/slow
    cap $S nginx-502-ledger.txt 502 proxy nginx "/ledger/ upstream not running" "curl -si" -- -si $NB/ledger/entries
    cap $S nginx-413-body.txt 413 proxy nginx "a 2 KiB attachment over client_max_body_size 1k" "" -- -sv "${JSONH[@]}" --data-binary @big.json $NB/api/attachments
    capwin $S nginx-414-long-uri.txt 414 proxy nginx "a 1.6 KiB query string over large_client_header_buffers 2 1k" "curl -si pasted with CRLF" -- -si "$NB/api/invoices?filter=$LONGQ"
    cap $S nginx-400-cookie-too-large.txt 400 proxy nginx "a 1.5 KiB session cookie: 'Request Header Or Cookie Too Large'" "" -- -sv -H "$COOKIE" $NB/api/invoices/inv_1
    capwget $S nginx-404-wget.txt 404 proxy nginx "wget on a path nginx does not proxy: return 404" "wget -S -O-" -- -S -O- --content-on-error $NB/invoices.csv
fi

# =========================================== Starlette/Hypercorn + Apache ==
if up apache; then
    S=starlette-hypercorn-apache
    cap $S starlette-404-json-apache.txt 404 app starlette "unknown booking: the app's JSON problem with request_id" "Server: hypercorn-h11 passed by Apache" -- -sv $AP/api/bookings/77
    cap $S starlette-404-plain-apache.txt 404 app starlette "HTTPException(404): Starlette's plain 'Not Found'" "curl -si" -- -si $AP/api/bookings/legacy
    caphttp $S starlette-400-httpie.txt 400 app starlette "HTTPie sends a body that is not JSON: HTTPException(400)" "HTTPie with colours" -- -v POST $AP/api/bookings "Content-Type:application/json" --raw '{"room": A-12'
    cap $S starlette-401-apache.txt 401 app starlette "no token on the guest list" "curl -si" -- -si $AP/api/admin/guests
    capwin $S starlette-403-apache-crlf.txt 403 app starlette "a housekeeping token on the guest list" "curl -si pasted with CRLF" -- -si -H 'Authorization: Bearer hk-22' $AP/api/admin/guests
    cap $S starlette-500-apache.txt 500 app starlette "a ZeroDivisionError: ServerErrorMiddleware's plain 'Internal Server Error'" "curl -si" -- -si $AP/api/boom
    cap $S starlette-302-apache.txt 302 app starlette "RedirectResponse, Location rewritten by ProxyPassReverse" "" -- -sv $AP/bookings/current
    cap $S apache-502-hypercorn-slow.txt 502 proxy apache "the route sleeps 5 s, ProxyTimeout 2: 'Proxy Error'" "" -- -sv $AP/api/slow
    caphttp $S apache-503-reports-httpie.txt 503 proxy apache "HTTPie: ProxyPass to a reports backend that is not running" "HTTPie with colours" -- -v GET $AP/reports/daily
    cap $S apache-414-long-uri.txt 414 proxy apache "a 1.6 KiB query string over LimitRequestLine 1024" "" -- -sv "$AP/api/bookings/1?q=$LONGQ"
    cap $S apache-400-field-too-long.txt 400 proxy apache "a 1.5 KiB cookie over LimitRequestFieldSize 1024" "curl -si" -- -si -H "$COOKIE" $AP/api/bookings/1
    cap $S apache-404-docroot.txt 404 proxy apache "a path Apache does not proxy: its own 404 from the empty DocumentRoot" "" -- -sv $AP/favicon.ico
fi

# ============================================================ hapi + Caddy ==
if up caddy; then
    S=hapi-caddy
    cap $S hapi-404-boom-caddy.txt 404 app hapi "unknown ticket: Boom.notFound with a message" "" -- -sv $HC/api/tickets/404
    cap $S hapi-404-no-route-caddy.txt 404 app hapi "no route under /api/: hapi's {\"statusCode\":404,...}" "curl -si" -- -si $HC/api/ticket/1
    caphttp $S hapi-401-httpie.txt 401 app hapi "HTTPie, no token: Boom.unauthorized with a Bearer challenge" "HTTPie with colours" -- -v GET $HC/api/admin/audit
    cap $S hapi-500-caddy.txt 500 app hapi "a TypeError: hapi's 'An internal server error occurred'" "" -- -sv $HC/api/boom
    capraw $S hapi-503-caddy.txt 503 app hapi "Boom.serverUnavailable" "curl -si saved to a file (CRs kept)" -- -si $HC/api/maintenance
    cap $S hapi-404-options.txt 404 app hapi "OPTIONS with no CORS configured: hapi's 404" "" -- -sv -X OPTIONS $HC/api/tickets/1
    cap $S caddy-504-hapi-slow.txt 504 proxy caddy "the handler waits 5 s, response_header_timeout 2s" "curl -si" -- -si $HC/api/slow
    cap $S caddy-404-empty.txt 404 proxy caddy "a path Caddy does not proxy: respond 404, empty body" "" -- -sv $HC/robots.txt
    capwget $S caddy-502-body-too-large-wget.txt 502 proxy caddy "wget --post-file of 2 KiB over request_body max_size: Caddy's empty 502" "wget -S -O-" -- -S -O- --content-on-error --post-file=big.json --header='Content-Type: application/json' $HC/api/attachments
fi

# ================================================ Mojolicious + HAProxy ==
if up haproxy; then
    S=mojolicious-haproxy
    cap $S mojo-404-json-haproxy.txt 404 app mojolicious "unknown parcel: the route's JSON 404 with request_id" "" -- -sv $HM/api/parcels/P-404
    cap $S mojo-404-default-haproxy.txt 404 app mojolicious "no route, production mode: Mojolicious' 'Page not found' page" "curl -si" -- -si $HM/api/depots
    caphttp $S mojo-401-httpie.txt 401 app mojolicious "HTTPie, no token on the admin routes" "HTTPie with colours" -- -v GET $HM/api/admin/routes
    cap $S mojo-403-text-haproxy.txt 403 app mojolicious "a driver token: a plain-text 403" "curl -si" -- -si -H 'Authorization: Bearer drv-31' $HM/api/admin/routes
    cap $S mojo-500-haproxy.txt 500 app mojolicious "die in the action, production mode: Mojolicious' 'Server error' page" "" -- -sv $HM/api/boom
    cap $S mojo-302-haproxy.txt 302 app mojolicious "redirect_to the API" "" -- -sv $HM/parcel/1
    cap $S haproxy-504-mojo-slow.txt 504 load-balancer haproxy "the action answers after 5 s, timeout server 2s" "" -- -sv $HM/api/slow
    cap $S haproxy-503-reports.txt 503 load-balancer haproxy "/reports/: the only server fails its checks" "curl -si" -- -si $HM/reports/daily
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "http-request deny on /internal/" "" -- -sv $HM/internal/status
    capwin $S haproxy-413-manifest.txt 413 load-balancer haproxy "a 2 KiB manifest: deny_status 413 on req.body_size" "curl -si pasted with CRLF" -- -si "${JSONH[@]}" --data-binary @big.json $HM/api/manifests
    cap $S haproxy-400-header-too-big.txt 400 load-balancer haproxy "a 9 KB header does not fit tune.bufsize 8192" "" -- -sv -H "$HUGE" $HM/api/parcels/1
fi

# ================================================= Pyramid + lighttpd ==
if up lighttpd; then
    S=pyramid-waitress-lighttpd
    cap $S pyramid-404-json-lighttpd.txt 404 app pyramid "unknown member: the view's JSON 404 with request_id" "lighttpd passes Server: waitress" -- -sv $LP/api/members/404
    cap $S pyramid-404-html-lighttpd.txt 404 app pyramid "raise HTTPNotFound(): Pyramid's stock page" "curl -si" -- -si $LP/api/members/legacy
    caphttp $S pyramid-401-httpie.txt 401 app pyramid "HTTPie, no credentials: HTTPUnauthorized with a Basic challenge" "HTTPie with colours" -- -v GET $LP/api/admin/export
    cap $S pyramid-403-lighttpd.txt 403 app pyramid "Basic credentials sent: HTTPForbidden's stock page" "" -- -sv -u clerk:clerk-pw $LP/api/admin/export
    cap $S waitress-500-lighttpd.txt 500 app waitress "an AttributeError escapes Pyramid: waitress's '(generated by waitress)' 500" "" -- -sv $LP/api/boom
    capraw $S pyramid-503-lighttpd.txt 503 app pyramid "HTTPServiceUnavailable with a detail" "curl -si saved to a file (CRs kept)" -- -si $LP/api/maintenance
    cap $S lighttpd-504-waitress-slow.txt 504 proxy lighttpd "the view sleeps 5 s, read-timeout 2" "" -- -sv $LP/api/slow
    cap $S lighttpd-503-reports.txt 503 proxy lighttpd "/reports/ backend not running" "curl -si" -- -si $LP/reports/monthly
    cap $S lighttpd-413-body.txt 413 proxy lighttpd "a 2 KiB avatar over server.max-request-size 1 (KiB)" "" -- -sv "${JSONH[@]}" --data-binary @big.json $LP/api/avatars
    cap $S lighttpd-431-header.txt 431 proxy lighttpd "a 5 KB header over max-request-field-size" "curl -si" -- -si -H "$FAT" $LP/api/members/1
    cap $S lighttpd-403-admin-ui.txt 403 proxy lighttpd "url.access-deny on /admin-ui/" "" -- -sv $LP/admin-ui/index.html
    cap $S lighttpd-404-docroot.txt 404 proxy lighttpd "a path not proxied: lighttpd's own 404 from the empty docroot" "curl -si" -- -si $LP/index.html
fi

# ========================================= CherryPy + nginx + Varnish ==
if up varnish; then
    S=cherrypy-nginx-varnish
    cap $S cherrypy-200-varnish-miss.txt 200 app cherrypy "the product list, first request: a MISS" "X-Cache: MISS" -- -sv $VN/api/products
    cap $S varnish-200-hit.txt 200 cdn-cache varnish "the product list again: from Varnish's store" "curl -si; X-Cache: HIT" -- -si $VN/api/products
    ETAG=$(in_work timeout 10 curl -sI $VN/api/products | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
    cap $S varnish-304-etag.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "" -- -sv -H "If-None-Match: $ETAG" $VN/api/products
    cap $S cherrypy-404-json-varnish.txt 404 app cherrypy "unknown product: the app's JSON 404 (a MISS)" "" -- -sv $VN/api/products/XX-9
    cap $S cherrypy-404-json-varnish-hit.txt 404 app cherrypy "the same 404 again, kept by Varnish's default TTL" "curl -si; X-Cache: HIT of the app's error" -- -si $VN/api/products/XX-9
    cap $S cherrypy-404-html-varnish.txt 404 app cherrypy "cherrypy.NotFound: CherryPy's stock HTML page" "" -- -sv $VN/api/products/legacy
    cap $S cherrypy-500-varnish.txt 500 app cherrypy "a ValueError, environment production: CherryPy's 500 page without traceback" "curl -si" -- -si $VN/api/boom
    caphttp $S cherrypy-401-httpie.txt 401 app cherrypy "HTTPie, no token" "HTTPie with colours" -- -v GET $VN/api/admin
    cap $S nginx-504-via-varnish.txt 504 proxy nginx "the handler sleeps 5 s: nginx's 2 s timeout fires before Varnish's 3 s" "" -- -sv $VN/api/slow
    cap $S nginx-404-via-varnish.txt 404 proxy nginx "a path nginx does not proxy, passed (and kept) by Varnish" "curl -si" -- -si $VN/static/app.js
    cap $S varnish-503-legacy.txt 503 cdn-cache varnish "/legacy/ backend not running: 'Backend fetch failed'" "" -- -sv $VN/legacy/products
    capwget $S varnish-503-legacy-wget.txt 503 cdn-cache varnish "wget, the dead legacy backend" "wget -S -O-" -- -S -O- --content-on-error $VN/legacy/prices
fi

# ================================================== Sanic + HAProxy ==
if up haproxy; then
    S=sanic-haproxy
    cap $S sanic-404-json-haproxy.txt 404 app sanic "unknown payout: the handler's JSON 404 with request_id" "" -- -sv $HS/api/payouts/po_404
    cap $S sanic-404-default-haproxy.txt 404 app sanic "raise NotFound(message): Sanic's default error format (JSON here)" "curl -si" -- -si $HS/api/payouts/legacy
    cap $S sanic-404-no-route-haproxy.txt 404 app sanic "no route under /api/: Sanic's 'Requested URL ... not found'" "" -- -sv $HS/api/transfers/1
    caphttp $S sanic-401-httpie.txt 401 app sanic "HTTPie, no credentials" "HTTPie with colours" -- -v GET $HS/api/admin/balances
    cap $S sanic-500-haproxy.txt 500 app sanic "a KeyError: Sanic's default 500" "" -- -sv $HS/api/boom
    capwin $S sanic-503-haproxy-crlf.txt 503 app sanic "ServiceUnavailable raised by the handler" "curl -si pasted with CRLF" -- -si $HS/api/maintenance
    cap $S haproxy-504-sanic-slow.txt 504 load-balancer haproxy "the handler sleeps 5 s, timeout server 2s" "curl -si" -- -si $HS/api/slow
    cap $S haproxy-400-payouts-header.txt 400 load-balancer haproxy "a 9 KB baggage header on the payouts frontend: HAProxy's 400" "curl -si" -- -si -H "$HUGE" $HS/api/payouts/po_1
    cap $S haproxy-404-return-json.txt 404 load-balancer haproxy "a path outside /api/ and /payouts/: http-request return 404 with JSON" "" -- -sv $HS/health
fi

# ================================================================ Koa + Caddy ==
if up caddy; then
    S=koa-caddy
    cap $S koa-404-json-caddy.txt 404 app koa "unknown coupon: the app's JSON 404 with requestId" "" -- -sv $KC/api/coupons/WINTER99
    cap $S koa-404-plain-caddy.txt 404 app koa "ctx.throw(404): Koa's plain 'Not Found'" "curl -si" -- -si $KC/api/coupons/legacy
    caphttp $S koa-422-httpie.txt 422 app koa "HTTPie: POST without percent" "HTTPie with colours" -- -v POST $KC/api/coupons code=SUMMER
    cap $S koa-401-caddy.txt 401 app koa "no token on the campaigns admin" "" -- -sv $KC/api/admin/campaigns
    cap $S koa-500-caddy.txt 500 app koa "a thrown Error: Koa's plain 'Internal Server Error'" "" -- -sv $KC/api/boom
    cap $S koa-200-options.txt 200 app koa "OPTIONS: allowedMethods answers with Allow" "curl -si" -- -si -X OPTIONS $KC/api/coupons/SPRING10
    cap $S koa-301-caddy.txt 301 app koa "the short link redirects" "" -- -sv $KC/c/SPRING10
    cap $S caddy-431-koa.txt 431 proxy caddy "a 9 KB header: Go's 431 inside Caddy" "curl -si" -- -si -H "$HUGE" $KC/api/coupons/SPRING10
    cap $S caddy-504-koa-slow.txt 504 proxy caddy "the route waits 5 s, response_header_timeout 2s" "" -- -sv $KC/api/slow
fi

# ================================================= PHP built-in + Caddy ==
if up caddy; then
    S=php-builtin-caddy
    cap $S php-404-json-caddy.txt 404 app php "unknown SKU: the front controller's JSON 404" "X-Powered-By: PHP" -- -sv $PC/api/stock/SKU-404
    cap $S php-404-builtin-caddy.txt 404 app php "router returns false, no such file: the built-in server's own 404 page" "curl -si" -- -si $PC/reports/stock.csv
    caphttp $S php-403-httpie.txt 403 app php "HTTPie with a picker's token" "HTTPie with colours" -- -v GET $PC/api/admin/adjustments "Authorization:Bearer picker-8"
    cap $S php-429-caddy.txt 429 app php "the sync endpoint's own 429" "" -- -sv -X POST $PC/api/sync
    cap $S php-500-empty-caddy.txt 500 app php "a call on null, display_errors off: PHP's empty 500" "" -- -sv $PC/api/boom
    cap $S php-302-caddy.txt 302 app php "the old stock page redirects" "curl -si" -- -si $PC/stock
    capwin $S caddy-502-body-too-large-php.txt 502 proxy caddy "a 2 KiB stock import over request_body max_size: Caddy's empty 502" "curl -si pasted with CRLF" -- -si "${JSONH[@]}" --data-binary @big.json $PC/api/stock
    cap $S caddy-504-php-slow.txt 504 proxy caddy "sleep(5), response_header_timeout 2s" "curl -si" -- -si $PC/api/slow
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up caddy && capbody $S body-tornado-500.txt 500/500 app tornado "Tornado's '500: Internal Server Error' HTML" "" -- $TC/api/boom
up nginx && capbody $S body-falcon-404.txt 404/404 app falcon "Falcon's {\"title\": \"404 Not Found\"}" "the title carries the number" -- $NB/api/invoice/inv_1
up apache && capbody $S body-starlette-500.txt 0/500 app starlette "Starlette's plain 'Internal Server Error'" "no number" -- $AP/api/boom
up haproxy && capbody $S body-mojo-404.txt 0/404 app mojolicious "Mojolicious' production 'Page not found' page" "no number; title 'Page Not Found'" -- $HM/api/depots
up lighttpd && capbody $S body-waitress-500.txt 0/500 app waitress "waitress's 'Internal Server Error' text" "no number" -- $LP/api/boom
up nginx && capbody $S body-nginx-413.txt 413/413 proxy nginx "nginx's 413 page" "" -- "${JSONH[@]}" --data-binary @big.json $NB/api/attachments
up apache && capbody $S body-apache-502.txt 502/502 proxy apache "Apache's 'Proxy Error' page" "" -- $AP/api/slow
up haproxy && capbody $S body-haproxy-404-json.txt 0/404 load-balancer haproxy "HAProxy's http-request return JSON" "no number" -- $HS/metrics
up lighttpd && capbody $S body-lighttpd-503.txt 503/503 proxy lighttpd "lighttpd's 503 page" "" -- $LP/reports/weekly

# ================================================ headers-only pastes ==
S=headers-only-paste
up caddy && caphead $S head-caddy-502.txt 502 proxy caddy "curl -sI on the dead ledger" "" -- $TC/ledger/api/entries
up nginx && caphead $S head-falcon-405.txt 405 app falcon "curl -sI on an invoice: the resource has no on_head, Falcon's 405" "Allow: GET, OPTIONS" -- $NB/api/invoices/inv_404
up haproxy && caphead $S head-haproxy-503.txt 503 load-balancer haproxy "curl -sI, reports backend down" "" -- $HM/reports/daily
up varnish && caphead $S head-varnish-hit.txt 200 cdn-cache varnish "curl -sI on the stored product list" "X-Cache: HIT" -- $VN/api/products
up caddy && caphead $S head-hapi-404.txt 404 app hapi "curl -sI, unknown ticket" "" -- $HC/api/tickets/404

# ================================== apps go away behind their fronts ==
if up nginx; then
    stop_name falcon; sleep 0.5
    cap falcon-waitress-nginx nginx-502-waitress-stopped.txt 502 proxy nginx "waitress is stopped: nginx's 502" "" -- -sv $NB/api/invoices/inv_1
fi
if up apache; then
    stop_name starlette; sleep 0.5
    cap starlette-hypercorn-apache apache-503-hypercorn-stopped.txt 503 proxy apache "Hypercorn is stopped: Apache's 503" "curl -si" -- -si $AP/api/bookings/1
fi
if up haproxy; then
    stop_name sanic; sleep 2.5
    caphttp sanic-haproxy haproxy-503-sanic-stopped-httpie.txt 503 load-balancer haproxy "HTTPie: Sanic is stopped, the check marks it down" "HTTPie with colours" -- -v GET $HS/api/payouts/po_1
fi
if up caddy; then
    stop_name koa; sleep 0.5
    cap koa-caddy caddy-502-koa-stopped.txt 502 proxy caddy "Koa is stopped: Caddy's empty 502" "" -- -sv $KC/api/coupons/SPRING10
fi
if up varnish; then
    stop_name cherrypy; sleep 0.5
    cap cherrypy-nginx-varnish nginx-502-cherrypy-stopped-via-varnish.txt 502 proxy nginx "CherryPy is stopped: nginx's 502, passed by Varnish" "" -- -sv $VN/api/products/LMP-01
fi
if up haproxy; then
    stop_name mojo; sleep 3.5
    cap mojolicious-haproxy haproxy-503-mojo-stopped.txt 503 load-balancer haproxy "Mojolicious is stopped, its check fails: no server left" "curl -si" -- -si $HM/api/parcels/1
fi
if up caddy; then
    stop_name hapi; sleep 0.5
    cap hapi-caddy caddy-502-hapi-stopped.txt 502 proxy caddy "hapi is stopped: Caddy's empty 502" "curl -si" -- -si $HC/api/tickets/1
    stop_name php; sleep 0.5
    capraw php-builtin-caddy caddy-502-php-stopped.txt 502 proxy caddy "PHP's built-in server is stopped: Caddy's empty 502" "curl -si saved to a file (CRs kept)" -- -si $PC/api/stock/SKU-1
fi
if up lighttpd; then
    stop_name pyramid; sleep 0.5
    cap pyramid-waitress-lighttpd lighttpd-503-waitress-stopped.txt 503 proxy lighttpd "waitress is stopped: lighttpd's 503" "curl -si" -- -si $LP/api/members/1
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
# Evidence corpus, ROUND 36 (held out): real responses captured by
# scripts/corpus/capture-round36.sh from real servers on 127.0.0.1, one
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round36/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
