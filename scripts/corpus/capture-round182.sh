#!/usr/bin/env bash
# capture-round182.sh — build the round-182 held-out evidence corpus in
# tests/fixtures/evidence-round182/.
#
# "Incidents an eleventh time, on the stacks teams run most, pasted with HTTPie and wget
# as often as curl" (round 173 the reference and the model, its apps moved onto other
# fronts): six setups, one mainstream front each before a mainstream app (front configs
# in scripts/corpus/conf-round182/, apps in scripts/corpus/apps182/):
#   - Caddy 2.6    -> Express 4 on Node 20       (apps182/express_app.js; X-Request-ID)
#   - HAProxy 2.6  -> Fastify 4 on Node 20       (apps182/fastify_app.js; X-Request-ID)
#   - nginx 1.22   -> Flask 3.1 on gunicorn      (apps182/flask_app.py; no request id)
#   - Apache 2.4   -> FastAPI on uvicorn         (apps182/fastapi_app.py; X-Request-ID, Via)
#   - Varnish 7.1  -> Django 5.2 on gunicorn     (apps182/django_app.py; no request id)
#   - nginx 1.22   -> Koa 2 on Node 20           (apps182/koa_app.js, new; X-Request-ID)
# While capturing, the script plays the night (flag files in $RUN/state): healthy
# (200, 304), a signing key rotated (the app's 401 with WWW-Authenticate), a
# validation error (400/422), a conflict (409), a route moved (301/308), a rate
# limit (the app's 429), a dependency down (the app's own 502/503, the health check's
# 503), the app hanging (the front's 504/502/503), a bad deploy (a JSON 500 without a
# stack trace, a 404 on a renamed route) and the rollback, the app killed (the front's
# 502/503). Each setup has a main client (curl, HTTPie or wget) for part of the steps.
# Paste mix: about 80% whole, 10% headers-only, 10% body-only.
#
#   scripts/corpus/capture-round182.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round182.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round182.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-63999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers
# meanwhile: those are not looked at, and never stopped); every curl, HTTPie
# and wget request runs under `timeout`; every server it started is stopped
# on exit, by process id. Labels are written by finish_round182.py, which
# refuses (and this script then leaves the fixtures as they were) when a
# label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round182"
RUN=/tmp/api-triage-corpus182-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round182"
APPS182="$HERE/apps182"
VENV=${CORPUS_VENV182:-/tmp/api-triage-corpus182-venv}     # a copy of round 180's (flask, fastapi, django, gunicorn, uvicorn, httpie)
NODE_DIR=${CORPUS_NODE182:-/tmp/api-triage-corpus182-node} # a copy of round 180's (express, fastify, koa, @koa/router)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 fastapi==0.165.0 django==5.2.19 uvicorn==0.55.0 gunicorn==27.0.1)
NODE_PKGS=(express@4 fastify@4 koa@2 @koa/router@12)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus182 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq nginx apache2 caddy haproxy varnish python3-venv nodejs)
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

install_venv() {  # a copy of round 180's venv; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, flask, fastapi, django, uvicorn, gunicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of round 180's node_modules; from npm when missing
    local m ok=1
    for m in express fastify koa @koa/router; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus182","private":true}' >"$NODE_DIR/package.json"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round182.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS182 ]] || die "missing $CONF or $APPS182"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,state,haproxy,apache,varnish,nginx/tmp,caddy/data,caddy/config}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the Node packages are missing (${SKIPPED[node]})"
for p in nginx apache2 caddy haproxy varnish jq wget; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: Caddy 62821 (Express), HAProxy 62822 (Fastify), nginx 62823 (Flask) + 62826 (Koa),
# Apache 62824 (FastAPI), Varnish 62825 (Django). Apps: Express 62921, Fastify 62922,
# Flask/gunicorn 62923, FastAPI/uvicorn 62924, Django/gunicorn 62925, Koa 62926.
# 62999: the apps' "payments-gateway" (nobody listens).
TCP_PORTS=(62821 62822 62823 62824 62825 62826 62921 62922 62923 62924 62925 62926 62999)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" STATE_DIR="$RUN/state" nice -n 5 node)
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    pellow) start_bg pellow "${NODEENV[@]}" "$APPS182/express_app.js" 62921
        wait_port 62921 pellow ;;
    tamsin) start_bg tamsin "${NODEENV[@]}" "$APPS182/fastify_app.js" 62922
        wait_port 62922 tamsin ;;
    larch) start_bg larch env STATE_DIR="$RUN/state" nice -n 5 "$VPY" -m gunicorn --chdir "$APPS182" \
            --bind 127.0.0.1:62923 --workers 2 --timeout 30 --worker-tmp-dir "$RUN/state" flask_app:app
        wait_port 62923 larch ;;
    gorse) start_bg gorse env STATE_DIR="$RUN/state" nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS182" \
            --host 127.0.0.1 --port 62924 fastapi_app:app
        wait_port 62924 gorse ;;
    wex) start_bg wex env STATE_DIR="$RUN/state" nice -n 5 "$VPY" -m gunicorn --chdir "$APPS182" \
            --bind 127.0.0.1:62925 --workers 2 --timeout 30 --worker-tmp-dir "$RUN/state" django_app:application
        wait_port 62925 wex ;;
    bren) start_bg bren "${NODEENV[@]}" "$APPS182/koa_app.js" 62926
        wait_port 62926 bren ;;
    esac
}
kill_app() {  # kill_app NAME: SIGKILL the server (and its workers), as the OOM killer does
    local f=$RUN/pids/$1.pid pid kids
    [[ -e $f ]] || return 0
    pid=$(cat "$f")
    kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null)
    kill -KILL "$pid" $kids 2>/dev/null
    rm -f "$f"
    sleep 1.5
}
redeploy() { kill_app "$1"; start_app "$1" || die "$1 did not come back"; sleep 1.5; }
flag() { if [[ $2 == on ]]; then touch "$RUN/state/$1"; else rm -f "$RUN/state/$1"; fi; }

rconf() { sed -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$CONF|g" -e "s|@APPS@|$APPS182|g" "$1" >"$2"; }
for a in pellow tamsin larch gorse wex bren; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
rconf "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 62823 nginx && wait_port 62826 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
rconf "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 62821 caddy && UP[caddy]=1
rconf "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62822 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
rconf "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 62824 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
cp "$CONF/varnish.vcl" "$RUN/varnish/r182.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:62825 -T none -f "$RUN/varnish/r182.vcl" -n "$RUN/varnish/r182" -s malloc,16m
wait_port 62825 varnish && UP[varnish]=1
sleep 2
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 182 (held out): real responses captured by
# scripts/corpus/capture-round182.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-181:
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

OLD='Authorization: Bearer key1-token'
JSON='Content-Type: application/json'

# night SETUP APP FW FRONT FLAYER HOST PORT SLOW DOWN XF TOOL VAL VALPATH VALBODY CONF CONFM CONFPATH MOVED SH503H HBODY SH500 LAST EXTRA
# One setup's night, step by step (round 173's night with a 429 added). FW/FRONT name
# the products; SLOW and DOWN the front's status for the hanging app and the killed app;
# XF the form of a few whole transcripts (cap, capraw or capwin); TOOL the setup's main
# client: curl, httpie (the first request, the 401, the validation error and the 429 by
# HTTPie; the slow app by wget) or wget (the first request, the 401, the 429, the
# payments 502, the slow app and the killed app by wget -S); VAL the app's validation
# status for POST VALPATH with VALBODY; CONF/CONFM/CONFPATH the 409 request; MOVED the old
# route's redirect status; SH503H the number the health check's 503 body shows (0 = none),
# HBODY its body-only form (capbody or capjq); SH500 (or "-") a body-only paste of the
# bad deploy's 500 showing that number; LAST "head" (a `curl -sI` while the app is
# down), "back" (the app restarted, 200) or "none"; EXTRA a comma list of optional
# steps: "search" (the app's own 504 naming search-service), "healthz" (the health
# check's 200 after the rollback).
night() {
    local S=$1 A=$2 FW=$3 FR=$4 FL=$5 H=$6 P=$7 SLOW=$8 DOWN=$9 XF=${10} TOOL=${11} VAL=${12} VALPATH=${13} VALBODY=${14}
    local CONF=${15} CONFM=${16} CONFPATH=${17} MOVED=${18} SH503H=${19} HBODY=${20} SH500=${21} LAST=${22} EXTRA=${23}
    local U=http://$H:$P R="--resolve $H:$P:127.0.0.1" HU=http://127.0.0.1:$P WH="--header=Host: $H:$P"
    log "capturing: $S"
    case $TOOL in
    httpie) HTTPIE_CMD=http caphttp $S $FW-200-order-before-$FR-httpie.txt 200 app $FW "healthy, before the night: order 1, the app's answer passed on" "HTTPie -v with colours" -- -v GET $HU/api/orders/1 Host:$H:$P ;;
    wget) capwget $S $FW-200-order-before-$FR-wget.txt 200 app $FW "healthy, before the night: order 1, the app's answer passed on" "wget -S -O-" -- "$WH" $HU/api/orders/1 ;;
    *) cap $S $FW-200-order-before-$FR.txt 200 app $FW "healthy, before the night: order 1, the app's answer passed on" "curl -si" -- -si $R $U/api/orders/1 ;;
    esac
    if [[ $TOOL == httpie ]]; then
        caphttph $S head-$FW-304-order-inm-$FR-httpie.txt 304 app $FW "healthy: If-None-Match with the order's ETag, the app's 304 passed on" "HTTPie --headers with colours" -- GET $HU/api/orders/1 Host:$H:$P "$(etag_of $FW)"
    else
        capvnull $S vnull-$FW-304-order-inm-$FR.txt 304 app $FW "healthy: If-None-Match with the order's ETag, the app's 304 passed on" "curl -sv -o /dev/null, only the < lines kept" -- $R -H "$(etag_of $FW)" $U/api/orders/1
    fi
    flag keys-rotated on
    case $TOOL in
    httpie) HTTPIE_CMD=http caphttp $S $FW-401-me-key1-rotated-$FR-httpie.txt 401 app $FW "signing key rotated: the key1 token refused, the app's 401 with WWW-Authenticate Bearer error=invalid_token, passed on" "HTTPie -v with colours" -- -v GET $HU/api/me Host:$H:$P "$OLD" ;;
    wget) capwget $S $FW-401-me-key1-rotated-$FR-wget.txt 401 app $FW "signing key rotated: the key1 token refused, the app's 401 with WWW-Authenticate Bearer error=invalid_token, passed on" "wget -S -O-" -- "$WH" "--header=$OLD" $HU/api/me ;;
    *) cap $S $FW-401-me-key1-rotated-$FR.txt 401 app $FW "signing key rotated: the key1 token refused, the app's 401 with WWW-Authenticate Bearer error=invalid_token, passed on" "curl -si" -- -si $R -H "$OLD" $U/api/me ;;
    esac
    flag keys-rotated off
    if [[ $TOOL == httpie ]]; then
        HTTPIE_CMD=http caphttp $S $FW-$VAL-order-validation-$FR-httpie.txt $VAL app $FW "POST an order without the required field: the app's own validation $VAL, passed on" "HTTPie -v with colours" -- -v POST $HU$VALPATH Host:$H:$P $VALBODY
    else
        cap $S $FW-$VAL-order-validation-$FR.txt $VAL app $FW "POST an order without the required field: the app's own validation $VAL, passed on" "curl -si" -- -si $R -H "$JSON" -d "$VALBODY" $U$VALPATH
    fi
    $XF $S $FW-409-conflict-$FR.txt 409 app $FW "$CONFM $CONFPATH on an order in the wrong state: the app's JSON 409, passed on" "curl -si ($XF)" -- -si $R -X $CONFM $U$CONFPATH
    cap $S $FW-$MOVED-v1-route-moved-$FR.txt $MOVED app $FW "the old /api/v1/orders/1 route moved: the app's $MOVED to /api/orders/1, passed on (not followed)" "curl -si" -- -si $R $U/api/v1/orders/1
    flag quota on
    case $TOOL in
    wget) capwget $S $FW-429-quota-$FR-wget.txt 429 app $FW "quota exceeded: the app's own 429 with Retry-After, passed on" "wget -S -O-" -- "$WH" $HU/api/quota ;;
    *) HTTPIE_CMD=http caphttp $S $FW-429-quota-$FR-httpie.txt 429 app $FW "quota exceeded: the app's own 429 with Retry-After, passed on" "HTTPie -v with colours" -- -v GET $HU/api/quota Host:$H:$P ;;
    esac
    flag quota off
    if [[ $TOOL == wget ]]; then
        capwget $S $FW-502-payments-down-$FR-wget.txt 502 app $FW "payments-gateway down (127.0.0.1:62999 refused): the app's own JSON 502 naming it, passed on" "wget -S -O-" -- "$WH" $HU/api/payments
    else
        $XF $S $FW-502-payments-down-$FR.txt 502 app $FW "payments-gateway down (127.0.0.1:62999 refused): the app's own JSON 502 naming it, passed on" "curl -si ($XF)" -- -si $R $U/api/payments
    fi
    flag inventory-down on
    cap $S $FW-503-inventory-db-down-$FR.txt 503 app $FW "inventory-db down: the app's own 503 naming it, passed on" "curl -sv" -- -sv $R $U/api/inventory
    $HBODY $S body-$FW-503-healthz-db-down-$FR.txt $SH503H/503 app $FW "inventory-db down: the app's health check answers 503 (body only; number shown: $SH503H)" "curl -s$([[ $HBODY == capjq ]] && echo ' | jq .')" -- $R $U/healthz
    flag inventory-down off
    if [[ ,$EXTRA, == *,search,* ]]; then
        flag search-slow on
        cap $S $FW-504-search-timeout-$FR.txt 504 app $FW "search-service too slow: the app's own 504 naming it (answered at once, the front's timeout not reached), passed on" "curl -si" -- -si $R $U/api/search
        flag search-slow off
    fi
    if [[ $TOOL == curl ]]; then
        cap $S $FR-$SLOW-app-slow-$FW.txt $SLOW $FL $FR "/api/slow hangs 5 s, the front gives up after 3 s: $FR's own $SLOW" "curl -si" -- -si $R $U/api/slow
    else
        capwget $S $FR-$SLOW-app-slow-$FW-wget.txt $SLOW $FL $FR "/api/slow hangs 5 s, the front gives up after 3 s: $FR's own $SLOW" "wget -S -O-" -- "$WH" $HU/api/slow
    fi
    flag deploy-v2 on; redeploy $A
    cap $S $FW-500-order-bad-deploy-$FR.txt 500 app $FW "bad deploy (v2): GET order 1 crashes, the app's JSON 500 (no stack trace), passed on" "curl -si" -- -si $R $U/api/orders/1
    [[ $SH500 != - ]] && capjq $S body-$FW-500-order-bad-deploy-jq-$FR.txt $SH500/500 app $FW "bad deploy (v2): the app's JSON 500 body (number shown: $SH500)" "curl -s | jq ." -- $R $U/api/orders/1
    cap $S $FW-404-invoice-renamed-$FR.txt 404 app $FW "bad deploy (v2): /api/invoices/ renamed away, the app's 404, passed on" "curl -si" -- -si $R $U/api/invoices/7
    flag deploy-v2 off; redeploy $A
    if [[ ,$EXTRA, == *,healthz,* ]]; then
        cap $S $FW-200-healthz-rolled-back-$FR.txt 200 app $FW "rolled back: the app's health check 200, passed on" "curl -si" -- -si $R $U/healthz
    fi
    kill_app $A
    if [[ $TOOL == wget ]]; then
        capwget $S $FR-$DOWN-app-killed-$FW-wget.txt $DOWN $FL $FR "the app killed (SIGKILL): $FR's own $DOWN" "wget -S -O-" -- "$WH" $HU/api/orders/1
    else
        cap $S $FR-$DOWN-app-killed-$FW.txt $DOWN $FL $FR "the app killed (SIGKILL): $FR's own $DOWN" "curl -si" -- -si $R $U/api/orders/1
    fi
    case $LAST in
    head) caphead $S head-$FR-$DOWN-app-killed-$FW.txt $DOWN $FL $FR "HEAD while the app is down: $FR's own $DOWN" "curl -sI" -- $R $U/api/orders/1 ;;
    back) start_app $A || die "$A did not come back"; sleep 1.5
        cap $S $FW-200-order-restarted-$FR.txt 200 app $FW "the app restarted: order 1 healthy again, passed on" "curl -si" -- -si $R $U/api/orders/1 ;;
    esac
}
etag_of() { case $1 in express) echo 'If-None-Match: "pw-o1-v2"' ;; flask) echo 'If-None-Match: "lm-o1-v7"' ;;
    fastapi) echo 'If-None-Match: "gorse-o1-v3"' ;; fastify) echo 'If-None-Match: "tm-o1-v5"' ;;
    django) echo 'If-None-Match: "wx-o1-v3"' ;; koa) echo 'If-None-Match: "bm-o1-v4"' ;; esac; }

if up caddy; then
    night express-node-pager-caddy-r182 pellow express caddy proxy api.pellow.test 62821 504 502 capraw wget \
        400 /api/orders '{}' 409 POST /api/orders/1/cancel 301 0 capjq 0 head healthz
fi
if up haproxy; then
    night fastify-node-pager-haproxy-r182 tamsin fastify haproxy load-balancer api.tamsin.test 62822 504 503 cap httpie \
        400 /api/orders note=rush 409 POST /api/orders/1/ship 301 0 capbody 500 none search
fi
if up nginx; then
    night flask-gunicorn-pager-nginx-r182 larch flask nginx proxy api.larchmont.test 62823 504 502 capwin curl \
        422 /api/orders '{"qty":1}' 409 POST /api/orders/1/refund 308 0 capbody - back healthz
fi
if up apache; then
    night fastapi-uvicorn-pager-apache-r182 gorse fastapi apache proxy api.gorse.test 62824 502 503 cap httpie \
        422 /api/orders items:='["sku-1"]' 409 PUT /api/orders/1/status 308 0 capjq - head -
fi
if up varnish; then
    night django-gunicorn-pager-varnish-r182 wex django varnish cdn-cache api.wexcombe.test 62825 503 503 cap wget \
        400 /api/orders '{"note":"rush"}' 409 POST /api/orders/1/approve 301 0 capbody - none healthz
fi
if up nginx; then
    night koa-node-pager-nginx-r182 bren koa nginx proxy api.brenmoor.test 62826 504 502 capraw curl \
        400 /api/orders '{}' 409 POST /api/orders/1/hold 301 0 capjq 0 head -
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round182/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
