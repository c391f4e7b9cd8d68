#!/usr/bin/env bash
# capture-round5.sh — build the fifth held-out evidence corpus in
# tests/fixtures/evidence-round5/ (issue 15: "measured as generalization",
# third cycle).
#
# Writers no earlier round (capture.sh, capture-round2.sh, capture-round3.sh,
# capture-round4.sh) used: Python (Connexion, Django REST framework on
# Cheroot, Flask-RESTX on pyruvate, web.py), JavaScript (Deno.serve, Elysia on
# Bun, tinyhttp, micro, Feathers), Rails on Puma, Catalyst, Erlang's inets
# httpd, PHP under Apache's mod_php, and proxies (http-proxy-middleware,
# ziproxy, proxy.py, mitmproxy). Proxies and caches of earlier rounds (nginx,
# Apache, HAProxy, Varnish, Squid, Caddy, nghttpx) sit in front of the new
# apps in NEW configurations: a request id on every response, empty-body
# errors, codes earlier rounds rarely show (408, 413, 429, 500, 503 refused),
# JSON errors of their own, and caches answering by themselves (304, 412,
# stale hits). Body-only and headers-only pastes, HTTPie with colours,
# transcripts saved with their CRs or pasted with CRLF, HTTP/2.
#
#   scripts/corpus/capture-round5.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round5.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round5.sh       # keep configs + logs in the runtime dir
#
# Rules as in rounds 1-4: every server binds 127.0.0.1 (ports 23000-23999)
# and the script stops if a new socket listens anywhere else; every curl runs
# under `timeout`; every loop is bounded; every server it started is stopped
# on exit. Debian packages come from apt (with a policy-rc.d so nothing
# starts on its default port), Python packages from PyPI into venvs
# ($CORPUS_VENV, $CORPUS_MITM), Node packages (with Deno and Bun) from npm
# ($CORPUS_NODE), all pinned below. Labels are written by finish_round5.py,
# which refuses (and this script then leaves the fixtures as they were) when
# a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round5"
RUN=/tmp/api-triage-corpus5
STAGE="$RUN/evidence"
CONF="$HERE/conf-round5"
VENV=${CORPUS_VENV:-/tmp/api-triage-corpus5-venv}
NODE_DIR=${CORPUS_NODE:-/tmp/api-triage-corpus5-node}
MITM=${CORPUS_MITM:-/tmp/api-triage-corpus5-mitm}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus5 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
# Proxies and caches of earlier rounds (nginx, Apache, HAProxy, Varnish,
# Squid, Caddy, nghttpx) come back in new configurations, in front of the new
# apps. mod_php needs Apache's prefork MPM, which Debian switches to itself.
PACKAGES=(httpie nodejs python3-venv openssl perl libplack-perl libcatalyst-perl ruby-rails puma
          erlang-base erlang-inets apache2 libapache2-mod-php ziproxy squid nginx haproxy varnish
          nghttp2-proxy caddy)
PYPI=(connexion[flask,uvicorn]==3.3.0 uvicorn==0.55.0 djangorestframework==3.18.3 Django==5.2.19
      cheroot==11.1.2 flask-restx==1.3.2 Flask==3.1.3 pyruvate==1.6.1 web-py==0.76 proxy-py==2.4.10)
# mitmproxy pins versions the packages above do not accept: its own venv.
# 11.0.2 is the last release for Debian's Python 3.11.
MITM_PYPI=(mitmproxy==11.0.2)
NPM=(deno@2.9.6 bun@1.4.4 elysia@1.4.30 @tinyhttp/app@3.0.11 micro@10.0.1 @feathersjs/feathers@5.0.50
     @feathersjs/express@5.0.50 @feathersjs/errors@5.0.50 http-proxy-middleware@4.2.1)
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

install_venv() {  # the Python frameworks and servers, from PyPI
    if [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c \
            'import connexion, uvicorn, rest_framework, django, cheroot, flask_restx, pyruvate, web, proxy' 2>/dev/null; then
        :
    elif [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]]; then
        SKIPPED[pypi]="venv missing"
    else
        log "pip install into $VENV: ${PYPI[*]}"
        "$PY" -m venv "$VENV" >"$RUN/logs/venv.log" 2>&1 || { SKIPPED[pypi]="python3 -m venv failed"; return 0; }
        nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >"$RUN/logs/pip.log" 2>&1 \
            || SKIPPED[pypi]="pip install failed (see logs/pip.log)"
    fi
    if [[ -x $MITM/bin/mitmdump ]]; then return 0; fi
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[mitmproxy]="venv missing"; return 0; }
    log "pip install into $MITM: ${MITM_PYPI[*]}"
    "$PY" -m venv "$MITM" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[mitmproxy]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$MITM/bin/pip" install -q "${MITM_PYPI[@]}" >"$RUN/logs/pip-mitm.log" 2>&1 \
        || SKIPPED[mitmproxy]="pip install failed (see logs/pip-mitm.log)"
}

install_node() {  # the Node frameworks, Deno and Bun, from npm
    local m ok=1
    for m in deno bun elysia @tinyhttp/app micro @feathersjs/express http-proxy-middleware; do
        [[ -d $NODE_DIR/node_modules/$m ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node modules missing"; return 0; }
    log "npm install into $NODE_DIR: ${NPM[*]}"
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name": "corpus5", "private": true}' >"$NODE_DIR/package.json"
    # Deno's and Bun's binaries come in their optional platform packages, so
    # their install scripts are not needed
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

have() { [[ -z ${SKIPPED[$1]:-} ]] && installed "$1"; }
have_py() { [[ -z ${SKIPPED[pypi]:-} && -x $VENV/bin/python ]]; }
have_node() { [[ -z ${SKIPPED[npm]:-} && -d $NODE_DIR/node_modules/@tinyhttp/app ]]; }
have_mitm() { [[ -z ${SKIPPED[mitmproxy]:-} && -x $MITM/bin/mitmdump ]]; }
BUN=$NODE_DIR/node_modules/.bin/bun
DENO=$NODE_DIR/node_modules/.bin/deno

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
    [[ $cmd == *"$RUN/"* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"$MITM/"* || $cmd == *"apps5"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round5.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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

PORTS=(23001 23010 23012 23013 23014 23016 23017 23018 23019 23020 23021 23022 23023 23024 23025
       23026 23030 23031 23032 23033 23034 23040 23041 23042 23043 23044 23045 23047 23048 23049)
for p in "${PORTS[@]}" 23008 23009; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

head -c 8000 /dev/zero | tr '\0' 'x' | sed 's/^/{"sku": "/; s/$/", "qty": 1}/' >"$RUN/work/big-order.json"
LONG_QUERY=$(head -c 3000 /dev/zero | tr '\0' 'q')
BIG_COOKIE="session=$(head -c 3000 /dev/zero | tr '\0' 'c')"
selfsigned "$RUN/tls"

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg up-slow "$PY" "$HERE/upstream.py" slow 23001

# Python
V=$VENV/bin
start_bg connexion "$V/uvicorn" --host 127.0.0.1 --port 23010 apps5:connexion_app
start_bg drf   "$V/python" "$HERE/apps5.py" drf 23012
start_bg restx "$V/python" "$HERE/apps5.py" restx 23013
start_bg webpy "$V/python" "$HERE/apps5.py" webpy 23014

# JavaScript: Node, Deno, Bun
export NODE_ENV=production NODE_PATH="$NODE_DIR/node_modules"
start_bg tinyhttp node "$HERE/apps5.js" tinyhttp 23023
start_bg micro    node "$HERE/apps5.js" micro 23024
start_bg feathers node "$HERE/apps5.js" feathers 23025
start_bg gateway  node "$HERE/apps5.js" gateway 23026 23023 23024 23009 23001
[[ -x $DENO ]] && start_bg deno env DENO_DIR="$RUN/deno" DENO_NO_UPDATE_CHECK=1 "$DENO" run \
    --allow-net=127.0.0.1 --allow-read="$RUN/tls" "$HERE/apps5.deno.js" 23020 23021 "$RUN/tls/tls.crt" "$RUN/tls/tls.key"
# Elysia is resolved from the npm folder, so Bun runs there
[[ -x $BUN ]] && start_bg elysia sh -c "cd '$NODE_DIR' && exec '$BUN' '$HERE/apps5.elysia.js' 23022"

# Rails on Puma, with Rails' own public/ error pages from its app template
if have ruby-rails && have puma; then
    mkdir -p "$RUN/rails/public"
    TPL=$(ls -d /usr/share/rubygems-integration/all/gems/railties-*/lib/rails/generators/rails/app/templates/public | head -n 1)
    cp "$TPL"/404.html "$TPL"/422.html "$TPL"/500.html "$RUN/rails/public/"
    start_bg rails env RAILS_PUBLIC="$RUN/rails/public" puma -e production -b tcp://127.0.0.1:23030 "$HERE/apps5.rails.ru"
fi
# Catalyst under plackup
have libcatalyst-perl && start_bg catalyst plackup -E deployment --host 127.0.0.1 --port 23031 "$HERE/apps5.catalyst.psgi"
# Erlang/OTP inets httpd (no -sname: no epmd)
if have erlang-inets; then
    mkdir -p "$RUN/inets/www"
    cp "$HERE/apps5.inets.erl" "$RUN/inets/v1.erl"
    (cd "$RUN/inets" && erlc v1.erl) >"$RUN/logs/erlc.log" 2>&1 \
        && start_bg inets erl -noshell -noinput -pa "$RUN/inets" -s v1 start 23032 "$RUN/inets"
fi
# Apache: the PHP origin (mod_php) and a reverse proxy with mod_unique_id
if have apache2 && have libapache2-mod-php; then
    mkdir -p "$RUN/apache/www/api"
    cp "$CONF"/php/*.php "$RUN/apache/www/api/"
    render "$CONF/apache.conf" "$RUN/apache/httpd.conf"
    if apache2 -t -f "$RUN/apache/httpd.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own session: on stop, Apache's parent signals its whole process group
        start_bg apache setsid apache2 -f "$RUN/apache/httpd.conf" -DFOREGROUND
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi

wait_port 23001 up-slow || die "the slow upstream failed"
for p in 23010 23012 23013 23014; do wait_port $p python || die "a Python app did not start on $p"; done
for p in 23023 23024 23025 23026; do wait_port $p node || die "a Node app did not start on $p"; done
[[ -x $DENO ]] && wait_port 23020 deno && wait_port 23021 deno && UP[deno]=1
[[ -x $BUN ]] && wait_port 23022 elysia && UP[elysia]=1
have ruby-rails && wait_port 23030 rails && UP[rails]=1
have libcatalyst-perl && wait_port 23031 catalyst && UP[catalyst]=1
have erlang-inets && wait_port 23032 inets && UP[inets]=1
[[ -e $RUN/pids/apache.pid ]] && wait_port 23033 apache && wait_port 23034 apache && UP[apache]=1

# ---- proxies ----------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/{tmp,www/static}
    printf '{"version": 7}\n' >"$RUN/nginx/www/static/app.json"
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 23040 nginx && wait_port 23041 nginx && wait_port 23049 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 23042 haproxy && UP[haproxy]=1
fi
if have varnish; then
    mkdir -p "$RUN/varnish"
    render "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:23043 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 23043 varnish && UP[varnish]=1
fi
if have squid; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || chmod 777 "$RUN/squid"
    if squid -k parse -f "$RUN/squid/squid.conf" >"$RUN/logs/squid-parse.log" 2>&1; then
        start_bg squid squid -N -f "$RUN/squid/squid.conf"
        wait_port 23044 squid && UP[squid]=1
    else log "SKIP squid: config parse failed"; cat "$RUN/logs/squid-parse.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 23045 caddy && UP[caddy]=1
fi
if have nghttp2-proxy; then
    mkdir -p "$RUN/nghttpx"
    render "$CONF/nghttpx.conf" "$RUN/nghttpx/nghttpx.conf"
    start_bg nghttpx nghttpx --conf="$RUN/nghttpx/nghttpx.conf"
    wait_port 23047 nghttpx && UP[nghttpx]=1
fi
if have ziproxy; then
    # ziproxy has no foreground mode: -d forks, and its pid file stops it
    mkdir -p "$RUN/ziproxy"
    render "$CONF/ziproxy.conf" "$RUN/ziproxy/ziproxy.conf"
    ziproxy -d -c "$RUN/ziproxy/ziproxy.conf" -p "$RUN/ziproxy/ziproxy.pid" >"$RUN/logs/ziproxy.log" 2>&1
    wait_port 23048 ziproxy && UP[ziproxy]=1
fi
start_bg proxypy "$V/proxy" --hostname 127.0.0.1 --port 23016 --num-workers 1 --num-acceptors 1
wait_port 23016 proxypy && UP[proxypy]=1
if have_mitm; then
    mkdir -p "$RUN/mitm"
    start_bg mitmproxy "$MITM/bin/mitmdump" --set confdir="$RUN/mitm" --listen-host 127.0.0.1 \
        --mode reverse:http://127.0.0.1:23023@23017 --mode regular@23018 \
        --mode reverse:http://127.0.0.1:23009@23019 --set flow_detail=0
    wait_port 23017 mitmproxy && wait_port 23018 mitmproxy && wait_port 23019 mitmproxy && UP[mitm]=1
fi

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
sleep 3   # HAProxy's health checks mark the refused servers down (inter 1s, fall 1)

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 5 (held out): real responses captured by
# scripts/corpus/capture-round5.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-4:
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

# ================================================================ Python ==
log "capturing: python"
S=connexion-uvicorn
CX=$A:23010
cap $S connexion-500-unhandled.txt 500 app connexion "an operation raises; Connexion's error middleware" \
    "application/problem+json with \"status\": 500, server: uvicorn" -- -sv $CX/api/boom
cap $S connexion-404-problem.txt 404 app connexion "ProblemException(404) for an unknown user" \
    "problem+json with the detail" -- -sv $CX/api/users/7
cap $S connexion-404-unrouted.txt 404 app connexion "a path the OpenAPI spec does not have" \
    "curl -si; problem+json, Werkzeug's wording in detail" -- -si $CX/api/orders/7
cap $S connexion-503-problem.txt 503 app connexion "ProblemException(503) with Retry-After" \
    "problem+json 503" -- -sv $CX/api/down
cap $S connexion-400-validation.txt 400 app connexion "a body that fails the spec's schema" \
    "problem+json 'Bad Request' from request validation" -- -sv -X POST "${JSON[@]}" -d '{"sku": "SKU-1", "qty": 0}' $CX/api/orders
capraw $S connexion-503-own-html.txt 503 app connexion "the app's own HTML 503 (declared in the spec)" \
    "curl -si saved to a file (CRs kept); looks like a proxy's page" -- -si $CX/api/maint
cap $S connexion-500-undeclared-content-type.txt 500 app connexion "the app returns HTML the spec does not declare" \
    "Connexion's response check turns it into a problem+json 500" -- -sv $CX/api/legacy

S=drf-cheroot
DR=$A:23012
cap $S drf-500-apiexception.txt 500 app django-rest-framework "APIException() raised in a view" \
    "{\"detail\":\"A server error occurred.\"}, Server: Cheroot/11.1.2" -- -sv $DR/api/boom
cap $S django-500-crash-cheroot.txt 500 app django "a view raises a plain RuntimeError (DEBUG=False)" \
    "Django's '<h1>Server Error (500)</h1>' under Cheroot" -- -sv $DR/api/crash
cap $S drf-404-notfound.txt 404 app django-rest-framework "NotFound('no user with id 7')" \
    "{\"detail\":...}, Allow header" -- -sv $DR/api/users/7
cap $S django-404-unrouted-cheroot.txt 404 app django "no URL pattern" \
    "curl -si; Django's 'Not Found' page" -- -si $DR/api/orders/7
cap $S drf-503-custom-exception.txt 503 app django-rest-framework "an APIException subclass with status_code 503" \
    "{\"detail\":\"orders database under maintenance\"}" -- -sv $DR/api/down
cap $S drf-429-throttled.txt 429 app django-rest-framework "Throttled(wait=60)" \
    "an app's 429: 'Request was throttled. Expected available in 60 seconds.', Retry-After" -- -sv $DR/api/limited
cap $S cheroot-413-body-limit.txt 413 app cheroot "a body over Cheroot's max_request_body_size" \
    "Cheroot's own text/plain 413, no Server, Connection: close" -- -sv -X POST "${JSON[@]}" --data-binary @big-order.json $DR/api/orders
caphttp $S drf-429-throttled-httpie.txt 429 app django-rest-framework "HTTPie -v, DRF's 429" \
    "HTTPie with colours" -- -v GET $DR/api/limited

S=restx-pyruvate
RX=$A:23013
cap $S restx-500-unhandled.txt 500 app flask-restx "a Resource raises" \
    "{\"message\": \"Internal Server Error\"}, Via: pyruvate (the app server adds Via itself)" -- -sv $RX/api/boom
cap $S restx-404-abort.txt 404 app flask-restx "abort(404, ...)" "{\"message\": ...}, Via: pyruvate" -- -sv $RX/api/users/7
cap $S flask-404-unrouted-pyruvate.txt 404 app flask "no route: Werkzeug's HTML page from Flask" \
    "curl -si; Via: pyruvate, no Server" -- -si $RX/api/orders/7
cap $S flask-504-own-html-pyruvate.txt 504 app flask "the app's own HTML 504 (a plain Flask view)" \
    "looks like nginx's page; Via: pyruvate" -- -sv $RX/api/report

S=webpy-direct
WP=$A:23014
cap $S webpy-500-internalerror.txt 500 app web.py "a handler raises (debug off)" \
    "'internal server error', Server: localhost (web.py's server name)" -- -sv $WP/api/boom
cap $S webpy-404-notfound.txt 404 app web.py "raise web.notfound()" "'not found'" -- -sv $WP/api/users/7
cap $S webpy-503-httperror.txt 503 app web.py "web.HTTPError('503 ...')" "text/plain message, chunked" -- -sv $WP/api/down
cap $S webpy-504-own-html.txt 504 app web.py "the app's own HTML 504" "looks like nginx's page" -- -sv $WP/api/report

# ============================================================ JavaScript ==
log "capturing: javascript"
if up deno; then
    S=deno-serve
    DE=$A:23020
    cap $S deno-500-handler-throws.txt 500 app deno "the handler throws; Deno answers" \
        "text 'Internal Server Error', lower-case content-length, no Server" -- -sv $DE/api/boom
    cap $S deno-404-app-json.txt 404 app deno "the app's JSON 404" "Response.json(..., {status: 404})" -- -sv $DE/api/users/7
    cap $S deno-503-app-json.txt 503 app deno "the app's JSON 503" "Retry-After: 120" -- -sv $DE/api/down
    capwin $S deno-503-own-html.txt 503 app deno "the app's own HTML 503" \
        "curl -si pasted with CRLF; looks like a proxy's page" -- -si $DE/api/maint
    S=deno-tls-h2
    cap $S deno-500-h2-tls.txt 500 app deno "Deno.serve over TLS (h2 by ALPN), the handler throws" \
        "HTTP/2 500" -- -sv --http2 -k https://127.0.0.1:23021/api/boom
    cap $S deno-503-h2-tls.txt 503 app deno "TLS h2, the app's JSON 503" "curl -si" -- -si --http2 -k https://127.0.0.1:23021/api/down
fi
if up elysia; then
    S=elysia-bun
    EL=$A:23022
    cap $S elysia-500-throws.txt 500 app elysia "a handler throws" \
        "the error message as text/plain, no Server" -- -sv $EL/api/boom
    cap $S elysia-404-unrouted.txt 404 app elysia "no route" "curl -si; 'NOT_FOUND'" -- -si $EL/api/orders/7
    cap $S elysia-422-validation.txt 422 app elysia "a body that fails the schema" \
        "Elysia's JSON validation error" -- -sv -X POST "${JSON[@]}" -d '{"sku": "SKU-1", "qty": "two"}' $EL/api/orders
    cap $S elysia-504-own-html.txt 504 app elysia "the app's own HTML 504" "looks like a proxy's page" -- -sv $EL/api/report
    caphttp $S elysia-500-throws-httpie.txt 500 app elysia "HTTPie -v, Elysia's 500" "HTTPie with colours" -- -v GET $EL/api/boom
fi

S=tinyhttp-direct
TH=$A:23023
cap $S tinyhttp-500-throws.txt 500 app tinyhttp "a handler throws (NODE_ENV=production)" \
    "'Internal Server Error', X-Powered-By: tinyhttp" -- -sv $TH/api/boom
cap $S tinyhttp-404-unrouted.txt 404 app tinyhttp "no route" "curl -si; tinyhttp's default 404" -- -si $TH/api/orders/7
cap $S tinyhttp-503-own-html.txt 503 app tinyhttp "the app's own HTML 503" "looks like a proxy's page" -- -sv $TH/api/maint

S=micro-direct
MI=$A:23024
cap $S micro-500-throws.txt 500 app micro "a handler throws (production)" \
    "'Internal Server Error', no Content-Type, no Server" -- -sv $MI/api/boom
cap $S micro-503-createerror.txt 503 app micro "createError(503, ...)" "curl -si; the message alone" -- -si $MI/api/down
cap $S micro-504-own-html.txt 504 app micro "the app's own HTML 504" "looks like a proxy's page" -- -sv $MI/api/report

S=feathers-express
FE=$A:23025
cap $S feathers-500-general-error.txt 500 app feathers "a service method throws a plain Error" \
    "errorHandler's JSON GeneralError, X-Powered-By: Express" -- -sv $FE/api/users
cap $S feathers-404-notfound.txt 404 app feathers "NotFound from a service" "{\"name\":\"NotFound\",...,\"className\":\"not-found\"}" -- -sv $FE/api/users/7
cap $S feathers-404-unrouted-html.txt 404 app feathers "no route, a browser's Accept: text/html" \
    "Feathers' own HTML 404 page" -- -sv -H 'Accept: text/html' $FE/api/invoices/7
cap $S feathers-502-badgateway.txt 502 app feathers "errors.BadGateway(...) thrown by the app" \
    "a 502 made by the app through Feathers' error types" -- -sv $FE/api/pay

# ================================================ Ruby, Perl, Erlang, PHP ==
log "capturing: rails, catalyst, inets, php"
if up rails; then
    S=rails-puma
    RA=$A:23030
    cap $S rails-500-public-page.txt 500 app rails "a controller raises (production)" \
        "public/500.html \"We're sorry, but something went wrong\", X-Request-Id and X-Runtime from Rails, no Server" -- -sv $RA/api/boom
    cap $S rails-404-public-page.txt 404 app rails "a rescue_responses :not_found error" \
        "public/404.html \"The page you were looking for doesn't exist\"" -- -sv $RA/api/users/7
    cap $S rails-500-json.txt 500 app rails "the same error, .json format" "{\"status\":500,\"error\":\"Internal Server Error\"}" -- -sv $RA/api/boom.json
    cap $S rails-404-json.txt 404 app rails "Accept: application/json" "{\"status\":404,\"error\":\"Not Found\"}" \
        -- -sv -H 'Accept: application/json' $RA/api/users/7
    cap $S rails-503-head-empty.txt 503 app rails "head :service_unavailable" \
        "an EMPTY 503 made by the app, with Rails' security headers" -- -sv $RA/api/down
    capraw $S rails-503-own-html.txt 503 app rails "the app's own HTML 503" \
        "curl -sv saved to a file (CRs kept)" -- -sv $RA/api/maint
fi
if up catalyst; then
    S=catalyst-plackup
    CA=$A:23031
    cap $S catalyst-500-come-back-later.txt 500 app catalyst "an action dies (no -Debug)" \
        "'(en) Please come back later' in many languages, Server: HTTP::Server::PSGI, HTTP/1.0" -- -sv $CA/api/boom
    cap $S catalyst-404-default-action.txt 404 app catalyst "no action: the skeleton's default" "curl -si; 'Page not found'" -- -si $CA/api/orders/7
    cap $S catalyst-503-own-html.txt 503 app catalyst "the app's own HTML 503" "looks like a proxy's page" -- -sv $CA/api/maint
fi
if up inets; then
    S=inets-httpd
    IN=$A:23032
    cap $S inets-404-object-not-found.txt 404 app inets "no such file" \
        "'Object Not Found' page, reason phrase 'Object Not Found', Server: inets/8.2.2" -- -si $IN/api/orders/7
    cap $S inets-404-esi-crash.txt 404 app inets "an ESI function crashes" \
        "inets answers its 404 page, not a 500" -- -sv $IN/api/v1/boom
    cap $S inets-503-esi-json.txt 503 app inets "an ESI function answers 503 with JSON" \
        "the app's JSON under Server: inets" -- -sv $IN/api/v1/down
fi
if up apache; then
    S=apache-mod-php
    AP=$A:23033
    cap $S php-500-fatal-empty-modphp.txt 500 app php "an uncaught Error, display_errors off" \
        "mod_php: HTTP/1.0 500, Content-Length: 0, Server: Apache" -- -sv $AP/api/boom.php
    cap $S php-503-own-json-modphp.txt 503 app php "the script answers 503 with JSON" "Server: Apache" -- -sv $AP/api/down.php
    cap $S php-504-own-html-modphp.txt 504 app php "the script's own HTML 504" \
        "looks like nginx's page, under Server: Apache" -- -sv $AP/api/report.php
    cap $S apache-404-origin.txt 404 app apache "no such file on the origin (Apache is the web server, nothing in front)" \
        "curl -si; Apache's 404 page" -- -si $AP/api/orders/7
    cap $S apache-413-origin-limit.txt 413 app apache "a POST over LimitRequestBody to a PHP script" \
        "Apache's 413 page, the origin server itself" -- -sv -X POST "${JSON[@]}" --data-binary @big-order.json $AP/api/orders.php

    S=apache-proxy-unique-id
    AX=$A:23034
    cap $S apache-503-refused-unique-id.txt 503 proxy apache "ProxyPass to a closed port" \
        "Apache's 503 page with X-Request-ID (mod_unique_id)" -- -sv $AX/dead/api/users/42
    cap $S apache-502-slow-unique-id.txt 502 proxy apache "upstream answers after 5 s, ProxyTimeout 2" \
        "curl -si; Apache's 502 'Proxy Error' page (a read timeout is a 502 here, not a 504)" -- -si $AX/slow/api/report
    cap $S apache-500-error-override.txt 500 proxy apache "ProxyErrorOverride On: DRF's JSON 500 replaced" \
        "Apache's own 500 page in place of the app's body" -- -sv $AX/override/api/boom
    cap $S apache-429-error-override.txt 429 proxy apache "ProxyErrorOverride On: DRF's 429 replaced" \
        "Apache's '429 Too Many Requests' page, X-Request-ID" -- -sv $AX/override/api/limited
    cap $S apache-408-body-timeout.txt 408 proxy apache "the request body never comes (RequestReadTimeout body=1)" \
        "Apache's 408 page" -- -sv -X POST "${JSON[@]}" -H 'Content-Length: 20' --data-binary @/dev/null \
        --max-time 10 $AX/deno/api/orders
    cap $S apache-503-error-override.txt 503 proxy apache "ProxyErrorOverride On: DRF's JSON 503 replaced" \
        "Apache's own 503 page, though the upstream answered" -- -sv $AX/override/api/down
    cap $S apache-404-error-override.txt 404 proxy apache "ProxyErrorOverride On: DRF's JSON 404 replaced" \
        "curl -si; Apache's 404 page" -- -si $AX/override/api/users/7
    up rails && cap $S rails-500-apache-passthrough.txt 500 app rails "Rails's 500 through Apache" \
        "Apache's X-Request-ID and Rails's X-Request-Id carry the same id" -- -sv $AX/rails/api/boom
    up deno && cap $S deno-500-apache-passthrough.txt 500 app deno "Deno's 500 through Apache" \
        "curl -si; Server: Apache, X-Request-ID" -- -si $AX/deno/api/boom
fi

# ============================================= proxies in new configurations ==
log "capturing: proxies and caches"
if up nginx; then
    S=nginx-request-id-front
    N=$A:23040
    cap $S nginx-500-rewrite-cycle.txt 500 proxy nginx "a rewrite cycle (10 internal redirects)" \
        "nginx's own 500 page with X-Request-ID" -- -sv $N/loop/x
    cap $S nginx-400-header-too-large.txt 400 proxy nginx "a 3 kB cookie, large_client_header_buffers 1k" \
        "<title>400 Request Header Or Cookie Too Large</title>, X-Request-ID" -- -sv -H "Cookie: $BIG_COOKIE" $N/drf/api/health
    cap $S nginx-413-body-too-large.txt 413 proxy nginx "a body over client_max_body_size 1k" \
        "curl -si; nginx's 413 page" -- -si -X POST "${JSON[@]}" --data-binary @big-order.json $N/connexion/api/orders
    cap $S nginx-405-post-static.txt 405 proxy nginx "POST to a static file" "nginx's '405 Not Allowed'" -- -sv -X POST $N/static/app.json
    cap $S nginx-414-uri-too-long.txt 414 proxy nginx "a 3 kB URI, large_client_header_buffers 1k" \
        "nginx's 414 page with X-Request-ID" -- -sv "$N/drf/api/orders?filter=$LONG_QUERY"
    cap $S nginx-404-unrouted.txt 404 proxy nginx "no location matches: return 404" "curl -si; nginx's 404 page" -- -si $N/v2/orders
    quiet $N/limited/api/health   # the 1 r/min quota is now used up
    cap $S nginx-429-json-limit-req.txt 429 proxy nginx "limit_req over quota, error_page to a JSON location" \
        "nginx's own JSON with the request id in the body" -- -sv $N/limited/api/health
    cap $S nginx-504-json-slow.txt 504 proxy nginx "upstream answers after 5 s, proxy_read_timeout 2 s" \
        "a JSON 504 of nginx's making" -- -sv $N/slow/api/report
    cap $S connexion-500-nginx-passthrough.txt 500 app connexion "Connexion's problem+json 500 through nginx" \
        "Server: nginx, X-Request-ID" -- -sv $N/connexion/api/boom
    cap $S drf-429-nginx-passthrough.txt 429 app django-rest-framework "DRF's 429 through nginx" \
        "an app's 429 behind a proxy that also rate-limits" -- -sv $N/drf/api/limited
    up rails && cap $S rails-404-nginx-passthrough.txt 404 app rails "Rails's 404 page through nginx" \
        "Rails echoes nginx's X-Request-ID as its X-Request-Id" -- -sv $N/rails/api/users/7
    up elysia && cap $S elysia-500-nginx-passthrough.txt 500 app elysia "Elysia's 500 through nginx" \
        "curl -si" -- -si $N/elysia/api/boom

    S=nginx-cache
    NC=$A:23041
    cap $S webpy-200-nginx-cache-miss.txt 200 app web.py "first request: a MISS, web.py answers" \
        "curl -si; Server: localhost passed on (proxy_pass_header Server), X-Cache-Status: MISS" -- -si $NC/cache/catalog
    cap $S nginx-304-cache-if-none-match.txt 304 cdn-cache nginx "If-None-Match on the cached object" \
        "nginx answers 304 from its cache (HIT); web.py never sends 304" -- -sv -H 'If-None-Match: "catalog-v7"' $NC/cache/catalog
    cap $S nginx-412-cache-if-match.txt 412 cdn-cache nginx "If-Match with another ETag on the cached object" \
        "nginx's 412 page" -- -sv -H 'If-Match: "catalog-v6"' $NC/cache/catalog
    cap $S webpy-500-nginx-cache-passthrough.txt 500 app web.py "web.py's 500 through the cache" \
        "X-Cache-Status absent (no cache for /api/boom)" -- -sv $NC/api/boom

    S=nginx-h2c
    cap $S connexion-404-h2c-nginx.txt 404 app connexion "h2c to nginx, Connexion's problem+json 404" \
        "HTTP/2 404, server: nginx" -- -sv --http2-prior-knowledge $A:23049/connexion/api/users/7
    up rails && cap $S rails-500-h2c-nginx.txt 500 app rails "h2c to nginx, Rails's 500 page" \
        "curl -si; HTTP/2 500" -- -si --http2-prior-knowledge $A:23049/rails/api/boom
fi

if up haproxy; then
    S=haproxy-lb-unique-id
    HP=$A:23042
    cap $S haproxy-503-no-server.txt 503 load-balancer haproxy "both servers refuse; health checks marked them down" \
        "'No server is available to handle this request.', x-request-id from unique-id" -- -sv $HP/dead/api/users/42
    cap $S haproxy-429-json-return.txt 429 load-balancer haproxy "http-request return 429 with a JSON body" \
        "HAProxy's own JSON, the unique id in it, Retry-After" -- -sv $HP/quota/api/orders
    cap $S haproxy-400-bad-header.txt 400 load-balancer haproxy "header name with a space" \
        "curl -si; HAProxy's 400 page, no request id (the request never parsed)" -- -si -H 'Bad Header: x' $HP/tiny/api/health
    cap $S haproxy-413-deny.txt 413 load-balancer haproxy "deny_status 413 on Content-Length over 1024" \
        "HAProxy's 413 page with x-request-id" -- -sv -X POST "${JSON[@]}" --data-binary @big-order.json $HP/tiny/api/orders
    cap $S haproxy-408-body-timeout.txt 408 load-balancer haproxy "http-buffer-request, the body never comes" \
        "HAProxy's 408 page" -- -sv -X POST "${JSON[@]}" -H 'Content-Length: 20' --data-binary @/dev/null \
        --max-time 10 $HP/tiny/api/orders
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "server answers after 5 s, timeout server 2 s" \
        "curl -si; HAProxy's 504 page" -- -si $HP/slow/api/report
    cap $S tinyhttp-500-haproxy-passthrough.txt 500 app tinyhttp "tinyhttp's 500 through HAProxy" \
        "X-Powered-By: tinyhttp, x-request-id" -- -sv $HP/tiny/api/boom
    cap $S feathers-404-haproxy-passthrough.txt 404 app feathers "Feathers' JSON 404 through HAProxy" \
        "curl -si" -- -si $HP/feathers/api/users/7
    up catalyst && cap $S catalyst-500-haproxy-passthrough.txt 500 app catalyst "Catalyst's 500 through HAProxy" \
        "HTTP/1.0 from the app, relayed" -- -sv $HP/catalyst/api/boom
fi

if up varnish; then
    S=varnish-cache
    VA=$A:23043
    up apache && cap $S php-200-varnish-miss.txt 200 app php "first request: MISS, PHP under Apache answers" \
        "curl -si; X-Cache: MISS, Via: varnish, Server: Apache" -- -si $VA/php/api/catalog.php
    up apache && cap $S varnish-304-cache-if-none-match.txt 304 cdn-cache varnish "If-None-Match on the cached object" \
        "Varnish answers 304 itself: two ids in X-Varnish, Server: Apache from the stored object" \
        -- -sv -H 'If-None-Match: "catalog-v7"' $VA/php/api/catalog.php
    cap $S varnish-429-json-synth.txt 429 cdn-cache varnish "a client over quota: synth(429) with a JSON body" \
        "Varnish's own JSON with its xid, Server: Varnish" -- -sv -H 'X-Client: greedy' $VA/api/orders
    cap $S varnish-503-json-maintenance.txt 503 cdn-cache varnish "synth(503) maintenance with a JSON body" \
        "curl -si; Retry-After: 300" -- -si $VA/maint/api/orders
    up rails && cap $S rails-500-varnish-passthrough.txt 500 app rails "Rails's 500 page through Varnish (pass)" \
        "Via: 1.1 varnish, X-Varnish, Age: 0" -- -sv $VA/rails/api/boom
    up apache && caphttp $S varnish-304-cache-httpie.txt 304 cdn-cache varnish "HTTPie -v, If-None-Match on a cached object" \
        "HTTPie with colours" -- -v GET $VA/php/api/catalog.php 'If-None-Match:"catalog-v7"'
fi

if up squid; then
    S=squid-accel-cache
    SQ=$A:23044
    up inets && cap $S inets-200-squid-miss.txt 200 app inets "first request: MISS, inets answers" \
        "curl -si; Server: inets kept, Via and X-Cache from Squid" -- -si $SQ/api/v1/catalog
    up inets && cap $S squid-304-cache-if-none-match.txt 304 cdn-cache squid "If-None-Match on the cached object" \
        "Squid answers 304 itself: X-Cache: HIT; inets never sends 304" -- -sv -H 'If-None-Match: "catalog-v7"' $SQ/api/v1/catalog
    cap $S squid-502-dead-peer.txt 502 cdn-cache squid "the origin peer for /api/orders/ refuses" \
        "Squid's ERR_READ_ERROR page (the peer was marked dead), Server: squid/5.7" -- -sv $SQ/api/orders/7
    cap $S squid-504-slow-peer.txt 504 cdn-cache squid "the origin peer answers after 5 s, read_timeout 2 s" \
        "curl -si; ERR_READ_TIMEOUT" -- -si $SQ/api/report
    cap $S drf-429-squid-passthrough.txt 429 app django-rest-framework "DRF's 429 through Squid" \
        "Via and X-Cache: MISS from Squid, Server: Cheroot" -- -sv $SQ/api/limited
    cap $S drf-404-squid-passthrough.txt 404 app django-rest-framework "DRF's 404 through Squid" "curl -si" -- -si $SQ/api/users/7
fi

if up caddy; then
    S=caddy-empty-errors
    CY=$A:23045
    cap $S caddy-502-empty-refused.txt 502 proxy caddy "reverse_proxy to a closed port" \
        "an EMPTY body; Server: Caddy is the only sign of the proxy" -- -sv $CY/dead/api/users/42
    cap $S caddy-504-empty-slow.txt 504 proxy caddy "response_header_timeout 2 s, the app answers after 5 s" \
        "curl -si; an empty 504" -- -si $CY/slow/api/report
    cap $S caddy-404-empty-unrouted.txt 404 proxy caddy "no route: the error directive" "an empty 404, Server: Caddy" -- -sv $CY/v2/orders
    cap $S micro-500-caddy-passthrough.txt 500 app micro "micro's 500 through Caddy" \
        "Server: Caddy added to the app's bare answer" -- -sv $CY/micro/api/boom
    up elysia && cap $S elysia-503-caddy-passthrough.txt 503 app elysia "Elysia's 503 through Caddy" "curl -si" -- -si $CY/elysia/api/down
fi

if up nghttpx; then
    S=nghttpx-h2c-front
    NX=$A:23047
    cap $S tinyhttp-500-h2c-nghttpx.txt 500 app tinyhttp "h2c to nghttpx, tinyhttp's 500" \
        "HTTP/2 500, server: nghttpx, via: 1.1 nghttpx" -- -sv --http2-prior-knowledge $NX/tiny/api/boom
    cap $S micro-404-h2c-nghttpx.txt 404 app micro "h2c to nghttpx, micro's 404" "curl -si" -- -si --http2-prior-knowledge $NX/micro/api/users/7
    cap $S nghttpx-502-h2c-refused.txt 502 proxy nghttpx "h2c to nghttpx, the backend for /dead/ refuses" \
        "nghttpx's own 502 page over HTTP/2" -- -sv --http2-prior-knowledge $NX/dead/api/users/42
    cap $S nghttpx-502-refused.txt 502 proxy nghttpx "HTTP/1.1 to nghttpx, the backend refuses" \
        "curl -si; Server: nghttpx" -- -si $NX/dead/api/orders
    cap $S drf-503-h2c-nghttpx.txt 503 app django-rest-framework "h2c to nghttpx, DRF's 503" \
        "server: nghttpx replaces Cheroot" -- -sv --http2-prior-knowledge $NX/api/down
fi

S=hpm-gateway
GW=$A:23026
cap $S hpm-504-refused.txt 504 proxy http-proxy-middleware "the target refuses (ECONNREFUSED)" \
    "'Error occurred while trying to proxy: ...' as a 504, no Content-Type, no Server" -- -sv $GW/dead/api/users/42
cap $S hpm-000-slow-timeout.txt 0 proxy http-proxy-middleware "the target answers after 5 s, proxyTimeout 2 s" \
    "no response at all: 'Empty reply from server'" -- -sv $GW/slow/api/report
cap $S tinyhttp-500-hpm-passthrough.txt 500 app tinyhttp "tinyhttp's 500 through the gateway" \
    "header names lower-cased by the gateway" -- -sv $GW/tiny/api/boom
cap $S micro-503-hpm-passthrough.txt 503 app micro "micro's 503 through the gateway" "curl -si" -- -si $GW/micro/api/down

if up ziproxy; then
    S=ziproxy-forward
    cap $S ziproxy-503-refused.txt 503 proxy ziproxy "forward proxy, origin refused" \
        "ziproxy's page 'Connection refused.', Server: ziproxy" -- -sv -x $A:23048 $A:23009/api/users/42
    capraw $S ziproxy-503-refused-saved.txt 503 proxy ziproxy "the same, saved" \
        "curl -si saved to a file (CRs kept)" -- -si -x $A:23048 $A:23009/api/orders
    cap $S micro-500-ziproxy-passthrough.txt 500 app micro "micro's 500 through ziproxy" \
        "Proxy-Connection: close added, no Via" -- -sv -x $A:23048 $A:23024/api/boom
fi
if up proxypy; then
    S=proxypy-forward
    cap $S proxypy-502-refused.txt 502 proxy proxy.py "forward proxy, origin refused" \
        "'Bad Gateway', no Server: only Proxy-agent: proxy.py v2.4.10" -- -sv -x $A:23016 $A:23009/api/users/42
    cap $S micro-404-proxypy-passthrough.txt 404 app micro "micro's 404 through proxy.py" \
        "curl -si; relayed as it came" -- -si -x $A:23016 $A:23024/api/users/7
fi
if up mitm; then
    S=mitmproxy
    cap $S mitmproxy-000-reverse-refused.txt 0 proxy mitmproxy "reverse mode, the target refuses" \
        "mitmproxy closes without a response: 'Empty reply from server'" -- -sv $A:23019/api/users/42
    cap $S mitmproxy-502-forward-refused.txt 502 proxy mitmproxy "regular (forward) mode, origin refused" \
        "mitmproxy's HTML 502 with the errno, Server: mitmproxy 11.0.2" -- -sv -x $A:23018 $A:23009/api/users/42
    cap $S mitmproxy-502-forward-refused-si.txt 502 proxy mitmproxy "the same, another path" \
        "curl -si" -- -si -x $A:23018 $A:23009/api/orders
    cap $S tinyhttp-404-mitmproxy-passthrough.txt 404 app tinyhttp "tinyhttp's 404 through mitmproxy (reverse)" \
        "relayed with nothing added" -- -sv $A:23017/api/users/7
    caphttp $S mitmproxy-502-forward-httpie.txt 502 proxy mitmproxy "HTTPie --proxy, mitmproxy's 502" \
        "HTTPie with colours" -- -v --proxy=http:$A:23018 GET $A:23009/api/orders
fi

# ============================================================= two hops ==
log "capturing: two hops"
S=two-hops
up varnish && cap $S hpm-504-via-varnish.txt 504 proxy http-proxy-middleware "Varnish -> the gateway -> refused" \
    "the gateway's 504 relayed by Varnish (Via, X-Varnish)" -- -sv $A:23043/gw/dead/api/users/42
up nginx && up mitm && cap $S tinyhttp-500-nginx-mitmproxy.txt 500 app tinyhttp "nginx -> mitmproxy -> tinyhttp" \
    "X-Request-ID from nginx, nothing from mitmproxy" -- -sv $A:23040/mitm/api/boom
up ziproxy && up mitm && cap $S mitmproxy-502-via-ziproxy.txt 502 proxy mitmproxy "ziproxy -> mitmproxy (forward) -> refused" \
    "curl -si; mitmproxy's page relayed by ziproxy" -- -si -x $A:23048 $A:23018/api/orders

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
capbody $S body-connexion-500.txt 500/500 app connexion "Connexion's problem+json" "\"status\": 500 in the body" -- $A:23010/api/boom
capbody $S body-drf-429.txt 0/429 app django-rest-framework "DRF's throttled detail" "no number, only 'throttled'" -- $A:23012/api/limited
capbody $S body-django-500.txt 500/500 app django "Django's Server Error (500)" "the number in the title" -- $A:23012/api/crash
capbody $S body-restx-503.txt 0/503 app flask-restx "Flask-RESTX message" "{\"message\": ...}, no number" -- $A:23013/api/down
capbody $S body-webpy-500.txt 0/500 app web.py "web.py's 'internal server error'" "no number" -- $A:23014/api/boom
up deno && capbody $S body-deno-500.txt 0/500 app deno "Deno's 'Internal Server Error'" "no number" -- $A:23020/api/boom
up elysia && capbody $S body-elysia-404.txt 0/404 app elysia "Elysia's NOT_FOUND" "no number" -- $A:23022/api/orders/7
capbody $S body-feathers-503.txt 503/503 app feathers "Feathers' JSON error" "\"code\":503" -- $A:23025/api/down
up rails && capbody $S body-rails-500.txt 500/500 app rails "Rails's public/500.html" "'(500)' in the title" -- $A:23030/api/boom
up catalyst && capbody $S body-catalyst-500.txt 0/500 app catalyst "Catalyst's 'Please come back later'" "no number" -- $A:23031/api/boom
up inets && capbody $S body-inets-404.txt 0/404 app inets "inets's 'Object Not Found'" "no number" -- $A:23032/api/orders/7
up nginx && capbody $S body-nginx-429-json.txt 0/429 proxy nginx "nginx's own JSON 429" "rate_limited, no number" -- $A:23040/limited/api/health
up nginx && capbody $S body-nginx-500.txt 500/500 proxy nginx "nginx's 500 page" "'500 Internal Server Error'" -- $A:23040/loop/x
up haproxy && capbody $S body-haproxy-503.txt 503/503 load-balancer haproxy "HAProxy's 503 page" "'503 Service Unavailable'" -- $A:23042/dead/api/orders
up varnish && capbody $S body-varnish-429.txt 0/429 cdn-cache varnish "Varnish's JSON 429" "no number" -- -H 'X-Client: greedy' $A:23043/api/orders
up apache && capbody $S body-apache-408.txt 408/408 proxy apache "Apache's 408 page" "'408 Request Timeout'" \
    -- -X POST -H 'Content-Length: 20' --data-binary @/dev/null --max-time 10 $A:23034/deno/api/orders
capbody $S body-hpm-504.txt 0/504 proxy http-proxy-middleware "the gateway's error text" "no number" -- $A:23026/dead/api/orders
up ziproxy && capbody $S body-ziproxy-503.txt 503/503 proxy ziproxy "ziproxy's error page" "'503 Service Unavailable' in the title" \
    -- -x $A:23048 $A:23009/api/orders
up squid && capbody $S body-squid-502.txt 0/502 cdn-cache squid "Squid's ERR_READ_ERROR page" \
    "'The requested URL could not be retrieved', no number" -- $A:23044/api/orders/7
up mitm && capbody $S body-mitmproxy-502.txt 502/502 proxy mitmproxy "mitmproxy's 502 page" "'502 Bad Gateway'" -- -x $A:23018 $A:23009/api/orders

# ================================================ headers-only pastes ==
S=headers-only-paste
caphead $S head-drf-405.txt 405 app django-rest-framework "curl -sI on a GET-only @api_view" "DRF answers HEAD with 405; Server: Cheroot" -- $A:23012/api/limited
caphead $S head-restx-500.txt 500 app flask-restx "curl -sI, Flask-RESTX 500" "Via: pyruvate" -- $A:23013/api/boom
up rails && caphead $S head-rails-503.txt 503 app rails "curl -sI, Rails head :service_unavailable" "X-Request-Id, X-Runtime" -- $A:23030/api/down
up inets && caphead $S head-inets-404.txt 404 app inets "curl -sI, inets no such file" "Server: inets" -- $A:23032/api/orders/7
up nginx && caphead $S head-nginx-500.txt 500 proxy nginx "curl -sI, nginx's rewrite cycle" "X-Request-ID" -- $A:23040/loop/x
up haproxy && caphead $S head-haproxy-503.txt 503 load-balancer haproxy "curl -sI, no server available" "x-request-id" -- $A:23042/dead/api/orders
up caddy && caphead $S head-caddy-502.txt 502 proxy caddy "curl -sI, Caddy to a closed port" "Server: Caddy, Content-Length: 0" -- $A:23045/dead/api/orders
up apache && caphead $S head-apache-503.txt 503 proxy apache "curl -sI, Apache to a closed port" "X-Request-ID" -- $A:23034/dead/api/orders
up proxypy && caphead $S head-proxypy-502.txt 502 proxy proxy.py "curl -sI via proxy.py, origin refused" \
    "Proxy-agent only" -- -x $A:23016 $A:23009/api/orders
up ziproxy && caphead $S head-ziproxy-503.txt 503 proxy ziproxy "curl -sI via ziproxy, origin refused" "Server: ziproxy" \
    -- -x $A:23048 $A:23009/api/orders
caphead $S head-hpm-504.txt 504 proxy http-proxy-middleware "curl -sI, the gateway's target refuses" \
    "no Server, no Content-Type" -- $A:23026/dead/api/orders
up varnish && caphead $S head-varnish-429.txt 429 cdn-cache varnish "curl -sI, Varnish's synth 429" "Server: Varnish, X-Varnish" \
    -- -H 'X-Client: greedy' $A:23043/api/orders
up squid && caphead $S head-squid-502.txt 502 cdn-cache squid "curl -sI, Squid's dead peer" "X-Squid-Error" -- $A:23044/api/orders/7

# ======================================= last: things that stop servers ==
log "capturing: origins stopped behind caches"
if up nginx; then
    stop_name webpy INT   # KeyboardInterrupt: Cheroot shuts down cleanly
    sleep 2   # past proxy_cache_valid 1s
    cap nginx-cache nginx-200-stale-webpy-stopped.txt 200 cdn-cache nginx "web.py stopped: nginx serves the stale copy" \
        "X-Cache-Status: STALE, Server: localhost from the stored object" -- -sv $A:23041/cache/catalog
fi
if up nginx && up rails; then
    stop_name rails
    cap nginx-request-id-front nginx-502-rails-stopped.txt 502 proxy nginx "Puma stopped behind nginx" \
        "nginx's own 502 page with X-Request-ID" -- -sv $A:23040/rails/api/health
fi
if up varnish && up apache; then
    stop_name apache
    sleep 2   # past the 1 s ttl, inside the grace
    cap varnish-cache varnish-200-grace-apache-stopped.txt 200 cdn-cache varnish "Apache and PHP stopped: a grace hit" \
        "the stale copy, Age over the ttl, Server: Apache from the object, X-Cache: HIT" -- -sv $A:23043/php/api/catalog.php
    cap varnish-cache varnish-503-guru-origin-stopped.txt 503 cdn-cache varnish "Apache stopped, an object not in the cache" \
        "Varnish's guru meditation 'Backend fetch failed' page (vcl_backend_error is left as it comes)" \
        -- -sv $A:23043/php/api/down.php
fi
if up squid && up inets; then
    stop_name inets
    sleep 3
    cap squid-accel-cache squid-504-inets-stopped.txt 504 cdn-cache squid "inets stopped; the stale object needs revalidation" \
        "curl -si; Squid tries the origin and answers its error page" -- -si $A:23044/api/v1/catalog
fi

log "stopping servers"
[[ -e $RUN/ziproxy/ziproxy.pid ]] && stop_pid "$(cat "$RUN/ziproxy/ziproxy.pid")"
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round5/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
