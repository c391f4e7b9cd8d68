#!/usr/bin/env bash
# capture-round180.sh — build the hundred-and-eightieth held-out evidence
# corpus in tests/fixtures/evidence-round180/.
#
# "Apps whose teams customised their error handlers, a sixth look" (rounds
# 127, 136, 146, 156, 166 the first five). Front configs in
# scripts/corpus/conf-round180/ (round 166's fronts, rewritten for new apps),
# apps in apps180/ (new) and apps156/ (reused):
#   - nginx 1.22 :62101 -> FastAPI on uvicorn (apps180/fastapi_xerr.py, exception handlers + X-Error-Code);
#   - Caddy 2.6  :62102 -> Flask 3 on uvicorn --interface wsgi (apps180/flask_problem.py, problem+json errorhandler);
#   - HAProxy 2.6 :62103 -> Koa 2 on Node 20 (apps180/koa_throw.js, ctx.throw + a JSON wrapper);
#   - Apache 2.4 :62104 -> DRF 3.18 on Waitress, WSGI (apps156/drf_app.py, EXCEPTION_HANDLER envelope);
#   - nginx 1.22 :62105 -> plain PHP on PHP 8.2's built-in server (apps180/status.php, http_response_code + JSON);
#   - Caddy 2.6  :62106 -> Express 4 on Node 20 (apps180/express_ok.js, {ok:false,error:{...}} + HTML 502/503).
# Plain HTTP/1.1 throughout. Helpers are round 166's, unchanged.
#
#   scripts/corpus/capture-round180.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round180.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round180.sh       # keep configs + logs in the runtime dir
#
# Every server binds 127.0.0.1 (ports 62000-63999; the script stops if a
# socket held by one of its own processes listens anywhere else); every
# curl, HTTPie and wget request runs under `timeout`; every server it started
# is stopped on exit, by process id. Labels are written by finish_round180.py,
# which refuses (and this script then leaves the fixtures as they were) when
# a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round180"
RUN=/tmp/api-triage-corpus180-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round180"
APPS180="$HERE/apps180"
APPS156="$HERE/apps156"
VENV=${CORPUS_VENV180:-/tmp/api-triage-corpus180-venv}     # a copy of round 166's (django, DRF, flask, fastapi, uvicorn, waitress, HTTPie)
NODE_DIR=${CORPUS_NODE180:-/tmp/api-triage-corpus180-node} # a copy of round 166's node dir (express 4, koa 2, @koa/router)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 djangorestframework==3.18.3 django==5.2.19 flask==3.1.3 fastapi==0.165.0 uvicorn==0.55.0 waitress==3.0.2)
NODE_PKGS=(express@4 koa@2 @koa/router)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus180 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq nginx apache2 caddy haproxy python3-venv nodejs php8.2-cli)
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
    [[ -x $VPY ]] && "$VPY" -c "import httpie, flask, fastapi, uvicorn, waitress, django, rest_framework" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of round 156's node_modules; from npm when missing
    local m ok=1
    for m in express koa @koa/router; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus180","private":true}' >"$NODE_DIR/package.json"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round180.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS180 && -d $APPS156 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,haproxy,apache,nginx/tmp,caddy/data,caddy/config}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the Node packages are missing (${SKIPPED[node]})"
for p in nginx apache2 caddy haproxy jq php8.2-cli; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: nginx 62101 (FastAPI) + 62105 (PHP), Caddy 62102 (Flask) + 62106
# (Express), HAProxy 62103 (Koa), Apache 62104 (DRF). Apps: FastAPI/uvicorn
# 62201, Flask/uvicorn-wsgi 62202, Koa 62203, DRF/Waitress 62204, PHP -S
# 62205, Express 62206.
TCP_PORTS=(62101 62102 62103 62104 62105 62106 62201 62202 62203 62204 62205 62206)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    oxley) start_bg oxley env PYTHONPATH="$APPS180" nice -n 5 "$VPY" -m uvicorn --host 127.0.0.1 --port 62201 fastapi_xerr:app
        wait_port 62201 oxley ;;
    brack) start_bg brack env PYTHONPATH="$APPS180" nice -n 5 "$VPY" -m uvicorn --interface wsgi --host 127.0.0.1 --port 62202 flask_problem:app
        wait_port 62202 brack ;;
    merrow) start_bg merrow "${NODEENV[@]}" "$APPS180/koa_throw.js" 62203
        wait_port 62203 merrow ;;
    pell) start_bg pell env PYTHONPATH="$APPS156" nice -n 5 "$VPY" -m waitress --listen=127.0.0.1:62204 drf_app:application
        wait_port 62204 pell ;;
    fen) start_bg fen nice -n 5 php -S 127.0.0.1:62205 "$APPS180/status.php"
        wait_port 62205 fen ;;
    culver) start_bg culver "${NODEENV[@]}" "$APPS180/express_ok.js" 62206
        wait_port 62206 culver ;;
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
for a in oxley brack merrow pell fen culver; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
rconf() { sed -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$CONF|g" "$1" >"$2"; }
rconf "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 62101 nginx && wait_port 62105 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
rconf "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 62104 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
rconf "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 62102 caddy && wait_port 62106 caddy && UP[caddy]=1
rconf "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62103 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 180 (held out): real responses captured by
# scripts/corpus/capture-round180.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-179:
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

# ================================================= nginx -> FastAPI on uvicorn ==
if up nginx; then
    log "capturing: FastAPI (exception handlers, X-Error-Code) on uvicorn behind nginx"
    S=fastapi-uvicorn-nginx-xerrcode-r180
    H=api.oxley.test P=http://api.oxley.test:62101 RP="--resolve api.oxley.test:62101:127.0.0.1"
    cap $S fastapi-200-booking-nginx.txt 200 app fastapi "booking 1: FastAPI's answer passed on (nginx adds X-Request-ID, its Server: replaces uvicorn's)" "curl -si" -- -si $RP $P/api/bookings/1
    cap $S fastapi-404-booking9-xerr-nginx.txt 404 app fastapi "booking 9: the team's BookingError handler, envelope + X-Error-Code: BOOKING_NOT_FOUND" "curl -si" -- -si $RP $P/api/bookings/9
    cap $S fastapi-404-route-xerr-nginx.txt 404 app fastapi "an unrouted path: the HTTPException handler's envelope + X-Error-Code: NOT_FOUND" "curl -sv" -- -sv $RP $P/api/guests
    capwin $S fastapi-422-validation-xerr-nginx.txt 422 app fastapi "POST with a string nights: the RequestValidationError handler's envelope + X-Error-Code" "curl -si pasted with CRLF" -- -si $RP -H 'Content-Type: application/json' --data-binary '{"guest":"A","nights":"two"}' $P/api/bookings
    cap $S fastapi-405-post-xerr-nginx.txt 405 app fastapi "POST to a GET route: the HTTPException handler's envelope + X-Error-Code: METHOD_NOT_ALLOWED" "curl -si" -- -si $RP -X POST $P/api/bookings/1
    cap $S fastapi-500-boom-xerr-nginx.txt 500 app fastapi "/api/boom raises: the Exception handler's envelope + X-Error-Code: INTERNAL_ERROR" "curl -si" -- -si $RP $P/api/boom
    cap $S fastapi-502-payments-xerr-nginx.txt 502 app fastapi "/api/payments: the app's own 502 about the payment provider (X-Error-Code: PAYMENT_PROVIDER_UNAVAILABLE), passed on" "curl -si" -- -si $RP $P/api/payments
    capraw $S fastapi-503-availability-xerr-nginx.txt 503 app fastapi "/api/availability: the app's own 503 about its database, Retry-After + X-Error-Code, passed on" "curl -si saved to a file (CRs kept)" -- -si $RP $P/api/availability
    cap $S fastapi-504-search-xerr-nginx.txt 504 app fastapi "/api/search: the app's own 504 about the search cluster (X-Error-Code: SEARCH_TIMEOUT), passed on" "curl -sv" -- -sv $RP $P/api/search
    HTTPIE_CMD=http caphttp $S fastapi-502-payments-xerr-nginx-httpie.txt 502 app fastapi "/api/payments again: the app's own 502, passed on" "HTTPie -v with colours" -- -v GET http://127.0.0.1:62101/api/payments Host:$H:62101
    cap $S nginx-503-reports-json-fastapi.txt 503 proxy nginx "/api/reports: nginx's own JSON 503 (return), the app never asked" "curl -si" -- -si $RP $P/api/reports
    cap $S nginx-504-slow-fastapi.txt 504 proxy nginx "/api/slow takes 6 s, proxy_read_timeout 3s: nginx's stock 504" "curl -si" -- -si $RP $P/api/slow
    capjq $BO body-fastapi-503-availability-jq-nginx.txt 0/503 app fastapi "/api/availability: the envelope, no status number in it" "curl -s | jq ." -- $RP $P/api/availability
    capvnull $HO vnull-fastapi-504-search-nginx.txt 504 app fastapi "/api/search: the app's own 504 (X-Error-Code in the headers)" "curl -sv -o /dev/null, only the < lines kept" -- $RP $P/api/search
    kill_app oxley
    cap $S nginx-502-app-stopped-fastapi.txt 502 proxy nginx "uvicorn killed: nginx's stock 502" "curl -si" -- -si $RP $P/api/bookings/1
    caplt $S nginx-502-app-stopped-fastapi-lt.txt 502 proxy nginx "uvicorn still down: nginx's stock 502" "curl -sv, only the < lines kept" -- -sv $RP $P/api/payments
    start_app oxley || die "oxley did not come back"
fi
# ================================================= Caddy -> Flask on uvicorn (WSGI) ==
if up caddy; then
    log "capturing: Flask (problem+json errorhandler) on uvicorn --interface wsgi behind Caddy"
    S=flask-uvicorn-caddy-problem-r180
    H=api.brackwater.test U=http://api.brackwater.test:62102 R="--resolve api.brackwater.test:62102:127.0.0.1"
    cap $S flask-200-return-caddy.txt 200 app flask "return 1: Flask's answer passed on (Caddy adds X-Request-ID)" "curl -si" -- -si $R $U/api/returns/1
    cap $S flask-404-return9-problem-caddy.txt 404 app flask "return 9: the team's problem+json 404" "curl -si" -- -si $R $U/api/returns/9
    cap $S flask-404-route-problem-caddy.txt 404 app flask "an unrouted path: the HTTPException errorhandler's problem+json 404" "curl -sv" -- -sv $R $U/api/exchanges
    cap $S flask-405-post-problem-caddy.txt 405 app flask "POST to a GET route: the HTTPException errorhandler's problem+json 405" "curl -si" -- -si $R -X POST $U/api/refunds
    capwin $S flask-422-create-problem-caddy.txt 422 app flask "POST without order: the view's problem+json 422" "curl -si pasted with CRLF" -- -si $R -H 'Content-Type: application/json' --data-binary '{"reason":"damaged"}' $U/api/returns
    cap $S flask-500-boom-problem-caddy.txt 500 app flask "/api/boom raises KeyError: the Exception errorhandler's problem+json 500" "curl -si" -- -si $R $U/api/boom
    cap $S flask-502-refunds-problem-caddy.txt 502 app flask "/api/refunds: the app's own problem+json 502 naming the payment provider, passed on" "curl -si" -- -si $R $U/api/refunds
    capdump $S flask-503-ledger-problem-caddy.txt 503 app flask "/api/ledger: the app's own problem+json 503 about its database, Retry-After, passed on" "curl -s -D-" -- $R $U/api/ledger
    capraw $S flask-504-search-problem-caddy.txt 504 app flask "/api/search: the app's own problem+json 504 about the search cluster, passed on" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/search
    capwget $S flask-503-ledger-problem-caddy-wget.txt 503 app flask "/api/ledger again: the app's problem+json 503, passed on" "wget -S -O-" -- --header="Host: $H:62102" http://127.0.0.1:62102/api/ledger
    cap $S caddy-504-slow-flask.txt 504 proxy caddy "/api/slow takes 6 s, response_header_timeout 3s: Caddy's empty 504" "curl -si" -- -si $R $U/api/slow
    capbody $BO body-flask-502-refunds-problem-caddy.txt 502/502 app flask "/api/refunds: the problem+json body, its status field shows 502" "curl -s" -- $R $U/api/refunds
    kill_app brack
    cap $S caddy-502-app-stopped-flask.txt 502 proxy caddy "uvicorn killed: Caddy's empty 502" "curl -sv" -- -sv $R $U/api/returns/1
    caphead $HO head-caddy-502-app-stopped-flask.txt 502 proxy caddy "HEAD while uvicorn is down: Caddy's 502" "curl -sI" -- $R $U/api/returns/1
    start_app brack || die "brack did not come back"
fi
# ================================================= HAProxy -> Koa on Node ==
if up haproxy; then
    log "capturing: Koa (ctx.throw + wrapper) on Node behind HAProxy"
    S=koa-node-haproxy-throw-r180
    H=api.merrow.test B=http://api.merrow.test:62103 RB="--resolve api.merrow.test:62103:127.0.0.1"
    cap $S koa-200-item-haproxy.txt 200 app koa "item 1: Koa's answer passed on (HAProxy adds X-Request-ID)" "curl -si" -- -si $RB $B/api/items/1
    cap $S koa-404-item9-wrapper-haproxy.txt 404 app koa "item 9: ctx.throw(404) caught by the team's wrapper, JSON {success:false}" "curl -si" -- -si $RB $B/api/items/9
    cap $S koa-404-route-wrapper-haproxy.txt 404 app koa "an unrouted path: the wrapper's JSON 404" "curl -sv" -- -sv $RB $B/api/warehouses
    capwin $S koa-405-post-wrapper-haproxy.txt 405 app koa "POST to a GET route: the router's 405 (allowedMethods throw) caught by the wrapper" "curl -si pasted with CRLF" -- -si $RB -X POST $B/api/items/1
    cap $S koa-403-admin-wrapper-haproxy.txt 403 app koa "/api/admin: ctx.throw(403) in the wrapper's JSON" "curl -si" -- -si $RB $B/api/admin
    cap $S koa-500-boom-wrapper-haproxy.txt 500 app koa "/api/boom throws: the wrapper's JSON 500 (message hidden)" "curl -si" -- -si $RB $B/api/boom
    capraw $S koa-502-payments-wrapper-haproxy.txt 502 app koa "/api/payments: ctx.throw(502) about the payment provider, the wrapper's JSON, passed on" "curl -si saved to a file (CRs kept)" -- -si $RB $B/api/payments
    cap $S koa-503-stock-wrapper-haproxy.txt 503 app koa "/api/stock: ctx.throw(503) about the database with Retry-After, passed on" "curl -si" -- -si $RB $B/api/stock
    cap $S koa-504-search-wrapper-haproxy.txt 504 app koa "/api/search: ctx.throw(504) about the search cluster, passed on" "curl -sv" -- -sv $RB $B/api/search
    HTTPIE_CMD=http caphttp $S koa-503-stock-wrapper-haproxy-httpie.txt 503 app koa "/api/stock again: the app's own 503, passed on" "HTTPie -v with colours" -- -v GET http://127.0.0.1:62103/api/stock Host:$H:62103
    cap $S haproxy-504-slow-koa.txt 504 load-balancer haproxy "/api/slow takes 6 s, timeout server 3s: HAProxy's stock 504" "curl -si" -- -si $RB $B/api/slow
    capbody $BO body-koa-504-search-wrapper-haproxy.txt 504/504 app koa "/api/search: the wrapper's JSON, its error.status shows 504" "curl -s" -- $RB $B/api/search
    kill_app merrow
    cap $S haproxy-503-app-stopped-koa.txt 503 load-balancer haproxy "Node killed: HAProxy's stock 503" "curl -si" -- -si $RB $B/api/items/1
    capdump $S haproxy-503-app-stopped-koa-dump.txt 503 load-balancer haproxy "Node still down: HAProxy's stock 503" "curl -s -D-" -- $RB $B/api/stock
    capcutn $HO cutn-haproxy-503-app-stopped-koa.txt 503 load-balancer haproxy "Node still down: HAProxy's 503, the status line and first headers" "curl -si, the status line and 3 headers kept" -- 3 i $RB $B/api/items/2
    start_app merrow || die "merrow did not come back"
fi
# ================================================= Apache -> DRF on Waitress ==
if up apache; then
    log "capturing: DRF (EXCEPTION_HANDLER) on Waitress behind Apache"
    S=drf-waitress-apache-handler-r180
    H=api.pellgate.test A=http://api.pellgate.test:62104 RA="--resolve api.pellgate.test:62104:127.0.0.1"
    cap $S drf-200-invoice-apache.txt 200 app django-rest-framework "invoice 1: DRF's answer passed on (Apache adds X-Request-Id)" "curl -si" -- -si $RA $A/api/invoices/1
    cap $S drf-404-invoice9-envelope-apache.txt 404 app django-rest-framework "invoice 9: NotFound through the team's EXCEPTION_HANDLER envelope" "curl -si" -- -si $RA $A/api/invoices/9
    cap $S drf-400-validation-envelope-apache.txt 400 app django-rest-framework "POST {}: the serializer's ValidationError in the envelope" "curl -sv" -- -sv $RA -H 'Content-Type: application/json' --data-binary '{}' $A/api/invoices
    cap $S drf-403-account-envelope-apache.txt 403 app django-rest-framework "/api/account raises NotAuthenticated; with no authenticator DRF answers 403, in the envelope (as rounds 156, 166)" "curl -si" -- -si $RA $A/api/account
    capwin $S drf-429-search-envelope-apache.txt 429 app django-rest-framework "/api/search raises Throttled: the envelope with Retry-After" "curl -si pasted with CRLF" -- -si $RA $A/api/search
    cap $S drf-500-boom-envelope-apache.txt 500 app django-rest-framework "/api/boom raises RuntimeError: the handler's own JSON 500" "curl -si" -- -si $RA $A/api/boom
    cap $S drf-502-payments-json-apache.txt 502 app django "/api/payments: the team's JSON 502 naming the payment gateway (a plain Django view), passed on" "curl -si" -- -si $RA $A/api/payments
    capraw $S drf-503-ledger-html-apache.txt 503 app django "/api/ledger: the team's HTML 503 naming the ledger database, Retry-After, passed on (no ProxyErrorOverride)" "curl -si saved to a file (CRs kept)" -- -si $RA $A/api/ledger
    cap $S drf-504-reports-json-apache.txt 504 app django "/api/reports: the team's JSON 504 naming the warehouse, passed on" "curl -sv" -- -sv $RA $A/api/reports
    capdump $S apache-502-slow-read-timeout-drf.txt 502 proxy apache "/api/slow takes 6 s, ProxyTimeout 3: Apache's stock 502 Proxy Error" "curl -s -D-" -- $RA $A/api/slow
    capbody $BO body-drf-503-ledger-html-apache.txt 503/503 app django "/api/ledger: the team's HTML 503 page, its title shows 503" "curl -s" -- $RA $A/api/ledger
    kill_app pell
    cap $S apache-503-app-stopped-errordoc-drf.txt 503 proxy apache "Waitress killed: Apache's 503 with the JSON ErrorDocument" "curl -si" -- -si $RA $A/api/invoices/1
    HTTPIE_CMD=http caphttp $S apache-503-app-stopped-errordoc-drf-httpie.txt 503 proxy apache "Waitress still down: Apache's 503 JSON ErrorDocument" "HTTPie -v with colours" -- -v GET http://127.0.0.1:62104/api/invoices/2 Host:$H:62104
    caphttph $HO httph-apache-503-app-stopped-drf.txt 503 proxy apache "Waitress still down: Apache's 503" "HTTPie --headers with colours" -- GET http://127.0.0.1:62104/api/invoices/3 Host:$H:62104
    start_app pell || die "pell did not come back"
fi
# ================================================= nginx -> plain PHP on the built-in server ==
if up nginx; then
    log "capturing: plain PHP (http_response_code + JSON) on PHP's built-in server behind nginx"
    S=php-builtin-nginx-status-r180
    H=api.fenwick.test F=http://api.fenwick.test:62105 RF="--resolve api.fenwick.test:62105:127.0.0.1"
    cap $S php-200-account-nginx.txt 200 app php "account 1: the script's JSON, passed on (nginx adds X-Request-ID)" "curl -si" -- -si $RF $F/api/accounts/1
    cap $S php-404-account9-json-nginx.txt 404 app php "account 9: http_response_code(404) and the team's JSON" "curl -si" -- -si $RF $F/api/accounts/9
    cap $S php-404-route-json-nginx.txt 404 app php "an unrouted path: the script's JSON 404" "curl -sv" -- -sv $RF $F/api/statements
    cap $S php-422-create-json-nginx.txt 422 app php "POST without name: http_response_code(422) and JSON" "curl -si" -- -si $RF -H 'Content-Type: application/json' --data-binary '{"email":"a@b.test"}' $F/api/accounts
    cap $S php-500-boom-json-nginx.txt 500 app php "/api/boom throws: set_exception_handler's JSON 500" "curl -si" -- -si $RF $F/api/boom
    capwin $S php-502-payments-json-nginx.txt 502 app php "/api/payments: the script's own JSON 502 about the payment provider, passed on" "curl -si pasted with CRLF" -- -si $RF $F/api/payments
    cap $S php-503-db-json-nginx.txt 503 app php "/api/accounts/db: the script's own JSON 503 about the database, Retry-After, passed on" "curl -si" -- -si $RF $F/api/accounts/db
    capraw $S php-504-search-json-nginx.txt 504 app php "/api/search: the script's own JSON 504 about the search cluster, passed on" "curl -si saved to a file (CRs kept)" -- -si $RF $F/api/search
    cap $S nginx-504-slow-php.txt 504 proxy nginx "/api/slow sleeps 6 s, proxy_read_timeout 3s: nginx's stock 504" "curl -sv" -- -sv $RF $F/api/slow
    capbody $BO body-php-502-payments-json-nginx.txt 0/502 app php "/api/payments: the JSON body, no status number in it" "curl -s" -- $RF $F/api/payments
    caphead $HO head-php-503-db-nginx.txt 503 app php "HEAD /api/accounts/db: the script's 503 headers, passed on" "curl -sI" -- $RF $F/api/accounts/db
    kill_app fen
    cap $S nginx-502-app-stopped-php.txt 502 proxy nginx "the PHP server killed: nginx's stock 502" "curl -si" -- -si $RF $F/api/accounts/1
    capwget $S nginx-502-app-stopped-php-wget.txt 502 proxy nginx "the PHP server still down: nginx's stock 502" "wget -S -O-" -- --header="Host: $H:62105" http://127.0.0.1:62105/api/payments
    start_app fen || die "fen did not come back"
fi
# ================================================= Caddy -> Express on Node ==
if up caddy; then
    log "capturing: Express ({ok:false} envelope, HTML 502/503) on Node behind Caddy"
    S=express-node-caddy-okenvelope-r180
    H=api.culver.test C=http://api.culver.test:62106 RC="--resolve api.culver.test:62106:127.0.0.1"
    cap $S express-200-delivery-caddy.txt 200 app express "delivery 1: Express's answer passed on (Caddy adds X-Request-ID)" "curl -si" -- -si $RC $C/api/deliveries/1
    cap $S express-404-delivery9-okfalse-caddy.txt 404 app express "delivery 9: the error middleware's {ok:false,error:{...}}" "curl -si" -- -si $RC $C/api/deliveries/9
    cap $S express-404-route-okfalse-caddy.txt 404 app express "an unrouted path: the catch-all's {ok:false} 404" "curl -sv" -- -sv $RC $C/api/drivers
    capwin $S express-400-bad-json-okfalse-caddy.txt 400 app express "POST with broken JSON: body-parser's 400 turned into {ok:false}" "curl -si pasted with CRLF" -- -si $RC -H 'Content-Type: application/json' --data-binary '{"address": ' $C/api/deliveries
    cap $S express-422-create-okfalse-caddy.txt 422 app express "POST without address: the team's {ok:false} 422" "curl -si" -- -si $RC -H 'Content-Type: application/json' --data-binary '{"parcel":"CV-9"}' $C/api/deliveries
    cap $S express-500-boom-okfalse-caddy.txt 500 app express "/api/boom throws: the error middleware's {ok:false} 500" "curl -si" -- -si $RC $C/api/boom
    capraw $S express-502-payments-html-caddy.txt 502 app express "/api/payments: the team's own HTML 502 page about the payment provider, passed on" "curl -si saved to a file (CRs kept)" -- -si $RC $C/api/payments
    cap $S express-503-tracking-html-caddy.txt 503 app express "/api/tracking: the team's own HTML 503 page about the database, Retry-After, passed on" "curl -sv" -- -sv $RC $C/api/tracking
    cap $S express-504-search-okfalse-caddy.txt 504 app express "/api/search: the team's {ok:false} 504 about the search cluster, passed on" "curl -si" -- -si $RC $C/api/search
    cap $S caddy-429-export-json-express.txt 429 proxy caddy "/api/export: Caddy's own JSON 429 (respond) in the app's {ok:false} shape" "curl -si" -- -si $RC $C/api/export
    cap $S caddy-504-slow-express.txt 504 proxy caddy "/api/slow takes 6 s, response_header_timeout 3s: Caddy's empty 504" "curl -sv" -- -sv $RC $C/api/slow
    capbody $BO body-express-502-payments-html-caddy.txt 502/502 app express "/api/payments: the team's HTML page, its title shows 502" "curl -s" -- $RC $C/api/payments
    capjq $BO body-caddy-429-export-jq-express.txt 0/429 proxy caddy "/api/export: Caddy's own {ok:false} JSON, no status number in it" "curl -s | jq ." -- $RC $C/api/export
    kill_app culver
    cap $S caddy-502-app-stopped-express.txt 502 proxy caddy "Node killed: Caddy's empty 502" "curl -si" -- -si $RC $C/api/deliveries/1
    HTTPIE_CMD=http caphttp $S caddy-502-app-stopped-express-httpie.txt 502 proxy caddy "Node still down: Caddy's empty 502" "HTTPie -v with colours" -- -v GET http://127.0.0.1:62106/api/deliveries/2 Host:$H:62106
    capcutr $HO cutr-caddy-502-app-stopped-express.txt 502 proxy caddy "Node still down: Caddy's 502, the status line and first headers" "curl -si, the status line and 2 headers kept, CRs kept" -- 2 $RC $C/api/tracking
    start_app culver || die "culver did not come back"
fi
log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx apache caddy haproxy; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round180/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
