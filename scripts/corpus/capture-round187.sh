#!/usr/bin/env bash
# capture-round187.sh — build the hundred-and-eighty-seventh held-out evidence
# corpus in tests/fixtures/evidence-round187/.
#
# "Apps whose teams customised their error handlers, a seventh look" (rounds
# 127, 136, 146, 156, 166, 180 the first six; round 180 is the model). Round
# 180's script with its apps moved behind other fronts. Front configs in
# scripts/corpus/conf-round187/ (round 180's fronts rewritten, plus a Varnish
# VCL), apps reused from apps180/, apps156/ and apps166/ (none new):
#   - HAProxy 2.6 :60101 -> FastAPI on uvicorn (apps180/fastapi_xerr.py, exception handlers + X-Error-Code);
#   - nginx 1.22  :60102 -> Flask 3 on Waitress (apps180/flask_problem.py, problem+json errorhandler);
#   - Caddy 2.6   :60103 -> Koa 2 on Node 20 (apps180/koa_throw.js, ctx.throw + a JSON wrapper);
#   - Varnish 7.1 :60104 -> DRF 3.18 on gunicorn, WSGI (apps156/drf_app.py, EXCEPTION_HANDLER envelope);
#   - Apache 2.4  :60105 -> Express 4 on Node 20 (apps180/express_ok.js, {ok:false,error:{...}} + HTML 502/503);
#   - nginx 1.22  :60106 -> Fastify 4 on Node 20 (apps166/fastify_app.js, setErrorHandler + setNotFoundHandler).
# Plain HTTP/1.1 throughout. Helpers are round 180's, unchanged.
#
#   scripts/corpus/capture-round187.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round187.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round187.sh       # keep configs + logs in the runtime dir
#
# Every server binds 127.0.0.1 (ports 60000-61999; the script stops if a
# socket held by one of its own processes listens anywhere else); every
# curl, HTTPie and wget request runs under `timeout`; every server it started
# is stopped on exit, by process id. Labels are written by finish_round187.py,
# which refuses (and this script then leaves the fixtures as they were) when
# a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round187"
RUN=/tmp/api-triage-corpus187-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round187"
APPS180="$HERE/apps180"
APPS156="$HERE/apps156"
APPS166="$HERE/apps166"
VENV=${CORPUS_VENV187:-/tmp/api-triage-corpus187-venv}     # a copy of round 180's (django, DRF, flask, fastapi, uvicorn, waitress, gunicorn, HTTPie)
NODE_DIR=${CORPUS_NODE187:-/tmp/api-triage-corpus187-node} # a copy of round 180's node dir (express 4, koa 2, @koa/router, fastify 4)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 djangorestframework==3.18.3 django==5.2.19 flask==3.1.3 fastapi==0.165.0 uvicorn==0.55.0 waitress==3.0.2 gunicorn==27.0.1)
NODE_PKGS=(express@4 koa@2 @koa/router fastify@4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus187 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq nginx apache2 caddy haproxy python3-venv nodejs varnish)
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

install_venv() {  # a copy of round 146's venv; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, flask, fastapi, uvicorn, waitress, gunicorn, django, rest_framework" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of round 156's node_modules; from npm when missing
    local m ok=1
    for m in express koa @koa/router fastify; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus187","private":true}' >"$NODE_DIR/package.json"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round187.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS180 && -d $APPS156 && -d $APPS166 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,haproxy,apache,varnish,nginx/tmp,caddy/data,caddy/config}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the Node packages are missing (${SKIPPED[node]})"
for p in nginx apache2 caddy haproxy varnish jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: HAProxy 60101 (FastAPI), nginx 60102 (Flask) + 60106 (Fastify),
# Caddy 60103 (Koa), Varnish 60104 (DRF), Apache 60105 (Express). Apps:
# FastAPI/uvicorn 60201, Flask/Waitress 60202, Koa 60203, DRF/gunicorn 60204,
# Express 60205, Fastify 60206.
TCP_PORTS=(60101 60102 60103 60104 60105 60106 60201 60202 60203 60204 60205 60206)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    oxley) start_bg oxley env PYTHONPATH="$APPS180" nice -n 5 "$VPY" -m uvicorn --host 127.0.0.1 --port 60201 fastapi_xerr:app
        wait_port 60201 oxley ;;
    brack) start_bg brack env PYTHONPATH="$APPS180" nice -n 5 "$VPY" -m waitress --listen=127.0.0.1:60202 flask_problem:app
        wait_port 60202 brack ;;
    merrow) start_bg merrow "${NODEENV[@]}" "$APPS180/koa_throw.js" 60203
        wait_port 60203 merrow ;;
    pell) start_bg pell env PYTHONPATH="$APPS156" nice -n 5 "$VPY" -m gunicorn --chdir "$APPS156" -w 1 --timeout 30 -b 127.0.0.1:60204 drf_app:application
        wait_port 60204 pell ;;
    culver) start_bg culver "${NODEENV[@]}" "$APPS180/express_ok.js" 60205
        wait_port 60205 culver ;;
    ash) start_bg ash "${NODEENV[@]}" "$APPS166/fastify_app.js" 60206
        wait_port 60206 ash ;;
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
for a in oxley brack merrow pell culver ash; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
rconf() { sed -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$CONF|g" "$1" >"$2"; }
rconf "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60102 nginx && wait_port 60106 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
rconf "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 60105 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
rconf "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60103 caddy && UP[caddy]=1
rconf "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 60101 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
cp "$CONF/varnish.vcl" "$RUN/varnish/r187.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:60104 \
    -T none -f "$RUN/varnish/r187.vcl" -n "$RUN/varnish/r187" -s malloc,16m
wait_port 60104 varnish && UP[varnish]=1
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 187 (held out): real responses captured by
# scripts/corpus/capture-round187.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-186:
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

# ================================================= HAProxy -> FastAPI on uvicorn ==
if up haproxy; then
    log "capturing: FastAPI (exception handlers, X-Error-Code) on uvicorn behind HAProxy"
    S=fastapi-uvicorn-haproxy-xerrcode-r187
    H=api.oxley.test P=http://api.oxley.test:60101 RP="--resolve api.oxley.test:60101:127.0.0.1"
    cap $S fastapi-200-booking-haproxy.txt 200 app fastapi "booking 1: FastAPI's answer passed on (HAProxy adds X-Request-ID)" "curl -si" -- -si $RP $P/api/bookings/1
    cap $S fastapi-404-booking9-xerr-haproxy.txt 404 app fastapi "booking 9: the team's BookingError handler, envelope + X-Error-Code" "curl -si" -- -si $RP $P/api/bookings/9
    cap $S fastapi-404-route-xerr-haproxy.txt 404 app fastapi "an unrouted path: the HTTPException handler's envelope" "curl -sv" -- -sv $RP $P/api/guests
    capwin $S fastapi-422-validation-xerr-haproxy.txt 422 app fastapi "POST with a string nights: the RequestValidationError handler's envelope" "curl -si pasted with CRLF" -- -si $RP -H 'Content-Type: application/json' --data-binary '{"guest":"A","nights":"two"}' $P/api/bookings
    cap $S fastapi-405-post-xerr-haproxy.txt 405 app fastapi "POST to a GET route: the HTTPException handler's envelope" "curl -si" -- -si $RP -X POST $P/api/bookings/1
    cap $S fastapi-500-boom-xerr-haproxy.txt 500 app fastapi "/api/boom raises: the Exception handler's envelope" "curl -si" -- -si $RP $P/api/boom
    cap $S fastapi-502-payments-xerr-haproxy.txt 502 app fastapi "/api/payments: the app's own 502 about the payment provider, passed on" "curl -si" -- -si $RP $P/api/payments
    capraw $S fastapi-503-availability-xerr-haproxy.txt 503 app fastapi "/api/availability: the app's own 503 about its database, Retry-After, passed on" "curl -si saved to a file (CRs kept)" -- -si $RP $P/api/availability
    cap $S fastapi-504-search-xerr-haproxy.txt 504 app fastapi "/api/search: the app's own 504 about the search cluster, passed on" "curl -sv" -- -sv $RP $P/api/search
    HTTPIE_CMD=http caphttp $S fastapi-502-payments-xerr-haproxy-httpie.txt 502 app fastapi "/api/payments again: the app's own 502, passed on" "HTTPie -v with colours" -- -v GET http://127.0.0.1:60101/api/payments Host:$H:60101
    cap $S haproxy-503-reports-json-fastapi.txt 503 load-balancer haproxy "/api/reports: HAProxy's own JSON 503 (http-request return), the app never asked" "curl -si" -- -si $RP $P/api/reports
    cap $S haproxy-504-slow-fastapi.txt 504 load-balancer haproxy "/api/slow takes 6 s, timeout server 3s: HAProxy's stock 504" "curl -si" -- -si $RP $P/api/slow
    capjq $BO body-fastapi-503-availability-jq-haproxy.txt 0/503 app fastapi "/api/availability: the envelope, no status number in it" "curl -s | jq ." -- $RP $P/api/availability
    capvnull $HO vnull-fastapi-504-search-haproxy.txt 504 app fastapi "/api/search: the app's own 504 (X-Error-Code in the headers)" "curl -sv -o /dev/null, only the < lines kept" -- $RP $P/api/search
    kill_app oxley
    cap $S haproxy-503-app-stopped-fastapi.txt 503 load-balancer haproxy "uvicorn killed: HAProxy's stock 503" "curl -si" -- -si $RP $P/api/bookings/1
    start_app oxley || die "oxley did not come back"
fi
# ================================================= nginx -> Flask on Waitress ==
if up nginx; then
    log "capturing: Flask (problem+json errorhandler) on Waitress behind nginx"
    S=flask-waitress-nginx-problem-r187
    H=api.brackwater.test U=http://api.brackwater.test:60102 R="--resolve api.brackwater.test:60102:127.0.0.1"
    cap $S flask-200-return-nginx.txt 200 app flask "return 1: Flask's answer passed on (nginx adds X-Request-ID)" "curl -si" -- -si $R $U/api/returns/1
    cap $S flask-404-return9-problem-nginx.txt 404 app flask "return 9: the team's problem+json 404" "curl -si" -- -si $R $U/api/returns/9
    cap $S flask-404-route-problem-nginx.txt 404 app flask "an unrouted path: the HTTPException errorhandler's problem+json 404" "curl -sv" -- -sv $R $U/api/exchanges
    cap $S flask-405-post-problem-nginx.txt 405 app flask "POST to a GET route: the HTTPException errorhandler's problem+json 405" "curl -si" -- -si $R -X POST $U/api/refunds
    capwin $S flask-422-create-problem-nginx.txt 422 app flask "POST without order: the view's problem+json 422" "curl -si pasted with CRLF" -- -si $R -H 'Content-Type: application/json' --data-binary '{"reason":"damaged"}' $U/api/returns
    cap $S flask-500-boom-problem-nginx.txt 500 app flask "/api/boom raises KeyError: the Exception errorhandler's problem+json 500" "curl -si" -- -si $R $U/api/boom
    cap $S flask-502-refunds-problem-nginx.txt 502 app flask "/api/refunds: the app's own problem+json 502 naming the payment provider, passed on" "curl -si" -- -si $R $U/api/refunds
    capdump $S flask-503-ledger-problem-nginx.txt 503 app flask "/api/ledger: the app's own problem+json 503 about its database, Retry-After, passed on" "curl -s -D-" -- $R $U/api/ledger
    capraw $S flask-504-search-problem-nginx.txt 504 app flask "/api/search: the app's own problem+json 504 about the search cluster, passed on" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/search
    capwget $S flask-503-ledger-problem-nginx-wget.txt 503 app flask "/api/ledger again: the app's problem+json 503, passed on" "wget -S -O-" -- --header="Host: $H:60102" http://127.0.0.1:60102/api/ledger
    cap $S nginx-504-slow-flask.txt 504 proxy nginx "/api/slow takes 6 s, proxy_read_timeout 3s: nginx's stock 504" "curl -si" -- -si $R $U/api/slow
    capbody $BO body-flask-502-refunds-problem-nginx.txt 502/502 app flask "/api/refunds: the problem+json body, its status field shows 502" "curl -s" -- $R $U/api/refunds
    kill_app brack
    cap $S nginx-502-app-stopped-flask.txt 502 proxy nginx "Waitress killed: nginx's stock 502" "curl -sv" -- -sv $R $U/api/returns/1
    caphead $HO head-nginx-502-app-stopped-flask.txt 502 proxy nginx "HEAD while Waitress is down: nginx's 502" "curl -sI" -- $R $U/api/returns/1
    start_app brack || die "brack did not come back"
fi
# ================================================= Caddy -> Koa on Node ==
if up caddy; then
    log "capturing: Koa (ctx.throw + wrapper) on Node behind Caddy"
    S=koa-node-caddy-throw-r187
    H=api.merrow.test B=http://api.merrow.test:60103 RB="--resolve api.merrow.test:60103:127.0.0.1"
    cap $S koa-200-item-caddy.txt 200 app koa "item 1: Koa's answer passed on (Caddy adds X-Request-ID)" "curl -si" -- -si $RB $B/api/items/1
    cap $S koa-404-item9-wrapper-caddy.txt 404 app koa "item 9: ctx.throw(404) caught by the team's wrapper, JSON {success:false}" "curl -si" -- -si $RB $B/api/items/9
    cap $S koa-404-route-wrapper-caddy.txt 404 app koa "an unrouted path: the wrapper's JSON 404" "curl -sv" -- -sv $RB $B/api/warehouses
    capwin $S koa-405-post-wrapper-caddy.txt 405 app koa "POST to a GET route: the router's 405 caught by the wrapper" "curl -si pasted with CRLF" -- -si $RB -X POST $B/api/items/1
    cap $S koa-403-admin-wrapper-caddy.txt 403 app koa "/api/admin: ctx.throw(403) in the wrapper's JSON" "curl -si" -- -si $RB $B/api/admin
    cap $S koa-500-boom-wrapper-caddy.txt 500 app koa "/api/boom throws: the wrapper's JSON 500 (message hidden)" "curl -si" -- -si $RB $B/api/boom
    capraw $S koa-502-payments-wrapper-caddy.txt 502 app koa "/api/payments: ctx.throw(502) about the payment provider, the wrapper's JSON, passed on" "curl -si saved to a file (CRs kept)" -- -si $RB $B/api/payments
    cap $S koa-503-stock-wrapper-caddy.txt 503 app koa "/api/stock: ctx.throw(503) about the database with Retry-After, passed on" "curl -si" -- -si $RB $B/api/stock
    cap $S koa-504-search-wrapper-caddy.txt 504 app koa "/api/search: ctx.throw(504) about the search cluster, passed on" "curl -sv" -- -sv $RB $B/api/search
    HTTPIE_CMD=http caphttp $S koa-503-stock-wrapper-caddy-httpie.txt 503 app koa "/api/stock again: the app's own 503, passed on" "HTTPie -v with colours" -- -v GET http://127.0.0.1:60103/api/stock Host:$H:60103
    cap $S caddy-504-slow-koa.txt 504 proxy caddy "/api/slow takes 6 s, response_header_timeout 3s: Caddy's empty 504" "curl -si" -- -si $RB $B/api/slow
    capbody $BO body-koa-504-search-wrapper-caddy.txt 504/504 app koa "/api/search: the wrapper's JSON, its error.status shows 504" "curl -s" -- $RB $B/api/search
    kill_app merrow
    cap $S caddy-502-app-stopped-koa.txt 502 proxy caddy "Node killed: Caddy's empty 502" "curl -si" -- -si $RB $B/api/items/1
    capcutn $HO cutn-caddy-502-app-stopped-koa.txt 502 proxy caddy "Node still down: Caddy's 502, the status line and first headers" "curl -si, the status line and 3 headers kept" -- 3 i $RB $B/api/items/2
    start_app merrow || die "merrow did not come back"
fi
# ================================================= Varnish -> DRF on gunicorn ==
if up varnish; then
    log "capturing: DRF (EXCEPTION_HANDLER) on gunicorn behind Varnish (pass)"
    S=drf-gunicorn-varnish-handler-r187
    H=api.pellgate.test A=http://api.pellgate.test:60104 RA="--resolve api.pellgate.test:60104:127.0.0.1"
    cap $S drf-200-invoice-varnish.txt 200 app django-rest-framework "invoice 1: DRF's answer passed on (Varnish passes, adds X-Request-ID and Via)" "curl -si" -- -si $RA $A/api/invoices/1
    cap $S drf-404-invoice9-envelope-varnish.txt 404 app django-rest-framework "invoice 9: NotFound through the team's EXCEPTION_HANDLER envelope" "curl -si" -- -si $RA $A/api/invoices/9
    cap $S drf-400-validation-envelope-varnish.txt 400 app django-rest-framework "POST {}: the serializer's ValidationError in the envelope" "curl -sv" -- -sv $RA -H 'Content-Type: application/json' --data-binary '{}' $A/api/invoices
    cap $S drf-403-account-envelope-varnish.txt 403 app django-rest-framework "/api/account raises NotAuthenticated; with no authenticator DRF answers 403, in the envelope (as rounds 156, 166, 180)" "curl -si" -- -si $RA $A/api/account
    capwin $S drf-429-search-envelope-varnish.txt 429 app django-rest-framework "/api/search raises Throttled: the envelope with Retry-After" "curl -si pasted with CRLF" -- -si $RA $A/api/search
    cap $S drf-500-boom-envelope-varnish.txt 500 app django-rest-framework "/api/boom raises RuntimeError: the handler's own JSON 500" "curl -si" -- -si $RA $A/api/boom
    cap $S drf-502-payments-json-varnish.txt 502 app django "/api/payments: the team's JSON 502 naming the payment gateway (a plain Django view), passed on" "curl -si" -- -si $RA $A/api/payments
    capraw $S drf-503-ledger-html-varnish.txt 503 app django "/api/ledger: the team's HTML 503 naming the ledger database, Retry-After, passed on" "curl -si saved to a file (CRs kept)" -- -si $RA $A/api/ledger
    cap $S drf-504-reports-json-varnish.txt 504 app django "/api/reports: the team's JSON 504 naming the warehouse, passed on" "curl -sv" -- -sv $RA $A/api/reports
    capbody $BO body-drf-503-ledger-html-varnish.txt 503/503 app django "/api/ledger: the team's HTML 503 page, its title shows 503" "curl -s" -- $RA $A/api/ledger
    caphttph $HO httph-drf-504-reports-varnish.txt 504 app django "/api/reports: the team's 504, passed on" "HTTPie --headers with colours" -- GET http://127.0.0.1:60104/api/reports Host:$H:60104
    capdump $S varnish-503-slow-drf.txt 503 cdn-cache varnish "/api/slow takes 6 s, first_byte_timeout 3s: Varnish's stock 'Backend fetch failed' 503" "curl -s -D-" -- $RA $A/api/slow
    kill_app pell
    cap $S varnish-503-app-stopped-drf.txt 503 cdn-cache varnish "gunicorn killed: Varnish's stock 'Backend fetch failed' 503" "curl -si" -- -si $RA $A/api/invoices/1
    HTTPIE_CMD=http caphttp $S varnish-503-app-stopped-drf-httpie.txt 503 cdn-cache varnish "gunicorn still down: Varnish's stock 503" "HTTPie -v with colours" -- -v GET http://127.0.0.1:60104/api/invoices/2 Host:$H:60104
    capbody $BO body-varnish-503-app-stopped-drf.txt 503/503 cdn-cache varnish "gunicorn still down: Varnish's guru meditation page, its title shows 503" "curl -s" -- $RA $A/api/invoices/3
    start_app pell || die "pell did not come back"
fi
# ================================================= Apache -> Express on Node ==
if up apache; then
    log "capturing: Express ({ok:false} envelope, HTML 502/503) on Node behind Apache"
    S=express-node-apache-okenvelope-r187
    H=api.culver.test C=http://api.culver.test:60105 RC="--resolve api.culver.test:60105:127.0.0.1"
    cap $S express-200-delivery-apache.txt 200 app express "delivery 1: Express's answer passed on (Apache adds X-Request-Id)" "curl -si" -- -si $RC $C/api/deliveries/1
    cap $S express-404-delivery9-okfalse-apache.txt 404 app express "delivery 9: the error middleware's {ok:false,error:{...}}" "curl -si" -- -si $RC $C/api/deliveries/9
    cap $S express-404-route-okfalse-apache.txt 404 app express "an unrouted path: the catch-all's {ok:false} 404" "curl -sv" -- -sv $RC $C/api/drivers
    capwin $S express-400-bad-json-okfalse-apache.txt 400 app express "POST with broken JSON: body-parser's 400 turned into {ok:false}" "curl -si pasted with CRLF" -- -si $RC -H 'Content-Type: application/json' --data-binary '{"address": ' $C/api/deliveries
    cap $S express-422-create-okfalse-apache.txt 422 app express "POST without address: the team's {ok:false} 422" "curl -si" -- -si $RC -H 'Content-Type: application/json' --data-binary '{"parcel":"CV-9"}' $C/api/deliveries
    cap $S express-500-boom-okfalse-apache.txt 500 app express "/api/boom throws: the error middleware's {ok:false} 500" "curl -si" -- -si $RC $C/api/boom
    capraw $S express-502-payments-html-apache.txt 502 app express "/api/payments: the team's own HTML 502 page about the payment provider, passed on" "curl -si saved to a file (CRs kept)" -- -si $RC $C/api/payments
    cap $S express-503-tracking-html-apache.txt 503 app express "/api/tracking: the team's own HTML 503 page about the database, Retry-After, passed on (no ProxyErrorOverride)" "curl -sv" -- -sv $RC $C/api/tracking
    cap $S express-504-search-okfalse-apache.txt 504 app express "/api/search: the team's {ok:false} 504 about the search cluster, passed on" "curl -si" -- -si $RC $C/api/search
    caplt $S express-503-tracking-html-apache-lt.txt 503 app express "/api/tracking again: the team's HTML 503, passed on" "curl -sv, only the < lines kept" -- -sv $RC $C/api/tracking
    capbody $BO body-express-502-payments-html-apache.txt 502/502 app express "/api/payments: the team's HTML 502 page, its title shows 502" "curl -s" -- $RC $C/api/payments
    cap $S apache-502-slow-read-timeout-express.txt 502 proxy apache "/api/slow takes 6 s, ProxyTimeout 3: Apache's stock 502 Proxy Error" "curl -si" -- -si $RC $C/api/slow
    kill_app culver
    cap $S apache-503-app-stopped-errordoc-express.txt 503 proxy apache "Node killed: Apache's 503 with the JSON ErrorDocument" "curl -si" -- -si $RC $C/api/deliveries/1
    capwget $S apache-503-app-stopped-errordoc-express-wget.txt 503 proxy apache "Node still down: Apache's 503 JSON ErrorDocument" "wget -S -O-" -- --header="Host: $H:60105" http://127.0.0.1:60105/api/deliveries/2
    caphead $HO head-apache-503-app-stopped-express.txt 503 proxy apache "HEAD while Node is down: Apache's 503" "curl -sI" -- $RC $C/api/deliveries/3
    start_app culver || die "culver did not come back"
fi
# ================================================= nginx -> Fastify on Node ==
if up nginx; then
    log "capturing: Fastify (setErrorHandler, setNotFoundHandler) on Node behind nginx"
    S=fastify-node-nginx-handlers-r187
    H=api.ashcombe.test F=http://api.ashcombe.test:60106 RF="--resolve api.ashcombe.test:60106:127.0.0.1"
    cap $S fastify-200-parcel-nginx.txt 200 app fastify "parcel 1: Fastify's answer passed on (nginx adds X-Request-ID)" "curl -si" -- -si $RF $F/api/parcels/1
    cap $S fastify-404-parcel9-handler-nginx.txt 404 app fastify "parcel 9: setErrorHandler's {error:{code,message}}" "curl -si" -- -si $RF $F/api/parcels/9
    cap $S fastify-404-route-notfound-nginx.txt 404 app fastify "an unrouted path: setNotFoundHandler's JSON 404" "curl -sv" -- -sv $RF $F/api/depots
    capwin $S fastify-422-create-handler-nginx.txt 422 app fastify "POST without weight_kg: setErrorHandler's 422" "curl -si pasted with CRLF" -- -si $RF -H 'Content-Type: application/json' --data-binary '{"to":"York"}' $F/api/parcels
    cap $S fastify-429-search-handler-nginx.txt 429 app fastify "/api/search: the team's 429 with Retry-After, passed on" "curl -si" -- -si $RF $F/api/search
    cap $S fastify-500-boom-handler-nginx.txt 500 app fastify "/api/boom throws a TypeError: setErrorHandler's JSON 500 (message hidden)" "curl -si" -- -si $RF $F/api/boom
    capraw $S fastify-502-payments-html-nginx.txt 502 app fastify "/api/payments: the team's own HTML 502 page about the payment provider, passed on" "curl -si saved to a file (CRs kept)" -- -si $RF $F/api/payments
    cap $S fastify-503-maintenance-html-nginx.txt 503 app fastify "/api/maintenance: the team's own HTML 503 maintenance page, Retry-After, passed on" "curl -sv" -- -sv $RF $F/api/maintenance
    cap $S fastify-504-rates-handler-nginx.txt 504 app fastify "/api/rates: the team's JSON 504 about the carrier rate service, passed on" "curl -si" -- -si $RF $F/api/rates
    HTTPIE_CMD=http caphttp $S fastify-503-maintenance-html-nginx-httpie.txt 503 app fastify "/api/maintenance again: the team's HTML 503, passed on" "HTTPie -v with colours" -- -v GET http://127.0.0.1:60106/api/maintenance Host:$H:60106
    cap $S nginx-429-export-json-fastify.txt 429 proxy nginx "/api/export: nginx's own JSON 429 (return), the app never asked" "curl -si" -- -si $RF $F/api/export
    capjq $BO body-fastify-504-rates-jq-nginx.txt 0/504 app fastify "/api/rates: the team's JSON, no status number in it" "curl -s | jq ." -- $RF $F/api/rates
    capvnull $HO vnull-fastify-502-payments-nginx.txt 502 app fastify "/api/payments: the team's HTML 502, passed on" "curl -sv -o /dev/null, only the < lines kept" -- $RF $F/api/payments
    capcut $S nginx-504-slow-fastify.txt 504 proxy nginx "/api/slow takes 6 s, proxy_read_timeout 3s: nginx's stock 504" "curl -si, body cut off after the headers" -- -si $RF $F/api/slow
    kill_app ash
    cap $S nginx-502-app-stopped-fastify.txt 502 proxy nginx "Node killed: nginx's stock 502" "curl -si" -- -si $RF $F/api/parcels/1
    capwget $S nginx-502-app-stopped-fastify-wget.txt 502 proxy nginx "Node still down: nginx's stock 502" "wget -S -O-" -- --header="Host: $H:60106" http://127.0.0.1:60106/api/parcels/2
    start_app ash || die "ash did not come back"
fi
log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx apache caddy haproxy varnish; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round187/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
