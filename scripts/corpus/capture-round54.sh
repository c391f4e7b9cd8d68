#!/usr/bin/env bash
# capture-round54.sh — build the fifty-fourth held-out evidence corpus in
# tests/fixtures/evidence-round54/.
#
# "Servers never seen, failing the way the issue describes": one small orders
# API written five times, on frameworks and servers no earlier round used
# (Muffin and Nexios under uvicorn, baize under eventlet.wsgi, Node's
# connect, a plain WSGI app under Paste's httpserver), behind ten fronts:
# three that no earlier round used (sniproxy, netius's reverse proxy, a
# gateway built on paste.proxy) and five mainstream ones in pairings not seen
# before (nginx, Apache, HAProxy, Varnish, Squid, Caddy). Each front adds
# its own request id to everything it can, answers some paths itself with a
# JSON 429 or 503, some with an empty body, and fails in its stock ways
# (dead upstream, slow upstream, unknown Host, body, URI or header too large).
# Paste forms: curl -v/-i transcripts (some with their CRs, some with CRLF),
# HTTPie with colours, body-only and headers-only pastes, `wget -S -O-`.
#
#   scripts/corpus/capture-round54.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round54.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round54.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round54.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-53: every server binds 127.0.0.1 (ports 59000-59099)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs run under
# `nice -n 15`. Labels are written by finish_round54.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round54"
RUN=/tmp/api-triage-corpus54
STAGE="$RUN/evidence"
CONF="$HERE/conf-round54"
APPS="$HERE/apps54"
VENV=${CORPUS_VENV54:-/tmp/api-triage-corpus54-venv}
NODE_DIR=${CORPUS_NODE54:-/tmp/api-triage-corpus54-node}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(muffin==3.0.3 uvicorn==0.55.0 nexios==3.12.3 baize==0.23.1 eventlet==0.41.3 paste==3.10.1 netius==1.64.0)
NPM=(connect@3.7.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus54 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openssl python3-venv nodejs apache2 nginx haproxy varnish squid caddy sniproxy)
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
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import muffin, uvicorn, nexios, baize, eventlet, paste, netius" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # connect, from npm
    [[ -e $NODE_DIR/node_modules/connect/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus54","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round54.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "connect is missing (${SKIPPED[npm]})"
have openssl || die "openssl is missing"

# apps: Muffin 59010 (nginx) and 59011 (netius), baize/eventlet 59012
# (Apache) and 59013 (Paste gateway), connect 59014 (HAProxy) and 59015
# (sniproxy), Nexios 59016 (Varnish) and 59017 (Caddy), Paste app 59018
# (Squid). 59099 is never listened on.
APP_PORTS=(59010 59011 59012 59013 59014 59015 59016 59017 59018)
FRONT_PORTS=(59080 59043 59081 59082 59045 59090 59050 59083 59044 59084 59085 59086)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 59099; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: a self-signed cert for the HTTP/2 ports of nginx and Caddy --------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Parcelworks/CN=orders.parcel.test" \
    -addext "subjectAltName=DNS:orders.parcel.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
UVI=(nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --no-access-log)
start_bg muffin "${UVI[@]}" --port 59010 muffin_app:app
start_bg muffin2 "${UVI[@]}" --port 59011 muffin_app:app
start_bg eventlet nice -n 5 "$VENV/bin/python" "$APPS/eventlet_serve.py" 59012
start_bg eventlet2 nice -n 5 "$VENV/bin/python" "$APPS/eventlet_serve.py" 59013
start_bg connect env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/connect_app.js" 59014
start_bg connect2 env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/connect_app.js" 59015
start_bg nexios "${UVI[@]}" --port 59016 nexios_app:app
start_bg nexios2 "${UVI[@]}" --port 59017 nexios_app:app
start_bg paste nice -n 5 "$VENV/bin/python" "$APPS/paste_app.py" 59018
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/www/docs
    : >"$RUN/nginx/www/empty-503"
    printf '<!doctype html><title>Parcelworks API docs</title><h1>Parcelworks API</h1>\n' >"$RUN/nginx/www/docs/index.html"
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 59080 nginx && wait_port 59043 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
    printf '{"error":"too_many_requests","message":"export quota for this key is used up","retry_after":60}\n' >"$RUN/apache/errors/rate-limited.json"
    printf '{"error":"maintenance","message":"returns are switched off until 18:00 UTC"}\n' >"$RUN/apache/errors/maintenance.json"
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 59081 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    cp "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
        start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
        wait_port 59082 haproxy && wait_port 59045 haproxy && UP[haproxy]=1
    else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:59090 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m -p feature=+http2
    wait_port 59090 varnish && UP[varnish]=1
fi
if have squid; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || true
    start_bg squid squid -N -n corpus54 -f "$RUN/squid/squid.conf"
    wait_port 59050 squid && UP[squid]=1
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
        caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 59083 caddy && wait_port 59044 caddy && UP[caddy]=1
fi
if have sniproxy; then
    mkdir -p "$RUN/sniproxy"
    chmod 777 "$RUN/sniproxy"
    render "$CONF/sniproxy.conf" "$RUN/sniproxy/sniproxy.conf"
    start_bg sniproxy sniproxy -f -c "$RUN/sniproxy/sniproxy.conf"
    wait_port 59084 sniproxy && UP[sniproxy]=1
fi
start_bg netius nice -n 5 "$VENV/bin/python" "$APPS/netius_proxy.py" 59085 59011 59099
wait_port 59085 netius && UP[netius]=1
start_bg pastegw nice -n 5 "$VENV/bin/python" "$APPS/paste_gateway.py" 59086 59013 59099
wait_port 59086 pastegw && UP[pastegw]=1
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 54 (held out): real responses captured by
# scripts/corpus/capture-round54.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-53:
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

H=orders.parcel.test
NG=http://$H:59080 NGS=https://$H:59043 AP=http://$H:59081 HA=http://$H:59082 HA2=http://$H:59045
VN=http://$H:59090 SQ=http://$H:59050 CD=http://$H:59083 CDS=https://$H:59044 SN=http://$H:59084
NX=http://$H:59085 GW=http://$H:59086
# one --resolve per front keeps the transcripts short
RNG="--resolve $H:59080:127.0.0.1" RNGS="--resolve $H:59043:127.0.0.1" RAP="--resolve $H:59081:127.0.0.1"
RHA="--resolve $H:59082:127.0.0.1" RHA2="--resolve $H:59045:127.0.0.1" RVN="--resolve $H:59090:127.0.0.1"
RSQ="--resolve $H:59050:127.0.0.1" RCD="--resolve $H:59083:127.0.0.1" RCDS="--resolve $H:59044:127.0.0.1"
RSN="--resolve $H:59084:127.0.0.1" RNX="--resolve $H:59085:127.0.0.1" RGW="--resolve $H:59086:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
LONGQ=$(printf 'q%.0s' $(seq 1 1500))
BIGH="X-Trace-Context: $(printf 't%.0s' $(seq 1 1500))"
BIGH3="X-Trace-Context: $(printf 't%.0s' $(seq 1 3000))"
BIGH8="X-Trace-Context: $(printf 't%.0s' $(seq 1 8000))"
BIGBODY=$(printf '{"ref":"PW-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")

# ========================================== nginx -> Muffin under uvicorn ==
if up nginx; then
    log "capturing: Muffin under uvicorn behind nginx"
    S=muffin-uvicorn-nginx
    cap $S muffin-200-order-nginx.txt 200 app muffin "order 1 through nginx" "X-Request-ID from nginx, server: nginx" -- -sv $RNG $NG/api/orders/1
    cap $S muffin-404-order-nginx.txt 404 app muffin "an unknown order: the handler's JSON 404" "curl -si" -- -si $RNG $NG/api/orders/9
    caphttp $S muffin-401-account-nginx-httpie.txt 401 app muffin "HTTPie, no token: the handler's JSON 401 with WWW-Authenticate: Bearer" "HTTPie with colours" -- -v GET http://127.0.0.1:59080/api/account Host:$H
    cap $S muffin-409-post-nginx.txt 409 app muffin "POST an order whose ref exists: the handler's JSON 409" "" -- -sv $RNG -X POST "${JSONH[@]}" -d '{"ref":"PW-1001"}' $NG/api/orders
    capraw $S muffin-422-post-nginx.txt 422 app muffin "POST without ref: the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RNG -X POST "${JSONH[@]}" -d '{"items":2}' $NG/api/orders
    cap $S muffin-429-quota-nginx.txt 429 app muffin "the app's own rate limit: JSON 429 with Retry-After, passed on by nginx" "" -- -sv $RNG $NG/api/quota
    quiet $RNG $NG/api/exports/daily
    cap $S nginx-429-exports-json.txt 429 proxy nginx "limit_req on /api/exports/ (1 a minute), the second request: nginx's own JSON 429 from error_page" "X-Request-ID from nginx" -- -sv $RNG $NG/api/exports/daily
    cap $S muffin-503-maintenance-nginx.txt 503 app muffin "the app's own JSON 503 (maintenance, Retry-After)" "curl -si" -- -si $RNG $NG/api/maintenance
    cap $S nginx-503-returns-json.txt 503 proxy nginx "/api/returns/: nginx answers a JSON 503 itself (return 503 '...')" "" -- -sv $RNG $NG/api/returns/42
    cap $S nginx-503-beta-empty.txt 503 proxy nginx "/api/beta/: nginx answers 503 with an empty body; only Server: names it" "curl -si" -- -si $RNG $NG/api/beta/labels
    capwin $S muffin-502-payments-html-nginx.txt 502 app muffin "the app's own HTML 502 page (its payment provider failed), passed on" "curl -si pasted with CRLF" -- -si $RNG $NG/api/payments
    cap $S muffin-504-carrier-html-nginx.txt 504 app muffin "the app's own HTML 504 page (its carrier timed out), passed on" "" -- -sv $RNG $NG/api/carrier
    cap $S muffin-500-boom-nginx.txt 500 app muffin "a ZeroDivisionError: Muffin's plain 500" "curl -si" -- -si $RNG $NG/api/boom
    cap $S muffin-404-route-nginx.txt 404 app muffin "no route: Muffin's plain 404" "" -- -sv $RNG $NG/api/v2/orders
    cap $S nginx-504-slow.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 2s: nginx's 504 page" "" -- -sv $RNG $NG/api/slow
    capwget $S nginx-502-legacy-wget.txt 502 proxy nginx "/legacy/ to a port nobody listens on: nginx's 502 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59080/legacy/orders/1
    cap $S nginx-404-unknown-host.txt 404 proxy nginx "the bare IP as Host: the default server's 'return 404'" "curl -si" -- -si http://127.0.0.1:59080/api/orders/1
    cap $S nginx-413-body.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's 413 page" "" -- -sv $RNG -X POST "${JSONH[@]}" -d "$BIGBODY" $NG/api/orders
    cap $S nginx-414-uri.txt 414 proxy nginx "a 1.5 KB query string, 1k header buffers: nginx's 414 page" "curl -si" -- -si $RNG "$NG/api/orders?q=$LONGQ"
    cap $S nginx-400-header-too-large.txt 400 proxy nginx "a 1.5 KB header, 1k buffers: nginx's 400 'Request Header Or Cookie Too Large'" "" -- -sv $RNG -H "$BIGH" $NG/api/orders/1
    cap $S nginx-405-docs-post.txt 405 proxy nginx "POST to the static /docs/ folder: nginx's 405 page" "curl -si" -- -si $RNG -X POST -d 'x=1' $NG/docs/index.html
    cap $S muffin-200-order-nginx-h2.txt 200 app muffin "HTTP/2 over TLS: order 1" "" -- -sv -k $RNGS $NGS/api/orders/1
    cap $S muffin-503-tracking-html-nginx-h2.txt 503 app muffin "HTTP/2: the app's own HTML 503 page (tracking paused), passed on" "curl -si" -- -si -k $RNGS $NGS/api/tracking
    cap $S nginx-429-exports-json-h2.txt 429 proxy nginx "HTTP/2: /api/exports/ still limited: nginx's JSON 429" "" -- -sv -k $RNGS $NGS/api/exports/weekly
    cap $S nginx-504-slow-h2.txt 504 proxy nginx "HTTP/2: the slow handler, nginx's 504" "curl -si" -- -si -k $RNGS $NGS/api/slow
fi

# ============================== Apache -> baize under eventlet.wsgi ==
if up apache; then
    log "capturing: baize under eventlet.wsgi behind Apache"
    S=baize-eventlet-apache
    cap $S baize-200-order-apache.txt 200 app baize "order 1 through Apache" "Via from ProxyVia, X-Request-Id from mod_unique_id" -- -sv $RAP $AP/api/orders/1
    cap $S baize-404-order-apache.txt 404 app baize "an unknown order: the view's JSON 404, with Apache's Via" "curl -si" -- -si $RAP $AP/api/orders/9
    cap $S baize-403-admin-apache.txt 403 app baize "the view's JSON 403" "" -- -sv $RAP $AP/api/admin
    caphttp $S baize-409-post-apache-httpie.txt 409 app baize "HTTPie POST of an existing ref: the view's JSON 409" "HTTPie with colours" -- -v POST http://127.0.0.1:59081/api/orders Host:$H ref=PW-1001
    cap $S baize-429-quota-apache.txt 429 app baize "the app's own JSON 429, Via added by Apache" "curl -si" -- -si $RAP $AP/api/quota
    cap $S apache-429-exports-json.txt 429 proxy apache "/api/exports/: mod_rewrite R=429 with a JSON ErrorDocument, Apache's own answer" "" -- -sv $RAP $AP/api/exports/daily
    capraw $S apache-503-returns-json.txt 503 proxy apache "/api/returns/: mod_rewrite R=503 with a JSON maintenance ErrorDocument" "curl -si saved to a file (CRs kept)" -- -si $RAP $AP/api/returns/42
    cap $S baize-503-maintenance-apache.txt 503 app baize "the app's own JSON 503 (maintenance), Via added" "" -- -sv $RAP $AP/api/maintenance
    cap $S baize-502-payments-html-apache.txt 502 app baize "the app's own HTML 502 page, passed on with Via" "curl -si" -- -si $RAP $AP/api/payments
    cap $S eventlet-500-boom-apache.txt 500 app eventlet "an exception in the view: eventlet.wsgi's empty 500 (debug off), Via added" "" -- -sv $RAP $AP/api/boom
    cap $S baize-404-route-apache.txt 404 app baize "no route: baize's Router answers 404 with no body" "curl -si" -- -si $RAP $AP/api/v2/orders
    cap $S apache-502-slow.txt 502 proxy apache "the view sleeps 5 s, ProxyTimeout 2: Apache's 'Proxy Error' page" "" -- -sv $RAP $AP/api/slow
    capwin $S apache-503-legacy-down.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503 page" "curl -si pasted with CRLF" -- -si $RAP $AP/legacy/orders/1
    cap $S apache-404-unknown-host.txt 404 proxy apache "the bare IP as Host: the first virtual host, an empty folder: Apache's 404 page" "" -- -sv http://127.0.0.1:59081/api/orders/1
    cap $S apache-414-uri.txt 414 proxy apache "a 1.5 KB query string, LimitRequestLine 1024: Apache's 414 page" "" -- -sv $RAP "$AP/api/orders?q=$LONGQ"
    cap $S apache-400-header-too-large.txt 400 proxy apache "a 1.5 KB header, LimitRequestFieldSize 1024: Apache's 400 page" "curl -si" -- -si $RAP -H "$BIGH" $AP/api/orders/1
    cap $S baize-200-order-apache-h2c.txt 200 app baize "HTTP/2 (h2c, prior knowledge): order 1" "" -- -sv --http2-prior-knowledge $RAP $AP/api/orders/1
    cap $S apache-502-slow-h2c.txt 502 proxy apache "HTTP/2 (h2c): the slow view, Apache's 'Proxy Error'" "curl -si" -- -si --http2-prior-knowledge $RAP $AP/api/slow
fi

# ==================================== HAProxy -> connect (Node) ==
if up haproxy; then
    log "capturing: connect behind HAProxy"
    S=connect-haproxy
    cap $S connect-200-order-haproxy.txt 200 app connect "order 1 through HAProxy" "X-Request-ID set by http-after-response" -- -sv $RHA $HA/api/orders/1
    cap $S connect-404-order-haproxy.txt 404 app connect "an unknown order: the handler's JSON 404" "curl -si" -- -si $RHA $HA/api/orders/9
    caphttp $S connect-401-account-haproxy-httpie.txt 401 app connect "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59082/api/account Host:$H
    cap $S connect-422-post-haproxy.txt 422 app connect "POST without ref: the handler's JSON 422" "" -- -sv $RHA -X POST "${JSONH[@]}" -d '{"items":2}' $HA/api/orders
    cap $S connect-429-quota-haproxy.txt 429 app connect "the app's own JSON 429" "curl -si" -- -si $RHA $HA/api/quota
    cap $S haproxy-429-exports-json.txt 429 load-balancer haproxy "/api/exports/: http-request return with a JSON 429" "" -- -sv $RHA $HA/api/exports/daily
    cap $S connect-503-maintenance-haproxy.txt 503 app connect "the app's own JSON 503 (maintenance)" "curl -si" -- -si $RHA $HA/api/maintenance
    capraw $S haproxy-503-returns-json.txt 503 load-balancer haproxy "/api/returns/: http-request return with a JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RHA $HA/api/returns/42
    cap $S haproxy-503-beta-empty.txt 503 load-balancer haproxy "/api/beta/: http-request return status 503 with no body" "" -- -sv $RHA $HA/api/beta/labels
    cap $S connect-504-carrier-html-haproxy.txt 504 app connect "the app's own HTML 504 page, passed on" "curl -si" -- -si $RHA $HA/api/carrier
    cap $S connect-500-boom-haproxy.txt 500 app connect "an error passed to next(): connect's final handler writes its 500 page" "" -- -sv $RHA $HA/api/boom
    cap $S connect-404-route-haproxy.txt 404 app connect "no route: connect's final handler 'Cannot GET'" "curl -si" -- -si $RHA $HA/api/v2/orders
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "the handler waits 5 s, timeout server 2s: HAProxy's 504 page" "" -- -sv $RHA $HA/api/slow
    capwin $S haproxy-503-legacy-down.txt 503 load-balancer haproxy "/legacy/: the only server is down by its check: 'No server is available'" "curl -si pasted with CRLF" -- -si $RHA $HA/legacy/orders/1
    cap $S haproxy-404-unknown-host.txt 404 load-balancer haproxy "the bare IP as Host: deny_status 404, HAProxy's stock 404 page" "" -- -sv http://127.0.0.1:59082/api/orders/1
    capwget $S haproxy-403-internal-wget.txt 403 load-balancer haproxy "/internal/: http-request deny, the stock 403 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59082/internal/metrics
    cap $S haproxy-400-bad-header.txt 400 load-balancer haproxy "a header name with a space in it: HAProxy's 400 page" "curl -si" -- -si $RHA -H 'X Trace: 1' $HA/api/orders/1
    cap $S connect-200-order-haproxy-h2c.txt 200 app connect "HTTP/2 (h2c): order 1" "" -- -sv --http2-prior-knowledge $RHA2 $HA2/api/orders/1
    cap $S haproxy-429-exports-json-h2c.txt 429 load-balancer haproxy "HTTP/2 (h2c): HAProxy's JSON 429" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/exports/weekly
fi

# ======================================= Varnish -> Nexios under uvicorn ==
if up varnish; then
    log "capturing: Nexios under uvicorn behind Varnish"
    S=nexios-uvicorn-varnish
    cap $S nexios-200-order-varnish-miss.txt 200 app nexios "order 1, first request: a MISS" "X-Cache: MISS, Via: varnish" -- -sv $RVN $VN/api/orders/1
    cap $S varnish-200-order-hit.txt 200 cdn-cache varnish "order 1 again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $RVN $VN/api/orders/1
    cap $S nexios-404-order-varnish.txt 404 app nexios "an unknown order: the handler's JSON 404 (not cached)" "" -- -sv $RVN $VN/api/orders/9
    cap $S nexios-403-admin-varnish.txt 403 app nexios "the handler's JSON 403" "curl -si" -- -si $RVN $VN/api/admin
    cap $S nexios-409-post-varnish.txt 409 app nexios "POST (passed) of an existing ref: the handler's JSON 409" "" -- -sv $RVN -X POST "${JSONH[@]}" -d '{"ref":"PW-1001"}' $VN/api/orders
    caphttp $S nexios-429-quota-varnish-httpie.txt 429 app nexios "HTTPie: the app's own JSON 429, Via added by Varnish" "HTTPie with colours" -- -v GET http://127.0.0.1:59090/api/quota Host:$H
    cap $S varnish-429-exports-synth.txt 429 cdn-cache varnish "/api/exports/: synth(429) with a JSON body" "curl -si" -- -si $RVN $VN/api/exports/daily
    cap $S nexios-503-maintenance-varnish.txt 503 app nexios "the app's own JSON 503 (maintenance), Via added" "" -- -sv $RVN $VN/api/maintenance
    capraw $S varnish-503-returns-synth.txt 503 cdn-cache varnish "/api/returns/: synth(503) with a JSON maintenance body" "curl -si saved to a file (CRs kept)" -- -si $RVN $VN/api/returns/42
    cap $S varnish-503-beta-empty.txt 503 cdn-cache varnish "/api/beta/: a synth 503 delivered with no body" "" -- -sv $RVN $VN/api/beta/labels
    cap $S nexios-503-tracking-html-varnish.txt 503 app nexios "the app's own HTML 503 page, passed on with Via" "curl -si" -- -si $RVN $VN/api/tracking
    cap $S nexios-500-boom-varnish.txt 500 app nexios "a ZeroDivisionError: Nexios's plain 'Internal Server Error'" "" -- -sv $RVN $VN/api/boom
    cap $S nexios-404-route-varnish.txt 404 app nexios "no route: Nexios's JSON 404" "curl -si" -- -si $RVN $VN/api/v2/orders
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the handler sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "" -- -sv $RVN $VN/api/slow
    capwin $S varnish-503-legacy-down.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed'" "curl -si pasted with CRLF" -- -si $RVN $VN/legacy/orders/1
    cap $S varnish-404-unknown-host.txt 404 cdn-cache varnish "the bare IP as Host: synth(404), the builtin synth page" "" -- -sv http://127.0.0.1:59090/api/orders/1
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE: synth(405)" "curl -si" -- -si $RVN -X PURGE $VN/api/orders/1
    cap $S nexios-200-healthz-varnish-h2c.txt 200 app nexios "HTTP/2 (h2c): /healthz, a MISS" "" -- -sv --http2-prior-knowledge $RVN $VN/healthz
    cap $S varnish-503-slow-h2c.txt 503 cdn-cache varnish "HTTP/2 (h2c): the slow handler, 'Backend fetch failed'" "curl -si" -- -si --http2-prior-knowledge $RVN $VN/api/slow
fi

# =============================================== Squid -> Paste app ==
if up squid; then
    log "capturing: the Paste app behind Squid"
    S=paste-squid
    cap $S paste-200-order-squid-miss.txt 200 app paste "order 1: a MISS, Paste's answer with Squid's Via and X-Cache" "" -- -sv $RSQ $SQ/api/orders/1
    cap $S paste-404-order-squid.txt 404 app paste "an unknown order: the app's JSON 404" "curl -si" -- -si $RSQ $SQ/api/orders/9
    caphttp $S paste-401-account-squid-httpie.txt 401 app paste "HTTPie, no token: the app's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59050/api/account Host:$H
    cap $S paste-409-post-squid.txt 409 app paste "POST of an existing ref: the app's JSON 409" "" -- -sv $RSQ -X POST "${JSONH[@]}" -d '{"ref":"PW-1001"}' $SQ/api/orders
    cap $S paste-422-post-squid.txt 422 app paste "POST without ref: the app's JSON 422" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"items":2}' $SQ/api/orders
    cap $S paste-429-quota-squid.txt 429 app paste "the app's own JSON 429, Via from Squid" "" -- -sv $RSQ $SQ/api/quota
    capraw $S paste-503-maintenance-squid.txt 503 app paste "the app's own JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RSQ $SQ/api/maintenance
    cap $S paste-504-carrier-html-squid.txt 504 app paste "the app's own HTML 504 page, passed on with Via" "" -- -sv $RSQ $SQ/api/carrier
    cap $S paste-500-boom-squid.txt 500 app paste "an exception in the app: Paste's httpserver writes 'Internal Server Error'" "curl -si" -- -si $RSQ $SQ/api/boom
    cap $S paste-404-route-squid.txt 404 app paste "no route: Paste's httpexceptions 404 page" "" -- -sv $RSQ $SQ/api/v2/orders
    cap $S paste-405-delete-squid.txt 405 app paste "DELETE on an order: Paste's httpexceptions 405 page" "curl -si" -- -si $RSQ -X DELETE $SQ/api/orders/1
    cap $S squid-504-slow.txt 504 cdn-cache squid "the app sleeps 5 s, read_timeout 2 seconds: ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/slow
    capwin $S squid-502-legacy-down.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page" "curl -si pasted with CRLF" -- -si $RSQ $SQ/legacy/orders/1
    cap $S squid-403-unknown-host.txt 403 cdn-cache squid "a Host that is not ours: http_access deny, ERR_ACCESS_DENIED" "" -- -sv http://127.0.0.1:59050/api/orders/1
    capwget $S squid-403-internal-wget.txt 403 cdn-cache squid "/internal/ denied: ERR_ACCESS_DENIED" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59050/internal/metrics
    cap $S squid-413-body.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" -d "$BIGBODY" $SQ/api/orders
    cap $S squid-431-header-too-large.txt 431 cdn-cache squid "a 3 KB header, request_header_max_size 2 KB: Squid's own answer" "" -- -sv $RSQ -H "$BIGH3" $SQ/api/orders/1
fi

# =========================================== Caddy -> Nexios under uvicorn ==
if up caddy; then
    log "capturing: Nexios under uvicorn behind Caddy"
    S=nexios-uvicorn-caddy
    cap $S nexios-200-order-caddy.txt 200 app nexios "order 1 through Caddy" "X-Request-ID from Caddy, Server: Caddy" -- -sv $RCD $CD/api/orders/1
    cap $S nexios-404-order-caddy.txt 404 app nexios "an unknown order: the handler's JSON 404" "curl -si" -- -si $RCD $CD/api/orders/9
    caphttp $S nexios-401-account-caddy-httpie.txt 401 app nexios "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59083/api/account Host:$H:59083
    cap $S nexios-422-post-caddy.txt 422 app nexios "POST without ref: the handler's JSON 422" "" -- -sv $RCD -X POST "${JSONH[@]}" -d '{"items":2}' $CD/api/orders
    cap $S nexios-429-quota-caddy.txt 429 app nexios "the app's own JSON 429" "curl -si" -- -si $RCD $CD/api/quota
    cap $S caddy-429-exports-json.txt 429 proxy caddy "/api/exports/*: Caddy's respond with a JSON 429" "" -- -sv $RCD $CD/api/exports/daily
    capraw $S caddy-503-returns-json.txt 503 proxy caddy "/api/returns/*: Caddy's respond with a JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RCD $CD/api/returns/42
    cap $S nexios-503-maintenance-caddy.txt 503 app nexios "the app's own JSON 503 (maintenance)" "" -- -sv $RCD $CD/api/maintenance
    cap $S nexios-502-payments-html-caddy.txt 502 app nexios "the app's own HTML 502 page, passed on" "curl -si" -- -si $RCD $CD/api/payments
    cap $S caddy-504-slow-empty.txt 504 proxy caddy "the handler sleeps 5 s, response_header_timeout 2s: Caddy's 504, empty body" "" -- -sv $RCD $CD/api/slow
    capwin $S caddy-502-legacy-empty.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, empty body" "curl -si pasted with CRLF" -- -si $RCD $CD/legacy/orders/1
    cap $S caddy-502-body-limit-empty.txt 502 proxy caddy "a 3 KB body, request_body max_size 1KB: the limit trips while Caddy streams the body upstream, and Caddy answers 502 with an empty body" "not the 413 one might expect" -- -sv $RCD -X POST "${JSONH[@]}" -d "$BIGBODY" $CD/api/orders
    cap $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB (plus Go's 4 KB slack): the 431 Caddy's Go server writes" "curl -si" -- -si $RCD -H "$BIGH8" $CD/api/orders/1
    cap $S nexios-200-order-caddy-h2.txt 200 app nexios "HTTP/2 over TLS: order 1" "curl -si" -- -si -k $RCDS $CDS/api/orders/1
    cap $S nexios-500-boom-caddy-h2.txt 500 app nexios "HTTP/2: Nexios's plain 500 for the ZeroDivisionError" "" -- -sv -k $RCDS $CDS/api/boom
    cap $S caddy-502-legacy-empty-h2.txt 502 proxy caddy "HTTP/2: the dead /legacy/ upstream, Caddy's empty 502" "curl -si" -- -si -k $RCDS $CDS/legacy/orders/2
    cap $S nexios-405-delete-caddy.txt 405 app nexios "DELETE on an order: Nexios's 405" "" -- -sv $RCD -X DELETE $CD/api/orders/1
fi

# ============================================ sniproxy -> connect (Node) ==
if up sniproxy; then
    log "capturing: connect behind sniproxy (plain HTTP, Host routing)"
    S=connect-sniproxy
    cap $S connect-200-order-sniproxy.txt 200 app connect "order 1 through sniproxy (nothing added)" "" -- -sv $RSN $SN/api/orders/1
    cap $S connect-404-order-sniproxy.txt 404 app connect "an unknown order: the handler's JSON 404" "curl -si" -- -si $RSN $SN/api/orders/9
    cap $S connect-403-admin-sniproxy.txt 403 app connect "the handler's JSON 403" "" -- -sv $RSN $SN/api/admin
    cap $S connect-409-post-sniproxy.txt 409 app connect "POST of an existing ref: the handler's JSON 409" "curl -si" -- -si $RSN -X POST "${JSONH[@]}" -d '{"ref":"PW-1001"}' $SN/api/orders
    caphttp $S connect-429-quota-sniproxy-httpie.txt 429 app connect "HTTPie: the app's own JSON 429" "HTTPie with colours" -- -v GET http://127.0.0.1:59084/api/quota Host:$H
    capraw $S connect-503-maintenance-sniproxy.txt 503 app connect "the app's own JSON 503 (maintenance)" "curl -si saved to a file (CRs kept)" -- -si $RSN $SN/api/maintenance
    cap $S connect-502-payments-html-sniproxy.txt 502 app connect "the app's own HTML 502 page" "" -- -sv $RSN $SN/api/payments
    cap $S connect-503-tracking-html-sniproxy.txt 503 app connect "the app's own HTML 503 page" "curl -si" -- -si $RSN $SN/api/tracking
    cap $S connect-500-boom-sniproxy.txt 500 app connect "connect's final handler 500 page" "" -- -sv $RSN $SN/api/boom
    capwin $S connect-404-route-sniproxy.txt 404 app connect "no route: connect's 'Cannot GET' page" "curl -si pasted with CRLF" -- -si $RSN $SN/api/v2/orders
    cap $S sniproxy-503-unknown-host.txt 503 proxy sniproxy "a Host its table does not know: sniproxy's own 503 'Backend not available'" "" -- -sv --resolve "billing.parcel.test:59084:127.0.0.1" http://billing.parcel.test:59084/api/invoices/1
    cap $S sniproxy-503-bare-ip.txt 503 proxy sniproxy "the bare IP as Host: sniproxy's 503" "curl -si" -- -si http://127.0.0.1:59084/api/orders/1
    capwget $S sniproxy-503-unknown-host-wget.txt 503 proxy sniproxy "wget with a Host its table does not know: sniproxy's 503" "wget -S -O-" -- --header="Host: shop.parcel.test" http://127.0.0.1:59084/api/orders/1
    cap $S sniproxy-503-no-host.txt 503 proxy sniproxy "HTTP/1.0 with no Host header: sniproxy's 503" "" -- -sv --http1.0 -H 'Host:' http://127.0.0.1:59084/api/orders/1
    cap $S sniproxy-000-legacy-down.txt 0 proxy sniproxy "legacy.parcel.test to a port nobody listens on: sniproxy closes the connection without an answer" "curl's 'Empty reply from server'" -- -sv --resolve "legacy.parcel.test:59084:127.0.0.1" http://legacy.parcel.test:59084/api/orders/1
fi

# ====================================== netius reverse proxy -> Muffin ==
if up netius; then
    log "capturing: Muffin under uvicorn behind netius's reverse proxy"
    S=muffin-uvicorn-netius
    RNXA="--resolve admin.parcel.test:59085:127.0.0.1" RNXL="--resolve legacy.parcel.test:59085:127.0.0.1"
    cap $S muffin-200-order-netius.txt 200 app muffin "order 1 through netius (Server: netius, Via added)" "" -- -sv $RNX $NX/api/orders/1
    cap $S muffin-404-order-netius.txt 404 app muffin "an unknown order: the handler's JSON 404" "curl -si" -- -si $RNX $NX/api/orders/9
    caphttp $S muffin-401-account-netius-httpie.txt 401 app muffin "HTTPie, no token: the handler's JSON 401 (Bearer)" "HTTPie with colours" -- -v GET http://127.0.0.1:59085/api/account Host:$H
    cap $S muffin-403-admin-netius.txt 403 app muffin "the handler's JSON 403" "" -- -sv $RNX $NX/api/admin
    cap $S muffin-409-post-netius.txt 409 app muffin "POST of an existing ref: the handler's JSON 409" "curl -si" -- -si $RNX -X POST "${JSONH[@]}" -d '{"ref":"PW-1001"}' $NX/api/orders
    capraw $S muffin-422-post-netius.txt 422 app muffin "POST without ref: the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RNX -X POST "${JSONH[@]}" -d '{"items":2}' $NX/api/orders
    cap $S muffin-429-quota-netius.txt 429 app muffin "the app's own JSON 429" "" -- -sv $RNX $NX/api/quota
    cap $S muffin-503-maintenance-netius.txt 503 app muffin "the app's own JSON 503" "curl -si" -- -si $RNX $NX/api/maintenance
    cap $S muffin-504-carrier-html-netius.txt 504 app muffin "the app's own HTML 504 page, with netius's Via" "" -- -sv $RNX $NX/api/carrier
    cap $S muffin-500-boom-netius.txt 500 app muffin "Muffin's plain 500, passed on by netius" "curl -si" -- -si $RNX $NX/api/boom
    cap $S netius-401-admin-host-basic.txt 401 identity netius "admin.parcel.test is behind the proxy's own basic auth: netius's 401 page" "" -- -sv $RNXA http://admin.parcel.test:59085/api/orders/1
    capwin $S netius-401-admin-host-bad-password.txt 401 identity netius "admin.parcel.test with a wrong password: netius's 401 page" "curl -si pasted with CRLF" -- -si $RNXA -u ops:wrong http://admin.parcel.test:59085/api/orders/1
    cap $S muffin-200-admin-host-authorised.txt 200 app muffin "admin.parcel.test with the right password: the app's answer" "" -- -sv $RNXA -u ops:correct-horse http://admin.parcel.test:59085/api/orders/1
    cap $S netius-403-legacy-down.txt 403 proxy netius "legacy.parcel.test to a port nobody listens on: netius's own 'Forbidden' page" "" -- -sv $RNXL http://legacy.parcel.test:59085/orders/1
    cap $S netius-404-unknown-host.txt 404 proxy netius "the bare IP as Host: netius's 'No proxy endpoint found' page" "curl -si" -- -si http://127.0.0.1:59085/api/orders/1
    capwget $S netius-404-unknown-host-wget.txt 404 proxy netius "wget with a Host netius does not know: 'No proxy endpoint found'" "wget -S -O-" -- --header="Host: shop.parcel.test" http://127.0.0.1:59085/api/orders/1
fi

# ========================= a gateway on paste.proxy -> baize under eventlet ==
if up pastegw; then
    log "capturing: baize under eventlet.wsgi behind a paste.proxy gateway"
    S=baize-eventlet-paste-gateway
    cap $S baize-200-order-pastegw.txt 200 app baize "order 1 through the gateway (Server: parcel-gw, Via, X-Request-Id)" "" -- -sv $RGW $GW/api/orders/1
    cap $S baize-404-order-pastegw.txt 404 app baize "an unknown order: the view's JSON 404 with the gateway's Via" "curl -si" -- -si $RGW $GW/api/orders/9
    caphttp $S baize-401-account-pastegw-httpie.txt 401 app baize "HTTPie, no token: the view's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59086/api/account Host:$H
    cap $S baize-409-post-pastegw.txt 409 app baize "POST of an existing ref: the view's JSON 409" "" -- -sv $RGW -X POST "${JSONH[@]}" -d '{"ref":"PW-1001"}' $GW/api/orders
    cap $S baize-422-post-pastegw.txt 422 app baize "POST without ref: the view's JSON 422" "curl -si" -- -si $RGW -X POST "${JSONH[@]}" -d '{"items":2}' $GW/api/orders
    cap $S baize-429-quota-pastegw.txt 429 app baize "the app's own JSON 429, Via from the gateway" "" -- -sv $RGW $GW/api/quota
    capraw $S pastegw-429-exports-json.txt 429 proxy paste "/api/exports: the gateway's own JSON 429" "curl -si saved to a file (CRs kept)" -- -si $RGW $GW/api/exports/daily
    cap $S baize-503-maintenance-pastegw.txt 503 app baize "the app's own JSON 503 (maintenance)" "" -- -sv $RGW $GW/api/maintenance
    cap $S pastegw-503-returns-json.txt 503 proxy paste "/api/returns: the gateway's own JSON 503 (maintenance switch)" "curl -si" -- -si $RGW $GW/api/returns/42
    cap $S baize-503-tracking-html-pastegw.txt 503 app baize "the app's own HTML 503 page, with the gateway's Via" "" -- -sv $RGW $GW/api/tracking
    capwin $S eventlet-500-boom-pastegw.txt 500 app eventlet "an exception in the view: eventlet.wsgi's empty 500, passed on by the gateway" "curl -si pasted with CRLF" -- -si $RGW $GW/api/boom
    cap $S baize-404-route-pastegw.txt 404 app baize "no route: baize's empty 404, passed on" "" -- -sv $RGW $GW/api/v2/orders
    cap $S pastegw-504-slow.txt 504 proxy paste "the view sleeps 5 s, the gateway's 2 s socket timeout: Paste's 504 page" "" -- -sv $RGW $GW/api/slow
    cap $S pastegw-502-legacy-down.txt 502 proxy paste "/legacy/ to a port nobody listens on: Paste's 502 page" "curl -si" -- -si $RGW $GW/legacy/orders/1
    capwget $S pastegw-502-legacy-down-wget.txt 502 proxy paste "the same dead upstream, with wget" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59086/legacy/orders/2
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-429-exports-json.txt 0/429 proxy nginx "nginx's own JSON 429 for /api/exports/" "no number" -- $RNG $NG/api/exports/monthly
up nginx && capbody $S body-muffin-429-quota.txt 0/429 app muffin "the app's own JSON 429" "no number" -- $RNG $NG/api/quota
up apache && capbody $S body-apache-414.txt 414/414 proxy apache "Apache's 414 page" "" -- $RAP "$AP/api/orders?q=$LONGQ"
up haproxy && capbody $S body-haproxy-504.txt 504/504 load-balancer haproxy "HAProxy's 504 page" "" -- $RHA $HA/api/slow
up haproxy && capbody $S body-connect-504-carrier-html.txt 504/504 app connect "the app's own HTML 504 page (its title says 504)" "" -- $RHA $HA/api/carrier
up varnish && capbody $S body-varnish-503-returns-json.txt 0/503 cdn-cache varnish "Varnish's synth JSON 503 (maintenance)" "no number" -- $RVN $VN/api/returns/7
up varnish && capbody $S body-nexios-503-maintenance.txt 0/503 app nexios "the app's own JSON 503 (maintenance)" "no number" -- $RVN $VN/api/maintenance
up squid && capbody $S body-squid-504-read-timeout.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page" "no number" -- $RSQ $SQ/api/slow
up sniproxy && capbody $S body-sniproxy-503.txt 0/503 proxy sniproxy "sniproxy's 'Backend not available'" "no number" -- --resolve "billing.parcel.test:59084:127.0.0.1" http://billing.parcel.test:59084/api/invoices/2
up netius && capbody $S body-netius-404-no-endpoint.txt 0/404 proxy netius "netius's 'No proxy endpoint found' page" "no number" -- http://127.0.0.1:59085/api/orders/2
up pastegw && capbody $S body-pastegw-502.txt 0/502 proxy paste "Paste's 'Bad Gateway' page from the gateway" "no number" -- $RGW $GW/legacy/orders/3
up squid && capbody $S body-paste-404-route-squid.txt 0/404 app paste "the Paste app's httpexceptions 404 page through Squid" "no number" -- $RSQ $SQ/api/v3/orders

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-503-beta-empty.txt 503 proxy nginx "curl -sI on /api/beta/: nginx's empty 503" "" -- $RNG $NG/api/beta/labels
up caddy && caphead $S head-caddy-502-legacy.txt 502 proxy caddy "curl -sI on the dead /legacy/ upstream: Caddy's 502" "" -- $RCD $CD/legacy/orders/1
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on order 1, stored" "X-Cache: HIT" -- $RVN $VN/api/orders/1
up haproxy && caphead $S head-haproxy-429-exports.txt 429 load-balancer haproxy "curl -sI on /api/exports/: HAProxy's JSON 429, headers only" "" -- $RHA $HA/api/exports/daily
up sniproxy && caphead $S head-connect-404-sniproxy.txt 404 app connect "curl -sI on order 1 through sniproxy: the handler takes GET only, so HEAD falls through to connect's final handler 404" "" -- $RSN $SN/api/orders/1
up netius && caphead $S head-netius-401-admin.txt 401 identity netius "curl -sI on admin.parcel.test: netius's basic-auth 401" "" -- --resolve "admin.parcel.test:59085:127.0.0.1" http://admin.parcel.test:59085/api/orders/1
up pastegw && caphead $S head-pastegw-503-returns.txt 503 proxy paste "curl -sI on /api/returns: the gateway's own 503" "" -- $RGW $GW/api/returns/1

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round54/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
