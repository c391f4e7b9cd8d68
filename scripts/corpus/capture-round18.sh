#!/usr/bin/env bash
# capture-round18.sh — build the eighteenth held-out evidence corpus in
# tests/fixtures/evidence-round18/.
#
# "Mainstream stacks, a fourth pairing, with the error-page configurations
# teams write". Eight common app stacks, each behind a front it was not behind
# in rounds 12-16: Flask under gunicorn behind HAProxy (Debian's stock
# errorfiles copied and edited); FastAPI under uvicorn behind Caddy (TLS,
# handle_errors with file_server and with respond); Django under gunicorn
# behind Varnish (a branded vcl_backend_error page); Express behind Apache
# (ErrorDocuments pointing at JSON files, an inline JSON string, security
# headers and CORS by `Header always`); Go net/http behind nginx (TLS,
# error_page to static HTML and to a JSON named location, `add_header ...
# always`); Sinatra under Puma behind Apache (ErrorDocument at a local
# maintenance page); and two two-hop chains: Varnish -> nginx -> Rails under
# Puma, HAProxy -> Apache -> PHP-FPM. Paste forms as in round 16: curl -sv/-si,
# some -L, --compressed, --fail-with-body, HTTPie, wget, body-only,
# headers-only, CRLF, saved with CRs, some over TLS with HTTP/2.
#
#   scripts/corpus/capture-round18.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round18.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round18.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round18.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-17: every server binds 127.0.0.1 (ports 36000-36999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs and builds run under
# `nice -n 15`. Labels are written by finish_round18.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round18"
RUN=/tmp/api-triage-corpus18
STAGE="$RUN/evidence"
CONF="$HERE/conf-round18"
APPS="$HERE/apps18"
VENV=${CORPUS_VENV18:-/tmp/api-triage-corpus18-venv}
NODE_DIR=${CORPUS_NODE18:-/tmp/api-triage-corpus18-node}
GODIR=${CORPUS_GO18:-/tmp/api-triage-corpus18-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(django==5.2.19 flask==3.1.3 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0)
NPM=(express@5.3.0 compression@1.8.2 cors@2.8.6)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus18 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget curl openssl python3-venv nodejs golang-go ruby-rails ruby-sinatra puma
          php8.2-fpm apache2 nginx haproxy varnish caddy)
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

install_venv() {  # Django, Flask, FastAPI and their servers, from PyPI
    venv_ok "$VENV" && return 0
    if [[ -z ${CORPUS_VENV18:-} ]] && venv_ok /tmp/api-triage-corpus16-venv; then
        VENV=/tmp/api-triage-corpus16-venv; log "using round 16's venv (same pins), read-only"; return 0
    fi
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

npm_ok() {  # npm_ok DIR: the pinned versions are there
    local spec m v
    for spec in "${NPM[@]}"; do
        m=${spec%@*}; v=${spec##*@}
        grep -q "\"version\": \"$v\"" "$1/node_modules/$m/package.json" 2>/dev/null || return 1
    done
}

install_npm() {  # Express with its middleware, from npm
    npm_ok "$NODE_DIR" && return 0
    if [[ -z ${CORPUS_NODE18:-} ]] && npm_ok /tmp/api-triage-corpus16-node; then
        NODE_DIR=/tmp/api-triage-corpus16-node; log "using round 16's node_modules (same pins), read-only"; return 0
    fi
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    if ! command -v npm >/dev/null && [[ $(id -u) == 0 ]]; then  # Debian's nodejs comes without npm
        DEBIAN_FRONTEND=noninteractive nice -n 15 timeout 900 apt-get install -y -q --no-install-recommends npm \
            >>"$RUN/logs/apt-install.log" 2>&1 || true
    fi
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus18","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # the net/http app: standard library only, offline
    mkdir -p "$GODIR"
    [[ -x $GODIR/go_app && $GODIR/go_app -nt $APPS/go_app.go ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the Go app is not built"; return 0; }
    log "go build go_app"
    (cd "$APPS" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR" GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GODIR/go_app" go_app.go) >>"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[go]="go build go_app failed (see logs/go-build.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GODIR/"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round18.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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


# edit_errorfiles: Debian's stock HAProxy errorfiles, copied and branded the
# way a team edits them (a title, the team's name and status page under the
# stock text; a Retry-After on the 503). CRLF kept on the added header line.
edit_errorfiles() {
    local c f
    for c in 400 403 408 500 502 503 504; do
        f=$RUN/haproxy/errors/$c.http
        cp "/etc/haproxy/errors/$c.http" "$f" || return 1
        sed -i -e 's|<html><body><h1>|<html><head><title>Acme Orders API</title></head><body><h1>|' \
            -e 's|</body></html>|<p>Acme Orders API - status and incidents: https://status.example.test</p>\n</body></html>|' "$f"
    done
    sed -i 's|^Cache-Control: no-cache\r$|Cache-Control: no-cache\r\nRetry-After: 30\r|' "$RUN/haproxy/errors/503.http"
}

# static error pages of the fronts (fixed mtime, so Last-Modified is stable)
write_error_pages() {
    local d
    mkdir -p "$RUN"/nginx/html/errors "$RUN"/apache/errors "$RUN"/apache/htdocs "$RUN"/apache/sinatra-htdocs/errors "$RUN"/caddy/errors
    cat >"$RUN/nginx/html/errors/50x.html" <<'EOH'
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Something went wrong - Acme API</title>
<style>body{font-family:Helvetica,Arial,sans-serif;max-width:40em;margin:5em auto;color:#333}</style>
</head>
<body>
<h1>Sorry, something went wrong.</h1>
<p>We're working on it. Please try again in a moment.</p>
<p>Status page: <a href="https://status.example.test">status.example.test</a></p>
</body>
</html>
EOH
    printf '{"error":"not_found","message":"The requested resource does not exist."}\n' >"$RUN/nginx/html/errors/404.json"
    printf '{"error":"upstream_unavailable","message":"The orders service is not responding. Please retry later."}\n' >"$RUN/nginx/html/errors/upstream.json"
    printf '{"error":"not_found","message":"No such endpoint."}\n' >"$RUN/apache/errors/404.json"
    printf '{"error":"bad_gateway","message":"The upstream service failed to respond."}\n' >"$RUN/apache/errors/502.json"
    printf '{"error":"service_unavailable","message":"The service is temporarily unavailable. Please retry later."}\n' >"$RUN/apache/errors/503.json"
    printf '{"error":"gateway_timeout","message":"The request took too long to process."}\n' >"$RUN/apache/errors/504.json"
    cat >"$RUN/apache/sinatra-htdocs/maintenance.html" <<'EOH'
<!DOCTYPE html>
<html>
<head><title>Store maintenance</title></head>
<body>
<h1>The store is down for maintenance</h1>
<p>We'll be back shortly. Thank you for your patience.</p>
</body>
</html>
EOH
    cat >"$RUN/apache/sinatra-htdocs/errors/404.html" <<'EOH'
<!DOCTYPE html>
<html>
<head><title>Page not found</title></head>
<body>
<h1>Page not found</h1>
<p>The page you were looking for doesn't exist. <a href="/">Back to the store</a></p>
</body>
</html>
EOH
    for c in 502 503 504; do
        cat >"$RUN/caddy/errors/$c.html" <<EOH
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Error $c - Acme API</title></head>
<body>
<h1>Error $c</h1>
<p>The API is having trouble right now. Our engineers have been notified.</p>
</body>
</html>
EOH
    done
    for d in "$RUN/nginx/html" "$RUN/apache" "$RUN/caddy/errors"; do
        find "$d" -type f \( -name '*.html' -o -name '*.json' \) -exec touch -d '2025-03-14 09:30:00 UTC' {} +
    done
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
have curl || die "curl is missing"

# apps: Flask, FastAPI, Django, Express, Go, Rails (Puma), PHP-FPM, Sinatra (Puma)
APP_PORTS=(36010 36011 36012 36013 36014 36015 36016 36017)
OTHER_PORTS=(36050 36051 36060 36061 36062 36070 36071 36081 36481 36090 36091 36490)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" 36097 36098 36099; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: one self-signed cert for the two TLS fronts (Caddy, nginx) --------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Acme Shop/CN=api.example.test" \
    -addext "subjectAltName=DNS:api.example.test,DNS:*.example.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem
write_error_pages

# ---- apps -------------------------------------------------------------------
declare -A UP=()
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --timeout 30 --forwarded-allow-ips 127.0.0.1)
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_wait flask 36010 "${GUNICORN[@]}" --workers 2 -b 127.0.0.1:36010 flask_app:app || die "Flask did not start"
start_wait fastapi 36011 nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 36011 \
    --proxy-headers --forwarded-allow-ips 127.0.0.1 --no-access-log fastapi_app:app || die "FastAPI did not start"
start_wait django 36012 "${GUNICORN[@]}" --workers 2 -b 127.0.0.1:36012 django_app:application || die "Django did not start"
start_wait express 36013 "${NODEENV[@]}" "$APPS/express_app.js" 36013 || die "Express did not start"
start_wait go 36014 nice -n 5 "$GODIR/go_app" 36014 || die "the Go app did not start"
if have ruby-rails && have puma; then
    mkdir -p "$RUN/rails/public"
    start_wait puma-rails 36015 env RAILS_PUBLIC="$RUN/rails/public" nice -n 5 puma -e production -t 2:8 \
        -b tcp://127.0.0.1:36015 "$APPS/rails_api.ru" && UP[rails]=1
fi
if have ruby-sinatra && have puma; then
    start_wait puma-sinatra 36017 nice -n 5 puma -e production -t 2:8 -b tcp://127.0.0.1:36017 \
        "$APPS/sinatra_app.ru" && UP[sinatra]=1
fi
if have php8.2-fpm; then
    mkdir -p "$RUN/php-fpm" "$RUN/php"
    cp "$APPS"/php/*.php "$RUN/php/"
    render "$CONF/php-fpm.conf" "$RUN/php-fpm/php-fpm.conf"
    chown -R www-data: "$RUN/php-fpm" "$RUN/php" 2>/dev/null || true
    start_wait php-fpm 36016 php-fpm8.2 -F -R -y "$RUN/php-fpm/php-fpm.conf" && UP[php]=1
fi

# ---- front layers ------------------------------------------------------------
if have apache2; then
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_wait apache 36060 setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf" \
            && wait_port 36061 apache && wait_port 36062 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy/errors"
    edit_errorfiles || die "could not copy the stock HAProxy errorfiles"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_wait haproxy 36070 haproxy -db -f "$RUN/haproxy/haproxy.cfg" && wait_port 36071 haproxy && UP[haproxy]=1
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_wait caddy 36481 env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile" \
        && wait_port 36081 caddy && UP[caddy]=1
fi
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_wait nginx 36490 nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;' \
            && wait_port 36090 nginx && wait_port 36091 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_wait varnish 36050 varnishd -F -a django=127.0.0.1:36050 -a rails=127.0.0.1:36051 -T none \
        -f "$RUN/varnish/default.vcl" -n "$RUN/varnish/work" -s malloc,16m && wait_port 36051 varnish && UP[varnish]=1
fi
sleep 5  # HAProxy's health checks settle (inter 2s, rise 2)

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & PIDS+=($!); wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 18 (held out): real responses captured by
# scripts/corpus/capture-round18.sh from real servers on 127.0.0.1, one
# response per file (a transcript that follows redirects holds several; its
# label is that of the last). Generated; do not edit by hand — change the
# script.
#
# Same fields and words as rounds 1-17:
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

HA=http://127.0.0.1:36070 HB=http://127.0.0.1:36071
CT=https://127.0.0.1:36481 CH=http://127.0.0.1:36081
VD=http://127.0.0.1:36050 VR=http://127.0.0.1:36051
AE=http://127.0.0.1:36060 AS=http://127.0.0.1:36061
NG=https://api.example.test:36490 NGH=http://api.example.test:36090 NGIPS=https://127.0.0.1:36490
RES=(--resolve api.example.test:36490:127.0.0.1 --resolve api.example.test:36090:127.0.0.1)
JSONH=(-H 'Content-Type: application/json')
NOVERIFY=(--verify=no)  # HTTPie against the self-signed cert
EVIL=(-H 'Origin: https://evil.example.com' -H 'Access-Control-Request-Method: POST')
printf '{"sku":"A-1","note":"%s"}' "$(head -c 4096 /dev/zero | tr '\0' x)" >"$RUN/work/big.json"  # 4 KiB JSON

# ============================== Flask under gunicorn behind HAProxy ==
if up haproxy; then
    log "capturing: Flask under gunicorn behind HAProxy"
    S=flask-gunicorn-haproxy
    cap $S flask-404-json.txt 404 app flask "unknown order: the app's JSON 404" "" -- -sv $HA/api/orders/7
    cap $S flask-404-unrouted.txt 404 app flask "no route: Werkzeug's 404 page" "curl -si" -- -si $HA/api/v2/orders
    cap $S flask-400-bad-json.txt 400 app flask "broken JSON to request.get_json(): Werkzeug's 400 page" "" -- -sv "${JSONH[@]}" -d '{"sku": ' $HA/api/orders/
    caphttp $S flask-422-httpie.txt 422 app flask "HTTPie, qty 0: the app's JSON 422" "HTTPie with colours" -- -v POST $HA/api/orders/ sku=A-1 qty:=0
    cap $S flask-401-slash-follow.txt 401 app flask "no trailing slash: Flask's 308 (strict slashes), then the app's JSON 401" "curl -sv -L: two responses" -- -sv -L $HA/api/orders
    cap $S flask-409-compressed.txt 409 app flask "cancelling a shipped order: the JSON 409" "curl -sv --compressed (no compression at HAProxy: sent plain)" -- -sv --compressed -X POST $HA/api/orders/1/cancel
    cap $S flask-500-page.txt 500 app flask "an IndexError: Flask's 500 page" "curl -si" -- -si $HA/api/boom
    capraw $S flask-429.txt 429 app flask "the app's JSON 429 with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $HA/api/limited
    capwin $S flask-503.txt 503 app flask "the app's maintenance 503" "curl -si pasted with CRLF" -- -si $HA/api/maintenance
    cap $S haproxy-504-timeout.txt 504 load-balancer haproxy "the view sleeps 5 s, timeout server 2s: the edited stock 504 errorfile" "" -- -sv $HA/api/slow
    cap $S haproxy-503-no-server.txt 503 load-balancer haproxy "both payments servers fail their checks: the edited 503 errorfile (Retry-After added)" "curl -si" -- -si $HA/api/payments/charges
    cap $S haproxy-502-worker-died.txt 502 load-balancer haproxy "the gunicorn worker exits mid-request: the edited 502 errorfile" "" -- -sv $HA/api/export
    caphttp $S haproxy-403-metrics-httpie.txt 403 load-balancer haproxy "HTTPie: http-request deny on /metrics, the edited 403 errorfile" "HTTPie with colours" -- -v GET $HA/metrics
    quiet -X POST $HA/api/auth/token; quiet -X POST $HA/api/auth/token
    cap $S haproxy-429-builtin-fail.txt 429 load-balancer haproxy "the third login try within a minute: deny_status 429, HAProxy's built-in page (no errorfile for 429)" "curl --fail-with-body -sSi: curl's (22) line after the body" -- --fail-with-body -sSi -X POST $HA/api/auth/token
    cap $S haproxy-413-upload.txt 413 load-balancer haproxy "a 4 KiB upload: deny_status 413 on Content-Length, HAProxy's built-in 413 page" "curl -si --http1.0" -- -si --http1.0 "${JSONH[@]}" --data-binary @big.json $HA/api/upload
fi

# ========================= FastAPI under uvicorn behind Caddy (TLS) ==
if up caddy; then
    log "capturing: FastAPI under uvicorn behind Caddy"
    S=fastapi-uvicorn-caddy-tls
    cap $S fastapi-404-h2.txt 404 app fastapi "unknown order: HTTPException(404) over HTTP/2" "server: Caddy and server: uvicorn" -- -sv -k $CT/api/orders/7
    cap $S fastapi-404-unrouted.txt 404 app fastapi "no route: Starlette's {\"detail\":\"Not Found\"}" "curl -si, HTTP/2" -- -si -k $CT/api/v2/orders
    cap $S fastapi-422-compressed.txt 422 app fastapi "qty 0: the validation 422, gzipped" "curl -sv --compressed" -- -sv -k --compressed "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $CT/api/orders
    caphttp $S fastapi-401-httpie.txt 401 app fastapi "HTTPie, no token: 'Not authenticated'" "HTTPie with colours" -- -v "${NOVERIFY[@]}" GET $CT/api/admin/reports
    cap $S fastapi-400-cors-refused.txt 400 app fastapi "a preflight from an origin not allowed: CORSMiddleware's 'Disallowed CORS origin'" "CORS preflight" -- -si -k -X OPTIONS "${EVIL[@]}" $CT/api/orders
    cap $S fastapi-500-text-fail.txt 500 app fastapi "a RuntimeError: Starlette's text 'Internal Server Error' (Caddy's handle_errors does not see an upstream's 500)" "curl --fail-with-body -sSi: curl's (22) line after the body" -- --fail-with-body -sSi -k $CT/api/boom
    cap $S fastapi-401-follow-redirects.txt 401 app fastapi "plain HTTP with a trailing slash: Caddy's 308 to https, Starlette's 307, then the app's 401" "curl -sv -L: three responses" -- -sv -L -k $CH/api/orders/
    cap $S caddy-308-https-http10.txt 308 proxy caddy "plain HTTP: Caddy's redirect to the TLS site, asked over HTTP/1.0" "curl -si --http1.0" -- -si --http1.0 $CH/api/orders/1
    cap $S caddy-502-legacy-follow.txt 502 proxy caddy "a v1 URL: the app's 301 to /legacy/, a dead upstream: handle_errors' file_server page 502.html" "curl -sv -L: two responses" -- -sv -L -k $CT/api/v1/orders/1
    capraw $S caddy-504-timeout.txt 504 proxy caddy "the handler sleeps 5 s, response_header_timeout 2s: the static 504.html (Last-Modified, ETag)" "curl -si saved to a file (CRs kept)" -- -si -k $CT/api/slow
    cap $S caddy-403-metrics-json.txt 403 proxy caddy "/metrics: the error directive's 403, answered by handle_errors' JSON respond" "" -- -sv -k $CT/metrics
    cap $S caddy-502-body-too-big.txt 502 proxy caddy "a 4 KiB body over request_body max_size 1KB: Caddy 2.6 fails the proxy read, 502.html" "curl -si, HTTP/2" -- -si -k "${JSONH[@]}" --data-binary @big.json $CT/api/imports/orders
    capwin $S fastapi-503.txt 503 app fastapi "the app's maintenance 503" "curl -si pasted with CRLF" -- -si -k $CT/api/maintenance
fi

# ================================ Django under gunicorn behind Varnish ==
if up varnish; then
    log "capturing: Django under gunicorn behind Varnish"
    S=django-gunicorn-varnish
    cap $S django-200-catalog-miss.txt 200 app django "the catalog, first request: a MISS" "X-Cache: MISS" -- -sv $VD/api/catalog
    cap $S varnish-200-catalog-hit.txt 200 cdn-cache varnish "the catalog again: a HIT (max-age=120)" "curl -si; X-Cache: HIT" -- -si $VD/api/catalog
    cap $S django-404-json-miss.txt 404 app django "unknown order: the view's JSON 404, a MISS" "" -- -sv $VD/api/orders/7
    cap $S django-404-json-hit.txt 404 app django "the same 404 again: kept by Varnish (default_ttl), a HIT of the app's answer" "curl -si; X-Cache: HIT" -- -si $VD/api/orders/7
    cap $S django-404-page.txt 404 app django "no route: Django's 'Not Found' page" "curl -si" -- -si $VD/api/v2/orders
    cap $S django-500-page.txt 500 app django "a TypeError: Django's 'Server Error (500)' page" "" -- -sv $VD/api/boom
    cap $S django-403-csrf.txt 403 app django "a POST without the CSRF token: Django's CSRF 403 page (Varnish passes POST)" "curl -si" -- -si "${JSONH[@]}" -d '{}' $VD/api/checkout
    cap $S django-400-disallowed-host.txt 400 app django "a Host not in ALLOWED_HOSTS: Django's 'Bad Request (400)'" "curl -si --http1.0, Host header by hand" -- -si --http1.0 -H 'Host: orders.internal.example' $VD/api/orders/1
    cap $S django-503-fail.txt 503 app django "the view's maintenance 503" "curl --fail-with-body -sSi: curl's (22) line after the body" -- --fail-with-body -sSi $VD/api/maintenance
    cap $S varnish-503-branded-timeout.txt 503 cdn-cache varnish "the view sleeps 5 s, first_byte_timeout 2s: vcl_backend_error's branded page" "" -- -sv $VD/api/slow
    capwin $S varnish-503-branded-legacy.txt 503 cdn-cache varnish "/legacy/: a backend not running, vcl_backend_error's branded page" "curl -si pasted with CRLF" -- -si $VD/legacy/orders/1
    cap $S varnish-403-synth-http10.txt 403 cdn-cache varnish "synth(403) for /internal/: the stock synth page, asked over HTTP/1.0" "curl -si --http1.0" -- -si --http1.0 $VD/internal/stats
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE from outside the ACL: synth(405, 'Not allowed.')" "" -- -sv -X PURGE $VD/api/catalog
fi

# ========================================== Express behind Apache ==
if up apache; then
    log "capturing: Express behind Apache"
    S=express-apache
    cap $S express-404-json.txt 404 app express "unknown order: the app's JSON 404" "Apache's 'Header always' security headers added" -- -sv $AE/api/orders/7
    cap $S express-404-cannot-get.txt 404 app express "no route: Express's 'Cannot GET'" "curl -si" -- -si $AE/api/invoices/3
    capraw $S express-400-body-parser.txt 400 app express "broken JSON: body-parser's 400 page" "curl -si saved to a file (CRs kept)" -- -si "${JSONH[@]}" -d '{"sku": ' $AE/api/orders
    caphttp $S express-422-httpie.txt 422 app express "HTTPie, qty 0: the app's JSON 422" "HTTPie with colours" -- -v POST $AE/api/orders sku=A-1 qty:=0
    cap $S express-204-cors-preflight.txt 204 app express "a preflight from an allowed origin: Apache lets it through, cors() answers 204" "CORS preflight" -- -si -X OPTIONS -H 'Origin: https://admin.example.test' -H 'Access-Control-Request-Method: POST' $AE/api/orders
    cap $S apache-403-cors-refused.txt 403 proxy apache "a preflight from another origin: mod_rewrite [F], the inline JSON ErrorDocument (served as text/html)" "CORS preflight" -- -si -X OPTIONS "${EVIL[@]}" $AE/api/orders
    cap $S express-401-login-follow.txt 401 app express "/api/account redirects to the login route: 302, then the app's JSON 401" "curl -sv -L: two responses" -- -sv -L $AE/api/account
    cap $S express-500-compressed.txt 500 app express "a TypeError: Express's production 500 page, gzipped by compression()" "curl -sv --compressed" -- -sv --compressed $AE/api/boom
    cap $S apache-502-json-timeout.txt 502 proxy apache "the handler sleeps 5 s, timeout=2: ErrorDocument 502 at a JSON file" "" -- -sv $AE/api/slow
    cap $S apache-503-json-v2.txt 503 proxy apache "/api/v2/: a service not running, ErrorDocument 503 at a JSON file" "curl -si" -- -si $AE/api/v2/orders
    cap $S apache-404-json.txt 404 proxy apache "a path Apache does not proxy: ErrorDocument 404 at a JSON file" "curl -si" -- -si $AE/v1/orders/1
    caphttp $S apache-403-server-status-httpie.txt 403 proxy apache "HTTPie: /server-status from outside 10.0.0.0/8, the inline JSON ErrorDocument" "HTTPie with colours" -- -v GET $AE/server-status
fi

# ========================================= Sinatra under Puma behind Apache ==
if up apache && up sinatra; then
    log "capturing: Sinatra under Puma behind Apache"
    S=sinatra-puma-apache
    cap $S sinatra-404-json.txt 404 app sinatra "unknown order: halt 404 with JSON" "" -- -sv $AS/api/orders/7
    cap $S sinatra-404-default.txt 404 app sinatra "no route: Sinatra's default 404 ('<h1>Not Found</h1>')" "curl -si" -- -si $AS/api/carts/1
    cap $S sinatra-500-default.txt 500 app sinatra "a NoMethodError: Sinatra's default 500 ('<h1>Internal Server Error</h1>')" "curl -si" -- -si $AS/api/boom
    caphttp $S sinatra-422-httpie.txt 422 app sinatra "HTTPie: halt 422 with JSON" "HTTPie with colours" -- -v POST $AS/api/orders sku=A-1 qty:=0
    cap $S apache-502-maintenance-page.txt 502 proxy apache "the handler sleeps 5 s, timeout=2: ErrorDocument 502 at a local URL, the team's maintenance page" "" -- -sv $AS/api/slow
    cap $S apache-404-local-page.txt 404 proxy apache "a path Apache does not proxy: ErrorDocument 404 at /errors/404.html" "curl -si" -- -si $AS/shop/cart
fi

# ================================ Varnish -> nginx -> Rails under Puma ==
if up varnish && up nginx && up rails; then
    log "capturing: Varnish -> nginx -> Rails"
    S=varnish-nginx-rails
    cap $S rails-404-json-miss.txt 404 app rails "unknown order: the controller's JSON 404 through nginx and Varnish, a MISS" "" -- -sv $VR/api/orders/7
    cap $S rails-404-json-again.txt 404 app rails "the same 404 again: Rails sends Cache-Control: no-cache, so Varnish fetches it again" "curl -si; X-Cache: MISS" -- -si $VR/api/orders/7
    cap $S rails-404-routing-empty.txt 404 app rails "no route, Accept */*: PublicExceptions' empty 404" "curl -si" -- -si $VR/api/v2/orders
    caphttp $S rails-422-httpie.txt 422 app rails "HTTPie, qty 0: the controller's JSON 422" "HTTPie with colours" -- -v POST $VR/api/orders 'order[sku]=A-1' 'order[qty]:=0'
    cap $S rails-500-json-fail.txt 500 app rails "a NameError, Accept: application/json: {\"status\":500,...}" "curl --fail-with-body -sSi: curl's (22) line after the body" -- --fail-with-body -sSi -H 'Accept: application/json' $VR/api/boom
    capwin $S rails-503.txt 503 app rails "the controller's maintenance 503" "curl -si pasted with CRLF" -- -si $VR/api/maintenance
    cap $S rails-404-receipt-follow.txt 404 app rails "a moved receipt: the controller's 301, then PublicExceptions' empty 404" "curl -sv -L: two responses" -- -sv -L $VR/api/orders/1/receipt
    cap $S nginx-504-json-via-varnish.txt 504 proxy nginx "the action sleeps 5 s: nginx's proxy_read_timeout 2s fires before Varnish's 4 s, error_page 504 at a static JSON file, passed by Varnish" "" -- -sv $VR/api/slow
    cap $S varnish-503-branded-legacy-rails.txt 503 cdn-cache varnish "/legacy/: a backend not running, the branded vcl_backend_error page" "curl -si" -- -si $VR/legacy/receipts/1
    caphttp $S varnish-403-synth-httpie.txt 403 cdn-cache varnish "HTTPie: synth(403) for /internal/" "HTTPie with colours" -- -v GET $VR/internal/metrics
fi

# ============================ Go net/http behind nginx (TLS, h2) ==
if up nginx; then
    log "capturing: Go net/http behind nginx"
    S=go-nethttp-nginx-tls
    cap $S go-404-json-h2.txt 404 app go-net-http "unknown order: the handler's JSON 404 over HTTP/2 (intercept on, 404 not in error_page)" "nginx's 'add_header ... always' headers added" -- -sv -k "${RES[@]}" $NG/api/orders/7
    cap $S go-404-page-not-found.txt 404 app go-net-http "no route: ServeMux's '404 page not found'" "curl -si, HTTP/2" -- -si -k "${RES[@]}" $NG/api/carts/1
    cap $S go-400-bad-json.txt 400 app go-net-http "broken JSON: the handler's JSON 400" "" -- -sv -k "${RES[@]}" "${JSONH[@]}" -d '{"sku": ' $NG/api/orders
    caphttp $S go-422-httpie.txt 422 app go-net-http "HTTPie, qty 0: the handler's JSON 422" "HTTPie with colours, Host header by hand" -- -v "${NOVERIFY[@]}" POST $NGIPS/api/orders Host:api.example.test sku=A-1 qty:=0
    cap $S go-405-text.txt 405 app go-net-http "GET on the POST-only orders route: http.Error's text 405" "curl -si, HTTP/2" -- -si -k "${RES[@]}" $NG/api/orders
    capraw $S go-429-text.txt 429 app go-net-http "the handler's text 429 (not in error_page: passed)" "curl -si saved to a file (CRs kept)" -- -si -k "${RES[@]}" $NG/api/limited
    cap $S go-405-cors-preflight.txt 405 app go-net-http "a preflight from an origin not on the map: passed to Go, its text 405" "CORS preflight" -- -si -k -X OPTIONS "${EVIL[@]}" "${RES[@]}" $NG/api/orders
    cap $S nginx-204-cors-preflight.txt 204 proxy nginx "a preflight from an allowed origin: answered by nginx (return 204) with the always headers" "CORS preflight" -- -si -k -X OPTIONS -H 'Origin: https://app.example.test' -H 'Access-Control-Request-Method: POST' "${RES[@]}" $NG/api/orders
    cap $S nginx-500-page-for-app.txt 500 proxy nginx "the app's text 500, intercepted: error_page's static 50x.html (Last-Modified, ETag)" "" -- -sv -k "${RES[@]}" $NG/api/boom
    capwin $S nginx-503-page-for-app.txt 503 proxy nginx "the app's JSON 503, intercepted: the static 50x.html" "curl -si pasted with CRLF" -- -si -k "${RES[@]}" $NG/api/maintenance
    cap $S nginx-504-page.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 2s: the static 50x.html" "curl -sv --compressed (an HTML page: gzip_types leaves it plain)" -- -sv -k --compressed "${RES[@]}" $NG/api/slow
    cap $S nginx-502-page-v2.txt 502 proxy nginx "/api/v2/: a service not running, the static 50x.html" "curl -si, HTTP/2" -- -si -k "${RES[@]}" $NG/api/v2/orders
    cap $S nginx-413-json.txt 413 proxy nginx "a 4 KiB body over client_max_body_size 1k: error_page 413 = @json_413" "curl -si, HTTP/2" -- -si -k "${RES[@]}" "${JSONH[@]}" --data-binary @big.json $NG/api/orders
    quiet -k "${RES[@]}" "$NG/api/search?q=shoe"  # the first search within the minute passes limit_req (Go: no such route)
    cap $S nginx-429-json.txt 429 proxy nginx "a second search within the minute: limit_req_status 429, error_page 429 = @json_429" "" -- -sv -k "${RES[@]}" $NG/api/search?q=boot
    cap $S nginx-404-json-file.txt 404 proxy nginx "a path outside /api/: return 404, error_page 404 at a static JSON file" "curl -si, HTTP/2" -- -si -k "${RES[@]}" $NG/v1/orders/1
    cap $S go-404-follow-https.txt 404 app go-net-http "plain HTTP: nginx's 301 to https, then the handler's JSON 404 over HTTP/2" "curl -sv -L: two responses" -- -sv -L -k "${RES[@]}" $NGH/api/orders/9
fi

# ============================ HAProxy -> Apache -> PHP-FPM ==
if up haproxy && up apache && up php; then
    log "capturing: HAProxy -> Apache -> PHP-FPM"
    S=haproxy-apache-php-fpm
    cap $S php-404-json.txt 404 app php "unknown invoice: the front controller's JSON 404" "" -- -sv $HB/api/invoices/9
    cap $S php-422.txt 422 app php "a payment without an amount: the JSON 422" "curl -si" -- -si "${JSONH[@]}" -d '{"currency":"EUR"}' $HB/api/payments
    caphttp $S php-401-httpie.txt 401 app php "HTTPie, no token: the JSON 401" "HTTPie with colours" -- -v GET $HB/api/admin/ledger
    cap $S php-500-empty.txt 500 app php "an Error (method on null), display_errors off: PHP's empty 500" "curl -si" -- -si $HB/api/boom
    cap $S php-403-cors-refused.txt 403 app php "a preflight from an origin not on the list: the front controller's JSON 403" "CORS preflight" -- -si -X OPTIONS "${EVIL[@]}" $HB/api/payments
    cap $S php-409-compressed.txt 409 app php "a refund already made: the JSON 409" "curl -sv --compressed (sent plain)" -- -sv --compressed -X POST $HB/api/payments/1/refund
    capraw $S php-503.txt 503 app php "the front controller's maintenance 503" "curl -si saved to a file (CRs kept)" -- -si $HB/api/maintenance
    cap $S apache-504-json-fcgi.txt 504 proxy apache "the script sleeps 5 s, ProxySet timeout=2: Apache's ErrorDocument 504 JSON, passed by HAProxy" "" -- -sv $HB/api/slow
    cap $S haproxy-504-exports.txt 504 load-balancer haproxy "an export that takes 3 s, set-timeout server 1s: HAProxy's edited 504 before Apache answers" "curl -si" -- -si $HB/api/exports/2024
    cap $S apache-404-json-chain.txt 404 proxy apache "a path outside /api/: Apache's ErrorDocument 404 JSON, passed by HAProxy" "curl -si --http1.0" -- -si --http1.0 $HB/invoices/9
fi

# ================================================= body-only pastes ==
log "capturing: body-only, --fail-with-body and headers-only pastes"
S=body-only-paste
up haproxy && capbody $S body-haproxy-504-edited.txt 504/504 load-balancer haproxy "HAProxy's edited 504 errorfile ('504 Gateway Time-out' in its h1)" "" -- $HA/api/slow
up caddy && capbody $S body-caddy-502-page.txt 502/502 proxy caddy "Caddy's file_server page 502.html ('Error 502')" "" -- -k $CT/legacy/orders/3
up varnish && capbody $S body-varnish-503-branded.txt 503/503 cdn-cache varnish "the branded vcl_backend_error page ('Error 503 · reference ...')" "" -- $VD/legacy/orders/4
up nginx && capbody $S body-go-404-page-not-found.txt 404/404 app go-net-http "ServeMux's '404 page not found'" "" -- -k "${RES[@]}" $NG/api/carts/2
up apache && capbody $S body-apache-503-json.txt 0/503 proxy apache "Apache's ErrorDocument 503 JSON" "no number" -- $AE/api/v2/stock
up apache && up sinatra && capbody $S body-sinatra-404-default.txt 0/404 app sinatra "Sinatra's default 404" "no number" -- $AS/api/carts/2
up nginx && capbody $S body-nginx-404-json.txt 0/404 proxy nginx "nginx's static 404 JSON file" "no number" -- -k "${RES[@]}" $NG/docs
up varnish && capbody $S body-django-500-page.txt 500/500 app django "Django's 'Server Error (500)' page" "" -- $VD/api/boom

S=fail-with-body-paste
up nginx && capfail $S fail-nginx-50x-for-app-500.txt 500 proxy nginx "nginx's static 50x.html in place of the app's 500" "curl --fail-with-body -sS" -- -k "${RES[@]}" $NG/api/boom
up haproxy && capfail $S fail-haproxy-503-edited.txt 503 load-balancer haproxy "HAProxy's edited 503 errorfile" "curl --fail-with-body -sS" -- $HA/api/payments/refunds
up apache && capfail $S fail-express-422-json.txt 422 app express "the app's JSON 422" "curl --fail-with-body -sS" -- "${JSONH[@]}" -d '{"sku":"A-1","qty":-1}' $AE/api/orders
up caddy && capfail $S fail-caddy-403-json.txt 403 proxy caddy "handle_errors' JSON respond for the error directive's 403" "curl --fail-with-body -sS" -- -k $CT/debug/vars
up varnish && up nginx && up rails && capfail $S fail-rails-404-json.txt 404 app rails "no route, Accept: application/json: PublicExceptions' JSON through nginx and Varnish" "curl --fail-with-body -sS" -- -H 'Accept: application/json' $VR/api/v2/invoices

# ================================================ headers-only pastes ==
S=headers-only-paste
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on the cached catalog" "X-Cache: HIT" -- $VD/api/catalog
up nginx && caphead $S head-nginx-301.txt 301 proxy nginx "curl -sI on plain HTTP: nginx's redirect to https" "" -- "${RES[@]}" $NGH/api/health
up caddy && caphead $S head-fastapi-405.txt 405 app fastapi "curl -sI (HEAD) on a POST-only route: Starlette's 405" "HTTP/2" -- -k $CT/api/orders/1/cancel
up haproxy && caphead $S head-haproxy-503.txt 503 load-balancer haproxy "curl -sI: the payments backend has no server" "" -- $HA/api/payments/charges

# ================================== servers go away behind their fronts ==
if up haproxy; then
    stop_name flask
    sleep 3  # the health check marks web1 down (inter 2s)
    capwget flask-gunicorn-haproxy haproxy-503-gunicorn-stopped-wget.txt 503 load-balancer haproxy "gunicorn is stopped: the edited 503 errorfile" "wget -S -O-" -- $HA/api/orders/1
fi
if up caddy; then
    stop_name fastapi
    sleep 0.5
    caphttp fastapi-uvicorn-caddy-tls caddy-502-uvicorn-stopped-httpie.txt 502 proxy caddy "HTTPie: uvicorn is stopped, the static 502.html" "HTTPie with colours" -- -v "${NOVERIFY[@]}" GET $CT/api/orders/1
fi
if up varnish; then
    stop_name django
    sleep 0.5
    capwget django-gunicorn-varnish varnish-503-gunicorn-stopped-wget.txt 503 cdn-cache varnish "gunicorn is stopped, an order never cached: the branded page" "wget -S -O-" -- $VD/api/orders/1
    cap django-gunicorn-varnish varnish-200-hit-gunicorn-stopped.txt 200 cdn-cache varnish "gunicorn is stopped, the catalog is still fresh: a HIT" "curl -si" -- -si $VD/api/catalog
fi
if up apache; then
    stop_name express
    sleep 0.5
    cap express-apache apache-503-express-stopped-fail.txt 503 proxy apache "Express is stopped: ErrorDocument 503 JSON" "curl --fail-with-body -sSi: curl's (22) line after the body" -- --fail-with-body -sSi $AE/api/orders/1
fi
if up apache && up sinatra; then
    stop_name puma-sinatra
    sleep 0.5
    capraw sinatra-puma-apache apache-503-maintenance-puma-stopped.txt 503 proxy apache "Puma is stopped: ErrorDocument 503 at the local maintenance page" "curl -si saved to a file (CRs kept)" -- -si $AS/api/orders/1
fi
if up nginx; then
    stop_name go
    sleep 0.5
    caphttp go-nethttp-nginx-tls nginx-502-go-stopped-httpie.txt 502 proxy nginx "HTTPie: the Go app is stopped, the static 50x.html" "HTTPie with colours, Host header by hand" -- -v "${NOVERIFY[@]}" GET $NGIPS/api/orders/1 Host:api.example.test
fi
if up varnish && up nginx && up rails; then
    stop_name puma-rails
    sleep 0.5
    cap varnish-nginx-rails nginx-502-json-puma-stopped.txt 502 proxy nginx "Puma is stopped: nginx's error_page 502 JSON file, passed by Varnish" "" -- -sv $VR/api/orders/1
    stop_name nginx
    sleep 0.5
    capwget varnish-nginx-rails varnish-503-branded-nginx-stopped-wget.txt 503 cdn-cache varnish "nginx is stopped too: the branded vcl_backend_error page" "wget -S -O-" -- $VR/api/orders/2
fi
if up haproxy && up apache && up php; then
    stop_name php-fpm
    sleep 0.5
    capwin haproxy-apache-php-fpm apache-503-json-fpm-stopped.txt 503 proxy apache "PHP-FPM is stopped: Apache's ErrorDocument 503 JSON, passed by HAProxy" "curl -si pasted with CRLF" -- -si $HB/api/invoices/1
    stop_name apache
    sleep 3  # the health check marks apache1 down (inter 1s, fall 2)
    cap haproxy-apache-php-fpm haproxy-503-apache-stopped.txt 503 load-balancer haproxy "Apache is stopped: HAProxy's edited 503 errorfile" "" -- -sv $HB/api/invoices/1
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round18/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
