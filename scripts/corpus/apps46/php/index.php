<?php
// Round-46 corpus: a plain PHP front controller under PHP-FPM (Apache's
// mod_proxy_fcgi sends every /api/ and /reports/ request here; Caddy is in
// front of Apache). Production php.ini: display_errors off, so a fatal Error
// is PHP's empty 500. /api/slow and /reports/daily sleep 5 s.
header('Content-Type: application/json');
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);

function fail($status, $code, $message, $extra = []) {
    http_response_code($status);
    echo json_encode(['error' => ['code' => $code, 'message' => $message]] + $extra), "\n";
    exit;
}

switch (true) {
case $path === '/api/health':
    echo json_encode(['status' => 'ok']), "\n";
    break;
case preg_match('#^/api/orders/(\d+)$#', $path, $m) === 1:
    if ($m[1] !== '1') fail(404, 'not_found', "Order {$m[1]} not found");
    echo json_encode(['id' => 1, 'sku' => 'A-1', 'qty' => 2, 'status' => 'open']), "\n";
    break;
case $path === '/api/orders' && $_SERVER['REQUEST_METHOD'] === 'POST':
    $body = json_decode(file_get_contents('php://input'), true);
    if (!is_array($body)) fail(400, 'bad_request', 'Malformed JSON body');
    if (!is_int($body['qty'] ?? null) || $body['qty'] < 1 || empty($body['sku'])) {
        fail(422, 'validation_error', 'The given data was invalid.', ['errors' => ['qty' => ['The qty must be at least 1.']]]);
    }
    http_response_code(201);
    header('Location: /api/orders/1043');
    echo json_encode(['id' => 1043, 'sku' => $body['sku'], 'qty' => $body['qty']]), "\n";
    break;
case preg_match('#^/api/orders/(\d+)/cancel$#', $path, $m) === 1:
    fail(409, 'conflict', "Order {$m[1]} has already shipped");
case $path === '/api/admin/reports':
    header('WWW-Authenticate: Bearer');
    fail(401, 'unauthenticated', 'Unauthenticated.');
case $path === '/api/boom':
    $db = null;
    $db->query('SELECT 1');  // Error: a real bug; with display_errors off PHP sends an empty 500
    break;
case $path === '/api/maintenance':
    header('Retry-After: 60');
    fail(503, 'maintenance', 'Be right back.');
case $path === '/api/slow':
case $path === '/reports/daily':
    sleep(5);
    echo json_encode(['status' => 'late']), "\n";
    break;
default:
    fail(404, 'not_found', 'No route for ' . $path);
}
