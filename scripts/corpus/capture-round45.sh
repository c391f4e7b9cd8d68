#!/usr/bin/env bash
# capture-round45.sh — build the forty-fifth held-out evidence corpus in
# tests/fixtures/evidence-round45/.
#
# Mainstream fronts in a fourteenth pairing, with app frameworks that earlier
# rounds used at most once: Litestar behind nginx (TLS + HTTP/2, request id,
# limit_req); BlackSheep behind Caddy (TLS, a JSON error page from
# handle_errors); Django Ninja under gunicorn behind Apache (mod_unique_id);
# Connexion 3 behind HAProxy (unique-id, stick-table 429, 413, 403); Flask-RESTX
# under gunicorn behind lighttpd; Robyn behind h2o (TLS + HTTP/2); Feathers
# behind Varnish; tinyhttp behind Traffic Server; h3 behind Squid as a reverse
# accelerator; Hono behind HAProxy (TLS + HTTP/2) -> nginx. Paste forms:
# curl -v/-i transcripts (some with their CRs, some with CRLF), HTTPie with
# colours, `wget -S -O-`, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round45.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round45.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round45.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round45.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-44: every server binds 127.0.0.1 (ports 58100-58199)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs run under
# `nice -n 15`. Labels are written by finish_round45.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round45"
RUN=/tmp/api-triage-corpus45
STAGE="$RUN/evidence"
CONF="$HERE/conf-round45"
APPS="$HERE/apps45"
VENV=${CORPUS_VENV45:-/tmp/api-triage-corpus45-venv}
NODE_DIR=${CORPUS_NODE45:-/tmp/api-triage-corpus45-node}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(litestar==2.25.0 blacksheep==2.6.4 uvicorn==0.55.0 django==5.2.19 django-ninja==1.7.1 gunicorn==27.0.1
      "connexion[uvicorn]==3.3.0" flask==3.1.3 flask-restx==1.3.2 robyn==0.88.0)
NPM=(@feathersjs/feathers@5.0.50 @feathersjs/express@5.0.50 @feathersjs/errors@5.0.50 @tinyhttp/app@3.0.11
     milliparsec@5.1.2 h3@1.15.11 hono@4.13.23 @hono/node-server@2.1.11)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus45 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openssl python3-venv nodejs apache2 nginx haproxy varnish caddy squid lighttpd h2o trafficserver)
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

install_venv() {  # the Python frameworks and their servers, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import litestar, blacksheep, django, connexion, flask_restx, robyn, gunicorn, uvicorn; from importlib.metadata import version; version('django-ninja')" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # Feathers, tinyhttp, h3 and Hono, from npm
    local m ok=1
    for m in @feathersjs/express @tinyhttp/app milliparsec h3 hono @hono/node-server; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus45","private":true}' >"$NODE_DIR/package.json"
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
            # a worker or child a server left behind (gunicorn, Robyn, ATS)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round45.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,tls}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_npm
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "the Node packages are missing (${SKIPPED[npm]})"
have openssl || die "openssl is missing"

APP_PORTS=(58110 58111 58112 58113 58114 58115 58116 58117 58118 58119)
OTHER_PORTS=(58150 58151 58152 58155 58156 58160 58165 58166 58170 58175 58180 58185 58190)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" 58108 58109; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- a self-signed certificate for each public name ---------------------------
for name in orders shop; do
    timeout 60 openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7 \
        -subj "/CN=$name.example.test" -addext "subjectAltName=DNS:$name.example.test,IP:127.0.0.1" \
        -keyout "$RUN/tls/$name.key" -out "$RUN/tls/$name.crt" >"$RUN/logs/openssl-$name.log" 2>&1 \
        || die "openssl could not make a certificate"
done
cat "$RUN/tls/shop.crt" "$RUN/tls/shop.key" >"$RUN/tls/shop.pem"
chmod 644 "$RUN"/tls/*

# ---- apps -------------------------------------------------------------------
declare -A UP=()
UVICORN=(nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --no-access-log)
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --no-control-socket --timeout 30)
NODE=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_bg litestar "${UVICORN[@]}" --port 58110 litestar_app:app
start_bg blacksheep "${UVICORN[@]}" --port 58111 blacksheep_app:app
# one worker with threads: Ninja's throttle counts in the worker's memory
start_bg ninja "${GUNICORN[@]}" -k gthread --workers 1 --threads 4 -b 127.0.0.1:58112 ninja_app:application
start_bg connexion "${UVICORN[@]}" --port 58113 connexion_app:app
start_bg restx "${GUNICORN[@]}" -k gthread --workers 1 --threads 4 -b 127.0.0.1:58114 restx_app:app
start_bg robyn nice -n 5 "$VENV/bin/python" "$APPS/robyn_app.py" 58115
start_bg feathers "${NODE[@]}" "$APPS/feathers_app.js" 58116
start_bg tinyhttp "${NODE[@]}" "$APPS/tinyhttp_app.js" 58117
start_bg h3 "${NODE[@]}" "$APPS/h3_app.js" 58118
start_bg hono "${NODE[@]}" "$APPS/hono_app.js" 58119
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- front layers ------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/html/static
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 58150 nginx && wait_port 58151 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 58155 caddy && UP[caddy]=1
fi
if have apache2; then
    mkdir -p "$RUN"/apache/htdocs
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 58160 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 58165 haproxy && wait_port 58166 haproxy && UP[haproxy]=1
fi
if have lighttpd; then
    mkdir -p "$RUN"/lighttpd/htdocs
    render "$CONF/lighttpd.conf" "$RUN/lighttpd/lighttpd.conf"
    chown -R www-data: "$RUN/lighttpd" 2>/dev/null || true
    if lighttpd -tt -f "$RUN/lighttpd/lighttpd.conf" >"$RUN/logs/lighttpd-t.log" 2>&1; then
        start_bg lighttpd lighttpd -D -f "$RUN/lighttpd/lighttpd.conf"
        wait_port 58170 lighttpd && UP[lighttpd]=1
    else log "SKIP lighttpd: config test failed"; cat "$RUN/logs/lighttpd-t.log" >&2; fi
fi
if have h2o; then
    mkdir -p "$RUN"/h2o/static
    render "$CONF/h2o.conf" "$RUN/h2o/h2o.conf"
    chown -R www-data: "$RUN/h2o" 2>/dev/null || true
    start_bg h2o h2o -m master -c "$RUN/h2o/h2o.conf"
    wait_port 58175 h2o && UP[h2o]=1
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:58180 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 58180 varnish && UP[varnish]=1
fi
if have trafficserver; then
    A=$RUN/ats
    mkdir -p "$A"/etc "$A"/var/cache "$A"/log "$A"/run
    for f in ip_allow.yaml logging.yaml cache.config hosting.config parent.config sni.yaml socks.config \
             splitdns.config volume.config strategies.yaml ssl_multicert.config; do
        [[ -e /etc/trafficserver/$f ]] && cp "/etc/trafficserver/$f" "$A/etc/"
    done
    render "$CONF/records.config" "$A/etc/records.config"
    cp "$CONF/remap.config" "$CONF/ats-cache-status.config" "$A/etc/"
    echo "$A/var/cache 64M" >"$A/etc/storage.config"
    echo "header_rewrite.so $A/etc/ats-cache-status.config" >"$A/etc/plugin.config"
    cat >"$A/runroot.yaml" <<EOF_RR
prefix: /usr
exec_prefix: /usr
bindir: /usr/bin
sbindir: /usr/sbin
sysconfdir: $A/etc
datadir: /usr/share/trafficserver
includedir: /usr/include
libdir: /usr/lib/trafficserver
libexecdir: /usr/lib/trafficserver/modules
localstatedir: $A/var
runtimedir: $A/run
logdir: $A/log
cachedir: $A/var/cache
EOF_RR
    start_bg trafficserver traffic_server --run-root="$A/runroot.yaml"
    wait_port 58185 trafficserver && UP[ats]=1
fi
if have squid; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || true
    start_bg squid squid -N -n corpus45 -f "$RUN/squid/squid.conf"
    wait_port 58190 squid && UP[squid]=1
fi
sleep 3  # HAProxy's health checks settle

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 45 (held out): real responses captured by
# scripts/corpus/capture-round45.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-44:
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
LS=$A:58110 BS=$A:58111 NJ=$A:58112 CX=$A:58113 RX=$A:58114 RB=$A:58115 FE=$A:58116 TH=$A:58117 H3=$A:58118 HN=$A:58119
NT=https://127.0.0.1:58150 NP=$A:58152 CE=https://orders.example.test:58155 AN=$A:58160 HC=$A:58165
HT=https://127.0.0.1:58166 LT=$A:58170 HO=https://127.0.0.1:58175 VN=$A:58180 TS=http://catalog.example.test:58185
SQ=$A:58190
RC=(--resolve orders.example.test:58155:127.0.0.1)
RT=(--resolve catalog.example.test:58185:127.0.0.1)
JSONH=(-H 'Content-Type: application/json')
head -c 100000 /dev/zero | tr '\0' x >"$RUN/work/export.csv"  # a 100 kB upload
BAD='{"sku":"A-1","qty":0}' NOQTY='{"sku":"A-1"}' GOOD='{"sku":"A-1","qty":2}'

# ================================================ Litestar + nginx (TLS) ==
if up nginx; then
    log "capturing: Litestar behind nginx (TLS, HTTP/2, request id)"
    S=litestar-nginx-tls
    cap $S litestar-404-order-h2.txt 404 app litestar "unknown order: NotFoundException, Litestar's JSON error over HTTP/2" "x-request-id from nginx" -- -sv -k $NT/api/orders/7
    cap $S litestar-400-validation.txt 400 app litestar "POST with qty 0: msgspec validation, Litestar's 400 'Validation failed for POST'" "" -- -sv -k "${JSONH[@]}" -d "$BAD" $NT/api/orders
    cap $S litestar-405-delete.txt 405 app litestar "DELETE on a GET route: Litestar's own 405 with Allow" "curl -si" -- -si -k -X DELETE $NT/api/orders/1
    caphttp $S litestar-401-httpie.txt 401 app litestar "HTTPie, no token: NotAuthorizedException" "HTTPie with colours" -- --verify=no -v GET $NT/api/admin/reports
    capraw $S litestar-500-uncaught.txt 500 app litestar "a KeyError, debug off: Litestar's JSON 500" "curl -si saved to a file (CRs kept)" -- -si -k $NT/api/boom
    capwin $S litestar-503-maintenance.txt 503 app litestar "the handler's maintenance 503 with Retry-After" "curl -si pasted with CRLF" -- -si -k $NT/api/maintenance
    cap $S litestar-201-created.txt 201 app litestar "a valid order over HTTP/1.1: 201 with Location" "" -- -sv -k --http1.1 "${JSONH[@]}" -d "$GOOD" $NT/api/orders
    cap $S nginx-504-litestar-slow.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 2s" "HTTP/2" -- -sv -k $NT/api/slow
    cap $S nginx-413-upload.txt 413 proxy nginx "a 100 kB upload over client_max_body_size 64k" "curl -si, HTTP/2" -- -si -k -H 'Content-Type: text/csv' --data-binary @export.csv $NT/api/upload
    quiet -k $NT/api/search?q=boots
    cap $S nginx-429-limit-req.txt 429 proxy nginx "limit_req 1r/m with limit_req_status 429: the second search" "nginx's stock page with the 429 code" -- -sv -k "$NT/api/search?q=shoes"
    cap $S nginx-502-ledger-down.txt 502 proxy nginx "/ledger/ proxies to a port where nothing listens" "curl -si" -- -si -k $NT/ledger/api/entries
    cap $S nginx-301-to-https.txt 301 proxy nginx "plain HTTP: the server block that sends everything to https" "curl -si" -- -si $NP/api/orders/1
fi

# ======================================= BlackSheep + Caddy (JSON errors) ==
if up caddy; then
    log "capturing: BlackSheep behind Caddy (TLS, handle_errors JSON)"
    S=blacksheep-caddy-json-errors
    cap $S blacksheep-404-order.txt 404 app blacksheep "unknown order: the handler's JSON 404 (passed untouched)" "HTTP/2; Server: Caddy and server: uvicorn" -- -sv -k "${RC[@]}" $CE/api/orders/7
    cap $S blacksheep-404-no-route.txt 404 app blacksheep "no route under /api/: BlackSheep's plain 'Resource not found'" "curl -si" -- -si -k "${RC[@]}" $CE/api/v2/orders
    cap $S blacksheep-400-binding.txt 400 app blacksheep "POST without qty: FromJSON cannot bind, BlackSheep's plain 400" "" -- -sv -k "${RC[@]}" "${JSONH[@]}" -d "$NOQTY" $CE/api/orders
    caphttp $S blacksheep-422-httpie.txt 422 app blacksheep "HTTPie POST with qty 0: the handler's 422" "HTTPie with colours" -- --verify=no -v POST https://127.0.0.1:58155/api/orders sku=A-1 qty:=0
    cap $S blacksheep-500-uncaught.txt 500 app blacksheep "a KeyError, show_error_details off: BlackSheep's plain 500" "" -- -sv -k "${RC[@]}" $CE/api/boom
    capwin $S blacksheep-503-maintenance.txt 503 app blacksheep "the handler's maintenance 503" "curl -si pasted with CRLF" -- -si -k "${RC[@]}" $CE/api/maintenance
    cap $S caddy-504-json-slow.txt 504 proxy caddy "the handler sleeps 5 s, response_header_timeout 2s: handle_errors' JSON" "" -- -sv -k "${RC[@]}" $CE/api/slow
    cap $S caddy-502-json-billing-down.txt 502 proxy caddy "/billing/* to a port where nothing listens: handle_errors' JSON" "curl -si" -- -si -k "${RC[@]}" $CE/billing/api/invoices
    cap $S caddy-403-json-internal.txt 403 proxy caddy "/internal/* answered by an error route: handle_errors' JSON 403" "" -- -sv -k "${RC[@]}" $CE/internal/metrics
fi

# ========================================== Django Ninja + Apache (id) ==
if up apache; then
    log "capturing: Django Ninja under gunicorn behind Apache (mod_unique_id)"
    S=ninja-apache-uniqueid
    cap $S ninja-404-order.txt 404 app django-ninja "unknown order: HttpError(404), Ninja's {\"detail\": ...}" "X-Request-ID from mod_unique_id" -- -sv $AN/api/orders/7
    cap $S django-404-page.txt 404 app django "a path no Ninja route has: Django's stock 'Not Found' page (DEBUG off)" "curl -si" -- -si $AN/api/v2/orders
    caphttp $S ninja-422-httpie.txt 422 app django-ninja "HTTPie POST with qty 0: Ninja's validation list" "HTTPie with colours" -- -v POST $AN/api/orders sku=A-1 qty:=0
    cap $S ninja-405-text.txt 405 app django-ninja "DELETE on a GET route: Ninja's plain 'Method not allowed'" "curl -si" -- -si -X DELETE $AN/api/orders/1
    capraw $S ninja-403-scope.txt 403 app django-ninja "a user token: the HttpBearer check raises HttpError(403)" "curl -si saved to a file (CRs kept)" -- -si -H 'Authorization: Bearer user-token' $AN/api/admin/reports
    quiet $AN/api/limited
    cap $S ninja-429-throttle.txt 429 app django-ninja "AnonRateThrottle 1/m: Ninja's own 429 on the second call" "" -- -sv $AN/api/limited
    cap $S django-500-page.txt 500 app django "a KeyError: Django's 'Server Error (500)' page" "" -- -sv $AN/api/boom
    capwin $S ninja-503-maintenance.txt 503 app django-ninja "the view's JSON 503" "curl -si pasted with CRLF" -- -si $AN/api/maintenance
    cap $S ninja-201-created.txt 201 app django-ninja "a valid order: 201" "curl -si" -- -si "${JSONH[@]}" -d "$GOOD" $AN/api/orders
    cap $S apache-502-proxy-timeout.txt 502 proxy apache "the view sleeps 5 s, ProxyTimeout 2: 'Proxy Error'" "" -- -sv $AN/api/slow
    caphttp $S apache-403-internal-httpie.txt 403 proxy apache "HTTPie: /internal/ is Require all denied" "HTTPie with colours" -- -v GET $AN/internal/metrics
    cap $S apache-503-ledger-down.txt 503 proxy apache "ProxyPass /api/ledger/ to a port where nothing listens" "" -- -sv $AN/api/ledger/entries
fi

# ============================================= Connexion + HAProxy (id) ==
if up haproxy; then
    log "capturing: Connexion under uvicorn behind HAProxy (unique-id)"
    S=connexion-haproxy-uniqueid
    cap $S connexion-400-validation.txt 400 app connexion "POST with qty 0: request validation against the spec, problem+json" "x-request-id from HAProxy" -- -sv "${JSONH[@]}" -d "$BAD" $HC/api/orders
    cap $S connexion-404-no-route.txt 404 app connexion "a path the spec lacks: Connexion's problem+json 404" "curl -si" -- -si $HC/api/v2/orders
    cap $S connexion-405.txt 405 app connexion "DELETE on a GET operation: problem+json 405" "curl -si" -- -si -X DELETE $HC/api/orders/1
    caphttp $S connexion-401-httpie.txt 401 app connexion "HTTPie, no token: the bearer security check" "HTTPie with colours" -- -v GET $HC/api/admin/reports
    cap $S connexion-403-scope.txt 403 app connexion "a user token: the handler's ProblemException(403)" "" -- -sv -H 'Authorization: Bearer user-token' $HC/api/admin/reports
    capraw $S connexion-500-uncaught.txt 500 app connexion "a KeyError: Connexion's problem+json 500" "curl -si saved to a file (CRs kept)" -- -si $HC/api/boom
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "the handler sleeps 5 s, timeout server 2s" "" -- -sv $HC/api/slow
    cap $S haproxy-503-no-server.txt 503 load-balancer haproxy "/payments/: the only server fails its check" "curl -si" -- -si $HC/payments/api/charges
    quiet $HC/api/search?q=boots
    cap $S haproxy-429-stick-table.txt 429 load-balancer haproxy "a stick-table rate limit on /api/search: deny_status 429" "" -- -sv "$HC/api/search?q=shoes"
    capwin $S haproxy-403-internal.txt 403 load-balancer haproxy "http-request deny on /internal/" "curl -si pasted with CRLF" -- -si $HC/internal/metrics
    cap $S haproxy-413-body.txt 413 load-balancer haproxy "a 100 kB upload: http-request deny deny_status 413 on Content-Length" "curl -si" -- -si -H 'Content-Type: application/octet-stream' --data-binary @export.csv $HC/api/upload
fi

# ============================================ Flask-RESTX + lighttpd ==
if up lighttpd; then
    log "capturing: Flask-RESTX under gunicorn behind lighttpd"
    S=restx-lighttpd
    cap $S restx-404-order.txt 404 app flask-restx "unknown order: abort(404), RESTX's {\"message\": ...}" "Server: gunicorn (lighttpd keeps it)" -- -sv $LT/api/orders/7
    cap $S flask-404-no-route.txt 404 app flask "a path RESTX does not route: Werkzeug's HTML 404" "curl -si" -- -si $LT/api/v2/orders
    caphttp $S restx-400-httpie.txt 400 app flask-restx "HTTPie POST with qty 0: 'Input payload validation failed'" "HTTPie with colours" -- -v POST $LT/api/orders sku=A-1 qty:=0
    cap $S restx-409-conflict.txt 409 app flask-restx "cancel a shipped order: abort(409)" "" -- -sv -X POST -d '' $LT/api/orders/1/cancel
    cap $S lighttpd-411-post-no-body.txt 411 proxy lighttpd "POST with no body and no Content-Length: lighttpd's own 411" "curl -si" -- -si -X POST $LT/api/orders/1/cancel
    capraw $S restx-500-uncaught.txt 500 app flask-restx "a KeyError: RESTX's JSON 'Internal Server Error'" "curl -si saved to a file (CRs kept)" -- -si $LT/api/boom
    capwin $S restx-503-maintenance.txt 503 app flask-restx "the resource's 503" "curl -si pasted with CRLF" -- -si $LT/api/maintenance
    cap $S lighttpd-504-slow.txt 504 proxy lighttpd "the resource sleeps 5 s, mod_proxy read-timeout 2" "" -- -sv $LT/api/slow
    cap $S lighttpd-413-upload.txt 413 proxy lighttpd "a 100 kB upload over server.max-request-size 64" "curl -si" -- -si -H 'Content-Type: text/csv' --data-binary @export.csv $LT/api/upload
    cap $S lighttpd-403-internal.txt 403 proxy lighttpd "url.access-deny on /internal/" "" -- -sv $LT/internal/metrics
    cap $S lighttpd-404-docroot.txt 404 proxy lighttpd "outside /api/: nothing in the document root" "curl -si" -- -si $LT/docs/index.html
    cap $S lighttpd-503-billing-down.txt 503 proxy lighttpd "/billing/ to a port where nothing listens" "" -- -sv $LT/billing/api/invoices
fi

# ================================================== Robyn + h2o (TLS) ==
if up h2o; then
    log "capturing: Robyn behind h2o (TLS, HTTP/2)"
    S=robyn-h2o-tls
    cap $S robyn-404-order-h2.txt 404 app robyn "unknown order: the handler's JSON 404 over HTTP/2" "server: h2o/2.2.5 (Robyn sends none)" -- -sv -k $HO/api/orders/7
    cap $S robyn-404-no-route.txt 404 app robyn "no route: Robyn's plain 'Not found'" "curl -si" -- -si -k $HO/api/v2/orders
    caphttp $S robyn-422-httpie.txt 422 app robyn "HTTPie POST with qty 0: the handler's 422" "HTTPie with colours" -- --verify=no -v POST $HO/api/orders sku=A-1 qty:=0
    cap $S robyn-500-uncaught.txt 500 app robyn "a KeyError: Robyn's plain 'Internal server error'" "" -- -sv -k $HO/api/boom
    capraw $S robyn-503-maintenance.txt 503 app robyn "the handler's JSON 503" "curl -si saved to a file (CRs kept)" -- -si -k $HO/api/maintenance
    cap $S h2o-502-io-timeout.txt 502 proxy h2o "the handler sleeps 5 s, proxy.timeout.io 2000: h2o's 'I/O timeout' 502" "" -- -sv -k $HO/api/slow
    cap $S h2o-413-upload.txt 413 proxy h2o "a 100 kB upload over limit-request-body, over HTTP/1.1" "curl -si; over HTTP/2 h2o refuses the stream instead" -- -si -k --http1.1 -H 'Content-Type: text/csv' --data-binary @export.csv $HO/api/upload
    cap $S h2o-404-static.txt 404 proxy h2o "/static/ from an empty folder: h2o's 'not found'" "curl -si" -- -si -k $HO/static/app.js
    cap $S h2o-502-billing-down.txt 502 proxy h2o "/billing to a port where nothing listens: 'connection failed'" "" -- -sv -k $HO/billing/api/invoices
fi

# ================================================== Feathers + Varnish ==
if up varnish; then
    log "capturing: Feathers behind Varnish"
    S=feathers-varnish
    cap $S feathers-200-catalog-miss.txt 200 app feathers "the catalog, first request: a MISS" "X-Cache: MISS" -- -sv $VN/api/catalog
    cap $S varnish-200-catalog-hit.txt 200 cdn-cache varnish "the catalog again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $VN/api/catalog
    cap $S varnish-304-etag.txt 304 cdn-cache varnish "If-None-Match with the catalog's ETag: Varnish's own 304" "" -- -sv -H 'If-None-Match: "catalog-v7"' $VN/api/catalog
    cap $S feathers-404-order.txt 404 app feathers "unknown order: NotFound from the service" "a MISS" -- -sv $VN/api/orders/7
    cap $S feathers-405-remove.txt 405 app feathers "DELETE: the service has no remove(), Feathers' MethodNotAllowed" "curl -si" -- -si -X DELETE $VN/api/orders/1
    caphttp $S feathers-400-httpie.txt 400 app feathers "HTTPie POST with qty 0: BadRequest" "HTTPie with colours" -- -v POST $VN/api/orders sku=A-1 qty:=0
    capraw $S feathers-500-general-error.txt 500 app feathers "a TypeError in a service: GeneralError from the error handler" "curl -si saved to a file (CRs kept)" -- -si $VN/api/boom
    capwin $S feathers-503-unavailable.txt 503 app feathers "Unavailable from the service" "curl -si pasted with CRLF" -- -si $VN/api/maintenance
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the service sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "" -- -sv $VN/api/slow
    cap $S varnish-503-legacy-down.txt 503 cdn-cache varnish "/legacy/ goes to a backend that is not running" "curl -si" -- -si $VN/legacy/api/items
    caphttp $S varnish-403-synth-httpie.txt 403 cdn-cache varnish "HTTPie: a synth 403 on /internal/" "HTTPie with colours" -- -v GET $VN/internal/metrics
fi

# ========================================= tinyhttp + Traffic Server ==
if up ats; then
    log "capturing: tinyhttp behind Traffic Server"
    S=tinyhttp-trafficserver
    cap $S tinyhttp-200-catalog-miss.txt 200 app tinyhttp "the catalog, first request: a MISS" "x-cache: miss" -- -sv "${RT[@]}" $TS/api/catalog
    cap $S ats-200-catalog-hit.txt 200 cdn-cache trafficserver "the catalog again: from ATS's cache" "curl -si; x-cache: hit-fresh" -- -si "${RT[@]}" $TS/api/catalog
    cap $S tinyhttp-404-order.txt 404 app tinyhttp "unknown order: the handler's JSON 404" "" -- -sv "${RT[@]}" $TS/api/orders/7
    cap $S tinyhttp-404-no-route.txt 404 app tinyhttp "no route: tinyhttp's plain 'Not Found'" "curl -si" -- -si "${RT[@]}" $TS/api/v2/orders
    caphttp $S tinyhttp-422-httpie.txt 422 app tinyhttp "HTTPie POST with qty 0: the handler's 422" "HTTPie with colours" -- -v POST http://127.0.0.1:58185/api/orders sku=A-1 qty:=0 'Host:catalog.example.test:58185'
    cap $S tinyhttp-500-uncaught.txt 500 app tinyhttp "a TypeError: tinyhttp's default onError" "" -- -sv "${RT[@]}" $TS/api/boom
    capwin $S tinyhttp-503-maintenance.txt 503 app tinyhttp "the handler's JSON 503" "curl -si pasted with CRLF" -- -si "${RT[@]}" $TS/api/maintenance
    cap $S ats-504-slow.txt 504 cdn-cache trafficserver "the handler sleeps 5 s, transaction_no_activity_timeout_out 2" "" -- -sv "${RT[@]}" $TS/api/slow
    capraw $S ats-502-ledger-down.txt 502 cdn-cache trafficserver "/api/ledger/ mapped to a port where nothing listens" "curl -si saved to a file (CRs kept)" -- -si "${RT[@]}" $TS/api/ledger/entries
    cap $S ats-404-no-remap.txt 404 cdn-cache trafficserver "the bare IP: no remap rule, 'Not Found on Accelerator'" "curl -si" -- -si http://127.0.0.1:58185/api/catalog
fi

# ================================================== h3 + Squid accel ==
if up squid; then
    log "capturing: h3 behind Squid as a reverse accelerator"
    S=h3-squid-accel
    cap $S h3-200-catalog-miss.txt 200 app h3 "the catalog, first request: a MISS" "X-Cache: MISS from cache-1" -- -sv $SQ/api/catalog
    cap $S squid-200-catalog-hit.txt 200 cdn-cache squid "the catalog again: from Squid's memory cache" "curl -si; X-Cache: HIT" -- -si $SQ/api/catalog
    cap $S h3-404-order.txt 404 app h3 "unknown order: createError({statusCode: 404}), h3's JSON" "Squid rewrites the reason phrase" -- -sv $SQ/api/orders/7
    cap $S h3-404-no-route.txt 404 app h3 "no route: the preemptive router's 'Cannot find any path matching'" "curl -si" -- -si $SQ/api/v2/orders
    cap $S h3-405-delete.txt 405 app h3 "DELETE on a GET route: the router's 405" "curl -si" -- -si -X DELETE $SQ/api/orders/1
    caphttp $S h3-400-httpie.txt 400 app h3 "HTTPie POST with qty 0: createError 400 with data" "HTTPie with colours" -- -v POST $SQ/api/orders sku=A-1 qty:=0
    capraw $S h3-500-uncaught.txt 500 app h3 "a TypeError: h3's JSON 500" "curl -si saved to a file (CRs kept)" -- -si $SQ/api/boom
    cap $S squid-504-read-timeout.txt 504 cdn-cache squid "the handler sleeps 5 s, read_timeout 2 seconds: ERR_READ_TIMEOUT" "" -- -sv $SQ/api/slow
    cap $S squid-403-internal.txt 403 cdn-cache squid "http_access deny on /internal/: ERR_ACCESS_DENIED" "curl -si" -- -si $SQ/internal/metrics
    capwin $S squid-502-legacy-down.txt 502 cdn-cache squid "the legacy peer is not running" "curl -si pasted with CRLF" -- -si $SQ/legacy/api/items
    cap $S squid-413-upload.txt 413 cdn-cache squid "a 100 kB upload over request_body_max_size 64 KB: ERR_TOO_BIG" "" -- -sv -H 'Content-Type: text/csv' --data-binary @export.csv $SQ/api/upload
fi

# ============================ Hono behind HAProxy (TLS) -> nginx ==
if up haproxy && up nginx; then
    log "capturing: Hono behind HAProxy (TLS, HTTP/2) -> nginx"
    S=haproxy-tls-nginx-hono
    cap $S hono-404-order-h2.txt 404 app hono "unknown order: the handler's JSON 404 through both hops" "HTTP/2 to HAProxy; server: nginx" -- -sv -k $HT/api/orders/7
    cap $S hono-404-no-route.txt 404 app hono "no route: Hono's '404 Not Found'" "curl -si" -- -si -k $HT/api/v2/orders
    cap $S hono-401-bearer-auth.txt 401 app hono "no token: the bearer-auth middleware's 401" "" -- -sv -k $HT/api/admin/reports
    caphttp $S hono-400-bad-json-httpie.txt 400 app hono "HTTPie with a broken JSON body: the validator's 'Malformed JSON in request body'" "HTTPie with colours" -- --verify=no -v POST $HT/api/orders 'Content-Type:application/json' --raw '{"sku": '
    cap $S hono-500-uncaught.txt 500 app hono "a TypeError: Hono's default onError" "curl -si" -- -si -k $HT/api/boom
    capwin $S hono-503-maintenance.txt 503 app hono "the handler's JSON 503" "curl -si pasted with CRLF" -- -si -k $HT/api/maintenance
    cap $S nginx-504-via-haproxy-tls.txt 504 proxy nginx "nginx's proxy_read_timeout (2 s) fires before HAProxy's (3 s)" "" -- -sv -k $HT/api/slow
    cap $S nginx-502-ledger-via-haproxy.txt 502 proxy nginx "nginx's 502 for a dead ledger upstream, passed by HAProxy" "curl -si" -- -si -k $HT/ledger/api/entries
    cap $S haproxy-504-reports.txt 504 load-balancer haproxy "/reports/: nginx waits 10 s, HAProxy's timeout server 3s fires" "HTTP/2" -- -sv -k $HT/reports/slow
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
capbody $S body-litestar-404-route.txt 404/404 app litestar "Litestar's JSON 404 for no route" "status_code in the body" -- $LS/api/v2/orders
capbody $S body-blacksheep-404.txt 0/404 app blacksheep "'Resource not found'" "no number" -- $BS/api/v2/orders
up caddy && capbody $S body-caddy-404-json.txt 404/404 proxy caddy "handle_errors' JSON for a path outside /api/" "status in the body" -- -k "${RC[@]}" $CE/docs/
up apache && capbody $S body-apache-404.txt 404/404 proxy apache "Apache's stock 404 page outside /api/" "" -- $AN/docs/index.html
up haproxy && capbody $S body-haproxy-504.txt 504/504 load-balancer haproxy "HAProxy's 504 page" "" -- $HC/api/slow
up varnish && capbody $S body-varnish-503.txt 503/503 cdn-cache varnish "Varnish's guru meditation page" "" -- $VN/legacy/api/orders
up squid && capbody $S body-squid-403.txt 0/403 cdn-cache squid "Squid's ERR_ACCESS_DENIED page" "no number" -- $SQ/internal/metrics
up lighttpd && capbody $S body-lighttpd-413.txt 413/413 proxy lighttpd "lighttpd's 413 page" "" -- -H 'Content-Type: text/csv' --data-binary @export.csv $LT/api/upload

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-403-internal.txt 403 proxy nginx "curl -sI on /internal/: deny all" "HTTP/2" -- -k $NT/internal/metrics
caphead $S head-ninja-405-post-only.txt 405 app django-ninja "curl -sI on a POST-only route: Ninja's 405" "Allow: POST" -- $NJ/api/orders
up ats && caphead $S head-ats-200-hit.txt 200 cdn-cache trafficserver "curl -sI on the stored catalog" "x-cache: hit-fresh" -- "${RT[@]}" $TS/api/catalog
up haproxy && caphead $S head-haproxy-503.txt 503 load-balancer haproxy "curl -sI, no payments server" "" -- $HC/payments/api/charges
caphead $S head-h3-404.txt 404 app h3 "curl -sI, h3 direct: the router's 404" "" -- $H3/api/v2/orders

# ================================== servers go away behind their fronts ==
if up nginx; then
    stop_name litestar
    sleep 0.5
    cap litestar-nginx-tls nginx-502-litestar-stopped.txt 502 proxy nginx "uvicorn is stopped: nginx's 502" "HTTP/2" -- -sv -k $NT/api/orders/1
fi
if up caddy; then
    stop_name blacksheep
    sleep 0.5
    caphttp blacksheep-caddy-json-errors caddy-502-json-stopped-httpie.txt 502 proxy caddy "HTTPie: uvicorn is stopped, handle_errors' JSON 502" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:58155/api/orders/1
fi
if up apache; then
    stop_name ninja
    sleep 0.5
    capwget ninja-apache-uniqueid apache-503-gunicorn-stopped-wget.txt 503 proxy apache "wget: gunicorn is stopped, Apache's 503" "wget -S -O-" -- $AN/api/orders/1
fi
if up haproxy; then
    stop_name connexion
    sleep 0.5
    cap connexion-haproxy-uniqueid haproxy-503-uvicorn-stopped.txt 503 load-balancer haproxy "uvicorn is stopped: no server is available" "curl -si" -- -si $HC/api/orders/1
fi
if up lighttpd; then
    stop_name restx
    sleep 0.5
    capwget restx-lighttpd lighttpd-503-gunicorn-stopped-wget.txt 503 proxy lighttpd "wget: gunicorn is stopped, lighttpd's 503" "wget -S -O-" -- $LT/api/orders/1
fi
if up h2o; then
    stop_name robyn INT
    sleep 0.5
    capwin robyn-h2o-tls h2o-502-robyn-stopped.txt 502 proxy h2o "Robyn is stopped: 'connection failed'" "curl -si pasted with CRLF" -- -si -k $HO/api/orders/1
fi
if up varnish; then
    stop_name feathers
    sleep 0.5
    cap feathers-varnish varnish-200-hit-feathers-stopped.txt 200 cdn-cache varnish "Feathers is stopped: the stored catalog is still served" "X-Cache: HIT" -- -sv $VN/api/catalog
    capwget feathers-varnish varnish-503-feathers-stopped-wget.txt 503 cdn-cache varnish "wget: Feathers is stopped, an order never stored" "wget -S -O-" -- $VN/api/orders/1
fi
if up ats; then
    stop_name tinyhttp
    sleep 0.5
    cap tinyhttp-trafficserver ats-502-tinyhttp-stopped.txt 502 cdn-cache trafficserver "node is stopped: 'Could Not Connect'" "" -- -sv "${RT[@]}" $TS/api/orders/1
fi
if up squid; then
    stop_name h3
    sleep 0.5
    cap h3-squid-accel squid-503-h3-stopped.txt 503 cdn-cache squid "node is stopped, an order never stored" "curl -si" -- -si $SQ/api/orders/1
fi
if up haproxy && up nginx; then
    stop_name nginx
    sleep 0.5
    cap haproxy-tls-nginx-hono haproxy-503-nginx-stopped.txt 503 load-balancer haproxy "nginx is stopped: HAProxy has no server" "HTTP/2" -- -sv -k $HT/api/orders/1
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round45/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
