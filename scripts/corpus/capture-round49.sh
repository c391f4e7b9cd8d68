#!/usr/bin/env bash
# capture-round49.sh — build the forty-ninth held-out evidence corpus in
# tests/fixtures/evidence-round49/.
#
# Mainstream stacks in a fifteenth pairing, each set up the way the most-read
# tutorial for it does, as a new team's first production deploy: Django under
# gunicorn on a unix socket behind nginx (`proxy_pass http://unix:...`);
# Flask under uWSGI on a unix socket behind nginx (`uwsgi_pass`); Express
# under plain `node` behind nginx; FastAPI under uvicorn behind Caddy (`tls
# internal`, so the TLS looks automatic); Rails 6.1 under Puma behind Apache;
# a PHP front controller under PHP-FPM behind nginx (`fastcgi_pass`); Go's
# net/http (standard library only) as two instances behind HAProxy with
# health checks; Koa behind Varnish; the JDK's own HttpServer behind Apache.
# Paste forms: curl -v/-i transcripts (some with their CRs, some with CRLF),
# HTTPie with colours, `wget -S -O-`, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round49.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round49.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round49.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round49.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-48: every server binds 127.0.0.1 (ports 58500-58599;
# unix sockets in the runtime dir) and the script stops if a new socket
# listens anywhere else; every curl, HTTPie and wget runs under `timeout`;
# every loop is bounded; every server it started is stopped on exit, by
# process id. Installs run under `nice -n 15`. Labels are written by
# finish_round49.py, which refuses (and this script then leaves the fixtures
# as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round49"
RUN=/tmp/api-triage-corpus49
STAGE="$RUN/evidence"
CONF="$HERE/conf-round49"
APPS="$HERE/apps49"
VENV=${CORPUS_VENV49:-/tmp/api-triage-corpus49-venv}
NODE_DIR=${CORPUS_NODE49:-/tmp/api-triage-corpus49-node}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(django==5.2.19 flask==3.1.3 fastapi==0.165.0 uvicorn==0.55.0 gunicorn==27.0.1)
NPM=(express@5.3.0 koa@2.16.4 @koa/router@15.7.0 koa-bodyparser@4.4.1)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus49 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openssl python3-venv nodejs apache2 nginx haproxy varnish caddy php8.2-fpm
          uwsgi-core uwsgi-plugin-python3 ruby-rails puma golang-go openjdk-17-jdk-headless)
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

install_venv() {  # the Python frameworks and their servers, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import django, flask, fastapi, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # Express and Koa, from npm
    local m ok=1
    for m in express koa @koa/router koa-bodyparser; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus49","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
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

descendants() {  # every process below PID (children, grandchildren, ...)
    local kid
    for kid in $(ps -o pid= --ppid "$1" 2>/dev/null); do
        echo "$kid"; descendants "$kid"
    done
}

stop_all() {  # the recorded pids, then whatever they had started (workers), by pid
    local i pid kids=()
    for pid in "${PIDS[@]}"; do kids+=($(descendants "$pid")); done
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[$i]}"; done
    wait 2>/dev/null
    PIDS=()
    for pid in "${kids[@]}"; do
        if kill -0 "$pid" 2>/dev/null && ours "$pid"; then
            log "WARNING: pid $pid (a worker of ours) still running, killing it"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round49.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
    in_work timeout 20 "$HTTPIE" --ignore-stdin --pretty=all --style=monokai --timeout=10 "$@" >>"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

quiet() { in_work timeout 10 curl -s -o /dev/null "$@" || true; }

render() {
    local src=$1 dest=$2; shift 2
    sed -e "s|@RUN@|$RUN|g" -e "s|@APPS@|$APPS|g" -e "s|@VENV@|$VENV|g" "$@" "$src" >"$dest"
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
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,run,flags,build,java}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_npm
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "the Node packages are missing (${SKIPPED[npm]})"

APP_PORTS=(58512 58513 58514 58516 58517 58518 58519)
OTHER_PORTS=(58550 58551 58552 58553 58555 58556 58560 58561 58565 58570)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" 58590; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- build the Go service (standard library only, offline) and the JDK app --
if have golang-go; then
    cp "$APPS/albums.go" "$RUN/build/"
    (cd "$RUN/build" && GO111MODULE=off GOPATH="$RUN/build/gopath" GOCACHE="$RUN/build/cache" GOFLAGS= \
        nice -n 15 timeout 300 go build -o albums albums.go) >"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[golang-go]="go build failed (see logs/go-build.log)"
fi
if have openjdk-17-jdk-headless; then
    nice -n 15 timeout 300 javac -d "$RUN/java" "$APPS/jdk/QuotesServer.java" >"$RUN/logs/javac.log" 2>&1 \
        || SKIPPED[openjdk-17-jdk-headless]="javac failed (see logs/javac.log)"
fi

# ---- document roots the fronts serve themselves ------------------------------
W=$RUN/www
mkdir -p "$W"/notes/static/css "$W"/tasks/static "$W"/todos/public "$W"/items "$W"/blog "$W"/quotes
echo 'body { font-family: sans-serif; }' >"$W/notes/static/css/base.css"
cat >"$W/notes/maintenance.html" <<'EOF_M'
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Down for maintenance</title></head>
<body>
<h1>Notes is down for maintenance</h1>
<p>We are upgrading the database. We expect to be back within 30 minutes.</p>
</body>
</html>
EOF_M
echo 'console.log("tasks");' >"$W/tasks/static/main.js"
echo 'body { margin: 0; }' >"$W/todos/public/app.css"
echo 'h1 { color: #333; }' >"$W/items/site.css"
cp -r "$APPS/rails_public" "$W/blog/public"
mkdir -p "$W/blog/public/assets"
echo 'body{margin:0}' >"$W/blog/public/assets/application-7c1e2f.css"
echo '<!doctype html><title>Quotes</title>' >"$W/quotes/index.html"
chown -R www-data: "$RUN/run" "$W" 2>/dev/null || true
chmod 755 "$RUN/run"

# ---- apps -------------------------------------------------------------------
declare -A UP=()
NODE=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
# Django: gunicorn on a unix socket, as the tutorial's gunicorn.service has it
start_bg gunicorn nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --no-control-socket --workers 2 --timeout 30 \
    --user www-data --group www-data --bind "unix:$RUN/run/gunicorn.sock" django_app:application
if have uwsgi-core && have uwsgi-plugin-python3; then
    render "$CONF/uwsgi.ini" "$RUN/uwsgi.ini"
    start_bg uwsgi nice -n 5 uwsgi --ini "$RUN/uwsgi.ini"
fi
start_bg express "${NODE[@]}" "$APPS/express_app.js" 58512
start_bg uvicorn nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 58513 --proxy-headers \
    --forwarded-allow-ips 127.0.0.1 --no-access-log fastapi_app:app
if have puma && have ruby-rails; then
    start_bg puma env RAILS_PUBLIC="$W/blog/public" nice -n 5 puma -e production -t 2:4 \
        -b tcp://127.0.0.1:58514 "$APPS/rails_app.ru"
fi
if have php8.2-fpm; then
    mkdir -p "$RUN/php-fpm"
    render "$CONF/php-fpm.conf" "$RUN/php-fpm/php-fpm.conf"
    start_bg php-fpm php-fpm8.2 -F -y "$RUN/php-fpm/php-fpm.conf"
fi
if have golang-go; then
    start_bg albums-web1 env ALBUMS_DRAIN="$RUN/flags/web1.drain" nice -n 5 "$RUN/build/albums" 58516 web1
    start_bg albums-web2 env ALBUMS_DRAIN="$RUN/flags/web2.drain" nice -n 5 "$RUN/build/albums" 58517 web2
fi
start_bg koa "${NODE[@]}" "$APPS/koa_app.js" 58518
have openjdk-17-jdk-headless && start_bg jdk nice -n 5 java -Xmx96m -cp "$RUN/java" QuotesServer 58519

wait_sock() {  # bounded wait (30 s) for a unix socket
    local i
    for i in $(seq 1 300); do [[ -S $1 ]] && return 0; sleep 0.1; done
    log "$2 did not make $1; its log:"; tail -n 20 "$RUN/logs/$2.log" >&2
    return 1
}
wait_sock "$RUN/run/gunicorn.sock" gunicorn && UP[django]=1
[[ -e $RUN/pids/uwsgi.pid ]] && wait_sock "$RUN/run/flask.sock" uwsgi && UP[flask]=1
wait_port 58512 express && UP[express]=1
wait_port 58513 uvicorn && UP[fastapi]=1
[[ -e $RUN/pids/puma.pid ]] && wait_port 58514 puma && UP[rails]=1
[[ -e $RUN/pids/php-fpm.pid ]] && wait_sock "$RUN/run/php-fpm.sock" php-fpm && UP[php]=1
[[ -e $RUN/pids/albums-web1.pid ]] && wait_port 58516 albums-web1 && wait_port 58517 albums-web2 && UP[go]=1
wait_port 58518 koa && UP[koa]=1
[[ -e $RUN/pids/jdk.pid ]] && wait_port 58519 jdk && UP[jdk]=1

# ---- front layers ------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/snippets
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    cp /etc/nginx/proxy_params /etc/nginx/uwsgi_params /etc/nginx/fastcgi.conf "$RUN/nginx/"
    cp /etc/nginx/snippets/fastcgi-php.conf "$RUN/nginx/snippets/"
    chown -R www-data: "$RUN/nginx/tmp" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 58550 nginx && wait_port 58553 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 58555 caddy && wait_port 58556 caddy && UP[caddy]=1
fi
if have apache2; then
    mkdir -p "$RUN"/apache
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 58560 apache && wait_port 58561 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    cp "$CONF/haproxy-maintenance.http" "$RUN/haproxy/maintenance.http"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 58565 haproxy && UP[haproxy]=1
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:58570 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 58570 varnish && UP[varnish]=1
fi
sleep 3  # HAProxy's health checks settle (rise 2, inter 1s)

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 49 (held out): real responses captured by
# scripts/corpus/capture-round49.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-48:
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
DJ=$A:58550 FL=$A:58551 EX=$A:58552 PH=$A:58553 RA=$A:58560 JD=$A:58561 HA=$A:58565 VA=$A:58570
CA=https://items.example.test:58555 CP=http://items.example.test:58556
RC=(--resolve items.example.test:58555:127.0.0.1 --resolve items.example.test:58556:127.0.0.1)
JSONH=(-H 'Content-Type: application/json')
head -c 2097152 /dev/zero | tr '\0' 'a' >"$RUN/work/scan-2m.pdf"        # a 2 MiB upload (over 1m)
head -c 716800 /dev/zero | tr '\0' 'b' >"$RUN/work/photo-700k.jpg"     # 700 KiB (over Flask's 512 KiB)
{ printf '{"text":"'; head -c 204800 /dev/zero | tr '\0' 'c'; printf '"}'; } >"$RUN/work/todos-200k.json"  # over 100kb

# =============================== Django + gunicorn.sock + nginx ==
if up nginx && up django; then
    log "capturing: Django under gunicorn (unix socket) behind nginx"
    S=django-gunicorn-nginx-unix
    cap $S django-404-note-json.txt 404 app django "unknown note id: the view's JSON 404" "Server: nginx/1.22.1" -- -sv $DJ/api/notes/42
    cap $S django-404-page.txt 404 app django "a path no URL pattern matches: Django's stock 'Not Found' page (DEBUG off)" "curl -si" -- -si $DJ/api/note/1
    capraw $S django-400-disallowed-host.txt 400 app django "a Host not in ALLOWED_HOSTS (nginx passes \$host): Django's 'Bad Request (400)'" "curl -si saved to a file (CRs kept)" -- -si -H 'Host: notes-staging.example.test' $DJ/api/notes
    cap $S django-403-csrf.txt 403 app django "a form POST without the CSRF token: Django's 'Forbidden (403) CSRF verification failed' page" "" -- -sv -d 'display_name=ada' $DJ/accounts/profile/
    caphttp $S django-401-httpie.txt 401 app django "HTTPie, no token: the view's JSON 401 with WWW-Authenticate: Token" "HTTPie with colours" -- -v GET $DJ/api/me
    cap $S django-405-empty.txt 405 app django "DELETE on a GET-only view: require_http_methods' empty 405 with Allow" "curl -si" -- -si -X DELETE $DJ/api/notes/1
    cap $S django-500-page.txt 500 app django "a KeyError in a view: Django's 'Server Error (500)' page" "" -- -sv $DJ/api/boom
    capwin $S django-503-maintenance-view.txt 503 app django "the view's own JSON 503 (search index rebuild)" "curl -si pasted with CRLF" -- -si $DJ/api/maintenance
    cap $S django-301-append-slash.txt 301 app django "/notes without its slash: CommonMiddleware's APPEND_SLASH redirect" "curl -si" -- -si $DJ/notes
    cap $S nginx-504-gunicorn-slow.txt 504 proxy nginx "the view sleeps 5 s, proxy_read_timeout 2s (gunicorn's --timeout is 30)" "" -- -sv $DJ/api/slow
    cap $S nginx-413-django-upload.txt 413 proxy nginx "a 2 MiB body over client_max_body_size (the default 1m)" "curl -si" -- -si -H 'Content-Type: application/pdf' --data-binary @scan-2m.pdf $DJ/api/notes
    cap $S nginx-404-static-missing.txt 404 proxy nginx "a stylesheet collectstatic did not produce: nginx's own 404 from /static/" "" -- -sv $DJ/static/css/site.css
    cap $S nginx-405-post-static.txt 405 proxy nginx "a POST to a file under /static/: nginx's own '405 Not Allowed'" "" -- -sv -d 'x=1' $DJ/static/css/base.css
    cap $S nginx-403-dotgit.txt 403 proxy nginx "/.git/config: the tutorial's dotfile rule, deny all" "curl -si" -- -si $DJ/.git/config
    touch "$W/notes/maintenance.on"
    cap $S nginx-503-maintenance-page.txt 503 proxy nginx "maintenance.on exists: return 503, error_page 503 serves maintenance.html" "" -- -sv $DJ/api/notes/1
    rm -f "$W/notes/maintenance.on"
fi

# ================================== Flask + uWSGI (socket) + nginx ==
if up nginx && up flask; then
    log "capturing: Flask under uWSGI (unix socket) behind nginx"
    S=flask-uwsgi-nginx-unix
    cap $S flask-404-task-json.txt 404 app flask "unknown task id: the view's jsonify 404" "" -- -sv $FL/api/tasks/9
    cap $S flask-404-werkzeug.txt 404 app flask "no such route: Werkzeug's HTML 404" "curl -si" -- -si $FL/api/task/1
    cap $S flask-400-abort.txt 400 app flask "a form body instead of JSON: abort(400) with a description, Werkzeug's page" "" -- -sv -d 'title=Rotate+keys' $FL/api/tasks
    caphttp $S flask-422-httpie.txt 422 app flask "HTTPie POST with an empty title: the view's 422" "HTTPie with colours" -- -v POST $FL/api/tasks title=
    cap $S flask-413-max-content-length.txt 413 app flask "a 700 KiB upload over MAX_CONTENT_LENGTH 512 KiB (nginx allows 1m): Werkzeug's 413" "curl -si" -- -si -H 'Content-Type: image/jpeg' --data-binary @photo-700k.jpg $FL/api/attachments
    capraw $S flask-500-page.txt 500 app flask "a KeyError: Flask's 'Internal Server Error' page" "curl -si saved to a file (CRs kept)" -- -si $FL/api/boom
    cap $S flask-302-login.txt 302 app flask "/dashboard without a session: redirect(url_for('login'))" "" -- -sv $FL/dashboard
    cap $S nginx-504-uwsgi-slow.txt 504 proxy nginx "the view sleeps 5 s, uwsgi_read_timeout 2s" "" -- -sv $FL/api/slow
    cap $S nginx-413-flask-upload.txt 413 proxy nginx "a 2 MiB upload over client_max_body_size 1m: nginx answers before uWSGI sees it" "curl -si" -- -si -H 'Content-Type: application/pdf' --data-binary @scan-2m.pdf $FL/api/attachments
    capwin $S nginx-404-flask-static.txt 404 proxy nginx "a bundle that was never deployed under /static/" "curl -si pasted with CRLF" -- -si $FL/static/app.min.js
fi

# ====================================== Express (node) + nginx ==
if up nginx && up express; then
    log "capturing: Express under node behind nginx"
    S=express-node-nginx
    cap $S express-404-cannot-get.txt 404 app express "no route: finalhandler's 'Cannot GET /api/todo/1'" "" -- -sv $EX/api/todo/1
    cap $S express-400-bad-json.txt 400 app express "a truncated JSON body: body-parser's 400, finalhandler's page in production" "" -- -sv "${JSONH[@]}" -d '{"text": ' $EX/api/todos
    cap $S express-413-body-parser.txt 413 app express "a 200 KiB JSON body over express.json()'s 100kb limit (nginx allows 1m)" "curl -si" -- -si "${JSONH[@]}" --data-binary @todos-200k.json $EX/api/todos
    caphttp $S express-422-httpie.txt 422 app express "HTTPie POST with an empty text: the handler's 422" "HTTPie with colours" -- -v POST $EX/api/todos text=
    quiet $EX/api/export
    cap $S express-429-export.txt 429 app express "a second export: the handler's own 429 with Retry-After" "" -- -sv $EX/api/export
    capraw $S express-500-finalhandler.txt 500 app express "a TypeError: finalhandler's 'Internal Server Error' page" "curl -si saved to a file (CRs kept)" -- -si $EX/api/boom
    cap $S express-302-redirect.txt 302 app express "res.redirect('/login'): 'Found. Redirecting to /login'" "curl -si" -- -si $EX/app
    cap $S nginx-504-express-slow.txt 504 proxy nginx "the handler waits 5 s, proxy_read_timeout 2s" "" -- -sv $EX/api/slow
    cap $S nginx-413-express-upload.txt 413 proxy nginx "a 2 MiB upload over client_max_body_size 1m" "" -- -sv -H 'Content-Type: application/pdf' --data-binary @scan-2m.pdf $EX/api/todos
    cap $S nginx-404-express-public.txt 404 proxy nginx "an image not under /public/: nginx's own 404" "curl -si" -- -si $EX/public/logo.png
fi

# ============================== FastAPI (uvicorn) + Caddy (TLS) ==
if up caddy && up fastapi; then
    log "capturing: FastAPI under uvicorn behind Caddy (tls internal)"
    S=fastapi-uvicorn-caddy-tls
    cap $S fastapi-200-item-h2.txt 200 app fastapi "GET an item over HTTP/2" "HTTP/2, the TLS handshake shown" -- -sv -k "${RC[@]}" $CA/items/1
    cap $S fastapi-404-item.txt 404 app fastapi "unknown item: HTTPException(404, 'Item not found')" "curl -si" -- -si -k "${RC[@]}" $CA/items/9
    cap $S fastapi-422-validation.txt 422 app fastapi "POST with an empty name and a negative stock: FastAPI's validation list" "" -- -sv -k "${RC[@]}" "${JSONH[@]}" -d '{"name":"","stock":-1}' $CA/items
    cap $S fastapi-401-oauth2.txt 401 app fastapi "no token: OAuth2PasswordBearer's 'Not authenticated'" "" -- -sv -k "${RC[@]}" $CA/users/me
    cap $S fastapi-500-plain.txt 500 app fastapi "a KeyError: Starlette's plain 'Internal Server Error'" "HTTP/2" -- -sv -k "${RC[@]}" $CA/boom
    cap $S fastapi-307-slash.txt 307 app fastapi "/items/ with a slash: redirect_slashes' 307 to /items" "curl -si" -- -si -k "${RC[@]}" $CA/items/
    cap $S caddy-504-uvicorn-slow.txt 504 proxy caddy "the handler sleeps 5 s, response_header_timeout 2s: Caddy's empty 504" "HTTP/2" -- -sv -k "${RC[@]}" $CA/slow
    cap $S caddy-308-to-https.txt 308 proxy caddy "plain HTTP on the redirect port: Caddy's 308 to https" "" -- -sv "${RC[@]}" $CP/items/1
    cap $S caddy-404-static-missing.txt 404 proxy caddy "/static/* from file_server, the file is not there: Caddy's empty 404" "curl -si" -- -si -k "${RC[@]}" $CA/static/app.css
    cap $S caddy-403-dotenv.txt 403 proxy caddy "/.env: respond @blocked 'Forbidden' 403" "" -- -sv -k "${RC[@]}" $CA/.env
    cap $S caddy-502-body-cap-upload.txt 502 proxy caddy "a 2 MiB upload over request_body max_size 1MB: the capped body fails on the way to uvicorn, Caddy's empty 502 (over HTTP/2 the stream is only reset)" "curl -sv --http1.1" -- -sv -k --http1.1 "${RC[@]}" -H 'Content-Type: application/pdf' --data-binary @scan-2m.pdf $CA/items
fi

# ================================= Rails (Puma) + Apache ==
if up apache && up rails; then
    log "capturing: Rails under Puma behind Apache"
    S=rails-puma-apache
    cap $S rails-404-page.txt 404 app rails "an article that does not exist: RoutingError, public/404.html" "" -- -sv $RA/articles/9
    cap $S rails-422-csrf-page.txt 422 app rails "a form POST without the authenticity token: public/422.html" "curl -si" -- -si -d 'article[title]=Hi' $RA/articles
    capraw $S rails-500-page.txt 500 app rails "a NameError (no Comment model): public/500.html" "curl -si saved to a file (CRs kept)" -- -si $RA/articles/1/comments
    caphttp $S rails-422-json-httpie.txt 422 app rails "HTTPie POST with a blank title: the controller's JSON errors" "HTTPie with colours" -- -v POST $RA/api/articles 'article[title]=' 'article[body]=short'
    cap $S rails-401-token.txt 401 app rails "drafts without a token: the JSON 401 with WWW-Authenticate: Token" "" -- -sv $RA/api/drafts
    capwin $S rails-301-blog.txt 301 app rails "the old /blog route: the router's redirect" "curl -si pasted with CRLF" -- -si $RA/blog
    cap $S apache-502-puma-timeout.txt 502 proxy apache "the action sleeps 5 s, ProxyTimeout 2: Apache's 'Proxy Error'" "" -- -sv $RA/api/slow
    cap $S rails-400-parameter-missing.txt 400 app rails "a 700 KiB image POSTed to the JSON endpoint: LimitRequestBody (512 KiB) does not stop a proxied body with a Content-Length, params.require(:article) fails, Rails' empty 400" "curl -si" -- -si -H 'Content-Type: image/jpeg' --data-binary @photo-700k.jpg $RA/api/articles
    cap $S apache-413-assets-upload.txt 413 proxy apache "the same image POSTed under /assets/ (served by Apache, not proxied): LimitRequestBody 512 KiB, Apache's 413 page" "" -- -sv -H 'Content-Type: image/jpeg' --data-binary @photo-700k.jpg $RA/assets/uploads
    cap $S apache-404-asset-missing.txt 404 proxy apache "/assets/ is served by Apache (ProxyPass /assets !): a digest that was not precompiled" "" -- -sv $RA/assets/application-0d2b9a.css
    cap $S apache-403-assets-index.txt 403 proxy apache "/assets/ itself: Options -Indexes, Apache's 403 'You don't have permission'" "curl -si" -- -si $RA/assets/
    caphttp $S apache-403-dotgit-httpie.txt 403 proxy apache "HTTPie on /.git/config: Require all denied" "HTTPie with colours" -- -v GET $RA/.git/config
fi

# =============================== PHP-FPM (socket) + nginx ==
if up nginx && up php; then
    log "capturing: PHP under PHP-FPM (unix socket) behind nginx"
    S=php-fpm-nginx-unix
    cap $S php-201-contact.txt 201 app php "POST a contact: the front controller's 201" "" -- -sv "${JSONH[@]}" -d '{"email":"ada@example.test"}' $PH/contacts
    cap $S php-404-contact.txt 404 app php "unknown contact: the front controller's JSON 404" "curl -si" -- -si $PH/contacts/7
    caphttp $S php-422-httpie.txt 422 app php "HTTPie POST with a bad email: the JSON 422" "HTTPie with colours" -- -v POST $PH/contacts email=nope
    capraw $S php-500-empty.txt 500 app php "a call on null, display_errors off: PHP's empty 500" "curl -si saved to a file (CRs kept)" -- -si $PH/boom
    capwin $S php-503-maintenance.txt 503 app php "the script's own JSON 503" "curl -si pasted with CRLF" -- -si $PH/maintenance
    cap $S php-301-old-contacts.txt 301 app php "an old URL: header('Location', 301) with no body" "" -- -sv $PH/old-contacts
    cap $S nginx-404-missing-php.txt 404 app nginx "a .php file that is not there: the snippet's try_files \$fastcgi_script_name =404 (nginx is the PHP site's web server)" "curl -si" -- -si $PH/phpinfo.php
    cap $S nginx-504-fpm-slow.txt 504 proxy nginx "the script sleeps 5 s, fastcgi_read_timeout 2s" "" -- -sv $PH/slow
    cap $S nginx-413-php-upload.txt 413 proxy nginx "a 2 MiB upload over client_max_body_size 1m" "curl -si" -- -si -H 'Content-Type: application/pdf' --data-binary @scan-2m.pdf $PH/contacts
fi

# ============================== Go net/http x2 + HAProxy ==
if up haproxy && up go; then
    log "capturing: Go net/http (two instances) behind HAProxy with health checks"
    S=go-nethttp-haproxy-httpchk
    cap $S go-404-servemux.txt 404 app go-net-http "a path no handler covers: ServeMux's '404 page not found'" "curl -si" -- -si $HA/artists
    cap $S go-400-bad-json.txt 400 app go-net-http "a truncated JSON body: the handler's 400 with the decoder's error" "" -- -sv "${JSONH[@]}" -d '{"id":' $HA/albums
    caphttp $S go-422-httpie.txt 422 app go-net-http "HTTPie POST with a zero price: the handler's 422" "HTTPie with colours" -- -v POST $HA/albums id=7 title=Kind price:=0
    cap $S go-409-duplicate.txt 409 app go-net-http "POST an album whose id exists: the handler's JSON 409" "curl -si" -- -si "${JSONH[@]}" -d '{"id":"1","title":"Blue Train","artist":"John Coltrane","price":56.99}' $HA/albums
    quiet "${JSONH[@]}" -d '{"id":"3","title":"Sarah Vaughan","artist":"Sarah Vaughan","price":39.99}' $HA/albums
    cap $S haproxy-429-post-rate.txt 429 load-balancer haproxy "a fifth POST within 10 s: the stick-table rule, deny_status 429" "" -- -sv "${JSONH[@]}" -d '{"id":"4","title":"Giant Steps","price":9.99}' $HA/albums
    cap $S go-500-http-error.txt 500 app go-net-http "the report's database is locked: http.Error's plain text 500" "curl -si" -- -si $HA/report
    capwin $S go-503-maintenance.txt 503 app go-net-http "the handler's own JSON 503 (catalog import)" "curl -si pasted with CRLF" -- -si $HA/maintenance
    cap $S go-301-catalog.txt 301 app go-net-http "http.Redirect to /albums: 'Moved Permanently' link" "curl -si" -- -si $HA/catalog
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "the handler sleeps 5 s, timeout server 2s" "" -- -sv $HA/slow
    capraw $S haproxy-502-go-panic.txt 502 load-balancer haproxy "a nil-map panic: net/http recovers and drops the connection, HAProxy answers 502" "curl -si saved to a file (CRs kept)" -- -si $HA/stats
    cap $S haproxy-403-debug.txt 403 load-balancer haproxy "/debug/pprof/ refused at the front" "curl -si" -- -si $HA/debug/pprof/
    cap $S haproxy-413-content-length.txt 413 load-balancer haproxy "a 2 MiB upload: the Content-Length cap, deny_status 413" "" -- -sv -H 'Content-Type: application/pdf' --data-binary @scan-2m.pdf $HA/albums/1/cover
    cap $S haproxy-503-reports-no-server.txt 503 load-balancer haproxy "/reports/: the only server never passes its check, HAProxy's stock 503" "curl -si" -- -si $HA/reports/daily
fi

# ======================================= Koa + Varnish ==
if up varnish && up koa; then
    log "capturing: Koa behind Varnish"
    S=koa-varnish
    cap $S koa-200-books-miss.txt 200 app koa "the book list, first request: a MISS" "X-Cache: MISS" -- -sv $VA/api/books
    cap $S varnish-200-books-hit.txt 200 cdn-cache varnish "the book list again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $VA/api/books
    cap $S varnish-304-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "" -- -sv -H 'If-None-Match: W/"books-17"' $VA/api/books
    cap $S koa-404-book-miss.txt 404 app koa "unknown ISBN: the handler's JSON 404 (max-age=60), a MISS" "curl -si" -- -si $VA/api/books/9780000000000
    cap $S koa-404-book-hit.txt 404 app koa "the same ISBN again: Varnish serves the 404 it kept (the app's answer)" "X-Cache: HIT" -- -sv $VA/api/books/9780000000000
    cap $S koa-404-plain.txt 404 app koa "no route: Koa's plain 'Not Found'" "curl -si" -- -si $VA/api/authors
    caphttp $S koa-422-httpie.txt 422 app koa "HTTPie POST with a short ISBN: the handler's 422 (POST is passed)" "HTTPie with colours" -- -v POST $VA/api/books isbn=12345
    cap $S koa-401-throw.txt 401 app koa "loans without a session: ctx.throw(401), Koa's plain text" "" -- -sv $VA/api/loans
    capraw $S koa-500-plain.txt 500 app koa "a TypeError: Koa's plain 'Internal Server Error'" "curl -si saved to a file (CRs kept)" -- -si $VA/api/boom
    cap $S varnish-503-first-byte-timeout.txt 503 cdn-cache varnish "the handler waits 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "" -- -sv $VA/api/slow
    capwin $S varnish-503-legacy-down.txt 503 cdn-cache varnish "/legacy/ to a backend that is not running" "curl -si pasted with CRLF" -- -si $VA/legacy/api/books
    cap $S varnish-405-purge-denied.txt 405 cdn-cache varnish "PURGE from a host not in the purge ACL: synth(405, 'Not allowed.')" "" -- -sv -X PURGE $VA/api/books
fi

# ================================ JDK HttpServer + Apache ==
if up apache && up jdk; then
    log "capturing: the JDK's HttpServer behind Apache"
    S=jdk-httpserver-apache
    cap $S jdk-200-quote.txt 200 app jdk-httpserver "GET a quote" "Server: Apache/2.4.71 (Debian) (HttpServer sends none)" -- -sv $JD/api/quotes/1
    cap $S jdk-404-no-context.txt 404 app jdk-httpserver "a path under /api/ no context covers: HttpServer's own 'No context found for request'" "curl -si" -- -si $JD/api/authors
    caphttp $S jdk-422-httpie.txt 422 app jdk-httpserver "HTTPie POST without text: the handler's JSON 422" "HTTPie with colours" -- -v POST $JD/api/quotes author=anon
    cap $S jdk-401-admin.txt 401 app jdk-httpserver "admin without credentials: JSON 401 with WWW-Authenticate: Basic" "curl -si" -- -si $JD/api/admin/reindex
    capwin $S jdk-503-maintenance.txt 503 app jdk-httpserver "the handler's JSON 503" "curl -si pasted with CRLF" -- -si $JD/api/maintenance
    cap $S jdk-303-today.txt 303 app jdk-httpserver "today's quote: a 303 with Location and no body" "" -- -sv $JD/api/today
    cap $S apache-502-jdk-handler-throws.txt 502 proxy apache "the handler throws; HttpServer closes the connection without an answer: Apache's 502" "" -- -sv $JD/api/random
    capraw $S apache-502-jdk-timeout.txt 502 proxy apache "the handler sleeps 5 s, ProxyTimeout 2" "curl -si saved to a file (CRs kept)" -- -si $JD/api/slow
    cap $S jdk-400-upload-not-json.txt 400 app jdk-httpserver "a 700 KiB image POSTed to the quotes: LimitRequestBody does not stop a proxied body with a Content-Length, the handler's JSON 400" "" -- -sv -H 'Content-Type: image/jpeg' --data-binary @photo-700k.jpg $JD/api/quotes
    cap $S apache-403-internal.txt 403 proxy apache "/internal/: Require all denied" "curl -si" -- -si $JD/internal/health
    cap $S apache-404-docroot.txt 404 proxy apache "outside /api/: the empty DocumentRoot" "curl -si" -- -si $JD/favicon.ico
    cap $S apache-503-legacy-down.txt 503 proxy apache "/api/legacy/ to a port where nothing listens" "" -- -sv $JD/api/legacy/quotes
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && up django && capbody $S body-django-404-page.txt 0/404 app django "Django's stock 404 page (DEBUG off)" "no number" -- $DJ/api/note/1
up caddy && up fastapi && capbody $S body-fastapi-404.txt 0/404 app fastapi "{\"detail\":\"Item not found\"}" "no number" -- -k "${RC[@]}" $CA/items/9
up nginx && up flask && capbody $S body-werkzeug-413.txt 413/413 app flask "Werkzeug's 413 page" "" -- -H 'Content-Type: image/jpeg' --data-binary @photo-700k.jpg $FL/api/attachments
up nginx && up express && capbody $S body-nginx-504.txt 504/504 proxy nginx "nginx's 504 page in front of Express" "" -- $EX/api/slow
up caddy && capbody $S body-caddy-403.txt 0/403 proxy caddy "Caddy's 'Forbidden' from respond" "no number" -- -k "${RC[@]}" $CA/admin/users
up apache && capbody $S body-apache-413.txt 413/413 proxy apache "Apache's 413 page (an upload under /assets/, not proxied)" "" -- -H 'Content-Type: image/jpeg' --data-binary @photo-700k.jpg $RA/assets/avatars
up haproxy && capbody $S body-haproxy-403.txt 403/403 load-balancer haproxy "HAProxy's stock 403 page" "" -- $HA/debug/vars
up varnish && capbody $S body-varnish-503.txt 503/503 cdn-cache varnish "Varnish's guru meditation page" "" -- $VA/legacy/api/loans

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-404-static.txt 404 proxy nginx "curl -sI on a missing file under /static/" "" -- $DJ/static/js/app.js
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on the stored book list" "X-Cache: HIT" -- $VA/api/books
up apache && caphead $S head-apache-403-dotenv.txt 403 proxy apache "curl -sI on /.env in the Rails vhost" "" -- $RA/.env
up haproxy && up go && caphead $S head-go-404-servemux.txt 404 app go-net-http "curl -sI through HAProxy: ServeMux's 404" "" -- $HA/artists/1
up nginx && up flask && caphead $S head-flask-405.txt 405 app flask "curl -sI on a POST-only route: Werkzeug's 405" "Allow: POST" -- $FL/api/attachments

# ==================== HAProxy: both instances fail their health check ==
if up haproxy && up go; then
    touch "$RUN/flags/web1.drain" "$RUN/flags/web2.drain"
    for i in $(seq 1 30); do  # fall 2, inter 1s: both out within ~3 s
        code=$(in_work timeout 5 curl -s -o /dev/null -w '%{http_code}' $HA/albums 2>/dev/null)
        [[ $code == 503 ]] && break
        sleep 0.5
    done
    cap go-nethttp-haproxy-httpchk haproxy-503-maintenance-errorfile.txt 503 load-balancer haproxy "both instances answer /healthz with 503: the backend's errorfile 503, a branded maintenance page" "" -- -sv $HA/albums/1
    capbody body-only-paste body-haproxy-503-maintenance.txt 0/503 load-balancer haproxy "the errorfile maintenance page" "no number" -- $HA/albums
fi

# ================================== servers go away behind their fronts ==
if up nginx && up django; then
    stop_name gunicorn
    sleep 0.5
    cap django-gunicorn-nginx-unix nginx-502-gunicorn-stopped.txt 502 proxy nginx "gunicorn is stopped and its socket is gone: nginx's 502" "" -- -sv $DJ/api/notes/1
fi
if up nginx && up flask; then
    stop_name uwsgi INT
    sleep 0.5
    capwget flask-uwsgi-nginx-unix nginx-502-uwsgi-stopped-wget.txt 502 proxy nginx "wget: uWSGI is stopped, nginx's 502" "wget -S -O-" -- $FL/api/tasks/1
fi
if up nginx && up express; then
    stop_name express
    sleep 0.5
    caphttp express-node-nginx nginx-502-node-stopped-httpie.txt 502 proxy nginx "HTTPie: node is stopped, nginx's 502" "HTTPie with colours" -- -v GET $EX/api/todos
fi
if up caddy && up fastapi; then
    stop_name uvicorn
    sleep 0.5
    cap fastapi-uvicorn-caddy-tls caddy-502-uvicorn-stopped.txt 502 proxy caddy "uvicorn is stopped: Caddy's empty 502" "HTTP/2" -- -sv -k "${RC[@]}" $CA/items/1
fi
if up apache && up rails; then
    stop_name puma
    sleep 0.5
    cap rails-puma-apache apache-503-puma-stopped.txt 503 proxy apache "Puma is stopped: Apache's 503" "curl -si" -- -si $RA/articles/1
fi
if up nginx && up php; then
    stop_name php-fpm QUIT
    sleep 0.5
    capwin php-fpm-nginx-unix nginx-502-fpm-stopped.txt 502 proxy nginx "PHP-FPM is stopped: nginx's 502" "curl -si pasted with CRLF" -- -si $PH/contacts
fi
if up varnish && up koa; then
    stop_name koa
    sleep 0.5
    cap koa-varnish varnish-200-hit-koa-stopped.txt 200 cdn-cache varnish "Koa is stopped: the stored book list is still served" "X-Cache: HIT" -- -sv $VA/api/books
    capwget koa-varnish varnish-503-koa-stopped-wget.txt 503 cdn-cache varnish "wget: Koa is stopped, a book never stored" "wget -S -O-" -- $VA/api/books/9780262033848
fi
if up apache && up jdk; then
    stop_name jdk
    sleep 0.5
    capwget jdk-httpserver-apache apache-503-jdk-stopped-wget.txt 503 proxy apache "wget: the JVM is stopped, Apache's 503" "wget -S -O-" -- $JD/api/quotes/1
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round49/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
