#!/usr/bin/env bash
# capture-round43.sh — build the forty-third held-out evidence corpus in
# tests/fixtures/evidence-round43/.
#
# "What fronts add: request ids, hop headers and caches answering by
# themselves, a second look": fronts that stamp their own request id on
# every answer (nginx $request_id, Apache mod_unique_id, Caddy's uuid,
# HAProxy's uuid unique-id, Varnish's xid), proxies that add Via (Apache
# ProxyVia, Caddy, HAProxy, Squid, Varnish, nghttpx), and caches answering
# by themselves (nginx proxy_cache: HIT, 304, 412, stale on error; Varnish
# grace; Squid HITs and 304s), each in front of a small app (Flask, FastAPI,
# Express, Go net/http, Sinatra, plain PHP) whose own errors are captured
# too. Some apps echo the front's id, some make their own.
#
#   scripts/corpus/capture-round43.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round43.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round43.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round43.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-42: every server binds 127.0.0.1 (ports 57500-57999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs and builds run under
# `nice -n 15`. Labels are written by finish_round43.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round43"
RUN=/tmp/api-triage-corpus43
STAGE="$RUN/evidence"
CONF="$HERE/conf-round43"
APPS="$HERE/apps43"
VENV=${CORPUS_VENV43:-/tmp/api-triage-corpus43-venv}
NODE_DIR=${CORPUS_NODE43:-/tmp/api-triage-corpus43-node}
GODIR=${CORPUS_GO43:-/tmp/api-triage-corpus43-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(flask==3.1.3 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0)
NPM=(express@5.3.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus43 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget python3-venv nodejs golang-go ruby-sinatra puma php8.2-cli apache2 nginx varnish squid haproxy caddy nghttp2-proxy)
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


install_venv() {  # Flask, FastAPI and their servers, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, fastapi, gunicorn, uvicorn" 2>/dev/null && return 0
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
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus43","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # the net/http app, offline, GOPATH mode
    local g
    mkdir -p "$GODIR"
    for g in nethttp_app; do
        [[ -x $GODIR/$g && $GODIR/$g -nt $APPS/$g.go ]] && continue
        [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the Go apps are not built"; return 0; }
        log "go build $g"
        (cd "$APPS" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR:/usr/share/gocode" GOCACHE="$GODIR/cache" \
            nice -n 15 timeout 600 go build -p 1 -o "$GODIR/$g" "$g.go") >>"$RUN/logs/go-build.log" 2>&1 \
            || SKIPPED[go]="go build $g failed (see logs/go-build.log)"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round43.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -z ${SKIPPED[npm]:-} ]] || die "Express is missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/nethttp_app ]] || die "the Go app did not build (${SKIPPED[go]:-?})"

APP_PORTS=(57510 57511 57512 57513 57514 57515 57516)
FRONT_PORTS=(57580 57581 57582 57583 57584 57585 57586)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 57519; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
for a in flask flask2 fastapi express go sinatra php; do mkdir -p "$RUN/flags/$a"; done
chmod -R 755 "$RUN/flags"
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --timeout 30 --workers 2)
start_bg flask env CATALOG_FLAGS="$RUN/flags/flask" "${GUNICORN[@]}" -b 127.0.0.1:57510 flask_app:app
start_bg flask2 env CATALOG_FLAGS="$RUN/flags/flask2" "${GUNICORN[@]}" -b 127.0.0.1:57511 flask_app:app
start_bg fastapi env CATALOG_FLAGS="$RUN/flags/fastapi" nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" \
    --host 127.0.0.1 --port 57512 --no-access-log fastapi_app:app
start_bg express env CATALOG_FLAGS="$RUN/flags/express" NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production \
    nice -n 5 node "$APPS/express_app.js" 57513
start_bg go env CATALOG_FLAGS="$RUN/flags/go" nice -n 5 "$GODIR/nethttp_app" 57514
start_bg sinatra nice -n 5 puma -e production -t 2:8 -b tcp://127.0.0.1:57515 "$APPS/sinatra_app.ru"
start_bg php env CATALOG_FLAGS="$RUN/flags/php" nice -n 5 php -n -d display_errors=0 \
    -d log_errors=1 -S 127.0.0.1:57516 "$APPS/php/router.php"
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts -------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/cache
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 57580 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 57581 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy
    cp "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy" XDG_CONFIG_HOME="$RUN/caddy" \
        caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 57582 caddy && UP[caddy]=1
fi
if have haproxy; then
    mkdir -p "$RUN"/haproxy
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    sed 's/$/\r/' "$CONF/haproxy-503.http" >"$RUN/haproxy/503.http"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 57583 haproxy && UP[haproxy]=1
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:57584 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 57584 varnish && UP[varnish]=1
fi
if have squid; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || true
    start_bg squid squid -N -n corpus43 -f "$RUN/squid/squid.conf"
    wait_port 57585 squid && UP[squid]=1
fi
if have nghttp2-proxy; then
    mkdir -p "$RUN/nghttpx"
    render "$CONF/nghttpx.conf" "$RUN/nghttpx/nghttpx.conf"
    start_bg nghttpx nghttpx --conf="$RUN/nghttpx/nghttpx.conf"
    wait_port 57586 nghttpx && UP[nghttpx]=1
fi
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 43 (held out): real responses captured by
# scripts/corpus/capture-round43.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-42:
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

NG=http://127.0.0.1:57580 AP=http://127.0.0.1:57581 CD=http://127.0.0.1:57582 HP=http://127.0.0.1:57583
VN=http://127.0.0.1:57584 SQ=http://127.0.0.1:57585 NX=http://127.0.0.1:57586
JSONH=(-H 'Content-Type: application/json')
flagon() { touch "$RUN/flags/$1/$2"; }
flagoff() { rm -f "$RUN/flags/$1/$2"; }
H2=--http2-prior-knowledge

# ======================= Flask under gunicorn + nginx ($request_id, proxy_cache) ==
if up nginx; then
    log "capturing: Flask behind nginx with \$request_id and proxy_cache"
    S=flask-nginx-reqid-cache
    cap $S flask-200-product-miss-nginx.txt 200 app flask "product 1, first request: a MISS, the view's answer (it echoes nginx's id)" "X-Request-ID twice: the app's echo and nginx's add_header, same value" -- -sv $NG/api/products/1
    cap $S nginx-200-product-hit.txt 200 cdn-cache nginx "product 1 again: served from nginx's store" "curl -si; X-Cache-Status: HIT; the stored X-Request-ID (the first request's) and nginx's new one" -- -si $NG/api/products/1
    cap $S nginx-304-product-inm.txt 304 cdn-cache nginx "If-None-Match with the stored ETag: nginx's own 304" "X-Cache-Status: HIT" -- -sv -H 'If-None-Match: "p1-v3"' $NG/api/products/1
    cap $S nginx-412-product-if-match.txt 412 cdn-cache nginx "GET with an If-Match the stored ETag does not match: nginx's 412 page" "curl -si; X-Cache-Status: HIT" -- -si -H 'If-Match: "p1-v1"' $NG/api/products/1
    cap $S flask-404-product-miss-nginx.txt 404 app flask "an unknown product: the view's JSON 404 naming the request id, stored (max-age=60)" "X-Cache-Status: MISS" -- -sv $NG/api/products/9
    cap $S flask-404-product-hit-nginx.txt 404 app flask "the same 404 again: a fresh HIT of the app's error" "curl -si; X-Cache-Status: HIT; the body names the first request's id, the header nginx's new one" -- -si $NG/api/products/9
    cap $S flask-500-report-miss-nginx.txt 500 app flask "the daily report: the view's JSON 500, kept 30 s" "X-Cache-Status: MISS" -- -sv $NG/api/reports/daily
    capraw $S flask-500-report-hit-nginx.txt 500 app flask "the daily report again: the app's 500 from the store" "curl -si saved to a file (CRs kept); X-Cache-Status: HIT" -- -si $NG/api/reports/daily
    capwin $S flask-500-boom-nginx.txt 500 app flask "a ZeroDivisionError: Flask's 'Internal Server Error' page" "curl -si pasted with CRLF; http_500 in use_stale, but nothing stored for /api/boom" -- -si $NG/api/boom
    caphttp $S flask-401-account-nginx-httpie.txt 401 app flask "no bearer token: the view's JSON 401" "HTTPie with colours" -- -v GET $NG/api/account
    cap $S flask-503-maintenance-nginx.txt 503 app flask "the view's maintenance 503 with Retry-After" "" -- -sv $NG/api/maintenance
    cap $S flask-412-put-nginx.txt 412 app flask "PUT with a stale If-Match (not cached): the view's JSON 412" "curl -si" -- -si -X PUT "${JSONH[@]}" -H 'If-Match: "p1-v1"' -d '{"price":1300}' $NG/api/products/1
    cap $S flask-304-stock-nginx.txt 304 app flask "/api/stock/ is not cached: If-None-Match reaches the view, its own 304" "no X-Cache-Status; nginx's X-Request-ID and the app's echo" -- -sv -H 'If-None-Match: "stock-1-42"' $NG/api/stock/1
    cap $S flask-404-werkzeug-nginx.txt 404 app flask "no route under /api/: Werkzeug's HTML 404" "curl -si" -- -si $NG/api/v2/products
    cap $S nginx-403-internal.txt 403 proxy nginx "/internal/ is denied by nginx: its 403 page" "curl -si; X-Request-ID from add_header always" -- -si $NG/internal/metrics
    cap $S nginx-504-slow.txt 504 proxy nginx "the view sleeps 5 s, nothing cached: nginx's 504 after proxy_read_timeout 2s" "X-Cache-Status: MISS on nginx's own page" -- -sv $NG/api/slow
    cap $S nginx-502-ledger.txt 502 proxy nginx "/api/ledger/ goes to a port nothing listens on" "curl -si" -- -si $NG/api/ledger/entries
    capbody body-only-paste body-nginx-504.txt 504/504 proxy nginx "nginx's '504 Gateway Time-out' page" "" -- $NG/api/slow
    in_work timeout 10 curl -s -o /dev/null $NG/api/catalog
    sleep 3
    flagon flask fail
    cap $S nginx-200-stale-app-500.txt 200 cdn-cache nginx "the catalog expired and the view now answers 500: the stale copy (use_stale http_500)" "X-Cache-Status: STALE" -- -sv $NG/api/catalog
    flagoff flask fail
    sleep 3
    flagon flask slow
    capraw $S nginx-200-stale-app-timeout.txt 200 cdn-cache nginx "the catalog expired and the view hangs: after 2 s the stale copy" "curl -si saved to a file (CRs kept); X-Cache-Status: STALE" -- -si $NG/api/catalog
    flagoff flask slow
    capwget $S nginx-200-hit-wget.txt 200 cdn-cache nginx "wget on the stored product 1" "wget -S -O-; X-Cache-Status: HIT" -- $NG/api/products/1
    sleep 2
    stop_name flask
    sleep 0.5
    cap $S nginx-200-stale-app-down.txt 200 cdn-cache nginx "gunicorn stopped, the catalog expired: use_stale error serves the old copy" "X-Cache-Status: STALE" -- -sv $NG/api/catalog
    cap $S nginx-200-hit-app-down.txt 200 cdn-cache nginx "gunicorn stopped, product 1 still fresh: a HIT" "curl -si" -- -si $NG/api/products/1
    cap $S flask-404-hit-app-down.txt 404 app flask "gunicorn stopped: the app's stored 404 still served" "X-Cache-Status: HIT" -- -sv $NG/api/products/9
    cap $S flask-500-report-hit-app-down.txt 500 app flask "gunicorn stopped: the app's stored report 500 still served (within 30 s)" "curl -si; X-Cache-Status: HIT" -- -si $NG/api/reports/daily
    cap $S nginx-502-app-down.txt 502 proxy nginx "gunicorn stopped, a product never cached: nginx's 502" "" -- -sv $NG/api/products/3
fi

# ============================== Express + Apache (mod_unique_id, ProxyVia) ==
if up apache; then
    log "capturing: Express behind Apache with mod_unique_id and ProxyVia"
    S=express-apache-uniqueid-via
    cap $S express-404-product-apache.txt 404 app express "an unknown product: the handler's JSON 404 naming Apache's UNIQUE_ID as requestId" "Via from ProxyVia; X-Request-ID from Express and from Header always set" -- -sv $AP/api/products/9
    cap $S express-404-cannot-get-apache.txt 404 app express "no route: finalhandler's 'Cannot GET'" "curl -si" -- -si $AP/api/orders
    cap $S express-400-bad-json-apache.txt 400 app express "broken JSON body: body-parser's 400 page" "" -- -sv -X PUT "${JSONH[@]}" -d '{"price":' $AP/api/products/1
    cap $S express-413-body-apache.txt 413 app express "a 4 KiB JSON body over the 1kb limit: body-parser's 413" "curl -si" -- -si -X PUT "${JSONH[@]}" -d "{\"note\":\"$(head -c 4000 /dev/zero | tr '\0' x)\"}" $AP/api/products/1
    cap $S express-412-put-apache.txt 412 app express "PUT with a stale If-Match: the handler's JSON 412" "" -- -sv -X PUT "${JSONH[@]}" -H 'If-Match: "p1-v1"' -d '{"price":1}' $AP/api/products/1
    caphttp $S express-428-put-apache-httpie.txt 428 app express "PUT without If-Match: the handler's JSON 428" "HTTPie with colours" -- -v PUT $AP/api/products/2 price:=5
    cap $S express-500-boom-apache.txt 500 app express "a TypeError: finalhandler's production 500 page" "curl -si" -- -si $AP/api/boom
    capraw $S express-500-report-apache.txt 500 app express "the daily report: the handler's JSON 500" "curl -si saved to a file (CRs kept)" -- -si $AP/api/reports/daily
    capwin $S express-503-maintenance-apache.txt 503 app express "the handler's maintenance 503" "curl -si pasted with CRLF" -- -si $AP/api/maintenance
    cap $S express-401-account-apache.txt 401 app express "no token: the handler's JSON 401" "" -- -sv $AP/api/account
    cap $S apache-502-timeout.txt 502 proxy apache "the handler sleeps 5 s, ProxyTimeout 2: Apache's 502 Proxy Error" "X-Request-ID from Header always set, no Via" -- -sv $AP/api/slow
    cap $S apache-503-ledger.txt 503 proxy apache "/api/ledger/ goes to a port nothing listens on: Apache's 503" "curl -si" -- -si $AP/api/ledger/entries
    caphttp $S apache-403-internal-httpie.txt 403 proxy apache "/internal/ is Require all denied: Apache's 403" "HTTPie with colours" -- -v GET $AP/internal/metrics
    cap $S apache-404-unproxied.txt 404 proxy apache "a path outside /api/: Apache's own 404 (nothing is served there)" "curl -si" -- -si $AP/status.json
    capbody body-only-paste body-apache-502-proxy-error.txt 502/502 proxy apache "Apache's '502 Proxy Error' page" "the title shows 502" -- $AP/api/slow
    stop_name express
    sleep 0.5
    capwget $S apache-503-express-stopped-wget.txt 503 proxy apache "Express stopped: Apache's 503" "wget -S -O-" -- $AP/api/products/1
fi

# ============================== Go net/http + Caddy ({http.request.uuid}, Via) ==
if up caddy; then
    log "capturing: Go net/http behind Caddy with a uuid request id and Via"
    S=go-caddy-uuid-via
    cap $S go-200-product-caddy.txt 200 app go-net-http "product 1: the handler's JSON" "X-Request-ID is Caddy's uuid, echoed by the app" -- -sv $CD/api/products/1
    cap $S go-404-product-caddy.txt 404 app go-net-http "an unknown product: the handler's JSON 404" "curl -si" -- -si $CD/api/products/9
    cap $S go-404-mux-caddy.txt 404 app go-net-http "no route: ServeMux's '404 page not found'" "" -- -sv $CD/api/nothing
    cap $S go-304-product-caddy.txt 304 app go-net-http "If-None-Match: http.ServeContent's 304 (Caddy keeps nothing)" "curl -si" -- -si -H 'If-None-Match: "p1-v3"' $CD/api/products/1
    cap $S go-412-put-caddy.txt 412 app go-net-http "PUT with a stale If-Match: the handler's JSON 412" "" -- -sv -X PUT -H 'If-Match: "p1-v1"' $CD/api/products/1
    capraw $S go-500-boom-caddy.txt 500 app go-net-http "http.Error's text 500" "curl -si saved to a file (CRs kept)" -- -si $CD/api/boom
    cap $S go-500-report-caddy.txt 500 app go-net-http "the daily report: the handler's JSON 500" "" -- -sv $CD/api/reports/daily
    caphttp $S go-503-maintenance-caddy-httpie.txt 503 app go-net-http "the handler's maintenance 503" "HTTPie with colours" -- -v GET $CD/api/maintenance
    cap $S caddy-504-slow.txt 504 proxy caddy "the handler sleeps 5 s, response_header_timeout 2s: handle_errors' text" "Caddy's uuid and Via on its own error" -- -sv $CD/api/slow
    cap $S caddy-502-ledger.txt 502 proxy caddy "/api/ledger/ goes to a port nothing listens on: handle_errors' text" "curl -si" -- -si $CD/api/ledger/entries
    cap $S caddy-403-internal.txt 403 proxy caddy "/internal/: Caddy's own 'respond 403', empty" "" -- -sv $CD/internal/metrics
    capbody body-only-paste body-caddy-504-text.txt 504/504 proxy caddy "handle_errors' '504 Gateway Timeout'" "" -- $CD/api/slow
    stop_name go
    sleep 0.5
    capwin $S caddy-502-go-stopped.txt 502 proxy caddy "the Go app stopped: Caddy's 502 from handle_errors" "curl -si pasted with CRLF" -- -si $CD/api/products/1
fi

# ===================== Sinatra under Puma + HAProxy (uuid unique-id, Via) ==
if up haproxy; then
    log "capturing: Sinatra behind HAProxy with a uuid unique-id and Via"
    S=sinatra-haproxy-uuid
    cap $S sinatra-200-product-haproxy.txt 200 app sinatra "product 1" "X-Request-ID and Via from HAProxy, X-Trace-Id from the app" -- -sv $HP/api/products/1
    cap $S sinatra-404-json-haproxy.txt 404 app sinatra "an unknown product: the app's JSON 404 with its own trace_id" "curl -si" -- -si $HP/api/products/9
    cap $S sinatra-404-default-haproxy.txt 404 app sinatra "no route: Sinatra's default 404 page" "" -- -sv $HP/api/nothing
    caphttp $S sinatra-422-haproxy-httpie.txt 422 app sinatra "POST a product: the app's JSON 422" "HTTPie with colours" -- -v POST $HP/api/products price:=-1
    cap $S sinatra-401-haproxy.txt 401 app sinatra "no token: the app's JSON 401" "curl -si" -- -si $HP/api/account
    cap $S sinatra-429-app-haproxy.txt 429 app sinatra "the app's own quota 429 with Retry-After" "" -- -sv $HP/api/quota
    cap $S sinatra-500-boom-haproxy.txt 500 app sinatra "a NoMethodError: Sinatra's production 500" "curl -si" -- -si $HP/api/boom
    capraw $S sinatra-503-maintenance-haproxy.txt 503 app sinatra "the app's maintenance 503" "curl -si saved to a file (CRs kept)" -- -si $HP/api/maintenance
    cap $S haproxy-429-exports.txt 429 load-balancer haproxy "/api/exports/ refused by http-request deny deny_status 429" "HAProxy's built-in 429 page with its unique-id" -- -sv $HP/api/exports/all
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "/internal/ denied: HAProxy's built-in 403" "curl -si" -- -si $HP/internal/metrics
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "the app sleeps 5 s, timeout server 2s: HAProxy's 504" "" -- -sv $HP/api/slow
    cap $S haproxy-503-reports.txt 503 load-balancer haproxy "/reports/: no server passes its check, HAProxy's JSON errorfile 503" "curl -si" -- -si $HP/reports/daily
    stop_name sinatra
    sleep 0.5
    capwget $S haproxy-503-sinatra-stopped-wget.txt 503 load-balancer haproxy "Puma stopped: HAProxy's JSON errorfile 503" "wget -S -O-" -- $HP/api/products/1
fi

# ================================ FastAPI under uvicorn + Varnish (xid, grace) ==
if up varnish; then
    log "capturing: FastAPI behind Varnish"
    S=fastapi-varnish-grace
    cap $S fastapi-200-product-miss-varnish.txt 200 app fastapi "product 1, first request: a MISS" "X-Cache: MISS; the app's own X-Request-Id and Varnish's X-Edge-Request-ID differ" -- -sv $VN/api/products/1
    cap $S varnish-200-product-hit.txt 200 cdn-cache varnish "product 1 again: from Varnish's store" "curl -si; X-Cache: HIT, the stored app id kept, a new edge id" -- -si $VN/api/products/1
    cap $S varnish-304-product-inm.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "" -- -sv -H 'If-None-Match: "p1-v3"' $VN/api/products/1
    cap $S fastapi-404-product-miss-varnish.txt 404 app fastapi "an unknown product: HTTPException(404), a MISS Varnish keeps" "curl -si" -- -si $VN/api/products/9
    cap $S fastapi-404-product-hit-varnish.txt 404 app fastapi "the same 404 again: a HIT of the app's error" "X-Cache: HIT" -- -sv $VN/api/products/9
    cap $S fastapi-500-report-miss-varnish.txt 500 app fastapi "the daily report: the app's JSON 500, kept 30 s by the VCL" "curl -si" -- -si $VN/api/reports/daily
    capwin $S fastapi-500-report-hit-varnish.txt 500 app fastapi "the daily report again: the app's 500 from the store" "curl -si pasted with CRLF; X-Cache: HIT" -- -si $VN/api/reports/daily
    cap $S fastapi-422-product-varnish.txt 422 app fastapi "a product id that is not an int: FastAPI's validation 422" "" -- -sv $VN/api/products/abc
    cap $S fastapi-500-boom-varnish.txt 500 app fastapi "a ZeroDivisionError: Starlette's text 'Internal Server Error'" "curl -si" -- -si $VN/api/boom
    caphttp $S fastapi-412-put-varnish-httpie.txt 412 app fastapi "PUT with a stale If-Match (passed): HTTPException(412)" "HTTPie with colours" -- -v PUT $VN/api/products/1 'If-Match:"p1-v1"'
    cap $S fastapi-401-account-varnish.txt 401 app fastapi "no token: 'Not authenticated'" "curl -si" -- -si $VN/api/account
    cap $S varnish-403-admin-synth.txt 403 cdn-cache varnish "/admin/: a synth 403 from vcl_recv" "" -- -sv $VN/admin/users
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the app sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "curl -si" -- -si $VN/api/slow
    capraw $S varnish-503-legacy.txt 503 cdn-cache varnish "/legacy/ goes to a port nothing listens on: 'Backend fetch failed'" "curl -si saved to a file (CRs kept)" -- -si $VN/legacy/products/1
    in_work timeout 10 curl -s -o /dev/null $VN/api/catalog
    sleep 3
    flagon fastapi fail
    cap $S varnish-200-grace-app-500.txt 200 cdn-cache varnish "the catalog expired and the app answers 500: the grace copy" "X-Cache: HIT-STALE" -- -sv $VN/api/catalog
    flagoff fastapi fail
    sleep 1
    stop_name fastapi
    sleep 0.5
    cap $S varnish-200-grace-app-down.txt 200 cdn-cache varnish "uvicorn stopped, the catalog expired: served in grace" "curl -si; X-Cache: HIT-STALE" -- -si $VN/api/catalog
    cap $S varnish-200-hit-app-down.txt 200 cdn-cache varnish "uvicorn stopped, product 1 still fresh: a HIT" "" -- -sv $VN/api/products/1
    cap $S fastapi-404-hit-app-down-varnish.txt 404 app fastapi "uvicorn stopped: the app's kept 404 still served" "curl -si; X-Cache: HIT" -- -si $VN/api/products/9
    capwget $S varnish-503-app-down-wget.txt 503 cdn-cache varnish "uvicorn stopped, a product never cached: 'Backend fetch failed'" "wget -S -O-" -- $VN/api/products/3
fi

# ================================================== plain PHP + Squid (accel) ==
if up squid; then
    log "capturing: plain PHP behind Squid"
    S=php-squid-via
    cap $S php-200-product-miss-squid.txt 200 app php "product 1, first request: a MISS" "Via and X-Cache from Squid, the app's own X-Request-Id" -- -sv $SQ/api/products/1
    cap $S squid-200-product-hit.txt 200 cdn-cache squid "product 1 again: from Squid's memory cache" "curl -si; X-Cache: HIT, Age" -- -si $SQ/api/products/1
    cap $S squid-304-product-inm.txt 304 cdn-cache squid "If-None-Match on the cached product: Squid's own 304" "" -- -sv -H 'If-None-Match: "p1-v3"' $SQ/api/products/1
    cap $S php-404-product-squid.txt 404 app php "an unknown product: the script's JSON 404 (max-age=60)" "curl -si" -- -si $SQ/api/products/9
    cap $S php-404-product-squid-again.txt 404 app php "the same unknown product again: Squid kept the app's 404 (max-age=60), a HIT of the app's error" "X-Cache: HIT" -- -sv $SQ/api/products/9
    caphttp $S php-404-no-route-squid-httpie.txt 404 app php "no route: the script's JSON 404" "HTTPie with colours" -- -v GET $SQ/api/orders
    cap $S php-500-report-squid.txt 500 app php "the daily report: the script's JSON 500" "curl -si" -- -si $SQ/api/reports/daily
    cap $S php-500-fatal-squid.txt 500 app php "a call on null: PHP's fatal error, an empty 500 (display_errors off)" "" -- -sv $SQ/api/boom
    capwin $S php-503-maintenance-squid.txt 503 app php "the script's maintenance 503" "curl -si pasted with CRLF" -- -si $SQ/api/maintenance
    cap $S squid-504-slow.txt 504 cdn-cache squid "the script sleeps 5 s, read_timeout 2 seconds: ERR_READ_TIMEOUT" "" -- -sv $SQ/api/slow
    cap $S squid-502-legacy.txt 502 cdn-cache squid "/legacy/: a peer that is not running" "curl -si" -- -si $SQ/legacy/products/1
    cap $S squid-403-internal.txt 403 cdn-cache squid "/internal/ denied by http_access: ERR_ACCESS_DENIED" "" -- -sv $SQ/internal/metrics
    stop_name php
    sleep 0.5
    cap $S squid-200-hit-app-down.txt 200 cdn-cache squid "the PHP server stopped, product 1 still fresh: a HIT" "curl -si" -- -si $SQ/api/products/1
    cap $S squid-503-app-down.txt 503 cdn-cache squid "the PHP server stopped, the catalog never fetched through Squid: ERR_CONNECT_FAIL" "" -- -sv $SQ/api/catalog
fi

# ==================================================== Flask + nghttpx (Via) ==
if up nghttpx; then
    log "capturing: Flask behind nghttpx"
    S=flask-nghttpx-via
    cap $S flask-200-product-nghttpx.txt 200 app flask "product 1 through nghttpx" "via: 1.1 nghttpx; the app made its own X-Request-ID (nghttpx sends none)" -- -sv $NX/api/products/1
    cap $S flask-404-product-nghttpx.txt 404 app flask "an unknown product: the view's JSON 404" "curl -si" -- -si $NX/api/products/9
    cap $S flask-500-boom-nghttpx-h2.txt 500 app flask "HTTP/2 (h2c): Flask's 500 page" "" -- -sv $H2 $NX/api/boom
    cap $S flask-401-account-nghttpx-h2.txt 401 app flask "HTTP/2 (h2c): the view's JSON 401" "curl -si" -- -si $H2 $NX/api/account
    cap $S flask-503-maintenance-nghttpx.txt 503 app flask "the view's maintenance 503" "" -- -sv $NX/api/maintenance
    cap $S nghttpx-504-slow.txt 504 proxy nghttpx "the view sleeps 5 s, backend-read-timeout 2s: nghttpx's 504 page" "" -- -sv $NX/api/slow
    cap $S nghttpx-504-slow-h2.txt 504 proxy nghttpx "HTTP/2 (h2c), the view sleeps 5 s: nghttpx's 504" "curl -si" -- -si $H2 $NX/api/slow
    cap $S nghttpx-502-ledger.txt 502 proxy nghttpx "/api/ledger/ goes to a port nothing listens on: nghttpx's 502 page" "curl -si" -- -si $NX/api/ledger/entries
    stop_name flask2
    sleep 0.5
    cap $S nghttpx-502-flask-stopped.txt 502 proxy nghttpx "gunicorn stopped: nghttpx's 502" "" -- -sv $NX/api/products/1
    capraw $S nghttpx-502-flask-stopped-h2.txt 502 proxy nghttpx "HTTP/2 (h2c), gunicorn stopped: nghttpx's 502" "curl -si saved to a file (CRs kept)" -- -si $H2 $NX/api/products/1
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-flask-404-json-nginx.txt 0/404 app flask "the view's JSON 404 naming the request id (a HIT by now)" "no number" -- $NG/api/products/9
up haproxy && capbody $S body-haproxy-503-json.txt 0/503 load-balancer haproxy "HAProxy's JSON errorfile" "no number" -- $HP/reports/daily
up varnish && capbody $S body-varnish-503-guru.txt 503/503 cdn-cache varnish "Varnish's 'Error 503 Backend fetch failed' page" "" -- $VN/legacy/products/2
up squid && capbody $S body-squid-403-denied.txt 0/403 cdn-cache squid "Squid's ERR_ACCESS_DENIED page" "no number" -- $SQ/internal/metrics
up nghttpx && capbody $S body-nghttpx-502.txt 502/502 proxy nghttpx "nghttpx's 502 page" "" -- $NX/api/ledger/entries

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-200-hit.txt 200 cdn-cache nginx "curl -sI on the stored product" "X-Cache-Status: HIT" -- $NG/api/products/1
up varnish && caphead $S head-fastapi-404-varnish-hit.txt 404 app fastapi "curl -sI on the kept 404" "X-Cache: HIT" -- $VN/api/products/9
up apache && caphead $S head-apache-403.txt 403 proxy apache "curl -sI on /internal/" "" -- $AP/internal/metrics
up haproxy && caphead $S head-haproxy-429.txt 429 load-balancer haproxy "curl -sI on /api/exports/" "" -- $HP/api/exports/all
up squid && caphead $S head-squid-200-hit.txt 200 cdn-cache squid "curl -sI on the cached product" "X-Cache: HIT" -- $SQ/api/products/1

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round43/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
