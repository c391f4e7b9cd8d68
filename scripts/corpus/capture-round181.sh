#!/usr/bin/env bash
# capture-round181.sh — build the hundred-and-eighty-first held-out evidence
# corpus in tests/fixtures/evidence-round181/.
#
# "Caches answering by themselves, a fourth fresh look" (round 169's caches,
# configs and apps, the apps moved onto other fronts again): five caching
# fronts, each before one app: round 74's catalog apps (scripts/corpus/apps74/,
# unchanged) imported by scripts/corpus/apps160/ (unchanged). Front configs in
# scripts/corpus/conf-round181/ (round 169's, ports moved to 61800-61899,
# upstreams changed, nginx proxy_cache_background_update on, Apache
# CacheQuickHandler off):
#   - nginx 1.22 proxy_cache (X-Cache-Status) -> Django 5.2 on Waitress;
#   - Apache 2.4 mod_cache + mod_cache_disk -> Flask 3.1 on Waitress;
#   - Squid 5.7 (accel) -> Express 4.22 on Node 20;
#   - Traffic Server 9.2 -> Django 5.2 on gunicorn;
#   - Varnish 7.1 (grace, synths, builtin pass for Authorization) -> FastAPI
#     on uvicorn.
# Plain HTTP/1.1 throughout. Helpers are round 169's, unchanged.
#
#   scripts/corpus/capture-round181.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round181.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round181.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 61800-61899), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers
# meanwhile: those are not looked at, and never stopped); every curl, HTTPie
# and wget request runs under `timeout`; every server it started is stopped
# on exit, by process id. Labels are written by finish_round181.py, which
# refuses (and this script then leaves the fixtures as they were) when a
# label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round181"
RUN=/tmp/api-triage-corpus181-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round181"
APPS="$HERE/apps160"
VENV=${CORPUS_VENV181:-/tmp/api-triage-corpus181-venv}     # a copy of round 169's (django, fastapi, flask, uvicorn, gunicorn, waitress, httpie)
NODE_DIR=${CORPUS_NODE181:-/tmp/api-triage-corpus181-node} # a copy of round 169's (express)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 django==5.2.19 fastapi==0.165.0 flask==3.1.3 werkzeug==3.1.9 uvicorn==0.55.0 gunicorn==27.0.1 waitress==3.0.2)
NODE_PKGS=(express@4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus181 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq nginx apache2 varnish squid trafficserver python3-venv nodejs)
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

install_venv() {  # a copy of round 148's venv; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, django, fastapi, flask, werkzeug, uvicorn, gunicorn, waitress" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of round 148's node_modules; from npm when missing
    local m ok=1
    for m in express; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus181","private":true}' >"$NODE_DIR/package.json"
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
# only ours are checked against 127.0.0.1 and 61800-61899) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round181.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS ]] || die "missing $CONF or $APPS"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn,squid,varnish,apache/logs,apache/cache,apache/cachelock,nginx/tmp}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the Node packages are missing (${SKIPPED[node]})"
for p in nginx apache2 varnish squid trafficserver jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: nginx 61880 (Django/Waitress), Apache 61882 (Flask/Waitress), Traffic Server
# 61885 (Django/gunicorn), Squid 61850 (Express), Varnish 61890 (FastAPI/uvicorn). Apps:
# FastAPI/uvicorn 61811, Django/gunicorn 61812, Express/Node 61813, Django/Waitress
# 61814, Flask/Waitress 61815. 61899 is never listened on (the dead /legacy/).
TCP_PORTS=(61811 61812 61813 61814 61815 61850 61880 61882 61885 61890 61899)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    uvicorn) start_bg uvicorn env PYTHONPATH="$APPS" nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS" --host 127.0.0.1 --port 61811 fastapi_ext:app
        wait_port 61811 uvicorn ;;
    gunicorn) start_bg gunicorn env PYTHONPATH="$APPS" nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:61812 --workers 2 \
            --timeout 30 --worker-tmp-dir "$RUN/gunicorn" django_ext:application
        wait_port 61812 gunicorn ;;
    express) start_bg express env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_ext.js" 61813
        wait_port 61813 express ;;
    waitress-django) start_bg waitress-django env PYTHONPATH="$APPS" nice -n 5 "$VPY" -m waitress --listen=127.0.0.1:61814 \
            --threads=4 django_ext:application
        wait_port 61814 waitress-django ;;
    waitress-flask) start_bg waitress-flask env PYTHONPATH="$APPS" nice -n 5 "$VPY" -m waitress --listen=127.0.0.1:61815 \
            --threads=4 flask_ext:app
        wait_port 61815 waitress-flask ;;
    esac
}
kill_app() {  # kill_app NAME: SIGKILL the server (and its workers)
    local f=$RUN/pids/$1.pid pid kids
    [[ -e $f ]] || return 0
    pid=$(cat "$f")
    kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null)
    kill -KILL "$pid" $kids 2>/dev/null
    rm -f "$f"
    sleep 0.5
}
for a in uvicorn gunicorn express waitress-django waitress-flask; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
rconf() { sed -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$CONF|g" "$1" >"$2"; }
rconf "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 61880 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
rconf "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 61882 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
cp "$CONF/varnish.vcl" "$RUN/varnish/r181.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:61890 -T none -f "$RUN/varnish/r181.vcl" -n "$RUN/varnish/r181" -s malloc,16m
wait_port 61890 varnish && UP[varnish]=1
rconf "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus181 -f "$RUN/squid/squid.conf"
wait_port 61850 squid && UP[squid]=1
A=$RUN/ats
mkdir -p "$A"/etc "$A"/var/cache "$A"/log "$A"/run
for f in logging.yaml cache.config hosting.config parent.config sni.yaml socks.config \
         splitdns.config volume.config strategies.yaml ssl_multicert.config; do
    [[ -e /etc/trafficserver/$f ]] && cp "/etc/trafficserver/$f" "$A/etc/"
done
rconf "$CONF/records.config" "$A/etc/records.config"
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
wait_port 61885 trafficserver && UP[ats]=1
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 61800 || p > 61899) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 61800-61899: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 181 (held out): real responses captured by
# scripts/corpus/capture-round181.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-180:
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

BO=body-only-paste HO=headers-only-paste
LM='Mon, 02 Jun 2025 08:00:00 GMT'
JSONH=(-H 'Content-Type: application/json')
KEPT="a cached app error served again from the store: labelled app, as rounds 26-74 label a kept error of the app"

TOK=(-H 'Authorization: Bearer good-token')

# ================================================= nginx proxy_cache -> Django on Waitress ==
if up nginx; then
    log "capturing: Django on Waitress behind nginx proxy_cache"
    S=django-waitress-nginx-cache-r181
    H=api.fernhill.test N=http://api.fernhill.test:61880 RN="--resolve api.fernhill.test:61880:127.0.0.1"
    cap $S django-200-product-miss-nginx.txt 200 app django "product 1, first request since nginx started with an empty cache: a MISS, Django's JSON passed on (nginx's own Server)" "curl -si" -- -si $RN $N/api/products/1
    cap $S nginx-200-product-hit-django.txt 200 cdn-cache nginx "product 1 again within max-age=300: a HIT from nginx's store" "curl -sv" -- -sv $RN $N/api/products/1
    capraw $S nginx-304-product-inm-django.txt 304 cdn-cache nginx "If-None-Match with the stored ETag: nginx's own 304 from its store" "curl -si saved to a file (CRs kept)" -- -si $RN -H 'If-None-Match: "fh-p1-v6"' $N/api/products/1
    cap $S django-200-rates-miss-nginx.txt 200 app django "/api/rates (max-age=2), first request: a MISS" "curl -si" -- -si $RN $N/api/rates
    cap $S django-301-legacy-miss-nginx.txt 301 app django "/api/catalog/legacy-1, first request: the view's 301 (public, max-age=300), a MISS" "curl -si" -- -si $RN $N/api/catalog/legacy-1
    caplt $S nginx-301-legacy-hit-django.txt 301 cdn-cache nginx "/api/catalog/legacy-1 again: the stored 301 answered from nginx's store (HIT)" "curl -sv, only the < lines kept" -- -sv $RN $N/api/catalog/legacy-1
    cap $S django-404-product9-miss-nginx.txt 404 app django "product 9, first request: the view's JSON 404 (public, max-age=120), a MISS" "curl -si" -- -si $RN $N/api/products/9
    capwin $S nginx-404-product9-hit-django.txt 404 app django "product 9 again: Django's 404 served from nginx's store (HIT)" "$KEPT; curl -si pasted with CRLF" -- -si $RN $N/api/products/9
    HTTPIE_CMD=http caphttp $S django-401-me-nginx-httpie.txt 401 app django "HTTPie, no token: the view's JSON 401" "HTTPie -v with colours" -- -v GET http://127.0.0.1:61880/api/me Host:$H
    capdump $S django-201-post-nginx.txt 201 app django "POST an order: the view's JSON 201, passed on" "curl -s -D-" -- $RN -X POST "${JSONH[@]}" -d '{"sku":"LK-BRG-608","qty":1}' $N/api/orders
    cap $S django-500-boom-nginx.txt 500 app django "an unhandled error: Django's Server Error (500) page (DEBUG off), passed on" "curl -si" -- -si $RN $N/api/boom
    cap $S nginx-504-slow-django.txt 504 proxy nginx "/api/slow waits 5 s, proxy_read_timeout 3s, nothing stored: nginx's 504 page" "curl -sv" -- -sv $RN $N/api/slow
    capjq $BO body-django-429-quota-jq-nginx.txt 0/429 app django "the view's JSON 429, no status number in it" "curl -s | jq ." -- $RN $N/api/quota
    cap $S nginx-412-product-if-match-django.txt 412 cdn-cache nginx "If-Match with an old ETag on the stored product: nginx's own 412 from its store" "curl -si" -- -si $RN -H 'If-Match: "fh-p1-v5"' $N/api/products/1
    cap $S nginx-304-product-ims-django.txt 304 cdn-cache nginx "If-Modified-Since with the stored Last-Modified: nginx's 304 from its store" "curl -sv" -- -sv $RN -H "If-Modified-Since: $LM" $N/api/products/1
    caphead $HO head-nginx-200-product-hit-django.txt 200 cdn-cache nginx "HEAD for the stored product: a HIT from nginx's store" "curl -sI" -- $RN $N/api/products/1
    sleep 2.5
    cap $S nginx-200-rates-updating-django.txt 200 cdn-cache nginx "/api/rates expired, Waitress up: proxy_cache_use_stale updating + proxy_cache_background_update answer with the expired copy at once (X-Cache-Status: STALE) while nginx refreshes it in a background subrequest" "scenario corrected after run 1 (planned to show UPDATING; run 1 showed STALE, no label changed); curl -si" -- -si $RN $N/api/rates
    sleep 3
    kill_app waitress-django
    cap $S nginx-200-rates-stale-django.txt 200 cdn-cache nginx "Waitress killed, /api/rates expired: proxy_cache_use_stale error serves the stale copy (STALE)" "curl -si" -- -si $RN $N/api/rates
    cap $S nginx-200-product-hit-app-down-django.txt 200 cdn-cache nginx "Waitress killed: product 1 still fresh, a HIT" "curl -sv" -- -sv $RN $N/api/products/1
    capraw $S nginx-502-order-app-down-django.txt 502 proxy nginx "Waitress killed, an order never stored: nginx's 502 page" "curl -si saved to a file (CRs kept)" -- -si $RN $N/api/orders/7
fi
# ================================================= Apache mod_cache_disk -> Flask on Waitress ==
if up apache; then
    log "capturing: Flask on Waitress behind Apache mod_cache"
    S=flask-waitress-apache-cache-disk-r181
    H=api.fernhill.test P=http://api.fernhill.test:61882 RP="--resolve api.fernhill.test:61882:127.0.0.1"
    cap $S flask-200-product-miss-apache.txt 200 app flask "product 1, first request: a MISS, Flask's JSON passed on (Apache's Server)" "curl -si" -- -si $RP $P/api/products/1
    cap $S apache-200-product-hit-flask.txt 200 cdn-cache apache "product 1 again: mod_cache's HIT (CacheQuickHandler off: served from the handler phase)" "curl -sv" -- -sv $RP $P/api/products/1
    capwin $S apache-304-product-inm-flask.txt 304 cdn-cache apache "If-None-Match with the stored ETag: mod_cache's own 304" "curl -si pasted with CRLF" -- -si $RP -H 'If-None-Match: "lk-p1-v4"' $P/api/products/1
    cap $S flask-200-rates-miss-apache.txt 200 app flask "/api/rates (max-age=2), first request: a MISS" "curl -si" -- -si $RP $P/api/rates
    cap $S flask-301-legacy-miss-apache.txt 301 app flask "/api/catalog/legacy-1, first request: the handler's 301 (public, max-age=300), a MISS" "curl -si" -- -si $RP $P/api/catalog/legacy-1
    capraw $S apache-301-legacy-hit-flask.txt 301 cdn-cache apache "/api/catalog/legacy-1 again: the stored 301 answered from mod_cache's store (HIT)" "curl -si saved to a file (CRs kept)" -- -si $RP $P/api/catalog/legacy-1
    caplt $S flask-404-product9-miss-apache.txt 404 app flask "product 9, first request: the handler's JSON 404 (public, max-age=120), a MISS" "curl -sv, only the < lines kept" -- -sv $RP $P/api/products/9
    cap $S apache-404-product9-hit-flask.txt 404 app flask "product 9 again: Flask's 404 served from mod_cache's store" "$KEPT; curl -si" -- -si $RP $P/api/products/9
    HTTPIE_CMD=http caphttp $S flask-401-me-apache-httpie.txt 401 app flask "HTTPie, no token: the handler's JSON 401" "HTTPie -v with colours" -- -v GET http://127.0.0.1:61882/api/me Host:$H
    cap $S flask-422-post-apache.txt 422 app flask "POST without sku: the handler's JSON 422" "curl -sv" -- -sv $RP -X POST "${JSONH[@]}" -d '{"qty":2}' $P/api/orders
    capcut $S flask-429-quota-apache.txt 429 app flask "the handler's JSON 429 with Retry-After" "curl -si, body cut off after the headers" -- -si $RP $P/api/quota
    capwget $S flask-500-boom-apache-wget.txt 500 app flask "an unhandled error: Flask's HTML 500 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61882/api/boom
    caplt $S apache-502-slow-flask.txt 502 proxy apache "/api/slow waits 5 s, over ProxyTimeout 3, nothing stored: Apache's 502 Proxy Error page" "curl -sv, only the < lines kept" -- -sv $RP $P/api/slow
    capbody $BO body-flask-404-order-apache.txt 0/404 app flask "order 7: the handler's JSON 404, no status number in it" "curl -s" -- $RP $P/api/orders/7
    capvnull $HO vnull-apache-304-product-inm-flask.txt 304 cdn-cache apache "If-None-Match: mod_cache's 304 from its store" "curl -sv -o /dev/null, only the < lines kept" -- $RP -H 'If-None-Match: "lk-p1-v4"' $P/api/products/1
    sleep 2.5
    kill_app waitress-flask
    cap $S apache-200-rates-stale-flask.txt 200 cdn-cache apache "Waitress killed, /api/rates expired: CacheStaleOnError serves the stale copy" "curl -si" -- -si $RP $P/api/rates
    cap $S apache-503-order-app-down-flask.txt 503 proxy apache "Waitress killed, an order never stored: Apache's 503 page" "curl -si" -- -si $RP $P/api/orders/8
    capbody $BO body-apache-503-app-down-flask.txt 503/503 proxy apache "Waitress killed: Apache's 503 page, its title shows 503" "curl -s" -- $RP $P/api/orders/9
fi
# ================================================= Squid (accel) -> Express on Node ==
if up squid; then
    log "capturing: Express on Node behind Squid"
    S=express-node-squid-accel-r181
    H=api.larkspur.test Q=http://api.larkspur.test:61850 RQ="--resolve api.larkspur.test:61850:127.0.0.1"
    cap $S express-200-product-miss-squid.txt 200 app express "product 1, first request: a MISS, Express's JSON (X-Powered-By: Express) (Squid's Via)" "curl -si" -- -si $RQ $Q/api/products/1
    cap $S squid-200-product-hit-express.txt 200 cdn-cache squid "product 1 again: Squid's HIT, the stored X-Powered-By still Express" "curl -sv" -- -sv $RQ $Q/api/products/1
    caplt $S squid-304-product-inm-express.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's own 304" "curl -sv, only the < lines kept" -- -sv $RQ -H 'If-None-Match: "cv-p1-v9"' $Q/api/products/1
    cap $S squid-304-product-ims-express.txt 304 cdn-cache squid "If-Modified-Since with the stored Last-Modified: Squid's own 304 from its store" "curl -sv" -- -sv $RQ -H "If-Modified-Since: $LM" $Q/api/products/1
    capwin $S squid-412-product-if-match-express.txt 412 cdn-cache squid "If-Match with an old ETag: Squid's own 412 from its store" "curl -si pasted with CRLF" -- -si $RQ -H 'If-Match: "cv-p1-v8"' $Q/api/products/1
    cap $S express-301-legacy-miss-squid.txt 301 app express "/api/catalog/legacy-1, first request: Express's 301 (public, max-age=300), a MISS" "curl -si" -- -si $RQ $Q/api/catalog/legacy-1
    capwin $S squid-301-legacy-hit-express.txt 301 cdn-cache squid "/api/catalog/legacy-1 again: the stored 301 from Squid's store (HIT)" "curl -si pasted with CRLF" -- -si $RQ $Q/api/catalog/legacy-1
    cap $S express-404-product9-miss-squid.txt 404 app express "product 9, first request: the handler's JSON 404 (public, max-age=120), a MISS" "curl -si" -- -si $RQ $Q/api/products/9
    capjq $BO body-squid-404-product9-hit-express-jq.txt 0/404 app express "product 9 again: Express's JSON 404 from Squid's store (HIT), no status number in it" "$KEPT; curl -s | jq ." -- $RQ $Q/api/products/9
    capraw $S express-409-put-order-squid.txt 409 app express "PUT order 7: the handler's JSON 409, passed on" "curl -si saved to a file (CRs kept)" -- -si $RQ -X PUT "${JSONH[@]}" -d '{"qty":3}' $Q/api/orders/7
    capwget $S express-500-boom-squid-wget.txt 500 app express "an unhandled error: finalhandler's HTML Internal Server Error page" "wget -S -O-" -- --header="Host: $H:61850" http://127.0.0.1:61850/api/boom
    cap $S express-503-maintenance-squid.txt 503 app express "the handler's JSON 503 maintenance answer with Retry-After" "curl -si" -- -si $RQ $Q/api/maintenance
    cap $S squid-504-slow-express.txt 504 cdn-cache squid "/api/slow waits 5 s, read_timeout 3 seconds: Squid's ERR_READ_TIMEOUT" "curl -si" -- -si $RQ $Q/api/slow
    capbody $BO body-express-503-maintenance-squid.txt 0/503 app express "the handler's JSON 503, no status number in it" "curl -s" -- $RQ $Q/api/maintenance
    capcutn $HO cutn-squid-200-product-hit-express.txt 200 cdn-cache squid "product 1 from Squid's store: the status line and first headers" "curl -si, the status line and 4 headers kept" -- 4 i $RQ $Q/api/products/1
    kill_app express
    cap $S squid-200-product-hit-app-down-express.txt 200 cdn-cache squid "Node killed: product 1 still fresh, a HIT" "curl -si" -- -si $RQ $Q/api/products/1
    cap $S squid-503-order-app-down-express.txt 503 cdn-cache squid "Node killed, an order never stored: Squid's ERR_CONNECT_FAIL" "curl -sv" -- -sv $RQ $Q/api/orders/7
fi
# ================================================= Traffic Server -> Django on gunicorn ==
if up ats; then
    log "capturing: Django on gunicorn behind Traffic Server"
    S=django-gunicorn-trafficserver-r181
    H=api.fernhill.test T=http://api.fernhill.test:61885 RT="--resolve api.fernhill.test:61885:127.0.0.1"
    cap $S django-200-product-miss-ats.txt 200 app django "product 1, first request: a MISS, Django's JSON with Server: gunicorn (ATS's Via)" "curl -sv" -- -sv $RT $T/api/products/1
    cap $S ats-200-product-hit-django.txt 200 cdn-cache trafficserver "product 1 again: from Traffic Server's cache" "curl -si" -- -si $RT $T/api/products/1
    capraw $S ats-304-product-inm-django.txt 304 cdn-cache trafficserver "If-None-Match with the stored ETag: Traffic Server's own 304 from the fresh copy" "curl -si saved to a file (CRs kept)" -- -si $RT -H 'If-None-Match: "fh-p1-v6"' $T/api/products/1
    capvnull $HO vnull-ats-304-product-ims-django.txt 304 cdn-cache trafficserver "If-Modified-Since with the stored Last-Modified: Traffic Server's own 304 from the fresh copy" "curl -sv -o /dev/null, only the < lines kept" -- $RT -H "If-Modified-Since: $LM" $T/api/products/1
    cap $S django-301-legacy-miss-ats.txt 301 app django "/api/catalog/legacy-1, first request: Django's 301 (public, max-age=300), a MISS" "curl -si" -- -si $RT $T/api/catalog/legacy-1
    cap $S ats-301-legacy-hit-django.txt 301 cdn-cache trafficserver "/api/catalog/legacy-1 again: the stored 301 from Traffic Server's cache" "curl -sv" -- -sv $RT $T/api/catalog/legacy-1
    cap $S django-404-product9-miss-ats.txt 404 app django "product 9, first request: the view's JSON 404 (public, max-age=120), a MISS" "curl -si" -- -si $RT $T/api/products/9
    capwin $S ats-404-product9-hit-django.txt 404 app django "product 9 again: Django's 404 from Traffic Server's cache" "$KEPT; curl -si pasted with CRLF" -- -si $RT $T/api/products/9
    HTTPIE_CMD=http caphttp $S django-201-post-ats-httpie.txt 201 app django "HTTPie POST an order: the view's JSON 201" "HTTPie -v with colours" -- -v POST http://127.0.0.1:61885/api/orders Host:$H:61885 sku=CV-ANC-22 qty:=2
    capwget $S django-500-boom-ats-wget.txt 500 app django "an unhandled error, DEBUG off: Django's Server Error (500) page" "wget -S -O-" -- --header="Host: $H:61885" http://127.0.0.1:61885/api/boom
    cap $S ats-504-slow-django.txt 504 cdn-cache trafficserver "/api/slow waits 5 s, transaction_no_activity_timeout_out 2: Traffic Server's 'Inactivity Timeout'" "curl -sv" -- -sv $RT $T/api/slow
    capbody $BO body-django-404-order-ats.txt 0/404 app django "order 7: the view's JSON 404, no status number in it" "curl -s" -- $RT $T/api/orders/7
    caphead $HO head-ats-200-product-hit-django.txt 200 cdn-cache trafficserver "HEAD for the stored product: from Traffic Server's cache" "curl -sI" -- $RT $T/api/products/1
    kill_app gunicorn
    cap $S ats-200-product-hit-app-down-django.txt 200 cdn-cache trafficserver "gunicorn killed: product 1 still fresh, from the cache" "curl -si" -- -si $RT $T/api/products/1
    capraw $S ats-502-order-app-down-django.txt 502 cdn-cache trafficserver "gunicorn killed, an order never stored: 'Could Not Connect'" "curl -si saved to a file (CRs kept)" -- -si $RT $T/api/orders/7
    capbody $BO body-ats-502-app-down-django.txt 0/502 cdn-cache trafficserver "gunicorn killed: Traffic Server's Could Not Connect page, it shows no status number" "curl -s" -- $RT $T/api/orders/8
fi
# ================================================= Varnish -> FastAPI on uvicorn ==
if up varnish; then
    log "capturing: FastAPI on uvicorn behind Varnish"
    S=fastapi-uvicorn-varnish-grace-r181
    H=api.larkspur.test V=http://api.larkspur.test:61890 RV="--resolve api.larkspur.test:61890:127.0.0.1"
    cap $S fastapi-200-product-miss-varnish.txt 200 app fastapi "product 1, first request: a MISS, FastAPI's JSON with Server: uvicorn (Varnish's Via)" "curl -si" -- -si $RV $V/api/products/1
    cap $S varnish-200-product-hit-fastapi.txt 200 cdn-cache varnish "product 1 again: Varnish's HIT" "curl -sv" -- -sv $RV $V/api/products/1
    caplt $S varnish-304-product-inm-fastapi.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's own 304" "curl -sv, only the < lines kept" -- -sv $RV -H 'If-None-Match: "qs-p1-v2"' $V/api/products/1
    capraw $S varnish-304-product-ims-fastapi.txt 304 cdn-cache varnish "If-Modified-Since with the stored Last-Modified: Varnish's own 304" "curl -si saved to a file (CRs kept)" -- -si $RV -H "If-Modified-Since: $LM" $V/api/products/1
    cap $S fastapi-200-rates-miss-varnish.txt 200 app fastapi "/api/rates (max-age=2), first request: a MISS" "curl -si" -- -si $RV $V/api/rates
    cap $S fastapi-301-legacy-miss-varnish.txt 301 app fastapi "/api/catalog/legacy-1, first request: the handler's 301 (public, max-age=300), a MISS" "curl -si" -- -si $RV $V/api/catalog/legacy-1
    cap $S varnish-301-legacy-hit-fastapi.txt 301 cdn-cache varnish "/api/catalog/legacy-1 again: the stored 301, Varnish's HIT" "curl -si" -- -si $RV $V/api/catalog/legacy-1
    capwin $S fastapi-404-product9-miss-varnish.txt 404 app fastapi "product 9, first request: the handler's JSON 404 (public, max-age=120), a MISS" "curl -si pasted with CRLF" -- -si $RV $V/api/products/9
    HTTPIE_CMD=http caphttp $S varnish-404-product9-hit-fastapi-httpie.txt 404 app fastapi "product 9 again: FastAPI's 404 from Varnish's store (HIT)" "$KEPT; HTTPie -v with colours" -- -v GET http://127.0.0.1:61890/api/products/9 Host:$H:61890
    cap $S fastapi-200-me-token-pass-varnish.txt 200 app fastapi "GET /api/me with a bearer token: the builtin vcl_recv passes it, the handler's JSON 200" "curl -sv" -- -sv $RV "${TOK[@]}" $V/api/me
    capraw $S fastapi-409-put-order-varnish.txt 409 app fastapi "PUT order 7: the handler's JSON 409 (PUT is passed)" "curl -si saved to a file (CRs kept)" -- -si $RV -X PUT "${JSONH[@]}" -d '{"qty":4}' $V/api/orders/7
    cap $S fastapi-422-post-varnish.txt 422 app fastapi "POST without sku: the handler's JSON 422 (POST is passed)" "curl -si" -- -si $RV -X POST "${JSONH[@]}" -d '{"qty":1}' $V/api/orders
    capcut $S fastapi-429-quota-varnish.txt 429 app fastapi "the handler's JSON 429 with Retry-After" "curl -si, body cut off after the headers" -- -si $RV $V/api/quota
    capwget $S fastapi-500-boom-varnish-wget.txt 500 app fastapi "an unhandled error: Starlette's text Internal Server Error" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:61890/api/boom
    cap $S fastapi-503-statements-varnish.txt 503 app fastapi "the handler's own HTML 503 page (no-store), passed on" "curl -si" -- -si $RV $V/api/statements
    cap $S varnish-403-admin-synth-fastapi.txt 403 cdn-cache varnish "/admin/: vcl_recv's synth 403, Varnish's guru page" "curl -sv" -- -sv $RV $V/admin/
    capraw $S varnish-503-exports-synth-fastapi.txt 503 cdn-cache varnish "/api/exports/: vcl_synth's JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/exports/today
    cap $S varnish-503-slow-fastapi.txt 503 cdn-cache varnish "/api/slow waits 5 s, first_byte_timeout 3s: Backend fetch failed" "curl -si" -- -si $RV $V/api/slow
    capbody $BO body-varnish-503-exports-synth-fastapi.txt 0/503 cdn-cache varnish "vcl_synth's JSON 503, no status number in it" "curl -s" -- $RV $V/api/exports/today
    caphttph $HO httph-varnish-200-product-hit-fastapi.txt 200 cdn-cache varnish "product 1 from Varnish's store" "HTTPie --headers with colours" -- GET http://127.0.0.1:61890/api/products/1 Host:$H:61890
    sleep 2.5
    kill_app uvicorn
    cap $S varnish-200-rates-grace-fastapi.txt 200 cdn-cache varnish "uvicorn killed, /api/rates expired: Varnish's grace copy" "curl -si" -- -si $RV $V/api/rates
    cap $S varnish-503-order-app-down-fastapi.txt 503 cdn-cache varnish "uvicorn killed, an order never stored: Backend fetch failed" "curl -sv" -- -sv $RV $V/api/orders/7
    capbody $BO body-varnish-503-app-down-fastapi.txt 503/503 cdn-cache varnish "uvicorn killed, an order never stored: Varnish's Backend fetch failed page, its title shows 503" "curl -s" -- $RV $V/api/orders/8
fi
log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx apache squid ats varnish; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round181/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
