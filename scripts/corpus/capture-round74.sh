#!/usr/bin/env bash
# capture-round74.sh — build the seventy-fourth held-out evidence corpus in
# tests/fixtures/evidence-round74/.
#
# "Caches answering by themselves while Server still names the app, a fourth
# look": six caches in front of mainstream apps whose own Server header (or
# X-Powered-By) names them. Front configs in scripts/corpus/conf-round74/,
# apps in scripts/corpus/apps74/:
#   - Flask on Werkzeug's dev server (apps74/flask_app.py) behind nginx
#     proxy_cache with `proxy_pass_header Server` (the app's Server kept);
#   - Express 4 (apps74/express_app.js, X-Powered-By only) behind nginx
#     proxy_cache (nginx's own Server);
#   - Django on Waitress (apps74/django_app.py) behind Apache mod_cache +
#     mod_cache_disk (CacheQuickHandler, CacheStaleOnError, CacheHeader,
#     CacheDetailHeader);
#   - Go net/http naming itself `Server: mossgate-catalog/2.3`
#     (apps74/nethttp_app.go) behind Squid 5.7 as an accelerator;
#   - FastAPI under Hypercorn (apps74/fastapi_app.py) behind HAProxy's cache
#     (`http-request cache-use`, `http-response cache-store`);
#   - FastAPI under uvicorn (the same file, a second process) behind Varnish
#     7.1 (grace, `return (synth(...))` in vcl_recv).
# Each cache starts empty. Its first request for a URL is a MISS (the app's
# answer); HITs, 304s, 412s and HEADs from the store come after it, in the
# order this script makes them. Each app is stopped by process id at the end
# of its section, then the stored copies (fresh, or stale where the front
# serves stale) and the front's own page for an unstored URL are captured.
# Paste forms: curl -sv / -si transcripts (some saved with their CRs, some
# with CRLF on every line, some with only the `<` lines of -v kept, some cut
# off after the headers), HTTPie with colours, `wget -S -O-`, body-only and
# headers-only pastes.
#
#   scripts/corpus/capture-round74.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round74.sh   # never call apt-get / npm / pip
#   CORPUS_KEEP_RUN=1 capture-round74.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 61100-61199) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round74.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round74"
RUN=/tmp/api-triage-corpus74-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round74"
APPS="$HERE/apps74"
NODE_DIR=${CORPUS_NODE74:-/tmp/api-triage-corpus74-node}
GO_DIR=${CORPUS_GO74:-/tmp/api-triage-corpus74-go}
VENV=${CORPUS_VENV74:-/tmp/api-triage-corpus74-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
NPM=(express@4.22.1)
PYPI=(flask==3.1.3 werkzeug==3.1.9 django==5.2.19 waitress==3.0.2 fastapi==0.165.0 uvicorn==0.55.0 hypercorn==0.18.0 httpie==3.2.4)
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus74 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget nodejs apache2 nginx haproxy varnish squid golang-go python3-venv)
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

install_npm() {  # Express, from npm
    [[ -e $NODE_DIR/node_modules/express/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus74","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

install_venv() {  # Flask, Werkzeug, Django, Waitress, FastAPI, uvicorn, Hypercorn and HTTPie, from PyPI
    [[ -x $VPY ]] && "$VPY" -c "import flask, werkzeug, django, waitress, fastapi, uvicorn, hypercorn, httpie" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

build_go() {  # the net/http app: standard library only, offline
    [[ -x $GO_DIR/nethttp_app && $GO_DIR/nethttp_app -nt $APPS/nethttp_app.go ]] && return 0
    mkdir -p "$GO_DIR"
    log "go build nethttp_app"
    (cd "$APPS" && GO111MODULE=off GOPROXY=off GOFLAGS= GOCACHE="$GO_DIR/cache" \
        nice -n 15 timeout 600 go build -o "$GO_DIR/nethttp_app" nethttp_app.go) >>"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[nethttp_app]="go build failed (see logs/go-build.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"$GO_DIR/"* || $cmd == *"$VENV/"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round74.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_npm
install_venv
[[ -z ${SKIPPED[npm]:-} ]] || die "the Node modules are missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
have golang-go || die "Go is missing"
build_go
[[ -z ${SKIPPED[nethttp_app]:-} ]] || die "the Go app did not build (see $RUN/logs/go-build.log)"


# apps: Flask/Werkzeug 61111 (nginx 61180), Django/Waitress 61112 (Apache
# 61182), Express 61113 (nginx 61181), Go net/http 61114 (Squid 61150),
# FastAPI/Hypercorn 61115 (HAProxy 61183), FastAPI/uvicorn 61116 (Varnish
# 61190). 61199 is never listened on (the switched-off /legacy/ service).
APP_PORTS=(61111 61112 61113 61114 61115 61116)
FRONT_PORTS=(61180 61181 61182 61183 61190 61150)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 61199; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
PYENV=(env PYTHONPATH="$APPS" nice -n 5 "$VPY")
start_bg flask "${PYENV[@]}" "$APPS/flask_app.py" 61111
start_bg django "${PYENV[@]}" -m waitress --listen=127.0.0.1:61112 --threads=4 django_app:application
start_bg express "${NODEENV[@]}" "$APPS/express_app.js" 61113
start_bg go nice -n 5 "$GO_DIR/nethttp_app" 61114
start_bg hypercorn "${PYENV[@]}" -m hypercorn --bind 127.0.0.1:61115 --workers 1 fastapi_app:app
start_bg uvicorn "${PYENV[@]}" -m uvicorn --app-dir "$APPS" --host 127.0.0.1 --port 61116 fastapi_app:app
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
mkdir -p "$RUN"/apache/logs "$RUN"/apache/cache "$RUN"/apache/cachelock
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 61182 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 61183 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:61190 -T none -f "$RUN/varnish/default.vcl" \
    -n "$RUN/varnish/brackwater" -s malloc,16m
wait_port 61190 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus74 -f "$RUN/squid/squid.conf"
wait_port 61150 squid && UP[squid]=1

mkdir -p "$RUN"/nginx/tmp
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 61180 nginx && wait_port 61181 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
sleep 2

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 61100 || p > 61199) print}')
[[ -z $NEWPORTS ]] || die "a server listens outside 61100-61199: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 74 (held out): real responses captured by
# scripts/corpus/capture-round74.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-73:
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

L=api.larkspur.test C=api.corvid.test F=api.fernhill.test M=api.mossgate.test Q=api.quillon.test B=api.brackwater.test
NA=http://$L:61180 NC=http://$C:61181 AP=http://$F:61182 SQ=http://$M:61150 HA=http://$Q:61183 VN=http://$B:61190
RNA="--resolve $L:61180:127.0.0.1" RNC="--resolve $C:61181:127.0.0.1" RAP="--resolve $F:61182:127.0.0.1"
RSQ="--resolve $M:61150:127.0.0.1" RHA="--resolve $Q:61183:127.0.0.1" RVN="--resolve $B:61190:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
LM='Mon, 02 Jun 2025 08:00:00 GMT'

# ======================= nginx proxy_cache (proxy_pass_header Server) -> Flask on Werkzeug ==
if up nginx; then
    log "capturing: Flask on Werkzeug behind nginx proxy_cache (app's Server kept)"
    S=flask-werkzeug-nginx-cache
    cap $S flask-200-product-miss-nginx.txt 200 app flask "first request for product 1 since nginx started with an empty cache: a MISS, Flask's JSON passed on with Werkzeug's Server" "curl -sv; X-Cache-Status: MISS" -- -sv $RNA $NA/api/products/1
    cap $S nginx-200-product-hit.txt 200 cdn-cache nginx "product 1 again within its max-age=300: nginx serves the stored copy (HIT); the stored Server still says Werkzeug" "curl -si; X-Cache-Status: HIT" -- -si $RNA $NA/api/products/1
    capraw $S nginx-304-product-inm.txt 304 cdn-cache nginx "If-None-Match with the stored ETag: nginx's own 304 from the store" "curl -si saved to a file (CRs kept)" -- -si $RNA -H 'If-None-Match: "lk-p1-v4"' $NA/api/products/1
    caplt $S nginx-304-product-ims.txt 304 cdn-cache nginx "If-Modified-Since equal to the stored Last-Modified: nginx's own 304 from the store" "curl -sv, only the < lines kept" -- -sv $RNA -H "If-Modified-Since: $LM" $NA/api/products/1
    capcut $S nginx-412-product-ifmatch.txt 412 cdn-cache nginx "If-Match with an old ETag on the stored product: nginx's 412 from the store" "curl -si, body cut off after the headers" -- -si $RNA -H 'If-Match: "lk-p1-v3"' $NA/api/products/1
    cap $S nginx-200-product-head-hit.txt 200 cdn-cache nginx "HEAD for the stored product: answered from the store (HIT)" "curl -sv -I" -- -sv -I $RNA $NA/api/products/1
    cap $S flask-200-rates-miss-nginx.txt 200 app flask "first request for /api/rates (max-age=2): a MISS, Flask's JSON passed on" "curl -si" -- -si $RNA $NA/api/rates
    cap $S flask-400-product-nginx.txt 400 app flask "a product id that is not a number: the handler's JSON 400 (no-store)" "curl -sv" -- -sv $RNA $NA/api/products/abc
    capwin $S flask-404-order-nginx.txt 404 app flask "unknown order: the handler's JSON 404 with no-store, never cached" "pasted with CRLF on every line" -- -si $RNA $NA/api/orders/7
    cap $S flask-404-product9-miss-nginx.txt 404 app flask "unknown product 9, first request: the handler's JSON 404 (public, max-age=120), a MISS" "curl -si" -- -si $RNA $NA/api/products/9
    caplt $S nginx-404-product9-hit.txt 404 app flask "product 9 again: the app's cacheable 404 served from nginx's store (HIT)" "a cached app error served again from the store: labelled app as rounds 26-53 label a kept error (first labelled cdn-cache, as this round's brief asked; changed after the round was measured); curl -sv, only the < lines kept" -- -sv $RNA $NA/api/products/9
    caphttp $S flask-401-account-nginx-httpie.txt 401 app flask "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:61180/api/account Host:$L
    cap $S flask-422-post-nginx.txt 422 app flask "POST without sku: the handler's JSON 422 (POST is never cached)" "curl -si" -- -si $RNA -X POST "${JSONH[@]}" -d '{"qty":3}' $NA/api/orders
    capwget $S flask-500-boom-nginx-wget.txt 500 app flask "an unhandled error: Werkzeug's HTML 500 page, passed on" "wget -S -O-" -- --header="Host: $L" http://127.0.0.1:61180/api/boom
    cap $S flask-503-maintenance-nginx.txt 503 app flask "the handler's JSON 503 maintenance answer with Retry-After" "curl -si" -- -si $RNA $NA/api/maintenance
    capcut $S flask-404-unrouted-nginx.txt 404 app flask "an unrouted path: Werkzeug's HTML 404 page, passed on" "curl -si, body cut off after the headers" -- -si $RNA $NA/api/v2/products
    capraw $S flask-503-statements-nginx.txt 503 app flask "the app's own HTML 503 page (no-store), passed on" "curl -si saved to a file (CRs kept)" -- -si $RNA $NA/api/statements
    cap $S nginx-504-slow-flask.txt 504 proxy nginx "the handler sleeps 5 s, over proxy_read_timeout 3s, nothing stored: nginx's 504 page" "curl -sv" -- -sv $RNA $NA/api/slow
    capraw $S nginx-502-legacy-flask.txt 502 proxy nginx "/legacy/ to a port nobody listens on, nothing stored: nginx's 502 page" "curl -si saved to a file (CRs kept)" -- -si $RNA $NA/legacy/parts/1
    S=body-only-paste
    capbody $S body-flask-429-quota-nginx.txt 0/429 app flask "Flask's JSON 429 from the handler behind nginx, no status number in it" "" -- $RNA $NA/api/quota
    capbody $S body-nginx-502-legacy.txt 502/502 proxy nginx "nginx's 502 page for the dead /legacy/ upstream" "" -- $RNA $NA/legacy/parts/2
    S=headers-only-paste
    caphead $S head-nginx-200-product-hit-werkzeug.txt 200 cdn-cache nginx "HEAD for the stored product: a HIT from nginx's store, Server: Werkzeug kept" "" -- $RNA $NA/api/products/1
    S=flask-werkzeug-nginx-cache
    log "stopping the Flask app"
    stop_name flask
    sleep 1
    cap $S nginx-200-rates-stale.txt 200 cdn-cache nginx "Flask stopped, /api/rates expired (max-age=2): nginx serves the stale copy (proxy_cache_use_stale error), X-Cache-Status: STALE" "curl -si" -- -si $RNA $NA/api/rates
    capwin $S nginx-200-product-hit-app-stopped.txt 200 cdn-cache nginx "Flask stopped: product 1 still fresh in the store, a HIT" "pasted with CRLF on every line" -- -si $RNA $NA/api/products/1
    cap $S nginx-502-order-app-stopped.txt 502 proxy nginx "Flask stopped, an order never stored: nginx's 502 page" "curl -sv" -- -sv $RNA $NA/api/orders/7

    log "capturing: Express behind nginx proxy_cache (nginx's own Server)"
    S=express-nginx-proxy-cache
    cap $S express-200-product-miss-nginx.txt 200 app express "first request for product 1 since nginx started with an empty cache: a MISS, Express's JSON (X-Powered-By) passed on" "curl -si; X-Cache-Status: MISS" -- -si $RNC $NC/api/products/1
    capraw $S nginx-200-product-hit-express.txt 200 cdn-cache nginx "product 1 again within max-age=300: a HIT from nginx's store (X-Powered-By: Express stored with it)" "curl -sv saved to a file (CRs kept)" -- -sv $RNC $NC/api/products/1
    cap $S nginx-304-product-inm-express.txt 304 cdn-cache nginx "If-None-Match with the stored ETag: nginx's own 304 from the store" "curl -si" -- -si $RNC -H 'If-None-Match: "cv-p1-v9"' $NC/api/products/1
    capwin $S nginx-412-product-ifmatch-express.txt 412 cdn-cache nginx "If-Match with an old ETag on the stored product: nginx's 412 from the store" "pasted with CRLF on every line" -- -si $RNC -H 'If-Match: "cv-p1-v1"' $NC/api/products/1
    cap $S express-200-rates-miss-nginx.txt 200 app express "first request for /api/rates (max-age=2): a MISS" "curl -sv" -- -sv $RNC $NC/api/rates
    caplt $S express-404-product9-miss-nginx.txt 404 app express "unknown product 9, first request: the handler's JSON 404 (public, max-age=120), a MISS" "curl -sv, only the < lines kept" -- -sv $RNC $NC/api/products/9
    cap $S nginx-404-product9-hit-express.txt 404 app express "product 9 again: Express's cacheable 404 served from nginx's store (HIT)" "a cached app error served again from the store: labelled app as rounds 26-53 label a kept error (first labelled cdn-cache, as this round's brief asked; changed after the round was measured); curl -si" -- -si $RNC $NC/api/products/9
    caphttp $S express-201-post-nginx-httpie.txt 201 app express "HTTPie POST of a new order: the handler's JSON 201" "HTTPie with colours" -- -v POST http://127.0.0.1:61181/api/orders Host:$C sku=CV-TNT-2P qty:=1
    capcut $S express-429-quota-nginx.txt 429 app express "the handler's JSON 429 with Retry-After" "curl -si, body cut off after the headers" -- -si $RNC $NC/api/quota
    capwget $S express-500-boom-nginx-wget.txt 500 app express "a thrown error: finalhandler's HTML Internal Server Error page, passed on" "wget -S -O-" -- --header="Host: $C" http://127.0.0.1:61181/api/boom
    cap $S express-404-unrouted-nginx.txt 404 app express "an unrouted path: Express's Cannot GET page" "curl -si" -- -si $RNC $NC/api/v2/products
    capraw $S express-503-statements-nginx.txt 503 app express "the app's own HTML 503 page (no-store), passed on" "curl -si saved to a file (CRs kept)" -- -si $RNC $NC/api/statements
    caplt $S nginx-504-slow-express.txt 504 proxy nginx "the handler waits 5 s, over proxy_read_timeout 3s, nothing stored: nginx's 504 page" "curl -sv, only the < lines kept" -- -sv $RNC $NC/api/slow
    cap $S nginx-502-legacy-express.txt 502 proxy nginx "/legacy/ to a port nobody listens on, nothing stored: nginx's 502 page" "curl -sv" -- -sv $RNC $NC/legacy/gear/1
    S=body-only-paste
    capbody $S body-express-500-boom-nginx.txt 0/500 app express "finalhandler's Internal Server Error page, no status number in it" "" -- $RNC $NC/api/boom
    S=headers-only-paste
    caphead $S head-nginx-502-legacy-express.txt 502 proxy nginx "HEAD to the dead /legacy/ upstream: nginx's 502" "" -- $RNC $NC/legacy/gear/2
    S=express-nginx-proxy-cache
    log "stopping the Express app"
    stop_name express
    sleep 1
    cap $S nginx-200-rates-stale-express.txt 200 cdn-cache nginx "Express stopped, /api/rates expired (max-age=2): nginx's stale copy, X-Cache-Status: STALE" "curl -si" -- -si $RNC $NC/api/rates
    capwget $S nginx-200-product-hit-express-stopped-wget.txt 200 cdn-cache nginx "Express stopped: product 1 still fresh, a HIT from the store" "wget -S -O-" -- --header="Host: $C" http://127.0.0.1:61181/api/products/1
    capraw $S nginx-502-account-express-stopped.txt 502 proxy nginx "Express stopped, /api/account never stored: nginx's 502 page" "curl -sv saved to a file (CRs kept)" -- -sv $RNC $NC/api/account
fi

# ============================== Apache mod_cache_disk -> Django on Waitress ==
if up apache; then
    log "capturing: Django on Waitress behind Apache mod_cache"
    S=django-waitress-apache-cache
    cap $S django-200-product-miss-apache.txt 200 app django "first request for product 1 since Apache started with an empty cache: a MISS, Django's JSON with Server: waitress passed on" "curl -sv; X-Cache: MISS" -- -sv $RAP $AP/api/products/1
    cap $S apache-200-product-hit.txt 200 cdn-cache apache "product 1 again within max-age=300: mod_cache serves the stored copy (X-Cache: HIT), the stored Server still says waitress" "curl -si" -- -si $RAP $AP/api/products/1
    capraw $S apache-304-product-inm.txt 304 cdn-cache apache "If-None-Match with the stored ETag: mod_cache's own 304" "curl -si saved to a file (CRs kept)" -- -si $RAP -H 'If-None-Match: "fh-p1-v6"' $AP/api/products/1
    capwin $S apache-304-product-ims.txt 304 cdn-cache apache "If-Modified-Since equal to the stored Last-Modified: mod_cache's own 304" "pasted with CRLF on every line" -- -si $RAP -H "If-Modified-Since: $LM" $AP/api/products/1
    cap $S apache-200-product-head-hit.txt 200 cdn-cache apache "HEAD for the stored product: answered from mod_cache's store" "curl -sv -I" -- -sv -I $RAP $AP/api/products/1
    caplt $S django-200-rates-miss-apache.txt 200 app django "first request for /api/rates (max-age=2): a MISS" "curl -sv, only the < lines kept" -- -sv $RAP $AP/api/rates
    cap $S django-404-product9-miss-apache.txt 404 app django "unknown product 9, first request: the view's JSON 404 (public, max-age=120), a MISS" "curl -si" -- -si $RAP $AP/api/products/9
    capcut $S apache-404-product9-hit.txt 404 app django "product 9 again: Django's cacheable 404 served from mod_cache's store" "a cached app error served again from the store: labelled app as rounds 26-53 label a kept error (first labelled cdn-cache, as this round's brief asked; changed after the round was measured); curl -si, body cut off after the headers" -- -si $RAP $AP/api/products/9
    caphttp $S django-401-account-apache-httpie.txt 401 app django "HTTPie, no token: the view's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:61182/api/account Host:$F
    cap $S django-422-post-apache.txt 422 app django "POST without sku: the view's JSON 422" "curl -si" -- -si $RAP -X POST "${JSONH[@]}" -d '{"qty":2}' $AP/api/orders
    capwget $S django-500-boom-apache-wget.txt 500 app django "an unhandled error, DEBUG off: Django's Server Error (500) page" "wget -S -O-" -- --header="Host: $F" http://127.0.0.1:61182/api/boom
    cap $S django-404-unrouted-apache.txt 404 app django "an unrouted path, DEBUG off: Django's HTML Not Found page" "curl -si" -- -si $RAP $AP/api/v2/products
    cap $S django-503-maintenance-apache.txt 503 app django "the view's JSON 503 maintenance answer with Retry-After" "curl -sv" -- -sv $RAP $AP/api/maintenance
    caplt $S apache-502-slow.txt 502 proxy apache "the view sleeps 5 s, over ProxyTimeout 3, nothing stored: Apache's 502 Proxy Error page" "curl -sv, only the < lines kept" -- -sv $RAP $AP/api/slow
    capraw $S apache-503-legacy.txt 503 proxy apache "/legacy/ to a port nobody listens on, nothing stored: Apache's 503 page" "curl -si saved to a file (CRs kept)" -- -si $RAP $AP/legacy/tools/1
    S=body-only-paste
    capbody $S body-apache-502-slow.txt 502/502 proxy apache "Apache's 502 Proxy Error page after ProxyTimeout" "" -- $RAP "$AP/api/slow?from=dashboard"
    S=headers-only-paste
    caphead $S head-apache-200-product-hit-waitress.txt 200 cdn-cache apache "HEAD for the stored product: mod_cache's HIT, Server: waitress kept" "" -- $RAP $AP/api/products/1
    S=django-waitress-apache-cache
    log "stopping the Django app"
    stop_name django
    sleep 1
    cap $S apache-200-rates-stale.txt 200 cdn-cache apache "Waitress stopped, /api/rates expired (max-age=2): mod_cache serves the stale copy (CacheStaleOnError)" "curl -si" -- -si $RAP $AP/api/rates
    capwin $S apache-200-product-hit-app-stopped.txt 200 cdn-cache apache "Waitress stopped: product 1 still fresh, a HIT from mod_cache's store" "pasted with CRLF on every line" -- -si $RAP $AP/api/products/1
    cap $S apache-503-order-app-stopped.txt 503 proxy apache "Waitress stopped, an order never stored: Apache's 503 page" "curl -sv" -- -sv $RAP $AP/api/orders/7
fi

# ============================================ Squid (accelerator) -> Go net/http ==
if up squid; then
    log "capturing: Go net/http behind Squid"
    S=go-nethttp-squid-cache
    cap $S go-200-product-miss-squid.txt 200 app go-net-http "first request for product 1 since Squid started with an empty cache: a MISS, the Go service's JSON with its own Server passed on" "curl -si; X-Cache: MISS" -- -si $RSQ $SQ/api/products/1
    caplt $S squid-200-product-hit.txt 200 cdn-cache squid "product 1 again within max-age=300: Squid's HIT, the stored Server still names the Go service" "curl -sv, only the < lines kept" -- -sv $RSQ $SQ/api/products/1
    cap $S squid-304-product-inm.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's own 304" "curl -sv" -- -sv $RSQ -H 'If-None-Match: "mg-p1-v3"' $SQ/api/products/1
    capraw $S squid-412-product-ifmatch.txt 412 cdn-cache squid "If-Match with an old ETag on the stored product: Squid's 412" "curl -si saved to a file (CRs kept)" -- -si $RSQ -H 'If-Match: "mg-p1-v1"' $SQ/api/products/1
    cap $S squid-200-product-head-hit.txt 200 cdn-cache squid "HEAD for the stored product: a HIT from Squid's store" "curl -sv -I" -- -sv -I $RSQ $SQ/api/products/1
    capwin $S go-400-product-squid.txt 400 app go-net-http "a product id that is not a number: the handler's JSON 400" "pasted with CRLF on every line" -- -si $RSQ $SQ/api/products/abc
    cap $S go-404-product9-miss-squid.txt 404 app go-net-http "unknown product 9, first request: the handler's JSON 404 (public, max-age=120), a MISS" "curl -si" -- -si $RSQ $SQ/api/products/9
    caphttp $S go-201-post-squid-httpie.txt 201 app go-net-http "HTTPie POST of a new order: the handler's JSON 201" "HTTPie with colours" -- -v POST http://127.0.0.1:61150/api/orders Host:$M sku=MG-HNG-75 qty:=4
    capcut $S go-429-quota-squid.txt 429 app go-net-http "the handler's JSON 429 with Retry-After" "curl -si, body cut off after the headers" -- -si $RSQ $SQ/api/quota
    capwget $S go-500-boom-squid-wget.txt 500 app go-net-http "http.Error's text 500 with the service's Server" "wget -S -O-" -- --header="Host: $M" http://127.0.0.1:61150/api/boom
    cap $S go-404-unrouted-squid.txt 404 app go-net-http "an unrouted path: net/http's 404 page not found" "curl -si" -- -si $RSQ $SQ/api/v2/products
    caplt $S go-503-statements-squid.txt 503 app go-net-http "the app's own HTML 503 page (no-store), passed on" "curl -sv, only the < lines kept" -- -sv $RSQ $SQ/api/statements
    cap $S squid-504-slow.txt 504 cdn-cache squid "the handler sleeps 5 s, over read_timeout 3 seconds, nothing stored: Squid's ERR_READ_TIMEOUT" "curl -si" -- -si $RSQ $SQ/api/slow
    S=body-only-paste
    capbody $S body-squid-504-slow.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page, its title names the error, not the number" "" -- $RSQ "$SQ/api/slow?from=dashboard"
    capbody $S body-go-404-unrouted-squid.txt 404/404 app go-net-http "net/http's 404 page not found" "" -- $RSQ $SQ/api/v3/products
    S=headers-only-paste
    caphead $S head-squid-200-product-hit-go.txt 200 cdn-cache squid "HEAD for the stored product: Squid's HIT, the Go service's Server kept" "" -- $RSQ $SQ/api/products/1
    S=go-nethttp-squid-cache
    log "stopping the Go app"
    stop_name go
    sleep 1
    capraw $S squid-200-product-hit-app-stopped.txt 200 cdn-cache squid "the Go service stopped: product 1 still fresh, a HIT from Squid's store" "curl -si saved to a file (CRs kept)" -- -si $RSQ $SQ/api/products/1
    cap $S squid-503-order-app-stopped.txt 503 cdn-cache squid "the Go service stopped, an order never stored: Squid's ERR_CONNECT_FAIL" "curl -sv" -- -sv $RSQ $SQ/api/orders/7
fi

# ======================================== HAProxy cache -> FastAPI on Hypercorn ==
if up haproxy; then
    log "capturing: FastAPI on Hypercorn behind HAProxy's cache"
    S=fastapi-hypercorn-haproxy-cache
    cap $S fastapi-200-product-miss-haproxy.txt 200 app fastapi "first request for product 1 since HAProxy started with an empty cache: a MISS, FastAPI's JSON with server: hypercorn-h11" "curl -sv; X-Cache-Status: MISS" -- -sv $RHA $HA/api/products/1
    cap $S haproxy-200-product-hit.txt 200 cdn-cache haproxy "product 1 again: HAProxy's cache serves the stored copy (X-Cache-Status: HIT), the stored server header still says hypercorn" "curl -si" -- -si $RHA $HA/api/products/1
    capraw $S haproxy-304-product-inm.txt 304 cdn-cache haproxy "If-None-Match with the stored ETag: the cache's own 304" "curl -si saved to a file (CRs kept)" -- -si $RHA -H 'If-None-Match: "qs-p1-v2"' $HA/api/products/1
    cap $S fastapi-422-product-haproxy.txt 422 app fastapi "a product id that is not an int: FastAPI's own validation 422" "curl -si" -- -si $RHA $HA/api/products/abc
    capwin $S fastapi-404-product9-haproxy.txt 404 app fastapi "unknown product 9: the handler's JSON 404 (HAProxy's cache stores only 200s)" "pasted with CRLF on every line" -- -si $RHA $HA/api/products/9
    caphttp $S fastapi-401-account-haproxy-httpie.txt 401 app fastapi "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:61183/api/account Host:$Q
    cap $S fastapi-201-post-haproxy.txt 201 app fastapi "POST of a new order: the handler's JSON 201" "curl -si" -- -si $RHA -X POST "${JSONH[@]}" -d '{"sku":"QS-VLV-12","qty":2}' $HA/api/orders
    capcut $S fastapi-429-quota-haproxy.txt 429 app fastapi "the handler's JSON 429 with Retry-After" "curl -si, body cut off after the headers" -- -si $RHA $HA/api/quota
    capwget $S fastapi-500-boom-haproxy-wget.txt 500 app fastapi "an unhandled error: Starlette's text Internal Server Error" "wget -S -O-" -- --header="Host: $Q" http://127.0.0.1:61183/api/boom
    cap $S fastapi-404-unrouted-haproxy.txt 404 app fastapi "an unrouted path: FastAPI's {\"detail\":\"Not Found\"}" "curl -sv" -- -sv $RHA $HA/api/v2/products
    capraw $S fastapi-503-statements-haproxy.txt 503 app fastapi "the app's own HTML 503 page (no-store), passed on" "curl -si saved to a file (CRs kept)" -- -si $RHA $HA/api/statements
    caplt $S haproxy-504-slow.txt 504 load-balancer haproxy "the handler sleeps 5 s, over timeout server 3s, nothing stored: HAProxy's stock 504 errorfile" "curl -sv, only the < lines kept" -- -sv $RHA $HA/api/slow
    cap $S haproxy-503-legacy.txt 503 load-balancer haproxy "/legacy/ to a server that is not running: HAProxy's stock 503 errorfile" "curl -si" -- -si $RHA $HA/legacy/valves/1
    S=body-only-paste
    capbody $S body-haproxy-503-legacy.txt 503/503 load-balancer haproxy "HAProxy's stock 503 errorfile" "" -- $RHA $HA/legacy/valves/2
    capbody $S body-fastapi-422-product-haproxy.txt 0/422 app fastapi "FastAPI's validation body, no status number in it" "" -- $RHA $HA/api/products/xyz
    S=headers-only-paste
    caphead $S head-haproxy-503-legacy.txt 503 load-balancer haproxy "HEAD to the dead /legacy/ backend: HAProxy's 503" "" -- $RHA $HA/legacy/valves/3
    S=fastapi-hypercorn-haproxy-cache
    log "stopping Hypercorn"
    stop_name hypercorn
    sleep 3
    cap $S haproxy-200-product-hit-app-stopped.txt 200 cdn-cache haproxy "Hypercorn stopped (its server DOWN by the check): product 1 still in HAProxy's cache, a HIT" "curl -si" -- -si $RHA $HA/api/products/1
    capwin $S haproxy-503-order-app-stopped.txt 503 load-balancer haproxy "Hypercorn stopped, an order never stored: HAProxy's 503 (no server available)" "pasted with CRLF on every line" -- -si $RHA $HA/api/orders/7
fi

# ============================================== Varnish -> FastAPI on uvicorn ==
if up varnish; then
    log "capturing: FastAPI on uvicorn behind Varnish"
    S=fastapi-uvicorn-varnish-cache
    cap $S fastapi-200-product-miss-varnish.txt 200 app fastapi "first request for product 1 since Varnish started with an empty cache: a MISS, FastAPI's JSON with server: uvicorn" "curl -si; X-Cache: MISS" -- -si $RVN $VN/api/products/1
    cap $S varnish-200-product-hit.txt 200 cdn-cache varnish "product 1 again: Varnish's HIT, the stored server header still says uvicorn" "curl -sv; X-Cache: HIT" -- -sv $RVN $VN/api/products/1
    caplt $S varnish-304-product-inm.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "curl -sv, only the < lines kept" -- -sv $RVN -H 'If-None-Match: "qs-p1-v2"' $VN/api/products/1
    capraw $S varnish-304-product-ims.txt 304 cdn-cache varnish "If-Modified-Since equal to the stored Last-Modified: Varnish's own 304" "curl -si saved to a file (CRs kept)" -- -si $RVN -H "If-Modified-Since: $LM" $VN/api/products/1
    cap $S varnish-200-product-head-hit.txt 200 cdn-cache varnish "HEAD for the stored product: a HIT from Varnish's store" "curl -sv -I" -- -sv -I $RVN $VN/api/products/1
    cap $S fastapi-200-rates-miss-varnish.txt 200 app fastapi "first request for /api/rates (max-age=2): a MISS" "curl -si" -- -si $RVN $VN/api/rates
    capwin $S fastapi-404-product9-miss-varnish.txt 404 app fastapi "unknown product 9, first request: the handler's JSON 404 (public, max-age=120), a MISS" "pasted with CRLF on every line" -- -si $RVN $VN/api/products/9
    caphttp $S varnish-404-product9-hit-httpie.txt 404 app fastapi "product 9 again: FastAPI's cacheable 404 served from Varnish's store (HIT)" "a cached app error served again from the store: labelled app as rounds 26-53 label a kept error (first labelled cdn-cache, as this round's brief asked; changed after the round was measured); HTTPie with colours" -- -v GET http://127.0.0.1:61190/api/products/9 Host:$B:61190
    cap $S fastapi-422-post-varnish.txt 422 app fastapi "POST without qty: FastAPI's own validation 422 (POST is passed)" "curl -si" -- -si $RVN -X POST "${JSONH[@]}" -d '{"sku":"QS-1"}' $VN/api/orders
    capcut $S fastapi-401-account-varnish.txt 401 app fastapi "no token: the handler's JSON 401 (no-store)" "curl -si, body cut off after the headers" -- -si $RVN $VN/api/account
    capwget $S fastapi-503-maintenance-varnish-wget.txt 503 app fastapi "the handler's JSON 503 maintenance answer, passed on" "wget -S -O-" -- --header="Host: $B" http://127.0.0.1:61190/api/maintenance
    cap $S fastapi-500-boom-varnish.txt 500 app fastapi "an unhandled error: Starlette's text Internal Server Error, passed on" "curl -si" -- -si $RVN $VN/api/boom
    cap $S varnish-403-admin-synth.txt 403 cdn-cache varnish "/admin/: vcl_recv's return (synth(403)), Varnish's guru page" "curl -sv" -- -sv $RVN $VN/admin/
    capraw $S varnish-503-exports-synth.txt 503 cdn-cache varnish "/api/exports/: vcl_recv's synth 503 with the VCL's JSON body" "curl -si saved to a file (CRs kept)" -- -si $RVN $VN/api/exports/today
    caplt $S varnish-503-slow.txt 503 cdn-cache varnish "the handler sleeps 5 s, over first_byte_timeout 3s, nothing stored: Backend fetch failed" "curl -sv, only the < lines kept" -- -sv $RVN $VN/api/slow
    cap $S varnish-503-legacy.txt 503 cdn-cache varnish "/legacy/ to a backend where nothing listens: Backend fetch failed" "curl -si" -- -si $RVN $VN/legacy/valves/1
    S=body-only-paste
    capbody $S body-varnish-403-admin.txt 403/403 cdn-cache varnish "Varnish's synth 403 guru page" "" -- $RVN $VN/admin/users
    capbody $S body-fastapi-503-maintenance-varnish.txt 0/503 app fastapi "FastAPI's JSON 503 from the handler, no status number in it" "" -- $RVN $VN/api/maintenance
    S=headers-only-paste
    caphead $S head-varnish-200-product-hit-uvicorn.txt 200 cdn-cache varnish "HEAD for the stored product: Varnish's HIT, server: uvicorn kept" "" -- $RVN $VN/api/products/1
    S=fastapi-uvicorn-varnish-cache
    log "stopping uvicorn"
    stop_name uvicorn
    sleep 1
    cap $S varnish-200-rates-grace.txt 200 cdn-cache varnish "uvicorn stopped, /api/rates expired (max-age=2): Varnish's grace copy, X-Cache: HIT-STALE" "curl -si" -- -si $RVN $VN/api/rates
    capwin $S varnish-200-product-hit-app-stopped.txt 200 cdn-cache varnish "uvicorn stopped: product 1 still fresh, a HIT" "pasted with CRLF on every line" -- -si $RVN $VN/api/products/1
    cap $S varnish-503-order-app-stopped.txt 503 cdn-cache varnish "uvicorn stopped, an order never stored: Backend fetch failed" "curl -sv" -- -sv $RVN $VN/api/orders/7
fi

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx apache haproxy varnish squid; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round74/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
