#!/usr/bin/env bash
# capture-round56.sh — build the fifty-sixth held-out evidence corpus in
# tests/fixtures/evidence-round56/.
#
# "Servers never seen, a second look": one small loans API written twice,
# once on Flama (an ASGI framework no earlier round used) under uvicorn and
# once as a plain PSGI app served by Starlet (a preforking Perl server no
# earlier round used), behind seven fronts: two that no earlier round used
# (Perlbal, the Perl reverse proxy, and configurable-http-proxy, the Node
# proxy JupyterHub puts in front of its servers) and five mainstream ones
# (nginx, HAProxy, Varnish, Caddy, Apache) in pairings not seen before.
# Where a front can, it puts its own request id on every answer and answers
# some paths itself (JSON 429/503, an empty 503); each also fails in its
# stock ways (dead upstream, slow upstream, unknown Host or path, body, URI
# or header too large). Paste forms: curl -v/-i transcripts (some keeping
# their CRs, some with CRLF on every line), HTTPie with colours, body-only
# and headers-only pastes, `wget -S -O-`.
#
#   scripts/corpus/capture-round56.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round56.sh   # never call apt-get / pip
#   CORPUS_KEEP_RUN=1 capture-round56.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (this round
# ports 59200-59299) and the script stops if a new socket listens anywhere
# else; every curl, HTTPie and wget runs under `timeout`; every loop is
# bounded; every server it started is stopped on exit, by process id.
# Installs run under `nice -n 15` with a policy-rc.d that keeps Debian's
# services from starting. Labels are written by finish_round56.py, which
# refuses (and this script then leaves the fixtures as they were) when a
# label's status is not the one on the wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round56"
RUN=/tmp/api-triage-corpus56
STAGE="$RUN/evidence"
CONF="$HERE/conf-round56"
APPS="$HERE/apps56"
VENV=${CORPUS_VENV56:-/tmp/api-triage-corpus56-venv}
NODE_DIR=/tmp/api-triage-corpus56-node   # not used this round (no npm package); kept for ours()
START_TIME=$SECONDS

PY=/usr/bin/python3   # Debian's, for the venv and the finish script
HTTPIE=/usr/bin/http  # Debian's HTTPie, not another one earlier on PATH
PYPI=(flama==2.2.2 pydantic uvicorn==0.55.0)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus56 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(httpie wget openssl python3-venv nodejs apache2 nginx haproxy varnish caddy perlbal starlet libplack-perl node-configurable-http-proxy)
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



install_venv() {  # Flama and uvicorn, from PyPI
    [[ -x $VENV/bin/python ]] && "$VENV/bin/python" -c "import flama, uvicorn" 2>/dev/null && return 0
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$VENV/"* || $cmd == *"$NODE_DIR/"* ]]
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
            # a worker or child a server left behind (php-fpm, Starlet)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round56.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
have openssl || die "openssl is missing"

# apps: Flama 59210 (Perlbal), 59212 (nginx), 59214 (Varnish); the PSGI app
# under Starlet 59211 (configurable-http-proxy), 59213 (HAProxy), 59215
# (Caddy), 59216 (Apache). 59299 is never listened on.
APP_PORTS=(59210 59211 59212 59213 59214 59215 59216)
FRONT_PORTS=(59280 59281 59282 59283 59243 59284 59245 59285 59286 59244 59287)
for p in "${APP_PORTS[@]}" "${FRONT_PORTS[@]}" 59299; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

# ---- TLS: a self-signed cert for the HTTP/2 ports of nginx and Caddy --------
mkdir -p "$RUN/tls"
timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" \
    -subj "/O=Tidemark/CN=loans.tidemark.test" \
    -addext "subjectAltName=DNS:loans.tidemark.test,IP:127.0.0.1" >"$RUN/logs/openssl.log" 2>&1 \
    || die "openssl could not make the cert"
chmod 644 "$RUN/tls/"*.pem

# ---- apps -------------------------------------------------------------------
declare -A UP=()
UVI=(nice -n 5 "$VENV/bin/uvicorn" --app-dir "$APPS" --host 127.0.0.1 --no-access-log)
STARLET=(nice -n 5 plackup -s Starlet -E deployment --host 127.0.0.1 --max-workers 3)
start_bg flama "${UVI[@]}" --port 59210 flama_app:app
start_bg flama2 "${UVI[@]}" --port 59212 flama_app:app
start_bg flama3 "${UVI[@]}" --port 59214 flama_app:app
start_bg starlet "${STARLET[@]}" --port 59211 "$APPS/loans.psgi"
start_bg starlet2 "${STARLET[@]}" --port 59213 "$APPS/loans.psgi"
start_bg starlet3 "${STARLET[@]}" --port 59215 "$APPS/loans.psgi"
start_bg starlet4 "${STARLET[@]}" --port 59216 "$APPS/loans.psgi"
for p in "${APP_PORTS[@]}"; do
    wait_port $p app || die "an app did not start on $p"
done

# ---- the fronts ----------------------------------------------------------------
if have perlbal; then
    mkdir -p "$RUN/perlbal/empty"
    render "$CONF/perlbal.conf" "$RUN/perlbal/perlbal.conf"
    start_bg perlbal perlbal -c "$RUN/perlbal/perlbal.conf"
    wait_port 59280 perlbal && UP[perlbal]=1
fi
if have node-configurable-http-proxy; then
    # Debian's package finds its modules only through NODE_PATH with this node.
    # Routes are added through its REST API (59282), which wants the token.
    mkdir -p "$RUN/chp"
    CHP_TOKEN=corpus56-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
    start_bg chp env NODE_PATH=/usr/share/nodejs CONFIGPROXY_AUTH_TOKEN="$CHP_TOKEN" nice -n 5 \
        node /usr/share/nodejs/configurable-http-proxy/bin/configurable-http-proxy \
        --ip 127.0.0.1 --port 59281 --api-ip 127.0.0.1 --api-port 59282 \
        --proxy-timeout 2000 --log-level warn --pid-file "$RUN/chp/chp.pid"
    if wait_port 59281 chp && wait_port 59282 chp; then
        ok=1
        for route in "api 59211" "legacy 59299"; do
            set -- $route
            in_work timeout 10 curl -sf -o /dev/null -H "Authorization: token $CHP_TOKEN" -X POST \
                -d "{\"target\":\"http://127.0.0.1:$2\"}" "http://127.0.0.1:59282/api/routes/$1" || ok=0
        done
        ((ok)) && UP[chp]=1 || log "SKIP configurable-http-proxy: its routes could not be set"
    fi
fi
if have nginx; then
    mkdir -p "$RUN"/nginx/tmp "$RUN"/nginx/www/docs
    : >"$RUN/nginx/www/empty-503"
    printf '<!doctype html><title>Tidemark API docs</title><h1>Tidemark loans API</h1>\n' >"$RUN/nginx/www/docs/index.html"
    render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
    chown -R www-data: "$RUN/nginx" 2>/dev/null || true
    if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
        start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
        wait_port 59283 nginx && wait_port 59243 nginx && UP[nginx]=1
    else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi
fi
if have apache2; then
    mkdir -p "$RUN"/apache/empty "$RUN"/apache/errors
    printf '{"error":"too_many_requests","message":"export quota for this key is used up","retry_after":60}\n' >"$RUN/apache/errors/rate-limited.json"
    printf '{"error":"maintenance","message":"returns are switched off until 18:00 UTC"}\n' >"$RUN/apache/errors/maintenance.json"
    render "$CONF/apache.conf" "$RUN/apache/apache.conf"
    chown -R www-data: "$RUN/apache" 2>/dev/null || true
    if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
        # its own process group: on shutdown Apache signals its whole group
        start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
        wait_port 59287 apache && UP[apache]=1
    else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi
fi
if have haproxy; then
    mkdir -p "$RUN/haproxy"
    cp "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
    if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
        start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
        wait_port 59284 haproxy && wait_port 59245 haproxy && UP[haproxy]=1
    else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi
fi
if have varnish; then
    mkdir -p "$RUN"/varnish
    cp "$CONF/varnish.vcl" "$RUN/varnish/default.vcl"
    start_bg varnish varnishd -F -a 127.0.0.1:59285 -T none -f "$RUN/varnish/default.vcl" \
        -n "$RUN/varnish/work" -s malloc,16m -p feature=+http2
    wait_port 59285 varnish && UP[varnish]=1
fi
if have caddy; then
    mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
    render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile"
    start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
        caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
    wait_port 59286 caddy && wait_port 59244 caddy && UP[caddy]=1
fi
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '$2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(sockets) | awk '{n=split($2,a,":"); p=a[n]+0; if (p < 59200 || p > 59299) print}')
[[ -z $NEWPORTS ]] || die "a server listens outside ports 59200-59299: $NEWPORTS"
log "servers up: ${!UP[*]}"

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 56 (held out): real responses captured by
# scripts/corpus/capture-round56.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-54:
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

H=loans.tidemark.test
PB=http://$H:59280 CP=http://$H:59281 NG=http://$H:59283 NGS=https://$H:59243 HA=http://$H:59284
HA2=http://$H:59245 VN=http://$H:59285 CD=http://$H:59286 CDS=https://$H:59244 AP=http://$H:59287
# one --resolve per front keeps the transcripts short
RPB="--resolve $H:59280:127.0.0.1" RCP="--resolve $H:59281:127.0.0.1" RNG="--resolve $H:59283:127.0.0.1"
RNGS="--resolve $H:59243:127.0.0.1" RHA="--resolve $H:59284:127.0.0.1" RHA2="--resolve $H:59245:127.0.0.1"
RVN="--resolve $H:59285:127.0.0.1" RCD="--resolve $H:59286:127.0.0.1" RCDS="--resolve $H:59244:127.0.0.1"
RAP="--resolve $H:59287:127.0.0.1"
JSONH=(-H 'Content-Type: application/json')
LONGQ=$(printf 'q%.0s' $(seq 1 1500))
BIGH="X-Trace-Context: $(printf 't%.0s' $(seq 1 1500))"
BIGH8="X-Trace-Context: $(printf 't%.0s' $(seq 1 8000))"
BIGH20="X-Trace-Context: $(printf 't%.0s' $(seq 1 20000))"
BIGBODY=$(printf '{"ref":"TM-3001","note":"%s"}' "$(printf 'n%.0s' $(seq 1 3000))")

# ============================================ Perlbal -> Flama under uvicorn ==
if up perlbal; then
    log "capturing: Flama under uvicorn behind Perlbal"
    S=flama-uvicorn-perlbal
    RPL="--resolve legacy.tidemark.test:59280:127.0.0.1"
    cap $S flama-200-loan-perlbal.txt 200 app flama "loan 1 through Perlbal (HTTP/1.0 on the way back)" "" -- -sv $RPB $PB/api/loans/1
    cap $S flama-404-loan-perlbal.txt 404 app flama "an unknown loan: the handler's JSON 404" "curl -si" -- -si $RPB $PB/api/loans/9
    caphttp $S flama-401-account-perlbal-httpie.txt 401 app flama "HTTPie, no token: the handler's JSON 401 (Bearer)" "HTTPie with colours" -- -v GET http://127.0.0.1:59280/api/account Host:$H
    cap $S flama-403-admin-perlbal.txt 403 app flama "the handler's JSON 403" "" -- -sv $RPB $PB/api/admin
    capraw $S flama-409-post-perlbal.txt 409 app flama "POST of an existing ref: the handler's JSON 409" "curl -si saved to a file (CRs kept)" -- -si $RPB -X POST "${JSONH[@]}" -d '{"ref":"TM-2001"}' $PB/api/loans
    cap $S flama-422-post-perlbal.txt 422 app flama "POST without ref: the handler's JSON 422" "" -- -sv $RPB -X POST "${JSONH[@]}" -d '{"items":2}' $PB/api/loans
    cap $S flama-429-quota-perlbal.txt 429 app flama "the app's own JSON 429 with Retry-After" "curl -si" -- -si $RPB $PB/api/quota
    cap $S flama-503-maintenance-perlbal.txt 503 app flama "the app's own JSON 503 (maintenance)" "" -- -sv $RPB $PB/api/maintenance
    capwin $S flama-502-payments-html-perlbal.txt 502 app flama "the app's own HTML 502 page (its card processor failed)" "curl -si pasted with CRLF" -- -si $RPB $PB/api/payments
    cap $S flama-504-courier-html-perlbal.txt 504 app flama "the app's own HTML 504 page (its courier timed out)" "" -- -sv $RPB $PB/api/courier
    cap $S uvicorn-500-boom-perlbal.txt 500 app uvicorn "a ZeroDivisionError Flama does not handle: uvicorn's plain 500" "curl -si" -- -si $RPB $PB/api/boom
    cap $S flama-404-route-perlbal.txt 404 app flama "no route: Flama's JSON 404 (HTTPException)" "" -- -sv $RPB $PB/api/v2/loans
    cap $S flama-405-delete-perlbal.txt 405 app flama "DELETE on a loan: Flama's JSON 405" "curl -si" -- -si $RPB -X DELETE $PB/api/loans/1
    cap $S perlbal-413-body.txt 413 proxy perlbal "a 3 KB body, MaxContentLength 1024: Perlbal's own 413" "" -- -sv $RPB -X POST "${JSONH[@]}" -d "$BIGBODY" $PB/api/loans
    cap $S perlbal-404-unknown-host.txt 404 proxy perlbal "the bare IP as Host: the catch-all web_server with an empty docroot, Perlbal's 404 page" "curl -si" -- -si http://127.0.0.1:59280/api/loans/1
    capwget $S perlbal-404-unknown-host-wget.txt 404 proxy perlbal "wget with a Host the vhosts table sends to the catch-all: Perlbal's 404 page" "wget -S -O-" -- --header="Host: shop.tidemark.test" http://127.0.0.1:59280/api/loans/2
    capwin $S perlbal-403-delete-unknown-host.txt 403 proxy perlbal "DELETE to the catch-all web_server: Perlbal's 403 (a method it does not serve)" "curl -si pasted with CRLF" -- -si -X DELETE http://127.0.0.1:59280/api/loans/1
    cap $S perlbal-000-legacy-down.txt 0 proxy perlbal "legacy.tidemark.test to a pool whose only node is dead: Perlbal holds the request and never answers (curl -m 4 gives up)" "curl's 'Operation timed out'" -- -sv -m 4 $RPL http://legacy.tidemark.test:59280/api/loans/1
fi

# =================== configurable-http-proxy -> the PSGI app under Starlet ==
if up chp; then
    log "capturing: the PSGI app under Starlet behind configurable-http-proxy"
    S=plack-starlet-chp
    cap $S plack-200-loan-chp.txt 200 app plack "loan 1 through configurable-http-proxy" "" -- -sv $RCP $CP/api/loans/1
    cap $S plack-404-loan-chp.txt 404 app plack "an unknown loan: the app's JSON 404" "curl -si" -- -si $RCP $CP/api/loans/9
    caphttp $S plack-401-account-chp-httpie.txt 401 app plack "HTTPie, no token: the app's JSON 401 (Bearer)" "HTTPie with colours" -- -v GET http://127.0.0.1:59281/api/account Host:$H
    cap $S plack-403-admin-chp.txt 403 app plack "the app's JSON 403" "" -- -sv $RCP $CP/api/admin
    cap $S plack-409-post-chp.txt 409 app plack "POST of an existing ref: the app's JSON 409" "curl -si" -- -si $RCP -X POST "${JSONH[@]}" -d '{"ref":"TM-2001"}' $CP/api/loans
    capraw $S plack-422-post-chp.txt 422 app plack "POST without ref: the app's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RCP -X POST "${JSONH[@]}" -d '{"items":2}' $CP/api/loans
    cap $S plack-429-quota-chp.txt 429 app plack "the app's own JSON 429 with Retry-After" "" -- -sv $RCP $CP/api/quota
    cap $S plack-503-maintenance-chp.txt 503 app plack "the app's own JSON 503 (maintenance)" "curl -si" -- -si $RCP $CP/api/maintenance
    cap $S plack-503-search-html-chp.txt 503 app plack "the app's own HTML 503 page (its catalogue search is down)" "" -- -sv $RCP $CP/api/search
    capwin $S plack-504-courier-html-chp.txt 504 app plack "the app's own HTML 504 page" "curl -si pasted with CRLF" -- -si $RCP $CP/api/courier
    cap $S starlet-500-boom-chp.txt 500 app starlet "the app dies: Starlet's plain 'Internal Server Error'" "" -- -sv $RCP $CP/api/boom
    cap $S plack-405-delete-chp.txt 405 app plack "DELETE on a loan: the app's JSON 405" "curl -si" -- -si $RCP -X DELETE $CP/api/loans/1
    cap $S plack-404-route-chp.txt 404 app plack "an unknown path under /api: the app's plain-text 404" "" -- -sv $RCP $CP/api/v2/loans
    cap $S chp-404-no-route.txt 404 proxy configurable-http-proxy "a path no route covers (no default target): the proxy's own 404 page" "" -- -sv $RCP $CP/docs/index.html
    cap $S chp-503-legacy-down.txt 503 proxy configurable-http-proxy "/legacy to a port nobody listens on: the proxy's 503 'Proxy Target Missing' page" "curl -si" -- -si $RCP $CP/legacy/loans/1
    capwget $S chp-503-legacy-down-wget.txt 503 proxy configurable-http-proxy "the same dead target, with wget" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59281/legacy/loans/2
    capraw $S chp-503-slow.txt 503 proxy configurable-http-proxy "the app sleeps 5 s, --proxy-timeout 2000: the proxy's 503 page" "curl -si saved to a file (CRs kept)" -- -si $RCP $CP/api/slow
    cap $S chp-431-header-too-large.txt 431 proxy configurable-http-proxy "a 20 KB header: Node's HTTP server inside the proxy answers 431 with no body" "" -- -sv $RCP -H "$BIGH20" $CP/api/loans/1
    cap $S chp-403-api-no-token.txt 403 identity configurable-http-proxy "the proxy's own routes API without its token: 403, empty body" "curl -si" -- -si http://127.0.0.1:59282/api/routes
fi

# ============================================= nginx -> Flama under uvicorn ==
if up nginx; then
    log "capturing: Flama under uvicorn behind nginx"
    S=flama-uvicorn-nginx
    cap $S flama-200-loan-nginx.txt 200 app flama "loan 1 through nginx" "X-Request-ID from nginx" -- -sv $RNG $NG/api/loans/1
    cap $S flama-404-loan-nginx.txt 404 app flama "an unknown loan: the handler's JSON 404" "curl -si" -- -si $RNG $NG/api/loans/9
    caphttp $S flama-401-account-nginx-httpie.txt 401 app flama "HTTPie, no token: the handler's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59283/api/account Host:$H
    cap $S flama-409-post-nginx.txt 409 app flama "POST of an existing ref: the handler's JSON 409" "" -- -sv $RNG -X POST "${JSONH[@]}" -d '{"ref":"TM-2001"}' $NG/api/loans
    capraw $S flama-422-post-nginx.txt 422 app flama "POST without ref: the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RNG -X POST "${JSONH[@]}" -d '{"items":2}' $NG/api/loans
    cap $S flama-429-quota-nginx.txt 429 app flama "the app's own JSON 429, passed on by nginx" "" -- -sv $RNG $NG/api/quota
    quiet $RNG $NG/api/exports/daily
    cap $S nginx-429-exports-json.txt 429 proxy nginx "limit_req on /api/exports/, the second request: nginx's own JSON 429" "X-Request-ID from nginx" -- -sv $RNG $NG/api/exports/daily
    cap $S flama-503-maintenance-nginx.txt 503 app flama "the app's own JSON 503 (maintenance)" "curl -si" -- -si $RNG $NG/api/maintenance
    cap $S nginx-503-returns-json.txt 503 proxy nginx "/api/returns/: nginx's own JSON 503 (return 503 '...')" "" -- -sv $RNG $NG/api/returns/42
    cap $S nginx-503-beta-empty.txt 503 proxy nginx "/api/beta/: nginx's 503 with an empty body" "curl -si" -- -si $RNG $NG/api/beta/labels
    capwin $S flama-502-payments-html-nginx.txt 502 app flama "the app's own HTML 502 page, passed on" "curl -si pasted with CRLF" -- -si $RNG $NG/api/payments
    cap $S uvicorn-500-boom-nginx.txt 500 app uvicorn "the unhandled exception: uvicorn's plain 500" "" -- -sv $RNG $NG/api/boom
    cap $S nginx-504-slow.txt 504 proxy nginx "the handler sleeps 5 s, proxy_read_timeout 2s: nginx's 504 page" "" -- -sv $RNG $NG/api/slow
    capwget $S nginx-502-legacy-wget.txt 502 proxy nginx "/legacy/ to a port nobody listens on: nginx's 502 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59283/legacy/loans/1
    cap $S nginx-404-unknown-host.txt 404 proxy nginx "the bare IP as Host: the default server's 'return 404'" "curl -si" -- -si http://127.0.0.1:59283/api/loans/1
    cap $S nginx-413-body.txt 413 proxy nginx "a 3 KB body, client_max_body_size 1k: nginx's 413 page" "" -- -sv $RNG -X POST "${JSONH[@]}" -d "$BIGBODY" $NG/api/loans
    cap $S nginx-414-uri.txt 414 proxy nginx "a 1.5 KB query string, 1k header buffers: nginx's 414 page" "curl -si" -- -si $RNG "$NG/api/loans?q=$LONGQ"
    cap $S nginx-400-header-too-large.txt 400 proxy nginx "a 1.5 KB header, 1k buffers: nginx's 400 page" "" -- -sv $RNG -H "$BIGH" $NG/api/loans/1
    cap $S nginx-405-docs-post.txt 405 proxy nginx "POST to the static /docs/ folder: nginx's 405 page" "curl -si" -- -si $RNG -X POST -d 'x=1' $NG/docs/
    cap $S flama-200-loan-nginx-h2.txt 200 app flama "HTTP/2 over TLS: loan 1" "" -- -sv -k $RNGS $NGS/api/loans/1
    cap $S flama-503-search-html-nginx-h2.txt 503 app flama "HTTP/2: the app's own HTML 503 page" "curl -si" -- -si -k $RNGS $NGS/api/search
    cap $S nginx-504-slow-h2.txt 504 proxy nginx "HTTP/2: the slow handler, nginx's 504" "curl -si" -- -si -k $RNGS $NGS/api/slow
fi

# ============================== HAProxy -> the PSGI app under Starlet ==
if up haproxy; then
    log "capturing: the PSGI app under Starlet behind HAProxy"
    S=plack-starlet-haproxy
    cap $S plack-200-loan-haproxy.txt 200 app plack "loan 1 through HAProxy" "X-Request-ID from HAProxy" -- -sv $RHA $HA/api/loans/1
    cap $S plack-404-loan-haproxy.txt 404 app plack "an unknown loan: the app's JSON 404" "curl -si" -- -si $RHA $HA/api/loans/9
    caphttp $S plack-401-account-haproxy-httpie.txt 401 app plack "HTTPie, no token: the app's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59284/api/account Host:$H
    cap $S plack-422-post-haproxy.txt 422 app plack "POST without ref: the app's JSON 422" "" -- -sv $RHA -X POST "${JSONH[@]}" -d '{"items":2}' $HA/api/loans
    cap $S plack-429-quota-haproxy.txt 429 app plack "the app's own JSON 429" "curl -si" -- -si $RHA $HA/api/quota
    cap $S plack-503-maintenance-haproxy.txt 503 app plack "the app's own JSON 503 (maintenance)" "" -- -sv $RHA $HA/api/maintenance
    cap $S plack-504-courier-html-haproxy.txt 504 app plack "the app's own HTML 504 page" "curl -si" -- -si $RHA $HA/api/courier
    capwin $S starlet-500-boom-haproxy.txt 500 app starlet "the app dies: Starlet's plain 500" "curl -si pasted with CRLF" -- -si $RHA $HA/api/boom
    cap $S plack-404-route-haproxy.txt 404 app plack "an unknown path: the app's plain-text 404" "" -- -sv $RHA $HA/api/v2/loans
    cap $S haproxy-429-exports-json.txt 429 load-balancer haproxy "/api/exports/: http-request return with a JSON 429" "" -- -sv $RHA $HA/api/exports/daily
    capraw $S haproxy-503-returns-json.txt 503 load-balancer haproxy "/api/returns/: http-request return with a JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RHA $HA/api/returns/42
    cap $S haproxy-503-beta-empty.txt 503 load-balancer haproxy "/api/beta/: http-request return status 503 with no body" "" -- -sv $RHA $HA/api/beta/labels
    cap $S haproxy-504-slow.txt 504 load-balancer haproxy "the app sleeps 5 s, timeout server 2s: HAProxy's 504 page" "curl -si" -- -si $RHA $HA/api/slow
    capwin $S haproxy-503-legacy-down.txt 503 load-balancer haproxy "/legacy/: the only server is down by its check" "curl -si pasted with CRLF" -- -si $RHA $HA/legacy/loans/1
    cap $S haproxy-404-unknown-host.txt 404 load-balancer haproxy "the bare IP as Host: deny_status 404" "" -- -sv http://127.0.0.1:59284/api/loans/1
    capwget $S haproxy-403-internal-wget.txt 403 load-balancer haproxy "/internal/: http-request deny, the stock 403 page" "wget -S -O-" -- --header="Host: $H" http://127.0.0.1:59284/internal/metrics
    cap $S haproxy-400-bad-header.txt 400 load-balancer haproxy "a header name with a space in it: HAProxy's 400 page" "curl -si" -- -si $RHA -H 'X Trace: 1' $HA/api/loans/1
    cap $S plack-200-loan-haproxy-h2c.txt 200 app plack "HTTP/2 (h2c): loan 1" "" -- -sv --http2-prior-knowledge $RHA2 $HA2/api/loans/1
    cap $S haproxy-503-returns-json-h2c.txt 503 load-balancer haproxy "HTTP/2 (h2c): HAProxy's JSON 503" "curl -si" -- -si --http2-prior-knowledge $RHA2 $HA2/api/returns/7
fi

# ============================================ Varnish -> Flama under uvicorn ==
if up varnish; then
    log "capturing: Flama under uvicorn behind Varnish"
    S=flama-uvicorn-varnish
    cap $S flama-200-loan-varnish-miss.txt 200 app flama "loan 1, the first request: a MISS" "" -- -sv $RVN $VN/api/loans/1
    cap $S varnish-200-loan-hit.txt 200 cdn-cache varnish "loan 1 again: a HIT from Varnish's store" "curl -si" -- -si $RVN $VN/api/loans/1
    cap $S flama-404-loan-varnish.txt 404 app flama "an unknown loan: the handler's JSON 404" "" -- -sv $RVN $VN/api/loans/9
    cap $S flama-403-admin-varnish.txt 403 app flama "the handler's JSON 403" "curl -si" -- -si $RVN $VN/api/admin
    cap $S flama-409-post-varnish.txt 409 app flama "POST of an existing ref: the handler's JSON 409" "" -- -sv $RVN -X POST "${JSONH[@]}" -d '{"ref":"TM-2001"}' $VN/api/loans
    caphttp $S flama-429-quota-varnish-httpie.txt 429 app flama "HTTPie: the app's own JSON 429" "HTTPie with colours" -- -v GET http://127.0.0.1:59285/api/quota Host:$H
    cap $S flama-503-maintenance-varnish.txt 503 app flama "the app's own JSON 503 (maintenance)" "curl -si" -- -si $RVN $VN/api/maintenance
    cap $S flama-503-search-html-varnish.txt 503 app flama "the app's own HTML 503 page" "" -- -sv $RVN $VN/api/search
    cap $S uvicorn-500-boom-varnish.txt 500 app uvicorn "the unhandled exception: uvicorn's plain 500" "curl -si" -- -si $RVN $VN/api/boom
    cap $S flama-404-route-varnish.txt 404 app flama "no route: Flama's JSON 404" "" -- -sv $RVN $VN/api/v2/loans
    cap $S varnish-429-exports-synth.txt 429 cdn-cache varnish "/api/exports/: synth(429) with a JSON body" "curl -si" -- -si $RVN $VN/api/exports/daily
    capraw $S varnish-503-returns-synth.txt 503 cdn-cache varnish "/api/returns/: synth(503) with a JSON body" "curl -si saved to a file (CRs kept)" -- -si $RVN $VN/api/returns/42
    cap $S varnish-503-beta-empty.txt 503 cdn-cache varnish "/api/beta/: a synth 503 with no body" "" -- -sv $RVN $VN/api/beta/labels
    cap $S varnish-503-slow.txt 503 cdn-cache varnish "the handler sleeps 5 s, first_byte_timeout 2s: 'Backend fetch failed'" "" -- -sv $RVN $VN/api/slow
    capwin $S varnish-503-legacy-down.txt 503 cdn-cache varnish "/legacy/ to a port nobody listens on: 'Backend fetch failed'" "curl -si pasted with CRLF" -- -si $RVN $VN/legacy/loans/1
    cap $S varnish-404-unknown-host.txt 404 cdn-cache varnish "the bare IP as Host: synth(404)" "" -- -sv http://127.0.0.1:59285/api/loans/1
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE: synth(405)" "curl -si" -- -si $RVN -X PURGE $VN/api/loans/1
    cap $S flama-200-healthz-varnish-h2c.txt 200 app flama "HTTP/2 (h2c): /healthz, a MISS" "" -- -sv --http2-prior-knowledge $RVN $VN/healthz
    cap $S varnish-503-slow-h2c.txt 503 cdn-cache varnish "HTTP/2 (h2c): the slow handler, 'Backend fetch failed'" "curl -si" -- -si --http2-prior-knowledge $RVN $VN/api/slow
fi

# =============================== Caddy -> the PSGI app under Starlet ==
if up caddy; then
    log "capturing: the PSGI app under Starlet behind Caddy"
    S=plack-starlet-caddy
    cap $S plack-200-loan-caddy.txt 200 app plack "loan 1 through Caddy" "X-Request-ID from Caddy" -- -sv $RCD $CD/api/loans/1
    cap $S plack-404-loan-caddy.txt 404 app plack "an unknown loan: the app's JSON 404" "curl -si" -- -si $RCD $CD/api/loans/9
    caphttp $S plack-401-account-caddy-httpie.txt 401 app plack "HTTPie, no token: the app's JSON 401" "HTTPie with colours" -- -v GET http://127.0.0.1:59286/api/account Host:$H:59286
    cap $S plack-409-post-caddy.txt 409 app plack "POST of an existing ref: the app's JSON 409" "" -- -sv $RCD -X POST "${JSONH[@]}" -d '{"ref":"TM-2001"}' $CD/api/loans
    cap $S plack-429-quota-caddy.txt 429 app plack "the app's own JSON 429" "curl -si" -- -si $RCD $CD/api/quota
    cap $S plack-503-maintenance-caddy.txt 503 app plack "the app's own JSON 503 (maintenance)" "" -- -sv $RCD $CD/api/maintenance
    capwin $S plack-502-payments-html-caddy.txt 502 app plack "the app's own HTML 502 page" "curl -si pasted with CRLF" -- -si $RCD $CD/api/payments
    cap $S plack-405-delete-caddy.txt 405 app plack "DELETE on a loan: the app's JSON 405" "" -- -sv $RCD -X DELETE $CD/api/loans/1
    cap $S caddy-429-exports-json.txt 429 proxy caddy "/api/exports/*: Caddy's respond with a JSON 429" "" -- -sv $RCD $CD/api/exports/daily
    capraw $S caddy-503-returns-json.txt 503 proxy caddy "/api/returns/*: Caddy's respond with a JSON 503" "curl -si saved to a file (CRs kept)" -- -si $RCD $CD/api/returns/42
    cap $S caddy-504-slow-empty.txt 504 proxy caddy "the app sleeps 5 s, response_header_timeout 2s: Caddy's 504, empty body" "" -- -sv $RCD $CD/api/slow
    capwin $S caddy-502-legacy-empty.txt 502 proxy caddy "/legacy/* to a port nobody listens on: Caddy's 502, empty body" "curl -si pasted with CRLF" -- -si $RCD $CD/legacy/loans/1
    cap $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB: the 431 Caddy's Go server writes" "curl -si" -- -si $RCD -H "$BIGH8" $CD/api/loans/1
    cap $S plack-200-loan-caddy-h2.txt 200 app plack "HTTP/2 over TLS: loan 1" "curl -si" -- -si -k $RCDS $CDS/api/loans/1
    cap $S starlet-500-boom-caddy-h2.txt 500 app starlet "HTTP/2: the app dies, Starlet's plain 500" "" -- -sv -k $RCDS $CDS/api/boom
    cap $S caddy-502-legacy-empty-h2.txt 502 proxy caddy "HTTP/2: the dead /legacy/ upstream, Caddy's empty 502" "curl -si" -- -si -k $RCDS $CDS/legacy/loans/2
fi

# ============================== Apache -> the PSGI app under Starlet ==
if up apache; then
    log "capturing: the PSGI app under Starlet behind Apache"
    S=plack-starlet-apache
    cap $S plack-200-loan-apache.txt 200 app plack "loan 1 through Apache (Via, X-Request-Id)" "" -- -sv $RAP $AP/api/loans/1
    cap $S plack-403-admin-apache.txt 403 app plack "the app's JSON 403 with Apache's Via" "curl -si" -- -si $RAP $AP/api/admin
    caphttp $S plack-409-post-apache-httpie.txt 409 app plack "HTTPie: POST of an existing ref, the app's JSON 409" "HTTPie with colours" -- -v POST http://127.0.0.1:59287/api/loans Host:$H ref=TM-2001
    cap $S plack-503-search-html-apache.txt 503 app plack "the app's own HTML 503 page with Apache's Via" "" -- -sv $RAP $AP/api/search
    cap $S starlet-500-boom-apache.txt 500 app starlet "the app dies: Starlet's plain 500 with Apache's Via" "curl -si" -- -si $RAP $AP/api/boom
    cap $S apache-429-exports-json.txt 429 proxy apache "/api/exports/: mod_rewrite R=429 with a JSON ErrorDocument" "" -- -sv $RAP $AP/api/exports/daily
    capraw $S apache-503-returns-json.txt 503 proxy apache "/api/returns/: R=503 with a JSON ErrorDocument" "curl -si saved to a file (CRs kept)" -- -si $RAP $AP/api/returns/42
    cap $S apache-502-slow.txt 502 proxy apache "the app sleeps 5 s, ProxyTimeout 2: Apache's 'Proxy Error' page" "" -- -sv $RAP $AP/api/slow
    capwin $S apache-503-legacy-down.txt 503 proxy apache "/legacy/ to a port nobody listens on: Apache's 503 page" "curl -si pasted with CRLF" -- -si $RAP $AP/legacy/loans/1
    cap $S apache-404-unknown-host.txt 404 proxy apache "the bare IP as Host: the first virtual host's 404 page" "" -- -sv http://127.0.0.1:59287/api/loans/1
    cap $S apache-414-uri.txt 414 proxy apache "a 1.5 KB query string, LimitRequestLine 1024: Apache's 414 page" "curl -si" -- -si $RAP "$AP/api/loans?q=$LONGQ"
    cap $S plack-200-loan-apache-h2c.txt 200 app plack "HTTP/2 (h2c): loan 1" "curl -si" -- -si --http2-prior-knowledge $RAP $AP/api/loans/1
fi

# ================================================= body-only pastes ==
log "capturing: body-only and headers-only pastes"
S=body-only-paste
up perlbal && capbody $S body-perlbal-404-unknown-host.txt 404/404 proxy perlbal "Perlbal's 404 page (its heading carries the number)" "" -- http://127.0.0.1:59280/api/loans/3
up perlbal && capbody $S body-perlbal-413.txt 413/413 proxy perlbal "Perlbal's 413 page" "" -- $RPB -X POST "${JSONH[@]}" -d "$BIGBODY" $PB/api/loans
up perlbal && capbody $S body-flama-422-perlbal.txt 0/422 app flama "the handler's JSON 422 through Perlbal" "no number" -- $RPB -X POST "${JSONH[@]}" -d '{"items":1}' $PB/api/loans
up chp && capbody $S body-chp-503-legacy.txt 503/503 proxy configurable-http-proxy "the proxy's 503 page (its title carries the number)" "" -- $RCP $CP/legacy/loans/3
up chp && capbody $S body-chp-404-no-route.txt 404/404 proxy configurable-http-proxy "the proxy's 404 page" "" -- $RCP $CP/status
up chp && capbody $S body-plack-504-courier-html-chp.txt 504/504 app plack "the app's own HTML 504 page (its title says 504)" "" -- $RCP $CP/api/courier
up chp && capbody $S body-starlet-500-chp.txt 0/500 app starlet "Starlet's 'Internal Server Error' text" "no number" -- $RCP $CP/api/boom
up nginx && capbody $S body-nginx-503-returns-json.txt 0/503 proxy nginx "nginx's own JSON 503" "no number" -- $RNG $NG/api/returns/7
up nginx && capbody $S body-flama-503-maintenance-nginx.txt 0/503 app flama "the app's own JSON 503" "no number" -- $RNG $NG/api/maintenance
up haproxy && capbody $S body-haproxy-429-exports.txt 0/429 load-balancer haproxy "HAProxy's JSON 429" "no number" -- $RHA $HA/api/exports/monthly
up haproxy && capbody $S body-plack-429-quota-haproxy.txt 0/429 app plack "the app's own JSON 429" "no number" -- $RHA $HA/api/quota
up varnish && capbody $S body-varnish-503-slow.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page (its title carries 503)" "" -- $RVN $VN/api/slow
up varnish && capbody $S body-flama-502-payments-varnish.txt 502/502 app flama "the app's own HTML 502 page (its title says 502)" "" -- $RVN $VN/api/payments
up apache && capbody $S body-apache-502-slow.txt 502/502 proxy apache "Apache's 'Proxy Error' page (its title carries 502)" "" -- $RAP $AP/api/slow

# ================================================ headers-only pastes ==
S=headers-only-paste
up perlbal && caphead $S head-perlbal-404-unknown-host.txt 404 proxy perlbal "curl -sI to the catch-all: Perlbal's 404" "" -- http://127.0.0.1:59280/api/loans/1
up perlbal && caphead $S head-flama-200-loan-perlbal.txt 200 app flama "curl -sI on loan 1 through Perlbal: Flama answers HEAD on its GET route" "" -- $RPB $PB/api/loans/1
up chp && caphead $S head-chp-503-legacy.txt 503 proxy configurable-http-proxy "curl -sI on the dead /legacy target: the proxy's 503" "" -- $RCP $CP/legacy/loans/1
up chp && caphead $S head-plack-200-loan-chp.txt 200 app plack "curl -sI on loan 1: the app answers HEAD" "" -- $RCP $CP/api/loans/1
up nginx && caphead $S head-nginx-503-beta-empty.txt 503 proxy nginx "curl -sI on /api/beta/: nginx's empty 503" "" -- $RNG $NG/api/beta/labels
up haproxy && caphead $S head-haproxy-503-legacy.txt 503 load-balancer haproxy "curl -sI on /legacy/: HAProxy's 503" "" -- $RHA $HA/legacy/loans/1
up varnish && caphead $S head-varnish-429-exports.txt 429 cdn-cache varnish "curl -sI on /api/exports/: Varnish's synth 429" "" -- $RVN $VN/api/exports/daily
up caddy && caphead $S head-caddy-502-legacy.txt 502 proxy caddy "curl -sI on the dead /legacy/ upstream: Caddy's 502" "" -- $RCD $CD/legacy/loans/1

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
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round56/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
