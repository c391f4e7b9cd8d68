#!/usr/bin/env bash
# capture-round84.sh — build the eighty-fourth held-out evidence corpus in
# tests/fixtures/evidence-round84/.
#
# "Mainstream behind TLS and HTTP/2 at the front, as on-call engineers reach
# it": six mainstream front + app pairings, every front terminating TLS on
# 127.0.0.1 with the script's self-signed certificate (clients use -k /
# --verify=no / --no-check-certificate) and speaking HTTP/2 to the client
# where it can, HTTP/1.1 to what is behind it. Front configs in
# scripts/corpus/conf-round84/ (round 82's, ports moved into 63000-63999):
#   - Flask (apps78/flask_app.py) on gunicorn behind nginx 1.22
#     (`listen ... ssl http2`);
#   - Express 4 (apps78/express_app.js) behind Apache 2.4 (mod_ssl,
#     mod_http2 `Protocols h2 http/1.1`);
#   - Django 5.2 (apps78/django_app.py) on gunicorn behind Caddy 2.6 (TLS,
#     HTTP/2 by default; handle_errors writes JSON);
#   - FastAPI (apps78/fastapi_app.py) on uvicorn behind HAProxy 2.6
#     (`bind ... ssl crt ... alpn h2,http/1.1`);
#   - Sinatra 3 (apps55/sinatra_app.rb) on Puma behind Varnish 7.1 behind
#     nginx (TLS + HTTP/2): a two-hop chain;
#   - gin 1.8 (apps27/gin_app.go) behind Squid 5.7 (a reverse accelerator)
#     behind Caddy (TLS + HTTP/2): a two-hop chain.
# Each front puts its own request id on what it sends back, answers some
# paths itself (JSON or HTML 429 and 503), denies /internal/, refuses an
# unrouted path, a body too large and (nginx, Apache, Caddy, HAProxy) a
# missing credential on /ops/, and fails its stock ways (dead upstream,
# slow upstream). In a chain each answer is labelled by who wrote it.
# Paste forms: curl -skv --http2 / curl -sk --http1.1 -i transcripts (some
# saved with their CRs, some with CRLF on every line, some with only the `<`
# lines of -v kept, some cut off after the headers), HTTPie
# (`https --verify=no`) with colours, `wget --no-check-certificate -S -O-`,
# body-only and headers-only pastes.
#
#   scripts/corpus/capture-round84.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round84.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round84.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 63000-63999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round84.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round84"
RUN=/tmp/api-triage-corpus84-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round84"
APPS27="$HERE/apps27"
APPS55="$HERE/apps55"
APPS78="$HERE/apps78"
NODE_DIR=${CORPUS_NODE84:-/tmp/api-triage-corpus84-node}
GO_DIR=${CORPUS_GO84:-/tmp/api-triage-corpus84-go}
VENV=${CORPUS_VENV84:-/tmp/api-triage-corpus84-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus84 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx caddy haproxy varnish squid golang-go python3-venv nodejs
    puma ruby-sinatra golang-github-gin-gonic-gin-dev)
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

install_venv() {  # HTTPie, Flask, Django, FastAPI, gunicorn, uvicorn (a copy of round 82's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, flask, django, fastapi, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

build_go() {  # gin (round 27's app): Debian's source, offline, GOPATH mode (copied from round 82's build)
    local f=gin_app dir=$APPS27
    mkdir -p "$GO_DIR"
    [[ -x $GO_DIR/$f && $GO_DIR/$f -nt $dir/$f.go ]] && return 0
    log "go build $f"
    (cd "$dir" && GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$GO_DIR:/usr/share/gocode" GOCACHE="$GO_DIR/cache" \
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
# only ours are checked against 127.0.0.1 and 63000-63999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round84.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
    cmdline https "$@" >"$dest"
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
[[ -d $CONF && -d $APPS27 && -d $APPS55 && -d $APPS78 ]] || die "missing $CONF or an apps folder"
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
for p in nginx apache2 caddy haproxy varnish squid nodejs puma ruby-sinatra golang-go golang-github-gin-gonic-gin-dev; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
[[ -d $NODE_DIR/node_modules/express ]] || die "Express is missing from $NODE_DIR (copy round 81's node folder there)"
build_go
[[ -z ${SKIPPED[gin_app]:-} ]] || die "gin_app did not build (see $RUN/logs/go-build.log)"

# apps: Flask 63011, Express 63012, Django 63013, FastAPI 63014, Sinatra
# 63015, gin 63016. Fronts (TLS + HTTP/2): nginx 63401 (Flask) and 63405
# (-> Varnish 63455 -> Sinatra), Apache 63402, Caddy 63403 (Django) and 63406
# (-> Squid 63456 -> gin), HAProxy 63404. 63999 is never listened on (the
# dead upstream every front has).
APP_PORTS=(63011 63012 63013 63014 63015 63016)
FRONT_PORTS=(63401 63402 63403 63404 63405 63406 63455 63456)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 63999; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for every front; htpasswd for /ops/ --------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=On-call lab/CN=api.tamarind.test" \
    -addext "subjectAltName=DNS:api.tamarind.test,DNS:api.osprey.test,DNS:api.wrenfield.test,DNS:api.halyard.test,DNS:api.ledgerly.test,DNS:api.inventory.test,IP:127.0.0.1" \
    >"$RUN/logs/openssl.log" 2>&1 || die "openssl could not make the cert"
cat "$RUN/tls/cert.pem" "$RUN/tls/key.pem" >"$RUN/tls/combined.pem"
chmod 644 "$RUN/tls/"*.pem
OPS_PASS=on-call-84
HTPASS="oncall:$(openssl passwd -apr1 "$OPS_PASS")"
CADDY_HASH=$(timeout 30 caddy hash-password --plaintext "$OPS_PASS") || die "caddy hash-password failed"

# ---- apps -------------------------------------------------------------------
declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
mkdir -p "$RUN/flags"/{tamarind,osprey,wrenfield,halyard}
start_bg flask env REPLICA=tamarind-web-1 FLAG_DIR="$RUN/flags/tamarind" nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:63011 --workers 2 --chdir "$APPS78" --worker-tmp-dir "$RUN/gunicorn" flask_app:app
start_bg express env REPLICA=osprey-api-1 FLAG_DIR="$RUN/flags/osprey" "${NODEENV[@]}" "$APPS78/express_app.js" 63012
start_bg django env REPLICA=wrenfield-web-1 FLAG_DIR="$RUN/flags/wrenfield" nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:63013 --workers 2 --chdir "$APPS78" --worker-tmp-dir "$RUN/gunicorn" django_app:application
start_bg fastapi env REPLICA=halyard-api-1 FLAG_DIR="$RUN/flags/halyard" nice -n 5 "$VPY" -m uvicorn \
    --app-dir "$APPS78" --host 127.0.0.1 --port 63014 fastapi_app:app
start_bg sinatra nice -n 5 puma -e production -t 2:8 -b tcp://127.0.0.1:63015 "$APPS55/sinatra.ru"
start_bg gin nice -n 5 "$GO_DIR/gin_app" 63016
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/html/errors
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
printf '%s\n' "$HTPASS" >"$RUN/nginx/htpasswd"
cat >"$RUN/nginx/html/errors/429.html" <<'HTML'
<!DOCTYPE html>
<html><head><title>429 Too Many Requests</title></head>
<body><h1>Slow down</h1><p>Exports are limited to one a minute. Try again shortly.</p></body></html>
HTML
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 63401 nginx && wait_port 63405 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
printf '{"error":"too_many_requests","message":"export quota for this key is used up today","retry_after":60}\n' >"$RUN/apache/errors/rate-limited.json"
cat >"$RUN/apache/errors/maintenance.html" <<'HTML'
<!DOCTYPE html>
<html><head><title>Refunds paused</title></head>
<body><h1>Refunds are paused</h1><p>Refunds are paused until the month-end close. No refund was started.</p></body></html>
HTML
printf '%s\n' "$HTPASS" >"$RUN/apache/htpasswd"
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 63402 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s|@HASH@|$CADDY_HASH|g"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 63403 caddy && wait_port 63406 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
cp "$CONF/haproxy-504.http" "$RUN/haproxy/haproxy-504.http"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 63404 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/sinatra.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:63455 -T none -f "$RUN/varnish/sinatra.vcl" \
    -n "$RUN/varnish/sinatra" -s malloc,16m
wait_port 63455 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus84 -f "$RUN/squid/squid.conf"
wait_port 63456 squid && UP[squid]=1
sleep 2.5   # HAProxy's check marks the legacy server down

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 63000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 63000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 84 (held out): real responses captured by
# scripts/corpus/capture-round84.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-83:
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
H2=(-skv --http2)        # as on-call engineers type them
H1=(-sk --http1.1 -i)

# ===================================================== nginx -> Flask (gunicorn) ==
if up nginx; then
    log "capturing: Flask behind nginx"
    S=flask-gunicorn-nginx-h2-r84
    H=api.tamarind.test NG=https://api.tamarind.test:63401 RNG="--resolve api.tamarind.test:63401:127.0.0.1"
    cap $S flask-200-order-nginx-h2.txt 200 app flask "HTTP/2 over TLS: order 1" "curl -skv --http2; the app's X-Request-ID is nginx's \$request_id, sent upstream" -- "${H2[@]}" $RNG $NG/api/orders/1
    caplt $S flask-422-post-nginx-h2.txt 422 app flask "HTTP/2 over TLS: POST without ref, the handler's JSON 422" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $RNG -X POST "${JSONH[@]}" -d '{"total":2}' $NG/api/orders
    capraw $S flask-409-post-nginx.txt 409 app flask "POST of an existing ref: the handler's JSON 409" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RNG -X POST "${JSONH[@]}" -d '{"ref":"TM-1001"}' $NG/api/orders
    caphttp $S flask-401-account-nginx-httpie.txt 401 app flask "HTTPie over TLS, no token: the handler's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:63401/api/account Host:$H
    capwin $S flask-403-admin-nginx.txt 403 app flask "the handler's JSON 403" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RNG $NG/api/admin
    cap $S flask-404-order9-nginx-h2.txt 404 app flask "HTTP/2 over TLS: order 9, the handler's JSON 404 with request_id" "" -- "${H2[@]}" $RNG $NG/api/orders/9
    capcut $S flask-404-route-nginx.txt 404 app flask "no route under /api/: Werkzeug's HTML 404, passed on" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RNG $NG/api/v2/orders
    cap $S flask-502-payments-html-nginx-h2.txt 502 app flask "HTTP/2 over TLS: the app's own HTML 502 page (payment provider), passed on" "" -- "${H2[@]}" $RNG $NG/api/payments
    cap $S flask-500-boom-nginx-h2.txt 500 app flask "HTTP/2 over TLS: an uncaught error, Werkzeug's HTML 500, passed on" "" -- "${H2[@]}" $RNG $NG/api/boom
    cap $S flask-200-export-first-nginx.txt 200 app flask "/api/exports/: the first request in the minute passes limit_req" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/api/exports/daily
    cap $S nginx-429-exports-json-h2.txt 429 proxy nginx "HTTP/2 over TLS: /api/exports/ again within the minute, limit_req 1r/m: nginx's 429 with a JSON body (a named location)" "" -- "${H2[@]}" $RNG $NG/api/exports/daily
    capcut $S nginx-503-refunds-json.txt 503 proxy nginx "/api/refunds/: return 503 with a JSON maintenance body" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RNG $NG/api/refunds/42
    capwget $S nginx-503-beta-stock-wget.txt 503 proxy nginx "/api/beta/: return 503, nginx's stock 503 page" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:63401/api/beta/labels
    cap $S nginx-504-reports-slow-h2.txt 504 proxy nginx "HTTP/2 over TLS: /api/reports/slow goes to the 5 s handler with proxy_read_timeout 1s: nginx's stock 504" "" -- "${H2[@]}" $RNG $NG/api/reports/slow
    cap $S nginx-502-legacy-down.txt 502 proxy nginx "/legacy/ to a port nobody listens on: nginx's stock 502" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/legacy/orders/1
    cap $S nginx-413-body-h2.txt 413 proxy nginx "HTTP/2 over TLS: a 3 KB body, client_max_body_size 1k: nginx's stock 413" "" -- "${H2[@]}" $RNG -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $NG/api/orders
    capraw $S nginx-403-internal.txt 403 proxy nginx "/internal/: deny all, nginx's stock 403" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RNG $NG/internal/metrics
    cap $S nginx-404-unrouted.txt 404 proxy nginx "a path outside /api/: return 404, nginx's stock 404" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/status
    cap $S nginx-401-ops-basic-h2.txt 401 identity nginx "HTTP/2 over TLS: /ops/ with no credentials, auth_basic: nginx's 401 with WWW-Authenticate" "" -- "${H2[@]}" $RNG $NG/ops/flags
    cap $S nginx-401-ops-wrong-password.txt 401 identity nginx "/ops/ with a wrong password: nginx's auth_basic 401" "curl -sk --http1.1 -i -u" -- "${H1[@]}" $RNG -u oncall:wrong $NG/ops/flags
    cap $S flask-200-ops-authorized-nginx.txt 200 app flask "/ops/ with the right password: nginx lets it through, the app's JSON 200" "curl -sk --http1.1 -i -u" -- "${H1[@]}" $RNG -u "oncall:$OPS_PASS" $NG/ops/flags
    # pastes from the same server
    capbody body-only-paste body-nginx-504-reports-slow.txt 504/504 proxy nginx "nginx's stock 504 page, its title shows the number" "" -- -k $RNG "$NG/api/reports/slow?from=dashboard"
    capbody body-only-paste body-flask-500-boom.txt 500/500 app flask "Werkzeug's HTML 500 page, its title shows the number" "" -- -k $RNG "$NG/api/boom?from=dashboard"
    caphead headers-only-paste head-nginx-429-exports-h2.txt 429 proxy nginx "curl -sI over TLS + HTTP/2 on /api/exports/ within the minute: nginx's 429" "" -- -k --http2 $RNG $NG/api/exports/weekly
fi

# ===================================================== Apache -> Express ==
if up apache; then
    log "capturing: Express behind Apache"
    S=express-apache-h2-r84
    H=api.osprey.test AP=https://api.osprey.test:63402 RAP="--resolve api.osprey.test:63402:127.0.0.1"
    cap $S express-200-order-apache-h2.txt 200 app express "HTTP/2 over TLS: order 1" "curl -skv --http2; Via and X-Request-Id added by Apache" -- "${H2[@]}" $RAP $AP/api/orders/1
    cap $S express-422-post-apache.txt 422 app express "POST without ref: the handler's JSON 422" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP -X POST "${JSONH[@]}" -d '{"total":2}' $AP/api/orders
    caplt $S express-409-post-apache-h2.txt 409 app express "HTTP/2 over TLS: POST of an existing ref, the handler's JSON 409" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $RAP -X POST "${JSONH[@]}" -d '{"ref":"OS-1001"}' $AP/api/orders
    caphttp $S express-401-account-apache-httpie.txt 401 app express "HTTPie over TLS, no token: the handler's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:63402/api/account Host:$H
    capcut $S express-403-admin-apache.txt 403 app express "the handler's JSON 403" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RAP $AP/api/admin
    cap $S express-404-order9-apache-h2.txt 404 app express "HTTP/2 over TLS: order 9, the handler's JSON 404" "" -- "${H2[@]}" $RAP $AP/api/orders/9
    cap $S express-404-cannot-get-apache.txt 404 app express "no route under /api/: Express's 'Cannot GET' page, passed on" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP $AP/api/v2/orders
    capwin $S express-429-quota-apache.txt 429 app express "the handler's JSON 429 with Retry-After" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RAP $AP/api/quota
    cap $S express-503-statements-html-apache-h2.txt 503 app express "HTTP/2 over TLS: the app's own HTML 503 page (statements), passed on" "" -- "${H2[@]}" $RAP $AP/api/statements
    cap $S express-500-boom-apache-h2.txt 500 app express "HTTP/2 over TLS: a thrown error, finalhandler's HTML 500, passed on" "" -- "${H2[@]}" $RAP $AP/api/boom
    cap $S express-200-ops-authorized-apache.txt 200 app express "/ops/ with the right password: Apache lets it through, the app's answer" "curl -sk --http1.1 -i -u" -- "${H1[@]}" $RAP -u "oncall:$OPS_PASS" $AP/ops/flags
    cap $S apache-429-exports-json-h2.txt 429 proxy apache "HTTP/2 over TLS: /api/exports/, mod_rewrite R=429 with a JSON ErrorDocument" "" -- "${H2[@]}" $RAP $AP/api/exports/daily
    capwin $S apache-503-refunds-html.txt 503 proxy apache "/api/refunds/: mod_rewrite R=503 with an HTML ErrorDocument of the team's" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RAP $AP/api/refunds/42
    cap $S apache-502-slow-h2.txt 502 proxy apache "HTTP/2 over TLS: the handler waits 5 s, ProxyTimeout 3: Apache's 'Proxy Error' page" "" -- "${H2[@]}" $RAP $AP/api/slow
    capwget $S apache-503-legacy-down-wget.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503 page" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:63402/legacy/orders/1
    # no Apache 413: runs 2 (HTTP/2) and 3 (HTTP/1.1) labelled a 3 KB body 413, and Express answered 201
    # both times: this Apache does not stop a proxied body with LimitRequestBody (as round 73 saw); see the README
    cap $S apache-405-trace.txt 405 proxy apache "TRACE, TraceEnable Off: Apache's 405 page" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP -X TRACE $AP/api/orders/1
    caplt $S apache-403-internal-h2.txt 403 proxy apache "HTTP/2 over TLS: /internal/, Require all denied: Apache's 403 page" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $RAP $AP/internal/metrics
    cap $S apache-404-unrouted.txt 404 proxy apache "a path outside /api/: an empty DocumentRoot, Apache's 404 page" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP $AP/status
    cap $S apache-401-ops-basic-h2.txt 401 identity apache "HTTP/2 over TLS: /ops/ with no credentials, AuthType Basic: Apache's 401 page" "" -- "${H2[@]}" $RAP $AP/ops/flags
    capcut $S apache-401-ops-wrong-password.txt 401 identity apache "/ops/ with a wrong password: Apache's 401" "curl -sk --http1.1 -i -u, body cut off after the headers" -- "${H1[@]}" $RAP -u oncall:wrong $AP/ops/flags
    # pastes from the same server
    capbody body-only-paste body-apache-502-slow.txt 502/502 proxy apache "Apache's 'Proxy Error' page, over TLS (its title says 502)" "" -- -k $RAP "$AP/api/slow?from=dashboard"
    capbody body-only-paste body-express-404-cannot-get.txt 0/404 app express "Express's 'Cannot GET' page, no status number in it" "" -- -k $RAP "$AP/api/v3/orders"
    caphead headers-only-paste head-express-200-order-h2.txt 200 app express "curl -sI over TLS + HTTP/2 on order 1" "" -- -k --http2 $RAP $AP/api/orders/1
fi

# ===================================================== Caddy -> Django (gunicorn) ==
if up caddy; then
    log "capturing: Django behind Caddy"
    S=django-gunicorn-caddy-h2-r84
    H=api.wrenfield.test CD=https://api.wrenfield.test:63403 RCD="--resolve api.wrenfield.test:63403:127.0.0.1"
    cap $S django-200-order-caddy-h2.txt 200 app django "HTTP/2 over TLS: order 1" "curl -skv --http2; X-Request-ID set by Caddy" -- "${H2[@]}" $RCD $CD/api/orders/1
    capwin $S django-422-post-caddy.txt 422 app django "POST without ref: the view's JSON 422" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RCD -X POST "${JSONH[@]}" -d '{"total":2}' $CD/api/orders
    cap $S django-409-post-caddy-h2.txt 409 app django "HTTP/2 over TLS: POST of an existing ref, the view's JSON 409" "" -- "${H2[@]}" $RCD -X POST "${JSONH[@]}" -d '{"ref":"WF-1001"}' $CD/api/orders
    caphttp $S django-401-account-caddy-httpie.txt 401 app django "HTTPie over TLS (no SNI, Caddy's default_sni), no token: the view's JSON 401" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:63403/api/account Host:$H
    caplt $S django-403-admin-caddy-h2.txt 403 app django "HTTP/2 over TLS: the view's JSON 403" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $RCD $CD/api/admin
    capraw $S django-404-order9-caddy.txt 404 app django "order 9: the view's JSON 404" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RCD $CD/api/orders/9
    cap $S django-404-route-caddy.txt 404 app django "no route under /api/, DEBUG off: Django's HTML 'Not Found' page, passed on" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD $CD/api/v2/orders
    capcut $S django-503-maintenance-caddy.txt 503 app django "the view's own JSON 503 (maintenance)" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RCD $CD/api/maintenance
    cap $S django-502-payments-html-caddy-h2.txt 502 app django "HTTP/2 over TLS: the app's own HTML 502 page, passed on (handle_errors does not touch it)" "" -- "${H2[@]}" $RCD $CD/api/payments
    cap $S django-500-boom-caddy-h2.txt 500 app django "HTTP/2 over TLS: an uncaught error, DEBUG off: Django's 'Server Error (500)', passed on" "" -- "${H2[@]}" $RCD $CD/api/boom
    cap $S django-200-ops-authorized-caddy.txt 200 app django "/ops/ with the right password: Caddy's basicauth lets it through, the view's answer" "curl -sk --http1.1 -i -u" -- "${H1[@]}" $RCD -u "oncall:$OPS_PASS" $CD/ops/flags
    cap $S caddy-429-exports-json-h2.txt 429 proxy caddy "HTTP/2 over TLS: /api/exports/*, respond with a JSON 429" "" -- "${H2[@]}" $RCD $CD/api/exports/daily
    cap $S caddy-503-refunds-json.txt 503 proxy caddy "/api/refunds/*: respond with a JSON 503" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD $CD/api/refunds/42
    cap $S caddy-504-slow-json-h2.txt 504 proxy caddy "HTTP/2 over TLS: the view waits 5 s, response_header_timeout 4s: Caddy's 504, its handle_errors JSON" "" -- "${H2[@]}" $RCD $CD/api/slow
    capwget $S caddy-502-legacy-json-wget.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, its handle_errors JSON" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:63403/legacy/orders/1
    capcut $S caddy-403-internal-json.txt 403 proxy caddy "/internal/*: error 403, Caddy's handle_errors JSON" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RCD $CD/internal/metrics
    cap $S caddy-404-unrouted-json-h2.txt 404 proxy caddy "HTTP/2 over TLS: a path outside /api/: error 404, Caddy's handle_errors JSON" "" -- "${H2[@]}" $RCD $CD/status
    cap $S caddy-502-upload-too-large.txt 502 proxy caddy "a 3 KB body, request_body max_size 1KB: Caddy 2.6 answers 502 (not 413), its handle_errors JSON" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $CD/api/uploads
    cap $S caddy-401-ops-basicauth-h2.txt 401 identity caddy "HTTP/2 over TLS: /ops/* with no credentials, basicauth: Caddy's 401, its handle_errors JSON" "" -- "${H2[@]}" $RCD $CD/ops/flags
    capraw $S caddy-401-ops-wrong-password.txt 401 identity caddy "/ops/* with a wrong password: Caddy's basicauth 401" "curl -sk --http1.1 -i -u saved to a file (CRs kept)" -- "${H1[@]}" $RCD -u oncall:wrong $CD/ops/flags
    # pastes from the same server
    capbody body-only-paste body-caddy-504-slow-json.txt 504/504 proxy caddy "Caddy's handle_errors JSON for its 504, its status field shows the number" "" -- -k $RCD "$CD/api/slow?from=dashboard"
    capbody body-only-paste body-django-500-boom.txt 500/500 app django "Django's 'Server Error (500)' page" "" -- -k $RCD "$CD/api/boom?from=dashboard"
    caphead headers-only-paste head-caddy-401-ops-h2.txt 401 identity caddy "curl -sI over TLS + HTTP/2 on /ops/*: Caddy's basicauth 401" "" -- -k --http2 $RCD $CD/ops/flags
fi

# ===================================================== HAProxy -> FastAPI (uvicorn) ==
if up haproxy; then
    log "capturing: FastAPI behind HAProxy"
    S=fastapi-uvicorn-haproxy-h2-r84
    H=api.halyard.test HA=https://api.halyard.test:63404 RHA="--resolve api.halyard.test:63404:127.0.0.1"
    cap $S fastapi-200-order-haproxy-h2.txt 200 app fastapi "HTTP/2 over TLS (ALPN h2 at HAProxy): order 1" "curl -skv --http2; X-Request-ID set by HAProxy" -- "${H2[@]}" $RHA $HA/api/orders/1
    caplt $S fastapi-422-post-haproxy-h2.txt 422 app fastapi "HTTP/2 over TLS: POST without ref, FastAPI's validation 422" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $RHA -X POST "${JSONH[@]}" -d '{"total":2}' $HA/api/orders
    capraw $S fastapi-409-post-haproxy.txt 409 app fastapi "POST of an existing ref: HTTPException 409" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RHA -X POST "${JSONH[@]}" -d '{"ref":"HY-1001"}' $HA/api/orders
    caphttp $S fastapi-401-account-haproxy-httpie.txt 401 app fastapi "HTTPie over TLS, no token: HTTPException 401 with WWW-Authenticate: Bearer" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:63404/api/account Host:$H
    cap $S fastapi-404-order9-haproxy-h2.txt 404 app fastapi "HTTP/2 over TLS: order 9, {\"detail\":\"Order not found\"}" "" -- "${H2[@]}" $RHA $HA/api/orders/9
    capcut $S fastapi-404-route-haproxy.txt 404 app fastapi "no route under /api/: Starlette's {\"detail\":\"Not Found\"}" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RHA $HA/api/v2/orders
    cap $S fastapi-405-delete-haproxy.txt 405 app fastapi "DELETE on a GET route: {\"detail\":\"Method Not Allowed\"} with Allow" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA -X DELETE $HA/api/orders/1
    capwin $S fastapi-429-quota-haproxy.txt 429 app fastapi "HTTPException 429 with Retry-After" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RHA $HA/api/quota
    cap $S fastapi-502-payments-html-haproxy-h2.txt 502 app fastapi "HTTP/2 over TLS: the app's own HTML 502 page, passed on" "" -- "${H2[@]}" $RHA $HA/api/payments
    cap $S fastapi-500-boom-haproxy-h2.txt 500 app fastapi "HTTP/2 over TLS: an uncaught error, Starlette's plain-text 'Internal Server Error'" "" -- "${H2[@]}" $RHA $HA/api/boom
    cap $S fastapi-200-ops-authorized-haproxy.txt 200 app fastapi "/ops/ with the right password: http_auth passes, the route's answer" "curl -sk --http1.1 -i -u" -- "${H1[@]}" $RHA -u "oncall:$OPS_PASS" $HA/ops/flags
    cap $S haproxy-429-exports-json-h2.txt 429 load-balancer haproxy "HTTP/2 over TLS: /api/exports/, http-request return with a JSON 429" "" -- "${H2[@]}" $RHA $HA/api/exports/daily
    capcut $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: http-request return with a JSON 503" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RHA $HA/api/refunds/42
    caplt $S haproxy-503-beta-empty-h2.txt 503 load-balancer haproxy "HTTP/2 over TLS: /api/beta/, http-request return status 503 with no body" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $RHA $HA/api/beta/labels
    cap $S haproxy-504-slow-problem-json-h2.txt 504 load-balancer haproxy "HTTP/2 over TLS: the route waits 5 s, timeout server 3s: HAProxy's problem+json 504 (errorfile)" "" -- "${H2[@]}" $RHA $HA/api/slow
    capwget $S haproxy-503-legacy-down-wget.txt 503 load-balancer haproxy "/legacy/: the only server is down by its check, HAProxy's 503 page" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:63404/legacy/orders/1
    cap $S haproxy-413-body.txt 413 load-balancer haproxy "a 3 KB body, deny_status 413 on Content-Length over 1024: HAProxy's stock 413 page" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $HA/api/orders
    cap $S haproxy-403-internal-h2.txt 403 load-balancer haproxy "HTTP/2 over TLS: /internal/, http-request deny: HAProxy's stock 403" "" -- "${H2[@]}" $RHA $HA/internal/metrics
    cap $S haproxy-404-unrouted.txt 404 load-balancer haproxy "a path outside /api/: deny_status 404, HAProxy's stock 404" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/status
    cap $S haproxy-401-ops-auth-h2.txt 401 identity haproxy "HTTP/2 over TLS: /ops/ with no credentials, http-request auth: HAProxy's stock 401" "" -- "${H2[@]}" $RHA $HA/ops/flags
    # pastes from the same server
    capbody body-only-paste body-haproxy-504-problem-json.txt 504/504 load-balancer haproxy "HAProxy's problem+json 504 (errorfile), its status field shows the number" "" -- -k $RHA "$HA/api/slow?from=dashboard"
    capbody body-only-paste body-fastapi-500-boom.txt 0/500 app fastapi "Starlette's 'Internal Server Error', no status number in it" "" -- -k $RHA "$HA/api/boom?from=dashboard"
    caphead headers-only-paste head-haproxy-403-internal.txt 403 load-balancer haproxy "curl -sI over TLS on /internal/: HAProxy's 403" "" -- -k --http1.1 $RHA $HA/internal/metrics
fi

# ===================================================== nginx -> Varnish -> Sinatra (Puma) ==
if up nginx && up varnish; then
    log "capturing: Sinatra behind Varnish behind nginx"
    S=sinatra-puma-varnish-nginx-h2-r84
    H=api.ledgerly.test NV=https://api.ledgerly.test:63405 RNV="--resolve api.ledgerly.test:63405:127.0.0.1"
    cap $S sinatra-200-invoice-miss-h2.txt 200 app sinatra "HTTP/2 over TLS: invoice 1, first request: a MISS in Varnish" "curl -skv --http2; X-Cache: MISS, Via from Varnish, X-Request-ID from both" -- "${H2[@]}" $RNV $NV/api/invoices/1
    cap $S varnish-200-invoice-hit.txt 200 cdn-cache varnish "invoice 1 again: from Varnish's store, through nginx" "curl -sk --http1.1 -i; X-Cache: HIT, Age" -- "${H1[@]}" $RNV $NV/api/invoices/1
    caplt $S varnish-304-invoice-if-none-match-h2.txt 304 cdn-cache varnish "HTTP/2 over TLS: If-None-Match with the stored ETag: Varnish's own 304, through nginx" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $RNV -H 'If-None-Match: "lg-inv-1-v1"' $NV/api/invoices/1
    caphttp $S varnish-200-invoice-hit-httpie.txt 200 cdn-cache varnish "HTTPie over TLS: invoice 1 from Varnish's store" "HTTPie with colours; X-Cache: HIT" -- --verify=no -v GET https://127.0.0.1:63405/api/invoices/1 Host:$H
    capraw $S sinatra-409-post-varnish-nginx.txt 409 app sinatra "POST of an existing ref: the route's JSON 409" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RNV -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $NV/api/invoices
    cap $S sinatra-401-account-varnish-nginx-h2.txt 401 app sinatra "HTTP/2 over TLS, no token: the route's JSON 401" "" -- "${H2[@]}" $RNV $NV/api/account
    cap $S sinatra-404-invoice9-varnish-nginx.txt 404 app sinatra "invoice 9: the route's JSON 404 (not stored)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNV $NV/api/invoices/9
    capcut $S sinatra-404-route-varnish-nginx.txt 404 app sinatra "no route under /api/: Sinatra's '<h1>Not Found</h1>', passed on by both" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RNV $NV/api/v2/invoices
    capwin $S sinatra-429-quota-varnish-nginx.txt 429 app sinatra "the route's JSON 429 with Retry-After" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RNV $NV/api/quota
    cap $S sinatra-504-bank-html-varnish-nginx-h2.txt 504 app sinatra "HTTP/2 over TLS: the app's own HTML 504 page (bank feed), passed on by both" "" -- "${H2[@]}" $RNV $NV/api/bank
    cap $S sinatra-500-boom-varnish-nginx.txt 500 app sinatra "an uncaught error: Sinatra's '<h1>Internal Server Error</h1>', passed on" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNV $NV/api/boom
    cap $S varnish-503-slow-h2.txt 503 cdn-cache varnish "HTTP/2 over TLS: the route waits 5 s, first_byte_timeout 3s (nginx waits 4 s): Varnish's 'Backend fetch failed', through nginx" "" -- "${H2[@]}" $RNV $NV/api/slow
    cap $S varnish-503-refunds-json.txt 503 cdn-cache varnish "/api/refunds/: synth(503) with a JSON body, through nginx" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNV $NV/api/refunds/42
    caplt $S varnish-503-beta-empty-h2.txt 503 cdn-cache varnish "HTTP/2 over TLS: /api/beta/, a synth 503 with no body, through nginx" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $RNV $NV/api/beta/labels
    capwget $S varnish-503-legacy2-down-wget.txt 503 cdn-cache varnish "/api/legacy2/ to a port nobody listens on: Varnish's 'Backend fetch failed', through nginx" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:63405/api/legacy2/invoices/1
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE passed on by nginx, no purge ACL: Varnish's synth 405 page" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNV -X PURGE $NV/api/invoices/1
    cap $S nginx-504-bank-edge-h2.txt 504 proxy nginx "HTTP/2 over TLS: /api/bank/edge goes to the slow route with proxy_read_timeout 1s: nginx's stock 504, before Varnish gives up" "" -- "${H2[@]}" $RNV $NV/api/bank/edge
    capcut $S nginx-429-exports-html.txt 429 proxy nginx "/api/exports/: return 429 with nginx's own HTML error_page" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RNV $NV/api/exports/daily
    cap $S nginx-502-legacy-varnish-chain.txt 502 proxy nginx "/legacy/ to a port nobody listens on: nginx's stock 502" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNV $NV/legacy/invoices/1
    cap $S nginx-413-body-varnish-chain-h2.txt 413 proxy nginx "HTTP/2 over TLS: a 3 KB body, client_max_body_size 1k: nginx's 413, Varnish never sees it" "" -- "${H2[@]}" $RNV -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $NV/api/invoices
    cap $S nginx-404-unrouted-varnish-chain.txt 404 proxy nginx "a path outside /api/: nginx's stock 404" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNV $NV/healthz
    # pastes from the same servers
    capbody body-only-paste body-sinatra-504-bank-html.txt 504/504 app sinatra "the Sinatra app's own HTML 504 page, its title shows the number" "" -- -k $RNV "$NV/api/bank?from=dashboard"
    caphead headers-only-paste head-varnish-200-hit-h2.txt 200 cdn-cache varnish "curl -sI over TLS + HTTP/2 on invoice 1, stored in Varnish" "X-Cache: HIT" -- -k --http2 $RNV $NV/api/invoices/1
fi

# ===================================================== Caddy -> Squid -> gin ==
if up caddy && up squid; then
    log "capturing: gin behind Squid behind Caddy"
    S=gin-squid-caddy-h2-r84
    H=api.inventory.test CS=https://api.inventory.test:63406 RCS="--resolve api.inventory.test:63406:127.0.0.1"
    cap $S gin-200-catalog-miss-h2.txt 200 app gin "HTTP/2 over TLS: the catalog, first request: a MISS in Squid" "curl -skv --http2; X-Cache: MISS, Via from Squid, X-Request-ID from Caddy" -- "${H2[@]}" $RCS $CS/api/catalog
    cap $S squid-200-catalog-hit.txt 200 cdn-cache squid "the catalog again: from Squid's memory cache, through Caddy" "curl -sk --http1.1 -i; X-Cache: HIT, Age" -- "${H1[@]}" $RCS $CS/api/catalog
    cap $S squid-304-catalog-if-none-match-h2.txt 304 cdn-cache squid "HTTP/2 over TLS: If-None-Match with the stored ETag: Squid's own 304, through Caddy" "" -- "${H2[@]}" $RCS -H 'If-None-Match: "cat-v42"' $CS/api/catalog
    # the Host carries the port, as curl's does: run 4 sent it without, Squid keyed that as another URL and
    # fetched it from gin (X-Cache: MISS) where a HIT was labelled; see the README
    capwget $S squid-200-catalog-hit-wget.txt 200 cdn-cache squid "wget over TLS (no SNI, Caddy's default_sni): the catalog from Squid's store" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H:63406" https://127.0.0.1:63406/api/catalog
    caphttp $S gin-401-items-squid-caddy-httpie.txt 401 app gin "HTTPie over TLS, no token: the handler's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:63406/api/items Host:$H
    cap $S gin-401-audit-invalid-token-h2.txt 401 app gin "HTTP/2 over TLS: a bearer token that does not verify: the handler's JSON 401, error=\"invalid_token\"" "" -- "${H2[@]}" $RCS -H 'Authorization: Bearer forged' $CS/api/admin/audit
    capraw $S gin-403-audit-squid-caddy.txt 403 app gin "a user token on the admin audit: the handler's JSON 403" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RCS -H 'Authorization: Bearer user-token' $CS/api/admin/audit
    caplt $S gin-400-adjustment-binding-h2.txt 400 app gin "HTTP/2 over TLS: POST without delta: ShouldBindJSON's validator error as JSON 400" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $RCS -X POST "${JSONH[@]}" -d '{"sku":"A-1"}' $CS/api/adjustments
    capwin $S gin-422-adjustment-squid-caddy.txt 422 app gin "POST an unknown sku: the handler's JSON 422" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RCS -X POST "${JSONH[@]}" -d '{"sku":"Z-9","delta":5}' $CS/api/adjustments
    capcut $S gin-404-route-squid-caddy.txt 404 app gin "no route: gin's text '404 page not found'" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RCS $CS/api/v2/items
    cap $S gin-503-ready-db-down-h2.txt 503 app gin "HTTP/2 over TLS: the readiness check, the app's JSON 503 (its database is DOWN)" "" -- "${H2[@]}" $RCS $CS/api/health/ready
    cap $S gin-500-boom-squid-caddy-h2.txt 500 app gin "HTTP/2 over TLS: a nil map write, gin.Recovery's empty 500, passed on by both" "" -- "${H2[@]}" $RCS $CS/api/boom
    cap $S squid-504-slow-h2.txt 504 cdn-cache squid "HTTP/2 over TLS: the handler waits 5 s, read_timeout 3 seconds (Caddy waits 4 s): Squid's ERR_READ_TIMEOUT, through Caddy" "" -- "${H2[@]}" $RCS $CS/api/slow
    cap $S squid-403-api-internal.txt 403 cdn-cache squid "/api/internal/: http_access deny, Squid's ERR_ACCESS_DENIED, through Caddy" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCS $CS/api/internal/metrics
    capwget $S squid-502-legacy2-down-wget.txt 502 cdn-cache squid "/api/legacy2/ to a peer that is not running: Squid's error page, through Caddy" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:63406/api/legacy2/items/1
    cap $S squid-413-reserve-body.txt 413 cdn-cache squid "a 3 KB body on reserve (Caddy sets no limit there), request_body_max_size 1 KB: Squid's ERR_TOO_BIG, through Caddy" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCS -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $CS/api/items/A-1/reserve
    cap $S caddy-504-reports-slow-empty-h2.txt 504 proxy caddy "HTTP/2 over TLS: /api/reports/slow rewritten to the slow handler, response_header_timeout 1s: Caddy's empty 504" "" -- "${H2[@]}" $RCS $CS/api/reports/slow
    cap $S caddy-502-legacy-empty.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's empty 502" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCS $CS/legacy/items/1
    capcut $S caddy-429-exports-json-inventory.txt 429 proxy caddy "/api/exports/*: respond with a JSON 429" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RCS $CS/api/exports/daily
    cap $S caddy-503-refunds-html-h2.txt 503 proxy caddy "HTTP/2 over TLS: /api/refunds/*: respond with an HTML 503 page" "" -- "${H2[@]}" $RCS $CS/api/refunds/42
    caplt $S caddy-403-internal-empty-h2.txt 403 proxy caddy "HTTP/2 over TLS: /internal/*: error 403, no handle_errors on this site: Caddy's empty 403" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $RCS $CS/internal/metrics
    cap $S caddy-404-unrouted-empty.txt 404 proxy caddy "a path outside /api/: error 404, Caddy's empty 404" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCS $CS/status
    cap $S caddy-502-adjustment-too-large-h2.txt 502 proxy caddy "HTTP/2 over TLS: a 3 KB body, request_body max_size 1KB: Caddy 2.6's empty 502 (not 413)" "" -- "${H2[@]}" $RCS -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $CS/api/adjustments
    # pastes from the same servers
    capbody body-only-paste body-squid-504-slow.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page (its title names the error, not a number)" "" -- -k $RCS "$CS/api/slow?from=dashboard"
    capbody body-only-paste body-gin-404-route.txt 404/404 app gin "gin's '404 page not found'" "" -- -k $RCS "$CS/api/v3/items"
    caphead headers-only-paste head-squid-200-catalog-hit.txt 200 cdn-cache squid "curl -sI over TLS on the catalog, stored in Squid's memory" "X-Cache: HIT" -- -k --http1.1 $RCS $CS/api/catalog
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round84/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
