#!/usr/bin/env bash
# capture-round183.sh — build the hundred-and-eighty-third held-out evidence
# corpus in tests/fixtures/evidence-round183/.
#
# "Mainstream stacks, small and quick, a fifth look" (reference: round 174,
# whose script this copies): six small services, each one mainstream front
# before one mainstream app (configs in scripts/corpus/conf-round183/; apps
# reused, with a few routes added in scripts/corpus/apps183/):
#   - Caddy 2.6  -> Flask 3.1 on gunicorn (apps174/flask_waitress.py), no request id at Caddy;
#   - Apache 2.4 -> FastAPI on uvicorn (apps174/fastapi_hc.py), X-Request-Id;
#   - HAProxy 2.6 -> Express 4 on Node 20 (apps183/express_app.js), X-Request-ID;
#   - nginx 1.22 -> Django 5.2 on gunicorn (apps183/django_wsgi.py), X-Request-ID;
#   - Apache 2.4 -> Fastify 4 on Node 20 (apps183/fastify_app.js, BRAND=Gull), no request id;
#   - Caddy 2.6  -> NestJS 10 on Node 20 (apps183/nest_app.js), X-Request-ID.
# Plain HTTP/1.1 throughout. Helpers are round 174's, unchanged.
#
#   scripts/corpus/capture-round183.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round183.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round183.sh       # keep configs + logs in the runtime dir
#
# Every server binds 127.0.0.1 (ports 60831-60836 and 60931-60936); every
# curl and HTTPie request runs under `timeout`; every server it started is
# stopped on exit, by process id. Labels are written by finish_round183.py,
# which refuses (and this script then leaves the fixtures as they were) when
# a label's status is not the one on the wire.
set -u -o pipefail


HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round183"
RUN=/tmp/api-triage-corpus183-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round183"
APPS101="$HERE/apps101"
APPS108="$HERE/apps108"
APPS159="$HERE/apps159"
APPS174="$HERE/apps174"
APPS183="$HERE/apps183"
VENV=${CORPUS_VENV183:-/tmp/api-triage-corpus183-venv}     # a copy of round 182's: httpie, flask, fastapi, django, gunicorn, uvicorn
NODE_DIR=${CORPUS_NODE183:-/tmp/api-triage-corpus183-node} # a copy of round 182's (express, fastify, nestjs, koa)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 fastapi==0.165.0 django==5.2.19 gunicorn==27.0.1 uvicorn==0.55.0)
NODE_PKGS=(express@4 fastify@4 @nestjs/core@10 @nestjs/common@10 @nestjs/platform-express@10 reflect-metadata rxjs)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus183 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(jq nginx apache2 caddy haproxy python3-venv nodejs)
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

install_venv() {  # a copy of round 182's venv; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, flask, fastapi, django, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of round 182's node_modules; from npm when missing
    local m ok=1
    for m in express fastify @nestjs/core @nestjs/platform-express reflect-metadata; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus183","private":true}' >"$NODE_DIR/package.json"
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
# only ours are checked against 127.0.0.1 and 60800-60999) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round183.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS101 && -d $APPS108 && -d $APPS159 && -d $APPS174 && -d $APPS183 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,haproxy,apache/htdocs,nginx/tmp,caddy/data,caddy/config}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the Node packages are missing (${SKIPPED[node]}; copy round 182's node folder to $NODE_DIR)"
for p in nginx apache2 caddy haproxy jq; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: Caddy 60831 (Flask) / 60836 (Nest), Apache 60832 (FastAPI) / 60835
# (Fastify), HAProxy 60833 (Express), nginx 60834 (Django). Apps: 60931-60936.
TCP_PORTS=(60831 60832 60833 60834 60835 60836 60931 60932 60933 60934 60935 60936)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    flask) start_bg flask env PYTHONPATH="$APPS108:$APPS159:$APPS174" nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:60931 --workers 2 \
            flask_waitress:app
        wait_port 60931 flask ;;
    fastapi) start_bg fastapi env PYTHONPATH="$APPS108:$APPS174" nice -n 5 "$VPY" -m uvicorn fastapi_hc:app --host 127.0.0.1 --port 60932
        wait_port 60932 fastapi ;;
    express) start_bg express "${NODEENV[@]}" "$APPS183/express_app.js" 60933; wait_port 60933 express ;;
    django) start_bg django env PYTHONPATH="$APPS108:$APPS174:$APPS183" nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:60934 --workers 2 \
            django_wsgi:application
        wait_port 60934 django ;;
    fastify) start_bg fastify env BRAND=Gull "${NODEENV[@]}" "$APPS183/fastify_app.js" 60935; wait_port 60935 fastify ;;
    nest) start_bg nest "${NODEENV[@]}" "$APPS183/nest_app.js" 60936; wait_port 60936 nest ;;
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
for a in flask fastapi express django fastify nest; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
rconf() { sed -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$CONF|g" "$1" >"$2"; }
rconf "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60834 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
rconf "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 60832 apache && wait_port 60835 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
rconf "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60831 caddy && wait_port 60836 caddy && UP[caddy]=1
rconf "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 60833 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config test failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

bad=$(ours_sockets | awk '{print $2}' | grep -vE '^127\.0\.0\.1:60[89][0-9][0-9]$' || true)
[[ -z $bad ]] || die "a server of ours listens outside 127.0.0.1:60800-60999: $bad"

log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 183 (held out): real responses captured by
# scripts/corpus/capture-round183.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-182:
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

BO=body-only-paste-r183 HO=headers-only-paste-r183
head -c 12288 /dev/zero | tr '\0' 'a' >"$RUN/work/big12k.txt"   # over the apps' 8 KB, under the fronts' 32 KB
head -c 65536 /dev/zero | tr '\0' 'a' >"$RUN/work/big64k.txt"   # over the fronts' 32 KB
J='Content-Type: application/json'
etag_of() { in_work timeout 10 curl -s -D- -o /dev/null "$@" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag" {print $2}'; }
# ================================================= Caddy -> Flask on gunicorn ==
if up caddy; then
    log "capturing: Flask on gunicorn behind Caddy"
    S=flask-gunicorn-caddy-r183
    L=http://api.larkspur.test:60831 RL="--resolve api.larkspur.test:60831:127.0.0.1"
    cap $S flask-200-order-caddy.txt 200 app flask "order 1: Flask's answer passed on (the app's own X-Request-ID)" "curl -si" -- -si $RL $L/api/orders/1
    cap $S flask-201-create-caddy.txt 201 app flask "POST a new ref: the app's JSON 201" "curl -si" -- -si $RL -H "$J" -d '{"ref":"LS-2002","total":"9.90"}' $L/api/orders
    cap $S flask-204-delete-cart-caddy.txt 204 app flask "DELETE /api/carts/7: the route's empty 204" "curl -si" -- -si $RL -X DELETE $L/api/carts/7
    cap $S flask-301-v1-order-caddy.txt 301 app flask "/api/v1/orders/1: Flask's redirect(code=301), Werkzeug's small HTML body" "curl -si" -- -si $RL $L/api/v1/orders/1
    cap $S flask-304-catalog-caddy.txt 304 app flask "If-None-Match with the catalog's ETag: Flask's make_conditional 304" "curl -sv" -- -sv $RL -H 'If-None-Match: "ls-catalog-v7"' $L/api/catalog
    cap $S flask-401-account-caddy.txt 401 app flask "/api/account without a token: the app's JSON 401" "curl -si" -- -si $RL $L/api/account
    cap $S flask-404-unknown-caddy.txt 404 app flask "/api/invoices (no route): Werkzeug's HTML 404, passed on" "curl -si" -- -si $RL $L/api/invoices
    cap $S flask-405-post-account-caddy.txt 405 app flask "POST /api/account (a GET route): Werkzeug's HTML 405 with Allow" "curl -si" -- -si $RL -X POST $L/api/account
    caphttp $S flask-409-duplicate-caddy-httpie.txt 409 app flask "POST an existing ref: the app's JSON 409 envelope" "HTTPie -v with colours" -- -v POST http://127.0.0.1:60831/api/orders Host:api.larkspur.test:60831 ref=LS-1001
    cap $S flask-413-upload-caddy.txt 413 app flask "a 12 KB POST to /api/uploads (under Caddy's 32KB): Werkzeug's HTML 413 over MAX_CONTENT_LENGTH 8 KB" "curl -si" -- -si $RL -H 'Content-Type: application/octet-stream' --data-binary @"$RUN/work/big12k.txt" $L/api/uploads
    cap $S flask-429-quota-caddy.txt 429 app flask "/api/quota: the app's JSON 429 with Retry-After" "curl -si" -- -si $RL $L/api/quota
    capwin $S flask-500-boom-caddy.txt 500 app flask "/api/boom raises: Flask's HTML 500" "curl -si pasted with CRLF" -- -si $RL $L/api/boom
    cap $S flask-503-maintenance-caddy.txt 503 app flask "/api/maintenance: the app's JSON 503 with Retry-After (read-only window)" "curl -si" -- -si $RL $L/api/maintenance
    cap $S caddy-502-body-limit-flask.txt 502 proxy caddy "a 64 KB POST, request_body max_size 32KB: Caddy 2.6 does not answer 413 here; the body read fails while proxying and Caddy writes its own empty 502 (run 1 expected a 413 and saw this 502; Caddy's error log shows the failed proxied body, not an app answer)" "curl -si" -- -si $RL -H 'Content-Type: application/octet-stream' --data-binary @"$RUN/work/big64k.txt" $L/api/uploads
    cap $S caddy-504-slow-flask.txt 504 proxy caddy "/api/slow takes 5 s, response_header_timeout 3s: Caddy's empty 504" "curl -si" -- -si $RL $L/api/slow
    capjq $BO body-flask-429-quota-caddy.txt 0/429 app flask "/api/quota: the app's JSON 429 envelope" "curl -s | jq ." -- $RL $L/api/quota
    kill_app flask
    cap $S caddy-502-app-down-flask.txt 502 proxy caddy "gunicorn killed: Caddy's empty 502" "curl -sv" -- -sv $RL $L/api/orders/1
    start_app flask || die "flask did not come back"
fi
# ================================================= Apache -> FastAPI on uvicorn ==
if up apache; then
    log "capturing: FastAPI on uvicorn behind Apache"
    S=fastapi-uvicorn-apache-r183
    Q=http://api.quillon.test:60832 RQ="--resolve api.quillon.test:60832:127.0.0.1"
    cap $S fastapi-200-order-apache.txt 200 app fastapi "order 1: FastAPI's answer passed on (Apache adds X-Request-Id)" "curl -si" -- -si $RQ $Q/api/orders/1
    cap $S fastapi-201-create-apache.txt 201 app fastapi "POST a new order: FastAPI's 201" "curl -si" -- -si $RQ -H "$J" -d '{"ref":"QN-2002","total":12.5}' $Q/api/orders
    cap $S fastapi-204-delete-cart-apache.txt 204 app fastapi "DELETE /api/carts/4: the route's empty 204" "curl -si" -- -si $RQ -X DELETE $Q/api/carts/4
    cap $S fastapi-302-v1-order-apache.txt 302 app fastapi "/api/v1/orders/1: RedirectResponse 302 (Apache rewrites nothing: relative Location)" "curl -si" -- -si $RQ $Q/api/v1/orders/1
    cap $S fastapi-304-catalog-apache.txt 304 app fastapi "If-None-Match with the catalog's ETag: the route's own 304" "curl -sv" -- -sv $RQ -H 'If-None-Match: "qn-catalog-v4"' $Q/api/catalog
    cap $S fastapi-403-admin-apache.txt 403 app fastapi "/api/admin: HTTPException 403" "curl -si" -- -si $RQ $Q/api/admin
    cap $S fastapi-404-unknown-apache.txt 404 app fastapi "/api/invoices (no route): FastAPI's {detail: Not Found}" "curl -si" -- -si $RQ $Q/api/invoices
    caphttp $S fastapi-405-post-account-apache-httpie.txt 405 app fastapi "POST /api/account (a GET route): FastAPI's {detail: Method Not Allowed} with Allow" "HTTPie -v with colours" -- -v POST http://127.0.0.1:60832/api/account Host:api.quillon.test:60832
    cap $S fastapi-409-duplicate-apache.txt 409 app fastapi "POST an existing ref: HTTPException 409" "curl -si" -- -si $RQ -H "$J" -d '{"ref":"QN-1001","total":5}' $Q/api/orders
    cap $S fastapi-413-upload-apache.txt 413 app fastapi "a 12 KB POST to /api/uploads: the route's HTTPException 413" "curl -si" -- -si $RQ -H 'Content-Type: application/octet-stream' --data-binary @"$RUN/work/big12k.txt" $Q/api/uploads
    cap $S fastapi-422-missing-ref-apache.txt 422 app fastapi "POST without ref: FastAPI's own 422 validation body" "curl -si" -- -si $RQ -H "$J" -d '{"total":3}' $Q/api/orders
    cap $S fastapi-429-quota-apache.txt 429 app fastapi "/api/quota: HTTPException 429 with Retry-After" "curl -si" -- -si $RQ $Q/api/quota
    capraw $S fastapi-500-boom-apache.txt 500 app fastapi "/api/boom raises: Starlette's text 'Internal Server Error'" "curl -si saved to a file (CRs kept)" -- -si $RQ $Q/api/boom
    cap $S fastapi-503-maintenance-apache.txt 503 app fastapi "/api/maintenance: the app's JSON 503 {detail} with Retry-After" "curl -si" -- -si $RQ $Q/api/maintenance
    cap $S apache-502-slow-fastapi.txt 502 proxy apache "/api/slow takes 5 s, ProxyTimeout 3: Apache's stock 502 Proxy Error" "curl -si" -- -si $RQ $Q/api/slow
    cap $S apache-404-unrouted-fastapi.txt 404 proxy apache "/docs is not proxied: Apache's own 404" "curl -si" -- -si $RQ $Q/docs
    capbody $BO body-fastapi-503-maintenance-apache.txt 0/503 app fastapi "/api/maintenance: the app's {detail} 503, no status number in it" "curl -s" -- $RQ $Q/api/maintenance
    kill_app fastapi
    cap $S apache-503-app-down-fastapi.txt 503 proxy apache "uvicorn killed: Apache's stock 503 (connection refused, retry=0)" "curl -si" -- -si $RQ $Q/api/orders/1
    capvnull $HO vnull-apache-503-app-down-fastapi.txt 503 proxy apache "uvicorn still down: Apache's 503" "curl -sv -o /dev/null, only the < lines kept" -- $RQ $Q/api/orders/2
    start_app fastapi || die "fastapi did not come back"
fi
# ================================================= HAProxy -> Express on Node ==
if up haproxy; then
    log "capturing: Express on Node behind HAProxy"
    S=express-node-haproxy-r183
    E=http://api.berth.test:60833 RE="--resolve api.berth.test:60833:127.0.0.1"
    cap $S express-200-ticket-haproxy.txt 200 app express "ticket 1: Express's answer passed on (HAProxy adds X-Request-ID)" "curl -si" -- -si $RE $E/api/tickets/1
    cap $S express-201-create-haproxy.txt 201 app express "POST a new ticket: Express's 201 with Location" "curl -si" -- -si $RE -H "$J" -d '{"title":"Paper jam on floor 2"}' $E/api/tickets
    cap $S express-204-delete-haproxy.txt 204 app express "DELETE ticket 1: the route's empty 204 (apps183/express_app.js)" "curl -si" -- -si $RE -X DELETE $E/api/tickets/1
    cap $S express-301-v1-ticket-haproxy.txt 301 app express "/api/v1/tickets/1: Express's res.redirect(301), passed on" "curl -si" -- -si $RE $E/api/v1/tickets/1
    cap $S express-304-ticket-inm-haproxy.txt 304 app express "If-None-Match with Express's ETag: Express's 304, passed on" "curl -sv" -- -sv $RE -H "If-None-Match: $(etag_of $RE $E/api/tickets/1)" $E/api/tickets/1
    cap $S express-400-bad-json-haproxy.txt 400 app express "POST a broken JSON body: body-parser's 400 through the error middleware's JSON" "curl -si" -- -si $RE -H "$J" -d '{"title": "Paper jam' $E/api/tickets
    caphttp $S express-401-me-haproxy-httpie.txt 401 app express "/api/me without a token: the error middleware's JSON 401 with WWW-Authenticate" "HTTPie -v with colours" -- -v http://127.0.0.1:60833/api/me Host:api.berth.test:60833
    cap $S express-403-admin-haproxy.txt 403 app express "/api/admin/stats with a user token: JSON 403" "curl -si" -- -si $RE -H 'Authorization: Bearer user-token' $E/api/admin/stats
    cap $S express-404-cannot-get-haproxy.txt 404 app express "/api/invoices (no route): Express's own HTML 'Cannot GET'" "curl -si" -- -si $RE $E/api/invoices
    cap $S express-405-put-haproxy.txt 405 app express "PUT ticket 1: the route's JSON 405 with Allow" "curl -si" -- -si $RE -X PUT -H "$J" -d '{"title":"x"}' $E/api/tickets/1
    cap $S express-409-duplicate-haproxy.txt 409 app express "POST the open ticket's title: the error middleware's JSON 409" "curl -si" -- -si $RE -H "$J" -d '{"title":"Berth: printer on floor 3 is on fire"}' $E/api/tickets
    cap $S express-413-body-haproxy.txt 413 app express "a 12 KB JSON POST (under HAProxy's 32768): body-parser's 413, the error middleware's JSON" "curl -si" -- -si $RE -H "$J" --data-binary @"$RUN/work/big12k.txt" $E/api/tickets
    cap $S express-422-validation-haproxy.txt 422 app express "POST a 1-letter title: the express-validator-shaped 422" "curl -si" -- -si $RE -H "$J" -d '{"title":"x"}' $E/api/tickets
    quiet $RE $E/api/search; quiet $RE $E/api/search
    cap $S express-429-search-haproxy.txt 429 app express "/api/search a third time: the express-rate-limit-shaped text 429" "curl -si" -- -si $RE $E/api/search
    cap $S express-500-boom-haproxy.txt 500 app express "/api/boom throws: the error middleware's JSON 500" "curl -si" -- -si $RE $E/api/boom
    cap $S express-503-maintenance-haproxy.txt 503 app express "/api/maintenance: the app's JSON 503 with Retry-After" "curl -si" -- -si $RE $E/api/maintenance
    cap $S haproxy-413-body-express.txt 413 load-balancer haproxy "a 64 KB POST, deny_status 413: HAProxy's built-in 413" "curl -si" -- -si $RE -H "$J" --data-binary @"$RUN/work/big64k.txt" $E/api/tickets
    cap $S haproxy-504-slow-express.txt 504 load-balancer haproxy "/api/slow takes 5 s, timeout server 3s: HAProxy's stock 504 (with its X-Request-ID)" "curl -si" -- -si $RE $E/api/slow
    cap $S haproxy-404-unrouted-express.txt 404 load-balancer haproxy "/v2/tickets: deny_status 404, HAProxy's built-in 404" "curl -si" -- -si $RE $E/v2/tickets/1
    caphead $HO head-express-200-ticket-haproxy.txt 200 app express "HEAD ticket 1: Express's answer passed on" "curl -sI" -- $RE $E/api/tickets/1
    kill_app express
    cap $S haproxy-503-app-down-express.txt 503 load-balancer haproxy "Node killed: HAProxy's stock 503 after the retry" "curl -sv" -- -sv $RE $E/api/tickets/1
    capbody $BO body-haproxy-503-app-down-express.txt 503/503 load-balancer haproxy "Node still down: HAProxy's 503 page, its heading shows 503" "curl -s" -- $RE $E/api/tickets/1
    start_app express || die "express did not come back"
fi
# ================================================= nginx -> Django on gunicorn ==
if up nginx; then
    log "capturing: Django on gunicorn behind nginx"
    S=django-gunicorn-nginx-r183
    D=http://api.fernhill.test:60834 RD="--resolve api.fernhill.test:60834:127.0.0.1"
    cap $S django-200-order-nginx.txt 200 app django "order 1: Django's answer passed on (nginx adds X-Request-ID)" "curl -si" -- -si $RD $D/api/orders/1
    cap $S django-201-create-nginx.txt 201 app django "POST a new order: Django's 201" "curl -si" -- -si $RD -H "$J" -d '{"ref":"FH-2002"}' $D/api/orders
    cap $S django-204-delete-cart-nginx.txt 204 app django "DELETE /api/carts/3: the view's empty 204" "curl -si" -- -si $RD -X DELETE $D/api/carts/3
    cap $S django-301-docs-slash-nginx.txt 301 app django "/api/docs: CommonMiddleware's APPEND_SLASH 301 to /api/docs/" "curl -si" -- -si $RD $D/api/docs
    cap $S django-304-catalog-nginx.txt 304 app django "If-None-Match with the catalog's ETag: Django's @etag 304" "curl -si" -- -si $RD -H 'If-None-Match: "fh-catalog-v2"' $D/api/catalog
    cap $S django-400-bad-id-nginx.txt 400 app django "order 'abc': the view's JSON 400 {errors: [...]}" "curl -si" -- -si $RD $D/api/orders/abc
    cap $S django-401-account-nginx.txt 401 app django "/api/account without a token: the view's JSON 401" "curl -sv" -- -sv $RD $D/api/account
    cap $S django-404-unknown-nginx.txt 404 app django "/api/invoices (no route): Django's own HTML 'Not Found' (DEBUG off)" "curl -si" -- -si $RD $D/api/invoices
    caphttp $S django-405-post-rates-nginx-httpie.txt 405 app django "POST /api/rates (@require_GET): Django's empty 405 with Allow" "HTTPie -v with colours" -- -v POST http://127.0.0.1:60834/api/rates Host:api.fernhill.test:60834 base=EUR
    cap $S django-409-duplicate-nginx.txt 409 app django "POST an existing ref: the view's JSON 409" "curl -si" -- -si $RD -H "$J" -d '{"ref":"FH-1001"}' $D/api/orders
    cap $S django-422-missing-ref-nginx.txt 422 app django "POST without ref: the view's JSON 422" "curl -si" -- -si $RD -H "$J" -d '{"total":3}' $D/api/orders
    cap $S django-429-quota-nginx.txt 429 app django "/api/quota: the view's JSON 429 with Retry-After" "curl -si" -- -si $RD $D/api/quota
    cap $S django-500-boom-nginx.txt 500 app django "/api/boom raises: Django's HTML 'Server Error (500)' (DEBUG off)" "curl -si" -- -si $RD $D/api/boom
    cap $S django-503-maintenance-nginx.txt 503 app django "/api/maintenance: the view's JSON 503 with Retry-After" "curl -si" -- -si $RD $D/api/maintenance
    cap $S nginx-413-body-django.txt 413 proxy nginx "a 64 KB POST, client_max_body_size 32k: nginx's stock 413" "curl -si" -- -si $RD -H "$J" --data-binary @"$RUN/work/big64k.txt" $D/api/orders
    cap $S nginx-504-slow-django.txt 504 proxy nginx "/api/slow takes 5 s, proxy_read_timeout 3s: nginx's stock 504" "curl -sv" -- -sv $RD $D/api/slow
    cap $S nginx-404-unrouted-django.txt 404 proxy nginx "/admin/ is not routed: nginx's own 404 (return 404)" "curl -si" -- -si $RD $D/admin/
    capjq $BO body-django-422-missing-ref-nginx.txt 0/422 app django "POST without ref: the view's JSON 422, no status number in it" "curl -s | jq ." -- $RD -H "$J" -d '{"total":3}' $D/api/orders
    caphttph $HO httph-django-304-catalog-nginx.txt 304 app django "If-None-Match with the catalog's ETag: Django's 304, passed on" "HTTPie --headers with colours" -- http://127.0.0.1:60834/api/catalog Host:api.fernhill.test:60834 'If-None-Match:"fh-catalog-v2"'
    kill_app django
    cap $S nginx-502-app-down-django.txt 502 proxy nginx "gunicorn killed: nginx's stock 502" "curl -si" -- -si $RD $D/api/orders/1
    start_app django || die "django did not come back"
fi
# ================================================= Apache -> Fastify on Node ==
if up apache; then
    log "capturing: Fastify on Node behind Apache"
    S=fastify-node-apache-r183
    F=http://api.gull.test:60835 RF="--resolve api.gull.test:60835:127.0.0.1"
    cap $S fastify-200-ticket-apache.txt 200 app fastify "ticket 1: Fastify's answer passed on (no request id)" "curl -si" -- -si $RF $F/api/tickets/1
    cap $S fastify-201-create-apache.txt 201 app fastify "POST a new ticket: Fastify's 201 with Location" "curl -si" -- -si $RF -H "$J" -d '{"title":"Paper jam on floor 2"}' $F/api/tickets
    cap $S fastify-204-delete-apache.txt 204 app fastify "DELETE ticket 1: the route's empty 204 (apps183/fastify_app.js)" "curl -si" -- -si $RF -X DELETE $F/api/tickets/1
    cap $S fastify-301-v1-ticket-apache.txt 301 app fastify "/api/v1/tickets/1: Fastify's reply.redirect(301), passed on" "curl -si" -- -si $RF $F/api/v1/tickets/1
    cap $S fastify-304-catalog-apache.txt 304 app fastify "If-None-Match with the catalog's ETag: the route's own 304" "curl -sv" -- -sv $RF -H 'If-None-Match: "gl-catalog-v3"' $F/api/catalog
    cap $S fastify-400-validation-apache.txt 400 app fastify "POST a 1-letter title: Fastify's schema 400 (its default error shape)" "curl -si" -- -si $RF -H "$J" -d '{"title":"x"}' $F/api/tickets
    cap $S fastify-401-me-apache.txt 401 app fastify "/api/me without a token: the onRequest hook's 401 in Fastify's error shape" "curl -si" -- -si $RF $F/api/me
    caphttp $S fastify-403-admin-apache-httpie.txt 403 app fastify "/api/admin/stats with a user token: the hook's 403" "HTTPie -v with colours" -- -v http://127.0.0.1:60835/api/admin/stats Host:api.gull.test:60835 "Authorization:Bearer user-token"
    cap $S fastify-404-no-route-apache.txt 404 app fastify "PUT ticket 1 (no such route): Fastify's JSON 'Route PUT:... not found'" "curl -si" -- -si $RF -X PUT $F/api/tickets/1
    cap $S fastify-409-duplicate-apache.txt 409 app fastify "POST the open ticket's title: the app's 409" "curl -si" -- -si $RF -H "$J" -d '{"title":"Gull: printer on floor 3 is on fire"}' $F/api/tickets
    cap $S fastify-413-body-apache.txt 413 app fastify "a 12 KB JSON POST: Fastify's own 413 over its 8 KB bodyLimit" "curl -si" -- -si $RF -H "$J" --data-binary @"$RUN/work/big12k.txt" $F/api/tickets
    quiet $RF $F/api/search; quiet $RF $F/api/search
    cap $S fastify-429-search-apache.txt 429 app fastify "/api/search a third time: the app's 429" "curl -si" -- -si $RF $F/api/search
    capwin $S fastify-500-boom-apache.txt 500 app fastify "/api/boom throws: Fastify's default JSON 500" "curl -si pasted with CRLF" -- -si $RF $F/api/boom
    cap $S fastify-503-maintenance-apache.txt 503 app fastify "/api/maintenance: the app's 503 in Fastify's error shape, Retry-After" "curl -si" -- -si $RF $F/api/maintenance
    cap $S apache-502-slow-fastify.txt 502 proxy apache "/api/slow takes 5 s, ProxyTimeout 3: Apache's stock 502 Proxy Error" "curl -sv" -- -sv $RF $F/api/slow
    cap $S apache-404-unrouted-fastify.txt 404 proxy apache "/v2/tickets is not proxied: Apache's own 404" "curl -si" -- -si $RF $F/v2/tickets/1
    capbody $BO body-fastify-413-body-apache.txt 413/413 app fastify "a 12 KB JSON POST: Fastify's 413, its statusCode field shows 413" "curl -s" -- $RF -H "$J" --data-binary @"$RUN/work/big12k.txt" $F/api/tickets
    kill_app fastify
    cap $S apache-503-app-down-fastify.txt 503 proxy apache "Node killed: Apache's stock 503" "curl -si" -- -si $RF $F/api/tickets/1
    capcutn $HO cutn-apache-503-app-down-fastify.txt 503 proxy apache "Node still down: Apache's 503, the status line and first headers" "curl -si, the status line and 3 headers kept" -- 3 i $RF $F/api/tickets/2
    start_app fastify || die "fastify did not come back"
fi
# ================================================= Caddy -> NestJS on Node ==
if up caddy; then
    log "capturing: NestJS on Node behind Caddy"
    S=nestjs-node-caddy-r183
    P=http://api.pier.test:60836 RP="--resolve api.pier.test:60836:127.0.0.1"
    cap $S nest-200-ticket-caddy.txt 200 app nestjs "ticket 1: Nest's answer passed on (Caddy adds X-Request-ID)" "curl -si" -- -si $RP $P/api/tickets/1
    cap $S nest-201-create-caddy.txt 201 app nestjs "POST a new ticket: Nest's default 201 for @Post" "curl -si" -- -si $RP -H "$J" -d '{"title":"Paper jam on floor 2"}' $P/api/tickets
    cap $S nest-204-delete-caddy.txt 204 app nestjs "DELETE ticket 1: @HttpCode(204), empty" "curl -si" -- -si $RP -X DELETE $P/api/tickets/1
    cap $S nest-301-v1-ticket-caddy.txt 301 app nestjs "/api/v1/tickets/1: res.redirect(301), passed on" "curl -si" -- -si $RP $P/api/v1/tickets/1
    cap $S nest-304-ticket-inm-caddy.txt 304 app nestjs "If-None-Match with the ETag Express (under Nest) made: its 304, passed on" "curl -sv" -- -sv $RP -H "If-None-Match: $(etag_of $RP $P/api/tickets/1)" $P/api/tickets/1
    cap $S nest-400-validation-caddy.txt 400 app nestjs "POST an empty title: the ValidationPipe-shaped 400 (message is a list)" "curl -si" -- -si $RP -H "$J" -d '{"title":""}' $P/api/tickets
    cap $S nest-401-me-caddy.txt 401 app nestjs "/api/me without a token: the guard's UnauthorizedException" "curl -si" -- -si $RP $P/api/me
    caphttp $S nest-403-admin-caddy-httpie.txt 403 app nestjs "/api/admin/stats with a user token: 'Forbidden resource'" "HTTPie -v with colours" -- -v http://127.0.0.1:60836/api/admin/stats Host:api.pier.test:60836 "Authorization:Bearer user-token"
    cap $S nest-404-cannot-get-caddy.txt 404 app nestjs "/api/invoices (no route): Nest's JSON 'Cannot GET /api/invoices'" "curl -si" -- -si $RP $P/api/invoices
    cap $S nest-405-put-caddy.txt 405 app nestjs "PUT ticket 1: MethodNotAllowedException" "curl -si" -- -si $RP -X PUT $P/api/tickets/1
    cap $S nest-409-duplicate-caddy.txt 409 app nestjs "POST the open ticket's title: ConflictException" "curl -si" -- -si $RP -H "$J" -d '{"title":"Printer on floor 3 is on fire"}' $P/api/tickets
    cap $S nest-413-body-caddy.txt 413 app nestjs "a 12 KB JSON POST (no limit at Caddy): body-parser's 413 through Nest's filter" "curl -si" -- -si $RP -H "$J" --data-binary @"$RUN/work/big12k.txt" $P/api/tickets
    quiet $RP $P/api/search; quiet $RP $P/api/search
    cap $S nest-429-search-caddy.txt 429 app nestjs "/api/search a third time: the ThrottlerException-shaped 429" "curl -si" -- -si $RP $P/api/search
    cap $S nest-500-boom-caddy.txt 500 app nestjs "/api/boom throws: Nest's JSON 500" "curl -sv" -- -sv $RP $P/api/boom
    cap $S nest-503-maintenance-caddy.txt 503 app nestjs "/api/maintenance: ServiceUnavailableException with Retry-After" "curl -si" -- -si $RP $P/api/maintenance
    cap $S caddy-504-slow-nest.txt 504 proxy caddy "/api/slow takes 5 s, response_header_timeout 3s: Caddy's empty 504 (with its X-Request-ID)" "curl -si" -- -si $RP $P/api/slow
    cap $S caddy-404-unrouted-nest.txt 404 proxy caddy "/v2/tickets is not routed: Caddy's empty 404 (error 404)" "curl -si" -- -si $RP $P/v2/tickets/1
    caphead $HO head-nest-200-ticket-caddy.txt 200 app nestjs "HEAD ticket 1: Nest's answer passed on" "curl -sI" -- $RP $P/api/tickets/1
    kill_app nest
    cap $S caddy-502-app-down-nest.txt 502 proxy caddy "Node killed: Caddy's empty 502" "curl -si" -- -si $RP $P/api/tickets/1
    start_app nest || die "nest did not come back"
fi
log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx apache caddy haproxy; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round183/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
