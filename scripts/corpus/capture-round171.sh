#!/usr/bin/env bash
# capture-round171.sh — build the hundred-and-seventy-first held-out evidence
# corpus in tests/fixtures/evidence-round171/.
#
# "The issue's failure classes an eighteenth time, on runtimes other than
# Node and Python's usual servers" (round 150 the reference and the model):
# six setups, one front each, round 150's four apps (scripts/corpus/apps150/,
# unchanged) moved onto new fronts, plus the Rack app on WEBrick. Front
# configs in scripts/corpus/conf-round171/ (round 150's, moved to 62xxx and
# re-pointed):
#   - nginx 1.22 -> Bun.serve (apps150/bun_app.js);
#   - Traffic Server 9.2 -> plain Rack on WEBrick (apps150/rack_app.ru, rackup -s webrick);
#   - Caddy 2.6 -> plain Rack on Thin (apps150/rack_app.ru);
#   - HAProxy 2.6 (plain HTTP) -> the JDK's com.sun.net.httpserver (apps150/FreightServer.java);
#   - lighttpd 1.4 -> plain Rack on Puma (apps150/rack_app.ru);
#   - Apache 2.4 (mod_proxy_fcgi) -> plain PHP on PHP-FPM 8.2 (apps150/index.php):
#     the one pairing used before (php-fpm-apache, plain-php-fpm-apache-r138,
#     php-fpm-apache-r154), here with round 150's Larchmont app and config.
# Plain HTTP/1.1 throughout. Helpers are round 150's, unchanged.
#
#   scripts/corpus/capture-round171.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round171.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round171.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-63999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers
# meanwhile: those are not looked at, and never stopped); every curl, HTTPie
# and wget request runs under `timeout`; every server it started is stopped
# on exit, by process id. Labels are written by finish_round171.py, which
# refuses (and this script then leaves the fixtures as they were) when a
# label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round171"
RUN=/tmp/api-triage-corpus171-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round171"
APPS150="$HERE/apps150"  # reused unchanged
VENV=${CORPUS_VENV171:-/tmp/api-triage-corpus171-venv}     # HTTPie only
NODE_DIR=${CORPUS_NODE171:-/tmp/api-triage-corpus171-node} # unused: Bun is Debian's /usr/bin/bun (1.4.5); kept for the layout
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"
HTTPIE="$VPY"
PYPI=(httpie==3.2.4)
BUN=$(command -v bun || echo "$NODE_DIR/node_modules/.bin/bun")

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus171 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq nginx apache2 caddy haproxy lighttpd trafficserver thin puma ruby-rack ruby-webrick php8.2-fpm php8.2-cli openjdk-17-jdk-headless python3-venv)
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

install_venv() {  # HTTPie from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie" 2>/dev/null && return 0
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round171.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS150 ]] || die "missing $CONF or $APPS150"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,jdk,php-fpm,larchmont,apache/htdocs,nginx/tmp,caddy/data,caddy/config,haproxy,lighttpd/htdocs}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -x $BUN ]] || die "bun is missing"
for p in nginx apache2 caddy haproxy lighttpd trafficserver thin puma ruby-rack ruby-webrick php8.2-fpm jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
command -v javac >/dev/null || die "javac is missing (openjdk-17-jdk-headless)"

# Fronts: nginx 62101 (Bun), Traffic Server 62102 (WEBrick), Caddy 62103
# (Thin), HAProxy 62104 (JDK), lighttpd 62105 (Puma), Apache 62106 (PHP-FPM).
# Apps: Thin 62201, WEBrick 62202, JDK 62203, PHP-FPM 62204, Puma 62205,
# Bun 62206. 62299: nothing listens (the fronts' /legacy/).
TCP_PORTS=(62101 62102 62103 62104 62105 62106 62201 62202 62203 62204 62205 62206 62299)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

rconf() { sed -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$CONF|g" "$1" >"$2"; }
cp "$APPS150/index.php" "$RUN/larchmont/index.php"
rconf "$CONF/php-fpm.conf" "$RUN/php-fpm/larchmont.conf"
chown -R www-data: "$RUN/php-fpm" "$RUN/larchmont" 2>/dev/null || true
nice -n 15 timeout 300 javac -d "$RUN/jdk" "$APPS150/FreightServer.java" >"$RUN/logs/javac.log" 2>&1 || die "the JDK app did not compile"

declare -A UP=()
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    thin) start_bg thin nice -n 5 thin --address 127.0.0.1 --port 62201 --environment production \
            --rackup "$APPS150/rack_app.ru" --tag corpus171 start
        wait_port 62201 thin ;;
    webrick) start_bg webrick nice -n 5 rackup --server webrick --host 127.0.0.1 --port 62202 \
            --env production "$APPS150/rack_app.ru"
        wait_port 62202 webrick ;;
    jdk) start_bg jdk nice -n 5 java -cp "$RUN/jdk" FreightServer 62203
        wait_port 62203 jdk ;;
    fpm) start_bg fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/larchmont.conf"
        wait_port 62204 fpm ;;
    puma) start_bg puma nice -n 5 puma --bind tcp://127.0.0.1:62205 --environment production \
            --threads 2:4 --tag corpus171 "$APPS150/rack_app.ru"
        wait_port 62205 puma ;;
    bun) start_bg bun env NODE_ENV=production nice -n 5 "$BUN" "$APPS150/bun_app.js" 62206
        wait_port 62206 bun ;;
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
for a in thin webrick jdk fpm puma bun; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
rconf "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 62101 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
A=$RUN/ats
mkdir -p "$A"/etc "$A"/var/cache "$A"/log "$A"/run
for f in logging.yaml cache.config hosting.config parent.config sni.yaml socks.config \
         splitdns.config volume.config strategies.yaml ssl_multicert.config; do
    [[ -e /etc/trafficserver/$f ]] && cp "/etc/trafficserver/$f" "$A/etc/"
done
rconf "$CONF/records.config" "$A/etc/records.config"
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
wait_port 62102 trafficserver && UP[ats]=1
rconf "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 62103 caddy && UP[caddy]=1
rconf "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62104 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
rconf "$CONF/lighttpd.conf" "$RUN/lighttpd/lighttpd.conf"
start_bg lighttpd lighttpd -D -f "$RUN/lighttpd/lighttpd.conf"
wait_port 62105 lighttpd && UP[lighttpd]=1
rconf "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 62106 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"
if [[ -n ${CORPUS_PROBE:-} ]]; then log "probe mode: servers up, sleeping $CORPUS_PROBE s"; sleep "$CORPUS_PROBE"; exit 0; fi

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 171 (held out): real responses captured by
# scripts/corpus/capture-round171.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-170:
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

# ================================================= nginx -> Bun.serve ==
if up nginx; then
    log "capturing: Bun.serve behind nginx"
    S=bun-serve-nginx-r171
    H=api.ferrule.test N=http://api.ferrule.test:62101 RN="--resolve api.ferrule.test:62101:127.0.0.1"
    cap $S bun-200-booking-nginx.txt 200 app bun "booking 1: Bun.serve's JSON passed on (nginx's Server: and X-Request-ID)" "curl -si" -- -si $RN $N/api/bookings/1
    cap $S bun-304-booking-inm-nginx.txt 304 app bun "If-None-Match with the booking's ETag: the app's own 304, passed on" "curl -sv" -- -sv $RN -H 'If-None-Match: "fe-b1-v7"' $N/api/bookings/1
    cap $S bun-201-booking-create-nginx.txt 201 app bun "POST a booking: the app's 201 with Location" "curl -si" -- -si $RN "${JSONH[@]}" -d '{"room":"Alder 2"}' $N/api/bookings
    cap $S bun-409-booking-taken-nginx.txt 409 app bun "POST room Linden 4: the app's JSON 409" "curl -si" -- -si $RN "${JSONH[@]}" -d '{"room":"Linden 4"}' $N/api/bookings
    cap $S bun-403-admin-html-nginx.txt 403 app bun "/api/admin: the app's own HTML 403 page" "curl -si" -- -si $RN $N/api/admin
    cap $S bun-502-payments-html-nginx.txt 502 app bun "/api/payments: the app's own HTML 502 about the card processor, passed on" "curl -si" -- -si $RN $N/api/payments
    capwin $S bun-504-rates-text-nginx.txt 504 app bun "/api/rates: the app's own text 504 about the rates service, passed on" "curl -si pasted with CRLF" -- -si $RN $N/api/rates
    cap $S bun-500-boom-nginx.txt 500 app bun "/api/boom throws, development off: Bun's own text 500, passed on" "curl -si" -- -si $RN $N/api/boom
    cap $S bun-301-short-link-nginx.txt 301 app bun "/b/1: the app's 301 to /api/bookings/1" "curl -si" -- -si $RN $N/b/1
    cap $S nginx-404-unrouted-bun.txt 404 proxy nginx "/metrics is outside /api/ and /b/: nginx's own 404 page (return 404)" "curl -si" -- -si $RN $N/metrics
    cap $S nginx-429-exports-json-bun.txt 429 proxy nginx "/api/exports/: nginx's own JSON 429 with its request id in the body" "curl -si" -- -si $RN $N/api/exports/daily
    cap $S nginx-413-body-bun.txt 413 proxy nginx "a 2 KB POST, client_max_body_size 1k: nginx's 413 page" "curl -si" -- -si $RN "${JSONH[@]}" --data-binary @"$RUN/work/big.txt" $N/api/bookings
    cap $S nginx-504-slow-bun.txt 504 proxy nginx "/api/slow takes 5 s, proxy_read_timeout 2s: nginx's 504 page" "curl -sv" -- -sv $RN $N/api/slow
    capprompt $BO body-bun-404-text-nginx.txt 0/404 app bun "/api/nothing: Bun.serve's text 'Not Found' (no final newline, the prompt after it), no number" "curl -s, the next prompt kept" -- $RN $N/api/nothing
    kill_app bun
    cap $S nginx-502-app-down-bun.txt 502 proxy nginx "Bun killed: nginx's 502 page (connection refused)" "curl -si" -- -si $RN $N/api/bookings/1
    caphead $HO head-nginx-502-app-down-bun.txt 502 proxy nginx "HEAD while Bun is down: nginx's 502" "curl -sI" -- $RN $N/api/bookings/2
    start_app bun || die "bun did not come back"
fi
# ================================================= Traffic Server -> Rack on WEBrick ==
if up ats; then
    log "capturing: Rack on WEBrick behind Traffic Server"
    S=rack-webrick-trafficserver-r171
    H=api.brindle.test T=http://api.brindle.test:62102 RT="--resolve api.brindle.test:62102:127.0.0.1"
    cap $S rack-200-parcel-miss-ats.txt 200 app rack "parcel 1, first request: a MISS, the Rack app's JSON from WEBrick passed on (ATS's Via)" "curl -si" -- -si $RT $T/api/parcels/1
    caplt $S ats-200-parcel-hit-webrick.txt 200 cdn-cache trafficserver "parcel 1 again: from Traffic Server's cache" "curl -sv, only the < lines kept" -- -sv $RT $T/api/parcels/1
    cap $S ats-304-parcel-inm-webrick.txt 304 cdn-cache trafficserver "If-None-Match with the stored ETag: Traffic Server's own 304 from the fresh copy" "curl -sv" -- -sv $RT -H 'If-None-Match: "br-p1-v3"' $T/api/parcels/1
    cap $S rack-201-parcel-create-ats.txt 201 app rack "POST a parcel: the app's 201 with Location, passed on" "curl -si" -- -si $RT "${JSONH[@]}" -d '{"ref":"BR-8003","weight_kg":3}' $T/api/parcels
    cap $S rack-422-parcel-ats.txt 422 app rack "POST without weight_kg: the app's JSON 422 with a field list" "curl -si" -- -si $RT "${JSONH[@]}" -d '{"ref":"BR-8004"}' $T/api/parcels
    cap $S ats-411-parcel-put-webrick.txt 411 cdn-cache trafficserver "PUT with no body and no Content-Length: Traffic Server's own 411 (as in round 150)" "curl -si" -- -si $RT -X PUT $T/api/parcels/1
    cap $S rack-405-parcel-put-ats.txt 405 app rack "PUT with a JSON body on a parcel: the app's JSON 405 with Allow" "curl -si" -- -si $RT -X PUT "${JSONH[@]}" -d '{"state":"lost"}' $T/api/parcels/1
    cap $S rack-301-track-ats.txt 301 app rack "/track/1: the app's 301 to /api/parcels/1" "curl -si" -- -si $RT $T/track/1
    capdump $S rack-502-labels-html-ats.txt 502 app rack "/api/labels: the app's own HTML 502 about the label printer service, passed on" "curl -s -D-" -- $RT $T/api/labels
    cap $S webrick-500-boom-ats.txt 500 app webrick "/api/boom raises, rackup --env production (no ShowExceptions): WEBrick's own HTML 500 page, passed on" "curl -si" -- -si $RT $T/api/boom
    capjq $BO body-rack-404-parcel7-jq-ats.txt 0/404 app rack "parcel 7: the app's JSON 404, no status number in it (a MISS)" "curl -s | jq ." -- $RT $T/api/parcels/7
    HTTPIE_CMD=http caphttp $S rack-404-parcel9-ats-httpie.txt 404 app rack "HTTPie: parcel 9, the app's JSON 404 (public, max-age=30), a MISS" "HTTPie -v with colours" -- -v GET http://127.0.0.1:62102/api/parcels/9 Host:$H:62102
    cap $S ats-504-slow-webrick.txt 504 cdn-cache trafficserver "/api/slow waits 5 s, transaction_no_activity_timeout_out 2: Traffic Server's 'Inactivity Timeout'" "curl -si" -- -si $RT $T/api/slow
    cap $S ats-502-legacy-webrick.txt 502 cdn-cache trafficserver "/legacy/ mapped to 62299 where nothing listens: 'Could Not Connect'" "curl -si" -- -si $RT $T/legacy/parcels/1
    cap $S ats-404-unknown-host-webrick.txt 404 cdn-cache trafficserver "a Host no remap rule maps (the bare IP): 'Not Found on Accelerator'" "curl -si" -- -si http://127.0.0.1:62102/api/parcels/1
    kill_app webrick
    cap $S ats-502-app-down-webrick.txt 502 cdn-cache trafficserver "WEBrick killed, parcel 2 never cached: Traffic Server's 'Could Not Connect'" "curl -si" -- -si $RT $T/api/parcels/2
    capcutn $HO cutn-ats-200-parcel-hit-app-down-webrick.txt 200 cdn-cache trafficserver "parcel 1 while WEBrick is down: from Traffic Server's cache, the status line and first headers" "curl -si, the status line and 4 headers kept" -- 4 i $RT $T/api/parcels/1
    start_app webrick || die "webrick did not come back"
fi
# ================================================= Caddy -> Rack on Thin ==
if up caddy; then
    log "capturing: Rack on Thin behind Caddy"
    S=rack-thin-caddy-r171
    H=api.brindle.test C=http://api.brindle.test:62103 RC="--resolve api.brindle.test:62103:127.0.0.1"
    cap $S rack-200-parcel-caddy.txt 200 app rack "parcel 1: the Rack app's JSON on Thin passed on (Caddy's X-Request-ID added)" "curl -si" -- -si $RC $C/api/parcels/1
    cap $S rack-304-parcel-inm-caddy.txt 304 app rack "If-None-Match with the parcel's ETag: the app's own 304" "curl -si" -- -si $RC -H 'If-None-Match: "br-p1-v3"' $C/api/parcels/1
    HTTPIE_CMD=http caphttp $S rack-201-parcel-caddy-httpie.txt 201 app rack "HTTPie: POST a parcel, the app's 201 with Location" "HTTPie -v with colours" -- -v POST http://127.0.0.1:62103/api/parcels Host:$H:62103 ref=BR-8101 weight_kg:=1.5
    cap $S rack-409-parcel-dup-caddy.txt 409 app rack "POST an existing ref: the app's JSON 409" "curl -sv" -- -sv $RC "${JSONH[@]}" -d '{"ref":"BR-7731","weight_kg":2}' $C/api/parcels
    cap $S rack-403-admin-html-caddy.txt 403 app rack "/api/admin: the app's own HTML 403 page" "curl -si" -- -si $RC $C/api/admin
    cap $S rack-504-quotes-text-caddy.txt 504 app rack "/api/quotes: the app's own text 504 about the rates service, passed on" "curl -si" -- -si $RC $C/api/quotes
    cap $S thin-500-boom-caddy.txt 500 app thin "/api/boom raises: Thin's own text 500, passed on" "curl -si" -- -si $RC $C/api/boom
    cap $S rack-404-text-unknown-caddy.txt 404 app rack "/api/nothing: the app's text 'Not Found', passed on" "curl -si" -- -si $RC $C/api/nothing
    capbody $BO body-rack-404-parcel9-caddy.txt 0/404 app rack "parcel 9: the app's JSON 404, no status number in it" "curl -s" -- $RC $C/api/parcels/9
    cap $S caddy-429-exports-json-thin.txt 429 proxy caddy "/api/exports/: Caddy's own JSON 429 (respond)" "curl -si" -- -si $RC $C/api/exports/daily
    cap $S caddy-503-reports-json-thin.txt 503 proxy caddy "/api/reports/: Caddy's own JSON maintenance 503 with Retry-After" "curl -si" -- -si $RC $C/api/reports/weekly
    cap $S caddy-410-v1-empty-thin.txt 410 proxy caddy "/api/v1/: Caddy's respond 410, no body" "curl -si" -- -si $RC $C/api/v1/parcels/1
    cap $S caddy-404-unrouted-empty-thin.txt 404 proxy caddy "/metrics is outside /api/: Caddy's empty 404 (respond 404)" "curl -si" -- -si $RC $C/metrics
    cap $S caddy-504-slow-thin.txt 504 proxy caddy "/api/slow takes 5 s, response_header_timeout 2s: Caddy's empty 504" "curl -sv" -- -sv $RC $C/api/slow
    kill_app thin
    cap $S caddy-502-app-down-thin.txt 502 proxy caddy "Thin killed: Caddy's empty 502" "curl -si" -- -si $RC $C/api/parcels/1
    capvnull $HO vnull-caddy-502-app-down-thin.txt 502 proxy caddy "Thin still down: Caddy's empty 502" "curl -sv -o /dev/null, only the < lines kept" -- $RC $C/api/parcels/2
    start_app thin || die "thin did not come back"
fi
# ================================================= HAProxy -> JDK HttpServer ==
if up haproxy; then
    log "capturing: JDK HttpServer behind HAProxy"
    S=jdk-httpserver-haproxy-r171
    H=api.kittering.test K=http://api.kittering.test:62104 RK="--resolve api.kittering.test:62104:127.0.0.1"
    cap $S jdk-200-shipment-haproxy.txt 200 app jdk-httpserver "shipment 1: the JDK server's JSON passed on (HAProxy's X-Request-ID added)" "curl -si" -- -si $RK $K/api/shipments/1
    cap $S jdk-304-shipment-inm-haproxy.txt 304 app jdk-httpserver "If-None-Match with the shipment's ETag: the app's own 304" "curl -sv" -- -sv $RK -H 'If-None-Match: "kt-s1-v5"' $K/api/shipments/1
    cap $S jdk-201-shipment-haproxy.txt 201 app jdk-httpserver "POST a shipment: the app's 201 with Location" "curl -si" -- -si $RK "${JSONH[@]}" -d '{"ref":"KT-5100","dest":"Antwerp"}' $K/api/shipments
    cap $S jdk-409-shipment-dup-haproxy.txt 409 app jdk-httpserver "POST ref KT-DUP: the app's JSON 409" "curl -si" -- -si $RK "${JSONH[@]}" -d '{"ref":"KT-DUP","dest":"Hull"}' $K/api/shipments
    cap $S jdk-401-me-haproxy.txt 401 app jdk-httpserver "no token: the app's JSON 401 with WWW-Authenticate: Bearer" "curl -si" -- -si $RK $K/api/me
    cap $S jdk-404-no-context-haproxy.txt 404 app jdk-httpserver "/api/nothing: no context covers it, HttpServer's own 'No context found for request' 404" "curl -si" -- -si $RK $K/api/nothing
    capdump $S jdk-502-customs-html-haproxy.txt 502 app jdk-httpserver "/api/customs: the app's own HTML 502 about the customs broker, passed on" "curl -s -D-" -- $RK $K/api/customs
    cap $S jdk-504-rates-text-haproxy.txt 504 app jdk-httpserver "/api/rates: the app's own text 504 about the rates service, passed on" "curl -si" -- -si $RK $K/api/rates
    cap $S jdk-301-track-haproxy.txt 301 app jdk-httpserver "/track: the app's 301 to /api/shipments/1, no body" "curl -si" -- -si $RK $K/track
    cap $S haproxy-502-boom-conn-closed-jdk.txt 502 load-balancer haproxy "/api/boom: the handler throws and HttpServer closes the connection with no response; HAProxy's stock 502" "curl -si" -- -si $RK $K/api/boom
    cap $S haproxy-504-slow-jdk.txt 504 load-balancer haproxy "/api/slow takes 5 s, timeout server 2s: HAProxy's stock 504" "curl -si" -- -si $RK $K/api/slow
    cap $S haproxy-429-exports-json-jdk.txt 429 load-balancer haproxy "/api/exports/: http-request return, HAProxy's own JSON 429" "curl -si" -- -si $RK $K/api/exports/daily
    cap $S haproxy-503-beta-empty-jdk.txt 503 load-balancer haproxy "/api/beta/: http-request return status 503 with no body" "curl -sv" -- -sv $RK $K/api/beta/shipments
    cap $S haproxy-404-unrouted-jdk.txt 404 load-balancer haproxy "/metrics is outside /api/: deny_status 404, HAProxy's stock 404 page" "curl -si" -- -si $RK $K/metrics
    cap $S haproxy-413-body-jdk.txt 413 load-balancer haproxy "a 2 KB POST: deny_status 413 on req.body_size, HAProxy's stock 413 page" "curl -si" -- -si $RK "${JSONH[@]}" --data-binary @"$RUN/work/big.txt" $K/api/shipments
    capjq $BO body-jdk-409-shipment-dup-jq-haproxy.txt 409/409 app jdk-httpserver "POST ref KT-DUP: the app's JSON 409, its status field shows 409" "curl -s | jq ." -- $RK "${JSONH[@]}" -d '{"ref":"KT-DUP","dest":"Hull"}' $K/api/shipments
    capbody $BO body-haproxy-429-exports-json-jdk.txt 0/429 load-balancer haproxy "/api/exports/: HAProxy's JSON 429, no status number in it" "curl -s" -- $RK $K/api/exports/weekly
    capcutn $HO cutn-jdk-200-shipment-haproxy.txt 200 app jdk-httpserver "shipment 1: the JDK server's answer, the status line and first headers" "curl -sv, the status line and 3 headers kept with the < marks" -- 3 v $RK $K/api/shipments/1
    kill_app jdk
    capwget $S haproxy-503-app-down-json-jdk-wget.txt 503 load-balancer haproxy "the JDK server killed: errorfile 503, HAProxy's own JSON 503" "wget -S -O-" -- --header="Host: $H:62104" http://127.0.0.1:62104/api/shipments/1
    caphttph $HO httph-haproxy-503-app-down-jdk.txt 503 load-balancer haproxy "the JDK server still down: HAProxy's JSON 503" "HTTPie --headers with colours" -- GET http://127.0.0.1:62104/api/shipments/2 Host:$H:62104
    start_app jdk || die "jdk did not come back"
fi
# ================================================= lighttpd -> Rack on Puma ==
if up lighttpd; then
    log "capturing: Rack on Puma behind lighttpd"
    S=rack-puma-lighttpd-r171
    H=api.brindle.test G=http://api.brindle.test:62105 RG="--resolve api.brindle.test:62105:127.0.0.1"
    cap $S rack-200-parcel-lighttpd.txt 200 app rack "parcel 1: the Rack app's JSON on Puma, passed on by lighttpd" "curl -si" -- -si $RG $G/api/parcels/1
    cap $S rack-304-parcel-inm-lighttpd.txt 304 app rack "If-None-Match with the parcel's ETag: the app's own 304" "curl -sv" -- -sv $RG -H 'If-None-Match: "br-p1-v3"' $G/api/parcels/1
    cap $S rack-201-parcel-create-lighttpd.txt 201 app rack "POST a parcel: the app's 201 with Location" "curl -si" -- -si $RG "${JSONH[@]}" -d '{"ref":"BR-8201","weight_kg":0.4}' $G/api/parcels
    cap $S rack-204-parcel-delete-lighttpd.txt 204 app rack "DELETE parcel 1: the app's 204" "curl -sv" -- -sv $RG -X DELETE $G/api/parcels/1
    cap $S rack-301-track-lighttpd.txt 301 app rack "/track/1: the app's 301 to /api/parcels/1" "curl -si" -- -si $RG $G/track/1
    cap $S rack-401-me-lighttpd.txt 401 app rack "no token: the app's JSON 401 with WWW-Authenticate: Bearer" "curl -si" -- -si $RG $G/api/me
    capraw $S rack-502-labels-html-lighttpd.txt 502 app rack "/api/labels: the app's own HTML 502 about the label printer service, passed on" "curl -si saved to a file (CRs kept)" -- -si $RG $G/api/labels
    cap $S puma-500-boom-lighttpd.txt 500 app puma "/api/boom raises: Puma's own lowlevel-error 500, passed on" "curl -si" -- -si $RG $G/api/boom
    capjq $BO body-rack-422-parcel-jq-lighttpd.txt 0/422 app rack "POST without weight_kg: the app's JSON 422, no status number in it" "curl -s | jq ." -- $RG "${JSONH[@]}" -d '{"ref":"BR-8202"}' $G/api/parcels
    cap $S lighttpd-504-slow-puma.txt 504 proxy lighttpd "/api/slow takes 5 s, read-timeout 2: lighttpd's 504 page" "curl -si" -- -si $RG $G/api/slow
    cap $S lighttpd-404-unrouted-puma.txt 404 proxy lighttpd "/metrics falls to the empty document root: lighttpd's 404 page" "curl -si" -- -si $RG $G/metrics
    cap $S lighttpd-403-internal-puma.txt 403 proxy lighttpd "/internal/: url.access-deny, lighttpd's 403 page" "curl -si" -- -si $RG $G/internal/status
    cap $S lighttpd-413-body-puma.txt 413 proxy lighttpd "a 2 KB POST, server.max-request-size 1 KiB: lighttpd's 413 page" "curl -si" -- -si $RG "${JSONH[@]}" --data-binary @"$RUN/work/big.txt" $G/api/parcels
    cap $S lighttpd-503-legacy-puma.txt 503 proxy lighttpd "/legacy/ to 62299 where nothing listens: lighttpd's 503 page" "curl -sv" -- -sv $RG $G/legacy/parcels/1
    kill_app puma
    cap $S lighttpd-503-app-down-puma.txt 503 proxy lighttpd "Puma killed: lighttpd's 503 page (connection refused)" "curl -si" -- -si $RG $G/api/parcels/1
    capcutr $HO cutr-lighttpd-503-app-down-puma.txt 503 proxy lighttpd "Puma still down: lighttpd's 503, the status line and first headers with their CRs" "curl -si, the status line and 3 headers kept" -- 3 $RG $G/api/parcels/2
    start_app puma || die "puma did not come back"
fi
# ================================================= Apache (mod_proxy_fcgi) -> PHP-FPM ==
if up apache; then
    log "capturing: plain PHP on PHP-FPM behind Apache (mod_proxy_fcgi)"
    S=php-fpm-apache-fcgi-r171
    H=api.larchmont.test P=http://api.larchmont.test:62106 RP="--resolve api.larchmont.test:62106:127.0.0.1"
    cap $S php-200-invoice-apache.txt 200 app php "invoice 1: the PHP script's JSON (X-Powered-By) through mod_proxy_fcgi, Apache's X-Request-Id added" "curl -si" -- -si $RP $P/api/invoices/1
    cap $S php-304-invoice-inm-apache.txt 304 app php "If-None-Match with the invoice's ETag: the script's own 304" "curl -si" -- -si $RP -H 'If-None-Match: "lm-i1-v2"' $P/api/invoices/1
    cap $S php-204-invoice-delete-apache.txt 204 app php "DELETE invoice 1: the script's 204" "curl -sv" -- -sv $RP -X DELETE $P/api/invoices/1
    cap $S php-422-invoice-apache.txt 422 app php "POST without customer: the script's JSON 422 with a field list" "curl -si" -- -si $RP "${JSONH[@]}" -d '{"total":"10.00"}' $P/api/invoices
    cap $S php-405-invoice-put-apache.txt 405 app php "PUT on an invoice: the script's JSON 405 with Allow" "curl -si" -- -si $RP -X PUT $P/api/invoices/1
    cap $S php-403-admin-html-apache.txt 403 app php "/api/admin: the script's own HTML 403 page" "curl -si" -- -si $RP $P/api/admin
    cap $S php-500-boom-empty-apache.txt 500 app php "/api/boom throws, display_errors off: PHP's own empty 500, passed on" "curl -si" -- -si $RP $P/api/boom
    cap $S php-503-ledger-apache.txt 503 app php "/api/ledger: the script's JSON 503 about the ledger database, passed on" "curl -si" -- -si $RP $P/api/ledger
    HTTPIE_CMD=http caphttp $S php-502-payments-html-apache-httpie.txt 502 app php "HTTPie: /api/payments, the script's own HTML 502 about the payment provider" "HTTPie -v with colours" -- -v GET http://127.0.0.1:62106/api/payments Host:$H:62106
    capwget $S php-301-old-invoice-apache-wget.txt 200 app php "/old/invoices/1: the script's 301, wget follows it to invoice 1 (the final answer, the script's 200)" "wget -S -O-" -- --header="Host: $H:62106" http://127.0.0.1:62106/old/invoices/1
    cap $S apache-404-unrouted-php.txt 404 proxy apache "/metrics is not proxied: Apache's own 404 page" "curl -si" -- -si $RP $P/metrics
    cap $S apache-429-exports-json-php.txt 429 proxy apache "/api/exports/: mod_rewrite R=429 with a JSON ErrorDocument, Apache's own" "curl -si" -- -si $RP $P/api/exports/daily
    cap $S apache-503-reports-json-php.txt 503 proxy apache "/api/reports/: mod_rewrite R=503 with a JSON ErrorDocument, Apache's own" "curl -sv" -- -sv $RP $P/api/reports/weekly
    cap $S apache-403-internal-php.txt 403 proxy apache "/internal/: Require all denied, Apache's 403 page" "curl -si" -- -si $RP $P/internal/status
    cap $S apache-504-slow-php.txt 504 proxy apache "/api/slow takes 5 s, ProxyTimeout 2: mod_proxy_fcgi gives up, Apache's 504 page" "curl -si" -- -si $RP $P/api/slow
    capbody $BO body-php-404-invoice9-apache.txt 0/404 app php "invoice 9: the script's JSON 404, no status number in it" "curl -s" -- $RP $P/api/invoices/9
    kill_app fpm
    cap $S apache-503-app-down-php.txt 503 proxy apache "PHP-FPM killed: Apache's 503 Service Unavailable page (FastCGI connection refused)" "curl -si" -- -si $RP $P/api/invoices/1
    capbody $BO body-apache-503-app-down-php.txt 503/503 proxy apache "PHP-FPM still down: Apache's 503 page, its title shows 503" "curl -s" -- $RP $P/api/invoices/2
    capvnull $HO vnull-apache-503-app-down-php.txt 503 proxy apache "PHP-FPM still down: Apache's 503" "curl -sv -o /dev/null, only the < lines kept" -- $RP $P/api/invoices/3
    start_app fpm || die "php-fpm did not come back"
fi
log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx ats caddy haproxy lighttpd apache; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round171/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
