#!/usr/bin/env bash
# capture-round52.sh — build the fifty-second held-out evidence corpus in
# tests/fixtures/evidence-round52/.
#
# Fronts that answer in the app's own language: JSON error pages written by
# the front (nginx error_page to named locations and `return`, Caddy
# handle_errors with respond, Apache ErrorDocument as a file and as a string,
# HAProxy `http-request return` and JSON errorfiles, Varnish vcl_synth and
# vcl_backend_error, lighttpd server.errorfile-prefix), and identity checks
# at the front (nginx auth_request to a Python token service, Caddy
# forward_auth to a Node one, Apache Basic auth, HAProxy API keys from a
# map), each next to the app's own JSON 401/403/404/429/503 behind the same
# front. Apps: FastAPI, Flask, Go net/http (standard library), Django,
# Express, Sinatra under Puma.
#
#   scripts/corpus/capture-round52.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round52.sh   # never call apt-get / pip / npm
#   CORPUS_SETUP_ONLY=1 capture-round52.sh     # start every server, leave them up 300 s
#
# Every server binds 127.0.0.1 (ports 58800-58899) and the script stops if a
# new socket listens anywhere else; every curl, HTTPie and wget runs under
# `timeout`; every server it started is stopped on exit by its recorded
# process id. Labels are written by finish_round52.py; when one disagrees
# with the wire, the fixtures are left as they were.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round52"
RUN=/tmp/api-triage-corpus52
STAGE="$RUN/evidence"
CONF="$HERE/conf-round52"
APPS="$HERE/apps52"
VENV=${CORPUS_VENV52:-/tmp/api-triage-corpus52-venv}
NODE_DIR=${CORPUS_NODE52:-/tmp/api-triage-corpus52-node}
GODIR=${CORPUS_GO52:-/tmp/api-triage-corpus52-go}
START_TIME=$SECONDS

PY=/usr/bin/python3
HTTPIE=/usr/bin/http
PYPI=(flask==3.1.3 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0 django==5.2.19)
NPM=(express@5.3.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus52 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PACKAGES=(httpie wget python3-venv nodejs golang-go ruby-sinatra puma apache2 nginx haproxy varnish caddy lighttpd)
declare -A SKIPPED=()
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
install_packages() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
    ((${#missing[@]})) || return 0
    if [[ ${CORPUS_SKIP_INSTALL:-0} == 1 || $(id -u) != 0 ]]; then
        for p in "${missing[@]}"; do SKIPPED[$p]="not installed"; done
        return 0
    fi
    log "apt-get install ${missing[*]}"
    apt-get update -qq >"$RUN/logs/apt-update.log" 2>&1 || true
    DEBIAN_FRONTEND=noninteractive nice -n 15 timeout 900 apt-get install -y -q --no-install-recommends "${missing[@]}" \
        >"$RUN/logs/apt-install.log" 2>&1 || for p in "${missing[@]}"; do SKIPPED[$p]="apt-get install failed"; done
}
install_venv() {
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flask, fastapi, django, gunicorn, uvicorn" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 || SKIPPED[venv]="pip install failed"
}
install_npm() {
    [[ -e $NODE_DIR/node_modules/express/package.json ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[npm]="node_modules missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus52","private":true}' >"$NODE_DIR/package.json"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
        >"$RUN/logs/npm.log" 2>&1 || SKIPPED[npm]="npm install failed"
}
build_go() {  # the standard library only: no modules, nothing downloaded
    [[ -x $GODIR/go_app && $GODIR/go_app -nt $APPS/go_app.go ]] && return 0
    mkdir -p "$GODIR"
    (cd "$APPS" && GO111MODULE=off GOPROXY=off GOFLAGS=-mod=mod GOPATH="$GODIR" GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 /usr/bin/go build -p 1 -o "$GODIR/go_app" go_app.go) >"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[go]="go build failed"
}

have() { [[ -z ${SKIPPED[$1]:-} ]] && installed "$1"; }

PIDS=()

start_bg() {  # start_bg NAME CMD... ; output to $RUN/logs/NAME.log, run in $HERE
    local name=$1; shift
    (cd "$HERE" && exec "$@") >"$RUN/logs/$name.log" 2>&1 &
    PIDS+=($!)
    echo $! >"$RUN/pids/$name.pid"
}

stop_pid() {  # TERM, then KILL after 5 s; only pids this script recorded
    local pid=$1 sig=${2:-TERM} i
    kill "-$sig" "$pid" 2>/dev/null || return 0
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
}

stop_name() {
    local f=$RUN/pids/$1.pid
    [[ -e $f ]] && stop_pid "$(cat "$f")" "${2:-TERM}"
    rm -f "$f"
}

stop_all() {  # every server this script started, by the pid it recorded
    local i
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[$i]}"; done
    wait 2>/dev/null
    PIDS=()
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round52.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_npm
build_go
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[npm]:-} ]] || die "Express is missing (${SKIPPED[npm]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/go_app ]] || die "the Go app did not build"

PORTS=(58810 58811 58812 58813 58814 58815 58820 58821 58850 58851 58860 58870 58880 58890 58895 58848 58849)
for p in "${PORTS[@]}"; do listening "$p" && die "port 127.0.0.1:$p is already in use"; done
BEFORE=$(sockets)

# ---- apps and auth services --------------------------------------------------
declare -A UP=()
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 2 --timeout 30)
start_bg fastapi nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 58810 fastapi_app:app
start_bg flask "${GUNICORN[@]}" -b 127.0.0.1:58811 flask_app:app
start_bg go-app nice -n 5 "$GODIR/go_app" 58812
start_bg django "${GUNICORN[@]}" -b 127.0.0.1:58813 django_app:application
start_bg express env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_app.js" 58814
start_bg sinatra nice -n 5 puma -b tcp://127.0.0.1:58815 -e production "$APPS/sinatra_app.ru"
start_bg authsvc-py nice -n 5 "$PY" "$APPS/authsvc.py" 58820
start_bg authsvc-node nice -n 5 node "$APPS/authsvc.js" 58821
for p in 58810 58811 58812 58813 58814 58815 58820 58821; do wait_port $p app || die "nothing on $p"; done

# ---- fronts ------------------------------------------------------------------
mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/html/errors
cp "$CONF/50x.json" "$RUN/nginx/html/errors/"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1 || { cat "$RUN/logs/nginx-t.log" >&2; die "nginx -t"; }
start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
wait_port 58850 nginx && wait_port 58851 nginx && UP[nginx]=1

mkdir -p "$RUN"/caddy/{data,home}
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/home" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 58860 caddy && UP[caddy]=1

mkdir -p "$RUN"/apache/errors "$RUN"/apache/htdocs
cp "$CONF"/errors/*.json "$RUN/apache/errors/"
htpasswd -bc "$RUN/apache/htpasswd" ops correct-horse >/dev/null 2>&1
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
chown -R www-data: "$RUN/apache" 2>/dev/null || true
apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1 || { cat "$RUN/logs/apache-t.log" >&2; die "apache -t"; }
start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
wait_port 58870 apache && UP[apache]=1

mkdir -p "$RUN"/haproxy/errors
cp "$CONF"/haproxy-errors/*.http "$RUN/haproxy/errors/"
cp "$CONF/haproxy-keys.map" "$RUN/haproxy/keys.map"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1 || { cat "$RUN/logs/haproxy-c.log" >&2; die "haproxy -c"; }
start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
wait_port 58880 haproxy && UP[haproxy]=1

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:58890 -T none -f "$RUN/varnish/default.vcl" -n "$RUN/varnish/work" -s malloc,16m
wait_port 58890 varnish && UP[varnish]=1

mkdir -p "$RUN"/lighttpd/errors "$RUN"/lighttpd/htdocs
cp "$CONF"/lighttpd-errors/*.html "$RUN/lighttpd/errors/"
render "$CONF/lighttpd.conf" "$RUN/lighttpd/lighttpd.conf"
lighttpd -tt -f "$RUN/lighttpd/lighttpd.conf" >"$RUN/logs/lighttpd-t.log" 2>&1 || { cat "$RUN/logs/lighttpd-t.log" >&2; die "lighttpd -tt"; }
start_bg lighttpd lighttpd -D -f "$RUN/lighttpd/lighttpd.conf"
wait_port 58895 lighttpd && UP[lighttpd]=1
sleep 3  # HAProxy's health checks settle

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 52 (held out): real responses captured by
# scripts/corpus/capture-round52.sh from real servers on 127.0.0.1, one
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

A=http://127.0.0.1
N=$A:58850 NL=$A:58851 C=$A:58860 P=$A:58870 H=$A:58880 V=$A:58890 G=$A:58895
BA=(-H 'Authorization: Bearer admin-token') BU=(-H 'Authorization: Bearer user-token') BR=(-H 'Authorization: Bearer readonly-token')
TA=(-H 'Authorization: Bearer tok-ana') TB=(-H 'Authorization: Bearer tok-bo')
KP=(-H 'X-API-Key: k-partner-19bc') KA=(-H 'X-API-Key: k-admin-7f3a')

# ============================================ nginx auth_request + FastAPI ==
if up nginx; then
    log "capturing: FastAPI behind nginx auth_request"
    S=nginx-authrequest-fastapi
    cap $S nginx-401-authrequest-json.txt 401 identity nginx "no token: auth_request says 401, nginx answers with its JSON named location" "curl -sv" -- -sv $N/api/admin/reports
    cap $S nginx-401-authrequest-badtoken.txt 401 identity nginx "an unknown token: the token service says 401, nginx's JSON" "curl -si" -- -si -H 'Authorization: Bearer expired-4411' $N/api/orders/42
    caphttp $S nginx-403-authrequest-httpie.txt 403 identity nginx "a read-only token: the token service says 403, nginx's JSON" "HTTPie with colours" -- -v GET $N/api/orders/42 'Authorization:Bearer readonly-token'
    capwget $S nginx-401-authrequest-wget.txt 401 identity nginx "wget, no token" "wget -S -O-" -- $N/api/orders/42
    cap $S fastapi-200-through-authrequest.txt 200 app fastapi "an admin token: the reports, X-Auth-User passed on" "curl -sv" -- -sv "${BA[@]}" $N/api/admin/reports
    cap $S fastapi-403-behind-authrequest.txt 403 app fastapi "a valid user token, the app's own role check says 403" "curl -si" -- -si "${BU[@]}" $N/api/admin/reports
    cap $S fastapi-404-behind-authrequest.txt 404 app fastapi "a valid token, an unknown order: the app's JSON 404" "curl -sv" -- -sv "${BU[@]}" $N/api/orders/999
    capraw $S fastapi-429-behind-authrequest.txt 429 app fastapi "the app's own 429 with Retry-After" "curl -si saved to a file (CRs kept)" -- -si "${BU[@]}" $N/api/limited
    capwin $S fastapi-503-behind-authrequest.txt 503 app fastapi "the app's maintenance 503" "curl -si pasted with CRLF" -- -si "${BU[@]}" $N/api/maintenance
    cap $S nginx-504-json-error-page.txt 504 proxy nginx "a slow handler: proxy_read_timeout, the JSON 50x page" "curl -sv" -- -sv "${BU[@]}" $N/api/slow
    cap $S fastapi-401-open.txt 401 app fastapi "the open path, no token: the app's own 401 (WWW-Authenticate Bearer)" "curl -si" -- -si $N/open/admin/reports
    cap $S fastapi-403-open.txt 403 app fastapi "the open path, a user token: the app's 403" "curl -sv" -- -sv "${BU[@]}" $N/open/admin/reports
    cap $S fastapi-404-open-route.txt 404 app fastapi "no such route: FastAPI's {\"detail\":\"Not Found\"}" "curl -si" -- -si $N/open/invoices/3
    caphttp $S fastapi-429-open-httpie.txt 429 app fastapi "HTTPie: the app's own 429" "HTTPie with colours" -- -v GET $N/open/limited
    cap $S fastapi-503-open.txt 503 app fastapi "the app's 503 on the open path" "curl -sv" -- -sv $N/open/maintenance
    quiet $N/open/search
    cap $S nginx-429-limit-req-json.txt 429 proxy nginx "limit_req: nginx's JSON 429 from a named location" "curl -sv" -- -sv $N/open/search
    capraw $S nginx-502-json-error-page.txt 502 proxy nginx "a dead billing upstream: the JSON 50x page" "curl -si saved to a file (CRs kept)" -- -si $N/billing/invoices
    cap $S nginx-500-authservice-down.txt 500 proxy nginx "the auth_request service is not running: nginx's stock 500" "curl -si" -- -si "${BA[@]}" $N/reports/orders/42
    cap $S nginx-410-return-json.txt 410 proxy nginx "a retired endpoint: return 410 with a JSON string" "curl -si" -- -si $N/api/v0/export
    cap $S nginx-404-no-location.txt 404 proxy nginx "a path no location proxies: nginx's stock 404" "curl -si" -- -si $N/favicon.ico
    cap $S nginx-401-authrequest-stock.txt 401 identity nginx "legacy vhost, no token: nginx's stock 401 page" "curl -sv" -- -sv $NL/v1/admin/reports
    capwin $S nginx-403-authrequest-stock.txt 403 identity nginx "legacy vhost, a read-only token: nginx's stock 403" "curl -si pasted with CRLF" -- -si "${BR[@]}" $NL/v1/orders/42
fi

# ========================================== Caddy forward_auth + Flask ==
if up caddy; then
    log "capturing: Flask behind Caddy forward_auth"
    S=caddy-forwardauth-flask
    cap $S caddy-forwardauth-401.txt 401 identity node "no token: the Node check service's JSON 401, copied back by Caddy" "curl -sv" -- -sv $C/api/orders/42
    cap $S caddy-forwardauth-401-badtoken.txt 401 identity node "an unknown token: the service's 401" "curl -si" -- -si -H 'Authorization: Bearer tok-zz' $C/api/orders/42
    caphttp $S caddy-forwardauth-403-httpie.txt 403 identity node "a token without orders:admin on the admin API: the service's 403" "HTTPie with colours" -- -v GET $C/api/admin/reports 'Authorization:Bearer tok-bo'
    capwget $S caddy-forwardauth-401-wget.txt 401 identity node "wget, no token" "wget -S -O-" -- $C/api/admin/reports
    cap $S flask-403-behind-forwardauth.txt 403 app flask "the service lets tok-ana in; Flask's own role check says 403" "curl -si" -- -si "${TA[@]}" $C/api/admin/reports
    cap $S flask-200-behind-forwardauth.txt 200 app flask "a good token: the order" "curl -sv" -- -sv "${TB[@]}" $C/api/orders/42
    cap $S flask-404-behind-forwardauth.txt 404 app flask "a good token, an unknown order: the app's JSON 404" "curl -si" -- -si "${TB[@]}" $C/api/orders/999
    capraw $S flask-429-behind-forwardauth.txt 429 app flask "the app's own 429" "curl -si saved to a file (CRs kept)" -- -si "${TB[@]}" $C/api/limited
    capwin $S flask-503-behind-forwardauth.txt 503 app flask "the app's maintenance 503" "curl -si pasted with CRLF" -- -si "${TB[@]}" $C/api/maintenance
    cap $S caddy-504-handle-errors-json.txt 504 proxy caddy "a slow handler: response_header_timeout, handle_errors JSON" "curl -sv" -- -sv "${TB[@]}" $C/api/slow
    cap $S flask-401-open.txt 401 app flask "the open path, no token: Flask's own 401" "curl -sv" -- -sv $C/open/admin/reports
    cap $S flask-403-open.txt 403 app flask "the open path, a user token: Flask's 403" "curl -si" -- -si -H 'Authorization: Bearer someone' $C/open/admin/reports
    caphttp $S flask-503-open-httpie.txt 503 app flask "HTTPie: Flask's 503 on the open path" "HTTPie with colours" -- -v GET $C/open/maintenance
    cap $S flask-429-open.txt 429 app flask "Flask's 429 on the open path" "curl -sv" -- -sv $C/open/limited
    cap $S flask-404-html-open.txt 404 app flask "no such route: Werkzeug's HTML 404" "curl -si" -- -si $C/open/invoices/3
    cap $S caddy-502-handle-errors-json.txt 502 proxy caddy "a dead inventory upstream: handle_errors JSON" "curl -sv" -- -sv $C/inventory/levels
    capraw $S caddy-410-error-directive.txt 410 proxy caddy "the retired v0 API: the error directive, JSON from handle_errors" "curl -si saved to a file (CRs kept)" -- -si $C/api/v0/orders
    cap $S caddy-404-no-route-json.txt 404 proxy caddy "no route: the error directive, JSON from handle_errors" "curl -si" -- -si $C/status
    cap $S caddy-502-forwardauth-down.txt 502 proxy caddy "the partner check service is not running: handle_errors JSON 502" "curl -si" -- -si "${TB[@]}" $C/partner/orders
fi

# ============================================ Apache Basic + Go net/http ==
if up apache; then
    log "capturing: Go net/http behind Apache Basic auth"
    S=apache-basic-go
    cap $S apache-401-basic-json.txt 401 identity apache "no credentials: mod_auth_basic, the JSON ErrorDocument file" "curl -sv" -- -sv $P/api/admin/reports
    cap $S apache-401-basic-wrongpass.txt 401 identity apache "a wrong password: the same JSON 401" "curl -si" -- -si -u ops:guess $P/api/admin/reports
    capwget $S apache-401-basic-wget.txt 401 identity apache "wget, no credentials" "wget -S -O-" -- $P/api/admin/reports
    caphttp $S go-401-behind-basic-httpie.txt 401 app go-net-http "HTTPie with the right Basic credentials but no X-Api-Token: the app's own 401" "HTTPie with colours" -- -v -a ops:correct-horse GET $P/api/admin/reports
    cap $S go-403-behind-basic.txt 403 app go-net-http "Basic passes, a user token: the app's 403" "curl -si" -- -si -u ops:correct-horse -H 'X-Api-Token: user-token' $P/api/admin/reports
    cap $S go-200-behind-basic.txt 200 app go-net-http "Basic passes, an admin token" "curl -sv" -- -sv -u ops:correct-horse -H 'X-Api-Token: admin-token' $P/api/admin/reports
    cap $S go-404-order.txt 404 app go-net-http "an unknown order: the app's JSON 404" "curl -sv" -- -sv $P/api/orders/7
    caphttp $S go-404-order-httpie.txt 404 app go-net-http "HTTPie: an unknown order" "HTTPie with colours" -- -v GET $P/api/orders/999
    cap $S go-404-mux.txt 404 app go-net-http "no handler: ServeMux's '404 page not found'" "curl -si" -- -si $P/api/invoices
    capraw $S go-429.txt 429 app go-net-http "the app's own 429" "curl -si saved to a file (CRs kept)" -- -si $P/api/limited
    capwin $S go-503.txt 503 app go-net-http "the app's maintenance 503 (no ProxyErrorOverride: it passes)" "curl -si pasted with CRLF" -- -si $P/api/maintenance
    cap $S apache-502-timeout-json.txt 502 proxy apache "a slow handler: ProxyTimeout, the JSON 502 file" "curl -sv" -- -sv $P/api/slow
    cap $S apache-503-string-errordoc.txt 503 proxy apache "a dead stock backend: the ErrorDocument string" "curl -si" -- -si $P/stock/levels
    cap $S apache-404-json-errordoc.txt 404 proxy apache "a path Apache does not proxy: the JSON 404 file" "curl -sv" -- -sv $P/v2/orders
fi

# ============================================ HAProxy API keys + Django ==
if up haproxy; then
    log "capturing: Django behind HAProxy API-key checks"
    S=haproxy-apikey-django
    cap $S haproxy-401-missing-key.txt 401 identity haproxy "no X-API-Key: http-request return, JSON" "curl -sv" -- -sv $H/api/orders/42
    cap $S haproxy-403-unknown-key.txt 403 identity haproxy "a key not in the map: JSON 403" "curl -si" -- -si -H 'X-API-Key: k-old-0000' $H/api/orders/42
    caphttp $S haproxy-401-httpie.txt 401 identity haproxy "HTTPie, no key" "HTTPie with colours" -- -v GET $H/api/admin/reports
    capwget $S haproxy-403-wget.txt 403 identity haproxy "wget, an unknown key" "wget -S -O-" -- --header='X-API-Key: k-old-0000' $H/api/orders/42
    capraw $S haproxy-403-admin-only.txt 403 identity haproxy "a partner key on an admin-only path: JSON 403 from the key's role in the map" "curl -si saved to a file (CRs kept)" -- -si "${KP[@]}" $H/api/internal/stats
    cap $S django-200-with-key.txt 200 app django "a partner key: the order" "curl -sv" -- -sv "${KP[@]}" $H/api/orders/42
    cap $S django-404-with-key.txt 404 app django "a partner key, an unknown order: Django's JSON 404" "curl -si" -- -si "${KP[@]}" $H/api/orders/7
    cap $S django-403-with-key.txt 403 app django "a partner key on the reports: the app's own 403" "curl -sv" -- -sv "${KP[@]}" $H/api/admin/reports
    cap $S django-200-admin-key.txt 200 app django "the admin key on the reports" "curl -si" -- -si "${KA[@]}" $H/api/admin/reports
    cap $S django-401-open.txt 401 app django "the open path with no key: Django's own 401" "curl -sv" -- -sv $H/open/admin/reports
    caphttp $S django-503-open-httpie.txt 503 app django "HTTPie: Django's maintenance 503" "HTTPie with colours" -- -v GET $H/open/maintenance
    capraw $S django-429-with-key.txt 429 app django "the app's own 429" "curl -si saved to a file (CRs kept)" -- -si "${KP[@]}" $H/api/limited
    capwin $S django-503-with-key.txt 503 app django "the app's 503" "curl -si pasted with CRLF" -- -si "${KP[@]}" $H/api/maintenance
    cap $S django-404-html.txt 404 app django "no such route, DEBUG off: Django's HTML 404" "curl -si" -- -si "${KP[@]}" $H/api/invoices/3
    cap $S haproxy-504-errorfile-json.txt 504 load-balancer haproxy "a slow handler: timeout server, the JSON errorfile" "curl -sv" -- -sv "${KP[@]}" $H/api/slow
    quiet "${KP[@]}" $H/api/search
    cap $S haproxy-429-errorfile-json.txt 429 load-balancer haproxy "the stick-table limit: deny_status 429, the JSON errorfile" "curl -sv" -- -sv "${KP[@]}" $H/api/search
    cap $S haproxy-503-errorfile-json.txt 503 load-balancer haproxy "no payments server up: the JSON errorfile" "curl -si" -- -si "${KP[@]}" $H/payments/refunds
fi

# ============================================ Varnish vcl_synth + Express ==
if up varnish; then
    log "capturing: Express behind Varnish"
    S=varnish-synth-express
    cap $S express-200-miss.txt 200 app express "the catalog, a MISS" "curl -sv" -- -sv $V/api/catalog
    cap $S varnish-403-synth-json.txt 403 cdn-cache varnish "/internal/: vcl_synth in the app's JSON shape" "curl -sv" -- -sv $V/internal/metrics
    caphttp $S varnish-403-synth-httpie.txt 403 cdn-cache varnish "HTTPie: the same synth 403" "HTTPie with colours" -- -v GET $V/internal/config
    cap $S varnish-405-synth-json.txt 405 cdn-cache varnish "PURGE refused by vcl_synth" "curl -si" -- -si -X PURGE $V/api/catalog
    capraw $S varnish-404-synth-json.txt 404 cdn-cache varnish "a path outside /api/: vcl_synth 404" "curl -si saved to a file (CRs kept)" -- -si $V/docs/
    cap $S varnish-503-backend-error-json.txt 503 cdn-cache varnish "a slow handler: first_byte_timeout, vcl_backend_error JSON" "curl -sv" -- -sv $V/api/slow
    cap $S varnish-503-legacy-down.txt 503 cdn-cache varnish "a dead legacy backend: vcl_backend_error JSON" "curl -si" -- -si $V/legacy/orders
    cap $S express-404-through-varnish.txt 404 app express "an unknown order: Express's JSON 404" "curl -sv" -- -sv $V/api/orders/7
    cap $S express-401-through-varnish.txt 401 app express "no token: Express's own 401" "curl -si" -- -si $V/api/admin/reports
    caphttp $S express-403-through-varnish-httpie.txt 403 app express "HTTPie, a user token: Express's 403" "HTTPie with colours" -- -v GET $V/api/admin/reports 'Authorization:Bearer user-token'
    cap $S express-429-through-varnish.txt 429 app express "Express's own 429" "curl -sv" -- -sv $V/api/limited
    capwin $S express-503-through-varnish.txt 503 app express "Express's maintenance 503" "curl -si pasted with CRLF" -- -si $V/api/maintenance
    cap $S express-404-cannot-get.txt 404 app express "no route: Express's 'Cannot GET' page" "curl -si" -- -si $V/api/invoices
fi

# ========================================= lighttpd errorfile + Sinatra ==
if up lighttpd; then
    log "capturing: Sinatra under Puma behind lighttpd"
    S=lighttpd-errorfile-sinatra
    cap $S sinatra-200.txt 200 app sinatra "an order" "curl -si" -- -si $G/api/orders/42
    cap $S sinatra-404-order.txt 404 app sinatra "an unknown order: Sinatra's JSON 404" "curl -sv" -- -sv $G/api/orders/7
    cap $S sinatra-401.txt 401 app sinatra "no token: the app's 401" "curl -sv" -- -sv $G/api/admin/reports
    caphttp $S sinatra-403-httpie.txt 403 app sinatra "HTTPie, a user token: the app's 403" "HTTPie with colours" -- -v GET $G/api/admin/reports 'Authorization:Bearer user-token'
    capraw $S sinatra-429.txt 429 app sinatra "the app's 429" "curl -si saved to a file (CRs kept)" -- -si $G/api/limited
    capwin $S sinatra-503.txt 503 app sinatra "the app's 503" "curl -si pasted with CRLF" -- -si $G/api/maintenance
    cap $S sinatra-404-default.txt 404 app sinatra "no route: Sinatra's default 404" "curl -si" -- -si $G/api/invoices
    cap $S lighttpd-504-errorfile.txt 504 proxy lighttpd "a slow handler: read-timeout, the errorfile-prefix JSON body" "curl -sv" -- -sv $G/api/slow
    cap $S lighttpd-503-errorfile.txt 503 proxy lighttpd "a dead shipping backend: the errorfile-prefix JSON body" "curl -si" -- -si $G/shipping/rates
    cap $S lighttpd-403-errorfile.txt 403 proxy lighttpd "url.access-deny on /internal/: the JSON errorfile" "curl -sv" -- -sv $G/internal/metrics
    caphttp $S lighttpd-404-errorfile-httpie.txt 404 proxy lighttpd "HTTPie: a static path with no file, the JSON errorfile" "HTTPie with colours" -- -v GET $G/docs/index.json
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
capbody $S body-nginx-401-json.txt 0/401 identity nginx "nginx's JSON 401 after auth_request" "no number" -- $N/api/orders/42
capbody $S body-fastapi-404.txt 0/404 app fastapi "FastAPI's JSON 404 behind auth_request" "no number" -- "${BU[@]}" $N/api/orders/999
capbody $S body-caddy-502.txt 502/502 proxy caddy "Caddy's handle_errors JSON" "status in the body" -- $C/inventory/levels
capbody $S body-node-401.txt 0/401 identity node "the forward_auth service's 401 JSON" "no number" -- $C/api/orders/42
capbody $S body-haproxy-403.txt 0/403 identity haproxy "HAProxy's JSON 403 for an unknown key" "no number" -- -H 'X-API-Key: k-old-0000' $H/api/orders/42
capbody $S body-django-429.txt 0/429 app django "Django's throttled JSON" "no number" -- "${KP[@]}" $H/api/limited
capbody $S body-apache-503-string.txt 0/503 proxy apache "Apache's ErrorDocument string" "no number" -- $P/stock/levels
capbody $S body-go-401.txt 401/401 app go-net-http "the Go app's JSON 401" "status in the body" -- -u ops:correct-horse $P/api/admin/reports
capbody $S body-varnish-403.txt 403/403 cdn-cache varnish "Varnish's synth JSON" "status in the body" -- $V/internal/metrics
capbody $S body-express-503.txt 503/503 app express "Express's 503 JSON" "status in the body" -- $V/api/maintenance
capbody $S body-lighttpd-503.txt 0/503 proxy lighttpd "lighttpd's errorfile JSON" "no number" -- $G/shipping/rates

# ================================================ headers-only pastes ==
S=headers-only-paste
caphead $S head-nginx-401.txt 401 identity nginx "curl -sI, no token, nginx auth_request" "" -- $N/api/orders/42
caphead $S head-apache-401.txt 401 identity apache "curl -sI, no credentials, Apache Basic" "" -- $P/api/admin/reports
caphead $S head-haproxy-401.txt 401 identity haproxy "curl -sI, no API key" "" -- $H/api/orders/42
caphead $S head-flask-404.txt 404 app flask "curl -sI, Flask's 404 behind Caddy" "" -- $C/open/orders/7
caphead $S head-varnish-404.txt 404 cdn-cache varnish "curl -sI, Varnish's synth 404" "" -- $V/docs/

# ======================================== stopped apps (last) ==
log "capturing: fronts with the app stopped"
stop_name go-app
capraw apache-basic-go apache-503-string-app-down.txt 503 proxy apache "the Go app stopped: the ErrorDocument string" "curl -si saved to a file (CRs kept)" -- -si $P/api/orders/42
stop_name fastapi
cap nginx-authrequest-fastapi nginx-502-app-stopped.txt 502 proxy nginx "FastAPI stopped, a valid token: the JSON 50x page" "curl -sv" -- -sv "${BU[@]}" $N/api/orders/42

# ============================================================ check ==
NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "captured $COUNT, mismatches $MISMATCH"
stop_all
if ((MISMATCH)); then
    log "status mismatches: $OUT left as it was; see $STAGE"
    exit 3
fi
[[ -e $OUT/README.md ]] && cp "$OUT/README.md" "$RUN/README.keep"
rm -rf "$OUT"
mkdir -p "$OUT"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
[[ -e $RUN/README.keep ]] && cp "$RUN/README.keep" "$OUT/README.md"
log "wrote $OUT ($COUNT captures)"
