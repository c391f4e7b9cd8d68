#!/usr/bin/env bash
# capture-round50.sh — build the fiftieth held-out evidence corpus in
# tests/fixtures/evidence-round50/.
#
# Theme: partial pastes again, as tired engineers paste them, from eight
# mainstream setups paired differently from earlier rounds: Flask under
# gunicorn behind lighttpd, Django under gunicorn behind Squid as a reverse
# accelerator, Express behind Caddy (a JSON handle_errors on /api/), Sinatra
# under Puma behind nginx (limit_req 429 and a JSON error_page), HAProxy ->
# nginx -> the same Sinatra, PHP-FPM behind HAProxy's fcgi-app (JSON
# errorfiles), a Go net/http service behind Varnish (JSON synth answers, a
# vsthrottle 429), FastAPI under uvicorn behind Apache. Each answer, the apps'
# own errors and the fronts' own (502/503/504 with the app stopped or slow,
# 413, 403, 404, 429), is kept in one form: the body alone (curl -s), curl's
# `(22)` line alone (curl -sS --fail), the headers alone (curl -sI, curl -sD -
# -o /dev/null), the status line and the first few headers, curl -sv with
# the body left off, or (about a third) the whole curl -si transcript.
#
#   scripts/corpus/capture-round50.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round50.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round50.sh       # keep configs + logs in the runtime dir
#
# Rules as in earlier rounds: every server binds 127.0.0.1 (ports
# 58600-58699; 58698 and 58699 are ports nothing listens on) and the script
# stops if a new socket listens anywhere else; every curl runs under
# `timeout`; every loop is bounded; every server it started is stopped on
# exit, by process id. Installs and builds run under `nice -n 15`. Labels are
# written by finish_round50.py while each capture is made; when a label's
# status is not the one on the wire, the fixtures are left as they were.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round50"
RUN=/tmp/api-triage-corpus50
STAGE="$RUN/evidence"
CONF="$HERE/conf-round50"
APPS="$HERE/apps50"
VENV=${CORPUS_VENV50:-/tmp/api-triage-corpus50-venv}
NODE_DIR=${CORPUS_NODE50:-/tmp/api-triage-corpus50-node}
GODIR=${CORPUS_GO50:-/tmp/api-triage-corpus50-go}
START_TIME=$SECONDS
PY=/usr/bin/python3
PYPI=(flask==3.1.3 gunicorn==27.0.1 fastapi==0.165.0 uvicorn==0.55.0 django==5.2.19)
NPM=(express@5.3.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus50 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PACKAGES=(python3-venv nodejs golang-go apache2 nginx haproxy varnish varnish-modules caddy squid lighttpd
          php8.2-fpm ruby-sinatra puma)
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
    if ! "$VENV/bin/python" -c "import flask, fastapi, django, gunicorn, uvicorn" 2>/dev/null; then
        [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && die "the venv is missing"
        "$PY" -m venv "$VENV" >"$RUN/logs/venv.log" 2>&1 || die "venv failed"
        nice -n 15 timeout 900 "$VENV/bin/pip" install -q "${PYPI[@]}" >"$RUN/logs/pip.log" 2>&1 || die "pip failed"
    fi
    if [[ ! -e $NODE_DIR/node_modules/express/package.json ]]; then
        [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && die "express is missing"
        mkdir -p "$NODE_DIR"
        [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus50","private":true}' >"$NODE_DIR/package.json"
        (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund --save-exact "${NPM[@]}") \
            >"$RUN/logs/npm.log" 2>&1 || die "npm failed"
    fi
    if [[ ! -x $GODIR/go_app || $APPS/go_app.go -nt $GODIR/go_app ]]; then
        mkdir -p "$GODIR"; cp "$APPS/go_app.go" "$GODIR/"
        (cd "$GODIR" && GO111MODULE=off GOPROXY=off GOCACHE="$GODIR/cache" nice -n 15 timeout 600 \
            /usr/bin/go build -p 1 -o go_app go_app.go) >"$RUN/logs/go-build.log" 2>&1 || die "go build failed"
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

# ---------------------------------------------------------------- capture --
COUNT=0
MISMATCH=0

# c FORM SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE EXTRA -- CURL-ARGS...
# Runs curl once as the engineer did (the command line first, then what the
# terminal showed), with curl's own -D dump on the side for the wire status,
# and lets finish_round50.py shape it into FORM and write the label.
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
    "$PY" "$HERE/finish_round50.py" "$form" "$raw" "$hdr" "$STAGE/$file" "$STAGE/labels.toml" \
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

PORTS=(58610 58611 58612 58613 58614 58615 58616 58650 58651 58652 58653 58654 58655 58656 58657 58658 58698 58699)
for p in "${PORTS[@]}"; do listening "$p" && die "port 127.0.0.1:$p is already in use"; done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
GUNICORN=(nice -n 5 "$VENV/bin/gunicorn" --chdir "$APPS" --workers 2 --timeout 30)
start_bg flask "${GUNICORN[@]}" -b 127.0.0.1:58610 flask_app:app
start_bg fastapi nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --port 58611 fastapi_app:app
start_bg django "${GUNICORN[@]}" -b 127.0.0.1:58612 django_app:application
start_bg express env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node "$APPS/express_app.js" 58613
start_bg go nice -n 5 "$GODIR/go_app" 58614
start_bg puma nice -n 5 puma -b tcp://127.0.0.1:58615 -e production "$APPS/sinatra_app.ru"
mkdir -p "$RUN"/php-fpm "$RUN"/php/old
cp "$APPS"/php/index.php "$RUN/php/"
render "$CONF/php-fpm.conf" "$RUN/php-fpm/php-fpm.conf"
chown -R www-data: "$RUN/php-fpm" "$RUN/php" 2>/dev/null || true
start_bg php-fpm php-fpm8.2 -F -R -y "$RUN/php-fpm/php-fpm.conf"
for p in 58610 58611 58612 58613 58614 58615 58616; do wait_port $p app || die "an app did not start on $p"; done

# ---- fronts -------------------------------------------------------------------
mkdir -p "$RUN"/lighttpd/www/static
echo 'body { margin: 0 }' >"$RUN/lighttpd/www/static/site.css"
render "$CONF/lighttpd.conf" "$RUN/lighttpd/lighttpd.conf"
chown -R www-data: "$RUN/lighttpd" 2>/dev/null || true
lighttpd -tt -f "$RUN/lighttpd/lighttpd.conf" >"$RUN/logs/lighttpd-t.log" 2>&1 || { cat "$RUN/logs/lighttpd-t.log" >&2; die "lighttpd config"; }
start_bg lighttpd lighttpd -D -f "$RUN/lighttpd/lighttpd.conf"
wait_port 58650 lighttpd || die "lighttpd"

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus50 -f "$RUN/squid/squid.conf"
wait_port 58651 squid || die "squid"

mkdir -p "$RUN"/caddy/{data,home} "$RUN"/caddy/www/assets
echo 'console.log("carts")' >"$RUN/caddy/www/assets/app.js"
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
    XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 58652 caddy || die "caddy"

mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/html/assets
echo 'body { margin: 0 }' >"$RUN/nginx/html/assets/site.css"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf" -e "s|@CONF@|$CONF|g"
chown -R www-data: "$RUN/nginx" 2>/dev/null || true
nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1 \
    || { cat "$RUN/logs/nginx-t.log" >&2; die "nginx config"; }
start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
wait_port 58653 nginx && wait_port 58658 nginx || die "nginx"

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg" -e "s|@CONF@|$CONF|g"
haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1 || { cat "$RUN/logs/haproxy-c.log" >&2; die "haproxy config"; }
start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
wait_port 58654 haproxy && wait_port 58657 haproxy || die "haproxy"

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:58655 -T none -f "$RUN/varnish/default.vcl" \
    -n "$RUN/varnish/work" -s malloc,16m
wait_port 58655 varnish || die "varnish"

mkdir -p "$RUN"/apache/www/static
echo 'body { margin: 0 }' >"$RUN/apache/www/static/site.css"
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
"$PY" -c "import crypt; print('ops:' + crypt.crypt('correct-horse', crypt.mksalt(crypt.METHOD_SHA512)))" \
    >"$RUN/apache/htpasswd" 2>/dev/null
chown -R www-data: "$RUN/apache" 2>/dev/null || true
apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1 || { cat "$RUN/logs/apache-t.log" >&2; die "apache config"; }
# its own process group: on shutdown Apache signals its whole group
start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
wait_port 58656 apache || die "apache"
sleep 3  # HAProxy's health checks settle

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 50 (held out): real responses captured by
# scripts/corpus/capture-round50.sh from real servers on 127.0.0.1, one
# response per file, most kept in the partial form an engineer pastes.
# Generated; do not edit by hand — change the script.
#
# Same fields and words as earlier rounds:
# status       the final HTTP status on the wire; for body-only pastes, the
#              status the paste itself shows (in the body or in curl's
#              `(22)` line; 0 = none)
# layer        who GENERATED the response (truth from the setup, not from
#              headers): app, proxy, load-balancer, cdn-cache, waf, identity, unknown
# product      the software that wrote the bytes
# setup        the setup that produced it (split the set by this field)
# paste        "body-only" (the body, or only curl's own `(22)` line) or
#              "headers-only" (no body: curl -sI, curl -sD - -o /dev/null, the
#              status line and the first few headers, curl -sv cut after the
#              headers); absent for whole transcripts
# wire_status  body-only pastes: the status the server really sent
EOF_LABELS

L=http://127.0.0.1:58650 Q=http://127.0.0.1:58651 C=http://127.0.0.1:58652 N=http://127.0.0.1:58653
P=http://127.0.0.1:58654 V=http://127.0.0.1:58655 A=http://127.0.0.1:58656 H=http://127.0.0.1:58657
J=(-H 'Content-Type: application/json')
cd "$RUN/work" || die "no work dir"
mkpayload() { "$PY" -c "import json,sys; print(json.dumps({'note': 'x' * (int(sys.argv[1]) - 12)}), end='')" "$1" >"$RUN/work/$2"; }
mkpayload 2000 note-2k.json
mkpayload 3000 note-3k.json
mkpayload 6000 note-6k.json
mkpayload 8000 note-8k.json
mkpayload 16000 note-16k.json
head -c 4000 /dev/zero | tr '\0' 'x' | sed 's/^/email=/' >"$RUN/work/form-4k.txt"

# ---- Flask under gunicorn behind lighttpd --------------------------------------------
S=flask-gunicorn-lighttpd
c v $S flask-404-json-lighttpd.txt 404 app flask "unknown ticket: the app's JSON 404 with an error code" "curl -si" "" -- -si $L/api/tickets/9
c v $S flask-422-fields-lighttpd.txt 422 app flask "POST without subject and with a bad priority: the app's JSON 422" "curl -si" "" -- -si "${J[@]}" -d '{"priority":"urgent"}' $L/api/tickets
c v $S flask-413-werkzeug-lighttpd.txt 413 app flask "a 6 KB attachment over MAX_CONTENT_LENGTH 4 KiB (under lighttpd's 8 KB): Werkzeug's 413 page" "curl -si" "" -- -si "${J[@]}" --data-binary @note-6k.json $L/api/tickets/1/attachments
c body $S body-flask-500-page.txt 500/500 app flask "a TypeError: Flask's stock 500 page" "curl -s" "" -- -s $L/api/boom
c head $S dump-flask-405.txt 405 app flask "DELETE on a GET route: Flask's 405, headers only" "curl -sD - -o /dev/null" "" -- -sD - -o /dev/null -X DELETE $L/api/tickets/1
c cut $S cut-lighttpd-411-post-no-length.txt 411 proxy lighttpd "a POST with no body and no Content-Length: lighttpd's 411 before the app sees it" "first 4 header lines of curl -si" 4 -- -si -X POST $L/api/tickets/1/close
c cut $S cut-flask-409.txt 409 app flask "the same POST with an empty body: the app's JSON 409 for a locked ticket" "first 4 header lines of curl -si" 4 -- -si -X POST -d '' $L/api/tickets/1/close
c vnobody $S vnobody-flask-401-empty.txt 401 app flask "the app's empty 401 with a Bearer challenge" "curl -sv, body left off" "" -- -sv $L/api/me
c body $S fail-flask-429.txt 429/429 app flask "the app's own JSON 429 for searches: curl -sS --fail shows only its (22) line" "curl -sS --fail" "" -- -sS --fail $L/api/search?q=printer
c body $S body-flask-503-text.txt 0/503 app flask "the app's plain-text 503 while the export runs" "curl -s" "" -- -s $L/api/reports
c v $S lighttpd-504-read-timeout.txt 504 proxy lighttpd "the view sleeps 6 s, mod_proxy read-timeout 2: lighttpd's 504 page" "curl -si" "" -- -si $L/api/slow
c body $S body-lighttpd-503-billing.txt 503/503 proxy lighttpd "/billing/ to a service that is not running: lighttpd's 503 page" "curl -s" "" -- -s $L/billing/invoices
c head $S head-lighttpd-403.txt 403 proxy lighttpd "url.access-deny on /internal/: curl -sI" "curl -sI" "" -- -sI $L/internal/metrics
c cut $S cut-lighttpd-413.txt 413 proxy lighttpd "a 16 KB body over server.max-request-size 8: lighttpd's 413, status line and first headers" "first 3 header lines of curl -sv" 3 -- -sv "${J[@]}" --data-binary @note-16k.json $L/api/tickets/1/attachments
c vnobody $S vnobody-lighttpd-404-static.txt 404 proxy lighttpd "a missing file under /static/, which lighttpd serves itself" "curl -sv, body left off" "" -- -sv $L/static/app.js
c body $S fail-lighttpd-504.txt 504/504 proxy lighttpd "curl -sS --fail on the slow view: only curl's (22) line" "curl -sS --fail" "" -- -sS --fail $L/api/slow

# ---- Django under gunicorn behind Squid (reverse accelerator) --------------------------
S=django-gunicorn-squid
c v $S django-404-page-squid.txt 404 app django "unknown account: Django's production 404 page, passed by Squid" "curl -si" "" -- -si $Q/api/accounts/9
c v $S django-422-json-squid.txt 422 app django "a bad email: the view's JSON 422" "curl -si" "" -- -si "${J[@]}" -d '{"email":"nope"}' $Q/api/accounts/1/members
c v $S django-409-json-squid.txt 409 app django "the member already belongs to the account: the view's JSON 409" "curl -si" "" -- -si "${J[@]}" -d '{"email":"ana@example.test"}' $Q/api/accounts/1/members
c body $S body-django-500-page.txt 500/500 app django "a ZeroDivisionError: Django's 'Server Error (500)' page" "curl -s" "" -- -s $Q/api/boom
c cut $S cut-django-403-csrf.txt 403 app django "a POST without a CSRF token: Django's 403 page, first headers only" "first 5 header lines of curl -si" 5 -- -si -X POST $Q/api/profile
c vnobody $S vnobody-django-405-empty.txt 405 app django "GET on a require_POST view: Django's empty 405 with Allow" "curl -sv, body left off" "" -- -sv $Q/api/accounts/1/invite
c body $S fail-django-401.txt 401/401 app django "the view's JSON 401: curl -sS --fail shows only (22)" "curl -sS --fail" "" -- -sS --fail $Q/api/me
c head $S dump-django-400-too-big.txt 400 app django "a 3 KB body over DATA_UPLOAD_MAX_MEMORY_SIZE 2048 (under Squid's 8 KB): Django's 400, headers only" "curl -sD - -o /dev/null" "" -- -sD - -o /dev/null "${J[@]}" --data-binary @note-3k.json $Q/api/accounts/1/members
c v $S squid-403-internal.txt 403 cdn-cache squid "http_access deny on /internal/: Squid's ERR_ACCESS_DENIED page" "curl -si" "" -- -si $Q/internal/metrics
c body $S body-squid-504-read-timeout.txt 0/504 cdn-cache squid "the view sleeps 6 s, read_timeout 2 seconds: Squid's ERR_READ_TIMEOUT page" "curl -s" "" -- -s $Q/api/slow
c head $S dump-squid-413.txt 413 cdn-cache squid "a 16 KB body over request_body_max_size 8 KB: Squid's 413, headers only" "curl -sD - -o /dev/null" "" -- -sD - -o /dev/null "${J[@]}" --data-binary @note-16k.json $Q/api/accounts/1/members
c cut $S cut-squid-502-billing.txt 502 cdn-cache squid "/billing/ goes to a peer that is not running: Squid's 502, first headers only" "first 5 header lines of curl -si" 5 -- -si $Q/billing/invoices
c vnobody $S vnobody-squid-504.txt 504 cdn-cache squid "curl -sv cut after the headers: Squid's read timeout" "curl -sv, body left off" "" -- -sv $Q/api/slow
c body $S fail-squid-403.txt 403/403 cdn-cache squid "curl -sS --fail on /internal/: only curl's (22) line" "curl -sS --fail" "" -- -sS --fail $Q/internal/metrics

# ---- Express behind Caddy -------------------------------------------------------------
S=express-caddy
c v $S express-404-json-caddy.txt 404 app express "unknown cart: the app's JSON 404 with a status field" "curl -si" "" -- -si $C/api/carts/9
c v $S express-404-cannot-get-caddy.txt 404 app express "no route: Express's 'Cannot GET' page" "curl -si" "" -- -si $C/api/orders
c v $S express-500-default-caddy.txt 500 app express "a TypeError: Express's default 500 page in production" "curl -si" "" -- -si $C/api/boom
c body $S body-express-400-bad-json.txt 0/400 app express "broken JSON: body-parser's 400 page" "curl -s" "" -- -s "${J[@]}" -d '{"qty":' $C/api/carts/1/items
c cut $S cut-express-429.txt 429 app express "the app's own 429 for coupon lookups: status line and first headers" "first 4 header lines of curl -si" 4 -- -si $C/api/coupons
c vnobody $S vnobody-express-413.txt 413 app express "a 3 KB body over express.json's 2kb (under Caddy's 8KB): body-parser's 413" "curl -sv, body left off" "" -- -sv "${J[@]}" --data-binary @note-3k.json $C/api/carts/1/items
c body $S fail-express-503.txt 503/503 app express "the app's JSON 503: curl -sS --fail shows only (22)" "curl -sS --fail" "" -- -sS --fail $C/api/recommendations
c head $S head-express-401.txt 401 app express "curl -sI on checkout: the app's 401 with a Bearer challenge" "curl -sI" "" -- -sI $C/api/checkout
c v $S caddy-502-billing-empty.txt 502 proxy caddy "/billing/ to a service that is not running: Caddy's empty 502 (no JSON outside /api/)" "curl -si" "" -- -si $C/billing/invoices
c body $S body-caddy-504-json.txt 0/504 proxy caddy "the handler sleeps 6 s, response_header_timeout 2s: handle_errors' JSON body" "curl -s" "" -- -s $C/api/slow
c head $S head-caddy-403.txt 403 proxy caddy "respond /internal/* 403: curl -sI" "curl -sI" "" -- -sI $C/internal/metrics
c cut $S cut-caddy-502-body-limit.txt 502 proxy caddy "a 16 KB body over request_body max_size 8KB: Caddy 2.6.2 cuts the proxied body and answers 502 (not 413), with the JSON handle_errors body; first headers only" "first 3 header lines of curl -si" 3 -- -si "${J[@]}" --data-binary @note-16k.json $C/api/carts/1/items
c vnobody $S vnobody-caddy-504-json.txt 504 proxy caddy "curl -sv cut after the headers: Caddy's 504 with the JSON handle_errors body" "curl -sv, body left off" "" -- -sv $C/api/slow
c body $S fail-caddy-404-assets.txt 404/404 proxy caddy "a missing file under /assets/ (file_server): only curl's (22) line" "curl -sS --fail" "" -- -sS --fail $C/assets/vendor.js

# ---- Sinatra under Puma behind nginx -----------------------------------------------------
S=sinatra-puma-nginx
c v $S sinatra-404-json-nginx.txt 404 app sinatra "unknown booking: halt 404 with JSON" "curl -si" "" -- -si $N/api/bookings/9
c v $S sinatra-404-default-nginx.txt 404 app sinatra "no route: Sinatra's '<h1>Not Found</h1>'" "curl -si" "" -- -si $N/v2/bookings
c body $S body-sinatra-500-default.txt 0/500 app sinatra "a NoMethodError in production: Sinatra's '<h1>Internal Server Error</h1>'" "curl -s" "" -- -s $N/api/boom
c cut $S cut-sinatra-422.txt 422 app sinatra "nights out of range: the app's JSON 422, first headers only" "first 3 header lines of curl -sv" 3 -- -sv "${J[@]}" -d '{"nights":40}' $N/api/bookings
c vnobody $S vnobody-sinatra-409.txt 409 app sinatra "check-in before the room is clean: the app's 409" "curl -sv, body left off" "" -- -sv -X POST $N/api/bookings/1/checkin
c body $S fail-sinatra-403.txt 403/403 app sinatra "DELETE a booking: the app's JSON 403, curl -sS --fail shows only (22)" "curl -sS --fail" "" -- -sS --fail -X DELETE $N/api/bookings/1
c head $S dump-sinatra-503.txt 503 app sinatra "the app's own 503 during a channel sync (not nginx's: no intercept), headers only" "curl -sD - -o /dev/null" "" -- -sD - -o /dev/null $N/api/availability
c v $S nginx-413-page.txt 413 proxy nginx "a 2 KB body over client_max_body_size 1k: nginx's 413 page" "curl -si" "" -- -si "${J[@]}" --data-binary @note-2k.json $N/api/bookings
c v $S nginx-504-json-error-page.txt 504 proxy nginx "the route sleeps 6 s, proxy_read_timeout 2s: nginx's JSON error_page" "curl -si" "" -- -si $N/api/slow
c body $S body-nginx-502-legacy.txt 502/502 proxy nginx "/legacy/ to a service that is not running: nginx's stock 502 page" "curl -s" "" -- -s $N/legacy/rates
c head $S head-nginx-403.txt 403 proxy nginx "deny all on /internal/: curl -sI" "curl -sI" "" -- -sI $N/internal/metrics
quiet "$N/api/search?q=sea"
c cut $S cut-nginx-429.txt 429 proxy nginx "limit_req 2r/m on /api/search: the 429 with the JSON body, first headers only" "first 4 header lines of curl -si" 4 -- -si "$N/api/search?q=sea+view"
c body $S body-nginx-429-json.txt 0/429 proxy nginx "the limit_req JSON body" "curl -s" "" -- -s "$N/api/search?q=balcony"
c vnobody $S vnobody-nginx-404-assets.txt 404 proxy nginx "a missing file under /assets/, which nginx serves itself" "curl -sv, body left off" "" -- -sv $N/assets/app.js
c body $S fail-nginx-504.txt 504/504 proxy nginx "curl -sS --fail on the slow route: only curl's (22) line" "curl -sS --fail" "" -- -sS --fail $N/api/slow

# ---- HAProxy -> nginx -> Sinatra ----------------------------------------------------------
S=haproxy-nginx-sinatra
c v $S sinatra-404-two-hops.txt 404 app sinatra "unknown booking through both hops" "curl -si" "" -- -si $H/api/bookings/9
c v $S nginx-504-via-haproxy.txt 504 proxy nginx "nginx's proxy_read_timeout (2 s) fires before HAProxy's (4 s): nginx's stock 504 page passed" "curl -si" "" -- -si $H/api/slow
c v $S haproxy-503-partners.txt 503 load-balancer haproxy "/partners/: the only server is disabled, HAProxy's 503" "curl -si" "" -- -si $H/partners/feed
c body $S body-haproxy-403-edge.txt 403/403 load-balancer haproxy "http-request deny on /internal/: HAProxy's 403 page" "curl -s" "" -- -s $H/internal/metrics
for i in 1 2 3; do quiet "$H/api/search?q=$i"; done
c cut $S cut-haproxy-429-edge.txt 429 load-balancer haproxy "the stick-table limit on /api/search: HAProxy's 429, first headers only" "first 3 header lines of curl -si (all it has)" 3 -- -si "$H/api/search?q=garden"
c vnobody $S vnobody-haproxy-504-reports.txt 504 load-balancer haproxy "/reports/: nginx waits 10 s, HAProxy's timeout server 4s fires first" "curl -sv, body left off" "" -- -sv $H/reports/slow
c body $S fail-haproxy-503-partners.txt 503/503 load-balancer haproxy "curl -sS --fail on /partners/: only curl's (22) line" "curl -sS --fail" "" -- -sS --fail $H/partners/feed
c head $S head-haproxy-503-partners.txt 503 load-balancer haproxy "curl -sI on /partners/" "curl -sI" "" -- -sI $H/partners/feed
c cut $S cut-nginx-502-via-haproxy.txt 502 proxy nginx "/legacy/ on the inner nginx goes nowhere: nginx's 502 through HAProxy, first headers only" "first 3 header lines of curl -si" 3 -- -si $H/legacy/rates
c body $S body-sinatra-422-two-hops.txt 0/422 app sinatra "the app's JSON 422 through both hops" "curl -s" "" -- -s "${J[@]}" -d '{"nights":0}' $H/api/bookings

# ---- PHP-FPM behind HAProxy (fcgi-app) -----------------------------------------------------
S=php-fpm-haproxy-fcgi
c v $S php-404-json-haproxy.txt 404 app php "unknown invoice: the front controller's JSON 404" "curl -si" "" -- -si $P/api/invoices/9
c v $S php-422-json-haproxy.txt 422 app php "a due date in the past: the front controller's 422" "curl -si" "" -- -si "${J[@]}" -d '{"due_date":"2020-01-01"}' $P/api/invoices
c v $S php-fpm-404-file-not-found.txt 404 app php-fpm "/old/report.php goes to PHP-FPM without the front-controller rewrite: 'File not found.'" "curl -si" "" -- -si $P/old/report.php
c body $S body-php-409.txt 0/409 app php "an invoice already paid: the JSON 409" "curl -s" "" -- -s -X POST $P/api/invoices/1/pay
c cut $S cut-php-401.txt 401 app php "the ledger without a token: the 401 with a Bearer challenge, first headers only" "first 4 header lines of curl -si" 4 -- -si $P/api/ledger
c vnobody $S vnobody-php-500-empty.txt 500 app php "a fatal Error, display_errors off: PHP's empty 500" "curl -sv, body left off" "" -- -sv $P/api/boom
c body $S fail-php-429.txt 429/429 app php "the app's own 429 on exports: curl -sS --fail shows only (22)" "curl -sS --fail" "" -- -sS --fail $P/api/exports
c head $S dump-php-503.txt 503 app php "the app's maintenance 503 with Retry-After, headers only" "curl -sD - -o /dev/null" "" -- -sD - -o /dev/null $P/api/tax-rates
c v $S haproxy-504-json-errorfile.txt 504 load-balancer haproxy "the script sleeps 6 s, timeout server 2s: the JSON errorfile" "curl -si" "" -- -si $P/api/slow
c body $S body-haproxy-403-fcgi.txt 403/403 load-balancer haproxy "http-request deny on /internal/: HAProxy's stock 403 page" "curl -s" "" -- -s $P/internal/status
c head $S dump-haproxy-413.txt 413 load-balancer haproxy "an 8 KB body over the 4 KiB cap (deny_status 413), headers only" "curl -sD - -o /dev/null" "" -- -sD - -o /dev/null "${J[@]}" --data-binary @note-8k.json $P/api/invoices
for i in 1 2 3; do quiet "$P/api/search?q=$i"; done
c cut $S cut-haproxy-429-fcgi.txt 429 load-balancer haproxy "the stick-table limit on /api/search: HAProxy's 429, first headers only" "first 3 header lines of curl -sv (all it has)" 3 -- -sv "$P/api/search?q=acme"
c vnobody $S vnobody-haproxy-503-billing.txt 503 load-balancer haproxy "/billing/: its server is down, HAProxy's stock 503" "curl -sv, body left off" "" -- -sv $P/billing/statements
c body $S fail-haproxy-504-fcgi.txt 504/504 load-balancer haproxy "curl -sS --fail on the slow script: only curl's (22) line" "curl -sS --fail" "" -- -sS --fail $P/api/slow

# ---- Go net/http behind Varnish ---------------------------------------------------------------
S=go-nethttp-varnish
c v $S go-404-text-varnish.txt 404 app go-net-http "unknown shipment: http.Error's 'shipment not found'" "curl -si" "" -- -si $V/api/shipments/9
c v $S go-404-default-varnish.txt 404 app go-net-http "no route: Go's '404 page not found'" "curl -si" "" -- -si $V/api/parcels/1
c v $S go-400-text-varnish.txt 400 app go-net-http "a label with no size: the app's text 400" "curl -si" "" -- -si -X POST -d 'size=a3' $V/api/labels
c body $S body-go-409-problem.txt 409/409 app go-net-http "a dispatched shipment: the problem-details 409" "curl -s" "" -- -s $V/api/shipments/7
c cut $S cut-go-405.txt 405 app go-net-http "DELETE on a shipment: http.Error 405 with Allow, first headers only" "first 5 header lines of curl -si" 5 -- -si -X DELETE $V/api/shipments/1
c vnobody $S vnobody-go-413.txt 413 app go-net-http "a 2 KB label over http.MaxBytesReader's 1024: the app's 413" "curl -sv, body left off" "" -- -sv "${J[@]}" --data-binary @note-2k.json $V/api/labels
c body $S fail-go-429.txt 429/429 app go-net-http "the app's own JSON 429 on rate lookups: only curl's (22) line" "curl -sS --fail" "" -- -sS --fail $V/api/rates
c head $S dump-go-500-empty.txt 500 app go-net-http "the app's empty 500, headers only" "curl -sD - -o /dev/null" "" -- -sD - -o /dev/null $V/api/crash
c v $S varnish-503-first-byte-timeout.txt 503 cdn-cache varnish "the handler sleeps 6 s, first_byte_timeout 2s: Varnish's 'Backend fetch failed'" "curl -si" "" -- -si $V/api/slow
c body $S body-varnish-503-billing.txt 503/503 cdn-cache varnish "/billing/ goes to a backend that is not running: Varnish's 503 page" "curl -s" "" -- -s $V/billing/invoices
c head $S head-varnish-403-json.txt 403 cdn-cache varnish "synth(403) on /internal/ with the JSON vcl_synth body: curl -sI" "curl -sI" "" -- -sI $V/internal/metrics
c cut $S cut-varnish-405-purge.txt 405 cdn-cache varnish "PURGE refused with synth(405): first headers only" "first 3 header lines of curl -si" 3 -- -si -X PURGE $V/api/shipments/1
for i in 1 2; do quiet "$V/api/track?id=$i"; done
c vnobody $S vnobody-varnish-429.txt 429 cdn-cache varnish "vsthrottle on /api/track: Varnish's JSON 429" "curl -sv, body left off" "" -- -sv "$V/api/track?id=77"
c body $S body-varnish-429-json.txt 0/429 cdn-cache varnish "the vsthrottle 429's JSON body" "curl -s" "" -- -s "$V/api/track?id=78"
c body $S fail-varnish-503.txt 503/503 cdn-cache varnish "curl -sS --fail on the slow handler: only curl's (22) line" "curl -sS --fail" "" -- -sS --fail $V/api/slow

# ---- FastAPI under uvicorn behind Apache ---------------------------------------------------------
S=fastapi-uvicorn-apache
c v $S fastapi-422-apache.txt 422 app fastapi "a refund with amount 0 and no reason: FastAPI's validation 422" "curl -si" "" -- -si "${J[@]}" -d '{"amount":0}' $A/api/payments/1/refunds
c v $S fastapi-404-detail-apache.txt 404 app fastapi "HTTPException(404): {\"detail\":\"Payment not found\"}" "curl -si" "" -- -si $A/api/payments/9
c v $S fastapi-429-apache.txt 429 app fastapi "the app's own 429 for exports" "curl -si" "" -- -si $A/api/exports
c body $S body-fastapi-404-no-route.txt 0/404 app fastapi "no route: {\"detail\":\"Not Found\"}" "curl -s" "" -- -s $A/api/charges/1
c cut $S cut-fastapi-401.txt 401 app fastapi "payouts without a token: the 401 with WWW-Authenticate: Bearer, first headers only" "first 4 header lines of curl -si" 4 -- -si $A/api/payouts
c vnobody $S vnobody-fastapi-409.txt 409 app fastapi "a refund larger than the capture: HTTPException(409) with a dict detail" "curl -sv, body left off" "" -- -sv "${J[@]}" -d '{"amount":5000,"reason":"duplicate"}' $A/api/payments/1/refunds
c body $S fail-fastapi-500.txt 500/500 app fastapi "a KeyError: Starlette's text 500, curl -sS --fail shows only (22)" "curl -sS --fail" "" -- -sS --fail $A/api/boom
c head $S dump-fastapi-405.txt 405 app fastapi "DELETE on a GET route: FastAPI's 405, headers only" "curl -sD - -o /dev/null" "" -- -sD - -o /dev/null -X DELETE $A/api/payments/1
c v $S apache-502-proxytimeout.txt 502 proxy apache "the handler sleeps 6 s, ProxyTimeout 2: Apache's 502 Proxy Error page (Error reading from remote server)" "curl -si" "" -- -si $A/api/slow
c v $S apache-401-basic-admin.txt 401 identity apache "Basic auth on /admin/ with no credentials: Apache's 401" "curl -si" "" -- -si $A/admin/payouts
c v $S fastapi-403-behind-basic.txt 403 app fastapi "the right Basic credentials: FastAPI's own 403 behind the auth" "curl -si" "" -- -si -u ops:correct-horse $A/admin/payouts
c body $S body-apache-503-billing.txt 503/503 proxy apache "/billing/ to a backend that is not running: Apache's 503 page" "curl -s" "" -- -s $A/billing/statements
c head $S head-apache-403.txt 403 proxy apache "Require all denied on /internal/: curl -sI" "curl -sI" "" -- -sI $A/internal/metrics
c cut $S cut-fastapi-422-body-passed.txt 422 app fastapi "an 8 KB body over LimitRequestBody 4096: mod_proxy_http passes it on, FastAPI's 422; first headers only" "first 5 header lines of curl -si" 5 -- -si "${J[@]}" --data-binary @note-8k.json $A/api/payments/1/refunds
c vnobody $S vnobody-apache-404-static.txt 404 proxy apache "a missing file under /static/, which Apache serves itself" "curl -sv, body left off" "" -- -sv $A/static/app.js
c body $S fail-apache-401.txt 401/401 identity apache "a wrong password on /admin/: only curl's (22) line" "curl -sS --fail" "" -- -sS --fail -u ops:wrong $A/admin/payouts

# ---- the apps go away behind their fronts ---------------------------------------------------------
log "stopping the apps one by one"
stop_name flask
sleep 0.5
S=flask-gunicorn-lighttpd
c v $S lighttpd-503-gunicorn-stopped.txt 503 proxy lighttpd "gunicorn is stopped: lighttpd's 503 page" "curl -si" "" -- -si $L/api/tickets/1
c head $S head-lighttpd-503-stopped.txt 503 proxy lighttpd "curl -sI with gunicorn stopped" "curl -sI" "" -- -sI $L/api/tickets/1
stop_name django
sleep 0.5
S=django-gunicorn-squid
c v $S squid-503-gunicorn-stopped.txt 503 cdn-cache squid "gunicorn is stopped: Squid's error page" "curl -si" "" -- -si $Q/api/accounts/1
c body $S fail-squid-503-stopped.txt 503/503 cdn-cache squid "curl -sS --fail with gunicorn stopped: only (22)" "curl -sS --fail" "" -- -sS --fail $Q/api/accounts/1
stop_name express
sleep 0.5
S=express-caddy
c v $S caddy-502-json-express-stopped.txt 502 proxy caddy "Express is stopped: Caddy's 502 with the JSON handle_errors body" "curl -si" "" -- -si $C/api/carts/1
c cut $S cut-caddy-502-stopped.txt 502 proxy caddy "Express is stopped: Caddy's 502, first headers only" "first 4 header lines of curl -sv" 4 -- -sv $C/api/carts/1
stop_name php-fpm
sleep 2.5  # HAProxy's check (inter 1s fall 1) marks the server down
S=php-fpm-haproxy-fcgi
c v $S haproxy-503-json-fpm-stopped.txt 503 load-balancer haproxy "PHP-FPM is stopped: the JSON errorfile 503" "curl -si" "" -- -si $P/api/invoices/1
c body $S body-haproxy-503-json.txt 0/503 load-balancer haproxy "the JSON errorfile body with PHP-FPM stopped" "curl -s" "" -- -s $P/api/invoices/1
stop_name go
sleep 0.5
S=go-nethttp-varnish
c v $S varnish-503-go-stopped.txt 503 cdn-cache varnish "the Go service is stopped: 'Backend fetch failed'" "curl -si" "" -- -si $V/api/shipments/1
c vnobody $S vnobody-varnish-503-stopped.txt 503 cdn-cache varnish "curl -sv cut after the headers with the Go service stopped" "curl -sv, body left off" "" -- -sv $V/api/shipments/1
stop_name fastapi
sleep 0.5
S=fastapi-uvicorn-apache
c v $S apache-503-uvicorn-stopped.txt 503 proxy apache "uvicorn is stopped: Apache's 503 page" "curl -si" "" -- -si $A/api/payments/1
c vnobody $S vnobody-apache-503-stopped.txt 503 proxy apache "curl -sv cut after the headers with uvicorn stopped" "curl -sv, body left off" "" -- -sv $A/api/payments/1
stop_name puma
sleep 0.5
S=sinatra-puma-nginx
c v $S nginx-502-json-puma-stopped.txt 502 proxy nginx "Puma is stopped: nginx's JSON error_page on /api/" "curl -si" "" -- -si $N/api/bookings/1
c cut $S cut-nginx-502-stopped.txt 502 proxy nginx "Puma is stopped, a path outside /api/: nginx's stock 502, first headers only" "first 3 header lines of curl -si" 3 -- -si $N/v2/bookings
S=haproxy-nginx-sinatra
c v $S nginx-502-via-haproxy-stopped.txt 502 proxy nginx "Puma is stopped: the inner nginx's 502 page passed by HAProxy" "curl -si" "" -- -si $H/api/bookings/1

log "stopping servers"
stop_all
trap - EXIT
log "captured $COUNT, $MISMATCH mismatched"
((MISMATCH == 0)) || die "labels disagree with the wire; $OUT left as it was (see $STAGE)"
mkdir -p "$OUT"
find "$OUT" -maxdepth 1 \( -name '*.txt' -o -name labels.toml \) -delete   # the README stays
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $OUT in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
