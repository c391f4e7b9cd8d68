#!/usr/bin/env bash
# capture-round115.sh — build the hundred-and-fifteenth held-out evidence corpus
# in tests/fixtures/evidence-round115/.
#
# "Node, Ruby, PHP and Go apps behind common fronts": six front + app
# pairings, each a front + app server + framework triple no earlier round used
# (front configs in scripts/corpus/conf-round115/):
#   - nginx 1.22, HTTP/2 + TLS -> Hono 4 on Node (@hono/node-server, apps101/hono_app.mjs);
#     nginx's X-Request-ID on every answer;
#   - HAProxy 2.6 -> Sinatra 3.0 on Puma (apps112/sinatra.ru);
#   - Varnish 7.1 -> Fastify 4 on Node (apps101/fastify_app.js);
#   - Squid 5.7 (accel) -> NestJS 10 on Node (apps101/nest_app.js);
#   - Apache 2.4 -> chi (apps63/chi_app.go, round 66's build);
#   - Caddy 2.6, HTTP/2 + TLS -> plain PHP on PHP-FPM 8.2 (apps87/plain/api.php).
# Helpers are round 112's (round 111's `https` HTTPie transcript), unchanged.
#
#   scripts/corpus/capture-round115.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round115.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round115.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60000-61999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers in
# 62000-63999 meanwhile: those are not looked at, and never stopped); every
# curl, HTTPie and wget request runs under `timeout`; every server it started
# is stopped on exit, by process id. Labels are written by finish_round115.py,
# which refuses (and this script then leaves the fixtures as they were) when
# a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round115"
RUN=/tmp/api-triage-corpus115-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round115"
APPS112="$HERE/apps112"
APPS101="$HERE/apps101"
VENV=${CORPUS_VENV115:-/tmp/api-triage-corpus115-venv}     # a copy of round 112's (HTTPie)
NODE_DIR=${CORPUS_NODE115:-/tmp/api-triage-corpus115-node} # a copy of round 112's (hono, fastify, nestjs)
GO_DIR=${CORPUS_GO115:-/tmp/api-triage-corpus115-go}       # round 66's chi_app binary
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4)
NODE_PKGS=(hono@4 @hono/node-server fastify@4 @nestjs/core@10 @nestjs/common@10 @nestjs/platform-express@10 reflect-metadata rxjs)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus115 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq nginx caddy apache2 haproxy varnish squid python3-venv nodejs puma ruby-sinatra php8.2-fpm openssl)
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

install_venv() {  # a copy of round 112's venv; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of round 112's node_modules; from npm when missing
    local m ok=1
    for m in hono @hono/node-server fastify @nestjs/core @nestjs/platform-express; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus115","private":true}' >"$NODE_DIR/package.json"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round115.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
    cmdline "${HTTPIE_CMD:-https}" "$@" >"$dest"
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
[[ -d $CONF && -d $APPS112 && -d $APPS101 && -f $HERE/apps87/plain/api.php ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,tls,squid,varnish,haproxy,apache/www,nginx/tmp,caddy/data,caddy/config,php-fpm,plain}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the Node packages are missing (${SKIPPED[node]}; copy round 112's node folder to $NODE_DIR)"
[[ -x $GO_DIR/chi_app ]] || die "$GO_DIR/chi_app is missing (copy round 66's build from /tmp/api-triage-corpus66-go)"
for p in nginx caddy apache2 haproxy varnish squid puma ruby-sinatra php8.2-fpm jq openssl; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# one self-signed certificate for the two TLS fronts
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=api.saltmarsh.test" \
    -addext "subjectAltName=DNS:api.saltmarsh.test,DNS:api.pinecrest.test" \
    -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" >"$RUN/logs/openssl.log" 2>&1 || die "openssl failed"
chmod 644 "$RUN/tls/key.pem"

# Apps: Hono 60211, Fastify 60212, NestJS 60213, chi 60214, PHP-FPM 60215,
# Sinatra/Puma 60216 (60299: nothing listens there). Fronts: nginx 60301 (TLS,
# Hono), HAProxy 60302 (Sinatra), Varnish 60303 (Fastify), Squid 60304
# (NestJS), Apache 60305 (chi), Caddy 60306 (TLS, PHP).
TCP_PORTS=(60211 60212 60213 60214 60215 60216 60299 60301 60302 60303 60304 60305 60306)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    hono) start_bg hono "${NODEENV[@]}" "$APPS101/hono_app.mjs" 60211; wait_port 60211 hono ;;
    fastify) start_bg fastify env BRAND=Tidewater "${NODEENV[@]}" "$APPS101/fastify_app.js" 60212; wait_port 60212 fastify ;;
    nest) start_bg nest "${NODEENV[@]}" "$APPS101/nest_app.js" 60213; wait_port 60213 nest ;;
    chi) start_bg chi nice -n 5 "$GO_DIR/chi_app" 60214; wait_port 60214 chi ;;
    phpfpm) start_bg phpfpm php-fpm8.2 -F -R -y "$RUN/php-fpm/fpm.conf"; wait_port 60215 phpfpm ;;
    sinatra) start_bg sinatra nice -n 5 puma -e production -t 4:4 --tag "$RUN/puma" \
            -b tcp://127.0.0.1:60216 "$APPS112/sinatra.ru"
        wait_port 60216 sinatra ;;
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
cp "$HERE/apps87/plain/api.php" "$RUN/plain/index.php"
render "$CONF/php-fpm.conf" "$RUN/php-fpm/fpm.conf"
chown -R www-data: "$RUN/php-fpm" "$RUN/plain" 2>/dev/null || true
for a in hono fastify nest chi phpfpm sinatra; do start_app $a || die "$a did not start"; done

# ---- the fronts ----------------------------------------------------------------
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60301 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 60302 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
cp "$CONF/varnish.vcl" "$RUN/varnish/r115.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:60303 -T none -f "$RUN/varnish/r115.vcl" -n "$RUN/varnish/r115" -s malloc,16m
wait_port 60303 varnish && UP[varnish]=1
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus115 -f "$RUN/squid/squid.conf"
wait_port 60304 squid && UP[squid]=1
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
printf 'ops:%s\n' "$(openssl passwd -apr1 'ops-secret')" >"$RUN/apache/htpasswd"
chmod 644 "$RUN/apache/htpasswd"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 60305 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60306 caddy && UP[caddy]=1
sleep 1.5
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 120 s"; sleep 120 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 115 (held out): real responses captured by
# scripts/corpus/capture-round115.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-114:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the body itself shows (0 = none)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes: for app responses the
#              framework, or the app server when it wrote the page itself
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`) or "headers-only" (`curl -sI`);
#              absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
EOF_LABELS

BO=body-only-paste HO=headers-only-paste
JSONH=(-H 'Content-Type: application/json')
NOEXP=(-H 'Expect:')   # no 100-continue for the big bodies: one status per transcript
BIGBODY=$(printf '{"title":"a long one","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")
BIGHDR="X-Debug-Trace: $(printf 't%.0s' $(seq 1 8000))"
MIDHDR="X-Debug-Trace: $(printf 't%.0s' $(seq 1 1500))"
LONGQ=$(printf 'q%.0s' $(seq 1 2000))
LM='Tue, 01 Dec 2026 08:00:00 GMT'
HUGEBODY=$(printf '{"title":"a long one","note":"%s"}' "$(printf 'n%.0s' $(seq 1 10000))")

# ===================================================== nginx (HTTP/2 + TLS) -> Hono on Node ==
if up nginx; then
    log "capturing: Hono (Node) behind nginx, HTTP/2 + TLS"
    S=hono-node-nginx-tls-r115
    H=api.saltmarsh.test U=https://api.saltmarsh.test:60301 R="--resolve api.saltmarsh.test:60301:127.0.0.1"
    K=(-k --http2) K1=(-k --http1.1)
    cap $S hono-200-ticket-nginx-h2.txt 200 app hono "ticket 1 from Hono over HTTP/2; nginx's X-Request-ID on the answer" "curl -skv --http2" -- -sv "${K[@]}" $R $U/api/tickets/1
    cap $S hono-400-post-invalid-nginx-h2.txt 400 app hono "POST with a one-letter title: the validator's JSON 400 (ZodError-shaped)" "curl -si" -- -si "${K[@]}" $R -X POST "${JSONH[@]}" -d '{"title":"x"}' $U/api/tickets
    capraw $S hono-401-me-nginx-h2.txt 401 app hono "/api/me without a token: bearerAuth's text 401 with WWW-Authenticate: Bearer" "curl -si saved to a file (CRs kept)" -- -si "${K[@]}" $R $U/api/me
    caplt $S hono-404-no-route-nginx-h2.txt 404 app hono "/api/nothing: no route, Hono's text '404 Not Found'" "curl -sv, only the < lines kept" -- -sv "${K[@]}" $R $U/api/nothing
    capwin $S hono-409-post-dup-nginx-h2.txt 409 app hono "POST with the title of ticket 1: HTTPException(409), text" "curl -si pasted with CRLF" -- -si "${K[@]}" $R -X POST "${JSONH[@]}" -d '{"title":"Slip: printer on floor 3 is on fire"}' $U/api/tickets
    cap $S hono-500-boom-nginx-h2.txt 500 app hono "a TypeError in the handler: Hono's default onError, text 'Internal Server Error'" "curl -si" -- -si "${K[@]}" $R $U/api/boom
    quiet "${K[@]}" $R $U/api/search; quiet "${K[@]}" $R $U/api/search
    HTTPIE_CMD=https caphttp $S hono-429-search-nginx-httpie.txt 429 app hono "HTTPie over TLS, /api/search the third time in a minute: the app's own text 429 with Retry-After" "HTTPie with colours" -- --verify=no -v GET https://127.0.0.1:60301/api/search Host:$H
    cap $S nginx-413-body-hono-h2.txt 413 proxy nginx "a 3 KB body over HTTP/2, client_max_body_size 1k: nginx's stock 413 with its X-Request-ID" "curl -si" -- -si "${K[@]}" $R -X POST "${JSONH[@]}" -d "$BIGBODY" $U/api/tickets
    cap $S nginx-414-long-uri-hono.txt 414 proxy nginx "a 2 KB query string over HTTP/1.1, 1k header buffers: nginx's stock 414" "curl -sk --http1.1 -i" -- -si "${K1[@]}" $R "$U/api/tickets/1?q=$LONGQ"
    cap $S nginx-400-big-header-hono.txt 400 proxy nginx "a 1.5 KB header over HTTP/1.1, 1k header buffers: nginx's stock 400 'Request Header Or Cookie Too Large'" "curl -skv --http1.1" -- -sv "${K1[@]}" $R -H "$MIDHDR" $U/api/tickets/1
    cap $S nginx-504-slow-hono-h2.txt 504 proxy nginx "the handler waits 5 s, proxy_read_timeout 3s: nginx's stock 504 over HTTP/2" "curl -si" -- -si "${K[@]}" $R $U/api/slow
    capraw $S nginx-502-legacy-refused-hono-h2.txt 502 proxy nginx "/legacy/ goes to a port where nothing listens: nginx's stock 502 with its X-Request-ID" "curl -si saved to a file (CRs kept)" -- -si "${K[@]}" $R $U/legacy/tickets/1
    quiet "${K[@]}" $R $U/busy/tickets/1
    cap $S nginx-503-limit-req-hono-h2.txt 503 proxy nginx "/busy/, second request in a minute: limit_req's default status, nginx's stock 503" "curl -sv" -- -sv "${K[@]}" $R $U/busy/tickets/1
    quiet "${K[@]}" $R $U/limited/tickets/1
    cap $S nginx-429-limit-req-json-hono-h2.txt 429 proxy nginx "/limited/, second request in a minute: limit_req_status 429 + error_page 429 = @json_429, nginx's own JSON 429 naming the request id" "curl -si" -- -si "${K[@]}" $R $U/limited/tickets/1
    capbody $BO body-nginx-429-limit-req-json-hono.txt 0/429 proxy nginx "nginx's own JSON 429 for /limited/ (no status number in it)" "curl -s" -- -k $R $U/limited/tickets/1
    caphead $HO head-hono-200-ticket-nginx.txt 200 app hono "HEAD ticket 1 over HTTP/2: Hono's answer with nginx's X-Request-ID" "curl -sI" -- "${K[@]}" $R $U/api/tickets/1
fi

# ===================================================== HAProxy -> Sinatra on Puma ==
if up haproxy; then
    log "capturing: Sinatra on Puma behind HAProxy"
    S=sinatra-puma-haproxy-r115
    H=api.heronwood.test U=http://api.heronwood.test:60302 R="--resolve api.heronwood.test:60302:127.0.0.1"
    cap $S sinatra-200-rental-haproxy.txt 200 app sinatra "rental 1 from Sinatra, passed on by HAProxy" "curl -sv" -- -sv $R $U/api/rentals/1
    caplt $S sinatra-401-me-haproxy.txt 401 app sinatra "/api/me without a token: the JSON 401 with WWW-Authenticate" "curl -sv, only the < lines kept" -- -sv $R $U/api/me
    capraw $S sinatra-404-no-route-haproxy.txt 404 app sinatra "/api/rental: no route, Sinatra's production '<h1>Not Found</h1>'" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/rental
    cap $S sinatra-500-boom-haproxy.txt 500 app sinatra "a KeyError: the error block's JSON 500" "curl -si" -- -si $R $U/api/boom
    caphead $HO head-sinatra-200-healthz-haproxy.txt 200 app sinatra "HEAD /healthz: Sinatra's answer through HAProxy" "curl -sI" -- $R $U/healthz
    cap $S haproxy-429-export-json-sinatra.txt 429 load-balancer haproxy "/api/export: \`http-request return status 429\` with HAProxy's own JSON body" "curl -si" -- -si $R $U/api/export
    quiet $R $U/api/search; quiet $R $U/api/search
    capwin $S haproxy-429-search-stick-table-sinatra.txt 429 load-balancer haproxy "/api/search the third time in 60 s: stick-table counter, \`deny deny_status 429\`, HAProxy's stock 429 page" "curl -si pasted with CRLF" -- -si $R $U/api/search
    cap $S haproxy-403-internal-sinatra.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's stock 403" "curl -sv" -- -sv $R $U/internal/metrics
    cap $S haproxy-400-bad-header-sinatra.txt 400 load-balancer haproxy "a header name with a space in it: HAProxy's stock 400" "curl -si" -- -si $R -H 'X Trace: 1' $U/api/rentals/1
    capwget $S haproxy-504-slow-sinatra-wget.txt 504 load-balancer haproxy "/api/slow takes 5 s, timeout server 3s: HAProxy's stock 504" "wget -S -O-" -- --header="Host: $H:60302" http://127.0.0.1:60302/api/slow
    cap $S haproxy-503-legacy-no-server-sinatra.txt 503 load-balancer haproxy "/legacy/: its backend's only server is down by health check, HAProxy's stock 503" "curl -si" -- -si $R $U/legacy/rentals/1
    kill_app sinatra
    cap $S haproxy-503-app-killed-sinatra.txt 503 load-balancer haproxy "Puma killed (connection refused): HAProxy's stock 503" "curl -sv" -- -sv $R $U/api/rentals/1
    capbody $BO body-haproxy-503-app-killed-sinatra.txt 503/503 load-balancer haproxy "HAProxy's stock 503 page (Puma down), its heading shows 503" "curl -s" -- $R $U/api/rentals/2
fi

# ===================================================== Varnish -> Fastify on Node ==
if up varnish; then
    log "capturing: Fastify (Node) behind Varnish"
    S=fastify-node-varnish-r115
    H=api.tidewater.test U=http://api.tidewater.test:60303 R="--resolve api.tidewater.test:60303:127.0.0.1"
    cap $S fastify-200-ticket-miss-varnish.txt 200 app fastify "ticket 1, first request: a MISS, Fastify's answer passed on with Varnish's Via" "curl -si" -- -si $R $U/api/tickets/1
    caplt $S varnish-200-ticket-hit-fastify.txt 200 cdn-cache varnish "ticket 1 again: a HIT from Varnish's store" "curl -sv, only the < lines kept" -- -sv $R $U/api/tickets/1
    cap $S varnish-304-ticket-inm-fastify.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's 304 from its store" "curl -sv" -- -sv $R -H 'If-None-Match: "tk-1-v4"' $U/api/tickets/1
    capraw $S varnish-304-ticket-ims-fastify.txt 304 cdn-cache varnish "If-Modified-Since the stored Last-Modified: Varnish's 304 from its store" "curl -si saved to a file (CRs kept)" -- -si $R -H "If-Modified-Since: $LM" $U/api/tickets/1
    cap $S fastify-400-ticket-id-varnish.txt 400 app fastify "ticket 'abc': Fastify's schema validation 400 (FST_ERR_VALIDATION)" "curl -si" -- -si $R $U/api/tickets/abc
    cap $S fastify-403-admin-varnish.txt 403 app fastify "/api/admin/stats with a user token: the hook's 403" "curl -sv" -- -sv $R -H 'Authorization: Bearer user-token' $U/api/admin/stats
    capwin $S fastify-404-no-route-varnish.txt 404 app fastify "/api/nothing: Fastify's 'Route GET:/api/nothing not found'" "curl -si pasted with CRLF" -- -si $R $U/api/nothing
    cap $S fastify-413-body-varnish.txt 413 app fastify "a 10 KB body, bodyLimit 8 KB: Fastify's FST_ERR_CTP_BODY_TOO_LARGE, passed on by Varnish" "curl -si" -- -si $R -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$HUGEBODY" $U/api/tickets
    cap $S fastify-500-boom-varnish.txt 500 app fastify "a thrown TypeError: Fastify's JSON 500" "curl -sv" -- -sv $R $U/api/boom
    cap $S fastify-503-readyz-varnish.txt 503 app fastify "/readyz: the app's own JSON 503, passed on" "curl -si" -- -si $R $U/readyz
    cap $S varnish-503-maintenance-json-fastify.txt 503 cdn-cache varnish "/api/maintenance/: vcl_recv synth(503) with a JSON body written in vcl_synth" "curl -si" -- -si $R $U/api/maintenance/tickets
    cap $S varnish-403-admin-fastify.txt 403 cdn-cache varnish "/admin/: vcl_recv synth(403), the built-in synth page" "curl -sv" -- -sv $R $U/admin/purge-all
    capwget $S varnish-503-slow-fastify-wget.txt 503 cdn-cache varnish "/api/slow takes 5 s, first_byte_timeout 3s: Varnish's 'Backend fetch failed'" "wget -S -O-" -- --header="Host: $H:60303" http://127.0.0.1:60303/api/slow
    kill_app fastify
    cap $S varnish-503-app-killed-fastify.txt 503 cdn-cache varnish "Node killed, /api/me never cached: Varnish's 'Backend fetch failed'" "curl -si" -- -si $R $U/api/me
    cap $S varnish-200-ticket-hit-app-down-fastify.txt 200 cdn-cache varnish "ticket 1 while Fastify is down: from Varnish's store" "curl -si" -- -si $R $U/api/tickets/1
    capbody $BO body-varnish-503-app-killed-fastify.txt 503/503 cdn-cache varnish "Varnish's guru meditation page, its title shows 503 (Fastify down)" "curl -s" -- $R $U/api/boom
fi

# ===================================================== Squid -> NestJS on Node ==
if up squid; then
    log "capturing: NestJS (Node) behind Squid"
    S=nestjs-node-squid-r115
    H=api.ferrybank.test U=http://api.ferrybank.test:60304 R="--resolve api.ferrybank.test:60304:127.0.0.1"
    cap $S nestjs-200-ticket-miss-squid.txt 200 app nestjs "ticket 1, first request: a MISS, Nest's answer passed on with Squid's Via" "curl -si" -- -si $R $U/api/tickets/1
    cap $S squid-200-ticket-hit-nestjs.txt 200 cdn-cache squid "ticket 1 again within the refresh_pattern minute: a HIT from Squid's store" "curl -sv" -- -sv $R $U/api/tickets/1
    ET=$(in_work timeout 10 curl -sI $R $U/api/tickets/1 | tr -d '\r' | awk 'tolower($1) == "etag:" {print $2}')
    capraw $S squid-304-ticket-inm-nestjs.txt 304 cdn-cache squid "If-None-Match with the stored (Express) ETag: Squid's 304 from its store" "curl -si saved to a file (CRs kept)" -- -si $R -H "If-None-Match: $ET" $U/api/tickets/1
    cap $S nestjs-400-ticket-id-squid.txt 400 app nestjs "ticket 'abc': BadRequestException, Nest's {message, error, statusCode}" "curl -si" -- -si $R $U/api/tickets/abc
    caplt $S nestjs-403-admin-squid.txt 403 app nestjs "/api/admin/stats with a user token: the guard returns false, 'Forbidden resource'" "curl -sv, only the < lines kept" -- -sv $R -H 'Authorization: Bearer user-token' $U/api/admin/stats
    cap $S nestjs-404-ticket9-squid.txt 404 app nestjs "ticket 9: NotFoundException" "curl -si" -- -si $R $U/api/tickets/9
    cap $S nestjs-404-no-route-squid.txt 404 app nestjs "/api/nothing: Nest's 'Cannot GET /api/nothing'" "curl -si" -- -si $R $U/api/nothing
    quiet $R $U/api/search; quiet $R $U/api/search
    cap $S nestjs-429-search-squid.txt 429 app nestjs "/api/search the third time in a minute: a ThrottlerException-shaped 429" "curl -si" -- -si $R $U/api/search
    cap $S nestjs-500-boom-squid.txt 500 app nestjs "a thrown Error: Nest's JSON 'Internal server error'" "curl -sv" -- -sv $R $U/api/boom
    capjq $BO body-nestjs-404-ticket9-jq-squid.txt 404/404 app nestjs "ticket 9 piped through jq: Nest's JSON 404, its statusCode shows 404" "curl -s | jq ." -- $R $U/api/tickets/9
    cap $S squid-403-internal-nestjs.txt 403 cdn-cache squid "/internal/: http_access deny, Squid's ERR_ACCESS_DENIED" "curl -si" -- -si $R $U/internal/metrics
    capwget $S squid-504-slow-nestjs-wget.txt 504 cdn-cache squid "/api/slow takes 5 s, read_timeout 3 s: Squid's ERR_READ_TIMEOUT" "wget -S -O-" -- --header="Host: $H:60304" http://127.0.0.1:60304/api/slow
    kill_app nest
    cap $S squid-503-app-killed-nestjs.txt 503 cdn-cache squid "Node killed, /api/me never cached: Squid's ERR_CONNECT_FAIL" "curl -sv" -- -sv $R $U/api/me
    capvnull $HO vnull-squid-503-app-killed-nestjs.txt 503 cdn-cache squid "Nest still down: Squid's 503" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/boom
fi

# ===================================================== Apache -> chi ==
if up apache; then
    log "capturing: chi behind Apache"
    S=chi-apache-r115
    H=api.ledgerly.test U=http://api.ledgerly.test:60305 R="--resolve api.ledgerly.test:60305:127.0.0.1"
    cap $S chi-200-invoice-apache.txt 200 app chi "invoice 1 from chi, passed on with Apache's Via" "curl -sv" -- -sv $R $U/api/invoices/1
    cap $S chi-401-account-apache.txt 401 app chi "/api/account: the handler's JSON 401 with WWW-Authenticate: Bearer" "curl -si" -- -si $R $U/api/account
    cap $S chi-409-post-dup-apache.txt 409 app chi "POST ref LG-1001: the handler's JSON 409" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"ref":"LG-1001"}' $U/api/invoices
    HTTPIE_CMD=http caphttp $S chi-422-post-apache-httpie.txt 422 app chi "HTTPie, POST without ref: the handler's JSON 422" "HTTPie with colours" -- -v POST http://127.0.0.1:60305/api/invoices Host:$H total:=2
    capwin $S chi-500-boom-apache.txt 500 app chi "a nil-map panic: middleware.Recoverer's empty 500, passed on" "curl -si pasted with CRLF" -- -si $R $U/api/boom
    cap $S chi-503-maintenance-apache.txt 503 app chi "/api/maintenance: the handler's JSON 503 with Retry-After" "curl -si" -- -si $R $U/api/maintenance
    cap $S chi-502-html-payments-apache.txt 502 app chi "/api/payments: the app's own HTML 502 page, passed on (ProxyErrorOverride off)" "curl -si" -- -si $R $U/api/payments
    cap $S chi-503-html-statements-apache.txt 503 app chi "/api/statements: the app's own HTML 503 page, passed on" "curl -sv" -- -sv $R $U/api/statements
    capw $BO w-chi-504-html-bank-apache.txt 504 app chi "/api/bank: the app's own HTML 504 page with curl's %{http_code}" "curl -s -w '%{http_code}'" -- '\n%{http_code}\n' $R $U/api/bank
    cap $S apache-401-ops-basic-chi.txt 401 identity apache "/ops/ without credentials: AuthType Basic, Apache's own 401" "curl -si" -- -si $R $U/ops/admin
    cap $S chi-422-big-body-apache.txt 422 app chi "a 3 KB body without ref: LimitRequestBody 1024 in the virtual host did not stop the proxied body (run 1 expected Apache's 413, see the README); chi's JSON 422, passed on" "curl -si" -- -si $R -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $U/api/invoices
    cap $S apache-414-long-uri-chi.txt 414 proxy apache "a 2 KB query string, LimitRequestLine 1024: Apache's stock 414" "curl -si" -- -si $R "$U/api/invoices/1?q=$LONGQ"
    cap $S apache-400-big-header-chi.txt 400 proxy apache "a 1.5 KB header, LimitRequestFieldSize 1024: Apache's stock 400" "curl -sv" -- -sv $R -H "$MIDHDR" $U/api/invoices/1
    cap $S apache-502-slow-chi.txt 502 proxy apache "/api/slow takes 5 s, ProxyTimeout 3: Apache's stock '502 Proxy Error' (Error reading from remote server; run 1 expected a 504, see the README)" "curl -si" -- -si $R $U/api/slow
    cap $S apache-503-legacy-refused-chi.txt 503 proxy apache "/legacy/ goes to a port where nothing listens (retry=0): Apache's stock 503" "curl -si" -- -si $R $U/legacy/invoices/1
    caphead $HO head-apache-401-ops-basic-chi.txt 401 identity apache "HEAD /ops/ without credentials: Apache's Basic challenge" "curl -sI" -- $R $U/ops/admin
    kill_app chi
    capdump $S apache-503-app-killed-chi.txt 503 proxy apache "chi killed (connection refused): Apache's stock 503" "curl -s -D-" -- $R $U/api/invoices/1
    capbody $BO body-apache-503-app-killed-chi.txt 503/503 proxy apache "Apache's stock 503 page (chi down), its title shows 503" "curl -s" -- $R $U/api/invoices/2
fi

# ===================================================== Caddy (HTTP/2 + TLS) -> plain PHP on PHP-FPM ==
if up caddy; then
    log "capturing: plain PHP on PHP-FPM behind Caddy, HTTP/2 + TLS"
    S=plain-php-fpm-caddy-tls-r115
    H=api.pinecrest.test U=https://api.pinecrest.test:60306 R="--resolve api.pinecrest.test:60306:127.0.0.1"
    K=(-k --http2) K1=(-k --http1.1)
    cap $S php-200-order-caddy-h2.txt 200 app php "order 1 from the PHP API under PHP-FPM, over HTTP/2" "curl -skv --http2" -- -sv "${K[@]}" $R $U/api/orders/1
    capraw $S php-422-post-no-ref-caddy-h2.txt 422 app php "POST without ref: the script's JSON 422" "curl -si saved to a file (CRs kept)" -- -si "${K[@]}" $R -X POST "${JSONH[@]}" -d '{"total":2}' $U/api/orders
    caplt $S php-403-admin-caddy-h2.txt 403 app php "/api/admin: the script's JSON 403" "curl -sv, only the < lines kept" -- -sv "${K[@]}" $R $U/api/admin
    cap $S php-500-boom-caddy-h2.txt 500 app php "a call to an undefined function, display_errors off: PHP's empty 500, passed on" "curl -si" -- -si "${K[@]}" $R $U/api/boom
    cap $S php-503-maintenance-caddy-h2.txt 503 app php "/api/maintenance: the script's JSON 503 with Retry-After" "curl -si" -- -si "${K[@]}" $R $U/api/maintenance
    capwin $S php-502-html-payments-caddy-h2.txt 502 app php "/api/payments: the script's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si "${K[@]}" $R $U/api/payments
    cap $S php-429-quota-caddy-h2.txt 429 app php "/api/quota: the script's own JSON 429" "curl -si" -- -si "${K[@]}" $R $U/api/quota
    cap $S caddy-429-export-json-php-h2.txt 429 proxy caddy "/api/export: Caddy's own \`respond\` JSON 429" "curl -si" -- -si "${K[@]}" $R $U/api/export
    cap $S caddy-503-refunds-maintenance-json-php-h2.txt 503 proxy caddy "/api/refunds/: Caddy's own \`respond\` JSON 503 (maintenance, Retry-After)" "curl -sv" -- -sv "${K[@]}" $R $U/api/refunds/77
    cap $S caddy-413-body-php-h2.txt 413 proxy caddy "a 3 KB body, request_body max_size 1KB: Caddy's empty 413, only Server: Caddy names it" "curl -si" -- -si "${K[@]}" $R -X POST "${JSONH[@]}" -d "$BIGBODY" $U/api/orders
    cap $S caddy-431-header-php.txt 431 proxy caddy "an 8 KB header over HTTP/1.1, max_header_size 2KB: Go's 431 text from Caddy's server" "curl -sk --http1.1 -i" -- -si "${K1[@]}" $R -H "$BIGHDR" $U/api/orders/1
    cap $S caddy-504-slow-php-h2.txt 504 proxy caddy "/api/slow takes 5 s, php_fastcgi read_timeout 3s: Caddy's empty 504" "curl -si" -- -si "${K[@]}" $R $U/api/slow
    capw $BO w-php-401-account-caddy.txt 401 app php "/api/account with curl's %{http_code}: the script's JSON 401" "curl -s -w '%{http_code}'" -- '\n%{http_code}\n' -k $R $U/api/account
    stop_name phpfpm
    cap $S caddy-502-fpm-stopped-php-h2.txt 502 proxy caddy "PHP-FPM stopped (connection refused): Caddy's empty 502" "curl -skv --http2" -- -sv "${K[@]}" $R $U/api/orders/1
fi

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx haproxy varnish squid apache caddy; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round115/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
