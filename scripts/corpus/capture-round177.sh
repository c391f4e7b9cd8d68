#!/usr/bin/env bash
# capture-round177.sh — build the hundred-and-seventy-seventh held-out evidence
# corpus in tests/fixtures/evidence-round177/.
#
# "Pasted at night with every client, less common fronts, a second look":
# six setups, one front each (Traffic Server, h2o, nghttpx, lighttpd,
# tinyproxy in reverse mode, Squid accel) before one app, round 154's apps
# moved onto new pairings. Front configs in scripts/corpus/conf-round177/:
#   - Traffic Server 9.2 -> FastAPI on Hypercorn (apps154/fastapi_app.py);
#   - h2o 2.2 (fastcgi.connect) -> plain PHP 8.2 on PHP-FPM (apps150/index.php);
#   - nghttpx 1.52 -> plain Rack on Puma (apps150/rack_app.ru);
#   - lighttpd 1.4 -> Express 4 on Node (apps154/express_app.js);
#   - tinyproxy 1.11 (reverse) -> Flask 3.1 on Waitress (apps154/flask_app.py);
#   - Squid 5.7 (accel) -> Django 5.2 on Twisted Web WSGI (apps130/django_wsgi.py).
# Clients: curl -si, curl -sv, curl -sv (< lines kept), HTTPie -v and
# --headers, wget -S -O-, curl -s and curl -s | jq . for body-only pastes.
# Plain HTTP/1.1 throughout. Helpers are round 154's, unchanged.
#
#   scripts/corpus/capture-round177.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round177.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round177.sh       # keep configs + logs in the runtime dir
#
# Every server binds 127.0.0.1 (ports 60000-61999: fronts 60771-60776, apps
# 60871-60876; 60899 is kept free as a dead upstream), and the script stops
# if a socket held by one of its own processes listens anywhere else; every
# curl, HTTPie and wget request runs under `timeout`; every server it started
# is stopped on exit, by process id. Labels are written by finish_round177.py,
# which refuses (and this script then leaves the fixtures as they were) when
# a label's status is not the one on the wire.

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round177"
RUN=/tmp/api-triage-corpus177-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round177"
APPS150="$HERE/apps150"
APPS154="$HERE/apps154"
APPS130="$HERE/apps130"
APPS113="$HERE/apps113"
VENV=${CORPUS_VENV177:-/tmp/api-triage-corpus177-venv}     # a copy of round 154's (flask, fastapi, hypercorn, django, twisted, waitress, httpie)
NODE_DIR=${CORPUS_NODE177:-/tmp/api-triage-corpus177-node} # a copy of round 154's (express)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 fastapi==0.165.0 hypercorn==0.18.0 django==5.2.19 twisted==26.10.0 waitress==3.0.2)
NODE_PKGS=(express@4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus177 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq trafficserver h2o nghttp2-proxy lighttpd tinyproxy squid puma ruby-rack php8.2-fpm python3-venv nodejs)
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

install_venv() {  # a copy of round 154's venv; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, flask, fastapi, hypercorn, django, twisted, waitress" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of round 154's node_modules; from npm when missing
    local m ok=1
    for m in express; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus177","private":true}' >"$NODE_DIR/package.json"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round177.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS150 && -d $APPS154 && -d $APPS130 && -d $APPS113 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,php-fpm,larchmont,h2o/empty,nghttpx,lighttpd/htdocs,tinyproxy,squid,ats}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the Node packages are missing (${SKIPPED[node]}; copy round 154's node folder to $NODE_DIR)"
for p in trafficserver h2o nghttp2-proxy lighttpd tinyproxy squid puma php8.2-fpm jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

TCP_PORTS=(60771 60772 60773 60774 60775 60776 60871 60872 60873 60874 60875 60876 60899)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
cp "$APPS150/index.php" "$RUN/larchmont/index.php"
rconf() { sed -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$CONF|g" "$1" >"$2"; }
rconf "$CONF/php-fpm.conf" "$RUN/php-fpm/larchmont.conf"
chown -R www-data: "$RUN/php-fpm" "$RUN/larchmont" 2>/dev/null || true
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    fastapi) start_bg fastapi env PYTHONPATH="$APPS154" nice -n 5 "$VPY" -m hypercorn --bind 127.0.0.1:60871 fastapi_app:app
        wait_port 60871 fastapi ;;
    fpm) start_bg fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/larchmont.conf"
        wait_port 60872 fpm ;;
    puma) start_bg puma nice -n 5 puma --bind tcp://127.0.0.1:60873 --environment production \
            --threads 2:4 --tag corpus177 "$APPS150/rack_app.ru"
        wait_port 60873 puma ;;
    express) start_bg express env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS154/express_app.js" 60874
        wait_port 60874 express ;;
    flask) start_bg flask env PYTHONPATH="$APPS154" nice -n 5 "$VPY" -m waitress --listen=127.0.0.1:60875 --threads 4 flask_app:app
        wait_port 60875 flask ;;
    django) start_bg django env PYTHONPATH="$APPS130:$APPS113" nice -n 5 "$VPY" -m twisted web \
            --listen tcp:60876:interface=127.0.0.1 --wsgi django_wsgi.application
        wait_port 60876 django ;;
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
for a in fastapi fpm puma express flask django; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
A=$RUN/ats
mkdir -p "$A"/{etc,var/cache,run,log}
for f in logging.yaml cache.config hosting.config parent.config sni.yaml socks.config \
         splitdns.config volume.config strategies.yaml ssl_multicert.config; do
    [[ -e /etc/trafficserver/$f ]] && cp "/etc/trafficserver/$f" "$A/etc/"
done
render "$CONF/records.config" "$A/etc/records.config"
cp "$CONF/remap.config" "$CONF/ats-cache-status.config" "$CONF/ip_allow.yaml" "$A/etc/"
echo "$A/var/cache 64M" >"$A/etc/storage.config"
echo "header_rewrite.so $A/etc/ats-cache-status.config" >"$A/etc/plugin.config"
cat >"$A/runroot.yaml" <<EOF_RR
prefix: /usr
exec_prefix: /usr
bindir: /usr/bin
sbindir: /usr/sbin
sysconfdir: $A/etc
datadir: /usr/share/trafficserver
includedir: /usr/include
libdir: /usr/lib/trafficserver
libexecdir: /usr/lib/trafficserver/modules
localstatedir: $A/var
runtimedir: $A/run
logdir: $A/log
cachedir: $A/var/cache
EOF_RR
start_bg trafficserver traffic_server --run-root="$A/runroot.yaml"
wait_port 60771 trafficserver && UP[ats]=1
rconf "$CONF/h2o.conf" "$RUN/h2o/h2o.conf"; chmod 777 "$RUN/h2o"
start_bg h2o h2o -c "$RUN/h2o/h2o.conf"
wait_port 60772 h2o && UP[h2o]=1
rconf "$CONF/nghttpx.conf" "$RUN/nghttpx/nghttpx.conf"
start_bg nghttpx nghttpx --conf="$RUN/nghttpx/nghttpx.conf"
wait_port 60773 nghttpx && UP[nghttpx]=1
rconf "$CONF/lighttpd.conf" "$RUN/lighttpd/lighttpd.conf"
start_bg lighttpd lighttpd -D -f "$RUN/lighttpd/lighttpd.conf"
wait_port 60774 lighttpd && UP[lighttpd]=1
rconf "$CONF/tinyproxy.conf" "$RUN/tinyproxy/tinyproxy.conf"
echo '/internal/' >"$RUN/tinyproxy/filter"
chown -R nobody:nogroup "$RUN/tinyproxy" 2>/dev/null || chmod -R 777 "$RUN/tinyproxy"
start_bg tinyproxy tinyproxy -d -c "$RUN/tinyproxy/tinyproxy.conf"
wait_port 60775 tinyproxy && UP[tinyproxy]=1
rconf "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus177 -f "$RUN/squid/squid.conf"
wait_port 60776 squid && UP[squid]=1
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 177 (held out): real responses captured by
# scripts/corpus/capture-round177.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-176:
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
head -c 2048 /dev/zero | tr '\0' 'a' >"$RUN/work/big.txt"
J='Content-Type: application/json'

# ================================================= Traffic Server -> FastAPI on Hypercorn ==
if up ats; then
    log "capturing: FastAPI on Hypercorn behind Traffic Server"
    S=fastapi-hypercorn-trafficserver-r177
    H=api.moorhen.test M=http://api.moorhen.test:60771 RM="--resolve api.moorhen.test:60771:127.0.0.1"
    cap $S fastapi-200-order-ats.txt 200 app fastapi "order 1: FastAPI's answer passed on (no Cache-Control, so ATS stores nothing; it adds Via and X-Cache)" "curl -si" -- -si $RM $M/api/orders/1
    cap $S fastapi-304-order-inm-ats.txt 304 app fastapi "If-None-Match: FastAPI's own 304 (nothing stored at ATS), passed on" "curl -sv" -- -sv $RM -H 'If-None-Match: "mh-o1-v2"' $M/api/orders/1
    caphttp $S fastapi-201-create-ats-httpie.txt 201 app fastapi "POST /api/orders: FastAPI's 201 with Location, passed on" "HTTPie -v with colours" -- -v POST http://127.0.0.1:60771/api/orders Host:$H:60771 sku=MH-3 qty:=1
    cap $S fastapi-422-create-no-qty-ats.txt 422 app fastapi "POST without qty: FastAPI's validation 422, passed on" "curl -si" -- -si $RM -H "$J" -d '{"sku":"MH-3"}' $M/api/orders
    capraw $S fastapi-409-create-dup-ats.txt 409 app fastapi "POST sku DUP: FastAPI's JSON 409, passed on" "curl -si saved to a file (CRs kept)" -- -si $RM -H "$J" -d '{"sku":"DUP","qty":1}' $M/api/orders
    caplt $S fastapi-401-me-ats.txt 401 app fastapi "/api/me: FastAPI's 401 'Not authenticated', passed on" "curl -sv, only the < lines kept" -- -sv $RM $M/api/me
    cap $S fastapi-404-order9-ats.txt 404 app fastapi "order 9: FastAPI's JSON 404 {detail}, passed on" "curl -si" -- -si $RM $M/api/orders/9
    capwin $S fastapi-500-boom-ats.txt 500 app fastapi "/api/boom raises: the text 'Internal Server Error' of FastAPI's (Starlette's) ServerErrorMiddleware, passed on" "curl -si pasted with CRLF" -- -si $RM $M/api/boom
    cap $S fastapi-503-inventory-ats.txt 503 app fastapi "/api/inventory: FastAPI's JSON 503 with Retry-After, passed on" "curl -si" -- -si $RM $M/api/inventory
    cap $S fastapi-301-old-order-ats.txt 301 app fastapi "/old/orders/1: FastAPI's RedirectResponse 301, passed on" "curl -si" -- -si $RM $M/old/orders/1
    cap $S ats-403-purge-fastapi.txt 403 cdn-cache trafficserver "PURGE /api/orders/1: ip_allow denies PURGE, Traffic Server's own 403" "curl -si" -- -si $RM -X PURGE $M/api/orders/1
    cap $S ats-404-unmapped-host-fastapi.txt 404 cdn-cache trafficserver "a Host no remap rule names (the bare IP): Traffic Server's 'Not Found on Accelerator'" "curl -sv" -- -sv http://127.0.0.1:60771/api/orders/1
    cap $S ats-502-billing-dead-fastapi.txt 502 cdn-cache trafficserver "/billing/ mapped to 60899 where nothing listens: Traffic Server's 'Could Not Connect' 502" "curl -si" -- -si $RM $M/billing/invoices
    capwget $S ats-504-slow-fastapi-wget.txt 504 cdn-cache trafficserver "/api/slow takes 5 s, no_activity_timeout_out 2: Traffic Server's 504" "wget -S -O-" -- --header="Host: $H:60771" http://127.0.0.1:60771/api/slow
    capjq $BO body-fastapi-422-jq-ats.txt 0/422 app fastapi "POST without qty: FastAPI's validation detail list, no status number in it" "curl -s | jq ." -- $RM -H "$J" -d '{"sku":"MH-3"}' $M/api/orders
    kill_app fastapi
    cap $S ats-502-app-killed-fastapi.txt 502 cdn-cache trafficserver "Hypercorn killed: Traffic Server's 'Could Not Connect' 502" "curl -si" -- -si $RM $M/api/orders/1
    start_app fastapi || die "fastapi did not come back"
fi
# ================================================= h2o (fastcgi.connect) -> PHP on PHP-FPM ==
if up h2o; then
    log "capturing: plain PHP on PHP-FPM behind h2o"
    S=php-fpm-h2o-r177
    H=api.larchmont.test L=http://api.larchmont.test:60772 RL="--resolve api.larchmont.test:60772:127.0.0.1"
    cap $S php-200-invoice-h2o.txt 200 app php "invoice 1: PHP's answer passed on by h2o over FastCGI" "curl -si" -- -si $RL $L/api/invoices/1
    cap $S php-304-invoice-inm-h2o.txt 304 app php "If-None-Match: the PHP app's own 304, passed on" "curl -sv" -- -sv $RL -H 'If-None-Match: "lm-i1-v2"' $L/api/invoices/1
    caphttp $S php-201-create-h2o-httpie.txt 201 app php "POST /api/invoices: PHP's 201 with Location, passed on" "HTTPie -v with colours" -- -v POST http://127.0.0.1:60772/api/invoices Host:$H:60772 customer=acme
    cap $S php-422-create-no-customer-h2o.txt 422 app php "POST without customer: PHP's JSON 422, passed on" "curl -si" -- -si $RL -H "$J" -d '{"lines":[]}' $L/api/invoices
    cap $S php-409-create-dup-h2o.txt 409 app php "POST customer dup: PHP's JSON 409, passed on" "curl -si" -- -si $RL -H "$J" -d '{"customer":"dup"}' $L/api/invoices
    caplt $S php-401-me-h2o.txt 401 app php "/api/me: PHP's JSON 401 with WWW-Authenticate, passed on" "curl -sv, only the < lines kept" -- -sv $RL $L/api/me
    cap $S php-500-boom-empty-h2o.txt 500 app php "/api/boom: PHP's fatal error, an empty 500 (display_errors off), passed on" "curl -sv" -- -sv $RL $L/api/boom
    capwget $S php-503-ledger-h2o-wget.txt 503 app php "/api/ledger: PHP's JSON 503 with Retry-After, passed on" "wget -S -O-" -- --header="Host: $H:60772" http://127.0.0.1:60772/api/ledger
    cap $S php-301-old-invoice-h2o.txt 301 app php "/old/invoices/1: PHP's 301, passed on" "curl -si" -- -si $RL $L/old/invoices/1
    cap $S php-404-invoice9-h2o.txt 404 app php "invoice 9: PHP's JSON 404 {error,message}, passed on" "curl -si" -- -si $RL $L/api/invoices/9
    cap $S h2o-413-body-php.txt 413 proxy h2o "a 2 KB POST, limit-request-body 1024: h2o's 413" "curl -si" -- -si $RL -H "$J" --data-binary @"$RUN/work/big.txt" $L/api/invoices
    cap $S h2o-404-unrouted-php.txt 404 proxy h2o "/status (outside /api, /old, /billing): h2o's file handler on an empty dir, its 404" "curl -si" -- -si $RL $L/status
    cap $S h2o-503-billing-dead-php.txt 503 proxy h2o "/billing to 60899 where nothing listens: h2o's FastCGI handler answers 503 (reason 'Internal Server Error')" "curl -sv" -- -sv $RL $L/billing/invoices
    capraw $S h2o-503-slow-timeout-php.txt 503 proxy h2o "/api/slow sleeps 5 s, fastcgi.timeout.io 2000: h2o's FastCGI 503" "curl -si saved to a file (CRs kept)" -- -si $RL $L/api/slow
    capbody $BO body-php-409-dup-h2o.txt 0/409 app php "POST customer dup: PHP's JSON error, no status number in it" "curl -s" -- $RL -H "$J" -d '{"customer":"dup"}' $L/api/invoices
    kill_app fpm
    cap $S h2o-503-fpm-killed-php.txt 503 proxy h2o "PHP-FPM killed: h2o's FastCGI 503" "curl -si" -- -si $RL $L/api/invoices/1
    caphttph $HO httph-h2o-503-fpm-killed-php.txt 503 proxy h2o "PHP-FPM still down: h2o's 503" "HTTPie --headers with colours" -- GET http://127.0.0.1:60772/api/invoices/2 Host:$H:60772
    start_app fpm || die "fpm did not come back"
fi
# ================================================= nghttpx -> Rack on Puma ==
if up nghttpx; then
    log "capturing: plain Rack on Puma behind nghttpx"
    S=rack-puma-nghttpx-r177
    H=api.brindle.test B=http://api.brindle.test:60773 RB="--resolve api.brindle.test:60773:127.0.0.1"
    cap $S rack-200-parcel-nghttpx.txt 200 app rack "parcel 1: the Rack app's answer passed on (nghttpx adds X-Served-By and Via)" "curl -si" -- -si $RB $B/api/parcels/1
    caphttp $S rack-201-create-nghttpx-httpie.txt 201 app rack "POST /api/parcels: the Rack app's 201 with Location, passed on" "HTTPie -v with colours" -- -v POST http://127.0.0.1:60773/api/parcels Host:$H:60773 ref=BR-9 weight_kg:=1.2
    cap $S rack-422-create-no-weight-nghttpx.txt 422 app rack "POST without weight_kg: the Rack app's JSON 422, passed on" "curl -si" -- -si $RB -H "$J" -d '{"ref":"BR-9"}' $B/api/parcels
    capwin $S rack-409-create-dup-nghttpx.txt 409 app rack "POST ref BR-7731: the Rack app's JSON 409, passed on" "curl -si pasted with CRLF" -- -si $RB -H "$J" -d '{"ref":"BR-7731","weight_kg":1}' $B/api/parcels
    cap $S rack-401-me-nghttpx.txt 401 app rack "/api/me: the Rack app's JSON 401 with WWW-Authenticate, passed on" "curl -sv" -- -sv $RB $B/api/me
    cap $S rack-403-admin-html-nghttpx.txt 403 app rack "/api/admin: the Rack app's HTML 403 page, passed on" "curl -si" -- -si $RB $B/api/admin
    cap $S puma-500-boom-nghttpx.txt 500 app puma "/api/boom raises: Puma's own lowlevel-error 500, passed on" "curl -si" -- -si $RB $B/api/boom
    caplt $S rack-503-tracking-nghttpx.txt 503 app rack "/api/tracking: the Rack app's JSON 503 with Retry-After, passed on" "curl -sv, only the < lines kept" -- -sv $RB $B/api/tracking
    cap $S rack-301-track-nghttpx.txt 301 app rack "/track/7: the Rack app's 301, passed on" "curl -si" -- -si $RB $B/track/7
    capwget $S rack-404-no-route-nghttpx-wget.txt 404 app rack "/api/nope: the Rack app's text 'Not Found', passed on" "wget -S -O-" -- --header="Host: $H:60773" http://127.0.0.1:60773/api/nope
    cap $S nghttpx-502-ledger-dead-rack.txt 502 proxy nghttpx "/api/ledger/ routed to 60899 where nothing listens: nghttpx's 502" "curl -si" -- -si $RB $B/api/ledger/2025
    cap $S nghttpx-504-slow-rack.txt 504 proxy nghttpx "/api/slow takes 5 s, backend-read-timeout 2s: nghttpx's 504" "curl -sv" -- -sv $RB $B/api/slow
    capbody $BO body-rack-401-me-nghttpx.txt 0/401 app rack "/api/me: the Rack app's JSON 401, no status number in it" "curl -s" -- $RB $B/api/me
    kill_app puma
    cap $S nghttpx-502-app-killed-rack.txt 502 proxy nghttpx "Puma killed: nghttpx's 502" "curl -si" -- -si $RB $B/api/parcels/1
    capvnull $HO vnull-nghttpx-502-app-killed-rack.txt 502 proxy nghttpx "Puma still down: nghttpx's 502" "curl -sv -o /dev/null, only the < lines kept" -- $RB $B/api/parcels/2
    start_app puma || die "puma did not come back"
fi
# ================================================= lighttpd -> Express on Node ==
if up lighttpd; then
    log "capturing: Express on Node behind lighttpd"
    S=express-node-lighttpd-r177
    H=api.quillwort.test X=http://api.quillwort.test:60774 RX="--resolve api.quillwort.test:60774:127.0.0.1"
    cap $S express-200-order-lighttpd.txt 200 app express "order 1: Express's answer passed on by lighttpd" "curl -si" -- -si $RX $X/api/orders/1
    cap $S express-304-order-inm-lighttpd.txt 304 app express "If-None-Match: Express's own 304, passed on" "curl -sv" -- -sv $RX -H 'If-None-Match: "qw-o1-v7"' $X/api/orders/1
    caphttp $S express-201-create-lighttpd-httpie.txt 201 app express "POST /api/orders: Express's 201 with Location, passed on" "HTTPie -v with colours" -- -v POST http://127.0.0.1:60774/api/orders Host:$H:60774 sku=QW-2 qty:=4
    cap $S express-422-create-no-qty-lighttpd.txt 422 app express "POST without qty: Express's JSON 422, passed on" "curl -si" -- -si $RX -H "$J" -d '{"sku":"QW-2"}' $X/api/orders
    capraw $S express-409-create-dup-lighttpd.txt 409 app express "POST sku DUP: Express's JSON 409, passed on" "curl -si saved to a file (CRs kept)" -- -si $RX -H "$J" -d '{"sku":"DUP","qty":1}' $X/api/orders
    cap $S express-401-me-lighttpd.txt 401 app express "/api/me: Express's JSON 401 with WWW-Authenticate, passed on" "curl -si" -- -si $RX $X/api/me
    cap $S express-500-boom-lighttpd.txt 500 app express "/api/boom throws: Express's default HTML 500 (production, no stack), passed on" "curl -si" -- -si $RX $X/api/boom
    cap $S express-503-inventory-lighttpd.txt 503 app express "/api/inventory: Express's JSON 503 with Retry-After, passed on" "curl -sv" -- -sv $RX $X/api/inventory
    cap $S express-404-order9-lighttpd.txt 404 app express "order 9: Express's JSON 404, passed on" "curl -si" -- -si $RX $X/api/orders/9
    cap $S lighttpd-413-body-express.txt 413 proxy lighttpd "a 2 KB POST, server.max-request-size 1 (KB): lighttpd's 413" "curl -si" -- -si $RX -H "$J" --data-binary @"$RUN/work/big.txt" $X/api/orders
    cap $S lighttpd-404-unrouted-express.txt 404 proxy lighttpd "/status (not proxied): lighttpd's own 404 from an empty docroot" "curl -si" -- -si $RX $X/status
    capwget $S lighttpd-403-internal-express-wget.txt 403 proxy lighttpd "/internal/: url.access-deny, lighttpd's 403" "wget -S -O-" -- --header="Host: $H:60774" http://127.0.0.1:60774/internal/metrics
    cap $S lighttpd-504-slow-express.txt 504 proxy lighttpd "/api/slow takes 5 s, read-timeout 2: lighttpd's 504" "curl -si" -- -si $RX $X/api/slow
    cap $S lighttpd-503-billing-dead-express.txt 503 proxy lighttpd "/billing/ to 60899 where nothing listens: lighttpd's 503" "curl -sv" -- -sv $RX $X/billing/invoices
    capbody $BO body-express-429-quota-lighttpd.txt 0/429 app express "/api/quota: Express's JSON 429, no status number in it" "curl -s" -- $RX $X/api/quota
    kill_app express
    cap $S lighttpd-503-app-killed-express.txt 503 proxy lighttpd "Node killed: lighttpd's 503" "curl -si" -- -si $RX $X/api/orders/1
    start_app express || die "express did not come back"
fi
# ================================================= tinyproxy (reverse) -> Flask on Waitress ==
if up tinyproxy; then
    log "capturing: Flask on Waitress behind tinyproxy (reverse)"
    S=flask-waitress-tinyproxy-r177
    H=api.tollgate.test T=http://api.tollgate.test:60775 RT="--resolve api.tollgate.test:60775:127.0.0.1"
    cap $S flask-200-order-tinyproxy.txt 200 app flask "order 1: Flask's answer passed on (tinyproxy adds its Via)" "curl -si" -- -si $RT $T/api/orders/1
    caphttp $S flask-201-create-tinyproxy-httpie.txt 201 app flask "POST /api/orders: Flask's 201 with Location, passed on" "HTTPie -v with colours" -- -v POST http://127.0.0.1:60775/api/orders Host:$H:60775 sku=TG-1 qty:=2
    cap $S flask-422-create-no-qty-tinyproxy.txt 422 app flask "POST without qty: Flask's JSON 422, passed on" "curl -si" -- -si $RT -H "$J" -d '{"sku":"TG-1"}' $T/api/orders
    cap $S flask-409-create-dup-tinyproxy.txt 409 app flask "POST sku DUP: Flask's JSON 409, passed on" "curl -sv" -- -sv $RT -H "$J" -d '{"sku":"DUP","qty":1}' $T/api/orders
    capwin $S flask-401-me-tinyproxy.txt 401 app flask "/api/me without a token: Flask's JSON 401 with WWW-Authenticate, passed on" "curl -si pasted with CRLF" -- -si $RT $T/api/me
    cap $S flask-404-order9-tinyproxy.txt 404 app flask "order 9: Flask's JSON 404 {error,message}, passed on" "curl -si" -- -si $RT $T/api/orders/9
    cap $S flask-500-boom-tinyproxy.txt 500 app flask "/api/boom raises: Flask's stock HTML 500, passed on" "curl -si" -- -si $RT $T/api/boom
    caplt $S flask-503-inventory-tinyproxy.txt 503 app flask "/api/inventory: Flask's JSON 503 with Retry-After, passed on" "curl -sv, only the < lines kept" -- -sv $RT $T/api/inventory
    capwget $S flask-301-old-order-tinyproxy-wget.txt 301 app flask "/old/orders/1: Flask's 301 redirect, passed on (--max-redirect=0, so wget stops at the 301)" "wget -S -O- --max-redirect=0" -- --header="Host: $H:60775" --max-redirect=0 http://127.0.0.1:60775/old/orders/1
    cap $S tinyproxy-403-internal-flask.txt 403 proxy tinyproxy "/internal/ matches tinyproxy's URL filter: its stock 'Filtered' page" "curl -si" -- -si $RT $T/internal/metrics
    cap $S tinyproxy-500-billing-dead-flask.txt 500 proxy tinyproxy "/billing/ (ReversePath) to 60899 where nothing listens: tinyproxy's stock 'Unable to connect' page" "curl -sv" -- -sv $RT $T/billing/invoices
    capjq $BO body-flask-401-me-jq-tinyproxy.txt 0/401 app flask "/api/me: Flask's JSON 401, no status number in it" "curl -s | jq ." -- $RT $T/api/me
    kill_app flask
    cap $S tinyproxy-500-app-killed-flask.txt 500 proxy tinyproxy "Waitress killed: tinyproxy's stock 'Unable to connect' page" "curl -si" -- -si $RT $T/api/orders/1
    capcutn $HO cutn-tinyproxy-500-app-killed-flask.txt 500 proxy tinyproxy "Waitress still down: tinyproxy's 500, the status line and first headers" "curl -si, the status line and 3 headers kept" -- 3 i $RT $T/api/orders/2
    start_app flask || die "flask did not come back"
fi
# ================================================= Squid (accel) -> Django on Twisted Web ==
if up squid; then
    log "capturing: Django on Twisted Web (WSGI) behind Squid"
    S=django-twisted-squid-r177
    H=api.kestrel.test Q=http://api.kestrel.test:60776 RQ="--resolve api.kestrel.test:60776:127.0.0.1"
    cap $S django-200-ticket-miss-squid.txt 200 app django "ticket 1, first request: a MISS, Django's answer passed on (Squid's Via, X-Request-ID)" "curl -si" -- -si $RQ $Q/api/tickets/1
    caplt $S squid-200-ticket-hit-django.txt 200 cdn-cache squid "ticket 1 again (public, max-age=300): a HIT from Squid's store" "curl -sv, only the < lines kept" -- -sv $RQ $Q/api/tickets/1
    cap $S squid-304-ticket-inm-django.txt 304 cdn-cache squid "If-None-Match with the stored ETag: Squid's 304 from its store" "curl -sv" -- -sv $RQ -H 'If-None-Match: "kt-t1-v4"' $Q/api/tickets/1
    cap $S django-400-ticket-id-squid.txt 400 app django "ticket id not a number: Django's JSON 400, passed on" "curl -si" -- -si $RQ $Q/api/tickets/abc
    caphttp $S django-401-me-squid-httpie.txt 401 app django "/api/me: Django's JSON 401 with WWW-Authenticate, passed on" "HTTPie -v with colours" -- -v GET http://127.0.0.1:60776/api/me Host:$H:60776
    cap $S django-404-ticket7-squid.txt 404 app django "ticket 7 (no-store): Django's JSON 404, passed on" "curl -si" -- -si $RQ $Q/api/tickets/7
    cap $S django-500-boom-squid.txt 500 app django "/api/boom: Django's JSON 500, passed on" "curl -si" -- -si $RQ $Q/api/boom
    capwin $S django-502-payments-html-squid.txt 502 app django "/api/payments: the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RQ $Q/api/payments
    cap $S django-503-statements-html-squid.txt 503 app django "/api/statements: the app's own HTML 503 page, passed on" "curl -sv" -- -sv $RQ $Q/api/statements
    cap $S django-404-unrouted-html-squid.txt 404 app django "/api/nope: Django's own HTML 'Not Found', passed on" "curl -si" -- -si $RQ $Q/api/nope
    cap $S squid-413-body-django.txt 413 cdn-cache squid "a 2 KB POST, request_body_max_size 1 KB: Squid's ERR_TOO_BIG" "curl -si" -- -si $RQ -H "$J" --data-binary @"$RUN/work/big.txt" $Q/api/tickets/1
    cap $S squid-403-internal-django.txt 403 cdn-cache squid "/internal/: http_access deny, Squid's ERR_ACCESS_DENIED" "curl -si" -- -si $RQ $Q/internal/metrics
    capwget $S squid-504-slow-django-wget.txt 504 cdn-cache squid "/api/slow takes 5 s, read_timeout 3 s: Squid's ERR_READ_TIMEOUT" "wget -S -O-" -- --header="Host: $H:60776" http://127.0.0.1:60776/api/slow
    capbody $BO body-django-504-reports-html-squid.txt 504/504 app django "/api/reports: the app's own HTML 504 page, its title shows 504" "curl -s" -- $RQ $Q/api/reports
    kill_app django
    capraw $S squid-503-app-killed-django.txt 503 cdn-cache squid "Twisted killed, ticket 2 never cached: Squid's ERR_CONNECT_FAIL" "curl -si saved to a file (CRs kept)" -- -si $RQ $Q/api/tickets/2
    caphead $HO head-squid-503-app-killed-django.txt 503 cdn-cache squid "Twisted still down, ticket 3: Squid's ERR_CONNECT_FAIL" "curl -sI" -- $RQ $Q/api/tickets/3
    start_app django || die "django did not come back"
fi
log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in ats h2o nghttpx lighttpd tinyproxy squid; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round177/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
