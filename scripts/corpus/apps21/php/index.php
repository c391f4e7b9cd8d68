<?php
// Round-18 corpus (round 16's app, plus an export route that takes 3 s): a
// plain PHP front controller under PHP-FPM, behind Apache's mod_proxy_fcgi
// (every /api/ path comes here) behind HAProxy. Production
// settings: display_errors off, so an uncaught Error is PHP's empty 500. The
// team checks CORS itself: a preflight from an origin not on the list gets
// its JSON 403, an allowed one a 204.
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$method = $_SERVER['REQUEST_METHOD'];
$allowed = ['https://billing.example.test'];

function fail($status, $code, $message, $extra = []) {
    http_response_code($status);
    header('Content-Type: application/json');
    echo json_encode(['error' => ['code' => $code, 'message' => $message]] + $extra), "\n";
    exit;
}

if ($method === 'OPTIONS') {
    $origin = $_SERVER['HTTP_ORIGIN'] ?? '';
    if (!in_array($origin, $allowed, true)) {
        fail(403, 'cors_origin_denied', "Origin $origin is not allowed");
    }
    header("Access-Control-Allow-Origin: $origin");
    header('Access-Control-Allow-Methods: GET, POST');
    header('Access-Control-Allow-Headers: Authorization, Content-Type');
    header('Access-Control-Max-Age: 600');
    http_response_code(204);
    exit;
}

switch (true) {
case $path === '/api/health':
    header('Content-Type: application/json');
    echo json_encode(['status' => 'ok']), "\n";
    break;
case preg_match('#^/api/invoices/(\d+)$#', $path, $m) === 1:
    if ($m[1] !== '1') fail(404, 'invoice_not_found', "Invoice {$m[1]} not found");
    header('Content-Type: application/json');
    echo json_encode(['id' => 1, 'total' => 12900, 'currency' => 'EUR']), "\n";
    break;
case preg_match('#^/api/invoices/(\d+)/pdf$#', $path, $m) === 1:
    // PDFs are served by the document service now (gone: its upstream is dead)
    header("Location: /documents/invoices/{$m[1]}.pdf", true, 302);
    break;
case $path === '/api/payments' && $method === 'POST':
    $body = json_decode(file_get_contents('php://input'), true);
    if (!is_array($body)) fail(400, 'bad_request', 'Malformed JSON body');
    fail(422, 'validation_error', 'The given data was invalid.', ['errors' => ['amount' => ['The amount must be at least 1.']]]);
case $path === '/api/payments/1/refund':
    fail(409, 'already_refunded', 'Payment 1 was already refunded');
case $path === '/api/admin/ledger':
    if (empty($_SERVER['HTTP_AUTHORIZATION'])) {
        header('WWW-Authenticate: Bearer realm="billing"');
        fail(401, 'unauthenticated', 'Unauthenticated.');
    }
    fail(403, 'forbidden', 'This action is unauthorized.');
case $path === '/api/boom':
    $gateway = null;
    $gateway->charge(100);  // Error: with display_errors off PHP sends an empty 500
    break;
case $path === '/api/maintenance':
    header('Retry-After: 60');
    fail(503, 'maintenance', 'Billing is down for maintenance.');
case preg_match('#^/api/exports/\d+$#', $path) === 1:
    sleep(3);  // a monthly export (the load balancer in front gives it 1 s)
    header('Content-Type: application/json');
    echo json_encode(['status' => 'ready']), "\n";
    break;
case $path === '/api/slow':
    sleep(5);
    header('Content-Type: application/json');
    echo json_encode(['status' => 'late']), "\n";
    break;
default:
    fail(404, 'not_found', 'No route for ' . $method . ' ' . $path);
}
