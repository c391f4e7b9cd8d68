#!/usr/bin/env bash
# capture-round161.sh — build the hundred-and-sixty-first held-out evidence
# corpus in tests/fixtures/evidence-round161/.
#
# "The issue's failure classes a fifteenth time, as small teams deploy them":
# round 157's fronts and configs (scripts/corpus/conf-round161/ is
# conf-round157/ with the ports moved to 616xx/617xx, HAProxy's Via token
# changed, Squid dropped) before apps on the app servers small teams use:
#   - nginx 1.22 -> Flask 3.1 on gunicorn 27 (apps157/flask_heron.py);
#   - Apache 2.4 (mod_proxy_http) -> FastAPI 0.165 on uvicorn 0.55 (apps108/fastapi_app.py);
#   - Caddy 2.6 -> Flask 3.1 on gunicorn 27 (apps157/flask_heron.py);
#   - HAProxy 2.6 -> Flask 3.1 on gunicorn 27 (apps157/flask_heron.py);
#   - Varnish 7.1 -> Django 5.2 on gunicorn 27, WSGI (apps130/django_wsgi.py serving apps113/django_app.py).
# Every front + app server + framework triple the theme allows had been used
# before (checked with `grep -h '^setup' tests/fixtures/evidence-round*/labels.toml
# | sort -u`): these are reused pairings with a different app or config.
# Plain HTTP/1.1 throughout. Helpers are round 157's, unchanged.
#
#   scripts/corpus/capture-round161.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round161.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round161.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 61601-61615 and 61701-61705), and the script stops if a socket held by one
# of its own processes listens anywhere else or outside 60000-61999 (another
# helper runs its own servers meanwhile: those are not looked at, and never
# stopped); every curl, HTTPie and wget request runs under `timeout`; every
# server it started is stopped on exit, by process id. Labels are written by
# finish_round161.py, which refuses (and this script then leaves the fixtures
# as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round161"
RUN=/tmp/api-triage-corpus161-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round161"
APPS102="$HERE/apps102"
APPS108="$HERE/apps108"
APPS113="$HERE/apps113"
APPS130="$HERE/apps130"
APPS157="$HERE/apps157"
VENV=${CORPUS_VENV161:-/tmp/api-triage-corpus161-venv}     # a copy of round 157's (django, flask, fastapi, gunicorn, uvicorn, httpie)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 django==5.2.19 flask==3.1.3 fastapi==0.165.0 gunicorn==27.0.1 uvicorn==0.55.0)
GUNICORN="$VENV/bin/gunicorn"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus161 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq nginx apache2 caddy haproxy varnish python3-venv)
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

install_venv() {  # a copy of round 157's venv; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, django, flask, fastapi, gunicorn, uvicorn" 2>/dev/null && return 0
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round161.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS102 && -d $APPS108 && -d $APPS113 && -d $APPS130 && -d $APPS157 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn,varnish,haproxy,apache,nginx/tmp,caddy/data,caddy/config}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"

for p in nginx apache2 caddy haproxy varnish jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: nginx 61601 (Flask), Apache 61602 (FastAPI), Caddy 61603/61613
# (Flask), HAProxy 61604/61614 (Flask), Varnish 61605/61615 (Django). Apps:
# Flask/gunicorn 61701, FastAPI/uvicorn 61702, Flask/gunicorn 61703,
# Flask/gunicorn 61704, Django/gunicorn 61705.
TCP_PORTS=(61601 61602 61603 61604 61605 61613 61614 61615 61701 61702 61703 61704 61705)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
start_app() {  # start_app NAME: start it and wait for its port (gunicorn from the copied venv, as `python -m`)
    case $1 in
    heron) start_bg heron env PYTHONPATH="$APPS157:$APPS102" nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:61701 --workers 2 \
            --timeout 30 --pid "$RUN/gunicorn/heron.pid" flask_heron:app
        wait_port 61701 heron ;;
    tarn) start_bg tarn env PYTHONPATH="$APPS108" nice -n 5 "$VPY" -m uvicorn --host 127.0.0.1 --port 61702 fastapi_app:app
        wait_port 61702 tarn ;;
    wren) start_bg wren env PYTHONPATH="$APPS157:$APPS102" nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:61703 --workers 2 \
            --timeout 30 flask_heron:app
        wait_port 61703 wren ;;
    flask) start_bg flask env PYTHONPATH="$APPS157:$APPS102" nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:61704 --workers 2 \
            --timeout 30 flask_heron:app
        wait_port 61704 flask ;;
    kestrel) start_bg kestrel env PYTHONPATH="$APPS130:$APPS113" nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:61705 --workers 2 \
            --timeout 30 django_wsgi:application
        wait_port 61705 kestrel ;;
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
for a in heron tarn wren flask kestrel; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
rconf() { sed -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$CONF|g" "$1" >"$2"; }
rconf "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 61601 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
rconf "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 61602 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
rconf "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 61603 caddy && wait_port 61613 caddy && UP[caddy]=1
rconf "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 61604 haproxy && wait_port 61614 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
cp "$CONF/varnish.vcl" "$RUN/varnish/r161.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:61605 -a 127.0.0.1:61615 \
    -T none -f "$RUN/varnish/r161.vcl" -n "$RUN/varnish/r161" -s malloc,16m
wait_port 61605 varnish && wait_port 61615 varnish && UP[varnish]=1
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 161 (held out): real responses captured by
# scripts/corpus/capture-round161.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-156:
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
LM='Mon, 02 Jun 2025 08:00:00 GMT'
LONG=$(printf 'x%.0s' $(seq 1 1500))
LONGQ=$(printf 'q%.0s' $(seq 1 9000))
PAD=$(printf 'p%.0s' $(seq 1 8000))  # run 1 sent 3000 bytes: Go allows 4 KB over max_header_size, Caddy passed it on
head -c 2048 /dev/zero | tr '\0' 'a' >"$RUN/work/big.txt"

# ================================================= nginx -> Flask on gunicorn ==
if up nginx; then
    log "capturing: Flask on gunicorn behind nginx"
    S=flask-gunicorn-heron-nginx-r161
    H=api.corvid.test C=http://api.corvid.test:61601 RC="--resolve api.corvid.test:61601:127.0.0.1"
    cap $S flask-200-order-nginx.txt 200 app flask "order 1: Flask's answer passed on (nginx adds a Via line; its Server: replaces gunicorn's)" "curl -si" -- -si $RC $C/api/orders/1
    cap $S flask-400-order-abc-nginx.txt 400 app flask "order 'abc': the handler's JSON 400, passed on" "curl -si" -- -si $RC $C/api/orders/abc
    capwin $S flask-401-account-nginx.txt 401 app flask "/api/account: the handler's JSON 401 with WWW-Authenticate Bearer, passed on" "curl -si pasted with CRLF" -- -si $RC $C/api/account
    cap $S flask-404-no-route-html-nginx.txt 404 app flask "/api/nope: no route, Flask's (Werkzeug's) HTML 404, passed on" "curl -si" -- -si $RC $C/api/nope
    cap $S flask-405-account-delete-nginx.txt 405 app flask "DELETE /api/account: Flask's HTML 405 with Allow, passed on" "curl -si" -- -si $RC -X DELETE $C/api/account
    caplt $S flask-500-boom-html-nginx.txt 500 app flask "/api/boom raises: Flask's HTML 500, passed on" "curl -sv, only the < lines kept" -- -sv $RC $C/api/boom
    cap $S flask-502-payments-html-nginx.txt 502 app flask "/api/payments: the app's own HTML 502 page about its payment provider, passed on" "curl -si" -- -si $RC $C/api/payments
    capraw $S flask-504-tracking-html-nginx.txt 504 app flask "/api/tracking/7: the app's own HTML 504 page about the carrier, passed on" "curl -si saved to a file (CRs kept)" -- -si $RC $C/api/tracking/7
    cap $S nginx-429-export-json-flask.txt 429 proxy nginx "/api/export: nginx's own JSON 429 (return 429 with default_type application/json)" "curl -si" -- -si $RC $C/api/export
    cap $S nginx-503-reports-maintenance-json-flask.txt 503 proxy nginx "/api/reports/: nginx's own JSON maintenance 503 with Retry-After" "curl -si" -- -si $RC $C/api/reports/daily
    cap $S nginx-413-upload-flask.txt 413 proxy nginx "a 2 KB POST to /api/uploads, client_max_body_size 1k: nginx's stock 413 (the app never sees it)" "curl -si" -- -si $RC -H 'Content-Type: application/octet-stream' --data-binary @"$RUN/work/big.txt" $C/api/uploads
    cap $S nginx-404-unrouted-flask.txt 404 proxy nginx "/v2/orders/1: no location matches, nginx's stock 404 from its own root" "curl -si" -- -si $RC $C/v2/orders/1
    cap $S nginx-504-slow-flask.txt 504 proxy nginx "/api/slow takes 5 s, proxy_read_timeout 3s: nginx's stock 504" "curl -si" -- -si $RC $C/api/slow
    cap $S nginx-404-shop-branded-flask.txt 404 proxy nginx "/shop/orders/9: the app's JSON 404 intercepted, nginx serves Northwind's branded 404 page" "curl -si" -- -si $RC $C/shop/orders/9
    capbody $BO body-flask-503-statements-html-nginx.txt 0/503 app flask "/api/statements: the app's own HTML 503 page; its text shows no status number" "curl -s" -- $RC $C/api/statements
    kill_app heron
    cap $S nginx-502-app-stopped-flask.txt 502 proxy nginx "gunicorn killed: nginx's stock 502" "curl -si" -- -si $RC $C/api/orders/1
    capvnull $HO vnull-nginx-502-app-stopped-flask.txt 502 proxy nginx "gunicorn still down: nginx's 502" "curl -sv -o /dev/null, only the < lines kept" -- $RC $C/api/orders/2
    start_app heron || die "heron did not come back"
fi
# ================================================= Apache -> FastAPI on uvicorn ==
if up apache; then
    log "capturing: FastAPI on uvicorn behind Apache"
    S=fastapi-uvicorn-quillon-apache-r161
    H=api.fernhill.test Q=http://api.fernhill.test:61602 RQ="--resolve api.fernhill.test:61602:127.0.0.1"
    cap $S fastapi-200-order-apache.txt 200 app fastapi "order 1: FastAPI's answer passed on (Apache adds X-Request-Id and Via)" "curl -si" -- -si $RQ $Q/api/orders/1
    cap $S fastapi-400-order-abc-apache.txt 400 app fastapi "order 'abc': the handler's {\"detail\"} JSON 400, passed on" "curl -si" -- -si $RQ $Q/api/orders/abc
    HTTPIE_CMD=http caphttp $S fastapi-401-account-apache-httpie.txt 401 app fastapi "/api/account: the handler's JSON 401 with WWW-Authenticate Bearer, passed on" "HTTPie -v with colours" -- -v GET http://127.0.0.1:61602/api/account Host:$H:61602
    cap $S fastapi-403-admin-apache.txt 403 app fastapi "/api/admin: the handler's JSON 403, passed on" "curl -si" -- -si $RQ $Q/api/admin
    cap $S fastapi-404-no-route-json-apache.txt 404 app fastapi "/api/nope: FastAPI's JSON {\"detail\":\"Not Found\"}, passed on" "curl -si" -- -si $RQ $Q/api/nope
    cap $S fastapi-409-order-post-apache.txt 409 app fastapi "POST /api/orders with an existing ref: the handler's JSON 409, passed on" "curl -si" -- -si $RQ -H 'Content-Type: application/json' -d '{"ref":"QN-1001"}' $Q/api/orders
    capwin $S fastapi-422-order-post-apache.txt 422 app fastapi "POST /api/orders without ref: FastAPI's own validation 422, passed on" "curl -si pasted with CRLF" -- -si $RQ -H 'Content-Type: application/json' -d '{}' $Q/api/orders
    cap $S fastapi-500-boom-text-apache.txt 500 app fastapi "/api/boom raises: the plain 'Internal Server Error' of FastAPI's (Starlette's) error middleware, passed on" "curl -si" -- -si $RQ $Q/api/boom
    cap $S fastapi-502-payments-html-apache.txt 502 app fastapi "/api/payments: the app's own HTML 502 page about its payment provider, passed on" "curl -sv" -- -sv $RQ $Q/api/payments
    capraw $S fastapi-503-statements-html-apache.txt 503 app fastapi "/api/statements: the app's own HTML 503 page, passed on" "curl -si saved to a file (CRs kept)" -- -si $RQ $Q/api/statements
    cap $S apache-429-export-json-fastapi.txt 429 proxy apache "/api/export: RewriteRule R=429 with a JSON ErrorDocument, Apache's own answer" "curl -si" -- -si $RQ $Q/api/export
    cap $S apache-503-reports-maintenance-json-fastapi.txt 503 proxy apache "/api/reports/: RewriteRule R=503 with a JSON maintenance ErrorDocument" "curl -si" -- -si $RQ $Q/api/reports/daily
    cap $S apache-403-internal-fastapi.txt 403 proxy apache "/internal/: Require all denied, Apache's stock 403" "curl -si" -- -si $RQ $Q/internal/metrics
    cap $S apache-502-slow-fastapi.txt 502 proxy apache "/api/slow takes 5 s, ProxyTimeout 3: Apache's stock '502 Proxy Error'" "curl -si" -- -si $RQ $Q/api/slow
    cap $S apache-414-long-uri-fastapi.txt 414 proxy apache "a 9000-byte query string (LimitRequestLine 8190 by default): Apache's stock 414" "curl -si" -- -si $RQ "$Q/api/orders/1?q=$LONGQ"
    cap $S apache-404-shop-branded-fastapi.txt 404 proxy apache "/shop/orders/9: the app's 404 replaced (ProxyErrorOverride) by Northwind's branded 404 page" "curl -si" -- -si $RQ $Q/shop/orders/9
    capjq $BO body-fastapi-404-order9-jq-apache.txt 0/404 app fastapi "order 9: the handler's {\"detail\"} JSON (no status number)" "curl -s | jq ." -- $RQ $Q/api/orders/9
    kill_app tarn
    cap $S apache-503-app-stopped-fastapi.txt 503 proxy apache "uvicorn killed, retry=0: Apache's stock 503" "curl -si" -- -si $RQ $Q/api/orders/1
    caphead $HO head-apache-503-app-stopped-fastapi.txt 503 proxy apache "HEAD while uvicorn is down: Apache's 503" "curl -sI" -- $RQ $Q/api/orders/1
    start_app tarn || die "tarn did not come back"
fi
# ================================================= Caddy -> Flask on gunicorn ==
if up caddy; then
    log "capturing: Flask on gunicorn behind Caddy"
    S=flask-gunicorn-heron-caddy-r161
    H=api.fernhill.test F=http://api.fernhill.test:61603 RF="--resolve api.fernhill.test:61603:127.0.0.1"
    FB=http://api.fernhill.test:61613 RFB="--resolve api.fernhill.test:61613:127.0.0.1"
    cap $S flask-200-order-caddy.txt 200 app flask "order 1: Flask's answer passed on (Caddy adds X-Request-ID and Via)" "curl -si" -- -si $RF $F/api/orders/1
    cap $S flask-401-account-caddy.txt 401 app flask "/api/account: the handler's JSON 401 with WWW-Authenticate Bearer, passed on" "curl -si" -- -si $RF $F/api/account
    HTTPIE_CMD=http caphttp $S flask-403-admin-caddy-httpie.txt 403 app flask "/api/admin: the handler's JSON 403, passed on" "HTTPie -v with colours" -- -v GET http://127.0.0.1:61603/api/admin Host:$H:61603
    cap $S flask-409-order-post-caddy.txt 409 app flask "POST /api/orders with an existing ref: the handler's JSON 409, passed on" "curl -si" -- -si $RF -H 'Content-Type: application/json' -d '{"ref":"OR-1001"}' $F/api/orders
    capraw $S flask-503-statements-html-caddy.txt 503 app flask "/api/statements: the app's own HTML 503 page, passed on" "curl -si saved to a file (CRs kept)" -- -si $RF $F/api/statements
    cap $S flask-504-tracking-html-caddy.txt 504 app flask "/api/tracking/3: the app's own HTML 504 page, passed on" "curl -si" -- -si $RF $F/api/tracking/3
    cap $S caddy-429-export-json-flask.txt 429 proxy caddy "/api/export: Caddy's own JSON 429 (respond)" "curl -si" -- -si $RF $F/api/export
    capwin $S caddy-503-reports-maintenance-json-flask.txt 503 proxy caddy "/api/reports/: Caddy's own JSON maintenance 503 with Retry-After" "curl -si pasted with CRLF" -- -si $RF $F/api/reports/daily
    cap $S caddy-410-legacy-empty-flask.txt 410 proxy caddy "/api/legacy/: respond 410, an empty body (the app has no such route)" "curl -sv" -- -sv $RF $F/api/legacy/orders/1
    cap $S caddy-504-slow-flask.txt 504 proxy caddy "/api/slow takes 5 s, response_header_timeout 3s: Caddy's empty 504" "curl -si" -- -si $RF $F/api/slow
    cap $S caddy-502-branded-payments-flask.txt 502 proxy caddy "branded site: the app's HTML 502 replaced by Northwind's branded 5xx page" "curl -si" -- -si $RFB $FB/api/payments
    capbody $BO body-flask-401-account-caddy.txt 0/401 app flask "/api/account: the handler's JSON, no status number in it" "curl -s" -- $RF $F/api/account
    kill_app wren
    cap $S caddy-502-app-stopped-flask.txt 502 proxy caddy "gunicorn killed: Caddy's empty 502" "curl -si" -- -si $RF $F/api/orders/1
    capdump $S caddy-502-branded-app-stopped-flask.txt 502 proxy caddy "branded site while gunicorn is down: handle_errors serves Northwind's branded 5xx page" "curl -s -D-" -- $RFB $FB/api/orders/1
    capcutn $HO cutn-caddy-502-app-stopped-flask.txt 502 proxy caddy "gunicorn still down: Caddy's empty 502, the status line and first headers" "curl -si, the status line and 3 headers kept" -- 3 i $RF $F/api/orders/2
    start_app wren || die "wren did not come back"
fi
# ================================================= HAProxy -> Flask on gunicorn ==
if up haproxy; then
    log "capturing: Flask on gunicorn behind HAProxy"
    S=flask-gunicorn-heron-haproxy-r161
    H=api.mossgate.test L=http://api.mossgate.test:61604 RL="--resolve api.mossgate.test:61604:127.0.0.1"
    LB=http://api.mossgate.test:61614 RLB="--resolve api.mossgate.test:61614:127.0.0.1"
    cap $S flask-200-order-haproxy.txt 200 app flask "order 1: Flask's answer passed on (HAProxy adds X-Request-ID and Via)" "curl -si" -- -si $RL $L/api/orders/1
    cap $S flask-401-account-haproxy.txt 401 app flask "/api/account: the handler's JSON 401 with WWW-Authenticate Bearer, passed on" "curl -si" -- -si $RL $L/api/account
    cap $S flask-409-order-post-haproxy.txt 409 app flask "POST /api/orders with an existing ref: the handler's JSON 409, passed on" "curl -si" -- -si $RL -H 'Content-Type: application/json' -d '{"ref":"OR-1001"}' $L/api/orders
    capwin $S flask-422-order-post-haproxy.txt 422 app flask "POST /api/orders without ref: the handler's JSON 422, passed on" "curl -si pasted with CRLF" -- -si $RL -H 'Content-Type: application/json' -d '{}' $L/api/orders
    cap $S flask-405-account-delete-haproxy.txt 405 app flask "DELETE /api/account: Flask's (Werkzeug's) HTML 405, passed on" "curl -si" -- -si $RL -X DELETE $L/api/account
    cap $S flask-500-boom-html-haproxy.txt 500 app flask "/api/boom raises: Flask's HTML 500, passed on" "curl -si" -- -si $RL $L/api/boom
    capraw $S flask-502-payments-html-haproxy.txt 502 app flask "/api/payments: the app's own HTML 502 page, passed on" "curl -si saved to a file (CRs kept)" -- -si $RL $L/api/payments
    caplt $S flask-503-statements-html-haproxy.txt 503 app flask "/api/statements: the app's own HTML 503 page, passed on" "curl -sv, only the < lines kept" -- -sv $RL $L/api/statements
    cap $S haproxy-429-export-json-flask.txt 429 load-balancer haproxy "/api/export: http-request return, HAProxy's own JSON 429" "curl -si" -- -si $RL $L/api/export
    cap $S haproxy-503-reports-maintenance-json-flask.txt 503 load-balancer haproxy "/api/reports/: http-request return, HAProxy's own JSON maintenance 503" "curl -si" -- -si $RL $L/api/reports/daily
    cap $S haproxy-504-slow-flask.txt 504 load-balancer haproxy "/api/slow takes 5 s, timeout server 3s: HAProxy's stock 504" "curl -si" -- -si $RL $L/api/slow
    cap $S haproxy-504-edge-json-slow-flask.txt 504 load-balancer haproxy "/edge/slow: errorfiles json, HAProxy's own JSON 504" "curl -sv" -- -sv $RL $L/edge/slow
    cap $S haproxy-404-branded-order9-flask.txt 404 load-balancer haproxy "branded frontend: the app's 404 replaced (http-response return) by Northwind's branded 404 page" "curl -si" -- -si $RLB $LB/api/orders/9
    capjq $BO body-flask-422-order-post-jq-haproxy.txt 0/422 app flask "POST /api/orders without ref: the handler's JSON (no status number)" "curl -s | jq ." -- $RL -H 'Content-Type: application/json' -d '{}' $L/api/orders
    kill_app flask
    cap $S haproxy-503-app-stopped-flask.txt 503 load-balancer haproxy "gunicorn killed: HAProxy's stock 503 after the retry" "curl -si" -- -si $RL $L/api/orders/1
    capwget $S haproxy-503-edge-json-stopped-flask-wget.txt 503 load-balancer haproxy "/edge/ while gunicorn is down: errorfiles json, HAProxy's own JSON 503" "wget -S -O-" -- --header="Host: $H:61604" http://127.0.0.1:61604/edge/orders/1
    capbody $BO body-haproxy-503-edge-json-stopped-flask.txt 0/503 load-balancer haproxy "/edge/ while gunicorn is down: HAProxy's JSON 503 body" "curl -s" -- $RL $L/edge/orders/2
    start_app flask || die "flask did not come back"
fi
# ================================================= Varnish -> Django on gunicorn ==
if up varnish; then
    log "capturing: Django on gunicorn (WSGI) behind Varnish"
    S=django-gunicorn-kestrel-varnish-r161
    H=api.kestrel.test K=http://api.kestrel.test:61605 RK="--resolve api.kestrel.test:61605:127.0.0.1"
    KB=http://api.kestrel.test:61615 RKB="--resolve api.kestrel.test:61615:127.0.0.1"
    quiet $RK $K/api/rates
    cap $S django-200-ticket-miss-varnish.txt 200 app django "ticket 1, first request: a MISS, Django's answer passed on (Varnish's Via)" "curl -si" -- -si $RK $K/api/tickets/1
    caplt $S varnish-200-ticket-hit-django.txt 200 cdn-cache varnish "ticket 1 again: a HIT from Varnish's store" "curl -sv, only the < lines kept" -- -sv $RK $K/api/tickets/1
    cap $S varnish-304-ticket-inm-django.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's 304 from its store" "curl -sv" -- -sv $RK -H 'If-None-Match: "kt-t1-v4"' $K/api/tickets/1
    cap $S django-401-me-varnish.txt 401 app django "/api/me: the view's JSON 401 with WWW-Authenticate Bearer, passed on" "curl -si" -- -si $RK $K/api/me
    cap $S django-404-ticket9-miss-varnish.txt 404 app django "ticket 9, first request: the view's JSON 404 (public, max-age=120), a MISS" "curl -si" -- -si $RK $K/api/tickets/9
    cap $S django-404-ticket9-hit-varnish.txt 404 app django "ticket 9 again: the app's 404 kept by Varnish and replayed as a HIT" "curl -si" -- -si $RK $K/api/tickets/9
    capwin $S django-404-no-route-html-varnish.txt 404 app django "/api/nope: no URL pattern, DEBUG off: Django's HTML 'Not Found', passed on" "curl -si pasted with CRLF" -- -si $RK $K/api/nope
    cap $S django-500-boom-json-varnish.txt 500 app django "/api/boom: the view's own JSON 500, passed on" "curl -si" -- -si $RK $K/api/boom
    cap $S django-502-payments-html-varnish.txt 502 app django "/api/payments: the view's own HTML 502 page, passed on" "curl -sv" -- -sv $RK $K/api/payments
    cap $S django-504-reports-html-varnish.txt 504 app django "/api/reports: the view's own HTML 504 page, passed on" "curl -si" -- -si $RK $K/api/reports
    cap $S varnish-429-export-json-django.txt 429 cdn-cache varnish "/api/export: a JSON synth 429 written in VCL" "curl -si" -- -si $RK $K/api/export
    cap $S varnish-503-reports-maintenance-json-django.txt 503 cdn-cache varnish "/api/reports/: a JSON maintenance synth 503 written in VCL" "curl -si" -- -si $RK $K/api/reports/daily
    cap $S varnish-503-branded-slow-django.txt 503 cdn-cache varnish "branded port: the same timeout, Northwind's branded page from vcl_backend_error" "curl -si" -- -si $RKB $KB/api/slow
    sleep 2.5
    kill_app kestrel
    cap $S varnish-200-rates-grace-django.txt 200 cdn-cache varnish "rates expired (max-age=2), gunicorn killed: grace serves the stale copy" "curl -sv" -- -sv $RK $K/api/rates
    cap $S varnish-503-app-killed-django.txt 503 cdn-cache varnish "gunicorn killed, ticket 2 never cached: Varnish's 'Backend fetch failed'" "curl -si" -- -si $RK $K/api/tickets/2
    caphttph $HO httph-varnish-200-ticket-hit-django.txt 200 cdn-cache varnish "ticket 1 while Django is down: from Varnish's store" "HTTPie --headers with colours" -- GET http://127.0.0.1:61605/api/tickets/1 Host:$H:61605
    capbody $BO body-django-404-ticket9-hit-varnish.txt 404/404 app django "ticket 9 while gunicorn is down: the kept JSON 404 replayed, its status field shows 404" "curl -s" -- $RK $K/api/tickets/9
    start_app kestrel || die "kestrel did not come back"
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round161/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
