#!/usr/bin/env bash
# capture-round37.sh — build the thirty-seventh held-out evidence corpus in
# tests/fixtures/evidence-round37/.
#
# A bad night upstream: what a front answers when the server behind it
# misbehaves (refuses connections, sends no header in time, stalls in the
# middle of a body, resets the connection, closes after the headers, sends a
# broken status line or header, sends more header than the front will
# buffer, answers HTTP/1.0 with no length, a dead unix socket, an upstream
# name that does not resolve, a kept-alive connection closed under a request),
# against the apps' own 502/503/504 in the same setups. Fronts: nginx,
# Apache mod_proxy_http and mod_proxy_fcgi, Caddy, HAProxy, Varnish,
# lighttpd, Squid as an accelerator, nghttpx and h2o. Apps: Flask under
# gunicorn, a legacy service on Python's http.server, plain Node http, Go
# net/http, a PSGI app under Starman, Sinatra under Puma, PHP under PHP-FPM.
#
#   scripts/corpus/capture-round37.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round37.sh   # never call apt-get / pip / go
#   CORPUS_KEEP_RUN=1 capture-round37.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round37.sh     # start every server, leave them up 300 s
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports
# 54500-54999) and the script stops if a new socket listens anywhere else;
# the only DNS server any front is pointed at is the NXDOMAIN responder on
# 127.0.0.1 (Squid's dns_nameservers is 127.0.0.1, where none listens), so
# no name lookup leaves the machine; every curl, HTTPie and wget runs under
# `timeout`; every loop is bounded; every server it started is stopped on
# exit, by process id. Labels are written by finish_round37.py; if a label's
# status is not the one on the wire the fixtures are left as they were.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round37"
RUN=/tmp/api-triage-corpus37
STAGE="$RUN/evidence"
CONF="$HERE/conf-round37"
APPS="$HERE/apps37"
VENV=${CORPUS_VENV37:-/tmp/api-triage-corpus37-venv}
GODIR=${CORPUS_GO37:-/tmp/api-triage-corpus37-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv, the check service and the finish script
HTTPIE=/usr/bin/http
PYPI=(flask==3.1.3 gunicorn==27.0.1)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus37 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PACKAGES=(httpie wget python3-venv nodejs golang-go php8.2-fpm ruby-sinatra puma starman libplack-perl
          nginx apache2 caddy haproxy varnish lighttpd squid nghttp2-proxy h2o)
declare -A SKIPPED=()
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
install_packages() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
    ((${#missing[@]})) || return 0
    if [[ ${CORPUS_SKIP_INSTALL:-0} == 1 || $(id -u) != 0 ]]; then
        for p in "${missing[@]}"; do SKIPPED[$p]="not installed"; done
        return
    fi
    log "apt-get install ${missing[*]}"
    apt-get update -qq >"$RUN/logs/apt-update.log" 2>&1 || true
    DEBIAN_FRONTEND=noninteractive nice -n 15 timeout 900 apt-get install -y -q --no-install-recommends "${missing[@]}" \
        >"$RUN/logs/apt-install.log" 2>&1 || for p in "${missing[@]}"; do SKIPPED[$p]="apt-get install failed"; done
}
install_venv() {  # Flask and gunicorn, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, gunicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 || SKIPPED[venv]="pip install failed"
}
build_go() {
    [[ -x $GODIR/go_app && $GODIR/go_app -nt $APPS/go_app.go ]] && return 0
    mkdir -p "$GODIR"
    log "go build"
    (cd "$APPS" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR" GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GODIR/go_app" go_app.go) >"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[go]="go build failed"
}
have() { [[ -z ${SKIPPED[$1]:-} ]] && installed "$1"; }

PIDS=()
start_bg() {
    local name=$1; shift
    (cd "$HERE" && exec "$@") >"$RUN/logs/$name.log" 2>&1 &
    PIDS+=($!)
    echo $! >"$RUN/pids/$name.pid"
}
ours() {
    local cmd
    [[ -r /proc/$1/cmdline ]] || return 1
    cmd=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GODIR/"* || $cmd == *"$VENV/"* ]] && return 0
    # a worker that renamed itself (nginx, php-fpm): started in this script's folder
    [[ $(readlink "/proc/$1/cwd" 2>/dev/null) == "$HERE" ]]
}
stop_pid() {
    local pid=$1 sig=${2:-TERM} i
    kill "-$sig" "$pid" 2>/dev/null || return 0
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
}
stop_name() {  # stop_name NAME: one server this script started, by its pid
    local f=$RUN/pids/$1.pid
    [[ -e $f ]] && stop_pid "$(cat "$f")"
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
            log "WARNING: pid $pid still running, stopping it: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
            stop_pid "$pid" KILL
        fi
    done
}
stop_stale() {
    local f pid
    for f in "$RUN"/pids/*.pid; do
        [[ -e $f ]] || continue
        pid=$(cat "$f")
        if [[ $pid =~ ^[0-9]+$ ]] && ours "$pid"; then log "stopping stale pid $pid"; stop_pid "$pid"; fi
    done
}
listening() { ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; }
wait_port() {
    local i
    for i in $(seq 1 "${3:-300}"); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    log "$2 did not open 127.0.0.1:$1; its log:"; tail -n 20 "$RUN/logs/$2.log" >&2
    return 1
}
sockets() { ss -ltunH 2>/dev/null | awk '{print $1, $5}' | sort -u; }
render() { local src=$1 dest=$2; shift 2; sed -e "s|@RUN@|$RUN|g" "$@" "$src" >"$dest"; }
up() { [[ -n ${UP[$1]:-} ]]; }

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
    if ! FINISH_FORM=$form FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round37.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
        MISMATCH=$((MISMATCH + 1))
    fi
    if [[ -n ${TRAIL:-} ]]; then
        [[ -s $1 && -n $(tail -c 1 "$1") ]] && printf '\n' >>"$1"
        printf '%s\n' "$TRAIL" >>"$1"
    fi
    COUNT=$((COUNT + 1))
}

quiet() { in_work timeout 10 curl -s -o /dev/null "$@" || true; }  # a request whose answer is not kept

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



# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS ]] || die "missing $CONF or $APPS"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,sock}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
build_go
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/go_app ]] || die "the Go app did not build"

PORTS=(54510 54511 54512 54513 54514 54515 54519 54550 54560 54561 54565 54570 54575 54580 54585 54590 54595)
for p in "${PORTS[@]}"; do listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"; done
ss -lunH "sport = :54500" 2>/dev/null | grep -q . && die "udp 127.0.0.1:54500 is already in use"
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg dns-nx "$PY" "$APPS/dns_nx.py" 54500
start_bg flask nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 2 --timeout 30 -b 127.0.0.1:54510 flask_app:app
start_bg legacy nice -n 5 "$PY" "$APPS/legacy.py" 54511
start_bg node nice -n 5 node "$APPS/node_app.js" 54512
start_bg go nice -n 5 "$GODIR/go_app" 54513
start_bg starman nice -n 5 starman --listen 127.0.0.1:54514 --workers 3 "$APPS/plack_app.psgi"
start_bg puma nice -n 5 puma -b tcp://127.0.0.1:54515 -e production -t 4:4 "$APPS/sinatra_app.ru"
for p in 54510 54511 54512 54513 54514 54515; do wait_port $p app || die "an app did not start on $p"; done
# a unix socket whose server died: the file is left behind, nobody accepts
"$PY" -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1); s.close()' "$RUN/sock/ledger.sock"
chmod 777 "$RUN/sock"; chmod 666 "$RUN/sock/ledger.sock"
if have php8.2-fpm; then
    mkdir -p "$RUN"/php-fpm "$RUN"/php
    cp "$APPS"/php/*.php "$RUN/php/"
    render "$CONF/php-fpm.conf" "$RUN/php-fpm/php-fpm.conf"
    chown -R www-data: "$RUN/php-fpm" "$RUN/php" 2>/dev/null || true
    start_bg php-fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/php-fpm.conf"
    for i in $(seq 1 100); do [[ -S $RUN/php-fpm/php.sock ]] && break; sleep 0.1; done
    [[ -S $RUN/php-fpm/php.sock ]] && UP[php]=1
fi

# ---- fronts -------------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 54550 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/empty
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 54560 apache && wait_port 54561 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 54565 caddy && UP[caddy]=1
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 54570 haproxy && UP[haproxy]=1
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:54575 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m -p first_byte_timeout=2 -p between_bytes_timeout=2
    wait_port 54575 varnish && UP[varnish]=1
fi
if have lighttpd && up php; then
    mkdir -p "$RUN/lighttpd"
    render "$CONF/lighttpd.conf" "$RUN/lighttpd/lighttpd.conf"
    if lighttpd -tt -f "$RUN/lighttpd/lighttpd.conf" >"$RUN/logs/lighttpd-t.log" 2>&1; then
        start_bg lighttpd lighttpd -D -f "$RUN/lighttpd/lighttpd.conf"
        wait_port 54580 lighttpd && UP[lighttpd]=1
    else log "SKIP lighttpd: config test failed"; cat "$RUN/logs/lighttpd-t.log" >&2; fi
fi
if have squid; then
    mkdir -p "$RUN/squid"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || true
    start_bg squid squid -N -n corpus37 -f "$RUN/squid/squid.conf"
    wait_port 54585 squid && UP[squid]=1
fi
if have nghttp2-proxy; then
    mkdir -p "$RUN/nghttpx"
    render "$CONF/nghttpx.conf" "$RUN/nghttpx/nghttpx.conf"
    start_bg nghttpx nghttpx --conf="$RUN/nghttpx/nghttpx.conf"
    wait_port 54590 nghttpx && UP[nghttpx]=1
fi
if have h2o; then
    mkdir -p "$RUN/h2o"
    render "$CONF/h2o.conf" "$RUN/h2o/h2o.conf"
    chown -R www-data: "$RUN/h2o" 2>/dev/null || true
    start_bg h2o h2o -c "$RUN/h2o/h2o.conf"
    wait_port 54595 h2o && UP[h2o]=1
fi
sleep 3  # HAProxy's checks and its resolver settle

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

A=http://127.0.0.1
NG=$A:54550 AP=$A:54560 AF=$A:54561 CD=$A:54565 HA=$A:54570 VN=$A:54575 LT=$A:54580 SQ=$A:54585 NX=$A:54590 HO=$A:54595
FL=$A:54510 ND=$A:54512 GO=$A:54513

# ============================================ Flask (gunicorn) + nginx ==
if up nginx; then
    log "capturing: Flask under gunicorn and the legacy service behind nginx"
    S=flask-gunicorn-nginx
    cap $S flask-404-nginx.txt 404 app flask "unknown order: the view's JSON 404" "Server: nginx/1.22.1" -- -sv $NG/api/orders/7
    cap $S flask-503-maintenance-nginx.txt 503 app flask "the app's own JSON 503 during its nightly migration, Retry-After 1800" "curl -si" -- -si $NG/api/maintenance
    cap $S flask-502-own-payments-nginx.txt 502 app flask "the payment provider failed: the app's own JSON 502" "" -- -sv $NG/api/payments
    cap $S flask-504-own-inventory-nginx.txt 504 app flask "the inventory call ran out of its 1 s: the app's own HTML 504" "curl -si" -- -si $NG/api/inventory
    capwin $S flask-500-nginx.txt 500 app flask "an unhandled RuntimeError: Flask's 500 page" "curl -si pasted with CRLF" -- -si $NG/api/boom
    cap $S flask-200-export-cut-nginx.txt 200 app flask "the CSV export stalls 6 s mid-body: nginx relayed the app's 200 and its headers, then proxy_read_timeout cut the body" "curl (18) transfer closed" -- -sv $NG/api/export
    cap $S nginx-504-flask-slow.txt 504 proxy nginx "the view sleeps 5 s before any byte, proxy_read_timeout 2s" "" -- -sv $NG/api/slow
    cap $S nginx-502-big-cookie.txt 502 proxy nginx "the app sets a 12 KiB cookie: upstream sent too big header (proxy_buffer_size at its default)" "curl -si" -- -si $NG/api/session
    cap $S legacy-200-http10-nginx.txt 200 app python-http.server "the legacy service answers HTTP/1.0 with no length; nginx relays it chunked" "Server: nginx/1.22.1" -- -sv $NG/reports/report
    cap $S legacy-503-maintenance-nginx.txt 503 app python-http.server "the legacy service's own HTML 503 (rebuild), passed" "curl -si" -- -si $NG/reports/maintenance
    cap $S legacy-0-badstatus-nginx.txt 0 app python-http.server "a status line '2OO': nginx passes the upstream's bytes through as HTTP/0.9 and curl refuses them" "no HTTP response; curl: Unsupported response code" -- -sv $NG/reports/badstatus
    cap $S nginx-502-bad-header.txt 502 proxy nginx "a header line with no colon: upstream sent invalid header" "" -- -sv $NG/reports/badheader
    cap $S nginx-502-half-headers.txt 502 proxy nginx "the upstream closes in the middle of its header block" "curl -si" -- -si $NG/reports/halfheaders
    capraw $S nginx-502-empty-reply.txt 502 proxy nginx "the upstream reads the request and closes without a byte" "curl -si saved to a file (CRs kept)" -- -si $NG/reports/empty
    cap $S nginx-502-upstream-reset.txt 502 proxy nginx "the upstream resets the connection (RST)" "" -- -sv $NG/reports/reset
    caphttp $S nginx-504-legacy-slow-httpie.txt 504 proxy nginx "HTTPie: the legacy service takes 5 s before its status line" "HTTPie with colours" -- -v GET $NG/reports/slow
    cap $S nginx-502-connect-refused.txt 502 proxy nginx "billing is not running: connect() refused" "" -- -sv $NG/billing/api/invoices
    cap $S nginx-502-dead-unix-socket.txt 502 proxy nginx "proxy_pass to a unix socket whose server died (the file is still there)" "curl -si" -- -si $NG/ledger/api/entries
    cap $S nginx-502-dns-nxdomain.txt 502 proxy nginx "the upstream name does not resolve (resolver answers NXDOMAIN)" "" -- -sv $NG/search/api/products?q=lamp
    quiet $NG/ka/warm
    cap $S nginx-502-keepalive-race-post.txt 502 proxy nginx "a POST on a kept-alive upstream connection the service closes as the request arrives; nginx does not retry a POST" "upstream keepalive 4" -- -sv -H 'Content-Type: application/json' -d '{"sku":"A-1","qty":1}' $NG/ka/orders
    quiet $NG/ka/warm
    cap $S legacy-200-keepalive-race-get-retried.txt 200 app python-http.server "the same race on a GET: nginx retries on a new connection and relays the service's 200" "curl -si" -- -si $NG/ka/orders
fi

# ========================================== PSGI (Starman) + Apache ==
if up apache; then
    log "capturing: a PSGI app under Starman and the legacy service behind Apache"
    S=plack-starman-apache
    cap $S plack-404-apache.txt 404 app plack "unknown order: the app's JSON 404" "Server: Apache/2.4.71 (Debian)" -- -sv $AP/api/orders/7
    cap $S plack-503-maintenance-apache.txt 503 app plack "the app's own HTML maintenance page, Retry-After 3600" "" -- -sv $AP/api/maintenance
    cap $S plack-504-own-warehouse-apache.txt 504 app plack "the warehouse API timed out: the app's own JSON 504" "curl -si" -- -si $AP/api/inventory
    cap $S starman-500-apache.txt 500 app starman "the app dies: Starman's plain 'Internal Server Error'" "curl -si" -- -si $AP/api/boom
    cap $S plack-200-export-cut-apache.txt 200 app plack "the export stalls 8 s mid-body: the app's 200 relayed, then ProxyTimeout cut the body" "curl (18)" -- -sv $AP/api/export
    capwget $S legacy-200-http10-apache-wget.txt 200 app python-http.server "wget: the legacy service's HTTP/1.0 answer with no length, relayed" "wget -S -O-" -- -S -O- $AP/reports/report
    cap $S apache-502-proxy-error-timeout.txt 502 proxy apache "the app sleeps 5 s, ProxyTimeout 2: '502 Proxy Error', error reading from remote server" "" -- -sv $AP/api/slow
    cap $S apache-502-bad-header.txt 502 proxy apache "a header line with no colon: Apache's '502 Bad Gateway'" "curl -si" -- -si $AP/reports/badheader
    cap $S apache-502-empty-reply.txt 502 proxy apache "the upstream closes without a byte: error reading status line" "curl -si" -- -si $AP/reports/empty
    capwin $S apache-502-upstream-reset.txt 502 proxy apache "the upstream resets the connection" "curl -si pasted with CRLF" -- -si $AP/reports/reset
    cap $S apache-502-header-over-limit.txt 502 proxy apache "a 20 KiB header over ResponseFieldSize (8192)" "" -- -sv $AP/reports/bigheader
    cap $S apache-503-connect-refused.txt 503 proxy apache "billing is not running: connect refused" "" -- -sv $AP/billing/api/invoices
    cap $S apache-503-dead-unix-socket.txt 503 proxy apache "ProxyPass unix:...|http:// to a socket whose server died" "curl -si" -- -si $AP/ledger/api/entries
    cap $S apache-200-http09-badstatus.txt 200 proxy apache "a status line '2OO': Apache reads it as HTTP/0.9, writes its own 200 and headers around the upstream's raw bytes" "the body holds the broken status line" -- -si $AP/reports/badstatus

    S=php-fpm-apache-unix
    cap $S php-404-apache-fcgi.txt 404 app php "the front controller's JSON 404 over a unix socket" "curl -si" -- -si $AF/api/orders/7
    cap $S php-503-maintenance-apache.txt 503 app php "the app's own JSON 503 for maintenance" "" -- -sv $AF/api/maintenance
    caphttp $S php-504-own-search-httpie.txt 504 app php "HTTPie: the search backend timed out, the app's own JSON 504" "HTTPie with colours" -- -v GET $AF/api/inventory
    cap $S apache-504-fcgi-timeout.txt 504 proxy apache "the script sleeps 5 s, ProxyTimeout 2 on mod_proxy_fcgi" "" -- -sv $AF/api/slow
fi

# =============================================== Node http + Caddy ==
if up caddy; then
    log "capturing: a Node http app and the legacy service behind Caddy"
    S=node-caddy
    cap $S node-404-caddy.txt 404 app node "unknown order: the app's JSON 404" "Server: Caddy" -- -sv $CD/api/orders/7
    cap $S node-503-failover-caddy.txt 503 app node "the app's own JSON 503 during a database failover" "curl -si" -- -si $CD/api/maintenance
    cap $S node-502-own-processor-caddy.txt 502 app node "the card processor answered garbage: the app's own JSON 502" "" -- -sv $CD/api/payments
    caphttp $S node-504-own-inventory-httpie.txt 504 app node "HTTPie: the app's own 504 for its inventory call" "HTTPie with colours" -- -v GET $CD/api/inventory
    cap $S node-200-export-cut-caddy.txt 200 app node "the export stalls mid-body: the app's 200 relayed, then Caddy's read_timeout (3 s) cut it" "curl (18)" -- -sv $CD/api/export
    cap $S node-200-hangup-caddy.txt 200 app node "the app sends its headers (Content-Length 512) and closes: the 200 relayed, no body" "curl -si" -- -si $CD/api/hangup
    cap $S legacy-200-http10-caddy.txt 200 app python-http.server "the legacy HTTP/1.0 answer with no length, relayed" "" -- -sv $CD/reports/report
    cap $S caddy-504-node-slow.txt 504 proxy caddy "the handler sleeps 5 s, response_header_timeout 2s" "an empty 504" -- -sv $CD/api/slow
    cap $S caddy-502-upstream-reset.txt 502 proxy caddy "the app resets the connection" "curl -si" -- -si $CD/api/reset
    cap $S caddy-502-badstatus.txt 502 proxy caddy "a status line '2OO'" "" -- -sv $CD/reports/badstatus
    capraw $S caddy-502-bad-header.txt 502 proxy caddy "a header line with no colon" "curl -si saved to a file (CRs kept)" -- -si $CD/reports/badheader
    cap $S caddy-502-empty-reply.txt 502 proxy caddy "the upstream closes without a byte" "curl -si" -- -si $CD/reports/empty
    caphttp $S caddy-502-refused-httpie.txt 502 proxy caddy "HTTPie: billing is not running" "HTTPie with colours" -- -v GET $CD/billing/api/invoices
fi

# ================================================= Go + HAProxy ==
if up haproxy; then
    log "capturing: a Go net/http app and the legacy service behind HAProxy"
    S=go-haproxy
    cap $S go-503-maintenance-haproxy.txt 503 app go-net-http "the app's own HTML maintenance page" "" -- -sv $HA/api/maintenance
    cap $S go-502-own-payments-haproxy.txt 502 app go-net-http "payments-svc sent malformed JSON: the app's own 502" "curl -si" -- -si $HA/api/payments
    cap $S go-504-own-inventory-haproxy.txt 504 app go-net-http "the app's own JSON 504 for its 1 s inventory deadline" "" -- -sv $HA/api/inventory
    cap $S go-200-export-cut-haproxy.txt 200 app go-net-http "the export stalls mid-body: the app's 200 relayed, then timeout server cut it" "curl -si" -- -si $HA/api/export
    cap $S legacy-503-maintenance-haproxy.txt 503 app python-http.server "the legacy service's own HTML 503, passed" "curl -si" -- -si $HA/reports/maintenance
    cap $S haproxy-504-go-slow.txt 504 load-balancer haproxy "the handler sleeps 5 s, timeout server 2s" "" -- -sv $HA/api/slow
    cap $S haproxy-502-upstream-reset.txt 502 load-balancer haproxy "the app resets the connection" "" -- -sv $HA/api/reset
    cap $S haproxy-502-big-header.txt 502 load-balancer haproxy "a 20 KiB header over tune.bufsize" "curl -si" -- -si $HA/api/session
    cap $S haproxy-502-badstatus.txt 502 load-balancer haproxy "a status line '2OO'" "" -- -sv $HA/reports/badstatus
    capwin $S haproxy-502-bad-header.txt 502 load-balancer haproxy "a header line with no colon" "curl -si pasted with CRLF" -- -si $HA/reports/badheader
    cap $S haproxy-502-empty-reply.txt 502 load-balancer haproxy "the upstream closes without a byte" "curl -si" -- -si $HA/reports/empty
    caphttp $S haproxy-502-half-headers-httpie.txt 502 load-balancer haproxy "HTTPie: the upstream closes in the middle of its headers" "HTTPie with colours" -- -v GET $HA/reports/halfheaders
    cap $S haproxy-503-check-down.txt 503 load-balancer haproxy "the billing server fails its health check (refused): no server available" "" -- -sv $HA/billing/api/invoices
    capwget $S haproxy-503-connect-refused-wget.txt 503 load-balancer haproxy "wget: a server without checks refuses; HAProxy retries, then answers 503" "wget -S -O-" -- -S -O- --content-on-error $HA/ledger/api/entries
    cap $S haproxy-503-dns-nxdomain.txt 503 load-balancer haproxy "the server's name does not resolve (resolvers answer NXDOMAIN, init-addr none)" "curl -si" -- -si $HA/search/api/products
fi

# ============================================ Sinatra (Puma) + Varnish ==
if up varnish; then
    log "capturing: Sinatra under Puma and the legacy service behind Varnish"
    S=sinatra-puma-varnish
    cap $S sinatra-503-maintenance-varnish.txt 503 app sinatra "the app's own HTML maintenance 503, passed (not cached)" "X-Varnish" -- -sv $VN/api/maintenance
    cap $S sinatra-502-own-gateway-varnish.txt 502 app sinatra "the payment gateway failed: the app's own JSON 502" "curl -si" -- -si $VN/api/payments
    cap $S sinatra-504-own-stock-varnish.txt 504 app sinatra "the stock service timed out: the app's own JSON 504" "curl -si" -- -si $VN/api/inventory
    cap $S sinatra-200-catalog-miss.txt 200 app sinatra "the catalog, a MISS" "X-Cache: MISS" -- -si $VN/api/catalog
    cap $S varnish-200-catalog-hit.txt 200 cdn-cache varnish "the catalog again, from Varnish's store" "X-Cache: HIT" -- -sv $VN/api/catalog
    cap $S legacy-200-stall-varnish.txt 200 app python-http.server "the legacy report stalls mid-body: Varnish streamed the service's 200, then between_bytes_timeout cut it" "curl (18)" -- -sv $VN/reports/stall
    cap $S varnish-503-first-byte-timeout.txt 503 cdn-cache varnish "the handler sleeps 5 s, first_byte_timeout 2: Backend fetch failed" "" -- -sv $VN/api/slow
    cap $S varnish-503-big-header.txt 503 cdn-cache varnish "a 20 KiB header over http_resp_hdr_len" "curl -si" -- -si $VN/api/session
    capraw $S varnish-503-connect-refused.txt 503 cdn-cache varnish "billing is not running" "curl -si saved to a file (CRs kept)" -- -si $VN/billing/api/invoices
    cap $S varnish-503-badstatus.txt 503 cdn-cache varnish "a status line '2OO'" "" -- -sv $VN/reports/badstatus
    cap $S varnish-503-upstream-reset.txt 503 cdn-cache varnish "the upstream resets the connection" "curl -si" -- -si $VN/reports/reset
fi

# ============================================= PHP-FPM + lighttpd ==
if up lighttpd; then
    log "capturing: PHP-FPM and the legacy service behind lighttpd"
    S=php-fpm-lighttpd
    cap $S php-503-maintenance-lighttpd.txt 503 app php "the app's own JSON 503 for maintenance" "curl -si" -- -si $LT/api/maintenance
    cap $S php-504-own-search-lighttpd.txt 504 app php "the search backend timed out: the app's own JSON 504" "" -- -sv $LT/api/inventory
    cap $S legacy-200-http10-lighttpd.txt 200 app python-http.server "the legacy HTTP/1.0 answer with no length, relayed" "curl -si" -- -si $LT/reports/report
    cap $S legacy-200-bad-header-lighttpd.txt 200 app python-http.server "a header line with no colon: lighttpd drops the line and relays the 200" "" -- -sv $LT/reports/badheader
    cap $S lighttpd-504-fcgi-timeout.txt 504 proxy lighttpd "the script sleeps 5 s, read-timeout 2 on mod_fastcgi" "" -- -sv $LT/api/slow
    cap $S lighttpd-503-connect-refused.txt 503 proxy lighttpd "mod_proxy to billing, which is not running" "curl -si" -- -si $LT/billing/api/invoices
    cap $S lighttpd-503-dead-unix-socket.txt 503 proxy lighttpd "mod_fastcgi to a unix socket whose server died" "" -- -sv $LT/ledger/api/entries
    cap $S lighttpd-502-badstatus.txt 502 proxy lighttpd "a status line '2OO'" "curl -si" -- -si $LT/reports/badstatus
    cap $S lighttpd-500-empty-reply.txt 500 proxy lighttpd "the upstream closes without a byte: lighttpd's own 500 page" "" -- -sv $LT/reports/empty
    caphttp $S lighttpd-500-upstream-reset-httpie.txt 500 proxy lighttpd "HTTPie: the upstream resets the connection" "HTTPie with colours" -- -v GET $LT/reports/reset
    cap $S lighttpd-404-after-stall.txt 404 proxy lighttpd "the legacy report stalls mid-body (lighttpd buffers it): after read-timeout lighttpd answers its own 404 page" "curl -si" -- -si $LT/reports/stall
fi

# ========================================= Flask + Squid accelerator ==
if up squid; then
    log "capturing: Flask and the legacy service behind Squid as an accelerator"
    S=flask-squid-accel
    cap $S flask-503-maintenance-squid.txt 503 app flask "the app's own JSON 503, passed" "" -- -sv $SQ/api/maintenance
    cap $S flask-504-own-inventory-squid.txt 504 app flask "the app's own HTML 504, passed" "X-Cache: MISS" -- -sv $SQ/api/inventory
    cap $S flask-200-export-cut-squid.txt 200 app flask "the export stalls mid-body: the app's 200 relayed, then read_timeout cut it" "curl -si" -- -si $SQ/api/export
    cap $S legacy-200-http10-squid.txt 200 app python-http.server "the legacy HTTP/1.0 answer with no length, relayed" "curl -si" -- -si $SQ/reports/report
    cap $S squid-504-read-timeout.txt 504 cdn-cache squid "the view sleeps 5 s, read_timeout 2 s: ERR_READ_TIMEOUT" "" -- -sv $SQ/api/slow
    cap $S squid-502-too-big.txt 502 cdn-cache squid "a 12 KiB cookie over reply_header_max_size 8 KB: ERR_TOO_BIG" "curl -si" -- -si $SQ/api/session
    cap $S squid-502-zero-sized-reply.txt 502 cdn-cache squid "the upstream closes without a byte: ERR_ZERO_SIZE_OBJECT" "curl -si" -- -si $SQ/reports/empty
    capwget $S squid-502-refused-wget.txt 502 cdn-cache squid "wget: billing is not running" "wget -S -O-" -- -S -O- $SQ/billing/api/invoices
    cap $S squid-502-unresolvable-peer.txt 502 cdn-cache squid "the search peer's name does not resolve (no DNS server on 127.0.0.1)" "" -- -sv $SQ/search/api/products
fi

# ================================================ Node + nghttpx ==
if up nghttpx; then
    log "capturing: the Node http app and the legacy service behind nghttpx"
    S=node-nghttpx
    cap $S node-404-nghttpx-h2c.txt 404 app node "HTTP/2 (h2c): the app's JSON 404" "" -- -sv --http2-prior-knowledge $NX/api/orders/7
    cap $S node-503-failover-nghttpx.txt 503 app node "the app's own JSON 503" "curl -si" -- -si $NX/api/maintenance
    cap $S node-504-own-inventory-nghttpx-h2c.txt 504 app node "HTTP/2: the app's own JSON 504" "" -- -sv --http2-prior-knowledge $NX/api/inventory
    cap $S node-200-hangup-nghttpx.txt 200 app node "headers then close: the app's 200 relayed, no body" "curl -si" -- -si $NX/api/hangup
    cap $S nghttpx-504-node-slow.txt 504 proxy nghttpx "the handler sleeps 5 s, backend-read-timeout 2s" "" -- -sv $NX/api/slow
    cap $S nghttpx-502-upstream-reset.txt 502 proxy nghttpx "the app resets the connection" "curl -si" -- -si $NX/api/reset
    cap $S nghttpx-502-badstatus.txt 502 proxy nghttpx "a status line '2OO'" "" -- -sv $NX/reports/badstatus
    cap $S nghttpx-502-refused-h2c.txt 502 proxy nghttpx "HTTP/2: billing is not running" "curl -si" -- -si --http2-prior-knowledge $NX/billing/api/invoices
fi

# ==================================================== Go + h2o ==
if up h2o; then
    log "capturing: the Go app and the legacy service behind h2o"
    S=go-h2o
    cap $S go-503-maintenance-h2o.txt 503 app go-net-http "the app's own HTML maintenance page" "curl -si" -- -si $HO/api/maintenance
    cap $S go-504-own-inventory-h2o.txt 504 app go-net-http "the app's own JSON 504" "" -- -sv $HO/api/inventory
    cap $S h2o-502-io-timeout.txt 502 proxy h2o "the handler sleeps 5 s, proxy.timeout.io 2000: 'I/O timeout'" "" -- -sv $HO/api/slow
    cap $S h2o-502-upstream-reset.txt 502 proxy h2o "the app resets the connection: 'I/O error (head)'" "curl -si" -- -si $HO/api/reset
    cap $S h2o-502-badstatus.txt 502 proxy h2o "a status line '2OO': 'failed to parse the response'" "" -- -sv $HO/reports/badstatus
    cap $S h2o-502-empty-reply.txt 502 proxy h2o "the upstream closes without a byte" "curl -si" -- -si $HO/reports/empty
    caphttp $S h2o-502-refused-httpie.txt 502 proxy h2o "HTTPie: billing is not running, 'connection failed'" "HTTPie with colours" -- -v GET $HO/billing/api/invoices
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-502.txt 502/502 proxy nginx "nginx's stock 502 page (the upstream name did not resolve)" "" -- $NG/search/api/products
up nginx && capbody $S body-flask-503-maintenance.txt 0/503 app flask "the app's maintenance JSON" "no number" -- $NG/api/maintenance
up haproxy && capbody $S body-haproxy-504.txt 504/504 load-balancer haproxy "HAProxy's 504 page" "" -- $HA/api/slow
up h2o && capbody $S body-h2o-502-io-timeout.txt 0/502 proxy h2o "h2o's 'I/O timeout'" "no number" -- $HO/api/slow
up squid && capbody $S body-squid-504-read-timeout.txt 0/504 cdn-cache squid "Squid's ERR_READ_TIMEOUT page" "no number" -- $SQ/api/slow
up haproxy && capbody $S body-go-503-maintenance.txt 0/503 app go-net-http "the app's maintenance HTML" "no number" -- $HA/api/maintenance
up caddy && capbody $S body-node-502-own.txt 0/502 app node "the app's own JSON 502" "no number" -- $CD/api/payments
up varnish && capbody $S body-varnish-503.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page" "" -- $VN/billing/api/invoices
up apache && capbody $S body-apache-503.txt 503/503 proxy apache "Apache's 503 page for a refused backend" "" -- $AP/billing/api/invoices

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-502-refused.txt 502 proxy nginx "curl -sI: billing is not running" "" -- $NG/billing/api/invoices
up nginx && caphead $S head-flask-503.txt 503 app flask "curl -sI: the app's maintenance 503" "Retry-After" -- $NG/api/maintenance
up haproxy && caphead $S head-haproxy-503-dns.txt 503 load-balancer haproxy "curl -sI: the server's name does not resolve" "" -- $HA/search/api/products
up varnish && caphead $S head-varnish-503-timeout.txt 503 cdn-cache varnish "curl -sI: first_byte_timeout" "" -- $VN/api/slow
up caddy && caphead $S head-caddy-502-reset.txt 502 proxy caddy "curl -sI: the app resets the connection" "" -- $CD/api/reset

# ================================= PHP-FPM goes away behind its fronts ==
if up php; then
    stop_name php-fpm
    sleep 0.5
    up apache && cap php-fpm-apache-unix apache-503-fpm-stopped.txt 503 proxy apache "PHP-FPM is stopped (its socket is gone)" "" -- -sv $AF/api/orders/7
    up lighttpd && cap php-fpm-lighttpd lighttpd-503-fpm-stopped.txt 503 proxy lighttpd "PHP-FPM is stopped" "curl -si" -- -si $LT/api/orders/7
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
{
    cat <<'HDR'
# Evidence corpus, ROUND 37 (held out): real responses captured by
# scripts/corpus/capture-round37.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as earlier rounds:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the body itself shows (0 = none)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`) or "headers-only" (`curl -sI`);
#              absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
HDR
    cat "$STAGE/labels.toml"
} >"$OUT/labels.toml"
cp "$STAGE"/*.txt "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round37/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
