#!/usr/bin/env bash
# capture-round179.sh — build the hundred-and-seventy-ninth held-out evidence
# corpus in tests/fixtures/evidence-round179/.
#
# "The issue's failure classes a twenty-first time over HTTP/2, each front
# adding a request id of its own under a name of its choosing" (round 155 the
# reference and the model, its helpers unchanged): six setups, every front
# terminating TLS on 127.0.0.1 with a self-signed certificate this script
# makes with openssl (every client uses -k / --verify=no) and speaking HTTP/2.
# Front configs in scripts/corpus/conf-round179/:
#   - nginx 1.22 (ssl http2, X-Correlation-ID $request_id always) -> Fastify 4 on Node 20 (apps78/fastify_app.js);
#   - Caddy 2.6 (TLS, X-Trace-Id uuid) -> Starlette 1.10 on uvicorn (apps130/starlette_app.py);
#   - HAProxy 2.6 (ssl, alpn h2,http/1.1, X-Amzn-Trace-Id-like unique id) -> Flask 3.1 on gunicorn (apps145/flask145.py; mints its own X-Request-ID);
#   - Apache 2.4 (mod_ssl, mod_http2, mod_unique_id as Request-Id) -> Express 4 on Node 20 (apps78/express_app.js; echoes the id it gets);
#   - nghttpx 1.52 (TLS, h2, an mruby X-Request-ID) -> Starlette 1.10 on Hypercorn 0.18 (apps130/starlette_app.py);
#   - nginx 1.22 (second server, X-Request-ID $request_id always) -> Django 5.2 on uvicorn (apps179/django78_asgi.py over apps78/django_app.py).
#
#   scripts/corpus/capture-round179.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round179.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round179.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 61781-61786, 61881-61886; 61899 never listened on), and the script stops if
# a socket held by one of its own processes listens anywhere else or outside
# 61700-61999 (another helper runs its own servers meanwhile: those are not
# looked at, and never stopped); every curl, HTTPie and wget request runs
# under `timeout`; every server it started is stopped on exit, by process id.
# Labels are written by finish_round179.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the one
# on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round179"
RUN=/tmp/api-triage-corpus179-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round179"
APPS78="$HERE/apps78"
APPS145="$HERE/apps145"
APPS130="$HERE/apps130"
APPS179="$HERE/apps179"
VENV=${CORPUS_VENV179:-/tmp/api-triage-corpus179-venv}     # a copy of round 155's (django, starlette, flask, gunicorn, uvicorn, hypercorn, httpie)
NODE_DIR=${CORPUS_NODE179:-/tmp/api-triage-corpus179-node} # a copy of round 155's (express, fastify)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 django==5.2.19 fastapi==0.165.0 flask==3.1.3 starlette==1.10.0 uvicorn==0.55.0 gunicorn==27.0.1 hypercorn==0.18.0 waitress==3.0.2)
NODE_PKGS=(express@4 fastify@4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus179 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
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

install_venv() {  # a copy of round 137's venv; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, django, fastapi, flask, starlette, uvicorn, gunicorn, hypercorn, waitress" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of round 137's node_modules; from npm when missing
    local m ok=1
    for m in express fastify; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus179","private":true}' >"$NODE_DIR/package.json"
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
# only ours are checked against 127.0.0.1 and 60000-61999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round179.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS78 && -d $APPS145 && -d $APPS130 && -d $APPS179 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn,tls,haproxy,apache/htdocs,nginx/tmp,caddy/data,nghttpx}
chmod 755 "$RUN" "$RUN/apache" "$RUN/apache/htdocs"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "Express/Fastify are missing (${SKIPPED[node]})"
for p in openssl nginx apache2 caddy haproxy nghttp2-proxy jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# The self-signed certificate every TLS front uses (one SAN per host name).
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=api.saltmarsh.test" \
    -addext "subjectAltName=DNS:api.saltmarsh.test,DNS:api.quillon.test,DNS:api.tamarind.test,DNS:api.osprey.test,DNS:api.fernhill.test,DNS:api.wrenfield.test" \
    -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" >"$RUN/logs/openssl.log" 2>&1 || die "openssl req failed"
cat "$RUN/tls/cert.pem" "$RUN/tls/key.pem" >"$RUN/tls/combined.pem"
chmod 644 "$RUN/tls/"*.pem

# apps: Fastify/Node 61781, Starlette/uvicorn 61782, Flask/gunicorn 61783,
# Express/Node 61784, Starlette/Hypercorn 61785, Django/uvicorn 61786.
# Fronts: nginx 61881 and 61886, Caddy 61882, HAProxy 61883, Apache 61884,
# nghttpx 61885. 61899 is never listened on (the dead upstream of /billing/).
APP_PORTS=(61781 61782 61783 61784 61785 61786)
FRONT_PORTS=(61881 61882 61883 61884 61885 61886)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 61899; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
mkdir -p "$RUN/flags"/{saltmarsh,tamarind,osprey,wrenfield}
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production)
start_bg fastify "${NODEENV[@]}" REPLICA=saltmarsh-api-1 FLAG_DIR="$RUN/flags/saltmarsh" nice -n 5 node "$APPS78/fastify_app.js" 61781
start_bg starlette-uv nice -n 5 "$VPY" -m uvicorn --host 127.0.0.1 --port 61782 --app-dir "$APPS130" starlette_app:app
start_bg flask env REPLICA=tamarind-web-1 FLAG_DIR="$RUN/flags/tamarind" PYTHONPATH="$APPS145:$APPS78" nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:61783 --workers 2 --worker-tmp-dir "$RUN/gunicorn" flask145:app
start_bg express "${NODEENV[@]}" REPLICA=osprey-api-1 FLAG_DIR="$RUN/flags/osprey" nice -n 5 node "$APPS78/express_app.js" 61784
start_bg starlette-hc env PYTHONPATH="$APPS130" nice -n 5 "$VPY" -m hypercorn --bind 127.0.0.1:61785 starlette_app:app
start_bg django env REPLICA=wrenfield-web-1 FLAG_DIR="$RUN/flags/wrenfield" PYTHONPATH="$APPS179:$APPS78" nice -n 5 "$VPY" -m uvicorn \
    --host 127.0.0.1 --port 61786 django78_asgi:application
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
    wait_port 61881 nginx && wait_port 61886 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 61882 caddy && UP[caddy]=1
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 61883 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 61884 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
render "$CONF/nghttpx.conf" "$RUN/nghttpx/nghttpx.conf" -e "s|@CONF@|$CONF|g"
start_bg nghttpx nghttpx --conf="$RUN/nghttpx/nghttpx.conf"
wait_port 61885 nghttpx && UP[nghttpx]=1

AFTER=$(ours_sockets)
while read -r proto addr; do
    [[ -z $addr ]] && continue
    port=${addr##*:}
    [[ $addr == 127.0.0.1:* ]] || die "one of our processes listens on $addr (not 127.0.0.1)"
    ((port >= 61700 && port <= 61999)) || die "one of our processes listens on $addr (outside 61700-61999)"
done <<<"$AFTER"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 179 (held out): real responses captured by
# scripts/corpus/capture-round179.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-178:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the body itself shows (0 = none)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes: for app responses the
#              framework, or the app server when it wrote the page itself
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`, `curl -s | jq .`) or "headers-only"
#              (`curl -sI`, `curl -sv -o /dev/null` < lines, HTTPie --headers,
#              a cut status line and first headers); absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
EOF_LABELS

# ---- inputs --------------------------------------------------------------------
JSONH=(-H 'Content-Type: application/json')
BIGBODY=$(head -c 3000 /dev/zero | tr '\0' 'x'); BIGBODY="{\"ref\":\"BIG-1\",\"note\":\"$BIGBODY\"}"
BO=body-only-paste HO=headers-only-paste

# ===================================================== nginx (TLS, h2, X-Correlation-ID) -> Fastify on Node ==
if up nginx; then
    log "capturing: Fastify on Node behind nginx (TLS, HTTP/2, X-Correlation-ID)"
    S=fastify-node-nginx-h2-corrid-r179
    H=api.saltmarsh.test F=https://api.saltmarsh.test:61881 RF="--resolve api.saltmarsh.test:61881:127.0.0.1"
    cap $S fastify-200-order-nginx-h2.txt 200 app fastify "order 1 over HTTP/2: Fastify's answer passed on (nginx adds X-Correlation-ID)" "curl -skv --http2" -- -skv --http2 $RF $F/api/orders/1
    cap $S fastify-201-post-nginx-h2.txt 201 app fastify "POST a new order: the route's JSON 201" "curl -si --http2" -- -si -k --http2 $RF -X POST "${JSONH[@]}" -d '{"ref":"SM-2001","total":"9.00"}' $F/api/orders
    cap $S fastify-400-order-id-nginx-h2.txt 400 app fastify "an order id that is not a number: the route's JSON 400" "curl -si --http2" -- -si -k --http2 $RF $F/api/orders/abc
    cap $S fastify-404-order9-nginx-h2.txt 404 app fastify "order 9: the route's JSON 404" "curl -skv --http2" -- -skv --http2 $RF $F/api/orders/9
    cap $S fastify-422-post-nginx-h2.txt 422 app fastify "POST without ref: the route's JSON 422" "curl -si --http2" -- -si -k --http2 $RF -X POST "${JSONH[@]}" -d '{"total":2}' $F/api/orders
    HTTPIE_CMD=https caphttp $S fastify-401-account-nginx-httpie.txt 401 app fastify "HTTPie over TLS: the route's JSON 401 with WWW-Authenticate" "HTTPie with colours, --verify=no" -- --verify=no -v GET https://127.0.0.1:61881/api/account Host:$H
    cap $S fastify-429-quota-nginx-h2.txt 429 app fastify "the route's own JSON 429 with Retry-After, passed on" "curl -si --http2" -- -si -k --http2 $RF $F/api/quota
    capwin $S fastify-500-boom-nginx-h2.txt 500 app fastify "a thrown Error: Fastify's default JSON 500, passed on" "curl -si --http2 pasted with CRLF" -- -si -k --http2 $RF $F/api/boom
    cap $S fastify-502-payments-html-nginx-h2.txt 502 app fastify "the app's own HTML 502 page, passed on" "curl -skv --http2" -- -skv --http2 $RF $F/api/payments
    cap $S fastify-404-route-nginx-h2.txt 404 app fastify "no route: Fastify's default JSON 404, passed on" "curl -si --http2" -- -si -k --http2 $RF $F/api/v2/orders
    cap $S nginx-429-export-json-fastify-h2.txt 429 proxy nginx "/api/export: nginx's own JSON 429 (return 429 with default_type application/json)" "curl -si --http2" -- -si -k --http2 $RF $F/api/export
    cap $S nginx-503-reports-json-fastify-h2.txt 503 proxy nginx "/api/reports/: nginx's own JSON maintenance 503" "curl -skv --http2" -- -skv --http2 $RF $F/api/reports/daily
    cap $S nginx-413-body-fastify-h2.txt 413 proxy nginx "a 3 KB body over client_max_body_size 1k: nginx's stock 413" "curl -si --http2" -- -si -k --http2 $RF -X POST "${JSONH[@]}" -d "$BIGBODY" $F/api/orders
    cap $S nginx-504-slow-fastify-h2.txt 504 proxy nginx "/api/slow waits 5 s, proxy_read_timeout 3s: nginx's stock 504" "curl -skv --http2" -- -skv --http2 $RF $F/api/slow
    capraw $S nginx-502-billing-fastify-h2.txt 502 proxy nginx "/billing/ to 61899 where nothing listens: nginx's stock 502" "curl -si --http2 saved to a file (CRs kept)" -- -si -k --http2 $RF $F/billing/invoices
    capbody $BO body-fastify-400-order-id-nginx.txt 400/400 app fastify "order id not a number: Fastify's JSON 400, its statusCode shows 400" "curl -sk" -- -k $RF $F/api/orders/abc
    kill_app fastify
    cap $S nginx-502-app-stopped-fastify-h2.txt 502 proxy nginx "Node killed: nginx's stock 502" "curl -si --http2" -- -si -k --http2 $RF $F/api/orders/1
    capvnull $HO vnull-nginx-502-app-stopped-fastify.txt 502 proxy nginx "Node still down: nginx's 502" "curl -skv --http2 -o /dev/null, only the < lines kept" -- -k --http2 $RF $F/api/orders/2
fi
# ===================================================== Caddy (TLS, h2, X-Trace-Id) -> Starlette on uvicorn ==
if up caddy; then
    log "capturing: Starlette on uvicorn behind Caddy (TLS, HTTP/2, X-Trace-Id)"
    S=starlette-uvicorn-caddy-h2-traceid-r179
    H=api.quillon.test Q=https://api.quillon.test:61882 RQ="--resolve api.quillon.test:61882:127.0.0.1"
    cap $S starlette-200-order-caddy-h2.txt 200 app starlette "order 1 over HTTP/2: Starlette's answer passed on (Caddy adds X-Trace-Id)" "curl -skv --http2" -- -skv --http2 $RQ $Q/api/orders/1
    cap $S starlette-200-order-inm-caddy-h2.txt 200 app starlette "If-None-Match with the order's ETag: plain Starlette does not answer conditionals, its full 200 passed on" "curl -si --http2" -- -si -k --http2 $RQ -H 'If-None-Match: "qn-order-1-v3"' $Q/api/orders/1
    cap $S starlette-307-latest-caddy-h2.txt 307 app starlette "/api/latest: Starlette's RedirectResponse (307) to /api/orders/1, passed on" "curl -si --http2" -- -si -k --http2 $RQ $Q/api/latest
    cap $S starlette-400-order-id-caddy-h2.txt 400 app starlette "an order id that is not a number: the app's {\"detail\":...} 400" "curl -si --http2" -- -si -k --http2 $RQ $Q/api/orders/abc
    cap $S starlette-404-order9-caddy-h2.txt 404 app starlette "order 9: the app's {\"detail\":...} 404" "curl -skv --http2" -- -skv --http2 $RQ $Q/api/orders/9
    capraw $S starlette-401-account-caddy-h2.txt 401 app starlette "no token: the app's JSON 401 with WWW-Authenticate: Bearer" "curl -si --http2 saved to a file (CRs kept)" -- -si -k --http2 $RQ $Q/api/account
    cap $S starlette-429-quota-caddy-h2.txt 429 app starlette "the app's own JSON 429 with Retry-After, passed on" "curl -skv --http2" -- -skv --http2 $RQ $Q/api/quota
    cap $S starlette-500-boom-caddy-h2.txt 500 app starlette "an uncaught error: Starlette's plain 'Internal Server Error', passed on" "curl -si --http2" -- -si -k --http2 $RQ $Q/api/boom
    cap $S starlette-503-statements-html-caddy-h2.txt 503 app starlette "the app's own HTML 503 page, passed on" "curl -skv --http2" -- -skv --http2 $RQ $Q/api/statements
    capwin $S starlette-503-maintenance-caddy-h2.txt 503 app starlette "the app's own JSON 503 with Retry-After, passed on" "curl -si --http2 pasted with CRLF" -- -si -k --http2 $RQ $Q/api/maintenance
    cap $S starlette-404-route-caddy-h2.txt 404 app starlette "/api/v2/orders: Starlette's plain-text 'Not Found', passed on" "curl -si --http2" -- -si -k --http2 $RQ $Q/api/v2/orders
    cap $S caddy-429-export-json-starlette-h2.txt 429 proxy caddy "/api/export: Caddy's own JSON 429 (respond)" "curl -si --http2" -- -si -k --http2 $RQ $Q/api/export
    cap $S caddy-503-exports-json-starlette-h2.txt 503 proxy caddy "/api/exports/*: Caddy's own JSON maintenance 503 with Retry-After" "curl -skv --http2" -- -skv --http2 $RQ $Q/api/exports/weekly
    cap $S caddy-504-slow-starlette-h2.txt 504 proxy caddy "/api/slow waits 5 s, response_header_timeout 3s: Caddy's empty 504" "curl -si --http2" -- -si -k --http2 $RQ $Q/api/slow
    cap $S caddy-404-unrouted-starlette-h2.txt 404 proxy caddy "/docs: respond 404, an empty body" "curl -skv --http2" -- -skv --http2 $RQ $Q/docs
    capjq $BO body-starlette-404-order9-caddy-jq.txt 0/404 app starlette "order 9: the app's {\"detail\":...} body (no status number in it)" "curl -sk | jq ." -- -k $RQ $Q/api/orders/9
    kill_app starlette-uv
    cap $S caddy-502-app-stopped-starlette-h2.txt 502 proxy caddy "uvicorn killed: Caddy's empty 502" "curl -skv --http2" -- -skv --http2 $RQ $Q/api/orders/1
    capcutn $HO cutn-caddy-502-app-stopped-starlette.txt 502 proxy caddy "uvicorn still down: Caddy's empty 502, the status line and first headers" "curl -si --http2, the status line and 3 headers kept" -- 3 i -k --http2 $RQ $Q/api/orders/2
fi
# ===================================================== HAProxy (TLS, h2, X-Amzn-Trace-Id) -> Flask on gunicorn ==
if up haproxy; then
    log "capturing: Flask on gunicorn behind HAProxy (TLS, HTTP/2, X-Amzn-Trace-Id)"
    S=flask-gunicorn-haproxy-h2-amzntrace-r179
    H=api.tamarind.test T=https://api.tamarind.test:61883 RT="--resolve api.tamarind.test:61883:127.0.0.1"
    cap $S flask-200-order-haproxy-h2.txt 200 app flask "order 1 over HTTP/2 (ALPN h2): Flask's answer passed on (HAProxy adds X-Amzn-Trace-Id; Flask mints its own X-Request-ID)" "curl -skv --http2" -- -skv --http2 $RT $T/api/orders/1
    cap $S flask-201-post-haproxy-h2.txt 201 app flask "POST a new order: the handler's JSON 201" "curl -si --http2" -- -si -k --http2 $RT -X POST "${JSONH[@]}" -d '{"ref":"TM-2001"}' $T/api/orders
    cap $S flask-204-delete-haproxy-h2.txt 204 app flask "DELETE order 1: the handler's empty 204" "curl -skv --http2" -- -skv --http2 $RT -X DELETE $T/api/orders/1
    cap $S flask-304-catalog-inm-haproxy-h2.txt 304 app flask "If-None-Match with the catalog's ETag: Werkzeug's 304, passed on" "curl -si --http2" -- -si -k --http2 $RT -H 'If-None-Match: "tm-cat-v3"' $T/api/catalog
    cap $S flask-404-order9-haproxy-h2.txt 404 app flask "order 9: the handler's JSON 404 (with its request_id)" "curl -si --http2" -- -si -k --http2 $RT $T/api/orders/9
    cap $S flask-401-account-haproxy-h2.txt 401 app flask "no token: the handler's JSON 401 with WWW-Authenticate, passed on" "curl -skv --http2" -- -skv --http2 $RT $T/api/account
    HTTPIE_CMD=https caphttp $S flask-403-admin-haproxy-httpie.txt 403 app flask "HTTPie over TLS: the handler's JSON 403" "HTTPie with colours, --verify=no" -- --verify=no -v GET https://127.0.0.1:61883/api/admin Host:$H
    cap $S flask-422-post-haproxy-h2.txt 422 app flask "POST without ref: the handler's JSON 422" "curl -si --http2" -- -si -k --http2 $RT -X POST "${JSONH[@]}" -d '{"total":2}' $T/api/orders
    cap $S flask-429-quota-haproxy-h2.txt 429 app flask "the handler's own JSON 429 with Retry-After, passed on" "curl -si --http2" -- -si -k --http2 $RT $T/api/quota
    capwin $S flask-500-boom-haproxy-h2.txt 500 app flask "an uncaught error: Flask's HTML 500, passed on" "curl -si --http2 pasted with CRLF" -- -si -k --http2 $RT $T/api/boom
    cap $S flask-502-payments-html-haproxy-h2.txt 502 app flask "the app's own HTML 502 page (payment provider), passed on" "curl -skv --http2" -- -skv --http2 $RT $T/api/payments
    cap $S haproxy-429-export-json-flask-h2.txt 429 load-balancer haproxy "/api/export: http-request return, HAProxy's own JSON 429" "curl -si --http2" -- -si -k --http2 $RT $T/api/export
    cap $S haproxy-503-reports-json-flask-h2.txt 503 load-balancer haproxy "/api/reports/: http-request return, HAProxy's own JSON maintenance 503" "curl -skv --http2" -- -skv --http2 $RT $T/api/reports/daily
    cap $S haproxy-413-body-flask-h2.txt 413 load-balancer haproxy "a 3 KB body, deny_status 413: HAProxy's stock 413" "curl -si --http2" -- -si -k --http2 $RT -X POST "${JSONH[@]}" -d "$BIGBODY" $T/api/orders
    cap $S haproxy-504-slow-flask-h2.txt 504 load-balancer haproxy "/api/slow waits 5 s, timeout server 3s: HAProxy's stock 504" "curl -skv --http2" -- -skv --http2 $RT $T/api/slow
    capraw $S haproxy-404-unrouted-flask-h2.txt 404 load-balancer haproxy "/docs outside /api/: deny_status 404, HAProxy's stock 404" "curl -si --http2 saved to a file (CRs kept)" -- -si -k --http2 $RT $T/docs
    capbody $BO body-haproxy-429-export-json-flask.txt 0/429 load-balancer haproxy "/api/export: HAProxy's JSON 429 body, no status number in it" "curl -sk" -- -k $RT $T/api/export
    kill_app flask
    cap $S haproxy-503-app-stopped-flask-h2.txt 503 load-balancer haproxy "gunicorn killed: HAProxy's stock 503 after the retry" "curl -si --http2" -- -si -k --http2 $RT $T/api/orders/1
    caphead $HO head-haproxy-503-app-stopped-flask.txt 503 load-balancer haproxy "HEAD while gunicorn is down: HAProxy's 503" "curl -sI -k --http2" -- -k --http2 $RT $T/api/orders/2
fi
# ===================================================== Apache (TLS, h2, Request-Id) -> Express on Node ==
if up apache; then
    log "capturing: Express on Node behind Apache (mod_ssl, mod_http2, mod_unique_id as Request-Id)"
    S=express-node-apache-h2-requestid-r179
    H=api.osprey.test O=https://api.osprey.test:61884 RO="--resolve api.osprey.test:61884:127.0.0.1"
    cap $S express-200-order-apache-h2.txt 200 app express "order 1 over HTTP/2 (mod_http2): Express's answer passed on (Apache adds Request-Id; Express echoes it as X-Request-Id)" "curl -skv --http2" -- -skv --http2 $RO $O/api/orders/1
    ETAG=$(in_work timeout 10 curl -sk -D- -o /dev/null $RO $O/api/orders/1 | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" {print $2}')
    cap $S express-304-order-inm-apache-h2.txt 304 app express "If-None-Match with Express's own ETag for order 1: Express's 304, passed on" "curl -si --http2" -- -si -k --http2 $RO -H "If-None-Match: $ETAG" $O/api/orders/1
    cap $S express-201-post-apache-h2.txt 201 app express "POST a new order: the handler's JSON 201" "curl -si --http2" -- -si -k --http2 $RO -X POST "${JSONH[@]}" -d '{"ref":"OS-2001","total":"12.00"}' $O/api/orders
    cap $S express-404-order9-apache-h2.txt 404 app express "order 9: the handler's JSON 404" "curl -skv --http2" -- -skv --http2 $RO $O/api/orders/9
    cap $S express-401-account-apache-h2.txt 401 app express "no token: the handler's JSON 401 with WWW-Authenticate, passed on" "curl -si --http2" -- -si -k --http2 $RO $O/api/account
    HTTPIE_CMD=https caphttp $S express-403-admin-apache-httpie.txt 403 app express "HTTPie over TLS: the handler's JSON 403" "HTTPie with colours, --verify=no" -- --verify=no -v GET https://127.0.0.1:61884/api/admin Host:$H
    cap $S express-429-quota-apache-h2.txt 429 app express "the handler's own JSON 429 with Retry-After, passed on" "curl -si --http2" -- -si -k --http2 $RO $O/api/quota
    capraw $S express-500-boom-apache-h2.txt 500 app express "a thrown error: finalhandler's HTML 500, passed on" "curl -si --http2 saved to a file (CRs kept)" -- -si -k --http2 $RO $O/api/boom
    cap $S express-503-statements-html-apache-h2.txt 503 app express "the app's own HTML 503 page, passed on" "curl -skv --http2" -- -skv --http2 $RO $O/api/statements
    cap $S express-404-route-apache-h2.txt 404 app express "no route: Express's HTML 'Cannot GET', passed on" "curl -si --http2" -- -si -k --http2 $RO $O/api/v2/orders
    cap $S apache-429-export-json-express-h2.txt 429 proxy apache "/api/export: RewriteRule R=429 with a JSON ErrorDocument, Apache's own answer" "curl -si --http2" -- -si -k --http2 $RO $O/api/export
    capwin $S apache-503-reports-json-express-h2.txt 503 proxy apache "/api/reports/: RewriteRule R=503 with a JSON maintenance ErrorDocument" "curl -si --http2 pasted with CRLF" -- -si -k --http2 $RO $O/api/reports/daily
    cap $S apache-502-slow-express-h2.txt 502 proxy apache "/api/slow waits 5 s, ProxyPass timeout=3: Apache's stock 'Proxy Error' page" "curl -skv --http2" -- -skv --http2 $RO $O/api/slow
    cap $S apache-404-unrouted-express-h2.txt 404 proxy apache "/docs, not proxied (empty DocumentRoot): Apache's stock 404" "curl -si --http2" -- -si -k --http2 $RO $O/docs
    cap $S apache-503-billing-express-h2.txt 503 proxy apache "/billing/ to 61899 where nothing listens (retry=0): Apache's stock 503" "curl -si --http2" -- -si -k --http2 $RO $O/billing/invoices
    capbody $BO body-express-503-statements-html-apache.txt 503/503 app express "the app's own HTML 503 page, its title shows 503" "curl -sk" -- -k $RO $O/api/statements
    kill_app express
    cap $S apache-503-app-stopped-express-h2.txt 503 proxy apache "Node killed: Apache's stock 503 (retry=0)" "curl -skv --http2" -- -skv --http2 $RO $O/api/orders/1
    caphttph $HO httph-apache-503-app-stopped-express.txt 503 proxy apache "Node still down: Apache's 503, HTTPie --headers" "HTTPie --headers with colours, --verify=no" -- --verify=no GET https://127.0.0.1:61884/api/orders/2 Host:$H
fi
# ===================================================== nghttpx (TLS, h2, mruby X-Request-ID) -> Starlette on Hypercorn ==
if up nghttpx; then
    log "capturing: Starlette on Hypercorn behind nghttpx (TLS, HTTP/2, mruby X-Request-ID configured)"
    S=starlette-hypercorn-nghttpx-h2-r179
    H=api.fernhill.test N=https://api.fernhill.test:61885 RN="--resolve api.fernhill.test:61885:127.0.0.1"
    cap $S starlette-200-order-nghttpx-h2.txt 200 app starlette "order 1 over HTTP/2: Starlette's answer passed on (nghttpx adds its Via; the mruby X-Request-ID did not appear)" "curl -skv --http2" -- -skv --http2 $RN $N/api/orders/1
    cap $S starlette-307-latest-nghttpx-h2.txt 307 app starlette "/api/latest: Starlette's RedirectResponse (307), passed on" "curl -si --http2" -- -si -k --http2 $RN $N/api/latest
    cap $S starlette-200-rates-nghttpx-h2.txt 200 app starlette "/api/rates: the app's JSON with max-age=2 and an ETag" "curl -si --http2" -- -si -k --http2 $RN $N/api/rates
    cap $S starlette-400-order-id-nghttpx-h2.txt 400 app starlette "an order id that is not a number: the app's {\"detail\":...} 400" "curl -skv --http2" -- -skv --http2 $RN $N/api/orders/abc
    cap $S starlette-404-order9-nghttpx-h2.txt 404 app starlette "order 9: the app's {\"detail\":...} 404" "curl -si --http2" -- -si -k --http2 $RN $N/api/orders/9
    HTTPIE_CMD=https caphttp $S starlette-401-account-nghttpx-httpie.txt 401 app starlette "HTTPie over TLS: the app's JSON 401 with WWW-Authenticate" "HTTPie with colours, --verify=no" -- --verify=no -v GET https://127.0.0.1:61885/api/account Host:$H
    cap $S starlette-405-post-rates-nghttpx-h2.txt 405 app starlette "POST to the GET-only /api/rates: Starlette's plain-text 405" "curl -si --http2" -- -si -k --http2 $RN -X POST $N/api/rates
    cap $S starlette-429-quota-nghttpx-h2.txt 429 app starlette "the app's own JSON 429 with Retry-After, passed on" "curl -si --http2" -- -si -k --http2 $RN $N/api/quota
    capwin $S starlette-500-boom-nghttpx-h2.txt 500 app starlette "an uncaught error: Starlette's plain 'Internal Server Error', passed on" "curl -si --http2 pasted with CRLF" -- -si -k --http2 $RN $N/api/boom
    cap $S starlette-502-payments-html-nghttpx-h2.txt 502 app starlette "the app's own HTML 502 page, passed on" "curl -skv --http2" -- -skv --http2 $RN $N/api/payments
    cap $S starlette-504-reports-html-nghttpx-h2.txt 504 app starlette "/api/reports: the app's own HTML 504 page, passed on" "curl -si --http2" -- -si -k --http2 $RN $N/api/reports
    cap $S starlette-404-route-nghttpx-h2.txt 404 app starlette "/docs: Starlette's plain-text 'Not Found' (nghttpx proxies every path)" "curl -si --http2" -- -si -k --http2 $RN $N/docs
    cap $S nghttpx-504-slow-starlette-h2.txt 504 proxy nghttpx "/api/slow waits 5 s, backend-read-timeout 3s: nghttpx's own 504" "curl -skv --http2" -- -skv --http2 $RN $N/api/slow
    capraw $S nghttpx-502-billing-starlette-h2.txt 502 proxy nghttpx "/billing/ to 61899 where nothing listens: nghttpx's own 502" "curl -si --http2 saved to a file (CRs kept)" -- -si -k --http2 $RN $N/billing/invoices
    capbody $BO body-starlette-504-reports-html-nghttpx.txt 504/504 app starlette "/api/reports: the app's own HTML 504 page, its title shows 504" "curl -sk" -- -k $RN $N/api/reports
    kill_app starlette-hc
    cap $S nghttpx-502-app-stopped-starlette-h2.txt 502 proxy nghttpx "Hypercorn killed: nghttpx's own 502" "curl -si --http2" -- -si -k --http2 $RN $N/api/orders/1
    capbody $BO body-nghttpx-502-app-stopped-starlette.txt 502/502 proxy nghttpx "Hypercorn still down: nghttpx's 502 page, its title shows 502" "curl -sk" -- -k $RN $N/api/orders/2
fi
# ===================================================== nginx (TLS, h2, X-Request-ID) -> Django on uvicorn ==
if up nginx; then
    log "capturing: Django on uvicorn behind nginx (TLS, HTTP/2, X-Request-ID)"
    S=django-uvicorn-nginx-h2-reqid-r179
    H=api.wrenfield.test W=https://api.wrenfield.test:61886 RW="--resolve api.wrenfield.test:61886:127.0.0.1"
    cap $S django-200-order-nginx-h2.txt 200 app django "order 1 over HTTP/2: Django's answer passed on (nginx adds X-Request-ID)" "curl -skv --http2" -- -skv --http2 $RW $W/api/orders/1
    cap $S django-201-post-nginx-h2.txt 201 app django "POST a new order: the view's JSON 201" "curl -si --http2" -- -si -k --http2 $RW -X POST "${JSONH[@]}" -d '{"ref":"WF-2001"}' $W/api/orders
    cap $S django-404-order9-nginx-h2.txt 404 app django "order 9: the view's JSON 404" "curl -si --http2" -- -si -k --http2 $RW $W/api/orders/9
    cap $S django-422-post-nginx-h2.txt 422 app django "POST without ref: the view's JSON 422" "curl -skv --http2" -- -skv --http2 $RW -X POST "${JSONH[@]}" -d '{"total":2}' $W/api/orders
    cap $S django-401-account-nginx-h2.txt 401 app django "no token: the view's JSON 401, passed on" "curl -si --http2" -- -si -k --http2 $RW $W/api/account
    cap $S django-403-admin-nginx-h2.txt 403 app django "the view's JSON 403, passed on" "curl -si --http2" -- -si -k --http2 $RW $W/api/admin
    cap $S django-429-quota-nginx-h2.txt 429 app django "the view's own JSON 429 with Retry-After, passed on" "curl -skv --http2" -- -skv --http2 $RW $W/api/quota
    capraw $S django-500-boom-nginx-h2.txt 500 app django "an uncaught error: Django's 'Server Error (500)', passed on" "curl -si --http2 saved to a file (CRs kept)" -- -si -k --http2 $RW $W/api/boom
    cap $S django-502-payments-html-nginx-h2.txt 502 app django "the app's own HTML 502 page, passed on" "curl -skv --http2" -- -skv --http2 $RW $W/api/payments
    cap $S django-404-route-nginx-h2.txt 404 app django "no route: Django's HTML 'Not Found', passed on" "curl -si --http2" -- -si -k --http2 $RW $W/api/v2/orders
    cap $S nginx-429-export-json-django-h2.txt 429 proxy nginx "/api/export: nginx's own JSON 429" "curl -si --http2" -- -si -k --http2 $RW $W/api/export
    capwin $S nginx-503-reports-json-django-h2.txt 503 proxy nginx "/api/reports/: nginx's own JSON maintenance 503" "curl -si --http2 pasted with CRLF" -- -si -k --http2 $RW $W/api/reports/daily
    cap $S nginx-504-slow-django-h2.txt 504 proxy nginx "/api/slow waits 5 s, proxy_read_timeout 3s: nginx's stock 504" "curl -skv --http2" -- -skv --http2 $RW $W/api/slow
    cap $S nginx-404-unrouted-django-h2.txt 404 proxy nginx "/docs is not proxied (return 404): nginx's stock 404" "curl -si --http2" -- -si -k --http2 $RW $W/docs
    capbody $BO body-nginx-429-export-json-django.txt 0/429 proxy nginx "/api/export: nginx's JSON 429 body, no status number in it" "curl -sk" -- -k $RW $W/api/export
    kill_app django
    cap $S nginx-502-app-stopped-django-h2.txt 502 proxy nginx "uvicorn killed: nginx's stock 502" "curl -skv --http2" -- -skv --http2 $RW $W/api/orders/1
    capcutr $HO cutr-nginx-502-app-stopped-django.txt 502 proxy nginx "uvicorn still down: nginx's 502, the status line and 3 headers as curl wrote them" "curl -si --http2, status line and 3 headers copied with their CRs" -- 3 -k --http2 $RW $W/api/orders/2
fi
log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx caddy haproxy apache nghttpx; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round179/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
