<?php
// Round-42 corpus: a small front controller under PHP-FPM, behind nginx
// behind HAProxy (the same nginx as the Django site). JSON errors; PHP's
// empty 500 for an uncaught Error (display_errors off).
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
function out($status, $body, $headers = []) {
    http_response_code($status);
    header('Content-Type: application/json');
    foreach ($headers as $h) header($h);
    echo json_encode($body), "\n";
    exit;
}
if (preg_match('#^/shop/api/carts/([^/]+)$#', $path, $m)) {
    if ($m[1] !== 'C-1') out(404, ['message' => "Cart {$m[1]} not found"]);
    out(200, ['id' => 'C-1', 'items' => 2]);
}
if ($path === '/shop/api/checkout') {
    $b = json_decode(file_get_contents('php://input'), true);
    if (!is_array($b) || empty($b['email'])) out(422, ['message' => 'The given data was invalid.', 'errors' => ['email' => ['The email field is required.']]]);
    out(201, ['order' => 'O-2']);
}
if ($path === '/shop/api/coupon') out(429, ['message' => 'Too Many Attempts.'], ['Retry-After: 60']);
if ($path === '/shop/api/boom') { $cart = null; echo $cart->total(); }
if ($path === '/shop/api/slow') { sleep(5); out(200, ['status' => 'late']); }
if ($path === '/shop/api/maintenance') out(503, ['message' => 'Service Unavailable'], ['Retry-After: 120']);
out(404, ['message' => 'Not Found']);
