<?php
// Round-40 corpus: a Laravel-like invoices API, a plain PHP front controller
// under PHP-FPM, behind nginx (TLS, HTTP/2) with fastcgi_cache. The product
// list and the product 404 are public for 60/30 s, so nginx may keep them. Errors
// in Laravel's JSON shapes ({"message": ...}, {"message", "errors"} for 422);
// a fatal error with display_errors off gives PHP's empty 500. It echoes the
// X-Request-ID the front sends.
header('Content-Type: application/json');
header('Cache-Control: no-cache, private');
$rid = $_SERVER['HTTP_X_REQUEST_ID'] ?? bin2hex(random_bytes(8));
header('X-Request-Id: ' . $rid);
$path = $_SERVER['PATH_INFO'] ?? parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$method = $_SERVER['REQUEST_METHOD'];

function out($status, $body) { http_response_code($status); echo json_encode($body), "\n"; exit; }

if ($path === '/api/products') {
    header('Cache-Control: public, max-age=60');
    header('ETag: "products-v3"');
    header('Last-Modified: Thu, 03 Dec 2026 08:00:00 GMT');
    out(200, [['id' => 'P-1', 'name' => 'Widget'], ['id' => 'P-2', 'name' => 'Gadget']]);
}
if (preg_match('#^/api/products/([\w-]+)$#', $path, $m)) {
    header('Cache-Control: public, max-age=30');
    out(404, ['message' => "No query results for model [App\\Models\\Product] {$m[1]}"]);
}
if ($path === '/api/health') out(200, ['status' => 'ok']);
if (preg_match('#^/api/invoices/([\w-]+)$#', $path, $m)) {
    if ($method === 'DELETE') out(409, ['message' => "Invoice {$m[1]} is already paid and cannot be deleted."]);
    if ($m[1] !== 'INV-1') out(404, ['message' => 'No query results for model [App\\Models\\Invoice] ' . $m[1]]);
    out(200, ['id' => 'INV-1', 'total' => 9900]);
}
if ($path === '/api/invoices' && $method === 'POST') {
    $b = json_decode(file_get_contents('php://input'), true) ?: [];
    if (empty($b['customer_id'])) out(422, ['message' => 'The customer id field is required.', 'errors' => ['customer_id' => ['The customer id field is required.']]]);
    out(201, ['id' => 'INV-2']);
}
if ($path === '/api/user') { header('WWW-Authenticate: Bearer'); out(401, ['message' => 'Unauthenticated.']); }
if ($path === '/api/admin/ledger') out(403, ['message' => 'This action is unauthorized.']);
if ($path === '/api/export') { header('Retry-After: 60'); out(429, ['message' => 'Too Many Attempts.']); }
if ($path === '/api/boom') { $x = null; $x->total(); }
if ($path === '/api/maintenance') out(503, ['message' => 'Service Unavailable']);
if ($path === '/api/slow') { sleep(5); out(200, ['status' => 'late']); }
if ($path === '/api/tax') { sleep(1); out(504, ['message' => 'The tax service did not answer in time.']); }
out(404, ['message' => 'Not Found']);
