#!/usr/bin/env bash
# capture-round42.sh — build the forty-second held-out evidence corpus in
# tests/fixtures/evidence-round42/.
#
# Mainstream, a thirteenth set of pairings, configured with the defaults a
# small team leaves in place (stock error pages, stock Server headers, only
# the timeouts cut so a slow handler hits them), and what the on-call
# engineer meets on a bad night: the apps' own 4xx/5xx, the fronts' own
# 502/503/504 for a dead, slow or crashing app, 413s, redirects, HEAD and
# OPTIONS. Pairings: Tornado behind nginx; Starlette under uvicorn behind
# Caddy; aiohttp behind Varnish (builtin VCL); hapi behind Apache; NestJS
# behind HAProxy; Django under gunicorn and a PHP-FPM front controller behind
# nginx behind HAProxy; Go net/http behind HAProxy behind nginx.
#
#   scripts/corpus/capture-round42.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round42.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round42.sh       # keep configs + logs in the runtime dir
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports
# 57000-57499) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round42.py; if a label's status is not the one on the
# wire the fixtures are left as they were.
set -u -o pipefail

# wire the fixtures are left as they were.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round42"
RUN=/tmp/api-triage-corpus42
STAGE="$RUN/evidence"
CONF="$HERE/conf-round42"
APPS="$HERE/apps42"
VENV=${CORPUS_VENV42:-/tmp/api-triage-corpus42-venv}
NODE_DIR=${CORPUS_NODE42:-/tmp/api-triage-corpus42-node}
GODIR=/tmp/api-triage-corpus42-go
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http
PYPI=(tornado==6.6.1 aiohttp==3.14.5 starlette==1.10.0 uvicorn==0.55.0 django==5.2.19 gunicorn==27.0.1)
NPM=(@hapi/hapi@21.4.13 @nestjs/core@12.5.1 @nestjs/common@12.5.1 @nestjs/platform-express@12.5.1 reflect-metadata@0.2.2 rxjs@7.8.2)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus42 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PACKAGES=(httpie wget python3-venv nodejs golang-go php8.2-fpm apache2 nginx haproxy caddy varnish)
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
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import tornado, aiohttp, starlette, django, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 || SKIPPED[venv]="pip install failed"
}
install_npm() {
    [[ -e $NODE_DIR/node_modules/@hapi/hapi/package.json && -e $NODE_DIR/node_modules/@nestjs/platform-express/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus42","private":true}' >"$NODE_DIR/package.json"
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
    if ! FINISH_FORM=$form FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round42.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_npm
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "hapi/NestJS are missing (${SKIPPED[npm]})"

# the Go app, built offline with Debian's Go (standard library only)
mkdir -p "$GODIR"
cp "$APPS/go_app.go" "$GODIR/main.go"
(cd "$GODIR" && GOPATH="$GODIR/gopath" GOCACHE="$GODIR/cache" GO111MODULE=off GOFLAGS= GOPROXY=off \
    nice -n 15 timeout 300 go build -o "$GODIR/go_app" main.go) >"$RUN/logs/go-build.log" 2>&1 || die "go build failed"

PORTS=(57010 57020 57030 57040 57050 57060 57070 57080 57091 57092 57093 57094
       57100 57101 57102 57200 57300 57400 57401 57402 57450)
for p in "${PORTS[@]}"; do listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"; done
for i in $(seq 1 70); do
    busy=0
    for p in "${PORTS[@]}"; do ss -tanH "sport = :$p" 2>/dev/null | grep -q . && busy=1; done
    ((busy)) || break
    ((i == 1)) && log "waiting for sockets on our ports to clear"
    sleep 1
done
BEFORE=$(sockets)

mkdir -p "$RUN"/apache/htdocs "$RUN/php" "$RUN/php-fpm"
cp "$APPS"/php/index.php "$RUN/php/"
chmod -R a+rX "$RUN"

# ---- apps ------------------------------------------------------------------------
declare -A UP=()
NODE=(nice -n 5 env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production node)
PYENV=(nice -n 5 env PYTHONDONTWRITEBYTECODE=1)
start_bg tornado "${PYENV[@]}" "$VENV/bin/python" "$APPS/tornado_app.py" 57010
start_bg starlette "${PYENV[@]}" "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 57020 starlette_app:app
start_bg aiohttp "${PYENV[@]}" "$VENV/bin/python" "$APPS/aiohttp_app.py" 57030
start_bg hapi "${NODE[@]}" "$APPS/hapi_app.js" 57040
start_bg nest "${NODE[@]}" "$APPS/nest_app.js" 57050
start_bg django "${PYENV[@]}" "$VENV/bin/gunicorn" --chdir "$APPS" --workers 3 -b 127.0.0.1:57060 django_app:application
if have php8.2-fpm; then
    render "$CONF/php-fpm.conf" "$RUN/php-fpm/php-fpm.conf"
    chown -R www-data: "$RUN/php-fpm" "$RUN/php" 2>/dev/null || true
    start_bg php-fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/php-fpm.conf"
fi
start_bg go nice -n 5 "$GODIR/go_app" 57080
for pn in 57010:tornado 57020:starlette 57030:aiohttp 57040:hapi 57050:nest 57060:django 57070:php-fpm 57080:go; do
    wait_port "${pn%%:*}" "${pn#*:}" 600 && UP[${pn#*:}]=1
done
for a in tornado starlette aiohttp hapi nest django php-fpm go; do
    up "$a" || die "$a did not start (a port taken by another program? run again)"
done

# ---- fronts -------------------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 57100 nginx && wait_port 57102 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 57200 caddy && UP[caddy]=1
fi
if have apache2; then
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 57300 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
        start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
        wait_port 57400 haproxy && wait_port 57402 haproxy && UP[haproxy]=1
    else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:57450 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 57450 varnish && UP[varnish]=1
fi
sleep 3   # HAProxy's first health checks
AFTER=$(sockets)
while read -r proto addr; do
    [[ -z $addr ]] && continue
    grep -qxF "$proto $addr" <<<"$BEFORE" && continue
    [[ $addr == 127.0.0.1:* ]] || die "a server listens outside 127.0.0.1: $proto $addr"
done <<<"$AFTER"

TN=http://127.0.0.1:57100; WN=http://127.0.0.1:57101; PO=http://127.0.0.1:57102
SC=http://127.0.0.1:57200; HA=http://127.0.0.1:57300
NH=http://127.0.0.1:57400; WM=http://127.0.0.1:57401; AV=http://127.0.0.1:57450
JSONH=(-H 'Content-Type: application/json')
head -c 2200000 /dev/zero | tr '\0' a >"$RUN/work/export.json"   # 2.1 MB: over nginx's 1m and Apache's 1 MiB
head -c 100000 /dev/zero | tr '\0' b >"$RUN/work/photo.bin"      # 100 KB: over Caddy's 64KB and aiohttp's 64 KiB
head -c 20000 /dev/zero | tr '\0' c >"$RUN/work/lines.json"      # 20 KB: over hapi's 16 KiB
head -c 150000 /dev/zero | tr '\0' d >"$RUN/work/bulk.json"      # 150 KB: over body-parser's 100kb
{ printf '{"iban":"DE89","memo":"'; head -c 6000 /dev/zero | tr '\0' e; printf '"}'; } >"$RUN/work/memo.json"  # 6 KB JSON: over the Go app's 4 KiB
log "up: ${!UP[*]}"

# ======================================================== Tornado + nginx ==
if up nginx; then
    log "capturing: Tornado behind nginx"
    S=tornado-nginx
    cap $S tornado-404-shipment.txt 404 app tornado "unknown shipment: the handler's JSON 404" "Server: nginx/1.22.1 on what it relays" -- -sv $TN/api/shipments/SH-404
    cap $S tornado-404-no-route.txt 404 app tornado "no route: Tornado's '404: Not Found' page" "curl -si" -- -si $TN/api/v2/shipments
    caphttp $S tornado-422-httpie.txt 422 app tornado "HTTPie POST without a postcode: the handler's JSON 422" "HTTPie with colours" -- -v POST $TN/api/shipments weight:=2
    cap $S tornado-401-labels.txt 401 app tornado "no bearer token: the handler's JSON 401 with WWW-Authenticate" "" -- -sv $TN/api/labels
    capraw $S tornado-429-quote.txt 429 app tornado "the quote API's own rate limit: JSON 429 with Retry-After" "saved to a file: CRs kept" -- -sv $TN/api/quote
    cap $S tornado-500-page.txt 500 app tornado "a KeyError in the handler: Tornado's '500: Internal Server Error' page" "" -- -sv $TN/api/boom
    capwin $S tornado-503-httperror.txt 503 app tornado "raise HTTPError(503): Tornado's '503: Service Unavailable' page" "curl -si pasted with CRLF" -- -si $TN/api/unavailable
    cap $S tornado-301-track.txt 301 app tornado "an old tracking link: Tornado's permanent redirect (empty body)" "curl -si" -- -si $TN/track/SH-1
    cap $S tornado-403-xsrf.txt 403 app tornado "a form POST without the _xsrf cookie: Tornado's '403: Forbidden' page" "" -- -sv -d 'line1=Main+St' $TN/account/address
    cap $S tornado-405-options.txt 405 app tornado "a CORS preflight (OPTIONS): Tornado's 405 page, no CORS headers" "curl -si" -- -si -X OPTIONS -H 'Origin: https://app.example.com' -H 'Access-Control-Request-Method: POST' $TN/api/shipments
    caphead $S tornado-405-head.txt 405 app tornado "curl -sI on a shipment: Tornado's 405 for HEAD (the handler has only get)" "headers-only" -- $TN/api/shipments/SH-1
    cap $S nginx-504-tornado-slow.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 3s: nginx's stock 504 page" "" -- -sv $TN/api/slow
    caphttp $S nginx-504-tornado-slow-httpie.txt 504 proxy nginx "the slow handler again, from HTTPie: nginx's 504" "HTTPie with colours" -- -v GET $TN/api/slow
    cap $S nginx-502-tornado-hangup.txt 502 proxy nginx "the handler closes the connection mid-request: nginx's 502 (upstream prematurely closed)" "" -- -sv $TN/api/hangup
    capraw $S nginx-502-tornado-hangup-saved.txt 502 proxy nginx "the connection dropped again on a retry: nginx's 502" "saved to a file: CRs kept" -- -sv $TN/api/hangup
    cap $S nginx-502-billing-refused.txt 502 proxy nginx "/billing/ points at a port nothing listens on: nginx's 502" "curl -si" -- -si $TN/billing/invoices
    capwget $S nginx-502-billing-wget.txt 502 proxy nginx "the same dead /billing/ upstream, from wget" "wget -S -O-" -- -S -O- $TN/billing/invoices
    cap $S nginx-413-tornado.txt 413 proxy nginx "a 2.1 MB JSON upload over client_max_body_size 1m: nginx's stock 413" "" -- -sv "${JSONH[@]}" --data-binary @export.json $TN/api/shipments
    capbody body-only-paste tornado-404-body.txt 404/404 app tornado "body of Tornado's no-route page (its title says 404)" "curl -s" -- $TN/api/v3/labels
    capbody body-only-paste nginx-504-body.txt 504/504 proxy nginx "body of nginx's 504 page (its title says 504)" "curl -s" -- $TN/api/slow
fi

# ======================================================= Starlette + Caddy ==
if up caddy; then
    log "capturing: Starlette behind Caddy"
    S=starlette-caddy
    cap $S starlette-404-booking.txt 404 app starlette "unknown booking: the handler's JSON 404" "Server: Caddy and server: uvicorn both" -- -sv $SC/api/bookings/BK-404
    cap $S starlette-404-no-route.txt 404 app starlette "no route: Starlette's plain 'Not Found'" "curl -si" -- -si $SC/api/rooms
    caphttp $S starlette-422-httpie.txt 422 app starlette "HTTPie POST without checkin: the handler's FastAPI-style 422 list" "HTTPie with colours" -- -v POST $SC/api/bookings nights:=2
    cap $S starlette-401-admin.txt 401 app starlette "no token: the handler's 401 with WWW-Authenticate: Bearer" "" -- -sv $SC/api/admin/rates
    cap $S starlette-500-plain.txt 500 app starlette "a KeyError: ServerErrorMiddleware's plain 'Internal Server Error'" "" -- -sv $SC/api/boom
    capwin $S starlette-503-httpexception.txt 503 app starlette "raise HTTPException(503): Starlette's plain-text detail" "curl -si pasted with CRLF" -- -si $SC/api/warming
    cap $S starlette-405-options.txt 405 app starlette "a CORS preflight: Starlette's 405 (no CORSMiddleware)" "curl -si" -- -si -X OPTIONS -H 'Origin: https://app.example.com' -H 'Access-Control-Request-Method: POST' $SC/api/bookings
    cap $S starlette-307-redirect.txt 307 app starlette "an old booking link: RedirectResponse 307" "curl -si" -- -si $SC/bookings/BK-1
    cap $S caddy-504-starlette-slow.txt 504 proxy caddy "the handler sleeps 5 s, response_header_timeout 3s: Caddy's empty 504" "" -- -sv $SC/api/slow
    caphttp $S caddy-504-starlette-slow-httpie.txt 504 proxy caddy "the slow handler from HTTPie: Caddy's empty 504" "HTTPie with colours" -- -v GET $SC/api/slow
    cap $S caddy-502-legacy.txt 502 proxy caddy "/legacy/ points at a port nothing listens on: Caddy's empty 502" "" -- -sv $SC/legacy/bookings
    capwin $S caddy-502-legacy-crlf.txt 502 proxy caddy "the dead /legacy/ upstream again" "curl -si pasted with CRLF" -- -si $SC/legacy/rooms
    cap $S caddy-502-upload-too-large.txt 502 proxy caddy "a 100 KB upload over request_body max_size 64KB: Caddy answers with an empty 502, not 413" "" -- -sv -H 'Content-Type: application/octet-stream' --data-binary @photo.bin $SC/api/uploads
    capbody body-only-paste starlette-404-body.txt 0/404 app starlette "body of Starlette's 'Not Found' (no number)" "curl -s" -- $SC/api/guests
fi

# ====================================================== aiohttp + Varnish ==
if up varnish; then
    log "capturing: aiohttp behind Varnish"
    S=aiohttp-varnish
    cap $S aiohttp-200-miss.txt 200 app aiohttp "first request for a product: a MISS, the app's answer" "X-Cache: MISS, Via: 1.1 varnish" -- -sv $AV/api/products/P-1
    cap $S varnish-200-hit.txt 200 cdn-cache varnish "the same product again: a HIT from Varnish" "Age > 0, X-Cache: HIT" -- -sv $AV/api/products/P-1
    cap $S aiohttp-404-product.txt 404 app aiohttp "unknown product: the handler's JSON 404 (a MISS)" "" -- -sv $AV/api/products/P-404
    cap $S aiohttp-404-no-route.txt 404 app aiohttp "no route: aiohttp's '404: Not Found'" "curl -si" -- -si $AV/api/categories
    caphttp $S aiohttp-422-httpie.txt 422 app aiohttp "HTTPie POST without a sku: the handler's JSON 422" "HTTPie with colours" -- -v POST $AV/api/products name=Kettle
    cap $S aiohttp-413-client-max-size.txt 413 app aiohttp "a 100 KB body over client_max_size 64 KiB: aiohttp's own 413 text" "" -- -sv -H 'Content-Type: application/json' --data-binary @photo.bin $AV/api/products
    cap $S aiohttp-500-page.txt 500 app aiohttp "ZeroDivisionError: aiohttp's '500 Internal Server Error' page" "" -- -sv $AV/api/boom
    capraw $S aiohttp-503-text.txt 503 app aiohttp "raise HTTPServiceUnavailable(text=...): aiohttp's plain 503" "saved to a file: CRs kept" -- -sv $AV/api/maintenance
    cap $S aiohttp-302-short-link.txt 302 app aiohttp "a short product link: HTTPFound 302" "curl -si" -- -si $AV/p/P-1
    caphead $S varnish-200-hit-head.txt 200 cdn-cache varnish "curl -sI on the cached product: a HIT" "headers-only" -- $AV/api/products/P-1
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the handler sleeps 5 s, first_byte_timeout 3s: Varnish's 'Backend fetch failed' page" "" -- -sv $AV/api/slow
    caphttp $S varnish-503-slow-httpie.txt 503 cdn-cache varnish "the slow handler from HTTPie: Varnish's guru page" "HTTPie with colours" -- -v GET $AV/api/slow
    cap $S varnish-503-hangup.txt 503 cdn-cache varnish "the handler closes the connection: Varnish's 'Backend fetch failed'" "curl -si" -- -si $AV/api/hangup
    capbody body-only-paste varnish-503-body.txt 503/503 cdn-cache varnish "body of Varnish's guru page (its title says 503)" "curl -s" -- $AV/api/slow
fi

# ========================================================== hapi + Apache ==
if up apache; then
    log "capturing: hapi behind Apache"
    S=hapi-apache
    cap $S hapi-404-invoice.txt 404 app hapi "unknown invoice: Boom.notFound as hapi's JSON" "Server: Apache/2.4 (Debian) on what it relays" -- -sv $HA/api/invoices/INV-404
    cap $S hapi-404-no-route.txt 404 app hapi "no route: hapi's {statusCode:404,error:'Not Found'}" "curl -si" -- -si $HA/api/customers
    caphttp $S hapi-422-httpie.txt 422 app hapi "HTTPie POST without a customer: Boom.badData" "HTTPie with colours" -- -v POST $HA/api/invoices total:=100
    cap $S hapi-413-payload.txt 413 app hapi "a 20 KB body over maxBytes 16 KiB: hapi's 413" "" -- -sv "${JSONH[@]}" --data-binary @lines.json $HA/api/invoices
    cap $S apache-413-limit.txt 413 proxy apache "a 2.1 MB upload over LimitRequestBody 1 MiB: Apache's stock 413 page" "" -- -sv "${JSONH[@]}" --data-binary @export.json $HA/api/invoices
    capwin $S hapi-401-exports.txt 401 app hapi "no token: Boom.unauthorized with WWW-Authenticate: Bearer" "curl -sv pasted with CRLF" -- -sv $HA/api/admin/exports
    cap $S hapi-429-reports.txt 429 app hapi "the app's quota: Boom.tooManyRequests" "" -- -sv $HA/api/reports
    cap $S hapi-500-boom.txt 500 app hapi "a TypeError in the handler: hapi's 'An internal server error occurred'" "" -- -sv $HA/api/boom
    cap $S hapi-504-ledger.txt 504 app hapi "the ledger service did not answer in 1 s: the app's own Boom.gatewayTimeout" "" -- -sv $HA/api/ledger
    cap $S hapi-301-old-link.txt 301 app hapi "an old invoice link: a permanent redirect (Location rewritten by ProxyPassReverse)" "curl -si" -- -si $HA/invoices/INV-1
    cap $S hapi-404-options.txt 404 app hapi "a CORS preflight: hapi has no OPTIONS route (cors off), its JSON 404" "curl -si" -- -si -X OPTIONS -H 'Origin: https://app.example.com' -H 'Access-Control-Request-Method: POST' $HA/api/invoices
    cap $S apache-502-hapi-slow.txt 502 proxy apache "the handler sleeps 5 s, ProxyTimeout 3: Apache's 'Proxy Error' page" "" -- -sv $HA/api/slow
    caphttp $S apache-502-hapi-slow-httpie.txt 502 proxy apache "the slow handler from HTTPie: Apache's 502 Proxy Error" "HTTPie with colours" -- -v GET $HA/api/slow
    cap $S apache-502-hapi-hangup.txt 502 proxy apache "the handler destroys the socket: Apache's 502 'Proxy Error'" "curl -si" -- -si $HA/api/hangup
    capwget $S apache-502-hapi-hangup-wget.txt 502 proxy apache "the dropped connection again, from wget" "wget -S -O-" -- -S -O- $HA/api/hangup
    cap $S apache-503-reports-v1.txt 503 proxy apache "/reports-v1/ points at a port nothing listens on: Apache's 503" "" -- -sv $HA/reports-v1/monthly
    capbody body-only-paste apache-503-body.txt 503/503 proxy apache "body of Apache's 503 page (its title says 503)" "curl -s" -- $HA/reports-v1/weekly
fi

# ========================================================= NestJS + HAProxy ==
if up haproxy; then
    log "capturing: NestJS behind HAProxy"
    S=nestjs-haproxy
    cap $S nest-404-subscription.txt 404 app nestjs "unknown subscription: NotFoundException's JSON" "X-Powered-By: Express, no Server" -- -sv $NH/api/subscriptions/SUB-404
    cap $S nest-404-cannot-get.txt 404 app nestjs "no route: Nest's 'Cannot GET /api/plans' JSON" "curl -si" -- -si $NH/api/plans
    cap $S nest-400-validation.txt 400 app nestjs "POST without a plan: BadRequestException with a message list" "" -- -sv "${JSONH[@]}" -d '{"seats":3}' $NH/api/subscriptions
    caphttp $S nest-422-httpie.txt 422 app nestjs "HTTPie POST for the legacy plan: UnprocessableEntityException" "HTTPie with colours" -- -v POST $NH/api/subscriptions plan=legacy
    cap $S nest-413-body-parser.txt 413 app nestjs "a 150 KB JSON body over body-parser's 100kb: the 413 from Nest's Express adapter" "" -- -sv "${JSONH[@]}" --data-binary @bulk.json $NH/api/subscriptions
    cap $S nest-401-admin.txt 401 app nestjs "UnauthorizedException: {statusCode:401,message:'Unauthorized'}" "" -- -sv $NH/api/admin/plans
    capraw $S nest-429-usage.txt 429 app nestjs "a throttler-style 429 with Retry-After" "saved to a file: CRs kept" -- -sv $NH/api/usage
    cap $S nest-500-typeerror.txt 500 app nestjs "a TypeError: Nest's {statusCode:500,message:'Internal server error'}" "" -- -sv $NH/api/boom
    cap $S nest-404-options.txt 404 app nestjs "a CORS preflight: 'Cannot OPTIONS /api/subscriptions' (CORS not enabled)" "curl -si" -- -si -X OPTIONS -H 'Origin: https://app.example.com' -H 'Access-Control-Request-Method: POST' $NH/api/subscriptions
    cap $S haproxy-504-nest-slow.txt 504 load-balancer haproxy "the handler sleeps 5 s, timeout server 3s: HAProxy's stock 504" "" -- -sv $NH/api/slow
    capraw $S haproxy-504-nest-slow-saved.txt 504 load-balancer haproxy "the slow handler again: HAProxy's 504" "curl -si saved to a file: CRs kept" -- -si $NH/api/slow
    cap $S haproxy-502-nest-hangup.txt 502 load-balancer haproxy "the handler destroys the socket: HAProxy's stock 502" "" -- -sv $NH/api/hangup
    capwget $S haproxy-503-partners-wget.txt 503 load-balancer haproxy "the same dead partners backend, from wget" "wget -S -O-" -- -S -O- $NH/partners/api/orders
    cap $S haproxy-503-partners.txt 503 load-balancer haproxy "/partners/ goes to a backend whose only server fails its check: HAProxy's 503" "curl -si" -- -si $NH/partners/api/invoices
    capbody body-only-paste haproxy-504-body.txt 504/504 load-balancer haproxy "body of HAProxy's 504 page (its h1 says 504)" "curl -s" -- $NH/api/slow
fi

# ====================================== HAProxy -> nginx -> Django, PHP-FPM ==
if up haproxy && up nginx; then
    log "capturing: Django and PHP-FPM behind nginx behind HAProxy"
    S=haproxy-nginx-django
    cap $S django-404-item.txt 404 app django "unknown stock item: the view's JSON 404" "Server: nginx/1.22.1 through HAProxy" -- -sv $WM/api/items/SKU-404
    cap $S django-404-page.txt 404 app django "raise Http404: Django's stock 'Not Found' page" "curl -si" -- -si $WM/bins/A-01/
    cap $S django-301-append-slash.txt 301 app django "no trailing slash: CommonMiddleware's APPEND_SLASH 301" "curl -si" -- -si $WM/bins/A-01
    cap $S django-403-csrf.txt 403 app django "a POST without the CSRF cookie: Django's 'Forbidden (403) CSRF verification failed' page" "" -- -sv -d 'qty=3' $WM/api/adjustments
    cap $S django-400-disallowed-host.txt 400 app django "a Host not in ALLOWED_HOSTS: Django's 'Bad Request (400)'" "curl -si" -- -si -H 'Host: 10.20.0.15' $WM/api/items/SKU-1
    capwin $S django-403-admin.txt 403 app django "a token without the permission: the view's JSON 403" "curl -si pasted with CRLF" -- -si -H 'Authorization: Token 3f9c' $WM/api/admin/users
    cap $S django-429-picks.txt 429 app django "the view's DRF-style throttle 429" "" -- -sv $WM/api/picks
    cap $S django-500-page.txt 500 app django "a missing query parameter (MultiValueDictKeyError): Django's 'Server Error (500)'" "" -- -sv $WM/api/boom
    cap $S nginx-504-django-slow.txt 504 proxy nginx "the view sleeps 5 s, nginx's proxy_read_timeout 3s (HAProxy waits 10s): nginx's 504 through HAProxy" "" -- -sv $WM/api/slow
    cap $S nginx-502-django-crash.txt 502 proxy nginx "the gunicorn worker dies mid-request (os._exit): nginx's 502 through HAProxy" "" -- -sv $WM/api/crash
    capraw $S nginx-502-django-crash-saved.txt 502 proxy nginx "the worker dies again on the retry" "saved to a file: CRs kept" -- -sv $WM/api/crash
    cap $S nginx-413-django.txt 413 proxy nginx "a 2.1 MB upload over client_max_body_size 1m: nginx's 413 through HAProxy" "curl -si" -- -si "${JSONH[@]}" --data-binary @export.json $WM/api/receipts
    capbody body-only-paste django-500-body.txt 500/500 app django "body of Django's 'Server Error (500)'" "curl -s" -- $WM/api/boom
    S=haproxy-nginx-php-fpm
    cap $S php-404-cart.txt 404 app php "unknown cart: the front controller's JSON 404" "X-Powered-By: PHP/8.2" -- -sv $WM/shop/api/carts/C-404
    caphttp $S php-422-httpie.txt 422 app php "HTTPie checkout without an email: Laravel-style JSON 422" "HTTPie with colours" -- -v POST $WM/shop/api/checkout items:=2
    cap $S php-500-empty.txt 500 app php "calling a method on null: PHP's empty 500 (display_errors off)" "" -- -sv $WM/shop/api/boom
    capraw $S php-503-maintenance.txt 503 app php "the front controller's JSON 503" "saved to a file: CRs kept" -- -sv $WM/shop/api/maintenance
    cap $S nginx-504-php-slow.txt 504 proxy nginx "the script sleeps 5 s, fastcgi_read_timeout 3s: nginx's 504 through HAProxy" "" -- -sv $WM/shop/api/slow
    caphttp $S nginx-504-php-slow-httpie.txt 504 proxy nginx "the slow script from HTTPie: nginx's 504 through HAProxy" "HTTPie with colours" -- -v GET $WM/shop/api/slow
    caphead $S php-500-head.txt 500 app php "curl -sI on the broken endpoint: PHP's 500" "headers-only" -- $WM/shop/api/boom
fi

# ===================================== nginx -> HAProxy -> Go net/http ==
if up haproxy && up nginx; then
    log "capturing: Go net/http behind HAProxy behind nginx"
    S=nginx-haproxy-go
    cap $S go-404-payout.txt 404 app go-net-http "unknown payout: the handler's JSON 404" "Server: nginx/1.22.1" -- -sv $PO/api/payouts/PO-404
    cap $S go-404-mux.txt 404 app go-net-http "no route: ServeMux's '404 page not found'" "curl -si" -- -si $PO/api/transfers
    cap $S go-400-bad-json.txt 400 app go-net-http "a truncated JSON body: http.Error 'bad request: unexpected EOF'" "" -- -sv "${JSONH[@]}" -d '{"iban":' $PO/api/payouts
    caphttp $S go-422-httpie.txt 422 app go-net-http "HTTPie POST without an iban: the handler's JSON 422" "HTTPie with colours" -- -v POST $PO/api/payouts amount:=100
    cap $S go-413-maxbytes.txt 413 app go-net-http "a 6 KB body over MaxBytesReader's 4 KiB: http.Error 413" "" -- -sv "${JSONH[@]}" --data-binary @memo.json $PO/api/payouts
    cap $S go-401-limits.txt 401 app go-net-http "no token: the handler's JSON 401" "" -- -sv $PO/api/admin/limits
    cap $S go-429-fx.txt 429 app go-net-http "the handler's own 429" "" -- -sv $PO/api/fx
    capwin $S go-503-ledger.txt 503 app go-net-http "http.Error 'ledger unavailable' 503" "curl -si pasted with CRLF" -- -si $PO/api/ledger
    cap $S haproxy-502-go-panic.txt 502 load-balancer haproxy "a nil-map panic: net/http drops the connection, HAProxy's 502 passed by nginx" "" -- -sv $PO/api/boom
    cap $S haproxy-504-go-slow.txt 504 load-balancer haproxy "the handler sleeps 5 s, HAProxy's timeout server 3s (nginx waits 10s): HAProxy's 504 passed by nginx" "" -- -sv $PO/api/slow
    capwin $S haproxy-504-go-slow-crlf.txt 504 load-balancer haproxy "the slow handler again: HAProxy's 504 passed by nginx" "curl -si pasted with CRLF" -- -si $PO/api/slow
    caphttp $S haproxy-502-go-panic-httpie.txt 502 load-balancer haproxy "the same panic from HTTPie" "HTTPie with colours" -- -v GET $PO/api/boom
fi

# ================================================== the bad part of the night: apps down ==
log "capturing: apps stopped"
if up nginx; then
    stop_name tornado; sleep 0.5
    cap tornado-nginx nginx-502-tornado-down.txt 502 proxy nginx "Tornado is stopped: nginx's 502 (connection refused)" "" -- -sv $TN/api/shipments/SH-1
    caphead tornado-nginx nginx-502-tornado-down-head.txt 502 proxy nginx "curl -sI while Tornado is down" "headers-only" -- $TN/api/shipments/SH-1
fi
if up caddy; then
    stop_name starlette; sleep 0.5
    cap starlette-caddy caddy-502-starlette-down.txt 502 proxy caddy "uvicorn is stopped: Caddy's empty 502" "" -- -sv $SC/api/bookings/BK-1
fi
if up varnish; then
    stop_name aiohttp; sleep 0.5
    cap aiohttp-varnish varnish-200-hit-app-down.txt 200 cdn-cache varnish "aiohttp is stopped, the product is still fresh in cache: a HIT" "" -- -sv $AV/api/products/P-1
    cap aiohttp-varnish varnish-503-aiohttp-down.txt 503 cdn-cache varnish "aiohttp is stopped, an uncached path: Varnish's 503" "" -- -sv $AV/api/products/P-7
    capwget aiohttp-varnish varnish-503-aiohttp-down-wget.txt 503 cdn-cache varnish "the same from wget" "wget -S -O-" -- -S -O- $AV/api/products/P-8
fi
if up apache; then
    stop_name hapi; sleep 0.5
    capwin hapi-apache apache-503-hapi-down.txt 503 proxy apache "node is stopped: Apache's 503 'Service Unavailable'" "curl -sv pasted with CRLF" -- -sv $HA/api/invoices/INV-1
fi
if up haproxy; then
    stop_name nest; sleep 4   # two failed checks mark it DOWN
    cap nestjs-haproxy haproxy-503-nest-down.txt 503 load-balancer haproxy "node is stopped, its server is DOWN: HAProxy's 503" "" -- -sv $NH/api/subscriptions/SUB-1
    capbody body-only-paste haproxy-503-body.txt 503/503 load-balancer haproxy "body of HAProxy's 503 page (its h1 says 503)" "curl -s" -- $NH/api/subscriptions/SUB-1
    caphead nestjs-haproxy haproxy-503-nest-down-head.txt 503 load-balancer haproxy "curl -sI while the server is DOWN" "headers-only" -- $NH/api/subscriptions/SUB-1
fi
if up haproxy && up nginx; then
    stop_name django; sleep 0.5
    cap haproxy-nginx-django nginx-502-gunicorn-down.txt 502 proxy nginx "gunicorn is stopped: nginx's 502 through HAProxy" "" -- -sv $WM/api/items/SKU-1
    stop_name php-fpm; sleep 0.5
    cap haproxy-nginx-php-fpm nginx-502-php-fpm-down.txt 502 proxy nginx "PHP-FPM is stopped: nginx's 502 through HAProxy" "curl -si" -- -si $WM/shop/api/carts/C-1
    stop_name go; sleep 4
    cap nginx-haproxy-go haproxy-503-go-down.txt 503 load-balancer haproxy "the Go service is stopped, its server DOWN: HAProxy's 503 passed by nginx" "" -- -sv $PO/api/payouts/PO-1
    stop_name nginx; sleep 0.5
    cap haproxy-nginx-django haproxy-503-nginx-down.txt 503 load-balancer haproxy "nginx itself is stopped: HAProxy's 503 (connection refused, no check)" "" -- -sv $WM/api/items/SKU-1
    capwget haproxy-nginx-django haproxy-503-nginx-down-wget.txt 503 load-balancer haproxy "the same from wget" "wget -S -O-" -- -S -O- $WM/api/items/SKU-1
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
# Evidence corpus, ROUND 42 (held out): real responses captured by
# scripts/corpus/capture-round42.sh from real servers on 127.0.0.1, one
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round42/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
