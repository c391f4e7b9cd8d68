#!/usr/bin/env bash
# capture-round175.sh — build the hundred-and-seventy-fifth held-out evidence
# corpus in tests/fixtures/evidence-round175/.
#
# "Credentials checked at the front and at the app, a second look": round
# 158's fronts and configs (scripts/corpus/conf-round175/, ports moved to
# 60000-61999) before apps that check their own Bearer tokens, on new app
# servers / frameworks:
#   - nginx auth_request to a token check (apps158/tokensvc.py) + auth_basic
#     -> Django 5.2 on cheroot, WSGI (apps175/django_wsgi.py serving apps158/django_app.py);
#   - nginx auth_basic -> Express 4 on Node (apps158/express_app.js);
#   - Caddy basicauth + forward_auth (tokensvc.py) -> FastAPI on Hypercorn (apps158/fastapi_app.py);
#   - HAProxy http-request auth + ACLs on Authorization / X-Api-Key -> Fastify 4 on Node (apps175/fastify_app.js);
#   - Apache AuthType Basic / Require valid-user / Require ip -> Flask 3.1 on cheroot (apps158/flask_app.py);
#   - Caddy forward_auth + basicauth -> Flask 3.1 on cheroot.
# Every app checks its own Bearer JWTs (HS256, kid k2; k1 rotated out),
# X-Api-Key and session cookie. All passwords, keys and tokens are test
# values made for this corpus; tokens are minted at run time
# (apps158/jwt158.py), htpasswd and bcrypt hashes made under the run dir.
#
#   scripts/corpus/capture-round175.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round175.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round175.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60000-61999: fronts 60751-60756, apps 60851-60856, the token check
# 60891), and the script stops if a socket held by one of its own processes
# listens anywhere else (another helper runs its own servers meanwhile:
# those are not looked at, and never stopped); every curl and HTTPie request
# runs under `timeout`; every server it started is stopped on exit, by
# process id. Labels are written by finish_round175.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status
# is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round175"
RUN=/tmp/api-triage-corpus175-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round175"
APPS158="$HERE/apps158"
APPS175="$HERE/apps175"
VENV=${CORPUS_VENV175:-/tmp/api-triage-corpus175-venv}     # a copy of round 174's (flask, fastapi, django, cheroot, hypercorn, httpie)
NODE_DIR=${CORPUS_NODE175:-/tmp/api-triage-corpus175-node} # a copy of round 174's (express, fastify)
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 django==5.2.19 flask==3.1.3 fastapi==0.165.0 hypercorn==0.18.0 cheroot==11.1.2)
NODE_PKGS=(express@4 fastify@4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus175 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq openssl nginx apache2 caddy haproxy python3-venv nodejs)
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

install_venv() {  # a copy of round 156's venv; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, django, flask, fastapi, hypercorn, cheroot" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

install_node() {  # a copy of round 156's node_modules; from npm when missing
    local m ok=1
    for m in express fastify; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus175","private":true}' >"$NODE_DIR/package.json"
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round175.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS158 && -d $APPS175 ]] || die "missing $CONF, $APPS158 or $APPS175"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,haproxy,apache,nginx/tmp,caddy/data,caddy/config}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the Node packages are missing (${SKIPPED[node]})"
for p in nginx apache2 caddy haproxy jq openssl nodejs; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

TCP_PORTS=(60751 60752 60753 60754 60755 60756 60851 60852 60853 60854 60855 60856 60891 60899)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- test credentials (made for this corpus only) ----------------------------------
PW_ANA=ana-r175-pass PW_BEN=ben-r175-pass
printf 'ana:%s\nben:%s\n' "$(openssl passwd -apr1 "$PW_ANA")" "$(openssl passwd -apr1 "$PW_BEN")" >"$RUN/htpasswd"
ANA_HASH=$(caddy hash-password --plaintext "$PW_ANA") BEN_HASH=$(caddy hash-password --plaintext "$PW_BEN")
mint() { "$PY" "$APPS158/jwt158.py" "$@"; }
GOOD=$(mint ana orders 3600)
ADMIN=$(mint ana 'orders admin' 3600)
NOSCOPE=$(mint ben profile 3600)
EXPIRED=$(mint ana orders -900)
ROTATED=$(mint ana orders 3600 orders-api k1)
WRONGAUD=$(mint ana orders 3600 billing-api)
OPAQUE=opq_7f3c9a1e5b2d4c8a0e6f

declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    tokensvc) start_bg tokensvc "$PY" "$APPS158/tokensvc.py" 60891
        wait_port 60891 tokensvc ;;
    tide) start_bg tide env PYTHONPATH="$APPS175:$APPS158" nice -n 5 "$VPY" -m cheroot --threads 4 --bind 127.0.0.1:60851 django_wsgi:application
        wait_port 60851 tide ;;
    larch) start_bg larch "${NODEENV[@]}" "$APPS158/express_app.js" 60852
        wait_port 60852 larch ;;
    salt) start_bg salt env PYTHONPATH="$APPS158" nice -n 5 "$VPY" -m hypercorn --bind 127.0.0.1:60853 --workers 1 fastapi_app:app
        wait_port 60853 salt ;;
    ash) start_bg ash "${NODEENV[@]}" "$APPS175/fastify_app.js" 60854
        wait_port 60854 ash ;;
    west) start_bg west env PYTHONPATH="$APPS158" nice -n 5 "$VPY" -m cheroot --threads 4 --bind 127.0.0.1:60855 flask_app:app
        wait_port 60855 west ;;
    east) start_bg east env PYTHONPATH="$APPS158" nice -n 5 "$VPY" -m cheroot --threads 4 --bind 127.0.0.1:60856 flask_app:app
        wait_port 60856 east ;;
    esac
}
for a in tokensvc tide larch salt ash west east; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
rconf() { sed -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$CONF|g" -e "s|@ANA_HASH@|$ANA_HASH|g" -e "s|@BEN_HASH@|$BEN_HASH|g" "$1" >"$2"; }
rconf "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60751 nginx && wait_port 60752 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
rconf "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 60755 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
rconf "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60753 caddy && wait_port 60756 caddy && UP[caddy]=1
rconf "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
cp "$CONF/haproxy-keys.map" "$RUN/haproxy/keys.map"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 60754 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 175 (held out): real responses captured by
# scripts/corpus/capture-round175.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-174:
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

BO=body-only-paste-r175 HO=headers-only-paste-r175

# ================================================= nginx auth_request -> Django on cheroot (WSGI) ==
if up nginx; then
    log "capturing: Django on cheroot (WSGI) behind nginx auth_request"
    S=django-cheroot-nginx-r175
    H=api.tidewater.test T=http://api.tidewater.test:60751 RT="--resolve api.tidewater.test:60751:127.0.0.1"
    cap $S django-200-order-good-token-nginx.txt 200 app django "good token: the check says 200, Django answers order 7" "curl -sv" -- -sv $RT -H "Authorization: Bearer $GOOD" $T/api/orders/7
    cap $S nginx-401-order-no-token-django.txt 401 identity nginx "no Authorization: the check says 401, nginx's stock 401 page with the check's WWW-Authenticate copied on" "curl -sv" -- -sv $RT $T/api/orders/7
    cap $S nginx-401-order-expired-django.txt 401 identity nginx "expired JWT: the check says 401 invalid_token, nginx's stock 401 with the check's error_description copied on" "curl -sv" -- -sv $RT -H "Authorization: Bearer $EXPIRED" $T/api/orders/7
    cap $S nginx-401-order-rotated-key-django.txt 401 identity nginx "JWT signed with the rotated-out key k1: the check refuses, nginx's stock 401" "curl -sv" -- -sv $RT -H "Authorization: Bearer $ROTATED" $T/api/orders/7
    caphttp $S nginx-401-order-wrong-aud-django-httpie.txt 401 identity nginx "JWT for another audience: the check refuses, nginx's stock 401" "HTTPie -v with colours" -- -v GET http://127.0.0.1:60751/api/orders/7 Host:$H:60751 "Authorization:Bearer $WRONGAUD"
    cap $S nginx-401-order-opaque-django.txt 401 identity nginx "an opaque (non-JWT) token: the check refuses, nginx's stock 401" "curl -si" -- -si $RT -H "Authorization: Bearer $OPAQUE" $T/api/orders/7
    cap $S nginx-403-order-no-scope-django.txt 403 identity nginx "a valid token without the orders scope: the check says 403, nginx's stock 403 with insufficient_scope copied on" "curl -sv" -- -sv $RT -H "Authorization: Bearer $NOSCOPE" $T/api/orders/7
    cap $S django-403-admin-order-scope-nginx.txt 403 app django "/api/admin/: the check lets an orders token in, Django's own JSON 403 insufficient_scope (admin)" "curl -sv" -- -sv $RT -H "Authorization: Bearer $GOOD" $T/api/admin/orders/7
    cap $S django-200-admin-order-nginx.txt 200 app django "/api/admin/ with an orders+admin token: Django answers" "curl -sv" -- -sv $RT -H "Authorization: Bearer $ADMIN" $T/api/admin/orders/7
    cap $S nginx-401-v2-json-no-token-django.txt 401 identity nginx "/api/v2/ without a token: the check says 401, nginx's own JSON 401 from a named location" "curl -sv" -- -sv $RT $T/api/v2/orders/7
    capwin $S nginx-403-v2-json-no-scope-django.txt 403 identity nginx "/api/v2/ with a token lacking the scope: nginx's own JSON 403 from a named location" "curl -si pasted with CRLF" -- -si $RT -H "Authorization: Bearer $NOSCOPE" $T/api/v2/orders/7
    cap $S django-401-reports-no-key-nginx.txt 401 app django "/api/reports is not checked by nginx: Django's own JSON 401 for a missing X-Api-Key (no WWW-Authenticate)" "curl -sv" -- -sv $RT $T/api/reports
    cap $S django-403-reports-readonly-key-nginx.txt 403 app django "/api/reports with a read-only key: Django's own JSON 403" "curl -sv" -- -sv $RT -H 'X-Api-Key: ak_live_r158_readonly' $T/api/reports
    cap $S django-401-me-expired-session-nginx.txt 401 app django "/api/me with a session cookie Django does not know: its JSON 401" "curl -sv" -- -sv $RT -b 'sid=s158-old-77c1' $T/api/me
    cap $S nginx-401-admin-basic-refused-django.txt 401 identity nginx "/admin/ with a wrong Basic password: nginx auth_basic's stock 401" "curl -sv" -- -sv $RT -u "ben:wrong-pass" $T/admin/stats
    cap $S django-403-admin-basic-ben-nginx.txt 403 app django "/admin/ as ben (nginx accepts the password): Django's own JSON 403, ben is not an administrator" "curl -sv" -- -sv $RT -u "ben:$PW_BEN" $T/admin/stats
    cap $S nginx-500-partner-check-down-django.txt 500 proxy nginx "/api/partner/: auth_request asks a check that is not running, nginx's stock 500" "curl -sv" -- -sv $RT -H "Authorization: Bearer $GOOD" $T/api/partner/orders
    capjq $BO body-django-403-reports-readonly-nginx.txt 0/403 app django "/api/reports, read-only key: Django's JSON 403, no status number in it" "curl -s | jq ." -- $RT -H 'X-Api-Key: ak_live_r158_readonly' $T/api/reports
    caphead $HO head-nginx-401-order-no-token-django.txt 401 identity nginx "HEAD /api/orders/7 without a token: nginx's 401 after the check" "curl -sI" -- $RT $T/api/orders/7
fi
# ================================================= nginx auth_basic -> Express on Node ==
if up nginx; then
    log "capturing: Express on Node behind nginx auth_basic"
    S=express-node-nginx-r175
    H=api.larchmont.test L=http://api.larchmont.test:60752 RL="--resolve api.larchmont.test:60752:127.0.0.1"
    cap $S express-200-order-good-token-nginx.txt 200 app express "good token: Express's own check passes, order 3" "curl -sv" -- -sv $RL -H "Authorization: Bearer $GOOD" $L/api/orders/3
    cap $S express-401-order-no-token-nginx.txt 401 app express "no Authorization: Express's own JSON 401 with WWW-Authenticate Bearer realm" "curl -sv" -- -sv $RL $L/api/orders/3
    cap $S express-401-order-expired-nginx.txt 401 app express "expired JWT: Express's JSON 401, Bearer error=invalid_token with error_description" "curl -sv" -- -sv $RL -H "Authorization: Bearer $EXPIRED" $L/api/orders/3
    cap $S express-401-order-rotated-key-nginx.txt 401 app express "JWT signed with the rotated-out key k1: Express's JSON 401 invalid_token" "curl -si" -- -si $RL -H "Authorization: Bearer $ROTATED" $L/api/orders/3
    caphttp $S express-401-order-wrong-aud-nginx-httpie.txt 401 app express "JWT for another audience: Express's JSON 401 invalid_token" "HTTPie -v with colours" -- -v GET http://127.0.0.1:60752/api/orders/3 Host:$H:60752 "Authorization:Bearer $WRONGAUD"
    cap $S express-401-order-opaque-nginx.txt 401 app express "opaque token: Express's JSON 401, the token is malformed" "curl -sv" -- -sv $RL -H "Authorization: Bearer $OPAQUE" $L/api/orders/3
    cap $S express-403-admin-order-scope-nginx.txt 403 app express "/api/admin/ with an orders token: Express's JSON 403 insufficient_scope" "curl -sv" -- -sv $RL -H "Authorization: Bearer $GOOD" $L/api/admin/orders/3
    cap $S nginx-401-admin-no-creds-express.txt 401 identity nginx "/admin/ without credentials: nginx auth_basic's stock 401 with WWW-Authenticate Basic" "curl -sv" -- -sv $RL $L/admin/stats
    cap $S nginx-401-admin-wrong-pass-express.txt 401 identity nginx "/admin/ as ana with a wrong password: nginx's stock 401" "curl -sv" -- -sv $RL -u 'ana:not-her-pass' $L/admin/stats
    cap $S express-403-admin-basic-ben-nginx.txt 403 app express "/admin/ as ben (nginx accepts): Express's own JSON 403" "curl -sv" -- -sv $RL -u "ben:$PW_BEN" $L/admin/stats
    cap $S express-200-admin-basic-ana-nginx.txt 200 app express "/admin/ as ana: nginx and Express both accept" "curl -si" -- -si $RL -u "ana:$PW_ANA" $L/admin/stats
    cap $S express-401-me-no-session-nginx.txt 401 app express "/api/me without a session cookie: Express's JSON 401, no WWW-Authenticate" "curl -si" -- -si $RL $L/api/me
    caphttp $S express-403-reports-bad-key-nginx-httpie.txt 403 app express "/api/reports with a read-only key: Express's JSON 403" "HTTPie -v with colours" -- -v GET http://127.0.0.1:60752/api/reports Host:$H:60752 X-Api-Key:ak_live_r158_readonly
    cap $S express-404-unrouted-nginx.txt 404 app express "unrouted path: Express's HTML 'Cannot GET', passed on" "curl -sv" -- -sv $RL -H "Authorization: Bearer $GOOD" $L/api/customers/3
    capbody $BO body-express-401-order-expired-nginx.txt 0/401 app express "expired JWT: Express's JSON 401 body, no status number in it" "curl -s" -- $RL -H "Authorization: Bearer $EXPIRED" $L/api/orders/3
    capvnull $HO vnull-nginx-401-admin-wrong-pass-express.txt 401 identity nginx "/admin/ with a wrong password: nginx's 401" "curl -sv -o /dev/null, only the < lines kept" -- $RL -u 'ben:wrong-pass' $L/admin/stats
fi
# ================================================= Caddy basicauth + forward_auth -> FastAPI on Hypercorn ==
if up caddy; then
    log "capturing: FastAPI on Hypercorn behind Caddy forward_auth / basicauth"
    S=fastapi-hypercorn-caddy-r175
    H=api.saltmarsh.test M=http://api.saltmarsh.test:60753 RM="--resolve api.saltmarsh.test:60753:127.0.0.1"
    cap $S fastapi-200-order-good-token-caddy.txt 200 app fastapi "good token: forward_auth passes, FastAPI answers order 5" "curl -sv" -- -sv $RM -H "Authorization: Bearer $GOOD" $M/api/orders/5
    cap $S tokensvc-401-order-no-token-caddy.txt 401 identity python-http.server "no Authorization: the check's JSON 401 (WWW-Authenticate Bearer) copied back by forward_auth" "curl -sv" -- -sv $RM $M/api/orders/5
    cap $S tokensvc-401-order-expired-caddy.txt 401 identity python-http.server "expired JWT: the check's JSON 401 invalid_token with error_description, copied back by forward_auth" "curl -sv" -- -sv $RM -H "Authorization: Bearer $EXPIRED" $M/api/orders/5
    caphttp $S tokensvc-401-order-rotated-key-caddy-httpie.txt 401 identity python-http.server "JWT signed with the rotated-out key k1: the check's 401 copied back" "HTTPie -v with colours" -- -v GET http://127.0.0.1:60753/api/orders/5 Host:$H:60753 "Authorization:Bearer $ROTATED"
    cap $S tokensvc-401-order-wrong-aud-caddy.txt 401 identity python-http.server "JWT for another audience: the check's 401 copied back" "curl -si" -- -si $RM -H "Authorization: Bearer $WRONGAUD" $M/api/orders/5
    cap $S tokensvc-403-order-no-scope-caddy.txt 403 identity python-http.server "a token without the orders scope: the check's JSON 403 insufficient_scope copied back" "curl -sv" -- -sv $RM -H "Authorization: Bearer $NOSCOPE" $M/api/orders/5
    cap $S fastapi-403-admin-order-scope-caddy.txt 403 app fastapi "/api/admin/ with an orders token: the check passes it, FastAPI's own 403 {detail} with insufficient_scope" "curl -sv" -- -sv $RM -H "Authorization: Bearer $GOOD" $M/api/admin/orders/5
    cap $S fastapi-200-admin-order-caddy.txt 200 app fastapi "/api/admin/ with an orders+admin token: FastAPI answers" "curl -sv" -- -sv $RM -H "Authorization: Bearer $ADMIN" $M/api/admin/orders/5
    cap $S fastapi-401-reports-no-key-caddy.txt 401 app fastapi "/api/reports (not checked by Caddy) without X-Api-Key: FastAPI's 401 {detail}, no WWW-Authenticate" "curl -sv" -- -sv $RM $M/api/reports
    cap $S fastapi-401-me-expired-session-caddy.txt 401 app fastapi "/api/me with an unknown session: FastAPI's 401 {detail}" "curl -si" -- -si $RM -b 'sid=s158-old-77c1' $M/api/me
    cap $S caddy-401-admin-no-creds-fastapi.txt 401 identity caddy "/admin/ without credentials: Caddy basicauth's empty 401 with WWW-Authenticate Basic" "curl -sv" -- -sv $RM $M/admin/stats
    cap $S caddy-401-admin-wrong-pass-fastapi.txt 401 identity caddy "/admin/ as ana with a wrong password: Caddy basicauth's empty 401" "curl -sv" -- -sv $RM -u 'ana:not-her-pass' $M/admin/stats
    cap $S fastapi-403-admin-basic-ben-caddy.txt 403 app fastapi "/admin/ as ben (Caddy accepts): FastAPI's own 403 {detail}" "curl -sv" -- -sv $RM -u "ben:$PW_BEN" $M/admin/stats
    cap $S caddy-502-partner-check-down-fastapi.txt 502 proxy caddy "/api/partner/: forward_auth to a check that is not running, Caddy's empty 502" "curl -sv" -- -sv $RM -H "Authorization: Bearer $GOOD" $M/api/partner/orders
    capjq $BO body-tokensvc-401-order-rotated-caddy.txt 0/401 identity python-http.server "rotated-out key: the check's JSON 401 as forward_auth copied it, no status number in it" "curl -s | jq ." -- $RM -H "Authorization: Bearer $ROTATED" $M/api/orders/5
    caphttph $HO httph-caddy-401-admin-no-creds-fastapi.txt 401 identity caddy "/admin/ without credentials: Caddy basicauth's 401" "HTTPie --headers with colours" -- GET http://127.0.0.1:60753/admin/stats Host:$H:60753
fi
# ================================================= HAProxy auth + ACLs -> Fastify on Node ==
if up haproxy; then
    log "capturing: Fastify on Node behind HAProxy http-request auth / ACLs"
    S=fastify-node-haproxy-r175
    H=api.ashgrove.test A=http://api.ashgrove.test:60754 RA="--resolve api.ashgrove.test:60754:127.0.0.1"
    cap $S fastify-200-order-good-token-haproxy.txt 200 app fastify "good token: HAProxy's ACL sees an Authorization header, Fastify's own check passes" "curl -sv" -- -sv $RA -H "Authorization: Bearer $GOOD" $A/api/orders/4
    cap $S haproxy-401-order-no-authz-fastify.txt 401 identity haproxy "no Authorization header at all: HAProxy's ACL denies with its stock 401 page" "curl -sv" -- -sv $RA $A/api/orders/4
    cap $S fastify-401-order-expired-haproxy.txt 401 app fastify "expired JWT (HAProxy only checks the header is there): Fastify's JSON 401 invalid_token" "curl -sv" -- -sv $RA -H "Authorization: Bearer $EXPIRED" $A/api/orders/4
    cap $S fastify-401-order-rotated-key-haproxy.txt 401 app fastify "JWT signed with the rotated-out key k1: Fastify's JSON 401, no signing key for kid" "curl -si" -- -si $RA -H "Authorization: Bearer $ROTATED" $A/api/orders/4
    caphttp $S fastify-401-order-wrong-aud-haproxy-httpie.txt 401 app fastify "JWT for another audience: Fastify's JSON 401 invalid_token" "HTTPie -v with colours" -- -v GET http://127.0.0.1:60754/api/orders/4 Host:$H:60754 "Authorization:Bearer $WRONGAUD"
    cap $S fastify-401-order-basic-sent-haproxy.txt 401 app fastify "Basic credentials sent to a Bearer API: HAProxy lets the header through, Fastify's JSON 401" "curl -sv" -- -sv $RA -u "ana:$PW_ANA" $A/api/orders/4
    cap $S fastify-403-admin-order-scope-haproxy.txt 403 app fastify "/api/admin/ with an orders token: Fastify's JSON 403 insufficient_scope" "curl -sv" -- -sv $RA -H "Authorization: Bearer $GOOD" $A/api/admin/orders/4
    cap $S haproxy-403-reports-no-key-fastify.txt 403 identity haproxy "/api/reports without X-Api-Key: HAProxy's own JSON 403 (http-request return)" "curl -sv" -- -sv $RA $A/api/reports
    cap $S fastify-403-reports-readonly-key-haproxy.txt 403 app fastify "/api/reports with a read-only key HAProxy's map knows: Fastify's own JSON 403" "curl -sv" -- -sv $RA -H 'X-Api-Key: ak_live_r158_readonly' $A/api/reports
    cap $S fastify-200-reports-key-haproxy.txt 200 app fastify "/api/reports with the reports key: both accept" "curl -si" -- -si $RA -H 'X-Api-Key: ak_live_r158_reports' $A/api/reports
    cap $S haproxy-401-admin-no-creds-fastify.txt 401 identity haproxy "/admin/ without credentials: http-request auth, HAProxy's 401 with WWW-Authenticate Basic" "curl -sv" -- -sv $RA $A/admin/stats
    cap $S haproxy-401-admin-wrong-pass-fastify.txt 401 identity haproxy "/admin/ as ben with a wrong password: HAProxy's 401" "curl -sv" -- -sv $RA -u 'ben:wrong-pass' $A/admin/stats
    cap $S fastify-403-admin-basic-ben-haproxy.txt 403 app fastify "/admin/ as ben (HAProxy accepts): Fastify's own JSON 403" "curl -sv" -- -sv $RA -u "ben:$PW_BEN" $A/admin/stats
    cap $S haproxy-403-internal-path-fastify.txt 403 load-balancer haproxy "/api/internal/: a path deny with no credential in it, HAProxy's stock 403" "curl -sv" -- -sv $RA -H "Authorization: Bearer $GOOD" $A/api/internal/flags
    capbody $BO body-haproxy-403-reports-no-key-fastify.txt 0/403 identity haproxy "/api/reports without a key: HAProxy's JSON 403, no status number in it" "curl -s" -- $RA $A/api/reports
    capcutn $HO cutn-haproxy-401-order-no-authz-fastify.txt 401 identity haproxy "no Authorization: HAProxy's 401, the status line and first headers" "curl -si, the status line and 3 headers kept" -- 3 i $RA $A/api/orders/4
fi
# ================================================= Apache Basic / Require -> Flask on cheroot ==
if up apache; then
    log "capturing: Flask on cheroot (WSGI) behind Apache AuthType Basic"
    S=flask-cheroot-apache-r175
    H=api.larchmont-west.test W=http://api.larchmont-west.test:60755 RW="--resolve api.larchmont-west.test:60755:127.0.0.1"
    cap $S flask-200-order-good-token-apache.txt 200 app flask "good token: Flask's own check passes (Apache checks nothing on /api/orders)" "curl -sv" -- -sv $RW -H "Authorization: Bearer $GOOD" $W/api/orders/2
    cap $S flask-401-order-no-token-apache.txt 401 app flask "no Authorization: Flask's JSON 401 with WWW-Authenticate Bearer realm" "curl -sv" -- -sv $RW $W/api/orders/2
    cap $S flask-401-order-expired-apache.txt 401 app flask "expired JWT: Flask's JSON 401 invalid_token" "curl -si" -- -si $RW -H "Authorization: Bearer $EXPIRED" $W/api/orders/2
    cap $S flask-401-order-wrong-aud-apache.txt 401 app flask "JWT for another audience: Flask's JSON 401 invalid_token" "curl -sv" -- -sv $RW -H "Authorization: Bearer $WRONGAUD" $W/api/orders/2
    cap $S apache-401-admin-no-creds-flask.txt 401 identity apache "/admin/ without credentials: Apache's stock 401 with WWW-Authenticate Basic" "curl -sv" -- -sv $RW $W/admin/stats
    cap $S apache-401-admin-wrong-pass-flask.txt 401 identity apache "/admin/ as ana with a wrong password: Apache's stock 401" "curl -sv" -- -sv $RW -u 'ana:not-her-pass' $W/admin/stats
    cap $S flask-403-admin-basic-ben-apache.txt 403 app flask "/admin/ as ben (Apache: valid-user): Flask's own JSON 403" "curl -sv" -- -sv $RW -u "ben:$PW_BEN" $W/admin/stats
    caphttp $S flask-200-admin-basic-ana-apache-httpie.txt 200 app flask "/admin/ as ana: Apache and Flask both accept" "HTTPie -v with colours" -- -v -a "ana:$PW_ANA" GET http://127.0.0.1:60755/admin/stats Host:$H:60755
    cap $S apache-401-refunds-require-user-flask.txt 401 identity apache "/api/admin/ as ben, a valid user who is not in Require user ana: Apache's stock 401" "curl -sv" -- -sv $RW -u "ben:$PW_BEN" $W/api/admin/orders/2
    cap $S flask-401-refunds-basic-not-bearer-apache.txt 401 app flask "/api/admin/ as ana: Apache accepts, Flask wants a Bearer token and sends its JSON 401" "curl -sv" -- -sv $RW -u "ana:$PW_ANA" $W/api/admin/orders/2
    cap $S apache-403-internal-require-ip-flask.txt 403 proxy apache "/api/internal/: Require ip 10.0.0.0/8, no credential involved, Apache's stock 403" "curl -si" -- -si $RW -H "Authorization: Bearer $GOOD" $W/api/internal/flags
    cap $S flask-403-reports-bad-key-apache.txt 403 app flask "/api/reports with a read-only key: Flask's JSON 403" "curl -sv" -- -sv $RW -H 'X-Api-Key: ak_live_r158_readonly' $W/api/reports
    capraw $S flask-401-me-no-session-apache.txt 401 app flask "/api/me without a session: Flask's JSON 401" "curl -si saved to a file (CRs kept)" -- -si $RW $W/api/me
    capbody $BO body-apache-401-admin-no-creds-flask.txt 401/401 identity apache "/admin/ without credentials: Apache's stock 401 page, its title shows 401" "curl -s" -- $RW $W/admin/stats
    caphead $HO head-apache-401-refunds-require-user-flask.txt 401 identity apache "HEAD /api/admin/ as ben: Apache's 401" "curl -sI" -- $RW -u "ben:$PW_BEN" $W/api/admin/orders/2
fi
# ================================================= Caddy forward_auth + basicauth -> Flask on cheroot (WSGI) ==
if up caddy; then
    log "capturing: Flask on cheroot (WSGI) behind Caddy forward_auth / basicauth"
    S=flask-cheroot-caddy-r175
    H=api.ashgrove-east.test E=http://api.ashgrove-east.test:60756 RE="--resolve api.ashgrove-east.test:60756:127.0.0.1"
    cap $S flask-200-order-good-token-caddy.txt 200 app flask "good token: forward_auth passes, Flask answers order 6" "curl -sv" -- -sv $RE -H "Authorization: Bearer $GOOD" $E/api/orders/6
    cap $S tokensvc-401-order-no-token-caddy-east.txt 401 identity python-http.server "no Authorization: the check's JSON 401 copied back by forward_auth" "curl -sv" -- -sv $RE $E/api/orders/6
    cap $S tokensvc-401-order-expired-caddy-east.txt 401 identity python-http.server "expired JWT: the check's JSON 401 invalid_token copied back" "curl -sv" -- -sv $RE -H "Authorization: Bearer $EXPIRED" $E/api/orders/6
    cap $S tokensvc-403-order-no-scope-caddy-east.txt 403 identity python-http.server "a token without the orders scope: the check's JSON 403 copied back" "curl -si" -- -si $RE -H "Authorization: Bearer $NOSCOPE" $E/api/orders/6
    caphttp $S tokensvc-401-order-opaque-caddy-east-httpie.txt 401 identity python-http.server "opaque token: the check's JSON 401 copied back" "HTTPie -v with colours" -- -v GET http://127.0.0.1:60756/api/orders/6 Host:$H:60756 "Authorization:Bearer $OPAQUE"
    cap $S flask-403-admin-order-scope-caddy.txt 403 app flask "/api/admin/ (no forward_auth here) with an orders token: Flask's JSON 403 insufficient_scope" "curl -sv" -- -sv $RE -H "Authorization: Bearer $GOOD" $E/api/admin/orders/6
    cap $S flask-401-admin-order-expired-caddy.txt 401 app flask "/api/admin/ with an expired JWT: Flask's own JSON 401 invalid_token" "curl -sv" -- -sv $RE -H "Authorization: Bearer $EXPIRED" $E/api/admin/orders/6
    cap $S flask-401-admin-order-rotated-key-caddy.txt 401 app flask "/api/admin/ with the rotated-out key k1: Flask's JSON 401" "curl -sv" -- -sv $RE -H "Authorization: Bearer $ROTATED" $E/api/admin/orders/6
    cap $S caddy-401-admin-wrong-pass-flask.txt 401 identity caddy "/admin/ as ben with a wrong password: Caddy basicauth's empty 401" "curl -sv" -- -sv $RE -u 'ben:wrong-pass' $E/admin/stats
    cap $S flask-403-admin-basic-ben-caddy.txt 403 app flask "/admin/ as ben (Caddy accepts): Flask's own JSON 403" "curl -sv" -- -sv $RE -u "ben:$PW_BEN" $E/admin/stats
    cap $S flask-401-reports-no-key-caddy.txt 401 app flask "/api/reports without X-Api-Key: Flask's JSON 401, no WWW-Authenticate" "curl -si" -- -si $RE $E/api/reports
    cap $S flask-404-unrouted-caddy.txt 404 app flask "unrouted path: Werkzeug's HTML 404, passed on" "curl -sv" -- -sv $RE $E/api/customers/6
    capjq $BO body-flask-403-admin-order-scope-caddy.txt 0/403 app flask "/api/admin/ with an orders token: Flask's JSON 403, no status number in it" "curl -s | jq ." -- $RE -H "Authorization: Bearer $GOOD" $E/api/admin/orders/6
    capvnull $HO vnull-tokensvc-401-order-no-token-caddy-east.txt 401 identity python-http.server "no Authorization: the check's 401 as forward_auth copied it" "curl -sv -o /dev/null, only the < lines kept" -- $RE $E/api/orders/6
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round175/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
