#!/usr/bin/env bash
# capture-round119.sh — build the hundred-and-nineteenth held-out evidence
# corpus in tests/fixtures/evidence-round119/.
#
# "The most common front, nginx, before common apps, small and quick" (a
# third look after rounds 109 and 110): nginx 1.22 as teams most often write
# it (Debian's stock nginx.conf with `gzip on`, a plain proxy_pass with the
# usual proxy_set_header lines, its stock error pages, one body limit, a 3 s
# proxy_read_timeout, `add_header X-Request-ID $request_id always` on three
# sites, TLS + HTTP/2 on two) in front of four apps, each a front + app
# server + framework triple no earlier round's setup list has (checked with
# `grep -h '^setup' tests/fixtures/evidence-round*/labels.toml | sort -u`):
#   - Fastify 4 (apps101/fastify_app.js) on Bun            (HTTP, X-Request-ID);
#   - FastAPI (apps108/fastapi_app.py) on Daphne           (TLS + HTTP/2);
#   - Django 5.2 (apps108/django_app.py via apps111/django_asgi.py) on
#     gunicorn with uvicorn's UvicornWorker                (HTTP, X-Request-ID);
#   - Sinatra 3 (apps103/sinatra_app.rb) on Unicorn        (TLS + HTTP/2, X-Request-ID).
# Per setup: the app's own 400/401/403/404/409/422/429/500/503 (JSON where
# the framework writes JSON, its stock HTML/text where it does), a 200 and a
# redirect passed on, and nginx's own 413, 414 or 400, 502 (app stopped) and
# 504 (app slow). Front config in scripts/corpus/conf-round119/.
# Paste forms: curl -sv / -si transcripts (some saved with their CRs, some
# with CRLF on every line, some with only the `<` lines of -v kept, some cut
# off after the headers), HTTPie with colours (and its Accept-Encoding, so
# nginx gzips its own HTML pages), wget -S -O-, body-only and headers-only
# pastes.
#
#   scripts/corpus/capture-round119.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round119.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round119.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60000-61999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round119.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round119"
RUN=/tmp/api-triage-corpus119-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round119"
APPS101="$HERE/apps101"
APPS103="$HERE/apps103"
APPS108="$HERE/apps108"
APPS111="$HERE/apps111"
NODE_DIR=${CORPUS_NODE119:-/tmp/api-triage-corpus119-node}
GO_DIR=/nonexistent-round119-go   # no Go app this round
VENV=${CORPUS_VENV119:-/tmp/api-triage-corpus119-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0 daphne==4.2.3)
NPM=(fastify@4.29.1 bun@1.4.5)
BUN="$NODE_DIR/node_modules/.bin/bun"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus119 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(nginx openssl wget python3-venv unicorn ruby-sinatra)
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
install_venv() {  # HTTPie, Django, FastAPI, gunicorn, uvicorn, Daphne (a copy of round 118's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, django, fastapi, gunicorn, uvicorn.workers, daphne" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # Fastify + Bun (a copy of round 118's node folder), from npm when missing
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round119.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn,tls,unicorn}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "Fastify/Bun are missing (${SKIPPED[node]})"
for p in nginx openssl wget unicorn ruby-sinatra; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# apps: Fastify/Bun 60911, FastAPI/Daphne 60912, Django/gunicorn+uvicorn
# 60913, Sinatra/Unicorn 60914. nginx: 60901-60904 (one site each).
APP_PORTS=(60911 60912 60913 60914)
FRONT_PORTS=(60901 60902 60903 60904)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=api.quillon.test" \
    -addext "subjectAltName=DNS:api.quillon.test,DNS:api.ashby.test" \
    -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" >"$RUN/logs/openssl.log" 2>&1 || die "openssl failed"

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg fastify env BRAND=Helmsley NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production \
    nice -n 5 "$BUN" "$APPS101/fastify_app.js" 60911
start_bg fastapi env PYTHONPATH="$APPS108" nice -n 5 "$VPY" -m daphne -b 127.0.0.1 -p 60912 fastapi_app:app
start_bg django nice -n 5 "$VPY" -m gunicorn -k uvicorn.workers.UvicornWorker \
    --bind 127.0.0.1:60913 --workers 2 --pythonpath "$APPS108,$APPS111" --worker-tmp-dir "$RUN/gunicorn" django_asgi:application
start_bg sinatra env UNICORN_PID="$RUN/unicorn/unicorn.pid" RACK_ENV=production nice -n 5 unicorn \
    -c "$CONF/unicorn.conf.rb" -l 127.0.0.1:60914 -E production "$APPS103/sinatra.ru"
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the front ----------------------------------------------------------------
mkdir -p "$RUN"/nginx/tmp
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60901 nginx && wait_port 60904 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"
up nginx || die "nginx did not start"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 119 (held out): real responses captured by
# scripts/corpus/capture-round119.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-118:
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
head -c 2097152 /dev/zero | tr '\0' 'n' >"$RUN/work/big.bin"     # 2 MB, client_max_body_size 1m
BIGBODY=(--data-binary @"$RUN/work/big.bin")
LONGQ="q=$(printf 'x%.0s' $(seq 1 9000))"                          # a 9 KB request line: over large_client_header_buffers 4 8k
BIGHDR="Cookie: session=$(printf 'c%.0s' $(seq 1 9000))"          # a 9 KB header: over the 8 KB buffer
H2=(-skv --http2)
H1=(-sk --http1.1 -i)

# ===================================================== nginx -> Fastify (Bun) ==
log "capturing: Fastify (Bun) behind nginx"
S=fastify-bun-nginx-r119
H=api.helmsley.test:60901 U=http://api.helmsley.test:60901 R="--resolve api.helmsley.test:60901:127.0.0.1"
cap $S fastify-200-ticket-nginx.txt 200 app fastify "ticket 1 from Fastify on Bun; nginx's X-Request-ID on the answer" "curl -sv" -- -sv $R $U/api/tickets/1
cap $S fastify-400-ticket-id-nginx.txt 400 app fastify "a ticket id that is not an integer: Fastify's schema validation 400 (FST_ERR_VALIDATION)" "curl -si" -- -si $R $U/api/tickets/abc
HTTPIE_CMD=http caphttp $S fastify-401-me-nginx-httpie.txt 401 app fastify "HTTPie, no token: the onRequest hook's error, Fastify's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60901/api/me Host:$H
capwin $S fastify-403-admin-nginx.txt 403 app fastify "a user token on /api/admin/: the hook's error, Fastify's JSON 403" "curl -si pasted with CRLF" -- -si $R -H 'Authorization: Bearer user-token' $U/api/admin/stats
cap $S fastify-404-ticket9-nginx.txt 404 app fastify "ticket 9: the handler's JSON 404" "curl -si" -- -si $R $U/api/tickets/9
capcut $S fastify-404-route-nginx.txt 404 app fastify "no route: Fastify's JSON 'Route GET:/api/v2/tickets not found'" "curl -si, body cut off after the headers" -- -si $R $U/api/v2/tickets
caplt $S fastify-409-post-nginx.txt 409 app fastify "POST of a ticket already open: the handler's JSON 409" "curl -sv, only the < lines kept" -- -sv $R -X POST "${JSONH[@]}" -d '{"title":"Helmsley: printer on floor 3 is on fire"}' $U/api/tickets
quiet $R $U/api/search
quiet $R $U/api/search
capraw $S fastify-429-search-nginx.txt 429 app fastify "/api/search a third time in the minute: the handler's rate-limit-shaped JSON 429 with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/search
cap $S fastify-500-boom-nginx.txt 500 app fastify "a thrown Error: Fastify's JSON 500, passed on" "" -- -sv $R $U/api/boom
capwget $S fastify-503-readyz-nginx-wget.txt 503 app fastify "/readyz: the handler's JSON 503 (database down)" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60901/readyz
cap $S fastify-301-v1-ticket-nginx.txt 301 app fastify "/api/v1/tickets/1: reply.redirect's 301" "curl -si" -- -si $R $U/api/v1/tickets/1
cap $S fastify-201-post-nginx.txt 201 app fastify "POST of a new ticket: the handler's 201 with Location" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"title":"Badge reader at door 2","priority":"low"}' $U/api/tickets
cap $S nginx-400-header-fastify.txt 400 proxy nginx "a 9 KB Cookie header, large_client_header_buffers 4 8k: nginx's stock 400 'Request Header Or Cookie Too Large' with X-Request-ID" "curl -si" -- -si $R -H "$BIGHDR" $U/api/tickets/1
cap $S nginx-413-body-fastify.txt 413 proxy nginx "a 2 MB body, client_max_body_size 1m: nginx's stock 413 with X-Request-ID" "curl -si" -- -si $R -X POST "${JSONH[@]}" "${NOEXP[@]}" "${BIGBODY[@]}" $U/api/tickets
cap $S nginx-504-slow-fastify.txt 504 proxy nginx "the handler waits 5 s, proxy_read_timeout 3s: nginx's stock 504 with X-Request-ID" "" -- -sv $R $U/api/slow
capbody body-only-paste body-fastify-409-post.txt 409/409 app fastify "Fastify's JSON 409 ({\"statusCode\":409,...})" "" -- $R -X POST "${JSONH[@]}" -d '{"title":"Helmsley: printer on floor 3 is on fire"}' "$U/api/tickets"
caphead headers-only-paste head-nginx-504-slow-fastify.txt 504 proxy nginx "curl -sI on /api/slow: nginx's 504 with X-Request-ID" "" -- $R $U/api/slow
log "stopping Fastify"
stop_name fastify
cap $S nginx-502-app-stopped-fastify.txt 502 proxy nginx "Bun stopped (connection refused): nginx's stock 502 with X-Request-ID" "curl -si" -- -si $R $U/api/tickets/1

# ===================================================== nginx (TLS, h2) -> FastAPI (Daphne) ==
log "capturing: FastAPI (Daphne) behind nginx"
S=fastapi-daphne-nginx-r119
H=api.quillon.test U=https://api.quillon.test:60902 R="--resolve api.quillon.test:60902:127.0.0.1"
cap $S fastapi-200-order-nginx-h2.txt 200 app fastapi "HTTP/2 over TLS: order 1 from FastAPI on Daphne" "curl -skv --http2" -- "${H2[@]}" $R $U/api/orders/1
cap $S fastapi-400-order-id-nginx.txt 400 app fastapi "an order id that is not a number: HTTPException's JSON 400" "curl -sk --http1.1 -i" -- "${H1[@]}" $R $U/api/orders/abc
caphttp $S fastapi-401-account-nginx-httpie.txt 401 app fastapi "HTTPie over TLS, no token: HTTPException's JSON 401 with WWW-Authenticate: Bearer" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:60902/api/account Host:$H
cap $S fastapi-403-admin-nginx-h2.txt 403 app fastapi "HTTP/2 over TLS: HTTPException's JSON 403" "" -- "${H2[@]}" $R $U/api/admin
capwin $S fastapi-404-order9-nginx.txt 404 app fastapi "order 9: HTTPException's JSON 404" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $R $U/api/orders/9
cap $S fastapi-409-post-nginx-h2.txt 409 app fastapi "HTTP/2 over TLS: POST of an existing ref: HTTPException's JSON 409" "" -- "${H2[@]}" $R -X POST "${JSONH[@]}" -d '{"ref":"QN-1001","total":2}' $U/api/orders
caphttp $S fastapi-422-post-nginx-httpie.txt 422 app fastapi "HTTPie over TLS, POST without ref: FastAPI's own validation 422" "HTTPie with colours" -- --verify=no -v POST https://127.0.0.1:60902/api/orders Host:$H total:=2
caplt $S fastapi-429-quota-nginx-h2.txt 429 app fastapi "HTTP/2 over TLS: HTTPException's JSON 429 with Retry-After" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $R $U/api/quota
cap $S fastapi-500-boom-nginx.txt 500 app fastapi "an uncaught error: Starlette's text 'Internal Server Error' under Daphne, passed on" "curl -sk --http1.1 -i" -- "${H1[@]}" $R $U/api/boom
capraw $S fastapi-503-maintenance-nginx.txt 503 app fastapi "the handler's JSON 503 with Retry-After" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $R $U/api/maintenance
cap $S fastapi-307-latest-nginx-h2.txt 307 app fastapi "HTTP/2 over TLS: /api/latest, RedirectResponse's 307" "" -- "${H2[@]}" $R $U/api/latest
caplt $S nginx-413-body-fastapi.txt 413 proxy nginx "a 2 MB body, client_max_body_size 1m: nginx's stock 413" "curl -sk --http1.1 -v, only the < lines kept" -- -skv --http1.1 $R -X POST "${JSONH[@]}" "${NOEXP[@]}" "${BIGBODY[@]}" $U/api/orders
cap $S nginx-414-uri-fastapi.txt 414 proxy nginx "a 9 KB query string, large_client_header_buffers 4 8k: nginx's stock 414" "curl -sk --http1.1 -i" -- "${H1[@]}" $R "$U/api/orders?$LONGQ"
cap $S nginx-504-slow-fastapi-h2.txt 504 proxy nginx "HTTP/2 over TLS: the handler waits 5 s, proxy_read_timeout 3s: nginx's stock 504" "" -- "${H2[@]}" $R $U/api/slow
capbody body-only-paste body-fastapi-422-post.txt 0/422 app fastapi "FastAPI's validation 422 ({\"detail\":[...]}, no number in it)" "" -- -k $R -X POST "${JSONH[@]}" -d '{"total":2}' "$U/api/orders"
capbody body-only-paste body-nginx-414-uri-fastapi.txt 414/414 proxy nginx "nginx's stock 414 page (<title>414 Request-URI Too Large</title>)" "" -- -k --http1.1 $R "$U/api/orders?$LONGQ"
log "stopping FastAPI"
stop_name fastapi
caphttp $S nginx-502-app-stopped-fastapi-httpie.txt 502 proxy nginx "HTTPie over TLS, Daphne stopped (connection refused): nginx's stock 502 (HTTPie sends Accept-Encoding: gzip; run 1 showed nginx leaves its own error pages uncompressed)" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:60902/api/orders/1 Host:$H

# ===================================================== nginx -> Django (gunicorn + uvicorn) ==
log "capturing: Django (gunicorn + UvicornWorker) behind nginx"
S=django-gunicorn-uvicorn-nginx-r119
H=api.fernhill.test:60903 U=http://api.fernhill.test:60903 R="--resolve api.fernhill.test:60903:127.0.0.1"
cap $S django-200-order-nginx.txt 200 app django "order 1 from Django (ASGI) on gunicorn's UvicornWorker; nginx's X-Request-ID" "curl -sv" -- -sv $R $U/api/orders/1
capraw $S django-400-order-id-nginx.txt 400 app django "an order id that is not a number: the view's JSON 400" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/orders/abc
cap $S django-401-account-nginx.txt 401 app django "no token: the view's JSON 401" "curl -si" -- -si $R $U/api/account
HTTPIE_CMD=http caphttp $S django-403-admin-nginx-httpie.txt 403 app django "HTTPie: the view's JSON 403" "HTTPie with colours" -- -v GET http://127.0.0.1:60903/api/admin Host:$H
cap $S django-404-order9-nginx.txt 404 app django "order 9: the view's JSON 404" "curl -si" -- -si $R $U/api/orders/9
capwin $S django-404-route-nginx.txt 404 app django "no route, DEBUG off: Django's HTML 'Not Found' page, passed on" "curl -si pasted with CRLF" -- -si $R $U/api/v2/orders
cap $S django-409-post-nginx.txt 409 app django "POST of an existing ref: the view's JSON 409" "" -- -sv $R -X POST "${JSONH[@]}" -d '{"ref":"FH-1001"}' $U/api/orders
cap $S django-422-post-nginx.txt 422 app django "POST without ref: the view's JSON 422" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"total":2}' $U/api/orders
capwget $S django-429-quota-nginx-wget.txt 429 app django "the view's JSON 429 with Retry-After" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60903/api/quota
caplt $S django-500-boom-nginx.txt 500 app django "an uncaught error, DEBUG off: Django's HTML 'Server Error (500)', passed on" "curl -sv, only the < lines kept" -- -sv $R $U/api/boom
cap $S django-503-maintenance-nginx.txt 503 app django "the view's JSON 503 with Retry-After" "curl -si" -- -si $R $U/api/maintenance
cap $S django-301-docs-nginx.txt 301 app django "/api/docs: CommonMiddleware's APPEND_SLASH 301" "curl -si" -- -si $R $U/api/docs
cap $S nginx-414-uri-django.txt 414 proxy nginx "a 9 KB query string, large_client_header_buffers 4 8k: nginx's stock 414 with X-Request-ID" "curl -si" -- -si $R "$U/api/orders?$LONGQ"
cap $S nginx-400-header-django.txt 400 proxy nginx "a 9 KB Cookie header, large_client_header_buffers 4 8k: nginx's stock 400 'Request Header Or Cookie Too Large'" "" -- -sv $R -H "$BIGHDR" $U/api/orders/1
HTTPIE_CMD=http caphttp $S nginx-504-slow-django-httpie.txt 504 proxy nginx "HTTPie: the view waits 5 s, proxy_read_timeout 3s: nginx's stock 504 with X-Request-ID (uncompressed despite HTTPie's Accept-Encoding)" "HTTPie with colours" -- -v GET http://127.0.0.1:60903/api/slow Host:$H
capbody body-only-paste body-django-500-boom.txt 500/500 app django "Django's HTML '<h1>Server Error (500)</h1>'" "" -- $R "$U/api/boom"
caphead headers-only-paste head-django-301-docs.txt 301 app django "curl -sI on /api/docs: CommonMiddleware's 301" "" -- $R $U/api/docs
log "stopping Django"
stop_name django
capwget $S nginx-502-app-stopped-django-wget.txt 502 proxy nginx "gunicorn stopped (connection refused): nginx's stock 502 with X-Request-ID" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60903/api/orders/1

# ===================================================== nginx (TLS, h2) -> Sinatra (Unicorn) ==
log "capturing: Sinatra (Unicorn) behind nginx"
S=sinatra-unicorn-nginx-r119
H=api.ashby.test U=https://api.ashby.test:60904 R="--resolve api.ashby.test:60904:127.0.0.1"
cap $S sinatra-200-ticket-nginx-h2.txt 200 app sinatra "HTTP/2 over TLS: ticket 1 from Sinatra on Unicorn; nginx's X-Request-ID" "curl -skv --http2" -- "${H2[@]}" $R $U/api/tickets/1
cap $S sinatra-400-post-json-nginx.txt 400 app sinatra "POST of a body that is not JSON: the handler's JSON 400" "curl -sk --http1.1 -i" -- "${H1[@]}" $R -X POST "${JSONH[@]}" -d '{"subject":' $U/api/tickets
caphttp $S sinatra-401-me-nginx-httpie.txt 401 app sinatra "HTTPie over TLS, no token: the handler's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:60904/api/me Host:$H
cap $S sinatra-403-admin-nginx-h2.txt 403 app sinatra "HTTP/2 over TLS: the handler's JSON 403" "" -- "${H2[@]}" $R $U/api/admin
capraw $S sinatra-404-ticket9-nginx.txt 404 app sinatra "ticket 9: the handler's JSON 404" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $R $U/api/tickets/9
cap $S sinatra-404-route-nginx-h2.txt 404 app sinatra "HTTP/2 over TLS, no route: Sinatra's '<h1>Not Found</h1>', passed on" "" -- "${H2[@]}" $R $U/api/v2/tickets
capwin $S sinatra-409-post-nginx.txt 409 app sinatra "POST of a ticket already open: the handler's JSON 409" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $R -X POST "${JSONH[@]}" -d '{"subject":"VPN drops every hour"}' $U/api/tickets
cap $S sinatra-422-post-nginx.txt 422 app sinatra "POST with an empty subject: the handler's JSON 422" "curl -sk --http1.1 -i" -- "${H1[@]}" $R -X POST "${JSONH[@]}" -d '{"subject":""}' $U/api/tickets
cap $S sinatra-429-exports-nginx-h2.txt 429 app sinatra "HTTP/2 over TLS: the handler's JSON 429 with Retry-After" "" -- "${H2[@]}" $R $U/api/exports
caplt $S sinatra-500-history-nginx-h2.txt 500 app sinatra "HTTP/2 over TLS, an uncaught NoMethodError: Sinatra's '<h1>Internal Server Error</h1>', passed on" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $R $U/api/tickets/1/history
capcut $S sinatra-503-maintenance-nginx.txt 503 app sinatra "the handler's JSON 503 with Retry-After" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $R $U/api/maintenance
cap $S sinatra-302-ticket-redirect-nginx.txt 302 app sinatra "/tickets/1: Sinatra's redirect, 302 to /api/tickets/1" "curl -sk --http1.1 -i" -- "${H1[@]}" $R $U/tickets/1
cap $S sinatra-301-help-nginx-h2.txt 301 app sinatra "HTTP/2 over TLS: /help, Sinatra's redirect with 301 to /api/docs" "" -- "${H2[@]}" $R $U/help
cap $S sinatra-201-post-nginx.txt 201 app sinatra "POST of a new ticket: the handler's 201" "curl -sk --http1.1 -i" -- "${H1[@]}" $R -X POST "${JSONH[@]}" -d '{"subject":"Laptop will not boot"}' $U/api/tickets
capraw $S nginx-414-uri-sinatra.txt 414 proxy nginx "a 9 KB query string over HTTP/1.1, large_client_header_buffers 4 8k: nginx's stock 414 with X-Request-ID" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $R "$U/api/tickets/1?$LONGQ"
cap $S nginx-413-body-sinatra-h2.txt 413 proxy nginx "HTTP/2 over TLS, a 2 MB body, client_max_body_size 1m: nginx's stock 413 with X-Request-ID" "" -- "${H2[@]}" $R -X POST "${JSONH[@]}" "${BIGBODY[@]}" $U/api/tickets
capwin $S nginx-504-slow-sinatra.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 3s: nginx's stock 504 with X-Request-ID" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $R $U/api/slow
capbody body-only-paste body-sinatra-404-route.txt 0/404 app sinatra "Sinatra's '<h1>Not Found</h1>' (no number in it)" "" -- -k $R "$U/api/v2/tickets"
caphead headers-only-paste head-sinatra-429-exports.txt 429 app sinatra "curl -sI over TLS on /api/exports: the handler's 429 (HEAD)" "" -- -k --http1.1 $R $U/api/exports
log "stopping Sinatra"
stop_name sinatra
cap $S nginx-502-app-stopped-sinatra-h2.txt 502 proxy nginx "HTTP/2 over TLS, Unicorn stopped (connection refused): nginx's stock 502 with X-Request-ID" "" -- "${H2[@]}" $R $U/api/tickets/1
capbody body-only-paste body-nginx-502-app-stopped-sinatra.txt 502/502 proxy nginx "nginx's stock 502 page (<title>502 Bad Gateway</title>)" "" -- -k $R "$U/api/tickets/1?from=dashboard"

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round119/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
