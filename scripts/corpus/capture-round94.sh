#!/usr/bin/env bash
# capture-round94.sh — build the ninety-fourth held-out evidence corpus in
# tests/fixtures/evidence-round94/.
#
# "Mainstream Python a third look, pasted in part at night": six front + app
# pairings of Python apps that did not stand together in rounds 83 to 92
# (front configs in scripts/corpus/conf-round94/):
#   - nginx (proxy_pass) -> Starlette 1.10 on uvicorn (apps75/starlette_app.py);
#   - Apache mod_proxy_http -> aiohttp 3.14's own server (apps80/aiohttp_app.py);
#   - Caddy reverse_proxy -> Litestar 2.25 on uvicorn (apps75/litestar_app.py);
#   - HAProxy -> the same aiohttp app under gunicorn's aiohttp worker
#     (apps94/aiohttp_gunicorn.py);
#   - Squid (accelerator) -> Flask 3.1 under waitress (apps91/flask_app.py);
#   - Varnish -> Starlette 1.10 on uvicorn (apps75/starlette_app.py).
# What is new is how the answers are kept (round 76's forms): about a third
# whole (`curl -sv`, `curl -si`, saved with CRs, CRLF, HTTPie -v, wget -S,
# `curl -s -D-`), a third body only (`curl -s`, `curl -s | jq .`, `curl -s
# -w '%{http_code}'`), a third headers only or cut (`curl -sI`, `curl -sv -o
# /dev/null` with the `<` lines, HTTPie --headers, the status line and a few
# headers with no command line). Plain HTTP/1.1.
#
#   scripts/corpus/capture-round94.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round94.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round94.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 58500-58999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers in
# 58000-58499 meanwhile: those are not looked at, and never stopped); every
# curl, HTTPie and wget request runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round94.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the
# wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round94"
RUN=/tmp/api-triage-corpus94-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round94"
APPS80="$HERE/apps80"
APPS91="$HERE/apps91"
APPS94="$HERE/apps94"
APPS75="$HERE/apps75"
VENV=${CORPUS_VENV94:-/tmp/api-triage-corpus94-venv}        # a copy of round 92's
VENV_LS=${CORPUS_VENV94LS:-/tmp/api-triage-corpus94-venv75}  # a copy of round 75's (Litestar)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
LPY="$VENV_LS/bin/python"
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 starlette==1.10.0 uvicorn==0.55.0 aiohttp==3.14.5 gunicorn==27.0.1 flask==3.1.3 waitress==3.0.2)
PYPI_LS=(litestar==2.25.0 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus94 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq openssl apache2 nginx caddy haproxy varnish squid python3-venv)
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

install_venv() {  # copies of round 92's and round 75's venvs; from PyPI when missing
    local v py pkgs
    for v in main ls; do
        if [[ $v == main ]]; then py=$VPY; pkgs=("${PYPI[@]}"); else py=$LPY; pkgs=("${PYPI_LS[@]}"); fi
        if [[ $v == main ]]; then
            [[ -x $py ]] && "$py" -c "import httpie, starlette, uvicorn, aiohttp, gunicorn, flask, waitress" 2>/dev/null && continue
        else
            [[ -x $py ]] && "$py" -c "import litestar, uvicorn" 2>/dev/null && continue
        fi
        [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv $v missing"; continue; }
        log "pip install into $(dirname "$(dirname "$py")"): ${pkgs[*]}"
        [[ -x $py ]] || "$PY" -m venv "$(dirname "$(dirname "$py")")" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; continue; }
        nice -n 15 timeout 900 "$py" -m pip install -q "${pkgs[@]}" >>"$RUN/logs/pip.log" 2>&1 \
            || SKIPPED[venv]="pip install failed (see logs/pip.log)"
    done
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* || $cmd == *"$VENV_LS/"* ]]
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
# only ours are checked against 127.0.0.1 and 58500-58999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round94.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS80 && -d $APPS91 && -d $APPS94 && -d $HERE/apps75 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,flags/starlette-nginx,flags/starlette-varnish,flags/flask,flags/litestar}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "a Python venv is missing (${SKIPPED[venv]})"
for p in nginx apache2 caddy haproxy varnish squid jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: nginx 58601, Apache 58602, Caddy 58603, HAProxy 58604, Squid 58605,
# Varnish 58606. Apps: Starlette/uvicorn 58701 (nginx), aiohttp 58702
# (Apache), Litestar/uvicorn 58703 (Caddy), aiohttp/gunicorn 58704
# (HAProxy), Flask/waitress 58705 (Squid), Starlette/uvicorn 58706
# (Varnish). The apps' dependencies: 58998 (nobody listens: refused), 58997
# (apps75/deps.py sleeper: accepts, never answers).
TCP_PORTS=(58601 58602 58603 58604 58605 58606 58701 58702 58703 58704 58705 58706 58997 58998)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

start_bg sleeper nice -n 5 "$PY" "$HERE/apps75/deps.py" sleeper 58997
wait_port 58997 sleeper || die "the sleeper did not start"

declare -A UP=()
asgienv() { echo env FLAG_DIR="$RUN/flags/$1" DEP_DEAD_PORT=58998 DEP_SLOW_PORT=58997; }
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    starlette-nginx) start_bg starlette-nginx $(asgienv starlette-nginx) nice -n 5 "$VPY" -m uvicorn --app-dir "$HERE/apps75" \
            --host 127.0.0.1 --port 58701 --workers 1 --no-access-log starlette_app:app
        wait_port 58701 starlette-nginx ;;
    aiohttp-apache) start_bg aiohttp-apache nice -n 5 "$VPY" "$APPS80/aiohttp_app.py" 58702; wait_port 58702 aiohttp-apache ;;
    litestar) start_bg litestar $(asgienv litestar) nice -n 5 "$LPY" -m uvicorn --app-dir "$HERE/apps75" \
            --host 127.0.0.1 --port 58703 --workers 1 --no-access-log litestar_app:app
        wait_port 58703 litestar ;;
    aiohttp-gunicorn) start_bg aiohttp-gunicorn nice -n 5 "$VPY" -m gunicorn -k aiohttp.GunicornWebWorker -w 1 \
            -b 127.0.0.1:58704 --chdir "$APPS94" aiohttp_gunicorn:app
        wait_port 58704 aiohttp-gunicorn ;;
    flask) start_bg flask env PYTHONPATH="$APPS91" FLAG_DIR="$RUN/flags/flask" DEP_DOWN=127.0.0.1:58998 DEP_SLOW=127.0.0.1:58997 \
            nice -n 5 "$VPY" -m waitress --listen=127.0.0.1:58705 --threads=4 flask_app:app
        wait_port 58705 flask ;;
    starlette-varnish) start_bg starlette-varnish $(asgienv starlette-varnish) nice -n 5 "$VPY" -m uvicorn --app-dir "$HERE/apps75" \
            --host 127.0.0.1 --port 58706 --workers 1 --no-access-log starlette_app:app
        wait_port 58706 starlette-varnish ;;
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
for a in starlette-nginx aiohttp-apache litestar aiohttp-gunicorn flask starlette-varnish; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
mkdir -p "$RUN/nginx/tmp"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
printf 'ops:%s\n' "$(openssl passwd -apr1 s3cret-ops)" >"$RUN/nginx/htpasswd"
chmod 644 "$RUN/nginx/htpasswd"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 58601 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/apache
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
printf 'ops:%s\n' "$(openssl passwd -apr1 s3cret-ops)" >"$RUN/apache/htpasswd"
chmod 644 "$RUN/apache/htpasswd"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 58602 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
HASH=$(timeout 30 caddy hash-password --plaintext s3cret-ops 2>/dev/null)
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s|@HASH@|$HASH|"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 58603 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 58604 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus94 -f "$RUN/squid/squid.conf"
wait_port 58605 squid && UP[squid]=1

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/wayfarer.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:58606 -T none -f "$RUN/varnish/wayfarer.vcl" -n "$RUN/varnish/wayfarer" -s malloc,16m
wait_port 58606 varnish && UP[varnish]=1
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 58500 || p > 58999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 58500-58999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 94 (held out): real responses captured by
# scripts/corpus/capture-round94.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-93:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the body itself shows (0 = none)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes: for app responses the
#              framework, or the app server when it wrote the page itself
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`, `curl -s | jq .`, `curl -s -w
#              '%{http_code}'`) or "headers-only" (`curl -sI`, `curl -sv -o
#              /dev/null` < lines, HTTPie --headers, a cut status line and
#              first headers); absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
EOF_LABELS

JSONH=(-H 'Content-Type: application/json')
BIGBODY=$(head -c 2048 /dev/zero | tr '\0' 'x')
BIG=(-X POST "${JSONH[@]}" -d "{\"note\":\"$BIGBODY\"}")
BIG3=(-X POST "${JSONH[@]}" -d "{\"ref\":\"LG-2001\",\"note\":\"$(head -c 3000 /dev/zero | tr '\0' 'y')\"}")
LONGQ=$(head -c 1500 /dev/zero | tr '\0' 'a')
BIGH8="X-Trace-Context: $(head -c 8192 /dev/zero | tr '\0' 'b')"
W='\n%{http_code}'
stuck_url() {  # stuck_url CURL-TARGET...: the app's only event loop taken 6 s, in the background
    (in_work timeout 15 curl -s -o /dev/null "$@" || true) &
    STUCK_PID=$!
    sleep 0.4
}
unstuck() { wait "$STUCK_PID" 2>/dev/null; sleep "${1:-0.5}"; }

# ================================================= nginx -> Starlette on uvicorn ==
if up nginx; then
    log "capturing: Starlette on uvicorn behind nginx"
    S=starlette-uvicorn-nginx-r94
    H=api.wayfarer.test N=http://api.wayfarer.test:58601 RN="--resolve api.wayfarer.test:58601:127.0.0.1"
    cap $S starlette-200-shipment-nginx.txt 200 app starlette "shipment 1 through nginx" "curl -sv; X-Request-ID from nginx" -- -sv $RN $N/api/shipments/1
    capjq $S body-starlette-404-shipment-jq-nginx.txt 0/404 app starlette "shipment 9: the handler's JSON 404, no number in it" "curl -s | jq ." -- $RN $N/api/shipments/9
    capbody $S body-starlette-404-unknown-route-nginx.txt 0/404 app starlette "/api/shipmnts: Starlette's text 'Not Found'" "curl -s" -- $RN $N/api/shipmnts
    capcutn $S cut-starlette-400-shipment-id-nginx.txt 400 app starlette "shipment 'abc': the handler's JSON 400" "cut from curl -si: status line and 3 headers, no command line" -- 3 i -si $RN $N/api/shipments/abc
    capvnull $S vnull-starlette-401-account-nginx.txt 401 app starlette "/api/account: the handler's JSON 401 (WWW-Authenticate Bearer)" "curl -sv -o /dev/null, only the < lines kept" -- $RN $N/api/account
    capw $S w-starlette-422-create-nginx.txt 422 app starlette "a shipment with weight 0: the handler's JSON 422" "curl -s -w '\\n%{http_code}'" -- "$W" $RN "${JSONH[@]}" -d '{"carrier":"DHL","weight":0}' $N/api/shipments
    capbody $S body-starlette-500-boom-nginx.txt 0/500 app starlette "an uncaught error: ServerErrorMiddleware's text 'Internal Server Error'" "curl -s" -- $RN $N/api/boom
    caphead $S head-starlette-502-rates-nginx.txt 502 app starlette "HEAD /api/rates: the rates service refuses, the app's own 502 (JSON on GET)" "curl -sI" -- $RN $N/api/rates
    cap $S starlette-504-tracking-nginx.txt 504 app starlette "the tracking service never answers: the app's own JSON 504 after 1 s" "curl -si" -- -si $RN $N/api/tracking/TR-77
    cap $S nginx-404-unrouted-path.txt 404 proxy nginx "/billing/: only /api/, /healthz and /admin/ are routed, nginx's own 404" "curl -sv" -- -sv $RN $N/billing/invoices
    capcutn $S cut-nginx-413-body-too-large.txt 413 proxy nginx "a 2 KB shipment: client_max_body_size 1k, nginx's 413" "cut from curl -sv: status line and 4 headers with the < marks" -- 4 v -sv $RN "${BIG[@]}" $N/api/shipments
    caphead $S head-nginx-403-dotfile.txt 403 proxy nginx "HEAD /.env: the dotfile rule, nginx's 403" "curl -sI" -- $RN $N/.env
    quiet $RN $N/api/login
    capw $S w-nginx-429-login.txt 429 proxy nginx "/api/login again within the minute: limit_req, nginx's 429 page and the code" "curl -s -w '\\n%{http_code}'" -- "$W" $RN $N/api/login
    cap $S nginx-401-admin-no-credentials.txt 401 identity nginx "/admin/ without credentials: auth_basic, nginx's 401" "curl -sv" -- -sv $RN $N/admin/queues
    HTTPIE_CMD=http caphttph $S httph-nginx-401-admin-wrong-password.txt 401 identity nginx "/admin/ with a wrong password: nginx's 401" "HTTPie --headers with colours" -- -a ops:wrong GET http://127.0.0.1:58601/admin/queues Host:$H:58601
    capdump $S starlette-404-admin-authorised-nginx.txt 404 app starlette "/admin/ with the right password: passed on, Starlette's text 'Not Found'" "curl -s -D-" -- $RN -u ops:s3cret-ops $N/admin/queues
    stuck_url http://127.0.0.1:58701/api/export
    capvnull $S vnull-nginx-504-loop-stuck.txt 504 proxy nginx "the app's one event loop held 6 s by an export: proxy_read_timeout 3s, nginx's 504" "curl -sv -o /dev/null, only the < lines kept" -- $RN $N/api/shipments/1
    unstuck 0.5
    capbody $S body-nginx-504-slow.txt 504/504 proxy nginx "/api/slow takes 5 s: nginx's 504 page, its title shows 504" "curl -s" -- $RN $N/api/slow
    touch "$RUN/flags/starlette-nginx/draining"
    capjq $S body-starlette-503-draining-jq-nginx.txt 0/503 app starlette "the instance draining: the app's JSON 503 (Retry-After), no number in it" "curl -s | jq ." -- $RN $N/api/shipments/1
    rm -f "$RUN/flags/starlette-nginx/draining"
    touch "$RUN/flags/starlette-nginx/unhealthy"
    HTTPIE_CMD=http caphttp $S starlette-503-healthz-nginx-httpie.txt 503 app starlette "the app's health check failing (database timeout): its JSON 503" "HTTPie -v with colours" -- -v GET http://127.0.0.1:58601/healthz Host:$H:58601
    rm -f "$RUN/flags/starlette-nginx/unhealthy"
    sleep 2.5
    kill_app starlette-nginx
    cap $S nginx-502-app-killed.txt 502 proxy nginx "uvicorn killed (SIGKILL): connection refused, nginx's 502" "curl -sv" -- -sv $RN $N/api/shipments/1
    capbody $S body-nginx-502-app-killed.txt 502/502 proxy nginx "nginx's 502 page, its title shows 502" "curl -s" -- $RN $N/api/account
    start_app starlette-nginx || die "starlette (nginx) did not come back"
    capwget $S starlette-200-shipment-after-restart-nginx-wget.txt 200 app starlette "started again: shipment 1" "wget -S -O-" -- --header="Host: $H:58601" http://127.0.0.1:58601/api/shipments/1
fi

# ================================================= Apache -> aiohttp (its own server) ==
if up apache; then
    log "capturing: aiohttp behind Apache"
    S=aiohttp-apache-r94
    H=api.ledgerly.test A=http://api.ledgerly.test:58602 RA="--resolve api.ledgerly.test:58602:127.0.0.1"
    cap $S aiohttp-200-invoice-apache.txt 200 app aiohttp "invoice 1 through Apache" "curl -sv; X-Request-Id from mod_unique_id" -- -sv $RA $A/api/invoices/1
    capjq $S body-aiohttp-404-invoice-jq-apache.txt 0/404 app aiohttp "invoice 9: the handler's JSON 404, no number in it" "curl -s | jq ." -- $RA $A/api/invoices/9
    capvnull $S vnull-aiohttp-400-invoice-id-apache.txt 400 app aiohttp "invoice 'abc': the handler's JSON 400" "curl -sv -o /dev/null, only the < lines kept" -- $RA $A/api/invoices/abc
    capw $S w-aiohttp-400-bad-json-apache.txt 400 app aiohttp "a body that is not JSON: aiohttp's own text '400: Bad Request'" "curl -s -w '\\n%{http_code}'" -- "$W" $RA "${JSONH[@]}" -d '{"ref":' $A/api/invoices
    capcutn $S cut-aiohttp-401-account-apache.txt 401 app aiohttp "/api/account: the handler's JSON 401" "cut from curl -si: status line and 4 headers, no command line" -- 4 i -si $RA $A/api/account
    cap $S aiohttp-405-wrong-method-apache.txt 405 app aiohttp "DELETE /api/account: aiohttp's own text '405: Method Not Allowed'" "curl -si" -- -si $RA -X DELETE $A/api/account
    capbody $S body-aiohttp-500-boom-apache.txt 500/500 app aiohttp "an unhandled error: aiohttp's own 500 page, it shows 500" "curl -s" -- $RA $A/api/boom
    capvnull $S vnull-aiohttp-503-maintenance-apache.txt 503 app aiohttp "the handler's JSON 503 with Retry-After (ledger migration)" "curl -sv -o /dev/null, only the < lines kept" -- $RA $A/api/maintenance
    capbody $S body-aiohttp-502-payments-page-apache.txt 502/502 app aiohttp "the app's own HTML 502 page (card processor), its title shows 502" "curl -s" -- $RA $A/api/payments
    capraw $S aiohttp-504-bank-page-apache.txt 504 app aiohttp "the app's own HTML 504 page (bank feed)" "curl -si saved to a file (CRs kept)" -- -si $RA $A/api/bank
    cap $S apache-403-internal-denied.txt 403 proxy apache "/internal/: Require all denied, Apache's 403" "curl -sv" -- -sv $RA $A/internal/metrics
    capvnull $S vnull-apache-414-long-query.txt 414 proxy apache "a 1.5 KB request line, LimitRequestLine 1024: Apache's 414" "curl -sv -o /dev/null, only the < lines kept" -- $RA "$A/api/invoices/1?q=$LONGQ"
    HTTPIE_CMD=http caphttph $S httph-apache-401-admin-no-credentials.txt 401 identity apache "/admin/ without credentials: AuthType Basic, Apache's 401" "HTTPie --headers with colours" -- GET http://127.0.0.1:58602/admin/ Host:$H:58602
    capbody $S body-apache-401-admin-wrong-password.txt 401/401 identity apache "/admin/ with a wrong password: Apache's 401 page, its title shows 401" "curl -s" -- $RA -u ops:wrong $A/admin/
    capwin $S aiohttp-404-admin-authorised-apache.txt 404 app aiohttp "/admin/ with the right password: passed on, aiohttp's text '404: Not Found'" "curl -si pasted with CRLF" -- -si $RA -u ops:s3cret-ops $A/admin/
    # round 92 (and round 76) saw Apache 2.4.71 answer a read timeout past ProxyTimeout with its 502 "Proxy Error"
    cap $S apache-502-slow-proxy-timeout.txt 502 proxy apache "/api/slow takes 5 s: ProxyTimeout 3, Apache's 502 Proxy Error" "curl -sv" -- -sv $RA $A/api/slow
    capbody $S body-apache-502-slow-proxy-timeout.txt 502/502 proxy apache "Apache's 502 Proxy Error page, its title shows 502" "curl -s" -- $RA "$A/api/slow?from=dashboard"
    sleep 2.5
    kill_app aiohttp-apache
    capraw $S apache-503-app-killed.txt 503 proxy apache "aiohttp killed (SIGKILL): connection refused, retry=0, Apache's 503" "curl -si saved to a file (CRs kept)" -- -si $RA $A/api/invoices/1
    capcutn $S cut-apache-503-app-killed.txt 503 proxy apache "aiohttp still down" "cut from curl -sv: status line and 3 headers with the < marks" -- 3 v -sv $RA $A/api/account
    start_app aiohttp-apache || die "aiohttp (Apache) did not come back"
    capwget $S aiohttp-200-invoice-after-restart-apache-wget.txt 200 app aiohttp "started again: invoice 1" "wget -S -O-" -- --header="Host: $H:58602" http://127.0.0.1:58602/api/invoices/1
fi

# ================================================= Caddy -> Litestar on uvicorn ==
if up caddy; then
    log "capturing: Litestar on uvicorn behind Caddy"
    S=litestar-uvicorn-caddy-r94
    H=ship.wayfarer.test C=http://ship.wayfarer.test:58603 RC="--resolve ship.wayfarer.test:58603:127.0.0.1"
    cap $S litestar-200-shipment-caddy.txt 200 app litestar "shipment 1 through Caddy" "curl -sv; X-Request-ID from Caddy" -- -sv $RC $C/api/shipments/1
    capjq $S body-litestar-404-shipment-jq-caddy.txt 0/404 app litestar "shipment 9: the handler's JSON 404, no number in it" "curl -s | jq ." -- $RC $C/api/shipments/9
    capjq $S body-litestar-404-no-route-jq-caddy.txt 404/404 app litestar "shipment 'abc' matches no route (int path param): Litestar's own JSON 404, status_code 404" "curl -s | jq ." -- $RC $C/api/shipments/abc
    capbody $S body-litestar-400-validation-caddy.txt 400/400 app litestar "limit=abc: Litestar's own validation JSON 400, status_code 400" "curl -s" -- $RC "$C/api/shipments?limit=abc"
    capw $S w-litestar-422-create-caddy.txt 422 app litestar "a shipment with weight 0: the handler's JSON 422" "curl -s -w '\\n%{http_code}'" -- "$W" $RC "${JSONH[@]}" -d '{"carrier":"UPS","weight":0}' $C/api/shipments
    cap $S litestar-500-boom-caddy.txt 500 app litestar "an uncaught error: Litestar's own JSON 500" "curl -si" -- -si $RC $C/api/boom
    capbody $S body-litestar-502-labels-page-caddy.txt 502/502 app litestar "the app's own HTML 502 page (label printer), its title shows 502" "curl -s" -- $RC $C/api/labels/4
    capvnull $S vnull-litestar-504-tracking-caddy.txt 504 app litestar "the tracking service never answers: the app's JSON 504 after 1 s" "curl -sv -o /dev/null, only the < lines kept" -- $RC $C/api/tracking/TR-77
    cap $S caddy-403-internal.txt 403 proxy caddy "/internal/: respond 403, Caddy's empty 403" "curl -sv" -- -sv $RC $C/internal/metrics
    capw $S w-caddy-403-internal.txt 403 proxy caddy "/internal/ again: an empty body, only the code curl prints" "curl -s -w '%{http_code}'" -- '%{http_code}' $RC $C/internal/config
    HTTPIE_CMD=http caphttph $S httph-caddy-401-admin-no-credentials.txt 401 identity caddy "/admin/ without credentials: basicauth, Caddy's 401" "HTTPie --headers with colours" -- GET http://127.0.0.1:58603/admin/ Host:$H:58603
    capcutn $S cut-caddy-401-admin-wrong-password.txt 401 identity caddy "/admin/ with a wrong password: Caddy's 401" "cut from curl -sv: status line and 3 headers with the < marks" -- 3 v -sv $RC -u ops:wrong $C/admin/
    capdump $S litestar-404-admin-authorised-caddy.txt 404 app litestar "/admin/ with the right password: passed on, Litestar's JSON 404" "curl -s -D-" -- $RC -u ops:s3cret-ops $C/admin/
    caphead $S head-caddy-431-header-too-large.txt 431 proxy caddy "HEAD with an 8 KB header, max_header_size 2KB: the 431 of Caddy's Go server" "curl -sI" -- $RC -H "$BIGH8" $C/api/shipments/1
    cap $S caddy-504-slow.txt 504 proxy caddy "/api/slow takes 5 s: response_header_timeout 3s, Caddy's empty 504" "curl -sv" -- -sv $RC $C/api/slow
    capw $S w-caddy-504-slow.txt 504 proxy caddy "/api/slow again: an empty body, the code on its own line" "curl -s -w '\\n%{http_code}'" -- "$W" $RC "$C/api/slow?from=dashboard"
    sleep 2.5
    kill_app litestar
    cap $S caddy-502-app-killed.txt 502 proxy caddy "uvicorn killed (SIGKILL): connection refused, Caddy's empty 502" "curl -si" -- -si $RC $C/api/shipments/1
    capvnull $S vnull-caddy-502-app-killed.txt 502 proxy caddy "uvicorn still down" "curl -sv -o /dev/null, only the < lines kept" -- $RC $C/api/account
    start_app litestar || die "litestar did not come back"
    HTTPIE_CMD=http caphttp $S litestar-200-shipment-after-restart-caddy-httpie.txt 200 app litestar "started again: shipment 1" "HTTPie -v with colours" -- -v GET http://127.0.0.1:58603/api/shipments/1 Host:$H:58603
fi

# ================================================= HAProxy -> aiohttp under gunicorn ==
if up haproxy; then
    log "capturing: aiohttp under gunicorn behind HAProxy"
    S=aiohttp-gunicorn-haproxy-r94
    H=billing.ledgerly.test P=http://billing.ledgerly.test:58604 RP="--resolve billing.ledgerly.test:58604:127.0.0.1"
    cap $S aiohttp-200-invoice-haproxy.txt 200 app aiohttp "invoice 1 through HAProxy" "curl -sv; X-Request-ID from HAProxy" -- -sv $RP $P/api/invoices/1
    capbody $S body-aiohttp-404-text-haproxy.txt 404/404 app aiohttp "invoice 7: aiohttp's own text '404: Not Found'" "curl -s" -- $RP $P/api/invoices/7
    capvnull $S vnull-aiohttp-409-duplicate-haproxy.txt 409 app aiohttp "an invoice with ref LG-1001 again: the handler's JSON 409" "curl -sv -o /dev/null, only the < lines kept" -- $RP "${JSONH[@]}" -d '{"ref":"LG-1001"}' $P/api/invoices
    capw $S w-aiohttp-422-no-ref-haproxy.txt 422 app aiohttp "an invoice without ref: the handler's JSON 422" "curl -s -w '\\n%{http_code}'" -- "$W" $RP "${JSONH[@]}" -d '{"total":"9.00"}' $P/api/invoices
    capcutn $S cut-aiohttp-403-admin-role-haproxy.txt 403 app aiohttp "/api/admin: the handler's JSON 403 (role)" "cut from curl -si: status line and 4 headers, no command line" -- 4 i -si $RP $P/api/admin
    cap $S aiohttp-413-body-too-large-haproxy.txt 413 app aiohttp "a 3 KB invoice, client_max_size 2 KB: aiohttp's own 413" "curl -si" -- -si $RP "${BIG3[@]}" $P/api/invoices
    capbody $S body-aiohttp-500-boom-haproxy.txt 500/500 app aiohttp "an unhandled error: aiohttp's own 500 page, it shows 500" "curl -s" -- $RP $P/api/boom
    HTTPIE_CMD=http caphttp $S aiohttp-503-statements-page-haproxy-httpie.txt 503 app aiohttp "the app's own HTML 503 page (statements regenerating)" "HTTPie -v with colours" -- -v GET http://127.0.0.1:58604/api/statements Host:$H:58604
    cap $S haproxy-503-unrouted-path.txt 503 load-balancer haproxy "/billing: routed to a backend with no server, HAProxy's 503" "curl -sv" -- -sv $RP $P/billing
    capbody $S body-haproxy-503-unrouted-path.txt 503/503 load-balancer haproxy "HAProxy's 503 page, its heading shows 503" "curl -s" -- $RP $P/reports
    caphead $S head-haproxy-403-internal.txt 403 load-balancer haproxy "HEAD /internal/: http-request deny, HAProxy's 403" "curl -sI" -- $RP $P/internal/metrics
    capcutn $S cut-haproxy-401-admin.txt 401 identity haproxy "/admin/ without credentials: http-request auth, HAProxy's 401" "cut from curl -sv: status line and 3 headers with the < marks" -- 3 v -sv $RP $P/admin/
    capbody $S body-haproxy-401-admin-wrong-password.txt 401/401 identity haproxy "/admin/ with a wrong password: HAProxy's 401 page, its heading shows 401" "curl -s" -- $RP -u ops:wrong $P/admin/
    cap $S aiohttp-404-search-first-haproxy.txt 404 app aiohttp "/api/search, the first in 10 s (the limit is 2): the app has no such route, '404: Not Found'" "curl -si" -- -si $RP $P/api/search
    quiet $RP $P/api/search
    capvnull $S vnull-haproxy-429-search.txt 429 load-balancer haproxy "/api/search the third time in 10 s: deny_status 429" "curl -sv -o /dev/null, only the < lines kept" -- $RP $P/api/search
    capbody $S body-haproxy-429-search.txt 429/429 load-balancer haproxy "the fourth /api/search: HAProxy's 429 page, its heading shows 429" "curl -s" -- $RP $P/api/search
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "/api/slow takes 5 s: timeout server 3s, HAProxy's 504" "curl -sv" -- -sv $RP $P/api/slow
    sleep 2.5
    kill_app aiohttp-gunicorn
    capraw $S haproxy-503-app-killed.txt 503 load-balancer haproxy "gunicorn and its worker killed (SIGKILL): connection refused, HAProxy's 503" "curl -si saved to a file (CRs kept)" -- -si $RP $P/api/invoices/1
    HTTPIE_CMD=http caphttph $S httph-haproxy-503-app-killed.txt 503 load-balancer haproxy "gunicorn still down" "HTTPie --headers with colours" -- GET http://127.0.0.1:58604/api/account Host:$H:58604
    start_app aiohttp-gunicorn || die "aiohttp (gunicorn) did not come back"
    capwget $S aiohttp-401-account-after-restart-haproxy-wget.txt 401 app aiohttp "started again: /api/account, the handler's JSON 401" "wget -S -O-" -- --header="Host: $H:58604" http://127.0.0.1:58604/api/account
fi

# ================================================= Squid -> Flask under waitress ==
if up squid; then
    log "capturing: Flask under waitress behind Squid"
    S=flask-waitress-squid-r94
    H=api.larch.test Q=http://api.larch.test:58605 RQ="--resolve api.larch.test:58605:127.0.0.1"
    cap $S flask-200-order-squid-miss.txt 200 app flask "order 1, a MISS (public, max-age=2)" "curl -sv; X-Cache: MISS" -- -sv $RQ $Q/api/orders/1
    cap $S squid-200-order-hit.txt 200 cdn-cache squid "order 1 again at once: a HIT" "curl -si; X-Cache: HIT" -- -si $RQ $Q/api/orders/1
    capvnull $S vnull-squid-304-order-if-none-match.txt 304 cdn-cache squid "order 1 with If-None-Match of its ETag, still fresh: Squid's 304 from its store" "curl -sv -o /dev/null, only the < lines kept" -- $RQ -H 'If-None-Match: "la-1001-v1"' $Q/api/orders/1
    capjq $S body-flask-404-order-jq-squid.txt 404/404 app flask "order 9: the handler's JSON 404, its status field shows 404" "curl -s | jq ." -- $RQ $Q/api/orders/9
    capw $S w-flask-405-wrong-method-squid.txt 405 app flask "DELETE /api/cart: the errorhandler's JSON 405" "curl -s -w '\\n%{http_code}'" -- "$W" $RQ -X DELETE $Q/api/cart
    capcutn $S cut-flask-500-cart-coupon-squid.txt 500 app flask "a coupon: KeyError, the errorhandler's JSON 500" "cut from curl -si: status line and 4 headers, no command line" -- 4 i -si $RQ "$Q/api/cart?coupon=SPRING"
    capjq $S body-flask-502-inventory-jq-squid.txt 502/502 app flask "the inventory service refuses: the app's JSON 502, its status field shows 502" "curl -s | jq ." -- $RQ $Q/api/inventory
    capvnull $S vnull-flask-503-payments-squid.txt 503 app flask "the payment provider is down: the app's JSON 503 with Retry-After" "curl -sv -o /dev/null, only the < lines kept" -- $RQ $Q/api/payments
    capwin $S flask-504-quotes-squid.txt 504 app flask "the pricing service never answers: the app's JSON 504 after 1 s" "curl -si pasted with CRLF" -- -si $RQ $Q/api/quotes
    touch "$RUN/flags/flask/maintenance"
    capbody $S body-flask-503-maintenance-page-squid.txt 0/503 app flask "the maintenance flag: the app's HTML maintenance page (no number in it)" "curl -s" -- $RQ $Q/api/cart
    HTTPIE_CMD=http caphttp $S flask-503-maintenance-page-squid-httpie.txt 503 app flask "the maintenance page again, on /healthz" "HTTPie -v with colours" -- -v GET http://127.0.0.1:58605/healthz Host:$H:58605
    rm -f "$RUN/flags/flask/maintenance"
    cap $S squid-403-internal-denied.txt 403 cdn-cache squid "/internal/: http_access deny, ERR_ACCESS_DENIED" "curl -sv" -- -sv $RQ $Q/internal/metrics
    capbody $S body-squid-403-internal-denied.txt 0/403 cdn-cache squid "Squid's ERR_ACCESS_DENIED page (its title names the error, not a number)" "curl -s" -- $RQ $Q/internal/config
    caphead $S head-squid-431-header-too-large.txt 431 cdn-cache squid "HEAD with an 8 KB header, request_header_max_size 2 KB: Squid's 431" "curl -sI" -- $RQ -H "$BIGH8" $Q/api/orders/1
    capcutn $S cut-squid-413-body-too-large.txt 413 cdn-cache squid "a 2 KB order, request_body_max_size 1 KB: ERR_TOO_BIG" "cut from curl -sv: status line and 3 headers with the < marks" -- 3 v -sv $RQ "${BIG[@]}" $Q/api/orders
    cap $S squid-504-report-read-timeout.txt 504 cdn-cache squid "/api/report takes 6 s: read_timeout 3 seconds, ERR_READ_TIMEOUT" "curl -sv" -- -sv $RQ $Q/api/report
    sleep 3.5
    kill_app flask
    # rounds 83-92 saw Squid 5.7 answer a peer that had been up, then refused, with ERR_CONNECT_FAIL 503
    capraw $S squid-503-app-killed.txt 503 cdn-cache squid "waitress killed (SIGKILL): connection refused, ERR_CONNECT_FAIL" "curl -si saved to a file (CRs kept)" -- -si $RQ $Q/api/cart
    HTTPIE_CMD=http caphttph $S httph-squid-503-app-killed.txt 503 cdn-cache squid "waitress still down" "HTTPie --headers with colours" -- GET http://127.0.0.1:58605/api/payments Host:$H:58605
    capbody $S body-squid-503-app-killed.txt 0/503 cdn-cache squid "Squid's ERR_CONNECT_FAIL page (no number in it)" "curl -s" -- $RQ "$Q/api/cart?from=dashboard"
    start_app flask || die "flask did not come back"
    capwget $S flask-200-healthz-after-restart-squid-wget.txt 200 app flask "started again: /healthz" "wget -S -O-" -- --header="Host: $H:58605" http://127.0.0.1:58605/healthz
fi

# ================================================= Varnish -> Starlette on uvicorn ==
if up varnish; then
    log "capturing: Starlette on uvicorn behind Varnish"
    S=starlette-uvicorn-varnish-r94
    H=track.wayfarer.test V=http://track.wayfarer.test:58606 RV="--resolve track.wayfarer.test:58606:127.0.0.1"
    cap $S starlette-200-shipment-varnish-miss.txt 200 app starlette "shipment 1, a MISS (public, max-age=60)" "curl -sv; X-Cache: MISS, X-Request-ID from Varnish" -- -sv $RV $V/api/shipments/1
    capjq $S body-varnish-200-shipment-hit-jq.txt 0/200 cdn-cache varnish "shipment 1 again: a HIT, the order JSON shows no number" "curl -s | jq ." -- $RV $V/api/shipments/1
    capvnull $S vnull-varnish-304-shipment-if-none-match.txt 304 cdn-cache varnish "shipment 1 with If-None-Match of its ETag: Varnish's 304 from its store" "curl -sv -o /dev/null, only the < lines kept" -- $RV -H 'If-None-Match: "shp-1-v3"' $V/api/shipments/1
    cap $S starlette-404-shipment-varnish-miss.txt 404 app starlette "shipment 7: the handler's JSON 404 (a MISS; the built-in VCL keeps a 404)" "curl -si" -- -si $RV $V/api/shipments/7
    capjq $S body-starlette-404-shipment-varnish-hit-jq.txt 0/404 app starlette "shipment 7 again: the app's 404 replayed from Varnish's store (a HIT of the app's answer)" "curl -s | jq ." -- $RV $V/api/shipments/7
    capw $S w-starlette-422-create-varnish.txt 422 app starlette "POST a shipment with no carrier (Varnish passes it): the handler's JSON 422" "curl -s -w '\\n%{http_code}'" -- "$W" $RV "${JSONH[@]}" -d '{"weight":2}' $V/api/shipments
    caphead $S head-starlette-502-rates-varnish.txt 502 app starlette "HEAD /api/rates: the app's own 502, not kept by Varnish" "curl -sI" -- $RV $V/api/rates
    capbody $S body-starlette-502-labels-page-varnish.txt 502/502 app starlette "the app's own HTML 502 page (label printer), its title shows 502" "curl -s" -- $RV $V/api/labels/4
    capvnull $S vnull-starlette-401-account-varnish.txt 401 app starlette "/api/account: the handler's JSON 401" "curl -sv -o /dev/null, only the < lines kept" -- $RV $V/api/account
    capdump $S starlette-500-boom-varnish.txt 500 app starlette "an uncaught error: Starlette's text 'Internal Server Error'" "curl -s -D-" -- $RV $V/api/boom
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE /api/shipments/1: vcl_recv synth(405)" "curl -sv" -- -sv $RV -X PURGE $V/api/shipments/1
    capw $S w-varnish-405-purge.txt 405 cdn-cache varnish "PURGE again: Varnish's synth page and the code" "curl -s -w '\\n%{http_code}'" -- "$W" $RV -X PURGE $V/api/shipments/7
    caphead $S head-varnish-403-admin.txt 403 cdn-cache varnish "HEAD /admin/: vcl_recv synth(403)" "curl -sI" -- $RV $V/admin/
    cap $S varnish-503-slow-first-byte-timeout.txt 503 cdn-cache varnish "/api/slow takes 5 s: first_byte_timeout 3s, Backend fetch failed" "curl -sv" -- -sv $RV $V/api/slow
    sleep 2.5
    quiet $RV $V/healthz
    kill_app starlette-varnish
    sleep 1.5
    capraw $S varnish-200-healthz-grace-app-down.txt 200 cdn-cache varnish "uvicorn down: /healthz (its 1 s TTL gone) served from grace" "curl -si saved to a file (CRs kept)" -- -si $RV $V/healthz
    cap $S varnish-503-app-killed.txt 503 cdn-cache varnish "uvicorn killed: connection refused, Backend fetch failed" "curl -si" -- -si $RV $V/api/account
    capcutn $S cut-varnish-503-app-killed.txt 503 cdn-cache varnish "uvicorn still down" "cut from curl -sv: status line and 4 headers with the < marks" -- 4 v -sv $RV $V/api/rates
    capbody $S body-varnish-503-app-killed.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page, its title shows 503" "curl -s" -- $RV "$V/api/account?from=dashboard"
    start_app starlette-varnish || die "starlette (Varnish) did not come back"
    HTTPIE_CMD=http caphttp $S starlette-401-account-after-restart-varnish-httpie.txt 401 app starlette "started again: /api/account, the handler's JSON 401" "HTTPie -v with colours" -- -v GET http://127.0.0.1:58606/api/account Host:$H:58606
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round94/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
