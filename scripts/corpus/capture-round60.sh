#!/usr/bin/env bash
# capture-round60.sh — build the sixtieth held-out evidence corpus in
# tests/fixtures/evidence-round60/.
#
# "Servers never seen, a third look": one small loans API (round 56's routes)
# written twice, once on rAPIdy (an aiohttp-based Python framework no earlier
# round used) served by aiohttp's own server, and once on pure-http (a small
# Node framework no earlier round used). In front of them: a Node gateway
# written on httpxy (a proxy library no earlier round used), and nginx,
# HAProxy, Varnish, Caddy and Apache in pairings not seen before. Where a
# front can, it puts its own request id on every answer and answers some
# paths itself (JSON 429/503, an empty 503); each also fails in its stock
# ways (dead upstream, slow upstream, unknown Host, body, URI or header too
# large). Paste forms: curl -v/-i transcripts (some keeping their CRs, some
# with CRLF on every line), HTTPie with colours, body-only and headers-only
# pastes, `wget -S -O-`.
#
#   scripts/corpus/capture-round60.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round60.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round60.sh       # keep configs + logs in the runtime dir
#
# Same rules as the earlier rounds: every server binds 127.0.0.1 (this round
# ports 59600-59699) and the script stops if a new socket listens anywhere
# else; every curl, HTTPie and wget runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Installs run under `nice -n 15` with a policy-rc.d that keeps Debian's
# services from starting. Labels are written by finish_round60.py, which
# refuses (and this script then leaves the fixtures as they were) when a
# label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round60"
RUN=/tmp/api-triage-corpus60
STAGE="$RUN/evidence"
CONF="$HERE/conf-round60"
APPS="$HERE/apps60"
VENV=${CORPUS_VENV60:-/tmp/api-triage-corpus60-venv}
NODE_DIR=${CORPUS_NODE60:-/tmp/api-triage-corpus60-node}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(rapidy==1.1.2)
NPM=(pure-http@4.0.2 httpxy@0.5.6)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus60 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openssl python3-venv nodejs apache2 nginx haproxy varnish caddy)
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

install_venv() {  # rAPIdy (and the aiohttp it brings), from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import rapidy" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # pure-http and httpxy, from npm, into $NODE_DIR
    [[ -e $NODE_DIR/node_modules/pure-http/package.json && -e $NODE_DIR/node_modules/httpxy/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || printf '{"name":"corpus60","private":true}\n' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 600 npm install --no-audit --no-fund "${NPM[@]}") >>"$RUN/logs/npm.log" 2>&1 \
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
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
            # a worker or child a server left behind (php-fpm, Starlet)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round60.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the node modules are missing (${SKIPPED[node]})"
have openssl || die "openssl is missing"

# apps: rAPIdy under aiohttp 59610 (httpxy gateway), 59613 (HAProxy), 59615
# (Caddy); pure-http on Node 59612 (nginx), 59614 (Varnish), 59616 (Apache).
# 59699 is never listened on.
APP_PORTS=(59610 59612 59613 59614 59615 59616)
FRONT_PORTS=(59680 59683 59643 59684 59645 59685 59686 59644 59687)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 59699; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: a self-signed cert for the HTTP/2 ports of nginx and Caddy --------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Tidemark/CN=loans.tidemark.test" \
    -addext "subjectAltName=DNS:loans.tidemark.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
RAPIDY=(nice -n 5 "$VENV/bin/python" "$APPS/rapidy_app.py")
PURE=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/loans_purehttp.js")
start_bg rapidy "${RAPIDY[@]}" 59610
start_bg rapidy2 "${RAPIDY[@]}" 59613
start_bg rapidy3 "${RAPIDY[@]}" 59615
start_bg pure "${PURE[@]}" 59612
start_bg pure2 "${PURE[@]}" 59614
start_bg pure3 "${PURE[@]}" 59616
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
# the httpxy gateway: Node's header limit set low so that its own 431 can be seen
start_bg gateway env CORPUS_NODE_MODULES="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 \
    node --max-http-header-size=4096 "$APPS/httpxy_gateway.mjs" 59680 59610 59699
wait_port 59680 gateway && UP[gateway]=1
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/www/docs
    : >"$RUN/nginx/www/empty-503"
    printf '<!doctype html><title>Tidemark API docs</title><h1>Tidemark loans API</h1>\n' >"$RUN/nginx/www/docs/index.html"
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 59683 nginx && wait_port 59643 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
    printf '{"error":"too_many_requests","message":"export quota for this key is used up","retry_after":60}\n' >"$RUN/apache/errors/rate-limited.json"
    printf '{"error":"maintenance","message":"returns are switched off until 18:00 UTC"}\n' >"$RUN/apache/errors/maintenance.json"
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 59687 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    cp "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
        start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
        wait_port 59684 haproxy && wait_port 59645 haproxy && UP[haproxy]=1
    else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:59685 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m -p feature=+http2
    wait_port 59685 varnish && UP[varnish]=1
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
        caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 59686 caddy && wait_port 59644 caddy && UP[caddy]=1
fi
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '{n=split($2,a,":"); p=a[n]+0; if (p < 59600 || p > 59699) print}')
[[ -z $NEWPORTS ]] || die "a server listens outside ports 59600-59699: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 60 (held out): real responses captured by
# scripts/corpus/capture-round60.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-56:
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

H=loans.tidemark.test
GW=http://$H:59680 NG=http://$H:59683 NGS=https://$H:59643 HA=http://$H:59684
HA2=http://$H:59645 VN=http://$H:59685 CD=http://$H:59686 CDS=https://$H:59644 AP=http://$H:59687
# one --resolve per front keeps the transcripts short
RGW="--resolve $H:59680:127.0.0.1" RNG="--resolve $H:59683:127.0.0.1"
RNGS="--resolve $H:59643:127.0.0.1" RHA="--resolve $H:59684:127.0.0.1" RHA2="--resolve $H:59645:127.0.0.1"
RVN="--resolve $H:59685:127.0.0.1" RCD="--resolve $H:59686:127.0.0.1" RCDS="--resolve $H:59644:127.0.0.1"
RAP="--resolve $H:59687:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
LONGQ=$(printf 'q%.0s' $(seq 1 1500))
BIGH="X-Trace-Context: $(printf 't%.0s' $(seq 1 1500))"
BIGH8="X-Trace-Context: $(printf 't%.0s' $(seq 1 8000))"
BIGBODY=$(printf '{"ref":"TM-3001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")

# ================================ the httpxy gateway -> rAPIdy under aiohttp ==
if up gateway; then
    log "capturing: the rAPIdy app under aiohttp behind the httpxy gateway"
    S=rapidy-aiohttp-httpxy
    cap $S rapidy-200-loan-httpxy.txt 200 app rapidy "loan 1 through the gateway (its X-Request-Id and Via)" "" -- -sv $RGW $GW/api/loans/1
    cap $S rapidy-404-loan-httpxy.txt 404 app rapidy "an unknown loan: the app's JSON 404" "curl -si" -- -si $RGW $GW/api/loans/9
    caphttp $S rapidy-401-account-httpxy-httpie.txt 401 app rapidy "HTTPie, no token: the app's JSON 401 (Bearer)" "HTTPie with colours" -- -v GET http://127.0.0.1:59680/api/account Host:$H
    cap $S rapidy-403-admin-httpxy.txt 403 app rapidy "the app's JSON 403" "" -- -sv $RGW $GW/api/admin
    capraw $S rapidy-409-post-httpxy.txt 409 app rapidy "POST of an existing ref: the app's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RGW -X POST "${JSONH[@]}" -d '{"ref":"TM-2001"}' $GW/api/loans
    cap $S rapidy-422-post-httpxy.txt 422 app rapidy "POST without ref: the app's JSON 422" "" -- -sv $RGW -X POST "${JSONH[@]}" -d '{"items":2}' $GW/api/loans
    cap $S rapidy-429-quota-httpxy.txt 429 app rapidy "the app's own JSON 429 with Retry-After, next to the gateway's" "curl -si" -- -si $RGW $GW/api/quota
    cap $S rapidy-503-maintenance-httpxy.txt 503 app rapidy "the app's own JSON 503 (maintenance), next to the gateway's" "" -- -sv $RGW $GW/api/maintenance
    capwin $S rapidy-502-payments-html-httpxy.txt 502 app rapidy "the app's own HTML 502 page (its card processor failed), with the gateway's Via" "curl -si pasted with CRLF" -- -si $RGW $GW/api/payments
    cap $S rapidy-503-search-html-httpxy.txt 503 app rapidy "the app's own HTML 503 page" "curl -si" -- -si $RGW $GW/api/search
    cap $S rapidy-504-courier-html-httpxy.txt 504 app rapidy "the app's own HTML 504 page (its courier timed out)" "" -- -sv $RGW $GW/api/courier
    cap $S aiohttp-500-boom-httpxy.txt 500 app aiohttp "a ZeroDivisionError the handler does not catch: aiohttp's plain 500" "curl -si" -- -si $RGW $GW/api/boom
    cap $S aiohttp-404-route-httpxy.txt 404 app aiohttp "no route: aiohttp's '404: Not Found'" "" -- -sv $RGW $GW/api/v2/loans
    cap $S aiohttp-405-delete-httpxy.txt 405 app aiohttp "DELETE on a loan: aiohttp's '405: Method Not Allowed'" "curl -si" -- -si $RGW -X DELETE $GW/api/loans/1
    cap $S httpxy-429-exports-json.txt 429 proxy httpxy "/api/exports/: the gateway's own JSON 429 (its request id in the body)" "" -- -sv $RGW $GW/api/exports/daily
    capraw $S httpxy-503-returns-json.txt 503 proxy httpxy "/api/returns/: the gateway's own JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RGW $GW/api/returns/42
    cap $S httpxy-503-beta-empty.txt 503 proxy httpxy "/api/beta/: the gateway's 503, empty body, only Server: names it" "" -- -sv $RGW $GW/api/beta/labels
    cap $S httpxy-502-legacy-down.txt 502 proxy httpxy "/legacy/ to a port nobody listens on: the gateway's JSON 502" "curl -si" -- -si $RGW $GW/legacy/loans/1
    capwget $S httpxy-502-legacy-down-wget.txt 502 proxy httpxy "the same dead upstream, with wget" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59680/legacy/loans/2
    capwin $S httpxy-504-slow-empty.txt 504 proxy httpxy "the app sleeps 5 s, proxyTimeout 2 s: the gateway's empty 504" "curl -si pasted with CRLF" -- -si $RGW $GW/api/slow
    cap $S httpxy-504-slow-empty-v.txt 504 proxy httpxy "the same timeout, curl -v" "" -- -sv $RGW $GW/api/slow
    cap $S httpxy-404-unknown-host.txt 404 proxy httpxy "the bare IP as Host: the gateway's JSON 404" "curl -si" -- -si http://127.0.0.1:59680/api/loans/1
    cap $S httpxy-413-body.txt 413 proxy httpxy "a 3 KB body: the gateway's JSON 413" "" -- -sv $RGW -X POST "${JSONH[@]}" -d "$BIGBODY" $GW/api/loans
    cap $S httpxy-431-header-too-large.txt 431 proxy httpxy "an 8 KB header, --max-http-header-size=4096: Node's server inside the gateway answers 431, no body" "" -- -sv $RGW -H "$BIGH8" $GW/api/loans/1
    capraw $S httpxy-400-bad-header.txt 400 proxy httpxy "a header name with a space in it: Node's parser inside the gateway answers 400, no body" "curl -si saved to a file (CRs kept)" -- -si $RGW -H 'X Trace: 1' $GW/api/loans/1
fi

# ============================================= nginx -> the pure-http app on Node ==
if up nginx; then
    log "capturing: the pure-http app on Node behind nginx"
    S=purehttp-node-nginx
    cap $S purehttp-200-loan-nginx.txt 200 app pure-http "loan 1 through nginx" "X-Request-ID from nginx" -- -sv $RNG $NG/api/loans/1
    cap $S purehttp-404-loan-nginx.txt 404 app pure-http "an unknown loan: the app's JSON 404" "curl -si" -- -si $RNG $NG/api/loans/9
    caphttp $S purehttp-401-account-nginx-httpie.txt 401 app pure-http "HTTPie, no token: the app's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59683/api/account Host:$H
    cap $S purehttp-409-post-nginx.txt 409 app pure-http "POST of an existing ref: the app's JSON 409" "" -- -sv $RNG -X POST "${JSONH[@]}" -d '{"ref":"TM-2001"}' $NG/api/loans
    capraw $S purehttp-422-post-nginx.txt 422 app pure-http "POST without ref: the app's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RNG -X POST "${JSONH[@]}" -d '{"items":2}' $NG/api/loans
    cap $S purehttp-429-quota-nginx.txt 429 app pure-http "the app's own JSON 429, passed on by nginx" "" -- -sv $RNG $NG/api/quota
    quiet $RNG $NG/api/exports/daily
    cap $S nginx-429-exports-json.txt 429 proxy nginx "limit_req on /api/exports/, the second request: nginx's own JSON 429" "X-Request-ID from nginx" -- -sv $RNG $NG/api/exports/daily
    cap $S purehttp-503-maintenance-nginx.txt 503 app pure-http "the app's own JSON 503 (maintenance)" "curl -si" -- -si $RNG $NG/api/maintenance
    cap $S nginx-503-returns-json.txt 503 proxy nginx "/api/returns/: nginx's own JSON 503 (return 503 '...')" "" -- -sv $RNG $NG/api/returns/42
    cap $S nginx-503-beta-empty.txt 503 proxy nginx "/api/beta/: nginx's 503 with an empty body" "curl -si" -- -si $RNG $NG/api/beta/labels
    capwin $S purehttp-502-payments-html-nginx.txt 502 app pure-http "the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RNG $NG/api/payments
    cap $S purehttp-500-boom-nginx.txt 500 app pure-http "the handler throws: pure-http's 500 with the error's stack" "" -- -sv $RNG $NG/api/boom
    cap $S nginx-504-slow.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 2s: nginx's 504 page" "" -- -sv $RNG $NG/api/slow
    capwget $S nginx-502-legacy-wget.txt 502 proxy nginx "/legacy/ to a port nobody listens on: nginx's 502 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59683/legacy/loans/1
    cap $S nginx-404-unknown-host.txt 404 proxy nginx "the bare IP as Host: the default server's 'return 404'" "curl -si" -- -si http://127.0.0.1:59683/api/loans/1
    cap $S nginx-413-body.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's 413 page" "" -- -sv $RNG -X POST "${JSONH[@]}" -d "$BIGBODY" $NG/api/loans
    cap $S nginx-414-uri.txt 414 proxy nginx "a 1.5 KB query string, 1k header buffers: nginx's 414 page" "curl -si" -- -si $RNG "$NG/api/loans?q=$LONGQ"
    cap $S nginx-400-header-too-large.txt 400 proxy nginx "a 1.5 KB header, 1k buffers: nginx's 400 page" "" -- -sv $RNG -H "$BIGH" $NG/api/loans/1
    cap $S nginx-405-docs-post.txt 405 proxy nginx "POST to the static /docs/ folder: nginx's 405 page" "curl -si" -- -si $RNG -X POST -d 'x=1' $NG/docs/
    cap $S purehttp-200-loan-nginx-h2.txt 200 app pure-http "HTTP/2 over TLS: loan 1" "" -- -sv -k $RNGS $NGS/api/loans/1
    cap $S purehttp-503-search-html-nginx-h2.txt 503 app pure-http "HTTP/2: the app's own HTML 503 page" "curl -si" -- -si -k $RNGS $NGS/api/search
    cap $S nginx-504-slow-h2.txt 504 proxy nginx "HTTP/2: the slow handler, nginx's 504" "curl -si" -- -si -k $RNGS $NGS/api/slow
fi

# ============================================ Varnish -> the pure-http app on Node ==
if up varnish; then
    log "capturing: the pure-http app on Node behind Varnish"
    S=purehttp-node-varnish
    cap $S purehttp-200-loan-varnish-miss.txt 200 app pure-http "loan 1, the first request: a MISS" "" -- -sv $RVN $VN/api/loans/1
    cap $S varnish-200-loan-hit.txt 200 cdn-cache varnish "loan 1 again: a HIT from Varnish's store" "curl -si" -- -si $RVN $VN/api/loans/1
    cap $S purehttp-404-loan-varnish.txt 404 app pure-http "an unknown loan: the app's JSON 404" "" -- -sv $RVN $VN/api/loans/9
    cap $S purehttp-403-admin-varnish.txt 403 app pure-http "the app's JSON 403" "curl -si" -- -si $RVN $VN/api/admin
    cap $S purehttp-409-post-varnish.txt 409 app pure-http "POST of an existing ref: the app's JSON 409" "" -- -sv $RVN -X POST "${JSONH[@]}" -d '{"ref":"TM-2001"}' $VN/api/loans
    caphttp $S purehttp-429-quota-varnish-httpie.txt 429 app pure-http "HTTPie: the app's own JSON 429" "HTTPie with colours" -- -v GET http://127.0.0.1:59685/api/quota Host:$H
    cap $S purehttp-503-maintenance-varnish.txt 503 app pure-http "the app's own JSON 503 (maintenance)" "curl -si" -- -si $RVN $VN/api/maintenance
    cap $S purehttp-503-search-html-varnish.txt 503 app pure-http "the app's own HTML 503 page" "" -- -sv $RVN $VN/api/search
    cap $S purehttp-500-boom-varnish.txt 500 app pure-http "the handler throws: pure-http's 500 with the error's stack" "curl -si" -- -si $RVN $VN/api/boom
    cap $S purehttp-404-route-varnish.txt 404 app pure-http "no route: pure-http's 'Cannot GET' 404" "" -- -sv $RVN $VN/api/v2/loans
    cap $S varnish-429-exports-synth.txt 429 cdn-cache varnish "/api/exports/: synth(429) with a JSON body" "curl -si" -- -si $RVN $VN/api/exports/daily
    capraw $S varnish-503-returns-synth.txt 503 cdn-cache varnish "/api/returns/: synth(503) with a JSON body" "curl -si saved to a file (CRs kept)" -- -si $RVN $VN/api/returns/42
    cap $S varnish-503-beta-empty.txt 503 cdn-cache varnish "/api/beta/: a synth 503 with no body" "" -- -sv $RVN $VN/api/beta/labels
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the handler sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "" -- -sv $RVN $VN/api/slow
    capwin $S varnish-503-legacy-down.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed'" "curl -si pasted with CRLF" -- -si $RVN $VN/legacy/loans/1
    cap $S varnish-404-unknown-host.txt 404 cdn-cache varnish "the bare IP as Host: synth(404)" "" -- -sv http://127.0.0.1:59685/api/loans/1
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE: synth(405)" "curl -si" -- -si $RVN -X PURGE $VN/api/loans/1
    cap $S purehttp-200-healthz-varnish-h2c.txt 200 app pure-http "HTTP/2 (h2c): /healthz, a MISS" "" -- -sv --http2-prior-knowledge $RVN $VN/healthz
    cap $S varnish-503-slow-h2c.txt 503 cdn-cache varnish "HTTP/2 (h2c): the slow handler, 'Backend fetch failed'" "curl -si" -- -si --http2-prior-knowledge $RVN $VN/api/slow
fi

# ============================== Apache -> the pure-http app on Node ==
if up apache; then
    log "capturing: the pure-http app on Node behind Apache"
    S=purehttp-node-apache
    cap $S purehttp-200-loan-apache.txt 200 app pure-http "loan 1 through Apache (Via, X-Request-Id)" "" -- -sv $RAP $AP/api/loans/1
    cap $S purehttp-403-admin-apache.txt 403 app pure-http "the app's JSON 403 with Apache's Via" "curl -si" -- -si $RAP $AP/api/admin
    caphttp $S purehttp-409-post-apache-httpie.txt 409 app pure-http "HTTPie: POST of an existing ref, the app's JSON 409" "HTTPie with colours" -- -v POST http://127.0.0.1:59687/api/loans Host:$H ref=TM-2001
    cap $S purehttp-503-search-html-apache.txt 503 app pure-http "the app's own HTML 503 page with Apache's Via" "" -- -sv $RAP $AP/api/search
    cap $S purehttp-500-boom-apache.txt 500 app pure-http "the handler throws: pure-http's 500 with the error's stack with Apache's Via" "curl -si" -- -si $RAP $AP/api/boom
    cap $S apache-429-exports-json.txt 429 proxy apache "/api/exports/: mod_rewrite R=429 with a JSON ErrorDocument" "" -- -sv $RAP $AP/api/exports/daily
    capraw $S apache-503-returns-json.txt 503 proxy apache "/api/returns/: R=503 with a JSON ErrorDocument" "curl -si saved to a file (CRs kept)" -- -si $RAP $AP/api/returns/42
    cap $S apache-502-slow.txt 502 proxy apache "the app sleeps 5 s, ProxyTimeout 2: Apache's 'Proxy Error' page" "" -- -sv $RAP $AP/api/slow
    capwin $S apache-503-legacy-down.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503 page" "curl -si pasted with CRLF" -- -si $RAP $AP/legacy/loans/1
    cap $S apache-404-unknown-host.txt 404 proxy apache "the bare IP as Host: the first virtual host's 404 page" "" -- -sv http://127.0.0.1:59687/api/loans/1
    cap $S apache-414-uri.txt 414 proxy apache "a 1.5 KB query string, LimitRequestLine 1024: Apache's 414 page" "curl -si" -- -si $RAP "$AP/api/loans?q=$LONGQ"
    cap $S purehttp-200-loan-apache-h2c.txt 200 app pure-http "HTTP/2 (h2c): loan 1" "curl -si" -- -si --http2-prior-knowledge $RAP $AP/api/loans/1
fi

# ============================== HAProxy -> the rAPIdy app under aiohttp ==
if up haproxy; then
    log "capturing: the rAPIdy app under aiohttp behind HAProxy"
    S=rapidy-aiohttp-haproxy
    cap $S rapidy-200-loan-haproxy.txt 200 app rapidy "loan 1 through HAProxy" "X-Request-ID from HAProxy" -- -sv $RHA $HA/api/loans/1
    cap $S rapidy-404-loan-haproxy.txt 404 app rapidy "an unknown loan: the app's JSON 404" "curl -si" -- -si $RHA $HA/api/loans/9
    caphttp $S rapidy-401-account-haproxy-httpie.txt 401 app rapidy "HTTPie, no token: the app's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59684/api/account Host:$H
    cap $S rapidy-422-post-haproxy.txt 422 app rapidy "POST without ref: the app's JSON 422" "" -- -sv $RHA -X POST "${JSONH[@]}" -d '{"items":2}' $HA/api/loans
    cap $S rapidy-429-quota-haproxy.txt 429 app rapidy "the app's own JSON 429" "curl -si" -- -si $RHA $HA/api/quota
    cap $S rapidy-503-maintenance-haproxy.txt 503 app rapidy "the app's own JSON 503 (maintenance)" "" -- -sv $RHA $HA/api/maintenance
    cap $S rapidy-504-courier-html-haproxy.txt 504 app rapidy "the app's own HTML 504 page" "curl -si" -- -si $RHA $HA/api/courier
    capwin $S aiohttp-500-boom-haproxy.txt 500 app aiohttp "the handler raises: aiohttp's plain 500" "curl -si pasted with CRLF" -- -si $RHA $HA/api/boom
    cap $S aiohttp-404-route-haproxy.txt 404 app aiohttp "an unknown path: aiohttp's router answers '404: Not Found'" "" -- -sv $RHA $HA/api/v2/loans
    cap $S haproxy-429-exports-json.txt 429 load-balancer haproxy "/api/exports/: http-request return with a JSON 429" "" -- -sv $RHA $HA/api/exports/daily
    capraw $S haproxy-503-returns-json.txt 503 load-balancer haproxy "/api/returns/: http-request return with a JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RHA $HA/api/returns/42
    cap $S haproxy-503-beta-empty.txt 503 load-balancer haproxy "/api/beta/: http-request return status 503 with no body" "" -- -sv $RHA $HA/api/beta/labels
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "the app sleeps 5 s, timeout server 2s: HAProxy's 504 page" "curl -si" -- -si $RHA $HA/api/slow
    capwin $S haproxy-503-legacy-down.txt 503 load-balancer haproxy "/legacy/: the only server is down by its check" "curl -si pasted with CRLF" -- -si $RHA $HA/legacy/loans/1
    cap $S haproxy-404-unknown-host.txt 404 load-balancer haproxy "the bare IP as Host: deny_status 404" "" -- -sv http://127.0.0.1:59684/api/loans/1
    capwget $S haproxy-403-internal-wget.txt 403 load-balancer haproxy "/internal/: http-request deny, the stock 403 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59684/internal/metrics
    cap $S haproxy-400-bad-header.txt 400 load-balancer haproxy "a header name with a space in it: HAProxy's 400 page" "curl -si" -- -si $RHA -H 'X Trace: 1' $HA/api/loans/1
    cap $S rapidy-200-loan-haproxy-h2c.txt 200 app rapidy "HTTP/2 (h2c): loan 1" "" -- -sv --http2-prior-knowledge $RHA2 $HA2/api/loans/1
    cap $S haproxy-503-returns-json-h2c.txt 503 load-balancer haproxy "HTTP/2 (h2c): HAProxy's JSON 503" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/returns/7
fi

# =============================== Caddy -> the rAPIdy app under aiohttp ==
if up caddy; then
    log "capturing: the rAPIdy app under aiohttp behind Caddy"
    S=rapidy-aiohttp-caddy
    cap $S rapidy-200-loan-caddy.txt 200 app rapidy "loan 1 through Caddy" "X-Request-ID from Caddy" -- -sv $RCD $CD/api/loans/1
    cap $S rapidy-404-loan-caddy.txt 404 app rapidy "an unknown loan: the app's JSON 404" "curl -si" -- -si $RCD $CD/api/loans/9
    caphttp $S rapidy-401-account-caddy-httpie.txt 401 app rapidy "HTTPie, no token: the app's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59686/api/account Host:$H:59686
    cap $S rapidy-409-post-caddy.txt 409 app rapidy "POST of an existing ref: the app's JSON 409" "" -- -sv $RCD -X POST "${JSONH[@]}" -d '{"ref":"TM-2001"}' $CD/api/loans
    cap $S rapidy-429-quota-caddy.txt 429 app rapidy "the app's own JSON 429" "curl -si" -- -si $RCD $CD/api/quota
    cap $S rapidy-503-maintenance-caddy.txt 503 app rapidy "the app's own JSON 503 (maintenance)" "" -- -sv $RCD $CD/api/maintenance
    capwin $S rapidy-502-payments-html-caddy.txt 502 app rapidy "the app's own HTML 502 page" "curl -si pasted with CRLF" -- -si $RCD $CD/api/payments
    cap $S aiohttp-405-delete-caddy.txt 405 app aiohttp "DELETE on a loan: aiohttp's router answers '405: Method Not Allowed'" "" -- -sv $RCD -X DELETE $CD/api/loans/1
    cap $S caddy-429-exports-json.txt 429 proxy caddy "/api/exports/*: Caddy's respond with a JSON 429" "" -- -sv $RCD $CD/api/exports/daily
    capraw $S caddy-503-returns-json.txt 503 proxy caddy "/api/returns/*: Caddy's respond with a JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RCD $CD/api/returns/42
    cap $S caddy-504-slow-empty.txt 504 proxy caddy "the app sleeps 5 s, response_header_timeout 2s: Caddy's 504, empty body" "" -- -sv $RCD $CD/api/slow
    capwin $S caddy-502-legacy-empty.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, empty body" "curl -si pasted with CRLF" -- -si $RCD $CD/legacy/loans/1
    cap $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB: the 431 Caddy's Go server writes" "curl -si" -- -si $RCD -H "$BIGH8" $CD/api/loans/1
    cap $S rapidy-200-loan-caddy-h2.txt 200 app rapidy "HTTP/2 over TLS: loan 1" "curl -si" -- -si -k $RCDS $CDS/api/loans/1
    cap $S aiohttp-500-boom-caddy-h2.txt 500 app aiohttp "HTTP/2: the handler raises, aiohttp's plain 500" "" -- -sv -k $RCDS $CDS/api/boom
    cap $S caddy-502-legacy-empty-h2.txt 502 proxy caddy "HTTP/2: the dead /legacy/ upstream, Caddy's empty 502" "curl -si" -- -si -k $RCDS $CDS/legacy/loans/2
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up gateway && capbody $S body-httpxy-429-exports.txt 0/429 proxy httpxy "the gateway's own JSON 429" "no number" -- $RGW $GW/api/exports/monthly
up gateway && capbody $S body-rapidy-429-quota-httpxy.txt 0/429 app rapidy "the app's own JSON 429 through the gateway" "no number" -- $RGW $GW/api/quota
up gateway && capbody $S body-httpxy-502-legacy.txt 0/502 proxy httpxy "the gateway's JSON 502 for the dead upstream" "no number" -- $RGW $GW/legacy/loans/3
up gateway && capbody $S body-rapidy-504-courier-html-httpxy.txt 504/504 app rapidy "the app's own HTML 504 page (its title says 504)" "" -- $RGW $GW/api/courier
up gateway && capbody $S body-aiohttp-500-httpxy.txt 500/500 app aiohttp "aiohttp's '500 Internal Server Error' text" "" -- $RGW $GW/api/boom
up gateway && capbody $S body-aiohttp-404-route-httpxy.txt 404/404 app aiohttp "aiohttp's '404: Not Found'" "" -- $RGW $GW/api/v2/loans
up nginx && capbody $S body-nginx-503-returns-json.txt 0/503 proxy nginx "nginx's own JSON 503" "no number" -- $RNG $NG/api/returns/7
up nginx && capbody $S body-purehttp-503-maintenance-nginx.txt 0/503 app pure-http "the app's own JSON 503" "no number" -- $RNG $NG/api/maintenance
up nginx && capbody $S body-purehttp-500-nginx.txt 0/500 app pure-http "pure-http's 500: the error's stack as text" "no number" -- $RNG $NG/api/boom
up nginx && capbody $S body-nginx-504-slow.txt 504/504 proxy nginx "nginx's 504 page" "" -- $RNG $NG/api/slow
up haproxy && capbody $S body-haproxy-429-exports.txt 0/429 load-balancer haproxy "HAProxy's JSON 429" "no number" -- $RHA $HA/api/exports/monthly
up haproxy && capbody $S body-haproxy-504-slow.txt 504/504 load-balancer haproxy "HAProxy's 504 page" "" -- $RHA $HA/api/slow
up varnish && capbody $S body-varnish-503-slow.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page (its title carries 503)" "" -- $RVN $VN/api/slow
up varnish && capbody $S body-purehttp-404-route-varnish.txt 0/404 app pure-http "pure-http's 'Cannot GET' text" "no number" -- $RVN $VN/api/v3/loans
up caddy && capbody $S body-rapidy-502-payments-caddy.txt 502/502 app rapidy "the app's own HTML 502 page (its title says 502)" "" -- $RCD $CD/api/payments
up apache && capbody $S body-apache-502-slow.txt 502/502 proxy apache "Apache's 'Proxy Error' page (its title carries 502)" "" -- $RAP $AP/api/slow

# ================================================ headers-only pastes ==
S=headers-only-paste
up gateway && caphead $S head-httpxy-503-beta-empty.txt 503 proxy httpxy "curl -sI on /api/beta/: the gateway's empty 503" "" -- $RGW $GW/api/beta/labels
up gateway && caphead $S head-httpxy-404-unknown-host.txt 404 proxy httpxy "curl -sI with the bare IP as Host: the gateway's 404" "" -- http://127.0.0.1:59680/api/loans/1
up gateway && caphead $S head-rapidy-200-loan-httpxy.txt 200 app rapidy "curl -sI on loan 1: aiohttp answers HEAD on the GET route" "" -- $RGW $GW/api/loans/1
up gateway && caphead $S head-httpxy-502-legacy.txt 502 proxy httpxy "curl -sI on the dead /legacy/ upstream: the gateway's 502" "" -- $RGW $GW/legacy/loans/1
up nginx && caphead $S head-purehttp-200-loan-nginx.txt 200 app pure-http "curl -sI on loan 1 through nginx" "" -- $RNG $NG/api/loans/1
up nginx && caphead $S head-nginx-503-beta-empty.txt 503 proxy nginx "curl -sI on /api/beta/: nginx's empty 503" "" -- $RNG $NG/api/beta/labels
up haproxy && caphead $S head-haproxy-503-legacy.txt 503 load-balancer haproxy "curl -sI on /legacy/: HAProxy's 503" "" -- $RHA $HA/legacy/loans/1
up varnish && caphead $S head-varnish-429-exports.txt 429 cdn-cache varnish "curl -sI on /api/exports/: Varnish's synth 429" "" -- $RVN $VN/api/exports/daily
up caddy && caphead $S head-caddy-502-legacy.txt 502 proxy caddy "curl -sI on the dead /legacy/ upstream: Caddy's 502" "" -- $RCD $CD/legacy/loans/1
up apache && caphead $S head-apache-503-legacy.txt 503 proxy apache "curl -sI on the dead /legacy/ upstream: Apache's 503" "" -- $RAP $AP/legacy/loans/1


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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round60/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
