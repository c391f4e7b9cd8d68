#!/usr/bin/env bash
# capture-round10.sh — build the tenth held-out evidence corpus in
# tests/fixtures/evidence-round10/.
#
# Writers no earlier round (capture.sh, capture-round2.sh ... capture-round9.sh)
# used: warp (Rust) as an app and as the base of an API gateway; Microdot on
# its own server and as a WSGI app under uWSGI's HTTP router; Marble.js;
# Total.js 4; fast-gateway (Node); a C server on GNU libmicrohttpd (an app,
# and an identity service for nginx auth_request). Front layers in
# configurations no round used: HAProxy with Lua services (an API-key check,
# a quota) and `http-request return` pages; nginx with njs writing its
# refusals and error pages; Apache with mod_lua (an access hook, handlers
# writing JSON) and mod_auth_form; lighttpd with mod_magnet; Varnish behind
# stunnel (TLS). Paste forms: curl -v/-i transcripts (some saved with their
# CRs, some pasted with CRLF), `curl -s -D-`, `wget -S -O-`, HTTPie with
# colours (a POST with a body among them), body-only and headers-only
# pastes, HTTP/2 (h2c to nginx), TLS handshakes in `curl -v` (stunnel).
#
#   scripts/corpus/capture-round10.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round10.sh   # never call apt-get / pip / npm / cargo / cc
#   CORPUS_KEEP_RUN=1 capture-round10.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round10.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-9: every server binds 127.0.0.1 (ports 28000-28999)
# and the script stops if a new socket listens anywhere else; every curl,
# wget and HTTPie runs under `timeout`; every loop is bounded; every server it
# started is stopped on exit, by process id. Installs and builds run under
# `nice -n 15`; the Rust app builds with `cargo build -j 1` in its own
# directory and target dir under /tmp, after waiting (bounded) while another
# cargo or rustc runs. Labels are written by finish_round10.py, which
# refuses (and this script then leaves the fixtures as they were) when a
# label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round10"
RUN=/tmp/api-triage-corpus10
STAGE="$RUN/evidence"
CONF="$HERE/conf-round10"
VENV=${CORPUS_VENV10:-/tmp/api-triage-corpus10-venv}
NODE_DIR=${CORPUS_NODE10:-/tmp/api-triage-corpus10-node}
RUSTDIR=${CORPUS_RUST10:-/tmp/api-triage-corpus10-rust}
RUSTBIN="$RUSTDIR/target/debug/apps10"
MHDBIN="$RUN/bin/apps10-mhd"
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus10 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget nodejs python3-venv gcc libmicrohttpd-dev apache2 nginx libnginx-mod-http-js haproxy
          lighttpd lighttpd-modules-lua varnish stunnel4 uwsgi-core uwsgi-plugin-python3 openssl)
PYPI=(microdot==2.7.0)
# fast-gateway 5.0.1 asks for fast-proxy-lite ^1.1.3, which npm does not
# have: package.json pins it to 1.1.2 with an override.
NPM=(@marblejs/core@4.1.0 @marblejs/http@4.1.0 rxjs@7.8.2 fp-ts@2.16.11 total4@0.0.99 fast-gateway@5.0.1)
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

install_venv() {  # Microdot, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import microdot, microdot.wsgi" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # the Node frameworks, from npm
    local m ok=1
    for m in @marblejs/http total4 fast-gateway; do
        [[ -d $NODE_DIR/node_modules/$m ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node modules missing"; return 0; }
    log "npm install into $NODE_DIR: ${NPM[*]}"
    mkdir -p "$NODE_DIR"
    echo '{"name": "corpus10", "private": true, "overrides": {"fast-proxy-lite": "1.1.2"}}' >"$NODE_DIR/package.json"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed (see logs/npm.log)"
}

build_rust() {  # warp app + warp gateway: one binary, its own target dir
    local i
    if [[ -x $RUSTBIN && $RUSTBIN -nt $HERE/apps10.rs && $RUSTBIN -nt $HERE/apps10.Cargo.toml ]]; then return 0; fi
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[rust]="the Rust app is not built"; return 0; }
    mkdir -p "$RUSTDIR/src"
    cp "$HERE/apps10.Cargo.toml" "$RUSTDIR/Cargo.toml"
    cp "$HERE/apps10.rs" "$RUSTDIR/src/main.rs"
    for i in $(seq 1 120); do  # another build on this machine goes first (at most 20 minutes)
        pgrep -x cargo >/dev/null || pgrep -x rustc >/dev/null || break
        ((i == 1)) && log "waiting for another cargo build to end"
        sleep 10
    done
    log "cargo build (nice, -j 1) in $RUSTDIR"
    (cd "$RUSTDIR" && CARGO_TARGET_DIR="$RUSTDIR/target" nice -n 15 timeout 2400 cargo build -j 1) \
        >"$RUN/logs/cargo-build.log" 2>&1 || SKIPPED[rust]="cargo build failed (see logs/cargo-build.log)"
}

build_mhd() {  # the libmicrohttpd server, compiled into the run dir
    mkdir -p "$RUN/bin"
    nice -n 15 gcc -O1 -Wall -o "$MHDBIN" "$HERE/apps10.mhd.c" -lmicrohttpd >"$RUN/logs/gcc.log" 2>&1 \
        || SKIPPED[mhd]="gcc failed (see logs/gcc.log)"
}

have() { [[ -z ${SKIPPED[$1]:-} ]] && installed "$1"; }
have_node() { [[ -z ${SKIPPED[npm]:-} && -d $NODE_DIR/node_modules/fast-gateway ]]; }
have_rust() { [[ -z ${SKIPPED[rust]:-} && -x $RUSTBIN ]]; }

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
    [[ $cmd == *"$RUN/"* || $cmd == *"$HERE/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"$RUSTDIR/"* || $cmd == *"$VENV/"* ]]
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

wait_port() {  # bounded wait (30 s: Tomcat and Jetty start slowly)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round10.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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

selfsigned() {  # selfsigned DIR: tls.key + tls.crt for 127.0.0.1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7 \
        -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
        -keyout "$1/tls.key" -out "$1/tls.crt" >/dev/null 2>&1
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

# an https caphttp: HTTPie to the TLS front, the self-signed certificate not checked
caphttps() { local a=("$@"); caphttp "${a[@]:0:8}" --verify=no "${a[@]:8}"; }
# ------------------------------------------------------------------- main --
[[ -d $CONF ]] || die "missing $CONF"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,bin,total}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
build_rust
build_mhd
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
have_node || die "the Node modules are missing (${SKIPPED[npm]:-?})"
[[ -z ${SKIPPED[mhd]:-} ]] || die "the libmicrohttpd server did not build (${SKIPPED[mhd]})"
have_rust || log "SKIP warp: ${SKIPPED[rust]:-not built}"

PORTS=(28001 28010 28011 28020 28021 28022 28023 28030 28031 28032 28040 28041 28050 28055 28056 28057
       28060 28061 28065 28070 28071)
for p in "${PORTS[@]}" 28008 28009; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
start_bg up-slow "$PY" "$HERE/upstream.py" slow 28001
if have_rust; then
    start_bg warp "$RUSTBIN" warp 28010
    start_bg warp-gateway "$RUSTBIN" gateway 28011 /warp=http://127.0.0.1:28010 /mhd=http://127.0.0.1:28040,k-gw-10 \
        /total=http://127.0.0.1:28031 /dead=http://127.0.0.1:28009 /slow=http://127.0.0.1:28001
    UP[warp]=1
fi
start_bg microdot "$VENV/bin/python" "$HERE/apps10.py" microdot 28020
export NODE_ENV=production NODE_PATH="$NODE_DIR/node_modules"
start_bg marble node "$HERE/apps10.js" marble 28030
# Total.js makes its folders (tmp/, ...) in the working directory and a pid
# file beside its script: both go in a directory of its own
cp "$HERE/apps10.js" "$RUN/total/apps10.js"
(cd "$RUN/total" && exec node "$RUN/total/apps10.js" total 28031) >"$RUN/logs/total.log" 2>&1 &
PIDS+=($!); echo $! >"$RUN/pids/total.pid"
start_bg fast-gateway node "$HERE/apps10.js" fastgw 28032 /marble=http://127.0.0.1:28030 \
    /total=http://127.0.0.1:28031,k-fg-10 /dead=http://127.0.0.1:28009 /slow=http://127.0.0.1:28001
start_bg mhd "$MHDBIN" app 28040
start_bg mhd-auth "$MHDBIN" auth 28041
for p in 28001 28020 28030 28031 28032 28040 28041; do
    wait_port $p app || die "an app did not start on $p"
done
if up warp; then wait_port 28010 warp && wait_port 28011 warp-gateway || die "warp did not start"; fi

# ---- front layers ------------------------------------------------------------
if have uwsgi-core && have uwsgi-plugin-python3; then
    UW=(uwsgi --master --die-on-term --disable-logging)
    start_bg uwsgi-router "${UW[@]}" --plugins http,python3 --http 127.0.0.1:28021 --socket 127.0.0.1:28022 \
        --virtualenv "$VENV" --wsgi-file "$HERE/apps10.py" --http-timeout 2 --processes 2
    start_bg uwsgi-router-dead "${UW[@]}" --plugins http --http 127.0.0.1:28023 --http-to 127.0.0.1:28008
    wait_port 28021 uwsgi-router && wait_port 28022 uwsgi-router && wait_port 28023 uwsgi-router-dead && UP[uwsgi]=1
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg" -e "s|@CONF@|$CONF|g"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 28050 haproxy && UP[haproxy]=1
fi
if have nginx && have libnginx-mod-http-js; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf" -e "s|@CONF@|$CONF|g"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 28055 nginx && wait_port 28056 nginx && wait_port 28057 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/htdocs
    cp "$CONF/apache-login.html" "$RUN/apache/htdocs/login.html"
    printf 'oncall:{SHA}%s\n' "$(printf 'correct-horse' | openssl dgst -sha1 -binary | base64)" >"$RUN/apache/users.pw"
    render "$CONF/apache.conf" "$RUN/apache/apache.conf" -e "s|@CONF@|$CONF|g"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # not -X: Apache 2.4.71 with mod_lua crashes on its way out in -X mode.
        # In its own process group (setsid execs in place, same pid): on
        # shutdown Apache signals its whole group, which would include us.
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 28060 apache && wait_port 28061 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have lighttpd && have lighttpd-modules-lua; then
    mkdir -p "$RUN"/lighttpd/htdocs
    render "$CONF/lighttpd.conf" "$RUN/lighttpd/lighttpd.conf" -e "s|@CONF@|$CONF|g"
    if lighttpd -tt -f "$RUN/lighttpd/lighttpd.conf" >"$RUN/logs/lighttpd-t.log" 2>&1; then
        start_bg lighttpd lighttpd -D -f "$RUN/lighttpd/lighttpd.conf"
        wait_port 28065 lighttpd && UP[lighttpd]=1
    else log "SKIP lighttpd: config test failed"; cat "$RUN/logs/lighttpd-t.log" >&2; fi
fi
if have varnish && have stunnel4 && have openssl; then
    mkdir -p "$RUN"/varnish "$RUN"/stunnel
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    selfsigned "$RUN/stunnel"
    render "$CONF/stunnel.conf" "$RUN/stunnel/stunnel.conf"
    start_bg varnish varnishd -F -a 127.0.0.1:28071 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    start_bg stunnel stunnel4 "$RUN/stunnel/stunnel.conf"
    wait_port 28071 varnish && wait_port 28070 stunnel && UP[varnish]=1
fi

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 10 (held out): real responses captured by
# scripts/corpus/capture-round10.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-9:
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

A=http://127.0.0.1
JSONH=(-H 'Content-Type: application/json')
WA=$A:28010; GW=$A:28011; MD=$A:28020; UR=$A:28021; MB=$A:28030; TJ=$A:28031; FG=$A:28032; MH=$A:28040
HA=$A:28050; NX=$A:28055; NH=$A:28056; NA=$A:28057; AL=$A:28060; AF=$A:28061; LT=$A:28065; TV=https://127.0.0.1:28070
BIG=$(head -c 6000 /dev/zero | tr '\0' a)
printf '{"sku":"A-1","qty":1,"note":"%s"}' "$(head -c 20000 /dev/zero | tr '\0' a)" >"$RUN/work/big.json"
# ================================================================ warp ==
if up warp; then
    log "capturing: warp and the warp gateway"
    S=warp-direct
    cap $S warp-404-handler-json.txt 404 app warp "the handler returns 404 with JSON" "no Server" -- -sv $WA/api/orders/7
    cap $S warp-404-unrouted-empty.txt 404 app warp "no filter matches: warp's rejection" "curl -si; an EMPTY 404" -- -si $WA/v2/orders
    cap $S warp-404-path-not-u32.txt 404 app warp "the path segment is not a u32: no filter matches" "an EMPTY 404" -- -sv $WA/api/orders/abc
    cap $S warp-405-method.txt 405 app warp "DELETE on a GET route" "curl -si; text 'HTTP method not allowed'" -- -si -X DELETE $WA/api/health
    cap $S warp-415-form-body.txt 415 app warp "body::json() with a form body" "415, text 'The request's content-type is not supported'" -- -sv -d 'sku=A-1' $WA/api/orders
    cap $S warp-400-json-missing-field.txt 400 app warp "body::json(): a field is missing" "curl -si; 'Request body deserialize error: missing field'" \
        -- -si "${JSONH[@]}" -d '{"qty":1}' $WA/api/orders
    cap $S warp-411-chunked.txt 411 app warp "content_length_limit with a chunked body" "'A content-length header is required'" \
        -- -sv "${JSONH[@]}" -H 'Transfer-Encoding: chunked' -d '{"sku":"A-1","qty":1}' $WA/api/orders
    cap $S warp-0-panic-empty.txt 0 app warp "the handler panics" "'Empty reply from server'" -- -sv $WA/api/boom
    capraw $S warp-503-json.txt 503 app warp "the app's JSON 503 with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $WA/api/down
    capwin $S warp-503-circuit-breaker.txt 503 app warp "the app's circuit breaker is open: its JSON 503" "curl -si pasted with CRLF; x-circuit-state: open" -- -si $WA/api/payments
    cap $S warp-502-own-html.txt 502 app warp "the app's own HTML 502 when its payments call fails" "a proxy-like page written by the app" -- -sv $WA/api/checkout
    caphttp $S warp-400-httpie-post.txt 400 app warp "HTTPie -v, a POST whose JSON body lacks sku" "HTTPie with colours; the request body before the response" \
        -- -v POST $WA/api/orders qty:=1

    S=warp-gateway
    cap $S warpgw-502-refused-json.txt 502 proxy warp "a gateway built on warp: the target refuses" "JSON with the correlation id inside, via: 1.1 orders-gw" -- -sv $GW/dead/api/orders
    cap $S warpgw-504-timeout-json.txt 504 proxy warp "the target answers after 5 s, the gateway waits 2 s" "curl -si" -- -si $GW/slow/api/report
    cap $S warpgw-404-no-route-json.txt 404 proxy warp "no prefix matches" "ROUTE_NOT_FOUND" -- -sv $GW/v2/orders
    cap $S warpgw-401-api-key-missing.txt 401 identity warp "the gateway's API-key check on /mhd: no key" "WWW-Authenticate: ApiKey" -- -sv $GW/mhd/api/orders/7
    caphttp $S warpgw-401-httpie-wrong-key.txt 401 identity warp "HTTPie -v, a wrong key" "HTTPie with colours; API_KEY_INVALID" -- -v GET $GW/mhd/api/health 'X-Api-Key:k-test-0000'
    cap $S warpgw-502-upstream-panic.txt 502 proxy warp "warp panics behind the gateway: the connection closes" "curl -si; 'connection closed before message completed'" -- -si $GW/warp/api/boom
    capwget $S warpgw-502-wget.txt 502 proxy warp "wget -S -O- to the gateway, the target refuses" "wget's lines, the headers indented, 'ERROR 502'" -- $GW/dead/api/orders
    cap $S mhd-404-via-warpgw.txt 404 app libmicrohttpd "a good key; the C app's JSON 404 through the gateway" "x-correlation-id and via added to the app's answer" \
        -- -sv -H 'X-Api-Key: k-gw-10' $GW/mhd/api/orders/7
    cap $S total-503-via-warpgw.txt 503 app total.js "Total.js's HTML 503 through the gateway" "curl -si" -- -si $GW/total/api/unavailable
    cap $S warp-405-via-warpgw.txt 405 app warp "warp's text 405 through the gateway" "" -- -sv -X DELETE $GW/warp/api/health
fi

# ============================================================== Python ==
log "capturing: Microdot, uWSGI's HTTP router"
S=microdot-direct
cap $S microdot-404-json.txt 404 app microdot "the handler returns 404 with JSON" "HTTP/1.0 404 N/A, no Server" -- -sv $MD/api/orders/7
cap $S microdot-404-unrouted.txt 404 app microdot "no route" "curl -si; text 'Not found'" -- -si $MD/v2/orders
cap $S microdot-405-not-found-text.txt 405 app microdot "DELETE on a GET route" "a 405 whose body says 'Not found'" -- -sv -X DELETE $MD/api/orders/7
cap $S microdot-500-text.txt 500 app microdot "an exception in a handler" "curl -si; 'Internal server error'" -- -si $MD/api/boom
cap $S microdot-400-abort.txt 400 app microdot "a form body where JSON is expected: abort(400)" "text '400 error'" -- -sv -d 'sku=A-1' $MD/api/orders
cap $S microdot-413-payload.txt 413 app microdot "a body over max_content_length (16 KiB)" "curl -si; 'Payload too large'" \
    -- -si "${JSONH[@]}" --data-binary "@$RUN/work/big.json" $MD/api/orders
capdump $S microdot-429-json.txt 429 app microdot "the app's JSON 429" "curl -s -D-" -- $MD/api/limited
caphttp $S microdot-422-httpie-post.txt 422 app microdot "HTTPie -v, a POST without sku" "HTTPie with colours" -- -v POST $MD/api/orders qty:=1

if up uwsgi; then
    S=uwsgi-router-microdot
    cap $S microdot-404-via-uwsgi-router.txt 404 app microdot "Microdot as WSGI under uWSGI, through uWSGI's HTTP router" "HTTP/1.1 404 N/A" -- -sv $UR/api/orders/7
    cap $S microdot-503-breaker-via-uwsgi.txt 503 app microdot "the app's circuit-breaker JSON 503 through the router" "curl -si" -- -si $UR/api/breaker
    capwin $S microdot-500-via-uwsgi.txt 500 app microdot "an exception under uWSGI: Microdot's text 500" "curl -si pasted with CRLF" -- -si $UR/api/boom
    cap $S microdot-503-apache-words-via-uwsgi.txt 503 app microdot "the app's own HTML 503 in Apache's words, through the router" "" -- -sv $UR/api/maint
    cap $S uwsgi-0-router-timeout.txt 0 proxy uwsgi "the router's --http-timeout 2 s passes: it closes the connection" "'Empty reply from server'" -- -sv $UR/api/slow
    cap $S uwsgi-0-router-node-refused.txt 0 proxy uwsgi "the router's only node refuses: it closes the connection" "curl -si shows nothing" -- -si $A:28023/api/orders/7
fi

# ================================================================ Node ==
log "capturing: Marble.js, Total.js, fast-gateway"
S=marble-direct
cap $S marble-404-httperror.txt 404 app marblejs "HttpError(404) from an effect" "{\"error\":{\"status\":404,...}}, no Server" -- -sv $MB/api/orders/7
cap $S marble-404-route-not-found.txt 404 app marblejs "no route" "curl -si; 'Route not found'" -- -si $MB/v2/orders
cap $S marble-500-thrown.txt 500 app marblejs "an effect throws" "the message inside the JSON 500" -- -sv $MB/api/boom
cap $S marble-503-httperror.txt 503 app marblejs "HttpError(503)" "curl -si" -- -si $MB/api/unavailable
capraw $S marble-429-httperror-data.txt 429 app marblejs "HttpError(429) with data" "curl -si saved to a file (CRs kept)" -- -si $MB/api/limited
cap $S marble-502-own-html.txt 502 app marblejs "the app's own HTML 502 in openresty's words" "written by the app" -- -sv $MB/api/upstream

S=total-direct
cap $S total-404-json.txt 404 app total.js "the route sets 404 and writes JSON" "X-Powered-By: Total.js, chunked" -- -sv $TJ/api/orders/7
cap $S total-404-unrouted-html.txt 404 app total.js "no route: Total.js's HTML '404: Not Found'" "curl -si" -- -si $TJ/v2/orders
cap $S total-500-html.txt 500 app total.js "an exception in a route (release mode)" "'500: Internal Server Error'" -- -sv $TJ/api/boom
capwget $S total-503-wget.txt 503 app total.js "throw503(), fetched with wget -S -O-" "wget's lines, the HTML '503: Service Unavailable'" -- $TJ/api/unavailable
cap $S total-401-throw.txt 401 app total.js "throw401() in a route" "curl -si; HTML '401: Unauthorized', no WWW-Authenticate" -- -si $TJ/api/denied
cap $S total-404-delete-bare.txt 404 app total.js "DELETE on a GET route" "a bare 404: text '404: Not Found', no Content-Type, no X-Powered-By" -- -sv -X DELETE $TJ/api/health

S=fast-gateway
cap $S fastgw-503-refused.txt 503 proxy fast-gateway "fast-gateway: the target refuses" "text 'Service Unavailable', x-request-id" -- -sv $FG/dead/api/orders
cap $S fastgw-404-no-route-empty.txt 404 proxy fast-gateway "no prefix matches" "curl -si; an EMPTY 404 with the gateway's x-request-id" -- -si $FG/v2/orders
cap $S fastgw-504-timeout.txt 504 proxy fast-gateway "timeout 2 s, a slow target" "text 'socket hang up'" -- -sv $FG/slow/api/report
cap $S fastgw-401-api-key-missing.txt 401 identity fast-gateway "the gateway's API-key middleware on /total: no key" "curl -si; JSON {code, message}" -- -si $FG/total/api/health
caphttp $S fastgw-401-httpie-wrong-key.txt 401 identity fast-gateway "HTTPie -v, a wrong key" "HTTPie with colours" -- -v GET $FG/total/api/health 'X-Api-Key:k-test-0000'
cap $S marble-404-via-fastgw.txt 404 app marblejs "Marble.js's JSON 404 through the gateway" "" -- -sv $FG/marble/api/orders/7
cap $S total-500-via-fastgw.txt 500 app total.js "a good key; Total.js's HTML 500 through the gateway" "curl -si" -- -si -H 'X-Api-Key: k-fg-10' $FG/total/api/boom
capdump $S marble-503-via-fastgw.txt 503 app marblejs "Marble.js's JSON 503 through the gateway" "curl -s -D-" -- $FG/marble/api/unavailable

# =================================================================== C ==
log "capturing: libmicrohttpd"
S=mhd-direct
cap $S mhd-404-json.txt 404 app libmicrohttpd "the handler returns 404 with JSON" "no Server" -- -sv $MH/api/orders/7
cap $S mhd-404-text.txt 404 app libmicrohttpd "no route: the app's text 404" "curl -si" -- -si $MH/v2/orders
cap $S mhd-405-text.txt 405 app libmicrohttpd "DELETE on an order" "Allow: GET" -- -sv -X DELETE $MH/api/orders/7
capraw $S mhd-503-text.txt 503 app libmicrohttpd "the app's text 503" "curl -si saved to a file (CRs kept)" -- -si $MH/api/unavailable
cap $S mhd-431-request-too-big.txt 431 app libmicrohttpd "headers over the connection's memory limit: libmicrohttpd's own page" \
    "'Request too big', Connection: close" -- -sv -H "X-Trace-Context: $BIG" $MH/api/health
cap $S mhd-0-handler-refuses.txt 0 app libmicrohttpd "the handler returns MHD_NO: the library closes the connection" "'Empty reply from server'" -- -sv $MH/api/boom

# ========================================================== front layers ==
if up haproxy; then
    log "capturing: HAProxy with Lua"
    S=haproxy-lua-edge
    cap $S haproxy-401-lua-apikey.txt 401 identity haproxy "a Lua service on /secure/: no X-Api-Key" \
        "JSON with the unique id inside and in X-Request-Id, no Server" -- -sv $HA/secure/api/orders/7
    cap $S haproxy-403-lua-wrong-key.txt 403 identity haproxy "the same Lua service: a wrong key" "curl -si; text/plain" -- -si -H 'X-Api-Key: k-test-0000' $HA/secure/api/orders/7
    caphttp $S haproxy-401-lua-httpie.txt 401 identity haproxy "HTTPie -v, no key" "HTTPie with colours" -- -v GET $HA/secure/api/health
    quiet -H 'X-Client: batch-10' $HA/quota/api/health
    quiet -H 'X-Client: batch-10' $HA/quota/api/health
    cap $S haproxy-429-lua-quota.txt 429 load-balancer haproxy "a Lua action counts per X-Client, a Lua service answers the third request" \
        "text/plain, Retry-After: 60" -- -sv -H 'X-Client: batch-10' $HA/quota/api/health
    cap $S haproxy-404-return-problem-json.txt 404 load-balancer haproxy "http-request return: application/problem+json for /v2/" "curl -si" -- -si $HA/v2/orders
    capwget $S haproxy-503-return-maintenance-wget.txt 503 load-balancer haproxy "http-request return: a plain-text maintenance 503, fetched with wget" \
        "wget's lines; Retry-After: 3600" -- $HA/billing/api/invoices
    cap $S haproxy-503-no-server.txt 503 load-balancer haproxy "no server of the pool passes its health check: HAProxy's default page" "" -- -sv $HA/nodes/api/orders
    capwin $S haproxy-504-timeout.txt 504 load-balancer haproxy "timeout server 2 s: HAProxy's default 504 page" "curl -si pasted with CRLF" -- -si $HA/slow/api/report
    up warp && cap $S haproxy-502-backend-closed.txt 502 load-balancer haproxy "warp panics: the backend closes, HAProxy's default 502 page" "" -- -sv $HA/warp/api/boom
    cap $S mhd-404-via-haproxy.txt 404 app libmicrohttpd "a good key; the C app's JSON 404 through HAProxy" "curl -si; X-Request-Id added" -- -si -H 'X-Api-Key: k-live-10' $HA/secure/api/orders/7
    cap $S marble-404-via-haproxy.txt 404 app marblejs "Marble.js's 'Route not found' through HAProxy" "" -- -sv $HA/v3/orders
    up warp && cap $S warp-503-breaker-via-haproxy.txt 503 app warp "warp's circuit-breaker JSON 503 through HAProxy" "curl -si" -- -si $HA/warp/api/payments
fi

if up nginx; then
    log "capturing: nginx with njs, nginx auth_request"
    S=nginx-njs-edge
    cap $S nginx-401-njs-apikey.txt 401 identity nginx "js_content checks X-Api-Key on /secure/: none" \
        "JSON with \$request_id inside, Server: nginx (no version)" -- -sv $NX/secure/api/orders/7
    cap $S nginx-403-njs-wrong-key.txt 403 identity nginx "js_content: a wrong key" "curl -si" -- -si -H 'X-Api-Key: k-test-0000' $NX/secure/api/orders/7
    caphttp $S nginx-401-njs-httpie.txt 401 identity nginx "HTTPie -v, no key" "HTTPie with colours" -- -v GET $NX/secure/api/health
    quiet -H 'X-Client: batch-10' $NX/quota/api/health
    quiet -H 'X-Client: batch-10' $NX/quota/api/health
    cap $S nginx-429-limit-req-njs-json.txt 429 proxy nginx "limit_req 2r/m per X-Client: its 429, the body written by njs" "Retry-After: 30" \
        -- -sv -H 'X-Client: batch-10' $NX/quota/api/health
    cap $S nginx-502-njs-json.txt 502 proxy nginx "the upstream refuses: error_page to a js_content location" "curl -si" -- -si $NX/dead/api/orders
    capraw $S nginx-504-njs-json.txt 504 proxy nginx "proxy_read_timeout 2 s: njs's JSON 504" "curl -si saved to a file (CRs kept)" -- -si $NX/slow/api/report
    cap $S nginx-404-njs-json.txt 404 proxy nginx "no location maps the path: njs's JSON 404" "" -- -sv $NX/v2/orders
    cap $S mhd-404-via-nginx-njs.txt 404 app libmicrohttpd "a good key: internalRedirect to the C app, its JSON 404" "curl -si" -- -si -H 'X-Api-Key: k-live-10' $NX/secure/api/orders/7
    cap $S total-500-via-nginx.txt 500 app total.js "Total.js's HTML 500 through nginx" "" -- -sv $NX/total/api/boom
    up warp && capdump $S warp-405-via-nginx.txt 405 app warp "warp's 405 through nginx" "curl -s -D-" -- -X DELETE $NX/warp/api/health

    S=nginx-njs-h2c
    cap $S nginx-401-njs-h2c.txt 401 identity nginx "HTTP/2 with prior knowledge: the njs key check" "HTTP/2 401, lower-case headers" -- -sv --http2-prior-knowledge $NH/secure/api/health
    cap $S nginx-502-njs-h2c.txt 502 proxy nginx "HTTP/2: njs's JSON 502" "curl -si" -- -si --http2-prior-knowledge $NH/dead/api/orders
    cap $S nginx-404-njs-h2c.txt 404 proxy nginx "HTTP/2: njs's JSON 404" "" -- -sv --http2-prior-knowledge $NH/v2/orders
    cap $S mhd-404-via-nginx-h2c.txt 404 app libmicrohttpd "HTTP/2 to nginx, HTTP/1.1 to the C app: its 404" "curl -si" -- -si --http2-prior-knowledge -H 'X-Api-Key: k-live-10' $NH/secure/api/orders/7
    cap $S total-503-via-nginx-h2c.txt 503 app total.js "HTTP/2: Total.js's HTML 503 through nginx" "" -- -sv --http2-prior-knowledge $NH/total/api/unavailable

    S=nginx-auth-request-c
    cap $S nginx-401-auth-request.txt 401 identity nginx "auth_request to a libmicrohttpd service: no token, the service says 401" \
        "nginx's own 401 page; the service's WWW-Authenticate passed on" -- -sv $NA/api/orders/7
    cap $S nginx-403-auth-request.txt 403 identity nginx "auth_request: a token the service rejects (403)" "curl -si; nginx's own 403 page" -- -si -H 'Authorization: Bearer expired' $NA/api/orders/7
    caphttp $S nginx-403-auth-request-httpie.txt 403 identity nginx "HTTPie -v with a bad bearer token" "HTTPie with colours" -- -v GET $NA/api/health 'Authorization:Bearer expired'
    cap $S total-404-behind-auth-request.txt 404 app total.js "a good token; Total.js's JSON 404" "" -- -sv -H 'Authorization: Bearer good' $NA/api/orders/7
    cap $S total-401-behind-auth-request.txt 401 app total.js "a good token; the APP answers 401 (throw401)" "curl -si; Total.js's HTML 401 after the auth layer let it through" \
        -- -si -H 'Authorization: Bearer good' $NA/api/denied
fi

if up apache; then
    log "capturing: Apache mod_lua, mod_auth_form"
    S=apache-mod-lua
    cap $S apache-401-lua-apikey-json.txt 401 identity apache "a mod_lua access hook: no X-Api-Key; a Lua handler writes the ErrorDocument" \
        "JSON with the trace id, WWW-Authenticate: ApiKey" -- -sv $AL/secure/api/orders/7
    cap $S apache-403-lua-wrong-key.txt 403 identity apache "the Lua hook: a wrong key" "curl -si; the same Lua JSON" -- -si -H 'X-Api-Key: k-test-0000' $AL/secure/api/orders/7
    caphttp $S apache-401-lua-httpie.txt 401 identity apache "HTTPie -v, no key" "HTTPie with colours" -- -v GET $AL/secure/api/health
    cap $S apache-503-lua-maintenance.txt 503 proxy apache "LuaMapHandler answers /maint/ with a JSON 503" "" -- -sv $AL/maint/api/orders
    quiet -H 'X-Client: batch-10' $AL/quota/api/health
    quiet -H 'X-Client: batch-10' $AL/quota/api/health
    cap $S apache-429-lua-quota.txt 429 proxy apache "the Lua hook refuses the third request: Apache's own 429 page" "curl -si; Retry-After: 60" \
        -- -si -H 'X-Client: batch-10' $AL/quota/api/health
    capwget $S apache-503-proxy-refused-wget.txt 503 proxy apache "mod_proxy: the backend refuses, fetched with wget" "wget's lines, Apache's 503 page" -- $AL/dead/api/orders
    cap $S mhd-404-via-apache-lua.txt 404 app libmicrohttpd "a good key; the C app's JSON 404" "X-Trace-Id on the app's answer" -- -sv -H 'X-Api-Key: k-live-10' $AL/secure/api/orders/7
    capwin $S marble-500-via-apache.txt 500 app marblejs "Marble.js's JSON 500 through Apache" "curl -si pasted with CRLF" -- -si $AL/marble/api/boom

    S=apache-auth-form
    cap $S apache-401-auth-form-login-page.txt 401 identity apache "mod_auth_form: no session; ErrorDocument 401 is an HTML login form" "" -- -sv $AF/app/api/health
    cap $S apache-401-auth-form-wrong-password.txt 401 identity apache "a login POST with a wrong password" "curl -si; the login form again" \
        -- -si -d 'httpd_username=oncall&httpd_password=wrong' $AF/dologin
    cap $S apache-302-auth-form-login-ok.txt 302 identity apache "a good login: form-login-handler redirects and sets the session cookie" "Apache's 302 page; the unencrypted session cookie carries the user and password" \
        -- -sv -c "$RUN/work/jar" -d 'httpd_username=oncall&httpd_password=correct-horse' $AF/dologin
    cap $S total-404-behind-auth-form.txt 404 app total.js "with the session cookie: Total.js's JSON 404" "curl -si" -- -si -b "$RUN/work/jar" $AF/app/api/orders/7
    cap $S total-503-behind-auth-form.txt 503 app total.js "with the session cookie: Total.js's HTML 503" "" -- -sv -b "$RUN/work/jar" $AF/app/api/unavailable
fi

if up lighttpd; then
    log "capturing: lighttpd with mod_magnet"
    S=lighttpd-magnet
    cap $S lighttpd-401-magnet-json.txt 401 identity lighttpd "mod_magnet on /secure/: no X-Api-Key" "JSON, Server: orders-edge" -- -sv $LT/secure/api/orders/7
    cap $S lighttpd-403-magnet-json.txt 403 identity lighttpd "mod_magnet: a revoked key" "curl -si" -- -si -H 'X-Api-Key: k-test-0000' $LT/secure/api/orders/7
    cap $S lighttpd-503-magnet-maintenance.txt 503 proxy lighttpd "mod_magnet answers /maint/ with a JSON 503" "Retry-After: 600" -- -sv $LT/maint/api/orders
    capdump $S lighttpd-451-magnet-json.txt 451 proxy lighttpd "mod_magnet refuses /export/eu/ with 451" "curl -s -D-" -- $LT/export/eu/orders.csv
    cap $S lighttpd-503-proxy-refused.txt 503 proxy lighttpd "mod_proxy: the backend refuses, lighttpd's own 503 page" "curl -si; Server: orders-edge" -- -si $LT/dead/api/orders
    cap $S lighttpd-504-proxy-timeout.txt 504 proxy lighttpd "mod_proxy read-timeout 2 s: lighttpd's own 504 page" "" -- -sv $LT/slow/api/report
    cap $S mhd-404-via-lighttpd.txt 404 app libmicrohttpd "a good key; the C app's JSON 404" "curl -si; X-Served-By added" -- -si -H 'X-Api-Key: k-live-10' $LT/secure/api/orders/7
    cap $S microdot-500-via-lighttpd.txt 500 app microdot "Microdot's text 500 through lighttpd" "" -- -sv $LT/py/api/boom
fi

if up varnish; then
    log "capturing: Varnish behind stunnel"
    S=stunnel-varnish
    cap $S total-200-varnish-miss-tls.txt 200 app total.js "TLS by stunnel, Varnish: the first request, a MISS" "curl -sv with the TLS handshake; X-Cache: MISS" -- -sv -k $TV/api/catalog
    cap $S varnish-200-hit-tls.txt 200 cdn-cache varnish "the second request, from the cache" "curl -si; X-Cache: HIT, Age" -- -si -k $TV/api/catalog
    cap $S varnish-503-backend-error-json-tls.txt 503 cdn-cache varnish "the backend refuses: vcl_backend_error writes JSON" "the TLS handshake, then the synthetic JSON" -- -sv -k $TV/dead/api/orders
    cap $S varnish-403-synth-json-tls.txt 403 cdn-cache varnish "vcl_recv refuses /internal/ with synth(403): JSON from vcl_synth" "curl -si" -- -si -k $TV/internal/metrics
    caphttps $S varnish-503-httpie-tls.txt 503 cdn-cache varnish "HTTPie -v over TLS, the backend refuses" "HTTPie with colours" -- -v GET $TV/dead/api/health
    cap $S total-404-via-varnish-tls.txt 404 app total.js "Total.js's JSON 404 through Varnish (not cached: private)" "X-Cache: MISS, Server removed" -- -sv -k $TV/api/orders/7
    capraw $S total-500-via-varnish-tls.txt 500 app total.js "Total.js's HTML 500 through Varnish" "curl -si saved to a file (CRs kept)" -- -si -k $TV/api/boom
fi

# ============================================================ multi hops ==
log "capturing: two and three hops"
S=multi-hop
if up nginx && up warp; then
    cap $S warpgw-401-via-nginx.txt 401 identity warp "nginx -> warp gateway: no key for /mhd" "the gateway's JSON under Server: nginx; two request ids" -- -sv $NX/gw/mhd/api/orders/7
    cap $S warpgw-502-via-nginx.txt 502 proxy warp "nginx -> warp gateway -> nothing: the gateway's JSON 502 relayed" "curl -si; njs's error_page not used for a relayed 502" -- -si $NX/gw/dead/api/orders
    cap $S total-503-via-nginx-warpgw.txt 503 app total.js "nginx -> warp gateway -> Total.js's HTML 503" "three hops" -- -sv $NX/gw/total/api/unavailable
    cap $S mhd-431-via-nginx-warpgw.txt 431 app libmicrohttpd "nginx -> warp gateway -> the C app: a big header, libmicrohttpd's 431" "curl -si" \
        -- -si -H 'X-Api-Key: k-gw-10' -H "X-Trace-Context: $BIG" $NX/gw/mhd/api/health
fi
cap $S marble-502-own-html-via-fastgw.txt 502 app marblejs "fast-gateway -> Marble.js's own HTML 502 (openresty's words)" "the gateway's x-request-id on the app's page" -- -sv $FG/marble/api/upstream
up haproxy && cap $S marble-429-via-haproxy-quota.txt 429 app marblejs "HAProxy (under its quota) -> Marble.js's JSON 429" "curl -si" -- -si -H 'X-Client: batch-11' $HA/quota/api/limited

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
capbody $S body-microdot-405.txt 0/405 app microdot "Microdot's 405 body" "'Not found', no number" -- -X DELETE $MD/api/orders/7
capbody $S body-marble-404.txt 404/404 app marblejs "Marble.js's 'Route not found'" "\"status\":404" -- $MB/v2/orders
capbody $S body-total-500.txt 500/500 app total.js "Total.js's HTML 500" "the number in the title" -- $TJ/api/boom
capbody $S body-mhd-431.txt 0/431 app libmicrohttpd "libmicrohttpd's 'Request too big'" "no number" -- -H "X-Trace-Context: $BIG" $MH/api/health
capbody $S body-fastgw-503.txt 0/503 proxy fast-gateway "fast-gateway's 'Service Unavailable'" "no number" -- $FG/dead/api/orders
capbody $S body-fastgw-401.txt 401/401 identity fast-gateway "fast-gateway's API-key JSON" "\"code\":401" -- $FG/total/api/health
if up warp; then
    capbody $S body-warp-400.txt 0/400 app warp "warp's 'Request body deserialize error'" "no number" -- "${JSONH[@]}" -d '{"qty":1}' $WA/api/orders
    capbody $S body-warp-503-breaker.txt 0/503 app warp "warp's circuit-breaker JSON" "circuit_open, no number" -- $WA/api/payments
    capbody $S body-warpgw-504.txt 0/504 proxy warp "the warp gateway's JSON 504" "UPSTREAM_TIMEOUT, no number" -- $GW/slow/api/report
    capbody $S body-warpgw-401.txt 0/401 identity warp "the warp gateway's API-key JSON" "API_KEY_MISSING, no number" -- $GW/mhd/api/health
fi
if up haproxy; then
    capbody $S body-haproxy-404-problem.txt 404/404 load-balancer haproxy "HAProxy's problem+json" "\"status\":404" -- $HA/v2/orders
    capbody $S body-haproxy-503-maintenance.txt 0/503 load-balancer haproxy "HAProxy's plain-text maintenance answer" "no number" -- $HA/billing/api/invoices
    capbody $S body-haproxy-429-lua.txt 429/429 load-balancer haproxy "the Lua quota's text" "'429 Too Many Requests' in the text" -- -H 'X-Client: batch-10' $HA/quota/api/health
    capbody $S body-haproxy-401-lua.txt 0/401 identity haproxy "the Lua API-key JSON" "no number" -- $HA/secure/api/health
fi
if up nginx; then
    capbody $S body-nginx-502-njs.txt 0/502 proxy nginx "njs's JSON 502" "bad_gateway, no number" -- $NX/dead/api/orders
    capbody $S body-nginx-401-auth-request.txt 401/401 identity nginx "nginx's 401 page after auth_request" "'401 Authorization Required'" -- $NA/api/orders/7
fi
if up apache; then
    capbody $S body-apache-401-lua.txt 401/401 identity apache "the Lua ErrorDocument JSON" "\"status\":401" -- $AL/secure/api/health
    capbody $S body-apache-503-lua.txt 0/503 proxy apache "the Lua maintenance JSON" "no number" -- $AL/maint/api/orders
    capbody $S body-apache-401-login-form.txt 0/401 identity apache "mod_auth_form's login page" "an HTML form, no number" -- $AF/app/api/health
fi
if up lighttpd; then
    capbody $S body-lighttpd-403-magnet.txt 0/403 identity lighttpd "mod_magnet's JSON 403" "no number" -- -H 'X-Api-Key: k-test-0000' $LT/secure/api/health
    capbody $S body-lighttpd-504.txt 504/504 proxy lighttpd "lighttpd's own 504 page" "'504 Gateway Timeout' in the title" -- $LT/slow/api/report
fi
up varnish && capbody $S body-varnish-503-json.txt 0/503 cdn-cache varnish "vcl_backend_error's JSON" "backend_unavailable, no number" -- -k $TV/dead/api/orders

# ================================================ headers-only pastes ==
S=headers-only-paste
caphead $S head-total-404-unrouted.txt 404 app total.js "curl -sI on an unknown path" "a bare 404 for HEAD: no Content-Type, no X-Powered-By" -- $TJ/v2/orders
caphead $S head-marble-404-head.txt 404 app marblejs "curl -sI on a GET route: Marble.js has no HEAD route" "" -- $MB/api/health
caphead $S head-fastgw-503.txt 503 proxy fast-gateway "curl -sI, the target refuses" "x-request-id" -- $FG/dead/api/orders
up warp && caphead $S head-warpgw-401.txt 401 identity warp "curl -sI, the warp gateway's key check" "WWW-Authenticate: ApiKey, via" -- $GW/mhd/api/health
up uwsgi && caphead $S head-microdot-via-uwsgi.txt 404 app microdot "curl -sI through uWSGI's router to Microdot: an unknown order" "HTTP/1.1 404 N/A" -- $UR/api/orders/7
up haproxy && caphead $S head-haproxy-401-lua.txt 401 identity haproxy "curl -sI, the Lua API-key service" "X-Request-Id" -- $HA/secure/api/health
up haproxy && caphead $S head-haproxy-503-no-server.txt 503 load-balancer haproxy "curl -sI, no server alive" "" -- $HA/nodes/api/orders
up nginx && caphead $S head-nginx-429-limit-req.txt 429 proxy nginx "curl -sI, the limit_req quota (already spent)" "X-Edge-Request-Id" -- -H 'X-Client: batch-10' $NX/quota/api/health
up apache && caphead $S head-apache-401-auth-form.txt 401 identity apache "curl -sI, mod_auth_form without a session" "" -- $AF/app/api/health
up lighttpd && caphead $S head-lighttpd-503-maintenance.txt 503 proxy lighttpd "curl -sI, the magnet maintenance answer" "Server: orders-edge" -- $LT/maint/api/orders
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI over TLS on a cached entry" "X-Cache: HIT" -- -k $TV/api/catalog

# ======================================== the auth service goes away ==
if up nginx; then
    stop_name mhd-auth
    sleep 0.5
    S=nginx-auth-request-c
    cap $S nginx-500-auth-service-down.txt 500 proxy nginx "auth_request: the identity service is down, nginx answers 500 itself" \
        "nginx's own 500 page; not a refusal" -- -sv -H 'Authorization: Bearer good' $NA/api/orders/7
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round10/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
