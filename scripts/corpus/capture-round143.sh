#!/usr/bin/env bash
# capture-round143.sh — build the hundred-and-forty-third held-out evidence corpus
# in tests/fixtures/evidence-round143/.
#
# "Incidents a seventh time" (rounds 75, 88, 99, 117, 124 and 133 were the first
# six looks): six front + app pairings, each a front + app server + framework
# triple no earlier round used (front configs in scripts/corpus/conf-round143/,
# round 133's with ports and names changed; app: round 99's Django app,
# apps99/django_app.py, unchanged, with one more route, /api/me, added by
# apps143/django_me.py), served by Cheroot 11 (one thread) or uWSGI (pyuwsgi,
# one process, one thread, no master):
#   - nginx 1.22, HTTP/2 + TLS -> Django 5.2 on Cheroot 11;
#   - Caddy 2.6, HTTP/2 + TLS -> Django 5.2 on Cheroot 11;
#   - HAProxy 2.6 -> Django 5.2 on uWSGI;
#   - Apache 2.4 mod_proxy_http -> Django 5.2 on uWSGI;
#   - Varnish 7.1 -> Django 5.2 on Cheroot 11;
#   - Squid 5.7 (accel) -> Django 5.2 on uWSGI.
# While it captures it causes the incidents: the app's dependency down, the
# auth service down, the app overloaded (flag file), a memory-limit crash
# (MemoryError), a full disk (/dev/full), the app killed mid-request, the app
# slow past the front's timeout, the one worker thread exhausted, the app
# stopped, a deploy on the wrong port, a bad deploy (DEPLOY=v2) and the
# rollback, a config push at the front (the front restarted with the lines
# between PUSH-BEGIN and PUSH-END of its config), then recovery.
#
#   scripts/corpus/capture-round143.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round143.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round143.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 63400-63499, inside 62000-63999), and the script stops if a socket held by
# one of its own processes listens anywhere else (another helper runs its own
# servers meanwhile: those are not looked at, and never stopped); every curl,
# HTTPie and wget request runs under `timeout`; every server it started is
# stopped on exit, by process id. Labels are written by finish_round143.py,
# which refuses (and this script then leaves the fixtures as they were) when
# a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round143"
RUN=/tmp/api-triage-corpus143-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round143"
APPS99="$HERE/apps99"
APPS75="$HERE/apps75"
APPS143="$HERE/apps143"
VENV=${CORPUS_VENV143:-/tmp/api-triage-corpus143-venv}     # a copy of round 133's (HTTPie, Django, Cheroot) + pyuwsgi
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 django==5.2.* cheroot==11.1.2 pyuwsgi)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus143 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget jq nginx caddy apache2 haproxy varnish squid python3-venv openssl)
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

install_venv() {  # a copy of round 133's venv + pyuwsgi; from PyPI when missing
    [[ -x $VPY ]] && [[ -x $VENV/bin/uwsgi ]] && "$VPY" -c "import httpie, cheroot, django, pyuwsgi" 2>/dev/null && return 0
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round143.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS99 && -d $APPS75 && -d $APPS143 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,tls,squid,varnish,haproxy,apache,nginx/tmp,caddy/data,caddy/config,flags,data}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
for p in nginx caddy apache2 haproxy varnish squid jq openssl; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# one self-signed certificate for the two TLS fronts
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=api.wrenby.test" \
    -addext "subjectAltName=DNS:api.wrenby.test,DNS:shop.wrenby.test" \
    -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" >"$RUN/logs/openssl.log" 2>&1 || die "openssl failed"
chmod 644 "$RUN/tls/key.pem"

# Apps (all apps143/django_me.py): Django/Cheroot 63411 (nginx), Django/Cheroot
# 63412 (Caddy), Django/uWSGI 63413 (HAProxy), Django/uWSGI 63414 (Apache),
# Django/Cheroot 63415 (Varnish), Django/uWSGI 63416 (Squid); the "wrong port"
# deploy puts an app on its port + 50 (63461-63466). The apps' dependencies:
# 63498 (nobody listens: refused) and 63497 (apps75/deps.py sleeper: accepts,
# never answers). Fronts: nginx 63401 (TLS), Caddy 63402 (TLS), HAProxy 63403,
# Apache 63404, Varnish 63405, Squid 63406.
TCP_PORTS=(63411 63412 63413 63414 63415 63416 63461 63462 63463 63464 63465 63466 63497 63498 63401 63402 63403 63404 63405 63406)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

start_bg sleeper nice -n 5 "$PY" "$APPS75/deps.py" sleeper 63497
wait_port 63497 sleeper || die "the sleeper did not start"

declare -A UP=()
APPLIST=(cheroot-n cheroot-c uwsgi-h uwsgi-a cheroot-v uwsgi-s)
for a in "${APPLIST[@]}"; do mkdir -p "$RUN/flags/$a" "$RUN/data/$a"; done
# v1: the release; v2: the release that broke a route (round 99's apps)
appenv() {
    echo env FLAG_DIR="$RUN/flags/$1" DATA_DIR="$RUN/data/$1" DEP_DOWN=127.0.0.1:63498 DEP_SLOW=127.0.0.1:63497 \
        DEPLOY="${2:-v1}" REPLICA="$1-1" CHECKOUT_KEY=ck_live_5f2a PYTHONPATH="$3"
}
CHEROOT=(nice -n 5 "$VPY" -m cheroot --threads 1 --max-threads 1)
# uWSGI without a master: the one process is the one worker (SIGKILL ends it)
UWSGI=(nice -n 5 "$VENV/bin/uwsgi" --processes 1 --threads 1 --need-app --disable-logging --die-on-term)
start_app() {  # start_app NAME [v1|v2] [PORT]: start it and wait for its port
    local n=$1 v=${2:-v1} port=${3:-}
    case $n in
    cheroot-n) port=${port:-63411} ;; cheroot-c) port=${port:-63412} ;; uwsgi-h) port=${port:-63413} ;;
    uwsgi-a) port=${port:-63414} ;; cheroot-v) port=${port:-63415} ;; uwsgi-s) port=${port:-63416} ;;
    esac
    case $n in
    cheroot-*) start_bg $n $(appenv $n $v "$APPS143:$APPS99") "${CHEROOT[@]}" --bind 127.0.0.1:$port django_me:application ;;
    uwsgi-*) start_bg $n $(appenv $n $v "$APPS143:$APPS99") "${UWSGI[@]}" --http-socket 127.0.0.1:$port --module django_me:application ;;
    esac
    wait_port $port $n
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
kill_later() {  # kill_later NAME SECONDS: SIGKILL the app while a request is in flight
    local f=$RUN/pids/$1.pid pid
    pid=$(cat "$f")
    (sleep "$2"; kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null); kill -KILL "$pid" $kids 2>/dev/null) &
    rm -f "$f"
}
wrong_port() {  # wrong_port NAME: the deploy starts the app on its port + 50
    local p
    case $1 in cheroot-n) p=63461 ;; cheroot-c) p=63462 ;; uwsgi-h) p=63463 ;; uwsgi-a) p=63464 ;; cheroot-v) p=63465 ;; uwsgi-s) p=63466 ;; esac
    start_app "$1" v1 $p || die "$1 did not start on $p"
}
disk_full() { ln -sf /dev/full "$RUN/data/$1/receipts.log"; ln -sf /dev/full "$RUN/data/$1/uploads.bin"; }
disk_freed() { rm -f "$RUN/data/$1/receipts.log" "$RUN/data/$1/uploads.bin"; }
busy() {  # busy URL-ARGS...: hold the app's one thread / worker with a 6 s export, in the background
    (in_work timeout 10 curl -s -o /dev/null "$@" >/dev/null 2>&1 &)
    sleep 0.4
}
for a in "${APPLIST[@]}"; do start_app $a || die "$a did not start"; done

# ---- the fronts (start_front NAME base|push) -------------------------------------
NOPUSH=(-e '/#PUSH-BEGIN/,/#PUSH-END/d')
start_front() {
    local n=$1 mode=${2:-base} extra=()
    [[ $mode == base ]] && extra=("${NOPUSH[@]}")
    case $n in
    nginx) render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf" "${extra[@]}"
        chown -R www-data: "$RUN/nginx" 2>/dev/null || true
        nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1 \
            || { cat "$RUN/logs/nginx-t.log" >&2; return 1; }
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 63401 nginx ;;
    caddy) render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" "${extra[@]}"
        start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
            caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
        wait_port 63402 caddy ;;
    haproxy) render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg" "${extra[@]}"
        haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1 || { cat "$RUN/logs/haproxy-c.log" >&2; return 1; }
        start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
        wait_port 63403 haproxy ;;
    apache) render "$CONF/apache.conf" "$RUN/apache/apache.conf" "${extra[@]}"
        chown -R www-data: "$RUN/apache" 2>/dev/null || true
        apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1 || { cat "$RUN/logs/apache-t.log" >&2; return 1; }
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 63404 apache ;;
    varnish) local params=()
        render "$CONF/varnish.vcl" "$RUN/varnish/r143-$mode.vcl" "${extra[@]}"
        [[ $mode == push ]] && params=(-p http_req_hdr_len=1024)
        start_bg varnish varnishd -F -a 127.0.0.1:63405 -T none -f "$RUN/varnish/r143-$mode.vcl" -n "$RUN/varnish/r143-$mode" \
            -s malloc,16m "${params[@]}"
        wait_port 63405 varnish ;;
    squid) render "$CONF/squid.conf" "$RUN/squid/squid.conf" "${extra[@]}"
        chown -R proxy: "$RUN/squid" 2>/dev/null || true
        start_bg squid squid -N -n corpus143 -f "$RUN/squid/squid.conf"
        wait_port 63406 squid ;;
    esac
}
push_front() {  # push_front NAME: the config push (the front restarted with the pushed lines)
    stop_name "$1"; sleep 0.5
    start_front "$1" push || die "$1 did not come back after the config push"
    sleep 0.5
}
for f in nginx caddy haproxy apache varnish squid; do
    if start_front $f; then UP[$f]=1; else log "SKIP $f: did not start"; fi
done
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 62000 || p > 63999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 62000-63999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 143 (held out): real responses captured by
# scripts/corpus/capture-round143.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-116:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the body itself shows (0 = none)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes: for app responses the
#              framework, or the app server when it wrote the page itself
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`) or "headers-only" (`curl -sI`);
#              absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
EOF_LABELS

JSONH=(-H 'Content-Type: application/json')
RECEIPT=(-X POST "${JSONH[@]}" -d '{"order":1,"amount":41.5}')
NOAMOUNT=(-X POST "${JSONH[@]}" -d '{"order":1}')
NOEXP=(-H 'Expect:')
BIGBODY=$(printf '{"order":1,"amount":1,"memo":"%s"}' "$(head -c 3000 /dev/zero | tr '\0' 'x')")
BIGHDR="X-Debug-Trace: $(head -c 8000 /dev/zero | tr '\0' 'a')"
MIDHDR="X-Debug-Trace: $(head -c 1500 /dev/zero | tr '\0' 'a')"
overload() { touch "$RUN/flags/$1/overloaded"; }
unload() { rm -f "$RUN/flags/$1/overloaded"; }
BO=body-only-paste HO=headers-only-paste
etag_of() { in_work timeout 10 curl -s -D - -o /dev/null "$@" | tr -d '\r' | awk 'tolower($1) == "etag:" {print $2}'; }

restart() {  # restart NAME [v1|v2] -- FRONT-CURL-ARGS: stop the app, start it again, one warm request through the front
    local n=$1 v=${2:-v1}; shift 3
    stop_name $n INT; sleep 0.3; start_app $n $v || die "$n $v did not start"
    quiet "$@"; quiet "$@"
}

# ============================================ nginx (HTTP/2 + TLS) -> Django on Cheroot ==
if up nginx; then
    log "capturing: Django on Cheroot behind nginx, HTTP/2 + TLS"
    S=django-cheroot-nginx-tls-r143 A=cheroot-n P=django
    U=https://api.wrenby.test:63401 R="--resolve api.wrenby.test:63401:127.0.0.1"
    K=(-k --http2)
    cap $S django-200-order-nginx-h2.txt 200 app $P "healthy: order 1 (the first request waits out the app's 1.5 s warm-up), over HTTP/2" "curl -skv --http2; X-Request-ID from nginx" -- -sv "${K[@]}" $R $U/api/orders/1
    cap $S django-304-order-etag-nginx-h2.txt 304 app $P "healthy: order 1 with If-None-Match its ETag: the app's own 304, passed on" "curl -si" -- -si "${K[@]}" $R -H 'If-None-Match: "ta-1001-v1"' $U/api/orders/1
    capcut $S django-404-order-nginx-h2.txt 404 app $P "healthy: order 999, the app's JSON 404" "curl -si, body cut off after the headers" -- -si "${K[@]}" $R $U/api/orders/999
    cap $S django-502-inventory-dep-refused-nginx-h2.txt 502 app $P "dependency down: the inventory service refuses, the app's JSON 502, passed on" "curl -si" -- -si "${K[@]}" $R $U/api/inventory
    touch "$RUN/flags/$A/auth-down"
    caplt $S django-503-me-auth-down-nginx-h2.txt 503 app $P "auth service down: /api/me cannot verify the session, the app's JSON 503 with Retry-After: 15" "curl -sv, only the < lines kept" -- -sv "${K[@]}" $R $U/api/me
    capjq $BO body-django-503-me-auth-down-jq-nginx.txt 503/503 app $P "the app's JSON for the auth outage piped through jq (its errors[0].status shows \"503\")" "curl -s | jq ." -- -k $R $U/api/me
    rm -f "$RUN/flags/$A/auth-down"
    cap $S django-401-me-auth-back-nginx-h2.txt 401 app $P "auth service back: /api/me without a token, the app's JSON 401 with WWW-Authenticate: Bearer realm=\"marrow\"" "curl -si" -- -si "${K[@]}" $R $U/api/me
    cap $S django-403-me-wrong-token-nginx-h2.txt 403 app $P "auth service back: /api/me with an old token, the app's JSON 403" "curl -si" -- -si "${K[@]}" $R -H 'Authorization: Bearer rotated-t0ken' $U/api/me
    cap $S django-500-thumbnails-memoryerror-nginx-h2.txt 500 app $P "memory limit: /api/thumbnails hits MemoryError, the app's JSON 500 out_of_memory" "curl -si" -- -si "${K[@]}" $R $U/api/thumbnails
    disk_full $A
    cap $S django-503-payments-dep-down-nginx-h2.txt 503 app $P "dependency down: the payment provider, the app's JSON 503 with Retry-After: 30, passed on" "curl -skv --http2" -- -sv "${K[@]}" $R $U/api/payments
    capraw $S django-500-receipts-disk-full-nginx-h2.txt 500 app $P "disk full: the receipt append fails with ENOSPC, unhandled: Django's '<h1>Server Error (500)</h1>'" "curl -si saved to a file (CRs kept)" -- -si "${K[@]}" $R "${RECEIPT[@]}" $U/api/receipts
    disk_freed $A
    kill_later $A 1
    cap $S nginx-502-app-crashed-mid-request-django-h2.txt 502 proxy nginx "the app killed mid-traffic (Cheroot SIGKILLed 1 s into /api/export, socket closed without an answer): nginx's stock 502" "curl -skv --http2" -- -sv "${K[@]}" $R $U/api/export
    sleep 0.5; start_app $A || die "$A did not restart"; quiet -k $R $U/api/orders/1
    cap $S nginx-504-export-slow-django-h2.txt 504 proxy nginx "the app slow: /api/export takes 6 s, proxy_read_timeout 3s: nginx's stock 504" "curl -si" -- -si "${K[@]}" $R $U/api/export
    sleep 3.5
    busy http://127.0.0.1:63411/api/export
    cap $S nginx-504-order-pool-exhausted-django-h2.txt 504 proxy nginx "worker pool exhausted: Cheroot's one thread held by a 6 s export, order 1 waits in the queue past proxy_read_timeout: nginx's stock 504" "curl -si" -- -si "${K[@]}" $R $U/api/orders/1
    sleep 3.5
    kill_app $A
    cap $S nginx-502-app-stopped-django-h2.txt 502 proxy nginx "the app process stopped (connection refused): nginx's stock 502" "curl -si" -- -si "${K[@]}" $R $U/api/orders/1
    capbody $BO body-nginx-502-app-stopped-django.txt 502/502 proxy nginx "nginx's stock 502 page (Cheroot down), its title shows 502" "curl -s" -- -k $R $U/api/orders/2
    wrong_port $A
    cap $S nginx-502-deploy-wrong-port-django-h2.txt 502 proxy nginx "bad deploy: the app came up on 63461, nginx still points at 63411 (refused): nginx's stock 502" "curl -skv --http2" -- -sv "${K[@]}" $R $U/api/orders/1
    restart $A v2 -- -k $R $U/healthz
    cap $S django-404-orders-route-gone-v2-nginx-h2.txt 404 app $P "bad deploy v2: the orders route is gone, Django's '<h1>Not Found</h1>'" "curl -si" -- -si "${K[@]}" $R $U/api/orders/1
    cap $S django-500-cart-v2-nginx-h2.txt 500 app $P "bad deploy v2: the cart view raises KeyError, Django's '<h1>Server Error (500)</h1>'" "curl -si" -- -si "${K[@]}" $R $U/api/cart
    restart $A v1 -- -k $R $U/healthz
    cap $S django-200-cart-rollback-nginx-h2.txt 200 app $P "rollback to v1: the cart answers again" "curl -si" -- -si "${K[@]}" $R $U/api/cart
    push_front nginx
    cap $S nginx-503-refunds-maintenance-django-h2.txt 503 proxy nginx "config push: /api/refunds/ under maintenance, \`return 503\`, nginx's stock 503" "curl -si" -- -si "${K[@]}" $R $U/api/refunds/77
    quiet -k $R $U/api/orders/2
    cap $S nginx-429-orders-rate-limit-django-h2.txt 429 proxy nginx "config push: limit_req on order 2 (1 r/m), the second request: nginx's stock 429" "curl -skv --http2" -- -sv "${K[@]}" $R $U/api/orders/2
    cap $S django-200-order-recovered-nginx-h2.txt 200 app $P "recovery: order 1 again" "curl -skv --http2" -- -sv "${K[@]}" $R $U/api/orders/1
fi

# ============================================ Caddy (HTTP/2 + TLS) -> Django on Cheroot ==
if up caddy; then
    log "capturing: Django on Cheroot behind Caddy, HTTP/2 + TLS"
    S=django-cheroot-caddy-tls-r143 A=cheroot-c P=django
    U=https://shop.wrenby.test:63402 R="--resolve shop.wrenby.test:63402:127.0.0.1"
    K=(-k --http2)
    cap $S django-200-order-caddy-h2.txt 200 app $P "healthy: order 1 (after the app's 1.5 s warm-up), over HTTP/2" "curl -skv --http2" -- -sv "${K[@]}" $R $U/api/orders/1
    cap $S django-401-account-caddy-h2.txt 401 app $P "healthy: /api/account without a token, the app's JSON 401 with WWW-Authenticate: Bearer" "curl -si" -- -si "${K[@]}" $R $U/api/account
    cap $S django-422-receipts-caddy-h2.txt 422 app $P "healthy: a receipt without amount, the app's JSON 422" "curl -si" -- -si "${K[@]}" $R "${NOAMOUNT[@]}" $U/api/receipts
    capraw $S django-503-payments-dep-down-caddy-h2.txt 503 app $P "dependency down: the payment provider, the app's JSON 503 with Retry-After: 30" "curl -si saved to a file (CRs kept)" -- -si "${K[@]}" $R $U/api/payments
    overload $A
    cap $S django-503-bulk-overloaded-caddy-h2.txt 503 app $P "overloaded: worker queue full, the app's 503 with Retry-After: 20" "curl -skv --http2" -- -sv "${K[@]}" $R $U/api/bulk
    unload $A
    touch "$RUN/flags/$A/auth-down"
    cap $S django-503-me-auth-down-caddy-h2.txt 503 app $P "auth service down: /api/me cannot verify the session, the app's JSON 503" "curl -si" -- -si "${K[@]}" $R $U/api/me
    rm -f "$RUN/flags/$A/auth-down"
    cap $S django-401-me-auth-back-caddy-h2.txt 401 app $P "auth service back: /api/me without a token, the app's JSON 401" "curl -skv --http2" -- -sv "${K[@]}" $R $U/api/me
    cap $S django-500-thumbnails-memoryerror-caddy-h2.txt 500 app $P "memory limit: /api/thumbnails hits MemoryError, the app's JSON 500 out_of_memory" "curl -skv --http2" -- -sv "${K[@]}" $R $U/api/thumbnails
    kill_later $A 1
    cap $S caddy-502-app-crashed-mid-request-django-h2.txt 502 proxy caddy "the app killed mid-traffic (Cheroot SIGKILLed 1 s into /api/export): Caddy's empty 502" "curl -skv --http2" -- -sv "${K[@]}" $R $U/api/export
    sleep 0.5; start_app $A || die "$A did not restart"; quiet -k $R $U/api/orders/1
    cap $S caddy-504-export-slow-django-h2.txt 504 proxy caddy "the app slow: /api/export takes 6 s, response_header_timeout 3s: Caddy's empty 504" "curl -si" -- -si "${K[@]}" $R $U/api/export
    sleep 3.5
    busy http://127.0.0.1:63412/api/export
    cap $S caddy-504-cart-pool-exhausted-django-h2.txt 504 proxy caddy "worker pool exhausted: Cheroot's one thread held by a 6 s export, the cart waits past response_header_timeout: Caddy's empty 504" "curl -skv --http2" -- -sv "${K[@]}" $R $U/api/cart
    sleep 3.5
    kill_app $A
    cap $S caddy-502-app-stopped-django-h2.txt 502 proxy caddy "the app process stopped (connection refused): Caddy's empty 502" "curl -si" -- -si "${K[@]}" $R $U/api/orders/1
    capw $BO w-caddy-502-app-stopped-django.txt 502 proxy caddy "Caddy's empty 502 with curl's %{http_code} (Cheroot down)" "curl -s -w '%{http_code}'" -- '\n%{http_code}\n' -k $R $U/api/orders/2
    caphead $HO head-caddy-502-app-stopped-django.txt 502 proxy caddy "HEAD while Cheroot is down: Caddy's 502" "curl -sI" -- -k $R $U/api/orders/1
    wrong_port $A
    cap $S caddy-502-deploy-wrong-port-django-h2.txt 502 proxy caddy "bad deploy: the app came up on 63462, Caddy still points at 63412 (refused): Caddy's empty 502" "curl -si" -- -si "${K[@]}" $R $U/api/cart
    restart $A v2 -- -k $R $U/healthz
    cap $S django-404-orders-route-gone-v2-caddy-h2.txt 404 app $P "bad deploy v2: the orders route is gone, Django's '<h1>Not Found</h1>'" "curl -skv --http2" -- -sv "${K[@]}" $R $U/api/orders/1
    cap $S django-500-cart-v2-caddy-h2.txt 500 app $P "bad deploy v2: the cart view raises KeyError, Django's '<h1>Server Error (500)</h1>'" "curl -si" -- -si "${K[@]}" $R $U/api/cart
    restart $A v1 -- -k $R $U/healthz
    capwin $S django-200-cart-rollback-caddy-h2.txt 200 app $P "rollback to v1: the cart answers again" "curl -si pasted with CRLF" -- -si "${K[@]}" $R $U/api/cart
    push_front caddy
    cap $S caddy-503-refunds-maintenance-json-django-h2.txt 503 proxy caddy "config push: /api/refunds/ under maintenance, Caddy's own \`respond\` JSON 503 with Retry-After" "curl -si" -- -si "${K[@]}" $R $U/api/refunds/77
    cap $S caddy-429-orders-rate-limit-json-django-h2.txt 429 proxy caddy "config push: order lookups limited, Caddy's own \`respond\` JSON 429" "curl -skv --http2" -- -sv "${K[@]}" $R $U/api/orders/2
    cap $S django-200-order-recovered-caddy-h2.txt 200 app $P "recovery: order 1 again" "curl -si" -- -si "${K[@]}" $R $U/api/orders/1
fi

# ============================================ HAProxy -> Django on uWSGI ==
if up haproxy; then
    log "capturing: Django on uWSGI behind HAProxy"
    S=django-uwsgi-haproxy-r143 A=uwsgi-h P=django H=api.marrow.test
    U=http://api.marrow.test:63403 R="--resolve api.marrow.test:63403:127.0.0.1"
    cap $S django-200-order-haproxy.txt 200 app $P "healthy: order 1 (after the app's 1.5 s warm-up)" "curl -sv" -- -sv $R $U/api/orders/1
    cap $S django-304-order-etag-haproxy.txt 304 app $P "healthy: order 1 with If-None-Match its ETag: the app's own 304, passed on" "curl -si" -- -si $R -H 'If-None-Match: "ta-1001-v1"' $U/api/orders/1
    caphttp $S django-422-receipts-haproxy-httpie.txt 422 app $P "healthy: HTTPie, a receipt without amount: the app's JSON 422" "HTTPie with colours" -- -v POST http://127.0.0.1:63403/api/receipts Host:$H order:=1
    cap $S django-502-inventory-dep-refused-haproxy.txt 502 app $P "dependency down: the inventory service refuses, the app's JSON 502, passed on" "curl -si" -- -si $R $U/api/inventory
    cap $S django-504-quotes-dep-timeout-haproxy.txt 504 app $P "dependency down: the pricing service never answers, the app's JSON 504 after 1 s" "curl -sv" -- -sv $R $U/api/quotes
    touch "$RUN/flags/$A/auth-down"
    cap $S django-503-me-auth-down-haproxy.txt 503 app $P "auth service down: /api/me cannot verify the session, the app's JSON 503 with Retry-After: 15" "curl -si" -- -si $R -H 'Authorization: Bearer oncall-t0ken' $U/api/me
    rm -f "$RUN/flags/$A/auth-down"
    cap $S django-200-me-auth-back-haproxy.txt 200 app $P "auth service back: /api/me with the right token answers" "curl -sv" -- -sv $R -H 'Authorization: Bearer oncall-t0ken' $U/api/me
    overload $A
    capwin $S django-429-search-overloaded-haproxy.txt 429 app $P "overloaded: search sheds load, the app's 429 with Retry-After: 10" "curl -si pasted with CRLF" -- -si $R $U/api/search
    unload $A
    cap $S django-500-thumbnails-memoryerror-haproxy.txt 500 app $P "memory limit: /api/thumbnails hits MemoryError, the app's JSON 500 out_of_memory" "curl -si" -- -si $R $U/api/thumbnails
    disk_full $A
    cap $S django-500-receipts-disk-full-haproxy.txt 500 app $P "disk full: the receipt append fails with ENOSPC, unhandled: Django's '<h1>Server Error (500)</h1>'" "curl -sv" -- -sv $R "${RECEIPT[@]}" $U/api/receipts
    disk_freed $A
    kill_later $A 1
    cap $S haproxy-502-app-crashed-mid-request-django.txt 502 load-balancer haproxy "the app killed mid-traffic (uWSGI SIGKILLed 1 s into /api/export): HAProxy's stock 502" "curl -sv" -- -sv $R $U/api/export
    sleep 0.5; start_app $A || die "$A did not restart"; quiet $R $U/api/orders/1
    capwget $S haproxy-504-export-slow-django-wget.txt 504 load-balancer haproxy "the app slow: /api/export takes 6 s, timeout server 3s: HAProxy's stock 504" "wget -S -O-" -- --header="Host: $H:63403" http://127.0.0.1:63403/api/export
    sleep 3.5
    busy http://127.0.0.1:63413/api/export
    cap $S haproxy-504-order-pool-exhausted-django.txt 504 load-balancer haproxy "worker pool exhausted: uWSGI's one process (one thread) held by a 6 s export, order 1 waits past timeout server: HAProxy's stock 504" "curl -si" -- -si $R $U/api/orders/1
    sleep 3.5
    kill_app $A
    cap $S haproxy-503-app-stopped-django.txt 503 load-balancer haproxy "the app process stopped (connection refused): HAProxy's stock 503" "curl -si" -- -si $R $U/api/orders/1
    capbody $BO body-haproxy-503-app-stopped-django.txt 503/503 load-balancer haproxy "HAProxy's stock 503 page (uWSGI down), its heading shows 503" "curl -s" -- $R $U/api/orders/2
    wrong_port $A
    cap $S haproxy-503-deploy-wrong-port-django.txt 503 load-balancer haproxy "bad deploy: the app came up on 63463, the backend still points at 63413 (refused): HAProxy's stock 503" "curl -sv" -- -sv $R $U/api/cart
    restart $A v2 -- $R $U/healthz
    cap $S django-404-orders-route-gone-v2-haproxy.txt 404 app $P "bad deploy v2: the orders route is gone, Django's '<h1>Not Found</h1>'" "curl -si" -- -si $R $U/api/orders/1
    cap $S django-500-cart-v2-haproxy.txt 500 app $P "bad deploy v2: the cart view raises KeyError, Django's '<h1>Server Error (500)</h1>'" "curl -sv" -- -sv $R $U/api/cart
    restart $A v1 -- $R $U/healthz
    cap $S django-200-cart-rollback-haproxy.txt 200 app $P "rollback to v1: the cart answers again" "curl -si" -- -si $R $U/api/cart
    push_front haproxy
    cap $S haproxy-503-refunds-maintenance-json-django.txt 503 load-balancer haproxy "config push: /api/refunds/ under maintenance, \`http-request return\` with HAProxy's own JSON 503" "curl -si" -- -si $R $U/api/refunds/77
    quiet $R $U/api/orders/2
    cap $S haproxy-429-orders-rate-limit-django.txt 429 load-balancer haproxy "config push: a stick-table limit on order 2, the second request: HAProxy's stock 429" "curl -sv" -- -sv $R $U/api/orders/2
    capvnull $HO vnull-haproxy-429-orders-rate-limit-django.txt 429 load-balancer haproxy "order 2 a third time: HAProxy's 429" "curl -sv -o /dev/null, only the < lines kept" -- $R $U/api/orders/2
    cap $S django-200-order-recovered-haproxy.txt 200 app $P "recovery: order 1 again" "curl -sv" -- -sv $R $U/api/orders/1
fi

# ============================================ Apache -> Django on uWSGI ==
if up apache; then
    log "capturing: Django on uWSGI behind Apache"
    S=django-uwsgi-apache-r143 A=uwsgi-a P=django H=admin.marrow.test
    U=http://admin.marrow.test:63404 R="--resolve admin.marrow.test:63404:127.0.0.1"
    cap $S django-200-order-apache.txt 200 app $P "healthy: order 1 (after the app's 1.5 s warm-up), passed on with Apache's Via" "curl -sv" -- -sv $R $U/api/orders/1
    capcut $S django-404-order-apache.txt 404 app $P "healthy: order 999, the app's JSON 404" "curl -si, body cut off after the headers" -- -si $R $U/api/orders/999
    cap $S django-401-account-apache.txt 401 app $P "healthy: /api/account without a token, the app's JSON 401 with WWW-Authenticate: Bearer" "curl -si" -- -si $R $U/api/account
    touch "$RUN/flags/$A/auth-down"
    caphttp $S django-503-me-auth-down-apache-httpie.txt 503 app $P "auth service down: HTTPie, /api/me cannot verify the session, the app's JSON 503 with Retry-After: 15" "HTTPie with colours" -- -v GET http://127.0.0.1:63404/api/me Host:$H 'Authorization:Bearer oncall-t0ken'
    rm -f "$RUN/flags/$A/auth-down"
    caphttp $S django-403-me-wrong-token-apache-httpie.txt 403 app $P "auth service back: HTTPie, /api/me with an old token, the app's JSON 403" "HTTPie with colours" -- -v GET http://127.0.0.1:63404/api/me Host:$H 'Authorization:Bearer rotated-t0ken'
    cap $S django-503-payments-dep-down-apache.txt 503 app $P "dependency down: the payment provider, the app's JSON 503 with Retry-After: 30" "curl -si" -- -si $R $U/api/payments
    capdump $S django-504-quotes-dep-timeout-apache.txt 504 app $P "dependency down: the pricing service never answers, the app's JSON 504 after 1 s" "curl -s -D-" -- $R $U/api/quotes
    overload $A
    cap $S django-503-bulk-overloaded-apache.txt 503 app $P "overloaded: worker queue full, the app's 503 with Retry-After: 20" "curl -sv" -- -sv $R $U/api/bulk
    unload $A
    disk_full $A
    cap $S django-500-receipts-disk-full-apache.txt 500 app $P "disk full: the receipt append fails with ENOSPC, unhandled: Django's '<h1>Server Error (500)</h1>'" "curl -si" -- -si $R "${RECEIPT[@]}" $U/api/receipts
    disk_freed $A
    kill_later $A 1
    cap $S apache-502-app-crashed-mid-request-django.txt 502 proxy apache "the app killed mid-traffic (uWSGI SIGKILLed 1 s into /api/export): Apache's stock 502 Proxy Error" "curl -si" -- -si $R $U/api/export
    sleep 0.5; start_app $A || die "$A did not restart"; quiet $R $U/api/orders/1
    cap $S apache-502-export-slow-django.txt 502 proxy apache "the app slow: /api/export takes 6 s, ProxyTimeout 3: Apache's stock 502 Proxy Error (Error reading from remote server)" "curl -sv" -- -sv $R $U/api/export
    sleep 3.5
    busy http://127.0.0.1:63414/api/export
    cap $S apache-502-order-pool-exhausted-django.txt 502 proxy apache "worker pool exhausted: uWSGI's one process (one thread) held by a 6 s export, order 1 waits past ProxyTimeout: Apache's stock 502 Proxy Error" "curl -si" -- -si $R $U/api/orders/1
    sleep 3.5
    kill_app $A
    capraw $S apache-503-app-stopped-django.txt 503 proxy apache "the app process stopped (connection refused, retry=0): Apache's stock 503" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/orders/1
    caphead $HO head-apache-503-app-stopped-django.txt 503 proxy apache "HEAD while uWSGI is down: Apache's 503" "curl -sI" -- $R $U/api/orders/1
    wrong_port $A
    cap $S apache-503-deploy-wrong-port-django.txt 503 proxy apache "bad deploy: the app came up on 63464, ProxyPass still points at 63414 (refused): Apache's stock 503" "curl -si" -- -si $R $U/api/cart
    restart $A v2 -- $R $U/healthz
    cap $S django-404-orders-route-gone-v2-apache.txt 404 app $P "bad deploy v2: the orders route is gone, Django's '<h1>Not Found</h1>'" "curl -si" -- -si $R $U/api/orders/1
    capwin $S django-500-cart-v2-apache.txt 500 app $P "bad deploy v2: the cart view raises KeyError, Django's '<h1>Server Error (500)</h1>'" "curl -si pasted with CRLF" -- -si $R $U/api/cart
    restart $A v1 -- $R $U/healthz
    cap $S django-200-cart-rollback-apache.txt 200 app $P "rollback to v1: the cart answers again" "curl -si" -- -si $R $U/api/cart
    push_front apache
    cap $S apache-503-refunds-maintenance-django.txt 503 proxy apache "config push: /api/refunds/ under maintenance, RewriteRule [R=503]: Apache's stock 503" "curl -si" -- -si $R $U/api/refunds/77
    cap $S apache-429-orders-rate-limit-django.txt 429 proxy apache "config push: order 2 refused with RewriteRule [R=429]: Apache's stock 429" "curl -sv" -- -sv $R $U/api/orders/2
    caphttp $S django-200-order-recovered-apache-httpie.txt 200 app $P "recovery: HTTPie, order 1 again" "HTTPie with colours" -- -v GET http://127.0.0.1:63404/api/orders/1 Host:$H
fi

# ============================================ Varnish -> Django on Cheroot ==
if up varnish; then
    log "capturing: Django on Cheroot behind Varnish"
    S=django-cheroot-varnish-r143 A=cheroot-v P=django H=api.ostrey.test
    U=http://api.ostrey.test:63405 R="--resolve api.ostrey.test:63405:127.0.0.1"
    cap $S django-200-order-miss-varnish.txt 200 app $P "healthy: order 1, a MISS (after the app's 1.5 s warm-up): Django's answer passed on" "curl -si" -- -si $R $U/api/orders/1
    caplt $S varnish-200-order-hit-django.txt 200 cdn-cache varnish "healthy: order 1 again, a HIT from Varnish's store" "curl -sv, only the < lines kept" -- -sv $R $U/api/orders/1
    cap $S varnish-304-order-etag-django.txt 304 cdn-cache varnish "healthy: If-None-Match the stored ETag: Varnish's 304 from its store" "curl -sv" -- -sv $R -H 'If-None-Match: "ta-1001-v1"' $U/api/orders/1
    cap $S django-401-account-varnish.txt 401 app $P "healthy: /api/account without a token, the app's JSON 401, passed" "curl -si" -- -si $R $U/api/account
    touch "$RUN/flags/$A/auth-down"
    cap $S django-503-me-auth-down-varnish.txt 503 app $P "auth service down: /api/me (passed) cannot verify the session, the app's JSON 503 with Retry-After: 15, not a synth page" "curl -sv" -- -sv $R $U/api/me
    rm -f "$RUN/flags/$A/auth-down"
    cap $S django-503-payments-dep-down-varnish.txt 503 app $P "dependency down: the payment provider, the app's 503 with Retry-After: 30, passed on (not a synth page)" "curl -sv" -- -sv $R $U/api/payments
    overload $A
    cap $S django-503-bulk-overloaded-varnish.txt 503 app $P "overloaded: worker queue full, the app's 503 with Retry-After: 20, passed on" "curl -si" -- -si $R $U/api/bulk
    unload $A
    cap $S django-500-thumbnails-memoryerror-varnish.txt 500 app $P "memory limit: /api/thumbnails hits MemoryError, the app's JSON 500, passed on" "curl -si" -- -si $R $U/api/thumbnails
    disk_full $A
    capdump $S django-500-receipts-disk-full-varnish.txt 500 app $P "disk full: the receipt append fails with ENOSPC, unhandled: Django's '<h1>Server Error (500)</h1>', passed on" "curl -s -D-" -- $R "${RECEIPT[@]}" $U/api/receipts
    disk_freed $A
    kill_later $A 1
    cap $S varnish-503-app-crashed-mid-request-django.txt 503 cdn-cache varnish "the app killed mid-traffic (Cheroot SIGKILLed 1 s into /api/export): Varnish's 'Backend fetch failed'" "curl -si" -- -si $R $U/api/export
    sleep 0.5; start_app $A || die "$A did not restart"; quiet $R $U/api/account; quiet $R $U/api/account
    capwget $S varnish-503-export-slow-django-wget.txt 503 cdn-cache varnish "the app slow: /api/export takes 6 s, first_byte_timeout 3s: Varnish's 'Backend fetch failed'" "wget -S -O-" -- --header="Host: $H:63405" http://127.0.0.1:63405/api/export
    sleep 3.5
    busy http://127.0.0.1:63415/api/export
    cap $S varnish-503-account-pool-exhausted-django.txt 503 cdn-cache varnish "worker pool exhausted: Cheroot's one thread held by a 6 s export, /api/account (passed) waits past first_byte_timeout: Varnish's 'Backend fetch failed'" "curl -sv" -- -sv $R $U/api/account
    sleep 3.5
    kill_app $A
    cap $S varnish-503-app-stopped-django.txt 503 cdn-cache varnish "the app process stopped, /api/account is passed: Varnish's 'Backend fetch failed'" "curl -sv" -- -sv $R $U/api/account
    capbody $BO body-varnish-503-app-stopped-django.txt 503/503 cdn-cache varnish "Varnish's guru meditation page (Cheroot down), its title shows 503" "curl -s" -- $R $U/api/cart
    caphead $HO head-varnish-200-order-hit-app-stopped-django.txt 200 cdn-cache varnish "HEAD order 1 while Cheroot is down: from Varnish's store" "curl -sI" -- $R $U/api/orders/1
    wrong_port $A
    cap $S varnish-503-deploy-wrong-port-django.txt 503 cdn-cache varnish "bad deploy: the app came up on 63465, the backend still points at 63415 (refused): Varnish's 'Backend fetch failed'" "curl -si" -- -si $R $U/api/cart
    restart $A v1 -- $R $U/healthz
    cap $S django-200-cart-redeployed-varnish.txt 200 app $P "the deploy fixed (right port): the cart answers again" "curl -sv" -- -sv $R $U/api/cart
    push_front varnish
    cap $S varnish-503-refunds-maintenance-django.txt 503 cdn-cache varnish "config push: /api/refunds/ under maintenance, vcl_recv synth(503), the built-in synth page" "curl -si" -- -si $R $U/api/refunds/77
    cap $S varnish-429-orders-rate-limit-django.txt 429 cdn-cache varnish "config push: order 2 refused with synth(429), the built-in synth page" "curl -sv" -- -sv $R $U/api/orders/2
    capraw $S django-200-cart-recovered-varnish.txt 200 app $P "recovery: the cart again" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/cart
fi

# ============================================ Squid -> Django on uWSGI ==
if up squid; then
    log "capturing: Django on uWSGI behind Squid"
    S=django-uwsgi-squid-r143 A=uwsgi-s P=django H=cdn.wrenby.test
    U=http://cdn.wrenby.test:63406 R="--resolve cdn.wrenby.test:63406:127.0.0.1"
    cap $S django-200-order-miss-squid.txt 200 app $P "healthy: order 1, a MISS (after the app's 1.5 s warm-up): Django's answer passed on with Squid's Via" "curl -si" -- -si $R $U/api/orders/1
    cap $S squid-200-order-hit-django.txt 200 cdn-cache squid "healthy: order 1 again within its max-age=2: a HIT from Squid's store" "curl -sv" -- -sv $R $U/api/orders/1
    caplt $S django-422-receipts-squid.txt 422 app $P "healthy: a receipt without amount, the app's JSON 422" "curl -sv, only the < lines kept" -- -sv $R "${NOAMOUNT[@]}" $U/api/receipts
    cap $S django-504-quotes-dep-timeout-squid.txt 504 app $P "dependency down: the pricing service never answers, the app's JSON 504 after 1 s" "curl -sv" -- -sv $R $U/api/quotes
    overload $A
    capwin $S django-429-search-overloaded-squid.txt 429 app $P "overloaded: search sheds load, the app's 429 with Retry-After: 10" "curl -si pasted with CRLF" -- -si $R $U/api/search
    unload $A
    touch "$RUN/flags/$A/auth-down"
    cap $S django-503-me-auth-down-squid.txt 503 app $P "auth service down: /api/me cannot verify the session, the app's JSON 503 with Retry-After: 15" "curl -si" -- -si $R $U/api/me
    rm -f "$RUN/flags/$A/auth-down"
    disk_full $A
    cap $S django-403-me-wrong-token-squid.txt 403 app $P "auth: /api/me with a token the app does not accept, the app's JSON 403 (not stored by Squid)" "curl -si" -- -si $R -H 'Authorization: Bearer rotated-t0ken' $U/api/me
    capjq $BO body-django-504-quotes-dep-timeout-jq-squid.txt 504/504 app $P "the app's JSON 504 for the pricing timeout piped through jq (its errors[0].status shows \"504\")" "curl -s | jq ." -- $R $U/api/quotes
    disk_freed $A
    # (no capture of the app killed mid-request here: run 1 got ERR_READ_ERROR 502, run 2 ERR_CONNECT_FAIL 503; see the README)
    capwget $S squid-504-export-slow-django-wget.txt 504 cdn-cache squid "the app slow: /api/export takes 6 s, read_timeout 3 s: Squid's ERR_READ_TIMEOUT" "wget -S -O-" -- --header="Host: $H:63406" http://127.0.0.1:63406/api/export
    sleep 3.5
    busy http://127.0.0.1:63416/api/export
    cap $S squid-504-account-pool-exhausted-django.txt 504 cdn-cache squid "worker pool exhausted: uWSGI's one process (one thread) held by a 6 s export, /api/account waits past read_timeout: Squid's ERR_READ_TIMEOUT" "curl -sv" -- -sv $R $U/api/account
    sleep 3.5
    kill_app $A
    cap $S squid-503-app-stopped-django.txt 503 cdn-cache squid "the app process stopped, /api/account is not stored: Squid's ERR_CONNECT_FAIL" "curl -sv" -- -sv $R $U/api/account
    capw $BO w-squid-503-app-stopped-django.txt 503 cdn-cache squid "Squid's ERR_CONNECT_FAIL page with curl's %{http_code} (uWSGI down)" "curl -s -w '%{http_code}'" -- '\n%{http_code}\n' $R $U/api/cart
    caphead $HO head-squid-503-app-stopped-django.txt 503 cdn-cache squid "HEAD /api/cart while uWSGI is down: Squid's ERR_CONNECT_FAIL" "curl -sI" -- $R $U/api/cart
    wrong_port $A
    cap $S squid-503-deploy-wrong-port-django.txt 503 cdn-cache squid "bad deploy: the app came up on 63466, cache_peer still points at 63416 (refused): Squid's ERR_CONNECT_FAIL" "curl -si" -- -si $R $U/api/cart
    restart $A v2 -- $R $U/healthz
    cap $S django-404-orders-route-gone-v2-squid.txt 404 app $P "bad deploy v2: the orders route is gone, order 2 (never stored): Django's '<h1>Not Found</h1>'" "curl -si" -- -si $R $U/api/orders/2
    cap $S django-500-cart-v2-squid.txt 500 app $P "bad deploy v2: the cart view raises KeyError, Django's '<h1>Server Error (500)</h1>'" "curl -sv" -- -sv $R $U/api/cart
    capbody $BO body-django-500-cart-v2-squid.txt 500/500 app $P "Django's '<h1>Server Error (500)</h1>' for the v2 cart (its heading shows 500)" "curl -s" -- $R $U/api/cart
    restart $A v1 -- $R $U/healthz
    cap $S django-200-cart-rollback-squid.txt 200 app $P "rollback to v1: the cart answers again" "curl -si" -- -si $R $U/api/cart
    push_front squid
    cap $S squid-403-refunds-denied-django.txt 403 cdn-cache squid "config push: /api/refunds/ denied by http_access, Squid's ERR_ACCESS_DENIED" "curl -si" -- -si $R $U/api/refunds/77
    cap $S squid-413-body-limit-django.txt 413 cdn-cache squid "config push: request_body_max_size 1 KB, a 3 KB receipt: Squid's ERR_TOO_BIG" "curl -sv" -- -sv $R -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $U/api/receipts
    capdump $S django-200-cart-recovered-squid.txt 200 app $P "recovery: the cart again" "curl -s -D-" -- $R $U/api/cart
fi

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx caddy haproxy apache varnish squid; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round143/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi

