#!/usr/bin/env bash
# capture-round35.sh — build the thirty-fifth held-out evidence corpus in
# tests/fixtures/evidence-round35/.
#
# Who refused it, a second look: token and key checks in front of an app
# versus the app's own auth, in new pairings. nginx auth_request to a Go
# check service (stock pages and JSON named locations) in front of FastAPI
# with OAuth2PasswordBearer, and nginx auth_basic in front of Rails
# (authenticate_or_request_with_http_token); Apache mod_auth_basic
# (AuthBasicProvider file, a JSON ErrorDocument 401) in front of Express with
# its own JWT middleware; HAProxy checking an X-Api-Key against a map file in
# front of Flask-HTTPAuth; Caddy forward_auth to a Node check service and
# basicauth in front of DRF TokenAuthentication; Varnish refusing requests
# without a known key in VCL in front of a Go API with its own bearer check.
# Credentials are real JWTs minted here with keys generated for the run,
# opaque tokens, API keys and Basic.
#
#   scripts/corpus/capture-round35.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round35.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round35.sh       # keep configs + logs in the runtime dir
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports
# 53000-53999) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round35.py; if a label's status is not the one on the
# wire the fixtures are left as they were.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round35"
RUN=/tmp/api-triage-corpus35
STAGE="$RUN/evidence"
CONF="$HERE/conf-round35"
APPS="$HERE/apps35"
VENV=${CORPUS_VENV35:-/tmp/api-triage-corpus35-venv}
NODE_DIR=${CORPUS_NODE35:-/tmp/api-triage-corpus35-node}
GODIR=${CORPUS_GO35:-/tmp/api-triage-corpus35-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv, the check service and the finish script
HTTPIE=/usr/bin/http
PYPI=(flask==3.1.3 Flask-HTTPAuth==4.8.1 python-multipart==0.0.34 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0 django==5.2.19 djangorestframework==3.18.3 PyJWT==2.15.1 cryptography==50.0.2)
NPM=(express@5.3.0 jsonwebtoken@9.0.3)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus35 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PACKAGES=(httpie wget python3-venv nodejs golang-go apache2 apache2-utils nginx haproxy caddy varnish ruby-rails puma openssl)
declare -A SKIPPED=()
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
install_packages() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
    ((${#missing[@]})) || return 0
    if [[ ${CORPUS_SKIP_INSTALL:-0} == 1 || $(id -u) != 0 ]]; then
        for p in "${missing[@]}"; do SKIPPED[$p]="not installed"; done
        return
    fi
    log "apt-get install ${missing[*]}"
    apt-get update -qq >"$RUN/logs/apt-update.log" 2>&1 || true
    DEBIAN_FRONTEND=noninteractive nice -n 15 timeout 900 apt-get install -y -q --no-install-recommends "${missing[@]}" \
        >"$RUN/logs/apt-install.log" 2>&1 || for p in "${missing[@]}"; do SKIPPED[$p]="apt-get install failed"; done
}
install_venv() {
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, flask_httpauth, multipart, fastapi, django, rest_framework, jwt, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 || SKIPPED[venv]="pip install failed"
}
install_npm() {
    [[ -e $NODE_DIR/node_modules/express/package.json && -e $NODE_DIR/node_modules/jsonwebtoken/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus35","private":true}' >"$NODE_DIR/package.json"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed"
}
build_go() {
    [[ -x $GODIR/go_app && $GODIR/go_app -nt $APPS/go_app.go ]] && return 0
    mkdir -p "$GODIR"
    log "go build"
    (cd "$APPS" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR" GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GODIR/go_app" go_app.go) >"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[go]="go build failed"
}
have() { [[ -z ${SKIPPED[$1]:-} ]] && installed "$1"; }

PIDS=()
start_bg() {
    local name=$1; shift
    (cd "$HERE" && exec "$@") >"$RUN/logs/$name.log" 2>&1 &
    PIDS+=($!)
    echo $! >"$RUN/pids/$name.pid"
}
ours() {
    local cmd
    [[ -r /proc/$1/cmdline ]] || return 1
    cmd=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GODIR/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
}
stop_pid() {
    local pid=$1 sig=${2:-TERM} i
    kill "-$sig" "$pid" 2>/dev/null || return 0
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
}
stop_all() {
    local i pid
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[$i]}"; done
    wait 2>/dev/null
    PIDS=()
    for pid in $(ls /proc | grep -E '^[0-9]+$'); do
        [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
        if ours "$pid"; then
            log "WARNING: pid $pid still running, stopping it: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
            stop_pid "$pid" KILL
        fi
    done
}
stop_stale() {
    local f pid
    for f in "$RUN"/pids/*.pid; do
        [[ -e $f ]] || continue
        pid=$(cat "$f")
        if [[ $pid =~ ^[0-9]+$ ]] && ours "$pid"; then log "stopping stale pid $pid"; stop_pid "$pid"; fi
    done
}
listening() { ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; }
wait_port() {
    local i
    for i in $(seq 1 "${3:-300}"); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    log "$2 did not open 127.0.0.1:$1; its log:"; tail -n 20 "$RUN/logs/$2.log" >&2
    return 1
}
sockets() { ss -ltunH 2>/dev/null | awk '{print $1, $5}' | sort -u; }
render() { local src=$1 dest=$2; shift 2; sed -e "s|@RUN@|$RUN|g" "$@" "$src" >"$dest"; }
up() { [[ -n ${UP[$1]:-} ]]; }

COUNT=0
MISMATCH=0
shquote() {
    if [[ $1 =~ ^[A-Za-z0-9_./:@=,+%-]+$ ]]; then printf '%s' "$1"
    else printf "'%s'" "${1//\'/\'\\\'\'}"; fi
}

# The command line as the paste shows it: "$ cmd ..." or, with PROMPT set,
# the engineer's whole prompt ("deploy@web-01:~$ cmd ...").
cmdline() { local a; printf '%s' "${PROMPT:-\$}"; for a in "$@"; do printf ' %s' "$(shquote "$a")"; done; printf '\n'; }

in_work() { (cd "$RUN/work" && HOME="$RUN/work" CURL_HOME="$RUN/work" XDG_CONFIG_HOME="$RUN/work" \
    HTTPIE_CONFIG_DIR="$RUN/work/httpie" "$@"); }

# in_tty CMD...: run as an engineer's terminal does (a pseudo-terminal from
# `script`, so curl shows no progress meter and stdout/stderr interleave as
# on screen); the CRs the terminal adds are dropped, as copying does.
in_tty() {
    local cmd
    cmd=$(printf '%q ' "$@")
    in_work timeout 20 script -qec "$cmd" /dev/null </dev/null | tr -d '\r'
}

# finish FORM DEST SETUP STATUS LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]
# TRAIL (when set) is the engineer's own comment, pasted under the response.
finish() {
    local form=$1; shift
    if ! FINISH_FORM=$form FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round35.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
        MISMATCH=$((MISMATCH + 1))
    fi
    if [[ -n ${TRAIL:-} ]]; then
        [[ -s $1 && -n $(tail -c 1 "$1") ]] && printf '\n' >>"$1"
        printf '%s\n' "$TRAIL" >>"$1"
    fi
    COUNT=$((COUNT + 1))
}

curl_form() {  # v when the curl arguments ask for -v, else i
    local a
    for a in "$@"; do [[ $a =~ ^-[a-zA-Z]*v[a-zA-Z]*$ || $a == --verbose ]] && { echo v; return; }; done
    echo i
}

# cap SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# `curl -sv` / `curl -si` / `curl -s -D-`, stdout and stderr to the paste.
cap() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl "$@" >"$dest"
    in_work timeout 20 curl "$@" >>"$dest" 2>&1
    finish "$(curl_form "$@")" "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}
capraw() { KEEP_CR=1 cap "$@"; }           # kept as curl wrote it: header lines keep their CR
capwin() { local file=$2; cap "$@"; sed -i 's/\r*$/\r/' "$STAGE/$file"; }  # pasted with CRLF

# captty SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# curl run in a terminal: `curl -v URL` (no -s needed), `curl --trace-ascii - URL`.
captty() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7 form a
    shift 8
    local dest="$STAGE/$file"
    form=$(curl_form "$@")
    for a in "$@"; do [[ $a == --trace-ascii ]] && form=trace; done
    cmdline curl "$@" >"$dest"
    in_tty curl "$@" >>"$dest"
    finish "$form" "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}

# capbody SETUP FILE SHOWN/WIRE LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# A body-only paste: `curl -s URL`. SHOWN is the status the body itself shows
# (0 when it shows no number), WIRE the one really sent.
capbody() {
    local setup=$1 file=$2 shown=${3%/*} wire=${3#*/} layer=$4 product=$5 scenario=$6 note=$7 got
    shift 8
    local dest="$STAGE/$file"
    cmdline curl -s "$@" >"$dest"
    rm -f "$RUN/work/last-headers"
    in_work timeout 20 curl -s -D "$RUN/work/last-headers" "$@" >>"$dest" 2>/dev/null
    got=$(awk '/^HTTP\// {s=$2} END {print s+0}' "$RUN/work/last-headers" 2>/dev/null)
    if [[ $got != "$wire" ]]; then
        log "MISMATCH $file: expected wire status $wire, got $got"; MISMATCH=$((MISMATCH + 1))
    fi
    finish body "$dest" "$setup" "$shown" "$layer" "$product" "$scenario" "$note" body-only "$got"
}

# caphead SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- CURL-ARGS...
# A headers-only paste (`curl -sI`, a HEAD request, as engineers send it).
caphead() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    cmdline curl -sI "$@" >"$dest"
    in_work timeout 20 curl -sI "$@" >>"$dest" 2>&1
    finish i "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only "$status"
}

# caphttp SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- HTTPIE-ARGS...
# HTTPie with colours forced on (HTTPIE_PLAIN=1: without colours, as when its
# output goes to a file). HTTPIE_HEADERS=1 marks a --headers paste
# (headers-only).
caphttp() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file" pretty=(--pretty=all --style=monokai)
    have httpie || return 0
    [[ ${HTTPIE_PLAIN:-0} == 1 ]] && pretty=()
    cmdline http "$@" >"$dest"
    in_work timeout 20 "$HTTPIE" --ignore-stdin "${pretty[@]}" --timeout=10 "$@" >>"$dest" 2>&1
    if [[ ${HTTPIE_HEADERS:-0} == 1 ]]; then
        finish httpie "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note" headers-only "$status"
    else
        finish httpie "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
    fi
}

# capwget SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- WGET-ARGS...
# wget as typed (`wget -S -O /dev/null URL`, `wget --server-response URL`,
# `wget -S -O- URL`): its progress lines and the server's headers (indented),
# run in the work directory (a file it saves lands there). One try, 10 s.
capwget() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local dest="$STAGE/$file"
    have wget || return 0
    cmdline wget "$@" >"$dest"
    in_work timeout 20 wget --tries=1 --timeout=10 "$@" >>"$dest" 2>&1
    finish wget "$dest" "$setup" "$status" "$layer" "$product" "$scenario" "$note"
}


# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS ]] || die "missing $CONF or $APPS"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,keys}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_npm
build_go
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "Express/jsonwebtoken are missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/go_app ]] || die "the Go app did not build"

PORTS=(53010 53020 53030 53040 53050 53060 53070 53080 53100 53101 53200 53400 53500 53501 53600)
for p in "${PORTS[@]}"; do listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"; done
BEFORE=$(sockets)


# ---- keys and credentials, made for this run ---------------------------------
K=$RUN/keys
for k in rs-orders rs-old; do
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$K/$k.pem" 2>/dev/null
    openssl pkey -in "$K/$k.pem" -pubout -out "$K/$k.pub" 2>/dev/null
done
chmod 644 "$K"/*
"$VENV/bin/python" "$APPS/mint.py" "$K" >"$K/tokens.sh" || die "minting tokens failed"
# shellcheck disable=SC1091
. "$K/tokens.sh"
b() { printf 'Authorization: Bearer %s' "$1"; }
DRF_MOBILE=9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b
DRF_BACKOFFICE=c1a6f0e8d27b4935ae10f4c2b8d7e6a3f9051b2d
WH_KEY=ak_wh_live_0c8e5f2a9d1b7364
WH_RO_KEY=ak_wh_ro_4e71b9c03a2d
VK_KEY=vk_live_6a0e93c4d1f8b275

# ---- apps and auth services ------------------------------------------------------
declare -A UP=()
export KEYDIR=$K
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 1 --timeout 30)
start_bg flask "${GUNICORN[@]}" -b 127.0.0.1:53010 flask_app:app
start_bg drf "${GUNICORN[@]}" -b 127.0.0.1:53060 drf_app:application
start_bg fastapi "${GUNICORN[@]}" -k uvicorn.workers.UvicornWorker -b 127.0.0.1:53070 fastapi_app:app
start_bg express env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_app.js" 53040
start_bg authsvc env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/authsvc.js" 53030
start_bg gocheck "$GODIR/go_app" check 53020
start_bg goapp "$GODIR/go_app" app 53050
start_bg rails env RAILS_ENV=production HOME="$RUN/work" nice -n 5 puma -e production --dir "$APPS" \
    -b tcp://127.0.0.1:53080 -t 1:2 "$APPS/rails_app.ru"
for pn in 53010:flask 53060:drf 53070:fastapi 53040:express 53030:authsvc 53020:gocheck 53050:goapp 53080:rails; do
    wait_port "${pn%%:*}" "${pn#*:}" 900 && UP[${pn#*:}]=1   # Rails can take a while to boot on a busy box
done
for a in flask drf fastapi express authsvc gocheck goapp rails; do
    up "$a" || die "$a did not start (a port taken by another program? run again)"
done

# ---- fronts -------------------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    htpasswd -cbm "$RUN/nginx/htpasswd" dispatch 'Dispatch-2026!' >/dev/null 2>&1
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 53100 nginx && wait_port 53101 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    HASH=$(timeout 20 caddy hash-password --plaintext 'B4ckoffice-pw' 2>/dev/null | tail -n 1)
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s#@HASH@#$HASH#"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 53200 caddy && UP[caddy]=1
fi
if have apache2; then
    mkdir -p "$RUN"/apache/errors
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    cp "$CONF/errors/401.json" "$RUN/apache/errors/"
    htpasswd -cbB "$RUN/apache/htpasswd" shop-ops 'ops-Shop-2026' >/dev/null 2>&1
    htpasswd -bB "$RUN/apache/htpasswd" shop-root 'root-Shop-2026' >/dev/null 2>&1
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 53400 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    printf '%s warehouse-sync\n%s ro:dashboard\n' "$WH_KEY" "$WH_RO_KEY" >"$RUN/haproxy/api-keys.map"
    if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
        start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
        wait_port 53500 haproxy && wait_port 53501 haproxy && UP[haproxy]=1
    else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:53600 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 53600 varnish && UP[varnish]=1
fi
sleep 0.5
AFTER=$(sockets)
while read -r proto addr; do
    [[ -z $addr ]] && continue
    grep -qxF "$proto $addr" <<<"$BEFORE" && continue
    [[ $addr == 127.0.0.1:* ]] || die "a server listens outside 127.0.0.1: $proto $addr"
done <<<"$AFTER"

NX=http://127.0.0.1:53100; NX2=http://127.0.0.1:53101
CD=http://127.0.0.1:53200; AP=http://127.0.0.1:53400
HP=http://127.0.0.1:53500; HP2=http://127.0.0.1:53501
VN=http://127.0.0.1:53600
FL=http://127.0.0.1:53010; EX=http://127.0.0.1:53040; GO=http://127.0.0.1:53050
DR=http://127.0.0.1:53060; FA=http://127.0.0.1:53070; RL=http://127.0.0.1:53080
JSONH=(-H 'Content-Type: application/json')
H2=(--http2-prior-knowledge)
log "up: ${!UP[*]}"

# ============================================ nginx auth_request + FastAPI ==
if up nginx; then
    S=nginx-authrequest-fastapi
    cap $S nginx-401-authreq-no-token.txt 401 identity nginx "auth_request, no Authorization: the Go check says 401, nginx's stock 401 page" "WWW-Authenticate from the check service, passed on by nginx" -- -sv $NX/api/invoices
    cap $S nginx-401-authreq-expired.txt 401 identity nginx "an HS256 JWT that expired an hour ago" "error_description=\"token expired\" in WWW-Authenticate" -- -sv -H "$(b "$TOK_HS_EXPIRED")" $NX/api/invoices
    cap $S nginx-401-authreq-bad-signature.txt 401 identity nginx "a JWT signed with the dev secret" "curl -si" -- -si -H "$(b "$TOK_HS_BADSIG")" $NX/api/invoices
    caphttp $S nginx-401-authreq-rs256-httpie.txt 401 identity nginx "an RS256 token from the shop IdP sent to the billing API (HS256 expected)" "HTTPie with colours" -- -v GET $NX/api/invoices "Authorization:Bearer $TOK_RS_GOOD"
    cap $S nginx-403-authreq-readonly-post.txt 403 identity nginx "POST with an orders:read token: the check says 403, nginx's stock 403 page" "" -- -sv -X POST -H "$(b "$TOK_HS_RO")" $NX/api/invoices
    cap $S nginx-401-authreq-h2c.txt 401 identity nginx "HTTP/2, no token" "h2c with prior knowledge" -- -sv "${H2[@]}" $NX2/api/invoices
    capwin $S nginx-403-authreq-h2c-crlf.txt 403 identity nginx "HTTP/2, POST with a read-only token" "curl -si pasted with CRLF" -- -si "${H2[@]}" -X POST -H "$(b "$TOK_HS_RO")" $NX2/api/invoices
    cap $S nginx-401-json-named.txt 401 identity nginx "/v2/: the check's 401 turned into nginx's own JSON named location" "add_header WWW-Authenticate in the named location" -- -sv -H "$(b "$TOK_HS_EXPIRED")" $NX/v2/invoices
    capwin $S nginx-403-json-named-crlf.txt 403 identity nginx "/v2/: the JSON named location for 403" "curl -si pasted with CRLF" -- -si -X POST -H "$(b "$TOK_HS_RO")" $NX/v2/invoices
    capwget $S nginx-401-authreq-wget.txt 401 identity nginx "wget with an expired token" "wget -S -O-" -- -S -O- --content-on-error --header "$(b "$TOK_HS_EXPIRED")" $NX/api/invoices
    cap $S fastapi-200-behind-authreq.txt 200 app fastapi "a good token: FastAPI's answer through nginx" "curl -si" -- -si -H "$(b "$TOK_HS_GOOD")" $NX/api/invoices
    cap $S fastapi-404-behind-authreq.txt 404 app fastapi "a good token, unknown invoice: FastAPI's 404" "" -- -sv -H "$(b "$TOK_HS_GOOD")" $NX/api/invoices/inv_0000
    cap $S fastapi-200-post-behind-authreq.txt 200 app fastapi "POST with orders:write passes both checks" "" -- -sv -X POST -H "$(b "$TOK_HS_GOOD")" $NX/api/invoices
    cap $S fastapi-400-token-endpoint.txt 400 app fastapi "the /token endpoint (unchecked by nginx), wrong password" "form POST" -- -sv -d 'username=t.berg&password=hunter2' $NX/token
    cap $S fastapi-404-behind-authreq-h2c.txt 404 app fastapi "HTTP/2 through nginx, a good token, unknown invoice" "h2c" -- -sv "${H2[@]}" -H "$(b "$TOK_HS_GOOD")" $NX2/api/invoices/inv_9
fi
if up fastapi; then
    S=fastapi-own-oauth2
    cap $S fastapi-401-not-authenticated.txt 401 app fastapi "FastAPI direct, no token: OAuth2PasswordBearer's 401" "WWW-Authenticate: Bearer" -- -sv $FA/api/invoices
    cap $S fastapi-401-expired.txt 401 app fastapi "an expired token: 'Could not validate credentials'" "curl -si" -- -si -H "$(b "$TOK_HS_EXPIRED")" $FA/api/invoices
    caphttp $S fastapi-401-bad-signature-httpie.txt 401 app fastapi "a token signed with the dev secret" "HTTPie with colours" -- -v GET $FA/api/invoices "Authorization:Bearer $TOK_HS_BADSIG"
    cap $S fastapi-403-readonly-post.txt 403 app fastapi "POST with orders:read only: 'Not enough permissions'" "no WWW-Authenticate" -- -sv -X POST -H "$(b "$TOK_HS_RO")" $FA/api/invoices
    capraw $S fastapi-401-basic-sent.txt 401 app fastapi "Basic credentials sent to the bearer API" "curl -si saved to a file (CRs kept)" -- -si -u t.berg:Winter2026 $FA/api/invoices
    capwget $S fastapi-401-wget.txt 401 app fastapi "wget, no token" "wget -S -O-" -- -S -O- --content-on-error $FA/api/invoices
fi

# ================================================ nginx auth_basic + Rails ==
if up nginx && up rails; then
    S=nginx-authbasic-rails
    cap $S nginx-401-authbasic-none.txt 401 identity nginx "/ops/ behind auth_basic, no credentials" "nginx's stock 401 page, Basic realm" -- -sv $NX/ops/shipments
    cap $S nginx-401-authbasic-wrong.txt 401 identity nginx "/ops/, wrong password" "curl -si" -- -si -u dispatch:dispatch2025 $NX/ops/shipments
    caphttp $S nginx-401-authbasic-httpie.txt 401 identity nginx "HTTPie -a with a wrong password" "HTTPie with colours" -- -v -a dispatch:letmein GET $NX/ops/shipments
    cap $S nginx-401-authbasic-h2c.txt 401 identity nginx "HTTP/2, /ops/ with no credentials" "h2c" -- -sv "${H2[@]}" $NX2/ops/shipments
    capwget $S nginx-401-authbasic-wget.txt 401 identity nginx "wget on /ops/, no credentials" "wget -S -O-" -- -S -O- --content-on-error $NX/ops/shipments
    cap $S rails-401-behind-authbasic.txt 401 app rails "right Basic credentials: nginx lets it through, Rails wants a Token and says 'HTTP Token: Access denied.'" "Rails' WWW-Authenticate: Token realm=\"Application\"" -- -sv -u 'dispatch:Dispatch-2026!' $NX/ops/shipments
    cap $S rails-401-no-token.txt 401 app rails "/rails/ (no check in front), no token" "" -- -sv $NX/rails/shipments
    capraw $S rails-401-wrong-token.txt 401 app rails "/rails/, an unknown token" "curl -si saved to a file (CRs kept)" -- -si -H 'Authorization: Token token="shp_live_Zx0000revoked"' $NX/rails/shipments
    cap $S rails-200-token.txt 200 app rails "/rails/, a good token" "curl -si" -- -si -H 'Authorization: Bearer shp_live_Q8vN2xR7kLm4pT9w' $NX/rails/shipments
    caphttp $S rails-403-reporting-post-httpie.txt 403 app rails "POST with the reporting token: the controller's JSON 403" "HTTPie with colours" -- -v POST $NX/rails/shipments "Authorization:Token shp_live_ro_H3jK8sD1"
    cap $S rails-404-token.txt 404 app rails "a good token, unknown shipment" "" -- -sv -H 'Authorization: Token shp_live_Q8vN2xR7kLm4pT9w' $NX/rails/shipments/shp_0001
    capwin $S rails-401-direct-crlf.txt 401 app rails "Puma direct, no token" "curl -si pasted with CRLF" -- -si $RL/rails/shipments
fi

# =========================================== Apache Basic + Express (JWT) ==
if up apache; then
    S=apache-basic-express
    cap $S apache-401-basic-none-json.txt 401 identity apache "/admin/ behind AuthBasicProvider file, no credentials: the JSON ErrorDocument" "WWW-Authenticate: Basic realm=\"Shop admin\"" -- -sv $AP/admin/stats
    cap $S apache-401-basic-wrong.txt 401 identity apache "/admin/, wrong password" "curl -si" -- -si -u shop-ops:ops-shop-2025 $AP/admin/stats
    capwin $S apache-401-require-user-crlf.txt 401 identity apache "/admin/reindex wants shop-root; shop-ops with the right password" "curl -si pasted with CRLF" -- -si -X POST -u shop-ops:ops-Shop-2026 $AP/admin/reindex
    caphttp $S apache-401-basic-httpie.txt 401 identity apache "HTTPie, no credentials" "HTTPie with colours" -- -v GET $AP/admin/stats
    capraw $S apache-401-bearer-on-basic.txt 401 identity apache "a bearer JWT sent to the Basic-protected /admin/" "curl -si saved to a file (CRs kept)" -- -si -H "$(b "$TOK_RS_GOOD")" $AP/admin/stats
    capwget $S apache-401-basic-wget.txt 401 identity apache "wget on /admin/, no credentials" "wget -S -O-" -- -S -O- --content-on-error $AP/admin/stats
    cap $S express-200-behind-basic.txt 200 app express "right Basic credentials: Express's answer through Apache" "curl -si" -- -si -u shop-ops:ops-Shop-2026 $AP/admin/stats
    cap $S express-403-behind-basic.txt 403 app express "shop-root passes Apache; Express refuses the reindex itself" "" -- -sv -X POST -u shop-root:root-Shop-2026 $AP/admin/reindex
    cap $S express-401-no-token.txt 401 app express "/api/ (Apache does not check it), no token: Express's JWT middleware" "WWW-Authenticate: Bearer from Express" -- -sv $AP/api/orders
    cap $S express-401-expired.txt 401 app express "an expired RS256 token: 'jwt expired'" "curl -si" -- -si -H "$(b "$TOK_RS_EXPIRED")" $AP/api/orders
    caphttp $S express-401-bad-signature-httpie.txt 401 app express "a token signed with the retired key: 'invalid signature'" "HTTPie with colours" -- -v GET $AP/api/orders "Authorization:Bearer $TOK_RS_BADSIG"
    cap $S express-403-readonly-post.txt 403 app express "POST with orders:read only: Express's 403" "" -- -sv -X POST "${JSONH[@]}" -d '{"sku":"WH-2291","qty":1}' -H "$(b "$TOK_RS_RO")" $AP/api/orders
    capwin $S express-401-wrong-audience-crlf.txt 401 app express "a token for admin-api: 'jwt audience invalid'" "curl -si pasted with CRLF" -- -si -H "$(b "$TOK_RS_WRONGAUD")" $AP/api/orders
    cap $S express-200-good-token.txt 200 app express "a good token through Apache" "curl -si" -- -si -H "$(b "$TOK_RS_GOOD")" $AP/api/orders
fi
if up express; then
    S=express-own-jwt
    cap $S express-401-direct-none.txt 401 app express "Express direct, no token" "" -- -sv $EX/api/orders
    cap $S express-401-direct-malformed.txt 401 app express "Express direct, a token cut short when pasted: 'jwt malformed'" "curl -si" -- -si -H "Authorization: Bearer ${TOK_RS_GOOD%%.*}" $EX/api/orders
    cap $S express-404-direct.txt 404 app express "a good token, unknown order" "" -- -sv -H "$(b "$TOK_RS_GOOD")" $EX/api/orders/ord_0001
fi

# ================================================== HAProxy API key + Flask ==
if up haproxy; then
    S=haproxy-apikey-flask
    cap $S haproxy-401-no-key.txt 401 identity haproxy "no X-Api-Key: HAProxy's http-request return JSON" "WWW-Authenticate: ApiKey" -- -sv $HP/api/stock
    cap $S haproxy-403-unknown-key.txt 403 identity haproxy "an X-Api-Key not in the map: JSON 403 from http-request return" "curl -si" -- -si -H 'X-Api-Key: ak_wh_live_0c8e5f2a9d1b0000' $HP/api/stock
    cap $S haproxy-403-readonly-key-deny.txt 403 identity haproxy "a read-only key on a POST: deny with the stock 403 page" "" -- -sv -X POST -H "X-Api-Key: $WH_RO_KEY" -H 'Authorization: Bearer tkn_ro_55e2a1b09c' $HP/api/stock
    caphttp $S haproxy-401-no-key-httpie.txt 401 identity haproxy "HTTPie with only a bearer token, no key" "HTTPie with colours" -- -v GET $HP/api/stock "Authorization:Bearer tkn_7d1f0c9a8b3e4f21a6c5"
    cap $S haproxy-401-no-key-h2c.txt 401 identity haproxy "HTTP/2, no key" "h2c" -- -sv "${H2[@]}" $HP2/api/stock
    capwin $S haproxy-403-unknown-key-h2c-crlf.txt 403 identity haproxy "HTTP/2, an unknown key" "curl -si pasted with CRLF" -- -si "${H2[@]}" -H 'X-Api-Key: pk_test_51Hx' $HP2/api/stock
    capwget $S haproxy-401-no-key-wget.txt 401 identity haproxy "wget, no key" "wget -S -O-" -- -S -O- --content-on-error $HP/api/stock
    cap $S flask-401-behind-key.txt 401 app flask "a valid key, no bearer: Flask-HTTPAuth's 'Unauthorized Access'" "WWW-Authenticate: Bearer realm=\"Authentication Required\"" -- -sv -H "X-Api-Key: $WH_KEY" $HP/api/stock
    capraw $S flask-401-wrong-bearer.txt 401 app flask "a valid key, an unknown bearer token" "curl -si saved to a file (CRs kept)" -- -si -H "X-Api-Key: $WH_KEY" -H 'Authorization: Bearer tkn_7d1f0c9a8b3e4f21ffff' $HP/api/stock
    cap $S flask-200-behind-key.txt 200 app flask "a valid key and a good token" "curl -si" -- -si -H "X-Api-Key: $WH_KEY" -H 'Authorization: Bearer tkn_7d1f0c9a8b3e4f21a6c5' $HP/api/stock
    caphttp $S flask-404-behind-key-httpie.txt 404 app flask "a valid key and token, unknown SKU" "HTTPie with colours" -- -v GET $HP/api/stock/WH-0000 "X-Api-Key:$WH_KEY" "Authorization:Bearer tkn_7d1f0c9a8b3e4f21a6c5"
    cap $S flask-401-admin-basic.txt 401 app flask "/admin/ (HAProxy does not check it), no credentials: Flask-HTTPAuth's Basic 401" "" -- -sv $HP/admin/jobs
    cap $S flask-403-admin-role.txt 403 app flask "/admin/rebuild as viewer: Flask-HTTPAuth's role check" "curl -si" -- -si -X POST -u viewer:view-only-pw $HP/admin/rebuild
    capwin $S flask-200-admin-crlf.txt 200 app flask "/admin/jobs as ops" "curl -si pasted with CRLF" -- -si -u ops:ops-flask-pw $HP/admin/jobs
    cap $S flask-401-behind-key-h2c.txt 401 app flask "HTTP/2, a valid key, no bearer" "h2c" -- -sv "${H2[@]}" -H "X-Api-Key: $WH_KEY" $HP2/api/stock
fi

# ========================================= Caddy forward_auth/basicauth + DRF ==
if up caddy; then
    S=caddy-forwardauth-drf
    cap $S authsvc-401-no-credentials.txt 401 identity node "forward_auth, no credentials: the Node service's JSON 401 copied back by Caddy" "" -- -sv $CD/api/customers/
    cap $S authsvc-401-unknown-token.txt 401 identity node "an unknown DRF-style token" "curl -si" -- -si -H 'Authorization: Token 0000b09199c62bcf9418ad846dd0e4bbdfc60000' $CD/api/customers/
    cap $S authsvc-403-partner-write.txt 403 identity node "a partner key on a POST: the service's 403" "" -- -sv -X POST -H 'X-Api-Key: ak_prod_3f9c2e71b8d04a56' $CD/api/customers/
    caphttp $S authsvc-401-unknown-key-httpie.txt 401 identity node "an unknown partner key" "HTTPie with colours" -- -v GET $CD/api/customers/ "X-Api-Key:ak_test_11aa22bb33cc"
    cap $S authsvc-401-h2c.txt 401 identity node "HTTP/2, a Bearer JWT where a Token is expected" "h2c" -- -sv "${H2[@]}" -H "$(b "$TOK_HS_GOOD")" $CD/api/customers/
    capwget $S authsvc-401-wget.txt 401 identity node "wget, no credentials" "wget -S -O-" -- -S -O- --content-on-error $CD/api/customers/
    cap $S caddy-401-basicauth-none.txt 401 identity caddy "/admin/* behind basicauth, no credentials" "" -- -sv $CD/admin/customers/
    capraw $S caddy-401-basicauth-wrong.txt 401 identity caddy "/admin/*, wrong password" "curl -si saved to a file (CRs kept)" -- -si -u backoffice:Backoffice-pw $CD/admin/customers/
    cap $S drf-401-behind-basicauth.txt 401 app django-rest-framework "right Basic credentials pass Caddy; DRF's TokenAuthentication sees no Token" "'Authentication credentials were not provided.', WWW-Authenticate: Token" -- -sv -u backoffice:B4ckoffice-pw $CD/admin/customers/
    cap $S drf-200-behind-forwardauth.txt 200 app django-rest-framework "a known token passes both" "curl -si" -- -si -H "Authorization: Token $DRF_MOBILE" $CD/api/customers/
    cap $S drf-404-behind-forwardauth.txt 404 app django-rest-framework "a known token, unknown customer" "" -- -sv -H "Authorization: Token $DRF_MOBILE" $CD/api/customers/99/
    caphttp $S drf-403-purge-httpie.txt 403 app django-rest-framework "a non-staff token on the purge endpoint: IsAdminUser" "HTTPie with colours" -- -v DELETE $CD/api/customers/purge/ "Authorization:Token $DRF_MOBILE"
    cap $S drf-401-partner-key.txt 401 app django-rest-framework "a partner key passes forward_auth, but DRF wants a Token" "" -- -sv -H 'X-Api-Key: ak_prod_3f9c2e71b8d04a56' $CD/api/customers/
fi
if up drf; then
    S=drf-own-token
    capwin $S drf-401-invalid-token-direct-crlf.txt 401 app django-rest-framework "DRF direct: 'Invalid token.'" "curl -si pasted with CRLF" -- -si -H 'Authorization: Token 0000b09199c62bcf9418ad846dd0e4bbdfc60000' $DR/api/customers/
    cap $S drf-401-empty-token-direct.txt 401 app django-rest-framework "'Authorization: Token' with no key" "curl -si" -- -si -H 'Authorization: Token' $DR/api/customers/
    cap $S drf-403-purge-direct.txt 403 app django-rest-framework "a non-staff token on purge, direct" "" -- -sv -H "Authorization: Token $DRF_MOBILE" $DR/api/customers/purge/
fi

# ============================================= Varnish key check + Go app ==
if up varnish; then
    S=varnish-key-go
    cap $S varnish-401-no-key.txt 401 identity varnish "no X-Api-Key: vcl_recv's synth 401 with a JSON body" "" -- -sv $VN/inventory/items
    cap $S varnish-403-unknown-key.txt 403 identity varnish "an unknown key: synth 403 with Varnish's stock guru page" "curl -si" -- -si -H 'X-Api-Key: vk_test_000000000000' $VN/inventory/items
    caphttp $S varnish-401-no-key-httpie.txt 401 identity varnish "HTTPie with a bearer token but no key" "HTTPie with colours" -- -v GET $VN/inventory/items "Authorization:Bearer inv_sk_live_51Hx9QeT7bN2"
    capwin $S varnish-403-unknown-key-crlf.txt 403 identity varnish "a staging key sent to production" "curl -si pasted with CRLF" -- -si -H 'X-Api-Key: vk_stg_9f3b0c2e' $VN/inventory/items
    capwget $S varnish-403-unknown-key-wget.txt 403 identity varnish "wget with a key from an old runbook" "wget -S -O-" -- -S -O- --content-on-error --header 'X-Api-Key: vk_live_00aa11bb22cc33dd' $VN/inventory/items
    cap $S go-401-behind-varnish.txt 401 app go-net-http "a valid key, no bearer: the Go app's http.Error 401" "" -- -sv -H "X-Api-Key: $VK_KEY" $VN/inventory/items
    capraw $S go-401-invalid-behind-varnish.txt 401 app go-net-http "a valid key, an unknown bearer" "curl -si saved to a file (CRs kept)" -- -si -H "X-Api-Key: $VK_KEY" -H 'Authorization: Bearer inv_sk_live_51Hx9Qe00000' $VN/inventory/items
    cap $S go-403-behind-varnish.txt 403 app go-net-http "a viewer token on a POST" "curl -si" -- -si -X POST -H "X-Api-Key: $VK_KEY" -H 'Authorization: Bearer inv_sk_live_ro_77Yt3mW' $VN/inventory/items
    cap $S go-200-behind-varnish.txt 200 app go-net-http "a valid key and token: passed, not cached" "" -- -sv -H "X-Api-Key: $VK_KEY" -H 'Authorization: Bearer inv_sk_live_51Hx9QeT7bN2' $VN/inventory/items
    caphttp $S go-404-behind-varnish-httpie.txt 404 app go-net-http "a valid key and token, unknown path: the app's JSON 404" "HTTPie with colours" -- -v GET $VN/inventory/bins/Z9 "X-Api-Key:$VK_KEY" "Authorization:Bearer inv_sk_live_51Hx9QeT7bN2"
fi
if up goapp; then
    S=go-own-bearer
    cap $S go-401-direct-none.txt 401 app go-net-http "the Go app direct, no token" "" -- -sv $GO/inventory/items
    cap $S go-401-direct-invalid.txt 401 app go-net-http "the Go app direct, a JWT where an opaque key is expected" "curl -si" -- -si -H "$(b "$TOK_HS_GOOD")" $GO/inventory/items
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-401-authreq.txt 401/401 identity nginx "nginx's stock 401 page after auth_request" "'401 Authorization Required'" -- $NX/api/invoices
up nginx && capbody $S body-nginx-401-json-named.txt 401/401 identity nginx "the /v2/ JSON 401 named location" "\"code\":401 in the body" -- $NX/v2/invoices
up apache && capbody $S body-apache-401-json-errordoc.txt 0/401 identity apache "Apache's JSON ErrorDocument 401" "no number" -- $AP/admin/stats
up haproxy && capbody $S body-haproxy-401-json.txt 0/401 identity haproxy "HAProxy's JSON for a missing key" "no number" -- $HP/api/stock
up caddy && capbody $S body-authsvc-401.txt 0/401 identity node "the Node service's JSON through forward_auth" "no number" -- -H 'Authorization: Token abc' $CD/api/customers/
up varnish && capbody $S body-varnish-403-guru.txt 403/403 identity varnish "Varnish's synth 403 guru page" "'Error 403 Forbidden'" -- -H 'X-Api-Key: nope' $VN/inventory/items
up rails && capbody $S body-rails-401.txt 0/401 app rails "Rails' 'HTTP Token: Access denied.'" "no number" -- $NX/rails/shipments
up drf && capbody $S body-drf-401.txt 0/401 app django-rest-framework "DRF's {\"detail\": ...} through Caddy" "no number" -- $CD/admin/customers/ -u backoffice:B4ckoffice-pw
up fastapi && capbody $S body-fastapi-401.txt 0/401 app fastapi "FastAPI's {\"detail\":\"Not authenticated\"}" "no number" -- $FA/api/invoices

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-401-authbasic.txt 401 identity nginx "curl -sI on /ops/ behind auth_basic" "" -- $NX/ops/shipments
up caddy && caphead $S head-caddy-401-basicauth.txt 401 identity caddy "curl -sI behind basicauth" "" -- $CD/admin/customers/
up haproxy && caphead $S head-haproxy-401-no-key.txt 401 identity haproxy "curl -sI, no key at HAProxy" "" -- $HP/api/stock
up varnish && caphead $S head-varnish-401-no-key.txt 401 identity varnish "curl -sI, no key at Varnish" "" -- $VN/inventory/items
up express && caphead $S head-express-401.txt 401 app express "curl -sI through Apache to Express, an expired token" "" -- -H "$(b "$TOK_RS_EXPIRED")" $AP/api/orders
up flask && caphead $S head-flask-401.txt 401 app flask "curl -sI, a valid key, no bearer: Flask-HTTPAuth" "" -- -H "X-Api-Key: $WH_KEY" $HP/api/stock
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
{
    cat <<'HDR'
# Evidence corpus, ROUND 35 (held out): real responses captured by
# scripts/corpus/capture-round35.sh from real servers on 127.0.0.1, one
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
HDR
    cat "$STAGE/labels.toml"
} >"$OUT/labels.toml"
cp "$STAGE"/*.txt "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round35/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
