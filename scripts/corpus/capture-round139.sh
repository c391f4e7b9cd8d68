#!/usr/bin/env bash
# capture-round139.sh — build the hundred-and-thirty-ninth held-out evidence
# corpus in tests/fixtures/evidence-round139/.
#
# "HAProxy, Varnish and Squid before common apps, small and quick, a second
# look" (round 122's theme): six setups, two behind each front, each a front
# + app server + framework triple no earlier round's setup list has (checked
# with `grep -h '^setup' tests/fixtures/evidence-round*/labels.toml | sort -u`).
# Apps: round 102's Heron (Quart) and Plover (Bottle) orders APIs, each with
# one 302 route added (apps139/). Front configs in scripts/corpus/conf-round139/:
#   - HAProxy 2.6 (stock errorfiles, unique id) -> Quart on Hypercorn;
#   - HAProxy 2.6 (stock errorfiles, no id, 413 rule) -> Bottle on Waitress;
#   - Varnish 7.1 (builtin VCL, backend, grace 30 s) -> Bottle on Granian (WSGI);
#   - Varnish 7.1 (synthetic JSON errors in VCL) -> Quart on uvicorn;
#   - Squid 5.7 accel (stock error pages) -> Quart on Granian (ASGI);
#   - Squid 5.7 accel (stock error pages) -> Bottle on gunicorn.
# Plain HTTP/1.1 throughout. Helpers are round 130's, unchanged.
#
#   scripts/corpus/capture-round139.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round139.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round139.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60000-61999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers
# elsewhere meanwhile: those are not looked at, and never stopped); every
# curl, HTTPie and wget request runs under `timeout`; every server it started
# is stopped on exit, by process id. Labels are written by finish_round139.py,
# which refuses (and this script then leaves the fixtures as they were) when
# a label's status is not the one on the wire.
set -u -o pipefail


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round139"
RUN=/tmp/api-triage-corpus139-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round139"
APPS102="$HERE/apps102"
APPS139="$HERE/apps139"
VENV=${CORPUS_VENV139:-/tmp/api-triage-corpus139-venv}     # quart, bottle, hypercorn, uvicorn, granian, gunicorn, waitress, httpie
NODE_DIR=${CORPUS_NODE139:-/tmp/api-triage-corpus139-node} # not used this round (no Node app)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 quart==0.22.0 bottle==0.13.5 uvicorn==0.55.0 gunicorn==27.0.1 granian==2.8.9 hypercorn==0.18.0 waitress==3.0.2)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus139 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq haproxy varnish squid python3-venv)
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
    [[ -x $VPY ]] && "$VPY" -c "import httpie, quart, bottle, uvicorn, gunicorn, granian, hypercorn, waitress" 2>/dev/null && return 0
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round139.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS102 && -d $APPS139 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn,varnish,haproxy,squid-heron,squid-plover}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
for p in haproxy varnish squid jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: HAProxy 60391 (Quart) / 60392 (Bottle), Varnish 60393 (Bottle) and
# 60394 (Quart), Squid 60395 (Quart) and 60396 (Bottle). Apps: Quart/Hypercorn
# 60491, Bottle/Waitress 60492, Bottle/Granian 60493, Quart/uvicorn 60494,
# Quart/Granian 60495, Bottle/gunicorn 60496.
TCP_PORTS=(60391 60392 60393 60394 60395 60396 60491 60492 60493 60494 60495 60496)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
PYP="$APPS139:$APPS102"
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    qhyp) start_bg qhyp env PYTHONPATH="$PYP" nice -n 5 "$VPY" -m hypercorn --bind 127.0.0.1:60491 --workers 1 quart139:app
        wait_port 60491 qhyp ;;
    bwait) start_bg bwait env PYTHONPATH="$PYP" BRAND=Plover nice -n 5 "$VPY" -m waitress --listen=127.0.0.1:60492 --threads 4 bottle139:app
        wait_port 60492 bwait ;;
    bgran) start_bg bgran env PYTHONPATH="$PYP" BRAND=Plover nice -n 5 "$VPY" -m granian --interface wsgi --host 127.0.0.1 --port 60493 \
            --workers 1 --working-dir "$APPS139" bottle139:app
        wait_port 60493 bgran ;;
    quvi) start_bg quvi env PYTHONPATH="$PYP" nice -n 5 "$VPY" -m uvicorn --host 127.0.0.1 --port 60494 --workers 1 quart139:app
        wait_port 60494 quvi ;;
    qgran) start_bg qgran env PYTHONPATH="$PYP" nice -n 5 "$VPY" -m granian --interface asgi --host 127.0.0.1 --port 60495 \
            --workers 1 --working-dir "$APPS139" quart139:app
        wait_port 60495 qgran ;;
    bgun) start_bg bgun env PYTHONPATH="$PYP" BRAND=Plover nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:60496 --workers 2 \
            --worker-tmp-dir "$RUN/gunicorn" bottle139:app
        wait_port 60496 bgun ;;
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
for a in qhyp bwait bgran quvi qgran bgun; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
cp "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 60391 haproxy && wait_port 60392 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
cp "$CONF/varnish-default.vcl" "$RUN/varnish/default.vcl"
start_bg varnish-default varnishd -F -a 127.0.0.1:60393 -T none -f "$RUN/varnish/default.vcl" -n "$RUN/varnish/default" -s malloc,16m
wait_port 60393 varnish-default && UP[vdefault]=1
cp "$CONF/varnish-synth.vcl" "$RUN/varnish/synth.vcl"
start_bg varnish-synth varnishd -F -a 127.0.0.1:60394 -T none -f "$RUN/varnish/synth.vcl" -n "$RUN/varnish/synth" -s malloc,16m
wait_port 60394 varnish-synth && UP[vsynth]=1
squid_conf() {  # squid_conf NAME PORT BPORT SITE
    sed -e "s|@RUN@|$RUN|g" -e "s|@NAME@|$1|g" -e "s|@PORT@|$2|g" -e "s|@BPORT@|$3|g" -e "s|@SITE@|$4|g" \
        -e "s|@VHOST@|cache-$1.r139|g" "$CONF/squid.conf" >"$RUN/squid-$1/squid.conf"
}
squid_conf heron 60395 60495 api.heron.test
squid_conf plover 60396 60496 api.plover.test
chown -R proxy: "$RUN/squid-heron" "$RUN/squid-plover" 2>/dev/null || true
start_bg squid-heron squid -N -n corpus139h -f "$RUN/squid-heron/squid.conf"
start_bg squid-plover squid -N -n corpus139p -f "$RUN/squid-plover/squid.conf"
wait_port 60395 squid-heron && UP[sheron]=1
wait_port 60396 squid-plover && UP[splover]=1
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 139 (held out): real responses captured by
# scripts/corpus/capture-round139.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-130:
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
JS='Content-Type: application/json'
HUGEH=$(printf 'h%.0s' $(seq 1 20000))   # a 20 KB header value
BIGQ=$(printf 'q%.0s' $(seq 1 20000))    # a 20 KB query
MIDH=$(printf 'm%.0s' $(seq 1 9000))     # a 9 KB header value
MIDQ=$(printf 'k%.0s' $(seq 1 11000))    # an 11 KB query
VBIGH=$(printf 'v%.0s' $(seq 1 70000))   # a 70 KB header value
head -c 1100000 /dev/zero | tr '\0' 'a' >"$RUN/work/big.bin"
printf "X-Trace: %s\n" "$VBIGH" >"$RUN/work/vbigh.hdr"

# ================================================= HAProxy -> Quart on Hypercorn ==
if up haproxy; then
    log "capturing: Quart on Hypercorn behind HAProxy (unique id)"
    S=quart-hypercorn-haproxy-r139 P=quart
    R="--resolve api.heron.test:60391:127.0.0.1" U=http://api.heron.test:60391
    cap $S quart-200-order-haproxy.txt 200 app $P "order 1: Quart's answer passed on (HAProxy sets X-Request-ID to its unique id)" "curl -si" -- -si $R $U/api/orders/1
    cap $S quart-201-create-haproxy.txt 201 app $P "POST a new order: Quart's 201 with Location, passed on" "" -- -sv $R -H "$JS" -d '{"ref":"OR-2002"}' $U/api/orders
    cap $S quart-302-legacy-haproxy.txt 302 app $P "/api/legacy/orders/1: Quart's redirect() 302, passed on" "curl -si" -- -si $R $U/api/legacy/orders/1
    capraw $S quart-400-bad-id-haproxy.txt 400 app $P "order id 'abc': the handler's JSON 400, passed on" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/orders/abc
    HTTPIE_CMD=http caphttp $S quart-401-account-haproxy-httpie.txt 401 app $P "/api/account: the handler's JSON 401 with WWW-Authenticate, passed on" "HTTPie -v with colours" -- -v GET http://127.0.0.1:60391/api/account Host:api.heron.test:60391
    cap $S quart-403-admin-haproxy.txt 403 app $P "/api/admin: the handler's JSON 403, passed on" "curl -si" -- -si $R $U/api/admin
    cap $S quart-404-no-route-html-haproxy.txt 404 app $P "/api/nope: no route, Quart's (Werkzeug's) HTML 404, passed on" "" -- -sv $R $U/api/nope
    cap $S quart-409-conflict-haproxy.txt 409 app $P "POST ref OR-1001: the handler's JSON 409, passed on" "curl -si" -- -si $R -H "$JS" -d '{"ref":"OR-1001"}' $U/api/orders
    capwin $S quart-422-validation-haproxy.txt 422 app $P "POST without ref: the handler's JSON 422, passed on" "curl -si pasted with CRLF" -- -si $R -H "$JS" -d '{}' $U/api/orders
    cap $S quart-429-quota-haproxy.txt 429 app $P "/api/quota: the handler's JSON 429 with Retry-After, passed on" "curl -si" -- -si $R $U/api/quota
    cap $S quart-500-boom-html-haproxy.txt 500 app $P "/api/boom raises: Quart's HTML 500, passed on" "curl -si" -- -si $R $U/api/boom
    caplt $S quart-503-statements-html-haproxy.txt 503 app $P "/api/statements: the app's own HTML 503 page, passed on" "curl -sv, only the < lines kept" -- -sv $R $U/api/statements
    cap $S haproxy-400-huge-header-quart.txt 400 load-balancer haproxy "a 20 KB header over HAProxy's buffer: its stock 400 errorfile" "curl -si" -- -si $R -H "X-Trace: $HUGEH" $U/api/orders/1
    cap $S haproxy-504-slow-quart.txt 504 load-balancer haproxy "/api/slow takes 5 s, timeout server 3s: HAProxy's stock 504 errorfile" "" -- -sv $R $U/api/slow
    capjq $BO body-quart-404-order9-jq-haproxy.txt 0/404 app $P "order 9: the handler's JSON 404, no status number in it" "curl -s | jq ." -- $R $U/api/orders/9
    kill_app qhyp
    cap $S haproxy-503-app-stopped-quart.txt 503 load-balancer haproxy "Hypercorn killed: HAProxy's stock 503 errorfile after the retry" "curl -si" -- -si $R $U/api/orders/1
    capvnull $HO vnull-haproxy-503-app-stopped-quart.txt 503 load-balancer haproxy "Hypercorn still down: HAProxy's 503" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/orders/2
    start_app qhyp || die "qhyp did not come back"
fi
# ================================================= HAProxy -> Bottle on Waitress ==
if up haproxy; then
    log "capturing: Bottle on Waitress behind HAProxy (no request id)"
    S=bottle-waitress-haproxy-r139 P=bottle
    R="--resolve api.plover.test:60392:127.0.0.1" U=http://api.plover.test:60392
    cap $S bottle-200-order-haproxy.txt 200 app $P "order 1: Bottle's answer passed on (Server: waitress)" "curl -si" -- -si $R $U/api/orders/1
    capraw $S bottle-201-create-haproxy.txt 201 app $P "POST a new order: the handler's 201 with Location, passed on" "curl -si saved to a file (CRs kept)" -- -si $R -H "$JS" -d '{"ref":"OR-2002"}' $U/api/orders
    cap $S bottle-302-legacy-haproxy.txt 302 app $P "/api/legacy/orders/1: bottle.redirect() 302, passed on" "" -- -sv $R $U/api/legacy/orders/1
    cap $S bottle-401-account-haproxy.txt 401 app $P "/api/account: the handler's JSON 401 with WWW-Authenticate, passed on" "curl -si" -- -si $R $U/api/account
    cap $S bottle-404-no-route-html-haproxy.txt 404 app $P "/api/nope: no route, Bottle's HTML 404 page, passed on" "curl -si" -- -si $R $U/api/nope
    cap $S bottle-409-conflict-haproxy.txt 409 app $P "POST ref OR-1001: the handler's JSON 409, passed on" "curl -si" -- -si $R -H "$JS" -d '{"ref":"OR-1001"}' $U/api/orders
    HTTPIE_CMD=http caphttp $S bottle-422-validation-haproxy-httpie.txt 422 app $P "POST without ref: the handler's JSON 422, passed on" "HTTPie -v with colours" -- -v POST http://127.0.0.1:60392/api/orders Host:api.plover.test:60392 note=none
    capdump $S bottle-429-quota-haproxy.txt 429 app $P "/api/quota: the handler's JSON 429 with Retry-After, passed on" "curl -s -D-" -- $R $U/api/quota
    cap $S bottle-500-boom-html-haproxy.txt 500 app $P "/api/boom raises: Bottle's HTML 500 page, passed on" "curl -si" -- -si $R $U/api/boom
    cap $S bottle-503-statements-html-haproxy.txt 503 app $P "/api/statements: the app's own HTML 503 page, passed on" "" -- -sv $R $U/api/statements
    cap $S haproxy-413-big-body-bottle.txt 413 load-balancer haproxy "a 1.1 MB POST, deny_status 413 on Content-Length: HAProxy's built-in 413" "curl -si" -- -si $R -H "$JS" --data-binary @"$RUN/work/big.bin" $U/api/uploads
    cap $S haproxy-400-long-query-bottle.txt 400 load-balancer haproxy "a 20 KB query over HAProxy's buffer: its stock 400 errorfile" "curl -si" -- -si $R "$U/api/orders?q=$BIGQ"
    capwget $S haproxy-504-slow-bottle-wget.txt 504 load-balancer haproxy "/api/slow takes 5 s, timeout server 3s: HAProxy's stock 504 errorfile" "wget -S -O-" -- --header="Host: api.plover.test:60392" http://127.0.0.1:60392/api/slow
    capbody $BO body-bottle-503-statements-html-haproxy.txt 0/503 app $P "/api/statements: the app's own HTML 503 page, its title names no number but its heading says temporarily unavailable (label set to the convention on review: first 503)" "curl -s" -- $R $U/api/statements
    kill_app bwait
    capraw $S haproxy-503-app-stopped-bottle.txt 503 load-balancer haproxy "Waitress killed: HAProxy's stock 503 errorfile after the retry" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/orders/1
    capbody $BO body-haproxy-503-app-stopped-bottle.txt 503/503 load-balancer haproxy "Waitress down: HAProxy's 503 errorfile body (<h1>503 Service Unavailable</h1>)" "curl -s" -- $R $U/api/orders/1
    start_app bwait || die "bwait did not come back"
fi
# ================================================= Varnish (builtin VCL, grace) -> Bottle on Granian ==
if up vdefault; then
    log "capturing: Bottle on Granian behind Varnish (builtin VCL, grace)"
    S=bottle-granian-varnish-r139 P=bottle
    R="--resolve api.plover.test:60393:127.0.0.1" U=http://api.plover.test:60393
    quiet $R $U/api/rates
    cap $S bottle-200-order-miss-varnish.txt 200 app $P "order 1, first request: a MISS, Bottle's answer passed on (Varnish adds Via, X-Varnish, Age)" "curl -si" -- -si $R $U/api/orders/1
    caplt $S varnish-200-order-hit-bottle.txt 200 cdn-cache varnish "order 1 again: a HIT from Varnish's store (Server: still granian)" "curl -sv, only the < lines kept" -- -sv $R $U/api/orders/1
    cap $S varnish-304-order-inm-bottle.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's 304 from its store" "" -- -sv $R -H 'If-None-Match: "or-1-v7"' $U/api/orders/1
    cap $S bottle-201-create-varnish.txt 201 app $P "POST a new order (passed to the backend): the handler's 201, passed on" "curl -si" -- -si $R -H "$JS" -d '{"ref":"OR-2002"}' $U/api/orders
    cap $S bottle-302-legacy-varnish.txt 302 app $P "/api/legacy/orders/1: bottle.redirect() 302, a MISS, passed on" "curl -si" -- -si $R $U/api/legacy/orders/1
    capwin $S bottle-400-bad-id-varnish.txt 400 app $P "order id 'abc': the handler's JSON 400, passed on" "curl -si pasted with CRLF" -- -si $R $U/api/orders/abc
    cap $S bottle-403-admin-varnish.txt 403 app $P "/api/admin: the handler's JSON 403, passed on" "" -- -sv $R $U/api/admin
    cap $S bottle-404-order9-varnish.txt 404 app $P "order 9: the handler's JSON 404 (public, max-age=120), a MISS" "curl -si" -- -si $R $U/api/orders/9
    cap $S bottle-422-validation-varnish.txt 422 app $P "POST without ref: the handler's JSON 422, passed on" "curl -si" -- -si $R -H "$JS" -d '{}' $U/api/orders
    cap $S bottle-500-boom-html-varnish.txt 500 app $P "/api/boom raises: Bottle's HTML 500 page, passed on" "curl -si" -- -si $R $U/api/boom
    capraw $S varnish-400-big-header-bottle.txt 400 cdn-cache varnish "a 9 KB header over http_req_hdr_len: Varnish's bare 400" "curl -si saved to a file (CRs kept)" -- -si $R -H "X-Trace: $MIDH" $U/api/orders/1
    cap $S varnish-503-slow-bottle.txt 503 cdn-cache varnish "/api/slow takes 5 s, first_byte_timeout 3s: the builtin 'Backend fetch failed' page" "curl -si" -- -si $R $U/api/slow
    sleep 1.5
    kill_app bgran
    cap $S varnish-200-rates-grace-bottle.txt 200 cdn-cache varnish "rates expired (max-age=1), Granian killed: grace serves the stale copy" "" -- -sv $R $U/api/rates
    cap $S varnish-503-app-killed-bottle.txt 503 cdn-cache varnish "Granian killed, order 2 never cached: the builtin 'Backend fetch failed' page" "curl -si" -- -si $R $U/api/orders/2
    caphead $HO head-varnish-200-order-hit-killed-bottle.txt 200 cdn-cache varnish "HEAD order 1 while Granian is down: from Varnish's store" "curl -sI" -- $R $U/api/orders/1
    capbody $BO body-bottle-404-order9-hit-varnish.txt 0/404 app $P "order 9 while Granian is down: the kept JSON 404 replayed, no status number in it" "curl -s" -- $R $U/api/orders/9
    start_app bgran || die "bgran did not come back"
fi
# ================================================= Varnish (JSON synth) -> Quart on uvicorn ==
if up vsynth; then
    log "capturing: Quart on uvicorn behind Varnish (JSON synth errors)"
    S=quart-uvicorn-varnish-r139 P=quart
    R="--resolve api.heron.test:60394:127.0.0.1" U=http://api.heron.test:60394
    quiet $R $U/api/rates
    cap $S quart-200-order-miss-varnish.txt 200 app $P "order 1, first request: a MISS, Quart's answer passed on (Server: uvicorn)" "curl -si" -- -si $R $U/api/orders/1
    cap $S varnish-200-order-hit-quart.txt 200 cdn-cache varnish "order 1 again: a HIT from Varnish's store" "" -- -sv $R $U/api/orders/1
    capcut $S varnish-304-order-inm-quart.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's 304 from its store" "curl -si, body cut off after the headers" -- -si $R -H 'If-None-Match: "or-1-v7"' $U/api/orders/1
    cap $S quart-201-create-varnish.txt 201 app $P "POST a new order: Quart's 201, passed on" "curl -si" -- -si $R -H "$JS" -d '{"ref":"OR-2002"}' $U/api/orders
    cap $S quart-302-legacy-varnish.txt 302 app $P "/api/legacy/orders/1: Quart's redirect() 302, passed on" "" -- -sv $R $U/api/legacy/orders/1
    cap $S quart-401-account-varnish.txt 401 app $P "/api/account: the handler's JSON 401, passed on" "curl -si" -- -si $R $U/api/account
    cap $S quart-404-order9-varnish.txt 404 app $P "order 9: the handler's JSON 404, a MISS" "curl -si" -- -si $R $U/api/orders/9
    capraw $S quart-409-conflict-varnish.txt 409 app $P "POST ref OR-1001: the handler's JSON 409, passed on" "curl -si saved to a file (CRs kept)" -- -si $R -H "$JS" -d '{"ref":"OR-1001"}' $U/api/orders
    HTTPIE_CMD=http caphttp $S quart-429-quota-varnish-httpie.txt 429 app $P "/api/quota: the handler's JSON 429 with Retry-After, passed on" "HTTPie -v with colours" -- -v GET http://127.0.0.1:60394/api/quota Host:api.heron.test:60394
    cap $S quart-500-boom-html-varnish.txt 500 app $P "/api/boom raises: Quart's HTML 500, passed on" "curl -si" -- -si $R $U/api/boom
    cap $S quart-503-statements-html-varnish.txt 503 app $P "/api/statements: the app's own HTML 503 page, passed on" "curl -si" -- -si $R $U/api/statements
    cap $S varnish-403-internal-json-quart.txt 403 cdn-cache varnish "/internal/: synth(403) in vcl_recv, the VCL's JSON body" "curl -si" -- -si $R $U/internal/metrics
    cap $S varnish-503-slow-json-quart.txt 503 cdn-cache varnish "/api/slow takes 5 s, first_byte_timeout 3s: vcl_backend_error's JSON 503" "curl -si" -- -si $R $U/api/slow
    cap $S varnish-400-big-header-quart.txt 400 cdn-cache varnish "a 9 KB header over http_req_hdr_len: Varnish's bare 400, written before any VCL runs (run 2 tried a 40 KB query for a 431: Varnish reset the connection, no status; dropped)" "" -- -sv $R -H "X-Trace: $MIDH" $U/api/orders/1
    sleep 1.5
    kill_app quvi
    capwget $S varnish-200-rates-grace-quart-wget.txt 200 cdn-cache varnish "rates expired (max-age=1), uvicorn killed: the builtin 10 s grace serves the stale copy" "wget -S -O-" -- --header="Host: api.heron.test:60394" http://127.0.0.1:60394/api/rates
    cap $S varnish-503-app-killed-json-quart.txt 503 cdn-cache varnish "uvicorn killed, order 2 never cached: vcl_backend_error's JSON 503" "curl -si" -- -si $R $U/api/orders/2
    capbody $BO body-varnish-503-app-killed-json-quart.txt 503/503 cdn-cache varnish "uvicorn down: the VCL's JSON error body, its code field shows 503" "curl -s" -- $R $U/api/orders/3
    caphttph $HO httph-varnish-200-order-hit-killed-quart.txt 200 cdn-cache varnish "order 1 while uvicorn is down: from Varnish's store" "HTTPie --headers with colours" -- GET http://127.0.0.1:60394/api/orders/1 Host:api.heron.test:60394
    start_app quvi || die "quvi did not come back"
fi
# ================================================= Squid -> Quart on Granian ==
if up sheron; then
    log "capturing: Quart on Granian (ASGI) behind Squid"
    S=quart-granian-squid-r139 P=quart
    R="--resolve api.heron.test:60395:127.0.0.1" U=http://api.heron.test:60395
    quiet $R $U/api/rates
    cap $S quart-200-order-miss-squid.txt 200 app $P "order 1, first request: a MISS, Quart's answer passed on (Squid's Via, Server: granian)" "curl -si" -- -si $R $U/api/orders/1
    caplt $S squid-200-order-hit-quart.txt 200 cdn-cache squid "order 1 again: a HIT from Squid's store" "curl -sv, only the < lines kept" -- -sv $R $U/api/orders/1
    cap $S squid-304-order-inm-quart.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's 304 from its store" "" -- -sv $R -H 'If-None-Match: "or-1-v7"' $U/api/orders/1
    cap $S quart-201-create-squid.txt 201 app $P "POST a new order: Quart's 201, passed on" "curl -si" -- -si $R -H "$JS" -d '{"ref":"OR-2002"}' $U/api/orders
    capwin $S quart-302-legacy-squid.txt 302 app $P "/api/legacy/orders/1: Quart's redirect() 302, passed on" "curl -si pasted with CRLF" -- -si $R $U/api/legacy/orders/1
    cap $S quart-400-bad-id-squid.txt 400 app $P "order id 'abc': the handler's JSON 400, passed on" "curl -si" -- -si $R $U/api/orders/abc
    cap $S quart-403-admin-squid.txt 403 app $P "/api/admin: the handler's JSON 403, passed on" "curl -si" -- -si $R $U/api/admin
    cap $S quart-422-validation-squid.txt 422 app $P "POST without ref: the handler's JSON 422, passed on" "" -- -sv $R -H "$JS" -d '{}' $U/api/orders
    cap $S quart-429-quota-squid.txt 429 app $P "/api/quota: the handler's JSON 429, passed on" "curl -si" -- -si $R $U/api/quota
    capraw $S quart-500-boom-html-squid.txt 500 app $P "/api/boom raises: Quart's HTML 500, passed on" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/boom
    cap $S squid-400-long-query-quart.txt 400 cdn-cache squid "an 11 KB query: Squid's ERR_INVALID_URL 400" "curl -si" -- -si $R "$U/api/orders?q=$MIDQ"
    cap $S squid-413-big-body-quart.txt 413 cdn-cache squid "a 1.1 MB POST, request_body_max_size 1 MB: Squid's ERR_TOO_BIG" "curl -si" -- -si $R -H "$JS" --data-binary @"$RUN/work/big.bin" $U/api/uploads
    cap $S squid-504-slow-quart.txt 504 cdn-cache squid "/api/slow takes 5 s, read_timeout 3 s: Squid's ERR_READ_TIMEOUT" "" -- -sv $R $U/api/slow
    sleep 1.5
    kill_app qgran
    cap $S squid-504-rates-stale-quart.txt 504 cdn-cache squid "rates expired (max-age=1), Granian killed: Squid cannot revalidate and sends its own 504 (as round 130 saw)" "curl -si" -- -si $R $U/api/rates
    cap $S squid-503-app-killed-quart.txt 503 cdn-cache squid "Granian killed, order 2 never cached: Squid's ERR_CONNECT_FAIL" "curl -si" -- -si $R $U/api/orders/2
    capcutn $HO cutn-squid-503-app-killed-quart.txt 503 cdn-cache squid "Granian still down: Squid's ERR_CONNECT_FAIL, the status line and first headers" "curl -si, the status line and 4 headers kept" -- 4 i $R $U/api/orders/3
    start_app qgran || die "qgran did not come back"
fi
# ================================================= Squid -> Bottle on gunicorn ==
if up splover; then
    log "capturing: Bottle on gunicorn behind Squid"
    S=bottle-gunicorn-squid-r139 P=bottle
    R="--resolve api.plover.test:60396:127.0.0.1" U=http://api.plover.test:60396
    quiet $R $U/api/rates
    cap $S bottle-200-order-miss-squid.txt 200 app $P "order 1, first request: a MISS, Bottle's answer passed on (Squid's Via, Server: gunicorn)" "curl -si" -- -si $R $U/api/orders/1
    cap $S squid-200-order-hit-bottle.txt 200 cdn-cache squid "order 1 again: a HIT from Squid's store" "curl -si" -- -si $R $U/api/orders/1
    HTTPIE_CMD=http caphttp $S squid-304-order-inm-bottle-httpie.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's 304 from its store" "HTTPie -v with colours" -- -v GET http://127.0.0.1:60396/api/orders/1 Host:api.plover.test:60396 'If-None-Match:"or-1-v7"'
    cap $S bottle-201-create-squid.txt 201 app $P "POST a new order: the handler's 201, passed on" "" -- -sv $R -H "$JS" -d '{"ref":"OR-2002"}' $U/api/orders
    cap $S bottle-302-legacy-squid.txt 302 app $P "/api/legacy/orders/1: bottle.redirect() 302, passed on" "curl -si" -- -si $R $U/api/legacy/orders/1
    cap $S bottle-401-account-squid.txt 401 app $P "/api/account: the handler's JSON 401, passed on" "curl -si" -- -si $R $U/api/account
    capraw $S bottle-404-order9-squid.txt 404 app $P "order 9: the handler's JSON 404, a MISS" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/orders/9
    cap $S bottle-409-conflict-squid.txt 409 app $P "POST ref OR-1001: the handler's JSON 409, passed on" "curl -si" -- -si $R -H "$JS" -d '{"ref":"OR-1001"}' $U/api/orders
    cap $S bottle-429-quota-squid.txt 429 app $P "/api/quota: the handler's JSON 429, passed on" "curl -si" -- -si $R $U/api/quota
    cap $S bottle-503-statements-html-squid.txt 503 app $P "/api/statements: the app's own HTML 503 page, passed on" "" -- -sv $R $U/api/statements
    capjq $BO body-bottle-422-validation-jq-squid.txt 0/422 app $P "POST without ref: the handler's JSON 422, no status number in it" "curl -s | jq ." -- $R -H "$JS" -d '{}' $U/api/orders
    cap $S squid-431-huge-header-bottle.txt 431 cdn-cache squid "a 70 KB header over request_header_max_size: Squid's ERR_TOO_BIG 431" "curl -si" -- -si $R -H @"$RUN/work/vbigh.hdr" $U/api/orders/1
    capcut $S squid-504-slow-bottle.txt 504 cdn-cache squid "/api/slow takes 5 s, read_timeout 3 s: Squid's ERR_READ_TIMEOUT" "curl -si, body cut off after the headers" -- -si $R $U/api/slow
    kill_app bgun
    cap $S squid-503-app-killed-bottle.txt 503 cdn-cache squid "gunicorn killed, order 2 never cached: Squid's ERR_CONNECT_FAIL" "curl -si" -- -si $R $U/api/orders/2
    capbody $BO body-squid-503-app-killed-bottle.txt 0/503 cdn-cache squid "gunicorn down: Squid's ERR_CONNECT_FAIL page, its text shows no status number" "curl -s" -- $R $U/api/orders/3
    caphead $HO head-squid-200-order-hit-killed-bottle.txt 200 cdn-cache squid "HEAD order 1 while gunicorn is down: served from Squid's store" "curl -sI" -- $R $U/api/orders/1
    start_app bgun || die "bgun did not come back"
fi
log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in haproxy vdefault vsynth sheron splover; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round139/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
