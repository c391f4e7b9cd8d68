#!/usr/bin/env bash
# capture-round106.sh — build the hundred-and-sixth held-out evidence corpus
# in tests/fixtures/evidence-round106/.
#
# "Mainstream, pasted in part at night, a third look": six mainstream front +
# app pairings that no earlier round named (front configs in
# scripts/corpus/conf-round106/):
#   - nginx (proxy_pass) -> Koa 2.16 (apps101/koa_app.js, the Dock tickets API);
#   - Apache mod_proxy_http -> Flask 3.1 under waitress (apps91/flask_app.py);
#   - HAProxy -> Express 4.22 (apps101/express_app.js, the Berth tickets API);
#   - Varnish -> FastAPI 0.165 on uvicorn (apps99/fastapi_app.py);
#   - Squid (accelerator) -> Django 5.2 on gunicorn, one sync worker
#     (apps99/django_app.py);
#   - Caddy reverse_proxy -> Echo v4 (apps103/echo_app.go, round 103's build).
# About a third is kept whole; the rest the way a tired engineer pastes it
# (rounds 76 and 94's forms, plus round 18's `--fail-with-body` and a body
# with the shell prompt stuck on its last line): bodies alone (`curl -s`,
# `| jq .`, `-w '%{http_code}'`), headers alone (`curl -sI`, `curl -sv -o
# /dev/null` < lines, HTTPie --headers), transcripts cut after 2 to 5
# headers (with and without the `<` marks, some with their CRs). Plain
# HTTP/1.1.
#
#   scripts/corpus/capture-round106.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round106.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round106.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-63999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers in
# 60000-61999 meanwhile: those are not looked at, and never stopped); every
# curl, HTTPie and wget request runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round106.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the
# wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round106"
RUN=/tmp/api-triage-corpus106-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round106"
APPS75="$HERE/apps75"
APPS91="$HERE/apps91"
APPS99="$HERE/apps99"
APPS101="$HERE/apps101"
APPS103="$HERE/apps103"
VENV=${CORPUS_VENV106:-/tmp/api-triage-corpus106-venv}     # a copy of round 100's
NODE_DIR=${CORPUS_NODE106:-/tmp/api-triage-corpus106-node} # a copy of round 101's
GO_DIR=${CORPUS_GO106:-/tmp/api-triage-corpus106-go}       # round 103's echo_app binary
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0 gunicorn==27.0.1 flask==3.1.3 waitress==3.0.2)
NODE_PKGS=(express@4.22.1 koa@2.16.4 @koa/router@12.0.2 raw-body)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus106 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq openssl apache2 nginx caddy haproxy varnish squid python3-venv nodejs)
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

install_venv() {  # a copy of round 100's venv; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, django, fastapi, uvicorn, gunicorn, flask, waitress" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of round 101's node_modules; from npm when missing
    local m ok=1
    for m in express koa @koa/router raw-body; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus106","private":true}' >"$NODE_DIR/package.json"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"$GO_DIR/"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round106.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS91 && -d $APPS99 && -d $APPS101 && -d $APPS75 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn,flags/flask,flags/django,flags/fastapi,data/django,data/fastapi}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the Node packages are missing (${SKIPPED[node]}; copy round 101's node folder to $NODE_DIR)"
[[ -x $GO_DIR/echo_app ]] || die "$GO_DIR/echo_app is missing (copy round 103's build from /tmp/api-triage-corpus103-go)"
for p in nginx apache2 caddy haproxy varnish squid jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: nginx 62601, Apache 62602, Caddy 62603, HAProxy 62604, Squid 62605,
# Varnish 62606. Apps: Koa 62701 (nginx), Flask/waitress 62702 (Apache),
# Echo 62703 (Caddy), Express 62704 (HAProxy), Django/gunicorn 62705 (Squid),
# FastAPI/uvicorn 62706 (Varnish). The apps' dependencies: 62998 (nobody
# listens: refused), 62997 (apps75/deps.py sleeper: accepts, never answers).
TCP_PORTS=(62601 62602 62603 62604 62605 62606 62701 62702 62703 62704 62705 62706 62997 62998)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

start_bg sleeper nice -n 5 "$PY" "$APPS75/deps.py" sleeper 62997
wait_port 62997 sleeper || die "the sleeper did not start"

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
pyenv() { echo env FLAG_DIR="$RUN/flags/$1" DATA_DIR="$RUN/data/$1" DEP_DOWN=127.0.0.1:62998 DEP_SLOW=127.0.0.1:62997 \
    DEPLOY=v1 REPLICA="$1-1" CHECKOUT_KEY=ck_live_5f2a; }
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    koa) start_bg koa "${NODEENV[@]}" "$APPS101/koa_app.js" 62701; wait_port 62701 koa ;;
    flask) start_bg flask env PYTHONPATH="$APPS91" FLAG_DIR="$RUN/flags/flask" DEP_DOWN=127.0.0.1:62998 DEP_SLOW=127.0.0.1:62997 \
            nice -n 5 "$VPY" -m waitress --listen=127.0.0.1:62702 --threads=4 flask_app:app
        wait_port 62702 flask ;;
    echo) start_bg echo nice -n 5 "$GO_DIR/echo_app" 62703 62998; wait_port 62703 echo ;;
    express) start_bg express "${NODEENV[@]}" "$APPS101/express_app.js" 62704; wait_port 62704 express ;;
    django) start_bg django $(pyenv django) nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:62705 \
            --workers 1 --threads 1 --chdir "$APPS99" --worker-tmp-dir "$RUN/gunicorn" django_app:application
        wait_port 62705 django ;;
    fastapi) start_bg fastapi $(pyenv fastapi) nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS99" \
            --host 127.0.0.1 --port 62706 --workers 1 --no-access-log fastapi_app:app
        wait_port 62706 fastapi ;;
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
for a in koa flask echo express django fastapi; do start_app $a || die "$a did not start"; done
# the Python apps load their catalogue on the first request (1.5 s): done here, straight to the app
for p in 62705 62706; do in_work timeout 10 curl -s -o /dev/null "http://127.0.0.1:$p/api/cart" || true; done

# ---- the fronts -------------------------------------------------------------------
mkdir -p "$RUN/nginx/tmp"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
printf 'ops:%s\n' "$(openssl passwd -apr1 s3cret-ops)" >"$RUN/nginx/htpasswd"
chmod 644 "$RUN/nginx/htpasswd"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 62601 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/apache
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
printf 'ops:%s\n' "$(openssl passwd -apr1 s3cret-ops)" >"$RUN/apache/htpasswd"
chmod 644 "$RUN/apache/htpasswd"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 62602 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
HASH=$(timeout 30 caddy hash-password --plaintext s3cret-ops 2>/dev/null)
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s|@HASH@|$HASH|"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 62603 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62604 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus106 -f "$RUN/squid/squid.conf"
wait_port 62605 squid && UP[squid]=1

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/quillon.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:62606 -T none -f "$RUN/varnish/quillon.vcl" -n "$RUN/varnish/quillon" -s malloc,16m
wait_port 62606 varnish && UP[varnish]=1
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 106 (held out): real responses captured by
# scripts/corpus/capture-round106.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-105:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the body itself shows (0 = none)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes: for app responses the
#              framework, or the app server when it wrote the page itself
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`, `curl -s | jq .`, `curl -s -w
#              '%{http_code}'`, `curl --fail-with-body -sS`, a body with the
#              shell prompt on its last line) or "headers-only" (`curl -sI`,
#              `curl -sv -o /dev/null` < lines, HTTPie --headers, a cut status
#              line and first headers); absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
EOF_LABELS

JSONH=(-H 'Content-Type: application/json')
BIGBODY=$(head -c 2048 /dev/zero | tr '\0' 'x')
BIG=(-X POST "${JSONH[@]}" -d "{\"title\":\"$BIGBODY\"}")
BIG9=(-X POST "${JSONH[@]}" -d "{\"title\":\"$(head -c 9000 /dev/zero | tr '\0' 'z')\"}")
LONGQ=$(head -c 1500 /dev/zero | tr '\0' 'a')
BIGH8="X-Trace-Context: $(head -c 8192 /dev/zero | tr '\0' 'b')"
RECEIPT=(-X POST "${JSONH[@]}" -d '{"order":1,"amount":41.5}')
NOAMOUNT=(-X POST "${JSONH[@]}" -d '{"order":1}')
USER=(-H 'Authorization: Bearer user-token')
W='\n%{http_code}'
stuck_url() {  # stuck_url URL: the app's only worker / event loop taken 6 s by /api/export, in the background
    (in_work timeout 15 curl -s -o /dev/null "$@" || true) &
    STUCK_PID=$!
    sleep 0.4
}
unstuck() { wait "$STUCK_PID" 2>/dev/null; sleep "${1:-0.5}"; }
disk_full() { rm -f "$RUN/data/$1/receipts.log"; ln -s /dev/full "$RUN/data/$1/receipts.log"; }
disk_ok() { rm -f "$RUN/data/$1/receipts.log"; }

# ================================================= nginx -> Koa ==
if up nginx; then
    log "capturing: Koa behind nginx"
    S=koa-nginx-r106
    H=api.dock.test N=http://api.dock.test:62601 RN="--resolve api.dock.test:62601:127.0.0.1"
    cap $S koa-200-ticket-nginx.txt 200 app koa "ticket 1 through nginx" "curl -sv; X-Request-ID from nginx" -- -sv $RN $N/api/tickets/1
    capjq $S body-koa-404-ticket-jq-nginx.txt 404/404 app koa "ticket 9: the error middleware's JSON {error: {status: 404}}" "curl -s | jq ." -- $RN $N/api/tickets/9
    capprompt $S prompt-koa-404-no-route-nginx.txt 0/404 app koa "/api/tikets: no route, Koa's own text 'Not Found' (no newline, the prompt follows it)" "curl -s, the shell prompt on the last line" -- $RN $N/api/tikets
    capcutn $S cut-koa-400-ticket-id-nginx.txt 400 app koa "ticket 'abc': ctx.throw(400), the middleware's JSON" "cut from curl -si: status line and 2 headers, no command line" -- 2 i -si $RN $N/api/tickets/abc
    capvnull $S vnull-koa-401-me-nginx.txt 401 app koa "/api/me without a token: ctx.throw(401) with WWW-Authenticate Bearer" "curl -sv -o /dev/null, only the < lines kept" -- $RN $N/api/me
    capw $S w-koa-422-create-nginx.txt 422 app koa "a ticket titled 'ab': the middleware's JSON 422 with fields" "curl -s -w '\\n%{http_code}'" -- "$W" $RN "${JSONH[@]}" -d '{"title":"ab"}' $N/api/tickets
    capfail $S fail-koa-403-admin-stats-nginx.txt 403 app koa "/api/admin/stats with a user token: ctx.throw(403)" "curl --fail-with-body -sS: the body, then curl's (22) line" -- $RN "${USER[@]}" $N/api/admin/stats
    capwin $S koa-409-duplicate-nginx.txt 409 app koa "ticket 1's title again: ctx.throw(409)" "curl -si pasted with CRLF" -- -si $RN "${JSONH[@]}" -d '{"title":"Dock: printer on floor 3 is on fire"}' $N/api/tickets
    capbody $S body-koa-500-boom-nginx.txt 500/500 app koa "a TypeError: the middleware's JSON 500 'Internal Server Error' with status 500" "curl -s" -- $RN $N/api/boom
    caphead $S head-koa-301-old-path-nginx.txt 301 app koa "HEAD /api/v1/tickets/1: Koa's 301 to /api/tickets/1" "curl -sI" -- $RN $N/api/v1/tickets/1
    cap $S koa-405-delete-ticket-nginx.txt 405 app koa "DELETE ticket 1: allowedMethods' text 'Method Not Allowed'" "curl -si" -- -si $RN -X DELETE $N/api/tickets/1
    quiet $RN $N/api/search; quiet $RN $N/api/search
    capcutr $S cutr-koa-429-search-nginx.txt 429 app koa "/api/search a third time in the minute: the app's own limiter, JSON 429 with Retry-After" "cut from curl -si with its CRs: status line and 4 headers" -- 4 $RN $N/api/search
    cap $S nginx-404-unrouted-readyz.txt 404 proxy nginx "/readyz: not routed (only /api/, /healthz, /admin/), nginx's own 404" "curl -sv" -- -sv $RN $N/readyz
    capbody $S body-nginx-413-body-too-large.txt 413/413 proxy nginx "a 2 KB ticket, client_max_body_size 1k: nginx's 413 page, its title shows 413" "curl -s" -- $RN "${BIG[@]}" $N/api/tickets
    capcutn $S cut-nginx-414-long-uri.txt 414 proxy nginx "a 1.5 KB request line, 1k header buffers: nginx's 414" "cut from curl -sv: status line and 3 headers with the < marks" -- 3 v -sv $RN "$N/api/tickets/1?q=$LONGQ"
    capw $S w-nginx-400-header-too-large.txt 400 proxy nginx "an 8 KB header: nginx's 400 'Request Header Or Cookie Too Large' and the code" "curl -s -w '\\n%{http_code}'" -- "$W" $RN -H "$BIGH8" $N/api/tickets/1
    quiet $RN $N/api/login
    caplt $S lt-nginx-429-login.txt 429 proxy nginx "/api/login again within the minute: limit_req, nginx's 429" "curl -sv, only the < lines kept" -- -sv $RN $N/api/login
    HTTPIE_CMD=http caphttph $S httph-nginx-401-admin-no-credentials.txt 401 identity nginx "/admin/ without credentials: auth_basic, nginx's 401" "HTTPie --headers with colours" -- GET http://127.0.0.1:62601/admin/queues Host:$H:62601
    capdump $S koa-404-admin-authorised-nginx.txt 404 app koa "/admin/ with the right password: passed on, Koa's text 'Not Found'" "curl -s -D-" -- $RN -u ops:s3cret-ops $N/admin/queues
    capvnull $S vnull-nginx-504-slow.txt 504 proxy nginx "/api/slow takes 5 s: proxy_read_timeout 3s, nginx's 504" "curl -sv -o /dev/null, only the < lines kept" -- $RN $N/api/slow
    capfail $S fail-nginx-502-reset.txt 502 proxy nginx "/api/reset: Koa destroys the socket, nginx's 502" "curl --fail-with-body -sS: the body, then curl's (22) line" -- $RN $N/api/reset
    sleep 2.5
    kill_app koa
    cap $S nginx-502-app-killed.txt 502 proxy nginx "node killed (SIGKILL): connection refused, nginx's 502" "curl -sv" -- -sv $RN $N/api/tickets/1
    start_app koa || die "koa did not come back"
    capwget $S koa-200-healthz-after-restart-nginx-wget.txt 200 app koa "started again: /healthz" "wget -S -O-" -- --header="Host: $H:62601" http://127.0.0.1:62601/healthz
fi

# ================================================= Apache -> Flask under waitress ==
if up apache; then
    log "capturing: Flask under waitress behind Apache"
    S=flask-waitress-apache-r106
    H=api.larch.test A=http://api.larch.test:62602 RA="--resolve api.larch.test:62602:127.0.0.1"
    cap $S flask-200-order-apache.txt 200 app flask "order 1 through Apache" "curl -sv; X-Request-Id from mod_unique_id" -- -sv $RA $A/api/orders/1
    caphead $S head-flask-200-order-apache.txt 200 app flask "HEAD order 1 (ETag, Cache-Control public)" "curl -sI" -- $RA $A/api/orders/1
    capjq $S body-flask-404-order-jq-apache.txt 404/404 app flask "order 9: the errorhandler's JSON, its status field shows 404" "curl -s | jq ." -- $RA $A/api/orders/9
    capprompt $S prompt-flask-404-no-route-apache.txt 404/404 app flask "/api/ordrs: no route, the 404 errorhandler's JSON (jsonify ends with a newline: the prompt sits on its own line)" "curl -s, the shell prompt after it" -- $RA $A/api/ordrs
    capcutn $S cut-flask-405-delete-cart-apache.txt 405 app flask "DELETE /api/cart: the errorhandler's JSON 405" "cut from curl -sv: status line and 5 headers with the < marks" -- 5 v -sv $RA -X DELETE $A/api/cart
    capw $S w-flask-500-coupon-apache.txt 500 app flask "a coupon: KeyError, the errorhandler's JSON 500" "curl -s -w '%{http_code}'" -- '%{http_code}' $RA "$A/api/cart?coupon=SPRING"
    capvnull $S vnull-flask-502-inventory-apache.txt 502 app flask "the inventory service refuses: the app's JSON 502" "curl -sv -o /dev/null, only the < lines kept" -- $RA $A/api/inventory
    capraw $S flask-503-payments-apache.txt 503 app flask "the payment provider is down: the app's JSON 503 with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $RA $A/api/payments
    capfail $S fail-flask-504-quotes-apache.txt 504 app flask "the pricing service never answers: the app's JSON 504 after 1 s" "curl --fail-with-body -sS: the body, then curl's (22) line" -- $RA $A/api/quotes
    touch "$RUN/flags/flask/maintenance"
    capbody $S body-flask-503-maintenance-page-apache.txt 0/503 app flask "the maintenance flag: the app's HTML maintenance page (no number in it)" "curl -s" -- $RA $A/api/orders/1
    HTTPIE_CMD=http caphttph $S httph-flask-503-maintenance-apache.txt 503 app flask "the maintenance page again, on /healthz" "HTTPie --headers with colours" -- GET http://127.0.0.1:62602/healthz Host:$H:62602
    rm -f "$RUN/flags/flask/maintenance"
    cap $S apache-403-internal-denied.txt 403 proxy apache "/internal/: Require all denied, Apache's 403" "curl -si" -- -si $RA $A/internal/metrics
    capbody $S body-apache-414-long-query.txt 414/414 proxy apache "a 1.5 KB request line, LimitRequestLine 1024: Apache's 414 page, its title shows 414" "curl -s" -- $RA "$A/api/orders/1?q=$LONGQ"
    capcutr $S cutr-apache-401-admin-no-credentials.txt 401 identity apache "/admin/ without credentials: AuthType Basic, Apache's 401" "cut from curl -si with its CRs: status line and 3 headers" -- 3 $RA $A/admin/
    capw $S w-apache-401-admin-wrong-password.txt 401 identity apache "/admin/ with a wrong password: Apache's 401 page and the code" "curl -s -w '\\n%{http_code}'" -- "$W" $RA -u ops:wrong $A/admin/
    caphttp $S flask-404-admin-authorised-apache-httpie.txt 404 app flask "/admin/ with the right password: passed on, the 404 errorhandler's JSON" "HTTPie -v with colours" -- -v -a ops:s3cret-ops GET http://127.0.0.1:62602/admin/ Host:$H:62602
    # rounds 76, 92 and 94 saw Apache 2.4.71 answer a read past ProxyTimeout with its 502 "Proxy Error"
    cap $S apache-502-report-proxy-timeout.txt 502 proxy apache "/api/report takes 6 s: ProxyTimeout 3, Apache's 502 Proxy Error" "curl -sv" -- -sv $RA $A/api/report
    sleep 3.5
    kill_app flask
    capvnull $S vnull-apache-503-app-killed.txt 503 proxy apache "waitress killed (SIGKILL): connection refused, retry=0, Apache's 503" "curl -sv -o /dev/null, only the < lines kept" -- $RA $A/api/orders/1
    capbody $S body-apache-503-app-killed.txt 503/503 proxy apache "Apache's 503 page, its title shows 503" "curl -s" -- $RA $A/api/cart
    start_app flask || die "flask did not come back"
    cap $S flask-200-healthz-after-restart-apache.txt 200 app flask "started again: /healthz" "curl -si" -- -si $RA $A/healthz
fi

# ================================================= HAProxy -> Express ==
if up haproxy; then
    log "capturing: Express behind HAProxy"
    S=express-haproxy-r106
    H=api.berth.test P=http://api.berth.test:62604 RP="--resolve api.berth.test:62604:127.0.0.1"
    cap $S express-200-ticket-haproxy.txt 200 app express "ticket 1 through HAProxy" "curl -sv; X-Request-ID from HAProxy" -- -sv $RP $P/api/tickets/1
    capprompt $S prompt-express-404-ticket-haproxy.txt 0/404 app express "ticket 9: the handler's JSON {error: not_found} (no number; res.json ends without a newline)" "curl -s, the shell prompt on the last line" -- $RP $P/api/tickets/9
    capbody $S body-express-404-cannot-get-haproxy.txt 0/404 app express "/api/tikets: no route, Express's own HTML 'Cannot GET' page" "curl -s" -- $RP $P/api/tikets
    capjq $S body-express-400-bad-json-jq-haproxy.txt 0/400 app express "a body that is not JSON: body-parser's error through the error middleware, JSON (no number)" "curl -s | jq ." -- $RP "${JSONH[@]}" -d '{"title":' $P/api/tickets
    capcutn $S cut-express-422-create-haproxy.txt 422 app express "a ticket titled 'ab': the express-validator-shaped JSON 422" "cut from curl -sv: status line and 4 headers with the < marks" -- 4 v -sv $RP "${JSONH[@]}" -d '{"title":"ab"}' $P/api/tickets
    capw $S w-express-401-me-haproxy.txt 401 app express "/api/me without a token: the error middleware's JSON 401" "curl -s -w '%{http_code}'" -- '%{http_code}' $RP $P/api/me
    capvnull $S vnull-express-403-admin-stats-haproxy.txt 403 app express "/api/admin/stats with a user token: JSON 403" "curl -sv -o /dev/null, only the < lines kept" -- $RP "${USER[@]}" $P/api/admin/stats
    capfail $S fail-express-413-body-too-large-haproxy.txt 413 app express "a 9 KB ticket, express.json limit 8kb: body-parser's 413 as JSON" "curl --fail-with-body -sS: the body, then curl's (22) line" -- $RP "${BIG9[@]}" $P/api/tickets
    capraw $S express-500-boom-haproxy.txt 500 app express "a thrown Error: the error middleware's JSON 500" "curl -si saved to a file (CRs kept)" -- -si $RP $P/api/boom
    caphead $S head-express-301-old-path-haproxy.txt 301 app express "HEAD /api/v1/tickets/1: res.redirect(301)" "curl -sI" -- $RP $P/api/v1/tickets/1
    quiet $RP $P/api/search; quiet $RP $P/api/search
    cap $S express-429-search-haproxy.txt 429 app express "/api/search a third time in the minute: the app's own text 429 with RateLimit headers" "curl -si" -- -si $RP $P/api/search
    cap $S haproxy-503-unrouted-readyz.txt 503 load-balancer haproxy "/readyz: routed to a backend with no server, HAProxy's 503" "curl -sv" -- -sv $RP $P/readyz
    capbody $S body-haproxy-403-internal.txt 403/403 load-balancer haproxy "/internal/: http-request deny, HAProxy's 403 page, its heading shows 403" "curl -s" -- $RP $P/internal/metrics
    capcutr $S cutr-haproxy-401-admin.txt 401 identity haproxy "/admin/ without credentials: http-request auth, HAProxy's 401" "cut from curl -si with its CRs: status line and 2 headers" -- 2 $RP $P/admin/
    capfail $S fail-haproxy-401-admin-wrong-password.txt 401 identity haproxy "/admin/ with a wrong password: HAProxy's 401 page" "curl --fail-with-body -sS: the body, then curl's (22) line" -- $RP -u ops:wrong $P/admin/
    capdump $S express-404-admin-authorised-haproxy.txt 404 app express "/admin/ with the right password: passed on, Express's 'Cannot GET /admin/'" "curl -s -D-" -- $RP -u ops:s3cret-ops $P/admin/
    capbody $S body-express-404-export-first-haproxy.txt 0/404 app express "/api/export, the first in 10 s (the limit is 2): Express has no such route, 'Cannot GET'" "curl -s" -- $RP $P/api/export
    quiet $RP $P/api/export
    capw $S w-haproxy-429-export.txt 429 load-balancer haproxy "/api/export the third time in 10 s: deny_status 429, HAProxy's page and the code" "curl -s -w '\\n%{http_code}'" -- "$W" $RP $P/api/export
    HTTPIE_CMD=http caphttph $S httph-haproxy-504-slow.txt 504 load-balancer haproxy "/api/slow takes 5 s: timeout server 3s, HAProxy's 504" "HTTPie --headers with colours" -- GET http://127.0.0.1:62604/api/slow Host:$H:62604
    cap $S haproxy-502-reset.txt 502 load-balancer haproxy "/api/reset: Express destroys the socket, HAProxy's 502" "curl -sv" -- -sv $RP $P/api/reset
    sleep 2.5
    kill_app express
    capcutn $S cut-haproxy-503-app-killed.txt 503 load-balancer haproxy "node killed (SIGKILL): connection refused, HAProxy's 503" "cut from curl -si: status line and 3 headers, no command line" -- 3 i -si $RP $P/api/tickets/1
    capbody $S body-haproxy-503-app-killed.txt 503/503 load-balancer haproxy "HAProxy's 503 page, its heading shows 503" "curl -s" -- $RP $P/api/me
    start_app express || die "express did not come back"
    capwget $S express-200-ticket-after-restart-haproxy-wget.txt 200 app express "started again: ticket 1" "wget -S -O-" -- --header="Host: $H:62604" http://127.0.0.1:62604/api/tickets/1
fi

# ================================================= Caddy -> Echo ==
if up caddy; then
    log "capturing: Echo behind Caddy"
    S=echo-caddy-r106
    H=ship.pennant.test C=http://ship.pennant.test:62603 RC="--resolve ship.pennant.test:62603:127.0.0.1"
    cap $S echo-200-shipment-caddy.txt 200 app echo "shipment 1 through Caddy" "curl -sv; X-Request-ID from Caddy" -- -sv $RC $C/api/shipments/1
    capjq $S body-echo-404-shipment-jq-caddy.txt 0/404 app echo "shipment 9: the handler's JSON {error, message} (no number)" "curl -s | jq ." -- $RC $C/api/shipments/9
    capprompt $S prompt-echo-404-no-route-caddy.txt 0/404 app echo "/api/shipmnts: Echo's own {\"message\":\"Not Found\"} (c.JSON ends with a newline: the prompt on its own line)" "curl -s, the shell prompt after it" -- $RC $C/api/shipmnts
    capw $S w-echo-400-bad-json-caddy.txt 400 app echo "a body that is not JSON: the handler's JSON 400" "curl -s -w '\\n%{http_code}'" -- "$W" $RC "${JSONH[@]}" -d '{"ref":' $C/api/shipments
    capcutn $S cut-echo-422-no-ref-caddy.txt 422 app echo "a shipment without ref: the handler's JSON 422" "cut from curl -si: status line and 4 headers, no command line" -- 4 i -si $RC "${JSONH[@]}" -d '{"carrier":"northline"}' $C/api/shipments
    capfail $S fail-echo-409-duplicate-caddy.txt 409 app echo "ref PN-1001 again: the handler's JSON 409" "curl --fail-with-body -sS: the body, then curl's (22) line" -- $RC "${JSONH[@]}" -d '{"ref":"PN-1001"}' $C/api/shipments
    capvnull $S vnull-echo-401-account-caddy.txt 401 app echo "/api/account: the handler's JSON 401 with WWW-Authenticate" "curl -sv -o /dev/null, only the < lines kept" -- $RC $C/api/account
    capwin $S echo-429-quota-caddy.txt 429 app echo "/api/quota: the handler's JSON 429 with Retry-After" "curl -si pasted with CRLF" -- -si $RC $C/api/quota
    capbody $S body-echo-500-panic-caddy.txt 0/500 app echo "a nil-map panic: middleware.Recover, Echo's {\"message\":\"Internal Server Error\"}" "curl -s" -- $RC $C/api/boom
    cap $S echo-413-body-too-large-caddy.txt 413 app echo "a 2 KB shipment, middleware.BodyLimit 1K: Echo's own JSON 413" "curl -si" -- -si $RC "${BIG[@]}" $C/api/shipments
    capcutr $S cutr-echo-503-maintenance-caddy.txt 503 app echo "/api/maintenance: the handler's JSON 503 with Retry-After" "cut from curl -si with its CRs: status line and 5 headers" -- 5 $RC $C/api/maintenance
    capcutn $S cut-echo-301-track-caddy.txt 301 app echo "/track/1: c.Redirect(301) to /api/shipments/1" "cut from curl -sv: status line and 3 headers with the < marks" -- 3 v -sv $RC $C/track/1
    cap $S caddy-403-internal.txt 403 proxy caddy "/internal/: respond 403, Caddy's empty 403" "curl -sv" -- -sv $RC $C/internal/metrics
    capw $S w-caddy-403-internal.txt 403 proxy caddy "/internal/ again: an empty body, only the code curl prints" "curl -s -w '%{http_code}'" -- '%{http_code}' $RC $C/internal/config
    HTTPIE_CMD=http caphttph $S httph-caddy-401-admin-no-credentials.txt 401 identity caddy "/admin/ without credentials: basicauth, Caddy's 401" "HTTPie --headers with colours" -- GET http://127.0.0.1:62603/admin/ Host:$H:62603
    capcutn $S cut-caddy-401-admin-wrong-password.txt 401 identity caddy "/admin/ with a wrong password: Caddy's 401" "cut from curl -sv: status line and 2 headers with the < marks" -- 2 v -sv $RC -u ops:wrong $C/admin/
    capdump $S echo-404-admin-authorised-caddy.txt 404 app echo "/admin/ with the right password: passed on, Echo's {\"message\":\"Not Found\"}" "curl -s -D-" -- $RC -u ops:s3cret-ops $C/admin/
    caphead $S head-caddy-431-header-too-large.txt 431 proxy caddy "HEAD with an 8 KB header, max_header_size 2KB: the 431 of Caddy's Go server" "curl -sI" -- $RC -H "$BIGH8" $C/api/shipments/1
    capvnull $S vnull-caddy-504-slow.txt 504 proxy caddy "/api/slow takes 5 s: response_header_timeout 3s, Caddy's empty 504" "curl -sv -o /dev/null, only the < lines kept" -- $RC $C/api/slow
    capw $S w-caddy-502-reset.txt 502 proxy caddy "/api/reset: Echo closes the hijacked connection, Caddy's empty 502, the code on its own line" "curl -s -w '\\n%{http_code}'" -- "$W" $RC $C/api/reset
    sleep 2.5
    kill_app echo
    cap $S caddy-502-app-killed.txt 502 proxy caddy "echo_app killed (SIGKILL): connection refused, Caddy's empty 502" "curl -si" -- -si $RC $C/api/shipments/1
    start_app echo || die "echo did not come back"
    HTTPIE_CMD=http caphttp $S echo-200-shipment-after-restart-caddy-httpie.txt 200 app echo "started again: shipment 1" "HTTPie -v with colours" -- -v GET http://127.0.0.1:62603/api/shipments/1 Host:$H:62603
fi

# ================================================= Squid -> Django on gunicorn ==
if up squid; then
    log "capturing: Django on gunicorn behind Squid"
    S=django-gunicorn-squid-r106
    H=api.tansy.test Q=http://api.tansy.test:62605 RQ="--resolve api.tansy.test:62605:127.0.0.1"
    cap $S django-200-order-squid-miss.txt 200 app django "order 1, a MISS (public, max-age=2, ETag)" "curl -sv; X-Cache: MISS" -- -sv $RQ $Q/api/orders/1
    caphead $S head-squid-200-order-hit.txt 200 cdn-cache squid "HEAD order 1 at once: a HIT from Squid's store" "curl -sI; X-Cache: HIT" -- $RQ $Q/api/orders/1
    capvnull $S vnull-squid-304-order-if-none-match.txt 304 cdn-cache squid "order 1 with If-None-Match of its ETag, still fresh: Squid's 304 from its store" "curl -sv -o /dev/null, only the < lines kept" -- $RQ -H 'If-None-Match: "ta-1001-v1"' $Q/api/orders/1
    capjq $S body-django-404-order-jq-squid.txt 404/404 app django "order 999: the view's JSON {errors: [{status: \"404\"}]}, the status field shows 404" "curl -s | jq ." -- $RQ $Q/api/orders/999
    capbody $S body-django-404-no-route-squid.txt 0/404 app django "/api/ordrs: no URL pattern, DEBUG off: Django's HTML 'Not Found' page (no number)" "curl -s" -- $RQ $Q/api/ordrs
    capcutn $S cut-django-401-account-squid.txt 401 app django "/api/account without a token: the view's JSON 401 with WWW-Authenticate" "cut from curl -si: status line and 4 headers, no command line" -- 4 i -si $RQ $Q/api/account
    capw $S w-django-422-receipt-squid.txt 422 app django "a receipt without amount: the view's JSON 422" "curl -s -w '\\n%{http_code}'" -- "$W" $RQ "${NOAMOUNT[@]}" $Q/api/receipts
    cap $S django-201-receipt-squid.txt 201 app django "a receipt stored" "curl -si" -- -si $RQ "${RECEIPT[@]}" $Q/api/receipts
    capfail $S fail-django-502-inventory-squid.txt 502 app django "the inventory service refuses: the view's own JSON 502" "curl --fail-with-body -sS: the body, then curl's (22) line" -- $RQ $Q/api/inventory
    capvnull $S vnull-django-503-payments-squid.txt 503 app django "the payment provider is down: the view's JSON 503 with Retry-After" "curl -sv -o /dev/null, only the < lines kept" -- $RQ $Q/api/payments
    capraw $S django-504-quotes-squid.txt 504 app django "the pricing service never answers: the view's JSON 504 after 1 s" "curl -si saved to a file (CRs kept)" -- -si $RQ $Q/api/quotes
    disk_full django
    capprompt $S prompt-django-500-disk-full-squid.txt 500/500 app django "disk full (ENOSPC): Django's 'Server Error (500)' page, its h1 shows 500" "curl -s, the shell prompt after it" -- $RQ "${RECEIPT[@]}" $Q/api/receipts
    disk_ok django
    cap $S squid-403-internal-denied.txt 403 cdn-cache squid "/internal/: http_access deny, ERR_ACCESS_DENIED" "curl -sv" -- -sv $RQ $Q/internal/metrics
    capbody $S body-squid-403-internal-denied.txt 0/403 cdn-cache squid "Squid's ERR_ACCESS_DENIED page (its title names the error, not a number)" "curl -s" -- $RQ $Q/internal/config
    capcutr $S cutr-squid-431-header-too-large.txt 431 cdn-cache squid "an 8 KB header, request_header_max_size 2 KB: Squid's 431" "cut from curl -si with its CRs: status line and 3 headers" -- 3 $RQ -H "$BIGH8" $Q/api/orders/1
    HTTPIE_CMD=http caphttph $S httph-squid-413-body-too-large.txt 413 cdn-cache squid "a 2 KB receipt, request_body_max_size 1 KB: ERR_TOO_BIG" "HTTPie --headers with colours" -- POST http://127.0.0.1:62605/api/receipts Host:$H:62605 note=$BIGBODY
    stuck_url http://127.0.0.1:62705/api/export
    cap $S squid-504-worker-stuck-read-timeout.txt 504 cdn-cache squid "gunicorn's one sync worker held 6 s by an export: read_timeout 3 seconds, ERR_READ_TIMEOUT" "curl -sv" -- -sv $RQ $Q/api/account
    unstuck 3
    kill_app django
    capwin $S squid-503-app-killed.txt 503 cdn-cache squid "gunicorn and its worker killed (SIGKILL): connection refused, ERR_CONNECT_FAIL" "curl -si pasted with CRLF" -- -si $RQ $Q/api/account
    capbody $S body-squid-503-app-killed.txt 0/503 cdn-cache squid "Squid's ERR_CONNECT_FAIL page (no number in it)" "curl -s" -- $RQ "$Q/api/payments?from=dashboard"
    start_app django || die "django did not come back"
    capwget $S django-200-healthz-after-restart-squid-wget.txt 200 app django "started again: /healthz" "wget -S -O-" -- --header="Host: $H:62605" http://127.0.0.1:62605/healthz
fi

# ================================================= Varnish -> FastAPI on uvicorn ==
if up varnish; then
    log "capturing: FastAPI on uvicorn behind Varnish"
    S=fastapi-uvicorn-varnish-r106
    H=api.quillon.test V=http://api.quillon.test:62606 RV="--resolve api.quillon.test:62606:127.0.0.1"
    cap $S fastapi-200-order-varnish-miss.txt 200 app fastapi "order 1, a MISS (public, max-age=2, ETag)" "curl -sv; X-Cache: MISS, X-Request-ID from Varnish" -- -sv $RV $V/api/orders/1
    capjq $S body-varnish-200-order-hit-jq.txt 0/200 cdn-cache varnish "order 1 again at once: a HIT, the order JSON shows no number" "curl -s | jq ." -- $RV $V/api/orders/1
    capvnull $S vnull-varnish-304-order-if-none-match.txt 304 cdn-cache varnish "order 1 with If-None-Match of its ETag: Varnish's 304 from its store" "curl -sv -o /dev/null, only the < lines kept" -- $RV -H 'If-None-Match: "qu-1001-v1"' $V/api/orders/1
    cap $S fastapi-404-order-varnish-miss.txt 404 app fastapi "order 999: HTTPException's {\"detail\"} 404 (a MISS; the built-in VCL keeps a 404)" "curl -si" -- -si $RV $V/api/orders/999
    capprompt $S prompt-fastapi-404-order-varnish-hit.txt 0/404 app fastapi "order 999 again: the app's 404 replayed from Varnish's store (no newline, the prompt follows it)" "curl -s, the shell prompt on the last line" -- $RV $V/api/orders/999
    capbody $S body-fastapi-404-no-route-varnish.txt 0/404 app fastapi "/api/ordrs: no route, Starlette's {\"detail\":\"Not Found\"}" "curl -s" -- $RV $V/api/ordrs
    capcutn $S cut-fastapi-401-account-varnish.txt 401 app fastapi "/api/account without a token: HTTPException 401 with WWW-Authenticate" "cut from curl -sv: status line and 5 headers with the < marks" -- 5 v -sv $RV $V/api/account
    capwin $S fastapi-422-receipt-varnish.txt 422 app fastapi "a receipt without amount (POST, passed): the app's {\"detail\":[...]} 422" "curl -si pasted with CRLF" -- -si $RV "${NOAMOUNT[@]}" $V/api/receipts
    capw $S w-fastapi-502-inventory-varnish.txt 502 app fastapi "the inventory service refuses: HTTPException(502) {\"detail\"}" "curl -s -w '\\n%{http_code}'" -- "$W" $RV $V/api/inventory
    capfail $S fail-fastapi-503-payments-varnish.txt 503 app fastapi "the payment provider is down: HTTPException(503) with Retry-After" "curl --fail-with-body -sS: the body, then curl's (22) line" -- $RV $V/api/payments
    capvnull $S vnull-fastapi-504-quotes-varnish.txt 504 app fastapi "the pricing service never answers: HTTPException(504) after 1 s" "curl -sv -o /dev/null, only the < lines kept" -- $RV $V/api/quotes
    capdump $S fastapi-500-thumbnails-varnish.txt 500 app fastapi "a MemoryError caught: the app's JSON 500 naming it" "curl -s -D-" -- $RV $V/api/thumbnails
    disk_full fastapi
    cap $S fastapi-500-disk-full-varnish.txt 500 app fastapi "disk full (ENOSPC): Starlette's plain 'Internal Server Error'" "curl -sv" -- -sv $RV "${RECEIPT[@]}" $V/api/receipts
    disk_ok fastapi
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE /api/orders/1: vcl_recv synth(405)" "curl -si" -- -si $RV -X PURGE $V/api/orders/1
    capbody $S body-varnish-403-admin.txt 403/403 cdn-cache varnish "/admin/: synth(403), Varnish's guru page, its title shows 403" "curl -s" -- $RV $V/admin/
    HTTPIE_CMD=http caphttph $S httph-varnish-403-admin.txt 403 cdn-cache varnish "/admin/ again: synth(403)" "HTTPie --headers with colours" -- GET http://127.0.0.1:62606/admin/users Host:$H:62606
    stuck_url http://127.0.0.1:62706/api/export
    cap $S varnish-503-loop-stuck-first-byte-timeout.txt 503 cdn-cache varnish "uvicorn's event loop held 6 s by an export: first_byte_timeout 3s, Backend fetch failed" "curl -sv" -- -sv $RV $V/api/account
    unstuck 0.5
    quiet $RV $V/api/orders/1
    sleep 2.5
    kill_app fastapi
    capraw $S varnish-200-order-grace-app-down.txt 200 cdn-cache varnish "uvicorn killed: order 1 (its 2 s TTL gone) served from grace" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/orders/1
    capcutr $S cutr-varnish-503-app-killed.txt 503 cdn-cache varnish "uvicorn killed: connection refused, Backend fetch failed" "cut from curl -si with its CRs: status line and 4 headers" -- 4 $RV $V/api/account
    capw $S w-varnish-503-app-killed.txt 503 cdn-cache varnish "uvicorn still down: Varnish's 'Backend fetch failed' page and the code" "curl -s -w '%{http_code}'" -- '%{http_code}' $RV "$V/api/payments?from=dashboard"
    start_app fastapi || die "fastapi did not come back"
    in_work timeout 10 curl -s -o /dev/null http://127.0.0.1:62706/api/cart || true
    HTTPIE_CMD=http caphttp $S fastapi-401-account-after-restart-varnish-httpie.txt 401 app fastapi "started again: /api/account, the handler's 401" "HTTPie -v with colours" -- -v GET http://127.0.0.1:62606/api/account Host:$H:62606
fi

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round106/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
