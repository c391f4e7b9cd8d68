#!/usr/bin/env bash
# capture-round33.sh — build the thirty-third held-out evidence corpus in
# tests/fixtures/evidence-round33/.
#
# Theme: partial pastes, the way a tired engineer pastes them. Mainstream
# setups (Flask under gunicorn behind nginx, Express behind HAProxy, Django
# under gunicorn behind Apache, a Go net/http service behind Caddy, Varnish
# in front of Flask) answer with a spread of errors from the apps and from
# the fronts, and each answer is kept in one partial form: the body alone
# (curl -s), the headers alone (curl -sI, curl -sD - -o /dev/null, a status
# line with a few headers), curl -v cut short (no body, or no request part),
# curl -v between shell prompts after two log lines, with curl's (22), (52)
# or (28) line, a response pasted twice, a redirect and the error in one
# paste.
#
#   scripts/corpus/capture-round33.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round33.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round33.sh       # keep configs + logs in the runtime dir
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports 51000-51999)
# and the script stops if a new socket listens anywhere else; every curl runs
# under `timeout`; every loop is bounded; every server it started is stopped
# on exit, by process id. Installs and builds run under `nice -n 15`. Labels
# are written by finish_round33.py while each capture is made; when a label's
# status is not the one on the wire, the fixtures are left as they were.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round33"
RUN=/tmp/api-triage-corpus33
STAGE="$RUN/evidence"
CONF="$HERE/conf-round33"
APPS="$HERE/apps33"
VENV=${CORPUS_VENV33:-/tmp/api-triage-corpus33-venv}
NODE_DIR=${CORPUS_NODE33:-/tmp/api-triage-corpus33-node}
GODIR=${CORPUS_GO33:-/tmp/api-triage-corpus33-go}
START_TIME=$SECONDS
PY=/usr/bin/python3
PYPI=(flask==3.1.3 gunicorn==27.0.1 django==5.2.19)
NPM=(express@5.3.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus33 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PACKAGES=(python3-venv nodejs golang-go apache2 nginx haproxy varnish caddy)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
install_all() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
    if ((${#missing[@]})); then
        [[ ${CORPUS_SKIP_INSTALL:-0} == 1 || $(id -u) != 0 ]] && die "missing: ${missing[*]}"
        log "apt-get install ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive nice -n 15 timeout 900 apt-get install -y -q --no-install-recommends "${missing[@]}" \
            >"$RUN/logs/apt-install.log" 2>&1 || die "apt-get install failed"
    fi
    if ! "$VENV/bin/python" -c "import flask, django, gunicorn" 2>/dev/null; then
        [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && die "the venv is missing"
        "$PY" -m venv "$VENV" >"$RUN/logs/venv.log" 2>&1 || die "venv failed"
        nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >"$RUN/logs/pip.log" 2>&1 || die "pip failed"
    fi
    if [[ ! -e $NODE_DIR/node_modules/express/package.json ]]; then
        [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && die "express is missing"
        mkdir -p "$NODE_DIR"
        [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus33","private":true}' >"$NODE_DIR/package.json"
        (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
            >"$RUN/logs/npm.log" 2>&1 || die "npm failed"
    fi
    if [[ ! -x $GODIR/go_app || $APPS/go_app.go -nt $GODIR/go_app ]]; then
        mkdir -p "$GODIR"; cp "$APPS/go_app.go" "$GODIR/"
        (cd "$GODIR" && GO111MODULE=off GOPROXY=off GOCACHE="$GODIR/cache" nice -n 15 timeout 600 \
            go build -p 1 -o go_app go_app.go) >"$RUN/logs/go-build.log" 2>&1 || die "go build failed"
    fi
}

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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$GODIR/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
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
            # a worker or child a server left behind (php-fpm, daphne)
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
shquote() {
    if [[ $1 =~ ^[A-Za-z0-9_./:@=,+%-]+$ ]]; then printf '%s' "$1"
    else printf "'%s'" "${1//\'/\'\\\'\'}"; fi
}

cmdline() { local a; printf '$'; for a in "$@"; do printf ' %s' "$(shquote "$a")"; done; printf '\n'; }

in_work() { (cd "$RUN/work" && HOME="$RUN/work" CURL_HOME="$RUN/work" XDG_CONFIG_HOME="$RUN/work" "$@"); }

render() {
    local src=$1 dest=$2; shift 2
    sed -e "s|@RUN@|$RUN|g" "$@" "$src" >"$dest"
}

# ---------------------------------------------------------------- capture --
COUNT=0
MISMATCH=0

# c FORM SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE EXTRA -- CURL-ARGS...
# Runs curl once as the engineer did (the command line first, then what the
# terminal showed), with curl's own -D dump on the side for the wire status,
# and lets finish_round33.py shape it into FORM and write the label.
c() {
    local form=$1 setup=$2 file=$3 status=$4 layer=$5 product=$6 scenario=$7 note=$8 extra=$9
    shift 10
    local raw="$RUN/work/raw" hdr="$RUN/work/hdr" a dumps=0
    rm -f "$raw" "$hdr"
    for a in "$@"; do [[ $a == -sD ]] && dumps=1; done
    cmdline curl "$@" >"$raw"
    if ((dumps)); then
        in_work timeout 20 curl "$@" >>"$raw" 2>&1; hdr=$raw
    else
        in_work timeout 20 curl -D "$hdr" "$@" >>"$raw" 2>&1
    fi
    FINISH_KEEP_CR=1 "$PY" "$HERE/finish_round33.py" "$form" "$raw" "$hdr" "$STAGE/$file" "$STAGE/labels.toml" \
        "$setup" "$status" "$layer" "$product" "$scenario" "$note" ${extra:+"$extra"} || MISMATCH=$((MISMATCH + 1))
    COUNT=$((COUNT + 1))
}

quiet() { in_work timeout 10 curl -s -o /dev/null "$@" || true; }

# ------------------------------------------------------------------- main --
[[ -d $CONF && -d $APPS ]] || die "missing $CONF or $APPS"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work,evidence}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM
install_all

PORTS=(51010 51012 51015 51017 51050 51060 51070 51080 51090 51099)
for p in "${PORTS[@]}"; do listening "$p" && die "port 127.0.0.1:$p is already in use"; done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 2 --timeout 4)
start_bg flask "${GUNICORN[@]}" -b 127.0.0.1:51010 flask_app:app
start_bg django "${GUNICORN[@]}" -b 127.0.0.1:51012 django_app:application
start_bg express env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_app.js" 51015
start_bg go nice -n 5 "$GODIR/go_app" 51017
for p in 51010 51012 51015 51017; do wait_port $p app || die "an app did not start on $p"; done

# ---- fronts -------------------------------------------------------------------
mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/html/assets
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1 \
    || { cat "$RUN/logs/nginx-t.log" >&2; die "nginx config"; }
start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
wait_port 51050 nginx || die "nginx"

mkdir -p "$RUN"/apache/static
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
"$PY" -c "import crypt; print('ops:' + crypt.crypt('correct-horse', crypt.mksalt(crypt.METHOD_SHA512)))" \
    >"$RUN/apache/htpasswd" 2>/dev/null
chown -R www-data: "$RUN/apache" 2>/dev/null || true
apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1 || { cat "$RUN/logs/apache-t.log" >&2; die "apache config"; }
start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
wait_port 51070 apache || die "apache"

mkdir -p "$RUN"/caddy/{data,home}
HASH=$(timeout 20 caddy hash-password --plaintext 'correct-horse' 2>/dev/null | tail -n 1)
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s#@HASH@#$HASH#"
start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
    XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 51080 caddy || die "caddy"

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
wait_port 51060 haproxy || die "haproxy"

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:51090 -T none -f "$RUN/varnish/default.vcl" \
    -n "$RUN/varnish/work" -s malloc,16m
wait_port 51090 varnish || die "varnish"
sleep 3  # HAProxy's health checks settle

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 33 (held out): real responses captured by
# scripts/corpus/capture-round33.sh from real servers on 127.0.0.1, one
# response per file, each kept in the partial form an engineer pastes.
# Generated; do not edit by hand — change the script.
#
# Same fields and words as earlier rounds:
# status       the final HTTP status on the wire (0 = no HTTP response); for
#              body-only pastes, the status the paste itself shows (0 = none)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (the body, and curl's own error line if any) or
#              "headers-only" (no body: curl -sI, curl -sD - -o /dev/null, a
#              status line with a few headers, curl -v cut after the headers);
#              absent for transcripts that have the status line and the body
# wire_status  body-only pastes: the status the server really sent (0 when
#              no response came); also 0 on transcripts with no response
EOF_LABELS

N=http://127.0.0.1:51050 H=http://127.0.0.1:51060 A=http://127.0.0.1:51070
C=http://127.0.0.1:51080 V=http://127.0.0.1:51090 F=http://127.0.0.1:51010
E=http://127.0.0.1:51015 G=http://127.0.0.1:51017
J=(-H 'Content-Type: application/json')
BIG=$(head -c 3000 /dev/zero | tr '\0' 'x')
NGLOG=$RUN/nginx/error.log APLOG=$RUN/apache/error.log

# ---- Flask under gunicorn behind nginx ---------------------------------------
S=flask-nginx
c body $S body-flask-404-json.txt 0/404 app flask "unknown invoice: the app's JSON 404 without a status field" "curl -s" "" -- -s $N/api/invoices/404
c body $S body-flask-400-json-status.txt 400/400 app flask "non-object body: the app's JSON 400 with a status field" "curl -s" "" -- -s "${J[@]}" -d '[1]' $N/api/invoices
c body $S body-flask-422-problem.txt 422/422 app flask "RFC 9457 problem details for a bad amount" "curl -s" "" -- -s "${J[@]}" -d '{"amount":-5}' $N/api/invoices
c body $S body-flask-500-html.txt 500/500 app flask "Flask's stock 500 page for a TypeError" "curl -s" "" -- -s $N/api/boom
c body $S body-flask-405-html.txt 405/405 app flask "Flask's stock 405 page for DELETE" "curl -s" "" -- -s -X DELETE $N/api/invoices/1
c body $S body-flask-503-text.txt 0/503 app flask "plain-text 503 of a paused export" "curl -s" "" -- -s $N/api/export
c body $S body-flask-401-empty.txt 0/401 app flask "empty 401 with a Bearer challenge: the body-only paste is nothing" "curl -s: no output at all" "" -- -s $N/api/invoices/1/pdf
c body $S body-nginx-502-html.txt 502/502 proxy nginx "nginx's 502 page: the billing service is not running" "curl -s" "" -- -s $N/billing/summary
c body $S body-nginx-504-html.txt 504/504 proxy nginx "nginx's 504 page after proxy_read_timeout 2s" "curl -s" "" -- -s $N/api/slow
c body $S body-nginx-413-html.txt 413/413 proxy nginx "nginx's 413 page over client_max_body_size 1k" "curl -s" "" -- -s "${J[@]}" -d "{\"note\":\"$BIG\"}" $N/api/invoices
c body $S fail-nginx-502.txt 502/502 proxy nginx "curl -sSf on the dead billing service: only curl's (22) line" "curl -sSf" "" -- -sSf $N/billing/summary
c body $S fail-flask-404.txt 404/404 app flask "curl -sSf on an unknown invoice: only curl's (22) line" "curl -sSf" "" -- -sSf $N/api/invoices/404
c body $S body-nginx-444-empty-reply.txt 0/0 proxy nginx "return 444 on /wp-login.php: curl -sS shows only (52)" "curl -sS; no HTTP response" "" -- -sS $N/wp-login.php
c head $S head-flask-404.txt 404 app flask "curl -sI on an unknown invoice (HEAD)" "curl -sI" "" -- -sI $N/api/invoices/404
c head $S head-nginx-502.txt 502 proxy nginx "curl -sI on the dead billing service" "curl -sI" "" -- -sI $N/billing/summary
c head $S dump-flask-422.txt 422 app flask "curl -sD - -o /dev/null on a bad amount: problem+json headers" "curl -sD - -o /dev/null" "" -- -sD - -o /dev/null "${J[@]}" -d '{"amount":0}' $N/api/invoices
c head $S dump-nginx-504.txt 504 proxy nginx "curl -sD - -o /dev/null on the slow route" "curl -sD - -o /dev/null" "" -- -sD - -o /dev/null $N/api/slow
c few $S few-flask-500.txt 500 app flask "status line and two headers of Flask's 500" "the rest cut by the engineer" "content-type,server" -- -si $N/api/boom
c few $S few-nginx-413.txt 413 proxy nginx "status line and Server of nginx's 413" "the rest cut by the engineer" "server,connection" -- -si "${J[@]}" -d "{\"note\":\"$BIG\"}" $N/api/invoices
c vnobody $S vnobody-flask-409.txt 409 app flask "curl -sv cut after the headers: the app's 409" "body left out" "" -- -sv -X POST $N/api/invoices/1/void
c vnobody $S vnobody-nginx-504.txt 504 proxy nginx "curl -sv cut after the headers: nginx's 504" "body left out" "" -- -sv $N/api/slow
c vnoreq $S vnoreq-flask-422.txt 422 app flask "curl -sv from the response line on: the problem details 422" "request part cut" "" -- -sv "${J[@]}" -d '{"amount":"ten"}' $N/api/invoices
c vnoreq $S vnoreq-nginx-502.txt 502 proxy nginx "curl -sv from the response line on: nginx's 502" "request part cut" "" -- -sv $N/billing/summary
c vlog $S vlog-nginx-502.txt 502 proxy nginx "curl -sv between prompts, then nginx's error.log" "shell prompts and log lines around it" "$NGLOG" -- -sv $N/billing/summary
c vlog $S vlog-nginx-504.txt 504 proxy nginx "curl -sv between prompts, then nginx's error.log (upstream timed out)" "shell prompts and log lines around it" "$NGLOG" -- -sv $N/api/slow
c vlog $S vlog-flask-500.txt 500 app flask "curl -sv between prompts, then the gunicorn log with the traceback's end" "shell prompts and log lines around it" "$RUN/logs/flask.log" -- -sv $N/api/boom
c v $S vfail-flask-422.txt 422 app flask "curl -svf: headers, then curl's (22) line instead of the body" "curl -svf" "" -- -svf "${J[@]}" -d '{"amount":-1}' $N/api/invoices
c v $S vfail-nginx-413.txt 413 proxy nginx "curl -svf: nginx's 413 headers, then curl's (22)" "curl -svf" "" -- -svf "${J[@]}" -d "{\"note\":\"$BIG\"}" $N/api/invoices
c v $S v0-nginx-444.txt 0 proxy nginx "return 444: curl -sv ends in (52) Empty reply from server" "curl -sSv; no HTTP response" "" -- -sSv $N/wp-login.php
c twice $S twice-nginx-502.txt 502 proxy nginx "curl -si of nginx's 502 pasted twice" "pasted twice" "" -- -si $N/billing/summary
c twice $S twice-flask-404.txt 404 app flask "curl -si of the app's 404 pasted twice" "pasted twice" "" -- -si $N/api/invoices/404
c v $S redir-flask-404.txt 404 app flask "curl -siL: nginx's 301, then the app's 404" "two responses in one paste" "" -- -siL $N/old-invoices/7
c v $S redir-v-flask-404.txt 404 app flask "curl -svL: nginx's 301, then the app's 404" "two responses in one paste" "" -- -svL $N/old-invoices/8
c vcr $S vcr-nginx-404-assets.txt 404 proxy nginx "nginx's own 404 page for a missing static file" "curl -si saved with CRs" "" -- -si $N/assets/app.js
c v $S v-flask-413.txt 413 app flask "Werkzeug's 413 page (MAX_CONTENT_LENGTH 1 KiB) under nginx's limit" "curl -si" "" -- -si "${J[@]}" -d "{\"note\":\"${BIG:0:900}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}" $N/api/invoices

# ---- Express behind HAProxy ---------------------------------------------------
S=express-haproxy
c body $S body-express-404-json.txt 404/404 app express "unknown cart: JSON 404 with a status field" "curl -s" "" -- -s $H/api/carts/9
c body $S body-express-cannot-get.txt 0/404 app express "no route: Express's 'Cannot GET' page" "curl -s" "" -- -s $H/api/orders
c body $S body-express-500-html.txt 0/500 app express "Express's default 500 page in production" "curl -s" "" -- -s $H/api/boom
c body $S body-express-429-text.txt 0/429 app express "plain-text 'Too Many Requests'" "curl -s" "" -- -s $H/api/quota
c body $S body-express-400-bad-json.txt 0/400 app express "body-parser's 400 page for broken JSON" "curl -s" "" -- -s "${J[@]}" -d '{"items":' $H/api/carts
c body $S body-haproxy-503.txt 503/503 load-balancer haproxy "HAProxy's 503: no server up in the legacy backend" "curl -s" "" -- -s $H/legacy/carts
c body $S body-haproxy-504.txt 504/504 load-balancer haproxy "HAProxy's 504 after timeout server 2s" "curl -s" "" -- -s $H/api/slow
c body $S body-haproxy-403.txt 403/403 load-balancer haproxy "HAProxy's 403 from http-request deny" "curl -s" "" -- -s $H/internal/metrics
c body $S fail-haproxy-503.txt 503/503 load-balancer haproxy "curl -sSf on the legacy backend: only curl's (22) line" "curl -sSf" "" -- -sSf $H/legacy/carts
c body $S body-haproxy-reject.txt 0/0 load-balancer haproxy "http-request reject: curl -sS shows only (52)" "curl -sS; no HTTP response" "" -- -sS $H/scanner/probe
c head $S head-express-404.txt 404 app express "curl -sI on an unknown cart" "curl -sI" "" -- -sI $H/api/carts/9
c head $S head-haproxy-503.txt 503 load-balancer haproxy "curl -sI on the legacy backend" "curl -sI" "" -- -sI $H/legacy/carts
c head $S dump-express-402.txt 402 app express "curl -sD - -o /dev/null on a declined card" "curl -sD - -o /dev/null" "" -- -sD - -o /dev/null $H/api/checkout
c head $S dump-haproxy-504.txt 504 load-balancer haproxy "curl -sD - -o /dev/null on the slow route" "curl -sD - -o /dev/null" "" -- -sD - -o /dev/null $H/api/slow
c few $S few-express-429.txt 429 app express "status line with Retry-After and X-Powered-By" "the rest cut by the engineer" "retry-after,x-powered-by" -- -si $H/api/quota
c few $S few-haproxy-403.txt 403 load-balancer haproxy "status line and two headers of HAProxy's 403" "the rest cut by the engineer" "content-type,cache-control" -- -si $H/internal/metrics
c vnobody $S vnobody-express-422.txt 422 app express "curl -sv cut after the headers: the app's 422" "body left out" "" -- -sv "${J[@]}" -d '{"items":3}' $H/api/carts
c vnobody $S vnobody-haproxy-503.txt 503 load-balancer haproxy "curl -sv cut after the headers: HAProxy's 503" "body left out" "" -- -sv $H/legacy/carts
c vnoreq $S vnoreq-express-500.txt 500 app express "curl -sv from the response line on: Express's 500" "request part cut" "" -- -sv $H/api/boom
c vnoreq $S vnoreq-haproxy-504.txt 504 load-balancer haproxy "curl -sv from the response line on: HAProxy's 504" "request part cut" "" -- -sv $H/api/slow
c v $S vfail-express-402.txt 402 app express "curl -svf: the app's 402 headers, then curl's (22)" "curl -svf" "" -- -svf $H/api/checkout
c v $S vfail-haproxy-403.txt 403 load-balancer haproxy "curl -svf: HAProxy's 403 headers, then curl's (22)" "curl -svf" "" -- -svf $H/internal/metrics
c v $S v0-haproxy-reject.txt 0 load-balancer haproxy "http-request reject: curl -sv ends in (52)" "curl -sSv; no HTTP response" "" -- -sSv $H/scanner/probe
c twice $S twice-haproxy-503.txt 503 load-balancer haproxy "curl -si of HAProxy's 503 pasted twice" "pasted twice" "" -- -si $H/legacy/carts
c twice $S twice-express-cannot-get.txt 404 app express "curl -si of 'Cannot GET' pasted twice" "pasted twice" "" -- -si $H/api/orders
c v $S redir-express-404.txt 404 app express "curl -siL: HAProxy's 302, then the app's 404" "two responses in one paste" "" -- -siL $H/cart
c v $S redir-v-express-404.txt 404 app express "curl -svL: HAProxy's 302, then the app's 404" "two responses in one paste" "" -- -svL $H/cart
c vcr $S vcr-express-413.txt 413 app express "body-parser's 413 page" "curl -si saved with CRs" "" -- -si "${J[@]}" -d "{\"items\":[\"$BIG\"]}" $H/api/carts

# ---- Django under gunicorn behind Apache ---------------------------------------
S=django-apache
c body $S body-django-404-html.txt 0/404 app django "Django's production 404 page" "curl -s" "" -- -s $A/api/accounts/9
c body $S body-django-500-html.txt 500/500 app django "Django's production 500 page" "curl -s" "" -- -s $A/api/boom
c body $S body-django-400-host.txt 400/400 app django "Django's 400 page for a Host not in ALLOWED_HOSTS" "curl -s" "" -- -s -H 'Host: evil.example' $A/api/accounts/1
c body $S body-django-403-csrf.txt 403/403 app django "Django's CSRF 403 page for a POST without a token" "curl -s" "" -- -s -X POST $A/api/profile
c body $S body-django-401-json.txt 0/401 app django "the view's JSON 401 'credentials were not provided'" "curl -s" "" -- -s $A/api/me
c body $S body-django-400-json.txt 0/400 app django "the view's field errors for a bad email" "curl -s" "" -- -s "${J[@]}" -d '{"email":"nope"}' $A/api/signup
c body $S body-apache-503.txt 503/503 proxy apache "Apache's 503 page: the reports backend is not running" "curl -s" "" -- -s $A/reports/monthly
c body $S body-apache-401.txt 401/401 identity apache "Apache's Basic auth 401 page on /ops/" "curl -s" "" -- -s $A/ops/me
c body $S body-apache-404-static.txt 404/404 proxy apache "Apache's 404 page for a missing static file (the front serves /static/ itself)" "curl -s" "" -- -s $A/static/app.css
c head $S head-django-404.txt 404 app django "curl -sI on an unknown account" "curl -sI" "" -- -sI $A/api/accounts/9
c head $S head-apache-401.txt 401 identity apache "curl -sI on /ops/ with no credentials" "curl -sI" "" -- -sI $A/ops/me
c head $S dump-apache-503.txt 503 proxy apache "curl -sD - -o /dev/null on the dead reports backend" "curl -sD - -o /dev/null" "" -- -sD - -o /dev/null $A/reports/monthly
c few $S few-django-403.txt 403 app django "status line and two headers of the CSRF 403" "the rest cut by the engineer" "content-type,server" -- -si -X POST $A/api/profile
c few $S few-apache-503.txt 503 proxy apache "status line and Server of Apache's 503" "the rest cut by the engineer" "server" -- -si $A/reports/monthly
c vnobody $S vnobody-django-500.txt 500 app django "curl -sv cut after the headers: Django's 500" "body left out" "" -- -sv $A/api/boom
c vnobody $S vnobody-apache-401.txt 401 identity apache "curl -sv cut after the headers: Basic challenge" "body left out" "" -- -sv $A/ops/me
c vnoreq $S vnoreq-django-400.txt 400 app django "curl -sv from the response line on: DisallowedHost 400" "request part cut" "" -- -sv -H 'Host: evil.example' $A/api/accounts/1
c vnoreq $S vnoreq-apache-503.txt 503 proxy apache "curl -sv from the response line on: Apache's 503" "request part cut" "" -- -sv $A/reports/monthly
c vlog $S vlog-apache-503.txt 503 proxy apache "curl -sv between prompts, then Apache's error.log (connection refused)" "shell prompts and log lines around it" "$APLOG" -- -sv $A/reports/monthly
c vlog $S vlog-apache-401.txt 401 identity apache "curl -sv with a wrong password between prompts, then Apache's error.log (password mismatch)" "shell prompts and log lines around it" "$APLOG" -- -sv -u ops:wrong $A/ops/me
c v $S ops-django-401.txt 401 app django "right Basic credentials: Django's own JSON 401 behind the auth" "curl -si" "" -- -si -u ops:correct-horse $A/ops/me
c v $S vfail-django-404.txt 404 app django "curl -svf: Django's 404 headers, then curl's (22)" "curl -svf" "" -- -svf $A/api/accounts/9
c twice $S twice-apache-401.txt 401 identity apache "curl -si of Apache's Basic 401 pasted twice" "pasted twice" "" -- -si $A/ops/me
c v $S redir-django-404.txt 404 app django "curl -siL: Apache's 301, then Django's 404" "two responses in one paste" "" -- -siL $A/signup.html
c vcr $S vcr-django-500.txt 500 app django "Django's 500 page" "curl -si saved with CRs" "" -- -si $A/api/boom

# ---- Go net/http behind Caddy ----------------------------------------------------
S=go-caddy
c body $S body-go-404-text.txt 0/404 app go-net-http "http.Error: 'shipment not found'" "curl -s" "" -- -s $C/api/shipments/9
c body $S body-go-404-default.txt 404/404 app go-net-http "Go's '404 page not found'" "curl -s" "" -- -s $C/api/nothing
c body $S body-go-409-problem.txt 409/409 app go-net-http "RFC 9457 problem details 409" "curl -s" "" -- -s $C/api/shipments/7
c body $S body-go-400-text.txt 0/400 app go-net-http "http.Error 400 about the label size" "curl -s" "" -- -s $C/api/labels
c body $S body-go-500-empty.txt 0/500 app go-net-http "an empty 500" "curl -s: no output at all" "" -- -s $C/api/crash
c body $S body-caddy-502-empty.txt 0/502 proxy caddy "Caddy's empty 502: the tracking service is not running" "curl -s: no output at all" "" -- -s $C/tracking/42
c body $S body-caddy-504-empty.txt 0/504 proxy caddy "Caddy's empty 504 after response_header_timeout 2s" "curl -s: no output at all" "" -- -s $C/api/slow
c body $S fail-caddy-502.txt 502/502 proxy caddy "curl -sSf on the dead tracking service: only curl's (22) line" "curl -sSf" "" -- -sSf $C/tracking/42
c body $S fail-caddy-401.txt 401/401 identity caddy "curl -sSf on the admin path: only curl's (22) line" "curl -sSf" "" -- -sSf $C/api/admin/stats
c head $S head-go-405.txt 405 app go-net-http "curl -sI -X DELETE: http.Error 405 with Allow" "curl -sI" "" -- -sI -X DELETE $C/api/shipments/1
c head $S head-caddy-401.txt 401 identity caddy "curl -sI on the admin path: Basic challenge" "curl -sI" "" -- -sI $C/api/admin/stats
c head $S dump-caddy-502.txt 502 proxy caddy "curl -sD - -o /dev/null on the dead tracking service" "curl -sD - -o /dev/null" "" -- -sD - -o /dev/null $C/tracking/42
c head $S dump-go-409.txt 409 app go-net-http "curl -sD - -o /dev/null on a dispatched shipment" "curl -sD - -o /dev/null" "" -- -sD - -o /dev/null $C/api/shipments/7
c few $S few-caddy-504.txt 504 proxy caddy "status line and Server of Caddy's 504" "the rest cut by the engineer" "server" -- -si $C/api/slow
c few $S few-go-404.txt 404 app go-net-http "status line and two headers of the app's 404" "the rest cut by the engineer" "content-type,x-content-type-options" -- -si $C/api/shipments/9
c vnobody $S vnobody-caddy-502-abort.txt 502 proxy caddy "curl -sv cut after the headers: Caddy's 502 when the handler aborts" "body left out" "" -- -sv $C/api/abort
c vnoreq $S vnoreq-go-400.txt 400 app go-net-http "curl -sv from the response line on: the app's 400" "request part cut" "" -- -sv $C/api/labels
c vnoreq $S vnoreq-caddy-504.txt 504 proxy caddy "curl -sv from the response line on: Caddy's 504" "request part cut" "" -- -sv $C/api/slow
c vlog $S vlog-caddy-502.txt 502 proxy caddy "curl -sv between prompts, then Caddy's log (dial tcp ... connection refused)" "shell prompts and log lines around it" "$RUN/logs/caddy.log" -- -sv $C/tracking/42
c v $S vfail-caddy-401.txt 401 identity caddy "curl -svf with a wrong password: Caddy's 401, then curl's (22)" "curl -svf" "" -- -svf -u ops:wrong $C/api/admin/stats
c v $S vfail-go-500.txt 500 app go-net-http "curl -svf: the app's empty 500, then curl's (22)" "curl -svf" "" -- -svf $C/api/crash
c twice $S twice-caddy-502.txt 502 proxy caddy "curl -si of Caddy's empty 502 pasted twice" "pasted twice" "" -- -si $C/tracking/42
c v $S redir-go-404.txt 404 app go-net-http "curl -siL: Caddy's 308, then the app's 404" "two responses in one paste" "" -- -siL $C/track
c v $S admin-go-404.txt 404 app go-net-http "right credentials: Go's '404 page not found' behind the auth" "curl -si" "" -- -si -u ops:correct-horse $C/api/admin/stats

# ---- Varnish in front of Flask ------------------------------------------------------
S=varnish-flask
quiet $V/api/invoices/777   # the miss that fills the cache
c v $S varnish-hit-flask-404.txt 404 app flask "a HIT of the app's 404 (the builtin VCL caches a 404)" "curl -si; X-Cache: HIT" "" -- -si $V/api/invoices/777
c body $S body-varnish-503.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page: the reports backend is down" "curl -s" "" -- -s $V/reports/q3
c body $S body-varnish-503-timeout.txt 503/503 cdn-cache varnish "Varnish's 503 after first_byte_timeout 2s" "curl -s" "" -- -s $V/api/slow
c head $S head-varnish-503.txt 503 cdn-cache varnish "curl -sI on the dead reports backend" "curl -sI" "" -- -sI $V/reports/q3
c vnobody $S vnobody-varnish-503.txt 503 cdn-cache varnish "curl -sv cut after the headers: Varnish's 503" "body left out" "" -- -sv $V/reports/q3
c vnoreq $S vnoreq-flask-500-varnish.txt 500 app flask "curl -sv from the response line on: Flask's 500 passed by Varnish" "request part cut" "" -- -sv $V/api/boom
c twice $S twice-varnish-503.txt 503 cdn-cache varnish "curl -si of Varnish's 503 pasted twice" "pasted twice" "" -- -si $V/reports/q3

# ---- the apps with nothing in front: no response at all ------------------------------
S=apps-direct
c v $S v-gunicorn-500-worker-timeout.txt 500 app gunicorn "gunicorn kills the worker after --timeout 4 and answers its own bare 500 page" "curl -sv" "" -- -sv $F/api/slow
c body $S body-gunicorn-500-worker-timeout.txt 0/500 app gunicorn "the same, curl -s: gunicorn's 'Internal Server Error' page" "curl -s" "" -- -s $F/api/slow
c v $S v0-go-abort.txt 0 app go-net-http "the handler panics with http.ErrAbortHandler: (52) Empty reply" "curl -sSv; no HTTP response" "" -- -sSv $G/api/abort
c v $S v28-go-slow.txt 0 app go-net-http "curl -m 2 on the handler that sleeps 6 s: (28) Operation timed out" "curl -sSv; no HTTP response; the app held the request" "" -- -sSv -m 2 $G/api/slow
c body $S body28-express-slow.txt 0/0 app express "curl -sS -m 2 on Express's slow handler: only (28)" "curl -sS -m 2; no HTTP response; the app held the request" "" -- -sS -m 2 $E/api/slow

log "captured $COUNT, $MISMATCH mismatched"
((MISMATCH == 0)) || die "labels disagree with the wire; $OUT left as it was (see $STAGE)"
mkdir -p "$OUT"
find "$OUT" -maxdepth 1 \( -name '*.txt' -o -name labels.toml \) -delete   # the README stays
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $OUT"
