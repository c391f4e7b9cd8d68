#!/usr/bin/env bash
# capture-round184.sh — build the hundred-and-eighty-fourth held-out evidence
# corpus in tests/fixtures/evidence-round184/.
#
# "Pasted in part at night, a ninth look" (round 168 the reference and the
# model; rounds 114, 126, 132, 141 and 147 before it): one setup behind each
# of six fronts, kept the way a tired engineer pastes them: about a third
# whole transcripts, a third body-only (`curl -s`, `curl -s | jq .`, `curl
# --fail-with-body`, a body copied out of a browser tab or a log line), a
# third headers-only (`curl -sI`, `curl -sv -o /dev/null` < lines, HTTPie
# --headers, cut status lines). Front configs in scripts/corpus/conf-round184/
# (round 168's with the ports moved and the app behind each front changed;
# Caddy now reaches PHP-FPM over FastCGI; Traffic Server is round 177's):
#   - nginx 1.22 -> Koa 2 on Node 20 (apps85/koa_app.js);
#   - Apache 2.4 (mod_proxy_http) -> FastAPI on uvicorn (apps85/fastapi_app.py);
#   - Caddy 2.6 (fastcgi transport) -> plain PHP 8.2 on PHP-FPM (apps150/index.php);
#   - HAProxy 2.6 -> Express 4 on Node 20 (apps85/express_app.js);
#   - Varnish 7.1 -> Django 5.2 on gunicorn (apps85/django_app.py);
#   - Traffic Server 9.2 -> Flask 3.1 on gunicorn (apps85/flask_app.py).
# Plain HTTP/1.1 throughout.
#
#   scripts/corpus/capture-round184.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round184.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round184.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-63999; this round 62841-62846 and 62941-62946, nothing on 62999), and
# the script stops if a socket held by one of its own processes listens
# anywhere else (another helper runs its own servers meanwhile: those are not
# looked at, and never stopped); every curl and HTTPie request runs under
# `timeout`; every server it started is stopped on exit, by process id.
# Labels are written by finish_round184.py, which refuses (and this script
# then leaves the fixtures as they were) when a label's status is not the one
# on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round184"
RUN=/tmp/api-triage-corpus184-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round184"
APPS85="$HERE/apps85"

APPS150="$HERE/apps150"
VENV=${CORPUS_VENV184:-/tmp/api-triage-corpus184-venv}     # a copy of round 168s (django, fastapi, flask, starlette, gunicorn, uvicorn, httpie)
NODE_DIR=${CORPUS_NODE184:-/tmp/api-triage-corpus184-node} # a copy of round 182s (express 4, koa 2, @koa/router)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 django==5.2.19 fastapi==0.165.0 flask==3.1.3 starlette==1.10.0 uvicorn==0.55.0 gunicorn==27.0.1)
NODE_PKGS=(express@4 koa@2 @koa/router@12)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus184 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(jq nginx apache2 caddy haproxy varnish trafficserver php8.2-fpm python3-venv)
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

install_venv() {  # from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, django, fastapi, flask, starlette, uvicorn, gunicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of round 182s node_modules; from npm when missing
    local m ok=1
    for m in express koa @koa/router; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus184","private":true}' >"$NODE_DIR/package.json"
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
# only ours are checked against 127.0.0.1 and 62000-63999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round184.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
# The transcript shows `http` (every front is plain HTTP this round).
caphttp() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    [[ -x $HTTPIE ]] || return 0
    cmdline "${HTTPIE_CMD:-http}" "$@" >"$dest"
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
    cmdline http --headers "$@" >"$dest"
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

# ------------------------------------------------------------------- main --

# capbare SETUP FILE SHOWN/WIRE LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# A body copied out of a browser tab or a log line: the body alone, no
# command line above it (body-only). The request is made with curl.
capbare() {
    local setup=$1 file=$2 shown=${3%/*} wire=${3#*/} layer=$4 product=$5 scenario=$6 note=$7 got
    shift 8
    local dest="$STAGE/$file"
    rm -f "$RUN/work/last-headers"
    in_work timeout 20 curl -s -D "$RUN/work/last-headers" "$@" >"$dest" 2>/dev/null
    [[ $(tail -c 1 "$dest" | od -An -c | tr -d ' ') == '\n' ]] || printf '\n' >>"$dest"
    got=$(wire_of); check_wire "$file" "$wire" "$got"
    finish "$dest" "$setup" "$shown" "$layer" "$product" "$scenario" "$note" body-only "$got"
}
# ------------------------------------------------------------------- main --
# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS85 && -d $APPS150 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,php-fpm,larchmont,varnish,haproxy,apache/www,nginx/tmp,caddy/data,caddy/config,flags,ats}
touch "$RUN/flags/maintenance"   # the apps' own maintenance 503 on /api/billing/ (apps85)
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "node_modules are missing (${SKIPPED[node]})"
for p in nginx apache2 caddy haproxy varnish trafficserver php8.2-fpm jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: nginx 62841, Apache 62842, Caddy 62843, HAProxy 62844, Varnish
# 62845, Traffic Server 62846. Apps: Express on Node 62941
# (apps85/express_app.js), Flask on gunicorn 62942 (apps85/flask_app.py),
# FastAPI on uvicorn 62943 (apps85/fastapi_app.py), Django on gunicorn 62944
# (apps85/django_app.py), Koa on Node 62945 (apps85/koa_app.js), plain PHP on
# PHP-FPM 62946 (apps150/index.php, FastCGI). 62999: nothing listens.
TCP_PORTS=(62841 62842 62843 62844 62845 62846 62941 62942 62943 62944 62945 62946 62999)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production)
declare -A UP=()
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    express) start_bg express "${NODEENV[@]}" FLAG_DIR="$RUN/flags" nice -n 5 node "$APPS85/express_app.js" 62941
        wait_port 62941 express ;;
    flask) start_bg flask env PYTHONPATH="$APPS85" FLAG_DIR="$RUN/flags" nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:62942 --workers 1 --threads 4 \
            --timeout 30 flask_app:app
        wait_port 62942 flask ;;
    fastapi) start_bg fastapi env PYTHONPATH="$APPS85" FLAG_DIR="$RUN/flags" nice -n 5 "$VPY" -m uvicorn --host 127.0.0.1 --port 62943 \
            --no-access-log fastapi_app:app
        wait_port 62943 fastapi ;;
    django) start_bg django env PYTHONPATH="$APPS85" FLAG_DIR="$RUN/flags" nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:62944 --workers 1 --threads 4 \
            --timeout 30 django_app:application
        wait_port 62944 django ;;
    koa) start_bg koa "${NODEENV[@]}" FLAG_DIR="$RUN/flags" nice -n 5 node "$APPS85/koa_app.js" 62945
        wait_port 62945 koa ;;
    fpm) start_bg fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/larchmont.conf"
        wait_port 62946 fpm ;;
    esac
}
kill_app() {  # kill_app NAME: SIGKILL the server (and its workers), as the OOM killer does
    local f=$RUN/pids/$1.pid pid kids
    [[ -e $f ]] || return 0
    pid=$(cat "$f")
    kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null)
    kill -KILL "$pid" $kids 2>/dev/null
    rm -f "$f"
    sleep 0.3
}
cp "$APPS150/index.php" "$RUN/larchmont/index.php"
rconf() { sed -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$CONF|g" "$1" >"$2"; }
rconf "$CONF/php-fpm.conf" "$RUN/php-fpm/larchmont.conf"
chown -R www-data: "$RUN/php-fpm" "$RUN/larchmont" 2>/dev/null || true
for a in express flask fastapi django koa fpm; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
rconf "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 62841 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
rconf "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 62842 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
rconf "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 62843 caddy && UP[caddy]=1
rconf "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62844 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
cp "$CONF/varnish.vcl" "$RUN/varnish/r184.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:62845 -T none -f "$RUN/varnish/r184.vcl" -n "$RUN/varnish/r184" -s malloc,16m
wait_port 62845 varnish && UP[varnish]=1
# Traffic Server: round 177's runroot layout (its own etc, cache, run and log dirs under $RUN/ats)
A=$RUN/ats
mkdir -p "$A"/{etc,var/cache,run,log}
for f in logging.yaml cache.config hosting.config parent.config sni.yaml socks.config \
         splitdns.config volume.config strategies.yaml ssl_multicert.config; do
    [[ -e /etc/trafficserver/$f ]] && cp "/etc/trafficserver/$f" "$A/etc/"
done
render "$CONF/records.config" "$A/etc/records.config"
cp "$CONF/remap.config" "$CONF/ats-cache-status.config" "$CONF/ip_allow.yaml" "$A/etc/"
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
wait_port 62846 trafficserver && UP[ats]=1
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"
cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 184 (held out): real responses captured by
# scripts/corpus/capture-round184.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-183:
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

LONG=$(printf 'x%.0s' $(seq 1 2000))
head -c 2048 /dev/zero | tr '\0' 'a' >"$RUN/work/big.txt"
JS='Content-Type: application/json'
UT='Authorization: Bearer user-token'
H=api.brackenfold.test

# ================================================= nginx -> Koa on Node ==
if up nginx; then
    log "capturing: Koa on Node behind nginx"
    S=koa-node-nginx-night-r184
    U=http://$H:62841 R="--resolve $H:62841:127.0.0.1"
    cap $S koa-200-item-nginx.txt 200 app koa "item 1: Koa's answer (ETag, Cache-Control), passed on by nginx" "curl -si" -- -si $R $U/api/items/1
    cap $S koa-201-create-nginx.txt 201 app koa "POST /api/items with a new name: the app's 201 with Location, passed on" "curl -si" -- -si $R -H "$JS" -d '{"name":"deck cleat","stock":4}' $U/api/items
    capraw $S koa-500-boom-nginx.txt 500 app koa "/api/boom throws: Koa's text 'Internal Server Error', passed on" "curl -si saved with its CRs" -- -si $R $U/api/boom
    capbody $S body-koa-404-item9-nginx.txt 0/404 app koa "item 9: ctx.throw's text 404 ('item 9 does not exist'), no number in it" "curl -s" -- $R $U/api/items/9
    capfail $S fail-koa-409-create-nginx.txt 409 app koa "POST /api/items with the name of item 1: ctx.throw's text 409, curl's (22) line under it" "curl --fail-with-body -sS" -- $R -H "$JS" -d '{"name":"bronze winch","stock":1}' $U/api/items
    capbare $S bare-koa-422-create-nginx.txt 0/422 app koa "POST /api/items without stock: ctx.throw's text 422 ('missing field(s): stock'), copied from a log line" "body copied from a log line" -- $R -H "$JS" -d '{"name":"deck cleat"}' $U/api/items
    capvnull $S vnull-koa-401-me-nginx.txt 401 app koa "/api/me without a token: ctx.throw's 401 with WWW-Authenticate, passed on" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/me
    caphead $S head-koa-403-audit-nginx.txt 403 app koa "HEAD /api/admin/audit with a user token: the app's 403, passed on" "curl -sI" -- $R -H "$UT" $U/api/admin/audit
    caphttph $S httph-koa-503-billing-nginx.txt 503 app koa "/api/billing/ in maintenance (flag file): the app's JSON 503 with Retry-After" "HTTPie --headers with colours" -- GET http://127.0.0.1:62841/api/billing/invoices Host:$H
    capvnull $S vnull-nginx-403-internal-koa.txt 403 proxy nginx "/internal/: deny all, nginx's own 403" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/internal/metrics
    capcutn $S cutn-nginx-413-body-koa.txt 413 proxy nginx "a 2 KB POST, client_max_body_size 1k: nginx's 413, the status line and 3 headers" "curl -si, the status line and 3 headers kept" -- 3 i $R -H "$JS" --data-binary @"$RUN/work/big.txt" $U/api/items
    capbody $S body-nginx-404-assets-koa.txt 404/404 proxy nginx "/assets/: return 404, nginx's stock 404 page (its title shows 404), unrouted at the front" "curl -s" -- $R $U/assets/app.js
    quiet $R $U/api/search/items
    caphttph $S httph-nginx-429-search-koa.txt 429 proxy nginx "/api/search/ a second time within the minute: limit_req's 429" "HTTPie --headers with colours" -- GET http://127.0.0.1:62841/api/search/items Host:$H
    cap $S nginx-504-slow-koa.txt 504 proxy nginx "/api/slow takes 5 s, proxy_read_timeout 3s: nginx's stock 504" "curl -sv" -- -sv $R $U/api/slow
    kill_app koa
    capwin $S nginx-502-app-killed-koa.txt 502 proxy nginx "Node killed: nginx's stock 502" "curl -si pasted with CRLF" -- -si $R $U/api/items/1
    capbody $S body-nginx-502-app-killed-koa.txt 502/502 proxy nginx "Node still down: nginx's stock 502 page (its title shows 502)" "curl -s" -- $R $U/api/me
    start_app koa || die "koa did not come back"
fi
# ================================================= Apache -> FastAPI on uvicorn ==
if up apache; then
    log "capturing: FastAPI on uvicorn behind Apache"
    S=fastapi-uvicorn-apache-night-r184
    U=http://$H:62842 R="--resolve $H:62842:127.0.0.1"
    cap $S fastapi-200-item-apache.txt 200 app fastapi "item 1: FastAPI's answer, passed on by Apache" "curl -si" -- -si $R $U/api/items/1
    capwin $S fastapi-201-create-apache.txt 201 app fastapi "POST /api/items with a new name: the app's 201, passed on" "curl -si pasted with CRLF" -- -si $R -H "$JS" -d '{"name":"deck lamp","stock":3}' $U/api/items
    HTTPIE_CMD=http caphttp $S fastapi-409-create-httpie-apache.txt 409 app fastapi "POST /api/items with the name of item 1: the app's {\"detail\"} 409, passed on" "HTTPie -v with colours" -- -v POST http://127.0.0.1:62842/api/items Host:$H name='anchor chain' stock:=1
    capjq $S body-fastapi-422-create-jq-apache.txt 0/422 app fastapi "POST /api/items with only a name: pydantic's 422 detail list, no number in it" "curl -s | jq ." -- $R -H "$JS" -d '{"name":"bilge pump"}' $U/api/items
    capbody $S body-fastapi-404-item9-apache.txt 0/404 app fastapi "item 9: the app's {\"detail\"} 404, no number in it" "curl -s" -- $R $U/api/items/9
    capbare $S bare-fastapi-500-boom-apache.txt 0/500 app fastapi "/api/boom raises: Starlette's plain 'Internal Server Error' under FastAPI, copied from a browser tab" "body copied out of a browser tab" -- $R $U/api/boom
    capcutn $S cutn-fastapi-401-me-apache.txt 401 app fastapi "/api/me without a token: the app's 401 with WWW-Authenticate, the status line and 3 headers" "curl -si, the status line and 3 headers kept" -- 3 i $R $U/api/me
    caphttph $S httph-fastapi-503-billing-apache.txt 503 app fastapi "/api/billing/ in maintenance (flag file): the app's 503, passed on" "HTTPie --headers with colours" -- GET http://127.0.0.1:62842/api/billing/invoices Host:$H
    capvnull $S vnull-fastapi-403-audit-apache.txt 403 app fastapi "/api/admin/audit with a user token: the app's {\"detail\"} 403, passed on" "curl -sv -o /dev/null, only the < lines kept" -- $R -H "$UT" $U/api/admin/audit
    capbody $S body-apache-429-bulk-fastapi.txt 429/429 proxy apache "/api/bulk/: RewriteRule R=429, Apache's stock page (its title shows 429)" "curl -s" -- $R $U/api/bulk/items
    capvnull $S vnull-apache-403-internal-fastapi.txt 403 proxy apache "/internal/: Require all denied, Apache's own 403" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/internal/metrics
    caphead $S head-apache-503-maintenance-fastapi.txt 503 proxy apache "HEAD /maintenance/: RewriteRule R=503, Apache's own" "curl -sI" -- $R $U/maintenance/
    capcutn $S cutn-apache-414-long-url-fastapi.txt 414 proxy apache "a 2000-byte query, LimitRequestLine 1024: Apache's 414, the status line and 2 headers" "curl -si, the status line and 2 headers kept" -- 2 i $R "$U/api/items/1?q=$LONG"
    cap $S apache-502-slow-fastapi.txt 502 proxy apache "/api/slow takes 5 s, ProxyTimeout 3: Apache's '502 Proxy Error'" "curl -si" -- -si $R $U/api/slow
    kill_app fastapi
    cap $S apache-503-app-killed-fastapi.txt 503 proxy apache "uvicorn killed, retry=0: Apache's stock 503" "curl -sv" -- -sv $R $U/api/items/1
    capfail $S fail-apache-503-app-killed-fastapi.txt 503 proxy apache "uvicorn still down: Apache's stock 503 page, curl's (22) line under it" "curl --fail-with-body -sS" -- $R $U/api/me
    start_app fastapi || die "fastapi did not come back"
fi
# ================================================= Caddy -> plain PHP on PHP-FPM ==
if up caddy; then
    log "capturing: plain PHP on PHP-FPM behind Caddy"
    S=php-fpm-caddy-night-r184
    U=http://$H:62843 R="--resolve $H:62843:127.0.0.1"
    cap $S php-200-invoice-caddy.txt 200 app php "invoice 1: the PHP script's JSON (its ETag), passed on by Caddy over FastCGI" "curl -si" -- -si $R $U/api/invoices/1
    cap $S php-201-invoice-create-caddy.txt 201 app php "POST an invoice: the script's 201 with Location" "curl -si" -- -si $R -H "$JS" -d '{"customer":"Hollin Ltd"}' $U/api/invoices
    capraw $S php-500-boom-empty-caddy.txt 500 app php "/api/boom throws, display_errors off: PHP-FPM's empty 500, passed on" "curl -si saved with its CRs" -- -si $R $U/api/boom
    capjq $S body-php-422-invoice-jq-caddy.txt 0/422 app php "POST without customer: the script's JSON 422 with a field list, no number in it" "curl -s | jq ." -- $R -H "$JS" -d '{"total":"10.00"}' $U/api/invoices
    capfail $S fail-php-409-invoice-dup-caddy.txt 409 app php "POST customer dup: the script's JSON 409, curl's (22) line under it" "curl --fail-with-body -sS" -- $R -H "$JS" -d '{"customer":"dup"}' $U/api/invoices
    capbody $S body-php-404-invoice9-caddy.txt 0/404 app php "invoice 9: the script's JSON 404, no number in it" "curl -s" -- $R $U/api/invoices/9
    capbare $S bare-php-502-payments-caddy.txt 502/502 app php "/api/payments: the script's own HTML 502 about the payment provider (its title shows 502), as seen in a browser tab" "body copied out of a browser tab" -- $R $U/api/payments
    capvnull $S vnull-php-304-invoice-inm-caddy.txt 304 app php "If-None-Match with the invoice's ETag: the script's own 304" "curl -sv -o /dev/null, only the < lines kept" -- $R -H 'If-None-Match: "lm-i1-v2"' $U/api/invoices/1
    caphead $S head-php-401-me-caddy.txt 401 app php "HEAD /api/me: the script's 401 with WWW-Authenticate: Bearer" "curl -sI" -- $R $U/api/me
    capvnull $S vnull-php-503-ledger-caddy.txt 503 app php "/api/ledger: the script's JSON 503 with Retry-After" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/ledger
    caphttph $S httph-caddy-403-internal-php.txt 403 proxy caddy "/internal/: respond 403, Caddy's own (empty)" "HTTPie --headers with colours" -- GET http://127.0.0.1:62843/internal/metrics Host:$H
    capbody $S body-caddy-429-bulk-php.txt 0/429 proxy caddy "/api/bulk/: Caddy's own JSON 429 (respond), no number in it" "curl -s" -- $R $U/api/bulk/items
    capcutn $S cutn-caddy-413-body-php.txt 413 proxy caddy "a 2 KB POST, request_body max_size 1KB: Caddy's 413 (empty), the status line and 3 headers" "curl -si, the status line and 3 headers kept" -- 3 i $R -H "$JS" --data-binary @"$RUN/work/big.txt" $U/api/invoices
    capvnull $S vnull-caddy-502-legacy-php.txt 502 proxy caddy "/legacy/ to a FastCGI port where nothing listens: Caddy's empty 502" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/legacy/invoices/1
    cap $S caddy-504-slow-php.txt 504 proxy caddy "/api/slow takes 5 s, fastcgi read_timeout 3s: Caddy's empty 504" "curl -sv" -- -sv $R $U/api/slow
    kill_app fpm
    cap $S caddy-502-app-killed-php.txt 502 proxy caddy "PHP-FPM killed: Caddy's empty 502" "curl -si" -- -si $R $U/api/invoices/1
    start_app fpm || die "php-fpm did not come back"
fi
# ================================================= HAProxy -> Express on Node ==
if up haproxy; then
    log "capturing: Express on Node behind HAProxy"
    S=express-node-haproxy-night-r184
    U=http://$H:62844 R="--resolve $H:62844:127.0.0.1"
    cap $S express-200-item-haproxy.txt 200 app express "item 1: Express's answer (with its ETag), passed on by HAProxy" "curl -si" -- -si $R $U/api/items/1
    ETAG=$(in_work timeout 10 curl -s -D- -o /dev/null $R $U/api/items/1 | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" {print $2}')
    capvnull $S vnull-express-304-item-inm-haproxy.txt 304 app express "If-None-Match with Express's own ETag: Express's 304, passed on" "curl -sv -o /dev/null, only the < lines kept" -- $R -H "If-None-Match: $ETAG" $U/api/items/1
    cap $S express-400-malformed-haproxy.txt 400 app express "POST /api/items with broken JSON: body-parser's 400 through finalhandler's HTML page, passed on" "curl -si" -- -si $R -H "$JS" -d '{"name":' $U/api/items
    capbody $S body-express-401-me-haproxy.txt 0/401 app express "/api/me without a token: the app's JSON 401, no number in the body" "curl -s" -- $R $U/api/me
    capjq $S body-express-422-create-jq-haproxy.txt 0/422 app express "POST /api/items with only a name: the app's JSON 422 field list, no number in it" "curl -s | jq ." -- $R -H "$JS" -d '{"name":"bilge pump"}' $U/api/items
    capbare $S bare-express-500-boom-haproxy.txt 0/500 app express "/api/boom throws: finalhandler's HTML 500 (it says Internal Server Error, no number), copied from a browser tab" "body copied out of a browser tab" -- $R $U/api/boom
    caphttph $S httph-express-503-billing-haproxy.txt 503 app express "/api/billing/ in maintenance (flag file): the app's JSON 503" "HTTPie --headers with colours" -- GET http://127.0.0.1:62844/api/billing/invoices Host:$H
    quiet $R $U/api/search; quiet $R $U/api/search
    capraw $S express-429-search-haproxy.txt 429 app express "/api/search a third time: the app's JSON 429 with Retry-After, passed on" "curl -si saved with its CRs" -- -si $R $U/api/search
    capbody $S body-haproxy-403-internal-express.txt 403/403 load-balancer haproxy "/internal/: http-request deny, HAProxy's stock 403 (its h1 shows 403)" "curl -s" -- $R $U/internal/metrics
    capfail $S fail-haproxy-429-bulk-express.txt 429 load-balancer haproxy "/api/bulk/: deny_status 429, HAProxy's stock page, curl's (22) line under it" "curl --fail-with-body -sS" -- $R $U/api/bulk/items
    capcutn $S cutn-haproxy-413-body-express.txt 413 load-balancer haproxy "a 2 KB POST, deny_status 413 on Content-Length: HAProxy's 413, the status line and 3 headers" "curl -si, the status line and 3 headers kept" -- 3 i $R -H "$JS" --data-binary @"$RUN/work/big.txt" $U/api/items
    caphead $S head-haproxy-503-maintenance-express.txt 503 load-balancer haproxy "HEAD /maintenance/: a backend with no server, HAProxy's 503" "curl -sI" -- $R $U/maintenance/
    cap $S haproxy-504-slow-express.txt 504 load-balancer haproxy "/api/slow takes 5 s, timeout server 3s: HAProxy's stock 504" "curl -si" -- -si $R $U/api/slow
    kill_app express
    cap $S haproxy-503-app-killed-express.txt 503 load-balancer haproxy "Node killed: HAProxy's stock 503" "curl -sv" -- -sv $R $U/api/items/1
    capvnull $S vnull-haproxy-503-app-killed-express.txt 503 load-balancer haproxy "Node still down: HAProxy's 503" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/me
    start_app express || die "express did not come back"
fi
# ================================================= Varnish -> Django on gunicorn ==
if up varnish; then
    log "capturing: Django on gunicorn behind Varnish"
    S=django-gunicorn-varnish-night-r184
    U=http://$H:62845 R="--resolve $H:62845:127.0.0.1"
    cap $S django-200-item-miss-varnish.txt 200 app django "item 1, first request: a MISS, Django's answer passed on" "curl -si" -- -si $R $U/api/items/1
    cap $S varnish-200-item-hit-django.txt 200 cdn-cache varnish "item 1 again (max-age=60): a HIT from Varnish's store (Django not asked)" "curl -si" -- -si $R $U/api/items/1
    caphead $S head-varnish-200-item-hit-django.txt 200 cdn-cache varnish "HEAD item 1 a third time: a HIT from Varnish's store" "curl -sI" -- $R $U/api/items/1
    capbody $S body-django-400-malformed-varnish.txt 400/400 app django "POST /api/items with broken JSON: the app's JSON 400 (its errors[].status shows \"400\")" "curl -s" -- $R -H "$JS" -d '{"name":' $U/api/items
    capjq $S body-django-403-audit-jq-varnish.txt 403/403 app django "/api/admin/audit with a user token: the app's JSON 403 (errors[].status shows \"403\")" "curl -s | jq ." -- $R -H "$UT" $U/api/admin/audit
    capwin $S django-409-create-varnish.txt 409 app django "POST /api/items with the name of item 1: the app's JSON 409, passed on (POST is not cached)" "curl -si pasted with CRLF" -- -si $R -H "$JS" -d '{"name":"teak grating","stock":1}' $U/api/items
    capbare $S bare-django-500-boom-varnish.txt 500/500 app django "/api/boom raises: Django's 'Server Error (500)' page, as seen in a browser tab" "body copied out of a browser tab" -- $R $U/api/boom
    HTTPIE_CMD=http caphttph $S httph-django-401-me-varnish.txt 401 app django "/api/me without a token: the app's JSON 401, passed on" "HTTPie --headers with colours" -- GET http://127.0.0.1:62845/api/me Host:$H
    capvnull $S vnull-django-503-billing-varnish.txt 503 app django "/api/billing/ in maintenance (flag file): the app's 503 with Retry-After" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/billing/invoices
    caphead $S head-django-404-no-route-varnish.txt 404 app django "HEAD /api/itmes (typo), first request: Django's own 404, fetched from gunicorn and passed on" "curl -sI" -- $R $U/api/itmes
    capfail $S fail-varnish-403-internal-django.txt 403 cdn-cache varnish "/internal/: synth 403, Varnish's guru page, curl's (22) line under it" "curl --fail-with-body -sS" -- $R $U/internal/metrics
    capbody $S body-varnish-429-bulk-django.txt 429/429 cdn-cache varnish "/api/bulk/: synth 429, Varnish's guru page (its title shows 429)" "curl -s" -- $R $U/api/bulk/items
    capcutn $S cutn-varnish-413-body-django.txt 413 cdn-cache varnish "a 2 KB POST: synth 413 on Content-Length, the status line and 3 headers" "curl -si, the status line and 3 headers kept" -- 3 i $R -H "$JS" --data-binary @"$RUN/work/big.txt" $U/api/items
    cap $S varnish-503-slow-django.txt 503 cdn-cache varnish "/api/slow takes 5 s, first_byte_timeout 3s: 'Backend fetch failed'" "curl -sv" -- -sv $R $U/api/slow
    kill_app django
    cap $S varnish-503-app-killed-django.txt 503 cdn-cache varnish "gunicorn killed: 'Backend fetch failed'" "curl -si" -- -si $R $U/api/me
    start_app django || die "django did not come back"
fi
# ================================================= Traffic Server -> Flask on gunicorn ==
if up ats; then
    log "capturing: Flask on gunicorn behind Traffic Server"
    S=flask-gunicorn-trafficserver-night-r184
    U=http://$H:62846 R="--resolve $H:62846:127.0.0.1"
    cap $S flask-200-item-miss-ats.txt 200 app flask "item 1, first request: a miss, Flask's answer passed on (ATS adds Via and X-Cache)" "curl -si" -- -si $R $U/api/items/1
    cap $S ats-200-item-hit-flask.txt 200 cdn-cache trafficserver "item 1 again (max-age=60): served from Traffic Server's cache (X-Cache hit-fresh)" "curl -si" -- -si $R $U/api/items/1
    cap $S flask-500-boom-ats.txt 500 app flask "/api/boom raises: Flask's HTML 500, passed on" "curl -si" -- -si $R $U/api/boom
    capjq $S body-flask-422-create-jq-ats.txt 0/422 app flask "POST /api/items with only a name: the app's JSON 422 field list, no number in it" "curl -s | jq ." -- $R -H "$JS" -d '{"name":"bilge pump"}' $U/api/items
    capbody $S body-flask-404-item9-ats.txt 0/404 app flask "item 9: the app's JSON 404, no number in it" "curl -s" -- $R $U/api/items/9
    capbare $S bare-flask-404-no-route-ats.txt 404/404 app flask "/api/itmes (typo): Werkzeug's HTML 404 page (its title shows 404), as seen in a browser tab" "body copied out of a browser tab" -- $R $U/api/itmes
    capvnull $S vnull-flask-401-me-ats.txt 401 app flask "/api/me without a token: the app's 401 with WWW-Authenticate" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/me
    caphttph $S httph-flask-503-billing-ats.txt 503 app flask "/api/billing/ in maintenance (flag file): the app's JSON 503" "HTTPie --headers with colours" -- GET http://127.0.0.1:62846/api/billing/invoices Host:$H:62846
    quiet $R $U/api/search; quiet $R $U/api/search
    capcutn $S cutn-flask-429-search-ats.txt 429 app flask "/api/search a third time: the app's JSON 429 with Retry-After, the status line and 3 headers" "curl -si, the status line and 3 headers kept" -- 3 i $R $U/api/search
    capcutn $S cutn-ats-403-purge-flask.txt 403 cdn-cache trafficserver "PURGE /api/items/1: ip_allow denies PURGE, Traffic Server's own 403, the status line and 3 headers" "curl -si, the status line and 3 headers kept" -- 3 i $R -X PURGE $U/api/items/1
    caphead $S head-ats-404-unmapped-host-flask.txt 404 cdn-cache trafficserver "HEAD with a Host no remap rule names (the bare IP): Traffic Server's 'Not Found on Accelerator'" "curl -sI" -- http://127.0.0.1:62846/api/items/1
    capfail $S fail-ats-502-billing-dead-flask.txt 502 cdn-cache trafficserver "/billing/ mapped to 62999 where nothing listens: Traffic Server's 'Could Not Connect' page, curl's (22) line under it" "curl --fail-with-body -sS" -- $R $U/billing/invoices
    cap $S ats-504-slow-flask.txt 504 cdn-cache trafficserver "/api/slow takes 5 s, no_activity_timeout_out 2: Traffic Server's 504" "curl -sv" -- -sv $R $U/api/slow
    kill_app flask
    cap $S ats-502-app-killed-flask.txt 502 cdn-cache trafficserver "gunicorn killed: Traffic Server's 'Could Not Connect' 502" "curl -si" -- -si $R $U/api/me
    capbody $S body-ats-502-app-killed-flask.txt 0/502 cdn-cache trafficserver "gunicorn still down: Traffic Server's 'Could Not Connect' page body" "curl -s" -- $R $U/api/boom
    start_app flask || die "flask did not come back"
fi
log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx apache caddy haproxy varnish ats; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round184/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
