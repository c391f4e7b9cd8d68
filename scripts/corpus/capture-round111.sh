#!/usr/bin/env bash
# capture-round111.sh — build the hundred-and-eleventh held-out evidence corpus
# in tests/fixtures/evidence-round111/.
#
# "Common stacks behind nginx and Caddy, each front also writing JSON errors
# of its own": six front + app pairings, each one a front + app server +
# framework triple no earlier round used (except gin behind Caddy: see the
# README), front configs in scripts/corpus/conf-round111/:
#   - nginx 1.22 -> Express 4 on Bun 1.4 (apps108/express_app.js);
#   - Caddy 2.6 -> FastAPI on gunicorn with uvicorn's UvicornWorker (apps108/fastapi_app.py);
#   - nginx 1.22 -> Flask 3.1 on Granian 2.8, WSGI (apps108/flask_app.py);
#   - Caddy 2.6 -> gin (apps96/gin_catalog.go, round 100's build);
#   - nginx 1.22 over HTTP/2 + TLS -> Django 5.2 on Daphne 4.2 (apps111/django_asgi.py);
#   - Caddy 2.6 over HTTP/2 + TLS -> Koa 2 on Bun 1.4 (apps108/koa_app.js).
# Per setup: the app's own JSON errors and a 200 passed on, the front's stock
# pages (413/414/431, 502 app stopped, 504 app slow), and the front writing
# JSON itself (nginx `return 429 '{...}'`, `error_page 502 503 504 =
# @json_err`, limit_req as JSON 429/503; Caddy `respond` with JSON,
# `handle_errors` writing JSON, a maintenance 503 JSON). The front's own
# X-Request-ID on every answer for Express, Django and gin.
#
#   scripts/corpus/capture-round111.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round111.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round111.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60000-61999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id. Labels
# are written by finish_round111.py, which refuses (and this script then
# leaves the fixtures as they were) when a label's status is not the one on
# the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round111"
RUN=/tmp/api-triage-corpus111-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round111"
APPS108="$HERE/apps108"
APPS111="$HERE/apps111"
NODE_DIR=${CORPUS_NODE111:-/tmp/api-triage-corpus111-node}   # a copy of round 110's, plus bun from npm
GO_DIR=${CORPUS_GO111:-/tmp/api-triage-corpus110-go}         # round 100's gin_catalog binary (read only)
VENV=${CORPUS_VENV111:-/tmp/api-triage-corpus111-venv}       # a copy of round 110's, plus granian and daphne
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0 granian==2.8.9 daphne==4.2.3)
NODE_PKGS=(express@4.22.1 koa@2.16.4 @koa/router@12.0.2 raw-body bun@1.4.5)
BUN="$NODE_DIR/node_modules/.bin/bun"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus111 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(nginx caddy python3-venv nodejs openssl wget)
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
install_venv() {  # HTTPie, Flask, Django, FastAPI, gunicorn, uvicorn, Granian, Daphne (a copy of round 110's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, flask, django, fastapi, gunicorn, uvicorn, granian, daphne" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of round 110's node_modules plus bun (npm's "bun" package); from npm when missing
    local m ok=1
    for m in express koa @koa/router raw-body bun; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus111","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund "${NODE_PKGS[@]}") >>"$RUN/logs/npm.log" 2>&1 \
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round111.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
# `wget -S -O- URL` as a terminal shows it (round 110's form).
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
[[ -d $CONF && -d $APPS108 && -d $APPS111 && -f $HERE/apps96/gin_catalog.go ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn,tls}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "node_modules are missing (${SKIPPED[node]})"
for p in nginx caddy nodejs openssl; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
[[ -x $BUN ]] || die "bun is missing from $NODE_DIR (npm install bun@1.4.5 there)"
[[ -x $GO_DIR/gin_catalog ]] || die "$GO_DIR/gin_catalog is missing (copy round 100's build from /tmp/api-triage-corpus100-go)"

# one self-signed certificate for the two TLS fronts
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=api.fernhill.test" \
    -addext "subjectAltName=DNS:api.fernhill.test,DNS:api.bramble.test" \
    -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" >"$RUN/logs/openssl.log" 2>&1 || die "openssl failed"
chmod 644 "$RUN/tls/key.pem"

# apps: Express/Bun 60011, FastAPI/gunicorn+uvicorn 60012, Flask/Granian 60013,
# gin 60014, Django/Daphne 60015, Koa/Bun 60016. Fronts: nginx 60101 (Express),
# 60103 (Flask), 60105 (Django, TLS + h2); Caddy 60102/60112 (FastAPI),
# 60104/60114 (gin), 60106/60116 (Koa, TLS + h2).
APP_PORTS=(60011 60012 60013 60014 60015 60016)
FRONT_PORTS=(60101 60102 60103 60104 60105 60106 60112 60114 60116)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
BUNENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 "$BUN")
start_bg express "${BUNENV[@]}" "$APPS108/express_app.js" 60011
start_bg fastapi nice -n 5 "$VPY" -m gunicorn -k uvicorn.workers.UvicornWorker \
    --bind 127.0.0.1:60012 --workers 2 --chdir "$APPS108" --worker-tmp-dir "$RUN/gunicorn" fastapi_app:app
start_bg flask nice -n 5 "$VPY" -m granian --interface wsgi --host 127.0.0.1 --port 60013 --workers 1 \
    --working-dir "$APPS108" flask_app:app
start_bg gin env GIN_MODE=release nice -n 5 "$GO_DIR/gin_catalog" 60014
start_bg django env PYTHONPATH="$APPS111:$APPS108" nice -n 5 "$VPY" -m daphne -b 127.0.0.1 -p 60015 django_asgi:application
start_bg koa "${BUNENV[@]}" "$APPS108/koa_app.js" 60016
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60102 caddy && wait_port 60116 caddy && UP[caddy]=1

mkdir -p "$RUN"/nginx/tmp
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60101 nginx && wait_port 60105 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 111 (held out): real responses captured by
# scripts/corpus/capture-round111.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-110:
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
BIGHDR="X-Debug-Trace: $(printf 't%.0s' $(seq 1 8000))"   # Go allows max_header_size + 4096 bytes of slack: 8 KB is over 2 KB + 4 KB
LONGQ=$(printf 'q%.0s' $(seq 1 2000))                      # a 2 KB query string: over nginx's 1k header buffers

# ===================================================== nginx -> Express on Bun ==
if up nginx; then
    log "capturing: Express (Bun) behind nginx"
    S=express-bun-nginx-r111
    H=api.corvid.test:60101 U=http://api.corvid.test:60101 R="--resolve api.corvid.test:60101:127.0.0.1"
    cap $S express-200-order-nginx.txt 200 app express "order 1 from Express on Bun; nginx's X-Request-ID on the answer, the app echoes it as X-Request-Id" "curl -sv" -- -sv $R $U/api/orders/1
    cap $S express-400-order-id-nginx.txt 400 app express "an order id that is not a number: the handler's JSON 400" "curl -si" -- -si $R $U/api/orders/abc
    capraw $S express-401-account-nginx.txt 401 app express "no token: the handler's JSON 401" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/account
    cap $S express-404-order9-nginx.txt 404 app express "order 9: the handler's JSON 404" "curl -si" -- -si $R $U/api/orders/9
    HTTPIE_CMD=http caphttp $S express-422-post-nginx-httpie.txt 422 app express "HTTPie, POST without ref: the handler's JSON 422" "HTTPie with colours" -- -v POST http://127.0.0.1:60101/api/orders Host:$H total:=2
    cap $S express-500-boom-nginx.txt 500 app express "an uncaught error, NODE_ENV=production: finalhandler's HTML 'Internal Server Error' (under Bun), passed on" "" -- -sv $R $U/api/boom
    capwin $S express-429-quota-nginx.txt 429 app express "/api/quota: the handler's own JSON 429 with Retry-After, passed on" "curl -si pasted with CRLF" -- -si $R $U/api/quota
    cap $S nginx-413-body-express.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's stock 413 with nginx's X-Request-ID" "curl -si" -- -si $R -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $U/api/orders
    caplt $S nginx-504-slow-express.txt 504 proxy nginx "the handler waits 5 s, proxy_read_timeout 3s: nginx's stock 504" "curl -sv, only the < lines kept" -- -sv $R $U/api/slow
    cap $S nginx-429-export-json-express.txt 429 proxy nginx "/api/export: nginx's own \`return 429 '{\"error\":...}'\`, default_type application/json" "curl -si" -- -si $R $U/api/export
    cap $S nginx-503-json-err-slow-express.txt 503 proxy nginx "/edge/slow: upstream timed out, error_page 502 503 504 = @json_err: nginx's own JSON 503" "" -- -sv $R $U/edge/slow
    quiet $R $U/limited/orders/1
    cap $S nginx-429-limit-req-express.txt 429 proxy nginx "/limited/, second request in a minute: limit_req (limit_req_status 429) with error_page 429 = @json_429, nginx's JSON 429 with Retry-After" "curl -si" -- -si $R $U/limited/orders/1
    capbody body-only-paste body-nginx-429-export-express.txt 0/429 proxy nginx "nginx's own JSON 429 for /api/export (no number in it)" "" -- $R "$U/api/export"
    caphead headers-only-paste head-express-200-order.txt 200 app express "curl -sI on order 1 (HEAD): Express on Bun, nginx's X-Request-ID" "" -- $R $U/api/orders/1
    log "stopping Express"
    stop_name express
    cap $S nginx-502-app-stopped-express.txt 502 proxy nginx "Bun stopped (connection refused): nginx's stock 502 with nginx's X-Request-ID" "curl -si" -- -si $R $U/api/orders/1
    capcut $S nginx-503-json-err-stopped-express.txt 503 proxy nginx "/edge/ with Bun stopped: error_page 502 503 504 = @json_err, nginx's JSON 503 naming the request id" "curl -si, body cut off after the headers" -- -si $R $U/edge/orders/1
fi

# ===================================================== Caddy -> FastAPI (gunicorn + UvicornWorker) ==
if up caddy; then
    log "capturing: FastAPI behind Caddy"
    S=fastapi-gunicorn-uvicorn-caddy-r111
    H=api.quillon.test:60102 U=http://api.quillon.test:60102 R="--resolve api.quillon.test:60102:127.0.0.1"
    U2=http://api.quillon.test:60112 R2="--resolve api.quillon.test:60112:127.0.0.1"
    cap $S fastapi-200-order-caddy.txt 200 app fastapi "order 1 from gunicorn's UvicornWorker; Caddy adds no request id" "curl -sv" -- -sv $R $U/api/orders/1
    capraw $S fastapi-400-order-id-caddy.txt 400 app fastapi "an order id that is not a number: HTTPException's JSON 400" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/orders/abc
    cap $S fastapi-401-account-caddy.txt 401 app fastapi "no token: HTTPException's JSON 401 with WWW-Authenticate: Bearer" "curl -si" -- -si $R $U/api/account
    caplt $S fastapi-404-order9-caddy.txt 404 app fastapi "order 9: HTTPException's JSON 404" "curl -sv, only the < lines kept" -- -sv $R $U/api/orders/9
    cap $S fastapi-422-post-caddy.txt 422 app fastapi "POST without ref: FastAPI's own validation 422" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"total":2}' $U/api/orders
    capwin $S fastapi-500-boom-caddy.txt 500 app fastapi "an uncaught error: Starlette's text 'Internal Server Error', passed on" "curl -si pasted with CRLF" -- -si $R $U/api/boom
    cap $S fastapi-503-maintenance-caddy.txt 503 app fastapi "/api/maintenance: the handler's own JSON 503 with Retry-After, passed on" "" -- -sv $R $U/api/maintenance
    cap $S caddy-431-header-fastapi.txt 431 proxy caddy "an 8 KB request header, servers max_header_size 2KB: Go's 431 inside Caddy" "curl -si" -- -si $R -H "$BIGHDR" $U/api/orders/1
    cap $S caddy-504-slow-fastapi.txt 504 proxy caddy "the handler waits 5 s, response_header_timeout 3s: Caddy's empty 504" "" -- -sv $R $U/api/slow
    HTTPIE_CMD=http caphttp $S caddy-429-export-json-fastapi-httpie.txt 429 proxy caddy "HTTPie, /api/export: Caddy's \`respond\` with a JSON body, 429" "HTTPie with colours" -- -v GET http://127.0.0.1:60102/api/export Host:$H
    cap $S caddy-503-maintenance-json-fastapi.txt 503 proxy caddy "/api/reports/daily: Caddy's \`respond\` maintenance JSON 503 with Retry-After" "curl -si" -- -si $R $U/api/reports/daily
    cap $S caddy-504-json-errors-fastapi.txt 504 proxy caddy "port 60112, the handler waits 5 s: handle_errors writes Caddy's own JSON 504" "curl -si" -- -si $R2 $U2/api/slow
    capbody body-only-paste body-caddy-503-maintenance-fastapi.txt 0/503 proxy caddy "Caddy's maintenance JSON (no number in it)" "" -- $R "$U/api/reports/daily"
    capbody body-only-paste body-fastapi-503-maintenance.txt 0/503 app fastapi "the handler's own maintenance JSON ({\"detail\": ...}, no number in it)" "" -- $R "$U/api/maintenance"
    log "stopping FastAPI"
    stop_name fastapi
    cap $S caddy-502-app-stopped-fastapi.txt 502 proxy caddy "gunicorn stopped (connection refused): Caddy's empty 502" "curl -si" -- -si $R $U/api/orders/1
    capwget $S caddy-502-json-errors-fastapi-wget.txt 502 proxy caddy "port 60112, gunicorn stopped: handle_errors writes Caddy's own JSON 502" "wget -S -O-" -- http://127.0.0.1:60112/api/orders/1 --header="Host: api.quillon.test:60112"
fi

# ===================================================== nginx -> Flask on Granian ==
if up nginx; then
    log "capturing: Flask (Granian) behind nginx"
    S=flask-granian-nginx-r111
    H=api.larkspur.test:60103 U=http://api.larkspur.test:60103 R="--resolve api.larkspur.test:60103:127.0.0.1"
    cap $S flask-200-order-nginx.txt 200 app flask "order 1 from Granian (WSGI); nginx adds no request id" "curl -sv" -- -sv $R $U/api/orders/1
    cap $S flask-400-order-id-nginx.txt 400 app flask "an order id that is not a number: the handler's JSON 400" "curl -si" -- -si $R $U/api/orders/abc
    HTTPIE_CMD=http caphttp $S flask-401-account-nginx-httpie.txt 401 app flask "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60103/api/account Host:$H
    capwin $S flask-404-order9-nginx.txt 404 app flask "order 9: the handler's JSON 404" "curl -si pasted with CRLF" -- -si $R $U/api/orders/9
    cap $S flask-422-post-nginx.txt 422 app flask "POST without ref: the handler's JSON 422" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"total":2}' $U/api/orders
    caplt $S flask-500-boom-nginx.txt 500 app flask "an uncaught error: Flask's HTML 500 under Granian, passed on" "curl -sv, only the < lines kept" -- -sv $R $U/api/boom
    cap $S flask-429-quota-nginx.txt 429 app flask "/api/quota: the handler's own JSON 429, passed on" "curl -si" -- -si $R $U/api/quota
    capraw $S nginx-414-uri-flask.txt 414 proxy nginx "a 2 KB query string, large_client_header_buffers 4 1k: nginx's stock 414" "curl -si saved to a file (CRs kept)" -- -si $R "$U/api/orders?q=$LONGQ"
    cap $S nginx-504-slow-flask.txt 504 proxy nginx "the handler waits 5 s, proxy_read_timeout 3s: nginx's stock 504" "" -- -sv $R $U/api/slow
    cap $S nginx-429-export-json-flask.txt 429 proxy nginx "/api/export: nginx's own \`return 429 '{\"error\":...}'\`, default_type application/json" "" -- -sv $R $U/api/export
    quiet $R $U/limited/orders/1
    cap $S nginx-503-limit-req-json-flask.txt 503 proxy nginx "/limited/, second request in a minute: limit_req's default 503 with error_page 503 = @json_busy, nginx's JSON 503" "curl -si" -- -si $R $U/limited/orders/1
    capbody body-only-paste body-nginx-503-limit-req-flask.txt 0/503 proxy nginx "nginx's JSON 503 for limit_req (no number in it)" "" -- $R "$U/limited/orders/2"
    caphead headers-only-paste head-nginx-414-uri-flask.txt 414 proxy nginx "curl -sI with a 2 KB query string: nginx's stock 414" "" -- $R "$U/api/orders?q=$LONGQ"
    log "stopping Flask"
    stop_name flask
    capdump $S nginx-502-app-stopped-flask.txt 502 proxy nginx "Granian stopped (connection refused): nginx's stock 502" "curl -s -D-" -- $R $U/api/orders/1
    cap $S nginx-503-json-err-stopped-flask.txt 503 proxy nginx "/edge/ with Granian stopped: error_page 502 503 504 = @json_err, nginx's JSON 503" "curl -si" -- -si $R $U/edge/orders/1
fi

# ===================================================== Caddy -> gin ==
if up caddy; then
    log "capturing: gin behind Caddy"
    S=gin-caddy-r111
    H=api.tallow.test:60104 U=http://api.tallow.test:60104 R="--resolve api.tallow.test:60104:127.0.0.1"
    U2=http://api.tallow.test:60114 R2="--resolve api.tallow.test:60114:127.0.0.1"
    cap $S gin-200-product-caddy.txt 200 app gin "product 1; Caddy's X-Request-ID on the answer" "curl -sv" -- -sv $R $U/api/products/1
    cap $S gin-400-product-id-caddy.txt 400 app gin "a product id that is not a number: the handler's JSON 400" "curl -si" -- -si $R $U/api/products/abc
    capwin $S gin-400-post-bind-caddy.txt 400 app gin "POST with a broken JSON body: ShouldBindJSON's error as JSON 400" "curl -si pasted with CRLF" -- -si $R -X POST "${JSONH[@]}" -d '{"sku":' $U/api/orders
    cap $S gin-401-account-caddy.txt 401 app gin "no token: the handler's JSON 401" "curl -si" -- -si $R $U/api/account
    caplt $S gin-404-product9-caddy.txt 404 app gin "product 9: the handler's JSON 404" "curl -sv, only the < lines kept" -- -sv $R $U/api/products/9
    cap $S gin-500-boom-caddy.txt 500 app gin "a nil map write: gin.Recovery's empty 500, passed on with Caddy's X-Request-ID" "" -- -sv $R $U/api/boom
    capraw $S gin-503-maintenance-caddy.txt 503 app gin "/api/maintenance: the handler's own JSON 503, passed on" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/maintenance
    cap $S caddy-431-header-gin.txt 431 proxy caddy "an 8 KB request header, servers max_header_size 2KB: Go's 431 inside Caddy" "curl -si" -- -si $R -H "$BIGHDR" $U/api/products/1
    cap $S caddy-504-slow-gin.txt 504 proxy caddy "the handler waits 5 s, response_header_timeout 3s: Caddy's empty 504 with its X-Request-ID" "curl -si" -- -si $R $U/api/slow
    cap $S caddy-429-export-json-gin.txt 429 proxy caddy "/api/export: Caddy's \`respond\` with a JSON body, 429, with its X-Request-ID" "" -- -sv $R $U/api/export
    HTTPIE_CMD=http caphttp $S caddy-503-maintenance-json-gin-httpie.txt 503 proxy caddy "HTTPie, /api/reports/daily: Caddy's maintenance JSON 503 with Retry-After" "HTTPie with colours" -- -v GET http://127.0.0.1:60104/api/reports/daily Host:$H
    cap $S caddy-504-json-errors-gin.txt 504 proxy caddy "port 60114, the handler waits 5 s: handle_errors writes Caddy's own JSON 504" "" -- -sv $R2 $U2/api/slow
    capbody body-only-paste body-gin-401-account.txt 0/401 app gin "the handler's JSON 401 (no number in it)" "" -- $R "$U/api/account"
    caphead headers-only-paste head-caddy-503-maintenance-gin.txt 503 proxy caddy "curl -sI on /api/reports/daily: Caddy's maintenance 503 (HEAD)" "" -- $R $U/api/reports/daily
    log "stopping gin"
    stop_name gin
    capcut $S caddy-502-app-stopped-gin.txt 502 proxy caddy "gin stopped (connection refused): Caddy's empty 502 with its X-Request-ID" "curl -si, body cut off after the headers" -- -si $R $U/api/products/1
    cap $S caddy-502-json-errors-gin.txt 502 proxy caddy "port 60114, gin stopped: handle_errors writes Caddy's own JSON 502" "curl -si" -- -si $R2 $U2/api/products/1
fi

# ===================================================== nginx (HTTP/2 + TLS) -> Django on Daphne ==
if up nginx; then
    log "capturing: Django (Daphne) behind nginx, HTTP/2 + TLS"
    S=django-daphne-nginx-tls-r111
    H=api.fernhill.test:60105 U=https://api.fernhill.test:60105 R="--resolve api.fernhill.test:60105:127.0.0.1"
    K=(-k --http2)
    cap $S django-200-order-nginx-h2.txt 200 app django "order 1 from Daphne, over HTTP/2; nginx's X-Request-ID" "curl -skv --http2" -- -sv "${K[@]}" $R $U/api/orders/1
    cap $S django-400-order-id-nginx-h2.txt 400 app django "an order id that is not a number: the view's JSON 400" "curl -si" -- -si "${K[@]}" $R $U/api/orders/abc
    capraw $S django-401-account-nginx-h2.txt 401 app django "no token: the view's JSON 401" "curl -si saved to a file (CRs kept)" -- -si "${K[@]}" $R $U/api/account
    cap $S django-404-order9-nginx-h2.txt 404 app django "order 9: the view's JSON 404" "curl -si" -- -si "${K[@]}" $R $U/api/orders/9
    HTTPIE_CMD=https caphttp $S django-422-post-nginx-httpie.txt 422 app django "HTTPie over TLS (HTTP/1.1), POST without ref: the view's JSON 422" "HTTPie with colours" -- --verify=no -v POST https://127.0.0.1:60105/api/orders Host:$H total:=2
    cap $S django-500-boom-nginx-h2.txt 500 app django "an uncaught error, DEBUG off: Django's HTML 'Server Error (500)', passed on" "" -- -sv "${K[@]}" $R $U/api/boom
    caplt $S django-429-quota-nginx-h2.txt 429 app django "/api/quota: the view's own JSON 429, passed on" "curl -sv, only the < lines kept" -- -sv "${K[@]}" $R $U/api/quota
    cap $S nginx-413-body-django-h2.txt 413 proxy nginx "a 3 KB body over HTTP/2, client_max_body_size 1k: nginx's stock 413 with X-Request-ID" "curl -si" -- -si "${K[@]}" $R -X POST "${JSONH[@]}" -d "$BIGBODY" $U/api/orders
    capwin $S nginx-504-slow-django-h2.txt 504 proxy nginx "the view waits 5 s, proxy_read_timeout 3s: nginx's stock 504 over HTTP/2" "curl -si pasted with CRLF" -- -si "${K[@]}" $R $U/api/slow
    cap $S nginx-429-export-json-django-h2.txt 429 proxy nginx "/api/export: nginx's own \`return 429 '{\"error\":...}'\` over HTTP/2" "curl -si" -- -si "${K[@]}" $R $U/api/export
    cap $S nginx-503-json-err-slow-django-h2.txt 503 proxy nginx "/edge/slow: upstream timed out, error_page 502 503 504 = @json_err: nginx's JSON 503 over HTTP/2" "" -- -sv "${K[@]}" $R $U/edge/slow
    quiet "${K[@]}" $R $U/limited/orders/1
    cap $S nginx-429-limit-req-django-h2.txt 429 proxy nginx "/limited/, second request in a minute: limit_req_status 429 + error_page 429 = @json_429, nginx's JSON 429" "curl -si" -- -si "${K[@]}" $R $U/limited/orders/1
    capbody body-only-paste body-django-404-order9.txt 0/404 app django "the view's JSON 404 for order 9 (no number in it)" "" -- "${K[@]}" $R "$U/api/orders/9"
    log "stopping Django"
    stop_name django
    cap $S nginx-502-app-stopped-django-h2.txt 502 proxy nginx "Daphne stopped (connection refused): nginx's stock 502 over HTTP/2" "curl -si" -- -si "${K[@]}" $R $U/api/orders/1
    capdump $S nginx-503-json-err-stopped-django-h2.txt 503 proxy nginx "/edge/ with Daphne stopped: error_page 502 503 504 = @json_err, nginx's JSON 503" "curl -s -D-" -- "${K[@]}" $R $U/edge/orders/1
fi

# ===================================================== Caddy (HTTP/2 + TLS) -> Koa on Bun ==
if up caddy; then
    log "capturing: Koa (Bun) behind Caddy, HTTP/2 + TLS"
    S=koa-bun-caddy-tls-r111
    H=api.bramble.test:60106 U=https://api.bramble.test:60106 R="--resolve api.bramble.test:60106:127.0.0.1"
    U2=https://api.bramble.test:60116 R2="--resolve api.bramble.test:60116:127.0.0.1"
    K=(-k --http2)
    cap $S koa-200-order-caddy-h2.txt 200 app koa "order 1 from Koa on Bun, over HTTP/2; Caddy adds no request id" "curl -skv --http2" -- -sv "${K[@]}" $R $U/api/orders/1
    capwin $S koa-400-order-id-caddy-h2.txt 400 app koa "an order id that is not a number: the handler's JSON 400" "curl -si pasted with CRLF" -- -si "${K[@]}" $R $U/api/orders/abc
    cap $S koa-401-account-caddy-h2.txt 401 app koa "no token: ctx.throw(401), Koa's text 'Unauthorized'" "curl -si" -- -si "${K[@]}" $R $U/api/account
    cap $S koa-404-order9-caddy-h2.txt 404 app koa "order 9: the handler's JSON 404" "curl -si" -- -si "${K[@]}" $R $U/api/orders/9
    caplt $S koa-422-post-caddy-h2.txt 422 app koa "POST without ref: the handler's JSON 422" "curl -sv, only the < lines kept" -- -sv "${K[@]}" $R -X POST "${JSONH[@]}" -d '{"total":2}' $U/api/orders
    cap $S koa-500-boom-caddy-h2.txt 500 app koa "an uncaught error: Koa's text 'Internal Server Error', passed on" "" -- -sv "${K[@]}" $R $U/api/boom
    capraw $S koa-503-maintenance-caddy-h2.txt 503 app koa "/api/maintenance: the handler's own JSON 503 with Retry-After, passed on" "curl -si saved to a file (CRs kept)" -- -si "${K[@]}" $R $U/api/maintenance
    cap $S caddy-431-header-koa-tls.txt 431 proxy caddy "an 8 KB request header over TLS with --http1.1 (over HTTP/2 the first run got no response at all: see the README), max_header_size 2KB: Go's 431 inside Caddy" "curl -si --http1.1" -- -si -k --http1.1 $R -H "$BIGHDR" $U/api/orders/1
    cap $S caddy-504-slow-koa-h2.txt 504 proxy caddy "the handler waits 5 s, response_header_timeout 3s: Caddy's empty 504 over HTTP/2" "curl -si" -- -si "${K[@]}" $R $U/api/slow
    cap $S caddy-429-export-json-koa-h2.txt 429 proxy caddy "/api/export: Caddy's \`respond\` with a JSON body, 429, over HTTP/2" "curl -si" -- -si "${K[@]}" $R $U/api/export
    cap $S caddy-503-maintenance-json-koa-h2.txt 503 proxy caddy "/api/reports/daily: Caddy's maintenance JSON 503 over HTTP/2" "" -- -sv "${K[@]}" $R $U/api/reports/daily
    capwin $S caddy-504-json-errors-koa-h2.txt 504 proxy caddy "port 60116, the handler waits 5 s: handle_errors writes Caddy's own JSON 504" "curl -si pasted with CRLF" -- -si "${K[@]}" $R2 $U2/api/slow
    capbody body-only-paste body-caddy-504-json-errors-koa.txt 504/504 proxy caddy "Caddy's handle_errors JSON for a 504 (the number in it)" "" -- "${K[@]}" $R2 "$U2/api/slow"
    caphead headers-only-paste head-koa-200-order-h2.txt 200 app koa "curl -sI over HTTP/2 on order 1 (HEAD)" "" -- "${K[@]}" $R $U/api/orders/1
    log "stopping Koa"
    stop_name koa
    cap $S caddy-502-app-stopped-koa-h2.txt 502 proxy caddy "Bun stopped (connection refused): Caddy's empty 502 over HTTP/2" "curl -si" -- -si "${K[@]}" $R $U/api/orders/1
    cap $S caddy-502-json-errors-koa-h2.txt 502 proxy caddy "port 60116, Bun stopped: handle_errors writes Caddy's own JSON 502" "" -- -sv "${K[@]}" $R2 $U2/api/orders/1
fi

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in caddy nginx; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round111/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
