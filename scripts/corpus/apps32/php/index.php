<?php
// Round-32 corpus: a front controller under PHP-FPM (display_errors off),
// behind Apache's mod_proxy_fcgi, behind nginx.
header('Content-Type: application/json');
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$m = $_SERVER['REQUEST_METHOD'];
function out($code, $body) { http_response_code($code); echo json_encode($body), "\n"; exit; }
if ($path === '/api/orders/1') out(200, ['id' => 1, 'sku' => 'A-1']);
if (preg_match('#^/api/orders/(\w+)$#', $path, $x)) out(404, ['error' => 'not_found', 'message' => "order {$x[1]} does not exist"]);
if ($path === '/api/orders' && $m === 'POST') {
    $b = json_decode(file_get_contents('php://input'), true);
    if (!is_array($b) || !is_int($b['qty'] ?? null)) out(422, ['error' => 'validation_failed', 'fields' => ['qty' => 'must be an integer']]);
    out(201, ['id' => 2]);
}
if ($path === '/api/payments/status') { header('Retry-After: 600'); out(503, ['error' => 'maintenance']); }
if ($path === '/api/quotes') { header('Retry-After: 30'); out(429, ['error' => 'rate_limited', 'message' => 'quote limit reached']); }
if ($path === '/api/boom') { undefined_function_call(); }
if ($path === '/api/slow' || strpos($path, '/api/reports/') === 0 || strpos($path, '/api/exports/') === 0) {
    sleep(min((int)($_GET['s'] ?? 5), 12)); out(200, ['ok' => true]);
}
out(404, ['error' => 'no_route', 'path' => $path]);
