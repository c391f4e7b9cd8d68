<?php
// A plain PHP front controller for the built-in server (round 36, behind Caddy).
// Returning false hands the request to the built-in server (its own 404 page).
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$method = $_SERVER['REQUEST_METHOD'];
$rid = $_SERVER['HTTP_X_REQUEST_ID'] ?? bin2hex(random_bytes(8));
header('X-Request-Id: ' . $rid);

function jerr($status, $code, $message, $rid) {
    http_response_code($status);
    header('Content-Type: application/json');
    echo json_encode(['error' => ['code' => $code, 'message' => $message, 'request_id' => $rid]]);
    exit;
}

if (preg_match('#^/api/stock/([^/]+)$#', $path, $m)) {
    if ($method !== 'GET') { header('Allow: GET'); jerr(405, 'method_not_allowed', "$method not allowed", $rid); }
    if ($m[1] === 'SKU-1') { header('Content-Type: application/json'); echo json_encode(['sku' => 'SKU-1', 'on_hand' => 14]); exit; }
    jerr(404, 'sku_not_found', "No stock record for {$m[1]}", $rid);
}
if ($path === '/api/stock' && $method === 'POST') {
    $data = json_decode(file_get_contents('php://input'), true);
    if (!is_array($data)) jerr(400, 'invalid_json', 'Body is not JSON', $rid);
    if (!isset($data['qty'])) jerr(422, 'validation_failed', 'qty is required', $rid);
    http_response_code(201); header('Content-Type: application/json'); echo '{"ok":true}'; exit;
}
if ($path === '/api/admin/adjustments') {
    if (!isset($_SERVER['HTTP_AUTHORIZATION'])) { header('WWW-Authenticate: Bearer'); jerr(401, 'unauthorized', 'Token required', $rid); }
    jerr(403, 'forbidden', 'Stock adjustments need the warehouse role', $rid);
}
if ($path === '/api/sync') { header('Retry-After: 30'); jerr(429, 'rate_limited', 'One sync per 30 seconds', $rid); }
if ($path === '/api/boom') { $x = null; $x->reserve(); }
if ($path === '/api/maintenance') { header('Retry-After: 600'); jerr(503, 'maintenance', 'Inventory count in progress', $rid); }
if ($path === '/api/slow') { sleep(5); echo '{}'; exit; }
if ($path === '/stock') { header('Location: /api/stock/SKU-1', true, 302); exit; }
return false;
