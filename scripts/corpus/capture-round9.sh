#!/usr/bin/env bash
# capture-round9.sh — build the ninth held-out evidence corpus in
# tests/fixtures/evidence-round9/.
#
# Writers no earlier round (capture.sh, capture-round2.sh ... capture-round8.sh)
# used: Rust frameworks (axum, actix-web, poem) and an API gateway written
# directly on hyper 1 + hyper-util; Django Ninja under daphne; Pecan under
# waitress; Klein on Twisted; itty-router's AutoRouter; 0http; a Node gateway
# on http2-proxy with Basic auth; Slim 3 on php-fpm behind Apache's
# mod_proxy_fcgi. Front layers in configurations no round used: nginx with
# Lua (an API-key check and a quota answering in JSON, JSON pages for its own
# 502/504, the Server header rewritten by headers-more), nginx proxy_cache
# answering 304/412 and stale copies by itself, Apache with Digest auth, a
# JSON ErrorDocument for Basic auth, mod_qos, ModSecurity denying with 406,
# mod_cache answering 304 and stale, HAProxy with JSON errorfiles, a
# stick-table quota and a Server header of its own. Body-only and
# headers-only pastes, HTTPie with colours, transcripts saved with their CRs
# or pasted with CRLF, HTTP/2 (h2c to axum and to the hyper gateway, h2 over
# TLS to nginx).
#
#   scripts/corpus/capture-round9.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round9.sh   # never call apt-get / pip / npm / cargo
#   CORPUS_KEEP_RUN=1 capture-round9.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round9.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-8: every server binds 127.0.0.1 (ports 27000-27999)
# and the script stops if a new socket listens anywhere else; every curl runs
# under `timeout`; every loop is bounded; every server it started is stopped
# on exit, by process id. The Rust apps build with `nice -n 15 cargo build
# -j 1` in their own directory and target dir under /tmp, and the script waits
# (bounded) while another cargo build runs. Labels are written by
# finish_round9.py, which refuses (and this script then leaves the fixtures as
# they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round9"
RUN=/tmp/api-triage-corpus9
STAGE="$RUN/evidence"
CONF="$HERE/conf-round9"
VENV=${CORPUS_VENV9:-/tmp/api-triage-corpus9-venv}
NODE_DIR=${CORPUS_NODE9:-/tmp/api-triage-corpus9-node}
RUSTDIR=${CORPUS_RUST9:-/tmp/api-triage-corpus9-rust}
RUSTBIN="$RUSTDIR/target/debug/apps9"
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus9 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie nodejs python3-venv apache2 nginx libnginx-mod-http-lua libnginx-mod-http-headers-more-filter
          haproxy libapache2-mod-qos libapache2-mod-security2 php-fpm php-slim openssl)
PYPI=(django-ninja==1.7.1 Django==5.2.19 daphne==4.2.3 pecan==1.8.0 klein==24.8.0 Twisted==26.10.0 waitress==3.0.2)
NPM=(itty-router@5.0.24 0http@5.1.0 http2-proxy@5.0.53)
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

install_venv() {  # the Python frameworks, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import django, daphne, pecan, klein, waitress; import importlib.util as u; assert u.find_spec('ninja')" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # the Node frameworks, from npm
    local m ok=1
    for m in itty-router 0http http2-proxy; do
        [[ -d $NODE_DIR/node_modules/$m ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node modules missing"; return 0; }
    log "npm install into $NODE_DIR: ${NPM[*]}"
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name": "corpus9", "private": true}' >"$NODE_DIR/package.json"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_rust() {  # axum, actix-web, poem and the hyper gateway: one binary, its own target dir
    local i
    if [[ -x $RUSTBIN && $RUSTBIN -nt $HERE/apps9.rs && $RUSTBIN -nt $HERE/apps9.Cargo.toml ]]; then return 0; fi
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[rust]="the Rust apps are not built"; return 0; }
    mkdir -p "$RUSTDIR/src"
    cp "$HERE/apps9.Cargo.toml" "$RUSTDIR/Cargo.toml"
    cp "$HERE/apps9.rs" "$RUSTDIR/src/main.rs"
    for i in $(seq 1 120); do  # another build on this machine goes first (at most 20 minutes)
        pgrep -f '(^|/)(cargo|rustc) ' >/dev/null || break
        ((i == 1)) && log "waiting for another cargo build to end"
        sleep 10
    done
    log "cargo build (nice, -j 1) in $RUSTDIR"
    (cd "$RUSTDIR" && CARGO_TARGET_DIR="$RUSTDIR/target" nice -n 15 timeout 2400 cargo build -j 1) \
        >"$RUN/logs/cargo-build.log" 2>&1 || SKIPPED[rust]="cargo build failed (see logs/cargo-build.log)"
}

have() { [[ -z ${SKIPPED[$1]:-} ]] && installed "$1"; }
have_node() { [[ -z ${SKIPPED[npm]:-} && -d $NODE_DIR/node_modules/http2-proxy ]]; }
have_rust() { [[ -z ${SKIPPED[rust]:-} && -x $RUSTBIN ]]; }

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
    [[ $cmd == *"$RUN/"* || $cmd == *"$HERE/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"$RUSTDIR/"* || $cmd == *"$VENV/"* ]]
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

wait_port() {  # bounded wait (30 s: Tomcat and Jetty start slowly)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round9.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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

selfsigned() {  # selfsigned DIR: tls.key + tls.crt for 127.0.0.1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7 \
        -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
        -keyout "$1/tls.key" -out "$1/tls.crt" >/dev/null 2>&1
}

up() { [[ -n ${UP[$1]:-} ]]; }
# ------------------------------------------------------------------- main --
[[ -d $CONF ]] || die "missing $CONF"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
build_rust
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
have_node || die "the Node modules are missing (${SKIPPED[npm]:-?})"
have_rust || die "the Rust apps did not build (${SKIPPED[rust]:-?})"

PORTS=(27001 27010 27011 27012 27013 27014 27020 27021 27022 27030 27031 27032 27040 27050 27051 27052 27054 27060 27061 27062)
for p in "${PORTS[@]}" 27008 27009; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg up-slow "$PY" "$HERE/upstream.py" slow 27001
start_bg axum "$RUSTBIN" axum 27010
start_bg actix "$RUSTBIN" actix 27011
start_bg poem "$RUSTBIN" poem 27012
start_bg gateway "$RUSTBIN" gateway 27013 /ax=http://127.0.0.1:27010 /actix=http://127.0.0.1:27011 \
    /poem=http://127.0.0.1:27012,k-live-9c1d /dead=http://127.0.0.1:27009 /slow=http://127.0.0.1:27001
start_bg axum-origin "$RUSTBIN" axum 27014
start_bg ninja "$VENV/bin/python" "$HERE/apps9.py" ninja 27020
start_bg pecan "$VENV/bin/python" "$HERE/apps9.py" pecan 27021
start_bg klein "$VENV/bin/python" "$HERE/apps9.py" klein 27022
export NODE_ENV=production NODE_PATH="$NODE_DIR/node_modules"
start_bg itty node "$HERE/apps9.js" itty 27030
start_bg 0http node "$HERE/apps9.js" 0http 27031
start_bg h2proxy node "$HERE/apps9.js" h2proxy 27032 /itty=http://127.0.0.1:27030 /zero=http://127.0.0.1:27031,basic \
    /dead=http://127.0.0.1:27009 /slow=http://127.0.0.1:27001
for p in 27001 27010 27011 27012 27013 27014 27020 27021 27022 27030 27031 27032; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- front layers ------------------------------------------------------------
if have php-fpm && have php-slim; then
    mkdir -p "$RUN"/php-fpm "$RUN"/www
    cp "$HERE/apps9.slim.php" "$RUN/www/index.php"
    render "$CONF/php-fpm.conf" "$RUN/php-fpm/php-fpm.conf"
    chmod -R a+rX "$RUN/www"
    start_bg php-fpm /usr/sbin/php-fpm8.2 -F -R -y "$RUN/php-fpm/php-fpm.conf"
    wait_port 27040 php-fpm && UP[php-fpm]=1
fi
if have nginx && have libnginx-mod-http-lua && have openssl; then
    mkdir -p "$RUN"/nginx/{tmp,cache}
    selfsigned "$RUN/nginx"
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 27050 nginx && wait_port 27051 nginx && wait_port 27052 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    cp "$CONF/haproxy-503.http" "$RUN/haproxy/503.http"
    cp "$CONF/haproxy-504.http" "$RUN/haproxy/504.http"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 27054 haproxy && UP[haproxy]=1
fi
if have apache2 && have libapache2-mod-qos && have libapache2-mod-security2; then
    mkdir -p "$RUN"/apache/{errors,htdocs,cache,modsec}
    cp "$CONF/apache-401.json" "$RUN/apache/errors/401.json"
    # Digest: user:realm:md5(user:realm:password); Basic: {SHA} of the password
    printf 'oncall:orders-ops:%s\n' "$(printf 'oncall:orders-ops:correct-horse' | md5sum | cut -d' ' -f1)" >"$RUN/apache/digest.pw"
    printf 'oncall:{SHA}%s\n' "$(printf 'correct-horse' | openssl dgst -sha1 -binary | base64)" >"$RUN/apache/basic.pw"
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        start_bg apache apache2 -X -f "$RUN/apache/apache.conf"
        wait_port 27060 apache && wait_port 27061 apache && wait_port 27062 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 9 (held out): real responses captured by
# scripts/corpus/capture-round9.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-8:
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
JSONH=(-H 'Content-Type: application/json')
AX=$A:27010; AC=$A:27011; PO=$A:27012; GW=$A:27013; NJ=$A:27020; PE=$A:27021; KL=$A:27022
IT=$A:27030; ZH=$A:27031; HP=$A:27032; SL=$A:27062
KEY=(-H 'X-API-Key: k-live-9c1d')

# ================================================================ Rust ==
log "capturing: Rust apps and the hyper gateway"
S=axum-direct
cap $S axum-404-handler-json.txt 404 app axum "the handler returns 404 with a JSON body" "no Server" -- -sv $AX/api/orders/7
cap $S axum-400-path-parse.txt 400 app axum "Path<u32> rejects 'abc'" "curl -si; text 'Invalid URL: Cannot parse ...'" -- -si $AX/api/orders/abc
cap $S axum-0-panic-empty.txt 0 app axum "the handler panics (no CatchPanic layer)" "the connection closes: 'Empty reply from server'" -- -sv $AX/api/boom
cap $S axum-404-unrouted-empty.txt 404 app axum "no route: axum's default fallback" "an EMPTY 404, content-length: 0, no Server" -- -sv $AX/v2/orders
cap $S axum-405-method-empty.txt 405 app axum "DELETE on a GET route" "curl -si; EMPTY 405 with allow: GET,HEAD" -- -si -X DELETE $AX/api/health
cap $S axum-415-json-content-type.txt 415 app axum "Json extractor: a form body" "'Expected request with \`Content-Type: application/json\`'" -- -sv -d 'sku=A-1' $AX/api/orders
cap $S axum-422-json-missing-field.txt 422 app axum "Json extractor: a field is missing" "curl -si; 'Failed to deserialize the JSON body ...'" -- -si "${JSONH[@]}" -d '{"qty":1}' $AX/api/orders
capraw $S axum-503-json.txt 503 app axum "the app's JSON 503 with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $AX/api/down
capwin $S axum-503-own-html.txt 503 app axum "the app's own HTML 503" "curl -si pasted with CRLF; nginx's words, written by the app" -- -si $AX/api/maint
caphttp $S axum-400-json-syntax-httpie.txt 400 app axum "HTTPie -v: a body that is not JSON" "HTTPie with colours; 'Failed to parse the request body as JSON'" \
    -- -v POST $AX/api/orders 'Content-Type:application/json' --raw '{bad'

S=axum-h2c
cap $S axum-404-h2c.txt 404 app axum "HTTP/2 with prior knowledge, the handler's 404" "HTTP/2 404, lower-case headers" -- -sv --http2-prior-knowledge $AX/api/orders/7
cap $S axum-504-own-html-h2c.txt 504 app axum "HTTP/2, the app's own HTML 504" "curl -si" -- -si --http2-prior-knowledge $AX/api/report

S=actix-direct
cap $S actix-404-handler-json.txt 404 app actix-web "the handler returns 404 with JSON" "" -- -sv $AC/api/orders/7
cap $S actix-404-path-parse.txt 404 app actix-web "web::Path<u32> rejects 'abc' with a 404" "curl -si; text 'can not parse \"abc\" to a u32'" -- -si $AC/api/orders/abc
cap $S actix-0-panic-empty.txt 0 app actix-web "the handler panics" "'Empty reply from server'" -- -sv $AC/api/boom
cap $S actix-404-unrouted-empty.txt 404 app actix-web "no route: actix-web's default service" "an EMPTY 404" -- -sv $AC/v2/orders
cap $S actix-404-method-empty.txt 404 app actix-web "DELETE on a GET-only route: actix answers 404, not 405" "curl -si; EMPTY 404" -- -si -X DELETE $AC/api/health
cap $S actix-400-content-type.txt 400 app actix-web "web::Json: a form body" "'Content type error', connection: close" -- -sv -d 'sku=A-1' $AC/api/orders
cap $S actix-400-json-deserialize.txt 400 app actix-web "web::Json: a field is missing" "curl -si; 'Json deserialize error: missing field'" -- -si "${JSONH[@]}" -d '{"qty":1}' $AC/api/orders
cap $S actix-503-error-text.txt 503 app actix-web "ErrorServiceUnavailable: actix renders the Display text" "text/plain 'orders database is in maintenance'" -- -sv $AC/api/unavailable
caphttp $S actix-429-httpie.txt 429 app actix-web "HTTPie -v, the app's JSON 429" "HTTPie with colours" -- -v GET $AC/api/limited

S=poem-direct
cap $S poem-404-handler-json.txt 404 app poem "the handler returns 404 with JSON" "" -- -sv $PO/api/orders/7
cap $S poem-400-path-params.txt 400 app poem "Path<u32> rejects 'abc'" "curl -si; 'invalid path params'" -- -si $PO/api/orders/abc
cap $S poem-404-unrouted.txt 404 app poem "no route" "text 'not found'" -- -sv $PO/v2/orders
cap $S poem-405-method.txt 405 app poem "DELETE on a GET route" "curl -si; text 'method not allowed', no Allow" -- -si -X DELETE $PO/api/health
cap $S poem-415-content-type.txt 415 app poem "Json extractor: a form body" "'invalid content type ..., expect: \`application/json\`'" -- -sv -d 'sku=A-1' $PO/api/orders
cap $S poem-503-from-status-empty.txt 503 app poem "Error::from_status(503)" "curl -si; an EMPTY 503" -- -si $PO/api/unavailable
capraw $S poem-503-own-html.txt 503 app poem "the app's own HTML 503" "curl -si saved to a file (CRs kept); nginx's words" -- -si $PO/api/maint

S=hyper-gateway
cap $S hyper-502-refused-json.txt 502 proxy hyper "a gateway on hyper-util: the upstream refuses" \
    "JSON with the id inside, x-request-id, server: edge-gw/1.4" -- -sv $GW/dead/api/orders
cap $S hyper-504-timeout-json.txt 504 proxy hyper "the upstream answers after 5 s, the gateway waits 2 s" "curl -si" -- -si $GW/slow/api/report
cap $S hyper-404-no-route-json.txt 404 proxy hyper "no prefix matches" "" -- -sv $GW/v2/orders
cap $S hyper-401-api-key-json.txt 401 identity hyper "the gateway's API-key check on /poem: no key" \
    "WWW-Authenticate: ApiKey, server: edge-gw/1.4" -- -sv $GW/poem/api/orders/7
caphttp $S hyper-401-httpie.txt 401 identity hyper "HTTPie -v, a wrong key" "HTTPie with colours" -- -v GET $GW/poem/api/health 'X-API-Key:k-test-0000'
cap $S hyper-401-h2c-wrong-key.txt 401 identity hyper "HTTP/2 with prior knowledge, a wrong key" "" -- -sv --http2-prior-knowledge -H 'X-API-Key: k-test-0000' $GW/poem/api/orders/7
cap $S hyper-502-upstream-closed.txt 502 proxy hyper "axum panics behind the gateway: the connection closes" \
    "curl -si; the gateway's upstream_error JSON" -- -si $GW/ax/api/boom
cap $S actix-503-via-hyper.txt 503 app actix-web "actix-web's text 503 through the gateway" "server: edge-gw/1.4 put on the app's answer" -- -sv $GW/actix/api/unavailable
cap $S poem-404-via-hyper.txt 404 app poem "a good key; poem's JSON 404 through the gateway" "curl -si" -- -si "${KEY[@]}" $GW/poem/api/orders/7
cap $S axum-405-via-hyper.txt 405 app axum "axum's EMPTY 405 through the gateway" "" -- -sv -X DELETE $GW/ax/api/health
cap $S hyper-502-h2c.txt 502 proxy hyper "HTTP/2 with prior knowledge to the gateway: the upstream refuses" "curl -si" -- -si --http2-prior-knowledge $GW/dead/api/orders
cap $S axum-422-via-hyper-h2c.txt 422 app axum "HTTP/2 to the gateway, axum's 422 behind it" "" -- -sv --http2-prior-knowledge "${JSONH[@]}" -d '{"qty":1}' $GW/ax/api/orders

# ============================================================== Python ==
log "capturing: Django Ninja, Pecan, Klein"
S=ninja-daphne
cap $S ninja-404-httperror.txt 404 app django-ninja "HttpError(404) in an operation" "{\"detail\": ...}, Server: daphne" -- -sv $NJ/api/orders/7
cap $S ninja-422-path-int.txt 422 app django-ninja "a path parameter that is not an int" "curl -si; '422 Unknown Status' from daphne, detail list" -- -si $NJ/api/orders/abc
cap $S ninja-500-django-html.txt 500 app django "an exception in an operation (DEBUG off)" "Django's 'Server Error (500)' page" -- -sv $NJ/api/boom
cap $S ninja-404-django-unrouted.txt 404 app django "no URL pattern" "curl -si; Django's HTML 'Not Found'" -- -si $NJ/v2/orders
cap $S ninja-400-disallowed-host.txt 400 app django "a Host not in ALLOWED_HOSTS" "Django's 'Bad Request (400)'" -- -sv -H 'Host: orders.internal.example' $NJ/api/health
cap $S ninja-405-method.txt 405 app django-ninja "DELETE on a GET operation" "curl -si; 'Method not allowed'" -- -si -X DELETE $NJ/api/health
quiet $NJ/api/limited
cap $S ninja-429-throttle.txt 429 app django-ninja "AnonRateThrottle 1/m: the second request" "{\"detail\": ...}, Retry-After" -- -sv $NJ/api/limited
capwin $S ninja-503-httperror.txt 503 app django-ninja "HttpError(503)" "curl -si pasted with CRLF" -- -si $NJ/api/unavailable
caphttp $S ninja-422-body-httpie.txt 422 app django-ninja "HTTPie -v: a body missing a field" "HTTPie with colours" -- -v POST $NJ/api/orders qty:=1

S=pecan-waitress
cap $S pecan-404-abort.txt 404 app pecan "abort(404) in a RestController" "WebOb's HTML 404, Server: waitress" -- -sv $PE/api/orders/7
cap $S pecan-500-waitress.txt 500 app waitress "an exception in a controller (debug off)" "waitress's text 500" -- -sv $PE/api/boom
cap $S pecan-503-abort-html.txt 503 app pecan "abort(503)" "curl -si; WebOb's HTML 503" -- -si $PE/api/unavailable
cap $S pecan-405-rest-delete.txt 405 app pecan "DELETE on a RestController with no delete" "" -- -sv -X DELETE $PE/api/orders/7
capraw $S pecan-504-own-html.txt 504 app pecan "the app's own HTML 504" "curl -si saved to a file (CRs kept)" -- -si $PE/api/report

S=klein-twisted
cap $S klein-404-json.txt 404 app klein "the route sets 404 with JSON" "Server: TwistedWeb" -- -sv $KL/api/orders/7
cap $S klein-404-unrouted.txt 404 app klein "no route: Werkzeug's NotFound page" "curl -si; 'The requested URL was not found on the server'" -- -si $KL/v2/orders
cap $S klein-500-processing-failed.txt 500 app twisted "an exception in a route" "Twisted's 'Processing Failed' page" -- -sv $KL/api/boom
cap $S klein-405-method.txt 405 app klein "POST on a GET route" "curl -si" -- -si -X POST $KL/api/orders/7
cap $S klein-503-own-html.txt 503 app klein "the app's own HTML 503" "nginx's words, Server: TwistedWeb" -- -sv $KL/api/maint

# ================================================================ Node ==
log "capturing: itty-router, 0http, http2-proxy"
S=itty-router-node
cap $S itty-404-error-helper.txt 404 app itty-router "error(404, ...) from a handler" "{\"status\":404,\"error\":...}, no Server" -- -sv $IT/api/orders/7
cap $S itty-404-autorouter.txt 404 app itty-router "no route: AutoRouter's missing handler" "curl -si; {\"status\":404,\"error\":\"Not Found\"}" -- -si $IT/v2/orders
cap $S itty-500-thrown.txt 500 app itty-router "a handler throws" "the message inside a JSON 500" -- -sv $IT/api/boom
cap $S itty-500-bad-json-body.txt 500 app itty-router "req.json() throws on a bad body" "curl -si; a 500 for what is the client's fault" -- -si "${JSONH[@]}" -d '{bad' $IT/api/orders
cap $S itty-422-status-error.txt 422 app itty-router "StatusError(422)" "" -- -sv "${JSONH[@]}" -d '{"qty":1}' $IT/api/orders
cap $S itty-503-unknown-error.txt 503 app itty-router "error(503) with no message" "curl -si; {\"status\":503,\"error\":\"Unknown Error\"}" -- -si $IT/api/unavailable

S=0http-direct
cap $S 0http-404-json.txt 404 app 0http "the handler writes a JSON 404" "" -- -sv $ZH/api/orders/7
cap $S 0http-404-unrouted-empty.txt 404 app 0http "no route: 0http's default" "curl -si; an EMPTY 404, no Content-Type" -- -si $ZH/v2/orders
cap $S 0http-500-text.txt 500 app 0http "a handler throws: 0http's default error handler" "text 'Internal Server Error'" -- -sv $ZH/api/boom
capwin $S 0http-504-own-html.txt 504 app 0http "the app's own HTML 504" "curl -si pasted with CRLF" -- -si $ZH/api/report

S=http2-proxy-gateway
cap $S h2proxy-502-refused-json.txt 502 proxy http2-proxy "a Node gateway on http2-proxy: the target refuses" "JSON {status, code, message}, no Server" -- -sv $HP/dead/api/orders
cap $S h2proxy-504-timeout-json.txt 504 proxy http2-proxy "proxyTimeout 2 s, a slow target" "curl -si" -- -si $HP/slow/api/report
cap $S h2proxy-404-no-route.txt 404 proxy http2-proxy "no prefix matches" "" -- -sv $HP/v2/orders
cap $S h2proxy-401-basic.txt 401 identity http2-proxy "the gateway's Basic auth on /zero: no credentials" "curl -si; WWW-Authenticate: Basic, JSON" -- -si $HP/zero/api/orders/7
cap $S h2proxy-401-wrong-password.txt 401 identity http2-proxy "a wrong password" "" -- -sv -u oncall:wrong $HP/zero/api/orders/7
cap $S itty-404-via-h2proxy.txt 404 app itty-router "itty-router's 404 through the gateway" "" -- -sv $HP/itty/api/orders/7
cap $S 0http-500-via-h2proxy.txt 500 app 0http "good credentials; 0http's text 500 through the gateway" "curl -si" -- -si -u oncall:correct-horse $HP/zero/api/boom

# ================================================================= PHP ==
if up apache && up php-fpm; then
    log "capturing: Slim on php-fpm behind Apache"
    S=slim-fpm-apache
    cap $S slim-404-json.txt 404 app slim "the route writes a JSON 404" "Server: Apache, X-Powered-By: PHP" -- -sv $SL/api/orders/7
    cap $S slim-404-page-not-found.txt 404 app slim "no route: Slim's HTML 'Page Not Found'" "curl -si" -- -si $SL/v2/orders
    cap $S slim-404-json-accept.txt 404 app slim "no route, Accept: application/json" "{\"message\":\"Not found\"}" -- -sv -H 'Accept: application/json' $SL/v2/orders
    cap $S slim-405-html.txt 405 app slim "DELETE on a GET route" "curl -si; 'Method not allowed. Must be one of: GET'" -- -si -X DELETE $SL/api/health
    cap $S slim-500-application-error.txt 500 app slim "an exception (displayErrorDetails off)" "'Slim Application Error'" -- -sv $SL/api/boom
    capraw $S slim-500-json-accept.txt 500 app slim "an exception, Accept: application/json" "curl -si saved to a file (CRs kept)" -- -si -H 'Accept: application/json' $SL/api/boom
    cap $S slim-422-json.txt 422 app slim "a body without sku" "" -- -sv "${JSONH[@]}" -d '{"qty":1}' $SL/api/orders
    cap $S fpm-404-file-not-found.txt 404 app php-fpm "a .php path that does not exist: php-fpm's 'File not found.'" "curl -si" -- -si $SL/export.php
    cap $S apache-503-fcgi-down.txt 503 proxy apache "mod_proxy_fcgi: the FastCGI server refuses" "Apache's 503 page" -- -sv $SL/legacy/report
fi

# ========================================================== front layers ==
log "capturing: nginx (Lua edge, cache), Apache, HAProxy"
if up nginx; then
    S=nginx-lua-edge
    NX=$A:27050
    cap $S nginx-401-lua-api-key.txt 401 identity nginx "access_by_lua: no X-API-Key" \
        "the edge's JSON with \$request_id inside, Server: api-edge" -- -sv $NX/secure/api/orders/7
    caphttp $S nginx-401-lua-httpie.txt 401 identity nginx "HTTPie -v, a wrong key" "HTTPie with colours" -- -v GET $NX/secure/api/health 'X-API-Key:k-test-0000'
    quiet -H 'X-Client: batch-9' $NX/metered/api/health
    quiet -H 'X-Client: batch-9' $NX/metered/api/health
    cap $S nginx-429-lua-quota.txt 429 proxy nginx "a per-client quota in Lua: the third request" "curl -si; JSON, Retry-After: 60" \
        -- -si -H 'X-Client: batch-9' $NX/metered/api/health
    cap $S nginx-502-json-page.txt 502 proxy nginx "the upstream refuses: error_page with a JSON body" "Server: api-edge" -- -sv $NX/dead/api/orders
    capraw $S nginx-504-json-page.txt 504 proxy nginx "proxy_read_timeout 2 s: error_page with a JSON body" "curl -si saved to a file (CRs kept)" -- -si $NX/slow/api/report
    cap $S nginx-404-json-no-route.txt 404 proxy nginx "no location: return 404 with JSON" "" -- -sv $NX/v2/orders
    cap $S nginx-413-body-too-large.txt 413 proxy nginx "client_max_body_size 1k, a 2 KB body" \
        "curl -si; nginx's HTML 413 under Server: api-edge" -- -si "${JSONH[@]}" -d "{\"note\":\"$(head -c 2000 /dev/zero | tr '\0' a)\"}" $NX/ax/api/orders
cap $S nginx-414-uri-too-long.txt 414 proxy nginx "a 9 KB query string" "nginx's HTML 414 under Server: api-edge" \
        -- -sv "$NX/ax/api/orders?filter=$(head -c 9000 /dev/zero | tr '\0' a)"
    cap $S axum-404-via-nginx-lua.txt 404 app axum "a good key; axum's JSON 404" "Server: api-edge, X-Request-ID" -- -sv "${KEY[@]}" $NX/secure/api/orders/7
    cap $S axum-422-via-nginx-lua.txt 422 app axum "axum's text 422 through the edge" "curl -si" -- -si "${JSONH[@]}" -d '{"qty":1}' $NX/ax/api/orders
    cap $S actix-503-via-nginx-lua.txt 503 app actix-web "actix-web's text 503 through the edge" "" -- -sv $NX/actix/api/unavailable
    cap $S ninja-500-via-nginx-lua.txt 500 app django "Django's 500 page through the edge" "curl -si; Server: api-edge" -- -si $NX/ninja/api/boom
    cap $S klein-504-via-nginx-lua.txt 504 app klein "Klein's own HTML 504 through the edge" "the app wrote the 504" -- -sv $NX/klein/api/report
    cap $S poem-503-empty-via-nginx-lua.txt 503 app poem "poem's EMPTY 503 through the edge" "curl -si" -- -si $NX/poem/api/unavailable

    S=nginx-lua-h2
    H2=https://127.0.0.1:27051
    cap $S nginx-401-lua-h2.txt 401 identity nginx "HTTP/2 over TLS, no key" "" -- -sv -k --http2 $H2/secure/api/health
    cap $S nginx-502-json-h2.txt 502 proxy nginx "HTTP/2, the upstream refuses" "curl -si" -- -si -k --http2 $H2/dead/api/orders
    cap $S axum-405-h2-nginx.txt 405 app axum "HTTP/2, axum's EMPTY 405" "server: api-edge" -- -sv -k --http2 -X DELETE $H2/ax/api/health
    cap $S poem-415-h2-nginx.txt 415 app poem "HTTP/2, poem's 415" "curl -si" -- -si -k --http2 -d 'sku=A-1' $H2/poem/api/orders
    cap $S ninja-404-h2-nginx.txt 404 app django-ninja "HTTP/2, Ninja's JSON 404" "" -- -sv -k --http2 $H2/ninja/api/orders/7

    S=nginx-proxy-cache
    NC=$A:27052
    cap $S axum-200-nginx-cache-miss.txt 200 app axum "proxy_cache: the first request, a MISS" "curl -si; X-Cache-Status: MISS" -- -si $NC/api/catalog
    cap $S nginx-200-cache-hit.txt 200 cdn-cache nginx "the second request, from the store" "X-Cache-Status: HIT" -- -sv $NC/api/catalog
    cap $S nginx-304-cache-hit.txt 304 cdn-cache nginx "If-None-Match on a HIT: nginx answers 304 from the store" "curl -si" \
        -- -si -H 'If-None-Match: "catalog-v9"' $NC/api/catalog
    cap $S nginx-304-cache-ims.txt 304 cdn-cache nginx "If-Modified-Since equal to the stored Last-Modified" "" \
        -- -sv -H 'If-Modified-Since: Mon, 02 Nov 2026 08:00:00 GMT' $NC/api/catalog
    caphead headers-only-paste head-nginx-200-cache-hit.txt 200 cdn-cache nginx "curl -sI on a cached entry" "X-Cache-Status: HIT" -- $NC/api/catalog
    cap $S nginx-412-cache-if-match.txt 412 cdn-cache nginx "If-Match with another ETag on a HIT" "nginx's HTML 412" \
        -- -sv -H 'If-Match: "catalog-v8"' $NC/api/catalog
    quiet $NC/api/orders/7
    cap $S nginx-404-cached-app-json.txt 404 app axum "axum's 404, cached (proxy_cache_valid 404 1m), served from the store (a fresh hit of an error: the app made it, as rounds 1 and 7 label it)" \
        "curl -si; the app's JSON, X-Cache-Status: HIT" -- -si $NC/api/orders/7
fi
if up apache; then
    S=apache-mod-cache
    AC2=$A:27061
    cap $S axum-200-apache-cache-miss.txt 200 app axum "mod_cache: the first request" "X-Cache: MISS from localhost" -- -sv $AC2/api/catalog
    cap $S apache-200-cache-hit.txt 200 cdn-cache apache "the second request, from the disk cache" "curl -si; X-Cache: HIT, Age" -- -si $AC2/api/catalog
    cap $S apache-304-cache-hit.txt 304 cdn-cache apache "If-None-Match on a fresh entry: mod_cache answers 304" "" \
        -- -sv -H 'If-None-Match: "catalog-v9"' $AC2/api/catalog
    caphead headers-only-paste head-apache-200-cache-hit.txt 200 cdn-cache apache "curl -sI on a cached entry" "X-Cache: HIT, Age" -- $AC2/api/catalog
    quiet $AC2/api/feed
fi
up nginx && quiet $A:27052/api/feed

if up apache; then
    S=apache-auth-front
    AF=$A:27060
    cap $S apache-401-digest.txt 401 identity apache "mod_auth_digest: no credentials" "Apache's HTML 401 with a Digest challenge" -- -sv $AF/digest/api/orders/7
    cap $S apache-401-digest-bad-response.txt 401 identity apache "a Digest answer for another URI and a made-up nonce" "curl -si" \
        -- -si -H 'Authorization: Digest username="oncall", realm="orders-ops", nonce="bm9uY2U=", uri="/digest/api/other", response="00000000000000000000000000000000", qop=auth, nc=00000001, cnonce="abc"' $AF/digest/api/health
    cap $S apache-401-basic-json-errordocument.txt 401 identity apache "mod_auth_basic with ErrorDocument 401 as a JSON file" \
        "JSON with ETag and Last-Modified of the file" -- -sv $AF/basic/api/orders/7
    caphttp $S apache-401-basic-httpie.txt 401 identity apache "HTTPie -v, a wrong password" "HTTPie with colours" -- -v -a oncall:wrong GET $AF/basic/api/health
    cap $S apache-401-basic-wrong-password.txt 401 identity apache "a wrong password: the JSON ErrorDocument again" "curl -si" -- -si -u oncall:wrong $AF/basic/api/orders/7
    cap $S actix-404-behind-apache-basic.txt 404 app actix-web "good credentials; actix-web's EMPTY 404" "curl -si; X-Request-ID from mod_unique_id" -- -si -u oncall:correct-horse $AF/basic/v2/orders
    (in_work timeout 10 curl -s -o /dev/null $AF/qos/api/report &)
    sleep 0.5
    cap $S apache-429-mod-qos.txt 429 proxy apache "mod_qos QS_LocRequestLimit 1: a second concurrent request" "Apache's HTML 429" -- -sv $AF/qos/api/health
    cap $S apache-406-modsecurity.txt 406 waf apache "ModSecurity: '<script' in a parameter, deny with status 406" \
        "curl -si; Apache's 406 'Not Acceptable' page" -- -si "$AF/waf/api/orders/7?note=%3Cscript%3Ealert(1)%3C/script%3E"
    cap $S apache-403-modsecurity-ua.txt 403 waf apache "ModSecurity: a scanner's User-Agent" "Apache's 403 page" -- -sv -A 'sqlmap/1.7.2#stable (https://sqlmap.org)' $AF/waf/api/health
    cap $S apache-405-modsecurity-trace.txt 405 waf apache "ModSecurity: TRACE denied with status 405" "curl -si; Allow: TRACE" -- -si -X TRACE $AF/waf/api/health
    cap $S apache-403-modsecurity-body.txt 403 waf apache "ModSecurity: 'union select' in a form body" "" \
        -- -sv -d 'sku=1 UNION SELECT password FROM users' $AF/waf/api/orders
    cap $S poem-404-via-apache-waf.txt 404 app poem "a clean request; poem's 404 through ModSecurity" "" -- -sv $AF/waf/api/orders/7
    cap $S hyper-502-via-apache.txt 502 proxy hyper "Apache -> hyper gateway -> nothing: the gateway's 502" "curl -si; Server: Apache on the gateway's JSON" -- -si $AF/gw/dead/api/orders
    cap $S apache-502-axum-panic.txt 502 proxy apache "axum panics behind Apache: Apache's 502 Proxy Error" "" -- -sv $AF/ax/api/boom
    sleep 3   # the mod_qos request ends
fi
if up haproxy; then
    S=haproxy-json-errors
    HA=$A:27054
    cap $S haproxy-503-json-no-node.txt 503 load-balancer haproxy "no server of the pool passes its health check: JSON errorfile" \
        "x-request-id (uuid), server: orders-lb" -- -sv $HA/nodes/api/orders
    cap $S haproxy-504-json-timeout.txt 504 load-balancer haproxy "timeout server 2s: JSON errorfile" "curl -si" -- -si $HA/slow/api/report
    quiet -H 'X-Client: batch-9' $HA/api/health
    quiet -H 'X-Client: batch-9' $HA/api/health
    quiet -H 'X-Client: batch-9' $HA/api/health
    quiet -H 'X-Client: batch-9' $HA/api/health
    cap $S haproxy-429-json-stick-table.txt 429 load-balancer haproxy "a stick-table quota: http-request return with JSON" \
        "the uuid inside and in x-request-id" -- -sv -H 'X-Client: batch-9' $HA/api/health
    caphttp $S haproxy-429-httpie.txt 429 load-balancer haproxy "HTTPie -v, the same quota" "HTTPie with colours" -- -v GET $HA/api/health 'X-Client:batch-9'
    cap $S haproxy-403-deny.txt 403 load-balancer haproxy "http-request deny on /admin" "HAProxy's own 403 page" -- -sv $HA/admin/users
    cap $S actix-404-via-haproxy.txt 404 app actix-web "actix-web's JSON 404 through HAProxy" "curl -si; server: orders-lb replaces nothing (actix sends none)" -- -si $HA/api/orders/7
    cap $S pecan-500-via-haproxy.txt 500 app waitress "waitress's text 500 through HAProxy" "server: orders-lb in place of waitress" -- -sv $HA/pecan/api/boom
    cap $S klein-500-via-haproxy.txt 500 app twisted "Twisted's 'Processing Failed' through HAProxy" "curl -si; Server replaced" -- -si $HA/klein/api/boom
fi

# ============================================= stale copies, origin gone ==
log "capturing: caches with the origin stopped"
stop_name axum-origin
sleep 6   # past nginx's 5 s validity and the feed's max-age=1
if up nginx; then
    S=nginx-proxy-cache
    cap $S nginx-200-stale-origin-down.txt 200 cdn-cache nginx "the origin is gone: proxy_cache_use_stale error" \
        "X-Cache-Status: STALE" -- -sv $A:27052/api/catalog
    cap $S nginx-502-origin-down-uncached.txt 502 proxy nginx "the origin is gone, nothing cached for the path" \
        "curl -si; nginx's standard 502 page (no error_page on this server)" -- -si $A:27052/api/report
fi
if up apache; then
    S=apache-mod-cache
    cap $S apache-200-stale-on-error.txt 200 cdn-cache apache "the origin is gone: CacheStaleOnError serves the stale entry" \
        "Warning: 111" -- -sv $A:27061/api/feed
    cap $S apache-503-origin-down-uncached.txt 503 proxy apache "the origin is gone, nothing cached for the path" "curl -si" -- -si $A:27061/api/report
fi

# ============================================================ multi hops ==
log "capturing: two and three hops"
S=multi-hop
up nginx && cap $S hyper-401-via-nginx.txt 401 identity hyper "nginx edge -> hyper gateway: no key for /poem" \
    "the gateway's JSON under Server: api-edge; two request ids" -- -sv $A:27050/gw/poem/api/orders/7
up nginx && cap $S hyper-502-refused-via-nginx.txt 502 proxy hyper "nginx edge -> hyper gateway -> nothing" \
    "the gateway's JSON 502 relayed by nginx" -- -sv $A:27050/gw/dead/api/orders
up apache && cap $S hyper-401-via-apache.txt 401 identity hyper "Apache -> hyper gateway: no key for /poem" "curl -si" -- -si $A:27060/gw/poem/api/health
up nginx && cap $S hyper-502-closed-via-nginx.txt 502 proxy hyper "nginx edge -> hyper gateway -> axum panics" \
    "curl -si; the gateway's 502 JSON, nginx's error_page not used for a relayed 502" -- -si $A:27050/gw/ax/api/boom
up nginx && cap $S poem-503-html-via-nginx-hyper.txt 503 app poem "nginx edge -> hyper gateway -> poem's own HTML 503" \
    "three hops, the app wrote nginx's words" -- -sv "${KEY[@]}" $A:27050/gw/poem/api/maint
up apache && cap $S actix-429-via-apache-hyper.txt 429 app actix-web "Apache -> hyper gateway -> actix-web's JSON 429" "curl -si" -- -si $A:27060/gw/actix/api/limited

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
capbody $S body-axum-400-path.txt 0/400 app axum "axum's path rejection text" "no number" -- $AX/api/orders/abc
capbody $S body-actix-400-json.txt 0/400 app actix-web "actix-web's 'Json deserialize error'" "no number" -- "${JSONH[@]}" -d '{"qty":1}' $AC/api/orders
capbody $S body-poem-404.txt 0/404 app poem "poem's 'not found'" "no number" -- $PO/v2/orders
capbody $S body-ninja-500.txt 500/500 app django "Django's 'Server Error (500)'" "the number in the title" -- $NJ/api/boom
capbody $S body-itty-404.txt 404/404 app itty-router "AutoRouter's JSON" "\"status\":404" -- $IT/v2/orders
capbody $S body-slim-405.txt 0/405 app slim "Slim's HTML 'Method not allowed'" "no number" -- -X DELETE $SL/api/health
capbody $S body-fpm-404.txt 0/404 app php-fpm "php-fpm's 'File not found.'" "no number" -- $SL/export.php
capbody $S body-hyper-502.txt 0/502 proxy hyper "the hyper gateway's JSON" "upstream_unreachable, no number" -- $GW/dead/api/orders
capbody $S body-hyper-401.txt 0/401 identity hyper "the gateway's API-key JSON" "no number" -- $GW/poem/api/health
capbody $S body-h2proxy-504.txt 504/504 proxy http2-proxy "the Node gateway's JSON" "\"status\":504" -- $HP/slow/api/report
capbody $S body-h2proxy-401.txt 401/401 identity http2-proxy "the Node gateway's Basic-auth JSON" "\"status\":401" -- $HP/zero/api/health
capbody $S body-h2proxy-502.txt 502/502 proxy http2-proxy "the Node gateway's JSON 502" "\"status\":502" -- $HP/dead/api/orders
capbody $S body-hyper-504.txt 0/504 proxy hyper "the hyper gateway's JSON 504" "upstream_timeout, no number" -- $GW/slow/api/report
if up nginx; then
    capbody $S body-nginx-401-lua.txt 0/401 identity nginx "the Lua API-key JSON" "no number" -- $A:27050/secure/api/health
    capbody $S body-nginx-502-json.txt 0/502 proxy nginx "the edge's JSON 502 page" "bad_gateway, no number" -- $A:27050/dead/api/orders
    capbody $S body-nginx-404-json.txt 0/404 proxy nginx "the edge's JSON 404" "no_route, no number" -- $A:27050/v2/orders
fi
if up haproxy; then
    capbody $S body-haproxy-503-json.txt 0/503 load-balancer haproxy "HAProxy's JSON errorfile" "no_backend, no number" -- $A:27054/nodes/api/orders
    capbody $S body-haproxy-429-json.txt 0/429 load-balancer haproxy "HAProxy's JSON quota answer" "rate_limited, no number" -- -H 'X-Client: batch-9' $A:27054/api/health
fi
if up apache; then
    capbody $S body-apache-401-json.txt 0/401 identity apache "the JSON ErrorDocument for 401" "no number" -- $A:27060/basic/api/health
    capbody $S body-apache-406-modsec.txt 406/406 waf apache "Apache's 406 page for a ModSecurity deny" "'406 Not Acceptable' in the title" -- "$A:27060/waf/api/health?q=%3Cscript%3E"
fi

# ================================================ headers-only pastes ==
S=headers-only-paste
caphead $S head-axum-404-unrouted.txt 404 app axum "curl -sI: no route" "content-length: 0, nothing else" -- $AX/v2/orders
caphead $S head-actix-404-head.txt 404 app actix-web "curl -sI on a GET-only route: actix-web answers HEAD with 404" "an EMPTY 404" -- $AC/api/down
caphead $S head-ninja-405-head.txt 405 app django-ninja "curl -sI: HEAD on a GET operation" "Allow: GET, Server: daphne" -- $NJ/api/unavailable
caphead $S head-klein-500.txt 500 app twisted "curl -sI, an exception under Klein" "Server: TwistedWeb" -- $KL/api/boom
caphead $S head-hyper-502.txt 502 proxy hyper "curl -sI, the gateway's 502" "server: edge-gw/1.4, x-request-id" -- $GW/dead/api/orders
caphead $S head-h2proxy-401.txt 401 identity http2-proxy "curl -sI, the Node gateway's Basic challenge" "" -- $HP/zero/api/health
up nginx && caphead $S head-nginx-429-lua.txt 429 proxy nginx "curl -sI, the Lua quota (already spent)" "Server: api-edge, Retry-After" -- -H 'X-Client: batch-9' $A:27050/metered/api/health
up haproxy && caphead $S head-python-501-via-haproxy.txt 501 app python-http.server "curl -sI through HAProxy to a slow Python http.server upstream" \
    "http.server has no do_HEAD: its 501 page's headers, server: orders-lb" -- $A:27054/slow/api/report
up haproxy && caphead $S head-haproxy-503-no-node.txt 503 load-balancer haproxy "curl -sI, no node alive: the JSON errorfile's headers" "server: orders-lb" -- $A:27054/nodes/api/orders
up apache && caphead $S head-apache-401-digest.txt 401 identity apache "curl -sI, the Digest challenge" "" -- $A:27060/digest/api/health

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round9/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
