#!/usr/bin/env bash
# capture-round151.sh — build the hundred-and-fifty-first held-out evidence
# corpus in tests/fixtures/evidence-round151/.
#
# "Incidents an eighth time, on the stacks teams run most": five setups, one
# mainstream front each before a mainstream app (front configs in
# scripts/corpus/conf-round151/, apps in scripts/corpus/apps151/):
#   - nginx 1.22      -> Express 4 on Node 20        (apps151/express_app.js)
#   - Caddy 2.6       -> Flask 3.1 on gunicorn 27    (apps151/flask_app.py)
#   - HAProxy 2.6     -> FastAPI 0.165 on uvicorn    (apps151/fastapi_app.py)
#   - Apache 2.4      -> plain PHP 8.2 on php-fpm    (apps151/index.php, mod_proxy_fcgi)
#   - Varnish 7.1     -> Fastify 4 on Node 20        (apps151/fastify_app.js)
# While capturing, the script plays what an on-call engineer is paged for
# (flag files in $RUN/state switch the app's incidents): healthy answers
# (200, 201, 204, 304), a dependency down (the app's own 502/503/504 naming
# it), a signing key rotated (401 Bearer invalid_token), a quota hit (429
# with Retry-After), a body too big for the front (413), the app too slow
# (the front's timeout), a bad deploy (500, 404 on a renamed route) and the
# rollback, the app killed (the front's 502/503), and recovery.
# Plain HTTP/1.1 throughout. Helpers are round 130's, unchanged.
#
#   scripts/corpus/capture-round151.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round151.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round151.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60000-61999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers
# meanwhile: those are not looked at, and never stopped); every curl, HTTPie
# and wget request runs under `timeout`; every server it started is stopped
# on exit, by process id. Labels are written by finish_round151.py, which
# refuses (and this script then leaves the fixtures as they were) when a
# label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round151"
RUN=/tmp/api-triage-corpus151-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round151"
APPS151="$HERE/apps151"
VENV=${CORPUS_VENV151:-/tmp/api-triage-corpus151-venv}     # a copy of round 149's (flask, fastapi, django, gunicorn, uvicorn, httpie)
NODE_DIR=${CORPUS_NODE151:-/tmp/api-triage-corpus151-node} # a copy of round 149's (express, fastify)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 fastapi==0.165.0 uvicorn==0.55.0 gunicorn==27.0.1)
NODE_PKGS=(express@4 fastify@4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus151 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq nginx apache2 caddy haproxy varnish php8.2-fpm python3-venv nodejs)
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

install_venv() {  # a copy of round 149's venv; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, flask, fastapi, uvicorn, gunicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of round 149's node_modules; from npm when missing
    local m ok=1
    for m in express fastify; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus151","private":true}' >"$NODE_DIR/package.json"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round151.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS151 ]] || die "missing $CONF or $APPS151"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,state,php,varnish,haproxy,apache,nginx/tmp,caddy/data,caddy/config}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the Node packages are missing (${SKIPPED[node]})"
for p in nginx apache2 caddy haproxy varnish php8.2-fpm jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: nginx 60101 (Express), Caddy 60102 (Flask), HAProxy 60103 (FastAPI),
# Apache 60104 (PHP), Varnish 60105 (Fastify). Apps: Express 60201,
# Flask/gunicorn 60202, FastAPI/uvicorn 60203, php-fpm 60204, Fastify 60205.
# 60999: the apps' "payments-gateway" (nobody listens there).
TCP_PORTS=(60101 60102 60103 60104 60105 60201 60202 60203 60204 60205 60999)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" STATE_DIR="$RUN/state" nice -n 5 node)
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    pellow) start_bg pellow "${NODEENV[@]}" "$APPS151/express_app.js" 60201
        wait_port 60201 pellow ;;
    larch) start_bg larch env STATE_DIR="$RUN/state" nice -n 5 "$VPY" -m gunicorn --chdir "$APPS151" \
            --bind 127.0.0.1:60202 --workers 2 --timeout 30 --worker-tmp-dir "$RUN/state" flask_app:app
        wait_port 60202 larch ;;
    gorse) start_bg gorse env STATE_DIR="$RUN/state" nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS151" \
            --host 127.0.0.1 --port 60203 fastapi_app:app
        wait_port 60203 gorse ;;
    birch) start_bg birch php-fpm8.2 -R -F -y "$RUN/php/php-fpm.conf"
        wait_port 60204 birch ;;
    tamsin) start_bg tamsin "${NODEENV[@]}" "$APPS151/fastify_app.js" 60205
        wait_port 60205 tamsin ;;
    esac
}
kill_app() {  # kill_app NAME: SIGKILL the server (and its workers), as the OOM killer does
    local f=$RUN/pids/$1.pid pid kids
    [[ -e $f ]] || return 0
    pid=$(cat "$f")
    kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null)
    kill -KILL "$pid" $kids 2>/dev/null
    rm -f "$f"
    sleep 0.5
}
redeploy() { kill_app "$1"; start_app "$1" || die "$1 did not come back"; sleep 0.5; }
flag() { if [[ $2 == on ]]; then touch "$RUN/state/$1"; else rm -f "$RUN/state/$1"; fi; }

rconf() { sed -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$CONF|g" -e "s|@APPS@|$APPS151|g" "$1" >"$2"; }
rconf "$CONF/php-fpm.conf" "$RUN/php/php-fpm.conf"
for a in pellow larch gorse birch tamsin; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
rconf "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60101 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
rconf "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60102 caddy && UP[caddy]=1
rconf "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 60103 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
rconf "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 60104 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
cp "$CONF/varnish.vcl" "$RUN/varnish/r151.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:60105 -T none -f "$RUN/varnish/r151.vcl" -n "$RUN/varnish/r151" -s malloc,16m
wait_port 60105 varnish && UP[varnish]=1
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 151 (held out): real responses captured by
# scripts/corpus/capture-round151.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-150:
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
head -c 4096 /dev/zero | tr '\0' 'a' >"$RUN/work/big.json"
OLD='Authorization: Bearer key1-token' NEWK='Authorization: Bearer key2-token'
JS='Content-Type: application/json'

# incident SETUP APP FW FRONT FLAYER HOST PORT SLOW DOWN BIG PAYSHOWN XF
# One setup's incident day, step by step. FW/FRONT name the products; SLOW,
# DOWN and BIG the front's status for the slow app, the killed app and the
# 4 KB body; PAYSHOWN the number the app's 502 JSON body shows (0 = none);
# XF the paste form of a few transcripts (cap, capraw or capwin).
incident() {
    local S=$1 A=$2 FW=$3 FR=$4 FL=$5 H=$6 P=$7 SLOW=$8 DOWN=$9 BIG=${10} PAYSHOWN=${11} XF=${12}
    local U=http://$H:$P R="--resolve $H:$P:127.0.0.1"
    log "capturing: $S"
    cap $S $FW-200-order-before-$FR.txt 200 app $FW "healthy, before the incidents: order 1, the app's answer passed on ($FR adds its request id)" "curl -si" -- -si $R $U/api/orders/1
    $XF $S $FW-304-order-inm-$FR.txt 304 app $FW "healthy: If-None-Match with the order's ETag, the app's 304 passed on" "curl -si ($XF)" -- -si $R -H "$(etag_of $FW)" $U/api/orders/1
    cap $S $FW-201-order-create-$FR.txt 201 app $FW "healthy: POST a small order, the app's 201 with Location passed on" "curl -sv" -- -sv $R -H "$JS" --data '{"sku":"A-1","qty":1}' $U/api/orders
    cap $S $FW-204-order-delete-$FR.txt 204 app $FW "healthy: DELETE order 3, the app's empty 204 passed on" "curl -si" -- -si $R -X DELETE $U/api/orders/3
    HTTPIE_CMD=http caphttp $S $FW-200-me-key1-$FR-httpie.txt 200 app $FW "healthy: /api/me with a token signed by key1, before the rotation" "HTTPie -v with colours" -- -v GET http://127.0.0.1:$P/api/me Host:$H:$P "Authorization:Bearer key1-token"
    flag keys-rotated on
    cap $S $FW-401-me-key1-rotated-$FR.txt 401 app $FW "signing key rotated: the key1 token refused, the app's 401 with WWW-Authenticate Bearer error=invalid_token, passed on" "curl -si" -- -si $R -H "$OLD" $U/api/me
    $XF $S $FW-200-me-key2-$FR.txt 200 app $FW "after the rotation: a token signed by key2 accepted" "curl -si ($XF)" -- -si $R -H "$NEWK" $U/api/me
    flag keys-rotated off
    cap $S $FW-502-payments-down-$FR.txt 502 app $FW "payments-gateway down (127.0.0.1:60999 refused): the app's own JSON 502 naming it, passed on" "curl -si" -- -si $R $U/api/payments
    capjq $BO body-$FW-502-payments-down-jq-$FR.txt $PAYSHOWN/502 app $FW "payments-gateway down: the app's JSON 502 body (status number shown: $PAYSHOWN)" "curl -s | jq ." -- $R $U/api/payments
    flag inventory-down on
    capraw $S $FW-503-inventory-db-down-$FR.txt 503 app $FW "inventory-db down: the app's own 503 with Retry-After naming it, passed on" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/inventory
    flag inventory-down off
    flag search-slow on
    cap $S $FW-504-search-timeout-$FR.txt 504 app $FW "search-service too slow: the app's own 504 naming it (answered at once, the front's timeout not reached), passed on" "curl -sv" -- -sv $R $U/api/search
    flag search-slow off
    flag quota on
    caplt $S $FW-429-quota-$FR.txt 429 app $FW "quota hit: the app's own 429 with Retry-After, passed on" "curl -sv, only the < lines kept" -- -sv $R $U/api/quota
    flag quota off
    cap $S ${BIGF:-$FR-$BIG-body-too-big-$FW.txt} $BIG ${BIGL:-$FL} ${BIGP:-$FR} "${BIGN:-a 4 KB POST, the body limit at the front is 1 KB: $FR answers $BIG itself (the app never sees it)}" "curl -si" -- -si $R -H "$JS" --data-binary @"$RUN/work/big.json" $U/api/orders
    cap $S $FR-$SLOW-app-slow-$FW.txt $SLOW $FL $FR "/api/slow takes 5 s, the front gives up after 3 s: $FR's own $SLOW" "curl -si" -- -si $R $U/api/slow
    flag deploy-v2 on; redeploy $A
    cap $S $FW-500-order-bad-deploy-$FR.txt 500 app $FW "bad deploy (v2): GET order 1 crashes, the app's 500, passed on" "curl -si" -- -si $R $U/api/orders/1
    $XF $S $FW-404-invoice-renamed-$FR.txt 404 app $FW "bad deploy (v2): /api/invoices/ renamed away, the app's 404, passed on" "curl -si ($XF)" -- -si $R $U/api/invoices/7
    flag deploy-v2 off; redeploy $A
    cap $S $FW-200-order-rollback-$FR.txt 200 app $FW "after the rollback: order 1 healthy again" "curl -si" -- -si $R $U/api/orders/1
    kill_app $A
    cap $S $FR-$DOWN-app-killed-$FW.txt $DOWN $FL $FR "the app killed (SIGKILL): $FR's own $DOWN" "curl -si" -- -si $R $U/api/orders/1
}
etag_of() { case $1 in express) echo 'If-None-Match: "pw-o1-v2"' ;; flask) echo 'If-None-Match: "lm-o1-v7"' ;;
    fastapi) echo 'If-None-Match: "gorse-o1-v3"' ;; php) echo 'If-None-Match: "bm-o1-v4"' ;; fastify) echo 'If-None-Match: "tm-o1-v5"' ;; esac; }

if up nginx; then
    S=express-node-oncall-nginx-r151
    incident $S pellow express nginx proxy api.pellow.test 60101 504 502 413 0 capwin
    caphead $HO head-nginx-502-app-killed-express.txt 502 proxy nginx "HEAD while Node is down: nginx's 502" "curl -sI" -- --resolve api.pellow.test:60101:127.0.0.1 http://api.pellow.test:60101/api/orders/1
    start_app pellow || die "pellow did not come back"
    cap $S express-200-order-recovered-nginx.txt 200 app express "Node restarted: order 1 healthy again" "curl -si" -- -si --resolve api.pellow.test:60101:127.0.0.1 http://api.pellow.test:60101/api/orders/1
fi
if up caddy; then
    S=flask-gunicorn-oncall-caddy-r151
    BIGN="a 4 KB POST, request_body max_size 1KB: the limit trips while Caddy streams the body to gunicorn, and Caddy answers an empty 502 itself (its error log: 'HTTP 413: http: request body too large' inside the proxy read; as round 151's run 1 saw)" \
        incident $S larch flask caddy proxy api.larchmont.test 60102 504 502 502 0 capraw
    capvnull $HO vnull-caddy-502-app-killed-flask.txt 502 proxy caddy "gunicorn still down: Caddy's empty 502" "curl -sv -o /dev/null, only the < lines kept" -- --resolve api.larchmont.test:60102:127.0.0.1 http://api.larchmont.test:60102/api/orders/1
    start_app larch || die "larch did not come back"
    flag inventory-down on
    capbody $BO body-flask-503-inventory-db-down-caddy.txt 503/503 app flask "inventory-db down: the app's HTML 503 page, its title shows 503" "curl -s" -- --resolve api.larchmont.test:60102:127.0.0.1 http://api.larchmont.test:60102/api/inventory
    flag inventory-down off
    cap $S flask-200-order-recovered-caddy.txt 200 app flask "gunicorn restarted: order 1 healthy again" "curl -si" -- -si --resolve api.larchmont.test:60102:127.0.0.1 http://api.larchmont.test:60102/api/orders/1
fi
if up haproxy; then
    S=fastapi-uvicorn-oncall-haproxy-r151
    incident $S gorse fastapi haproxy load-balancer api.gorse.test 60103 504 503 413 0 cap
    capwget $S haproxy-503-app-killed-fastapi-wget.txt 503 load-balancer haproxy "uvicorn still down: HAProxy's stock 503" "wget -S -O-" -- --header="Host: api.gorse.test:60103" http://127.0.0.1:60103/api/orders/2
    caphead $HO head-haproxy-503-app-killed-fastapi.txt 503 load-balancer haproxy "HEAD while uvicorn is down: HAProxy's 503" "curl -sI" -- --resolve api.gorse.test:60103:127.0.0.1 http://api.gorse.test:60103/api/orders/1
    start_app gorse || die "gorse did not come back"
    cap $S fastapi-200-order-recovered-haproxy.txt 200 app fastapi "uvicorn restarted: order 1 healthy again" "curl -si" -- -si --resolve api.gorse.test:60103:127.0.0.1 http://api.gorse.test:60103/api/orders/1
fi
if up apache; then
    S=php-fpm-oncall-apache-r151
    BIGF=php-201-body-not-limited-apache.txt BIGL=app BIGP=php BIGN="a 4 KB POST: LimitRequestBody 1024 did not stop it before mod_proxy_fcgi (run 1 saw a 201); PHP took the order and its 201 was passed on (access log: 201)" \
        incident $S birch php apache proxy api.birchmere.test 60104 504 503 201 0 capwin
    capvnull $HO vnull-apache-503-app-killed-php.txt 503 proxy apache "php-fpm still down: Apache's 503" "curl -sv -o /dev/null, only the < lines kept" -- --resolve api.birchmere.test:60104:127.0.0.1 http://api.birchmere.test:60104/api/orders/1
    start_app birch || die "birch did not come back"
    flag inventory-down on
    capbody $BO body-php-503-inventory-db-down-apache.txt 0/503 app php "inventory-db down: the app's HTML 503 page, titled Service Unavailable, no number" "curl -s" -- --resolve api.birchmere.test:60104:127.0.0.1 http://api.birchmere.test:60104/api/inventory
    flag inventory-down off
    cap $S php-200-order-recovered-apache.txt 200 app php "php-fpm restarted: order 1 healthy again" "curl -si" -- -si --resolve api.birchmere.test:60104:127.0.0.1 http://api.birchmere.test:60104/api/orders/1
fi
if up varnish; then
    S=fastify-node-oncall-varnish-r151
    incident $S tamsin fastify varnish cdn-cache api.tamsin.test 60105 503 503 413 502 capraw
    caphead $HO head-varnish-503-app-killed-fastify.txt 503 cdn-cache varnish "HEAD while Node is down: Varnish's 503" "curl -sI" -- --resolve api.tamsin.test:60105:127.0.0.1 http://api.tamsin.test:60105/api/orders/1
    start_app tamsin || die "tamsin did not come back"
    cap $S fastify-200-order-recovered-varnish.txt 200 app fastify "Node restarted: order 1 healthy again" "curl -si" -- -si --resolve api.tamsin.test:60105:127.0.0.1 http://api.tamsin.test:60105/api/orders/1
fi
log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx caddy haproxy apache varnish; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round151/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
