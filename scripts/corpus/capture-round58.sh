#!/usr/bin/env bash
# capture-round58.sh — build the fifty-eighth held-out evidence corpus in
# tests/fixtures/evidence-round58/.
#
# "Twins": in every setup, pairs of answers with the same status code, one
# written by the front and one by the app behind it. The front's own JSON
# 429/503/413 next to the app's own JSON 429/503/413; the front's 502/503/504
# for a dead or slow upstream next to the app's own HTML 502/503/504 page
# about one of its dependencies; the front's empty 503 next to the app's empty
# 503; the same again over HTTP/2 where the front speaks it. Every front adds
# its own request id (and Via where it can) to everything it sends back.
#
# The apps are round 55's invoices API (copied into apps58/ with two routes
# added: GET /api/drain, an empty 503, and POST /api/upload, the app's own JSON
# 413), in pairings no earlier round used:
#   nginx   -> Django under Hypercorn        Apache  -> FastAPI under Hypercorn
#   HAProxy -> Django under uvicorn          Caddy   -> Flask under waitress
#   Varnish -> gin                           Squid   -> FastAPI under Hypercorn
# The front configs are round 55's, retargeted (conf-round58/).
#
#   scripts/corpus/capture-round58.sh          # capture (installs nothing new)
#   CORPUS_KEEP_RUN=1 capture-round58.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round58.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports 59400-59499)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Builds run under
# `nice -n 15`. Labels come from this script (how each setup was built), and
# finish_round58.py refuses (and this script then leaves the fixtures as they
# were) when a label's status is not the one on the wire.

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round58"
RUN=/tmp/api-triage-corpus58
STAGE="$RUN/evidence"
CONF="$HERE/conf-round58"
APPS="$HERE/apps58"
VENV=${CORPUS_VENV55:-/tmp/api-triage-corpus55-venv}   # round 55's venv, reused as it is
GO_DIR=/tmp/api-triage-corpus58-go
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(flask==3.1.3 waitress==3.0.2 fastapi==0.165.0 hypercorn==0.18.0 django==5.2.19 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus58 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openssl python3-venv apache2 nginx haproxy varnish squid caddy
    golang-go golang-github-gin-gonic-gin-dev)
declare -A SKIPPED=()
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
install_packages() {
    local missing=() p cand ok=() created_policy=0
    for p in "${PACKAGES[@]}"; do
        installed "$p" || missing+=("$p")
    done
    ((${#missing[@]})) || return 0
    if [[ ${CORPUS_SKIP_INSTALL:-1} == 1 || $(id -u) != 0 ]]; then
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


install_venv() {  # the Python frameworks and servers, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, waitress, fastapi, hypercorn, django, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-1} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

have() { [[ -z ${SKIPPED[$1]:-} ]] && installed "$1"; }

PIDS=()

start_bg() {  # start_bg NAME CMD... ; output to $RUN/logs/NAME.log, run in $HERE
    local name=$1; shift
    (cd "$HERE" && exec "$@") >"$RUN/logs/$name.log" 2>&1 &
    PIDS+=($!)
    echo $! >"$RUN/pids/$name.pid"
}

ours() {  # a process of this corpus: started with this round's files or from its run dir
    # (never the shared venv's path: another round may run servers from it)
    local cmd
    [[ -r /proc/$1/cmdline ]] || return 1
    cmd=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/capture-round58"* || $cmd == *"$APPS/"* || $cmd == *"$GO_DIR/"* ]]
}

descendants() {  # descendants PID: every process below PID, by parent id
    local kids k
    kids=$(awk -v p="$1" '$4 == p {print $1}' /proc/[0-9]*/stat 2>/dev/null)
    for k in $kids; do echo "$k"; descendants "$k"; done
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

stop_all() {  # only what this script started: its PIDS, then their children
    local i pid kids=()
    for pid in "${PIDS[@]}"; do kids+=($(descendants "$pid")); done
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[$i]}"; done
    wait 2>/dev/null
    for pid in "${kids[@]}"; do
        kill -0 "$pid" 2>/dev/null || continue
        log "WARNING: child $pid of a server still running, killing it"
        stop_pid "$pid" KILL
    done
    PIDS=()
    for pid in $(ls /proc | grep -E '^[0-9]+$'); do
        [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
        if ours "$pid"; then
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round58.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
have openssl || die "openssl is missing"
# apps: Django/Hypercorn 59410 (nginx), FastAPI/Hypercorn 59411 (Apache),
# Django/uvicorn 59412 (HAProxy), Flask/waitress 59413 (Caddy), gin 59414
# (Varnish), FastAPI/Hypercorn 59415 (Squid). 59499 is never listened on
# (the dead upstream every front has).
APP_PORTS=(59410 59411 59412 59413 59414 59415)
FRONT_PORTS=(59480 59443 59481 59482 59445 59490 59450 59483 59444)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 59499; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: a self-signed cert for the HTTP/2 ports of nginx and Caddy --------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Ledgerly/CN=api.ledgerly.test" \
    -addext "subjectAltName=DNS:api.ledgerly.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
HYP=(env PYTHONPATH="$APPS" nice -n 5 "$VENV/bin/hypercorn")
WTR=(env PYTHONPATH="$APPS" nice -n 5 "$VENV/bin/waitress-serve" --threads=8)
start_bg django-hypercorn "${HYP[@]}" --bind 127.0.0.1:59410 django_app:asgi
start_bg fastapi "${HYP[@]}" --bind 127.0.0.1:59411 fastapi_app:app
start_bg django-uvicorn nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 59412 --no-access-log django_app:asgi
start_bg flask "${WTR[@]}" --listen=127.0.0.1:59413 flask_app:app
start_bg fastapi2 "${HYP[@]}" --bind 127.0.0.1:59415 fastapi_app:app
if have golang-go && have golang-github-gin-gonic-gin-dev; then
    # gin from Debian's Go sources, built in GOPATH mode (no module download)
    mkdir -p "$GO_DIR"
    GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$GO_DIR/cache" GOFLAGS= nice -n 15 timeout 300 \
        go build -o "$GO_DIR/ledgerly-gin" "$APPS/gin/main.go" >"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[gin]="go build failed (see logs/go-build.log)"
else
    SKIPPED[gin]="Go or Debian's gin sources missing"
fi
[[ -z ${SKIPPED[gin]:-} ]] && start_bg gin env GIN_MODE=release nice -n 5 "$GO_DIR/ledgerly-gin" 59414
for p in "${APP_PORTS[@]}"; do
    [[ $p == 59414 && -n ${SKIPPED[gin]:-} ]] && continue
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/www/docs
    : >"$RUN/nginx/www/empty-503"
    printf '<!doctype html><title>Ledgerly API docs</title><h1>Ledgerly API</h1>\n' >"$RUN/nginx/www/docs/index.html"
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 59480 nginx && wait_port 59443 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
    printf '{"error":"too_many_requests","message":"export quota for this key is used up today","retry_after":60}\n' >"$RUN/apache/errors/rate-limited.json"
    printf '{"error":"maintenance","message":"refunds are paused until the month-end close"}\n' >"$RUN/apache/errors/maintenance.json"
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 59481 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    cp "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
        start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
        wait_port 59482 haproxy && wait_port 59445 haproxy && UP[haproxy]=1
    else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:59490 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m -p feature=+http2
    wait_port 59490 varnish && UP[varnish]=1
fi
if have squid; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || true
    start_bg squid squid -N -n corpus58 -f "$RUN/squid/squid.conf"
    wait_port 59450 squid && UP[squid]=1
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
        caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 59483 caddy && wait_port 59444 caddy && UP[caddy]=1
fi
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 58 (held out): real responses captured by
# scripts/corpus/capture-round58.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-57:
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

H=api.ledgerly.test
NG=http://$H:59480 NGS=https://$H:59443 AP=http://$H:59481 HA=http://$H:59482 HA2=http://$H:59445
VN=http://$H:59490 SQ=http://$H:59450 CD=http://$H:59483 CDS=https://$H:59444
# one --resolve per front keeps the transcripts short
RNG="--resolve $H:59480:127.0.0.1" RNGS="--resolve $H:59443:127.0.0.1" RAP="--resolve $H:59481:127.0.0.1"
RHA="--resolve $H:59482:127.0.0.1" RHA2="--resolve $H:59445:127.0.0.1" RVN="--resolve $H:59490:127.0.0.1"
RSQ="--resolve $H:59450:127.0.0.1" RCD="--resolve $H:59483:127.0.0.1" RCDS="--resolve $H:59444:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
SMALLBODY='{"name":"scan.pdf","bytes":900}'
BIGBODY=$(printf '{"ref":"LG-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")

# ================================== nginx -> Django under Hypercorn ==
if up nginx; then
    log "capturing: Django under Hypercorn behind nginx"
    S=django-hypercorn-nginx
    cap $S django-200-invoice-nginx.txt 200 app django "invoice 1 through nginx" "X-Request-ID and Via from nginx" -- -sv $RNG $NG/api/invoices/1
    cap $S django-429-quota-nginx.txt 429 app django "the app's own JSON 429 (Retry-After), passed on" "twin of nginx-429-exports-json" -- -sv $RNG $NG/api/quota
    quiet $RNG $NG/api/exports/daily
    cap $S nginx-429-exports-json.txt 429 proxy nginx "limit_req on /api/exports/, the second request: nginx's own JSON 429 (error_page to a named location)" "twin of django-429-quota-nginx" -- -sv $RNG $NG/api/exports/daily
    cap $S django-503-maintenance-nginx.txt 503 app django "the app's own JSON 503 (maintenance)" "curl -si" -- -si $RNG $NG/api/maintenance
    cap $S nginx-503-refunds-json.txt 503 proxy nginx "/api/refunds/: nginx's return 503 with a JSON body" "curl -si" -- -si $RNG $NG/api/refunds/42
    cap $S django-503-drain-empty-nginx.txt 503 app django "the app's own 503 with no body" "twin of nginx-503-beta-empty" -- -sv $RNG $NG/api/drain
    cap $S nginx-503-beta-empty.txt 503 proxy nginx "/api/beta/: nginx's 503 with an empty error_page; only Server: names it" "" -- -sv $RNG $NG/api/beta/labels
    cap $S django-413-upload-nginx.txt 413 app django "a small upload: the app's own JSON 413" "curl -si" -- -si $RNG -X POST "${JSONH[@]}" -d "$SMALLBODY" $NG/api/upload
    cap $S nginx-413-upload-json.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's own JSON 413 (error_page to a named location)" "curl -si" -- -si $RNG -X POST "${JSONH[@]}" -d "$BIGBODY" $NG/api/upload
    capwin $S django-502-payments-html-nginx.txt 502 app django "the app's own HTML 502 page about its card processor" "curl -si pasted with CRLF" -- -si $RNG $NG/api/payments
    cap $S nginx-502-legacy.txt 502 proxy nginx "/legacy/ to a port nobody listens on: nginx's 502 page" "" -- -sv $RNG $NG/legacy/invoices/1
    cap $S django-504-bank-html-nginx.txt 504 app django "the app's own HTML 504 page about its bank feed" "curl -si" -- -si $RNG $NG/api/bank
    cap $S nginx-504-slow.txt 504 proxy nginx "the view sleeps 5 s, proxy_read_timeout 2s: nginx's 504 page" "" -- -sv $RNG $NG/api/slow
    cap $S django-404-invoice-nginx.txt 404 app django "an unknown invoice: the view's JSON 404" "curl -si" -- -si $RNG $NG/api/invoices/9
    cap $S nginx-404-unknown-host.txt 404 proxy nginx "the bare IP as Host: the default server's return 404" "curl -si" -- -si http://127.0.0.1:59480/api/invoices/1
    caphttp $S django-401-account-nginx-httpie.txt 401 app django "HTTPie, no token: the view's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59480/api/account Host:$H
    capwget $S nginx-503-refunds-json-wget.txt 503 proxy nginx "/api/refunds/: nginx's JSON 503" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59480/api/refunds/7
    cap $S django-429-quota-nginx-h2.txt 429 app django "HTTP/2 over TLS: the app's own JSON 429" "" -- -sv -k $RNGS $NGS/api/quota
    cap $S nginx-429-exports-json-h2.txt 429 proxy nginx "HTTP/2: limit_req, nginx's own JSON 429" "curl -si" -- -si -k $RNGS $NGS/api/exports/daily
    cap $S django-503-drain-empty-nginx-h2.txt 503 app django "HTTP/2: the app's empty 503" "" -- -sv -k $RNGS $NGS/api/drain
    cap $S nginx-503-beta-empty-h2.txt 503 proxy nginx "HTTP/2: nginx's empty 503" "curl -si" -- -si -k $RNGS $NGS/api/beta/labels
    capraw $S nginx-504-slow-h2.txt 504 proxy nginx "HTTP/2: the slow view, nginx's 504" "curl -si saved to a file (CRs kept)" -- -si -k $RNGS $NGS/api/slow
fi

# ================================ Apache -> FastAPI under Hypercorn ==
if up apache; then
    log "capturing: FastAPI under Hypercorn behind Apache"
    S=fastapi-hypercorn-apache
    cap $S fastapi-200-invoice-apache.txt 200 app fastapi "invoice 1 through Apache" "Via from ProxyVia, X-Request-Id from mod_unique_id" -- -sv $RAP $AP/api/invoices/1
    cap $S fastapi-429-quota-apache.txt 429 app fastapi "the app's own JSON 429, Via added" "curl -si" -- -si $RAP $AP/api/quota
    cap $S apache-429-exports-json.txt 429 proxy apache "/api/exports/: mod_rewrite R=429 with a JSON ErrorDocument" "" -- -sv $RAP $AP/api/exports/daily
    cap $S fastapi-503-maintenance-apache.txt 503 app fastapi "the app's own JSON 503 (maintenance), Via added" "" -- -sv $RAP $AP/api/maintenance
    capraw $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: mod_rewrite R=503 with a JSON ErrorDocument" "curl -si saved to a file (CRs kept)" -- -si $RAP $AP/api/refunds/42
    cap $S fastapi-503-drain-empty-apache.txt 503 app fastapi "the app's own 503 with no body, Via added" "curl -si" -- -si $RAP $AP/api/drain
    cap $S apache-503-legacy-down.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503 page" "" -- -sv $RAP $AP/legacy/invoices/1
    cap $S fastapi-503-statements-html-apache.txt 503 app fastapi "the app's own HTML 503 page about its statement renderer" "curl -si" -- -si $RAP $AP/api/statements
    cap $S fastapi-502-payments-html-apache.txt 502 app fastapi "the app's own HTML 502 page about its card processor" "" -- -sv $RAP $AP/api/payments
    cap $S apache-502-slow.txt 502 proxy apache "the handler sleeps 5 s, ProxyTimeout 2: Apache's 'Proxy Error' page" "curl -si" -- -si $RAP $AP/api/slow
    capwin $S fastapi-504-bank-html-apache.txt 504 app fastapi "the app's own HTML 504 page about its bank feed" "curl -si pasted with CRLF" -- -si $RAP $AP/api/bank
    cap $S fastapi-413-upload-apache.txt 413 app fastapi "a small upload: the app's own JSON 413" "" -- -sv $RAP -X POST "${JSONH[@]}" -d "$SMALLBODY" $AP/api/upload
    cap $S fastapi-403-admin-apache.txt 403 app fastapi "the handler's JSON 403" "curl -si" -- -si $RAP $AP/api/admin
    cap $S fastapi-404-invoice-apache.txt 404 app fastapi "an unknown invoice: the handler's JSON 404" "curl -si" -- -si $RAP $AP/api/invoices/9
    cap $S apache-404-unknown-host.txt 404 proxy apache "the bare IP as Host: the first virtual host, an empty folder: Apache's 404 page" "" -- -sv http://127.0.0.1:59481/api/invoices/1
    caphttp $S fastapi-503-maintenance-apache-httpie.txt 503 app fastapi "HTTPie: the app's own JSON 503" "HTTPie with colours" -- -v GET http://127.0.0.1:59481/api/maintenance Host:$H
    cap $S fastapi-429-quota-apache-h2c.txt 429 app fastapi "HTTP/2 (h2c): the app's own JSON 429" "" -- -sv --http2-prior-knowledge $RAP $AP/api/quota
    cap $S apache-429-exports-json-h2c.txt 429 proxy apache "HTTP/2 (h2c): Apache's JSON 429" "curl -si" -- -si --http2-prior-knowledge $RAP $AP/api/exports/daily
    cap $S fastapi-503-drain-empty-apache-h2c.txt 503 app fastapi "HTTP/2 (h2c): the app's empty 503" "" -- -sv --http2-prior-knowledge $RAP $AP/api/drain
    cap $S apache-503-legacy-down-h2c.txt 503 proxy apache "HTTP/2 (h2c): the dead /legacy/ upstream, Apache's 503 page" "curl -si" -- -si --http2-prior-knowledge $RAP $AP/legacy/invoices/2
fi

# ================================== HAProxy -> Django under uvicorn ==
if up haproxy; then
    log "capturing: Django under uvicorn behind HAProxy"
    S=django-uvicorn-haproxy
    cap $S django-200-invoice-haproxy.txt 200 app django "invoice 1 through HAProxy" "X-Request-ID and Via set by http-after-response" -- -sv $RHA $HA/api/invoices/1
    cap $S django-429-quota-haproxy.txt 429 app django "the app's own JSON 429" "curl -si" -- -si $RHA $HA/api/quota
    cap $S haproxy-429-exports-json.txt 429 load-balancer haproxy "/api/exports/: http-request return with a JSON 429" "" -- -sv $RHA $HA/api/exports/daily
    cap $S django-503-maintenance-haproxy.txt 503 app django "the app's own JSON 503 (maintenance)" "" -- -sv $RHA $HA/api/maintenance
    capraw $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: http-request return with a JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RHA $HA/api/refunds/42
    cap $S django-503-drain-empty-haproxy.txt 503 app django "the app's own 503 with no body" "curl -si" -- -si $RHA $HA/api/drain
    cap $S haproxy-503-beta-empty.txt 503 load-balancer haproxy "/api/beta/: http-request return status 503 with no body" "" -- -sv $RHA $HA/api/beta/labels
    capwin $S haproxy-503-legacy-down.txt 503 load-balancer haproxy "/legacy/: the only server is down by its check: 'No server is available'" "curl -si pasted with CRLF" -- -si $RHA $HA/legacy/invoices/1
    cap $S django-503-statements-html-haproxy.txt 503 app django "the app's own HTML 503 page about its statement renderer" "curl -si" -- -si $RHA $HA/api/statements
    cap $S django-504-bank-html-haproxy.txt 504 app django "the app's own HTML 504 page about its bank feed" "" -- -sv $RHA $HA/api/bank
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "the view sleeps 5 s, timeout server 2s: HAProxy's 504 page" "curl -si" -- -si $RHA $HA/api/slow
    cap $S django-413-upload-haproxy.txt 413 app django "a small upload: the app's own JSON 413" "" -- -sv $RHA -X POST "${JSONH[@]}" -d "$SMALLBODY" $HA/api/upload
    cap $S haproxy-413-upload-json.txt 413 load-balancer haproxy "a 3 KB body: http-request return with a JSON 413 (req.body_size over 1024)" "curl -si" -- -si $RHA -X POST "${JSONH[@]}" -d "$BIGBODY" $HA/api/upload
    cap $S django-403-admin-haproxy.txt 403 app django "the view's JSON 403" "" -- -sv $RHA $HA/api/admin
    capwget $S haproxy-403-internal-wget.txt 403 load-balancer haproxy "/internal/: http-request deny, the stock 403 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59482/internal/metrics
    caphttp $S django-401-account-haproxy-httpie.txt 401 app django "HTTPie, no token: the view's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59482/api/account Host:$H
    cap $S django-429-quota-haproxy-h2c.txt 429 app django "HTTP/2 (h2c): the app's own JSON 429" "" -- -sv --http2-prior-knowledge $RHA2 $HA2/api/quota
    cap $S haproxy-429-exports-json-h2c.txt 429 load-balancer haproxy "HTTP/2 (h2c): HAProxy's JSON 429" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/exports/daily
    cap $S django-503-drain-empty-haproxy-h2c.txt 503 app django "HTTP/2 (h2c): the app's empty 503" "" -- -sv --http2-prior-knowledge $RHA2 $HA2/api/drain
    cap $S haproxy-503-beta-empty-h2c.txt 503 load-balancer haproxy "HTTP/2 (h2c): HAProxy's empty 503" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/beta/labels
fi

# ===================================== Caddy -> Flask under waitress ==
if up caddy; then
    log "capturing: Flask under waitress behind Caddy"
    S=flask-waitress-caddy
    cap $S flask-200-invoice-caddy.txt 200 app flask "invoice 1 through Caddy" "X-Request-ID and Via from Caddy" -- -sv $RCD $CD/api/invoices/1
    cap $S flask-429-quota-caddy.txt 429 app flask "the app's own JSON 429" "curl -si" -- -si $RCD $CD/api/quota
    cap $S caddy-429-exports-json.txt 429 proxy caddy "/api/exports/*: Caddy's respond with a JSON 429" "" -- -sv $RCD $CD/api/exports/daily
    cap $S flask-503-maintenance-caddy.txt 503 app flask "the app's own JSON 503 (maintenance)" "" -- -sv $RCD $CD/api/maintenance
    capraw $S caddy-503-refunds-json.txt 503 proxy caddy "/api/refunds/*: Caddy's respond with a JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RCD $CD/api/refunds/42
    cap $S flask-503-drain-empty-caddy.txt 503 app flask "the app's own 503 with no body" "curl -si" -- -si $RCD $CD/api/drain
    cap $S caddy-503-beta-empty.txt 503 proxy caddy "/api/beta/*: Caddy's respond 503, no body" "" -- -sv $RCD $CD/api/beta/labels
    cap $S flask-502-payments-html-caddy.txt 502 app flask "the app's own HTML 502 page about its card processor" "curl -si" -- -si $RCD $CD/api/payments
    capwin $S caddy-502-legacy-empty.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, empty body" "curl -si pasted with CRLF" -- -si $RCD $CD/legacy/invoices/1
    cap $S flask-504-bank-html-caddy.txt 504 app flask "the app's own HTML 504 page about its bank feed" "" -- -sv $RCD $CD/api/bank
    cap $S caddy-504-slow-empty.txt 504 proxy caddy "the view sleeps 5 s, response_header_timeout 2s: Caddy's 504, empty body" "curl -si" -- -si $RCD $CD/api/slow
    cap $S flask-413-upload-caddy.txt 413 app flask "a small upload: the app's own JSON 413" "" -- -sv $RCD -X POST "${JSONH[@]}" -d "$SMALLBODY" $CD/api/upload
    cap $S flask-403-admin-caddy.txt 403 app flask "the view's JSON 403" "curl -si" -- -si $RCD $CD/api/admin
    caphttp $S flask-401-account-caddy-httpie.txt 401 app flask "HTTPie, no token: the view's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59483/api/account Host:$H:59483
    cap $S flask-429-quota-caddy-h2.txt 429 app flask "HTTP/2 over TLS: the app's own JSON 429" "" -- -sv -k $RCDS $CDS/api/quota
    cap $S caddy-429-exports-json-h2.txt 429 proxy caddy "HTTP/2: Caddy's JSON 429" "curl -si" -- -si -k $RCDS $CDS/api/exports/daily
    cap $S flask-503-drain-empty-caddy-h2.txt 503 app flask "HTTP/2: the app's empty 503" "" -- -sv -k $RCDS $CDS/api/drain
    cap $S caddy-503-beta-empty-h2.txt 503 proxy caddy "HTTP/2: Caddy's empty 503" "curl -si" -- -si -k $RCDS $CDS/api/beta/labels
    capraw $S caddy-504-slow-empty-h2.txt 504 proxy caddy "HTTP/2: the slow view, Caddy's empty 504" "curl -si saved to a file (CRs kept)" -- -si -k $RCDS $CDS/api/slow
fi

# ======================================================= Varnish -> gin ==
if up varnish && [[ -z ${SKIPPED[gin]:-} ]]; then
    log "capturing: gin behind Varnish"
    S=gin-varnish
    cap $S gin-200-invoice-varnish-miss.txt 200 app gin "invoice 1, first request: a MISS" "X-Cache: MISS, Via and X-Request-ID from Varnish" -- -sv $RVN $VN/api/invoices/1
    cap $S varnish-200-invoice-hit.txt 200 cdn-cache varnish "invoice 1 again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $RVN $VN/api/invoices/1
    cap $S gin-429-quota-varnish.txt 429 app gin "the app's own JSON 429 (not cached)" "curl -si" -- -si $RVN $VN/api/quota
    cap $S varnish-429-exports-synth.txt 429 cdn-cache varnish "/api/exports/: synth(429) with a JSON body" "" -- -sv $RVN $VN/api/exports/daily
    cap $S gin-503-maintenance-varnish.txt 503 app gin "the app's own JSON 503 (maintenance)" "" -- -sv $RVN $VN/api/maintenance
    capraw $S varnish-503-refunds-synth.txt 503 cdn-cache varnish "/api/refunds/: synth(503) with a JSON body" "curl -si saved to a file (CRs kept)" -- -si $RVN $VN/api/refunds/42
    cap $S gin-503-drain-empty-varnish.txt 503 app gin "the app's own 503 with no body" "curl -si" -- -si $RVN $VN/api/drain
    cap $S varnish-503-beta-empty.txt 503 cdn-cache varnish "/api/beta/: a synth 503 delivered with no body" "" -- -sv $RVN $VN/api/beta/labels
    cap $S gin-503-statements-html-varnish.txt 503 app gin "the app's own HTML 503 page about its statement renderer" "" -- -sv $RVN $VN/api/statements
    capwin $S varnish-503-legacy-down.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed'" "curl -si pasted with CRLF" -- -si $RVN $VN/legacy/invoices/1
    cap $S gin-504-bank-html-varnish.txt 504 app gin "the app's own HTML 504 page about its bank feed" "curl -si" -- -si $RVN $VN/api/bank
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the handler sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "" -- -sv $RVN $VN/api/slow
    cap $S gin-413-upload-varnish.txt 413 app gin "a small upload (POST, passed): the app's own JSON 413" "" -- -sv $RVN -X POST "${JSONH[@]}" -d "$SMALLBODY" $VN/api/upload
    cap $S gin-404-invoice-varnish.txt 404 app gin "an unknown invoice: the handler's JSON 404" "curl -si" -- -si $RVN $VN/api/invoices/9
    capwget $S varnish-404-unknown-host-wget.txt 404 cdn-cache varnish "a Host that is not ours: synth(404), the builtin synth page" "wget -S -O-" -- --header="Host: shop.ledgerly.test" http://127.0.0.1:59490/api/invoices/1
    caphttp $S gin-401-account-varnish-httpie.txt 401 app gin "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59490/api/account Host:$H
    cap $S gin-429-quota-varnish-h2c.txt 429 app gin "HTTP/2 (h2c): the app's own JSON 429" "" -- -sv --http2-prior-knowledge $RVN $VN/api/quota
    cap $S varnish-429-exports-synth-h2c.txt 429 cdn-cache varnish "HTTP/2 (h2c): synth(429) with a JSON body" "curl -si" -- -si --http2-prior-knowledge $RVN $VN/api/exports/daily
    cap $S gin-503-drain-empty-varnish-h2c.txt 503 app gin "HTTP/2 (h2c): the app's empty 503" "" -- -sv --http2-prior-knowledge $RVN $VN/api/drain
    cap $S varnish-503-beta-empty-h2c.txt 503 cdn-cache varnish "HTTP/2 (h2c): the synth 503 with no body" "curl -si" -- -si --http2-prior-knowledge $RVN $VN/api/beta/labels
fi

# ==================================== Squid -> FastAPI under Hypercorn ==
if up squid; then
    log "capturing: FastAPI under Hypercorn behind Squid"
    S=fastapi-hypercorn-squid
    cap $S fastapi-200-invoice-squid.txt 200 app fastapi "invoice 1 through Squid" "Via, X-Cache, Squid's request id" -- -sv $RSQ $SQ/api/invoices/1
    cap $S fastapi-429-quota-squid.txt 429 app fastapi "the app's own JSON 429, Via from Squid" "curl -si" -- -si $RSQ $SQ/api/quota
    cap $S fastapi-503-maintenance-squid.txt 503 app fastapi "the app's own JSON 503 (maintenance)" "" -- -sv $RSQ $SQ/api/maintenance
    cap $S fastapi-503-drain-empty-squid.txt 503 app fastapi "the app's own 503 with no body" "curl -si" -- -si $RSQ $SQ/api/drain
    cap $S fastapi-502-payments-html-squid.txt 502 app fastapi "the app's own HTML 502 page about its card processor" "" -- -sv $RSQ $SQ/api/payments
    capwin $S squid-502-legacy-down.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page" "curl -si pasted with CRLF" -- -si $RSQ $SQ/legacy/invoices/1
    cap $S fastapi-504-bank-html-squid.txt 504 app fastapi "the app's own HTML 504 page about its bank feed" "curl -si" -- -si $RSQ $SQ/api/bank
    cap $S squid-504-slow.txt 504 cdn-cache squid "the handler sleeps 5 s, read_timeout 2 seconds: ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/slow
    cap $S fastapi-413-upload-squid.txt 413 app fastapi "a small upload: the app's own JSON 413" "" -- -sv $RSQ -X POST "${JSONH[@]}" -d "$SMALLBODY" $SQ/api/upload
    cap $S squid-413-body.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" -d "$BIGBODY" $SQ/api/upload
    cap $S fastapi-403-admin-squid.txt 403 app fastapi "the handler's JSON 403" "" -- -sv $RSQ $SQ/api/admin
    capraw $S squid-403-internal.txt 403 cdn-cache squid "/internal/ denied: ERR_ACCESS_DENIED" "curl -si saved to a file (CRs kept)" -- -si $RSQ $SQ/internal/metrics
    capwget $S squid-403-unknown-host-wget.txt 403 cdn-cache squid "a Host that is not ours: ERR_ACCESS_DENIED" "wget -S -O-" -- --header="Host: shop.ledgerly.test" http://127.0.0.1:59450/api/invoices/1
    caphttp $S fastapi-401-account-squid-httpie.txt 401 app fastapi "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59450/api/account Host:$H
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-413-upload-json.txt 0/413 proxy nginx "nginx's own JSON 413" "no number" -- $RNG -X POST "${JSONH[@]}" -d "$BIGBODY" $NG/api/upload
up nginx && capbody $S body-django-413-upload.txt 0/413 app django "the app's own JSON 413 through nginx" "no number" -- $RNG -X POST "${JSONH[@]}" -d "$SMALLBODY" $NG/api/upload
up nginx && capbody $S body-nginx-504-slow.txt 504/504 proxy nginx "nginx's 504 page" "" -- $RNG $NG/api/slow
up nginx && capbody $S body-django-504-bank-html.txt 504/504 app django "the app's own HTML 504 page (its title says 504)" "" -- $RNG $NG/api/bank
up haproxy && capbody $S body-haproxy-413-upload-json.txt 0/413 load-balancer haproxy "HAProxy's JSON 413" "no number" -- $RHA -X POST "${JSONH[@]}" -d "$BIGBODY" $HA/api/upload
up haproxy && capbody $S body-django-503-maintenance.txt 0/503 app django "the app's own JSON 503 through HAProxy" "no number" -- $RHA $HA/api/maintenance
up caddy && capbody $S body-caddy-429-exports-json.txt 0/429 proxy caddy "Caddy's respond JSON 429" "no number" -- $RCD $CD/api/exports/weekly
up caddy && capbody $S body-flask-429-quota.txt 0/429 app flask "the app's own JSON 429 through Caddy" "no number" -- $RCD $CD/api/quota
up apache && capbody $S body-apache-503-legacy.txt 503/503 proxy apache "Apache's 503 page (its title says 503)" "" -- $RAP $AP/legacy/invoices/3
up apache && capbody $S body-fastapi-503-statements-html.txt 503/503 app fastapi "the app's own HTML 503 page (its title says 503)" "" -- $RAP $AP/api/statements
up varnish && capbody $S body-varnish-503-refunds-synth.txt 0/503 cdn-cache varnish "Varnish's synth JSON 503" "no number" -- $RVN $VN/api/refunds/9
up varnish && [[ -z ${SKIPPED[gin]:-} ]] && capbody $S body-gin-503-maintenance.txt 0/503 app gin "the app's own JSON 503 through Varnish" "no number" -- $RVN $VN/api/maintenance

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-503-beta-empty.txt 503 proxy nginx "curl -sI on /api/beta/: nginx's own 503" "" -- $RNG $NG/api/beta/labels
up nginx && caphead $S head-django-503-drain-nginx.txt 503 app django "curl -sI on /api/drain through nginx: the app's 503" "" -- $RNG $NG/api/drain
up haproxy && caphead $S head-haproxy-503-beta-empty.txt 503 load-balancer haproxy "curl -sI on /api/beta/: HAProxy's own 503" "" -- $RHA $HA/api/beta/labels
up haproxy && caphead $S head-django-503-drain-haproxy.txt 503 app django "curl -sI on /api/drain through HAProxy: the app's 503" "" -- $RHA $HA/api/drain
up haproxy && caphead $S head-haproxy-429-exports.txt 429 load-balancer haproxy "curl -sI on /api/exports/: HAProxy's own 429" "" -- $RHA $HA/api/exports/daily
up haproxy && caphead $S head-django-429-quota-haproxy.txt 429 app django "curl -sI on /api/quota through HAProxy: the app's 429" "" -- $RHA $HA/api/quota
up caddy && caphead $S head-caddy-503-beta-empty.txt 503 proxy caddy "curl -sI on /api/beta/: Caddy's own 503" "" -- $RCD $CD/api/beta/labels
up caddy && caphead $S head-flask-503-drain-caddy.txt 503 app flask "curl -sI on /api/drain through Caddy: the app's 503" "" -- $RCD $CD/api/drain

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round58/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
