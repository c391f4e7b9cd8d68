#!/usr/bin/env bash
# capture-round114.sh — build the hundred-and-fourteenth held-out evidence
# corpus in tests/fixtures/evidence-round114/.
#
# "Pasted in part at night, a fourth look": six front + app pairings, each a
# front + app server + framework triple no earlier round's setup list has
# (checked with `grep -h '^setup' tests/fixtures/evidence-round*/labels.toml
# | sort -u`), one front each, front configs in scripts/corpus/conf-round114/:
#   - nginx 1.22  -> FastAPI on gunicorn + uvicorn's UvicornWorker (apps108/fastapi_app.py);
#   - Caddy 2.6   -> Django 5.2 on Granian (WSGI) (apps108/django_app.py);
#   - Apache 2.4  -> Django 5.2 on Daphne (ASGI) (apps111/django_asgi.py);
#   - HAProxy 2.6 -> Flask 3.1 on Hypercorn (WSGI) (apps108/flask_app.py);
#   - Varnish 7.1 -> FastAPI on Granian (ASGI) (apps108/fastapi_app.py);
#   - Squid 5.7   -> Flask 3.1 on Granian (WSGI) (apps108/flask_app.py).
# Per setup: the app's own JSON 400/401/403/404/409/422/429/503, its HTML
# 500 (Django's and Flask's, debug off) and unrouted-path 404, and the
# front's own stock pages (403/404/413/414/431, 502/503 app killed, 504 app
# slow), each pasted whole, body only, or headers only (a third each).
#
#   scripts/corpus/capture-round114.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round114.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round114.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 62000-63999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl, HTTPie and wget request runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id. Labels
# are written by finish_round114.py, which refuses (and this script then
# leaves the fixtures as they were) when a label's status is not the one on
# the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round114"
RUN=/tmp/api-triage-corpus114-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round114"
APPS108="$HERE/apps108"
APPS111="$HERE/apps111"
VENV=${CORPUS_VENV114:-/tmp/api-triage-corpus114-venv}     # a copy of round 111's (granian, daphne, hypercorn)
NODE_DIR=/nonexistent   # no Node app this round
GO_DIR=/nonexistent     # no Go app this round
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0 gunicorn==27.0.1 flask==3.1.3 granian==2.8.9 daphne==4.2.3 hypercorn==0.18.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus114 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq nginx caddy apache2 haproxy varnish squid python3-venv)
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

install_venv() {  # a copy of round 111's venv; from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, django, fastapi, uvicorn, gunicorn, flask, granian, daphne, hypercorn" 2>/dev/null && return 0
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"$GO_DIR/"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round114.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS108 && -d $APPS111 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn,squid,varnish,haproxy,apache/www,nginx/tmp,nginx/www,caddy/data,caddy/config}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
for p in nginx caddy apache2 haproxy varnish squid jq wget; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: nginx 62101, Caddy 62102, Apache 62103, HAProxy 62104, Varnish
# 62105, Squid 62106. Apps: FastAPI/gunicorn+uvicorn 62011, Django/Granian
# 62012, Django/Daphne 62013, Flask/Hypercorn 62014, FastAPI/Granian 62015,
# Flask/Granian 62016. 62499 never listens (the switched-off /legacy/).
TCP_PORTS=(62101 62102 62103 62104 62105 62106 62011 62012 62013 62014 62015 62016 62499)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
start_app() {  # start_app NAME: start it and wait for its port
    case $1 in
    fastapi-gunicorn) start_bg $1 nice -n 5 "$VPY" -m gunicorn -k uvicorn.workers.UvicornWorker \
            --bind 127.0.0.1:62011 --workers 1 --chdir "$APPS108" --worker-tmp-dir "$RUN/gunicorn" fastapi_app:app
        wait_port 62011 $1 ;;
    django-granian) start_bg $1 nice -n 5 "$VPY" -m granian --interface wsgi --host 127.0.0.1 --port 62012 \
            --workers 1 --blocking-threads 4 --working-dir "$APPS108" django_app:application
        wait_port 62012 $1 ;;
    django-daphne) start_bg $1 env PYTHONPATH="$APPS111:$APPS108" nice -n 5 "$VPY" -m daphne \
            -b 127.0.0.1 -p 62013 django_asgi:application
        wait_port 62013 $1 ;;
    flask-hypercorn) start_bg $1 env PYTHONPATH="$APPS108" nice -n 5 "$VPY" -m hypercorn \
            --bind 127.0.0.1:62014 --workers 1 flask_app:app
        wait_port 62014 $1 ;;
    fastapi-granian) start_bg $1 nice -n 5 "$VPY" -m granian --interface asgi --host 127.0.0.1 --port 62015 \
            --workers 1 --working-dir "$APPS108" fastapi_app:app
        wait_port 62015 $1 ;;
    flask-granian) start_bg $1 nice -n 5 "$VPY" -m granian --interface wsgi --host 127.0.0.1 --port 62016 \
            --workers 1 --blocking-threads 4 --working-dir "$APPS108" flask_app:app
        wait_port 62016 $1 ;;
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
for a in fastapi-gunicorn django-granian django-daphne flask-hypercorn fastapi-granian flask-granian; do
    start_app $a || die "$a did not start"
done

# ---- the fronts -------------------------------------------------------------------
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 62101 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 62102 caddy && UP[caddy]=1
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 62103 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 62104 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
cp "$CONF/varnish.vcl" "$RUN/varnish/r114.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:62105 -T none -f "$RUN/varnish/r114.vcl" -n "$RUN/varnish/r114" -s malloc,16m
wait_port 62105 varnish && UP[varnish]=1
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus114 -f "$RUN/squid/squid.conf"
wait_port 62106 squid && UP[squid]=1
sleep 1
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 120 s"; sleep 120 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 114 (held out): real responses captured by
# scripts/corpus/capture-round114.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-113:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the body itself shows (0 = none)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes: for app responses the
#              framework, or the app server when it wrote the page itself
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`, `curl -s | jq .`, `curl -s -w
#              '%{http_code}'`, `curl --fail-with-body -sS`, a body with the
#              shell prompt on its last line) or "headers-only" (`curl -sI`,
#              `curl -sv -o /dev/null` < lines, HTTPie --headers, a cut status
#              line and first headers); absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
EOF_LABELS

JSONH=(-H 'Content-Type: application/json')
NOEXP=(-H 'Expect:')   # no 100-continue for the big bodies: one status per transcript
BIGBODY=$(printf '{"ref":"XX-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")
BIGHDR="X-Debug-Trace: $(printf 't%.0s' $(seq 1 8000))"   # over Caddy's 2 KB + Go's 4 KB slack
LONGQ=$(printf 'q%.0s' $(seq 1 2000))                      # a 2 KB query string: over nginx's 1k buffers and Apache's LimitRequestLine 1024

# ===================================================== nginx -> FastAPI (gunicorn + UvicornWorker) ==
if up nginx; then
    log "capturing: FastAPI (gunicorn + uvicorn) behind nginx"
    S=fastapi-gunicorn-uvicorn-nginx-r114
    H=api.quillon.test U=http://api.quillon.test:62101 R="--resolve api.quillon.test:62101:127.0.0.1"
    cap $S fastapi-200-order-nginx.txt 200 app fastapi "order 1 from FastAPI on gunicorn's UvicornWorker, through nginx" "curl -sv" -- -sv $R $U/api/orders/1
    caphttph $S hh-fastapi-403-admin-nginx.txt 403 app fastapi "HTTPie --headers on /api/admin: HTTPException(403), passed on" "HTTPie --headers with colours" -- GET http://127.0.0.1:62101/api/admin Host:$H
    capwin $S fastapi-409-post-nginx.txt 409 app fastapi "POST with an existing ref: HTTPException(409)" "curl -si pasted with CRLF" -- -si $R -X POST "${JSONH[@]}" -d '{"ref":"QN-1001","total":2}' $U/api/orders
    capcutn $S cut-nginx-403-internal-fastapi.txt 403 proxy nginx "/internal/: deny all, nginx's stock 403" "cut from curl -si: status line and 3 headers" -- 3 i $R $U/internal/config
    capraw $S nginx-413-body-fastapi.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's stock 413" "curl -si saved to a file (CRs kept)" -- -si $R -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $U/api/orders
    HTTPIE_CMD=http caphttp $S nginx-504-slow-fastapi-httpie.txt 504 proxy nginx "HTTPie, the handler waits 5 s, proxy_read_timeout 3s: nginx's stock 504" "HTTPie with colours" -- -v GET http://127.0.0.1:62101/api/slow Host:$H
    capjq $S body-fastapi-400-order-id-jq-nginx.txt 0/400 app fastapi "order 'abc': HTTPException(400), {\"detail\"} (no number in it)" "curl -s | jq ." -- $R $U/api/orders/abc
    capbody $S body-fastapi-500-boom-nginx.txt 0/500 app fastapi "an uncaught error: Starlette's text 'Internal Server Error' (no number in it)" "curl -s" -- $R $U/api/boom
    capw $S body-fastapi-429-quota-code-nginx.txt 429 app fastapi "/api/quota: HTTPException(429) with Retry-After" "curl -s -w '\\n%{http_code}'" -- '\n%{http_code}' $R $U/api/quota
    capfail $S body-fastapi-422-post-fail-nginx.txt 422 app fastapi "POST without ref: FastAPI's validation 422" "curl --fail-with-body -sS" -- $R -X POST "${JSONH[@]}" -d '{"total":2}' $U/api/orders
    capbody $S body-nginx-414-uri-fastapi.txt 414/414 proxy nginx "a 2 KB query string, large_client_header_buffers 4 1k: nginx's stock 414 (its title shows 414)" "curl -s" -- $R "$U/api/orders?q=$LONGQ"
    capprompt $S prompt-fastapi-404-no-route-nginx.txt 0/404 app fastapi "/api/ordres: no route, Starlette's {\"detail\":\"Not Found\"} (no newline, the prompt follows it)" "curl -s, the shell prompt on the last line" -- $R $U/api/ordres
    capvnull $S vnull-fastapi-401-account-nginx.txt 401 app fastapi "no token: HTTPException(401) with WWW-Authenticate: Bearer" "curl -sv -o /dev/null, < lines" -- $R $U/api/account
    caphttph $S hh-nginx-404-static-fastapi.txt 404 proxy nginx "HTTPie --headers on /static/app.js: nothing deployed there, nginx's own 404" "HTTPie --headers with colours" -- GET http://127.0.0.1:62101/static/app.js Host:$H
    capcutn $S cut-fastapi-503-maintenance-nginx.txt 503 app fastapi "/api/maintenance: the handler's JSON 503 with Retry-After" "cut from curl -si: status line and 3 headers" -- 3 i $R $U/api/maintenance
    log "killing FastAPI (gunicorn)"
    kill_app fastapi-gunicorn
    capcutn $S cut-nginx-502-killed-fastapi.txt 502 proxy nginx "gunicorn killed: nginx's stock 502" "cut from curl -sv: status line and 4 headers, < marks kept" -- 4 v $R $U/api/orders/1
    capbody $S body-nginx-502-killed-fastapi.txt 502/502 proxy nginx "gunicorn killed: nginx's stock 502 (its title shows 502)" "curl -s" -- $R $U/api/orders/1
fi

# ===================================================== Caddy -> Django on Granian (WSGI) ==
if up caddy; then
    log "capturing: Django (Granian) behind Caddy"
    S=django-granian-caddy-r114
    H=api.fernhill.test U=http://api.fernhill.test:62102 R="--resolve api.fernhill.test:62102:127.0.0.1"
    cap $S django-200-order-caddy.txt 200 app django "order 1 from Django on Granian (WSGI), through Caddy" "curl -sv" -- -sv $R $U/api/orders/1
    capcutn $S cut-django-400-order-id-caddy.txt 400 app django "order 'abc': the view's JSON 400" "cut from curl -sv: status line and 4 headers, < marks kept" -- 4 v $R $U/api/orders/abc
    capwget $S django-500-boom-caddy-wget.txt 500 app django "an uncaught error, DEBUG off: Django's HTML 'Server Error (500)'" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:62102/api/boom
    capvnull $S vnull-caddy-403-internal-django.txt 403 proxy caddy "/internal/: Caddy's \`respond /internal/* 403\`, empty body" "curl -sv -o /dev/null, < lines" -- $R $U/internal/config
    capraw $S caddy-431-header-django.txt 431 proxy caddy "an 8 KB request header, max_header_size 2KB: Go's 431 inside Caddy" "curl -si saved to a file (CRs kept)" -- -si $R -H "$BIGHDR" $U/api/orders/1
    capwin $S caddy-504-slow-django.txt 504 proxy caddy "the view waits 5 s, response_header_timeout 3s: Caddy's empty 504" "curl -si pasted with CRLF" -- -si $R $U/api/slow
    capjq $S body-django-404-order9-jq-caddy.txt 0/404 app django "order 9: the view's JSON 404 (no number in it)" "curl -s | jq ." -- $R $U/api/orders/9
    capbody $S body-django-404-no-route-caddy.txt 0/404 app django "/api/ordres: no route, DEBUG off: Django's HTML 'Not Found' (no number in it)" "curl -s" -- $R $U/api/ordres
    capfail $S body-django-409-post-fail-caddy.txt 409 app django "POST with an existing ref: the view's JSON 409" "curl --fail-with-body -sS" -- $R -X POST "${JSONH[@]}" -d '{"ref":"FH-1001"}' $U/api/orders
    capw $S body-caddy-502-legacy-code-django.txt 502 proxy caddy "/legacy/: nothing listens there, Caddy's empty 502 (only curl's code shows)" "curl -s -w '%{http_code}'" -- '%{http_code}' $R $U/legacy/reports
    caphead $S head-django-403-admin-caddy.txt 403 app django "curl -sI on /api/admin (HEAD): the view's 403" "curl -sI" -- $R $U/api/admin
    capvnull $S vnull-django-503-maintenance-caddy.txt 503 app django "/api/maintenance: the view's JSON 503 with Retry-After" "curl -sv -o /dev/null, < lines" -- $R $U/api/maintenance
    log "killing Django (Granian)"
    kill_app django-granian
    cap $S caddy-502-killed-django.txt 502 proxy caddy "Granian killed: Caddy's empty 502" "curl -sv" -- -sv $R $U/api/orders/1
    capcutn $S cut-caddy-502-killed-django.txt 502 proxy caddy "Granian killed: Caddy's empty 502" "cut from curl -sv: status line and 3 headers, < marks kept" -- 3 v $R $U/api/orders/2
fi

# ===================================================== Apache -> Django on Daphne (ASGI) ==
if up apache; then
    log "capturing: Django (Daphne) behind Apache"
    S=django-daphne-apache-r114
    H=api.fernhill.test U=http://api.fernhill.test:62103 R="--resolve api.fernhill.test:62103:127.0.0.1"
    capvnull $S vnull-django-401-account-apache.txt 401 app django "no token: the view's JSON 401 with WWW-Authenticate, through Apache (mod_unique_id X-Request-Id)" "curl -sv -o /dev/null, < lines" -- $R $U/api/account
    capdump $S django-422-post-apache.txt 422 app django "POST without ref: the view's JSON 422" "curl -s -D-" -- $R -X POST "${JSONH[@]}" -d '{"total":2}' $U/api/orders
    HTTPIE_CMD=http caphttp $S django-429-quota-apache-httpie.txt 429 app django "HTTPie, /api/quota: the view's JSON 429 with Retry-After" "HTTPie with colours" -- -v GET http://127.0.0.1:62103/api/quota Host:$H
    capcutr $S cut-apache-403-internal-django.txt 403 proxy apache "/internal/: Require all denied, Apache's stock 403" "cut from curl -si with its CRs: status line and 3 headers" -- 3 $R $U/internal/config
    capraw $S apache-414-uri-django.txt 414 proxy apache "a 2 KB query string, LimitRequestLine 1024: Apache's stock 414" "curl -si saved to a file (CRs kept)" -- -si $R "$U/api/orders?q=$LONGQ"
    cap $S apache-502-slow-django.txt 502 proxy apache "the view waits 5 s, ProxyTimeout 3: Apache's 502 Proxy Error" "curl -si" -- -si $R $U/api/slow
    capbody $S body-django-500-boom-apache.txt 500/500 app django "an uncaught error, DEBUG off: Django's 'Server Error (500)' (its heading shows 500)" "curl -s" -- $R $U/api/boom
    capjq $S body-django-403-admin-jq-apache.txt 0/403 app django "/api/admin: the view's JSON 403 (no number in it)" "curl -s | jq ." -- $R $U/api/admin
    capprompt $S prompt-django-404-no-route-apache.txt 0/404 app django "/api/ordres: no route, Django's HTML 'Not Found' (no number in it), the prompt after it" "curl -s, the shell prompt after the body" -- $R $U/api/ordres
    capbody $S body-apache-404-static-django.txt 404/404 proxy apache "/static/logo.png: not proxied, nothing deployed, Apache's stock 404 (its title shows 404)" "curl -s" -- $R $U/static/logo.png
    capw $S body-django-404-order9-code-apache.txt 404 app django "order 9: the view's JSON 404" "curl -s -w '\\n%{http_code}'" -- '\n%{http_code}' $R $U/api/orders/9
    caphttph $S hh-django-200-order-apache.txt 200 app django "HTTPie --headers on order 1" "HTTPie --headers with colours" -- GET http://127.0.0.1:62103/api/orders/1 Host:$H
    capcutn $S cut-django-503-maintenance-apache.txt 503 app django "/api/maintenance: the view's JSON 503 with Retry-After" "cut from curl -si: status line and 4 headers" -- 4 i $R $U/api/maintenance
    log "killing Django (Daphne)"
    kill_app django-daphne
    capcutr $S cut-apache-503-killed-django.txt 503 proxy apache "Daphne killed, retry=0: Apache's stock 503" "cut from curl -si with its CRs: status line and 4 headers" -- 4 $R $U/api/orders/1
    capbody $S body-apache-503-killed-django.txt 503/503 proxy apache "Daphne killed: Apache's stock 503 (its title shows 503)" "curl -s" -- $R $U/api/orders/1
fi

# ===================================================== HAProxy -> Flask on Hypercorn (WSGI) ==
if up haproxy; then
    log "capturing: Flask (Hypercorn) behind HAProxy"
    S=flask-hypercorn-haproxy-r114
    H=api.larkspur.test U=http://api.larkspur.test:62104 R="--resolve api.larkspur.test:62104:127.0.0.1"
    cap $S flask-200-order-haproxy.txt 200 app flask "order 1 from Flask on Hypercorn, through HAProxy (unique id as X-Request-ID)" "curl -sv" -- -sv $R $U/api/orders/1
    capwin $S flask-409-post-haproxy.txt 409 app flask "POST with an existing ref: the handler's JSON 409" "curl -si pasted with CRLF" -- -si $R -X POST "${JSONH[@]}" -d '{"ref":"LS-1001"}' $U/api/orders
    capcutn $S cut-flask-500-boom-haproxy.txt 500 app flask "an uncaught error: Flask's HTML '500 Internal Server Error'" "cut from curl -si: status line and 3 headers" -- 3 i $R $U/api/boom
    capwget $S haproxy-403-internal-flask-wget.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's stock 403" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:62104/internal/config
    caphead $S head-haproxy-503-no-server-flask.txt 503 load-balancer haproxy "curl -sI on /metrics (HEAD): a backend with no server, HAProxy's stock 503" "curl -sI" -- $R $U/metrics
    capdump $S haproxy-504-slow-flask.txt 504 load-balancer haproxy "the handler waits 5 s, timeout server 3s: HAProxy's stock 504" "curl -s -D-" -- $R $U/api/slow
    capjq $S body-flask-400-order-id-jq-haproxy.txt 0/400 app flask "order 'abc': the handler's JSON 400 (no number in it)" "curl -s | jq ." -- $R $U/api/orders/abc
    capbody $S body-flask-404-no-route-haproxy.txt 404/404 app flask "/api/ordres: no route, Flask's HTML '404 Not Found' (its title shows 404)" "curl -s" -- $R $U/api/ordres
    capfail $S body-flask-429-quota-fail-haproxy.txt 429 app flask "/api/quota: the handler's JSON 429 with Retry-After" "curl --fail-with-body -sS" -- $R $U/api/quota
    capbody $S body-haproxy-403-internal-flask.txt 403/403 load-balancer haproxy "/internal/: HAProxy's stock 403 (its heading shows 403)" "curl -s" -- $R $U/internal/env
    capw $S body-flask-422-post-code-haproxy.txt 422 app flask "POST without ref: the handler's JSON 422" "curl -s -w '\\n%{http_code}'" -- '\n%{http_code}' $R -X POST "${JSONH[@]}" -d '{"total":2}' $U/api/orders
    # run 1 had `curl -sI` (HEAD) here, labelled 401 app flask: Hypercorn's WSGI wrapper answered HEAD with its own empty 500 (see the README); dropped
    capvnull $S vnull-flask-401-account-haproxy.txt 401 app flask "no token: the handler's JSON 401 with WWW-Authenticate" "curl -sv -o /dev/null, < lines" -- $R $U/api/account
    caphttph $S hh-flask-503-maintenance-haproxy.txt 503 app flask "HTTPie --headers on /api/maintenance: the handler's JSON 503 with Retry-After" "HTTPie --headers with colours" -- GET http://127.0.0.1:62104/api/maintenance Host:$H
    log "killing Flask (Hypercorn)"
    kill_app flask-hypercorn
    cap $S haproxy-503-killed-flask.txt 503 load-balancer haproxy "Hypercorn killed: HAProxy's stock 503 after the retry" "curl -sv" -- -sv $R $U/api/orders/1
    capbody $S body-haproxy-503-killed-flask.txt 503/503 load-balancer haproxy "Hypercorn killed: HAProxy's stock 503 (its heading shows 503)" "curl -s" -- $R $U/api/orders/3
fi

# ===================================================== Varnish -> FastAPI on Granian (ASGI) ==
if up varnish; then
    log "capturing: FastAPI (Granian) behind Varnish"
    S=fastapi-granian-varnish-r114
    H=api.quillon.test U=http://api.quillon.test:62105 R="--resolve api.quillon.test:62105:127.0.0.1"
    cap $S fastapi-200-order-miss-varnish.txt 200 app fastapi "order 1, first request: a MISS, FastAPI on Granian's answer" "curl -sv" -- -sv $R $U/api/orders/1
    cap $S varnish-200-order-hit-fastapi.txt 200 cdn-cache varnish "order 1 again: a HIT from Varnish's store" "curl -si" -- -si $R $U/api/orders/1
    capvnull $S vnull-fastapi-401-account-varnish.txt 401 app fastapi "no token: HTTPException(401), passed on" "curl -sv -o /dev/null, < lines" -- $R $U/api/account
    capcutn $S cut-varnish-405-purge-fastapi.txt 405 cdn-cache varnish "PURGE: Varnish's synth 405" "cut from curl -si: status line and 4 headers" -- 4 i $R -X PURGE $U/api/orders/1
    capwin $S varnish-403-admin-fastapi.txt 403 cdn-cache varnish "/admin/: Varnish's synth 403" "curl -si pasted with CRLF" -- -si $R $U/admin/users
    HTTPIE_CMD=http caphttp $S varnish-503-slow-fastapi-httpie.txt 503 cdn-cache varnish "HTTPie, the handler waits 5 s, first_byte_timeout 3s: Varnish's 503 Backend fetch failed" "HTTPie with colours" -- -v GET http://127.0.0.1:62105/api/slow Host:$H
    capjq $S body-fastapi-404-order9-jq-varnish.txt 0/404 app fastapi "order 9, first request (a MISS): HTTPException(404) {\"detail\"} (no number in it)" "curl -s | jq ." -- $R $U/api/orders/9
    capprompt $S prompt-fastapi-404-order9-hit-varnish.txt 0/404 app fastapi "order 9 again: FastAPI's 404 kept by Varnish and replayed as a HIT (no newline, the prompt follows it)" "curl -s, the shell prompt on the last line" -- $R $U/api/orders/9
    capbody $S body-fastapi-500-boom-varnish.txt 0/500 app fastapi "an uncaught error: Starlette's text 'Internal Server Error' under Granian (no number in it)" "curl -s" -- $R $U/api/boom
    capbody $S body-varnish-403-admin-fastapi.txt 403/403 cdn-cache varnish "/admin/: Varnish's synth 403 page (its title shows 403)" "curl -s" -- $R $U/admin/
    capfail $S body-fastapi-503-maintenance-fail-varnish.txt 503 app fastapi "/api/maintenance: the handler's JSON 503 with Retry-After" "curl --fail-with-body -sS" -- $R $U/api/maintenance
    capvnull $S vnull-fastapi-429-quota-varnish.txt 429 app fastapi "/api/quota: HTTPException(429) with Retry-After" "curl -sv -o /dev/null, < lines" -- $R $U/api/quota
    capcutn $S cut-fastapi-400-order-id-varnish.txt 400 app fastapi "order 'abc': HTTPException(400)" "cut from curl -si: status line and 4 headers" -- 4 i $R $U/api/orders/abc
    log "killing FastAPI (Granian)"
    kill_app fastapi-granian
    capcutr $S cut-varnish-503-killed-fastapi.txt 503 cdn-cache varnish "Granian killed, order 2 never stored: Varnish's 503 Backend fetch failed" "cut from curl -si with its CRs: status line and 4 headers" -- 4 $R $U/api/orders/2
    capbody $S body-varnish-503-killed-fastapi.txt 503/503 cdn-cache varnish "Granian killed: Varnish's 503 Backend fetch failed (its title shows 503)" "curl -s" -- $R $U/api/orders/3
    cap $S varnish-200-order-hit-killed-fastapi.txt 200 cdn-cache varnish "order 1 while Granian is down: still fresh in Varnish's store, a HIT" "curl -si" -- -si $R $U/api/orders/1
fi

# ===================================================== Squid -> Flask on Granian (WSGI) ==
if up squid; then
    log "capturing: Flask (Granian) behind Squid"
    S=flask-granian-squid-r114
    H=api.larkspur.test U=http://api.larkspur.test:62106 R="--resolve api.larkspur.test:62106:127.0.0.1"
    cap $S flask-200-order-squid.txt 200 app flask "order 1 from Flask on Granian, through Squid (a MISS)" "curl -sv" -- -sv $R $U/api/orders/1
    caphttph $S hh-flask-403-admin-squid.txt 403 app flask "HTTPie --headers on /api/admin: the handler's JSON 403" "HTTPie --headers with colours" -- GET http://127.0.0.1:62106/api/admin Host:$H
    capdump $S flask-500-boom-squid.txt 500 app flask "an uncaught error: Flask's HTML '500 Internal Server Error' under Granian" "curl -s -D-" -- $R $U/api/boom
    caphead $S head-squid-403-internal-flask.txt 403 cdn-cache squid "curl -sI on /internal/ (HEAD): http_access deny, Squid's ERR_ACCESS_DENIED" "curl -sI" -- $R $U/internal/config
    capraw $S squid-413-body-flask.txt 413 cdn-cache squid "a 3 KB body, request_body_max_size 1 KB: Squid's ERR_TOO_BIG" "curl -si saved to a file (CRs kept)" -- -si $R -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $U/api/orders
    capwget $S squid-504-slow-flask-wget.txt 504 cdn-cache squid "the handler waits 5 s, read_timeout 3 s: Squid's ERR_READ_TIMEOUT" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:62106/api/slow
    capjq $S body-flask-404-order9-jq-squid.txt 0/404 app flask "order 9: the handler's JSON 404 (no number in it)" "curl -s | jq ." -- $R $U/api/orders/9
    capbody $S body-flask-404-no-route-squid.txt 404/404 app flask "/api/ordres: no route, Flask's HTML '404 Not Found' (its title shows 404)" "curl -s" -- $R $U/api/ordres
    capw $S body-flask-422-post-code-squid.txt 422 app flask "POST without ref: the handler's JSON 422" "curl -s -w '\\n%{http_code}'" -- '\n%{http_code}' $R -X POST "${JSONH[@]}" -d '{"total":2}' $U/api/orders
    capbody $S body-squid-403-internal-flask.txt 0/403 cdn-cache squid "/internal/: Squid's ERR_ACCESS_DENIED page (no status number in it)" "curl -s" -- $R $U/internal/env
    capfail $S body-flask-429-quota-fail-squid.txt 429 app flask "/api/quota: the handler's JSON 429 with Retry-After" "curl --fail-with-body -sS" -- $R $U/api/quota
    caphead $S head-flask-503-maintenance-squid.txt 503 app flask "curl -sI on /api/maintenance (HEAD): the handler's 503 with Retry-After" "curl -sI" -- $R $U/api/maintenance
    capcutn $S cut-flask-401-account-squid.txt 401 app flask "no token: the handler's JSON 401" "cut from curl -sv: status line and 4 headers, < marks kept" -- 4 v $R $U/api/account
    caphttph $S hh-flask-503-statements-squid.txt 503 app flask "HTTPie --headers on /api/statements: the app's own HTML 503 page, passed on" "HTTPie --headers with colours" -- GET http://127.0.0.1:62106/api/statements Host:$H
    log "killing Flask (Granian)"
    kill_app flask-granian
    capvnull $S vnull-squid-503-killed-flask.txt 503 cdn-cache squid "Granian killed: Squid's ERR_CONNECT_FAIL" "curl -sv -o /dev/null, < lines" -- $R $U/api/orders/2
    capbody $S body-squid-503-killed-flask.txt 0/503 cdn-cache squid "Granian killed: Squid's ERR_CONNECT_FAIL page (no status number in it)" "curl -s" -- $R $U/api/orders/3
    cap $S squid-503-killed-flask.txt 503 cdn-cache squid "Granian killed: Squid's ERR_CONNECT_FAIL" "curl -si" -- -si $R $U/api/orders/4
fi

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx caddy apache haproxy varnish squid; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round114/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
