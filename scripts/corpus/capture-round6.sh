#!/usr/bin/env bash
# capture-round6.sh — build the sixth held-out evidence corpus in
# tests/fixtures/evidence-round6/ (issue 15: "measured as generalization",
# fourth cycle).
#
# Writers no earlier round (capture.sh, capture-round2.sh ... capture-round5.sh)
# used: Go routers from Debian's packaged sources (Gin, Echo, chi), Python
# (Hug on Falcon under waitress, Flask-Smorest under Werkzeug's server,
# Morepath under wsgiref, an aiohttp reverse proxy), Node (NestJS, json-server,
# moleculer-web, @fastify/http-proxy). Layers no round since the first had: a
# WAF (ModSecurity 2 with the OWASP Core Rule Set in Apache) and identity
# layers (mod_auth_openidc as an OAuth 2.0 resource server, nginx
# auth_request and Caddy forward_auth to a token service). Proxies and caches
# in configurations no round used: nginx and HAProxy and Varnish that name
# themselves nowhere, lighttpd and h2o with JSON error files, Traffic Server
# answering from its cache. Body-only and headers-only pastes, HTTPie with
# colours, transcripts saved with their CRs or pasted with CRLF, HTTP/2.
#
#   scripts/corpus/capture-round6.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round6.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round6.sh       # keep configs + logs in the runtime dir
#
# Rules as in rounds 1-5: every server binds 127.0.0.1 (ports 24000-24999)
# and the script stops if a new socket listens anywhere else; every curl runs
# under `timeout`; every loop is bounded; every server it started is stopped
# on exit. Debian packages come from apt (with a policy-rc.d so nothing
# starts on its default port), Python packages from PyPI into venvs
# ($CORPUS_VENV, $CORPUS_HUG), Node packages from npm ($CORPUS_NODE), all
# pinned below. The Go apps are built offline in GOPATH mode from Debian's
# /usr/share/gocode. Labels are written by finish_round6.py, which refuses
# (and this script then leaves the fixtures as they were) when a label's
# status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round6"
RUN=/tmp/api-triage-corpus6
STAGE="$RUN/evidence"
CONF="$HERE/conf-round6"
VENV=${CORPUS_VENV:-/tmp/api-triage-corpus6-venv}
HUG=${CORPUS_HUG:-/tmp/api-triage-corpus6-hug}
NODE_DIR=${CORPUS_NODE:-/tmp/api-triage-corpus6-node}
GODIR=${CORPUS_GO:-/tmp/api-triage-corpus6-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venvs and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus6 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie nodejs python3-venv openssl apache2 libapache2-mod-security2 modsecurity-crs
          libapache2-mod-auth-openidc nginx libnginx-mod-http-headers-more-filter haproxy varnish caddy
          lighttpd h2o trafficserver golang-go golang-github-gin-gonic-gin-dev
          golang-github-labstack-echo-dev golang-github-go-chi-chi-dev)
PYPI=(flask-smorest==0.47.0 Flask==3.1.3 Werkzeug==3.1.9 marshmallow==4.4.0 morepath==1.0.0 aiohttp==3.14.5)
# Hug 2.6.1 reads marshmallow.__version__, which marshmallow 4 (Flask-Smorest's) has dropped: its own venv.
HUG_PYPI=(hug==2.6.1 falcon==2.0.0 waitress==3.0.2)
NPM=(@nestjs/core@10.4.22 @nestjs/common@10.4.22 @nestjs/platform-express@10.4.22 reflect-metadata@0.2.2
     rxjs@7.8.2 json-server@0.17.4 moleculer@0.14.36 moleculer-web@0.10.8 fastify@4.29.1 @fastify/http-proxy@9.5.0)
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
    if ! DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -q --no-install-recommends "${ok[@]}" \
            >"$RUN/logs/apt-install.log" 2>&1; then
        for p in "${ok[@]}"; do
            DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -q --no-install-recommends "$p" \
                >>"$RUN/logs/apt-install.log" 2>&1 || SKIPPED[$p]="apt-get install failed"
        done
    fi
    ((created_policy)) && rm -f /usr/sbin/policy-rc.d
    return 0
}

install_venv() {  # the Python frameworks, from PyPI
    if [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c 'import flask_smorest, morepath, aiohttp' 2>/dev/null; then
        :
    elif [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]]; then
        SKIPPED[pypi]="venv missing"
    else
        log "pip install into $VENV: ${PYPI[*]}"
        "$PY" -m venv "$VENV" >"$RUN/logs/venv.log" 2>&1 || { SKIPPED[pypi]="python3 -m venv failed"; return 0; }
        nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >"$RUN/logs/pip.log" 2>&1 \
            || SKIPPED[pypi]="pip install failed (see logs/pip.log)"
    fi
    if [[ -x $HUG/bin/python ]] && "$HUG/bin/python" -c 'import hug, waitress' 2>/dev/null; then return 0; fi
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[hug]="venv missing"; return 0; }
    log "pip install into $HUG: ${HUG_PYPI[*]}"
    "$PY" -m venv "$HUG" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[hug]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$HUG/bin/pip" install -q "${HUG_PYPI[@]}" >"$RUN/logs/pip-hug.log" 2>&1 \
        || SKIPPED[hug]="pip install failed (see logs/pip-hug.log)"
}

install_node() {  # the Node frameworks, from npm
    local m ok=1
    for m in @nestjs/core json-server moleculer-web @fastify/http-proxy; do
        [[ -d $NODE_DIR/node_modules/$m ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node modules missing"; return 0; }
    log "npm install into $NODE_DIR: ${NPM[*]}"
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name": "corpus6", "private": true}' >"$NODE_DIR/package.json"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # Gin, Echo and chi from Debian's /usr/share/gocode, offline, GOPATH mode
    [[ -x $GODIR/apps6 && $GODIR/apps6 -nt $HERE/apps6.go ]] && return 0
    have golang-go || { SKIPPED[go]="golang-go not installed"; return 0; }
    mkdir -p "$GODIR/src/apps6" "$GODIR/src/github.com/go-chi/chi" "$GODIR/src/github.com/labstack/echo"
    # the packaged sources sit at their v0/v1 paths; the /v5 and /v4 import paths point at them
    ln -sfn /usr/share/gocode/src/github.com/go-chi/chi "$GODIR/src/github.com/go-chi/chi/v5"
    ln -sfn /usr/share/gocode/src/github.com/labstack/echo "$GODIR/src/github.com/labstack/echo/v4"
    cp "$HERE/apps6.go" "$GODIR/src/apps6/main.go"
    log "go build (GOPATH mode, offline)"
    (cd "$GODIR/src/apps6" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR:/usr/share/gocode" GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GODIR/apps6" .) >"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[go]="go build failed (see logs/go-build.log)"
}

have() { [[ -z ${SKIPPED[$1]:-} ]] && installed "$1"; }
have_py() { [[ -z ${SKIPPED[pypi]:-} && -x $VENV/bin/python ]]; }
have_node() { [[ -z ${SKIPPED[npm]:-} && -d $NODE_DIR/node_modules/@nestjs/core ]]; }
have_go() { [[ -z ${SKIPPED[go]:-} && -x $GODIR/apps6 ]]; }

# -------------------------------------------------------------- processes --
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"$HUG/"* || $cmd == *"$GODIR/"* || $cmd == *"apps6"* ]]
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
            # a worker or child a server left behind (Starman, Robyn, yaws's beam)
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

wait_port() {  # bounded wait (30 s: Tomcat and Jetty start slowly)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round6.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
    in_work timeout 20 "$HTTPIE" --pretty=all --style=monokai --timeout=10 "$@" >>"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

quiet() { in_work timeout 10 curl -s -o /dev/null "$@" || true; }

render() {
    local src=$1 dest=$2; shift 2
    sed -e "s|@RUN@|$RUN|g" "$@" "$src" >"$dest"
}

selfsigned() {  # selfsigned DIR: tls.key + tls.crt for 127.0.0.1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7 \
        -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
        -keyout "$1/tls.key" -out "$1/tls.crt" >/dev/null 2>&1
}

up() { [[ -n ${UP[$1]:-} ]]; }

# ------------------------------------------------------------------- main --
[[ -d $CONF ]] || die "missing $CONF"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,tls}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
build_go
have_py || die "the Python venv is missing (${SKIPPED[pypi]:-?})"
have_node || die "the Node modules are missing (${SKIPPED[npm]:-?})"
have_go || die "the Go apps did not build (${SKIPPED[go]:-?})"

PORTS=(24001 24010 24011 24012 24013 24014 24020 24021 24022 24024 24030 24031 24032 24033
       24040 24041 24042 24050 24051 24052 24053 24054 24055 24056 24057 24058)
for p in "${PORTS[@]}" 24009; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

head -c 4000 /dev/zero | tr '\0' 'x' | sed 's/^/{"sku": "/; s/$/", "qty": 1}/' >"$RUN/work/big-order.json"
selfsigned "$RUN/tls"
chmod 644 "$RUN/tls/tls.key"   # h2o reads it after dropping to www-data

# JWTs for the OAuth 2.0 resource server (HS256, the key in conf-round6/apache.conf)
jwt() {
    "$PY" -c '
import base64, hashlib, hmac, json, sys, time
b = lambda d: base64.urlsafe_b64encode(d).rstrip(b"=").decode()
h = b(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
p = b(json.dumps({"sub": "user-42", "iss": "orders-idp", "exp": int(time.time()) + int(sys.argv[1])}).encode())
s = b(hmac.new(b"round6-corpus-shared-hmac-key-32b", (h + "." + p).encode(), hashlib.sha256).digest())
print(h + "." + p + "." + s)' "$1"
}
GOOD_JWT=$(jwt 3600)
OLD_JWT=$(jwt -3600)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg up-slow "$PY" "$HERE/upstream.py" slow 24001

GO=$GODIR/apps6
start_bg gin     "$GO" gin 24010
start_bg echo    "$GO" echo 24011
start_bg chi     "$GO" chi 24012
start_bg authz   "$GO" authz 24013
start_bg garbage "$GO" garbage 24014

V=$VENV/bin
have_hug() { [[ -z ${SKIPPED[hug]:-} && -x $HUG/bin/python ]]; }
have_hug && start_bg hug "$HUG/bin/python" "$HERE/apps6.py" hug 24020
start_bg smorest  "$V/python" "$HERE/apps6.py" smorest 24021
start_bg morepath "$V/python" "$HERE/apps6.py" morepath 24022
start_bg gateway  "$V/python" "$HERE/apps6.py" gateway 24024 /hug=http://127.0.0.1:24020 \
    /morepath=http://127.0.0.1:24022 /dead=http://127.0.0.1:24009 /slow=http://127.0.0.1:24001 \
    /waf=http://127.0.0.1:24040 /fp=http://127.0.0.1:24033

export NODE_ENV=production NODE_PATH="$NODE_DIR/node_modules"
start_bg nest       node "$HERE/apps6.js" nest 24030
start_bg jsonserver node "$HERE/apps6.js" jsonserver 24031
start_bg moleculer  node "$HERE/apps6.js" moleculer 24032
start_bg fastifyproxy node "$HERE/apps6.js" fastifyproxy 24033 /gin=http://127.0.0.1:24010 \
    /nest=http://127.0.0.1:24030 /dead=http://127.0.0.1:24009 /slow=http://127.0.0.1:24001 /edge=http://127.0.0.1:24050

for p in 24001 24010 24011 24012 24013 24014; do wait_port $p go || die "a Go app did not start on $p"; done
for p in 24021 24022 24024; do wait_port $p python || die "a Python app did not start on $p"; done
have_hug && wait_port 24020 hug && UP[hug]=1
for p in 24030 24031 24032 24033; do wait_port $p node || die "a Node app did not start on $p"; done

# ---- front layers ------------------------------------------------------------
if have apache2 && have libapache2-mod-security2 && have modsecurity-crs && have libapache2-mod-auth-openidc; then
    mkdir -p "$RUN/apache/modsec" "$RUN/apache/errors"
    cp "$CONF/waf-403.json" "$RUN/apache/errors/403.json"
    chown -R www-data: "$RUN/apache/modsec" 2>/dev/null || chmod 777 "$RUN/apache/modsec"
    render "$CONF/apache.conf" "$RUN/apache/httpd.conf"
    if apache2 -t -f "$RUN/apache/httpd.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own session: on stop, Apache's parent signals its whole process group
        start_bg apache setsid apache2 -f "$RUN/apache/httpd.conf" -DFOREGROUND
        wait_port 24040 apache && wait_port 24041 apache && wait_port 24042 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have nginx && have libnginx-mod-http-headers-more-filter; then
    mkdir -p "$RUN"/nginx/{tmp,www/_errors}
    cp "$CONF/upstream-error.html" "$RUN/nginx/www/_errors/upstream.html"
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 24050 nginx && wait_port 24051 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 24052 caddy && UP[caddy]=1
fi
if have lighttpd; then
    mkdir -p "$RUN"/lighttpd/{htdocs,errors}
    for s in 403 404 413 503 504; do cp "$CONF/lighttpd-errors/status-$s.html" "$RUN/lighttpd/errors/"; done
    render "$CONF/lighttpd.conf" "$RUN/lighttpd/lighttpd.conf"
    start_bg lighttpd lighttpd -D -f "$RUN/lighttpd/lighttpd.conf"
    wait_port 24053 lighttpd && UP[lighttpd]=1
fi
if have h2o; then
    mkdir -p "$RUN"/h2o/{htdocs,errors}
    cp "$CONF"/h2o-errors/*.json "$RUN/h2o/errors/"
    render "$CONF/h2o.conf" "$RUN/h2o/h2o.conf"
    chown -R www-data: "$RUN/h2o" 2>/dev/null || true
    start_bg h2o h2o -c "$RUN/h2o/h2o.conf"
    wait_port 24054 h2o && wait_port 24055 h2o && UP[h2o]=1
fi
if have trafficserver; then
    ATSD=$RUN/ats
    mkdir -p "$ATSD"/{etc,cache,log,run}
    cp -r /etc/trafficserver/. "$ATSD/etc/"
    sed -e "s|@RUN@|$RUN|g" "$CONF/ats-records.config" >>"$ATSD/etc/records.config"
    cp "$CONF/ats-remap.config" "$ATSD/etc/remap.config"
    echo "$ATSD/cache 64M" >"$ATSD/etc/storage.config"
    cat >"$ATSD/runroot.yaml" <<YAML
prefix: /usr
exec_prefix: /usr
bindir: /usr/bin
sbindir: /usr/sbin
sysconfdir: $ATSD/etc
datadir: $ATSD/cache
includedir: /usr/include
libdir: /usr/lib/trafficserver
libexecdir: /usr/lib/trafficserver/modules
localstatedir: $ATSD
runtimedir: $ATSD/run
logdir: $ATSD/log
cachedir: $ATSD/cache
YAML
    chown -R trafficserver: "$ATSD" 2>/dev/null || true
    start_bg ats traffic_server --run-root="$ATSD/runroot.yaml"
    wait_port 24056 ats && UP[ats]=1
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    cp "$CONF/haproxy-503.json.http" "$RUN/haproxy/503.json"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 24057 haproxy && UP[haproxy]=1
fi
if have varnish; then
    mkdir -p "$RUN/varnish"
    render "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:24058 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 24058 varnish && UP[varnish]=1
fi

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
sleep 3   # HAProxy's health check marks the refused server down (inter 1s, fall 1)

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 6 (held out): real responses captured by
# scripts/corpus/capture-round6.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-5:
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
JSON=(-H 'Content-Type: application/json')

# ==================================================================== Go ==
log "capturing: go"
S=gin-direct
GI=$A:24010
cap $S gin-500-panic-recovery.txt 500 app gin "a handler panics; gin.Recovery()" \
    "an EMPTY 500, Content-Length: 0, no Server, no Content-Type" -- -sv $GI/api/boom
cap $S gin-404-unrouted.txt 404 app gin "no route" "curl -si; '404 page not found' as text/plain" -- -si $GI/api/orders/7
cap $S gin-405-method.txt 405 app gin "DELETE on a GET route, HandleMethodNotAllowed" \
    "'405 method not allowed', Allow header" -- -sv -X DELETE $GI/api/health
cap $S gin-400-binding.txt 400 app gin "ShouldBindJSON fails the binding tags" \
    "the validator's message in {\"error\": ...}" -- -sv -X POST "${JSON[@]}" -d '{"sku": "SKU-1", "qty": 0}' $GI/api/orders
cap $S gin-503-json.txt 503 app gin "c.JSON(503, ...) with Retry-After" "the app's JSON 503" -- -sv $GI/api/down
capraw $S gin-502-own-html.txt 502 app gin "the app's own HTML 502" \
    "curl -si saved to a file (CRs kept); looks like nginx's page, no footer" -- -si $GI/api/pay
caphttp $S gin-503-json-httpie.txt 503 app gin "HTTPie -v, gin's JSON 503" "HTTPie with colours" -- -v GET $GI/api/down

S=echo-direct
EC=$A:24011
cap $S echo-500-error-returned.txt 500 app echo "a handler returns a plain error" \
    "{\"message\":\"Internal Server Error\"}, no Server" -- -sv $EC/api/boom
cap $S echo-500-panic-recover.txt 500 app echo "a handler panics; middleware.Recover()" "curl -si; the same JSON" -- -si $EC/api/panic
cap $S echo-404-unrouted.txt 404 app echo "no route" "{\"message\":\"Not Found\"}" -- -sv $EC/api/orders/7
cap $S echo-404-httperror.txt 404 app echo "echo.NewHTTPError(404, ...)" "the app's message in {\"message\": ...}" -- -sv $EC/api/users/7
cap $S echo-503-httperror.txt 503 app echo "echo.NewHTTPError(503) with Retry-After" "curl -si; {\"message\":\"Service Unavailable\"}" -- -si $EC/api/down
cap $S echo-413-body-limit.txt 413 app echo "a body over middleware.BodyLimit(\"1K\")" \
    "{\"message\":\"Request Entity Too Large\"}" -- -sv -X POST "${JSON[@]}" --data-binary @big-order.json $EC/api/orders
capwin $S echo-504-own-html.txt 504 app echo "the app's own HTML 504" \
    "curl -si pasted with CRLF; 'Gateway Time-out' written by the app" -- -si $EC/api/report

S=chi-direct
CH=$A:24012
cap $S chi-500-recoverer.txt 500 app chi "a handler panics; middleware.Recoverer" \
    "an EMPTY 500 with no headers but Date and Content-Length" -- -sv $CH/api/boom
cap $S chi-404-unrouted.txt 404 app chi "no route" "curl -si; '404 page not found'" -- -si $CH/api/orders/7
cap $S chi-405-method.txt 405 app chi "POST on a GET route" "an EMPTY 405" -- -sv -X POST $CH/api/health
cap $S chi-504-timeout-middleware.txt 504 app chi "middleware.Timeout(1s) on a slow handler" \
    "an EMPTY 504 written by the app itself, looks like a gateway's" -- -sv $CH/api/report
cap $S chi-429-json.txt 429 app chi "the app's JSON 429 with Retry-After" "the app rate-limits" -- -sv $CH/api/limited
in_work timeout 10 curl -s -o /dev/null $CH/api/export &   # holds the one Throttle slot for 3 s
HOLD=$!
sleep 0.5
cap $S chi-429-throttle.txt 429 app chi "middleware.Throttle(1), a second request while one runs" \
    "curl -si; 'Server capacity exceeded.' as text/plain" -- -si $CH/api/export
wait "$HOLD"
cap $S chi-503-own-html.txt 503 app chi "the app's own HTML 503" "looks like nginx's page" -- -sv $CH/api/maint

# ================================================================ Python ==
log "capturing: python"
if up hug; then
    S=hug-waitress
    HU=$A:24020
    cap $S waitress-500-hug-unhandled.txt 500 app waitress "a Hug handler raises; waitress answers" \
        "waitress's text 500 '(generated by orders-api)': ident set, so no 'waitress' anywhere" -- -sv $HU/api/boom
    cap $S hug-404-unrouted.txt 404 app hug "no route: Hug's 404 with the API's documentation" \
        "curl -si; JSON '404': 'The API call you tried to make was not defined...'" -- -si $HU/api/orders/7
    cap $S hug-400-type-error.txt 400 app hug "a path parameter that is not a number" \
        "{\"errors\": {\"user_id\": \"Invalid whole number provided\"}}" -- -sv $HU/api/users/abc
    cap $S falcon-503-hug.txt 503 app falcon "falcon.HTTPServiceUnavailable raised in a Hug handler" \
        "Hug renders Falcon's error as {\"errors\": {...}}, Retry-After" -- -sv $HU/api/down
    cap $S hug-404-app-json.txt 404 app hug "the handler sets 404 itself" "curl -si" -- -si $HU/api/users/7
    cap $S hug-503-own-html.txt 503 app hug "the app's own HTML 503" "looks like nginx's page, Server: orders-api" -- -sv $HU/api/maint
fi

S=smorest-werkzeug
SM=$A:24021
cap $S smorest-500-unhandled.txt 500 app flask-smorest "a view raises" \
    "{\"code\":500,\"status\":\"Internal Server Error\"}, Server: Werkzeug" -- -sv $SM/api/boom
cap $S smorest-404-abort.txt 404 app flask-smorest "abort(404, message=...)" "the message in the JSON" -- -sv $SM/api/users/7
cap $S smorest-404-unrouted.txt 404 app flask-smorest "no route" "curl -si; {\"code\":404,\"status\":\"Not Found\"}" -- -si $SM/api/orders/7
cap $S smorest-422-validation.txt 422 app flask-smorest "a body that fails the marshmallow schema" \
    "{\"code\":422,\"errors\":{\"json\":...}}" -- -sv -X POST "${JSON[@]}" -d '{"sku": "SKU-1", "qty": 0}' $SM/api/orders
cap $S smorest-503-abort.txt 503 app flask-smorest "abort(503, ...) with Retry-After" "curl -si" -- -si $SM/api/down
cap $S flask-504-own-html-werkzeug.txt 504 app flask "the app's own HTML 504 (a plain view)" \
    "looks like nginx's page, Server: Werkzeug" -- -sv $SM/api/report

S=morepath-wsgiref
MP=$A:24022
cap $S wsgiref-500-morepath.txt 500 app wsgiref "a Morepath view raises; wsgiref answers" \
    "HTTP/1.0, 'A server error occurred.  Please contact the administrator.'" -- -sv $MP/api/boom
cap $S morepath-404-path-none.txt 404 app morepath "the path function returns None" \
    "WebOb's '404 Not Found' page" -- -sv $MP/api/users/7
cap $S morepath-404-unrouted.txt 404 app morepath "no path" "curl -si; the same WebOb page" -- -si $MP/api/orders/7
cap $S morepath-503-webob.txt 503 app morepath "a view raises webob.exc.HTTPServiceUnavailable" \
    "WebOb's 503 page, Retry-After" -- -sv $MP/api/down

# ================================================================== Node ==
log "capturing: node"
S=nest-express
NE=$A:24030
cap $S nest-500-unhandled.txt 500 app nestjs "a controller throws a plain Error" \
    "{\"statusCode\":500,\"message\":\"Internal server error\"}, X-Powered-By: Express" -- -sv $NE/api/boom
cap $S nest-404-notfound.txt 404 app nestjs "NotFoundException" "message, error, statusCode" -- -sv $NE/api/users/7
cap $S nest-404-unrouted.txt 404 app nestjs "no route" "curl -si; 'Cannot GET /api/orders/7'" -- -si $NE/api/orders/7
cap $S nest-503-unavailable.txt 503 app nestjs "ServiceUnavailableException" "the app's JSON 503" -- -sv $NE/api/down
cap $S nest-502-badgateway.txt 502 app nestjs "BadGatewayException thrown by the app" \
    "a 502 the app made, 'error':'Bad Gateway'" -- -sv $NE/api/pay
cap $S nest-429-httpexception.txt 429 app nestjs "HttpException(429)" "curl -si" -- -si $NE/api/limited
cap $S nest-503-own-html.txt 503 app nestjs "the app's own HTML 503" "looks like nginx's page" -- -sv $NE/api/maint
caphttp $S nest-500-httpie.txt 500 app nestjs "HTTPie -v, Nest's 500" "HTTPie with colours" -- -v GET $NE/api/boom

S=json-server
JS=$A:24031
cap $S json-server-404-empty-object.txt 404 app json-server "an id the database does not have" \
    "an empty JSON object '{}' with its no-cache headers" -- -sv $JS/api/orders/7
cap $S json-server-404-unknown-resource.txt 404 app json-server "a resource the database does not have" "curl -si; '{}'" -- -si $JS/api/invoices
cap $S express-500-json-server.txt 500 app express "a custom route throws; Express's finalhandler" \
    "'<pre>Internal Server Error</pre>' with json-server's CORS and no-cache headers" -- -sv $JS/api/boom
cap $S json-server-503-own-html.txt 503 app json-server "the app's own HTML 503" "curl -si" -- -si $JS/api/maint

S=moleculer-web
MO=$A:24032
cap $S moleculer-500-action-throws.txt 500 app moleculer "an action throws a plain Error" \
    "{\"name\":\"Error\",...,\"code\":500}, X-Request-ID from moleculer-web" -- -sv $MO/api/boom
cap $S moleculer-404-client-error.txt 404 app moleculer "MoleculerClientError(404)" "type USER_NOT_FOUND" -- -sv $MO/api/users/7
cap $S moleculer-404-unrouted.txt 404 app moleculer "no alias (mappingPolicy restrict)" "curl -si; NotFoundError" -- -si $MO/api/orders/7
cap $S moleculer-503-retryable.txt 503 app moleculer "MoleculerRetryableError(503)" "type MAINTENANCE" -- -sv $MO/api/down
cap $S moleculer-504-request-timeout.txt 504 app moleculer "the action takes 3 s, requestTimeout 1 s" \
    "RequestTimeoutError 504 from the broker inside the app, looks like a gateway's" -- -sv $MO/api/report
cap $S moleculer-503-service-not-available.txt 503 app moleculer "an alias to a service no node runs" \
    "curl -si; ServiceNotAvailableError" -- -si $MO/api/invoices/3

# =============================================================== gateways ==
log "capturing: gateways"
S=aiohttp-gateway
AG=$A:24024
cap $S aiohttp-502-json-refused.txt 502 proxy aiohttp "the gateway's upstream refuses" \
    "the gateway's JSON 502 with its X-Request-Id in the body, Server: Python/3.11 aiohttp" -- -sv $AG/dead/api/users/42
cap $S aiohttp-504-json-slow.txt 504 proxy aiohttp "upstream answers after 5 s, client timeout 2 s" "curl -si" -- -si $AG/slow/api/report
cap $S aiohttp-404-unknown-prefix.txt 404 proxy aiohttp "no route in the gateway" "aiohttp's '404: Not Found'" -- -sv $AG/v2/orders
cap $S morepath-404-aiohttp-passthrough.txt 404 app morepath "Morepath's 404 through the gateway" \
    "wsgiref's Server kept, X-Request-Id added" -- -sv $AG/morepath/api/users/7
up hug && cap $S waitress-500-aiohttp-passthrough.txt 500 app waitress "waitress's 500 through the gateway" "curl -si" -- -si $AG/hug/api/boom

S=fastify-http-proxy
FP=$A:24033
cap $S fastify-proxy-500-refused.txt 500 proxy fastify-http-proxy "the upstream refuses" \
    "a 500 (not 502): FST_REPLY_FROM_INTERNAL_SERVER_ERROR with ECONNREFUSED, x-request-id" -- -sv $FP/dead/api/users/42
cap $S fastify-proxy-504-slow.txt 504 proxy fastify-http-proxy "the upstream answers after 5 s, timeout 2 s" \
    "curl -si; FST_REPLY_FROM_GATEWAY_TIMEOUT" -- -si $FP/slow/api/report
cap $S fastify-proxy-404-unrouted.txt 404 proxy fastify-http-proxy "no prefix matches" \
    "Fastify's own 'Route GET:/v2/orders not found'" -- -sv $FP/v2/orders
cap $S gin-500-fastify-proxy-passthrough.txt 500 app gin "gin's empty 500 through the gateway" \
    "header names lower-cased, x-request-id added" -- -sv $FP/gin/api/boom
cap $S nest-503-fastify-proxy-passthrough.txt 503 app nestjs "Nest's 503 through the gateway" "curl -si" -- -si $FP/nest/api/down

# ================================================================= WAF ==
log "capturing: waf and identity"
SQLI="q=1%27%20OR%20%271%27%3D%271"
XSS="q=%3Cscript%3Ealert(document.cookie)%3C%2Fscript%3E"
if up apache; then
    S=apache-modsecurity-crs
    W=$A:24040
    cap $S modsec-403-sqli.txt 403 waf apache "CRS blocks a SQL injection in the query (942 rules)" \
        "Apache's plain 403 'Forbidden' page, Server: Apache (ServerTokens Prod)" -- -sv "$W/gin/api/search?$SQLI"
    cap $S modsec-403-xss.txt 403 waf apache "CRS blocks a script tag in the query (941 rules)" \
        "curl -si; the same 403 page" -- -si "$W/gin/api/search?$XSS"
    cap $S modsec-403-scanner-ua.txt 403 waf apache "CRS blocks a scanner's User-Agent (913100)" \
        "the 403 page for a GET that is otherwise fine" -- -sv -A 'Nikto/2.1.6' $W/gin/api/health
    cap $S modsec-403-rce.txt 403 waf apache "CRS blocks a Unix command in the query (932 rules)" \
        "curl -si" -- -si "$W/gin/api/search?q=%3Bcat%20%2Fetc%2Fpasswd"
    cap $S modsec-500-json-body.txt 500 waf apache "a JSON body that does not parse" \
        "ModSecurity's JSON body processor fails and Apache answers its own 500 page; the app never sees it" -- -sv -X POST "${JSON[@]}" -d '{"sku": "SKU-1", "qty": ' $W/gin/api/orders
    cap $S modsec-403-sqli-h2c.txt 403 waf apache "h2c to the WAF, SQL injection in the query" \
        "HTTP/2 403, server: Apache" -- -sv --http2-prior-knowledge "$W/nest/api/users/7?id=1%20UNION%20SELECT%20password%20FROM%20users"
    cap $S gin-500-waf-passthrough.txt 500 app gin "gin's empty 500 through the WAF" \
        "Server: Apache added to the app's bare answer" -- -sv $W/gin/api/boom
    cap $S nest-404-waf-h2c-passthrough.txt 404 app nestjs "h2c to the WAF, Nest's 404 relayed" \
        "curl -si; HTTP/2 404, server: Apache" -- -si --http2-prior-knowledge $W/nest/api/users/7
    cap $S apache-503-waf-dead-backend.txt 503 proxy apache "the WAF's ProxyPass to a closed port" \
        "Apache's 503 page: the proxy, not the WAF rules" -- -sv $W/dead/api/orders
    caphttp $S modsec-403-sqli-httpie.txt 403 waf apache "HTTPie -v, CRS blocks a SQL injection" \
        "HTTPie with colours" -- -v GET "$W/gin/api/search" "q==1' OR '1'='1"

    S=apache-modsecurity-json
    WJ=$A:24041
    cap $S modsec-403-json-errordoc.txt 403 waf apache "CRS blocks a SQL injection; ErrorDocument 403 is a JSON file" \
        "{\"error\":\"forbidden\",...,\"status\":403}, X-Request-ID from mod_unique_id" -- -sv "$WJ/smorest/api/users/7?$SQLI"
    capraw $S modsec-403-json-errordoc-saved.txt 403 waf apache "CRS blocks a script tag; the JSON error document" \
        "curl -si saved to a file (CRs kept)" -- -si "$WJ/hug/api/search?$XSS"
    cap $S modsec-403-json-scanner.txt 403 waf apache "CRS blocks sqlmap's User-Agent" \
        "the JSON 403, ETag and Last-Modified of the static file" -- -sv -A 'sqlmap/1.7.2#stable (https://sqlmap.org)' $WJ/smorest/api/health
    cap $S smorest-404-waf-passthrough.txt 404 app flask-smorest "Flask-Smorest's 404 through the WAF" \
        "X-Request-ID added, Server: Werkzeug kept" -- -sv $WJ/smorest/api/users/7
    up hug && cap $S hug-400-waf-passthrough.txt 400 app hug "Hug's 400 through the WAF" "curl -si" -- -si $WJ/hug/api/users/abc

    S=apache-openidc
    OI=$A:24042
    cap $S openidc-401-no-token.txt 401 identity apache "mod_auth_openidc (oauth20): no bearer token" \
        "Apache's 401 page, WWW-Authenticate: Bearer error=\"invalid_request\"" -- -sv $OI/api/health
    cap $S openidc-401-expired-token.txt 401 identity apache "an expired JWT" \
        "curl -si; error=\"invalid_token\", 'JWT token could not be validated'" -- -si -H "Authorization: Bearer $OLD_JWT" $OI/api/health
    cap $S openidc-401-malformed-token.txt 401 identity apache "a token that is not a JWT" \
        "the same 401 page" -- -sv -H 'Authorization: Bearer not-a-jwt' $OI/api/orders
    cap $S gin-403-scope-behind-openidc.txt 403 app gin "a valid JWT; the app refuses the scope itself" \
        "the APP's 403 with its own WWW-Authenticate: Bearer error=\"insufficient_scope\"" \
        -- -sv -H "Authorization: Bearer $GOOD_JWT" $OI/api/private
    cap $S gin-500-openidc-passthrough.txt 500 app gin "a valid JWT, gin panics" "curl -si; Server: Apache" \
        -- -si -H "Authorization: Bearer $GOOD_JWT" $OI/api/boom
    caphttp $S openidc-401-no-token-httpie.txt 401 identity apache "HTTPie -v, no token" "HTTPie with colours" -- -v GET $OI/api/orders
fi

# ============================================================ identity ==
if up nginx; then
    S=nginx-auth-request-anonymous
    NG=$A:24050
    cap $S nginx-401-auth-request-no-token.txt 401 identity nginx "auth_request: the token service says 401" \
        "nginx's own 401 page (server_tokens off: no version), no Server header, X-Request-ID" -- -sv $NG/secure/api/health
    cap $S nginx-401-auth-request-expired.txt 401 identity nginx "auth_request with an expired token" \
        "curl -si; the service's WWW-Authenticate is not passed on" -- -si -H 'Authorization: Bearer expired-7f3a' $NG/secure/api/health
    cap $S nginx-403-auth-request-readonly.txt 403 identity nginx "auth_request: the token service says 403" \
        "nginx's 403 page" -- -sv -H 'Authorization: Bearer readonly-22' $NG/secure/api/orders
    cap $S nginx-401-auth-json.txt 401 identity nginx "auth_request, error_page 401 to a JSON location" \
        "nginx's own JSON with the request id in the body, WWW-Authenticate" -- -sv $NG/secure-json/api/health
    cap $S nginx-403-auth-json.txt 403 identity nginx "auth_request 403, error_page to JSON" \
        "curl -si" -- -si -H 'Authorization: Bearer readonly-22' $NG/secure-json/api/orders
    cap $S gin-403-scope-behind-nginx-auth.txt 403 app gin "a good token; the app refuses the scope" \
        "the app's 403 and WWW-Authenticate; the Server header stripped" -- -sv -H 'Authorization: Bearer good-token' $NG/secure/api/private
    cap $S nginx-502-anonymous-page.txt 502 proxy nginx "upstream refuses; error_page to a page that names nobody" \
        "no Server, a 'We'll be right back' page" -- -sv $NG/dead/api/orders
    cap $S nginx-504-anonymous-page.txt 504 proxy nginx "upstream answers after 5 s, proxy_read_timeout 2 s" \
        "curl -si; the same page as a 504" -- -si $NG/slow/api/report
    cap $S nginx-502-tokens-off.txt 502 proxy nginx "upstream refuses, nginx's default page" \
        "'<center>nginx</center>' without a version, no Server header" -- -sv $NG/raw-dead/api/orders
    cap $S nginx-404-return-tokens-off.txt 404 proxy nginx "no location: return 404" "curl -si" -- -si $NG/v2/orders
    cap $S chi-504-behind-nginx.txt 504 app chi "chi's empty 504 (Timeout middleware) through nginx" \
        "an empty 504 behind a proxy, and it is the app's" -- -sv $NG/chi/api/report
    cap $S gin-500-nginx-stripped.txt 500 app gin "gin's empty 500 through nginx" \
        "curl -si; no Server at all, X-Request-ID" -- -si $NG/gin/api/boom
    cap $S morepath-503-nginx-stripped.txt 503 app morepath "Morepath's 503 through nginx" \
        "wsgiref's Server header removed" -- -sv $NG/morepath/api/down

    S=nginx-h2c
    NH=$A:24051
    cap $S echo-500-h2c-nginx.txt 500 app echo "h2c to nginx, Echo's 500" "HTTP/2 500, server: nginx" -- -sv --http2-prior-knowledge $NH/echo/api/boom
    cap $S nest-404-h2c-nginx.txt 404 app nestjs "h2c to nginx, Nest's 404" "curl -si" -- -si --http2-prior-knowledge $NH/nest/api/users/7
    cap $S nginx-502-h2c-dead.txt 502 proxy nginx "h2c to nginx, the upstream refuses" \
        "nginx's 502 page over HTTP/2, x-request-id" -- -sv --http2-prior-knowledge $NH/dead/api/orders
fi
if up caddy; then
    S=caddy-forward-auth
    CF=$A:24052
    cap $S authz-401-caddy-forward-auth.txt 401 identity go-net-http "forward_auth: the token service refuses, no token" \
        "the token service's JSON 401 and WWW-Authenticate copied through, Server: Caddy" -- -sv $CF/api/health
    cap $S authz-401-caddy-expired.txt 401 identity go-net-http "forward_auth, an expired token" \
        "curl -si; error=\"invalid_token\"" -- -si -H 'Authorization: Bearer expired-7f3a' $CF/api/health
    cap $S authz-403-caddy-readonly.txt 403 identity go-net-http "forward_auth, a token without the scope" \
        "JSON 403 from the token service" -- -sv -H 'Authorization: Bearer readonly-22' $CF/api/orders
    cap $S nest-500-behind-caddy-forward-auth.txt 500 app nestjs "a good token; Nest's 500" \
        "Server: Caddy, X-Powered-By: Express" -- -sv -H 'Authorization: Bearer good-token' $CF/api/boom
    cap $S caddy-404-respond.txt 404 proxy caddy "no route: respond \"not found\" 404" "curl -si; text 'not found'" -- -si $CF/v2/orders
fi

# ================================================ proxies with own errors ==
log "capturing: proxies and caches"
if up lighttpd; then
    S=lighttpd-json-errors
    LI=$A:24053
    cap $S lighttpd-503-json-errorfile.txt 503 proxy lighttpd "upstream refuses; errorfile-prefix JSON" \
        "JSON served as text/html, no Server header (server.tag \"\")" -- -sv $LI/dead/api/users/42
    capraw $S lighttpd-504-json-errorfile.txt 504 proxy lighttpd "upstream answers after 5 s, read-timeout 2" \
        "curl -si saved to a file (CRs kept)" -- -si $LI/slow/api/report
    cap $S lighttpd-403-json-errorfile.txt 403 proxy lighttpd "url.access-deny" "the JSON 403 file" -- -sv $LI/internal/metrics
    cap $S lighttpd-404-json-errorfile.txt 404 proxy lighttpd "no such file in the document root" "curl -si" -- -si $LI/v2/orders
    cap $S lighttpd-413-json-errorfile.txt 413 proxy lighttpd "a body over server.max-request-size (1 kB)" \
        "the JSON 413 file" -- -sv -X POST "${JSON[@]}" --data-binary @big-order.json $LI/hug/api/orders
    up hug && cap $S waitress-500-lighttpd-passthrough.txt 500 app waitress "waitress's 500 through lighttpd" \
        "Server: orders-api kept" -- -sv $LI/hug/api/boom
    cap $S morepath-503-lighttpd-passthrough.txt 503 app morepath "Morepath's 503 through lighttpd" "curl -si" -- -si $LI/morepath/api/down
fi
if up h2o; then
    S=h2o-json-errors
    HO=$A:24054
    cap $S h2o-502-json-errordoc.txt 502 proxy h2o "upstream refuses; error-doc JSON" \
        "h2o's error replaced by a JSON file, Server: edge" -- -sv $HO/dead/api/users/42
    cap $S h2o-502-json-io-timeout.txt 502 proxy h2o "upstream answers after 5 s, proxy.timeout.io 2000" \
        "curl -si; a 502 (not 504) with the JSON file" -- -si $HO/slow/api/report
    cap $S h2o-404-json-errordoc.txt 404 proxy h2o "no such file" "the JSON 404 file" -- -sv $HO/v2/orders
    cap $S chi-504-h2o-passthrough.txt 504 app chi "chi's empty 504 through h2o" "Server: edge" -- -sv $HO/chi/api/report
    cap $S smorest-422-h2o-passthrough.txt 422 app flask-smorest "Flask-Smorest's 422 through h2o" "curl -si" \
        -- -si -X POST "${JSON[@]}" -d '{"sku": "SKU-1"}' $HO/smorest/api/orders
    S=h2o-tls-h2
    HT=https://127.0.0.1:24055
    cap $S h2o-502-h2-tls.txt 502 proxy h2o "TLS h2 to h2o, upstream refuses" "HTTP/2 502, the JSON error-doc" -- -sv --http2 -k $HT/dead/api/orders
    cap $S chi-429-h2-tls-h2o.txt 429 app chi "TLS h2 to h2o, chi's JSON 429" "curl -si" -- -si --http2 -k $HT/chi/api/limited
fi
if up ats; then
    S=trafficserver-cache
    TS=$A:24056
    cap $S gin-200-ats-miss.txt 200 app gin "first request: a MISS, gin answers" \
        "curl -si; no Via, no Server (both switched off)" -- -si $TS/gin/api/catalog
    cap $S ats-304-cache.txt 304 cdn-cache trafficserver "If-None-Match on the cached object" \
        "Traffic Server answers 304 itself; gin never sends 304" -- -sv -H 'If-None-Match: "catalog-v7"' $TS/gin/api/catalog
    cap $S ats-200-fresh-hit.txt 200 cdn-cache trafficserver "a second GET inside max-age" \
        "served from the cache, Age header" -- -sv $TS/gin/api/catalog
    cap $S ats-502-dead-no-server.txt 502 cdn-cache trafficserver "remap to a closed port" \
        "curl -si; 'Could Not Connect' page with no Server and no Via" -- -si $TS/dead/api/orders
    cap $S gin-503-ats-passthrough.txt 503 app gin "gin's JSON 503 through Traffic Server" "" -- -sv $TS/gin/api/down
fi
if up haproxy; then
    S=haproxy-stripped
    HP=$A:24057
    cap $S haproxy-502-invalid-response.txt 502 load-balancer haproxy "the server answers bytes that are not HTTP" \
        "HAProxy's 502 page for an invalid response, X-Request-ID" -- -sv $HP/bad/api/orders
    cap $S haproxy-403-deny.txt 403 load-balancer haproxy "http-request deny on /admin" "curl -si; HAProxy's 403 page" -- -si $HP/admin/users
    cap $S haproxy-429-json-request-id.txt 429 load-balancer haproxy "http-request return 429 with lf-string JSON" \
        "the unique id in the body and in X-Request-ID" -- -sv $HP/quota/api/orders
    cap $S haproxy-503-json-errorfile.txt 503 load-balancer haproxy "the only server is down; a JSON errorfile" \
        "curl -si; a JSON 503 that names nobody" -- -si $HP/dead/api/orders
    cap $S echo-500-haproxy-stripped.txt 500 app echo "Echo's 500 through HAProxy" "no Server, X-Request-ID" -- -sv $HP/api/boom
    cap $S moleculer-504-haproxy-passthrough.txt 504 app moleculer "moleculer-web's 504 through HAProxy" \
        "curl -si; the app's RequestTimeoutError" -- -si $HP/mol/api/report
fi
if up varnish; then
    S=varnish-hidden
    VA=$A:24058
    cap $S gin-200-varnish-miss.txt 200 app gin "first request: MISS" "curl -si; X-Cache: MISS, no Via, no Server" -- -si $VA/api/catalog
    cap $S varnish-304-hidden.txt 304 cdn-cache varnish "If-None-Match on the cached object" \
        "Varnish answers 304 itself, naming itself nowhere" -- -sv -H 'If-None-Match: "catalog-v7"' $VA/api/catalog
    cap $S varnish-503-json-backend-error.txt 503 cdn-cache varnish "the backend refuses: vcl_backend_error JSON" \
        "no Server, no Via, no X-Varnish" -- -sv $VA/dead/api/orders
    cap $S varnish-503-json-synth.txt 503 cdn-cache varnish "synth(503) maintenance JSON" "curl -si" -- -si $VA/maint
    cap $S gin-404-varnish-passthrough.txt 404 app gin "gin's 404 through Varnish" "X-Cache: MISS" -- -sv $VA/api/orders/7
fi

# ============================================================= two hops ==
log "capturing: two hops"
S=two-hops
up apache && cap $S modsec-403-via-aiohttp.txt 403 waf apache "aiohttp gateway -> the WAF -> gin; CRS blocks" \
    "the WAF's 403 page relayed by the gateway, X-Request-Id from the gateway" -- -sv "$AG/waf/gin/api/search?$SQLI"
up nginx && cap $S nginx-401-via-fastify-proxy.txt 401 identity nginx "@fastify/http-proxy -> nginx auth_request" \
    "curl -si; nginx's 401 page relayed, x-request-id from both" -- -si $FP/edge/secure/api/health
cap $S fastify-proxy-500-via-aiohttp.txt 500 proxy fastify-http-proxy "aiohttp gateway -> @fastify/http-proxy -> refused" \
    "the inner gateway's JSON 500 relayed by the outer one" -- -sv $AG/fp/dead/api/users/42

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
capbody $S body-gin-404.txt 404/404 app gin "gin's '404 page not found'" "the number in the text" -- $A:24010/api/orders/7
capbody $S body-echo-500.txt 0/500 app echo "Echo's {\"message\":\"Internal Server Error\"}" "no number" -- $A:24011/api/boom
capbody $S body-chi-429.txt 0/429 app chi "the app's JSON 429 under chi" "rate_limited, no number" -- $A:24012/api/limited
up hug && capbody $S body-hug-400.txt 0/400 app hug "Hug's type error" "no number" -- $A:24020/api/users/abc
capbody $S body-smorest-422.txt 422/422 app flask-smorest "Flask-Smorest's validation error" "\"code\":422" \
    -- -X POST "${JSON[@]}" -d '{"qty": 2}' $A:24021/api/orders
capbody $S body-morepath-404.txt 404/404 app morepath "WebOb's 404 page" "'404 Not Found' in the title" -- $A:24022/api/users/7
capbody $S body-nest-503.txt 503/503 app nestjs "Nest's ServiceUnavailableException" "\"statusCode\":503" -- $A:24030/api/down
capbody $S body-json-server-404.txt 0/404 app json-server "json-server's '{}'" "nothing but {}" -- $A:24031/api/orders/7
capbody $S body-moleculer-504.txt 504/504 app moleculer "moleculer-web's RequestTimeoutError" "\"code\":504" -- $A:24032/api/report
up hug && capbody $S body-waitress-500.txt 0/500 app waitress "waitress's 500 text" "'Internal Server Error', no number" -- $A:24020/api/boom
capbody $S body-aiohttp-502.txt 502/502 proxy aiohttp "the gateway's JSON 502" "\"status\": 502" -- $A:24024/dead/api/orders
capbody $S body-fastify-proxy-500.txt 500/500 proxy fastify-http-proxy "@fastify/http-proxy's JSON" "\"statusCode\":500" -- $A:24033/dead/api/orders
up apache && capbody $S body-modsec-403.txt 403/403 waf apache "Apache's 403 page for a CRS block" "'403 Forbidden' in the title" \
    -- "$A:24040/gin/api/search?$SQLI"
up apache && capbody $S body-modsec-json-403.txt 403/403 waf apache "the WAF's JSON error document" "\"status\":403" \
    -- "$A:24041/smorest/api/health?$XSS"
up apache && capbody $S body-openidc-401.txt 401/401 identity apache "Apache's 401 page from mod_auth_openidc" "'401 Unauthorized' in the title" \
    -- $A:24042/api/orders
up nginx && capbody $S body-nginx-auth-json-401.txt 0/401 identity nginx "nginx's JSON 401 for auth_request" "unauthorized, no number" \
    -- $A:24050/secure-json/api/orders
up nginx && capbody $S body-nginx-anonymous-502.txt 0/502 proxy nginx "nginx's page that names nobody" "no number" -- $A:24050/dead/api/orders
up caddy && capbody $S body-authz-401.txt 0/401 identity go-net-http "the token service's JSON through Caddy" "no number" -- $A:24052/api/orders
up h2o && capbody $S body-h2o-502.txt 0/502 proxy h2o "h2o's JSON error-doc" "bad_gateway, no number" -- $A:24054/dead/api/orders
up varnish && capbody $S body-varnish-503.txt 0/503 cdn-cache varnish "Varnish's JSON backend error" "no number" -- $A:24058/dead/api/orders
up haproxy && capbody $S body-haproxy-429.txt 0/429 load-balancer haproxy "HAProxy's JSON 429" "too_many_requests, no number" -- $A:24057/quota/api/orders

# ================================================ headers-only pastes ==
S=headers-only-paste
caphead $S head-nest-503.txt 503 app nestjs "curl -sI on Nest's 503 (Express answers HEAD on GET routes)" "X-Powered-By: Express" -- $A:24030/api/down
caphead $S head-smorest-503.txt 503 app flask-smorest "curl -sI, Flask-Smorest's 503" "Server: Werkzeug, Retry-After" -- $A:24021/api/down
caphead $S head-moleculer-404.txt 404 app moleculer "curl -sI, moleculer-web has no HEAD alias" "X-Request-ID" -- $A:24032/api/health
up apache && caphead $S head-modsec-403.txt 403 waf apache "curl -sI with a scanner's User-Agent" "Server: Apache only" \
    -- -A 'Nikto/2.1.6' $A:24040/gin/api/health
up apache && caphead $S head-openidc-401.txt 401 identity apache "curl -sI, no token" "WWW-Authenticate: Bearer" -- $A:24042/api/orders
up nginx && caphead $S head-nginx-auth-401.txt 401 identity nginx "curl -sI, auth_request refuses" "no Server, X-Request-ID" -- $A:24050/secure/api/orders
up haproxy && caphead $S head-haproxy-403.txt 403 load-balancer haproxy "curl -sI, http-request deny" "X-Request-ID" -- $A:24057/admin/users
up varnish && caphead $S head-varnish-503.txt 503 cdn-cache varnish "curl -sI, synth 503" "no Server, no Via" -- $A:24058/maint
up lighttpd && caphead $S head-lighttpd-503.txt 503 proxy lighttpd "curl -sI, upstream refuses" "no Server" -- $A:24053/dead/api/orders

# ======================================= last: things that stop servers ==
log "capturing: origins stopped behind caches"
if up varnish; then
    stop_name gin
    sleep 2   # past gin's max-age=1, inside the grace
    cap varnish-hidden varnish-200-grace-gin-stopped.txt 200 cdn-cache varnish "gin stopped: a grace hit" \
        "the stale copy with X-Cache: HIT and an Age over max-age, nothing names Varnish" -- -sv $A:24058/api/catalog
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round6/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
