#!/usr/bin/env bash
# capture-fixtures.sh — real access log lines for tests/fixtures/logs/, written by the real
# programs: nginx (combined with $request_time, $upstream_response_time and $upstream_addr
# added, and an escape=json format) and HAProxy (option httplog), both in front of a small
# Python server that answers 200, 404, 500 and 502 and sometimes slowly. Everything binds
# 127.0.0.1 on ports 23000-23010 and is stopped on exit.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT="$HERE/../../tests/fixtures/logs"
RUN=$(mktemp -d /tmp/api-triage-logs.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

python3 - 23001 <<'PY' &
import http.server, sys, time, random
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        p = self.path
        code = 500 if '/checkout' in p and random.random() < 0.4 else 404 if p.startswith('/missing') else 200
        if '/slow' in p: time.sleep(0.3)
        body = b'{"ok":true}\n'
        self.send_response(code); self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
PY
pids+=($!)

mkdir -p "$RUN/nginx"
cat > "$RUN/nginx/nginx.conf" <<NGX
worker_processes 1;
pid $RUN/nginx/nginx.pid;
error_log $RUN/nginx/error.log;
events { worker_connections 64; }
http {
  client_body_temp_path $RUN/nginx/body; proxy_temp_path $RUN/nginx/proxy;
  fastcgi_temp_path $RUN/nginx/fcgi; uwsgi_temp_path $RUN/nginx/uwsgi; scgi_temp_path $RUN/nginx/scgi;
  log_format timed '\$remote_addr - \$remote_user [\$time_local] "\$request" \$status \$body_bytes_sent "\$http_referer" "\$http_user_agent" \$request_time \$upstream_response_time \$upstream_addr';
  log_format json escape=json '{"time":"\$time_iso8601","remote_addr":"\$remote_addr","request":"\$request","status":\$status,"request_time":\$request_time,"upstream_addr":"\$upstream_addr"}';
  upstream app { server 127.0.0.1:23001; server 127.0.0.1:23009; }
  server {
    listen 127.0.0.1:23002;
    access_log $RUN/nginx/combined.log combined;
    access_log $RUN/nginx/timed.log timed;
    access_log $RUN/nginx/json.log json;
    location / { proxy_pass http://app; proxy_next_upstream off; }
  }
}
NGX
nginx -e "$RUN/nginx/error.log" -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)

cat > "$RUN/haproxy.cfg" <<HAP
global
  log stdout format raw local0
defaults
  mode http
  log global
  option httplog
  timeout connect 1s
  timeout client 5s
  timeout server 5s
frontend fe_api
  bind 127.0.0.1:23003
  default_backend be_app
backend be_app
  server app1 127.0.0.1:23001
  server app2 127.0.0.1:23009
HAP
haproxy -f "$RUN/haproxy.cfg" > "$RUN/haproxy.log" 2>&1 &
pids+=($!)
sleep 1

for i in $(seq 1 30); do
  for path in /v1/orders/$((1000 + i)) /v1/checkout "/v1/users/3f2b8c1e-9d4a-4f6b-8e2a-1c5d7e9f0a$((10 + i))/cart" /missing/$i /v1/slow/report?id=$i; do
    timeout 5 curl -s -o /dev/null -A "curl-fixture/1.0" "http://127.0.0.1:23002$path" || true
    timeout 5 curl -s -o /dev/null -A "curl-fixture/1.0" "http://127.0.0.1:23003$path" || true
  done
done
sleep 0.5
cp "$RUN/nginx/combined.log" "$OUT/nginx-combined.log"
cp "$RUN/nginx/timed.log" "$OUT/nginx-combined-timed.log"
cp "$RUN/nginx/json.log" "$OUT/nginx-json.log"
grep -v '^\[' "$RUN/haproxy.log" | grep ' fe_api ' > "$OUT/haproxy-httplog.log"
wc -l "$OUT"/*.log
rm -rf "$RUN"
