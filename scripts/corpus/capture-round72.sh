#!/usr/bin/env bash
# capture-round72.sh — build the seventy-second held-out evidence corpus in
# tests/fixtures/evidence-round72/.
#
# "Mainstream PHP, Java and Ruby, a new pairing": six app stacks from
# Debian's packages (as rounds 44 and 46 built them), each behind one
# mainstream front in a pairing earlier rounds did not use (see the README):
#   - Tomcat 10 (round 44's orders servlet, two routes added:
#     apps72/OrdersServlet.java) behind Caddy 2.6 (HTTP/1.1, TLS + HTTP/2);
#   - Jetty 9 (the same servlet, compiled for javax.servlet) behind Squid 5.7
#     as a reverse accelerator (a HIT, a 304);
#   - Rails 6.1 under Puma (round 49's blog, three routes added:
#     apps72/rails_app.ru, with the public/404, 422 and 500 pages `rails new`
#     makes) behind the same Squid, a second site (a HIT, a 304);
#   - Slim 3 on PHP-FPM 8.2 (round 46's app, two routes added, and a plain
#     PHP script next to it: apps72/slim/) behind HAProxy 2.6 speaking
#     FastCGI itself (fcgi-app; HTTP/1.1, h2c, TLS + HTTP/2);
#   - the same Slim pool behind Varnish 7.1 through nginx's FastCGI hop
#     (HITs, a 304, a grace copy, h2c);
#   - Sinatra 3 under Puma (round 55's app, apps55/sinatra.ru) behind Apache
#     2.4 mod_proxy_http (HTTP/1.1, h2c, TLS + HTTP/2): a repeated pairing.
# Each front puts its own request id on what it sends back, some answer
# API paths themselves (JSON 429 and 503), and each fails its stock ways
# (dead upstream, slow upstream, unknown Host, a header or body too large).
#
#   scripts/corpus/capture-round72.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round72.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round72.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60900-60999) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round72.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round72"
RUN=/tmp/api-triage-corpus72-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round72"
APPS="$HERE/apps72"
APPS55="$HERE/apps55"
VENV=${CORPUS_VENV72:-/tmp/api-triage-corpus72-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
HTTPIE="$VENV/bin/python"    # HTTPie from PyPI (run as `python -m httpie`: the venv was copied, its scripts' #! lines name the old path)
PYPI=(httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus72 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx haproxy varnish squid caddy python3-venv
    tomcat10 jetty9 openjdk-17-jdk-headless ruby-rails puma ruby-sinatra php8.2-fpm php-slim)
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

install_venv() {  # HTTPie, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import httpie" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round72.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS && -d $APPS55 ]] || die "missing $CONF or an apps folder"
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
command -v javac >/dev/null || die "javac is missing (openjdk-17-jdk-headless)"

# apps: Tomcat 60910 (Caddy 60980, TLS 60941), Jetty 60911 and Rails/Puma
# 60912 (Squid 60950, two sites), PHP-FPM/Slim 60913 (HAProxy 60982, h2c
# 60945, TLS 60946; nginx's FastCGI hop 60960 behind Varnish 60990),
# Sinatra/Puma 60915 (Apache 60981 with h2c, TLS 60947). 60999 is never
# listened on (the dead upstream every front has).
APP_PORTS=(60910 60911 60912 60913 60915)
FRONT_PORTS=(60980 60941 60950 60982 60945 60946 60960 60990 60981 60947)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 60999; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for Caddy, HAProxy and Apache ----------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Harbor/CN=orders.harbor.test" \
    -addext "subjectAltName=DNS:orders.harbor.test,DNS:shop.fernway.test,DNS:api.ledgerly.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
cat "$RUN/tls/cert.pem" "$RUN/tls/key.pem" >"$RUN/tls/haproxy.pem"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
TB=$RUN/tomcat
mkdir -p "$TB"/{conf,logs,temp,work,webapps/ROOT/WEB-INF/classes}
cp "$CONF/tomcat-server.xml" "$TB/conf/server.xml"
cp /etc/tomcat10/web.xml /etc/tomcat10/logging.properties /etc/tomcat10/catalina.properties "$TB/conf/"
cp "$APPS/tomcat/web.xml" "$TB/webapps/ROOT/WEB-INF/web.xml"
nice -n 15 timeout 300 javac -cp /usr/share/java/tomcat10-servlet-api.jar -d "$TB/webapps/ROOT/WEB-INF/classes" \
    "$APPS/OrdersServlet.java" >"$RUN/logs/javac-tomcat.log" 2>&1 || die "the servlet did not compile for Tomcat"
start_bg tomcat env CATALINA_HOME=/usr/share/tomcat10 CATALINA_BASE="$TB" CATALINA_TMPDIR="$TB/temp" \
    nice -n 5 /usr/share/tomcat10/bin/catalina.sh run

JB=$RUN/jetty
mkdir -p "$JB"/{logs,src,webapps/ROOT/WEB-INF/classes}
cp "$CONF/jetty-start.ini" "$JB/start.ini"
cp "$APPS/jetty/web.xml" "$JB/webapps/ROOT/WEB-INF/web.xml"
sed 's/jakarta\.servlet/javax.servlet/g' "$APPS/OrdersServlet.java" >"$JB/src/OrdersServlet.java"
nice -n 15 timeout 300 javac -cp /usr/share/jetty9/lib/servlet-api-3.1.jar -d "$JB/webapps/ROOT/WEB-INF/classes" \
    "$JB/src/OrdersServlet.java" >"$RUN/logs/javac-jetty.log" 2>&1 || die "the servlet did not compile for Jetty"
start_bg jetty nice -n 5 java -jar /usr/share/jetty9/start.jar jetty.home=/usr/share/jetty9 jetty.base="$JB"

mkdir -p "$RUN/rails/public"
cp "$APPS/rails_app.ru" "$RUN/rails/"
cp "$APPS"/rails_public/*.html "$RUN/rails/public/"
start_bg rails env RAILS_ENV=production RAILS_PUBLIC="$RUN/rails/public" nice -n 5 \
    puma -e production -t 2:8 -b tcp://127.0.0.1:60912 "$RUN/rails/rails_app.ru"
start_bg sinatra nice -n 5 puma -e production -t 2:8 -b tcp://127.0.0.1:60915 "$APPS55/sinatra.ru"

mkdir -p "$RUN/php-fpm" "$RUN/slim"
cp "$APPS"/slim/index.php "$APPS"/slim/status.php "$RUN/slim/"
render "$CONF/php-fpm.conf" "$RUN/php-fpm/slim.conf"
chown -R www-data: "$RUN/php-fpm" "$RUN/slim" 2>/dev/null || true
start_bg php-fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/slim.conf"
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
    wait_port 60981 apache && wait_port 60947 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60980 caddy && wait_port 60941 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 60982 haproxy && wait_port 60945 haproxy && wait_port 60946 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/nginx/tmp
render "$CONF/nginx-fastcgi.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60960 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

if up nginx; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/slim.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:60990 -T none -f "$RUN/varnish/slim.vcl" \
        -n "$RUN/varnish/slim" -s malloc,16m -p feature=+http2
    wait_port 60990 varnish && UP[varnish]=1
fi

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus72 -f "$RUN/squid/squid.conf"
wait_port 60950 squid && UP[squid]=1
sleep 1.5

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60900 || p > 60999) print}')
[[ -z $NEWPORTS ]] || die "a server listens outside 60900-60999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 72 (held out): real responses captured by
# scripts/corpus/capture-round72.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-71:
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

OH=orders.harbor.test SH=stock.harbor.test BH=blog.quill.test FH=shop.fernway.test VH=catalog.fernway.test LH=api.ledgerly.test
CD=http://$OH:60980 CDS=https://$OH:60941 SQ=http://$SH:60950 BQ=http://$BH:60950
HA=http://$FH:60982 HA2=http://$FH:60945 HAS=https://$FH:60946 VN=http://$VH:60990
AP=http://$LH:60981 APS=https://$LH:60947
# one --resolve per front keeps the transcripts short
RCD="--resolve $OH:60980:127.0.0.1" RCDS="--resolve $OH:60941:127.0.0.1" RSQ="--resolve $SH:60950:127.0.0.1"
RBQ="--resolve $BH:60950:127.0.0.1" RHA="--resolve $FH:60982:127.0.0.1" RHA2="--resolve $FH:60945:127.0.0.1"
RHAS="--resolve $FH:60946:127.0.0.1" RVN="--resolve $VH:60990:127.0.0.1" RAP="--resolve $LH:60981:127.0.0.1"
RAPS="--resolve $LH:60947:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
ACCJ=(-H 'Accept: application/json')
BIGH="X-Trace-Context: $(printf 't%.0s' $(seq 1 1500))"
BIGH8="X-Trace-Context: $(printf 't%.0s' $(seq 1 8000))"
BIGBODY=$(printf '{"sku":"A-1","qty":2,"note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")
ORDER='{"sku":"A-1","qty":2}' BADQ='{"sku":"A-1","qty":0}'

# ===================================================== Caddy -> Tomcat 10 ==
if up caddy; then
    log "capturing: Tomcat 10 behind Caddy"
    S=tomcat-caddy
    cap $S tomcat-200-order-caddy.txt 200 app tomcat "order 1 through Caddy" "X-Request-ID from Caddy, Server: Caddy" -- -sv $RCD $CD/api/orders/1
    cap $S tomcat-200-order-caddy-h2.txt 200 app tomcat "HTTP/2 over TLS: order 1" "" -- -sv -k $RCDS $CDS/api/orders/1
    caphttp $S tomcat-401-reports-caddy-httpie.txt 401 app tomcat "HTTPie, no token: the servlet's JSON 401 with WWW-Authenticate Bearer" "HTTPie with colours" -- -v GET http://127.0.0.1:60980/api/admin/reports Host:$OH:60980
    capraw $S tomcat-201-post-caddy-h2.txt 201 app tomcat "HTTP/2 over TLS: a valid POST, the servlet's JSON 201 with Location" "curl -si saved to a file (CRs kept)" -- -si -k $RCDS "${JSONH[@]}" -d "$ORDER" $CDS/api/orders
    caplt $S tomcat-409-cancel-caddy.txt 409 app tomcat "cancel a shipped order: the servlet's JSON 409" "curl -sv, only the < lines kept" -- -sv $RCD -X POST $CD/api/orders/1/cancel
    cap $S tomcat-422-post-caddy.txt 422 app tomcat "POST with qty 0: the servlet's JSON 422" "curl -si" -- -si $RCD "${JSONH[@]}" -d "$BADQ" $CD/api/orders
    capcut $S tomcat-400-order-id-caddy.txt 400 app tomcat "an order id that is not a number: the servlet's JSON 400" "curl -si, body cut off after the headers" -- -si $RCD $CD/api/orders/abc
    cap $S tomcat-403-senderror-caddy.txt 403 app tomcat "sendError(403, msg) on /api/exports (no trailing part, Caddy's /api/exports/* does not match): Tomcat's report page" "" -- -sv $RCD $CD/api/exports
    cap $S tomcat-404-senderror-caddy-h2.txt 404 app tomcat "HTTP/2 over TLS: sendError(404, \"Order 9 not found\"), Tomcat's report page" "curl -si" -- -si -k $RCDS $CDS/api/orders/9
    cap $S tomcat-405-delete-caddy.txt 405 app tomcat "DELETE on a servlet without doDelete: HttpServlet's 405, Tomcat's report page" "curl -si" -- -si $RCD -X DELETE $CD/api/orders/1
    cap $S tomcat-500-boom-caddy.txt 500 app tomcat "an uncaught IllegalStateException: the stock ErrorReportValve page with the trace" "" -- -sv $RCD $CD/api/boom
    capwin $S tomcat-503-maintenance-caddy.txt 503 app tomcat "the servlet's JSON 503 with Retry-After" "curl -si pasted with CRLF" -- -si $RCD $CD/api/maintenance
    cap $S tomcat-502-payments-html-caddy.txt 502 app tomcat "the app's own HTML 502 page, passed on" "curl -si" -- -si $RCD $CD/api/payments
    cap $S tomcat-503-statements-html-caddy-h2.txt 503 app tomcat "HTTP/2 over TLS: the app's own HTML 503 page, passed on" "" -- -sv -k $RCDS $CDS/api/statements
    cap $S caddy-429-exports-json-h2.txt 429 proxy caddy "HTTP/2 over TLS: /api/exports/*, Caddy's respond with a JSON 429" "curl -si" -- -si -k $RCDS $CDS/api/exports/daily
    caplt $S caddy-503-refunds-json.txt 503 proxy caddy "/api/refunds/*: Caddy's respond with a JSON 503" "curl -sv, only the < lines kept" -- -sv $RCD $CD/api/refunds/42
    cap $S caddy-504-slow-empty-h2.txt 504 proxy caddy "HTTP/2 over TLS: the servlet waits 5 s, response_header_timeout 3s: Caddy's 504, empty body" "" -- -sv -k $RCDS $CDS/api/slow
    capwget $S caddy-502-legacy-empty-wget.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, empty body" "wget -S -O-" -- --header="Host: $OH:60980" http://127.0.0.1:60980/legacy/orders/1
    cap $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB: the 431 Caddy's Go server writes" "curl -si" -- -si $RCD -H "$BIGH8" $CD/api/orders/1
    cap $S caddy-421-unknown-host-empty.txt 421 proxy caddy "a Host that is not ours: the catch-all site's respond 421, empty body" "" -- -sv -H "Host: admin.harbor.test:60980" http://127.0.0.1:60980/api/orders/1
    capraw $S caddy-502-legacy-empty-h2.txt 502 proxy caddy "HTTP/2 over TLS: /legacy/* to a port nobody listens on, Caddy's empty 502" "curl -si saved to a file (CRs kept)" -- -si -k $RCDS $CDS/legacy/orders/1
    caphttp $S caddy-429-exports-json-httpie.txt 429 proxy caddy "HTTPie: /api/exports/*, Caddy's JSON 429" "HTTPie with colours" -- -v GET http://127.0.0.1:60980/api/exports/weekly Host:$OH:60980
fi

# ======================================================= Squid -> Jetty 9 ==
if up squid; then
    log "capturing: Jetty 9 behind Squid"
    S=jetty-squid
    cap $S jetty-200-catalog-squid-miss.txt 200 app jetty "the cacheable catalog, first request: a MISS" "Via, X-Cache: MISS, Squid's X-Request-ID" -- -sv $RSQ $SQ/api/catalog
    # Relabelled after the first run (see the README): Squid stores Jetty's
    # catalog but finds it stale at once (X-Cache-Lookup: HIT, X-Cache: MISS)
    # and fetches it again, so these two are Jetty's answers passed on.
    cap $S jetty-200-catalog-squid-refetch.txt 200 app jetty "the catalog again: Squid holds a copy but refetches it (X-Cache-Lookup HIT, X-Cache MISS), Jetty's answer" "curl -si" -- -si $RSQ $SQ/api/catalog
    capraw $S jetty-200-catalog-if-none-match-squid.txt 200 app jetty "If-None-Match with the ETag: Squid refetches, the servlet ignores the validator and answers 200" "curl -si saved to a file (CRs kept)" -- -si $RSQ -H 'If-None-Match: "catalog-v7"' $SQ/api/catalog
    cap $S jetty-200-order-squid.txt 200 app jetty "order 1 (no cache headers): passed on with Via" "curl -si" -- -si $RSQ $SQ/api/orders/1
    caphttp $S jetty-401-reports-squid-httpie.txt 401 app jetty "HTTPie, no token: the servlet's JSON 401, Via added by Squid" "HTTPie with colours" -- -v GET http://127.0.0.1:60950/api/admin/reports Host:$SH
    capcut $S jetty-422-post-squid.txt 422 app jetty "POST with qty 0: the servlet's JSON 422" "curl -si, body cut off after the headers" -- -si $RSQ "${JSONH[@]}" -d "$BADQ" $SQ/api/orders
    cap $S jetty-409-cancel-squid.txt 409 app jetty "cancel a shipped order: the servlet's JSON 409" "" -- -sv $RSQ -X POST $SQ/api/orders/1/cancel
    cap $S jetty-429-search-squid.txt 429 app jetty "the servlet's own JSON 429 with Retry-After" "curl -si" -- -si $RSQ "$SQ/api/search?q=boots"
    cap $S jetty-404-senderror-squid.txt 404 app jetty "sendError(404, msg): Jetty's 'HTTP ERROR 404 Order 9 not found' page" "" -- -sv $RSQ $SQ/api/orders/9
    caplt $S jetty-405-delete-squid.txt 405 app jetty "DELETE on a servlet without doDelete: HttpServlet's 405, Jetty's page" "curl -sv, only the < lines kept" -- -sv $RSQ -X DELETE $SQ/api/orders/1
    cap $S jetty-500-boom-squid.txt 500 app jetty "an uncaught IllegalStateException: Jetty's 'HTTP ERROR 500' page with the stack" "curl -si" -- -si $RSQ $SQ/api/boom
    capwin $S jetty-503-quote-senderror-squid.txt 503 app jetty "sendError(503, msg): Jetty's 'HTTP ERROR 503' page" "curl -si pasted with CRLF" -- -si $RSQ $SQ/api/quote
    cap $S jetty-503-statements-html-squid.txt 503 app jetty "the app's own HTML 503 page, passed on with Via" "" -- -sv $RSQ $SQ/api/statements
    cap $S squid-504-slow-jetty.txt 504 cdn-cache squid "the servlet waits 5 s, read_timeout 3 seconds: ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/slow
    capwget $S squid-502-legacy-down-wget.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page" "wget -S -O-" -- --header="Host: $SH" http://127.0.0.1:60950/legacy/orders/1
    capcut $S squid-403-unknown-host.txt 403 cdn-cache squid "a Host that is not ours: ERR_ACCESS_DENIED" "curl -si, body cut off after the headers" -- -si -H "Host: admin.harbor.test" http://127.0.0.1:60950/api/orders/1
    cap $S squid-413-body-jetty.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "" -- -sv $RSQ -X POST "${JSONH[@]}" -d "$BIGBODY" $SQ/api/orders
    cap $S squid-431-header-too-large.txt 431 cdn-cache squid "an 8 KB header, request_header_max_size 2 KB: Squid's 431 page" "curl -si" -- -si $RSQ -H "$BIGH8" $SQ/api/orders/1
fi

# ================================================= Squid -> Rails on Puma ==
if up squid; then
    log "capturing: Rails under Puma behind Squid"
    S=rails-puma-squid
    cap $S rails-200-feed-squid-miss.txt 200 app rails "the cacheable feed (expires_in 60, public), first request: a MISS" "Via, X-Cache: MISS" -- -sv $RBQ $BQ/api/feed
    cap $S squid-200-feed-hit-rails.txt 200 cdn-cache squid "the feed again: from Squid's memory cache" "curl -si; X-Cache: HIT, Age" -- -si $RBQ $BQ/api/feed
    ETAG=$(grep -ai '^etag:' "$STAGE/squid-200-feed-hit-rails.txt" | head -1 | sed 's/^[^:]*: *//' | tr -d '\r')
    caplt $S squid-304-feed-if-none-match-rails.txt 304 cdn-cache squid "If-None-Match with the stored (weak) ETag: Squid's own 304" "curl -sv, only the < lines kept" -- -sv $RBQ -H "If-None-Match: $ETAG" $BQ/api/feed
    cap $S rails-200-article-squid.txt 200 app rails "article 1: the controller's JSON" "" -- -sv $RBQ $BQ/api/articles/1
    cap $S rails-404-article-squid.txt 404 app rails "article 7: the controller's JSON 404" "curl -si" -- -si $RBQ $BQ/api/articles/7
    capraw $S rails-422-post-squid.txt 422 app rails "POST without a title: the controller's JSON 422 (ActiveModel-style errors)" "curl -si saved to a file (CRs kept)" -- -si $RBQ "${JSONH[@]}" -d '{"article":{"title":"","body":"short"}}' $BQ/api/articles
    cap $S rails-409-publish-squid.txt 409 app rails "publish an article already published: the controller's JSON 409" "curl -si" -- -si $RBQ -X POST $BQ/api/articles/1/publish
    caphttp $S rails-401-drafts-squid-httpie.txt 401 app rails "HTTPie: the controller's JSON 401 with WWW-Authenticate Token" "HTTPie with colours" -- -v GET http://127.0.0.1:60950/api/drafts Host:$BH
    cap $S rails-403-admin-squid.txt 403 app rails "the controller's JSON 403" "" -- -sv $RBQ $BQ/api/admin
    cap $S rails-400-bad-json-squid.txt 400 app rails "a body that is not JSON, Accept: application/json: Rails' PublicExceptions JSON 400" "curl -si" -- -si $RBQ "${JSONH[@]}" "${ACCJ[@]}" -d '{"article":' $BQ/api/articles
    capwin $S rails-404-routing-html-squid.txt 404 app rails "article 7 as a page: RoutingError, the public/404.html rails new makes" "curl -si pasted with CRLF" -- -si $RBQ $BQ/articles/7
    cap $S rails-422-csrf-html-squid.txt 422 app rails "a form POST without the CSRF token: InvalidAuthenticityToken, public/422.html" "" -- -sv $RBQ -d 'article[title]=Hi' $BQ/articles
    cap $S rails-500-comments-html-squid.txt 500 app rails "a NameError in production: public/500.html" "curl -si" -- -si $RBQ $BQ/articles/1/comments
    cap $S rails-500-comments-json-squid.txt 500 app rails "the same NameError, Accept: application/json: {\"status\":500,\"error\":\"Internal Server Error\"}" "" -- -sv $RBQ "${ACCJ[@]}" $BQ/articles/1/comments
    capcut $S rails-503-maintenance-squid.txt 503 app rails "the controller's own JSON 503 with Retry-After" "curl -si, body cut off after the headers" -- -si $RBQ $BQ/api/maintenance
    cap $S rails-502-payments-html-squid.txt 502 app rails "the app's own HTML 502 page, passed on with Via" "curl -si" -- -si $RBQ $BQ/api/payments
    cap $S squid-504-slow-rails.txt 504 cdn-cache squid "the action sleeps 5 s, read_timeout 3 seconds: ERR_READ_TIMEOUT" "" -- -sv $RBQ $BQ/api/slow
    cap $S squid-403-internal-rails.txt 403 cdn-cache squid "/internal/ denied: ERR_ACCESS_DENIED" "curl -si" -- -si $RBQ $BQ/internal/metrics
    capcut $S squid-413-body-rails.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "curl -si, body cut off after the headers" -- -si $RBQ -X POST "${JSONH[@]}" -d "$BIGBODY" $BQ/api/articles
    capwget $S squid-200-feed-hit-wget.txt 200 cdn-cache squid "the feed once more: from Squid's memory cache" "wget -S -O-" -- --header="Host: $BH:60950" http://127.0.0.1:60950/api/feed
fi

# ====================================== HAProxy (fcgi-app) -> Slim on PHP-FPM ==
if up haproxy; then
    log "capturing: Slim on PHP-FPM behind HAProxy's FastCGI"
    S=slim-fpm-haproxy
    cap $S slim-200-order-haproxy.txt 200 app slim "order 1 through HAProxy" "X-Request-ID set by HAProxy, X-Powered-By from PHP" -- -sv $RHA $HA/api/orders/1
    cap $S slim-200-order-haproxy-h2.txt 200 app slim "HTTP/2 over TLS (ALPN h2): order 1" "" -- -sv -k $RHAS $HAS/api/orders/1
    # Relabelled after the first run (see the README): labelled 201 (Slim's
    # withJson(..., 201)), HAProxy's FastCGI answer carried 302 (PHP's status
    # for a Location header); nginx's FastCGI hop gives 201 for the same request.
    capraw $S slim-302-post-haproxy-h2.txt 302 app slim "HTTP/2 over TLS: a valid order, withJson(..., 201) with a Location; through HAProxy's FastCGI the status is 302 (PHP's for a Location header)" "curl -si saved to a file (CRs kept)" -- -si -k $RHAS "${JSONH[@]}" -d "$ORDER" $HAS/api/orders
    caphttp $S slim-401-reports-haproxy-httpie.txt 401 app slim "HTTPie over TLS (--verify=no), no token: the route's JSON 401" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:60946/api/admin/reports Host:$FH
    caplt $S slim-422-post-haproxy.txt 422 app slim "qty 0: the route's JSON 422" "curl -sv, only the < lines kept" -- -sv $RHA "${JSONH[@]}" -d "$BADQ" $HA/api/orders
    cap $S slim-409-cancel-haproxy.txt 409 app slim "cancel a shipped order: the route's JSON 409" "curl -si" -- -si $RHA -X POST $HA/api/orders/1/cancel
    cap $S slim-400-bad-json-haproxy.txt 400 app slim "a body that is not JSON: the route's JSON 400" "" -- -sv $RHA "${JSONH[@]}" -d '{"sku":' $HA/api/orders
    capcut $S slim-404-order-haproxy.txt 404 app slim "order 7: the route's JSON 404" "curl -si, body cut off after the headers" -- -si $RHA $HA/api/orders/7
    cap $S slim-404-page-not-found-haproxy.txt 404 app slim "no route: Slim's HTML 'Page Not Found'" "curl -si" -- -si $RHA $HA/api/v2/orders
    cap $S slim-404-json-haproxy-h2c.txt 404 app slim "HTTP/2 (h2c), no route, Accept: application/json: Slim's {\"message\":\"Not found\"}" "" -- -sv --http2-prior-knowledge $RHA2 "${ACCJ[@]}" $HA2/api/v2/orders
    cap $S slim-405-delete-haproxy.txt 405 app slim "DELETE on a GET route: Slim's 'Method not allowed' page with Allow" "curl -si" -- -si $RHA -X DELETE $HA/api/orders/1
    cap $S slim-500-boom-haproxy-h2.txt 500 app slim "HTTP/2 over TLS, a call on null, displayErrorDetails off: 'Slim Application Error'" "" -- -sv -k $RHAS $HAS/api/boom
    capwin $S php-500-status-fatal-haproxy.txt 500 app php "status.php, a plain script next to Slim, calls a function that does not exist: PHP's fatal-error 500 with an empty body" "curl -si pasted with CRLF" -- -si $RHA $HA/status.php
    cap $S slim-502-payments-html-haproxy.txt 502 app slim "the app's own HTML 502 page, passed on" "curl -si" -- -si $RHA $HA/api/payments
    cap $S slim-503-maintenance-haproxy.txt 503 app slim "the route's own JSON 503 with Retry-After" "" -- -sv $RHA $HA/api/maintenance
    cap $S haproxy-429-exports-json-h2.txt 429 load-balancer haproxy "HTTP/2 over TLS: /api/exports/, http-request return with a JSON 429" "curl -si" -- -si -k $RHAS $HAS/api/exports/daily
    caplt $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: http-request return with a JSON 503" "curl -sv, only the < lines kept" -- -sv $RHA $HA/api/refunds/42
    cap $S haproxy-503-beta-empty-h2c.txt 503 load-balancer haproxy "HTTP/2 (h2c): /api/beta/, http-request return status 503 with no body" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/beta/labels
    cap $S haproxy-504-slow-h2.txt 504 load-balancer haproxy "HTTP/2 over TLS: the route sleeps 5 s, timeout server 3s: HAProxy's 504 page" "" -- -sv -k $RHAS $HAS/api/slow
    capwget $S haproxy-503-legacy-down-wget-tls.txt 503 load-balancer haproxy "over TLS (--no-check-certificate): /legacy/, the only server is down by its check, HAProxy's 503 page" "wget -S -O-" -- --no-check-certificate --header="Host: $FH" https://127.0.0.1:60946/legacy/orders/1
    capcut $S haproxy-404-unknown-host.txt 404 load-balancer haproxy "the bare IP as Host: deny_status 404, HAProxy's stock 404 page" "curl -si, body cut off after the headers" -- -si http://127.0.0.1:60982/api/orders/1
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "/internal/ denied: HAProxy's stock 403 page" "curl -si" -- -si $RHA $HA/internal/status
    cap $S haproxy-400-header-too-large.txt 400 load-balancer haproxy "a 20 KB header, more than the 16 KB buffer: HAProxy's stock 400 page" "" -- -sv $RHA -H "X-Trace-Context: $(printf 't%.0s' $(seq 1 20000))" $HA/api/orders/1
fi

# ============================= Varnish -> nginx (FastCGI) -> Slim on PHP-FPM ==
if up varnish; then
    log "capturing: Slim on PHP-FPM behind Varnish (nginx as the FastCGI hop)"
    S=slim-nginx-varnish
    cap $S slim-200-catalog-varnish-miss.txt 200 app slim "the cacheable catalog, first request: a MISS" "X-Cache: MISS, Via: varnish, Server: nginx from the FastCGI hop" -- -sv $RVN $VN/api/catalog
    cap $S varnish-200-catalog-hit.txt 200 cdn-cache varnish "the catalog again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $RVN $VN/api/catalog
    caplt $S varnish-304-catalog-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "curl -sv, only the < lines kept" -- -sv $RVN -H 'If-None-Match: "catalog-v7"' $VN/api/catalog
    cap $S varnish-200-catalog-hit-h2c.txt 200 cdn-cache varnish "HTTP/2 (h2c): the catalog from Varnish's store" "X-Cache: HIT" -- -sv --http2-prior-knowledge $RVN $VN/api/catalog
    quiet $RVN $VN/api/orders/1
    sleep 2.5
    cap $S varnish-200-order-grace.txt 200 cdn-cache varnish "order 1 past its 1 s ttl, inside grace: the stale copy, fetched again behind it" "curl -si; X-Cache: HIT-STALE" -- -si $RVN $VN/api/orders/1
    caphttp $S slim-401-reports-varnish-httpie.txt 401 app slim "HTTPie, no token: the route's JSON 401, Via added by Varnish" "HTTPie with colours" -- -v GET http://127.0.0.1:60990/api/admin/reports Host:$VH
    cap $S slim-201-post-varnish.txt 201 app slim "POST (passed) a valid order: withJson(..., 201) with a Location, through nginx's FastCGI hop" "curl -si" -- -si $RVN "${JSONH[@]}" -d "$ORDER" $VN/api/orders
    capraw $S slim-409-cancel-varnish.txt 409 app slim "cancel (passed): the route's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RVN -X POST $VN/api/orders/1/cancel
    cap $S slim-429-search-varnish.txt 429 app slim "the route's own JSON 429 with Retry-After, next to Varnish's" "" -- -sv $RVN $VN/api/search
    capcut $S slim-502-payments-html-varnish.txt 502 app slim "the app's own HTML 502 page, passed on with Via" "curl -si, body cut off after the headers" -- -si $RVN $VN/api/payments
    cap $S slim-500-boom-varnish.txt 500 app slim "a call on null: 'Slim Application Error', passed on" "curl -si" -- -si $RVN $VN/api/boom
    cap $S slim-405-delete-varnish.txt 405 app slim "DELETE (passed) on a GET route: Slim's 'Method not allowed'" "" -- -sv $RVN -X DELETE $VN/api/orders/1
    cap $S varnish-429-exports-synth.txt 429 cdn-cache varnish "/api/exports/: synth(429) with a JSON body" "curl -si" -- -si $RVN $VN/api/exports/daily
    capwin $S varnish-503-refunds-synth.txt 503 cdn-cache varnish "/api/refunds/: synth(503) with a JSON maintenance body" "curl -si pasted with CRLF" -- -si $RVN $VN/api/refunds/42
    caplt $S varnish-503-beta-empty-h2c.txt 503 cdn-cache varnish "HTTP/2 (h2c): /api/beta/, a synth 503 delivered with no body" "curl -sv, only the < lines kept" -- -sv --http2-prior-knowledge $RVN $VN/api/beta/labels
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the route sleeps 5 s, first_byte_timeout 3s: 'Backend fetch failed'" "" -- -sv $RVN $VN/api/slow
    capwget $S varnish-503-legacy-down-wget.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed'" "wget -S -O-" -- --header="Host: $VH" http://127.0.0.1:60990/legacy/orders/1
    cap $S varnish-404-unknown-host.txt 404 cdn-cache varnish "a Host that is not ours: synth(404), the builtin page" "curl -si" -- -si -H "Host: shop.fernway.test" http://127.0.0.1:60990/api/orders/1
    caphttp $S varnish-200-catalog-hit-httpie.txt 200 cdn-cache varnish "HTTPie: the catalog from Varnish's store" "HTTPie with colours; X-Cache: HIT" -- -v GET http://127.0.0.1:60990/api/catalog Host:$VH:60990
fi

# ================================================= Apache -> Sinatra on Puma ==
if up apache; then
    log "capturing: Sinatra under Puma behind Apache"
    S=sinatra-puma-apache
    cap $S sinatra-200-invoice-apache.txt 200 app sinatra "invoice 1 through Apache" "Via from ProxyVia, X-Request-Id from mod_unique_id" -- -sv $RAP $AP/api/invoices/1
    cap $S sinatra-200-invoice-apache-h2.txt 200 app sinatra "HTTP/2 over TLS (mod_ssl + mod_http2): invoice 1" "" -- -sv -k $RAPS $APS/api/invoices/1
    caphttp $S sinatra-401-account-apache-httpie.txt 401 app sinatra "HTTPie, no token: the route's JSON 401, Via added" "HTTPie with colours" -- -v GET http://127.0.0.1:60981/api/account Host:$LH
    caplt $S sinatra-422-post-apache.txt 422 app sinatra "POST without ref: the route's JSON 422" "curl -sv, only the < lines kept" -- -sv $RAP -X POST "${JSONH[@]}" -d '{"total":2}' $AP/api/invoices
    capraw $S sinatra-409-post-apache-h2.txt 409 app sinatra "HTTP/2 over TLS: POST of an existing ref, the route's JSON 409" "curl -si saved to a file (CRs kept)" -- -si -k $RAPS -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $APS/api/invoices
    cap $S sinatra-403-admin-apache.txt 403 app sinatra "the route's JSON 403" "curl -si" -- -si $RAP $AP/api/admin
    capcut $S sinatra-404-invoice-apache.txt 404 app sinatra "invoice 9: the route's JSON 404" "curl -si, body cut off after the headers" -- -si $RAP $AP/api/invoices/9
    capwin $S sinatra-503-statements-html-apache.txt 503 app sinatra "the app's own HTML 503 page, passed on with Via" "curl -si pasted with CRLF" -- -si $RAP $AP/api/statements
    cap $S sinatra-504-bank-html-apache.txt 504 app sinatra "the app's own HTML 504 page, passed on with Via" "" -- -sv $RAP $AP/api/bank
    cap $S sinatra-500-boom-apache-h2c.txt 500 app sinatra "HTTP/2 (h2c): a ZeroDivisionError in production, Sinatra's 'Internal Server Error'" "curl -si" -- -si --http2-prior-knowledge $RAP $AP/api/boom
    cap $S sinatra-404-route-apache.txt 404 app sinatra "no route in production: Sinatra's 'Not Found' page" "" -- -sv $RAP $AP/api/v2/invoices
    cap $S apache-429-exports-json-h2.txt 429 proxy apache "HTTP/2 over TLS: /api/exports/, mod_rewrite R=429 with a JSON ErrorDocument" "curl -si" -- -si -k $RAPS $APS/api/exports/daily
    capwin $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: mod_rewrite R=503 with a JSON ErrorDocument" "curl -si pasted with CRLF" -- -si $RAP $AP/api/refunds/42
    cap $S apache-502-slow-h2.txt 502 proxy apache "HTTP/2 over TLS: the route sleeps 5 s, ProxyTimeout 3: Apache's 'Proxy Error' page" "" -- -sv -k $RAPS $APS/api/slow
    capwget $S apache-503-legacy-down-wget.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503 page" "wget -S -O-" -- --header="Host: $LH" http://127.0.0.1:60981/legacy/invoices/1
    caplt $S apache-404-unknown-host.txt 404 proxy apache "the bare IP as Host: the first virtual host, an empty folder: Apache's 404 page" "curl -sv, only the < lines kept" -- -sv http://127.0.0.1:60981/api/invoices/1
    cap $S apache-400-header-too-large.txt 400 proxy apache "a 1.5 KB header, LimitRequestFieldSize 1024: Apache's 400 page" "" -- -sv $RAP -H "$BIGH" $AP/api/invoices/1
    capcut $S apache-405-trace.txt 405 proxy apache "TRACE with TraceEnable Off: Apache's 405 page" "curl -si, body cut off after the headers" -- -si $RAP -X TRACE $AP/api/invoices/1
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up caddy && capbody $S body-tomcat-500-boom-report.txt 500/500 app tomcat "Tomcat's ErrorReportValve page for an uncaught exception, through Caddy" "" -- -k $RCDS $CDS/api/boom
up caddy && capbody $S body-caddy-429-exports-json.txt 0/429 proxy caddy "Caddy's respond JSON 429, no status number in it" "" -- $RCD $CD/api/exports/monthly
up squid && capbody $S body-jetty-404-senderror.txt 404/404 app jetty "Jetty's 'HTTP ERROR 404' page, through Squid" "" -- $RSQ $SQ/api/orders/9
up squid && capbody $S body-squid-504-slow.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page (its title names the error, not a number)" "" -- $RBQ "$BQ/api/slow?from=dashboard"
up squid && capbody $S body-rails-500-json.txt 500/500 app rails "Rails' PublicExceptions JSON 500 ({\"status\":500,...})" "" -- $RBQ "${ACCJ[@]}" $BQ/articles/2/comments
up haproxy && capbody $S body-haproxy-504-slow.txt 504/504 load-balancer haproxy "HAProxy's 504 page" "" -- $RHA "$HA/api/slow?from=dashboard"
up haproxy && capbody $S body-slim-500-application-error.txt 0/500 app slim "'Slim Application Error' page, no status number in it" "" -- -k $RHAS $HAS/api/boom
up varnish && capbody $S body-varnish-503-backend-fetch.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page" "" -- $RVN $VN/legacy/orders/3
up apache && capbody $S body-apache-502-proxy-error.txt 502/502 proxy apache "Apache's 'Proxy Error' page" "" -- $RAP "$AP/api/slow?from=dashboard"
up apache && capbody $S body-sinatra-503-maintenance.txt 0/503 app sinatra "Sinatra's JSON 503 (maintenance) from the route, no status number in it" "" -- $RAP $AP/api/maintenance

# ================================================ headers-only pastes ==
S=headers-only-paste
up caddy && caphead $S head-caddy-503-refunds.txt 503 proxy caddy "curl -sI on /api/refunds/*: Caddy's respond 503" "" -- $RCD $CD/api/refunds/7
up caddy && caphead $S head-tomcat-404-senderror-h2.txt 404 app tomcat "curl -sI over TLS + HTTP/2: sendError(404), Tomcat's report page (HEAD: headers only)" "" -- -k $RCDS $CDS/api/orders/9
up squid && caphead $S head-squid-200-feed-hit.txt 200 cdn-cache squid "curl -sI on Rails' feed, stored in Squid's memory" "X-Cache: HIT" -- $RBQ $BQ/api/feed
up haproxy && caphead $S head-haproxy-429-exports.txt 429 load-balancer haproxy "curl -sI on /api/exports/: HAProxy's JSON 429 headers" "" -- $RHA $HA/api/exports/daily
up varnish && caphead $S head-varnish-200-catalog-hit.txt 200 cdn-cache varnish "curl -sI on the catalog, stored" "X-Cache: HIT" -- $RVN $VN/api/catalog
up apache && caphead $S head-apache-503-refunds-h2.txt 503 proxy apache "curl -sI over TLS on /api/refunds/: Apache's R=503" "" -- -k $RAPS $APS/api/refunds/7

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in apache caddy haproxy nginx varnish squid; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round72/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
