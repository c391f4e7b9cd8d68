#!/usr/bin/env bash
# capture-round138.sh — build the hundred-and-thirty-eighth held-out evidence
# corpus in tests/fixtures/evidence-round138/.
#
# "Mainstream stacks, small and quick, the issue's classes once more" (models:
# rounds 121 and 123): six setups, one behind each of nginx, Apache, Caddy,
# HAProxy, Varnish and Squid, each front stock or lightly configured (front
# configs in scripts/corpus/conf-round138/), the apps with their stock error
# handling:
#   - nginx 1.22 -> Koa 2 on Node 20 (apps101/koa_app.js), X-Request-ID;
#   - Apache 2.4 (mod_proxy_fcgi) -> plain PHP 8.2 on php-fpm (apps138/tickets.php), no request id;
#   - Caddy 2.6 -> Hono 4 on @hono/node-server, Node 20 (apps101/hono_app.mjs), X-Request-ID;
#   - HAProxy 2.6 -> NestJS 10 on Node 20 (apps101/nest_app.js), no request id;
#   - Varnish 7.1 -> Express 4 on Node 20 (apps101/express_app.js), X-Request-ID (xid);
#   - Squid 5.7 (accel) -> Fastify 4 on Node 20 (apps101/fastify_app.js), no request id.
# Plain HTTP/1.1 throughout. Helpers are round 138's, unchanged.
#
#   scripts/corpus/capture-round138.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round138.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round138.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-63999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers
# meanwhile: those are not looked at, and never stopped); every
# curl, HTTPie and wget request runs under `timeout`; every server it started
# is stopped on exit, by process id. Labels are written by finish_round138.py,
# which refuses (and this script then leaves the fixtures as they were) when
# a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round138"
RUN=/tmp/api-triage-corpus138-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round138"
APPS101="$HERE/apps101"
APPS138="$HERE/apps138"
VENV=${CORPUS_VENV138:-/tmp/api-triage-corpus138-venv}     # HTTPie only
NODE_DIR=${CORPUS_NODE138:-/tmp/api-triage-corpus138-node} # koa, hono, nestjs, express, fastify
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4)
NODE_PKGS=(express@4 fastify@4 koa@2 @koa/router@12 raw-body hono@4 @hono/node-server @nestjs/core@10 @nestjs/common@10 @nestjs/platform-express@10 reflect-metadata rxjs)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus138 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
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

install_venv() {  # HTTPie; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # the Node frameworks; from npm when missing
    local m ok=1
    for m in express fastify koa @koa/router raw-body hono @hono/node-server @nestjs/core @nestjs/common @nestjs/platform-express reflect-metadata rxjs; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus138","private":true}' >"$NODE_DIR/package.json"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round138.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS101 && -d $APPS138 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,squid,varnish,haproxy,apache,nginx/tmp,caddy/data,caddy/config,php-fpm,php-tmp,www}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the Node packages are missing (${SKIPPED[node]})"
for p in nginx apache2 caddy haproxy varnish squid php8.2-fpm jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: nginx 62381 (Koa), Apache 62382 (PHP), Caddy 62383 (Hono), HAProxy
# 62384 (NestJS), Varnish 62385 (Express), Squid 62386 (Fastify). Apps: Koa
# 62391, php-fpm 62392, Hono 62393, NestJS 62394, Express 62395, Fastify 62396.
TCP_PORTS=(62381 62382 62383 62384 62385 62386 62391 62392 62393 62394 62395 62396)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
rconf() { sed -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$CONF|g" "$1" >"$2"; }
cp "$APPS138/tickets.php" "$RUN/www/index.php"
chown www-data: "$RUN/php-tmp" 2>/dev/null || true
rconf "$CONF/php-fpm.conf" "$RUN/php-fpm/php-fpm.conf"
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    koa) start_bg koa "${NODEENV[@]}" "$APPS101/koa_app.js" 62391; wait_port 62391 koa ;;
    fpm) start_bg fpm php-fpm8.2 -F -y "$RUN/php-fpm/php-fpm.conf"; wait_port 62392 fpm ;;
    hono) start_bg hono "${NODEENV[@]}" "$APPS101/hono_app.mjs" 62393; wait_port 62393 hono ;;
    nest) start_bg nest "${NODEENV[@]}" "$APPS101/nest_app.js" 62394; wait_port 62394 nest ;;
    express) start_bg express "${NODEENV[@]}" "$APPS101/express_app.js" 62395; wait_port 62395 express ;;
    fastify) start_bg fastify env BRAND=Tern "${NODEENV[@]}" "$APPS101/fastify_app.js" 62396; wait_port 62396 fastify ;;
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
for a in koa fpm hono nest express fastify; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
rconf "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 62381 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
rconf "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 62382 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
rconf "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 62383 caddy && UP[caddy]=1
rconf "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62384 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
cp "$CONF/varnish.vcl" "$RUN/varnish/r138.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:62385 -T none -f "$RUN/varnish/r138.vcl" -n "$RUN/varnish/r138" -s malloc,16m
wait_port 62385 varnish && UP[varnish]=1
rconf "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus138 -f "$RUN/squid/squid.conf"
wait_port 62386 squid && UP[squid]=1
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 138 (held out): real responses captured by
# scripts/corpus/capture-round138.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-137:
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
CT='Content-Type: application/json'
head -c 2097152 /dev/zero | tr '\0' 'a' >"$RUN/work/huge.txt"   # 2 MB: over nginx's 1m
head -c 2048 /dev/zero | tr '\0' 'a' >"$RUN/work/big.txt"       # 2 KB: over Apache's and Squid's 1 KB
LONGQ=$(printf 'q%.0s' $(seq 1 9000))
PAD=$(printf 'p%.0s' $(seq 1 8000))
PAD20=$(printf 'p%.0s' $(seq 1 20000))

# ================================================= nginx -> Koa on Node ==
if up nginx; then
    log "capturing: Koa on Node behind nginx"
    S=koa-node-nginx-r138
    N=http://api.tern.test:62381 RN="--resolve api.tern.test:62381:127.0.0.1"
    cap $S koa-200-ticket-nginx.txt 200 app koa "ticket 1: Koa's JSON, passed on (nginx adds X-Request-ID and its own Server:, Koa sends none)" "curl -si" -- -si $RN $N/api/tickets/1
    caphttp $S koa-201-create-nginx-httpie.txt 201 app koa "POST a new ticket: Koa's 201 with Location" "HTTPie -v with colours" -- -v POST http://127.0.0.1:62381/api/tickets Host:api.tern.test title='Forklift battery swap' priority=low
    cap $S koa-301-v1-nginx.txt 301 app koa "/api/v1/tickets/1: Koa's ctx.redirect 301, passed on" "curl -sv" -- -sv $RN $N/api/v1/tickets/1
    cap $S koa-400-bad-id-nginx.txt 400 app koa "ticket id 'abc': the error middleware's JSON 400" "curl -si" -- -si $RN $N/api/tickets/abc
    cap $S koa-401-me-nginx.txt 401 app koa "/api/me without a token: JSON 401 with WWW-Authenticate Bearer" "curl -si" -- -si $RN $N/api/me
    capwget $S koa-403-admin-nginx-wget.txt 403 app koa "/api/admin/stats with a user token: JSON 403" "wget -S -O-" -- --header="Host: api.tern.test" --header="Authorization: Bearer user-token" http://127.0.0.1:62381/api/admin/stats
    cap $S koa-404-ticket9-nginx.txt 404 app koa "ticket 9: the error middleware's JSON 404" "curl -si" -- -si $RN $N/api/tickets/9
    capraw $S koa-404-no-route-nginx.txt 404 app koa "/api/orders: no route, Koa's own text 'Not Found'" "curl -si saved to a file (CRs kept)" -- -si $RN $N/api/orders
    cap $S koa-405-delete-nginx.txt 405 app koa "DELETE ticket 1: @koa/router allowedMethods' 405 with Allow" "curl -si" -- -si $RN -X DELETE $N/api/tickets/1
    cap $S koa-409-duplicate-nginx.txt 409 app koa "POST the open ticket's title again: JSON 409" "curl -si" -- -si $RN -H "$CT" -d '{"title":"Dock: printer on floor 3 is on fire"}' $N/api/tickets
    capwin $S koa-422-validation-nginx.txt 422 app koa "POST a one-letter title: JSON 422 with a field list" "curl -si pasted with CRLF" -- -si $RN -H "$CT" -d '{"title":"x","priority":"urgent"}' $N/api/tickets
    quiet $RN $N/api/search; quiet $RN $N/api/search
    cap $S koa-429-search-nginx.txt 429 app koa "third search in a minute: JSON 429 with Retry-After" "curl -si" -- -si $RN $N/api/search
    cap $S koa-500-boom-nginx.txt 500 app koa "/api/boom throws a TypeError: the middleware's JSON 500" "curl -sv" -- -sv $RN $N/api/boom
    capbody $BO body-koa-503-readyz-nginx.txt 0/503 app koa "/readyz: Koa's JSON not_ready, no status number in it" "curl -s" -- $RN $N/readyz
    cap $S nginx-413-body-koa.txt 413 proxy nginx "a 2 MB POST, client_max_body_size 1m: nginx's stock 413 page" "curl -si" -- -si $RN -H "$CT" --data-binary @"$RUN/work/huge.txt" $N/api/tickets
    capcut $S nginx-414-query-koa.txt 414 proxy nginx "a 9 KB query string: nginx's stock 414" "curl -si, body cut off after the headers" -- -si $RN "$N/api/search?q=$LONGQ"
    cap $S nginx-403-internal-koa.txt 403 proxy nginx "/internal/: deny all, nginx's stock 403 page" "curl -si" -- -si $RN $N/internal/metrics
    cap $S nginx-504-slow-koa.txt 504 proxy nginx "/api/slow takes 5 s, proxy_read_timeout 3s: nginx's stock 504 page" "curl -sv" -- -sv $RN $N/api/slow
    kill_app koa
    cap $S nginx-502-app-stopped-koa.txt 502 proxy nginx "Node (Koa) killed: nginx's stock 502 page" "curl -si" -- -si $RN $N/api/tickets/1
    caphead $HO head-nginx-502-app-stopped-koa.txt 502 proxy nginx "Koa still down: HEAD gets nginx's 502" "curl -sI" -- $RN $N/api/tickets/1
fi
# ================================================= Apache -> PHP on php-fpm ==
if up apache; then
    log "capturing: plain PHP on php-fpm behind Apache"
    S=plain-php-fpm-apache-r138
    A=http://api.tern.test:62382 RA="--resolve api.tern.test:62382:127.0.0.1"
    quiet $RA $A/api/reset-limits
    cap $S php-200-ticket-apache.txt 200 app php "ticket 1: the PHP app's JSON through mod_proxy_fcgi" "curl -si" -- -si $RA $A/api/tickets/1
    caphttp $S php-201-create-apache-httpie.txt 201 app php "POST a new ticket: the app's 201 with Location" "HTTPie -v with colours" -- -v POST http://127.0.0.1:62382/api/tickets Host:api.tern.test title='Forklift battery swap'
    cap $S php-204-delete-apache.txt 204 app php "DELETE ticket 1: the app's empty 204" "curl -sv" -- -sv $RA -X DELETE $A/api/tickets/1
    cap $S php-302-v1-apache.txt 302 app php "/api/v1/tickets/1: header('Location') alone, PHP's default 302" "curl -si" -- -si $RA $A/api/v1/tickets/1
    cap $S php-400-bad-id-apache.txt 400 app php "ticket id 'abc': the app's JSON 400" "curl -si" -- -si $RA $A/api/tickets/abc
    capdump $S php-401-me-apache.txt 401 app php "/api/me without a token: JSON 401 with WWW-Authenticate Bearer" "curl -s -D-" -- $RA $A/api/me
    cap $S php-403-admin-apache.txt 403 app php "/api/admin/stats with a user token: JSON 403" "curl -si" -- -si $RA -H 'Authorization: Bearer user-token' $A/api/admin/stats
    cap $S php-404-ticket9-apache.txt 404 app php "ticket 9: the app's JSON 404" "curl -si" -- -si $RA $A/api/tickets/9
    cap $S php-405-put-apache.txt 405 app php "PUT ticket 1: the app's JSON 405 with Allow" "curl -sv" -- -sv $RA -X PUT -H "$CT" -d '{}' $A/api/tickets/1
    cap $S php-409-duplicate-apache.txt 409 app php "POST the open ticket's title again: JSON 409" "curl -si" -- -si $RA -H "$CT" -d '{"title":"Tern: printer on floor 3 is on fire"}' $A/api/tickets
    capjq $BO jq-php-422-validation-apache.txt 0/422 app php "POST a one-letter title: the app's JSON 422 field list, no status number in it" "curl -s | jq ." -- $RA -H "$CT" -d '{"title":"x"}' $A/api/tickets
    quiet $RA $A/api/search; quiet $RA $A/api/search
    capwin $S php-429-search-apache.txt 429 app php "third search in a minute: JSON 429 with Retry-After" "curl -si pasted with CRLF" -- -si $RA $A/api/search
    cap $S php-500-boom-apache.txt 500 app php "/api/boom: an uncaught exception, display_errors off: PHP's empty 500 through php-fpm" "curl -si" -- -si $RA $A/api/boom
    cap $S php-503-readyz-apache.txt 503 app php "/readyz: the app's JSON 503 with Retry-After" "curl -si" -- -si $RA $A/readyz
    cap $S apache-400-header-php.txt 400 proxy apache "an 8 KB header, LimitRequestFieldSize 1024: Apache's stock 400 page (no 413: LimitRequestBody did not stop the proxied body in run 1)" "curl -si" -- -si $RA -H "X-Pad: $PAD" $A/api/tickets/1
    cap $S apache-414-uri-php.txt 414 proxy apache "a 9 KB query, LimitRequestLine 1024: Apache's stock 414 page" "curl -si" -- -si $RA "$A/api/search?q=$LONGQ"
    caplt $S apache-403-internal-php.txt 403 proxy apache "/internal: Require all denied, Apache's stock 403 page" "curl -sv, only the < lines kept" -- -sv $RA $A/internal/metrics
    cap $S apache-504-slow-php.txt 504 proxy apache "/api/slow sleeps 5 s, ProxyTimeout 3: Apache's stock 504 page" "curl -si" -- -si $RA $A/api/slow
    kill_app fpm
    cap $S apache-503-fpm-stopped-php.txt 503 proxy apache "php-fpm killed (connection refused): Apache's stock 503 page" "curl -sv" -- -sv $RA $A/api/tickets/1
    capvnull $HO vnull-apache-503-fpm-stopped-php.txt 503 proxy apache "php-fpm still down: Apache's 503" "curl -sv -o /dev/null, only the < lines kept" -- $RA $A/api/tickets/1
fi
# ================================================= Caddy -> Hono on Node ==
if up caddy; then
    log "capturing: Hono on Node behind Caddy"
    S=hono-node-caddy-r138
    C=http://api.tern.test:62383 RC="--resolve api.tern.test:62383:127.0.0.1"
    cap $S hono-200-ticket-caddy.txt 200 app hono "ticket 1: Hono's JSON, passed on (Caddy adds X-Request-ID and Server)" "curl -si" -- -si $RC $C/api/tickets/1
    cap $S hono-201-create-caddy.txt 201 app hono "POST a new ticket: Hono's 201 with Location" "curl -si" -- -si $RC -H "$CT" -d '{"title":"Forklift battery swap"}' $C/api/tickets
    cap $S hono-301-v1-caddy.txt 301 app hono "/api/v1/tickets/1: c.redirect 301, passed on" "curl -si" -- -si $RC $C/api/v1/tickets/1
    cap $S hono-400-validation-caddy.txt 400 app hono "POST a one-letter title: the validator's JSON 400 (Zod-shaped)" "curl -sv" -- -sv $RC -H "$CT" -d '{"title":"x"}' $C/api/tickets
    cap $S hono-401-me-caddy.txt 401 app hono "/api/me without a token: bearerAuth's text 401 'Unauthorized'" "curl -si" -- -si $RC $C/api/me
    caphttp $S hono-403-admin-caddy-httpie.txt 403 app hono "/api/admin/stats with a user token: HTTPException's text 403" "HTTPie -v with colours" -- -v GET http://127.0.0.1:62383/api/admin/stats Host:api.tern.test:62383 'Authorization:Bearer user-token'
    cap $S hono-404-ticket9-caddy.txt 404 app hono "ticket 9: the handler's JSON 404" "curl -si" -- -si $RC $C/api/tickets/9
    capbody $BO body-hono-404-no-route-caddy.txt 404/404 app hono "/api/orders: no route, Hono's text '404 Not Found'" "curl -s" -- $RC $C/api/orders
    cap $S hono-404-delete-caddy.txt 404 app hono "DELETE ticket 1: no DELETE route, Hono's text '404 Not Found' (no 405)" "curl -si" -- -si $RC -X DELETE $C/api/tickets/1
    capraw $S hono-409-duplicate-caddy.txt 409 app hono "POST the open ticket's title again: HTTPException's text 409" "curl -si saved to a file (CRs kept)" -- -si $RC -H "$CT" -d '{"title":"Slip: printer on floor 3 is on fire"}' $C/api/tickets
    quiet $RC $C/api/search; quiet $RC $C/api/search
    cap $S hono-429-search-caddy.txt 429 app hono "third search in a minute: the text 429 with Retry-After" "curl -si" -- -si $RC $C/api/search
    cap $S hono-500-boom-caddy.txt 500 app hono "/api/boom: a TypeError, Hono's default onError text 'Internal Server Error'" "curl -si" -- -si $RC $C/api/boom
    capwget $S hono-503-readyz-caddy-wget.txt 503 app hono "/readyz: the handler's JSON 503" "wget -S -O-" -- --header="Host: api.tern.test:62383" http://127.0.0.1:62383/readyz
    cap $S caddy-403-internal-hono.txt 403 proxy caddy "/internal/: respond 403 'Forbidden' at Caddy" "curl -si" -- -si $RC $C/internal/metrics
    capcut $S caddy-431-header-hono.txt 431 proxy caddy "an 8 KB header, max_header_size 4KB: Go's 431 in Caddy" "curl -si, body cut off after the headers" -- -si $RC -H "X-Pad: $PAD" $C/api/tickets/1
    cap $S caddy-504-slow-hono.txt 504 proxy caddy "/api/slow takes 5 s, response_header_timeout 3s: Caddy's empty 504" "curl -sv" -- -sv $RC $C/api/slow
    kill_app hono
    cap $S caddy-502-app-stopped-hono.txt 502 proxy caddy "Node (Hono) killed: Caddy's empty 502" "curl -si" -- -si $RC $C/api/tickets/1
    capcutn $HO cutn-caddy-502-app-stopped-hono.txt 502 proxy caddy "Hono still down: Caddy's empty 502, the status line and first headers" "curl -si, the status line and 3 headers kept" -- 3 i $RC $C/api/tickets/2
fi
# ================================================= HAProxy -> NestJS on Node ==
if up haproxy; then
    log "capturing: NestJS on Node behind HAProxy"
    S=nestjs-node-haproxy-r138
    H=http://api.tern.test:62384 RH="--resolve api.tern.test:62384:127.0.0.1"
    cap $S nestjs-200-ticket-haproxy.txt 200 app nestjs "ticket 1: Nest's JSON, passed on" "curl -si" -- -si $RH $H/api/tickets/1
    cap $S nestjs-201-create-haproxy.txt 201 app nestjs "POST a new ticket: Nest's default 201 for a POST" "curl -sv" -- -sv $RH -H "$CT" -d '{"title":"Forklift battery swap"}' $H/api/tickets
    cap $S nestjs-301-v1-haproxy.txt 301 app nestjs "/api/v1/tickets/1: res.redirect 301, passed on" "curl -si" -- -si $RH $H/api/v1/tickets/1
    cap $S nestjs-400-bad-id-haproxy.txt 400 app nestjs "ticket id 'abc': BadRequestException, Nest's JSON 400" "curl -si" -- -si $RH $H/api/tickets/abc
    caphttp $S nestjs-400-validation-haproxy-httpie.txt 400 app nestjs "POST a bad priority: a ValidationPipe-shaped 400 (message is a list)" "HTTPie -v with colours" -- -v POST http://127.0.0.1:62384/api/tickets Host:api.tern.test title='' priority=urgent
    cap $S nestjs-401-me-haproxy.txt 401 app nestjs "/api/me without a token: the guard's UnauthorizedException, JSON 401" "curl -si" -- -si $RH $H/api/me
    cap $S nestjs-403-admin-haproxy.txt 403 app nestjs "/api/admin/stats with a user token: 'Forbidden resource' JSON 403" "curl -si" -- -si $RH -H 'Authorization: Bearer user-token' $H/api/admin/stats
    cap $S nestjs-404-ticket9-haproxy.txt 404 app nestjs "ticket 9: NotFoundException, JSON 404" "curl -si" -- -si $RH $H/api/tickets/9
    capwin $S nestjs-404-no-route-haproxy.txt 404 app nestjs "/api/orders: no route, Nest's JSON 'Cannot GET /api/orders'" "curl -si pasted with CRLF" -- -si $RH $H/api/orders
    cap $S nestjs-409-duplicate-haproxy.txt 409 app nestjs "POST the open ticket's title again: ConflictException, JSON 409" "curl -si" -- -si $RH -H "$CT" -d '{"title":"Printer on floor 3 is on fire"}' $H/api/tickets
    quiet $RH $H/api/search; quiet $RH $H/api/search
    caplt $S nestjs-429-search-haproxy.txt 429 app nestjs "third search in a minute: a ThrottlerException-shaped JSON 429" "curl -sv, only the < lines kept" -- -sv $RH $H/api/search
    cap $S nestjs-500-boom-haproxy.txt 500 app nestjs "/api/boom throws: Nest's JSON 500 'Internal server error'" "curl -si" -- -si $RH $H/api/boom
    capbody $BO body-nestjs-503-readyz-haproxy.txt 0/503 app nestjs "/readyz: ServiceUnavailableException with a terminus-shaped object as its body, no status number in it" "curl -s" -- $RH $H/readyz
    cap $S haproxy-403-internal-nestjs.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's stock 403" "curl -si" -- -si $RH $H/internal/metrics
    cap $S haproxy-504-slow-nestjs.txt 504 load-balancer haproxy "/api/slow takes 5 s, timeout server 3s: HAProxy's stock 504" "curl -si" -- -si $RH $H/api/slow
    kill_app nest
    cap $S haproxy-503-app-stopped-nestjs.txt 503 load-balancer haproxy "Node (Nest) killed: HAProxy's stock 503" "curl -sv" -- -sv $RH $H/api/tickets/1
    caphead $HO head-haproxy-503-app-stopped-nestjs.txt 503 load-balancer haproxy "Nest still down: HEAD gets HAProxy's 503" "curl -sI" -- $RH $H/api/tickets/1
fi
# ================================================= Varnish -> Express on Node ==
if up varnish; then
    log "capturing: Express on Node behind Varnish"
    S=express-node-varnish-r138
    V=http://api.tern.test:62385 RV="--resolve api.tern.test:62385:127.0.0.1"
    cap $S express-200-ticket-miss-varnish.txt 200 app express "ticket 1, first request: a MISS, Express's answer passed on (Varnish's Via, X-Request-ID)" "curl -si" -- -si $RV $V/api/tickets/1
    caplt $S varnish-200-ticket-hit-express.txt 200 cdn-cache varnish "ticket 1 again: a HIT from Varnish's store" "curl -sv, only the < lines kept" -- -sv $RV $V/api/tickets/1
    cap $S varnish-304-ticket-ims-express.txt 304 cdn-cache varnish "If-Modified-Since the stored Last-Modified: Varnish's 304 from its store" "curl -sv" -- -sv $RV -H 'If-Modified-Since: Tue, 01 Dec 2026 08:00:00 GMT' $V/api/tickets/1
    cap $S express-201-create-varnish.txt 201 app express "POST a new ticket (Varnish passes POSTs): Express's 201" "curl -si" -- -si $RV -H "$CT" -d '{"title":"Forklift battery swap"}' $V/api/tickets
    cap $S express-301-v1-varnish.txt 301 app express "/api/v1/tickets/1: res.redirect 301, a MISS" "curl -si" -- -si $RV $V/api/v1/tickets/1
    cap $S express-400-bad-json-varnish.txt 400 app express "POST a broken JSON body: body-parser's 400 through the error middleware" "curl -si" -- -si $RV -H "$CT" -d '{"title":' $V/api/tickets
    cap $S express-401-me-varnish.txt 401 app express "/api/me without a token: JSON 401 with WWW-Authenticate Bearer" "curl -si" -- -si $RV $V/api/me
    caphttp $S express-403-admin-varnish-httpie.txt 403 app express "/api/admin/stats with a user token (Authorization: Varnish passes): JSON 403" "HTTPie -v with colours" -- -v GET http://127.0.0.1:62385/api/admin/stats Host:api.tern.test 'Authorization:Bearer user-token'
    cap $S express-404-ticket9-varnish.txt 404 app express "ticket 9, first request: the handler's JSON 404, a MISS" "curl -si" -- -si $RV $V/api/tickets/9
    capraw $S express-404-no-route-varnish.txt 404 app express "/api/orders: no route, Express's HTML 'Cannot GET /api/orders'" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/orders
    cap $S express-409-duplicate-varnish.txt 409 app express "POST the open ticket's title again: JSON 409" "curl -sv" -- -sv $RV -H "$CT" -d '{"title":"Berth: printer on floor 3 is on fire"}' $V/api/tickets
    capwin $S express-422-validation-varnish.txt 422 app express "POST a one-letter title: an express-validator-shaped 422" "curl -si pasted with CRLF" -- -si $RV -H "$CT" -d '{"title":"x"}' $V/api/tickets
    quiet $RV $V/api/search; quiet $RV $V/api/search
    cap $S express-429-search-varnish.txt 429 app express "third search in a minute: the express-rate-limit-shaped text 429" "curl -si" -- -si $RV $V/api/search
    capbody $BO body-express-500-boom-varnish.txt 0/500 app express "/api/boom throws: the error middleware's JSON 500, no status number in it" "curl -s" -- $RV $V/api/boom
    cap $S express-503-readyz-varnish.txt 503 app express "/readyz: the handler's JSON 503, passed on" "curl -si" -- -si $RV $V/readyz
    cap $S varnish-403-internal-express.txt 403 cdn-cache varnish "/internal/: a synth 403, Varnish's guru meditation page" "curl -si" -- -si $RV $V/internal/metrics
    cap $S varnish-503-slow-express.txt 503 cdn-cache varnish "/api/slow takes 5 s, first_byte_timeout 3s: Varnish's 'Backend fetch failed'" "curl -si" -- -si $RV $V/api/slow
    kill_app express
    capwget $S varnish-503-app-stopped-express-wget.txt 503 cdn-cache varnish "Node (Express) killed, ticket 2 never cached: 'Backend fetch failed'" "wget -S -O-" -- --header="Host: api.tern.test" http://127.0.0.1:62385/api/tickets/2
    caphttph $HO httph-varnish-200-ticket-hit-express.txt 200 cdn-cache varnish "ticket 1 while Express is down: from Varnish's store" "HTTPie --headers with colours" -- GET http://127.0.0.1:62385/api/tickets/1 Host:api.tern.test:62385
fi
# ================================================= Squid -> Fastify on Node ==
if up squid; then
    log "capturing: Fastify on Node behind Squid"
    S=fastify-node-squid-r138
    Q=http://api.tern.test:62386 RQ="--resolve api.tern.test:62386:127.0.0.1"
    cap $S fastify-200-ticket-miss-squid.txt 200 app fastify "ticket 1, first request: a MISS, Fastify's answer passed on (Squid's Via)" "curl -si" -- -si $RQ $Q/api/tickets/1
    cap $S squid-200-ticket-hit-fastify.txt 200 cdn-cache squid "ticket 1 again: a HIT from Squid's store" "curl -sv" -- -sv $RQ $Q/api/tickets/1
    capwin $S squid-304-ticket-inm-fastify.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's 304 from its store" "curl -si pasted with CRLF" -- -si $RQ -H 'If-None-Match: "tk-1-v4"' $Q/api/tickets/1
    cap $S fastify-201-create-squid.txt 201 app fastify "POST a new ticket: Fastify's 201 with Location" "curl -si" -- -si $RQ -H "$CT" -d '{"title":"Forklift battery swap"}' $Q/api/tickets
    cap $S fastify-301-v1-squid.txt 301 app fastify "/api/v1/tickets/1: reply.redirect 301, passed on" "curl -si" -- -si $RQ $Q/api/v1/tickets/1
    cap $S fastify-400-bad-id-squid.txt 400 app fastify "ticket id 'abc': Fastify's schema validation 400 (FST_ERR_VALIDATION)" "curl -sv" -- -sv $RQ $Q/api/tickets/abc
    cap $S fastify-401-me-squid.txt 401 app fastify "/api/me without a token: the onRequest hook's 401 in Fastify's error shape" "curl -si" -- -si $RQ $Q/api/me
    cap $S fastify-403-admin-squid.txt 403 app fastify "/api/admin/stats with a user token: Fastify's JSON 403" "curl -si" -- -si $RQ -H 'Authorization: Bearer user-token' $Q/api/admin/stats
    capdump $S fastify-404-ticket9-squid.txt 404 app fastify "ticket 9: the handler's JSON 404" "curl -s -D-" -- $RQ $Q/api/tickets/9
    cap $S fastify-404-no-route-squid.txt 404 app fastify "/api/orders: no route, Fastify's JSON 'Route GET:/api/orders not found'" "curl -si" -- -si $RQ $Q/api/orders
    cap $S fastify-409-duplicate-squid.txt 409 app fastify "POST the open ticket's title again: JSON 409" "curl -si" -- -si $RQ -H "$CT" -d '{"title":"Tern: printer on floor 3 is on fire"}' $Q/api/tickets
    caphttp $S fastify-400-validation-squid-httpie.txt 400 app fastify "POST a one-letter title: Fastify's schema validation 400 (no 422)" "HTTPie -v with colours" -- -v POST http://127.0.0.1:62386/api/tickets Host:api.tern.test title=x
    quiet $RQ $Q/api/search; quiet $RQ $Q/api/search
    cap $S fastify-429-search-squid.txt 429 app fastify "third search in a minute: a @fastify/rate-limit-shaped JSON 429" "curl -si" -- -si $RQ $Q/api/search
    capjq $BO jq-fastify-500-boom-squid.txt 500/500 app fastify "/api/boom throws: Fastify's JSON 500, its statusCode shows 500" "curl -s | jq ." -- $RQ $Q/api/boom
    cap $S fastify-503-readyz-squid.txt 503 app fastify "/readyz: the handler's JSON 503, passed on" "curl -sv" -- -sv $RQ $Q/readyz
    cap $S squid-403-internal-fastify.txt 403 cdn-cache squid "/internal/: http_access deny, Squid's ERR_ACCESS_DENIED page" "curl -si" -- -si $RQ $Q/internal/metrics
    cap $S squid-413-body-fastify.txt 413 cdn-cache squid "a 2 KB POST, request_body_max_size 1 KB: Squid's ERR_TOO_BIG" "curl -si" -- -si $RQ -H "$CT" --data-binary @"$RUN/work/big.txt" $Q/api/tickets
    capwget $S squid-504-slow-fastify-wget.txt 504 cdn-cache squid "/api/slow takes 5 s, read_timeout 3 s: Squid's ERR_READ_TIMEOUT" "wget -S -O-" -- --header="Host: api.tern.test:62386" http://127.0.0.1:62386/api/slow
    kill_app fastify
    capraw $S squid-503-app-stopped-fastify.txt 503 cdn-cache squid "Node (Fastify) killed, ticket 2 never cached: Squid's ERR_CONNECT_FAIL" "curl -si saved to a file (CRs kept)" -- -si $RQ $Q/api/tickets/2
    capbody $BO body-squid-503-app-stopped-fastify.txt 0/503 cdn-cache squid "Squid's ERR_CONNECT_FAIL page (Fastify down): its text shows no status number" "curl -s" -- $RQ $Q/api/tickets/3
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round138/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
