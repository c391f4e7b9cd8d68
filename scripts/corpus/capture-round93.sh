#!/usr/bin/env bash
# capture-round93.sh — build the ninety-third held-out evidence corpus in
# tests/fixtures/evidence-round93/.
#
# "Mainstream Node a second look, behind the fronts": six front + app
# pairings of Node apps that did not stand together in rounds 81 to 92
# (front configs in scripts/corpus/conf-round93/):
#   - nginx (proxy_pass) -> Fastify 4.29 (apps91/fastify_app.js);
#   - Apache mod_proxy_http -> NestJS 10 (apps55/nest_app.js);
#   - Caddy reverse_proxy -> Hono 4 on @hono/node-server (apps67/hono_cached.js);
#   - HAProxy -> Koa 2 + @koa/router (apps88/koa_app.js);
#   - Squid (accelerator) -> plain node:http (apps93/nodehttp_cached.js, new);
#   - Varnish -> Express 4 (apps77/express_cached.js).
# Captured: the apps' own answers in their formats (Fastify problem+json,
# Nest's exception filter JSON, Hono's and Koa's text defaults, Express's
# finalhandler pages, node:http's own JSON and text), their own 502/503/504
# about their dependencies, the fronts' own stock errors (app stopped:
# 502/503; slow: 504; limits: 413/414/431/429; unrouted paths and deny
# rules; basic auth), front-added request ids, cache HITs/304s and the
# caches' own pages, headers-only and body-only pastes. Plain HTTP/1.1.
#
#   scripts/corpus/capture-round93.sh          # install what is missing, capture
#   CORPUS_SKIP_INSTALL=1 capture-round93.sh   # never call apt-get / pip / npm
#   CORPUS_KEEP_RUN=1 capture-round93.sh       # keep configs + logs in the runtime dir
#
# Rules as in the earlier rounds: every server binds 127.0.0.1 (ports
# 58000-58499), and the script stops if a socket held by one of its own
# processes listens anywhere else (another helper runs its own servers in
# 58500-58999 meanwhile: those are not looked at, and never stopped); every
# curl, HTTPie and wget request runs under `timeout`; every loop is bounded;
# every server it started is stopped on exit, by process id. Labels are
# written by finish_round93.py, which refuses (and this script then leaves
# the fixtures as they were) when a label's status is not the one on the
# wire.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT="$REPO/tests/fixtures/evidence-round93"
RUN=/tmp/api-triage-corpus93-run
STAGE="$RUN/evidence"
CONF="$HERE/conf-round93"
APPS55="$HERE/apps55"
APPS67="$HERE/apps67"
APPS77="$HERE/apps77"
APPS88="$HERE/apps88"
APPS91="$HERE/apps91"
APPS93="$HERE/apps93"
APPS75="$HERE/apps75"
NODE_DIR=${CORPUS_NODE93:-/tmp/api-triage-corpus93-node}
VENV=${CORPUS_VENV93:-/tmp/api-triage-corpus93-venv}
START_TIME=$SECONDS

PY=/usr/bin/python3          # Debian's, for the finish script
VPY="$VENV/bin/python"       # the venv's (run as `python -m ...`: the venv was copied)
HTTPIE="$VPY"
PYPI=(httpie==3.2.4)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log() { printf '[corpus93 %3ds] %s\n' "$((SECONDS - START_TIME))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- install --
PACKAGES=(wget openssl apache2 nginx caddy haproxy varnish squid python3-venv nodejs)
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

install_venv() {  # HTTPie (a copy of round 92's venv), from PyPI when missing
    [[ -x $VPY ]] && "$VPY" -c "import httpie" 2>/dev/null && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[venv]="venv missing"; return 0; }
    log "pip install into $VENV: ${PYPI[*]}"
    [[ -x $VPY ]] || "$PY" -m venv "$VENV" >>"$RUN/logs/venv.log" 2>&1 || { SKIPPED[venv]="python3 -m venv failed"; return 0; }
    nice -n 15 timeout 900 "$VPY" -m pip install -q "${PYPI[@]}" >>"$RUN/logs/pip.log" 2>&1 \
        || SKIPPED[venv]="pip install failed (see logs/pip.log)"
}

NODE_PKGS=(express@4.22.1 fastify@4.29.1 koa@2.16.4 @koa/router@12.0.2 hono@4 @hono/node-server
    @nestjs/common@10.4.22 @nestjs/core@10.4.22 @nestjs/platform-express@10.4.22 reflect-metadata@0.2.2 rxjs@7.8.2)
install_node() {  # the Node apps' packages (a copy of round 91's node folder), from npm when missing
    local m ok=1
    for m in express fastify koa @koa/router hono @hono/node-server @nestjs/core @nestjs/platform-express; do
        [[ -e $NODE_DIR/node_modules/$m/package.json ]] || ok=0
    done
    ((ok)) && return 0
    [[ ${CORPUS_SKIP_INSTALL:-0} == 1 ]] && { SKIPPED[node]="node packages missing"; return 0; }
    mkdir -p "$NODE_DIR"
    [[ -e $NODE_DIR/package.json ]] || echo '{"name":"corpus93","private":true}' >"$NODE_DIR/package.json"
    log "npm install into $NODE_DIR"
    (cd "$NODE_DIR" && nice -n 15 timeout 900 npm install --no-audit --no-fund "${NODE_PKGS[@]}") >>"$RUN/logs/npm.log" 2>&1 \
        || SKIPPED[node]="npm install failed (see logs/npm.log)"
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
    [[ $cmd == *"$RUN/"* || $cmd == *"$APPS93/"* || $cmd == *"$RUN "* || $cmd == *"$HERE/"* || $cmd == *"$NODE_DIR/"* || $cmd == *"$VENV/"* ]]
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
# only ours are checked against 127.0.0.1 and 58000-58499) (round 76's check)
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
    if ! FINISH_KEEP_CR=${KEEP_CR:-0} "$PY" "$HERE/finish_round93.py" "$1" "$STAGE/labels.toml" "${@:2}"; then
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
[[ -d $CONF && -d $APPS55 && -d $APPS67 && -d $APPS77 && -d $APPS88 && -d $APPS91 && -d $APPS93 && -d $APPS75 ]] || die "missing $CONF or an apps folder"
mkdir -p "$RUN"
stop_stale
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pids,work/httpie,evidence,flags,data}
chmod 755 "$RUN"
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

install_packages
install_venv
install_node
[[ -z ${SKIPPED[venv]:-} ]] || die "the Python venv is missing (${SKIPPED[venv]})"
[[ -z ${SKIPPED[node]:-} ]] || die "the Node packages are missing (${SKIPPED[node]}; copy round 91's node folder to $NODE_DIR)"
for p in nginx apache2 caddy haproxy varnish squid nodejs; do
    have $p || die "$p is missing (${SKIPPED[$p]:-not installed})"
done

# Fronts: nginx 58101, Apache 58102, Caddy 58103, HAProxy 58104, Squid 58105,
# Varnish 58106. Apps: Fastify 58201, NestJS 58202, Hono 58203, Koa 58204,
# node:http 58205, Express 58206. The apps' dependencies: 58498 (nobody
# listens: refused), 58497 (apps75/deps.py sleeper: accepts, never answers).
TCP_PORTS=(58101 58102 58103 58104 58105 58106 58201 58202 58203 58204 58205 58206 58497 58498)
for p in "${TCP_PORTS[@]}"; do
    listening "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done
BEFORE=$(sockets)

start_bg sleeper nice -n 5 "$PY" "$APPS75/deps.py" sleeper 58497
wait_port 58497 sleeper || die "the sleeper did not start"

declare -A UP=()
for a in koa; do mkdir -p "$RUN/flags/$a" "$RUN/data/$a"; done
appenv() { echo env FLAG_DIR="$RUN/flags/$1" DATA_DIR="$RUN/data/$1" DEP_DOWN=127.0.0.1:58498 DEP_SLOW=127.0.0.1:58497 DEPLOY="${2:-v1}" REPLICA="$1-1"; }
NODEENV=(env NODE_PATH="$NODE_DIR/node_modules" NODE_ENV=production nice -n 5 node)
start_app() {  # start_app NAME [v1|v2]: start it and wait for its port
    local n=$1 v=${2:-v1}
    case $n in
    fastify) start_bg fastify $(appenv fastify $v) "${NODEENV[@]}" "$APPS91/fastify_app.js" 58201; wait_port 58201 fastify ;;
    nest) start_bg nest "${NODEENV[@]}" "$APPS55/nest_app.js" 58202; wait_port 58202 nest ;;
    hono) start_bg hono "${NODEENV[@]}" "$APPS67/hono_cached.js" 58203; wait_port 58203 hono ;;
    koa) start_bg koa $(appenv koa $v) "${NODEENV[@]}" "$APPS88/koa_app.js" 58204; wait_port 58204 koa ;;
    nodehttp) start_bg nodehttp $(appenv nodehttp $v) "${NODEENV[@]}" "$APPS93/nodehttp_cached.js" 58205; wait_port 58205 nodehttp ;;
    express) start_bg express "${NODEENV[@]}" "$APPS77/express_cached.js" 58206; wait_port 58206 express ;;
    esac
}
kill_app() {  # kill_app NAME: SIGKILL the server, as the OOM killer does
    local f=$RUN/pids/$1.pid pid kids
    [[ -e $f ]] || return 0
    pid=$(cat "$f")
    kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null)
    kill -KILL "$pid" $kids 2>/dev/null
    rm -f "$f"
    sleep 0.3
}
stop_app() { stop_name "$1" "${2:-TERM}"; sleep 0.3; }
restart_app() { stop_app "$1"; start_app "$1" "${2:-v1}"; }
for a in fastify nest hono koa nodehttp express; do start_app $a || die "$a did not start"; done

# ---- the fronts -------------------------------------------------------------------
mkdir -p "$RUN/nginx/tmp"
render "$CONF/nginx.conf" "$RUN/nginx/nginx.conf"
if nginx -t -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" >"$RUN/logs/nginx-t.log" 2>&1; then
    start_bg nginx nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'
    wait_port 58101 nginx && UP[nginx]=1
else log "SKIP nginx: config test failed"; cat "$RUN/logs/nginx-t.log" >&2; fi

mkdir -p "$RUN"/apache
render "$CONF/apache.conf" "$RUN/apache/apache.conf"
printf 'ops:%s\n' "$(openssl passwd -apr1 s3cret-ops)" >"$RUN/apache/htpasswd"
chmod 644 "$RUN/apache/htpasswd"
if apache2 -t -f "$RUN/apache/apache.conf" >"$RUN/logs/apache-t.log" 2>&1; then
    start_bg apache setsid apache2 -DFOREGROUND -f "$RUN/apache/apache.conf"
    wait_port 58102 apache && UP[apache]=1
else log "SKIP apache: config test failed"; cat "$RUN/logs/apache-t.log" >&2; fi

mkdir -p "$RUN"/caddy/data "$RUN"/caddy/config
HASH=$(timeout 30 caddy hash-password --plaintext s3cret-ops 2>/dev/null)
render "$CONF/Caddyfile" "$RUN/caddy/Caddyfile" -e "s|@HASH@|$HASH|"
start_bg caddy env HOME="$RUN/caddy" XDG_DATA_HOME="$RUN/caddy/data" XDG_CONFIG_HOME="$RUN/caddy/config" \
    caddy run --adapter caddyfile --config "$RUN/caddy/Caddyfile"
wait_port 58103 caddy && UP[caddy]=1

mkdir -p "$RUN/haproxy"
render "$CONF/haproxy.cfg" "$RUN/haproxy/haproxy.cfg"
if haproxy -c -f "$RUN/haproxy/haproxy.cfg" >"$RUN/logs/haproxy-c.log" 2>&1; then
    start_bg haproxy haproxy -db -f "$RUN/haproxy/haproxy.cfg"
    wait_port 58104 haproxy && UP[haproxy]=1
else log "SKIP haproxy: config check failed"; cat "$RUN/logs/haproxy-c.log" >&2; fi

mkdir -p "$RUN/squid"
render "$CONF/squid.conf" "$RUN/squid/squid.conf"
chown -R proxy: "$RUN/squid" 2>/dev/null || true
start_bg squid squid -N -n corpus93 -f "$RUN/squid/squid.conf"
wait_port 58105 squid && UP[squid]=1

mkdir -p "$RUN"/varnish
cp "$CONF/varnish.vcl" "$RUN/varnish/ledgerly.vcl"
start_bg varnish varnishd -F -a 127.0.0.1:58106 -T none -f "$RUN/varnish/ledgerly.vcl" -n "$RUN/varnish/ledgerly" -s malloc,16m
wait_port 58106 varnish && UP[varnish]=1
sleep 1

NEW=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" && $2 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/')
[[ -z $NEW ]] || die "a server of ours listens beyond 127.0.0.1: $NEW"
NEWPORTS=$(comm -13 <(printf '%s\n' "$BEFORE") <(ours_sockets) | awk '$1 == "tcp" {n = split($2, a, ":"); p = a[n]; if (p < 58000 || p > 58499) print}')
[[ -z $NEWPORTS ]] || die "a server of ours listens outside 58000-58499: $NEWPORTS"
log "servers up: ${!UP[*]}"
[[ ${CORPUS_SETUP_ONLY:-0} == 1 ]] && { log "CORPUS_SETUP_ONLY: servers up for 300 s"; sleep 300 & wait $!; exit 0; }

cat >"$STAGE/labels.toml" <<'EOF_LABELS'
# Evidence corpus, ROUND 93 (held out): real responses captured by
# scripts/corpus/capture-round93.sh from real servers on 127.0.0.1, one
# response per file. Generated; do not edit by hand — change the script.
#
# Same fields and words as rounds 1-92:
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
ACCJ=(-H 'Accept: application/json')
BIGBODY=$(head -c 2048 /dev/zero | tr '\0' 'x')
BIG=(-X POST "${JSONH[@]}" -d "{\"note\":\"$BIGBODY\"}")
LONGQ=$(head -c 1500 /dev/zero | tr '\0' 'a')
BIGH8="X-Trace-Context: $(head -c 8192 /dev/zero | tr '\0' 'b')"
stuck_url() {  # stuck_url CURL-TARGET...: the app's event loop taken 6 s, in the background
    (in_work timeout 15 curl -s -o /dev/null "$@" || true) &
    STUCK_PID=$!
    sleep 0.4
}
unstuck() { wait "$STUCK_PID" 2>/dev/null; sleep "${1:-0.5}"; }

# ================================================= nginx -> Fastify ==
if up nginx; then
    log "capturing: Fastify behind nginx"
    S=fastify-nginx-r93
    H=api.cedar.test N=http://api.cedar.test:58101 RN="--resolve api.cedar.test:58101:127.0.0.1"
    cap $S fastify-200-order-nginx.txt 200 app fastify "order 1 through nginx" "curl -sv; X-Request-ID from nginx" -- -sv $RN $N/api/orders/1
    capcut $S fastify-404-order-nginx.txt 404 app fastify "order 999: the handler's problem+json 404" "curl -si, body cut off after the headers" -- -si $RN $N/api/orders/999
    cap $S fastify-404-unknown-route-nginx.txt 404 app fastify "/api/ordrs: the app's setNotFoundHandler, problem+json 404" "curl -si" -- -si $RN $N/api/ordrs
    cap $S nginx-404-unrouted-path.txt 404 proxy nginx "/billing/: only /api/ and /healthz are routed, nginx's own 404 (return 404)" "curl -sv" -- -sv $RN $N/billing/invoices
    caplt $S fastify-502-inventory-dep-refused-nginx.txt 502 app fastify "the inventory service refuses: the app's own problem+json 502, passed on" "curl -sv, only the < lines kept" -- -sv $RN $N/api/inventory
    capwin $S fastify-503-payments-dep-down-nginx.txt 503 app fastify "the payment provider is down: the app's own problem+json 503 with Retry-After" "curl -si pasted with CRLF" -- -si $RN $N/api/payments
    cap $S fastify-504-quotes-dep-timeout-nginx.txt 504 app fastify "the pricing service never answers: the app's own problem+json 504 after 1 s" "curl -si" -- -si $RN $N/api/quotes
    capbody body-only-paste body-fastify-503-payments-dep-down.txt 503/503 app fastify "the app's problem+json 503, its status field shows 503" "" -- $RN "$N/api/payments?from=dashboard"
    cap $S fastify-400-order-schema-nginx.txt 400 app fastify "an order without sku: Fastify's schema validation (FST_ERR_VALIDATION) through the app's error handler" "curl -si" -- -si $RN "${JSONH[@]}" -d '{"qty":1}' $N/api/orders
    capraw $S fastify-400-order-bad-json-nginx.txt 400 app fastify "an order body that is not JSON: Fastify's JSON parser error through the app's error handler" "curl -si saved to a file (CRs kept)" -- -si $RN "${JSONH[@]}" -d '{"sku":' $N/api/orders
    # run 1 labelled this 415; Fastify 4 parses text/plain itself, so the schema check answered (400 'body must be object'): relabelled (README)
    cap $S fastify-400-order-text-body-nginx.txt 400 app fastify "an order sent as text/plain: Fastify's own text/plain parser, then the schema check ('body must be object') through the app's error handler" "curl -si" -- -si $RN -H 'Content-Type: text/plain' -d 'sku=A-1' $N/api/orders
    cap $S fastify-500-cart-coupon-nginx.txt 500 app fastify "a coupon code reads a property of undefined: the app's problem+json 500" "curl -sv" -- -sv $RN "$N/api/cart?coupon=WINTER"
    cap $S nginx-413-body-too-large.txt 413 proxy nginx "a 2 KB order: client_max_body_size 1k, nginx's 413" "curl -sv" -- -sv $RN "${BIG[@]}" $N/api/orders
    capraw $S nginx-414-long-query.txt 414 proxy nginx "a 1.5 KB query string, 1k header buffers: nginx's 414" "curl -si saved to a file (CRs kept)" -- -si $RN "$N/api/orders/1?q=$LONGQ"
    cap $S nginx-403-dotfile-denied.txt 403 proxy nginx "/.env: the dotfile rule (deny all), nginx's 403" "curl -si" -- -si $RN $N/.env
    cap $S nginx-403-internal-denied.txt 403 proxy nginx "/api/internal/: deny all, nginx's 403" "curl -sv" -- -sv $RN $N/api/internal/metrics
    cap $S fastify-404-login-first-nginx.txt 404 app fastify "/api/login, the first within the minute (limit_req lets it through): no such route, the app's problem+json 404" "curl -si" -- -si $RN $N/api/login
    cap $S nginx-429-login-rate-limited.txt 429 proxy nginx "/api/login again within the minute: limit_req (1 r/m, nodelay, status 429), nginx's 429" "curl -sv" -- -sv $RN $N/api/login
    cap $S nginx-504-report-slow.txt 504 proxy nginx "/api/report takes 6 s: proxy_read_timeout 3s, nginx's 504" "curl -sv" -- -sv $RN $N/api/report
    sleep 3
    kill_app fastify
    cap $S nginx-502-fastify-killed.txt 502 proxy nginx "Fastify killed (SIGKILL): connection refused, nginx's 502" "curl -sv" -- -sv $RN $N/api/orders/1
    caphead headers-only-paste head-nginx-502-fastify-killed.txt 502 proxy nginx "curl -sI while Fastify is down" "" -- $RN $N/api/orders/1
    capbody body-only-paste body-nginx-502-fastify-killed.txt 502/502 proxy nginx "nginx's stock 502 page, its title shows 502" "" -- $RN "$N/api/orders/1?from=dashboard"
    start_app fastify || die "fastify did not come back"
    capwget $S fastify-200-order-after-restart-nginx-wget.txt 200 app fastify "started again: order 1" "wget -S -O-" -- --header="Host: $H:58101" http://127.0.0.1:58101/api/orders/1
    HTTPIE_CMD=http caphttp $S fastify-200-healthz-nginx-httpie.txt 200 app fastify "recovered: /healthz" "HTTPie with colours" -- -v GET http://127.0.0.1:58101/healthz Host:$H:58101
fi

# ================================================= Apache -> NestJS ==
if up apache; then
    log "capturing: NestJS behind Apache"
    S=nestjs-apache-r93
    H=invoices.ledgerly.test A=http://invoices.ledgerly.test:58102 RA="--resolve invoices.ledgerly.test:58102:127.0.0.1"
    cap $S nestjs-200-invoice-apache.txt 200 app nestjs "invoice 1 through Apache" "curl -sv; X-Request-Id from mod_unique_id" -- -sv $RA $A/api/invoices/1
    cap $S nestjs-404-invoice-apache.txt 404 app nestjs "invoice 7: the handler's JSON 404 {error, message}" "curl -si" -- -si $RA $A/api/invoices/7
    cap $S nestjs-404-unknown-route-apache.txt 404 app nestjs "/api/invoicez: Nest's own 'Cannot GET' JSON 404 {message, error, statusCode}" "curl -si" -- -si $RA $A/api/invoicez
    capraw $S nestjs-400-bad-json-apache.txt 400 app nestjs "an invoice body that is not JSON: body-parser's 400, answered inside the Nest app" "curl -si saved to a file (CRs kept)" -- -si $RA "${JSONH[@]}" -d '{"ref":' $A/api/invoices
    cap $S nestjs-422-invoice-no-ref-apache.txt 422 app nestjs "an invoice without ref: the handler's JSON 422" "curl -si" -- -si $RA "${JSONH[@]}" -d '{"total":"10.00"}' $A/api/invoices
    cap $S nestjs-401-account-apache.txt 401 app nestjs "/api/account: the app's own JSON 401 with WWW-Authenticate Bearer" "curl -sv" -- -sv $RA $A/api/account
    caplt $S nestjs-429-quota-apache.txt 429 app nestjs "the app's own JSON 429 with Retry-After" "curl -sv, only the < lines kept" -- -sv $RA $A/api/quota
    capwin $S nestjs-503-maintenance-apache.txt 503 app nestjs "the app's own JSON 503 with Retry-After" "curl -si pasted with CRLF" -- -si $RA $A/api/maintenance
    cap $S nestjs-502-payments-html-apache.txt 502 app nestjs "the app's own HTML 502 page (card processor), passed on" "curl -si" -- -si $RA $A/api/payments
    cap $S nestjs-504-bank-html-apache.txt 504 app nestjs "the app's own HTML 504 page (bank feed), passed on" "curl -sv" -- -sv $RA $A/api/bank
    cap $S nestjs-500-boom-apache.txt 500 app nestjs "a thrown Error: Nest's exception filter, {statusCode: 500, message: 'Internal server error'}" "curl -si" -- -si $RA $A/api/boom
    capbody body-only-paste body-nestjs-500-boom.txt 500/500 app nestjs "Nest's JSON 500, its statusCode field shows 500" "" -- $RA "$A/api/boom?from=dashboard"
    capbody body-only-paste body-nestjs-503-statements-html.txt 503/503 app nestjs "the app's own HTML 503 page, its title shows 503" "" -- $RA "$A/api/statements?from=dashboard"
    cap $S apache-414-long-query.txt 414 proxy apache "a 1.5 KB query string, LimitRequestLine 1024: Apache's 414 page" "curl -si" -- -si $RA "$A/api/invoices/1?q=$LONGQ"
    cap $S apache-403-internal-denied.txt 403 proxy apache "/internal/: Require all denied, Apache's 403" "curl -sv" -- -sv $RA $A/internal/metrics
    capwin $S apache-401-admin-no-credentials.txt 401 identity apache "/admin/ without credentials: AuthType Basic, Apache's 401" "curl -si pasted with CRLF" -- -si $RA $A/admin/
    cap $S apache-401-admin-wrong-password.txt 401 identity apache "/admin/ with a wrong password: Apache's 401" "curl -sv" -- -sv $RA -u ops:wrong $A/admin/
    capcut $S nestjs-404-admin-authorised-apache.txt 404 app nestjs "/admin/ with the right password: passed to Nest, which has no such route ('Cannot GET /admin/')" "curl -si, body cut off after the headers" -- -si $RA -u ops:s3cret-ops $A/admin/
    # rounds 81-92: Apache 2.4.71 answers a read past ProxyTimeout with its 502 "Proxy Error"
    cap $S apache-502-slow-proxy-timeout.txt 502 proxy apache "/api/slow takes 5 s: ProxyTimeout 3, Apache's 502 Proxy Error ('Error reading from remote server')" "curl -sv" -- -sv $RA $A/api/slow
    capbody body-only-paste body-apache-502-slow-proxy-timeout.txt 502/502 proxy apache "Apache's 502 Proxy Error page after the read timeout, its title shows 502" "" -- $RA "$A/api/slow?from=dashboard"
    sleep 2.5
    kill_app nest
    cap $S apache-503-nest-killed.txt 503 proxy apache "Nest killed (SIGKILL): connection refused, Apache's 503 (retry=0)" "curl -sv" -- -sv $RA $A/api/invoices/1
    caphead headers-only-paste head-apache-503-nest-killed.txt 503 proxy apache "curl -sI while Nest is down" "" -- $RA $A/api/invoices/1
    start_app nest || die "nest did not come back"
    capwget $S nestjs-200-invoice-after-restart-apache-wget.txt 200 app nestjs "started again: invoice 1" "wget -S -O-" -- --header="Host: $H:58102" http://127.0.0.1:58102/api/invoices/1
    HTTPIE_CMD=http caphttp $S nestjs-200-healthz-apache-httpie.txt 200 app nestjs "recovered: /healthz" "HTTPie with colours" -- -v GET http://127.0.0.1:58102/healthz Host:$H:58102
fi

# ================================================= Caddy -> Hono ==
if up caddy; then
    log "capturing: Hono behind Caddy"
    S=hono-caddy-r93
    H=api.ledgerly.test C=http://api.ledgerly.test:58103 RC="--resolve api.ledgerly.test:58103:127.0.0.1"
    cap $S hono-200-invoice-caddy.txt 200 app hono "invoice 1 through Caddy" "curl -sv; X-Request-ID from Caddy" -- -sv $RC $C/api/invoices/1
    cap $S hono-404-invoice-caddy.txt 404 app hono "invoice 7: the handler's JSON 404" "curl -si" -- -si $RC $C/api/invoices/7
    cap $S hono-400-invoice-not-a-number-caddy.txt 400 app hono "invoice 'abc': the handler's JSON 400" "curl -si" -- -si $RC $C/api/invoices/abc
    cap $S hono-404-unknown-route-caddy.txt 404 app hono "/api/invoicez: Hono's default text '404 Not Found'" "curl -si" -- -si $RC $C/api/invoicez
    caplt $S hono-404-wrong-method-caddy.txt 404 app hono "DELETE /api/rates: no such route for the method, Hono's '404 Not Found'" "curl -sv, only the < lines kept" -- -sv $RC -X DELETE $C/api/rates
    capraw $S hono-422-invoice-bad-json-caddy.txt 422 app hono "an invoice body that is not JSON: the handler's JSON 422" "curl -si saved to a file (CRs kept)" -- -si $RC "${JSONH[@]}" -d '{"ref":' $C/api/invoices
    cap $S hono-500-boom-caddy.txt 500 app hono "a thrown Error: Hono's default onError, text 'Internal Server Error'" "curl -sv" -- -sv $RC $C/api/boom
    capbody body-only-paste body-hono-500-boom.txt 0/500 app hono "Hono's text 'Internal Server Error' (no number)" "" -- $RC "$C/api/boom?from=dashboard"
    capwin $S hono-503-maintenance-caddy.txt 503 app hono "the app's own JSON 503 with Retry-After" "curl -si pasted with CRLF" -- -si $RC $C/api/maintenance
    cap $S hono-502-payments-html-caddy.txt 502 app hono "the app's own HTML 502 page (card processor), passed on" "curl -si" -- -si $RC $C/api/payments
    capcut $S hono-504-bank-html-caddy.txt 504 app hono "the app's own HTML 504 page (bank feed), passed on" "curl -si, body cut off after the headers" -- -si $RC $C/api/bank
    cap $S caddy-431-header-too-large.txt 431 proxy caddy "an 8 KB header, max_header_size 2KB: the 431 Caddy's Go server writes" "curl -si" -- -si $RC -H "$BIGH8" $C/api/invoices/1
    cap $S caddy-403-internal.txt 403 proxy caddy "/internal/: respond 403, Caddy's empty 403" "curl -sv" -- -sv $RC $C/internal/metrics
    cap $S caddy-401-admin-no-credentials.txt 401 identity caddy "/admin/ without credentials: basicauth, Caddy's 401" "curl -sv" -- -sv $RC $C/admin/
    capcut $S caddy-401-admin-wrong-password.txt 401 identity caddy "/admin/ with a wrong password: Caddy's 401" "curl -si, body cut off after the headers" -- -si $RC -u ops:wrong $C/admin/
    cap $S hono-404-admin-authorised-caddy.txt 404 app hono "/admin/ with the right password: passed to Hono, '404 Not Found'" "curl -si" -- -si $RC -u ops:s3cret-ops $C/admin/
    cap $S caddy-504-slow.txt 504 proxy caddy "/api/slow takes 5 s: response_header_timeout 3s, Caddy's empty 504" "curl -sv" -- -sv $RC $C/api/slow
    sleep 2.5
    kill_app hono
    cap $S caddy-502-hono-killed.txt 502 proxy caddy "Hono killed (SIGKILL): connection refused, Caddy's empty 502" "curl -sv" -- -sv $RC $C/api/invoices/1
    caphead headers-only-paste head-caddy-502-hono-killed.txt 502 proxy caddy "curl -sI while Hono is down" "" -- $RC $C/api/invoices/1
    start_app hono || die "hono did not come back"
    capwget $S hono-200-rates-after-restart-caddy-wget.txt 200 app hono "started again: the rates" "wget -S -O-" -- --header="Host: $H:58103" http://127.0.0.1:58103/api/rates
    HTTPIE_CMD=http caphttp $S hono-429-quota-caddy-httpie.txt 429 app hono "the app's own JSON 429 with Retry-After" "HTTPie with colours" -- -v GET http://127.0.0.1:58103/api/quota Host:$H:58103
fi

# ================================================= HAProxy -> Koa ==
if up haproxy; then
    log "capturing: Koa behind HAProxy"
    S=koa-haproxy-r93
    H=api.wicken.test P=http://api.wicken.test:58104 RP="--resolve api.wicken.test:58104:127.0.0.1"
    cap $S koa-200-order-haproxy.txt 200 app koa "order 1 through HAProxy (the first request waits out the 1.5 s warm-up)" "curl -sv; X-Request-ID from HAProxy" -- -sv $RP $P/api/orders/1
    cap $S koa-404-order-haproxy.txt 404 app koa "order 9: ctx.throw(404), Koa's text body 'order 9 does not exist'" "curl -si" -- -si $RP $P/api/orders/9
    cap $S koa-404-unknown-route-haproxy.txt 404 app koa "/api/ordrs: no route, Koa's default text 'Not Found'" "curl -si" -- -si $RP $P/api/ordrs
    capcut $S koa-405-wrong-method-haproxy.txt 405 app koa "DELETE /api/orders/1: @koa/router's allowedMethods, 405 with Allow" "curl -si, body cut off after the headers" -- -si $RP -X DELETE $P/api/orders/1
    caplt $S koa-502-inventory-dep-refused-haproxy.txt 502 app koa "the inventory service refuses: ctx.throw(502), Koa's text 'Bad Gateway', passed on" "curl -sv, only the < lines kept" -- -sv $RP $P/api/inventory
    capwin $S koa-503-payments-dep-down-haproxy.txt 503 app koa "the payment provider is down: ctx.throw(503) with Retry-After, Koa's text 'Service Unavailable'" "curl -si pasted with CRLF" -- -si $RP $P/api/payments
    cap $S koa-504-quotes-dep-timeout-haproxy.txt 504 app koa "the pricing service never answers: ctx.throw(504) after 1 s, Koa's text 'Gateway Timeout'" "curl -sv" -- -sv $RP $P/api/quotes
    capbody body-only-paste body-koa-502-inventory-dep-refused.txt 0/502 app koa "Koa's text 'Bad Gateway' (no number)" "" -- $RP "$P/api/inventory?from=dashboard"
    cap $S haproxy-503-unrouted-path.txt 503 load-balancer haproxy "/billing: routed to a backend with no server, HAProxy's 503" "curl -sv" -- -sv $RP $P/billing
    cap $S haproxy-403-internal-denied.txt 403 load-balancer haproxy "/internal/: http-request deny, HAProxy's 403" "curl -si" -- -si $RP $P/internal/metrics
    cap $S haproxy-401-admin-no-credentials.txt 401 identity haproxy "/admin/ without credentials: http-request auth, HAProxy's 401" "curl -sv" -- -sv $RP $P/admin/
    capraw $S haproxy-401-admin-wrong-password.txt 401 identity haproxy "/admin/ with a wrong password: HAProxy's 401" "curl -si saved to a file (CRs kept)" -- -si $RP -u ops:wrong $P/admin/
    cap $S koa-404-admin-authorised-haproxy.txt 404 app koa "/admin/ with the right password: passed to Koa, 'Not Found'" "curl -si" -- -si $RP -u ops:s3cret-ops $P/admin/
    cap $S koa-404-search-first-haproxy.txt 404 app koa "/api/search, the first in 10 s (the limit is 2): Koa has no such route, 'Not Found'" "curl -si" -- -si $RP $P/api/search
    quiet $RP $P/api/search
    cap $S haproxy-429-search-rate-limited.txt 429 load-balancer haproxy "/api/search the third time in 10 s: deny_status 429" "curl -sv" -- -sv $RP $P/api/search
    caphead headers-only-paste head-haproxy-429-search-rate-limited.txt 429 load-balancer haproxy "curl -sI, the fourth /api/search in 10 s" "" -- $RP $P/api/search
    stuck_url http://127.0.0.1:58204/api/export
    cap $S haproxy-504-order-event-loop-stuck.txt 504 load-balancer haproxy "Koa's event loop held 6 s by an export: timeout server 3s, HAProxy's 504" "curl -sv" -- -sv $RP $P/api/orders/1
    unstuck 1
    restart_app koa v2
    cap $S koa-404-order-after-deploy-haproxy.txt 404 app koa "release v2 dropped the orders route: Koa's 'Not Found' (after the warm-up)" "curl -si" -- -si $RP $P/api/orders/1
    cap $S koa-500-cart-after-deploy-haproxy.txt 500 app koa "release v2's cart throws a TypeError: Koa's text 'Internal Server Error'" "curl -sv" -- -sv $RP $P/api/cart
    capbody body-only-paste body-koa-500-cart-after-deploy.txt 0/500 app koa "Koa's text 'Internal Server Error' (no number)" "" -- $RP "$P/api/cart?from=dashboard"
    restart_app koa v1
    kill_app koa
    cap $S haproxy-503-koa-killed.txt 503 load-balancer haproxy "Koa killed (SIGKILL): connection refused, HAProxy's 503" "curl -sv" -- -sv $RP $P/api/orders/1
    capbody body-only-paste body-haproxy-503-koa-killed.txt 503/503 load-balancer haproxy "HAProxy's stock 503 page, its heading shows 503" "" -- $RP "$P/api/orders/1?from=dashboard"
    start_app koa || die "koa did not come back"
    capwget $S koa-200-order-after-restart-haproxy-wget.txt 200 app koa "started again: order 1, after the warm-up" "wget -S -O-" -- --header="Host: $H:58104" http://127.0.0.1:58104/api/orders/1
    touch "$RUN/flags/koa/unhealthy"
    HTTPIE_CMD=http caphttp $S koa-503-healthz-failing-haproxy-httpie.txt 503 app koa "the app's /healthz failing (HAProxy has no checks): its JSON 503, passed on" "HTTPie with colours" -- -v GET http://127.0.0.1:58104/healthz Host:$H:58104
    rm -f "$RUN/flags/koa/unhealthy"
fi

# ================================================= Squid -> node:http ==
if up squid; then
    log "capturing: node:http behind Squid"
    S=nodehttp-squid-r93
    H=api.alder.test Q=http://api.alder.test:58105 RQ="--resolve api.alder.test:58105:127.0.0.1"
    cap $S nodehttp-200-order-squid-miss.txt 200 app node "order 1, a MISS (public, max-age=60)" "curl -sv; X-Cache: MISS" -- -sv $RQ $Q/api/orders/1
    cap $S squid-200-order-hit.txt 200 cdn-cache squid "order 1 again: a HIT" "curl -si; X-Cache: HIT" -- -si $RQ $Q/api/orders/1
    caplt $S squid-304-order-if-none-match.txt 304 cdn-cache squid "order 1 with If-None-Match of its ETag, still fresh: Squid's 304 from its store" "curl -sv, only the < lines kept" -- -sv $RQ -H 'If-None-Match: "al-1001-v1"' $Q/api/orders/1
    cap $S squid-304-order-if-modified-since.txt 304 cdn-cache squid "order 1 with If-Modified-Since its Last-Modified, still fresh: Squid's 304 from its store" "curl -si" -- -si $RQ -H 'If-Modified-Since: Tue, 01 Dec 2026 08:00:00 GMT' $Q/api/orders/1
    cap $S nodehttp-404-order-squid.txt 404 app node "order 7: the app's JSON 404 {error: {code, message}}" "curl -si" -- -si $RQ $Q/api/orders/7
    cap $S nodehttp-400-order-not-a-number-squid.txt 400 app node "order 'abc': the app's JSON 400" "curl -si" -- -si $RQ $Q/api/orders/abc
    cap $S nodehttp-404-unknown-route-squid.txt 404 app node "/api/ordrs: the app's JSON 404 'no route for GET'" "curl -sv" -- -sv $RQ $Q/api/ordrs
    capcut $S nodehttp-405-wrong-method-squid.txt 405 app node "PUT /api/rates: the app's JSON 405 with Allow" "curl -si, body cut off after the headers" -- -si $RQ -X PUT $Q/api/rates
    capraw $S nodehttp-502-payments-dep-refused-squid.txt 502 app node "the payment provider refuses: the app's own JSON 502" "curl -si saved to a file (CRs kept)" -- -si $RQ $Q/api/payments
    capwin $S nodehttp-503-statements-dep-down-squid.txt 503 app node "the ledger database is down: the app's own JSON 503 with Retry-After" "curl -si pasted with CRLF" -- -si $RQ $Q/api/statements
    cap $S nodehttp-504-quotes-dep-timeout-squid.txt 504 app node "the pricing service never answers: the app's own JSON 504 after 1 s" "curl -sv" -- -sv $RQ $Q/api/quotes
    capbody body-only-paste body-nodehttp-504-quotes-dep-timeout.txt 0/504 app node "the app's JSON 504 {error: {code, message}} (no number in it)" "" -- $RQ "$Q/api/quotes?from=dashboard"
    cap $S nodehttp-500-boom-squid.txt 500 app node "a TypeError in the handler: the app's try/catch, text 'Internal Server Error'" "curl -si" -- -si $RQ $Q/api/boom
    cap $S squid-403-internal-denied.txt 403 cdn-cache squid "/internal/: http_access deny, ERR_ACCESS_DENIED" "curl -sv" -- -sv $RQ $Q/internal/metrics
    capbody body-only-paste body-squid-403-internal-denied.txt 0/403 cdn-cache squid "Squid's ERR_ACCESS_DENIED page (its title names the error, not a number)" "" -- $RQ "$Q/internal/metrics?from=dashboard"
    cap $S squid-413-body-too-large.txt 413 cdn-cache squid "a 2 KB order: request_body_max_size 1 KB, ERR_TOO_BIG" "curl -si" -- -si $RQ "${BIG[@]}" $Q/api/orders
    cap $S squid-431-header-too-large.txt 431 cdn-cache squid "an 8 KB header, request_header_max_size 2 KB: Squid's 431" "curl -si" -- -si $RQ -H "$BIGH8" $Q/api/rates
    cap $S squid-504-slow.txt 504 cdn-cache squid "/api/slow takes 5 s: read_timeout 3 seconds, ERR_READ_TIMEOUT" "curl -sv" -- -sv $RQ $Q/api/slow
    sleep 2.5
    kill_app nodehttp
    # rounds 83-92 saw Squid 5.7 answer a peer that had been up, then refused, with ERR_CONNECT_FAIL 503
    cap $S squid-503-nodehttp-killed.txt 503 cdn-cache squid "the node app killed (SIGKILL): connection refused, ERR_CONNECT_FAIL" "curl -sv" -- -sv $RQ $Q/api/account
    caphead headers-only-paste head-squid-503-nodehttp-killed.txt 503 cdn-cache squid "curl -sI while the node app is down" "" -- $RQ $Q/api/account
    cap $S squid-200-order-hit-app-down.txt 200 cdn-cache squid "the node app down, order 1 still fresh in the store: a HIT" "curl -si" -- -si $RQ $Q/api/orders/1
    start_app nodehttp || die "nodehttp did not come back"
    capwget $S nodehttp-401-account-after-restart-squid-wget.txt 401 app node "started again: /api/account, the app's JSON 401" "wget -S -O-" -- --header="Host: $H:58105" http://127.0.0.1:58105/api/account
    HTTPIE_CMD=http caphttp $S nodehttp-200-healthz-squid-httpie.txt 200 app node "recovered: /healthz" "HTTPie with colours" -- -v GET http://127.0.0.1:58105/healthz Host:$H:58105
fi

# ================================================= Varnish -> Express ==
if up varnish; then
    log "capturing: Express behind Varnish"
    S=express-varnish-r93
    H=invoices.ledgerly.test V=http://invoices.ledgerly.test:58106 RV="--resolve invoices.ledgerly.test:58106:127.0.0.1"
    cap $S express-200-invoice-varnish-miss.txt 200 app express "invoice 1, a MISS (public, max-age=60)" "curl -sv; X-Cache: MISS, X-Request-ID from Varnish" -- -sv $RV $V/api/invoices/1
    cap $S varnish-200-invoice-hit.txt 200 cdn-cache varnish "invoice 1 again: a HIT" "curl -si; X-Cache: HIT" -- -si $RV $V/api/invoices/1
    cap $S varnish-304-invoice-if-none-match.txt 304 cdn-cache varnish "invoice 1 with If-None-Match of its ETag: Varnish's 304 from its store" "curl -sv" -- -sv $RV -H 'If-None-Match: "inv-1-v3"' $V/api/invoices/1
    # run 1 labelled this 304; Varnish answered the HIT in full (200): the app's Last-Modified says "Mon" for a Tuesday, relabelled (README)
    caplt $S varnish-200-invoice-hit-if-modified-since.txt 200 cdn-cache varnish "invoice 1 with If-Modified-Since its Last-Modified: a HIT served in full (the date was not taken as a match)" "curl -sv, only the < lines kept" -- -sv $RV -H 'If-Modified-Since: Mon, 01 Dec 2026 08:00:00 GMT' $V/api/invoices/1
    cap $S express-200-rates-varnish-miss.txt 200 app express "the rates (max-age=1), a MISS" "curl -si" -- -si $RV $V/api/rates
    cap $S express-404-invoice-varnish-miss.txt 404 app express "invoice 9: the handler's JSON 404, public max-age=120 (a MISS)" "curl -si" -- -si $RV $V/api/invoices/9
    capcut $S express-404-invoice-varnish-hit.txt 404 app express "invoice 9 again: the app's 404 replayed from Varnish's store (a HIT of the app's answer)" "curl -si, body cut off after the headers" -- -si $RV $V/api/invoices/9
    cap $S express-404-unknown-route-varnish.txt 404 app express "/api/invoicez: Express's default HTML 'Cannot GET /api/invoicez'" "curl -sv" -- -sv $RV $V/api/invoicez
    cap $S express-400-bad-json-varnish.txt 400 app express "an invoice body that is not JSON: express.json() fails, finalhandler's HTML 'Bad Request'" "curl -si" -- -si $RV "${JSONH[@]}" -d '{"ref":' $V/api/invoices
    capraw $S express-502-payments-html-varnish.txt 502 app express "the app's own HTML 502 page (card processor)" "curl -si saved to a file (CRs kept)" -- -si $RV $V/api/payments
    cap $S express-503-statements-html-varnish.txt 503 app express "the app's own HTML 503 page (statements regenerating)" "curl -si" -- -si $RV $V/api/statements
    cap $S express-504-bank-html-varnish.txt 504 app express "the app's own HTML 504 page (bank feed)" "curl -si" -- -si $RV $V/api/bank
    cap $S express-500-boom-varnish.txt 500 app express "a thrown Error: finalhandler's HTML 'Internal Server Error' (NODE_ENV=production)" "curl -sv" -- -sv $RV $V/api/boom
    capbody body-only-paste body-express-500-boom.txt 0/500 app express "finalhandler's HTML page, title 'Error', text 'Internal Server Error' (no number)" "" -- $RV "$V/api/boom?from=dashboard"
    capwin $S express-429-quota-varnish.txt 429 app express "the app's own JSON 429 with Retry-After" "curl -si pasted with CRLF" -- -si $RV $V/api/quota
    cap $S varnish-405-purge.txt 405 cdn-cache varnish "PURGE /api/invoices/1: vcl_recv synth(405)" "curl -sv" -- -sv $RV -X PURGE $V/api/invoices/1
    cap $S varnish-403-admin-synth.txt 403 cdn-cache varnish "/admin/: vcl_recv synth(403)" "curl -si" -- -si $RV $V/admin/
    cap $S varnish-503-slow-first-byte-timeout.txt 503 cdn-cache varnish "/api/slow takes 5 s: first_byte_timeout 3s, Backend fetch failed" "curl -sv" -- -sv $RV $V/api/slow
    sleep 2.5
    kill_app express
    sleep 1
    cap $S varnish-200-rates-grace-express-down.txt 200 cdn-cache varnish "Express down: the rates (their 1 s TTL gone) served from grace" "curl -si" -- -si $RV $V/api/rates
    cap $S varnish-503-account-express-killed.txt 503 cdn-cache varnish "Express killed: connection refused, Backend fetch failed" "curl -sv" -- -sv $RV $V/api/account
    caphead headers-only-paste head-varnish-503-express-killed.txt 503 cdn-cache varnish "curl -sI while Express is down" "" -- $RV $V/api/account
    capbody body-only-paste body-varnish-503-express-killed.txt 503/503 cdn-cache varnish "Varnish's 'Backend fetch failed' page, its title shows 503" "" -- $RV "$V/api/account?from=dashboard"
    start_app express || die "express did not come back"
    capwget $S express-401-account-after-restart-varnish-wget.txt 401 app express "started again: /api/account, the app's JSON 401" "wget -S -O-" -- --header="Host: $H:58106" http://127.0.0.1:58106/api/account
    HTTPIE_CMD=http caphttp $S express-403-admin-api-varnish-httpie.txt 403 app express "/api/admin (not /admin/, so Varnish passes it): the app's own JSON 403" "HTTPie with colours" -- -v GET http://127.0.0.1:58106/api/admin Host:$H:58106
fi

log "stopping servers"
stop_all
trap - EXIT
for p in "${!SKIPPED[@]}"; do log "NOT CAPTURED: $p (${SKIPPED[$p]})"; done
for f in nginx apache caddy haproxy varnish squid; do up $f || log "NOT CAPTURED: $f did not start"; done
if ((MISMATCH)); then
    log "$MISMATCH of $COUNT captures did not show the expected status; $OUT left as it was."
    log "inspect $STAGE"
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT/labels.toml"
cp "$STAGE"/*.txt "$STAGE/labels.toml" "$OUT/"
log "wrote $COUNT responses + labels.toml to tests/fixtures/evidence-round93/ in $((SECONDS - START_TIME)) s"
if [[ ${CORPUS_KEEP_RUN:-0} != 1 ]]; then rm -rf "$RUN"; else log "kept $RUN"; fi
