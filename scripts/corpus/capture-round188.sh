#!/usr/bin/env bash
# capture-round188.sh — build the hundred-and-eighty-eighth held-out evidence
# corpus in tests/fixtures/evidence-round188/.
#
# "The issue's failure classes a twenty-second time" (round 178 the reference and
# the model): one mainstream front per setup before one mainstream app, round
# 178's five apps moved round one step onto other fronts (apps188/: the order
# ETags renamed, and Express given round 178 Flask's cacheable /api/catalog),
# behind round 178's front configs with new ports (conf-round188/): JSON
# answers of the front's own (rate limit, maintenance, timeout), stock
# 400/413/414 pages, a cache's own HIT/304/stale copy (Varnish) and a Via on
# passed answers (Apache, HAProxy, Varnish):
#   - nginx 1.22    -> Django 5.2 on gunicorn 27 (apps188/django_app.py)
#   - Caddy 2.6     -> Flask 3.1 on gunicorn 27  (apps188/flask_app.py)
#   - Apache 2.4    -> FastAPI 0.165 on uvicorn  (apps188/fastapi_app.py)
#   - HAProxy 2.6   -> Fastify 4 on Node 20      (apps188/fastify_app.js)
#   - Varnish 7.1   -> Express 4 on Node 20      (apps188/express_app.js)
# Every front + app server + framework triple of the theme was used by an
# earlier round (`grep -h '^setup' tests/fixtures/evidence-round*/labels.toml
# | sort -u`): each setup reuses a pairing with a new app and a new config.
# Plain HTTP/1.1 throughout. Helpers are round 178's, unchanged.
#
#   scripts/corpus/capture-round188.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round188.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round188.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-63999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers in
# another range meanwhile: those are not looked at, and never stopped); every
# curl, HTTPie and wget request runs under `timeout`; every server it started
# is stopped on exit, by process id. Labels are written by finish_round188.py,
# which refuses (and this script then leaves the fixtures as they were) when
# a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round188"
RUN=/tmp/api-triage-corpus188-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round188"
APPS188="$HERE/apps188"
VENV=${CORPUS_VENV188:-/tmp/api-triage-corpus188-venv}     # a copy of an earlier round's (flask, fastapi, django, gunicorn, uvicorn, httpie)
NODE_DIR=${CORPUS_NODE188:-/tmp/api-triage-corpus188-node} # a copy of an earlier round's (express, fastify)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 fastapi==0.165.0 django==5.2.19 uvicorn==0.55.0 gunicorn==27.0.1)
NODE_PKGS=(express@4 fastify@4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus188 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
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

install_venv() {  # a copy of an earlier round's venv; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, flask, fastapi, django, uvicorn, gunicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of an earlier round's node_modules; from npm when missing
    local m ok=1
    for m in express fastify; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus188","private":true}' >"$NODE_DIR/package.json"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round188.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS188 ]] || die "missing $CONF or $APPS188"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,state,varnish,haproxy,apache/htdocs,nginx/tmp,caddy/data,caddy/config}
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

# Fronts: nginx 63881 (Django), Caddy 63882 (Flask), Apache 63883 (FastAPI),
# HAProxy 63884 (Fastify), Varnish 63885 (Express). Apps: Django/gunicorn 63981,
# Flask/gunicorn 63982, FastAPI/uvicorn 63983, Fastify 63984, Express 63985.
TCP_PORTS=(63881 63882 63883 63884 63885 63984 63983 63985 63981 63982)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production STATE_DIR="$RUN/state" nice -n 5 node)
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    quarrow) start_bg quarrow "${NODEENV[@]}" "$APPS188/express_app.js" 63985
        wait_port 63985 quarrow ;;
    tollgate) start_bg tollgate "${NODEENV[@]}" "$APPS188/fastify_app.js" 63984
        wait_port 63984 tollgate ;;
    brack) start_bg brack env STATE_DIR="$RUN/state" nice -n 5 "$VPY" -m gunicorn --chdir "$APPS188" \
            --bind 127.0.0.1:63982 --workers 2 --timeout 30 --worker-tmp-dir "$RUN/state" flask_app:app
        wait_port 63982 brack ;;
    salt) start_bg salt env STATE_DIR="$RUN/state" nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS188" \
            --host 127.0.0.1 --port 63983 fastapi_app:app
        wait_port 63983 salt ;;
    moor) start_bg moor env STATE_DIR="$RUN/state" nice -n 5 "$VPY" -m gunicorn --chdir "$APPS188" \
            --bind 127.0.0.1:63981 --workers 2 --timeout 30 --worker-tmp-dir "$RUN/state" django_app:application
        wait_port 63981 moor ;;
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
for a in quarrow tollgate brack salt moor; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
rconf "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 63881 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
rconf "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 63882 caddy && UP[caddy]=1
rconf "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 63883 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
rconf "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 63884 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
cp "$CONF/varnish.vcl" "$RUN/varnish/r188.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:63885 -T none -f "$RUN/varnish/r188.vcl" -n "$RUN/varnish/r188" -s malloc,16m
wait_port 63885 varnish && UP[varnish]=1
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 188 (held out): real responses captured by
# scripts/corpus/capture-round188.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-177:
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
head -c 2048 /dev/zero | tr '\0' 'a' | sed 's/^/{"sku":"/; s/$/"}/' >"$RUN/work/big.json"
JSON='Content-Type: application/json'

# common SETUP FW FRONT FLAYER HOST PORT ETAG XF SLOWNOTE SLOW
# The app's own answers (all passed on: layer app, product FW), then the
# front's unrouted 404 and its answer to the 5 s /api/slow (SLOW, written by
# the front). XF: the form of the first 200 (cap, capraw or capwin).
common() {
    local S=$1 FW=$2 FR=$3 FL=$4 H=$5 P=$6 ET=$7 XF=$8 SLOWNOTE=$9 SLOW=${10}
    local U=http://$H:$P R="--resolve $H:$P:127.0.0.1" F=$FW-$FR
    log "capturing: $S"
    $XF $S $FW-200-order-$FR.txt 200 app $FW "order 1: the app's answer passed on ($FR adds its request id)" "curl -si$([[ $XF == capraw ]] && echo ' saved to a file (CRs kept)')$([[ $XF == capwin ]] && echo ' pasted with CRLF')" -- -si $R $U/api/orders/1
    cap $S $FW-304-order-inm-$FR.txt 304 app $FW "If-None-Match with the order's ETag: the app's own 304, passed on" "curl -sv" -- -sv $R -H "If-None-Match: \"$ET\"" $U/api/orders/1
    HTTPIE_CMD=http caphttp $S $FW-201-create-$FR-httpie.txt 201 app $FW "POST a new order: the app's 201 with Location, passed on" "HTTPie -v with colours" -- -v POST http://127.0.0.1:$P/api/orders Host:$H:$P sku=X-7 qty:=2
    cap $S $FW-400-bad-json-$FR.txt 400 app $FW "POST with a body that is not JSON: the app's 400, passed on" "curl -si" -- -si $R -H "$JSON" --data-binary '{"sku":' $U/api/orders
    cap $S $FW-401-me-$FR.txt 401 app $FW "/api/me without a token: the app's 401 with WWW-Authenticate Bearer, passed on" "curl -sv" -- -sv $R $U/api/me
    cap $S $FW-404-order9-$FR.txt 404 app $FW "order 9: the app's JSON 404, passed on" "curl -si" -- -si $R $U/api/orders/9
    HTTPIE_CMD=http caphttp $S $FW-422-no-sku-$FR-httpie.txt 422 app $FW "POST without sku: the app's 422 validation error, passed on" "HTTPie -v with colours" -- -v POST http://127.0.0.1:$P/api/orders Host:$H:$P qty:=2
    cap $S $FW-500-boom-$FR.txt 500 app $FW "/api/boom raises: the framework's own 500, passed on" "curl -sv" -- -sv $R $U/api/boom
    maint on
    cap $S $FW-503-maintenance-$FR.txt 503 app $FW "maintenance mode switched on in the app: the app's own JSON 503 with Retry-After, passed on" "curl -si" -- -si $R $U/api/orders/1
    maint off
    cap $S $FR-404-unrouted-$FW.txt 404 $FL $FR "/status is not routed by the front: $FR's own 404, the app never asked" "curl -si" -- -si $R $U/status
    cap $S $FR-$SLOW-slow-$FW.txt $SLOW $FL $FR "/api/slow takes 5 s, $SLOWNOTE" "curl -sv" -- -sv $R $U/api/slow
}

LONGQ=$(head -c 9000 /dev/zero | tr '\0' 'q')
LONGH=$(head -c 9000 /dev/zero | tr '\0' 'h')

# ================================================= nginx -> Django on gunicorn ==
if up nginx; then
    S=django-gunicorn-triage-nginx-r188 H=api.moorfield.test P=63881
    U=http://$H:$P R="--resolve $H:$P:127.0.0.1"
    common $S django nginx proxy $H $P mf-o1-v4 cap "proxy_read_timeout 3s: nginx's stock 504" 504
    cap $S django-502-payments-html-nginx.txt 502 app django "/api/payments: the app's own HTML 502 page (payments provider), passed on" "curl -si" -- -si $R $U/api/payments
    capwget $S django-504-reports-html-nginx-wget.txt 504 app django "/api/reports: the app's own HTML 504 page (reporting warehouse), passed on" "wget -S -O-" -- --header="Host: $H:$P" http://127.0.0.1:$P/api/reports
    capbody $BO body-django-503-statements-html-nginx.txt 503/503 app django "/api/statements: the app's own HTML 503 page, its title shows 503" "curl -s" -- $R $U/api/statements
    cap $S nginx-503-maintenance-json-django.txt 503 proxy nginx "/api/v2/orders: nginx's own JSON 503 (return 503 in the config), the app never asked" "curl -si" -- -si $R $U/api/v2/orders/1
    quiet $R $U/api/export
    cap $S nginx-429-export-json-django.txt 429 proxy nginx "/api/export a second time within the minute: limit_req, error_page 429 to nginx's own JSON" "curl -sv" -- -sv $R $U/api/export
    cap $S nginx-504-export-report-json-django.txt 504 proxy nginx "/api/export-report (the app's 5 s /api/slow), proxy_read_timeout 3s: error_page 504 to nginx's own JSON" "curl -si" -- -si $R $U/api/export-report
    cap $S nginx-414-long-url-django.txt 414 proxy nginx "a 9 KB query string: nginx's stock 414" "curl -si" -- -si $R "$U/api/orders/1?q=$LONGQ"
    cap $S nginx-413-body-django.txt 413 proxy nginx "a 2 KB POST, client_max_body_size 1k: nginx's stock 413" "curl -si" -- -si $R -H "$JSON" --data-binary @"$RUN/work/big.json" $U/api/orders
    kill_app moor
    cap $S nginx-502-app-down-django.txt 502 proxy nginx "gunicorn killed: nginx's stock 502" "curl -si" -- -si $R $U/api/orders/1
    capvnull $HO vnull-nginx-502-app-down-django.txt 502 proxy nginx "gunicorn still down: nginx's 502" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/orders/1
fi
# ================================================= Caddy -> Flask on gunicorn ==
if up caddy; then
    S=flask-gunicorn-triage-caddy-r188 H=api.fernhollow.test P=63882
    U=http://$H:$P R="--resolve $H:$P:127.0.0.1"
    common $S flask caddy proxy $H $P bw-o1-v4 capraw "response_header_timeout 3s: handle_errors writes Caddy's own JSON 504" 504
    cap $S flask-503-statements-html-caddy.txt 503 app flask "/api/statements: the app's own HTML 503 page, passed on" "curl -si" -- -si $R $U/api/statements
    HTTPIE_CMD=http caphttp $S flask-502-payments-html-caddy-httpie.txt 502 app flask "/api/payments: the app's own HTML 502 page, passed on" "HTTPie -v with colours" -- -v GET http://127.0.0.1:$P/api/payments Host:$H:$P
    cap $S caddy-503-maintenance-json-flask.txt 503 proxy caddy "/api/v2/orders/1: Caddy's own JSON 503 (respond in the config), the app never asked" "curl -si" -- -si $R $U/api/v2/orders/1
    cap $S caddy-429-export-json-flask.txt 429 proxy caddy "/api/export: Caddy's own JSON 429 (respond in the config)" "curl -sv" -- -sv $R $U/api/export
    cap $S caddy-400-bad-host-flask.txt 400 proxy caddy "a Host header with a slash: Go's own 400 'malformed Host header' inside Caddy" "curl -si" -- -si --resolve $H:$P:127.0.0.1 -H "Host: $H/admin" $U/api/orders/1
    capjq $BO body-caddy-503-maintenance-json-flask.txt 0/503 proxy caddy "/api/v2/orders/1: Caddy's configured JSON 503 body (no number in it)" "curl -s | jq ." -- $R $U/api/v2/orders/1
    kill_app brack
    cap $S caddy-502-app-down-flask.txt 502 proxy caddy "gunicorn killed: Caddy's empty 502" "curl -si" -- -si $R $U/api/orders/1
    capcutn $HO cutn-caddy-502-app-down-flask.txt 502 proxy caddy "gunicorn still down: Caddy's empty 502, the status line and first headers" "curl -si, the status line and 3 headers kept" -- 3 i $R $U/api/orders/1
fi
# ================================================= Apache -> FastAPI on uvicorn ==
if up apache; then
    S=fastapi-uvicorn-triage-apache-r188 H=api.saltcote.test P=63883
    U=http://$H:$P R="--resolve $H:$P:127.0.0.1"
    common $S fastapi apache proxy $H $P sc-o1-v4 capwin "ProxyTimeout 3: Apache's stock '502 Proxy Error'" 502
    cap $S fastapi-504-reports-html-apache.txt 504 app fastapi "/api/reports: the app's own HTML 504 page, passed on (ProxyVia adds Via)" "curl -si" -- -si $R $U/api/reports
    cap $S fastapi-502-payments-html-apache.txt 502 app fastapi "/api/payments: the app's own HTML 502 page, passed on" "curl -sv" -- -sv $R $U/api/payments
    capbody $BO body-fastapi-503-statements-html-apache.txt 503/503 app fastapi "/api/statements: the app's own HTML 503 page, its title shows 503" "curl -s" -- $R $U/api/statements
    cap $S apache-429-export-json-fastapi.txt 429 proxy apache "/api/export: [R=429] with a JSON ErrorDocument, Apache's own" "curl -si" -- -si $R $U/api/export
    HTTPIE_CMD=http caphttp $S apache-503-maintenance-json-fastapi-httpie.txt 503 proxy apache "/api/v2/orders/1: [R=503] with a JSON ErrorDocument, Apache's own" "HTTPie -v with colours" -- -v GET http://127.0.0.1:$P/api/v2/orders/1 Host:$H:$P
    cap $S apache-414-long-url-fastapi.txt 414 proxy apache "a 9 KB query string over LimitRequestLine: Apache's stock 414" "curl -si" -- -si $R "$U/api/orders/1?q=$LONGQ"
    cap $S apache-400-long-header-fastapi.txt 400 proxy apache "a 9 KB header over LimitRequestFieldSize: Apache's stock 400" "curl -si" -- -si $R -H "X-Trace: $LONGH" $U/api/orders/1
    kill_app salt
    cap $S apache-503-app-down-fastapi.txt 503 proxy apache "uvicorn killed, retry=0: Apache's stock 503" "curl -si" -- -si $R $U/api/orders/1
    caphead $HO head-apache-503-app-down-fastapi.txt 503 proxy apache "HEAD while uvicorn is down: Apache's 503" "curl -sI" -- $R $U/api/orders/1
fi
# ================================================= HAProxy -> Fastify on Node ==
if up haproxy; then
    S=fastify-node-triage-haproxy-r188 H=api.tollgate.test P=63884
    U=http://$H:$P R="--resolve $H:$P:127.0.0.1"
    common $S fastify haproxy load-balancer $H $P tg-o1-v4 cap "timeout server 3s: HAProxy's JSON errorfile 504" 504
    cap $S fastify-502-payments-html-haproxy.txt 502 app fastify "/api/payments: the app's own HTML 502 page, passed on (HAProxy adds Via)" "curl -si" -- -si $R $U/api/payments
    capwget $S fastify-503-statements-html-haproxy-wget.txt 503 app fastify "/api/statements: the app's own HTML 503 page, passed on" "wget -S -O-" -- --header="Host: $H:$P" http://127.0.0.1:$P/api/statements
    cap $S haproxy-429-export-json-fastify.txt 429 load-balancer haproxy "/api/export: HAProxy's own JSON 429 (http-request return)" "curl -si" -- -si $R $U/api/export
    cap $S haproxy-503-maintenance-json-fastify.txt 503 load-balancer haproxy "/api/v2/orders/1: HAProxy's own JSON 503 (http-request return)" "curl -sv" -- -sv $R $U/api/v2/orders/1
    cap $S haproxy-413-body-fastify.txt 413 load-balancer haproxy "a 2 KB POST: deny_status 413 on Content-Length, HAProxy's own 413" "curl -si" -- -si $R -H "$JSON" --data-binary @"$RUN/work/big.json" $U/api/orders
    capjq $BO body-haproxy-429-export-json-fastify.txt 0/429 load-balancer haproxy "/api/export: HAProxy's JSON 429 body (no number in it)" "curl -s | jq ." -- $R $U/api/export
    caphead $HO head-haproxy-404-unrouted-fastify.txt 404 load-balancer haproxy "HEAD /status: HAProxy's own empty 404 (http-request return)" "curl -sI" -- $R $U/status
    kill_app tollgate
    cap $S haproxy-503-app-down-fastify.txt 503 load-balancer haproxy "Node killed: HAProxy's stock 503" "curl -si" -- -si $R $U/api/orders/1
fi
# ================================================= Varnish -> Express on Node ==
if up varnish; then
    S=express-node-triage-varnish-r188 H=api.quarrow.test P=63885
    U=http://$H:$P R="--resolve $H:$P:127.0.0.1"
    common $S express varnish cdn-cache $H $P qw-o1-v4 cap "first_byte_timeout 3s: Varnish's 'Backend fetch failed' 503" 503
    cap $S express-200-catalog-miss-varnish.txt 200 app express "/api/catalog, first request: a MISS, the app's answer (max-age=5) stored and passed on" "curl -si" -- -si $R $U/api/catalog
    cap $S varnish-200-catalog-hit-express.txt 200 cdn-cache varnish "/api/catalog again within its 5 s: a HIT from Varnish's store (the app's X-Powered-By kept)" "curl -si" -- -si $R $U/api/catalog
    cap $S varnish-304-catalog-inm-express.txt 304 cdn-cache varnish "/api/catalog with If-None-Match of the stored ETag: Varnish's own 304 from its store" "curl -sv" -- -sv $R -H 'If-None-Match: "qw-cat-v2"' $U/api/catalog
    caphttph $HO httph-varnish-200-catalog-hit-express.txt 200 cdn-cache varnish "/api/catalog: a HIT from the store" "HTTPie --headers with colours" -- GET http://127.0.0.1:$P/api/catalog Host:$H:$P
    cap $S express-504-reports-html-varnish.txt 504 app express "/api/reports: the app's own HTML 504 page, passed on (Varnish adds Via)" "curl -si" -- -si $R $U/api/reports
    capbody $BO body-express-502-payments-html-varnish.txt 502/502 app express "/api/payments: the app's own HTML 502 page, its title shows 502" "curl -s" -- $R $U/api/payments
    cap $S varnish-429-export-json-express.txt 429 cdn-cache varnish "/api/export: Varnish's own JSON synth 429" "curl -si" -- -si $R $U/api/export
    cap $S varnish-503-maintenance-json-express.txt 503 cdn-cache varnish "/api/v2/orders/1: Varnish's own JSON synth 503 (maintenance)" "curl -si" -- -si $R $U/api/v2/orders/1
    cap $S varnish-413-body-express.txt 413 cdn-cache varnish "a 2 KB POST: Varnish's synth 413" "curl -si" -- -si $R -H "$JSON" --data-binary @"$RUN/work/big.json" $U/api/orders
    kill_app quarrow
    sleep 5.5
    cap $S varnish-200-catalog-stale-express.txt 200 cdn-cache varnish "Node killed, /api/catalog past its 5 s: Varnish's stale copy (grace 1h)" "curl -si" -- -si $R $U/api/catalog
    cap $S varnish-503-app-down-express.txt 503 cdn-cache varnish "Node killed: Varnish's 'Backend fetch failed' 503" "curl -si" -- -si $R $U/api/orders/1
    capvnull $HO vnull-varnish-503-app-down-express.txt 503 cdn-cache varnish "Node still down: Varnish's 503" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/orders/2
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round188/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
