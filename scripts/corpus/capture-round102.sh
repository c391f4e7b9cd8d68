#!/usr/bin/env bash
# capture-round102.sh — build the hundred-and-second held-out evidence corpus
# in tests/fixtures/evidence-round102/.
#
# "Python a fourth time, on pairings not yet used": six Python front + app
# pairings whose setup names appear in no earlier labels.toml, each covering
# the issue's failure classes (round 97's set): the front adding its own
# request id to everything it sends back (its own error pages too) while an
# app route carries the app's own id, front-made JSON errors (429 rate
# limit, 503 maintenance), an empty-bodied 503 that only `Server:` names,
# the fronts' stock pages for an upstream that refuses, resets, times out or
# is stopped (502/503/504), Via on answers the front did not write, the
# caches' answers from their store (HITs, 304, 412, stale from grace, HITs
# of a cacheable app 404, HITs while the app is stopped), the apps' own
# 4xx/5xx (JSON and HTML) passed through unchanged, and the app servers'
# own pages (waitress 413/500, gunicorn 431) where they arise. nginx and
# Caddy speak TLS + HTTP/2 (a self-signed cert made here). Front configs in
# scripts/corpus/conf-round102/ (round 97's, upstreams swapped):
#   - Pyramid 2 on waitress (apps102/pyramid_app.py) behind nginx 1.22 (TLS, h2);
#   - Falcon 4 on gunicorn (apps102/falcon_app.py) behind Caddy 2.6 (TLS, h2);
#   - Quart 0.22 on Hypercorn (apps102/quart_app.py) behind Apache 2.4;
#   - Bottle 0.13 on gunicorn (apps102/bottle_app.py) behind HAProxy 2.6;
#   - Django REST framework on gunicorn (apps102/drf_app.py) behind Varnish 7.1;
#   - Bottle 0.13 on waitress (apps102/bottle_app.py) behind Squid 5.7
#     (accelerator mode).
# Paste forms: curl -sv / -skv --http2 / curl -si transcripts (some saved
# with their CRs, some with CRLF on every line, some with only the `<` lines
# of -v kept, some cut off after the headers), HTTPie with colours, wget -S
# -O-, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round102.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round102.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round102.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60000-61999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round102.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round102"
RUN=/tmp/api-triage-corpus102-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round102"
APPS102="$HERE/apps102"
GO_DIR=/nonexistent-round102
NODE_DIR=/nonexistent-round102
VENV=${CORPUS_VENV102:-/tmp/api-triage-corpus102-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 gunicorn==27.0.1 waitress==3.0.2 hypercorn==0.18.0 django==5.2.19 djangorestframework==3.18.3
      pyramid==2.1 falcon==4.4.0 quart==0.22.0 bottle==0.13.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus102 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx caddy haproxy varnish squid python3-venv)
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

install_venv() {  # HTTPie and the apps (a copy of round 83's venv plus pyramid and DRF), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, gunicorn, waitress, hypercorn, django, rest_framework, pyramid, falcon, quart, bottle" 2>/dev/null && return 0
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
# only ours are checked against 127.0.0.1 and 60000-61999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round102.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS102 ]] || die "missing $CONF or $APPS102"
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
for p in openssl nginx apache2 caddy haproxy varnish squid; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# apps: Pyramid/waitress 60011, Falcon/gunicorn 60012, Quart/Hypercorn 60013,
# Bottle/gunicorn 60014, DRF/gunicorn 60015, Bottle/waitress 60016; a service
# that resets every connection 60096; 60099 (every front's dead upstream) is
# never listened on. Fronts: nginx 60101 (TLS 60401), Caddy 60102 (TLS
# 60402), Apache 60103, HAProxy 60104, Varnish 60105, Squid 60106.
APP_PORTS=(60011 60012 60013 60014 60015 60016 60096)
FRONT_PORTS=(60101 60401 60102 60402 60103 60104 60105 60106)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 60099; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for nginx and Caddy ------------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=On-call lab/CN=api.kestrel.test" \
    -addext "subjectAltName=DNS:api.kestrel.test,DNS:api.pintail.test,IP:127.0.0.1" \
    >"$RUN/logs/openssl.log" 2>&1 || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
APPENV=(env PYTHONPATH="$APPS102" PYTHONDONTWRITEBYTECODE=1 PYTHONWARNINGS=ignore)
start_bg pyramid "${APPENV[@]}" BRAND=Kestrel REPLICA=kestrel-web-1 nice -n 5 "$VPY" -m waitress \
    --listen=127.0.0.1:60011 --max-request-body-size=8192 pyramid_app:app
start_bg falcon "${APPENV[@]}" BRAND=Pintail REPLICA=pintail-api-1 nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:60012 --workers 2 --chdir "$APPS102" --worker-tmp-dir "$RUN/gunicorn" falcon_app:app
start_bg quart "${APPENV[@]}" BRAND=Heron REPLICA=heron-api-1 nice -n 5 "$VPY" -m hypercorn \
    --bind 127.0.0.1:60013 quart_app:app
start_bg bottle "${APPENV[@]}" BRAND=Plover REPLICA=plover-web-1 nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:60014 --workers 2 --chdir "$APPS102" --worker-tmp-dir "$RUN/gunicorn" bottle_app:app
start_bg drf "${APPENV[@]}" BRAND=Avocet REPLICA=avocet-api-1 nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:60015 --workers 1 --threads 4 --chdir "$APPS102" --worker-tmp-dir "$RUN/gunicorn" drf_app:application
start_bg bottlew "${APPENV[@]}" BRAND=Dunlin REPLICA=dunlin-web-1 nice -n 5 "$VPY" -m waitress \
    --listen=127.0.0.1:60016 --max-request-body-size=8192 bottle_app:app
start_bg reset "$PY" "$APPS102/reset_svc.py" 60096
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/www
: >"$RUN/nginx/www/empty-503"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60401 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60402 caddy && wait_port 60102 caddy && UP[caddy]=1

mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
cp "$CONF/apache-rate-limited.json" "$RUN/apache/errors/rate-limited.json"
cp "$CONF/apache-maintenance.json" "$RUN/apache/errors/maintenance.json"
: >"$RUN/apache/errors/empty.txt"
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 60103 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 60104 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/avocet.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:60105 -T none -f "$RUN/varnish/avocet.vcl" \
    -n "$RUN/varnish/avocet" -s malloc,16m
wait_port 60105 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus102 -f "$RUN/squid/squid.conf"
wait_port 60106 squid && UP[squid]=1
sleep 2.5   # HAProxy's check marks the legacy server down

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 102 (held out): real responses captured by
# scripts/corpus/capture-round102.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-101:
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
MIDBODY=$(printf '{"ref":"XX-2001","note":"%s"}' "$(head -c 10000 /dev/zero | tr '\0' 'n')")   # 10 KB: over the apps' 8 KB
BIGFILE="$RUN/work/big.json"                                                                      # 20 KB: over nginx's and Squid's 16 KB
printf '{"ref":"XX-3001","note":"%s"}' "$(head -c 20000 /dev/zero | tr '\0' 'n')" >"$BIGFILE"
COOKIE="session=$(head -c 9000 /dev/zero | tr '\0' 'c')"   # a 9 KB cookie: over gunicorn's 8190-byte header field limit

# ===================================================== nginx (TLS, h2) -> Pyramid (waitress) ==
if up nginx; then
    log "capturing: Pyramid behind nginx"
    S=pyramid-waitress-nginx-r102
    H=api.kestrel.test:60401 NG=https://api.kestrel.test:60401 RNG="--resolve api.kestrel.test:60401:127.0.0.1"
    cap $S pyramid-200-order-nginx-h2.txt 200 app pyramid "HTTP/2 over TLS: order 1" "curl -skv --http2; nginx's X-Request-ID, echoed by the app as its own" -- -skv --http2 $RNG $NG/api/orders/1
    caplt $S pyramid-422-post-nginx-h2.txt 422 app pyramid "POST without ref: the view's JSON 422" "curl -skv --http2, only the < lines kept" -- -skv --http2 $RNG -X POST "${JSONH[@]}" -d '{"total":2}' $NG/api/orders
    capwin $S pyramid-409-post-nginx.txt 409 app pyramid "POST of an existing ref: the view's JSON 409" "curl -sk --http1.1 -i pasted with CRLF" -- -sk --http1.1 -i $RNG -X POST "${JSONH[@]}" -d '{"ref":"OR-1001"}' $NG/api/orders
    caphttp $S pyramid-401-account-nginx-httpie.txt 401 app pyramid "HTTPie, no token: the view's JSON 401 with WWW-Authenticate" "HTTPie with colours, HTTP/1.1 over TLS" -- --verify=no -v GET https://127.0.0.1:60401/api/account Host:$H
    capcut $S pyramid-404-route-nginx-h2.txt 404 app pyramid "no route: Pyramid's default 404 (WebOb's page), passed on" "curl -sk --http2 -i, body cut off after the headers" -- -sk --http2 -i $RNG $NG/api/v2/orders
    cap $S pyramid-405-put-order-nginx-h2.txt 405 app pyramid "PUT on order 1: the view raises HTTPMethodNotAllowed, WebOb's 405 page" "curl -sk --http2 -i" -- -sk --http2 -i $RNG -X PUT "${JSONH[@]}" -d '{}' $NG/api/orders/1
    cap $S waitress-413-upload-nginx-h2.txt 413 app waitress "a 10 KB upload, under nginx's 16k but over --max-request-body-size 8192: waitress's own 413" "curl -sk --http2 -i" -- -sk --http2 -i $RNG -X POST "${JSONH[@]}" -d "$MIDBODY" $NG/api/uploads
    cap $S waitress-500-boom-nginx-h2.txt 500 app waitress "an uncaught error Pyramid has no exception view for: waitress's own '(generated by waitress)' 500" "curl -skv --http2" -- -skv --http2 $RNG $NG/api/boom
    capraw $S pyramid-502-payments-html-nginx-h2.txt 502 app pyramid "the app's own HTML 502 page (payment provider), passed on" "curl -sk --http2 -i saved to a file (CRs kept)" -- -sk --http2 -i $RNG $NG/api/payments
    cap $S pyramid-504-tracking-html-nginx-h2.txt 504 app pyramid "the app's own HTML 504 page (carrier timed out), passed on" "curl -sk --http2 -i" -- -sk --http2 -i $RNG $NG/api/tracking/7
    cap $S nginx-429-exports-json-h2.txt 429 proxy nginx "/api/exports/: return 429 with a JSON body, made by nginx" "curl -sk --http2 -i" -- -sk --http2 -i $RNG $NG/api/exports/daily
    cap $S nginx-503-refunds-json-h2.txt 503 proxy nginx "/api/refunds/: maintenance, return 503 with a JSON body and Retry-After" "curl -skv --http2" -- -skv --http2 $RNG $NG/api/refunds/42
    cap $S nginx-503-beta-empty-h2.txt 503 proxy nginx "/api/beta/: return 503 with an empty error_page, only server: names it" "curl -sk --http2 -i" -- -sk --http2 -i $RNG $NG/api/beta/orders
    cap $S nginx-403-internal-h2.txt 403 proxy nginx "/internal/: deny all, nginx's stock 403" "curl -sk --http2 -i" -- -sk --http2 -i $RNG $NG/internal/metrics
    cap $S nginx-413-body-h2.txt 413 proxy nginx "a 20 KB body, client_max_body_size 16k: nginx's stock 413" "curl -sk --http2 -i" -- -sk --http2 -i $RNG -X POST "${JSONH[@]}" --data-binary @"$BIGFILE" $NG/api/uploads
    capwget $S nginx-502-legacy-refused-wget.txt 502 proxy nginx "/legacy/ to a port nobody listens on: nginx's stock 502" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:60401/legacy/orders/1
    cap $S nginx-502-ledger-reset-h2.txt 502 proxy nginx "/ledger/ to a service that resets the connection: nginx's stock 502" "curl -sk --http2 -i" -- -sk --http2 -i $RNG $NG/ledger/balance
    cap $S nginx-504-slow-h2.txt 504 proxy nginx "the view waits 5 s, proxy_read_timeout 3s: nginx's stock 504" "curl -skv --http2" -- -skv --http2 $RNG $NG/api/slow
    capbody body-only-paste body-nginx-504-slow.txt 504/504 proxy nginx "nginx's stock 504 page (<title>504 Gateway Time-out</title>)" "" -- -k $RNG "$NG/api/slow?from=dashboard"
    capbody body-only-paste body-waitress-500-boom.txt 0/500 app waitress "waitress's 'Internal Server Error ... (generated by waitress)' text (no number in it)" "" -- -k $RNG "$NG/api/boom?from=dashboard"
    caphead headers-only-paste head-nginx-503-beta-h2.txt 503 proxy nginx "curl -sI over HTTP/2 on /api/beta/: nginx's 503 with the empty error_page" "" -- -k --http2 $RNG $NG/api/beta/orders
    log "stopping Pyramid: the dead-app answers"
    stop_name pyramid
    cap $S nginx-502-app-stopped-h2.txt 502 proxy nginx "waitress stopped (connection refused): nginx's stock 502" "curl -sk --http2 -i" -- -sk --http2 -i $RNG $NG/api/orders/1
fi

# ===================================================== Caddy (TLS, h2) -> Falcon (gunicorn) ==
if up caddy; then
    log "capturing: Falcon behind Caddy"
    S=falcon-gunicorn-caddy-r102
    H=api.pintail.test:60402 C=https://api.pintail.test:60402 RC="--resolve api.pintail.test:60402:127.0.0.1"
    cap $S falcon-200-order-caddy-h2.txt 200 app falcon "HTTP/2 over TLS: order 1" "curl -skv --http2; Caddy's X-Request-ID, echoed by the app as its own" -- -skv --http2 $RC $C/api/orders/1
    cap $S falcon-400-post-not-json-caddy-h2.txt 400 app falcon "POST with a body that is not JSON: Falcon's own 400 ('Invalid JSON')" "curl -sk --http2 -i" -- -sk --http2 -i $RC -X POST "${JSONH[@]}" -d 'ref=OR-2' $C/api/orders
    caplt $S falcon-422-post-caddy-h2.txt 422 app falcon "POST without ref: HTTPUnprocessableEntity, Falcon's JSON" "curl -skv --http2, only the < lines kept" -- -skv --http2 $RC -X POST "${JSONH[@]}" -d '{"total":2}' $C/api/orders
    capwin $S falcon-409-post-caddy.txt 409 app falcon "POST of an existing ref: HTTPConflict, Falcon's JSON" "curl -sk --http1.1 -i pasted with CRLF" -- -sk --http1.1 -i $RC -X POST "${JSONH[@]}" -d '{"ref":"OR-1001"}' $C/api/orders
    caphttp $S falcon-401-account-caddy-httpie.txt 401 app falcon "HTTPie, no token: HTTPUnauthorized with WWW-Authenticate" "HTTPie with colours, HTTP/1.1 over TLS" -- --verify=no -v GET https://127.0.0.1:60402/api/account Host:$H
    capcut $S falcon-404-route-caddy-h2.txt 404 app falcon "no route: Falcon's own JSON 404, passed on" "curl -sk --http2 -i, body cut off after the headers" -- -sk --http2 -i $RC $C/api/v2/orders
    cap $S falcon-405-put-order-caddy-h2.txt 405 app falcon "PUT on order 1: Falcon's own 405 (no on_put)" "curl -sk --http2 -i" -- -sk --http2 -i $RC -X PUT "${JSONH[@]}" -d '{}' $C/api/orders/1
    cap $S falcon-413-upload-caddy-h2.txt 413 app falcon "a 10 KB upload: the resource raises HTTPContentTooLarge (Caddy sets no body limit)" "curl -sk --http2 -i" -- -sk --http2 -i $RC -X POST "${JSONH[@]}" -d "$MIDBODY" $C/api/uploads
    cap $S falcon-500-boom-caddy-h2.txt 500 app falcon "an uncaught error: Falcon's default handler, JSON 500" "curl -skv --http2" -- -skv --http2 $RC $C/api/boom
    capraw $S falcon-503-statements-html-caddy-h2.txt 503 app falcon "the app's own HTML 503 page (statements paused), passed on" "curl -sk --http2 -i saved to a file (CRs kept)" -- -sk --http2 -i $RC $C/api/statements
    cap $S gunicorn-431-cookie-caddy-h2.txt 431 app gunicorn "a 9 KB cookie: Caddy passes it, gunicorn's own 431 page (limit_request_field_size 8190)" "curl -sk --http2 -i" -- -sk --http2 -i $RC -H "Cookie: $COOKIE" $C/api/orders/1
    cap $S caddy-429-exports-json-h2.txt 429 proxy caddy "/api/exports/*: respond with a JSON 429, made by Caddy" "curl -sk --http2 -i" -- -sk --http2 -i $RC $C/api/exports/daily
    caplt $S caddy-503-refunds-json-h2.txt 503 proxy caddy "/api/refunds/*: maintenance, Caddy's JSON 503 with Retry-After" "curl -skv --http2, only the < lines kept" -- -skv --http2 $RC $C/api/refunds/42
    cap $S caddy-503-beta-empty-h2.txt 503 proxy caddy "/api/beta/*: respond 503 with no body, only server: Caddy names it" "curl -sk --http2 -i" -- -sk --http2 -i $RC $C/api/beta/orders
    cap $S caddy-403-internal-empty-h2.txt 403 proxy caddy "/internal/*: error 403, Caddy's default error answer (empty body)" "curl -skv --http2" -- -skv --http2 $RC $C/internal/metrics
    capwget $S caddy-502-legacy-refused-wget.txt 502 proxy caddy "/legacy/* to a port nobody listens on (refused): Caddy's 502, empty body" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:60402/legacy/orders/1
    cap $S caddy-502-ledger-reset-h2.txt 502 proxy caddy "/ledger/* to a service that resets the connection: Caddy's 502, empty body" "curl -sk --http2 -i" -- -sk --http2 -i $RC $C/ledger/balance
    cap $S caddy-504-slow-empty-h2.txt 504 proxy caddy "the resource waits 5 s, response_header_timeout 3s: Caddy's 504, empty body" "curl -skv --http2" -- -skv --http2 $RC $C/api/slow
    capbody body-only-paste body-falcon-404-route.txt 404/404 app falcon "Falcon's JSON 404 ({\"title\": \"404 Not Found\"})" "" -- -k $RC "$C/api/v3/orders"
    capbody body-only-paste body-caddy-503-refunds-json.txt 0/503 proxy caddy "Caddy's maintenance JSON (no number in it)" "" -- -k $RC "$C/api/refunds/43"
    caphead headers-only-paste head-caddy-502-legacy-h2.txt 502 proxy caddy "curl -sI over HTTP/2 on /legacy/: Caddy's 502 (refused)" "" -- -k --http2 $RC $C/legacy/orders/2
    log "stopping Falcon: the dead-app answers"
    stop_name falcon
    cap $S caddy-502-app-stopped-empty-h2.txt 502 proxy caddy "gunicorn stopped (connection refused): Caddy's 502, empty body" "curl -sk --http2 -i" -- -sk --http2 -i $RC $C/api/orders/1
fi

# ===================================================== Apache -> Quart (Hypercorn) ==
if up apache; then
    log "capturing: Quart behind Apache"
    S=quart-hypercorn-apache-r102
    H=api.heron.test:60103 AP=http://api.heron.test:60103 RAP="--resolve api.heron.test:60103:127.0.0.1"
    cap $S quart-200-order-apache.txt 200 app quart "order 1" "curl -sv; Apache's X-Request-Id, echoed by the app, and Via" -- -sv $RAP $AP/api/orders/1
    caplt $S quart-422-post-apache.txt 422 app quart "POST without ref: the handler's JSON 422" "curl -sv, only the < lines kept" -- -sv $RAP -X POST "${JSONH[@]}" -d '{"total":2}' $AP/api/orders
    capwin $S quart-409-post-apache.txt 409 app quart "POST of an existing ref: the handler's JSON 409" "curl -si pasted with CRLF" -- -si $RAP -X POST "${JSONH[@]}" -d '{"ref":"OR-1001"}' $AP/api/orders
    HTTPIE_CMD=http caphttp $S quart-401-account-apache-httpie.txt 401 app quart "HTTPie, no token: the handler's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- -v GET http://127.0.0.1:60103/api/account Host:$H
    capcut $S quart-404-route-apache.txt 404 app quart "no route: Quart's HTML 404 (Werkzeug's page), passed on" "curl -si, body cut off after the headers" -- -si $RAP $AP/api/v2/orders
    cap $S quart-405-put-order-apache.txt 405 app quart "PUT on order 1: Quart's HTML 405, passed on" "curl -si" -- -si $RAP -X PUT "${JSONH[@]}" -d '{}' $AP/api/orders/1
    cap $S quart-413-upload-apache.txt 413 app quart "a 10 KB upload, MAX_CONTENT_LENGTH 8 KB: Quart's HTML 413 (Apache sets no body limit)" "curl -si" -- -si $RAP -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$MIDBODY" $AP/api/uploads
    cap $S quart-500-boom-apache.txt 500 app quart "an uncaught error: Quart's HTML 500, passed on" "curl -sv" -- -sv $RAP $AP/api/boom
    capraw $S quart-502-payments-html-apache.txt 502 app quart "the app's own HTML 502 page, passed on with Apache's Via" "curl -si saved to a file (CRs kept)" -- -si $RAP $AP/api/payments
    cap $S apache-429-exports-json.txt 429 proxy apache "/api/exports/: R=429 with a JSON ErrorDocument, made by Apache" "curl -si" -- -si $RAP $AP/api/exports/daily
    cap $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: maintenance, R=503 with a JSON ErrorDocument" "curl -sv" -- -sv $RAP $AP/api/refunds/42
    cap $S apache-503-beta-empty.txt 503 proxy apache "/api/beta/: R=503 whose ErrorDocument is an empty file" "curl -si" -- -si $RAP $AP/api/beta/orders
    cap $S apache-403-internal.txt 403 proxy apache "/internal/: Require all denied, Apache's stock 403" "curl -si" -- -si $RAP $AP/internal/metrics
    capwget $S apache-503-legacy-refused-wget.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's stock 503" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60103/legacy/orders/1
    cap $S apache-502-ledger-reset.txt 502 proxy apache "/ledger/ to a service that resets the connection: Apache's stock 502" "curl -si" -- -si $RAP $AP/ledger/balance
    cap $S apache-502-slow-timeout.txt 502 proxy apache "the handler waits 5 s, ProxyTimeout 3: Apache's stock 502 (rounds 83, 86 and 97 saw 502 here)" "curl -sv" -- -sv $RAP $AP/api/slow
    capbody body-only-paste body-apache-502-ledger-reset.txt 502/502 proxy apache "Apache's stock 502 page (<title>502 Proxy Error</title>)" "" -- $RAP "$AP/ledger/balance?from=dashboard"
    capbody body-only-paste body-quart-500-boom.txt 500/500 app quart "Quart's HTML 500 (<title>500 Internal Server Error</title>)" "" -- $RAP "$AP/api/boom?from=dashboard"
    caphead headers-only-paste head-apache-503-beta.txt 503 proxy apache "curl -sI on /api/beta/: Apache's 503 with the empty ErrorDocument" "" -- $RAP $AP/api/beta/orders
    log "stopping Quart: the dead-app answers"
    stop_name quart
    cap $S apache-503-app-stopped.txt 503 proxy apache "Hypercorn stopped (connection refused): Apache's stock 503" "curl -si" -- -si $RAP $AP/api/orders/1
fi

# ===================================================== HAProxy -> Bottle (gunicorn) ==
if up haproxy; then
    log "capturing: Bottle behind HAProxy"
    S=bottle-gunicorn-haproxy-r102
    H=api.plover.test:60104 HA=http://api.plover.test:60104 RHA="--resolve api.plover.test:60104:127.0.0.1"
    cap $S bottle-200-order-haproxy.txt 200 app bottle "order 1" "curl -sv; HAProxy's X-Request-ID, echoed by the app: one line" -- -sv $RHA $HA/api/orders/1
    caplt $S bottle-422-post-haproxy.txt 422 app bottle "POST without ref: the handler's JSON 422" "curl -sv, only the < lines kept" -- -sv $RHA -X POST "${JSONH[@]}" -d '{"total":2}' $HA/api/orders
    capwin $S bottle-409-post-haproxy.txt 409 app bottle "POST of an existing ref: the handler's JSON 409" "curl -si pasted with CRLF" -- -si $RHA -X POST "${JSONH[@]}" -d '{"ref":"OR-1001"}' $HA/api/orders
    HTTPIE_CMD=http caphttp $S bottle-401-account-haproxy-httpie.txt 401 app bottle "HTTPie, no token: the handler's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- -v GET http://127.0.0.1:60104/api/account Host:$H
    capcut $S bottle-404-route-haproxy.txt 404 app bottle "no route: Bottle's HTML 'Error: 404 Not Found', passed on" "curl -si, body cut off after the headers" -- -si $RHA $HA/api/v2/orders
    cap $S bottle-405-put-order-haproxy.txt 405 app bottle "PUT on order 1: Bottle's HTML 405, passed on" "curl -si" -- -si $RHA -X PUT "${JSONH[@]}" -d '{}' $HA/api/orders/1
    cap $S bottle-413-upload-haproxy.txt 413 app bottle "a 10 KB upload: the handler's JSON 413 (HAProxy sets no body limit)" "curl -si" -- -si $RHA -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$MIDBODY" $HA/api/uploads
    cap $S bottle-500-boom-haproxy.txt 500 app bottle "an uncaught error: Bottle's HTML 500, passed on" "curl -sv" -- -sv $RHA $HA/api/boom
    capraw $S bottle-503-statements-html-haproxy.txt 503 app bottle "the app's own HTML 503 page, passed on" "curl -si saved to a file (CRs kept)" -- -si $RHA $HA/api/statements
    cap $S gunicorn-431-cookie-haproxy.txt 431 app gunicorn "a 9 KB cookie: HAProxy passes it (16 KB buffers), gunicorn's own 431 page" "curl -si" -- -si $RHA -H "Cookie: $COOKIE" $HA/api/orders/1
    cap $S haproxy-429-exports-json.txt 429 load-balancer haproxy "/api/exports/: http-request return 429 with JSON, made by HAProxy" "curl -si" -- -si $RHA $HA/api/exports/daily
    cap $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: maintenance, http-request return 503 JSON with Retry-After" "curl -sv" -- -sv $RHA $HA/api/refunds/42
    cap $S haproxy-503-beta-empty.txt 503 load-balancer haproxy "/api/beta/: http-request return status 503 with no body" "curl -si" -- -si $RHA $HA/api/beta/orders
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's stock 403" "curl -si" -- -si $RHA $HA/internal/metrics
    capwget $S haproxy-503-legacy-down-wget.txt 503 load-balancer haproxy "/legacy/: its only server is down by its check: HAProxy's stock 503" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60104/legacy/orders/1
    cap $S haproxy-502-ledger-reset.txt 502 load-balancer haproxy "/ledger/ to a server that resets the connection: HAProxy's stock 502" "curl -si" -- -si $RHA $HA/ledger/balance
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "the handler waits 5 s, timeout server 3s: HAProxy's stock 504" "curl -sv" -- -sv $RHA $HA/api/slow
    capbody body-only-paste body-haproxy-504-slow.txt 504/504 load-balancer haproxy "HAProxy's stock 504 page (<h1>504 Gateway Time-out</h1>)" "" -- $RHA "$HA/api/slow?from=dashboard"
    capbody body-only-paste body-bottle-404-route.txt 404/404 app bottle "Bottle's 'Error: 404 Not Found' page" "" -- $RHA "$HA/api/v3/orders"
    caphead headers-only-paste head-haproxy-429-exports.txt 429 load-balancer haproxy "curl -sI on /api/exports/: HAProxy's JSON 429" "" -- $RHA $HA/api/exports/daily
    log "stopping Bottle (gunicorn): the dead-app answers"
    stop_name bottle
    cap $S haproxy-503-app-stopped.txt 503 load-balancer haproxy "gunicorn stopped (connection refused, no health check on the server): HAProxy's stock 503" "curl -si" -- -si $RHA $HA/api/orders/1
fi

# ===================================================== Varnish -> DRF (gunicorn) ==
if up varnish; then
    log "capturing: Django REST framework behind Varnish"
    S=drf-gunicorn-varnish-r102
    H=api.avocet.test:60105 V=http://api.avocet.test:60105 RV="--resolve api.avocet.test:60105:127.0.0.1"
    cap $S drf-200-order-varnish-miss.txt 200 app django-rest-framework "order 1, first request: a MISS, stored (public, max-age=300, ETag, Last-Modified)" "curl -sv; X-Cache: MISS, Via, Varnish's X-Request-ID over the app's own" -- -sv $RV $V/api/orders/1
    cap $S varnish-200-order-hit.txt 200 cdn-cache varnish "order 1 again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $RV $V/api/orders/1
    caplt $S varnish-304-order-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "curl -sv, only the < lines kept" -- -sv $RV -H 'If-None-Match: "or-1-v7"' $V/api/orders/1
    cap $S drf-404-order9-varnish-miss.txt 404 app django-rest-framework "order 9, first request: the view's JSON 404 (public, max-age=120), stored" "curl -si; X-Cache: MISS" -- -si $RV $V/api/orders/9
    cap $S drf-404-order9-varnish-hit.txt 404 app django-rest-framework "order 9 again: the app's 404 replayed from Varnish's store (an app error kept by the cache: app)" "curl -si; X-Cache: HIT" -- -si $RV $V/api/orders/9
    cap $S drf-200-rates-varnish-miss.txt 200 app django-rest-framework "/api/rates, first request: a MISS, kept 1 s with 1 h of grace" "curl -si; X-Cache: MISS" -- -si $RV $V/api/rates
    sleep 2.2
    cap $S varnish-200-rates-stale-grace.txt 200 cdn-cache varnish "/api/rates 2 s later: past its 1 s TTL, served stale from grace while Varnish refetches" "curl -sv; X-Cache: HIT-STALE" -- -sv $RV $V/api/rates
    capwin $S drf-400-post-validation-varnish.txt 400 app django-rest-framework "POST without ref: the serializer's validation 400 ({\"ref\":[\"This field is required.\"]})" "curl -si pasted with CRLF" -- -si $RV -X POST "${JSONH[@]}" -d '{"total":"2.00"}' $V/api/orders
    HTTPIE_CMD=http caphttp $S drf-401-account-varnish-httpie.txt 401 app django-rest-framework "HTTPie, no token: NotAuthenticated, DRF's 401 with the authenticator's WWW-Authenticate" "HTTPie with colours" -- -v GET http://127.0.0.1:60105/api/account Host:$H
    capcut $S django-404-route-varnish.txt 404 app django "no route, DEBUG off: Django's HTML 'Not Found' page, passed on" "curl -si, body cut off after the headers" -- -si $RV $V/api/v2/orders
    cap $S drf-405-put-order-varnish.txt 405 app django-rest-framework "PUT on order 1: MethodNotAllowed, DRF's JSON 405" "curl -si" -- -si $RV -X PUT "${JSONH[@]}" -d '{}' $V/api/orders/1
    cap $S drf-409-post-varnish.txt 409 app django-rest-framework "POST of an existing ref: an APIException subclass, DRF's JSON 409" "curl -si" -- -si $RV -X POST "${JSONH[@]}" -d '{"ref":"OR-1001"}' $V/api/orders
    cap $S drf-413-upload-varnish.txt 413 app django-rest-framework "a 10 KB upload: an APIException subclass, DRF's JSON 413" "curl -si" -- -si $RV -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$MIDBODY" $V/api/uploads
    cap $S drf-200-quota-varnish.txt 200 app django-rest-framework "/api/quota, first request: through the throttle (private, no-store: passed by Varnish)" "curl -si" -- -si $RV $V/api/quota
    cap $S drf-429-quota-varnish.txt 429 app django-rest-framework "/api/quota again: ScopedRateThrottle 1/min, DRF's JSON 429 with Retry-After" "curl -si" -- -si $RV $V/api/quota
    cap $S django-500-boom-varnish.txt 500 app django "an uncaught error: Django's 'Server Error (500)', passed on" "curl -sv" -- -sv $RV $V/api/boom
    capraw $S django-504-tracking-html-varnish.txt 504 app django "a plain Django view: the app's own HTML 504 page (carrier timed out), passed on" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/tracking/7
    cap $S varnish-429-exports-json.txt 429 cdn-cache varnish "/api/exports/: synth 429 with a JSON body, made by Varnish" "curl -si" -- -si $RV $V/api/exports/daily
    caplt $S varnish-503-refunds-json.txt 503 cdn-cache varnish "/api/refunds/: maintenance, synth 503 JSON with Retry-After" "curl -sv, only the < lines kept" -- -sv $RV $V/api/refunds/42
    cap $S varnish-503-beta-empty.txt 503 cdn-cache varnish "/api/beta/: synth 503 with an empty body" "curl -si" -- -si $RV $V/api/beta/orders
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the view waits 5 s, first_byte_timeout 3s: 'Backend fetch failed' 503" "curl -sv" -- -sv $RV $V/api/slow
    capwget $S varnish-503-legacy-refused-wget.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed' 503" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60105/legacy/orders/1
    cap $S varnish-503-ledger-reset.txt 503 cdn-cache varnish "/ledger/ to a service that resets the connection: 'Backend fetch failed' 503" "curl -si" -- -si $RV $V/ledger/balance
    capbody body-only-paste body-varnish-503-slow.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page (<title>503 Backend fetch failed</title>)" "" -- $RV "$V/api/slow?from=dashboard"
    caphead headers-only-paste head-varnish-200-order-hit.txt 200 cdn-cache varnish "curl -sI on order 1, stored in Varnish" "X-Cache: HIT" -- $RV $V/api/orders/1
    log "stopping DRF: the dead-app answers"
    stop_name drf
    cap $S varnish-200-order-hit-app-stopped.txt 200 cdn-cache varnish "gunicorn stopped: order 1 still answered from Varnish's store" "curl -si; X-Cache: HIT" -- -si $RV $V/api/orders/1
    cap $S varnish-503-app-stopped.txt 503 cdn-cache varnish "gunicorn stopped (connection refused), a path never stored: 'Backend fetch failed' 503" "curl -sv" -- -sv $RV $V/api/orders/2
fi

# ===================================================== Squid -> Bottle (waitress) ==
if up squid; then
    log "capturing: Bottle on waitress behind Squid"
    S=bottle-waitress-squid-r102
    H=api.dunlin.test:60106 SQ=http://api.dunlin.test:60106 RSQ="--resolve api.dunlin.test:60106:127.0.0.1"
    cap $S bottle-200-order-squid-miss.txt 200 app bottle "order 1, first request: a MISS, stored (public, max-age=300, ETag)" "curl -sv; the app's own X-Request-ID and Squid's, Via" -- -sv $RSQ $SQ/api/orders/1
    cap $S squid-200-order-hit.txt 200 cdn-cache squid "order 1 again: from Squid's memory cache" "curl -si; X-Cache: HIT, Age" -- -si $RSQ $SQ/api/orders/1
    caplt $S squid-304-order-if-none-match.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's own 304" "curl -sv, only the < lines kept" -- -sv $RSQ -H 'If-None-Match: "or-1-v7"' $SQ/api/orders/1
    cap $S squid-412-order-if-match.txt 412 cdn-cache squid "If-Match with an old ETag on the stored object: Squid's 412" "curl -si" -- -si $RSQ -H 'If-Match: "or-1-v6"' $SQ/api/orders/1
    cap $S bottle-404-order9-squid-miss.txt 404 app bottle "order 9, first request: the handler's JSON 404 (public, max-age=120)" "curl -si; X-Cache: MISS" -- -si $RSQ $SQ/api/orders/9
    cap $S bottle-404-order9-squid-again.txt 404 app bottle "order 9 again: the app's 404, replayed from the store or fetched again (app either way; round 97 saw Squid 5.7 not keep it)" "curl -si" -- -si $RSQ $SQ/api/orders/9
    capwin $S bottle-409-post-squid.txt 409 app bottle "POST of an existing ref: the handler's JSON 409" "curl -si pasted with CRLF" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"ref":"OR-1001"}' $SQ/api/orders
    HTTPIE_CMD=http caphttp $S bottle-401-account-squid-httpie.txt 401 app bottle "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60106/api/account Host:$H
    capcut $S bottle-404-route-squid.txt 404 app bottle "no route: Bottle's HTML 'Error: 404 Not Found', passed on" "curl -si, body cut off after the headers" -- -si $RSQ $SQ/api/v2/orders
    cap $S waitress-413-upload-squid.txt 413 app waitress "a 10 KB upload, under Squid's 16 KB but over --max-request-body-size 8192: waitress's own 413" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$MIDBODY" $SQ/api/uploads
    cap $S bottle-500-boom-squid.txt 500 app bottle "an uncaught error: Bottle's HTML 500, passed on" "curl -sv" -- -sv $RSQ $SQ/api/boom
    capraw $S bottle-502-payments-html-squid.txt 502 app bottle "the app's own HTML 502 page, passed on with Squid's Via" "curl -si saved to a file (CRs kept)" -- -si $RSQ $SQ/api/payments
    cap $S squid-403-internal.txt 403 cdn-cache squid "/internal/: http_access deny, ERR_ACCESS_DENIED" "curl -si" -- -si $RSQ $SQ/internal/metrics
    cap $S squid-413-body.txt 413 cdn-cache squid "a 20 KB body, request_body_max_size 16 KB: ERR_TOO_BIG" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" "${NOEXP[@]}" --data-binary @"$BIGFILE" $SQ/api/uploads
    cap $S squid-504-slow.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 3 seconds: ERR_READ_TIMEOUT" "curl -sv" -- -sv $RSQ $SQ/api/slow
    capwget $S squid-502-legacy-refused-wget.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page (round 97 saw 502)" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60106/legacy/orders/1
    cap $S squid-502-ledger-reset.txt 502 cdn-cache squid "/ledger/ to a peer that resets the connection: Squid's error page" "curl -si" -- -si $RSQ $SQ/ledger/balance
    capbody body-only-paste body-squid-504-slow.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page (its title names the error, not a number)" "" -- $RSQ "$SQ/api/slow?from=dashboard"
    caphead headers-only-paste head-squid-200-order-hit.txt 200 cdn-cache squid "curl -sI on order 1, stored in Squid's memory" "X-Cache: HIT" -- $RSQ $SQ/api/orders/1
    log "stopping Bottle (waitress): the dead-app answers"
    stop_name bottlew
    cap $S squid-200-order-hit-app-stopped.txt 200 cdn-cache squid "waitress stopped: order 1 still answered from Squid's store" "curl -si; X-Cache: HIT" -- -si $RSQ $SQ/api/orders/1
    cap $S squid-503-app-stopped.txt 503 cdn-cache squid "waitress stopped (connection refused), a path never stored: ERR_CONNECT_FAIL (round 97 saw 503)" "curl -sv" -- -sv $RSQ $SQ/api/orders/2
fi

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx caddy apache haproxy varnish squid; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round102/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
