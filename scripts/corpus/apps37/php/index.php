<?php
// Round 37: a front controller under PHP-FPM (behind lighttpd mod_fastcgi and
// Apache mod_proxy_fcgi over a unix socket). Its own errors: a JSON 404, a
// JSON 503 during maintenance, a 504 when its own search backend times out;
// and a 5 s script for the front's timeout.
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
header('Content-Type: application/json');
function out($status, $obj) { http_response_code($status); echo json_encode($obj), "\n"; exit; }
if (preg_match('#^/api/orders/(\d+)$#', $path, $m)) {
    if ($m[1] === '1') out(200, ['id' => 1, 'sku' => 'A-1', 'qty' => 2]);
    out(404, ['error' => ['code' => 404, 'message' => "Order {$m[1]} not found"]]);
}
if ($path === '/api/maintenance') {
    header('Retry-After: 600');
    out(503, ['error' => ['code' => 503, 'message' => 'Service temporarily unavailable: scheduled maintenance']]);
}
if ($path === '/api/inventory') {
    sleep(1);
    out(504, ['error' => ['code' => 504, 'message' => 'Search backend timed out (elasticsearch: 1000ms)']]);
}
if ($path === '/api/slow') { sleep(5); out(200, ['ok' => true]); }
out(404, ['error' => ['code' => 404, 'message' => 'Route not found']]);
