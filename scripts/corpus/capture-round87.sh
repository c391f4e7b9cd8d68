#!/usr/bin/env bash
# capture-round87.sh — build the eighty-seventh held-out evidence corpus in
# tests/fixtures/evidence-round87/.
#
# "Mainstream PHP and Java behind the fronts, a second look": six
# mainstream front + app pairings (none of them round 72's), each front
# configured the way teams run it in production (round 86's configs, ports
# moved into 55000-55499, in scripts/corpus/conf-round87/):
#   - a plain PHP orders API (apps87/plain/api.php) under PHP-FPM 8.2 behind
#     nginx 1.22 (fastcgi_pass; plain HTTP that redirects, TLS + HTTP/2);
#   - Slim 3.12 (apps72/slim/index.php) under the same PHP-FPM behind
#     Apache 2.4 (mod_proxy_fcgi; plain HTTP that redirects, TLS + HTTP/2);
#   - the same Slim app behind Caddy 2.6 (php_fastcgi);
#   - Tomcat 10.1 (round 72's servlet, apps72/OrdersServlet.java) behind
#     HAProxy 2.6;
#   - Jetty 9.4 (the same servlet) behind Varnish 7.1 (plain HTTP);
#   - the plain PHP API under PHP's built-in server (`php -S`) behind Squid
#     5.7 (an accelerator).
# The apps answer their own routes (2xx and their own 4xx/5xx, in their own
# formats); the fronts answer many requests themselves: branded error pages,
# intercepted app errors (/web/), PHP-FPM down (a pool nobody runs), slow
# answers (timeouts), limits and rules, request ids, cache HITs/304s.
# Paste forms: curl -skv --http2 / curl -sk --http1.1 -i / curl -sv / -si
# transcripts (some saved with their CRs, some with CRLF on every line, some
# with only the `<` lines of -v kept, some cut off after the headers), HTTPie
# with colours, wget -S -O-, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round87.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round87.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round87.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 55000-55499) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Labels are written by finish_round87.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the
# one on the wire.
set -u -o pipefail



HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round87"
RUN=/tmp/api-triage-corpus87-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round87"
APPS72="$HERE/apps72"
APPS87="$HERE/apps87"
VENV=${CORPUS_VENV87:-/tmp/api-triage-corpus87-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus87 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx caddy haproxy varnish squid python3-venv
    php8.2-fpm php8.2-cli php-slim tomcat10 jetty9 openjdk-17-jdk-headless)
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

install_venv() {  # HTTPie (a copy of round 86's venv), from PyPI when missing
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
# only ours are checked against 127.0.0.1 and 55000-55499) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round87.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS72 && -d $APPS87 ]] || die "missing $CONF or an apps folder"
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
for p in nginx apache2 caddy haproxy varnish squid php8.2-fpm php8.2-cli php-slim tomcat10 jetty9; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
command -v javac >/dev/null || die "javac is missing (openjdk-17-jdk-headless)"

# apps: PHP-FPM 55011 (the plain API and Slim), Tomcat 55012, Jetty 55013,
# PHP's built-in server 55014. Fronts: nginx 55101 (plain) + 55401 (TLS),
# Apache 55102 + 55402, Caddy 55103 + 55403, HAProxy 55104 + 55404, Varnish
# 55455, Squid 55456. 55499 is never listened on (the dead upstream: the
# "reports" PHP-FPM pool nobody runs, HAProxy's legacy server, Varnish's and
# Squid's legacy peer).
APP_PORTS=(55011 55012 55013 55014)
FRONT_PORTS=(55101 55102 55103 55104 55401 55402 55403 55404 55455 55456)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 55499; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for every front ---------------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=On-call lab/CN=api.pinecrest.test" \
    -addext "subjectAltName=DNS:api.pinecrest.test,DNS:www.api.pinecrest.test,DNS:api.quarrydale.test,DNS:www.api.quarrydale.test,DNS:api.ferncliff.test,DNS:www.api.ferncliff.test,DNS:api.harrowgate.test,DNS:www.api.harrowgate.test,IP:127.0.0.1" \
    >"$RUN/logs/openssl.log" 2>&1 || die "openssl could not make the cert"
cat "$RUN/tls/cert.pem" "$RUN/tls/key.pem" >"$RUN/tls/combined.pem"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
# PHP: the plain API (as index.php) and Slim, each with the /web/ shim
mkdir -p "$RUN"/{php-fpm,plain,slim,marlow}
cp "$APPS87/plain/api.php" "$RUN/plain/index.php"
cp "$APPS87/web-shim.php" "$RUN/plain/web.php"
cp "$APPS72/slim/index.php" "$APPS72/slim/status.php" "$RUN/slim/"
cp "$APPS87/web-shim.php" "$RUN/slim/web.php"
cp "$APPS87/plain/api.php" "$RUN/marlow/api.php"
render "$CONF/php-fpm.conf" "$RUN/php-fpm/fpm.conf"
chown -R www-data: "$RUN/php-fpm" "$RUN/plain" "$RUN/slim" 2>/dev/null || true
start_bg php-fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/fpm.conf"
start_bg php-builtin env REPLICA=marlow-php-1 PHP_CLI_SERVER_WORKERS=4 nice -n 5 php -d display_errors=0 -d log_errors=1 \
    -d error_log="$RUN/logs/php-builtin-errors.log" -S 127.0.0.1:55014 -t "$RUN/marlow" "$RUN/marlow/api.php"

TB=$RUN/tomcat
mkdir -p "$TB"/{conf,logs,temp,work,webapps/ROOT/WEB-INF/classes}
cp "$CONF/tomcat-server.xml" "$TB/conf/server.xml"
cp /etc/tomcat10/web.xml /etc/tomcat10/logging.properties /etc/tomcat10/catalina.properties "$TB/conf/"
cp "$APPS72/tomcat/web.xml" "$TB/webapps/ROOT/WEB-INF/web.xml"
nice -n 15 timeout 300 javac -cp /usr/share/java/tomcat10-servlet-api.jar -d "$TB/webapps/ROOT/WEB-INF/classes" \
    "$APPS72/OrdersServlet.java" >"$RUN/logs/javac-tomcat.log" 2>&1 || die "the servlet did not compile for Tomcat"
start_bg tomcat env CATALINA_HOME=/usr/share/tomcat10 CATALINA_BASE="$TB" CATALINA_TMPDIR="$TB/temp" \
    nice -n 5 /usr/share/tomcat10/bin/catalina.sh run

JB=$RUN/jetty
mkdir -p "$JB"/{logs,src,webapps/ROOT/WEB-INF/classes}
cp "$CONF/jetty-start.ini" "$JB/start.ini"
cp "$APPS72/jetty/web.xml" "$JB/webapps/ROOT/WEB-INF/web.xml"
sed 's/jakarta\.servlet/javax.servlet/g' "$APPS72/OrdersServlet.java" >"$JB/src/OrdersServlet.java"
nice -n 15 timeout 300 javac -cp /usr/share/jetty9/lib/servlet-api-3.1.jar -d "$JB/webapps/ROOT/WEB-INF/classes" \
    "$JB/src/OrdersServlet.java" >"$RUN/logs/javac-jetty.log" 2>&1 || die "the servlet did not compile for Jetty"
start_bg jetty nice -n 5 java -jar /usr/share/jetty9/start.jar jetty.home=/usr/share/jetty9 jetty.base="$JB"
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
PAGES=$CONF/pages
mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/html/errors
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
cp "$PAGES/nginx-50x.html" "$RUN/nginx/html/errors/50x.html"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 55401 nginx && wait_port 55101 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
cp "$PAGES/apache-50x.html" "$RUN/apache/errors/50x.html"
cp "$PAGES/apache-rate-limited.json" "$RUN/apache/errors/rate-limited.json"
cp "$PAGES/apache-maintenance.json" "$RUN/apache/errors/maintenance.json"
cp "$PAGES/apache-healthz.json" "$RUN/apache/errors/healthz.json"
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    # its own process group: on shutdown Apache signals its whole group
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 55402 apache && wait_port 55102 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 55403 caddy && wait_port 55103 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
for f in 502 503 504; do cp "$PAGES/haproxy-$f.http" "$RUN/haproxy/$f.http"; done
cp "$PAGES/haproxy-web-50x.html" "$RUN/haproxy/web-50x.html"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 55404 haproxy && wait_port 55104 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/lindqvist.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:55455 -T none -f "$RUN/varnish/lindqvist.vcl" \
    -n "$RUN/varnish/lindqvist" -s malloc,16m
wait_port 55455 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus87 -f "$RUN/squid/squid.conf"
wait_port 55456 squid && UP[squid]=1
sleep 2.5   # HAProxy's check marks the legacy server down; Tomcat and Jetty finish deploying
for i in $(seq 1 100); do   # bounded: the servlets answer (Tomcat/Jetty deploy after the port opens)
    t=$(timeout 5 curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:55012/api/health)
    j=$(timeout 5 curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:55013/api/health)
    [[ $t == 200 && $j == 200 ]] && break
    sleep 0.3
done

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 55000 || p > 55499) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 55000-55499: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 87 (held out): real responses captured by
# scripts/corpus/capture-round87.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-86:
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
PREFLIGHT=(-X OPTIONS -H 'Origin: https://app.example.test' -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: content-type')
H2=(-skv --http2)        # as on-call engineers type them
H1=(-sk --http1.1 -i)
SLIMOK='{"sku":"A-1","qty":2}'
SLIMBADQ='{"sku":"A-1","qty":0}'

# ===================================================== nginx -> PHP-FPM (plain PHP) ==
if up nginx; then
    log "capturing: plain PHP under PHP-FPM behind nginx"
    S=plain-php-fpm-nginx-r87
    H=api.pinecrest.test NG=https://api.pinecrest.test:55401 RNG="--resolve api.pinecrest.test:55401:127.0.0.1"
    NP=http://api.pinecrest.test:55101 RNP="--resolve api.pinecrest.test:55101:127.0.0.1"
    cap $S php-200-order-nginx-h2.txt 200 app php "HTTP/2 over TLS: order 1 from the plain PHP API" "curl -skv --http2; X-Request-ID from nginx's \$request_id, echoed by the app" -- "${H2[@]}" $RNG $NG/api/orders/1
    caplt $S php-422-post-nginx.txt 422 app php "POST without ref: the script's JSON 422" "curl -sk --http1.1 -v, only the < lines kept" -- -skv --http1.1 $RNG -X POST "${JSONH[@]}" -d '{"total":2}' $NG/api/orders
    capraw $S php-409-post-nginx-h2.txt 409 app php "HTTP/2 over TLS: POST of an existing ref, the script's JSON 409" "curl -sk --http2 -i saved to a file (CRs kept)" -- -sk --http2 -i $RNG -X POST "${JSONH[@]}" -d '{"ref":"PC-1001"}' $NG/api/orders
    caphttp $S php-401-account-nginx-httpie.txt 401 app php "HTTPie over TLS, no token: the script's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:55401/api/account Host:$H
    capwin $S php-403-admin-nginx.txt 403 app php "the script's JSON 403" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RNG $NG/api/admin
    capcut $S php-404-order7-nginx.txt 404 app php "order 7: the script's JSON 404" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RNG $NG/api/orders/7
    cap $S php-500-boom-empty-nginx-h2.txt 500 app php "HTTP/2 over TLS: a call to a function that does not exist, display_errors off: PHP's 500 with an empty body, passed on" "" -- "${H2[@]}" $RNG $NG/api/boom
    cap $S php-200-debug-boom-fatal-nginx.txt 200 app php "the same fatal error with display_errors turned on by ini_set: PHP prints 'Fatal error' into the page and the status stays 200" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/api/debug/boom
    cap $S php-502-payments-html-nginx.txt 502 app php "the script's own HTML 502 page (payment provider), passed on under /api/ (no fastcgi_intercept_errors there)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/api/payments
    cap $S php-503-maintenance-nginx-h2.txt 503 app php "HTTP/2 over TLS: the script's JSON 503 with Retry-After, passed on" "" -- "${H2[@]}" $RNG $NG/api/maintenance
    cap $S php-200-export-first-nginx.txt 200 app php "/api/exports/: the first request in the minute passes limit_req and reaches PHP" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/api/exports/daily
    cap $S phpfpm-404-missing-script-nginx.txt 404 app php-fpm "a .php path for a script that is not there: PHP-FPM's own 'File not found.' (Primary script unknown)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/info.php
    cap $S nginx-429-exports-json-h2.txt 429 proxy nginx "HTTP/2 over TLS: /api/exports/ again within the minute: limit_req, nginx's JSON 429 (named location)" "" -- "${H2[@]}" $RNG $NG/api/exports/daily
    cap $S nginx-301-http-to-https.txt 301 proxy nginx "plain HTTP: return 301 to https" "curl -si" -- -si $RNP $NP/api/orders/1
    cap $S nginx-301-www-canonical-h2.txt 301 proxy nginx "HTTP/2 over TLS: www host, return 301 to the canonical host" "" -- "${H2[@]}" --resolve www.api.pinecrest.test:55401:127.0.0.1 https://www.api.pinecrest.test:55401/api/orders/1
    cap $S nginx-204-preflight-h2.txt 204 proxy nginx "HTTP/2 over TLS: CORS preflight (OPTIONS) on /api/, return 204 from an if block" "" -- "${H2[@]}" $RNG "${PREFLIGHT[@]}" $NG/api/orders
    capraw $S nginx-503-refunds-json.txt 503 proxy nginx "/api/refunds/: maintenance, return 503 JSON with Retry-After" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RNG $NG/api/refunds/42
    cap $S nginx-500-web-boom-branded-h2.txt 500 proxy nginx "HTTP/2 over TLS: /web/boom, fastcgi_intercept_errors: PHP's empty 500 replaced by nginx's branded HTML page" "" -- "${H2[@]}" $RNG $NG/web/boom
    cap $S nginx-502-web-payments-branded.txt 502 proxy nginx "/web/payments, fastcgi_intercept_errors: the script's HTML 502 replaced by nginx's branded HTML page" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/web/payments
    cap $S nginx-504-slow-json-h2.txt 504 proxy nginx "HTTP/2 over TLS: the script sleeps 5 s, fastcgi_read_timeout 2s: nginx's 504, the JSON named location" "" -- "${H2[@]}" $RNG $NG/api/slow
    capwget $S nginx-502-reports-fpm-down-wget.txt 502 proxy nginx "/api/reports/: the reports PHP-FPM pool is not running (connection refused): nginx's 502, the JSON named location" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:55401/api/reports/monthly
    cap $S nginx-413-body.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's stock 413" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $NG/api/orders
    cap $S nginx-403-internal-h2.txt 403 proxy nginx "HTTP/2 over TLS: /internal/, deny all: nginx's stock 403" "" -- "${H2[@]}" $RNG $NG/internal/metrics
    cap $S nginx-404-unrouted.txt 404 proxy nginx "a path nginx does not route: return 404, nginx's stock page" "curl -sk --http1.1 -i" -- "${H1[@]}" $RNG $NG/status
    # pastes from the same server
    capbody body-only-paste body-nginx-504-slow-json.txt 504/504 proxy nginx "nginx's JSON 504 (\"status\":504)" "" -- -k $RNG "$NG/api/slow?from=dashboard"
    capbody body-only-paste body-nginx-500-web-branded.txt 0/500 proxy nginx "nginx's branded HTML page for an intercepted PHP 500 (no number in it)" "" -- -k $RNG "$NG/web/boom?from=dashboard"
    caphead headers-only-paste head-nginx-200-healthz-h2.txt 200 proxy nginx "curl -sI over TLS + HTTP/2 on nginx's /healthz" "" -- -k --http2 $RNG $NG/healthz
fi

# ===================================================== Apache -> PHP-FPM (Slim) ==
if up apache; then
    log "capturing: Slim under PHP-FPM behind Apache"
    S=slim-fpm-apache-r87
    H=api.quarrydale.test AP=https://api.quarrydale.test:55402 RAP="--resolve api.quarrydale.test:55402:127.0.0.1"
    APP=http://api.quarrydale.test:55102 RAPP="--resolve api.quarrydale.test:55102:127.0.0.1"
    cap $S slim-200-order-apache-h2.txt 200 app slim "HTTP/2 over TLS: order 1 from Slim" "curl -skv --http2; X-Request-Id from mod_unique_id" -- "${H2[@]}" $RAP $AP/api/orders/1
    cap $S slim-201-post-apache.txt 201 app slim "a valid POST: Slim's JSON 201 with Location" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP "${JSONH[@]}" -d "$SLIMOK" $AP/api/orders
    caplt $S slim-422-post-apache-h2.txt 422 app slim "HTTP/2 over TLS: POST with qty 0: Slim's JSON 422" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $RAP "${JSONH[@]}" -d "$SLIMBADQ" $AP/api/orders
    capraw $S slim-400-post-apache.txt 400 app slim "POST of a body that is not JSON: the app's JSON 400" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RAP "${JSONH[@]}" -d 'sku=A-1' $AP/api/orders
    cap $S slim-409-cancel-apache.txt 409 app slim "cancel a shipped order: the app's JSON 409" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP -X POST $AP/api/orders/1/cancel
    caphttp $S slim-401-reports-apache-httpie.txt 401 app slim "HTTPie over TLS, no token: the app's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:55402/api/admin/reports Host:$H
    capwin $S slim-403-reports-apache.txt 403 app slim "a token without the scope: the app's JSON 403" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RAP -H 'Authorization: Bearer t0k3n' $AP/api/admin/reports
    capcut $S slim-404-order7-apache.txt 404 app slim "order 7: the app's JSON 404" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RAP $AP/api/orders/7
    cap $S slim-404-page-not-found-apache-h2.txt 404 app slim "HTTP/2 over TLS: no route: Slim's own HTML 'Page Not Found'" "" -- "${H2[@]}" $RAP $AP/api/v2/orders
    cap $S slim-405-delete-apache.txt 405 app slim "DELETE on a GET-only route: Slim's own 'Method not allowed' with Allow" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP -X DELETE $AP/api/orders/1
    cap $S slim-500-boom-apache-h2.txt 500 app slim "HTTP/2 over TLS: a method call on null: Slim's 'Slim Application Error' page, passed on (no ProxyErrorOverride on /api/)" "" -- "${H2[@]}" $RAP $AP/api/boom
    cap $S slim-502-payments-html-apache.txt 502 app slim "the app's own HTML 502 page, passed on under /api/" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP $AP/api/payments
    cap $S slim-404-order7-web-apache.txt 404 app slim "/web/ (ProxyErrorOverride only on 500 502 503): order 7, the app's JSON 404 passes" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP $AP/web/orders/7
    cap $S apache-301-http-to-https.txt 301 proxy apache "plain HTTP: RewriteRule R=301 to https" "curl -si" -- -si $RAPP $APP/api/orders/1
    cap $S apache-200-healthz-h2.txt 200 proxy apache "HTTP/2 over TLS: /healthz, a static JSON file Apache serves itself" "" -- "${H2[@]}" $RAP $AP/healthz
    cap $S apache-204-preflight.txt 204 proxy apache "CORS preflight (OPTIONS) on /api/: RewriteRule R=204" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP "${PREFLIGHT[@]}" $AP/api/orders
    cap $S apache-429-exports-json-h2.txt 429 proxy apache "HTTP/2 over TLS: /api/exports/: R=429 with a JSON ErrorDocument" "" -- "${H2[@]}" $RAP $AP/api/exports/daily
    capraw $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: maintenance, R=503 with a JSON ErrorDocument and Retry-After" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RAP $AP/api/refunds/42
    cap $S apache-403-internal.txt 403 proxy apache "/internal/: Require all denied, Apache's stock 403" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP $AP/internal/metrics
    cap $S apache-500-web-boom-branded-h2.txt 500 proxy apache "HTTP/2 over TLS: /web/boom, ProxyErrorOverride: Slim's 500 replaced by Apache's branded ErrorDocument" "" -- "${H2[@]}" $RAP $AP/web/boom
    cap $S apache-500-status-php-branded.txt 500 proxy apache "/status.php (the legacy status script), ProxyErrorOverride: PHP's empty 500 replaced by Apache's branded ErrorDocument" "curl -sk --http1.1 -i" -- "${H1[@]}" $RAP $AP/status.php
    cap $S apache-504-slow-h2.txt 504 proxy apache "HTTP/2 over TLS: Slim sleeps 5 s, ProxyTimeout 3 on mod_proxy_fcgi: Apache's stock 504" "" -- "${H2[@]}" $RAP $AP/api/slow
    capwget $S apache-503-reports-fpm-down-wget.txt 503 proxy apache "/api/reports/: the reports PHP-FPM pool is not running: mod_proxy_fcgi's 503, the branded ErrorDocument" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:55402/api/reports/monthly
    # pastes from the same server
    capbody body-only-paste body-apache-503-reports-branded.txt 0/503 proxy apache "Apache's branded ErrorDocument page (no number in it)" "" -- -k $RAP "$AP/api/reports/weekly"
    capbody body-only-paste body-slim-500-application-error.txt 0/500 app slim "Slim's 'Slim Application Error' page (no number in it)" "" -- -k $RAP "$AP/api/boom?from=dashboard"
    caphead headers-only-paste head-slim-200-order-apache-h2.txt 200 app slim "curl -sI over TLS + HTTP/2 on order 1 (HEAD: Slim answers the GET route)" "" -- -k --http2 $RAP $AP/api/orders/1
fi

# ===================================================== Caddy -> PHP-FPM (Slim) ==
if up caddy; then
    log "capturing: Slim under PHP-FPM behind Caddy"
    S=slim-fpm-caddy-r87
    H=api.ferncliff.test CD=https://api.ferncliff.test:55403 RCD="--resolve api.ferncliff.test:55403:127.0.0.1"
    CP=http://api.ferncliff.test:55103 RCP="--resolve api.ferncliff.test:55103:127.0.0.1"
    cap $S slim-200-order-caddy-h2.txt 200 app slim "HTTP/2 over TLS: order 1 from Slim by php_fastcgi" "curl -skv --http2; X-Request-ID from Caddy" -- "${H2[@]}" $RCD $CD/api/orders/1
    capraw $S slim-201-post-caddy-h2.txt 201 app slim "HTTP/2 over TLS: a valid POST: Slim's JSON 201 with Location" "curl -sk --http2 -i saved to a file (CRs kept)" -- -sk --http2 -i $RCD "${JSONH[@]}" -d "$SLIMOK" $CD/api/orders
    caplt $S slim-422-post-caddy.txt 422 app slim "POST with qty 0: Slim's JSON 422" "curl -sk --http1.1 -v, only the < lines kept" -- -skv --http1.1 $RCD "${JSONH[@]}" -d "$SLIMBADQ" $CD/api/orders
    caphttp $S slim-401-reports-caddy-httpie.txt 401 app slim "HTTPie over TLS, no token: the app's JSON 401" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:55403/api/admin/reports Host:$H
    capwin $S slim-429-search-caddy.txt 429 app slim "the app's own JSON 429 with Retry-After" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RCD $CD/api/search
    capcut $S slim-404-route-json-caddy.txt 404 app slim "no route, Accept: application/json: Slim's own JSON 404" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RCD -H 'Accept: application/json' $CD/api/v2/orders
    cap $S slim-405-post-order-caddy-h2.txt 405 app slim "HTTP/2 over TLS: POST on a GET-only route: Slim's own HTML 'Method not allowed'" "" -- "${H2[@]}" $RCD -X POST "${JSONH[@]}" -d '{}' $CD/api/orders/1
    cap $S slim-500-boom-caddy.txt 500 app slim "Slim's 'Slim Application Error' page, passed on under /api/ (no handle_response there)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD $CD/api/boom
    cap $S slim-503-maintenance-caddy-h2.txt 503 app slim "HTTP/2 over TLS: the app's JSON 503 with Retry-After" "" -- "${H2[@]}" $RCD $CD/api/maintenance
    cap $S slim-404-order7-web-caddy.txt 404 app slim "/web/ (handle_response only on 500/502): order 7, the app's JSON 404 passes" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD $CD/web/orders/7
    cap $S caddy-308-http-to-https.txt 308 proxy caddy "plain HTTP: redir 308 to https" "curl -si" -- -si $RCP $CP/api/orders/1
    cap $S caddy-301-www-canonical-h2.txt 301 proxy caddy "HTTP/2 over TLS: www host, redir 301 to the canonical host" "" -- "${H2[@]}" --resolve www.api.ferncliff.test:55403:127.0.0.1 https://www.api.ferncliff.test:55403/api/orders/1
    cap $S caddy-200-healthz.txt 200 proxy caddy "/healthz: respond 200 JSON" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD $CD/healthz
    cap $S caddy-204-preflight-h2.txt 204 proxy caddy "HTTP/2 over TLS: CORS preflight on /api/: respond 204" "" -- "${H2[@]}" $RCD "${PREFLIGHT[@]}" $CD/api/orders
    capraw $S caddy-503-refunds-json.txt 503 proxy caddy "/api/refunds/: maintenance, respond 503 JSON with Retry-After" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RCD $CD/api/refunds/42
    cap $S caddy-403-internal-h2.txt 403 proxy caddy "HTTP/2 over TLS: /internal/: error 403, handle_errors JSON" "" -- "${H2[@]}" $RCD $CD/internal/metrics
    cap $S caddy-404-unrouted.txt 404 proxy caddy "a path Caddy does not route: error 404, handle_errors JSON" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD $CD/status
    cap $S caddy-500-web-boom-branded-h2.txt 500 proxy caddy "HTTP/2 over TLS: /web/boom, handle_response on 500: Slim's page replaced by Caddy's branded JSON" "" -- "${H2[@]}" $RCD $CD/web/boom
    cap $S caddy-502-web-payments-branded.txt 502 proxy caddy "/web/payments, handle_response on 502: the app's HTML 502 replaced by Caddy's branded JSON" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD $CD/web/payments
    cap $S caddy-504-slow-json-h2.txt 504 proxy caddy "HTTP/2 over TLS: Slim sleeps 5 s, php_fastcgi read_timeout 3s: Caddy's 504, handle_errors JSON" "" -- "${H2[@]}" $RCD $CD/api/slow
    capwget $S caddy-502-reports-fpm-down-wget.txt 502 proxy caddy "/api/reports/: the reports PHP-FPM pool is not running: Caddy's 502, handle_errors JSON" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:55403/api/reports/monthly
    cap $S caddy-413-body.txt 413 proxy caddy "a 3 KB body, request_body max_size 1KB before php_fastcgi: Caddy's 413, handle_errors JSON" "curl -sk --http1.1 -i" -- "${H1[@]}" $RCD -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $CD/api/orders
    # pastes from the same server
    capbody body-only-paste body-caddy-504-slow-json.txt 504/504 proxy caddy "Caddy's handle_errors JSON (\"status\":504)" "" -- -k $RCD "$CD/api/slow?from=dashboard"
    caphead headers-only-paste head-caddy-308-http.txt 308 proxy caddy "curl -sI on the plain-HTTP port: Caddy's 308" "" -- $RCP $CP/api/orders/1
fi

# ===================================================== HAProxy -> Tomcat ==
if up haproxy; then
    log "capturing: Tomcat behind HAProxy"
    S=tomcat-haproxy-r87
    H=api.harrowgate.test HA=https://api.harrowgate.test:55404 RHA="--resolve api.harrowgate.test:55404:127.0.0.1"
    HP=http://api.harrowgate.test:55104 RHP="--resolve api.harrowgate.test:55104:127.0.0.1"
    cap $S tomcat-200-order-haproxy-h2.txt 200 app tomcat "HTTP/2 over TLS: order 1 from the servlet" "curl -skv --http2; X-Request-ID from HAProxy's unique-id" -- "${H2[@]}" $RHA $HA/api/orders/1
    cap $S tomcat-201-post-haproxy.txt 201 app tomcat "a valid POST: the servlet's JSON 201 with Location" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA "${JSONH[@]}" -d "$SLIMOK" $HA/api/orders
    caplt $S tomcat-422-post-haproxy-h2.txt 422 app tomcat "HTTP/2 over TLS: POST with qty 0: the servlet's JSON 422" "curl -skv --http2, only the < lines kept" -- "${H2[@]}" $RHA "${JSONH[@]}" -d "$SLIMBADQ" $HA/api/orders
    capraw $S tomcat-400-order-id-haproxy.txt 400 app tomcat "an order id that is not a number: the servlet's JSON 400" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RHA $HA/api/orders/abc
    caphttp $S tomcat-401-reports-haproxy-httpie.txt 401 app tomcat "HTTPie over TLS, no token: the servlet's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:55404/api/admin/reports Host:$H
    cap $S tomcat-403-exports-senderror-haproxy.txt 403 app tomcat "sendError(403, msg) on /api/exports (no trailing slash, so not HAProxy's limited /api/exports/): Tomcat's ErrorReportValve page" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/api/exports
    cap $S tomcat-404-senderror-haproxy-h2.txt 404 app tomcat "HTTP/2 over TLS: sendError(404, \"Order 9 not found\"): Tomcat's report page" "" -- "${H2[@]}" $RHA $HA/api/orders/9
    capwin $S tomcat-405-delete-haproxy.txt 405 app tomcat "DELETE on a servlet without doDelete: HttpServlet's 405, Tomcat's report page" "curl -sk --http1.1 -i pasted with CRLF" -- "${H1[@]}" $RHA -X DELETE $HA/api/orders/1
    cap $S tomcat-500-boom-haproxy.txt 500 app tomcat "an uncaught IllegalStateException under /api/: the stock ErrorReportValve page, passed on" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/api/boom
    capcut $S tomcat-500-report-rootcause-haproxy.txt 500 app tomcat "a ServletException with a root cause: Tomcat's report page" "curl -sk --http1.1 -i, body cut off after the headers" -- "${H1[@]}" $RHA $HA/api/report
    cap $S tomcat-503-statements-html-haproxy-h2.txt 503 app tomcat "HTTP/2 over TLS: the app's own HTML 503 page, passed on (errorfile 503 is for HAProxy's own 503s)" "" -- "${H2[@]}" $RHA $HA/api/statements
    cap $S tomcat-429-search-haproxy.txt 429 app tomcat "the servlet's own JSON 429 with Retry-After" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA "$HA/api/search?q=boots"
    cap $S tomcat-404-senderror-web-haproxy.txt 404 app tomcat "/web/ (http-response return only on 500/502): order 9, Tomcat's report 404 passes" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/web/orders/9
    cap $S tomcat-404-export-first-haproxy.txt 404 app tomcat "/api/exports/daily: the first request in the minute passes the stick-table limit; the servlet has no such route (its JSON 404)" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/api/exports/daily
    cap $S haproxy-429-exports-json-h2.txt 429 load-balancer haproxy "HTTP/2 over TLS: /api/exports/ again within the minute: the stick-table limit, HAProxy's JSON 429" "" -- "${H2[@]}" $RHA $HA/api/exports/daily
    cap $S haproxy-301-http-to-https.txt 301 load-balancer haproxy "plain HTTP: redirect scheme https code 301" "curl -si" -- -si $RHP $HP/api/orders/1
    cap $S haproxy-308-www-canonical-h2.txt 308 load-balancer haproxy "HTTP/2 over TLS: www host, redirect prefix to the canonical host, code 308" "" -- "${H2[@]}" --resolve www.api.harrowgate.test:55404:127.0.0.1 https://www.api.harrowgate.test:55404/api/orders/1
    cap $S haproxy-200-monitor-uri.txt 200 load-balancer haproxy "monitor-uri /haproxy-health: HAProxy's own 200" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/haproxy-health
    cap $S haproxy-204-preflight-h2.txt 204 load-balancer haproxy "HTTP/2 over TLS: CORS preflight on /api/: http-request return 204" "" -- "${H2[@]}" $RHA "${PREFLIGHT[@]}" $HA/api/orders
    capraw $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: maintenance, http-request return 503 JSON with Retry-After" "curl -sk --http1.1 -i saved to a file (CRs kept)" -- "${H1[@]}" $RHA $HA/api/refunds/42
    cap $S haproxy-500-web-boom-branded-h2.txt 500 load-balancer haproxy "HTTP/2 over TLS: /web/boom, http-response return on 500: Tomcat's report page replaced by HAProxy's branded HTML" "" -- "${H2[@]}" $RHA $HA/web/boom
    cap $S haproxy-502-web-payments-branded.txt 502 load-balancer haproxy "/web/payments, http-response return on 502: the app's HTML 502 replaced by HAProxy's branded HTML" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/web/payments
    cap $S haproxy-504-slow-json-h2.txt 504 load-balancer haproxy "HTTP/2 over TLS: the servlet waits 5 s, timeout server 3s: HAProxy's 504, errorfile with a branded JSON body" "" -- "${H2[@]}" $RHA $HA/api/slow
    capwget $S haproxy-503-legacy-down-branded-wget.txt 503 load-balancer haproxy "/legacy/: its only server is down by its check: HAProxy's 503, errorfile with a branded HTML body" "wget --no-check-certificate -S -O-" -- --no-check-certificate --header="Host: $H" https://127.0.0.1:55404/legacy/orders/1
    cap $S haproxy-413-body.txt 413 load-balancer haproxy "a 3 KB body, deny_status 413 over 1 KB: HAProxy's stock 413" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $HA/api/orders
    cap $S haproxy-403-internal-h2.txt 403 load-balancer haproxy "HTTP/2 over TLS: /internal/: http-request deny, HAProxy's stock 403" "" -- "${H2[@]}" $RHA $HA/internal/metrics
    cap $S haproxy-404-unrouted.txt 404 load-balancer haproxy "a path outside /api/, /web/, /legacy/: deny_status 404, HAProxy's stock 404" "curl -sk --http1.1 -i" -- "${H1[@]}" $RHA $HA/status
    # pastes from the same server
    capbody body-only-paste body-tomcat-500-boom-report.txt 500/500 app tomcat "Tomcat's ErrorReportValve page for an uncaught exception (its title shows the number)" "" -- -k $RHA "$HA/api/boom?from=dashboard"
    capbody body-only-paste body-haproxy-503-legacy-branded.txt 0/503 load-balancer haproxy "HAProxy's branded errorfile HTML for a down server (no number in it)" "" -- -k $RHA "$HA/legacy/orders/2"
    caphead headers-only-paste head-haproxy-429-exports.txt 429 load-balancer haproxy "curl -sI over TLS on /api/exports/ within the minute: HAProxy's 429" "" -- -k --http1.1 $RHA $HA/api/exports/weekly
fi

# ===================================================== Varnish -> Jetty ==
if up varnish; then
    log "capturing: Jetty behind Varnish"
    S=jetty-varnish-r87
    H=api.lindqvist.test V=http://api.lindqvist.test:55455 RV="--resolve api.lindqvist.test:55455:127.0.0.1"
    cap $S jetty-200-catalog-varnish-miss.txt 200 app jetty "the catalog, first request: a MISS, stored (public, max-age=300 and an ETag from the servlet)" "curl -sv; X-Cache: MISS" -- -sv $RV $V/api/catalog
    cap $S varnish-200-catalog-hit.txt 200 cdn-cache varnish "the catalog again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $RV $V/api/catalog
    caplt $S varnish-304-catalog-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "curl -sv, only the < lines kept" -- -sv $RV -H 'If-None-Match: "catalog-v7"' $V/api/catalog
    cap $S jetty-200-order-varnish-miss.txt 200 app jetty "order 1, first request: a MISS, kept 1 s with 1 h of grace" "curl -si; X-Cache: MISS" -- -si $RV $V/api/orders/1
    sleep 2.2
    cap $S varnish-200-order-stale-grace.txt 200 cdn-cache varnish "order 1, 2 s later: past its 1 s TTL, served stale from grace while Varnish refetches" "curl -sv; X-Cache: HIT, Age over the TTL" -- -sv $RV $V/api/orders/1
    cap $S jetty-404-senderror-varnish-miss.txt 404 app jetty "order 9, first request: sendError(404), Jetty's 'HTTP ERROR 404' page, a MISS kept 60 s by the VCL" "curl -si; X-Cache: MISS" -- -si $RV $V/api/orders/9
    cap $S jetty-404-senderror-varnish-hit.txt 404 app jetty "order 9 again: Jetty's own 404 page replayed from Varnish's store (an app error the cache kept)" "curl -sv; X-Cache: HIT" -- -sv $RV $V/api/orders/9
    capwin $S jetty-422-post-varnish.txt 422 app jetty "POST with qty 0: the servlet's JSON 422 (passed, not stored)" "curl -si pasted with CRLF" -- -si $RV "${JSONH[@]}" -d "$SLIMBADQ" $V/api/orders
    cap $S jetty-409-cancel-varnish.txt 409 app jetty "cancel a shipped order: the servlet's JSON 409" "curl -si" -- -si $RV -X POST $V/api/orders/1/cancel
    HTTPIE_CMD=http caphttp $S jetty-401-reports-varnish-httpie.txt 401 app jetty "HTTPie, no token: the servlet's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- -v GET http://127.0.0.1:55455/api/admin/reports Host:$H
    cap $S jetty-405-delete-varnish.txt 405 app jetty "DELETE on a servlet without doDelete: HttpServlet's 405, Jetty's page" "curl -si" -- -si $RV -X DELETE $V/api/orders/1
    capcut $S jetty-500-boom-varnish.txt 500 app jetty "an uncaught IllegalStateException: Jetty's 'HTTP ERROR 500' page, passed on" "curl -si, body cut off after the headers" -- -si $RV $V/api/boom
    capraw $S jetty-503-quote-senderror-varnish.txt 503 app jetty "sendError(503, msg): Jetty's 'HTTP ERROR 503' page, passed on (vcl_backend_error is only for fetch failures)" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/quote
    cap $S jetty-502-payments-html-varnish.txt 502 app jetty "the app's own HTML 502 page, passed on" "" -- -sv $RV $V/api/payments
    cap $S varnish-301-www-canonical.txt 301 cdn-cache varnish "www host: synth 301 to the canonical host" "curl -si" -- -si --resolve www.api.lindqvist.test:55455:127.0.0.1 http://www.api.lindqvist.test:55455/api/orders/1
    cap $S varnish-200-healthz.txt 200 cdn-cache varnish "/healthz: synth 200 with JSON, Jetty is not asked" "" -- -sv $RV $V/healthz
    cap $S varnish-204-preflight.txt 204 cdn-cache varnish "CORS preflight (OPTIONS) on /api/: synth 204" "curl -si" -- -si $RV "${PREFLIGHT[@]}" $V/api/orders
    cap $S varnish-403-internal-branded.txt 403 cdn-cache varnish "/internal/: synth 403 with a branded HTML page" "curl -si" -- -si $RV $V/internal/metrics
    caplt $S varnish-503-refunds-json.txt 503 cdn-cache varnish "/api/refunds/: maintenance, synth 503 JSON with Retry-After" "curl -sv, only the < lines kept" -- -sv $RV $V/api/refunds/42
    cap $S varnish-503-slow-branded.txt 503 cdn-cache varnish "the servlet waits 5 s, first_byte_timeout 3s: vcl_backend_error's branded HTML 503" "" -- -sv $RV $V/api/slow
    capwget $S varnish-503-legacy2-down-branded-wget.txt 503 cdn-cache varnish "/api/legacy2/ to a port nobody listens on: vcl_backend_error's branded HTML 503" "wget -S -O-" -- --header="Host: $H:55455" http://127.0.0.1:55455/api/legacy2/orders/1
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE with no purge ACL: Varnish's stock synth 405 page" "curl -si" -- -si $RV -X PURGE $V/api/catalog
    # pastes from the same server
    capbody body-only-paste body-varnish-503-slow-branded.txt 0/503 cdn-cache varnish "vcl_backend_error's branded HTML page (no number in it)" "" -- $RV "$V/api/slow?from=dashboard"
    capbody body-only-paste body-jetty-404-senderror.txt 404/404 app jetty "Jetty's 'HTTP ERROR 404' page for order 9 (a HIT of the kept copy; its title and heading show the number)" "" -- $RV "$V/api/orders/9"
    caphead headers-only-paste head-varnish-200-catalog-hit.txt 200 cdn-cache varnish "curl -sI on the catalog, stored in Varnish" "X-Cache: HIT" -- $RV $V/api/catalog
fi

# ===================================================== Squid -> PHP built-in server ==
if up squid; then
    log "capturing: plain PHP under PHP's built-in server behind Squid"
    S=php-builtin-squid-r87
    H=api.marlow.test SQ=http://api.marlow.test:55456 RSQ="--resolve api.marlow.test:55456:127.0.0.1"
    cap $S php-200-order-squid-miss.txt 200 app php "order 1, first request: a MISS, stored (public, max-age=300, ETag, Last-Modified from the script)" "curl -sv; X-Cache: MISS, Via" -- -sv $RSQ $SQ/api/orders/1
    cap $S squid-200-order-hit.txt 200 cdn-cache squid "order 1 again: from Squid's memory cache" "curl -si; X-Cache: HIT, Age" -- -si $RSQ $SQ/api/orders/1
    caplt $S squid-304-order-if-modified-since.txt 304 cdn-cache squid "If-Modified-Since now on the stored order: Squid's own 304" "curl -sv, only the < lines kept" -- -sv $RSQ -H "If-Modified-Since: $(date -u '+%a, %d %b %Y %H:%M:%S GMT')" $SQ/api/orders/1
    capwget $S squid-200-order-hit-wget.txt 200 cdn-cache squid "wget: order 1 from Squid's store (the Host carries the port, as curl's does)" "wget -S -O-" -- --header="Host: $H:55456" http://127.0.0.1:55456/api/orders/1
    capraw $S php-409-post-squid.txt 409 app php "POST of an existing ref: the script's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"ref":"PC-1001"}' $SQ/api/orders
    cap $S php-422-post-squid.txt 422 app php "POST without ref: the script's JSON 422" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"total":2}' $SQ/api/orders
    HTTPIE_CMD=http caphttp $S php-401-account-squid-httpie.txt 401 app php "HTTPie, no token: the script's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- -v GET http://127.0.0.1:55456/api/account Host:$H:55456
    capwin $S php-403-admin-squid.txt 403 app php "the script's JSON 403" "curl -si pasted with CRLF" -- -si $RSQ $SQ/api/admin
    capcut $S php-405-get-orders-squid.txt 405 app php "GET on the POST-only collection: the script's JSON 405 with Allow" "curl -si, body cut off after the headers" -- -si $RSQ $SQ/api/orders
    cap $S php-500-boom-empty-squid.txt 500 app php "a call to a function that does not exist, display_errors off: the built-in server's 500 with an empty body, passed on" "" -- -sv $RSQ $SQ/api/boom
    cap $S php-200-debug-boom-fatal-squid.txt 200 app php "the same fatal error with display_errors turned on by ini_set: PHP prints the fatal error and the status stays 200" "curl -si" -- -si $RSQ $SQ/api/debug/boom
    cap $S php-429-quota-squid.txt 429 app php "the script's JSON 429 with Retry-After" "curl -si" -- -si $RSQ $SQ/api/quota
    cap $S php-502-payments-html-squid.txt 502 app php "the script's own HTML 502 page (payment provider), passed on" "curl -si" -- -si $RSQ $SQ/api/payments
    cap $S php-503-maintenance-squid.txt 503 app php "the script's JSON 503 with Retry-After" "" -- -sv $RSQ $SQ/api/maintenance
    cap $S phpserver-404-builtin-page-squid.txt 404 app php "a path outside /api/: the router returns false and PHP's built-in server answers its own '404 Not Found' page" "curl -si" -- -si $RSQ $SQ/favicon.ico
    cap $S squid-301-www-canonical.txt 301 cdn-cache squid "www host: http_access deny with deny_info 301 to the canonical host" "curl -si" -- -si --resolve www.api.marlow.test:55456:127.0.0.1 http://www.api.marlow.test:55456/api/orders/1
    cap $S squid-403-internal.txt 403 cdn-cache squid "/api/internal/: http_access deny, Squid's ERR_ACCESS_DENIED" "curl -si" -- -si $RSQ $SQ/api/internal/metrics
    cap $S squid-504-slow.txt 504 cdn-cache squid "the script sleeps 5 s, read_timeout 3 seconds: Squid's ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/slow
    # round 86 saw Squid 5.7 answer this (a parent peer nobody listens on) with a 502
    capwget $S squid-502-legacy2-down-wget.txt 502 cdn-cache squid "/api/legacy2/ to a peer that is not running: Squid's error page" "wget -S -O-" -- --header="Host: $H:55456" http://127.0.0.1:55456/api/legacy2/orders/1
    cap $S squid-413-body.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: Squid's ERR_TOO_BIG" "curl -si" -- -si $RSQ -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $SQ/api/orders
    # pastes from the same server
    capbody body-only-paste body-squid-403-internal.txt 0/403 cdn-cache squid "Squid's ERR_ACCESS_DENIED page (its title names the error, not a number)" "" -- $RSQ "$SQ/internal/metrics"
    capbody body-only-paste body-phpserver-404-builtin-page.txt 404/404 app php "PHP's built-in server '404 Not Found' page (its title shows the number)" "" -- $RSQ "$SQ/robots.txt"
    caphead headers-only-paste head-squid-200-order-hit.txt 200 cdn-cache squid "curl -sI on order 1, stored in Squid's memory" "X-Cache: HIT" -- $RSQ $SQ/api/orders/1
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round87/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
