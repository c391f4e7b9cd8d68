#!/usr/bin/env bash
# capture-round121.sh — build the hundred-and-twenty-first held-out evidence
# corpus in tests/fixtures/evidence-round121/.
#
# "Caddy and Apache before common apps, small and quick": six front + app
# setups, three behind each front, each a front + app server + framework
# triple no earlier round's setup list has (checked with `grep -h '^setup'
# tests/fixtures/evidence-round*/labels.toml | sort -u`). The fronts are kept
# plain (stock reverse_proxy / mod_proxy_http, stock error pages, one body
# limit, a 3 s upstream timeout, a request id on two of three, TLS + HTTP/2 on
# one); the apps answer their own classes. Front configs in
# scripts/corpus/conf-round121/; apps are round 108's (scripts/corpus/apps108/):
#   - Caddy 2.6  -> Express 4 on Bun 1.4           (express-bun-caddy-r121, plain HTTP, no id)
#   - Caddy 2.6  -> FastAPI on Daphne 4.2          (fastapi-daphne-caddy-tls-r121, TLS + HTTP/2, X-Request-Id)
#   - Caddy 2.6  -> Flask 3.1 on Granian 2.8, WSGI (flask-granian-caddy-r121, X-Request-Id)
#   - Apache 2.4 -> Koa 2 on Bun 1.4               (koa-bun-apache-tls-r121, TLS + HTTP/2, mod_unique_id)
#   - Apache 2.4 -> Flask 3.1 on Granian 2.8, WSGI (flask-granian-apache-r121, mod_unique_id)
#   - Apache 2.4 -> FastAPI on Daphne 4.2          (fastapi-daphne-apache-r121, no id)
# Each setup: the app's own 400/401/403/404/409/422/429/500/503, a 200 and a
# redirect passed on, the front's own refusals (413, 414/431/400), the front's
# answer for a stopped app and for the 5 s handler. Paste forms: curl -si /
# -sv (some with CRs kept, some CRLF, some only the `<` lines, some cut after
# the headers), HTTPie with colours, wget -S -O-, body-only and headers-only.
#
#   scripts/corpus/capture-round121.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round121.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round121.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 61200-61499, inside 60000-61999) and the script stops if a socket held by
# one of its own processes listens anywhere else (another helper may run its
# own servers in its own range meanwhile: those are not looked at, and never
# stopped); every curl, HTTPie and wget request runs under `timeout`; every
# loop is bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round121.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round121"
RUN=/tmp/api-triage-corpus121-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round121"
APPS108="$HERE/apps108"
APPS111="$HERE/apps111"
NODE_DIR=${CORPUS_NODE121:-/tmp/api-triage-corpus121-node}   # a copy of round 118's (express, koa, @koa/router, bun)
GO_DIR=/nonexistent     # no Go app this round
VENV=${CORPUS_VENV121:-/tmp/api-triage-corpus121-venv}       # a copy of round 118's (fastapi, flask, granian, daphne, httpie)
BUN="$NODE_DIR/node_modules/.bin/bun"
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 fastapi==0.165.0 flask==3.1.3 granian==2.8.9 daphne==4.2.3)
NPM=(express@4.22.1 koa@2 @koa/router bun@1.4.5)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus121 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 caddy python3-venv)
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

install_venv() {  # HTTPie, FastAPI, Flask, Granian, Daphne (a copy of round 118's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, fastapi, flask, granian, daphne" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # Express, Koa + Bun (a copy of round 118's node folder), from npm when missing
    [[ -d $NODE_DIR/node_modules/express && -d $NODE_DIR/node_modules/koa && -d $NODE_DIR/node_modules/@koa/router && -x $BUN ]] && return 0
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
# only ours are checked against 127.0.0.1 and 60000-61999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round121.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS108 && -d $APPS111 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,tls,apache,caddy/data,caddy/config}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "Express/Koa/Bun are missing (${SKIPPED[node]})"
for p in openssl apache2 caddy; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Apps: Express/Bun 61201, FastAPI/Daphne 61202, Flask/Granian 61203 (Caddy's);
# Koa/Bun 61211, Flask/Granian 61212, FastAPI/Daphne 61213 (Apache's).
# Fronts: Caddy 61301 + 61401 (TLS) + 61303; Apache 61411 (TLS) + 61312 + 61313.
APP_PORTS=(61201 61202 61203 61211 61212 61213)
FRONT_PORTS=(61301 61401 61303 61411 61312 61313)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for both fronts -----------------------------------
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=On-call lab/CN=api.brackenridge.test" \
    -addext "subjectAltName=DNS:api.brackenridge.test,DNS:api.mossgate.test,IP:127.0.0.1" \
    >"$RUN/logs/openssl.log" 2>&1 || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    c-express) start_bg c-express env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 "$BUN" \
            "$APPS108/express_app.js" 61201; wait_port 61201 c-express ;;
    c-fastapi) start_bg c-fastapi env PYTHONPATH="$APPS108" nice -n 5 "$VPY" -m daphne -b 127.0.0.1 -p 61202 \
            fastapi_app:app; wait_port 61202 c-fastapi ;;
    c-flask) start_bg c-flask nice -n 5 "$VPY" -m granian --interface wsgi --host 127.0.0.1 --port 61203 --workers 1 \
            --blocking-threads 4 --working-dir "$APPS108" flask_app:app; wait_port 61203 c-flask ;;
    a-koa) start_bg a-koa env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 "$BUN" \
            "$APPS108/koa_app.js" 61211; wait_port 61211 a-koa ;;
    a-flask) start_bg a-flask nice -n 5 "$VPY" -m granian --interface wsgi --host 127.0.0.1 --port 61212 --workers 1 \
            --blocking-threads 4 --working-dir "$APPS108" flask_app:app; wait_port 61212 a-flask ;;
    a-fastapi) start_bg a-fastapi env PYTHONPATH="$APPS108" nice -n 5 "$VPY" -m daphne -b 127.0.0.1 -p 61213 \
            fastapi_app:app; wait_port 61213 a-fastapi ;;
    esac
}
kill_app() {  # kill_app NAME: SIGKILL the server (and its workers), as the OOM killer does
    local f=$RUN/pids/$1.pid pid kids
    [[ -e $f ]] || return 0
    pid=$(cat "$f")
    kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null)
    kill -KILL "$pid" $kids 2>/dev/null
    rm -f "$f"
    sleep 0.5
}
for a in c-express c-fastapi c-flask a-koa a-flask a-fastapi; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 61411 apache && wait_port 61312 apache && wait_port 61313 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 61301 caddy && wait_port 61401 caddy && wait_port 61303 caddy && UP[caddy]=1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 121 (held out): real responses captured by
# scripts/corpus/capture-round121.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-120:
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
NOEXP=(-H 'Expect:')
BIGBODY=$(printf '{"ref":"XX-2001","memo":"%s"}' "$(head -c 3000 /dev/zero | tr '\0' 'x')")
LONG=$(printf 'x%.0s' $(seq 1 1500))
PAD=$(printf 'p%.0s' $(seq 1 10000))   # Go allows 4 KB over max_header_size 4KB: 10 KB is past it
FPAD=$(printf 'p%.0s' $(seq 1 2000))   # past Apache's LimitRequestFieldSize 1024
H1=(-sk --http1.1 -i)
H2=(-skv --http2)
BO=body-only-paste
HO=headers-only-paste

# ================================================= Caddy -> Express on Bun ==
if up caddy; then
    log "capturing: Express on Bun behind Caddy"
    S=express-bun-caddy-r121
    H=api.saltmarsh.test C=http://api.saltmarsh.test:61301 RC="--resolve api.saltmarsh.test:61301:127.0.0.1"
    cap $S express-200-order-caddy.txt 200 app express "order 1: Express's JSON passed on by Caddy's stock reverse_proxy" "curl -si" -- -si $RC $C/api/orders/1
    cap $S express-302-latest-caddy.txt 302 app express "/api/latest: Express's res.redirect 302 to /api/orders/1, passed on" "curl -sv" -- -sv $RC $C/api/latest
    capwin $S express-400-order-id-caddy.txt 400 app express "order id not a number: the handler's JSON 400" "curl -si pasted with CRLF" -- -si $RC $C/api/orders/abc
    HTTPIE_CMD=http caphttp $S express-401-account-caddy-httpie.txt 401 app express "no token: the handler's JSON 401 with WWW-Authenticate: Bearer" "HTTPie with colours" -- -v GET http://127.0.0.1:61301/api/account Host:$H:61301
    cap $S express-404-order9-caddy.txt 404 app express "order 9: the handler's JSON 404" "curl -si" -- -si $RC $C/api/orders/9
    capraw $S express-409-conflict-caddy.txt 409 app express "POST of an existing ref: the handler's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RC -X POST "${JSONH[@]}" -d '{"ref":"CV-1001"}' $C/api/orders
    cap $S express-422-missing-ref-caddy.txt 422 app express "POST without ref: the handler's JSON 422" "curl -si" -- -si $RC -X POST "${JSONH[@]}" -d '{}' $C/api/orders
    capwget $S express-500-boom-caddy-wget.txt 500 app express "a thrown error: finalhandler's HTML 'Internal Server Error' under Bun, passed on" "wget -S -O-" -- --header="Host: $H:61301" http://127.0.0.1:61301/api/boom
    caplt $S express-503-maintenance-caddy.txt 503 app express "the handler's JSON 503 with Retry-After, passed on" "curl -sv, only the < lines kept" -- -sv $RC $C/api/maintenance
    # run 1 labelled this 413; Caddy 2.6.2 sent an empty 502 (the limit trips while reverse_proxy streams the body, as round 117 saw)
    cap $S caddy-502-body-limit-express.txt 502 proxy caddy "a 3 KB body, request_body max_size 1KB: the limit trips while reverse_proxy streams the body, Caddy's empty 502 (run 1 expected a 413, see the README)" "curl -si" -- -si $RC -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $C/api/orders
    capcut $S caddy-431-header-express.txt 431 proxy caddy "a 10 KB header, max_header_size 4KB: Go's 431 inside Caddy" "curl -si, body cut off after the headers" -- -si $RC -H "X-Pad: $PAD" $C/api/orders/1
    cap $S caddy-504-slow-express.txt 504 proxy caddy "/api/slow takes 5 s, response_header_timeout 3s: Caddy's empty 504" "curl -sv" -- -sv $RC $C/api/slow
    capbody $BO body-express-409-conflict-caddy.txt 0/409 app express "the handler's JSON 409 (code CONFLICT, no status number)" "" -- $RC -X POST "${JSONH[@]}" -d '{"ref":"CV-1001"}' $C/api/orders
    caphead $HO head-express-404-order9-caddy.txt 404 app express "curl -sI on order 9: Express's 404 headers (HEAD served by the GET route)" "" -- $RC $C/api/orders/9
    kill_app c-express
    cap $S caddy-502-app-stopped-express.txt 502 proxy caddy "Bun killed: Caddy's empty 502" "curl -si" -- -si $RC $C/api/orders/1
    start_app c-express || die "c-express did not come back"
fi

# ================================================= Caddy (TLS + HTTP/2) -> FastAPI on Daphne ==
if up caddy; then
    log "capturing: FastAPI on Daphne behind Caddy (TLS + HTTP/2)"
    S=fastapi-daphne-caddy-tls-r121
    H=api.brackenridge.test B=https://api.brackenridge.test:61401 RB="--resolve api.brackenridge.test:61401:127.0.0.1"
    cap $S fastapi-200-order-caddy-h2.txt 200 app fastapi "HTTP/2 over TLS: order 1 from FastAPI on Daphne (Caddy adds X-Request-Id)" "curl -skv --http2" -- "${H2[@]}" $RB $B/api/orders/1
    cap $S fastapi-307-latest-caddy.txt 307 app fastapi "/api/latest: Starlette's RedirectResponse 307, passed on" "curl -sk --http1.1 -i" -- "${H1[@]}" $RB $B/api/latest
    cap $S fastapi-400-order-id-caddy-h2.txt 400 app fastapi "HTTP/2 over TLS: order id not a number: HTTPException 400, {\"detail\":...}" "" -- "${H2[@]}" $RB $B/api/orders/abc
    capraw $S fastapi-401-account-caddy.txt 401 app fastapi "no token: HTTPException 401 with WWW-Authenticate: Bearer" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RB $B/api/account
    caplt $S fastapi-403-admin-caddy-h2.txt 403 app fastapi "HTTP/2 over TLS: HTTPException 403" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $RB $B/api/admin
    cap $S fastapi-404-no-route-caddy.txt 404 app fastapi "no route: FastAPI's {\"detail\":\"Not Found\"}" "curl -sk --http1.1 -i" -- "${H1[@]}" $RB $B/api/v2/orders
    cap $S fastapi-409-conflict-caddy-h2.txt 409 app fastapi "HTTP/2 over TLS: POST of an existing ref: HTTPException 409" "" -- "${H2[@]}" $RB -X POST "${JSONH[@]}" -d '{"ref":"QN-1001"}' $B/api/orders
    capwin $S fastapi-429-quota-caddy.txt 429 app fastapi "HTTPException 429 with Retry-After" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RB $B/api/quota
    cap $S fastapi-500-boom-caddy-h2.txt 500 app fastapi "HTTP/2 over TLS: an uncaught error: Starlette's plain 'Internal Server Error' under Daphne, passed on" "" -- "${H2[@]}" $RB $B/api/boom
    # run 1 labelled this 413; Caddy sent an empty 502
    cap $S caddy-502-body-limit-fastapi-h2.txt 502 proxy caddy "HTTP/2 over TLS: a 3 KB body, request_body max_size 1KB: the limit trips while reverse_proxy streams the body, Caddy's empty 502 (run 1 expected a 413, see the README)" "" -- "${H2[@]}" $RB -X POST "${JSONH[@]}" -d "$BIGBODY" $B/api/orders
    cap $S caddy-504-slow-fastapi-h2.txt 504 proxy caddy "HTTP/2 over TLS: /api/slow takes 5 s, response_header_timeout 3s: Caddy's empty 504" "" -- "${H2[@]}" $RB $B/api/slow
    capbody $BO body-fastapi-422-missing-ref-caddy.txt 0/422 app fastapi "FastAPI's validation 422 (detail list, no status number)" "" -- -k $RB -X POST "${JSONH[@]}" -d '{}' $B/api/orders
    kill_app c-fastapi
    cap $S caddy-502-app-stopped-fastapi-h2.txt 502 proxy caddy "HTTP/2 over TLS: Daphne killed: Caddy's empty 502" "" -- "${H2[@]}" $RB $B/api/orders/1
    start_app c-fastapi || die "c-fastapi did not come back"
fi

# ================================================= Caddy -> Flask on Granian ==
if up caddy; then
    log "capturing: Flask on Granian behind Caddy"
    S=flask-granian-caddy-r121
    H=api.thornbury.test T=http://api.thornbury.test:61303 RT="--resolve api.thornbury.test:61303:127.0.0.1"
    cap $S flask-200-order-caddy.txt 200 app flask "order 1: Flask's JSON on Granian, passed on (Caddy adds X-Request-Id)" "curl -sv" -- -sv $RT $T/api/orders/1
    cap $S flask-308-docs-slash-caddy.txt 308 app flask "/api/docs: Werkzeug's own 308 to /api/docs/, passed on" "curl -si" -- -si $RT $T/api/docs
    HTTPIE_CMD=http caphttp $S flask-403-admin-caddy-httpie.txt 403 app flask "the handler's JSON 403" "HTTPie with colours" -- -v GET http://127.0.0.1:61303/api/admin Host:$H:61303
    cap $S flask-404-no-route-caddy.txt 404 app flask "no route: Werkzeug's HTML 404, passed on" "curl -si" -- -si $RT $T/api/v2/orders
    capcut $S flask-409-conflict-caddy.txt 409 app flask "POST of an existing ref: the handler's JSON 409" "curl -si, body cut off after the headers" -- -si $RT -X POST "${JSONH[@]}" -d '{"ref":"LS-1001"}' $T/api/orders
    cap $S flask-422-missing-ref-caddy.txt 422 app flask "POST without ref: the handler's JSON 422" "curl -sv" -- -sv $RT -X POST "${JSONH[@]}" -d '{}' $T/api/orders
    cap $S flask-429-quota-caddy.txt 429 app flask "the handler's JSON 429 with Retry-After" "curl -si" -- -si $RT $T/api/quota
    capwget $S flask-500-boom-caddy-wget.txt 500 app flask "an uncaught error: Werkzeug's HTML 500, passed on" "wget -S -O-" -- --header="Host: $H:61303" http://127.0.0.1:61303/api/boom
    capraw $S flask-503-statements-html-caddy.txt 503 app flask "the app's own HTML 503 page, passed on" "curl -si saved to a file (CRs kept)" -- -si $RT $T/api/statements
    cap $S caddy-400-malformed-host-flask.txt 400 proxy caddy "a Host header with a space in it: Go's '400 Bad Request: malformed Host header' inside Caddy" "curl -si" -- -si -H 'Host: api thornbury.test' http://127.0.0.1:61303/api/orders/1
    # run 1 labelled this 413; Caddy sent an empty 502
    caplt $S caddy-502-body-limit-flask.txt 502 proxy caddy "a 3 KB body, request_body max_size 1KB: the limit trips while reverse_proxy streams the body, Caddy's empty 502 (run 1 expected a 413, see the README)" "curl -sv, only the < lines kept" -- -sv $RT -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $T/api/orders
    cap $S caddy-504-slow-flask.txt 504 proxy caddy "/api/slow sleeps 5 s, response_header_timeout 3s: Caddy's empty 504" "curl -si" -- -si $RT $T/api/slow
    capbody $BO body-flask-429-quota-caddy.txt 0/429 app flask "the handler's JSON 429 (error rate_limited, no status number)" "" -- $RT $T/api/quota
    kill_app c-flask
    capdump $S caddy-502-app-stopped-flask.txt 502 proxy caddy "Granian killed: Caddy's empty 502" "curl -s -D-" -- $RT $T/api/orders/1
    caphead $HO head-caddy-502-app-stopped-flask.txt 502 proxy caddy "curl -sI while Granian is down: Caddy's 502" "" -- $RT $T/api/orders/1
    start_app c-flask || die "c-flask did not come back"
fi

# ================================================= Apache (TLS + HTTP/2) -> Koa on Bun ==
if up apache; then
    log "capturing: Koa on Bun behind Apache (TLS + HTTP/2)"
    S=koa-bun-apache-tls-r121
    H=api.mossgate.test M=https://api.mossgate.test:61411 RM="--resolve api.mossgate.test:61411:127.0.0.1"
    cap $S koa-200-order-apache-h2.txt 200 app koa "HTTP/2 over TLS: order 1 from Koa on Bun (Apache adds X-Request-Id from mod_unique_id)" "curl -skv --http2" -- "${H2[@]}" $RM $M/api/orders/1
    cap $S koa-302-latest-apache.txt 302 app koa "/api/latest: Koa's ctx.redirect 302, passed on" "curl -sk --http1.1 -i" -- "${H1[@]}" $RM $M/api/latest
    capwin $S koa-400-order-id-apache.txt 400 app koa "order id not a number: the handler's JSON 400" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RM $M/api/orders/abc
    cap $S koa-401-account-apache-h2.txt 401 app koa "HTTP/2 over TLS: ctx.throw(401): Koa's plain-text 'Unauthorized'" "" -- "${H2[@]}" $RM $M/api/account
    cap $S koa-404-no-route-apache.txt 404 app koa "no route: Koa's plain-text 'Not Found'" "curl -sk --http1.1 -i" -- "${H1[@]}" $RM $M/api/v2/orders
    cap $S koa-409-conflict-apache-h2.txt 409 app koa "HTTP/2 over TLS: POST of an existing ref: the handler's JSON 409" "" -- "${H2[@]}" $RM -X POST "${JSONH[@]}" -d '{"ref":"MG-1001"}' $M/api/orders
    caplt $S koa-422-missing-ref-apache-h2.txt 422 app koa "HTTP/2 over TLS: POST without ref: the handler's JSON 422" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $RM -X POST "${JSONH[@]}" -d '{}' $M/api/orders
    capraw $S koa-500-boom-apache.txt 500 app koa "a thrown error: Koa's plain-text 'Internal Server Error', passed on" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RM $M/api/boom
    cap $S koa-503-maintenance-apache-h2.txt 503 app koa "HTTP/2 over TLS: the handler's JSON 503 with Retry-After, passed on" "" -- "${H2[@]}" $RM $M/api/maintenance
    # run 1 labelled this Apache's 413; LimitRequestBody did not stop the proxied body (as round 115 saw) and Koa created the order
    cap $S koa-201-big-body-passed-apache.txt 201 app koa "a 3 KB body, LimitRequestBody 1024 in the server config did not stop the proxied body: the handler's JSON 201 (run 1 expected Apache's 413, see the README)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RM -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $M/api/orders
    capcut $S apache-414-long-uri-koa.txt 414 proxy apache "a 1.5 KB query string, LimitRequestLine 1024: Apache's stock 414" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RM "$M/api/orders/1?q=$LONG"
    # Apache's read timeout: round 113 saw its stock "502 Proxy Error" with the same build and ProxyTimeout 3
    cap $S apache-502-slow-koa-h2.txt 502 proxy apache "HTTP/2 over TLS: /api/slow takes 5 s, ProxyTimeout 3: Apache's stock 502 Proxy Error" "" -- "${H2[@]}" $RM $M/api/slow
    capbody $BO body-koa-401-account-apache.txt 0/401 app koa "Koa's plain-text 'Unauthorized' (no number)" "" -- -k --http1.1 $RM $M/api/account
    caphead $HO head-koa-429-quota-apache-h2.txt 429 app koa "curl -sI over HTTP/2: the handler's 429 headers (HEAD served by the GET route)" "" -- -k --http2 $RM $M/api/quota
    kill_app a-koa
    cap $S apache-503-app-stopped-koa.txt 503 proxy apache "Bun killed, retry=0: Apache's stock 503 Service Unavailable" "curl -sk --http1.1 -i" -- "${H1[@]}" $RM $M/api/orders/1
    start_app a-koa || die "a-koa did not come back"
fi

# ================================================= Apache -> Flask on Granian ==
if up apache; then
    log "capturing: Flask on Granian behind Apache"
    S=flask-granian-apache-r121
    H=api.larchmont.test L=http://api.larchmont.test:61312 RL="--resolve api.larchmont.test:61312:127.0.0.1"
    cap $S flask-200-order-apache.txt 200 app flask "order 1: Flask's JSON on Granian, passed on (Apache adds X-Request-Id)" "curl -si" -- -si $RL $L/api/orders/1
    capwget $S flask-308-docs-slash-apache-wget.txt 308 app flask "/api/docs: Werkzeug's own 308 to /api/docs/, passed on" "wget -S -O- --max-redirect=0" -- --max-redirect=0 --header="Host: $H:61312" http://127.0.0.1:61312/api/docs
    cap $S flask-400-order-id-apache.txt 400 app flask "order id not a number: the handler's JSON 400" "curl -sv" -- -sv $RL $L/api/orders/abc
    capraw $S flask-401-account-apache.txt 401 app flask "no token: the handler's JSON 401 with WWW-Authenticate: Bearer" "curl -si saved to a file (CRs kept)" -- -si $RL $L/api/account
    HTTPIE_CMD=http caphttp $S flask-404-order9-apache-httpie.txt 404 app flask "order 9: the handler's JSON 404" "HTTPie with colours" -- -v GET http://127.0.0.1:61312/api/orders/9 Host:$H:61312
    cap $S flask-422-missing-ref-apache.txt 422 app flask "POST without ref: the handler's JSON 422" "curl -si" -- -si $RL -X POST "${JSONH[@]}" -d '{}' $L/api/orders
    caplt $S flask-429-quota-apache.txt 429 app flask "the handler's JSON 429 with Retry-After" "curl -sv, only the < lines kept" -- -sv $RL $L/api/quota
    cap $S flask-500-boom-apache.txt 500 app flask "an uncaught error: Werkzeug's HTML 500, passed on" "curl -si" -- -si $RL $L/api/boom
    capwin $S flask-502-payments-html-apache.txt 502 app flask "the app's own HTML 502 page (payment provider), passed on" "curl -si pasted with CRLF" -- -si $RL $L/api/payments
    cap $S flask-503-maintenance-apache.txt 503 app flask "the handler's JSON 503 with Retry-After, passed on" "curl -si" -- -si $RL $L/api/maintenance
    # run 1 labelled this Apache's 413; the proxied body passed and Flask created the order
    cap $S flask-201-big-body-passed-apache.txt 201 app flask "a 3 KB body, LimitRequestBody 1024 in the server config did not stop the proxied body: the handler's JSON 201 (run 1 expected Apache's 413, see the README)" "curl -sv" -- -sv $RL -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $L/api/orders
    cap $S apache-400-header-too-long-flask.txt 400 proxy apache "a 2 KB header, LimitRequestFieldSize 1024: Apache's stock 400 ('Size of a request header field exceeds server limit')" "curl -si" -- -si $RL -H "X-Pad: $FPAD" $L/api/orders/1
    cap $S apache-502-slow-flask.txt 502 proxy apache "/api/slow sleeps 5 s, ProxyTimeout 3: Apache's stock 502 Proxy Error" "curl -si" -- -si $RL $L/api/slow
    # run 1 took a body-only paste of the expected 413 here (it was Flask's 201); run 2 takes Apache's 502 page for the slow handler instead
    capbody $BO body-apache-502-slow-flask.txt 502/502 proxy apache "Apache's stock '502 Proxy Error' page for the 5 s handler (its title shows 502)" "" -- $RL "$L/api/slow?from=dashboard"
    caphead $HO head-flask-403-admin-apache.txt 403 app flask "curl -sI on /api/admin: the handler's 403 headers" "" -- $RL $L/api/admin
    kill_app a-flask
    cap $S apache-503-app-stopped-flask.txt 503 proxy apache "Granian killed, retry=0: Apache's stock 503" "curl -sv" -- -sv $RL $L/api/orders/1
    start_app a-flask || die "a-flask did not come back"
fi

# ================================================= Apache -> FastAPI on Daphne ==
if up apache; then
    log "capturing: FastAPI on Daphne behind Apache"
    S=fastapi-daphne-apache-r121
    H=api.quillon.test Q=http://api.quillon.test:61313 RQ="--resolve api.quillon.test:61313:127.0.0.1"
    cap $S fastapi-200-order-apache.txt 200 app fastapi "order 1: FastAPI's JSON on Daphne, passed on (no request id on this site)" "curl -si" -- -si $RQ $Q/api/orders/1
    cap $S fastapi-307-latest-apache.txt 307 app fastapi "/api/latest: Starlette's RedirectResponse 307, passed on" "curl -sv" -- -sv $RQ $Q/api/latest
    HTTPIE_CMD=http caphttp $S fastapi-401-account-apache-httpie.txt 401 app fastapi "no token: HTTPException 401 with WWW-Authenticate: Bearer" "HTTPie with colours" -- -v GET http://127.0.0.1:61313/api/account Host:$H:61313
    cap $S fastapi-403-admin-apache.txt 403 app fastapi "HTTPException 403" "curl -si" -- -si $RQ $Q/api/admin
    capraw $S fastapi-404-order9-apache.txt 404 app fastapi "order 9: HTTPException 404, {\"detail\":\"Order not found\"}" "curl -si saved to a file (CRs kept)" -- -si $RQ $Q/api/orders/9
    cap $S fastapi-409-conflict-apache.txt 409 app fastapi "POST of an existing ref: HTTPException 409" "curl -si" -- -si $RQ -X POST "${JSONH[@]}" -d '{"ref":"QN-1001"}' $Q/api/orders
    capcut $S fastapi-422-missing-ref-apache.txt 422 app fastapi "POST without ref: FastAPI's validation 422" "curl -si, body cut off after the headers" -- -si $RQ -X POST "${JSONH[@]}" -d '{}' $Q/api/orders
    capwget $S fastapi-500-boom-apache-wget.txt 500 app fastapi "an uncaught error: Starlette's plain 'Internal Server Error', passed on" "wget -S -O-" -- --header="Host: $H:61313" http://127.0.0.1:61313/api/boom
    cap $S fastapi-503-statements-html-apache.txt 503 app fastapi "the app's own HTML 503 page, passed on" "curl -sv" -- -sv $RQ $Q/api/statements
    capwin $S apache-414-long-uri-fastapi.txt 414 proxy apache "a 1.5 KB query string, LimitRequestLine 1024: Apache's stock 414" "curl -si pasted with CRLF" -- -si $RQ "$Q/api/orders/1?q=$LONG"
    # run 1 labelled this Apache's 413; the proxied body passed and FastAPI created the order
    cap $S fastapi-201-big-body-passed-apache.txt 201 app fastapi "a 3 KB body, LimitRequestBody 1024 in the server config did not stop the proxied body: FastAPI's 201 (run 1 expected Apache's 413, see the README)" "curl -si" -- -si $RQ -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $Q/api/orders
    caplt $S apache-502-slow-fastapi.txt 502 proxy apache "/api/slow takes 5 s, ProxyTimeout 3: Apache's stock 502 Proxy Error" "curl -sv, only the < lines kept" -- -sv $RQ $Q/api/slow
    kill_app a-fastapi
    cap $S apache-503-app-stopped-fastapi.txt 503 proxy apache "Daphne killed, retry=0: Apache's stock 503" "curl -si" -- -si $RQ $Q/api/orders/1
    capbody $BO body-apache-503-app-stopped-fastapi.txt 503/503 proxy apache "Apache's stock 503 page while Daphne is down (its title shows 503)" "" -- $RQ $Q/api/orders/2
    start_app a-fastapi || die "a-fastapi did not come back"
fi

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in apache caddy; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round121/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
