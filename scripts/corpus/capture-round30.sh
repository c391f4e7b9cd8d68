#!/usr/bin/env bash
# capture-round30.sh — build the thirtieth held-out evidence corpus in
# tests/fixtures/evidence-round30/.
#
# Theme: WAFs and rate limits, and who said no. Apache with ModSecurity 2.9
# and the OWASP CRS 3.3 (engine On with Apache's stock pages; On with the
# blocking status changed to 406 and a JSON ErrorDocument; DetectionOnly),
# Apache with mod_evasive, nginx limit_req / limit_conn (stock 503, 429,
# a JSON error_page) and ModSecurity 3, HAProxy stick-table limits (deny,
# return, tarpit), Varnish with vsthrottle (varnish-modules), and the apps'
# own limits and input checks: Flask-Limiter, slowapi on FastAPI, Django
# REST framework throttling, express-rate-limit, a Go service's own token
# bucket. Requests as attackers and scanners send them, and as ordinary
# clients that trip a rule by accident. Paste forms: curl -v/-i transcripts
# (some with their CRs, some with CRLF), HTTPie with colours, wget -S,
# body-only and headers-only pastes, HTTP/2 (h2c).
#
#   scripts/corpus/capture-round30.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round30.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round30.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round30.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports 48000-48999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs and builds run under
# `nice -n 15`. Labels are written by finish_round30.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire. The rate limits count requests, so the order of
# the captures below matters: each block says which earlier requests it
# relies on.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round30"
RUN=/tmp/api-triage-corpus30
STAGE="$RUN/evidence"
CONF="$HERE/conf-round30"
APPS="$HERE/apps30"
VENV=${CORPUS_VENV30:-/tmp/api-triage-corpus30-venv}
NODE_DIR=${CORPUS_NODE30:-/tmp/api-triage-corpus30-node}
GODIR=${CORPUS_GO30:-/tmp/api-triage-corpus30-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(flask==3.1.3 flask-limiter==4.1.1 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0 slowapi==0.1.10
      django==5.2.19 djangorestframework==3.18.3)
NPM=(express@5.3.0 express-rate-limit@8.7.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus30 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget python3-venv nodejs golang-go apache2 libapache2-mod-security2 modsecurity-crs
          libapache2-mod-evasive nginx libnginx-mod-http-modsecurity haproxy varnish varnish-modules)
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


install_venv() {  # Flask, FastAPI, Django and their servers and limiters, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, flask_limiter, fastapi, slowapi, django, rest_framework, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # Express and express-rate-limit, from npm
    [[ -e $NODE_DIR/node_modules/express/package.json && -e $NODE_DIR/node_modules/express-rate-limit/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus30","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # the Go service, standard library only
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round30.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -z ${SKIPPED[go]:-} && -x $GODIR/go_app ]] || die "the Go app did not build (${SKIPPED[go]:-?})"

APP_PORTS=(48010 48013 48014 48015 48016 48017 48018)
OTHER_PORTS=(48019 48060 48070 48071 48080 48081 48082 48083 48090 48091 48092)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
# one worker each: the limiters keep their counters in process memory
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 1 --threads 4 --timeout 30)
start_bg flask-limiter "${GUNICORN[@]}" -b 127.0.0.1:48010 flask_app:app
start_bg fastapi-uvicorn nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 48013 fastapi_app:app
start_bg drf-gunicorn "${GUNICORN[@]}" -b 127.0.0.1:48014 drf_app:application
start_bg express-waf env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_app.js" 48015
start_bg express-varnish env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_app.js" 48018
start_bg go-haproxy nice -n 5 "$GODIR/go_app" 48016
start_bg go-nginx nice -n 5 "$GODIR/go_app" 48017
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- front layers ------------------------------------------------------------
if have apache2 && have libapache2-mod-security2 && have modsecurity-crs; then
    mkdir -p "$RUN"/apache/{modsec-tmp,errors}
    cp "$CONF"/errors/blocked.json "$RUN/apache/errors/"
    render "$CONF/apache-waf.conf" "$RUN/apache/apache.conf"
    render "$CONF/modsecurity-apache.conf" "$RUN/apache/modsecurity.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 48080 apache && wait_port 48081 apache && wait_port 48082 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have apache2 && have libapache2-mod-evasive; then
    mkdir -p "$RUN"/apache-evasive/evasive
    render "$CONF/apache-evasive.conf" "$RUN/apache-evasive/apache.conf"
    chown -R www-data: "$RUN/apache-evasive" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache-evasive/apache.conf" >"$RUN/logs/apache-evasive-t.log" 2>&1; then
        start_bg apache-evasive setsid apache2 -DFOREGROUND -f "$RUN/apache-evasive/apache.conf"
        wait_port 48083 apache-evasive && UP[evasive]=1
    else log "SKIP apache-evasive: config test failed"; cat "$RUN/logs/apache-evasive-t.log" >&2; fi
fi
if have nginx && have libnginx-mod-http-modsecurity; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    render "$CONF/modsecurity-nginx.conf" "$RUN/nginx/modsecurity.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 48090 nginx && wait_port 48092 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
        start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
        wait_port 48070 haproxy && wait_port 48071 haproxy && UP[haproxy]=1
    else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
fi
if have varnish && have varnish-modules; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:48060 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 48060 varnish && UP[varnish]=1
fi
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"

log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 30 (held out): real responses captured by
# scripts/corpus/capture-round30.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as the earlier rounds:
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

WF=http://127.0.0.1:48080      # Apache + ModSecurity On -> Flask
WJ=http://127.0.0.1:48081      # Apache + ModSecurity, 406 + JSON page -> Flask
WD=http://127.0.0.1:48082      # Apache + ModSecurity DetectionOnly -> Express
EV=http://127.0.0.1:48083      # Apache + mod_evasive -> DRF
DRF=http://127.0.0.1:48014     # DRF direct
FL=http://127.0.0.1:48010      # Flask direct
FA=http://127.0.0.1:48013      # FastAPI direct
NX=http://127.0.0.1:48090      # nginx limits -> FastAPI
N2=http://127.0.0.1:48091      # the same over h2c
NW=http://127.0.0.1:48092      # nginx + ModSecurity 3 -> Go
HA=http://127.0.0.1:48070      # HAProxy stick tables -> Go
HW=http://127.0.0.1:48071      # HAProxy -> Apache WAF -> Flask
GO=http://127.0.0.1:48016      # Go direct (the instance behind HAProxy)
VN=http://127.0.0.1:48060      # Varnish + vsthrottle -> Express
JSONH=(-H 'Content-Type: application/json')
H2=(--http2-prior-knowledge)
SQLMAP_UA='sqlmap/1.7.2#stable (https://sqlmap.org)'
NIKTO_UA='Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000001)'
BROWSER_UA='Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'
head -c 12000 /dev/zero | tr '\0' 'a' | sed 's/^/{"text":"/; s/$/"}/' >"$RUN/work/comment-12k.json"
head -c 4000 /dev/zero | tr '\0' 'b' | sed 's/^/{"sku":"A-1","qty":1,"note":"/; s/$/"}/' >"$RUN/work/order-4k.json"
head -c 1500 /dev/zero | tr '\0' 'c' | sed 's/^/{"sku":"A-1","qty":1,"note":"/; s/$/"}/' >"$RUN/work/order-1500.json"
head -c 70000 /dev/zero | tr '\0' 'd' >"$RUN/work/upload-70k.bin"
LONGQ=$(head -c 260 /dev/zero | tr '\0' 'x')
EDITOR_HTML='{"text":"<p>Thanks for the quick reply! Details are <a href=\"javascript:void(0)\" onclick=\"openHelp()\">here</a>.</p>"}'
SQL_NOTE='{"sku":"A-1","qty":1,"note":"Tom'"'"' or '"'"'1'"'"'='"'"'1 asked us to gift-wrap it"}'

# ============================ Flask behind Apache + ModSecurity + CRS ==
# Flask-Limiter counts: search 3 per minute (the long query below is the
# first), login 2 per minute. Blocked requests never reach Flask.
if up apache; then
    log "capturing: Flask behind Apache with ModSecurity 2 and the CRS"
    S=flask-apache-modsecurity
    cap $S modsec-403-sqli-query.txt 403 waf apache "SQL injection in the query string ('1' OR '1'='1'): CRS anomaly score over 5, Apache's stock 403 page" "" -- -sv "$WF/api/orders?id=1%27%20OR%20%271%27=%271"
    cap $S modsec-403-xss-query.txt 403 waf apache "a script tag in the search query (curl -G --data-urlencode)" "curl -si" -- -si -G --data-urlencode 'q=<script>alert(document.cookie)</script>' $WF/api/search
    cap $S modsec-403-sqlmap-ua.txt 403 waf apache "sqlmap's default User-Agent on a clean URL: CRS's scanner detection (913100)" "" -- -sv -A "$SQLMAP_UA" $WF/api/orders/1
    cap $S modsec-403-nikto-ua-h2c.txt 403 waf apache "Nikto's User-Agent over HTTP/2 (h2c, prior knowledge)" "HTTP/2" -- -sv "${H2[@]}" -A "$NIKTO_UA" $WF/api/orders/1
    cap $S modsec-403-sqli-json-body.txt 403 waf apache "UNION SELECT inside a JSON body: the JSON body processor feeds it to CRS" "" -- -sv "${JSONH[@]}" -d "{\"sku\":\"A-1' UNION SELECT username, password FROM users--\",\"qty\":1}" $WF/api/orders
    cap $S modsec-403-editor-html-accident.txt 403 waf apache "an ordinary client: a rich-text editor's HTML (javascript: link, onclick) in a comment trips the XSS rules" "a browser User-Agent" -- -sv -A "$BROWSER_UA" "${JSONH[@]}" -d "$EDITOR_HTML" $WF/api/comments
    capwin $S modsec-403-quote-in-note-accident.txt 403 waf apache "an ordinary client: a gift note with quotes and 'or' in a JSON order trips libinjection" "curl -si pasted with CRLF" -- -si "${JSONH[@]}" -d "$SQL_NOTE" $WF/api/orders
    caphttp $S modsec-403-password-accident-httpie.txt 403 waf apache "HTTPie login whose password has < > and ;echo in it: CRS's command injection rules" "HTTPie with colours" -- -v POST $WF/api/login username=ana 'password=p@ss<w0rd>;echo'
    cap $S modsec-403-traversal.txt 403 waf apache "../ in a parameter: CRS's path traversal rules" "curl -si" -- -si "$WF/api/files?path=../../../../etc/passwd"
    capwget $S modsec-403-rce-wget.txt 403 waf apache "wget, ';cat /etc/passwd' in the search query" "wget -S -O-" -- "$WF/api/search?q=;cat%20/etc/passwd"
    cap $S modsec-413-body-limit.txt 413 waf apache "a 12 KB JSON comment over SecRequestBodyNoFilesLimit 8192: ModSecurity rejects it, Apache's 413 page" "" -- -sv "${JSONH[@]}" --data-binary @comment-12k.json $WF/api/comments
    capraw $S modsec-500-json-parse.txt 500 waf apache "a JSON body cut short: ModSecurity's JSON parser fails and Apache answers 500" "curl -si saved to a file (CRs kept); the error log names ModSecurity's JSON parser" -- -si "${JSONH[@]}" -d '{"sku": ' $WF/api/orders
    cap $S modsec-500-multipart.txt 500 waf apache "a multipart upload with no final boundary: ModSecurity's multipart parser fails, Apache answers 500" "the error log names ModSecurity's multipart parser" -- -sv -H 'Content-Type: multipart/form-data; boundary=XX' --data-binary $'--XX\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello\r\n--XX' $WF/api/upload
    cap $S flask-400-long-query.txt 400 app flask "a 260-character search passes the WAF; the view's own 400 query_too_long" "X-RateLimit-* from Flask-Limiter" -- -sv "$WF/api/search?q=$LONGQ"
    quiet "$WF/api/search?q=boots"
    quiet "$WF/api/search?q=boots+red"
    cap $S flask-429-limiter-search.txt 429 app flask "the fourth search in a minute: Flask-Limiter's 429 through the JSON errorhandler, Retry-After" "" -- -sv "$WF/api/search?q=boots+red+42"
    cap $S flask-404-via-waf.txt 404 app flask "a clean request for an unknown order: the app's JSON 404" "curl -si" -- -si $WF/api/orders/99
    cap $S flask-422-via-waf.txt 422 app flask "qty 0, nothing the CRS dislikes: the app's 422" "" -- -sv "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $WF/api/orders
    cap $S flask-201-obrien-passes.txt 201 app flask "an apostrophe alone (O'Brien) passes the CRS: the app's 201" "curl -si" -- -si "${JSONH[@]}" -d "{\"sku\":\"A-1\",\"qty\":1,\"note\":\"Deliver to Mrs O'Brien, 3rd floor -- ring twice\"}" $WF/api/orders
    cap $S flask-401-login.txt 401 app flask "a wrong password: the app's 401" "curl -si" -- -si "${JSONH[@]}" -d '{"username":"ana","password":"hunter22"}' $WF/api/login
    quiet "${JSONH[@]}" -d '{"username":"ana","password":"hunter23"}' $WF/api/login
    caphttp $S flask-429-limiter-login-httpie.txt 429 app flask "HTTPie, a third login in a minute: Flask-Limiter's 429 (2 per minute)" "HTTPie with colours" -- -v POST $WF/api/login username=ana password=hunter24
    cap $S flask-500-via-waf.txt 500 app flask "an unhandled RuntimeError: Flask's 500 page" "curl -si" -- -si $WF/api/boom
    cap $S apache-503-ledger-down.txt 503 proxy apache "ProxyPass to a ledger that is not running: Apache's 503, not the WAF" "" -- -sv $WF/api/ledger/entries
    cap $S modsec-403-sqli-h2c.txt 403 waf apache "SQL injection in the query over HTTP/2 (h2c)" "HTTP/2; curl -si" -- -si "${H2[@]}" "$WF/api/orders?sort=id%3BDROP%20TABLE%20orders--"
    cap $S flask-404-h2c.txt 404 app flask "a clean request over HTTP/2 (h2c): the app's 404" "HTTP/2" -- -sv "${H2[@]}" $WF/api/orders/98

    log "capturing: the same WAF with a 406 and a JSON error page"
    S=flask-apache-modsecurity-json
    cap $S modsec-406-sqli-json-page.txt 406 waf apache "SQL injection in the query: the copied blocking rule denies with 406, the JSON ErrorDocument" "X-Request-Id from mod_unique_id" -- -sv "$WJ/api/orders?id=1%27%20OR%20%271%27=%271"
    cap $S modsec-406-xss-json-page.txt 406 waf apache "an XSS probe in the query" "curl -si" -- -si -G --data-urlencode 'q="><svg onload=alert(1)>' $WJ/api/search
    capraw $S modsec-406-nikto-json-page.txt 406 waf apache "Nikto's User-Agent" "curl -si saved to a file (CRs kept)" -- -si -A "$NIKTO_UA" $WJ/api/orders/1
    caphttp $S modsec-406-editor-accident-httpie.txt 406 waf apache "HTTPie, an ordinary comment with an editor's onclick link" "HTTPie with colours" -- -v POST $WJ/api/comments 'text=<a href="javascript:void(0)" onclick="openHelp()">help</a>'
    cap $S modsec-406-sqli-json-body.txt 406 waf apache "OR 1=1 inside a JSON body" "" -- -sv "${JSONH[@]}" -d '{"sku":"1 OR 1=1--","qty":1}' $WJ/api/orders
    cap $S modsec-413-json-vhost.txt 413 waf apache "a 12 KB body: ModSecurity's 413 keeps Apache's stock page (no ErrorDocument for 413)" "curl -si" -- -si "${JSONH[@]}" --data-binary @comment-12k.json $WJ/api/comments
    cap $S flask-201-json-vhost.txt 201 app flask "a clean order passes" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":"A-1","qty":3}' $WJ/api/orders
    capwin $S flask-404-json-vhost.txt 404 app flask "a clean request for an unknown order: the app's JSON 404" "curl -si pasted with CRLF" -- -si $WJ/api/orders/97

    log "capturing: Express behind ModSecurity in DetectionOnly"
    S=express-apache-modsecurity-detectiononly
    cap $S express-201-sqli-detectiononly.txt 201 app express "UNION SELECT in a JSON body: DetectionOnly only logs it, Express answers 201" "" -- -sv "${JSONH[@]}" -d "{\"sku\":\"A-1' UNION SELECT password FROM users--\",\"qty\":1}" $WD/api/orders
    cap $S express-404-sqlmap-detectiononly.txt 404 app express "sqlmap's User-Agent and an injected id: Express's JSON 404" "curl -si" -- -si -A "$SQLMAP_UA" "$WD/api/orders/1%27%20AND%201=1--"
    cap $S express-400-xss-detectiononly.txt 400 app express "a script tag in a JSON order with qty missing: Express's own validation 400" "" -- -sv "${JSONH[@]}" -d '{"sku":"<script>alert(1)</script>"}' $WD/api/orders
    cap $S express-413-body-parser.txt 413 app express "a 4 KB order over express.json's 1kb limit, under the WAF's 8 KiB: body-parser's 413 page" "curl -si" -- -si "${JSONH[@]}" --data-binary @order-4k.json $WD/api/orders
    quiet "$WD/api/search?q=a"
    quiet "$WD/api/search?q=b"
    quiet "$WD/api/search?q=c"
    cap $S express-429-rate-limit-draft7.txt 429 app express "a fourth search in a minute: express-rate-limit's 429 with the draft-7 RateLimit headers" "" -- -sv "$WD/api/search?q=d"
    capbody body-only-paste body-express-429-text.txt 0/429 app express "express-rate-limit's default message" "no number" -- "$WD/api/search?q=e"
    caphead headers-only-paste head-express-429-draft7.txt 429 app express "curl -sI on the limited search: RateLimit-Policy and RateLimit headers" "" -- "$WD/api/search?q=f"
    quiet -X POST $WD/api/login
    quiet -X POST $WD/api/login
    caphttp $S express-429-login-legacy-httpie.txt 429 app express "HTTPie, a third login: express-rate-limit's text message with X-RateLimit-* headers" "HTTPie with colours" -- -v POST $WD/api/login username=ana password=x
    quiet -X POST $WD/api/exports
    cap $S express-429-exports-json.txt 429 app express "a second export in a minute: the limiter's JSON handler, draft-6 headers" "curl -si" -- -si -X POST $WD/api/exports
    cap $S express-500-detectiononly.txt 500 app express "an unhandled Error in production: Express's 500 page" "curl -si" -- -si $WD/api/boom
fi

# ====================================== two hops: HAProxy -> ModSecurity ==
if up haproxy && up apache; then
    log "capturing: HAProxy in front of the Apache WAF"
    S=haproxy-apache-modsecurity
    cap $S modsec-403-via-haproxy.txt 403 waf apache "SQL injection through HAProxy: the WAF behind it refused" "" -- -sv "$HW/api/orders?id=1%20UNION%20SELECT%201,2,3--"
    caphttp $S modsec-403-nikto-via-haproxy-httpie.txt 403 waf apache "HTTPie with Nikto's User-Agent through HAProxy" "HTTPie with colours" -- -v GET $HW/api/orders/1 "User-Agent:$NIKTO_UA"
    cap $S flask-404-via-haproxy-waf.txt 404 app flask "a clean request through both hops: the app's 404" "curl -si" -- -si $HW/api/orders/96
    capwin $S modsec-413-via-haproxy.txt 413 waf apache "a 12 KB body through HAProxy: ModSecurity's 413" "curl -si pasted with CRLF" -- -si "${JSONH[@]}" --data-binary @comment-12k.json $HW/api/comments
fi

# ============================== Flask direct (no front) ==
log "capturing: Flask with no front"
S=flask-limiter-direct
cap $S flask-413-werkzeug-direct.txt 413 app flask "a 70 KB upload over MAX_CONTENT_LENGTH 64 KiB: Werkzeug's 413 page" "" -- -sv -H 'Content-Type: application/octet-stream' --data-binary @upload-70k.bin $FL/api/upload
cap $S flask-429-search-direct.txt 429 app flask "the search limit still holds (3 per minute): Flask-Limiter's 429" "curl -si" -- -si "$FL/api/search?q=shoes"

# ============================== DRF behind Apache + mod_evasive ==
# DRF throttles: anon 3/min on search, login 2/min. mod_evasive blocks the
# client for 5 s after 5 hits on one page within a second: it comes last.
if up evasive; then
    log "capturing: Django REST framework behind Apache with mod_evasive"
    S=drf-apache-evasive
    cap $S drf-404-evasive.txt 404 app django-rest-framework "NotFound for an unknown order: DRF's {\"detail\": ...}" "" -- -sv $EV/api/orders/7
    cap $S drf-400-serializer.txt 400 app django-rest-framework "qty 0 and no sku: the serializer's field errors" "curl -si" -- -si "${JSONH[@]}" -d '{"qty":0}' $EV/api/orders
    sleep 1.1
    cap $S drf-400-parse-error.txt 400 app django-rest-framework "a JSON body cut short: DRF's 'JSON parse error'" "" -- -sv "${JSONH[@]}" -d '{"sku": ' $EV/api/orders
    sleep 1.1
    capraw $S drf-415-media-type.txt 415 app django-rest-framework "a form-encoded POST: DRF's 415 Unsupported media type" "curl -si saved to a file (CRs kept)" -- -si -d 'sku=A-1&qty=1' $EV/api/orders
    sleep 1.1
    cap $S drf-405-method.txt 405 app django-rest-framework "GET on a POST-only view: DRF's 405" "curl -si" -- -si $EV/api/orders
    quiet "$EV/api/search?q=a"
    sleep 1.1
    quiet "$EV/api/search?q=b"
    sleep 1.1
    quiet "$EV/api/search?q=c"
    sleep 1.1
    cap $S drf-429-anon-throttle.txt 429 app django-rest-framework "a fourth anonymous search in a minute: AnonRateThrottle, Retry-After" "" -- -sv "$EV/api/search?q=d"
    capbody body-only-paste body-drf-429.txt 0/429 app django-rest-framework "DRF's throttled detail" "no number; 'Expected available in N seconds'" -- "$DRF/api/search?q=e"
    sleep 1.1
    caphead headers-only-paste head-drf-429-search.txt 429 app django-rest-framework "curl -sI (HEAD) on the throttled search: DRF's 429 headers, Retry-After" "" -- "$EV/api/search?q=f"
    cap $S drf-401-login.txt 401 app django-rest-framework "a wrong password: the view's 401" "curl -si" -- -si "${JSONH[@]}" -d '{"username":"ana","password":"x"}' $EV/api/login
    sleep 1.1
    quiet "${JSONH[@]}" -d '{"username":"ana","password":"y"}' $EV/api/login
    sleep 1.1
    caphttp $S drf-429-scoped-throttle-httpie.txt 429 app django-rest-framework "HTTPie, a third login in a minute: ScopedRateThrottle ('login': 2/min)" "HTTPie with colours" -- -v POST $EV/api/login username=ana password=z
    sleep 1.1
    for i in 1 2 3 4 5; do quiet $EV/api/health; done
    cap $S apache-403-mod-evasive.txt 403 proxy apache "the health URL 6 times in a second: mod_evasive's default 403 (Apache's stock Forbidden page)" "ServerTokens Prod" -- -sv $EV/api/health
    capwget $S apache-403-mod-evasive-wget.txt 403 proxy apache "wget during the 5 s block, the same URL again: mod_evasive's 403 (another URL would still reach DRF)" "wget -S -O-" -- $EV/api/health
    sleep 6
fi

# =================================== FastAPI behind nginx limits ==
# nginx zones: 6r/m each (one request per 10 s); orders has burst 1 nodelay.
if up nginx; then
    log "capturing: FastAPI behind nginx limit_req / limit_conn"
    S=fastapi-nginx-limits
    cap $S fastapi-422-query-type.txt 422 app fastapi "a first search with limit=ten: FastAPI's 422 for the query parameter" "" -- -sv "$NX/api/search?q=boots&limit=ten"
    cap $S nginx-503-limit-req-default.txt 503 proxy nginx "a second search within 10 s: limit_req with the status left at 503, nginx's stock page" "curl -si" -- -si "$NX/api/search?q=boots"
    cap $S fastapi-422-orders.txt 422 app fastapi "qty 0: pydantic's 422 (the first order request)" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $NX/api/orders
    quiet "${JSONH[@]}" -d '{"sku":"A-1","qty":1}' $NX/api/orders
    cap $S nginx-429-limit-req-status.txt 429 proxy nginx "a third order request inside the burst: limit_req_status 429, nginx's stock 429 page" "" -- -sv "${JSONH[@]}" -d '{"sku":"A-1","qty":2}' $NX/api/orders
    cap $S fastapi-404-reports.txt 404 app fastapi "the first report request: FastAPI's {\"detail\":\"Not Found\"}" "curl -si" -- -si $NX/api/reports/daily
    cap $S nginx-429-json-error-page.txt 429 proxy nginx "a second report request: limit_req 429 rendered by a JSON error_page with Retry-After" "" -- -sv $NX/api/reports/daily
    capwin $S nginx-429-json-error-page-crlf.txt 429 proxy nginx "a third report request" "curl -si pasted with CRLF" -- -si $NX/api/reports/weekly
    capbody body-only-paste body-nginx-429-json.txt 0/429 proxy nginx "the limit_req JSON error_page" "no number" -- $NX/api/reports/monthly
    cap $S nginx-413-client-max-body.txt 413 proxy nginx "a 4 KB order over client_max_body_size 2k: nginx's 413 page" "" -- -sv "${JSONH[@]}" --data-binary @order-4k.json $NX/api/comments
    (in_work timeout 10 curl -s -o /dev/null $NX/api/slow &)
    sleep 0.5
    cap $S nginx-503-limit-conn.txt 503 proxy nginx "a second slow call while the first still runs: limit_conn 1, status left at 503" "curl -si" -- -si $NX/api/slow
    sleep 3
    cap $S fastapi-404-h2c.txt 404 app fastapi "HTTP/2 (h2c): HTTPException(404)" "HTTP/2" -- -sv "${H2[@]}" $N2/api/orders/7
    cap $S fastapi-422-h2c.txt 422 app fastapi "HTTP/2 (h2c), a non-numeric order id: FastAPI's 422 for the path parameter" "HTTP/2; curl -si" -- -si "${H2[@]}" $N2/api/orders/abc
    cap $S nginx-503-limit-req-h2c.txt 503 proxy nginx "HTTP/2 (h2c), a search 5 s after the last one: limit_req's 503 (over h2c a POST refused by limit_req sometimes came back as a closed stream with no response, so this is a GET)" "HTTP/2" -- -sv "${H2[@]}" "$N2/api/search?q=gloves"
    sleep 10.5
    quiet "$NX/api/search?q=hats"
    caphttp $S nginx-503-limit-req-httpie.txt 503 proxy nginx "HTTPie, two searches in a row: the second gets limit_req's 503" "HTTPie with colours; the first search was sent just before" -- -v GET "$NX/api/search" q==hats
    caphead headers-only-paste head-nginx-503-limit-req.txt 503 proxy nginx "curl -sI, two searches in a row" "two searches were sent just before" -- "$NX/api/search?q=socks"
fi

# ============================ FastAPI direct (slowapi) ==
log "capturing: FastAPI with slowapi, no front"
S=fastapi-slowapi-direct
quiet "$FA/api/search?q=a"
quiet "$FA/api/search?q=b"
cap $S fastapi-429-slowapi.txt 429 app fastapi "the fourth search in a minute (the search sent through nginx before the HTTPie one was the first): slowapi's 429 with X-RateLimit-* and Retry-After" "" -- -sv "$FA/api/search?q=c"
capraw $S fastapi-429-slowapi-saved.txt 429 app fastapi "the fifth search" "curl -si saved to a file (CRs kept)" -- -si "$FA/api/search?q=d"
    capbody body-only-paste body-fastapi-429-slowapi.txt 0/429 app fastapi "slowapi's error body" "no number; 'Rate limit exceeded: 3 per 1 minute'" -- "$FA/api/search?q=e"

# ================================ Go behind nginx + ModSecurity 3 ==
if up nginx; then
    log "capturing: the Go service behind nginx with ModSecurity 3 and the CRS"
    S=go-nginx-modsecurity
    cap $S nginx-modsec-403-sqli-query.txt 403 waf nginx "SQL injection in the query: ModSecurity 3 + CRS, nginx's 403 page (server_tokens off)" "" -- -sv "$NW/api/orders/1?id=1%27%20OR%201=1--"
    caphttp $S nginx-modsec-403-xss-httpie.txt 403 waf nginx "HTTPie, a script tag in a JSON field" "HTTPie with colours" -- -v POST $NW/api/orders 'sku=<script>alert(1)</script>' qty:=1
    cap $S nginx-modsec-400-json-parse.txt 400 waf nginx "a JSON body cut short: REQBODY_ERROR (200002) in Debian's modsecurity.conf, nginx's 400 page" "curl -si" -- -si "${JSONH[@]}" -d '{"sku": ' $NW/api/orders
    cap $S nginx-modsec-403-scanner-ua.txt 403 waf nginx "Nikto's User-Agent" "" -- -sv -A "$NIKTO_UA" $NW/api/orders/1
    cap $S nginx-modsec-403-password-accident.txt 403 waf nginx "an ordinary client: a password with < > and ;echo in a JSON login" "curl -si" -- -si "${JSONH[@]}" -d '{"username":"ana","password":"p@ss<w0rd>;echo"}' $NW/api/login
    cap $S go-400-unknown-field.txt 400 app go-net-http "a clean body with a field the service does not know: its JSON 400" "" -- -sv "${JSONH[@]}" -d '{"sku":"A-1","qty":1,"colour":"red"}' $NW/api/orders
    cap $S go-413-max-bytes.txt 413 app go-net-http "a 1.5 KB order: MaxBytesReader (1 KiB), the service's JSON 413" "curl -si" -- -si "${JSONH[@]}" --data-binary @order-1500.json $NW/api/orders
    cap $S go-404-nginx-waf.txt 404 app go-net-http "a clean request for an unknown order" "curl -si" -- -si $NW/api/orders/7
fi

# ==================================== Go behind HAProxy stick tables ==
if up haproxy; then
    log "capturing: the Go service behind HAProxy rate limits"
    S=go-haproxy-ratelimit
    cap $S haproxy-403-sqlmap-ua.txt 403 load-balancer haproxy "sqlmap's User-Agent: http-request deny, Debian's 403 errorfile" "" -- -sv -A "$SQLMAP_UA" $HA/api/orders/1
    capwin $S haproxy-403-masscan-ua.txt 403 load-balancer haproxy "masscan's User-Agent" "curl -si pasted with CRLF" -- -si -A 'masscan/1.3 (https://github.com/robertdavidgraham/masscan)' $HA/
    cap $S go-200-search-first.txt 200 app go-net-http "the first search: the service answers" "curl -si" -- -si "$HA/api/search?q=a"
    quiet "$HA/api/search?q=b"
    quiet "$HA/api/search?q=c"
    cap $S haproxy-429-search-deny.txt 429 load-balancer haproxy "a fourth search in 10 s: http-request deny deny_status 429, HAProxy's built-in 429 page" "" -- -sv "$HA/api/search?q=d"
    capraw $S haproxy-429-search-saved.txt 429 load-balancer haproxy "a fifth search" "curl -si saved to a file (CRs kept)" -- -si "$HA/api/search?q=e"
    capbody body-only-paste body-haproxy-429.txt 429/429 load-balancer haproxy "HAProxy's built-in 429 page" "" -- "$HA/api/search?q=f"
    caphead headers-only-paste head-haproxy-429-search.txt 429 load-balancer haproxy "curl -sI, searches still over the limit" "" -- "$HA/api/search?q=g"
    cap $S go-404-login-route.txt 404 app go-net-http "the first login: the service has no such route, its JSON 404" "curl -si" -- -si -X POST $HA/api/login
    quiet -X POST $HA/api/login
    cap $S haproxy-429-login-return-json.txt 429 load-balancer haproxy "a third login in 10 s: http-request return 429 with JSON and Retry-After" "" -- -sv -X POST "${JSONH[@]}" -d '{"username":"ana","password":"x"}' $HA/api/login
    quiet -X POST $HA/api/exports
    cap $S haproxy-429-tarpit.txt 429 load-balancer haproxy "a second export in 10 s: tarpit for 1 s, then deny_status 429" "curl -si" -- -si -X POST $HA/api/exports
    cap $S haproxy-500-tarpit-php.txt 500 load-balancer haproxy "a WordPress probe (*.php): tarpit with its default status, 500" "" -- -sv $HA/wp-login.php
    capwget $S haproxy-500-tarpit-php-wget.txt 500 load-balancer haproxy "wget, another .php probe" "wget -S -O-" -- $HA/xmlrpc.php
    cap $S go-201-order.txt 201 app go-net-http "a clean order" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":"A-1","qty":1}' $HA/api/orders
    cap $S go-400-bad-json.txt 400 app go-net-http "a JSON body cut short: the service's JSON 400" "" -- -sv "${JSONH[@]}" -d '{"sku": ' $HA/api/orders
    cap $S go-405-text.txt 405 app go-net-http "GET on the POST-only orders route: http.Error's text 405" "curl -si" -- -si $HA/api/orders
    quiet $HA/api/quotes
    quiet $HA/api/quotes
    quiet $HA/api/quotes
    cap $S go-429-own-bucket.txt 429 app go-net-http "a fourth quote at once: the service's own token bucket, Retry-After and X-RateLimit-*" "" -- -sv $HA/api/quotes
    caphttp $S go-429-own-bucket-httpie.txt 429 app go-net-http "HTTPie, the fifth quote" "HTTPie with colours" -- -v GET $HA/api/quotes
    cap $S haproxy-504-timeout-server.txt 504 load-balancer haproxy "the slow route (3 s), timeout server 2s" "curl -si" -- -si $HA/api/slow
fi

# ========================== Express behind Varnish + vsthrottle ==
if up varnish; then
    log "capturing: Express behind Varnish with vsthrottle"
    S=express-varnish-vsthrottle
    cap $S express-404-via-varnish.txt 404 app express "the first orders request (passed): Express's JSON 404" "" -- -sv $VN/api/orders/7
    quiet $VN/api/orders/8
    cap $S varnish-429-vsthrottle-json.txt 429 cdn-cache varnish "a third orders request in 10 s: vsthrottle denies, a JSON synth 429 with Retry-After" "" -- -sv $VN/api/orders/9
    quiet "$VN/api/search?q=a"
    quiet "$VN/api/search?q=b"
    quiet "$VN/api/search?q=c"
    cap $S varnish-429-vsthrottle-guru.txt 429 cdn-cache varnish "a fourth search in 10 s: the builtin synth page ('Guru Meditation') with 429" "curl -si" -- -si "$VN/api/search?q=d"
    caphttp $S varnish-429-vsthrottle-httpie.txt 429 cdn-cache varnish "HTTPie, a fifth search" "HTTPie with colours" -- -v GET "$VN/api/search" q==e
    capbody body-only-paste body-varnish-429.txt 429/429 cdn-cache varnish "Varnish's synth page for the vsthrottle 429" "'Error 429 Too Many Requests'" -- "$VN/api/search?q=f"
    cap $S express-400-via-varnish.txt 400 app express "qty missing: Express's validation 400, passed" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":"A-1"}' $VN/api/orders
    quiet -X POST $VN/api/login
    quiet -X POST $VN/api/login
    cap $S express-429-login-via-varnish.txt 429 app express "a third login: express-rate-limit's 429 with X-RateLimit-*, passed by Varnish" "" -- -sv -X POST $VN/api/login
    capwin $S express-413-via-varnish.txt 413 app express "a 4 KB order: body-parser's 413 page, passed" "curl -si pasted with CRLF" -- -si "${JSONH[@]}" --data-binary @order-4k.json $VN/api/orders
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up apache && capbody $S body-modsec-403-apache.txt 403/403 waf apache "Apache's stock 403 page after a CRS block" "the title says 403" -- "$WF/api/orders?id=2%27%20OR%20%272%27=%272"
up apache && capbody $S body-modsec-406-json.txt 0/406 waf apache "the JSON ErrorDocument of the 406 vhost" "no number" -- "$WJ/api/orders?id=2%27%20OR%20%272%27=%272"
capbody $S body-fastapi-422.txt 0/422 app fastapi "FastAPI's validation error list" "no number" -- "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $FA/api/orders

# ================================================ headers-only pastes ==
S=headers-only-paste
up apache && caphead $S head-modsec-403-sqlmap.txt 403 waf apache "curl -sI with sqlmap's User-Agent" "" -- -A "$SQLMAP_UA" $WF/api/orders/1

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round30/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
