#!/usr/bin/env bash
# capture-round122.sh — build the hundred-and-twenty-second held-out evidence
# corpus in tests/fixtures/evidence-round122/.
#
# "HAProxy, Varnish and Squid before common apps, small and quick" (two
# setups behind each front): six front + app setups, each a front + app
# server + framework triple no earlier round's setup list has (checked with
# `grep -h '^setup' tests/fixtures/evidence-round*/labels.toml | sort -u`).
# The fronts as teams most often run them:
#   - HAProxy 2.6 (Debian's stock errorfiles, timeout server 3s, no health
#     check; unique-id-format with `http-response set-header X-Request-ID
#     %[unique-id]` on one frontend, a Content-Length deny_status 413 on the
#     other) before
#       Django 5.2 (apps108 via apps111/django_asgi.py) on gunicorn + UvicornWorker,
#       FastAPI (apps108/fastapi_app.py) on Daphne;
#   - Varnish 7.1 (the stock builtin VCL, a backend with first_byte_timeout
#     3s, a 60 s TTL on 200s) before
#       Fastify 4 (apps101/fastify_app.js) on Bun,
#       Django 5.2 (apps108 via apps111/django_asgi.py) on Daphne;
#   - Squid 5.7 (accel mode, stock error pages, request_body_max_size 1 MB,
#     read_timeout 3 seconds) before
#       FastAPI (apps108/fastapi_app.py) on Granian (ASGI; run 1 had it on
#       Daphne, which sends no Date header: Squid then never answered from
#       its store, see the README),
#       Sinatra 3 (apps103/sinatra_app.rb) on Unicorn.
# Per setup: the app's own 400/401/404/409/422/429/500/503 (JSON where the
# framework writes JSON, its stock HTML/text where it does), a 200 and a
# redirect passed on, a cache HIT and a 304 where the front caches, and the
# front's own refusals (400/413/414/431), its 502/503 (app stopped) and its
# 504/503 (app slow). Front configs in scripts/corpus/conf-round122/.
# Paste forms: curl -sv / -si transcripts (some saved with their CRs, some
# with CRLF on every line, some with only the `<` lines of -v kept, some cut
# off after the headers), HTTPie with colours, wget -S -O-, body-only and
# headers-only pastes.
#
#   scripts/corpus/capture-round122.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round122.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round122.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62200-62299) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round122.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round122"
RUN=/tmp/api-triage-corpus122-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round122"
APPS101="$HERE/apps101"
APPS103="$HERE/apps103"
APPS108="$HERE/apps108"
APPS111="$HERE/apps111"
NODE_DIR=${CORPUS_NODE122:-/tmp/api-triage-corpus122-node}   # a copy of round 119's (fastify + bun)
GO_DIR=/nonexistent-round122-go   # no Go app this round
VENV=${CORPUS_VENV122:-/tmp/api-triage-corpus122-venv}   # a copy of round 119's (gunicorn, uvicorn, daphne, django, fastapi, httpie)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0 daphne==4.2.3 granian==2.8.9)
NPM=(fastify@4.29.1 bun@1.4.5)
BUN="$NODE_DIR/node_modules/.bin/bun"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus122 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(haproxy varnish squid wget python3-venv unicorn ruby-sinatra)
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
install_venv() {  # HTTPie, Django, FastAPI, gunicorn, uvicorn, Daphne, Granian (a copy of round 119's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, django, fastapi, gunicorn, uvicorn.workers, daphne, granian" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # Fastify + Bun (a copy of round 119's node folder), from npm when missing
    [[ -d $NODE_DIR/node_modules/fastify && -x $BUN ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node folder missing"; return 0; }
    command -v npm >/dev/null || { SKIPPED[node]="npm missing"; return 0; }
    log "npm install into $NODE_DIR: ${NPM[*]}"
    mkdir -p "$NODE_DIR"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund "${NPM[@]}") >>"$RUN/logs/npm.log" 2>&1 \
        || SKIPPED[node]="npm install failed (see logs/npm.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GO_DIR/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
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
# only ours are checked against 127.0.0.1 and 62200-62299) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round122.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
    cmdline wget -S -O- "$@" >"$dest"
    in_work timeout 20 wget -S -O- --content-on-error --tries=1 --timeout=10 "$@" >>"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}


# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS101 && -d $APPS103 && -d $APPS108 && -d $APPS111 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn,unicorn,haproxy,varnish-fastify,varnish-django,squid-fastapi,squid-sinatra}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "Fastify/Bun are missing (${SKIPPED[node]})"
for p in haproxy varnish squid wget unicorn ruby-sinatra; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# apps: Django/gunicorn+uvicorn 62211, FastAPI/Daphne 62212 (for HAProxy),
# Fastify/Bun 62213, Django/Daphne 62214, FastAPI/Granian 62215 (for Squid),
# Sinatra/Unicorn 62216. Fronts: HAProxy 62201-62202, Varnish 62203-62204,
# Squid 62205-62206.
APP_PORTS=(62211 62212 62213 62214 62215 62216)
FRONT_PORTS=(62201 62202 62203 62204 62205 62206)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg django-gu nice -n 5 "$VPY" -m gunicorn -k uvicorn.workers.UvicornWorker \
    --bind 127.0.0.1:62211 --workers 2 --pythonpath "$APPS108,$APPS111" --worker-tmp-dir "$RUN/gunicorn" django_asgi:application
start_bg fastapi-h env PYTHONPATH="$APPS108" nice -n 5 "$VPY" -m daphne -b 127.0.0.1 -p 62212 fastapi_app:app
start_bg fastify env BRAND=Osprey NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production \
    nice -n 5 "$BUN" "$APPS101/fastify_app.js" 62213
start_bg django-daphne env PYTHONPATH="$APPS108:$APPS111" nice -n 5 "$VPY" -m daphne -b 127.0.0.1 -p 62214 django_asgi:application
start_bg fastapi-s env PYTHONPATH="$APPS108" nice -n 5 "$VPY" -m granian --interface asgi --host 127.0.0.1 --port 62215 fastapi_app:app
start_bg sinatra env UNICORN_PID="$RUN/unicorn/unicorn.pid" RACK_ENV=production nice -n 5 unicorn \
    -c "$CONF/unicorn.conf.rb" -l 127.0.0.1:62216 -E production "$APPS103/sinatra.ru"
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts -------------------------------------------------------------
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62201 haproxy && wait_port 62202 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

for v in fastify:62203:62213 django:62204:62214; do
    IFS=: read -r name port bport <<<"$v"
    render "$CONF/varnish.vcl" "$RUN/varnish-$name/default.vcl" -e "s|@BPORT@|$bport|g"
    start_bg varnish-$name varnishd -F -a 127.0.0.1:$port -T none -f "$RUN/varnish-$name/default.vcl" \
        -n "$RUN/varnish-$name/work" -s malloc,16m
    wait_port $port varnish-$name && UP[varnish-$name]=1
done

for s in fastapi:62205:62215:api.quillon.test:edge-quillon sinatra:62206:62216:api.ashby.test:edge-ashby; do
    IFS=: read -r name port bport site vhost <<<"$s"
    render "$CONF/squid.conf" "$RUN/squid-$name/squid.conf" -e "s|@PORT@|$port|g" -e "s|@BPORT@|$bport|g" \
        -e "s|@SITE@|$site|g" -e "s|@VHOST@|$vhost|g" -e "s|@NAME@|$name|g"
    chown -R proxy: "$RUN/squid-$name" 2>/dev/null || true
    start_bg squid-$name squid -N -n corpus122$name -f "$RUN/squid-$name/squid.conf"
    wait_port $port squid-$name && UP[squid-$name]=1
done
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62200 || p > 62299) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62200-62299: $NEWPORTS"
log "servers up: ${!UP[*]}"
for f in haproxy varnish-fastify varnish-django squid-fastapi squid-sinatra; do up $f || die "$f did not start"; done
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 122 (held out): real responses captured by
# scripts/corpus/capture-round122.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-121:
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
NOEXP=(-H 'Expect:')   # no 100-continue for the big bodies: one status per transcript
head -c 2097152 /dev/zero | tr '\0' 'n' >"$RUN/work/big.bin"     # 2 MB: over HAProxy's 1 MB rule and Squid's request_body_max_size 1 MB
BIGBODY=(--data-binary @"$RUN/work/big.bin")
HDR9="Cookie: session=$(printf 'c%.0s' $(seq 1 9000))"           # 9 KB: over Varnish's http_req_hdr_len 8k
HDR20="Cookie: session=$(printf 'c%.0s' $(seq 1 20000))"         # 20 KB: over HAProxy's 16 KB tune.bufsize
HDR70="X-Trace-Context: $(head -c 70000 /dev/zero | tr '\0' 't')"  # 70 KB: over Squid's stock request_header_max_size 64 KB
Q11="q=$(printf 'x%.0s' $(seq 1 11000))"                          # an 11 KB query string (Squid)
Q20="q=$(printf 'x%.0s' $(seq 1 20000))"                          # a 20 KB query string (HAProxy, Varnish)

# ===================================================== HAProxy -> Django (gunicorn + uvicorn), unique-id ==
log "capturing: Django (gunicorn + UvicornWorker) behind HAProxy"
S=django-gunicorn-uvicorn-haproxy-r122
H=api.fernhill.test:62201 U=http://api.fernhill.test:62201 R="--resolve api.fernhill.test:62201:127.0.0.1"
cap $S django-200-order-haproxy.txt 200 app django "order 1 from Django (ASGI) on gunicorn's UvicornWorker; HAProxy's X-Request-ID set by http-response" "curl -sv" -- -sv $R $U/api/orders/1
cap $S django-400-order-id-haproxy.txt 400 app django "an order id that is not a number: the view's JSON 400" "curl -si" -- -si $R $U/api/orders/abc
HTTPIE_CMD=http caphttp $S django-401-account-haproxy-httpie.txt 401 app django "HTTPie, no token: the view's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:62201/api/account Host:$H
capraw $S django-404-order9-haproxy.txt 404 app django "order 9: the view's JSON 404" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/orders/9
capwin $S django-404-route-haproxy.txt 404 app django "no route, DEBUG off: Django's HTML 'Not Found' page, passed on" "curl -si pasted with CRLF" -- -si $R $U/api/v2/orders
cap $S django-409-post-haproxy.txt 409 app django "POST of an existing ref: the view's JSON 409" "" -- -sv $R -X POST "${JSONH[@]}" -d '{"ref":"FH-1001"}' $U/api/orders
caplt $S django-422-post-haproxy.txt 422 app django "POST without ref: the view's JSON 422" "curl -sv, only the < lines kept" -- -sv $R -X POST "${JSONH[@]}" -d '{"total":2}' $U/api/orders
capwget $S django-429-quota-haproxy-wget.txt 429 app django "the view's JSON 429 with Retry-After" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:62201/api/quota
cap $S django-500-boom-haproxy.txt 500 app django "an uncaught error, DEBUG off: Django's HTML 'Server Error (500)', passed on" "curl -si" -- -si $R $U/api/boom
capcut $S django-503-maintenance-haproxy.txt 503 app django "the view's JSON 503 with Retry-After" "curl -si, body cut off after the headers" -- -si $R $U/api/maintenance
cap $S django-301-docs-haproxy.txt 301 app django "/api/docs: CommonMiddleware's APPEND_SLASH 301" "curl -si" -- -si $R $U/api/docs
cap $S haproxy-400-header-django.txt 400 load-balancer haproxy "a 20 KB Cookie header, over the stock 16 KB tune.bufsize: Debian's stock 400 errorfile (no X-Request-ID: http-response does not run on HAProxy's own pages)" "curl -si" -- -si $R -H "$HDR20" $U/api/orders/1
capwin $S haproxy-504-slow-django.txt 504 load-balancer haproxy "the view waits 5 s, timeout server 3s: Debian's stock 504 errorfile" "curl -si pasted with CRLF" -- -si $R $U/api/slow
capbody body-only-paste body-django-404-route-haproxy.txt 0/404 app django "Django's HTML 'Not Found' page (<h1>Not Found</h1>, no number in it)" "" -- $R "$U/api/v2/orders"
caphead headers-only-paste head-django-429-quota-haproxy.txt 429 app django "curl -sI on /api/quota: the view's 429 with Retry-After and HAProxy's X-Request-ID" "" -- $R $U/api/quota
log "stopping Django (gunicorn)"
stop_name django-gu
cap $S haproxy-503-app-stopped-django.txt 503 load-balancer haproxy "gunicorn stopped (connection refused, one retry): Debian's stock 503 errorfile" "" -- -sv $R $U/api/orders/1

# ===================================================== HAProxy -> FastAPI (Daphne) ==
log "capturing: FastAPI (Daphne) behind HAProxy"
S=fastapi-daphne-haproxy-r122
H=api.quillon.test:62202 U=http://api.quillon.test:62202 R="--resolve api.quillon.test:62202:127.0.0.1"
cap $S fastapi-200-order-haproxy.txt 200 app fastapi "order 1 from FastAPI on Daphne" "curl -si" -- -si $R $U/api/orders/1
capraw $S fastapi-400-order-id-haproxy.txt 400 app fastapi "an order id that is not a number: HTTPException's JSON 400" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/orders/abc
cap $S fastapi-401-account-haproxy.txt 401 app fastapi "no token: HTTPException's JSON 401 with WWW-Authenticate: Bearer" "" -- -sv $R $U/api/account
cap $S fastapi-404-order9-haproxy.txt 404 app fastapi "order 9: HTTPException's JSON 404" "curl -si" -- -si $R $U/api/orders/9
HTTPIE_CMD=http caphttp $S fastapi-409-post-haproxy-httpie.txt 409 app fastapi "HTTPie, POST of an existing ref: HTTPException's JSON 409" "HTTPie with colours" -- -v POST http://127.0.0.1:62202/api/orders Host:$H ref=QN-1001 total:=2
cap $S fastapi-422-post-haproxy.txt 422 app fastapi "POST without ref: FastAPI's own validation 422" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"total":2}' $U/api/orders
caplt $S fastapi-429-quota-haproxy.txt 429 app fastapi "HTTPException's JSON 429 with Retry-After" "curl -sv, only the < lines kept" -- -sv $R $U/api/quota
cap $S fastapi-500-boom-haproxy.txt 500 app fastapi "an uncaught error: Starlette's text 'Internal Server Error' under Daphne, passed on" "curl -si" -- -si $R $U/api/boom
capwget $S fastapi-503-maintenance-haproxy-wget.txt 503 app fastapi "the handler's JSON 503 with Retry-After" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:62202/api/maintenance
cap $S fastapi-307-latest-haproxy.txt 307 app fastapi "/api/latest: RedirectResponse's 307" "curl -si" -- -si $R $U/api/latest
capcut $S haproxy-413-body-fastapi.txt 413 load-balancer haproxy "a 2 MB body, deny_status 413 on Content-Length over 1 MB: HAProxy's built-in 413 (no errorfile for 413)" "curl -si, body cut off after the headers" -- -si $R -X POST "${JSONH[@]}" "${NOEXP[@]}" "${BIGBODY[@]}" $U/api/orders
cap $S haproxy-400-uri-fastapi.txt 400 load-balancer haproxy "a 20 KB query string, over the 16 KB buffer: Debian's stock 400 errorfile, not a 414" "" -- -sv $R "$U/api/orders?$Q20"
HTTPIE_CMD=http caphttp $S haproxy-504-slow-fastapi-httpie.txt 504 load-balancer haproxy "HTTPie: the handler waits 5 s, timeout server 3s: Debian's stock 504 errorfile" "HTTPie with colours" -- -v GET http://127.0.0.1:62202/api/slow Host:$H
capbody body-only-paste body-haproxy-504-slow-fastapi.txt 504/504 load-balancer haproxy "HAProxy's 504 errorfile body (<h1>504 Gateway Time-out</h1>)" "" -- $R "$U/api/slow"
log "stopping FastAPI (Daphne, HAProxy's)"
stop_name fastapi-h
capraw $S haproxy-503-app-stopped-fastapi.txt 503 load-balancer haproxy "Daphne stopped (connection refused, one retry): Debian's stock 503 errorfile" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/orders/1

# ===================================================== Varnish -> Fastify (Bun) ==
log "capturing: Fastify (Bun) behind Varnish"
S=fastify-bun-varnish-r122
H=api.osprey.test:62203 U=http://api.osprey.test:62203 R="--resolve api.osprey.test:62203:127.0.0.1"
cap $S fastify-200-ticket-varnish-miss.txt 200 app fastify "ticket 1, first fetch (a MISS): Fastify on Bun's 200 with ETag, passed on by Varnish" "curl -sv" -- -sv $R $U/api/tickets/1
cap $S varnish-200-ticket-hit-fastify.txt 200 cdn-cache varnish "ticket 1 again: a HIT from Varnish's store (Age, two XIDs in X-Varnish)" "curl -si" -- -si $R $U/api/tickets/1
capraw $S varnish-304-ticket-fastify.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304 from its store" "curl -si saved to a file (CRs kept)" -- -si $R -H 'If-None-Match: "tk-1-v4"' $U/api/tickets/1
cap $S fastify-400-ticket-id-varnish.txt 400 app fastify "a ticket id that is not an integer: Fastify's schema validation 400 (FST_ERR_VALIDATION)" "curl -si" -- -si $R $U/api/tickets/abc
HTTPIE_CMD=http caphttp $S fastify-401-me-varnish-httpie.txt 401 app fastify "HTTPie, no token: the onRequest hook's error, Fastify's JSON 401 (the builtin VCL fetches it)" "HTTPie with colours" -- -v GET http://127.0.0.1:62203/api/me Host:$H
capwin $S fastify-404-ticket9-varnish.txt 404 app fastify "ticket 9: the handler's JSON 404" "curl -si pasted with CRLF" -- -si $R $U/api/tickets/9
cap $S fastify-404-route-varnish.txt 404 app fastify "no route: Fastify's JSON 'Route GET:/api/v2/tickets not found'" "" -- -sv $R $U/api/v2/tickets
caplt $S fastify-409-post-varnish.txt 409 app fastify "POST of a ticket already open (the builtin VCL passes POST): the handler's JSON 409" "curl -sv, only the < lines kept" -- -sv $R -X POST "${JSONH[@]}" -d '{"title":"Osprey: printer on floor 3 is on fire"}' $U/api/tickets
quiet $R "$U/api/search?q=printer"
quiet $R "$U/api/search?q=toner"
cap $S fastify-429-search-varnish.txt 429 app fastify "a third search in the minute (each query a new cache key, so each a fetch): the handler's JSON 429 with Retry-After" "curl -si" -- -si $R "$U/api/search?q=scanner"
capwget $S fastify-500-boom-varnish-wget.txt 500 app fastify "a thrown Error: Fastify's JSON 500, passed on" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:62203/api/boom
cap $S fastify-503-readyz-varnish.txt 503 app fastify "/readyz: the handler's JSON 503 (database down), passed on" "curl -si" -- -si $R $U/readyz
capcut $S fastify-301-v1-ticket-varnish.txt 301 app fastify "/api/v1/tickets/1: reply.redirect's 301" "curl -si, body cut off after the headers" -- -si $R $U/api/v1/tickets/1
cap $S varnish-400-header-fastify.txt 400 cdn-cache varnish "a 9 KB Cookie header, over the stock http_req_hdr_len 8k: varnishd's bare 400" "curl -si" -- -si $R -H "$HDR9" $U/api/tickets/1
cap $S varnish-431-uri-fastify.txt 431 cdn-cache varnish "a 20 KB query string: varnishd's own 431 (round 41 saw 431 for a 20 KB query)" "" -- -sv $R "$U/api/tickets/1?$Q20"
cap $S varnish-503-slow-fastify.txt 503 cdn-cache varnish "the handler waits 5 s, first_byte_timeout 3s: the builtin 'Backend fetch failed' page" "curl -si" -- -si $R $U/api/slow
capbody body-only-paste body-fastify-409-post-varnish.txt 409/409 app fastify "Fastify's JSON 409 ({\"statusCode\":409,...})" "" -- $R -X POST "${JSONH[@]}" -d '{"title":"Osprey: printer on floor 3 is on fire"}' "$U/api/tickets"
caphead headers-only-paste head-varnish-200-ticket-hit-fastify.txt 200 cdn-cache varnish "curl -sI on ticket 1: a HIT from Varnish's store" "" -- $R $U/api/tickets/1
log "stopping Fastify"
stop_name fastify
caplt $S varnish-503-app-stopped-fastify.txt 503 cdn-cache varnish "Bun stopped, /api/me (never stored): connection refused, the builtin 'Backend fetch failed' page" "curl -sv, only the < lines kept" -- -sv $R $U/api/me

# ===================================================== Varnish -> Django (Daphne) ==
log "capturing: Django (Daphne) behind Varnish"
S=django-daphne-varnish-r122
H=api.fernhill.test:62204 U=http://api.fernhill.test:62204 R="--resolve api.fernhill.test:62204:127.0.0.1"   # a host in the app's ALLOWED_HOSTS (run 1 used another: DisallowedHost 400s)
cap $S django-200-order-varnish-miss.txt 200 app django "order 1, first fetch (a MISS): Django on Daphne's 200, passed on by Varnish" "curl -si" -- -si $R $U/api/orders/1
cap $S varnish-200-order-hit-django.txt 200 cdn-cache varnish "order 1 again: a HIT from Varnish's store (the VCL's 60 s TTL on 200s)" "" -- -sv $R $U/api/orders/1
cap $S django-400-order-id-varnish.txt 400 app django "an order id that is not a number: the view's JSON 400" "curl -si" -- -si $R $U/api/orders/abc
capraw $S django-401-account-varnish.txt 401 app django "no token: the view's JSON 401" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/account
cap $S django-404-order9-varnish.txt 404 app django "order 9: the view's JSON 404" "curl -si" -- -si $R $U/api/orders/9
HTTPIE_CMD=http caphttp $S django-409-post-varnish-httpie.txt 409 app django "HTTPie, POST of an existing ref: the view's JSON 409" "HTTPie with colours" -- -v POST http://127.0.0.1:62204/api/orders Host:$H ref=FH-1001
capwin $S django-422-post-varnish.txt 422 app django "POST without ref: the view's JSON 422" "curl -si pasted with CRLF" -- -si $R -X POST "${JSONH[@]}" -d '{"total":2}' $U/api/orders
cap $S django-429-quota-varnish.txt 429 app django "the view's JSON 429 with Retry-After, passed on" "" -- -sv $R $U/api/quota
caplt $S django-500-boom-varnish.txt 500 app django "an uncaught error, DEBUG off: Django's HTML 'Server Error (500)', passed on" "curl -sv, only the < lines kept" -- -sv $R $U/api/boom
capwget $S django-503-maintenance-varnish-wget.txt 503 app django "the view's JSON 503 with Retry-After, passed on" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:62204/api/maintenance
cap $S django-301-docs-varnish.txt 301 app django "/api/docs: CommonMiddleware's APPEND_SLASH 301" "curl -si" -- -si $R $U/api/docs
capcut $S varnish-400-header-django.txt 400 cdn-cache varnish "a 9 KB Cookie header, over the stock http_req_hdr_len 8k: varnishd's bare 400" "curl -si, body cut off after the headers" -- -si $R -H "$HDR9" $U/api/orders/1
cap $S varnish-503-slow-django.txt 503 cdn-cache varnish "the view waits 5 s, first_byte_timeout 3s: the builtin 'Backend fetch failed' page" "" -- -sv $R $U/api/slow
capbody body-only-paste body-django-500-boom-varnish.txt 500/500 app django "Django's HTML '<h1>Server Error (500)</h1>'" "" -- $R "$U/api/boom"
log "stopping Django (Daphne)"
stop_name django-daphne
capraw $S varnish-503-app-stopped-django.txt 503 cdn-cache varnish "Daphne stopped, order 2 (never stored): connection refused, the builtin 'Backend fetch failed' page" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/orders/2
capbody body-only-paste body-varnish-503-app-stopped-django.txt 503/503 cdn-cache varnish "Varnish's guru meditation page (<title>503 Backend fetch failed</title>)" "" -- $R "$U/api/orders/3"

# ===================================================== Squid (accel) -> FastAPI (Granian) ==
log "capturing: FastAPI (Granian) behind Squid"
S=fastapi-granian-squid-r122
H=api.quillon.test:62205 U=http://api.quillon.test:62205 R="--resolve api.quillon.test:62205:127.0.0.1"
cap $S fastapi-200-order-squid-miss.txt 200 app fastapi "order 1, first fetch (a MISS): FastAPI on Granian's 200 with ETag and max-age=300, passed on by Squid" "curl -sv" -- -sv $R $U/api/orders/1
cap $S squid-200-order-hit-fastapi.txt 200 cdn-cache squid "order 1 again: a HIT from Squid's store (X-Cache: HIT, Age)" "curl -si" -- -si $R $U/api/orders/1
caplt $S squid-304-order-fastapi.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's own 304 from its store" "curl -sv, only the < lines kept" -- -sv $R -H 'If-None-Match: "qn-order-1-v3"' $U/api/orders/1
cap $S fastapi-400-order-id-squid.txt 400 app fastapi "an order id that is not a number: HTTPException's JSON 400" "curl -si" -- -si $R $U/api/orders/abc
capwin $S fastapi-401-account-squid.txt 401 app fastapi "no token: HTTPException's JSON 401 with WWW-Authenticate: Bearer" "curl -si pasted with CRLF" -- -si $R $U/api/account
cap $S fastapi-404-order9-squid.txt 404 app fastapi "order 9: HTTPException's JSON 404" "" -- -sv $R $U/api/orders/9
cap $S fastapi-409-post-squid.txt 409 app fastapi "POST of an existing ref: HTTPException's JSON 409" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"ref":"QN-1001","total":2}' $U/api/orders
HTTPIE_CMD=http caphttp $S fastapi-422-post-squid-httpie.txt 422 app fastapi "HTTPie, POST without ref: FastAPI's own validation 422" "HTTPie with colours" -- -v POST http://127.0.0.1:62205/api/orders Host:$H total:=2
capraw $S fastapi-429-quota-squid.txt 429 app fastapi "HTTPException's JSON 429 with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/quota
cap $S fastapi-500-boom-squid.txt 500 app fastapi "an uncaught error: Starlette's text 'Internal Server Error' under Granian, passed on" "curl -si" -- -si $R $U/api/boom
cap $S fastapi-503-maintenance-squid.txt 503 app fastapi "the handler's JSON 503 with Retry-After, passed on (not an ERR_ page)" "curl -si" -- -si $R $U/api/maintenance
capwget $S fastapi-307-latest-squid-wget.txt 307 app fastapi "/api/latest: RedirectResponse's 307 (wget told not to follow it: --max-redirect=0)" "wget -S -O-" -- --max-redirect=0 --header="Host: $H" http://127.0.0.1:62205/api/latest
cap $S squid-413-body-fastapi.txt 413 cdn-cache squid "a 2 MB body, request_body_max_size 1 MB: Squid's ERR_TOO_BIG" "curl -si" -- -si $R -X POST "${JSONH[@]}" "${NOEXP[@]}" "${BIGBODY[@]}" $U/api/orders
capcut $S squid-431-header-fastapi.txt 431 cdn-cache squid "a 70 KB header over the stock request_header_max_size 64 KB: Squid's 431" "curl -si, body cut off after the headers" -- -si $R -H "$HDR70" $U/api/orders/1
cap $S squid-504-slow-fastapi.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 3 seconds: Squid's ERR_READ_TIMEOUT" "" -- -sv $R $U/api/slow
capbody body-only-paste body-squid-413-body-fastapi.txt 413/413 cdn-cache squid "Squid's ERR_TOO_BIG page (its title names the error, its <p> the 413)" "" -- $R -X POST "${JSONH[@]}" "${NOEXP[@]}" "${BIGBODY[@]}" "$U/api/orders"
log "stopping FastAPI (Granian)"
stop_name fastapi-s
cap $S squid-503-app-stopped-fastapi.txt 503 cdn-cache squid "Granian stopped, /api/account (never stored): connection refused, Squid's ERR_CONNECT_FAIL" "curl -si" -- -si $R $U/api/account
caphead headers-only-paste head-squid-503-app-stopped-fastapi.txt 503 cdn-cache squid "curl -sI while Granian is down: Squid's ERR_CONNECT_FAIL headers" "" -- $R $U/api/quota

# ===================================================== Squid (accel) -> Sinatra (Unicorn) ==
log "capturing: Sinatra (Unicorn) behind Squid"
S=sinatra-unicorn-squid-r122
H=api.ashby.test:62206 U=http://api.ashby.test:62206 R="--resolve api.ashby.test:62206:127.0.0.1"
cap $S sinatra-200-ticket-squid-miss.txt 200 app sinatra "ticket 1, first fetch (a MISS): Sinatra on Unicorn's 200 with max-age=60, passed on by Squid" "curl -si" -- -si $R $U/api/tickets/1
capwin $S squid-200-ticket-hit-sinatra.txt 200 cdn-cache squid "ticket 1 again: a HIT from Squid's store (X-Cache: HIT, Age)" "curl -si pasted with CRLF" -- -si $R $U/api/tickets/1
cap $S sinatra-400-post-json-squid.txt 400 app sinatra "POST of a body that is not JSON: the handler's JSON 400" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"subject":' $U/api/tickets
HTTPIE_CMD=http caphttp $S sinatra-401-me-squid-httpie.txt 401 app sinatra "HTTPie, no token: the handler's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- -v GET http://127.0.0.1:62206/api/me Host:$H
cap $S sinatra-404-ticket9-squid.txt 404 app sinatra "ticket 9: the handler's JSON 404" "" -- -sv $R $U/api/tickets/9
capraw $S sinatra-404-route-squid.txt 404 app sinatra "no route: Sinatra's '<h1>Not Found</h1>', passed on" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/v2/tickets
caplt $S sinatra-409-post-squid.txt 409 app sinatra "POST of a ticket already open: the handler's JSON 409" "curl -sv, only the < lines kept" -- -sv $R -X POST "${JSONH[@]}" -d '{"subject":"VPN drops every hour"}' $U/api/tickets
cap $S sinatra-422-post-squid.txt 422 app sinatra "POST with an empty subject: the handler's JSON 422" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"subject":""}' $U/api/tickets
capwget $S sinatra-429-exports-squid-wget.txt 429 app sinatra "the handler's JSON 429 with Retry-After" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:62206/api/exports
cap $S sinatra-500-history-squid.txt 500 app sinatra "an uncaught NoMethodError: Sinatra's '<h1>Internal Server Error</h1>', passed on" "curl -si" -- -si $R $U/api/tickets/1/history
capcut $S sinatra-503-maintenance-squid.txt 503 app sinatra "the handler's JSON 503 with Retry-After" "curl -si, body cut off after the headers" -- -si $R $U/api/maintenance
cap $S sinatra-302-ticket-redirect-squid.txt 302 app sinatra "/tickets/1: Sinatra's redirect, 302 to /api/tickets/1" "curl -si" -- -si $R $U/tickets/1
cap $S squid-400-uri-sinatra.txt 400 cdn-cache squid "an 11 KB query string: Squid's own 400 (round 98 saw 400 for an 11 KB query)" "" -- -sv $R "$U/api/tickets/1?$Q11"
cap $S squid-504-slow-sinatra.txt 504 cdn-cache squid "the handler sleeps 5 s, read_timeout 3 seconds: Squid's ERR_READ_TIMEOUT" "curl -si" -- -si $R $U/api/slow
capbody body-only-paste body-sinatra-422-post-squid.txt 0/422 app sinatra "Sinatra's JSON 422 ({\"error\":\"validation_failed\",...}, no number in it)" "" -- $R -X POST "${JSONH[@]}" -d '{"subject":""}' "$U/api/tickets"
log "stopping Sinatra"
stop_name sinatra
capwget $S squid-503-app-stopped-sinatra-wget.txt 503 cdn-cache squid "Unicorn stopped, ticket 2 (never stored): connection refused, Squid's ERR_CONNECT_FAIL" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:62206/api/tickets/2
caphead headers-only-paste head-squid-503-app-stopped-sinatra.txt 503 cdn-cache squid "curl -sI while Unicorn is down: Squid's ERR_CONNECT_FAIL headers" "" -- $R $U/api/exports

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round122/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
