<?php
// Round-50 corpus: an invoices front controller under PHP-FPM, reached over
// FastCGI from HAProxy (fcgi-app). Production settings: display_errors off.
header('Content-Type: application/json');
$path = $_SERVER['PATH_INFO'] ?? parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);

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
    echo json_encode(['id' => 1, 'total' => 4200]), "\n";
    break;
case $path === '/api/invoices' && $_SERVER['REQUEST_METHOD'] === 'POST':
    $body = json_decode(file_get_contents('php://input'), true);
    if (!is_array($body)) fail(400, 'bad_request', 'Malformed JSON body');
    fail(422, 'validation_error', 'The given data was invalid.', ['errors' => ['due_date' => ['The due date must be a date after today.']]]);
case preg_match('#^/api/invoices/(\d+)/pay$#', $path) === 1:
    fail(409, 'already_paid', 'This invoice has already been paid.');
case $path === '/api/ledger':
    header('WWW-Authenticate: Bearer');
    fail(401, 'unauthenticated', 'Unauthenticated.');
case $path === '/api/exports':
    header('Retry-After: 30');
    fail(429, 'too_many_requests', 'Too Many Attempts.');
case $path === '/api/boom':
    $db = null;
    $db->query('SELECT 1');  // Error: a real bug; with display_errors off PHP sends an empty 500
    break;
case $path === '/api/tax-rates':
    header('Retry-After: 120');
    fail(503, 'maintenance', 'Tax service is being updated.');
case $path === '/api/slow':
    sleep(6);
    echo json_encode(['status' => 'late']), "\n";
    break;
default:
    fail(404, 'not_found', 'No route for ' . $path);
}
