#!/usr/bin/env bash
# capture-round186.sh — build the hundred-and-eighty-sixth held-out evidence
# corpus in tests/fixtures/evidence-round186/.
#
# "Pasted at night over TLS and HTTP/2, a third look" (round 165's script,
# fronts and helpers; the apps moved to other fronts): six setups, each front
# terminating TLS on 127.0.0.1, HTTP/2 where the front speaks it. Front configs
# in scripts/corpus/conf-round186/ (round 165's, ports moved to 62800-62899,
# host names following the apps, Apache given mod_unique_id's X-Request-Id):
#   - nginx 1.22 (ssl http2, X-Request-ID) -> FastAPI on uvicorn (apps78/fastapi_app.py);
#   - Caddy 2.6 (tls internal, HTTP/2 by default) -> Django 5.2 on gunicorn (apps78/django_app.py);
#   - HAProxy 2.6 (ssl, alpn h2,http/1.1, unique-id X-Request-ID) -> Fastify 4 on Node 20 (apps78/fastify_app.js);
#   - Apache 2.4 (mod_ssl, mod_http2, mod_proxy_http, X-Request-Id) -> Express 4 on Node 20 (apps78/express_app.js);
#   - nghttpx 1.52 (TLS) -> Koa 2 on Node 20 (apps165/koa165.js);
#   - nghttpx 1.52 (TLS, a second process) -> Flask 3.1 on gunicorn (apps145/flask145.py over apps78/flask_app.py).
# The other fronts use a self-signed certificate this script makes with
# openssl; every client uses -k / --verify=no / --no-check-certificate.
#
#   scripts/corpus/capture-round186.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round186.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round186.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62800-62899 this round), and the script stops if a socket held by one of its
# own processes listens anywhere else (another helper runs its own servers
# meanwhile: those are not looked at, and never stopped); every curl, HTTPie
# and wget request runs under `timeout`; every server it started is stopped on
# exit, by process id. Labels are written by finish_round186.py, which refuses
# (and this script then leaves the fixtures as they were) when a label's
# status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round186"
RUN=/tmp/api-triage-corpus186-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round186"
APPS78="$HERE/apps78"
APPS130="$HERE/apps130"
APPS145="$HERE/apps145"
APPS165="$HERE/apps165"
VENV=${CORPUS_VENV186:-/tmp/api-triage-corpus186-venv}     # a copy of round 165's (django, fastapi, flask, gunicorn, uvicorn, httpie)
NODE_DIR=${CORPUS_NODE186:-/tmp/api-triage-corpus186-node} # a copy of round 165's (express, fastify, koa, @koa/router)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 django==5.2.19 fastapi==0.165.0 flask==3.1.3 uvicorn==0.55.0 gunicorn==27.0.1)
NODE_PKGS=(express@4 fastify@4 koa@2 @koa/router@12)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus186 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq openssl nginx apache2 caddy haproxy nghttp2-proxy python3-venv nodejs)
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

install_venv() {  # a copy of round 145's venv; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, django, fastapi, flask, uvicorn, gunicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of round 164's node_modules; from npm when missing
    local m ok=1
    for m in express fastify koa @koa/router; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus186","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund "${NODE_PKGS[@]}") >>"$RUN/logs/npm.log" 2>&1 \
        || SKIPPED[node]="npm install failed (see logs/npm.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
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
# only ours are checked against 127.0.0.1 and 62800-62899) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round186.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
# The transcript shows `https` (every front is TLS this round).
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



wire_of() { awk '/^HTTP\// {s=$2} END {print s+0}' "$RUN/work/last-headers" 2>/dev/null; }
check_wire() {  # check_wire FILE WANT GOT
    if [[ $3 != "$2" ]]; then
        log "MISMATCH $1: expected wire status $2, got $3"; MISMATCH=$((MISMATCH + 1))
    fi
}

# capjq SETUP FILE SHOWN/WIRE LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl -s URL | jq .`: only the body, pretty-printed by jq (body-only).
capjq() {
    local setup=$1 file=$2 shown=${3%/*} wire=${3#*/} layer=$4 product=$5 scenario=$6 note=$7 got
    shift 8
    local dest="$STAGE/$file"
    printf '%s | jq .\n' "$(cmdline curl -s "$@")" >"$dest"
    rm -f "$RUN/work/last-headers"
    in_work timeout 20 curl -s -D "$RUN/work/last-headers" "$@" 2>/dev/null | jq . >>"$dest" 2>&1
    got=$(wire_of); check_wire "$file" "$wire" "$got"
    finish "$dest" "$setup" "$shown" "$layer" "$product" "$scenario" "$note" body-only "$got"
}

# capw SETUP FILE WIRE LAYER PRODUCT SCENARIO NOTE -- FORMAT CURL-ARGS...
# `curl -s -w FORMAT URL`: the body with curl's `%{http_code}` printed next
# to it (body-only; the number curl prints is the number the paste shows).
capw() {
    local setup=$1 file=$2 wire=$3 layer=$4 product=$5 scenario=$6 note=$7 got fmt
    shift 8
    fmt=$1; shift
    local dest="$STAGE/$file"
    cmdline curl -s -w "$fmt" "$@" >"$dest"
    rm -f "$RUN/work/last-headers"
    in_work timeout 20 curl -s -w "$fmt" -D "$RUN/work/last-headers" "$@" >>"$dest" 2>/dev/null
    [[ $(tail -c 1 "$dest" | od -An -c | tr -d ' ') == '\n' ]] || printf '\n' >>"$dest"
    got=$(wire_of); check_wire "$file" "$wire" "$got"
    finish "$dest" "$setup" "$got" "$layer" "$product" "$scenario" "$note" body-only "$got"
}

# capvnull SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl -sv -o /dev/null URL` with only the `<` lines kept (headers-only).
capvnull() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl -sv -o /dev/null "$@" >"$dest"
    in_work timeout 20 curl -sv -o /dev/null "$@" 2>&1 | grep -a '^< ' | tr -d '\r' >>"$dest"
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only 0
}

# caphttph SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- HTTPIE-ARGS...
# HTTPie `--headers` with colours: the response headers only (headers-only).
caphttph() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    [[ -x $HTTPIE ]] || return 0
    cmdline https --headers "$@" >"$dest"
    in_work timeout 20 "$HTTPIE" -m httpie --ignore-stdin --pretty=all --style=monokai --timeout=10 --headers "$@" >>"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only 0
}

# capcutn SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- N i|v CURL-ARGS...
# Round 50's `cut`: the status line and the first N header lines, copied
# from part of a terminal, no command line above them: from `curl -si`
# (i), or from `curl -sv` with the `< ` marks (v). headers-only.
capcutn() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7 n form
    shift 8
    n=$1 form=$2; shift 2
    local dest="$STAGE/$file"
    if [[ $form == v ]]; then
        in_work timeout 20 curl -sv "$@" 2>&1 | grep -a '^< ' | tr -d '\r' \
            | awk -v n="$n" '/^< HTTP\// {f = 1} f && /^<? ?$/ {exit} f {print; if (++c > n) exit}' >"$dest"
    else
        in_work timeout 20 curl -si "$@" 2>&1 | tr -d '\r' \
            | awk -v n="$n" '/^HTTP\// {f = 1} f && /^$/ {exit} f {print; if (++c > n) exit}' >"$dest"
    fi
    [[ -s $dest ]] || echo "(nothing)" >"$dest"
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only 0
}


# capcutr SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- N CURL-ARGS...
# Round 50's cut from `curl -si`, copied with its CRs (the line ends curl
# wrote): the status line and the first N header lines. headers-only.
capcutr() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7 n
    shift 8
    n=$1; shift
    local dest="$STAGE/$file"
    in_work timeout 20 curl -si "$@" 2>&1 \
        | awk -v n="$n" '/^HTTP\// {f = 1} f && /^\r?$/ {exit} f {print; if (++c > n) exit}' >"$dest"
    [[ -s $dest ]] || echo "(nothing)" >"$dest"
    KEEP_CR=1 finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only 0
}

# capfail SETUP FILE WIRE LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl --fail-with-body -sS URL` as a terminal shows it: the body, then
# curl's own "(22) The requested URL returned error: NNN" line (round 18's
# form; body-only, the number curl's line shows is the paste's status).
capfail() {
    local setup=$1 file=$2 wire=$3 layer=$4 product=$5 scenario=$6 note=$7 got shown
    shift 8
    local dest="$STAGE/$file"
    cmdline curl --fail-with-body -sS "$@" >"$dest"
    rm -f "$RUN/work/last-headers"
    in_work timeout 20 curl --fail-with-body -sS -D "$RUN/work/last-headers" "$@" >>"$dest" 2>"$RUN/work/last-stderr"
    cat "$RUN/work/last-stderr" >>"$dest"  # curl's line comes after the body, as in a terminal
    got=$(wire_of)
    shown=$(sed -n 's/.*curl: (22) The requested URL returned error: \([0-9]*\).*/\1/p' "$dest" | tail -n 1)
    if [[ $got != "$wire" || $shown != "$wire" ]]; then
        log "MISMATCH $file: expected wire status $wire, got $got (curl's line shows ${shown:-nothing})"; MISMATCH=$((MISMATCH + 1))
    fi
    finish "$dest" "$setup" "${shown:-0}" "$layer" "$product" "$scenario" "$note" body-only "$got"
}

# capprompt SETUP FILE SHOWN/WIRE LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl -s URL` copied with the next shell prompt: the body had no final
# newline, so the prompt sits on its last line (body-only).
PROMPT='deploy@web-01:~$ '
capprompt() {
    local setup=$1 file=$2 shown=${3%/*} wire=${3#*/} layer=$4 product=$5 scenario=$6 note=$7 got
    shift 8
    local dest="$STAGE/$file"
    printf '%s' "$PROMPT" >"$dest"
    cmdline curl -s "$@" | sed 's/^\$ //' >>"$dest"
    rm -f "$RUN/work/last-headers"
    in_work timeout 20 curl -s -D "$RUN/work/last-headers" "$@" >>"$dest" 2>/dev/null
    printf '%s\n' "$PROMPT" >>"$dest"
    got=$(wire_of); check_wire "$file" "$wire" "$got"
    finish "$dest" "$setup" "$shown" "$layer" "$product" "$scenario" "$note" body-only "$got"
}

# capcutb SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- N CURL-ARGS...
# Round 145: `curl -si` copied from a terminal down to the first N lines of
# the body (the status line, every header, the blank line, N body lines;
# the rest of the body left out). Labelled as a whole transcript, cut.
capcutb() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7 n
    shift 8
    n=$1; shift
    local dest="$STAGE/$file"
    cmdline curl "$@" >"$dest"
    in_work timeout 20 curl "$@" 2>&1 | tr -d '\r' | awk -v n="$n" 'b && ++c > n {exit} {print} /^$/ {b = 1}' >>"$dest"
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS78 && -d $APPS145 && -d $APPS165 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn,tls,haproxy,apache/htdocs,nginx/tmp,caddy/data,nghttpx-koa,nghttpx-flask}
chmod 755 "$RUN" "$RUN/apache" "$RUN/apache/htdocs"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "Express/Fastify/Koa are missing (${SKIPPED[node]})"
for p in openssl nginx apache2 caddy haproxy nghttp2-proxy jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# The self-signed certificate nginx, HAProxy, Apache and nghttpx use (Caddy
# makes its own with its internal CA).
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=api.larkspur.test" \
    -addext "subjectAltName=DNS:api.larkspur.test,DNS:api.halyard.test,DNS:api.tamarind.test,DNS:api.wrenfield.test,DNS:api.saltmarsh.test,DNS:api.osprey.test" \
    -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" >"$RUN/logs/openssl.log" 2>&1 || die "openssl req failed"
cat "$RUN/tls/cert.pem" "$RUN/tls/key.pem" >"$RUN/tls/combined.pem"
chmod 644 "$RUN/tls/"*.pem

# apps: FastAPI/uvicorn 62801, Django/gunicorn 62802, Fastify/Node 62803,
# Express/Node 62804, Koa/Node 62805, Flask/gunicorn 62806.
# Fronts: nginx 62851, Caddy 62852, HAProxy 62853, Apache 62854, nghttpx 62855
# and 62856. 62899 is never listened on (the dead upstream of /billing/).
APP_PORTS=(62801 62802 62803 62804 62805 62806)
FRONT_PORTS=(62851 62852 62853 62854 62855 62856)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 62899; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
mkdir -p "$RUN/flags"/{osprey,saltmarsh,wrenfield,halyard,tamarind}
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production)
start_bg fastapi env REPLICA=halyard-api-1 FLAG_DIR="$RUN/flags/halyard" nice -n 5 "$VPY" -m uvicorn \
    --host 127.0.0.1 --port 62801 --app-dir "$APPS78" fastapi_app:app
start_bg django env REPLICA=wrenfield-web-1 FLAG_DIR="$RUN/flags/wrenfield" nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:62802 --workers 2 --chdir "$APPS78" --worker-tmp-dir "$RUN/gunicorn" django_app:application
start_bg fastify "${NODEENV[@]}" REPLICA=saltmarsh-api-1 FLAG_DIR="$RUN/flags/saltmarsh" nice -n 5 node "$APPS78/fastify_app.js" 62803
start_bg express "${NODEENV[@]}" REPLICA=osprey-api-1 FLAG_DIR="$RUN/flags/osprey" nice -n 5 node "$APPS78/express_app.js" 62804
start_bg koa "${NODEENV[@]}" nice -n 5 node "$APPS165/koa165.js" 62805
start_bg flask env REPLICA=tamarind-web-1 FLAG_DIR="$RUN/flags/tamarind" PYTHONPATH="$APPS145:$APPS78" nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:62806 --workers 2 --worker-tmp-dir "$RUN/gunicorn" flask145:app
for p in "${APP_PORTS[@]}"; do wait_port $p app || die "an app did not start on $p"; done

kill_app() {  # kill_app NAME: SIGKILL the server (and its workers)
    local f=$RUN/pids/$1.pid pid kids
    [[ -e $f ]] || return 0
    pid=$(cat "$f")
    kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null)
    kill -KILL "$pid" $kids 2>/dev/null
    rm -f "$f"
    sleep 0.3
}

# ---- the fronts ----------------------------------------------------------------
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 62851 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 62852 caddy && UP[caddy]=1
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62853 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 62854 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
for a in koa flask; do
    render "$CONF/nghttpx-$a.conf" "$RUN/nghttpx-$a/nghttpx.conf"
    start_bg nghttpx-$a nghttpx --conf="$RUN/nghttpx-$a/nghttpx.conf"
done
wait_port 62855 nghttpx-koa && UP[nghttpx-koa]=1
wait_port 62856 nghttpx-flask && UP[nghttpx-flask]=1
sleep 1  # Caddy issues its internal certificate on start

AFTER=$(ours_sockets)
while read -r proto addr; do
    [[ -z $addr ]] && continue
    port=${addr##*:}
    [[ $addr == 127.0.0.1:* ]] || die "one of our processes listens on $addr (not 127.0.0.1)"
    ((port >= 62800 && port <= 62899)) || die "one of our processes listens on $addr (outside 62800-62899)"
done <<<"$AFTER"

# ---- inputs --------------------------------------------------------------------
JSONH=(-H 'Content-Type: application/json')
BIGBODY=$(head -c 3000 /dev/zero | tr '\0' 'x'); BIGBODY="{\"ref\":\"BIG-1\",\"note\":\"$BIGBODY\"}"
BIGHDR="X-Pad: $(head -c 10000 /dev/zero | tr '\0' 'p')"
BO=body-only-paste HO=headers-only-paste

# ===================================================== nginx (TLS, h2, X-Request-ID) -> FastAPI on uvicorn ==
if up nginx; then
    log "capturing: FastAPI on uvicorn behind nginx (TLS, HTTP/2)"
    S=fastapi-uvicorn-nginx-h2-reqid-r186
    H=api.halyard.test Y=https://api.halyard.test:62851 RY="--resolve api.halyard.test:62851:127.0.0.1"
    cap $S fastapi-200-order-nginx-h2.txt 200 app fastapi "order 1 over HTTP/2: FastAPI's answer passed on (nginx adds X-Request-ID)" "curl -skv --http2" -- -skv --http2 $RY $Y/api/orders/1
    cap $S fastapi-201-post-nginx-h2.txt 201 app fastapi "POST a new order: the route's JSON 201" "curl -si --http2" -- -si -k --http2 $RY -X POST "${JSONH[@]}" -d '{"ref":"HY-2001"}' $Y/api/orders
    cap $S fastapi-404-order9-nginx-h11.txt 404 app fastapi "order 9: the route's {\"detail\":...} 404" "curl -si --http1.1" -- -si -k --http1.1 $RY $Y/api/orders/9
    cap $S fastapi-422-post-nginx-h2.txt 422 app fastapi "POST without ref: FastAPI's validation 422" "curl -skv --http2" -- -skv --http2 $RY -X POST "${JSONH[@]}" -d '{"total":2}' $Y/api/orders
    HTTPIE_CMD=https caphttp $S fastapi-401-account-nginx-httpie.txt 401 app fastapi "HTTPie over TLS: the route's JSON 401 with WWW-Authenticate: Bearer" "HTTPie with colours, --verify=no" -- --verify=no -v GET https://127.0.0.1:62851/api/account Host:$H:62851
    cap $S fastapi-403-admin-nginx-h2.txt 403 app fastapi "the route's JSON 403, passed on" "curl -si --http2" -- -si -k --http2 $RY $Y/api/admin
    capcutb $S fastapi-429-quota-nginx-h2-cut.txt 429 app fastapi "the route's own JSON 429 with Retry-After, passed on" "curl -si --http2, copied down to the first body line" -- 1 -si -k --http2 $RY $Y/api/quota
    cap $S fastapi-500-boom-nginx-h2.txt 500 app fastapi "an uncaught error: Starlette's plain 'Internal Server Error', passed on" "curl -si --http2" -- -si -k --http2 $RY $Y/api/boom
    capwin $S fastapi-502-payments-html-nginx-h2.txt 502 app fastapi "the app's own HTML 502 page, passed on (nginx only adds its X-Request-ID)" "curl -si --http2 pasted with CRLF" -- -si -k --http2 $RY $Y/api/payments
    cap $S fastapi-405-post-admin-nginx-h2.txt 405 app fastapi "POST to a GET route: FastAPI's JSON 405, passed on" "curl -si --http2" -- -si -k --http2 $RY -X POST $Y/api/admin
    cap $S nginx-301-orders-fastapi-h2.txt 301 proxy nginx "/orders: nginx's own return 301 to /api/orders/1" "curl -skv --http2" -- -skv --http2 $RY $Y/orders
    cap $S nginx-413-body-fastapi-h2.txt 413 proxy nginx "a 3 KB body over client_max_body_size 1k: nginx's stock 413" "curl -si --http2" -- -si -k --http2 $RY -X POST "${JSONH[@]}" -d "$BIGBODY" $Y/api/orders
    capraw $S nginx-504-slow-fastapi-h2.txt 504 proxy nginx "/api/slow waits 5 s, proxy_read_timeout 3s: nginx's stock 504" "curl -si --http2 saved to a file (CRs kept)" -- -si -k --http2 $RY $Y/api/slow
    cap $S nginx-502-billing-fastapi-h2.txt 502 proxy nginx "/billing/ to 62899 where nothing listens: nginx's stock 502" "curl -si --http2" -- -si -k --http2 $RY $Y/billing/invoices
    cap $S nginx-404-unrouted-fastapi-h2.txt 404 proxy nginx "/docs outside /api/: nginx's return 404, its stock page" "curl -si --http2" -- -si -k --http2 $RY $Y/docs
    capbody $BO body-fastapi-404-order9-nginx.txt 0/404 app fastapi "order 9: the route's {\"detail\":...} body (no status number in it)" "curl -sk" -- -k $RY $Y/api/orders/9
    kill_app fastapi
    cap $S nginx-502-app-stopped-fastapi-h2.txt 502 proxy nginx "uvicorn killed: nginx's stock 502" "curl -skv --http2" -- -skv --http2 $RY $Y/api/orders/1
    caphead $HO head-nginx-502-app-stopped-fastapi.txt 502 proxy nginx "uvicorn still down: HEAD, nginx's 502" "curl -sI -k" -- -k --http2 $RY $Y/api/orders/2
fi
# ===================================================== Caddy (tls internal, h2) -> Django on gunicorn ==
if up caddy; then
    log "capturing: Django on gunicorn behind Caddy (internal CA, HTTP/2)"
    S=django-gunicorn-caddy-tlsinternal-r186
    H=api.wrenfield.test W=https://api.wrenfield.test:62852 RW="--resolve api.wrenfield.test:62852:127.0.0.1"
    cap $S django-200-order-caddy-h2.txt 200 app django "order 1 over HTTP/2: Django's answer passed on (Caddy adds its Server)" "curl -skv --http2" -- -skv --http2 $RW $W/api/orders/1
    cap $S django-201-post-caddy-h2.txt 201 app django "POST a new order: the view's JSON 201" "curl -si --http2" -- -si -k --http2 $RW -X POST "${JSONH[@]}" -d '{"ref":"WF-2001"}' $W/api/orders
    cap $S django-404-order9-caddy-h2.txt 404 app django "order 9: the view's JSON 404" "curl -si --http2" -- -si -k --http2 $RW $W/api/orders/9
    cap $S django-422-post-caddy-h2.txt 422 app django "POST without ref: the view's JSON 422" "curl -skv --http2" -- -skv --http2 $RW -X POST "${JSONH[@]}" -d '{"total":2}' $W/api/orders
    cap $S django-401-account-caddy-h11.txt 401 app django "no token: the view's JSON 401, passed on" "curl -si --http1.1" -- -si -k --http1.1 $RW $W/api/account
    cap $S django-403-admin-caddy-h2.txt 403 app django "the view's JSON 403, passed on" "curl -si --http2" -- -si -k --http2 $RW $W/api/admin
    cap $S django-500-boom-caddy-h2.txt 500 app django "an uncaught error: Django's 'Server Error (500)', passed on" "curl -si --http2" -- -si -k --http2 $RW $W/api/boom
    capcutb $S django-503-statements-html-caddy-h2-cut.txt 503 app django "the app's own HTML 503 page, passed on" "curl -si --http2, copied down to the second body line" -- 2 -si -k --http2 $RW $W/api/statements
    capwin $S django-503-maintenance-caddy-h2.txt 503 app django "the view's own JSON 503 with Retry-After, passed on" "curl -si --http2 pasted with CRLF" -- -si -k --http2 $RW $W/api/maintenance
    cap $S django-404-route-caddy-h2.txt 404 app django "no route: Django's HTML 'Not Found', passed on" "curl -si --http2" -- -si -k --http2 $RW $W/api/v2/orders
    capdump $S django-502-payments-html-caddy-h2.txt 502 app django "the app's own HTML 502 page, passed on" "curl -s -D- --http2" -- -k --http2 $RW $W/api/payments
    cap $S caddy-504-slow-django-h2.txt 504 proxy caddy "/api/slow waits 5 s, response_header_timeout 3s: Caddy's empty 504" "curl -skv --http2" -- -skv --http2 $RW $W/api/slow
    cap $S caddy-404-unrouted-django-h2.txt 404 proxy caddy "/docs: respond 404, an empty body" "curl -si --http2" -- -si -k --http2 $RW $W/docs
    capraw $S caddy-502-billing-django-h2.txt 502 proxy caddy "/billing/ to 62899 where nothing listens: Caddy's empty 502" "curl -si --http2 saved to a file (CRs kept)" -- -si -k --http2 $RW $W/billing/invoices
    capjq $BO body-django-429-quota-caddy-jq.txt 0/429 app django "the view's JSON 429 body, no status number in it" "curl -sk | jq ." -- -k $RW $W/api/quota
    kill_app django
    cap $S caddy-502-app-stopped-django-h2.txt 502 proxy caddy "gunicorn killed: Caddy's empty 502" "curl -si --http2" -- -si -k --http2 $RW $W/api/orders/1
    capvnull $HO vnull-caddy-502-app-stopped-django.txt 502 proxy caddy "gunicorn still down: Caddy's 502" "curl -skv -o /dev/null, only the < lines kept" -- -k --http2 $RW $W/api/orders/2
fi
# ===================================================== HAProxy (TLS, h2, X-Request-ID) -> Fastify on Node ==
if up haproxy; then
    log "capturing: Fastify on Node behind HAProxy (TLS, HTTP/2)"
    S=fastify-node-haproxy-h2-reqid-r186
    H=api.saltmarsh.test F=https://api.saltmarsh.test:62853 RF="--resolve api.saltmarsh.test:62853:127.0.0.1"
    cap $S fastify-200-order-haproxy-h2.txt 200 app fastify "order 1 over HTTP/2 (ALPN h2): Fastify's answer passed on (HAProxy adds X-Request-ID)" "curl -si --http2" -- -si -k --http2 $RF $F/api/orders/1
    cap $S fastify-201-post-haproxy-h2.txt 201 app fastify "POST a new order: the route's JSON 201" "curl -skv --http2" -- -skv --http2 $RF -X POST "${JSONH[@]}" -d '{"ref":"SM-2001","total":"9.00"}' $F/api/orders
    cap $S fastify-400-order-id-haproxy-h2.txt 400 app fastify "an order id that is not a number: the route's JSON 400" "curl -si --http2" -- -si -k --http2 $RF $F/api/orders/abc
    cap $S fastify-422-post-haproxy-h2.txt 422 app fastify "POST without ref: the route's JSON 422" "curl -si --http2" -- -si -k --http2 $RF -X POST "${JSONH[@]}" -d '{"total":2}' $F/api/orders
    cap $S fastify-401-account-haproxy-h11.txt 401 app fastify "no token: the route's JSON 401, passed on" "curl -si --http1.1" -- -si -k --http1.1 $RF $F/api/account
    HTTPIE_CMD=https caphttp $S fastify-429-quota-haproxy-httpie.txt 429 app fastify "HTTPie over TLS: the route's own JSON 429 with Retry-After" "HTTPie with colours, --verify=no" -- --verify=no -v GET https://127.0.0.1:62853/api/quota Host:$H:62853
    capdump $S fastify-502-payments-html-haproxy-h2.txt 502 app fastify "the app's own HTML 502 page (payment provider), passed on" "curl -s -D- --http2" -- -k --http2 $RF $F/api/payments
    capwin $S fastify-500-boom-haproxy-h2.txt 500 app fastify "a thrown Error: Fastify's default JSON 500, passed on" "curl -si --http2 pasted with CRLF" -- -si -k --http2 $RF $F/api/boom
    cap $S fastify-404-route-haproxy-h2.txt 404 app fastify "no route: Fastify's default JSON 404, passed on" "curl -skv --http2" -- -skv --http2 $RF $F/api/v2/orders
    caplt $S lt-fastify-403-admin-haproxy.txt 403 app fastify "the route's JSON 403, headers only" "curl -skv --http2, only the < lines kept" -- -skv --http2 $RF $F/api/admin
    cap $S haproxy-413-body-fastify-h2.txt 413 load-balancer haproxy "a 3 KB body, deny_status 413: HAProxy's stock 413 (with its X-Request-ID)" "curl -si --http2" -- -si -k --http2 $RF -X POST "${JSONH[@]}" -d "$BIGBODY" $F/api/orders
    cap $S haproxy-504-slow-fastify-h2.txt 504 load-balancer haproxy "/api/slow waits 5 s, timeout server 3s: HAProxy's stock 504" "curl -skv --http2" -- -skv --http2 $RF $F/api/slow
    capraw $S haproxy-404-unrouted-fastify-h2.txt 404 load-balancer haproxy "/docs outside /api/: deny_status 404, HAProxy's stock 404" "curl -si --http2 saved to a file (CRs kept)" -- -si -k --http2 $RF $F/docs
    capbody $BO body-fastify-429-quota-haproxy.txt 429/429 app fastify "the route's JSON 429 ({statusCode,error,message}), its statusCode shows 429" "curl -sk" -- -k $RF $F/api/quota
    kill_app fastify
    cap $S haproxy-503-app-stopped-fastify-h2.txt 503 load-balancer haproxy "Node killed: HAProxy's stock 503 after the retry" "curl -si --http2" -- -si -k --http2 $RF $F/api/orders/1
    capwget $S haproxy-503-app-stopped-fastify-wget.txt 503 load-balancer haproxy "Node still down: HAProxy's stock 503" "wget -S -O- --no-check-certificate" -- --no-check-certificate --header="Host: $H:62853" https://127.0.0.1:62853/api/orders/2
    capcutn $HO cutn-haproxy-503-app-stopped-fastify.txt 503 load-balancer haproxy "Node still down: HAProxy's 503, the status line and first headers" "curl -si --http2, the status line and 3 headers kept" -- 3 i -k --http2 $RF $F/api/orders/3
fi
# ===================================================== Apache (TLS, h2, X-Request-Id) -> Express on Node ==
if up apache; then
    log "capturing: Express on Node behind Apache (mod_ssl, mod_http2)"
    S=express-node-apache-h2-uniqueid-r186
    H=api.osprey.test O=https://api.osprey.test:62854 RO="--resolve api.osprey.test:62854:127.0.0.1"
    cap $S express-200-order-apache-h2.txt 200 app express "order 1 over HTTP/2 (mod_http2): Express's answer passed on (Apache adds X-Request-Id)" "curl -skv --http2" -- -skv --http2 $RO $O/api/orders/1
    ETAG=$(in_work timeout 10 curl -sk -D- -o /dev/null $RO $O/api/orders/1 | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" {print $2}')
    cap $S express-304-order-inm-apache-h2.txt 304 app express "If-None-Match with Express's own ETag for order 1: Express's 304, passed on" "curl -si --http2" -- -si -k --http2 $RO -H "If-None-Match: $ETAG" $O/api/orders/1
    cap $S express-201-post-apache-h2.txt 201 app express "POST a new order: the handler's JSON 201" "curl -si --http2" -- -si -k --http2 $RO -X POST "${JSONH[@]}" -d '{"ref":"OS-2001","total":"12.00"}' $O/api/orders
    cap $S express-400-order-id-apache-h2.txt 400 app express "an order id that is not a number: the handler's JSON 400" "curl -si --http2" -- -si -k --http2 $RO $O/api/orders/abc
    cap $S express-409-post-apache-h2.txt 409 app express "POST an existing ref: the handler's JSON 409" "curl -skv --http2" -- -skv --http2 $RO -X POST "${JSONH[@]}" -d '{"ref":"OS-1001"}' $O/api/orders
    HTTPIE_CMD=https caphttp $S express-403-admin-apache-httpie.txt 403 app express "HTTPie over TLS: the handler's JSON 403" "HTTPie with colours, --verify=no" -- --verify=no -v GET https://127.0.0.1:62854/api/admin Host:$H:62854
    capwget $S express-503-maintenance-apache-wget.txt 503 app express "the handler's own JSON 503 with Retry-After, passed on" "wget -S -O- --no-check-certificate" -- --no-check-certificate --header="Host: $H:62854" https://127.0.0.1:62854/api/maintenance
    cap $S express-500-boom-apache-h2.txt 500 app express "a thrown error: finalhandler's HTML 500, passed on" "curl -si --http2" -- -si -k --http2 $RO $O/api/boom
    capcutb $S express-503-statements-html-apache-h2-cut.txt 503 app express "the app's own HTML 503 page, passed on" "curl -si --http2, copied down to the first body line" -- 1 -si -k --http2 $RO $O/api/statements
    cap $S express-404-route-apache-h11.txt 404 app express "no route: Express's 'Cannot GET' page, passed on" "curl -si --http1.1" -- -si -k --http1.1 $RO $O/api/v2/orders
    cap $S apache-502-slow-express-h2.txt 502 proxy apache "/api/slow waits 5 s, ProxyPass timeout=3: Apache's stock 'Proxy Error' page" "curl -skv --http2" -- -skv --http2 $RO $O/api/slow
    cap $S apache-404-unrouted-express-h2.txt 404 proxy apache "/docs, not proxied (empty DocumentRoot): Apache's stock 404" "curl -si --http2" -- -si -k --http2 $RO $O/docs
    capcut $S apache-503-billing-express-h2.txt 503 proxy apache "/billing/ to 62899 where nothing listens (retry=0): Apache's stock 503" "curl -si --http2, body cut off after the headers" -- -si -k --http2 $RO $O/billing/invoices
    capjq $BO body-express-404-order9-apache-jq.txt 0/404 app express "order 9: the handler's JSON 404 ({error:{code,message},requestId}), no status number" "curl -sk | jq ." -- -k $RO $O/api/orders/9
    kill_app express
    capwin $S apache-503-app-stopped-express-h2.txt 503 proxy apache "Node killed: Apache's stock 503 (retry=0)" "curl -si --http2 pasted with CRLF" -- -si -k --http2 $RO $O/api/orders/1
    capbody $BO body-apache-503-app-stopped-express.txt 503/503 proxy apache "Node still down: Apache's 503 page, its title shows 503" "curl -sk" -- -k $RO $O/api/orders/2
    caphttph $HO httph-apache-503-app-stopped-express.txt 503 proxy apache "Node still down: Apache's 503" "HTTPie --headers with colours, --verify=no" -- --verify=no GET https://127.0.0.1:62854/api/orders/3 Host:$H:62854
fi
# ===================================================== nghttpx (TLS) -> Koa on Node ==
if up nghttpx-koa; then
    log "capturing: Koa on Node behind nghttpx (TLS)"
    S=koa-node-nghttpx-r186
    H=api.larkspur.test K=https://api.larkspur.test:62855 RK="--resolve api.larkspur.test:62855:127.0.0.1"
    cap $S koa-200-order-nghttpx-h2.txt 200 app koa "order 1 over HTTP/2: Koa's answer passed on (nghttpx's Via)" "curl -skv --http2" -- -skv --http2 $RK $K/api/orders/1
    cap $S koa-304-order-inm-nghttpx-h2.txt 304 app koa "If-None-Match with the order's ETag: Koa's 304, passed on" "curl -si --http2" -- -si -k --http2 $RK -H 'If-None-Match: "lk-o1-v2"' $K/api/orders/1
    cap $S koa-201-post-nghttpx-h2.txt 201 app koa "POST a new order: the route's JSON 201" "curl -si --http2" -- -si -k --http2 $RK -X POST "${JSONH[@]}" -d '{"ref":"LK-2001"}' $K/api/orders
    cap $S koa-301-old-orders-nghttpx-h2.txt 301 app koa "/api/old-orders/1: the app's own redirect to /api/orders/1, passed on" "curl -si --http2" -- -si -k --http2 $RK $K/api/old-orders/1
    cap $S koa-404-order9-nghttpx-h11.txt 404 app koa "order 9: the route's JSON 404" "curl -si --http1.1" -- -si -k --http1.1 $RK $K/api/orders/9
    HTTPIE_CMD=https caphttp $S koa-401-account-nghttpx-httpie.txt 401 app koa "HTTPie over TLS: the route's JSON 401 with WWW-Authenticate" "HTTPie with colours, --verify=no" -- --verify=no -v GET https://127.0.0.1:62855/api/account Host:$H:62855
    cap $S koa-429-quota-nghttpx-h2.txt 429 app koa "the route's own JSON 429 with Retry-After, passed on" "curl -skv --http2" -- -skv --http2 $RK $K/api/quota
    capraw $S koa-500-boom-nghttpx-h2.txt 500 app koa "a thrown error: Koa's text 'Internal Server Error', passed on" "curl -si --http2 saved to a file (CRs kept)" -- -si -k --http2 $RK $K/api/boom
    capcutb $S koa-502-payments-html-nghttpx-h2-cut.txt 502 app koa "the app's own HTML 502 page, passed on" "curl -si --http2, copied down to the second body line" -- 2 -si -k --http2 $RK $K/api/payments
    cap $S koa-404-route-nghttpx-h2.txt 404 app koa "no route under /api/: Koa's text 'Not Found', passed on" "curl -si --http2" -- -si -k --http2 $RK $K/api/v2/orders
    cap $S nghttpx-504-slow-koa-h2.txt 504 proxy nghttpx "/api/slow waits 5 s, backend-read-timeout 3s: nghttpx's 504 page" "curl -skv --http2" -- -skv --http2 $RK $K/api/slow
    cap $S nghttpx-502-billing-koa-h2.txt 502 proxy nghttpx "/billing/ to 62899 where nothing listens: nghttpx's 502 page" "curl -si --http2" -- -si -k --http2 $RK $K/billing/invoices
    caplt $S nghttpx-431-big-header-koa.txt 431 proxy nghttpx "a 10 KB request header over request-header-field-buffer 4K: nghttpx's 431" "curl -skv --http1.1, only the < lines kept" -- -skv --http1.1 $RK -H "$BIGHDR" $K/api/orders/1
    capbody $BO body-koa-429-quota-nghttpx.txt 0/429 app koa "the route's JSON 429 body (no status number in it)" "curl -sk" -- -k $RK $K/api/quota
    kill_app koa
    cap $S nghttpx-502-app-stopped-koa-h2.txt 502 proxy nghttpx "Node killed: nghttpx's 502 page" "curl -si --http2" -- -si -k --http2 $RK $K/api/orders/1
    capwget $S nghttpx-502-app-stopped-koa-wget.txt 502 proxy nghttpx "Node still down: nghttpx's 502 page" "wget -S -O- --no-check-certificate" -- --no-check-certificate --header="Host: $H:62855" https://127.0.0.1:62855/api/orders/2
    caphttph $HO httph-nghttpx-502-app-stopped-koa.txt 502 proxy nghttpx "Node still down: nghttpx's 502" "HTTPie --headers with colours, --verify=no" -- --verify=no GET https://127.0.0.1:62855/api/orders/3 Host:$H:62855
fi
# ===================================================== nghttpx (TLS, second process) -> Flask on gunicorn ==
if up nghttpx-flask; then
    log "capturing: Flask on gunicorn behind nghttpx (TLS)"
    S=flask-gunicorn-nghttpx-r186
    H=api.tamarind.test T=https://api.tamarind.test:62856 RT="--resolve api.tamarind.test:62856:127.0.0.1"
    cap $S flask-200-order-nghttpx-h2.txt 200 app flask "order 1 over HTTP/2: Flask's answer passed on (nghttpx's Via)" "curl -skv --http2" -- -skv --http2 $RT $T/api/orders/1
    cap $S flask-201-post-nghttpx-h2.txt 201 app flask "POST a new order: the handler's JSON 201" "curl -si --http2" -- -si -k --http2 $RT -X POST "${JSONH[@]}" -d '{"ref":"TM-2001"}' $T/api/orders
    cap $S flask-204-delete-nghttpx-h2.txt 204 app flask "DELETE order 1: the handler's empty 204" "curl -skv --http2" -- -skv --http2 $RT -X DELETE $T/api/orders/1
    cap $S flask-304-catalog-inm-nghttpx-h2.txt 304 app flask "If-None-Match with the catalog's ETag: Werkzeug's 304, passed on" "curl -si --http2" -- -si -k --http2 $RT -H 'If-None-Match: "tm-cat-v3"' $T/api/catalog
    cap $S flask-404-order9-nghttpx-h2.txt 404 app flask "order 9: the handler's JSON 404" "curl -si --http2" -- -si -k --http2 $RT $T/api/orders/9
    HTTPIE_CMD=https caphttp $S flask-403-admin-nghttpx-httpie.txt 403 app flask "HTTPie over TLS: the handler's JSON 403" "HTTPie with colours, --verify=no" -- --verify=no -v GET https://127.0.0.1:62856/api/admin Host:$H:62856
    cap $S flask-422-post-nghttpx-h11.txt 422 app flask "POST without ref: the handler's JSON 422" "curl -si --http1.1" -- -si -k --http1.1 $RT -X POST "${JSONH[@]}" -d '{"total":2}' $T/api/orders
    capwin $S flask-429-quota-nghttpx-h2.txt 429 app flask "the handler's own JSON 429 with Retry-After, passed on" "curl -si --http2 pasted with CRLF" -- -si -k --http2 $RT $T/api/quota
    capcutb $S flask-500-boom-nghttpx-h2-cut.txt 500 app flask "an uncaught error: Flask's HTML 500, passed on" "curl -si --http2, copied down to the third body line" -- 3 -si -k --http2 $RT $T/api/boom
    capwget $S flask-503-maintenance-nghttpx-wget.txt 503 app flask "the handler's own JSON 503, passed on" "wget -S -O- --no-check-certificate" -- --no-check-certificate --header="Host: $H:62856" https://127.0.0.1:62856/api/maintenance
    cap $S nghttpx-504-slow-flask-h2.txt 504 proxy nghttpx "/api/slow waits 5 s, backend-read-timeout 3s: nghttpx's 504 page" "curl -si --http2" -- -si -k --http2 $RT $T/api/slow
    capraw $S nghttpx-502-billing-flask-h2.txt 502 proxy nghttpx "/billing/ to 62899 where nothing listens: nghttpx's 502 page" "curl -si --http2 saved to a file (CRs kept)" -- -si -k --http2 $RT $T/billing/invoices
    cap $S nghttpx-431-big-header-flask-h2.txt 431 proxy nghttpx "a 10 KB request header over request-header-field-buffer 4K: nghttpx's 431" "curl -si --http1.1" -- -si -k --http1.1 $RT -H "$BIGHDR" $T/api/orders/1
    capbody $BO body-flask-404-order9-nghttpx.txt 0/404 app flask "order 9: the handler's JSON 404 body" "curl -sk" -- -k $RT $T/api/orders/9
    kill_app flask
    cap $S nghttpx-502-app-stopped-flask-h2.txt 502 proxy nghttpx "gunicorn killed: nghttpx's 502 page" "curl -skv --http2" -- -skv --http2 $RT $T/api/orders/1
    capbody $BO body-nghttpx-502-app-stopped-flask.txt 502/502 proxy nghttpx "gunicorn still down: nghttpx's 502 page, its text shows 502" "curl -sk" -- -k $RT $T/api/orders/2
fi
log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx caddy haproxy apache nghttpx-koa nghttpx-flask; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round186/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
