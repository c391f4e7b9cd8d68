#!/usr/bin/env bash
# capture-round66.sh — build the sixty-sixth held-out evidence corpus in
# tests/fixtures/evidence-round66/.
#
# "Custom error pages at the front, and fronts that say little": round 63's
# Ledgerly invoices API (apps63/, reused by path) on six mainstream stacks,
# each behind a mainstream front the OPERATOR has dressed: branded HTML
# error pages, JSON errors for API paths, a request id on everything, the
# front's name hidden, cut down or replaced by a brand (front configs and
# branded pages in scripts/corpus/conf-round66/):
#   - a plain Rack app under Puma behind nginx 1.22 (headers-more
#     `Server: ledgerly-edge`; /api/ with proxy_intercept_errors off, /billing/
#     with it on; branded 404.html / 50x.html; JSON for nginx's own API
#     errors; TLS + HTTP/2);
#   - Hono behind Apache 2.4 (ServerTokens Prod; ErrorDocument as files and as
#     text strings; ProxyErrorOverride on /portal/ only; h2c);
#   - chi behind Caddy 2.6 (`header -Server`; handle_errors: JSON for /api/,
#     a templates page for the rest; TLS + HTTP/2);
#   - Starlette under Hypercorn behind HAProxy 2.6 (http-errors/errorfile
#     branded pages, `http-response del-header Server`, JSON returns; h2c);
#   - Flask under gunicorn behind Varnish 7.1 (branded vcl_synth and
#     vcl_backend_error pages, Via / X-Varnish / Server unset);
#   - Echo behind Squid 5.7 as an accelerator (a custom error_directory,
#     deny_info pages, version string suppressed, via off).
# Paste forms: curl -sv / -si transcripts (some saved with their CRs, some
# with CRLF on every line), HTTPie (from PyPI) with colours, `wget -S -O-`,
# body-only and headers-only pastes.
#
#   scripts/corpus/capture-round66.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round66.sh   # never call apt-get / npm / pip
#   CORPUS_KEEP_RUN=1 capture-round66.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60300-60399) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round66.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round66"
RUN=/tmp/api-triage-corpus66-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round66"
APPS="$HERE/apps63"          # round 63's apps, unchanged
NODE_DIR=${CORPUS_NODE66:-/tmp/api-triage-corpus66-node}
GO_DIR=${CORPUS_GO66:-/tmp/api-triage-corpus66-go}
VENV=${CORPUS_VENV66:-/tmp/api-triage-corpus66-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
HTTPIE=("$VENV/bin/python" -m httpie)   # HTTPie from PyPI, in this round's venv
NPM=(hono@4.13.23 @hono/node-server@2.1.11)
PYPI=(flask==3.1.3 gunicorn==27.0.1 starlette==1.10.0 hypercorn==0.18.0 httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus66 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl nodejs apache2 nginx libnginx-mod-http-headers-more-filter haproxy varnish squid caddy
    golang-go ruby puma python3-venv golang-github-go-chi-chi-dev golang-github-labstack-echo-dev)
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

install_npm() {  # Hono and its Node server, from npm
    [[ -e $NODE_DIR/node_modules/hono/package.json && -e $NODE_DIR/node_modules/@hono/node-server/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus66","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

install_venv() {  # Flask, gunicorn, Starlette, Hypercorn and HTTPie, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, gunicorn, starlette, hypercorn, httpie" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

build_go() {  # chi and Echo: Debian's golang-*-dev sources, offline, GOPATH mode
    local f
    mkdir -p "$GO_DIR/src/github.com/go-chi/chi" "$GO_DIR/src/github.com/labstack/echo"
    # Debian ships chi v5 and Echo v4 without the /v5 and /v4 directories GOPATH mode wants
    ln -sfn /usr/share/gocode/src/github.com/go-chi/chi "$GO_DIR/src/github.com/go-chi/chi/v5"
    ln -sfn /usr/share/gocode/src/github.com/labstack/echo "$GO_DIR/src/github.com/labstack/echo/v4"
    for f in chi_app echo_app; do
        [[ -x $GO_DIR/$f && $GO_DIR/$f -nt $APPS/$f.go ]] && continue
        log "go build $f"
        (cd "$APPS" && GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$GO_DIR:/usr/share/gocode" GOCACHE="$GO_DIR/cache" \
            nice -n 15 timeout 600 go build -p 1 -o "$GO_DIR/$f" "$f.go") >>"$RUN/logs/go-build.log" 2>&1 \
            || SKIPPED[$f]="go build $f failed (see logs/go-build.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"$GO_DIR/"* || $cmd == *"$VENV/"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round66.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
    cmdline http "$@" >"$dest"
    in_work timeout 20 "${HTTPIE[@]}" --ignore-stdin --pretty=all --style=monokai --timeout=10 "$@" >>"$dest" 2>&1
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
install_npm
install_venv
[[ -z ${SKIPPED[npm]:-} ]] || die "the Node modules are missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
have openssl || die "openssl is missing"
have libnginx-mod-http-headers-more-filter || die "nginx's headers-more module is missing"
have golang-go && have golang-github-go-chi-chi-dev && have golang-github-labstack-echo-dev \
    || die "Go or Debian's chi / Echo sources are missing"
build_go
[[ -z ${SKIPPED[chi_app]:-}${SKIPPED[echo_app]:-} ]] || die "a Go app did not build (see $RUN/logs/go-build.log)"

# apps: Rack under Puma 60311 (nginx 60380, TLS 60343), Hono 60312 (Apache
# 60381, h2c on the same port), chi 60313 (Caddy 60383, TLS 60344),
# Starlette under Hypercorn 60314 (HAProxy 60382, h2c 60345), Flask under
# gunicorn 60315 (Varnish 60390), Echo 60316 (Squid 60350). 60399 is never
# listened on (the dead upstream every front has).
APP_PORTS=(60311 60312 60313 60314 60315 60316)
FRONT_PORTS=(60380 60343 60381 60383 60344 60382 60345 60390 60350)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 60399; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: a self-signed cert for the HTTP/2 ports of nginx and Caddy -------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Ledgerly/CN=api.ledgerly.test" \
    -addext "subjectAltName=DNS:api.ledgerly.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg rack nice -n 5 puma -e production -t 2:8 -b tcp://127.0.0.1:60311 "$APPS/rack_app.ru"
start_bg hono env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/hono_app.js" 60312
start_bg chi nice -n 5 "$GO_DIR/chi_app" 60313
start_bg starlette env PYTHONPATH="$APPS" nice -n 5 "$VENV/bin/python" -m hypercorn --bind 127.0.0.1:60314 --workers 1 starlette_app:app
start_bg flask nice -n 5 "$VENV/bin/python" -m gunicorn --chdir "$APPS" -b 127.0.0.1:60315 -w 2 --threads 4 --timeout 30 flask_cached:app
start_bg echo nice -n 5 "$GO_DIR/echo_app" 60316
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/www/_errors
cp "$CONF/pages/nginx-404.html" "$RUN/nginx/www/_errors/404.html"
cp "$CONF/pages/nginx-50x.html" "$RUN/nginx/www/_errors/50x.html"
cp "$CONF/pages/nginx-api-5xx.json" "$RUN/nginx/www/_errors/api-5xx.json"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60380 nginx && wait_port 60343 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
cp "$CONF/pages/apache-404.html" "$RUN/apache/errors/404.html"
cp "$CONF/pages/apache-502.html" "$RUN/apache/errors/502.html"
cp "$CONF/pages/apache-rate-limited.json" "$RUN/apache/errors/rate-limited.json"
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 60381 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config "$RUN"/caddy/pages
cp "$CONF/pages/caddy-error.html" "$RUN/caddy/pages/error.html"
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60383 caddy && wait_port 60344 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy/errors"
for c in 403 404 503 504; do cp "$CONF/pages/haproxy-$c.http" "$RUN/haproxy/errors/$c.http"; done
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 60382 haproxy && wait_port 60345 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/flask.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:60390 -T none -f "$RUN/varnish/flask.vcl" \
    -n "$RUN/varnish/flask" -s malloc,16m
wait_port 60390 varnish && UP[varnish]=1

mkdir -p "$RUN/squid/errors"
# Squid's English templates, five of them replaced by the team's own, and
# two pages of the team's own for deny_info
cp /usr/share/squid/errors/templates/ERR_* /usr/share/squid/errors/templates/error-details.txt "$RUN/squid/errors/" 2>/dev/null
cp "$CONF"/pages/squid/ERR_* "$RUN/squid/errors/"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus66 -f "$RUN/squid/squid.conf"
wait_port 60350 squid && UP[squid]=1
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60300 || p > 60399) print}')
[[ -z $NEWPORTS ]] || die "a server listens outside 60300-60399: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 600 s"; sleep 600 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 66 (held out): real responses captured by
# scripts/corpus/capture-round66.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-65:
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
NG=http://$H:60380 NGS=https://$H:60343 AP=http://$H:60381 CD=http://$H:60383 CDS=https://$H:60344
HA=http://$H:60382 HA2=http://$H:60345 VN=http://$H:60390 SQ=http://$H:60350
# one --resolve per front keeps the transcripts short
RNG="--resolve $H:60380:127.0.0.1" RNGS="--resolve $H:60343:127.0.0.1" RAP="--resolve $H:60381:127.0.0.1"
RCD="--resolve $H:60383:127.0.0.1" RCDS="--resolve $H:60344:127.0.0.1" RHA="--resolve $H:60382:127.0.0.1"
RHA2="--resolve $H:60345:127.0.0.1" RVN="--resolve $H:60390:127.0.0.1" RSQ="--resolve $H:60350:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
BIGBODY=$(printf '{"ref":"LG-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")

# ============================================ nginx -> Rack under Puma ==
if up nginx; then
    log "capturing: a plain Rack app under Puma behind nginx"
    S=rack-puma-nginx
    cap $S rack-200-invoice-nginx.txt 200 app rack "invoice 1 through nginx" "Server: ledgerly-edge (headers-more), X-Request-ID from nginx" -- -sv $RNG $NG/api/invoices/1
    caphttp $S rack-401-account-nginx-httpie.txt 401 app rack "HTTPie, no token: the app's JSON 401 under /api/" "HTTPie with colours" -- -v GET http://127.0.0.1:60380/api/account Host:$H
    cap $S rack-201-post-nginx.txt 201 app rack "POST a new ref: the app's JSON 201" "curl -si" -- -si $RNG -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $NG/api/invoices
    capraw $S rack-422-post-nginx.txt 422 app rack "POST without ref: the app's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RNG -X POST "${JSONH[@]}" -d '{"total":2}' $NG/api/invoices
    cap $S rack-404-invoice-nginx.txt 404 app rack "an unknown invoice under /api/ (intercept off): the app's JSON 404 passed on" "" -- -sv $RNG $NG/api/invoices/9
    capwin $S rack-502-payments-html-nginx.txt 502 app rack "the app's own HTML 502 page under /api/, passed on (proxy_intercept_errors off)" "curl -si pasted with CRLF" -- -si $RNG $NG/api/payments
    cap $S rack-503-maintenance-nginx.txt 503 app rack "the app's own JSON 503 (maintenance) under /api/" "curl -si" -- -si $RNG $NG/api/maintenance
    cap $S puma-500-boom-nginx.txt 500 app puma "an unrescued exception under /api/: Puma's own low-level 500 text, passed on" "" -- -sv $RNG $NG/api/boom
    cap $S rack-409-post-billing-nginx.txt 409 app rack "POST an existing ref under /billing/ (intercept on, but 409 has no error_page): the app's JSON 409" "curl -si" -- -si $RNG -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $NG/billing/invoices
    cap $S nginx-404-billing-invoice-branded.txt 404 proxy nginx "an unknown invoice under /billing/: the app's 404 replaced by the team's 404.html (proxy_intercept_errors on)" "" -- -sv $RNG $NG/billing/invoices/9
    cap $S nginx-500-billing-boom-branded.txt 500 proxy nginx "an exception under /billing/: Puma's 500 replaced by the team's 50x.html" "curl -si" -- -si $RNG $NG/billing/boom
    capwget $S nginx-503-billing-statements-branded-wget.txt 503 proxy nginx "the app's HTML 503 under /billing/, replaced by 50x.html" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60380/billing/statements
    cap $S nginx-504-api-slow-json.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 2s under /api/: nginx's branded JSON error_page" "" -- -sv $RNG $NG/api/slow
    cap $S nginx-502-legacy-branded.txt 502 proxy nginx "/legacy/ to a port nobody listens on: the team's 50x.html" "curl -si" -- -si $RNG $NG/legacy/invoices/1
    quiet $RNG $NG/api/exports/daily
    cap $S nginx-429-exports-json.txt 429 proxy nginx "limit_req on /api/exports/, the second request: nginx's JSON 429 with the request id inside" "" -- -sv $RNG $NG/api/exports/daily
    capwin $S nginx-503-refunds-json.txt 503 proxy nginx "/api/refunds/: nginx answers a JSON 503 itself" "curl -si pasted with CRLF" -- -si $RNG $NG/api/refunds/42
    cap $S nginx-404-v1-json.txt 404 proxy nginx "/api/v1/: nginx's JSON 404 for a retired API version" "curl -si" -- -si $RNG $NG/api/v1/invoices/1
    cap $S nginx-404-unknown-host-branded.txt 404 proxy nginx "the bare IP as Host: the default server's 404, the team's 404.html" "" -- -sv http://127.0.0.1:60380/api/invoices/1
    cap $S rack-200-invoice-nginx-h2.txt 200 app rack "HTTP/2 over TLS: invoice 1" "" -- -sv -k $RNGS $NGS/api/invoices/1
    cap $S nginx-504-billing-slow-branded-h2.txt 504 proxy nginx "HTTP/2: the slow handler under /billing/, the team's 50x.html" "curl -si" -- -si -k $RNGS $NGS/billing/slow
fi

# ==================================================== Apache -> Hono ==
if up apache; then
    log "capturing: Hono behind Apache"
    S=hono-apache
    cap $S hono-200-invoice-apache.txt 200 app hono "invoice 1 through Apache" "Server: Apache (ServerTokens Prod), X-Request-Id from mod_unique_id" -- -sv $RAP $AP/api/invoices/1
    caphttp $S hono-401-account-apache-httpie.txt 401 app hono "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60381/api/account Host:$H
    cap $S hono-409-post-apache.txt 409 app hono "POST an existing ref: the handler's JSON 409" "curl -si" -- -si $RAP -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $AP/api/invoices
    capraw $S hono-422-post-apache.txt 422 app hono "POST without ref: the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RAP -X POST "${JSONH[@]}" -d '{"total":2}' $AP/api/invoices
    cap $S hono-404-invoice-apache.txt 404 app hono "an unknown invoice under /api/ (ProxyErrorOverride Off): the handler's JSON 404" "curl -si" -- -si $RAP $AP/api/invoices/9
    cap $S hono-500-boom-apache.txt 500 app hono "a thrown Error under /api/: Hono's text 'Internal Server Error'" "" -- -sv $RAP $AP/api/boom
    cap $S hono-502-payments-html-apache.txt 502 app hono "the app's own HTML 502 page under /api/, passed on" "curl -si" -- -si $RAP $AP/api/payments
    capwin $S hono-504-bank-html-apache.txt 504 app hono "the app's own HTML 504 page under /api/, passed on" "curl -si pasted with CRLF" -- -si $RAP $AP/api/bank
    cap $S hono-503-maintenance-apache.txt 503 app hono "the app's own JSON 503 (maintenance) under /api/" "" -- -sv $RAP $AP/api/maintenance
    cap $S hono-401-account-portal-apache.txt 401 app hono "no token under /portal/ (ProxyErrorOverride On for 404/500/502/503/504 only): the JSON 401 passes" "curl -si" -- -si $RAP $AP/portal/account
    cap $S apache-404-portal-invoice-branded.txt 404 proxy apache "an unknown invoice under /portal/: the app's 404 replaced by the branded 404.html ErrorDocument" "" -- -sv $RAP $AP/portal/invoices/9
    cap $S apache-502-portal-payments-branded.txt 502 proxy apache "the app's HTML 502 under /portal/, replaced by the branded 502.html ErrorDocument" "curl -si" -- -si $RAP $AP/portal/payments
    capraw $S apache-503-portal-maintenance-text.txt 503 proxy apache "the app's JSON 503 under /portal/, replaced by the one-line text ErrorDocument" "curl -si saved to a file (CRs kept)" -- -si $RAP $AP/portal/maintenance
    cap $S apache-504-portal-bank-stock.txt 504 proxy apache "the app's HTML 504 under /portal/: no ErrorDocument 504, so Apache's stock 504 page" "" -- -sv $RAP $AP/portal/bank
    cap $S apache-502-slow-branded.txt 502 proxy apache "the handler sleeps 5 s, ProxyTimeout 2: Apache's 502 with the branded 502.html" "curl -si" -- -si $RAP $AP/api/slow
    capwget $S apache-503-legacy-text-wget.txt 503 proxy apache "/legacy/ to a port nobody listens on: the one-line text ErrorDocument 503" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60381/legacy/invoices/1
    cap $S apache-429-exports-json.txt 429 proxy apache "/api/exports/: mod_rewrite R=429 with a JSON ErrorDocument file" "" -- -sv $RAP $AP/api/exports/daily
    cap $S apache-404-v1-json-string.txt 404 proxy apache "/api/v1/: mod_rewrite R=404 with a JSON text-string ErrorDocument (sent as text/html)" "curl -si" -- -si $RAP $AP/api/v1/invoices/1
    cap $S apache-404-unknown-host-branded.txt 404 proxy apache "the bare IP as Host: the first virtual host's 404, the branded 404.html" "" -- -sv http://127.0.0.1:60381/api/invoices/1
    cap $S hono-200-invoice-apache-h2c.txt 200 app hono "HTTP/2 (h2c): invoice 1" "" -- -sv --http2-prior-knowledge $RAP $AP/api/invoices/1
    cap $S apache-503-portal-statements-text-h2c.txt 503 proxy apache "HTTP/2 (h2c): the app's HTML 503 under /portal/, replaced by the text ErrorDocument" "curl -si" -- -si --http2-prior-knowledge $RAP $AP/portal/statements
fi

# ===================================================== Caddy -> chi ==
if up caddy; then
    log "capturing: chi behind Caddy"
    S=chi-caddy
    cap $S chi-200-invoice-caddy.txt 200 app chi "invoice 1 through Caddy" "no Server (header -Server), X-Request-ID from Caddy" -- -sv $RCD $CD/api/invoices/1
    caphttp $S chi-401-account-caddy-httpie.txt 401 app chi "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60383/api/account Host:$H:60383
    capraw $S chi-422-post-caddy.txt 422 app chi "POST without ref: the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RCD -X POST "${JSONH[@]}" -d '{"total":2}' $CD/api/invoices
    cap $S chi-500-boom-empty-caddy.txt 500 app chi "a panic: chi's Recoverer, an empty 500 (handle_errors does not see it)" "curl -si" -- -si $RCD $CD/api/boom
    cap $S chi-404-route-caddy.txt 404 app chi "no route: chi's '404 page not found'" "" -- -sv $RCD $CD/api/v2/invoices
    cap $S chi-405-method-empty-caddy.txt 405 app chi "DELETE on a GET route: chi's empty 405" "curl -si" -- -si $RCD -X DELETE $CD/api/account
    capwin $S chi-503-statements-html-caddy.txt 503 app chi "the app's own HTML 503 page, passed on" "curl -si pasted with CRLF" -- -si $RCD $CD/api/statements
    cap $S chi-502-payments-html-caddy.txt 502 app chi "the app's own HTML 502 page, passed on" "" -- -sv $RCD $CD/api/payments
    cap $S chi-503-maintenance-caddy.txt 503 app chi "the app's own JSON 503 (maintenance)" "curl -si" -- -si $RCD $CD/api/maintenance
    cap $S caddy-504-slow-json.txt 504 proxy caddy "the handler sleeps 5 s, response_header_timeout 2s: handle_errors' JSON for /api/" "" -- -sv $RCD $CD/api/slow
    cap $S caddy-502-legacy-json.txt 502 proxy caddy "/legacy/* to a port nobody listens on: handle_errors' JSON" "curl -si" -- -si $RCD $CD/legacy/invoices/1
    capwget $S caddy-502-status-branded-wget.txt 502 proxy caddy "/status/* to a port nobody listens on: handle_errors' templates page (error.html)" "wget -S -O-" -- --header="Host: $H:60383" http://127.0.0.1:60383/status/ledger
    cap $S caddy-404-v1-json.txt 404 proxy caddy "/api/v1/*: the error directive's 404, handle_errors' JSON" "" -- -sv $RCD $CD/api/v1/invoices/1
    cap $S caddy-403-internal-branded.txt 403 proxy caddy "/internal/*: the error directive's 403, handle_errors' templates page" "curl -si" -- -si $RCD $CD/internal/metrics
    cap $S caddy-429-exports-json.txt 429 proxy caddy "/api/exports/*: Caddy's respond with a JSON 429" "" -- -sv $RCD $CD/api/exports/daily
    cap $S chi-200-invoice-caddy-h2.txt 200 app chi "HTTP/2 over TLS: invoice 1" "" -- -sv -k $RCDS $CDS/api/invoices/1
    cap $S caddy-504-slow-json-h2.txt 504 proxy caddy "HTTP/2: the slow handler, handle_errors' JSON" "curl -si" -- -si -k $RCDS $CDS/api/slow
    cap $S chi-504-bank-html-caddy-h2.txt 504 app chi "HTTP/2: the app's own HTML 504 page, passed on" "" -- -sv -k $RCDS $CDS/api/bank
fi

# ======================================== HAProxy -> Starlette (Hypercorn) ==
if up haproxy; then
    log "capturing: Starlette under Hypercorn behind HAProxy"
    S=starlette-hypercorn-haproxy
    cap $S starlette-200-invoice-haproxy.txt 200 app starlette "invoice 1 through HAProxy" "Server stripped (http-response del-header), X-Request-ID set by HAProxy" -- -sv $RHA $HA/api/invoices/1
    caphttp $S starlette-401-account-haproxy-httpie.txt 401 app starlette "HTTPie, no token: the endpoint's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60382/api/account Host:$H
    cap $S starlette-409-post-haproxy.txt 409 app starlette "POST an existing ref: the endpoint's JSON 409" "curl -si" -- -si $RHA -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $HA/api/invoices
    capraw $S starlette-422-post-haproxy.txt 422 app starlette "POST without ref: the endpoint's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RHA -X POST "${JSONH[@]}" -d '{"total":2}' $HA/api/invoices
    cap $S starlette-403-admin-haproxy.txt 403 app starlette "the endpoint's JSON 403 (HAProxy's branded 403 is not used for it)" "" -- -sv $RHA $HA/api/admin
    cap $S starlette-404-route-haproxy.txt 404 app starlette "no route: Starlette's plain 'Not Found'" "" -- -sv $RHA $HA/api/v2/invoices
    cap $S starlette-500-boom-haproxy.txt 500 app starlette "ZeroDivisionError: Starlette's plain 'Internal Server Error'" "curl -si" -- -si $RHA $HA/api/boom
    capwin $S starlette-503-statements-html-haproxy.txt 503 app starlette "the app's own HTML 503 page, passed on (not HAProxy's errorfile)" "curl -si pasted with CRLF" -- -si $RHA $HA/api/statements
    cap $S starlette-504-bank-html-haproxy.txt 504 app starlette "the app's own HTML 504 page, passed on" "" -- -sv $RHA $HA/api/bank
    cap $S haproxy-504-slow-branded.txt 504 load-balancer haproxy "the endpoint sleeps 5 s, timeout server 2s: the branded errorfile 504" "" -- -sv $RHA $HA/api/slow
    cap $S haproxy-503-legacy-branded.txt 503 load-balancer haproxy "/legacy/: the only server is down by its check, the branded errorfile 503" "curl -si" -- -si $RHA $HA/legacy/invoices/1
    capwget $S haproxy-403-internal-branded-wget.txt 403 load-balancer haproxy "/internal/ denied: the branded errorfile 403" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60382/internal/metrics
    cap $S haproxy-404-unknown-host-branded.txt 404 load-balancer haproxy "the bare IP as Host: deny_status 404, the branded errorfile 404" "curl -si" -- -si http://127.0.0.1:60382/api/invoices/1
    cap $S haproxy-404-v1-json.txt 404 load-balancer haproxy "/api/v1/: http-request return, a JSON 404 with the unique id inside" "" -- -sv $RHA $HA/api/v1/invoices/1
    capraw $S haproxy-429-exports-json.txt 429 load-balancer haproxy "/api/exports/: http-request return, a JSON 429" "curl -si saved to a file (CRs kept)" -- -si $RHA $HA/api/exports/daily
    cap $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: http-request return, a JSON 503 (maintenance)" "" -- -sv $RHA $HA/api/refunds/42
    cap $S starlette-200-invoice-haproxy-h2c.txt 200 app starlette "HTTP/2 (h2c): invoice 1" "" -- -sv --http2-prior-knowledge $RHA2 $HA2/api/invoices/1
    cap $S haproxy-504-slow-branded-h2c.txt 504 load-balancer haproxy "HTTP/2 (h2c): the slow endpoint, the branded errorfile 504" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/slow
fi

# ========================================= Varnish -> Flask (gunicorn) ==
if up varnish; then
    log "capturing: Flask under gunicorn behind Varnish"
    S=flask-gunicorn-varnish
    cap $S flask-200-invoice-varnish-miss.txt 200 app flask "invoice 1, first request: a MISS" "no Via, no X-Varnish, no Server; X-Cache: MISS" -- -sv $RVN $VN/api/invoices/1
    cap $S varnish-200-invoice-hit.txt 200 cdn-cache varnish "invoice 1 again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $RVN $VN/api/invoices/1
    cap $S varnish-304-invoice-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "" -- -sv $RVN -H 'If-None-Match: "inv-1-v3"' $VN/api/invoices/1
    caphttp $S flask-401-account-varnish-httpie.txt 401 app flask "HTTPie, no token: the view's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60390/api/account Host:$H
    capraw $S flask-422-post-varnish.txt 422 app flask "POST without ref: the view's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RVN -X POST "${JSONH[@]}" -d '{"total":2}' $VN/api/invoices
    cap $S flask-404-invoice-varnish.txt 404 app flask "an unknown invoice: the view's JSON 404" "" -- -sv $RVN $VN/api/invoices/9
    cap $S flask-404-route-varnish.txt 404 app flask "no route: Flask's HTML 'Not Found' page" "curl -si" -- -si $RVN $VN/api/v2/invoices
    cap $S flask-500-boom-varnish.txt 500 app flask "ZeroDivisionError: Flask's HTML 'Internal Server Error' page" "" -- -sv $RVN $VN/api/boom
    capwin $S flask-504-bank-html-varnish.txt 504 app flask "the app's own HTML 504 page, passed on" "curl -si pasted with CRLF" -- -si $RVN $VN/api/bank
    cap $S flask-503-maintenance-varnish.txt 503 app flask "the app's own JSON 503 (maintenance)" "curl -si" -- -si $RVN $VN/api/maintenance
    cap $S varnish-503-slow-json-branded.txt 503 cdn-cache varnish "the view sleeps 5 s, first_byte_timeout 2s: vcl_backend_error's branded JSON, reason 'Service Unavailable'" "" -- -sv $RVN $VN/api/slow
    capwget $S varnish-503-reports-branded-wget.txt 503 cdn-cache varnish "/reports/ to a port nobody listens on: vcl_backend_error's branded HTML page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60390/reports/monthly
    cap $S varnish-503-legacy-json.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: vcl_backend_error's branded JSON" "curl -si" -- -si $RVN $VN/legacy/invoices/1
    cap $S varnish-429-exports-json.txt 429 cdn-cache varnish "/api/exports/: vcl_synth's JSON 429" "" -- -sv $RVN $VN/api/exports/daily
    capwin $S varnish-503-refunds-json.txt 503 cdn-cache varnish "/api/refunds/: vcl_synth's JSON 503 (maintenance)" "curl -si pasted with CRLF" -- -si $RVN $VN/api/refunds/42
    cap $S varnish-404-v1-json.txt 404 cdn-cache varnish "/api/v1/: vcl_synth's JSON 404 for a retired version" "" -- -sv $RVN $VN/api/v1/invoices/1
    cap $S varnish-404-unknown-host-branded.txt 404 cdn-cache varnish "a Host that is not ours: vcl_synth's branded HTML 404" "curl -si" -- -si -H "Host: shop.ledgerly.test" http://127.0.0.1:60390/api/invoices/1
    cap $S varnish-405-purge-branded.txt 405 cdn-cache varnish "PURGE: vcl_synth's branded HTML 405" "" -- -sv $RVN -X PURGE $VN/api/invoices/1
fi

# ============================================================ Squid -> Echo ==
if up squid; then
    log "capturing: Echo behind Squid"
    S=echo-squid
    cap $S echo-200-invoice-squid-miss.txt 200 app echo "invoice 1, first request: a MISS" "via off, X-Cache removed, Squid's X-Request-ID" -- -sv $RSQ $SQ/api/invoices/1
    cap $S squid-200-invoice-hit.txt 200 cdn-cache squid "invoice 1 again: from Squid's memory cache" "curl -si; Age, no X-Cache" -- -si $RSQ $SQ/api/invoices/1
    cap $S squid-304-invoice-if-none-match.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's own 304" "" -- -sv $RSQ -H 'If-None-Match: "inv-1-v3"' $SQ/api/invoices/1
    caphttp $S echo-401-account-squid-httpie.txt 401 app echo "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60350/api/account Host:$H
    capraw $S echo-422-post-squid.txt 422 app echo "POST without ref: the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"total":2}' $SQ/api/invoices
    cap $S echo-404-route-squid.txt 404 app echo "no route: Echo's JSON {\"message\":\"Not Found\"}" "" -- -sv $RSQ $SQ/api/v2/invoices
    cap $S echo-500-boom-squid.txt 500 app echo "a panic: Echo's Recover, JSON {\"message\":\"Internal Server Error\"}" "curl -si" -- -si $RSQ $SQ/api/boom
    capwin $S echo-502-payments-html-squid.txt 502 app echo "the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RSQ $SQ/api/payments
    cap $S echo-503-maintenance-squid.txt 503 app echo "the app's own JSON 503 (maintenance)" "" -- -sv $RSQ $SQ/api/maintenance
    cap $S echo-504-bank-html-squid.txt 504 app echo "the app's own HTML 504 page, passed on" "curl -si" -- -si $RSQ $SQ/api/bank
    cap $S squid-504-slow-branded.txt 504 cdn-cache squid "the handler sleeps 5 s, read_timeout 2 seconds: the team's ERR_READ_TIMEOUT template" "" -- -sv $RSQ $SQ/api/slow
    capwget $S squid-502-legacy-stock-wget.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: ERR_READ_ERROR, a template the team did not replace (Squid's stock page)" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60350/legacy/invoices/1
    cap $S squid-403-internal-branded.txt 403 cdn-cache squid "/internal/ denied: deny_info's branded ERR_LEDGERLY_INTERNAL" "curl -si" -- -si $RSQ $SQ/internal/metrics
    cap $S squid-403-v1-json-deny-info.txt 403 cdn-cache squid "/api/v1/ denied: deny_info's JSON template ERR_LEDGERLY_RETIRED (sent as text/html)" "" -- -sv $RSQ $SQ/api/v1/invoices/1
    cap $S squid-403-unknown-host-branded.txt 403 cdn-cache squid "a Host that is not ours: the team's ERR_ACCESS_DENIED" "curl -si" -- -si -H "Host: shop.ledgerly.test" http://127.0.0.1:60350/api/invoices/1
    cap $S squid-413-body-branded.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: the team's ERR_TOO_BIG" "" -- -sv $RSQ -X POST "${JSONH[@]}" -d "$BIGBODY" $SQ/api/invoices
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-502-billing-branded.txt 0/502 proxy nginx "nginx's branded 50x.html for the app's 502 under /billing/" "" -- $RNG $NG/billing/payments
up nginx && capbody $S body-rack-502-payments-html.txt 502/502 app rack "the Rack app's own HTML 502 page under /api/" "" -- $RNG $NG/api/payments
up nginx && capbody $S body-nginx-504-api-json.txt 0/504 proxy nginx "nginx's branded JSON error_page for a timeout under /api/ (a new URL)" "" -- $RNG "$NG/api/slow?from=dashboard"
up apache && capbody $S body-apache-503-text-string.txt 0/503 proxy apache "Apache's one-line text ErrorDocument 503" "" -- $RAP $AP/legacy/invoices/3
up apache && capbody $S body-apache-404-portal-branded.txt 0/404 proxy apache "Apache's branded 404.html for the app's 404 under /portal/" "" -- $RAP $AP/portal/invoices/7
up caddy && capbody $S body-caddy-502-status-branded.txt 502/502 proxy caddy "Caddy's handle_errors templates page" "" -- $RCD $CD/status/billing
up caddy && capbody $S body-chi-504-bank-html.txt 504/504 app chi "chi app's own HTML 504 page" "" -- $RCD $CD/api/bank
up haproxy && capbody $S body-haproxy-503-legacy-branded.txt 0/503 load-balancer haproxy "HAProxy's branded errorfile 503" "" -- $RHA $HA/legacy/invoices/3
up haproxy && capbody $S body-starlette-503-statements-html.txt 503/503 app starlette "the Starlette app's own HTML 503 page" "" -- $RHA $HA/api/statements
up varnish && capbody $S body-varnish-503-reports-branded.txt 0/503 cdn-cache varnish "Varnish's branded vcl_backend_error HTML page" "" -- $RVN $VN/reports/weekly
up varnish && capbody $S body-flask-500-boom.txt 500/500 app flask "Flask's HTML 'Internal Server Error' page" "" -- $RVN $VN/api/boom
up squid && capbody $S body-squid-504-slow-branded.txt 0/504 cdn-cache squid "Squid's branded ERR_READ_TIMEOUT page (a new URL)" "" -- $RSQ "$SQ/api/slow?from=dashboard"

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-404-billing-branded.txt 404 proxy nginx "curl -sI on an unknown invoice under /billing/: nginx's branded 404" "" -- $RNG $NG/billing/invoices/9
up apache && caphead $S head-hono-404-invoice-apache.txt 404 app hono "curl -sI on an unknown invoice under /api/: Hono's 404 through Apache" "" -- $RAP $AP/api/invoices/9
up caddy && caphead $S head-caddy-502-legacy.txt 502 proxy caddy "curl -sI on /legacy/*: Caddy's handle_errors 502" "" -- $RCD $CD/legacy/invoices/1
up haproxy && caphead $S head-haproxy-404-unknown-host.txt 404 load-balancer haproxy "curl -sI with the bare IP as Host: HAProxy's branded 404" "" -- http://127.0.0.1:60382/api/invoices/1
up haproxy && caphead $S head-starlette-503-statements.txt 503 app starlette "curl -sI on the app's HTML 503 page through HAProxy" "" -- $RHA $HA/api/statements
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on invoice 1, stored" "X-Cache: HIT" -- $RVN $VN/api/invoices/1
up squid && caphead $S head-squid-403-internal.txt 403 cdn-cache squid "curl -sI on /internal/: Squid's deny_info page" "" -- $RSQ $SQ/internal/metrics
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round66/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
