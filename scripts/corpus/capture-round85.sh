#!/usr/bin/env bash
# capture-round85.sh — build the eighty-fifth held-out evidence corpus in
# tests/fixtures/evidence-round85/.
#
# "Mainstream, the app's own answers at their edges, behind a front": six
# mainstream front + app pairings not used together in rounds 80-84, plain
# HTTP/1.1 on 127.0.0.1. The apps (scripts/corpus/apps85/, new this round)
# answer the edges an API client hits in their own formats (validation
# 400/422, 401 with and without WWW-Authenticate, 403, 404 for an unknown
# route and for an unknown id, 405, 406, 409, 410, 415, an in-app 429, 500
# with debug off, a 503 while their own maintenance flag is set, redirects
# 301/302/307/308, 201/202/204). About half the captures are still written
# by the front (502/503/504 with the app stopped or slow, 413/414/431 and
# header limits, deny and unrouted rules, its own 429/503, a credential
# check, cache HITs and 304s). Front configs in scripts/corpus/conf-round85/:
#   - FastAPI (apps85/fastapi_app.py) on uvicorn behind nginx 1.22;
#   - Flask (apps85/flask_app.py) on gunicorn behind Apache 2.4;
#   - Express 4 (apps85/express_app.js) behind Caddy 2.6;
#   - Django 5.2 (apps85/django_app.py) on gunicorn behind HAProxy 2.6;
#   - Koa 2 (apps85/koa_app.js) behind Varnish 7.1;
#   - Sinatra 3 (apps85/sinatra_app.rb) on Puma behind Squid 5.7.
# Paste forms: curl -sv whole / only its `<` lines, curl -si (as shown, saved
# with CRs, CRLF on every line, cut after the headers), HTTPie with colours,
# wget -S -O-, body-only (curl -s) and headers-only (curl -sI) pastes.
#
#   scripts/corpus/capture-round85.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round85.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round85.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 64000-64999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round85.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round85"
RUN=/tmp/api-triage-corpus85-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round85"
APPS="$HERE/apps85"
NODE_DIR=${CORPUS_NODE85:-/tmp/api-triage-corpus85-node}
VENV=${CORPUS_VENV85:-/tmp/api-triage-corpus85-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus85 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx caddy haproxy varnish squid python3-venv nodejs
    puma ruby-sinatra)
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
# only ours are checked against 127.0.0.1 and 64000-64999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round85.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS ]] || die "missing $CONF or $APPS"
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
for p in nginx apache2 caddy haproxy varnish squid nodejs puma ruby-sinatra; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
[[ -d $NODE_DIR/node_modules/express && -d $NODE_DIR/node_modules/@koa/router ]] \
    || die "Express or Koa is missing from $NODE_DIR (copy round 84's node folder there)"

# apps: FastAPI 64011, Flask 64012, Express 64013, Django 64014, Koa 64015,
# Sinatra 64016. Fronts (plain HTTP/1.1): nginx 64401, Apache 64402, Caddy
# 64403, HAProxy 64404, Varnish 64405, Squid 64406. 64999 is never listened
# on (the dead upstream every front has).
APP_PORTS=(64011 64012 64013 64014 64015 64016)
FRONT_PORTS=(64401 64402 64403 64404 64405 64406)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 64999; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

OPS_PASS=on-call-85
HTPASS="oncall:$(openssl passwd -apr1 "$OPS_PASS")"
CADDY_HASH=$(timeout 30 caddy hash-password --plaintext "$OPS_PASS") || die "caddy hash-password failed"

# ---- apps -------------------------------------------------------------------
declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
mkdir -p "$RUN/flags"/{pelican,kestrel,plover,heron,avocet,gannet}
# one process each (the in-app limiters count in memory); threads for the slow route
start_bg fastapi env FLAG_DIR="$RUN/flags/pelican" nice -n 5 "$VPY" -m uvicorn \
    --app-dir "$APPS" --host 127.0.0.1 --port 64011 fastapi_app:app
start_bg flask env FLAG_DIR="$RUN/flags/kestrel" nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:64012 --workers 1 --threads 4 --chdir "$APPS" --worker-tmp-dir "$RUN/gunicorn" flask_app:app
start_bg express env FLAG_DIR="$RUN/flags/plover" "${NODEENV[@]}" "$APPS/express_app.js" 64013
start_bg django env FLAG_DIR="$RUN/flags/heron" nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:64014 --workers 1 --threads 4 --chdir "$APPS" --worker-tmp-dir "$RUN/gunicorn" django_app:application
start_bg koa env FLAG_DIR="$RUN/flags/avocet" "${NODEENV[@]}" "$APPS/koa_app.js" 64015
start_bg sinatra env FLAG_DIR="$RUN/flags/gannet" nice -n 5 puma -e production -t 2:8 -b tcp://127.0.0.1:64016 "$APPS/sinatra.ru"
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
mkdir -p "$RUN"/nginx/tmp
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
printf '%s\n' "$HTPASS" >"$RUN/nginx/htpasswd"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 64401 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/apache/errors
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
    wait_port 64402 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s|@HASH@|$CADDY_HASH|g"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 64403 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
cp "$CONF/haproxy-504.http" "$RUN/haproxy/haproxy-504.http"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 64404 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/koa.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:64405 -T none -f "$RUN/varnish/koa.vcl" \
    -n "$RUN/varnish/koa" -s malloc,16m
wait_port 64405 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus85 -f "$RUN/squid/squid.conf"
wait_port 64406 squid && UP[squid]=1
sleep 2.5   # HAProxy's check marks the legacy server down

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 64000 || p > 64999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 64000-64999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 85 (held out): real responses captured by
# scripts/corpus/capture-round85.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-84:
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
BIGBODY=$(printf '{"name":"XX-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")
LONGURL=$(printf 'q%.0s' $(seq 1 2000))
BIGHDR="X-Debug-Trace: $(printf 't%.0s' $(seq 1 8000))"
V=(-sv)    # as on-call engineers type them
I=(-si)
flag_on() { : >"$RUN/flags/$1/maintenance"; }
flag_off() { rm -f "$RUN/flags/$1/maintenance"; }

# ===================================================== nginx -> FastAPI (uvicorn) ==
if up nginx; then
    log "capturing: FastAPI behind nginx"
    S=fastapi-uvicorn-nginx-r85
    H=api.pelican.test NG=http://api.pelican.test:64401 R="--resolve api.pelican.test:64401:127.0.0.1"
    cap $S fastapi-200-item-nginx.txt 200 app fastapi "item 1: the route's JSON, nginx's X-Request-ID added" "curl -sv" -- "${V[@]}" $R $NG/api/items/1
    caplt $S fastapi-422-post-nginx.txt 422 app fastapi "POST with an empty name and no stock: pydantic's 422 {\"detail\":[...]}" "curl -sv, only the < lines kept" -- "${V[@]}" $R -X POST "${JSONH[@]}" -d '{"name":""}' $NG/api/items
    capraw $S fastapi-415-post-text-nginx.txt 415 app fastapi "POST as text/plain: the dependency's HTTPException 415 {\"detail\":...}" "curl -si saved to a file (CRs kept)" -- "${I[@]}" $R -X POST -H 'Content-Type: text/plain' -d 'name=boat hook' $NG/api/items
    caphttp $S fastapi-401-me-nginx-httpie.txt 401 app fastapi "no bearer token: HTTPException 401 with WWW-Authenticate: Bearer" "HTTPie with colours" -- -v GET http://127.0.0.1:64401/api/me Host:$H
    capwin $S fastapi-401-keys-no-www-auth-nginx.txt 401 app fastapi "no X-API-Key: HTTPException 401 with no WWW-Authenticate" "curl -si pasted with CRLF" -- "${I[@]}" $R $NG/api/keys
    cap $S fastapi-404-item99-nginx.txt 404 app fastapi "item 99: the route's HTTPException 404 {\"detail\":\"item 99 not found\"}" "curl -si" -- "${I[@]}" $R $NG/api/items/99
    capcut $S fastapi-404-route-nginx.txt 404 app fastapi "no route: Starlette's {\"detail\":\"Not Found\"}" "curl -si, body cut off after the headers" -- "${I[@]}" $R $NG/api/v2/items
    quiet $R $NG/api/search?q=chain; quiet $R $NG/api/search?q=rope
    cap $S fastapi-429-search-nginx.txt 429 app fastapi "a third search: the app's own limiter, JSON 429 with Retry-After" "curl -si" -- "${I[@]}" $R "$NG/api/search?q=cleat"
    cap $S fastapi-500-boom-nginx.txt 500 app fastapi "an uncaught error: Starlette's plain-text 'Internal Server Error'" "curl -sv" -- "${V[@]}" $R $NG/api/boom
    flag_on pelican
    cap $S fastapi-503-billing-maintenance-nginx.txt 503 app fastapi "the app's maintenance flag is set: its JSON 503 with Retry-After" "curl -si" -- "${I[@]}" $R $NG/api/billing/invoices
    flag_off pelican
    cap $S fastapi-301-v1-item-nginx.txt 301 app fastapi "an old URL: RedirectResponse 301, empty body" "curl -si" -- "${I[@]}" $R $NG/api/v1/items/1
    quiet $R $NG/api/exports/daily   # the first request in the minute passes limit_req (the app has no such route: its 404)
    cap $S nginx-429-exports-json.txt 429 proxy nginx "/api/exports/ again within the minute, limit_req 1r/m: nginx's 429 with a JSON body" "curl -si" -- "${I[@]}" $R $NG/api/exports/daily
    capcut $S nginx-503-refunds-json.txt 503 proxy nginx "/api/refunds/: return 503 with a JSON maintenance body" "curl -si, body cut off after the headers" -- "${I[@]}" $R $NG/api/refunds/42
    cap $S nginx-403-internal.txt 403 proxy nginx "/internal/: deny all, nginx's stock 403" "curl -si" -- "${I[@]}" $R $NG/internal/metrics
    caplt $S nginx-404-unrouted.txt 404 proxy nginx "a path outside /api/: return 404, nginx's stock 404" "curl -sv, only the < lines kept" -- "${V[@]}" $R $NG/healthz
    cap $S nginx-413-body.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's 413" "curl -si" -- "${I[@]}" $R -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $NG/api/items
    cap $S nginx-414-long-url.txt 414 proxy nginx "a 2 KB query string, 1k header buffers: nginx's 414" "curl -si" -- "${I[@]}" $R "$NG/api/search?q=$LONGURL"
    capraw $S nginx-400-header-too-large.txt 400 proxy nginx "an 8 KB header, 1k buffers: nginx's 400 'Request Header Or Cookie Too Large'" "curl -si saved to a file (CRs kept)" -- "${I[@]}" $R -H "$BIGHDR" $NG/api/items/1
    cap $S nginx-504-slow.txt 504 proxy nginx "the route waits 5 s, proxy_read_timeout 3s: nginx's stock 504" "curl -sv" -- "${V[@]}" $R $NG/api/slow
    cap $S nginx-401-ops-no-credentials.txt 401 identity nginx "/ops/ with no credentials: auth_basic's 401" "curl -si" -- "${I[@]}" $R $NG/ops/billing/status
    capwget $S nginx-401-ops-wrong-password-wget.txt 401 identity nginx "/ops/ with a wrong password: auth_basic's 401" "wget -S -O-" -- --user=oncall --password=wrong --auth-no-challenge --header="Host: $H" http://127.0.0.1:64401/ops/billing/status
    # pastes from the same servers
    capbody body-only-paste body-fastapi-422-detail.txt 0/422 app fastapi "pydantic's {\"detail\":[...]} validation list, no status number in it" "" -- $R -X POST "${JSONH[@]}" -d '{"stock":-1}' $NG/api/items
    capbody body-only-paste body-nginx-504-slow.txt 504/504 proxy nginx "nginx's stock 504 page, its title shows the number" "" -- $R "$NG/api/slow?from=dashboard"
    caphead headers-only-paste head-fastapi-405-head.txt 405 app fastapi "curl -sI on an item: the route takes GET, not HEAD: Starlette's 405" "" -- $R $NG/api/items/1
    caphead headers-only-paste head-nginx-403-internal.txt 403 proxy nginx "curl -sI on /internal/: nginx's 403" "" -- $R $NG/internal/metrics
    # the app stopped last
    stop_name fastapi
    cap $S nginx-502-app-stopped.txt 502 proxy nginx "uvicorn stopped: connection refused, nginx's stock 502" "curl -si" -- "${I[@]}" $R $NG/api/items/1
fi

# ===================================================== Apache -> Flask (gunicorn) ==
if up apache; then
    log "capturing: Flask behind Apache"
    S=flask-gunicorn-apache-r85
    H=api.kestrel.test AP=http://api.kestrel.test:64402 R="--resolve api.kestrel.test:64402:127.0.0.1"
    cap $S flask-200-item-apache.txt 200 app flask "item 1: the route's JSON, Apache's X-Request-Id and Via added" "curl -sv" -- "${V[@]}" $R $AP/api/items/1
    cap $S flask-400-post-bad-json-apache.txt 400 app flask "POST with broken JSON: get_json() raises, Werkzeug's HTML 400" "curl -si" -- "${I[@]}" $R -X POST "${JSONH[@]}" -d '{"name": "rope",' $AP/api/items
    caplt $S flask-415-post-form-apache.txt 415 app flask "POST as a form: get_json() raises, Werkzeug's HTML 415" "curl -sv, only the < lines kept" -- "${V[@]}" $R -X POST -d 'name=rope' $AP/api/items
    capraw $S flask-422-post-apache.txt 422 app flask "POST without stock: the route's JSON 422" "curl -si saved to a file (CRs kept)" -- "${I[@]}" $R -X POST "${JSONH[@]}" -d '{"name":"rope"}' $AP/api/items
    capwin $S flask-403-audit-apache.txt 403 app flask "a user token on the audit log: the route's JSON 403" "curl -si pasted with CRLF" -- "${I[@]}" $R -H 'Authorization: Bearer user-token' $AP/api/admin/audit
    cap $S flask-401-me-expired-apache.txt 401 app flask "an expired bearer token: JSON 401 with WWW-Authenticate error=\"invalid_token\"" "curl -sv" -- "${V[@]}" $R -H 'Authorization: Bearer old-token' $AP/api/me
    capcut $S flask-404-route-apache.txt 404 app flask "no route: Werkzeug's HTML 404" "curl -si, body cut off after the headers" -- "${I[@]}" $R $AP/api/v2/items
    cap $S flask-405-put-apache.txt 405 app flask "PUT on an item: Werkzeug's HTML 405 with Allow" "curl -si" -- "${I[@]}" $R -X PUT "${JSONH[@]}" -d '{}' $AP/api/items/1
    caphttp $S flask-406-xml-apache-httpie.txt 406 app flask "Accept: application/xml: the route's JSON 406" "HTTPie with colours" -- -v GET http://127.0.0.1:64402/api/items/1 Host:$H Accept:application/xml
    cap $S flask-500-boom-apache.txt 500 app flask "an uncaught error: Werkzeug's HTML 500 (debug off)" "curl -sv" -- "${V[@]}" $R $AP/api/boom
    cap $S flask-302-latest-apache.txt 302 app flask "redirect(): Werkzeug's 302 'Redirecting...' page" "curl -si" -- "${I[@]}" $R $AP/api/latest
    cap $S apache-429-exports-json.txt 429 proxy apache "/api/exports/: RewriteRule R=429 with a JSON ErrorDocument" "curl -si" -- "${I[@]}" $R $AP/api/exports/daily
    capcut $S apache-503-refunds-html.txt 503 proxy apache "/api/refunds/: RewriteRule R=503 with an HTML ErrorDocument" "curl -si, body cut off after the headers" -- "${I[@]}" $R $AP/api/refunds/42
    cap $S apache-403-internal.txt 403 proxy apache "/internal/: Require all denied, Apache's 403 page" "curl -si" -- "${I[@]}" $R $AP/internal/metrics
    cap $S apache-414-long-url.txt 414 proxy apache "a 2 KB query string, LimitRequestLine 1024: Apache's 414" "curl -si" -- "${I[@]}" $R "$AP/api/search?q=$LONGURL"
    caplt $S apache-400-header-too-large.txt 400 proxy apache "an 8 KB header, LimitRequestFieldSize 1024: Apache's 400" "curl -sv, only the < lines kept" -- "${V[@]}" $R -H "$BIGHDR" $AP/api/items/1
    cap $S apache-405-trace.txt 405 proxy apache "TRACE, TraceEnable Off: Apache's 405" "curl -si" -- "${I[@]}" $R -X TRACE $AP/api/items/1
    cap $S apache-502-slow-proxy-error.txt 502 proxy apache "the route waits 5 s, ProxyTimeout 3: Apache's '502 Proxy Error'" "curl -sv" -- "${V[@]}" $R $AP/api/slow
    capwget $S apache-503-legacy-down-wget.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:64402/legacy/items/1
    cap $S apache-401-ops-no-credentials.txt 401 identity apache "/ops/ with no credentials: AuthType Basic's 401" "curl -si" -- "${I[@]}" $R $AP/ops/billing/status
    capbody body-only-paste body-flask-415-html.txt 415/415 app flask "Werkzeug's HTML 415, its title shows the number" "" -- $R -X POST -d 'name=rope' $AP/api/items
    capbody body-only-paste body-apache-502-proxy-error.txt 502/502 proxy apache "Apache's '502 Proxy Error' page, its title shows the number" "" -- $R "$AP/api/slow?from=dashboard"
    caphead headers-only-paste head-apache-401-ops.txt 401 identity apache "curl -sI on /ops/: AuthType Basic's 401" "" -- $R $AP/ops/billing/status
    stop_name flask
    cap $S apache-503-app-stopped.txt 503 proxy apache "gunicorn stopped: connection refused, Apache's 503" "curl -si" -- "${I[@]}" $R $AP/api/items/1
fi

# ===================================================== Caddy -> Express ==
if up caddy; then
    log "capturing: Express behind Caddy"
    S=express-caddy-r85
    H=api.plover.test CD=http://api.plover.test:64403 R="--resolve api.plover.test:64403:127.0.0.1"
    cap $S express-200-item-caddy.txt 200 app express "item 1: the route's JSON, Caddy's X-Request-ID added" "curl -si" -- "${I[@]}" $R $CD/api/items/1
    cap $S express-400-post-bad-json-caddy.txt 400 app express "POST with broken JSON: body-parser's error, finalhandler's HTML 400" "curl -sv" -- "${V[@]}" $R -X POST "${JSONH[@]}" -d '{"name": "rope",' $CD/api/items
    capraw $S express-415-post-text-caddy.txt 415 app express "POST as text/plain: the route's JSON 415" "curl -si saved to a file (CRs kept)" -- "${I[@]}" $R -X POST -H 'Content-Type: text/plain' -d '{"name":"rope","stock":1}' $CD/api/items
    cap $S express-401-me-caddy.txt 401 app express "no bearer token: the route's JSON 401 with WWW-Authenticate" "curl -si" -- "${I[@]}" $R $CD/api/me
    capcut $S express-404-route-caddy.txt 404 app express "no route: Express's 'Cannot GET /api/v2/items' page" "curl -si, body cut off after the headers" -- "${I[@]}" $R $CD/api/v2/items
    cap $S express-405-put-caddy.txt 405 app express "PUT on an item: the route's JSON 405 with Allow (Express has no 405 of its own)" "curl -si" -- "${I[@]}" $R -X PUT "${JSONH[@]}" -d '{}' $CD/api/items/1
    quiet $R $CD/api/search?q=chain; quiet $R $CD/api/search?q=rope
    caphttp $S express-429-search-caddy-httpie.txt 429 app express "a third search: the app's own limiter, JSON 429 with Retry-After" "HTTPie with colours" -- -v GET "http://127.0.0.1:64403/api/search?q=cleat" Host:$H
    cap $S express-500-boom-caddy.txt 500 app express "an uncaught error: finalhandler's HTML 500 (production)" "curl -si" -- "${I[@]}" $R $CD/api/boom
    flag_on plover
    cap $S express-503-billing-maintenance-caddy.txt 503 app express "the app's maintenance flag is set: its JSON 503 with Retry-After" "curl -sv" -- "${V[@]}" $R $CD/api/billing/invoices
    flag_off plover
    cap $S express-307-archive-caddy.txt 307 app express "POST archive: res.redirect 307 with Express's text body" "curl -si" -- "${I[@]}" $R -X POST "${JSONH[@]}" -d '{}' $CD/api/items/1/archive
    cap $S express-201-post-caddy.txt 201 app express "a valid POST: 201 with Location" "curl -si" -- "${I[@]}" $R -X POST "${JSONH[@]}" -d '{"name":"rope","stock":30}' $CD/api/items
    cap $S caddy-429-exports-json.txt 429 proxy caddy "/api/exports/*: respond with a JSON 429" "curl -si" -- "${I[@]}" $R $CD/api/exports/daily
    capcut $S caddy-503-refunds-json.txt 503 proxy caddy "/api/refunds/*: respond with a JSON 503" "curl -si, body cut off after the headers" -- "${I[@]}" $R $CD/api/refunds/42
    cap $S caddy-403-internal-empty.txt 403 proxy caddy "/internal/*: error 403, Caddy's empty 403" "curl -sv" -- "${V[@]}" $R $CD/internal/metrics
    cap $S caddy-404-unrouted-empty.txt 404 proxy caddy "a path outside /api/: error 404, Caddy's empty 404" "curl -si" -- "${I[@]}" $R $CD/healthz
    capraw $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB: Go's 431 under Caddy" "curl -si saved to a file (CRs kept)" -- "${I[@]}" $R -H "$BIGHDR" $CD/api/items/1
    cap $S caddy-504-slow-empty.txt 504 proxy caddy "the route waits 5 s, response_header_timeout 3s: Caddy's empty 504" "curl -si" -- "${I[@]}" $R $CD/api/slow
    capwget $S caddy-502-legacy-down-wget.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's empty 502" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:64403/legacy/items/1
    caplt $S caddy-401-ops-no-credentials.txt 401 identity caddy "/ops/* with no credentials: basicauth's 401" "curl -sv, only the < lines kept" -- "${V[@]}" $R $CD/ops/billing/status
    capbody body-only-paste body-express-404-cannot-get.txt 0/404 app express "Express's 'Cannot GET' page, no status number in it" "" -- $R $CD/api/v3/items
    stop_name express
    cap $S caddy-502-app-stopped-empty.txt 502 proxy caddy "node stopped: connection refused, Caddy's empty 502" "curl -si" -- "${I[@]}" $R $CD/api/items/1
fi

# ===================================================== HAProxy -> Django (gunicorn) ==
if up haproxy; then
    log "capturing: Django behind HAProxy"
    S=django-gunicorn-haproxy-r85
    H=api.heron.test HA=http://api.heron.test:64404 R="--resolve api.heron.test:64404:127.0.0.1"
    cap $S django-200-item-haproxy.txt 200 app django "item 1: the view's JSON, HAProxy's X-Request-ID added" "curl -sv" -- "${V[@]}" $R $HA/api/items/1
    cap $S django-400-post-bad-json-haproxy.txt 400 app django "POST with broken JSON: the view's JSON 400 {\"errors\":[...]}" "curl -si" -- "${I[@]}" $R -X POST "${JSONH[@]}" -d '{"name": "rope",' $HA/api/items
    cap $S django-401-audit-haproxy.txt 401 app django "no token on the audit log: JSON 401 with WWW-Authenticate" "curl -si" -- "${I[@]}" $R $HA/api/admin/audit
    cap $S django-403-audit-haproxy.txt 403 app django "a user token on the audit log: the view's JSON 403" "curl -si" -- "${I[@]}" $R -H 'Authorization: Bearer user-token' $HA/api/admin/audit
    capcut $S django-404-route-haproxy.txt 404 app django "no route: Django's HTML 'Not Found' (DEBUG off)" "curl -si, body cut off after the headers" -- "${I[@]}" $R $HA/api/v2/items
    cap $S django-405-get-items-haproxy.txt 405 app django "GET on the POST-only collection: require_http_methods' empty 405 with Allow" "curl -sv" -- "${V[@]}" $R $HA/api/items
    quiet $R $HA/api/search?q=chain; quiet $R $HA/api/search?q=rope
    cap $S django-429-search-haproxy.txt 429 app django "a third search: the app's own limiter, JSON 429 with Retry-After" "curl -si" -- "${I[@]}" $R "$HA/api/search?q=cleat"
    caphttp $S django-500-boom-haproxy-httpie.txt 500 app django "an uncaught error: Django's 'Server Error (500)' (DEBUG off)" "HTTPie with colours" -- -v GET http://127.0.0.1:64404/api/boom Host:$H
    flag_on heron
    cap $S django-503-billing-maintenance-haproxy.txt 503 app django "the app's maintenance flag is set: its JSON 503 with Retry-After" "curl -si" -- "${I[@]}" $R $HA/api/billing/invoices
    flag_off heron
    cap $S django-301-v1-item-haproxy.txt 301 app django "an old URL: HttpResponsePermanentRedirect, empty body" "curl -si" -- "${I[@]}" $R $HA/api/v1/items/1
    cap $S django-204-delete-haproxy.txt 204 app django "DELETE an item: 204" "curl -si" -- "${I[@]}" $R -X DELETE $HA/api/items/1
    cap $S haproxy-429-exports-json.txt 429 load-balancer haproxy "/api/exports/: http-request return with a JSON 429" "curl -si" -- "${I[@]}" $R $HA/api/exports/daily
    capcut $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: http-request return with a JSON 503" "curl -si, body cut off after the headers" -- "${I[@]}" $R $HA/api/refunds/42
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's stock 403" "curl -si" -- "${I[@]}" $R $HA/internal/metrics
    cap $S haproxy-413-body.txt 413 load-balancer haproxy "a 3 KB body, deny_status 413 on Content-Length over 1024: HAProxy's stock 413" "curl -sv" -- "${V[@]}" $R -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $HA/api/items
    cap $S haproxy-504-slow-problem-json.txt 504 load-balancer haproxy "the view waits 5 s, timeout server 3s: HAProxy's problem+json 504 (errorfile)" "curl -si" -- "${I[@]}" $R $HA/api/slow
    capwget $S haproxy-503-legacy-down-wget.txt 503 load-balancer haproxy "/legacy/: the only server is down by its check, HAProxy's 503" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:64404/legacy/items/1
    cap $S haproxy-401-ops-no-credentials.txt 401 identity haproxy "/ops/ with no credentials: http-request auth, HAProxy's stock 401" "curl -si" -- "${I[@]}" $R $HA/ops/billing/status
    capbody body-only-paste body-django-404-not-found.txt 0/404 app django "Django's HTML 'Not Found' page, no status number in it" "" -- $R $HA/api/v3/items
    capbody body-only-paste body-haproxy-504-problem-json.txt 504/504 load-balancer haproxy "HAProxy's problem+json 504, its status field shows the number" "" -- $R "$HA/api/slow?from=dashboard"
    caphead headers-only-paste head-haproxy-404-unrouted.txt 404 load-balancer haproxy "curl -sI on a path outside /api/: HAProxy's stock 404" "" -- $R $HA/healthz
    stop_name django
    cap $S haproxy-503-app-stopped.txt 503 load-balancer haproxy "gunicorn stopped: connection refused, HAProxy's 503 'No server is available'" "curl -si" -- "${I[@]}" $R $HA/api/items/1
fi

# ===================================================== Varnish -> Koa ==
if up varnish; then
    log "capturing: Koa behind Varnish"
    S=koa-varnish-r85
    H=api.avocet.test VN=http://api.avocet.test:64405 R="--resolve api.avocet.test:64405:127.0.0.1"
    cap $S koa-200-item-miss-varnish.txt 200 app koa "item 1, first request: a MISS, Koa's JSON with Via and X-Cache: MISS" "curl -sv" -- "${V[@]}" $R $VN/api/items/1
    cap $S varnish-200-item-hit.txt 200 cdn-cache varnish "item 1 again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- "${I[@]}" $R $VN/api/items/1
    caplt $S varnish-304-item-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "curl -sv, only the < lines kept" -- "${V[@]}" $R -H 'If-None-Match: "av-item-1-v2"' $VN/api/items/1
    # the Host carries the port, as curl's does: run 2 sent it without, Varnish hashed that as another
    # object and fetched it from Koa (X-Cache: MISS) where a HIT was labelled; see the README
    caphttp $S varnish-200-item-hit-httpie.txt 200 cdn-cache varnish "HTTPie: item 1 from Varnish's store" "HTTPie with colours; X-Cache: HIT" -- -v GET http://127.0.0.1:64405/api/items/1 Host:$H:64405
    cap $S koa-410-item7-miss-varnish.txt 410 app koa "a retired item, first request: Koa's text 410, marked public (a MISS, then stored)" "curl -si" -- "${I[@]}" $R $VN/api/items/7
    capraw $S koa-410-item7-hit-varnish.txt 410 app koa "the retired item again: the app's 410 kept by Varnish and replayed as a HIT" "curl -si saved to a file (CRs kept)" -- "${I[@]}" $R $VN/api/items/7
    cap $S koa-415-post-form-varnish.txt 415 app koa "POST as a form: ctx.throw's plain-text 415" "curl -si" -- "${I[@]}" $R -X POST -d 'name=rope' $VN/api/items
    cap $S koa-401-me-expired-varnish.txt 401 app koa "an expired token: ctx.throw's text 401 with WWW-Authenticate error=\"invalid_token\"" "curl -sv" -- "${V[@]}" $R -H 'Authorization: Bearer old-token' $VN/api/me
    cap $S koa-401-keys-no-www-auth-varnish.txt 401 app koa "no X-API-Key: ctx.throw's text 401 with no WWW-Authenticate" "curl -si" -- "${I[@]}" $R $VN/api/keys
    capcut $S koa-404-route-varnish.txt 404 app koa "no route: Koa's text 'Not Found'" "curl -si, body cut off after the headers" -- "${I[@]}" $R $VN/api/v2/items
    cap $S koa-405-patch-varnish.txt 405 app koa "PATCH on an item: router.allowedMethods()' 405 with Allow" "curl -si" -- "${I[@]}" $R -X PATCH "${JSONH[@]}" -d '{}' $VN/api/items/1
    quiet $R $VN/api/search?q=chain; quiet $R $VN/api/search?q=rope
    cap $S koa-429-search-varnish.txt 429 app koa "a third search (no-store, passed): the app's own limiter, JSON 429" "curl -si" -- "${I[@]}" $R "$VN/api/search?q=cleat"
    cap $S koa-500-boom-varnish.txt 500 app koa "an uncaught error: Koa's text 'Internal Server Error'" "curl -sv" -- "${V[@]}" $R $VN/api/boom
    flag_on avocet
    cap $S koa-503-billing-maintenance-varnish.txt 503 app koa "the app's maintenance flag is set: its JSON 503 with Retry-After, passed on (not stored)" "curl -si" -- "${I[@]}" $R $VN/api/billing/invoices
    flag_off avocet
    cap $S koa-202-report-varnish.txt 202 app koa "POST a report: 202 with Location" "curl -si" -- "${I[@]}" $R -X POST $VN/api/reports
    cap $S varnish-429-exports-json.txt 429 cdn-cache varnish "/api/exports/: synth 429 with a JSON body" "curl -si" -- "${I[@]}" $R $VN/api/exports/daily
    capcut $S varnish-503-refunds-json.txt 503 cdn-cache varnish "/api/refunds/: synth 503 with a JSON body" "curl -si, body cut off after the headers" -- "${I[@]}" $R $VN/api/refunds/42
    cap $S varnish-403-internal.txt 403 cdn-cache varnish "/internal/: synth 403, the builtin HTML page" "curl -si" -- "${I[@]}" $R $VN/internal/metrics
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE with no purge ACL: synth 405" "curl -si" -- "${I[@]}" $R -X PURGE $VN/api/items/1
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the route waits 5 s, first_byte_timeout 3s: 'Backend fetch failed'" "curl -sv" -- "${V[@]}" $R $VN/api/slow
    capwget $S varnish-503-legacy-down-wget.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed'" "wget -S -O-" -- --header="Host: $H:64405" http://127.0.0.1:64405/legacy/items/1
    caphead headers-only-paste head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on item 1, stored in Varnish" "X-Cache: HIT" -- $R $VN/api/items/1
    capbody body-only-paste body-koa-405-text.txt 0/405 app koa "Koa's text 'Method Not Allowed', no status number in it" "" -- $R -X PATCH $VN/api/items/1
    stop_name koa
    cap $S varnish-503-app-stopped.txt 503 cdn-cache varnish "node stopped, item 99 (not stored): 'Backend fetch failed'" "curl -si" -- "${I[@]}" $R $VN/api/items/99
    capbody body-only-paste body-varnish-503-backend-fetch-failed.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page, its title shows the number" "" -- $R $VN/api/items/98
fi

# ===================================================== Squid -> Sinatra (Puma) ==
if up squid; then
    log "capturing: Sinatra behind Squid"
    S=sinatra-puma-squid-r85
    H=api.gannet.test SQ=http://api.gannet.test:64406 R="--resolve api.gannet.test:64406:127.0.0.1"
    cap $S sinatra-200-item-miss-squid.txt 200 app sinatra "item 1, first request: a MISS, Sinatra's JSON with Squid's Via and X-Cache: MISS" "curl -sv" -- "${V[@]}" $R $SQ/api/items/1
    cap $S squid-200-item-hit.txt 200 cdn-cache squid "item 1 again: from Squid's memory cache" "curl -si; X-Cache: HIT, Age" -- "${I[@]}" $R $SQ/api/items/1
    capwget $S squid-200-item-hit-wget.txt 200 cdn-cache squid "wget: item 1 from Squid's store (the Host carries the port, as curl's does)" "wget -S -O-" -- --header="Host: $H:64406" http://127.0.0.1:64406/api/items/1
    cap $S sinatra-410-item7-miss-squid.txt 410 app sinatra "a retired item, first request: the app's JSON 410, marked public" "curl -si" -- "${I[@]}" $R $SQ/api/items/7
    cap $S sinatra-410-item7-again-squid.txt 410 app sinatra "the retired item again: the app's 410 (kept by Squid or fetched again, the app's answer either way)" "curl -si" -- "${I[@]}" $R $SQ/api/items/7
    cap $S sinatra-400-post-bad-json-squid.txt 400 app sinatra "POST with broken JSON: the route's JSON 400" "curl -si" -- "${I[@]}" $R -X POST "${JSONH[@]}" -d '{"name": "rope",' $SQ/api/items
    cap $S sinatra-409-post-squid.txt 409 app sinatra "POST of an existing name: the route's JSON 409" "curl -si" -- "${I[@]}" $R -X POST "${JSONH[@]}" -d '{"name":"cedar oar","stock":1}' $SQ/api/items
    caphttp $S sinatra-401-me-squid-httpie.txt 401 app sinatra "no bearer token: the route's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- -v GET http://127.0.0.1:64406/api/me Host:$H:64406
    capwin $S sinatra-403-audit-squid.txt 403 app sinatra "a user token (login=PASSTHRU) on the audit log: the route's JSON 403" "curl -si pasted with CRLF" -- "${I[@]}" $R -H 'Authorization: Bearer user-token' $SQ/api/admin/audit
    cap $S sinatra-404-item99-squid.txt 404 app sinatra "item 99: the route's JSON 404" "curl -si" -- "${I[@]}" $R $SQ/api/items/99
    capcut $S sinatra-404-route-squid.txt 404 app sinatra "no route: Sinatra's '<h1>Not Found</h1>'" "curl -si, body cut off after the headers" -- "${I[@]}" $R $SQ/api/v2/items
    quiet $R $SQ/api/search?q=chain; quiet $R $SQ/api/search?q=rope
    cap $S sinatra-429-search-squid.txt 429 app sinatra "a third search: the app's own limiter, JSON 429 with Retry-After" "curl -sv" -- "${V[@]}" $R "$SQ/api/search?q=cleat"
    cap $S sinatra-500-boom-squid.txt 500 app sinatra "an uncaught error: Sinatra's '<h1>Internal Server Error</h1>' (show_exceptions off)" "curl -si" -- "${I[@]}" $R $SQ/api/boom
    flag_on gannet
    cap $S sinatra-503-billing-maintenance-squid.txt 503 app sinatra "the app's maintenance flag is set: its JSON 503 with Retry-After" "curl -si" -- "${I[@]}" $R $SQ/api/billing/invoices
    flag_off gannet
    cap $S sinatra-308-v1-post-squid.txt 308 app sinatra "POST to an old URL: redirect 308" "curl -si" -- "${I[@]}" $R -X POST "${JSONH[@]}" -d '{}' $SQ/api/v1/items
    cap $S squid-403-internal.txt 403 cdn-cache squid "/internal/: http_access deny, ERR_ACCESS_DENIED" "curl -si" -- "${I[@]}" $R $SQ/internal/metrics
    cap $S squid-413-body.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "curl -sv" -- "${V[@]}" $R -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $SQ/api/items
    capcut $S squid-431-header-too-large.txt 431 cdn-cache squid "an 8 KB header, request_header_max_size 2 KB: Squid's 431" "curl -si, body cut off after the headers" -- "${I[@]}" $R -H "$BIGHDR" $SQ/api/items/1
    cap $S squid-504-slow.txt 504 cdn-cache squid "the route waits 5 s, read_timeout 3 seconds: ERR_READ_TIMEOUT" "curl -si" -- "${I[@]}" $R $SQ/api/slow
    capbody body-only-paste body-sinatra-500-html.txt 0/500 app sinatra "Sinatra's '<h1>Internal Server Error</h1>', no status number in it" "" -- $R "$SQ/api/boom?from=dashboard"
    capbody body-only-paste body-squid-504-read-timeout.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page (its title names the error, not a number)" "" -- $R "$SQ/api/slow?from=dashboard"
    caphead headers-only-paste head-squid-200-hit.txt 200 cdn-cache squid "curl -sI on item 1, stored in Squid's memory" "X-Cache: HIT" -- $R $SQ/api/items/1
    stop_name sinatra
    cap $S squid-503-app-stopped.txt 503 cdn-cache squid "Puma stopped, item 99 (not stored): connection refused, Squid's ERR_CONNECT_FAIL" "curl -si" -- "${I[@]}" $R $SQ/api/items/99
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round85/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
