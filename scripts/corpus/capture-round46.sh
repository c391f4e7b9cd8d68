#!/usr/bin/env bash
# capture-round46.sh — build the forty-sixth held-out evidence corpus in
# tests/fixtures/evidence-round46/.
#
# Perl, Ruby and PHP web stacks as Debian 12 ships them, behind the fronts
# teams put them behind: Rails 6.1 (API-only) in production under Puma
# behind nginx (TLS, HTTP/2) and in development under WEBrick behind Caddy;
# Grape on thin behind lighttpd's mod_proxy; Dancer2 in production under
# Starman behind HAProxy and in development under plackup's FastCGI handler
# behind lighttpd's mod_fastcgi; Catalyst under Starman behind Apache
# mod_proxy_http (debug off and on) and behind HAProxy -> Varnish; Slim 3
# under PHP-FPM behind Caddy's php_fastcgi (TLS, HTTP/2); a bare Symfony
# HttpKernel app under PHP-FPM behind nginx's fastcgi_pass (debug off and
# on); plain PHP under PHP-FPM behind Caddy -> Apache mod_proxy_fcgi. Paste
# forms: curl -sv/-si transcripts (some with their CRs, some with CRLF),
# HTTPie with colours, wget -S -O-, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round46.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round46.sh   # never call apt-get
#   CORPUS_KEEP_RUN=1 capture-round46.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 58200-58299) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Installs run
# under `nice -n 15`. Labels are written by finish_round46.py, which refuses
# (and this script then leaves the fixtures as they were) when a label's
# status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round46"
RUN=/tmp/api-triage-corpus46
STAGE="$RUN/evidence"
CONF="$HERE/conf-round46"
APPS="$HERE/apps46"
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus46 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openssl curl nginx apache2 haproxy varnish caddy lighttpd
          ruby-rails puma thin ruby-webrick ruby-grape
          libcatalyst-perl libdancer2-perl starman libplack-perl libfcgi-perl libfcgi-procmanager-perl
          php8.2-fpm php-slim php-symfony-http-kernel php-symfony-http-foundation php-symfony-routing
          php-symfony-event-dispatcher php-symfony-error-handler)
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
    nice -n 15 timeout 600 apt-get update -qq >"$RUN/logs/apt-update.log" 2>&1 || log "apt-get update failed; using the old lists"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* ]]
}

stop_pid() {  # TERM, then KILL after 5 s
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
            # a worker or child a server left behind (php-fpm, Starman)
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
            log "stopping stale pid $pid"; stop_pid "$pid"
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

# every listening socket: proto, local address, the pids that hold it (other
# people's servers come and go on this machine, so only sockets on our ports
# or held by our processes are judged)
sockets() { ss -ltunpH 2>/dev/null | awk '{print $1, $5, $7}' | sort -u; }

ours_socket() {  # ours_socket ADDR PIDS: on one of our ports, or held by one of our processes
    local port=${1##*:} pid
    [[ $port =~ ^[0-9]+$ ]] && ((port >= 58200 && port <= 58299)) && return 0
    for pid in $(grep -oE 'pid=[0-9]+' <<<"$2" | cut -d= -f2); do
        ours "$pid" && return 0
        [[ " ${PIDS[*]} " == *" $pid "* ]] && return 0
    done
    return 1
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round46.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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

quiet() { in_work timeout 10 curl -s -o /dev/null "$@" || true; }

render() {
    local src=$1 dest=$2; shift 2
    sed -e "s|@RUN@|$RUN|g" "$@" "$src" >"$dest"
}

up() { [[ -n ${UP[$1]:-} ]]; }

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS ]] || die "missing $CONF or $APPS"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,tls}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
for p in ruby-rails puma ruby-grape thin ruby-webrick libcatalyst-perl libdancer2-perl starman libfcgi-perl php8.2-fpm php-slim php-symfony-http-kernel; do
    have "$p" || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

APP_PORTS=(58210 58211 58212 58213 58214 58215 58216 58220 58221 58222)
FRONT_PORTS=(58250 58251 58252 58255 58256 58257 58258 58260 58261 58265 58266 58270 58275 58276)
DEAD_PORTS=(58291 58292 58293 58294 58295 58296 58297)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" "${DEAD_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# a self-signed certificate for nginx (Caddy uses its internal CA)
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 3 -subj "/CN=orders.example.test" \
    -addext "subjectAltName=DNS:orders.example.test,IP:127.0.0.1" \
    -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" >"$RUN/logs/openssl.log" 2>&1 || die "openssl failed"
chmod 755 "$RUN/tls"; chmod 644 "$RUN/tls"/*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
mkdir -p "$RUN/apps"
cp "$APPS"/rails_app.ru "$APPS"/grape_app.ru "$APPS"/dancer2_app.psgi "$APPS"/catalyst_app.psgi "$RUN/apps/"
AP=$RUN/apps
start_bg puma-rails env RAILS_ENV=production nice -n 5 puma -e production -b tcp://127.0.0.1:58210 "$AP/rails_app.ru"
start_bg webrick-rails env RAILS_ENV=development nice -n 5 rackup -E none -s webrick -o 127.0.0.1 -p 58211 "$AP/rails_app.ru"
start_bg thin-grape nice -n 5 thin -R "$AP/grape_app.ru" -e production -a 127.0.0.1 -p 58212 start
start_bg starman-dancer2 env APP_ENV=production nice -n 5 starman --listen 127.0.0.1:58213 --workers 2 "$AP/dancer2_app.psgi"
start_bg fcgi-dancer2 env APP_ENV=development nice -n 5 plackup -s FCGI --listen 127.0.0.1:58214 "$AP/dancer2_app.psgi"
start_bg starman-catalyst nice -n 5 starman --listen 127.0.0.1:58215 --workers 2 "$AP/catalyst_app.psgi"
start_bg starman-catalyst-debug env CATALYST_DEBUG=1 nice -n 5 starman --listen 127.0.0.1:58216 --workers 1 "$AP/catalyst_app.psgi"
mkdir -p "$RUN"/php-fpm "$RUN"/slim "$RUN"/symfony "$RUN"/php
cp "$APPS"/slim/index.php "$RUN/slim/"
cp "$APPS"/symfony/index.php "$RUN/symfony/"
cp "$APPS"/php/index.php "$RUN/php/"
for pp in slim:58220 symfony:58221 plain:58222; do
    render "$CONF/php-fpm.conf" "$RUN/php-fpm/${pp%%:*}.conf" -e "s|@POOL@|${pp%%:*}|g" -e "s|@PORT@|${pp#*:}|g"
done
chown -R www-data: "$RUN/php-fpm" "$RUN/slim" "$RUN/symfony" "$RUN/php" 2>/dev/null || true
for pool in slim symfony plain; do
    start_bg php-fpm-$pool php-fpm8.2 -F -R -y "$RUN/php-fpm/$pool.conf"
done
for pn in 58210:puma-rails 58211:webrick-rails 58212:thin-grape 58213:starman-dancer2 58214:fcgi-dancer2 \
          58215:starman-catalyst 58216:starman-catalyst-debug 58220:php-fpm-slim 58221:php-fpm-symfony 58222:php-fpm-plain; do
    wait_port "${pn%%:*}" "${pn#*:}" || die "${pn#*:} did not start"
done

# ---- fronts -------------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/static/assets
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 58250 nginx && wait_port 58252 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home,static}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 58255 caddy && wait_port 58258 caddy && UP[caddy]=1
fi
if have lighttpd; then
    mkdir -p "$RUN"/lighttpd/www/static
    render "$CONF/lighttpd.conf" "$RUN/lighttpd/lighttpd.conf"
    chown -R www-data: "$RUN/lighttpd" 2>/dev/null || true
    if lighttpd -tt -f "$RUN/lighttpd/lighttpd.conf" >"$RUN/logs/lighttpd-t.log" 2>&1; then
        start_bg lighttpd lighttpd -D -f "$RUN/lighttpd/lighttpd.conf"
        wait_port 58260 lighttpd && wait_port 58261 lighttpd && UP[lighttpd]=1
    else log "SKIP lighttpd: config test failed"; cat "$RUN/logs/lighttpd-t.log" >&2; fi
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:58270 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 58270 varnish && UP[varnish]=1
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
        start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
        wait_port 58265 haproxy && wait_port 58266 haproxy && UP[haproxy]=1
    else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/static
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 58275 apache && wait_port 58276 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
sleep 3   # HAProxy's first health checks
AFTER=$(sockets)
while read -r proto addr pids; do
    [[ -z $addr ]] && continue
    grep -qF "$proto $addr " <<<"$BEFORE" && continue
    ours_socket "$addr" "$pids" || continue
    [[ $addr == 127.0.0.1:* ]] || die "a server listens outside 127.0.0.1: $proto $addr"
done <<<"$AFTER"
log "up: ${!UP[*]}"

RN=https://127.0.0.1:58250   # nginx (TLS, h2) -> Puma -> Rails (production)
SY=http://127.0.0.1:58251    # nginx -> PHP-FPM -> Symfony HttpKernel
SD=http://127.0.0.1:58252    # the same, APP_DEBUG=1
SL=https://127.0.0.1:58255   # Caddy (TLS, h2) -> PHP-FPM -> Slim
SLD=http://127.0.0.1:58256   # the same, APP_DEBUG=1
RD=http://127.0.0.1:58257    # Caddy -> WEBrick -> Rails (development)
CA=http://127.0.0.1:58258    # Caddy -> Apache mod_proxy_fcgi -> PHP-FPM -> plain PHP
GL=http://127.0.0.1:58260    # lighttpd mod_proxy -> thin -> Grape
DF=http://127.0.0.1:58261    # lighttpd mod_fastcgi -> plackup FCGI -> Dancer2 (development)
DH=http://127.0.0.1:58265    # HAProxy -> Starman -> Dancer2 (production)
HV=http://127.0.0.1:58266    # HAProxy -> Varnish -> Starman -> Catalyst
CT=http://127.0.0.1:58275    # Apache mod_proxy_http -> Starman -> Catalyst
JSONH=(-H 'Content-Type: application/json')
head -c 4096 /dev/zero | tr '\0' x >"$RUN/work/upload.bin"   # 4 KB: over every front's 1 KB limit
printf 'Cookie: session=%s\n' "$(head -c 10000 /dev/zero | tr '\0' c)" >"$RUN/work/cookie-10k.txt"   # over Apache's, nginx's and lighttpd's 8 KB
printf 'Cookie: session=%s\n' "$(head -c 20000 /dev/zero | tr '\0' c)" >"$RUN/work/cookie-20k.txt"   # over HAProxy's 16 KB buffer
ORDER='{"sku":"A-1","qty":2}'
BADQ='{"sku":"A-1","qty":0}'

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 46 (held out): real responses captured by
# scripts/corpus/capture-round46.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as the earlier rounds:
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

# ======================================== Rails (production) + Puma + nginx ==
if up nginx; then
    log "capturing: Rails 6.1 API in production under Puma behind nginx (TLS, HTTP/2)"
    S=rails-puma-nginx-h2
    cap $S rails-201-created-h2.txt 201 app rails "HTTP/2, a valid order: render status: :created with a Location" "Server: nginx/1.22.1; Rails' X-Request-Id and X-Runtime" -- -sv -k --http2 "${JSONH[@]}" -d "$ORDER" $RN/api/orders
    cap $S rails-422-validation-h2.txt 422 app rails "HTTP/2, qty 0 and no sku: ActiveModel-style errors" "curl -si" -- -si -k --http2 "${JSONH[@]}" -d '{"qty":0}' $RN/api/orders
    cap $S rails-400-parse-error.txt 400 app rails "a body that is not JSON: ActionDispatch's ParseError through PublicExceptions, no public/400.html: an empty 400" "HTTP/1.1 over TLS" -- -sv -k --http1.1 "${JSONH[@]}" -d '{"sku": "A-1",' $RN/api/orders
    caphttp $S rails-401-httpie.txt 401 app rails "HTTPie, no token: the controller's JSON 401" "HTTPie with colours, --verify=no" -- -v --verify=no GET $RN/api/admin/reports
    cap $S rails-404-routing-json.txt 404 app rails "no route, Accept: application/json: PublicExceptions' {\"status\":404,\"error\":\"Not Found\"}" "curl -si" -- -si -k -H 'Accept: application/json' $RN/api/v2/orders
    capraw $S rails-404-routing-empty.txt 404 app rails "no route, curl's default Accept: PublicExceptions' empty 404 (no public/404.html)" "curl -si saved to a file (CRs kept)" -- -si -k $RN/api/v2/orders
    cap $S rails-429-own-h2.txt 429 app rails "HTTP/2: the app's own rate limit with Retry-After" "" -- -sv -k --http2 "$RN/api/search?q=boots"
    cap $S rails-500-production-json.txt 500 app rails "NoMethodError in production, Accept: application/json: {\"status\":500,\"error\":\"Internal Server Error\"}" "" -- -sv -k -H 'Accept: application/json' $RN/api/boom
    capwin $S rails-500-production-empty.txt 500 app rails "the same bug with curl's default Accept: an empty text/html 500" "curl -si pasted with CRLF" -- -si -k $RN/api/boom
    cap $S nginx-504-puma-slow-h2.txt 504 proxy nginx "HTTP/2, the action sleeps 5 s, proxy_read_timeout 2s" "nginx's 504 page" -- -sv -k --http2 $RN/api/slow
    cap $S nginx-413-rails-upload-h2.txt 413 proxy nginx "HTTP/2, a 4 KB upload over client_max_body_size 1k" "curl -si" -- -si -k --http2 -H 'Content-Type: application/octet-stream' --data-binary @upload.bin $RN/api/uploads
    cap $S nginx-403-internal-h2.txt 403 proxy nginx "HTTP/2, deny all on /internal/" "" -- -sv -k --http2 $RN/internal/metrics
    cap $S nginx-404-assets.txt 404 proxy nginx "/assets/ served from an empty folder: nginx's own 404 page" "curl -si, HTTP/1.1 over TLS" -- -si -k --http1.1 $RN/assets/application.js
    cap $S nginx-400-plain-http-to-tls-port.txt 400 proxy nginx "plain HTTP to the TLS port: 'The plain HTTP request was sent to HTTPS port'" "curl -si with http://" -- -si http://127.0.0.1:58250/api/orders/1
    cap $S nginx-502-billing-down-h2.txt 502 proxy nginx "HTTP/2, /billing/ to a service that is not running" "" -- -sv -k --http2 $RN/billing/api/invoices
fi

# ================================== Rails (development) + WEBrick + Caddy ==
if up caddy; then
    log "capturing: Rails 6.1 in development under WEBrick behind Caddy"
    S=rails-dev-webrick-caddy
    cap $S rails-dev-500-debug-json.txt 500 app rails "development, an API request: DebugExceptions' JSON with the exception and the traces" "Server: WEBrick/1.8.1 and Server: Caddy" -- -sv $RD/api/boom
    cap $S rails-dev-500-debug-html.txt 500 app rails "development, Accept: text/html: the 'Action Controller: Exception caught' page" "curl -si" -- -si -H 'Accept: text/html' $RD/api/boom
    cap $S rails-dev-404-routing-debug.txt 404 app rails "development, no route: RoutingError as JSON with the traces" "" -- -sv $RD/api/v2/orders
    caphttp $S rails-dev-422-httpie.txt 422 app rails "HTTPie POST with qty 0" "HTTPie with colours" -- -v POST $RD/api/orders sku=A-1 qty:=0
    cap $S caddy-504-webrick-slow.txt 504 proxy caddy "the action sleeps 5 s, response_header_timeout 2s" "Caddy's empty 504" -- -sv $RD/api/slow
    cap $S caddy-502-body-limit-rails-dev.txt 502 proxy caddy "a 4 KB upload over request_body max_size 1KB: Caddy 2.6's reverse_proxy fails reading the body and answers an empty 502, not 413" "curl -si" -- -si -H 'Content-Type: application/octet-stream' --data-binary @upload.bin $RD/api/uploads
    cap $S caddy-403-internal.txt 403 proxy caddy "respond /internal/* 403" "" -- -sv $RD/internal/metrics
fi

# ================================== Grape on thin + lighttpd mod_proxy ==
if up lighttpd; then
    log "capturing: Grape on thin behind lighttpd mod_proxy"
    S=grape-thin-lighttpd
    cap $S grape-201-lighttpd.txt 201 app grape "a valid order: status 201 and a Location" "Server: thin through lighttpd" -- -si "${JSONH[@]}" -d "$ORDER" $GL/api/orders
    cap $S grape-400-missing-param.txt 400 app grape "qty missing: Grape's params validation 400" "{\"error\":\"qty is missing, ...\"}" -- -sv "${JSONH[@]}" -d '{"sku":"A-1"}' $GL/api/orders
    cap $S grape-401-lighttpd.txt 401 app grape "no token: error! with WWW-Authenticate" "" -- -sv $GL/api/admin/reports
    cap $S grape-404-no-route.txt 404 app grape "no route: Grape's plain '404 Not Found' with X-Cascade: pass" "" -- -sv $GL/api/v2/orders
    cap $S grape-405-lighttpd.txt 405 app grape "DELETE on a GET route: Grape's {\"error\":\"405 Not Allowed\"} with Allow" "curl -si" -- -si -X DELETE $GL/api/orders/1
    capwin $S grape-422-search.txt 422 app grape "q too short: error!(422)" "curl -si pasted with CRLF" -- -si "$GL/api/search?q=a"
    cap $S thin-500-uncaught.txt 500 app thin "NoMethodError with no rescue_from, RACK_ENV production: thin's own 'Internal server error'" "" -- -sv $GL/api/boom
    cap $S lighttpd-504-thin-slow.txt 504 proxy lighttpd "the endpoint sleeps 5 s, read-timeout 2 on the proxy backend" "" -- -sv $GL/api/slow
    cap $S lighttpd-413-grape.txt 413 proxy lighttpd "a 4 KB upload over server.max-request-size 1 (KB)" "curl -si" -- -si -H 'Content-Type: application/octet-stream' --data-binary @upload.bin $GL/api/uploads
    cap $S lighttpd-403-internal.txt 403 proxy lighttpd "url.access-deny on /internal/" "" -- -sv $GL/internal/metrics
    cap $S lighttpd-431-header-too-large.txt 431 proxy lighttpd "a 10 KB Cookie header over server.max-request-field-size (8 KB)" "curl -si" -- -si -H @cookie-10k.txt $GL/api/orders/1
    capraw $S lighttpd-404-static.txt 404 proxy lighttpd "/static/ from an empty document root: lighttpd's own 404" "curl -si saved to a file (CRs kept)" -- -si $GL/static/app.css
    capwget $S lighttpd-503-billing-wget.txt 503 proxy lighttpd "wget, /billing/ to a port nothing listens on" "wget -S -O-" -- $GL/billing/api/invoices
fi

# ============================ Dancer2 (development) + FCGI + lighttpd ==
if up lighttpd; then
    log "capturing: Dancer2 in development under plackup's FastCGI handler behind lighttpd mod_fastcgi"
    S=dancer2-fcgi-lighttpd
    cap $S dancer2-dev-500-show-errors.txt 500 app dancer2 "development, show_errors on: Dancer2's page with the error and the stack" "" -- -sv $DF/api/boom
    cap $S dancer2-dev-404-default.txt 404 app dancer2 "no route: Dancer2's 'Error 404 - Not Found' page" "curl -si" -- -si $DF/api/v2/orders
    caphttp $S dancer2-dev-422-httpie.txt 422 app dancer2 "HTTPie POST with qty 0" "HTTPie with colours" -- -v POST $DF/api/orders sku=A-1 qty:=0
    cap $S dancer2-dev-201-fcgi.txt 201 app dancer2 "a valid order over FastCGI" "curl -si" -- -si "${JSONH[@]}" -d "$ORDER" $DF/api/orders
    cap $S lighttpd-504-fastcgi-slow.txt 504 proxy lighttpd "the route sleeps 5 s, read-timeout 2 on the FastCGI backend" "" -- -sv $DF/api/slow
fi

# ============================== Dancer2 (production) + Starman + HAProxy ==
if up haproxy; then
    log "capturing: Dancer2 in production under Starman behind HAProxy"
    S=dancer2-starman-haproxy
    cap $S dancer2-400-not-json.txt 400 app dancer2 "a form body to a JSON endpoint: the app's 400" "" -- -sv -d 'sku=A-1&qty=2' $DH/api/orders
    caphttp $S dancer2-403-httpie.txt 403 app dancer2 "HTTPie with a token without the scope" "HTTPie with colours" -- -v GET $DH/api/admin/reports 'Authorization:Bearer user-token'
    cap $S dancer2-404-default-haproxy.txt 404 app dancer2 "no route: Dancer2's 'Error 404 - Not Found' page" "Server: Perl Dancer2 0.400001" -- -sv $DH/api/v2/orders
    cap $S dancer2-405-haproxy.txt 405 app dancer2 "DELETE: the app's JSON 405 with Allow" "curl -si" -- -si -X DELETE $DH/api/orders/1
    cap $S dancer2-500-production.txt 500 app dancer2 "a method on an undefined value, show_errors off: 'Error 500 - Internal Server Error'" "" -- -sv $DH/api/boom
    capraw $S dancer2-503-maintenance.txt 503 app dancer2 "the app's maintenance 503" "curl -si saved to a file (CRs kept)" -- -si $DH/api/maintenance
    cap $S haproxy-504-starman-slow.txt 504 load-balancer haproxy "the route sleeps 5 s, timeout server 2s" "" -- -sv $DH/api/slow
    cap $S haproxy-503-payments.txt 503 load-balancer haproxy "/payments/: no server passes its check" "curl -si" -- -si $DH/payments/api/charges
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "http-request deny on /internal/" "" -- -sv $DH/internal/metrics
    cap $S haproxy-400-header-too-large.txt 400 load-balancer haproxy "a 20 KB Cookie header, more than tune.bufsize (16 KB) holds" "curl -si" -- -si -H @cookie-20k.txt $DH/api/orders/1
    cap $S haproxy-413-content-length.txt 413 load-balancer haproxy "a 4 KB body: http-request deny deny_status 413 on Content-Length" "curl -si" -- -si "${JSONH[@]}" --data-binary @upload.bin $DH/api/orders
fi

# ==================================== Catalyst + Starman + Apache ==
if up apache; then
    log "capturing: Catalyst under Starman behind Apache mod_proxy_http"
    S=catalyst-starman-apache
    cap $S catalyst-201-apache.txt 201 app catalyst "a valid order: 201 with a Location" "" -- -sv "${JSONH[@]}" -d "$ORDER" $CT/api/orders
    cap $S catalyst-422-apache.txt 422 app catalyst "qty 0: the controller's 422" "curl -si" -- -si "${JSONH[@]}" -d "$BADQ" $CT/api/orders
    cap $S catalyst-404-default-action.txt 404 app catalyst "no route: the skeleton's default action, 'Page not found'" "" -- -sv $CT/api/v2/orders
    caphttp $S catalyst-401-httpie.txt 401 app catalyst "HTTPie, no token" "HTTPie with colours" -- -v GET $CT/api/admin/reports
    capwin $S catalyst-409-apache.txt 409 app catalyst "cancel a shipped order" "curl -si pasted with CRLF" -- -si -X POST $CT/api/orders/1/cancel
    cap $S catalyst-500-come-back-later.txt 500 app catalyst "a method on an undefined value, debug off: Catalyst's 'Please come back later' page" "" -- -sv $CT/api/boom
    cap $S catalyst-500-debug-screen.txt 500 app catalyst "/debug/: the same bug with -Debug: Catalyst's debug screen" "curl -si; X-Catalyst" -- -si $CT/debug/api/boom
    cap $S apache-502-starman-timeout.txt 502 proxy apache "the action sleeps 5 s, ProxyTimeout 2" "" -- -sv $CT/api/slow
    cap $S apache-400-cookie-too-large.txt 400 proxy apache "a 10 KB Cookie header over the default LimitRequestFieldSize (8190): Apache's own 400" "curl -si" -- -si -H @cookie-10k.txt $CT/api/orders/1
    cap $S apache-403-internal.txt 403 proxy apache "Require all denied on /internal/" "" -- -sv $CT/internal/metrics
    capraw $S apache-404-static.txt 404 proxy apache "/static/ is not proxied and the folder is empty: Apache's own 404" "curl -si saved to a file (CRs kept)" -- -si $CT/static/app.css
    cap $S apache-503-ledger-down.txt 503 proxy apache "ProxyPass /ledger/ to a backend that is not running" "curl -si" -- -si $CT/ledger/api/entries
fi

# ============================= HAProxy -> Varnish -> Starman -> Catalyst ==
if up haproxy && up varnish; then
    log "capturing: HAProxy -> Varnish -> Catalyst"
    S=haproxy-varnish-catalyst
    cap $S catalyst-200-varnish-miss.txt 200 app catalyst "the catalog, first request: a MISS" "X-Cache: MISS" -- -sv $HV/api/catalog
    cap $S varnish-200-hit.txt 200 cdn-cache varnish "the catalog again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $HV/api/catalog
    cap $S varnish-304-etag.txt 304 cdn-cache varnish "If-None-Match with the cached ETag: Varnish's own 304" "" -- -sv -H 'If-None-Match: "catalog-v46"' $HV/api/catalog
    cap $S catalyst-404-via-varnish.txt 404 app catalyst "unknown order through both hops (a MISS)" "curl -si" -- -si $HV/api/orders/7
    cap $S catalyst-500-via-varnish.txt 500 app catalyst "'Please come back later' through both hops" "" -- -sv $HV/api/boom
    cap $S varnish-503-first-byte-timeout.txt 503 cdn-cache varnish "the action sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "" -- -sv $HV/api/slow
    cap $S varnish-503-legacy-down.txt 503 cdn-cache varnish "/legacy/ goes to a backend that is not running" "curl -si" -- -si $HV/legacy/api/items
    cap $S varnish-403-synth-admin.txt 403 cdn-cache varnish "vcl_recv refuses /admin/ with synth(403)" "" -- -sv $HV/admin/stats
    cap $S haproxy-504-reports-outer.txt 504 load-balancer haproxy "/reports/: Varnish waits 10 s, HAProxy's timeout server 3s fires" "curl -si" -- -si $HV/reports/api/slow
    quiet "$HV/api/search?q=anvil"
    cap $S haproxy-429-edge.txt 429 load-balancer haproxy "a stick-table rate limit: deny_status 429" "" -- -sv "$HV/api/search?q=anvil"
fi

# ================================ Slim 3 + PHP-FPM + Caddy php_fastcgi ==
if up caddy; then
    log "capturing: Slim 3 under PHP-FPM behind Caddy's php_fastcgi (TLS, HTTP/2)"
    S=slim-fpm-caddy-h2
    cap $S slim-201-h2.txt 201 app slim "HTTP/2, a valid order: withJson(..., 201) and a Location" "X-Powered-By: PHP/8.2.36" -- -sv -k --http2 "${JSONH[@]}" -d "$ORDER" $SL/api/orders
    cap $S slim-422-caddy.txt 422 app slim "qty 0: the route's 422" "curl -si" -- -si -k "${JSONH[@]}" -d "$BADQ" $SL/api/orders
    cap $S slim-404-page-not-found.txt 404 app slim "no route: Slim's HTML 'Page Not Found'" "HTTP/1.1 over TLS" -- -sv -k --http1.1 $SL/api/v2/orders
    cap $S slim-404-json-h2.txt 404 app slim "HTTP/2, no route, Accept: application/json: {\"message\":\"Not found\"}" "curl -si" -- -si -k --http2 -H 'Accept: application/json' $SL/api/v2/orders
    cap $S slim-405-method-not-allowed.txt 405 app slim "DELETE on a GET route: Slim's 'Method not allowed' page with Allow" "curl -si" -- -si -k -X DELETE $SL/api/orders/1
    caphttp $S slim-429-httpie.txt 429 app slim "HTTPie: the route's own 429" "HTTPie with colours, --verify=no" -- -v --verify=no GET $SL/api/search q==boots
    cap $S slim-500-application-error-h2.txt 500 app slim "HTTP/2, a call on null, displayErrorDetails off: 'Slim Application Error'" "" -- -sv -k --http2 $SL/api/boom
    cap $S slim-500-error-details.txt 500 app slim "the debug site: the same page with the Error's type, message, file and trace" "curl -si" -- -si $SLD/api/boom
    cap $S caddy-504-fpm-slow-h2.txt 504 proxy caddy "HTTP/2, the route sleeps 5 s, php_fastcgi read_timeout 2s" "" -- -sv -k --http2 $SL/api/slow
    cap $S caddy-413-slim-h2.txt 413 proxy caddy "HTTP/2, a 4 KB body over request_body max_size 1KB" "curl -si" -- -si -k --http2 "${JSONH[@]}" --data-binary @upload.bin $SL/api/orders
    capraw $S caddy-403-internal-h2.txt 403 proxy caddy "HTTP/2, respond /internal/* 403" "curl -si saved to a file (CRs kept)" -- -si -k --http2 $SL/internal/metrics
    cap $S caddy-400-plain-http-to-tls-port.txt 400 proxy caddy "plain HTTP to the TLS port: Go's 'Client sent an HTTP request to an HTTPS server.'" "" -- -sv http://127.0.0.1:58255/api/orders/1
    cap $S caddy-404-assets-h2.txt 404 proxy caddy "HTTP/2, /assets/ from an empty folder: file_server's 404" "" -- -sv -k --http2 $SL/assets/app.js
fi

# ====================== Symfony HttpKernel + PHP-FPM + nginx fastcgi_pass ==
if up nginx; then
    log "capturing: a bare Symfony HttpKernel app under PHP-FPM behind nginx fastcgi_pass"
    S=symfony-fpm-nginx
    cap $S symfony-201-nginx.txt 201 app symfony "a valid order: a JsonResponse 201 with a Location" "curl -si" -- -si "${JSONH[@]}" -d "$ORDER" $SY/api/orders
    cap $S symfony-422-nginx.txt 422 app symfony "qty 0: violations in the 'Validation Failed' shape" "HTTP/1.1 422 Unprocessable Content (Symfony 5.4's phrase)" -- -sv "${JSONH[@]}" -d "$BADQ" $SY/api/orders
    caphttp $S symfony-401-httpie.txt 401 app symfony "HTTPie, no token" "HTTPie with colours" -- -v GET $SY/api/admin/reports
    cap $S symfony-404-router.txt 404 app symfony "no route: NotFoundHttpException, 'Oops! An Error Occurred' / 'The server returned a \"404 Not Found\".'" "" -- -sv $SY/api/v2/orders
    cap $S symfony-405-router.txt 405 app symfony "DELETE on a GET route: MethodNotAllowedHttpException with Allow" "curl -si" -- -si -X DELETE $SY/api/orders/1
    cap $S symfony-500-prod.txt 500 app symfony "a call on null, debug off: the generic 'Oops! An Error Occurred' page" "" -- -sv $SY/api/boom
    cap $S symfony-500-debug-page.txt 500 app symfony "APP_DEBUG=1: Symfony's exception page with the trace" "curl -si" -- -si $SD/api/boom
    capwin $S symfony-503-nginx.txt 503 app symfony "the app's maintenance 503" "curl -si pasted with CRLF" -- -si $SY/api/maintenance
    cap $S php-fpm-404-file-not-found.txt 404 app php-fpm "an old .php URL: SCRIPT_FILENAME names a missing file, PHP-FPM's 'File not found.'" "" -- -sv $SY/old/export.php
    cap $S nginx-504-fastcgi-timeout.txt 504 proxy nginx "the route sleeps 5 s, fastcgi_read_timeout 2s" "" -- -sv $SY/api/slow
    cap $S nginx-413-symfony.txt 413 proxy nginx "a 4 KB body over client_max_body_size 1k" "curl -si" -- -si "${JSONH[@]}" --data-binary @upload.bin $SY/api/orders
    cap $S nginx-400-cookie-too-large.txt 400 proxy nginx "a 10 KB Cookie header over large_client_header_buffers (4 8k): 'Request Header Or Cookie Too Large'" "curl -si" -- -si -H @cookie-10k.txt $SY/api/orders/1
    cap $S nginx-502-reports-fpm-down.txt 502 proxy nginx "/reports/ to an FPM port nothing listens on" "" -- -sv $SY/reports/daily
fi

# ================== Caddy -> Apache mod_proxy_fcgi -> PHP-FPM -> plain PHP ==
if up caddy && up apache; then
    log "capturing: Caddy -> Apache mod_proxy_fcgi -> PHP-FPM"
    S=caddy-apache-fcgi-php
    cap $S php-404-two-hops.txt 404 app php "the front controller's JSON 404 through both hops" "Server: Caddy and Server: Apache/2.4.71 (Debian)" -- -sv $CA/api/orders/7
    caphttp $S php-422-httpie-two-hops.txt 422 app php "HTTPie, qty 0" "HTTPie with colours" -- -v POST $CA/api/orders sku=A-1 qty:=0
    cap $S php-500-empty-two-hops.txt 500 app php "a call on null, display_errors off: PHP's empty 500" "" -- -sv $CA/api/boom
    cap $S php-201-two-hops.txt 201 app php "a valid order" "curl -si" -- -si "${JSONH[@]}" -d "$ORDER" $CA/api/orders
    cap $S apache-404-missing-php-two-hops.txt 404 app apache "a .php file that does not exist: Apache, the origin web server, answers 404" "curl -si" -- -si $CA/old/report.php
    cap $S apache-504-fcgi-via-caddy.txt 504 proxy apache "the script sleeps 5 s: Apache's ProxyTimeout 2 fires before Caddy's 3 s" "" -- -sv $CA/api/slow
    capraw $S caddy-504-reports-outer.txt 504 proxy caddy "/reports/: Caddy's response_header_timeout 1s fires before Apache's 2 s" "curl -si saved to a file (CRs kept)" -- -si $CA/reports/daily
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-rails-404-json.txt 404/404 app rails "PublicExceptions' JSON for a missing route" "\"status\":404 in the body" -- -k -H 'Accept: application/json' $RN/api/v2/orders
up lighttpd && capbody $S body-grape-404.txt 404/404 app grape "Grape's '404 Not Found'" "" -- $GL/api/v2/orders
up haproxy && capbody $S body-dancer2-500.txt 500/500 app dancer2 "Dancer2's 'Error 500 - Internal Server Error' page" "" -- $DH/api/boom
up apache && capbody $S body-catalyst-500.txt 0/500 app catalyst "Catalyst's 'Please come back later' page" "no number" -- $CT/api/boom
up caddy && capbody $S body-slim-405.txt 0/405 app slim "Slim's 'Method not allowed' page" "no number" -- -k -X DELETE $SL/api/orders/1
up nginx && capbody $S body-symfony-404.txt 404/404 app symfony "'The server returned a \"404 Not Found\".'" "" -- $SY/api/v2/orders
up nginx && capbody $S body-nginx-504.txt 504/504 proxy nginx "nginx's 504 page" "" -- $SY/api/slow
up haproxy && capbody $S body-haproxy-503.txt 503/503 load-balancer haproxy "HAProxy's 503 page" "" -- $DH/payments/api/charges
up varnish && capbody $S body-varnish-503.txt 503/503 cdn-cache varnish "Varnish's 'Error 503 Backend fetch failed' page" "" -- $HV/legacy/api/items

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-rails-404-routing.txt 404 app rails "curl -sI on a missing route (HEAD is routed as GET): PublicExceptions' empty 404" "" -- -k $RN/api/v2/orders
up varnish && caphead $S head-varnish-hit.txt 200 cdn-cache varnish "curl -sI on the cached catalog" "X-Cache: HIT" -- $HV/api/catalog
up caddy && caphead $S head-caddy-403.txt 403 proxy caddy "curl -sI on /internal/ behind Caddy" "" -- $RD/internal/metrics
up haproxy && caphead $S head-haproxy-403.txt 403 load-balancer haproxy "curl -sI on /internal/ behind HAProxy" "" -- $DH/internal/metrics
up lighttpd && caphead $S head-lighttpd-503.txt 503 proxy lighttpd "curl -sI, /billing/ backend not running" "" -- $GL/billing/api/invoices

# ================================== servers go away behind their fronts ==
log "capturing: apps stopped behind their fronts"
if up nginx; then
    stop_name puma-rails; sleep 0.5
    cap rails-puma-nginx-h2 nginx-502-puma-stopped-h2.txt 502 proxy nginx "HTTP/2, Puma is stopped" "" -- -sv -k --http2 $RN/api/orders/1
fi
if up caddy; then
    stop_name webrick-rails; sleep 0.5
    caphttp rails-dev-webrick-caddy caddy-502-webrick-stopped-httpie.txt 502 proxy caddy "HTTPie: WEBrick is stopped, Caddy's empty 502" "HTTPie with colours" -- -v GET $RD/api/orders/1
fi
if up lighttpd; then
    stop_name thin-grape; sleep 0.5
    cap grape-thin-lighttpd lighttpd-503-thin-stopped.txt 503 proxy lighttpd "thin is stopped: lighttpd's 503" "curl -si" -- -si $GL/api/orders/1
    stop_name fcgi-dancer2; sleep 0.5
    cap dancer2-fcgi-lighttpd lighttpd-503-fcgi-stopped.txt 503 proxy lighttpd "the FastCGI app is stopped" "" -- -sv $DF/api/orders/1
fi
if up haproxy; then
    stop_name starman-dancer2; sleep 4   # three failed checks, 1 s apart
    capwget dancer2-starman-haproxy haproxy-503-starman-stopped-wget.txt 503 load-balancer haproxy "wget: Starman is stopped, the server is DOWN" "wget -S -O-" -- $DH/api/orders/1
fi
if up apache; then
    stop_name starman-catalyst; sleep 0.5
    cap catalyst-starman-apache apache-503-starman-stopped.txt 503 proxy apache "Starman is stopped: Apache's 503" "" -- -sv $CT/api/orders/1
fi
if up caddy; then
    stop_name php-fpm-slim; sleep 0.5
    cap slim-fpm-caddy-h2 caddy-502-fpm-stopped-h2.txt 502 proxy caddy "HTTP/2, PHP-FPM is stopped" "" -- -sv -k --http2 $SL/api/orders/1
fi
if up nginx; then
    stop_name php-fpm-symfony; sleep 0.5
    capraw symfony-fpm-nginx nginx-502-fpm-stopped.txt 502 proxy nginx "PHP-FPM is stopped: nginx's 502" "curl -si saved to a file (CRs kept)" -- -si $SY/api/orders/1
fi
if up caddy && up apache; then
    stop_name php-fpm-plain; sleep 0.5
    cap caddy-apache-fcgi-php apache-503-fpm-stopped-via-caddy.txt 503 proxy apache "PHP-FPM is stopped: Apache's 503, passed by Caddy" "" -- -sv $CA/api/orders/1
    stop_name apache; sleep 0.5
    cap caddy-apache-fcgi-php caddy-502-apache-stopped.txt 502 proxy caddy "Apache is stopped: Caddy's empty 502" "curl -si" -- -si $CA/api/orders/1
fi

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round46/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
