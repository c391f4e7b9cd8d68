#!/usr/bin/env bash
# capture-round59.sh — build the fifty-ninth held-out evidence corpus in
# tests/fixtures/evidence-round59/.
#
# "Mainstream stacks in a nineteenth pairing, pasted the way engineers paste
# at 3 a.m.": round 55's invoices API (its Flask and Django apps, reused from
# scripts/corpus/apps55/ unchanged; Django as WSGI through round 57's
# scripts/corpus/apps57/django_wsgi.py), each under an app server and behind
# a front it had not stood behind before: Flask under Hypercorn behind nginx
# (TLS + HTTP/2), Django under uvicorn behind Apache (h2c, TLS), Django under
# Hypercorn behind HAProxy (TLS + HTTP/2), Flask under waitress behind
# Varnish (h2c), Django under waitress behind Caddy (TLS + HTTP/2), and one
# Squid with three accelerator ports in front of Flask under Hypercorn,
# Django under uvicorn and Django under Hypercorn. The fronts' configs are
# round 57's (scripts/corpus/conf-round59/, ports moved, upstreams swapped).
# Every front adds its own request id to what it sends back, answers some
# paths itself (JSON 429/503, an empty 503) and fails in its stock ways
# (dead upstream, slow upstream, unknown Host, body, URI or header too
# large, a method it refuses). Paste forms: curl -v/-i transcripts (some
# with their CRs, some with CRLF, some with only the `<` lines of -v kept,
# some with the body cut off after the headers), HTTPie with colours,
# `wget -S -O-`, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round59.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round59.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round59.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round59.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-58: every server binds 127.0.0.1 (ports 59500-59599)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs run under
# `nice -n 15`. Labels are written by finish_round59.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round59"
RUN=/tmp/api-triage-corpus59
STAGE="$RUN/evidence"
CONF="$HERE/conf-round59"
APPS="$HERE/apps55"   # round 55's apps, reused unchanged
APPS57="$HERE/apps57"
VENV=${CORPUS_VENV59:-/tmp/api-triage-corpus59-venv}
# round 55's packages, when its venv is on this machine, are reused through a
# .pth file (nothing is fetched); this round's processes run from its own
# venv path, so no other round's clean-up takes them for its own.
VENV55=/tmp/api-triage-corpus55-venv
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(flask==3.1.3 waitress==3.0.2 fastapi==0.165.0 hypercorn==0.18.0 django==5.2.19 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus59 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openssl python3-venv apache2 nginx haproxy varnish squid caddy)
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


install_venv() {  # the Python frameworks and servers, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, waitress, fastapi, hypercorn, django, uvicorn" 2>/dev/null && return 0
    if [[ -x $VENV55/bin/python ]] && "$VENV55/bin/python" -c "import flask, waitress, fastapi, hypercorn, django, uvicorn" 2>/dev/null; then
        "$PY" -m venv --without-pip "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
        "$VENV55/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])' \
            >"$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/corpus55.pth"
        "$VENV/bin/python" -c "import flask, waitress, fastapi, hypercorn, django, uvicorn" 2>/dev/null && return 0
    fi
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* || $cmd == *"$APPS57/"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round59.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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

# caplt SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl -sv` where only the response-header lines (`< ...`) were kept.
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
# the headers.
capcut() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl "$@" >"$dest"
    in_work timeout 20 curl "$@" 2>&1 | tr -d '\r' | awk '{print} /^$/ {exit}' >>"$dest"
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
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
have openssl || die "openssl is missing"

# apps: Flask/Hypercorn 59510 (nginx), Django/waitress 59511 (Caddy),
# Django/Hypercorn 59512 (HAProxy), Flask/waitress 59513 (Varnish),
# Django/uvicorn 59514 (Apache); behind Squid's three ports: Flask/Hypercorn
# 59515, Django/uvicorn 59516, Django/Hypercorn 59517. 59599 is never
# listened on (the dead upstream every front has).
APP_PORTS=(59510 59511 59512 59513 59514 59515 59516 59517)
FRONT_PORTS=(59580 59543 59581 59546 59582 59545 59583 59544 59590 59550 59551 59552)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 59599; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: a self-signed cert for the HTTP/2 ports of nginx, HAProxy and Caddy --------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Ledgerly/CN=api.ledgerly.test" \
    -addext "subjectAltName=DNS:api.ledgerly.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
cat "$RUN/tls/cert.pem" "$RUN/tls/key.pem" >"$RUN/tls/combined.pem"   # HAProxy wants both in one file
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
HYP=(env PYTHONPATH="$APPS:$APPS57" nice -n 5 "$VENV/bin/python" -m hypercorn)
WTR=(env PYTHONPATH="$APPS:$APPS57" nice -n 5 "$VENV/bin/python" -m waitress --threads=8)
start_bg flask-hypercorn "${HYP[@]}" --bind 127.0.0.1:59510 flask_app:app
start_bg django-waitress "${WTR[@]}" --listen=127.0.0.1:59511 django_wsgi:wsgi
start_bg django-hypercorn "${HYP[@]}" --bind 127.0.0.1:59512 django_app:asgi
start_bg flask-waitress "${WTR[@]}" --listen=127.0.0.1:59513 flask_app:app
start_bg django-uvicorn nice -n 5 "$VENV/bin/python" -m uvicorn --app-dir "$APPS" --host 127.0.0.1 --no-access-log --port 59514 django_app:asgi
start_bg flask-hypercorn2 "${HYP[@]}" --bind 127.0.0.1:59515 flask_app:app
start_bg django-uvicorn2 nice -n 5 "$VENV/bin/python" -m uvicorn --app-dir "$APPS" --host 127.0.0.1 --no-access-log --port 59516 django_app:asgi
start_bg django-hypercorn2 "${HYP[@]}" --bind 127.0.0.1:59517 django_app:asgi
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done
# ---- the fronts ----------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/www/docs
    : >"$RUN/nginx/www/empty-503"
    printf '<!doctype html><title>Ledgerly API docs</title><h1>Ledgerly API</h1>\n' >"$RUN/nginx/www/docs/index.html"
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 59580 nginx && wait_port 59543 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
    printf '{"error":"too_many_requests","message":"export quota for this key is used up today","retry_after":60}\n' >"$RUN/apache/errors/rate-limited.json"
    printf '{"error":"maintenance","message":"refunds are paused until the month-end close"}\n' >"$RUN/apache/errors/maintenance.json"
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 59581 apache && wait_port 59546 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
        start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
        wait_port 59582 haproxy && wait_port 59545 haproxy && UP[haproxy]=1
    else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:59590 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m -p feature=+http2
    wait_port 59590 varnish && UP[varnish]=1
fi
if have squid; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || true
    start_bg squid squid -N -n corpus59 -f "$RUN/squid/squid.conf"
    wait_port 59550 squid && wait_port 59551 squid && wait_port 59552 squid && UP[squid]=1
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
        caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 59583 caddy && wait_port 59544 caddy && UP[caddy]=1
fi
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 59 (held out): real responses captured by
# scripts/corpus/capture-round59.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-58:
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
CA=(--cacert "$RUN/tls/cert.pem")
NG=http://$H:59580 NGS=https://$H:59543 AP=http://$H:59581 APS=https://$H:59546 HA=http://$H:59582 HAS=https://$H:59545
VN=http://$H:59590 SQF=http://$H:59550 SQD=http://$H:59551 SQA=http://$H:59552 CD=http://$H:59583 CDS=https://$H:59544
# one --resolve per front keeps the transcripts short
RNG="--resolve $H:59580:127.0.0.1" RNGS="--resolve $H:59543:127.0.0.1" RAP="--resolve $H:59581:127.0.0.1" RAPS="--resolve $H:59546:127.0.0.1"
RHA="--resolve $H:59582:127.0.0.1" RHAS="--resolve $H:59545:127.0.0.1" RVN="--resolve $H:59590:127.0.0.1"
RSQF="--resolve $H:59550:127.0.0.1" RSQD="--resolve $H:59551:127.0.0.1" RSQA="--resolve $H:59552:127.0.0.1"
RCD="--resolve $H:59583:127.0.0.1" RCDS="--resolve $H:59544:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
LONGQ=$(printf 'q%.0s' $(seq 1 1500))
BIGH="X-Trace-Context: $(printf 't%.0s' $(seq 1 1500))"
BIGH3="X-Trace-Context: $(printf 't%.0s' $(seq 1 3000))"
BIGH8="X-Trace-Context: $(printf 't%.0s' $(seq 1 8000))"
BIGH20="X-Trace-Context: $(printf 't%.0s' $(seq 1 20000))"
BIGBODY=$(printf '{"ref":"LG-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")

# ============== nginx (TLS + HTTP/2, server_tokens off) -> Flask (WSGI) under Hypercorn ==
if up nginx; then
    log "capturing: Flask under Hypercorn behind nginx"
    S=flask-hypercorn-nginx
    cap $S flask-200-invoice-nginx-h2.txt 200 app flask "HTTP/2 over TLS: invoice 1" "X-Request-ID from nginx" -- -sv "${CA[@]}" $RNGS $NGS/api/invoices/1
    cap $S flask-404-invoice-nginx-h2.txt 404 app flask "HTTP/2: an unknown invoice, the view's JSON 404" "curl -si" -- -si "${CA[@]}" $RNGS $NGS/api/invoices/9
    caphttp $S flask-401-account-nginx-httpie.txt 401 app flask "HTTPie over TLS (HTTP/1.1), no token: the view's JSON 401" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:59543/api/account Host:$H
    caplt $S flask-409-post-nginx.txt 409 app flask "POST an existing ref: the view's JSON 409" "curl -sv, only the < lines kept" -- -sv $RNG -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $NG/api/invoices
    capraw $S flask-422-post-nginx.txt 422 app flask "POST without ref: the view's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RNG -X POST "${JSONH[@]}" -d '{"total":2}' $NG/api/invoices
    cap $S flask-429-quota-nginx-h2.txt 429 app flask "HTTP/2: the app's own JSON 429 with Retry-After" "" -- -sv -k $RNGS $NGS/api/quota
    quiet -k $RNGS $NGS/api/exports/daily
    cap $S nginx-429-exports-json-h2.txt 429 proxy nginx "HTTP/2, limit_req on /api/exports/, second request: nginx's own JSON 429 from error_page" "X-Request-ID from nginx" -- -sv -k $RNGS $NGS/api/exports/daily
    cap $S flask-503-maintenance-nginx.txt 503 app flask "the app's own JSON 503 (maintenance)" "curl -si" -- -si $RNG $NG/api/maintenance
    cap $S nginx-503-refunds-json-h2.txt 503 proxy nginx "HTTP/2, /api/refunds/: nginx's own JSON 503 (return 503 '...')" "" -- -sv "${CA[@]}" $RNGS $NGS/api/refunds/42
    cap $S nginx-503-beta-empty.txt 503 proxy nginx "/api/beta/: nginx's 503 with an empty body, Server: nginx without version" "curl -si" -- -si $RNG $NG/api/beta/labels
    capwin $S flask-502-payments-html-nginx.txt 502 app flask "the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RNG $NG/api/payments
    cap $S flask-504-bank-html-nginx-h2.txt 504 app flask "HTTP/2: the app's own HTML 504 page, passed on" "" -- -sv "${CA[@]}" $RNGS $NGS/api/bank
    cap $S flask-500-boom-nginx.txt 500 app flask "a ZeroDivisionError: Flask's HTML 500 page" "curl -si" -- -si $RNG $NG/api/boom
    cap $S flask-404-route-nginx-h2.txt 404 app flask "HTTP/2, no route: Flask's HTML 404 page" "" -- -sv -k $RNGS $NGS/api/v2/invoices
    cap $S nginx-504-slow-h2.txt 504 proxy nginx "HTTP/2: the view sleeps 5 s, proxy_read_timeout 2s: nginx's 504 page" "" -- -sv "${CA[@]}" $RNGS $NGS/api/slow
    capwget $S nginx-502-legacy-wget.txt 502 proxy nginx "/legacy/ to a port nobody listens on: nginx's 502 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59580/legacy/invoices/1
    cap $S nginx-404-unknown-host-h2.txt 404 proxy nginx "HTTP/2, the bare IP as Host: the default server's 'return 404'" "curl -si" -- -si -k https://127.0.0.1:59543/api/invoices/1
    cap $S nginx-413-body.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's 413 page" "" -- -sv $RNG -X POST "${JSONH[@]}" -d "$BIGBODY" $NG/api/invoices
    capraw $S nginx-414-uri.txt 414 proxy nginx "a 1.5 KB query string, 1k header buffers: nginx's 414 page" "curl -si saved to a file (CRs kept)" -- -si $RNG "$NG/api/invoices?q=$LONGQ"
    cap $S nginx-400-header-too-large.txt 400 proxy nginx "a 1.5 KB header, 1k buffers: nginx's 400 'Request Header Or Cookie Too Large'" "" -- -sv $RNG -H "$BIGH" $NG/api/invoices/1
    capcut $S nginx-405-docs-post.txt 405 proxy nginx "POST to the static /docs/ folder: nginx's 405 page" "curl -si, body cut off after the headers" -- -si $RNG -X POST -d 'x=1' $NG/docs/index.html
fi

# ============ Apache (TLS + HTTP/2, h2c, ServerTokens Prod) -> Django (ASGI) under uvicorn ==
if up apache; then
    log "capturing: Django under uvicorn behind Apache"
    S=django-uvicorn-apache
    cap $S django-200-invoice-apache.txt 200 app django "invoice 1 through Apache" "Via from ProxyVia, X-Request-Id from mod_unique_id, server uvicorn" -- -sv $RAP $AP/api/invoices/1
    capcut $S django-404-invoice-apache.txt 404 app django "an unknown invoice: the view's JSON 404" "curl -si, body cut off after the headers" -- -si $RAP $AP/api/invoices/9
    cap $S django-403-admin-apache.txt 403 app django "the view's JSON 403" "" -- -sv $RAP $AP/api/admin
    caphttp $S django-409-post-apache-httpie.txt 409 app django "HTTPie POST of an existing ref: the view's JSON 409" "HTTPie with colours" -- -v POST http://127.0.0.1:59581/api/invoices Host:$H ref=LG-1001
    cap $S django-429-quota-apache.txt 429 app django "the app's own JSON 429, Via added by Apache" "curl -si" -- -si $RAP $AP/api/quota
    cap $S apache-429-exports-json.txt 429 proxy apache "/api/exports/: mod_rewrite R=429 with a JSON ErrorDocument" "" -- -sv $RAP $AP/api/exports/daily
    capraw $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: mod_rewrite R=503 with a JSON ErrorDocument" "curl -si saved to a file (CRs kept)" -- -si $RAP $AP/api/refunds/42
    cap $S django-503-statements-html-apache.txt 503 app django "the app's own HTML 503 page, passed on with Via" "" -- -sv $RAP $AP/api/statements
    cap $S django-500-boom-apache.txt 500 app django "a ZeroDivisionError, DEBUG off: Django's 'Server Error (500)', Via added" "curl -si" -- -si $RAP $AP/api/boom
    cap $S django-405-get-list-apache.txt 405 app django "GET on the POST-only list: the view's JSON 405" "" -- -sv $RAP $AP/api/invoices
    cap $S apache-502-slow.txt 502 proxy apache "the view sleeps 5 s, ProxyTimeout 2: Apache's 'Proxy Error' page" "" -- -sv $RAP $AP/api/slow
    capwin $S apache-503-legacy-down.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503 page" "curl -si pasted with CRLF" -- -si $RAP $AP/legacy/invoices/1
    cap $S apache-404-unknown-host.txt 404 proxy apache "the bare IP as Host: the first virtual host's empty folder, Apache's 404 page" "" -- -sv http://127.0.0.1:59581/api/invoices/1
    capwget $S apache-414-uri-wget.txt 414 proxy apache "a 1.5 KB query string, LimitRequestLine 1024: Apache's 414 page" "wget -S -O-" -- --header="Host: $H" "http://127.0.0.1:59581/api/invoices?q=$LONGQ"
    caplt $S apache-400-header-too-large.txt 400 proxy apache "a 1.5 KB header, LimitRequestFieldSize 1024: Apache's 400 page" "curl -sv, only the < lines kept" -- -sv $RAP -H "$BIGH" $AP/api/invoices/1
    cap $S django-201-post-apache-h2c.txt 201 app django "HTTP/2 (h2c): POST a new ref, the view's JSON 201" "" -- -sv --http2-prior-knowledge $RAP -X POST "${JSONH[@]}" -d '{"ref":"LG-2003"}' $AP/api/invoices
    cap $S apache-502-slow-h2c.txt 502 proxy apache "HTTP/2 (h2c): the slow view, Apache's 'Proxy Error'" "curl -si" -- -si --http2-prior-knowledge $RAP $AP/api/slow
    cap $S django-200-invoice-apache-h2.txt 200 app django "HTTP/2 over TLS: invoice 1" "" -- -sv "${CA[@]}" $RAPS $APS/api/invoices/1
    cap $S django-422-post-apache-h2.txt 422 app django "HTTP/2: POST without ref, the view's JSON 422" "curl -si" -- -si -k $RAPS -X POST "${JSONH[@]}" -d '{"total":2}' $APS/api/invoices
fi

# ============ HAProxy (TLS + HTTP/2, app Server removed) -> Django (ASGI) under Hypercorn ==
if up haproxy; then
    log "capturing: Django under Hypercorn behind HAProxy"
    S=django-hypercorn-haproxy
    cap $S django-200-invoice-haproxy-h2.txt 200 app django "HTTP/2 over TLS: invoice 1" "X-Request-ID from HAProxy, no Server header" -- -sv "${CA[@]}" $RHAS $HAS/api/invoices/1
    cap $S django-404-invoice-haproxy-h2.txt 404 app django "HTTP/2: an unknown invoice, the view's JSON 404" "curl -si" -- -si "${CA[@]}" $RHAS $HAS/api/invoices/9
    caphttp $S django-401-account-haproxy-httpie.txt 401 app django "HTTPie over TLS, no token: the view's JSON 401" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:59545/api/account Host:$H
    cap $S django-201-post-haproxy.txt 201 app django "POST a new ref: the view's JSON 201" "" -- -sv $RHA -X POST "${JSONH[@]}" -d '{"ref":"LG-2004"}' $HA/api/invoices
    cap $S django-422-post-haproxy-h2.txt 422 app django "HTTP/2: POST without ref, the view's JSON 422" "curl -si" -- -si -k $RHAS -X POST "${JSONH[@]}" -d '{"total":2}' $HAS/api/invoices
    cap $S django-405-get-list-haproxy.txt 405 app django "GET on the POST-only list: the view's JSON 405" "" -- -sv $RHA $HA/api/invoices
    cap $S haproxy-429-exports-json-h2.txt 429 load-balancer haproxy "HTTP/2, /api/exports/: http-request return with a JSON 429" "" -- -sv "${CA[@]}" $RHAS $HAS/api/exports/daily
    caplt $S django-503-maintenance-haproxy.txt 503 app django "the app's own JSON 503 (maintenance)" "curl -sv, only the < lines kept" -- -sv $RHA $HA/api/maintenance
    capraw $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: http-request return with a JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RHA $HA/api/refunds/42
    cap $S haproxy-503-beta-empty-h2.txt 503 load-balancer haproxy "HTTP/2, /api/beta/: http-request return status 503, no body" "" -- -sv -k $RHAS $HAS/api/beta/labels
    cap $S django-502-payments-html-haproxy.txt 502 app django "the app's own HTML 502 page, passed on" "curl -si" -- -si $RHA $HA/api/payments
    cap $S django-504-bank-html-haproxy-h2.txt 504 app django "HTTP/2: the app's own HTML 504 page, passed on" "" -- -sv "${CA[@]}" $RHAS $HAS/api/bank
    cap $S django-500-boom-haproxy.txt 500 app django "a ZeroDivisionError, DEBUG off: Django's 'Server Error (500)'" "curl -si" -- -si $RHA $HA/api/boom
    cap $S django-404-route-haproxy-h2.txt 404 app django "HTTP/2, no route: Django's HTML 'Not Found'" "" -- -sv -k $RHAS $HAS/api/v2/invoices
    cap $S haproxy-504-slow-h2.txt 504 load-balancer haproxy "HTTP/2: the view sleeps 5 s, timeout server 2s: HAProxy's 504 page" "" -- -sv "${CA[@]}" $RHAS $HAS/api/slow
    capwin $S haproxy-503-legacy-down.txt 503 load-balancer haproxy "/legacy/: the only server is down by its check, 'No server is available'" "curl -si pasted with CRLF" -- -si $RHA $HA/legacy/invoices/1
    cap $S haproxy-404-unknown-host.txt 404 load-balancer haproxy "the bare IP as Host: deny_status 404, HAProxy's stock 404 page" "" -- -sv http://127.0.0.1:59582/api/invoices/1
    capwget $S haproxy-403-internal-wget.txt 403 load-balancer haproxy "/internal/: http-request deny, the stock 403 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59582/internal/metrics
    capcut $S haproxy-405-purge.txt 405 load-balancer haproxy "PURGE: deny_status 405, HAProxy's stock 405 page" "curl -si, body cut off after the headers" -- -si $RHA -X PURGE $HA/api/invoices/1
    cap $S haproxy-400-header-too-large.txt 400 load-balancer haproxy "a 20 KB header, over HAProxy's 16 KB buffer: its stock 400 page" "" -- -sv $RHA -H "$BIGH20" $HA/api/invoices/1
fi

# ======================================= Varnish (h2c) -> Flask under waitress ==
if up varnish; then
    log "capturing: Flask under waitress behind Varnish"
    S=flask-waitress-varnish
    cap $S flask-200-invoice-varnish-miss.txt 200 app flask "invoice 1, first request: a MISS" "X-Cache: MISS, Via: varnish" -- -sv $RVN $VN/api/invoices/1
    cap $S varnish-200-invoice-hit.txt 200 cdn-cache varnish "invoice 1 again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $RVN $VN/api/invoices/1
    cap $S flask-404-invoice-varnish.txt 404 app flask "an unknown invoice: the view's JSON 404 (not cached)" "" -- -sv $RVN $VN/api/invoices/9
    caphttp $S flask-401-account-varnish-httpie.txt 401 app flask "HTTPie, no token: the view's JSON 401, Via added" "HTTPie with colours" -- -v GET http://127.0.0.1:59590/api/account Host:$H
    capcut $S flask-409-post-varnish.txt 409 app flask "POST (passed) of an existing ref: the view's JSON 409" "curl -si, body cut off after the headers" -- -si $RVN -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $VN/api/invoices
    capraw $S flask-422-post-varnish.txt 422 app flask "POST without ref: the view's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RVN -X POST "${JSONH[@]}" -d '{"total":2}' $VN/api/invoices
    cap $S flask-429-quota-varnish.txt 429 app flask "the app's own JSON 429, Via added" "" -- -sv $RVN $VN/api/quota
    cap $S varnish-429-exports-synth.txt 429 cdn-cache varnish "/api/exports/: synth(429) with a JSON body" "curl -si" -- -si $RVN $VN/api/exports/daily
    caplt $S varnish-503-refunds-synth.txt 503 cdn-cache varnish "/api/refunds/: synth(503) with a JSON body" "curl -sv, only the < lines kept" -- -sv $RVN $VN/api/refunds/42
    cap $S varnish-503-beta-empty.txt 503 cdn-cache varnish "/api/beta/: a synth 503 with no body" "curl -si" -- -si $RVN $VN/api/beta/labels
    cap $S flask-502-payments-html-varnish.txt 502 app flask "the app's own HTML 502 page, passed on with Via" "" -- -sv $RVN $VN/api/payments
    cap $S flask-500-boom-varnish.txt 500 app flask "a ZeroDivisionError: Flask's HTML 500 page" "curl -si" -- -si $RVN $VN/api/boom
    cap $S flask-405-delete-varnish.txt 405 app flask "DELETE on an invoice (passed): Flask's HTML 405 page" "" -- -sv $RVN -X DELETE $VN/api/invoices/1
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the view sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "" -- -sv $RVN $VN/api/slow
    capwin $S varnish-503-legacy-down.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed'" "curl -si pasted with CRLF" -- -si $RVN $VN/legacy/invoices/1
    capwget $S varnish-404-unknown-host-wget.txt 404 cdn-cache varnish "a Host that is not ours: synth(404)" "wget -S -O-" -- --header="Host: shop.ledgerly.test" http://127.0.0.1:59590/api/invoices/1
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE: synth(405)" "curl -si" -- -si $RVN -X PURGE $VN/api/invoices/1
    cap $S flask-200-healthz-varnish-h2c.txt 200 app flask "HTTP/2 (h2c): /healthz, a MISS" "" -- -sv --http2-prior-knowledge $RVN $VN/healthz
    cap $S flask-404-route-varnish-h2c.txt 404 app flask "HTTP/2 (h2c), no route: Flask's HTML 404 page" "curl -si" -- -si --http2-prior-knowledge $RVN $VN/api/v2/invoices
fi

# ================================ Caddy (TLS + HTTP/2) -> Django (WSGI) under waitress ==
if up caddy; then
    log "capturing: Django under waitress behind Caddy"
    S=django-waitress-caddy
    cap $S django-200-invoice-caddy-h2.txt 200 app django "HTTP/2 over TLS: invoice 1" "X-Request-ID from Caddy" -- -sv "${CA[@]}" $RCDS $CDS/api/invoices/1
    cap $S django-404-invoice-caddy-h2.txt 404 app django "HTTP/2: an unknown invoice, the view's JSON 404" "curl -si" -- -si "${CA[@]}" $RCDS $CDS/api/invoices/9
    cap $S django-403-admin-caddy.txt 403 app django "the view's JSON 403" "" -- -sv $RCD $CD/api/admin
    caphttp $S django-409-post-caddy-httpie.txt 409 app django "HTTPie POST of an existing ref: the view's JSON 409" "HTTPie with colours" -- -v POST http://127.0.0.1:59583/api/invoices Host:$H:59583 ref=LG-1001
    cap $S caddy-429-exports-json-h2.txt 429 proxy caddy "HTTP/2, /api/exports/*: Caddy's respond with a JSON 429" "curl -si" -- -si "${CA[@]}" $RCDS $CDS/api/exports/daily
    capraw $S caddy-503-refunds-json.txt 503 proxy caddy "/api/refunds/*: Caddy's respond with a JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RCD $CD/api/refunds/42
    cap $S django-503-maintenance-caddy-h2.txt 503 app django "HTTP/2: the app's own JSON 503" "" -- -sv "${CA[@]}" $RCDS $CDS/api/maintenance
    capcut $S django-503-statements-html-caddy.txt 503 app django "the app's own HTML 503 page, passed on" "curl -si, body cut off after the headers" -- -si $RCD $CD/api/statements
    cap $S django-500-boom-caddy-h2.txt 500 app django "HTTP/2: Django's 'Server Error (500)'" "" -- -sv -k $RCDS $CDS/api/boom
    cap $S django-404-route-caddy.txt 404 app django "no route: Django's HTML 'Not Found'" "curl -si" -- -si $RCD $CD/api/v2/invoices
    cap $S caddy-504-slow-empty-h2.txt 504 proxy caddy "HTTP/2: the view sleeps 5 s, response_header_timeout 2s: Caddy's empty 504" "" -- -sv "${CA[@]}" $RCDS $CDS/api/slow
    capwin $S caddy-502-legacy-empty.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's empty 502" "curl -si pasted with CRLF" -- -si $RCD $CD/legacy/invoices/1
    caplt $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB: the 431 Caddy's Go server writes" "curl -sv, only the < lines kept" -- -sv $RCD -H "$BIGH8" $CD/api/invoices/1
    capwget $S caddy-504-slow-wget.txt 504 proxy caddy "the slow view again: Caddy's empty 504" "wget -S -O-" -- --header="Host: $H:59583" http://127.0.0.1:59583/api/slow
fi

# ========= Squid (three accelerator ports) -> Flask/Hypercorn, Django/uvicorn, Django/Hypercorn ==
if up squid; then
    log "capturing: Flask under Hypercorn behind Squid"
    S=flask-hypercorn-squid
    cap $S flask-200-invoice-squid.txt 200 app flask "invoice 1: a MISS, Flask's answer with Squid's Via, X-Cache and request id" "" -- -sv $RSQF $SQF/api/invoices/1
    cap $S flask-404-invoice-squid.txt 404 app flask "an unknown invoice: the view's JSON 404" "curl -si" -- -si $RSQF $SQF/api/invoices/9
    caphttp $S flask-401-account-squid-httpie.txt 401 app flask "HTTPie, no token: the view's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59550/api/account Host:$H
    cap $S flask-429-quota-squid.txt 429 app flask "the app's own JSON 429, Via from Squid" "" -- -sv $RSQF $SQF/api/quota
    capraw $S flask-504-bank-html-squid.txt 504 app flask "the app's own HTML 504 page, passed on" "curl -si saved to a file (CRs kept)" -- -si $RSQF $SQF/api/bank
    caplt $S flask-404-route-squid.txt 404 app flask "no route: Flask's HTML 404 page" "curl -sv, only the < lines kept" -- -sv $RSQF $SQF/api/v2/invoices
    cap $S squid-504-slow-flask.txt 504 cdn-cache squid "the view waits 5 s, read_timeout 2 seconds: ERR_READ_TIMEOUT" "curl -si" -- -si $RSQF $SQF/api/slow
    capwin $S squid-502-legacy-down-flask.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page" "curl -si pasted with CRLF" -- -si $RSQF $SQF/legacy/invoices/1
    cap $S squid-413-body-flask.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "" -- -sv $RSQF -X POST "${JSONH[@]}" -d "$BIGBODY" $SQF/api/invoices
    log "capturing: Django under uvicorn behind Squid"
    S=django-uvicorn-squid
    cap $S django-200-invoice-squid-uvicorn.txt 200 app django "invoice 1 through Squid's second port, Server: uvicorn" "" -- -sv $RSQD $SQD/api/invoices/1
    cap $S django-404-invoice-squid-uvicorn.txt 404 app django "an unknown invoice: the view's JSON 404" "curl -si" -- -si $RSQD $SQD/api/invoices/9
    cap $S django-201-post-squid-uvicorn.txt 201 app django "POST a new ref: the view's JSON 201" "" -- -sv $RSQD -X POST "${JSONH[@]}" -d '{"ref":"LG-2005"}' $SQD/api/invoices
    caphttp $S django-422-post-squid-uvicorn-httpie.txt 422 app django "HTTPie POST without ref: the view's JSON 422" "HTTPie with colours" -- -v POST http://127.0.0.1:59551/api/invoices Host:$H total:=2
    cap $S django-503-maintenance-squid-uvicorn.txt 503 app django "the app's own JSON 503" "curl -si" -- -si $RSQD $SQD/api/maintenance
    capraw $S django-502-payments-html-squid-uvicorn.txt 502 app django "the app's own HTML 502 page, passed on" "curl -si saved to a file (CRs kept)" -- -si $RSQD $SQD/api/payments
    cap $S django-500-boom-squid-uvicorn.txt 500 app django "Django's 'Server Error (500)' under uvicorn" "" -- -sv $RSQD $SQD/api/boom
    capcut $S squid-504-slow-djuvicorn.txt 504 cdn-cache squid "the view waits 5 s: ERR_READ_TIMEOUT" "curl -si, body cut off after the headers" -- -si $RSQD $SQD/api/slow
    capwget $S squid-403-internal-djuvicorn-wget.txt 403 cdn-cache squid "/internal/ denied: ERR_ACCESS_DENIED" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59551/internal/metrics
    cap $S squid-431-header-too-large-djuvicorn.txt 431 cdn-cache squid "a 3 KB header, request_header_max_size 2 KB: Squid's own answer" "" -- -sv $RSQD -H "$BIGH3" $SQD/api/invoices/1
    log "capturing: Django under Hypercorn behind Squid"
    S=django-hypercorn-squid
    cap $S django-200-invoice-squid-hypercorn.txt 200 app django "invoice 1 through Squid's third port" "Via, X-Cache, Squid's request id" -- -sv $RSQA $SQA/api/invoices/1
    cap $S django-404-invoice-squid-hypercorn.txt 404 app django "an unknown invoice: the view's JSON 404" "curl -si" -- -si $RSQA $SQA/api/invoices/9
    caplt $S django-403-admin-squid-hypercorn.txt 403 app django "the view's JSON 403" "curl -sv, only the < lines kept" -- -sv $RSQA $SQA/api/admin
    capwin $S django-409-post-squid-hypercorn.txt 409 app django "POST of an existing ref: the view's JSON 409" "curl -si pasted with CRLF" -- -si $RSQA -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $SQA/api/invoices
    cap $S django-503-statements-html-squid-hypercorn.txt 503 app django "the app's own HTML 503 page, passed on" "" -- -sv $RSQA $SQA/api/statements
    caphttp $S django-500-boom-squid-hypercorn-httpie.txt 500 app django "HTTPie: Django's 'Server Error (500)'" "HTTPie with colours" -- -v GET http://127.0.0.1:59552/api/boom Host:$H
    cap $S squid-504-slow-djhypercorn.txt 504 cdn-cache squid "the view waits 5 s: ERR_READ_TIMEOUT" "" -- -sv $RSQA $SQA/api/slow
    cap $S squid-502-legacy-down-djhypercorn.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page" "curl -si" -- -si $RSQA $SQA/legacy/invoices/1
    cap $S squid-403-unknown-host-djhypercorn.txt 403 cdn-cache squid "a Host that is not ours: ERR_ACCESS_DENIED" "" -- -sv http://127.0.0.1:59552/api/invoices/1
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-503-refunds-json.txt 0/503 proxy nginx "nginx's own JSON 503 for /api/refunds/" "no number" -- -k $RNGS $NGS/api/refunds/7
up nginx && capbody $S body-nginx-504-slow.txt 504/504 proxy nginx "nginx's 504 page (server_tokens off)" "" -- $RNG $NG/api/slow
up nginx && capbody $S body-flask-429-quota.txt 0/429 app flask "the app's own JSON 429" "no number" -- $RNG $NG/api/quota
up apache && capbody $S body-apache-502-proxy-error.txt 502/502 proxy apache "Apache's 'Proxy Error' page" "" -- $RAP $AP/api/slow
up apache && capbody $S body-django-502-payments-html.txt 502/502 app django "the app's own HTML 502 page (its title says 502)" "" -- $RAP $AP/api/payments
up haproxy && capbody $S body-haproxy-503-refunds-json.txt 0/503 load-balancer haproxy "HAProxy's JSON 503" "no number" -- -k $RHAS $HAS/api/refunds/3
up haproxy && capbody $S body-django-500-boom.txt 500/500 app django "Django's 'Server Error (500)' page" "" -- $RHA $HA/api/boom
up varnish && capbody $S body-varnish-503-backend-fetch.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page (its title says 503)" "" -- $RVN $VN/legacy/invoices/3
up varnish && capbody $S body-flask-422-post.txt 0/422 app flask "the view's JSON 422 (error code and message)" "no number" -- $RVN -X POST "${JSONH[@]}" -d '{"total":3}' $VN/api/invoices
up caddy && capbody $S body-caddy-429-exports-json.txt 0/429 proxy caddy "Caddy's respond JSON 429" "no number" -- -k $RCDS $CDS/api/exports/monthly
up squid && capbody $S body-squid-504-slow.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page" "no number" -- $RSQF $SQF/api/slow
up squid && capbody $S body-django-404-route.txt 0/404 app django "Django's HTML 'Not Found' page" "no number" -- $RSQD $SQD/api/v3/invoices

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-503-beta-empty-h2.txt 503 proxy nginx "curl -sI over HTTP/2 on /api/beta/: nginx's empty 503" "" -- -k $RNGS $NGS/api/beta/labels
up caddy && caphead $S head-caddy-502-legacy-h2.txt 502 proxy caddy "curl -sI over HTTP/2 on the dead /legacy/ upstream: Caddy's 502" "" -- -k $RCDS $CDS/legacy/invoices/1
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on invoice 1, stored" "X-Cache: HIT" -- $RVN $VN/api/invoices/1
up haproxy && caphead $S head-haproxy-503-legacy-h2.txt 503 load-balancer haproxy "curl -sI over HTTP/2 on /legacy/: HAProxy's 'No server is available'" "" -- -k $RHAS $HAS/legacy/invoices/1
up apache && caphead $S head-apache-503-refunds.txt 503 proxy apache "curl -sI on /api/refunds/: Apache's 503" "" -- $RAP $AP/api/refunds/1
up squid && caphead $S head-squid-504-slow.txt 504 cdn-cache squid "curl -sI on the slow view: Squid's read timeout" "" -- $RSQD $SQD/api/slow
up varnish && caphead $S head-flask-200-invoice-miss.txt 200 app flask "curl -sI on a URL Varnish has not stored: a MISS, Varnish fetches it from Flask with GET" "X-Cache: MISS" -- $RVN "$VN/api/invoices/1?view=summary"

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round59/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
