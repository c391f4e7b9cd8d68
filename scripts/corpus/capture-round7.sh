#!/usr/bin/env bash
# capture-round7.sh — build the seventh held-out evidence corpus in
# tests/fixtures/evidence-round7/ (issue 15: "measured as generalization",
# fifth cycle).
#
# Writers no earlier round (capture.sh, capture-round2.sh ... capture-round6.sh)
# used: gorilla/mux from Debian's packaged sources, a net/http/httputil
# gateway whose ErrorHandler writes JSON and a Bearer token gate (plain
# net/http), Emmett on Granian, a Tornado API gateway, restana, an
# express-http-proxy gateway, a hapi gateway on @hapi/h2o2, pproxy asking for
# proxy credentials. A WAF other than Apache's: ModSecurity 3 in nginx with
# the OWASP CRS. Identity layers: Basic/Digest auth at nginx, Caddy,
# lighttpd and HAProxy, Squid's proxy auth, the token gate, the Tornado
# gateway's API-key check. Proxies and caches in configurations no round
# used: nginx answering 304/412/stale from its cache and replacing the app's
# 5xx with its own JSON, HAProxy's pages for uncommon codes, Varnish with its
# Via and X-Varnish kept. Body-only and headers-only pastes, HTTPie with
# colours, transcripts saved with their CRs or pasted with CRLF, HTTP/2.
#
#   scripts/corpus/capture-round7.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round7.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round7.sh       # keep configs + logs in the runtime dir
#
# Rules as in rounds 1-6: every server binds 127.0.0.1 (ports 25000-25999)
# and the script stops if a new socket listens anywhere else; every curl runs
# under `timeout`; every loop is bounded; every server it started is stopped
# on exit, by process id. Debian packages come from apt (with a policy-rc.d so
# nothing starts on its default port), Python packages from PyPI into venvs,
# Node packages from npm, all pinned below. The Go apps are built offline in
# GOPATH mode from Debian's /usr/share/gocode. Labels are written by
# finish_round7.py, which refuses (and this script then leaves the fixtures
# as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round7"
RUN=/tmp/api-triage-corpus7
STAGE="$RUN/evidence"
CONF="$HERE/conf-round7"
# Emmett 2.8.2 and pproxy 2.7.9 sit in round 6's venv (installed there, never used)
VENV=${CORPUS_VENV:-/tmp/api-triage-corpus6-venv}
VENV7=${CORPUS_VENV7:-/tmp/api-triage-corpus7-venv}
NODE_DIR=${CORPUS_NODE:-/tmp/api-triage-corpus7-node}
GODIR=${CORPUS_GO:-/tmp/api-triage-corpus7-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venvs and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus7 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie nodejs python3-venv apache2-utils nginx libnginx-mod-http-modsecurity modsecurity-crs
          haproxy varnish caddy lighttpd squid golang-go golang-github-gorilla-mux-dev)
PYPI=(emmett==2.8.2 pproxy==2.7.9)
PYPI7=(tornado==6.4.2)
NPM=(restana@4.9.9 express@4.21.2 express-http-proxy@2.1.1 @hapi/hapi@21.3.12 @hapi/h2o2@10.0.4)
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
    local dir=$1 mod=$2; shift 2
    [[ -x $dir/bin/python ]] && "$dir/bin/python" -c "import $mod" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[$mod]="venv missing"; return 0; }
    log "pip install into $dir: $*"
    "$PY" -m venv "$dir" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[$mod]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$dir/bin/pip" install -q "$@" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[$mod]="pip install failed (see logs/pip.log)"
}

install_node() {  # the Node frameworks, from npm
    local m ok=1
    for m in restana express-http-proxy @hapi/hapi @hapi/h2o2; do
        [[ -d $NODE_DIR/node_modules/$m ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node modules missing"; return 0; }
    log "npm install into $NODE_DIR: ${NPM[*]}"
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name": "corpus7", "private": true}' >"$NODE_DIR/package.json"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # gorilla/mux from Debian's /usr/share/gocode, offline, GOPATH mode
    [[ -x $GODIR/apps7 && $GODIR/apps7 -nt $HERE/apps7.go ]] && return 0
    have golang-go || { SKIPPED[go]="golang-go not installed"; return 0; }
    mkdir -p "$GODIR/src/apps7"
    cp "$HERE/apps7.go" "$GODIR/src/apps7/main.go"
    log "go build (GOPATH mode, offline)"
    (cd "$GODIR/src/apps7" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR:/usr/share/gocode" GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GODIR/apps7" .) >"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[go]="go build failed (see logs/go-build.log)"
}

have() { [[ -z ${SKIPPED[$1]:-} ]] && installed "$1"; }
have_node() { [[ -z ${SKIPPED[npm]:-} && -d $NODE_DIR/node_modules/restana ]]; }
have_go() { [[ -z ${SKIPPED[go]:-} && -x $GODIR/apps7 ]]; }

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
    [[ $cmd == *"$RUN/"* || $cmd == *"$HERE/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"$GODIR/"* || $cmd == *"apps7"* || $cmd == *"$VENV/bin/pproxy"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round7.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv "$VENV" emmett "${PYPI[@]}"
install_venv "$VENV7" tornado "${PYPI7[@]}"
install_node
build_go
[[ -z ${SKIPPED[emmett]:-} && -z ${SKIPPED[tornado]:-} ]] || die "a Python venv is missing"
have_node || die "the Node modules are missing (${SKIPPED[npm]:-?})"
have_go || die "the Go apps did not build (${SKIPPED[go]:-?})"

PORTS=(25001 25010 25011 25012 25020 25022 25030 25031 25032 25050 25051 25052 25054 25055 25056 25057 25058 25059)
for p in "${PORTS[@]}" 25009; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg up-slow "$PY" "$HERE/upstream.py" slow 25001

GO=$GODIR/apps7
start_bg mux       "$GO" mux 25010
start_bg gogateway "$GO" gateway 25011 /mux=http://127.0.0.1:25010 /restana=http://127.0.0.1:25030 \
    /dead=http://127.0.0.1:25009 /slow=http://127.0.0.1:25001 /waf=http://127.0.0.1:25052
start_bg tokengate "$GO" tokengate 25012 http://127.0.0.1:25010

start_bg emmett env APPS7=emmett "$VENV/bin/emmett" -a apps7 serve -h 127.0.0.1 -p 25020
start_bg tornado "$VENV7/bin/python" "$HERE/apps7.py" tornado-gateway 25022 /emmett=http://127.0.0.1:25020 \
    /mux=http://127.0.0.1:25010 /dead=http://127.0.0.1:25009 /slow=http://127.0.0.1:25001 /gate=http://127.0.0.1:25012
start_bg pproxy "$VENV/bin/pproxy" -l 'http://127.0.0.1:25059#ops:s3cret'

export NODE_ENV=production NODE_PATH="$NODE_DIR/node_modules"
start_bg restana node "$HERE/apps7.js" restana 25030
start_bg expressproxy node "$HERE/apps7.js" expressproxy 25031 /r=http://127.0.0.1:25030 \
    /mux=http://127.0.0.1:25010 /dead=http://127.0.0.1:25009 /slow=http://127.0.0.1:25001
start_bg h2o2 node "$HERE/apps7.js" h2o2 25032 /r=http://127.0.0.1:25030 /emmett=http://127.0.0.1:25020 \
    /dead=http://127.0.0.1:25009 /slow=http://127.0.0.1:25001

for p in 25001 25010 25011 25012; do wait_port $p go || die "a Go app did not start on $p"; done
for p in 25020 25022 25059; do wait_port $p python || die "a Python app did not start on $p"; done
for p in 25030 25031 25032; do wait_port $p node || die "a Node app did not start on $p"; done

# ---- front layers ------------------------------------------------------------
if have nginx && have libnginx-mod-http-modsecurity && have modsecurity-crs && have apache2-utils; then
    mkdir -p "$RUN"/nginx/{tmp,cache,modsec}
    htpasswd -cbB "$RUN/nginx/htpasswd" ops s3cret >/dev/null 2>&1
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    render "$CONF/modsec-main.conf" "$RUN/nginx/modsec-main.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 25050 nginx && wait_port 25051 nginx && wait_port 25052 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    cp "$CONF/haproxy-504.json.http" "$RUN/haproxy/504.json"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 25054 haproxy && UP[haproxy]=1
fi
if have varnish; then
    mkdir -p "$RUN/varnish"
    render "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:25055 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 25055 varnish && UP[varnish]=1
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    HASH=$(caddy hash-password --plaintext s3cret 2>/dev/null)
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s|@HASH@|$HASH|"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 25056 caddy && UP[caddy]=1
fi
if have lighttpd && have apache2-utils; then
    mkdir -p "$RUN"/lighttpd/htdocs
    htpasswd -cbB "$RUN/lighttpd/htpasswd" ops s3cret >/dev/null 2>&1
    printf 'ops:orders:%s\n' "$(printf 'ops:orders:s3cret' | md5sum | cut -d' ' -f1)" >"$RUN/lighttpd/htdigest"
    render "$CONF/lighttpd.conf" "$RUN/lighttpd/lighttpd.conf"
    start_bg lighttpd lighttpd -D -f "$RUN/lighttpd/lighttpd.conf"
    wait_port 25057 lighttpd && UP[lighttpd]=1
fi
if have squid && have apache2-utils; then
    mkdir -p "$RUN/squid"
    htpasswd -cb "$RUN/squid/passwd" ops s3cret >/dev/null 2>&1
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || chmod -R 777 "$RUN/squid"
    start_bg squid squid -N -f "$RUN/squid/squid.conf"
    wait_port 25058 squid && UP[squid]=1
fi

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
sleep 3   # HAProxy's health check marks the refused server down (inter 1s, fall 1)

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 7 (held out): real responses captured by
# scripts/corpus/capture-round7.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-6:
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
SQLI="q=1%27%20OR%20%271%27%3D%271"
XSS="q=%3Cscript%3Ealert(document.cookie)%3C%2Fscript%3E"

# ==================================================================== Go ==
log "capturing: go"
S=gorilla-mux-direct
MX=$A:25010
cap $S mux-404-unrouted.txt 404 app gorilla-mux "no route" \
    "net/http's '404 page not found' as text/plain, no Server" -- -sv $MX/api/orders/7
cap $S mux-405-method.txt 405 app gorilla-mux "DELETE on a GET route" "curl -si; an EMPTY 405, no Allow header" -- -si -X DELETE $MX/api/health
cap $S mux-500-http-error.txt 500 app gorilla-mux "http.Error(w, ..., 500)" \
    "the app's message as text/plain, X-Content-Type-Options: nosniff" -- -sv $MX/api/boom
cap $S mux-0-panic-empty-reply.txt 0 app go-net-http "a handler panics, no recovery middleware" \
    "net/http recovers the panic and closes the connection: 'Empty reply from server'" -- -sv $MX/api/panic
cap $S mux-404-json.txt 404 app gorilla-mux "the handler writes 404 itself" "JSON, no Server" -- -sv $MX/api/users/7
cap $S mux-503-json.txt 503 app gorilla-mux "the app's JSON 503 with Retry-After" "curl -si" -- -si $MX/api/down
capraw $S mux-503-own-html.txt 503 app gorilla-mux "the app's own HTML 503" \
    "curl -si saved to a file (CRs kept); a copy of nginx's page with '<center>nginx</center>'" -- -si $MX/api/maint
capwin $S mux-504-own-html.txt 504 app gorilla-mux "the app's own HTML 504" \
    "curl -si pasted with CRLF; 'The upstream server did not respond in time.' written by the app" -- -si $MX/api/report
caphttp $S mux-429-json-httpie.txt 429 app gorilla-mux "HTTPie -v, the app's JSON 429" "HTTPie with colours" -- -v GET $MX/api/limited

S=go-reverseproxy-gateway
GW=$A:25011
cap $S gogw-502-json-refused.txt 502 proxy go-reverseproxy "httputil.ReverseProxy, upstream refuses; the ErrorHandler's JSON" \
    "{\"error\":{\"code\":\"upstream_unreachable\",...,\"request_id\":...}} and X-Request-Id, no Server" -- -sv $GW/dead/api/users/42
cap $S gogw-504-json-slow.txt 504 proxy go-reverseproxy "upstream answers after 5 s, ResponseHeaderTimeout 2 s" \
    "curl -si; upstream_timeout with the request id inside" -- -si $GW/slow/api/report
cap $S gogw-404-unrouted.txt 404 proxy go-net-http "no prefix matches: the gateway's ServeMux" \
    "'404 page not found', the same words as the apps behind it" -- -sv $GW/v2/orders
cap $S mux-404-gogw-passthrough.txt 404 app gorilla-mux "gorilla/mux's 404 through the gateway" \
    "X-Request-Id added" -- -sv $GW/mux/api/orders/7
cap $S restana-500-gogw-passthrough.txt 500 app restana "restana's 500 through the gateway" "curl -si" -- -si $GW/restana/api/boom
cap $S mux-503-gogw-passthrough.txt 503 app gorilla-mux "gorilla/mux's JSON 503 through the gateway" \
    "Retry-After kept, X-Request-Id added" -- -sv $GW/mux/api/down

S=go-token-gate
TG=$A:25012
cap $S gate-401-no-token.txt 401 identity go-net-http "a token gate in front of the API: no token" \
    "JSON invalid_request, WWW-Authenticate: Bearer realm=\"orders\"" -- -sv $TG/api/health
cap $S gate-401-expired.txt 401 identity go-net-http "an expired token" \
    "curl -si; error=\"invalid_token\" in WWW-Authenticate and the JSON" -- -si -H 'Authorization: Bearer expired-91c2' $TG/api/orders
cap $S gate-401-empty-unknown-token.txt 401 identity go-net-http "a token the gate does not know" \
    "an EMPTY 401, only WWW-Authenticate says why" -- -sv -H 'Authorization: Bearer 3f9a0c' $TG/api/orders
caphttp $S gate-401-basic-httpie.txt 401 identity go-net-http "HTTPie -v with Basic credentials" \
    "HTTPie with colours; 'Bearer token required'" -- -v -a ops:s3cret GET $TG/api/orders
cap $S mux-403-scope-behind-gate.txt 403 app gorilla-mux "a good token; the app refuses the scope itself" \
    "the APP's 403 with its own WWW-Authenticate: Bearer error=\"insufficient_scope\"" \
    -- -sv -H 'Authorization: Bearer good-token' $TG/api/private
cap $S mux-500-gate-passthrough.txt 500 app gorilla-mux "a good token; the app's 500" "curl -si" \
    -- -si -H 'Authorization: Bearer good-token' $TG/api/boom

# ================================================================ Python ==
log "capturing: python"
S=emmett-granian
EM=$A:25020
cap $S emmett-500-unhandled.txt 500 app emmett "a route raises" \
    "'Internal error' as text/plain, server: granian, lower-case headers" -- -sv $EM/api/boom
cap $S emmett-404-unrouted.txt 404 app emmett "no route" "curl -si; 'Resource not found'" -- -si $EM/api/orders/x
cap $S emmett-404-abort-empty.txt 404 app emmett "abort(404)" "an EMPTY 404 typed text/plain" -- -sv $EM/api/orders/7
cap $S emmett-404-json.txt 404 app emmett "the route sets 404 itself" "JSON" -- -sv $EM/api/users/7
cap $S emmett-503-json.txt 503 app emmett "the app's JSON 503 with Retry-After" "curl -si" -- -si $EM/api/down
cap $S emmett-502-own-html.txt 502 app emmett "the app's own HTML 502" \
    "'The server received an invalid response from an upstream server.' written by the app" -- -sv $EM/api/pay
cap $S emmett-422-json.txt 422 app emmett "a body without sku" "JSON errors" \
    -- -sv -X POST "${JSON[@]}" -d '{"qty": 2}' $EM/api/orders
capraw $S emmett-503-own-html.txt 503 app emmett "the app's own HTML 503" "curl -si saved to a file (CRs kept)" -- -si $EM/api/maint

S=tornado-gateway
TO=$A:25022
cap $S tornado-gw-502-json-refused.txt 502 proxy tornado "a Tornado API gateway, upstream refuses" \
    "its JSON 502 with the request id inside, Server: TornadoServer/6.4.2" -- -sv $TO/dead/api/users/42
cap $S tornado-gw-504-json-slow.txt 504 proxy tornado "upstream answers after 5 s, request_timeout 2" \
    "curl -si; upstream_timeout" -- -si $TO/slow/api/report
cap $S tornado-gw-404-default-page.txt 404 proxy tornado "no prefix matches" \
    "Tornado's '<title>404: Not Found</title>' page" -- -sv $TO/v2/orders
cap $S tornado-gw-401-no-api-key.txt 401 identity tornado "the gateway's API-key check: no key" \
    "JSON missing_api_key, WWW-Authenticate: ApiKey" -- -sv $TO/partner/mux/api/health
cap $S tornado-gw-403-bad-api-key.txt 403 identity tornado "a key the gateway refuses" "curl -si; JSON invalid_api_key" \
    -- -si -H 'X-Api-Key: partner-old' $TO/partner/mux/api/health
cap $S emmett-500-tornado-passthrough.txt 500 app emmett "Emmett's 500 through the gateway" \
    "server: granian replaced by TornadoServer" -- -sv $TO/emmett/api/boom
cap $S mux-404-tornado-partner.txt 404 app gorilla-mux "a good API key; gorilla/mux's 404 relayed" "curl -si" \
    -- -si -H 'X-Api-Key: partner-good' $TO/partner/mux/api/orders/7
cap $S mux-503-tornado-passthrough.txt 503 app gorilla-mux "gorilla/mux's JSON 503 through the gateway" \
    "curl -si; Server: TornadoServer, X-Request-Id" -- -si $TO/mux/api/down

S=pproxy-auth
PP=http://127.0.0.1:25059
cap $S pproxy-407-no-credentials.txt 407 proxy pproxy "pproxy as an HTTP proxy with a user: no credentials" \
    "an EMPTY 407, Proxy-Authenticate: Basic realm=\"simple\", no Server" -- -sv -x $PP $MX/api/users/7
cap $S pproxy-407-wrong-credentials.txt 407 proxy pproxy "wrong credentials" "curl -si" -- -si -x http://ops:wrong@127.0.0.1:25059 $MX/api/users/7
cap $S pproxy-0-dead-upstream.txt 0 proxy pproxy "good credentials, the target refuses" \
    "pproxy closes the connection: 'Empty reply from server'" -- -sv -x http://ops:s3cret@127.0.0.1:25059 $A:25009/api/orders
cap $S mux-404-via-pproxy.txt 404 app gorilla-mux "good credentials; gorilla/mux's 404 relayed" "" \
    -- -sv -x http://ops:s3cret@127.0.0.1:25059 $MX/api/users/7
cap $S emmett-500-via-pproxy.txt 500 app emmett "good credentials; Emmett's 500 relayed" "curl -si; server: granian" \
    -- -si -x http://ops:s3cret@127.0.0.1:25059 $EM/api/boom

# ================================================================== Node ==
log "capturing: node"
S=restana-direct
RE=$A:25030
cap $S restana-500-thrown.txt 500 app restana "a handler throws" \
    "{\"code\":500,\"message\":...}, no Server, no X-Powered-By" -- -sv $RE/api/boom
cap $S restana-404-unrouted-empty.txt 404 app restana "no route" "an EMPTY 404 with no Content-Type" -- -sv $RE/api/orders/7
cap $S restana-404-json.txt 404 app restana "the handler sends 404" "curl -si" -- -si $RE/api/users/7
cap $S restana-503-json.txt 503 app restana "the app's JSON 503 with Retry-After" "" -- -sv $RE/api/down
cap $S restana-503-own-html.txt 503 app restana "the app's own HTML 503" "curl -si; looks like nginx's page" -- -si $RE/api/maint
cap $S restana-504-own-html.txt 504 app restana "the app's own HTML 504" "'Gateway Time-out' written by the app" -- -sv $RE/api/report
caphttp $S restana-429-json-httpie.txt 429 app restana "HTTPie -v, the app's JSON 429" "HTTPie with colours" -- -v GET $RE/api/limited

S=express-http-proxy
EP=$A:25031
cap $S ehp-500-refused-finalhandler.txt 500 proxy express "express-http-proxy, upstream refuses; next(err)" \
    "Express's HTML '<pre>Internal Server Error</pre>' written by the gateway, X-Powered-By: Express" -- -sv $EP/dead/api/users/42
cap $S ehp-504-timeout-empty.txt 504 proxy express-http-proxy "upstream answers after 5 s, timeout 2000" \
    "curl -si; an EMPTY 504 with X-Timeout-Reason: express-http-proxy reset the request." -- -si $EP/slow/api/report
cap $S ehp-404-cannot-get.txt 404 proxy express "no prefix matches" "'Cannot GET /v2/orders' from the gateway's Express" -- -sv $EP/v2/orders
cap $S restana-500-ehp-passthrough.txt 500 app restana "restana's 500 through the gateway" \
    "X-Powered-By: Express added" -- -sv $EP/r/api/boom
cap $S mux-503-ehp-passthrough.txt 503 app gorilla-mux "gorilla/mux's 503 through the gateway" "curl -si" -- -si $EP/mux/api/down
cap $S mux-504-ehp-passthrough.txt 504 app gorilla-mux "gorilla/mux's own HTML 504 through the gateway" \
    "a gateway in front and a 504 page, but the app wrote it" -- -sv $EP/mux/api/report

S=hapi-h2o2-gateway
HG=$A:25032
cap $S h2o2-502-refused.txt 502 proxy h2o2 "hapi with @hapi/h2o2, upstream refuses" \
    "Boom's JSON: 'Client request error: connect ECONNREFUSED 127.0.0.1:25009'" -- -sv $HG/dead/api/users/42
cap $S h2o2-504-timeout.txt 504 proxy h2o2 "upstream answers after 5 s, timeout 2000" \
    "curl -si; 'Client request timeout', \"error\":\"Gateway Time-out\"" -- -si $HG/slow/api/report
cap $S hapi-404-gateway-unrouted.txt 404 proxy hapi "no route in the gateway" \
    "hapi's {\"statusCode\":404,\"error\":\"Not Found\"}" -- -sv $HG/v2/orders
cap $S emmett-404-h2o2-passthrough.txt 404 app emmett "Emmett's 404 through the gateway" "server: granian kept" -- -sv $HG/emmett/api/users/7
cap $S restana-503-h2o2-passthrough.txt 503 app restana "restana's 503 through the gateway" "curl -si" -- -si $HG/r/api/down
cap $S emmett-502-h2o2-passthrough.txt 502 app emmett "Emmett's own HTML 502 through the hapi gateway" \
    "a 502 behind a gateway, written by the app" -- -sv $HG/emmett/api/pay

# ================================================================= nginx ==
log "capturing: nginx"
if up nginx; then
    S=nginx-cache
    NC=$A:25050/cache
    cap $S mux-200-nginx-cache-miss.txt 200 app gorilla-mux "first request: a MISS, the app answers" \
        "curl -si; X-Cache-Status: MISS, Server: nginx/1.22.1" -- -si $NC/api/catalog
    cap $S nginx-200-cache-hit.txt 200 cdn-cache nginx "a second GET inside max-age" \
        "served from nginx's cache, X-Cache-Status: HIT" -- -sv $NC/api/catalog
    cap $S nginx-304-cache.txt 304 cdn-cache nginx "If-None-Match on the cached object" \
        "nginx answers 304 itself; the app never sends 304" -- -sv -H 'If-None-Match: "catalog-v7"' $NC/api/catalog
    cap $S nginx-412-cache-if-match.txt 412 cdn-cache nginx "If-Match with another ETag" \
        "curl -si; nginx's own '412 Precondition Failed' page" -- -si -H 'If-Match: "catalog-v6"' $NC/api/catalog
    S=nginx-intercept-json
    NI=$A:25050
    cap $S nginx-503-json-replaces-app-503.txt 503 proxy nginx "proxy_intercept_errors: the app's 503 replaced by nginx's JSON" \
        "nginx's JSON with \$request_id inside; the app's body and Retry-After are gone" -- -sv $NI/mux/api/down
    cap $S nginx-503-json-replaces-app-504.txt 503 proxy nginx "the app's HTML 504 replaced by the same JSON 503" \
        "curl -si; the status changed too" -- -si $NI/mux/api/report
    cap $S nginx-503-json-dead.txt 503 proxy nginx "upstream refuses; error_page to a JSON 503" \
        "the request id in the body and in X-Request-ID" -- -sv $NI/dead/api/orders
    capraw $S nginx-503-json-slow.txt 503 proxy nginx "upstream answers after 5 s, proxy_read_timeout 2 s" \
        "curl -si saved to a file (CRs kept); a 503, not a 504" -- -si $NI/slow/api/report
    cap $S mux-404-nginx-not-intercepted.txt 404 app gorilla-mux "gorilla/mux's 404 (no error_page for 404)" \
        "Server: nginx, X-Request-ID" -- -sv $NI/mux/api/users/7
    cap $S restana-500-nginx-passthrough.txt 500 app restana "restana's 500 through nginx (no intercept there)" "curl -si" -- -si $NI/restana/api/boom
    cap $S nginx-410-return-json.txt 410 proxy nginx "return 410 with a JSON string for a retired API" \
        "the request id inside, Content-Type application/json" -- -sv $NI/v1/orders
    cap $S nginx-404-default.txt 404 proxy nginx "location / { return 404; }" "curl -si; nginx's page with its version" -- -si $NI/v2/orders
    S=nginx-basic-auth
    cap $S nginx-401-basic-no-credentials.txt 401 identity nginx "auth_basic, no credentials" \
        "nginx's 401 page, WWW-Authenticate: Basic realm=\"orders-internal\"" -- -sv $NI/basic/api/health
    cap $S nginx-401-basic-wrong-password.txt 401 identity nginx "auth_basic, a wrong password" "curl -si" -- -si -u ops:wrong $NI/basic/api/health
    cap $S mux-500-behind-nginx-basic.txt 500 app gorilla-mux "good credentials; the app's 500" "" -- -sv -u ops:s3cret $NI/basic/api/boom
    S=nginx-h2c
    NH=$A:25051
    cap $S restana-500-h2c-nginx.txt 500 app restana "h2c to nginx, restana's 500" "HTTP/2 500, server: nginx" -- -sv --http2-prior-knowledge $NH/restana/api/boom
    cap $S emmett-404-h2c-nginx.txt 404 app emmett "h2c to nginx, Emmett's 404" "curl -si" -- -si --http2-prior-knowledge $NH/emmett/api/users/7
    cap $S nginx-502-h2c-dead.txt 502 proxy nginx "h2c to nginx, the upstream refuses" "nginx's 502 page over HTTP/2" \
        -- -sv --http2-prior-knowledge $NH/dead/api/orders
    cap $S restana-503-h2c-nginx.txt 503 app restana "h2c to nginx, restana's JSON 503" "curl -si" -- -si --http2-prior-knowledge $NH/restana/api/down
cap $S emmett-502-h2c-nginx.txt 502 app emmett "h2c to nginx, Emmett's own HTML 502" \
    "HTTP/2 502, server: nginx, and the app wrote the page" -- -sv --http2-prior-knowledge $NH/emmett/api/pay
    S=nginx-modsecurity-crs
    NW=$A:25052
    cap $S nginx-modsec-403-sqli.txt 403 waf nginx "ModSecurity 3 + CRS in nginx blocks a SQL injection" \
        "nginx's plain 403 page (server_tokens off), X-Request-ID" -- -sv "$NW/mux/api/search?$SQLI"
    cap $S nginx-modsec-403-xss.txt 403 waf nginx "CRS blocks a script tag" "curl -si" -- -si "$NW/emmett/api/search?$XSS"
    cap $S nginx-modsec-403-scanner.txt 403 waf nginx "CRS blocks a scanner's User-Agent" \
        "a 403 for a GET that is otherwise fine" -- -sv -A 'Nikto/2.1.6' $NW/mux/api/health
    caphttp $S nginx-modsec-403-rce-httpie.txt 403 waf nginx "HTTPie -v, CRS blocks a Unix command" "HTTPie with colours" \
        -- -v GET "$NW/restana/api/search" "q==;cat /etc/passwd"
    cap $S mux-404-nginx-waf-passthrough.txt 404 app gorilla-mux "gorilla/mux's 404 through the WAF" "" -- -sv $NW/mux/api/users/7
    cap $S emmett-500-nginx-waf-passthrough.txt 500 app emmett "Emmett's 500 through the WAF" "curl -si" -- -si $NW/emmett/api/boom
    cap $S restana-429-nginx-waf-passthrough.txt 429 app restana "restana's 429 through the WAF" "" -- -sv $NW/restana/api/limited
cap $S mux-503-html-nginx-waf-passthrough.txt 503 app gorilla-mux "gorilla/mux's own HTML 503 through the WAF" \
    "curl -si; nginx's page as the app copied it, behind a real nginx" -- -si $NW/mux/api/maint
fi

# =============================================== HAProxy, Varnish, Caddy ==
log "capturing: haproxy, varnish, caddy, lighttpd, squid"
if up haproxy; then
    S=haproxy-auth-errors
    HP=$A:25054
    cap $S haproxy-401-basic-auth.txt 401 identity haproxy "http-request auth, no credentials" \
        "HAProxy's 401 page, WWW-Authenticate: Basic realm=\"orders-admin\"" -- -sv $HP/admin/users
    cap $S haproxy-401-basic-wrong.txt 401 identity haproxy "http-request auth, a wrong password" "curl -si" -- -si -u ops:nope $HP/admin/users
    cap $S haproxy-403-json-deny.txt 403 load-balancer haproxy "http-request deny with a JSON lf-string" \
        "the unique id in the body and in X-Request-ID" -- -sv $HP/internal/metrics
    cap $S haproxy-410-deny.txt 410 load-balancer haproxy "http-request deny deny_status 410" \
        "HAProxy's own '410 Gone' page" -- -sv $HP/v1/orders
    cap $S haproxy-405-trace.txt 405 load-balancer haproxy "TRACE denied with deny_status 405" \
        "curl -si; HAProxy's '405 Method Not Allowed' page" -- -si -X TRACE $HP/api/health
    cap $S haproxy-503-no-server.txt 503 load-balancer haproxy "the only server is down" \
        "HAProxy's standard 503 page" -- -sv $HP/dead/api/orders
    cap $S haproxy-504-json-errorfiles.txt 504 load-balancer haproxy "timeout server 2s; an errorfiles section with a JSON 504" \
        "curl -si; JSON that names nobody" -- -si $HP/slow/api/report
    cap $S mux-404-haproxy-server-replaced.txt 404 app gorilla-mux "gorilla/mux's 404 through HAProxy" \
        "Server: gateway set by HAProxy, X-Request-ID" -- -sv $HP/api/users/7
    cap $S mux-500-haproxy-server-replaced.txt 500 app gorilla-mux "gorilla/mux's 500 through HAProxy" "curl -si" -- -si $HP/api/boom
cap $S emmett-503-via-haproxy-h2o2.txt 503 app emmett "HAProxy -> hapi/h2o2 gateway -> Emmett's JSON 503" \
    "two proxies, Server: gateway, and the app answered" -- -sv $HP/gw/emmett/api/down
fi
if up varnish; then
    S=varnish-via
    VA=$A:25055
    cap $S mux-200-varnish-miss.txt 200 app gorilla-mux "first request: MISS" "curl -si; Via: 1.1 varnish (Varnish/7.1), X-Varnish" -- -si $VA/api/catalog
    cap $S varnish-304-if-none-match.txt 304 cdn-cache varnish "If-None-Match on the cached object" \
        "Varnish answers 304 itself" -- -sv -H 'If-None-Match: "catalog-v7"' $VA/api/catalog
    cap $S varnish-200-hit.txt 200 cdn-cache varnish "a second GET inside max-age" "X-Cache: HIT, Age, two ids in X-Varnish" -- -sv $VA/api/catalog
    cap $S varnish-405-purge-json.txt 405 cdn-cache varnish "PURGE is refused: synth(405) as JSON" \
        "the xid inside and in X-Varnish, Server: Varnish, no Via" -- -sv -X PURGE $VA/api/catalog
    cap $S varnish-429-synth-json.txt 429 cdn-cache varnish "a scanner's User-Agent: synth(429)" "curl -si" -- -si -A 'masscan/1.3' $VA/api/catalog
    cap $S varnish-503-guru.txt 503 cdn-cache varnish "the backend refuses: the builtin backend error page" \
        "'Guru Meditation' page with the XID" -- -sv $VA/dead/api/orders
    cap $S mux-404-varnish-via.txt 404 app gorilla-mux "gorilla/mux's 404 through Varnish" "Via and X-Varnish added" -- -sv $VA/api/users/7
    cap $S mux-503-varnish-via.txt 503 app gorilla-mux "gorilla/mux's JSON 503 through Varnish" "curl -si" -- -si $VA/api/down
cap $S mux-504-varnish-via.txt 504 app gorilla-mux "gorilla/mux's own HTML 504 through Varnish" \
    "Via: varnish and a 504 page, written by the app" -- -sv $VA/api/report
fi
if up caddy; then
    S=caddy-basic-auth-json
    CA=$A:25056
    cap $S caddy-401-basicauth.txt 401 identity caddy "basicauth, no credentials" \
        "handle_errors turns it into JSON with the request id; WWW-Authenticate: Basic realm=\"restricted\", Server: orders-edge" -- -sv $CA/basic/api/health
    cap $S caddy-401-basicauth-wrong.txt 401 identity caddy "basicauth, a wrong password" "curl -si" -- -si -u ops:wrong $CA/basic/api/health
    cap $S mux-404-behind-caddy-basicauth.txt 404 app gorilla-mux "good credentials; gorilla/mux's 404" "Server: orders-edge" \
        -- -sv -u ops:s3cret $CA/basic/api/users/7
    cap $S caddy-502-json-handle-errors.txt 502 proxy caddy "upstream refuses; handle_errors writes JSON" \
        "the request id inside and in X-Request-ID, Server: orders-edge" -- -sv $CA/dead/api/users/42
    cap $S caddy-504-json-slow.txt 504 proxy caddy "upstream answers after 5 s, response_header_timeout 2s" "curl -si" -- -si $CA/slow/api/report
    cap $S caddy-451-respond.txt 451 proxy caddy "respond 451" "an EMPTY 451" -- -sv $CA/legal/reports
    cap $S caddy-404-json-handle-errors.txt 404 proxy caddy "no route: error 404, handle_errors JSON" "curl -si" -- -si $CA/v2/orders
    cap $S emmett-500-caddy-passthrough.txt 500 app emmett "Emmett's 500 through Caddy" "Caddy's Server: orders-edge beside granian's" -- -sv $CA/emmett/api/boom
cap $S emmett-503-html-caddy-passthrough.txt 503 app emmett "Emmett's own HTML 503 through Caddy" "curl -si" -- -si $CA/emmett/api/maint
fi
if up lighttpd; then
    S=lighttpd-auth
    LI=$A:25057
    cap $S lighttpd-401-basic.txt 401 identity lighttpd "mod_auth Basic, no credentials" \
        "lighttpd's 401 page, Server: lighttpd/1.4.69" -- -sv $LI/basic/api/health
    cap $S lighttpd-401-digest.txt 401 identity lighttpd "mod_auth Digest, no credentials" \
        "curl -si; WWW-Authenticate: Digest with a nonce" -- -si $LI/digest/api/health
    cap $S mux-404-behind-lighttpd-basic.txt 404 app gorilla-mux "good Basic credentials; gorilla/mux's 404" "" \
        -- -sv -u ops:s3cret $LI/basic/api/users/7
    cap $S mux-503-behind-lighttpd-digest.txt 503 app gorilla-mux "good Digest credentials; the app's 503" \
        "the 401 challenge, then the app's answer" -- -sv --digest -u ops:s3cret $LI/digest/api/down
cap $S mux-504-behind-lighttpd-basic.txt 504 app gorilla-mux "good Basic credentials; the app's own HTML 504" \
    "curl -si; Server: lighttpd and a 504 page, written by the app" -- -si -u ops:s3cret $LI/basic/api/report
fi
if up squid; then
    S=squid-proxy-auth
    SQ=http://127.0.0.1:25058
    cap $S squid-407-no-credentials.txt 407 proxy squid "a forward proxy asking for credentials" \
        "Squid's ERR_CACHE_ACCESS_DENIED page, Proxy-Authenticate: Basic realm=\"egress\"" -- -sv -x $SQ $MX/api/users/7
    cap $S squid-407-wrong.txt 407 proxy squid "wrong proxy credentials" "curl -si" -- -si -x http://ops:wrong@127.0.0.1:25058 $MX/api/users/7
    cap $S mux-404-via-squid.txt 404 app gorilla-mux "good credentials; gorilla/mux's 404" "Via: 1.1 egress-proxy (squid/5.7), X-Cache: MISS" \
        -- -sv -x http://ops:s3cret@127.0.0.1:25058 $MX/api/users/7
cap $S mux-503-html-via-squid.txt 503 app gorilla-mux "good credentials; the app's own HTML 503" \
    "curl -si; Via: squid and nginx's words, written by the app" -- -si -x http://ops:s3cret@127.0.0.1:25058 $MX/api/maint
    cap $S squid-503-connect-fail.txt 503 proxy squid "good credentials, the target refuses" \
        "curl -si; ERR_CONNECT_FAIL" -- -si -x http://ops:s3cret@127.0.0.1:25058 $A:25009/api/orders
    cap $S squid-504-read-timeout.txt 504 proxy squid "good credentials, the target answers after 5 s, read_timeout 2 s" \
        "ERR_READ_TIMEOUT" -- -sv -x http://ops:s3cret@127.0.0.1:25058 $A:25001/api/report
fi

# ============================================================= two hops ==
log "capturing: two hops"
S=two-hops
up nginx && cap $S nginx-modsec-403-via-gogw.txt 403 waf nginx "Go gateway -> nginx ModSecurity -> app; CRS blocks" \
    "nginx's 403 page relayed by the gateway, X-Request-Id from both" -- -sv "$GW/waf/mux/api/search?$SQLI"
cap $S gate-401-via-tornado.txt 401 identity go-net-http "Tornado gateway -> token gate; no token" \
    "curl -si; the gate's JSON 401 relayed, Server: TornadoServer" -- -si $TO/gate/api/orders
up haproxy && cap $S h2o2-502-via-haproxy.txt 502 proxy h2o2 "HAProxy -> hapi/h2o2 gateway -> refused" \
    "h2o2's JSON 502 relayed, Server: gateway set by HAProxy" -- -sv $A:25054/gw/dead/api/orders
up nginx && cap $S nginx-modsec-403-h2c-via-nginx.txt 403 waf nginx "h2c to nginx -> nginx ModSecurity; CRS blocks" \
    "HTTP/2 403 relayed by the outer nginx" -- -sv --http2-prior-knowledge "$A:25051/waf/mux/api/search?$SQLI"

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
capbody $S body-mux-404.txt 404/404 app gorilla-mux "net/http's '404 page not found' under gorilla/mux" "the number in the text" -- $MX/api/orders/7
capbody $S body-mux-500.txt 0/500 app gorilla-mux "http.Error's text" "the app's message, no number" -- $MX/api/boom
capbody $S body-mux-503-html.txt 503/503 app gorilla-mux "the app's own HTML 503" "'503 Service Temporarily Unavailable' and nginx in the page" -- $MX/api/maint
capbody $S body-emmett-500.txt 0/500 app emmett "Emmett's 'Internal error'" "no number" -- $EM/api/boom
capbody $S body-emmett-404.txt 0/404 app emmett "Emmett's 'Resource not found'" "no number" -- $EM/api/orders/x
capbody $S body-restana-500.txt 500/500 app restana "restana's JSON 500" "\"code\":500" -- $RE/api/boom
capbody $S body-restana-504-html.txt 504/504 app restana "the app's own HTML 504" "'504 Gateway Time-out' in the title" -- $RE/api/report
capbody $S body-restana-429.txt 0/429 app restana "restana's JSON 429" "no number" -- $RE/api/limited
capbody $S body-emmett-502-html.txt 502/502 app emmett "Emmett's own HTML 502" "'502 Bad Gateway' in the title" -- $EM/api/pay
capbody $S body-mux-404-json.txt 0/404 app gorilla-mux "the app's JSON 404" "user not found, no number" -- $MX/api/users/7
capbody $S body-gogw-502.txt 0/502 proxy go-reverseproxy "the Go gateway's JSON" "upstream_unreachable, no number" -- $GW/dead/api/orders
capbody $S body-h2o2-502.txt 502/502 proxy h2o2 "h2o2's Boom JSON" "\"statusCode\":502" -- $HG/dead/api/orders
capbody $S body-tornado-404.txt 404/404 proxy tornado "Tornado's default page in the gateway" "'404: Not Found' in the title" -- $TO/v2/orders
capbody $S body-gate-401.txt 0/401 identity go-net-http "the token gate's JSON" "invalid_request, no number" -- $TG/api/orders
up nginx && capbody $S body-nginx-json-503.txt 0/503 proxy nginx "nginx's JSON that replaced the app's 503" "no number" -- $A:25050/mux/api/down
up nginx && capbody $S body-nginx-modsec-403.txt 403/403 waf nginx "nginx's 403 page for a CRS block" "'403 Forbidden' in the title" \
    -- "$A:25052/mux/api/search?$SQLI"
up haproxy && capbody $S body-haproxy-410.txt 410/410 load-balancer haproxy "HAProxy's 410 page" "'410 Gone'" -- $A:25054/v1/orders
up varnish && capbody $S body-varnish-503.txt 503/503 cdn-cache varnish "Varnish's Guru Meditation page" "'503 Backend fetch failed'" -- $A:25055/dead/api/orders
up squid && capbody $S body-squid-407.txt 0/407 proxy squid "Squid's access-denied page" "ERR_CACHE_ACCESS_DENIED, no status number" -- -x $SQ $MX/api/users/7

# ================================================ headers-only pastes ==
S=headers-only-paste
caphead $S head-mux-503.txt 503 app gorilla-mux "curl -sI, gorilla/mux's 503 (the route takes any method)" "no Server" -- $MX/api/down
caphead $S head-emmett-503.txt 503 app emmett "curl -sI, Emmett's 503" "server: granian, Retry-After" -- $EM/api/down
caphead $S head-restana-503.txt 503 app restana "curl -sI, restana: HEAD on a GET route" "no Server" -- $RE/api/down
caphead $S head-gate-401.txt 401 identity go-net-http "curl -sI, no token" "WWW-Authenticate: Bearer" -- $TG/api/orders
up nginx && caphead $S head-nginx-basic-401.txt 401 identity nginx "curl -sI, auth_basic" "Server: nginx" -- $A:25050/basic/api/orders
up haproxy && caphead $S head-haproxy-503.txt 503 load-balancer haproxy "curl -sI, the only server is down" "" -- $A:25054/dead/api/orders
up varnish && caphead $S head-mux-404-varnish.txt 404 app gorilla-mux "curl -sI through Varnish" "Via, X-Varnish" -- $A:25055/api/users/7
up caddy && caphead $S head-caddy-401.txt 401 identity caddy "curl -sI, basicauth" "Server: orders-edge" -- $A:25056/basic/api/orders

# ======================================= last: things that stop servers ==
log "capturing: origin stopped behind caches"
if up nginx || up varnish; then
    up nginx && quiet $A:25050/cache/api/catalog
    up varnish && quiet $A:25055/api/catalog
    stop_name mux
    sleep 2   # past the app's max-age=1, inside Varnish's grace
    up nginx && cap nginx-cache nginx-200-stale-app-stopped.txt 200 cdn-cache nginx "the app stopped: proxy_cache_use_stale error" \
        "X-Cache-Status: STALE" -- -sv $A:25050/cache/api/catalog
    up varnish && cap varnish-via varnish-200-grace-app-stopped.txt 200 cdn-cache varnish "the app stopped: a grace hit" \
        "curl -si; Age over max-age" -- -si $A:25055/api/catalog
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round7/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
