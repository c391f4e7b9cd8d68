#!/usr/bin/env bash
# capture-round166.sh — build the hundred-and-sixty-sixth held-out evidence
# corpus in tests/fixtures/evidence-round166/.
#
# "Apps whose teams customised their error handlers, a fifth look" (rounds
# 127, 136, 146, 156 the first four). Front configs in
# scripts/corpus/conf-round166/ (round 156's fronts, apps moved, hosts
# renamed), apps in apps166/ (new) and apps127/, apps146/, apps156/ (reused):
#   - nginx 1.22 :62101 -> Django 5.2 on uvicorn, ASGI (apps127/django_app.py, handler404/handler500 + templates);
#   - Caddy 2.6  :62102 -> Fastify 4 on Node 20 (apps166/fastify_app.js, setErrorHandler {error:{code,message}}, HTML 502/503);
#   - HAProxy 2.6 :62103 -> Express 4 on Node 20 (apps146/express_app.js, error middleware, HTML pages);
#   - Apache 2.4 :62104 -> FastAPI on Hypercorn (apps146/fastapi_app.py, problem+json);
#   - nginx 1.22 :62105 -> Flask 3 on Waitress (apps146/flask_app.py; /portal/ with proxy_intercept_errors);
#   - Caddy 2.6  :62106 -> DRF 3.18 on Waitress, WSGI (apps156/drf_app.py, EXCEPTION_HANDLER envelope).
# Plain HTTP/1.1 throughout. Helpers are round 156's, unchanged.
#
#   scripts/corpus/capture-round166.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round166.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round166.sh       # keep configs + logs in the runtime dir
#
# Every server binds 127.0.0.1 (ports 62000-63999; the script stops if a
# socket held by one of its own processes listens anywhere else); every
# curl, HTTPie and wget request runs under `timeout`; every server it started
# is stopped on exit, by process id. Labels are written by finish_round166.py,
# which refuses (and this script then leaves the fixtures as they were) when
# a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round166"
RUN=/tmp/api-triage-corpus166-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round166"
APPS127="$HERE/apps127"
APPS146="$HERE/apps146"
APPS156="$HERE/apps156"
APPS166="$HERE/apps166"
VENV=${CORPUS_VENV166:-/tmp/api-triage-corpus166-venv}     # a copy of round 156's (django, DRF, flask, fastapi, uvicorn, hypercorn, waitress)
NODE_DIR=${CORPUS_NODE166:-/tmp/api-triage-corpus166-node} # a copy of round 156's (express 4, fastify 4)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 djangorestframework==3.18.3 django==5.2.19 flask==3.1.3 fastapi==0.165.0 uvicorn==0.55.0 hypercorn==0.18.0 waitress==3.0.2)
NODE_PKGS=(express@4 fastify@4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus166 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq nginx apache2 caddy haproxy python3-venv nodejs)
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
    [[ -x $VPY ]] && "$VPY" -c "import httpie, flask, fastapi, uvicorn, hypercorn, waitress, django, rest_framework" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of round 156's node_modules; from npm when missing
    local m ok=1
    for m in express fastify; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus166","private":true}' >"$NODE_DIR/package.json"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round166.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS127 && -d $APPS146 && -d $APPS156 && -d $APPS166 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn,haproxy,apache,nginx/tmp,caddy/data,caddy/config}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the Node packages are missing (${SKIPPED[node]})"
for p in nginx apache2 caddy haproxy jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: nginx 62101 (Django) + 62105 (Flask/Waitress), Caddy 62102
# (Fastify) + 62106 (DRF/Waitress), HAProxy 62103 (Express), Apache 62104
# (FastAPI/Hypercorn). Apps: Django/uvicorn 62201, Fastify 62202, Express
# 62203, FastAPI/Hypercorn 62204, Flask/Waitress 62205, DRF/Waitress 62206.
TCP_PORTS=(62101 62102 62103 62104 62105 62106 62201 62202 62203 62204 62205 62206)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    wrenord) start_bg wrenord env PYTHONPATH="$APPS127" nice -n 5 "$VPY" -m uvicorn --host 127.0.0.1 --port 62201 django_app:application
        wait_port 62201 wrenord ;;
    ash) start_bg ash "${NODEENV[@]}" "$APPS166/fastify_app.js" 62202
        wait_port 62202 ash ;;
    larch) start_bg larch "${NODEENV[@]}" "$APPS146/express_app.js" 62203
        wait_port 62203 larch ;;
    wren) start_bg wren env PYTHONPATH="$APPS146" nice -n 5 "$VPY" -m hypercorn --bind 127.0.0.1:62204 fastapi_app:app
        wait_port 62204 wren ;;
    tams) start_bg tams env PYTHONPATH="$APPS146" nice -n 5 "$VPY" -m waitress --listen=127.0.0.1:62205 flask_app:app
        wait_port 62205 tams ;;
    pell) start_bg pell env PYTHONPATH="$APPS156" nice -n 5 "$VPY" -m waitress --listen=127.0.0.1:62206 drf_app:application
        wait_port 62206 pell ;;
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
for a in wrenord ash larch wren tams pell; do start_app $a || die "$a did not start"; done

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
# Evidence corpus, ROUND 166 (held out): real responses captured by
# scripts/corpus/capture-round166.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-165:
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

# ================================================= nginx -> Django on uvicorn ==
if up nginx; then
    log "capturing: Django (handler404/handler500) on uvicorn behind nginx"
    S=django-uvicorn-nginx-handlers-r166
    H=api.wrenfield.test P=http://api.wrenfield.test:62101 RP="--resolve api.wrenfield.test:62101:127.0.0.1"
    cap $S django-200-order-nginx.txt 200 app django "order 1: Django's answer passed on (nginx adds X-Request-ID, its Server: replaces uvicorn's)" "curl -si" -- -si $RP $P/api/orders/1
    cap $S django-404-order9-envelope-nginx.txt 404 app django "order 9: the team's JSON envelope with the echoed request id" "curl -si" -- -si $RP $P/api/orders/9
    cap $S django-404-route-handler404-json-nginx.txt 404 app django "an unrouted /api/ path: handler404's JSON envelope" "curl -sv" -- -sv $RP $P/api/invoices
    cap $S django-404-page-template-nginx.txt 404 app django "an unrouted page: handler404 renders the team's 404.html template" "curl -si" -- -si $RP $P/help/returns
    capwin $S django-404-page-template-crlf-nginx.txt 404 app django "another unrouted page: the team's 404.html" "curl -si pasted with CRLF" -- -si $RP $P/shop/basket
    cap $S django-422-create-envelope-nginx.txt 422 app django "POST without sku: the view's JSON 422 in the envelope" "curl -si" -- -si $RP -H 'Content-Type: application/json' --data-binary '{"qty":1}' $P/api/orders
    cap $S django-429-search-envelope-nginx.txt 429 app django "/api/search: the app's own 429 with Retry-After and X-RateLimit-*" "curl -si" -- -si $RP $P/api/search
    cap $S django-500-boom-handler500-json-nginx.txt 500 app django "/api/boom raises: handler500's JSON envelope" "curl -si" -- -si $RP $P/api/boom
    capraw $S django-500-reports-boom-template-nginx.txt 500 app django "/reports/boom raises: handler500 renders the team's 500.html template" "curl -si saved to a file (CRs kept)" -- -si $RP $P/reports/boom
    cap $S django-503-maintenance-envelope-nginx.txt 503 app django "/api/maintenance: the app's own JSON 503 with Retry-After, passed on" "curl -sv" -- -sv $RP $P/api/maintenance
    cap $S nginx-429-export-json-django.txt 429 proxy nginx "/api/export: nginx's own JSON 429 (return)" "curl -si" -- -si $RP $P/api/export
    cap $S nginx-504-slow-django.txt 504 proxy nginx "/api/slow takes 6 s, proxy_read_timeout 3s: nginx's stock 504" "curl -si" -- -si $RP $P/api/slow
    capjq $BO body-django-404-order9-jq-nginx.txt 0/404 app django "order 9: the envelope, no status number in it" "curl -s | jq ." -- $RP $P/api/orders/9
    kill_app wrenord
    cap $S nginx-502-app-stopped-django.txt 502 proxy nginx "uvicorn killed: nginx's stock 502" "curl -si" -- -si $RP $P/api/orders/1
    caplt $S nginx-502-app-stopped-django-lt.txt 502 proxy nginx "uvicorn still down: nginx's stock 502" "curl -sv, only the < lines kept" -- -sv $RP $P/api/orders/2
    caphead $HO head-nginx-502-app-stopped-django.txt 502 proxy nginx "HEAD while uvicorn is down: nginx's 502" "curl -sI" -- $RP $P/api/orders/1
    start_app wrenord || die "wrenord did not come back"
fi
# ================================================= Caddy -> Fastify on Node ==
if up caddy; then
    log "capturing: Fastify on Node behind Caddy"
    S=fastify-node-caddy-seterr-r166
    H=api.ashcombe.test U=http://api.ashcombe.test:62102 R="--resolve api.ashcombe.test:62102:127.0.0.1"
    cap $S fastify-200-parcel-caddy.txt 200 app fastify "parcel 1: Fastify's answer passed on (Caddy adds X-Request-ID)" "curl -si" -- -si $R $U/api/parcels/1
    cap $S fastify-404-parcel9-seterr-caddy.txt 404 app fastify "parcel 9: setErrorHandler's {error:{code,message}}" "curl -si" -- -si $R $U/api/parcels/9
    cap $S fastify-404-route-notfound-caddy.txt 404 app fastify "an unrouted path: setNotFoundHandler's {error:{code,message}}" "curl -sv" -- -sv $R $U/api/invoices
    capwin $S fastify-400-bad-json-seterr-caddy.txt 400 app fastify "POST with broken JSON: Fastify's parser error through setErrorHandler" "curl -si pasted with CRLF" -- -si $R -H 'Content-Type: application/json' --data-binary '{"weight_kg": 2,' $U/api/parcels
    cap $S fastify-422-invalid-seterr-caddy.txt 422 app fastify "POST with a string weight: the team's 422 through setErrorHandler" "curl -si" -- -si $R -H 'Content-Type: application/json' --data-binary '{"weight_kg":"heavy"}' $U/api/parcels
    cap $S fastify-429-search-seterr-caddy.txt 429 app fastify "/api/search: the team's 429 with Retry-After" "curl -si" -- -si $R $U/api/search
    cap $S fastify-500-boom-seterr-caddy.txt 500 app fastify "/api/boom throws a TypeError: setErrorHandler's JSON 500" "curl -si" -- -si $R $U/api/boom
    capraw $S fastify-502-payments-html-caddy.txt 502 app fastify "/api/payments: the team's own HTML 502 page naming the payment provider, passed on" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/payments
    cap $S fastify-503-maintenance-html-caddy.txt 503 app fastify "/api/maintenance: the team's own HTML 503 page with Retry-After, passed on" "curl -sv" -- -sv $R $U/api/maintenance
    capdump $S fastify-504-rates-seterr-caddy.txt 504 app fastify "/api/rates: the team's JSON 504 naming the carrier, passed on" "curl -s -D-" -- $R $U/api/rates
    cap $S caddy-429-export-json-fastify.txt 429 proxy caddy "/api/export: Caddy's own JSON 429 (respond) in the app's shape" "curl -si" -- -si $R $U/api/export
    cap $S caddy-504-slow-fastify.txt 504 proxy caddy "/api/slow takes 6 s, response_header_timeout 3s: Caddy's empty 504" "curl -si" -- -si $R $U/api/slow
    capbody $BO body-fastify-503-maintenance-html-caddy.txt 503/503 app fastify "/api/maintenance: the team's HTML page, its title shows 503" "curl -s" -- $R $U/api/maintenance
    kill_app ash
    cap $S caddy-502-app-stopped-fastify.txt 502 proxy caddy "Node killed: Caddy's empty 502" "curl -sv" -- -sv $R $U/api/parcels/1
    HTTPIE_CMD=http caphttp $S caddy-502-app-stopped-fastify-httpie.txt 502 proxy caddy "Node still down: Caddy's empty 502" "HTTPie -v with colours" -- -v GET http://127.0.0.1:62102/api/parcels/2 Host:$H:62102
    capvnull $HO vnull-caddy-502-app-stopped-fastify.txt 502 proxy caddy "Node still down: Caddy's 502" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/parcels/3
    start_app ash || die "ash did not come back"
fi
# ================================================= HAProxy -> Express on Node ==
if up haproxy; then
    log "capturing: Express on Node behind HAProxy"
    S=express-node-haproxy-htmlerr-r166
    H=api.larchmere.test B=http://api.larchmere.test:62103 RB="--resolve api.larchmere.test:62103:127.0.0.1"
    cap $S express-200-order-haproxy.txt 200 app express "order 1: Express's answer passed on (HAProxy adds X-Request-ID)" "curl -si" -- -si $RB $B/api/orders/1
    cap $S express-404-order9-envelope-haproxy.txt 404 app express "order 9: the error middleware's JSON envelope" "curl -si" -- -si $RB $B/api/orders/9
    cap $S express-404-page-html-haproxy.txt 404 app express "an unrouted page outside /api/: the error middleware's own HTML 404 page" "curl -si" -- -si $RB $B/help/contact
    caplt $S express-404-page-html-haproxy-lt.txt 404 app express "another unrouted page: the team's HTML 404 page" "curl -sv, only the < lines kept" -- -sv $RB $B/about/team
    cap $S express-400-bad-json-haproxy.txt 400 app express "POST with broken JSON: body-parser's error turned into the envelope" "curl -sv" -- -sv $RB -H 'Content-Type: application/json' --data-binary '{"qty": 2,' $B/api/orders
    capwin $S express-429-search-haproxy.txt 429 app express "/api/search: the app's own JSON 429 with Retry-After" "curl -si pasted with CRLF" -- -si $RB $B/api/search
    cap $S express-500-boom-envelope-haproxy.txt 500 app express "/api/boom throws: the error middleware's JSON 500" "curl -si" -- -si $RB $B/api/boom
    cap $S express-502-payments-json-haproxy.txt 502 app express "/api/payments: the app's own JSON 502 naming the card processor, passed on" "curl -si" -- -si $RB $B/api/payments
    cap $S express-503-maintenance-json-haproxy.txt 503 app express "/api/maintenance: the app's own JSON 503 with Retry-After, passed on" "curl -si" -- -si $RB $B/api/maintenance
    capraw $S express-504-reports-html-haproxy.txt 504 app express "/api/reports: the app's own HTML 504 page naming the report warehouse, passed on" "curl -si saved to a file (CRs kept)" -- -si $RB $B/api/reports
    cap $S haproxy-429-export-json-express.txt 429 load-balancer haproxy "/api/export: http-request return, HAProxy's own JSON 429" "curl -si" -- -si $RB $B/api/export
    cap $S haproxy-504-slow-express.txt 504 load-balancer haproxy "/api/slow takes 6 s, timeout server 3s: HAProxy's stock 504" "curl -si" -- -si $RB $B/api/slow
    capbody $BO body-express-404-page-html-haproxy.txt 404/404 app express "an unrouted page: the team's HTML 404 page (its text shows 404)" "curl -s" -- $RB $B/help/contact
    kill_app larch
    cap $S haproxy-503-app-stopped-express.txt 503 load-balancer haproxy "Node killed: HAProxy's stock 503" "curl -si" -- -si $RB $B/api/orders/1
    capwget $S haproxy-503-app-stopped-express-wget.txt 503 load-balancer haproxy "Node still down: HAProxy's stock 503" "wget -S -O-" -- --header="Host: $H:62103" http://127.0.0.1:62103/api/orders/2
    capcutn $HO cutn-haproxy-503-app-stopped-express.txt 503 load-balancer haproxy "Node still down: HAProxy's 503, the status line and first headers" "curl -si, the status line and 3 headers kept" -- 3 i $RB $B/api/orders/3
    start_app larch || die "larch did not come back"
fi
# ================================================= Apache -> FastAPI on Hypercorn ==
if up apache; then
    log "capturing: FastAPI on Hypercorn behind Apache"
    S=fastapi-hypercorn-apache-problem-r166
    H=api.wrenfield-eu.test A=http://api.wrenfield-eu.test:62104 RA="--resolve api.wrenfield-eu.test:62104:127.0.0.1"
    cap $S fastapi-200-shipment-apache.txt 200 app fastapi "shipment 1: FastAPI's answer passed on (Apache adds X-Request-Id)" "curl -si" -- -si $RA $A/api/shipments/1
    cap $S fastapi-404-shipment9-problem-apache.txt 404 app fastapi "shipment 9: the team's problem+json 404" "curl -si" -- -si $RA $A/api/shipments/9
    cap $S fastapi-404-route-problem-apache.txt 404 app fastapi "an unrouted path: the HTTPException handler's problem+json 404" "curl -sv" -- -sv $RA $A/api/parcels
    cap $S fastapi-422-validation-problem-apache.txt 422 app fastapi "POST with a string weight: the RequestValidationError handler's problem+json 422" "curl -si" -- -si $RA -H 'Content-Type: application/json' --data-binary '{"parcel":"WF-2","weight_kg":"heavy"}' $A/api/shipments
    capwin $S fastapi-405-post-problem-apache.txt 405 app fastapi "POST to a GET route: problem+json 405" "curl -si pasted with CRLF" -- -si $RA -X POST $A/api/shipments/1
    cap $S fastapi-500-boom-problem-apache.txt 500 app fastapi "/api/boom raises: the Exception handler's problem+json 500" "curl -si" -- -si $RA $A/api/boom
    cap $S fastapi-502-labels-problem-apache.txt 502 app fastapi "/api/labels: the app's own problem+json 502 naming the carrier, passed on" "curl -si" -- -si $RA $A/api/labels
    cap $S fastapi-503-maintenance-html-apache.txt 503 app fastapi "/api/maintenance: the app's own HTML 503 page with Retry-After, passed on (no ProxyErrorOverride)" "curl -sv" -- -sv $RA $A/api/maintenance
    capraw $S fastapi-504-rates-problem-apache.txt 504 app fastapi "/api/rates: the app's own problem+json 504, passed on" "curl -si saved to a file (CRs kept)" -- -si $RA $A/api/rates
    capdump $S apache-502-slow-read-timeout-fastapi.txt 502 proxy apache "/api/slow takes 6 s, ProxyTimeout 3: Apache's stock 502 Proxy Error" "curl -s -D-" -- $RA $A/api/slow
    capbody $BO body-fastapi-502-labels-problem-apache.txt 502/502 app fastapi "/api/labels: the problem+json body, its status field shows 502" "curl -s" -- $RA $A/api/labels
    kill_app wren
    cap $S apache-503-app-stopped-errordoc-fastapi.txt 503 proxy apache "Hypercorn killed: Apache's 503 with the JSON ErrorDocument" "curl -si" -- -si $RA $A/api/shipments/1
    HTTPIE_CMD=http caphttp $S apache-503-app-stopped-errordoc-fastapi-httpie.txt 503 proxy apache "Hypercorn still down: Apache's 503 JSON ErrorDocument" "HTTPie -v with colours" -- -v GET http://127.0.0.1:62104/api/shipments/2 Host:$H:62104
    caphttph $HO httph-apache-503-app-stopped-fastapi.txt 503 proxy apache "Hypercorn still down: Apache's 503" "HTTPie --headers with colours" -- GET http://127.0.0.1:62104/api/shipments/3 Host:$H:62104
    start_app wren || die "wren did not come back"
fi
# ================================================= nginx -> Flask on Waitress ==
if up nginx; then
    log "capturing: Flask on Waitress behind nginx (intercepting /portal/)"
    S=flask-waitress-nginx-intercept-r166
    H=help.tamsworth.test T=http://help.tamsworth.test:62105 RT="--resolve help.tamsworth.test:62105:127.0.0.1"
    cap $S flask-200-ticket-nginx.txt 200 app flask "ticket 1: Flask's answer passed on (nginx's Server: replaces waitress's)" "curl -si" -- -si $RT $T/api/tickets/1
    cap $S flask-404-ticket9-json-nginx.txt 404 app flask "ticket 9: the team's JSON error" "curl -si" -- -si $RT $T/api/tickets/9
    cap $S flask-404-page-html-nginx.txt 404 app flask "an unrouted page: the 404 errorhandler's HTML page" "curl -sv" -- -sv $RT $T/kb/printers
    cap $S flask-500-boom-json-nginx.txt 500 app flask "/api/boom raises: the Exception errorhandler's JSON 500" "curl -si" -- -si $RT $T/api/boom
    cap $S flask-502-search-json-nginx.txt 502 app flask "/api/search: the app's own JSON 502 naming the search index, passed on" "curl -si" -- -si $RT $T/api/search
    capwin $S flask-503-maintenance-html-nginx.txt 503 app flask "/api/maintenance: the app's own HTML 503 page, passed on" "curl -si pasted with CRLF" -- -si $RT $T/api/maintenance
    cap $S flask-504-billing-json-nginx.txt 504 app flask "/api/billing: the app's own JSON 504, passed on" "curl -sv" -- -sv $RT $T/api/billing
    cap $S nginx-503-portal-branded-maintenance-flask.txt 503 proxy nginx "/portal/api/maintenance: the app's HTML 503 intercepted (proxy_intercept_errors), nginx serves Tamsworth's branded page" "curl -si" -- -si $RT $T/portal/api/maintenance
    cap $S nginx-502-portal-branded-search-flask.txt 502 proxy nginx "/portal/api/search: the app's JSON 502 intercepted, nginx's branded page" "curl -si" -- -si $RT $T/portal/api/search
    capraw $S nginx-504-portal-branded-billing-flask.txt 504 proxy nginx "/portal/api/billing: the app's JSON 504 intercepted, nginx's branded page" "curl -si saved to a file (CRs kept)" -- -si $RT $T/portal/api/billing
    cap $S nginx-504-slow-flask.txt 504 proxy nginx "/api/slow takes 6 s, proxy_read_timeout 3s: nginx's stock 504" "curl -si" -- -si $RT $T/api/slow
    capbody $BO body-nginx-502-portal-branded-flask.txt 0/502 proxy nginx "/portal/api/search: nginx's branded page, no status number in it" "curl -s" -- $RT $T/portal/api/search
    kill_app tams
    cap $S nginx-502-app-stopped-flask.txt 502 proxy nginx "Waitress killed: nginx's stock 502" "curl -si" -- -si $RT $T/api/tickets/1
    cap $S nginx-502-portal-branded-stopped-flask.txt 502 proxy nginx "/portal/ while Waitress is down: nginx's own 502 answered with the branded page" "curl -sv" -- -sv $RT $T/portal/api/tickets/1
    start_app tams || die "tams did not come back"
fi
# ================================================= Caddy -> DRF on Waitress ==
if up caddy; then
    log "capturing: DRF on Waitress behind Caddy"
    S=drf-waitress-caddy-envelope-r166
    H=api.pellbrook.test W=http://api.pellbrook.test:62106 RW="--resolve api.pellbrook.test:62106:127.0.0.1"
    cap $S drf-200-invoice-caddy.txt 200 app django-rest-framework "invoice 1: DRF's answer passed on (no request id on this site)" "curl -si" -- -si $RW $W/api/invoices/1
    cap $S drf-404-invoice9-envelope-caddy.txt 404 app django-rest-framework "invoice 9: NotFound through the team's EXCEPTION_HANDLER envelope" "curl -sv" -- -sv $RW $W/api/invoices/9
    cap $S drf-400-validation-envelope-caddy.txt 400 app django-rest-framework "POST {}: the serializer's ValidationError in the envelope" "curl -si" -- -si $RW -H 'Content-Type: application/json' --data-binary '{}' $W/api/invoices
    cap $S drf-403-account-envelope-caddy.txt 403 app django-rest-framework "/api/account raises NotAuthenticated; with no authenticator DRF answers 403, in the envelope (as round 156)" "curl -si" -- -si $RW $W/api/account
    cap $S drf-429-search-envelope-caddy.txt 429 app django-rest-framework "/api/search raises Throttled: the envelope with Retry-After" "curl -si" -- -si $RW $W/api/search
    cap $S drf-500-boom-envelope-caddy.txt 500 app django-rest-framework "/api/boom raises RuntimeError: the handler's own JSON 500" "curl -si" -- -si $RW $W/api/boom
    capraw $S drf-502-payments-json-caddy.txt 502 app django "/api/payments: the team's JSON 502 naming the payment gateway (a plain Django view), passed on" "curl -si saved to a file (CRs kept)" -- -si $RW $W/api/payments
    cap $S drf-503-ledger-html-caddy.txt 503 app django "/api/ledger: the team's HTML 503 naming the ledger database, with Retry-After, passed on" "curl -si" -- -si $RW $W/api/ledger
    caplt $S drf-504-reports-json-caddy.txt 504 app django "/api/reports: the team's JSON 504 naming the warehouse, passed on" "curl -sv, only the < lines kept" -- -sv $RW $W/api/reports
    cap $S caddy-504-slow-drf.txt 504 proxy caddy "/api/slow takes 6 s, response_header_timeout 3s: Caddy's empty 504" "curl -sv" -- -sv $RW $W/api/slow
    capjq $BO body-drf-429-search-jq-caddy.txt 0/429 app django-rest-framework "/api/search: the envelope, no status number in it" "curl -s | jq ." -- $RW $W/api/search
    kill_app pell
    cap $S caddy-502-app-stopped-drf.txt 502 proxy caddy "Waitress killed: Caddy's empty 502" "curl -si" -- -si $RW $W/api/invoices/1
    caphead $HO head-caddy-502-app-stopped-drf.txt 502 proxy caddy "HEAD while Waitress is down: Caddy's 502" "curl -sI" -- $RW $W/api/invoices/1
    start_app pell || die "pell did not come back"
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round166/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
