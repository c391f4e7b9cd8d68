#!/usr/bin/env bash
# capture-round176.sh — build the hundred-and-seventy-sixth held-out evidence
# corpus in tests/fixtures/evidence-round176/.
#
# "The issue's failure classes a nineteenth time, as small teams deploy them, a second look"
# (round 161 the reference, round 167's script the model): one mainstream front per setup
# before one mainstream app, every client engineers use (curl -si, curl -sv, HTTPie -v,
# wget -S -O-). Front configs in scripts/corpus/conf-round176/ (round 167's, ports moved to
# 626xx/627xx, request ids kept on three setups and removed on the other three, Apache given
# JSON ErrorDocuments, nginx a second server); apps in scripts/corpus/apps176/ (round 163's with
# their own HTML 502/503 pages added, and a new plain-Starlette port):
#   - nginx 1.22 :62671  -> Flask 3.1 on gunicorn 27                    (request id)
#   - Caddy 2.6  :62672  -> FastAPI 0.165 on uvicorn 0.55               (request id)
#   - Apache 2.4 :62673  -> Express 4 on Node 20                        (no request id)
#   - HAProxy 2.6 :62674 -> Django 5.2 on gunicorn 27                   (request id)
#   - Varnish 7.1 :62675 -> Fastify 4 on Node 20                        (no request id)
#   - nginx 1.22 :62676  -> Starlette 1.10 on gunicorn 27 + UvicornWorker (no request id)
# Every triple but Starlette on gunicorn + UvicornWorker behind nginx was used by an earlier
# round (`grep -h '^setup' tests/fixtures/evidence-round*/labels.toml | sort -u`); those reuse
# a pairing with another app or config. Plain HTTP/1.1 throughout. Helpers are round 167's.
#
#   scripts/corpus/capture-round176.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round176.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round176.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-63999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers in
# another range meanwhile: those are not looked at, and never stopped); every
# curl, HTTPie and wget request runs under `timeout`; every server it started
# is stopped on exit, by process id. Labels are written by finish_round176.py,
# which refuses (and this script then leaves the fixtures as they were) when
# a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round176"
RUN=/tmp/api-triage-corpus176-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round176"
APPS176="$HERE/apps176"
VENV=${CORPUS_VENV176:-/tmp/api-triage-corpus176-venv}     # a copy of round 167's (flask, fastapi, starlette, django, gunicorn, uvicorn, httpie)
NODE_DIR=${CORPUS_NODE176:-/tmp/api-triage-corpus176-node} # a copy of round 167's (express, fastify)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 fastapi==0.165.0 starlette==1.10.0 django==5.2.19 uvicorn==0.55.0 gunicorn==27.0.1)
NODE_PKGS=(express@4 fastify@4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus176 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
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

install_venv() {  # a copy of round 167's venv; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, flask, fastapi, starlette, django, uvicorn, gunicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of round 167's node_modules; from npm when missing
    local m ok=1
    for m in express fastify; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus176","private":true}' >"$NODE_DIR/package.json"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round176.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS176 ]] || die "missing $CONF or $APPS176"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,state,varnish,haproxy,apache/htdocs/errors,nginx/tmp,caddy/data,caddy/config}
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

# Fronts: nginx 62671 (Flask) and 62676 (Starlette), Caddy 62672 (FastAPI), Apache 62673
# (Express), HAProxy 62674 (Django), Varnish 62675 (Fastify). Apps: Flask/gunicorn 62771,
# FastAPI/uvicorn 62772, Express 62773, Django/gunicorn 62774, Fastify 62775,
# Starlette/gunicorn+UvicornWorker 62776.
TCP_PORTS=(62671 62672 62673 62674 62675 62676 62771 62772 62773 62774 62775 62776)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production STATE_DIR="$RUN/state" nice -n 5 node)
gunicorn_app() {  # gunicorn_app NAME PORT MODULE:APP [WORKER-CLASS]
    start_bg "$1" env STATE_DIR="$RUN/state" nice -n 5 "$VPY" -m gunicorn --chdir "$APPS176" \
        --bind 127.0.0.1:"$2" --workers 2 --timeout 30 --worker-tmp-dir "$RUN/state" ${4:+-k "$4"} "$3"
    wait_port "$2" "$1"
}
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    brack) gunicorn_app brack 62771 flask_app:app ;;
    salt) start_bg salt env STATE_DIR="$RUN/state" nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS176" \
            --host 127.0.0.1 --port 62772 fastapi_app:app
        wait_port 62772 salt ;;
    quarrow) start_bg quarrow "${NODEENV[@]}" "$APPS176/express_app.js" 62773
        wait_port 62773 quarrow ;;
    moor) gunicorn_app moor 62774 django_app:application ;;
    toll) start_bg toll "${NODEENV[@]}" "$APPS176/fastify_app.js" 62775
        wait_port 62775 toll ;;
    fen) gunicorn_app fen 62776 starlette_app:app uvicorn.workers.UvicornWorker ;;
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
maint() { if [[ $1 == on ]]; then touch "$RUN/state/maint"; else rm -f "$RUN/state/maint"; fi; }

rconf() { sed -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$CONF|g" "$1" >"$2"; }
for a in brack salt quarrow moor toll fen; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
rconf "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 62671 nginx && wait_port 62676 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
rconf "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 62672 caddy && UP[caddy]=1
rconf "$CONF/apache.conf" "$RUN/apache/apache.conf"
cp "$CONF"/errors/*.json "$RUN/apache/htdocs/errors/"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 62673 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
rconf "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62674 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
cp "$CONF/varnish.vcl" "$RUN/varnish/r176.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:62675 -T none -f "$RUN/varnish/r176.vcl" -n "$RUN/varnish/r176" -s malloc,16m
wait_port 62675 varnish && UP[varnish]=1
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 176 (held out): real responses captured by
# scripts/corpus/capture-round176.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-175:
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

BO=body-only-paste-r176 HO=headers-only-paste-r176
head -c 2048 /dev/zero | tr '\0' 'a' | sed 's/^/{"sku":"/; s/$/"}/' >"$RUN/work/big.json"
LONGQ=$(head -c 1500 /dev/zero | tr '\0' 'q')
JSON='Content-Type: application/json'

# common SETUP FW FRONT FLAYER HOST PORT ETAG XF SLOWNOTE SLOW
# The app's own answers (all passed on: layer app, product FW), its own HTML 502/503 pages,
# then the front's unrouted 404 and its answer to the 5 s /api/slow (SLOW, written by the
# front). XF: the form of the first 200 (cap, capraw or capwin).
common() {
    local S=$1 FW=$2 FR=$3 FL=$4 H=$5 P=$6 ET=$7 XF=$8 SLOWNOTE=$9 SLOW=${10}
    local U=http://$H:$P R="--resolve $H:$P:127.0.0.1"
    log "capturing: $S"
    $XF $S $FW-200-order-$FR.txt 200 app $FW "order 1: the app's answer passed on" "curl -si$([[ $XF == capraw ]] && echo ' saved to a file (CRs kept)')$([[ $XF == capwin ]] && echo ' pasted with CRLF')" -- -si $R $U/api/orders/1
    cap $S $FW-304-order-inm-$FR.txt 304 app $FW "If-None-Match with the order's ETag: the app's own 304, passed on" "curl -sv" -- -sv $R -H "If-None-Match: \"$ET\"" $U/api/orders/1
    cap $S $FW-401-me-$FR.txt 401 app $FW "/api/me without a token: the app's 401 with WWW-Authenticate Bearer, passed on" "curl -sv" -- -sv $R $U/api/me
    HTTPIE_CMD=http caphttp $S $FW-422-no-sku-$FR-httpie.txt 422 app $FW "POST without sku: the app's 422 validation error, passed on" "HTTPie -v with colours" -- -v POST http://127.0.0.1:$P/api/orders Host:$H:$P qty:=2
    cap $S $FW-500-boom-$FR.txt 500 app $FW "/api/boom raises: the framework's own 500, passed on" "curl -sv" -- -sv $R $U/api/boom
    cap $S $FW-502-payments-html-$FR.txt 502 app $FW "/api/payments: the app's own HTML 502 page (its payment provider down), passed on" "curl -si" -- -si $R $U/api/payments
    capraw $S $FW-503-statements-html-$FR.txt 503 app $FW "/api/statements: the app's own HTML 503 page with Retry-After, passed on" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/statements
    cap $S $FR-404-unrouted-$FW.txt 404 $FL $FR "/status is not routed by the front: $FR's own 404, the app never asked" "curl -si" -- -si $R $U/status
    cap $S $FR-$SLOW-slow-$FW.txt $SLOW $FL $FR "/api/slow takes 5 s, $SLOWNOTE" "curl -sv" -- -sv $R $U/api/slow
}
# maint_app SETUP FW FRONT HOST PORT: the app's own JSON maintenance 503, passed on
maint_app() {
    local S=$1 FW=$2 FR=$3 H=$4 P=$5
    local U=http://$H:$P R="--resolve $H:$P:127.0.0.1"
    maint on
    cap $S $FW-503-maintenance-$FR.txt 503 app $FW "maintenance mode switched on in the app: the app's own JSON 503 with Retry-After, passed on" "curl -si" -- -si $R $U/api/orders/1
    maint off
}
# edge_json SETUP FRONT FLAYER FW HOST PORT: the JSON 429 and 503 the front writes itself
edge_json() {
    local S=$1 FR=$2 FL=$3 FW=$4 H=$5 P=$6
    local U=http://$H:$P R="--resolve $H:$P:127.0.0.1"
    cap $S $FR-429-edge-json-$FW.txt 429 $FL $FR "/edge/limited: a JSON 429 configured at $FR, the app never asked" "curl -si" -- -si $R $U/edge/limited
    cap $S $FR-503-edge-maintenance-$FW.txt 503 $FL $FR "/edge/maintenance: a JSON 503 configured at $FR, the app never asked" "curl -sv" -- -sv $R $U/edge/maintenance
}

# ================================================= nginx -> Flask on gunicorn ==
if up nginx; then
    S=flask-gunicorn-brack-nginx-r176 H=api.brackwater.test P=62671
    U=http://$H:$P R="--resolve $H:$P:127.0.0.1"
    common $S flask nginx proxy $H $P bw-o1-v3 cap "proxy_read_timeout 3s: nginx's stock 504 (with nginx's X-Request-ID)" 504
    edge_json $S nginx proxy flask $H $P
    cap $S nginx-413-body-flask.txt 413 proxy nginx "a 2 KB POST, client_max_body_size 1k: nginx's stock 413" "curl -si" -- -si $R -H "$JSON" --data-binary @"$RUN/work/big.json" $U/api/orders
    capbody $BO body-flask-503-statements-html-nginx.txt 503/503 app flask "/api/statements: the app's own HTML 503 page, its title shows 503" "curl -s" -- $R $U/api/statements
    capjq $BO body-nginx-429-edge-json-flask.txt 0/429 proxy nginx "/edge/limited: nginx's own JSON 429 body (no number in it)" "curl -s | jq ." -- $R $U/edge/limited
    kill_app brack
    cap $S nginx-502-app-down-flask.txt 502 proxy nginx "gunicorn killed: nginx's stock 502" "curl -si" -- -si $R $U/api/orders/1
    capvnull $HO vnull-nginx-502-app-down-flask.txt 502 proxy nginx "gunicorn still down: nginx's 502" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/orders/1
fi
# ================================================= nginx -> Starlette on gunicorn + UvicornWorker ==
if up nginx; then
    S=starlette-gunicorn-uvicorn-nginx-r176 H=api.fenwick.test P=62676
    U=http://$H:$P R="--resolve $H:$P:127.0.0.1"
    common $S starlette nginx proxy $H $P fw-o1-v3 capwin "proxy_read_timeout 3s: nginx's stock 504 (no request id on this server)" 504
    maint_app $S starlette nginx $H $P
    cap $S nginx-414-long-uri-starlette.txt 414 proxy nginx "a 1.5 KB query string, large_client_header_buffers 2 1k: nginx's stock 414" "curl -si" -- -si $R "$U/api/orders/1?q=$LONGQ"
    capwget $S starlette-404-unrouted-api-nginx-wget.txt 404 app starlette "/api/nope: Starlette's own text 'Not Found', passed on" "wget -S -O-" -- --header="Host: $H:$P" http://127.0.0.1:$P/api/nope
    capbody $BO body-starlette-500-boom-nginx.txt 0/500 app starlette "/api/boom: Starlette's text 'Internal Server Error' (no number in it)" "curl -s" -- $R $U/api/boom
    caphead $HO head-starlette-200-order-nginx.txt 200 app starlette "HEAD order 1: Starlette's answer, passed on" "curl -sI" -- $R $U/api/orders/1
    kill_app fen
    cap $S nginx-502-app-down-starlette.txt 502 proxy nginx "gunicorn + UvicornWorker killed: nginx's stock 502" "curl -sv" -- -sv $R $U/api/orders/1
    capbody $BO body-nginx-502-app-down-starlette.txt 502/502 proxy nginx "gunicorn still down: nginx's stock 502 page, its title shows 502" "curl -s" -- $R $U/api/orders/2
fi
# ================================================= Caddy -> FastAPI on uvicorn ==
if up caddy; then
    S=fastapi-uvicorn-salt-caddy-r176 H=api.saltcote.test P=62672
    U=http://$H:$P R="--resolve $H:$P:127.0.0.1"
    common $S fastapi caddy proxy $H $P sc-o1-v3 capraw "response_header_timeout 3s: Caddy's empty 504" 504
    edge_json $S caddy proxy fastapi $H $P
    maint_app $S fastapi caddy $H $P
    cap $S fastapi-409-duplicate-caddy.txt 409 app fastapi "POST sku DUP-1: the app's 409 conflict, passed on" "curl -si" -- -si $R -H "$JSON" --data-binary '{"sku":"DUP-1","qty":1}' $U/api/orders
    capbody $BO body-fastapi-404-unrouted-caddy.txt 0/404 app fastapi "/api/nope: FastAPI's own {\"detail\":\"Not Found\"}, passed on" "curl -s" -- $R $U/api/nope
    caphead $HO head-caddy-404-unrouted-fastapi.txt 404 proxy caddy "HEAD /status: Caddy's own empty 404 (respond 404)" "curl -sI" -- $R $U/status
    kill_app salt
    cap $S caddy-502-app-down-fastapi.txt 502 proxy caddy "uvicorn killed: Caddy's empty 502" "curl -si" -- -si $R $U/api/orders/1
    capcutn $HO cutn-caddy-502-app-down-fastapi.txt 502 proxy caddy "uvicorn still down: Caddy's empty 502, the status line and first headers" "curl -si, the status line and 3 headers kept" -- 3 i $R $U/api/orders/2
fi
# ================================================= Apache -> Express on Node ==
if up apache; then
    S=express-node-quarrow-apache-r176 H=api.quarrow.test P=62673
    U=http://$H:$P R="--resolve $H:$P:127.0.0.1"
    common $S express apache proxy $H $P qw-o1-v3 cap "ProxyTimeout 3: Apache's stock '502 Proxy Error'" 502
    edge_json $S apache proxy express $H $P
    cap $S apache-410-gone-express.txt 410 proxy apache "/v1/orders: Redirect gone, Apache's stock 410" "curl -sv" -- -sv $R $U/v1/orders
    capbody $BO body-express-404-unrouted-apache.txt 0/404 app express "/api/nope: Express's own 'Cannot GET' HTML page (no number in it), passed on" "curl -s" -- $R $U/api/nope
    caphttph $HO httph-express-401-me-apache.txt 401 app express "/api/me without a token: the app's 401, passed on" "HTTPie --headers with colours" -- GET http://127.0.0.1:$P/api/me Host:$H:$P
    kill_app quarrow
    cap $S apache-503-app-down-express.txt 503 proxy apache "Node killed, retry=0: Apache's stock 503" "curl -si" -- -si $R $U/api/orders/1
    caphead $HO head-apache-503-app-down-express.txt 503 proxy apache "HEAD while Node is down: Apache's 503" "curl -sI" -- $R $U/api/orders/1
fi
# ================================================= HAProxy -> Django on gunicorn ==
if up haproxy; then
    S=django-gunicorn-moor-haproxy-r176 H=api.moorfield.test P=62674
    U=http://$H:$P R="--resolve $H:$P:127.0.0.1"
    common $S django haproxy load-balancer $H $P mf-o1-v3 cap "timeout server 3s: HAProxy's stock 504" 504
    edge_json $S haproxy load-balancer django $H $P
    maint_app $S django haproxy $H $P
    cap $S haproxy-413-body-django.txt 413 load-balancer haproxy "a 2 KB POST: deny_status 413 on Content-Length, HAProxy's own 413" "curl -si" -- -si $R -H "$JSON" --data-binary @"$RUN/work/big.json" $U/api/orders
    capjq $BO body-django-409-duplicate-haproxy.txt 0/409 app django "POST sku DUP-1: the app's JSON 409 (no number in it)" "curl -s | jq ." -- $R -H "$JSON" --data-binary '{"sku":"DUP-1"}' $U/api/orders
    kill_app moor
    cap $S haproxy-503-app-down-django.txt 503 load-balancer haproxy "gunicorn killed: HAProxy's stock 503" "curl -si" -- -si $R $U/api/orders/1
    capvnull $HO vnull-haproxy-503-app-down-django.txt 503 load-balancer haproxy "gunicorn still down: HAProxy's 503" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/orders/2
fi
# ================================================= Varnish -> Fastify on Node ==
if up varnish; then
    S=fastify-node-tollgate-varnish-r176 H=api.tollgate.test P=62675
    U=http://$H:$P R="--resolve $H:$P:127.0.0.1"
    common $S fastify varnish cdn-cache $H $P tg-o1-v3 cap "first_byte_timeout 3s: Varnish's 'Backend fetch failed' 503" 503
    edge_json $S varnish cdn-cache fastify $H $P
    cap $S fastify-200-order-miss-varnish.txt 200 app fastify "order 1 with ?view=full, first request: a MISS, the app's answer passed on and stored" "curl -si" -- -si $R "$U/api/orders/1?view=full"
    cap $S varnish-200-order-hit-fastify.txt 200 cdn-cache varnish "the same URL again within its 2 s ttl: Varnish answers from its store (HIT), the app not asked" "curl -si" -- -si $R "$U/api/orders/1?view=full"
    cap $S varnish-304-order-inm-fastify.txt 304 cdn-cache varnish "the same URL with If-None-Match: Varnish's own 304 from the stored object" "curl -sv" -- -sv $R -H 'If-None-Match: "tg-o1-v3"' "$U/api/orders/1?view=full"
    capbody $BO body-varnish-404-unrouted-fastify.txt 404/404 cdn-cache varnish "/status: Varnish's synth 404 page, its title shows 404" "curl -s" -- $R $U/status
    capcutn $HO cutn-fastify-429-quota-varnish.txt 429 app fastify "/api/quota: the app's 429, the status line and first headers" "curl -si, the status line and 3 headers kept" -- 3 i $R $U/api/quota
    kill_app toll
    sleep 2.5
    cap $S varnish-200-order-stale-fastify.txt 200 cdn-cache varnish "Node killed and the 2 s ttl over: Varnish's stale copy (grace), the app down" "curl -si" -- -si $R "$U/api/orders/1?view=full"
    cap $S varnish-503-app-down-fastify.txt 503 cdn-cache varnish "Node killed: Varnish's 'Backend fetch failed' 503 for a passed URL" "curl -si" -- -si $R $U/api/orders/1
    capvnull $HO vnull-varnish-503-app-down-fastify.txt 503 cdn-cache varnish "Node still down: Varnish's 503" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/orders/2
fi
log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx caddy apache haproxy varnish; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round176/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
