#!/usr/bin/env bash
# capture-round41.sh — build the forty-first held-out evidence corpus in
# tests/fixtures/evidence-round41/.
#
# "The rarer codes": the fronts' own answers for status codes earlier rounds
# seldom captured (400 for a bad Host, bad chunking or too large headers,
# 405, 408, 411, 412/416 on static or cached content, 413, 414, 417, 497,
# 500 from a rewrite loop, 501, 505, the balancer's 503, limit_conn's 503,
# HAProxy's queue 503), against the apps' own answers of the same and other
# rare codes (405, 409, 410, 412, 415, 416, 423, 428, 451, 501, 507).
# Fronts: nginx, Apache, Caddy, HAProxy, Varnish, Squid (accelerator),
# lighttpd, nghttpx. Apps: Flask under gunicorn, Express 5, Go net/http.
# Paste forms: curl -sv/-si (some with their CRs, some with CRLF), HTTPie
# with colours, wget -S, body-only and headers-only pastes, and raw requests
# typed into `nc` (the request, then the raw response, as a terminal shows).
#
#   scripts/corpus/capture-round41.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round41.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round41.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round41.sh     # start every server, leave them up 300 s
#
# Every server binds 127.0.0.1 (ports 56500-56999) and the script stops if a
# new socket listens anywhere else; every curl, HTTPie, wget and raw request
# runs under `timeout`; every loop is bounded; every server it started is
# stopped on exit, by process id. Installs and builds run under `nice -n 15`.
# Labels are written by finish_round41.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the one
# on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round41"
RUN=/tmp/api-triage-corpus41
STAGE="$RUN/evidence"
CONF="$HERE/conf-round41"
APPS="$HERE/apps41"
VENV=${CORPUS_VENV41:-/tmp/api-triage-corpus41-venv}
NODE_DIR=${CORPUS_NODE41:-/tmp/api-triage-corpus41-node}
GODIR=${CORPUS_GO41:-/tmp/api-triage-corpus41-go}
START_TIME=$SECONDS

PY=/usr/bin/python3
HTTPIE=/usr/bin/http
PYPI=(flask==3.1.3 gunicorn==27.0.1)
NPM=(express@5.3.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus41 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget python3-venv nodejs golang-go openssl
          apache2 nginx haproxy varnish caddy squid lighttpd nghttp2-proxy)
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


install_venv() {  # Flask and gunicorn, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, gunicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # Express, from npm
    [[ -e $NODE_DIR/node_modules/express/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus41","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # the stdlib-only Go app, offline
    [[ -x $GODIR/go_app && $GODIR/go_app -nt $APPS/go_app.go ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the Go app is not built"; return 0; }
    mkdir -p "$GODIR"
    log "go build"
    (cd "$APPS" && GO111MODULE=off GOPROXY=off GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GODIR/go_app" go_app.go) >"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[go]="go build failed (see logs/go-build.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GODIR/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
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
            # a worker or child a server left behind (php-fpm, daphne)
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

COUNT=0
MISMATCH=0
shquote() {
    if [[ $1 =~ ^[A-Za-z0-9_./:@=,+%-]+$ ]]; then printf '%s' "$1"
    else printf "'%s'" "${1//\'/\'\\\'\'}"; fi
}

# The command line as the paste shows it: "$ cmd ..." or, with PROMPT set,
# the engineer's whole prompt ("deploy@web-01:~$ cmd ...").
cmdline() { local a; printf '%s' "${PROMPT:-\$}"; for a in "$@"; do printf ' %s' "$(shquote "$a")"; done; printf '\n'; }

in_work() { (cd "$RUN/work" && HOME="$RUN/work" CURL_HOME="$RUN/work" XDG_CONFIG_HOME="$RUN/work" \
    HTTPIE_CONFIG_DIR="$RUN/work/httpie" "$@"); }

# in_tty CMD...: run as an engineer's terminal does (a pseudo-terminal from
# `script`, so curl shows no progress meter and stdout/stderr interleave as
# on screen); the CRs the terminal adds are dropped, as copying does.
in_tty() {
    local cmd
    cmd=$(printf '%q ' "$@")
    in_work timeout 20 script -qec "$cmd" /dev/null </dev/null | tr -d '\r'
}

# finish FORM DEST SETUP STATUS LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]
# TRAIL (when set) is the engineer's own comment, pasted under the response.
finish() {
    local form=$1; shift
    if ! FINISH_FORM=$form FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round41.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
        MISMATCH=$((MISMATCH + 1))
    fi
    if [[ -n ${TRAIL:-} ]]; then
        [[ -s $1 && -n $(tail -c 1 "$1") ]] && printf '\n' >>"$1"
        printf '%s\n' "$TRAIL" >>"$1"
    fi
    COUNT=$((COUNT + 1))
}

curl_form() {  # v when the curl arguments ask for -v, else i
    local a
    for a in "$@"; do [[ $a =~ ^-[a-zA-Z]*v[a-zA-Z]*$ || $a == --verbose ]] && { echo v; return; }; done
    echo i
}

# cap SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl -sv` / `curl -si` / `curl -s -D-`, stdout and stderr to the paste.
cap() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl "$@" >"$dest"
    in_work timeout 20 curl "$@" >>"$dest" 2>&1
    finish "$(curl_form "$@")" "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}
capraw() { KEEP_CR=1 cap "$@"; }           # kept as curl wrote it: header lines keep their CR
capwin() { local file=$2; cap "$@"; sed -i 's/\r*$/\r/' "$STAGE/$file"; }  # pasted with CRLF

# captty SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# curl run in a terminal: `curl -v URL` (no -s needed), `curl --trace-ascii - URL`.
captty() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7 form a
    shift 8
    local dest="$STAGE/$file"
    form=$(curl_form "$@")
    for a in "$@"; do [[ $a == --trace-ascii ]] && form=trace; done
    cmdline curl "$@" >"$dest"
    in_tty curl "$@" >>"$dest"
    finish "$form" "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# quiet URL...: a request whose answer is not kept (to fill a cache or a rate counter)
quiet() { in_work timeout 10 curl -s -o /dev/null "$@" || true; }

# capbody SETUP FILE SHOWN/WIRE LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# A body-only paste: `curl -s URL`. SHOWN is the status the body itself shows
# (0 when it shows no number), WIRE the one really sent.
capbody() {
    local setup=$1 file=$2 shown=${3%/*} wire=${3#*/} layer=$4 product=$5 scenario=$6 note=$7 got
    shift 8
    local dest="$STAGE/$file"
    cmdline curl -s "$@" >"$dest"
    rm -f "$RUN/work/last-headers"
    in_work timeout 20 curl -s -D "$RUN/work/last-headers" "$@" >>"$dest" 2>/dev/null
    got=$(awk '/^HTTP\// {s=$2} END {print s+0}' "$RUN/work/last-headers" 2>/dev/null)
    if [[ $got != "$wire" ]]; then
        log "MISMATCH $file: expected wire status $wire, got $got"; MISMATCH=$((MISMATCH + 1))
    fi
    finish body "$dest" "$setup" "$shown" "$layer" "$product" "$scenario" "$note" body-only "$got"
}

# caphead SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# A headers-only paste (`curl -sI`, a HEAD request, as engineers send it).
caphead() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl -sI "$@" >"$dest"
    in_work timeout 20 curl -sI "$@" >>"$dest" 2>&1
    finish i "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only "$status"
}

# caphttp SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- HTTPIE-ARGS...
# HTTPie with colours forced on (HTTPIE_PLAIN=1: without colours, as when its
# output goes to a file). HTTPIE_HEADERS=1 marks a --headers paste
# (headers-only).
caphttp() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file" pretty=(--pretty=all --style=monokai)
    have httpie || return 0
    [[ ${HTTPIE_PLAIN:-0} == 1 ]] && pretty=()
    cmdline http "$@" >"$dest"
    in_work timeout 20 "$HTTPIE" --ignore-stdin "${pretty[@]}" --timeout=10 "$@" >>"$dest" 2>&1
    if [[ ${HTTPIE_HEADERS:-0} == 1 ]]; then
        finish httpie "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only "$status"
    else
        finish httpie "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
    fi
}

# capwget SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- WGET-ARGS...
# wget as typed (`wget -S -O /dev/null URL`, `wget --server-response URL`,
# `wget -S -O- URL`): its progress lines and the server's headers (indented),
# run in the work directory (a file it saves lands there). One try, 10 s.
capwget() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    have wget || return 0
    cmdline wget "$@" >"$dest"
    in_work timeout 20 wget --tries=1 --timeout=10 "$@" >>"$dest" 2>&1
    finish wget "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}



render() {
    local src=$1 dest=$2; shift 2
    sed -e "s|@RUN@|$RUN|g" "$@" "$src" >"$dest"
}

up() { [[ -n ${UP[$1]:-} ]]; }

# capnc SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- PORT REQUEST [WAIT]
# A raw request typed into `nc`: the command, the request as typed, then the
# raw response (form i: the first `HTTP/` line is the status).
capnc() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    timeout 20 "$PY" "$CONF/rawsend.py" "$@" >"$dest" 2>&1
    finish i "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# hold URL: a slow request left running in the background (fills a
# connection limit or a server's only slot); waited for before the end.
HOLDS=()
hold() { in_work timeout 12 curl -s -o /dev/null "$@" & HOLDS+=($!); sleep 0.7; }
unhold() { local p; for p in "${HOLDS[@]}"; do wait "$p" 2>/dev/null; done; HOLDS=(); }

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS ]] || die "missing $CONF or $APPS"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,www/static,www/old,www/files,tls}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_npm
build_go
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "Express is missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/go_app ]] || die "the Go app did not build (${SKIPPED[go]:-?})"

ALL_PORTS=(56501 56502 56503 56510 56511 56512 56520 56530 56540 56550 56560 56570 56580 56506 56507 56508 56509)
for p in "${ALL_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# the static files the fronts serve themselves
{ printf '/* site styles, build 2026-12-01 */\n'; for i in $(seq 1 60); do printf '.c%d { margin: %dpx; }\n' "$i" "$i"; done; } >"$RUN/www/static/app.css"
printf 'Operator manual\n%s\n' "$(seq 1 200 | tr '\n' ' ')" >"$RUN/www/files/manual.txt"
printf '<p>old page</p>\n' >"$RUN/www/old/index.html"
touch -d '2026-12-01 00:00:00 UTC' "$RUN"/www/static/app.css "$RUN"/www/files/manual.txt
chmod -R a+rX "$RUN/www"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=api.example.test \
    -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" >"$RUN/logs/openssl.log" 2>&1 || die "openssl failed"
chmod 644 "$RUN/tls/key.pem"

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg flask-gunicorn nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 2 --threads 4 --timeout 30 -b 127.0.0.1:56501 flask_app:app
start_bg express env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_app.js" 56502 "$RUN/www/files"
start_bg go-app nice -n 5 "$GODIR/go_app" 56503
for p in 56501 56502 56503; do wait_port $p app || die "an app did not start on $p"; done

# ---- fronts -------------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/cache
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 56510 nginx && wait_port 56512 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 56520 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 56530 caddy && UP[caddy]=1
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 56540 haproxy && UP[haproxy]=1
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:56550 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 56550 varnish && UP[varnish]=1
fi
if have squid; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || true
    start_bg squid squid -N -n corpus41 -f "$RUN/squid/squid.conf"
    wait_port 56560 squid && UP[squid]=1
fi
if have lighttpd; then
    mkdir -p "$RUN/lighttpd"
    render "$CONF/lighttpd.conf" "$RUN/lighttpd/lighttpd.conf"
    if lighttpd -tt -f "$RUN/lighttpd/lighttpd.conf" >"$RUN/logs/lighttpd-t.log" 2>&1; then
        start_bg lighttpd lighttpd -D -f "$RUN/lighttpd/lighttpd.conf"
        wait_port 56570 lighttpd && UP[lighttpd]=1
    else log "SKIP lighttpd: config test failed"; cat "$RUN/logs/lighttpd-t.log" >&2; fi
fi
if have nghttp2-proxy; then
    mkdir -p "$RUN/nghttpx"
    cp "$CONF/nghttpx.conf" "$RUN/nghttpx/nghttpx.conf"
    start_bg nghttpx nghttpx --conf="$RUN/nghttpx/nghttpx.conf" --pid-file="$RUN/nghttpx/nghttpx.pid" \
        --accesslog-file=/dev/null --errorlog-file="$RUN/nghttpx/error.log"
    wait_port 56580 nghttpx && UP[nghttpx]=1
fi
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 41 (held out): real responses captured by
# scripts/corpus/capture-round41.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-40. `status` is the status the paste
# shows (0 when it shows none); `wire_status` the one really sent, for
# body-only pastes. `layer` comes from how the setup was built.
EOF_LABELS

FL=http://127.0.0.1:56501; EX=http://127.0.0.1:56502; GO=http://127.0.0.1:56503
NX=http://127.0.0.1:56510; NXC=http://127.0.0.1:56512; AP=http://127.0.0.1:56520
CD=http://127.0.0.1:56530; HA=http://127.0.0.1:56540; VA=http://127.0.0.1:56550
SQ=http://127.0.0.1:56560; LT=http://127.0.0.1:56570; NH=http://127.0.0.1:56580
JSONH=(-H 'Content-Type: application/json')
# long values live in files in the work directory, so the pasted command
# stays short: --url-query filter@FILE, -H @FILE, -d @FILE
W=$RUN/work
head -c 3000 /dev/zero | tr '\0' q >"$W/long-filter.txt"
head -c 20000 /dev/zero | tr '\0' q >"$W/mid-filter.txt"
head -c 70000 /dev/zero | tr '\0' q >"$W/huge-filter.txt"
printf 'Cookie: session=%s\n' "$(head -c 1500 /dev/zero | tr '\0' z)" >"$W/big-cookie.txt"
printf 'Cookie: session=%s\n' "$(head -c 20000 /dev/zero | tr '\0' z)" >"$W/mid-cookie.txt"
printf 'Cookie: session=%s\n' "$(head -c 70000 /dev/zero | tr '\0' z)" >"$W/huge-cookie.txt"
printf '{"title":"%s"}' "$(head -c 2000 /dev/zero | tr '\0' x)" >"$W/big.json"

# =============================================== nginx in front of Flask ==
if up nginx; then
    log "capturing: nginx in front of Flask"
    S=nginx-flask
    cap $S nginx-405-static-post.txt 405 proxy nginx "POST to a file under the /static/ root: nginx's 405 Not Allowed" "" -- -sv -X POST $NX/static/app.css
    cap $S nginx-412-static-if-match.txt 412 proxy nginx "If-Match with an ETag the static file does not have: nginx's 412" "" -- -sv -H 'If-Match: "3f2a-old"' $NX/static/app.css
    cap $S nginx-416-static-range.txt 416 proxy nginx "Range past the end of a static file: nginx's 416" "curl -si" -- -si -H 'Range: bytes=99999-' $NX/static/app.css
    cap $S nginx-414-long-query.txt 414 proxy nginx "a 3000-byte query string over large_client_header_buffers 1k: nginx's 414" "curl -si" -- -si --url-query filter@long-filter.txt $NX/api/documents/1
    cap $S nginx-400-cookie-too-large.txt 400 proxy nginx "a 1.5 KB cookie over large_client_header_buffers 1k: '400 Request Header Or Cookie Too Large' (494 inside nginx)" "" -- -sv -H @big-cookie.txt $NX/api/documents/1
    capraw $S nginx-413-body.txt 413 proxy nginx "a 2 KB JSON body over client_max_body_size 1k" "curl -si saved to a file (CRs kept)" -- -si "${JSONH[@]}" -d @big.json $NX/api/documents
    cap $S nginx-500-rewrite-loop.txt 500 proxy nginx "/old/ rewrites to itself with 'last': nginx gives up after 10 cycles, 500" "" -- -sv $NX/old/pricing
    caphttp $S nginx-500-rewrite-loop-httpie.txt 500 proxy nginx "HTTPie: the same rewrite cycle" "HTTPie with colours" -- -v GET $NX/old/contact
    hold $NX/api/slow
    cap $S nginx-503-limit-conn.txt 503 proxy nginx "limit_conn 1 on /api/slow while another request from the same address is still running" "curl -si" -- -si $NX/api/slow
    unhold
    cap $S nginx-497-plain-http-to-tls.txt 400 proxy nginx "plain HTTP to the TLS port: '400 The plain HTTP request was sent to HTTPS port' (497 inside nginx)" "" -- -sv http://127.0.0.1:56511/api/documents/1
    capnc $S nginx-400-bad-host-nc.txt 400 proxy nginx "a Host header with a slash: nginx's 400" "raw request in nc" -- 56510 'GET /api/documents/1 HTTP/1.1\r\nHost: api/example\r\n\r\n' 3
    capnc $S nginx-400-no-host-nc.txt 400 proxy nginx "HTTP/1.1 without a Host header: nginx's 400" "raw request in nc" -- 56510 'GET /api/documents/1 HTTP/1.1\r\nUser-Agent: nc\r\n\r\n' 3
    capnc $S nginx-400-bad-chunk-nc.txt 400 proxy nginx "a chunk size that is not hex: nginx's 400" "raw request in nc" -- 56510 'POST /api/documents HTTP/1.1\r\nHost: api.example.test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n' 3
    capnc $S nginx-501-transfer-encoding-nc.txt 501 proxy nginx "Transfer-Encoding: gzip: nginx's 501 Not Implemented" "raw request in nc" -- 56510 'POST /api/documents HTTP/1.1\r\nHost: api.example.test\r\nTransfer-Encoding: gzip\r\n\r\n' 3
    capnc $S nginx-505-http3-request-line-nc.txt 505 proxy nginx "a request line that says HTTP/3.0: nginx's 505" "raw request in nc" -- 56510 'GET /api/documents/1 HTTP/3.0\r\nHost: api.example.test\r\n\r\n' 3
    capwget $S nginx-416-wget.txt 416 proxy nginx "wget --start-pos past the end of the stylesheet" "wget -S -O-" -- -S -O- --start-pos=99999 $NX/static/app.css
    log "capturing: Flask's own answers through nginx"
    S=flask-nginx
    cap $S flask-410-nginx.txt 410 app flask "a deleted document: the view's JSON 410" "" -- -sv $NX/api/documents/13
    cap $S flask-451-nginx.txt 451 app flask "a withheld document: the view's JSON 451" "curl -si" -- -si $NX/api/documents/451
    cap $S flask-428-nginx.txt 428 app flask "PUT without If-Match: the view's 428" "" -- -sv -X PUT "${JSONH[@]}" -d '{"title":"x"}' $NX/api/documents/1
    cap $S flask-412-nginx.txt 412 app flask "PUT with a stale If-Match: the view's JSON 412" "curl -si" -- -si -X PUT "${JSONH[@]}" -H 'If-Match: "doc-v6"' -d '{"title":"x"}' $NX/api/documents/1
    cap $S flask-423-nginx.txt 423 app flask "PUT on a locked document: the view's 423" "" -- -sv -X PUT "${JSONH[@]}" -H 'If-Match: "doc-v7"' -d '{"title":"x"}' $NX/api/documents/9
    cap $S flask-415-werkzeug-nginx.txt 415 app flask "PUT with a form body: request.get_json() raises Werkzeug's 415 page" "curl -si" -- -si -X PUT -H 'If-Match: "doc-v7"' -d 'title=x' $NX/api/documents/1
    caphttp $S flask-409-httpie.txt 409 app flask "HTTPie: a slug that exists" "HTTPie with colours" -- -v POST $NX/api/documents slug=q3-plan
    cap $S flask-507-nginx.txt 507 app flask "a document over the workspace quota: the view's 507" "" -- -sv "${JSONH[@]}" -d '{"slug":"big","size":5000000}' $NX/api/documents
    cap $S flask-501-json-nginx.txt 501 app flask "an export format the view does not implement: its JSON 501" "curl -si" -- -si "$NX/api/documents/1/export?format=xlsx"
    capwin $S flask-501-abort-nginx.txt 501 app flask "abort(501): Werkzeug's 'Not Implemented' page" "curl -si pasted with CRLF" -- -si $NX/api/legacy-sync
    cap $S flask-416-send-file-nginx.txt 416 app flask "Range past the end of the CSV export: Werkzeug's 416 from send_file" "curl -si" -- -si -H 'Range: bytes=90000-' $NX/api/documents/1/export
    cap $S flask-412-send-file-nginx.txt 412 app flask "If-Match with another ETag on the CSV export: Werkzeug's conditional 412" "" -- -sv -H 'If-Match: "report-v0"' $NX/api/documents/1/export
fi

# ====================================== nginx proxy_cache in front of Express ==
if up nginx; then
    log "capturing: nginx proxy_cache in front of Express"
    S=nginx-cache-express
    quiet $NXC/api/catalog
    cap $S nginx-412-cache-if-match.txt 412 cdn-cache nginx "If-Match with another ETag on the cached catalog: nginx's own 412" "X-Cache-Status: HIT" -- -sv -H 'If-Match: "nope"' $NXC/api/catalog
    cap $S nginx-200-cache-range-ignored.txt 200 cdn-cache nginx "Range past the end of the cached catalog: nginx ignores it and serves the whole HIT" "curl -si; X-Cache-Status: HIT" -- -si -H 'Range: bytes=5000-' $NXC/api/catalog
    cap $S express-416-static-nginx.txt 416 app express "Range past the end of a file under express.static: send's 416" "" -- -sv -H 'Range: bytes=99999-' $NXC/files/manual.txt
    cap $S express-412-static-nginx.txt 412 app express "If-Match with another ETag on express.static: send's 412" "curl -si" -- -si -H 'If-Match: "nope"' $NXC/files/manual.txt
    cap $S express-405-nginx.txt 405 app express "PUT on the collection: the app's JSON 405 with Allow" "" -- -sv -X PUT $NXC/api/files
fi

# ============================================= Apache in front of Express ==
if up apache; then
    log "capturing: Apache in front of Express"
    S=apache-express
    cap $S apache-405-trace.txt 405 proxy apache "TRACE with TraceEnable off: Apache's 405" "" -- -sv -X TRACE $AP/api/files/1
    cap $S apache-412-static-if-match.txt 412 proxy apache "If-Match with another ETag on a file under /static/: Apache's 412" "curl -si" -- -si -H 'If-Match: "nope"' $AP/static/app.css
    cap $S apache-416-static-range.txt 416 proxy apache "Range past the end of a file under /static/: Apache's 416" "" -- -sv -H 'Range: bytes=99999-' $AP/static/app.css
    cap $S apache-414-long-query.txt 414 proxy apache "a 3000-byte query over LimitRequestLine 1024: Apache's 414" "curl -si" -- -si --url-query filter@long-filter.txt $AP/api/files/1
    cap $S apache-400-field-too-large.txt 400 proxy apache "a 1.5 KB cookie over LimitRequestFieldSize 1024: 'Size of a request header field exceeds server limit'" "" -- -sv -H @big-cookie.txt $AP/api/files/1
    capraw $S apache-413-body.txt 413 proxy apache "a 2 KB body over LimitRequestBody 1024" "curl -si saved to a file (CRs kept)" -- -si "${JSONH[@]}" -d @big.json $AP/api/files
    cap $S apache-417-expect.txt 417 proxy apache "Expect: 200-ok (not 100-continue): Apache's 417" "" -- -sv -H 'Expect: 200-ok' $AP/api/files/1
    caphttp $S apache-417-expect-httpie.txt 417 proxy apache "HTTPie: the same unknown Expect" "HTTPie with colours" -- -v GET $AP/api/files/2 'Expect:200-ok'
    cap $S apache-500-rewrite-loop.txt 500 proxy apache "a per-directory RewriteRule that rewrites forever: 'exceeded the limit of 10 internal redirects'" "curl -si" -- -si $AP/old/pricing
    cap $S apache-501-unknown-method.txt 501 proxy apache "a method Apache does not know (FOO) on a static file: 501" "" -- -sv -X FOO $AP/static/app.css
    capwin $S apache-503-balancer-down.txt 503 proxy apache "/billing/: mod_proxy_balancer with both members not running" "curl -si pasted with CRLF" -- -si $AP/billing/api/invoices
    cap $S apache-500-ajp-no-handler.txt 500 proxy apache "/ajp/: ProxyPass ajp:// without mod_proxy_ajp loaded, 'No protocol handler was valid'" "" -- -sv $AP/ajp/api/legacy
    capnc $S apache-408-header-timeout-nc.txt 408 proxy apache "headers never finished: mod_reqtimeout header=2, Apache's 408" "raw request in nc" -- 56520 'GET /api/files/1 HTTP/1.1\r\nHost: api.example.test\r\n' 5
    capnc $S apache-408-body-timeout-nc.txt 408 proxy apache "a body shorter than its Content-Length: mod_reqtimeout body=2, Apache's 408" "raw request in nc" -- 56520 'POST /api/files HTTP/1.1\r\nHost: api.example.test\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":' 6
    capnc $S apache-400-bad-host-nc.txt 400 proxy apache "a Host header with a space: Apache's 400" "raw request in nc" -- 56520 'GET /api/files/1 HTTP/1.1\r\nHost: api example\r\n\r\n' 3
    capnc $S apache-400-bad-chunk-nc.txt 400 proxy apache "a chunk size that is not hex: Apache's 400" "raw request in nc" -- 56520 'POST /api/files HTTP/1.1\r\nHost: api.example.test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n' 3
    capwget $S apache-503-balancer-wget.txt 503 proxy apache "wget, the balancer with no member up" "wget -S -O-" -- -S -O- --content-on-error $AP/billing/api/invoices/7
    log "capturing: Express's own answers through Apache"
    S=express-apache
    cap $S express-410-apache.txt 410 app express "a purged file: the app's JSON 410" "" -- -sv $AP/api/files/13
    cap $S express-451-apache.txt 451 app express "a file under legal hold: the app's 451" "curl -si" -- -si $AP/api/files/451
    cap $S express-428-apache.txt 428 app express "DELETE without If-Match: the app's 428" "" -- -sv -X DELETE $AP/api/files/1
    cap $S express-412-apache.txt 412 app express "DELETE with a stale If-Match: the app's JSON 412" "curl -si" -- -si -X DELETE -H 'If-Match: "f-2"' $AP/api/files/1
    caphttp $S express-409-httpie.txt 409 app express "HTTPie: a name that exists" "HTTPie with colours" -- -v POST $AP/api/files name=invoice.pdf
    cap $S express-415-apache.txt 415 app express "a form body: the app's 415" "curl -si" -- -si -d 'name=x' $AP/api/files
    capraw $S express-507-apache.txt 507 app express "over the bucket quota: the app's 507" "curl -si saved to a file (CRs kept)" -- -si "${JSONH[@]}" -d '{"name":"big.iso","bytes":5000000000}' $AP/api/files
    cap $S express-501-apache.txt 501 app express "conversion not implemented: the app's JSON 501" "" -- -sv -X POST $AP/api/files/1/convert
    cap $S express-416-static-apache.txt 416 app express "Range past the end under express.static, through Apache" "" -- -sv -H 'Range: bytes=99999-' $AP/files/manual.txt
fi

# ================================================ Caddy in front of Go ==
if up caddy; then
    log "capturing: Caddy in front of the Go app"
    S=caddy-go
    cap $S caddy-412-static-if-match.txt 412 proxy caddy "If-Match with another ETag on a static file: file_server's 412" "curl -si" -- -si -H 'If-Match: "nope"' $CD/static/app.css
    cap $S caddy-416-static-range.txt 416 proxy caddy "Range past the end of a static file: file_server's 416" "" -- -sv -H 'Range: bytes=99999-' $CD/static/app.css
    capnc $S caddy-400-no-host-nc.txt 400 proxy caddy "HTTP/1.1 without Host: Caddy's Go server, '400 Bad Request: missing required Host header'" "raw request in nc" -- 56530 'GET /api/reports/1 HTTP/1.1\r\n\r\n' 3
    capnc $S caddy-505-nc.txt 505 proxy caddy "HTTP/3.0 in the request line: Caddy's 505" "raw request in nc" -- 56530 'GET /api/reports/1 HTTP/3.0\r\nHost: 127.0.0.1:56530\r\n\r\n' 3
    capnc $S caddy-501-transfer-encoding-nc.txt 501 proxy caddy "Transfer-Encoding: gzip: Caddy's 501" "raw request in nc" -- 56530 'POST /api/reports/1 HTTP/1.1\r\nHost: 127.0.0.1:56530\r\nTransfer-Encoding: gzip\r\n\r\n' 3
    cap $S caddy-417-expect.txt 417 proxy caddy "Expect: 200-ok: Caddy's Go server answers 417 before proxying" "curl -si" -- -si -H 'Expect: 200-ok' $CD/api/reports/1
    cap $S go-405-caddy.txt 405 app go-net-http "PATCH on a report: the handler's 405 with Allow" "" -- -sv -X PATCH $CD/api/reports/1
    cap $S go-409-caddy.txt 409 app go-net-http "PUT with If-Match on report 1: the handler's 409" "curl -si" -- -si -X PUT -H 'If-Match: "r1"' $CD/api/reports/1
    cap $S go-423-caddy.txt 423 app go-net-http "PUT on report 9: the handler's 423" "" -- -sv -X PUT -H 'If-Match: "r9"' $CD/api/reports/9
    caphttp $S go-410-httpie.txt 410 app go-net-http "HTTPie: an expired report" "HTTPie with colours" -- -v GET $CD/api/reports/13
    cap $S go-507-caddy.txt 507 app go-net-http "archiving to a full volume: the handler's 507" "" -- -sv -X POST $CD/api/reports/1/archive
    cap $S go-412-servecontent-caddy.txt 412 app go-net-http "If-Match with another ETag: http.ServeContent's 412" "curl -si" -- -si -H 'If-Match: "daily-40"' $CD/reports/daily.csv
    cap $S go-416-servecontent-caddy.txt 416 app go-net-http "Range past the end: http.ServeContent's 416" "" -- -sv -H 'Range: bytes=99999-' $CD/reports/daily.csv
fi

# ============================================== Go net/http direct ==
log "capturing: Go net/http direct"
S=go-direct
capnc $S go-400-no-host-nc.txt 400 app go-net-http "HTTP/1.1 without Host, straight to the app: net/http's 400" "raw request in nc" -- 56503 'GET /api/reports/1 HTTP/1.1\r\n\r\n' 3
capnc $S go-505-nc.txt 505 app go-net-http "HTTP/3.0 in the request line: net/http's 505" "raw request in nc" -- 56503 'GET /api/reports/1 HTTP/3.0\r\nHost: 127.0.0.1\r\n\r\n' 3
capnc $S go-501-transfer-encoding-nc.txt 501 app go-net-http "Transfer-Encoding: gzip: net/http's 501" "raw request in nc" -- 56503 'POST /api/reports/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip\r\n\r\n' 3
cap $S go-431-direct.txt 431 app go-net-http "a 70 KB cookie over MaxHeaderBytes: net/http's 431" "curl -si" -- -si -H @huge-cookie.txt $GO/api/reports/1
cap $S go-451-direct.txt 451 app go-net-http "a withheld report: the handler's 451" "curl -si" -- -si $GO/api/reports/451

# ============================================== HAProxy in front of Flask ==
if up haproxy; then
    log "capturing: HAProxy in front of Flask"
    S=haproxy-flask
    capnc $S haproxy-408-nc.txt 408 load-balancer haproxy "headers never finished: timeout http-request 2s, HAProxy's 408" "raw request in nc" -- 56540 'GET /api/documents/1 HTTP/1.1\r\nHost: api.example.test\r\n' 5
    capnc $S haproxy-400-bad-header-nc.txt 400 load-balancer haproxy "a header name with a space: HAProxy's 400" "raw request in nc" -- 56540 'GET /api/documents/1 HTTP/1.1\r\nHost: api.example.test\r\nX Request Id: 7\r\n\r\n' 3
    capnc $S haproxy-400-bad-chunk-nc.txt 400 load-balancer haproxy "a chunk size that is not hex: HAProxy's 400" "raw request in nc" -- 56540 'POST /api/documents HTTP/1.1\r\nHost: api.example.test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n' 3
    cap $S haproxy-400-huge-uri.txt 400 load-balancer haproxy "a 70 KB query over tune.bufsize: HAProxy's 400" "curl -si" -- -si --url-query filter@huge-filter.txt $HA/api/documents/1
    hold $HA/api/slow
    cap $S haproxy-503-queue-timeout.txt 503 load-balancer haproxy "the only server slot (maxconn 1) is busy, timeout queue 1s" "" -- -sv $HA/api/documents/1
    unhold
    hold $HA/api/slow
    caphttp $S haproxy-503-queue-httpie.txt 503 load-balancer haproxy "HTTPie: the same queue timeout" "HTTPie with colours" -- -v GET $HA/api/documents/2
    unhold
    cap $S gunicorn-417-haproxy.txt 417 app gunicorn "Expect: 200-ok passes HAProxy; gunicorn answers 417 itself" "curl -si" -- -si -H 'Expect: 200-ok' $HA/api/documents/1
    cap $S flask-415-haproxy.txt 415 app flask "an upload that is not a PDF: the view's JSON 415" "curl -si" -- -si -H 'Content-Type: image/png' --data-binary 'PNG' $HA/api/uploads
    capwin $S flask-423-haproxy.txt 423 app flask "a locked document" "curl -si pasted with CRLF" -- -si -X PUT "${JSONH[@]}" -H 'If-Match: "doc-v7"' -d '{"title":"x"}' $HA/api/documents/9
fi

# ======================================== Varnish in front of Express ==
if up varnish; then
    log "capturing: Varnish in front of Express"
    S=varnish-express
    quiet $VA/api/catalog
    cap $S varnish-417-expect.txt 417 cdn-cache varnish "Expect: 200-ok: Varnish answers 417 itself" "" -- -sv -H 'Expect: 200-ok' $VA/api/catalog
    cap $S varnish-416-cached-range.txt 416 cdn-cache varnish "Range past the end of the cached catalog: Varnish's 416" "curl -si" -- -si -H 'Range: bytes=5000-' $VA/api/catalog
    cap $S varnish-400-header-too-large.txt 400 cdn-cache varnish "a 20 KB cookie: Varnish's 400" "curl -si" -- -si -H @mid-cookie.txt $VA/api/files/1
    cap $S varnish-431-long-uri.txt 431 cdn-cache varnish "a 20 KB query: Varnish's 431" "curl -si" -- -si --url-query filter@mid-filter.txt $VA/api/files/1
    capnc $S varnish-400-no-host-nc.txt 400 cdn-cache varnish "HTTP/1.1 without Host: Varnish's 400" "raw request in nc" -- 56550 'GET /api/files/1 HTTP/1.1\r\n\r\n' 3
    capnc $S varnish-400-http3-request-line-nc.txt 400 cdn-cache varnish "HTTP/3.0 in the request line: Varnish's 400 (not 505)" "raw request in nc" -- 56550 'GET /api/files/1 HTTP/3.0\r\nHost: api.example.test\r\n\r\n' 3
    capnc $S varnish-503-bad-chunk-nc.txt 503 cdn-cache varnish "a chunk size that is not hex on a passed POST: the body read fails, Varnish's 503" "raw request in nc" -- 56550 'POST /api/files HTTP/1.1\r\nHost: api.example.test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n' 4
    cap $S express-423-varnish.txt 423 app express "DELETE (passed): the app's 423" "" -- -sv -X DELETE $VA/api/files/9
    cap $S express-501-varnish.txt 501 app express "conversion not implemented (POST passed)" "" -- -sv -X POST $VA/api/files/7/convert
fi

# ================================================ Squid accelerator + Flask ==
if up squid; then
    log "capturing: Squid as a reverse accelerator in front of Flask"
    S=squid-accel-flask
    quiet $SQ/api/catalog
    cap $S squid-417-expect.txt 417 cdn-cache squid "Expect: 200-ok: Squid's ERR_INVALID_REQ 417" "" -- -sv -H 'Expect: 200-ok' $SQ/api/documents/1
    cap $S squid-413-body.txt 413 cdn-cache squid "a 2 KB body over request_body_max_size 1 KB: ERR_TOO_BIG" "curl -si" -- -si "${JSONH[@]}" -d @big.json $SQ/api/documents
    cap $S squid-414-huge-uri.txt 414 cdn-cache squid "a 70 KB query: Squid's 414" "curl -si" -- -si --url-query filter@huge-filter.txt $SQ/api/documents/1
    cap $S squid-412-cached-if-match.txt 412 cdn-cache squid "If-Match with another ETag on the cached catalog: Squid's 412" "curl -si" -- -si -H 'If-Match: "nope"' $SQ/api/catalog
    capnc $S squid-501-transfer-encoding-nc.txt 501 cdn-cache squid "Transfer-Encoding: gzip: ERR_UNSUP_REQ 501" "raw request in nc" -- 56560 'POST /api/documents HTTP/1.1\r\nHost: api.example.test\r\nTransfer-Encoding: gzip\r\n\r\n' 4
    capnc $S squid-505-nc.txt 505 cdn-cache squid "HTTP/3.0 in the request line: ERR_UNSUP_HTTPVERSION 505" "raw request in nc" -- 56560 'GET /api/documents/1 HTTP/3.0\r\nHost: api.example.test\r\n\r\n' 4
    capwget $S squid-417-wget.txt 417 cdn-cache squid "wget with an Expect header Squid does not know" "wget -S -O-" -- -S -O- --content-on-error --header='Expect: 200-ok' $SQ/api/documents/2
    cap $S flask-415-post-no-body-squid.txt 415 app flask "POST without a body: get_json() raises Werkzeug's 415 (passed by Squid)" "curl -si" -- -si -X POST $SQ/api/documents
    cap $S flask-405-squid.txt 405 app flask "FOO on the catalog: Werkzeug's 405, passed" "" -- -sv -X FOO $SQ/api/catalog
fi

# ================================================ lighttpd in front of Go ==
if up lighttpd; then
    log "capturing: lighttpd in front of the Go app"
    S=lighttpd-go
    cap $S lighttpd-411-post-no-length.txt 411 proxy lighttpd "POST without Content-Length: lighttpd's 411" "" -- -sv -X POST $LT/api/reports/1
    cap $S lighttpd-417-expect.txt 417 proxy lighttpd "Expect: 200-ok: lighttpd's 417" "curl -si" -- -si -H 'Expect: 200-ok' $LT/api/reports/1
    cap $S lighttpd-413-body.txt 413 proxy lighttpd "a 2 KB body over server.max-request-size 1 (KB)" "" -- -sv "${JSONH[@]}" -d @big.json $LT/api/reports/1
    capraw $S lighttpd-431-huge-uri.txt 431 proxy lighttpd "a 70 KB query: lighttpd's 431" "curl -si saved to a file (CRs kept)" -- -si --url-query filter@huge-filter.txt $LT/api/reports/1
    cap $S lighttpd-416-static-range.txt 416 proxy lighttpd "Range past the end of a file under /static/: lighttpd's 416" "" -- -sv -H 'Range: bytes=99999-' $LT/static/app.css
    cap $S lighttpd-501-unknown-method.txt 501 proxy lighttpd "FOO on a static file: lighttpd's 501" "curl -si" -- -si -X FOO $LT/static/app.css
    capnc $S lighttpd-400-bad-host-nc.txt 400 proxy lighttpd "a Host header with a slash: lighttpd's 400" "raw request in nc" -- 56570 'GET /api/reports/1 HTTP/1.1\r\nHost: api/example\r\n\r\n' 3
    capnc $S lighttpd-400-bad-chunk-nc.txt 400 proxy lighttpd "a chunk size that is not hex: lighttpd's 400" "raw request in nc" -- 56570 'POST /api/reports/1 HTTP/1.1\r\nHost: api.example.test\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n' 3
    capnc $S lighttpd-501-transfer-encoding-nc.txt 501 proxy lighttpd "Transfer-Encoding: gzip: lighttpd's 501" "raw request in nc" -- 56570 'POST /api/reports/1 HTTP/1.1\r\nHost: api.example.test\r\nTransfer-Encoding: gzip\r\n\r\n' 3
    capnc $S lighttpd-505-nc.txt 505 proxy lighttpd "HTTP/3.0 in the request line: lighttpd's 505" "raw request in nc" -- 56570 'GET /api/reports/1 HTTP/3.0\r\nHost: api.example.test\r\n\r\n' 3
    cap $S go-507-lighttpd.txt 507 app go-net-http "archiving to a full volume" "curl -si" -- -si -X POST -d '' $LT/api/reports/4/archive
fi

# ================================================ nghttpx in front of Flask ==
if up nghttpx; then
    log "capturing: nghttpx in front of Flask"
    S=nghttpx-flask
    cap $S nghttpx-431-huge-cookie.txt 431 proxy nghttpx "a 70 KB cookie: nghttpx's 431" "curl -si" -- -si -H @huge-cookie.txt $NH/api/documents/1
    capnc $S nghttpx-400-no-host-nc.txt 400 proxy nghttpx "HTTP/1.1 without Host: nghttpx's 400" "raw request in nc" -- 56580 'GET /api/documents/1 HTTP/1.1\r\n\r\n' 3
    capnc $S nghttpx-400-transfer-encoding-nc.txt 400 proxy nghttpx "Transfer-Encoding: gzip: nghttpx's 400" "raw request in nc" -- 56580 'POST /api/documents HTTP/1.1\r\nHost: api.example.test\r\nTransfer-Encoding: gzip\r\n\r\n' 3
    cap $S gunicorn-417-nghttpx.txt 417 app gunicorn "Expect: 200-ok reaches gunicorn, whose 417 nghttpx relays (Server rewritten to nghttpx, Via added)" "curl -si" -- -si -H 'Expect: 200-ok' $NH/api/documents/1
    cap $S flask-410-nghttpx.txt 410 app flask "a deleted document, relayed" "" -- -sv $NH/api/documents/13
    cap $S flask-501-nghttpx.txt 501 app flask "abort(501): Werkzeug's page, relayed" "" -- -sv $NH/api/legacy-sync
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-414.txt 414/414 proxy nginx "nginx's 414 page for a long query" "" -- --url-query filter@long-filter.txt $NX/api/documents/1
up apache && capbody $S body-apache-417.txt 417/417 proxy apache "Apache's 417 page" "'Expectation Failed'" -- -H 'Expect: 200-ok' $AP/api/files/3
up apache && capbody $S body-apache-500-rewrite-loop.txt 500/500 proxy apache "Apache's 500 page for the rewrite loop" "" -- $AP/old/about
up lighttpd && capbody $S body-lighttpd-411.txt 411/411 proxy lighttpd "lighttpd's 411 page" "" -- -X POST $LT/api/reports/2
up squid && capbody $S body-squid-413.txt 0/413 cdn-cache squid "Squid's ERR_TOO_BIG page" "no number" -- "${JSONH[@]}" -d @big.json $SQ/api/documents
capbody $S body-flask-423.txt 0/423 app flask "the view's locked JSON" "no number" -- -X PUT "${JSONH[@]}" -H 'If-Match: "doc-v7"' -d '{"title":"x"}' $FL/api/documents/9
capbody $S body-express-428.txt 0/428 app express "the app's 428 JSON" "no number" -- -X DELETE $EX/api/files/2
capbody $S body-go-507.txt 507/507 app go-net-http "the handler's 507 JSON (status in the body)" "" -- -X POST $GO/api/reports/5/archive

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-412-static.txt 412 proxy nginx "curl -sI with a stale If-Match on a static file" "" -- -H 'If-Match: "nope"' $NX/static/app.css
up apache && caphead $S head-apache-503-balancer.txt 503 proxy apache "curl -sI, the balancer with no member up" "" -- $AP/billing/api/invoices
up caddy && caphead $S head-caddy-416-static.txt 416 proxy caddy "curl -sI with a Range past the end of a static file" "" -- -H 'Range: bytes=99999-' $CD/static/app.css
caphead $S head-express-410.txt 410 app express "curl -sI, a purged file" "" -- $EX/api/files/13
up haproxy && caphead $S head-flask-451-haproxy.txt 451 app flask "curl -sI, a withheld document through HAProxy" "" -- $HA/api/documents/451

log "stopping servers"
unhold
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round41/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
