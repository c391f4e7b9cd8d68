#!/usr/bin/env bash
# capture-round92.sh — build the ninety-second held-out evidence corpus in
# tests/fixtures/evidence-round92/.
#
# "Mainstream Ruby and Go a second look, behind the fronts": six front + app
# pairings of Ruby and Go apps that did not stand together in rounds 81 to
# 90 (front configs in scripts/corpus/conf-round92/):
#   - nginx (proxy_pass) -> Go net/http (apps88/nethttp_app.go);
#   - Apache mod_proxy_http -> Sinatra 3 on Puma (apps88/sinatra_app.rb);
#   - Caddy reverse_proxy -> gin 1.8 (apps27/gin_app.go);
#   - HAProxy -> an API-only Rails 6.1 on Puma (apps92/rails_api.ru, new);
#   - Squid (accelerator) -> chi 5 (apps67/chi_cached.go);
#   - Varnish -> Echo 4 (apps63/echo_app.go).
# Captured: the apps' own answers in their formats (Rails' JSON errors and
# its public/404.html and 500.html, Sinatra's, gin's/Echo's/chi's default
# and JSON errors, Go's http.Error text), the fronts' own stock errors (app
# stopped: 502/503; slow: 504; limits: 413/414/431/429; unrouted paths and
# deny rules; basic auth), front-added request ids, cache HITs/304s and the
# caches' own pages, headers-only and body-only pastes. Plain HTTP/1.1.
#
#   scripts/corpus/capture-round92.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round92.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round92.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 57500-57999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers in
# 57000-57499 meanwhile: those are not looked at, and never stopped); every
# curl, HTTPie and wget request runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round92.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the
# wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round92"
RUN=/tmp/api-triage-corpus92-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round92"
APPS88="$HERE/apps88"
APPS92="$HERE/apps92"
APPS75="$HERE/apps75"
GO_DIR=${CORPUS_GO92:-/tmp/api-triage-corpus92-go}
VENV=${CORPUS_VENV92:-/tmp/api-triage-corpus92-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus92 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx caddy haproxy varnish squid golang-go python3-venv puma ruby-sinatra ruby-rails
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

install_venv() {  # HTTPie (a copy of round 89's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

build_go() {  # the Go apps, offline in GOPATH mode against Debian's gocode (kept when newer than their source)
    local f dir
    mkdir -p "$GO_DIR"
    for f in nethttp_app gin_app echo_app chi_cached; do
        case $f in nethttp_app) dir=$APPS88 ;; gin_app) dir=$HERE/apps27 ;; echo_app) dir=$HERE/apps63 ;; *) dir=$HERE/apps67 ;; esac
        [[ -x $GO_DIR/$f && $GO_DIR/$f -nt $dir/$f.go ]] && continue
        [[ -x $GO_DIR/$f && ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && continue
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$APPS92/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GO_DIR/"* || $cmd == *"$VENV/"* ]]
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
# only ours are checked against 127.0.0.1 and 57500-57999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round92.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS88 && -d $APPS92 && -d $APPS75 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,flags,data,rails/public}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
for p in nginx apache2 caddy haproxy varnish squid puma ruby-sinatra ruby-rails; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
build_go
for f in nethttp_app gin_app echo_app chi_cached; do
    [[ -x $GO_DIR/$f && -z ${SKIPPED[$f]:-} ]] || die "$f is missing (copy round 82's/89's Go builds into $GO_DIR)"
done

# Fronts: nginx 57601, Apache 57602, Caddy 57603, HAProxy 57604, Squid 57605,
# Varnish 57606. Apps: net/http 57701, Sinatra/Puma 57702, gin 57703,
# Rails/Puma 57704, chi 57705, Echo 57706. The apps' dependencies: 57998
# (nobody listens: refused), 57997 (apps75/deps.py sleeper: accepts, never
# answers).
TCP_PORTS=(57601 57602 57603 57604 57605 57606 57701 57702 57703 57704 57705 57706 57997 57998)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

start_bg sleeper nice -n 5 "$PY" "$APPS75/deps.py" sleeper 57997
wait_port 57997 sleeper || die "the sleeper did not start"

declare -A UP=()
cp "$APPS92"/rails_public/*.html "$RUN/rails/public/"
for a in nethttp sinatra; do mkdir -p "$RUN/flags/$a" "$RUN/data/$a"; done
appenv() { echo env FLAG_DIR="$RUN/flags/$1" DATA_DIR="$RUN/data/$1" DEP_DOWN=127.0.0.1:57998 DEP_SLOW=127.0.0.1:57997 DEPLOY="${2:-v1}" REPLICA="$1-1"; }
start_app() {  # start_app NAME [v1|v2]: start it and wait for its port
    local n=$1 v=${2:-v1}
    case $n in
    nethttp) start_bg nethttp $(appenv nethttp $v) nice -n 5 "$GO_DIR/nethttp_app" 57701; wait_port 57701 nethttp ;;
    sinatra) start_bg sinatra $(appenv sinatra $v) nice -n 5 puma -e production -t 1:1 -b tcp://127.0.0.1:57702 "$APPS88/sinatra.ru"
        wait_port 57702 sinatra ;;
    gin) start_bg gin nice -n 5 "$GO_DIR/gin_app" 57703; wait_port 57703 gin ;;
    rails) start_bg rails env RAILS_ENV=production RAILS_PUBLIC="$RUN/rails/public" nice -n 5 \
            puma -e production -t 1:1 -b tcp://127.0.0.1:57704 "$APPS92/rails_api.ru"
        wait_port 57704 rails ;;
    chi) start_bg chi nice -n 5 "$GO_DIR/chi_cached" 57705; wait_port 57705 chi ;;
    echo) start_bg echo nice -n 5 "$GO_DIR/echo_app" 57706; wait_port 57706 echo ;;
    esac
}
kill_app() {  # kill_app NAME: SIGKILL the server (and its workers), as the OOM killer does
    local f=$RUN/pids/$1.pid pid kids
    [[ -e $f ]] || return 0
    pid=$(cat "$f")
    kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null)
    kill -KILL "$pid" $kids 2>/dev/null
    rm -f "$f"
    sleep 0.3
}
stop_app() { stop_name "$1" "${2:-TERM}"; sleep 0.3; }
restart_app() { stop_app "$1"; start_app "$1" "${2:-v1}"; }
for a in nethttp sinatra gin rails chi echo; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
mkdir -p "$RUN/nginx/tmp"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 57601 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/apache
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
printf 'ops:%s\n' "$(openssl passwd -apr1 s3cret-ops)" >"$RUN/apache/htpasswd"
chmod 644 "$RUN/apache/htpasswd"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 57602 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
HASH=$(timeout 30 caddy hash-password --plaintext s3cret-ops 2>/dev/null)
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s|@HASH@|$HASH|"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 57603 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 57604 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus92 -f "$RUN/squid/squid.conf"
wait_port 57605 squid && UP[squid]=1

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/ledgerly.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:57606 -T none -f "$RUN/varnish/ledgerly.vcl" -n "$RUN/varnish/ledgerly" -s malloc,16m
wait_port 57606 varnish && UP[varnish]=1
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 57500 || p > 57999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 57500-57999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 92 (held out): real responses captured by
# scripts/corpus/capture-round92.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-91:
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
BIGBODY=$(head -c 2048 /dev/zero | tr '\0' 'x')
BIG=(-X POST "${JSONH[@]}" -d "{\"note\":\"$BIGBODY\"}")
LONGQ=$(head -c 1500 /dev/zero | tr '\0' 'a')
BIGH8="X-Trace-Context: $(head -c 8192 /dev/zero | tr '\0' 'b')"
stuck_url() {  # stuck_url CURL-TARGET...: the app's only worker/thread taken 6 s, in the background
    (in_work timeout 15 curl -s -o /dev/null "$@" || true) &
    STUCK_PID=$!
    sleep 0.4
}
unstuck() { wait "$STUCK_PID" 2>/dev/null; sleep "${1:-0.5}"; }

# ================================================= nginx -> Go net/http ==
if up nginx; then
    log "capturing: Go net/http behind nginx"
    S=go-nethttp-nginx-r92
    H=api.fenwick.test N=http://api.fenwick.test:57601 RN="--resolve api.fenwick.test:57601:127.0.0.1"
    cap $S gonethttp-200-order-nginx.txt 200 app go-net-http "order 1 through nginx (the first request waits out the 1.5 s warm-up)" "curl -sv; X-Request-ID from nginx" -- -sv $RN $N/api/orders/1
    capcut $S gonethttp-404-order-nginx.txt 404 app go-net-http "order 999: the handler's JSON 404" "curl -si, body cut off after the headers" -- -si $RN $N/api/orders/999
    cap $S gonethttp-404-unknown-route-nginx.txt 404 app go-net-http "/api/ordrs: no ServeMux pattern, Go's '404 page not found'" "curl -si" -- -si $RN $N/api/ordrs
    cap $S nginx-404-unrouted-path.txt 404 proxy nginx "/billing/: only /api/ and /healthz are routed, nginx's own 404 (return 404)" "curl -sv" -- -sv $RN $N/billing/invoices
    caplt $S gonethttp-502-inventory-dep-refused-nginx.txt 502 app go-net-http "the inventory service refuses: the app's own JSON 502, passed on" "curl -sv, only the < lines kept" -- -sv $RN $N/api/inventory
    capwin $S gonethttp-503-payments-dep-down-nginx.txt 503 app go-net-http "the payment provider is down: the app's own JSON 503 with Retry-After" "curl -si pasted with CRLF" -- -si $RN $N/api/payments
    cap $S gonethttp-504-quotes-dep-timeout-nginx.txt 504 app go-net-http "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -si" -- -si $RN $N/api/quotes
    capbody body-only-paste body-gonethttp-503-payments-dep-down.txt 0/503 app go-net-http "the app's JSON 503 {error, message} (no number in it)" "" -- $RN "$N/api/payments?from=dashboard"
    cap $S nginx-413-body-too-large.txt 413 proxy nginx "a 2 KB receipt: client_max_body_size 1k, nginx's 413" "curl -sv" -- -sv $RN "${BIG[@]}" $N/api/receipts
    capraw $S nginx-414-long-query.txt 414 proxy nginx "a 1.5 KB query string, 1k header buffers: nginx's 414" "curl -si saved to a file (CRs kept)" -- -si $RN "$N/api/orders/1?q=$LONGQ"
    cap $S nginx-403-dotfile-denied.txt 403 proxy nginx "/.env: the dotfile rule (deny all), nginx's 403" "curl -si" -- -si $RN $N/.env
    cap $S gonethttp-404-login-first-nginx.txt 404 app go-net-http "/api/login, the first within the minute (limit_req lets it through): no such pattern, Go's 404" "curl -si" -- -si $RN $N/api/login
    cap $S nginx-429-login-rate-limited.txt 429 proxy nginx "/api/login again within the minute: limit_req (1 r/m, nodelay, status 429), nginx's 429" "curl -sv" -- -sv $RN $N/api/login
    stuck_url http://127.0.0.1:57701/api/export
    cap $S nginx-504-order-app-stuck.txt 504 proxy nginx "the app's one db connection held 6 s by an export: proxy_read_timeout 3s, nginx's 504" "curl -sv" -- -sv $RN $N/api/orders/1
    unstuck 3
    restart_app nethttp v2
    cap $S gonethttp-404-order-after-deploy-nginx.txt 404 app go-net-http "release v2 dropped the orders route: Go's '404 page not found'" "curl -si" -- -si $RN $N/api/orders/1
    cap $S gonethttp-500-cart-after-deploy-nginx.txt 500 app go-net-http "release v2's cart dereferences nil: recovered into http.Error's 'Internal Server Error'" "curl -sv" -- -sv $RN $N/api/cart
    capbody body-only-paste body-gonethttp-500-cart-after-deploy.txt 0/500 app go-net-http "http.Error's text 'Internal Server Error' (no number)" "" -- $RN "$N/api/cart?from=dashboard"
    restart_app nethttp v1
    kill_app nethttp
    cap $S nginx-502-app-killed.txt 502 proxy nginx "the Go app killed (SIGKILL): connection refused, nginx's 502" "curl -sv" -- -sv $RN $N/api/orders/1
    caphead headers-only-paste head-nginx-502-app-killed.txt 502 proxy nginx "curl -sI while the Go app is down" "" -- $RN $N/api/cart
    capbody body-only-paste body-nginx-502-app-killed.txt 502/502 proxy nginx "nginx's stock 502 page, its title shows 502" "" -- $RN "$N/api/cart?from=dashboard"
    start_app nethttp || die "nethttp did not come back"
    capwget $S gonethttp-200-order-first-after-restart-nginx-wget.txt 200 app go-net-http "started again: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:57601" http://127.0.0.1:57601/api/orders/1
    touch "$RUN/flags/nethttp/unhealthy"
    HTTPIE_CMD=http caphttp $S gonethttp-503-healthz-failing-nginx-httpie.txt 503 app go-net-http "the app's /healthz failing (nginx has no checks): its JSON 503, passed on" "HTTPie with colours" -- -v GET http://127.0.0.1:57601/healthz Host:$H:57601
    rm -f "$RUN/flags/nethttp/unhealthy"
fi

# ================================================= Apache -> Sinatra on Puma ==
if up apache; then
    log "capturing: Sinatra on Puma behind Apache"
    S=sinatra-puma-apache-r92
    H=api.larch.test A=http://api.larch.test:57602 RA="--resolve api.larch.test:57602:127.0.0.1"
    cap $S sinatra-200-order-apache.txt 200 app sinatra "order 1 through Apache (after the 1.5 s warm-up)" "curl -sv; X-Request-Id from mod_unique_id" -- -sv $RA $A/api/orders/1
    cap $S sinatra-404-order-apache.txt 404 app sinatra "order 999: the handler's JSON 404" "curl -si" -- -si $RA $A/api/orders/999
    cap $S sinatra-404-unknown-route-apache.txt 404 app sinatra "/api/ordrs: Sinatra's own '<h1>Not Found</h1>'" "curl -si" -- -si $RA $A/api/ordrs
    capraw $S sinatra-502-inventory-dep-refused-apache.txt 502 app sinatra "the inventory service refuses: the app's own JSON 502, passed on" "curl -si saved to a file (CRs kept)" -- -si $RA $A/api/inventory
    caplt $S sinatra-503-payments-dep-down-apache.txt 503 app sinatra "the payment provider is down: the app's own JSON 503 with Retry-After" "curl -sv, only the < lines kept" -- -sv $RA $A/api/payments
    cap $S sinatra-504-quotes-dep-timeout-apache.txt 504 app sinatra "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -sv" -- -sv $RA $A/api/quotes
    capbody body-only-paste body-sinatra-502-inventory-dep-refused.txt 0/502 app sinatra "the app's JSON 502 {error, message} (no number in it)" "" -- $RA "$A/api/inventory?from=dashboard"
    cap $S apache-414-long-query.txt 414 proxy apache "a 1.5 KB query string, LimitRequestLine 1024: Apache's 414 page" "curl -si" -- -si $RA "$A/api/orders/1?q=$LONGQ"
    cap $S apache-403-internal-denied.txt 403 proxy apache "/internal/: Require all denied, Apache's 403" "curl -sv" -- -sv $RA $A/internal/metrics
    capwin $S apache-401-admin-no-credentials.txt 401 identity apache "/admin/ without credentials: AuthType Basic, Apache's 401" "curl -si pasted with CRLF" -- -si $RA $A/admin/
    cap $S apache-401-admin-wrong-password.txt 401 identity apache "/admin/ with a wrong password: Apache's 401" "curl -sv" -- -sv $RA -u ops:wrong $A/admin/
    cap $S sinatra-404-admin-authorised-apache.txt 404 app sinatra "/admin/ with the right password: passed to Sinatra, which has no such route" "curl -si" -- -si $RA -u ops:s3cret-ops $A/admin/
    stuck_url http://127.0.0.1:57702/api/export
    # run 1 labelled this 504; Apache 2.4.71 answered its 502 "Proxy Error" (Error reading from remote server) on the read timeout: relabelled (README)
    cap $S apache-502-order-puma-thread-stuck-read-timeout.txt 502 proxy apache "Puma's one thread held 6 s by an export: ProxyTimeout 3 runs out, Apache's 502 Proxy Error ('Error reading from remote server')" "curl -sv" -- -sv $RA $A/api/orders/1
    unstuck 3
    stuck_url http://127.0.0.1:57702/api/export
    capbody body-only-paste body-apache-502-puma-thread-stuck.txt 502/502 proxy apache "Apache's 502 Proxy Error page after the read timeout, its title shows 502" "" -- $RA "$A/api/cart?from=dashboard"
    unstuck 3
    restart_app sinatra v2
    cap $S sinatra-404-order-after-deploy-apache.txt 404 app sinatra "release v2 dropped the orders route: Sinatra's '<h1>Not Found</h1>'" "curl -si" -- -si $RA $A/api/orders/1
    cap $S sinatra-500-cart-after-deploy-apache.txt 500 app sinatra "release v2's cart raises: Sinatra's '<h1>Internal Server Error</h1>'" "curl -sv" -- -sv $RA $A/api/cart
    restart_app sinatra v1
    capcut $S sinatra-200-order-rolled-back-apache.txt 200 app sinatra "rolled back: order 1, after the warm-up" "curl -si, body cut off after the headers" -- -si $RA $A/api/orders/1
    kill_app sinatra
    cap $S apache-503-puma-killed.txt 503 proxy apache "Puma killed (SIGKILL): connection refused, Apache's 503 (retry=0)" "curl -sv" -- -sv $RA $A/api/orders/1
    caphead headers-only-paste head-apache-503-puma-killed.txt 503 proxy apache "curl -sI while Puma is down" "" -- $RA $A/api/cart
    start_app sinatra || die "sinatra did not come back"
    capwget $S sinatra-200-order-first-after-restart-apache-wget.txt 200 app sinatra "started again: the first answer, after the 1.5 s warm-up" "wget -S -O-" -- --header="Host: $H:57602" http://127.0.0.1:57602/api/orders/1
    HTTPIE_CMD=http caphttp $S sinatra-200-healthz-apache-httpie.txt 200 app sinatra "recovered: /healthz" "HTTPie with colours" -- -v GET http://127.0.0.1:57602/healthz Host:$H:57602
fi

# ================================================= Caddy -> gin ==
if up caddy; then
    log "capturing: gin behind Caddy"
    S=gin-caddy-r92
    H=api.stockroom.test C=http://api.stockroom.test:57603 RC="--resolve api.stockroom.test:57603:127.0.0.1"
    cap $S gin-200-item-caddy.txt 200 app gin "item A-1 through Caddy" "curl -sv; X-Request-ID from Caddy" -- -sv $RC $C/api/items/A-1
    cap $S gin-404-item-caddy.txt 404 app gin "item Z-9: the handler's JSON 404 {status, error, detail}" "curl -si" -- -si $RC $C/api/items/Z-9
    cap $S gin-404-unknown-route-caddy.txt 404 app gin "/api/itemz: gin's default text '404 page not found'" "curl -si" -- -si $RC $C/api/itemz
    caplt $S gin-404-wrong-method-caddy.txt 404 app gin "DELETE /api/items/A-1: HandleMethodNotAllowed off, gin's '404 page not found'" "curl -sv, only the < lines kept" -- -sv $RC -X DELETE $C/api/items/A-1
    capraw $S gin-400-adjustment-bad-json-caddy.txt 400 app gin "an adjustment that is not JSON: the handler's JSON 400 with the binding error" "curl -si saved to a file (CRs kept)" -- -si $RC "${JSONH[@]}" -d '{"sku":' $C/api/adjustments
    cap $S gin-422-adjustment-unknown-sku-caddy.txt 422 app gin "an adjustment for an unstocked sku: the handler's JSON 422" "curl -si" -- -si $RC "${JSONH[@]}" -d '{"sku":"Q-7","delta":3}' $C/api/adjustments
    cap $S gin-401-items-no-token-caddy.txt 401 app gin "/api/items without a bearer token: the app's own JSON 401 with WWW-Authenticate Bearer" "curl -sv" -- -sv $RC $C/api/items
    cap $S gin-500-boom-recovery-caddy.txt 500 app gin "a nil map write: gin.Recovery's empty 500" "curl -sv" -- -sv $RC $C/api/boom
    capwin $S gin-503-maintenance-caddy.txt 503 app gin "the app's own JSON 503 with Retry-After" "curl -si pasted with CRLF" -- -si $RC $C/api/maintenance
    cap $S gin-429-limited-caddy.txt 429 app gin "the app's own JSON 429 with Retry-After and X-RateLimit-Remaining" "curl -si" -- -si $RC $C/api/limited
    capbody body-only-paste body-gin-503-maintenance.txt 503/503 app gin "the app's JSON 503, its status field shows 503" "" -- $RC "$C/api/maintenance?from=dashboard"
    cap $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB: the 431 Caddy's Go server writes" "curl -si" -- -si $RC -H "$BIGH8" $C/api/items/A-1
    cap $S caddy-403-internal.txt 403 proxy caddy "/internal/: respond 403, Caddy's empty 403" "curl -sv" -- -sv $RC $C/internal/metrics
    cap $S caddy-401-admin-no-credentials.txt 401 identity caddy "/admin/ without credentials: basicauth, Caddy's 401" "curl -sv" -- -sv $RC $C/admin/
    capcut $S caddy-401-admin-wrong-password.txt 401 identity caddy "/admin/ with a wrong password: Caddy's 401" "curl -si, body cut off after the headers" -- -si $RC -u ops:wrong $C/admin/
    cap $S gin-404-admin-authorised-caddy.txt 404 app gin "/admin/ with the right password: passed to gin, '404 page not found'" "curl -si" -- -si $RC -u ops:s3cret-ops $C/admin/
    cap $S caddy-504-slow.txt 504 proxy caddy "/api/slow takes 5 s: response_header_timeout 3s, Caddy's empty 504" "curl -sv" -- -sv $RC $C/api/slow
    sleep 2.5
    kill_app gin
    cap $S caddy-502-gin-killed.txt 502 proxy caddy "gin killed (SIGKILL): connection refused, Caddy's empty 502" "curl -sv" -- -sv $RC $C/api/items/A-1
    caphead headers-only-paste head-caddy-502-gin-killed.txt 502 proxy caddy "curl -sI while gin is down" "" -- $RC $C/api/items/A-1
    start_app gin || die "gin did not come back"
    capwget $S gin-200-catalog-after-restart-caddy-wget.txt 200 app gin "started again: the catalog" "wget -S -O-" -- --header="Host: $H:57603" http://127.0.0.1:57603/api/catalog
    HTTPIE_CMD=http caphttp $S gin-503-ready-caddy-httpie.txt 503 app gin "the app's readiness check failing (db DOWN): its JSON 503" "HTTPie with colours" -- -v GET http://127.0.0.1:57603/api/health/ready Host:$H:57603
fi

# ================================================= HAProxy -> Rails (API-only) on Puma ==
if up haproxy; then
    log "capturing: Rails (API-only) on Puma behind HAProxy"
    S=rails-puma-haproxy-r92
    H=api.quince.test P=http://api.quince.test:57604 RP="--resolve api.quince.test:57604:127.0.0.1"
    cap $S rails-200-order-haproxy.txt 200 app rails "order 1 through HAProxy" "curl -sv; X-Request-ID from HAProxy next to Rails' X-Request-Id" -- -sv $RP $P/api/orders/1
    cap $S rails-404-order-haproxy.txt 404 app rails "order 9: the controller's JSON 404" "curl -si" -- -si $RP $P/api/orders/9
    cap $S rails-404-routing-public-page-haproxy.txt 404 app rails "/api/ordrs: RoutingError, PublicExceptions answers with public/404.html" "curl -si" -- -si $RP $P/api/ordrs
    caplt $S rails-404-routing-json-haproxy.txt 404 app rails "/api/ordrs with Accept: application/json: PublicExceptions' JSON {status, error}" "curl -sv, only the < lines kept" -- -sv $RP "${ACCJ[@]}" $P/api/ordrs
    capraw $S rails-500-shipments-public-page-haproxy.txt 500 app rails "shipments raise NameError: public/500.html" "curl -si saved to a file (CRs kept)" -- -si $RP $P/api/orders/1/shipments
    cap $S rails-500-shipments-json-haproxy.txt 500 app rails "the same NameError with Accept: application/json: PublicExceptions' JSON 500" "curl -si" -- -si $RP "${ACCJ[@]}" $P/api/orders/1/shipments
    capwin $S rails-422-order-invalid-haproxy.txt 422 app rails "an order with no sku and qty 0: the controller's JSON 422 errors" "curl -si pasted with CRLF" -- -si $RP "${JSONH[@]}" -d '{"order":{"sku":"","qty":0}}' $P/api/orders
    cap $S rails-400-bad-json-haproxy.txt 400 app rails "a body that is not JSON, Accept: application/json: PublicExceptions' JSON 400" "curl -sv" -- -sv $RP "${JSONH[@]}" "${ACCJ[@]}" -d '{"order":' $P/api/orders
    cap $S rails-502-payments-haproxy.txt 502 app rails "the controller's own JSON 502 (the payment provider's reply unreadable)" "curl -si" -- -si $RP $P/api/payments
    cap $S rails-503-maintenance-haproxy.txt 503 app rails "the controller's JSON 503 with Retry-After" "curl -sv" -- -sv $RP $P/api/maintenance
    cap $S rails-401-account-haproxy.txt 401 app rails "the controller's JSON 401 with WWW-Authenticate Token" "curl -si" -- -si $RP $P/api/account
    capbody body-only-paste body-rails-404-routing-json.txt 404/404 app rails "PublicExceptions' JSON, its status field shows 404" "" -- "${ACCJ[@]}" $RP "$P/api/ordrs?from=dashboard"
    capbody body-only-paste body-rails-500-public-page.txt 500/500 app rails "public/500.html, its title shows (500)" "" -- $RP "$P/api/orders/1/shipments?from=dashboard"
    cap $S haproxy-503-unrouted-path.txt 503 load-balancer haproxy "/billing: routed to a backend with no server, HAProxy's 503" "curl -sv" -- -sv $RP $P/billing
    cap $S haproxy-403-internal-denied.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's 403" "curl -si" -- -si $RP $P/internal/metrics
    cap $S haproxy-401-admin-auth.txt 401 identity haproxy "/admin/ without credentials: http-request auth, HAProxy's 401" "curl -sv" -- -sv $RP $P/admin/
    capcut $S rails-404-search-first-haproxy.txt 404 app rails "/api/search, the first in 10 s (the limit is 2): Rails has no such route (public/404.html)" "curl -si, body cut off after the headers" -- -si $RP $P/api/search
    quiet $RP $P/api/search
    cap $S haproxy-429-search-rate-limited.txt 429 load-balancer haproxy "/api/search the third time in 10 s: deny_status 429" "curl -sv" -- -sv $RP $P/api/search
    caphead headers-only-paste head-haproxy-429-search-rate-limited.txt 429 load-balancer haproxy "curl -sI, the fourth /api/search in 10 s" "" -- $RP $P/api/search
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "/api/slow takes 6 s: timeout server 3s, HAProxy's 504" "curl -sv" -- -sv $RP $P/api/slow
    sleep 3.5
    kill_app rails
    cap $S haproxy-503-rails-killed.txt 503 load-balancer haproxy "Puma killed (SIGKILL): connection refused, HAProxy's 503" "curl -sv" -- -sv $RP $P/api/orders/1
    capbody body-only-paste body-haproxy-503-rails-killed.txt 503/503 load-balancer haproxy "HAProxy's stock 503 page, its heading shows 503" "" -- $RP "$P/api/orders/1?from=dashboard"
    start_app rails || die "rails did not come back"
    capwget $S rails-200-order-after-restart-haproxy-wget.txt 200 app rails "started again: order 1" "wget -S -O-" -- --header="Host: $H:57604" http://127.0.0.1:57604/api/orders/1
    HTTPIE_CMD=http caphttp $S rails-200-feed-haproxy-httpie.txt 200 app rails "the feed (public, max-age 60, ETag)" "HTTPie with colours" -- -v GET http://127.0.0.1:57604/api/feed Host:$H:57604
fi

# ================================================= Squid -> chi ==
if up squid; then
    log "capturing: chi behind Squid"
    S=chi-squid-r92
    H=api.ledgerly.test Q=http://api.ledgerly.test:57605 RQ="--resolve api.ledgerly.test:57605:127.0.0.1"
    cap $S chi-200-invoice-squid-miss.txt 200 app chi "invoice 1, a MISS (public, max-age=60)" "curl -sv; X-Cache: MISS" -- -sv $RQ $Q/api/invoices/1
    cap $S squid-200-invoice-hit.txt 200 cdn-cache squid "invoice 1 again: a HIT" "curl -si; X-Cache: HIT" -- -si $RQ $Q/api/invoices/1
    caplt $S squid-304-invoice-if-none-match.txt 304 cdn-cache squid "invoice 1 with If-None-Match of its ETag, still fresh: Squid's 304 from its store" "curl -sv, only the < lines kept" -- -sv $RQ -H 'If-None-Match: "inv-1-v3"' $Q/api/invoices/1
    cap $S chi-404-invoice-squid.txt 404 app chi "invoice 7: the handler's JSON 404" "curl -si" -- -si $RQ $Q/api/invoices/7
    cap $S chi-400-invoice-not-a-number-squid.txt 400 app chi "invoice 'abc': the handler's JSON 400" "curl -si" -- -si $RQ $Q/api/invoices/abc
    cap $S chi-404-unknown-route-squid.txt 404 app chi "/api/invoicez: chi's default '404 page not found'" "curl -sv" -- -sv $RQ $Q/api/invoicez
    capcut $S chi-405-wrong-method-squid.txt 405 app chi "PUT /api/rates: chi's default empty 405" "curl -si, body cut off after the headers" -- -si $RQ -X PUT $Q/api/rates
    capraw $S chi-502-payments-squid.txt 502 app chi "the app's own HTML 502 page (card processor)" "curl -si saved to a file (CRs kept)" -- -si $RQ $Q/api/payments
    capwin $S chi-503-statements-squid.txt 503 app chi "the app's own HTML 503 page (statements regenerating)" "curl -si pasted with CRLF" -- -si $RQ $Q/api/statements
    cap $S chi-504-bank-squid.txt 504 app chi "the app's own HTML 504 page (bank feed)" "curl -sv" -- -sv $RQ $Q/api/bank
    capbody body-only-paste body-chi-504-bank.txt 504/504 app chi "the app's HTML 504 page, its title shows 504" "" -- $RQ "$Q/api/bank?from=dashboard"
    cap $S chi-500-boom-recoverer-squid.txt 500 app chi "a nil map write: chi's Recoverer, an empty 500" "curl -si" -- -si $RQ $Q/api/boom
    cap $S squid-403-internal-denied.txt 403 cdn-cache squid "/internal/: http_access deny, ERR_ACCESS_DENIED" "curl -sv" -- -sv $RQ $Q/internal/metrics
    capbody body-only-paste body-squid-403-internal-denied.txt 0/403 cdn-cache squid "Squid's ERR_ACCESS_DENIED page (its title names the error, not a number)" "" -- $RQ "$Q/internal/metrics?from=dashboard"
    cap $S squid-413-body-too-large.txt 413 cdn-cache squid "a 2 KB invoice: request_body_max_size 1 KB, ERR_TOO_BIG" "curl -si" -- -si $RQ "${BIG[@]}" $Q/api/invoices
    cap $S squid-431-header-too-large.txt 431 cdn-cache squid "an 8 KB header, request_header_max_size 2 KB: Squid's 431" "curl -si" -- -si $RQ -H "$BIGH8" $Q/api/rates
    cap $S squid-504-slow.txt 504 cdn-cache squid "/api/slow takes 5 s: read_timeout 3 seconds, ERR_READ_TIMEOUT" "curl -sv" -- -sv $RQ $Q/api/slow
    sleep 2.5
    kill_app chi
    # rounds 83, 85, 88 and 89 saw Squid 5.7 answer a peer that had been up, then refused, with ERR_CONNECT_FAIL 503
    cap $S squid-503-chi-killed.txt 503 cdn-cache squid "chi killed (SIGKILL): connection refused, ERR_CONNECT_FAIL" "curl -sv" -- -sv $RQ $Q/api/account
    caphead headers-only-paste head-squid-503-chi-killed.txt 503 cdn-cache squid "curl -sI while chi is down" "" -- $RQ $Q/api/account
    cap $S squid-200-invoice-hit-app-down.txt 200 cdn-cache squid "chi down, invoice 1 still fresh in the store: a HIT" "curl -si" -- -si $RQ $Q/api/invoices/1
    start_app chi || die "chi did not come back"
    capwget $S chi-401-account-after-restart-squid-wget.txt 401 app chi "started again: /api/account, the app's JSON 401" "wget -S -O-" -- --header="Host: $H:57605" http://127.0.0.1:57605/api/account
    HTTPIE_CMD=http caphttp $S chi-200-healthz-squid-httpie.txt 200 app chi "recovered: /healthz" "HTTPie with colours" -- -v GET http://127.0.0.1:57605/healthz Host:$H:57605
fi

# ================================================= Varnish -> Echo ==
if up varnish; then
    log "capturing: Echo behind Varnish"
    S=echo-varnish-r92
    H=invoices.ledgerly.test V=http://invoices.ledgerly.test:57606 RV="--resolve invoices.ledgerly.test:57606:127.0.0.1"
    cap $S echo-200-invoice-varnish-miss.txt 200 app echo "invoice 1, a MISS (public, max-age=60)" "curl -sv; X-Cache: MISS, X-Request-ID from Varnish" -- -sv $RV $V/api/invoices/1
    cap $S varnish-200-invoice-hit.txt 200 cdn-cache varnish "invoice 1 again: a HIT" "curl -si; X-Cache: HIT" -- -si $RV $V/api/invoices/1
    cap $S varnish-304-invoice-if-none-match.txt 304 cdn-cache varnish "invoice 1 with If-None-Match of its ETag: Varnish's 304 from its store" "curl -sv" -- -sv $RV -H 'If-None-Match: "inv-1-v3"' $V/api/invoices/1
    cap $S echo-200-rates-varnish-miss.txt 200 app echo "the rates (max-age=1), a MISS" "curl -si" -- -si $RV $V/api/rates
    cap $S echo-404-invoice-varnish-miss.txt 404 app echo "invoice 7: the handler's JSON 404 (a MISS; the built-in VCL keeps a 404)" "curl -si" -- -si $RV $V/api/invoices/7
    capcut $S echo-404-invoice-varnish-hit.txt 404 app echo "invoice 7 again: the app's 404 replayed from Varnish's store (a HIT of the app's answer)" "curl -si, body cut off after the headers" -- -si $RV $V/api/invoices/7
    cap $S echo-404-unknown-route-varnish.txt 404 app echo "/api/invoicez: Echo's default JSON {\"message\":\"Not Found\"}" "curl -sv" -- -sv $RV $V/api/invoicez
    cap $S echo-405-wrong-method-varnish.txt 405 app echo "DELETE /api/rates (Varnish passes it): Echo's JSON {\"message\":\"Method Not Allowed\"}" "curl -si" -- -si $RV -X DELETE $V/api/rates
    capraw $S echo-502-payments-varnish.txt 502 app echo "the app's own HTML 502 page (card processor)" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/payments
    caplt $S echo-503-statements-varnish.txt 503 app echo "the app's own HTML 503 page (statements regenerating)" "curl -sv, only the < lines kept" -- -sv $RV $V/api/statements
    cap $S echo-504-bank-varnish.txt 504 app echo "the app's own HTML 504 page (bank feed)" "curl -si" -- -si $RV $V/api/bank
    cap $S echo-500-boom-recover-varnish.txt 500 app echo "a nil map write: middleware.Recover, Echo's JSON 500" "curl -sv" -- -sv $RV $V/api/boom
    capbody body-only-paste body-echo-500-boom.txt 0/500 app echo "Echo's JSON {\"message\":\"Internal Server Error\"} (no number)" "" -- $RV "$V/api/boom?from=dashboard"
    capwin $S echo-429-quota-varnish.txt 429 app echo "the app's own JSON 429 with Retry-After" "curl -si pasted with CRLF" -- -si $RV $V/api/quota
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE /api/invoices/1: vcl_recv synth(405)" "curl -sv" -- -sv $RV -X PURGE $V/api/invoices/1
    cap $S varnish-403-admin-synth.txt 403 cdn-cache varnish "/admin/: vcl_recv synth(403)" "curl -si" -- -si $RV $V/admin/
    cap $S varnish-503-slow-first-byte-timeout.txt 503 cdn-cache varnish "/api/slow takes 5 s: first_byte_timeout 3s, Backend fetch failed" "curl -sv" -- -sv $RV $V/api/slow
    sleep 2.5
    kill_app echo
    sleep 1
    cap $S varnish-200-rates-grace-echo-down.txt 200 cdn-cache varnish "Echo down: the rates (their 1 s TTL gone) served from grace" "curl -si" -- -si $RV $V/api/rates
    cap $S varnish-503-account-echo-killed.txt 503 cdn-cache varnish "Echo killed: connection refused, Backend fetch failed" "curl -sv" -- -sv $RV $V/api/account
    caphead headers-only-paste head-varnish-503-echo-killed.txt 503 cdn-cache varnish "curl -sI while Echo is down" "" -- $RV $V/api/account
    capbody body-only-paste body-varnish-503-echo-killed.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page, its title shows 503" "" -- $RV "$V/api/account?from=dashboard"
    start_app echo || die "echo did not come back"
    capwget $S echo-401-account-after-restart-varnish-wget.txt 401 app echo "started again: /api/account, the app's JSON 401" "wget -S -O-" -- --header="Host: $H:57606" http://127.0.0.1:57606/api/account
    HTTPIE_CMD=http caphttp $S echo-429-quota-varnish-httpie.txt 429 app echo "the app's JSON 429 again" "HTTPie with colours" -- -v GET http://127.0.0.1:57606/api/quota Host:$H:57606
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round92/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
