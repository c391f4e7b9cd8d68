#!/usr/bin/env bash
# capture-round62.sh — build the sixty-second held-out evidence corpus in
# tests/fixtures/evidence-round62/.
#
# "Who refused me? Identity checks at the front beside the app's own
# refusals, a fourth look." Round 52's orders API (its Django, FastAPI and
# Flask apps, reused unchanged from scripts/corpus/apps52/) behind five
# fronts that check credentials before the app sees the request:
#   - nginx auth_request asking a small JWT check service
#     (scripts/corpus/apps62/jwtsvc.py, HS256 tokens minted here with a
#     throwaway test key by apps62/mint.py) -> Django under waitress;
#   - Apache mod_auth_basic (htpasswd of test users) -> FastAPI under Hypercorn;
#   - HAProxy X-API-Key map + `http-request auth` userlist -> Flask under waitress;
#   - Caddy basicauth (bcrypt of test passwords) -> Django under waitress;
#   - nginx auth_basic -> Flask under Hypercorn.
# Each app keeps its own 401/403 (Django on X-Api-Key, FastAPI and Flask on
# the Authorization header), reached with credentials that pass the front.
# Paste forms: curl -sv / -si (some with CRs, some CRLF, some with only the
# `<` lines, some cut after the headers), HTTPie with colours, wget -S -O-,
# body-only and headers-only pastes.
#
#   scripts/corpus/capture-round62.sh          # capture (installs nothing new if present)
#   CORPUS_SKIP_INSTALL=1 capture-round62.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round62.sh       # keep configs + logs in the runtime dir
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports
# 59800-59899) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round62.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the wire.
# All passwords, keys and tokens here are test values made for this corpus.

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round62"
RUN=/tmp/api-triage-corpus62
STAGE="$RUN/evidence"
CONF="$HERE/conf-round62"
APPS="$HERE/apps52"   # round 52's apps, reused unchanged
APPS62="$HERE/apps62"
VENV=${CORPUS_VENV62:-/tmp/api-triage-corpus62-venv}
VENV55=/tmp/api-triage-corpus55-venv
START_TIME=$SECONDS

PY=/usr/bin/python3
HTTPIE=/usr/bin/http
PYPI=(flask==3.1.3 waitress==3.0.2 fastapi==0.165.0 hypercorn==0.18.0 django==5.2.19 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus62 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openssl python3-venv apache2 nginx haproxy caddy)
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


install_venv() {  # the Python frameworks and servers, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, waitress, fastapi, hypercorn, django, uvicorn" 2>/dev/null && return 0
    if [[ -x $VENV55/bin/python ]] && "$VENV55/bin/python" -c "import flask, waitress, fastapi, hypercorn, django, uvicorn" 2>/dev/null; then
        "$PY" -m venv --without-pip "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
        "$VENV55/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])' \
            >"$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/corpus55.pth"
        "$VENV/bin/python" -c "import flask, waitress, fastapi, hypercorn, django, uvicorn" 2>/dev/null && return 0
    fi
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* || $cmd == *"$APPS62/"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round62.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
caphttp() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    have httpie || return 0
    cmdline http "$@" >"$dest"
    in_work timeout 20 "$HTTPIE" --ignore-stdin --pretty=all --style=monokai --timeout=10 "$@" >>"$dest" 2>&1
    finish "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# caplt SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl -sv` where only the response-header lines (`< ...`) were kept.
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
# the headers.
capcut() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl "$@" >"$dest"
    in_work timeout 20 curl "$@" 2>&1 | tr -d '\r' | awk '{print} /^$/ {exit}' >>"$dest"
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

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS ]] || die "missing $CONF or $APPS"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"

# apps: Django/waitress 59810 (nginx auth_request), FastAPI/Hypercorn 59811
# (Apache), Flask/waitress 59812 (HAProxy), Django/waitress 59813 (Caddy),
# Flask/Hypercorn 59814 (nginx auth_basic); the JWT check service 59820.
# Fronts: nginx 59880 + 59884, Apache 59881, HAProxy 59882, Caddy 59883.
# 59899 is never listened on (the dead upstream every front has).
APP_PORTS=(59810 59811 59812 59813 59814 59820)
FRONT_PORTS=(59880 59881 59882 59883 59884)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 59899; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

declare -A UP=()
HYP=(env PYTHONPATH="$APPS" nice -n 5 "$VENV/bin/python" -m hypercorn)
WTR=(env PYTHONPATH="$APPS" nice -n 5 "$VENV/bin/python" -m waitress --threads=8)
start_bg django-a "${WTR[@]}" --listen=127.0.0.1:59810 django_app:application
start_bg fastapi-b "${HYP[@]}" --bind 127.0.0.1:59811 fastapi_app:app
start_bg flask-c "${WTR[@]}" --listen=127.0.0.1:59812 flask_app:app
start_bg django-d "${WTR[@]}" --listen=127.0.0.1:59813 django_app:application
start_bg flask-e "${HYP[@]}" --bind 127.0.0.1:59814 flask_app:app
start_bg jwtsvc nice -n 5 "$PY" "$APPS62/jwtsvc.py" 59820
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# test users only: htpasswd files made here with openssl's apr1 hashes
htline() { printf '%s:%s\n' "$1" "$(openssl passwd -apr1 "$2")"; }
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    { htline admin admin-test-pass; htline bo bo-test-pass; } >"$RUN/nginx/htpasswd"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 59880 nginx && wait_port 59884 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    { htline ana ana-test-pass; htline bo bo-test-pass; } >"$RUN/apache/htpasswd"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 59881 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    cp "$CONF/haproxy-keys.map" "$RUN/haproxy/keys.map"
    if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
        start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
        wait_port 59882 haproxy && UP[haproxy]=1
    else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
    HA_=$(timeout 30 caddy hash-password --plaintext ana-test-pass) HB_=$(timeout 30 caddy hash-password --plaintext bo-test-pass)
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s|@HASH_ANA@|$HA_|; s|@HASH_BO@|$HB_|"
    start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
        caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 59883 caddy && UP[caddy]=1
fi
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 62 (held out): real responses captured by
# scripts/corpus/capture-round62.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as earlier rounds:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the body itself shows (0 = none)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (`curl -s`) or "headers-only" (`curl -sI`);
#              absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
EOF_LABELS

# test JWTs (HS256, throwaway key of apps62/jwtsvc.py)
mint() { "$PY" "$APPS62/mint.py" "$@"; }
JGOOD=$(mint ana "orders profile" 3600)
JNOSCOPE=$(mint bo "profile" 3600)
JEXP=$(mint ana "orders" -600)
JFORGED=$(mint ana "orders" 3600 not-the-key)
OPAQUE=tok_5f0c2a9e81d34b7a
NG=http://127.0.0.1:59880 AP=http://127.0.0.1:59881 HA=http://127.0.0.1:59882 CD=http://127.0.0.1:59883 NB=http://127.0.0.1:59884

# ================================ nginx auth_request (JWT) -> Django/waitress ==
S=nginx-authrequest-jwt-django
if up nginx; then
    log "capturing: $S"
    cap $S nginx-401-authrequest-notoken.txt 401 identity nginx "no Authorization: the check says 401, nginx's stock 401 page with the service's Bearer challenge" "curl -sv" -- -sv $NG/api/orders/42
    capraw $S nginx-401-authrequest-expired.txt 401 identity nginx "expired JWT: the check says 401, nginx's stock 401 page" "curl -sv saved to a file (CRs kept)" -- -sv -H "Authorization: Bearer $JEXP" $NG/api/orders/42
    caphttp $S nginx-401-authrequest-forged-httpie.txt 401 identity nginx "JWT signed with another key: nginx's stock 401" "HTTPie with colours" -- -v GET $NG/api/orders/42 "Authorization:Bearer $JFORGED"
    cap $S nginx-401-authrequest-opaque.txt 401 identity nginx "an opaque token the check cannot read: nginx's stock 401" "curl -si" -- -si -H "Authorization: Bearer $OPAQUE" $NG/api/orders/42
    capwin $S nginx-403-authrequest-scope.txt 403 identity nginx "valid JWT without the orders scope: the check says 403, nginx's stock 403 page" "curl -si pasted with CRLF" -- -si -H "Authorization: Bearer $JNOSCOPE" $NG/api/orders/42
    cap $S nginx-401-v2-json.txt 401 identity nginx "/v2/, no token: nginx's JSON named location for 401" "curl -sv" -- -sv $NG/v2/orders/42
    capwget $S nginx-403-v2-json-wget.txt 403 identity nginx "/v2/, token without the scope: nginx's JSON named location for 403" "wget -S -O-" -- --header="Authorization: Bearer $JNOSCOPE" $NG/v2/orders/42
    cap $S nginx-302-portal-login.txt 302 identity nginx "/portal/, no token: nginx answers the refusal with a 302 to /login" "curl -si" -- -si $NG/portal/orders/42
    caplt $S nginx-302-portal-expired-lt.txt 302 identity nginx "/portal/, expired token: the 302 to /login" "curl -sv, only the < lines kept" -- -sv -H "Authorization: Bearer $JEXP" $NG/portal/orders/42
    cap $S django-200-order-jwt.txt 200 app django "good JWT: the order from Django" "curl -sv" -- -sv -H "Authorization: Bearer $JGOOD" $NG/api/orders/42
    cap $S django-401-reports-nokey.txt 401 app django "good JWT, no X-Api-Key: Django's own JSON 401 (ApiKey challenge)" "curl -sv" -- -sv -H "Authorization: Bearer $JGOOD" $NG/api/admin/reports
    caphttp $S django-403-reports-wrongkey-httpie.txt 403 app django "good JWT, a key that is not the admin key: Django's own JSON 403" "HTTPie with colours" -- -v GET $NG/api/admin/reports "Authorization:Bearer $JGOOD" X-Api-Key:k-user-1111
    capraw $S django-200-reports-adminkey.txt 200 app django "good JWT and the admin key: the reports" "curl -si saved to a file (CRs kept)" -- -si -H "Authorization: Bearer $JGOOD" -H 'X-Api-Key: k-admin-7f3a' $NG/api/admin/reports
    capwin $S django-403-v2-reports-wrongkey.txt 403 app django "/v2/ with a good JWT and a wrong key: Django's 403 passes (the JSON error_page only catches the check's refusals)" "curl -si pasted with CRLF" -- -si -H "Authorization: Bearer $JGOOD" -H 'X-Api-Key: nope' $NG/v2/admin/reports
    cap $S django-404-order.txt 404 app django "good JWT, unknown order: Django's JSON 404" "curl -si" -- -si -H "Authorization: Bearer $JGOOD" $NG/api/orders/7
    capcut $S django-404-route-cut.txt 404 app django "good JWT, unknown route: Django's HTML 404" "curl -si cut after the headers" -- -si -H "Authorization: Bearer $JGOOD" $NG/api/customers/3
    cap $S django-429-limited.txt 429 app django "good JWT: Django's own JSON 429" "curl -si" -- -si -H "Authorization: Bearer $JGOOD" $NG/api/limited
    capwin $S nginx-500-authrequest-service-down.txt 500 proxy nginx "/reports/: the check service is not running, nginx's stock 500" "curl -si pasted with CRLF" -- -si -H "Authorization: Bearer $JGOOD" $NG/reports/orders/42
    cap $S nginx-502-legacy.txt 502 proxy nginx "/legacy/ to a port nobody listens on: nginx's 502 page" "curl -si" -- -si $NG/legacy/orders/1
    caplt $S nginx-504-slow-lt.txt 504 proxy nginx "good JWT, the slow view: nginx's 504 after 3 s" "curl -sv, only the < lines kept" -- -sv -H "Authorization: Bearer $JGOOD" $NG/api/slow
fi

# ================================ Apache Basic -> FastAPI under Hypercorn ==
S=apache-basic-fastapi
if up apache; then
    log "capturing: $S"
    cap $S apache-401-basic-nocreds.txt 401 identity apache "no credentials: Apache's 401 with WWW-Authenticate Basic" "curl -sv" -- -sv $AP/api/orders/42
    capraw $S apache-401-basic-wrongpass.txt 401 identity apache "a real test user, wrong password: Apache's 401" "curl -sv saved to a file (CRs kept)" -- -sv -u ana:wrong-pass $AP/api/orders/42
    caphttp $S apache-401-require-user-httpie.txt 401 identity apache "bo is a valid user but /api/admin/ requires ana: Apache's 401 again" "HTTPie with colours" -- -v -a bo:bo-test-pass GET $AP/api/admin/reports
    capwget $S apache-401-basic-unknown-wget.txt 401 identity apache "an unknown user: Apache's 401" "wget -S -O-" -- --auth-no-challenge --user=carol --password=carol-test-pass $AP/api/orders/42
    capcut $S apache-401-basic-nocreds-cut.txt 401 identity apache "no credentials: Apache's 401" "curl -si cut after the headers" -- -si $AP/api/admin/reports
    cap $S fastapi-200-order-basic.txt 200 app fastapi "Basic passes: the order from FastAPI" "curl -sv" -- -sv -u bo:bo-test-pass $AP/api/orders/42
    cap $S fastapi-403-reports-basic.txt 403 app fastapi "ana passes Apache; FastAPI's own admin check says 403 in JSON" "curl -si" -- -si -u ana:ana-test-pass $AP/api/admin/reports
    capwin $S fastapi-401-open-reports.txt 401 app fastapi "/open/ skips Apache's check; FastAPI's own JSON 401 with Bearer challenge" "curl -si pasted with CRLF" -- -si $AP/open/admin/reports
    caphttp $S fastapi-403-open-reports-httpie.txt 403 app fastapi "/open/ with a bearer token lacking admin: FastAPI's own 403" "HTTPie with colours" -- -v GET $AP/open/admin/reports "Authorization:Bearer user-token"
    cap $S fastapi-422-order-basic.txt 422 app fastapi "Basic passes, a non-numeric id: FastAPI's validation 422" "curl -si" -- -si -u bo:bo-test-pass $AP/api/orders/abc
    capraw $S fastapi-404-order-basic.txt 404 app fastapi "Basic passes, unknown order: FastAPI's JSON 404" "curl -si saved to a file (CRs kept)" -- -si -u bo:bo-test-pass $AP/api/orders/9
    cap $S fastapi-404-route-basic.txt 404 app fastapi "Basic passes, unknown route: FastAPI's {\"detail\":\"Not Found\"}" "curl -sv" -- -sv -u bo:bo-test-pass $AP/api/customers/1
    caplt $S fastapi-503-maintenance-lt.txt 503 app fastapi "Basic passes: FastAPI's own JSON 503" "curl -sv, only the < lines kept" -- -sv -u bo:bo-test-pass $AP/api/maintenance
    cap $S apache-503-legacy.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503" "curl -si" -- -si $AP/legacy/orders/1
    cap $S apache-502-slow.txt 502 proxy apache "Basic passes, the slow view: Apache's 502 after ProxyTimeout" "curl -si" -- -si -u bo:bo-test-pass $AP/api/slow
fi

# ========================= HAProxy API key + userlist -> Flask under waitress ==
S=haproxy-apikey-basic-flask
if up haproxy; then
    log "capturing: $S"
    cap $S haproxy-401-nokey.txt 401 identity haproxy "no X-API-Key: HAProxy's JSON 401 (http-request return)" "curl -sv" -- -sv $HA/api/orders/42
    capraw $S haproxy-403-unknownkey.txt 403 identity haproxy "a key not in the map: HAProxy's JSON 403" "curl -si saved to a file (CRs kept)" -- -si -H 'X-API-Key: key-zz-0000' $HA/api/orders/42
    caphttp $S haproxy-403-readonly-post-httpie.txt 403 identity haproxy "a read-only key on POST: HAProxy's stock 403 (deny)" "HTTPie with colours" -- -v POST $HA/api/orders/42 X-API-Key:key-bo-2d9f qty:=3
    cap $S haproxy-401-ops-basic.txt 401 identity haproxy "/ops/ without credentials: HAProxy's stock 401 with Basic challenge" "curl -sv" -- -sv $HA/ops/orders/42
    capwin $S haproxy-401-ops-wrongpass.txt 401 identity haproxy "/ops/ with a wrong password: HAProxy's 401" "curl -si pasted with CRLF" -- -si -u ana:wrong-pass $HA/ops/orders/42
    capwget $S haproxy-401-nokey-wget.txt 401 identity haproxy "no key: HAProxy's JSON 401" "wget -S -O-" -- $HA/api/admin/reports
    cap $S flask-200-ops-basic.txt 200 app flask "/ops/ with a test user: the order from Flask" "curl -si" -- -si -u ana:ana-test-pass $HA/ops/orders/42
    cap $S flask-401-reports-key.txt 401 app flask "a good key, no Authorization: Flask's own JSON 401" "curl -sv" -- -sv -H 'X-API-Key: key-ana-7c1e' $HA/api/admin/reports
    caphttp $S flask-403-reports-key-httpie.txt 403 app flask "a good key and a bearer token without admin: Flask's own 403" "HTTPie with colours" -- -v GET $HA/api/admin/reports X-API-Key:key-bo-2d9f "Authorization:Bearer user-token"
    capwget $S flask-200-reports-wget.txt 200 app flask "a good key and the admin token: the reports" "wget -S -O-" -- --header='X-API-Key: key-ana-7c1e' --header='Authorization: Bearer admin-token' $HA/api/admin/reports
    capraw $S flask-404-order-key.txt 404 app flask "a good key, unknown order: Flask's JSON 404" "curl -si saved to a file (CRs kept)" -- -si -H 'X-API-Key: key-bo-2d9f' $HA/api/orders/5
    cap $S flask-404-route-key.txt 404 app flask "a good key, unknown route: Werkzeug's HTML 404" "curl -si" -- -si -H 'X-API-Key: key-bo-2d9f' $HA/api/customers/5
    cap $S flask-429-limited-key.txt 429 app flask "a good key: Flask's own JSON 429" "curl -si" -- -si -H 'X-API-Key: key-bo-2d9f' $HA/api/limited
    cap $S haproxy-403-internal.txt 403 load-balancer haproxy "/internal/: a path rule (http-request deny), HAProxy's stock 403" "curl -si" -- -si $HA/internal/metrics
    capwin $S haproxy-503-legacy.txt 503 load-balancer haproxy "/legacy/: the only server is down, HAProxy's 503" "curl -si pasted with CRLF" -- -si $HA/legacy/orders/1
    caplt $S haproxy-504-slow-lt.txt 504 load-balancer haproxy "a good key, the slow view: HAProxy's 504 after timeout server" "curl -sv, only the < lines kept" -- -sv -H 'X-API-Key: key-bo-2d9f' $HA/api/slow
fi

# ================================ Caddy basicauth -> Django under waitress ==
S=caddy-basicauth-django
if up caddy; then
    log "capturing: $S"
    cap $S caddy-401-basic-nocreds.txt 401 identity caddy "no credentials: Caddy's empty 401 with Basic challenge" "curl -sv" -- -sv $CD/api/orders/42
    capraw $S caddy-401-basic-wrongpass.txt 401 identity caddy "a real test user, wrong password: Caddy's 401" "curl -si saved to a file (CRs kept)" -- -si -u ana:wrong-pass $CD/api/orders/42
    caphttp $S caddy-401-admin-bo-httpie.txt 401 identity caddy "/admin/ is for ana only; bo gets Caddy's 401" "HTTPie with colours" -- -v -a bo:bo-test-pass GET $CD/admin/reports
    capwget $S caddy-401-basic-nocreds-wget.txt 401 identity caddy "no credentials: Caddy's 401" "wget -S -O-" -- $CD/api/admin/reports
    capwin $S caddy-401-basic-unknown.txt 401 identity caddy "an unknown user: Caddy's 401" "curl -si pasted with CRLF" -- -si -u carol:carol-test-pass $CD/api/orders/42
    cap $S django-200-order-caddy.txt 200 app django "Basic passes: the order from Django" "curl -sv" -- -sv -u ana:ana-test-pass $CD/api/orders/42
    cap $S django-401-reports-caddy.txt 401 app django "Basic passes, no X-Api-Key: Django's own JSON 401" "curl -si" -- -si -u bo:bo-test-pass $CD/api/admin/reports
    capwin $S django-403-reports-caddy.txt 403 app django "Basic passes, wrong key: Django's own JSON 403" "curl -si pasted with CRLF" -- -si -u bo:bo-test-pass -H 'X-Api-Key: k-user-2222' $CD/api/admin/reports
    caphttp $S django-200-admin-caddy-httpie.txt 200 app django "/admin/ as ana with the admin key: the reports" "HTTPie with colours" -- -v -a ana:ana-test-pass GET $CD/admin/reports X-Api-Key:k-admin-7f3a
    caphttp $S django-403-admin-caddy-httpie.txt 403 app django "/admin/ as ana with a wrong key: Django's own 403" "HTTPie with colours" -- -v -a ana:ana-test-pass GET $CD/admin/reports X-Api-Key:k-old-3333
    cap $S django-404-order-caddy.txt 404 app django "Basic passes, unknown order: Django's JSON 404" "curl -si" -- -si -u ana:ana-test-pass $CD/api/orders/8
    capdump $S django-404-route-caddy.txt 404 app django "Basic passes, unknown route: Django's HTML 404" "curl -s -D-" -- -u ana:ana-test-pass $CD/api/customers/8
    caplt $S django-503-maintenance-caddy-lt.txt 503 app django "Basic passes: Django's own JSON 503" "curl -sv, only the < lines kept" -- -sv -u bo:bo-test-pass $CD/api/maintenance
    cap $S caddy-502-legacy.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's empty 502" "curl -si" -- -si $CD/legacy/orders/1
fi

# ================================ nginx auth_basic -> Flask under Hypercorn ==
S=nginx-authbasic-flask
if up nginx; then
    log "capturing: $S"
    cap $S nginx-401-basic-nocreds.txt 401 identity nginx "no credentials: nginx's stock 401 with Basic challenge" "curl -sv" -- -sv $NB/api/orders/42
    capraw $S nginx-401-basic-wrongpass.txt 401 identity nginx "a real test user, wrong password: nginx's 401" "curl -si saved to a file (CRs kept)" -- -si -u bo:wrong-pass $NB/api/orders/42
    caphttp $S nginx-401-basic-unknown-httpie.txt 401 identity nginx "an unknown user: nginx's 401" "HTTPie with colours" -- -v -a carol:carol-test-pass GET $NB/api/admin/reports
    capwget $S nginx-401-basic-nocreds-wget.txt 401 identity nginx "no credentials: nginx's 401" "wget -S -O-" -- $NB/api/admin/reports
    cap $S flask-200-order-nginxbasic.txt 200 app flask "Basic passes: the order from Flask" "curl -sv" -- -sv -u bo:bo-test-pass $NB/api/orders/42
    cap $S flask-403-reports-nginxbasic.txt 403 app flask "bo passes nginx; Flask's own admin check says 403" "curl -si" -- -si -u bo:bo-test-pass $NB/api/admin/reports
    capwin $S flask-200-reports-nginxbasic.txt 200 app flask "admin passes both checks: the reports" "curl -si pasted with CRLF" -- -si -u admin:admin-test-pass $NB/api/admin/reports
    capwget $S flask-404-order-nginxbasic-wget.txt 404 app flask "Basic passes, unknown order: Flask's JSON 404" "wget -S -O-" -- --auth-no-challenge --user=bo --password=bo-test-pass $NB/api/orders/3
    cap $S flask-503-maintenance-nginxbasic.txt 503 app flask "Basic passes: Flask's own JSON 503" "curl -si" -- -si -u bo:bo-test-pass $NB/api/maintenance
    capraw $S flask-404-route-nginxbasic.txt 404 app flask "Basic passes, unknown route: Werkzeug's HTML 404" "curl -sv saved to a file (CRs kept)" -- -sv -u bo:bo-test-pass $NB/api/customers/3
    cap $S nginx-502-legacy-basic.txt 502 proxy nginx "/legacy/ to a port nobody listens on: nginx's 502 page" "curl -si" -- -si $NB/legacy/orders/1
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-401-authrequest.txt 401/401 identity nginx "nginx's stock 401 page after auth_request (its title says 401)" "" -- $NG/api/orders/42
up nginx && capbody $S body-nginx-401-v2-json.txt 0/401 identity nginx "nginx's JSON 401 named location" "no number" -- $NG/v2/orders/42
up nginx && capbody $S body-nginx-403-authrequest.txt 403/403 identity nginx "nginx's stock 403 page after the scope check" "" -- -H "Authorization: Bearer $JNOSCOPE" $NG/api/orders/42
up nginx && capbody $S body-django-401-reports.txt 0/401 app django "Django's own JSON 401 behind auth_request" "no number" -- -H "Authorization: Bearer $JGOOD" $NG/api/admin/reports
up apache && capbody $S body-apache-401-basic.txt 401/401 identity apache "Apache's 401 page (its title says 401 Unauthorized)" "" -- $AP/api/orders/42
up apache && capbody $S body-fastapi-403-reports.txt 0/403 app fastapi "FastAPI's own JSON 403 behind Basic" "no number" -- -u ana:ana-test-pass $AP/api/admin/reports
up haproxy && capbody $S body-haproxy-403-unknownkey.txt 0/403 identity haproxy "HAProxy's JSON 403 for an unknown key" "no number" -- -H 'X-API-Key: key-zz-0000' $HA/api/orders/42
up haproxy && capbody $S body-haproxy-401-ops.txt 401/401 identity haproxy "HAProxy's stock 401 page (it says 401)" "" -- $HA/ops/orders/42
up haproxy && capbody $S body-flask-403-reports.txt 0/403 app flask "Flask's own JSON 403 (its status field says 403)" "no number in a status line; the body has a status field" -- -H 'X-API-Key: key-bo-2d9f' -H 'Authorization: Bearer user-token' $HA/api/admin/reports
up caddy && capbody $S body-django-403-caddy.txt 0/403 app django "Django's own JSON 403 behind basicauth" "no number" -- -u bo:bo-test-pass -H 'X-Api-Key: k-user-2222' $CD/api/admin/reports
up nginx && capbody $S body-nginx-401-basic.txt 401/401 identity nginx "nginx's stock 401 page for auth_basic" "" -- $NB/api/orders/42

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-401-authrequest.txt 401 identity nginx "curl -sI, no token: nginx's 401 after auth_request" "" -- $NG/api/orders/42
up nginx && caphead $S head-nginx-302-portal.txt 302 identity nginx "curl -sI on /portal/, no token: nginx's 302 to /login" "" -- $NG/portal/orders/42
up apache && caphead $S head-apache-401-basic.txt 401 identity apache "curl -sI, no credentials: Apache's 401" "" -- $AP/api/orders/42
up haproxy && caphead $S head-haproxy-401-nokey.txt 401 identity haproxy "curl -sI, no key: HAProxy's JSON 401 headers" "" -- $HA/api/orders/42
up caddy && caphead $S head-caddy-401-basic.txt 401 identity caddy "curl -sI, no credentials: Caddy's 401" "" -- $CD/api/orders/42
up caddy && caphead $S head-django-401-caddy.txt 401 app django "curl -sI with Basic that passes, no key: Django's 401 headers" "" -- -u bo:bo-test-pass $CD/api/admin/reports
up nginx && caphead $S head-hypercorn-500-head-nginxbasic.txt 500 app hypercorn "curl -sI as bo through nginx: Hypercorn fails on a HEAD to the WSGI app and answers an empty 500 itself, nginx passes it" "" -- -u bo:bo-test-pass $NB/api/admin/reports
up haproxy && caphead $S head-flask-403-reports-key.txt 403 app flask "curl -sI with a good key and a non-admin token: Flask's 403 headers (waitress)" "" -- -H "X-API-Key: key-bo-2d9f" -H "Authorization: Bearer user-token" $HA/api/admin/reports

# ======================================== the apps stopped: front errors ==
log "stopping the apps for the dead-upstream captures"
stop_name django-a; stop_name fastapi-b; stop_name flask-c; stop_name django-d; stop_name flask-e
sleep 1
up nginx && capwget nginx-authrequest-jwt-django nginx-502-app-stopped-wget.txt 502 proxy nginx "good JWT, Django stopped: nginx's 502" "wget -S -O-" -- --header="Authorization: Bearer $JGOOD" $NG/api/orders/42
up apache && capwin apache-basic-fastapi apache-503-app-stopped.txt 503 proxy apache "Basic passes, FastAPI stopped: Apache's 503" "curl -si pasted with CRLF" -- -si -u bo:bo-test-pass $AP/api/orders/42
up haproxy && cap haproxy-apikey-basic-flask haproxy-503-app-stopped.txt 503 load-balancer haproxy "a good key, Flask stopped: HAProxy's 503" "curl -sv" -- -sv -H 'X-API-Key: key-ana-7c1e' $HA/api/orders/42
up caddy && caphttp caddy-basicauth-django caddy-502-app-stopped-httpie.txt 502 proxy caddy "Basic passes, Django stopped: Caddy's empty 502" "HTTPie with colours" -- -v -a ana:ana-test-pass GET $CD/api/orders/42
up nginx && capraw nginx-authbasic-flask nginx-502-app-stopped-basic.txt 502 proxy nginx "Basic passes, Flask stopped: nginx's 502" "curl -si saved to a file (CRs kept)" -- -si -u bo:bo-test-pass $NB/api/orders/42
up nginx && cap nginx-authrequest-jwt-django nginx-401-notoken-app-stopped.txt 401 identity nginx "no token while Django is stopped: the check still answers first, nginx's 401" "curl -si" -- -si $NG/api/orders/42

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round62/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
