#!/usr/bin/env bash
# capture-round103.sh — build the hundred-and-third held-out evidence corpus
# in tests/fixtures/evidence-round103/.
#
# "Go and Ruby a third time, on pairings not yet used" (rounds 92 and 95
# were the first two looks): six front + app setups (front configs in
# scripts/corpus/conf-round103/, apps in scripts/corpus/apps103/):
#   - nginx (proxy_pass) -> Echo 4 (apps103/echo_app.go);
#   - Apache mod_proxy_http -> a Go net/http BFF with httputil.ReverseProxy
#     (apps103/bff_app.go);
#   - Squid (accelerator) -> gin 1.8 (apps103/gin_app.go);
#   - Caddy reverse_proxy -> an API-only Rails 6.1 on Unicorn (apps103/rails_api.ru);
#   - HAProxy -> Sinatra 3 on Unicorn (apps103/sinatra_app.rb);
#   - Varnish -> a plain Rack app on Puma (apps103/rack_app.ru).
# Captured: the apps' own answers in their frameworks' shapes (400, 401,
# 403, 404, 405, 409, 413, 422, 429, 500, 503), their redirects, each Go
# app's in-app gateway (httputil.ReverseProxy to a dead dependency: Go's own
# empty 502), the fronts' own pages when the app is down, slow or resets
# the connection, front-made limits (413/414/431/429), front request ids,
# cache HITs/304s, successes and HEADs; headers-only and body-only pastes.
# Plain HTTP/1.1.
#
#   scripts/corpus/capture-round103.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round103.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round103.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-63999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers in
# 60000-61999 meanwhile: those are not looked at, and never stopped); every
# curl, HTTPie and wget request runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round103.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the
# wire.
# written by finish_round103.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the
# wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round103"
RUN=/tmp/api-triage-corpus103-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round103"
APPS103="$HERE/apps103"
APPS92="$HERE/apps92"
GO_DIR=${CORPUS_GO103:-/tmp/api-triage-corpus103-go}
VENV=${CORPUS_VENV103:-/tmp/api-triage-corpus103-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus103 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx caddy haproxy varnish squid golang-go python3-venv puma unicorn ruby-sinatra ruby-rails ruby-rack
    golang-github-gin-gonic-gin-dev golang-github-labstack-echo-dev golang-github-go-chi-chi-dev)
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

install_venv() {  # HTTPie (a copy of round 101's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

build_go() {  # the Go apps, offline in GOPATH mode against Debian's gocode (kept when newer than their source)
    local f
    mkdir -p "$GO_DIR/src/github.com/labstack/echo"
    # Debian ships Echo v4 at github.com/labstack/echo; the import path is .../echo/v4
    [[ -e $GO_DIR/src/github.com/labstack/echo/v4 ]] || ln -s /usr/share/gocode/src/github.com/labstack/echo "$GO_DIR/src/github.com/labstack/echo/v4"
    for f in echo_app gin_app bff_app; do
        [[ -x $GO_DIR/$f && $GO_DIR/$f -nt $APPS103/$f.go ]] && continue
        log "go build $f"
        (cd "$APPS103" && GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$GO_DIR:/usr/share/gocode" GOCACHE="$GO_DIR/cache" \
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

ours() {  # a process of this corpus: one this script started (or a child of one), or started with our files
    local cmd pid=$1 i p
    for ((i = 0; i < 6; i++)); do
        for p in "${PIDS[@]}"; do [[ $pid == "$p" ]] && return 0; done
        pid=$(awk '/^PPid:/ {print $2}' "/proc/$pid/status" 2>/dev/null)
        [[ -n $pid && $pid != 0 && $pid != 1 ]] || break
    done
    [[ -r /proc/$1/cmdline ]] || return 1
    cmd=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
    [[ $cmd == *"$RUN/"* || $cmd == *"$APPS103/"* || $cmd == *"$APPS92/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GO_DIR/"* || $cmd == *"$VENV/"* ]]
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
# only ours are checked against 127.0.0.1 and 62000-63999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round103.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS103 && -d $APPS92 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,rails/public}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
for p in nginx apache2 caddy haproxy varnish squid puma unicorn ruby-sinatra ruby-rails; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
build_go
for f in echo_app gin_app bff_app; do
    [[ -x $GO_DIR/$f && -z ${SKIPPED[$f]:-} ]] || die "$f is missing (see $RUN/logs/go-build.log)"
done

# Fronts: nginx 62101, Apache 62102, Squid 62103, Caddy 62104, HAProxy 62105,
# Varnish 62106. Apps: Echo 62201, net/http BFF 62202 (its catalog service
# 62207), gin 62203, Rails/Unicorn 62204, Sinatra/Unicorn 62205, Rack/Puma
# 62206. 62999: nobody listens (the Go apps' dead dependency).
TCP_PORTS=(62101 62102 62103 62104 62105 62106 62201 62202 62203 62204 62205 62206 62207 62999)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
cp "$APPS92"/rails_public/*.html "$RUN/rails/public/"
unicorn_env() { echo env UNICORN_PID="$RUN/pids/$1-unicorn.pid"; }
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    echo) start_bg echo nice -n 5 "$GO_DIR/echo_app" 62201 62999; wait_port 62201 echo ;;
    bff) start_bg bff nice -n 5 "$GO_DIR/bff_app" 62202 62207 62999; wait_port 62202 bff && wait_port 62207 bff ;;
    gin) start_bg gin nice -n 5 "$GO_DIR/gin_app" 62203 62999; wait_port 62203 gin ;;
    rails) start_bg rails $(unicorn_env rails) RAILS_ENV=production RAILS_PUBLIC="$RUN/rails/public" nice -n 5 \
            unicorn -E production -c "$APPS103/unicorn.conf.rb" -l 127.0.0.1:62204 "$APPS103/rails_api.ru"
        wait_port 62204 rails ;;
    sinatra) start_bg sinatra $(unicorn_env sinatra) nice -n 5 \
            unicorn -E production -c "$APPS103/unicorn.conf.rb" -l 127.0.0.1:62205 "$APPS103/sinatra.ru"
        wait_port 62205 sinatra ;;
    rack) start_bg rack nice -n 5 puma -e production -t 1:1 -b tcp://127.0.0.1:62206 "$APPS103/rack_app.ru"
        wait_port 62206 rack ;;
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
for a in echo bff gin rails sinatra rack; do start_app $a || die "$a did not start"; done
# warm the Unicorn workers (Rails boots in the worker) so the first capture does not wait
quiet http://127.0.0.1:62204/healthz
quiet http://127.0.0.1:62205/healthz

# ---- the fronts -------------------------------------------------------------------
mkdir -p "$RUN/nginx/tmp"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 62101 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/apache
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 62102 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus103 -f "$RUN/squid/squid.conf"
wait_port 62103 squid && UP[squid]=1

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 62104 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62105 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/orrin.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:62106 -T none -f "$RUN/varnish/orrin.vcl" -n "$RUN/varnish/orrin" -s malloc,16m
wait_port 62106 varnish && UP[varnish]=1
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"
log "our sockets: $(ours_sockets | tr '\n' ' ')"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 103 (held out): real responses captured by
# scripts/corpus/capture-round103.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-102:
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
BODY2K=$(head -c 2048 /dev/zero | tr '\0' 'x')
BIG2=(-X POST "${JSONH[@]}" -d "{\"note\":\"$BODY2K\"}")
BODY16K=$(head -c 16384 /dev/zero | tr '\0' 'y')
BIG16=(-X POST "${JSONH[@]}" -d "{\"note\":\"$BODY16K\"}")
LONGQ=$(head -c 1500 /dev/zero | tr '\0' 'a')
BIGH8="X-Trace-Context: $(head -c 8192 /dev/zero | tr '\0' 'b')"

# ================================================= nginx -> Echo ==
if up nginx; then
    log "capturing: Echo behind nginx"
    S=echo-nginx-r103
    H=api.pennant.test N=http://api.pennant.test:62101 RN="--resolve api.pennant.test:62101:127.0.0.1"
    cap $S echo-200-shipment-nginx.txt 200 app echo "shipment 1 through nginx" "curl -sv; X-Request-ID from nginx's \$request_id" -- -sv $RN $N/api/shipments/1
    cap $S echo-200-shipment-head-nginx.txt 200 app echo "HEAD shipment 1 (an e.HEAD route): the app's headers, no body" "curl -sv -I" -- -sv -I $RN $N/api/shipments/1
    cap $S echo-404-unknown-route-nginx.txt 404 app echo "/api/shipmentz: Echo's default {\"message\":\"Not Found\"}" "curl -sv" -- -sv $RN $N/api/shipmentz
    capbody body-only-paste body-echo-404-unknown-route.txt 0/404 app echo "Echo's {\"message\":\"Not Found\"} (no number in it)" "" -- $RN "$N/api/shipmentz?from=dashboard"
    caplt $S echo-405-delete-shipment-nginx.txt 405 app echo "DELETE /api/shipments/1: Echo's {\"message\":\"Method Not Allowed\"}" "curl -sv, only the < lines kept" -- -sv $RN -X DELETE $N/api/shipments/1
    capraw $S echo-400-bad-json-nginx.txt 400 app echo "a shipment body that is not JSON: the handler's JSON 400" "curl -si saved to a file (CRs kept)" -- -si $RN "${JSONH[@]}" -d '{"ref":' $N/api/shipments
    capwin $S echo-409-duplicate-ref-nginx.txt 409 app echo "ref PN-1001 again: the handler's JSON 409" "curl -si pasted with CRLF" -- -si $RN "${JSONH[@]}" -d '{"ref":"PN-1001"}' $N/api/shipments
    cap $S echo-413-body-limit-nginx.txt 413 app echo "a 2 KB body (nginx allows 8k): middleware.BodyLimit(1K), Echo's {\"message\":\"Request Entity Too Large\"}" "curl -sv" -- -sv $RN "${BIG2[@]}" $N/api/shipments
    cap $S nginx-413-body-too-large.txt 413 proxy nginx "a 16 KB body: client_max_body_size 8k, nginx's 413" "curl -si" -- -si $RN "${BIG16[@]}" $N/api/shipments
    cap $S echo-401-account-nginx.txt 401 app echo "/api/account without a token: the app's JSON 401 with WWW-Authenticate Bearer" "curl -si" -- -si $RN $N/api/account
    cap $S echo-500-boom-recover-nginx.txt 500 app echo "a nil map write: middleware.Recover, Echo's {\"message\":\"Internal Server Error\"}" "curl -si" -- -si $RN $N/api/boom
    capcut $S echo-503-maintenance-nginx.txt 503 app echo "the app's JSON 503 with Retry-After" "curl -si, body cut off after the headers" -- -si $RN $N/api/maintenance
    cap $S echo-301-track-redirect-nginx.txt 301 app echo "/track/1: c.Redirect(301) to /api/shipments/1" "curl -si" -- -si $RN $N/track/1
    cap $S echo-502-carrier-gateway-nginx.txt 502 app go-net-http "/api/carrier/labels: the app's httputil.ReverseProxy to a carrier service where nothing listens, Go's own empty 502, passed on" "curl -sv" -- -sv $RN $N/api/carrier/labels
    cap $S nginx-504-slow.txt 504 proxy nginx "/api/slow takes 5 s: proxy_read_timeout 2s, nginx's 504" "curl -sv" -- -sv $RN $N/api/slow
    capbody body-only-paste body-nginx-504-slow.txt 504/504 proxy nginx "nginx's stock 504 page, its title shows 504" "" -- $RN "$N/api/slow?from=dashboard"
    cap $S nginx-502-reset.txt 502 proxy nginx "/api/reset: the handler hijacks and closes the connection, nginx's 502" "curl -si" -- -si $RN $N/api/reset
    capraw $S nginx-414-long-query.txt 414 proxy nginx "a 1.5 KB query string, 1k header buffers: nginx's 414" "curl -si saved to a file (CRs kept)" -- -si $RN "$N/api/shipments/1?q=$LONGQ"
    quiet $RN $N/api/login  # the first in the minute: limit_req lets it through
    cap $S nginx-429-login-limited.txt 429 proxy nginx "/api/login again: limit_req (1 r/m, nodelay), nginx's 429" "curl -sv" -- -sv $RN $N/api/login
    kill_app echo
    cap $S nginx-502-echo-killed.txt 502 proxy nginx "Echo killed (SIGKILL): connection refused, nginx's 502" "curl -sv" -- -sv $RN $N/api/shipments/1
    caphead headers-only-paste head-nginx-502-echo-killed.txt 502 proxy nginx "curl -sI while Echo is down" "" -- $RN $N/api/shipments/1
    start_app echo || die "echo did not come back"
    capwget $S echo-200-shipment-after-restart-nginx-wget.txt 200 app echo "started again: shipment 1" "wget -S -O-" -- --header="Host: $H:62101" http://127.0.0.1:62101/api/shipments/1
    HTTPIE_CMD=http caphttp $S echo-404-shipment-nginx-httpie.txt 404 app echo "shipment 7 again" "HTTPie with colours" -- -v GET http://127.0.0.1:62101/api/shipments/7 Host:$H:62101
fi

# ================================================= Apache -> Go net/http BFF ==
if up apache; then
    log "capturing: Go net/http BFF behind Apache"
    S=go-nethttp-bff-apache-r103
    H=shop.tolland.test A=http://shop.tolland.test:62102 RA="--resolve shop.tolland.test:62102:127.0.0.1"
    cap $S gobff-200-product-apache.txt 200 app go-net-http "product 1: the BFF's ReverseProxy to its live catalog service" "curl -sv; X-Request-Id from mod_unique_id" -- -sv $RA $A/api/products/1
    cap $S gobff-200-product-head-apache.txt 200 app go-net-http "HEAD product 1" "curl -sv -I" -- -sv -I $RA $A/api/products/1
    cap $S gobff-404-notfound-coupon-apache.txt 404 app go-net-http "a coupon: http.NotFound's '404 page not found'" "curl -si" -- -si $RA $A/api/coupons/SPRING
    capbody body-only-paste body-gobff-404-notfound.txt 404/404 app go-net-http "'404 page not found' (the text carries 404)" "" -- $RA "$A/api/nothing-here"
    caplt $S gobff-405-cart-delete-apache.txt 405 app go-net-http "DELETE /api/cart: http.Error 'method not allowed' with Allow" "curl -sv, only the < lines kept" -- -sv $RA -X DELETE $A/api/cart
    capraw $S gobff-400-cart-bad-json-apache.txt 400 app go-net-http "a cart body that is not JSON: http.Error 'bad request: ...'" "curl -si saved to a file (CRs kept)" -- -si $RA "${JSONH[@]}" -d '{"sku":' $A/api/cart
    capwin $S gobff-422-cart-qty-apache.txt 422 app go-net-http "qty 0: the handler's JSON 422" "curl -si pasted with CRLF" -- -si $RA "${JSONH[@]}" -d '{"sku":"SCARF","qty":0}' $A/api/cart
    cap $S gobff-413-cart-maxbytes-apache.txt 413 app go-net-http "a 2 KB cart body: http.MaxBytesReader(1024), http.Error 'request body too large'" "curl -sv" -- -sv $RA "${BIG2[@]}" $A/api/cart
    cap $S gobff-401-order-apache.txt 401 app go-net-http "an order without a token: http.Error 'unauthorized' with WWW-Authenticate Bearer" "curl -si" -- -si $RA $A/api/orders/1
    cap $S gobff-500-wishlist-apache.txt 500 app go-net-http "http.Error 'internal error'" "curl -si" -- -si $RA $A/api/wishlist
    cap $S gobff-503-checkout-apache.txt 503 app go-net-http "checkout closed: the handler's JSON 503 with Retry-After" "curl -si" -- -si $RA $A/api/checkout
    cap $S gobff-302-shop-redirect-apache.txt 302 app go-net-http "/shop/1: http.Redirect(302) to /api/products/1" "curl -si" -- -si $RA $A/shop/1
    cap $S gobff-502-payments-gateway-apache.txt 502 app go-net-http "/api/payments/charge: the BFF's ReverseProxy to a payment service where nothing listens, Go's own empty 502, passed on" "curl -sv" -- -sv $RA $A/api/payments/charge
    cap $S gobff-503-quotes-timeouthandler-apache.txt 503 app go-net-http "/api/quotes: http.TimeoutHandler (1 s) around the proxy to a pricing call that takes 3 s, its 503 text" "curl -si" -- -si $RA $A/api/quotes
    capbody body-only-paste body-gobff-503-timeouthandler.txt 0/503 app go-net-http "TimeoutHandler's text 'pricing did not answer within 1s' (no number)" "" -- $RA "$A/api/quotes?from=dashboard"
    cap $S apache-502-gift-cards-panic.txt 502 proxy apache "/api/gift-cards panics: net/http drops the connection, Apache's 502 Proxy Error" "curl -sv" -- -sv $RA $A/api/gift-cards
    # rounds 86 and 92 saw Apache 2.4.71 answer its read timeout (ProxyTimeout) with a 502 Proxy Error
    cap $S apache-502-slow-read-timeout.txt 502 proxy apache "/api/slow takes 5 s: ProxyTimeout 2, Apache's 502 Proxy Error" "curl -si" -- -si $RA $A/api/slow
    capraw $S apache-414-long-query.txt 414 proxy apache "a 1.5 KB query string, LimitRequestLine 1024: Apache's 414" "curl -si saved to a file (CRs kept)" -- -si $RA "$A/api/products/1?q=$LONGQ"
    cap $S apache-403-internal.txt 403 proxy apache "/internal/: Require all denied, Apache's 403" "curl -sv" -- -sv $RA $A/internal/metrics
    sleep 3
    kill_app bff
    cap $S apache-503-bff-killed.txt 503 proxy apache "the BFF killed (SIGKILL): connection refused, Apache's 503 (retry=0)" "curl -sv" -- -sv $RA $A/api/products/1
    caphead headers-only-paste head-apache-503-bff-killed.txt 503 proxy apache "curl -sI while the BFF is down" "" -- $RA $A/api/cart
    capbody body-only-paste body-apache-503-bff-killed.txt 503/503 proxy apache "Apache's stock 503 page, its title shows 503" "" -- $RA "$A/api/cart?from=dashboard"
    start_app bff || die "bff did not come back"
    capwget $S gobff-200-cart-after-restart-apache-wget.txt 200 app go-net-http "started again: the cart" "wget -S -O-" -- --header="Host: $H:62102" http://127.0.0.1:62102/api/cart
    HTTPIE_CMD=http caphttp $S gobff-429-promo-apache-httpie.txt 429 app go-net-http "the promo 429 again" "HTTPie with colours" -- -v GET http://127.0.0.1:62102/api/promo Host:$H:62102
fi

# ================================================= Squid -> gin ==
if up squid; then
    log "capturing: gin behind Squid"
    S=gin-squid-r103
    H=parts.marlow.test Q=http://parts.marlow.test:62103 RQ="--resolve parts.marlow.test:62103:127.0.0.1"
    cap $S gin-200-part-squid-miss.txt 200 app gin "part 1, a MISS (public, max-age=60)" "curl -sv; X-Cache: MISS" -- -sv $RQ $Q/api/parts/1
    cap $S squid-200-part-hit.txt 200 cdn-cache squid "part 1 again: a HIT" "curl -si" -- -si $RQ $Q/api/parts/1
    cap $S squid-200-part-head-hit.txt 200 cdn-cache squid "HEAD part 1, answered from the stored GET" "curl -sv -I" -- -sv -I $RQ $Q/api/parts/1
    caplt $S squid-304-part-if-none-match.txt 304 cdn-cache squid "part 1 with If-None-Match of its ETag, still fresh: Squid's 304 from its store" "curl -sv, only the < lines kept" -- -sv $RQ -H 'If-None-Match: "part-1-v4"' $Q/api/parts/1
    cap $S gin-404-unknown-route-squid.txt 404 app gin "/api/partz: gin's text '404 page not found'" "curl -sv" -- -sv $RQ $Q/api/partz
    cap $S gin-405-delete-part-squid.txt 405 app gin "DELETE /api/parts/2 (HandleMethodNotAllowed on): gin's text '405 method not allowed'" "curl -si" -- -si $RQ -X DELETE $Q/api/parts/2
    capraw $S gin-400-bad-json-squid.txt 400 app gin "a part body that is not JSON: the handler's JSON 400 with the decoder's error" "curl -si saved to a file (CRs kept)" -- -si $RQ "${JSONH[@]}" -d '{"sku":' $Q/api/parts
    cap $S gin-413-maxbytes-squid.txt 413 app gin "a 2 KB body (Squid allows 4 KB): http.MaxBytesReader, the handler's JSON 413" "curl -sv" -- -sv $RQ "${BIG2[@]}" $Q/api/parts
    cap $S squid-413-body-too-large.txt 413 cdn-cache squid "a 16 KB body: request_body_max_size 4 KB, ERR_TOO_BIG" "curl -si" -- -si $RQ "${BIG16[@]}" $Q/api/parts
    cap $S squid-431-header-too-large.txt 431 cdn-cache squid "an 8 KB header, request_header_max_size 2 KB: Squid's 431" "curl -si" -- -si $RQ -H "$BIGH8" $Q/api/parts/1
    cap $S gin-500-boom-recovery-squid.txt 500 app gin "a nil map write: gin.Recovery's empty 500" "curl -sv" -- -sv $RQ $Q/api/boom
    cap $S gin-302-catalog-redirect-squid.txt 302 app gin "/catalog/1: c.Redirect(302) to /api/parts/1" "curl -si" -- -si $RQ $Q/catalog/1
    cap $S gin-502-pricing-gateway-squid.txt 502 app go-net-http "/api/pricing/quote: the app's httputil.ReverseProxy to a pricing service where nothing listens, Go's own empty 502, passed on" "curl -sv" -- -sv $RQ $Q/api/pricing/quote
    cap $S squid-403-internal.txt 403 cdn-cache squid "/internal/: http_access deny, ERR_ACCESS_DENIED" "curl -si" -- -si $RQ $Q/internal/metrics
    cap $S squid-504-slow.txt 504 cdn-cache squid "/api/slow takes 5 s: read_timeout 3 seconds, ERR_READ_TIMEOUT" "curl -sv" -- -sv $RQ $Q/api/slow
    cap $S squid-502-reset.txt 502 cdn-cache squid "/api/reset: the handler hijacks and closes the connection, ERR_ZERO_SIZE_OBJECT" "curl -sv" -- -sv $RQ $Q/api/reset
    kill_app gin
    cap $S squid-503-gin-killed.txt 503 cdn-cache squid "gin killed (SIGKILL): connection refused, ERR_CONNECT_FAIL" "curl -sv" -- -sv $RQ $Q/api/account
    caphead headers-only-paste head-squid-503-gin-killed.txt 503 cdn-cache squid "curl -sI while gin is down" "" -- $RQ $Q/api/account
    capbody body-only-paste body-squid-503-gin-killed.txt 0/503 cdn-cache squid "Squid's ERR_CONNECT_FAIL page (its title names the error, not a number)" "" -- $RQ "$Q/api/account?from=dashboard"
    cap $S squid-200-part-hit-gin-down.txt 200 cdn-cache squid "gin down, part 1 still fresh in the store: a HIT" "curl -si" -- -si $RQ $Q/api/parts/1
    start_app gin || die "gin did not come back"
    capwget $S gin-401-account-after-restart-squid-wget.txt 401 app gin "started again: /api/account, the app's JSON 401" "wget -S -O-" -- --header="Host: $H:62103" http://127.0.0.1:62103/api/account
    HTTPIE_CMD=http caphttp $S gin-403-admin-squid-httpie.txt 403 app gin "/api/admin: the app's JSON 403" "HTTPie with colours" -- -v GET http://127.0.0.1:62103/api/admin Host:$H:62103
fi

# ================================================= Caddy -> Rails on Unicorn ==
if up caddy; then
    log "capturing: Rails (API-only) on Unicorn behind Caddy"
    S=rails-unicorn-caddy-r103
    H=book.wexcombe.test C=http://book.wexcombe.test:62104 RC="--resolve book.wexcombe.test:62104:127.0.0.1"
    cap $S rails-200-booking-caddy.txt 200 app rails "booking 1 through Caddy" "curl -sv; X-Request-ID from Caddy next to Rails' X-Request-Id" -- -sv $RC $C/api/bookings/1
    cap $S rails-200-booking-head-caddy.txt 200 app rails "HEAD booking 1 (Rails answers HEAD on a GET route)" "curl -sv -I" -- -sv -I $RC $C/api/bookings/1
    cap $S rails-304-booking-if-none-match-caddy.txt 304 app rails "booking 1 with If-None-Match of its weak ETag: fresh_when's 304, passed on" "curl -si" -- -si $RC -H 'If-None-Match: W/"d45c4024ac8d6fb3a3f57097474e1023"' $C/api/bookings/1
    cap $S rails-404-routing-public-page-caddy.txt 404 app rails "/api/bookingz: RoutingError, PublicExceptions answers with public/404.html" "curl -si" -- -si $RC $C/api/bookingz
    caplt $S rails-404-routing-json-caddy.txt 404 app rails "/api/bookingz with Accept: application/json: PublicExceptions' JSON {status, error}" "curl -sv, only the < lines kept" -- -sv $RC "${ACCJ[@]}" $C/api/bookingz
    capraw $S rails-400-bad-json-caddy.txt 400 app rails "a body that is not JSON, Accept: application/json: PublicExceptions' JSON 400" "curl -si saved to a file (CRs kept)" -- -si $RC "${JSONH[@]}" "${ACCJ[@]}" -d '{"booking":' $C/api/bookings
    capwin $S rails-409-booking-conflict-caddy.txt 409 app rails "Harbour 2 taken: the controller's JSON 409" "curl -si pasted with CRLF" -- -si $RC "${JSONH[@]}" -d '{"booking":{"room":"Harbour 2","nights":2}}' $C/api/bookings
    cap $S rails-413-attachment-caddy.txt 413 app rails "a 2 KB attachment: the controller's JSON 413" "curl -sv" -- -sv $RC "${BIG2[@]}" $C/api/bookings/1/attachments
    cap $S rails-401-account-caddy.txt 401 app rails "the controller's JSON 401 with WWW-Authenticate Token" "curl -si" -- -si $RC $C/api/account
    cap $S rails-429-search-caddy.txt 429 app rails "the controller's JSON 429 with Retry-After" "curl -si" -- -si $RC $C/api/search
    capcut $S rails-503-maintenance-caddy.txt 503 app rails "the controller's JSON 503 with Retry-After" "curl -si, body cut off after the headers" -- -si $RC $C/api/maintenance
    cap $S rails-500-invoice-public-page-caddy.txt 500 app rails "the invoice raises NameError: public/500.html" "curl -sv" -- -sv $RC $C/api/bookings/1/invoice
    capbody body-only-paste body-rails-500-public-page.txt 500/500 app rails "public/500.html, its title shows (500)" "" -- $RC "$C/api/bookings/1/invoice?from=dashboard"
    cap $S rails-301-legacy-redirect-caddy.txt 301 app rails "/bookings/1: redirect_to (301) to /api/bookings/1" "curl -si" -- -si $RC $C/bookings/1
    cap $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB: the 431 Caddy's Go server writes" "curl -si" -- -si $RC -H "$BIGH8" $C/api/bookings/1
    cap $S caddy-403-internal.txt 403 proxy caddy "/internal/: respond 403, Caddy's empty 403" "curl -sv" -- -sv $RC $C/internal/metrics
    cap $S caddy-504-reports-slow.txt 504 proxy caddy "/api/reports/slow takes 2 s: response_header_timeout 1s, Caddy's empty 504" "curl -sv" -- -sv $RC $C/api/reports/slow
    sleep 2
    cap $S caddy-502-export-unicorn-timeout.txt 502 proxy caddy "/api/export takes 10 s: Unicorn's timeout 3 kills the worker mid-request, Caddy's empty 502" "curl -sv" -- -sv $RC $C/api/export
    sleep 1
    quiet $C/healthz $RC
    kill_app rails
    cap $S caddy-502-unicorn-killed.txt 502 proxy caddy "Unicorn killed (SIGKILL, master and worker): connection refused, Caddy's empty 502" "curl -sv" -- -sv $RC $C/api/bookings/1
    caphead headers-only-paste head-caddy-502-unicorn-killed.txt 502 proxy caddy "curl -sI while Unicorn is down" "" -- $RC $C/api/bookings/1
    start_app rails || die "rails did not come back"
    capwget $S rails-200-booking-after-restart-caddy-wget.txt 200 app rails "started again: booking 1" "wget -S -O-" -- --header="Host: $H:62104" http://127.0.0.1:62104/api/bookings/1
    HTTPIE_CMD=http caphttp $S rails-422-booking-caddy-httpie.txt 422 app rails "the invalid booking again" "HTTPie with colours" -- -v POST http://127.0.0.1:62104/api/bookings Host:$H:62104 'booking[room]=' 'booking[nights]:=0'
fi

# ================================================= HAProxy -> Sinatra on Unicorn ==
if up haproxy; then
    log "capturing: Sinatra on Unicorn behind HAProxy"
    S=sinatra-unicorn-haproxy-r103
    H=help.ashby.test P=http://help.ashby.test:62105 RP="--resolve help.ashby.test:62105:127.0.0.1"
    cap $S sinatra-200-ticket-haproxy.txt 200 app sinatra "ticket 1 through HAProxy" "curl -sv; X-Request-ID from HAProxy's unique id" -- -sv $RP $P/api/tickets/1
    cap $S sinatra-200-ticket-head-haproxy.txt 200 app sinatra "HEAD ticket 1 (Sinatra answers HEAD on a GET route)" "curl -sv -I" -- -sv -I $RP $P/api/tickets/1
    cap $S sinatra-404-unknown-route-haproxy.txt 404 app sinatra "/api/tikets: Sinatra's '<h1>Not Found</h1>'" "curl -sv" -- -sv $RP $P/api/tikets
    capbody body-only-paste body-sinatra-404-unknown-route.txt 0/404 app sinatra "Sinatra's '<h1>Not Found</h1>' (no number)" "" -- $RP "$P/api/tikets?from=dashboard"
    cap $S sinatra-422-no-subject-haproxy.txt 422 app sinatra "a ticket with no subject: the handler's JSON 422" "curl -si" -- -si $RP "${JSONH[@]}" -d '{"body":"help"}' $P/api/tickets
    capwin $S sinatra-409-duplicate-haproxy.txt 409 app sinatra "the same subject again: the handler's JSON 409" "curl -si pasted with CRLF" -- -si $RP "${JSONH[@]}" -d '{"subject":"VPN drops every hour"}' $P/api/tickets
    cap $S sinatra-413-ticket-too-big-haproxy.txt 413 app sinatra "a 2 KB ticket (HAProxy allows 4 KB): the handler's JSON 413" "curl -sv" -- -sv $RP "${BIG2[@]}" $P/api/tickets
    cap $S haproxy-413-body-too-large.txt 413 load-balancer haproxy "a 16 KB ticket: http-request deny deny_status 413 on Content-Length, HAProxy's 413" "curl -si" -- -si $RP "${BIG16[@]}" $P/api/tickets
    cap $S sinatra-403-admin-haproxy.txt 403 app sinatra "/api/admin: the handler's JSON 403" "curl -si" -- -si $RP $P/api/admin
    cap $S sinatra-429-exports-haproxy.txt 429 app sinatra "/api/exports: the handler's JSON 429 with Retry-After" "curl -sv" -- -sv $RP $P/api/exports
    caplt $S sinatra-503-maintenance-haproxy.txt 503 app sinatra "the handler's JSON 503 with Retry-After" "curl -sv, only the < lines kept" -- -sv $RP $P/api/maintenance
    cap $S sinatra-500-history-haproxy.txt 500 app sinatra "the history raises NoMethodError: Sinatra's '<h1>Internal Server Error</h1>'" "curl -si" -- -si $RP $P/api/tickets/1/history
    cap $S sinatra-302-ticket-redirect-haproxy.txt 302 app sinatra "/tickets/1: Sinatra's redirect (302) to /api/tickets/1" "curl -si" -- -si $RP $P/tickets/1
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's 403" "curl -si" -- -si $RP $P/internal/metrics
    cap $S haproxy-503-unrouted.txt 503 load-balancer haproxy "/billing: a backend with no server, HAProxy's 503" "curl -sv" -- -sv $RP $P/billing
    quiet $RP $P/api/search  # the first in 10 s: let through
    quiet $RP $P/api/search
    cap $S haproxy-429-search-limited.txt 429 load-balancer haproxy "/api/search the third time in 10 s: deny_status 429" "curl -sv" -- -sv $RP $P/api/search
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "/api/slow takes 5 s: timeout server 2s, HAProxy's 504" "curl -sv" -- -sv $RP $P/api/slow
    sleep 4
    quiet $RP $P/healthz
    cap $S haproxy-502-reset.txt 502 load-balancer haproxy "/api/reset: the handler hijacks and closes the connection, HAProxy's 502" "curl -si" -- -si $RP $P/api/reset
    kill_app sinatra
    cap $S haproxy-503-unicorn-killed.txt 503 load-balancer haproxy "Unicorn killed (SIGKILL): connection refused, HAProxy's 503" "curl -sv" -- -sv $RP $P/api/tickets/1
    caphead headers-only-paste head-haproxy-503-unicorn-killed.txt 503 load-balancer haproxy "curl -sI while Unicorn is down" "" -- $RP $P/api/tickets/1
    capbody body-only-paste body-haproxy-503-unicorn-killed.txt 503/503 load-balancer haproxy "HAProxy's stock 503 page, its heading shows 503" "" -- $RP "$P/api/tickets/1?from=dashboard"
    start_app sinatra || die "sinatra did not come back"
    capwget $S sinatra-200-ticket-after-restart-haproxy-wget.txt 200 app sinatra "started again: ticket 1" "wget -S -O-" -- --header="Host: $H:62105" http://127.0.0.1:62105/api/tickets/1
    HTTPIE_CMD=http caphttp $S sinatra-401-me-haproxy-httpie.txt 401 app sinatra "/api/me again" "HTTPie with colours" -- -v GET http://127.0.0.1:62105/api/me Host:$H:62105
fi

# ================================================= Varnish -> Rack on Puma ==
if up varnish; then
    log "capturing: plain Rack on Puma behind Varnish"
    S=rack-puma-varnish-r103
    H=api.orrin.test V=http://api.orrin.test:62106 RV="--resolve api.orrin.test:62106:127.0.0.1"
    cap $S rack-200-route-varnish-miss.txt 200 app rack "route 1, a MISS (public, max-age=60)" "curl -sv; X-Cache: MISS, X-Request-ID from Varnish" -- -sv $RV $V/api/routes/1
    cap $S varnish-200-route-hit.txt 200 cdn-cache varnish "route 1 again: a HIT" "curl -si" -- -si $RV $V/api/routes/1
    cap $S varnish-200-route-head-hit.txt 200 cdn-cache varnish "HEAD route 1: answered from the stored object" "curl -sv -I" -- -sv -I $RV $V/api/routes/1
    caplt $S varnish-304-route-if-none-match.txt 304 cdn-cache varnish "route 1 with If-None-Match of its ETag: Varnish's 304 from its store" "curl -sv, only the < lines kept" -- -sv $RV -H 'If-None-Match: "rt-1-v9"' $V/api/routes/1
    cap $S rack-200-rates-varnish-miss.txt 200 app rack "the rates (max-age=1), a MISS" "curl -si" -- -si $RV $V/api/rates
    cap $S rack-404-route-varnish-miss.txt 404 app rack "route 9: the app's JSON 404, marked max-age=30 (a MISS)" "curl -si" -- -si $RV $V/api/routes/9
    capcut $S rack-404-route-varnish-hit.txt 404 app rack "route 9 again: the app's 404 replayed from Varnish's store (a HIT of the app's answer)" "curl -si, body cut off after the headers" -- -si $RV $V/api/routes/9
    cap $S rack-405-delete-route-varnish.txt 405 app rack "DELETE /api/routes/1 (passed): the app's JSON 405 with Allow" "curl -si" -- -si $RV -X DELETE $V/api/routes/1
    cap $S rack-422-no-name-varnish.txt 422 app rack "a stop with no name: the app's JSON 422" "curl -si" -- -si $RV "${JSONH[@]}" -d '{"lat":52.1}' $V/api/stops
    capwin $S rack-409-duplicate-stop-varnish.txt 409 app rack "stop Quay again: the app's JSON 409" "curl -si pasted with CRLF" -- -si $RV "${JSONH[@]}" -d '{"name":"Quay"}' $V/api/stops
    cap $S rack-503-maintenance-varnish.txt 503 app rack "the app's JSON 503 with Retry-After" "curl -si" -- -si $RV $V/api/maintenance
    cap $S puma-500-boom-lowlevel-varnish.txt 500 app puma "the app raises: Puma's own 'An unhandled lowlevel error occurred' 500" "curl -sv" -- -sv $RV $V/api/boom
    capbody body-only-paste body-puma-500-lowlevel.txt 0/500 app puma "Puma's lowlevel error text (no number)" "" -- $RV "$V/api/boom?from=dashboard"
    cap $S rack-301-timetable-redirect-varnish.txt 301 app rack "/timetable/1: the app's 301 to /api/routes/1 (a MISS)" "curl -si" -- -si $RV $V/timetable/1
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE /api/routes/1: vcl_recv synth(405)" "curl -sv" -- -sv $RV -X PURGE $V/api/routes/1
    cap $S varnish-503-slow-first-byte-timeout.txt 503 cdn-cache varnish "/api/slow takes 5 s: first_byte_timeout 2s, Backend fetch failed" "curl -sv" -- -sv $RV $V/api/slow
    sleep 3.5
    cap $S varnish-503-reset.txt 503 cdn-cache varnish "/api/reset: the app hijacks and closes the socket, Backend fetch failed" "curl -si" -- -si $RV $V/api/reset
    kill_app rack
    sleep 1
    cap $S varnish-200-rates-grace-puma-down.txt 200 cdn-cache varnish "Puma down: the rates (their 1 s TTL gone) served from grace" "curl -si" -- -si $RV $V/api/rates
    cap $S varnish-503-puma-killed.txt 503 cdn-cache varnish "Puma killed (SIGKILL): connection refused, Backend fetch failed" "curl -sv" -- -sv $RV $V/api/me
    caphead headers-only-paste head-varnish-503-puma-killed.txt 503 cdn-cache varnish "curl -sI while Puma is down" "" -- $RV $V/api/me
    capbody body-only-paste body-varnish-503-puma-killed.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page, its title shows 503" "" -- $RV "$V/api/me?from=dashboard"
    start_app rack || die "rack did not come back"
    capwget $S rack-401-me-after-restart-varnish-wget.txt 401 app rack "started again: /api/me, the app's JSON 401" "wget -S -O-" -- --header="Host: $H:62106" http://127.0.0.1:62106/api/me
    HTTPIE_CMD=http caphttp $S rack-429-alerts-varnish-httpie.txt 429 app rack "/api/alerts again" "HTTPie with colours" -- -v GET http://127.0.0.1:62106/api/alerts Host:$H:62106
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round103/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
