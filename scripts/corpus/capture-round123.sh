#!/usr/bin/env bash
# capture-round123.sh — build the hundred-and-twenty-third held-out evidence
# corpus in tests/fixtures/evidence-round123/.
#
# "Go, Ruby, PHP and Node apps behind nginx and Caddy, small and quick": six
# front + app setups, each a front + app server + framework triple no earlier
# round's setup list has (checked with
# `grep -h '^setup' tests/fixtures/evidence-round*/labels.toml | sort -u`;
# every Go framework and every php-fpm framework available offline had met
# both fronts already, so the six are Node-on-Bun and Ruby-on-Unicorn ones):
#   - nginx 1.22 (Debian's stock nginx.conf, one plain proxy_pass per site,
#     client_max_body_size 1m, proxy_read_timeout 3s; conf-round123/nginx.conf)
#     before
#       Koa 2 (apps101/koa_app.js) on Bun, X-Request-ID $request_id;
#       NestJS 10 (apps101/nest_app.js) on Bun, X-Request-ID $request_id;
#       Rails 6.1 API (apps103/rails_api.ru) on Unicorn, TLS + HTTP/2;
#   - Caddy 2.6 (reverse_proxy, request_body max_size 1KB, max_header_size
#     4KB, response_header_timeout 3s; conf-round123/Caddyfile) before
#       Sinatra 3 (apps103/sinatra.ru) on Unicorn, X-Request-Id uuid;
#       Fastify 4 (apps101/fastify_app.js) on Bun, TLS + HTTP/2;
#       Hono 4 (apps123/hono_bun_app.mjs: round 101's app on Bun.serve) on
#       Bun, X-Request-Id uuid.
# Per setup: the app's own 400/401/403/404/409/422/429/500/503 (those the app
# has), a 200 and a redirect passed on, and the front's own refusals
# (413/414/431/400), its 502 (app stopped) and its 504 (app slow).
# Paste forms: curl -sv / -si transcripts (some saved with their CRs, some
# with CRLF on every line, some with only the `<` lines of -v kept, some cut
# off after the headers), HTTPie with colours, wget -S -O-, body-only and
# headers-only pastes.
#
#   scripts/corpus/capture-round123.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round123.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round123.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 61300-61399) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round123.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round123"
RUN=/tmp/api-triage-corpus123-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round123"
APPS92="$HERE/apps92"
APPS101="$HERE/apps101"
APPS103="$HERE/apps103"
APPS123="$HERE/apps123"
NODE_DIR=${CORPUS_NODE123:-/tmp/api-triage-corpus123-node}   # a copy of round 122's (fastify, koa, nestjs, bun) + hono from round 116's
GO_DIR=/nonexistent-round123-go   # no Go app this round
VENV=${CORPUS_VENV123:-/tmp/api-triage-corpus123-venv}   # a copy of round 122's (only HTTPie is used)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4)
NPM=(fastify@4.29.1 koa@2 @koa/router@12 raw-body @nestjs/core@10 @nestjs/common@10 @nestjs/platform-express@10 reflect-metadata rxjs hono@4 bun@1.4.5)
BUN="$NODE_DIR/node_modules/.bin/bun"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus123 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(nginx caddy openssl wget python3-venv unicorn ruby-sinatra ruby-rails)
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
install_venv() {  # HTTPie (a copy of round 122's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # Fastify, Koa, NestJS, Hono + Bun (a copy of round 122's node folder + hono), from npm when missing
    [[ -d $NODE_DIR/node_modules/fastify && -d $NODE_DIR/node_modules/koa && -d $NODE_DIR/node_modules/@nestjs/core && -d $NODE_DIR/node_modules/hono && -x $BUN ]] && return 0
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
# only ours are checked against 127.0.0.1 and 61300-61399) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round123.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS92 && -d $APPS101 && -d $APPS103 && -d $APPS123 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,tls,unicorn-rails,unicorn-sinatra,rails/public,nginx/tmp,caddy/data,caddy/config}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "Koa/NestJS/Fastify/Hono/Bun are missing (${SKIPPED[node]})"
for p in nginx caddy openssl wget unicorn ruby-sinatra ruby-rails; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Apps: Koa/Bun 61321, NestJS/Bun 61322, Rails/Unicorn 61323 (nginx's);
# Sinatra/Unicorn 61324, Fastify/Bun 61325, Hono/Bun 61326 (Caddy's).
# Fronts: nginx 61301-61303 (61303 TLS + HTTP/2); Caddy 61311, 61312 (TLS), 61313.
APP_PORTS=(61321 61322 61323 61324 61325 61326)
FRONT_PORTS=(61301 61302 61303 61311 61312 61313)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for both fronts -------------------------------
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=On-call lab/CN=api.wexcombe.test" \
    -addext "subjectAltName=DNS:api.wexcombe.test,DNS:api.osprey.test,IP:127.0.0.1" \
    >"$RUN/logs/openssl.log" 2>&1 || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
cp "$APPS92"/rails_public/*.html "$RUN/rails/public/"
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production)
start_bg koa "${NODEENV[@]}" nice -n 5 "$BUN" "$APPS101/koa_app.js" 61321
start_bg nest "${NODEENV[@]}" nice -n 5 "$BUN" "$APPS101/nest_app.js" 61322
start_bg rails env UNICORN_PID="$RUN/unicorn-rails/unicorn.pid" RAILS_ENV=production RAILS_PUBLIC="$RUN/rails/public" \
    nice -n 5 unicorn -c "$CONF/unicorn.conf.rb" -l 127.0.0.1:61323 -E production "$APPS103/rails_api.ru"
start_bg sinatra env UNICORN_PID="$RUN/unicorn-sinatra/unicorn.pid" RACK_ENV=production nice -n 5 unicorn \
    -c "$CONF/unicorn.conf.rb" -l 127.0.0.1:61324 -E production "$APPS103/sinatra.ru"
start_bg fastify env BRAND=Osprey "${NODEENV[@]:1}" nice -n 5 "$BUN" "$APPS101/fastify_app.js" 61325
start_bg hono "${NODEENV[@]}" nice -n 5 "$BUN" "$APPS123/hono_bun_app.mjs" 61326
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
declare -A UP=()
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 61301 nginx && wait_port 61302 nginx && wait_port 61303 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 61311 caddy && wait_port 61312 caddy && wait_port 61313 caddy && UP[caddy]=1
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 61300 || p > 61399) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 61300-61399: $NEWPORTS"
log "servers up: ${!UP[*]}"
for f in nginx caddy; do up $f || die "$f did not start"; done
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 123 (held out): real responses captured by
# scripts/corpus/capture-round123.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-122:
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
ACCJ=(-H 'Accept: application/json')
NOEXP=(-H 'Expect:')   # no 100-continue for the big bodies: one status per transcript
head -c 2097152 /dev/zero | tr '\0' 'n' >"$RUN/work/big.bin"     # 2 MB: over nginx's client_max_body_size 1m
BIGBODY=(--data-binary @"$RUN/work/big.bin")
printf '{"title":"%s"}' "$(printf 'p%.0s' $(seq 1 3000))" >"$RUN/work/3k.json"   # 3 KB JSON: over Caddy's request_body max_size 1KB
BODY3K=(--data-binary @"$RUN/work/3k.json")
printf '{"title":"%s"}' "$(printf 'k%.0s' $(seq 1 10000))" >"$RUN/work/10k.json"  # 10 KB JSON: under nginx's 1m, over the Koa app's 8 KB raw-body limit
HDR9="Cookie: session=$(printf 'c%.0s' $(seq 1 9000))"           # 9 KB: over nginx's large_client_header_buffers 4 8k
HDR10="X-Pad: $(printf 'p%.0s' $(seq 1 10000))"                  # 10 KB: over Caddy's max_header_size 4KB (Go adds 4 KB of slack: run 1 sent 6 KB and got 200s)
LONGQ="q=$(printf 'x%.0s' $(seq 1 9000))"                        # a 9 KB request line: over nginx's 8 KB buffer
H2=(-skv --http2)

# ===================================================== nginx -> Koa (Bun), X-Request-ID ==
log "capturing: Koa (Bun) behind nginx"
S=koa-bun-nginx-r123
H=api.dockyard.test:61301 U=http://api.dockyard.test:61301 R="--resolve api.dockyard.test:61301:127.0.0.1"
cap $S koa-200-ticket-nginx.txt 200 app koa "ticket 1 from Koa on Bun, passed on; nginx adds X-Request-ID" "curl -sv" -- -sv $R $U/api/tickets/1
cap $S koa-400-ticket-id-nginx.txt 400 app koa "a ticket id that is not a number: ctx.throw(400), the error middleware's JSON" "curl -si" -- -si $R $U/api/tickets/abc
capraw $S koa-401-me-nginx.txt 401 app koa "no token: ctx.throw(401) with WWW-Authenticate Bearer, JSON" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/me
cap $S koa-403-admin-nginx.txt 403 app koa "a user token on /api/admin/stats: ctx.throw(403), JSON" "curl -si" -- -si $R -H 'Authorization: Bearer user-token' $U/api/admin/stats
cap $S koa-404-route-nginx.txt 404 app koa "no route: Koa's own text 'Not Found', passed on" "" -- -sv $R $U/api/v2/tickets
caplt $S koa-409-post-nginx.txt 409 app koa "POST of a ticket already open: ctx.throw(409), JSON" "curl -sv, only the < lines kept" -- -sv $R -X POST "${JSONH[@]}" -d '{"title":"Dock: printer on floor 3 is on fire"}' $U/api/tickets
HTTPIE_CMD=http caphttp $S koa-422-post-nginx-httpie.txt 422 app koa "HTTPie, a 2-letter title: ctx.throw(422) with a field list, JSON" "HTTPie with colours" -- -v POST http://127.0.0.1:61301/api/tickets Host:$H title=ab
quiet $R "$U/api/search?q=printer"
quiet $R "$U/api/search?q=toner"
cap $S koa-429-search-nginx.txt 429 app koa "a third search in the minute: ctx.throw(429) with Retry-After, JSON" "curl -si" -- -si $R "$U/api/search?q=scanner"
capwget $S koa-500-boom-nginx-wget.txt 500 app koa "a TypeError: the error middleware's JSON 500 'Internal Server Error'" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61301/api/boom
capcut $S koa-503-readyz-nginx.txt 503 app koa "/readyz: the handler's JSON 503 (database down)" "curl -si, body cut off after the headers" -- -si $R $U/readyz
cap $S koa-301-v1-ticket-nginx.txt 301 app koa "/api/v1/tickets/1: ctx.redirect with status 301" "curl -si" -- -si $R $U/api/v1/tickets/1
cap $S koa-413-body-nginx.txt 413 app koa "a 10 KB JSON body (under nginx's 1m): raw-body's 413 over the app's 8 KB limit, JSON" "curl -si" -- -si $R -X POST "${JSONH[@]}" --data-binary @"$RUN/work/10k.json" $U/api/tickets
cap $S nginx-413-body-koa.txt 413 proxy nginx "a 2 MB body, client_max_body_size 1m: nginx's stock 413 page with X-Request-ID" "curl -si" -- -si $R -X POST "${JSONH[@]}" "${NOEXP[@]}" "${BIGBODY[@]}" $U/api/tickets
capraw $S nginx-400-header-koa.txt 400 proxy nginx "a 9 KB Cookie header, large_client_header_buffers 4 8k: nginx's stock 400 'Request Header Or Cookie Too Large'" "curl -si saved to a file (CRs kept)" -- -si $R -H "$HDR9" $U/api/tickets/1
cap $S nginx-504-slow-koa.txt 504 proxy nginx "/api/slow waits 5 s, proxy_read_timeout 3s: nginx's stock 504 page" "curl -sv" -- -sv $R $U/api/slow
capbody body-only-paste body-koa-422-post-nginx.txt 422/422 app koa "Koa's JSON 422 ({\"error\":{\"status\":422,...}})" "" -- $R -X POST "${JSONH[@]}" -d '{"title":"ab"}' "$U/api/tickets"
log "stopping Koa"
stop_name koa
cap $S nginx-502-app-stopped-koa.txt 502 proxy nginx "Bun stopped (connection refused): nginx's stock 502 page with X-Request-ID" "curl -si" -- -si $R $U/api/tickets/1
capbody body-only-paste body-nginx-502-app-stopped-koa.txt 502/502 proxy nginx "nginx's stock 502 page (<title>502 Bad Gateway</title>)" "" -- $R "$U/api/tickets/1?from=dashboard"

# ===================================================== nginx -> NestJS (Bun), X-Request-ID ==
log "capturing: NestJS (Bun) behind nginx"
S=nestjs-bun-nginx-r123
H=api.pierpoint.test:61302 U=http://api.pierpoint.test:61302 R="--resolve api.pierpoint.test:61302:127.0.0.1"
cap $S nestjs-200-ticket-nginx.txt 200 app nestjs "ticket 1 from NestJS (Express platform) on Bun, passed on" "curl -si" -- -si $R $U/api/tickets/1
cap $S nestjs-400-ticket-id-nginx.txt 400 app nestjs "a ticket id that is not a number: BadRequestException, Nest's JSON {message,error,statusCode}" "" -- -sv $R $U/api/tickets/abc
capwin $S nestjs-400-post-validation-nginx.txt 400 app nestjs "POST without a title: a ValidationPipe-shaped 400 (message is a list)" "curl -si pasted with CRLF" -- -si $R -X POST "${JSONH[@]}" -d '{"priority":"urgent"}' $U/api/tickets
cap $S nestjs-401-me-nginx.txt 401 app nestjs "no token: the guard's UnauthorizedException, Nest's JSON 401" "curl -si" -- -si $R $U/api/me
caplt $S nestjs-403-admin-nginx.txt 403 app nestjs "a user token: the guard returns false, Nest's 'Forbidden resource' JSON 403" "curl -sv, only the < lines kept" -- -sv $R -H 'Authorization: Bearer user-token' $U/api/admin/stats
capraw $S nestjs-404-route-nginx.txt 404 app nestjs "no route: Nest's JSON 'Cannot GET /api/v2/tickets'" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/v2/tickets
cap $S nestjs-409-post-nginx.txt 409 app nestjs "POST of a ticket already open: ConflictException, JSON" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"title":"Printer on floor 3 is on fire"}' $U/api/tickets
quiet $R "$U/api/search?q=printer"
quiet $R "$U/api/search?q=toner"
HTTPIE_CMD=http caphttp $S nestjs-429-search-nginx-httpie.txt 429 app nestjs "HTTPie, a third search in the minute: a ThrottlerException-shaped JSON 429" "HTTPie with colours" -- -v GET "http://127.0.0.1:61302/api/search?q=scanner" Host:$H
cap $S nestjs-500-boom-nginx.txt 500 app nestjs "a thrown Error: Nest's JSON 500 'Internal server error'" "" -- -sv $R $U/api/boom
capwget $S nestjs-503-readyz-nginx-wget.txt 503 app nestjs "/readyz: ServiceUnavailableException with a terminus-shaped body" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61302/readyz
capcut $S nestjs-301-v1-ticket-nginx.txt 301 app nestjs "/api/v1/tickets/1: res.redirect(301)" "curl -si, body cut off after the headers" -- -si $R $U/api/v1/tickets/1
cap $S nginx-414-uri-nestjs.txt 414 proxy nginx "a 9 KB query string, large_client_header_buffers 4 8k: nginx's stock 414 with X-Request-ID" "curl -si" -- -si $R "$U/api/tickets/1?$LONGQ"
capwin $S nginx-504-slow-nestjs.txt 504 proxy nginx "/api/slow waits 5 s, proxy_read_timeout 3s: nginx's stock 504 page" "curl -si pasted with CRLF" -- -si $R $U/api/slow
capbody body-only-paste body-nestjs-404-route-nginx.txt 404/404 app nestjs "Nest's JSON 404 ({\"message\":\"Cannot GET ...\",\"error\":\"Not Found\",\"statusCode\":404})" "" -- $R "$U/api/v3/tickets"
caphead headers-only-paste head-nestjs-200-ticket-nginx.txt 200 app nestjs "curl -sI on ticket 1 (Express answers HEAD on the GET route)" "" -- $R $U/api/tickets/1
log "stopping NestJS"
stop_name nest
caplt $S nginx-502-app-stopped-nestjs.txt 502 proxy nginx "Bun stopped (connection refused): nginx's stock 502 page" "curl -sv, only the < lines kept" -- -sv $R $U/api/tickets/1

# ===================================================== nginx (TLS + HTTP/2) -> Rails (Unicorn) ==
log "capturing: Rails (Unicorn) behind nginx over TLS + HTTP/2"
S=rails-unicorn-nginx-tls-r123
H=api.wexcombe.test:61303 U=https://api.wexcombe.test:61303 R="--resolve api.wexcombe.test:61303:127.0.0.1"
cap $S rails-200-booking-nginx-h2.txt 200 app rails "HTTP/2 over TLS: booking 1 from Rails on Unicorn, passed on" "curl -skv --http2" -- "${H2[@]}" $R $U/api/bookings/1
cap $S rails-400-bad-json-nginx.txt 400 app rails "a body that is not JSON, Accept: application/json: PublicExceptions' JSON 400" "curl -ski" -- -ski $R "${JSONH[@]}" "${ACCJ[@]}" -d '{"booking":' $U/api/bookings
cap $S rails-401-account-nginx-h2.txt 401 app rails "HTTP/2: the controller's JSON 401 with WWW-Authenticate Token" "" -- "${H2[@]}" $R $U/api/account
capraw $S rails-403-admin-nginx.txt 403 app rails "the controller's JSON 403" "curl -ski saved to a file (CRs kept)" -- -ski $R $U/api/admin
cap $S rails-404-routing-public-page-nginx-h2.txt 404 app rails "HTTP/2, /api/bookingz: RoutingError, PublicExceptions answers with public/404.html" "" -- "${H2[@]}" $R $U/api/bookingz
capwin $S rails-409-booking-conflict-nginx.txt 409 app rails "Harbour 2 taken: the controller's JSON 409" "curl -ski pasted with CRLF" -- -ski $R "${JSONH[@]}" -d '{"booking":{"room":"Harbour 2","nights":2}}' $U/api/bookings
caphttp $S rails-422-booking-nginx-httpie.txt 422 app rails "HTTPie over TLS (--verify=no): an empty room and 0 nights, the controller's JSON 422" "HTTPie with colours" -- --verify=no -v POST https://127.0.0.1:61303/api/bookings Host:$H 'booking[room]=' 'booking[nights]:=0'
caplt $S rails-429-search-nginx-h2.txt 429 app rails "HTTP/2: the controller's JSON 429 with Retry-After" "curl -skv, only the < lines kept" -- "${H2[@]}" $R $U/api/search
cap $S rails-500-invoice-public-page-nginx.txt 500 app rails "the invoice raises NameError: public/500.html, passed on" "curl -ski" -- -ski $R $U/api/bookings/1/invoice
capwget $S rails-503-maintenance-nginx-wget.txt 503 app rails "the controller's JSON 503 with Retry-After" "wget -S -O- (--no-check-certificate)" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:61303/api/maintenance
capcut $S rails-301-legacy-nginx.txt 301 app rails "/bookings/1: redirect_to (301) to /api/bookings/1" "curl -ski, body cut off after the headers" -- -ski $R $U/bookings/1
cap $S nginx-413-body-rails-h2.txt 413 proxy nginx "HTTP/2: a 2 MB body, client_max_body_size 1m: nginx's stock 413 page" "" -- "${H2[@]}" $R -X POST "${JSONH[@]}" "${BIGBODY[@]}" $U/api/bookings
cap $S nginx-400-header-rails.txt 400 proxy nginx "HTTP/1.1 over TLS, a 9 KB Cookie header: nginx's stock 400 'Request Header Or Cookie Too Large'" "curl -ski --http1.1" -- -ski --http1.1 $R -H "$HDR9" $U/api/bookings/1
cap $S nginx-504-slow-rails-h2.txt 504 proxy nginx "HTTP/2: /api/export takes 10 s, proxy_read_timeout 3s: nginx's stock 504 page" "" -- "${H2[@]}" $R $U/api/export
capbody body-only-paste body-rails-500-public-page-nginx.txt 500/500 app rails "public/500.html, its title shows (500)" "" -- -k $R "$U/api/bookings/1/invoice?from=dashboard"
log "stopping Rails"
stop_name rails
capraw $S nginx-502-app-stopped-rails.txt 502 proxy nginx "Unicorn stopped (connection refused): nginx's stock 502 page" "curl -ski saved to a file (CRs kept)" -- -ski $R $U/api/bookings/1
caphead headers-only-paste head-nginx-502-app-stopped-rails.txt 502 proxy nginx "curl -skI while Unicorn is down: nginx's 502 headers" "" -- -k $R $U/api/bookings/1

# ===================================================== Caddy -> Sinatra (Unicorn), X-Request-Id ==
log "capturing: Sinatra (Unicorn) behind Caddy"
S=sinatra-unicorn-caddy-r123
H=api.ashby.test:61311 U=http://api.ashby.test:61311 R="--resolve api.ashby.test:61311:127.0.0.1"
cap $S sinatra-200-ticket-caddy.txt 200 app sinatra "ticket 1 from Sinatra on Unicorn; Caddy adds X-Request-Id" "curl -sv" -- -sv $R $U/api/tickets/1
cap $S sinatra-400-post-json-caddy.txt 400 app sinatra "POST of a body that is not JSON: the handler's JSON 400" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"subject":' $U/api/tickets
capwin $S sinatra-401-me-caddy.txt 401 app sinatra "no token: the handler's JSON 401 with WWW-Authenticate" "curl -si pasted with CRLF" -- -si $R $U/api/me
cap $S sinatra-403-admin-caddy.txt 403 app sinatra "the handler's JSON 403" "" -- -sv $R $U/api/admin
capraw $S sinatra-404-route-caddy.txt 404 app sinatra "no route: Sinatra's '<h1>Not Found</h1>', passed on" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/v2/tickets
caplt $S sinatra-409-post-caddy.txt 409 app sinatra "POST of a ticket already open: the handler's JSON 409" "curl -sv, only the < lines kept" -- -sv $R -X POST "${JSONH[@]}" -d '{"subject":"VPN drops every hour"}' $U/api/tickets
HTTPIE_CMD=http caphttp $S sinatra-422-post-caddy-httpie.txt 422 app sinatra "HTTPie, POST with an empty subject: the handler's JSON 422" "HTTPie with colours" -- -v POST http://127.0.0.1:61311/api/tickets Host:$H subject=
capwget $S sinatra-429-exports-caddy-wget.txt 429 app sinatra "the handler's JSON 429 with Retry-After" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61311/api/exports
cap $S sinatra-500-history-caddy.txt 500 app sinatra "an uncaught NoMethodError: Sinatra's '<h1>Internal Server Error</h1>', passed on" "curl -si" -- -si $R $U/api/tickets/1/history
capcut $S sinatra-503-maintenance-caddy.txt 503 app sinatra "the handler's JSON 503 with Retry-After" "curl -si, body cut off after the headers" -- -si $R $U/api/maintenance
cap $S sinatra-302-ticket-redirect-caddy.txt 302 app sinatra "/tickets/1: Sinatra's redirect, 302 to /api/tickets/1" "curl -si" -- -si $R $U/tickets/1
cap $S caddy-431-header-sinatra.txt 431 proxy caddy "a 10 KB header, max_header_size 4KB: Go's 431 inside Caddy" "curl -si" -- -si $R -H "$HDR10" $U/api/tickets/1
capraw $S caddy-502-body-limit-sinatra.txt 502 proxy caddy "a 3 KB body, request_body max_size 1KB: the limit trips while reverse_proxy streams the body, Caddy's empty 502 (as round 121 found)" "curl -si saved to a file (CRs kept)" -- -si $R -X POST "${JSONH[@]}" "${BODY3K[@]}" $U/api/tickets
cap $S caddy-504-slow-sinatra.txt 504 proxy caddy "/api/slow sleeps 5 s, response_header_timeout 3s: Caddy's empty 504" "" -- -sv $R $U/api/slow
capbody body-only-paste body-sinatra-404-route-caddy.txt 0/404 app sinatra "Sinatra's '<h1>Not Found</h1>' (no number in it)" "" -- $R "$U/api/v3/tickets"
log "stopping Sinatra"
stop_name sinatra
cap $S caddy-502-app-stopped-sinatra.txt 502 proxy caddy "Unicorn stopped: Caddy's empty 502 with X-Request-Id" "curl -si" -- -si $R $U/api/tickets/1

# ===================================================== Caddy (TLS + HTTP/2) -> Fastify (Bun) ==
log "capturing: Fastify (Bun) behind Caddy over TLS"
S=fastify-bun-caddy-tls-r123
H=api.osprey.test:61312 U=https://api.osprey.test:61312 R="--resolve api.osprey.test:61312:127.0.0.1"
cap $S fastify-200-ticket-caddy-h2.txt 200 app fastify "HTTP/2 over TLS: ticket 1 from Fastify on Bun, passed on" "curl -skv --http2" -- "${H2[@]}" $R $U/api/tickets/1
caplt $S fastify-400-post-schema-caddy-h2.txt 400 app fastify "HTTP/2, POST with a 2-letter title: Fastify's body schema 400" "curl -skv, only the < lines kept" -- "${H2[@]}" $R -X POST "${JSONH[@]}" -d '{"title":"ab"}' $U/api/tickets
capraw $S fastify-401-me-caddy.txt 401 app fastify "no token: the onRequest hook's error, Fastify's JSON 401" "curl -ski saved to a file (CRs kept)" -- -ski $R $U/api/me
cap $S fastify-403-admin-caddy-h2.txt 403 app fastify "HTTP/2, a user token: the hook's JSON 403 'admin role required'" "" -- "${H2[@]}" $R -H 'Authorization: Bearer user-token' $U/api/admin/stats
cap $S fastify-404-route-caddy.txt 404 app fastify "no route: Fastify's JSON 'Route GET:/api/v2/tickets not found'" "curl -ski" -- -ski $R $U/api/v2/tickets
caphttp $S fastify-409-post-caddy-httpie.txt 409 app fastify "HTTPie over TLS (--verify=no), POST of a ticket already open: Fastify's JSON 409" "HTTPie with colours" -- --verify=no -v POST https://127.0.0.1:61312/api/tickets Host:$H 'title=Osprey: printer on floor 3 is on fire'
quiet -k $R "$U/api/search?q=printer"
quiet -k $R "$U/api/search?q=toner"
cap $S fastify-429-search-caddy-h2.txt 429 app fastify "HTTP/2, a third search in the minute: the handler's JSON 429 with retry-after" "" -- "${H2[@]}" $R "$U/api/search?q=scanner"
capwget $S fastify-500-boom-caddy-wget.txt 500 app fastify "a thrown Error: Fastify's JSON 500" "wget -S -O- (--no-check-certificate)" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:61312/api/boom
cap $S fastify-503-readyz-caddy.txt 503 app fastify "/readyz: the handler's JSON 503 (database down)" "curl -ski" -- -ski $R $U/readyz
capcut $S fastify-301-v1-ticket-caddy.txt 301 app fastify "/api/v1/tickets/1: reply.redirect's 301" "curl -ski, body cut off after the headers" -- -ski $R $U/api/v1/tickets/1
cap $S caddy-431-header-fastify.txt 431 proxy caddy "HTTP/1.1 over TLS, a 10 KB header, max_header_size 4KB: Go's 431 inside Caddy" "curl -ski --http1.1" -- -ski --http1.1 $R -H "$HDR10" $U/api/tickets/1
cap $S caddy-504-slow-fastify-h2.txt 504 proxy caddy "HTTP/2: /api/slow takes 5 s, response_header_timeout 3s: Caddy's empty 504" "" -- "${H2[@]}" $R $U/api/slow
capbody body-only-paste body-fastify-401-me-caddy.txt 401/401 app fastify "Fastify's JSON 401 ({\"statusCode\":401,...})" "" -- -k $R "$U/api/me"
caphead headers-only-paste head-fastify-503-readyz-caddy.txt 503 app fastify "curl -skI on /readyz: the handler's 503 headers (HEAD served by the GET route)" "" -- -k $R $U/readyz
log "stopping Fastify"
stop_name fastify
cap $S caddy-502-app-stopped-fastify-h2.txt 502 proxy caddy "HTTP/2: Bun stopped, Caddy's empty 502" "" -- "${H2[@]}" $R $U/api/tickets/1

# ===================================================== Caddy -> Hono (Bun.serve), X-Request-Id ==
log "capturing: Hono (Bun) behind Caddy"
S=hono-bun-caddy-r123
H=api.slipway.test:61313 U=http://api.slipway.test:61313 R="--resolve api.slipway.test:61313:127.0.0.1"
cap $S hono-200-ticket-caddy.txt 200 app hono "ticket 1 from Hono on Bun.serve; Caddy adds X-Request-Id" "curl -si" -- -si $R $U/api/tickets/1
caplt $S hono-400-post-validator-caddy.txt 400 app hono "POST with a 2-letter title: the validator's zod-shaped JSON 400" "curl -sv, only the < lines kept" -- -sv $R -X POST "${JSONH[@]}" -d '{"title":"ab"}' $U/api/tickets
cap $S hono-401-me-caddy.txt 401 app hono "no token: bearerAuth's text 'Unauthorized' with WWW-Authenticate Bearer" "" -- -sv $R $U/api/me
capwin $S hono-403-admin-caddy.txt 403 app hono "a user token: HTTPException(403), text 'admin role required'" "curl -si pasted with CRLF" -- -si $R -H 'Authorization: Bearer user-token' $U/api/admin/stats
capraw $S hono-404-route-caddy.txt 404 app hono "no route: Hono's text '404 Not Found'" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/v2/tickets
HTTPIE_CMD=http caphttp $S hono-409-post-caddy-httpie.txt 409 app hono "HTTPie, POST of a ticket already open: HTTPException(409), text" "HTTPie with colours" -- -v POST http://127.0.0.1:61313/api/tickets Host:$H 'title=Slip: printer on floor 3 is on fire'
quiet $R "$U/api/search?q=printer"
quiet $R "$U/api/search?q=toner"
cap $S hono-429-search-caddy.txt 429 app hono "a third search in the minute: a rate-limiter-shaped text 429 with Retry-After" "curl -si" -- -si $R "$U/api/search?q=scanner"
capwget $S hono-500-boom-caddy-wget.txt 500 app hono "a TypeError: Hono's default onError, text 'Internal Server Error'" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61313/api/boom
cap $S hono-503-readyz-caddy.txt 503 app hono "/readyz: the handler's JSON 503 (database down)" "" -- -sv $R $U/readyz
capcut $S hono-301-v1-ticket-caddy.txt 301 app hono "/api/v1/tickets/1: c.redirect(..., 301)" "curl -si, body cut off after the headers" -- -si $R $U/api/v1/tickets/1
capcut $S caddy-431-header-hono.txt 431 proxy caddy "a 10 KB header, max_header_size 4KB: Go's 431 inside Caddy" "curl -si, body cut off after the headers" -- -si $R -H "$HDR10" $U/api/tickets/1
cap $S caddy-502-body-limit-hono.txt 502 proxy caddy "a 3 KB body, request_body max_size 1KB: Caddy's empty 502 (as round 121 found)" "curl -si" -- -si $R -X POST "${JSONH[@]}" "${BODY3K[@]}" $U/api/tickets
capraw $S caddy-504-slow-hono.txt 504 proxy caddy "/api/slow waits 5 s, response_header_timeout 3s: Caddy's empty 504 with X-Request-Id" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/slow
capbody body-only-paste body-hono-500-boom-caddy.txt 0/500 app hono "Hono's text 'Internal Server Error' (no number in it)" "" -- $R "$U/api/boom"
log "stopping Hono"
stop_name hono
capdump $S caddy-502-app-stopped-hono.txt 502 proxy caddy "Bun stopped: Caddy's empty 502 with X-Request-Id" "curl -s -D-" -- $R $U/api/tickets/1
caphead headers-only-paste head-caddy-502-app-stopped-hono.txt 502 proxy caddy "curl -sI while Bun is down: Caddy's 502 headers" "" -- $R $U/api/tickets/2

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round123/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
