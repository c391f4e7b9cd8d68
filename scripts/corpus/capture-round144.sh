#!/usr/bin/env bash
# capture-round144.sh — build the hundred-and-forty-fourth held-out evidence
# corpus in tests/fixtures/evidence-round144/.
#
# "The issue's failure classes an eleventh time, as a team most often deploys
# them": one mainstream front each before one mainstream app server and
# framework. Front configs in scripts/corpus/conf-round144/ (round 140's, ports
# moved to 61441-61455, request-id header names changed, rebranded):
#   - nginx 1.22 -> FastAPI on uvicorn (apps144/fastapi144.py over apps108/fastapi_app.py);
#   - Apache 2.4 (mod_proxy_http) -> Django 5.2 on gunicorn, WSGI (apps108/django_app.py);
#   - Caddy 2.6 -> Flask on gunicorn (apps144/flask144.py over apps108/flask_app.py);
#   - HAProxy 2.6 -> Express 4 on Node 20 (apps108/express_app.js);
#   - Varnish 7.1 -> Django 5.2 on gunicorn, WSGI (apps130/django_wsgi.py over apps113/django_app.py).
# Plain HTTP/1.1 throughout. Helpers are round 140's, unchanged.
#
#   scripts/corpus/capture-round144.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round144.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round144.sh       # keep configs + logs in the runtime dir
#
# Every server binds 127.0.0.1 (ports 61441-61455 and 61541-61545, inside
# 60000-61999), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers
# meanwhile: those are not looked at, and never stopped); every curl, HTTPie
# and wget request runs under `timeout`; every server it started is stopped on
# exit, by process id. Labels are written by finish_round144.py, which refuses
# (and this script then leaves the fixtures as they were) when a label's
# status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round144"
RUN=/tmp/api-triage-corpus144-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round144"
APPS108="$HERE/apps108"
APPS113="$HERE/apps113"
APPS130="$HERE/apps130"
APPS144="$HERE/apps144"
VENV=${CORPUS_VENV144:-/tmp/api-triage-corpus144-venv}     # a copy of round 143's (django, fastapi, flask, gunicorn, uvicorn, httpie)
NODE_DIR=${CORPUS_NODE144:-/tmp/api-triage-corpus144-node} # a copy of round 138's (express)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 django==5.2.19 fastapi==0.165.0 flask==3.1.3 gunicorn==27.0.1 uvicorn==0.55.0)
NODE_PKGS=(express@4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus144 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
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

install_venv() {  # a copy of round 143's venv; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, django, fastapi, flask, gunicorn, uvicorn" 2>/dev/null && return 0
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round144.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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

install_node() {  # a copy of round 138's node_modules; from npm when missing
    [[ -e $NODE_DIR/node_modules/express/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus144","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund "${NODE_PKGS[@]}") >>"$RUN/logs/npm.log" 2>&1 \
        || SKIPPED[node]="npm install failed (see logs/npm.log)"
}

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS108 && -d $APPS113 && -d $APPS130 && -d $APPS144 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn,varnish,haproxy,apache,nginx/tmp,caddy/data,caddy/config}
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

# Fronts: nginx 61441, Apache 61442, Caddy 61443/61453, HAProxy 61444/61454,
# Varnish 61445/61455. Apps: FastAPI/uvicorn 61541 (nginx), Django/gunicorn
# 61542 (Apache), Flask/gunicorn 61543 (Caddy), Express/Node 61544 (HAProxy),
# Django/gunicorn 61545 (Varnish).
TCP_PORTS=(61441 61442 61443 61444 61445 61453 61454 61455 61541 61542 61543 61544 61545)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    corvid) start_bg corvid env PYTHONPATH="$APPS144:$APPS108" nice -n 5 "$VPY" -m uvicorn --host 127.0.0.1 --port 61541 \
            --workers 1 fastapi144:app
        wait_port 61541 corvid ;;
    fernhill) start_bg fernhill env PYTHONPATH="$APPS108" nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:61542 --workers 2 \
            --worker-tmp-dir "$RUN/gunicorn" django_app:application
        wait_port 61542 fernhill ;;
    larkspur) start_bg larkspur env PYTHONPATH="$APPS144:$APPS108" nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:61543 --workers 2 \
            --worker-tmp-dir "$RUN/gunicorn" flask144:app
        wait_port 61543 larkspur ;;
    mossgate) start_bg mossgate env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS108/express_app.js" 61544
        wait_port 61544 mossgate ;;
    kestrel) start_bg kestrel env PYTHONPATH="$APPS130:$APPS113" nice -n 5 "$VPY" -m gunicorn --bind 127.0.0.1:61545 --workers 2 \
            --worker-tmp-dir "$RUN/gunicorn" django_wsgi:application
        wait_port 61545 kestrel ;;
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
for a in corvid fernhill larkspur mossgate kestrel; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
rconf() { sed -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$CONF|g" "$1" >"$2"; }
rconf "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 61441 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
rconf "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 61442 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
rconf "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 61443 caddy && wait_port 61453 caddy && UP[caddy]=1
rconf "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 61444 haproxy && wait_port 61454 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
cp "$CONF/varnish.vcl" "$RUN/varnish/r144.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:61445 -a 127.0.0.1:61455 \
    -T none -f "$RUN/varnish/r144.vcl" -n "$RUN/varnish/r144" -s malloc,16m
wait_port 61445 varnish && wait_port 61455 varnish && UP[varnish]=1
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 144 (held out): real responses captured by
# scripts/corpus/capture-round144.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-143:
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
LONG=$(printf 'x%.0s' $(seq 1 1500))
PAD=$(printf 'p%.0s' $(seq 1 8000))
head -c 2048 /dev/zero | tr '\0' 'a' >"$RUN/work/big.txt"
JSON='Content-Type: application/json'

# ================================================= nginx -> FastAPI on uvicorn ==
if up nginx; then
    log "capturing: FastAPI on uvicorn behind nginx"
    S=fastapi-uvicorn-nginx-r144
    H=api.corvid.test C=http://api.corvid.test:61441 RC="--resolve api.corvid.test:61441:127.0.0.1"
    cap $S fastapi-200-order-nginx.txt 200 app fastapi "order 1: FastAPI's answer passed on (nginx adds a Via line; the location's add_header drops the server-level X-Request-ID)" "curl -si" -- -si $RC $C/api/orders/1
    cap $S fastapi-401-account-nginx.txt 401 app fastapi "/api/account: FastAPI's JSON 401 with WWW-Authenticate: Bearer, passed on" "curl -si" -- -si $RC $C/api/account
    cap $S fastapi-422-create-no-ref-nginx.txt 422 app fastapi "POST /api/orders without ref: FastAPI's own validation 422, passed on" "curl -si" -- -si $RC -H "$JSON" -d '{"total":"3.00"}' $C/api/orders
    capwin $S fastapi-429-quota-nginx.txt 429 app fastapi "/api/quota: the app's own JSON 429 with Retry-After, passed on" "curl -si pasted with CRLF" -- -si $RC $C/api/quota
    cap $S fastapi-502-payments-html-nginx.txt 502 app fastapi "/api/payments: the app's own HTML 502 page, passed on" "curl -si" -- -si $RC $C/api/payments
    cap $S fastapi-504-reports-html-nginx.txt 504 app fastapi "/api/reports: the app's own HTML 504 page, passed on" "curl -si" -- -si $RC $C/api/reports
    caplt $S fastapi-500-boom-text-nginx.txt 500 app fastapi "/api/boom raises: FastAPI's (Starlette's ServerErrorMiddleware) text 'Internal Server Error', passed on" "curl -sv, only the < lines kept" -- -sv $RC $C/api/boom
    cap $S nginx-429-export-json-fastapi.txt 429 proxy nginx "/api/export: nginx's own JSON 429 (return 429 with default_type application/json)" "curl -si" -- -si $RC $C/api/export
    capraw $S nginx-503-reports-maintenance-json-fastapi.txt 503 proxy nginx "/api/reports/: nginx's own JSON maintenance 503" "curl -si saved to a file (CRs kept)" -- -si $RC $C/api/reports/daily
    cap $S nginx-410-legacy-fastapi.txt 410 proxy nginx "/api/legacy/: return 410 \"\"; nginx sends its stock 410 page" "curl -sv" -- -sv $RC $C/api/legacy/orders
    cap $S nginx-501-transfer-encoding-fastapi.txt 501 proxy nginx "Transfer-Encoding: gzip: nginx's stock 501 Not Implemented" "curl -si" -- -si $RC -H 'Transfer-Encoding: gzip' $C/api/orders/1
    cap $S nginx-414-long-uri-fastapi.txt 414 proxy nginx "a 1.5 KB query string, large_client_header_buffers 1k: nginx's stock 414" "curl -si" -- -si $RC "$C/api/orders/1?q=$LONG"
    cap $S nginx-413-body-fastapi.txt 413 proxy nginx "a 2 KB POST, client_max_body_size 1k: nginx's stock 413" "curl -si" -- -si $RC -H "$JSON" --data-binary @"$RUN/work/big.txt" $C/api/orders
    cap $S nginx-504-slow-fastapi.txt 504 proxy nginx "/api/slow takes 5 s, proxy_read_timeout 3s: nginx's stock 504" "curl -si" -- -si $RC $C/api/slow
    HTTPIE_CMD=http caphttp $S nginx-504-edge-json-timeout-fastapi-httpie.txt 504 proxy nginx "/edge/slow: the timeout turned into nginx's own JSON 504 (error_page = @json_timeout)" "HTTPie -v with colours" -- -v GET http://127.0.0.1:61441/edge/slow Host:$H:61441
    cap $S nginx-404-shop-branded-fastapi.txt 404 proxy nginx "/shop/orders/9: the app's JSON 404 intercepted, nginx serves Tallowmere's branded 404 page" "curl -si" -- -si $RC $C/shop/orders/9
    capbody $BO body-fastapi-502-payments-html-nginx.txt 502/502 app fastapi "/api/payments: the app's own HTML 502 page, its title shows 502" "curl -s" -- $RC $C/api/payments
    kill_app corvid
    cap $S nginx-502-app-stopped-fastapi.txt 502 proxy nginx "uvicorn killed: nginx's stock 502" "curl -si" -- -si $RC $C/api/orders/1
    capwget $S nginx-504-edge-json-app-stopped-fastapi-wget.txt 504 proxy nginx "/edge/ while uvicorn is down: the 502 turned into nginx's own JSON 504" "wget -S -O-" -- --header="Host: $H:61441" http://127.0.0.1:61441/edge/orders/1
    capvnull $HO vnull-nginx-502-app-stopped-fastapi.txt 502 proxy nginx "uvicorn still down: nginx's stock 502" "curl -sv -o /dev/null, only the < lines kept" -- $RC $C/api/orders/2
    start_app corvid || die "corvid did not come back"
fi
# ================================================= Apache -> Django on gunicorn ==
if up apache; then
    log "capturing: Django on gunicorn behind Apache"
    S=django-gunicorn-apache-r144
    H=api.fernhill.test Q=http://api.fernhill.test:61442 RQ="--resolve api.fernhill.test:61442:127.0.0.1"
    cap $S django-200-order-apache.txt 200 app django "order 1: Django's answer passed on (Apache adds X-Request-Id and Via)" "curl -si" -- -si $RQ $Q/api/orders/1
    cap $S django-400-order-abc-apache.txt 400 app django "order abc: the view's JSON 400, passed on" "curl -si" -- -si $RQ $Q/api/orders/abc
    cap $S django-409-create-dup-apache.txt 409 app django "POST an existing ref: the view's JSON 409, passed on" "curl -si" -- -si $RQ -H "$JSON" -d '{"ref":"FH-1001"}' $Q/api/orders
    cap $S django-403-admin-apache.txt 403 app django "/api/admin: the view's JSON 403, passed on" "curl -si" -- -si $RQ $Q/api/admin
    cap $S django-404-no-route-html-apache.txt 404 app django "/api/nope: no URL pattern, DEBUG off: Django's HTML 'Not Found', passed on" "curl -si" -- -si $RQ $Q/api/nope
    cap $S django-502-payments-html-apache.txt 502 app django "/api/payments: the view's own HTML 502 page, passed on" "curl -si" -- -si $RQ $Q/api/payments
    capraw $S django-503-statements-html-apache.txt 503 app django "/api/statements: the view's own HTML 503 page, passed on" "curl -si saved to a file (CRs kept)" -- -si $RQ $Q/api/statements
    cap $S django-500-boom-html-apache.txt 500 app django "/api/boom raises, DEBUG off: Django's HTML 'Server Error (500)', passed on" "curl -si" -- -si $RQ $Q/api/boom
    cap $S apache-429-export-json-django.txt 429 proxy apache "/api/export: RewriteRule R=429 with a JSON ErrorDocument, Apache's own answer" "curl -si" -- -si $RQ $Q/api/export
    cap $S apache-503-reports-maintenance-json-django.txt 503 proxy apache "/api/reports/: RewriteRule R=503 with a JSON maintenance ErrorDocument" "curl -sv" -- -sv $RQ $Q/api/reports/daily
    cap $S apache-403-internal-django.txt 403 proxy apache "/internal/: Require all denied, Apache's stock 403" "curl -si" -- -si $RQ $Q/internal/metrics
    cap $S apache-405-trace-django.txt 405 proxy apache "TRACE, TraceEnable Off: Apache's stock 405" "curl -si" -- -si $RQ -X TRACE $Q/api/orders/1
    cap $S apache-414-long-uri-django.txt 414 proxy apache "a 1.5 KB query string, LimitRequestLine 1024: Apache's stock 414" "curl -si" -- -si $RQ "$Q/api/orders/1?q=$LONG"
    cap $S apache-502-slow-django.txt 502 proxy apache "/api/slow takes 5 s, ProxyTimeout 3: Apache's stock '502 Proxy Error'" "curl -si" -- -si $RQ $Q/api/slow
    cap $S apache-404-shop-branded-django.txt 404 proxy apache "/shop/orders/9: the app's 404 replaced (ProxyErrorOverride) by Tallowmere's branded 404 page" "curl -si" -- -si $RQ $Q/shop/orders/9
    capjq $BO body-django-409-create-dup-jq-apache.txt 0/409 app django "POST an existing ref: the view's JSON {\"errors\":[...]} (no status number)" "curl -s | jq ." -- $RQ -H "$JSON" -d '{"ref":"FH-1001"}' $Q/api/orders
    kill_app fernhill
    cap $S apache-503-app-stopped-django.txt 503 proxy apache "gunicorn killed, retry=0: Apache's stock 503" "curl -si" -- -si $RQ $Q/api/orders/1
    HTTPIE_CMD=http caphttp $S apache-503-shop-branded-stopped-django-httpie.txt 503 proxy apache "/shop/ while gunicorn is down: Apache's 503 with Tallowmere's branded page" "HTTPie -v with colours" -- -v GET http://127.0.0.1:61442/shop/orders/1 Host:$H:61442
    caphead $HO head-apache-503-app-stopped-django.txt 503 proxy apache "HEAD while gunicorn is down: Apache's 503" "curl -sI" -- $RQ $Q/api/orders/1
    start_app fernhill || die "fernhill did not come back"
fi
# ================================================= Caddy -> Flask on gunicorn ==
if up caddy; then
    log "capturing: Flask on gunicorn behind Caddy"
    S=flask-gunicorn-caddy-r144
    H=api.fernhill.test F=http://api.fernhill.test:61443 RF="--resolve api.fernhill.test:61443:127.0.0.1"
    FB=http://api.fernhill.test:61453 RFB="--resolve api.fernhill.test:61453:127.0.0.1"
    cap $S flask-200-order-caddy.txt 200 app flask "order 1: Flask's answer passed on (Caddy adds X-Trace-Id and Via; the app sets its own X-Request-ID)" "curl -si" -- -si $RF $F/api/orders/1
    cap $S flask-401-account-caddy.txt 401 app flask "/api/account: the app's JSON 401 with WWW-Authenticate Bearer, passed on" "curl -si" -- -si $RF $F/api/account
    cap $S flask-400-order-abc-caddy.txt 400 app flask "order abc: the app's JSON 400, passed on" "curl -si" -- -si $RF $F/api/orders/abc
    cap $S flask-422-create-no-ref-caddy.txt 422 app flask "POST without ref: the app's JSON 422, passed on" "curl -si" -- -si $RF -H "$JSON" -d '{}' $F/api/orders
    cap $S flask-404-no-route-html-caddy.txt 404 app flask "/api/nope: Werkzeug's HTML 404 page, passed on" "curl -si" -- -si $RF $F/api/nope
    cap $S flask-502-payments-html-caddy.txt 502 app flask "/api/payments: the app's own HTML 502 page, passed on" "curl -si" -- -si $RF $F/api/payments
    capraw $S flask-503-statements-html-caddy.txt 503 app flask "/api/statements: the app's own HTML 503 page, passed on" "curl -si saved to a file (CRs kept)" -- -si $RF $F/api/statements
    cap $S flask-504-reports-html-caddy.txt 504 app flask "/api/reports: the app's own HTML 504 page, passed on" "curl -sv" -- -sv $RF $F/api/reports
    cap $S caddy-429-export-json-flask.txt 429 proxy caddy "/api/export: Caddy's own JSON 429 (respond)" "curl -si" -- -si $RF $F/api/export
    capwin $S caddy-503-reports-maintenance-json-flask.txt 503 proxy caddy "/api/reports/: Caddy's own JSON maintenance 503 with Retry-After" "curl -si pasted with CRLF" -- -si $RF $F/api/reports/daily
    cap $S caddy-410-legacy-empty-flask.txt 410 proxy caddy "/api/legacy/: respond 410, an empty body; only Server: names Caddy" "curl -sv" -- -sv $RF $F/api/legacy/orders
    capcut $S caddy-431-header-flask.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB: Go's 431 in Caddy" "curl -si, body cut off after the headers" -- -si $RF -H "X-Pad: $PAD" $F/api/orders/1
    cap $S caddy-504-slow-flask.txt 504 proxy caddy "/api/slow takes 5 s, response_header_timeout 3s: Caddy's empty 504" "curl -si" -- -si $RF $F/api/slow
    cap $S caddy-502-branded-payments-flask.txt 502 proxy caddy "branded site: the app's HTML 502 replaced by Tallowmere's branded 5xx page" "curl -sv" -- -sv $RFB $FB/api/payments
    kill_app larkspur
    cap $S caddy-502-app-stopped-flask.txt 502 proxy caddy "gunicorn killed: Caddy's empty 502" "curl -si" -- -si $RF $F/api/orders/1
    capdump $S caddy-502-branded-app-stopped-flask.txt 502 proxy caddy "branded site while gunicorn is down: handle_errors serves Tallowmere's branded 5xx page" "curl -s -D-" -- $RFB $FB/api/orders/1
    capcutn $HO cutn-caddy-502-app-stopped-flask.txt 502 proxy caddy "gunicorn still down: Caddy's empty 502, the status line and first headers" "curl -si, the status line and 3 headers kept" -- 3 i $RF $F/api/orders/2
    start_app larkspur || die "larkspur did not come back"
fi
# ================================================= HAProxy -> Express on Node ==
if up haproxy; then
    log "capturing: Express on Node behind HAProxy"
    S=express-node-haproxy-r144
    H=api.mossgate.test L=http://api.mossgate.test:61444 RL="--resolve api.mossgate.test:61444:127.0.0.1"
    LB=http://api.mossgate.test:61454 RLB="--resolve api.mossgate.test:61454:127.0.0.1"
    cap $S express-200-order-haproxy.txt 200 app express "order 1: Express's answer passed on (HAProxy adds X-Lb-Request-Id and Via; the app sets its own X-Request-Id)" "curl -si" -- -si $RL $L/api/orders/1
    cap $S express-401-account-haproxy.txt 401 app express "/api/account: the app's JSON 401 with WWW-Authenticate Bearer, passed on" "curl -si" -- -si $RL $L/api/account
    cap $S express-409-create-dup-haproxy.txt 409 app express "POST an existing ref: the app's JSON 409, passed on" "curl -si" -- -si $RL -H "$JSON" -d '{"ref":"CV-1001"}' $L/api/orders
    cap $S express-403-admin-haproxy.txt 403 app express "/api/admin: the app's JSON 403, passed on" "curl -si" -- -si $RL $L/api/admin
    capraw $S express-502-payments-html-haproxy.txt 502 app express "/api/payments: the app's own HTML 502 page, passed on" "curl -si saved to a file (CRs kept)" -- -si $RL $L/api/payments
    caplt $S express-429-quota-haproxy.txt 429 app express "/api/quota: the app's own JSON 429 with Retry-After, passed on" "curl -sv, only the < lines kept" -- -sv $RL $L/api/quota
    cap $S express-503-maintenance-json-haproxy.txt 503 app express "/api/maintenance: the app's own JSON 503 with Retry-After, passed on" "curl -si" -- -si $RL $L/api/maintenance
    cap $S express-500-boom-html-haproxy.txt 500 app express "/api/boom throws: Express's finalhandler HTML 'Internal Server Error', passed on" "curl -si" -- -si $RL $L/api/boom
    cap $S haproxy-429-export-json-express.txt 429 load-balancer haproxy "/api/export: http-request return, HAProxy's own JSON 429" "curl -si" -- -si $RL $L/api/export
    caplt $S haproxy-503-reports-maintenance-json-express.txt 503 load-balancer haproxy "/api/reports/: http-request return, HAProxy's own JSON maintenance 503" "curl -sv, only the < lines kept" -- -sv $RL $L/api/reports/daily
    cap $S haproxy-429-bulk-stock-express.txt 429 load-balancer haproxy "/api/bulk/: deny_status 429, HAProxy's stock 429 page" "curl -si" -- -si $RL $L/api/bulk/orders
    cap $S haproxy-403-internal-express.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's stock 403 page" "curl -si" -- -si $RL $L/internal/metrics
    cap $S haproxy-504-slow-express.txt 504 load-balancer haproxy "/api/slow takes 5 s, timeout server 3s: HAProxy's stock 504" "curl -si" -- -si $RL $L/api/slow
    capwin $S haproxy-504-edge-json-slow-express.txt 504 load-balancer haproxy "/edge/slow: errorfiles json, HAProxy's own JSON 504" "curl -si pasted with CRLF" -- -si $RL $L/edge/slow
    cap $S haproxy-404-branded-order9-express.txt 404 load-balancer haproxy "branded frontend: the app's 404 replaced (http-response return) by Tallowmere's branded 404 page" "curl -si" -- -si $RLB $LB/api/orders/9
    capbody $BO body-haproxy-429-export-json-express.txt 0/429 load-balancer haproxy "/api/export: HAProxy's JSON 429, no status number in it" "curl -s" -- $RL $L/api/export
    kill_app mossgate
    cap $S haproxy-503-app-stopped-express.txt 503 load-balancer haproxy "Node killed: HAProxy's stock 503 after the retry" "curl -si" -- -si $RL $L/api/orders/1
    cap $S haproxy-503-edge-json-stopped-express.txt 503 load-balancer haproxy "/edge/ while Node is down: errorfiles json, HAProxy's own JSON 503" "curl -sv" -- -sv $RL $L/edge/orders/1
    capwget $S haproxy-503-branded-stopped-express-wget.txt 503 load-balancer haproxy "branded frontend while Node is down: errorfile 503, Tallowmere's branded page" "wget -S -O-" -- --header="Host: $H:61454" http://127.0.0.1:61454/api/orders/1
    start_app mossgate || die "mossgate did not come back"
fi
# ================================================= Varnish -> Django on gunicorn ==
if up varnish; then
    log "capturing: Django on gunicorn behind Varnish"
    S=django-gunicorn-varnish-r144
    H=api.kestrel.test K=http://api.kestrel.test:61445 RK="--resolve api.kestrel.test:61445:127.0.0.1"
    KB=http://api.kestrel.test:61455 RKB="--resolve api.kestrel.test:61455:127.0.0.1"
    quiet $RK $K/api/rates
    cap $S django-200-ticket-miss-varnish.txt 200 app django "ticket 1, first request: a MISS, Django's answer passed on (Varnish's Via)" "curl -si" -- -si $RK $K/api/tickets/1
    caplt $S varnish-200-ticket-hit-django.txt 200 cdn-cache varnish "ticket 1 again: a HIT from Varnish's store (Server: still gunicorn)" "curl -sv, only the < lines kept" -- -sv $RK $K/api/tickets/1
    cap $S varnish-304-ticket-inm-django.txt 304 cdn-cache varnish "If-None-Match with the stored ETag: Varnish's 304 from its store" "curl -sv" -- -sv $RK -H 'If-None-Match: "kt-t1-v4"' $K/api/tickets/1
    cap $S django-404-ticket9-miss-varnish.txt 404 app django "ticket 9, first request: the view's JSON 404 (public, max-age=120), a MISS" "curl -si" -- -si $RK $K/api/tickets/9
    cap $S django-404-ticket9-hit-varnish.txt 404 app django "ticket 9 again: the app's 404 kept by Varnish and replayed as a HIT" "curl -si" -- -si $RK $K/api/tickets/9
    cap $S django-502-payments-html-varnish.txt 502 app django "/api/payments: the view's own HTML 502 page, passed on" "curl -sv" -- -sv $RK $K/api/payments
    cap $S django-504-reports-html-varnish.txt 504 app django "/api/reports: the view's own HTML 504 page, passed on" "curl -si" -- -si $RK $K/api/reports
    cap $S varnish-429-export-json-django.txt 429 cdn-cache varnish "/api/export: a JSON synth 429 written in VCL" "curl -si" -- -si $RK $K/api/export
    cap $S varnish-503-reports-maintenance-json-django.txt 503 cdn-cache varnish "/api/reports/: a JSON maintenance synth 503 written in VCL" "curl -sv" -- -sv $RK $K/api/reports/daily
    cap $S varnish-403-admin-django.txt 403 cdn-cache varnish "/admin/: synth 403, Varnish's stock guru-meditation page" "curl -si" -- -si $RK $K/admin/users
    cap $S varnish-417-expect-django.txt 417 cdn-cache varnish "Expect: bogus: Varnish's minimal 417, no body" "curl -sv" -- -sv $RK -H 'Expect: bogus' $K/api/tickets/1
    cap $S varnish-503-slow-django.txt 503 cdn-cache varnish "/api/slow takes 5 s, first_byte_timeout 3s: Varnish's 'Backend fetch failed'" "curl -si" -- -si $RK $K/api/slow
    cap $S varnish-503-branded-slow-django.txt 503 cdn-cache varnish "branded port: the same timeout, Tallowmere's branded page from vcl_backend_error" "curl -si" -- -si $RKB $KB/api/slow
    sleep 2.5
    kill_app kestrel
    cap $S varnish-200-rates-grace-django.txt 200 cdn-cache varnish "rates expired (max-age=2), gunicorn killed: grace serves the stale copy" "curl -sv" -- -sv $RK $K/api/rates
    cap $S varnish-503-app-killed-django.txt 503 cdn-cache varnish "gunicorn killed, ticket 2 never cached: Varnish's 'Backend fetch failed'" "curl -si" -- -si $RK $K/api/tickets/2
    capbody $BO body-varnish-503-branded-killed-django.txt 0/503 cdn-cache varnish "branded port while gunicorn is down: Tallowmere's branded page, no status number in it" "curl -s" -- $RKB $KB/api/tickets/3
    caphttph $HO httph-varnish-200-ticket-hit-django.txt 200 cdn-cache varnish "ticket 1 while gunicorn is down: from Varnish's store" "HTTPie --headers with colours" -- GET http://127.0.0.1:61445/api/tickets/1 Host:$H:61445
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round144/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
