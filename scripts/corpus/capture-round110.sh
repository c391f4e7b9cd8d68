#!/usr/bin/env bash
# capture-round110.sh — build the hundred-and-tenth held-out evidence corpus
# in tests/fixtures/evidence-round110/.
#
# "Common stacks behind HAProxy and Apache, small and quick": six front + app
# pairings (front configs in scripts/corpus/conf-round110/):
#   - HAProxy -> Express 4.22 (apps101/express_app.js);
#   - HAProxy -> FastAPI 0.165 on uvicorn (apps99/fastapi_app.py);
#   - HAProxy -> gin (apps96/gin_catalog.go, round 100's build);
#   - Apache mod_proxy_http -> Django 5.2 on gunicorn, one sync worker (apps99/django_app.py);
#   - Apache mod_proxy_http -> Koa 2.16 (apps101/koa_app.js);
#   - Apache mod_proxy_http -> Flask 3.1 under waitress (apps91/flask_app.py).
# One HAProxy process with three frontends, one Apache with three virtual
# hosts. Plain HTTP/1.1. Helpers are round 106's, unchanged.
#
#   scripts/corpus/capture-round110.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round110.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round110.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-63999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers in
# 60000-61999 meanwhile: those are not looked at, and never stopped); every
# curl, HTTPie and wget request runs under `timeout`; every server it started
# is stopped on exit, by process id. Labels are written by finish_round110.py,
# which refuses (and this script then leaves the fixtures as they were) when
# a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round110"
RUN=/tmp/api-triage-corpus110-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round110"
APPS75="$HERE/apps75"
APPS91="$HERE/apps91"
APPS99="$HERE/apps99"
APPS101="$HERE/apps101"
APPS103="$HERE/apps103"
VENV=${CORPUS_VENV110:-/tmp/api-triage-corpus110-venv}     # a copy of round 106's
NODE_DIR=${CORPUS_NODE110:-/tmp/api-triage-corpus110-node} # a copy of round 106's
GO_DIR=${CORPUS_GO110:-/tmp/api-triage-corpus110-go}       # round 100's gin_catalog binary
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0 gunicorn==27.0.1 flask==3.1.3 waitress==3.0.2)
NODE_PKGS=(express@4.22.1 koa@2.16.4 @koa/router@12.0.2 raw-body)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus110 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq openssl apache2 haproxy python3-venv nodejs)
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

install_venv() {  # a copy of round 106's venv; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, django, fastapi, uvicorn, gunicorn, flask, waitress" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of round 106's node_modules; from npm when missing
    local m ok=1
    for m in express koa @koa/router raw-body; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus110","private":true}' >"$NODE_DIR/package.json"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round110.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -z ${SKIPPED[node]:-} ]] || die "the Node packages are missing (${SKIPPED[node]}; copy round 106's node folder to $NODE_DIR)"
[[ -x $GO_DIR/gin_catalog ]] || die "$GO_DIR/gin_catalog is missing (copy round 100's build from /tmp/api-triage-corpus100-go)"
for p in apache2 haproxy jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: HAProxy 62611 (Express), 62612 (FastAPI), 62613 (gin); Apache 62621
# (Django), 62622 (Koa), 62623 (Flask). Apps: Express 62711, FastAPI 62712,
# gin 62713, Django 62721, Koa 62722, Flask 62723. The apps' dependencies:
# 62898 (nobody listens: refused), 62897 (apps75/deps.py sleeper).
TCP_PORTS=(62611 62612 62613 62621 62622 62623 62711 62712 62713 62721 62722 62723 62897 62898)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

start_bg sleeper nice -n 5 "$PY" "$APPS75/deps.py" sleeper 62897
wait_port 62897 sleeper || die "the sleeper did not start"

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
pyenv() { echo env FLAG_DIR="$RUN/flags/$1" DATA_DIR="$RUN/data/$1" DEP_DOWN=127.0.0.1:62898 DEP_SLOW=127.0.0.1:62897 \
    DEPLOY=v1 REPLICA="$1-1" CHECKOUT_KEY=ck_live_5f2a; }
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    express) start_bg express "${NODEENV[@]}" "$APPS101/express_app.js" 62711; wait_port 62711 express ;;
    fastapi) start_bg fastapi $(pyenv fastapi) nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS99" \
            --host 127.0.0.1 --port 62712 --workers 1 --no-access-log fastapi_app:app
        wait_port 62712 fastapi ;;
    gin) start_bg gin env GIN_MODE=release nice -n 5 "$GO_DIR/gin_catalog" 62713; wait_port 62713 gin ;;
    django) start_bg django $(pyenv django) nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:62721 \
            --workers 1 --threads 1 --chdir "$APPS99" --worker-tmp-dir "$RUN/gunicorn" django_app:application
        wait_port 62721 django ;;
    koa) start_bg koa "${NODEENV[@]}" "$APPS101/koa_app.js" 62722; wait_port 62722 koa ;;
    flask) start_bg flask env PYTHONPATH="$APPS91" FLAG_DIR="$RUN/flags/flask" DEP_DOWN=127.0.0.1:62898 DEP_SLOW=127.0.0.1:62897 \
            nice -n 5 "$VPY" -m waitress --listen=127.0.0.1:62723 --threads=4 flask_app:app
        wait_port 62723 flask ;;
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
warm() {  # the Python apps load their catalogue on the first request (1.5 s): done here, straight to the app
    in_work timeout 10 curl -s -o /dev/null "http://127.0.0.1:$1/api/cart" || true
}
for a in express fastapi gin django koa flask; do start_app $a || die "$a did not start"; done
for p in 62712 62721; do warm $p; done

# ---- the fronts -------------------------------------------------------------------
mkdir -p "$RUN"/apache
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 62621 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62611 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 110 (held out): real responses captured by
# scripts/corpus/capture-round110.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-109:
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

JSONH=(-H 'Content-Type: application/json')
LONGQ=$(head -c 1500 /dev/zero | tr '\0' 'a')
RECEIPT=(-X POST "${JSONH[@]}" -d '{"order":1,"amount":41.5}')
NOAMOUNT=(-X POST "${JSONH[@]}" -d '{"order":1}')
BO=body-only-paste HO=headers-only-paste

# ================================================= HAProxy -> Express ==
if up haproxy; then
    log "capturing: Express behind HAProxy"
    S=express-haproxy-r110
    H=api.berth.test P=http://api.berth.test:62611 RP="--resolve api.berth.test:62611:127.0.0.1"
    cap $S express-200-ticket-haproxy.txt 200 app express "ticket 1 through HAProxy" "curl -sv; X-Request-ID from HAProxy's unique id" -- -sv $RP $P/api/tickets/1
    cap $S express-400-bad-json-haproxy.txt 400 app express "a body that is not JSON: body-parser's error through the error middleware, JSON" "curl -si" -- -si $RP "${JSONH[@]}" -d '{"title":' $P/api/tickets
    capwin $S express-401-me-haproxy.txt 401 app express "/api/me without a token: the error middleware's JSON 401" "curl -si pasted with CRLF" -- -si $RP $P/api/me
    cap $S express-404-ticket-haproxy.txt 404 app express "ticket 9: the handler's JSON 404" "curl -si" -- -si $RP $P/api/tickets/9
    caplt $S express-422-create-haproxy.txt 422 app express "a ticket titled 'ab': the JSON 422 with field errors" "curl -sv, only the < lines kept" -- -sv $RP "${JSONH[@]}" -d '{"title":"ab"}' $P/api/tickets
    capraw $S express-500-boom-haproxy.txt 500 app express "a thrown Error: the error middleware's JSON 500" "curl -si saved to a file (CRs kept)" -- -si $RP $P/api/boom
    cap $S express-301-old-path-haproxy.txt 301 app express "/api/v1/tickets/1: res.redirect(301)" "curl -si" -- -si $RP $P/api/v1/tickets/1
    cap $S haproxy-403-internal-express.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's 403" "curl -sv" -- -sv $RP $P/internal/metrics
    capwget $S haproxy-504-slow-express-wget.txt 504 load-balancer haproxy "/api/slow takes 5 s: timeout server 3s, HAProxy's 504" "wget -S -O-" -- --header="Host: $H:62611" http://127.0.0.1:62611/api/slow
    cap $S haproxy-502-reset-express.txt 502 load-balancer haproxy "/api/reset: Express destroys the socket, HAProxy's 502" "curl -sv" -- -sv $RP $P/api/reset
    sleep 2.5
    kill_app express
    cap $S haproxy-503-app-killed-express.txt 503 load-balancer haproxy "node killed (SIGKILL): connection refused, HAProxy's 503" "curl -si" -- -si $RP $P/api/tickets/1
    capbody $BO body-haproxy-503-app-killed-express.txt 503/503 load-balancer haproxy "HAProxy's 503 page, its heading shows 503 (Express down)" "curl -s" -- $RP $P/api/me
    start_app express || die "express did not come back"
    HTTPIE_CMD=http caphttp $S express-200-ticket-after-restart-haproxy-httpie.txt 200 app express "started again: ticket 1" "HTTPie -v with colours" -- -v GET http://127.0.0.1:62611/api/tickets/1 Host:$H:62611
fi
# ================================================= HAProxy -> FastAPI on uvicorn ==
if up haproxy; then
    log "capturing: FastAPI on uvicorn behind HAProxy"
    S=fastapi-uvicorn-haproxy-r110
    H=api.quillon.test P=http://api.quillon.test:62612 RP="--resolve api.quillon.test:62612:127.0.0.1"
    cap $S fastapi-200-order-haproxy.txt 200 app fastapi "order 1 through HAProxy" "curl -sv; X-Request-ID from HAProxy's unique id" -- -sv $RP $P/api/orders/1
    cap $S fastapi-401-account-haproxy.txt 401 app fastapi "/api/account without a token: HTTPException 401 with WWW-Authenticate" "curl -si" -- -si $RP $P/api/account
    capraw $S fastapi-404-order-haproxy.txt 404 app fastapi "order 999: HTTPException's {\"detail\"} 404" "curl -si saved to a file (CRs kept)" -- -si $RP $P/api/orders/999
    capwin $S fastapi-422-order-id-haproxy.txt 422 app fastapi "order 'abc': FastAPI's request validation 422 (int path parameter)" "curl -si pasted with CRLF" -- -si $RP $P/api/orders/abc
    caplt $S fastapi-422-receipt-haproxy.txt 422 app fastapi "a receipt without amount: the handler's {\"detail\":[...]} 422" "curl -sv, only the < lines kept" -- -sv $RP "${NOAMOUNT[@]}" $P/api/receipts
    cap $S fastapi-500-thumbnails-haproxy.txt 500 app fastapi "a MemoryError caught: the app's JSON 500 naming it" "curl -si" -- -si $RP $P/api/thumbnails
    cap $S fastapi-307-trailing-slash-haproxy.txt 307 app fastapi "/api/account/: Starlette's redirect_slashes 307 to /api/account" "curl -si" -- -si $RP $P/api/account/
    capcut $S haproxy-403-internal-fastapi.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's 403" "curl -si, body cut off after the headers" -- -si $RP $P/internal/config
    cap $S haproxy-504-export-fastapi.txt 504 load-balancer haproxy "/api/export blocks uvicorn's event loop 6 s: timeout server 3s, HAProxy's 504" "curl -sv" -- -sv $RP $P/api/export
    sleep 3.5
    kill_app fastapi
    cap $S haproxy-503-app-killed-fastapi.txt 503 load-balancer haproxy "uvicorn killed (SIGKILL): connection refused, HAProxy's 503" "curl -sv" -- -sv $RP $P/api/orders/1
    start_app fastapi || die "fastapi did not come back"
    warm 62712
    capbody $BO body-fastapi-404-no-route-haproxy.txt 0/404 app fastapi "/api/ordrs: no route, Starlette's {\"detail\":\"Not Found\"} (no number)" "curl -s" -- $RP $P/api/ordrs
    capwget $S fastapi-200-healthz-after-restart-haproxy-wget.txt 200 app fastapi "started again: /healthz" "wget -S -O-" -- --header="Host: $H:62612" http://127.0.0.1:62612/healthz
fi
# ================================================= HAProxy -> gin ==
if up haproxy; then
    log "capturing: gin behind HAProxy"
    S=gin-haproxy-r110
    H=api.tamarack.test P=http://api.tamarack.test:62613 RP="--resolve api.tamarack.test:62613:127.0.0.1"
    cap $S gin-200-product-haproxy.txt 200 app gin "product 1 through HAProxy" "curl -sv; X-Request-ID from HAProxy's unique id" -- -sv $RP $P/api/products/1
    capwin $S gin-400-product-id-haproxy.txt 400 app gin "a product id that is not a number: the handler's JSON 400" "curl -si pasted with CRLF" -- -si $RP $P/api/products/abc
    capraw $S gin-400-order-no-sku-haproxy.txt 400 app gin "POST an order without sku: ShouldBindJSON's error as JSON 400" "curl -si saved to a file (CRs kept)" -- -si $RP "${JSONH[@]}" -d '{}' $P/api/orders
    cap $S gin-401-account-haproxy.txt 401 app gin "/api/account: the handler's JSON 401 with WWW-Authenticate: Bearer" "curl -si" -- -si $RP $P/api/account
    cap $S gin-404-order-haproxy.txt 404 app gin "order 5: the handler's JSON 404" "curl -sv" -- -sv $RP $P/api/orders/5
    caplt $S gin-404-no-route-haproxy.txt 404 app gin "/api/v2/products: gin's text '404 page not found'" "curl -sv, only the < lines kept" -- -sv $RP $P/api/v2/products
    cap $S gin-500-boom-haproxy.txt 500 app gin "a nil-map panic: gin.Recovery's empty 500" "curl -si" -- -si $RP $P/api/boom
    cap $S gin-301-trailing-slash-haproxy.txt 301 app gin "/api/products/1/: gin's RedirectTrailingSlash 301" "curl -si" -- -si $RP $P/api/products/1/
    cap $S haproxy-403-internal-gin.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's 403" "curl -si" -- -si $RP $P/internal/metrics
    capraw $S haproxy-504-slow-gin.txt 504 load-balancer haproxy "/api/slow takes 5 s: timeout server 3s, HAProxy's 504" "curl -si saved to a file (CRs kept)" -- -si $RP $P/api/slow
    capvnull $HO vnull-gin-200-rates-haproxy.txt 200 app gin "/api/rates through HAProxy" "curl -sv -o /dev/null, only the < lines kept" -- $RP $P/api/rates
    capbody $BO body-gin-404-no-route-haproxy.txt 404/404 app gin "gin's '404 page not found' (the text carries 404)" "curl -s" -- $RP $P/api/v3/products
    sleep 2.5
    kill_app gin
    caplt $S haproxy-503-app-killed-gin.txt 503 load-balancer haproxy "gin_catalog killed (SIGKILL): connection refused, HAProxy's 503" "curl -sv, only the < lines kept" -- -sv $RP $P/api/products/1
    start_app gin || die "gin did not come back"
    cap $S gin-200-product-after-restart-haproxy.txt 200 app gin "started again: product 1" "curl -si" -- -si $RP $P/api/products/1
fi
# ================================================= Apache -> Django on gunicorn ==
if up apache; then
    log "capturing: Django on gunicorn behind Apache"
    S=django-gunicorn-apache-r110
    H=api.tansy.test A=http://api.tansy.test:62621 RA="--resolve api.tansy.test:62621:127.0.0.1"
    cap $S django-200-order-apache.txt 200 app django "order 1 through Apache" "curl -sv; X-Request-Id from mod_unique_id" -- -sv $RA $A/api/orders/1
    capwin $S django-401-account-apache.txt 401 app django "/api/account without a token: the view's JSON 401 with WWW-Authenticate" "curl -si pasted with CRLF" -- -si $RA $A/api/account
    cap $S django-404-order-apache.txt 404 app django "order 999: the view's JSON {errors: [...]}" "curl -si" -- -si $RA $A/api/orders/999
    caplt $S django-404-no-route-apache.txt 404 app django "/api/ordrs: no URL pattern, DEBUG off: Django's HTML 'Not Found'" "curl -sv, only the < lines kept" -- -sv $RA $A/api/ordrs
    capraw $S django-422-receipt-apache.txt 422 app django "a receipt without amount: the view's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RA "${NOAMOUNT[@]}" $A/api/receipts
    cap $S django-201-receipt-apache.txt 201 app django "a receipt stored" "curl -si" -- -si $RA "${RECEIPT[@]}" $A/api/receipts
    cap $S django-500-thumbnails-apache.txt 500 app django "a MemoryError caught: the view's JSON 500" "curl -si" -- -si $RA $A/api/thumbnails
    cap $S django-502-inventory-apache.txt 502 app django "the inventory service refuses: the view's own JSON 502, passed on" "curl -si" -- -si $RA $A/api/inventory
    caphead $HO head-django-200-order-apache.txt 200 app django "HEAD order 1 through Apache" "curl -sI" -- $RA $A/api/orders/1
    cap $S apache-403-internal-django.txt 403 proxy apache "/internal/: Require all denied, Apache's 403" "curl -sv" -- -sv $RA $A/internal/metrics
    capbody $BO body-apache-414-long-query-django.txt 414/414 proxy apache "a 1.5 KB request line, LimitRequestLine 1024: Apache's 414 page, its title shows 414" "curl -s" -- $RA "$A/api/orders/1?q=$LONGQ"
    # rounds 76, 92, 94 and 106 saw Apache 2.4 answer a read past ProxyTimeout with its 502 "Proxy Error"
    cap $S apache-502-export-proxy-timeout-django.txt 502 proxy apache "/api/export holds gunicorn's one worker 6 s: ProxyTimeout 3, Apache's 502 Proxy Error" "curl -sv" -- -sv $RA $A/api/export
    sleep 3.5
    kill_app django
    cap $S apache-503-app-killed-django.txt 503 proxy apache "gunicorn and its worker killed (SIGKILL): connection refused, retry=0, Apache's 503" "curl -si" -- -si $RA $A/api/orders/1
    start_app django || die "django did not come back"
    warm 62721
    capwget $S django-200-healthz-after-restart-apache-wget.txt 200 app django "started again: /healthz" "wget -S -O-" -- --header="Host: $H:62621" http://127.0.0.1:62621/healthz
fi
# ================================================= Apache -> Koa ==
if up apache; then
    log "capturing: Koa behind Apache"
    S=koa-apache-r110
    H=api.dock.test A=http://api.dock.test:62622 RA="--resolve api.dock.test:62622:127.0.0.1"
    cap $S koa-200-ticket-apache.txt 200 app koa "ticket 1 through Apache" "curl -sv; X-Request-Id from mod_unique_id" -- -sv $RA $A/api/tickets/1
    capwin $S koa-400-ticket-id-apache.txt 400 app koa "ticket 'abc': ctx.throw(400), the middleware's JSON" "curl -si pasted with CRLF" -- -si $RA $A/api/tickets/abc
    cap $S koa-401-me-apache.txt 401 app koa "/api/me without a token: ctx.throw(401) with WWW-Authenticate Bearer" "curl -si" -- -si $RA $A/api/me
    caplt $S koa-404-ticket-apache.txt 404 app koa "ticket 9: the middleware's JSON 404" "curl -sv, only the < lines kept" -- -sv $RA $A/api/tickets/9
    capraw $S koa-422-create-apache.txt 422 app koa "a ticket titled 'ab': the middleware's JSON 422 with fields" "curl -si saved to a file (CRs kept)" -- -si $RA "${JSONH[@]}" -d '{"title":"ab"}' $A/api/tickets
    cap $S koa-500-boom-apache.txt 500 app koa "a TypeError: the middleware's JSON 500" "curl -si" -- -si $RA $A/api/boom
    cap $S koa-301-old-path-apache.txt 301 app koa "/api/v1/tickets/1: Koa's 301 to /api/tickets/1" "curl -sv" -- -sv $RA $A/api/v1/tickets/1
    capbody $BO body-koa-500-boom-apache.txt 500/500 app koa "the middleware's JSON 500 with status 500" "curl -s" -- $RA $A/api/boom
    cap $S apache-403-internal-koa.txt 403 proxy apache "/internal/: Require all denied, Apache's 403" "curl -si" -- -si $RA $A/internal/config
    capcut $S apache-414-long-query-koa.txt 414 proxy apache "a 1.5 KB request line, LimitRequestLine 1024: Apache's 414" "curl -si, body cut off after the headers" -- -si $RA "$A/api/tickets/1?q=$LONGQ"
    cap $S apache-502-slow-proxy-timeout-koa.txt 502 proxy apache "/api/slow takes 5 s: ProxyTimeout 3, Apache's 502 Proxy Error" "curl -sv" -- -sv $RA $A/api/slow
    capraw $S apache-502-reset-koa.txt 502 proxy apache "/api/reset: Koa destroys the socket, Apache's 502" "curl -si saved to a file (CRs kept)" -- -si $RA $A/api/reset
    sleep 2.5
    kill_app koa
    HTTPIE_CMD=http caphttp $S apache-503-app-killed-koa-httpie.txt 503 proxy apache "node killed (SIGKILL): connection refused, retry=0, Apache's 503" "HTTPie -v with colours" -- -v GET http://127.0.0.1:62622/api/tickets/1 Host:$H:62622
    caphttph $HO httph-apache-503-app-killed-koa.txt 503 proxy apache "Koa still down: Apache's 503" "HTTPie --headers with colours" -- GET http://127.0.0.1:62622/api/me Host:$H:62622
    start_app koa || die "koa did not come back"
    cap $S koa-200-healthz-after-restart-apache.txt 200 app koa "started again: /healthz" "curl -si" -- -si $RA $A/healthz
fi
# ================================================= Apache -> Flask under waitress ==
if up apache; then
    log "capturing: Flask under waitress behind Apache"
    S=flask-waitress-apache-r110
    H=api.larch.test A=http://api.larch.test:62623 RA="--resolve api.larch.test:62623:127.0.0.1"
    cap $S flask-200-order-apache.txt 200 app flask "order 1 through Apache" "curl -sv; X-Request-Id from mod_unique_id" -- -sv $RA $A/api/orders/1
    cap $S flask-404-order-apache.txt 404 app flask "order 9: the errorhandler-style JSON 404" "curl -si" -- -si $RA $A/api/orders/9
    caplt $S flask-405-delete-cart-apache.txt 405 app flask "DELETE /api/cart: the errorhandler's JSON 405" "curl -sv, only the < lines kept" -- -sv $RA -X DELETE $A/api/cart
    capraw $S flask-500-coupon-apache.txt 500 app flask "a coupon: KeyError, the errorhandler's JSON 500" "curl -si saved to a file (CRs kept)" -- -si $RA "$A/api/cart?coupon=SPRING"
    capwin $S flask-502-inventory-apache.txt 502 app flask "the inventory service refuses: the app's JSON 502, passed on" "curl -si pasted with CRLF" -- -si $RA $A/api/inventory
    cap $S flask-503-payments-apache.txt 503 app flask "the payment provider is down: the app's JSON 503 with Retry-After" "curl -si" -- -si $RA $A/api/payments
    cap $S flask-504-quotes-apache.txt 504 app flask "the pricing service never answers: the app's JSON 504 after 1 s" "curl -sv" -- -sv $RA $A/api/quotes
    capjq $BO body-flask-404-order-jq-apache.txt 404/404 app flask "order 9: the JSON error, its status field shows 404" "curl -s | jq ." -- $RA $A/api/orders/9
    cap $S apache-403-internal-flask.txt 403 proxy apache "/internal/: Require all denied, Apache's 403" "curl -si" -- -si $RA $A/internal/metrics
    cap $S apache-414-long-query-flask.txt 414 proxy apache "a 1.5 KB request line, LimitRequestLine 1024: Apache's 414" "curl -sv" -- -sv $RA "$A/api/orders/1?q=$LONGQ"
    capwget $S apache-502-report-proxy-timeout-flask-wget.txt 502 proxy apache "/api/report takes 6 s: ProxyTimeout 3, Apache's 502 Proxy Error" "wget -S -O-" -- --header="Host: $H:62623" http://127.0.0.1:62623/api/report
    sleep 3.5
    kill_app flask
    cap $S apache-503-app-killed-flask.txt 503 proxy apache "waitress killed (SIGKILL): connection refused, retry=0, Apache's 503" "curl -sv" -- -sv $RA $A/api/orders/1
    capcutn $HO cut-apache-503-app-killed-flask.txt 503 proxy apache "waitress still down: Apache's 503" "cut from curl -si: status line and 3 headers, no command line" -- 3 i -si $RA $A/api/cart
    start_app flask || die "flask did not come back"
    cap $S flask-200-healthz-after-restart-apache.txt 200 app flask "started again: /healthz" "curl -si" -- -si $RA $A/healthz
fi
log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in apache haproxy; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round110/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
