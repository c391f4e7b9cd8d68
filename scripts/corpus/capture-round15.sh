#!/usr/bin/env bash
# capture-round15.sh — build the fifteenth held-out evidence corpus in
# tests/fixtures/evidence-round15/.
#
# App frameworks no earlier round used, behind the usual fronts, set up the
# way their docs and the packages' stock configs do it (timeouts cut to 2 s):
# Laravel 8 (Debian's php-laravel-framework) under PHP-FPM behind nginx
# (fastcgi_pass, passing errors through; also TLS + HTTP/2); fasthttp behind
# nginx with proxy_intercept_errors and branded HTML pages, and behind nginx
# with TLS + HTTP/2; Egg.js behind HAProxy; Sails behind Apache mod_proxy_http
# (Basic auth on the admin paths); APIFlask under gunicorn behind Squid as a
# reverse accelerator; Web::Simple under Starman behind Varnish; Esmerald
# under uvicorn behind HAProxy behind Caddy (HTTPS with its internal CA,
# HTTP/2, basicauth). Paste forms: curl -v/-i transcripts (some with their
# CRs, some with CRLF), HTTPie with colours, body-only and headers-only
# pastes, HTTP/2 over TLS, `wget -S -O-`.
#
#   scripts/corpus/capture-round15.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round15.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round15.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round15.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports 33000-33999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs and builds run under
# `nice -n 15`. Labels are written by finish_round15.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round15"
RUN=/tmp/api-triage-corpus15
STAGE="$RUN/evidence"
CONF="$HERE/conf-round15"
APPS="$HERE/apps15"
VENV=${CORPUS_VENV15:-/tmp/api-triage-corpus15-venv}
NODE_DIR=${CORPUS_NODE15:-/tmp/api-triage-corpus15-node}
GODIR=${CORPUS_GO15:-/tmp/api-triage-corpus15-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
# lilya is pinned: Esmerald 3.9.4 does not start on lilya 0.29
PYPI=(apiflask==3.1.2 esmerald==3.9.4 'lilya[standard]==0.20.10' gunicorn==27.0.1 uvicorn==0.55.0)
NPM=(egg@3.34.0 sails@1.5.18)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus15 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openssl apache2-utils python3-venv nodejs golang-go golang-github-valyala-fasthttp-dev
          php8.2-fpm php8.2-mbstring php-laravel-framework libweb-simple-perl starman
          apache2 nginx haproxy varnish caddy squid)
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

install_venv() {  # APIFlask, Esmerald and their servers, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import apiflask, esmerald, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # Egg.js and Sails, from npm
    [[ -e $NODE_DIR/node_modules/egg/package.json && -e $NODE_DIR/node_modules/sails/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus15","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # fasthttp from Debian's golang-github-valyala-fasthttp-dev, offline
    [[ -x $GODIR/fasthttp_app && $GODIR/fasthttp_app -nt $APPS/fasthttp_app.go ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the Go app is not built"; return 0; }
    mkdir -p "$GODIR"
    log "go build"
    (cd "$APPS" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR:/usr/share/gocode" GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GODIR/fasthttp_app" fasthttp_app.go) >"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[go]="go build failed (see logs/go-build.log)"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round15.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -z ${SKIPPED[npm]:-} ]] || die "Egg.js/Sails are missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/fasthttp_app ]] || die "the fasthttp app did not build (${SKIPPED[go]:-?})"

APP_PORTS=(33010 33011 33013 33014 33016)
OTHER_PORTS=(33012 33015 33050 33051 33052 33053 33060 33064 33065 33070 33071 33075 33080)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" 33008 33009; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
mkdir -p "$RUN/egg" "$RUN/sails"
cp -r "$APPS/egg/." "$RUN/egg/"
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production)
start_bg egg "${NODEENV[@]}" EGG_SERVER_ENV=prod EGG_LOG_DIR="$RUN/egg/logs" EGG_RUN_DIR="$RUN/egg/run" \
    nice -n 5 node "$RUN/egg/server.js" 33010
(cd "$RUN/sails" && exec "${NODEENV[@]}" nice -n 5 node "$APPS/sails/app.js" 33011) >"$RUN/logs/sails.log" 2>&1 &
PIDS+=($!); echo $! >"$RUN/pids/sails.pid"
start_bg apiflask nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 2 --timeout 30 -b 127.0.0.1:33013 apiflask_app:app
start_bg esmerald nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 33014 esmerald_app:app
start_bg fasthttp nice -n 5 "$GODIR/fasthttp_app" 33016
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done
if have starman && have libweb-simple-perl; then
    start_bg starman nice -n 5 starman --listen 127.0.0.1:33015 --workers 2 "$APPS/websimple_app.psgi"
    wait_port 33015 starman && UP[starman]=1
fi
if have php8.2-fpm && have php-laravel-framework; then
    LV=$RUN/laravel
    mkdir -p "$RUN/php-fpm" "$LV"
    cp -r "$APPS/laravel/." "$LV/"
    mkdir -p "$LV"/storage/framework/{cache/data,views} "$LV/storage/logs" "$LV/bootstrap/cache"
    render "$CONF/php-fpm.conf" "$RUN/php-fpm/php-fpm.conf"
    chown -R www-data: "$RUN/php-fpm" "$LV" 2>/dev/null || true
    start_bg php-fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/php-fpm.conf"
    wait_port 33012 php-fpm && UP[php]=1
fi

# ---- front layers ------------------------------------------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 3 -subj "/CN=api.example.test" \
    -addext "subjectAltName=DNS:api.example.test,DNS:orders.example.test,IP:127.0.0.1" \
    -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" >"$RUN/logs/openssl.log" 2>&1 || log "openssl failed"
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/html/errors
    cp "$CONF"/errors/*.html "$RUN/nginx/html/errors/"
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf" -e "s|@LARAVEL@|$RUN/laravel|g"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 33050 nginx && wait_port 33053 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    htpasswd -bc "$RUN/apache/htpasswd" ops correct-horse >"$RUN/logs/htpasswd.log" 2>&1
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 33060 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 33070 haproxy && wait_port 33071 haproxy && UP[haproxy]=1
fi
if have caddy && up haproxy; then
    mkdir -p "$RUN"/caddy/{data,home}
    HASH=$(timeout 20 caddy hash-password --plaintext 'correct-horse' 2>/dev/null | tail -n 1)
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s#@HASH@#$HASH#"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 33065 caddy && UP[caddy]=1
fi
if have varnish && up starman; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:33075 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 33075 varnish && UP[varnish]=1
fi
if have squid; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || true
    start_bg squid squid -N -n corpus15 -f "$RUN/squid/squid.conf"
    wait_port 33080 squid && UP[squid]=1
fi
sleep 3  # HAProxy's health checks settle; Caddy issues its certificate

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 15 (held out): real responses captured by
# scripts/corpus/capture-round15.sh from real servers on 127.0.0.1, one
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

A=http://127.0.0.1
EG=$A:33010 SL=$A:33011 AF=$A:33013 ES=$A:33014 WS=$A:33015 FH=$A:33016
NL=$A:33050 NF=$A:33051 NT=https://127.0.0.1:33052 NLT=https://127.0.0.1:33053
AP=$A:33060 CD=https://127.0.0.1:33065 HE=$A:33070 VN=$A:33075 SQ=$A:33080
JSONH=(-H 'Content-Type: application/json')
ACC=(-H 'Accept: application/json')
head -c 4096 /dev/zero | tr '\0' x >"$RUN/work/upload.txt"    # a 4 KiB upload
head -c 16384 /dev/zero | tr '\0' x >"$RUN/work/upload16.txt" # a 16 KiB upload
printf '{"sku":"A-1","qty":1,"note":"%s"}' "$(head -c 4096 /dev/zero | tr '\0' x)" >"$RUN/work/big.json"

# ============================================== Laravel + PHP-FPM + nginx ==
if up nginx && up php; then
    log "capturing: Laravel under PHP-FPM behind nginx"
    S=laravel-fpm-nginx
    cap $S laravel-404-model-json.txt 404 app laravel "findOrFail on an unknown id, Accept: application/json: 'No query results for model'" "Server: nginx/1.22.1" -- -sv "${ACC[@]}" $NL/api/orders/7
    cap $S laravel-404-no-route.txt 404 app laravel "no route: Laravel's 404 page" "" -- -sv $NL/api/v2/orders
    cap $S laravel-422-validation.txt 422 app laravel "\$request->validate() fails, Accept: application/json: 'The given data was invalid.'" "" -- -sv "${ACC[@]}" "${JSONH[@]}" -d '{"qty":0}' $NL/api/orders
    caphttp $S laravel-422-httpie.txt 422 app laravel "HTTPie POST with qty 0 (HTTPie asks for JSON)" "HTTPie with colours" -- -v POST $NL/api/orders sku=A-1 qty:=0
    cap $S laravel-500-validation-redirect.txt 500 app laravel "the same validation failure without Accept: JSON: Laravel redirects back, which needs a session the API has not got; its 500 page" "curl -si" -- -si "${JSONH[@]}" -d '{"qty":0}' $NL/api/orders
    cap $S laravel-401-unauthenticated-json.txt 401 app laravel "no token, Accept: application/json: AuthenticationException's 401" "" -- -sv "${ACC[@]}" $NL/api/admin/reports
    capraw $S laravel-500-login-route-missing.txt 500 app laravel "no token, no Accept: JSON: Laravel redirects to route('login'), which an API does not define; its 500 page" "curl -si saved to a file (CRs kept)" -- -si $NL/api/admin/reports
    cap $S laravel-403-json.txt 403 app laravel "a token without the scope: AuthorizationException, 'This action is unauthorized.'" "curl -si" -- -si "${ACC[@]}" -H 'Authorization: Bearer user-token' $NL/api/admin/reports
    cap $S laravel-405-symfony-page.txt 405 app laravel "GET on a POST-only route: no 405 view, so Symfony's 'Oops! An Error Occurred' page" "curl -si" -- -si $NL/api/orders
    capwin $S laravel-405-json.txt 405 app laravel "the same 405 with Accept: application/json" "curl -si pasted with CRLF" -- -si "${ACC[@]}" $NL/api/orders
    cap $S laravel-413-post-too-large.txt 413 app laravel "a 4 KiB body over PHP's post_max_size 1K: ValidatePostSize's 413" "nginx's client_max_body_size is the default 1m" -- -sv -H 'Content-Type: text/plain' --data-binary @upload.txt $NL/api/upload
    quiet $NL/api/exports
    cap $S laravel-429-throttle-json.txt 429 app laravel "throttle:1,1, the second request: 'Too Many Attempts.'" "" -- -sv "${ACC[@]}" $NL/api/exports
    cap $S laravel-500-server-error-page.txt 500 app laravel "an Error (a method called on null), debug off: Laravel's '500 | Server Error' page" "" -- -sv $NL/api/boom
    cap $S laravel-500-json.txt 500 app laravel "the same bug, Accept: application/json: {\"message\": \"Server Error\"}" "curl -si" -- -si "${ACC[@]}" $NL/api/boom
    cap $S laravel-504-dependency.txt 504 app laravel "the inventory service did not answer in 1 s: the app's own JSON 504" "" -- -sv $NL/api/inventory
    cap $S nginx-504-fastcgi-timeout.txt 504 proxy nginx "the action sleeps 5 s, fastcgi_read_timeout 2s" "" -- -sv $NL/api/slow
    cap $S nginx-502-fastcgi-billing-down.txt 502 proxy nginx "fastcgi_pass to a billing FPM pool that is not running" "curl -si" -- -si $NL/billing/invoices
    cap $S nginx-403-dotfile-denied.txt 403 proxy nginx "/.env: the docs' 'location ~ /\\.(?!well-known).*' deny" "curl -si" -- -si $NL/.env
    cap $S nginx-413-client-max-body-size.txt 413 proxy nginx "a 16 KiB body over client_max_body_size 8k: nginx's own 413" "" -- -sv -H 'Content-Type: text/plain' --data-binary @upload16.txt $NL/api/upload

    S=laravel-fpm-nginx-h2
    cap $S laravel-404-h2.txt 404 app laravel "HTTP/2 over TLS (self-signed, -k): findOrFail's JSON 404" "" -- -sv -k "${ACC[@]}" $NLT/api/orders/7
    cap $S laravel-500-h2.txt 500 app laravel "HTTP/2: Laravel's 500 page" "curl -si" -- -si -k $NLT/api/boom
    cap $S nginx-504-h2-fastcgi.txt 504 proxy nginx "HTTP/2: fastcgi_read_timeout" "" -- -sv -k $NLT/api/slow
    cap $S nginx-400-plain-http-to-tls.txt 400 proxy nginx "plain HTTP sent to the TLS port: 'The plain HTTP request was sent to HTTPS port'" "curl -si" -- -si http://127.0.0.1:33053/api/orders/1
fi

# ================================= fasthttp + nginx, intercept errors ==
if up nginx; then
    log "capturing: fasthttp behind nginx with proxy_intercept_errors on"
    S=fasthttp-nginx-intercept
    cap $S nginx-404-intercepted-order.txt 404 proxy nginx "the app's JSON 404 for an unknown order replaced by the branded 404 page" "proxy_intercept_errors on" -- -sv $NF/api/orders/7
    cap $S nginx-404-intercepted-path.txt 404 proxy nginx "fasthttp's 'Unsupported path' replaced by the branded 404 page" "curl -si" -- -si $NF/api/v2/orders
    cap $S fasthttp-422-passed.txt 422 app fasthttp "422 has no error_page: the app's JSON passes" "" -- -sv "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $NF/api/orders
    cap $S fasthttp-400-body-too-large.txt 400 app fasthttp "a 4 KiB body over MaxRequestBodySize 1 KiB: fasthttp's own 'Error when parsing request'" "curl -si" -- -si "${JSONH[@]}" --data-binary @big.json $NF/api/orders
    cap $S fasthttp-405-text.txt 405 app fasthttp "DELETE on an order: ctx.Error's text 405" "curl -si" -- -si -X DELETE $NF/api/orders/1
    caphttp $S fasthttp-401-httpie.txt 401 app fasthttp "HTTPie, no token" "HTTPie with colours" -- -v GET $NF/api/admin/reports
    cap $S fasthttp-429-text.txt 429 app fasthttp "ctx.Error's text 429" "curl -si" -- -si $NF/api/limited
    cap $S nginx-500-intercepted-panic.txt 500 proxy nginx "a recovered panic's text 500 replaced by the branded 50x page" "" -- -sv $NF/api/boom
    capwin $S nginx-503-intercepted-maintenance.txt 503 proxy nginx "the app's JSON 503 replaced by the branded 50x page" "curl -si pasted with CRLF" -- -si $NF/api/maintenance
    cap $S nginx-504-intercepted-app.txt 504 proxy nginx "the app's own JSON 504 replaced by the branded 50x page" "curl -si" -- -si $NF/api/inventory
    cap $S nginx-504-intercepted-timeout.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 2s: nginx's 504 with the branded page" "" -- -sv $NF/api/slow
    capraw $S nginx-502-intercepted-ledger.txt 502 proxy nginx "a dead ledger upstream: nginx's 502 with the branded page" "curl -si saved to a file (CRs kept)" -- -si $NF/ledger/api/entries

    S=fasthttp-nginx-h2
    cap $S fasthttp-404-json-h2.txt 404 app fasthttp "HTTP/2 over TLS (self-signed, -k), no interception: the app's JSON 404" "" -- -sv -k $NT/api/orders/7
    cap $S fasthttp-500-h2.txt 500 app fasthttp "HTTP/2: the recovered panic's text 500" "" -- -sv -k $NT/api/boom
    cap $S nginx-502-h2-ledger.txt 502 proxy nginx "HTTP/2: the ledger upstream is not running" "curl -si" -- -si -k $NT/ledger/api/entries
    cap $S nginx-504-h2-slow.txt 504 proxy nginx "HTTP/2: proxy_read_timeout" "" -- -sv -k $NT/api/slow
    caphttp $S fasthttp-503-httpie-tls.txt 503 app fasthttp "HTTPie over TLS (--verify=no): the app's JSON 503 passed" "HTTPie with colours" -- --verify=no -v GET $NT/api/maintenance
fi

# ============================================================ Egg + HAProxy ==
if up haproxy; then
    log "capturing: Egg.js behind HAProxy"
    S=egg-haproxy
    cap $S egg-404-json-unknown-order.txt 404 app egg "ctx.throw(404), Accept: application/json: egg-onerror's JSON" "" -- -sv "${ACC[@]}" $HE/api/orders/7
    cap $S egg-404-html-unknown-order.txt 404 app egg "the same ctx.throw(404) for curl's Accept */*: egg-onerror's production '<h2>404 Not Found</h2>'" "curl -si" -- -si $HE/api/orders/7
    cap $S egg-404-no-route.txt 404 app egg "no route: egg's notfound middleware, '<h1>404 Not Found</h1>'" "" -- -sv $HE/api/v2/orders
    cap $S egg-422-validation-json.txt 422 app egg "ctx.throw(422) with egg-validate's shape, Accept: application/json" "" -- -sv "${ACC[@]}" "${JSONH[@]}" -d '{"qty":0}' $HE/api/orders
    caphttp $S egg-422-httpie.txt 422 app egg "HTTPie POST with qty 0 (HTTPie asks for JSON)" "HTTPie with colours" -- -v POST $HE/api/orders sku=A-1 qty:=0
    cap $S egg-413-body-limit.txt 413 app egg "a 4 KiB JSON body over bodyParser jsonLimit 1kb, Accept: application/json" "" -- -sv "${ACC[@]}" "${JSONH[@]}" --data-binary @big.json $HE/api/orders
    cap $S egg-403-csrf-html.txt 403 app egg "a form POST to a non-API path without a CSRF token: egg-security's 403" "curl -si" -- -si -d 'id=evt_1' $HE/webhooks/stripe
    capraw $S egg-403-csrf-json.txt 403 app egg "the same CSRF refusal, Accept: application/json: 'missing csrf token'" "curl -si saved to a file (CRs kept)" -- -si "${ACC[@]}" "${JSONH[@]}" -d '{"id":"evt_1"}' $HE/webhooks/stripe
    cap $S egg-500-real-status-500.txt 500 app egg "a TypeError: '<h2>Internal Server Error, real status: 500</h2>'" "curl -si" -- -si $HE/api/boom
    cap $S egg-500-real-status-504.txt 500 app egg "the app's own 504 for curl's Accept */*: egg-onerror sends 500 and names the real status in the body" "" -- -sv $HE/api/inventory
    cap $S egg-504-json.txt 504 app egg "the app's own 504 with Accept: application/json: the status kept, the message replaced" "curl -si" -- -si "${ACC[@]}" $HE/api/inventory
    capwin $S egg-503-json.txt 503 app egg "the team's JSON 503 for maintenance" "curl -si pasted with CRLF" -- -si $HE/api/maintenance
    cap $S haproxy-504-egg-slow.txt 504 load-balancer haproxy "the handler sleeps 5 s, timeout server 2s" "" -- -sv $HE/api/slow
    cap $S haproxy-503-payments-down.txt 503 load-balancer haproxy "both payments servers fail their checks" "curl -si" -- -si $HE/payments/api/charges
    cap $S haproxy-403-internal-deny.txt 403 load-balancer haproxy "http-request deny on /internal/" "" -- -sv $HE/internal/metrics
    cap $S haproxy-400-bad-header.txt 400 load-balancer haproxy "a header name with a space in it: HAProxy's 400" "curl -si" -- -si -H 'X Trace Id: 42' $HE/api/orders/1
    capwget $S haproxy-504-wget.txt 504 load-balancer haproxy "wget on the slow handler" "wget -S -O-" -- $HE/api/slow
fi

# ============================================================ Sails + Apache ==
if up apache; then
    log "capturing: Sails behind Apache mod_proxy_http"
    S=sails-apache
    cap $S sails-404-notfound.txt 404 app sails "res.notFound() for an unknown order: Sails' text 'Not Found'" "Server: Apache/2.4.71 (Debian); X-Powered-By: Sails" -- -sv $AP/api/orders/7
    cap $S sails-400-badrequest.txt 400 app sails "res.badRequest() with the problems" "" -- -sv "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $AP/api/orders
    cap $S sails-400-empty-bad-json.txt 400 app sails "broken JSON in production: the body parser's empty 400" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":' $AP/api/orders
    cap $S sails-401-policy.txt 401 app sails "the isLoggedIn policy, no token" "" -- -sv $AP/api/me
    cap $S sails-403-forbidden.txt 403 app sails "the right Basic credentials get past Apache; the policy sees a token, the action answers res.forbidden()" "curl -si" -- -si -u ops:correct-horse $AP/api/admin/reports
    cap $S sails-500-unhandled.txt 500 app sails "a TypeError in an async action: Sails' 500" "" -- -sv $AP/api/boom
    capwin $S sails-503-json.txt 503 app sails "the team's JSON 503" "curl -si pasted with CRLF" -- -si $AP/api/maintenance
    caphttp $S sails-409-httpie.txt 409 app sails "HTTPie: the team's JSON 409" "HTTPie with colours" -- -v POST $AP/api/orders/1/cancel
    cap $S apache-403-require-denied.txt 403 proxy apache "/internal/: Require all denied" "curl -si" -- -si $AP/internal/metrics
    cap $S apache-502-proxy-timeout.txt 502 proxy apache "the action sleeps 5 s, ProxyTimeout 2" "" -- -sv $AP/api/slow
    capraw $S apache-503-reports-down.txt 503 proxy apache "ProxyPass to a reports backend that is not running" "curl -si saved to a file (CRs kept)" -- -si $AP/reports/daily
    cap $S apache-401-basic-admin.txt 401 identity apache "mod_auth_basic on /api/admin/, no credentials" "" -- -sv $AP/api/admin/reports
    cap $S apache-401-basic-wrong-password.txt 401 identity apache "mod_auth_basic, a wrong password" "curl -si" -- -si -u ops:wrong $AP/api/admin/reports
fi

# ============================================== APIFlask + Squid accelerator ==
if up squid; then
    log "capturing: APIFlask under gunicorn behind Squid"
    S=apiflask-squid
    cap $S apiflask-200-squid-miss.txt 200 app apiflask "the catalog, first request: a MISS" "X-Cache: MISS" -- -sv $SQ/api/catalog
    cap $S squid-200-hit.txt 200 cdn-cache squid "the catalog again: from Squid's memory cache" "curl -si; X-Cache: HIT" -- -si $SQ/api/catalog
    cap $S apiflask-404-via-squid.txt 404 app apiflask "abort(404) for an unknown order" "" -- -sv $SQ/api/orders/7
    cap $S apiflask-404-no-route.txt 404 app apiflask "no route: APIFlask's JSON 'Not Found'" "curl -si" -- -si $SQ/api/v2/orders
    caphttp $S apiflask-422-httpie.txt 422 app apiflask "HTTPie POST with qty 0: APIFlask's 'Validation error'" "HTTPie with colours" -- -v POST $SQ/api/orders sku=A-1 qty:=0
    cap $S apiflask-413-via-squid.txt 413 app apiflask "a 4 KiB upload over MAX_CONTENT_LENGTH 1 KiB: the 413 as APIFlask's JSON" "curl -si" -- -si -H 'Content-Type: text/plain' --data-binary @upload.txt $SQ/api/upload
    cap $S apiflask-401-via-squid.txt 401 app apiflask "HTTPTokenAuth, no token" "" -- -sv $SQ/api/admin/reports
    cap $S apiflask-405-via-squid.txt 405 app apiflask "DELETE on an order" "curl -si" -- -si -X DELETE $SQ/api/orders/1
    cap $S apiflask-500-via-squid.txt 500 app apiflask "a TypeError: APIFlask's JSON 500" "" -- -sv $SQ/api/boom
    capraw $S apiflask-503-via-squid.txt 503 app apiflask "abort(503) for maintenance" "curl -si saved to a file (CRs kept)" -- -si $SQ/api/maintenance
    cap $S squid-504-read-timeout.txt 504 cdn-cache squid "the view sleeps 5 s, read_timeout 2 seconds: ERR_READ_TIMEOUT" "Squid's error page" -- -sv $SQ/api/slow
    cap $S squid-502-peer-down.txt 502 cdn-cache squid "the legacy peer is not running: ERR_READ_ERROR" "curl -si" -- -si $SQ/legacy/api/items
    cap $S squid-403-access-denied.txt 403 cdn-cache squid "http_access deny on /internal/: ERR_ACCESS_DENIED" "" -- -sv $SQ/internal/metrics
    cap $S squid-413-request-too-large.txt 413 cdn-cache squid "a 16 KiB upload over request_body_max_size 8 KB: ERR_TOO_BIG" "curl -si" -- -si -H 'Content-Type: text/plain' --data-binary @upload16.txt $SQ/api/upload
    capwget $S squid-502-wget.txt 502 cdn-cache squid "wget, the dead legacy peer" "wget -S -O-" -- $SQ/legacy/api/orders
fi

# ====================================== Web::Simple + Starman + Varnish ==
if up varnish; then
    log "capturing: Web::Simple under Starman behind Varnish"
    S=websimple-starman-varnish
    cap $S websimple-200-varnish-miss.txt 200 app web-simple "the catalog, first request: a MISS" "X-Cache: MISS" -- -sv $VN/api/catalog
    cap $S varnish-200-hit.txt 200 cdn-cache varnish "the second request: from Varnish's store" "curl -si; X-Cache: HIT" -- -si $VN/api/catalog
    ETAG=$(in_work timeout 10 curl -sI $VN/api/catalog | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
    LM=$(in_work timeout 10 curl -sI $VN/api/catalog | awk 'tolower($1) == "date:" {sub(/^[^:]*: /, ""); print}' | tr -d '\r')
    if [[ -n $ETAG ]]; then
        cap $S varnish-304-etag.txt 304 cdn-cache varnish "If-None-Match with the cached ETag: Varnish's own 304" "" -- -sv -H "If-None-Match: $ETAG" $VN/api/catalog
    else
        cap $S varnish-304-ims.txt 304 cdn-cache varnish "If-Modified-Since on the cached entry: Varnish's own 304" "" -- -sv -H "If-Modified-Since: $LM" $VN/api/catalog
    fi
    cap $S websimple-404-json.txt 404 app web-simple "the app's JSON 404 for an unknown order (a MISS)" "curl -si" -- -si $VN/api/orders/7
    cap $S websimple-404-no-rule.txt 404 app web-simple "no dispatch rule matches: Web::Simple's text 'Not found'" "" -- -sv $VN/api/v2/orders
    cap $S starman-500-die.txt 500 app starman "the handler dies: Starman's text 500" "curl -si" -- -si $VN/api/boom
    caphttp $S websimple-422-httpie.txt 422 app web-simple "HTTPie POST with qty 0" "HTTPie with colours" -- -v POST $VN/api/orders sku=A-1 qty:=0
    capwin $S websimple-503-json.txt 503 app web-simple "the app's JSON 503" "curl -si pasted with CRLF" -- -si $VN/api/maintenance
    cap $S websimple-504-dependency.txt 504 app web-simple "the app's own JSON 504" "" -- -sv $VN/api/inventory
    cap $S varnish-503-first-byte-timeout.txt 503 cdn-cache varnish "the handler sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "" -- -sv $VN/api/slow
    cap $S varnish-503-legacy-down.txt 503 cdn-cache varnish "/legacy/ goes to a backend that is not running" "curl -si" -- -si $VN/legacy/api/items
    cap $S varnish-403-synth-internal.txt 403 cdn-cache varnish "/internal/: the VCL answers with synth(403)" "" -- -sv $VN/internal/metrics
fi

# ================================ Caddy (TLS) -> HAProxy -> Esmerald ==
if up caddy; then
    log "capturing: Caddy -> HAProxy -> Esmerald under uvicorn"
    S=caddy-haproxy-esmerald
    cap $S esmerald-404-two-hops.txt 404 app esmerald "NotFound for an unknown order, HTTP/2 over TLS to Caddy (-k)" "" -- -sv -k $CD/api/orders/7
    cap $S esmerald-404-no-route.txt 404 app esmerald "no route: Esmerald's {\"detail\":\"Not Found\"}" "curl -si" -- -si -k $CD/api/v2/orders
    cap $S esmerald-400-validation.txt 400 app esmerald "POST with qty 0: Esmerald's 'Validation failed for ...' 400" "" -- -sv -k "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $CD/api/orders
    cap $S esmerald-500-unhandled.txt 500 app esmerald "a TypeError: Esmerald's JSON 500 naming the exception" "curl -si" -- -si -k $CD/api/boom
    cap $S esmerald-500-bad-json.txt 500 app esmerald "broken JSON: Esmerald answers 500 with the decoder's error" "" -- -sv -k "${JSONH[@]}" -d '{"sku":' $CD/api/orders
    capraw $S esmerald-503-json.txt 503 app esmerald "the team's JSON 503" "curl -si saved to a file (CRs kept)" -- -si -k $CD/api/maintenance
    cap $S esmerald-504-dependency.txt 504 app esmerald "the app's own JSON 504" "" -- -sv -k $CD/api/inventory
    cap $S haproxy-504-via-caddy.txt 504 load-balancer haproxy "the handler sleeps 5 s: HAProxy's timeout server 2s fires before Caddy's 3 s" "" -- -sv -k $CD/api/slow
    cap $S caddy-504-reports.txt 504 proxy caddy "/reports/: HAProxy waits 10 s, Caddy's response_header_timeout 3s fires" "curl -si" -- -si -k $CD/reports/api/slow
    cap $S haproxy-503-search-via-caddy.txt 503 load-balancer haproxy "/search/: no server up in HAProxy's backend, passed by Caddy" "" -- -sv -k $CD/search/q?term=boots
    cap $S caddy-401-basicauth.txt 401 identity caddy "basicauth on /api/admin/*, no credentials" "" -- -sv -k $CD/api/admin/reports
    caphttp $S caddy-401-basicauth-httpie.txt 401 identity caddy "HTTPie with a wrong password" "HTTPie with colours" -- --verify=no -v -a ops:wrong GET $CD/api/admin/reports
    cap $S esmerald-403-behind-basicauth.txt 403 app esmerald "the right Basic credentials: Esmerald's own 403 (PermissionDenied)" "curl -si" -- -si -k -u ops:correct-horse $CD/api/admin/reports
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
capbody $S body-egg-404-route.txt 404/404 app egg "'<h1>404 Not Found</h1>'" "" -- $EG/api/v2/orders
capbody $S body-apiflask-422.txt 0/422 app apiflask "APIFlask's 'Validation error' JSON" "no number" -- "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $AF/api/orders
capbody $S body-esmerald-404.txt 0/404 app esmerald "{\"detail\":\"Order 7 not found\"}" "no number" -- $ES/api/orders/7
up nginx && capbody $S body-nginx-50x-branded.txt 0/502 proxy nginx "the branded 50x page nginx serves for a dead upstream" "no number" -- $NF/ledger/api/entries
up squid && capbody $S body-squid-read-timeout.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page" "no number" -- $SQ/api/slow
up haproxy && capbody $S body-haproxy-403.txt 403/403 load-balancer haproxy "HAProxy's 403 page" "" -- $HE/internal/metrics
up varnish && capbody $S body-varnish-503.txt 503/503 cdn-cache varnish "Varnish's 'Error 503 Backend fetch failed' page" "" -- $VN/legacy/api/items
up apache && capbody $S body-apache-502.txt 502/502 proxy apache "Apache's 502 Proxy Error page" "" -- $AP/api/slow
up nginx && capbody $S body-nginx-413.txt 413/413 proxy nginx "nginx's '413 Request Entity Too Large' page" "" -- -H 'Content-Type: text/plain' --data-binary @upload16.txt $NL/api/upload
up haproxy && capbody $S body-haproxy-504.txt 504/504 load-balancer haproxy "HAProxy's 504 page" "" -- $HE/api/slow

# ================================================ headers-only pastes ==
S=headers-only-paste
caphead $S head-fasthttp-405.txt 405 app fasthttp "curl -sI (HEAD) on an order: fasthttp's 405" "" -- $FH/api/orders/1
up nginx && caphead $S head-laravel-404.txt 404 app laravel "curl -sI on an unknown path behind nginx" "" -- $NL/api/v2/orders
up squid && caphead $S head-squid-200-hit.txt 200 cdn-cache squid "curl -sI on a cached entry" "X-Cache: HIT" -- $SQ/api/catalog
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on a cached entry" "X-Cache: HIT" -- $VN/api/catalog
up caddy && caphead $S head-caddy-401.txt 401 identity caddy "curl -sI behind basicauth" "" -- -k $CD/api/admin/reports
up haproxy && caphead $S head-haproxy-503.txt 503 load-balancer haproxy "curl -sI, no payments server" "" -- $HE/payments/api/charges

# ======================================== Laravel's own maintenance mode ==
if up nginx && up php; then
    # what `php artisan down --retry=60` leaves in storage/framework
    printf '{"except":[],"redirect":null,"retry":60,"refresh":null,"secret":null,"status":503,"template":null}' \
        >"$RUN/laravel/storage/framework/down"
    cp /usr/share/php/Illuminate/Foundation/Console/stubs/maintenance-mode.stub "$RUN/laravel/storage/framework/maintenance.php"
    chown www-data: "$RUN/laravel/storage/framework/down" "$RUN/laravel/storage/framework/maintenance.php" 2>/dev/null || true
    cap laravel-fpm-nginx laravel-503-maintenance-mode.txt 503 app laravel "'php artisan down': Laravel's '503 | Service Unavailable' page" "" -- -sv $NL/api/orders/1
    cap laravel-fpm-nginx laravel-503-maintenance-json.txt 503 app laravel "maintenance mode, Accept: application/json" "curl -si" -- -si "${ACC[@]}" $NL/api/orders/1
    rm -f "$RUN/laravel/storage/framework/down" "$RUN/laravel/storage/framework/maintenance.php"
fi

# ================================== servers go away behind their fronts ==
if up nginx && up php; then
    stop_name php-fpm
    sleep 0.5
    cap laravel-fpm-nginx nginx-502-fpm-stopped.txt 502 proxy nginx "PHP-FPM is stopped: nginx's 502" "" -- -sv $NL/api/orders/1
fi
if up haproxy; then
    stop_name egg
    sleep 0.5
    cap egg-haproxy haproxy-503-egg-stopped.txt 503 load-balancer haproxy "the Egg.js process is stopped: HAProxy's 503" "curl -si" -- -si $HE/api/orders/1
fi
if up apache; then
    stop_name sails
    sleep 0.5
    capwin sails-apache apache-503-sails-stopped.txt 503 proxy apache "Sails is stopped: Apache's 503" "curl -si pasted with CRLF" -- -si $AP/api/orders/1
fi
if up varnish && up starman; then
    stop_name starman
    sleep 0.5
    cap websimple-starman-varnish varnish-503-starman-stopped.txt 503 cdn-cache varnish "Starman is stopped: Varnish's 503" "" -- -sv $VN/api/orders/1
fi
if up squid; then
    stop_name apiflask
    sleep 0.5
    cap apiflask-squid squid-503-gunicorn-stopped.txt 503 cdn-cache squid "gunicorn is stopped: Squid's ERR_CONNECT_FAIL" "curl -si" -- -si $SQ/api/orders/1
fi
if up caddy; then
    stop_name esmerald
    sleep 0.5
    # at once, HAProxy would still be retrying the refused connection (about
    # 1 s a try) when Caddy's 3 s fire: a race, so wait until HAProxy's checks
    # (inter 2s, fall 3) have marked the server down
    sleep 7
    cap caddy-haproxy-esmerald haproxy-503-esmerald-down-via-caddy.txt 503 load-balancer haproxy "uvicorn is stopped and its check has failed: HAProxy's 503, passed by Caddy" "curl -si" -- -si -k $CD/api/orders/1
    stop_name haproxy
    sleep 0.5
    caphttp caddy-haproxy-esmerald caddy-502-haproxy-stopped-httpie.txt 502 proxy caddy "HTTPie: HAProxy is stopped, Caddy's empty 502" "HTTPie with colours" -- --verify=no -v GET $CD/api/orders/1
fi
if up nginx; then
    stop_name fasthttp
    sleep 0.5
    cap fasthttp-nginx-intercept nginx-502-fasthttp-stopped.txt 502 proxy nginx "the fasthttp process is stopped: nginx's 502 with the branded page" "curl -si" -- -si $NF/api/orders/1
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round15/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
