#!/usr/bin/env bash
# capture-round17.sh — build the seventeenth held-out evidence corpus in
# tests/fixtures/evidence-round17/.
#
# "The less common fronts, and the layers teams add in front of mainstream
# apps", in production configurations: Apache Traffic Server as a TLS
# (HTTP/2) reverse proxy cache in front of Flask under gunicorn (stale copies
# when the origin is down, negative caching); hitch terminating TLS (ALPN h2,
# PROXY v2) in front of Varnish in front of Express; lighttpd with TLS and
# HTTP/2 serving a PHP front controller through PHP-FPM; nghttpx as an HTTP/2
# edge in front of Go net/http; Apache with ModSecurity 2 + the OWASP CRS and
# mod_evasive in front of Django; nginx with ModSecurity 3 + the CRS,
# headers-more and limit_conn in front of FastAPI, with h2o (Basic auth and a
# request counter in its bundled mruby helpers) in front of that; HAProxy
# checking JWTs and caching with no Lua, in front of a second Go service,
# and behind nghttpx as a second hop; Apache mod_auth_openidc (a relying
# party with a static provider config, no IdP needed) in front of Rails
# under Puma. Paste forms: curl -v/-i transcripts (some with their CRs, some
# with CRLF), HTTPie with colours, body-only and headers-only pastes,
# `wget -S -O-`.
#
#   scripts/corpus/capture-round17.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round17.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round17.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round17.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-16: every server binds 127.0.0.1 (ports 35000-35999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs and builds run under
# `nice -n 15`. Labels are written by finish_round17.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round17"
RUN=/tmp/api-triage-corpus17
STAGE="$RUN/evidence"
CONF="$HERE/conf-round17"
APPS="$HERE/apps17"
VENV=${CORPUS_VENV17:-/tmp/api-triage-corpus17-venv}
NODE_DIR=${CORPUS_NODE17:-/tmp/api-triage-corpus17-node}
GODIR=${CORPUS_GO17:-/tmp/api-triage-corpus17-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(django==5.2.19 flask==3.1.3 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0)
NPM=(express@5.3.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus17 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openssl python3-venv nodejs golang-go ruby-rails puma php-fpm apache2 apache2-utils
          libapache2-mod-security2 modsecurity-crs libapache2-mod-evasive libapache2-mod-auth-openidc
          nginx libnginx-mod-http-modsecurity libnginx-mod-http-headers-more-filter
          haproxy varnish hitch trafficserver lighttpd lighttpd-mod-openssl nghttp2-proxy h2o)
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


install_venv() {  # Django, Flask, FastAPI and their servers, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import fastapi, django, flask, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # Express, from npm
    [[ -e $NODE_DIR/node_modules/express/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus17","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # the Go net/http app (standard library only)
    mkdir -p "$GODIR"
    [[ -x $GODIR/go_app && $GODIR/go_app -nt $APPS/go_app.go ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the Go app is not built"; return 0; }
    log "go build go_app"
    (cd "$APPS" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR" GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GODIR/go_app" go_app.go) >>"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[go]="go build failed (see logs/go-build.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GODIR/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
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
            # a worker or child a server left behind (php-fpm, daphne)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round17.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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


# mkjwt SECRET EXP-OFFSET-SECONDS SCOPE: an HS256 JWT, as the identity
# provider of the setup would issue it (the apps never see the secret).
mkjwt() {
    "$PY" - "$@" <<'EOF_JWT'
import base64, hashlib, hmac, json, sys, time
def b64(x):
    return base64.urlsafe_b64encode(x).rstrip(b"=").decode()
secret, offset, scope = sys.argv[1], int(sys.argv[2]), sys.argv[3]
now = int(time.time())
header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
claims = {"iss": "https://login.example.test", "sub": "u-1042", "aud": "orders-api",
          "scope": scope, "iat": now + offset - 3600, "exp": now + offset}
payload = b64(json.dumps(claims, separators=(",", ":")).encode())
sig = b64(hmac.new(secret.encode(), (header + "." + payload).encode(), hashlib.sha256).digest())
print(header + "." + payload + "." + sig)
EOF_JWT
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
install_npm
build_go
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "Express is missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/go_app ]] || die "the Go app did not build (${SKIPPED[go]:-?})"
have openssl || die "openssl is missing"

APP_PORTS=(35010 35011 35013 35014 35015 35016)
OTHER_PORTS=(35012 35017 35443 35080 35444 35090 35091 35445 35045 35446 35046 35447 35047 35448 35048 35449 35049 35450 35451)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" 35019; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for every front --------------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Acme Orders/CN=api.example.test" \
    -addext "subjectAltName=DNS:api.example.test,DNS:*.example.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
cat "$RUN/tls/cert.pem" "$RUN/tls/key.pem" >"$RUN/tls/combined.pem"
chmod 755 "$RUN/tls"; chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --timeout 30 --graceful-timeout 2 --no-control-socket)
start_bg flask env DEP_URL=http://127.0.0.1:35010/api/slow "${GUNICORN[@]}" --workers 3 -b 127.0.0.1:35010 flask_app:app
start_bg django "${GUNICORN[@]}" --workers 3 -b 127.0.0.1:35014 django_app:application
start_bg express env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_app.js" 35011 production
start_bg fastapi nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 35015 \
    --proxy-headers --forwarded-allow-ips 127.0.0.1 --no-access-log fastapi_app:app
start_bg go-nghttpx nice -n 5 "$GODIR/go_app" 35013
start_bg go-haproxy nice -n 5 "$GODIR/go_app" 35016
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done
if have php-fpm; then
    mkdir -p "$RUN"/php-fpm "$RUN"/php
    cp "$APPS/php/index.php" "$RUN/php/"
    render "$CONF/php-fpm.conf" "$RUN/php-fpm/php-fpm.conf"
    chown -R www-data: "$RUN/php-fpm" "$RUN/php" 2>/dev/null || true
    start_bg php-fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/php-fpm.conf"
    wait_port 35012 php-fpm && UP[php]=1
fi
if have ruby-rails && have puma; then
    mkdir -p "$RUN/rails/public"
    start_bg puma-rails env RAILS_PUBLIC="$RUN/rails/public" nice -n 5 puma -e production -t 2:8 \
        -b tcp://127.0.0.1:35017 "$APPS/rails_api.ru"
    wait_port 35017 puma-rails && UP[rails]=1
fi

# ---- front layers ------------------------------------------------------------
if have trafficserver; then
    A=$RUN/ats
    mkdir -p "$A"/etc "$A"/var/cache "$A"/log "$A"/run
    for f in ip_allow.yaml logging.yaml cache.config hosting.config parent.config sni.yaml socks.config \
             splitdns.config volume.config strategies.yaml; do
        cp "/etc/trafficserver/$f" "$A/etc/"
    done
    render "$CONF/records.config" "$A/etc/records.config"
    cp "$CONF/remap.config" "$CONF/ats-cache-status.config" "$A/etc/"
    echo "dest_ip=* ssl_cert_name=cert.pem ssl_key_name=key.pem" >"$A/etc/ssl_multicert.config"
    echo "$A/var/cache 64M" >"$A/etc/storage.config"
    echo "header_rewrite.so $A/etc/ats-cache-status.config" >"$A/etc/plugin.config"
    cat >"$A/runroot.yaml" <<EOF_RR
prefix: /usr
exec_prefix: /usr
bindir: /usr/bin
sbindir: /usr/sbin
sysconfdir: $A/etc
datadir: /usr/share/trafficserver
includedir: /usr/include
libdir: /usr/lib/trafficserver
libexecdir: /usr/lib/trafficserver/modules
localstatedir: $A/var
runtimedir: $A/run
logdir: $A/log
cachedir: $A/var/cache
EOF_RR
    start_bg trafficserver traffic_server --run-root="$A/runroot.yaml"
    wait_port 35443 trafficserver && wait_port 35080 trafficserver && UP[ats]=1
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:35090 -a 127.0.0.1:35091,PROXY -p feature=+http2 -T none \
        -f "$RUN/varnish/default.vcl" -n "$RUN/varnish/work" -s malloc,16m
    wait_port 35090 varnish && UP[varnish]=1
    if up varnish && have hitch; then
        mkdir -p "$RUN/hitch"
        render "$CONF/hitch.conf" "$RUN/hitch/hitch.conf"
        start_bg hitch hitch --config="$RUN/hitch/hitch.conf"
        wait_port 35444 hitch && UP[hitch]=1
    fi
fi
if have lighttpd && have lighttpd-mod-openssl && up php; then
    mkdir -p "$RUN/lighttpd"
    render "$CONF/lighttpd.conf" "$RUN/lighttpd/lighttpd.conf"
    if lighttpd -tt -f "$RUN/lighttpd/lighttpd.conf" >"$RUN/logs/lighttpd-t.log" 2>&1; then
        start_bg lighttpd lighttpd -D -f "$RUN/lighttpd/lighttpd.conf"
        wait_port 35445 lighttpd && wait_port 35045 lighttpd && UP[lighttpd]=1
    else log "SKIP lighttpd: config test failed"; cat "$RUN/logs/lighttpd-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
        start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
        wait_port 35449 haproxy && wait_port 35049 haproxy && UP[haproxy]=1
    else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
fi
if have nghttp2-proxy; then
    mkdir -p "$RUN/nghttpx"
    render "$CONF/nghttpx.conf" "$RUN/nghttpx/nghttpx.conf"
    start_bg nghttpx nghttpx --conf="$RUN/nghttpx/nghttpx.conf"
    wait_port 35446 nghttpx && wait_port 35046 nghttpx && UP[nghttpx]=1
fi
if have apache2; then
    mkdir -p "$RUN"/apache/{evasive,modsec-tmp}
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    render "$CONF/modsecurity-apache.conf" "$RUN/apache/modsecurity.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 35447 apache && wait_port 35047 apache && wait_port 35450 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have nginx && have libnginx-mod-http-modsecurity; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    render "$CONF/modsecurity-nginx.conf" "$RUN/nginx/modsecurity.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 35448 nginx && wait_port 35048 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have h2o && up nginx; then
    mkdir -p "$RUN/h2o"
    render "$CONF/h2o.conf" "$RUN/h2o/h2o.conf"
    # {SHA}: h2o 2.2's htpasswd.rb did not accept the $apr1$ hash `htpasswd -m` wrote
    htpasswd -nbs ops 'correct-horse-battery' 2>/dev/null | head -n 1 >"$RUN/h2o/htpasswd"
    chown -R www-data: "$RUN/h2o" 2>/dev/null || true
    start_bg h2o h2o -c "$RUN/h2o/h2o.conf"
    wait_port 35451 h2o && UP[h2o]=1
fi
sleep 3  # HAProxy's health checks settle (inter 1s)

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 17 (held out): real responses captured by
# scripts/corpus/capture-round17.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-16:
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

# the public names the fronts answer for, resolved to 127.0.0.1 as an
# engineer's /etc/hosts or --resolve would
RA=(--resolve api.example.test:35443:127.0.0.1) RAP=(--resolve api.example.test:35080:127.0.0.1)
RLB=(--resolve orders-lb.example.test:35446:127.0.0.1)
TS=https://api.example.test:35443 TSP=http://api.example.test:35080
HV=https://127.0.0.1:35444 VP=http://127.0.0.1:35090
LT=https://127.0.0.1:35445 LTP=http://127.0.0.1:35045
NX=https://127.0.0.1:35446 NXP=http://127.0.0.1:35046 LB=https://orders-lb.example.test:35446
WF=https://127.0.0.1:35447 WFP=http://127.0.0.1:35047
NG=https://127.0.0.1:35448 HA=https://127.0.0.1:35449 OI=https://127.0.0.1:35450 HO=https://127.0.0.1:35451
JSONH=(-H 'Content-Type: application/json')
NOVERIFY=(--verify=no)  # HTTPie against the self-signed cert
head -c 40960 /dev/zero | tr '\0' x >"$RUN/work/export.csv"  # 40 KiB, over lighttpd's 16 KiB
printf '{"sku":"A-1","note":"%s"}' "$(head -c 4096 /dev/zero | tr '\0' x)" >"$RUN/work/big.json"  # 4 KiB JSON
printf 'Cookie: session=%s\n' "$(head -c 70000 /dev/zero | tr '\0' a)" >"$RUN/work/cookies.txt"  # one 70 KB header

# tokens, as the identity provider of each setup would issue them
HK=round17-haproxy-hs256-secret OK=round17-openidc-hs256-shared-key
H_RW=$(mkjwt $HK 3600 "orders:read orders:write") H_RO=$(mkjwt $HK 3600 "orders:read")
H_EXP=$(mkjwt $HK -900 "orders:read orders:write") H_BAD=$(mkjwt "$OK" 3600 "orders:read orders:write")
O_OK=$(mkjwt $OK 3600 "orders:read") O_EXP=$(mkjwt $OK -1800 "orders:read") O_BAD=$(mkjwt $HK 3600 "orders:read")

# ============================== Flask under gunicorn + Traffic Server (TLS) ==
if up ats; then
    log "capturing: Flask under gunicorn behind Apache Traffic Server (TLS, HTTP/2, cache)"
    S=flask-gunicorn-trafficserver-tls
    cap $S flask-404-json-h2.txt 404 app flask "unknown order: the view's JSON 404 over HTTP/2, a MISS" "server: ATS/9.2.9 in place of gunicorn's; via with the cache codes" -- -sv -k "${RA[@]}" $TS/api/orders/7
    cap $S flask-404-negative-cache-hit.txt 404 app flask "the same 404 again: served from ATS's negative cache (30 s), the app's answer kept" "curl -si; x-cache: hit-fresh" -- -si -k "${RA[@]}" $TS/api/orders/7
    caphttp $S flask-401-httpie.txt 401 app flask "HTTPie, no token: the view's JSON 401" "HTTPie with colours, Host given by hand" -- -v "${NOVERIFY[@]}" GET https://127.0.0.1:35443/api/admin/reports Host:api.example.test:35443
    cap $S flask-422-validation.txt 422 app flask "POST with qty 0: the view's JSON 422" "" -- -sv -k "${RA[@]}" "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $TS/api/orders
    cap $S flask-409-conflict-h2.txt 409 app flask "cancelling a shipped order (POST, no body, HTTP/2): the view's JSON 409" "curl -si" -- -si -k "${RA[@]}" -X POST $TS/api/orders/1/cancel
    cap $S ats-411-post-without-body-http11.txt 411 cdn-cache trafficserver "the same POST with no body over HTTP/1.1 (no Content-Length): ATS's own 'No Content Length' page" "--http1.1; the request never reaches Flask" -- -sv -k --http1.1 "${RA[@]}" -X POST $TS/api/orders/1/cancel
    capraw $S flask-429-app.txt 429 app flask "the view's own 429" "curl -si saved to a file (CRs kept)" -- -si -k "${RA[@]}" $TS/api/limited
    cap $S flask-500-page.txt 500 app flask "a TypeError: Flask's 'Internal Server Error' page" "" -- -sv -k "${RA[@]}" $TS/api/boom
    capwin $S flask-503-maintenance.txt 503 app flask "the view's maintenance 503" "curl -si pasted with CRLF" -- -si -k "${RA[@]}" $TS/api/maintenance
    cap $S flask-413-werkzeug.txt 413 app flask "a 4 KiB body over MAX_CONTENT_LENGTH: Werkzeug's 413 page" "curl -si" -- -si -k "${RA[@]}" "${JSONH[@]}" --data-binary @big.json $TS/api/orders
    cap $S flask-504-own-dependency.txt 504 app flask "the app's stock service does not answer in 1 s: the view's own JSON 504" "curl -si" -- -si -k "${RA[@]}" $TS/api/inventory
    cap $S flask-200-cache-miss.txt 200 app flask "the first request for the catalog: a MISS" "x-cache: miss" -- -sv -k "${RA[@]}" $TS/api/catalog
    cap $S ats-200-cache-hit.txt 200 cdn-cache trafficserver "the catalog again within max-age: from ATS's cache" "curl -si; x-cache: hit-fresh" -- -si -k "${RA[@]}" $TS/api/catalog
    ETAG=$(in_work timeout 10 curl -sk "${RA[@]}" -D- -o /dev/null $TS/api/catalog | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
    cap $S ats-304-etag.txt 304 cdn-cache trafficserver "If-None-Match with the cached ETag: ATS's own 304" "" -- -sv -k "${RA[@]}" -H "If-None-Match: $ETAG" $TS/api/catalog
    cap $S ats-504-inactivity-timeout.txt 504 cdn-cache trafficserver "the view sleeps 5 s, transaction_no_activity_timeout_out 2: 'Inactivity Timeout'" "" -- -sv -k "${RA[@]}" $TS/api/slow
    cap $S ats-502-could-not-connect.txt 502 cdn-cache trafficserver "the ledger origin is not running: 'Could Not Connect'" "curl -si" -- -si -k "${RA[@]}" $TS/api/ledger/entries
    cap $S ats-403-access-denied.txt 403 cdn-cache trafficserver "a remap ACL (@action=deny) on /internal/: 'Access Denied'" "" -- -sv -k "${RA[@]}" $TS/internal/metrics
    cap $S ats-404-not-found-on-accelerator.txt 404 cdn-cache trafficserver "plain port, a Host no remap rule maps (the bare IP): 'Not Found on Accelerator'" "curl -si" -- -si http://127.0.0.1:35080/api/orders/1
fi

# =========================== Express behind Varnish behind hitch (TLS, h2) ==
if up hitch; then
    log "capturing: Express behind Varnish behind hitch"
    S=express-varnish-hitch
    cap $S express-200-varnish-miss-h2.txt 200 app express "the first request for the catalog over hitch and Varnish (HTTP/2): a MISS" "x-cache: MISS; via: 1.1 varnish" -- -sv -k $HV/api/catalog
    cap $S varnish-200-hit-h2.txt 200 cdn-cache varnish "the catalog again: from Varnish's store" "curl -si; x-cache: HIT" -- -si -k $HV/api/catalog
    ETAG=$(in_work timeout 10 curl -sk -D- -o /dev/null $HV/api/catalog | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
    cap $S varnish-304-etag-h2.txt 304 cdn-cache varnish "If-None-Match with the cached ETag: Varnish's own 304" "" -- -sv -k -H "If-None-Match: $ETAG" $HV/api/catalog
    cap $S express-404-json-h2.txt 404 app express "unknown order: the app's JSON 404" "curl -si" -- -si -k $HV/api/orders/7
    cap $S express-404-cannot-get.txt 404 app express "no route: Express's 'Cannot GET' page" "" -- -sv -k $HV/api/v2/orders
    cap $S express-400-bad-json.txt 400 app express "broken JSON: body-parser's 400 page (production)" "curl -si" -- -si -k "${JSONH[@]}" -d '{"sku": ' $HV/api/orders
    caphttp $S express-422-httpie.txt 422 app express "HTTPie, qty 0: the app's JSON 422" "HTTPie with colours" -- -v "${NOVERIFY[@]}" POST $HV/api/orders sku=A-1 qty:=0
    cap $S express-500-page.txt 500 app express "a TypeError: Express's production 500 page" "" -- -sv -k $HV/api/boom
    cap $S varnish-503-first-byte-timeout.txt 503 cdn-cache varnish "the handler sleeps 5 s, first_byte_timeout 2s: Varnish's 'Backend fetch failed' page" "" -- -sv -k $HV/api/slow
    capwin $S varnish-503-legacy-down.txt 503 cdn-cache varnish "a legacy backend that is not running: 'Backend fetch failed'" "curl -si pasted with CRLF" -- -si -k $HV/legacy/api/items
    cap $S express-503-maintenance-plain.txt 503 app express "Varnish's plain port: the app's maintenance 503" "curl -si" -- -si $VP/api/maintenance
    cap $S express-504-own-dependency-plain.txt 504 app express "Varnish's plain port: the app's own 504 for its slow stock service" "" -- -sv $VP/api/inventory
fi

# ================================== PHP-FPM behind lighttpd (TLS, HTTP/2) ==
if up lighttpd; then
    log "capturing: a PHP front controller under PHP-FPM behind lighttpd"
    S=php-fpm-lighttpd-tls
    cap $S php-404-json-h2.txt 404 app php "unknown order: the front controller's JSON 404" "server: lighttpd" -- -sv -k $LT/api/orders/7
    cap $S php-400-bad-json.txt 400 app php "broken JSON: the controller's JSON 400" "curl -si" -- -si -k "${JSONH[@]}" -d '{"sku": ' $LT/api/orders
    caphttp $S php-422-httpie.txt 422 app php "HTTPie: the controller's JSON 422" "HTTPie with colours" -- -v "${NOVERIFY[@]}" POST $LT/api/orders sku=A-1 qty:=0
    cap $S php-500-empty.txt 500 app php "a call on null, display_errors off: PHP's empty 500" "" -- -sv -k $LT/api/boom
    capwin $S php-503-maintenance.txt 503 app php "the controller's maintenance 503" "curl -si pasted with CRLF" -- -si -k $LT/api/maintenance
    cap $S phpfpm-404-file-not-found.txt 404 app php-fpm "an old .php URL, check-local disabled: PHP-FPM's 'File not found.'" "curl -si" -- -si -k $LT/legacy/checkout.php
    cap $S lighttpd-404-static.txt 404 app lighttpd "a static asset that is not in the document root: lighttpd's 404 page as the origin" "" -- -sv -k $LT/assets/app.js
    cap $S lighttpd-504-fastcgi-timeout.txt 504 proxy lighttpd "the script sleeps 5 s, read-timeout 2: lighttpd's 504 page" "" -- -sv -k $LT/api/slow
    cap $S lighttpd-503-dead-pool.txt 503 proxy lighttpd "/reports/ goes to a FastCGI pool that is not running: lighttpd's 503 page" "curl -si" -- -si -k $LT/reports/daily
    cap $S lighttpd-403-access-deny.txt 403 proxy lighttpd "url.access-deny on /internal/: lighttpd's 403 page" "" -- -sv -k $LT/internal/status
    capraw $S lighttpd-413-plain.txt 413 proxy lighttpd "plain port, a 40 KiB upload over server.max-request-size 16: lighttpd's 413 page" "curl -si saved to a file (CRs kept)" -- -si $LTP/api/orders -H 'Content-Type: text/csv' --data-binary @export.csv
    cap $S php-404-plain.txt 404 app php "plain HTTP/1.1 port: the controller's JSON 404" "curl -si" -- -si $LTP/api/orders/9
fi

# ===================================== Go net/http behind nghttpx (TLS, h2) ==
if up nghttpx; then
    log "capturing: Go net/http behind nghttpx"
    S=go-nethttp-nghttpx-tls
    cap $S go-404-json-h2.txt 404 app go-net-http "unknown order: the handler's JSON 404" "server: nghttpx (rewritten); via: 1.1 nghttpx" -- -sv -k $NX/api/orders/7
    cap $S go-404-servemux.txt 404 app go-net-http "no route: ServeMux's '404 page not found'" "curl -si" -- -si -k $NX/api/v2/orders
    cap $S go-400-invalid-json.txt 400 app go-net-http "broken JSON: the handler's JSON 400 with the decoder's message" "" -- -sv -k "${JSONH[@]}" -d '{"sku": ' $NX/api/orders
    cap $S go-405-http-error.txt 405 app go-net-http "GET on the POST-only route: http.Error's text 405" "curl -si" -- -si -k $NX/api/orders
    cap $S go-413-max-bytes.txt 413 app go-net-http "a 4 KiB body over MaxBytesReader's 1 KiB: the handler's JSON 413" "curl -si" -- -si -k "${JSONH[@]}" --data-binary @big.json $NX/api/orders
    caphttp $S go-401-httpie.txt 401 app go-net-http "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v "${NOVERIFY[@]}" GET $NX/api/admin/reports
    cap $S go-500-text.txt 500 app go-net-http "a failed query: http.Error's 'Internal Server Error'" "" -- -sv -k $NX/api/boom
    cap $S go-503-timeout-handler.txt 503 app go-net-http "an export over http.TimeoutHandler's 1 s: its text 503" "curl -si" -- -si -k $NX/api/exports/daily
    cap $S nghttpx-504-backend-timeout.txt 504 proxy nghttpx "the handler sleeps 5 s, backend-read-timeout 2s: nghttpx's 504 page" "" -- -sv -k $NX/api/slow
    capraw $S nghttpx-502-ledger-down.txt 502 proxy nghttpx "the ledger backend is not running: nghttpx's 502 page" "curl -si saved to a file (CRs kept)" -- -si -k $NX/api/ledger/entries
    cap $S nghttpx-431-plain.txt 431 proxy nghttpx "plain port, a 70 KB cookie over request-header-field-buffer: nghttpx's 431 page" "curl -si; the header read from a file" -- -si -H @cookies.txt $NXP/api/orders/1
fi

# ========================== Django behind Apache + ModSecurity/CRS (TLS) ==
if up apache; then
    log "capturing: Django under gunicorn behind Apache with ModSecurity + CRS"
    S=django-apache-modsecurity-tls
    cap $S modsec-403-sqli-query-h2.txt 403 waf apache "SQL injection in the query string: CRS blocks it, Apache's 403 page" "HTTP/2" -- -sv -k "$WF/api/orders?id=1%27%20OR%20%271%27=%271"
    cap $S modsec-403-xss-query.txt 403 waf apache "a script tag in the search query (curl -G --data-urlencode): CRS's XSS rules" "curl -si" -- -si -k -G --data-urlencode 'q=<script>alert(document.cookie)</script>' $WF/api/search
    cap $S modsec-403-sqli-json-body.txt 403 waf apache "SQL injection inside a JSON body (curl -d): the JSON body processor feeds it to CRS" "" -- -sv -k "${JSONH[@]}" -d "{\"sku\":\"A-1' UNION SELECT username, password FROM users--\",\"qty\":1}" $WF/api/orders
    caphttp $S modsec-403-rce-json-httpie.txt 403 waf apache "HTTPie, a shell command in a JSON field: CRS's RCE rules" "HTTPie with colours" -- -v "${NOVERIFY[@]}" POST $WF/api/orders 'sku=A-1; cat /etc/passwd' qty:=1
    cap $S modsec-403-traversal-plain.txt 403 waf apache "plain port, ../ in a parameter: CRS's path traversal rules" "curl -si" -- -si "$WFP/api/files?path=../../../../etc/passwd"
    cap $S modsec-500-json-parse-error.txt 500 waf apache "a JSON body that does not parse: ModSecurity's JSON parser fails and Apache answers 500" "the error log names ModSecurity's JSON parser" -- -sv -k "${JSONH[@]}" -d '{"sku": ' $WF/api/orders
    cap $S django-404-json-h2.txt 404 app django "unknown order, nothing suspicious: the view's JSON 404 passes the WAF" "" -- -sv -k $WF/api/orders/7
    cap $S django-422-validation.txt 422 app django "a clean JSON body with qty 0: the view's 422" "curl -si" -- -si -k "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $WF/api/orders
    cap $S django-500-server-error.txt 500 app django "a TypeError, DEBUG off: 'Server Error (500)'" "" -- -sv -k $WF/api/boom
    cap $S django-403-csrf.txt 403 app django "POST without a CSRF token: CsrfViewMiddleware's 403 page" "curl -si" -- -si -k "${JSONH[@]}" -d '{}' $WF/api/checkout
    capraw $S django-409-conflict.txt 409 app django "cancelling a shipped order" "curl -si saved to a file (CRs kept)" -- -si -k -X POST $WF/api/orders/1/cancel
    cap $S apache-502-proxy-timeout.txt 502 proxy apache "the view sleeps 5 s, ProxyTimeout 2: Apache's 'Proxy Error' page" "" -- -sv -k $WF/api/slow
    capwin $S apache-503-ledger-down.txt 503 proxy apache "ProxyPass to a ledger that is not running: Apache's 503 page" "curl -si pasted with CRLF" -- -si -k $WF/api/ledger/entries
    for i in 1 2 3 4 5 6; do quiet -k "$WF/api/search?q=boots"; done
    cap $S apache-429-mod-evasive.txt 429 proxy apache "the same page 7 times in a second: mod_evasive's DOSHTTPResponseCode 429" "Apache's stock 429 page" -- -sv -k "$WF/api/search?q=boots"
    sleep 4  # mod_evasive's block (3 s, renewed by each request) runs out
fi

# ========================== FastAPI behind nginx + ModSecurity 3/CRS (TLS) ==
if up nginx; then
    log "capturing: FastAPI under uvicorn behind nginx with ModSecurity 3 + CRS"
    S=fastapi-nginx-modsecurity-tls
    cap $S nginx-modsec-403-sqli-query-h2.txt 403 waf nginx "SQL injection in the query string: CRS blocks it, nginx's 403 page" "server: orders-edge (headers-more)" -- -sv -k "$NG/api/orders/1?id=1%27%20OR%201=1--"
    cap $S nginx-modsec-403-xss-json-body.txt 403 waf nginx "a script tag inside a JSON body (curl -d)" "curl -si" -- -si -k "${JSONH[@]}" -d '{"sku":"<script>alert(1)</script>","qty":1}' $NG/api/orders
    cap $S nginx-modsec-403-sqli-json-body.txt 403 waf nginx "SQL injection inside a JSON body (curl -d)" "" -- -sv -k "${JSONH[@]}" -d "{\"sku\":\"x' OR '1'='1\",\"qty\":1}" $NG/api/orders
    cap $S nginx-modsec-400-json-parse-error.txt 400 waf nginx "a JSON body that does not parse: the REQBODY_ERROR rule (200002) of Debian's modsecurity.conf" "curl -si; nginx's 400 page" -- -si -k "${JSONH[@]}" -d '{"sku": ' $NG/api/orders
    caphttp $S nginx-modsec-403-traversal-httpie.txt 403 waf nginx "HTTPie, ../ in a query parameter" "HTTPie with colours" -- -v "${NOVERIFY[@]}" GET $NG/api/orders/1 path==../../../../etc/passwd
    cap $S fastapi-404-h2.txt 404 app fastapi "unknown order: HTTPException(404) passes the WAF" "" -- -sv -k $NG/api/orders/7
    cap $S fastapi-422.txt 422 app fastapi "a clean body with qty 0: the validation 422" "curl -si" -- -si -k "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $NG/api/orders
    caphttp $S fastapi-403-httpie.txt 403 app fastapi "HTTPie, a token without the scope" "HTTPie with colours" -- -v "${NOVERIFY[@]}" GET $NG/api/admin/reports 'Authorization:Bearer user-token'
    cap $S fastapi-500-text.txt 500 app fastapi "an unhandled RuntimeError: text 'Internal Server Error'" "curl -si" -- -si -k $NG/api/boom
    capwin $S fastapi-503-maintenance.txt 503 app fastapi "the app's maintenance 503" "curl -si pasted with CRLF" -- -si -k $NG/api/maintenance
    cap $S nginx-504-read-timeout.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 2s: nginx's 504 page" "" -- -sv -k $NG/api/slow
    capraw $S nginx-502-ledger-down.txt 502 proxy nginx "a ledger upstream that is not running: nginx's 502 page" "curl -si saved to a file (CRs kept)" -- -si -k $NG/api/ledger/entries
    in_work timeout 12 curl -sk -o /dev/null "$NG/api/exports/orders-2026.csv" &
    HELD=$!
    sleep 0.8  # the first export is running upstream
    cap $S nginx-429-limit-conn.txt 429 proxy nginx "a second export while the first still runs: limit_conn 1 with limit_conn_status 429" "nginx's 429 page" -- -sv -k "$NG/api/exports/customers-2026.csv"
    wait $HELD 2>/dev/null
fi

# ====================== Go net/http behind HAProxy (JWT checks, cache; TLS) ==
if up haproxy; then
    log "capturing: Go net/http behind HAProxy with JWT checks and a cache"
    S=go-nethttp-haproxy-jwt-cache
    cap $S haproxy-401-no-token-h2.txt 401 identity haproxy "no bearer token: http-request return 401 with WWW-Authenticate" "HTTP/2" -- -sv -k $HA/api/orders/1
    cap $S haproxy-401-bad-signature.txt 401 identity haproxy "a JWT signed with another key: jwt_verify fails" "curl -si" -- -si -k -H "Authorization: Bearer $H_BAD" $HA/api/orders/1
    caphttp $S haproxy-401-expired-httpie.txt 401 identity haproxy "HTTPie, a JWT whose exp is 15 minutes past" "HTTPie with colours" -- -v "${NOVERIFY[@]}" GET $HA/api/orders/1 "Authorization:Bearer $H_EXP"
    cap $S haproxy-403-insufficient-scope.txt 403 identity haproxy "a read-only JWT on POST: http-request deny 403 insufficient_scope" "--http1.1 (over HTTP/2 the deny sometimes came back as a stream reset)" -- -sv -k --http1.1 -H "Authorization: Bearer $H_RO" "${JSONH[@]}" -d '{"sku":"A-1","qty":2}' $HA/api/orders
    cap $S go-404-behind-jwt.txt 404 app go-net-http "a good JWT, unknown order: the handler's JSON 404" "curl -si; x-cache-status: MISS" -- -si -k -H "Authorization: Bearer $H_RW" $HA/api/orders/7
    cap $S go-422-behind-jwt.txt 422 app go-net-http "a read-write JWT, qty 0: the handler's JSON 422" "curl -si" -- -si -k -H "Authorization: Bearer $H_RW" "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $HA/api/orders
    cap $S go-200-catalog-miss.txt 200 app go-net-http "the public catalog, first request: stored by HAProxy's cache" "x-cache-status: MISS" -- -sv -k $HA/api/catalog
    cap $S haproxy-200-cache-hit.txt 200 cdn-cache haproxy "the catalog again: served from HAProxy's cache" "curl -si; x-cache-status: HIT, age" -- -si -k $HA/api/catalog
    ETAG=$(in_work timeout 10 curl -sk -D- -o /dev/null $HA/api/catalog | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
    cap $S haproxy-304-cache-etag.txt 304 cdn-cache haproxy "If-None-Match with the cached ETag: HAProxy's cache answers 304 itself" "" -- -sv -k -H "If-None-Match: $ETAG" $HA/api/catalog
    capraw $S haproxy-504-timeout-server.txt 504 load-balancer haproxy "a good JWT, the handler sleeps 5 s, timeout server 2s: HAProxy's 504" "curl -si saved to a file (CRs kept)" -- -si -k -H "Authorization: Bearer $H_RW" $HA/api/slow
fi

# ========================= Rails behind Apache mod_auth_openidc (TLS, h2) ==
if up apache && up rails; then
    log "capturing: Rails under Puma behind Apache mod_auth_openidc"
    S=rails-puma-apache-openidc
    cap $S openidc-302-login-redirect.txt 302 identity apache "a browser page without a session: mod_auth_openidc sends it to the IdP" "state cookie set; location: the IdP's authorize endpoint" -- -sv -k $OI/portal/orders
    cap $S openidc-401-api-no-credentials.txt 401 identity apache "/api/ with neither a session nor a token: OIDCUnAuthAction 401" "curl -si; Apache's stock 401 page" -- -si -k $OI/api/orders/1
    cap $S openidc-401-bad-signature.txt 401 identity apache "a bearer JWT signed with another key" "WWW-Authenticate: Bearer error=\"invalid_token\"" -- -sv -k -H "Authorization: Bearer $O_BAD" $OI/api/orders/1
    caphttp $S openidc-401-expired-jwt-httpie.txt 401 identity apache "HTTPie, a bearer JWT that expired 30 minutes ago" "HTTPie with colours" -- -v "${NOVERIFY[@]}" GET $OI/api/orders/1 "Authorization:Bearer $O_EXP"
    cap $S openidc-401-stale-session.txt 401 identity apache "a session cookie whose session is gone from the cache (expired): 401 and the cookie cleared" "curl -si" -- -si -k -b 'mod_auth_openidc_session=3b0d6f5e-8c2a-4f7e-9d41-6a2c0e9b7f13' $OI/api/orders/1
    cap $S openidc-400-callback-no-state.txt 400 identity apache "the login callback with a state that has no state cookie (timed out, or another browser)" "Apache's stock 400 page" -- -sv -k "$OI/oauth2/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj"
    cap $S rails-404-behind-openidc.txt 404 app rails "a valid token, unknown order: the controller's JSON 404" "curl -si" -- -si -k -H "Authorization: Bearer $O_OK" $OI/api/orders/7
    cap $S rails-403-scope.txt 403 app rails "a valid token without orders:admin: the controller's JSON 403" "" -- -sv -k -H "Authorization: Bearer $O_OK" $OI/api/admin/reports
    cap $S rails-422-behind-openidc.txt 422 app rails "a valid token, qty 0: the controller's JSON 422" "curl -si" -- -si -k -H "Authorization: Bearer $O_OK" "${JSONH[@]}" -d '{"order":{"sku":"A-1","qty":0}}' $OI/api/orders
    cap $S rails-500-empty.txt 500 app rails "a valid token, a NameError: the empty 500 (Accept */*)" "curl -si" -- -si -k -H "Authorization: Bearer $O_OK" $OI/api/boom
    capwin $S rails-404-routing-json.txt 404 app rails "a valid token, no route, Accept: application/json" "curl -si pasted with CRLF" -- -si -k -H "Authorization: Bearer $O_OK" -H 'Accept: application/json' $OI/api/v2/orders
fi

# ================================================================ two hops ==
if up h2o; then
    log "capturing: h2o -> nginx (ModSecurity) -> FastAPI"
    S=two-hops
    cap $S h2o-401-basic-no-credentials.txt 401 identity h2o "h2o's htpasswd.rb on /api/admin/, no credentials" "text 'Authorization Required'" -- -sv -k $HO/api/admin/reports
    cap $S h2o-401-basic-wrong-password.txt 401 identity h2o "a wrong password" "curl -si" -- -si -k -u ops:hunter2 $HO/api/admin/reports
    cap $S fastapi-403-behind-h2o-basic.txt 403 app fastapi "the right password: through h2o and nginx, FastAPI's own 403 for the Basic header" "curl -si; server: h2o" -- -si -k -u ops:correct-horse-battery $HO/api/admin/reports
    for i in 1 2 3; do quiet -k "$HO/api/search?q=boots"; done
    cap $S h2o-429-dos-detector.txt 429 proxy h2o "a fourth search in 10 s: dos_detector.rb's JSON 429" "" -- -sv -k "$HO/api/search?q=boots"
    cap $S nginx-modsec-403-via-h2o.txt 403 waf nginx "SQL injection in the query: the nginx WAF's 403, relayed by h2o" "curl -si; server: h2o" -- -si -k "$HO/api/orders/1?id=1%27%20OR%20%271%27=%271"
    cap $S fastapi-404-via-h2o-nginx.txt 404 app fastapi "unknown order through both hops" "" -- -sv -k $HO/api/orders/7
    cap $S nginx-504-via-h2o.txt 504 proxy nginx "the handler sleeps 5 s: nginx's 504 (2 s) comes back before h2o's 5 s" "curl -si" -- -si -k $HO/api/slow
    capraw $S h2o-502-connection-failed.txt 502 proxy h2o "h2o's own ledger route, upstream not running: text 'connection failed'" "curl -si saved to a file (CRs kept)" -- -si -k $HO/api/ledger/entries
fi
if up nghttpx && up haproxy; then
    log "capturing: nghttpx -> HAProxy (JWT, cache) -> Go"
    S=two-hops
    cap $S haproxy-401-via-nghttpx.txt 401 identity haproxy "no token: HAProxy's JSON 401, relayed by nghttpx" "server: nghttpx" -- -sv -k "${RLB[@]}" $LB/api/orders/1
    cap $S go-404-via-nghttpx-haproxy.txt 404 app go-net-http "a good JWT, unknown order, through both hops" "curl -si" -- -si -k "${RLB[@]}" -H "Authorization: Bearer $H_RW" $LB/api/orders/8
    quiet -k "${RLB[@]}" $LB/api/catalog
    cap $S haproxy-200-hit-via-nghttpx.txt 200 cdn-cache haproxy "the catalog from HAProxy's cache, relayed by nghttpx" "curl -si; x-cache-status: HIT" -- -si -k "${RLB[@]}" $LB/api/catalog
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up ats && capbody $S body-flask-404.txt 0/404 app flask "the view's JSON 404" "no number" -- -k "${RA[@]}" $TS/api/orders/12
up ats && capbody $S body-ats-504-inactivity.txt 0/504 cdn-cache trafficserver "ATS's 'Inactivity Timeout' page" "no number" -- -k "${RA[@]}" $TS/api/slow
up apache && capbody $S body-modsec-403.txt 403/403 waf apache "Apache's 403 page after a CRS block" "the title says 403" -- -k "$WF/api/orders?id=1%27%20OR%20%271%27=%271"
up haproxy && capbody $S body-haproxy-401-expired.txt 0/401 identity haproxy "HAProxy's JSON for an expired JWT" "no number" -- -k -H "Authorization: Bearer $H_EXP" $HA/api/orders/1
up apache && capbody $S body-openidc-401.txt 401/401 identity apache "Apache's 401 page from mod_auth_openidc" "the title says 401" -- -k $OI/api/orders/1
up h2o && capbody $S body-h2o-429.txt 0/429 proxy h2o "dos_detector.rb's JSON 429" "no number" -- -k "$HO/api/search?q=boots"
up lighttpd && capbody $S body-php-422.txt 0/422 app php "the controller's JSON 422" "no number" -- -k "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $LT/api/orders
up nghttpx && capbody $S body-go-503-timeout-handler.txt 0/503 app go-net-http "http.TimeoutHandler's text" "no number" -- -k $NX/api/exports/weekly

# ================================================ headers-only pastes ==
S=headers-only-paste
# refresh both catalogs first, so the HEAD finds a fresh copy (max-age=2)
up ats && quiet -k "${RA[@]}" $TS/api/catalog
up hitch && quiet -k $HV/api/catalog
sleep 0.3  # Varnish's background fetch lands
up ats && caphead $S head-ats-200-hit.txt 200 cdn-cache trafficserver "curl -sI on the catalog, fresh in ATS's cache" "x-cache: hit-fresh" -- -k "${RA[@]}" $TS/api/catalog
up hitch && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on the catalog through hitch" "x-cache: HIT" -- -k $HV/api/catalog
up apache && caphead $S head-openidc-302.txt 302 identity apache "curl -sI on a portal page without a session" "" -- -k $OI/portal/orders
up haproxy && caphead $S head-haproxy-401.txt 401 identity haproxy "curl -sI without a token" "" -- -k $HA/api/orders/1
up nghttpx && caphead $S head-go-405.txt 405 app go-net-http "curl -sI on the POST-only route" "" -- -k $NX/api/orders

# ================================== servers go away behind their fronts ==
if up ats; then
    stop_name flask
    sleep 3  # gunicorn is gone and the catalog's max-age=2 has run out
    cap flask-gunicorn-trafficserver-tls ats-200-stale-origin-down.txt 200 cdn-cache trafficserver "gunicorn is stopped, the catalog has expired: ATS serves its stale copy" "Warning: 111; x-cache: hit-stale" -- -sv -k "${RA[@]}" $TS/api/catalog
    cap flask-gunicorn-trafficserver-tls ats-502-origin-down-uncached.txt 502 cdn-cache trafficserver "gunicorn is stopped, an order never cached: 'Could Not Connect'" "curl -si" -- -si -k "${RA[@]}" $TS/api/orders/3
fi
if up hitch; then
    stop_name express
    sleep 3  # the catalog's max-age=2 runs out; grace is 1 h
    cap express-varnish-hitch varnish-200-grace-stale-h2.txt 200 cdn-cache varnish "Express is stopped: the expired catalog served in grace, over hitch" "x-cache: HIT-STALE" -- -sv -k $HV/api/catalog
    capwget express-varnish-hitch varnish-503-origin-down-wget.txt 503 cdn-cache varnish "Express is stopped, an uncached order: 'Backend fetch failed'" "wget -S -O-, Varnish's plain port" -- $VP/api/orders/1
fi
if up lighttpd; then
    stop_name php-fpm
    sleep 0.5
    cap php-fpm-lighttpd-tls lighttpd-503-fpm-stopped.txt 503 proxy lighttpd "PHP-FPM is stopped: lighttpd's 503 page" "" -- -sv -k $LT/api/orders/1
fi
if up nghttpx; then
    stop_name go-nghttpx
    sleep 0.5
    cap go-nethttp-nghttpx-tls nghttpx-502-go-stopped.txt 502 proxy nghttpx "the Go service is stopped: nghttpx's 502 page" "curl -si" -- -si -k $NX/api/orders/1
fi
if up haproxy; then
    stop_name go-haproxy
    sleep 2.5  # the health check (inter 1s, fall 1) marks the server down
    cap go-nethttp-haproxy-jwt-cache haproxy-503-no-server.txt 503 load-balancer haproxy "a good JWT, the Go service is stopped: HAProxy's stock 503" "" -- -sv -k -H "Authorization: Bearer $H_RW" $HA/api/orders/1
    if up nghttpx; then
        cap two-hops haproxy-503-via-nghttpx.txt 503 load-balancer haproxy "HAProxy's 503 relayed by nghttpx" "curl -si" -- -si -k "${RLB[@]}" -H "Authorization: Bearer $H_RW" $LB/api/orders/1
        stop_name haproxy
        sleep 0.5
        caphttp two-hops nghttpx-502-haproxy-stopped-httpie.txt 502 proxy nghttpx "HTTPie: HAProxy is stopped, nghttpx's 502 for orders-lb" "HTTPie with colours, Host given by hand" -- -v "${NOVERIFY[@]}" GET https://127.0.0.1:35446/api/orders/1 Host:orders-lb.example.test
    fi
fi
if up apache; then
    stop_name django
    sleep 0.5
    cap django-apache-modsecurity-tls apache-503-gunicorn-stopped.txt 503 proxy apache "gunicorn is stopped: Apache's 503 page" "curl -si" -- -si -k $WF/api/orders/1
    if up rails; then
        stop_name puma-rails
        sleep 0.5
        cap rails-puma-apache-openidc apache-503-puma-stopped.txt 503 proxy apache "a valid token, Puma is stopped: Apache's 503 page" "" -- -sv -k -H "Authorization: Bearer $O_OK" $OI/api/orders/1
    fi
fi
if up nginx; then
    stop_name fastapi
    sleep 0.5
    cap fastapi-nginx-modsecurity-tls nginx-502-uvicorn-stopped.txt 502 proxy nginx "uvicorn is stopped: nginx's 502 page" "" -- -sv -k $NG/api/orders/1
    if up h2o; then
        capwin two-hops nginx-502-via-h2o.txt 502 proxy nginx "uvicorn is stopped: nginx's 502, relayed by h2o" "curl -si pasted with CRLF" -- -si -k $HO/api/orders/1
        stop_name nginx
        sleep 0.5
        capwget two-hops h2o-502-nginx-stopped-wget.txt 502 proxy h2o "nginx is stopped: h2o's text 'connection failed'" "wget -S -O-" -- --no-check-certificate $HO/api/orders/1
    fi
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round17/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
