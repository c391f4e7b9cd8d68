#!/usr/bin/env bash
# capture-round67.sh — build the sixty-seventh held-out evidence corpus in
# tests/fixtures/evidence-round67/.
#
# "Mainstream, a twenty-third pairing, pasted as at night": six mainstream
# app stacks, each behind one mainstream front it had not stood behind
# before (see the README's table), pasted the way a tired engineer pastes at
# night. Front configs in scripts/corpus/conf-round67/ (round 65's, ports
# moved into 60400-60499, upstreams swapped, upstream timeouts 3 s); two
# cacheable copies of earlier apps are new in scripts/corpus/apps67/, the
# other apps are reused by path:
#   - Panther 5.5 (apps64, the Tidemark loans API) under uvicorn behind
#     nginx 1.22 (HTTP/1.1, TLS + HTTP/2);
#   - chi v5 (apps63) behind Apache 2.4 mod_proxy_http (HTTP/1.1, h2c);
#   - a plain Rack app under Puma (apps63) behind Caddy 2.6 (HTTP/1.1,
#     TLS + HTTP/2);
#   - Litestar 2 under uvicorn (apps65) behind HAProxy 2.6 (HTTP/1.1, h2c);
#   - chi v5 with cacheable invoice 1 and /api/rates (apps67/chi_cached.go)
#     behind Varnish 7.1 (HITs, a 304, a grace copy, h2c);
#   - Hono 4 with cacheable invoice 1 and /api/rates (apps67/hono_cached.js)
#     behind Squid 5.7 as a reverse accelerator (a HIT, a 304, a 412).
# Each front puts its own request id on what it sends back (its own error
# pages too), answers some paths itself (JSON 429 and 503, an empty 503) and
# fails its stock ways (dead upstream, slow upstream, unknown Host, a body,
# URI or header too large, a method it refuses). Paste forms: curl -sv / -si
# transcripts (some saved with their CRs, some with CRLF on every line, some
# with only the `<` lines of -v kept, some cut off after the headers),
# HTTPie (from PyPI) with colours, `wget -S -O-`, body-only and headers-only
# pastes.
#
#   scripts/corpus/capture-round67.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round67.sh   # never call apt-get / npm / pip
#   CORPUS_KEEP_RUN=1 capture-round67.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60400-60499) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round67.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round67"
RUN=/tmp/api-triage-corpus67-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round67"
APPS="$HERE/apps67"
APPS63="$HERE/apps63"
APPS64="$HERE/apps64"
APPS65="$HERE/apps65"
NODE_DIR=${CORPUS_NODE67:-/tmp/api-triage-corpus67-node}
GO_DIR=${CORPUS_GO67:-/tmp/api-triage-corpus67-go}
VENV=${CORPUS_VENV67:-/tmp/api-triage-corpus67-venv}
VENV64=${CORPUS_VENV67P:-/tmp/api-triage-corpus67-venv64}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
HTTPIE="$VENV/bin/http"      # HTTPie from PyPI, in this round's venv
NPM=(hono@4.13.23 @hono/node-server@2.1.11)
PYPI=(litestar==2.25.0 uvicorn==0.55.0 httpie==3.2.4)
PYPI64=(panther==5.5.0 uvicorn==0.55.0)   # Panther in a venv of its own (its pins are not Litestar's)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus67 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl nodejs apache2 nginx haproxy varnish squid caddy golang-go ruby puma python3-venv
    golang-github-go-chi-chi-dev)
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
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus67","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

install_venv() {  # Litestar, uvicorn and HTTPie, from PyPI
    [[ -x $VENV/bin/python && -x $VENV/bin/http ]] && "$VENV/bin/python" -c "import litestar, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_venv64() {  # Panther and uvicorn, from PyPI
    [[ -x $VENV64/bin/python ]] && "$VENV64/bin/python" -c "import panther, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv64]="venv64 missing"; return 0; }
    log "pip install into $VENV64: ${PYPI64[*]}"
    "$PY" -m venv "$VENV64" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv64]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV64/bin/pip" install -q "${PYPI64[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv64]="pip install failed (see logs/pip.log)"
}

build_go() {  # chi (round 63's app and this round's cacheable copy): Debian's source, offline, GOPATH mode
    local f dir
    mkdir -p "$GO_DIR/src/github.com/go-chi/chi"
    # Debian ships chi v5 without the /v5 directory GOPATH mode wants
    ln -sfn /usr/share/gocode/src/github.com/go-chi/chi "$GO_DIR/src/github.com/go-chi/chi/v5"
    for f in chi_app chi_cached; do
        dir=$APPS63; [[ $f == chi_cached ]] && dir=$APPS
        [[ -x $GO_DIR/$f && $GO_DIR/$f -nt $dir/$f.go ]] && continue
        log "go build $f"
        (cd "$dir" && GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$GO_DIR:/usr/share/gocode" GOCACHE="$GO_DIR/cache" \
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"$GO_DIR/"* || $cmd == *"$VENV/"* || $cmd == *"$VENV64/"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round67.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS && -d $APPS63 && -d $APPS64 && -d $APPS65 ]] || die "missing $CONF or an apps folder"
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
install_venv64
[[ -z ${SKIPPED[venv64]:-} ]] || die "the Panther venv is missing (${SKIPPED[venv64]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "the Node modules are missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
have openssl || die "openssl is missing"
have golang-go && have golang-github-go-chi-chi-dev || die "Go or Debian's chi sources are missing"
build_go
[[ -z ${SKIPPED[chi_app]:-}${SKIPPED[chi_cached]:-} ]] || die "a Go app did not build (see $RUN/logs/go-build.log)"

start_in() {  # start_in DIR NAME CMD... : like start_bg, run in DIR (Panther writes a logs/ folder where it runs)
    local dir=$1 name=$2; shift 2
    (cd "$dir" && exec "$@") >"$RUN/logs/$name.log" 2>&1 &
    PIDS+=($!)
    echo $! >"$RUN/pids/$name.pid"
}

# apps: Panther under uvicorn 60415 (nginx 60480, TLS 60443), chi 60416
# (Apache 60481, h2c on the same port), the Rack app under Puma 60417 (Caddy
# 60483, TLS 60444), Litestar under uvicorn 60418 (HAProxy 60482, h2c 60445),
# the cacheable chi 60419 (Varnish 60490, h2c on the same port), the
# cacheable Hono 60420 (Squid 60450). 60499 is never listened on (the dead
# upstream every front has).
APP_PORTS=(60415 60416 60417 60418 60419 60420)
FRONT_PORTS=(60480 60443 60481 60483 60444 60482 60445 60490 60450)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 60499; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: a self-signed cert for the HTTP/2 ports of nginx and Caddy -------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Ledgerly/CN=api.ledgerly.test" \
    -addext "subjectAltName=DNS:api.ledgerly.test,DNS:loans.tidemark.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
mkdir -p "$RUN/panther"
start_in "$RUN/panther" panther nice -n 5 "$VENV64/bin/uvicorn" --app-dir "$APPS64" panther_app:app \
    --host 127.0.0.1 --port 60415 --no-access-log
start_bg chi nice -n 5 "$GO_DIR/chi_app" 60416
start_bg rack nice -n 5 puma -e production -t 2:8 -b tcp://127.0.0.1:60417 "$APPS63/rack_app.ru"
start_bg litestar env PYTHONPATH="$APPS65" nice -n 5 "$VENV/bin/uvicorn" --host 127.0.0.1 --port 60418 litestar_app:app
start_bg chicached nice -n 5 "$GO_DIR/chi_cached" 60419
start_bg hono env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/hono_cached.js" 60420
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
    wait_port 60481 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60483 caddy && wait_port 60444 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
cp "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 60482 haproxy && wait_port 60445 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish-chi.vcl" "$RUN/varnish/chi.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:60490 -T none -f "$RUN/varnish/chi.vcl" \
    -n "$RUN/varnish/chi" -s malloc,16m -p feature=+http2
wait_port 60490 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus67 -f "$RUN/squid/squid.conf"
wait_port 60450 squid && UP[squid]=1

mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/www/docs
: >"$RUN/nginx/www/empty-503"
printf '<!doctype html><title>Tidemark loans API docs</title><h1>Tidemark loans API</h1>\n' >"$RUN/nginx/www/docs/index.html"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60480 nginx && wait_port 60443 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
sleep 1.5

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60400 || p > 60499) print}')
[[ -z $NEWPORTS ]] || die "a server listens outside 60400-60499: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 67 (held out): real responses captured by
# scripts/corpus/capture-round67.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-66:
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

H=api.ledgerly.test T=loans.tidemark.test
NG=http://$T:60480 NGS=https://$T:60443 AP=http://$H:60481 CD=http://$H:60483 CDS=https://$H:60444
HA=http://$H:60482 HA2=http://$H:60445 VN=http://$H:60490 SQ=http://$H:60450
# one --resolve per front keeps the transcripts short
RNG="--resolve $T:60480:127.0.0.1" RNGS="--resolve $T:60443:127.0.0.1" RAP="--resolve $H:60481:127.0.0.1"
RCD="--resolve $H:60483:127.0.0.1" RCDS="--resolve $H:60444:127.0.0.1" RHA="--resolve $H:60482:127.0.0.1"
RHA2="--resolve $H:60445:127.0.0.1" RVN="--resolve $H:60490:127.0.0.1" RSQ="--resolve $H:60450:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
LONGQ=$(printf 'q%.0s' $(seq 1 1500))
BIGH="X-Trace-Context: $(printf 't%.0s' $(seq 1 1500))"
BIGH8="X-Trace-Context: $(printf 't%.0s' $(seq 1 8000))"
BIGH20="X-Trace-Context: $(printf 't%.0s' $(seq 1 20000))"
BIGBODY=$(printf '{"ref":"LG-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")

# ============================================== nginx -> Panther (uvicorn) ==
if up nginx; then
    log "capturing: Panther under uvicorn behind nginx"
    S=panther-uvicorn-nginx
    cap $S panther-200-loan-nginx.txt 200 app panther "loan 1 through nginx" "X-Request-ID from nginx, Server: nginx" -- -sv $RNG $NG/api/loans/1
    cap $S panther-200-loan-nginx-h2.txt 200 app panther "HTTP/2 over TLS: loan 1" "" -- -sv -k $RNGS $NGS/api/loans/1
    caphttp $S panther-401-account-nginx-httpie.txt 401 app panther "HTTPie, no token: the app's JSON 401 (Bearer)" "HTTPie with colours" -- -v GET http://127.0.0.1:60480/api/account Host:$T
    caplt $S panther-409-post-nginx.txt 409 app panther "POST of an existing ref: the app's JSON 409" "curl -sv, only the < lines kept" -- -sv $RNG -X POST "${JSONH[@]}" -d '{"ref":"TM-2001"}' $NG/api/loans
    capraw $S panther-422-post-nginx-h2.txt 422 app panther "HTTP/2: POST without ref, the app's JSON 422" "curl -si saved to a file (CRs kept)" -- -si -k $RNGS -X POST "${JSONH[@]}" -d '{"items":2}' $NGS/api/loans
    cap $S panther-429-quota-nginx.txt 429 app panther "the app's own JSON 429 with Retry-After" "curl -si" -- -si $RNG $NG/api/quota
    capcut $S panther-503-maintenance-nginx.txt 503 app panther "the app's own JSON 503 (maintenance)" "curl -si, body cut off after the headers" -- -si $RNG $NG/api/maintenance
    capwin $S panther-504-courier-html-nginx.txt 504 app panther "the app's own HTML 504 page (its courier did not answer), passed on" "curl -si pasted with CRLF" -- -si $RNG $NG/api/courier
    cap $S panther-500-boom-nginx.txt 500 app panther "a ZeroDivisionError in the handler: Panther's own JSON 500" "" -- -sv $RNG $NG/api/boom
    cap $S panther-404-route-nginx.txt 404 app panther "no route: Panther's router answers {\"detail\":\"Not Found\"}" "curl -si" -- -si $RNG $NG/api/v2/loans
    cap $S panther-405-delete-nginx.txt 405 app panther "DELETE on a loan: Panther's JSON 405" "" -- -sv $RNG -X DELETE $NG/api/loans/1
    quiet $RNG $NG/api/exports/daily
    cap $S nginx-429-exports-json.txt 429 proxy nginx "limit_req on /api/exports/, the second request: nginx's own JSON 429 from error_page" "X-Request-ID from nginx" -- -sv $RNG $NG/api/exports/daily
    caplt $S nginx-503-refunds-json.txt 503 proxy nginx "/api/refunds/: nginx answers a JSON 503 itself" "curl -sv, only the < lines kept" -- -sv $RNG $NG/api/refunds/42
    capwin $S nginx-504-slow.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 3s: nginx's 504 page" "curl -si pasted with CRLF" -- -si $RNG $NG/api/slow
    capwget $S nginx-502-old-wget.txt 502 proxy nginx "/old/ straight to a port nobody listens on: nginx's 502 page" "wget -S -O-" -- --header="Host: $T" http://127.0.0.1:60480/old/loans/1
    cap $S nginx-421-unknown-host-h2.txt 421 proxy nginx "HTTP/2 to the bare IP: the default server's return 421" "" -- -sv -k https://127.0.0.1:60443/api/loans/1
    capcut $S nginx-413-body.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's 413 page" "curl -si, body cut off after the headers" -- -si $RNG -X POST "${JSONH[@]}" -d "$BIGBODY" $NG/api/loans
    capraw $S nginx-400-header-too-large.txt 400 proxy nginx "a 1.5 KB header, 1k buffers: nginx's 400 'Request Header Or Cookie Too Large'" "curl -si saved to a file (CRs kept)" -- -si $RNG -H "$BIGH" $NG/api/loans/1
    cap $S nginx-405-docs-post-h2.txt 405 proxy nginx "HTTP/2: POST to the static /docs/, nginx's 405 page" "curl -si" -- -si -k $RNGS -X POST -d 'x=1' $NGS/docs/
fi

# ========================================================= Apache -> chi ==
if up apache; then
    log "capturing: chi behind Apache"
    S=chi-apache
    cap $S chi-200-invoice-apache.txt 200 app chi "invoice 1 through Apache" "Via from ProxyVia, X-Request-Id from mod_unique_id" -- -sv $RAP $AP/api/invoices/1
    capraw $S chi-201-post-apache.txt 201 app chi "POST a new ref: the handler's JSON 201" "curl -si saved to a file (CRs kept)" -- -si $RAP -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $AP/api/invoices
    caphttp $S chi-422-post-apache-httpie.txt 422 app chi "HTTPie POST without ref: the handler's JSON 422, Via added" "HTTPie with colours" -- -v POST http://127.0.0.1:60481/api/invoices Host:$H total:=2
    caplt $S chi-409-post-apache.txt 409 app chi "POST an existing ref: the handler's JSON 409" "curl -sv, only the < lines kept" -- -sv $RAP -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $AP/api/invoices
    cap $S chi-403-admin-apache.txt 403 app chi "the handler's JSON 403" "curl -si" -- -si $RAP $AP/api/admin
    capcut $S chi-503-statements-html-apache.txt 503 app chi "the app's own HTML 503 page, passed on with Via" "curl -si, body cut off after the headers" -- -si $RAP $AP/api/statements
    cap $S chi-500-boom-empty-apache.txt 500 app chi "a panic: chi's Recoverer, an empty 500 (ProxyErrorOverride is off)" "curl -si" -- -si $RAP $AP/api/boom
    cap $S chi-200-invoice-apache-h2c.txt 200 app chi "HTTP/2 (h2c): invoice 1" "" -- -sv --http2-prior-knowledge $RAP $AP/api/invoices/1
    cap $S chi-404-route-apache-h2c.txt 404 app chi "HTTP/2 (h2c): no route, chi's '404 page not found'" "curl -si" -- -si --http2-prior-knowledge $RAP $AP/api/v2/invoices
    cap $S apache-429-exports-json.txt 429 proxy apache "/api/exports/: mod_rewrite R=429 with a JSON ErrorDocument" "curl -si" -- -si $RAP $AP/api/exports/daily
    capwin $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: mod_rewrite R=503 with a JSON ErrorDocument" "curl -si pasted with CRLF" -- -si $RAP $AP/api/refunds/42
    cap $S apache-502-slow.txt 502 proxy apache "the handler waits 5 s, ProxyTimeout 3: Apache's 'Proxy Error' page" "" -- -sv $RAP $AP/api/slow
    capwget $S apache-503-legacy-down-wget.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60481/legacy/invoices/1
    caplt $S apache-404-unknown-host.txt 404 proxy apache "the bare IP as Host: the first virtual host, an empty folder: Apache's 404 page" "curl -sv, only the < lines kept" -- -sv http://127.0.0.1:60481/api/invoices/1
    cap $S apache-400-header-too-large.txt 400 proxy apache "a 1.5 KB header, LimitRequestFieldSize 1024: Apache's 400 page" "" -- -sv $RAP -H "$BIGH" $AP/api/invoices/1
    capcut $S apache-405-trace.txt 405 proxy apache "TRACE with TraceEnable Off: Apache's 405 page" "curl -si, body cut off after the headers" -- -si $RAP -X TRACE $AP/api/invoices/1
    cap $S apache-502-slow-h2c.txt 502 proxy apache "HTTP/2 (h2c): the slow handler, Apache's 'Proxy Error' page" "curl -si" -- -si --http2-prior-knowledge $RAP $AP/api/slow
fi

# ================================================= Caddy -> Rack (Puma) ==
if up caddy; then
    log "capturing: a plain Rack app under Puma behind Caddy"
    S=rack-puma-caddy
    cap $S rack-200-invoice-caddy.txt 200 app rack "invoice 1 through Caddy" "X-Request-ID from Caddy, Server: Caddy" -- -sv $RCD $CD/api/invoices/1
    cap $S rack-200-invoice-caddy-h2.txt 200 app rack "HTTP/2 over TLS: invoice 1" "" -- -sv -k $RCDS $CDS/api/invoices/1
    caphttp $S rack-401-account-caddy-httpie.txt 401 app rack "HTTPie, no token: the app's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60483/api/account Host:$H:60483
    capraw $S rack-422-post-caddy.txt 422 app rack "POST without ref: the app's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RCD -X POST "${JSONH[@]}" -d '{"total":2}' $CD/api/invoices
    caplt $S rack-409-post-caddy-h2.txt 409 app rack "HTTP/2: POST an existing ref, the app's JSON 409" "curl -sv, only the < lines kept" -- -sv -k $RCDS -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $CDS/api/invoices
    capwin $S rack-504-bank-html-caddy.txt 504 app rack "the app's own HTML 504 page, passed on" "curl -si pasted with CRLF" -- -si $RCD $CD/api/bank
    cap $S puma-500-boom-caddy.txt 500 app puma "an unrescued exception: Puma's own low-level 500 text" "curl -si" -- -si $RCD $CD/api/boom
    cap $S rack-404-route-caddy.txt 404 app rack "no route: the app's plain 'Not Found'" "" -- -sv $RCD $CD/api/v2/invoices
    capcut $S rack-405-method-caddy.txt 405 app rack "GET on the POST-only collection: the app's plain 405 with Allow" "curl -si, body cut off after the headers" -- -si $RCD $CD/api/invoices
    cap $S caddy-429-exports-json-h2.txt 429 proxy caddy "HTTP/2: /api/exports/*, Caddy's respond with a JSON 429" "curl -si" -- -si -k $RCDS $CDS/api/exports/daily
    caplt $S caddy-503-refunds-json.txt 503 proxy caddy "/api/refunds/*: Caddy's respond with a JSON 503" "curl -sv, only the < lines kept" -- -sv $RCD $CD/api/refunds/42
    cap $S caddy-504-slow-empty.txt 504 proxy caddy "the handler waits 5 s, response_header_timeout 3s: Caddy's 504, empty body" "" -- -sv $RCD $CD/api/slow
    capwget $S caddy-502-legacy-empty-wget.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, empty body" "wget -S -O-" -- --header="Host: $H:60483" http://127.0.0.1:60483/legacy/invoices/1
    cap $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB: the 431 Caddy's Go server writes" "curl -si" -- -si $RCD -H "$BIGH8" $CD/api/invoices/1
    cap $S caddy-421-unknown-host-empty.txt 421 proxy caddy "a Host that is not ours: the catch-all site's respond 421, empty body" "" -- -sv -H "Host: shop.ledgerly.test:60483" http://127.0.0.1:60483/api/invoices/1
    capwin $S caddy-502-legacy-empty-h2.txt 502 proxy caddy "HTTP/2: /legacy/* to a port nobody listens on, Caddy's empty 502" "curl -si pasted with CRLF" -- -si -k $RCDS $CDS/legacy/invoices/1
fi

# ============================================= HAProxy -> Litestar (uvicorn) ==
if up haproxy; then
    log "capturing: Litestar under uvicorn behind HAProxy"
    S=litestar-uvicorn-haproxy
    cap $S litestar-200-invoice-haproxy.txt 200 app litestar "invoice 1 through HAProxy" "X-Request-ID set by HAProxy, server: uvicorn" -- -sv $RHA $HA/api/invoices/1
    caphttp $S litestar-401-account-haproxy-httpie.txt 401 app litestar "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60482/api/account Host:$H
    capraw $S litestar-201-post-haproxy.txt 201 app litestar "POST a new ref: the handler's JSON 201 with Location" "curl -si saved to a file (CRs kept)" -- -si $RHA -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $HA/api/invoices
    caplt $S litestar-422-post-haproxy.txt 422 app litestar "POST without ref: the handler's JSON 422" "curl -sv, only the < lines kept" -- -sv $RHA -X POST "${JSONH[@]}" -d '{"total":2}' $HA/api/invoices
    cap $S litestar-403-admin-haproxy.txt 403 app litestar "the handler's JSON 403" "curl -si" -- -si $RHA $HA/api/admin
    cap $S litestar-429-quota-haproxy.txt 429 app litestar "the app's own JSON 429 with Retry-After, next to HAProxy's" "" -- -sv $RHA $HA/api/quota
    capwin $S litestar-502-payments-html-haproxy.txt 502 app litestar "the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RHA $HA/api/payments
    cap $S litestar-500-boom-haproxy.txt 500 app litestar "a KeyError: Litestar's JSON 500 {\"status_code\":500,\"detail\":\"Internal Server Error\"}" "curl -si" -- -si $RHA $HA/api/boom
    capcut $S litestar-404-route-haproxy.txt 404 app litestar "no route: Litestar's JSON 404" "curl -si, body cut off after the headers" -- -si $RHA $HA/api/v2/invoices
    cap $S litestar-405-method-haproxy.txt 405 app litestar "DELETE on a GET route: Litestar's JSON 405" "" -- -sv $RHA -X DELETE $HA/api/invoices/1
    cap $S litestar-200-invoice-haproxy-h2c.txt 200 app litestar "HTTP/2 (h2c): invoice 1" "" -- -sv --http2-prior-knowledge $RHA2 $HA2/api/invoices/1
    cap $S haproxy-429-exports-json.txt 429 load-balancer haproxy "/api/exports/: http-request return with a JSON 429" "curl -si" -- -si $RHA $HA/api/exports/daily
    caplt $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: http-request return with a JSON 503" "curl -sv, only the < lines kept" -- -sv $RHA $HA/api/refunds/42
    cap $S haproxy-503-beta-empty-h2c.txt 503 load-balancer haproxy "HTTP/2 (h2c): /api/beta/, http-request return status 503 with no body" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/beta/labels
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "the handler waits 5 s, timeout server 3s: HAProxy's 504 page" "" -- -sv $RHA $HA/api/slow
    capwget $S haproxy-503-legacy-down-wget.txt 503 load-balancer haproxy "/legacy/: the only server is down by its check, HAProxy's 503 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60482/legacy/invoices/1
    capcut $S haproxy-404-unknown-host.txt 404 load-balancer haproxy "the bare IP as Host: deny_status 404, HAProxy's stock 404 page" "curl -si, body cut off after the headers" -- -si http://127.0.0.1:60482/api/invoices/1
    capwin $S haproxy-405-trace.txt 405 load-balancer haproxy "TRACE: http-request deny deny_status 405, the stock 405 page" "curl -si pasted with CRLF" -- -si $RHA -X TRACE $HA/api/invoices/1
fi

# ======================================================== Varnish -> chi ==
if up varnish; then
    log "capturing: chi (cacheable copy) behind Varnish"
    S=chi-varnish
    cap $S chi-200-invoice-varnish-miss.txt 200 app chi "invoice 1, first request: a MISS" "X-Cache: MISS, Via: varnish" -- -sv $RVN $VN/api/invoices/1
    cap $S varnish-200-invoice-hit.txt 200 cdn-cache varnish "invoice 1 again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $RVN $VN/api/invoices/1
    caplt $S varnish-304-invoice-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "curl -sv, only the < lines kept" -- -sv $RVN -H 'If-None-Match: "inv-1-v3"' $VN/api/invoices/1
    cap $S varnish-200-invoice-hit-h2c.txt 200 cdn-cache varnish "HTTP/2 (h2c): invoice 1 from Varnish's store" "X-Cache: HIT" -- -sv --http2-prior-knowledge $RVN $VN/api/invoices/1
    quiet $RVN $VN/api/rates
    sleep 2.5
    cap $S varnish-200-rates-grace.txt 200 cdn-cache varnish "/api/rates past its 1 s ttl, inside grace: the stale copy, fetched again behind it" "curl -si; X-Cache: HIT-STALE" -- -si $RVN $VN/api/rates
    caphttp $S chi-401-account-varnish-httpie.txt 401 app chi "HTTPie, no token: the handler's JSON 401, Via added by Varnish" "HTTPie with colours" -- -v GET http://127.0.0.1:60490/api/account Host:$H
    capraw $S chi-409-post-varnish.txt 409 app chi "POST (passed) of an existing ref: the handler's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RVN -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $VN/api/invoices
    cap $S chi-400-invoice-id-varnish.txt 400 app chi "an invoice id that is not a number: the handler's JSON 400, passed on" "" -- -sv $RVN $VN/api/invoices/abc
    capcut $S chi-502-payments-html-varnish.txt 502 app chi "the app's own HTML 502 page, passed on with Via" "curl -si, body cut off after the headers" -- -si $RVN $VN/api/payments
    cap $S chi-500-boom-empty-varnish.txt 500 app chi "a panic: chi's Recoverer, an empty 500, passed on" "curl -si" -- -si $RVN $VN/api/boom
    cap $S varnish-429-exports-synth.txt 429 cdn-cache varnish "/api/exports/: synth(429) with a JSON body" "curl -si" -- -si $RVN $VN/api/exports/daily
    capwin $S varnish-503-refunds-synth.txt 503 cdn-cache varnish "/api/refunds/: synth(503) with a JSON maintenance body" "curl -si pasted with CRLF" -- -si $RVN $VN/api/refunds/42
    caplt $S varnish-503-beta-empty.txt 503 cdn-cache varnish "/api/beta/: a synth 503 delivered with no body" "curl -sv, only the < lines kept" -- -sv $RVN $VN/api/beta/labels
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the handler waits 5 s, first_byte_timeout 3s: 'Backend fetch failed'" "" -- -sv $RVN $VN/api/slow
    capwget $S varnish-503-legacy-down-wget.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed'" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60490/legacy/invoices/1
    cap $S varnish-404-unknown-host.txt 404 cdn-cache varnish "a Host that is not ours: synth(404), the builtin page" "curl -si" -- -si -H "Host: shop.ledgerly.test" http://127.0.0.1:60490/api/invoices/1
    cap $S varnish-405-purge-h2c.txt 405 cdn-cache varnish "HTTP/2 (h2c): PURGE, synth(405)" "" -- -sv --http2-prior-knowledge $RVN -X PURGE $VN/api/invoices/1
fi

# ========================================================== Squid -> Hono ==
if up squid; then
    log "capturing: Hono (cacheable copy) behind Squid"
    S=hono-squid
    cap $S hono-200-invoice-squid-miss.txt 200 app hono "invoice 1, first request: a MISS" "Via, X-Cache: MISS, Squid's X-Request-ID" -- -sv $RSQ $SQ/api/invoices/1
    cap $S squid-200-invoice-hit.txt 200 cdn-cache squid "invoice 1 again: from Squid's memory cache" "curl -si; X-Cache: HIT, Age" -- -si $RSQ $SQ/api/invoices/1
    capraw $S squid-304-invoice-if-none-match.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's own 304" "curl -si saved to a file (CRs kept)" -- -si $RSQ -H 'If-None-Match: "inv-1-v3"' $SQ/api/invoices/1
    caplt $S squid-412-invoice-if-match.txt 412 cdn-cache squid "If-Match with an old ETag on a stored object: Squid's 412" "curl -sv, only the < lines kept" -- -sv $RSQ -H 'If-Match: "inv-1-v2"' $SQ/api/invoices/1
    caphttp $S hono-401-account-squid-httpie.txt 401 app hono "HTTPie, no token: the handler's JSON 401, Via added by Squid" "HTTPie with colours" -- -v GET http://127.0.0.1:60450/api/account Host:$H
    capcut $S hono-422-post-squid.txt 422 app hono "POST without ref: the handler's JSON 422" "curl -si, body cut off after the headers" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"total":2}' $SQ/api/invoices
    cap $S hono-403-admin-squid.txt 403 app hono "the handler's JSON 403, passed on with Via" "" -- -sv $RSQ $SQ/api/admin
    cap $S hono-400-invoice-id-squid.txt 400 app hono "an invoice id that is not a number: the handler's JSON 400, passed on with Via" "curl -si" -- -si $RSQ $SQ/api/invoices/abc
    capwin $S hono-503-maintenance-squid.txt 503 app hono "the app's own JSON 503 (maintenance)" "curl -si pasted with CRLF" -- -si $RSQ $SQ/api/maintenance
    cap $S hono-503-statements-html-squid.txt 503 app hono "the app's own HTML 503 page, passed on with Via" "" -- -sv $RSQ $SQ/api/statements
    cap $S hono-500-boom-squid.txt 500 app hono "a thrown Error: Hono's default onError, text 'Internal Server Error'" "curl -si" -- -si $RSQ $SQ/api/boom
    caplt $S hono-404-route-squid.txt 404 app hono "no route: Hono's default notFound, text '404 Not Found'" "curl -sv, only the < lines kept" -- -sv $RSQ $SQ/api/v2/invoices
    cap $S squid-504-slow.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 3 seconds: ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/slow
    capwget $S squid-502-legacy-down-wget.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60450/legacy/invoices/1
    capcut $S squid-403-unknown-host.txt 403 cdn-cache squid "a Host that is not ours: ERR_ACCESS_DENIED" "curl -si, body cut off after the headers" -- -si -H "Host: shop.ledgerly.test" http://127.0.0.1:60450/api/invoices/1
    cap $S squid-413-body.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "" -- -sv $RSQ -X POST "${JSONH[@]}" -d "$BIGBODY" $SQ/api/invoices
    cap $S squid-431-header-too-large.txt 431 cdn-cache squid "an 8 KB header, request_header_max_size 2 KB: Squid's 431 page" "curl -si" -- -si $RSQ -H "$BIGH8" $SQ/api/invoices/1
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-504-slow.txt 504/504 proxy nginx "nginx's 504 page" "" -- $RNG "$NG/api/slow?from=dashboard"
up nginx && capbody $S body-panther-404-route.txt 0/404 app panther "Panther's router {\"detail\":\"Not Found\"}, no number shown" "" -- $RNG $NG/api/v3/loans
up apache && capbody $S body-apache-502-proxy-error.txt 502/502 proxy apache "Apache's 'Proxy Error' page" "" -- $RAP $AP/api/slow
up caddy && capbody $S body-caddy-429-exports-json.txt 0/429 proxy caddy "Caddy's respond JSON 429, no status number in it" "" -- $RCD $CD/api/exports/monthly
up caddy && capbody $S body-puma-500-boom.txt 0/500 app puma "Puma's low-level error text" "" -- $RCD $CD/api/boom
up haproxy && capbody $S body-haproxy-504-slow.txt 504/504 load-balancer haproxy "HAProxy's 504 page" "" -- $RHA $HA/api/slow
up haproxy && capbody $S body-litestar-500-boom.txt 500/500 app litestar "Litestar's JSON 500, its status_code in the body" "" -- $RHA $HA/api/boom
up varnish && capbody $S body-varnish-503-backend-fetch.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page" "" -- $RVN $VN/legacy/invoices/3
up varnish && capbody $S body-chi-502-payments-html.txt 502/502 app chi "chi's own HTML 502 page, its title shows the number" "" -- $RVN $VN/api/payments
up squid && capbody $S body-squid-504-slow.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page, no number in its title or heading" "" -- $RSQ "$SQ/api/slow?from=dashboard"
up squid && capbody $S body-hono-429-quota.txt 0/429 app hono "Hono's JSON 429 from the handler, no status number in it" "" -- $RSQ $SQ/api/quota

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-503-beta.txt 503 proxy nginx "curl -sI on /api/beta/: nginx's empty 503" "" -- $RNG $NG/api/beta/labels
up apache && caphead $S head-apache-503-refunds.txt 503 proxy apache "curl -sI on /api/refunds/: Apache's R=503" "" -- $RAP $AP/api/refunds/7
# chi has no HEAD route for a GET handler (round 65 saw it): its empty 405, passed on by Apache
up apache && caphead $S head-chi-405-invoice.txt 405 app chi "curl -sI on invoice 1 through Apache: chi answers HEAD with its empty 405" "" -- $RAP $AP/api/invoices/1
up caddy && caphead $S head-caddy-503-refunds.txt 503 proxy caddy "curl -sI on /api/refunds/*: Caddy's respond 503" "" -- $RCD $CD/api/refunds/7
up haproxy && caphead $S head-haproxy-429-exports.txt 429 load-balancer haproxy "curl -sI on /api/exports/: HAProxy's JSON 429 headers" "" -- $RHA $HA/api/exports/daily
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on invoice 1, stored" "X-Cache: HIT" -- $RVN $VN/api/invoices/1
up squid && caphead $S head-squid-200-hit.txt 200 cdn-cache squid "curl -sI on invoice 1, stored in Squid's memory" "X-Cache: HIT" -- $RSQ $SQ/api/invoices/1

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round67/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
