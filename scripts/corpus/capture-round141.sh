#!/usr/bin/env bash
# capture-round141.sh — build the hundred-and-forty-first held-out evidence
# corpus in tests/fixtures/evidence-round141/.
#
# "Pasted in part at night, a seventh look" (rounds 114, 126 and 132 the
# models): the Brackwater orders API (round 132's routes) written twice, in
# Sanic (apps141/sanic_app.py, Sanic's own server) and in Litestar
# (apps141/litestar_app.py, on Granian or Hypercorn), behind the six
# mainstream fronts, each front + app server + framework triple new (checked
# with `grep -h '^setup' tests/fixtures/evidence-round*/labels.toml | sort -u`).
# Front configs in scripts/corpus/conf-round141/ (round 132's, ports and the
# host name moved):
#   - nginx 1.22 -> Sanic 25 (its own server);   - Apache 2.4 -> Litestar on Granian;
#   - Caddy 2.6 -> Sanic 25 (its own server);    - HAProxy 2.6 -> Litestar on Hypercorn;
#   - Varnish 7.1 -> Litestar on Granian;        - Squid 5.7 (accel) -> Litestar on Hypercorn.
# About a third whole transcripts, a third body-only, a third headers-only.
#
#   scripts/corpus/capture-round141.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round141.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round141.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-63999; this round 62701-62706 and 62801-62806), and the script stops
# if a socket held by one of its own processes listens anywhere else (another
# helper runs its own servers meanwhile: those are not looked at, and never
# stopped); every curl, HTTPie request runs under `timeout`; every server it
# started is stopped on exit, by process id. Labels are written by
# finish_round141.py, which refuses (and this script then leaves the fixtures
# as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round141"
RUN=/tmp/api-triage-corpus141-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round141"
APPS141="$HERE/apps141"
VENV=${CORPUS_VENV141:-/tmp/api-triage-corpus141-venv}     # litestar, sanic, granian, hypercorn, httpie (a copy of round 139's, plus sanic)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 litestar==2.25.0 sanic==25.12.1 granian==2.8.9 hypercorn==0.18.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus141 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(jq nginx apache2 caddy haproxy varnish squid python3-venv)
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

install_venv() {  # from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, litestar, sanic, granian, hypercorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round141.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS141 ]] || die "missing $CONF or $APPS141"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,squid,varnish,haproxy,apache/www,nginx/tmp,caddy/data,caddy/config}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
for p in nginx apache2 caddy haproxy varnish squid jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: nginx 62701, Apache 62702, Caddy 62703, HAProxy 62704, Varnish
# 62705, Squid 62706. Apps: Sanic 62801 (apps141/sanic_app.py), Litestar on
# Granian 62802, Sanic 62803, Litestar on Hypercorn 62804, Litestar on Granian
# 62805, Litestar on Hypercorn 62806 (apps141/litestar_app.py).
TCP_PORTS=(62701 62702 62703 62704 62705 62706 62801 62802 62803 62804 62805 62806)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    teal) start_bg teal env PYTHONPATH="$APPS141" nice -n 5 "$VPY" -m sanic sanic_app:app --host 127.0.0.1 --port 62801 \
            --single-process --no-motd
        wait_port 62801 teal ;;
    shrike) start_bg shrike nice -n 5 "$VPY" -m granian --interface asgi --host 127.0.0.1 --port 62802 --workers 1 \
            --working-dir "$APPS141" litestar_app:app
        wait_port 62802 shrike ;;
    smew) start_bg smew env PYTHONPATH="$APPS141" nice -n 5 "$VPY" -m sanic sanic_app:app --host 127.0.0.1 --port 62803 \
            --single-process --no-motd
        wait_port 62803 smew ;;
    scaup) start_bg scaup env PYTHONPATH="$APPS141" nice -n 5 "$VPY" -m hypercorn --bind 127.0.0.1:62804 --workers 1 litestar_app:app
        wait_port 62804 scaup ;;
    twite) start_bg twite nice -n 5 "$VPY" -m granian --interface asgi --host 127.0.0.1 --port 62805 --workers 1 \
            --working-dir "$APPS141" litestar_app:app
        wait_port 62805 twite ;;
    brant) start_bg brant env PYTHONPATH="$APPS141" nice -n 5 "$VPY" -m hypercorn --bind 127.0.0.1:62806 --workers 1 litestar_app:app
        wait_port 62806 brant ;;
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
for a in teal shrike smew scaup twite brant; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
rconf() { sed -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$CONF|g" "$1" >"$2"; }
rconf "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 62701 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
rconf "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 62702 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
rconf "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 62703 caddy && UP[caddy]=1
rconf "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62704 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
cp "$CONF/varnish.vcl" "$RUN/varnish/r141.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:62705 -T none -f "$RUN/varnish/r141.vcl" -n "$RUN/varnish/r141" -s malloc,16m
wait_port 62705 varnish && UP[varnish]=1
rconf "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus141 -f "$RUN/squid/squid.conf"
wait_port 62706 squid && UP[squid]=1
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 141 (held out): real responses captured by
# scripts/corpus/capture-round141.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-140:
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

LONG=$(printf 'x%.0s' $(seq 1 2000))
PAD=$(printf 'p%.0s' $(seq 1 8000))
BIGH=$(printf 'c%.0s' $(seq 1 1500))
head -c 2048 /dev/zero | tr '\0' 'a' >"$RUN/work/big.txt"
JS='Content-Type: application/json'
H=api.brackwater.test

# ================================================= nginx -> Sanic ==
if up nginx; then
    log "capturing: Sanic behind nginx"
    S=sanic-nginx-r141
    U=http://$H:62701 R="--resolve $H:62701:127.0.0.1"
    cap $S sanic-200-order-nginx.txt 200 app sanic "order 1: Sanic's answer, passed on by nginx" "curl -si" -- -si $R $U/api/orders/1
    capvnull $S vnull-sanic-307-latest-nginx.txt 307 app sanic "/api/latest: Sanic's redirect to /api/orders/1, passed on" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/latest
    capbody $S body-sanic-401-account-bearer-nginx.txt 0/401 app sanic "/api/account: the app's JSON 401 (it sends WWW-Authenticate: Bearer), no number in the body" "curl -s" -- $R $U/api/account
    capcutn $S cutn-sanic-401-session-nochallenge-nginx.txt 401 app sanic "/api/session: the app's 401 with no WWW-Authenticate, the status line and 3 headers" "curl -si, the status line and 3 headers kept" -- 3 i $R $U/api/session
    capjq $S body-sanic-422-create-jq-nginx.txt 0/422 app sanic "POST /api/orders without sku/quantity: the app's JSON 422, no number in it" "curl -s | jq ." -- $R -H "$JS" -d '{"note":"x"}' $U/api/orders
    cap $S sanic-404-no-route-nginx.txt 404 app sanic "/api/ordres (typo): Sanic's own 404 page for an unrouted path, passed on" "curl -si" -- -si $R $U/api/ordres
    capraw $S sanic-500-boom-nginx.txt 500 app sanic "/api/boom raises: Sanic's own 500 page, passed on" "curl -si saved with its CRs" -- -si $R $U/api/boom
    capbody $S body-nginx-403-internal-sanic.txt 403/403 proxy nginx "/internal/: deny all, nginx's stock 403 page (its title shows 403)" "curl -s" -- $R $U/internal/metrics
    capcutn $S cutn-nginx-413-body-sanic.txt 413 proxy nginx "a 2 KB POST, client_max_body_size 1k: nginx's 413, the status line and 3 headers" "curl -si, the status line and 3 headers kept" -- 3 i $R -H "$JS" --data-binary @"$RUN/work/big.txt" $U/api/orders
    cap $S nginx-414-long-url-sanic.txt 414 proxy nginx "a 2000-byte query, large_client_header_buffers 4 1k: nginx's stock 414" "curl -si" -- -si $R "$U/api/orders/1?q=$LONG"
    quiet $R $U/api/search/orders
    capbody $S body-nginx-429-search-sanic.txt 429/429 proxy nginx "/api/search/ a second time within the minute: limit_req's 429 page (its title shows 429)" "curl -s" -- $R $U/api/search/orders
    caphttph $S httph-nginx-503-maintenance-sanic.txt 503 proxy nginx "/maintenance/: return 503, nginx's own" "HTTPie --headers with colours" -- GET http://127.0.0.1:62701/maintenance/ Host:$H
    cap $S nginx-504-slow-sanic.txt 504 proxy nginx "/api/slow takes 5 s, proxy_read_timeout 3s: nginx's stock 504" "curl -sv" -- -sv $R $U/api/slow
    kill_app teal
    capbody $S body-nginx-502-app-killed-sanic.txt 502/502 proxy nginx "Sanic killed: nginx's stock 502 page (its title shows 502)" "curl -s" -- $R $U/api/orders/1
    capcutr $S cutr-nginx-502-app-killed-sanic.txt 502 proxy nginx "Sanic still down: nginx's 502, the status line and 2 headers copied with their CRs" "curl -si, status line and 2 headers, CRs kept" -- 2 $R $U/api/account
    start_app teal || die "teal did not come back"
fi
# ================================================= Apache -> Litestar on Granian ==
if up apache; then
    log "capturing: Litestar on Granian behind Apache"
    S=litestar-granian-apache-r141
    U=http://$H:62702 R="--resolve $H:62702:127.0.0.1"
    caphead $S head-litestar-405-healthz-apache.txt 405 app litestar "HEAD /healthz: Litestar's @get route does not answer HEAD, its own 405 (seen on run 1, labelled so), passed on" "curl -sI" -- $R $U/healthz
    cap $S litestar-307-latest-apache.txt 307 app litestar "/api/latest: Litestar's Redirect to /api/orders/1, passed on" "curl -si" -- -si $R $U/api/latest
    capjq $S body-litestar-403-audit-jq-apache.txt 0/403 app litestar "/api/admin/audit: the app's JSON 403, no number in it" "curl -s | jq ." -- $R $U/api/admin/audit
    capvnull $S vnull-litestar-409-cancel-apache.txt 409 app litestar "POST /api/orders/1/cancel: the app's 409" "curl -sv -o /dev/null, only the < lines kept" -- -X POST $R $U/api/orders/1/cancel
    capbody $S body-litestar-400-order-id-apache.txt 0/400 app litestar "order 'abc': the app's JSON 400, no number in it" "curl -s" -- $R $U/api/orders/abc
    capwin $S litestar-429-quota-apache.txt 429 app litestar "/api/quota: the app's JSON 429 with Retry-After, passed on" "curl -si pasted with CRLF" -- -si $R $U/api/quota
    capcutn $S cutn-litestar-401-account-bearer-apache.txt 401 app litestar "/api/account: the app's 401 with its Bearer challenge, the status line and 4 headers" "curl -si, the status line and 4 headers kept" -- 4 i $R $U/api/account
    capbody $S body-litestar-500-boom-apache.txt 500/500 app litestar "/api/boom raises: Litestar's own JSON 500, its status_code field shows 500" "curl -s" -- $R $U/api/boom
    cap $S apache-403-internal-litestar.txt 403 proxy apache "/internal/: Require all denied, Apache's stock 403" "curl -si" -- -si $R $U/internal/metrics
    capbody $S body-apache-414-long-url-litestar.txt 414/414 proxy apache "a 2000-byte query, LimitRequestLine 1024: Apache's stock 414 (its title shows 414)" "curl -s" -- $R "$U/api/orders/1?q=$LONG"
    caphead $S head-apache-429-bulk-litestar.txt 429 proxy apache "HEAD /api/bulk/: RewriteRule R=429, Apache's own" "curl -sI" -- $R $U/api/bulk/orders
    capbody $S body-apache-503-maintenance-litestar.txt 503/503 proxy apache "/maintenance/: RewriteRule R=503, Apache's stock page (its title shows 503)" "curl -s" -- $R $U/maintenance/
    cap $S apache-502-slow-litestar.txt 502 proxy apache "/api/slow takes 5 s, ProxyTimeout 3: Apache's '502 Proxy Error'" "curl -si" -- -si $R $U/api/slow
    kill_app shrike
    caphttph $S httph-apache-503-app-killed-litestar.txt 503 proxy apache "Granian killed, retry=0: Apache's 503" "HTTPie --headers with colours" -- GET http://127.0.0.1:62702/api/orders/1 Host:$H
    cap $S apache-503-app-killed-litestar.txt 503 proxy apache "Granian still down: Apache's stock 503 page" "curl -si" -- -si $R $U/api/session
    start_app shrike || die "shrike did not come back"
fi
# ================================================= Caddy -> Sanic ==
if up caddy; then
    log "capturing: Sanic behind Caddy"
    S=sanic-caddy-r141
    U=http://$H:62703 R="--resolve $H:62703:127.0.0.1"
    capbody $S body-sanic-200-order-caddy.txt 0/200 app sanic "order 1: the app's JSON order, no status number in it" "curl -s" -- $R $U/api/orders/1
    caphttph $S httph-sanic-401-session-nochallenge-caddy.txt 401 app sanic "/api/session: the app's 401, no WWW-Authenticate" "HTTPie --headers with colours" -- GET http://127.0.0.1:62703/api/session Host:$H
    capjq $S body-sanic-409-create-jq-caddy.txt 0/409 app sanic "POST /api/orders with sku and quantity: the app's JSON 409 (duplicate), no number in it" "curl -s | jq ." -- $R -H "$JS" -d '{"sku":"BW-7","quantity":2}' $U/api/orders
    cap $S sanic-400-malformed-caddy.txt 400 app sanic "POST /api/orders with a broken JSON body: the app's JSON 400, passed on" "curl -si" -- -si $R -H "$JS" -d '{"sku":' $U/api/orders
    capvnull $S vnull-sanic-503-export-caddy.txt 503 app sanic "/api/export: the app's own JSON 503 with Retry-After, passed on" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/export
    capbody $S body-sanic-500-boom-caddy.txt 500/500 app sanic "/api/boom raises: Sanic's own 500 page (its text shows 500)" "curl -s" -- $R $U/api/boom
    cap $S sanic-403-audit-caddy.txt 403 app sanic "/api/admin/audit: the app's JSON 403, passed on" "curl -sv" -- -sv $R $U/api/admin/audit
    caphead $S head-caddy-403-internal-sanic.txt 403 proxy caddy "HEAD /internal/: respond 403, Caddy's own (empty)" "curl -sI" -- $R $U/internal/metrics
    capjq $S body-caddy-429-bulk-jq-sanic.txt 0/429 proxy caddy "/api/bulk/: Caddy's own JSON 429, no number in it" "curl -s | jq ." -- $R $U/api/bulk/orders
    cap $S caddy-431-header-sanic.txt 431 proxy caddy "an 8 KB header, max_header_size 4KB: Go's 431 inside Caddy" "curl -si" -- -si $R -H "X-Pad: $PAD" $U/api/orders/1
    capcutn $S cutn-caddy-503-maintenance-sanic.txt 503 proxy caddy "/maintenance/: respond 503, Caddy's own, the status line and 2 headers" "curl -sv, the < status line and 2 headers kept" -- 2 v $R $U/maintenance/
    capwin $S caddy-504-slow-sanic.txt 504 proxy caddy "/api/slow takes 5 s, response_header_timeout 3s: Caddy's empty 504" "curl -si pasted with CRLF" -- -si $R $U/api/slow
    kill_app smew
    capdump $S caddy-502-app-killed-sanic.txt 502 proxy caddy "Sanic killed: Caddy's empty 502" "curl -s -D-" -- $R $U/api/orders/1
    caphead $S head-caddy-502-app-killed-sanic.txt 502 proxy caddy "HEAD while Sanic is down: Caddy's 502" "curl -sI" -- $R $U/api/orders/1
    start_app smew || die "smew did not come back"
fi
# ================================================= HAProxy -> Litestar on Hypercorn ==
if up haproxy; then
    log "capturing: Litestar on Hypercorn behind HAProxy"
    S=litestar-hypercorn-haproxy-r141
    U=http://$H:62704 R="--resolve $H:62704:127.0.0.1"
    capvnull $S vnull-litestar-307-latest-haproxy.txt 307 app litestar "/api/latest: Litestar's redirect, passed on" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/latest
    cap $S litestar-401-account-bearer-haproxy.txt 401 app litestar "/api/account: the app's JSON 401 with its Bearer challenge, passed on" "curl -si" -- -si $R $U/api/account
    capbody $S body-litestar-422-create-haproxy.txt 0/422 app litestar "POST /api/orders with only a sku: the app's JSON 422, no number in it" "curl -s" -- $R -H "$JS" -d '{"sku":"BW-7"}' $U/api/orders
    capcutn $S cutn-litestar-404-order9-haproxy.txt 404 app litestar "order 9: the app's JSON 404, the < status line and 3 headers (a HEAD gave Litestar's 405 on run 1)" "curl -sv, the < status line and 3 headers kept" -- 3 v $R $U/api/orders/9
    capjq $S body-litestar-429-quota-jq-haproxy.txt 0/429 app litestar "/api/quota: the app's JSON 429, no number in it" "curl -s | jq ." -- $R $U/api/quota
    capraw $S litestar-404-no-route-haproxy.txt 404 app litestar "/api/ordres (typo): Litestar's own JSON 404 for an unrouted path" "curl -si saved with its CRs" -- -si $R $U/api/ordres
    capbody $S body-haproxy-403-internal-litestar.txt 403/403 load-balancer haproxy "/internal/: http-request deny, HAProxy's stock 403 (its h1 shows 403)" "curl -s" -- $R $U/internal/metrics
    capcutn $S cutn-haproxy-413-body-litestar.txt 413 load-balancer haproxy "a 2 KB POST, deny_status 413 on Content-Length: HAProxy's 413, the status line and 2 headers" "curl -si, the status line and 2 headers kept" -- 2 i $R -H "$JS" --data-binary @"$RUN/work/big.txt" $U/api/orders
    caphead $S head-haproxy-414-long-url-litestar.txt 414 load-balancer haproxy "HEAD with a 2000-byte query: http-request return status 414, HAProxy's own (empty)" "curl -sI" -- $R "$U/api/orders/1?q=$LONG"
    cap $S haproxy-429-bulk-litestar.txt 429 load-balancer haproxy "/api/bulk/: deny_status 429, HAProxy's stock 429 page" "curl -si" -- -si $R $U/api/bulk/orders
    capbody $S body-haproxy-503-maintenance-litestar.txt 503/503 load-balancer haproxy "/maintenance/: a backend with no server, HAProxy's stock 503 (its h1 shows 503)" "curl -s" -- $R $U/maintenance/
    cap $S haproxy-504-slow-litestar.txt 504 load-balancer haproxy "/api/slow takes 5 s, timeout server 3s: HAProxy's stock 504" "curl -sv" -- -sv $R $U/api/slow
    kill_app scaup
    HTTPIE_CMD=http caphttp $S haproxy-503-app-killed-litestar-httpie.txt 503 load-balancer haproxy "Hypercorn killed: HAProxy's stock 503" "HTTPie -v with colours" -- -v GET http://127.0.0.1:62704/api/orders/1 Host:$H
    caphttph $S httph-haproxy-503-app-killed-litestar.txt 503 load-balancer haproxy "Hypercorn still down: HAProxy's 503" "HTTPie --headers with colours" -- GET http://127.0.0.1:62704/api/session Host:$H
    start_app scaup || die "scaup did not come back"
fi
# ================================================= Varnish -> Litestar on Granian ==
if up varnish; then
    log "capturing: Litestar on Granian behind Varnish"
    S=litestar-granian-varnish-r141
    U=http://$H:62705 R="--resolve $H:62705:127.0.0.1"
    cap $S litestar-200-order-miss-varnish.txt 200 app litestar "order 1, first request: a MISS, the app's answer passed on" "curl -si" -- -si $R $U/api/orders/1
    capvnull $S vnull-varnish-200-order-hit-litestar.txt 200 cdn-cache varnish "order 1 again (max-age=60): a HIT from Varnish's store" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/orders/1
    capbody $S body-litestar-401-session-varnish.txt 0/401 app litestar "/api/session: the app's JSON 401 (no challenge), no number in it" "curl -s" -- $R $U/api/session
    capcutn $S cutn-litestar-401-account-bearer-varnish.txt 401 app litestar "/api/account: the app's 401 with its Bearer challenge, the status line and 3 headers" "curl -si, the status line and 3 headers kept" -- 3 i $R $U/api/account
    capjq $S body-litestar-404-order9-jq-varnish.txt 0/404 app litestar "order 9, first request: the app's JSON 404, no number in it" "curl -s | jq ." -- $R $U/api/orders/9
    capraw $S litestar-409-cancel-varnish.txt 409 app litestar "POST /api/orders/1/cancel: the app's JSON 409, passed on" "curl -si saved with its CRs" -- -si -X POST $R $U/api/orders/1/cancel
    caphead $S head-litestar-503-export-varnish.txt 503 app litestar "HEAD /api/export: the app's 503 with Retry-After (Varnish sends the fetch as GET)" "curl -sI" -- $R $U/api/export
    cap $S litestar-500-boom-varnish.txt 500 app litestar "/api/boom raises: Litestar's own JSON 500, passed on" "curl -si" -- -si $R $U/api/boom
    capbody $S body-varnish-403-internal-litestar.txt 403/403 cdn-cache varnish "/internal/: synth 403, Varnish's guru page (its title shows 403)" "curl -s" -- $R $U/internal/metrics
    caphttph $S httph-varnish-413-body-litestar.txt 413 cdn-cache varnish "a 2 KB POST: synth 413 on Content-Length" "HTTPie --headers with colours" -- --ignore-stdin POST http://127.0.0.1:62705/api/orders Host:$H note=$BIGH
    cap $S varnish-414-long-url-litestar.txt 414 cdn-cache varnish "a 2000-byte query: synth 414" "curl -si" -- -si $R "$U/api/orders/1?q=$LONG"
    capcutr $S cutr-varnish-429-bulk-litestar.txt 429 cdn-cache varnish "/api/bulk/: synth 429, the status line and 3 headers copied with their CRs" "curl -si, status line and 3 headers, CRs kept" -- 3 $R $U/api/bulk/orders
    cap $S varnish-503-slow-litestar.txt 503 cdn-cache varnish "/api/slow takes 5 s, first_byte_timeout 3s: 'Backend fetch failed'" "curl -sv" -- -sv $R $U/api/slow
    kill_app twite
    capbody $S body-varnish-503-app-killed-litestar.txt 503/503 cdn-cache varnish "Granian killed: 'Backend fetch failed' (its title shows 503)" "curl -s" -- $R $U/api/quota
    capvnull $S vnull-varnish-503-app-killed-litestar.txt 503 cdn-cache varnish "Granian still down: Varnish's 503" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/admin/audit
    start_app twite || die "twite did not come back"
fi
# ================================================= Squid -> Litestar on Hypercorn ==
if up squid; then
    log "capturing: Litestar on Hypercorn behind Squid"
    S=litestar-hypercorn-squid-r141
    U=http://$H:62706 R="--resolve $H:62706:127.0.0.1"
    caphttph $S httph-litestar-200-healthz-squid.txt 200 app litestar "/healthz: the app's 200, passed on (Squid's Via)" "HTTPie --headers with colours" -- GET http://127.0.0.1:62706/healthz Host:$H:62706
    cap $S litestar-403-audit-squid.txt 403 app litestar "/api/admin/audit: the app's JSON 403, passed on" "curl -si" -- -si $R $U/api/admin/audit
    capbody $S body-litestar-409-cancel-squid.txt 0/409 app litestar "POST /api/orders/1/cancel: the app's JSON 409, no number in it" "curl -s" -- -X POST $R $U/api/orders/1/cancel
    capvnull $S vnull-litestar-422-create-squid.txt 422 app litestar "POST /api/orders with {}: the app's 422" "curl -sv -o /dev/null, only the < lines kept" -- $R -H "$JS" -d '{}' $U/api/orders
    capjq $S body-litestar-401-account-jq-squid.txt 0/401 app litestar "/api/account: the app's JSON 401 (Bearer challenge in the headers), no number in it" "curl -s | jq ." -- $R $U/api/account
    capcutn $S cutn-litestar-500-boom-squid.txt 500 app litestar "/api/boom: Litestar's own JSON 500, the status line and 3 headers" "curl -si, the status line and 3 headers kept" -- 3 i $R $U/api/boom
    cap $S litestar-429-quota-squid.txt 429 app litestar "/api/quota: the app's JSON 429 with Retry-After, passed on" "curl -si" -- -si $R $U/api/quota
    capbody $S body-squid-403-internal-litestar.txt 0/403 cdn-cache squid "/internal/: http_access deny, Squid's ERR_ACCESS_DENIED page (no number in it)" "curl -s" -- $R $U/internal/metrics
    caphead $S head-squid-403-internal-litestar.txt 403 cdn-cache squid "HEAD /internal/: Squid's ERR_ACCESS_DENIED" "curl -sI" -- $R $U/internal/audit
    cap $S squid-413-body-litestar.txt 413 cdn-cache squid "a 2 KB POST, request_body_max_size 1 KB: Squid's ERR_TOO_BIG" "curl -si" -- -si $R -H "$JS" --data-binary @"$RUN/work/big.txt" $U/api/orders
    capwin $S squid-504-slow-litestar.txt 504 cdn-cache squid "/api/slow takes 5 s, read_timeout 3 seconds: Squid's ERR_READ_TIMEOUT" "curl -si pasted with CRLF" -- -si $R $U/api/slow
    kill_app brant
    cap $S squid-503-app-killed-litestar.txt 503 cdn-cache squid "Hypercorn killed: Squid's ERR_CONNECT_FAIL" "curl -sv" -- -sv $R $U/api/orders/1
    capbody $S body-squid-503-app-killed-litestar.txt 0/503 cdn-cache squid "Hypercorn still down: ERR_CONNECT_FAIL page (no number in it)" "curl -s" -- $R $U/api/session
    capcutn $S cutn-squid-503-app-killed-litestar.txt 503 cdn-cache squid "Hypercorn still down: Squid's 503, the < status line and 3 headers" "curl -sv, the < status line and 3 headers kept" -- 3 v $R $U/api/export
    start_app brant || die "brant did not come back"
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round141/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
