#!/usr/bin/env bash
# capture-round69.sh — build the sixty-ninth held-out evidence corpus in
# tests/fixtures/evidence-round69/.
#
# "Mainstream Python, a twenty-fourth pairing": six Python app stacks, each
# behind one mainstream front it had not stood behind before in that exact
# app + app server + front form (see the README's table). Front configs in
# scripts/corpus/conf-round69/ (round 67's, ports moved into 60600-60699,
# upstreams swapped, upstream timeouts 3 s). No new app code: every app is
# reused by path:
#   - Django 5.2 (apps55/django_app.py, as WSGI by apps57/django_wsgi.py)
#     under waitress 3.0 behind nginx 1.22 (HTTP/1.1, TLS + HTTP/2);
#   - Starlette 1.10 (apps63/starlette_app.py) under uvicorn 0.55 behind
#     Apache 2.4 mod_proxy_http (HTTP/1.1, h2c);
#   - Litestar 2.25 (apps65/litestar_app.py) under uvicorn behind Caddy 2.6
#     (HTTP/1.1, TLS + HTTP/2);
#   - FastAPI 0.165 (apps55/fastapi_app.py) under Hypercorn 0.18 behind
#     HAProxy 2.6 (HTTP/1.1, h2c);
#   - Flask 3.1 with cacheable invoice 1 and /api/rates (apps63/flask_cached.py)
#     under Hypercorn 0.18 (as WSGI) behind Varnish 7.1 (HITs, a 304, grace, h2c);
#   - Litestar 2.25 (cacheable invoice 1 and /api/rates) under uvicorn behind
#     Squid 5.7 as a reverse accelerator (a HIT, a 304, a 412).
# Each front puts its own request id on what it sends back (its own error
# pages too), answers some paths itself (JSON 429 and 503, an empty 503) and
# fails its stock ways (dead upstream, slow upstream, unknown Host, a body or
# header too large, a method it refuses). Paste forms as round 67's.
#
#   scripts/corpus/capture-round69.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round69.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round69.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60600-60699) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round69.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round69"
RUN=/tmp/api-triage-corpus69-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round69"
APPS55="$HERE/apps55"
APPS57="$HERE/apps57"
APPS63="$HERE/apps63"
APPS65="$HERE/apps65"
# three venvs, copied from earlier rounds' (their pins differ):
VENV63=${CORPUS_VENV69A:-/tmp/api-triage-corpus69-venv63}   # Flask, Hypercorn, HTTPie
VENV64=${CORPUS_VENV69B:-/tmp/api-triage-corpus69-venv64}   # FastAPI, Starlette, Hypercorn, uvicorn
VENV65=${CORPUS_VENV69C:-/tmp/api-triage-corpus69-venv65}   # Django, Litestar, uvicorn, waitress
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
HTTPIE=("$VENV63/bin/python" -m httpie)   # HTTPie 3.2.4 from PyPI
PYPI63=(flask==3.1.3 hypercorn==0.18.0 httpie==3.2.4)
PYPI64=(fastapi==0.165.0 starlette==1.10.0 hypercorn==0.18.0 uvicorn==0.55.0)
PYPI65=(django==5.2.19 litestar==2.25.0 uvicorn==0.55.0 waitress==3.0.2)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus69 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx haproxy varnish squid caddy python3-venv)
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

install_venv() {  # install_venv DIR IMPORTS PACKAGES... : one venv from PyPI
    local dir=$1 imports=$2; shift 2
    [[ -x $dir/bin/python ]] && "$dir/bin/python" -c "import $imports" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[$dir]="venv missing"; return 0; }
    log "pip install into $dir: $*"
    "$PY" -m venv "$dir" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[$dir]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$dir/bin/pip" install -q "$@" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[$dir]="pip install failed (see logs/pip.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$VENV63/"* || $cmd == *"$VENV64/"* || $cmd == *"$VENV65/"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round69.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
    [[ -x ${HTTPIE[0]} ]] || return 0
    cmdline http "$@" >"$dest"
    in_work timeout 20 "${HTTPIE[@]}" --ignore-stdin --pretty=all --style=monokai --timeout=10 "$@" >>"$dest" 2>&1
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
[[ -d $CONF && -d $APPS55 && -d $APPS57 && -d $APPS63 && -d $APPS65 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv "$VENV63" "flask, hypercorn, httpie" "${PYPI63[@]}"
install_venv "$VENV64" "fastapi, starlette, hypercorn, uvicorn" "${PYPI64[@]}"
install_venv "$VENV65" "django, litestar, uvicorn, waitress" "${PYPI65[@]}"
for v in "$VENV63" "$VENV64" "$VENV65"; do
    [[ -z ${SKIPPED[$v]:-} ]] || die "the venv $v is missing (${SKIPPED[$v]})"
done
have openssl || die "openssl is missing"

# apps: Django (WSGI) under waitress 60615 (nginx 60680, TLS 60643),
# Starlette under uvicorn 60616 (Apache 60681, h2c on the same port),
# Litestar under uvicorn 60617 (Caddy 60683, TLS 60644), FastAPI under
# Hypercorn 60618 (HAProxy 60682, h2c 60645), the cacheable Flask app under
# Hypercorn 60619 (Varnish 60690, h2c on the same port), a second Litestar
# under uvicorn 60620 (Squid 60650). 60699 is never listened on (the dead
# upstream every front has).
APP_PORTS=(60615 60616 60617 60618 60619 60620)
FRONT_PORTS=(60680 60643 60681 60683 60644 60682 60645 60690 60650)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 60699; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: a self-signed cert for the HTTP/2 ports of nginx and Caddy -------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Ledgerly/CN=api.ledgerly.test" \
    -addext "subjectAltName=DNS:api.ledgerly.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg django env PYTHONPATH="$APPS55:$APPS57" nice -n 5 "$VENV65/bin/python" -m waitress --threads=8 \
    --listen=127.0.0.1:60615 django_wsgi:wsgi
start_bg starlette nice -n 5 "$VENV64/bin/python" -m uvicorn --app-dir "$APPS63" --host 127.0.0.1 --port 60616 \
    --no-access-log starlette_app:app
start_bg litestar env PYTHONPATH="$APPS65" nice -n 5 "$VENV65/bin/python" -m uvicorn --host 127.0.0.1 --port 60617 \
    --no-access-log litestar_app:app
start_bg fastapi env PYTHONPATH="$APPS55" nice -n 5 "$VENV64/bin/python" -m hypercorn --bind 127.0.0.1:60618 fastapi_app:app
start_bg flask env PYTHONPATH="$APPS63" nice -n 5 "$VENV63/bin/python" -m hypercorn --bind 127.0.0.1:60619 flask_cached:app
start_bg litestar2 env PYTHONPATH="$APPS65" nice -n 5 "$VENV65/bin/python" -m uvicorn --host 127.0.0.1 --port 60620 \
    --no-access-log litestar_app:app
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
    wait_port 60681 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60683 caddy && wait_port 60644 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
cp "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 60682 haproxy && wait_port 60645 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN"/varnish
cp "$CONF/varnish-flask.vcl" "$RUN/varnish/flask.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:60690 -T none -f "$RUN/varnish/flask.vcl" \
    -n "$RUN/varnish/flask" -s malloc,16m -p feature=+http2
wait_port 60690 varnish && UP[varnish]=1

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus69 -f "$RUN/squid/squid.conf"
wait_port 60650 squid && UP[squid]=1

mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/www/docs
: >"$RUN/nginx/www/empty-503"
printf '<!doctype html><title>Ledgerly API docs</title><h1>Ledgerly invoices API</h1>\n' >"$RUN/nginx/www/docs/index.html"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60680 nginx && wait_port 60643 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
sleep 1.5

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60600 || p > 60699) print}')
[[ -z $NEWPORTS ]] || die "a server listens outside 60600-60699: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 69 (held out): real responses captured by
# scripts/corpus/capture-round69.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-68:
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
NG=http://$H:60680 NGS=https://$H:60643 AP=http://$H:60681 CD=http://$H:60683 CDS=https://$H:60644
HA=http://$H:60682 HA2=http://$H:60645 VN=http://$H:60690 SQ=http://$H:60650
# one --resolve per front keeps the transcripts short
RNG="--resolve $H:60680:127.0.0.1" RNGS="--resolve $H:60643:127.0.0.1" RAP="--resolve $H:60681:127.0.0.1"
RCD="--resolve $H:60683:127.0.0.1" RCDS="--resolve $H:60644:127.0.0.1" RHA="--resolve $H:60682:127.0.0.1"
RHA2="--resolve $H:60645:127.0.0.1" RVN="--resolve $H:60690:127.0.0.1" RSQ="--resolve $H:60650:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
BIGH="X-Trace-Context: $(printf 't%.0s' $(seq 1 1500))"
BIGH8="X-Trace-Context: $(printf 't%.0s' $(seq 1 8000))"
BIGBODY=$(printf '{"ref":"LG-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")

# ============================================= nginx -> Django (waitress) ==
if up nginx; then
    log "capturing: Django (WSGI) under waitress behind nginx"
    S=django-waitress-nginx
    cap $S django-200-invoice-nginx.txt 200 app django "invoice 1 through nginx" "X-Request-ID from nginx, Server: nginx (waitress's Server replaced)" -- -sv $RNG $NG/api/invoices/1
    caphttp $S django-401-account-nginx-httpie.txt 401 app django "HTTPie, no token: the view's JSON 401 (Bearer)" "HTTPie with colours" -- -v GET http://127.0.0.1:60680/api/account Host:$H
    caplt $S django-409-post-nginx-h2.txt 409 app django "HTTP/2: POST an existing ref, the view's JSON 409" "curl -sv, only the < lines kept" -- -sv -k $RNGS -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $NGS/api/invoices
    capcut $S django-422-post-nginx.txt 422 app django "POST without ref: the view's JSON 422" "curl -si, body cut off after the headers" -- -si $RNG -X POST "${JSONH[@]}" -d '{"total":2}' $NG/api/invoices
    capwin $S django-503-maintenance-nginx.txt 503 app django "the view's own JSON 503 (maintenance)" "curl -si pasted with CRLF" -- -si $RNG $NG/api/maintenance
    cap $S django-504-bank-html-nginx.txt 504 app django "the app's own HTML 504 page, passed on" "" -- -sv $RNG $NG/api/bank
    cap $S django-500-boom-nginx.txt 500 app django "an exception in the view, DEBUG off: Django's HTML 'Server Error (500)'" "curl -si" -- -si $RNG $NG/api/boom
    cap $S django-404-route-nginx-h2.txt 404 app django "HTTP/2: no route, Django's HTML 'Not Found'" "" -- -sv -k $RNGS $NGS/api/v2/invoices
    quiet $RNG $NG/api/exports/daily
    cap $S nginx-429-exports-json.txt 429 proxy nginx "limit_req on /api/exports/, the second request: nginx's own JSON 429 from error_page" "X-Request-ID from nginx" -- -sv $RNG $NG/api/exports/daily
    caplt $S nginx-503-refunds-json.txt 503 proxy nginx "/api/refunds/: nginx answers a JSON 503 itself" "curl -sv, only the < lines kept" -- -sv $RNG $NG/api/refunds/42
    capwin $S nginx-504-slow.txt 504 proxy nginx "the view sleeps 5 s, proxy_read_timeout 3s: nginx's 504 page" "curl -si pasted with CRLF" -- -si $RNG $NG/api/slow
    capwget $S nginx-502-old-wget.txt 502 proxy nginx "/old/ straight to a port nobody listens on: nginx's 502 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60680/old/invoices/1
    cap $S nginx-421-unknown-host-h2.txt 421 proxy nginx "HTTP/2 to the bare IP: the default server's return 421" "" -- -sv -k https://127.0.0.1:60643/api/invoices/1
    capcut $S nginx-413-body.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's 413 page" "curl -si, body cut off after the headers" -- -si $RNG -X POST "${JSONH[@]}" -d "$BIGBODY" $NG/api/invoices
    capraw $S nginx-400-header-too-large.txt 400 proxy nginx "a 1.5 KB header, 1k buffers: nginx's 400 'Request Header Or Cookie Too Large'" "curl -si saved to a file (CRs kept)" -- -si $RNG -H "$BIGH" $NG/api/invoices/1
fi

# ================================================ Apache -> Starlette (uvicorn) ==
if up apache; then
    log "capturing: Starlette under uvicorn behind Apache"
    S=starlette-uvicorn-apache
    cap $S starlette-200-invoice-apache.txt 200 app starlette "invoice 1 through Apache" "Via from ProxyVia, X-Request-Id from mod_unique_id, server: uvicorn" -- -sv $RAP $AP/api/invoices/1
    capraw $S starlette-201-post-apache.txt 201 app starlette "POST a new ref: the handler's JSON 201" "curl -si saved to a file (CRs kept)" -- -si $RAP -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $AP/api/invoices
    caphttp $S starlette-422-post-apache-httpie.txt 422 app starlette "HTTPie POST without ref: the handler's JSON 422, Via added" "HTTPie with colours" -- -v POST http://127.0.0.1:60681/api/invoices Host:$H total:=2
    cap $S starlette-403-admin-apache.txt 403 app starlette "the handler's JSON 403" "curl -si" -- -si $RAP $AP/api/admin
    capcut $S starlette-503-statements-html-apache.txt 503 app starlette "the app's own HTML 503 page, passed on with Via" "curl -si, body cut off after the headers" -- -si $RAP $AP/api/statements
    cap $S starlette-500-boom-apache.txt 500 app starlette "an exception: ServerErrorMiddleware's plain 'Internal Server Error'" "curl -si" -- -si $RAP $AP/api/boom
    cap $S starlette-404-route-apache-h2c.txt 404 app starlette "HTTP/2 (h2c): no route, Starlette's plain 'Not Found'" "curl -si" -- -si --http2-prior-knowledge $RAP $AP/api/v2/invoices
    cap $S starlette-405-delete-apache.txt 405 app starlette "DELETE on a GET route: Starlette's plain 'Method Not Allowed'" "" -- -sv $RAP -X DELETE $AP/api/invoices/1
    cap $S apache-429-exports-json.txt 429 proxy apache "/api/exports/: mod_rewrite R=429 with a JSON ErrorDocument" "curl -si" -- -si $RAP $AP/api/exports/daily
    capwin $S apache-503-refunds-json.txt 503 proxy apache "/api/refunds/: mod_rewrite R=503 with a JSON ErrorDocument" "curl -si pasted with CRLF" -- -si $RAP $AP/api/refunds/42
    cap $S apache-502-slow.txt 502 proxy apache "the handler waits 5 s, ProxyTimeout 3: Apache's 'Proxy Error' page" "" -- -sv $RAP $AP/api/slow
    capwget $S apache-503-legacy-down-wget.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60681/legacy/invoices/1
    caplt $S apache-404-unknown-host.txt 404 proxy apache "the bare IP as Host: the first virtual host, an empty folder: Apache's 404 page" "curl -sv, only the < lines kept" -- -sv http://127.0.0.1:60681/api/invoices/1
    cap $S apache-400-header-too-large.txt 400 proxy apache "a 1.5 KB header, LimitRequestFieldSize 1024: Apache's 400 page" "" -- -sv $RAP -H "$BIGH" $AP/api/invoices/1
    capcut $S apache-405-trace-h2c.txt 405 proxy apache "HTTP/2 (h2c): TRACE with TraceEnable Off, Apache's 405 page" "curl -si, body cut off after the headers" -- -si --http2-prior-knowledge $RAP -X TRACE $AP/api/invoices/1
fi

# ============================================== Caddy -> Litestar (uvicorn) ==
if up caddy; then
    log "capturing: Litestar under uvicorn behind Caddy"
    S=litestar-uvicorn-caddy
    cap $S litestar-200-invoice-caddy.txt 200 app litestar "invoice 1 through Caddy" "X-Request-ID from Caddy, Server: Caddy and server: uvicorn" -- -sv $RCD $CD/api/invoices/1
    caphttp $S litestar-401-account-caddy-httpie.txt 401 app litestar "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60683/api/account Host:$H:60683
    capraw $S litestar-201-post-caddy.txt 201 app litestar "POST a new ref: the handler's JSON 201 with Location" "curl -si saved to a file (CRs kept)" -- -si $RCD -X POST "${JSONH[@]}" -d '{"ref":"LG-2001"}' $CD/api/invoices
    caplt $S litestar-409-post-caddy-h2.txt 409 app litestar "HTTP/2: POST an existing ref, the handler's JSON 409" "curl -sv, only the < lines kept" -- -sv -k $RCDS -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $CDS/api/invoices
    capwin $S litestar-502-payments-html-caddy.txt 502 app litestar "the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RCD $CD/api/payments
    cap $S litestar-500-boom-caddy.txt 500 app litestar "a KeyError: Litestar's JSON 500 {\"status_code\":500,\"detail\":\"Internal Server Error\"}" "curl -si" -- -si $RCD $CD/api/boom
    capcut $S litestar-405-delete-caddy.txt 405 app litestar "DELETE on a GET route: Litestar's JSON 405" "curl -si, body cut off after the headers" -- -si $RCD -X DELETE $CD/api/invoices/1
    cap $S litestar-404-invoice-id-caddy.txt 404 app litestar "an invoice id that is not a number: Litestar's stock JSON 404 (the int path does not match)" "" -- -sv $RCD $CD/api/invoices/abc
    cap $S caddy-429-exports-json-h2.txt 429 proxy caddy "HTTP/2: /api/exports/*, Caddy's respond with a JSON 429" "curl -si" -- -si -k $RCDS $CDS/api/exports/daily
    caplt $S caddy-503-refunds-json.txt 503 proxy caddy "/api/refunds/*: Caddy's respond with a JSON 503" "curl -sv, only the < lines kept" -- -sv $RCD $CD/api/refunds/42
    cap $S caddy-504-slow-empty.txt 504 proxy caddy "the handler waits 5 s, response_header_timeout 3s: Caddy's 504, empty body" "" -- -sv $RCD $CD/api/slow
    capwget $S caddy-502-legacy-empty-wget.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, empty body" "wget -S -O-" -- --header="Host: $H:60683" http://127.0.0.1:60683/legacy/invoices/1
    cap $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB: the 431 Caddy's Go server writes" "curl -si" -- -si $RCD -H "$BIGH8" $CD/api/invoices/1
    cap $S caddy-421-unknown-host-empty.txt 421 proxy caddy "a Host that is not ours: the catch-all site's respond 421, empty body" "" -- -sv -H "Host: shop.ledgerly.test:60683" http://127.0.0.1:60683/api/invoices/1
    capwin $S caddy-502-legacy-empty-h2.txt 502 proxy caddy "HTTP/2: /legacy/* to a port nobody listens on, Caddy's empty 502" "curl -si pasted with CRLF" -- -si -k $RCDS $CDS/legacy/invoices/1
fi

# ============================================ HAProxy -> FastAPI (Hypercorn) ==
if up haproxy; then
    log "capturing: FastAPI under Hypercorn behind HAProxy"
    S=fastapi-hypercorn-haproxy
    cap $S fastapi-200-invoice-haproxy.txt 200 app fastapi "invoice 1 through HAProxy" "X-Request-ID set by HAProxy, server: hypercorn-h11" -- -sv $RHA $HA/api/invoices/1
    cap $S fastapi-200-invoice-haproxy-h2c.txt 200 app fastapi "HTTP/2 (h2c) to HAProxy: invoice 1" "" -- -sv --http2-prior-knowledge $RHA2 $HA2/api/invoices/1
    caphttp $S fastapi-401-account-haproxy-httpie.txt 401 app fastapi "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60682/api/account Host:$H
    caplt $S fastapi-422-post-haproxy.txt 422 app fastapi "POST without ref: FastAPI's stock validation 422 {\"detail\":[...]}" "curl -sv, only the < lines kept" -- -sv $RHA -X POST "${JSONH[@]}" -d '{"total":2}' $HA/api/invoices
    cap $S fastapi-422-invoice-id-haproxy.txt 422 app fastapi "an invoice id that is not a number: FastAPI's stock validation 422" "curl -si" -- -si $RHA $HA/api/invoices/abc
    cap $S fastapi-429-quota-haproxy.txt 429 app fastapi "the handler's own JSON 429 with Retry-After, next to HAProxy's" "" -- -sv $RHA $HA/api/quota
    capwin $S fastapi-503-statements-html-haproxy.txt 503 app fastapi "the app's own HTML 503 page, passed on" "curl -si pasted with CRLF" -- -si $RHA $HA/api/statements
    cap $S fastapi-500-boom-haproxy.txt 500 app fastapi "an exception: the plain 'Internal Server Error'" "curl -si" -- -si $RHA $HA/api/boom
    capcut $S fastapi-404-route-haproxy.txt 404 app fastapi "no route: FastAPI's {\"detail\":\"Not Found\"}" "curl -si, body cut off after the headers" -- -si $RHA $HA/api/v2/invoices
    cap $S haproxy-429-exports-json.txt 429 load-balancer haproxy "/api/exports/: http-request return with a JSON 429" "curl -si" -- -si $RHA $HA/api/exports/daily
    caplt $S haproxy-503-refunds-json.txt 503 load-balancer haproxy "/api/refunds/: http-request return with a JSON 503" "curl -sv, only the < lines kept" -- -sv $RHA $HA/api/refunds/42
    cap $S haproxy-503-beta-empty-h2c.txt 503 load-balancer haproxy "HTTP/2 (h2c): /api/beta/, http-request return status 503 with no body" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/beta/labels
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "the handler waits 5 s, timeout server 3s: HAProxy's 504 page" "" -- -sv $RHA $HA/api/slow
    capwget $S haproxy-503-legacy-down-wget.txt 503 load-balancer haproxy "/legacy/: the only server is down by its check, HAProxy's 503 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60682/legacy/invoices/1
    capcut $S haproxy-404-unknown-host.txt 404 load-balancer haproxy "the bare IP as Host: deny_status 404, HAProxy's stock 404 page" "curl -si, body cut off after the headers" -- -si http://127.0.0.1:60682/api/invoices/1
fi

# ====================================== Varnish -> Flask (Hypercorn, WSGI) ==
if up varnish; then
    log "capturing: Flask (cacheable copy) under Hypercorn behind Varnish"
    S=flask-hypercorn-varnish
    cap $S flask-200-invoice-varnish-miss.txt 200 app flask "invoice 1, first request: a MISS" "X-Cache: MISS, Via: varnish, server: hypercorn-h11" -- -sv $RVN $VN/api/invoices/1
    cap $S varnish-200-invoice-hit.txt 200 cdn-cache varnish "invoice 1 again: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $RVN $VN/api/invoices/1
    caplt $S varnish-304-invoice-if-none-match.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "curl -sv, only the < lines kept" -- -sv $RVN -H 'If-None-Match: "inv-1-v3"' $VN/api/invoices/1
    cap $S varnish-200-invoice-hit-h2c.txt 200 cdn-cache varnish "HTTP/2 (h2c): invoice 1 from Varnish's store" "X-Cache: HIT" -- -sv --http2-prior-knowledge $RVN $VN/api/invoices/1
    quiet $RVN $VN/api/rates
    sleep 2.5
    cap $S varnish-200-rates-grace.txt 200 cdn-cache varnish "/api/rates past its 1 s ttl, inside grace: the stale copy, fetched again behind it" "curl -si; X-Cache: HIT-STALE" -- -si $RVN $VN/api/rates
    caphttp $S flask-401-account-varnish-httpie.txt 401 app flask "HTTPie, no token: the view's JSON 401, Via added by Varnish" "HTTPie with colours" -- -v GET http://127.0.0.1:60690/api/account Host:$H
    capraw $S flask-409-post-varnish.txt 409 app flask "POST (passed) of an existing ref: the view's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RVN -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $VN/api/invoices
    capcut $S flask-503-statements-html-varnish.txt 503 app flask "the app's own HTML 503 page, passed on with Via" "curl -si, body cut off after the headers" -- -si $RVN $VN/api/statements
    cap $S flask-500-boom-varnish.txt 500 app flask "an exception: Werkzeug's HTML 500 page, passed on" "curl -si" -- -si $RVN $VN/api/boom
    cap $S flask-404-route-varnish.txt 404 app flask "no route: Werkzeug's HTML 404 page, passed on (not stored)" "curl -si" -- -si $RVN $VN/api/v2/invoices
    cap $S varnish-429-exports-synth.txt 429 cdn-cache varnish "/api/exports/: synth(429) with a JSON body" "curl -si" -- -si $RVN $VN/api/exports/daily
    capwin $S varnish-503-refunds-synth.txt 503 cdn-cache varnish "/api/refunds/: synth(503) with a JSON maintenance body" "curl -si pasted with CRLF" -- -si $RVN $VN/api/refunds/42
    caplt $S varnish-503-beta-empty.txt 503 cdn-cache varnish "/api/beta/: a synth 503 delivered with no body" "curl -sv, only the < lines kept" -- -sv $RVN $VN/api/beta/labels
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the view waits 5 s, first_byte_timeout 3s: 'Backend fetch failed'" "" -- -sv $RVN $VN/api/slow
    capwget $S varnish-503-legacy-down-wget.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed'" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60690/legacy/invoices/1
    cap $S varnish-404-unknown-host.txt 404 cdn-cache varnish "a Host that is not ours: synth(404), the builtin page" "curl -si" -- -si -H "Host: shop.ledgerly.test" http://127.0.0.1:60690/api/invoices/1
    cap $S varnish-405-purge-h2c.txt 405 cdn-cache varnish "HTTP/2 (h2c): PURGE, synth(405)" "" -- -sv --http2-prior-knowledge $RVN -X PURGE $VN/api/invoices/1
fi

# =========================================== Squid -> Litestar (uvicorn) ==
if up squid; then
    log "capturing: Litestar under uvicorn behind Squid"
    S=litestar-uvicorn-squid
    cap $S litestar-200-invoice-squid-miss.txt 200 app litestar "invoice 1, first request: a MISS" "Via, X-Cache: MISS, Squid's X-Request-ID" -- -sv $RSQ $SQ/api/invoices/1
    cap $S squid-200-invoice-hit.txt 200 cdn-cache squid "invoice 1 again: from Squid's memory cache" "curl -si; X-Cache: HIT, Age" -- -si $RSQ $SQ/api/invoices/1
    capraw $S squid-304-invoice-if-none-match.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's own 304" "curl -si saved to a file (CRs kept)" -- -si $RSQ -H 'If-None-Match: "inv-1-v3"' $SQ/api/invoices/1
    caplt $S squid-412-invoice-if-match.txt 412 cdn-cache squid "If-Match with an old ETag on a stored object: Squid's 412" "curl -sv, only the < lines kept" -- -sv $RSQ -H 'If-Match: "inv-1-v2"' $SQ/api/invoices/1
    caphttp $S litestar-401-account-squid-httpie.txt 401 app litestar "HTTPie, no token: the handler's JSON 401, Via added by Squid" "HTTPie with colours" -- -v GET http://127.0.0.1:60650/api/account Host:$H
    capcut $S litestar-422-post-squid.txt 422 app litestar "POST without ref: the handler's JSON 422" "curl -si, body cut off after the headers" -- -si $RSQ -X POST "${JSONH[@]}" -d '{"total":2}' $SQ/api/invoices
    capwin $S litestar-503-maintenance-squid.txt 503 app litestar "the handler's own JSON 503 (maintenance)" "curl -si pasted with CRLF" -- -si $RSQ $SQ/api/maintenance
    cap $S litestar-504-bank-html-squid.txt 504 app litestar "the app's own HTML 504 page, passed on with Via" "" -- -sv $RSQ $SQ/api/bank
    cap $S squid-504-slow.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 3 seconds: ERR_READ_TIMEOUT" "" -- -sv $RSQ $SQ/api/slow
    capwget $S squid-502-legacy-down-wget.txt 502 cdn-cache squid "/legacy/ to a peer that is not running: Squid's error page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60650/legacy/invoices/1
    capcut $S squid-403-unknown-host.txt 403 cdn-cache squid "a Host that is not ours: ERR_ACCESS_DENIED" "curl -si, body cut off after the headers" -- -si -H "Host: shop.ledgerly.test" http://127.0.0.1:60650/api/invoices/1
    cap $S squid-413-body.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: ERR_TOO_BIG" "" -- -sv $RSQ -X POST "${JSONH[@]}" -d "$BIGBODY" $SQ/api/invoices
    cap $S squid-431-header-too-large.txt 431 cdn-cache squid "an 8 KB header, request_header_max_size 2 KB: Squid's 431 page" "curl -si" -- -si $RSQ -H "$BIGH8" $SQ/api/invoices/1
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-502-old.txt 502/502 proxy nginx "nginx's 502 page" "" -- $RNG $NG/old/invoices/2
up nginx && capbody $S body-django-500-boom.txt 500/500 app django "Django's HTML 'Server Error (500)', its title shows the number" "" -- $RNG $NG/api/boom
up apache && capbody $S body-starlette-404-route.txt 0/404 app starlette "Starlette's plain 'Not Found', no number shown" "" -- $RAP $AP/api/v3/invoices
up caddy && capbody $S body-caddy-503-refunds-json.txt 0/503 proxy caddy "Caddy's respond JSON 503, no status number in it" "" -- $RCD $CD/api/refunds/9
up caddy && capbody $S body-litestar-405-delete.txt 405/405 app litestar "Litestar's JSON 405, its status_code in the body" "" -- $RCD -X DELETE $CD/api/invoices/1
up haproxy && capbody $S body-fastapi-422-post.txt 0/422 app fastapi "FastAPI's validation {\"detail\":[...]}, no number shown" "" -- $RHA -X POST "${JSONH[@]}" -d '{"total":3}' $HA/api/invoices
up varnish && capbody $S body-varnish-503-slow.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page" "" -- $RVN "$VN/api/slow?from=dashboard"
up varnish && capbody $S body-flask-404-route.txt 404/404 app flask "Werkzeug's HTML 404 page, its title shows the number" "" -- $RVN $VN/api/v3/invoices
up squid && capbody $S body-squid-403-unknown-host.txt 0/403 cdn-cache squid "Squid's ERR_ACCESS_DENIED page, no number in its title or heading" "" -- -H "Host: shop.ledgerly.test" http://127.0.0.1:60650/api/invoices/2
up squid && capbody $S body-litestar-502-payments-html.txt 502/502 app litestar "the app's own HTML 502 page, its title shows the number" "" -- $RSQ $SQ/api/payments

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-503-beta.txt 503 proxy nginx "curl -sI on /api/beta/: nginx's empty 503" "" -- $RNG $NG/api/beta/labels
up apache && caphead $S head-apache-429-exports.txt 429 proxy apache "curl -sI on /api/exports/: Apache's R=429" "" -- $RAP $AP/api/exports/weekly
up caddy && caphead $S head-caddy-429-exports.txt 429 proxy caddy "curl -sI on /api/exports/*: Caddy's respond 429" "" -- $RCD $CD/api/exports/weekly
up haproxy && caphead $S head-haproxy-503-refunds.txt 503 load-balancer haproxy "curl -sI on /api/refunds/: HAProxy's JSON 503 headers" "" -- $RHA $HA/api/refunds/7
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on invoice 1, stored" "X-Cache: HIT" -- $RVN $VN/api/invoices/1
up squid && caphead $S head-squid-200-hit.txt 200 cdn-cache squid "curl -sI on invoice 1, stored in Squid's memory" "X-Cache: HIT" -- $RSQ $SQ/api/invoices/1
# relabelled after run 1 (which refused it as a 401): Litestar's GET handlers have no HEAD route, so
# HEAD gets Litestar's own 405 (Allow: GET, OPTIONS), passed on by Squid as a MISS
up squid && caphead $S head-litestar-405-account.txt 405 app litestar "curl -sI on /api/account through Squid: Litestar answers HEAD on a GET handler with its 405" "relabelled after run 1 (was 401)" -- $RSQ $SQ/api/account

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round69/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
