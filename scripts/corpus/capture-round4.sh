#!/usr/bin/env bash
# capture-round4.sh — build the fourth held-out evidence corpus in
# tests/fixtures/evidence-round4/ (issue 15: "measured as generalization",
# second cycle).
#
# Servers, frameworks and setups no earlier round (capture.sh,
# capture-round2.sh, capture-round3.sh) used: Perl (Mojolicious, Dancer2 on
# Starman, bare Plack on Starman and HTTP::Server::PSGI, Plack::App::Proxy),
# Ruby (Grape on Unicorn and on Thin), Erlang (yaws, its pages and its
# revproxy), small C servers (busybox httpd, webfsd, mini_httpd, civetweb,
# with CGI), Python (Twisted Web and its ReverseProxyResource, Pyramid on
# gevent, Quart, Litestar, BlackSheep, Robyn), Node (hapi, restify, polka,
# h3, Hono) and Bun, and forward proxies (Privoxy, Squid as a forward proxy).
# Proxies that earlier rounds used (nginx, HAProxy, Varnish, nghttpx, Caddy)
# appear only in FRONT of the new apps, and are labelled by who wrote the
# bytes. Body-only and headers-only pastes, HTTPie with colours, transcripts
# saved with their CRs or pasted with CRLF, HTTP/2 where the servers speak it.
#
#   scripts/corpus/capture-round4.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round4.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round4.sh       # keep configs + logs in the runtime dir
#
# Rules as in rounds 1-3: every server binds 127.0.0.1 (ports 22000-22999)
# and the script stops if a new socket listens anywhere else; every curl runs
# under `timeout`; every loop is bounded; every server it started is stopped
# on exit. Debian packages come from apt (with a policy-rc.d so nothing
# starts on its default port), Python packages from PyPI into a venv
# ($CORPUS_VENV), Node packages (and Bun) from npm ($CORPUS_NODE), all pinned
# below. Labels are written by finish_round4.py, which refuses (and this
# script then leaves the fixtures as they were) when a label's status is not
# the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round4"
RUN=/tmp/api-triage-corpus4
STAGE="$RUN/evidence"
CONF="$HERE/conf-round4"
VENV=${CORPUS_VENV:-/tmp/api-triage-corpus4-venv}
NODE_DIR=${CORPUS_NODE:-/tmp/api-triage-corpus4-node}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus4 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
# Proxies of earlier rounds (nginx, haproxy, varnish, nghttp2-proxy, caddy,
# squid) are used here only in front of the new apps.
PACKAGES=(httpie nodejs python3-venv openssl perl libmojolicious-perl starman libplack-perl
          libdancer2-perl libplack-app-proxy-perl libhttp-server-simple-psgi-perl ruby ruby-grape
          unicorn thin yaws busybox webfs mini-httpd civetweb privoxy squid nginx haproxy varnish
          nghttp2-proxy caddy)
PYPI=(Twisted[tls,http2]==26.10.0 pyramid==2.1 gevent==26.9.0 Quart==0.22.0 Hypercorn==0.18.0
      litestar==2.25.0 uvicorn==0.55.0 blacksheep==2.6.4 robyn==0.88.0)
NPM=(@hapi/hapi@21.4.13 restify@11.1.0 polka@0.5.2 h3@2.0.8 hono@4.13.19 @hono/node-server@2.1.9
     bun@1.4.5)
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

install_venv() {  # the Python frameworks and servers, from PyPI
    if [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c \
            'import twisted, h2, pyramid, gevent, quart, hypercorn, litestar, uvicorn, blacksheep, robyn' 2>/dev/null; then
        return 0
    fi
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[pypi]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >"$RUN/logs/venv.log" 2>&1 || { SKIPPED[pypi]="python3 -m venv failed"; return 0; }
    timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[pypi]="pip install failed (see logs/pip.log)"
}

install_node() {  # the Node frameworks and Bun, from npm
    local m ok=1
    for m in @hapi/hapi restify polka h3 hono @hono/node-server bun; do
        [[ -d $NODE_DIR/node_modules/$m ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node modules missing"; return 0; }
    log "npm install into $NODE_DIR: ${NPM[*]}"
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name": "corpus4", "private": true}' >"$NODE_DIR/package.json"
    (cd "$NODE_DIR" && timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

have() { [[ -z ${SKIPPED[$1]:-} ]] && installed "$1"; }
have_py() { [[ -z ${SKIPPED[pypi]:-} && -x $VENV/bin/python ]]; }
have_node() { [[ -z ${SKIPPED[npm]:-} && -d $NODE_DIR/node_modules/@hapi/hapi ]]; }
BUN=$NODE_DIR/node_modules/.bin/bun

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
    [[ $cmd == *"$RUN/"* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"apps4"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round4.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
have_py || die "the Python venv is missing (${SKIPPED[pypi]:-?})"
have_node || die "the Node modules are missing (${SKIPPED[npm]:-?})"

PORTS=(22000 22001 22010 22012 22013 22014 22020 22021 22030 22040 22041 22042 22044
       22050 22051 22052 22054 22055 22056 22057 22058 22060 22061 22062 22063 22064 22065 22066
       22070 22071 22080 22081 22082 22083 22084)
for p in "${PORTS[@]}" 22009; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

printf '{"items": [%s{"sku": "last", "qty": 1}]}\n' \
    "$(for i in $(seq 1 125); do printf '{"sku": "SKU-%05d", "qty": 1}, ' "$i"; done)" \
    >"$RUN/work/big-order.json"
LONG_PATH=$(head -c 20000 /dev/zero | tr '\0' 'a')
selfsigned "$RUN/tls"

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg up-py   "$PY" "$HERE/upstream.py" api 22000
start_bg up-slow "$PY" "$HERE/upstream.py" slow 22001

# Perl
if have libmojolicious-perl; then
    start_bg mojo perl "$HERE/apps4.mojo.pl" daemon -m production -l http://127.0.0.1:22010
    wait_port 22010 mojo && UP[mojo]=1
fi
if have starman && have libdancer2-perl; then
    start_bg dancer2 starman --listen 127.0.0.1:22012 --workers 1 "$HERE/apps4.dancer2.psgi"
    wait_port 22012 dancer2 && UP[dancer2]=1
fi
if have starman && have libplack-app-proxy-perl; then
    start_bg starman-plack starman --listen 127.0.0.1:22013 --workers 1 -E deployment "$HERE/apps4.plack.psgi"
    start_bg plackup plackup -E deployment -s HTTP::Server::PSGI --host 127.0.0.1 --port 22014 "$HERE/apps4.plack.psgi"
    wait_port 22013 starman-plack && wait_port 22014 plackup && UP[plack]=1
fi

# Ruby
if have ruby-grape && have unicorn; then
    start_bg unicorn unicorn -E deployment -l 127.0.0.1:22020 "$HERE/apps4.ru"
    wait_port 22020 unicorn && UP[unicorn]=1
fi
if have ruby-grape && have thin; then
    start_bg thin thin -e production -a 127.0.0.1 -p 22021 -R "$HERE/apps4.ru" start
    wait_port 22021 thin && UP[thin]=1
fi

# Erlang
if have yaws; then
    mkdir -p "$RUN"/yaws/{logs,www/api}
    cp "$HERE/apps4.boom.yaws" "$RUN/yaws/www/api/boom.yaws"
    cp "$HERE/apps4.down.yaws" "$RUN/yaws/www/api/down.yaws"
    render "$CONF/yaws.conf" "$RUN/yaws/yaws.conf"
    # -noinput: no Erlang shell; no -sname, so no epmd and no distribution port
    start_bg yaws env HOME="$RUN/yaws" yaws -i --conf "$RUN/yaws/yaws.conf" --erlarg -noinput </dev/null
    wait_port 22030 yaws && UP[yaws]=1
fi

# small C servers, one document root with two CGI scripts
W=$RUN/www
mkdir -p "$W"/api "$W"/cgi-bin
printf '{"status":"ok"}\n' >"$W/api/health"
cp "$HERE/apps4.boom.cgi" "$W/cgi-bin/boom.cgi"
cp "$HERE/apps4.down.cgi" "$W/cgi-bin/down.cgi"
if have busybox; then
    start_bg busybox-httpd busybox httpd -f -p 127.0.0.1:22040 -h "$W"
    wait_port 22040 busybox-httpd && UP[busybox]=1
fi
if have webfs; then
    start_bg webfsd webfsd -F -j -i 127.0.0.1 -p 22041 -r "$W"
    wait_port 22041 webfsd && UP[webfs]=1
fi
if have mini-httpd; then
    start_bg mini-httpd mini_httpd -D -h 127.0.0.1 -p 22042 -d "$W" -c 'cgi-bin/*' -l "$RUN/logs/mini-httpd.access"
    wait_port 22042 mini-httpd && UP[mini]=1
fi
if have civetweb; then
    start_bg civetweb civetweb -listening_ports 127.0.0.1:22044 -document_root "$W" \
        -cgi_pattern '**.cgi$' -enable_directory_listing no
    wait_port 22044 civetweb && UP[civetweb]=1
fi

# Python
V=$VENV/bin
start_bg twisted "$V/python" "$HERE/apps4.py" twisted 22050 22051 22058 "$RUN/tls/tls.crt" "$RUN/tls/tls.key"
start_bg pyramid "$V/python" "$HERE/apps4.py" pyramid 22052
start_bg quart "$V/hypercorn" -b 127.0.0.1:22054 apps4:quart_app
start_bg litestar "$V/uvicorn" --host 127.0.0.1 --port 22055 apps4:litestar_app
start_bg blacksheep "$V/uvicorn" --host 127.0.0.1 --port 22056 apps4:blacksheep_app
start_bg robyn "$V/python" "$HERE/apps4.py" robyn 22057

# Node and Bun
export NODE_ENV=production NODE_PATH="$NODE_DIR/node_modules"
start_bg hapi    node "$HERE/apps4.js" hapi 22060
start_bg restify node "$HERE/apps4.js" restify 22061
start_bg polka   node "$HERE/apps4.js" polka 22062
start_bg h3      node "$HERE/apps4.js" h3 22063
start_bg hono    node "$HERE/apps4.js" hono 22064
start_bg hapi-h2 node "$HERE/apps4.js" hapi-h2 22066 "$RUN/tls/tls.crt" "$RUN/tls/tls.key"
[[ -x $BUN ]] && start_bg bun "$BUN" "$HERE/apps4.bun.js" 22065

for p in 22000 22001; do wait_port $p up-py || die "upstream on $p failed"; done
for p in 22050 22051 22052 22054 22055 22056 22057 22058; do wait_port $p python || die "a Python app did not start on $p"; done
for p in 22060 22061 22062 22063 22064 22066; do wait_port $p node || die "a Node app did not start on $p"; done
[[ -x $BUN ]] && wait_port 22065 bun && UP[bun]=1

# ---- proxies ----------------------------------------------------------------
if have privoxy; then
    mkdir -p "$RUN/privoxy"
    render "$CONF/privoxy.conf" "$RUN/privoxy/privoxy.conf"
    cp "$CONF/privoxy.action" "$RUN/privoxy/corpus.action"
    start_bg privoxy privoxy --no-daemon "$RUN/privoxy/privoxy.conf"
    wait_port 22070 privoxy && UP[privoxy]=1
fi
if have squid; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || chmod 777 "$RUN/squid"
    if squid -k parse -f "$RUN/squid/squid.conf" >"$RUN/logs/squid-parse.log" 2>&1; then
        start_bg squid squid -N -f "$RUN/squid/squid.conf"
        wait_port 22071 squid && UP[squid]=1
    else log "SKIP squid: config parse failed"; cat "$RUN/logs/squid-parse.log" >&2; fi
fi
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 22080 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 22081 haproxy && UP[haproxy]=1
fi
if have varnish; then
    mkdir -p "$RUN/varnish"
    render "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:22082 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 22082 varnish && UP[varnish]=1
fi
if have nghttp2-proxy; then
    mkdir -p "$RUN/nghttpx"
    render "$CONF/nghttpx.conf" "$RUN/nghttpx/nghttpx.conf"
    start_bg nghttpx nghttpx --conf="$RUN/nghttpx/nghttpx.conf"
    wait_port 22083 nghttpx && UP[nghttpx]=1
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 22084 caddy && UP[caddy]=1
fi

# (Java-style IPv4-mapped loopback would still be loopback)
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 4 (held out): real responses captured by
# scripts/corpus/capture-round4.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-3:
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
PX="-x $A:22070"   # through Privoxy (forward proxy)
SX="-x $A:22071"   # through Squid (forward proxy)

# ================================================================== Perl ==
log "capturing: perl"
if up mojo; then
    S=mojolicious-direct
    M=$A:22010
    cap $S mojo-500-direct-die.txt 500 app mojolicious "a route dies; production mode" \
        "Mojolicious's 'Server Error' page (raptor), Server: Mojolicious (Perl), a Request ID comment" -- -sv $M/api/boom
    cap $S mojo-404-direct-not-found.txt 404 app mojolicious "reply->not_found for an unknown user" \
        "'Page Not Found' page, Server: Mojolicious (Perl)" -- -sv $M/api/users/7
    cap $S mojo-404-direct-unrouted.txt 404 app mojolicious "no route" \
        "curl -si; the same 'Page Not Found' page" -- -si $M/api/orders/7
    cap $S mojo-503-direct-own-json.txt 503 app mojolicious "the app renders JSON 503" \
        "{\"error\":\"maintenance\",...}, Retry-After" -- -sv $M/api/down
    capraw $S mojo-503-direct-own-html.txt 503 app mojolicious "the app's own HTML 503" \
        "curl -si saved to a file (CRs kept); looks like a proxy's page" -- -si $M/api/maint
    cap $S mojo-502-direct-own-json.txt 502 app mojolicious "the app's own JSON 502 (payment provider failed)" \
        "a 502 written by the app" -- -sv $M/api/pay
    caphttp $S mojo-500-direct-die-httpie.txt 500 app mojolicious "HTTPie -v, Mojolicious's 500" \
        "HTTPie with colours" -- -v GET $M/api/boom
fi
if up dancer2; then
    S=dancer2-starman
    D=$A:22012
    cap $S dancer2-500-starman-die.txt 500 app dancer2 "a route dies, production settings" \
        "'Error 500 - Internal Server Error', 'Wooops, something went wrong', Server: Perl Dancer2" -- -sv $D/api/boom
    cap $S dancer2-404-starman-send-error.txt 404 app dancer2 "send_error('no such user', 404)" \
        "Dancer2's error page with the message" -- -sv $D/api/users/7
    cap $S dancer2-404-starman-unrouted.txt 404 app dancer2 "no route" \
        "curl -si; 'Error 404 - Not Found' with the path" -- -si $D/api/orders/7
    cap $S dancer2-503-starman-send-error.txt 503 app dancer2 "send_error(..., 503)" \
        "Dancer2's 503 page, 'Powered by Dancer2'" -- -sv $D/api/down
    cap $S dancer2-502-starman-own-json.txt 502 app dancer2 "the app's own JSON 502" \
        "Server: Perl Dancer2 on an app JSON body" -- -sv $D/api/pay
fi
if up plack; then
    S=plack-starman
    P=$A:22013
    cap $S starman-500-plack-die.txt 500 app starman "a bare PSGI app dies, no middleware catches it" \
        "Starman's own text/plain 'Internal Server Error', no Server header" -- -sv $P/raw/orders
    cap $S plack-500-starman-empty.txt 500 app plack "a PSGI app returns 500 with an empty body" \
        "Content-Length: 0, nothing else" -- -sv $P/empty/orders
    cap $S plackproxy-502-starman-dead.txt 502 proxy plack-app-proxy "Plack::App::Proxy, upstream refused" \
        "text/html 'Gateway error: Connection refused', chunked" -- -sv $P/dead/users/42
    up mojo && cap $S mojo-500-plackproxy-passthrough.txt 500 app mojolicious "Mojolicious's 500 through Plack::App::Proxy" \
        "curl -si; the app's page and Server header relayed" -- -si $P/mojo/boom
    up dancer2 && cap $S dancer2-404-plackproxy-passthrough.txt 404 app dancer2 "Dancer2's 404 through Plack::App::Proxy" \
        "the app's page relayed" -- -sv $P/dancer/users/7
    S=plack-httpserver
    cap $S psgi-500-httpserver-die.txt 500 app plack "HTTP::Server::PSGI (plackup), the app dies" \
        "HTTP/1.0, Server: HTTP::Server::PSGI, 'Internal Server Error'" -- -sv $A:22014/raw/orders
    cap $S plackproxy-502-httpserver-dead.txt 502 proxy plack-app-proxy "Plack::App::Proxy under plackup, upstream refused" \
        "curl -si; 'Gateway error: Connection refused', Server: HTTP::Server::PSGI" -- -si $A:22014/dead/users/42
fi

# ================================================================== Ruby ==
log "capturing: ruby"
if up unicorn; then
    S=unicorn-grape
    U=$A:22020
    cap $S grape-500-unicorn-rescued.txt 500 app grape "Grape's rescue_from :all answers JSON" \
        "no Server header, Connection: close, chunked JSON" -- -sv $U/api/boom
    cap $S grape-404-unicorn-error.txt 404 app grape "error!('user not found', 404)" \
        "{\"error\":\"user not found\"}" -- -sv $U/api/users/7
    cap $S grape-404-unicorn-unrouted.txt 404 app grape "no Grape route" \
        "curl -si; text '404 Not Found' with X-Cascade: pass and no Content-Type" -- -si $U/api/orders/7
    cap $S grape-503-unicorn-error.txt 503 app grape "error!(..., 503) with Retry-After" \
        "JSON error, Retry-After: 120" -- -sv $U/api/down
    cap $S grape-503-unicorn-own-html.txt 503 app grape "the app's own HTML 503" \
        "looks like a proxy's page; no Server" -- -sv $U/api/maint
    cap $S unicorn-500-raw-exception.txt 500 app unicorn "a bare Rack endpoint raises" \
        "Unicorn's own status line and nothing else: no headers, no body" -- -sv $U/raw/orders
    cap $S unicorn-400-bad-header.txt 400 app unicorn "header name with a space" \
        "Unicorn's bare 'HTTP/1.1 400 Bad Request', no headers" -- -sv -H 'Bad Header: x' $U/api/health
    capraw $S unicorn-414-long-uri.txt 414 app unicorn "a 20 000-byte path" \
        "curl -sv saved to a file (CRs kept); bare 414" -- -sv "$U/api/$LONG_PATH"
fi
if up thin; then
    S=thin-grape
    T=$A:22021
    cap $S thin-500-raw-exception.txt 500 app thin "a bare Rack endpoint raises" \
        "Thin's own text/plain 'Internal server error', Server: thin" -- -sv $T/raw/orders
    cap $S thin-400-bad-header.txt 400 app thin "header name with a space" \
        "Thin's 'Bad Request', no newline at the end" -- -sv -H 'Bad Header: x' $T/api/health
    cap $S grape-404-thin-error.txt 404 app grape "Grape's error!(404) under Thin" \
        "curl -si; Server: thin" -- -si $T/api/users/7
    cap $S grape-502-thin-own-json.txt 502 app grape "the app's own JSON 502" "Server: thin" -- -sv $T/api/pay
    caphttp $S grape-503-thin-error-httpie.txt 503 app grape "HTTPie -v, Grape's 503 under Thin" \
        "HTTPie with colours" -- -v GET $T/api/down
fi

# ================================================================ Erlang ==
if up yaws; then
    log "capturing: yaws"
    S=yaws-direct
    Y=$A:22030
    cap $S yaws-500-code-crashed.txt 500 app yaws "a .yaws page's Erlang code crashes" \
        "'Internal error, yaws code crashed' with the Erlang stack, Server: Yaws 2.1.1" -- -sv $Y/api/boom.yaws
    cap $S yaws-503-page-own-json.txt 503 app yaws "a .yaws page answers 503 with JSON" \
        "the app's JSON, Server: Yaws" -- -sv $Y/api/down.yaws
    cap $S yaws-404-not-found.txt 404 app yaws "no such file" \
        "curl -si; yaws's 404 page with its address line" -- -si $Y/api/orders/7
    S=yaws-revproxy
    cap $S yaws-404-revproxy-dead-backend.txt 404 proxy yaws "yaws revproxy, backend refused" \
        "yaws answers its own 404 page (not a 502) for the dead backend" -- -sv $Y/dead/api/users/42
    cap $S pyapi-404-yaws-revproxy-passthrough.txt 404 app python-http.server "the plain Python API's JSON 404 through yaws" \
        "Server: BaseHTTP relayed, x-request-id" -- -sv $Y/live/api/users/7
    cap $S pyapi-500-yaws-revproxy-passthrough.txt 500 app python-http.server "the Python API's JSON 500 through yaws" \
        "curl -si" -- -si $Y/live/api/boom
fi

# ======================================================== small C servers ==
log "capturing: small C servers"
if up busybox; then
    S=busybox-httpd
    cap $S busybox-404-not-found.txt 404 app busybox-httpd "busybox httpd, no such file" \
        "uppercase HTML '404 Not Found', no Server header" -- -sv $A:22040/api/orders/7
    cap $S busybox-000-cgi-crash.txt 0 app busybox-httpd "a CGI script exits before any header" \
        "busybox httpd closes without a byte: 'Empty reply from server'" -- -sv $A:22040/cgi-bin/boom.cgi
    cap $S cgi-503-busybox-own-json.txt 503 app cgi-script "a CGI script answers 503 with JSON" \
        "curl -si; the script's headers only, no Date" -- -si $A:22040/cgi-bin/down.cgi
fi
if up webfs; then
    S=webfs-static
    cap $S webfs-404-not-found.txt 404 app webfs "webfsd, no such file" \
        "text/plain 'File or directory not found', Server: webfs/1.21" -- -sv $A:22041/api/orders/7
    cap $S webfs-403-listing-disabled.txt 403 app webfs "directory listing disabled (-j)" \
        "curl -si; 'Access denied'" -- -si $A:22041/api/
fi
if up mini; then
    S=mini-httpd-cgi
    cap $S minihttpd-404-not-found.txt 404 app mini-httpd "mini_httpd, no such file" \
        "its HTML page with an address line; Content-Type says charset=%s" -- -sv $A:22042/api/orders/7
    cap $S cgi-503-minihttpd-overloaded-line.txt 503 app cgi-script "a CGI script answers 503" \
        "mini_httpd writes 'HTTP/1.0 503 Service Temporarily Overloaded' and passes the Status: header on" \
        -- -sv $A:22042/cgi-bin/down.cgi
    cap $S minihttpd-200-cgi-crash-empty.txt 200 app mini-httpd "a CGI script exits before any header" \
        "curl -si; mini_httpd says 200 with no header and no body" -- -si $A:22042/cgi-bin/boom.cgi
fi
if up civetweb; then
    S=civetweb-cgi
    cap $S civetweb-404-not-found.txt 404 app civetweb "civetweb, no such file" \
        "text/plain 'Error 404: Not Found', no Server header" -- -sv $A:22044/api/orders/7
    cap $S civetweb-500-cgi-failed.txt 500 app civetweb "a CGI script exits before any header" \
        "'Error 500: Internal Server Error' and 'CGI program ... failed'" -- -sv $A:22044/cgi-bin/boom.cgi
    cap $S civetweb-403-listing-disabled.txt 403 app civetweb "directory listing disabled" \
        "curl -si" -- -si $A:22044/api/
    capwin $S cgi-503-civetweb-own-json.txt 503 app cgi-script "a CGI script answers 503 with JSON" \
        "pasted from a Windows terminal: every line ends in CRLF" -- -sv $A:22044/cgi-bin/down.cgi
fi

# ================================================================ Python ==
log "capturing: python"
S=twisted-web
TW=$A:22050
cap $S twisted-500-processing-failed.txt 500 app twisted "a resource raises; tracebacks off (the default)" \
    "'Processing Failed', Server: TwistedWeb/26.10.0" -- -sv $TW/api/boom
cap $S twisted-404-no-such-user.txt 404 app twisted "NoResource('No such user.')" \
    "'404 - No Such Resource' page with the message" -- -sv $TW/api/users/7
cap $S twisted-404-unrouted.txt 404 app twisted "no child resource" \
    "curl -si; 'Sorry. No luck finding that resource.'" -- -si $TW/api/orders/7
cap $S twisted-503-error-page.txt 503 app twisted "resource.ErrorPage(503, ...)" \
    "'503 - Service Unavailable' page" -- -sv $TW/api/down
cap $S twisted-503-own-html.txt 503 app twisted "the app's own HTML 503" \
    "looks like a proxy's page, Server: TwistedWeb" -- -sv $TW/api/maint
cap $S twisted-502-own-json.txt 502 app twisted "the app's own JSON 502" "curl -si" -- -si $TW/api/pay
S=twisted-tls-h2
cap $S twisted-500-h2-tls.txt 500 app twisted "TLS, h2 by ALPN, a resource raises" \
    "HTTP/2 500 with no reason, server: TwistedWeb" -- -sv --http2 -k https://127.0.0.1:22058/api/boom
cap $S twisted-404-h2-tls.txt 404 app twisted "TLS h2, no such user" "curl -si; HTTP/2 404" \
    -- -si --http2 -k https://127.0.0.1:22058/api/users/7
S=twisted-proxy
cap $S twistedproxy-501-dead-upstream.txt 501 proxy twisted "ReverseProxyResource, upstream refused" \
    "'501 Gateway error' with '<H1>Could not connect</H1>', Server: TwistedWeb" -- -sv $A:22051/dead/api/users/42
cap $S hapi-500-twistedproxy-passthrough.txt 500 app hapi "hapi's 500 through the Twisted proxy" \
    "hapi's Boom JSON, the proxy's Server: TwistedWeb added" -- -sv $A:22051/hapi/api/boom
cap $S twisted-404-twistedproxy-passthrough.txt 404 app twisted "Twisted Web's 404 through the Twisted proxy" \
    "curl -si" -- -si $A:22051/twisted/api/orders/7
capraw $S twistedproxy-501-dead-upstream-raw.txt 501 proxy twisted "ReverseProxyResource, upstream refused" \
    "curl -si saved to a file (CRs kept)" -- -si $A:22051/dead/api/orders

S=pyramid-gevent
PG=$A:22052
cap $S gevent-500-pyramid-unhandled.txt 500 app gevent "a Pyramid view raises; no exception view" \
    "gevent's WSGIServer writes text/plain 'Internal Server Error' with Connection: close, no Server" -- -sv $PG/api/boom
cap $S pyramid-404-httpnotfound.txt 404 app pyramid "raise HTTPNotFound('no such user')" \
    "Pyramid's HTML page 'The resource could not be found.' with the detail" -- -sv $PG/api/users/7
cap $S pyramid-404-unrouted.txt 404 app pyramid "no route" "curl -si; the path in the page" -- -si $PG/api/orders/7
cap $S pyramid-503-httpserviceunavailable.txt 503 app pyramid "raise HTTPServiceUnavailable(...)" \
    "'The server is currently unavailable.' and the detail" -- -sv $PG/api/down
cap $S pyramid-503-own-html.txt 503 app pyramid "the app's own HTML 503" "no Content-Type header at all" -- -sv $PG/api/maint

S=quart-hypercorn
Q=$A:22054
cap $S quart-500-unhandled.txt 500 app quart "a route raises" \
    "Werkzeug's page text ('The server encountered an internal error'), server: hypercorn-h11, no reason phrase" -- -sv $Q/api/boom
cap $S quart-404-abort.txt 404 app quart "abort(404)" "curl -si; 'The requested URL was not found on the server.'" -- -si $Q/api/users/7
cap $S quart-503-abort.txt 503 app quart "abort(503)" "the maintenance-downtime sentence" -- -sv $Q/api/down
cap $S quart-503-own-html.txt 503 app quart "the app's own HTML 503" "server: hypercorn-h11" -- -sv $Q/api/maint
cap $S quart-500-h2c-unhandled.txt 500 app quart "h2c with prior knowledge, a route raises" \
    "HTTP/2 500, server: hypercorn-h2" -- -sv --http2-prior-knowledge $Q/api/boom

S=litestar-uvicorn
L=$A:22055
cap $S litestar-500-unhandled.txt 500 app litestar "a handler raises, debug off" \
    "{\"status_code\":500,\"detail\":\"Internal Server Error\"}, server: uvicorn" -- -sv $L/api/boom
cap $S litestar-404-notfound.txt 404 app litestar "NotFoundException('no such user')" "curl -si" -- -si $L/api/users/7
cap $S litestar-404-unrouted.txt 404 app litestar "no route" "{\"status_code\":404,\"detail\":\"Not Found\"}" -- -sv $L/api/orders/7
cap $S litestar-503-serviceunavailable.txt 503 app litestar "ServiceUnavailableException(...)" "JSON with the detail" -- -sv $L/api/down
cap $S litestar-405-method.txt 405 app litestar "POST to a GET-only route" \
    "JSON 405 with an allow header" -- -sv -X POST -H 'Content-Type: application/json' -d '{}' $L/api/health

S=blacksheep-uvicorn
B=$A:22056
cap $S blacksheep-500-unhandled.txt 500 app blacksheep "a handler raises, show_error_details off" \
    "text/plain 'Internal Server Error', server: uvicorn" -- -sv $B/api/boom
cap $S blacksheep-404-notfound.txt 404 app blacksheep "raise NotFound()" "curl -si; 'Resource not found'" -- -si $B/api/users/7
cap $S blacksheep-503-httpexception.txt 503 app blacksheep "HTTPException(503, ...)" \
    "text/plain 'Service Unavailable' (the message is not shown)" -- -sv $B/api/down

S=robyn-direct
R=$A:22057
cap $S robyn-500-unhandled.txt 500 app robyn "a handler raises" \
    "text/plain 'Internal server error', no Server header" -- -sv $R/api/boom
cap $S robyn-404-unrouted.txt 404 app robyn "no route" "curl -si; 'Not found'" -- -si $R/api/orders/7
cap $S robyn-502-own-json.txt 502 app robyn "the app's own JSON 502" "no Server, no Date" -- -sv $R/api/pay

# ================================================================== Node ==
log "capturing: node and bun"
S=hapi-direct
H=$A:22060
cap $S hapi-500-unhandled.txt 500 app hapi "a handler throws" \
    "Boom JSON 'An internal server error occurred', no Server, cache-control: no-cache" -- -sv $H/api/boom
cap $S hapi-404-boom-notfound.txt 404 app hapi "Boom.notFound('user not found')" "curl -si" -- -si $H/api/users/7
cap $S hapi-404-unrouted.txt 404 app hapi "no route" "{\"statusCode\":404,\"error\":\"Not Found\",\"message\":\"Not Found\"}" -- -sv $H/api/orders/7
cap $S hapi-503-boom.txt 503 app hapi "Boom.serverUnavailable(...)" "Boom JSON 503" -- -sv $H/api/down
cap $S hapi-400-bad-json.txt 400 app hapi "body is not JSON" \
    "'Invalid request payload JSON format'" -- -sv -X POST -H 'Content-Type: application/json' -d '{"sku": "SKU-1", qty: 2}' $H/api/orders
cap $S hapi-413-payload-too-large.txt 413 app hapi "body over maxBytes 1024" \
    "curl -si; Boom 413" -- -si -X POST -H 'Content-Type: application/json' --data-binary @big-order.json $H/api/orders
cap $S hapi-504-own-html.txt 504 app hapi "the app's own HTML 504" \
    "looks like a proxy's page: <title>504 Gateway Timeout</title>" -- -sv $H/api/report
caphttp $S hapi-404-unrouted-httpie.txt 404 app hapi "HTTPie -v, hapi's 404" "HTTPie with colours" -- -v GET $H/api/orders/7
S=hapi-tls-h2
cap $S hapi-500-h2-tls.txt 500 app hapi "hapi on node:http2 (TLS, allowHTTP1), a handler throws" \
    "HTTP/2 500, lower-case headers" -- -sv --http2 -k https://127.0.0.1:22066/api/boom
cap $S hapi-503-h2-tls.txt 503 app hapi "TLS h2, Boom 503" "curl -si" -- -si --http2 -k https://127.0.0.1:22066/api/down

S=restify-direct
RS=$A:22061
cap $S restify-500-next-error.txt 500 app restify "next(new Error(...))" \
    "{\"code\":\"Internal\",\"message\":\"Error: ledger connection lost\"}, Server: orders-api (restify's name option)" -- -sv $RS/api/boom
cap $S restify-404-notfounderror.txt 404 app restify "NotFoundError('user not found')" "{\"code\":\"NotFound\",...}" -- -sv $RS/api/users/7
cap $S restify-404-resourcenotfound.txt 404 app restify "no route" \
    "curl -si; {\"code\":\"ResourceNotFound\",\"message\":\"/api/orders/7 does not exist\"}" -- -si $RS/api/orders/7
cap $S restify-503-serviceunavailable.txt 503 app restify "ServiceUnavailableError(...)" "JSON code ServiceUnavailable" -- -sv $RS/api/down
cap $S restify-405-method.txt 405 app restify "DELETE on a GET route" "MethodNotAllowed JSON with Allow" -- -sv -X DELETE $RS/api/health

S=polka-direct
PO=$A:22062
cap $S polka-500-next-error.txt 500 app polka "next(new Error(...))" \
    "the error message as the whole body, no Content-Type, no Server" -- -sv $PO/api/boom
cap $S polka-404-unrouted.txt 404 app polka "no route" "curl -si; 'Not Found', no Content-Type" -- -si $PO/api/orders/7
cap $S polka-503-next-code.txt 503 app polka "next({code: 503})" "'Service Unavailable', nothing else" -- -sv $PO/api/down

S=h3-direct
H3=$A:22063
cap $S h3-500-unhandled.txt 500 app h3 "a handler throws" \
    "{\"status\":500,\"unhandled\":true,\"message\":\"HTTPError\"}, status line with no reason" -- -sv $H3/api/boom
cap $S h3-404-unrouted.txt 404 app h3 "no route" "curl -si; 'Cannot find any route matching [GET] ...'" -- -si $H3/api/orders/7
cap $S h3-503-httperror.txt 503 app h3 "throw new HTTPError({status: 503, ...})" "JSON with the message" -- -sv $H3/api/down

S=hono-node
HO=$A:22064
cap $S hono-500-unhandled.txt 500 app hono "a handler throws" "text/plain 'Internal Server Error'" -- -sv $HO/api/boom
cap $S hono-404-notfound.txt 404 app hono "c.notFound()" "curl -si; '404 Not Found'" -- -si $HO/api/users/7
cap $S hono-503-httpexception.txt 503 app hono "HTTPException(503, ...)" "the message as text/plain, chunked" -- -sv $HO/api/down
cap $S hono-504-own-html.txt 504 app hono "the app's own HTML 504" "c.html(..., 504)" -- -sv $HO/api/report

if up bun; then
    S=bun-serve
    BU=$A:22065
    cap $S bun-500-fetch-throws.txt 500 app bun "Bun.serve, fetch throws, development off" \
        "Bun's text/plain 'Something went wrong!', no Server" -- -sv $BU/api/boom
    cap $S bun-404-app-text.txt 404 app bun "the app's plain 404" "curl -si" -- -si $BU/api/orders/7
    cap $S bun-502-own-json.txt 502 app bun "the app's own JSON 502" "Response.json(..., {status: 502})" -- -sv $BU/api/pay
fi

# ====================================================== forward proxies ==
log "capturing: forward proxies"
if up privoxy; then
    S=privoxy-forward
    cap $S privoxy-503-connect-failed.txt 503 proxy privoxy "forward proxy, origin refused" \
        "Privoxy's own 'Connect failed' page; no Server header, Last-Modified in 1955" -- -sv $PX $A:22009/api/users/42
    cap $S privoxy-403-blocked.txt 403 proxy privoxy "the path matches a +block action" \
        "'Request blocked by Privoxy' page with the reason" -- -sv $PX $A:22060/blocked/api/users/42
    cap $S hapi-500-privoxy-passthrough.txt 500 app hapi "hapi's 500 through Privoxy" \
        "curl -si; Privoxy relays without a Via" -- -si $PX $A:22060/api/boom
    caphttp $S privoxy-503-connect-failed-httpie.txt 503 proxy privoxy "HTTPie --proxy, Privoxy's 503" \
        "HTTPie with colours" -- -v --proxy=http:$A:22070 GET $A:22009/api/orders
fi
if up squid; then
    S=squid-forward
    cap $S squid-503-forward-connect-fail.txt 503 proxy squid "forward proxy, origin refused" \
        "ERR_CONNECT_FAIL page, X-Squid-Error, Via: 1.1 squid-forward-round4" -- -sv $SX $A:22009/api/users/42
    cap $S squid-403-forward-denied.txt 403 proxy squid "an ACL denies the path" \
        "curl -si; ERR_ACCESS_DENIED" -- -si $SX $A:22061/blocked/api/users/42
    cap $S squid-504-forward-read-timeout.txt 504 proxy squid "origin answers after 5 s, read_timeout 2 s" \
        "ERR_READ_TIMEOUT page" -- -sv $SX $A:22001/api/report
    cap $S restify-500-squid-forward-passthrough.txt 500 app restify "restify's 500 through Squid" \
        "Via and X-Cache: MISS added, Server: orders-api kept" -- -sv $SX $A:22061/api/boom
fi

# ========================================== old proxies in front of new apps ==
log "capturing: proxies in front"
if up nginx; then
    S=nginx-front-request-id
    N=$A:22080
    up mojo && cap $S mojo-500-nginx-passthrough.txt 500 app mojolicious "Mojolicious's 500 through nginx" \
        "Server: nginx, X-Request-ID; the raptor page" -- -sv $N/mojo/api/boom
    up dancer2 && cap $S dancer2-503-nginx-passthrough.txt 503 app dancer2 "Dancer2's 503 through nginx" \
        "curl -si; 'Powered by Dancer2' under Server: nginx" -- -si $N/dancer/api/down
    up unicorn && cap $S unicorn-500-nginx-passthrough.txt 500 app unicorn "Unicorn's bare 500 through nginx" \
        "nginx relays a status line with no body: Server: nginx, an empty chunked body" -- -sv $N/unicorn/raw/orders
    cap $S litestar-404-nginx-passthrough.txt 404 app litestar "Litestar's JSON 404 through nginx" \
        "X-Request-ID added" -- -sv $N/litestar/api/users/7
    up yaws && cap $S yaws-404-nginx-passthrough.txt 404 app yaws "yaws's 404 page through nginx" \
        "yaws's address line under Server: nginx" -- -sv $N/yaws/api/orders/7
fi
if up haproxy; then
    S=haproxy-front-unique-id
    HP=$A:22081
    cap $S gevent-500-haproxy-passthrough.txt 500 app gevent "gevent's 500 (Pyramid view raised) through HAProxy" \
        "X-Request-ID from HAProxy; the bare text" -- -sv $HP/pyramid/api/boom
    cap $S quart-404-haproxy-passthrough.txt 404 app quart "Quart's 404 through HAProxy" \
        "curl -si; server: hypercorn-h11 kept" -- -si $HP/quart/api/users/7
    cap $S twisted-500-haproxy-passthrough.txt 500 app twisted "Twisted's 'Processing Failed' through HAProxy" \
        "Server: TwistedWeb kept" -- -sv $HP/twisted/api/boom
    up yaws && cap $S yaws-500-haproxy-passthrough.txt 500 app yaws "yaws's crash page through HAProxy" \
        "curl -si" -- -si $HP/yaws/api/boom.yaws
fi
if up varnish; then
    S=varnish-front-pass
    VA=$A:22082
    cap $S hono-500-varnish-passthrough.txt 500 app hono "Hono's 500 through Varnish (pass)" \
        "Via: 1.1 varnish, X-Varnish, Age: 0" -- -sv $VA/api/boom
    cap $S restify-404-varnish-passthrough.txt 404 app restify "restify's ResourceNotFound through Varnish" \
        "curl -si" -- -si $VA/restify/api/orders/7
fi
if up nghttpx; then
    S=nghttpx-h2c-front
    NX=$A:22083
    up mojo && cap $S mojo-404-h2c-nghttpx.txt 404 app mojolicious "h2c to nghttpx, Mojolicious's 404" \
        "HTTP/2 404, server: nghttpx, via" -- -sv --http2-prior-knowledge $NX/mojo/api/users/7
    up dancer2 && cap $S dancer2-500-h2c-nghttpx.txt 500 app dancer2 "h2c to nghttpx, Dancer2's 500" \
        "curl -si; HTTP/2 500" -- -si --http2-prior-knowledge $NX/dancer/api/boom
    up thin && cap $S thin-500-h2c-nghttpx.txt 500 app thin "h2c to nghttpx, Thin's own 500" \
        "Thin's text, server: nghttpx replaces thin" -- -sv --http2-prior-knowledge $NX/raw/orders
fi
if up caddy; then
    S=caddy-front
    up bun && cap $S bun-500-caddy-passthrough.txt 500 app bun "Bun's 500 through Caddy" \
        "Caddy adds Server: Caddy and no Via" -- -sv $A:22084/bun/api/boom
    cap $S robyn-500-caddy-passthrough.txt 500 app robyn "Robyn's 500 through Caddy" \
        "curl -si" -- -si $A:22084/robyn/api/boom
fi

# ============================================================= two hops ==
log "capturing: two hops"
S=two-hops
up squid && up nginx && up mojo && cap $S mojo-500-squid-nginx.txt 500 app mojolicious \
    "Squid (forward) -> nginx -> Mojolicious" "Via from Squid, X-Request-ID from nginx" -- -sv $SX $A:22080/mojo/api/boom
up privoxy && cap $S twistedproxy-501-via-privoxy.txt 501 proxy twisted "Privoxy -> the Twisted proxy -> refused" \
    "the Twisted proxy's 501, relayed by Privoxy" -- -sv $PX $A:22051/dead/api/users/42
up nginx && up plack && cap $S plackproxy-502-via-nginx.txt 502 proxy plack-app-proxy \
    "nginx -> Plack::App::Proxy -> refused" "curl -si; 'Gateway error' with Server: nginx" -- -si $A:22080/plack/dead/users/42
up haproxy && up yaws && cap $S yaws-404-revproxy-dead-via-haproxy.txt 404 proxy yaws \
    "HAProxy -> yaws revproxy -> refused" "yaws's 404 page relayed by HAProxy" -- -sv $A:22081/yaws/dead/api/users/42
up squid && cap $S twistedproxy-501-via-squid.txt 501 proxy twisted "Squid (forward) -> the Twisted proxy -> refused" \
    "curl -si; X-Cache and Via from Squid" -- -si $SX $A:22051/dead/api/orders

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up mojo && capbody $S body-mojo-500.txt 0/500 app mojolicious "Mojolicious's 500 page" \
    "<title>Server Error</title>, no number" -- $A:22010/api/boom
up dancer2 && capbody $S body-dancer2-404.txt 404/404 app dancer2 "Dancer2's 404 page" "'Error 404 - Not Found'" -- $A:22012/api/users/7
up plack && capbody $S body-starman-500.txt 0/500 app starman "Starman's 500 text" "'Internal Server Error'" -- $A:22013/raw/orders
up plack && capbody $S body-plackproxy-502.txt 0/502 proxy plack-app-proxy "Plack::App::Proxy's error" \
    "'Gateway error: Connection refused'" -- $A:22013/dead/users/42
up unicorn && capbody $S body-grape-404.txt 0/404 app grape "Grape's JSON error" "{\"error\":\"user not found\"}" -- $A:22020/api/users/7
up thin && capbody $S body-thin-500.txt 0/500 app thin "Thin's 500 text" "'Internal server error'" -- $A:22021/raw/orders
up yaws && capbody $S body-yaws-404.txt 404/404 app yaws "yaws's 404 page" "'404 Not Found' title" -- $A:22030/api/orders/7
up busybox && capbody $S body-busybox-404.txt 404/404 app busybox-httpd "busybox httpd's 404" "'404 Not Found'" -- $A:22040/api/orders/7
up civetweb && capbody $S body-civetweb-500.txt 500/500 app civetweb "civetweb's CGI failure" "'Error 500: Internal Server Error'" -- $A:22044/cgi-bin/boom.cgi
capbody $S body-twisted-500.txt 0/500 app twisted "Twisted's 'Processing Failed'" "no number" -- $A:22050/api/boom
capbody $S body-twistedproxy-501.txt 0/501 proxy twisted "the Twisted proxy's error" "'<H1>Could not connect</H1>'" -- $A:22051/dead/api/users/42
capbody $S body-pyramid-503.txt 503/503 app pyramid "Pyramid's 503 page" "'503 Service Unavailable'" -- $A:22052/api/down
capbody $S body-litestar-404.txt 404/404 app litestar "Litestar's JSON" "\"status_code\":404" -- $A:22055/api/users/7
capbody $S body-hapi-503.txt 503/503 app hapi "hapi's Boom JSON" "\"statusCode\":503" -- $A:22060/api/down
capbody $S body-restify-500.txt 0/500 app restify "restify's JSON error" "{\"code\":\"Internal\",...}, no number" -- $A:22061/api/boom
capbody $S body-h3-404.txt 404/404 app h3 "h3's JSON error" "\"status\":404" -- $A:22063/api/orders/7
capbody $S body-hono-404.txt 404/404 app hono "Hono's '404 Not Found'" "the number in the text" -- $A:22064/api/users/7
up bun && capbody $S body-bun-500.txt 0/500 app bun "Bun's 'Something went wrong!'" "no number" -- $A:22065/api/boom
up privoxy && capbody $S body-privoxy-403.txt 0/403 proxy privoxy "Privoxy's block page" "no status number: its title says Request blocked (the label said 403 until corrected)" \
    -- $PX $A:22060/blocked/api/orders
up squid && capbody $S body-squid-503.txt 0/503 proxy squid "Squid's ERR_CONNECT_FAIL page" \
    "'The requested URL could not be retrieved', no status number" -- $SX $A:22009/api/users/42

# ================================================ headers-only pastes ==
S=headers-only-paste
up mojo && caphead $S head-mojo-404.txt 404 app mojolicious "curl -sI, Mojolicious unrouted" \
    "Server: Mojolicious (Perl)" -- $A:22010/api/orders/7
up unicorn && caphead $S head-unicorn-500.txt 500 app unicorn "curl -sI to a bare Rack endpoint that raises" \
    "the status line alone" -- $A:22020/raw/orders
up yaws && caphead $S head-yaws-404-revproxy-dead.txt 404 proxy yaws "curl -sI, yaws revproxy, backend refused" \
    "Server: Yaws" -- $A:22030/dead/api/users/42
caphead $S head-twistedproxy-501.txt 501 proxy twisted "curl -sI, the Twisted proxy, upstream refused" \
    "Server: TwistedWeb" -- $A:22051/dead/api/users/42
caphead $S head-hapi-500.txt 500 app hapi "curl -sI, hapi handler throws" "HEAD runs the GET handler" -- $A:22060/api/boom
caphead $S head-restify-404.txt 404 app restify "curl -sI, restify unrouted" "Server: orders-api" -- $A:22061/api/orders/7
up webfs && caphead $S head-webfs-404.txt 404 app webfs "curl -sI, webfsd no such file" "Server: webfs/1.21" -- $A:22041/api/orders/7
up squid && caphead $S head-squid-503.txt 503 proxy squid "curl -sI via Squid, origin refused" \
    "X-Squid-Error: ERR_CONNECT_FAIL" -- $SX $A:22009/api/users/42
up privoxy && caphead $S head-privoxy-503.txt 503 proxy privoxy "curl -sI via Privoxy, origin refused" \
    "Privoxy's headers: no Server, no Via" -- $PX $A:22009/api/users/42

# ======================================= last: things that stop servers ==
log "capturing: a backend stopped"
if up unicorn && up nginx; then
    stop_name unicorn
    cap nginx-front-request-id nginx-502-unicorn-stopped.txt 502 proxy nginx "Unicorn stopped behind nginx" \
        "nginx's own 502 page with X-Request-ID" -- -sv $A:22080/unicorn/api/health
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round4/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
