#!/usr/bin/env bash
# capture-round80.sh — build the eightieth held-out evidence corpus in
# tests/fixtures/evidence-round80/.
#
# "Python's async and micro frameworks behind mainstream fronts": six
# Python app stacks, each behind one mainstream front it had never stood
# behind in an earlier round (see the README's table). Front configs in
# scripts/corpus/conf-round80/ (round 77's, ports moved into 61700-61799,
# upstreams swapped, upstream timeouts 3 s; TLS + HTTP/2 on nginx and Apache
# only; h2c on Apache, HAProxy and Varnish):
#   - Quart 0.22 on Hypercorn 0.18 (apps80/quart_app.py) behind nginx 1.22;
#   - Tornado 6.6 (apps80/tornado_app.py) behind Apache 2.4 mod_proxy_http;
#   - Bottle 0.13 on gunicorn (apps80/bottle_app.py) behind Caddy 2.6;
#   - Falcon 4.4 (ASGI) on uvicorn (apps80/falcon_app.py) behind HAProxy 2.6;
#   - Sanic 25.12 (apps80/sanic_app.py: cacheable invoice 1, /api/rates and
#     a cacheable 404) behind Varnish 7.1 (HITs, a 304, a grace copy, a kept
#     404, h2c);
#   - aiohttp 3.14 (apps80/aiohttp_app.py, cacheable invoice 1) behind Squid
#     5.7 as a reverse accelerator (a HIT, a 304, a 412).
# Each app answers in its own formats (its JSON, its framework's default
# error pages, 405s, a body that is not JSON, a body over its own 2 KB
# limit). Each front puts its own request id on what it sends back, answers
# some paths itself (JSON 429 and 503, an empty 503) and fails its stock
# ways (dead upstream, slow upstream, unknown Host, limits). The app
# servers' own low-level refusals (a malformed request line, a header or a
# request line too large, a body over Tornado's max_body_size) are sent to
# the app ports directly, with no front (setup python-app-servers-direct).
# Paste forms: curl -sv / -si transcripts (some saved with their CRs, some
# with CRLF on every line, some with only the `<` lines of -v kept, some cut
# off after the headers), HTTPie with colours, `wget -S -O-`, raw requests
# typed into nc, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round80.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round80.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round80.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 61700-61799) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie, wget and nc-style request runs under `timeout`; every
# loop is bounded; every server it started is stopped on exit, by process
# id. Labels are written by finish_round80.py, which refuses (and this
# script then leaves the fixtures as they were) when a label's status is not
# the one on the wire.

set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round80"
RUN=/tmp/api-triage-corpus80-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round80"
APPS80="$HERE/apps80"
VENV=${CORPUS_VENV80:-/tmp/api-triage-corpus80-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(quart==0.22.0 hypercorn==0.18.0 tornado==6.6.1 bottle==0.13.4 gunicorn==27.0.1 falcon==4.4.0
    uvicorn==0.55.0 sanic==25.12.1 aiohttp==3.14.5 httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus80 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx haproxy varnish squid caddy python3-venv)
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

install_venv() {  # the six frameworks, their servers and HTTPie, from PyPI
    [[ -x $VPY ]] && "$VPY" -c "import quart, hypercorn, tornado, bottle, gunicorn, falcon, uvicorn, sanic, aiohttp, httpie" \
        2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* ]]
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
# only ours are checked against 127.0.0.1 and 61700-61799) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round80.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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


# capnc SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- PORT REQUEST [WAIT]
# A request typed into `nc 127.0.0.1 PORT`, as a terminal shows it (round
# 41's form, its rawsend.py, copied to conf-round80/): what curl cannot send
# (an unknown Transfer-Encoding, a request line that says HTTP/3.0).
capnc() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    timeout 20 "$PY" "$CONF/rawsend.py" "$@" >"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS80 && -d $HERE/apps55 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
have openssl || die "openssl is missing"

# apps: Quart on Hypercorn 61715 (nginx 61780, TLS 61743), Tornado 61716
# (Apache 61781 with h2c, TLS 61747), Bottle on gunicorn 61717 (Caddy
# 61783), Falcon on uvicorn 61718 (HAProxy 61782, h2c 61745), Sanic 61719
# (Varnish 61790, h2c on the same port), aiohttp 61720 (Squid 61750). 61799
# is never listened on (the dead upstream every front has).
APP_PORTS=(61715 61716 61717 61718 61719 61720)
FRONT_PORTS=(61780 61743 61781 61747 61783 61782 61745 61790 61750)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 61799; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for nginx and Apache ------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Ledgerly/CN=api.ledgerly.test" \
    -addext "subjectAltName=DNS:api.ledgerly.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg quart env PYTHONPATH="$APPS80" nice -n 5 "$VPY" -m hypercorn --bind 127.0.0.1:61715 quart_app:app
start_bg tornado nice -n 5 "$VPY" "$APPS80/tornado_app.py" 61716
start_bg bottle nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:61717 --workers 3 --chdir "$APPS80" \
    --worker-tmp-dir "$RUN/gunicorn" bottle_app:app
start_bg falcon nice -n 5 "$VPY" -m uvicorn --http h11 --host 127.0.0.1 --port 61718 --app-dir "$APPS80" \
    --no-access-log falcon_app:app
start_bg sanic nice -n 5 "$VPY" "$APPS80/sanic_app.py" 61719
start_bg aiohttp nice -n 5 "$VPY" "$APPS80/aiohttp_app.py" 61720
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p (see $RUN/logs)"
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
    wait_port 61781 apache && wait_port 61747 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 61783 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
cp "$CONF/haproxy-504.http" "$RUN/haproxy/haproxy-504.http"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 61782 haproxy && wait_port 61745 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/sanic.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:61790 -T none -f "$RUN/varnish/sanic.vcl" \
    -n "$RUN/varnish/sanic" -s malloc,16m -p feature=+http2
wait_port 61790 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus80 -f "$RUN/squid/squid.conf"
wait_port 61750 squid && UP[squid]=1

mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/www/docs
: >"$RUN/nginx/www/empty-503"
printf '<!doctype html><title>Ledgerly API docs</title><h1>Ledgerly invoices API</h1>\n' >"$RUN/nginx/www/docs/index.html"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 61780 nginx && wait_port 61743 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
sleep 1.5

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 61700 || p > 61799) print}')
[[ -z $NEWPORTS ]] || die "a server listens outside 61700-61799: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 80 (held out): real responses captured by
# scripts/corpus/capture-round80.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-79:
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
NG=http://$H:61780 NGS=https://$H:61743 AP=http://$H:61781 APS=https://$H:61747
CD=http://$H:61783 HA=http://$H:61782 HA2=http://$H:61745 VN=http://$H:61790 SQ=http://$H:61750
# one --resolve per front keeps the transcripts short
RNG="--resolve $H:61780:127.0.0.1" RNGS="--resolve $H:61743:127.0.0.1" RAP="--resolve $H:61781:127.0.0.1"
RAPS="--resolve $H:61747:127.0.0.1" RCD="--resolve $H:61783:127.0.0.1" RHA="--resolve $H:61782:127.0.0.1"
RHA2="--resolve $H:61745:127.0.0.1" RVN="--resolve $H:61790:127.0.0.1" RSQ="--resolve $H:61750:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
BIGH="X-Trace-Context: $(printf 't%.0s' $(seq 1 1500))"
BIGH8="X-Trace-Context: $(printf 't%.0s' $(seq 1 8000))"
BIGH10="X-Trace-Context: $(printf 't%.0s' $(seq 1 10000))"
BIGH70="X-Trace-Context: $(printf 't%.0s' $(seq 1 70000))"
BIGBODY=$(printf '{"ref":"LG-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")
BIGBODY20=$(printf '{"ref":"LG-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 20000))")
LONGQ="cursor=$(printf 'c%.0s' $(seq 1 1500))"
LONGQ5="cursor=$(printf 'c%.0s' $(seq 1 5000))"

# ========================================== nginx -> Quart (Hypercorn) ==
if up nginx; then
    log "capturing: Quart on Hypercorn behind nginx"
    S=quart-hypercorn-nginx
    cap $S quart-200-invoice-nginx.txt 200 app quart "invoice 1 through nginx" "X-Request-ID from nginx, Server: nginx" -- -sv $RNG $NG/api/invoices/1
    cap $S quart-200-invoice-nginx-h2.txt 200 app quart "HTTP/2 over TLS: invoice 1" "" -- -sv -k $RNGS $NGS/api/invoices/1
    caphttp $S quart-401-account-nginx-httpie.txt 401 app quart "HTTPie, no token: the handler's JSON 401 (Bearer)" "HTTPie with colours" -- -v GET http://127.0.0.1:61780/api/account Host:$H
    capraw $S quart-201-post-nginx-h2.txt 201 app quart "HTTP/2 over TLS: POST a new ref, the handler's JSON 201" "curl -si saved to a file (CRs kept)" -- -si -k $RNGS -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $NGS/api/invoices
    caplt $S quart-409-post-nginx.txt 409 app quart "POST of an existing ref: the handler's JSON 409" "curl -sv, only the < lines kept" -- -sv $RNG -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $NG/api/invoices
    capcut $S quart-422-post-nginx-h2.txt 422 app quart "HTTP/2 over TLS: POST without ref, the handler's JSON 422" "curl -si, body cut off after the headers" -- -si -k $RNGS -X POST "${JSONH[@]}" -d '{"total":2}' $NGS/api/invoices
    cap $S quart-400-bad-json-nginx.txt 400 app quart "a POST body that is not JSON: Quart's HTML 400 'Bad Request'" "curl -si" -- -si $RNG -X POST "${JSONH[@]}" -d '{"ref":' $NG/api/invoices
    cap $S quart-403-admin-nginx.txt 403 app quart "the handler's JSON 403" "curl -si" -- -si $RNG $NG/api/admin
    capwin $S quart-504-bank-html-nginx.txt 504 app quart "the app's own HTML 504 page, passed on" "curl -si pasted with CRLF" -- -si $RNG $NG/api/bank
    cap $S quart-500-boom-nginx.txt 500 app quart "an unhandled exception: Quart's HTML 500 'Internal Server Error'" "curl -si" -- -si $RNG $NG/api/boom
    cap $S quart-404-route-nginx-h2.txt 404 app quart "HTTP/2 over TLS: no route, Quart's HTML 404 'Not Found'" "" -- -sv -k $RNGS $NGS/api/v2/invoices
    caplt $S quart-404-abort-nginx.txt 404 app quart "invoice 7: abort(404), Quart's HTML 404" "curl -sv, only the < lines kept" -- -sv $RNG $NG/api/invoices/7
    cap $S quart-405-delete-nginx.txt 405 app quart "DELETE on a GET route: Quart's HTML 405 with Allow" "curl -si" -- -si $RNG -X DELETE $NG/api/invoices/1
    cap $S quart-413-attachment-nginx.txt 413 app quart "a 3 KB body to /api/attachments (nginx allows 64k there), MAX_CONTENT_LENGTH 2 KB: Quart's HTML 413" "" -- -sv $RNG -X POST -H 'Content-Type: application/octet-stream' -d "$BIGBODY" $NG/api/attachments
    capraw $S quart-503-maintenance-nginx.txt 503 app quart "the handler's own JSON 503 (maintenance) with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $RNG $NG/api/maintenance
    quiet $RNG $NG/api/exports/daily
    cap $S nginx-429-exports-json.txt 429 proxy nginx "limit_req on /api/exports/, the second request: nginx's own JSON 429 from error_page" "X-Request-ID from nginx" -- -sv $RNG $NG/api/exports/daily
    caplt $S nginx-503-refunds-json-h2.txt 503 proxy nginx "HTTP/2 over TLS: /api/refunds/, nginx answers a JSON 503 itself" "curl -sv, only the < lines kept" -- -sv -k $RNGS $NGS/api/refunds/42
    cap $S nginx-503-beta-empty.txt 503 proxy nginx "/api/beta/: return 503 with an empty error_page file, only Server: names nginx" "curl -si" -- -si $RNG $NG/api/beta/labels
    capwin $S nginx-504-slow-h2.txt 504 proxy nginx "HTTP/2 over TLS: the handler waits 5 s, proxy_read_timeout 3s: nginx's 504 page" "curl -si pasted with CRLF" -- -si -k $RNGS $NGS/api/slow
    capwget $S nginx-502-old-wget.txt 502 proxy nginx "/old/ straight to a port nobody listens on: nginx's 502 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61780/old/invoices/1
    cap $S nginx-421-unknown-host-h2.txt 421 proxy nginx "HTTP/2 over TLS to the bare IP: the default server's return 421" "" -- -sv -k https://127.0.0.1:61743/api/invoices/1
    capcut $S nginx-413-body.txt 413 proxy nginx "a 3 KB body to /api/invoices, client_max_body_size 1k: nginx's 413 page" "curl -si, body cut off after the headers" -- -si $RNG -X POST "${JSONH[@]}" -d "$BIGBODY" $NG/api/invoices
    cap $S nginx-414-uri.txt 414 proxy nginx "a 1.5 KB query string, 1k header buffers: nginx's 414 page" "curl -si" -- -si $RNG "$NG/api/invoices?$LONGQ"
    capraw $S nginx-400-header-too-large.txt 400 proxy nginx "a 1.5 KB header, 1k buffers: nginx's 400 'Request Header Or Cookie Too Large'" "curl -si saved to a file (CRs kept)" -- -si $RNG -H "$BIGH" $NG/api/invoices/1
    capnc $S nginx-400-malformed-request-line-nc.txt 400 proxy nginx "a malformed request line (a space in the target): nginx's 400 page" "raw request in nc" -- 61780 "GET /api/invoices/1 junk HTTP/1.1\r\nHost: $H\r\n\r\n" 3
fi

# ============================================== Apache -> Tornado ==
if up apache; then
    log "capturing: Tornado behind Apache"
    S=tornado-apache-h2
    cap $S tornado-200-invoice-apache.txt 200 app tornado "invoice 1 through Apache" "Via from ProxyVia, X-Request-Id from mod_unique_id" -- -sv $RAP $AP/api/invoices/1
    cap $S tornado-200-invoice-apache-h2.txt 200 app tornado "HTTP/2 over TLS (mod_ssl + mod_http2): invoice 1" "" -- -sv -k $RAPS $APS/api/invoices/1
    caphttp $S tornado-401-account-apache-httpie.txt 401 app tornado "HTTPie, no token: the handler's JSON 401, Via added" "HTTPie with colours" -- -v GET http://127.0.0.1:61781/api/account Host:$H
    caplt $S tornado-409-post-apache.txt 409 app tornado "POST of an existing ref: the handler's JSON 409" "curl -sv, only the < lines kept" -- -sv $RAP -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $AP/api/invoices
    capraw $S tornado-422-post-apache-h2.txt 422 app tornado "HTTP/2 over TLS: POST without ref, the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si -k $RAPS -X POST "${JSONH[@]}" -d '{"total":2}' $APS/api/invoices
    cap $S tornado-201-post-apache-h2c.txt 201 app tornado "HTTP/2 (h2c): POST a new ref, the handler's JSON 201" "curl -si" -- -si --http2-prior-knowledge $RAP -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $AP/api/invoices
    cap $S tornado-400-bad-json-apache.txt 400 app tornado "a POST body that is not JSON: HTTPError(400), Tornado's HTML '400: Body Is Not JSON'" "curl -si" -- -si $RAP -X POST "${JSONH[@]}" -d '{"ref":' $AP/api/invoices
    cap $S tornado-403-admin-apache.txt 403 app tornado "the handler's JSON 403" "curl -si" -- -si $RAP $AP/api/admin
    capcut $S tornado-404-invoice-apache.txt 404 app tornado "invoice 9: the handler's JSON 404" "curl -si, body cut off after the headers" -- -si $RAP $AP/api/invoices/9
    cap $S tornado-404-httperror-apache.txt 404 app tornado "invoice 7: HTTPError(404), Tornado's HTML '404: Not Found'" "" -- -sv $RAP $AP/api/invoices/7
    capwin $S tornado-503-statements-html-apache.txt 503 app tornado "the app's own HTML 503 page, passed on with Via" "curl -si pasted with CRLF" -- -si $RAP $AP/api/statements
    cap $S tornado-503-maintenance-apache.txt 503 app tornado "the handler's own JSON 503 (maintenance) with Retry-After" "curl -si" -- -si $RAP $AP/api/maintenance
    cap $S tornado-500-boom-apache-h2.txt 500 app tornado "HTTP/2 over TLS: an unhandled exception, Tornado's HTML '500: Internal Server Error'" "curl -si" -- -si -k $RAPS $APS/api/boom
    cap $S tornado-404-route-apache.txt 404 app tornado "no route: Tornado's HTML '404: Not Found'" "" -- -sv $RAP $AP/api/v2/invoices
    caplt $S tornado-405-delete-apache.txt 405 app tornado "DELETE on a GET-only handler: Tornado's HTML '405: Method Not Allowed'" "curl -sv, only the < lines kept" -- -sv $RAP -X DELETE $AP/api/invoices/1
    cap $S apache-429-exports-json-h2.txt 429 proxy apache "HTTP/2 over TLS: /api/exports/, mod_rewrite R=429 with a JSON ErrorDocument" "curl -si" -- -si -k $RAPS $APS/api/exports/daily
    capwin $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: mod_rewrite R=503 with a JSON ErrorDocument" "curl -si pasted with CRLF" -- -si $RAP $AP/api/refunds/42
    cap $S apache-502-slow-h2.txt 502 proxy apache "HTTP/2 over TLS: the handler waits 5 s, ProxyTimeout 3: Apache's 'Proxy Error' page" "" -- -sv -k $RAPS $APS/api/slow
    capwget $S apache-503-legacy-down-wget.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61781/legacy/invoices/1
    caplt $S apache-404-unknown-host.txt 404 proxy apache "the bare IP as Host: the first virtual host, an empty folder: Apache's 404 page" "curl -sv, only the < lines kept" -- -sv http://127.0.0.1:61781/api/invoices/1
    cap $S apache-414-uri.txt 414 proxy apache "a 1.5 KB query string, LimitRequestLine 1024: Apache's 414 page" "curl -si" -- -si $RAP "$AP/api/invoices?$LONGQ"
    capraw $S apache-400-header-too-large.txt 400 proxy apache "a 1.5 KB header, LimitRequestFieldSize 1024: Apache's 400 page" "curl -si saved to a file (CRs kept)" -- -si $RAP -H "$BIGH" $AP/api/invoices/1
    cap $S apache-405-trace.txt 405 proxy apache "TRACE with TraceEnable Off: Apache's 405 page" "" -- -sv $RAP -X TRACE $AP/api/invoices/1
fi

# ======================================= Caddy -> Bottle (gunicorn) ==
if up caddy; then
    log "capturing: Bottle on gunicorn behind Caddy"
    S=bottle-gunicorn-caddy
    cap $S bottle-200-invoice-caddy.txt 200 app bottle "invoice 1 through Caddy" "X-Request-ID from Caddy, Server: gunicorn" -- -sv $RCD $CD/api/invoices/1
    caphttp $S bottle-401-account-caddy-httpie.txt 401 app bottle "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:61783/api/account Host:$H:61783
    caplt $S bottle-422-post-caddy.txt 422 app bottle "POST without ref: the handler's JSON 422" "curl -sv, only the < lines kept" -- -sv $RCD -X POST "${JSONH[@]}" -d '{"total":2}' $CD/api/invoices
    capraw $S bottle-409-post-caddy.txt 409 app bottle "POST of an existing ref: the handler's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RCD -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $CD/api/invoices
    cap $S bottle-201-post-caddy.txt 201 app bottle "POST a new ref: the handler's JSON 201" "curl -si" -- -si $RCD -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $CD/api/invoices
    cap $S bottle-400-bad-json-caddy.txt 400 app bottle "a POST body that is not JSON: Bottle's HTML error page 'Error: 400 Bad Request' (Invalid JSON)" "curl -si" -- -si $RCD -X POST "${JSONH[@]}" -d '{"ref":' $CD/api/invoices
    cap $S bottle-413-body-caddy.txt 413 app bottle "a 3 KB JSON body, MEMFILE_MAX 2 KB (Caddy has no body limit): Bottle's HTML 413 page" "" -- -sv $RCD -X POST "${JSONH[@]}" -d "$BIGBODY" $CD/api/invoices
    cap $S bottle-403-admin-caddy.txt 403 app bottle "the handler's JSON 403" "curl -si" -- -si $RCD $CD/api/admin
    capcut $S bottle-503-maintenance-caddy.txt 503 app bottle "the handler's own JSON 503 (maintenance)" "curl -si, body cut off after the headers" -- -si $RCD $CD/api/maintenance
    capwin $S bottle-502-payments-html-caddy.txt 502 app bottle "the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RCD $CD/api/payments
    cap $S bottle-500-boom-caddy.txt 500 app bottle "an unhandled exception: Bottle's HTML error page 'Error: 500 Internal Server Error'" "curl -si" -- -si $RCD $CD/api/boom
    cap $S bottle-404-route-caddy.txt 404 app bottle "no route: Bottle's HTML error page 'Error: 404 Not Found'" "" -- -sv $RCD $CD/api/v2/invoices
    cap $S bottle-404-abort-caddy.txt 404 app bottle "invoice 7: abort(404), Bottle's HTML error page" "curl -si" -- -si $RCD $CD/api/invoices/7
    caplt $S bottle-405-delete-caddy.txt 405 app bottle "DELETE on a GET route: Bottle's HTML error page 'Error: 405 Method Not Allowed'" "curl -sv, only the < lines kept" -- -sv $RCD -X DELETE $CD/api/invoices/1
    cap $S caddy-429-exports-json.txt 429 proxy caddy "/api/exports/*: Caddy's respond with a JSON 429" "curl -si" -- -si $RCD $CD/api/exports/daily
    caplt $S caddy-503-refunds-json.txt 503 proxy caddy "/api/refunds/*: Caddy's respond with a JSON 503" "curl -sv, only the < lines kept" -- -sv $RCD $CD/api/refunds/42
    cap $S caddy-504-slow-empty.txt 504 proxy caddy "the handler waits 5 s, response_header_timeout 3s: Caddy's 504, empty body" "" -- -sv $RCD $CD/api/slow
    capwget $S caddy-502-legacy-empty-wget.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, empty body" "wget -S -O-" -- --header="Host: $H:61783" http://127.0.0.1:61783/legacy/invoices/1
    cap $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB: the 431 Caddy's Go server writes" "curl -si" -- -si $RCD -H "$BIGH8" $CD/api/invoices/1
    cap $S caddy-421-unknown-host-empty.txt 421 proxy caddy "a Host that is not ours: the catch-all site's respond 421, empty body" "" -- -sv -H "Host: shop.ledgerly.test:61783" http://127.0.0.1:61783/api/invoices/1
    capnc $S caddy-501-transfer-encoding-nc.txt 501 proxy caddy "Transfer-Encoding: gzip: the 501 Caddy's Go server writes" "raw request in nc" -- 61783 "POST /api/invoices HTTP/1.1\r\nHost: $H:61783\r\nTransfer-Encoding: gzip\r\n\r\n" 3
    capnc $S caddy-400-malformed-request-line-nc.txt 400 proxy caddy "a malformed request line (no HTTP version): the 400 Caddy's Go server writes" "raw request in nc" -- 61783 "GET /api/invoices/1 junk\r\nHost: $H:61783\r\n\r\n" 3
fi

# ================================= HAProxy -> Falcon (ASGI, uvicorn) ==
if up haproxy; then
    log "capturing: Falcon on uvicorn behind HAProxy"
    S=falcon-uvicorn-haproxy
    cap $S falcon-200-invoice-haproxy.txt 200 app falcon "invoice 1 through HAProxy" "X-Request-ID set by HAProxy, Server: uvicorn" -- -sv $RHA $HA/api/invoices/1
    cap $S falcon-200-invoice-haproxy-h2c.txt 200 app falcon "HTTP/2 (h2c): invoice 1" "" -- -sv --http2-prior-knowledge $RHA2 $HA2/api/invoices/1
    caphttp $S falcon-401-account-haproxy-httpie.txt 401 app falcon "HTTPie, no token: HTTPUnauthorized, Falcon's JSON error with WWW-Authenticate" "HTTPie with colours" -- -v GET http://127.0.0.1:61782/api/account Host:$H
    capraw $S falcon-201-post-haproxy.txt 201 app falcon "POST a new ref: the resource's JSON 201" "curl -si saved to a file (CRs kept)" -- -si $RHA -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $HA/api/invoices
    caplt $S falcon-422-post-haproxy.txt 422 app falcon "POST without ref: HTTPUnprocessableEntity, Falcon's JSON error" "curl -sv, only the < lines kept" -- -sv $RHA -X POST "${JSONH[@]}" -d '{"total":2}' $HA/api/invoices
    cap $S falcon-409-post-haproxy.txt 409 app falcon "POST of an existing ref: HTTPConflict, Falcon's JSON error" "curl -si" -- -si $RHA -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $HA/api/invoices
    cap $S falcon-400-bad-json-haproxy-h2c.txt 400 app falcon "HTTP/2 (h2c): a POST body that is not JSON, Falcon's JSON 400 (MediaMalformedError)" "curl -si" -- -si --http2-prior-knowledge $RHA2 -X POST "${JSONH[@]}" -d '{"ref":' $HA2/api/invoices
    cap $S falcon-413-body-haproxy.txt 413 app falcon "a 3 KB body, the resource's 2 KB limit: Falcon's JSON 413" "" -- -sv $RHA -X POST "${JSONH[@]}" -d "$BIGBODY" $HA/api/invoices
    cap $S falcon-403-admin-haproxy.txt 403 app falcon "HTTPForbidden: Falcon's JSON error" "curl -si" -- -si $RHA $HA/api/admin
    cap $S falcon-404-invoice-haproxy.txt 404 app falcon "invoice 9: HTTPNotFound with a description, Falcon's JSON error" "" -- -sv $RHA $HA/api/invoices/9
    cap $S falcon-400-invoice-id-haproxy.txt 400 app falcon "an invoice id that is not a number: HTTPBadRequest, Falcon's JSON error" "curl -si" -- -si $RHA $HA/api/invoices/abc
    capwin $S falcon-502-payments-html-haproxy.txt 502 app falcon "the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RHA $HA/api/payments
    capraw $S falcon-503-maintenance-haproxy.txt 503 app falcon "HTTPServiceUnavailable with retry_after: Falcon's JSON error" "curl -si saved to a file (CRs kept)" -- -si $RHA $HA/api/maintenance
    cap $S falcon-500-boom-haproxy.txt 500 app falcon "an unhandled exception: Falcon's JSON {\"title\": \"500 Internal Server Error\"}" "curl -si" -- -si $RHA $HA/api/boom
    capcut $S falcon-404-route-haproxy.txt 404 app falcon "no route: Falcon's JSON {\"title\": \"404 Not Found\"}" "curl -si, body cut off after the headers" -- -si $RHA $HA/api/v2/invoices
    cap $S falcon-405-delete-haproxy.txt 405 app falcon "DELETE with no on_delete responder: Falcon's 405 with Allow" "curl -si" -- -si $RHA -X DELETE $HA/api/invoices/1
    cap $S haproxy-429-exports-json-h2c.txt 429 load-balancer haproxy "HTTP/2 (h2c): /api/exports/, http-request return with a JSON 429" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/exports/daily
    caplt $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: http-request return with a JSON 503" "curl -sv, only the < lines kept" -- -sv $RHA $HA/api/refunds/42
    cap $S haproxy-503-beta-empty-h2c.txt 503 load-balancer haproxy "HTTP/2 (h2c): /api/beta/, http-request return status 503 with no body" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/beta/labels
    cap $S haproxy-504-slow-problem-json.txt 504 load-balancer haproxy "the handler waits 5 s, timeout server 3s: HAProxy's 504 from its errorfile, an RFC 9457 problem document" "" -- -sv $RHA $HA/api/slow
    capwget $S haproxy-503-legacy-down-wget.txt 503 load-balancer haproxy "/legacy/: the only server is down by its check, HAProxy's 503 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61782/legacy/invoices/1
    capcut $S haproxy-404-unknown-host.txt 404 load-balancer haproxy "the bare IP as Host: deny_status 404, HAProxy's stock 404 page" "curl -si, body cut off after the headers" -- -si http://127.0.0.1:61782/api/invoices/1
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's stock 403 page" "curl -si" -- -si $RHA $HA/internal/metrics
    cap $S haproxy-405-trace.txt 405 load-balancer haproxy "TRACE: http-request deny deny_status 405, HAProxy's stock 405 page" "" -- -sv $RHA -X TRACE $HA/api/invoices/1
fi

# ============================================= Varnish -> Sanic (cacheable) ==
if up varnish; then
    log "capturing: Sanic behind Varnish"
    S=sanic-varnish-kept
    cap $S sanic-200-invoice-varnish-miss.txt 200 app sanic "invoice 1, first request: a MISS" "X-Cache: MISS, Via: varnish" -- -sv $RVN $VN/api/invoices/1
    cap $S varnish-200-invoice-hit.txt 200 cdn-cache varnish "invoice 1 again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $RVN $VN/api/invoices/1
    caplt $S varnish-304-invoice-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "curl -sv, only the < lines kept" -- -sv $RVN -H 'If-None-Match: "inv-1-v3"' $VN/api/invoices/1
    cap $S varnish-200-invoice-hit-h2c.txt 200 cdn-cache varnish "HTTP/2 (h2c): invoice 1 from Varnish's store" "X-Cache: HIT" -- -sv --http2-prior-knowledge $RVN $VN/api/invoices/1
    quiet $RVN $VN/api/rates
    sleep 2.5
    cap $S varnish-200-rates-grace.txt 200 cdn-cache varnish "/api/rates past its 1 s ttl, inside grace: the stale copy, fetched again behind it" "curl -si; X-Cache: HIT-STALE" -- -si $RVN $VN/api/rates
    cap $S sanic-404-invoice9-varnish-miss.txt 404 app sanic "invoice 9, first request: the handler's JSON 404 (public, max-age=120), a MISS" "curl -si" -- -si $RVN $VN/api/invoices/9
    capraw $S varnish-404-invoice9-hit.txt 404 app sanic "invoice 9 again: Sanic's cacheable JSON 404 served from Varnish's store (HIT); a kept app error is the app's" "curl -si saved to a file (CRs kept)" -- -si $RVN $VN/api/invoices/9
    caphttp $S sanic-401-account-varnish-httpie.txt 401 app sanic "HTTPie, no token: the handler's JSON 401, Via added by Varnish" "HTTPie with colours" -- -v GET http://127.0.0.1:61790/api/account Host:$H:61790
    capwin $S sanic-409-post-varnish.txt 409 app sanic "POST (passed) of an existing ref: the handler's JSON 409" "curl -si pasted with CRLF" -- -si $RVN -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $VN/api/invoices
    cap $S sanic-400-bad-json-varnish.txt 400 app sanic "a POST body that is not JSON: Sanic's own 400 error page, passed on" "" -- -sv $RVN -X POST "${JSONH[@]}" -d '{"ref":' $VN/api/invoices
    cap $S sanic-413-body-varnish.txt 413 app sanic "a 3 KB body, REQUEST_MAX_SIZE 2 KB: Sanic's own 413, passed on" "curl -si" -- -si $RVN -X POST "${JSONH[@]}" -d "$BIGBODY" $VN/api/invoices
    cap $S sanic-403-admin-varnish.txt 403 app sanic "the handler's JSON 403" "curl -si" -- -si $RVN $VN/api/admin
    cap $S sanic-404-notfound-varnish.txt 404 app sanic "invoice 7: raise NotFound, Sanic's own 404 error page (not cacheable), passed on" "" -- -sv $RVN $VN/api/invoices/7
    caplt $S sanic-405-delete-varnish.txt 405 app sanic "DELETE (passed by Varnish) on a GET route: Sanic's own 405 error page" "curl -sv, only the < lines kept" -- -sv $RVN -X DELETE $VN/api/invoices/1
    capcut $S sanic-504-bank-html-varnish.txt 504 app sanic "the app's own HTML 504 page, passed on with Via" "curl -si, body cut off after the headers" -- -si $RVN $VN/api/bank
    cap $S sanic-500-boom-varnish.txt 500 app sanic "an unhandled exception: Sanic's own 500 error page, passed on" "curl -si" -- -si $RVN $VN/api/boom
    cap $S sanic-503-maintenance-varnish.txt 503 app sanic "raise ServiceUnavailable: Sanic's own 503 error page, passed on with Via" "curl -si" -- -si $RVN $VN/api/maintenance
    cap $S varnish-429-exports-synth.txt 429 cdn-cache varnish "/api/exports/: synth(429) with a JSON body" "curl -si" -- -si $RVN $VN/api/exports/daily
    capwin $S varnish-503-refunds-synth.txt 503 cdn-cache varnish "/api/refunds/: synth(503) with a JSON maintenance body" "curl -si pasted with CRLF" -- -si $RVN $VN/api/refunds/42
    caplt $S varnish-503-beta-empty-h2c.txt 503 cdn-cache varnish "HTTP/2 (h2c): /api/beta/, a synth 503 delivered with no body" "curl -sv, only the < lines kept" -- -sv --http2-prior-knowledge $RVN $VN/api/beta/labels
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the handler waits 5 s, first_byte_timeout 3s: 'Backend fetch failed'" "" -- -sv $RVN $VN/api/slow
    capwget $S varnish-503-legacy-down-wget.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed'" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61790/legacy/invoices/1
    cap $S varnish-404-unknown-host.txt 404 cdn-cache varnish "a Host that is not ours: synth(404), the builtin page" "curl -si" -- -si -H "Host: shop.ledgerly.test" http://127.0.0.1:61790/api/invoices/1
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE with no purge ACL: synth(405), the builtin page" "" -- -sv $RVN -X PURGE $VN/api/invoices/1
fi

# ============================================ Squid -> aiohttp (cacheable) ==
if up squid; then
    log "capturing: aiohttp behind Squid"
    S=aiohttp-squid-accel
    cap $S aiohttp-200-invoice-squid-miss.txt 200 app aiohttp "invoice 1, first request: a MISS" "Via, X-Cache: MISS, Squid's X-Request-ID" -- -sv $RSQ $SQ/api/invoices/1
    cap $S squid-200-invoice-hit.txt 200 cdn-cache squid "invoice 1 again: from Squid's memory cache (Server still says aiohttp)" "curl -si; X-Cache: HIT, Age" -- -si $RSQ $SQ/api/invoices/1
    capraw $S squid-304-invoice-if-none-match.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's own 304" "curl -si saved to a file (CRs kept)" -- -si $RSQ -H 'If-None-Match: "inv-1-v3"' $SQ/api/invoices/1
    caplt $S squid-412-invoice-if-match.txt 412 cdn-cache squid "If-Match with an old ETag on a stored object: Squid's 412" "curl -sv, only the < lines kept" -- -sv $RSQ -H 'If-Match: "inv-1-v2"' $SQ/api/invoices/1
    caphttp $S aiohttp-401-account-squid-httpie.txt 401 app aiohttp "HTTPie, no token: the handler's JSON 401, Via added by Squid" "HTTPie with colours" -- -v GET http://127.0.0.1:61750/api/account Host:$H
    capcut $S aiohttp-422-post-squid.txt 422 app aiohttp "POST without ref: the handler's JSON 422" "curl -si, body cut off after the headers" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"total":2}' $SQ/api/invoices
    cap $S aiohttp-201-post-squid.txt 201 app aiohttp "POST a new ref: the handler's JSON 201, passed on with Via" "" -- -sv $RSQ -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $SQ/api/invoices
    cap $S aiohttp-409-post-squid.txt 409 app aiohttp "POST of an existing ref: the handler's JSON 409" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $SQ/api/invoices
    cap $S aiohttp-400-invoice-id-squid.txt 400 app aiohttp "an invoice id that is not a number: the handler's JSON 400, passed on with Via" "curl -si" -- -si $RSQ $SQ/api/invoices/abc
    capraw $S aiohttp-400-bad-json-squid.txt 400 app aiohttp "a POST body that is not JSON: web.HTTPBadRequest, aiohttp's text '400: Bad Request'" "curl -si saved to a file (CRs kept)" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"ref":' $SQ/api/invoices
    cap $S aiohttp-413-body-squid.txt 413 app aiohttp "a 3 KB body, client_max_size 2 KB (Squid allows 16 KB): aiohttp's text 413" "" -- -sv $RSQ -X POST "${JSONH[@]}" -d "$BIGBODY" $SQ/api/invoices
    cap $S aiohttp-403-admin-squid.txt 403 app aiohttp "the handler's JSON 403" "curl -si" -- -si $RSQ $SQ/api/admin
    capwin $S aiohttp-503-maintenance-squid.txt 503 app aiohttp "the handler's own JSON 503 (maintenance)" "curl -si pasted with CRLF" -- -si $RSQ $SQ/api/maintenance
    cap $S aiohttp-503-statements-html-squid.txt 503 app aiohttp "the app's own HTML 503 page, passed on with Via" "" -- -sv $RSQ $SQ/api/statements
    cap $S aiohttp-500-boom-squid.txt 500 app aiohttp "an unhandled exception: aiohttp's own 500 page, passed on" "curl -si" -- -si $RSQ $SQ/api/boom
    caplt $S aiohttp-404-route-squid.txt 404 app aiohttp "no route: aiohttp's text '404: Not Found'" "curl -sv, only the < lines kept" -- -sv $RSQ $SQ/api/v2/invoices
    cap $S aiohttp-405-delete-squid.txt 405 app aiohttp "DELETE on a GET route: aiohttp's text '405: Method Not Allowed' with Allow" "curl -si" -- -si $RSQ -X DELETE $SQ/api/invoices/1
    cap $S squid-504-slow.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 3 seconds: ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/slow
    capwget $S squid-502-legacy-down-wget.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61750/legacy/invoices/1
    capcut $S squid-403-unknown-host.txt 403 cdn-cache squid "a Host that is not ours: ERR_ACCESS_DENIED" "curl -si, body cut off after the headers" -- -si -H "Host: shop.ledgerly.test" http://127.0.0.1:61750/api/invoices/1
    cap $S squid-413-body.txt 413 cdn-cache squid "a 20 KB body, request_body_max_size 16 KB: ERR_TOO_BIG" "" -- -sv $RSQ -X POST "${JSONH[@]}" -d "$BIGBODY20" $SQ/api/invoices
    cap $S squid-431-header-too-large.txt 431 cdn-cache squid "an 8 KB header, request_header_max_size 2 KB: Squid's 431 page" "curl -si" -- -si $RSQ -H "$BIGH8" $SQ/api/invoices/1
fi

# ====================== the app servers' own low-level refusals, no front ==
log "capturing: the app servers directly"
S=python-app-servers-direct
capnc $S hypercorn-400-malformed-request-line-nc.txt 400 app hypercorn "Hypercorn (Quart's server), no front: a malformed request line, h11's 400" "raw request in nc" -- 61715 "GET /api/invoices/1 junk HTTP/1.1\r\nHost: $H\r\n\r\n" 3
# (run 1 sent a 20 KB header here and got a 200: the whole request came in one
# read, so h11's 16 KB limit on an incomplete request never tripped; see the README)
cap $S hypercorn-431-header-too-large.txt 431 app hypercorn "Hypercorn, no front: a 70 KB header, more than one 64 KB read, over h11's 16 KB limit on an incomplete request: 431" "curl -si" -- -si -H "Host: $H" -H "$BIGH70" http://127.0.0.1:61715/api/invoices/1
capnc $S tornado-400-malformed-request-line-nc.txt 400 app tornado "Tornado's HTTP server, no front: a malformed request line, a bare 'HTTP/1.1 400 Bad Request'" "raw request in nc" -- 61716 "GET /api/invoices/1 junk HTTP/1.1\r\nHost: $H\r\n\r\n" 3
cap $S tornado-400-body-too-large.txt 400 app tornado "Tornado's HTTP server, no front: a 3 KB body over max_body_size 2 KB, a bare 400 and the connection closed" "" -- -sv -H "Host: $H" -X POST "${JSONH[@]}" -d "$BIGBODY" http://127.0.0.1:61716/api/invoices
capnc $S gunicorn-400-malformed-request-line-nc.txt 400 app gunicorn "gunicorn (Bottle's server), no front: a malformed request line, gunicorn's 400 page" "raw request in nc" -- 61717 "GET /api/invoices/1 junk HTTP/1.1\r\nHost: $H\r\n\r\n" 3
capraw $S gunicorn-431-header-too-large.txt 431 app gunicorn "gunicorn, no front: a 10 KB header, over limit_request_field_size 8190: 431" "curl -si saved to a file (CRs kept)" -- -si -H "Host: $H" -H "$BIGH10" http://127.0.0.1:61717/api/invoices/1
cap $S gunicorn-414-request-line-too-long.txt 414 app gunicorn "gunicorn, no front: a 5 KB query string, over limit_request_line 4094: 414" "curl -si" -- -si -H "Host: $H" "http://127.0.0.1:61717/api/invoices?$LONGQ5"
capnc $S uvicorn-400-malformed-request-line-nc.txt 400 app uvicorn "uvicorn (Falcon's server, h11), no front: a malformed request line, 'Invalid HTTP request received.'" "raw request in nc" -- 61718 "GET /api/invoices/1 junk HTTP/1.1\r\nHost: $H\r\n\r\n" 3
capnc $S sanic-400-malformed-request-line-nc.txt 400 app sanic "Sanic's own server, no front: a malformed request line, Sanic's 400" "raw request in nc" -- 61719 "GET /api/invoices/1 junk HTTP/1.1\r\nHost: $H\r\n\r\n" 3
cap $S sanic-413-header-too-large.txt 413 app sanic "Sanic's own server, no front: a 10 KB header, over its 8 KB header limit: Sanic's 413" "" -- -sv -H "Host: $H" -H "$BIGH10" http://127.0.0.1:61719/api/invoices/1
capnc $S aiohttp-400-malformed-request-line-nc.txt 400 app aiohttp "aiohttp's server, no front: a malformed request line, aiohttp's 400" "raw request in nc" -- 61720 "GET /api/invoices/1 junk HTTP/1.1\r\nHost: $H\r\n\r\n" 3
capcut $S aiohttp-400-header-too-large.txt 400 app aiohttp "aiohttp's server, no front: a 10 KB header, over max_field_size 8190: aiohttp's 400" "curl -si, body cut off after the headers" -- -si -H "Host: $H" -H "$BIGH10" http://127.0.0.1:61720/api/invoices/1

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-504-slow.txt 504/504 proxy nginx "nginx's 504 page, over TLS" "" -- -k $RNGS "$NGS/api/slow?from=dashboard"
up nginx && capbody $S body-quart-404-route.txt 404/404 app quart "Quart's HTML 404 page, its title shows the number" "" -- $RNG $NG/api/v3/invoices
up apache && capbody $S body-tornado-500-boom.txt 500/500 app tornado "Tornado's HTML '500: Internal Server Error', its title shows the number" "" -- $RAP $AP/api/boom
up apache && capbody $S body-apache-503-legacy.txt 503/503 proxy apache "Apache's 503 page for a dead upstream, its title shows the number" "" -- $RAP $AP/legacy/statements
up caddy && capbody $S body-bottle-400-bad-json.txt 400/400 app bottle "Bottle's HTML error page, its title shows the number" "" -- $RCD -X POST "${JSONH[@]}" -d '{"ref":' $CD/api/invoices
up caddy && capbody $S body-caddy-429-exports-json.txt 0/429 proxy caddy "Caddy's JSON 429, no status number in it" "" -- $RCD $CD/api/exports/monthly
up haproxy && capbody $S body-haproxy-504-problem-json.txt 504/504 load-balancer haproxy "HAProxy's problem+json 504 (errorfile), its status field shows the number" "" -- $RHA "$HA/api/slow?from=dashboard"
up haproxy && capbody $S body-falcon-413-body.txt 0/413 app falcon "Falcon's JSON 413 with the resource's own title, no status number in it" "" -- $RHA -X POST "${JSONH[@]}" -d "$BIGBODY" $HA/api/invoices
up varnish && capbody $S body-sanic-404-invoice9-kept.txt 0/404 app sanic "Sanic's JSON 404 for invoice 9, kept in Varnish's store (a HIT), no status number in it" "" -- $RVN $VN/api/invoices/9
up varnish && capbody $S body-varnish-503-slow.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page, its title shows the number" "" -- $RVN "$VN/api/slow?from=dashboard"
up squid && capbody $S body-aiohttp-405-delete.txt 405/405 app aiohttp "aiohttp's text '405: Method Not Allowed'" "" -- $RSQ -X DELETE $SQ/api/invoices/1
up squid && capbody $S body-squid-502-legacy.txt 0/502 cdn-cache squid "Squid's error page for a dead peer (its title names the error, not a number)" "" -- $RSQ "$SQ/legacy/statements"

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-503-beta-h2.txt 503 proxy nginx "curl -sI on /api/beta/ over TLS + HTTP/2: nginx's empty 503" "" -- -k $RNGS $NGS/api/beta/labels
up apache && caphead $S head-apache-429-exports-h2.txt 429 proxy apache "curl -sI over TLS + HTTP/2 on /api/exports/: Apache's R=429" "" -- -k $RAPS $APS/api/exports/daily
up apache && caphead $S head-tornado-405-invoice.txt 405 app tornado "curl -sI (HEAD) on invoice 1: the handler has no head(), Tornado's 405, passed on by Apache" "" -- $RAP $AP/api/invoices/1
up caddy && caphead $S head-caddy-503-refunds.txt 503 proxy caddy "curl -sI on /api/refunds/*: Caddy's JSON 503 headers" "" -- $RCD $CD/api/refunds/7
up haproxy && caphead $S head-haproxy-503-legacy.txt 503 load-balancer haproxy "curl -sI on /legacy/: HAProxy's 503, no server available" "" -- $RHA $HA/legacy/invoices/7
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on invoice 1, stored" "X-Cache: HIT" -- $RVN $VN/api/invoices/1
up squid && caphead $S head-squid-200-hit.txt 200 cdn-cache squid "curl -sI on invoice 1, stored in Squid's memory (Server still says aiohttp)" "X-Cache: HIT" -- $RSQ $SQ/api/invoices/1

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round80/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
