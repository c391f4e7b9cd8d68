<?php
// Round-28 corpus: a plain PHP API (a front controller) under PHP-FPM, as it
// runs in production: Debian's php.ini-production (display_errors off,
// log_errors on). nginx and Apache pass every /api/ request here. The API
// answers its own errors in JSON; what it does not catch (an Error) ends as
// PHP's empty 500.
header('Content-Type: application/json');
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$path = preg_replace('#^/(exports|batch)/#', '/', $path);

function fail($status, $code, $message, $extra = []) {
    http_response_code($status);
    echo json_encode(['error' => ['code' => $code, 'message' => $message]] + $extra), "\n";
    exit;
}

switch (true) {
case $path === '/api/health':
    echo json_encode(['status' => 'ok']), "\n";
    break;
case preg_match('#^/api/invoices/(\d+)$#', $path, $m) === 1:
    if ($m[1] !== '1') fail(404, 'not_found', "Invoice {$m[1]} not found");
    echo json_encode(['id' => 1, 'amount' => 1200]), "\n";
    break;
case $path === '/api/invoices' && $_SERVER['REQUEST_METHOD'] === 'POST':
    $body = json_decode(file_get_contents('php://input'), true);
    if (!is_array($body)) fail(400, 'bad_request', 'Malformed JSON body');
    if (empty($body['amount']) || $body['amount'] <= 0)
        fail(422, 'validation_error', 'The given data was invalid.', ['errors' => ['amount' => ['The amount must be greater than 0.']]]);
    http_response_code(201);
    echo json_encode(['id' => 2, 'amount' => $body['amount']]), "\n";
    break;
case $path === '/api/invoices':
    header('Allow: POST');
    fail(405, 'method_not_allowed', 'Use POST to create an invoice');
case $path === '/api/admin/reports':
    header('WWW-Authenticate: Bearer realm="billing"');
    fail(401, 'unauthenticated', 'Missing or invalid bearer token');
case $path === '/api/boom':
    $customer = null;
    $customer->charge(100);  // Error: with display_errors off PHP sends an empty 500
    break;
case $path === '/api/report':
    $rows = require __DIR__ . '/config/reports.php';  // missing after a deploy: fatal, empty 500
    break;
case $path === '/api/maintenance':
    header('Retry-After: 120');
    fail(503, 'maintenance', 'Billing is being upgraded, back shortly');
case $path === '/api/slow':
    sleep(5);
    echo json_encode(['status' => 'late']), "\n";
    break;
default:
    fail(404, 'not_found', 'No route for ' . $path);
}
