#!/usr/bin/env bash
# capture-round29.sh — build the twenty-ninth held-out evidence corpus in
# tests/fixtures/evidence-round29/.
#
# Who refused it: identity layers in front of an app versus the app's own
# auth. nginx auth_request to a Node token service (stock pages, JSON named
# locations, and the service's own body relayed) in front of Express; Caddy
# 2.6 forward_auth to a Python check service, and basicauth, in front of a Go
# net/http app; Apache mod_auth_basic / Require in front of Django REST
# framework; HAProxy 2.6 checking RS256 JWTs with its jwt_* converters, an
# API-key map and `http-request auth` in front of FastAPI; an
# oauth2-proxy-like gate written in Python in front of Flask. The apps check
# their own tokens too (expired, unknown kid, wrong alg, opaque, Basic,
# missing scope). Credentials are real JWTs minted here with keys generated
# for the run.
#
#   scripts/corpus/capture-round29.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round29.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round29.sh       # keep configs + logs in the runtime dir
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports
# 47000-47999) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie and wget runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round29.py, which refuses (and this script then leaves the
# fixtures as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round29"
RUN=/tmp/api-triage-corpus29
STAGE="$RUN/evidence"
CONF="$HERE/conf-round29"
APPS="$HERE/apps29"
VENV=${CORPUS_VENV29:-/tmp/api-triage-corpus29-venv}
NODE_DIR=${CORPUS_NODE29:-/tmp/api-triage-corpus29-node}
GODIR=${CORPUS_GO29:-/tmp/api-triage-corpus29-go}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv, the check service and the finish script
HTTPIE=/usr/bin/http
PYPI=(flask==3.1.3 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0 django==5.2.19 djangorestframework==3.18.3 PyJWT==2.15.1 cryptography==50.0.2)
NPM=(express@5.3.0 jsonwebtoken)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus29 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PACKAGES=(httpie wget python3-venv nodejs golang-go apache2 apache2-utils nginx haproxy caddy openssl)
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
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, fastapi, django, rest_framework, jwt, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 || SKIPPED[venv]="pip install failed"
}
install_npm() {
    [[ -e $NODE_DIR/node_modules/express/package.json && -e $NODE_DIR/node_modules/jsonwebtoken/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus29","private":true}' >"$NODE_DIR/package.json"
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
    for i in $(seq 1 300); do
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
    if ! FINISH_FORM=$form FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round29.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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

PORTS=(47010 47020 47030 47040 47050 47060 47070 47300 47100 47101 47200 47400 47500 47501 47097 47098 47099)
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

# ---- apps and auth services ------------------------------------------------------
declare -A UP=()
export KEYDIR=$K
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 1 --timeout 30)
start_bg flask "${GUNICORN[@]}" -b 127.0.0.1:47010 flask_app:app
start_bg drf "${GUNICORN[@]}" -b 127.0.0.1:47060 drf_app:application
start_bg fastapi "${GUNICORN[@]}" -k uvicorn.workers.UvicornWorker -b 127.0.0.1:47070 fastapi_app:app
start_bg express env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_app.js" 47040
start_bg authsvc env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/authsvc.js" 47020
start_bg authcheck nice -n 5 "$PY" "$APPS/authcheck.py" 47030
start_bg go "$GODIR/go_app" 47050
start_bg authgate nice -n 5 "$VENV/bin/python" "$APPS/authgate.py" 47300 47010 47097
for pn in 47010:flask 47060:drf 47070:fastapi 47040:express 47020:authsvc 47030:authcheck 47050:go 47300:authgate; do
    wait_port "${pn%%:*}" "${pn#*:}" && UP[${pn#*:}]=1
done

# ---- fronts -------------------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 47100 nginx && wait_port 47101 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    HASH=$(timeout 20 caddy hash-password --plaintext 'Tr0ub4dor-ops' 2>/dev/null | tail -n 1)
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s#@HASH@#$HASH#"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 47200 caddy && UP[caddy]=1
fi
if have apache2; then
    mkdir -p "$RUN"/apache
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    htpasswd -cbB "$RUN/apache/htpasswd" ops-ro 'r0-internal-pw' >/dev/null 2>&1
    htpasswd -bB "$RUN/apache/htpasswd" ops-admin 'adm-internal-pw' >/dev/null 2>&1
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 47400 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    printf 'pk_live_acme_4f8a2c91e07b 	acme-logistics\npk_live_north_77c1d0a3b5e2	northwind\n' >"$RUN/haproxy/partner-keys.map"
    if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
        start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
        wait_port 47500 haproxy && wait_port 47501 haproxy && UP[haproxy]=1
    else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
fi
sleep 0.5
AFTER=$(sockets)
while read -r proto addr; do
    [[ -z $addr ]] && continue
    grep -qxF "$proto $addr" <<<"$BEFORE" && continue
    [[ $addr == 127.0.0.1:* ]] || die "a server listens outside 127.0.0.1: $proto $addr"
done <<<"$AFTER"

NX=http://127.0.0.1:47100; NX2=http://127.0.0.1:47101
CD=http://127.0.0.1:47200; AP=http://127.0.0.1:47400
HP=http://127.0.0.1:47500; HP2=http://127.0.0.1:47501
GT=http://127.0.0.1:47300
FL=http://127.0.0.1:47010; EX=http://127.0.0.1:47040; GO=http://127.0.0.1:47050
DR=http://127.0.0.1:47060; FA=http://127.0.0.1:47070
JSONH=(-H 'Content-Type: application/json')
H2=(--http2-prior-knowledge)
BROWSER='Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'

# ============================== nginx auth_request -> Node token service, Express ==
if up nginx; then
    log "capturing: nginx auth_request in front of Express"
    S=nginx-authrequest-express
    cap $S nginx-401-authreq-no-token.txt 401 identity nginx "auth_request, no Authorization: the token service says 401, nginx's stock 401 page" "WWW-Authenticate from the service, passed on by nginx" -- -sv $NX/api/orders
    cap $S nginx-401-authreq-expired.txt 401 identity nginx "an HS256 JWT that expired 30 minutes ago: nginx's stock 401 page" "error_description=\"jwt expired\" in WWW-Authenticate" -- -sv -H "$(b "$TOK_HS_EXPIRED")" $NX/api/orders
    cap $S nginx-401-authreq-bad-signature.txt 401 identity nginx "a JWT signed with the staging secret" "curl -si" -- -si -H "$(b "$TOK_HS_BADSIG")" $NX/api/orders/1
    cap $S nginx-403-authreq-readonly-post.txt 403 identity nginx "a read-only token on POST: the service says 403, nginx's stock 403 page" "" -- -sv "${JSONH[@]}" -H "$(b "$TOK_HS_RO")" -d '{"sku":"A-1","qty":2}' $NX/api/orders
    caphttp $S nginx-401-authreq-opaque-httpie.txt 401 identity nginx "HTTPie with a GitHub-style opaque token: not a JWT, the service says 401" "HTTPie with colours" -- -v GET $NX/api/orders "Authorization:Bearer $TOK_GH_STYLE"
    cap $S nginx-401-authreq-h2.txt 401 identity nginx "HTTP/2: an expired token, nginx's stock 401 page" "h2c, lower-case headers" -- -sv "${H2[@]}" -H "$(b "$TOK_HS_EXPIRED")" $NX2/api/orders
    cap $S nginx-403-authreq-h2.txt 403 identity nginx "HTTP/2: a read-only token on DELETE" "h2c" -- -sv "${H2[@]}" -X DELETE -H "$(b "$TOK_HS_RO")" $NX2/api/orders/1
    cap $S nginx-401-json-named-location.txt 401 identity nginx "/v2/: error_page 401 to a JSON named location nginx writes" "request_id inside" -- -sv $NX/v2/orders
    cap $S nginx-403-json-named-location.txt 403 identity nginx "/v2/: a read-only token on POST, the JSON 403 named location" "curl -si" -- -si "${JSONH[@]}" -H "$(b "$TOK_HS_RO")" -d '{"sku":"A-1","qty":2}' $NX/v2/orders
    caphttp $S nginx-401-json-named-httpie.txt 401 identity nginx "HTTPie, a bad signature on /v2/" "HTTPie with colours" -- -v GET $NX/v2/orders "Authorization:Bearer $TOK_HS_BADSIG"
    cap $S authsvc-401-relayed-expired.txt 401 identity node "/v3/: error_page 401 = @explain relays the token service's own JSON and WWW-Authenticate" "Server: nginx/1.22.1, the body is the service's" -- -sv -H "$(b "$TOK_HS_EXPIRED")" $NX/v3/orders
    cap $S authsvc-401-relayed-no-token.txt 401 identity node "/v3/, no token: the service's JSON relayed" "curl -si" -- -si $NX/v3/orders
    cap $S authsvc-403-relayed-readonly.txt 403 identity node "/v3/: a read-only token on POST, the service's insufficient_scope JSON relayed" "" -- -sv "${JSONH[@]}" -H "$(b "$TOK_HS_RO")" -d '{"sku":"A-1","qty":2}' $NX/v3/orders
    cap $S authsvc-401-relayed-h2.txt 401 identity node "HTTP/2 /v3/: a bad signature, the service's JSON relayed" "h2c" -- -sv "${H2[@]}" -H "$(b "$TOK_HS_BADSIG")" $NX2/v3/orders
    capwin $S authsvc-401-relayed-opaque.txt 401 identity node "/v3/ with an opaque token: 'jwt malformed' from the service" "curl -si pasted with CRLF" -- -si -H "$(b "$TOK_OPAQUE_OK")" $NX/v3/orders
    cap $S nginx-500-authreq-service-down.txt 500 proxy nginx "/reports/: the auth_request service is not running, nginx's 500 (not a refusal)" "" -- -sv -H "$(b "$TOK_HS_GOOD")" $NX/reports/orders
    cap $S express-403-scope-behind-authreq.txt 403 app express "a good token without orders:admin: auth_request lets it through, Express refuses" "Server: nginx/1.22.1" -- -sv -H "$(b "$TOK_HS_GOOD")" $NX/api/admin/reports
    cap $S express-404-behind-authreq.txt 404 app express "a good token, unknown order: Express's JSON 404" "curl -si" -- -si -H "$(b "$TOK_HS_GOOD")" $NX/api/orders/7
    cap $S express-201-behind-authreq.txt 201 app express "a good token on POST: created" "curl -si" -- -si "${JSONH[@]}" -H "$(b "$TOK_HS_GOOD")" -d '{"sku":"A-1","qty":2}' $NX/api/orders
    cap $S express-401-open-expired.txt 401 app express "/open/ has no auth_request: Express's own 'jwt expired' 401" "Server: nginx/1.22.1" -- -sv -H "$(b "$TOK_HS_EXPIRED")" $NX/open/orders
    cap $S express-401-open-no-token.txt 401 app express "/open/, no token: Express's own 401" "curl -si" -- -si $NX/open/orders
    caphttp $S express-401-open-bad-signature-httpie.txt 401 app express "HTTPie, /open/ with a bad signature: 'invalid signature'" "HTTPie with colours" -- -v GET $NX/open/orders "Authorization:Bearer $TOK_HS_BADSIG"
    capraw $S express-401-open-malformed.txt 401 app express "/open/ with an opaque token: Express's 'jwt malformed'" "curl -si saved to a file (CRs kept)" -- -si -H "$(b "$TOK_OPAQUE_REVOKED")" $NX/open/orders
    cap $S express-403-scope-h2.txt 403 app express "HTTP/2: a good token without orders:admin, Express's 403 through nginx" "h2c" -- -sv "${H2[@]}" -H "$(b "$TOK_HS_GOOD")" $NX2/api/admin/reports
    capwget $S nginx-401-authreq-wget.txt 401 identity nginx "wget without a token behind auth_request" "wget -S -O-" -- -S -O- --content-on-error $NX/api/orders
fi
if up express; then
    cap nginx-authrequest-express express-401-direct-expired.txt 401 app express "Express direct: an expired token" "X-Powered-By off" -- -sv -H "$(b "$TOK_HS_EXPIRED")" $EX/api/orders
fi

# =========================== Caddy forward_auth -> Python check service, Go app ==
if up caddy; then
    log "capturing: Caddy forward_auth and basicauth in front of the Go app"
    S=caddy-forwardauth-go
    cap $S authcheck-401-no-token.txt 401 identity python-http.server "forward_auth: the check service's problem+json 401, copied back by Caddy" "Server: Caddy and the service's Server header" -- -sv $CD/api/orders
    cap $S authcheck-401-expired.txt 401 identity python-http.server "forward_auth: an expired token" "curl -si" -- -si -H "$(b "$TOK_HS_EXPIRED")" $CD/api/orders
    caphttp $S authcheck-401-bad-signature-httpie.txt 401 identity python-http.server "HTTPie, a JWT signed with another secret" "HTTPie with colours" -- -v GET $CD/api/orders "Authorization:Bearer $TOK_HS_BADSIG"
    cap $S authcheck-401-opaque.txt 401 identity python-http.server "forward_auth: an opaque token, 'token is not a JWT'" "" -- -sv -H "$(b "$TOK_OPAQUE_OK")" $CD/api/orders
    cap $S authcheck-403-readonly-post.txt 403 identity python-http.server "forward_auth: a read-only token on POST" "" -- -sv "${JSONH[@]}" -H "$(b "$TOK_HS_RO")" -d '{"sku":"A-1"}' $CD/api/orders
    cap $S authcheck-302-portal-login.txt 302 identity python-http.server "a browser page without a session: the check service sends it to the SSO login" "Location: the SSO" -- -sv -H "$BROWSER" $CD/portal/home
    cap $S authcheck-401-h2.txt 401 identity python-http.server "HTTP/2 (h2c): an expired token, forward_auth's 401" "h2c" -- -sv "${H2[@]}" -H "$(b "$TOK_HS_EXPIRED")" $CD/api/orders
    capwin $S authcheck-401-crlf.txt 401 identity python-http.server "forward_auth, no token" "curl -si pasted with CRLF" -- -si $CD/api/orders/1
    cap $S caddy-401-basicauth-none.txt 401 identity caddy "basicauth on /admin/*, no credentials" "" -- -sv $CD/admin/users
    cap $S caddy-401-basicauth-wrong.txt 401 identity caddy "basicauth, a wrong password" "curl -si" -- -si -u ops:Winter2024 $CD/admin/users
    caphttp $S caddy-401-basicauth-httpie.txt 401 identity caddy "HTTPie with a wrong password" "HTTPie with colours" -- -v -a ops:hunter2 GET $CD/admin/users
    cap $S go-200-basicauth-ok.txt 200 app go-net-http "the right Basic credentials: the Go app answers" "curl -si" -- -si -u ops:Tr0ub4dor-ops $CD/admin/users
    cap $S go-403-scope-behind-forwardauth.txt 403 app go-net-http "a good token without orders:admin: forward_auth lets it through, the Go app's http.Error 403" "" -- -sv -H "$(b "$TOK_HS_GOOD")" $CD/api/admin/reports
    cap $S go-404-behind-forwardauth.txt 404 app go-net-http "a good token, unknown order: the Go app's JSON 404" "curl -si" -- -si -H "$(b "$TOK_HS_GOOD")" $CD/api/orders/7
    cap $S caddy-502-forwardauth-down.txt 502 proxy caddy "/reports/: the forward_auth service is not running, Caddy's empty 502" "" -- -sv -H "$(b "$TOK_HS_GOOD")" $CD/reports/daily
fi
if up go; then
    S=go-own-auth
    cap $S go-401-expired.txt 401 app go-net-http "the Go app direct: an expired token, http.Error with WWW-Authenticate invalid_token" "" -- -sv -H "$(b "$TOK_HS_EXPIRED")" $GO/api/orders
    cap $S go-401-no-token.txt 401 app go-net-http "the Go app direct, no token" "curl -si" -- -si $GO/api/orders
    capraw $S go-401-bad-signature.txt 401 app go-net-http "a JWT signed with the staging secret" "curl -si saved to a file (CRs kept)" -- -si -H "$(b "$TOK_HS_BADSIG")" $GO/api/orders
    caphttp $S go-401-opaque-httpie.txt 401 app go-net-http "HTTPie with an opaque token" "HTTPie with colours" -- -v GET $GO/api/orders "Authorization:Bearer $TOK_OPAQUE_OK"
    cap $S go-403-noscope.txt 403 app go-net-http "a token with no scope claim" "" -- -sv -H "$(b "$TOK_HS_NOSCOPE")" $GO/api/orders
fi

# ================================= Apache mod_auth_basic -> Django REST framework ==
if up apache; then
    log "capturing: Apache Basic auth and DRF's own auth"
    S=apache-basic-drf
    cap $S apache-401-basic-none.txt 401 identity apache "mod_auth_basic on /internal/, no credentials" "Apache's 401 page" -- -sv $AP/internal/flags
    cap $S apache-401-basic-wrong-password.txt 401 identity apache "mod_auth_basic, a wrong password" "curl -si" -- -si -u ops-ro:password1 $AP/internal/flags
    cap $S apache-401-require-user.txt 401 identity apache "/internal/admin/ needs ops-admin: ops-ro's good password still gets 401" "" -- -sv -u ops-ro:r0-internal-pw $AP/internal/admin/flags
    caphttp $S apache-401-basic-httpie.txt 401 identity apache "HTTPie with a wrong password" "HTTPie with colours" -- -v -a ops-admin:letmein GET $AP/internal/admin/flags
    capwget $S apache-401-basic-wget.txt 401 identity apache "wget without credentials" "wget -S -O-" -- -S -O- --content-on-error $AP/internal/flags
    capraw $S apache-401-basic-bearer-sent.txt 401 identity apache "a bearer token sent to the Basic-protected /internal/" "curl -si saved to a file (CRs kept)" -- -si -H "$(b "$TOK_HS_GOOD")" $AP/internal/flags
    cap $S apache-403-require-ip.txt 403 proxy apache "/metrics allowed from 10.0.0.0/8 only: Require ip, no credentials involved" "" -- -sv $AP/metrics
    cap $S drf-200-internal-ok.txt 200 app django-rest-framework "the right Basic credentials: DRF answers" "curl -si" -- -si -u ops-ro:r0-internal-pw $AP/internal/flags
    cap $S drf-404-internal.txt 404 app django-rest-framework "the right Basic credentials, an unknown flag set: DRF's 404" "curl -si" -- -si -u ops-ro:r0-internal-pw $AP/internal/banners
    cap $S drf-401-no-credentials.txt 401 app django-rest-framework "/api/ is open at Apache: DRF's 'Authentication credentials were not provided.'" "WWW-Authenticate: Bearer realm=\"api\"" -- -sv $AP/api/orders
    cap $S drf-401-expired.txt 401 app django-rest-framework "DRF's JWT class: 'Token is expired'" "curl -si" -- -si -H "$(b "$TOK_HS_EXPIRED")" $AP/api/orders
    cap $S drf-401-bad-signature.txt 401 app django-rest-framework "DRF's JWT class: a bad signature" "" -- -sv -H "$(b "$TOK_HS_BADSIG")" $AP/api/orders
    cap $S drf-401-basic-wrong.txt 401 app django-rest-framework "DRF's Basic class: a wrong password for the reporting client" "" -- -sv -u reporting:rep-old-pw $AP/api/orders
    cap $S drf-403-scope.txt 403 app django-rest-framework "a good token without orders:admin: DRF's permission 403" "" -- -sv -H "$(b "$TOK_HS_GOOD")" $AP/api/admin/reports
    caphttp $S drf-403-noscope-httpie.txt 403 app django-rest-framework "HTTPie, a token with no scope claim" "HTTPie with colours" -- -v GET $AP/api/orders "Authorization:Bearer $TOK_HS_NOSCOPE"
    capwin $S drf-401-opaque.txt 401 app django-rest-framework "an opaque token: 'Given token not valid for any token type'" "curl -si pasted with CRLF" -- -si -H "$(b "$TOK_OPAQUE_REVOKED")" $AP/api/orders
fi
if up drf; then
    cap apache-basic-drf drf-401-direct-expired.txt 401 app django-rest-framework "gunicorn direct: DRF's 'Token is expired'" "Server: gunicorn" -- -sv -H "$(b "$TOK_HS_EXPIRED")" $DR/api/orders
fi

# ============================ HAProxy JWT / API key / Basic -> FastAPI ==
if up haproxy; then
    log "capturing: HAProxy's checks in front of FastAPI"
    S=haproxy-jwt-fastapi
    cap $S haproxy-401-jwt-no-token.txt 401 identity haproxy "/api/ without a bearer token: http-request return 401" "no Server header" -- -sv $HP/api/orders
    cap $S haproxy-401-jwt-expired.txt 401 identity haproxy "an RS256 JWT whose exp is 30 minutes past" "curl -si" -- -si -H "$(b "$TOK_RS_EXPIRED")" $HP/api/orders
    cap $S haproxy-401-jwt-old-key.txt 401 identity haproxy "a JWT signed with the retired key (kid orders-2023): jwt_verify fails" "" -- -sv -H "$(b "$TOK_RS_OLDKID")" $HP/api/orders
    cap $S haproxy-401-jwt-hs256.txt 401 identity haproxy "an HS256 token where RS256 is required" "curl -si" -- -si -H "$(b "$TOK_RS_AS_HS")" $HP/api/orders
    caphttp $S haproxy-401-jwt-opaque-httpie.txt 401 identity haproxy "HTTPie with an opaque token" "HTTPie with colours" -- -v GET $HP/api/orders "Authorization:Bearer $TOK_GH_STYLE"
    cap $S haproxy-403-jwt-scope-post.txt 403 identity haproxy "a read-only JWT on POST: deny 403 insufficient_scope" "" -- -sv "${JSONH[@]}" -H "$(b "$TOK_RS_RO")" -d '{"sku":"A-1","qty":2}' $HP/api/orders
    cap $S haproxy-401-jwt-h2.txt 401 identity haproxy "HTTP/2 (h2c), no token" "h2c, lower-case headers" -- -sv "${H2[@]}" $HP2/api/orders
    cap $S haproxy-401-jwt-bad-signature-h2.txt 401 identity haproxy "HTTP/2: a token claiming kid orders-2025, signed with the old key" "h2c" -- -sv "${H2[@]}" -H "$(b "$TOK_RS_BADSIG")" $HP2/api/orders
    cap $S haproxy-401-apikey-missing.txt 401 identity haproxy "/partner/ without X-Api-Key" "WWW-Authenticate: ApiKey" -- -sv $HP/partner/orders
    cap $S haproxy-403-apikey-unknown.txt 403 identity haproxy "/partner/ with a key that is not in the map: deny, the stock 403 page" "curl -si" -- -si -H 'X-Api-Key: pk_live_acme_0000deadbeef' $HP/partner/orders
    cap $S haproxy-401-basic-ops.txt 401 identity haproxy "/ops/ behind http-request auth, no credentials" "HAProxy's 401 page" -- -sv $HP/ops/queues
    caphttp $S haproxy-401-basic-ops-httpie.txt 401 identity haproxy "HTTPie, a wrong password on /ops/" "HTTPie with colours" -- -v -a ops:ops-pw GET $HP/ops/queues
    capwin $S haproxy-401-jwt-crlf.txt 401 identity haproxy "an expired token" "curl -si pasted with CRLF" -- -si -H "$(b "$TOK_RS_EXPIRED")" $HP/api/orders/1
    capwget $S haproxy-401-jwt-wget.txt 401 identity haproxy "wget without a token" "wget -S -O-" -- -S -O- --content-on-error $HP/api/orders
    cap $S haproxy-403-internal-path.txt 403 load-balancer haproxy "/internal/ closed by path with http-request deny (no credentials involved)" "curl -si" -- -si $HP/internal/debug
    cap $S fastapi-200-partner-key.txt 200 app fastapi "a listed partner key: FastAPI answers" "curl -si" -- -si -H 'X-Api-Key: pk_live_north_77c1d0a3b5e2' $HP/partner/orders
    cap $S fastapi-200-ops-basic-ok.txt 200 app fastapi "the right ops password at HAProxy: FastAPI answers" "curl -si" -- -si -u ops:haproxy-ops-pw $HP/ops/queues
    cap $S fastapi-403-scope-behind-haproxy.txt 403 app fastapi "a good RS256 token without orders:admin: HAProxy lets it through, FastAPI's 'Not enough permissions'" "" -- -sv -H "$(b "$TOK_RS_GOOD")" $HP/api/admin/reports
    cap $S fastapi-403-scope-h2.txt 403 app fastapi "HTTP/2: the same 403 from FastAPI through HAProxy" "h2c" -- -sv "${H2[@]}" -H "$(b "$TOK_RS_GOOD")" $HP2/api/admin/reports
    cap $S fastapi-401-v1-no-token.txt 401 app fastapi "/v1/ is not checked at HAProxy: HTTPBearer's 'Not authenticated'" "" -- -sv $HP/v1/orders
    cap $S fastapi-401-v1-revoked-opaque.txt 401 app fastapi "/v1/ with a revoked opaque token" "curl -si" -- -si -H "$(b "$TOK_OPAQUE_REVOKED")" $HP/v1/orders
    cap $S fastapi-401-v1-expired.txt 401 app fastapi "/v1/ with an expired RS256 token: FastAPI's 'Token expired'" "" -- -sv -H "$(b "$TOK_RS_EXPIRED")" $HP/v1/orders
    cap $S fastapi-401-v1-hs256.txt 401 app fastapi "/v1/ with an HS256 token: 'Could not validate credentials'" "curl -si" -- -si -H "$(b "$TOK_RS_AS_HS")" $HP/v1/orders
    cap $S fastapi-401-v1-basic-none.txt 401 app fastapi "/v1/ops/ without credentials: HTTPBasic's 401" "WWW-Authenticate: Basic realm=\"ops\"" -- -sv $HP/v1/ops/queues
    capraw $S fastapi-401-v1-basic-wrong.txt 401 app fastapi "/v1/ops/ with a wrong password: 'Incorrect username or password'" "curl -si saved to a file (CRs kept)" -- -si -u ops:haproxy-ops-pw $HP/v1/ops/queues
    caphttp $S fastapi-200-v1-opaque-httpie.txt 200 app fastapi "HTTPie, a valid opaque service token on /v1/" "HTTPie with colours" -- -v GET $HP/v1/orders "Authorization:Bearer $TOK_OPAQUE_OK"
fi

# ======================== the Python auth gate (oauth2-proxy-like) -> Flask ==
if up authgate; then
    log "capturing: the Python auth gate in front of Flask"
    S=authgate-flask
    cap $S gate-401-no-token.txt 401 identity python-http.server "the gate, an API call without a token: its JSON 401" "Server: orders-gate/0.9 Python/3.11.2" -- -sv $GT/api/orders
    cap $S gate-302-browser-sign-in.txt 302 identity python-http.server "a browser request without a token: the gate redirects to /oauth2/start" "CSRF cookie set" -- -sv -H "$BROWSER" $GT/api/orders
    cap $S gate-401-expired.txt 401 identity python-http.server "the gate: an expired RS256 token" "curl -si" -- -si -H "$(b "$TOK_RS_EXPIRED")" $GT/api/orders
    cap $S gate-401-old-key.txt 401 identity python-http.server "the gate: a token signed with the retired key" "" -- -sv -H "$(b "$TOK_RS_OLDKID")" $GT/api/orders
    cap $S gate-403-email-domain.txt 403 identity python-http.server "a valid token for a contractor address: the gate's HTML 403" "" -- -sv -H "$(b "$TOK_RS_CONTRACTOR")" $GT/api/orders
    caphttp $S gate-403-email-domain-httpie.txt 403 identity python-http.server "HTTPie, the contractor token" "HTTPie with colours" -- -v GET $GT/api/orders/1 "Authorization:Bearer $TOK_RS_CONTRACTOR"
    capraw $S gate-401-opaque.txt 401 identity python-http.server "the gate: an opaque token" "curl -si saved to a file (CRs kept)" -- -si -H "$(b "$TOK_GH_STYLE")" $GT/api/orders
    cap $S gate-502-billing-down.txt 502 proxy python-http.server "a good token for /billing/, whose upstream is not running: the gate's own 502" "curl -si" -- -si -H "$(b "$TOK_RS_GOOD")" $GT/billing/invoices
    cap $S flask-403-scope-via-gate.txt 403 app flask "a good token without orders:admin: the gate lets it through, Flask's insufficient_scope 403" "" -- -sv -H "$(b "$TOK_RS_GOOD")" $GT/api/admin/reports
    cap $S flask-404-via-gate.txt 404 app flask "a good token, unknown order: Flask's JSON 404 through the gate" "curl -si" -- -si -H "$(b "$TOK_RS_GOOD")" $GT/api/orders/7
    cap $S flask-201-via-gate.txt 201 app flask "a good token on POST" "curl -si" -- -si "${JSONH[@]}" -H "$(b "$TOK_RS_GOOD")" -d '{"sku":"A-1","qty":2}' $GT/api/orders
    cap $S flask-403-readonly-via-gate.txt 403 app flask "a read-only token on POST: the gate does not look at scopes, Flask does" "" -- -sv "${JSONH[@]}" -H "$(b "$TOK_RS_RO")" -d '{"sku":"A-1","qty":2}' $GT/api/orders
fi
if up flask; then
    S=flask-own-auth
    cap $S flask-401-no-token.txt 401 app flask "Flask direct, no token" "Server: gunicorn" -- -sv $FL/api/orders
    cap $S flask-401-expired.txt 401 app flask "Flask direct: an expired RS256 token" "curl -si" -- -si -H "$(b "$TOK_RS_EXPIRED")" $FL/api/orders
    cap $S flask-401-unknown-kid.txt 401 app flask "a token whose kid (orders-2023) is not in the key set" "" -- -sv -H "$(b "$TOK_RS_OLDKID")" $FL/api/orders
    cap $S flask-401-wrong-alg.txt 401 app flask "an HS256 token where RS256 is expected" "curl -si" -- -si -H "$(b "$TOK_RS_AS_HS")" $FL/api/orders
    capraw $S flask-401-bad-signature.txt 401 app flask "kid orders-2025, signed with the old key" "curl -si saved to a file (CRs kept)" -- -si -H "$(b "$TOK_RS_BADSIG")" $FL/api/orders
    caphttp $S flask-401-opaque-httpie.txt 401 app flask "HTTPie with a GitHub-style opaque token: 'Malformed token'" "HTTPie with colours" -- -v GET $FL/api/orders "Authorization:Bearer $TOK_GH_STYLE"
    capwin $S flask-401-basic-sent.txt 401 app flask "Basic credentials sent to a bearer API: invalid_request" "curl -si pasted with CRLF" -- -si -u maria.k:Summer2025 $FL/api/orders
    capwget $S flask-403-scope-wget.txt 403 app flask "wget with a token without orders:admin" "wget -S -O-" -- -S -O- --content-on-error --header "$(b "$TOK_RS_GOOD")" $FL/api/admin/reports
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up nginx && capbody $S body-nginx-401-authreq.txt 401/401 identity nginx "nginx's stock 401 page after auth_request" "'401 Authorization Required'" -- $NX/api/orders
up nginx && capbody $S body-nginx-403-json-named.txt 403/403 identity nginx "the /v2/ JSON 403 named location" "\"status\":403 in the body" -- -X POST -H "$(b "$TOK_HS_RO")" $NX/v2/orders
up nginx && capbody $S body-authsvc-401-relayed.txt 0/401 identity node "the token service's JSON relayed on /v3/" "no number" -- -H "$(b "$TOK_HS_EXPIRED")" $NX/v3/orders
up caddy && capbody $S body-authcheck-401.txt 401/401 identity python-http.server "forward_auth's problem+json" "\"status\": 401 in the body" -- $CD/api/orders
up haproxy && capbody $S body-haproxy-401-jwt.txt 0/401 identity haproxy "HAProxy's JSON for an expired JWT" "no number" -- -H "$(b "$TOK_RS_EXPIRED")" $HP/api/orders
up haproxy && capbody $S body-haproxy-403-apikey.txt 403/403 identity haproxy "HAProxy's stock 403 page for an unknown partner key" "" -- -H 'X-Api-Key: pk_test_x' $HP/partner/orders
up apache && capbody $S body-apache-401-basic.txt 401/401 identity apache "Apache's 401 page" "" -- $AP/internal/flags
up authgate && capbody $S body-gate-403.txt 403/403 identity python-http.server "the gate's HTML 403 for a contractor address" "" -- -H "$(b "$TOK_RS_CONTRACTOR")" $GT/api/orders
up express && capbody $S body-express-401.txt 0/401 app express "Express's own 'jwt expired' JSON" "no number" -- -H "$(b "$TOK_HS_EXPIRED")" $EX/api/orders
up drf && capbody $S body-drf-401.txt 0/401 app django-rest-framework "DRF's {\"detail\": ...}" "no number" -- $DR/api/orders
up flask && capbody $S body-flask-403-scope.txt 0/403 app flask "Flask's insufficient_scope JSON" "no number" -- -H "$(b "$TOK_RS_GOOD")" $FL/api/admin/reports

# ================================================ headers-only pastes ==
S=headers-only-paste
up nginx && caphead $S head-nginx-401-authreq.txt 401 identity nginx "curl -sI behind auth_request, no token" "" -- $NX/api/orders
up caddy && caphead $S head-caddy-401-basicauth.txt 401 identity caddy "curl -sI behind basicauth" "" -- $CD/admin/users
up haproxy && caphead $S head-haproxy-401-jwt.txt 401 identity haproxy "curl -sI, no token at HAProxy" "" -- $HP/api/orders
up authgate && caphead $S head-gate-401.txt 401 identity python-http.server "curl -sI at the gate, no token" "" -- $GT/api/orders
up apache && caphead $S head-apache-401-basic.txt 401 identity apache "curl -sI on /internal/" "" -- $AP/internal/flags
up flask && caphead $S head-flask-401.txt 401 app flask "curl -sI, Flask direct, an expired token" "" -- -H "$(b "$TOK_RS_EXPIRED")" $FL/api/orders

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
# Evidence corpus, ROUND 29 (held out): real responses captured by
# scripts/corpus/capture-round29.sh from real servers on 127.0.0.1, one
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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round29/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
