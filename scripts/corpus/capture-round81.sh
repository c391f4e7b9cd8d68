#!/usr/bin/env bash
# capture-round81.sh — build the eighty-first held-out evidence corpus in
# tests/fixtures/evidence-round81/.
#
# "Mainstream Node, a twenty-ninth pairing": five mainstream Node
# frameworks, each behind the mainstream front it had met least in earlier
# rounds' setups (see the README's table). Round 77's script and front
# configs (scripts/corpus/conf-round81/: round 77's, ports moved into
# 61800-61899, upstreams swapped; upstream timeouts 3 s; TLS + HTTP/2 on
# nginx and Apache only; HAProxy not used this round):
#   - NestJS 10 (apps55/nest_app.js) behind nginx 1.22 (HTTP/1.1, TLS + HTTP/2);
#   - Fastify 4 (apps55/fastify_app.js) behind Apache 2.4 mod_proxy_http
#     (HTTP/1.1, h2c, TLS + HTTP/2);
#   - Koa 2 (apps55/koa_app.js) behind Caddy 2.6;
#   - Hono 4 on @hono/node-server (apps67/hono_cached.js: cacheable invoice 1
#     and /api/rates) behind Varnish 7.1 (HITs, a 304, a grace copy, h2c);
#   - Express 4 (apps77/express_cached.js, cacheable invoice 1) behind Squid
#     5.7 as a reverse accelerator (a HIT, a 304, a 412).
# Each front puts its own request id on what it sends back (Squid and
# Varnish as round 77 configured them), answers some paths itself (JSON 429
# and 503, an empty 503), fails its stock ways (dead upstream, slow
# upstream, unknown Host, a body, URI or header too large, an unknown method
# or Transfer-Encoding, a request line that says HTTP/3.0).
# Paste forms: curl -sv / -si transcripts (some saved with their CRs, some
# with CRLF on every line, some with only the `<` lines of -v kept, some cut
# off after the headers), HTTPie with colours, `wget -S -O-`, raw requests
# typed into nc, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round81.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round81.sh   # never call apt-get / npm / pip
#   CORPUS_KEEP_RUN=1 capture-round81.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 61800-61899) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie, wget and nc-style request runs under `timeout`; every
# loop is bounded; every server it started is stopped on exit, by process
# id. Labels are written by finish_round81.py, which refuses (and this
# script then leaves the fixtures as they were) when a label's status is not
# the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round81"
RUN=/tmp/api-triage-corpus81-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round81"
APPS55="$HERE/apps55"
APPS67="$HERE/apps67"
APPS77="$HERE/apps77"
NODE_DIR=${CORPUS_NODE81:-/tmp/api-triage-corpus81-node}
VENV=${CORPUS_VENV81:-/tmp/api-triage-corpus81-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
NPM=(express@4.22.1 koa@2.16.4 @koa/router@12.0.2 @nestjs/core@10.4.22 @nestjs/common@10.4.22
    @nestjs/platform-express@10.4.22 reflect-metadata@0.2.2 rxjs@7.8.2 fastify@4.29.1 hono@4.13.23
    @hono/node-server@2.1.11)
PYPI=(httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus81 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl nodejs apache2 nginx varnish squid caddy python3-venv)
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

install_npm() {  # Express, Koa, NestJS, Fastify and Hono, from npm
    local m ok=1
    for m in express koa @koa/router @nestjs/core @nestjs/common @nestjs/platform-express reflect-metadata rxjs \
        fastify hono @hono/node-server; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus81","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

install_venv() {  # HTTPie, from PyPI
    [[ -x $VPY ]] && "$VPY" -c "import httpie" 2>/dev/null && return 0
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"$VENV/"* ]]
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
# only ours are checked against 127.0.0.1 and 61800-61899) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round81.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
caphttp() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    [[ -x $HTTPIE ]] || return 0
    cmdline http "$@" >"$dest"
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


# capnc SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- PORT REQUEST [WAIT]
# A request typed into `nc 127.0.0.1 PORT`, as a terminal shows it (round
# 41's form, its rawsend.py, copied to conf-round81/): what curl cannot send
# (an unknown Transfer-Encoding, a request line that says HTTP/3.0).
capnc() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    timeout 20 "$PY" "$CONF/rawsend.py" "$@" >"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS55 && -d $APPS67 && -d $APPS77 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_npm
install_venv
[[ -z ${SKIPPED[npm]:-} ]] || die "the Node modules are missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
have openssl || die "openssl is missing"

# apps: NestJS 61815 (nginx 61880, TLS 61843), Fastify 61816 (Apache 61881
# with h2c, TLS 61847), Koa 61817 (Caddy 61883), Hono 61819 (Varnish 61890,
# h2c on the same port), Express 61820 (Squid 61850). 61899 is never
# listened on (the dead upstream every front has).
APP_PORTS=(61815 61816 61817 61819 61820)
FRONT_PORTS=(61880 61843 61881 61847 61883 61890 61850)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 61899; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for nginx and Apache ------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Ledgerly/CN=api.ledgerly.test" \
    -addext "subjectAltName=DNS:api.ledgerly.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_bg nest "${NODEENV[@]}" "$APPS55/nest_app.js" 61815
start_bg fastify "${NODEENV[@]}" "$APPS55/fastify_app.js" 61816
start_bg koa "${NODEENV[@]}" "$APPS55/koa_app.js" 61817
start_bg hono "${NODEENV[@]}" "$APPS67/hono_cached.js" 61819
start_bg express "${NODEENV[@]}" "$APPS77/express_cached.js" 61820
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
printf '{"error":"too_many_requests","message":"export quota for this key is used up today","retry_after":60}\n' >"$RUN/apache/errors/rate-limited.json"
printf '{"error":"maintenance","message":"refunds are paused until the month-end close"}\n' >"$RUN/apache/errors/maintenance.json"
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 61881 apache && wait_port 61847 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 61883 caddy && UP[caddy]=1

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/hono.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:61890 -T none -f "$RUN/varnish/hono.vcl" \
    -n "$RUN/varnish/hono" -s malloc,16m -p feature=+http2
wait_port 61890 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus81 -f "$RUN/squid/squid.conf"
wait_port 61850 squid && UP[squid]=1

mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/www/docs
: >"$RUN/nginx/www/empty-503"
printf '<!doctype html><title>Ledgerly API docs</title><h1>Ledgerly invoices API</h1>\n' >"$RUN/nginx/www/docs/index.html"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 61880 nginx && wait_port 61843 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
sleep 1.5

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 61800 || p > 61899) print}')
[[ -z $NEWPORTS ]] || die "a server listens outside 61800-61899: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 81 (held out): real responses captured by
# scripts/corpus/capture-round81.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-80:
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
NG=http://$H:61880 NGS=https://$H:61843 AP=http://$H:61881 APS=https://$H:61847
CD=http://$H:61883 VN=http://$H:61890 SQ=http://$H:61850
# one --resolve per front keeps the transcripts short
RNG="--resolve $H:61880:127.0.0.1" RNGS="--resolve $H:61843:127.0.0.1" RAP="--resolve $H:61881:127.0.0.1"
RAPS="--resolve $H:61847:127.0.0.1" RCD="--resolve $H:61883:127.0.0.1"
RVN="--resolve $H:61890:127.0.0.1" RSQ="--resolve $H:61850:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
BIGH="X-Trace-Context: $(printf 't%.0s' $(seq 1 1500))"
BIGH8="X-Trace-Context: $(printf 't%.0s' $(seq 1 8000))"
BIGBODY=$(printf '{"ref":"LG-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")
LONGQ="cursor=$(printf 'c%.0s' $(seq 1 1500))"

# ================================================== nginx -> NestJS (Node) ==
if up nginx; then
    log "capturing: NestJS behind nginx"
    S=nestjs-nginx-r81
    cap $S nestjs-200-invoice-nginx.txt 200 app nestjs "invoice 1 through nginx" "X-Request-ID from nginx, Server: nginx, X-Powered-By: Express" -- -sv $RNG $NG/api/invoices/1
    cap $S nestjs-200-invoice-nginx-h2.txt 200 app nestjs "HTTP/2 over TLS: invoice 1" "" -- -sv -k $RNGS $NGS/api/invoices/1
    caphttp $S nestjs-401-account-nginx-httpie.txt 401 app nestjs "HTTPie, no token: the handler's JSON 401 (Bearer)" "HTTPie with colours" -- -v GET http://127.0.0.1:61880/api/account Host:$H
    capraw $S nestjs-201-post-nginx-h2.txt 201 app nestjs "HTTP/2 over TLS: POST a new ref, the handler's JSON 201" "curl -si saved to a file (CRs kept)" -- -si -k $RNGS -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $NGS/api/invoices
    caplt $S nestjs-409-post-nginx.txt 409 app nestjs "POST of an existing ref: the handler's JSON 409" "curl -sv, only the < lines kept" -- -sv $RNG -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $NG/api/invoices
    capcut $S nestjs-422-post-nginx-h2.txt 422 app nestjs "HTTP/2 over TLS: POST without ref, the handler's JSON 422" "curl -si, body cut off after the headers" -- -si -k $RNGS -X POST "${JSONH[@]}" -d '{"total":2}' $NGS/api/invoices
    cap $S nestjs-400-bad-json-nginx.txt 400 app nestjs "a POST body that is not JSON: body-parser's 400, answered inside the Nest app" "curl -si" -- -si $RNG -X POST "${JSONH[@]}" -d '{"ref":' $NG/api/invoices
    cap $S nestjs-403-admin-nginx.txt 403 app nestjs "the handler's JSON 403" "curl -si" -- -si $RNG $NG/api/admin
    cap $S nestjs-429-quota-nginx.txt 429 app nestjs "the handler's own JSON 429 with Retry-After" "" -- -sv $RNG $NG/api/quota
    capwin $S nestjs-504-bank-html-nginx.txt 504 app nestjs "the app's own HTML 504 page, passed on" "curl -si pasted with CRLF" -- -si $RNG $NG/api/bank
    cap $S nestjs-500-boom-nginx.txt 500 app nestjs "a thrown Error, Nest's exception filter: {\"statusCode\":500,\"message\":\"Internal server error\"}" "curl -si" -- -si $RNG $NG/api/boom
    cap $S nestjs-404-route-nginx-h2.txt 404 app nestjs "HTTP/2 over TLS: no route, Nest's JSON 404 ('Cannot GET ...', statusCode 404)" "" -- -sv -k $RNGS $NGS/api/v2/invoices
    quiet $RNG $NG/api/exports/daily
    cap $S nginx-429-exports-json.txt 429 proxy nginx "limit_req on /api/exports/, the second request: nginx's own JSON 429 from error_page" "X-Request-ID from nginx" -- -sv $RNG $NG/api/exports/daily
    caplt $S nginx-503-refunds-json-h2.txt 503 proxy nginx "HTTP/2 over TLS: /api/refunds/, nginx answers a JSON 503 itself" "curl -sv, only the < lines kept" -- -sv -k $RNGS $NGS/api/refunds/42
    cap $S nginx-503-beta-empty.txt 503 proxy nginx "/api/beta/: return 503 with an empty error_page file, only Server: names nginx" "curl -si" -- -si $RNG $NG/api/beta/labels
    capwin $S nginx-504-slow-h2.txt 504 proxy nginx "HTTP/2 over TLS: the handler waits 5 s, proxy_read_timeout 3s: nginx's 504 page" "curl -si pasted with CRLF" -- -si -k $RNGS $NGS/api/slow
    capwget $S nginx-502-old-wget.txt 502 proxy nginx "/old/ straight to a port nobody listens on: nginx's 502 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61880/old/invoices/1
    cap $S nginx-421-unknown-host-h2.txt 421 proxy nginx "HTTP/2 over TLS to the bare IP: the default server's return 421" "" -- -sv -k https://127.0.0.1:61843/api/invoices/1
    capcut $S nginx-413-body.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's 413 page" "curl -si, body cut off after the headers" -- -si $RNG -X POST "${JSONH[@]}" -d "$BIGBODY" $NG/api/invoices
    capraw $S nginx-400-header-too-large.txt 400 proxy nginx "a 1.5 KB header, 1k buffers: nginx's 400 'Request Header Or Cookie Too Large' (494 inside nginx, 400 on the wire)" "curl -si saved to a file (CRs kept)" -- -si $RNG -H "$BIGH" $NG/api/invoices/1
    capnc $S nginx-505-http3-request-line-nc.txt 505 proxy nginx "a request line that says HTTP/3.0: nginx's 505 page" "raw request in nc" -- 61880 "GET /api/invoices/1 HTTP/3.0\r\nHost: $H\r\n\r\n" 3
fi

# ================================================ Apache -> Fastify (Node) ==
if up apache; then
    log "capturing: Fastify behind Apache"
    S=fastify-apache-r81
    cap $S fastify-200-invoice-apache.txt 200 app fastify "invoice 1 through Apache" "Via from ProxyVia, X-Request-Id from mod_unique_id" -- -sv $RAP $AP/api/invoices/1
    cap $S fastify-200-invoice-apache-h2.txt 200 app fastify "HTTP/2 over TLS (mod_ssl + mod_http2): invoice 1" "" -- -sv -k $RAPS $APS/api/invoices/1
    caphttp $S fastify-401-account-apache-httpie.txt 401 app fastify "HTTPie, no token: the handler's JSON 401, Via added" "HTTPie with colours" -- -v GET http://127.0.0.1:61881/api/account Host:$H
    caplt $S fastify-409-post-apache.txt 409 app fastify "POST of an existing ref: the handler's JSON 409" "curl -sv, only the < lines kept" -- -sv $RAP -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $AP/api/invoices
    capraw $S fastify-422-post-apache-h2.txt 422 app fastify "HTTP/2 over TLS: POST without ref, the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si -k $RAPS -X POST "${JSONH[@]}" -d '{"items":2}' $APS/api/invoices
    cap $S fastify-400-bad-json-apache.txt 400 app fastify "a POST body that is not JSON: Fastify's own JSON 400 from its JSON body parser (statusCode, error, message)" "curl -si" -- -si $RAP -X POST "${JSONH[@]}" -d '{"ref":' $AP/api/invoices
    cap $S fastify-403-admin-apache.txt 403 app fastify "the handler's JSON 403" "curl -si" -- -si $RAP $AP/api/admin
    capcut $S fastify-404-invoice-apache.txt 404 app fastify "invoice 9: the handler's JSON 404" "curl -si, body cut off after the headers" -- -si $RAP $AP/api/invoices/9
    cap $S fastify-503-maintenance-apache.txt 503 app fastify "the handler's own JSON 503 (maintenance) with Retry-After, passed on with Via" "" -- -sv $RAP $AP/api/maintenance
    capwin $S fastify-503-statements-html-apache.txt 503 app fastify "the app's own HTML 503 page, passed on with Via" "curl -si pasted with CRLF" -- -si $RAP $AP/api/statements
    cap $S fastify-500-boom-apache-h2c.txt 500 app fastify "HTTP/2 (h2c): a thrown Error, Fastify's default error handler (JSON statusCode/error/message)" "curl -si" -- -si --http2-prior-knowledge $RAP $AP/api/boom
    cap $S fastify-404-route-apache.txt 404 app fastify "no route: Fastify's JSON 404 ('Route GET:/api/v2/invoices not found')" "" -- -sv $RAP $AP/api/v2/invoices
    cap $S apache-429-exports-json-h2.txt 429 proxy apache "HTTP/2 over TLS: /api/exports/, mod_rewrite R=429 with a JSON ErrorDocument" "curl -si" -- -si -k $RAPS $APS/api/exports/daily
    capwin $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: mod_rewrite R=503 with a JSON ErrorDocument" "curl -si pasted with CRLF" -- -si $RAP $AP/api/refunds/42
    cap $S apache-502-slow-h2.txt 502 proxy apache "HTTP/2 over TLS: the handler waits 5 s, ProxyTimeout 3: Apache's 'Proxy Error' page" "" -- -sv -k $RAPS $APS/api/slow
    capwget $S apache-503-legacy-down-wget.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61881/legacy/invoices/1
    caplt $S apache-404-unknown-host.txt 404 proxy apache "the bare IP as Host: the first virtual host, an empty folder: Apache's 404 page" "curl -sv, only the < lines kept" -- -sv http://127.0.0.1:61881/api/invoices/1
    cap $S apache-414-uri.txt 414 proxy apache "a 1.5 KB query string, LimitRequestLine 1024: Apache's 414 page" "curl -si" -- -si $RAP "$AP/api/invoices?$LONGQ"
    cap $S apache-501-unknown-method.txt 501 proxy apache "a method Apache does not know (FOO) on its own static /errors/ file: Apache's 501 page" "" -- -sv $RAP -X FOO $AP/errors/maintenance.json
fi

# ====================================================== Caddy -> Koa (Node) ==
if up caddy; then
    log "capturing: Koa behind Caddy"
    S=koa-caddy-r81
    cap $S koa-200-invoice-caddy.txt 200 app koa "invoice 1 through Caddy" "X-Request-ID from Caddy" -- -sv $RCD $CD/api/invoices/1
    caphttp $S koa-401-account-caddy-httpie.txt 401 app koa "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:61883/api/account Host:$H:61883
    caplt $S koa-422-post-caddy.txt 422 app koa "POST without ref: the handler's JSON 422" "curl -sv, only the < lines kept" -- -sv $RCD -X POST "${JSONH[@]}" -d '{"items":2}' $CD/api/invoices
    capraw $S koa-409-post-caddy.txt 409 app koa "POST of an existing ref: the handler's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RCD -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $CD/api/invoices
    cap $S koa-403-admin-caddy.txt 403 app koa "the handler's JSON 403" "curl -si" -- -si $RCD $CD/api/admin
    cap $S koa-429-quota-caddy.txt 429 app koa "the handler's own JSON 429 with Retry-After" "curl -si" -- -si $RCD $CD/api/quota
    capcut $S koa-503-maintenance-caddy.txt 503 app koa "the handler's own JSON 503 (maintenance)" "curl -si, body cut off after the headers" -- -si $RCD $CD/api/maintenance
    capwin $S koa-502-payments-html-caddy.txt 502 app koa "the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RCD $CD/api/payments
    cap $S koa-500-boom-caddy.txt 500 app koa "a thrown Error: Koa's text 'Internal Server Error'" "curl -si" -- -si $RCD $CD/api/boom
    cap $S koa-404-route-caddy.txt 404 app koa "no route: Koa's text 'Not Found'" "" -- -sv $RCD $CD/api/v2/invoices
    cap $S caddy-429-exports-json.txt 429 proxy caddy "/api/exports/*: Caddy's respond with a JSON 429" "curl -si" -- -si $RCD $CD/api/exports/daily
    caplt $S caddy-503-refunds-json.txt 503 proxy caddy "/api/refunds/*: Caddy's respond with a JSON 503" "curl -sv, only the < lines kept" -- -sv $RCD $CD/api/refunds/42
    cap $S caddy-504-slow-empty.txt 504 proxy caddy "the handler waits 5 s, response_header_timeout 3s: Caddy's 504, empty body" "" -- -sv $RCD $CD/api/slow
    capwget $S caddy-502-legacy-empty-wget.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, empty body" "wget -S -O-" -- --header="Host: $H:61883" http://127.0.0.1:61883/legacy/invoices/1
    cap $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB: the 431 Caddy's Go server writes" "curl -si" -- -si $RCD -H "$BIGH8" $CD/api/invoices/1
    cap $S caddy-421-unknown-host-empty.txt 421 proxy caddy "a Host that is not ours: the catch-all site's respond 421, empty body" "" -- -sv -H "Host: shop.ledgerly.test:61883" http://127.0.0.1:61883/api/invoices/1
    capnc $S caddy-501-transfer-encoding-nc.txt 501 proxy caddy "Transfer-Encoding: gzip: the 501 Caddy's Go server writes" "raw request in nc" -- 61883 "POST /api/invoices HTTP/1.1\r\nHost: $H:61883\r\nTransfer-Encoding: gzip\r\n\r\n" 3
fi

# ======================================== Varnish -> Hono (Node, cacheable) ==
if up varnish; then
    log "capturing: Hono behind Varnish"
    S=hono-varnish-r81
    cap $S hono-200-invoice-varnish-miss.txt 200 app hono "invoice 1, first request: a MISS" "X-Cache: MISS, Via: varnish" -- -sv $RVN $VN/api/invoices/1
    cap $S varnish-200-invoice-hit.txt 200 cdn-cache varnish "invoice 1 again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $RVN $VN/api/invoices/1
    caplt $S varnish-304-invoice-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "curl -sv, only the < lines kept" -- -sv $RVN -H 'If-None-Match: "inv-1-v3"' $VN/api/invoices/1
    cap $S varnish-200-invoice-hit-h2c.txt 200 cdn-cache varnish "HTTP/2 (h2c): invoice 1 from Varnish's store" "X-Cache: HIT" -- -sv --http2-prior-knowledge $RVN $VN/api/invoices/1
    quiet $RVN $VN/api/rates
    sleep 2.5
    cap $S varnish-200-rates-grace.txt 200 cdn-cache varnish "/api/rates past its 1 s ttl, inside grace: the stale copy, fetched again behind it" "curl -si; X-Cache: HIT-STALE" -- -si $RVN $VN/api/rates
    cap $S hono-404-invoice9-varnish.txt 404 app hono "invoice 9: the handler's JSON 404 (not marked cacheable), passed on" "curl -si" -- -si $RVN $VN/api/invoices/9
    caphttp $S hono-401-account-varnish-httpie.txt 401 app hono "HTTPie, no token: the handler's JSON 401, Via added by Varnish" "HTTPie with colours" -- -v GET http://127.0.0.1:61890/api/account Host:$H:61890
    capwin $S hono-409-post-varnish.txt 409 app hono "POST (passed) of an existing ref: the handler's JSON 409" "curl -si pasted with CRLF" -- -si $RVN -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $VN/api/invoices
    capraw $S hono-201-post-varnish.txt 201 app hono "POST (passed) of a new ref: the handler's JSON 201" "curl -si saved to a file (CRs kept)" -- -si $RVN -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $VN/api/invoices
    cap $S hono-400-invoice-id-varnish.txt 400 app hono "an invoice id that is not a number: the handler's JSON 400, passed on" "" -- -sv $RVN $VN/api/invoices/abc
    cap $S hono-429-quota-varnish.txt 429 app hono "the handler's own JSON 429 with Retry-After, passed on" "curl -si" -- -si $RVN $VN/api/quota
    capcut $S hono-504-bank-html-varnish.txt 504 app hono "the app's own HTML 504 page, passed on with Via" "curl -si, body cut off after the headers" -- -si $RVN $VN/api/bank
    cap $S hono-500-boom-varnish.txt 500 app hono "a thrown Error: Hono's default onError, text 'Internal Server Error'" "curl -si" -- -si $RVN $VN/api/boom
    cap $S hono-404-route-varnish.txt 404 app hono "no route: Hono's default notFound, text '404 Not Found'" "" -- -sv $RVN $VN/api/v2/invoices
    cap $S varnish-429-exports-synth.txt 429 cdn-cache varnish "/api/exports/: synth(429) with a JSON body" "curl -si" -- -si $RVN $VN/api/exports/daily
    capwin $S varnish-503-refunds-synth.txt 503 cdn-cache varnish "/api/refunds/: synth(503) with a JSON maintenance body" "curl -si pasted with CRLF" -- -si $RVN $VN/api/refunds/42
    caplt $S varnish-503-beta-empty-h2c.txt 503 cdn-cache varnish "HTTP/2 (h2c): /api/beta/, a synth 503 delivered with no body" "curl -sv, only the < lines kept" -- -sv --http2-prior-knowledge $RVN $VN/api/beta/labels
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the handler waits 5 s, first_byte_timeout 3s: 'Backend fetch failed'" "" -- -sv $RVN $VN/api/slow
    capwget $S varnish-503-legacy-down-wget.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed'" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61890/legacy/invoices/1
    cap $S varnish-404-unknown-host.txt 404 cdn-cache varnish "a Host that is not ours: synth(404), the builtin page" "curl -si" -- -si -H "Host: shop.ledgerly.test" http://127.0.0.1:61890/api/invoices/1
fi

# ================================================= Squid -> Express (cacheable) ==
if up squid; then
    log "capturing: Express behind Squid"
    S=express-squid-r81
    cap $S express-200-invoice-squid-miss.txt 200 app express "invoice 1, first request: a MISS" "Via, X-Cache: MISS, Squid's X-Request-ID" -- -sv $RSQ $SQ/api/invoices/1
    cap $S squid-200-invoice-hit.txt 200 cdn-cache squid "invoice 1 again: from Squid's memory cache (X-Powered-By still says Express)" "curl -si; X-Cache: HIT, Age" -- -si $RSQ $SQ/api/invoices/1
    capraw $S squid-304-invoice-if-none-match.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's own 304" "curl -si saved to a file (CRs kept)" -- -si $RSQ -H 'If-None-Match: "inv-1-v3"' $SQ/api/invoices/1
    caplt $S squid-412-invoice-if-match.txt 412 cdn-cache squid "If-Match with an old ETag on a stored object: Squid's 412" "curl -sv, only the < lines kept" -- -sv $RSQ -H 'If-Match: "inv-1-v2"' $SQ/api/invoices/1
    cap $S express-404-invoice9-squid-miss.txt 404 app express "invoice 9, first request: the handler's JSON 404 (public, max-age=120), a MISS" "curl -si" -- -si $RSQ $SQ/api/invoices/9
    # run 1 named this a HIT; Squid 5.7 did not keep the 404 and fetched it again (a MISS): see the README
    cap $S express-404-invoice9-squid-again.txt 404 app express "invoice 9 again: Squid did not keep the 404 (public, max-age=120) and fetched it again, a second MISS" "" -- -sv $RSQ $SQ/api/invoices/9
    caphttp $S express-401-account-squid-httpie.txt 401 app express "HTTPie, no token: the handler's JSON 401, Via added by Squid" "HTTPie with colours" -- -v GET http://127.0.0.1:61850/api/account Host:$H
    capcut $S express-422-post-squid.txt 422 app express "POST without ref: the handler's JSON 422" "curl -si, body cut off after the headers" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"total":2}' $SQ/api/invoices
    cap $S express-409-post-squid.txt 409 app express "POST of an existing ref: the handler's JSON 409, passed on with Via" "" -- -sv $RSQ -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $SQ/api/invoices
    capraw $S express-400-bad-json-squid.txt 400 app express "a POST body that is not JSON: express.json() fails, finalhandler's HTML 'Bad Request'" "curl -si saved to a file (CRs kept)" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"ref":' $SQ/api/invoices
    cap $S express-403-admin-squid.txt 403 app express "the handler's JSON 403" "curl -si" -- -si $RSQ $SQ/api/admin
    cap $S express-429-quota-squid.txt 429 app express "the handler's own JSON 429 with Retry-After" "curl -si" -- -si $RSQ $SQ/api/quota
    capwin $S express-503-maintenance-squid.txt 503 app express "the handler's own JSON 503 (maintenance)" "curl -si pasted with CRLF" -- -si $RSQ $SQ/api/maintenance
    cap $S express-502-payments-html-squid.txt 502 app express "the app's own HTML 502 page, passed on with Via" "" -- -sv $RSQ $SQ/api/payments
    cap $S express-500-boom-squid.txt 500 app express "a thrown Error: finalhandler's HTML 'Internal Server Error', passed on" "curl -si" -- -si $RSQ $SQ/api/boom
    caplt $S express-404-route-squid.txt 404 app express "no route: Express's 'Cannot GET' page" "curl -sv, only the < lines kept" -- -sv $RSQ $SQ/api/v2/invoices
    cap $S squid-504-slow.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 3 seconds: ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/slow
    capwget $S squid-502-legacy-down-wget.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61850/legacy/invoices/1
    capcut $S squid-403-unknown-host.txt 403 cdn-cache squid "a Host that is not ours: ERR_ACCESS_DENIED" "curl -si, body cut off after the headers" -- -si -H "Host: shop.ledgerly.test" http://127.0.0.1:61850/api/invoices/1
    cap $S squid-413-body.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "" -- -sv $RSQ -X POST "${JSONH[@]}" -d "$BIGBODY" $SQ/api/invoices
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-502-old.txt 502/502 proxy nginx "nginx's 502 page, over TLS" "" -- -k $RNGS "$NGS/old/invoices/7"
up nginx && capbody $S body-nestjs-500-boom.txt 500/500 app nestjs "Nest's JSON 500, its statusCode field shows the number" "" -- $RNG $NG/api/boom
up apache && capbody $S body-apache-502-slow.txt 502/502 proxy apache "Apache's 'Proxy Error' page (its title shows 502 Proxy Error)" "" -- $RAP "$AP/api/slow?from=dashboard"
up apache && capbody $S body-fastify-404-route.txt 404/404 app fastify "Fastify's JSON 404, its statusCode field shows the number" "" -- $RAP $AP/api/v3/invoices
up caddy && capbody $S body-koa-500-boom.txt 0/500 app koa "Koa's text 'Internal Server Error', no status number in it" "" -- $RCD $CD/api/boom
up caddy && capbody $S body-caddy-429-exports.txt 0/429 proxy caddy "Caddy's JSON 429, no status number in it" "" -- $RCD $CD/api/exports/monthly
up varnish && capbody $S body-hono-503-statements-html.txt 503/503 app hono "Hono's own HTML 503 page, its title shows the number" "" -- $RVN $VN/api/statements
up varnish && capbody $S body-varnish-503-slow.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page, its heading shows 503" "" -- $RVN "$VN/api/slow?from=dashboard"
up squid && capbody $S body-express-409-post.txt 0/409 app express "Express's JSON 409, no status number in it" "" -- $RSQ -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $SQ/api/invoices

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-503-beta-h2.txt 503 proxy nginx "curl -sI on /api/beta/ over TLS + HTTP/2: nginx's empty 503" "" -- -k $RNGS $NGS/api/beta/labels
up apache && caphead $S head-fastify-401-account.txt 401 app fastify "curl -sI on /api/account: Fastify answers HEAD with the GET route's 401" "" -- $RAP $AP/api/account
up caddy && caphead $S head-caddy-504-slow.txt 504 proxy caddy "curl -sI on /api/slow: Caddy's empty 504" "" -- $RCD $CD/api/slow
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on invoice 1, stored" "X-Cache: HIT" -- $RVN $VN/api/invoices/1
up squid && caphead $S head-squid-200-hit.txt 200 cdn-cache squid "curl -sI on invoice 1, stored in Squid's memory" "X-Cache: HIT" -- $RSQ $SQ/api/invoices/1

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx apache caddy varnish squid; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round81/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
