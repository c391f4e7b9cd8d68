#!/usr/bin/env bash
# capture-round142.sh — build the hundred-and-forty-second held-out evidence
# corpus in tests/fixtures/evidence-round142/.
#
# "Caddy, Apache and nginx before common apps, small and quick, a second
# look" (round 121's model): six setups, two behind each front, each a front +
# app server + framework triple no earlier round's setup list has (checked
# with `grep -h '^setup' tests/fixtures/evidence-round*/labels.toml | sort -u`).
# Front configs in scripts/corpus/conf-round142/, apps in apps142/ (and
# apps108/flask_app.py):
#   - Caddy 2.6  -> Sanic 25 on Uvicorn (ASGI)        request id, stock errors
#   - Caddy 2.6  -> Flask 3.1 on uWSGI (pyuwsgi)      no id, branded errors
#   - Apache 2.4 -> Sanic 25 on Sanic's own server    request id, stock errors
#   - Apache 2.4 -> plain PHP 8.2 on `php -S`         no id, branded errors
#   - nginx 1.22 -> plain PHP 8.2 on `php -S`         request id, stock errors
#   - nginx 1.22 -> Sanic 25 on Granian (ASGI)        no id, branded errors
# Plain HTTP/1.1 throughout. Helpers are round 130's, unchanged.
#
#   scripts/corpus/capture-round142.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round142.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round142.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60000-61999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers
# meanwhile: those are not looked at, and never stopped); every curl, HTTPie
# and wget request runs under `timeout`; every server it started is stopped
# on exit, by process id. Labels are written by finish_round142.py, which
# refuses (and this script then leaves the fixtures as they were) when a
# label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round142"
RUN=/tmp/api-triage-corpus142-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round142"
APPS108="$HERE/apps108"
APPS142="$HERE/apps142"
VENV=${CORPUS_VENV142:-/tmp/api-triage-corpus142-venv}     # a copy of round 141's (sanic, flask, granian, uvicorn, httpie) plus pyuwsgi
NODE_DIR=${CORPUS_NODE142:-/tmp/api-triage-corpus142-node} # unused this round (no Node app); kept for the helpers
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 sanic==25.12.1 flask==3.1.3 uvicorn==0.55.0 granian==2.8.9 pyuwsgi==2.0.30.post1)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus142 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq nginx apache2 caddy php8.2-cli python3-venv)
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

install_venv() {  # a copy of round 141's venv plus pyuwsgi; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, sanic, flask, uvicorn, granian, pyuwsgi" 2>/dev/null && return 0
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round142.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS108 && -d $APPS142 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,apache/htdocs,nginx/tmp,caddy/data,caddy/config}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
for p in nginx apache2 caddy php8.2-cli jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: Caddy 61501 (Sanic/Uvicorn) and 61502 (Flask/uWSGI), Apache 61503
# (Sanic) and 61504 (PHP), nginx 61505 (PHP) and 61506 (Sanic/Granian).
# Apps: 61601 Sanic on Uvicorn, 61602 Flask on uWSGI, 61603 Sanic's server,
# 61604 and 61605 PHP's built-in server, 61606 Sanic on Granian.
TCP_PORTS=(61501 61502 61503 61504 61505 61506 61601 61602 61603 61604 61605 61606)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    wren) start_bg wren nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS142" sanic_app:app --host 127.0.0.1 --port 61601
        wait_port 61601 wren ;;
    lark) start_bg lark env PYTHONPATH="$APPS108:$APPS142" nice -n 5 "$VPY" "$VENV/bin/uwsgi" --http-socket 127.0.0.1:61602 \
            --module flask_wsgi:app --master --processes 1 --threads 4 --die-on-term
        wait_port 61602 lark ;;
    tern) start_bg tern env PYTHONPATH="$APPS142" nice -n 5 "$VPY" -m sanic sanic_app:app --host 127.0.0.1 --port 61603 --single-process
        wait_port 61603 tern ;;
    culva) start_bg culva env PHP_CLI_SERVER_WORKERS=4 nice -n 5 php -S 127.0.0.1:61604 -t "$APPS142" "$APPS142/orders.php"
        wait_port 61604 culva ;;
    culvn) start_bg culvn env PHP_CLI_SERVER_WORKERS=4 nice -n 5 php -S 127.0.0.1:61605 -t "$APPS142" "$APPS142/orders.php"
        wait_port 61605 culvn ;;
    gran) start_bg gran nice -n 5 "$VPY" -m granian --interface asgi --host 127.0.0.1 --port 61606 --workers 1 \
            --working-dir "$APPS142" sanic_app:app
        wait_port 61606 gran ;;
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
for a in wren lark tern culva culvn gran; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
rconf() { sed -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$CONF|g" "$1" >"$2"; }
rconf "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 61505 nginx && wait_port 61506 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
rconf "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 61503 apache && wait_port 61504 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
rconf "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 61501 caddy && wait_port 61502 caddy && UP[caddy]=1
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 142 (held out): real responses captured by
# scripts/corpus/capture-round142.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-141:
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
LONG=$(printf 'x%.0s' $(seq 1 1500))
PAD=$(printf 'p%.0s' $(seq 1 8000))
PAD2=$(printf 'p%.0s' $(seq 1 1500))
head -c 2048 /dev/zero | tr '\0' 'a' >"$RUN/work/big.txt"

# ================================================= Caddy -> Sanic on Uvicorn ==
if up caddy; then
    log "capturing: Sanic on Uvicorn behind Caddy (request id, stock errors)"
    S=sanic-uvicorn-caddy-r142
    H=api.tidewell.test U=http://api.tidewell.test:61501 R="--resolve api.tidewell.test:61501:127.0.0.1"
    cap $S sanic-200-order-caddy.txt 200 app sanic "order 1: Sanic's JSON, passed on (Caddy adds X-Request-Id)" "curl -si" -- -si $R $U/api/orders/1
    HTTPIE_CMD=http caphttp $S sanic-201-create-caddy-httpie.txt 201 app sanic "POST /api/orders: the app's 201 with Location, passed on" "HTTPie -v with colours" -- -v POST http://127.0.0.1:61501/api/orders Host:$H:61501 sku=TW-88 quantity:=2
    cap $S sanic-302-latest-caddy.txt 302 app sanic "/api/latest: the app's 302 to /api/orders/1, passed on" "curl -si" -- -si $R $U/api/latest
    cap $S sanic-401-account-caddy.txt 401 app sanic "/api/account: the app's JSON 401 with WWW-Authenticate Bearer, passed on" "curl -si" -- -si $R $U/api/account
    caplt $S sanic-403-admin-caddy.txt 403 app sanic "/api/admin: the app's JSON 403, passed on" "curl -sv, only the < lines kept" -- -sv $R $U/api/admin
    capraw $S sanic-405-post-order-caddy.txt 405 app sanic "POST /api/orders/1 (a GET route): Sanic's own 405, passed on" "curl -si saved to a file (CRs kept)" -- -si $R -X POST $U/api/orders/1
    capjq $BO body-sanic-422-create-jq-caddy.txt 0/422 app sanic "POST /api/orders without quantity: the app's JSON 422, no number in it" "curl -s | jq ." -- $R -H "$JS" -d '{"sku":"TW-88"}' $U/api/orders
    capwget $S sanic-429-quota-caddy-wget.txt 429 app sanic "/api/quota: the app's JSON 429 with Retry-After, passed on" "wget -S -O-" -- --header="Host: $H:61501" http://127.0.0.1:61501/api/quota
    cap $S sanic-500-boom-caddy.txt 500 app sanic "/api/boom raises: Sanic's own 500 text page (under Uvicorn), passed on" "curl -si" -- -si $R $U/api/boom
    capdump $S sanic-503-maintenance-caddy.txt 503 app sanic "/api/maintenance: the app's JSON 503 with Retry-After, passed on" "curl -s -D-" -- $R $U/api/maintenance
    cap $S caddy-504-slow-sanic.txt 504 proxy caddy "/api/slow takes 5 s, response_header_timeout 3s: Caddy's empty 504 (with X-Request-Id)" "curl -sv" -- -sv $R $U/api/slow
    capcut $S caddy-431-header-sanic.txt 431 proxy caddy "an 8 KB header, max_header_size 4KB: Go's 431 in Caddy" "curl -si, body cut off after the headers" -- -si $R -H "X-Pad: $PAD" $U/api/orders/1
    cap $S caddy-403-internal-sanic.txt 403 proxy caddy "/internal/: Caddy's error 403, an empty body" "curl -si" -- -si $R $U/internal/metrics
    capvnull $HO vnull-caddy-404-unrouted-sanic.txt 404 proxy caddy "/docs (not routed to the app): Caddy's error 404, empty" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/docs
    kill_app wren
    cap $S caddy-502-app-stopped-sanic.txt 502 proxy caddy "Uvicorn killed: Caddy's empty 502 (with X-Request-Id)" "curl -si" -- -si $R $U/api/orders/1
    start_app wren || die "wren did not come back"

    log "capturing: Flask on uWSGI behind Caddy (no request id, branded errors)"
    S=flask-uwsgi-caddy-r142
    H=api.larkspur.test L=http://api.larkspur.test:61502 RL="--resolve api.larkspur.test:61502:127.0.0.1"
    cap $S flask-200-order-caddy.txt 200 app flask "order 1: Flask's JSON, passed on (the app's own X-Request-ID, none from Caddy)" "curl -si" -- -si $RL $L/api/orders/1
    cap $S flask-201-create-caddy.txt 201 app flask "POST /api/orders with a new ref: the app's 201, passed on" "curl -si" -- -si $RL -H "$JS" -d '{"ref":"LS-2002"}' $L/api/orders
    cap $S flask-308-docs-caddy.txt 308 app flask "/api/docs: Werkzeug's 308 to /api/docs/, passed on" "curl -si" -- -si $RL $L/api/docs
    HTTPIE_CMD=http caphttp $S flask-401-account-caddy-httpie.txt 401 app flask "/api/account: the app's JSON 401 with WWW-Authenticate Bearer, passed on" "HTTPie -v with colours" -- -v GET http://127.0.0.1:61502/api/account Host:$H:61502
    cap $S flask-404-order9-caddy.txt 404 app flask "/api/orders/9: the app's JSON 404, passed on (only a 500 is intercepted)" "curl -si" -- -si $RL $L/api/orders/9
    cap $S flask-405-post-order-caddy.txt 405 app flask "POST /api/orders/1: Flask's HTML 405, passed on" "curl -sv" -- -sv $RL -X POST $L/api/orders/1
    capwin $S flask-409-duplicate-caddy.txt 409 app flask "POST /api/orders with ref LS-1001: the app's JSON 409, passed on" "curl -si pasted with CRLF" -- -si $RL -H "$JS" -d '{"ref":"LS-1001"}' $L/api/orders
    capbody $BO body-flask-429-quota-caddy.txt 0/429 app flask "/api/quota: the app's JSON 429, no status number in it" "curl -s" -- $RL $L/api/quota
    cap $S caddy-500-branded-boom-flask.txt 500 proxy caddy "/api/boom: Flask's HTML 500 intercepted (handle_response) and replaced by Harbourline's branded 5xx page" "curl -si" -- -si $RL $L/api/boom
    cap $S flask-503-maintenance-caddy.txt 503 app flask "/api/maintenance: the app's JSON 503, passed on (only a 500 is intercepted)" "curl -si" -- -si $RL $L/api/maintenance
    cap $S caddy-504-branded-slow-flask.txt 504 proxy caddy "/api/slow takes 5 s: Caddy's 504 as Harbourline's branded 5xx page (handle_errors)" "curl -sv" -- -sv $RL $L/api/slow
    capwget $S caddy-403-branded-internal-flask-wget.txt 403 proxy caddy "/internal/: Caddy's error 403 as Harbourline's branded 4xx page" "wget -S -O-" -- --header="Host: $H:61502" http://127.0.0.1:61502/internal/metrics
    cap $S caddy-404-branded-unrouted-flask.txt 404 proxy caddy "/docs (not routed to the app): Caddy's error 404 as Harbourline's branded 4xx page" "curl -si" -- -si $RL $L/docs
    kill_app lark
    cap $S caddy-502-branded-app-stopped-flask.txt 502 proxy caddy "uWSGI killed: Caddy's 502 as Harbourline's branded 5xx page" "curl -si" -- -si $RL $L/api/orders/1
    capbody $BO body-caddy-502-branded-app-stopped-flask.txt 0/502 proxy caddy "uWSGI still down: the branded 5xx page, no status number in it" "curl -s" -- $RL $L/api/orders/2
    start_app lark || die "lark did not come back"
fi
# ================================================= Apache -> Sanic (Sanic's server) ==
if up apache; then
    log "capturing: Sanic's own server behind Apache (request id, stock errors)"
    S=sanic-apache-r142
    H=api.tidewell.test A=http://api.tidewell.test:61503 RA="--resolve api.tidewell.test:61503:127.0.0.1"
    cap $S sanic-200-order-apache.txt 200 app sanic "order 1: Sanic's JSON, passed on (Apache adds X-Request-Id)" "curl -si" -- -si $RA $A/api/orders/1
    HTTPIE_CMD=http caphttp $S sanic-201-create-apache-httpie.txt 201 app sanic "POST /api/orders: the app's 201 with Location, passed on" "HTTPie -v with colours" -- -v POST http://127.0.0.1:61503/api/orders Host:$H:61503 sku=TW-90 quantity:=1
    cap $S sanic-302-latest-apache.txt 302 app sanic "/api/latest: the app's 302, passed on" "curl -sv" -- -sv $RA $A/api/latest
    capraw $S sanic-401-account-apache.txt 401 app sanic "/api/account: the app's JSON 401 with WWW-Authenticate Bearer, passed on" "curl -si saved to a file (CRs kept)" -- -si $RA $A/api/account
    caplt $S sanic-404-order9-apache.txt 404 app sanic "/api/orders/9: the app's JSON 404, passed on" "curl -sv, only the < lines kept" -- -sv $RA $A/api/orders/9
    cap $S sanic-405-post-order-apache.txt 405 app sanic "POST /api/orders/1: Sanic's own 405, passed on" "curl -si" -- -si $RA -X POST $A/api/orders/1
    capdump $S sanic-422-create-apache.txt 422 app sanic "POST /api/orders without sku: the app's JSON 422, passed on" "curl -s -D-" -- $RA -H "$JS" -d '{"quantity":1}' $A/api/orders
    capwin $S sanic-429-quota-apache.txt 429 app sanic "/api/quota: the app's JSON 429 with Retry-After, passed on" "curl -si pasted with CRLF" -- -si $RA $A/api/quota
    cap $S sanic-500-boom-apache.txt 500 app sanic "/api/boom raises: Sanic's own 500 page (Sanic's server), passed on" "curl -si" -- -si $RA $A/api/boom
    capbody $BO body-sanic-503-maintenance-apache.txt 0/503 app sanic "/api/maintenance: the app's JSON 503, no status number in it" "curl -s" -- $RA $A/api/maintenance
    cap $S apache-502-slow-sanic.txt 502 proxy apache "/api/slow takes 5 s, ProxyTimeout 3: Apache's stock '502 Proxy Error'" "curl -si" -- -si $RA $A/api/slow
    cap $S apache-414-long-url-sanic.txt 414 proxy apache "a 1500-byte path, LimitRequestLine 1024: Apache's stock 414" "curl -si" -- -si $RA "$A/api/orders/1?q=$LONG"
    capcut $S apache-400-long-header-sanic.txt 400 proxy apache "a 1500-byte header, LimitRequestFieldSize 1024: Apache's stock 400" "curl -si, body cut off after the headers" -- -si $RA -H "X-Pad: $PAD2" $A/api/orders/1
    cap $S apache-403-internal-sanic.txt 403 proxy apache "/internal/: Require all denied, Apache's stock 403" "curl -si" -- -si $RA $A/internal/metrics
    HTTPIE_CMD=http caphttp $S apache-404-unrouted-sanic-httpie.txt 404 proxy apache "/docs (not proxied): Apache's stock 404" "HTTPie -v with colours" -- -v GET http://127.0.0.1:61503/docs Host:$H:61503
    kill_app tern
    cap $S apache-503-app-stopped-sanic.txt 503 proxy apache "Sanic killed, retry=0: Apache's stock 503" "curl -si" -- -si $RA $A/api/orders/1
    caphead $HO head-apache-503-app-stopped-sanic.txt 503 proxy apache "HEAD while Sanic is down: Apache's 503" "curl -sI" -- $RA $A/api/orders/1
    start_app tern || die "tern did not come back"

    log "capturing: plain PHP on PHP's built-in server behind Apache (no request id, branded errors)"
    S=plain-php-builtin-apache-r142
    H=api.culverin.test C=http://api.culverin.test:61504 RC="--resolve api.culverin.test:61504:127.0.0.1"
    cap $S php-200-order-apache.txt 200 app php "order 1: the PHP script's JSON, passed on" "curl -si" -- -si $RC $C/api/orders/1
    cap $S php-201-create-apache.txt 201 app php "POST /api/orders: the script's 201 with Location, passed on" "curl -si" -- -si $RC -H "$JS" -d '{"sku":"CV-7","quantity":3}' $C/api/orders
    capwget $S php-302-latest-apache-wget.txt 302 app php "/api/latest: the script's 302, passed on (wget does not follow)" "wget -S -O- --max-redirect=0" -- --max-redirect=0 --header="Host: $H:61504" http://127.0.0.1:61504/api/latest
    cap $S php-401-account-apache.txt 401 app php "/api/account: the script's JSON 401 with WWW-Authenticate Bearer, passed on" "curl -si" -- -si $RC $C/api/account
    capcutn $HO cutn-php-403-admin-apache.txt 403 app php "/api/admin: the script's JSON 403, the status line and 3 headers" "curl -si, the status line and 3 headers kept" -- 3 i $RC $C/api/admin
    cap $S php-404-order9-apache.txt 404 app php "/api/orders/9: the script's JSON 404, passed on (ProxyErrorOverride only for 500)" "curl -si" -- -si $RC $C/api/orders/9
    capraw $S php-405-post-order-apache.txt 405 app php "POST /api/orders/1: the script's JSON 405 with Allow, passed on" "curl -si saved to a file (CRs kept)" -- -si $RC -X POST $C/api/orders/1
    HTTPIE_CMD=http caphttp $S php-422-create-apache-httpie.txt 422 app php "POST /api/orders without quantity: the script's JSON 422, passed on" "HTTPie -v with colours" -- -v POST http://127.0.0.1:61504/api/orders Host:$H:61504 sku=CV-7
    cap $S apache-500-branded-boom-php.txt 500 proxy apache "/api/boom: the script's HTML 500 replaced (ProxyErrorOverride On 500) by Harbourline's branded 5xx page" "curl -si" -- -si $RC $C/api/boom
    capwin $S php-503-maintenance-apache.txt 503 app php "/api/maintenance: the script's JSON 503, passed on (not in ProxyErrorOverride's list)" "curl -si pasted with CRLF" -- -si $RC $C/api/maintenance
    cap $S apache-502-branded-slow-php.txt 502 proxy apache "/api/slow takes 5 s, ProxyTimeout 3: Apache's 502 with Harbourline's branded 5xx page (ErrorDocument)" "curl -sv" -- -sv $RC $C/api/slow
    cap $S apache-403-branded-internal-php.txt 403 proxy apache "/internal/: Require all denied, Harbourline's branded 4xx page (ErrorDocument 403)" "curl -si" -- -si $RC $C/internal/metrics
    cap $S apache-404-branded-unrouted-php.txt 404 proxy apache "/docs (not proxied): Apache's 404 with Harbourline's branded 4xx page" "curl -si" -- -si $RC $C/docs
    capbody $BO body-apache-414-long-url-php.txt 414/414 proxy apache "a 1500-byte path: Apache's stock 414 page (no ErrorDocument for 414), its title shows 414" "curl -s" -- $RC "$C/api/orders/1?q=$LONG"
    kill_app culva
    cap $S apache-503-branded-app-stopped-php.txt 503 proxy apache "PHP's server killed, retry=0: Apache's 503 with Harbourline's branded 5xx page" "curl -si" -- -si $RC $C/api/orders/1
    start_app culva || die "culva did not come back"
fi
# ================================================= nginx -> plain PHP (php -S) ==
if up nginx; then
    log "capturing: plain PHP on PHP's built-in server behind nginx (request id, stock errors)"
    S=plain-php-builtin-nginx-r142
    H=api.culverin.test N=http://api.culverin.test:61505 RN="--resolve api.culverin.test:61505:127.0.0.1"
    cap $S php-200-order-nginx.txt 200 app php "order 1: the PHP script's JSON, passed on (nginx adds X-Request-ID)" "curl -si" -- -si $RN $N/api/orders/1
    cap $S php-201-create-nginx.txt 201 app php "POST /api/orders: the script's 201 with Location, passed on" "curl -sv" -- -sv $RN -H "$JS" -d '{"sku":"CV-9","quantity":1}' $N/api/orders
    caphead $HO head-php-302-latest-nginx.txt 302 app php "HEAD /api/latest: the script's 302, passed on" "curl -sI" -- $RN $N/api/latest
    HTTPIE_CMD=http caphttp $S php-401-account-nginx-httpie.txt 401 app php "/api/account: the script's JSON 401 with WWW-Authenticate Bearer, passed on" "HTTPie -v with colours" -- -v GET http://127.0.0.1:61505/api/account Host:$H:61505
    capraw $S php-404-order9-nginx.txt 404 app php "/api/orders/9: the script's JSON 404, passed on" "curl -si saved to a file (CRs kept)" -- -si $RN $N/api/orders/9
    cap $S php-405-post-order-nginx.txt 405 app php "POST /api/orders/1: the script's JSON 405 with Allow, passed on" "curl -si" -- -si $RN -X POST $N/api/orders/1
    caplt $S php-409-duplicate-nginx.txt 409 app php "POST /api/orders with sku CV-DUP: the script's JSON 409, passed on" "curl -sv, only the < lines kept" -- -sv $RN -H "$JS" -d '{"sku":"CV-DUP","quantity":1}' $N/api/orders
    capwin $S php-429-quota-nginx.txt 429 app php "/api/quota: the script's JSON 429 with Retry-After, passed on" "curl -si pasted with CRLF" -- -si $RN $N/api/quota
    cap $S php-500-boom-html-nginx.txt 500 app php "/api/boom: the script's own HTML 500 page, passed on" "curl -si" -- -si $RN $N/api/boom
    capwget $S php-503-maintenance-nginx-wget.txt 503 app php "/api/maintenance: the script's JSON 503, passed on" "wget -S -O-" -- --header="Host: $H:61505" http://127.0.0.1:61505/api/maintenance
    cap $S nginx-504-slow-php.txt 504 proxy nginx "/api/slow takes 5 s, proxy_read_timeout 3s: nginx's stock 504" "curl -si" -- -si $RN $N/api/slow
    cap $S nginx-413-body-php.txt 413 proxy nginx "a 2 KB POST, client_max_body_size 1k: nginx's stock 413" "curl -si" -- -si $RN -H "$JS" --data-binary @"$RUN/work/big.txt" $N/api/orders
    cap $S nginx-414-long-url-php.txt 414 proxy nginx "a 1500-byte query, large_client_header_buffers 4 1k: nginx's stock 414" "curl -sv" -- -sv $RN "$N/api/orders/1?q=$LONG"
    cap $S nginx-403-internal-php.txt 403 proxy nginx "/internal/: deny all, nginx's stock 403" "curl -si" -- -si $RN $N/internal/metrics
    capbody $BO body-nginx-404-unrouted-php.txt 404/404 proxy nginx "/docs: return 404, nginx's stock 404 page (its title shows 404)" "curl -s" -- $RN $N/docs
    kill_app culvn
    cap $S nginx-502-app-stopped-php.txt 502 proxy nginx "PHP's server killed: nginx's stock 502" "curl -si" -- -si $RN $N/api/orders/1
    start_app culvn || die "culvn did not come back"

    log "capturing: Sanic on Granian behind nginx (no request id, branded errors)"
    S=sanic-granian-nginx-r142
    H=api.tidewell.test T=http://api.tidewell.test:61506 RT="--resolve api.tidewell.test:61506:127.0.0.1"
    cap $S sanic-200-order-nginx.txt 200 app sanic "order 1: Sanic's JSON, passed on (nginx's Server: replaces granian's)" "curl -si" -- -si $RT $T/api/orders/1
    cap $S sanic-201-create-nginx.txt 201 app sanic "POST /api/orders: the app's 201 with Location, passed on" "curl -si" -- -si $RT -H "$JS" -d '{"sku":"TW-91","quantity":4}' $T/api/orders
    cap $S sanic-302-latest-nginx.txt 302 app sanic "/api/latest: the app's 302, passed on" "curl -si" -- -si $RT $T/api/latest
    cap $S sanic-401-account-nginx.txt 401 app sanic "/api/account: the app's JSON 401 with WWW-Authenticate Bearer, passed on" "curl -sv" -- -sv $RT $T/api/account
    HTTPIE_CMD=http caphttph $HO httph-sanic-403-admin-nginx.txt 403 app sanic "/api/admin: the app's JSON 403, passed on" "HTTPie --headers with colours" -- GET http://127.0.0.1:61506/api/admin Host:$H:61506
    cap $S sanic-404-order9-nginx.txt 404 app sanic "/api/orders/9: the app's JSON 404, passed on (the /api/ location intercepts only 500/502/504/413)" "curl -si" -- -si $RT $T/api/orders/9
    capwin $S sanic-422-create-nginx.txt 422 app sanic "POST /api/orders without sku: the app's JSON 422, passed on" "curl -si pasted with CRLF" -- -si $RT -H "$JS" -d '{"quantity":1}' $T/api/orders
    capdump $S sanic-429-quota-nginx.txt 429 app sanic "/api/quota: the app's JSON 429 with Retry-After, passed on" "curl -s -D-" -- $RT $T/api/quota
    cap $S nginx-500-branded-boom-sanic.txt 500 proxy nginx "/api/boom: Sanic's 500 intercepted (proxy_intercept_errors) and replaced by Harbourline's branded 5xx page" "curl -si" -- -si $RT $T/api/boom
    HTTPIE_CMD=http caphttp $S sanic-503-maintenance-nginx-httpie.txt 503 app sanic "/api/maintenance: the app's JSON 503, passed on (503 not intercepted)" "HTTPie -v with colours" -- -v GET http://127.0.0.1:61506/api/maintenance Host:$H:61506
    cap $S nginx-504-branded-slow-sanic.txt 504 proxy nginx "/api/slow takes 5 s: nginx's 504 with Harbourline's branded 5xx page" "curl -sv" -- -sv $RT $T/api/slow
    cap $S nginx-413-branded-body-sanic.txt 413 proxy nginx "a 2 KB POST, client_max_body_size 1k: nginx's 413 with Harbourline's branded 4xx page" "curl -si" -- -si $RT -H "$JS" --data-binary @"$RUN/work/big.txt" $T/api/orders
    cap $S nginx-403-branded-internal-sanic.txt 403 proxy nginx "/internal/: deny all, nginx's 403 with Harbourline's branded 4xx page" "curl -si" -- -si $RT $T/internal/metrics
    capwget $S nginx-404-branded-unrouted-sanic-wget.txt 404 proxy nginx "/docs: return 404, nginx's 404 with Harbourline's branded 4xx page" "wget -S -O-" -- --header="Host: $H:61506" http://127.0.0.1:61506/docs
    kill_app gran
    cap $S nginx-502-branded-app-stopped-sanic.txt 502 proxy nginx "Granian killed: nginx's 502 with Harbourline's branded 5xx page" "curl -si" -- -si $RT $T/api/orders/1
    start_app gran || die "gran did not come back"
fi
log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx apache caddy; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round142/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
