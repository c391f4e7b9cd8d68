#!/usr/bin/env bash
# capture-round11.sh — build the eleventh held-out evidence corpus in
# tests/fixtures/evidence-round11/.
#
# The JVM world, from Debian's packages (Maven Central does not resolve on
# this machine): Spring MVC 4.3 on Jetty 9.4, Jetty's ProxyServlet as a
# gateway, a plain servlet on embedded Tomcat 10.1, the JDK's own
# com.sun.net.httpserver as an app, an identity service and an API gateway
# (java.net.http client). Go: julienschmidt/httprouter and
# emicklei/go-restful from Debian's golang-*-dev packages. Front layers in
# configurations no round used: HAProxy marking servers down with
# `option httpchk` and X-Request-Id on its own answers; nginx
# `proxy_next_upstream` over two upstreams, `auth_request` to a JDK service,
# h2c; Apache mod_proxy_balancer with a hot standby and Basic auth; Caddy
# `handle_errors` with `templates` and `forward_auth`; Varnish with health
# probes and `beresp.uncacheable`; Squid as a reverse accelerator with a
# `deny_info` page. Paste forms: curl -v/-i transcripts (some with their CRs,
# some with CRLF), `curl -s -D-`, `wget -S -O-`, HTTPie with colours,
# body-only and headers-only pastes, HTTP/2 (h2c to nginx).
#
#   scripts/corpus/capture-round11.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round11.sh   # never call apt-get / go / javac
#   CORPUS_KEEP_RUN=1 capture-round11.sh       # keep configs + logs in the runtime dir
#   CORPUS_SETUP_ONLY=1 capture-round11.sh     # start every server, leave them up 300 s, capture nothing
#
# Rules as in rounds 1-10: every server binds 127.0.0.1 (ports 29000-29999)
# and the script stops if a new socket listens anywhere else; every curl,
# wget and HTTPie runs under `timeout`; every loop is bounded; every server it
# started is stopped on exit, by process id. Installs and builds run under
# `nice -n 15`. Labels are written by finish_round11.py, which refuses (and
# this script then leaves the fixtures as they were) when a label's status is
# not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round11"
RUN=/tmp/api-triage-corpus11
STAGE="$RUN/evidence"
CONF="$HERE/conf-round11"
APPS="$HERE/apps11"
GODIR=${CORPUS_GO11:-/tmp/api-triage-corpus11-go}
JAVADIR=${CORPUS_JAVA11:-/tmp/api-triage-corpus11-java}
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus11 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openjdk-17-jdk-headless libjetty9-java libjetty9-extra-java libtomcat10-java
          libspring-web-servlet-java libspring-web-java libspring-context-java libjackson2-databind-java
          golang-go golang-github-julienschmidt-httprouter-dev golang-github-emicklei-go-restful-dev
          apache2 nginx haproxy varnish caddy squid)
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

J=/usr/share/java
cp_of() { local a out=""; for a in "$@"; do out+="${out:+:}$J/$a.jar"; done; printf '%s' "$out"; }
CP_SPRING=$(cp_of jetty9-server jetty9-servlet jetty9-http jetty9-io jetty9-util jetty9-security jetty9-proxy \
    jetty9-client servlet-api spring3-core spring3-beans spring3-context spring3-aop spring3-expression \
    spring3-web spring3-web.servlet commons-logging aopalliance jackson-databind jackson-core jackson-annotations)
CP_TOMCAT=$(cp_of tomcat10-catalina tomcat10-coyote tomcat10-util tomcat10-util-scan tomcat10-juli tomcat10-api \
    tomcat10-servlet-api tomcat10-jaspic-api tomcat10-annotations-api tomcat10-jni)

build_java() {  # javac, one source at a time; classes kept under /tmp between runs
    local src
    for src in JdkApps SpringJetty TomcatApp; do
        [[ -e $JAVADIR/$src.class && $JAVADIR/$src.class -nt $APPS/$src.java ]] && continue
        [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[java]="the Java apps are not compiled"; return 0; }
        mkdir -p "$JAVADIR"
        log "javac $src"
        case $src in
            # Debian's Spring 4.3 and Jetty 9.4 are Java 8 libraries
            SpringJetty) nice -n 15 javac --release 8 -nowarn -cp "$CP_SPRING" -d "$JAVADIR" "$APPS/$src.java" ;;
            TomcatApp) nice -n 15 javac -nowarn -cp "$CP_TOMCAT" -d "$JAVADIR" "$APPS/$src.java" ;;
            *) nice -n 15 javac -d "$JAVADIR" "$APPS/$src.java" ;;
        esac >>"$RUN/logs/javac.log" 2>&1 || { SKIPPED[java]="javac $src failed (see logs/javac.log)"; return 0; }
    done
}

build_go() {  # httprouter + go-restful from Debian's /usr/share/gocode, offline, GOPATH mode
    [[ -x $GODIR/apps11 && $GODIR/apps11 -nt $HERE/apps11.go ]] && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[go]="the Go app is not built"; return 0; }
    mkdir -p "$GODIR/src/apps11" "$GODIR/src/github.com/emicklei/go-restful"
    # Debian ships go-restful v3 without the /v3 directory its own imports name
    ln -sfn /usr/share/gocode/src/github.com/emicklei/go-restful "$GODIR/src/github.com/emicklei/go-restful/v3"
    cp "$HERE/apps11.go" "$GODIR/src/apps11/main.go"
    log "go build (GOPATH mode, offline)"
    (cd "$GODIR/src/apps11" && GO111MODULE=off GOPROXY=off GOPATH="$GODIR:/usr/share/gocode" GOCACHE="$GODIR/cache" \
        nice -n 15 timeout 600 go build -p 1 -o "$GODIR/apps11" .) >"$RUN/logs/go-build.log" 2>&1 \
        || SKIPPED[go]="go build failed (see logs/go-build.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$HERE/"* || $cmd == *"$GODIR/"* || $cmd == *"$JAVADIR/"* ]]
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

wait_port() {  # bounded wait (30 s: Tomcat and Jetty start slowly)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round11.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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

selfsigned() {  # selfsigned DIR: tls.key + tls.crt for 127.0.0.1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7 \
        -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
        -keyout "$1/tls.key" -out "$1/tls.crt" >/dev/null 2>&1
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

# an https caphttp: HTTPie to the TLS front, the self-signed certificate not checked
caphttps() { local a=("$@"); caphttp "${a[@]:0:8}" --verify=no "${a[@]:8}"; }
# ------------------------------------------------------------------- main --
[[ -d $CONF ]] || die "missing $CONF"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
build_java
build_go
[[ -z ${SKIPPED[java]:-} ]] || die "the Java apps did not compile (${SKIPPED[java]})"
[[ -z ${SKIPPED[go]:-} && -x $GODIR/apps11 ]] || die "the Go app did not build (${SKIPPED[go]:-?})"

PORTS=(29010 29011 29012 29020 29021 29022 29030 29040 29041 29050 29055 29056 29057 29060 29065 29070 29075)
for p in "${PORTS[@]}" 29008 29009; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- apps -------------------------------------------------------------------
declare -A UP=()
JAVA=(nice -n 5 java -Xmx192m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.io.tmpdir="$RUN/work")
start_bg jdk-app "${JAVA[@]}" -cp "$JAVADIR" JdkApps app 29010
start_bg jdk-auth "${JAVA[@]}" -cp "$JAVADIR" JdkApps auth 29011
start_bg jdk-gateway "${JAVA[@]}" -cp "$JAVADIR" JdkApps gateway 29012 /spring=http://127.0.0.1:29020 \
    /tomcat=http://127.0.0.1:29030,k-jgw-11 /dead=http://127.0.0.1:29009 /jdk=http://127.0.0.1:29010 /router=http://127.0.0.1:29040
start_bg spring "${JAVA[@]}" -cp "$JAVADIR:$CP_SPRING" SpringJetty spring 29020
start_bg jetty-proxy "${JAVA[@]}" -cp "$JAVADIR:$CP_SPRING" SpringJetty proxy 29021 http://127.0.0.1:29010
start_bg jetty-proxy-dead "${JAVA[@]}" -cp "$JAVADIR:$CP_SPRING" SpringJetty proxy 29022 http://127.0.0.1:29009
start_bg tomcat "${JAVA[@]}" -cp "$JAVADIR:$CP_TOMCAT" TomcatApp 29030
start_bg httprouter "$GODIR/apps11" httprouter 29040
start_bg restful "$GODIR/apps11" restful 29041
for p in 29010 29011 29012 29020 29021 29022 29030 29040 29041; do
    wait_port $p app || die "an app did not start on $p"
done
in_work timeout 20 curl -s -o /dev/null "http://127.0.0.1:29020/api/health"  # Spring maps its routes on the first request

# ---- front layers ------------------------------------------------------------
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 29050 haproxy && UP[haproxy]=1
fi
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 29055 nginx && wait_port 29056 nginx && wait_port 29057 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/htdocs
    printf 'oncall:{SHA}%s\n' "$(printf 'correct-horse' | openssl dgst -sha1 -binary | base64)" >"$RUN/apache/users.pw"
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 29060 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/{data,home}
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy/home" XDG_DATA_HOME="$RUN/caddy/data" \
        XDG_CONFIG_HOME="$RUN/caddy/home" caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 29065 caddy && UP[caddy]=1
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:29070 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m
    wait_port 29070 varnish && UP[varnish]=1
fi
if have squid; then
    mkdir -p "$RUN/squid/errors"
    cp /usr/share/squid/errors/templates/* "$RUN/squid/errors/"
    cp "$CONF"/squid-errors/* "$RUN/squid/errors/"
    render "$CONF/squid.conf" "$RUN/squid/squid.conf"
    chown -R proxy: "$RUN/squid" 2>/dev/null || chmod -R 777 "$RUN/squid"
    start_bg squid squid -N -f "$RUN/squid/squid.conf"
    wait_port 29075 squid && UP[squid]=1
fi
sleep 3  # the health checks of HAProxy and Varnish settle

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 11 (held out): real responses captured by
# scripts/corpus/capture-round11.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-10:
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
JD=$A:29010 AU=$A:29011 JG=$A:29012 SP=$A:29020 JP=$A:29021 JX=$A:29022 TC=$A:29030 HR=$A:29040 GR=$A:29041
HA=$A:29050 NX=$A:29055 NA=$A:29056 NH=$A:29057 AP=$A:29060 CD=$A:29065 VN=$A:29070 SQ=$A:29075
JSONH=(-H 'Content-Type: application/json')

# ================================================================ apps ==
log "capturing: the apps"
S=jdk-httpserver-direct
cap $S jdk-404-json.txt 404 app jdk-httpserver "the handler's JSON 404 for an unknown order" "no Server header; X-App" -- -sv $JD/api/orders/7
cap $S jdk-404-text-unrouted.txt 404 app jdk-httpserver "no route under /api/: the handler's text 404" "curl -si" -- -si $JD/api/v2/orders
cap $S jdk-404-context-unmatched.txt 404 app jdk-httpserver "outside every context: the JDK server's own 404" "'<h1>404 Not Found</h1>No context found for request'" -- -sv $JD/health
cap $S jdk-405-json.txt 405 app jdk-httpserver "DELETE on an order: JSON 405 with Allow" "" -- -sv -X DELETE $JD/api/orders/7
cap $S jdk-000-handler-throws.txt 0 app jdk-httpserver "the handler throws: the JDK server closes the connection with no answer" "empty reply from server" -- -sv $JD/api/boom
capraw $S jdk-500-text.txt 500 app jdk-httpserver "the handler's text 500" "curl -si saved to a file (CRs kept)" -- -si $JD/api/fail
cap $S jdk-503-json.txt 503 app jdk-httpserver "JSON 503 while warming up" "Retry-After: 20" -- -sv $JD/api/unavailable
capwin $S jdk-502-html-nginx-words.txt 502 app jdk-httpserver "the app relays a provider failure in nginx's words" "an HTML 502 in nginx's words, no Server; pasted with CRLF" -- -si $JD/api/upstream
caphttp $S jdk-429-httpie.txt 429 app jdk-httpserver "HTTPie -v: the app's own 429" "HTTPie with colours" -- -v GET $JD/api/limited

S=spring-mvc-jetty
cap $S spring-404-responsestatus-jetty-page.txt 404 app jetty "@ResponseStatus(NOT_FOUND): Spring calls sendError, Jetty renders its HTML page" "'HTTP ERROR 404 Order not found', the DispatcherServlet named in the page" -- -sv $SP/api/orders/7
cap $S spring-404-no-handler-jetty-page.txt 404 app jetty "no handler: DispatcherServlet's 404, Jetty's page" "curl -si" -- -si $SP/api/v2/orders
cap $S spring-405-empty.txt 405 app jetty "DELETE on a GET mapping: Spring sends 405 with sendError" "an EMPTY body, Allow: GET" -- -sv -X DELETE $SP/api/health
cap $S spring-400-bad-json.txt 400 app jetty "a POST with broken JSON: Spring's 400, Jetty's page" "" -- -sv "${JSONH[@]}" -d '{"sku": ' $SP/api/orders
cap $S spring-400-type-mismatch.txt 400 app jetty "/api/orders/abc: the path variable is not an int" "curl -si" -- -si $SP/api/orders/abc
cap $S spring-500-exception.txt 500 app jetty "the controller throws: Jetty's 500 page" "the exception named in the page" -- -sv $SP/api/boom
cap $S spring-503-json-boot-shape.txt 503 app spring-mvc "the controller's JSON 503 in Spring Boot's error shape" "timestamp/status/error/message/path" -- -sv $SP/api/unavailable
capdump $S spring-429-senderror.txt 429 app jetty "sendError(429) with Retry-After" "curl -s -D-" -- $SP/api/limited
caphttp $S spring-415-httpie.txt 415 app jetty "HTTPie POST with a form body: Spring's 415" "HTTPie with colours" -- -v --form POST $SP/api/orders sku=A-1

S=tomcat-embedded
cap $S tomcat-404-senderror.txt 404 app tomcat "sendError(404, msg): Tomcat's ErrorReportValve page" "no server info in the page, an empty reason phrase" -- -sv $TC/api/orders/7
cap $S tomcat-404-unmapped.txt 404 app tomcat "no servlet mapped: Tomcat's 404 page" "curl -si" -- -si $TC/v2/orders
cap $S tomcat-500-exception.txt 500 app tomcat "the servlet throws: Tomcat's 500 page with the exception" "" -- -sv $TC/api/boom
cap $S tomcat-410-senderror.txt 410 app tomcat "sendError(410): Tomcat's page" "curl -si" -- -si $TC/api/gone
cap $S tomcat-503-json.txt 503 app tomcat "the servlet's JSON 503" "" -- -sv $TC/api/unavailable
cap $S tomcat-400-bad-uri.txt 400 app tomcat "a raw '%' in the path: Tomcat's connector answers 400" "" -- -sv --path-as-is "$TC/api/%zz"
capwget $S tomcat-405-wget.txt 405 app tomcat "POST to a GET-only servlet, fetched with wget" "wget's lines, Tomcat's 405 page" -- --post-data=x $TC/api/health

S=httprouter-direct
cap $S httprouter-404-problem.txt 404 app httprouter "the handler's problem+json 404" "" -- -sv $HR/api/orders/7
cap $S httprouter-404-default.txt 404 app httprouter "no route: httprouter's default 404" "'404 page not found'" -- -si $HR/api/v2/orders
cap $S httprouter-405-default.txt 405 app httprouter "PUT on a GET route: httprouter's 405 with Allow" "" -- -sv -X PUT $HR/api/health
cap $S httprouter-500-panic-handler.txt 500 app httprouter "a panic: the PanicHandler's text 500" "curl -si" -- -si $HR/api/boom
cap $S httprouter-422-problem.txt 422 app httprouter "a POST with qty 0: problem+json 422" "" -- -sv "${JSONH[@]}" -d '{"sku":"A-1","qty":0}' $HR/api/orders
caphttp $S httprouter-400-httpie.txt 400 app httprouter "HTTPie POST with a string qty" "HTTPie with colours; problem+json 400" -- -v POST $HR/api/orders sku=A-1 qty=two
cap $S httprouter-503-problem.txt 503 app httprouter "problem+json 503 during a migration" "Retry-After: 15" -- -sv $HR/api/unavailable

S=go-restful-direct
cap $S restful-404-error-string.txt 404 app go-restful "WriteErrorString(404)" "text body" -- -sv $GR/api/orders/7
cap $S restful-404-default.txt 404 app go-restful "no route: go-restful's '404: Page Not Found'" "curl -si" -- -si $GR/api/v2/orders
cap $S restful-405-default.txt 405 app go-restful "DELETE on a GET route: '405: Method Not Allowed'" "" -- -sv -X DELETE $GR/api/health
cap $S restful-415-default.txt 415 app go-restful "a POST without a JSON Content-Type" "'415: Unsupported Media Type'" -- -sv -d 'sku=A-1' $GR/api/orders
cap $S restful-406-default.txt 406 app go-restful "Accept: text/html on a JSON route" "'406: Not Acceptable'" -- -si -H 'Accept: text/html' $GR/api/health
cap $S restful-500-recovered-panic.txt 500 app go-restful "a panic recovered by the container" "" -- -sv $GR/api/boom
capraw $S restful-503-service-error.txt 503 app go-restful "WriteServiceError(503)" "curl -si saved to a file (CRs kept)" -- -si $GR/api/unavailable

# ============================================================ gateways ==
log "capturing: the gateways on the JVM"
S=jdk-gateway
cap $S jgw-502-refused-json.txt 502 proxy jdk-httpserver "the JDK gateway: the target refuses" "JSON with the request id, Via: 1.1 orders-jgw" -- -sv $JG/dead/api/orders
cap $S jgw-404-no-route.txt 404 proxy jdk-httpserver "the JDK gateway: no route" "curl -si" -- -si $JG/v3/orders
cap $S jgw-504-timeout.txt 504 proxy jdk-httpserver "the JDK gateway: the app is slower than 3 s" "" -- -sv $JG/jdk/api/slow
cap $S jgw-401-api-key.txt 401 identity jdk-httpserver "the JDK gateway's API-key check on /tomcat" "WWW-Authenticate: ApiKey" -- -sv $JG/tomcat/api/health
caphttp $S jgw-401-httpie.txt 401 identity jdk-httpserver "HTTPie -v, a wrong key" "HTTPie with colours" -- -v GET $JG/tomcat/api/health 'X-Api-Key:k-wrong'
cap $S tomcat-404-via-jgw.txt 404 app tomcat "a good key: Tomcat's 404 page through the JDK gateway" "the gateway's X-Gateway-Request-Id on the app's page" -- -sv -H 'X-Api-Key: k-jgw-11' $JG/tomcat/api/orders/7
cap $S spring-503-via-jgw.txt 503 app spring-mvc "Spring's JSON 503 through the JDK gateway" "curl -si" -- -si $JG/spring/api/unavailable
cap $S httprouter-405-via-jgw.txt 405 app httprouter "httprouter's 405 through the JDK gateway" "" -- -sv -X PUT $JG/router/api/health

S=jetty-proxyservlet
cap $S jetty-504-proxy-timeout.txt 504 proxy jetty "Jetty's ProxyServlet: the app is slower than 2 s" "Jetty's HTML 504, the ProxyServlet named in it" -- -sv $JP/api/slow
cap $S jetty-502-proxy-refused.txt 502 proxy jetty "Jetty's ProxyServlet: the target refuses" "curl -si" -- -si $JX/api/orders
capwget $S jetty-502-proxy-wget.txt 502 proxy jetty "the same, fetched with wget" "wget's lines, Jetty's page" -- $JX/api/health
cap $S jdk-404-via-jetty-proxy.txt 404 app jdk-httpserver "the JDK app's JSON 404 through Jetty's ProxyServlet" "Via: 1.1 added by Jetty" -- -sv $JP/api/orders/7
capwin $S jdk-503-via-jetty-proxy.txt 503 app jdk-httpserver "the JDK app's 503 through Jetty's ProxyServlet" "curl -si pasted with CRLF" -- -si $JP/api/unavailable
cap $S jetty-502-app-closed.txt 502 proxy jetty "the app closes the connection (its handler threw): Jetty's 502" "" -- -sv $JP/api/boom

# ======================================================== front layers ==
if up haproxy; then
    log "capturing: HAProxy with health checks"
    S=haproxy-httpchk
    cap $S haproxy-503-all-servers-down.txt 503 load-balancer haproxy "option httpchk: both payments servers answer 503 to the check, HAProxy has none" \
        "HAProxy's own 503 page with X-Request-Id" -- -sv $HA/payments/api/orders/1
    caphttp $S haproxy-503-httpie.txt 503 load-balancer haproxy "HTTPie -v, the same backend" "HTTPie with colours" -- -v GET $HA/payments/api/health
    cap $S haproxy-504-server-timeout.txt 504 load-balancer haproxy "timeout server 2s: HAProxy's 504" "curl -si" -- -si $HA/slow/api/slow
    capwget $S haproxy-503-wget.txt 503 load-balancer haproxy "no server, fetched with wget" "wget's lines, HAProxy's page" -- $HA/payments/api/orders
    cap $S tomcat-404-via-haproxy.txt 404 app tomcat "Tomcat's 404 page through HAProxy" "X-Request-Id added" -- -sv $HA/orders/api/orders/7
    cap $S spring-404-via-haproxy.txt 404 app jetty "Spring's @ResponseStatus 404 through HAProxy: Jetty's page, Server removed" "curl -si" -- -si $HA/spring/api/orders/7
    capraw $S spring-503-via-haproxy.txt 503 app spring-mvc "Spring's JSON 503 through HAProxy" "curl -si saved to a file (CRs kept)" -- -si $HA/spring/api/unavailable
    capwin $S tomcat-500-via-haproxy.txt 500 app tomcat "Tomcat's 500 page through HAProxy" "curl -si pasted with CRLF" -- -si $HA/orders/api/boom
fi

if up nginx; then
    log "capturing: nginx"
    S=nginx-next-upstream
    cap $S nginx-502-next-upstream-exhausted.txt 502 proxy nginx "proxy_next_upstream: both upstreams refuse, nginx answers 502" "Server: nginx (no version), X-Request-Id" -- -sv $NX/pair/api/orders
    cap $S httprouter-503-after-next-upstream.txt 503 app httprouter "proxy_next_upstream http_503: the primary (JDK app) says 503, the backup (httprouter) says 503 too; nginx passes the backup's" \
        "the last upstream's problem+json" -- -sv $NX/retry/api/unavailable
    capdump $S nginx-502-next-upstream-dump.txt 502 proxy nginx "the same 502" "curl -s -D-" -- $NX/pair/api/health
    cap $S jgw-502-via-nginx.txt 502 proxy jdk-httpserver "nginx -> JDK gateway -> nothing: the gateway's JSON 502 relayed" "two request ids" -- -sv $NX/jgw/dead/api/orders
    cap $S jgw-401-via-nginx.txt 401 identity jdk-httpserver "nginx -> JDK gateway: no API key" "curl -si" -- -si $NX/jgw/tomcat/api/health
    cap $S spring-400-via-nginx.txt 400 app jetty "nginx -> Spring: broken JSON, Jetty's 400 page" "" -- -sv "${JSONH[@]}" -d '{"sku": ' $NX/spring/api/orders
    cap $S httprouter-404-via-nginx.txt 404 app httprouter "nginx -> httprouter's default 404" "curl -si" -- -si $NX/router/api/v2/orders

    S=nginx-auth-request-jdk
    cap $S nginx-401-auth-request.txt 401 identity nginx "auth_request to the JDK service: no token" "nginx's 401 page, the service's WWW-Authenticate passed on" -- -sv $NA/api/orders/7
    cap $S nginx-403-auth-request.txt 403 identity nginx "auth_request: a token the service rejects" "curl -si" -- -si -H 'Authorization: Bearer expired' $NA/api/orders/7
    caphttp $S nginx-401-auth-request-httpie.txt 401 identity nginx "HTTPie -v with no token" "HTTPie with colours" -- -v GET $NA/api/health
    cap $S tomcat-404-behind-auth-request.txt 404 app tomcat "a good token: Tomcat's 404 page" "" -- -sv -H 'Authorization: Bearer good' $NA/api/orders/7
    cap $S tomcat-503-behind-auth-request.txt 503 app tomcat "a good token: the servlet's JSON 503" "curl -si" -- -si -H 'Authorization: Bearer good' $NA/api/unavailable

    S=nginx-h2c
    cap $S nginx-502-h2c.txt 502 proxy nginx "HTTP/2 with prior knowledge: the upstream refuses" "HTTP/2 502, nginx's page" -- -sv --http2-prior-knowledge $NH/dead/api/orders
    cap $S nginx-504-h2c.txt 504 proxy nginx "HTTP/2: the JDK app is slower than proxy_read_timeout" "curl -si" -- -si --http2-prior-knowledge $NH/slow/api/slow
    cap $S spring-404-via-nginx-h2c.txt 404 app jetty "HTTP/2 to nginx, HTTP/1.1 to Spring: Jetty's 404 page" "" -- -sv --http2-prior-knowledge $NH/spring/api/orders/7
    cap $S spring-503-via-nginx-h2c.txt 503 app spring-mvc "HTTP/2: Spring's JSON 503" "curl -si" -- -si --http2-prior-knowledge $NH/spring/api/unavailable
fi

if up apache; then
    log "capturing: Apache"
    S=apache-balancer-standby
    cap $S apache-503-balancer-all-dead.txt 503 proxy apache "mod_proxy_balancer: the active member and the hot standby both refuse" "Apache's 503 page, X-Request-Id from mod_unique_id" -- -sv $AP/dead/api/orders
    quiet $AP/standby/api/health
    cap $S tomcat-404-via-apache-standby.txt 404 app tomcat "the active member is dead, the hot standby (Tomcat) answers" "curl -si" -- -si $AP/standby/api/orders/7
    capwget $S apache-503-balancer-wget.txt 503 proxy apache "all members dead, fetched with wget" "wget's lines" -- $AP/dead/api/health
    cap $S restful-405-via-apache.txt 405 app go-restful "go-restful's 405 through Apache" "" -- -sv -X DELETE $AP/restful/api/health

    S=apache-basic-auth
    cap $S apache-401-basic.txt 401 identity apache "Basic auth in front of Spring: no credentials" "Apache's 401 page, WWW-Authenticate: Basic" -- -sv $AP/secure/api/health
    cap $S apache-401-basic-wrong.txt 401 identity apache "a wrong password" "curl -si" -- -si -u oncall:wrong $AP/secure/api/health
    caphttp $S apache-401-basic-httpie.txt 401 identity apache "HTTPie -v, no credentials" "HTTPie with colours" -- -v GET $AP/secure/api/orders/1
    cap $S spring-404-behind-apache-basic.txt 404 app jetty "good credentials: Spring's 404, Jetty's page" "" -- -sv -u oncall:correct-horse $AP/secure/api/orders/7
    capwin $S spring-500-behind-apache-basic.txt 500 app jetty "good credentials: Spring's controller throws" "curl -si pasted with CRLF" -- -si -u oncall:correct-horse $AP/secure/api/boom
fi

if up caddy; then
    log "capturing: Caddy"
    S=caddy-templates
    cap $S caddy-502-templates-json.txt 502 proxy caddy "reverse_proxy to a dead port: handle_errors renders JSON through templates" "X-Edge-Id, the same id in the body" -- -sv $CD/dead/api/orders
    cap $S caddy-504-templates-json.txt 504 proxy caddy "response_header_timeout 2s" "curl -si" -- -si $CD/slow/api/slow
    cap $S caddy-403-error-directive.txt 403 proxy caddy "the error directive refuses /internal/" "" -- -sv $CD/internal/metrics
    cap $S caddy-404-no-route.txt 404 proxy caddy "no route: the error directive's 404" "curl -si" -- -si $CD/v2/orders
    cap $S caddy-401-forward-auth.txt 401 identity jdk-httpserver "forward_auth: the JDK identity service's 401 comes back through Caddy" "an EMPTY 401 with WWW-Authenticate: Bearer" -- -sv $CD/auth/api/health
    cap $S caddy-403-forward-auth.txt 403 identity jdk-httpserver "forward_auth: a rejected token" "curl -si; EMPTY" -- -si -H 'Authorization: Bearer expired' $CD/auth/api/health
    cap $S httprouter-404-behind-forward-auth.txt 404 app httprouter "a good token: httprouter's problem+json 404" "" -- -sv -H 'Authorization: Bearer good' $CD/auth/api/orders/7
    cap $S jdk-503-via-caddy.txt 503 app jdk-httpserver "the JDK app's JSON 503 through Caddy (not an error for handle_errors)" "curl -si" -- -si $CD/jdk/api/unavailable
    cap $S restful-404-via-caddy.txt 404 app go-restful "go-restful's default 404 through Caddy" "" -- -sv $CD/restful/api/v2/orders
fi

if up varnish; then
    log "capturing: Varnish"
    S=varnish-probe
    cap $S varnish-503-sick-backend.txt 503 cdn-cache varnish "the payments backend's probe is sick: Varnish answers without fetching" "'503 Backend fetch failed', the Guru Meditation page" -- -sv $VN/payments/api/orders/1
    capraw $S varnish-503-sick-backend-raw.txt 503 cdn-cache varnish "the same, another path" "curl -si saved to a file (CRs kept)" -- -si $VN/payments/api/health
    cap $S jdk-200-varnish-miss.txt 200 app jdk-httpserver "the first request for the catalog: a MISS" "X-Cache: MISS" -- -sv $VN/api/catalog
    cap $S varnish-200-hit.txt 200 cdn-cache varnish "the second request: from the cache" "curl -si; X-Cache: HIT, Age" -- -si $VN/api/catalog
    cap $S varnish-304-inm.txt 304 cdn-cache varnish "If-None-Match with the cached ETag: Varnish's own 304" "" -- -sv -H 'If-None-Match: "cat-11"' $VN/api/catalog
    cap $S jdk-404-via-varnish-uncacheable.txt 404 app jdk-httpserver "the app's 404, made uncacheable" "X-Cache: MISS" -- -sv $VN/api/orders/7
    cap $S jdk-503-via-varnish.txt 503 app jdk-httpserver "the app's own 503 through Varnish (the backend is healthy)" "curl -si; Via: varnish" -- -si $VN/api/unavailable
    cap $S varnish-503-app-closed.txt 503 cdn-cache varnish "the app closes the connection: Varnish's 503 Backend fetch failed" "" -- -sv $VN/api/boom
fi

if up squid; then
    log "capturing: Squid"
    S=squid-accel
    cap $S squid-403-deny-info.txt 403 cdn-cache squid "http_access deny with deny_info: the operator's page" "X-Squid-Error: ERR_ORDERS_INTERNAL" -- -sv $SQ/internal/metrics
    cap $S squid-502-dead-origin.txt 502 cdn-cache squid "the origin peer for /legacy/ refuses the connection" "curl -si; ERR_READ_ERROR, no version" -- -si $SQ/legacy/api/orders
    cap $S tomcat-404-via-squid.txt 404 app tomcat "Tomcat's 404 page through the accelerator" "" -- -sv $SQ/api/orders/7
    cap $S tomcat-500-via-squid.txt 500 app tomcat "Tomcat's 500 page through the accelerator" "curl -si" -- -si $SQ/api/boom
    capwget $S squid-403-deny-info-wget.txt 403 cdn-cache squid "the deny_info page, fetched with wget" "wget's lines" -- $SQ/internal/health
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
capbody $S body-jdk-404.txt 0/404 app jdk-httpserver "the JDK app's order_not_found JSON" "no number" -- $JD/api/orders/7
capbody $S body-jdk-context-404.txt 404/404 app jdk-httpserver "the JDK server's 'No context found'" "'404 Not Found' in the h1" -- $JD/health
capbody $S body-spring-503.txt 503/503 app spring-mvc "the Spring JSON 503" "\"status\":503" -- $SP/api/unavailable
capbody $S body-jetty-404.txt 404/404 app jetty "Jetty's 404 page for Spring" "'HTTP ERROR 404'" -- $SP/api/orders/7
capbody $S body-tomcat-404.txt 404/404 app tomcat "Tomcat's 404 page" "'HTTP Status 404'" -- $TC/api/orders/7
capbody $S body-httprouter-404.txt 404/404 app httprouter "'404 page not found'" "Go's own words for a 404, which name the status (labelled 404, as rounds 3, 6, 7 and 8 label them)" -- $HR/api/v2/orders
capbody $S body-httprouter-problem.txt 404/404 app httprouter "problem+json 404" "\"status\":404" -- $HR/api/orders/7
capbody $S body-restful-405.txt 405/405 app go-restful "'405: Method Not Allowed'" "" -- -X DELETE $GR/api/health
capbody $S body-jgw-502.txt 0/502 proxy jdk-httpserver "the JDK gateway's JSON 502" "UPSTREAM_UNAVAILABLE, no number" -- $JG/dead/api/orders
capbody $S body-jgw-401.txt 0/401 identity jdk-httpserver "the JDK gateway's API-key JSON" "UNAUTHENTICATED, no number" -- $JG/tomcat/api/health
capbody $S body-jetty-504.txt 504/504 proxy jetty "Jetty ProxyServlet's 504 page" "'HTTP ERROR 504'" -- $JP/api/slow
if up haproxy; then
    capbody $S body-haproxy-503.txt 503/503 load-balancer haproxy "HAProxy's 503 page" "'503 Service Unavailable'" -- $HA/payments/api/orders
fi
if up nginx; then
    capbody $S body-nginx-502.txt 502/502 proxy nginx "nginx's 502 page after both upstreams" "no version" -- $NX/pair/api/orders
    capbody $S body-nginx-401-auth-request.txt 401/401 identity nginx "nginx's 401 page after auth_request" "" -- $NA/api/orders/7
fi
up apache && capbody $S body-apache-401-basic.txt 401/401 identity apache "Apache's 401 page" "'401 Unauthorized'" -- $AP/secure/api/health
up caddy && capbody $S body-caddy-502-json.txt 502/502 proxy caddy "the templated JSON 502" "\"status\":502" -- $CD/dead/api/orders
up caddy && capbody $S body-caddy-401-forward-auth.txt 0/401 identity jdk-httpserver "forward_auth's 401: an empty body" "nothing at all" -- $CD/auth/api/health
up varnish && capbody $S body-varnish-503.txt 503/503 cdn-cache varnish "the Guru Meditation page" "'503 Backend fetch failed'" -- $VN/payments/api/orders
up squid && capbody $S body-squid-403-deny-info.txt 0/403 cdn-cache squid "the operator's deny_info page" "'Access denied', no number" -- $SQ/internal/metrics

# ================================================ headers-only pastes ==
S=headers-only-paste
caphead $S head-jdk-404.txt 404 app jdk-httpserver "curl -sI on an unknown order" "" -- $JD/api/orders/7
caphead $S head-spring-405.txt 405 app jetty "curl -sI on a POST-only mapping: Spring's 405 for HEAD" "" -- $SP/api/orders
caphead $S head-tomcat-404.txt 404 app tomcat "curl -sI, Tomcat" "" -- $TC/v2/orders
caphead $S head-httprouter-405.txt 405 app httprouter "curl -sI on a POST route: httprouter's 405" "Allow: POST" -- $HR/api/orders
caphead $S head-jgw-401.txt 401 identity jdk-httpserver "curl -sI, the JDK gateway's key check" "" -- $JG/tomcat/api/health
up haproxy && caphead $S head-haproxy-503.txt 503 load-balancer haproxy "curl -sI, no server up" "X-Request-Id" -- $HA/payments/api/orders
up nginx && caphead $S head-nginx-401-auth-request.txt 401 identity nginx "curl -sI, auth_request" "" -- $NA/api/orders/7
up apache && caphead $S head-apache-503-balancer.txt 503 proxy apache "curl -sI, every balancer member dead" "" -- $AP/dead/api/orders
up caddy && caphead $S head-caddy-502.txt 502 proxy caddy "curl -sI, Caddy to a dead port" "" -- $CD/dead/api/orders
up varnish && caphead $S head-varnish-200-hit.txt 200 cdn-cache varnish "curl -sI on a cached entry" "X-Cache: HIT" -- $VN/api/catalog
up squid && caphead $S head-squid-403.txt 403 cdn-cache squid "curl -sI, deny_info" "" -- $SQ/internal/metrics

# ======================================== the auth service goes away ==
if up nginx; then
    stop_name jdk-auth
    sleep 0.5
    S=nginx-auth-request-jdk
    cap $S nginx-500-auth-service-down.txt 500 proxy nginx "auth_request: the identity service is down, nginx answers 500 itself" \
        "nginx's own 500 page; not a refusal" -- -sv -H 'Authorization: Bearer good' $NA/api/orders/7
fi
up caddy && cap caddy-templates caddy-502-forward-auth-down.txt 502 proxy caddy "forward_auth: the identity service is down" "the templated JSON 502" -- -sv $CD/auth/api/health

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round11/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
