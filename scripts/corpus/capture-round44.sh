#!/usr/bin/env bash
# capture-round44.sh — build the forty-fourth held-out evidence corpus in
# tests/fixtures/evidence-round44/.
#
# Java servers and the fronts teams put before them, from Debian's packages
# in their stock configs (timeouts cut to 2 s): Tomcat 10 (a private
# CATALINA_BASE: an HTTP connector, an AJP connector with a secret, and a
# second service with the error report hidden) and Jetty 9 (its own
# jetty.base), both serving one small servlet plus two JSPs on Tomcat; in
# front of them Apache (mod_proxy_ajp to Tomcat, with the right secret and
# with a stale one; mod_proxy_http to Jetty; Basic auth; Require ip),
# nginx (client_max_body_size 16k, the stock proxy buffers, deny all,
# limit_req), HAProxy (health checks, http-request deny, http-request auth,
# http-request return, a stick-table 429, a backend with no server up) and
# Varnish (the builtin VCL, first_byte_timeout 2s, a PURGE ACL). The app servers'
# own low-level answers (Tomcat's 400/405/505 report pages, Jetty's "Bad
# Message" pages) are captured direct; the fronts' answers when the app
# server is slow, sends a header too big for them, or is stopped. Paste
# forms: curl -v/-i transcripts (some with their CRs, some with CRLF),
# HTTPie with colours, `wget -S -O-`, raw `printf ... | nc` for the
# version-not-supported answers, body-only and headers-only pastes.
#
#   scripts/corpus/capture-round44.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round44.sh   # never call apt-get
#   CORPUS_KEEP_RUN=1 capture-round44.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round44.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 58000-58099) and the script stops if a new socket listens anywhere else;
# every curl, HTTPie, wget and nc runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Installs and builds run under `nice -n 15`. Labels are written by
# finish_round44.py, which refuses (and this script then leaves the fixtures
# as they were) when a label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round44"
RUN=/tmp/api-triage-corpus44
STAGE="$RUN/evidence"
CONF="$HERE/conf-round44"
APPS="$HERE/apps44"
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus44 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget netcat-openbsd apache2 nginx haproxy varnish tomcat10 jetty9 openjdk-17-jdk-headless)
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
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then  # no service starts on install
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d
        created_policy=1
    fi
    log "apt-get install ${ok[*]}"
    DEBIAN_FRONTEND=noninteractive nice -n 15 timeout 900 apt-get install -y -q --no-install-recommends "${ok[@]}" \
        >"$RUN/logs/apt-install.log" 2>&1 || for p in "${ok[@]}"; do SKIPPED[$p]="apt-get install failed"; done
    ((created_policy)) && rm -f /usr/sbin/policy-rc.d
    return 0
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* ]]
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
            # a worker or child a server left behind (a Varnish child)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round44.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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

# capnc SETUP FILE STATUS LAYER PRODUCT SCENARIO NOTE -- PORT REQUEST
# A raw request typed with printf into nc, as engineers do when curl cannot
# send what they want (here: an HTTP version curl never writes). REQUEST is
# printf's format, shown in the paste as typed; the answer is copied from the
# terminal (CRs gone).
capnc() {
    local setup=$1 file=$2 status=$3 layer=$4 product=$5 scenario=$6 note=$7
    shift 8
    local port=$1 req=$2 dest="$STAGE/$file"
    have netcat-openbsd || return 0
    printf "\$ printf '%s' | nc 127.0.0.1 %s\n" "$req" "$port" >"$dest"
    # shellcheck disable=SC2059
    printf "$req" | in_work timeout 10 nc -q 3 127.0.0.1 "$port" >>"$dest" 2>&1
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
command -v javac >/dev/null || die "javac is missing (openjdk-17-jdk-headless)"

PORTS=(58010 58011 58012 58013 58019 58050 58051 58060 58061 58062 58070 58071 58075 58076)
for p in "${PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- app servers -------------------------------------------------------------
declare -A UP=()
if have tomcat10; then
    TB=$RUN/tomcat
    mkdir -p "$TB"/{conf,logs,temp,work,webapps/ROOT/WEB-INF/classes}
    cp "$CONF/tomcat-server.xml" "$TB/conf/server.xml"
    cp /etc/tomcat10/web.xml /etc/tomcat10/logging.properties /etc/tomcat10/catalina.properties "$TB/conf/"
    cp "$APPS/tomcat/web.xml" "$TB/webapps/ROOT/WEB-INF/web.xml"
    cp "$APPS"/tomcat/*.jsp "$TB/webapps/ROOT/"
    if nice -n 15 timeout 300 javac -cp /usr/share/java/tomcat10-servlet-api.jar -d "$TB/webapps/ROOT/WEB-INF/classes" \
        "$APPS/OrdersServlet.java" >"$RUN/logs/javac-tomcat.log" 2>&1; then
        start_bg tomcat env CATALINA_HOME=/usr/share/tomcat10 CATALINA_BASE="$TB" CATALINA_TMPDIR="$TB/temp" \
            nice -n 5 /usr/share/tomcat10/bin/catalina.sh run
        wait_port 58010 tomcat && wait_port 58011 tomcat && wait_port 58012 tomcat && UP[tomcat]=1
    else log "SKIP tomcat: javac failed"; SKIPPED[tomcat10]="the servlet did not compile"; fi
fi
if have jetty9; then
    JB=$RUN/jetty
    mkdir -p "$JB"/{logs,src,webapps/ROOT/WEB-INF/classes}
    cp "$CONF/jetty-start.ini" "$JB/start.ini"
    cp "$APPS/jetty/web.xml" "$JB/webapps/ROOT/WEB-INF/web.xml"
    sed 's/jakarta\.servlet/javax.servlet/g' "$APPS/OrdersServlet.java" >"$JB/src/OrdersServlet.java"
    if nice -n 15 timeout 300 javac -cp /usr/share/jetty9/lib/servlet-api-3.1.jar -d "$JB/webapps/ROOT/WEB-INF/classes" \
        "$JB/src/OrdersServlet.java" >"$RUN/logs/javac-jetty.log" 2>&1; then
        for try in 1 2 3; do  # its port is inside the ephemeral range: an outgoing socket may hold it for a moment
            start_bg jetty nice -n 5 java -jar /usr/share/jetty9/start.jar jetty.home=/usr/share/jetty9 jetty.base="$JB"
            if wait_port 58013 jetty; then UP[jetty]=1; break; fi
            stop_name jetty; sleep 2
        done
    else log "SKIP jetty: javac failed"; SKIPPED[jetty9]="the servlet did not compile"; fi
fi

# ---- fronts ------------------------------------------------------------------
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 58050 nginx && wait_port 58051 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    printf 'admin:%s\n' "$(openssl passwd -apr1 s3cret-ops)" >"$RUN/apache/htpasswd"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 58060 apache && wait_port 58062 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 58070 haproxy && wait_port 58071 haproxy && UP[haproxy]=1
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a tc=127.0.0.1:58075 -a jt=127.0.0.1:58076 -T none \
        -f "$RUN/varnish/default.vcl" -n "$RUN/varnish/work" -s malloc,16m
    wait_port 58075 varnish && wait_port 58076 varnish && UP[varnish]=1
fi
sleep 3  # HAProxy's health checks settle

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 44 (held out): real responses captured by
# scripts/corpus/capture-round44.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as the earlier rounds:
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

A=http://127.0.0.1
TC=$A:58010 TH=$A:58012 JD=$A:58013
NT=$A:58050 NJ=$A:58051
AJ=$A:58060 AW=$A:58061 AE=$A:58062
HT=$A:58070 HJ=$A:58071
VT=$A:58075 VJ=$A:58076
JSONH=(-H 'Content-Type: application/json')
W=$RUN/work
printf 'Cookie: session=%s\n' "$(head -c 10000 /dev/zero | tr '\0' a)" >"$W/sso-cookie.txt"  # a 10 KB cookie
head -c 4000 /dev/zero | tr '\0' x >"$W/note.txt"                                             # a 4 KB form field
printf '{"sku":"A-1","qty":1,"note":"%s"}' "$(head -c 32768 /dev/zero | tr '\0' x)" >"$W/big-order.json"  # 32 KB
head -c 10000 /dev/zero | tr '\0' q >"$W/long-query.txt"                                      # a 10 KB query value
head -c 20000 /dev/zero | tr '\0' q >"$W/long-query-20k.txt"                                 # a 20 KB one
BADHDR=(-H 'X Request Id: 5f1c9a')   # a header name with spaces, as a broken client script sends it

# ============================================================ Tomcat direct ==
if up tomcat; then
    log "capturing: Tomcat 10 direct"
    S=tomcat-direct
    cap $S tomcat-200-order.txt 200 app tomcat "a plain GET: the servlet's JSON 200" "Tomcat sends no Server header" -- -sv $TC/api/orders/1
    cap $S tomcat-201-created.txt 201 app tomcat "a valid POST: 201 with Location" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":"A-1","qty":2}' $TC/api/orders
    cap $S tomcat-302-redirect.txt 302 app tomcat "sendRedirect to the new collection URL" "curl -si, an empty body" -- -si $TC/api/old-orders
    capraw $S tomcat-404-json.txt 404 app tomcat "unknown order: the servlet's JSON 404" "curl -si saved to a file (CRs kept)" -- -si $TC/api/orders/7
    caphttp $S tomcat-401-json-httpie.txt 401 app tomcat "HTTPie, no token: the servlet's JSON 401 with WWW-Authenticate Bearer" "HTTPie with colours" -- -v GET $TC/api/admin/reports
    cap $S tomcat-409-json.txt 409 app tomcat "cancel a shipped order: the servlet's JSON 409" "" -- -sv -X POST $TC/api/orders/1/cancel
    cap $S tomcat-422-json.txt 422 app tomcat "POST with qty 0: the servlet's JSON 422" "curl -si" -- -si "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $TC/api/orders
    capraw $S tomcat-429-json.txt 429 app tomcat "the servlet's own JSON 429 with Retry-After" "curl -si saved to a file (CRs kept)" -- -si $TC/api/search?q=boots
    cap $S tomcat-500-json-caught.txt 500 app tomcat "a caught failure: the servlet's JSON 500 with a request id" "curl -si" -- -si $TC/api/fail
    capwin $S tomcat-503-json-maintenance.txt 503 app tomcat "the servlet's JSON 503 with Retry-After" "curl -si pasted with CRLF" -- -si $TC/api/maintenance
    cap $S tomcat-500-uncaught-report.txt 500 app tomcat "an uncaught IllegalStateException: the stock ErrorReportValve page with the exception and its trace" "'HTTP Status 500 – Internal Server Error', 'Apache Tomcat/10.1.60 (Debian)'" -- -sv $TC/api/boom
    cap $S tomcat-500-root-cause-report.txt 500 app tomcat "a ServletException wrapping an SQLException: the report shows 'Root Cause'" "curl -si" -- -si $TC/api/report
    cap $S tomcat-404-senderror-msg.txt 404 app tomcat "sendError(404, \"Order 9 not found\"): Tomcat's Status Report page" "" -- -sv $TC/api/orders/9
    caphttp $S tomcat-403-senderror-httpie.txt 403 app tomcat "HTTPie: sendError(403, msg), Tomcat's page" "HTTPie with colours" -- -v GET $TC/api/exports
    cap $S tomcat-404-unmapped.txt 404 app tomcat "a path no servlet maps (the DefaultServlet finds no file): Tomcat's 404 page" "'The requested resource [/orders/7] is not available'" -- -sv $TC/orders/7
    cap $S tomcat-405-delete.txt 405 app tomcat "DELETE on a servlet without doDelete: HttpServlet's 405, Tomcat's page" "curl -si" -- -si -X DELETE $TC/api/orders/1
    cap $S tomcat-405-trace.txt 405 app tomcat "TRACE (allowTrace false): the connector's 405 'TRACE method is not allowed'" "" -- -sv -X TRACE $TC/api/orders/1
    cap $S tomcat-400-illegal-char-target.txt 400 app tomcat "'|' in the query: 'Invalid character found in the request target'" "" -- -sv "$TC/api/orders?status=open|shipped"
    cap $S tomcat-400-bad-header-name.txt 400 app tomcat "a header name with spaces: 'does not conform to RFC 7230'" "curl -si" -- -si "${BADHDR[@]}" $TC/api/orders/1
    cap $S tomcat-400-header-too-large.txt 400 app tomcat "a 10 KB cookie over maxHttpHeaderSize (8 KiB): 'Request header is too large'" "curl -si" -- -si -H @sso-cookie.txt $TC/api/orders/1
    cap $S tomcat-413-max-post-size.txt 413 app tomcat "a 4 KB form post over maxPostSize 1024: FailedRequestFilter's 413, Tomcat's page" "" -- -sv --data-urlencode note@note.txt $TC/api/notes
    capnc $S tomcat-505-http-version.txt 505 app tomcat "a request line with HTTP/2.1: the connector's 505 page" "raw printf | nc" -- 58010 'GET /api/orders/1 HTTP/2.1\r\nHost: 127.0.0.1\r\n\r\n'
    cap $S tomcat-500-jsp-exception.txt 500 app tomcat "a JSP scriptlet throws NumberFormatException: Jasper's JasperException report with the JSP source lines" "" -- -sv $TC/invoice.jsp
    cap $S tomcat-500-jsp-compile-error.txt 500 app tomcat "a JSP that does not compile: 'Unable to compile class for JSP'" "curl -si" -- -si $TC/summary.jsp
    cap $S tomcat-500-response-header-too-large.txt 500 app tomcat "the servlet sets a 20 KB header over the 8 KiB response header buffer: Tomcat's own 500" "curl -si" -- -si $TC/api/trace
    capwget $S tomcat-404-unmapped-wget.txt 404 app tomcat "wget, a path no servlet maps" "wget -S -O-" -- $TC/reports/daily

    log "capturing: Tomcat 10, ErrorReportValve showReport/showServerInfo off"
    S=tomcat-hardened
    cap $S tomcat-500-hardened.txt 500 app tomcat "an uncaught exception with showReport=false: the bare 'HTTP Status 500' page" "no message, no version" -- -sv $TH/api/boom
    cap $S tomcat-404-hardened-unmapped.txt 404 app tomcat "a path no servlet maps, report hidden" "curl -si" -- -si $TH/orders/7
    cap $S tomcat-404-hardened-senderror.txt 404 app tomcat "sendError(404, msg) with the report hidden: the message is not shown" "curl -si" -- -si $TH/api/orders/9
    capraw $S tomcat-400-hardened-bad-target.txt 400 app tomcat "'|' in the query, report hidden" "curl -si saved to a file (CRs kept)" -- -si "$TH/api/orders?status=open|shipped"
fi

# ============================================================= Jetty direct ==
if up jetty; then
    log "capturing: Jetty 9 direct"
    S=jetty-direct
    cap $S jetty-302-redirect.txt 302 app jetty "sendRedirect: Jetty makes the Location absolute" "" -- -sv $JD/api/old-orders
    cap $S jetty-404-json.txt 404 app jetty "unknown order: the servlet's JSON 404" "curl -si" -- -si $JD/api/orders/7
    caphttp $S jetty-401-json-httpie.txt 401 app jetty "HTTPie, no token: the servlet's JSON 401" "HTTPie with colours" -- -v GET $JD/api/admin/reports
    capwin $S jetty-503-json-maintenance.txt 503 app jetty "the servlet's JSON 503" "curl -si pasted with CRLF" -- -si $JD/api/maintenance
    cap $S jetty-500-uncaught.txt 500 app jetty "an uncaught IllegalStateException: Jetty's 'HTTP ERROR 500' page with 'Caused by:' and the stack" "stock ErrorHandler (stacks shown)" -- -sv $JD/api/boom
    capraw $S jetty-500-wrapped.txt 500 app jetty "a ServletException wrapping an SQLException: three CAUSED BY rows" "curl -si saved to a file (CRs kept)" -- -si $JD/api/report
    cap $S jetty-404-senderror-msg.txt 404 app jetty "sendError(404, msg): 'HTTP ERROR 404 Order 9 not found'" "curl -si" -- -si $JD/api/orders/9
    cap $S jetty-404-unmapped.txt 404 app jetty "a path outside /api/*: the DefaultServlet's 404, Jetty's page" "SERVLET: default" -- -sv $JD/orders/7
    cap $S jetty-405-delete-empty.txt 405 app jetty "DELETE on a servlet without doDelete: an empty 405" "curl -si" -- -si -X DELETE $JD/api/orders/1
    cap $S jetty-400-illegal-header.txt 400 app jetty "a header name with spaces: 'Bad Message 400', reason in the status line" "" -- -sv "${BADHDR[@]}" $JD/api/orders/1
    cap $S jetty-400-bad-percent.txt 400 app jetty "'%zz' in the path: 'Bad Message 400'" "curl -si" -- -si $JD/api/orders/%zz
    cap $S jetty-414-uri-too-long.txt 414 app jetty "a 10 KB query string: 'Bad Message 414 URI Too Long'" "curl -si" -- -si -G --data-urlencode q@long-query.txt $JD/api/orders
    cap $S jetty-431-header-too-large.txt 431 app jetty "a 10 KB cookie: 'Bad Message 431'" "" -- -sv -H @sso-cookie.txt $JD/api/orders/1
    capnc $S jetty-505-http-version.txt 505 app jetty "a request line with HTTP/2.1: 'Bad Message 505 Unknown Version'" "raw printf | nc" -- 58013 'GET /api/orders/1 HTTP/2.1\r\nHost: 127.0.0.1\r\n\r\n'
    cap $S jetty-500-response-header-too-large.txt 500 app jetty "the servlet sets a 45 KB header over the 32 KiB response header buffer: Jetty's own 500" "curl -si" -- -si "$JD/api/trace?all=1"
fi

# ===================================================== Apache AJP -> Tomcat ==
if up apache && up tomcat; then
    log "capturing: Apache mod_proxy_ajp -> Tomcat"
    S=tomcat-apache-ajp
    cap $S tomcat-404-json-ajp.txt 404 app tomcat "unknown order: the servlet's JSON 404 over AJP" "Server: Apache/2.4.71 (Debian)" -- -sv $AJ/api/orders/7
    cap $S tomcat-500-report-ajp.txt 500 app tomcat "an uncaught exception: Tomcat's report page over AJP" "curl -si" -- -si $AJ/api/boom
    caphttp $S tomcat-409-ajp-httpie.txt 409 app tomcat "HTTPie: the servlet's JSON 409 over AJP" "HTTPie with colours" -- -v POST $AJ/api/orders/1/cancel
    cap $S tomcat-503-senderror-ajp.txt 503 app tomcat "sendError(503, msg) over AJP: Tomcat's page, not Apache's" "" -- -sv $AJ/api/quote
    cap $S apache-503-ajp-timeout.txt 503 proxy apache "the servlet sleeps 5 s, ProxyTimeout 2 on mod_proxy_ajp: Apache's 503" "" -- -sv $AJ/api/slow
    cap $S apache-503-ajp-dead-port.txt 503 proxy apache "/legacy/: ajp:// to a port where nothing listens" "curl -si" -- -si $AJ/legacy/items
    cap $S apache-401-basic-manager.txt 401 identity apache "/manager/ behind mod_auth_basic, no credentials: Apache's 401" "WWW-Authenticate: Basic realm=\"Tomcat Manager\"" -- -sv $AJ/manager/html
    cap $S apache-401-basic-wrong-password.txt 401 identity apache "/manager/ with a wrong password" "curl -si" -- -si -u admin:tomcat $AJ/manager/html
    cap $S tomcat-404-behind-basic.txt 404 app tomcat "/manager/ with the right password: Tomcat's 404 (no manager app deployed)" "curl -si" -- -si -u admin:s3cret-ops $AJ/manager/html
    cap $S apache-414-uri-too-long.txt 414 proxy apache "a 10 KB query string over LimitRequestLine 8190: Apache's 414" "curl -si" -- -si -G --data-urlencode q@long-query.txt $AJ/api/orders
    cap $S apache-400-bad-header-name.txt 400 proxy apache "a header name with spaces: Apache's own 400 (HttpProtocolOptions Strict)" "curl -si" -- -si "${BADHDR[@]}" $AJ/api/orders/1
    cap $S apache-400-header-too-large.txt 400 proxy apache "a 10 KB cookie over LimitRequestFieldSize 8190: Apache's 400" "" -- -sv -H @sso-cookie.txt $AJ/api/orders/1

    S=tomcat-apache-ajp-stale-secret
    cap $S tomcat-403-ajp-secret-mismatch.txt 403 app tomcat "the AJP connector's secret was rotated, Apache still sends the old one: Tomcat's connector refuses with 403" "no page from Apache" -- -sv $AW/api/orders/1
fi

# ================================================== Apache HTTP -> Jetty ==
if up apache && up jetty; then
    log "capturing: Apache mod_proxy_http -> Jetty"
    S=jetty-apache
    cap $S jetty-404-json-apache.txt 404 app jetty "unknown order: the servlet's JSON 404" "Server: Jetty(...) kept by Apache" -- -sv $AE/api/orders/7
    cap $S jetty-500-page-apache.txt 500 app jetty "an uncaught exception: Jetty's 500 page through Apache" "curl -si" -- -si $AE/api/boom
    cap $S apache-502-jetty-timeout.txt 502 proxy apache "the servlet sleeps 5 s, ProxyTimeout 2: Apache's 502 'Error reading from remote server'" "" -- -sv $AE/api/slow
    cap $S apache-502-jetty-big-header.txt 502 proxy apache "the app sends a 20 KB response header: Apache cannot read it, 502" "curl -si" -- -si $AE/api/trace
    caphttp $S apache-403-require-ip-httpie.txt 403 proxy apache "HTTPie: /admin/ allowed from 10.0.0.0/8 only" "HTTPie with colours" -- -v GET $AE/admin/users
    cap $S apache-503-dead-http-backend.txt 503 proxy apache "/reports/: ProxyPass to a port where nothing listens" "curl -si" -- -si $AE/reports/daily
    capwin $S apache-400-bad-percent-jetty.txt 400 proxy apache "'%zz' in the path: Apache refuses to decode it, its own 400" "curl -si pasted with CRLF" -- -si $AE/api/orders/%zz
fi

# ========================================================= nginx -> Tomcat ==
if up nginx && up tomcat; then
    log "capturing: nginx -> Tomcat"
    S=tomcat-nginx
    cap $S tomcat-404-json-nginx.txt 404 app tomcat "unknown order: the servlet's JSON 404" "Server: nginx/1.22.1" -- -sv $NT/api/orders/7
    cap $S tomcat-500-report-nginx.txt 500 app tomcat "an uncaught exception: Tomcat's report page through nginx" "curl -si" -- -si $NT/api/boom
    cap $S tomcat-400-bad-target-nginx.txt 400 app tomcat "'|' in the query passes nginx; Tomcat's connector refuses it" "curl -si" -- -si "$NT/api/orders?status=open|shipped"
    cap $S nginx-504-tomcat-slow.txt 504 proxy nginx "the servlet sleeps 5 s, proxy_read_timeout 2s" "" -- -sv $NT/api/slow
    cap $S nginx-502-billing-down.txt 502 proxy nginx "/billing/: proxy_pass to a port where nothing listens" "curl -si" -- -si $NT/billing/invoices
    cap $S nginx-413-body-too-large.txt 413 proxy nginx "a 32 KB body over client_max_body_size 16k" "" -- -sv "${JSONH[@]}" --data-binary @big-order.json $NT/api/orders
    cap $S nginx-414-uri-too-long.txt 414 proxy nginx "a 10 KB query string over large_client_header_buffers: nginx's 414" "curl -si" -- -si -G --data-urlencode q@long-query.txt $NT/api/orders
    cap $S nginx-403-deny-manager.txt 403 proxy nginx "/manager/ closed with deny all: nginx's 403 page" "" -- -sv $NT/manager/html
    cap $S nginx-400-header-too-large.txt 400 proxy nginx "a 10 KB cookie over large_client_header_buffers: 'Request Header Or Cookie Too Large'" "curl -si" -- -si -H @sso-cookie.txt $NT/api/orders/1
fi

# ========================================================== nginx -> Jetty ==
if up nginx && up jetty; then
    log "capturing: nginx -> Jetty"
    S=jetty-nginx
    cap $S jetty-404-senderror-nginx.txt 404 app jetty "sendError(404, msg): Jetty's page through nginx" "curl -si" -- -si $NJ/api/orders/9
    capraw $S jetty-500-page-nginx.txt 500 app jetty "an uncaught exception: Jetty's 500 page through nginx" "curl -si saved to a file (CRs kept)" -- -si $NJ/api/boom
    quiet $NJ/api/search?q=shoes
    cap $S nginx-503-limit-req.txt 503 proxy nginx "the second search within a minute: limit_req with the stock limit_req_status, nginx's 503 page" "" -- -sv $NJ/api/search?q=boots
    cap $S nginx-504-jetty-slow.txt 504 proxy nginx "the servlet sleeps 5 s, proxy_read_timeout 2s" "curl -si" -- -si $NJ/api/slow
    cap $S nginx-502-jetty-big-header.txt 502 proxy nginx "the app sends a 20 KB header: 'upstream sent too big header', nginx's 502" "" -- -sv $NJ/api/trace
fi

# ======================================================= HAProxy -> Tomcat ==
if up haproxy && up tomcat; then
    log "capturing: HAProxy -> Tomcat"
    S=tomcat-haproxy
    cap $S tomcat-404-json-haproxy.txt 404 app tomcat "unknown order: the servlet's JSON 404" "" -- -sv $HT/api/orders/7
    cap $S haproxy-504-tomcat-slow.txt 504 load-balancer haproxy "the servlet sleeps 5 s, timeout server 2s" "" -- -sv $HT/api/slow
    cap $S haproxy-503-legacy-down.txt 503 load-balancer haproxy "/legacy/: the backend's only server fails its checks" "curl -si" -- -si $HT/legacy/items
    cap $S haproxy-403-deny-internal.txt 403 load-balancer haproxy "http-request deny on /internal/" "" -- -sv $HT/internal/metrics
    quiet $HT/api/search?q=shoes
    cap $S haproxy-429-rate-limit.txt 429 load-balancer haproxy "the second search within a minute: deny_status 429" "curl -si" -- -si $HT/api/search?q=boots
    cap $S haproxy-400-bad-header-name.txt 400 load-balancer haproxy "a header name with spaces: HAProxy's own 400" "curl -si" -- -si "${BADHDR[@]}" $HT/api/orders/1
fi

# ======================================================== HAProxy -> Jetty ==
if up haproxy && up jetty; then
    log "capturing: HAProxy -> Jetty"
    S=jetty-haproxy
    cap $S jetty-431-via-haproxy.txt 431 app jetty "a 10 KB cookie fits HAProxy's buffer; Jetty answers 431" "" -- -sv -H @sso-cookie.txt $HJ/api/orders/1
    cap $S haproxy-502-jetty-big-header.txt 502 load-balancer haproxy "the app sends a 20 KB header, more than tune.bufsize: HAProxy's 502" "" -- -sv $HJ/api/trace
    capwget $S haproxy-504-jetty-slow-wget.txt 504 load-balancer haproxy "wget, the servlet sleeps 5 s, timeout server 2s" "wget -S -O-" -- $HJ/api/slow
    cap $S haproxy-401-basic-auth.txt 401 identity haproxy "/admin/: http-request auth against a userlist, no credentials" "WWW-Authenticate: Basic realm=\"ops\"" -- -sv $HJ/admin/users
    cap $S haproxy-401-basic-auth-wrong.txt 401 identity haproxy "/admin/ with a wrong password" "curl -si" -- -si -u admin:admin $HJ/admin/users
    cap $S haproxy-503-return-json.txt 503 load-balancer haproxy "/api/v1/ retired: http-request return with a JSON body and Retry-After" "curl -si" -- -si $HJ/api/v1/orders/1
    cap $S haproxy-400-uri-too-long.txt 400 load-balancer haproxy "a 20 KB query string, more than HAProxy's buffer: its 400, not a 414" "curl -si" -- -si -G --data-urlencode q@long-query-20k.txt $HJ/api/orders
    caphttp $S haproxy-403-deny-httpie.txt 403 load-balancer haproxy "HTTPie: http-request deny on /internal/" "HTTPie with colours" -- -v GET $HJ/internal/health
fi

# ======================================================= Varnish -> Tomcat ==
if up varnish && up tomcat; then
    log "capturing: Varnish -> Tomcat"
    S=tomcat-varnish
    cap $S tomcat-200-varnish-miss.txt 200 app tomcat "the first request for the catalog: a MISS, the servlet's answer" "X-Cache: MISS" -- -sv $VT/api/catalog
    cap $S varnish-200-hit-tomcat.txt 200 cdn-cache varnish "the second request: from Varnish's store" "curl -si; X-Cache: HIT, Age" -- -si $VT/api/catalog
    cap $S varnish-304-etag.txt 304 cdn-cache varnish "If-None-Match with the cached ETag: Varnish's own 304" "" -- -sv -H 'If-None-Match: "catalog-v7"' $VT/api/catalog
    cap $S tomcat-404-via-varnish.txt 404 app tomcat "sendError(404, msg): Tomcat's page passed by Varnish" "curl -si" -- -si $VT/api/orders/9
    cap $S varnish-503-first-byte-timeout.txt 503 cdn-cache varnish "the servlet sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "" -- -sv $VT/api/slow
    cap $S varnish-405-purge-not-allowed.txt 405 cdn-cache varnish "PURGE from an address outside the purgers ACL: synth(405)" "" -- -sv -X PURGE $VT/api/catalog
    cap $S varnish-503-legacy-down.txt 503 cdn-cache varnish "/legacy/ goes to a backend that is not running" "curl -si" -- -si $VT/legacy/items
fi

# ======================================================== Varnish -> Jetty ==
if up varnish && up jetty; then
    log "capturing: Varnish -> Jetty"
    S=jetty-varnish
    cap $S jetty-500-via-varnish.txt 500 app jetty "an uncaught exception: Jetty's 500 page passed by Varnish" "curl -si" -- -si $VJ/api/boom
    quiet $VJ/api/catalog
    cap $S varnish-200-hit-jetty.txt 200 cdn-cache varnish "the catalog again: a HIT" "X-Cache: HIT" -- -sv $VJ/api/catalog
    caphttp $S varnish-200-hit-jetty-httpie.txt 200 cdn-cache varnish "HTTPie: the catalog from Varnish's store" "HTTPie with colours" -- -v GET $VJ/api/catalog
    cap $S varnish-503-jetty-slow.txt 503 cdn-cache varnish "the servlet sleeps 5 s, first_byte_timeout 2s" "" -- -sv $VJ/api/slow
    cap $S varnish-503-jetty-big-header.txt 503 cdn-cache varnish "the app sends a 20 KB header over http_resp_hdr_len: 'Backend fetch failed'" "curl -si" -- -si $VJ/api/trace
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up tomcat && capbody $S body-tomcat-404-unmapped.txt 404/404 app tomcat "Tomcat's 'HTTP Status 404 – Not Found' page" "" -- $TC/orders/7
up tomcat && capbody $S body-tomcat-500-hardened.txt 500/500 app tomcat "the bare 'HTTP Status 500' page (report hidden)" "" -- $TH/api/boom
up tomcat && capbody $S body-tomcat-409-json.txt 0/409 app tomcat "the servlet's JSON 409" "no number" -- -X POST $TC/api/orders/1/cancel
up jetty && capbody $S body-jetty-431.txt 431/431 app jetty "'Bad Message 431'" "" -- -H @sso-cookie.txt $JD/api/orders/1
up jetty && capbody $S body-jetty-429-json.txt 0/429 app jetty "the servlet's JSON 429" "no number" -- $JD/api/search?q=boots
up apache && capbody $S body-apache-503-ajp.txt 503/503 proxy apache "Apache's 503 page for the dead AJP port" "" -- $AJ/legacy/items
up nginx && capbody $S body-nginx-504.txt 504/504 proxy nginx "nginx's 504 page" "" -- $NJ/api/slow
up haproxy && capbody $S body-haproxy-403.txt 403/403 load-balancer haproxy "HAProxy's 403 page" "" -- $HT/internal/metrics
up varnish && capbody $S body-varnish-503.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page" "" -- $VT/legacy/items

# ================================================ headers-only pastes ==
S=headers-only-paste
up tomcat && caphead $S head-tomcat-404-unmapped.txt 404 app tomcat "curl -sI, a path no servlet maps" "" -- $TC/orders/7
up jetty && caphead $S head-jetty-404-senderror.txt 404 app jetty "curl -sI, sendError(404, msg)" "" -- $JD/api/orders/9
up haproxy && caphead $S head-haproxy-403.txt 403 load-balancer haproxy "curl -sI on /internal/" "" -- $HT/internal/metrics
up varnish && up tomcat && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on the cached catalog" "X-Cache: HIT" -- $VT/api/catalog
up apache && caphead $S head-apache-403-require.txt 403 proxy apache "curl -sI on /admin/ (Require ip 10.0.0.0/8)" "" -- $AE/admin/users

# ======================================= app servers go away behind the fronts ==
if up tomcat; then
    log "capturing: Tomcat stopped"
    stop_name tomcat
    sleep 2  # HAProxy's check (inter 1s, fall 1) marks it down
    up apache && cap tomcat-apache-ajp apache-503-tomcat-stopped-ajp.txt 503 proxy apache "Tomcat is stopped: Apache's 503 over AJP" "" -- -sv $AJ/api/orders/1
    up nginx && capraw tomcat-nginx nginx-502-tomcat-stopped.txt 502 proxy nginx "Tomcat is stopped: nginx's 502" "curl -si saved to a file (CRs kept)" -- -si $NT/api/orders/1
    up haproxy && cap tomcat-haproxy haproxy-503-tomcat-stopped.txt 503 load-balancer haproxy "Tomcat is stopped: no server is available" "" -- -sv $HT/api/orders/1
    up varnish && cap tomcat-varnish varnish-503-tomcat-stopped.txt 503 cdn-cache varnish "Tomcat is stopped: 'Backend fetch failed'" "curl -si" -- -si $VT/api/orders/1
fi
if up jetty; then
    log "capturing: Jetty stopped"
    stop_name jetty
    sleep 2
    up apache && cap jetty-apache apache-503-jetty-stopped.txt 503 proxy apache "Jetty is stopped: Apache's 503" "" -- -sv $AE/api/orders/1
    up apache && capwget jetty-apache apache-503-jetty-stopped-wget.txt 503 proxy apache "wget, Jetty is stopped" "wget -S -O-" -- $AE/api/catalog
    up nginx && caphttp jetty-nginx nginx-502-jetty-stopped-httpie.txt 502 proxy nginx "HTTPie: Jetty is stopped, nginx's 502" "HTTPie with colours" -- -v GET $NJ/api/orders/1
    up haproxy && capwin jetty-haproxy haproxy-503-jetty-stopped.txt 503 load-balancer haproxy "Jetty is stopped: no server is available" "curl -si pasted with CRLF" -- -si $HJ/api/orders/1
    up varnish && cap jetty-varnish varnish-503-jetty-stopped.txt 503 cdn-cache varnish "Jetty is stopped: 'Backend fetch failed'" "" -- -sv $VJ/api/orders/1
fi

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round44/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
