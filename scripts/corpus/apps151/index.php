<?php
// Round 151: "Birchmere" orders API in plain PHP 8.2 (php-fpm, front controller).
// Flag files in $_SERVER['STATE_DIR'] (set by Apache) as in flask_app.py.
$state = getenv('STATE_DIR') ?: ($_SERVER['STATE_DIR'] ?? '/tmp');
$flag = fn($n) => file_exists("$state/$n");
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$m = $_SERVER['REQUEST_METHOD'];
function out($code, $body, $hdr = []) {
    http_response_code($code);
    header('Content-Type: application/json');
    foreach ($hdr as $h) header($h);
    if ($body !== null) echo json_encode($body, JSON_UNESCAPED_SLASHES), "\n";
    exit;
}
if (preg_match('#^/api/orders/(\d+)$#', $path, $g) && $m === 'GET') {
    if ($flag('deploy-v2')) { require __DIR__ . '/lib/OrderPresenterV2.php'; }  // a bad deploy: file not shipped
    if ($g[1] !== '1') out(404, ['error' => ['code' => 'order_not_found', 'message' => "Order {$g[1]} not found"]]);
    header('ETag: "bm-o1-v4"');
    if (($_SERVER['HTTP_IF_NONE_MATCH'] ?? '') === '"bm-o1-v4"') { http_response_code(304); exit; }
    out(200, ['id' => 1, 'status' => 'open', 'total' => 8.4]);
}
if ($path === '/api/orders' && $m === 'POST') out(201, ['id' => 2, 'status' => 'created'], ['Location: /api/orders/2']);
if (preg_match('#^/api/orders/\d+$#', $path) && $m === 'DELETE') { http_response_code(204); exit; }
if (preg_match('#^/api/invoices/(\d+)$#', $path, $g) && !$flag('deploy-v2')) out(200, ['id' => (int)$g[1], 'amount' => 8.4]);
if ($path === '/api/payments') {
    $s = @fsockopen('127.0.0.1', 60999, $errno, $errstr, 1);
    if (!$s) out(502, ['error' => ['code' => 'payments_gateway_down', 'message' => "payments-gateway unreachable: $errstr"]]);
    out(200, ['ok' => true]);
}
if ($path === '/api/inventory') {
    if ($flag('inventory-down')) {
        http_response_code(503); header('Retry-After: 30'); header('Content-Type: text/html; charset=UTF-8');
        echo "<!DOCTYPE html>\n<html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>Could not connect to inventory-db (mysql:3306): Connection refused</p></body></html>\n";
        exit;
    }
    out(200, ['sku' => 'BM-4', 'on_hand' => 2]);
}
if ($path === '/api/search') {
    if ($flag('search-slow')) out(504, ['error' => ['code' => 'search_timeout', 'message' => 'search-service (solr) timed out after 2.0 s']]);
    out(200, ['results' => [], 'total' => 0]);
}
if ($path === '/api/me') {
    $a = $_SERVER['HTTP_AUTHORIZATION'] ?? '';
    if ($a !== 'Bearer key2-token' && ($flag('keys-rotated') || $a !== 'Bearer key1-token'))
        out(401, ['error' => ['code' => 'invalid_token', 'message' => 'Expired token']], ['WWW-Authenticate: Bearer error="invalid_token", error_description="Expired token"']);
    out(200, ['sub' => 'u-9']);
}
if ($path === '/api/quota') {
    if ($flag('quota')) out(429, ['error' => ['code' => 'quota_exceeded', 'message' => 'Daily quota of 5000 calls reached']], ['Retry-After: 3600']);
    out(200, ['remaining' => 120]);
}
if ($path === '/api/slow') { sleep(5); out(200, ['ok' => true]); }
out(404, ['error' => ['code' => 'route_not_found', 'message' => "No route for $m $path"]]);
