#!/usr/bin/env bash
# capture-round82.sh — build the eighty-second held-out evidence corpus in
# tests/fixtures/evidence-round82/.
#
# "Mainstream Go, a thirtieth pairing": four Go API stacks built offline from
# Debian's sources (GOPATH mode, as earlier rounds built them), each behind
# the mainstream front it met least in earlier rounds (setup names in the
# earlier labels.toml files), names ending in -r82. Front configs in
# scripts/corpus/conf-round82/ (round 77's, ports moved into 61900-61999,
# upstreams swapped, upstream timeouts 3 s):
#   - gin 1.8 (apps27/gin_app.go, release mode, gin.Recovery, an inventory
#     API) behind Apache 2.4 mod_proxy_http (HTTP/1.1, TLS + HTTP/2);
#   - Echo 4 (apps63/echo_app.go) behind HAProxy 2.6 (HTTP/1.1, h2c; its own
#     504 a problem+json errorfile);
#   - chi 5 (apps67/chi_cached.go, cacheable invoice 1 and /api/rates)
#     behind Varnish 7.1 (HITs, a 304, a grace copy, h2c);
#   - Go net/http (apps78/nethttp_app.go, the Bramble orders API with its own
#     X-Request-Id, http.Error and "404 page not found") behind Squid 5.7 as
#     a reverse accelerator (a HIT, a 304, a 412).
# Each front puts its own request id on what it sends back, answers some
# paths itself (JSON 429 and 503, an empty 503), fails its stock ways (dead
# upstream, slow upstream, unknown Host, a URI, body or header too large).
# Not this round (30 minutes): Caddy, nginx, gorilla/mux (not installed;
# the script builds offline only).
# Paste forms: curl -sv / -si transcripts (some saved with their CRs, some
# with CRLF on every line, some with only the `<` lines of -v kept, some cut
# off after the headers), HTTPie with colours, `wget -S -O-`, body-only and
# headers-only pastes.
#
#   scripts/corpus/capture-round82.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round82.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round82.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 61900-61999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round82.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round82"
RUN=/tmp/api-triage-corpus82-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round82"
APPS27="$HERE/apps27"
APPS63="$HERE/apps63"
APPS67="$HERE/apps67"
APPS78="$HERE/apps78"
GO_DIR=${CORPUS_GO82:-/tmp/api-triage-corpus82-go}
VENV=${CORPUS_VENV82:-/tmp/api-triage-corpus82-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus82 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 haproxy varnish squid golang-go python3-venv
    golang-github-labstack-echo-dev golang-github-go-chi-chi-dev golang-github-gin-gonic-gin-dev)
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

install_venv() {  # HTTPie only (a copy of round 77's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

build_go() {  # gin (round 27's app), Echo (round 63's), the cacheable chi (round 67's), net/http (round 78's): Debian's sources, offline, GOPATH mode
    local f dir
    mkdir -p "$GO_DIR/src/github.com/labstack/echo" "$GO_DIR/src/github.com/go-chi/chi"
    # Debian ships Echo v4 and chi v5 without the /v4, /v5 directories GOPATH mode wants (rounds 63's and 70's links)
    ln -sfn /usr/share/gocode/src/github.com/labstack/echo "$GO_DIR/src/github.com/labstack/echo/v4"
    ln -sfn /usr/share/gocode/src/github.com/go-chi/chi "$GO_DIR/src/github.com/go-chi/chi/v5"
    for f in gin_app echo_app chi_cached nethttp_app; do
        case $f in gin_app) dir=$APPS27 ;; echo_app) dir=$APPS63 ;; chi_cached) dir=$APPS67 ;; *) dir=$APPS78 ;; esac
        [[ -x $GO_DIR/$f && $GO_DIR/$f -nt $dir/$f.go ]] && continue
        log "go build $f"
        (cd "$dir" && GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$GO_DIR:/usr/share/gocode" GOCACHE="$GO_DIR/cache" \
            nice -n 15 timeout 600 go build -p 1 -o "$GO_DIR/$f" "$f.go") >>"$RUN/logs/go-build.log" 2>&1 \
            || SKIPPED[$f]="go build $f failed (see logs/go-build.log)"
    done
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GO_DIR/"* || $cmd == *"$VENV/"* ]]
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
# only ours are checked against 127.0.0.1 and 61900-61999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round82.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
# 41's form, its rawsend.py, copied to conf-round82/): what curl cannot send
# (an unknown Transfer-Encoding, a request line that says HTTP/3.0).
capnc() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    timeout 20 "$PY" "$CONF/rawsend.py" "$@" >"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS27 && -d $APPS63 && -d $APPS67 && -d $APPS78 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,flags}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
have openssl || die "openssl is missing"
have golang-go && have golang-github-labstack-echo-dev && have golang-github-go-chi-chi-dev \
    && have golang-github-gin-gonic-gin-dev || die "Go or Debian's gin/Echo/chi sources are missing"
build_go
for f in gin_app echo_app chi_cached nethttp_app; do
    [[ -z ${SKIPPED[$f]:-} ]] || die "$f did not build (see $RUN/logs/go-build.log)"
done

# apps: gin 61915 (Apache 61981, TLS 61947), Echo 61916 (HAProxy 61982, h2c
# 61945), chi 61919 (Varnish 61990, h2c on the same port), net/http 61920
# (Squid 61950). 61999 is never listened on (the dead upstream every front has).
APP_PORTS=(61915 61916 61919 61920)
FRONT_PORTS=(61981 61947 61982 61945 61990 61950)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 61999; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for Apache ------------------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Ledgerly/CN=api.ledgerly.test" \
    -addext "subjectAltName=DNS:api.ledgerly.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg gin nice -n 5 "$GO_DIR/gin_app" 61915
start_bg echo nice -n 5 "$GO_DIR/echo_app" 61916
start_bg chi nice -n 5 "$GO_DIR/chi_cached" 61919
start_bg nethttp env FLAG_DIR="$RUN/flags" REPLICA=bramble-api-1 nice -n 5 "$GO_DIR/nethttp_app" 61920
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
    wait_port 61981 apache && wait_port 61947 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
cp "$CONF/haproxy-504.http" "$RUN/haproxy/haproxy-504.http"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 61982 haproxy && wait_port 61945 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/chi.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:61990 -T none -f "$RUN/varnish/chi.vcl" \
    -n "$RUN/varnish/chi" -s malloc,16m -p feature=+http2
wait_port 61990 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus82 -f "$RUN/squid/squid.conf"
wait_port 61950 squid && UP[squid]=1
sleep 1.5

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 61900 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server listens outside 61900-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 82 (held out): real responses captured by
# scripts/corpus/capture-round82.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-81:
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
AP=http://$H:61981 APS=https://$H:61947 HA=http://$H:61982 HA2=http://$H:61945 VN=http://$H:61990 SQ=http://$H:61950
# one --resolve per front keeps the transcripts short
RAP="--resolve $H:61981:127.0.0.1" RAPS="--resolve $H:61947:127.0.0.1" RHA="--resolve $H:61982:127.0.0.1"
RHA2="--resolve $H:61945:127.0.0.1" RVN="--resolve $H:61990:127.0.0.1" RSQ="--resolve $H:61950:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
BIGH="X-Trace-Context: $(printf 't%.0s' $(seq 1 1500))"
BIGH8="X-Trace-Context: $(printf 't%.0s' $(seq 1 8000))"
BIGH20="X-Trace-Context: $(printf 't%.0s' $(seq 1 20000))"
BIGBODY=$(printf '{"ref":"BR-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")
LONGQ="cursor=$(printf 'c%.0s' $(seq 1 1500))"

# ===================================================== Apache -> gin ==
if up apache; then
    log "capturing: gin behind Apache"
    S=gin-apache-r82
    cap $S gin-200-item-apache.txt 200 app gin "item A-1 through Apache" "Via and X-Request-Id added by Apache" -- -sv $RAP $AP/api/items/A-1
    cap $S gin-200-catalog-apache-h2.txt 200 app gin "HTTP/2 over TLS: the cacheable catalog (Apache does not cache)" "" -- -sv -k $RAPS $APS/api/catalog
    caphttp $S gin-401-items-apache-httpie.txt 401 app gin "HTTPie, no token: the handler's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- -v GET http://127.0.0.1:61981/api/items Host:$H
    cap $S gin-401-audit-invalid-token-apache.txt 401 app gin "a bearer token that does not verify: the handler's JSON 401, error=\"invalid_token\"" "curl -si" -- -si $RAP -H 'Authorization: Bearer forged' $AP/api/admin/audit
    capraw $S gin-403-audit-apache.txt 403 app gin "a user token on the admin audit: the handler's JSON 403" "curl -si saved to a file (CRs kept)" -- -si $RAP -H 'Authorization: Bearer user-token' $AP/api/admin/audit
    cap $S gin-201-adjustment-apache.txt 201 app gin "POST an adjustment: the handler's JSON 201" "" -- -sv $RAP -X POST "${JSONH[@]}" -d '{"sku":"A-1","delta":5}' $AP/api/adjustments
    caplt $S gin-400-adjustment-binding-apache.txt 400 app gin "POST without delta: ShouldBindJSON's validator error as JSON 400" "curl -sv, only the < lines kept" -- -sv $RAP -X POST "${JSONH[@]}" -d '{"sku":"A-1"}' $AP/api/adjustments
    capwin $S gin-422-adjustment-apache.txt 422 app gin "POST an unknown sku: the handler's JSON 422" "curl -si pasted with CRLF" -- -si $RAP -X POST "${JSONH[@]}" -d '{"sku":"Z-9","delta":5}' $AP/api/adjustments
    cap $S gin-409-reserve-apache-h2.txt 409 app gin "HTTP/2 over TLS: reserve with no stock: the handler's JSON 409" "curl -si" -- -si -k $RAPS -X POST $APS/api/items/A-1/reserve
    cap $S gin-404-item-apache.txt 404 app gin "item Z-9: the handler's JSON 404" "curl -si" -- -si $RAP $AP/api/items/Z-9
    capcut $S gin-404-route-apache.txt 404 app gin "no route: gin's text '404 page not found'" "curl -si, body cut off after the headers" -- -si $RAP $AP/api/v2/items
    cap $S gin-404-wrong-method-apache.txt 404 app gin "DELETE on a GET route, HandleMethodNotAllowed off: gin's '404 page not found'" "" -- -sv $RAP -X DELETE $AP/api/items/A-1
    cap $S gin-429-limited-apache.txt 429 app gin "the handler's JSON 429 with Retry-After and X-RateLimit-Remaining" "curl -si" -- -si $RAP $AP/api/limited
    cap $S gin-503-maintenance-apache.txt 503 app gin "the handler's JSON 503 (maintenance) with Retry-After" "curl -si" -- -si $RAP $AP/api/maintenance
    capwget $S gin-503-ready-db-down-wget.txt 503 app gin "the readiness check: the app's JSON 503, its database is DOWN" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61981/api/health/ready
    cap $S gin-500-boom-apache.txt 500 app gin "a nil map write: gin.Recovery's empty 500, passed on" "" -- -sv $RAP $AP/api/boom
    cap $S gin-301-warehouse-apache.txt 301 app gin "the v1 warehouse route: gin's redirect to v2" "curl -si" -- -si $RAP $AP/api/warehouses/3
    cap $S apache-429-exports-json-h2.txt 429 proxy apache "HTTP/2 over TLS: /api/exports/, mod_rewrite R=429 with a JSON ErrorDocument" "curl -si" -- -si -k $RAPS $APS/api/exports/daily
    capwin $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: mod_rewrite R=503 with a JSON ErrorDocument" "curl -si pasted with CRLF" -- -si $RAP $AP/api/refunds/42
    cap $S apache-502-slow-h2.txt 502 proxy apache "HTTP/2 over TLS: the handler waits 5 s, ProxyTimeout 3: Apache's 'Proxy Error' page" "" -- -sv -k $RAPS $APS/api/slow
    capwget $S apache-503-legacy-down-wget.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61981/legacy/items/1
    caplt $S apache-404-unknown-host.txt 404 proxy apache "the bare IP as Host: the first virtual host, an empty folder: Apache's 404 page" "curl -sv, only the < lines kept" -- -sv http://127.0.0.1:61981/api/items/A-1
    cap $S apache-414-uri.txt 414 proxy apache "a 1.5 KB query string, LimitRequestLine 1024: Apache's 414 page" "curl -si" -- -si $RAP "$AP/api/items?$LONGQ"
    capraw $S apache-400-header-too-large.txt 400 proxy apache "a 1.5 KB header, LimitRequestFieldSize 1024: Apache's 400 page" "curl -si saved to a file (CRs kept)" -- -si $RAP -H "$BIGH" $AP/api/items/A-1
    cap $S apache-405-trace.txt 405 proxy apache "TRACE, TraceEnable Off: Apache's 405 page" "curl -si" -- -si $RAP -X TRACE $AP/api/items/A-1
    cap $S apache-501-unknown-method.txt 501 proxy apache "a method Apache does not know (FOO) on its own static /errors/ file: Apache's 501 page" "" -- -sv $RAP -X FOO $AP/errors/maintenance.json
    cap $S apache-404-unknown-host-h2.txt 404 proxy apache "HTTP/2 over TLS, the bare IP as Host: the first virtual host, Apache's 404 page" "curl -si" -- -si -k https://127.0.0.1:61947/api/items/A-1
fi

# ===================================================== HAProxy -> Echo ==
if up haproxy; then
    log "capturing: Echo behind HAProxy"
    S=echo-haproxy-r82
    cap $S echo-200-invoice-haproxy.txt 200 app echo "invoice 1 through HAProxy" "X-Request-ID set by HAProxy" -- -sv $RHA $HA/api/invoices/1
    cap $S echo-200-invoice-haproxy-h2c.txt 200 app echo "HTTP/2 (h2c): invoice 1" "" -- -sv --http2-prior-knowledge $RHA2 $HA2/api/invoices/1
    caphttp $S echo-401-account-haproxy-httpie.txt 401 app echo "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:61982/api/account Host:$H
    capraw $S echo-201-post-haproxy.txt 201 app echo "POST a new ref: the handler's JSON 201" "curl -si saved to a file (CRs kept)" -- -si $RHA -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $HA/api/invoices
    caplt $S echo-422-post-haproxy.txt 422 app echo "POST without ref: the handler's JSON 422" "curl -sv, only the < lines kept" -- -sv $RHA -X POST "${JSONH[@]}" -d '{"total":2}' $HA/api/invoices
    cap $S echo-409-post-haproxy.txt 409 app echo "POST of an existing ref: the handler's JSON 409" "curl -si" -- -si $RHA -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $HA/api/invoices
    cap $S echo-403-admin-haproxy.txt 403 app echo "the handler's JSON 403" "curl -si" -- -si $RHA $HA/api/admin
    cap $S echo-404-invoice-haproxy.txt 404 app echo "invoice 9: the handler's JSON 404" "" -- -sv $RHA $HA/api/invoices/9
    capcut $S echo-404-route-haproxy.txt 404 app echo "no route: Echo's {\"message\":\"Not Found\"}" "curl -si, body cut off after the headers" -- -si $RHA $HA/api/v2/invoices
    cap $S echo-405-delete-haproxy.txt 405 app echo "DELETE on a GET route: Echo's {\"message\":\"Method Not Allowed\"}" "curl -si" -- -si $RHA -X DELETE $HA/api/invoices/1
    cap $S echo-429-quota-haproxy.txt 429 app echo "the handler's JSON 429 with Retry-After" "curl -si" -- -si $RHA $HA/api/quota
    cap $S echo-503-maintenance-haproxy-h2c.txt 503 app echo "HTTP/2 (h2c): the handler's JSON 503 (maintenance)" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/maintenance
    capwin $S echo-502-payments-html-haproxy.txt 502 app echo "the app's own HTML 502 page (payment provider), passed on" "curl -si pasted with CRLF" -- -si $RHA $HA/api/payments
    cap $S echo-504-bank-html-haproxy.txt 504 app echo "the app's own HTML 504 page (bank feed), passed on" "" -- -sv $RHA $HA/api/bank
    cap $S echo-500-boom-haproxy.txt 500 app echo "a nil map write: Recover's JSON {\"message\":\"Internal Server Error\"}" "curl -si" -- -si $RHA $HA/api/boom
    cap $S haproxy-429-exports-json-h2c.txt 429 load-balancer haproxy "HTTP/2 (h2c): /api/exports/, http-request return with a JSON 429" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/exports/daily
    caplt $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: http-request return with a JSON 503" "curl -sv, only the < lines kept" -- -sv $RHA $HA/api/refunds/42
    cap $S haproxy-503-beta-empty.txt 503 load-balancer haproxy "/api/beta/: http-request return status 503 with no body" "curl -si" -- -si $RHA $HA/api/beta/labels
    cap $S haproxy-504-slow-problem-json.txt 504 load-balancer haproxy "the handler waits 5 s, timeout server 3s: HAProxy's 504 from its errorfile, an RFC 9457 problem document" "" -- -sv $RHA $HA/api/slow
    capwget $S haproxy-503-legacy-down-wget.txt 503 load-balancer haproxy "/legacy/: the only server is down by its check, HAProxy's 503 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61982/legacy/invoices/1
    capcut $S haproxy-404-unknown-host.txt 404 load-balancer haproxy "the bare IP as Host: deny_status 404, HAProxy's stock 404 page" "curl -si, body cut off after the headers" -- -si http://127.0.0.1:61982/api/invoices/1
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's stock 403 page" "curl -si" -- -si $RHA $HA/internal/metrics
    cap $S haproxy-405-trace.txt 405 load-balancer haproxy "TRACE: deny_status 405, HAProxy's stock 405 page" "" -- -sv $RHA -X TRACE $HA/api/invoices/1
    capraw $S haproxy-400-request-too-big.txt 400 load-balancer haproxy "a 20 KB header, more than the 16 KB buffer: HAProxy's stock 400 page" "curl -si saved to a file (CRs kept)" -- -si $RHA -H "$BIGH20" $HA/api/invoices/1
fi

# ====================================== Varnish -> chi (cacheable) ==
if up varnish; then
    log "capturing: chi behind Varnish"
    S=chi-varnish-r82
    cap $S chi-200-invoice-varnish-miss.txt 200 app chi "invoice 1, first request: a MISS" "X-Cache: MISS, Via: varnish" -- -sv $RVN $VN/api/invoices/1
    cap $S varnish-200-invoice-hit.txt 200 cdn-cache varnish "invoice 1 again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $RVN $VN/api/invoices/1
    caplt $S varnish-304-invoice-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "curl -sv, only the < lines kept" -- -sv $RVN -H 'If-None-Match: "inv-1-v3"' $VN/api/invoices/1
    cap $S varnish-200-invoice-hit-h2c.txt 200 cdn-cache varnish "HTTP/2 (h2c): invoice 1 from Varnish's store" "X-Cache: HIT" -- -sv --http2-prior-knowledge $RVN $VN/api/invoices/1
    quiet $RVN $VN/api/rates
    sleep 2.5
    cap $S varnish-200-rates-grace.txt 200 cdn-cache varnish "/api/rates past its 1 s ttl, inside grace: the stale copy, fetched again behind it" "curl -si; X-Cache: HIT-STALE" -- -si $RVN $VN/api/rates
    cap $S chi-404-invoice9-varnish.txt 404 app chi "invoice 9: the handler's JSON 404 (not stored)" "curl -si" -- -si $RVN $VN/api/invoices/9
    caphttp $S chi-401-account-varnish-httpie.txt 401 app chi "HTTPie, no token: the handler's JSON 401, Via added by Varnish" "HTTPie with colours" -- -v GET http://127.0.0.1:61990/api/account Host:$H:61990
    capwin $S chi-409-post-varnish.txt 409 app chi "POST (passed) of an existing ref: the handler's JSON 409" "curl -si pasted with CRLF" -- -si $RVN -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $VN/api/invoices
    cap $S chi-422-post-varnish.txt 422 app chi "POST without ref: the handler's JSON 422" "" -- -sv $RVN -X POST "${JSONH[@]}" -d '{"total":2}' $VN/api/invoices
    cap $S chi-400-invoice-id-varnish.txt 400 app chi "an invoice id that is not a number: the handler's JSON 400, passed on" "" -- -sv $RVN $VN/api/invoices/abc
    cap $S chi-403-admin-varnish.txt 403 app chi "the handler's JSON 403" "curl -si" -- -si $RVN $VN/api/admin
    cap $S chi-429-quota-varnish.txt 429 app chi "the handler's JSON 429 with Retry-After" "curl -si" -- -si $RVN $VN/api/quota
    capraw $S chi-405-delete-varnish.txt 405 app chi "DELETE on a GET route (passed): chi's empty 405" "curl -si saved to a file (CRs kept)" -- -si $RVN -X DELETE $VN/api/invoices/1
    capcut $S chi-404-route-varnish.txt 404 app chi "no route: chi's text '404 page not found'" "curl -si, body cut off after the headers" -- -si $RVN $VN/api/v2/invoices
    cap $S chi-502-payments-html-varnish.txt 502 app chi "the app's own HTML 502 page, passed on with Via" "curl -si" -- -si $RVN $VN/api/payments
    capcut $S chi-504-bank-html-varnish.txt 504 app chi "the app's own HTML 504 page, passed on with Via" "curl -si, body cut off after the headers" -- -si $RVN $VN/api/bank
    cap $S chi-500-boom-varnish.txt 500 app chi "a nil map write: Recoverer's empty 500, passed on" "" -- -sv $RVN $VN/api/boom
    cap $S varnish-429-exports-synth.txt 429 cdn-cache varnish "/api/exports/: synth(429) with a JSON body" "curl -si" -- -si $RVN $VN/api/exports/daily
    capwin $S varnish-503-refunds-synth.txt 503 cdn-cache varnish "/api/refunds/: synth(503) with a JSON maintenance body" "curl -si pasted with CRLF" -- -si $RVN $VN/api/refunds/42
    caplt $S varnish-503-beta-empty-h2c.txt 503 cdn-cache varnish "HTTP/2 (h2c): /api/beta/, a synth 503 delivered with no body" "curl -sv, only the < lines kept" -- -sv --http2-prior-knowledge $RVN $VN/api/beta/labels
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the handler waits 5 s, first_byte_timeout 3s: 'Backend fetch failed'" "" -- -sv $RVN $VN/api/slow
    capwget $S varnish-503-legacy-down-wget.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed'" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61990/legacy/invoices/1
    cap $S varnish-404-unknown-host.txt 404 cdn-cache varnish "a Host that is not ours: synth(404), the builtin page" "curl -si" -- -si -H "Host: shop.ledgerly.test" http://127.0.0.1:61990/api/invoices/1
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE with no purge ACL: synth(405), the builtin page" "curl -si" -- -si $RVN -X PURGE $VN/api/invoices/1
    cap $S varnish-404-unknown-host-h2c.txt 404 cdn-cache varnish "HTTP/2 (h2c), a Host that is not ours: synth(404)" "" -- -sv --http2-prior-knowledge -H "Host: shop.ledgerly.test" http://127.0.0.1:61990/api/invoices/1
fi

# ================================================= Squid -> Go net/http (cacheable) ==
if up squid; then
    log "capturing: Go net/http behind Squid"
    S=go-nethttp-squid-r82
    cap $S gonethttp-200-order-squid-miss.txt 200 app go-net-http "order 1, first request: a MISS" "Via, X-Cache: MISS, the app's and Squid's X-Request-ID" -- -sv $RSQ $SQ/api/orders/1
    cap $S squid-200-order-hit.txt 200 cdn-cache squid "order 1 again: from Squid's memory cache" "curl -si; X-Cache: HIT, Age" -- -si $RSQ $SQ/api/orders/1
    capraw $S squid-304-order-if-none-match.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's own 304" "curl -si saved to a file (CRs kept)" -- -si $RSQ -H 'If-None-Match: "br-order-1-v7"' $SQ/api/orders/1
    caplt $S squid-412-order-if-match.txt 412 cdn-cache squid "If-Match with an old ETag on a stored object: Squid's 412" "curl -sv, only the < lines kept" -- -sv $RSQ -H 'If-Match: "br-order-1-v6"' $SQ/api/orders/1
    caphttp $S gonethttp-401-account-squid-httpie.txt 401 app go-net-http "HTTPie, no token: the handler's JSON 401, Via added by Squid" "HTTPie with colours" -- -v GET http://127.0.0.1:61950/api/account Host:$H
    capcut $S gonethttp-422-post-squid.txt 422 app go-net-http "POST without ref: the handler's JSON 422" "curl -si, body cut off after the headers" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"total":2}' $SQ/api/orders
    cap $S gonethttp-201-post-squid.txt 201 app go-net-http "POST a new ref: the handler's JSON 201, passed on with Via" "" -- -sv $RSQ -X POST "${JSONH[@]}" -d '{"ref":"BR-2001"}' $SQ/api/orders
    cap $S gonethttp-409-post-squid.txt 409 app go-net-http "POST of an existing ref: the handler's JSON 409" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"ref":"BR-1001"}' $SQ/api/orders
    cap $S gonethttp-405-get-orders-squid.txt 405 app go-net-http "GET on the POST-only collection: the handler's JSON 405 with Allow" "curl -si" -- -si $RSQ $SQ/api/orders
    cap $S gonethttp-400-order-id-squid.txt 400 app go-net-http "an order id that is not a number: the handler's JSON 400, passed on with Via" "curl -si" -- -si $RSQ $SQ/api/orders/abc
    cap $S gonethttp-404-order9-squid.txt 404 app go-net-http "order 9: the handler's JSON 404" "" -- -sv $RSQ $SQ/api/orders/9
    capraw $S gonethttp-404-route-squid.txt 404 app go-net-http "no route: ServeMux's text '404 page not found'" "curl -si saved to a file (CRs kept)" -- -si $RSQ $SQ/api/v2/orders
    cap $S gonethttp-403-admin-squid.txt 403 app go-net-http "the handler's JSON 403" "curl -si" -- -si $RSQ $SQ/api/admin
    cap $S gonethttp-429-quota-squid.txt 429 app go-net-http "the handler's JSON 429 with Retry-After" "curl -si" -- -si $RSQ $SQ/api/quota
    capwin $S gonethttp-503-maintenance-squid.txt 503 app go-net-http "the handler's own JSON 503 (maintenance)" "curl -si pasted with CRLF" -- -si $RSQ $SQ/api/maintenance
    cap $S gonethttp-502-payments-html-squid.txt 502 app go-net-http "the app's own HTML 502 page (payment provider), passed on with Via" "" -- -sv $RSQ $SQ/api/payments
    cap $S gonethttp-500-boom-squid.txt 500 app go-net-http "http.Error's plain-text 'internal error' 500, passed on" "curl -si" -- -si $RSQ $SQ/api/boom
    cap $S squid-504-slow.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 3 seconds: ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/slow
    capwget $S squid-502-legacy-down-wget.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61950/legacy/orders/1
    capcut $S squid-403-unknown-host.txt 403 cdn-cache squid "a Host that is not ours: ERR_ACCESS_DENIED" "curl -si, body cut off after the headers" -- -si -H "Host: shop.ledgerly.test" http://127.0.0.1:61950/api/orders/1
    cap $S squid-413-body.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "" -- -sv $RSQ -X POST "${JSONH[@]}" -d "$BIGBODY" $SQ/api/orders
    cap $S squid-431-header-too-large.txt 431 cdn-cache squid "an 8 KB header, request_header_max_size 2 KB: Squid's 431 page" "curl -si" -- -si $RSQ -H "$BIGH8" $SQ/api/orders/1
    cap $S squid-403-internal.txt 403 cdn-cache squid "/internal/: http_access deny, ERR_ACCESS_DENIED" "curl -si" -- -si $RSQ $SQ/internal/metrics
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up apache && capbody $S body-gin-422-adjustment.txt 422/422 app gin "gin's JSON 422 for an unknown sku, its status field shows the number" "" -- $RAP -X POST "${JSONH[@]}" -d '{"sku":"Z-9","delta":5}' $AP/api/adjustments
up apache && capbody $S body-apache-502-slow.txt 502/502 proxy apache "Apache's 'Proxy Error' page, over TLS" "" -- -k $RAPS "$APS/api/slow?from=dashboard"
up haproxy && capbody $S body-haproxy-504-problem-json.txt 504/504 load-balancer haproxy "HAProxy's problem+json 504 (errorfile), its status field shows the number" "" -- $RHA "$HA/api/slow?from=dashboard"
up haproxy && capbody $S body-echo-500-boom.txt 0/500 app echo "Echo's JSON 500, no status number in it" "" -- $RHA $HA/api/boom
up varnish && capbody $S body-chi-404-route.txt 404/404 app chi "chi's '404 page not found'" "" -- $RVN $VN/api/v3/invoices
up varnish && capbody $S body-chi-504-bank-html.txt 504/504 app chi "the chi app's own HTML 504 page, its title shows the number" "" -- $RVN $VN/api/bank
up varnish && capbody $S body-varnish-503-slow.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page" "" -- $RVN "$VN/api/slow?from=dashboard"
up squid && capbody $S body-gonethttp-500-boom.txt 0/500 app go-net-http "http.Error's 'internal error', no status number in it" "" -- $RSQ "$SQ/api/boom?from=dashboard"
up squid && capbody $S body-squid-504-slow.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page (its title names the error, not a number)" "" -- $RSQ "$SQ/api/slow?from=dashboard"

# ================================================ headers-only pastes ==
S=headers-only-paste
up apache && caphead $S head-apache-503-refunds-h2.txt 503 proxy apache "curl -sI over TLS + HTTP/2 on /api/refunds/: Apache's R=503" "" -- -k $RAPS $APS/api/refunds/7
up apache && caphead $S head-gin-404-route.txt 404 app gin "curl -sI on a path gin has no route for: its 404" "" -- $RAP $AP/api/v2/items
up haproxy && caphead $S head-haproxy-429-exports.txt 429 load-balancer haproxy "curl -sI on /api/exports/: HAProxy's JSON 429 headers" "" -- $RHA $HA/api/exports/daily
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on invoice 1, stored" "X-Cache: HIT" -- $RVN $VN/api/invoices/1
up squid && caphead $S head-squid-200-hit.txt 200 cdn-cache squid "curl -sI on order 1, stored in Squid's memory" "X-Cache: HIT" -- $RSQ $SQ/api/orders/1

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in apache haproxy varnish squid; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round82/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
