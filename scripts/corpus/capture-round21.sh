#!/usr/bin/env bash
# capture-round21.sh — build the twenty-first held-out evidence corpus in
# tests/fixtures/evidence-round21/.
#
# "Python, Ruby and PHP apps hosted the ways teams host them, a fifth
# pairing". Hosted inside the web server, nothing in front: Flask by mod_wsgi
# (daemon mode) and the PHP front controller by mod_php in one prefork
# Apache, Rails by Phusion Passenger in another Apache. Behind fronts they
# were not behind in rounds 12-18: FastAPI under uvicorn behind Squid
# (reverse accelerator), Django under uWSGI (its own HTTP socket) behind
# Caddy (TLS, h2), Falcon under uWSGI behind nginx (uwsgi_pass), Sinatra
# under Puma behind Varnish, and one two-hop chain: Varnish -> nginx ->
# PHP-FPM. Paste forms as in round 18: curl -sv/-si, some -L, --compressed,
# --fail-with-body, HTTPie, wget, body-only, headers-only, CRLF, saved with
# CRs, some over TLS with HTTP/2.
#
#   scripts/corpus/capture-round21.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round21.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round21.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round21.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-18: every server binds 127.0.0.1 (ports 39000-39999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs run under
# `nice -n 15`. Labels are written by finish_round21.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round21"
RUN=/tmp/api-triage-corpus21
STAGE="$RUN/evidence"
CONF="$HERE/conf-round21"
APPS="$HERE/apps21"
VENV=${CORPUS_VENV21:-/tmp/api-triage-corpus21-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(django==5.2.19 flask==3.1.3 fastapi==0.165.0 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus21 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget curl openssl python3-venv ruby-rails ruby-sinatra puma php8.2-fpm
          apache2 libapache2-mod-wsgi-py3 libapache2-mod-php8.2 libapache2-mod-passenger
          uwsgi-core uwsgi-plugin-python3 python3-falcon nginx varnish caddy squid)
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


venv_ok() { [[ -x $1/bin/python ]] && "$1/bin/python" -c "
import importlib.metadata as m, sys
want = dict(p.split('==') for p in sys.argv[1:])
sys.exit(any(m.version(k) != v for k, v in want.items()))" "${PYPI[@]}" 2>/dev/null; }

install_venv() {  # Django, Flask, FastAPI and uvicorn, from PyPI
    local v
    venv_ok "$VENV" && return 0
    if [[ -z ${CORPUS_VENV21:-} ]]; then
        for v in /tmp/api-triage-corpus16-venv /tmp/api-triage-corpus18-venv; do
            if venv_ok "$v"; then VENV=$v; log "using $v (same pins), read-only"; return 0; fi
        done
    fi
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* ]]
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
            # a worker or child a server left behind (php-fpm, puma)
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

# start_wait NAME PORT CMD...: start_bg, then wait for the port (30 s at most
# per try). Our ports lie in the kernel's ephemeral range, so a bind can fail
# because an outgoing connection holds the port for a moment: up to 3 tries.
start_wait() {
    local name=$1 port=$2 try i pid
    shift 2
    for try in 1 2 3; do
        start_bg "$name" "$@"
        pid=$(cat "$RUN/pids/$name.pid")
        for i in $(seq 1 300); do
            if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$pid" 2>/dev/null && stop_pid "$pid"
        log "$name did not open 127.0.0.1:$port (try $try); its log:"; tail -n 5 "$RUN/logs/$name.log" >&2
        sleep 1
    done
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round21.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
    if [[ " $* " == *" --fail-with-body "* ]]; then
        # as a terminal shows it: the response, then curl's own (22) line
        in_work timeout 20 curl "$@" >>"$dest" 2>"$RUN/work/last-stderr"
        cat "$RUN/work/last-stderr" >>"$dest"
    else
        in_work timeout 20 curl "$@" >>"$dest" 2>&1
    fi
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

# capfail SETUP FILE WIRE LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl --fail-with-body -sS URL` as a terminal shows it: the body, then
# curl's own "curl: (22) The requested URL returned error: NNN" line, no
# headers. A body-only paste whose status is the number in curl's line.
capfail() {
    local setup=$1 file=$2 wire=$3 layer=$4 product=$5 scenario=$6 note=$7 got shown
    shift 8
    local dest="$STAGE/$file"
    cmdline curl --fail-with-body -sS "$@" >"$dest"
    in_work timeout 20 curl --fail-with-body -sS -D "$RUN/work/last-headers" "$@" >>"$dest" 2>"$RUN/work/last-stderr"
    cat "$RUN/work/last-stderr" >>"$dest"  # curl's line comes after the body, as in a terminal
    got=$(awk '/^HTTP\// {s=$2} END {print s+0}' "$RUN/work/last-headers" 2>/dev/null)
    shown=$(sed -n 's/.*curl: (22) The requested URL returned error: \([0-9]*\).*/\1/p' "$dest" | tail -n 1)
    if [[ $got != "$wire" || $shown != "$wire" ]]; then
        log "MISMATCH $file: expected wire status $wire, got $got (curl's line shows ${shown:-nothing})"; MISMATCH=$((MISMATCH + 1))
    fi
    finish "$dest" "$setup" "${shown:-0}" "$layer" "$product" "$scenario" "$note" body-only "$got"
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


# static error pages and files (fixed mtime, so Last-Modified is stable)
write_error_pages() {
    mkdir -p "$RUN"/apache-hosted/{errors,htdocs} "$RUN"/apache-passenger/{static,registry,buffer} "$RUN"/nginx/html/errors
    printf '{"error":"not_found","message":"No such endpoint."}\n' >"$RUN/apache-hosted/errors/404.json"
    printf '{"error":"upstream_unavailable","message":"Billing is not responding. Please retry in a minute."}\n' >"$RUN/nginx/html/errors/50x.json"
    printf 'body{font-family:sans-serif}\n' >"$RUN/apache-passenger/static/site.css"
    find "$RUN/apache-hosted" "$RUN/nginx/html" "$RUN/apache-passenger/static" -type f -exec touch -d '2025-03-14 09:30:00 UTC' {} +
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
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
have openssl || die "openssl is missing"
have curl || die "curl is missing"

# apps: FastAPI (uvicorn), Django (uWSGI http), Falcon (uWSGI uwsgi), Sinatra (Puma), PHP-FPM
APP_PORTS=(39010 39011 39012 39013 39014)
OTHER_PORTS=(39020 39021 39030 39050 39060 39061 39081 39481 39090 39091)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" 39098 39099; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for Caddy ------------------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Acme Shop/CN=api.example.test" \
    -addext "subjectAltName=DNS:api.example.test,DNS:*.example.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem
write_error_pages

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_wait fastapi 39010 nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 39010 \
    --proxy-headers --forwarded-allow-ips 127.0.0.1 --no-access-log fastapi_app:app || die "FastAPI did not start"
if have uwsgi-core && have uwsgi-plugin-python3; then
    # Django on uWSGI's own HTTP socket (behind Caddy); Falcon on the uwsgi protocol (behind nginx)
    start_wait uwsgi-django 39011 nice -n 5 uwsgi --plugin python3 --http-socket 127.0.0.1:39011 --home "$VENV" \
        --chdir "$APPS" --module django_app:application --master --processes 2 --die-on-term \
        --disable-logging --pidfile "$RUN/uwsgi-django.pid" && UP[django]=1
    have python3-falcon && start_wait uwsgi-falcon 39012 nice -n 5 uwsgi --plugin python3 --socket 127.0.0.1:39012 \
        --chdir "$APPS" --wsgi-file "$APPS/falcon_app.py" --master --processes 2 --harakiri 3 --die-on-term \
        --disable-logging --pidfile "$RUN/uwsgi-falcon.pid" && UP[falcon]=1
fi
if have ruby-sinatra && have puma; then
    start_wait puma-sinatra 39013 nice -n 5 puma -e production -t 2:8 -b tcp://127.0.0.1:39013 \
        "$APPS/sinatra_app.ru" && UP[sinatra]=1
fi
mkdir -p "$RUN/php" "$RUN/php-hosted"
cp "$APPS"/php/*.php "$RUN/php/"; cp "$APPS"/php/*.php "$RUN/php-hosted/"
if have php8.2-fpm; then
    mkdir -p "$RUN/php-fpm"
    render "$CONF/php-fpm.conf" "$RUN/php-fpm/php-fpm.conf"
    chown -R www-data: "$RUN/php-fpm" "$RUN/php" 2>/dev/null || true
    start_wait php-fpm 39014 php-fpm8.2 -F -R -y "$RUN/php-fpm/php-fpm.conf" && UP[php]=1
fi

# ---- Apache hosting the apps itself ------------------------------------------
if have apache2 && have libapache2-mod-wsgi-py3 && have libapache2-mod-php8.2; then
    render "$CONF/apache-hosted.conf" "$RUN/apache-hosted/apache.conf" -e "s|@APPS@|$APPS|g" -e "s|@VENV@|$VENV|g"
    chown -R www-data: "$RUN/apache-hosted" "$RUN/php-hosted" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache-hosted/apache.conf" >"$RUN/logs/apache-hosted-t.log" 2>&1; then
        start_wait apache-hosted 39020 setsid apache2 -DFOREGROUND -f "$RUN/apache-hosted/apache.conf" \
            && wait_port 39021 apache-hosted && UP[hosted]=1
    else log "SKIP apache-hosted: config test failed"; cat "$RUN/logs/apache-hosted-t.log" >&2; fi
fi
if have apache2 && have libapache2-mod-passenger && have ruby-rails; then
    mkdir -p "$RUN"/rails/public "$RUN"/reports/public
    cp "$APPS/rails_api.ru" "$RUN/rails/config.ru"
    cp "$APPS/broken_rack/config.ru" "$RUN/reports/config.ru"
    render "$CONF/apache-passenger.conf" "$RUN/apache-passenger/apache.conf"
    chown -R www-data: "$RUN/apache-passenger" "$RUN/rails" "$RUN/reports" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache-passenger/apache.conf" >"$RUN/logs/apache-passenger-t.log" 2>&1; then
        start_wait apache-passenger 39030 setsid apache2 -DFOREGROUND -f "$RUN/apache-passenger/apache.conf" \
            && UP[passenger]=1
    else log "SKIP apache-passenger: config test failed"; cat "$RUN/logs/apache-passenger-t.log" >&2; fi
fi

# ---- front layers ------------------------------------------------------------
if have squid; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || true
    start_wait squid 39050 squid -N -n corpus21 -f "$RUN/squid/squid.conf" && UP[squid]=1
fi
if have caddy && up django; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_wait caddy 39481 env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile" \
        && wait_port 39081 caddy && UP[caddy]=1
fi
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_wait nginx 39090 nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;' \
            && wait_port 39091 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_wait varnish 39060 varnishd -F -a sinatra=127.0.0.1:39060 -a billing=127.0.0.1:39061 -T none \
        -f "$RUN/varnish/default.vcl" -n "$RUN/varnish/work" -s malloc,16m && wait_port 39061 varnish && UP[varnish]=1
fi
sleep 2

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & PIDS+=($!); wait $!; exit 0; }
cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 21 (held out): real responses captured by
# scripts/corpus/capture-round21.sh from real servers on 127.0.0.1, one
# response per file (a transcript that follows redirects holds several; its
# label is that of the last). Generated; do not edit by hand — change the
# script.
#
# Same fields and words as rounds 1-18:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the paste itself shows (0 = none;
#              curl's "(22) ... returned error: NNN" line counts)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes: for app responses the
#              framework, or the app server when it wrote the page itself
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`, `curl --fail-with-body -sS`) or
#              "headers-only" (`curl -sI`); absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
EOF_LABELS

AF=http://127.0.0.1:39020 AP=http://127.0.0.1:39021 RP=http://127.0.0.1:39030
SQ=http://127.0.0.1:39050 CT=https://127.0.0.1:39481 CH=http://127.0.0.1:39081
CTN=https://api.example.test:39481 CHN=http://api.example.test:39081
RES=(--resolve api.example.test:39481:127.0.0.1 --resolve api.example.test:39081:127.0.0.1)
NF=http://127.0.0.1:39090 VS=http://127.0.0.1:39060 VB=http://127.0.0.1:39061
JSONH=(-H 'Content-Type: application/json')
NOVERIFY=(--verify=no)  # HTTPie against the self-signed cert
EVIL=(-H 'Origin: https://evil.example.com' -H 'Access-Control-Request-Method: POST')
printf '{"sku":"A-1","note":"%s"}' "$(head -c 4096 /dev/zero | tr '\0' x)" >"$RUN/work/big.json"     # 4 KiB JSON
printf '{"sku":"A-1","note":"%s"}' "$(head -c 16384 /dev/zero | tr '\0' x)" >"$RUN/work/big16.json" # 16 KiB JSON

# ================================ Flask inside Apache by mod_wsgi (direct) ==
if up hosted; then
    log "capturing: Flask inside Apache (mod_wsgi)"
    S=flask-modwsgi-apache
    cap $S flask-404-json.txt 404 app flask "unknown order: the app's JSON 404" "" -- -sv $AF/api/orders/7
    cap $S flask-404-unrouted.txt 404 app flask "no route inside the /api mount: Werkzeug's 404 page" "curl -si" -- -si $AF/api/carts/1
    cap $S flask-400-bad-json.txt 400 app flask "broken JSON to request.get_json(): Werkzeug's 400 page" "" -- -sv "${JSONH[@]}" -d '{"sku": ' $AF/api/orders/
    caphttp $S flask-422-httpie.txt 422 app flask "HTTPie, qty 0: the app's JSON 422" "HTTPie with colours" -- -v POST $AF/api/orders/ sku=A-1 qty:=0
    cap $S flask-401-slash-follow.txt 401 app flask "no trailing slash: Flask's 308 (strict slashes), then the app's JSON 401" "curl -sv -L: two responses" -- -sv -L $AF/api/orders
    cap $S flask-500-page.txt 500 app flask "an IndexError: Flask's 500 page, passed on by mod_wsgi" "curl -si" -- -si $AF/api/boom
    capraw $S flask-429.txt 429 app flask "the app's JSON 429 with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $AF/api/limited
    capwin $S flask-503.txt 503 app flask "the app's maintenance 503" "curl -si pasted with CRLF" -- -si $AF/api/maintenance
    cap $S flask-413-upload.txt 413 app flask "a 4 KiB upload over MAX_CONTENT_LENGTH: Werkzeug's 413 page" "curl -si --http1.0" -- -si --http1.0 "${JSONH[@]}" --data-binary @big.json $AF/api/upload
    cap $S apache-504-wsgi-socket-timeout.txt 504 app apache "the view sleeps 5 s, WSGIDaemonProcess socket-timeout=2: Apache's own 504 page (it hosts the app, nothing in front)" "" -- -sv $AF/api/slow
    cap $S apache-500-wsgi-daemon-died.txt 500 app apache "the daemon process exits mid-request: Apache's own 500 page (truncated response headers from the daemon)" "curl -si" -- -si $AF/api/export
    caphttp $S apache-500-wsgi-import-error-httpie.txt 500 app apache "HTTPie: /api/v2's WSGI script fails to import, Apache's own 500 page" "HTTPie with colours" -- -v GET $AF/api/v2/orders
    cap $S apache-404-unmapped.txt 404 app apache "a path outside the /api mount: Apache's stock 404 page (the app's host)" "" -- -sv $AF/orders/7
fi

# ======================= the PHP front controller inside Apache by mod_php ==
if up hosted; then
    log "capturing: PHP inside Apache (mod_php)"
    S=php-modphp-apache
    cap $S php-404-json.txt 404 app php "unknown invoice: the front controller's JSON 404" "" -- -sv $AP/api/invoices/9
    cap $S php-422.txt 422 app php "a payment without an amount: the JSON 422" "curl -si" -- -si "${JSONH[@]}" -d '{"currency":"EUR"}' $AP/api/payments
    caphttp $S php-401-httpie.txt 401 app php "HTTPie, no token: the JSON 401" "HTTPie with colours" -- -v GET $AP/api/admin/ledger
    cap $S php-500-empty.txt 500 app php "an Error (method on null), display_errors off: PHP's empty 500 under mod_php" "curl -si" -- -si $AP/api/boom
    cap $S php-403-cors-refused.txt 403 app php "a preflight from an origin not on the list: the front controller's JSON 403" "CORS preflight" -- -si -X OPTIONS "${EVIL[@]}" $AP/api/payments
    cap $S php-409-compressed.txt 409 app php "a refund already made: the JSON 409" "curl -sv --compressed (sent plain)" -- -sv --compressed -X POST $AP/api/payments/1/refund
    capraw $S php-503.txt 503 app php "the front controller's maintenance 503" "curl -si saved to a file (CRs kept)" -- -si $AP/api/maintenance
    cap $S apache-404-json-errordocument.txt 404 app apache "a path outside /api/: Apache's ErrorDocument 404 JSON file (the app's host)" "curl -si" -- -si $AP/invoices/9
    cap $S apache-404-json-after-302.txt 404 app apache "an invoice PDF: the front controller's 302 to /documents/, which Apache does not have: its ErrorDocument 404 JSON" "curl -sv -L: two responses" -- -sv -L $AP/api/invoices/1/pdf
    cap $S apache-413-limitrequestbody.txt 413 app apache "a 4 KiB body over LimitRequestBody 4096: Apache's own 413 page before PHP runs" "" -- -sv "${JSONH[@]}" --data-binary @big.json $AP/api/payments
fi

# ============================= Rails inside Apache by Passenger (direct) ==
if up passenger; then
    log "capturing: Rails inside Apache (Passenger)"
    S=rails-passenger-apache
    in_work timeout 60 curl -s -o /dev/null $RP/api/health || true  # Passenger spawns the app
    cap $S rails-404-json.txt 404 app rails "unknown order: the controller's JSON 404" "Server: Apache (Passenger's version hidden by ServerTokens OS)" -- -sv $RP/api/orders/7
    cap $S rails-404-routing-empty.txt 404 app rails "no route, Accept */*: PublicExceptions' empty 404" "curl -si" -- -si $RP/api/v2/orders
    caphttp $S rails-422-httpie.txt 422 app rails "HTTPie, qty 0: the controller's JSON 422" "HTTPie with colours" -- -v POST $RP/api/orders 'order[sku]=A-1' 'order[qty]:=0'
    cap $S rails-500-json-fail.txt 500 app rails "a NameError, Accept: application/json: {\"status\":500,...}" "curl --fail-with-body -sSi: curl's (22) line after the body" -- --fail-with-body -sSi -H 'Accept: application/json' $RP/api/boom
    capwin $S rails-503.txt 503 app rails "the controller's maintenance 503" "curl -si pasted with CRLF" -- -si $RP/api/maintenance
    cap $S rails-404-receipt-follow.txt 404 app rails "a moved receipt: the controller's 301, then PublicExceptions' empty 404" "curl -sv -L: two responses" -- -sv -L $RP/api/orders/1/receipt
    capraw $S rails-429.txt 429 app rails "the controller's JSON 429" "curl -si saved to a file (CRs kept)" -- -si $RP/api/limited
    cap $S rails-401.txt 401 app rails "no token: the controller's 401 (token authentication)" "" -- -sv $RP/api/admin/reports
    cap $S passenger-500-app-failed-to-start.txt 500 app passenger "/reports, a Rack app that raises while booting: Passenger's 'Web application could not be started' page (friendly pages off)" "curl -si" -- -si $RP/reports/daily
    cap $S apache-413-passenger-host.txt 413 app apache "a 4 KiB body over LimitRequestBody 4096: Apache's own 413 page (the app's host)" "" -- -sv "${JSONH[@]}" --data-binary @big.json $RP/api/orders
    cap $S apache-404-static.txt 404 app apache "a missing file under /static/ (Passenger off there): Apache's stock 404 page" "curl -si --http1.0" -- -si --http1.0 $RP/static/app.css
fi

# ===================================== FastAPI under uvicorn behind Squid ==
if up squid; then
    log "capturing: FastAPI under uvicorn behind Squid"
    S=fastapi-uvicorn-squid
    cap $S fastapi-200-catalog-miss.txt 200 app fastapi "the catalog, first request: a MISS, the app's answer" "X-Cache: MISS" -- -sv $SQ/api/catalog
    cap $S squid-200-catalog-hit.txt 200 cdn-cache squid "the catalog again: from Squid's memory cache" "X-Cache: HIT, Age" -- -sv $SQ/api/catalog
    cap $S fastapi-404-json.txt 404 app fastapi "unknown order: HTTPException(404)" "curl -si" -- -si $SQ/api/orders/7
    cap $S fastapi-404-unrouted.txt 404 app fastapi "no route: Starlette's {\"detail\":\"Not Found\"}" "curl -si" -- -si $SQ/api/v2/orders
    cap $S fastapi-422-compressed.txt 422 app fastapi "qty 0: the validation 422" "curl -sv --compressed (the app's GZipMiddleware: gzip)" -- -sv --compressed "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $SQ/api/orders
    caphttp $S fastapi-401-httpie.txt 401 app fastapi "HTTPie, no token: 'Not authenticated'" "HTTPie with colours" -- -v GET $SQ/api/admin/reports
    capraw $S fastapi-500-text.txt 500 app fastapi "a RuntimeError: Starlette's text 'Internal Server Error'" "curl -si saved to a file (CRs kept)" -- -si $SQ/api/boom
    cap $S fastapi-405-text.txt 405 app fastapi "DELETE on a GET route: Starlette's 405" "curl -si" -- -si -X DELETE $SQ/api/orders/1
    cap $S squid-504-read-timeout.txt 504 cdn-cache squid "the handler sleeps 5 s, read_timeout 2 seconds: ERR_READ_TIMEOUT" "" -- -sv $SQ/api/slow
    capwin $S squid-502-legacy-dead-peer.txt 502 cdn-cache squid "/legacy/: a peer that is not running, Squid's error page" "curl -si pasted with CRLF" -- -si $SQ/legacy/orders/1
    caphttp $S squid-403-internal-httpie.txt 403 cdn-cache squid "HTTPie: http_access deny on /internal/, ERR_ACCESS_DENIED" "HTTPie with colours" -- -v GET $SQ/internal/stats
    cap $S squid-413-too-big.txt 413 cdn-cache squid "a 16 KiB body over request_body_max_size 8 KB: ERR_TOO_BIG" "curl -si --http1.0" -- -si --http1.0 "${JSONH[@]}" --data-binary @big16.json $SQ/api/orders
fi

# ============================ Django under uWSGI (HTTP) behind Caddy (TLS) ==
if up caddy; then
    log "capturing: Django under uWSGI behind Caddy"
    S=django-uwsgi-caddy-tls
    cap $S django-404-json-h2.txt 404 app django "unknown order: the view's JSON 404 over HTTP/2" "" -- -sv -k $CT/api/orders/7
    cap $S django-404-page.txt 404 app django "no route: Django's stock 'Not Found' page" "curl -si, HTTP/2" -- -si -k $CT/api/carts/1
    cap $S django-400-bad-json.txt 400 app django "broken JSON: the view's JSON 400" "" -- -sv -k "${JSONH[@]}" -d '{"sku": ' $CT/api/orders
    caphttp $S django-422-httpie.txt 422 app django "HTTPie, qty 0: the view's JSON 422" "HTTPie with colours" -- -v "${NOVERIFY[@]}" POST $CT/api/orders sku=A-1 qty:=0
    cap $S django-403-csrf.txt 403 app django "a POST without the CSRF token: Django's stock 403 page" "curl -si, HTTP/2" -- -si -k -X POST $CT/api/checkout
    cap $S django-500-page-compressed.txt 500 app django "a TypeError: Django's 'Server Error (500)' page" "curl -sv --compressed (under encode's minimum length: sent plain)" -- -sv -k --compressed $CT/api/boom
    capraw $S django-429.txt 429 app django "the view's JSON 429 with Retry-After" "curl -si saved to a file (CRs kept)" -- -si -k $CT/api/limited
    capwin $S django-503.txt 503 app django "the view's maintenance 503" "curl -si pasted with CRLF" -- -si -k $CT/api/maintenance
    cap $S django-404-follow-https.txt 404 app django "plain HTTP: Caddy's 308 to https, then the view's JSON 404 over HTTP/2" "curl -sv -L: two responses" -- -sv -L -k "${RES[@]}" $CHN/api/orders/9
    cap $S caddy-504-timeout-json.txt 504 proxy caddy "the view sleeps 5 s, response_header_timeout 2s: handle_errors' JSON respond" "" -- -sv -k $CT/api/slow
    cap $S caddy-502-legacy-json.txt 502 proxy caddy "/legacy/: an upstream not running, handle_errors' JSON respond" "curl -si, HTTP/2" -- -si -k $CT/legacy/orders/1
    caphttp $S caddy-403-metrics-httpie.txt 403 proxy caddy "HTTPie: the error directive's 403 for /metrics, handle_errors' JSON" "HTTPie with colours" -- -v "${NOVERIFY[@]}" GET $CT/metrics
    cap $S caddy-308-http10.txt 308 proxy caddy "plain HTTP: Caddy's redirect to the TLS site, asked over HTTP/1.0" "curl -si --http1.0" -- -si --http1.0 $CH/api/orders/1
fi

# ============================ Falcon under uWSGI behind nginx (uwsgi_pass) ==
if up nginx && up falcon; then
    log "capturing: Falcon under uWSGI behind nginx"
    S=falcon-uwsgi-nginx
    cap $S falcon-404-json.txt 404 app falcon "unknown order: the resource's own JSON 404" "" -- -sv $NF/api/orders/7
    cap $S falcon-404-route.txt 404 app falcon "no route: Falcon's {\"title\": \"404 Not Found\"}" "curl -si" -- -si $NF/api/carts/1
    cap $S falcon-400-bad-json.txt 400 app falcon "broken JSON to req.get_media(): Falcon's 400 'Invalid JSON'" "" -- -sv "${JSONH[@]}" -d '{"sku": ' $NF/api/orders
    caphttp $S falcon-422-httpie.txt 422 app falcon "HTTPie, qty 0: HTTPUnprocessableEntity with title and description" "HTTPie with colours" -- -v POST $NF/api/orders sku=A-1 qty:=0
    cap $S falcon-405-delete.txt 405 app falcon "DELETE on an order: Falcon's 405 (no responder)" "curl -si" -- -si -X DELETE $NF/api/orders/1
    cap $S falcon-409-compressed.txt 409 app falcon "cancelling a shipped order: HTTPConflict" "curl -sv --compressed (sent plain)" -- -sv --compressed -X POST $NF/api/orders/1/cancel
    capraw $S falcon-500.txt 500 app falcon "a KeyError: Falcon's stock 500" "curl -si saved to a file (CRs kept)" -- -si $NF/api/boom
    capwin $S falcon-503.txt 503 app falcon "HTTPServiceUnavailable with retry_after" "curl -si pasted with CRLF" -- -si $NF/api/maintenance
    cap $S falcon-401.txt 401 app falcon "no token: HTTPUnauthorized with a Bearer challenge" "" -- -sv $NF/api/admin/reports
    cap $S falcon-429.txt 429 app falcon "the resource's JSON 429" "curl -si" -- -si $NF/api/limited
    cap $S nginx-504-uwsgi-timeout.txt 504 proxy nginx "the responder sleeps 5 s, uwsgi_read_timeout 2s: nginx's stock 504" "" -- -sv $NF/api/slow
    cap $S nginx-502-harakiri.txt 502 proxy nginx "an export past uWSGI's harakiri (3 s): the worker is killed, nginx's stock 502" "curl -si" -- -si $NF/api/export
    cap $S nginx-502-v1-dead-socket.txt 502 proxy nginx "/api/v1/: a uWSGI socket that is not there, nginx's stock 502" "" -- -sv $NF/api/v1/orders/1
    cap $S nginx-413-body.txt 413 proxy nginx "a 4 KiB body over client_max_body_size 1k: nginx's stock 413" "curl -si --http1.0" -- -si --http1.0 "${JSONH[@]}" --data-binary @big.json $NF/api/orders
    caphttp $S nginx-404-outside-api-httpie.txt 404 proxy nginx "HTTPie: a path outside /api/, return 404: nginx's stock page" "HTTPie with colours" -- -v GET $NF/status
fi

# ===================================== Sinatra under Puma behind Varnish ==
if up varnish && up sinatra; then
    log "capturing: Sinatra under Puma behind Varnish"
    S=sinatra-puma-varnish
    cap $S sinatra-200-catalog-miss.txt 200 app sinatra "the catalog, first request: a MISS" "X-Cache: MISS" -- -sv $VS/api/catalog
    cap $S varnish-200-catalog-hit.txt 200 cdn-cache varnish "the catalog again: a HIT" "curl -si; X-Cache: HIT" -- -si $VS/api/catalog
    cap $S sinatra-404-json.txt 404 app sinatra "unknown order: halt 404 with JSON" "" -- -sv $VS/api/orders/7
    cap $S sinatra-404-default.txt 404 app sinatra "no route: Sinatra's default 404" "curl -si" -- -si $VS/api/carts/1
    caphttp $S sinatra-422-httpie.txt 422 app sinatra "HTTPie: halt 422 with JSON" "HTTPie with colours" -- -v POST $VS/api/orders sku=A-1 qty:=0
    capraw $S sinatra-500-default.txt 500 app sinatra "a NoMethodError: Sinatra's default 500" "curl -si saved to a file (CRs kept)" -- -si $VS/api/boom
    capwin $S sinatra-503.txt 503 app sinatra "halt 503 with JSON and Retry-After" "curl -si pasted with CRLF" -- -si $VS/api/maintenance
    cap $S varnish-503-first-byte-timeout.txt 503 cdn-cache varnish "the route sleeps 5 s, first_byte_timeout 2s: Varnish's stock 'Backend fetch failed'" "" -- -sv $VS/api/slow
    cap $S varnish-503-legacy.txt 503 cdn-cache varnish "/legacy/: a backend not running, the stock guru meditation" "curl -si" -- -si $VS/legacy/carts/1
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE from an address not in the ACL: synth 405" "curl -si" -- -si -X PURGE $VS/api/catalog
    caphttp $S varnish-403-internal-httpie.txt 403 cdn-cache varnish "HTTPie: synth(403) for /internal/" "HTTPie with colours" -- -v GET $VS/internal/metrics
fi

# ==================================== Varnish -> nginx -> PHP-FPM (chain) ==
if up varnish && up nginx && up php; then
    log "capturing: Varnish -> nginx -> PHP-FPM"
    S=varnish-nginx-php-fpm
    cap $S php-404-json-chain.txt 404 app php "unknown invoice: the front controller's JSON 404 through nginx and Varnish" "" -- -sv $VB/api/invoices/9
    cap $S php-422-chain.txt 422 app php "a payment without an amount: the JSON 422 (POST, passed)" "curl -si" -- -si "${JSONH[@]}" -d '{"currency":"EUR"}' $VB/api/payments
    caphttp $S php-401-chain-httpie.txt 401 app php "HTTPie, no token: the JSON 401" "HTTPie with colours" -- -v GET $VB/api/admin/ledger
    cap $S php-500-empty-chain.txt 500 app php "an Error, display_errors off: PHP's empty 500 under PHP-FPM" "curl -si" -- -si $VB/api/boom
    capraw $S php-503-chain.txt 503 app php "the front controller's maintenance 503" "curl -si saved to a file (CRs kept)" -- -si $VB/api/maintenance
    cap $S php-fpm-404-file-not-found.txt 404 app php-fpm "a .php URL for a script that is not there (no try_files): PHP-FPM's 'File not found.'" "curl -si" -- -si $VB/legacy.php
    cap $S nginx-504-json-via-varnish.txt 504 proxy nginx "the script sleeps 5 s: fastcgi_read_timeout 2s fires before Varnish's 4 s, error_page 504 at a JSON file" "" -- -sv $VB/api/slow
    cap $S varnish-503-exports-timeout.txt 503 cdn-cache varnish "an export of 3 s, first_byte_timeout 1s for /api/exports/: Varnish's stock 503 before nginx answers" "curl -si" -- -si $VB/api/exports/2024
    cap $S nginx-404-stock-via-varnish.txt 404 proxy nginx "a path outside /api/: nginx's stock 404 (no such file), through Varnish" "curl -sv --compressed" -- -sv --compressed $VB/invoices/9
    cap $S php-403-cors-chain.txt 403 app php "a preflight from an origin not on the list: the front controller's JSON 403" "CORS preflight" -- -si -X OPTIONS "${EVIL[@]}" $VB/api/payments
fi

# ================================================= body-only pastes ==
log "capturing: body-only, --fail-with-body and headers-only pastes"
S=body-only-paste
up squid && capbody $S body-squid-504-read-timeout.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page" "no number" -- $SQ/api/slow
up varnish && capbody $S body-varnish-503-guru.txt 503/503 cdn-cache varnish "Varnish's stock 'Error 503 Backend fetch failed'" "" -- $VS/legacy/orders/4
up hosted && capbody $S body-apache-500-wsgi-import.txt 500/500 app apache "Apache's own 500 page for a WSGI script that fails to import (it hosts the app)" "" -- $AF/api/v2/invoices
up nginx && up falcon && capbody $S body-falcon-404-route.txt 404/404 app falcon "Falcon's {\"title\": \"404 Not Found\"}" "" -- $NF/api/carts/2
up caddy && capbody $S body-caddy-502-json.txt 502/502 proxy caddy "Caddy's handle_errors JSON for a dead upstream" "" -- -k $CT/legacy/orders/3
up varnish && up nginx && up php && capbody $S body-php-fpm-file-not-found.txt 0/404 app php-fpm "PHP-FPM's 'File not found.'" "no number" -- $VB/old/index.php
up passenger && capbody $S body-passenger-500.txt 0/500 app passenger "Passenger's page for an app that could not be started" "no number" -- $RP/reports/weekly
up caddy && capbody $S body-django-404-page.txt 0/404 app django "Django's stock 'Not Found' page" "no number" -- -k $CT/api/carts/2

S=fail-with-body-paste
up varnish && up nginx && up php && capfail $S fail-nginx-504-json.txt 504 proxy nginx "nginx's error_page 504 JSON, through Varnish" "curl --fail-with-body -sS" -- $VB/api/slow
up squid && capfail $S fail-squid-403.txt 403 cdn-cache squid "Squid's ERR_ACCESS_DENIED" "curl --fail-with-body -sS" -- $SQ/internal/debug
up nginx && up falcon && capfail $S fail-falcon-422.txt 422 app falcon "Falcon's HTTPUnprocessableEntity JSON" "curl --fail-with-body -sS" -- "${JSONH[@]}" -d '{"sku":"A-1","qty":-1}' $NF/api/orders
up caddy && capfail $S fail-caddy-504-json.txt 504 proxy caddy "Caddy's handle_errors JSON for the timeout" "curl --fail-with-body -sS" -- -k $CT/api/slow
up passenger && capfail $S fail-apache-413-passenger.txt 413 app apache "Apache's own 413 page on the Passenger host" "curl --fail-with-body -sS" -- "${JSONH[@]}" --data-binary @big.json $RP/api/orders

# ================================================ headers-only pastes ==
S=headers-only-paste
up squid && caphead $S head-squid-200-hit.txt 200 cdn-cache squid "curl -sI on the cached catalog" "X-Cache: HIT" -- $SQ/api/catalog
up varnish && up sinatra && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on the cached catalog" "X-Cache: HIT" -- $VS/api/catalog
up caddy && caphead $S head-caddy-308.txt 308 proxy caddy "curl -sI on plain HTTP: Caddy's redirect to https" "" -- $CH/api/health
up nginx && up falcon && caphead $S head-falcon-405.txt 405 app falcon "curl -sI (HEAD) on a POST-only route: Falcon's 405" "" -- $NF/api/orders/1/cancel
up hosted && caphead $S head-apache-404-hosted.txt 404 app apache "curl -sI on a path outside the mod_wsgi mount: Apache's 404 (the app's host)" "" -- $AF/health

# ================================== servers go away behind their fronts ==
if up squid; then
    stop_name fastapi
    sleep 0.5
    capwget fastapi-uvicorn-squid squid-503-uvicorn-stopped-wget.txt 503 cdn-cache squid "uvicorn is stopped: ERR_CONNECT_FAIL" "wget -S -O-" -- $SQ/api/orders/1
    cap fastapi-uvicorn-squid squid-200-hit-uvicorn-stopped.txt 200 cdn-cache squid "uvicorn is stopped, the catalog is still fresh: a HIT" "curl -si" -- -si $SQ/api/catalog
fi
if up caddy; then
    stop_name uwsgi-django INT
    sleep 0.5
    caphttp django-uwsgi-caddy-tls caddy-502-uwsgi-stopped-httpie.txt 502 proxy caddy "HTTPie: uWSGI is stopped, handle_errors' JSON" "HTTPie with colours" -- -v "${NOVERIFY[@]}" GET $CT/api/orders/1
fi
if up nginx && up falcon; then
    stop_name uwsgi-falcon INT
    sleep 0.5
    capwget falcon-uwsgi-nginx nginx-502-uwsgi-stopped-wget.txt 502 proxy nginx "uWSGI is stopped: nginx's stock 502" "wget -S -O-" -- $NF/api/orders/1
fi
if up varnish && up sinatra; then
    stop_name puma-sinatra
    sleep 0.5
    capwget sinatra-puma-varnish varnish-503-puma-stopped-wget.txt 503 cdn-cache varnish "Puma is stopped: Varnish's stock 503" "wget -S -O-" -- $VS/api/orders/2
    cap sinatra-puma-varnish varnish-200-hit-puma-stopped.txt 200 cdn-cache varnish "Puma is stopped, the catalog is still fresh: a HIT" "" -- -sv $VS/api/catalog
fi
if up varnish && up nginx && up php; then
    stop_name php-fpm
    sleep 0.5
    capwin varnish-nginx-php-fpm nginx-502-json-fpm-stopped.txt 502 proxy nginx "PHP-FPM is stopped: nginx's error_page 502 JSON, through Varnish" "curl -si pasted with CRLF" -- -si $VB/api/invoices/1
    stop_name nginx
    sleep 0.5
    cap varnish-nginx-php-fpm varnish-503-nginx-stopped.txt 503 cdn-cache varnish "nginx is stopped too: Varnish's stock 503" "" -- -sv $VB/api/invoices/2
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round21/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
