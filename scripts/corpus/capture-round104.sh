#!/usr/bin/env bash
# capture-round104.sh — build the hundred-and-fourth held-out evidence corpus
# in tests/fixtures/evidence-round104/.
#
# "PHP and Java a third time, on pairings not yet used" (rounds 72 and 87
# were the first two looks): six front + app pairings whose setup names
# appear in no earlier labels.toml, all plain HTTP on 127.0.0.1:
#   - Symfony 5.4 components (apps46/symfony/index.php, Debian packages) on
#     PHP-FPM 8.2 behind Apache 2.4 (mod_proxy_fcgi);
#   - the plain PHP orders API (apps87/plain/api.php) on PHP's built-in
#     server (php -S) behind HAProxy 2.6;
#   - the same API on a second php -S behind Varnish 7.1;
#   - Jetty 9.4 (round 72's servlet, apps72/OrdersServlet.java) behind
#     Caddy 2.6 (reverse_proxy);
#   - the JDK's com.sun.net.httpserver quotes API (apps49/jdk/QuotesServer.java)
#     behind nginx 1.22;
#   - the same JDK app on a second port behind Squid 5.7 (accelerator).
# Front configs: scripts/corpus/conf-round104/.
#
#   scripts/corpus/capture-round104.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round104.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round104.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60000-61999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers in
# 62000-63999 meanwhile: those are not looked at, and never stopped); every
# curl, HTTPie and wget request runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written next to each request, before it is made; finish_round104.py refuses
# (and this script then leaves the fixtures as they were) when a label's
# status is not the one on the wire.
set -u -o pipefail
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail



HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round104"
RUN=/tmp/api-triage-corpus104-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round104"
APPS72="$HERE/apps72"
APPS46="$HERE/apps46"
APPS49="$HERE/apps49"
APPS87="$HERE/apps87"
VENV=${CORPUS_VENV104:-/tmp/api-triage-corpus104-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus104 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx caddy haproxy varnish squid python3-venv
    php8.2-fpm php8.2-cli php-symfony-http-kernel php-symfony-routing jetty9 openjdk-17-jdk-headless)
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

install_venv() {  # HTTPie (a copy of round 103's venv), from PyPI when missing
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round104.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS72 && -d $APPS87 && -d $APPS46 && -d $APPS49 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
have openssl || die "openssl is missing"
for p in nginx apache2 caddy haproxy varnish squid php8.2-fpm php8.2-cli php-symfony-http-kernel php-symfony-routing jetty9; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
command -v javac >/dev/null || die "javac is missing (openjdk-17-jdk-headless)"

# apps: PHP-FPM 60011 (Symfony and the /v1/ plain script), php -S 60012
# (behind HAProxy) and 60013 (behind Varnish), Jetty 60014, the JDK app 60015
# (behind nginx) and 60016 (behind Squid). Fronts: nginx 60101, Apache 60102,
# Caddy 60103, HAProxy 60104, Varnish 60105, Squid 60106. 60499 is never
# listened on (the dead upstream).
APP_PORTS=(60011 60012 60013 60014 60015 60016)
FRONT_PORTS=(60101 60102 60103 60104 60105 60106)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 60499; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
mkdir -p "$RUN"/{php-fpm,symfony/v1,symfony/scripts,tidewell,saltmarsh,jdk}
cp "$APPS46/symfony/index.php" "$RUN/symfony/index.php"
cp "$APPS87/web-shim.php" "$RUN/symfony/web.php"
cp "$APPS87/plain/api.php" "$RUN/symfony/v1/index.php"
sed 's#/web/#/v1/#g' "$APPS87/web-shim.php" >"$RUN/symfony/v1/shim.php"
cp "$APPS87/plain/api.php" "$RUN/tidewell/api.php"
cp "$APPS87/plain/api.php" "$RUN/saltmarsh/api.php"
render "$CONF/php-fpm.conf" "$RUN/php-fpm/fpm.conf"
chown -R www-data: "$RUN/php-fpm" "$RUN/symfony" 2>/dev/null || true
start_bg php-fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/fpm.conf"
start_bg php-tidewell env REPLICA=tidewell-php-1 PHP_CLI_SERVER_WORKERS=4 nice -n 5 php -d display_errors=0 -d log_errors=1 \
    -d error_log="$RUN/logs/php-tidewell-errors.log" -S 127.0.0.1:60012 -t "$RUN/tidewell" "$RUN/tidewell/api.php"
start_bg php-saltmarsh env REPLICA=saltmarsh-php-1 PHP_CLI_SERVER_WORKERS=4 nice -n 5 php -d display_errors=0 -d log_errors=1 \
    -d error_log="$RUN/logs/php-saltmarsh-errors.log" -S 127.0.0.1:60013 -t "$RUN/saltmarsh" "$RUN/saltmarsh/api.php"

JB=$RUN/jetty
mkdir -p "$JB"/{logs,src,webapps/ROOT/WEB-INF/classes}
cp "$CONF/jetty-start.ini" "$JB/start.ini"
cp "$APPS72/jetty/web.xml" "$JB/webapps/ROOT/WEB-INF/web.xml"
sed 's/jakarta\.servlet/javax.servlet/g' "$APPS72/OrdersServlet.java" >"$JB/src/OrdersServlet.java"
nice -n 15 timeout 300 javac -cp /usr/share/jetty9/lib/servlet-api-3.1.jar -d "$JB/webapps/ROOT/WEB-INF/classes" \
    "$JB/src/OrdersServlet.java" >"$RUN/logs/javac-jetty.log" 2>&1 || die "the servlet did not compile for Jetty"
start_bg jetty nice -n 5 java -jar /usr/share/jetty9/start.jar jetty.home=/usr/share/jetty9 jetty.base="$JB"
nice -n 15 timeout 300 javac -d "$RUN/jdk" "$APPS49/jdk/QuotesServer.java" >"$RUN/logs/javac-jdk.log" 2>&1 \
    || die "QuotesServer did not compile"
start_bg jdk-brackenfold nice -n 5 java -cp "$RUN/jdk" QuotesServer 60015
start_bg jdk-oakhollow nice -n 5 java -cp "$RUN/jdk" QuotesServer 60016
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
PAGES=$CONF/pages
HTPW=$(openssl passwd -apr1 's3cret-ops')
mkdir -p "$RUN"/nginx/tmp
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
printf 'oncall:%s\n' "$HTPW" >"$RUN/nginx/htpasswd"
mkdir -p "$RUN/nginx/html/ops" && printf '{"ops":"ok"}\n' >"$RUN/nginx/html/ops/status"
chmod 644 "$RUN/nginx/htpasswd"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60101 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
cp "$PAGES/apache-50x.html" "$RUN/apache/errors/50x.html"
printf 'oncall:%s\n' "$HTPW" >"$RUN/apache/htpasswd"
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 60102 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60103 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
for f in 502 503 504; do cp "$PAGES/haproxy-$f.http" "$RUN/haproxy/$f.http"; done
cp "$PAGES/haproxy-web-50x.html" "$RUN/haproxy/web-50x.html"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 60104 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/saltmarsh.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:60105 -T none -f "$RUN/varnish/saltmarsh.vcl" \
    -n "$RUN/varnish/saltmarsh" -s malloc,16m
wait_port 60105 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus104 -f "$RUN/squid/squid.conf"
wait_port 60106 squid && UP[squid]=1
sleep 2.5   # HAProxy's check marks the legacy server down; Jetty finishes deploying
for i in $(seq 1 100); do   # bounded: the servlet answers (Jetty deploys after the port opens)
    j=$(timeout 5 curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:60014/api/health)
    [[ $j == 200 ]] && break
    sleep 0.3
done

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 104 (held out): real responses captured by
# scripts/corpus/capture-round104.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-103:
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
BIGBODY=$(printf '{"ref":"XX-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")
LONGQ=$(printf 'q%.0s' $(seq 1 2400))
BIGHDR=$(printf 'h%.0s' $(seq 1 3000))
HUGEHDR=$(printf 'h%.0s' $(seq 1 12000))

# ===================================================== Apache -> Symfony on PHP-FPM ==
if up apache; then
    log "capturing: Symfony on PHP-FPM behind Apache (mod_proxy_fcgi)"
    S=symfony-fpm-apache-r104
    H=api.fernhollow.test A=http://api.fernhollow.test:60102 RA="--resolve api.fernhollow.test:60102:127.0.0.1"
    cap $S symfony-200-order-apache.txt 200 app symfony "order 1: Symfony's JsonResponse through mod_proxy_fcgi" "curl -sv; X-Request-Id from mod_unique_id" -- -sv $RA $A/api/orders/1
    cap $S symfony-201-post-apache.txt 201 app symfony "POST a valid order: the controller's 201 with Location" "curl -si" -- -si $RA -X POST "${JSONH[@]}" -d '{"sku":"A-1","qty":2}' $A/api/orders
    capraw $S symfony-400-post-notjson-apache.txt 400 app symfony "POST a body that is not JSON: the controller's JSON 400" "curl -si saved to a file (CRs kept)" -- -si $RA -X POST "${JSONH[@]}" -d 'sku=A-1' $A/api/orders
    cap $S symfony-422-post-apache.txt 422 app symfony "POST with an empty sku and qty 0: the controller's validation 422 (violations)" "curl -si" -- -si $RA -X POST "${JSONH[@]}" -d '{"sku":"","qty":0}' $A/api/orders
    capwin $S symfony-409-cancel-apache.txt 409 app symfony "cancel a shipped order: the controller's JSON 409" "curl -si pasted with CRLF" -- -si $RA -X POST $A/api/orders/1/cancel
    HTTPIE_CMD=http caphttp $S symfony-401-reports-apache-httpie.txt 401 app symfony "HTTPie, no token: the controller's JSON 401 with WWW-Authenticate Bearer" "HTTPie with colours" -- -v GET http://127.0.0.1:60102/api/admin/reports Host:$H
    cap $S symfony-404-order-json-apache.txt 404 app symfony "order 7: the controller's JSON 404" "curl -si" -- -si $RA $A/api/orders/7
    cap $S symfony-404-router-page-apache.txt 404 app symfony "a path no route matches: RouterListener's NotFoundHttpException, HtmlErrorRenderer's 'Oops! An Error Occurred' 404 page" "curl -si" -- -si $RA $A/api/customers/3
    caplt $S symfony-405-router-page-apache.txt 405 app symfony "DELETE on a GET-only route: Symfony's 405 page with Allow" "curl -sv, only the < lines kept" -- -sv $RA -X DELETE $A/api/orders/1
    cap $S symfony-429-search-apache.txt 429 app symfony "the controller's JSON 429 with Retry-After" "curl -si" -- -si $RA "$A/api/search?q=boots"
    cap $S symfony-500-boom-oops-apache.txt 500 app symfony "a method call on null: HtmlErrorRenderer's generic 500 page (debug off), passed on" "" -- -sv $RA $A/api/boom
    capcut $S symfony-503-maintenance-apache.txt 503 app symfony "the controller's JSON 503 with Retry-After" "curl -si, body cut off after the headers" -- -si $RA $A/api/maintenance
    cap $S php-500-v1-boom-empty-apache.txt 500 app php "/v1/: the plain PHP script calls a function that does not exist, display_errors off: PHP-FPM's 500 with an empty body, passed on" "curl -si" -- -si $RA $A/v1/boom
    cap $S php-200-v1-debug-boom-fatal-apache.txt 200 app php "/v1/debug/boom: the same fatal error after ini_set('display_errors', '1'): PHP prints 'Fatal error' and the status stays 200" "curl -si" -- -si $RA $A/v1/debug/boom
    cap $S phpfpm-404-file-not-found-apache.txt 404 app php-fpm "a .php path whose file does not exist: PHP-FPM's own 'File not found.' (Primary script unknown), passed on" "curl -si" -- -si $RA $A/scripts/export-orders.php
    cap $S apache-500-web-boom-branded.txt 500 proxy apache "/web/boom: ProxyErrorOverride replaces Symfony's 500 page with Apache's branded ErrorDocument" "curl -si" -- -si $RA $A/web/boom
    cap $S apache-503-reports-pool-down.txt 503 proxy apache "/api/reports/: a FastCGI pool on a port nobody listens on: mod_proxy_fcgi's 503" "" -- -sv $RA $A/api/reports/daily
    capwget $S apache-504-slow-wget.txt 504 proxy apache "the controller sleeps 5 s, ProxyTimeout 3: Apache's 504" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60102/api/slow
    cap $S apache-401-ops-basic.txt 401 identity apache "/ops/: AuthType Basic at Apache, no credentials: Apache's own 401" "curl -si" -- -si $RA $A/ops/status
    cap $S apache-403-internal.txt 403 proxy apache "/internal/: Require all denied, Apache's 403" "curl -si" -- -si $RA $A/internal/metrics
    cap $S apache-301-orders-redirect.txt 301 proxy apache "/orders: Redirect 301 onto /api/orders" "curl -si" -- -si $RA $A/orders
    cap $S apache-414-long-uri.txt 414 proxy apache "a 2.4 KB query string, LimitRequestLine 1500: Apache's 414" "curl -si" -- -si $RA "$A/api/orders/1?q=$LONGQ"
    cap $S apache-400-big-header.txt 400 proxy apache "a 3 KB header, LimitRequestFieldSize 2048: Apache's 400 (size of a request header field exceeds server limit)" "curl -si" -- -si $RA -H "X-Debug-Context: $BIGHDR" $A/api/orders/1
    # pastes from the same server
    capbody body-only-paste body-symfony-500-oops.txt 500/500 app symfony "HtmlErrorRenderer's 'Oops! An Error Occurred' page (it names the 500)" "" -- $RA "$A/api/boom?from=dashboard"
    capbody body-only-paste body-phpfpm-file-not-found.txt 0/404 app php-fpm "PHP-FPM's 'File not found.' (no number in it)" "" -- $RA "$A/scripts/report.php"
    caphead headers-only-paste head-symfony-200-order-apache.txt 200 app symfony "curl -sI on order 1 through Apache" "" -- $RA $A/api/orders/1
fi

# ===================================================== HAProxy -> PHP built-in server ==
if up haproxy; then
    log "capturing: plain PHP under php -S behind HAProxy"
    S=php-builtin-haproxy-r104
    H=api.tidewell.test HA=http://api.tidewell.test:60104 RHA="--resolve api.tidewell.test:60104:127.0.0.1"
    cap $S php-200-order-haproxy.txt 200 app php "order 1 from the plain PHP script under php -S" "curl -sv; X-Request-ID from HAProxy's unique-id" -- -sv $RHA $HA/api/orders/1
    cap $S php-201-post-haproxy.txt 201 app php "POST a new ref: the script's 201 with Location" "curl -si" -- -si $RHA -X POST "${JSONH[@]}" -d '{"ref":"TW-2002"}' $HA/api/orders
    cap $S php-400-post-haproxy.txt 400 app php "POST a body that is not JSON: the script's JSON 400" "curl -si" -- -si $RHA -X POST "${JSONH[@]}" -d 'ref=TW-2002' $HA/api/orders
    capraw $S php-409-post-haproxy.txt 409 app php "POST of an existing ref: the script's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RHA -X POST "${JSONH[@]}" -d '{"ref":"PC-1001"}' $HA/api/orders
    cap $S php-401-account-haproxy.txt 401 app php "no token: the script's JSON 401 with WWW-Authenticate" "curl -si" -- -si $RHA $HA/api/account
    capwin $S php-403-admin-haproxy.txt 403 app php "the script's JSON 403" "curl -si pasted with CRLF" -- -si $RHA $HA/api/admin
    capcut $S php-405-get-orders-haproxy.txt 405 app php "GET on the POST-only collection: the script's JSON 405 with Allow" "curl -si, body cut off after the headers" -- -si $RHA $HA/api/orders
    cap $S php-500-boom-empty-haproxy.txt 500 app php "a call to a function that does not exist, display_errors off: the built-in server's 500 with an empty body, passed on" "" -- -sv $RHA $HA/api/boom
    cap $S php-200-debug-boom-fatal-haproxy.txt 200 app php "the same fatal error with display_errors turned on by ini_set: PHP prints the fatal error and the status stays 200" "curl -si" -- -si $RHA $HA/api/debug/boom
    cap $S php-502-payments-html-haproxy.txt 502 app php "the script's own HTML 502 page on /api/ (not intercepted there), passed on" "curl -si" -- -si $RHA $HA/api/payments
    cap $S phpserver-404-builtin-page-haproxy.txt 404 app php "/favicon.ico: the router returns false and PHP's built-in server answers its own '404 Not Found' page" "curl -si" -- -si $RHA $HA/favicon.ico
    cap $S php-200-export-first-haproxy.txt 200 app php "/api/exports/daily: the first request in the minute passes the stick-table limit" "curl -si" -- -si $RHA $HA/api/exports/daily
    cap $S haproxy-429-exports-json.txt 429 load-balancer haproxy "/api/exports/ again within the minute: the stick-table limit, HAProxy's JSON 429" "" -- -sv $RHA $HA/api/exports/daily
    cap $S haproxy-500-web-boom-branded.txt 500 load-balancer haproxy "/web/boom, http-response return on 500: PHP's empty 500 replaced by HAProxy's branded HTML" "curl -si" -- -si $RHA $HA/web/boom
    caplt $S haproxy-502-web-payments-branded.txt 502 load-balancer haproxy "/web/payments, http-response return on 502: the script's HTML 502 replaced by HAProxy's branded HTML" "curl -sv, only the < lines kept" -- -sv $RHA $HA/web/payments
    cap $S haproxy-504-slow-json.txt 504 load-balancer haproxy "the script sleeps 5 s, timeout server 3s: HAProxy's 504, errorfile with a branded JSON body" "curl -si" -- -si $RHA $HA/api/slow
    capwget $S haproxy-503-legacy-down-branded-wget.txt 503 load-balancer haproxy "/legacy/: its only server is down by its check: HAProxy's 503, errorfile with a branded HTML body" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60104/legacy/orders/1
    cap $S haproxy-413-body.txt 413 load-balancer haproxy "a 3 KB body, deny_status 413 over 1 KB: HAProxy's stock 413" "curl -si" -- -si $RHA -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $HA/api/orders
    cap $S haproxy-414-long-uri.txt 414 load-balancer haproxy "a 2.4 KB query string: http-request return 414 (url_len over 1500)" "curl -si" -- -si $RHA "$HA/api/orders/1?q=$LONGQ"
    cap $S haproxy-431-big-headers.txt 431 load-balancer haproxy "a 12 KB header: http-request return 431 (req.hdrs_len over 6 KB)" "curl -si" -- -si $RHA -H "X-Debug-Context: $HUGEHDR" $HA/api/orders/1
    cap $S haproxy-401-ops-auth.txt 401 identity haproxy "/ops/: http-request auth against a userlist, no credentials: HAProxy's own 401" "curl -si" -- -si $RHA $HA/ops/status
    cap $S haproxy-308-www-canonical.txt 308 load-balancer haproxy "www host: redirect prefix to the canonical host, code 308" "curl -si" -- -si --resolve www.api.tidewell.test:60104:127.0.0.1 http://www.api.tidewell.test:60104/api/orders/1
    # pastes from the same server
    capbody body-only-paste body-haproxy-504-slow-json.txt 504/504 load-balancer haproxy "HAProxy's branded JSON 504 errorfile (a status field of 504)" "" -- $RHA "$HA/api/slow?from=dashboard"
    capbody body-only-paste body-phpserver-404-builtin-page.txt 404/404 app php "PHP's built-in server '404 Not Found' page (its title shows the number)" "" -- $RHA "$HA/favicon.ico"
    caphead headers-only-paste head-php-404-head-order-haproxy.txt 404 app php "curl -sI on order 1: the script routes GET only, so HEAD falls to its JSON 404" "" -- $RHA $HA/api/orders/1
fi

# ===================================================== Varnish -> PHP built-in server ==
if up varnish; then
    log "capturing: plain PHP under php -S behind Varnish"
    S=php-builtin-varnish-r104
    H=api.saltmarsh.test V=http://api.saltmarsh.test:60105 RV="--resolve api.saltmarsh.test:60105:127.0.0.1"
    cap $S php-200-order-varnish-miss.txt 200 app php "order 1, first request: a MISS, stored (1 s TTL, 1 h grace in the VCL)" "curl -sv; X-Cache: MISS" -- -sv $RV $V/api/orders/1
    cap $S varnish-200-order-hit.txt 200 cdn-cache varnish "order 1 again: from Varnish's store" "curl -si; X-Cache: HIT" -- -si $RV $V/api/orders/1
    caplt $S varnish-304-order-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "curl -sv, only the < lines kept" -- -sv $RV -H 'If-None-Match: "pc-order-1-v3"' $V/api/orders/1
    sleep 2.2
    cap $S varnish-200-order-stale-grace.txt 200 cdn-cache varnish "order 1, 2 s later: past its 1 s TTL, served stale from grace while Varnish refetches" "curl -sv" -- -sv $RV $V/api/orders/1
    cap $S php-404-order9-varnish-miss.txt 404 app php "order 9, first request: the script's JSON 404, a MISS kept 60 s by the VCL" "curl -si; X-Cache: MISS" -- -si $RV $V/api/orders/9
    cap $S php-404-order9-varnish-hit.txt 404 app php "order 9 again: the script's JSON 404 replayed from Varnish's store (an app error the cache kept)" "curl -sv; X-Cache: HIT" -- -sv $RV $V/api/orders/9
    capwin $S php-422-post-varnish.txt 422 app php "POST without ref: the script's JSON 422" "curl -si pasted with CRLF" -- -si $RV -X POST "${JSONH[@]}" -d '{"total":2}' $V/api/orders
    HTTPIE_CMD=http caphttp $S php-401-account-varnish-httpie.txt 401 app php "HTTPie, no token: the script's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- -v GET http://127.0.0.1:60105/api/account Host:$H
    capcut $S php-429-quota-varnish.txt 429 app php "the script's JSON 429 with Retry-After" "curl -si, body cut off after the headers" -- -si $RV $V/api/quota
    cap $S php-500-boom-empty-varnish.txt 500 app php "PHP's empty 500 from the built-in server, passed on (not stored)" "curl -si" -- -si $RV $V/api/boom
    cap $S php-200-debug-boom-fatal-varnish.txt 200 app php "PHP's fatal error printed into a 200 (display_errors turned on by ini_set)" "" -- -sv $RV $V/api/debug/boom
    capraw $S php-503-maintenance-varnish.txt 503 app php "the script's JSON 503 with Retry-After, passed on (vcl_backend_error is only for fetch failures)" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/maintenance
    cap $S phpserver-404-builtin-page-varnish.txt 404 app php "/robots.txt: PHP's built-in server's own '404 Not Found' page, passed on" "curl -si" -- -si $RV $V/robots.txt
    cap $S varnish-301-www-canonical.txt 301 cdn-cache varnish "www host: synth 301 to the canonical host" "curl -si" -- -si --resolve www.api.saltmarsh.test:60105:127.0.0.1 http://www.api.saltmarsh.test:60105/api/orders/1
    cap $S varnish-403-internal-branded.txt 403 cdn-cache varnish "/internal/: synth 403 with a branded HTML page" "curl -si" -- -si $RV $V/internal/metrics
    caplt $S varnish-503-refunds-json.txt 503 cdn-cache varnish "/api/refunds/: maintenance, synth 503 JSON with Retry-After" "curl -sv, only the < lines kept" -- -sv $RV $V/api/refunds/42
    cap $S varnish-503-slow-branded.txt 503 cdn-cache varnish "the script sleeps 5 s, first_byte_timeout 3s: vcl_backend_error's branded HTML 503" "" -- -sv $RV $V/api/slow
    capwget $S varnish-503-legacy2-down-branded-wget.txt 503 cdn-cache varnish "/api/legacy2/ to a port nobody listens on: vcl_backend_error's branded HTML 503" "wget -S -O-" -- --header="Host: $H:60105" http://127.0.0.1:60105/api/legacy2/orders/1
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE with no purge ACL: Varnish's synth 405 page" "curl -si" -- -si $RV -X PURGE $V/api/orders/1
    # pastes from the same server
    capbody body-only-paste body-varnish-503-slow-branded.txt 0/503 cdn-cache varnish "vcl_backend_error's branded HTML page (no number in it)" "" -- $RV "$V/api/slow?from=dashboard"
    caphead headers-only-paste head-varnish-200-order-hit.txt 200 cdn-cache varnish "curl -sI on order 1, in Varnish's store" "" -- $RV $V/api/orders/1
fi

# ===================================================== Caddy -> Jetty ==
if up caddy; then
    log "capturing: Jetty behind Caddy"
    S=jetty-caddy-r104
    H=api.glenmere.test C=http://api.glenmere.test:60103 RC="--resolve api.glenmere.test:60103:127.0.0.1"
    cap $S jetty-200-order-caddy.txt 200 app jetty "order 1 from the servlet on Jetty" "curl -sv; X-Request-ID from Caddy's uuid" -- -sv $RC $C/api/orders/1
    cap $S jetty-201-post-caddy.txt 201 app jetty "POST a valid order: the servlet's 201 with Location" "curl -si" -- -si $RC -X POST "${JSONH[@]}" -d '{"sku":"A-1","qty":2}' $C/api/orders
    capraw $S jetty-400-order-id-caddy.txt 400 app jetty "order id that is not a number: the servlet's JSON 400" "curl -si saved to a file (CRs kept)" -- -si $RC $C/api/orders/abc
    cap $S jetty-422-post-caddy.txt 422 app jetty "POST with qty 0: the servlet's JSON 422" "curl -si" -- -si $RC -X POST "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $C/api/orders
    capwin $S jetty-409-cancel-caddy.txt 409 app jetty "cancel a shipped order: the servlet's JSON 409" "curl -si pasted with CRLF" -- -si $RC -X POST $C/api/orders/1/cancel
    HTTPIE_CMD=http caphttp $S jetty-401-reports-caddy-httpie.txt 401 app jetty "HTTPie, no token: the servlet's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- -v GET http://127.0.0.1:60103/api/admin/reports Host:$H:60103
    cap $S jetty-403-exports-senderror-caddy.txt 403 app jetty "sendError(403, msg): Jetty's 'HTTP ERROR 403' page, passed on" "curl -si" -- -si $RC $C/api/exports
    cap $S jetty-404-order9-senderror-caddy.txt 404 app jetty "sendError(404): Jetty's 'HTTP ERROR 404' page, passed on" "curl -si" -- -si $RC $C/api/orders/9
    cap $S jetty-404-outside-servlet-caddy.txt 404 app jetty "/favicon.ico, outside the servlet's /api/*: Jetty's default servlet answers its own 404 page" "curl -si" -- -si $RC $C/favicon.ico
    caplt $S jetty-405-delete-caddy.txt 405 app jetty "DELETE on a servlet without doDelete: HttpServlet's 405, Jetty's page" "curl -sv, only the < lines kept" -- -sv $RC -X DELETE $C/api/orders/1
    cap $S jetty-429-search-caddy.txt 429 app jetty "the servlet's JSON 429 with Retry-After" "curl -si" -- -si $RC "$C/api/search?q=boots"
    cap $S jetty-500-boom-caddy.txt 500 app jetty "an uncaught IllegalStateException: Jetty's 'HTTP ERROR 500' page, passed on" "" -- -sv $RC $C/api/boom
    capcut $S jetty-500-report-cause-caddy.txt 500 app jetty "a ServletException with a root cause: Jetty's 500 page, passed on" "curl -si, body cut off after the headers" -- -si $RC $C/api/report
    cap $S jetty-503-quote-senderror-caddy.txt 503 app jetty "sendError(503, msg): Jetty's 'HTTP ERROR 503' page, passed on" "curl -si" -- -si $RC $C/api/quote
    cap $S jetty-502-payments-html-caddy.txt 502 app jetty "the app's own HTML 502 page, passed on" "curl -si" -- -si $RC $C/api/payments
    cap $S jetty-302-old-orders-caddy.txt 302 app jetty "sendRedirect to /api/orders: Jetty's 302" "curl -si" -- -si $RC $C/api/old-orders
    cap $S jetty-431-big-header-caddy.txt 431 app jetty "a 12 KB header: Caddy passes it, Jetty's 8 KB request header limit answers 431" "curl -si" -- -si $RC -H "X-Debug-Context: $HUGEHDR" $C/api/orders/1
    cap $S caddy-502-legacy-down.txt 502 proxy caddy "/legacy/ to a port nobody listens on: Caddy's 502 (empty body)" "" -- -sv $RC $C/legacy/orders/1
    capwget $S caddy-504-slow-wget.txt 504 proxy caddy "the servlet waits 5 s, response_header_timeout 2s: Caddy's 504 (empty body)" "wget -S -O-" -- --header="Host: $H:60103" http://127.0.0.1:60103/api/slow
    cap $S caddy-401-ops-basicauth.txt 401 identity caddy "/ops/: basicauth at Caddy, no credentials: Caddy's own 401" "curl -si" -- -si $RC $C/ops/status
    cap $S caddy-403-internal.txt 403 proxy caddy "/internal/: respond 403" "curl -si" -- -si $RC $C/internal/metrics
    cap $S caddy-301-old-api.txt 301 proxy caddy "/old-api/orders/1: redir 301 onto /api/" "curl -si" -- -si $RC $C/old-api/orders/1
    # pastes from the same server
    capbody body-only-paste body-jetty-500-boom.txt 500/500 app jetty "Jetty's 'HTTP ERROR 500' page (its title and heading show the number)" "" -- $RC "$C/api/boom?from=dashboard"
    capbody body-only-paste body-jetty-404-order9.txt 404/404 app jetty "Jetty's 'HTTP ERROR 404' page for order 9" "" -- $RC "$C/api/orders/9"
    caphead headers-only-paste head-jetty-200-order-caddy.txt 200 app jetty "curl -sI on order 1 through Caddy (HttpServlet's doHead)" "" -- $RC $C/api/orders/1
fi

# ===================================================== nginx -> JDK HttpServer ==
if up nginx; then
    log "capturing: the JDK HttpServer quotes API behind nginx"
    S=jdk-httpserver-nginx-r104
    H=api.brackenfold.test N=http://api.brackenfold.test:60101 RN="--resolve api.brackenfold.test:60101:127.0.0.1"
    cap $S jdk-200-quotes-nginx.txt 200 app jdk-httpserver "the quotes list from com.sun.net.httpserver" "curl -sv; X-Request-ID from nginx's \$request_id" -- -sv $RN $N/api/quotes
    cap $S jdk-201-post-nginx.txt 201 app jdk-httpserver "POST a quote: the handler's 201 with Location" "curl -si" -- -si $RN -X POST "${JSONH[@]}" -d '{"text":"Measure twice."}' $N/api/quotes
    capraw $S jdk-400-post-nginx.txt 400 app jdk-httpserver "POST a body that is not JSON: the handler's JSON 400" "curl -si saved to a file (CRs kept)" -- -si $RN -X POST -d 'text=hello' $N/api/quotes
    cap $S jdk-422-post-nginx.txt 422 app jdk-httpserver "POST without text: the handler's JSON 422" "curl -si" -- -si $RN -X POST "${JSONH[@]}" -d '{"author":"anon"}' $N/api/quotes
    capwin $S jdk-409-vote-nginx.txt 409 app jdk-httpserver "a second vote: the handler's JSON 409" "curl -si pasted with CRLF" -- -si $RN -X POST $N/api/quotes/1/vote
    HTTPIE_CMD=http caphttp $S jdk-401-admin-nginx-httpie.txt 401 app jdk-httpserver "HTTPie, no credentials: the handler's JSON 401 with WWW-Authenticate Basic" "HTTPie with colours" -- -v GET http://127.0.0.1:60101/api/admin Host:$H
    cap $S jdk-403-admin-nginx.txt 403 app jdk-httpserver "with an Authorization header: the handler's JSON 403" "curl -si" -- -si $RN -H 'Authorization: Bearer abc123' $N/api/admin
    cap $S jdk-404-quote-json-nginx.txt 404 app jdk-httpserver "quote 99: the handler's JSON 404" "curl -si" -- -si $RN $N/api/quotes/99
    cap $S jdk-404-no-context-nginx.txt 404 app jdk-httpserver "a path under /api/ no context covers: HttpServer's own 'No context found for request'" "curl -si" -- -si $RN $N/api/authors/1
    caplt $S jdk-405-delete-nginx.txt 405 app jdk-httpserver "DELETE on the collection: the handler's JSON 405 with Allow" "curl -sv, only the < lines kept" -- -sv $RN -X DELETE $N/api/quotes
    capcut $S jdk-503-maintenance-nginx.txt 503 app jdk-httpserver "the handler's JSON 503 with Retry-After" "curl -si, body cut off after the headers" -- -si $RN $N/api/maintenance
    cap $S jdk-303-today-nginx.txt 303 app jdk-httpserver "/api/today, first request in the minute (limit_req passes it): the handler's 303 to quote 1" "curl -si" -- -si $RN $N/api/today
    cap $S nginx-503-today-limit-req.txt 503 proxy nginx "/api/today again within the minute: limit_req with the default status, nginx's stock 503" "curl -si" -- -si $RN $N/api/today
    cap $S nginx-502-random-app-reset.txt 502 proxy nginx "the handler throws, HttpServer closes the connection without an answer: nginx's stock 502" "" -- -sv $RN $N/api/random
    cap $S nginx-504-slow.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 2s: nginx's stock 504" "curl -si" -- -si $RN $N/api/slow
    capwget $S nginx-502-legacy-down-wget.txt 502 proxy nginx "/legacy/ to a port nobody listens on: nginx's stock 502" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60101/legacy/quotes
    cap $S nginx-401-ops-auth-basic.txt 401 identity nginx "/ops/: auth_basic at nginx, no credentials: nginx's own 401" "curl -si" -- -si $RN $N/ops/status
    cap $S nginx-413-body.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's stock 413" "curl -si" -- -si $RN -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $N/api/quotes
    cap $S nginx-414-long-uri.txt 414 proxy nginx "a 2.4 KB query string, large_client_header_buffers 2 1k: nginx's stock 414" "curl -si" -- -si $RN "$N/api/quotes?q=$LONGQ"
    cap $S nginx-400-big-header.txt 400 proxy nginx "a 3 KB header over the 1k buffers: nginx's 400 'Request Header Or Cookie Too Large'" "curl -si" -- -si $RN -H "X-Debug-Context: $BIGHDR" $N/api/quotes
    cap $S nginx-301-old.txt 301 proxy nginx "/old/quotes: rewrite ... permanent onto /api/" "curl -si" -- -si $RN $N/old/quotes
    cap $S nginx-404-unrouted.txt 404 proxy nginx "a path outside /api/: return 404, nginx's stock page" "curl -si" -- -si $RN $N/status
    # pastes from the same server
    capbody body-only-paste body-nginx-502-random.txt 502/502 proxy nginx "nginx's stock '502 Bad Gateway' page" "" -- $RN "$N/api/random?from=dashboard"
    capbody body-only-paste body-jdk-404-no-context.txt 404/404 app jdk-httpserver "HttpServer's '404 Not Found / No context found for request'" "" -- $RN "$N/api/authors/2"
    caphead headers-only-paste head-nginx-503-today-limit.txt 503 proxy nginx "curl -sI on /api/today within the minute: nginx's limit_req 503" "" -- $RN $N/api/today
fi

# ===================================================== Squid -> JDK HttpServer ==
if up squid; then
    log "capturing: the JDK HttpServer quotes API behind Squid"
    S=jdk-httpserver-squid-r104
    H=api.oakhollow.test SQ=http://api.oakhollow.test:60106 RSQ="--resolve api.oakhollow.test:60106:127.0.0.1"
    cap $S jdk-200-quote1-squid-miss.txt 200 app jdk-httpserver "quote 1, first request: a MISS, kept by refresh_pattern (the app sends no Cache-Control)" "curl -sv; X-Cache: MISS" -- -sv $RSQ $SQ/api/quotes/1
    cap $S squid-200-quote1-hit.txt 200 cdn-cache squid "quote 1 again: from Squid's memory cache" "curl -si" -- -si $RSQ $SQ/api/quotes/1
    caplt $S squid-304-quote1-if-modified-since.txt 304 cdn-cache squid "If-Modified-Since now on the stored quote: Squid's own 304" "curl -sv, only the < lines kept" -- -sv $RSQ -H "If-Modified-Since: $(date -u '+%a, %d %b %Y %H:%M:%S GMT')" $SQ/api/quotes/1
    capwget $S squid-200-quote1-hit-wget.txt 200 cdn-cache squid "wget: quote 1 from Squid's store" "wget -S -O-" -- --header="Host: $H:60106" http://127.0.0.1:60106/api/quotes/1
    capraw $S jdk-422-post-squid.txt 422 app jdk-httpserver "POST without text: the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"author":"anon"}' $SQ/api/quotes
    capwin $S jdk-409-vote-squid.txt 409 app jdk-httpserver "a second vote: the handler's JSON 409" "curl -si pasted with CRLF" -- -si $RSQ -X POST $SQ/api/quotes/1/vote
    HTTPIE_CMD=http caphttp $S jdk-401-admin-squid-httpie.txt 401 app jdk-httpserver "HTTPie, no credentials: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60106/api/admin Host:$H:60106
    cap $S jdk-404-no-context-squid.txt 404 app jdk-httpserver "HttpServer's own 'No context found for request', passed on" "curl -si" -- -si $RSQ $SQ/api/authors/1
    capcut $S jdk-405-put-squid.txt 405 app jdk-httpserver "PUT on the collection: the handler's JSON 405 with Allow" "curl -si, body cut off after the headers" -- -si $RSQ -X PUT "${JSONH[@]}" -d '{}' $SQ/api/quotes
    cap $S jdk-503-maintenance-squid.txt 503 app jdk-httpserver "the handler's JSON 503 with Retry-After, passed on" "" -- -sv $RSQ $SQ/api/maintenance
    cap $S jdk-303-today-squid.txt 303 app jdk-httpserver "the handler's 303 to quote 1" "curl -si" -- -si $RSQ $SQ/api/today
    cap $S squid-502-random-app-reset.txt 502 cdn-cache squid "the handler throws, HttpServer closes the connection without an answer: Squid's error page" "curl -si" -- -si $RSQ $SQ/api/random
    cap $S squid-504-slow.txt 504 cdn-cache squid "the handler sleeps 5 s, read_timeout 3 seconds: Squid's ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/slow
    capwget $S squid-502-legacy2-down-wget.txt 502 cdn-cache squid "/api/legacy2/ to a peer that is not running: Squid's error page" "wget -S -O-" -- --header="Host: $H:60106" http://127.0.0.1:60106/api/legacy2/quotes
    cap $S squid-403-internal.txt 403 cdn-cache squid "/api/internal/: http_access deny, Squid's ERR_ACCESS_DENIED" "curl -si" -- -si $RSQ $SQ/api/internal/metrics
    cap $S squid-301-www-canonical.txt 301 cdn-cache squid "www host: http_access deny with deny_info 301 to the canonical host" "curl -si" -- -si --resolve www.api.oakhollow.test:60106:127.0.0.1 http://www.api.oakhollow.test:60106/api/quotes/1
    cap $S squid-413-body.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: Squid's ERR_TOO_BIG" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $SQ/api/quotes
    # pastes from the same server
    capbody body-only-paste body-squid-504-slow.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page (its title names the error, not a number)" "" -- $RSQ "$SQ/api/slow?from=dashboard"
    caphead headers-only-paste head-squid-200-quote1-hit.txt 200 cdn-cache squid "curl -sI on quote 1, stored in Squid's memory" "" -- $RSQ $SQ/api/quotes/1
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round104/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
