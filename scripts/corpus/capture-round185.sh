#!/usr/bin/env bash
# capture-round185.sh — build the held-out evidence corpus of round 185 in
# tests/fixtures/evidence-round185/.
#
# "What teams configure their fronts to answer, a ninth look" (round 170's
# script, fronts and configs, with round 78's apps rotated once more onto
# fronts they never sat behind with this config, every port moved down into
# 60000-60499). Front configs in scripts/corpus/conf-round185/ (round 170's):
#   - nginx 1.22  -> Fastify 4 (apps78/fastify_app.js) on Node 20;
#   - Apache 2.4  -> FastAPI 0.165 (apps78/fastapi_app.py) on uvicorn;
#   - Caddy 2.6   -> Django 5.2 (apps185/django_app.py: apps78's with the
#                    Caddy host in ALLOWED_HOSTS) on gunicorn (sync);
#   - HAProxy 2.6 -> Flask 3.1 (apps78/flask_app.py) on gunicorn (sync);
#   - Varnish 7.1 -> Express 4 (apps78/express_app.js) on Node 20.
# The apps still answer their own routes (2xx, their own 403/404/429/503 and
# 5xx, their own /healthz via the front's /readyz).
# Paste forms: curl -skv --http2 / curl -sk --http1.1 -i / curl -sv / -si
# transcripts (some saved with their CRs, some with CRLF on every line, some
# with only the `<` lines of -v kept, some cut off after the headers), HTTPie
# with colours, wget -S -O-, body-only (`curl -s`, `curl -s | jq .`) and
# headers-only (`curl -sI`) pastes.
#
#   scripts/corpus/capture-round185.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round185.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round185.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60000-60499) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round185.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round185"
RUN=/tmp/api-triage-corpus185-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round185"
APPS78="$HERE/apps78"
APPS185="$HERE/apps185"
APPS97="$HERE/apps97"
APPS102="$HERE/apps102"
APPS108="$HERE/apps108"
APPS111="$HERE/apps111"
NODE_DIR=${CORPUS_NODE185:-/tmp/api-triage-corpus185-node}
GO_DIR=/nonexistent     # no Go app this round
VENV=${CORPUS_VENV185:-/tmp/api-triage-corpus185-venv}       # a copy of round 170's (httpie, flask, django, fastapi, gunicorn, uvicorn)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 django==5.2.19 fastapi==0.165.0 gunicorn==27.0.1 uvicorn==0.55.0)
NPM=(express@4.22.3 fastify@4.29.1)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus185 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx caddy haproxy varnish varnish-modules python3-venv nodejs)
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

install_venv() {  # HTTPie, Django, FastAPI, Flask, gunicorn, uvicorn (a copy of round 170's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, flask, django, fastapi, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # Express + Fastify (a copy of round 170's node folder), from npm when missing
    [[ -d $NODE_DIR/node_modules/express && -d $NODE_DIR/node_modules/fastify ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node folder missing"; return 0; }
    command -v npm >/dev/null || { SKIPPED[node]="npm missing"; return 0; }
    log "npm install into $NODE_DIR: ${NPM[*]}"
    mkdir -p "$NODE_DIR"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund "${NPM[@]}") >>"$RUN/logs/npm.log" 2>&1 \
        || SKIPPED[node]="npm install failed (see logs/npm.log)"
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
# only ours are checked against 127.0.0.1 and 60000-60499) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round185.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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


wire_of() { awk '/^HTTP\// {s=$2} END {print s+0}' "$RUN/work/last-headers" 2>/dev/null; }
check_wire() {  # check_wire FILE WANT GOT
    if [[ $3 != "$2" ]]; then
        log "MISMATCH $1: expected wire status $2, got $3"; MISMATCH=$((MISMATCH + 1))
    fi
}

# capjq SETUP FILE SHOWN/WIRE LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl -s URL | jq .`: only the body, pretty-printed by jq (body-only).
capjq() {
    local setup=$1 file=$2 shown=${3%/*} wire=${3#*/} layer=$4 product=$5 scenario=$6 note=$7 got
    shift 8
    local dest="$STAGE/$file"
    printf '%s | jq .\n' "$(cmdline curl -s "$@")" >"$dest"
    rm -f "$RUN/work/last-headers"
    in_work timeout 20 curl -s -D "$RUN/work/last-headers" "$@" 2>/dev/null | jq . >>"$dest" 2>&1
    got=$(wire_of); check_wire "$file" "$wire" "$got"
    finish "$dest" "$setup" "$shown" "$layer" "$product" "$scenario" "$note" body-only "$got"
}

# capw SETUP FILE WIRE LAYER PRODUCT SCENARIO NOTE -- FORMAT CURL-ARGS...
# `curl -s -w FORMAT URL`: the body with curl's `%{http_code}` printed next
# to it (body-only; the number curl prints is the number the paste shows).

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS78 && -d $APPS185 && -d $APPS97 && -d $APPS108 && -d $APPS111 ]] || die "missing $CONF or an apps folder"
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
[[ -d $NODE_DIR/node_modules/express && -d $NODE_DIR/node_modules/fastify ]] || die "Express/Fastify missing from $NODE_DIR"
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
have openssl || die "openssl is missing"
for p in nginx apache2 caddy haproxy varnish; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# apps: Fastify/Node 60011 (nginx), FastAPI/uvicorn 60012 (Apache),
# Django/gunicorn 60013 (Caddy), Flask/gunicorn 60014 (HAProxy), Express/Node
# 60015 (Varnish); a service that resets every connection 60096. Fronts: nginx
# 60101 (plain) + 60401 (TLS), Apache 60102 + 60402, Caddy 60103 + 60403,
# HAProxy 60104 + 60404, Varnish 60455. 60499 is never listened on (the dead
# upstream every front has).
APP_PORTS=(60011 60012 60013 60014 60015 60096)
FRONT_PORTS=(60101 60102 60103 60104 60401 60402 60403 60404 60455)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 60499; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for every front ---------------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=On-call lab/CN=api.osprey.test" \
    -addext "subjectAltName=DNS:api.osprey.test,DNS:www.api.osprey.test,DNS:api.wrenfield.test,DNS:www.api.wrenfield.test,DNS:api.halyard.test,DNS:www.api.halyard.test,DNS:api.tamarack.test,DNS:www.api.tamarack.test,DNS:api.fernhill.test,DNS:www.api.fernhill.test,IP:127.0.0.1" \
    >"$RUN/logs/openssl.log" 2>&1 || die "openssl could not make the cert"
cat "$RUN/tls/cert.pem" "$RUN/tls/key.pem" >"$RUN/tls/combined.pem"
chmod 644 "$RUN/tls/"*.pem

# ---- the front's credentials (user ops, password s3cret-ops) --------------------
PASS=s3cret-ops
APR1=$(openssl passwd -apr1 "$PASS") || die "openssl passwd failed"
MD5CRYPT=$(openssl passwd -1 "$PASS") || die "openssl passwd failed"
BCRYPT=$(timeout 60 caddy hash-password --plaintext "$PASS" 2>/dev/null) || die "caddy hash-password failed"

# ---- apps -------------------------------------------------------------------
declare -A UP=()
mkdir -p "$RUN/flags"/{wrenfield,osprey,halyard,fernhill,tamarack}
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
mkdir -p "$RUN/gunicorn"
start_bg fastify-node env REPLICA=wrenfield-api-1 FLAG_DIR="$RUN/flags/wrenfield" "${NODEENV[@]}" "$APPS78/fastify_app.js" 60011
start_bg fastapi-uvicorn env REPLICA=osprey-api-1 FLAG_DIR="$RUN/flags/osprey" nice -n 5 "$VPY" -m uvicorn \
    --app-dir "$APPS78" --host 127.0.0.1 --port 60012 fastapi_app:app
start_bg django-gunicorn env REPLICA=halyard-web-1 FLAG_DIR="$RUN/flags/halyard" nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:60013 --workers 2 --chdir "$APPS185" --worker-tmp-dir "$RUN/gunicorn" django_app:application
start_bg flask-gunicorn env REPLICA=fernhill-web-1 FLAG_DIR="$RUN/flags/fernhill" nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:60014 --workers 2 --chdir "$APPS78" --worker-tmp-dir "$RUN/gunicorn" flask_app:app
start_bg express-node env REPLICA=tamarack-api-1 FLAG_DIR="$RUN/flags/tamarack" "${NODEENV[@]}" "$APPS78/express_app.js" 60015
start_bg reset "$PY" "$APPS97/reset_svc.py" 60096
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
PAGES=$CONF/pages
mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/html/errors
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
cp "$PAGES/nginx-50x.html" "$RUN/nginx/html/errors/50x.html"
printf 'ops:%s\n' "$APR1" >"$RUN/nginx/htpasswd"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60401 nginx && wait_port 60101 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
cp "$PAGES/apache-50x.html" "$RUN/apache/errors/50x.html"
cp "$PAGES/apache-rate-limited.json" "$RUN/apache/errors/rate-limited.json"
cp "$PAGES/apache-maintenance.json" "$RUN/apache/errors/maintenance.json"
cp "$PAGES/apache-healthz.json" "$RUN/apache/errors/healthz.json"
printf 'ops:%s\n' "$APR1" >"$RUN/apache/htpasswd"
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 60402 apache && wait_port 60102 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s|@BCRYPT@|$BCRYPT|g"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60403 caddy && wait_port 60103 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
for f in 502 503 504; do cp "$PAGES/haproxy-$f.http" "$RUN/haproxy/$f.http"; done
cp "$PAGES/haproxy-web-50x.html" "$RUN/haproxy/web-50x.html"
cp "$PAGES/haproxy-429.json" "$RUN/haproxy/429.json"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 60404 haproxy && wait_port 60104 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/tamarack.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:60455 -T none -f "$RUN/varnish/tamarack.vcl" \
    -n "$RUN/varnish/tamarack" -s malloc,16m
wait_port 60455 varnish && UP[varnish]=1

sleep 2.5   # HAProxy's check marks the legacy server down

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 60499) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-60499: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 185 (held out): real responses captured by
# scripts/corpus/capture-round185.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-184:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the body itself shows (0 = none)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes: for app responses the
#              framework, or the app server when it wrote the page itself
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`, `curl -s | jq .`) or "headers-only" (`curl -sI`);
#              absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
EOF_LABELS

JSONH=(-H 'Content-Type: application/json')
NOEXP=(-H 'Expect:')   # no 100-continue for the big bodies: one status per transcript
BIGBODY=$(printf '{"ref":"XX-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")
PREFLIGHT=(-X OPTIONS -H 'Origin: https://app.example.test' -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: content-type')
H2=(-skv --http2)        # as on-call engineers type them
H1=(-sk --http1.1 -i)
# ===================================================== nginx -> Fastify (Node) ==
if up nginx; then
    log "capturing: Fastify (Node) behind nginx"
    S=fastify-node-nginx-r185
    H=api.wrenfield.test NG=https://api.wrenfield.test:60401 RNG="--resolve api.wrenfield.test:60401:127.0.0.1"
    NP=http://api.wrenfield.test:60101 RNP="--resolve api.wrenfield.test:60101:127.0.0.1"
    cap $S fastify-200-order-nginx-h2.txt 200 app fastify "HTTP/2 over TLS: order 1 from Fastify on Node" "curl -skv --http2; X-Request-ID added by nginx" -- "${H2[@]}" $RNG $NG/api/orders/1
    caplt $S fastify-422-post-nginx.txt 422 app fastify "POST without ref: the handler's JSON 422, passed on" "curl -sk --http1.1 -v, only the < lines kept" -- -skv --http1.1 $RNG -X POST "${JSONH[@]}" -d '{"total":2}' $NG/api/orders
    caphttp $S fastify-401-account-nginx-httpie.txt 401 app fastify "HTTPie over TLS, no token: Fastify's JSON 401, passed on" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:60401/api/account Host:$H
    cap $S fastify-403-admin-nginx.txt 403 app fastify "/api/admin: the app's own JSON 403, passed on" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/api/admin
    cap $S fastify-429-quota-nginx.txt 429 app fastify "/api/quota: the app's own JSON 429 with Retry-After, passed on (nginx's limit_req is only on /api/ledger/)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/api/quota
    cap $S fastify-503-maintenance-nginx-h2.txt 503 app fastify "HTTP/2 over TLS: /api/maintenance, the app's own JSON 503 with Retry-After, passed on (no proxy_intercept_errors on /api/)" "" -- "${H2[@]}" $RNG $NG/api/maintenance
    cap $S fastify-503-statements-html-nginx.txt 503 app fastify "the app's own HTML 503 page under /api/, passed on (no proxy_intercept_errors on /api/)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/api/statements
    capcut $S fastify-404-order9-web-nginx.txt 404 app fastify "/web/ (proxy_intercept_errors on, error_page only for 5xx): order 9, the handler's JSON 404 passes" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RNG $NG/web/orders/9
    cap $S fastify-404-ledger-first-nginx.txt 404 app fastify "/api/ledger/: the first request in the minute passes limit_req; Fastify has no such route, its default JSON 404" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/api/ledger/daily
    cap $S nginx-429-ledger-json-h2.txt 429 proxy nginx "HTTP/2 over TLS: /api/ledger/ again within the minute, limit_req 1r/m: error_page 429 to a JSON location, nginx's 429" "" -- "${H2[@]}" $RNG $NG/api/ledger/daily
    capwin $S nginx-301-http-to-https.txt 301 proxy nginx "plain HTTP on the http port: return 301 to https, nginx's stock 301 page" "curl -si pasted with CRLF" -- -si $RNP $NP/api/orders/1
    cap $S nginx-200-healthz.txt 200 proxy nginx "/healthz: return 200 with JSON, answered by nginx (the app is not asked)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/healthz
    cap $S fastify-200-readyz-nginx-h2.txt 200 app fastify "HTTP/2 over TLS: /readyz, proxied to Fastify's own /healthz (replica name in the body)" "" -- "${H2[@]}" $RNG $NG/readyz
    capwget $S nginx-503-refunds-json-wget.txt 503 proxy nginx "/api/refunds/: maintenance, return 503 with a JSON body and Retry-After" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:60401/api/refunds/42
    cap $S nginx-500-web-boom-branded-h2.txt 500 proxy nginx "HTTP/2 over TLS: /web/boom, proxy_intercept_errors on: Fastify's JSON 500 replaced by nginx's branded HTML error_page" "" -- "${H2[@]}" $RNG $NG/web/boom
    cap $S nginx-504-reports-slow-json-h2.txt 504 proxy nginx "HTTP/2 over TLS: /api/reports/slow, proxy_read_timeout 1s: nginx's 504 with its branded JSON error_page" "" -- "${H2[@]}" $RNG $NG/api/reports/slow
    cap $S nginx-403-admin-audit-deny-h2.txt 403 proxy nginx "HTTP/2 over TLS: /api/admin/audit, deny all: nginx's stock 403 page" "" -- "${H2[@]}" $RNG $NG/api/admin/audit
    cap $S fastify-400-order-id-nginx.txt 400 app fastify "an order id that is not a number: the handler's JSON 400, passed on" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/api/orders/abc
    # pastes from the same server
    capbody body-only-paste body-nginx-502-web-payments-branded.txt 0/502 proxy nginx "nginx's branded HTML error page for the app's 502 on /web/ (no number in it)" "" -- -k $RNG "$NG/web/payments?from=dashboard"
    capjq body-only-paste body-fastify-429-quota-nginx-jq.txt 429/429 app fastify "Fastify's own 429 body through nginx, piped to jq (\"statusCode\": 429)" "" -- -k $RNG $NG/api/quota
    caphead headers-only-paste head-nginx-429-ledger.txt 429 proxy nginx "curl -sI over TLS on /api/ledger/ within the minute: nginx's limit_req 429" "" -- -k --http1.1 $RNG $NG/api/ledger/daily
fi

# ===================================================== Apache -> FastAPI (uvicorn) ==
if up apache; then
    log "capturing: FastAPI (uvicorn) behind Apache"
    S=fastapi-uvicorn-apache-r185
    H=api.osprey.test AP=https://api.osprey.test:60402 RAP="--resolve api.osprey.test:60402:127.0.0.1"
    APP=http://api.osprey.test:60102 RAPP="--resolve api.osprey.test:60102:127.0.0.1"
    cap $S fastapi-200-order-apache-h2.txt 200 app fastapi "HTTP/2 over TLS: order 1 from FastAPI on uvicorn" "curl -skv --http2; Via and X-Request-Id added by Apache" -- "${H2[@]}" $RAP $AP/api/orders/1
    caphttp $S fastapi-401-account-apache-httpie.txt 401 app fastapi "HTTPie over TLS, no token: FastAPI's JSON 401 with WWW-Authenticate: Bearer, passed on" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:60402/api/account Host:$H
    cap $S fastapi-403-admin-apache.txt 403 app fastapi "/api/admin: the app's own 403 {\"detail\":\"Not enough permissions\"}, passed on" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP $AP/api/admin
    cap $S fastapi-500-boom-apache-h2.txt 500 app fastapi "HTTP/2 over TLS: an uncaught error under /api/ (no ProxyErrorOverride there): the plain-text 'Internal Server Error' of FastAPI's (Starlette's) error middleware, passed on" "" -- "${H2[@]}" $RAP $AP/api/boom
    capcut $S fastapi-429-quota-apache.txt 429 app fastapi "/api/quota: the app's own JSON 429 with Retry-After, passed on" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RAP $AP/api/quota
    cap $S fastapi-503-maintenance-apache.txt 503 app fastapi "/api/maintenance: the app's own JSON 503, passed on (ErrorDocument 503 does not touch a proxied answer without ProxyErrorOverride)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP $AP/api/maintenance
    cap $S fastapi-503-statements-html-apache.txt 503 app fastapi "/api/statements: the app's own HTML 503 page, passed on (ProxyErrorOverride is only on /web/)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP $AP/api/statements
    cap $S fastapi-404-order9-web-apache.txt 404 app fastapi "/web/ (ProxyErrorOverride On 500 502 503 only): order 9, the handler's JSON 404 passes" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP $AP/web/orders/9
    cap $S fastapi-400-order-id-apache-h2.txt 400 app fastapi "HTTP/2 over TLS: an order id that is not a number: the handler's HTTPException 400 {\"detail\":...}" "" -- "${H2[@]}" $RAP $AP/api/orders/abc
    cap $S apache-301-http-to-https.txt 301 proxy apache "plain HTTP on the http port: mod_rewrite R=301 to https, Apache's 301 page" "curl -si" -- -si $RAPP $APP/api/orders/1
    cap $S apache-200-healthz-h2.txt 200 proxy apache "HTTP/2 over TLS: /healthz, a static JSON file Apache serves itself (ProxyPass /healthz !)" "" -- "${H2[@]}" $RAP $AP/healthz
    cap $S fastapi-200-readyz-apache.txt 200 app fastapi "/readyz: ProxyPass to FastAPI's own /healthz (replica name in the body)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP $AP/readyz
    capraw $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: maintenance, R=503 with a JSON ErrorDocument and Retry-After" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RAP $AP/api/refunds/42
    cap $S apache-429-exports-json-h2.txt 429 proxy apache "HTTP/2 over TLS: /api/exports/, R=429 with a JSON ErrorDocument" "" -- "${H2[@]}" $RAP $AP/api/exports/daily
    cap $S apache-502-web-payments-branded.txt 502 proxy apache "/web/payments, ProxyErrorOverride: the app's HTML 502 replaced by Apache's branded ErrorDocument" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP $AP/web/payments
    cap $S apache-502-slow-branded-h2.txt 502 proxy apache "HTTP/2 over TLS: the handler waits 5 s, ProxyTimeout 3: Apache's 502 with its branded ErrorDocument" "" -- "${H2[@]}" $RAP $AP/api/slow
    cap $S apache-403-partners-require-ip.txt 403 proxy apache "/api/partners/ from outside 10.20.0.0/16: Require ip, Apache's stock 403 page" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP $AP/api/partners/feed
    # pastes from the same server
    capbody body-only-paste body-apache-500-web-boom-branded.txt 0/500 proxy apache "Apache's branded HTML ErrorDocument for the app's 500 on /web/ (no number in it)" "" -- -k $RAP "$AP/web/boom?from=dashboard"
    capbody body-only-paste body-fastapi-403-admin-apache.txt 0/403 app fastapi "FastAPI's own 403 body through Apache ({\"detail\":...}, no number in it)" "" -- -k $RAP $AP/api/admin
    caphead headers-only-paste head-apache-200-healthz-h2.txt 200 proxy apache "curl -sI over TLS + HTTP/2 on /healthz, the static JSON file Apache serves itself" "" -- -k --http2 $RAP $AP/healthz
fi

# ===================================================== Caddy -> Django (gunicorn) ==
if up caddy; then
    log "capturing: Django (gunicorn) behind Caddy"
    S=django-gunicorn-caddy-r185
    H=api.halyard.test CD=https://api.halyard.test:60403 RCD="--resolve api.halyard.test:60403:127.0.0.1"
    CP=http://api.halyard.test:60103 RCP="--resolve api.halyard.test:60103:127.0.0.1"
    cap $S django-200-order-caddy-h2.txt 200 app django "HTTP/2 over TLS: order 1 from Django on gunicorn" "curl -skv --http2; X-Request-ID set by Caddy" -- "${H2[@]}" $RCD $CD/api/orders/1
    caphttp $S django-401-account-caddy-httpie.txt 401 app django "HTTPie over TLS (no SNI, Caddy's default_sni), no token: Django's JSON 401" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:60403/api/account Host:$H
    cap $S django-400-order-id-caddy.txt 400 app django "an order id that is not a number: the view's JSON 400, passed on" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD $CD/api/orders/abc
    cap $S django-502-payments-html-caddy.txt 502 app django "the app's own HTML 502 page under /api/, passed on (handle_errors does not touch an upstream answer)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD $CD/api/payments
    cap $S django-429-quota-caddy.txt 429 app django "/api/quota: the app's own JSON 429 with Retry-After, passed on (Caddy's own 429 is only on /api/exports/)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD $CD/api/quota
    cap $S django-403-admin-caddy-h2.txt 403 app django "HTTP/2 over TLS: /api/admin, the view's own JSON 403, passed on" "" -- "${H2[@]}" $RCD $CD/api/admin
    cap $S django-503-maintenance-caddy.txt 503 app django "/api/maintenance: the view's own JSON 503, passed on" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD $CD/api/maintenance
    cap $S django-404-order9-web-caddy-h2.txt 404 app django "HTTP/2 over TLS: /web/ (handle_response only on 500/502/503): order 9, the view's JSON 404 passes" "" -- "${H2[@]}" $RCD $CD/web/orders/9
    cap $S caddy-308-http-to-https.txt 308 proxy caddy "plain HTTP on the http port: redir to https with 308" "curl -si" -- -si $RCP $CP/api/orders/1
    capraw $S caddy-200-healthz.txt 200 proxy caddy "/healthz: respond 200 with JSON, answered by Caddy" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RCD $CD/healthz
    cap $S django-200-readyz-caddy-h2.txt 200 app django "HTTP/2 over TLS: /readyz, rewritten to Django's own /healthz and proxied" "" -- "${H2[@]}" $RCD $CD/readyz
    cap $S caddy-429-exports-json.txt 429 proxy caddy "/api/exports/*: respond with a JSON 429 and Retry-After" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD $CD/api/exports/daily
    cap $S caddy-503-refunds-json-h2.txt 503 proxy caddy "HTTP/2 over TLS: /api/refunds/*: respond with a JSON 503 and Retry-After" "" -- "${H2[@]}" $RCD $CD/api/refunds/42
    cap $S caddy-500-web-boom-json-h2.txt 500 proxy caddy "HTTP/2 over TLS: /web/boom, handle_response on 500: Django's 'Server Error (500)' page replaced by Caddy's branded JSON" "" -- "${H2[@]}" $RCD $CD/web/boom
    cap $S caddy-504-reports-slow-json-h2.txt 504 proxy caddy "HTTP/2 over TLS: /api/reports/slow, response_header_timeout 1s: Caddy's 504, its handle_errors JSON" "" -- "${H2[@]}" $RCD $CD/api/reports/slow
    caplt $S caddy-403-partners-allowlist-h2.txt 403 proxy caddy "HTTP/2 over TLS: /api/partners/ from outside 10.20.0.0/16: error 403, Caddy's handle_errors JSON" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $RCD $CD/api/partners/feed
    cap $S django-500-boom-caddy.txt 500 app django "an uncaught error under /api/ (handle_response is only on /web/): Django's 'Server Error (500)' page (DEBUG off), passed on" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD $CD/api/boom
    # pastes from the same server
    capbody body-only-paste body-caddy-503-web-statements-json.txt 503/503 proxy caddy "Caddy's branded JSON for the app's 503 on /web/ (\"status\":503)" "" -- -k $RCD "$CD/web/statements?from=dashboard"
    capjq body-only-paste body-django-429-quota-caddy-jq.txt 0/429 app django "Django's own 429 body through Caddy, piped to jq" "" -- -k $RCD $CD/api/quota
fi

# ===================================================== HAProxy -> Flask (gunicorn) ==
if up haproxy; then
    log "capturing: Flask (gunicorn) behind HAProxy"
    S=flask-gunicorn-haproxy-r185
    H=api.fernhill.test HA=https://api.fernhill.test:60404 RHA="--resolve api.fernhill.test:60404:127.0.0.1"
    HP=http://api.fernhill.test:60104 RHP="--resolve api.fernhill.test:60104:127.0.0.1"
    cap $S flask-200-order-haproxy-h2.txt 200 app flask "HTTP/2 over TLS: order 1 from Flask on gunicorn" "curl -skv --http2; X-Request-ID from HAProxy's unique id" -- "${H2[@]}" $RHA $HA/api/orders/1
    capwin $S flask-400-order-id-haproxy.txt 400 app flask "an order id that is not a number: the view's JSON 400, passed on" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RHA $HA/api/orders/abc
    caphttp $S flask-401-account-haproxy-httpie.txt 401 app flask "HTTPie over TLS, no token: Flask's JSON 401, passed on" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:60404/api/account Host:$H
    cap $S flask-500-boom-haproxy-h2.txt 500 app flask "HTTP/2 over TLS: an uncaught error under /api/ (no http-response return there): Flask's (Werkzeug's) HTML 500, passed on" "" -- "${H2[@]}" $RHA $HA/api/boom
    cap $S flask-429-quota-haproxy.txt 429 app flask "/api/quota: the app's own JSON 429 with Retry-After, passed on (HAProxy's stick-table is only on /api/rates)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/api/quota
    capraw $S flask-503-maintenance-haproxy.txt 503 app flask "/api/maintenance: the view's own JSON 503 with Retry-After, passed on (errorfile 503 does not touch a server's answer)" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RHA $HA/api/maintenance
    cap $S flask-403-admin-haproxy.txt 403 app flask "/api/admin: the view's own JSON 403, passed on" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/api/admin
    cap $S flask-404-rates-first-haproxy.txt 404 app flask "/api/rates: the first request in the minute passes the stick-table limit; Flask has no such route, Werkzeug's HTML 404" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/api/rates
    cap $S haproxy-429-rates-json-file-h2.txt 429 load-balancer haproxy "HTTP/2 over TLS: /api/rates again within the minute: the stick-table limit, http-request return 429 with a JSON file" "" -- "${H2[@]}" $RHA $HA/api/rates
    cap $S haproxy-301-http-to-https.txt 301 load-balancer haproxy "plain HTTP on the http port: redirect scheme https code 301" "curl -si" -- -si $RHP $HP/api/orders/1
    cap $S haproxy-200-monitor-uri.txt 200 load-balancer haproxy "monitor-uri /haproxy-health: HAProxy's own 200" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/haproxy-health
    cap $S flask-200-readyz-haproxy-h2.txt 200 app flask "HTTP/2 over TLS: /readyz, set-path to Flask's own /healthz" "" -- "${H2[@]}" $RHA $HA/readyz
    cap $S haproxy-503-refunds-json-h2.txt 503 load-balancer haproxy "HTTP/2 over TLS: /api/refunds/: http-request return 503 with a JSON string and Retry-After" "" -- "${H2[@]}" $RHA $HA/api/refunds/42
    cap $S haproxy-403-partners-deny.txt 403 load-balancer haproxy "/api/partners/ from outside 10.20.0.0/16: http-request deny deny_status 403, HAProxy's stock 403" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/api/partners/feed
    cap $S haproxy-503-web-statements-branded.txt 503 load-balancer haproxy "/web/statements, http-response return on 503: the app's HTML 503 replaced by HAProxy's branded HTML" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/web/statements
    cap $S haproxy-504-slow-json-h2.txt 504 load-balancer haproxy "HTTP/2 over TLS: the view waits 5 s, timeout server 3s: HAProxy's 504, errorfile with a branded JSON body" "" -- "${H2[@]}" $RHA $HA/api/slow
    cap $S haproxy-502-ledger-reset-branded.txt 502 load-balancer haproxy "/ledger/ to a service that resets the connection: HAProxy's 502, errorfile with a branded HTML body" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/ledger/balance
    # pastes from the same server
    capbody body-only-paste body-haproxy-500-web-boom-branded.txt 0/500 load-balancer haproxy "HAProxy's branded HTML for the app's 500 on /web/ (no number in it)" "" -- -k --http1.1 $RHA "$HA/web/boom?from=dashboard"
    capbody body-only-paste body-flask-503-statements-html.txt 503/503 app flask "Flask's own HTML 503 page through HAProxy on /api/ (its title shows 503)" "" -- -k --http1.1 $RHA $HA/api/statements
    caphead headers-only-paste head-haproxy-429-rates.txt 429 load-balancer haproxy "curl -sI over TLS on /api/rates within the minute: HAProxy's 429" "" -- -k --http1.1 $RHA $HA/api/rates
fi

# ===================================================== Varnish -> Express (Node) ==
if up varnish; then
    log "capturing: Express (Node) behind Varnish"
    S=express-node-varnish-r185
    H=api.tamarack.test V=http://api.tamarack.test:60455 RV="--resolve api.tamarack.test:60455:127.0.0.1"
    cap $S express-200-order-varnish-miss.txt 200 app express "order 1: Express's answer, passed on (Varnish adds its headers)" "curl -sv" -- -sv $RV $V/api/orders/1
    cap $S express-404-order9-varnish.txt 404 app express "order 9: the handler's JSON 404, passed on" "curl -si" -- -si $RV $V/api/orders/9
    cap $S express-429-quota-varnish.txt 429 app express "/api/quota: the app's own JSON 429 with Retry-After, passed on (Varnish's own 429 is only on /api/exports/)" "curl -si" -- -si $RV $V/api/quota
    cap $S express-503-maintenance-varnish.txt 503 app express "/api/maintenance: the handler's own JSON 503, passed on (the VCL's 503 synth is only on /api/refunds/)" "curl -sv" -- -sv $RV $V/api/maintenance
    cap $S express-502-payments-html-varnish.txt 502 app express "the app's own HTML 502 page (payment provider), passed on (vcl_backend_error is only for fetch failures)" "curl -si" -- -si $RV $V/api/payments
    capraw $S express-503-statements-html-varnish.txt 503 app express "the app's own HTML 503 page, passed on" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/statements
    cap $S express-403-admin-varnish.txt 403 app express "/api/admin: the handler's own JSON 403, passed on" "curl -si" -- -si $RV $V/api/admin
    cap $S express-404-export-first-varnish.txt 404 app express "/api/exports/: the first request in the minute passes vsthrottle; Express has no such route, its HTML 'Cannot GET'" "curl -si" -- -si $RV $V/api/exports/daily
    cap $S varnish-429-exports-json.txt 429 cdn-cache varnish "/api/exports/ again within the minute: vsthrottle, synth 429 JSON with Retry-After" "curl -si" -- -si $RV $V/api/exports/daily
    cap $S express-200-ops-authed-varnish.txt 200 app express "/ops/ with the right credentials: the VCL passes it, Express's JSON 200" "curl -si" -- -si $RV -u ops:$PASS $V/ops/reindex
    capwin $S varnish-403-partners-allowlist.txt 403 cdn-cache varnish "/api/partners/ from outside the partners acl: synth 403 with a branded HTML page" "curl -si pasted with CRLF" -- -si $RV $V/api/partners/feed
    cap $S varnish-204-preflight.txt 204 cdn-cache varnish "CORS preflight (OPTIONS) on /api/: synth 204" "curl -si" -- -si $RV "${PREFLIGHT[@]}" $V/api/orders
    caplt $S varnish-503-refunds-json.txt 503 cdn-cache varnish "/api/refunds/: maintenance, synth 503 JSON with Retry-After" "curl -sv, only the < lines kept" -- -sv $RV $V/api/refunds/42
    cap $S varnish-503-slow-branded.txt 503 cdn-cache varnish "the handler waits 5 s, first_byte_timeout 3s: vcl_backend_error's branded HTML 503" "" -- -sv $RV $V/api/slow
    cap $S varnish-200-healthz-synth.txt 200 cdn-cache varnish "/healthz: synth 200 JSON, answered by Varnish (the app is not asked)" "curl -si" -- -si $RV $V/healthz
    cap $S express-200-readyz-varnish.txt 200 app express "/readyz: the VCL rewrites it to /healthz and passes it to Express's own health check" "curl -si" -- -si $RV $V/readyz
    cap $S express-400-order-id-varnish.txt 400 app express "an order id that is not a number: the handler's JSON 400, passed on" "curl -si" -- -si $RV $V/api/orders/abc
    # pastes from the same server
    capjq body-only-paste body-varnish-503-refunds-jq.txt 0/503 cdn-cache varnish "the VCL's synth 503 maintenance JSON, piped to jq (no status number in it)" "" -- $RV $V/api/refunds/7
    capbody body-only-paste body-express-401-account-varnish.txt 0/401 app express "Express's own 401 JSON body through Varnish (no number in it)" "" -- $RV $V/api/account
    caphead headers-only-paste head-varnish-503-refunds.txt 503 cdn-cache varnish "curl -sI on /api/refunds/: the VCL's synth 503" "" -- $RV $V/api/refunds/9
fi

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx apache caddy haproxy varnish; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round185/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
