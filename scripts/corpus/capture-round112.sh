#!/usr/bin/env bash
# capture-round112.sh — build the hundred-and-twelfth held-out evidence corpus
# in tests/fixtures/evidence-round112/.
#
# "Caches answering by themselves and passing on": six front + app pairings
# (front configs in scripts/corpus/conf-round112/, apps in apps112/):
#   - Varnish 7.1 -> Express 4.22 (apps112/express_app.js);
#   - Squid 5.7 (accel) -> FastAPI on uvicorn (apps112/fastapi_app.py);
#   - Varnish 7.1 -> Flask 3.1 under waitress (apps112/flask_app.py);
#   - Squid 5.7 (accel) -> gin (apps96/gin_catalog.go, round 100's build);
#   - HAProxy 2.6 -> Varnish 7.1 -> Django 5.2 on gunicorn (apps112/django_app.py);
#   - Varnish 7.1 -> Sinatra 3.0 on Puma (apps112/sinatra.ru).
# One varnishd with four ports, one Squid with two, one HAProxy. Plain
# HTTP/1.1. Helpers are round 110's, unchanged.
#
#   scripts/corpus/capture-round112.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round112.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round112.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-63999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers in
# 60000-61999 meanwhile: those are not looked at, and never stopped); every
# curl, HTTPie and wget request runs under `timeout`; every server it started
# is stopped on exit, by process id. Labels are written by finish_round112.py,
# which refuses (and this script then leaves the fixtures as they were) when
# a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round112"
RUN=/tmp/api-triage-corpus112-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round112"
APPS112="$HERE/apps112"
VENV=${CORPUS_VENV112:-/tmp/api-triage-corpus112-venv}     # a copy of round 110's
NODE_DIR=${CORPUS_NODE112:-/tmp/api-triage-corpus112-node} # a copy of round 110's
GO_DIR=${CORPUS_GO112:-/tmp/api-triage-corpus112-go}       # round 100's gin_catalog binary
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0 gunicorn==27.0.1 flask==3.1.3 waitress==3.0.2)
NODE_PKGS=(express@4.22.1)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus112 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq haproxy varnish squid python3-venv nodejs puma ruby-sinatra)
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

install_venv() {  # a copy of round 110's venv; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, django, fastapi, uvicorn, gunicorn, flask, waitress" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of round 110's node_modules; from npm when missing
    local m ok=1
    for m in express; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus112","private":true}' >"$NODE_DIR/package.json"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round112.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS112 ]] || die "missing $CONF or $APPS112"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn,squid,varnish,haproxy}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the Node packages are missing (${SKIPPED[node]}; copy round 110's node folder to $NODE_DIR)"
[[ -x $GO_DIR/gin_catalog ]] || die "$GO_DIR/gin_catalog is missing (copy round 100's build from /tmp/api-triage-corpus100-go)"
for p in haproxy varnish squid puma ruby-sinatra jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: Varnish 62601 (Express), 62603 (Flask), 62605 (Django, behind
# HAProxy 62615), 62606 (Sinatra); Squid 62602 (FastAPI), 62604 (gin).
# Apps: Express 62701, FastAPI 62702, Flask 62703, gin 62704, Django 62705,
# Sinatra 62706.
TCP_PORTS=(62601 62602 62603 62604 62605 62606 62615 62701 62702 62703 62704 62705 62706)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    express) start_bg express env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node \
            "$APPS112/express_app.js" 62701; wait_port 62701 express ;;
    fastapi) start_bg fastapi nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS112" \
            --host 127.0.0.1 --port 62702 --workers 1 --no-access-log fastapi_app:app
        wait_port 62702 fastapi ;;
    flask) start_bg flask env PYTHONPATH="$APPS112" nice -n 5 "$VPY" -m waitress --listen=127.0.0.1:62703 --threads=4 flask_app:app
        wait_port 62703 flask ;;
    gin) start_bg gin env GIN_MODE=release nice -n 5 "$GO_DIR/gin_catalog" 62704; wait_port 62704 gin ;;
    django) start_bg django nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:62705 \
            --workers 2 --threads 1 --chdir "$APPS112" --worker-tmp-dir "$RUN/gunicorn" django_app:application
        wait_port 62705 django ;;
    sinatra) start_bg sinatra nice -n 5 puma -e production -t 4:4 --tag "$RUN/puma" \
            -b tcp://127.0.0.1:62706 "$APPS112/sinatra.ru"
        wait_port 62706 sinatra ;;
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
for a in express fastapi flask gin django sinatra; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
cp "$CONF/varnish.vcl" "$RUN/varnish/r112.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:62601 -a 127.0.0.1:62603 -a 127.0.0.1:62605 -a 127.0.0.1:62606 \
    -T none -f "$RUN/varnish/r112.vcl" -n "$RUN/varnish/r112" -s malloc,16m
wait_port 62601 varnish && wait_port 62606 varnish && UP[varnish]=1
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus112 -f "$RUN/squid/squid.conf"
wait_port 62602 squid && wait_port 62604 squid && UP[squid]=1
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62615 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 112 (held out): real responses captured by
# scripts/corpus/capture-round112.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-111:
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

LM='Mon, 02 Jun 2025 08:00:00 GMT'
BO=body-only-paste HO=headers-only-paste

# ================================================= Varnish -> Express ==
if up varnish; then
    log "capturing: Express behind Varnish"
    S=express-varnish-r112
    H=api.fernhill.test V=http://api.fernhill.test:62601 RV="--resolve api.fernhill.test:62601:127.0.0.1"
    quiet $RV $V/api/rates
    cap $S express-200-booking-miss-varnish.txt 200 app express "booking 1, first request: a MISS, Express's answer passed on" "curl -sv" -- -sv $RV $V/api/bookings/1
    cap $S varnish-200-booking-hit-express.txt 200 cdn-cache varnish "booking 1 again: a HIT from Varnish's store (X-Cache: HIT, Age)" "curl -si" -- -si $RV $V/api/bookings/1
    cap $S varnish-304-booking-inm-express.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's 304 from its store" "curl -si" -- -si $RV -H 'If-None-Match: "fh-b1-v4"' $V/api/bookings/1
    caplt $S varnish-304-booking-ims-express.txt 304 cdn-cache varnish "If-Modified-Since the stored Last-Modified: Varnish's 304 from its store" "curl -sv, only the < lines kept" -- -sv $RV -H "If-Modified-Since: $LM" $V/api/bookings/1
    capwin $S express-400-booking-id-varnish.txt 400 app express "booking 'abc': the handler's JSON 400 (no-store), a MISS" "curl -si pasted with CRLF" -- -si $RV $V/api/bookings/abc
    cap $S express-401-me-varnish.txt 401 app express "/api/me without a token: the JSON 401 with WWW-Authenticate Bearer, passed on" "curl -si" -- -si $RV $V/api/me
    capraw $S express-404-booking9-miss-varnish.txt 404 app express "booking 9, first request: the app's JSON 404 (public, max-age=120), a MISS" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/bookings/9
    cap $S express-404-booking9-hit-varnish.txt 404 app express "booking 9 again: the app's 404 kept by Varnish and replayed as a HIT" "curl -sv" -- -sv $RV $V/api/bookings/9
    cap $S express-500-boom-varnish.txt 500 app express "a thrown Error: the error middleware's JSON 500, passed on" "curl -si" -- -si $RV $V/api/boom
    cap $S varnish-403-admin-express.txt 403 cdn-cache varnish "/admin/: vcl_recv synth(403), Varnish's stock 'Error 403 Forbidden' page" "curl -si" -- -si $RV $V/admin/flush
    capcut $S varnish-405-purge-express.txt 405 cdn-cache varnish "PURGE: vcl_recv synth(405)" "curl -si, body cut off after the headers" -- -si $RV -X PURGE $V/api/bookings/1
    cap $S varnish-400-no-host-express.txt 400 cdn-cache varnish "an HTTP/1.1 request without Host: the built-in VCL's synth(400)" "curl -sv" -- -sv -H 'Host:' http://127.0.0.1:62601/api/bookings/1
    capwget $S varnish-503-slow-express-wget.txt 503 cdn-cache varnish "/api/slow takes 5 s, first_byte_timeout 3s: Varnish's 'Backend fetch failed'" "wget -S -O-" -- --header="Host: $H:62601" http://127.0.0.1:62601/api/slow
    sleep 2.5
    kill_app express
    cap $S varnish-200-rates-grace-express.txt 200 cdn-cache varnish "rates expired (max-age=2), node killed: grace serves the stale copy" "curl -si" -- -si $RV $V/api/rates
    cap $S varnish-503-app-killed-express.txt 503 cdn-cache varnish "node killed, booking 2 never cached: Varnish's 'Backend fetch failed'" "curl -sv" -- -sv $RV $V/api/bookings/2
    capbody $BO body-varnish-503-app-killed-express.txt 503/503 cdn-cache varnish "Varnish's guru meditation page, its title shows 503 (Express down)" "curl -s" -- $RV $V/api/me
    caphead $HO head-varnish-200-booking-hit-express.txt 200 cdn-cache varnish "HEAD booking 1 while Express is down: from Varnish's store" "curl -sI" -- $RV $V/api/bookings/1
    start_app express || die "express did not come back"
    cap $S express-200-healthz-after-restart-varnish.txt 200 app express "started again: /healthz (no-store), passed on" "curl -si" -- -si $RV $V/healthz
fi
# ================================================= Squid -> FastAPI on uvicorn ==
if up squid; then
    log "capturing: FastAPI on uvicorn behind Squid"
    S=fastapi-uvicorn-squid-r112
    H=api.quayside.test Q=http://api.quayside.test:62602 RQ="--resolve api.quayside.test:62602:127.0.0.1"
    quiet $RQ $Q/api/rates
    cap $S fastapi-200-parcel-miss-squid.txt 200 app fastapi "parcel 1, first request: a MISS, FastAPI's answer passed on" "curl -sv" -- -sv $RQ $Q/api/parcels/1
    cap $S squid-200-parcel-hit-fastapi.txt 200 cdn-cache squid "parcel 1 again: a HIT from Squid's store" "curl -si" -- -si $RQ $Q/api/parcels/1
    cap $S squid-304-parcel-inm-fastapi.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's 304 from its store" "curl -si" -- -si $RQ -H 'If-None-Match: "qs-p1-v4"' $Q/api/parcels/1
    capraw $S squid-304-parcel-ims-fastapi.txt 304 cdn-cache squid "If-Modified-Since the stored Last-Modified: Squid's 304 from its store" "curl -si saved to a file (CRs kept)" -- -si $RQ -H "If-Modified-Since: $LM" $Q/api/parcels/1
    cap $S squid-412-parcel-if-match-fastapi.txt 412 cdn-cache squid "If-Match with an old ETag on the stored parcel: Squid's 412" "curl -sv" -- -sv $RQ -H 'If-Match: "qs-p1-v3"' $Q/api/parcels/1
    cap $S fastapi-400-parcel-id-squid.txt 400 app fastapi "parcel 'abc': the handler's JSON 400 {\"detail\":...}" "curl -si" -- -si $RQ $Q/api/parcels/abc
    capwin $S fastapi-401-me-squid.txt 401 app fastapi "/api/me without a token: the JSON 401 with WWW-Authenticate" "curl -si pasted with CRLF" -- -si $RQ $Q/api/me
    cap $S fastapi-404-parcel9-miss-squid.txt 404 app fastapi "parcel 9, first request: the app's JSON 404 (public, max-age=120)" "curl -si" -- -si $RQ $Q/api/parcels/9
    caplt $S fastapi-404-parcel9-again-squid.txt 404 app fastapi "parcel 9 again: the app's 404, replayed from the store or fetched again (app either way)" "curl -sv, only the < lines kept" -- -sv $RQ $Q/api/parcels/9
    cap $S fastapi-500-boom-squid.txt 500 app fastapi "a KeyError caught: the handler's JSON 500" "curl -si" -- -si $RQ $Q/api/boom
    cap $S squid-403-internal-fastapi.txt 403 cdn-cache squid "/internal/: http_access deny, Squid's ERR_ACCESS_DENIED" "curl -si" -- -si $RQ $Q/internal/config
    capcut $S squid-403-purge-fastapi.txt 403 cdn-cache squid "PURGE denied by http_access: Squid's ERR_ACCESS_DENIED" "curl -si, body cut off after the headers" -- -si $RQ -X PURGE $Q/api/parcels/1
    # run 1 labelled the two requests below 400; Squid 5.7 answered 411 Length Required (ERR_INVALID_REQ): relabelled, see the README
    cap $S squid-411-bad-content-length-fastapi.txt 411 cdn-cache squid "a GET with a Content-Length that is not a number: Squid's ERR_INVALID_REQ as 411 Length Required" "curl -sv" -- -sv $RQ -H 'Content-Length: 1x' $Q/api/parcels/2
    cap $S squid-504-slow-fastapi.txt 504 cdn-cache squid "/api/slow takes 5 s, read_timeout 3 s: Squid's ERR_READ_TIMEOUT" "curl -si" -- -si $RQ $Q/api/slow
    sleep 2.5
    kill_app fastapi
    cap $S squid-504-rates-stale-fastapi.txt 504 cdn-cache squid "rates expired (max-age=2), uvicorn killed: Squid cannot revalidate and sends its own 504, not the stale copy" "curl -si" -- -si $RQ $Q/api/rates
    cap $S squid-503-app-killed-fastapi.txt 503 cdn-cache squid "uvicorn killed, parcel 2 never cached: Squid's ERR_CONNECT_FAIL" "curl -sv" -- -sv $RQ $Q/api/parcels/2
    # run 1 expected Squid to replay its kept 404 here (404/404, app, `| jq .`); Squid 5.7 had not kept it (both 404s above were MISSes): relabelled, see the README
    capbody $BO body-squid-503-parcel9-app-killed-fastapi.txt 0/503 cdn-cache squid "parcel 9 while uvicorn is down: the 404 was not kept, Squid's ERR_CONNECT_FAIL page (no status number in it)" "curl -s" -- $RQ $Q/api/parcels/9
    start_app fastapi || die "fastapi did not come back"
    capwget $S fastapi-200-healthz-after-restart-squid-wget.txt 200 app fastapi "started again: /healthz (no-store), passed on" "wget -S -O-" -- --header="Host: $H:62602" http://127.0.0.1:62602/healthz
fi
# ================================================= Varnish -> Flask under waitress ==
if up varnish; then
    log "capturing: Flask under waitress behind Varnish"
    S=flask-waitress-varnish-r112
    H=api.birchmoor.test V=http://api.birchmoor.test:62603 RV="--resolve api.birchmoor.test:62603:127.0.0.1"
    quiet $RV $V/api/rates
    caplt $S flask-200-invoice-miss-varnish.txt 200 app flask "invoice 1, first request: a MISS, Flask's answer passed on" "curl -sv, only the < lines kept" -- -sv $RV $V/api/invoices/1
    cap $S varnish-200-invoice-hit-flask.txt 200 cdn-cache varnish "invoice 1 again: a HIT from Varnish's store" "curl -sv" -- -sv $RV $V/api/invoices/1
    capwin $S varnish-304-invoice-inm-flask.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's 304 from its store" "curl -si pasted with CRLF" -- -si $RV -H 'If-None-Match: "bm-i1-v4"' $V/api/invoices/1
    cap $S varnish-304-invoice-ims-flask.txt 304 cdn-cache varnish "If-Modified-Since the stored Last-Modified: Varnish's 304 from its store" "curl -si" -- -si $RV -H "If-Modified-Since: $LM" $V/api/invoices/1
    cap $S flask-400-invoice-id-varnish.txt 400 app flask "invoice 'abc': the handler's JSON 400" "curl -si" -- -si $RV $V/api/invoices/abc
    capraw $S flask-401-me-varnish.txt 401 app flask "/api/me without a token: the JSON 401 with WWW-Authenticate" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/me
    cap $S flask-404-invoice9-miss-varnish.txt 404 app flask "invoice 9, first request: the app's JSON 404 (public, max-age=120), a MISS" "curl -si" -- -si $RV $V/api/invoices/9
    cap $S flask-404-invoice9-hit-varnish.txt 404 app flask "invoice 9 again: the app's 404 kept by Varnish and replayed as a HIT" "curl -si" -- -si $RV $V/api/invoices/9
    cap $S flask-404-no-route-varnish.txt 404 app flask "/api/invoice: no route, the errorhandler's JSON 404" "curl -si" -- -si $RV $V/api/invoice
    cap $S flask-500-boom-varnish.txt 500 app flask "a KeyError: the 500 errorhandler's JSON" "curl -sv" -- -sv $RV $V/api/boom
    cap $S varnish-403-admin-flask.txt 403 cdn-cache varnish "/admin/: vcl_recv synth(403)" "curl -si" -- -si $RV $V/admin/ban
    HTTPIE_CMD=http caphttp $S varnish-503-slow-flask-httpie.txt 503 cdn-cache varnish "/api/slow takes 5 s, first_byte_timeout 3s: Varnish's 'Backend fetch failed'" "HTTPie -v with colours" -- -v GET http://127.0.0.1:62603/api/slow Host:$H:62603
    sleep 2.5
    kill_app flask
    capraw $S varnish-200-rates-grace-flask.txt 200 cdn-cache varnish "rates expired (max-age=2), waitress killed: grace serves the stale copy" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/rates
    cap $S varnish-503-app-killed-flask.txt 503 cdn-cache varnish "waitress killed, invoice 2 never cached: Varnish's 'Backend fetch failed'" "curl -si" -- -si $RV $V/api/invoices/2
    capbody $BO body-flask-404-invoice9-hit-varnish.txt 404/404 app flask "invoice 9 while waitress is down: the kept JSON 404 replayed, its status field shows 404" "curl -s" -- $RV $V/api/invoices/9
    capvnull $HO vnull-varnish-503-app-killed-flask.txt 503 cdn-cache varnish "waitress still down: Varnish's 503" "curl -sv -o /dev/null, only the < lines kept" -- $RV $V/api/invoices/3
    start_app flask || die "flask did not come back"
    cap $S flask-200-healthz-after-restart-varnish.txt 200 app flask "started again: /healthz (no-store), passed on" "curl -si" -- -si $RV $V/healthz
fi
# ================================================= Squid -> gin ==
if up squid; then
    log "capturing: gin behind Squid"
    S=gin-squid-r112
    H=api.tamarack.test Q=http://api.tamarack.test:62604 RQ="--resolve api.tamarack.test:62604:127.0.0.1"
    quiet $RQ $Q/api/rates
    cap $S gin-200-product-miss-squid.txt 200 app gin "product 1, first request: a MISS, gin's answer passed on" "curl -si" -- -si $RQ $Q/api/products/1
    caplt $S squid-200-product-hit-gin.txt 200 cdn-cache squid "product 1 again: a HIT from Squid's store" "curl -sv, only the < lines kept" -- -sv $RQ $Q/api/products/1
    cap $S squid-304-product-inm-gin.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's 304 from its store" "curl -sv" -- -sv $RQ -H 'If-None-Match: "tm-p1-v3"' $Q/api/products/1
    cap $S squid-304-product-ims-gin.txt 304 cdn-cache squid "If-Modified-Since the stored Last-Modified: Squid's 304 from its store" "curl -si" -- -si $RQ -H "If-Modified-Since: $LM" $Q/api/products/1
    capwin $S squid-412-product-if-match-gin.txt 412 cdn-cache squid "If-Match with an old ETag on the stored product: Squid's 412" "curl -si pasted with CRLF" -- -si $RQ -H 'If-Match: "tm-p1-v2"' $Q/api/products/1
    cap $S gin-400-product-id-squid.txt 400 app gin "product 'abc': the handler's JSON 400 (no-store)" "curl -si" -- -si $RQ $Q/api/products/abc
    cap $S gin-401-account-squid.txt 401 app gin "/api/account: the handler's JSON 401 with WWW-Authenticate: Bearer" "curl -sv" -- -sv $RQ $Q/api/account
    capraw $S gin-404-product9-miss-squid.txt 404 app gin "product 9, first request: the app's JSON 404 (public, max-age=120)" "curl -si saved to a file (CRs kept)" -- -si $RQ $Q/api/products/9
    cap $S gin-404-product9-again-squid.txt 404 app gin "product 9 again: the app's 404, replayed from the store or fetched again (app either way)" "curl -si" -- -si $RQ $Q/api/products/9
    cap $S gin-500-boom-squid.txt 500 app gin "a nil-map panic: gin.Recovery's empty 500, passed on" "curl -si" -- -si $RQ $Q/api/boom
    cap $S squid-403-internal-gin.txt 403 cdn-cache squid "/internal/: http_access deny, Squid's ERR_ACCESS_DENIED" "curl -sv" -- -sv $RQ $Q/internal/metrics
    capcut $S squid-411-bad-content-length-gin.txt 411 cdn-cache squid "a GET with a Content-Length that is not a number: Squid's ERR_INVALID_REQ as 411 Length Required" "curl -si, body cut off after the headers" -- -si $RQ -H 'Content-Length: 1x' $Q/api/products/2
    capwget $S squid-504-slow-gin-wget.txt 504 cdn-cache squid "/api/slow takes 5 s, read_timeout 3 s: Squid's ERR_READ_TIMEOUT" "wget -S -O-" -- --header="Host: $H:62604" http://127.0.0.1:62604/api/slow
    sleep 2.5
    kill_app gin
    cap $S squid-504-rates-stale-gin.txt 504 cdn-cache squid "rates expired (max-age=2), gin killed: Squid cannot revalidate and sends its own 504, not the stale copy" "curl -sv" -- -sv $RQ $Q/api/rates
    capraw $S squid-503-app-killed-gin.txt 503 cdn-cache squid "gin killed, product 2 never cached: Squid's ERR_CONNECT_FAIL" "curl -si saved to a file (CRs kept)" -- -si $RQ $Q/api/products/2
    capbody $BO body-squid-503-app-killed-gin.txt 0/503 cdn-cache squid "Squid's ERR_CONNECT_FAIL page (gin down): its text shows no status number" "curl -s" -- $RQ $Q/api/products/3
    caphead $HO head-squid-200-product-hit-gin.txt 200 cdn-cache squid "HEAD product 1 while gin is down: from Squid's store" "curl -sI" -- $RQ $Q/api/products/1
    start_app gin || die "gin did not come back"
    cap $S gin-404-product2-after-restart-squid.txt 404 app gin "started again: product 2 (no-store 404), passed on" "curl -si" -- -si $RQ $Q/api/products/2
fi
# ================================================= HAProxy -> Varnish -> Django on gunicorn ==
if up haproxy && up varnish; then
    log "capturing: Django on gunicorn behind HAProxy then Varnish"
    S=django-gunicorn-haproxy-varnish-r112
    H=api.kestrel.test K=http://api.kestrel.test:62615 RK="--resolve api.kestrel.test:62615:127.0.0.1"
    quiet $RK $K/api/rates
    cap $S django-200-ticket-miss-haproxy-varnish.txt 200 app django "ticket 1, first request: a MISS in Varnish, Django's answer passed on by both" "curl -sv" -- -sv $RK $K/api/tickets/1
    cap $S varnish-200-ticket-hit-django-haproxy.txt 200 cdn-cache varnish "ticket 1 again: a HIT from Varnish's store, passed on by HAProxy" "curl -si" -- -si $RK $K/api/tickets/1
    caplt $S varnish-304-ticket-inm-django-haproxy.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's 304, passed on by HAProxy" "curl -sv, only the < lines kept" -- -sv $RK -H 'If-None-Match: "kt-t1-v4"' $K/api/tickets/1
    cap $S varnish-304-ticket-ims-django-haproxy.txt 304 cdn-cache varnish "If-Modified-Since the stored Last-Modified: Varnish's 304, passed on by HAProxy" "curl -si" -- -si $RK -H "If-Modified-Since: $LM" $K/api/tickets/1
    capwin $S django-400-ticket-id-haproxy-varnish.txt 400 app django "ticket 'abc': the view's JSON 400" "curl -si pasted with CRLF" -- -si $RK $K/api/tickets/abc
    cap $S django-401-me-haproxy-varnish.txt 401 app django "/api/me without a token: the view's JSON 401 with WWW-Authenticate" "curl -si" -- -si $RK $K/api/me
    cap $S django-404-ticket9-miss-haproxy-varnish.txt 404 app django "ticket 9, first request: the view's JSON 404 (public, max-age=120), a MISS" "curl -si" -- -si $RK $K/api/tickets/9
    capraw $S django-404-ticket9-hit-haproxy-varnish.txt 404 app django "ticket 9 again: the view's 404 kept by Varnish and replayed as a HIT" "curl -si saved to a file (CRs kept)" -- -si $RK $K/api/tickets/9
    cap $S django-404-no-route-haproxy-varnish.txt 404 app django "/api/tickets: no URL pattern, DEBUG off: Django's HTML 'Not Found'" "curl -sv" -- -sv $RK $K/api/tickets
    cap $S django-500-boom-haproxy-varnish.txt 500 app django "a ZeroDivisionError caught: the view's JSON 500" "curl -si" -- -si $RK $K/api/boom
    cap $S haproxy-403-internal-varnish-django.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's 403 (never reaches Varnish)" "curl -si" -- -si $RK $K/internal/metrics
    capcut $S varnish-403-admin-django-haproxy.txt 403 cdn-cache varnish "/admin/: Varnish's synth(403), passed on by HAProxy" "curl -si, body cut off after the headers" -- -si $RK $K/admin/flush
    cap $S haproxy-400-bad-header-varnish-django.txt 400 load-balancer haproxy "a header name with a space in it: HAProxy's 400" "curl -sv" -- -sv $RK -H 'X Trace: 1' $K/api/tickets/1
    cap $S varnish-503-slow-django-haproxy.txt 503 cdn-cache varnish "/api/slow takes 5 s, Varnish's first_byte_timeout 3s (HAProxy waits 8s): Varnish's 'Backend fetch failed', passed on" "curl -si" -- -si $RK $K/api/slow
    sleep 2.5
    kill_app django
    cap $S varnish-200-rates-grace-django-haproxy.txt 200 cdn-cache varnish "rates expired (max-age=2), gunicorn killed: Varnish's grace copy, passed on by HAProxy" "curl -sv" -- -sv $RK $K/api/rates
    cap $S varnish-503-app-killed-django-haproxy.txt 503 cdn-cache varnish "gunicorn killed, ticket 2 never cached: Varnish's 'Backend fetch failed', passed on by HAProxy" "curl -si" -- -si $RK $K/api/tickets/2
    capbody $BO body-varnish-503-app-killed-django-haproxy.txt 503/503 cdn-cache varnish "Varnish's guru meditation page, its title shows 503 (Django down)" "curl -s" -- $RK $K/api/tickets/3
    caphttph $HO httph-varnish-200-ticket-hit-django-haproxy.txt 200 cdn-cache varnish "ticket 1 while Django is down: from Varnish's store, through HAProxy" "HTTPie --headers with colours" -- GET http://127.0.0.1:62615/api/tickets/1 Host:$H:62615
    start_app django || die "django did not come back"
    cap $S django-200-healthz-after-restart-haproxy-varnish.txt 200 app django "started again: /healthz (no-store), passed on by both" "curl -si" -- -si $RK $K/healthz
fi
# ================================================= Varnish -> Sinatra on Puma ==
if up varnish; then
    log "capturing: Sinatra on Puma behind Varnish"
    S=sinatra-puma-varnish-r112
    H=api.osprey.test V=http://api.osprey.test:62606 RV="--resolve api.osprey.test:62606:127.0.0.1"
    quiet $RV $V/api/rates
    cap $S sinatra-200-rental-miss-varnish.txt 200 app sinatra "rental 1, first request: a MISS, Sinatra's answer passed on" "curl -si" -- -si $RV $V/api/rentals/1
    capwin $S varnish-200-rental-hit-sinatra.txt 200 cdn-cache varnish "rental 1 again: a HIT from Varnish's store" "curl -si pasted with CRLF" -- -si $RV $V/api/rentals/1
    cap $S varnish-304-rental-inm-sinatra.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's 304 from its store" "curl -sv" -- -sv $RV -H 'If-None-Match: "os-r1-v4"' $V/api/rentals/1
    capraw $S varnish-304-rental-ims-sinatra.txt 304 cdn-cache varnish "If-Modified-Since the stored Last-Modified: Varnish's 304 from its store" "curl -si saved to a file (CRs kept)" -- -si $RV -H "If-Modified-Since: $LM" $V/api/rentals/1
    cap $S sinatra-400-rental-id-varnish.txt 400 app sinatra "rental 'abc': the handler's JSON 400" "curl -si" -- -si $RV $V/api/rentals/abc
    caplt $S sinatra-401-me-varnish.txt 401 app sinatra "/api/me without a token: the JSON 401 with WWW-Authenticate" "curl -sv, only the < lines kept" -- -sv $RV $V/api/me
    cap $S sinatra-404-rental9-miss-varnish.txt 404 app sinatra "rental 9, first request: the handler's JSON 404 (public, max-age=120), a MISS" "curl -sv" -- -sv $RV $V/api/rentals/9
    cap $S sinatra-404-rental9-hit-varnish.txt 404 app sinatra "rental 9 again: the app's 404 kept by Varnish and replayed as a HIT" "curl -si" -- -si $RV $V/api/rentals/9
    cap $S sinatra-404-no-route-varnish.txt 404 app sinatra "/api/rental: no route, Sinatra's production '<h1>Not Found</h1>'" "curl -si" -- -si $RV $V/api/rental
    capraw $S sinatra-500-boom-varnish.txt 500 app sinatra "a KeyError: the error block's JSON 500" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/boom
    cap $S varnish-403-admin-sinatra.txt 403 cdn-cache varnish "/admin/: vcl_recv synth(403)" "curl -sv" -- -sv $RV $V/admin/purge-all
    cap $S varnish-400-no-host-sinatra.txt 400 cdn-cache varnish "an HTTP/1.1 request without Host: the built-in VCL's synth(400)" "curl -si" -- -si -H 'Host:' http://127.0.0.1:62606/api/rentals/1
    cap $S varnish-503-slow-sinatra.txt 503 cdn-cache varnish "/api/slow takes 5 s, first_byte_timeout 3s: Varnish's 'Backend fetch failed'" "curl -sv" -- -sv $RV $V/api/slow
    sleep 2.5
    kill_app sinatra
    HTTPIE_CMD=http caphttp $S varnish-200-rates-grace-sinatra-httpie.txt 200 cdn-cache varnish "rates expired (max-age=2), Puma killed: grace serves the stale copy" "HTTPie -v with colours" -- -v GET http://127.0.0.1:62606/api/rates Host:$H:62606
    cap $S varnish-503-app-killed-sinatra.txt 503 cdn-cache varnish "Puma killed, rental 2 never cached: Varnish's 'Backend fetch failed'" "curl -si" -- -si $RV $V/api/rentals/2
    capjq $BO body-sinatra-404-rental9-jq-varnish.txt 404/404 app sinatra "rental 9 while Puma is down: the kept JSON 404 replayed, its status field shows 404" "curl -s | jq ." -- $RV $V/api/rentals/9
    start_app sinatra || die "sinatra did not come back"
    capbody $BO body-sinatra-400-rental-id-varnish.txt 400/400 app sinatra "rental 'xyz' after the restart: the handler's JSON 400, its status field shows 400" "curl -s" -- $RV $V/api/rentals/xyz
    cap $S sinatra-200-healthz-after-restart-varnish.txt 200 app sinatra "started again: /healthz (no-store), passed on" "curl -si" -- -si $RV $V/healthz
fi
log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in varnish squid haproxy; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round112/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
