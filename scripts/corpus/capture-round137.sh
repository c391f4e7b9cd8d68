#!/usr/bin/env bash
# capture-round137.sh — build the hundred-and-thirty-seventh held-out
# evidence corpus in tests/fixtures/evidence-round137/.
#
# "Less common fronts, a second look" (round 120's theme again): five front +
# app setups, each a front + app server + framework triple no earlier
# round's setup list has (checked with `grep -h '^setup'
# tests/fixtures/evidence-round*/labels.toml | sort -u`). Front configs in
# scripts/corpus/conf-round137/ (round 120's, ports and apps changed):
#   - Apache Traffic Server 9.2 (reverse proxy cache) -> Fastify on Node (apps78/fastify_app.js);
#   - h2o 2.2 -> Django 5.2 on gunicorn (apps78/django_app.py);
#   - nghttpx 1.52 -> FastAPI on uvicorn (apps78/fastapi_app.py);
#   - lighttpd 1.4 (mod_proxy) -> Flask 3.1 on Waitress (apps78/flask_app.py);
#   - tinyproxy 1.11 (reverse mode) -> Express 4 on Node (apps78/express_app.js).
# Per setup: the app's own answers passed through (200, 4xx JSON, 429, 500,
# 503), and the front's own answers (upstream down, slow upstream, limits,
# unknown host, unrouted path, a cache HIT/304 at Traffic Server).
#
#   scripts/corpus/capture-round137.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round137.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round137.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-63999) and the script stops if a socket held by one of its own
# processes listens anywhere else; every curl, HTTPie and wget request runs
# under `timeout`; every server it started is stopped on exit, by process id.
# Labels are written by finish_round137.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round137"
RUN=/tmp/api-triage-corpus137-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round137"
APPS78="$HERE/apps78"
NODE_DIR=${CORPUS_NODE137:-/tmp/api-triage-corpus137-node}   # Express 4.22 + Fastify (a copy of round 135's node folder)
VENV=${CORPUS_VENV137:-/tmp/api-triage-corpus137-venv}       # a copy of round 135's venv
START_TIME=$SECONDS
PY=/usr/bin/python3
VPY="$VENV/bin/python"
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 django==5.2.19 fastapi==0.165.0 flask==3.1.3 gunicorn uvicorn waitress==3.0.2)
NPM=(express@4.22.1 fastify@4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus137 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PACKAGES=(wget jq trafficserver h2o nghttp2-proxy lighttpd tinyproxy python3-venv nodejs)
declare -A SKIPPED=()
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
install_packages() {
    local missing=() p created_policy=0
    for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
    ((${#missing[@]})) || return 0
    if [[ ${CORPUS_SKIP_INSTALL:-0} == 1 || $(id -u) != 0 ]]; then
        for p in "${missing[@]}"; do SKIPPED[$p]="not installed"; done; return
    fi
    apt-get update -qq >"$RUN/logs/apt-update.log" 2>&1 || true
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; created_policy=1
    fi
    DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -q --no-install-recommends "${missing[@]}" \
        >"$RUN/logs/apt-install.log" 2>&1 || for p in "${missing[@]}"; do SKIPPED[$p]="apt-get install failed"; done
    ((created_policy)) && rm -f /usr/sbin/policy-rc.d
    return 0
}
install_venv() {
    [[ -x $VPY ]] && "$VPY" -c "import httpie, django, fastapi, flask, gunicorn, uvicorn, waitress" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="venv failed"; return 0; }
    timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 || SKIPPED[venv]="pip install failed"
}
install_node() {
    [[ -d $NODE_DIR/node_modules/express && -d $NODE_DIR/node_modules/fastify ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node folder missing"; return 0; }
    mkdir -p "$NODE_DIR"
    (cd "$NODE_DIR" && timeout 900 npm install --no-audit --no-fund "${NPM[@]}") >>"$RUN/logs/npm.log" 2>&1 || SKIPPED[node]="npm install failed"
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
# only ours are checked against 127.0.0.1 and 62000-63999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round137.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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

# capjq SETUP FILE SHOWN/WIRE LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl -s URL | jq .`: body-only, pretty-printed by jq (round 130's form).
capjq() {
    local setup=$1 file=$2 shown=${3%/*} wire=${3#*/} layer=$4 product=$5 scenario=$6 note=$7 got
    shift 8
    local dest="$STAGE/$file"
    printf '%s | jq .\n' "$(cmdline curl -s "$@")" >"$dest"
    rm -f "$RUN/work/last-headers"
    in_work timeout 20 curl -s -D "$RUN/work/last-headers" "$@" 2>/dev/null | jq . >>"$dest" 2>&1
    got=$(awk '/^HTTP\// {s=$2} END {print s+0}' "$RUN/work/last-headers" 2>/dev/null)
    if [[ $got != "$wire" ]]; then
        log "MISMATCH $file: expected wire status $wire, got $got"; MISMATCH=$((MISMATCH + 1))
    fi
    finish "$dest" "$setup" "$shown" "$layer" "$product" "$scenario" "$note" body-only "$got"
}

# caphttph SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- HTTPIE-ARGS...
# HTTPie `--headers` with colours: the response headers only (headers-only).
caphttph() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    [[ -x $HTTPIE ]] || return 0
    cmdline http --headers "$@" >"$dest"
    in_work timeout 20 "$HTTPIE" -m httpie --ignore-stdin --pretty=all --style=monokai --timeout=10 --headers "$@" >>"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only 0
}

# capvo SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl -sv -o /dev/null URL` with only the `< ` lines kept (headers-only).
capvo() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl -sv -o /dev/null "$@" >"$dest"
    in_work timeout 20 curl -sv -o /dev/null "$@" >"$RUN/work/last-full" 2>&1
    grep -a '^< ' "$RUN/work/last-full" | tr -d '\r' >>"$dest"
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only 0
}

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS78 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,flags}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "Express/Fastify are missing (${SKIPPED[node]})"
for p in trafficserver h2o nghttp2-proxy lighttpd tinyproxy jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# apps: Fastify/Node 62031 (ATS), Django/gunicorn 62032 (h2o), FastAPI/uvicorn
# 62033 (nghttpx), Flask/Waitress 62034 (lighttpd), Express/Node 62035
# (tinyproxy). Fronts: ATS 62531, h2o 62532, nghttpx 62533, lighttpd 62534,
# tinyproxy 62535. 62599 is never listened on (the dead upstream every front has).
APP_PORTS=(62031 62032 62033 62034 62035)
FRONT_PORTS=(62531 62532 62533 62534 62535)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 62599; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
mkdir -p "$RUN/gunicorn" "$RUN/flags"/{saltmarsh,wrenfield,halyard,tamarind,osprey}
start_bg fastify env REPLICA=saltmarsh-api-1 FLAG_DIR="$RUN/flags/saltmarsh" NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production \
    nice -n 5 node "$APPS78/fastify_app.js" 62031
start_bg django env REPLICA=wrenfield-web-1 FLAG_DIR="$RUN/flags/wrenfield" nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:62032 --workers 2 --chdir "$APPS78" --worker-tmp-dir "$RUN/gunicorn" django_app:application
start_bg fastapi env REPLICA=halyard-api-1 FLAG_DIR="$RUN/flags/halyard" nice -n 5 "$VPY" -m uvicorn \
    --host 127.0.0.1 --port 62033 --app-dir "$APPS78" fastapi_app:app
start_bg flask env REPLICA=tamarind-web-1 FLAG_DIR="$RUN/flags/tamarind" PYTHONPATH="$APPS78" nice -n 5 "$VPY" -m waitress \
    --listen=127.0.0.1:62034 --threads=4 flask_app:app
start_bg express env REPLICA=osprey-api-1 FLAG_DIR="$RUN/flags/osprey" NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production \
    nice -n 5 node "$APPS78/express_app.js" 62035
for p in "${APP_PORTS[@]}"; do wait_port $p app || die "an app did not start on $p"; done

# ---- the fronts ----------------------------------------------------------------
A=$RUN/ats
mkdir -p "$A"/etc "$A"/var/cache "$A"/log "$A"/run
for f in logging.yaml cache.config hosting.config parent.config sni.yaml socks.config \
         splitdns.config volume.config strategies.yaml ssl_multicert.config; do
    [[ -e /etc/trafficserver/$f ]] && cp "/etc/trafficserver/$f" "$A/etc/"
done
render "$CONF/records.config" "$A/etc/records.config"
cp "$CONF/remap.config" "$CONF/ats-cache-status.config" "$CONF/ip_allow.yaml" "$A/etc/"
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
wait_port 62531 trafficserver && UP[ats]=1

mkdir -p "$RUN/h2o/empty"; render "$CONF/h2o.conf" "$RUN/h2o/h2o.conf"; chmod 777 "$RUN/h2o"
start_bg h2o h2o -c "$RUN/h2o/h2o.conf"
wait_port 62532 h2o && UP[h2o]=1

mkdir -p "$RUN/nghttpx"; render "$CONF/nghttpx.conf" "$RUN/nghttpx/nghttpx.conf"
start_bg nghttpx nghttpx --conf="$RUN/nghttpx/nghttpx.conf"
wait_port 62533 nghttpx && UP[nghttpx]=1

mkdir -p "$RUN/lighttpd/htdocs"; render "$CONF/lighttpd.conf" "$RUN/lighttpd/lighttpd.conf"
start_bg lighttpd lighttpd -D -f "$RUN/lighttpd/lighttpd.conf"
wait_port 62534 lighttpd && UP[lighttpd]=1

mkdir -p "$RUN/tinyproxy"; render "$CONF/tinyproxy.conf" "$RUN/tinyproxy/tinyproxy.conf"
chown -R nobody:nogroup "$RUN/tinyproxy" 2>/dev/null || chmod -R 777 "$RUN/tinyproxy"
start_bg tinyproxy tinyproxy -d -c "$RUN/tinyproxy/tinyproxy.conf"
wait_port 62535 tinyproxy && UP[tinyproxy]=1
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 120 s"; sleep 120 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 137 (held out): real responses captured by
# scripts/corpus/capture-round137.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-136:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the body itself shows (0 = none)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes: for app responses the
#              framework, or the app server when it wrote the page itself
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`, `curl -s | jq .`) or "headers-only"
#              (`curl -sI`, `curl -sv -o /dev/null` < lines, HTTPie --headers);
#              absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
EOF_LABELS

JSONH=(-H 'Content-Type: application/json')
NOEXP=(-H 'Expect:')
BIGBODY=$(printf '{"ref":"XX-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")
BIGHDR="X-Trace-Blob: $(printf 'b%.0s' $(seq 1 10000))"
ETAG='"sm-order-1-v2"'

# ===================================================== Traffic Server -> Fastify on Node ==
if up ats; then
    log "capturing: Fastify (Node) behind Traffic Server"
    S=fastify-node-trafficserver-r137
    H=api.saltmarsh.test T=http://api.saltmarsh.test:62531 RT="--resolve api.saltmarsh.test:62531:127.0.0.1"
    cap $S fastify-200-order-ats-miss.txt 200 app fastify "order 1, first request: a MISS, stored (public, max-age=300, ETag)" "curl -sv; Via with the cache codes" -- -sv $RT $T/api/orders/1
    cap $S ats-200-order-hit.txt 200 cdn-cache trafficserver "order 1 again: from Traffic Server's cache" "curl -si" -- -si $RT $T/api/orders/1
    caplt $S ats-304-order-inm.txt 304 cdn-cache trafficserver "If-None-Match equal to the stored ETag: Traffic Server's own 304 from the fresh copy" "curl -sv, only the < lines kept" -- -sv $RT -H "If-None-Match: $ETAG" $T/api/orders/1
    cap $S fastify-404-order9-ats-miss.txt 404 app fastify "order 9, first request: the route's JSON 404 ({statusCode,error,message})" "curl -si" -- -si $RT $T/api/orders/9
    capraw $S fastify-404-order9-ats-again.txt 404 app fastify "order 9 again: the app's own 404, a HIT of it (negative caching 30 s) or passed on again; either way the app's bytes" "curl -si saved to a file (CRs kept)" -- -si $RT $T/api/orders/9
    cap $S fastify-400-order-id-ats.txt 400 app fastify "an order id that is not a number: the route's JSON 400" "curl -si" -- -si $RT $T/api/orders/abc
    cap $S fastify-422-post-ats.txt 422 app fastify "POST without ref: the route's JSON 422" "curl -si" -- -si $RT -X POST "${JSONH[@]}" -d '{"total":2}' $T/api/orders
    capwin $S fastify-429-quota-ats.txt 429 app fastify "the route's own JSON 429 with Retry-After, passed on" "curl -si pasted with CRLF" -- -si $RT $T/api/quota
    cap $S fastify-500-boom-ats.txt 500 app fastify "a thrown Error: Fastify's default JSON 500, passed on" "" -- -sv $RT $T/api/boom
    HTTPIE_CMD=http caphttp $S fastify-503-maintenance-ats-httpie.txt 503 app fastify "HTTPie: the route's JSON 503 with Retry-After, passed on" "HTTPie with colours" -- -v GET http://127.0.0.1:62531/api/maintenance Host:$H:62531
    capcut $S fastify-502-payments-html-ats.txt 502 app fastify "the app's own HTML 502 page (payment provider), passed on" "curl -si, body cut off after the headers" -- -si $RT $T/api/payments
    cap $S fastify-404-route-ats.txt 404 app fastify "no route: Fastify's default JSON 404 ('Route GET:... not found'), passed on" "curl -si" -- -si $RT $T/api/v2/orders
    capwget $S fastify-401-account-ats-wget.txt 401 app fastify "no token: the route's JSON 401, passed on" "wget -S -O-" -- --header="Host: $H:62531" http://127.0.0.1:62531/api/account
    cap $S ats-504-slow-inactivity.txt 504 cdn-cache trafficserver "the route waits 5 s, transaction_no_activity_timeout_out 2: Traffic Server's 'Inactivity Timeout' page" "" -- -sv $RT $T/api/slow
    capwin $S ats-502-ledger-down.txt 502 cdn-cache trafficserver "/api/ledger/ mapped to 62599 where nothing listens: 'Could Not Connect'" "curl -si pasted with CRLF" -- -si $RT $T/api/ledger/entries
    cap $S ats-404-unknown-host.txt 404 cdn-cache trafficserver "a Host no remap rule maps (the bare IP): 'Not Found on Accelerator'" "curl -si" -- -si http://127.0.0.1:62531/api/orders/1
    cap $S ats-403-purge.txt 403 cdn-cache trafficserver "PURGE, denied to 127.0.0.1 by ip_allow.yaml: Traffic Server's 'Access Denied'" "curl -sv" -- -sv $RT -X PURGE $T/api/orders/1
    capbody body-only-paste body-ats-504-inactivity.txt 0/504 cdn-cache trafficserver "Traffic Server's 'Inactivity Timeout' page (no number in it)" "" -- $RT "$T/api/slow?from=dashboard"
    capjq body-only-paste body-fastify-429-quota-ats.txt 429/429 app fastify "Fastify's JSON 429 (\"statusCode\": 429)" "curl -s | jq ." -- $RT "$T/api/quota?from=dashboard"
    caphead headers-only-paste head-ats-200-order-hit.txt 200 cdn-cache trafficserver "curl -sI on the stored order 1" "" -- $RT $T/api/orders/1
fi

# ===================================================== h2o -> Django on gunicorn ==
if up h2o; then
    log "capturing: Django (gunicorn) behind h2o"
    S=django-gunicorn-h2o-r137
    H=api.wrenfield.test O=http://api.wrenfield.test:62532 RO="--resolve api.wrenfield.test:62532:127.0.0.1"
    cap $S django-200-order-h2o.txt 200 app django "order 1 from Django on gunicorn, through h2o" "curl -sv" -- -sv $RO $O/api/orders/1
    capwin $S django-404-order9-h2o.txt 404 app django "order 9: the view's JSON 404" "curl -si pasted with CRLF" -- -si $RO $O/api/orders/9
    cap $S django-400-order-id-h2o.txt 400 app django "an order id that is not a number: the view's JSON 400" "curl -si" -- -si $RO $O/api/orders/abc
    caplt $S django-422-post-h2o.txt 422 app django "POST without ref: the view's JSON 422" "curl -sv, only the < lines kept" -- -sv $RO -X POST "${JSONH[@]}" -d '{"total":2}' $O/api/orders
    capdump $S django-409-conflict-h2o.txt 409 app django "POST with an existing ref: the view's JSON 409" "curl -s -D-" -- $RO -X POST "${JSONH[@]}" -d '{"ref":"WF-1001"}' $O/api/orders
    HTTPIE_CMD=http caphttp $S django-401-account-h2o-httpie.txt 401 app django "HTTPie, no token: the view's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:62532/api/account Host:$H:62532
    cap $S django-403-admin-h2o.txt 403 app django "the view's JSON 403 (permission_denied)" "curl -si" -- -si $RO $O/api/admin
    cap $S django-429-quota-h2o.txt 429 app django "the view's own JSON 429 with Retry-After, passed on" "curl -si" -- -si $RO $O/api/quota
    cap $S django-503-maintenance-h2o.txt 503 app django "the view's own JSON 503 with Retry-After, passed on" "curl -si" -- -si $RO $O/api/maintenance
    cap $S django-500-boom-h2o.txt 500 app django "an uncaught error: Django's 'Server Error (500)', passed on" "" -- -sv $RO $O/api/boom
    capwget $S django-503-statements-html-h2o-wget.txt 503 app django "the app's own HTML 503 page, passed on" "wget -S -O-" -- --header="Host: $H:62532" http://127.0.0.1:62532/api/statements
    cap $S django-404-route-h2o.txt 404 app django "no route: Django's HTML 'Not Found', passed on" "curl -si" -- -si $RO $O/api/v2/orders
    cap $S h2o-502-billing-down.txt 502 proxy h2o "/billing to 62599 where nothing listens: h2o's plain-text 502 'connection failed' (scenario text corrected after run 1)" "" -- -sv $RO $O/billing/invoices
    caplt $S h2o-502-slow-io-timeout.txt 502 proxy h2o "the view waits 5 s, proxy.timeout.io 2000: h2o's 502 'I/O timeout'" "curl -sv, only the < lines kept" -- -sv $RO $O/api/slow
    cap $S h2o-413-body.txt 413 proxy h2o "a 3 KB body, limit-request-body 1024: h2o's 413" "curl -si" -- -si $RO -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $O/api/orders
    cap $S h2o-404-unknown-host.txt 404 proxy h2o "a Host h2o has no hosts entry for (the bare IP): h2o's 404 'not found'" "curl -si" -- -si http://127.0.0.1:62532/api/orders/1
    capbody body-only-paste body-django-429-quota-h2o.txt 0/429 app django "Django's JSON 429 ({\"errors\":[{\"code\":\"throttled\"...}]}, no number in it)" "" -- $RO "$O/api/quota?from=dashboard"
    capbody body-only-paste body-h2o-502-billing.txt 0/502 proxy h2o "h2o's plain-text 502 ('connection failed', no number in it; text corrected after run 1)" "" -- $RO "$O/billing/invoices?from=dashboard"
    caphttph headers-only-paste head-django-200-order-h2o-httpie.txt 200 app django "HTTPie --headers on order 1 through h2o" "" -- GET http://127.0.0.1:62532/api/orders/1 Host:$H:62532
fi

# ===================================================== nghttpx -> FastAPI on uvicorn ==
if up nghttpx; then
    log "capturing: FastAPI (uvicorn) behind nghttpx"
    S=fastapi-uvicorn-nghttpx-r137
    H=api.halyard.test N=http://api.halyard.test:62533 RN="--resolve api.halyard.test:62533:127.0.0.1"
    cap $S fastapi-200-order-nghttpx.txt 200 app fastapi "order 1 from FastAPI on uvicorn, through nghttpx" "curl -sv; Via from nghttpx" -- -sv $RN $N/api/orders/1
    cap $S fastapi-200-order-nghttpx-h2c.txt 200 app fastapi "order 1 over h2c (prior knowledge)" "curl -sv --http2-prior-knowledge" -- -sv --http2-prior-knowledge $RN $N/api/orders/1
    cap $S fastapi-404-order9-nghttpx.txt 404 app fastapi "order 9: the route's {\"detail\":...} 404" "curl -si" -- -si $RN $N/api/orders/9
    capdump $S fastapi-400-order-id-nghttpx.txt 400 app fastapi "an order id that is not a number: the route's {\"detail\":...} 400" "curl -s -D-" -- $RN $N/api/orders/abc
    cap $S fastapi-422-post-nghttpx.txt 422 app fastapi "POST without ref: FastAPI's validation 422" "curl -si" -- -si $RN -X POST "${JSONH[@]}" -d '{"total":2}' $N/api/orders
    capraw $S fastapi-401-account-nghttpx.txt 401 app fastapi "no token: the route's JSON 401 with WWW-Authenticate: Bearer" "curl -si saved to a file (CRs kept)" -- -si $RN $N/api/account
    HTTPIE_CMD=http caphttp $S fastapi-403-admin-nghttpx-httpie.txt 403 app fastapi "HTTPie: the route's JSON 403" "HTTPie with colours" -- -v GET http://127.0.0.1:62533/api/admin Host:$H:62533
    cap $S fastapi-429-quota-nghttpx.txt 429 app fastapi "the route's own JSON 429 with Retry-After, passed on" "curl -si" -- -si $RN $N/api/quota
    capwin $S fastapi-503-maintenance-nghttpx.txt 503 app fastapi "the route's own JSON 503 with Retry-After, passed on" "curl -si pasted with CRLF" -- -si $RN $N/api/maintenance
    cap $S fastapi-500-boom-nghttpx.txt 500 app fastapi "an uncaught error: Starlette's plain 'Internal Server Error', passed on" "" -- -sv $RN $N/api/boom
    cap $S fastapi-502-payments-html-nghttpx.txt 502 app fastapi "the app's own HTML 502 page (payment provider), passed on" "curl -si" -- -si $RN $N/api/payments
    capcut $S fastapi-404-route-nghttpx.txt 404 app fastapi "no route: FastAPI's {\"detail\":\"Not Found\"}, passed on" "curl -si, body cut off after the headers" -- -si $RN $N/api/v2/orders
    cap $S nghttpx-502-ledger-down.txt 502 proxy nghttpx "/api/ledger/ to 62599 where nothing listens: nghttpx's 502 page" "" -- -sv $RN $N/api/ledger/entries
    cap $S nghttpx-504-slow.txt 504 proxy nghttpx "the route waits 5 s, backend-read-timeout 2s: nghttpx's 504 page" "curl -si" -- -si $RN $N/api/slow
    caplt $S nghttpx-431-big-header.txt 431 proxy nghttpx "a 10 KB request header over request-header-field-buffer 4K: nghttpx's 431 page" "curl -sv, only the < lines kept" -- -sv $RN -H "$BIGHDR" $N/api/orders/1
    cap $S nghttpx-504-slow-h2c.txt 504 proxy nghttpx "the same slow route over h2c: nghttpx's 504" "curl -sv --http2-prior-knowledge" -- -sv --http2-prior-knowledge $RN $N/api/slow
    capbody body-only-paste body-nghttpx-502-ledger.txt 502/502 proxy nghttpx "nghttpx's 502 page (title and heading '502 Bad Gateway')" "" -- $RN "$N/api/ledger/entries?from=dashboard"
    capjq body-only-paste body-fastapi-422-post-nghttpx.txt 0/422 app fastapi "FastAPI's validation 422 ({\"detail\":[...]}, no number in it)" "curl -s | jq ." -- $RN -X POST "${JSONH[@]}" -d '{"total":2}' $N/api/orders
    capvo headers-only-paste head-nghttpx-504-slow.txt 504 proxy nghttpx "curl -sv -o /dev/null on the slow route: nghttpx's 504" "only the < lines kept" -- $RN "$N/api/slow?from=monitor"
fi

# ===================================================== lighttpd -> Flask on Waitress ==
if up lighttpd; then
    log "capturing: Flask (Waitress) behind lighttpd"
    S=flask-waitress-lighttpd-r137
    H=api.tamarind.test L=http://api.tamarind.test:62534 RL="--resolve api.tamarind.test:62534:127.0.0.1"
    cap $S flask-200-order-lighttpd.txt 200 app flask "order 1 from Flask on Waitress, through lighttpd mod_proxy" "curl -sv" -- -sv $RL $L/api/orders/1
    capwin $S flask-404-order9-lighttpd.txt 404 app flask "order 9: the handler's JSON 404" "curl -si pasted with CRLF" -- -si $RL $L/api/orders/9
    cap $S flask-401-account-lighttpd.txt 401 app flask "no token: the handler's JSON 401" "curl -si" -- -si $RL $L/api/account
    capdump $S flask-403-admin-lighttpd.txt 403 app flask "the handler's JSON 403" "curl -s -D-" -- $RL $L/api/admin
    cap $S flask-422-post-lighttpd.txt 422 app flask "POST without ref: the handler's JSON 422" "curl -si" -- -si $RL -X POST "${JSONH[@]}" -d '{"total":2}' $L/api/orders
    cap $S flask-429-quota-lighttpd.txt 429 app flask "the handler's own JSON 429 with Retry-After, passed on" "curl -si" -- -si $RL $L/api/quota
    HTTPIE_CMD=http caphttp $S flask-503-maintenance-lighttpd-httpie.txt 503 app flask "HTTPie: the handler's JSON 503, passed on" "HTTPie with colours" -- -v GET http://127.0.0.1:62534/api/maintenance Host:$H:62534
    cap $S flask-500-boom-lighttpd.txt 500 app flask "an uncaught error: Flask's HTML 500 (Werkzeug's page), passed on" "" -- -sv $RL $L/api/boom
    capwget $S flask-503-statements-html-lighttpd-wget.txt 503 app flask "the app's own HTML 503 page, passed on" "wget -S -O-" -- --header="Host: $H:62534" http://127.0.0.1:62534/api/statements
    cap $S flask-404-route-lighttpd.txt 404 app flask "no Flask route under /api/: Werkzeug's HTML 404, passed on" "curl -si" -- -si $RL $L/api/v2/orders
    capraw $S lighttpd-503-shipping-down.txt 503 proxy lighttpd "/shipping/ to 62599 where nothing listens: lighttpd's 503 page" "curl -si saved to a file (CRs kept)" -- -si $RL $L/shipping/labels
    cap $S lighttpd-504-slow.txt 504 proxy lighttpd "the handler waits 5 s, mod_proxy read-timeout 2: lighttpd's 504 page" "" -- -sv $RL $L/api/slow
    cap $S lighttpd-403-internal.txt 403 proxy lighttpd "/internal/: url.access-deny, lighttpd's 403 page" "curl -si" -- -si $RL $L/internal/metrics
    cap $S lighttpd-404-unrouted.txt 404 proxy lighttpd "a path lighttpd does not proxy (empty document root): lighttpd's 404 page" "curl -si" -- -si $RL $L/docs
    caplt $S lighttpd-413-body.txt 413 proxy lighttpd "a 3 KB body, server.max-request-size 1 (KB): lighttpd's 413" "curl -sv, only the < lines kept" -- -sv $RL -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $L/api/orders
    cap $S lighttpd-431-big-header.txt 431 proxy lighttpd "a 10 KB request header: lighttpd's 431" "curl -si" -- -si $RL -H "$BIGHDR" $L/api/orders/1
    capbody body-only-paste body-lighttpd-504-slow.txt 504/504 proxy lighttpd "lighttpd's 504 page (title '504 Gateway Timeout')" "" -- $RL "$L/api/slow?from=dashboard"
    capbody body-only-paste body-flask-500-boom-lighttpd.txt 500/500 app flask "Werkzeug's HTML 500 page (title '500 Internal Server Error')" "" -- $RL "$L/api/boom?from=dashboard"
    caphead headers-only-paste head-lighttpd-404-unrouted.txt 404 proxy lighttpd "curl -sI on a path lighttpd does not proxy: its 404" "" -- $RL $L/docs
fi

# ===================================================== tinyproxy (reverse) -> Express on Node ==
if up tinyproxy; then
    log "capturing: Express (Node) behind tinyproxy"
    S=express-node-tinyproxy-r137
    H=api.osprey.test Y=http://api.osprey.test:62535 RY="--resolve api.osprey.test:62535:127.0.0.1"
    cap $S express-200-order-tinyproxy.txt 200 app express "order 1 from Express, through tinyproxy in reverse mode" "curl -sv; Via from tinyproxy" -- -sv $RY $Y/api/orders/1
    cap $S express-404-order9-tinyproxy.txt 404 app express "order 9: the handler's JSON 404" "curl -si" -- -si $RY $Y/api/orders/9
    capraw $S express-400-order-id-tinyproxy.txt 400 app express "an order id that is not a number: the handler's JSON 400" "curl -si saved to a file (CRs kept)" -- -si $RY $Y/api/orders/abc
    caplt $S express-422-post-tinyproxy.txt 422 app express "POST without ref: the handler's JSON 422" "curl -sv, only the < lines kept" -- -sv $RY -X POST "${JSONH[@]}" -d '{"total":2}' $Y/api/orders
    capdump $S express-409-conflict-tinyproxy.txt 409 app express "POST with an existing ref: the handler's JSON 409" "curl -s -D-" -- $RY -X POST "${JSONH[@]}" -d '{"ref":"OS-1001"}' $Y/api/orders
    HTTPIE_CMD=http caphttp $S express-401-account-tinyproxy-httpie.txt 401 app express "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:62535/api/account Host:$H:62535
    cap $S express-403-admin-tinyproxy.txt 403 app express "the handler's JSON 403" "curl -si" -- -si $RY $Y/api/admin
    cap $S express-429-quota-tinyproxy.txt 429 app express "the handler's own JSON 429 with Retry-After, passed on" "curl -si" -- -si $RY $Y/api/quota
    capwin $S express-503-maintenance-tinyproxy.txt 503 app express "the handler's own JSON 503 with Retry-After, passed on" "curl -si pasted with CRLF" -- -si $RY $Y/api/maintenance
    cap $S express-500-boom-tinyproxy.txt 500 app express "a thrown error: finalhandler's HTML 500, passed on" "" -- -sv $RY $Y/api/boom
    cap $S express-502-payments-html-tinyproxy.txt 502 app express "the app's own HTML 502 page, passed on" "curl -si" -- -si $RY $Y/api/payments
    capcut $S express-404-route-tinyproxy.txt 404 app express "no route: Express's 'Cannot GET' page, passed on" "curl -si, body cut off after the headers" -- -si $RY $Y/api/v2/orders
    cap $S tinyproxy-500-legacy-refused.txt 500 proxy tinyproxy "/legacy/ (ReversePath) to 62599 where nothing listens: tinyproxy's stock 'Unable to connect' page" "" -- -sv $RY $Y/legacy/orders
    capwget $S tinyproxy-500-legacy-refused-wget.txt 500 proxy tinyproxy "the same refused upstream, fetched with wget" "wget -S -O-" -- --header="Host: $H:62535" http://127.0.0.1:62535/legacy/orders
    capjq body-only-paste body-express-404-order9-tinyproxy.txt 0/404 app express "Express's JSON 404 ({\"error\":{\"code\":\"NOT_FOUND\"...}}, no number in it)" "curl -s | jq ." -- $RY "$Y/api/orders/9?from=dashboard"
    capbody body-only-paste body-express-500-boom-tinyproxy.txt 0/500 app express "finalhandler's production HTML 500 ('Internal Server Error', no number in it)" "" -- $RY "$Y/api/boom?from=dashboard"
    caphead headers-only-paste head-express-200-order-tinyproxy.txt 200 app express "curl -sI on order 1 through tinyproxy" "Via from tinyproxy" -- $RY $Y/api/orders/1
fi

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in ats h2o nghttpx lighttpd tinyproxy; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round137/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
