#!/usr/bin/env bash
# capture-round64.sh — build the sixty-fourth held-out evidence corpus in
# tests/fixtures/evidence-round64/.
#
# "Servers never seen, a fourth look": every front here is software no
# earlier round used, and so are both app frameworks. One small loans API
# (rounds 56 and 60's routes) written twice: on Panther (an async Python
# framework, run by uvicorn) and on srvx (the unjs web-standard server for
# Node). In front of them, six fronts:
#   - a gateway on fastapi-proxy-lib (FastAPI + httpx), served by uvicorn;
#   - a gateway on http-proxy-3 (a rewrite of node-http-proxy) and Node's server;
#   - local-web-server (lws) with its lws-rewrite proxy rules (HTTP/1.1 and
#     TLS + HTTP/2);
#   - a gateway on asgiproxy (aiohttp's client), served by Hypercorn (HTTP/1.1 and h2c);
#   - a WSGI front on WSGIProxy2, served by waitress;
#   - a Ruby front on Rack::Proxy (Debian's ruby-rack-proxy), served by Puma.
# Where a front can, it puts its own request id on every answer and answers
# some paths itself (JSON 429/503, an empty 503); each also fails in its
# stock ways (dead upstream, slow upstream, unknown Host, body or header too
# large, a method it will not pass). Paste forms: curl -v/-i transcripts
# (some keeping their CRs, some with CRLF on every line), HTTPie with
# colours, body-only and headers-only pastes, `wget -S -O-`.
#
#   scripts/corpus/capture-round64.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round64.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round64.sh       # keep configs + logs in the runtime dir
#
# Same rules as the earlier rounds: every server binds 127.0.0.1 (this round
# ports 60100-60199) and the script stops if a new socket listens anywhere
# else; every curl, HTTPie and wget runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Installs run under `nice -n 15` with a policy-rc.d that keeps Debian's
# services from starting. Labels are written by finish_round64.py, which
# refuses (and this script then leaves the fixtures as they were) when a
# label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round64"
RUN=/tmp/api-triage-corpus64-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round64"
APPS="$HERE/apps64"
VENV=${CORPUS_VENV64:-/tmp/api-triage-corpus64-venv}
NODE_DIR=${CORPUS_NODE64:-/tmp/api-triage-corpus64-node}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=$VENV/bin/http  # HTTPie from PyPI, in the venv
PYPI=(httpie==3.2.4 panther==5.5.0 fastapi-proxy-lib==0.3.0 fastapi==0.165.0 uvicorn==0.55.0 asgiproxy==0.2.0 hypercorn==0.18.0 WSGIProxy2==0.5.1 waitress==3.0.2)
NPM=(srvx@1.0.8 http-proxy-3@1.23.3 local-web-server@5.4.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus64 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl python3-venv nodejs puma ruby-rack-proxy)
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

install_venv() {  # Panther, the three Python fronts and their servers, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import httpie, panther, fastapi_proxy_lib, asgiproxy, hypercorn, wsgiproxy, waitress" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # srvx, http-proxy-3 and local-web-server, from npm, into $NODE_DIR
    [[ -e $NODE_DIR/node_modules/srvx/package.json && -e $NODE_DIR/node_modules/http-proxy-3/package.json && -e $NODE_DIR/node_modules/local-web-server/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || printf '{"name":"corpus64","private":true}\n' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 600 npm install --no-audit --no-fund "${NPM[@]}") >>"$RUN/logs/npm.log" 2>&1 \
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
            # a worker or child a server left behind (php-fpm, Starlet)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round64.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
    [[ -x $HTTPIE ]] || return 0
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
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the node modules are missing (${SKIPPED[node]})"
have openssl || die "openssl is missing"


# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS ]] || die "missing $CONF or $APPS"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,panther,lws/www,puma}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the node modules are missing (${SKIPPED[node]})"
have openssl || die "openssl is missing"
export PYTHONDONTWRITEBYTECODE=1   # keep apps64/ free of __pycache__

# apps: Panther under uvicorn 60110 (fastapi-proxy-lib gateway), 60112 (lws),
# 60114 (WSGIProxy2); srvx on Node 60111 (http-proxy-3 gateway), 60113
# (asgiproxy gateway), 60115 (Rack::Proxy). Fronts: 60180-60185, and 60142
# (lws, TLS + HTTP/2). 60199 is never listened on.
APP_PORTS=(60110 60111 60112 60113 60114 60115)
FRONT_PORTS=(60180 60181 60182 60142 60183 60184 60185)
DEAD=60199
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" $DEAD; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: a self-signed cert for local-web-server's HTTP/2 listener ---------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Tidemark/CN=loans.tidemark.test" \
    -addext "subjectAltName=DNS:loans.tidemark.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

start_in() {  # start_in DIR NAME CMD... : like start_bg, run in DIR
    local dir=$1 name=$2; shift 2
    (cd "$dir" && exec "$@") >"$RUN/logs/$name.log" 2>&1 &
    PIDS+=($!)
    echo $! >"$RUN/pids/$name.pid"
}

# ---- apps -------------------------------------------------------------------
declare -A UP=()
# Panther writes a logs/ folder where it runs: run it in $RUN/panther
PANTHER=(nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" panther_app:app --host 127.0.0.1 --no-access-log --port)
SRVX=(env CORPUS_NODE_MODULES="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/loans_srvx.mjs")
start_in "$RUN/panther" panther1 "${PANTHER[@]}" 60110
start_in "$RUN/panther" panther2 "${PANTHER[@]}" 60112
start_in "$RUN/panther" panther3 "${PANTHER[@]}" 60114
start_bg srvx1 "${SRVX[@]}" 60111
start_bg srvx2 "${SRVX[@]}" 60113
start_bg srvx3 "${SRVX[@]}" 60115
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
# fastapi-proxy-lib gateway -> Panther (60110); uvicorn with its h11 parser
start_in "$RUN/work" fpl env CORPUS_UP=60110 CORPUS_DEAD=$DEAD nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" \
    fpl_gateway:app --host 127.0.0.1 --port 60180 --no-access-log --http h11
wait_port 60180 fpl && UP[fpl]=1
# http-proxy-3 gateway -> srvx (60111); Node's header limit set low so that its own 431 can be seen
start_bg hp3 env CORPUS_NODE_MODULES="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 \
    node --max-http-header-size=4096 "$APPS/hp3_gateway.mjs" 60181 60111 $DEAD
wait_port 60181 hp3 && UP[hp3]=1
# local-web-server -> Panther (60112): 60182 plain HTTP/1.1, 60142 TLS + HTTP/2
mapfile -t LWS_ARGS < <(sed -e '/^#/d' -e '/^$/d' -e "s|@RUN@|$RUN|g" -e 's|@APP@|60112|g' "$CONF/lws.args")
start_in "$RUN/lws" lws nice -n 5 "$NODE_DIR/node_modules/.bin/ws" "${LWS_ARGS[@]}" --port 60182
start_in "$RUN/lws" lws-h2 nice -n 5 "$NODE_DIR/node_modules/.bin/ws" "${LWS_ARGS[@]}" --port 60142 \
    --http2 --key "$RUN/tls/key.pem" --cert "$RUN/tls/cert.pem"
wait_port 60182 lws && wait_port 60142 lws-h2 && UP[lws]=1
# asgiproxy gateway -> srvx (60113), under Hypercorn (HTTP/1.1 and h2c on 60183)
# (Hypercorn has no --app-dir: apps64 goes on PYTHONPATH)
start_in "$RUN/work" asgi env CORPUS_UP=60113 CORPUS_DEAD=$DEAD PYTHONPATH="$APPS" nice -n 5 "$VENV/bin/hypercorn" \
    --config "$CONF/hypercorn.toml" -k asyncio asgi_gateway:app
wait_port 60183 asgi && UP[asgi]=1
# WSGIProxy2 front -> Panther (60114), under waitress
start_in "$RUN/work" wsgi env CORPUS_UP=60114 CORPUS_DEAD=$DEAD nice -n 5 "$VENV/bin/python" "$APPS/wsgi_gateway.py" 60184
wait_port 60184 wsgi && UP[wsgi]=1
# Rack::Proxy front -> srvx (60115), under Puma
start_in "$RUN/puma" rack env CORPUS_UP=60115 CORPUS_DEAD=$DEAD nice -n 5 puma -C "$CONF/puma.rb" "$APPS/rackproxy_gateway.ru"
wait_port 60185 rack && UP[rack]=1
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '{n=split($2,a,":"); p=a[n]+0; if (p < 60100 || p > 60199) print}')
[[ -z $NEWPORTS ]] || die "a server listens outside ports 60100-60199: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 64 (held out): real responses captured by
# scripts/corpus/capture-round64.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-56:
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

H=loans.tidemark.test
FP=http://$H:60180 HP=http://$H:60181 LW=http://$H:60182 LWS=https://$H:60142 AS=http://$H:60183
WS=http://$H:60184 RK=http://$H:60185
# one --resolve per front keeps the transcripts short
RFP="--resolve $H:60180:127.0.0.1" RHP="--resolve $H:60181:127.0.0.1" RLW="--resolve $H:60182:127.0.0.1"
RLWS="--resolve $H:60142:127.0.0.1" RAS="--resolve $H:60183:127.0.0.1" RWS="--resolve $H:60184:127.0.0.1"
RRK="--resolve $H:60185:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
BIGH8="X-Trace-Context: $(printf 't%.0s' $(seq 1 8000))"
BIGBODY=$(printf '{"ref":"TM-3001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")

# ============================ the fastapi-proxy-lib gateway -> Panther under uvicorn ==
if up fpl; then
    log "capturing: Panther under uvicorn behind the fastapi-proxy-lib gateway"
    S=panther-uvicorn-fastapi-proxy-lib
    cap $S panther-200-loan-fpl.txt 200 app panther "loan 1 through the gateway (its X-Request-Id and Via)" "" -- -sv $RFP $FP/api/loans/1
    cap $S panther-404-loan-fpl.txt 404 app panther "an unknown loan: the app's JSON 404" "curl -si" -- -si $RFP $FP/api/loans/9
    caphttp $S panther-401-account-fpl-httpie.txt 401 app panther "HTTPie, no token: the app's JSON 401 (Bearer)" "HTTPie with colours" -- -v GET http://127.0.0.1:60180/api/account Host:$H
    cap $S panther-403-admin-fpl.txt 403 app panther "the app's JSON 403" "" -- -sv $RFP $FP/api/admin
    capraw $S panther-409-post-fpl.txt 409 app panther "POST of an existing ref: the app's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RFP -X POST "${JSONH[@]}" -d '{"ref":"TM-2001"}' $FP/api/loans
    cap $S panther-422-post-fpl.txt 422 app panther "POST without ref: the app's JSON 422" "" -- -sv $RFP -X POST "${JSONH[@]}" -d '{"items":2}' $FP/api/loans
    cap $S panther-429-quota-fpl.txt 429 app panther "the app's own JSON 429 with Retry-After, next to the gateway's" "curl -si" -- -si $RFP $FP/api/quota
    cap $S panther-503-maintenance-fpl.txt 503 app panther "the app's own JSON 503 (maintenance), next to the gateway's" "" -- -sv $RFP $FP/api/maintenance
    capwin $S panther-502-payments-html-fpl.txt 502 app panther "the app's own HTML 502 page (its card processor failed), with the gateway's Via" "curl -si pasted with CRLF" -- -si $RFP $FP/api/payments
    cap $S panther-500-boom-fpl.txt 500 app panther "a ZeroDivisionError in the handler: Panther's own JSON 500" "curl -si" -- -si $RFP $FP/api/boom
    cap $S panther-404-route-fpl.txt 404 app panther "/api/v2/loans, passed on: Panther's router answers {\"detail\":\"Not Found\"}" "" -- -sv $RFP $FP/api/v2/loans
    cap $S panther-405-delete-fpl.txt 405 app panther "DELETE on a loan, passed on: Panther's JSON 405" "curl -si" -- -si $RFP -X DELETE $FP/api/loans/1
    cap $S fpl-404-route-gateway.txt 404 proxy fastapi-proxy-lib "/v2/loans, a path the gateway has no route for: FastAPI's own {\"detail\":\"Not Found\"} inside the gateway (the same body as Panther's)" "curl -si" -- -si $RFP $FP/v2/loans
    cap $S fpl-429-exports-json.txt 429 proxy fastapi-proxy-lib "/api/exports/: the gateway's own JSON 429" "" -- -sv $RFP $FP/api/exports/daily
    capraw $S fpl-503-returns-json.txt 503 proxy fastapi-proxy-lib "/api/returns/: the gateway's own JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RFP $FP/api/returns/42
    cap $S fpl-503-beta-empty.txt 503 proxy fastapi-proxy-lib "/api/beta/: the gateway's 503, empty body, only Server: uvicorn and its request id" "" -- -sv $RFP $FP/api/beta/labels
    cap $S fpl-502-legacy-down.txt 502 proxy fastapi-proxy-lib "/legacy/ to a port nobody listens on: ReverseHttpProxy's JSON 502" "curl -si" -- -si $RFP $FP/legacy/loans/1
    capwget $S fpl-502-legacy-down-wget.txt 502 proxy fastapi-proxy-lib "the same dead upstream, with wget" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60180/legacy/loans/2
    capwin $S fpl-502-slow-timeout.txt 502 proxy fastapi-proxy-lib "the app sleeps 5 s, httpx timeout 2 s: the library answers its timeout with the same JSON 502" "curl -si pasted with CRLF" -- -si $RFP $FP/api/slow
    cap $S fpl-404-unknown-host.txt 404 proxy fastapi-proxy-lib "the bare IP as Host: the gateway's JSON 404" "curl -si" -- -si http://127.0.0.1:60180/api/loans/1
    cap $S fpl-413-body.txt 413 proxy fastapi-proxy-lib "a 3 KB body: the gateway's JSON 413" "" -- -sv $RFP -X POST "${JSONH[@]}" -d "$BIGBODY" $FP/api/loans
    capraw $S fpl-400-bad-header.txt 400 proxy fastapi-proxy-lib "a header name with a space in it: uvicorn's h11 parser inside the gateway answers 'Invalid HTTP request received.'" "curl -si saved to a file (CRs kept)" -- -si $RFP -H 'X Trace: 1' $FP/api/loans/1
fi

# ================================= the http-proxy-3 gateway -> srvx on Node ==
if up hp3; then
    log "capturing: srvx on Node behind the http-proxy-3 gateway"
    S=srvx-node-http-proxy-3
    cap $S srvx-200-loan-hp3.txt 200 app srvx "loan 1 through the gateway (X-Correlation-Id, Via)" "" -- -sv $RHP $HP/api/loans/1
    cap $S srvx-404-loan-hp3.txt 404 app srvx "an unknown loan: the app's JSON 404" "curl -si" -- -si $RHP $HP/api/loans/9
    caphttp $S srvx-401-account-hp3-httpie.txt 401 app srvx "HTTPie, no token: the app's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60181/api/account Host:$H
    cap $S srvx-403-admin-hp3.txt 403 app srvx "the app's JSON 403" "" -- -sv $RHP $HP/api/admin
    capraw $S srvx-422-post-hp3.txt 422 app srvx "POST without ref: the app's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RHP -X POST "${JSONH[@]}" -d '{"items":2}' $HP/api/loans
    cap $S srvx-409-post-hp3.txt 409 app srvx "POST of an existing ref: the app's JSON 409" "curl -si" -- -si $RHP -X POST "${JSONH[@]}" -d '{"ref":"TM-2001"}' $HP/api/loans
    cap $S srvx-429-quota-hp3.txt 429 app srvx "the app's own JSON 429, next to the gateway's" "" -- -sv $RHP $HP/api/quota
    cap $S srvx-503-maintenance-hp3.txt 503 app srvx "the app's own JSON 503 (maintenance)" "curl -si" -- -si $RHP $HP/api/maintenance
    capwin $S srvx-503-search-html-hp3.txt 503 app srvx "the app's own HTML 503 page with the gateway's Via" "curl -si pasted with CRLF" -- -si $RHP $HP/api/search
    cap $S srvx-504-courier-html-hp3.txt 504 app srvx "the app's own HTML 504 page (its courier timed out)" "" -- -sv $RHP $HP/api/courier
    cap $S srvx-500-boom-hp3.txt 500 app srvx "the handler throws: srvx's own 500, no body" "curl -si" -- -si $RHP $HP/api/boom
    cap $S srvx-404-route-hp3.txt 404 app srvx "no route: the app's plain-text 404" "" -- -sv $RHP $HP/api/v2/loans
    cap $S hp3-429-exports-problem.txt 429 proxy http-proxy-3 "/api/exports/: the gateway's problem+json 429" "" -- -sv $RHP $HP/api/exports/daily
    capraw $S hp3-503-returns-problem.txt 503 proxy http-proxy-3 "/api/returns/: the gateway's problem+json 503" "curl -si saved to a file (CRs kept)" -- -si $RHP $HP/api/returns/42
    cap $S hp3-503-beta-empty.txt 503 proxy http-proxy-3 "/api/beta/: the gateway's empty 503, only Server: ledgerline-gw names it" "curl -si" -- -si $RHP $HP/api/beta/labels
    capwin $S hp3-502-legacy-down.txt 502 proxy http-proxy-3 "/legacy/ to a port nobody listens on: the gateway's problem+json 502" "curl -si pasted with CRLF" -- -si $RHP $HP/legacy/loans/1
    cap $S hp3-504-slow.txt 504 proxy http-proxy-3 "the app sleeps 5 s, proxyTimeout 2 s: the gateway's problem+json 504" "" -- -sv $RHP $HP/api/slow
    caphttp $S hp3-504-slow-httpie.txt 504 proxy http-proxy-3 "HTTPie: the same timeout" "HTTPie with colours" -- -v GET http://127.0.0.1:60181/api/slow Host:$H
    cap $S hp3-421-unknown-host.txt 421 proxy http-proxy-3 "the bare IP as Host: the gateway's problem+json 421 Misdirected Request" "curl -si" -- -si http://127.0.0.1:60181/api/loans/1
    cap $S hp3-405-patch.txt 405 proxy http-proxy-3 "PATCH: the gateway's problem+json 405 with Allow" "" -- -sv $RHP -X PATCH "${JSONH[@]}" -d '{"items":3}' $HP/api/loans/1
    cap $S hp3-403-internal.txt 403 proxy http-proxy-3 "/internal/: the gateway's problem+json 403" "curl -si" -- -si $RHP $HP/internal/metrics
    cap $S hp3-413-body.txt 413 proxy http-proxy-3 "a 3 KB body: the gateway's problem+json 413" "" -- -sv $RHP -X POST "${JSONH[@]}" -d "$BIGBODY" $HP/api/loans
    cap $S hp3-431-header-too-large.txt 431 proxy http-proxy-3 "an 8 KB header, --max-http-header-size=4096: Node's server inside the gateway answers 431, no body" "" -- -sv $RHP -H "$BIGH8" $HP/api/loans/1
    capraw $S hp3-400-bad-header.txt 400 proxy http-proxy-3 "a header name with a space in it: Node's parser inside the gateway answers 400, no body" "curl -si saved to a file (CRs kept)" -- -si $RHP -H 'X Trace: 1' $HP/api/loans/1
fi

# =========================== local-web-server (lws-rewrite) -> Panther under uvicorn ==
if up lws; then
    log "capturing: Panther under uvicorn behind local-web-server"
    S=panther-uvicorn-lws
    cap $S panther-200-loan-lws.txt 200 app panther "loan 1 through lws (Via: 1.1 lws-rewrite, CORS headers)" "" -- -sv $RLW $LW/api/loans/1
    cap $S panther-404-loan-lws.txt 404 app panther "an unknown loan: the app's JSON 404" "curl -si" -- -si $RLW $LW/api/loans/9
    caphttp $S panther-401-account-lws-httpie.txt 401 app panther "HTTPie, no token: the app's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60182/api/account Host:$H
    capraw $S panther-422-post-lws.txt 422 app panther "POST without ref: the app's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RLW -X POST "${JSONH[@]}" -d '{"items":2}' $LW/api/loans
    cap $S panther-429-quota-lws.txt 429 app panther "the app's own JSON 429" "" -- -sv $RLW $LW/api/quota
    capwin $S panther-504-courier-html-lws.txt 504 app panther "the app's own HTML 504 page with lws's Via" "curl -si pasted with CRLF" -- -si $RLW $LW/api/courier
    cap $S panther-500-boom-lws.txt 500 app panther "the handler raises: Panther's own JSON 500" "curl -si" -- -si $RLW $LW/api/boom
    cap $S lws-500-legacy-down.txt 500 proxy local-web-server "/legacy/ to a port nobody listens on: the refused connection reaches Koa's error handler inside lws, 'Internal Server Error' as text" "" -- -sv $RLW $LW/legacy/loans/1
    capwget $S lws-500-legacy-down-wget.txt 500 proxy local-web-server "the same dead upstream, with wget" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60182/legacy/loans/2
    cap $S lws-404-static.txt 404 proxy local-web-server "/v2/loans matches no rewrite: lws serves its empty folder, Koa's 'Not Found'" "curl -si" -- -si $RLW $LW/v2/loans
    cap $S lws-403-internal.txt 403 proxy local-web-server "/internal/: lws-blacklist's 'Forbidden'" "" -- -sv $RLW $LW/internal/metrics
    capraw $S lws-405-delete-static.txt 405 proxy local-web-server "DELETE on a path lws serves itself: an empty 405 with Allow, no Server header at all" "curl -si saved to a file (CRs kept)" -- -si $RLW -X DELETE $LW/v2/loans/1
    cap $S panther-200-loan-lws-h2.txt 200 app panther "HTTP/2 over TLS: loan 1" "" -- -sv -k $RLWS $LWS/api/loans/1
    cap $S panther-503-search-html-lws-h2.txt 503 app panther "HTTP/2: the app's own HTML 503 page" "curl -si" -- -si -k $RLWS $LWS/api/search
    cap $S lws-500-legacy-down-h2.txt 500 proxy local-web-server "HTTP/2: the dead /legacy/ upstream, Koa's 'Internal Server Error'" "curl -si" -- -si -k $RLWS $LWS/legacy/loans/3
fi

# ========================= the asgiproxy gateway (Hypercorn) -> srvx on Node ==
if up asgi; then
    log "capturing: srvx on Node behind the asgiproxy gateway"
    S=srvx-node-asgiproxy
    cap $S srvx-200-loan-asgi.txt 200 app srvx "loan 1 through the gateway (X-Trace-Id, Via)" "" -- -sv $RAS $AS/api/loans/1
    cap $S srvx-404-loan-asgi.txt 404 app srvx "an unknown loan: the app's JSON 404" "curl -si" -- -si $RAS $AS/api/loans/9
    caphttp $S srvx-403-admin-asgi-httpie.txt 403 app srvx "HTTPie: the app's JSON 403" "HTTPie with colours" -- -v GET http://127.0.0.1:60183/api/admin Host:$H
    capraw $S srvx-409-post-asgi.txt 409 app srvx "POST of an existing ref: the app's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RAS -X POST "${JSONH[@]}" -d '{"ref":"TM-2001"}' $AS/api/loans
    cap $S srvx-429-quota-asgi.txt 429 app srvx "the app's own JSON 429" "" -- -sv $RAS $AS/api/quota
    capwin $S srvx-502-payments-html-asgi.txt 502 app srvx "the app's own HTML 502 page with the gateway's Via" "curl -si pasted with CRLF" -- -si $RAS $AS/api/payments
    cap $S srvx-500-boom-asgi.txt 500 app srvx "the handler throws: srvx's own empty 500, passed on" "curl -si" -- -si $RAS $AS/api/boom
    cap $S asgi-429-exports-json.txt 429 proxy asgiproxy "/api/exports/: the gateway's own JSON 429" "" -- -sv $RAS $AS/api/exports/daily
    cap $S asgi-503-beta-empty.txt 503 proxy asgiproxy "/api/beta/: the gateway's empty 503" "curl -si" -- -si $RAS $AS/api/beta/labels
    capwin $S asgi-502-legacy-down.txt 502 proxy asgiproxy "/legacy/ to a port nobody listens on: the gateway's JSON 502" "curl -si pasted with CRLF" -- -si $RAS $AS/legacy/loans/1
    cap $S asgi-500-slow-hypercorn.txt 500 proxy asgiproxy "the app sleeps 5 s, aiohttp timeout 2 s, not caught by the gateway: Hypercorn's own empty 500" "" -- -sv $RAS $AS/api/slow
    cap $S asgi-404-unknown-host.txt 404 proxy asgiproxy "the bare IP as Host: the gateway's JSON 404" "curl -si" -- -si http://127.0.0.1:60183/api/loans/1
    cap $S srvx-200-loan-asgi-h2c.txt 200 app srvx "HTTP/2 (h2c): loan 1" "" -- -sv --http2-prior-knowledge $RAS $AS/api/loans/1
    cap $S srvx-503-maintenance-asgi-h2c.txt 503 app srvx "HTTP/2 (h2c): the app's own JSON 503" "curl -si" -- -si --http2-prior-knowledge $RAS $AS/api/maintenance
    cap $S asgi-502-legacy-down-h2c.txt 502 proxy asgiproxy "HTTP/2 (h2c): the gateway's JSON 502 for the dead upstream" "curl -si" -- -si --http2-prior-knowledge $RAS $AS/legacy/loans/2
    cap $S asgi-500-slow-h2c.txt 500 proxy asgiproxy "HTTP/2 (h2c): the uncaught timeout, Hypercorn's empty 500" "" -- -sv --http2-prior-knowledge $RAS $AS/api/slow
fi

# ============================ the WSGIProxy2 front (waitress) -> Panther under uvicorn ==
if up wsgi; then
    log "capturing: Panther under uvicorn behind the WSGIProxy2 front"
    S=panther-uvicorn-wsgiproxy2
    cap $S panther-200-loan-wsgi.txt 200 app panther "loan 1 through the front (Via twice: the front's and waitress's)" "" -- -sv $RWS $WS/api/loans/1
    cap $S panther-404-loan-wsgi.txt 404 app panther "an unknown loan: the app's JSON 404" "curl -si" -- -si $RWS $WS/api/loans/9
    caphttp $S panther-409-post-wsgi-httpie.txt 409 app panther "HTTPie: POST of an existing ref, the app's JSON 409" "HTTPie with colours" -- -v POST http://127.0.0.1:60184/api/loans Host:$H ref=TM-2001
    cap $S panther-403-admin-wsgi.txt 403 app panther "the app's JSON 403" "" -- -sv $RWS $WS/api/admin
    cap $S panther-503-maintenance-wsgi.txt 503 app panther "the app's own JSON 503 (maintenance)" "curl -si" -- -si $RWS $WS/api/maintenance
    capwin $S panther-503-search-html-wsgi.txt 503 app panther "the app's own HTML 503 page" "curl -si pasted with CRLF" -- -si $RWS $WS/api/search
    cap $S panther-404-route-wsgi.txt 404 app panther "/api/v2/loans: Panther's {\"detail\":\"Not Found\"}" "" -- -sv $RWS $WS/api/v2/loans
    cap $S wsgi-429-exports-json.txt 429 proxy wsgiproxy2 "/api/exports/: the front's own JSON 429" "curl -si" -- -si $RWS $WS/api/exports/daily
    cap $S wsgi-502-legacy-down.txt 502 proxy wsgiproxy2 "/legacy/ to a port nobody listens on: WSGIProxy2 answers with WebOb's 502 page" "" -- -sv $RWS $WS/legacy/loans/1
    capraw $S wsgi-504-slow.txt 504 proxy wsgiproxy2 "the app sleeps 5 s, socket timeout 2 s: WebOb's 504 page" "curl -si saved to a file (CRs kept)" -- -si $RWS $WS/api/slow
    cap $S wsgi-405-trace.txt 405 proxy wsgiproxy2 "TRACE, not in WSGIProxy2's list of methods: WebOb's 405 page" "curl -si" -- -si $RWS -X TRACE $WS/api/loans/1
    cap $S wsgi-413-body.txt 413 proxy wsgiproxy2 "a 3 KB body, max_request_body_size 1024: waitress's plain 413 inside the front" "" -- -sv $RWS -X POST "${JSONH[@]}" -d "$BIGBODY" $WS/api/loans
    capwin $S wsgi-431-header-too-large.txt 431 proxy wsgiproxy2 "an 8 KB header, max_request_header_size 4096: waitress's plain 431 (an HTTP/1.0 status line)" "curl -si pasted with CRLF" -- -si $RWS -H "$BIGH8" $WS/api/loans/1
    capwget $S wsgi-502-legacy-down-wget.txt 502 proxy wsgiproxy2 "the same dead upstream, with wget" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60184/legacy/loans/2
fi

# ============================ the Rack::Proxy front (Puma) -> srvx on Node ==
if up rack; then
    log "capturing: srvx on Node behind the Rack::Proxy front"
    S=srvx-node-rack-proxy
    cap $S srvx-200-loan-rack.txt 200 app srvx "loan 1 through the front (X-Request-Id, Via)" "" -- -sv $RRK $RK/api/loans/1
    cap $S srvx-404-loan-rack.txt 404 app srvx "an unknown loan: the app's JSON 404" "curl -si" -- -si $RRK $RK/api/loans/9
    caphttp $S srvx-401-account-rack-httpie.txt 401 app srvx "HTTPie, no token: the app's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60185/api/account Host:$H
    cap $S srvx-422-post-rack.txt 422 app srvx "POST without ref: the app's JSON 422" "" -- -sv $RRK -X POST "${JSONH[@]}" -d '{"items":2}' $RK/api/loans
    capraw $S srvx-429-quota-rack.txt 429 app srvx "the app's own JSON 429" "curl -si saved to a file (CRs kept)" -- -si $RRK $RK/api/quota
    cap $S srvx-504-courier-html-rack.txt 504 app srvx "the app's own HTML 504 page with the front's Via" "curl -si" -- -si $RRK $RK/api/courier
    capwin $S srvx-500-boom-rack.txt 500 app srvx "the handler throws: srvx's own empty 500, passed on" "curl -si pasted with CRLF" -- -si $RRK $RK/api/boom
    cap $S rack-429-exports-json.txt 429 proxy rack-proxy "/api/exports/: the front's own JSON 429" "" -- -sv $RRK $RK/api/exports/daily
    capraw $S rack-503-returns-json.txt 503 proxy rack-proxy "/api/returns/: the front's own JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RRK $RK/api/returns/42
    cap $S rack-502-legacy-down.txt 502 proxy rack-proxy "/legacy/ to a port nobody listens on: the front's JSON 502" "curl -si" -- -si $RRK $RK/legacy/loans/1
    cap $S rack-504-slow-empty.txt 504 proxy rack-proxy "the app sleeps 5 s, read_timeout 2 s: the front's empty 504, nothing names it" "" -- -sv $RRK $RK/api/slow
    cap $S rack-404-unknown-host.txt 404 proxy rack-proxy "the bare IP as Host: the front's JSON 404" "curl -si" -- -si http://127.0.0.1:60185/api/loans/1
    cap $S rack-400-bad-header.txt 400 proxy rack-proxy "a header name with a space in it: Puma's parser inside the front answers a bare 400" "" -- -sv $RRK -H 'X Trace: 1' $RK/api/loans/1
    capwget $S rack-502-legacy-down-wget.txt 502 proxy rack-proxy "the same dead upstream, with wget" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60185/legacy/loans/2
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up fpl && capbody $S body-fpl-502-legacy.txt 0/502 proxy fastapi-proxy-lib "ReverseHttpProxy's JSON 502 (err_type, msg)" "no number" -- $RFP $FP/legacy/loans/3
up fpl && capbody $S body-fpl-404-route.txt 0/404 proxy fastapi-proxy-lib "FastAPI's {\"detail\":\"Not Found\"} inside the gateway" "no number" -- $RFP $FP/v3/loans
up fpl && capbody $S body-panther-404-route-fpl.txt 0/404 app panther "Panther's {\"detail\":\"Not Found\"}, the same body from the app" "no number" -- $RFP $FP/api/v3/loans
up fpl && capbody $S body-panther-500-boom-fpl.txt 0/500 app panther "Panther's {\"detail\":\"Internal Server Error\"}" "no number" -- $RFP $FP/api/boom
up hp3 && capbody $S body-hp3-504-slow.txt 504/504 proxy http-proxy-3 "the gateway's problem+json 504 (its status field says 504)" "" -- $RHP $HP/api/slow
up hp3 && capbody $S body-hp3-421-unknown-host.txt 421/421 proxy http-proxy-3 "the gateway's problem+json 421 (its status field says 421)" "" -- http://127.0.0.1:60181/api/loans/2
up hp3 && capbody $S body-srvx-404-route-hp3.txt 0/404 app srvx "the app's plain-text 'no route for GET ...'" "no number" -- $RHP $HP/api/v3/loans
up hp3 && capbody $S body-srvx-503-search-html-hp3.txt 503/503 app srvx "the app's own HTML 503 page (its title says 503)" "" -- $RHP $HP/api/search
up lws && capbody $S body-lws-500-legacy.txt 0/500 proxy local-web-server "Koa's 'Internal Server Error' text inside lws" "no number" -- $RLW $LW/legacy/loans/4
up lws && capbody $S body-lws-403-internal.txt 0/403 proxy local-web-server "lws-blacklist's 'Forbidden'" "no number" -- $RLW $LW/internal/health
up lws && capbody $S body-panther-504-courier-html-lws.txt 504/504 app panther "the app's own HTML 504 page (its title says 504)" "" -- $RLW $LW/api/courier
up asgi && capbody $S body-asgi-502-legacy.txt 0/502 proxy asgiproxy "the gateway's JSON 502" "no number" -- $RAS $AS/legacy/loans/3
up asgi && capbody $S body-srvx-429-quota-asgi.txt 0/429 app srvx "the app's own JSON 429" "no number" -- $RAS $AS/api/quota
up wsgi && capbody $S body-wsgi-502-legacy.txt 502/502 proxy wsgiproxy2 "WebOb's 502 page (its title says 502)" "" -- $RWS $WS/legacy/loans/3
up wsgi && capbody $S body-wsgi-413-body.txt 0/413 proxy wsgiproxy2 "waitress's 'Request Entity Too Large ... (generated by waitress)'" "no number" -- $RWS -X POST "${JSONH[@]}" -d "$BIGBODY" $WS/api/loans
up rack && capbody $S body-rack-502-legacy.txt 0/502 proxy rack-proxy "the front's JSON 502" "no number" -- $RRK $RK/legacy/loans/3
up rack && capbody $S body-srvx-504-courier-html-rack.txt 504/504 app srvx "the app's own HTML 504 page (its title says 504)" "" -- $RRK $RK/api/courier

# ================================================ headers-only pastes ==
S=headers-only-paste
up fpl && caphead $S head-fpl-503-beta-empty.txt 503 proxy fastapi-proxy-lib "curl -sI on /api/beta/: the gateway's empty 503" "" -- $RFP $FP/api/beta/labels
up fpl && caphead $S head-panther-405-loan-fpl.txt 405 app panther "curl -sI on loan 1: the gateway passes HEAD on, Panther allows only GET there and answers 405" "" -- $RFP $FP/api/loans/1
up hp3 && caphead $S head-hp3-421-unknown-host.txt 421 proxy http-proxy-3 "curl -sI with the bare IP as Host: the gateway's 421" "" -- http://127.0.0.1:60181/api/loans/1
up hp3 && caphead $S head-srvx-200-loan-hp3.txt 200 app srvx "curl -sI on loan 1 through the gateway" "" -- $RHP $HP/api/loans/1
up lws && caphead $S head-lws-404-static.txt 404 proxy local-web-server "curl -sI on a path lws serves itself: its 404" "" -- $RLW $LW/v2/loans
up lws && caphead $S head-lws-500-legacy.txt 500 proxy local-web-server "curl -sI on the dead /legacy/ upstream: Koa's 500 inside lws" "" -- $RLW $LW/legacy/loans/1
up asgi && caphead $S head-asgi-502-legacy.txt 502 proxy asgiproxy "curl -sI on the dead /legacy/ upstream: the gateway's 502" "" -- $RAS $AS/legacy/loans/1
up asgi && caphead $S head-srvx-200-loan-asgi.txt 200 app srvx "curl -sI on loan 1 through the gateway" "" -- $RAS $AS/api/loans/1
# (a HEAD on the slow handler was first labelled WebOb's 504 here: Panther refuses HEAD before the handler
# sleeps, so the first run saw Panther's 405 and refused the corpus; the dead upstream is asked instead)
up wsgi && caphead $S head-wsgi-502-legacy.txt 502 proxy wsgiproxy2 "curl -sI on the dead /legacy/ upstream: WebOb's 502" "" -- $RWS $WS/legacy/loans/1
up wsgi && caphead $S head-panther-405-loan-wsgi.txt 405 app panther "curl -sI on loan 1 through the WSGI front: Panther's 405 for HEAD" "" -- $RWS $WS/api/loans/1
up rack && caphead $S head-rack-504-slow-empty.txt 504 proxy rack-proxy "curl -sI on the slow handler: the front's empty 504" "" -- $RRK $RK/api/slow


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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round64/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
