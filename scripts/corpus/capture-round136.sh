#!/usr/bin/env bash
# capture-round136.sh — build the hundred-and-thirty-sixth held-out evidence
# corpus in tests/fixtures/evidence-round136/.
#
# "Apps with their error handlers customised, a second look" (round 127's
# theme again): six front + app setups, one behind each of nginx, Apache,
# Caddy, HAProxy, Varnish and Squid. Apps in scripts/corpus/apps136/, front
# configs in scripts/corpus/conf-round136/:
#   - nginx 1.22   -> plain PHP on php-fpm 8.2 (team.php, TEAM_STYLE=envelope)
#   - Apache 2.4   -> NestJS 10 on Bun          (nest_app.js, envelope)
#   - Caddy 2.6    -> plain PHP on php-fpm 8.2 (team.php, TEAM_STYLE=problem)
#   - HAProxy 2.6  -> NestJS 10 on Bun          (nest_app.js, problem+json)
#   - Varnish 7.1  -> Hono 4 on Bun             (hono_app.mjs, {"ok":false})
#   - Squid 5.7    -> Sanic 25 (its own server) (sanic_app.py, envelope)
# Each app answers its customised errors (team envelope or RFC 9457, HTML
# 404/500, 429 with Retry-After, JSON 503 maintenance, HTML 502/504 about a
# dependency, 401 with and without WWW-Authenticate); next to them, each
# front's own answers of the same codes (stock pages, empty bodies, its own
# JSON errors, branded pages, its own 401).
#
#   scripts/corpus/capture-round136.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round136.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round136.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60000-61999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers in
# 62000-63999 meanwhile: those are not looked at, and never stopped); every
# curl, HTTPie and wget request runs under `timeout`; every server it started
# is stopped on exit, by process id. Labels are written by finish_round136.py,
# which refuses (and this script then leaves the fixtures as they were) when
# a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round136"
RUN=/tmp/api-triage-corpus136-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round136"
APPS="$HERE/apps136"
VENV=${CORPUS_VENV136:-/tmp/api-triage-corpus136-venv}     # Sanic 25 and HTTPie 3.2.4
NODE_DIR=${CORPUS_NODE136:-/tmp/api-triage-corpus136-node} # hono, @nestjs (Bun is Debian's /usr/bin/bun)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 sanic==25.12.1)
NODE_PKGS=(hono@4 @nestjs/core@10 @nestjs/common@10 @nestjs/platform-express@10 reflect-metadata rxjs)
BUN=${CORPUS_BUN136:-/usr/bin/bun}
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus136 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq nginx apache2 caddy haproxy varnish squid php8.2-fpm python3-venv nodejs)
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

install_venv() {  # Sanic and HTTPie; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, sanic" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # Hono and NestJS; from npm when missing
    local m ok=1
    for m in hono @nestjs/core @nestjs/platform-express reflect-metadata; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus136","private":true}' >"$NODE_DIR/package.json"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round136.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,php,squid,varnish,haproxy,apache,nginx/tmp,caddy/data,caddy/config}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the Node packages are missing (${SKIPPED[node]}; npm install them into $NODE_DIR)"
[[ -x $BUN ]] || die "bun is missing ($BUN)"
for p in nginx apache2 caddy haproxy varnish squid jq wget; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: nginx 60101, Apache 60102, Caddy 60103, HAProxy 60104, Varnish 60105,
# Squid 60106. Apps: NestJS/Bun 60202 (envelope) and 60204 (problem),
# Hono/Bun 60205, Sanic 60206, php-fpm 60207 (for nginx and Caddy).
TCP_PORTS=(60101 60102 60103 60104 60105 60106 60202 60204 60205 60206 60207)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
BUNENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 "$BUN")
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    saltmarsh) render "$CONF/php-fpm.conf" "$RUN/php/php-fpm.conf"
        start_bg saltmarsh /usr/sbin/php-fpm8.2 -F -y "$RUN/php/php-fpm.conf"
        wait_port 60207 saltmarsh ;;
    bramble) start_bg bramble env R136_STYLE=envelope "${BUNENV[@]}" "$APPS/nest_app.js" 60202
        wait_port 60202 bramble ;;
    bramblev2) start_bg bramblev2 env R136_STYLE=problem "${BUNENV[@]}" "$APPS/nest_app.js" 60204
        wait_port 60204 bramblev2 ;;
    juniperhill) start_bg juniperhill "${BUNENV[@]}" "$APPS/hono_app.mjs" 60205
        wait_port 60205 juniperhill ;;
    ospreyfield) start_bg ospreyfield nice -n 5 "$VPY" -m sanic sanic_app:app --host 127.0.0.1 --port 60206 --single-process --no-motd
        wait_port 60206 ospreyfield ;;
    esac
}
stop_app() {  # stop_app NAME PORT: a clean stop (SIGTERM) of the app, then wait until nobody listens
    local i
    stop_name "$1"
    for i in $(seq 1 50); do listening "$2" || return 0; sleep 0.1; done
    die "$1 still listens on $2 after its stop"
}
start_bg() {  # run from the apps folder
    local name=$1; shift
    (cd "$APPS" && exec "$@") >"$RUN/logs/$name.log" 2>&1 &
    PIDS+=($!)
    echo $! >"$RUN/pids/$name.pid"
}
for a in saltmarsh bramble bramblev2 juniperhill ospreyfield; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
rconf() { sed -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$CONF|g" -e "s|@APPS@|$APPS|g" "$1" >"$2"; }
printf 'ops:$apr1$r136$Qn0b9cKq3p3Vf4Vd1sKk2/\n' >"$RUN/nginx/htpasswd"
cp "$RUN/nginx/htpasswd" "$RUN/apache/htpasswd"
rconf "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60101 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
rconf "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 60102 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
rconf "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60103 caddy && UP[caddy]=1
rconf "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 60104 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
cp "$CONF/varnish.vcl" "$RUN/varnish/r136.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:60105 -T none -f "$RUN/varnish/r136.vcl" -n "$RUN/varnish/r136" -s malloc,16m
wait_port 60105 varnish && UP[varnish]=1
rconf "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus136 -f "$RUN/squid/squid.conf"
wait_port 60106 squid && UP[squid]=1
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 136 (held out): real responses captured by
# scripts/corpus/capture-round136.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-135:
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
JSONH=(-H 'Content-Type: application/json')
head -c 2048 /dev/zero | tr '\0' 'a' >"$RUN/work/big.txt"

# ================================================= nginx -> plain PHP on php-fpm ==
if up nginx; then
    log "capturing: plain PHP (php-fpm) behind nginx"
    S=plain-php-fpm-nginx-envelope-r136
    H=api.saltmarsh.test U=http://api.saltmarsh.test:60101 R="--resolve api.saltmarsh.test:60101:127.0.0.1"
    cap $S php-200-order-nginx.txt 200 app php "order 1 from the PHP front controller, passed on by nginx" "curl -si" -- -si $R $U/api/orders/1
    cap $S php-404-order-envelope-nginx.txt 404 app php "order 999: the team's JSON envelope {error:{code,message,request_id}}" "curl -sv" -- -sv $R $U/api/orders/999
    cap $S php-404-html-page-nginx.txt 404 app php "/pricing: the team's own HTML 404 page" "curl -si" -- -si $R $U/pricing
    capwin $S php-400-bad-json-nginx.txt 400 app php "a body that is not JSON: the team's JSON 400 envelope" "curl -si pasted with CRLF" -- -si $R "${JSONH[@]}" -d '{"sku":' $U/api/orders
    cap $S php-500-boom-envelope-nginx.txt 500 app php "/api/boom throws: the team's set_exception_handler answers the JSON 500 envelope" "curl -si" -- -si $R $U/api/boom
    capwget $S php-500-html-page-nginx-wget.txt 500 app php "/reports/boom throws: the team's own HTML 500 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60101/reports/boom
    cap $S php-429-search-nginx.txt 429 app php "/api/search: the app's own 429 envelope with Retry-After" "curl -si" -- -si $R $U/api/search
    cap $S nginx-429-bulk-json.txt 429 proxy nginx "/api/bulk: nginx's own JSON 429 (return) with Retry-After, the app never called" "curl -si" -- -si $R $U/api/bulk
    HTTPIE_CMD=http caphttp $S php-503-maintenance-nginx-httpie.txt 503 app php "HTTPie: the app's JSON 503 maintenance with Retry-After" "HTTPie with colours" -- -v GET http://127.0.0.1:60101/api/maintenance Host:$H
    cap $S php-502-payments-html-nginx.txt 502 app php "/api/payments: the app's own HTML 502 page about its payment provider, passed on" "curl -sv" -- -sv $R $U/api/payments
    capraw $S php-504-reports-html-nginx.txt 504 app php "/api/reports: the app's own HTML 504 page about its reporting database, passed on" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/reports
    cap $S nginx-504-slow-php.txt 504 proxy nginx "/api/slow takes 6 s, fastcgi_read_timeout 3s: nginx's stock 504" "curl -si" -- -si $R $U/api/slow
    cap $S php-401-account-www-auth-nginx.txt 401 app php "/api/account: the app's 401 envelope with WWW-Authenticate: Bearer" "curl -si" -- -si $R $U/api/account
    caplt $S php-401-me-no-www-auth-nginx.txt 401 app php "/api/me: the app's 401 envelope, no WWW-Authenticate" "curl -sv, only the < lines kept" -- -sv $R $U/api/me
    cap $S nginx-401-admin-basic-php.txt 401 identity nginx "/admin/: nginx's auth_basic, its stock 401 with WWW-Authenticate: Basic" "curl -si" -- -si $R $U/admin/
    cap $S nginx-413-body-php.txt 413 proxy nginx "a 2 KB POST, client_max_body_size 1k: nginx's stock 413" "curl -si" -- -si $R "${JSONH[@]}" --data-binary @"$RUN/work/big.txt" $U/api/orders
    capbody $BO body-php-404-order-envelope-nginx.txt 0/404 app php "order 999's envelope: a code, no status number" "curl -s" -- $R $U/api/orders/999
    capjq $BO body-nginx-429-bulk-json-jq.txt 0/429 proxy nginx "nginx's own JSON 429: no status number in it" "curl -s | jq ." -- $R $U/api/bulk
    stop_app saltmarsh 60207
    cap $S nginx-502-fpm-stopped-php.txt 502 proxy nginx "php-fpm stopped: nginx's stock 502" "curl -sv" -- -sv $R $U/api/orders/1
    caphead $HO head-nginx-502-fpm-stopped-php.txt 502 proxy nginx "HEAD while php-fpm is down: nginx's 502 headers" "curl -sI" -- $R $U/api/orders/1
    start_app saltmarsh || die "php-fpm did not restart"
fi
# ================================================= Apache -> NestJS on Bun ==
if up apache; then
    log "capturing: NestJS (Bun) behind Apache"
    S=nestjs-bun-apache-r136
    H=api.bramble.test U=http://api.bramble.test:60102 R="--resolve api.bramble.test:60102:127.0.0.1"
    cap $S nestjs-200-order-apache.txt 200 app nestjs "order 1, passed on by Apache (the app echoes mod_unique_id's X-Request-Id)" "curl -si" -- -si $R $U/api/orders/1
    cap $S nestjs-404-order-envelope-apache.txt 404 app nestjs "order 999: NotFoundException through the team's global filter, the JSON envelope" "curl -sv" -- -sv $R $U/api/orders/999
    capraw $S nestjs-404-route-envelope-apache.txt 404 app nestjs "/api/nope: Nest's route 404 through the team's global filter" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/nope
    cap $S nestjs-404-html-page-apache.txt 404 app nestjs "/pricing: the team's filter's HTML 404 page" "curl -si" -- -si $R $U/pricing
    cap $S nestjs-422-no-sku-apache.txt 422 app nestjs "no sku: UnprocessableEntityException through the team's filter" "curl -si" -- -si $R "${JSONH[@]}" -d '{"qty":1}' $U/api/orders
    capwin $S nestjs-500-boom-apache.txt 500 app nestjs "/api/boom throws a TypeError: the team's filter's JSON 500" "curl -si pasted with CRLF" -- -si $R $U/api/boom
    cap $S nestjs-429-search-apache.txt 429 app nestjs "the app's 429 envelope with Retry-After and RateLimit-*" "curl -sv" -- -sv $R $U/api/search
    cap $S nestjs-503-maintenance-apache.txt 503 app nestjs "the app's JSON 503 maintenance envelope with Retry-After" "curl -si" -- -si $R $U/api/maintenance
    capwget $S nestjs-502-payments-html-apache-wget.txt 502 app nestjs "/api/payments: the team's HTML 502 page about its payment provider, passed on" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60102/api/payments
    cap $S nestjs-504-reports-html-apache.txt 504 app nestjs "/api/reports: the team's HTML 504 page about the warehouse, passed on" "curl -si" -- -si $R $U/api/reports
    cap $S nestjs-401-account-www-auth-apache.txt 401 app nestjs "/api/account: the filter's 401 envelope with WWW-Authenticate: Bearer" "curl -si" -- -si $R $U/api/account
    HTTPIE_CMD=http caphttp $S nestjs-401-me-no-www-auth-apache-httpie.txt 401 app nestjs "HTTPie: /api/me, the filter's 401 envelope without WWW-Authenticate" "HTTPie with colours" -- -v GET http://127.0.0.1:60102/api/me Host:$H
    cap $S apache-401-admin-basic-nestjs.txt 401 identity apache "/admin/: Apache's AuthType Basic, its stock 401 page" "curl -si" -- -si $R $U/admin/
    cap $S apache-502-slow-nestjs.txt 502 proxy apache "/api/slow takes 6 s, ProxyTimeout 3: Apache's stock 502 'Proxy Error'" "curl -sv" -- -sv $R $U/api/slow
    capbody $BO body-nestjs-502-payments-html-apache.txt 502/502 app nestjs "the team's HTML 502 page: its title shows 502" "curl -s" -- $R $U/api/payments
    stop_app bramble 60202
    cap $S apache-503-app-stopped-json-nestjs.txt 503 proxy apache "Bun stopped, retry=0: Apache's 503 with its JSON ErrorDocument" "curl -si" -- -si $R $U/api/orders/1
    capvnull $HO headers-apache-503-app-stopped-nestjs.txt 503 proxy apache "Bun down: Apache's 503 headers" "curl -sv -o /dev/null, < lines" -- $R $U/api/maintenance
fi
# ================================================= Caddy -> plain PHP on php-fpm ==
if up caddy; then
    log "capturing: plain PHP (php-fpm) behind Caddy"
    S=plain-php-fpm-caddy-problem-r136
    H=api.saltmarsh-v2.test U=http://api.saltmarsh-v2.test:60103 R="--resolve api.saltmarsh-v2.test:60103:127.0.0.1"
    cap $S php-200-order-caddy.txt 200 app php "order 1 from the PHP front controller through Caddy's FastCGI transport" "curl -si" -- -si $R $U/api/orders/1
    cap $S php-404-order-problem-caddy.txt 404 app php "order 999: the team's RFC 9457 problem+json" "curl -si" -- -si $R $U/api/orders/999
    caplt $S php-404-route-problem-caddy.txt 404 app php "/api/nope: the team's problem+json 404" "curl -sv, only the < lines kept" -- -sv $R $U/api/nope
    cap $S php-404-html-page-caddy.txt 404 app php "/pricing: the team's own HTML 404 page" "curl -sv" -- -sv $R $U/pricing
    cap $S php-422-no-sku-problem-caddy.txt 422 app php "no sku: problem+json 422" "curl -si" -- -si $R "${JSONH[@]}" -d '{"qty":1}' $U/api/orders
    capcut $S php-500-boom-problem-caddy.txt 500 app php "/api/boom throws: the team's problem+json 500" "curl -si, cut before the body" -- -si $R $U/api/boom
    cap $S php-500-html-page-caddy.txt 500 app php "/reports/boom throws: the team's own HTML 500 page" "curl -si" -- -si $R $U/reports/boom
    cap $S php-429-search-problem-caddy.txt 429 app php "the app's problem+json 429 with Retry-After" "curl -si" -- -si $R $U/api/search
    cap $S caddy-429-bulk-problem-php.txt 429 proxy caddy "/api/bulk: Caddy's own problem+json 429 (respond) with Retry-After" "curl -sv" -- -sv $R $U/api/bulk
    capwin $S php-503-maintenance-problem-caddy.txt 503 app php "the app's problem+json 503 maintenance with Retry-After" "curl -si pasted with CRLF" -- -si $R $U/api/maintenance
    cap $S php-502-payments-html-caddy.txt 502 app php "/api/payments: the app's HTML 502 page about its payment provider, passed on" "curl -si" -- -si $R $U/api/payments
    HTTPIE_CMD=http caphttp $S php-504-reports-html-caddy-httpie.txt 504 app php "HTTPie: /api/reports, the app's HTML 504 page, passed on" "HTTPie with colours" -- -v GET http://127.0.0.1:60103/api/reports Host:$H
    cap $S php-401-account-problem-caddy.txt 401 app php "/api/account: problem+json 401 with WWW-Authenticate: Bearer" "curl -si" -- -si $R $U/api/account
    cap $S php-401-me-problem-caddy.txt 401 app php "/api/me: problem+json 401 without WWW-Authenticate" "curl -sv" -- -sv $R $U/api/me
    capjq $BO body-php-404-order-problem-caddy-jq.txt 404/404 app php "order 999's problem+json: its status member shows 404" "curl -s | jq ." -- $R $U/api/orders/999
    stop_app saltmarsh 60207
    cap $S caddy-502-fpm-stopped-branded-php.txt 502 proxy caddy "php-fpm stopped: Caddy's handle_errors branded HTML 502" "curl -si" -- -si $R $U/api/orders/1
    capbody $BO body-caddy-502-fpm-stopped-branded-php.txt 0/502 proxy caddy "Caddy's branded page: '(502)' in a sentence, not a status line or title" "curl -s" -- $R $U/api/maintenance
    capcutn $HO cut-caddy-502-fpm-stopped-php.txt 502 proxy caddy "php-fpm down: the status line and three headers of Caddy's branded 502" "a cut from curl -si" -- 3 i $R $U/api/search
fi
# ================================================= HAProxy -> NestJS on Bun ==
if up haproxy; then
    log "capturing: NestJS (Bun) behind HAProxy"
    S=nestjs-bun-haproxy-r136
    H=api.bramble-v2.test U=http://api.bramble-v2.test:60104 R="--resolve api.bramble-v2.test:60104:127.0.0.1"
    cap $S nestjs-200-order-haproxy.txt 200 app nestjs "order 1, passed on by HAProxy (the app echoes HAProxy's unique id)" "curl -sv" -- -sv $R $U/api/orders/1
    cap $S nestjs-404-order-problem-haproxy.txt 404 app nestjs "order 999: the team's filter answering RFC 9457 problem+json" "curl -si" -- -si $R $U/api/orders/999
    cap $S nestjs-404-html-page-haproxy.txt 404 app nestjs "/pricing: the team's filter's HTML 404 page" "curl -si" -- -si $R $U/pricing
    capraw $S nestjs-400-bad-json-problem-haproxy.txt 400 app nestjs "a body that is not JSON: body-parser's 400 through the filter, problem+json" "curl -si saved to a file (CRs kept)" -- -si $R "${JSONH[@]}" -d '{"sku":' $U/api/orders
    cap $S nestjs-500-boom-problem-haproxy.txt 500 app nestjs "/api/boom throws: the filter's problem+json 500" "curl -sv" -- -sv $R $U/api/boom
    cap $S nestjs-429-search-problem-haproxy.txt 429 app nestjs "the app's problem+json 429 with Retry-After and RateLimit-*" "curl -si" -- -si $R $U/api/search
    cap $S haproxy-429-bulk-problem-nestjs.txt 429 load-balancer haproxy "/api/bulk: HAProxy's own problem+json 429 (http-request return)" "curl -si" -- -si $R $U/api/bulk
    capwget $S nestjs-503-maintenance-problem-haproxy-wget.txt 503 app nestjs "the app's problem+json 503 maintenance with Retry-After" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60104/api/maintenance
    cap $S nestjs-502-payments-html-haproxy.txt 502 app nestjs "/api/payments: the team's HTML 502 page about its payment provider, passed on" "curl -si" -- -si $R $U/api/payments
    caplt $S nestjs-504-reports-html-haproxy.txt 504 app nestjs "/api/reports: the team's HTML 504 page, passed on" "curl -sv, only the < lines kept" -- -sv $R $U/api/reports
    capwin $S nestjs-401-account-problem-haproxy.txt 401 app nestjs "/api/account: problem+json 401 with WWW-Authenticate: Bearer" "curl -si pasted with CRLF" -- -si $R $U/api/account
    cap $S nestjs-401-me-problem-haproxy.txt 401 app nestjs "/api/me: problem+json 401 without WWW-Authenticate" "curl -si" -- -si $R $U/api/me
    cap $S haproxy-413-body-nestjs.txt 413 load-balancer haproxy "a 2 KB POST, Content-Length over 1024: HAProxy's stock 413" "curl -si" -- -si $R "${JSONH[@]}" --data-binary @"$RUN/work/big.txt" $U/api/orders
    cap $S haproxy-504-slow-nestjs.txt 504 load-balancer haproxy "/api/slow takes 6 s, timeout server 3s: HAProxy's stock 504" "curl -si" -- -si $R $U/api/slow
    capbody $BO body-haproxy-429-bulk-problem-nestjs.txt 429/429 load-balancer haproxy "HAProxy's own problem+json 429: its status member shows 429" "curl -s" -- $R $U/api/bulk
    stop_app bramblev2 60204
    cap $S haproxy-503-app-stopped-nestjs.txt 503 load-balancer haproxy "Bun stopped: HAProxy's stock 503" "curl -sv" -- -sv $R $U/api/orders/1
    caphead $HO head-haproxy-503-app-stopped-nestjs.txt 503 load-balancer haproxy "HEAD while Bun is down: HAProxy's 503 headers" "curl -sI" -- $R $U/api/orders/1
fi
# ================================================= Varnish -> Hono on Bun ==
if up varnish; then
    log "capturing: Hono (Bun) behind Varnish"
    S=hono-bun-varnish-r136
    H=api.juniperhill.test U=http://api.juniperhill.test:60105 R="--resolve api.juniperhill.test:60105:127.0.0.1"
    cap $S hono-200-order-miss-varnish.txt 200 app hono "order 1, first request: a MISS, Hono's answer passed on" "curl -si" -- -si $R $U/api/orders/1
    cap $S varnish-200-order-hit-hono.txt 200 cdn-cache varnish "order 1 again: a HIT from Varnish's store" "curl -sv" -- -sv $R $U/api/orders/1
    cap $S hono-404-order-ok-false-varnish.txt 404 app hono "order 999: the team's {ok:false,status,error,request_id}" "curl -si" -- -si $R $U/api/orders/999
    capwget $S hono-404-html-page-varnish-wget.txt 404 app hono "/pricing: the team's notFound HTML page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60105/pricing
    cap $S hono-400-bad-json-varnish.txt 400 app hono "a body that is not JSON: HTTPException(400) through the team's onError" "curl -si" -- -si $R "${JSONH[@]}" -d '{"sku":' $U/api/orders
    cap $S hono-500-boom-varnish.txt 500 app hono "/api/boom throws: the team's onError JSON 500" "curl -sv" -- -sv $R $U/api/boom
    capraw $S hono-500-html-page-varnish.txt 500 app hono "/reports/boom throws: the team's onError HTML 500 page" "curl -si saved to a file (CRs kept)" -- -si $R $U/reports/boom
    cap $S hono-429-search-varnish.txt 429 app hono "the app's 429 with Retry-After and RateLimit headers, passed on" "curl -si" -- -si $R $U/api/search
    cap $S varnish-429-bulk-json-hono.txt 429 cdn-cache varnish "/api/bulk: Varnish's own JSON 429 (synth) with Retry-After" "curl -si" -- -si $R $U/api/bulk
    capwin $S hono-503-maintenance-varnish.txt 503 app hono "the app's JSON 503 maintenance with Retry-After, passed on" "curl -si pasted with CRLF" -- -si $R $U/api/maintenance
    cap $S hono-502-payments-html-varnish.txt 502 app hono "/api/payments: the team's HTML 502 page about its card processor, passed on" "curl -si" -- -si $R $U/api/payments
    HTTPIE_CMD=http caphttp $S hono-504-reports-html-varnish-httpie.txt 504 app hono "HTTPie: /api/reports, the team's HTML 504 page, passed on" "HTTPie with colours" -- -v GET http://127.0.0.1:60105/api/reports Host:$H
    cap $S hono-401-account-www-auth-varnish.txt 401 app hono "/api/account: the team's 401 with WWW-Authenticate: Basic" "curl -si" -- -si $R $U/api/account
    capdump $S hono-401-me-no-www-auth-varnish.txt 401 app hono "/api/me: the team's 401, no WWW-Authenticate" "curl -s -D-" -- $R $U/api/me
    cap $S varnish-503-slow-branded-hono.txt 503 cdn-cache varnish "/api/slow takes 6 s, first_byte_timeout 3s: Varnish's branded vcl_backend_error page" "curl -si" -- -si $R $U/api/slow
    capbody $BO body-hono-401-me-varnish.txt 401/401 app hono "the team's 401 JSON: its status field shows 401 (label set to the convention on review: first 0)" "curl -s" -- $R $U/api/me
    stop_app juniperhill 60205
    cap $S varnish-200-order-hit-app-stopped-hono.txt 200 cdn-cache varnish "order 1 within its 30 s while Bun is stopped: a HIT from Varnish's store" "curl -si" -- -si $R $U/api/orders/1
    cap $S varnish-503-app-stopped-branded-hono.txt 503 cdn-cache varnish "Bun stopped: Varnish's branded vcl_backend_error page" "curl -sv" -- -sv $R $U/api/maintenance
    caphttph $HO headers-varnish-503-app-stopped-hono-httpie.txt 503 cdn-cache varnish "Bun down: HTTPie --headers of Varnish's branded 503" "HTTPie --headers" -- GET http://127.0.0.1:60105/api/search Host:$H
fi
# ================================================= Squid -> Sanic ==
if up squid; then
    log "capturing: Sanic behind Squid"
    S=sanic-squid-r136
    H=api.ospreyfield.test U=http://api.ospreyfield.test:60106 R="--resolve api.ospreyfield.test:60106:127.0.0.1"
    cap $S sanic-200-order-miss-squid.txt 200 app sanic "order 1, first request: a MISS, Sanic's answer passed on (Squid's Via)" "curl -si" -- -si $R $U/api/orders/1
    cap $S squid-200-order-hit-sanic.txt 200 cdn-cache squid "order 1 again: a HIT from Squid's store" "curl -sv" -- -sv $R $U/api/orders/1
    cap $S sanic-404-order-envelope-squid.txt 404 app sanic "order 999: the team's JSON envelope" "curl -si" -- -si $R $U/api/orders/999
    capraw $S sanic-404-route-envelope-squid.txt 404 app sanic "/api/nope: NotFound through the team's @app.exception handler, the envelope" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/nope
    cap $S sanic-404-html-page-squid.txt 404 app sanic "/pricing: the team's HTML 404 page" "curl -sv" -- -sv $R $U/pricing
    cap $S sanic-422-no-sku-squid.txt 422 app sanic "no sku: the team's JSON 422 envelope" "curl -si" -- -si $R "${JSONH[@]}" -d '{"qty":1}' $U/api/orders
    capwin $S sanic-500-boom-squid.txt 500 app sanic "/api/boom raises KeyError: the team's catch-all JSON 500" "curl -si pasted with CRLF" -- -si $R $U/api/boom
    capwget $S sanic-500-html-page-squid-wget.txt 500 app sanic "/reports/boom raises: the team's HTML 500 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:60106/reports/boom
    cap $S sanic-429-search-squid.txt 429 app sanic "the app's 429 envelope with Retry-After" "curl -si" -- -si $R $U/api/search
    HTTPIE_CMD=http caphttp $S sanic-503-maintenance-squid-httpie.txt 503 app sanic "HTTPie: the app's JSON 503 maintenance with Retry-After" "HTTPie with colours" -- -v GET http://127.0.0.1:60106/api/maintenance Host:$H
    cap $S sanic-502-payments-html-squid.txt 502 app sanic "/api/payments: the team's HTML 502 page about its payments service, passed on" "curl -sv" -- -sv $R $U/api/payments
    cap $S sanic-504-reports-html-squid.txt 504 app sanic "/api/reports: the team's HTML 504 page, passed on" "curl -si" -- -si $R $U/api/reports
    cap $S sanic-401-account-www-auth-squid.txt 401 app sanic "/api/account: the team's 401 envelope with WWW-Authenticate: Bearer" "curl -si" -- -si $R $U/api/account
    capcut $S sanic-401-me-no-www-auth-squid.txt 401 app sanic "/api/me: the team's 401 envelope, no WWW-Authenticate" "curl -si, cut before the body" -- -si $R $U/api/me
    cap $S squid-413-body-sanic.txt 413 cdn-cache squid "a 2 KB POST, request_body_max_size 1 KB: Squid's ERR_TOO_BIG" "curl -si" -- -si $R "${JSONH[@]}" --data-binary @"$RUN/work/big.txt" $U/api/orders
    cap $S squid-504-slow-sanic.txt 504 cdn-cache squid "/api/slow takes 6 s, read_timeout 3 s: Squid's ERR_READ_TIMEOUT" "curl -si" -- -si $R $U/api/slow
    capbody $BO body-sanic-503-maintenance-squid.txt 0/503 app sanic "the app's maintenance envelope: a code, no status number" "curl -s" -- $R $U/api/maintenance
    stop_app ospreyfield 60206
    cap $S squid-503-app-stopped-sanic.txt 503 cdn-cache squid "Sanic stopped, /api/search never stored: Squid's ERR_CONNECT_FAIL" "curl -sv" -- -sv $R $U/api/search
    capbody $BO body-squid-503-app-stopped-sanic.txt 0/503 cdn-cache squid "Squid's ERR_CONNECT_FAIL page body (Sanic down)" "curl -s" -- $R $U/api/maintenance
    capcutr $HO cut-squid-503-app-stopped-sanic.txt 503 cdn-cache squid "Sanic down: the status line and four headers of Squid's 503, CRs kept" "a cut from curl -si" -- 4 $R $U/api/account
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round136/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
