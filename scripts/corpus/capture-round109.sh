#!/usr/bin/env bash
# capture-round109.sh — build the hundred-and-ninth held-out evidence corpus
# in tests/fixtures/evidence-round109/.
#
# "The most common stacks, small and quick": six of the most common front +
# app pairings, each front configured as a team most often writes it (a
# plain reverse proxy, its stock error pages, a body or header limit, a 3 s
# upstream timeout, its own request id where configured). Per setup: the
# app's JSON 400/401/404/422, its 500 (JSON or the framework's page), a 200
# and a redirect, the front's 502 (app stopped) and 504 (app slow), and one
# refusal the front makes itself (nginx's 413, Caddy's 431). Front configs
# in scripts/corpus/conf-round109/ (round 97's, cut down), apps from
# scripts/corpus/apps108/ and apps109/ (plain HTTP/1.1 only):
#   - Django 5.2 on gunicorn (apps108/django_app.py) behind nginx 1.22;
#   - Express 4 (apps108/express_app.js) behind nginx 1.22;
#   - FastAPI on uvicorn (apps108/fastapi_app.py) behind nginx 1.22;
#   - Flask 3.1 on gunicorn (apps108/flask_app.py) behind Caddy 2.6;
#   - Express 4 (apps108/express_app.js, a second instance) behind Caddy 2.6;
#   - Sinatra on Puma (apps109/sinatra109.ru) behind nginx 1.22.
# Paste forms: curl -sv / curl -si transcripts (some saved with their CRs,
# some with CRLF on every line, some with only the `<` lines of -v kept,
# some cut off after the headers), HTTPie with colours, body-only and
# headers-only pastes.
#
#   scripts/corpus/capture-round109.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round109.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round109.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 60000-61999) and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper may run its own servers in
# its own range meanwhile: those are not looked at, and never stopped);
# every curl and HTTPie request runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round109.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round109"
RUN=/tmp/api-triage-corpus109-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round109"
APPS108="$HERE/apps108"
APPS109="$HERE/apps109"
NODE_DIR=${CORPUS_NODE109:-/tmp/api-triage-corpus109-node}
GO_DIR=/nonexistent-round109-go   # no Go app this round
VENV=${CORPUS_VENV109:-/tmp/api-triage-corpus109-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied, its scripts' #! lines name the old path)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4 flask==3.1.3 gunicorn==27.0.1 django==5.2.19 fastapi==0.165.0 uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus109 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(nginx caddy python3-venv nodejs puma ruby-sinatra)
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
install_venv() {  # HTTPie, Flask, Django, FastAPI, gunicorn, uvicorn (a copy of round 108's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie, flask, django, fastapi, gunicorn, uvicorn" 2>/dev/null && return 0
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GO_DIR/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round109.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
# The transcript shows `https` (TLS fronts) or, with HTTPIE_CMD=http, `http`.
caphttp() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    [[ -x $HTTPIE ]] || return 0
    cmdline "${HTTPIE_CMD:-https}" "$@" >"$dest"
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


# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS108 && -d $APPS109 && -d $HERE/apps83 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,gunicorn}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
for p in nginx caddy nodejs puma ruby-sinatra; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done
[[ -d $NODE_DIR/node_modules/express ]] || die "Express is missing from $NODE_DIR (copy round 108's node folder there)"

# apps: Django 60011, Express (behind nginx) 60012, FastAPI 60013, Flask
# 60014, Express (behind Caddy) 60015, Sinatra 60016. Fronts: nginx 60101
# (Django), 60102 (Express), 60103 (FastAPI), 60106 (Sinatra); Caddy 60104
# (Flask), 60105 (Express).
APP_PORTS=(60011 60012 60013 60014 60015 60016)
FRONT_PORTS=(60101 60102 60103 60104 60105 60106)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_bg django nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:60011 --workers 2 --chdir "$APPS108" --worker-tmp-dir "$RUN/gunicorn" django_app:application
start_bg express-nginx "${NODEENV[@]}" "$APPS108/express_app.js" 60012
start_bg fastapi nice -n 5 "$VPY" -m uvicorn --app-dir "$APPS108" --host 127.0.0.1 --port 60013 fastapi_app:app
start_bg flask nice -n 5 "$VPY" -m gunicorn \
    --bind 127.0.0.1:60014 --workers 2 --chdir "$APPS108" --worker-tmp-dir "$RUN/gunicorn" flask_app:app
start_bg express-caddy "${NODEENV[@]}" "$APPS108/express_app.js" 60015
start_bg sinatra env FLAG_DIR="$RUN/flags-wayfarer" DEP_DOWN=60098 DEP_HUNG=60097 nice -n 5 puma -e production -t 4:4 \
    -b tcp://127.0.0.1:60016 "$APPS109/sinatra109.ru"
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 60104 caddy && wait_port 60105 caddy && UP[caddy]=1

mkdir -p "$RUN"/nginx/tmp
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 60101 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 60000 || p > 61999) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 60000-61999: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 109 (held out): real responses captured by
# scripts/corpus/capture-round109.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-108:
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
NOEXP=(-H 'Expect:')   # no 100-continue for the big bodies: one status per transcript
BIGBODY=$(printf '{"ref":"XX-2001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")
BIGHDR="X-Debug-Trace: $(printf 't%.0s' $(seq 1 8000))"   # Go allows max_header_size + 4096 bytes of slack: 8 KB is over 2 KB + 4 KB

# ===================================================== nginx -> Django (gunicorn) ==
if up nginx; then
    log "capturing: Django behind nginx"
    S=django-gunicorn-nginx-r109
    H=api.fernhill.test:60101 U=http://api.fernhill.test:60101 R="--resolve api.fernhill.test:60101:127.0.0.1"
    cap $S django-200-order-nginx.txt 200 app django "order 1" "curl -sv" -- -sv $R $U/api/orders/1
    cap $S django-400-order-id-nginx.txt 400 app django "an order id that is not a number: the view's JSON 400" "curl -si" -- -si $R $U/api/orders/abc
    HTTPIE_CMD=http caphttp $S django-401-account-nginx-httpie.txt 401 app django "HTTPie, no token: the view's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60101/api/account Host:$H
    cap $S django-404-order9-nginx.txt 404 app django "order 9: the view's JSON 404" "curl -si" -- -si $R $U/api/orders/9
    capwin $S django-422-post-nginx.txt 422 app django "POST without ref: the view's JSON 422" "curl -si pasted with CRLF" -- -si $R -X POST "${JSONH[@]}" -d '{"total":2}' $U/api/orders
    cap $S django-500-boom-nginx.txt 500 app django "an uncaught error, DEBUG off: Django's HTML 'Server Error (500)', passed on" "" -- -sv $R $U/api/boom
    caplt $S django-301-docs-nginx.txt 301 app django "/api/docs: CommonMiddleware's APPEND_SLASH 301" "curl -sv, only the < lines kept" -- -sv $R $U/api/docs
    cap $S nginx-413-body-django.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's stock 413" "curl -si" -- -si $R -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $U/api/orders
    capraw $S nginx-504-slow-django.txt 504 proxy nginx "the view waits 5 s, proxy_read_timeout 3s: nginx's stock 504" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/slow
    capbody body-only-paste body-django-404-order9.txt 0/404 app django "the view's JSON 404 for order 9 (no number in it)" "" -- $R "$U/api/orders/9"
    caphead headers-only-paste head-django-200-order.txt 200 app django "curl -sI on order 1 (HEAD)" "" -- $R $U/api/orders/1
    log "stopping Django"
    stop_name django
    cap $S nginx-502-app-stopped-django.txt 502 proxy nginx "gunicorn stopped (connection refused): nginx's stock 502" "" -- -sv $R $U/api/orders/1
fi

# ===================================================== nginx -> Express ==
if up nginx; then
    log "capturing: Express behind nginx"
    S=express-nginx-r109
    H=api.corvid.test:60102 U=http://api.corvid.test:60102 R="--resolve api.corvid.test:60102:127.0.0.1"
    cap $S express-200-order-nginx.txt 200 app express "order 1; nginx's \$request_id sent upstream comes back as the app's X-Request-Id" "curl -sv" -- -sv $R $U/api/orders/1
    capwin $S express-400-order-id-nginx.txt 400 app express "an order id that is not a number: the handler's JSON 400" "curl -si pasted with CRLF" -- -si $R $U/api/orders/abc
    cap $S express-401-account-nginx.txt 401 app express "no token: the handler's JSON 401" "curl -si" -- -si $R $U/api/account
    capcut $S express-404-route-nginx.txt 404 app express "no route: Express's 'Cannot GET' HTML page, passed on" "curl -si, body cut off after the headers" -- -si $R $U/api/v2/orders
    HTTPIE_CMD=http caphttp $S express-422-post-nginx-httpie.txt 422 app express "HTTPie, POST without ref: the handler's JSON 422" "HTTPie with colours" -- -v POST http://127.0.0.1:60102/api/orders Host:$H total:=2
    cap $S express-500-boom-nginx.txt 500 app express "an uncaught error, NODE_ENV=production: finalhandler's HTML 'Internal Server Error', passed on" "curl -si" -- -si $R $U/api/boom
    cap $S express-302-latest-nginx.txt 302 app express "/api/latest: res.redirect's 302" "curl -si" -- -si $R $U/api/latest
    caplt $S nginx-413-body-express.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's stock 413" "curl -sv, only the < lines kept" -- -sv $R -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $U/api/orders
    cap $S nginx-504-slow-express.txt 504 proxy nginx "the handler waits 5 s, proxy_read_timeout 3s: nginx's stock 504" "" -- -sv $R $U/api/slow
    capbody body-only-paste body-express-422-post.txt 0/422 app express "the handler's JSON 422 (no number in it)" "" -- $R -X POST "${JSONH[@]}" -d '{"total":2}' "$U/api/orders"
    caphead headers-only-paste head-express-302-latest.txt 302 app express "curl -sI on /api/latest (HEAD): res.redirect's 302" "" -- $R $U/api/latest
    log "stopping Express (nginx)"
    stop_name express-nginx
    cap $S nginx-502-app-stopped-express.txt 502 proxy nginx "Express stopped (connection refused): nginx's stock 502" "curl -si" -- -si $R $U/api/orders/1
fi

# ===================================================== nginx -> FastAPI (uvicorn) ==
if up nginx; then
    log "capturing: FastAPI behind nginx"
    S=fastapi-uvicorn-nginx-r109
    H=api.quillon.test:60103 U=http://api.quillon.test:60103 R="--resolve api.quillon.test:60103:127.0.0.1"
    cap $S fastapi-200-order-nginx.txt 200 app fastapi "order 1; nginx's X-Request-ID on the answer" "curl -sv" -- -sv $R $U/api/orders/1
    cap $S fastapi-400-order-id-nginx.txt 400 app fastapi "an order id that is not a number: HTTPException's JSON 400 ({\"detail\": ...})" "curl -si" -- -si $R $U/api/orders/abc
    caplt $S fastapi-401-account-nginx.txt 401 app fastapi "no token: HTTPException's JSON 401 with WWW-Authenticate: Bearer" "curl -sv, only the < lines kept" -- -sv $R $U/api/account
    capraw $S fastapi-404-order9-nginx.txt 404 app fastapi "order 9: HTTPException's JSON 404" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/orders/9
    cap $S fastapi-422-post-nginx.txt 422 app fastapi "POST without ref: FastAPI's own validation 422" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"total":2}' $U/api/orders
    cap $S fastapi-500-boom-nginx.txt 500 app fastapi "an uncaught error: Starlette's text 'Internal Server Error', passed on" "" -- -sv $R $U/api/boom
    HTTPIE_CMD=http caphttp $S fastapi-307-latest-nginx-httpie.txt 307 app fastapi "HTTPie, /api/latest: RedirectResponse's 307" "HTTPie with colours" -- -v GET http://127.0.0.1:60103/api/latest Host:$H
    cap $S nginx-413-body-fastapi.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's stock 413 with nginx's X-Request-ID" "curl -si" -- -si $R -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $U/api/orders
    capwin $S nginx-504-slow-fastapi.txt 504 proxy nginx "the handler waits 5 s, proxy_read_timeout 3s: nginx's stock 504 with nginx's X-Request-ID" "curl -si pasted with CRLF" -- -si $R $U/api/slow
    capbody body-only-paste body-nginx-504-slow-fastapi.txt 504/504 proxy nginx "nginx's stock 504 page (<title>504 Gateway Time-out</title>)" "" -- $R "$U/api/slow?from=dashboard"
    capbody body-only-paste body-fastapi-401-account.txt 0/401 app fastapi "HTTPException's JSON 401 ({\"detail\":\"Not authenticated\"})" "" -- $R "$U/api/account"
    log "stopping FastAPI"
    stop_name fastapi
    cap $S nginx-502-app-stopped-fastapi.txt 502 proxy nginx "uvicorn stopped (connection refused): nginx's stock 502 with nginx's X-Request-ID" "curl -si" -- -si $R $U/api/orders/1
fi

# ===================================================== Caddy -> Flask (gunicorn) ==
if up caddy; then
    log "capturing: Flask behind Caddy"
    S=flask-gunicorn-caddy-r109
    H=api.larkspur.test:60104 U=http://api.larkspur.test:60104 R="--resolve api.larkspur.test:60104:127.0.0.1"
    cap $S flask-200-order-caddy.txt 200 app flask "order 1; Caddy's X-Request-ID, which the app also echoes" "curl -sv" -- -sv $R $U/api/orders/1
    cap $S flask-400-order-id-caddy.txt 400 app flask "an order id that is not a number: the handler's JSON 400" "curl -si" -- -si $R $U/api/orders/abc
    HTTPIE_CMD=http caphttp $S flask-401-account-caddy-httpie.txt 401 app flask "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:60104/api/account Host:$H
    cap $S flask-404-order9-caddy.txt 404 app flask "order 9: the handler's JSON 404" "curl -si" -- -si $R $U/api/orders/9
    caplt $S flask-422-post-caddy.txt 422 app flask "POST without ref: the handler's JSON 422" "curl -sv, only the < lines kept" -- -sv $R -X POST "${JSONH[@]}" -d '{"total":2}' $U/api/orders
    cap $S flask-500-boom-caddy.txt 500 app flask "an uncaught error: Werkzeug's HTML 500, passed on" "" -- -sv $R $U/api/boom
    capraw $S flask-308-docs-caddy.txt 308 app flask "/api/docs: Werkzeug's 308 to /api/docs/" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/docs
    cap $S caddy-431-header-flask.txt 431 proxy caddy "an 8 KB request header, servers max_header_size 2KB (Go allows 4 KB more): Go's 431 inside Caddy" "curl -si" -- -si $R -H "$BIGHDR" $U/api/orders/1
    cap $S caddy-504-slow-flask.txt 504 proxy caddy "the handler waits 5 s, response_header_timeout 3s: Caddy's empty 504" "" -- -sv $R $U/api/slow
    capbody body-only-paste body-flask-422-post.txt 0/422 app flask "the handler's JSON 422 (no number in it)" "" -- $R -X POST "${JSONH[@]}" -d '{"total":2}' "$U/api/orders"
    caphead headers-only-paste head-caddy-504-slow-flask.txt 504 proxy caddy "curl -sI on /api/slow: Caddy's 504" "" -- $R $U/api/slow
    log "stopping Flask"
    stop_name flask
    capwin $S caddy-502-app-stopped-flask.txt 502 proxy caddy "gunicorn stopped (connection refused): Caddy's empty 502" "curl -si pasted with CRLF" -- -si $R $U/api/orders/1
fi

# ===================================================== Caddy -> Express ==
if up caddy; then
    log "capturing: Express behind Caddy"
    S=express-caddy-r109
    H=api.corvid.test:60105 U=http://api.corvid.test:60105 R="--resolve api.corvid.test:60105:127.0.0.1"
    cap $S express-200-order-caddy.txt 200 app express "order 1; the app's own X-Request-Id (Caddy adds none)" "curl -sv" -- -sv $R $U/api/orders/1
    cap $S express-400-order-id-caddy.txt 400 app express "an order id that is not a number: the handler's JSON 400" "curl -si" -- -si $R $U/api/orders/abc
    capraw $S express-401-account-caddy.txt 401 app express "no token: the handler's JSON 401" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/account
    cap $S express-404-order9-caddy.txt 404 app express "order 9: the handler's JSON 404" "curl -si" -- -si $R $U/api/orders/9
    cap $S express-422-post-caddy.txt 422 app express "POST without ref: the handler's JSON 422" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"total":2}' $U/api/orders
    caplt $S express-500-boom-caddy.txt 500 app express "an uncaught error, NODE_ENV=production: finalhandler's HTML 500, passed on" "curl -sv, only the < lines kept" -- -sv $R $U/api/boom
    HTTPIE_CMD=http caphttp $S express-302-latest-caddy-httpie.txt 302 app express "HTTPie, /api/latest: res.redirect's 302" "HTTPie with colours" -- -v GET http://127.0.0.1:60105/api/latest Host:$H
    capwin $S caddy-431-header-express.txt 431 proxy caddy "an 8 KB request header, servers max_header_size 2KB (Go allows 4 KB more): Go's 431 inside Caddy" "curl -si pasted with CRLF" -- -si $R -H "$BIGHDR" $U/api/orders/1
    cap $S caddy-504-slow-express.txt 504 proxy caddy "the handler waits 5 s, response_header_timeout 3s: Caddy's empty 504" "" -- -sv $R $U/api/slow
    capbody body-only-paste body-caddy-431-header-express.txt 431/431 proxy caddy "Go's text '431 Request Header Fields Too Large'" "" -- $R -H "$BIGHDR" "$U/api/orders/1"
    log "stopping Express (Caddy)"
    stop_name express-caddy
    cap $S caddy-502-app-stopped-express.txt 502 proxy caddy "Express stopped (connection refused): Caddy's empty 502" "curl -si" -- -si $R $U/api/orders/1
fi

# ===================================================== nginx -> Sinatra (Puma) ==
if up nginx; then
    log "capturing: Sinatra behind nginx"
    S=sinatra-puma-nginx-r109
    H=api.wayfarer.test:60106 U=http://api.wayfarer.test:60106 R="--resolve api.wayfarer.test:60106:127.0.0.1"
    cap $S sinatra-200-shipment-nginx.txt 200 app sinatra "shipment 1; nginx's X-Request-ID on the answer" "curl -sv" -- -sv $R $U/api/shipments/1
    capraw $S sinatra-400-shipment-id-nginx.txt 400 app sinatra "a shipment id that is not a number: the handler's JSON 400" "curl -si saved to a file (CRs kept)" -- -si $R $U/api/shipments/abc
    HTTPIE_CMD=http caphttp $S sinatra-401-account-nginx-httpie.txt 401 app sinatra "HTTPie, no token: the handler's JSON 401 with WWW-Authenticate" "HTTPie with colours" -- -v GET http://127.0.0.1:60106/api/account Host:$H
    cap $S sinatra-404-shipment9-nginx.txt 404 app sinatra "shipment 9: the handler's JSON 404" "curl -si" -- -si $R $U/api/shipments/9
    cap $S sinatra-422-post-nginx.txt 422 app sinatra "POST with weight 0: the handler's JSON 422" "curl -si" -- -si $R -X POST "${JSONH[@]}" -d '{"carrier":"DHL","weight":0}' $U/api/shipments
    capwin $S sinatra-500-boom-nginx.txt 500 app sinatra "an uncaught error: Sinatra's '<h1>Internal Server Error</h1>', passed on" "curl -si pasted with CRLF" -- -si $R $U/api/boom
    caplt $S sinatra-302-latest-nginx.txt 302 app sinatra "/api/latest: Sinatra's redirect, 302" "curl -sv, only the < lines kept" -- -sv $R $U/api/latest
    cap $S nginx-413-body-sinatra.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's stock 413 with nginx's X-Request-ID" "" -- -sv $R -X POST "${JSONH[@]}" "${NOEXP[@]}" -d "$BIGBODY" $U/api/shipments
    cap $S nginx-504-slow-sinatra.txt 504 proxy nginx "the handler waits 5 s, proxy_read_timeout 3s: nginx's stock 504 with nginx's X-Request-ID" "curl -si" -- -si $R $U/api/slow
    capbody body-only-paste body-sinatra-400-shipment-id.txt 0/400 app sinatra "the handler's JSON 400 (no number in it)" "" -- $R "$U/api/shipments/abc"
    caphead headers-only-paste head-nginx-504-slow-sinatra.txt 504 proxy nginx "curl -sI on /api/slow: nginx's 504 with X-Request-ID" "" -- $R $U/api/slow
    log "stopping Sinatra"
    stop_name sinatra
    cap $S nginx-502-app-stopped-sinatra.txt 502 proxy nginx "Puma stopped (connection refused): nginx's stock 502 with nginx's X-Request-ID" "" -- -sv $R $U/api/shipments/1
    capbody body-only-paste body-nginx-502-app-stopped-sinatra.txt 502/502 proxy nginx "nginx's stock 502 page (<title>502 Bad Gateway</title>)" "" -- $R "$U/api/shipments/1?from=dashboard"
fi

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in caddy nginx; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round109/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
