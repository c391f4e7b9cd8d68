#!/usr/bin/env bash
# capture-round20.sh — build the twentieth held-out evidence corpus in
# tests/fixtures/evidence-round20/.
#
# "Node and Go APIs, a fifth pairing". Nine Node and Go apps, each behind a
# front it was not behind in rounds 12-18, configured the way teams configure
# them: NestJS (Express adapter) behind nginx (TLS, h2, proxy_intercept_errors
# with JSON error pages, a JSON limit_req 429, a maintenance `return 503`);
# hapi behind HAProxy (Debian's stock errorfiles, `http-request return` for a
# JSON 429 and a maintenance 503, unique-id request ids); Koa behind Apache
# with `ProxyErrorOverride On` (every error replaced); Echo behind Apache with
# `ProxyErrorOverride On 500 503` and JSON ErrorDocuments; Fastify behind
# Varnish (stock backend-error page, a JSON synth 503); Go net/http behind
# Squid as a reverse accelerator (stock pages); gin behind Caddy (TLS,
# handle_response replacing the app's 5xx, handle_errors JSON); chi behind
# nginx left stock; and one chain of two fronts, Caddy (TLS) -> HAProxy ->
# Express. Paste forms as in round 18: curl -sv/-si, some -L, --compressed,
# --fail-with-body, HTTPie, wget, body-only, headers-only, CRLF, saved with
# CRs, a third over TLS with HTTP/2.
#
#   scripts/corpus/capture-round20.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round20.sh   # never call apt-get / npm / go
#   CORPUS_KEEP_RUN=1 capture-round20.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round20.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-19: every server binds 127.0.0.1 (ports 38000-38999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs and builds run under
# `nice -n 15`. Labels are written by finish_round20.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round20"
RUN=/tmp/api-triage-corpus20
STAGE="$RUN/evidence"
CONF="$HERE/conf-round20"
APPS="$HERE/apps20"
NODE_DIR=${CORPUS_NODE20:-/tmp/api-triage-corpus20-node}
GODIR=${CORPUS_GO20:-/tmp/api-triage-corpus20-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
NPM=(express@5.3.0 fastify@5.12.8 koa@2.16.4 @koa/router@15.7.0 koa-bodyparser@4.4.1 @hapi/hapi@21.4.13
     @hapi/boom@10.0.1 @nestjs/core@12.5.1 @nestjs/common@12.5.1 @nestjs/platform-express@12.5.1
     reflect-metadata@0.2.2 rxjs@7.8.2)
GO_APPS=(nethttp_app chi_app gin_app echo_app)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus20 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget curl openssl nodejs golang-go golang-github-gin-gonic-gin-dev golang-github-labstack-echo-dev
          golang-github-go-chi-chi-dev apache2 nginx haproxy varnish caddy squid)
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


npm_ok() {  # npm_ok DIR: the pinned versions are there
    local spec m v
    for spec in "${NPM[@]}"; do
        m=${spec%@*}; v=${spec##*@}
        grep -q "\"version\": \"$v\"" "$1/node_modules/$m/package.json" 2>/dev/null || return 1
    done
}

install_npm() {  # Express, Fastify, Koa, hapi, NestJS, from npm
    npm_ok "$NODE_DIR" && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    if ! command -v npm >/dev/null && [[ $(id -u) == 0 ]]; then  # Debian's nodejs comes without npm
        DEBIAN_FRONTEND=noninteractive nice -n 15 timeout 900 apt-get install -y -q --no-install-recommends npm \
            >>"$RUN/logs/apt-install.log" 2>&1 || true
    fi
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus20","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # net/http, chi, gin, Echo: Debian's golang-*-dev sources, offline, GOPATH mode
    local f
    mkdir -p "$GODIR/src/github.com/go-chi/chi" "$GODIR/src/github.com/labstack/echo"
    # Debian ships chi v5 and Echo v4 without the /v5 and /v4 directories GOPATH mode wants
    ln -sfn /usr/share/gocode/src/github.com/go-chi/chi "$GODIR/src/github.com/go-chi/chi/v5"
    ln -sfn /usr/share/gocode/src/github.com/labstack/echo "$GODIR/src/github.com/labstack/echo/v4"
    for f in "${GO_APPS[@]}"; do
        [[ -x $GODIR/$f && $GODIR/$f -nt $APPS/$f.go ]] && continue
        [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="$f is not built"; continue; }
        log "go build $f"
        (cd "$APPS" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR:/usr/share/gocode" GOCACHE="$GODIR/cache" \
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GODIR/"* ]]
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
            # a worker or child a server left behind (php-fpm, puma)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round20.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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


# static error pages of the fronts (fixed mtime, so Last-Modified is stable)
write_error_pages() {
    local d
    mkdir -p "$RUN"/nginx/html/errors "$RUN"/apache/errors "$RUN"/apache/htdocs "$RUN"/apache/koa-htdocs/errors
    printf '{"statusCode":500,"error":"internal_error","message":"An unexpected error occurred. Our team has been notified."}\n' \
        >"$RUN/nginx/html/errors/500.json"
    printf '{"statusCode":503,"error":"service_unavailable","message":"The shipments service is temporarily unavailable. Please retry shortly."}\n' \
        >"$RUN/nginx/html/errors/unavailable.json"
    printf '{"error":"internal_error","message":"Something went wrong while processing your request."}\n' >"$RUN/apache/errors/500.json"
    printf '{"error":"bad_gateway","message":"The orders service did not answer."}\n' >"$RUN/apache/errors/502.json"
    printf '{"error":"service_unavailable","message":"Orders is temporarily unavailable, please retry later."}\n' >"$RUN/apache/errors/503.json"
    printf '{"error":"gateway_timeout","message":"The orders service took too long to answer."}\n' >"$RUN/apache/errors/504.json"
    cat >"$RUN/apache/koa-htdocs/errors/404.html" <<'EOH'
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Not found | Acme Carts</title></head>
<body>
<h1>We couldn't find that page</h1>
<p>It may have been moved or deleted. <a href="/">Go to the shop</a></p>
</body>
</html>
EOH
    cat >"$RUN/apache/koa-htdocs/errors/500.html" <<'EOH'
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Error | Acme Carts</title></head>
<body>
<h1>Oops, something went wrong</h1>
<p>Please try again. If the problem persists, contact support@acme.example.</p>
</body>
</html>
EOH
    cat >"$RUN/apache/koa-htdocs/maintenance.html" <<'EOH'
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Down for maintenance | Acme Carts</title></head>
<body>
<h1>Down for maintenance</h1>
<p>Carts and checkout are being upgraded. We'll be back within the hour.</p>
</body>
</html>
EOH
    for d in "$RUN/nginx/html" "$RUN/apache"; do
        find "$d" -type f \( -name '*.html' -o -name '*.json' \) -exec touch -d '2025-06-02 07:15:00 UTC' {} +
    done
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
install_npm
build_go
[[ -z ${SKIPPED[npm]:-} ]] || die "the Node packages are missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} ]] || die "a Go app did not build (${SKIPPED[go]})"
have openssl || die "openssl is missing"
have curl || die "curl is missing"

# apps: NestJS, hapi, Koa, Fastify, Express, net/http, gin, Echo, chi
APP_PORTS=(38010 38011 38012 38013 38014 38015 38016 38017 38018)
OTHER_PORTS=(38030 38050 38060 38061 38070 38071 38081 38090 38091 38481 38482 38490)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" 38998 38999; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for the TLS fronts (nginx, Caddy) ------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Acme Shop/CN=api.example.test" \
    -addext "subjectAltName=DNS:api.example.test,DNS:*.example.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem
write_error_pages

# ---- apps -------------------------------------------------------------------
declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_wait nest 38010 "${NODEENV[@]}" "$APPS/nest_app.js" 38010 || die "NestJS did not start"
start_wait hapi 38011 "${NODEENV[@]}" "$APPS/hapi_app.js" 38011 || die "hapi did not start"
start_wait koa 38012 "${NODEENV[@]}" "$APPS/koa_app.js" 38012 || die "Koa did not start"
start_wait fastify 38013 "${NODEENV[@]}" "$APPS/fastify_app.js" 38013 || die "Fastify did not start"
start_wait express 38014 "${NODEENV[@]}" "$APPS/express_app.js" 38014 || die "Express did not start"
start_wait nethttp 38015 nice -n 5 "$GODIR/nethttp_app" 38015 || die "net/http did not start"
start_wait gin 38016 nice -n 5 "$GODIR/gin_app" 38016 || die "gin did not start"
start_wait echo 38017 nice -n 5 "$GODIR/echo_app" 38017 || die "Echo did not start"
start_wait chi 38018 nice -n 5 "$GODIR/chi_app" 38018 || die "chi did not start"

# ---- front layers ------------------------------------------------------------
if have apache2; then
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_wait apache 38060 setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf" \
            && wait_port 38061 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_wait haproxy 38070 haproxy -db -f "$RUN/haproxy/haproxy.cfg" && wait_port 38071 haproxy && UP[haproxy]=1
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_wait caddy 38481 env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile" \
        && wait_port 38482 caddy && wait_port 38081 caddy && UP[caddy]=1
fi
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_wait nginx 38490 nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;' \
            && wait_port 38090 nginx && wait_port 38091 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_wait varnish 38050 varnishd -F -a 127.0.0.1:38050 -T none \
        -f "$RUN/varnish/default.vcl" -n "$RUN/varnish/work" -s malloc,16m && UP[varnish]=1
fi
if have squid; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || true
    start_wait squid 38030 squid -N -n corpus20 -f "$RUN/squid/squid.conf" && UP[squid]=1
fi
sleep 3  # HAProxy's health checks settle (inter 1s, rise 2)

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & PIDS+=($!); wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 20 (held out): real responses captured by
# scripts/corpus/capture-round20.sh from real servers on 127.0.0.1, one
# response per file (a transcript that follows redirects holds several; its
# label is that of the last). Generated; do not edit by hand — change the
# script.
#
# Same fields and words as rounds 1-19:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the paste itself shows (0 = none;
#              curl's "(22) ... returned error: NNN" line counts)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes: for app responses the
#              framework, or the app server when it wrote the page itself
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`, `curl --fail-with-body -sS`) or
#              "headers-only" (`curl -sI`); absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
EOF_LABELS

NG=https://api.example.test:38490 NGH=http://api.example.test:38090 NGIPS=https://127.0.0.1:38490
NC=http://127.0.0.1:38091
HA=http://127.0.0.1:38070
AK=http://127.0.0.1:38060 AE=http://127.0.0.1:38061
VF=http://127.0.0.1:38050 SQ=http://127.0.0.1:38030
CG=https://inventory.example.test:38481 CGH=http://inventory.example.test:38081 CGIP=https://127.0.0.1:38481
CX=https://orders.example.test:38482 CXIP=https://127.0.0.1:38482
RES=(--resolve api.example.test:38490:127.0.0.1 --resolve api.example.test:38090:127.0.0.1)
RESG=(--resolve inventory.example.test:38481:127.0.0.1 --resolve inventory.example.test:38081:127.0.0.1)
RESX=(--resolve orders.example.test:38482:127.0.0.1)
JSONH=(-H 'Content-Type: application/json')
NOVERIFY=(--verify=no)  # HTTPie against the self-signed cert
printf '{"sku":"A-1","note":"%s"}' "$(head -c 4096 /dev/zero | tr '\0' x)" >"$RUN/work/big.json"  # 4 KiB JSON

# ============================== NestJS behind nginx (TLS, h2, intercept) ==
if up nginx; then
    log "capturing: NestJS behind nginx"
    S=nestjs-nginx-tls
    cap $S nest-404-json-h2.txt 404 app nestjs "unknown shipment: NotFoundException over HTTP/2 (4xx not in error_page: passed)" "X-Request-ID and security headers added by nginx" -- -sv -k "${RES[@]}" $NG/api/shipments/7
    cap $S nest-404-cannot-get.txt 404 app nestjs "no route: Nest's 'Cannot GET /api/parcels/1' JSON 404" "curl -si, HTTP/2" -- -si -k "${RES[@]}" $NG/api/parcels/1
    cap $S nest-400-bad-json.txt 400 app nestjs "broken JSON: body-parser's error answered by Nest's exception filter" "" -- -sv -k "${RES[@]}" "${JSONH[@]}" -d '{"orderId": ' $NG/api/shipments
    caphttp $S nest-422-httpie.txt 422 app nestjs "HTTPie, no address: UnprocessableEntityException" "HTTPie with colours, Host header by hand" -- -v "${NOVERIFY[@]}" POST $NGIPS/api/shipments Host:api.example.test orderId:=5
    cap $S nest-401-compressed.txt 401 app nestjs "UnauthorizedException ({\"message\":\"Unauthorized\",\"statusCode\":401})" "curl -sv --compressed (sent plain: nginx gzips only 200, 403 and 404)" -- -sv -k --compressed "${RES[@]}" $NG/api/admin/manifests
    capraw $S nest-409.txt 409 app nestjs "ConflictException for a shipment that has left" "curl -si saved to a file (CRs kept)" -- -si -k -X POST "${RES[@]}" $NG/api/shipments/1/cancel
    cap $S nginx-500-json-for-app.txt 500 proxy nginx "the app's JSON 500, intercepted: error_page 500 at the static /errors/500.json (ETag, Last-Modified)" "" -- -sv -k "${RES[@]}" $NG/api/boom
    capwin $S nginx-503-json-for-app.txt 503 proxy nginx "ServiceUnavailableException, intercepted: the static /errors/unavailable.json" "curl -si pasted with CRLF" -- -si -k "${RES[@]}" $NG/api/labels
    caphttp $S nginx-502-json-v2-httpie.txt 502 proxy nginx "HTTPie: /api/v2/ to a service not running, /errors/unavailable.json with status 502" "HTTPie with colours, Host header by hand" -- -v "${NOVERIFY[@]}" GET $NGIPS/api/v2/shipments/1 Host:api.example.test
    cap $S nginx-503-maintenance-return.txt 503 proxy nginx "/api/returns/ closed: nginx's own 'return 503' with a JSON body" "curl -si, HTTP/2" -- -si -k "${RES[@]}" $NG/api/returns/42
    quiet -k "${RES[@]}" "$NG/api/quotes?to=DE"  # the first quote within the minute passes limit_req (Nest: no such route)
    cap $S nginx-429-json-limit-req.txt 429 proxy nginx "a second quote within the minute: limit_req_status 429, error_page 429 = @json_429" "" -- -sv -k "${RES[@]}" "$NG/api/quotes?to=FR"
    cap $S nest-404-follow-https.txt 404 app nestjs "plain HTTP: nginx's 301 to https, then NotFoundException over HTTP/2" "curl -sv -L: two responses" -- -sv -L -k "${RES[@]}" $NGH/api/shipments/9
fi

# ================================================= hapi behind HAProxy ==
if up haproxy; then
    log "capturing: hapi behind HAProxy"
    S=hapi-haproxy
    cap $S hapi-404-problem.txt 404 app hapi "unknown account: the handler's application/problem+json 404" "" -- -sv $HA/api/accounts/7
    cap $S hapi-404-default.txt 404 app hapi "no route: hapi's {\"statusCode\":404,\"error\":\"Not Found\"}" "curl -si" -- -si $HA/api/profiles/7
    cap $S hapi-400-bad-json.txt 400 app hapi "broken JSON: 'Invalid request payload JSON format'" "" -- -sv "${JSONH[@]}" -d '{"email": ' $HA/api/accounts
    caphttp $S hapi-422-httpie.txt 422 app hapi "HTTPie, a bad email: the problem+json 422" "HTTPie with colours" -- -v POST $HA/api/accounts email=nobody
    capraw $S hapi-403-boom.txt 403 app hapi "Boom.forbidden for another account's session" "curl -si saved to a file (CRs kept)" -- -si $HA/api/sessions/99
    capwin $S hapi-503-boom.txt 503 app hapi "Boom.serverUnavailable" "curl -si pasted with CRLF" -- -si $HA/api/maintenance
    quiet $HA/api/auth/login; quiet $HA/api/auth/login
    cap $S haproxy-429-json-return.txt 429 load-balancer haproxy "the third login within a minute: http-request return, a JSON 429 with Retry-After" "" -- -sv -X POST $HA/api/auth/login
    cap $S haproxy-503-json-maintenance.txt 503 load-balancer haproxy "/api/billing/ closed: http-request return, a JSON 503" "curl -si" -- -si $HA/api/billing/invoices
    cap $S haproxy-504-stock.txt 504 load-balancer haproxy "the handler sleeps 5 s, timeout server 2s: Debian's stock 504 errorfile" "" -- -sv $HA/api/slow
    cap $S haproxy-503-no-server.txt 503 load-balancer haproxy "/api/v2/: its backend has no server up, the stock 503 errorfile" "curl -si --http1.0" -- -si --http1.0 $HA/api/v2/accounts/1
    caphttp $S haproxy-403-deny-httpie.txt 403 load-balancer haproxy "HTTPie: http-request deny on /admin/, the stock 403 errorfile" "HTTPie with colours" -- -v GET $HA/admin/users
fi

# ============================ Koa behind Apache (ProxyErrorOverride On) ==
if up apache; then
    log "capturing: Koa behind Apache with ProxyErrorOverride"
    S=koa-apache-erroroverride
    cap $S apache-404-page-for-koa-json.txt 404 proxy apache "Koa's JSON 404 for an unknown cart, replaced: ErrorDocument 404 at the team's HTML page" "" -- -sv $AK/api/carts/7
    cap $S apache-400-stock-for-koa.txt 400 proxy apache "ctx.throw(400): replaced by Apache's stock 400 page (no ErrorDocument for it)" "" -- -sv "${JSONH[@]}" -d '{"qty":1}' $AK/api/carts/1/items
    caphttp $S apache-422-stock-httpie.txt 422 proxy apache "HTTPie, qty 0: Koa's JSON 422 replaced by Apache's stock 422 page" "HTTPie with colours" -- -v POST $AK/api/carts/1/items sku=A-1 qty:=0
    cap $S apache-401-stock-for-koa.txt 401 proxy apache "Koa's JSON 401 replaced by Apache's stock 401 page (the app's WWW-Authenticate kept)" "curl -si" -- -si $AK/api/admin/carts
    capraw $S apache-403-stock-for-koa.txt 403 proxy apache "ctx.throw(403): Apache's stock 403 page" "curl -si saved to a file (CRs kept)" -- -si $AK/api/coupons/SPRING
    cap $S apache-405-stock-for-koa.txt 405 proxy apache "DELETE on a GET route: allowedMethods' 405 replaced by Apache's stock 405 page" "curl -si" -- -si -X DELETE $AK/api/carts/1
    cap $S apache-500-page-for-koa.txt 500 proxy apache "a thrown Error: Koa's 'Internal Server Error' replaced by ErrorDocument 500's HTML page" "curl -sv --compressed (sent plain)" -- -sv --compressed $AK/api/boom
    capwin $S apache-503-maintenance-for-koa.txt 503 proxy apache "Koa's JSON 503 replaced by ErrorDocument 503, the maintenance page" "curl -si pasted with CRLF" -- -si $AK/api/maintenance
    cap $S apache-429-stock-for-koa.txt 429 proxy apache "Koa's JSON 429 replaced by Apache's stock 429 page" "curl -si --http1.0" -- -si --http1.0 $AK/api/limited
    cap $S apache-502-stock-timeout.txt 502 proxy apache "the handler sleeps 5 s, timeout=2: Apache's stock 502 Proxy Error page (ErrorDocument only for 404, 500, 503)" "" -- -sv $AK/api/slow
fi

# ===================== Echo behind Apache (ProxyErrorOverride On 500 503) ==
if up apache; then
    log "capturing: Echo behind Apache"
    S=echo-apache
    cap $S echo-404-httperror.txt 404 app echo "unknown order: echo.NewHTTPError's {\"message\":...} (4xx not overridden)" "" -- -sv $AE/api/orders/7
    cap $S echo-405.txt 405 app echo "DELETE on a GET route: Echo's {\"message\":\"Method Not Allowed\"}" "curl -si" -- -si -X DELETE $AE/api/orders/1
    cap $S echo-400-binder.txt 400 app echo "broken JSON: the binder's 400" "" -- -sv "${JSONH[@]}" -d '{"sku": ' $AE/api/orders
    caphttp $S echo-422-httpie.txt 422 app echo "HTTPie, qty 0: the handler's JSON 422" "HTTPie with colours" -- -v POST $AE/api/orders sku=A-1 qty:=0
    capraw $S echo-429.txt 429 app echo "NewHTTPError(429): {\"message\":\"rate limit exceeded\"}" "curl -si saved to a file (CRs kept)" -- -si $AE/api/limited
    cap $S apache-500-json-for-echo.txt 500 proxy apache "a panic, Recover's 500, overridden: ErrorDocument 500 JSON file" "" -- -sv $AE/api/boom
    capwin $S apache-503-json-for-echo.txt 503 proxy apache "the app's JSON 503, overridden: ErrorDocument 503 JSON file" "curl -si pasted with CRLF" -- -si $AE/api/maintenance
    cap $S apache-502-json-timeout.txt 502 proxy apache "the handler sleeps 5 s, timeout=2: mod_proxy_http answers 502, ErrorDocument 502 JSON file" "curl -si" -- -si $AE/api/slow
    cap $S apache-503-json-rewrite.txt 503 proxy apache "/api/exports/ closed by RewriteRule [R=503]: ErrorDocument 503 JSON file" "curl -si" -- -si $AE/api/exports/2025
fi

# ================================================ Fastify behind Varnish ==
if up varnish; then
    log "capturing: Fastify behind Varnish"
    S=fastify-varnish
    cap $S fastify-200-miss.txt 200 app fastify "the product list, first request: a MISS" "X-Cache: MISS" -- -sv $VF/api/products
    cap $S varnish-200-hit.txt 200 cdn-cache varnish "the product list again: a HIT" "curl -si; X-Cache: HIT" -- -si $VF/api/products
    cap $S fastify-404-json-miss.txt 404 app fastify "unknown sku: the handler's JSON 404, a MISS (kept for default_ttl)" "" -- -sv $VF/api/products/Z-9
    cap $S fastify-404-json-hit.txt 404 app fastify "the same 404 again: a HIT of the app's answer" "curl -si; X-Cache: HIT" -- -si $VF/api/products/Z-9
    cap $S fastify-404-route.txt 404 app fastify "no route: Fastify's 'Route GET:/api/orders/1 not found'" "curl -si" -- -si $VF/api/orders/1
    cap $S fastify-400-schema.txt 400 app fastify "price missing: Fastify's schema 400 (FST_ERR_VALIDATION)" "" -- -sv "${JSONH[@]}" -d '{"sku":"B-2"}' $VF/api/products
    caphttp $S fastify-422-httpie.txt 422 app fastify "HTTPie, a reserved sku: the handler's JSON 422" "HTTPie with colours" -- -v POST $VF/api/products sku=X-1 price:=10
    capraw $S fastify-500.txt 500 app fastify "a thrown Error: Fastify's default 500 JSON" "curl -si saved to a file (CRs kept)" -- -si $VF/api/boom
    capwin $S fastify-503.txt 503 app fastify "the handler's maintenance 503" "curl -si pasted with CRLF" -- -si $VF/api/maintenance
    cap $S varnish-503-first-byte-timeout.txt 503 cdn-cache varnish "the handler sleeps 5 s, first_byte_timeout 2s: the stock 'Backend fetch failed' page" "" -- -sv $VF/api/slow
    cap $S varnish-503-legacy.txt 503 cdn-cache varnish "/legacy/: a backend not running, the stock 'Backend fetch failed' page" "curl -si" -- -si $VF/legacy/products/1
    cap $S varnish-503-synth-maintenance.txt 503 cdn-cache varnish "/api/imports closed: synth(503) with a JSON body from vcl_synth" "curl -si --http1.0" -- -si --http1.0 $VF/api/imports/latest
fi

# ========================================= Go net/http behind Squid ==
if up squid; then
    log "capturing: Go net/http behind Squid"
    S=nethttp-squid
    cap $S go-200-miss.txt 200 app go-net-http "the catalog, first request: a MISS" "" -- -sv $SQ/api/catalog
    cap $S squid-200-hit.txt 200 cdn-cache squid "the catalog again: from Squid's memory cache" "curl -si; X-Cache: HIT" -- -si $SQ/api/catalog
    cap $S go-404-json.txt 404 app go-net-http "unknown order: the handler's JSON 404" "" -- -sv $SQ/api/orders/7
    caphttp $S go-422-httpie.txt 422 app go-net-http "HTTPie, qty 0: the handler's JSON 422" "HTTPie with colours" -- -v POST $SQ/api/orders sku=A-1 qty:=0
    capraw $S go-429-text.txt 429 app go-net-http "the handler's text 429" "curl -si saved to a file (CRs kept)" -- -si $SQ/api/limited
    cap $S go-503-timeouthandler.txt 503 app go-net-http "an export past TimeoutHandler's 1 s: its 'export timed out' 503" "curl -si" -- -si $SQ/api/exports/2024
    cap $S squid-504-read-timeout.txt 504 cdn-cache squid "the handler sleeps 5 s, read_timeout 2 seconds: ERR_READ_TIMEOUT" "" -- -sv $SQ/api/slow
    caphttp $S squid-403-internal-httpie.txt 403 cdn-cache squid "HTTPie: http_access deny on /internal/, ERR_ACCESS_DENIED" "HTTPie with colours" -- -v GET $SQ/internal/stats
    cap $S squid-502-legacy.txt 502 cdn-cache squid "/legacy/: a peer not running, ERR_READ_ERROR" "curl -si" -- -si $SQ/legacy/orders/1
fi

# =========================================== gin behind Caddy (TLS, h2) ==
if up caddy; then
    log "capturing: gin behind Caddy"
    S=gin-caddy-tls
    cap $S gin-404-json-h2.txt 404 app gin "unknown sku: the handler's JSON 404 over HTTP/2" "X-Request-ID and HSTS from Caddy" -- -sv -k "${RESG[@]}" $CG/api/items/Z-9
    caphttp $S gin-422-httpie.txt 422 app gin "HTTPie, an unknown sku: the handler's JSON 422" "HTTPie with colours" -- -v "${NOVERIFY[@]}" POST $CGIP/api/adjustments sku=Q-7 delta:=3
    cap $S gin-401-compressed.txt 401 app gin "no token: the JSON 401" "curl -sv --compressed (sent plain: under encode's 512-byte minimum)" -- -sv -k --compressed "${RESG[@]}" $CG/api/items
    capraw $S gin-409.txt 409 app gin "reserving stock that is gone: JSON 409" "curl -si saved to a file (CRs kept)" -- -si -k -X POST "${RESG[@]}" $CG/api/items/A-1/reserve
    cap $S caddy-500-json-for-gin.txt 500 proxy caddy "gin.Recovery's empty 500, replaced by handle_response's JSON respond (status kept)" "" -- -sv -k "${RESG[@]}" $CG/api/boom
    capwin $S caddy-503-json-for-gin.txt 503 proxy caddy "the app's JSON 503, replaced by the same respond" "curl -si pasted with CRLF" -- -si -k "${RESG[@]}" $CG/api/maintenance
    cap $S caddy-504-json-timeout.txt 504 proxy caddy "the handler sleeps 5 s, response_header_timeout 2s: handle_errors' JSON" "curl -si, HTTP/2" -- -si -k "${RESG[@]}" $CG/api/slow
    cap $S caddy-503-maintenance-respond.txt 503 proxy caddy "/api/reports/ closed: Caddy's own respond, JSON 503" "curl -si, HTTP/2" -- -si -k "${RESG[@]}" $CG/api/reports/weekly
    cap $S caddy-502-json-after-gin-301.txt 502 proxy caddy "a moved warehouse: gin's 301 to /api/v2/, whose upstream is not running: handle_errors' JSON 502" "curl -sv -L: two responses" -- -sv -L -k "${RESG[@]}" $CG/api/warehouses/3
    cap $S gin-404-follow-https.txt 404 app gin "plain HTTP: Caddy's 308 to https, then gin's JSON 404 over HTTP/2" "curl -si -L: two responses" -- -si -L -k "${RESG[@]}" $CGH/api/items/Z-8
fi

# ================================================ chi behind nginx (stock) ==
if up nginx; then
    log "capturing: chi behind nginx"
    S=chi-nginx
    cap $S chi-404-json.txt 404 app chi "unknown invoice: the handler's JSON 404" "" -- -sv $NC/api/invoices/7
    cap $S chi-404-page-not-found.txt 404 app chi "no route: chi's default '404 page not found'" "curl -si" -- -si $NC/api/receipts/7
    cap $S chi-405-empty.txt 405 app chi "POST on a GET route: chi's empty 405" "curl -si" -- -si -X POST $NC/api/health
    caphttp $S chi-422-httpie.txt 422 app chi "HTTPie, total 0: the handler's JSON 422" "HTTPie with colours" -- -v POST $NC/api/invoices customer=acme total:=0
    cap $S chi-409-compressed.txt 409 app chi "voiding a paid invoice: JSON 409" "curl -sv --compressed (sent plain: nginx gzips only 200, 403 and 404)" -- -sv --compressed -X POST $NC/api/invoices/1/void
    cap $S chi-500-empty.txt 500 app chi "a panic: Recoverer's empty 500" "curl -si" -- -si $NC/api/boom
    cap $S nginx-504-stock.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 2s: nginx's stock 504 page" "" -- -sv $NC/api/slow
    cap $S nginx-502-stock-v2.txt 502 proxy nginx "/api/v2/: a service not running, nginx's stock 502 page" "curl -si" -- -si $NC/api/v2/invoices
    quiet --max-time 1 $NC/api/exports/2023  # the first export within the minute passes limit_req
    cap $S nginx-503-limit-req-stock.txt 503 proxy nginx "a second export within the minute: limit_req with its default status, nginx's stock 503 page" "" -- -sv $NC/api/exports/2024
fi

# ============================= Caddy (TLS) -> HAProxy -> Express ==
if up caddy && up haproxy; then
    log "capturing: Caddy -> HAProxy -> Express"
    S=caddy-haproxy-express-tls
    cap $S express-404-json-h2.txt 404 app express "unknown order: the handler's JSON 404 through HAProxy and Caddy, HTTP/2" "" -- -sv -k "${RESX[@]}" $CX/api/orders/7
    cap $S express-404-cannot-get.txt 404 app express "no route: Express's 'Cannot GET' page" "curl -si, HTTP/2" -- -si -k "${RESX[@]}" $CX/api/refunds/7
    cap $S express-400-bad-json.txt 400 app express "broken JSON: body-parser's 400 page" "" -- -sv -k "${RESX[@]}" "${JSONH[@]}" -d '{"sku": ' $CX/api/orders
    caphttp $S express-422-httpie.txt 422 app express "HTTPie, qty 0: the handler's JSON 422" "HTTPie with colours" -- -v "${NOVERIFY[@]}" POST $CXIP/api/orders sku=A-1 qty:=0
    cap $S express-500-compressed.txt 500 app express "a TypeError: Express's HTML 500 page" "curl -sv --compressed (sent plain: under encode's 512-byte minimum)" -- -sv -k --compressed "${RESX[@]}" $CX/api/boom
    capwin $S express-503.txt 503 app express "the handler's maintenance 503" "curl -si pasted with CRLF" -- -si -k "${RESX[@]}" $CX/api/maintenance
    cap $S haproxy-504-via-caddy.txt 504 load-balancer haproxy "the handler sleeps 5 s: HAProxy's stock 504 (timeout server 2s), relayed by Caddy over HTTP/2" "" -- -sv -k "${RESX[@]}" $CX/api/slow
    cap $S haproxy-403-via-caddy.txt 403 load-balancer haproxy "/internal/: HAProxy's stock 403, relayed by Caddy" "curl -si, HTTP/2" -- -si -k "${RESX[@]}" $CX/internal/metrics
    cap $S caddy-504-empty-exports.txt 504 proxy caddy "an export that takes 3 s, Caddy's response_header_timeout 1s: Caddy's own empty 504" "curl -si, HTTP/2" -- -si -k "${RESX[@]}" $CX/api/exports/2025
fi

# ================================================= body-only pastes ==
log "capturing: body-only, --fail-with-body and headers-only pastes"
S=body-only-paste
up haproxy && capbody $S body-haproxy-504-stock.txt 504/504 load-balancer haproxy "HAProxy's stock 504 errorfile ('504 Gateway Time-out')" "" -- $HA/api/slow
up squid && capbody $S body-squid-504-read-timeout.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page" "no number in view" -- $SQ/api/slow
up varnish && capbody $S body-varnish-503-stock.txt 503/503 cdn-cache varnish "Varnish's stock 'Error 503 Backend fetch failed' page" "" -- $VF/legacy/items/2
up nginx && capbody $S body-nginx-502-stock.txt 502/502 proxy nginx "nginx's stock 502 page" "" -- $NC/api/v2/receipts
up apache && capbody $S body-apache-404-page-koa.txt 0/404 proxy apache "the team's 404 page served by Apache in place of Koa's JSON" "no number" -- $AK/api/carts/8
up caddy && capbody $S body-caddy-503-maintenance.txt 0/503 proxy caddy "Caddy's JSON maintenance respond" "no number" -- -k "${RESG[@]}" $CG/api/reports/daily
up nginx && capbody $S body-nest-404-json.txt 404/404 app nestjs "NestJS's NotFoundException JSON (statusCode 404)" "" -- -k "${RES[@]}" $NG/api/shipments/8
up haproxy && capbody $S body-hapi-500-json.txt 500/500 app hapi "hapi's 500 JSON ('An internal server error occurred')" "" -- $HA/api/boom

S=fail-with-body-paste
up nginx && capfail $S fail-nginx-500-json-for-nest.txt 500 proxy nginx "nginx's /errors/500.json in place of Nest's 500" "curl --fail-with-body -sS" -- -k "${RES[@]}" $NG/api/boom
up apache && capfail $S fail-apache-401-stock-koa.txt 401 proxy apache "Apache's stock 401 page in place of Koa's JSON 401" "curl --fail-with-body -sS" -- $AK/api/admin/carts
up varnish && capfail $S fail-fastify-422.txt 422 app fastify "Fastify's handler's JSON 422" "curl --fail-with-body -sS" -- "${JSONH[@]}" -d '{"sku":"X-9","price":5}' $VF/api/products
up caddy && capfail $S fail-caddy-504-empty.txt 504 proxy caddy "Caddy's empty 504: nothing but curl's line" "curl --fail-with-body -sS" -- -k "${RESX[@]}" $CX/api/exports/2026

# ================================================ headers-only pastes ==
S=headers-only-paste
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on the cached product list" "X-Cache: HIT" -- $VF/api/products
up squid && caphead $S head-squid-200-hit.txt 200 cdn-cache squid "curl -sI on the cached catalog" "X-Cache: HIT" -- $SQ/api/catalog
up haproxy && caphead $S head-haproxy-503-maintenance.txt 503 load-balancer haproxy "curl -sI: http-request return for /api/billing/" "" -- $HA/api/billing/plans
up caddy && caphead $S head-caddy-308.txt 308 proxy caddy "curl -sI on plain HTTP: Caddy's redirect to https" "" -- "${RESG[@]}" $CGH/api/items
up apache && caphead $S head-echo-405.txt 405 app echo "curl -sI (HEAD) on a POST-only route: Echo's 405" "" -- $AE/api/orders

# ================================== servers go away behind their fronts ==
if up nginx; then
    stop_name nest
    sleep 0.5
    cap nestjs-nginx-tls nginx-502-json-nest-stopped.txt 502 proxy nginx "NestJS is stopped: /errors/unavailable.json with status 502" "curl -si, HTTP/2" -- -si -k "${RES[@]}" $NG/api/shipments/1
    stop_name chi
    sleep 0.5
    capwget chi-nginx nginx-502-stock-chi-stopped-wget.txt 502 proxy nginx "chi is stopped: nginx's stock 502 page" "wget -S -O-" -- $NC/api/invoices/1
fi
if up haproxy; then
    stop_name hapi
    sleep 3  # the health check marks web1 down (inter 1s, fall 2)
    capwget hapi-haproxy haproxy-503-hapi-stopped-wget.txt 503 load-balancer haproxy "hapi is stopped: the stock 503 errorfile" "wget -S -O-" -- $HA/api/accounts/1
fi
if up apache; then
    stop_name koa
    sleep 0.5
    cap koa-apache-erroroverride apache-503-maintenance-koa-stopped.txt 503 proxy apache "Koa is stopped: ErrorDocument 503, the maintenance page" "curl -si" -- -si $AK/api/carts/1
    stop_name echo
    sleep 0.5
    cap echo-apache apache-503-json-echo-stopped-fail.txt 503 proxy apache "Echo is stopped: ErrorDocument 503 JSON file" "curl --fail-with-body -sSi: curl's (22) line after the body" -- --fail-with-body -sSi $AE/api/orders/1
fi
if up varnish; then
    stop_name fastify
    sleep 0.5
    capwget fastify-varnish varnish-503-fastify-stopped-wget.txt 503 cdn-cache varnish "Fastify is stopped, a product never cached: the stock 'Backend fetch failed' page" "wget -S -O-" -- $VF/api/products/A-1
    cap fastify-varnish varnish-200-hit-fastify-stopped.txt 200 cdn-cache varnish "Fastify is stopped, the product list is still fresh: a HIT" "curl -si" -- -si $VF/api/products
fi
if up squid; then
    stop_name nethttp
    sleep 0.5
    capwin nethttp-squid squid-503-go-stopped.txt 503 cdn-cache squid "the Go app is stopped: ERR_CONNECT_FAIL" "curl -si pasted with CRLF" -- -si $SQ/api/orders/1
fi
if up caddy; then
    stop_name gin
    sleep 0.5
    caphttp gin-caddy-tls caddy-502-json-gin-stopped-httpie.txt 502 proxy caddy "HTTPie: gin is stopped, handle_errors' JSON 502" "HTTPie with colours" -- -v "${NOVERIFY[@]}" GET $CGIP/api/items/A-1
fi
if up caddy && up haproxy; then
    stop_name express
    sleep 3  # the health check marks node1 down
    cap caddy-haproxy-express-tls haproxy-503-express-stopped-via-caddy.txt 503 load-balancer haproxy "Express is stopped: HAProxy's stock 503, relayed by Caddy" "curl -si, HTTP/2" -- -si -k "${RESX[@]}" $CX/api/orders/1
    stop_name haproxy
    sleep 0.5
    cap caddy-haproxy-express-tls caddy-502-empty-haproxy-stopped.txt 502 proxy caddy "HAProxy is stopped too: Caddy's own empty 502" "" -- -sv -k "${RESX[@]}" $CX/api/orders/1
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round20/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
