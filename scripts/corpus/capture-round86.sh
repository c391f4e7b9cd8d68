#!/usr/bin/env bash
# capture-round86.sh — build the eighty-sixth held-out evidence corpus in
# tests/fixtures/evidence-round86/.
#
# "Mainstream, what the fronts were configured to answer themselves": six
# mainstream front + app pairings not used together in rounds 80-84, each
# front configured the way teams run it in production and answering many
# requests itself: branded error pages (HTML and JSON) for its own 502/503/
# 504 and for app errors it intercepts (nginx proxy_intercept_errors, Apache
# ProxyErrorOverride, Caddy handle_response, HAProxy http-response return),
# maintenance (503 + Retry-After), rate limits (429), denies (403), http ->
# https and canonical-host redirects (301/308), a health endpoint of its own
# (200), CORS preflight (204), body size limits (413), a request id it adds,
# and a cache's own answers (HIT, 304, stale). Front configs in
# scripts/corpus/conf-round86/ (round 84's, ports moved into 65000-65499):
#   - Express 4 (apps78/express_app.js) behind nginx 1.22 (plain HTTP that
#     redirects, TLS + HTTP/2);
#   - Django 5.2 (apps78/django_app.py) on gunicorn behind Apache 2.4
#     (plain HTTP that redirects, mod_ssl + mod_http2);
#   - FastAPI (apps78/fastapi_app.py) on uvicorn behind Caddy 2.6;
#   - Flask 3.1 (apps78/flask_app.py) on gunicorn behind HAProxy 2.6;
#   - Go net/http (apps78/nethttp_app.go) behind Varnish 7.1 (plain HTTP);
#   - Fastify 4 (apps55/fastify_app.js) behind Squid 5.7 (an accelerator).
# The apps still answer their own routes (2xx and their own 4xx/5xx).
# Paste forms: curl -skv --http2 / curl -sk --http1.1 -i / curl -sv / -si
# transcripts (some saved with their CRs, some with CRLF on every line, some
# with only the `<` lines of -v kept, some cut off after the headers), HTTPie
# with colours, wget -S -O-, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round86.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round86.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round86.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 65000-65499) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round86.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round86"
RUN=/tmp/api-triage-corpus86-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round86"
APPS55="$HERE/apps55"
APPS78="$HERE/apps78"
NODE_DIR=${CORPUS_NODE86:-/tmp/api-triage-corpus86-node}
GO_DIR=${CORPUS_GO86:-/tmp/api-triage-corpus86-go}
VENV=${CORPUS_VENV86:-/tmp/api-triage-corpus86-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus86 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx caddy haproxy varnish squid golang-go python3-venv nodejs
    )
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

install_venv() {  # HTTPie, Flask, Django, FastAPI, gunicorn, uvicorn (a copy of round 84's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, flask, django, fastapi, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

build_go() {  # Go net/http (round 78's app): the standard library only, offline (copied from round 82's build)
    local f=nethttp_app dir=$APPS78
    mkdir -p "$GO_DIR"
    [[ -x $GO_DIR/$f && $GO_DIR/$f -nt $dir/$f.go ]] && return 0
    log "go build $f"
    (cd "$dir" && GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$GO_DIR" GOCACHE="$GO_DIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GO_DIR/$f" "$f.go") >>"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[$f]="go build $f failed (see logs/go-build.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GO_DIR/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
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
# ours_sockets: the listening sockets held by a process this script started
# (another helper may start its own servers in its own port range meanwhile;
# only ours are checked against 127.0.0.1 and 65000-65499) (round 76's check)
ours_sockets() {
    local line pid
    ss -ltunpH 2>/dev/null | while read -r line; do
        for pid in $(grep -o 'pid=[0-9]*' <<<"$line" | cut -d= -f2); do
            if ours "$pid"; then awk '{print $1, $5}' <<<"$line"; break; fi
        done
    done | sort -u
}

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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round86.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
# The transcript shows `https` (TLS fronts) or, with HTTPIE_CMD=http, `http`.
caphttp() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    [[ -x $HTTPIE ]] || return 0
    cmdline "${HTTPIE_CMD:-https}" "$@" >"$dest"
    in_work timeout 20 "$HTTPIE" -m httpie --ignore-stdin --pretty=all --style=monokai --timeout=10 "$@" >>"$dest" 2>&1
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
[[ -d $CONF && -d $APPS55 && -d $APPS78 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,flags,gunicorn}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
have openssl || die "openssl is missing"
for p in nginx apache2 caddy haproxy varnish squid nodejs golang-go; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
[[ -d $NODE_DIR/node_modules/express && -d $NODE_DIR/node_modules/fastify ]] \
    || die "Express or Fastify is missing from $NODE_DIR (copy round 84's node folder there)"
build_go
[[ -z ${SKIPPED[nethttp_app]:-} ]] || die "nethttp_app did not build (see $RUN/logs/go-build.log)"

# apps: Express 65011, Django 65012, FastAPI 65013, Flask 65014, Go net/http
# 65015, Fastify 65016. Fronts: nginx 65101 (plain) + 65401 (TLS), Apache
# 65102 + 65402, Caddy 65103 + 65403, HAProxy 65104 + 65404, Varnish 65455,
# Squid 65456. 65499 is never listened on (the dead upstream every front has).
APP_PORTS=(65011 65012 65013 65014 65015 65016)
FRONT_PORTS=(65101 65102 65103 65104 65401 65402 65403 65404 65455 65456)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 65499; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for every front ---------------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=On-call lab/CN=api.osprey.test" \
    -addext "subjectAltName=DNS:api.osprey.test,DNS:www.api.osprey.test,DNS:api.wrenfield.test,DNS:www.api.wrenfield.test,DNS:api.halyard.test,DNS:www.api.halyard.test,DNS:api.tamarind.test,DNS:www.api.tamarind.test,IP:127.0.0.1" \
    >"$RUN/logs/openssl.log" 2>&1 || die "openssl could not make the cert"
cat "$RUN/tls/cert.pem" "$RUN/tls/key.pem" >"$RUN/tls/combined.pem"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
mkdir -p "$RUN/flags"/{tamarind,osprey,wrenfield,halyard,bramble}
start_bg express env REPLICA=osprey-api-1 FLAG_DIR="$RUN/flags/osprey" "${NODEENV[@]}" "$APPS78/express_app.js" 65011
start_bg django env REPLICA=wrenfield-web-1 FLAG_DIR="$RUN/flags/wrenfield" nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:65012 --workers 2 --chdir "$APPS78" --worker-tmp-dir "$RUN/gunicorn" django_app:application
start_bg fastapi env REPLICA=halyard-api-1 FLAG_DIR="$RUN/flags/halyard" nice -n 5 "$VPY" -m uvicorn \
    --app-dir "$APPS78" --host 127.0.0.1 --port 65013 fastapi_app:app
start_bg flask env REPLICA=tamarind-web-1 FLAG_DIR="$RUN/flags/tamarind" nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:65014 --workers 2 --chdir "$APPS78" --worker-tmp-dir "$RUN/gunicorn" flask_app:app
start_bg nethttp env FLAG_DIR="$RUN/flags/bramble" REPLICA=bramble-api-1 nice -n 5 "$GO_DIR/nethttp_app" 65015
start_bg fastify "${NODEENV[@]}" "$APPS55/fastify_app.js" 65016
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
PAGES=$CONF/pages
mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/html/errors
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
cp "$PAGES/nginx-50x.html" "$RUN/nginx/html/errors/50x.html"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 65401 nginx && wait_port 65101 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
cp "$PAGES/apache-50x.html" "$RUN/apache/errors/50x.html"
cp "$PAGES/apache-rate-limited.json" "$RUN/apache/errors/rate-limited.json"
cp "$PAGES/apache-maintenance.json" "$RUN/apache/errors/maintenance.json"
cp "$PAGES/apache-healthz.json" "$RUN/apache/errors/healthz.json"
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 65402 apache && wait_port 65102 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 65403 caddy && wait_port 65103 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
for f in 502 503 504; do cp "$PAGES/haproxy-$f.http" "$RUN/haproxy/$f.http"; done
cp "$PAGES/haproxy-web-50x.html" "$RUN/haproxy/web-50x.html"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 65404 haproxy && wait_port 65104 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/bramble.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:65455 -T none -f "$RUN/varnish/bramble.vcl" \
    -n "$RUN/varnish/bramble" -s malloc,16m
wait_port 65455 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus86 -f "$RUN/squid/squid.conf"
wait_port 65456 squid && UP[squid]=1
sleep 2.5   # HAProxy's check marks the legacy server down

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 65000 || p > 65499) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 65000-65499: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 86 (held out): real responses captured by
# scripts/corpus/capture-round86.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-85:
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
NOEXP=(-H 'Expect:')   # no 100-continue for the big bodies: one status per transcript
BIGBODY=$(printf '{"ref":"XX-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")
PREFLIGHT=(-X OPTIONS -H 'Origin: https://app.example.test' -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: content-type')
H2=(-skv --http2)        # as on-call engineers type them
H1=(-sk --http1.1 -i)

# ===================================================== nginx -> Express ==
if up nginx; then
    log "capturing: Express behind nginx"
    S=express-nginx-r86
    H=api.osprey.test NG=https://api.osprey.test:65401 RNG="--resolve api.osprey.test:65401:127.0.0.1"
    NP=http://api.osprey.test:65101 RNP="--resolve api.osprey.test:65101:127.0.0.1"
    cap $S express-200-order-nginx-h2.txt 200 app express "HTTP/2 over TLS: order 1" "curl -skv --http2; X-Request-ID from nginx's \$request_id" -- "${H2[@]}" $RNG $NG/api/orders/1
    caplt $S express-422-post-nginx.txt 422 app express "POST without ref: the handler's JSON 422" "curl -sk --http1.1 -v, only the < lines kept" -- -skv --http1.1 $RNG -X POST "${JSONH[@]}" -d '{"total":2}' $NG/api/orders
    capraw $S express-409-post-nginx-h2.txt 409 app express "HTTP/2 over TLS: POST of an existing ref, the handler's JSON 409" "curl -sk --http2 -i saved to a file (CRs kept)" -- -sk --http2 -i $RNG -X POST "${JSONH[@]}" -d '{"ref":"OS-1001"}' $NG/api/orders
    caphttp $S express-401-account-nginx-httpie.txt 401 app express "HTTPie over TLS, no token: the handler's JSON 401" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:65401/api/account Host:$H
    cap $S express-404-cannot-get-nginx.txt 404 app express "no route under /api/: Express's 'Cannot GET' page, passed on (no intercept on /api/)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/api/v2/orders
    capwin $S express-429-quota-nginx.txt 429 app express "the handler's JSON 429 with Retry-After" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RNG $NG/api/quota
    cap $S express-500-boom-nginx-h2.txt 500 app express "HTTP/2 over TLS: a thrown error under /api/ (no intercept there): finalhandler's HTML 500, passed on" "" -- "${H2[@]}" $RNG $NG/api/boom
    cap $S express-503-statements-html-nginx.txt 503 app express "the app's own HTML 503 page under /api/: passed on, nginx's error_page 503 does not touch a proxied answer without proxy_intercept_errors" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/api/statements
    capcut $S express-404-order9-web-nginx.txt 404 app express "/web/ (proxy_intercept_errors on, error_page only for 5xx): order 9, the handler's JSON 404 passes" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RNG $NG/web/orders/9
    cap $S express-200-ledger-first-nginx.txt 200 app express "/api/ledger/: the first request in the minute passes limit_req" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/api/ledger/daily
    cap $S nginx-429-ledger-json-h2.txt 429 proxy nginx "HTTP/2 over TLS: /api/ledger/ again within the minute, limit_req 1r/m: nginx's 429 with a JSON body" "" -- "${H2[@]}" $RNG $NG/api/ledger/daily
    cap $S nginx-301-http-to-https.txt 301 proxy nginx "plain HTTP on the http port: return 301 to https, nginx's stock 301 page" "curl -si" -- -si $RNP $NP/api/orders/1
    cap $S nginx-301-www-canonical-h2.txt 301 proxy nginx "HTTP/2 over TLS: www.api.osprey.test, return 301 to the canonical host" "" -- "${H2[@]}" --resolve www.api.osprey.test:65401:127.0.0.1 https://www.api.osprey.test:65401/api/orders/1
    cap $S nginx-200-healthz.txt 200 proxy nginx "/healthz: return 200 with JSON, answered by nginx (the app is not asked)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/healthz
    cap $S nginx-204-preflight-h2.txt 204 proxy nginx "HTTP/2 over TLS: CORS preflight (OPTIONS) on /api/, answered by nginx" "" -- "${H2[@]}" $RNG "${PREFLIGHT[@]}" $NG/api/orders
    capwget $S nginx-503-refunds-json-wget.txt 503 proxy nginx "/api/refunds/: maintenance, return 503 with a JSON body and Retry-After" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:65401/api/refunds/42
    cap $S nginx-500-web-boom-branded-h2.txt 500 proxy nginx "HTTP/2 over TLS: /web/boom, proxy_intercept_errors on: Express's 500 replaced by nginx's branded HTML error_page" "" -- "${H2[@]}" $RNG $NG/web/boom
    cap $S nginx-502-web-payments-branded.txt 502 proxy nginx "/web/payments, proxy_intercept_errors on: the app's HTML 502 replaced by nginx's branded HTML error_page" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/web/payments
    cap $S nginx-504-reports-slow-json-h2.txt 504 proxy nginx "HTTP/2 over TLS: /api/reports/slow, proxy_read_timeout 1s: nginx's 504 with its branded JSON error_page" "" -- "${H2[@]}" $RNG $NG/api/reports/slow
    capraw $S nginx-502-legacy-json.txt 502 proxy nginx "/legacy/ to a port nobody listens on: nginx's 502 with its branded JSON error_page" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RNG $NG/legacy/orders/1
    cap $S nginx-413-body-h2.txt 413 proxy nginx "HTTP/2 over TLS: a 3 KB body, client_max_body_size 1k: nginx's stock 413" "" -- "${H2[@]}" $RNG -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $NG/api/orders
    capwin $S nginx-403-internal.txt 403 proxy nginx "/internal/: deny all, nginx's stock 403" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RNG $NG/internal/metrics
    cap $S nginx-404-unrouted.txt 404 proxy nginx "a path outside /api/ and /web/: return 404, nginx's stock 404" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/status
    # pastes from the same server
    capbody body-only-paste body-nginx-502-web-payments-branded.txt 0/502 proxy nginx "nginx's branded HTML error page (no number in it)" "" -- -k $RNG "$NG/web/payments?from=dashboard"
    capbody body-only-paste body-express-404-cannot-get.txt 0/404 app express "Express's 'Cannot GET' page, no status number in it" "" -- -k $RNG "$NG/api/v3/orders"
    caphead headers-only-paste head-nginx-200-healthz-h2.txt 200 proxy nginx "curl -sI over TLS + HTTP/2 on /healthz, answered by nginx" "" -- -k --http2 $RNG $NG/healthz
fi

# ===================================================== Apache -> Django (gunicorn) ==
if up apache; then
    log "capturing: Django behind Apache"
    S=django-gunicorn-apache-r86
    H=api.wrenfield.test AP=https://api.wrenfield.test:65402 RAP="--resolve api.wrenfield.test:65402:127.0.0.1"
    APP=http://api.wrenfield.test:65102 RAPP="--resolve api.wrenfield.test:65102:127.0.0.1"
    cap $S django-200-order-apache-h2.txt 200 app django "HTTP/2 over TLS: order 1" "curl -skv --http2; Via and X-Request-Id added by Apache" -- "${H2[@]}" $RAP $AP/api/orders/1
    cap $S django-422-post-apache.txt 422 app django "POST without ref: the view's JSON 422" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP -X POST "${JSONH[@]}" -d '{"total":2}' $AP/api/orders
    caplt $S django-409-post-apache-h2.txt 409 app django "HTTP/2 over TLS: POST of an existing ref, the view's JSON 409" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $RAP -X POST "${JSONH[@]}" -d '{"ref":"WF-1001"}' $AP/api/orders
    caphttp $S django-401-account-apache-httpie.txt 401 app django "HTTPie over TLS, no token: the view's JSON 401" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:65402/api/account Host:$H
    capwin $S django-403-admin-apache.txt 403 app django "the view's JSON 403" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RAP $AP/api/admin
    cap $S django-404-route-apache.txt 404 app django "no route under /api/, DEBUG off: Django's HTML 'Not Found' page, passed on" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP $AP/api/v2/orders
    cap $S django-500-boom-apache-h2.txt 500 app django "HTTP/2 over TLS: an uncaught error under /api/ (no ProxyErrorOverride there): Django's 'Server Error (500)', passed on" "" -- "${H2[@]}" $RAP $AP/api/boom
    capcut $S django-503-maintenance-apache.txt 503 app django "the view's own JSON 503 (maintenance), passed on" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RAP $AP/api/maintenance
    cap $S django-502-payments-html-apache-h2.txt 502 app django "HTTP/2 over TLS: the app's own HTML 502 page under /api/, passed on (ErrorDocument 502 does not touch a proxied answer without ProxyErrorOverride)" "" -- "${H2[@]}" $RAP $AP/api/payments
    cap $S django-404-order9-web-apache.txt 404 app django "/web/ (ProxyErrorOverride On 500 502 503): order 9, the view's JSON 404 passes" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP $AP/web/orders/9
    cap $S apache-301-http-to-https.txt 301 proxy apache "plain HTTP on the http port: mod_rewrite R=301 to https, Apache's 301 page" "curl -si" -- -si $RAPP $APP/api/orders/1
    cap $S apache-301-www-canonical.txt 301 proxy apache "plain HTTP, Host www.api.wrenfield.test: R=301 to the canonical https host" "curl -si" -- -si --resolve www.api.wrenfield.test:65102:127.0.0.1 http://www.api.wrenfield.test:65102/api/orders/1
    cap $S apache-200-healthz-h2.txt 200 proxy apache "HTTP/2 over TLS: /healthz, a static JSON file Apache serves itself (ProxyPass /healthz !)" "" -- "${H2[@]}" $RAP $AP/healthz
    cap $S apache-204-preflight.txt 204 proxy apache "CORS preflight (OPTIONS) on /api/: mod_rewrite R=204, answered by Apache" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP "${PREFLIGHT[@]}" $AP/api/orders
    cap $S apache-429-exports-json-h2.txt 429 proxy apache "HTTP/2 over TLS: /api/exports/, R=429 with a JSON ErrorDocument" "" -- "${H2[@]}" $RAP $AP/api/exports/daily
    capraw $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: maintenance, R=503 with a JSON ErrorDocument and Retry-After" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RAP $AP/api/refunds/42
    cap $S apache-500-web-boom-branded-h2.txt 500 proxy apache "HTTP/2 over TLS: /web/boom, ProxyErrorOverride: Django's 500 replaced by Apache's branded HTML ErrorDocument" "" -- "${H2[@]}" $RAP $AP/web/boom
    cap $S apache-502-web-payments-branded.txt 502 proxy apache "/web/payments, ProxyErrorOverride: the app's HTML 502 replaced by Apache's branded ErrorDocument" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP $AP/web/payments
    cap $S apache-502-slow-branded-h2.txt 502 proxy apache "HTTP/2 over TLS: the view waits 5 s, ProxyTimeout 3: Apache's 502 with its branded ErrorDocument" "" -- "${H2[@]}" $RAP $AP/api/slow
    capwget $S apache-503-legacy-down-branded-wget.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503 with its branded ErrorDocument" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:65402/legacy/orders/1
    cap $S apache-403-internal.txt 403 proxy apache "/internal/: Require all denied, Apache's stock 403" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP $AP/internal/metrics
    capcut $S apache-404-unrouted.txt 404 proxy apache "a path outside /api/: an empty DocumentRoot, Apache's stock 404" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RAP $AP/status
    # pastes from the same server
    capbody body-only-paste body-apache-503-legacy-branded.txt 0/503 proxy apache "Apache's branded HTML error page (no number in it)" "" -- -k $RAP "$AP/legacy/orders/2"
    capbody body-only-paste body-django-500-boom.txt 500/500 app django "Django's 'Server Error (500)'" "" -- -k $RAP "$AP/api/boom?from=dashboard"
    caphead headers-only-paste head-django-200-order-h2.txt 200 app django "curl -sI over TLS + HTTP/2 on order 1" "" -- -k --http2 $RAP $AP/api/orders/1
fi

# ===================================================== Caddy -> FastAPI (uvicorn) ==
if up caddy; then
    log "capturing: FastAPI behind Caddy"
    S=fastapi-uvicorn-caddy-r86
    H=api.halyard.test CD=https://api.halyard.test:65403 RCD="--resolve api.halyard.test:65403:127.0.0.1"
    CP=http://api.halyard.test:65103 RCP="--resolve api.halyard.test:65103:127.0.0.1"
    cap $S fastapi-200-order-caddy-h2.txt 200 app fastapi "HTTP/2 over TLS: order 1" "curl -skv --http2; X-Request-ID set by Caddy" -- "${H2[@]}" $RCD $CD/api/orders/1
    capwin $S fastapi-422-validation-caddy.txt 422 app fastapi "POST without ref: FastAPI's validation 422" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RCD -X POST "${JSONH[@]}" -d '{"total":2}' $CD/api/orders
    cap $S fastapi-409-post-caddy-h2.txt 409 app fastapi "HTTP/2 over TLS: POST of an existing ref, the handler's HTTPException 409" "" -- "${H2[@]}" $RCD -X POST "${JSONH[@]}" -d '{"ref":"HY-1001"}' $CD/api/orders
    caphttp $S fastapi-401-account-caddy-httpie.txt 401 app fastapi "HTTPie over TLS (no SNI, Caddy's default_sni), no token: the handler's 401" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:65403/api/account Host:$H
    caplt $S fastapi-403-admin-caddy-h2.txt 403 app fastapi "HTTP/2 over TLS: the handler's 403" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $RCD $CD/api/admin
    cap $S fastapi-405-delete-order-caddy.txt 405 app fastapi "DELETE on order 1: Starlette's 405 with Allow" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD -X DELETE $CD/api/orders/1
    cap $S fastapi-404-route-caddy.txt 404 app fastapi "no route under /api/: Starlette's {\"detail\":\"Not Found\"}, passed on" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD $CD/api/v2/orders
    cap $S fastapi-500-boom-caddy-h2.txt 500 app fastapi "HTTP/2 over TLS: an uncaught error under /api/ (no handle_response there): Starlette's plain-text 500, passed on" "" -- "${H2[@]}" $RCD $CD/api/boom
    cap $S fastapi-502-payments-html-caddy.txt 502 app fastapi "the app's own HTML 502 page under /api/, passed on (handle_errors does not touch an upstream answer)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD $CD/api/payments
    capcut $S fastapi-503-maintenance-caddy.txt 503 app fastapi "the handler's own JSON 503 (maintenance), passed on" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RCD $CD/api/maintenance
    cap $S fastapi-404-order9-web-caddy-h2.txt 404 app fastapi "HTTP/2 over TLS: /web/ (handle_response only on 500/502/503): order 9, the handler's 404 passes" "" -- "${H2[@]}" $RCD $CD/web/orders/9
    cap $S caddy-308-http-to-https.txt 308 proxy caddy "plain HTTP on the http port: redir to https with 308" "curl -si" -- -si $RCP $CP/api/orders/1
    cap $S caddy-301-www-canonical-h2.txt 301 proxy caddy "HTTP/2 over TLS: www.api.halyard.test, redir 301 to the canonical host" "" -- "${H2[@]}" --resolve www.api.halyard.test:65403:127.0.0.1 https://www.api.halyard.test:65403/api/orders/1
    capraw $S caddy-200-healthz.txt 200 proxy caddy "/healthz: respond 200 with JSON, answered by Caddy" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RCD $CD/healthz
    cap $S caddy-204-preflight-h2.txt 204 proxy caddy "HTTP/2 over TLS: CORS preflight (OPTIONS) on /api/, respond 204 at Caddy" "" -- "${H2[@]}" $RCD "${PREFLIGHT[@]}" $CD/api/orders
    cap $S caddy-429-exports-json.txt 429 proxy caddy "/api/exports/*: respond with a JSON 429" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD $CD/api/exports/daily
    cap $S caddy-503-refunds-json-h2.txt 503 proxy caddy "HTTP/2 over TLS: /api/refunds/*: maintenance, a JSON 503 with Retry-After" "" -- "${H2[@]}" $RCD $CD/api/refunds/42
    cap $S caddy-500-web-boom-json-h2.txt 500 proxy caddy "HTTP/2 over TLS: /web/boom, handle_response on 500: the app's 500 replaced by Caddy's branded JSON" "" -- "${H2[@]}" $RCD $CD/web/boom
    cap $S caddy-502-web-payments-json.txt 502 proxy caddy "/web/payments, handle_response on 502: the app's HTML 502 replaced by Caddy's branded JSON" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD $CD/web/payments
    cap $S caddy-504-reports-slow-json-h2.txt 504 proxy caddy "HTTP/2 over TLS: /api/reports/slow, response_header_timeout 1s: Caddy's 504, its handle_errors JSON" "" -- "${H2[@]}" $RCD $CD/api/reports/slow
    capwget $S caddy-502-legacy-json-wget.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, its handle_errors JSON" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:65403/legacy/orders/1
    capcut $S caddy-403-internal-json.txt 403 proxy caddy "/internal/*: error 403, Caddy's handle_errors JSON" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RCD $CD/internal/metrics
    cap $S caddy-404-unrouted-json-h2.txt 404 proxy caddy "HTTP/2 over TLS: a path outside /api/: error 404, Caddy's handle_errors JSON" "" -- "${H2[@]}" $RCD $CD/status
    # pastes from the same server
    capbody body-only-paste body-caddy-504-reports-slow-json.txt 504/504 proxy caddy "Caddy's handle_errors JSON (\"status\":504)" "" -- -k $RCD "$CD/api/reports/slow?from=dashboard"
    capbody body-only-paste body-fastapi-500-boom.txt 0/500 app fastapi "Starlette's plain 'Internal Server Error', no number in it" "" -- -k $RCD "$CD/api/boom?from=dashboard"
    caphead headers-only-paste head-caddy-308-http.txt 308 proxy caddy "curl -sI on the plain http port: Caddy's 308 to https" "" -- $RCP $CP/api/orders/1
fi

# ===================================================== HAProxy -> Flask (gunicorn) ==
if up haproxy; then
    log "capturing: Flask behind HAProxy"
    S=flask-gunicorn-haproxy-r86
    H=api.tamarind.test HA=https://api.tamarind.test:65404 RHA="--resolve api.tamarind.test:65404:127.0.0.1"
    HP=http://api.tamarind.test:65104 RHP="--resolve api.tamarind.test:65104:127.0.0.1"
    cap $S flask-200-order-haproxy-h2.txt 200 app flask "HTTP/2 over TLS: order 1" "curl -skv --http2; the app echoes HAProxy's X-Request-ID" -- "${H2[@]}" $RHA $HA/api/orders/1
    cap $S flask-422-post-haproxy.txt 422 app flask "POST without ref: the handler's JSON 422" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA -X POST "${JSONH[@]}" -d '{"total":2}' $HA/api/orders
    caplt $S flask-409-post-haproxy-h2.txt 409 app flask "HTTP/2 over TLS: POST of an existing ref, the handler's JSON 409" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $RHA -X POST "${JSONH[@]}" -d '{"ref":"TM-1001"}' $HA/api/orders
    caphttp $S flask-401-account-haproxy-httpie.txt 401 app flask "HTTPie over TLS, no token: the handler's JSON 401" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:65404/api/account Host:$H
    capwin $S flask-403-admin-haproxy.txt 403 app flask "the handler's JSON 403" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RHA $HA/api/admin
    capcut $S flask-404-route-haproxy.txt 404 app flask "no route under /api/: Werkzeug's HTML 404, passed on" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RHA $HA/api/v2/orders
    cap $S flask-500-boom-haproxy-h2.txt 500 app flask "HTTP/2 over TLS: an uncaught error under /api/: Werkzeug's HTML 500, passed on" "" -- "${H2[@]}" $RHA $HA/api/boom
    cap $S flask-503-statements-html-haproxy.txt 503 app flask "the app's own HTML 503 page, passed on (errorfile 503 is for HAProxy's own 503s)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/api/statements
    cap $S flask-404-order9-web-haproxy.txt 404 app flask "/web/ (http-response return only on 500/502): order 9, the handler's JSON 404 passes" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/web/orders/9
    cap $S flask-200-export-first-haproxy.txt 200 app flask "/api/exports/: the first request in the minute passes the stick-table limit" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/api/exports/daily
    cap $S haproxy-429-exports-json-h2.txt 429 load-balancer haproxy "HTTP/2 over TLS: /api/exports/ again within the minute: the stick-table rate limit, HAProxy's JSON 429" "" -- "${H2[@]}" $RHA $HA/api/exports/daily
    cap $S haproxy-301-http-to-https.txt 301 load-balancer haproxy "plain HTTP on the http port: redirect scheme https code 301" "curl -si" -- -si $RHP $HP/api/orders/1
    cap $S haproxy-308-www-canonical-h2.txt 308 load-balancer haproxy "HTTP/2 over TLS: www.api.tamarind.test, redirect prefix to the canonical host, code 308" "" -- "${H2[@]}" --resolve www.api.tamarind.test:65404:127.0.0.1 https://www.api.tamarind.test:65404/api/orders/1
    cap $S haproxy-200-monitor-uri.txt 200 load-balancer haproxy "monitor-uri /haproxy-health: HAProxy's own 200" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/haproxy-health
    cap $S haproxy-204-preflight-h2.txt 204 load-balancer haproxy "HTTP/2 over TLS: CORS preflight (OPTIONS) on /api/, http-request return status 204" "" -- "${H2[@]}" $RHA "${PREFLIGHT[@]}" $HA/api/orders
    capraw $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: maintenance, http-request return 503 JSON with Retry-After" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RHA $HA/api/refunds/42
    cap $S haproxy-500-web-boom-branded-h2.txt 500 load-balancer haproxy "HTTP/2 over TLS: /web/boom, http-response return on 500: Werkzeug's 500 replaced by HAProxy's branded HTML" "" -- "${H2[@]}" $RHA $HA/web/boom
    cap $S haproxy-502-web-payments-branded.txt 502 load-balancer haproxy "/web/payments, http-response return on 502: the app's HTML 502 replaced by HAProxy's branded HTML" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/web/payments
    cap $S haproxy-504-slow-json-h2.txt 504 load-balancer haproxy "HTTP/2 over TLS: the handler waits 5 s, timeout server 3s: HAProxy's 504, errorfile with a branded JSON body" "" -- "${H2[@]}" $RHA $HA/api/slow
    capwget $S haproxy-503-legacy-down-branded-wget.txt 503 load-balancer haproxy "/legacy/: its only server is down by its check: HAProxy's 503, errorfile with a branded HTML body" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:65404/legacy/orders/1
    cap $S haproxy-413-body.txt 413 load-balancer haproxy "a 3 KB body, deny_status 413 over 1 KB: HAProxy's stock 413" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $HA/api/orders
    cap $S haproxy-403-internal-h2.txt 403 load-balancer haproxy "HTTP/2 over TLS: /internal/: http-request deny, HAProxy's stock 403" "" -- "${H2[@]}" $RHA $HA/internal/metrics
    cap $S haproxy-404-unrouted.txt 404 load-balancer haproxy "a path outside /api/, /web/, /legacy/: deny_status 404, HAProxy's stock 404" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/status
    # pastes from the same server
    capbody body-only-paste body-haproxy-504-slow-json.txt 504/504 load-balancer haproxy "HAProxy's errorfile JSON (\"status\":504)" "" -- -k $RHA "$HA/api/slow?from=dashboard"
    capbody body-only-paste body-flask-500-boom.txt 500/500 app flask "Werkzeug's HTML 500 page, its title shows the number" "" -- -k $RHA "$HA/api/boom?from=dashboard"
    caphead headers-only-paste head-haproxy-429-exports.txt 429 load-balancer haproxy "curl -sI over TLS on /api/exports/ within the minute: HAProxy's 429" "" -- -k --http1.1 $RHA $HA/api/exports/weekly
fi

# ===================================================== Varnish -> Go net/http ==
if up varnish; then
    log "capturing: Go net/http behind Varnish"
    S=go-nethttp-varnish-r86
    H=api.bramble.test V=http://api.bramble.test:65455 RV="--resolve api.bramble.test:65455:127.0.0.1"
    cap $S gonethttp-200-order-varnish-miss.txt 200 app go-net-http "order 1, first request: a MISS, stored (Cache-Control: public, max-age=300 and an ETag from the app)" "curl -sv; X-Cache: MISS" -- -sv $RV $V/api/orders/1
    cap $S varnish-200-order-hit.txt 200 cdn-cache varnish "order 1 again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $RV $V/api/orders/1
    caplt $S varnish-304-order-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "curl -sv, only the < lines kept" -- -sv $RV -H 'If-None-Match: "br-order-1-v7"' $V/api/orders/1
    cap $S gonethttp-200-rates-miss.txt 200 app go-net-http "/api/rates, first request: a MISS, kept 1 s with 1 h of grace" "curl -si; X-Cache: MISS" -- -si $RV $V/api/rates
    sleep 2.2
    cap $S varnish-200-rates-stale-grace.txt 200 cdn-cache varnish "/api/rates 2 s later: past its 1 s TTL, served stale from grace while Varnish refetches in the background" "curl -sv; X-Cache: HIT, Age over the TTL" -- -sv $RV $V/api/rates
    capwin $S gonethttp-422-post-varnish.txt 422 app go-net-http "POST without ref: the handler's JSON 422 (passed, not stored)" "curl -si pasted with CRLF" -- -si $RV -X POST "${JSONH[@]}" -d '{"total":2}' $V/api/orders
    cap $S gonethttp-409-post-varnish.txt 409 app go-net-http "POST of an existing ref: the handler's JSON 409" "curl -si" -- -si $RV -X POST "${JSONH[@]}" -d '{"ref":"BR-1001"}' $V/api/orders
    HTTPIE_CMD=http caphttp $S gonethttp-401-account-varnish-httpie.txt 401 app go-net-http "HTTPie, no token: the handler's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- -v GET http://127.0.0.1:65455/api/account Host:$H
    cap $S gonethttp-405-get-orders-varnish.txt 405 app go-net-http "GET on the POST-only collection: the handler's JSON 405 with Allow" "curl -si" -- -si $RV $V/api/orders
    capcut $S gonethttp-404-route-varnish.txt 404 app go-net-http "no route: ServeMux's text '404 page not found', passed on" "curl -si, body cut off after the headers" -- -si $RV $V/api/v2/orders
    cap $S gonethttp-500-boom-varnish.txt 500 app go-net-http "http.Error's plain-text 'internal error' 500, passed on" "" -- -sv $RV $V/api/boom
    cap $S gonethttp-502-payments-html-varnish.txt 502 app go-net-http "the app's own HTML 502 page (payment provider), passed on (vcl_backend_error is only for fetch failures)" "curl -si" -- -si $RV $V/api/payments
    capraw $S gonethttp-503-maintenance-varnish.txt 503 app go-net-http "the handler's own JSON 503 (maintenance) with Retry-After, passed on" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/maintenance
    cap $S varnish-301-www-canonical.txt 301 cdn-cache varnish "Host www.api.bramble.test: synth 301 to the canonical host" "curl -si" -- -si --resolve www.api.bramble.test:65455:127.0.0.1 http://www.api.bramble.test:65455/api/orders/1
    cap $S varnish-200-healthz.txt 200 cdn-cache varnish "/healthz: synth 200 with JSON, the app is not asked" "" -- -sv $RV $V/healthz
    cap $S varnish-204-preflight.txt 204 cdn-cache varnish "CORS preflight (OPTIONS) on /api/: synth 204" "curl -si" -- -si $RV "${PREFLIGHT[@]}" $V/api/orders
    cap $S varnish-403-internal-branded.txt 403 cdn-cache varnish "/internal/: synth 403 with a branded HTML page" "curl -si" -- -si $RV $V/internal/metrics
    caplt $S varnish-503-refunds-json.txt 503 cdn-cache varnish "/api/refunds/: maintenance, synth 503 JSON with Retry-After" "curl -sv, only the < lines kept" -- -sv $RV $V/api/refunds/42
    cap $S varnish-503-slow-branded.txt 503 cdn-cache varnish "the handler waits 5 s, first_byte_timeout 3s: vcl_backend_error's branded HTML 503" "" -- -sv $RV $V/api/slow
    capwget $S varnish-503-legacy2-down-branded-wget.txt 503 cdn-cache varnish "/api/legacy2/ to a port nobody listens on: vcl_backend_error's branded HTML 503" "wget -S -O-" -- --header="Host: $H:65455" http://127.0.0.1:65455/api/legacy2/orders/1
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE with no purge ACL: Varnish's stock synth 405 page" "curl -si" -- -si $RV -X PURGE $V/api/orders/1
    # pastes from the same server
    capbody body-only-paste body-varnish-503-slow-branded.txt 0/503 cdn-cache varnish "vcl_backend_error's branded HTML page (no number in it)" "" -- $RV "$V/api/slow?from=dashboard"
    capbody body-only-paste body-gonethttp-404-route.txt 404/404 app go-net-http "ServeMux's '404 page not found'" "" -- $RV "$V/api/v3/orders"
    caphead headers-only-paste head-varnish-200-order-hit.txt 200 cdn-cache varnish "curl -sI on order 1, stored in Varnish" "X-Cache: HIT" -- $RV $V/api/orders/1
fi

# ===================================================== Squid -> Fastify ==
if up squid; then
    log "capturing: Fastify behind Squid"
    S=fastify-squid-r86
    H=api.ledgerly.test SQ=http://api.ledgerly.test:65456 RSQ="--resolve api.ledgerly.test:65456:127.0.0.1"
    cap $S fastify-200-invoice-squid-miss.txt 200 app fastify "invoice 1, first request: a MISS, kept 5 minutes by refresh_pattern" "curl -sv; X-Cache: MISS, Via" -- -sv $RSQ $SQ/api/invoices/1
    cap $S squid-200-invoice-hit.txt 200 cdn-cache squid "invoice 1 again: from Squid's memory cache" "curl -si; X-Cache: HIT, Age" -- -si $RSQ $SQ/api/invoices/1
    caplt $S squid-304-invoice-if-modified-since.txt 304 cdn-cache squid "If-Modified-Since now on the stored invoice: Squid's own 304" "curl -sv, only the < lines kept" -- -sv $RSQ -H "If-Modified-Since: $(date -u '+%a, %d %b %Y %H:%M:%S GMT')" $SQ/api/invoices/1
    capwget $S squid-200-invoice-hit-wget.txt 200 cdn-cache squid "wget: invoice 1 from Squid's store (the Host carries the port, as curl's does)" "wget -S -O-" -- --header="Host: $H:65456" http://127.0.0.1:65456/api/invoices/1
    capraw $S fastify-409-post-squid.txt 409 app fastify "POST of an existing ref: the handler's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $SQ/api/invoices
    cap $S fastify-422-post-squid.txt 422 app fastify "POST without ref: the handler's JSON 422" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"items":2}' $SQ/api/invoices
    HTTPIE_CMD=http caphttp $S fastify-401-account-squid-httpie.txt 401 app fastify "HTTPie, no token: the handler's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- -v GET http://127.0.0.1:65456/api/account Host:$H:65456
    capwin $S fastify-403-admin-squid.txt 403 app fastify "the handler's JSON 403" "curl -si pasted with CRLF" -- -si $RSQ $SQ/api/admin
    cap $S fastify-404-invoice9-squid.txt 404 app fastify "invoice 9: the handler's JSON 404" "" -- -sv $RSQ $SQ/api/invoices/9
    capcut $S fastify-404-route-squid.txt 404 app fastify "no route: Fastify's own JSON 404 ('Route GET:... not found')" "curl -si, body cut off after the headers" -- -si $RSQ $SQ/api/v2/invoices
    cap $S fastify-500-boom-squid.txt 500 app fastify "a thrown error: Fastify's own JSON 500, passed on" "curl -si" -- -si $RSQ $SQ/api/boom
    cap $S fastify-429-quota-squid.txt 429 app fastify "the handler's JSON 429 with Retry-After" "curl -si" -- -si $RSQ $SQ/api/quota
    cap $S fastify-504-bank-html-squid.txt 504 app fastify "the app's own HTML 504 page (bank feed), passed on" "" -- -sv $RSQ $SQ/api/bank
    cap $S squid-301-www-canonical.txt 301 cdn-cache squid "Host www.api.ledgerly.test: http_access deny with deny_info 301 to the canonical host" "curl -si" -- -si --resolve www.api.ledgerly.test:65456:127.0.0.1 http://www.api.ledgerly.test:65456/api/invoices/1
    cap $S squid-403-internal.txt 403 cdn-cache squid "/api/internal/: http_access deny, Squid's ERR_ACCESS_DENIED" "curl -si" -- -si $RSQ $SQ/api/internal/metrics
    cap $S squid-504-slow.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 3 seconds: Squid's ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/slow
    # round 84 saw Squid 5.7 answer this (a parent peer nobody listens on) with a 502
    capwget $S squid-502-legacy2-down-wget.txt 502 cdn-cache squid "/api/legacy2/ to a peer that is not running: Squid's error page" "wget -S -O-" -- --header="Host: $H:65456" http://127.0.0.1:65456/api/legacy2/invoices/1
    cap $S squid-413-body.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: Squid's ERR_TOO_BIG" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $SQ/api/invoices
    # pastes from the same server
    capbody body-only-paste body-squid-504-slow.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page (its title names the error, not a number)" "" -- $RSQ "$SQ/api/slow?from=dashboard"
    caphead headers-only-paste head-squid-200-invoice-hit.txt 200 cdn-cache squid "curl -sI on invoice 1, stored in Squid's memory" "X-Cache: HIT" -- $RSQ $SQ/api/invoices/1
fi

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round86/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
