#!/usr/bin/env bash
# capture-round27.sh — build the twenty-seventh held-out evidence corpus in
# tests/fixtures/evidence-round27/.
#
# Mainstream stacks in pairings no earlier round used, and the errors on-call
# engineers meet (upstream down, upstream timeout at 2 s, body too large,
# auth refused by the app with a Bearer error="invalid_token" and 403, rate
# limits at the front and in the app, 404s, 500s in production mode,
# maintenance 503s written by the front and by the app):
#   Django under uWSGI behind nginx (uwsgi_pass, TLS + HTTP/2); Laravel under
#   PHP-FPM behind Apache mod_proxy_fcgi (TLS + HTTP/2); Fastify behind
#   Apache mod_proxy_http; a Tomcat 10 servlet behind HAProxy (TLS + HTTP/2
#   and plain); gin behind HAProxy; Rails under Puma behind Caddy (plain and
#   TLS + HTTP/2); Varnish straight in front of Tomcat.
# Paste forms are the point of this round: `curl -v` as a terminal shows it
# (run under `script`, so no progress meter; TLS handshake lines with -k,
# HTTP/2), curl -si / -s -D- (some with their CRs, some with CRLF),
# `curl --trace-ascii -`, HTTPie -v / --print=hb / --headers with and without
# colours, `wget -S -O /dev/null`, `wget --server-response`, response headers
# as a browser's developer tools copy them (made from a real response dump),
# pastes with a shell prompt before the command and with the engineer's own
# comment after the body, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round27.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round27.sh   # never call apt-get / pip / npm / go
#   CORPUS_KEEP_RUN=1 capture-round27.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round27.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-24: every server binds 127.0.0.1 (ports 45000-45999)
# and the script stops if a new socket listens anywhere else; every curl,
# HTTPie and wget runs under `timeout`; every loop is bounded; every server
# it started is stopped on exit, by process id. Installs and builds run under
# `nice -n 15`. Labels are written by finish_round27.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round27"
RUN=/tmp/api-triage-corpus27
STAGE="$RUN/evidence"
CONF="$HERE/conf-round27"
APPS="$HERE/apps27"
VENV=${CORPUS_VENV27:-/tmp/api-triage-corpus27-venv}
NODE_DIR=${CORPUS_NODE27:-/tmp/api-triage-corpus27-node}
GODIR=${CORPUS_GO27:-/tmp/api-triage-corpus27-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(django==5.2.19)
NPM=(fastify@5.12.8)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus27 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget bsdutils openssl python3-venv nodejs golang-go golang-github-gin-gonic-gin-dev ruby-rails puma
          apache2 apache2-utils nginx haproxy varnish caddy uwsgi-core uwsgi-plugin-python3 tomcat10
          openjdk-17-jdk-headless php8.2-fpm php8.2-mbstring php-laravel-framework)
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


install_venv() {  # Django, from PyPI (uWSGI is Debian's)
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import django" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_npm() {  # Fastify, from npm
    [[ -e $NODE_DIR/node_modules/fastify/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus27","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR: ${NPM[*]}"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_go() {  # gin (Debian's golang-github-gin-gonic-gin-dev), offline, GOPATH mode
    local g=gin_app
    mkdir -p "$GODIR"
    [[ -x $GODIR/$g && $GODIR/$g -nt $APPS/$g.go ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the Go app is not built"; return 0; }
    log "go build $g"
    (cd "$APPS" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR:/usr/share/gocode" GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GODIR/$g" "$g.go") >>"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[go]="go build $g failed (see logs/go-build.log)"
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

# The command line as the paste shows it: "$ cmd ..." or, with PROMPT set,
# the engineer's whole prompt ("deploy@web-01:~$ cmd ...").
cmdline() { local a; printf '%s' "${PROMPT:-\$}"; for a in "$@"; do printf ' %s' "$(shquote "$a")"; done; printf '\n'; }

in_work() { (cd "$RUN/work" && HOME="$RUN/work" CURL_HOME="$RUN/work" XDG_CONFIG_HOME="$RUN/work" \
    HTTPIE_CONFIG_DIR="$RUN/work/httpie" "$@"); }

# in_tty CMD...: run as an engineer's terminal does (a pseudo-terminal from
# `script`, so curl shows no progress meter and stdout/stderr interleave as
# on screen); the CRs the terminal adds are dropped, as copying does.
in_tty() {
    local cmd
    cmd=$(printf '%q ' "$@")
    in_work timeout 20 script -qec "$cmd" /dev/null </dev/null | tr -d '\r'
}

# finish FORM DEST SETUP STATUS LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]
# TRAIL (when set) is the engineer's own comment, pasted under the response.
finish() {
    local form=$1; shift
    if ! FINISH_FORM=$form FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round27.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
        MISMATCH=$((MISMATCH + 1))
    fi
    if [[ -n ${TRAIL:-} ]]; then
        [[ -s $1 && -n $(tail -c 1 "$1") ]] && printf '\n' >>"$1"
        printf '%s\n' "$TRAIL" >>"$1"
    fi
    COUNT=$((COUNT + 1))
}

curl_form() {  # v when the curl arguments ask for -v, else i
    local a
    for a in "$@"; do [[ $a =~ ^-[a-zA-Z]*v[a-zA-Z]*$ || $a == --verbose ]] && { echo v; return; }; done
    echo i
}

# cap SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl -sv` / `curl -si` / `curl -s -D-`, stdout and stderr to the paste.
cap() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl "$@" >"$dest"
    in_work timeout 20 curl "$@" >>"$dest" 2>&1
    finish "$(curl_form "$@")" "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}
capraw() { KEEP_CR=1 cap "$@"; }           # kept as curl wrote it: header lines keep their CR
capwin() { local file=$2; cap "$@"; sed -i 's/\r*$/\r/' "$STAGE/$file"; }  # pasted with CRLF

# captty SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# curl run in a terminal: `curl -v URL` (no -s needed), `curl --trace-ascii - URL`.
captty() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7 form a
    shift 8
    local dest="$STAGE/$file"
    form=$(curl_form "$@")
    for a in "$@"; do [[ $a == --trace-ascii ]] && form=trace; done
    cmdline curl "$@" >"$dest"
    in_tty curl "$@" >>"$dest"
    finish "$form" "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# capbody SETUP FILE SHOWN/WIRE LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# A body-only paste: `curl -s URL`. SHOWN is the status the body itself shows
# (0 when it shows no number), WIRE the one really sent.
capbody() {
    local setup=$1 file=$2 shown=${3%/*} wire=${3#*/} layer=$4 product=$5 scenario=$6 note=$7 got
    shift 8
    local dest="$STAGE/$file"
    cmdline curl -s "$@" >"$dest"
    rm -f "$RUN/work/last-headers"
    in_work timeout 20 curl -s -D "$RUN/work/last-headers" "$@" >>"$dest" 2>/dev/null
    got=$(awk '/^HTTP\// {s=$2} END {print s+0}' "$RUN/work/last-headers" 2>/dev/null)
    if [[ $got != "$wire" ]]; then
        log "MISMATCH $file: expected wire status $wire, got $got"; MISMATCH=$((MISMATCH + 1))
    fi
    finish body "$dest" "$setup" "$shown" "$layer" "$product" "$scenario" "$note" body-only "$got"
}

# caphead SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# A headers-only paste (`curl -sI`, a HEAD request, as engineers send it).
caphead() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl -sI "$@" >"$dest"
    in_work timeout 20 curl -sI "$@" >>"$dest" 2>&1
    finish i "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only "$status"
}

# caphttp SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- HTTPIE-ARGS...
# HTTPie with colours forced on (HTTPIE_PLAIN=1: without colours, as when its
# output goes to a file). HTTPIE_HEADERS=1 marks a --headers paste
# (headers-only).
caphttp() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file" pretty=(--pretty=all --style=monokai)
    have httpie || return 0
    [[ ${HTTPIE_PLAIN:-0} == 1 ]] && pretty=()
    cmdline http "$@" >"$dest"
    in_work timeout 20 "$HTTPIE" --ignore-stdin "${pretty[@]}" --timeout=10 "$@" >>"$dest" 2>&1
    if [[ ${HTTPIE_HEADERS:-0} == 1 ]]; then
        finish httpie "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only "$status"
    else
        finish httpie "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
    fi
}

# capwget SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- WGET-ARGS...
# wget as typed (`wget -S -O /dev/null URL`, `wget --server-response URL`,
# `wget -S -O- URL`): its progress lines and the server's headers (indented),
# run in the work directory (a file it saves lands there). One try, 10 s.
capwget() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    have wget || return 0
    cmdline wget "$@" >"$dest"
    in_work timeout 20 wget --tries=1 --timeout=10 "$@" >>"$dest" 2>&1
    finish wget "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# capdev SETUP FILE SHOWN/WIRE LAYER PRODUCT SCENARIO NOTE STYLE -- CURL-ARGS...
# Response headers as a browser's developer tools copy them, made from a real
# response: curl dumps the headers (-D), and they are written out the way the
# browser's "Copy response headers" gives them. STYLE: firefox (the status
# line, then the header lines as received: lower case on HTTP/2), chrome
# (no status line on HTTP/2, the header lines alone; on HTTP/1.1 the status
# line and the headers as received). SHOWN is the status the paste shows (0
# when there is no status line), WIRE the one sent.
capdev() {
    local setup=$1 file=$2 shown=${3%/*} wire=${3#*/} layer=$4 product=$5 scenario=$6 note=$7 style=$8 got
    shift 9
    local dest="$STAGE/$file" hdr="$RUN/work/dev-headers"
    rm -f "$hdr"
    in_work timeout 20 curl -s -o /dev/null -D "$hdr" "$@" 2>/dev/null
    got=$(awk '/^HTTP\// {s=$2} END {print s+0}' "$hdr" 2>/dev/null)
    if [[ $got != "$wire" ]]; then
        log "MISMATCH $file: expected wire status $wire, got $got"; MISMATCH=$((MISMATCH + 1))
    fi
    tr -d '\r' <"$hdr" | awk -v style="$style" '
        /^HTTP\// { h2 = ($1 == "HTTP/2"); if (style == "firefox" || !h2) print (h2 ? $1 " " $2 " " : $0); next }
        /^$/ { next }
        { print }' >"$dest"
    finish devtools "$dest" "$setup" "$shown" "$layer" "$product" "$scenario" "$note" headers-only "$got"
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
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_npm
build_go
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "Fastify is missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/gin_app ]] || die "the gin app did not build (${SKIPPED[go]:-?})"
command -v script >/dev/null || die "script (bsdutils) is missing"

APP_PORTS=(45014 45015)
OTHER_PORTS=(45010 45011 45012 45013 45050 45051 45060 45061 45065 45066 45070 45071 45072 45075)
for p in "${APP_PORTS[@]}" "${OTHER_PORTS[@]}" $(seq 45090 45099); do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg fastify env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/fastify_app.js" 45014
start_bg gin nice -n 5 "$GODIR/gin_app" 45015
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done
if have uwsgi-core && have uwsgi-plugin-python3; then
    mkdir -p "$RUN/uwsgi"
    render "$CONF/uwsgi.ini" "$RUN/uwsgi/uwsgi.ini" -e "s|@VENV@|$VENV|g" -e "s|@APPS@|$APPS|g"
    start_bg uwsgi nice -n 5 uwsgi --ini "$RUN/uwsgi/uwsgi.ini"
    wait_port 45010 uwsgi && UP[uwsgi]=1
fi
if have ruby-rails && have puma; then
    mkdir -p "$RUN/rails/public" "$RUN/rails/tmp"
    cp "$APPS/rails_api.ru" "$RUN/rails/config.ru"
    start_bg puma-rails env RAILS_ENV=production RACK_ENV=production HOME="$RUN/rails" \
        nice -n 5 puma -b tcp://127.0.0.1:45013 -e production -t 2:4 --dir "$RUN/rails" "$RUN/rails/config.ru"
    wait_port 45013 puma-rails && UP[rails]=1
fi
if have tomcat10 && command -v javac >/dev/null; then
    TB=$RUN/tomcat
    mkdir -p "$TB"/{conf,logs,temp,work,webapps/ROOT/WEB-INF/classes}
    cp "$CONF/tomcat-server.xml" "$TB/conf/server.xml"
    cp /etc/tomcat10/web.xml /etc/tomcat10/logging.properties /etc/tomcat10/catalina.properties "$TB/conf/"
    cp "$APPS/tomcat/web.xml" "$TB/webapps/ROOT/WEB-INF/web.xml"
    if nice -n 15 timeout 300 javac -cp /usr/share/java/tomcat10-servlet-api.jar -d "$TB/webapps/ROOT/WEB-INF/classes" \
        "$APPS/tomcat/OrdersServlet.java" >"$RUN/logs/javac.log" 2>&1; then
        start_bg tomcat env CATALINA_HOME=/usr/share/tomcat10 CATALINA_BASE="$TB" CATALINA_TMPDIR="$TB/temp" \
            nice -n 5 /usr/share/tomcat10/bin/catalina.sh run
        wait_port 45011 tomcat && UP[tomcat]=1
    else log "SKIP tomcat: javac failed"; SKIPPED[tomcat10]="the servlet did not compile"; fi
fi
if have php8.2-fpm && have php-laravel-framework; then
    LV=$RUN/laravel
    mkdir -p "$RUN/php-fpm" "$LV"
    cp -r "$APPS/laravel/." "$LV/"
    cp "$CONF/apache-maintenance.html" "$LV/public/maintenance.html"
    mkdir -p "$LV"/storage/framework/{cache/data,views} "$LV/storage/logs" "$LV/bootstrap/cache"
    render "$CONF/php-fpm.conf" "$RUN/php-fpm/php-fpm.conf"
    chown -R www-data: "$RUN/php-fpm" "$LV" 2>/dev/null || true
    start_bg php-fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/php-fpm.conf"
    wait_port 45012 php-fpm && UP[php]=1
fi

# ---- front layers ------------------------------------------------------------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 3 -subj "/CN=api.example.test" \
    -addext "subjectAltName=DNS:api.example.test,DNS:shop.example.test,IP:127.0.0.1" \
    -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" >"$RUN/logs/openssl.log" 2>&1 || log "openssl failed"
cat "$RUN/tls/cert.pem" "$RUN/tls/key.pem" >"$RUN/tls/combined.pem"
chmod 755 "$RUN/tls"; chmod 644 "$RUN/tls"/*.pem
if have nginx && up uwsgi; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/html
    cp "$CONF/maintenance.html" "$RUN/nginx/html/maintenance.html"
    htpasswd -bc "$RUN/nginx/htpasswd" ops correct-horse >/dev/null 2>&1
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 45050 nginx && wait_port 45051 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache
    htpasswd -bc "$RUN/apache/htpasswd" ops correct-horse >/dev/null 2>&1
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 45060 apache && wait_port 45061 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have caddy && up rails; then
    mkdir -p "$RUN"/caddy/{data,home}
    HASH=$(timeout 20 caddy hash-password --plaintext 'correct-horse' 2>/dev/null | tail -n 1)
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s#@HASH@#$HASH#"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 45065 caddy && wait_port 45066 caddy && UP[caddy]=1
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 45070 haproxy && wait_port 45071 haproxy && UP[haproxy]=1
fi
if have varnish && up tomcat; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:45075 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 45075 varnish && UP[varnish]=1
fi
sleep 3  # HAProxy's health checks settle

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for ${CORPUS_SETUP_SECONDS:-300} s"; sleep "${CORPUS_SETUP_SECONDS:-300}" & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 27 (held out): real responses captured by
# scripts/corpus/capture-round27.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-24:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the body itself shows (0 = none);
#              for header pastes copied from a browser without a status
#              line, 0
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes: for app responses the
#              framework, or the app server when it wrote the page itself
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`) or "headers-only" (`curl -sI`,
#              `http --headers`, headers copied from a browser's developer
#              tools); absent for whole transcripts
# wire_status  body-only pastes and header pastes without a status line: the
#              status the server really sent
EOF_LABELS

A=http://127.0.0.1
T=https://127.0.0.1
NT=$T:45050 NP=$A:45051 AL=$T:45060 AF=$A:45061 HT=$T:45070 HP=$A:45072 HG=$A:45071
CP=$A:45065 CT=$T:45066 VT=$A:45075
JSONH=(-H 'Content-Type: application/json')
ACCJ=(-H 'Accept: application/json')
W=$RUN/work
printf '{"sku":"A-1","note":"%s"}' "$(head -c 3000 /dev/zero | tr '\0' x)" >"$W/order-3k.json"   # 3 KiB
printf '{"sku":"A-1","note":"%s"}' "$(head -c 4096 /dev/zero | tr '\0' x)" >"$W/big.json"        # 4 KiB
printf '{"sku":"A-1","note":"%s"}' "$(head -c 16384 /dev/zero | tr '\0' x)" >"$W/huge.json"     # 16 KiB
head -c 1500 /dev/zero | tr '\0' x >"$W/note-1500.txt"
head -c 4096 /dev/zero | tr '\0' x >"$W/upload.txt"

# ===================================== Django / uWSGI + nginx (TLS, h2) ==
if up nginx; then
    log "capturing: Django under uWSGI behind nginx"
    S=django-uwsgi-nginx-tls
    captty $S django-404-json-h2.txt 404 app django "unknown order: the view's JSON 404 over uwsgi_pass" "curl -vk in a terminal: TLS handshake, HTTP/2" -- -vk $NT/api/orders/7
    cap $S django-404-no-route.txt 404 app django "no route, DEBUG off: Django's stock 'Not Found' page" "curl -sik, HTTP/2" -- -sik $NT/api/v2/orders
    captty $S django-422-h2.txt 422 app django "POST with qty 0: the view's JSON 422" "curl -vk, HTTP/2" -- -vk -H 'Content-Type: application/json' -d '{"sku":"A-1","qty":0}' $NT/api/orders
    PROMPT='deploy@web-01:~$' cap $S django-500-production.txt 500 app django "a TypeError, DEBUG off: Django's 'Server Error (500)'" "curl -sik after a shell prompt" -- -sik $NT/api/boom
    captty $S django-401-invalid-token.txt 401 app django "an expired bearer token: the view's 401 with WWW-Authenticate Bearer error=\"invalid_token\"" "curl -vk, HTTP/2" -- -vk -H 'Authorization: Bearer expired-token' $NT/api/admin/reports
    caphttp $S django-403-httpie.txt 403 app django "HTTPie, a token without the scope: the view's JSON 403" "HTTPie -v with colours, --verify=no" -- -v --verify=no GET $NT/api/admin/reports 'Authorization:Bearer user-token'
    captty $S django-503-maintenance-trace.txt 503 app django "the view's own maintenance 503 (Retry-After 600)" "curl --trace-ascii -, HTTP/2" -- -k --trace-ascii - $NT/api/maintenance
    PROMPT='[ops@bastion ~]$' TRAIL='^ started after the 14:05 deploy, anyone else seeing this?' cap $S django-429-app.txt 429 app django "the view's own throttle 429" "curl -sik after a prompt, the engineer's comment under it" -- -sik $NT/api/limited
    cap $S django-400-upload-limit.txt 400 app django "a 3 KiB body over DATA_UPLOAD_MAX_MEMORY_SIZE 2 KiB: Django's 'Bad Request (400)'" "curl -sik; nginx lets 4k through" -- -sik "${JSONH[@]}" --data-binary @order-3k.json $NT/api/orders
    capraw $S django-500-report-json.txt 500 app django "the view's own JSON 500" "curl -si saved to a file (CRs kept), plain HTTP" -- -si $NP/api/report
    capwin $S django-403-csrf.txt 403 app django "a POST without the CSRF token: Django's CSRF 403 page" "curl -si pasted with CRLF, plain HTTP" -- -si -X POST $NP/api/checkout
    capwget $S django-404-wget-server-response.txt 404 app django "wget, unknown order" "wget --server-response" -- --server-response $NP/api/orders/7
    captty $S nginx-504-uwsgi-timeout-h2.txt 504 proxy nginx "the view sleeps 5 s, uwsgi_read_timeout 2s" "curl -vk, HTTP/2" -- -vk $NT/api/slow
    cap $S nginx-502-billing-down.txt 502 proxy nginx "uwsgi_pass to a billing uWSGI that is not running" "curl -sik, HTTP/2" -- -sik $NT/billing/api/invoices
    quiet -k $NT/api/search?q=cups
    captty $S nginx-429-limit-req-h2.txt 429 proxy nginx "limit_req on /api/search, limit_req_status 429: nginx's stock page" "curl -vk, HTTP/2" -- -vk "$NT/api/search?q=mugs"
    TRAIL='this is the bulk import job, payload is ~4 KB' cap $S nginx-413-body-too-large.txt 413 proxy nginx "a 4 KiB body over client_max_body_size 4k" "curl -sik, the engineer's comment under it" -- -sik "${JSONH[@]}" --data-binary @big.json $NT/api/orders
    captty $S nginx-503-maintenance-trace.txt 503 proxy nginx "/api/payments/ closed by nginx itself: return 503 with a static maintenance page" "curl --trace-ascii -, HTTP/2" -- -k --trace-ascii - $NT/api/payments/charges
    capwget $S nginx-401-basic-wget.txt 401 identity nginx "auth_basic on /internal/, no credentials" "wget -S -O /dev/null" -- -S -O /dev/null $NP/internal/metrics
    HTTPIE_PLAIN=1 caphttp $S nginx-504-httpie-plain.txt 504 proxy nginx "HTTPie, the 5 s view: uwsgi_read_timeout" "http --print=hb, no colours (saved to a file)" -- --print=hb GET $NP/api/slow
    cap $S nginx-401-basic-wrong-password.txt 401 identity nginx "auth_basic on /internal/, a wrong password" "" -- -sv -u ops:wrong $NP/internal/metrics
    HTTPIE_HEADERS=1 caphttp $S nginx-502-httpie-headers.txt 502 proxy nginx "HTTPie --headers, the dead billing uWSGI" "http --headers with colours, --verify=no" -- --headers --verify=no GET $NT/billing/api/invoices
fi

# ================================ Laravel / PHP-FPM + Apache (TLS, h2) ==
if up apache && up php; then
    log "capturing: Laravel under PHP-FPM behind Apache mod_proxy_fcgi"
    S=laravel-fpm-apache-tls
    captty $S laravel-404-model-h2.txt 404 app laravel "findOrFail on an unknown id, Accept: application/json: 'No query results for model'" "curl -vk, TLS handshake, HTTP/2" -- -vk -H 'Accept: application/json' $AL/api/orders/7
    cap $S laravel-404-page.txt 404 app laravel "no route: Laravel's 'Not Found' page" "curl -sik, HTTP/2" -- -sik $AL/api/v2/orders
    caphttp $S laravel-422-httpie.txt 422 app laravel "HTTPie POST with qty 0: 'The given data was invalid.'" "HTTPie -v with colours, --verify=no" -- -v --verify=no POST $AL/api/orders sku=A-1 qty:=0
    PROMPT='www-data@shop-prod-2:/var/www/shop$' cap $S laravel-500-page.txt 500 app laravel "a call on null, APP_DEBUG off: Laravel's 'Server Error' page" "curl -sik after a shell prompt" -- -sik $AL/api/boom
    captty $S laravel-401-unauthenticated.txt 401 app laravel "no token, Accept: application/json: {\"message\":\"Unauthenticated.\"}" "curl -vk, HTTP/2" -- -vk -H 'Accept: application/json' $AL/api/admin/reports
    cap $S laravel-401-authorization-not-passed.txt 401 app laravel "a bearer token sent, but mod_proxy_fcgi does not hand the Authorization header to PHP-FPM (no CGIPassAuth): Laravel sees no token, 'Unauthenticated.'" "curl -sik" -- -sik "${ACCJ[@]}" -H 'Authorization: Bearer user-token' $AL/api/admin/reports
    quiet -k "${ACCJ[@]}" $AL/api/exports
    captty $S laravel-429-throttle-trace.txt 429 app laravel "throttle:1,1 on /api/exports: 'Too Many Attempts.'" "curl --trace-ascii -, HTTP/2" -- -k --trace-ascii - -H 'Accept: application/json' $AL/api/exports
    TRAIL='-- payments has been returning this since 02:00, is the migration still running?' cap $S laravel-503-app-json.txt 503 app laravel "the controller's own maintenance 503 (Retry-After 900)" "curl -sik, the engineer's comment under it" -- -sik $AL/api/maintenance
    cap $S laravel-413-post-too-large.txt 413 app laravel "a 1.5 KiB body over PHP's post_max_size 1K: ValidatePostSize's 413 page" "curl -sik; Apache's LimitRequestBody is 2048" -- -sik -H 'Content-Type: text/plain' --data-binary @note-1500.txt $AL/api/upload
    captty $S apache-504-fcgi-timeout-h2.txt 504 proxy apache "the script sleeps 5 s, ProxyTimeout 2 on mod_proxy_fcgi" "curl -vk, HTTP/2" -- -vk $AL/api/slow
    capwin $S apache-413-limitrequestbody.txt 413 app laravel "a 4 KiB body over LimitRequestBody 2048" "curl -sik pasted with CRLF; relabelled on review: the body is Symfony's error page (ValidatePostSize, post_max_size 1K): Apache's LimitRequestBody did not refuse the proxied body" -- -sik -H 'Content-Type: text/plain' --data-binary @upload.txt $AL/api/upload
    capwget $S apache-401-basic-wget.txt 401 identity apache "mod_auth_basic on /horizon/, no credentials" "wget -S -O /dev/null --no-check-certificate" -- -S -O /dev/null --no-check-certificate $AL/horizon/
    captty $S apache-503-maintenance-trace.txt 503 proxy apache "/api/payments/ closed by Apache itself: RewriteRule R=503 and an ErrorDocument page" "curl --trace-ascii -, HTTP/2" -- -k --trace-ascii - $AL/api/payments/checkout
    HTTPIE_HEADERS=1 caphttp $S laravel-404-httpie-headers.txt 404 app laravel "HTTPie --headers on an unknown order (HTML 404, HTTPie asks for */*)" "http --headers with colours" -- --headers --verify=no GET $AL/api/orders/7
fi

# ============================================== Fastify + Apache (HTTP) ==
if up apache; then
    log "capturing: Fastify behind Apache mod_proxy_http"
    S=fastify-apache
    cap $S fastify-404-product.txt 404 app fastify "unknown sku: the handler's JSON 404" "" -- -sv $AF/api/products/X-9
    cap $S fastify-404-route.txt 404 app fastify "no route: Fastify's 'Route GET:/api/v2/products not found'" "curl -si" -- -si $AF/api/v2/products
    caphttp $S fastify-400-schema-httpie.txt 400 app fastify "HTTPie POST with price 0: the schema 400" "HTTPie -v with colours" -- -v POST $AF/api/products sku=A-1 price:=0
    PROMPT='dev@laptop ~/src/catalog (main)$' cap $S fastify-400-bad-json.txt 400 app fastify "a truncated JSON body: FST_ERR_CTP_INVALID_JSON_BODY" "curl -si after a git prompt" -- -si "${JSONH[@]}" -d '{"sku":' $AF/api/products
    cap $S fastify-413-bodylimit.txt 413 app fastify "a 4 KiB JSON body over bodyLimit 1 KiB: FST_ERR_CTP_BODY_TOO_LARGE" "Apache's LimitRequestBody is 8192" -- -sv "${JSONH[@]}" --data-binary @big.json $AF/api/products
    capraw $S apache-413-fastify.txt 413 app fastify "a 16 KiB body over LimitRequestBody 8192" "curl -si saved to a file (CRs kept); relabelled on review: the body is Fastify's FST_ERR_CTP_BODY_TOO_LARGE (bodyLimit 1 KiB): Apache's LimitRequestBody did not refuse the proxied body" -- -si "${JSONH[@]}" --data-binary @huge.json $AF/api/products
    captty $S fastify-401-invalid-token-trace.txt 401 app fastify "an expired bearer token: 401 with WWW-Authenticate Bearer error=\"invalid_token\"" "curl --trace-ascii -" -- --trace-ascii - -H 'Authorization: Bearer expired-token' $AF/api/admin/imports
    cap $S fastify-403-scope.txt 403 app fastify "a token without the import scope" "curl -si" -- -si -H 'Authorization: Bearer user-token' $AF/api/admin/imports
    cap $S fastify-429-app.txt 429 app fastify "the handler's own rate limit 429" "" -- -sv "$AF/api/search?q=jug"
    capwget $S fastify-500-wget.txt 500 app fastify "an Error thrown in the handler: Fastify's default 500 JSON" "wget -S -O-" -- -S -O- --content-on-error $AF/api/boom
    captty $S apache-502-proxytimeout.txt 502 proxy apache "the handler sleeps 5 s, ProxyTimeout 2: Apache's 'Proxy Error' page" "curl -v in a terminal" -- -v $AF/api/slow
    HTTPIE_PLAIN=1 caphttp $S apache-503-dead-backend-httpie.txt 503 proxy apache "ProxyPass to a search service that is not running" "http --print=hb, no colours" -- --print=hb GET $AF/search-v2/q
    TRAIL='(reindex is scheduled for 03:00, this should not happen at 10:30)' cap $S fastify-503-maintenance.txt 503 app fastify "the handler's own maintenance 503" "curl -si, the engineer's comment under it" -- -si $AF/api/maintenance
    captty $S apache-503-dead-backend-trace.txt 503 proxy apache "ProxyPass to a search service that is not running" "curl --trace-ascii -" -- --trace-ascii - $AF/search-v2/products
fi

# ============================ Tomcat servlet + HAProxy (TLS h2, HTTP) ==
if up haproxy && up tomcat; then
    log "capturing: a Tomcat servlet behind HAProxy"
    S=tomcat-haproxy-tls
    captty $S tomcat-404-senderror-h2.txt 404 app tomcat "sendError(404, msg): Tomcat's 'HTTP Status 404 – Not Found' report" "curl -vk, TLS handshake, HTTP/2" -- -vk $HT/api/orders/7
    cap $S tomcat-404-no-servlet.txt 404 app tomcat "a path outside /api/*: Tomcat's default 404 report" "curl -sik, HTTP/2" -- -sik $HT/orders/7
    captty $S tomcat-500-report-h2.txt 500 app tomcat "an IllegalStateException: Tomcat's 500 report" "curl -vk, HTTP/2" -- -vk $HT/api/boom
    captty $S tomcat-401-invalid-token-trace.txt 401 app tomcat "an expired JWT: 401 with WWW-Authenticate Bearer error=\"invalid_token\"" "curl --trace-ascii -, HTTP/2" -- -k --trace-ascii - -H 'Authorization: Bearer expired-token' $HT/api/admin/reports
    caphttp $S tomcat-403-httpie.txt 403 app tomcat "HTTPie, a token without the scope: the servlet's JSON 403" "HTTPie -v with colours, --verify=no" -- -v --verify=no GET $HT/api/admin/reports 'Authorization:Bearer user-token'
    PROMPT='sre@jump-1:~$' cap $S tomcat-409-json.txt 409 app tomcat "the servlet's JSON 409" "curl -sik after a shell prompt" -- -sik -X POST $HT/api/orders/1/cancel
    cap $S tomcat-429-app.txt 429 app tomcat "the servlet's own quota 429" "curl -sik" -- -sik $HT/api/limited
    cap $S tomcat-405-default.txt 405 app tomcat "DELETE: HttpServlet's default 405, Tomcat's report page" "curl -sik" -- -sik -X DELETE $HT/api/orders/1
    captty $S haproxy-504-timeout-h2.txt 504 load-balancer haproxy "the servlet sleeps 5 s, timeout server 2s" "curl -vk, HTTP/2" -- -vk $HT/api/slow
    quiet -k "$HT/api/search?q=a"
    TRAIL='rate limiting kicked in after 2 requests?? limit should be 100/min' cap $S haproxy-429-stick-table.txt 429 load-balancer haproxy "a stick-table rate limit: deny_status 429" "curl -sik, the engineer's comment under it" -- -sik "$HT/api/search?q=b"
    capwin $S haproxy-413-content-length.txt 413 load-balancer haproxy "a 4 KiB body: http-request deny deny_status 413 on Content-Length" "curl -sik pasted with CRLF" -- -sik "${JSONH[@]}" --data-binary @big.json $HT/api/orders
    captty $S haproxy-503-maintenance-trace.txt 503 load-balancer haproxy "/api/billing/ closed by HAProxy itself: http-request return 503 with a JSON body" "curl --trace-ascii -, HTTP/2" -- -k --trace-ascii - $HT/api/billing/invoices
    capwget $S haproxy-503-no-server-wget.txt 503 load-balancer haproxy "no reports server is up" "wget -S -O /dev/null, plain HTTP" -- -S -O /dev/null $HP/reports/daily
    capwget $S tomcat-503-maintenance-wget.txt 503 app tomcat "the servlet's own maintenance 503" "wget --server-response, plain HTTP" -- --server-response $HP/api/maintenance
    HTTPIE_PLAIN=1 caphttp $S haproxy-503-httpie-plain.txt 503 load-balancer haproxy "HTTPie, no reports server is up" "http --print=hb, no colours" -- --print=hb GET $HP/reports/weekly
    capwget $S haproxy-504-wget.txt 504 load-balancer haproxy "wget, the 5 s servlet: timeout server 2s" "wget -S -O /dev/null, plain HTTP" -- -S -O /dev/null $HP/api/slow
fi

# ============================================== gin + HAProxy (HTTP) ==
if up haproxy; then
    log "capturing: gin behind HAProxy"
    S=gin-haproxy
    cap $S gin-404-json.txt 404 app gin "unknown sku: the handler's JSON 404" "" -- -sv $HG/api/items/B-9
    cap $S gin-404-default.txt 404 app gin "no route: gin's '404 page not found'" "curl -si" -- -si $HG/api/v2/items
    caphttp $S gin-400-binding-httpie.txt 400 app gin "HTTPie POST without delta: the binding error 400" "HTTPie -v with colours" -- -v POST $HG/api/adjustments sku=A-1
    cap $S gin-500-recovery.txt 500 app gin "a nil map write: gin.Recovery's empty 500" "an empty body" -- -sv $HG/api/boom
    captty $S gin-503-maintenance-trace.txt 503 app gin "the handler's own maintenance 503" "curl --trace-ascii -" -- --trace-ascii - $HG/api/maintenance
    capwget $S haproxy-401-auth-wget.txt 401 identity haproxy "http-request auth on /api/admin/, no credentials" "wget -S -O /dev/null" -- -S -O /dev/null $HG/api/admin/audit
    PROMPT='ubuntu@ip-10-0-3-17:~$' cap $S haproxy-401-auth-wrong.txt 401 identity haproxy "http-request auth on /api/admin/, a wrong password" "curl -si after a shell prompt" -- -si -u ops:wrong $HG/api/admin/audit
    cap $S gin-401-after-basic.txt 401 app gin "the right Basic credentials pass HAProxy; the handler wants a Bearer token: 401 error=\"invalid_token\"" "" -- -sv -u ops:correct-horse $HG/api/admin/audit
    cap $S gin-429-app.txt 429 app gin "the handler's own rate limit 429" "curl -si" -- -si $HG/api/limited
    quiet "$HG/api/search?q=a"
    HTTPIE_PLAIN=1 caphttp $S haproxy-429-httpie-plain.txt 429 load-balancer haproxy "HTTPie: the stick-table rate limit, deny_status 429" "http --print=hb, no colours" -- --print=hb GET "$HG/api/search?q=b"
    TRAIL='^^ 504 after exactly 2s every time, the export takes ~5s' cap $S haproxy-504-gin-slow.txt 504 load-balancer haproxy "timeout server 2s" "curl -si, the engineer's comment under it" -- -si $HG/api/slow
    capraw $S gin-503-ready.txt 503 app gin "the readiness check answers 503" "curl -si saved to a file (CRs kept)" -- -si $HG/api/health/ready
fi

# ============================ Rails / Puma + Caddy (HTTP, TLS h2) ==
if up caddy; then
    log "capturing: Rails under Puma behind Caddy"
    S=rails-puma-caddy
    captty $S rails-404-record-h2.txt 404 app rails "unknown order: rescue_from RecordNotFound, the controller's JSON 404" "curl -vk, TLS handshake (Caddy's internal CA), HTTP/2" -- -vk $CT/api/orders/7
    cap $S rails-404-routing-json.txt 404 app rails "no route, Accept: application/json: PublicExceptions' JSON" "curl -sik, HTTP/2" -- -sik "${ACCJ[@]}" $CT/api/v2/orders
    cap $S rails-404-routing-empty.txt 404 app rails "no route, no Accept: Rails' empty 404 (an API app has no public/404.html)" "curl -sik, an empty body" -- -sik $CT/api/v2/orders
    caphttp $S rails-422-httpie.txt 422 app rails "HTTPie POST with qty 0: the controller's JSON 422" "HTTPie -v with colours, --verify=no" -- -v --verify=no POST $CT/api/orders 'order:={"sku":"A-1","qty":0}'
    captty $S rails-401-invalid-token-h2.txt 401 app rails "a token the app does not accept: 401 with WWW-Authenticate Bearer error=\"invalid_token\"" "curl -vk, HTTP/2" -- -vk -H 'Authorization: Bearer expired-token' $CT/api/me
    PROMPT='deploy@rails-prod-1:~/app/current$' cap $S rails-401-token-denied.txt 401 app rails "no token: authenticate_or_request_with_http_token, 'HTTP Token: Access denied.'" "curl -sik after a shell prompt" -- -sik $CT/api/admin/reports
    cap $S rails-403-json.txt 403 app rails "a valid token without the right: the controller's JSON 403" "curl -sik" -- -sik -H 'Authorization: Bearer user-token' $CT/api/admin/reports
    captty $S rails-500-trace.txt 500 app rails "a NameError, production, Accept: application/json: PublicExceptions' JSON 500" "curl --trace-ascii -, HTTP/2" -- -k --trace-ascii - -H 'Accept: application/json' $CT/api/boom
    TRAIL='this is from the mobile client retry storm, see INC-2231' cap $S rails-429-app.txt 429 app rails "the controller's own rate limit 429" "curl -sik, the engineer's comment under it" -- -sik $CT/api/limited
    captty $S caddy-504-puma-slow-h2.txt 504 proxy caddy "the action sleeps 5 s, response_header_timeout 2s: Caddy's empty 504" "curl -vk, HTTP/2" -- -vk $CT/api/slow
    cap $S caddy-502-legacy-down.txt 502 proxy caddy "/legacy/* to a service that is not running: Caddy's empty 502" "curl -sik, HTTP/2" -- -sik $CT/legacy/api/items
    capwin $S caddy-502-request-body-max-size.txt 502 proxy caddy "a 4 KiB body over request_body max_size 2KB: the body read fails and Caddy answers its empty 502 (not a 413)" "curl -sik pasted with CRLF" -- -sik "${JSONH[@]}" --data-binary @big.json $CT/api/imports/orders
    capwget $S caddy-401-basicauth-wget.txt 401 identity caddy "basicauth on /ops/*, no credentials" "wget -S -O /dev/null" -- -S -O /dev/null $CP/ops/queues
    capwget $S caddy-503-maintenance-wget.txt 503 proxy caddy "/api/payments/* closed by Caddy itself: respond 503" "wget --server-response" -- --server-response $CP/api/payments/charge
    HTTPIE_PLAIN=1 caphttp $S rails-503-httpie-plain.txt 503 app rails "HTTPie: the controller's own maintenance 503" "http --print=hb, no colours" -- --print=hb GET $CP/api/maintenance
    caphttp $S caddy-504-httpie.txt 504 proxy caddy "HTTPie, the 5 s action: response_header_timeout 2s" "HTTPie -v with colours" -- -v GET $CP/api/slow
fi

# ============================================ Varnish + Tomcat (HTTP) ==
if up varnish; then
    log "capturing: Varnish straight in front of Tomcat"
    S=varnish-tomcat
    cap $S tomcat-200-varnish-miss.txt 200 app tomcat "the first request for the catalog: a MISS" "X-Cache: MISS" -- -sv $VT/api/catalog
    cap $S varnish-200-hit.txt 200 cdn-cache varnish "the second request: from Varnish's store" "curl -si; X-Cache: HIT" -- -si $VT/api/catalog
    cap $S varnish-304-etag.txt 304 cdn-cache varnish "If-None-Match with the cached ETag: Varnish's own 304" "" -- -sv -H 'If-None-Match: "cat-7f3a"' $VT/api/catalog
    cap $S tomcat-404-via-varnish.txt 404 app tomcat "Tomcat's 404 report passed (a MISS)" "curl -si" -- -si $VT/api/orders/7
    captty $S varnish-503-legacy-down.txt 503 cdn-cache varnish "/legacy/ goes to a backend that is not running: 'Backend fetch failed'" "curl -v in a terminal" -- -v $VT/legacy/api/items
    TRAIL='varnish or tomcat? the servlet logs show the request finishing after 5s' cap $S varnish-503-first-byte-timeout.txt 503 cdn-cache varnish "the servlet sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "curl -si, the engineer's comment under it" -- -si $VT/api/slow
    capwget $S varnish-200-hit-wget.txt 200 cdn-cache varnish "wget on the cached catalog: a HIT" "wget -S -O /dev/null" -- -S -O /dev/null $VT/api/catalog
    capwget $S varnish-304-wget.txt 304 cdn-cache varnish "wget with If-None-Match: Varnish's own 304" "wget -S -O /dev/null" -- -S -O /dev/null '--header=If-None-Match: "cat-7f3a"' $VT/api/catalog
    caphttp $S tomcat-500-via-varnish-httpie.txt 500 app tomcat "HTTPie: Tomcat's 500 report passed" "HTTPie -v with colours" -- -v GET $VT/api/boom
fi

# ================================================= body-only pastes ==
log "capturing: body-only, headers-only and developer-tools pastes"
S=body-only-paste
up nginx && capbody $S body-django-404-page.txt 0/404 app django "Django's stock 'Not Found' page" "no number" -- -k $NT/api/v2/orders
up nginx && capbody $S body-django-500.txt 500/500 app django "'Server Error (500)'" "" -- -k $NT/api/boom
up nginx && capbody $S body-nginx-502.txt 502/502 proxy nginx "nginx's '502 Bad Gateway' page" "" -- -k $NT/billing/api/invoices
up nginx && capbody $S body-nginx-maintenance.txt 0/503 proxy nginx "nginx's static maintenance page" "no number" -- -k $NT/api/payments/charges
up apache && capbody $S body-laravel-429.txt 0/429 app laravel "{\"message\":\"Too Many Attempts.\"}" "no number" -- -k "${ACCJ[@]}" $AL/api/exports
up haproxy && capbody $S body-tomcat-404.txt 404/404 app tomcat "Tomcat's 'HTTP Status 404 – Not Found' report" "" -- -k $HT/orders/7
up haproxy && capbody $S body-haproxy-maintenance-json.txt 0/503 load-balancer haproxy "HAProxy's http-request return JSON body" "no number" -- -k $HT/api/billing/invoices
up caddy && capbody $S body-caddy-maintenance.txt 0/503 proxy caddy "Caddy's respond text" "no number" -- $CP/api/payments/charge
up apache && capbody $S body-fastify-404-route.txt 404/404 app fastify "Fastify's 'Route GET:... not found' JSON" "statusCode in the body" -- $AF/api/v2/products
up caddy && capbody $S body-rails-401-invalid-token.txt 0/401 app rails "the controller's invalid_token JSON" "no number" -- -k -H 'Authorization: Bearer expired-token' $CT/api/me

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-django-404-h2.txt 404 app django "curl -skI, Django's 404 through nginx, HTTP/2" "" -- -k $NT/api/orders/7
up haproxy && caphead $S head-haproxy-503.txt 503 load-balancer haproxy "curl -sI, no reports server" "" -- $HP/reports/daily
up caddy && caphead $S head-caddy-401-basicauth.txt 401 identity caddy "curl -sI behind basicauth" "" -- $CP/ops/queues
up varnish && caphead $S head-varnish-hit.txt 200 cdn-cache varnish "curl -sI on the cached catalog" "X-Cache: HIT" -- $VT/api/catalog
up apache && caphead $S head-laravel-404-h2.txt 404 app laravel "curl -skI, Laravel's 404 through Apache, HTTP/2" "" -- -k $AL/api/v2/orders

# ============================= response headers from developer tools ==
S=devtools-headers-paste
up nginx && capdev $S devtools-firefox-django-404-h2.txt 404/404 app django "Django's JSON 404 through nginx, HTTP/2" "Firefox 'Copy Response Headers', made from a real response dump" firefox -- -k $NT/api/orders/7
up nginx && capdev $S devtools-chrome-nginx-429-h2.txt 0/429 proxy nginx "nginx's limit_req 429, HTTP/2" "Chrome 'Copy response headers' (no status line), made from a real response dump" chrome -- -k "$NT/api/search?q=plates"
up apache && capdev $S devtools-chrome-laravel-500-h2.txt 0/500 app laravel "Laravel's 500 page through Apache, HTTP/2" "Chrome 'Copy response headers' (no status line), made from a real response dump" chrome -- -k $AL/api/boom
up haproxy && capdev $S devtools-firefox-haproxy-504-h2.txt 504/504 load-balancer haproxy "HAProxy's 504, HTTP/2" "Firefox 'Copy Response Headers', made from a real response dump" firefox -- -k $HT/api/slow
up caddy && capdev $S devtools-chrome-caddy-502-h2.txt 0/502 proxy caddy "Caddy's empty 502, HTTP/2" "Chrome 'Copy response headers' (no status line), made from a real response dump" chrome -- -k $CT/legacy/api/items
up apache && capdev $S devtools-chrome-fastify-401.txt 401/401 app fastify "Fastify's invalid_token 401 through Apache, HTTP/1.1" "Chrome 'Copy response headers' (HTTP/1.1 status line), made from a real response dump" chrome -- -H 'Authorization: Bearer expired-token' $AF/api/admin/imports
up varnish && capdev $S devtools-firefox-varnish-hit.txt 200/200 cdn-cache varnish "a Varnish HIT of the catalog, HTTP/1.1" "Firefox 'Copy Response Headers', made from a real response dump" firefox -- $VT/api/catalog

# ========================== maintenance switched on in the app itself ==
if up apache && up php; then
    printf '{"except":[],"redirect":null,"retry":60,"refresh":null,"secret":null,"status":503,"template":null}' \
        >"$RUN/laravel/storage/framework/down"
    chown www-data: "$RUN/laravel/storage/framework/down" 2>/dev/null || true
    cap laravel-fpm-apache-tls laravel-503-artisan-down.txt 503 app laravel "'php artisan down': Laravel's 'Service Unavailable' page" "curl -sik, HTTP/2" -- -sik $AL/api/orders/1
    captty laravel-fpm-apache-tls laravel-503-artisan-down-json.txt 503 app laravel "'php artisan down', Accept: application/json" "curl -vk, HTTP/2" -- -vk -H 'Accept: application/json' $AL/api/orders/1
    rm -f "$RUN/laravel/storage/framework/down"
fi

# ================================== servers go away behind their fronts ==
if up nginx && up uwsgi; then
    stop_name uwsgi INT
    sleep 0.5
    captty django-uwsgi-nginx-tls nginx-502-uwsgi-stopped-h2.txt 502 proxy nginx "uWSGI is stopped: nginx's 502" "curl -vk, HTTP/2" -- -vk $NT/api/orders/1
fi
if up apache && up php; then
    stop_name php-fpm
    sleep 0.5
    cap laravel-fpm-apache-tls apache-503-fpm-stopped.txt 503 proxy apache "PHP-FPM is stopped: Apache's 503" "curl -sik, HTTP/2" -- -sik $AL/api/orders/1
fi
if up haproxy && up tomcat; then
    stop_name tomcat
    sleep 0.5
    captty tomcat-haproxy-tls haproxy-503-tomcat-stopped-h2.txt 503 load-balancer haproxy "Tomcat is stopped: HAProxy's 503" "curl -vk, HTTP/2" -- -vk $HT/api/orders/1
fi
if up caddy && up rails; then
    stop_name puma-rails
    sleep 0.5
    cap rails-puma-caddy caddy-502-puma-stopped.txt 502 proxy caddy "Puma is stopped: Caddy's empty 502" "" -- -sv $CP/api/orders/1
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round27/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
