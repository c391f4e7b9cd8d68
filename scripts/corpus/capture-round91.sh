#!/usr/bin/env bash
# capture-round91.sh — build the ninety-first held-out evidence corpus in
# tests/fixtures/evidence-round91/.
#
# "Mainstream apps with their own error handlers customised, behind the
# fronts": six front + app pairings where each app team customised its
# framework's error handling (apps in scripts/corpus/apps91/, front configs in
# scripts/corpus/conf-round91/):
#   - nginx -> Sinatra on Puma (`error` / `not_found` blocks, JSON);
#   - Apache mod_proxy_http -> FastAPI on uvicorn (exception handlers: HTML
#     for the app's own 502/503/504, JSON for the rest);
#   - Caddy -> Express (error middleware: JSON 4xx, branded HTML 5xx);
#   - HAProxy -> Fastify (setErrorHandler / setNotFoundHandler, RFC 9457
#     problem+json);
#   - Varnish -> Flask on gunicorn (@app.errorhandler JSON 404/405/500, an
#     HTML maintenance page);
#   - Squid (accelerator) -> Django + DRF on gunicorn (DEBUG=False, custom
#     404.html / 500.html, a custom DRF EXCEPTION_HANDLER).
# Captured: the apps' customised pages and JSON (2xx, 4xx, 5xx including
# their own 502/503/504), the fronts' own stock errors (app stopped, slow,
# limits, unrouted paths), front-added request ids, cache HITs and 304s,
# headers-only and body-only pastes. Plain HTTP/1.1 between client and front.
#
#   scripts/corpus/capture-round91.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round91.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round91.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 57000-57499), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped); every
# curl, HTTPie and wget request runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round91.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round91"
RUN=/tmp/api-triage-corpus91-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round91"
APPS91="$HERE/apps91"
APPS75="$HERE/apps75"
NODE_DIR=${CORPUS_NODE91:-/tmp/api-triage-corpus91-node}
GO_DIR=/nonexistent-round91-no-go
VENV=${CORPUS_VENV91:-/tmp/api-triage-corpus91-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 gunicorn==27.0.1 django==5.2.19 djangorestframework==3.18.3 fastapi==0.165.0 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus91 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx caddy haproxy varnish squid python3-venv nodejs puma ruby-sinatra)
declare -A SKIPPED=()
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
install_packages() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
    ((${#missing[@]})) || return 0
    if [[ ${CORPUS_SKIP_INSTALL:-0} == 1 || $(id -u) != 0 ]]; then
        for p in "${missing[@]}"; do SKIPPED[$p]="not installed"; done
        return
    fi
    log "apt-get install ${missing[*]}"
    apt-get update -qq >"$RUN/logs/apt-update.log" 2>&1 || true
    DEBIAN_FRONTEND=noninteractive nice -n 15 timeout 900 apt-get install -y -q --no-install-recommends "${missing[@]}" \
        >"$RUN/logs/apt-install.log" 2>&1 || for p in "${missing[@]}"; do SKIPPED[$p]="apt-get install failed"; done
}
install_venv() {  # a copy of round 90's venv plus Django REST framework, from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, flask, django, rest_framework, fastapi, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
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

ours() {  # a process of this corpus: started with our files or from our run dir
    local cmd
    [[ -r /proc/$1/cmdline ]] || return 1
    cmd=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
    [[ $cmd == *"$RUN/"* || $cmd == *"$APPS91/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GO_DIR/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
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
# ours_sockets: the listening sockets held by a process this script started
# (another helper may start its own servers in its own port range meanwhile;
# only ours are checked against 127.0.0.1 and 57000-57499) (round 76's check)
ours_sockets() {
    local line pid
    ss -ltunpH 2>/dev/null | while read -r line; do
        for pid in $(grep -o 'pid=[0-9]*' <<<"$line" | cut -d= -f2); do
            if ours "$pid"; then awk '{print $1, $5}' <<<"$line"; break; fi
        done
    done | sort -u
}

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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round91.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
# The transcript shows `https` (TLS fronts) or, with HTTPIE_CMD=http, `http`.
caphttp() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    [[ -x $HTTPIE ]] || return 0
    cmdline "${HTTPIE_CMD:-https}" "$@" >"$dest"
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
[[ -d $CONF && -d $APPS91 && -d $APPS75 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,flags,www}
chmod 755 "$RUN" "$RUN/www"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
for p in nginx apache2 caddy haproxy varnish squid nodejs puma ruby-sinatra; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
[[ -d $NODE_DIR/node_modules/express && -d $NODE_DIR/node_modules/fastify ]] || die "Express/Fastify missing from $NODE_DIR (copy round 90's node folder there)"

# fronts 57101-57106: nginx, Apache, Caddy, HAProxy, Varnish, Squid; apps 57111-57116
# behind them (Sinatra, FastAPI, Express, Fastify, Flask, Django); the apps'
# dependencies: 57498 (nobody listens: refused), 57497 (apps75/deps.py sleeper).
TCP_PORTS=(57101 57102 57103 57104 57105 57106 57111 57112 57113 57114 57115 57116 57497 57498)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

start_bg sleeper nice -n 5 "$PY" "$APPS75/deps.py" sleeper 57497
wait_port 57497 sleeper || die "the sleeper did not start"

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
for a in sinatra fastapi express fastify flask django; do mkdir -p "$RUN/flags/$a"; done
appenv() { echo env FLAG_DIR="$RUN/flags/$1" DEP_DOWN=127.0.0.1:57498 DEP_SLOW=127.0.0.1:57497; }
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    sinatra) start_bg sinatra $(appenv sinatra) RACK_ENV=production nice -n 5 puma -e production -t 1:4 \
        -b tcp://127.0.0.1:57111 "$APPS91/sinatra.ru"; wait_port 57111 sinatra ;;
    fastapi) start_bg fastapi $(appenv fastapi) nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS91" fastapi_app:app \
        --host 127.0.0.1 --port 57112 --no-access-log; wait_port 57112 fastapi ;;
    express) start_bg express $(appenv express) "${NODEENV[@]}" "$APPS91/express_app.js" 57113; wait_port 57113 express ;;
    fastify) start_bg fastify $(appenv fastify) "${NODEENV[@]}" "$APPS91/fastify_app.js" 57114; wait_port 57114 fastify ;;
    flask) start_bg flask $(appenv flask) nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:57115 --workers 2 \
        --chdir "$APPS91" --worker-tmp-dir "$RUN/work" flask_app:app; wait_port 57115 flask ;;
    django) start_bg django $(appenv django) nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:57116 --workers 2 \
        --chdir "$APPS91" --worker-tmp-dir "$RUN/work" django_app:application; wait_port 57116 django ;;
    esac
}
stop_app() { stop_name "$1" TERM; sleep 0.3; }   # the app stopped (a deploy, a crash): nobody listens on its port
for a in sinatra fastapi express fastify flask django; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
mkdir -p "$RUN/nginx/tmp"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 57101 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/apache
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
printf 'ops:%s\n' "$(openssl passwd -apr1 s3cret-ops)" >"$RUN/apache/htpasswd"
chmod 644 "$RUN/apache/htpasswd"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 57102 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
HASH=$(timeout 30 caddy hash-password --plaintext s3cret-ops 2>/dev/null)
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s|@HASH@|$HASH|"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 57103 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 57104 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/larch.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:57105 -T none -f "$RUN/varnish/larch.vcl" -n "$RUN/varnish/larch" -s malloc,16m
wait_port 57105 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus91 -f "$RUN/squid/squid.conf"
wait_port 57106 squid && UP[squid]=1
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 57000 || p > 57499) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 57000-57499: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 91 (held out): real responses captured by
# scripts/corpus/capture-round91.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-90:
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

JSONH=(-H 'Content-Type: application/json')
BIGBODY=$(head -c 2048 /dev/zero | tr '\0' 'x')
BIG=(-X POST "${JSONH[@]}" -d "{\"note\":\"$BIGBODY\"}")
BADJSON=(-X POST "${JSONH[@]}" -d '{"sku": "LA-7",')
NOSKU=(-X POST "${JSONH[@]}" -d '{"qty": 2}')
LONGH=$(head -c 1500 /dev/zero | tr '\0' 'c')

# ============================================= nginx -> Sinatra on Puma ==
if up nginx; then
    log "capturing: Sinatra on Puma behind nginx"
    S=sinatra-puma-nginx-r91
    H=api.hawthorn.test N=http://api.hawthorn.test:57101 RN="--resolve api.hawthorn.test:57101:127.0.0.1"
    cap $S sinatra-200-order-nginx.txt 200 app sinatra "order 1" "curl -sv; X-Request-ID from nginx" -- -sv $RN $N/api/orders/1
    capcut $S sinatra-404-order-nginx.txt 404 app sinatra "order 999: the route halts 404, the team's not_found block writes the JSON" "curl -si, body cut off after the headers" -- -si $RN $N/api/orders/999
    cap $S sinatra-404-unknown-route-nginx.txt 404 app sinatra "a path no route matches: the team's not_found block (JSON)" "curl -si" -- -si $RN $N/api/ordrs
    cap $S sinatra-400-malformed-json-nginx.txt 400 app sinatra "a malformed JSON body: the team's 'error JSON::ParserError' block (JSON 400)" "curl -sv" -- -sv $RN "${BADJSON[@]}" $N/api/orders
    cap $S sinatra-422-missing-sku-nginx.txt 422 app sinatra "an order without sku: the handler's JSON 422" "curl -si" -- -si $RN "${NOSKU[@]}" $N/api/orders
    capraw $S sinatra-500-cart-coupon-nginx.txt 500 app sinatra "a coupon makes the cart raise KeyError: the team's 'error 500' block (JSON with a ticket)" "curl -si saved to a file (CRs kept)" -- -si $RN "$N/api/cart?coupon=SPRING"
    cap $S sinatra-502-inventory-dep-refused-nginx.txt 502 app sinatra "the inventory service refuses: the app's own JSON 502, passed on" "curl -sv" -- -sv $RN $N/api/inventory
    capwin $S sinatra-503-payments-dep-down-nginx.txt 503 app sinatra "the payment provider is down: the app's own JSON 503 with Retry-After" "curl -si pasted with CRLF" -- -si $RN $N/api/payments
    caplt $S sinatra-504-quotes-dep-timeout-nginx.txt 504 app sinatra "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -sv, only the < lines kept" -- -sv $RN $N/api/quotes
    capbody body-only-paste body-sinatra-503-payments-dep-down.txt 503/503 app sinatra "the app's JSON 503, its status field shows 503" "" -- $RN "$N/api/payments?from=dashboard"
    # nginx's own answers
    cap $S nginx-413-body-too-large-sinatra.txt 413 proxy nginx "a 2 KB order note: client_max_body_size 1k, nginx's 413" "curl -sv" -- -sv $RN "${BIG[@]}" $N/api/orders
    cap $S nginx-404-unrouted-path-sinatra.txt 404 proxy nginx "/status: not routed to the app (location / { return 404; }), nginx's stock 404" "curl -si" -- -si $RN $N/status
    cap $S sinatra-404-login-first-nginx.txt 404 app sinatra "/api/login, the first within the minute (limit_req lets it through): no such route, the not_found block" "curl -si" -- -si $RN $N/api/login
    cap $S nginx-429-login-rate-limited-sinatra.txt 429 proxy nginx "/api/login again within the minute: limit_req (1 r/m, nodelay, limit_req_status 429), nginx's 429" "curl -sv" -- -sv $RN $N/api/login
    cap $S nginx-504-report-slow-sinatra.txt 504 proxy nginx "/api/report takes 6 s: proxy_read_timeout 3s, nginx's 504" "curl -sv" -- -sv $RN $N/api/report
    capbody body-only-paste body-nginx-504-report-slow.txt 504/504 proxy nginx "nginx's stock 504 page, its title shows 504" "" -- $RN "$N/api/report?from=dashboard"
    stop_app sinatra
    cap $S nginx-502-puma-stopped.txt 502 proxy nginx "Puma stopped: connection refused, nginx's 502" "curl -sv" -- -sv $RN $N/api/orders/1
    caphead headers-only-paste head-nginx-502-puma-stopped.txt 502 proxy nginx "curl -sI while Puma is stopped" "" -- $RN $N/api/cart
    capbody body-only-paste body-nginx-502-puma-stopped.txt 502/502 proxy nginx "nginx's stock 502 page, its title shows 502" "" -- $RN "$N/api/cart"
    start_app sinatra || die "sinatra did not come back"
    capwget $S sinatra-200-order-after-restart-wget.txt 200 app sinatra "Puma started again: order 1" "wget -S -O-" -- --header="Host: $H:57101" http://127.0.0.1:57101/api/orders/1
    HTTPIE_CMD=http caphttp $S sinatra-200-healthz-nginx-httpie.txt 200 app sinatra "/healthz" "HTTPie with colours" -- -v GET http://127.0.0.1:57101/healthz Host:$H:57101
fi

# ============================== Apache mod_proxy_http -> FastAPI on uvicorn ==
if up apache; then
    log "capturing: FastAPI on uvicorn behind Apache"
    S=fastapi-uvicorn-apache-r91
    H=api.aspen.test AP=http://api.aspen.test:57102 RA="--resolve api.aspen.test:57102:127.0.0.1"
    cap $S fastapi-200-order-apache.txt 200 app fastapi "order 1" "curl -sv; X-Request-Id from Apache" -- -sv $RA $AP/api/orders/1
    cap $S fastapi-404-order-apache.txt 404 app fastapi "order 999: HTTPException(404) through the team's handler (JSON {error})" "curl -si" -- -si $RA $AP/api/orders/999
    caplt $S fastapi-404-unknown-route-apache.txt 404 app fastapi "a path no route matches: Starlette's 404 through the team's handler (JSON)" "curl -sv, only the < lines kept" -- -sv $RA $AP/api/ordrs
    cap $S fastapi-422-missing-sku-apache.txt 422 app fastapi "an order without sku: the team's RequestValidationError handler (JSON 422)" "curl -si" -- -si $RA "${NOSKU[@]}" $AP/api/orders
    cap $S fastapi-422-malformed-json-apache.txt 422 app fastapi "a malformed JSON body: FastAPI raises RequestValidationError, the team's handler (JSON 422)" "curl -sv" -- -sv $RA "${BADJSON[@]}" $AP/api/orders
    cap $S fastapi-405-delete-order-apache.txt 405 app fastapi "DELETE on order 1: Starlette's 405 through the team's handler (JSON)" "curl -si" -- -si $RA -X DELETE $AP/api/orders/1
    cap $S fastapi-500-cart-coupon-apache.txt 500 app fastapi "a coupon makes the cart raise KeyError: the team's Exception handler (JSON 500)" "curl -sv" -- -sv $RA "$AP/api/cart?coupon=SPRING"
    cap $S fastapi-502-inventory-dep-refused-apache.txt 502 app fastapi "the inventory service refuses: HTTPException(502) rendered by the team's handler as an HTML page" "curl -sv" -- -sv $RA $AP/api/inventory
    capraw $S fastapi-503-payments-dep-down-apache.txt 503 app fastapi "the payment provider is down: HTTPException(503, Retry-After) as the team's HTML page" "curl -si saved to a file (CRs kept)" -- -si $RA $AP/api/payments
    capcut $S fastapi-504-quotes-dep-timeout-apache.txt 504 app fastapi "the pricing service never answers: HTTPException(504) as the team's HTML page" "curl -si, body cut off after the headers" -- -si $RA $AP/api/quotes
    capbody body-only-paste body-fastapi-503-payments-html.txt 0/503 app fastapi "the team's HTML 503 page ('Temporarily unavailable', no number)" "" -- $RA "$AP/api/payments?from=dashboard"
    capbody body-only-paste body-fastapi-502-inventory-html.txt 0/502 app fastapi "the team's HTML 502 page ('A service we depend on is unreachable', no number)" "" -- $RA "$AP/api/inventory?from=dashboard"
    # Apache's own answers
    cap $S apache-404-unrouted-path-fastapi.txt 404 proxy apache "/status: not proxied, Apache's own 404 from an empty DocumentRoot" "curl -si" -- -si $RA $AP/status
    cap $S apache-400-header-too-large-fastapi.txt 400 proxy apache "a 1.5 KB X-Debug header: LimitRequestFieldSize 1024, Apache's 400" "curl -sv" -- -sv $RA -H "X-Debug: $LONGH" $AP/api/orders/1
    cap $S apache-401-admin-basic-auth-fastapi.txt 401 identity apache "/api/admin/ without credentials: AuthType Basic, Apache's 401" "curl -sv" -- -sv $RA $AP/api/admin/users
    capwin $S apache-401-admin-wrong-password-fastapi.txt 401 identity apache "/api/admin/ with a wrong password: Apache's 401" "curl -si pasted with CRLF" -- -si $RA -u ops:wrong $AP/api/admin/users
    cap $S fastapi-404-admin-authenticated-apache.txt 404 app fastapi "/api/admin/ with the right password: passed to FastAPI, which has no such route (JSON 404)" "curl -si" -- -si $RA -u ops:s3cret-ops $AP/api/admin/users
    # run 1 labelled this 504; Apache answers a read timeout with its 502 "Proxy Error" (README)
    cap $S apache-502-report-slow-proxy-timeout-fastapi.txt 502 proxy apache "/api/report takes 6 s: ProxyTimeout 3, Apache's 502 Proxy Error (Error reading from remote server)" "curl -sv" -- -sv $RA $AP/api/report
    stop_app fastapi
    cap $S apache-503-uvicorn-stopped.txt 503 proxy apache "uvicorn stopped: connection refused (retry=0), Apache's 503" "curl -sv" -- -sv $RA $AP/api/orders/1
    caphead headers-only-paste head-apache-503-uvicorn-stopped.txt 503 proxy apache "curl -sI while uvicorn is stopped" "" -- $RA $AP/api/cart
    capbody body-only-paste body-apache-503-uvicorn-stopped.txt 503/503 proxy apache "Apache's stock 503 page, its title shows 503" "" -- $RA "$AP/api/cart"
    start_app fastapi || die "fastapi did not come back"
    capwget $S fastapi-200-order-after-restart-wget.txt 200 app fastapi "uvicorn started again: order 1" "wget -S -O-" -- --header="Host: $H:57102" http://127.0.0.1:57102/api/orders/1
    HTTPIE_CMD=http caphttp $S fastapi-200-healthz-apache-httpie.txt 200 app fastapi "/healthz" "HTTPie with colours" -- -v GET http://127.0.0.1:57102/healthz Host:$H:57102
fi

# ================================================== Caddy -> Express ==
if up caddy; then
    log "capturing: Express behind Caddy"
    S=express-caddy-r91
    H=api.rowan.test C=http://api.rowan.test:57103 RC="--resolve api.rowan.test:57103:127.0.0.1"
    cap $S express-200-order-caddy.txt 200 app express "order 1" "curl -sv; X-Request-ID from Caddy" -- -sv $RC $C/api/orders/1
    capcut $S express-404-order-caddy.txt 404 app express "order 999: next(err) with status 404, the team's error middleware (JSON)" "curl -si, body cut off after the headers" -- -si $RC $C/api/orders/999
    cap $S express-404-unknown-route-caddy.txt 404 app express "a path no route matches: the team's catch-all 404 (JSON)" "curl -si" -- -si $RC $C/api/ordrs
    cap $S express-422-missing-sku-caddy.txt 422 app express "an order without sku: the team's middleware (JSON 422)" "curl -si" -- -si $RC "${NOSKU[@]}" $C/api/orders
    cap $S express-400-malformed-json-caddy.txt 400 app express "a malformed JSON body: body-parser's 400 through the team's middleware (JSON)" "curl -sv" -- -sv $RC "${BADJSON[@]}" $C/api/orders
    cap $S express-500-cart-coupon-caddy.txt 500 app express "a coupon makes the cart throw a TypeError: the team's branded HTML error page" "curl -sv" -- -sv $RC "$C/api/cart?coupon=SPRING"
    cap $S express-502-inventory-dep-refused-caddy.txt 502 app express "the inventory service refuses: the app's 502 as the team's branded HTML page" "curl -sv" -- -sv $RC $C/api/inventory
    capwin $S express-503-payments-dep-down-caddy.txt 503 app express "the payment provider is down: the app's 503 (Retry-After) as the branded HTML page" "curl -si pasted with CRLF" -- -si $RC $C/api/payments
    caplt $S express-504-quotes-dep-timeout-caddy.txt 504 app express "the pricing service never answers: the app's 504 as the branded HTML page" "curl -sv, only the < lines kept" -- -sv $RC $C/api/quotes
    capbody body-only-paste body-express-404-unknown-route.txt 404/404 app express "the team's JSON 404, its status field shows 404" "" -- $RC "$C/api/ordrs?from=dashboard"
    caphead headers-only-paste head-express-404-unknown-route.txt 404 app express "curl -sI on a path no route matches" "" -- $RC $C/api/ordrs
    # Caddy's own answers
    cap $S caddy-403-internal-caddy.txt 403 proxy caddy "/internal/: respond 403, Caddy's empty 403" "curl -si" -- -si $RC $C/internal/metrics
    cap $S caddy-401-admin-basicauth.txt 401 identity caddy "/admin/ without credentials: basicauth, Caddy's 401" "curl -sv" -- -sv $RC $C/admin/
    cap $S express-404-admin-authenticated-caddy.txt 404 app express "/admin/ with the right password: passed to Express, the catch-all 404 (JSON)" "curl -si" -- -si $RC -u ops:s3cret-ops $C/admin/
    cap $S caddy-200-unrouted-path-empty.txt 200 proxy caddy "/status: no route matches (reverse_proxy only for /api/*, /healthz, /admin/*): Caddy answers itself, empty" "curl -sv" -- -sv $RC $C/status
    cap $S caddy-504-report-slow-express.txt 504 proxy caddy "/api/report takes 6 s: response_header_timeout 3s, Caddy's empty 504" "curl -sv" -- -sv $RC $C/api/report
    stop_app express
    cap $S caddy-502-node-stopped.txt 502 proxy caddy "node stopped: connection refused, Caddy's empty 502" "curl -sv" -- -sv $RC $C/api/orders/1
    caphead headers-only-paste head-caddy-502-node-stopped.txt 502 proxy caddy "curl -sI while node is stopped" "" -- $RC $C/api/cart
    start_app express || die "express did not come back"
    capwget $S express-200-order-after-restart-wget.txt 200 app express "node started again: order 1" "wget -S -O-" -- --header="Host: $H:57103" http://127.0.0.1:57103/api/orders/1
    HTTPIE_CMD=http caphttp $S express-200-healthz-caddy-httpie.txt 200 app express "/healthz" "HTTPie with colours" -- -v GET http://127.0.0.1:57103/healthz Host:$H:57103
fi

# ================================================ HAProxy -> Fastify ==
if up haproxy; then
    log "capturing: Fastify behind HAProxy"
    S=fastify-haproxy-r91
    H=api.cedar.test HP=http://api.cedar.test:57104 RH="--resolve api.cedar.test:57104:127.0.0.1"
    cap $S fastify-200-order-haproxy.txt 200 app fastify "order 1" "curl -sv; X-Request-ID from HAProxy" -- -sv $RH $HP/api/orders/1
    cap $S fastify-404-order-haproxy.txt 404 app fastify "order 999: the handler throws, setErrorHandler writes problem+json" "curl -si" -- -si $RH $HP/api/orders/999
    caplt $S fastify-404-unknown-route-haproxy.txt 404 app fastify "a path no route matches: setNotFoundHandler's problem+json" "curl -sv, only the < lines kept" -- -sv $RH $HP/api/ordrs
    cap $S fastify-400-missing-sku-haproxy.txt 400 app fastify "an order without sku: Fastify's schema validation (400) through setErrorHandler (problem+json)" "curl -si" -- -si $RH "${NOSKU[@]}" $HP/api/orders
    cap $S fastify-400-malformed-json-haproxy.txt 400 app fastify "a malformed JSON body: Fastify's parser error (400) through setErrorHandler (problem+json)" "curl -sv" -- -sv $RH "${BADJSON[@]}" $HP/api/orders
    # run 1 labelled this 415; Fastify 4 parses text/plain itself, and the schema then refuses the string (README)
    capwin $S fastify-400-text-body-not-object-haproxy.txt 400 app fastify "a text/plain body: Fastify's own text parser accepts it, the body schema refuses a string (400), setErrorHandler's problem+json" "curl -si pasted with CRLF" -- -si $RH -X POST -H 'Content-Type: text/plain' -d 'sku=CE-7' $HP/api/orders
    cap $S fastify-500-cart-coupon-haproxy.txt 500 app fastify "a coupon makes the cart throw a TypeError: setErrorHandler's problem+json 500" "curl -si" -- -si $RH "$HP/api/cart?coupon=SPRING"
    cap $S fastify-502-inventory-dep-refused-haproxy.txt 502 app fastify "the inventory service refuses: the app's own problem+json 502" "curl -sv" -- -sv $RH $HP/api/inventory
    capraw $S fastify-503-payments-dep-down-haproxy.txt 503 app fastify "the payment provider is down: the app's own problem+json 503 with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $RH $HP/api/payments
    capcut $S fastify-504-quotes-dep-timeout-haproxy.txt 504 app fastify "the pricing service never answers: the app's own problem+json 504" "curl -si, body cut off after the headers" -- -si $RH $HP/api/quotes
    capbody body-only-paste body-fastify-502-inventory-problem.txt 502/502 app fastify "the app's problem+json 502, its status member shows 502" "" -- $RH "$HP/api/inventory?from=dashboard"
    # HAProxy's own answers
    cap $S haproxy-403-internal-denied-fastify.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's 403" "curl -sv" -- -sv $RH $HP/internal/metrics
    cap $S haproxy-503-unrouted-path-no-backend.txt 503 load-balancer haproxy "/status: no use_backend matches and there is no default_backend, HAProxy's 503" "curl -si" -- -si $RH $HP/status
    cap $S fastify-404-search-first-haproxy.txt 404 app fastify "/api/search, the first in 10 s (the limit is 2): no such route, setNotFoundHandler" "curl -si" -- -si $RH $HP/api/search
    quiet $RH $HP/api/search
    cap $S haproxy-429-search-rate-limited-fastify.txt 429 load-balancer haproxy "/api/search the third time in 10 s: sc_http_req_rate over 2, deny_status 429" "curl -sv" -- -sv $RH $HP/api/search
    caphead headers-only-paste head-haproxy-429-search-rate-limited.txt 429 load-balancer haproxy "curl -sI, the fourth /api/search in 10 s" "" -- $RH $HP/api/search
    cap $S haproxy-504-report-slow-fastify.txt 504 load-balancer haproxy "/api/report takes 6 s: timeout server 3s, HAProxy's 504" "curl -sv" -- -sv $RH $HP/api/report
    stop_app fastify
    cap $S haproxy-503-node-stopped-fastify.txt 503 load-balancer haproxy "node stopped: connection refused, HAProxy's 503" "curl -sv" -- -sv $RH $HP/api/orders/1
    capbody body-only-paste body-haproxy-503-node-stopped.txt 503/503 load-balancer haproxy "HAProxy's stock 503 page, its heading shows 503" "" -- $RH "$HP/api/cart"
    start_app fastify || die "fastify did not come back"
    capwget $S fastify-200-order-after-restart-wget.txt 200 app fastify "node started again: order 1" "wget -S -O-" -- --header="Host: $H:57104" http://127.0.0.1:57104/api/orders/1
    HTTPIE_CMD=http caphttp $S fastify-200-healthz-haproxy-httpie.txt 200 app fastify "/healthz" "HTTPie with colours" -- -v GET http://127.0.0.1:57104/healthz Host:$H:57104
fi

# ======================================= Varnish -> Flask on gunicorn ==
if up varnish; then
    log "capturing: Flask on gunicorn behind Varnish"
    S=flask-gunicorn-varnish-r91
    H=api.larch.test V=http://api.larch.test:57105 RV="--resolve api.larch.test:57105:127.0.0.1"
    cap $S flask-200-order-varnish-miss.txt 200 app flask "order 1, a MISS" "curl -sv; X-Cache: MISS, X-Request-ID from Varnish" -- -sv $RV $V/api/orders/1
    cap $S varnish-200-order-hit-flask.txt 200 cdn-cache varnish "order 1 again within its 2 s: a HIT" "curl -si; X-Cache: HIT" -- -si $RV $V/api/orders/1
    cap $S varnish-304-order-if-none-match-flask.txt 304 cdn-cache varnish "order 1 with If-None-Match of its ETag, still fresh: Varnish's 304 from its store" "curl -sv" -- -sv $RV -H 'If-None-Match: "la-1001-v1"' $V/api/orders/1
    cap $S flask-404-order-varnish-miss.txt 404 app flask "order 999: the handler's JSON 404 (a MISS; the built-in VCL keeps a 404)" "curl -si" -- -si $RV $V/api/orders/999
    cap $S flask-404-order-varnish-hit.txt 404 app flask "order 999 again: the app's JSON 404 replayed from Varnish's store (a HIT of the app's answer)" "curl -sv; X-Cache: HIT" -- -sv $RV $V/api/orders/999
    caplt $S flask-404-unknown-route-varnish.txt 404 app flask "a path no route matches (passed): the team's @app.errorhandler(404) JSON" "curl -sv, only the < lines kept" -- -sv $RV $V/api/ordrs
    cap $S flask-405-delete-order-varnish.txt 405 app flask "DELETE on order 1 (passed): the team's errorhandler(405) JSON" "curl -si" -- -si $RV -X DELETE $V/api/orders/1
    cap $S flask-500-cart-coupon-varnish.txt 500 app flask "a coupon makes the cart raise KeyError: the team's errorhandler(500) JSON" "curl -sv" -- -sv $RV "$V/api/cart?coupon=SPRING"
    cap $S flask-502-inventory-dep-refused-varnish.txt 502 app flask "the inventory service refuses: the app's own JSON 502 (passed)" "curl -sv" -- -sv $RV $V/api/inventory
    capwin $S flask-503-payments-dep-down-varnish.txt 503 app flask "the payment provider is down: the app's own JSON 503 with Retry-After" "curl -si pasted with CRLF" -- -si $RV $V/api/payments
    capcut $S flask-504-quotes-dep-timeout-varnish.txt 504 app flask "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -si, body cut off after the headers" -- -si $RV $V/api/quotes
    capbody body-only-paste body-flask-502-inventory-json.txt 502/502 app flask "the app's JSON 502, its status field shows 502" "" -- $RV "$V/api/inventory?from=dashboard"
    touch "$RUN/flags/flask/maintenance"
    cap $S flask-503-maintenance-page-varnish.txt 503 app flask "the maintenance flag is on: the app's HTML maintenance page (503, Retry-After 900), passed" "curl -sv" -- -sv $RV $V/api/cart
    capbody body-only-paste body-flask-503-maintenance-page.txt 0/503 app flask "the app's HTML maintenance page ('We'll be right back', no number)" "" -- $RV "$V/api/cart?from=dashboard"
    rm -f "$RUN/flags/flask/maintenance"
    # Varnish's own answers
    cap $S varnish-404-unrouted-path-synth.txt 404 cdn-cache varnish "/status: not routed, vcl_recv synth(404)" "curl -si" -- -si $RV $V/status
    cap $S varnish-405-purge-synth-flask.txt 405 cdn-cache varnish "PURGE /api/orders/1: vcl_recv synth(405)" "curl -sv" -- -sv $RV -X PURGE $V/api/orders/1
    cap $S varnish-503-report-first-byte-timeout.txt 503 cdn-cache varnish "/api/report takes 6 s: first_byte_timeout 3s, Backend fetch failed" "curl -sv" -- -sv $RV $V/api/report
    stop_app flask
    cap $S varnish-503-gunicorn-stopped.txt 503 cdn-cache varnish "gunicorn stopped: connection refused, Backend fetch failed" "curl -sv" -- -sv $RV $V/api/cart
    caphead headers-only-paste head-varnish-503-gunicorn-stopped.txt 503 cdn-cache varnish "curl -sI while gunicorn is stopped" "" -- $RV $V/api/cart
    cap $S varnish-200-order-grace-gunicorn-stopped.txt 200 cdn-cache varnish "gunicorn stopped: order 1 (its 2 s TTL gone) served from grace" "curl -si" -- -si $RV $V/api/orders/1
    start_app flask || die "flask did not come back"
    capwget $S flask-200-cart-after-restart-varnish-wget.txt 200 app flask "gunicorn started again: the cart (passed)" "wget -S -O-" -- --header="Host: $H:57105" http://127.0.0.1:57105/api/cart
    HTTPIE_CMD=http caphttp $S flask-200-healthz-varnish-httpie.txt 200 app flask "/healthz, a MISS" "HTTPie with colours" -- -v GET http://127.0.0.1:57105/healthz Host:$H:57105
fi

# ================================= Squid -> Django + DRF on gunicorn ==
if up squid; then
    log "capturing: Django + DRF on gunicorn behind Squid"
    S=django-drf-gunicorn-squid-r91
    H=api.juniper.test Q=http://api.juniper.test:57106 RQ="--resolve api.juniper.test:57106:127.0.0.1"
    cap $S django-200-order-squid-miss.txt 200 app django "order 1, a MISS (max-age=2)" "curl -sv; X-Cache: MISS" -- -sv $RQ $Q/api/orders/1
    cap $S squid-200-order-hit-django.txt 200 cdn-cache squid "order 1 again within its 2 s: a HIT" "curl -si; X-Cache: HIT" -- -si $RQ $Q/api/orders/1
    cap $S squid-304-order-if-none-match-django.txt 304 cdn-cache squid "order 1 with If-None-Match of its ETag, still fresh: Squid's 304 from its store" "curl -sv" -- -sv $RQ -H 'If-None-Match: "ju-1001-v1"' $Q/api/orders/1
    cap $S django-404-order-drf-squid.txt 404 app django "order 999: DRF's NotFound through the team's EXCEPTION_HANDLER (JSON {error})" "curl -si" -- -si $RQ $Q/api/orders/999
    caplt $S django-404-unknown-route-template-squid.txt 404 app django "a path no URL pattern matches: Django (DEBUG=False) renders the team's templates/404.html" "curl -sv, only the < lines kept" -- -sv $RQ $Q/api/ordrs
    cap $S django-400-malformed-json-drf-squid.txt 400 app django "a malformed JSON body: DRF's ParseError through the team's handler (JSON)" "curl -sv" -- -sv $RQ "${BADJSON[@]}" $Q/api/orders
    cap $S django-400-missing-sku-drf-squid.txt 400 app django "an order without sku: DRF's ValidationError through the team's handler (JSON)" "curl -si" -- -si $RQ "${NOSKU[@]}" $Q/api/orders
    cap $S django-405-delete-order-drf-squid.txt 405 app django "DELETE on order 1: DRF's MethodNotAllowed through the team's handler (JSON)" "curl -si" -- -si $RQ -X DELETE $Q/api/orders/1
    capraw $S django-500-cart-coupon-template-squid.txt 500 app django "a coupon makes the cart raise KeyError: the handler returns None, Django renders the team's templates/500.html" "curl -si saved to a file (CRs kept)" -- -si $RQ "$Q/api/cart?coupon=SPRING"
    cap $S django-502-inventory-dep-refused-drf-squid.txt 502 app django "the inventory service refuses: the app's APIException 502 (JSON)" "curl -sv" -- -sv $RQ $Q/api/inventory
    capwin $S django-503-payments-dep-down-drf-squid.txt 503 app django "the payment provider is down: the app's APIException 503 with Retry-After (JSON)" "curl -si pasted with CRLF" -- -si $RQ $Q/api/payments
    capcut $S django-504-quotes-dep-timeout-drf-squid.txt 504 app django "the pricing service never answers: the app's APIException 504 (JSON)" "curl -si, body cut off after the headers" -- -si $RQ $Q/api/quotes
    capbody body-only-paste body-django-500-template.txt 0/500 app django "the team's 500.html ('Something went wrong', no number)" "" -- $RQ "$Q/api/cart?coupon=SUMMER"
    capbody body-only-paste body-django-504-quotes-json.txt 504/504 app django "the app's JSON 504, its status field shows 504" "" -- $RQ "$Q/api/quotes?from=dashboard"
    # Squid's own answers
    cap $S squid-403-internal-denied-django.txt 403 cdn-cache squid "/internal/: http_access deny, ERR_ACCESS_DENIED" "curl -sv" -- -sv $RQ $Q/internal/metrics
    cap $S squid-403-unrouted-path-django.txt 403 cdn-cache squid "/status: outside /api/ and /healthz, http_access deny !routed, ERR_ACCESS_DENIED" "curl -si" -- -si $RQ $Q/status
    cap $S squid-413-body-too-large-django.txt 413 cdn-cache squid "a 2 KB order note: request_body_max_size 1 KB, ERR_TOO_BIG" "curl -si" -- -si $RQ "${BIG[@]}" $Q/api/orders
    cap $S squid-504-report-read-timeout-django.txt 504 cdn-cache squid "/api/report takes 6 s: read_timeout 3 seconds, ERR_READ_TIMEOUT" "curl -sv" -- -sv $RQ $Q/api/report
    stop_app django
    # rounds 83-89 saw Squid 5.7 answer a peer that had been up, then refused, with ERR_CONNECT_FAIL 503
    cap $S squid-503-gunicorn-stopped-django.txt 503 cdn-cache squid "gunicorn stopped: connection refused, ERR_CONNECT_FAIL" "curl -sv" -- -sv $RQ $Q/api/cart
    capbody body-only-paste body-squid-503-gunicorn-stopped.txt 0/503 cdn-cache squid "Squid's ERR_CONNECT_FAIL page (its title names no number)" "" -- $RQ "$Q/api/cart?from=dashboard"
    start_app django || die "django did not come back"
    capwget $S django-200-cart-after-restart-squid-wget.txt 200 app django "gunicorn started again: the cart" "wget -S -O-" -- --header="Host: $H:57106" http://127.0.0.1:57106/api/cart
    HTTPIE_CMD=http caphttp $S django-200-healthz-squid-httpie.txt 200 app django "/healthz" "HTTPie with colours" -- -v GET http://127.0.0.1:57106/healthz Host:$H:57106
fi

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx apache caddy haproxy varnish squid; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round91/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
