#!/usr/bin/env bash
# capture-round25.sh — build the twenty-fifth held-out evidence corpus in
# tests/fixtures/evidence-round25/.
#
# Request ids and hidden servers: production fronts that add their own
# request id to everything they answer (their own error pages included) and
# hide or rename `Server`, in front of apps that echo the id (or make their
# own, or have none). Django under gunicorn behind nginx (headers-more clears
# Server; JSON error pages naming $request_id; h2c); Sinatra under Puma
# behind nginx (`Server: edge`); Express behind HAProxy (unique-id-header,
# http-after-response, `http-request return`); a Jetty 9 servlet behind
# Apache (mod_unique_id, ServerTokens Prod, ServerSignature Off); Go net/http
# behind Caddy ({http.request.uuid}, `-Server`, handle_errors in JSON; h2c);
# HAProxy -> nginx -> Go and Caddy -> Apache -> Jetty, each hop adding an id
# or a Via. Paste forms: curl -v/-i transcripts (some with their CRs, some
# with CRLF), HTTPie with colours, `wget -S -O-`, body-only and headers-only
# pastes, HTTP/2 (h2c).
#
#   scripts/corpus/capture-round25.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round25.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round25.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round25.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports 43000-43999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs and builds run under
# `nice -n 15`. Labels are written by finish_round25.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round25"
RUN=/tmp/api-triage-corpus25
STAGE="$RUN/evidence"
CONF="$HERE/conf-round25"
APPS="$HERE/apps25"
VENV=${CORPUS_VENV25:-/tmp/api-triage-corpus25-venv}
NODE_DIR=${CORPUS_NODE25:-/tmp/api-triage-corpus25-node}
GODIR=${CORPUS_GO25:-/tmp/api-triage-corpus25-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(django==5.2.19 gunicorn==27.0.1)
NPM=(express@5.3.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus25 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget python3-venv nodejs golang-go ruby-sinatra puma jetty9 openjdk-17-jdk-headless
          apache2 nginx libnginx-mod-http-headers-more-filter haproxy caddy)
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


install_venv() {  # Django and gunicorn, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import django, gunicorn" 2>/dev/null && return 0
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
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus25","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # net/http only: the standard library, offline
    [[ -x $GODIR/nethttp_app && $GODIR/nethttp_app -nt $APPS/nethttp_app.go ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the Go app is not built"; return 0; }
    mkdir -p "$GODIR"
    log "go build"
    (cd "$APPS" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR" GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GODIR/nethttp_app" nethttp_app.go) >"$RUN/logs/go-build.log" 2>&1 \
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round25.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
install_npm
build_go
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "Express is missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/nethttp_app ]] || die "the Go app did not build (${SKIPPED[go]:-?})"

APP_PORTS=(43010 43011 43013)
OTHER_PORTS=(43012 43014 43050 43051 43052 43053 43060 43062 43065 43066 43070 43071)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" 43007 43008 43009; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg django-gunicorn nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 2 --timeout 30 \
    -b 127.0.0.1:43010 django_app:application
start_bg express env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_app.js" 43011
start_bg go-nethttp nice -n 5 "$GODIR/nethttp_app" 43013
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done
if have ruby-sinatra && have puma; then
    start_bg puma-sinatra nice -n 5 puma -b tcp://127.0.0.1:43014 -e production "$APPS/sinatra_app.ru"
    wait_port 43014 puma-sinatra && UP[sinatra]=1
fi
if have jetty9 && command -v javac >/dev/null; then
    JB=$RUN/jetty
    mkdir -p "$JB"/{logs,webapps/ROOT/WEB-INF/classes}
    cp "$CONF/jetty-start.ini" "$JB/start.ini"
    cp "$APPS/jetty/web.xml" "$JB/webapps/ROOT/WEB-INF/web.xml"
    if nice -n 15 timeout 300 javac -cp /usr/share/jetty9/lib/servlet-api-3.1.jar -d "$JB/webapps/ROOT/WEB-INF/classes" \
        "$APPS/jetty/OrdersServlet.java" >"$RUN/logs/javac-jetty.log" 2>&1; then
        for try in 1 2 3; do  # its port is inside the ephemeral range: an outgoing socket may hold it for a moment
            start_bg jetty nice -n 5 java -jar /usr/share/jetty9/start.jar jetty.home=/usr/share/jetty9 jetty.base="$JB"
            if wait_port 43012 jetty; then UP[jetty]=1; break; fi
            stop_name jetty; sleep 2
        done
    else log "SKIP jetty: javac failed"; SKIPPED[jetty9]="the servlet did not compile"; fi
fi

# ---- front layers ------------------------------------------------------------
if have nginx && have libnginx-mod-http-headers-more-filter; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/html/static
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 43050 nginx && wait_port 43053 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/htdocs/static
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 43060 apache && wait_port 43062 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home,www/static}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 43065 caddy && wait_port 43066 caddy && UP[caddy]=1
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 43070 haproxy && wait_port 43071 haproxy && UP[haproxy]=1
fi
sleep 3  # HAProxy's health checks settle

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 25 (held out): real responses captured by
# scripts/corpus/capture-round25.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-24:
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
ND=$A:43050 NS=$A:43051 NH=$A:43052 NI=$A:43053
AJ=$A:43060 AI=$A:43062 CG=$A:43065 CA=$A:43066 HX=$A:43070 HE=$A:43071
JSONH=(-H 'Content-Type: application/json')
H2=(--http2-prior-knowledge)
head -c 4096 /dev/zero | tr '\0' x >"$RUN/work/upload.txt"  # a 4 KiB upload
printf '{"sku":"A-1","note":"%s"}' "$(head -c 4096 /dev/zero | tr '\0' x)" >"$RUN/work/big.json"

# ============================================ Django + nginx (request id) ==
if up nginx; then
    log "capturing: Django under gunicorn behind nginx (request ids, Server cleared)"
    S=django-nginx-reqid
    cap $S django-404-json-reqid.txt 404 app django "unknown order: the view's JSON 404 naming the id nginx sent" "X-Request-ID twice: nginx's add_header and the app's echo; no Server" -- -sv $ND/api/orders/7
    cap $S django-404-page.txt 404 app django "no route: Django's production 'Not Found' page" "curl -si; the id only in the headers" -- -si $ND/api/v2/orders
    cap $S django-422-reqid.txt 422 app django "POST with qty 0: the view's 422 with request_id" "" -- -sv "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $ND/api/orders
    cap $S django-400-invalid-json.txt 400 app django "a body that is not JSON: the view's 400" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":' $ND/api/orders
    caphttp $S django-401-httpie.txt 401 app django "HTTPie, no token: the view's 401 with WWW-Authenticate" "HTTPie with colours" -- -v GET $ND/api/admin/reports
    cap $S django-403-csrf.txt 403 app django "POST without a CSRF token: CsrfViewMiddleware's 403 page" "curl -si" -- -si -X POST $ND/api/checkout
    cap $S django-500-page.txt 500 app django "a TypeError, DEBUG off: Django's 'Server Error (500)' page" "" -- -sv $ND/api/boom
    capraw $S django-409-reqid.txt 409 app django "cancel a shipped order: the view's 409" "curl -si saved to a file (CRs kept)" -- -si -X POST $ND/api/orders/1/cancel
    capwin $S django-503-maintenance.txt 503 app django "the view's maintenance 503 with Retry-After" "curl -si pasted with CRLF" -- -si $ND/api/maintenance
    cap $S django-504-dependency.txt 504 app django "the inventory call took over 1 s: the view's own JSON 504" "" -- -sv $ND/api/inventory
    cap $S django-429-app.txt 429 app django "the view's own throttle 429" "curl -si" -- -si $ND/api/limited
    capwget $S django-503-readiness-wget.txt 503 app django "wget on the readiness check: the view's JSON 503" "wget -S -O-" -- $ND/api/health/ready
    cap $S nginx-504-json-reqid.txt 504 proxy nginx "the view sleeps 5 s, proxy_read_timeout 2s: nginx's JSON error_page naming \$request_id" "" -- -sv $ND/api/slow
    cap $S nginx-502-json-reqid.txt 502 proxy nginx "a billing upstream that is not running: nginx's JSON error_page" "curl -si" -- -si $ND/billing/invoices
    cap $S nginx-413-stock-noserver.txt 413 proxy nginx "a 4 KiB upload over client_max_body_size 1k: nginx's stock 413 page" "no Server header; 'nginx' only in the page" -- -sv -H 'Content-Type: text/plain' --data-binary @upload.txt $ND/api/orders
    cap $S nginx-404-static-noserver.txt 404 proxy nginx "a missing file under the /static/ root" "curl -si" -- -si $ND/static/app.css
    cap $S nginx-403-internal.txt 403 proxy nginx "/internal/ is 'deny all'" "" -- -sv $ND/internal/metrics
    quiet $ND/api/search?q=a
    cap $S nginx-429-json-reqid.txt 429 proxy nginx "limit_req, the second request: the JSON named location with the id" "" -- -sv $ND/api/search?q=shoes

    S=django-nginx-h2c
    cap $S django-404-json-h2c.txt 404 app django "HTTP/2 to nginx: the view's JSON 404" "the app's X-Request-ID hidden, nginx's shown" -- -sv "${H2[@]}" $NH/api/orders/7
    cap $S django-500-h2c.txt 500 app django "HTTP/2: Django's 500 page" "curl -si" -- -si "${H2[@]}" $NH/api/boom
    cap $S nginx-502-h2c.txt 502 proxy nginx "HTTP/2: a dead billing upstream, nginx's stock 502 page" "" -- -sv "${H2[@]}" $NH/billing/invoices
    cap $S nginx-504-h2c.txt 504 proxy nginx "HTTP/2: proxy_read_timeout 2s, nginx's stock 504 page" "curl -si" -- -si "${H2[@]}" $NH/api/slow
fi

# ============================================ Sinatra + nginx, Server: edge ==
if up nginx && up sinatra; then
    log "capturing: Sinatra under Puma behind nginx (Server: edge)"
    S=sinatra-nginx-edge
    cap $S sinatra-404-json-edge.txt 404 app sinatra "unknown order: halt 404 with JSON; the app has no request id" "Server: edge; X-Request-ID from nginx only" -- -sv $NS/api/orders/7
    cap $S sinatra-404-default-edge.txt 404 app sinatra "no route: Sinatra's '<h1>Not Found</h1>'" "curl -si" -- -si $NS/v2/orders
    cap $S sinatra-422-edge.txt 422 app sinatra "POST: the app's 422" "" -- -sv "${JSONH[@]}" -d '{"qty":0}' $NS/api/orders
    cap $S sinatra-500-edge.txt 500 app sinatra "a NoMethodError in production" "curl -si" -- -si $NS/api/boom
    caphttp $S sinatra-401-httpie.txt 401 app sinatra "HTTPie, no token" "HTTPie with colours" -- -v GET $NS/api/admin/reports
    capraw $S sinatra-503-edge.txt 503 app sinatra "the app's maintenance 503" "curl -si saved to a file (CRs kept)" -- -si $NS/api/maintenance
    cap $S sinatra-429-edge.txt 429 app sinatra "the app's own 429" "curl -si" -- -si $NS/api/limited
    cap $S nginx-504-edge.txt 504 proxy nginx "the route sleeps 5 s, proxy_read_timeout 2s: the stock page under Server: edge" "" -- -sv $NS/api/slow
    cap $S nginx-502-edge.txt 502 proxy nginx "a dead billing upstream" "curl -si" -- -si $NS/billing/invoices
    cap $S nginx-413-edge.txt 413 proxy nginx "a 4 KiB upload over client_max_body_size 1k" "" -- -sv -H 'Content-Type: text/plain' --data-binary @upload.txt $NS/api/orders
    capwin $S nginx-403-edge.txt 403 proxy nginx "/internal/ is 'deny all'" "curl -si pasted with CRLF" -- -si $NS/internal/metrics
fi

# ======================================= Express + HAProxy (unique-id) ==
if up haproxy; then
    log "capturing: Express behind HAProxy (unique-id-header)"
    S=express-haproxy-uniqueid
    cap $S express-404-json-uniqueid.txt 404 app express "unknown order: the app's JSON 404 naming HAProxy's unique-id" "X-Request-ID and X-Correlation-ID" -- -sv $HX/api/orders/7
    cap $S express-404-cannot-get.txt 404 app express "no route: finalhandler's 'Cannot GET' page" "curl -si" -- -si $HX/api/v2/orders
    cap $S express-400-body-parser.txt 400 app express "a body that is not JSON: body-parser's 400 through the default handler" "" -- -sv "${JSONH[@]}" -d '{"sku":' $HX/api/orders
    cap $S express-413-chunked.txt 413 app express "a chunked 4 KiB upload has no Content-Length, so HAProxy's rule lets it by: body-parser's 413" "curl -si" -- -si "${JSONH[@]}" -H 'Transfer-Encoding: chunked' --data-binary @big.json $HX/api/orders
    caphttp $S express-422-httpie.txt 422 app express "HTTPie POST with qty 0" "HTTPie with colours" -- -v POST $HX/api/orders sku=A-1 qty:=0
    cap $S express-500-finalhandler.txt 500 app express "a TypeError in production: finalhandler's 'Internal Server Error' page" "" -- -sv $HX/api/boom
    cap $S express-405-json.txt 405 app express "DELETE on the collection: the app's JSON 405" "curl -si" -- -si -X DELETE $HX/api/orders
    capraw $S express-503-uniqueid.txt 503 app express "the app's maintenance 503" "curl -si saved to a file (CRs kept)" -- -si $HX/api/maintenance
    cap $S express-504-dependency.txt 504 app express "the inventory call timed out: the app's own 504" "curl -si" -- -si $HX/api/inventory
    capwin $S express-429-app.txt 429 app express "the app's own text 429 with RateLimit-* headers" "curl -si pasted with CRLF" -- -si $HX/api/limited
    cap $S haproxy-504-timeout.txt 504 load-balancer haproxy "the handler sleeps 5 s, timeout server 2s" "X-Request-ID set by http-after-response" -- -sv $HX/api/slow
    cap $S haproxy-503-no-server.txt 503 load-balancer haproxy "both payments servers fail their checks" "curl -si" -- -si $HX/payments/api/charges
    quiet $HX/api/search?q=a
    cap $S haproxy-429-rate-limit.txt 429 load-balancer haproxy "a stick-table rate limit: deny_status 429" "" -- -sv $HX/api/search?q=shoes
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "http-request deny on /internal/" "curl -si" -- -si $HX/internal/metrics
    cap $S haproxy-413-content-length.txt 413 load-balancer haproxy "a Content-Length over 1024: http-request deny deny_status 413" "" -- -sv -H 'Content-Type: text/plain' --data-binary @upload.txt $HX/api/orders
    cap $S haproxy-404-return-json.txt 404 load-balancer haproxy "a scanner path: 'http-request return' with a JSON body naming the unique-id" "" -- -sv $HX/.env
    capwget $S haproxy-503-wget.txt 503 load-balancer haproxy "wget, no payments server" "wget -S -O-" -- $HX/payments/api/refunds
    caphttp $S haproxy-403-httpie.txt 403 load-balancer haproxy "HTTPie on /internal/" "HTTPie with colours" -- -v GET $HX/internal/debug/vars
fi

# ======================================= Jetty + Apache (mod_unique_id) ==
if up apache && up jetty; then
    log "capturing: Jetty behind Apache (mod_unique_id, ServerTokens Prod)"
    S=jetty-apache-uniqueid
    cap $S jetty-404-json-uniqueid.txt 404 app jetty "unknown order: the servlet's Spring-style JSON 404 naming Apache's UNIQUE_ID" "" -- -sv $AJ/api/orders/7
    cap $S jetty-404-error-page.txt 404 app jetty "an unmapped path under /api/: sendError(404), Jetty's 'HTTP ERROR 404' page" "curl -si" -- -si $AJ/api/customers
    cap $S jetty-400-validation.txt 400 app jetty "POST: the servlet's validation 400" "" -- -sv "${JSONH[@]}" -d '{"sku":"A-1"}' $AJ/api/orders
    cap $S jetty-405-json.txt 405 app jetty "DELETE: the servlet's JSON 405 with Allow" "curl -si" -- -si -X DELETE $AJ/api/orders/1
    caphttp $S jetty-401-httpie.txt 401 app jetty "HTTPie, no token: the servlet's JSON 401" "HTTPie with colours" -- -v GET $AJ/api/admin/reports
    cap $S jetty-500-exception.txt 500 app jetty "an IllegalStateException: Jetty's 'HTTP ERROR 500' page" "" -- -sv $AJ/api/boom
    capraw $S jetty-503-senderror.txt 503 app jetty "sendError(503) with Retry-After: Jetty's error page" "curl -si saved to a file (CRs kept)" -- -si $AJ/api/maintenance
    cap $S jetty-504-dependency.txt 504 app jetty "inventory took over 1 s: the servlet's own JSON 504" "curl -si" -- -si $AJ/api/inventory
    capwin $S jetty-410-senderror.txt 410 app jetty "a removed endpoint: sendError(410)" "curl -si pasted with CRLF" -- -si $AJ/api/legacy
    cap $S apache-502-timeout.txt 502 proxy apache "the servlet sleeps 5 s, ProxyTimeout 2" "Server: Apache; X-Request-ID from mod_unique_id" -- -sv $AJ/api/slow
    cap $S apache-503-billing-down.txt 503 proxy apache "ProxyPass to a billing backend that is not running" "curl -si" -- -si $AJ/billing/invoices
    cap $S apache-414-request-line.txt 414 proxy apache "a 3 KiB query string over LimitRequestLine 2048" "" -- -sv "$AJ/api/orders?ids=$(head -c 3000 /dev/zero | tr '\0' 7)"
    cap $S apache-403-internal.txt 403 proxy apache "Require all denied on /internal/" "curl -si" -- -si $AJ/internal/metrics
    caphttp $S apache-404-static-httpie.txt 404 proxy apache "HTTPie: a missing file under the DocumentRoot's /static/" "HTTPie with colours" -- -v GET $AJ/static/app.css
fi

# ============================================ Go net/http + Caddy (uuid) ==
if up caddy; then
    log "capturing: Go net/http behind Caddy ({http.request.uuid}, -Server)"
    S=go-caddy-uuid
    cap $S go-404-json-uuid.txt 404 app go-net-http "unknown order: the handler's JSON 404 naming Caddy's uuid and a trace id" "traceparent made by the app" -- -sv $CG/api/orders/7
    cap $S go-404-servemux.txt 404 app go-net-http "no route: ServeMux's '404 page not found'" "curl -si" -- -si $CG/v2/orders
    cap $S go-405-text.txt 405 app go-net-http "GET on a POST-only route: http.Error's text 405" "" -- -sv $CG/api/orders
    caphttp $S go-422-httpie.txt 422 app go-net-http "HTTPie POST with qty 0" "HTTPie with colours" -- -v POST $CG/api/orders sku=A-1 qty:=0
    cap $S go-400-json.txt 400 app go-net-http "a body that is not JSON: the handler's 400" "curl -si; with a traceparent sent" -- -si "${JSONH[@]}" -H 'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' -d '{"sku":' $CG/api/orders
    cap $S go-500-text.txt 500 app go-net-http "a failed query: http.Error's text 500" "" -- -sv $CG/api/boom
    capraw $S go-503-uuid.txt 503 app go-net-http "the handler's maintenance 503" "curl -si saved to a file (CRs kept)" -- -si $CG/api/maintenance
    cap $S go-504-dependency.txt 504 app go-net-http "inventory: context deadline exceeded, the handler's own 504" "curl -si" -- -si $CG/api/inventory
    capwin $S go-429-app.txt 429 app go-net-http "the handler's own 429" "curl -si pasted with CRLF" -- -si $CG/api/limited
    cap $S caddy-504-json-uuid.txt 504 proxy caddy "the handler sleeps 5 s, response_header_timeout 2s: handle_errors' JSON naming the uuid" "" -- -sv $CG/api/slow
    cap $S caddy-502-json-uuid.txt 502 proxy caddy "a billing service that is not running" "curl -si" -- -si $CG/billing/invoices
    cap $S caddy-403-json-uuid.txt 403 proxy caddy "'error 403' on /internal/, rendered by handle_errors" "" -- -sv $CG/internal/metrics
    cap $S caddy-404-static-json.txt 404 proxy caddy "a missing file under /static/: file_server's 404 through handle_errors" "curl -si" -- -si $CG/static/app.css
    cap $S caddy-body-over-max-size.txt 502 proxy caddy "a 4 KiB upload over request_body max_size 1KB" "" -- -sv -H 'Content-Type: text/plain' --data-binary @upload.txt $CG/api/uploads

    S=go-caddy-h2c
    cap $S go-404-json-h2c.txt 404 app go-net-http "HTTP/2 (h2c) to Caddy: the handler's JSON 404" "" -- -sv "${H2[@]}" $CG/api/orders/7
    cap $S caddy-504-h2c.txt 504 proxy caddy "HTTP/2 (h2c): response_header_timeout 2s, handle_errors' JSON" "curl -si" -- -si "${H2[@]}" $CG/api/slow
    cap $S caddy-403-h2c.txt 403 proxy caddy "HTTP/2 (h2c): 'error 403' on /internal/" "" -- -sv "${H2[@]}" $CG/internal/metrics
fi

# ==================================================== HAProxy -> nginx -> Go ==
if up haproxy && up nginx; then
    log "capturing: HAProxy -> nginx -> Go"
    S=haproxy-nginx-go
    cap $S go-404-two-hops.txt 404 app go-net-http "the handler's JSON 404 through both hops, naming HAProxy's id" "Via from both hops; no Server" -- -sv $HE/api/orders/7
    cap $S go-401-two-hops.txt 401 app go-net-http "no token: the handler's 401" "curl -si" -- -si $HE/api/admin/reports
    caphttp $S go-500-two-hops-httpie.txt 500 app go-net-http "HTTPie: http.Error's text 500 through both hops" "HTTPie with colours" -- -v GET $HE/api/boom
    capraw $S go-503-two-hops.txt 503 app go-net-http "the handler's maintenance 503 through both hops" "curl -si saved to a file (CRs kept)" -- -si $HE/api/maintenance
    cap $S nginx-502-via-haproxy.txt 502 proxy nginx "nginx's 502 for a dead ledger upstream, passed by HAProxy (its Server deleted)" "" -- -sv $HE/ledger/entries
    cap $S nginx-504-via-haproxy.txt 504 proxy nginx "nginx's proxy_read_timeout (2 s) fires before HAProxy's (3 s)" "curl -si" -- -si $HE/api/slow
    cap $S haproxy-504-outer-hop.txt 504 load-balancer haproxy "/reports/: nginx waits 10 s, HAProxy's timeout server 3s fires" "" -- -sv $HE/reports/slow
    capwin $S haproxy-503-outer-search.txt 503 load-balancer haproxy "/search/: the search server fails its check" "curl -si pasted with CRLF" -- -si $HE/search/orders?q=a
fi

# ================================================== Caddy -> Apache -> Jetty ==
if up caddy && up apache && up jetty; then
    log "capturing: Caddy -> Apache -> Jetty"
    S=caddy-apache-jetty
    cap $S jetty-404-json-two-hops.txt 404 app jetty "the servlet's JSON 404 through both hops, naming Caddy's uuid (Apache's setifempty kept it)" "Via from both hops" -- -sv $CA/api/orders/7
    cap $S jetty-500-two-hops.txt 500 app jetty "Jetty's 'HTTP ERROR 500' page through both hops" "curl -si" -- -si $CA/api/boom
    capwin $S jetty-503-two-hops.txt 503 app jetty "sendError(503) through both hops" "curl -si pasted with CRLF" -- -si $CA/api/maintenance
    cap $S apache-502-via-caddy.txt 502 proxy apache "an export that takes 5 s: Apache's ProxyTimeout 2 fires before Caddy's 3 s" "" -- -sv $CA/api/export
    cap $S apache-503-via-caddy.txt 503 proxy apache "Apache's 503 for a dead ledger backend, passed by Caddy" "curl -si" -- -si $CA/ledger/entries
    capwget $S apache-503-via-caddy-wget.txt 503 proxy apache "wget: the dead ledger backend" "wget -S -O-" -- $CA/ledger/balances
    cap $S caddy-504-outer-hop.txt 504 proxy caddy "/reports: Apache's worker waits 10 s, Caddy's response_header_timeout 3s fires: its empty 504" "" -- -sv $CA/reports
    cap $S caddy-502-outer-search.txt 502 proxy caddy "/search/ goes to a server that is not running: Caddy's empty 502" "curl -si" -- -si $CA/search/orders
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-django-404-page.txt 0/404 app django "Django's 'Not Found' page" "no number" -- $ND/api/v2/orders
up nginx && capbody $S body-nginx-502-json-reqid.txt 0/502 proxy nginx "nginx's JSON error_page naming the request id" "no number" -- $ND/billing/invoices
up nginx && capbody $S body-nginx-413-edge.txt 413/413 proxy nginx "nginx's stock 413 page" "" -- -H 'Content-Type: text/plain' --data-binary @upload.txt $NS/api/orders
up haproxy && capbody $S body-haproxy-404-return-json.txt 0/404 load-balancer haproxy "HAProxy's 'http-request return' JSON naming the unique-id" "no number" -- $HX/wp-login.php
up haproxy && capbody $S body-haproxy-503.txt 503/503 load-balancer haproxy "HAProxy's 503 page" "" -- $HX/payments/api/charges
up haproxy && capbody $S body-express-500.txt 0/500 app express "finalhandler's production 500 page" "no number" -- $HX/api/boom
up apache && up jetty && capbody $S body-jetty-503.txt 503/503 app jetty "Jetty's 'HTTP ERROR 503' page through Apache" "" -- $AJ/api/maintenance
up caddy && capbody $S body-caddy-502-json.txt 502/502 proxy caddy "Caddy's handle_errors JSON naming the uuid" "status in the body" -- $CG/billing/invoices
up caddy && capbody $S body-go-404-json.txt 0/404 app go-net-http "the handler's JSON 404 with request_id and trace_id" "no number" -- $CG/api/orders/9

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-django-404-nginx.txt 404 app django "curl -sI on an unknown order through nginx" "" -- $ND/api/orders/7
up haproxy && caphead $S head-haproxy-403.txt 403 load-balancer haproxy "curl -sI on /internal/" "" -- $HX/internal/metrics
up apache && caphead $S head-apache-403.txt 403 proxy apache "curl -sI on /internal/" "" -- $AJ/internal/metrics
up caddy && caphead $S head-caddy-404-static.txt 404 proxy caddy "curl -sI on a missing static file" "" -- $CG/static/app.css
up nginx && caphead $S head-nginx-502-edge.txt 502 proxy nginx "curl -sI, dead billing upstream, Server: edge" "" -- $NS/billing/invoices

# ================================== servers go away behind their fronts ==
if up nginx && up sinatra; then
    stop_name puma-sinatra
    sleep 0.5
    cap sinatra-nginx-edge nginx-502-puma-stopped.txt 502 proxy nginx "Puma is stopped: nginx's stock 502 under Server: edge" "" -- -sv $NS/api/orders/1
fi
if up haproxy; then
    stop_name express
    sleep 0.5
    cap express-haproxy-uniqueid haproxy-503-express-stopped.txt 503 load-balancer haproxy "Express is stopped: HAProxy's 503" "curl -si" -- -si $HX/api/orders/1
fi
if up apache && up jetty; then
    stop_name jetty
    sleep 0.5
    cap jetty-apache-uniqueid apache-503-jetty-stopped.txt 503 proxy apache "Jetty is stopped: Apache's 503" "" -- -sv $AJ/api/orders/1
    up caddy && capraw caddy-apache-jetty apache-503-jetty-stopped-via-caddy.txt 503 proxy apache "Jetty is stopped: Apache's 503 passed by Caddy" "curl -si saved to a file (CRs kept)" -- -si $CA/api/orders/1
fi
if up nginx; then
    stop_name django-gunicorn
    sleep 0.5
    caphttp django-nginx-reqid nginx-502-gunicorn-stopped-httpie.txt 502 proxy nginx "HTTPie: gunicorn is stopped, nginx's JSON error_page" "HTTPie with colours" -- -v GET $ND/api/orders/1
fi
stop_name go-nethttp
sleep 0.5
up caddy && cap go-caddy-uuid caddy-502-go-stopped.txt 502 proxy caddy "the Go app is stopped: handle_errors' JSON" "" -- -sv $CG/api/orders/1
up haproxy && up nginx && cap haproxy-nginx-go nginx-502-go-stopped-via-haproxy.txt 502 proxy nginx "the Go app is stopped: nginx's 502 passed by HAProxy" "curl -si" -- -si $HE/api/orders/1

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round25/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
