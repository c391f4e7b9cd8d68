<?php
// Round 180: the Fenwick accounts API in plain PHP (built-in server, one
// router script). Errors set http_response_code() and echo a JSON body
// {"status": "error", "code", "message", "request_id"}. Its own dependency
// errors: /api/payments 502 (payment provider), /api/accounts/db 503
// (database, Retry-After), /api/search 504 (search cluster). /api/boom: an
// uncaught exception caught by the team's set_exception_handler (500);
// /api/slow: 6 s. Unknown paths: JSON 404.
$rid = $_SERVER['HTTP_X_REQUEST_ID'] ?? null;
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
header_remove('X-Powered-By');

function fail($status, $code, $message, $headers = []) {
    global $rid;
    http_response_code($status);
    header('Content-Type: application/json');
    foreach ($headers as $k => $v) header("$k: $v");
    echo json_encode(['status' => 'error', 'code' => $code, 'message' => $message, 'request_id' => $rid]), "\n";
    exit;
}
set_exception_handler(function ($e) { fail(500, 'internal_error', 'an internal error occurred'); });

if ($path === '/api/accounts/1') {
    header('Content-Type: application/json');
    echo json_encode(['status' => 'ok', 'data' => ['id' => 1, 'name' => 'Fenwick & Daughters', 'balance' => 1204.5]]), "\n";
} elseif (preg_match('#^/api/accounts/(\d+)$#', $path, $m)) {
    fail(404, 'account_not_found', "account {$m[1]} does not exist");
} elseif ($path === '/api/accounts' && $_SERVER['REQUEST_METHOD'] === 'POST') {
    $in = json_decode(file_get_contents('php://input'), true);
    if (!is_array($in) || empty($in['name'])) fail(422, 'validation_failed', 'name is required');
    http_response_code(201); header('Content-Type: application/json');
    echo json_encode(['status' => 'ok', 'data' => ['id' => 2, 'name' => $in['name']]]), "\n";
} elseif ($path === '/api/payments') {
    fail(502, 'payment_provider_error', 'the payment provider rejected the connection');
} elseif ($path === '/api/accounts/db') {
    fail(503, 'database_unavailable', 'the accounts database is unavailable', ['Retry-After' => '60']);
} elseif ($path === '/api/search') {
    fail(504, 'search_timeout', 'the search cluster did not respond within 3 s');
} elseif ($path === '/api/boom') {
    throw new RuntimeException('division by zero in interest calc');
} elseif ($path === '/api/slow') {
    sleep(6);
    header('Content-Type: application/json'); echo "{\"status\":\"ok\"}\n";
} else {
    fail(404, 'not_found', "no route for $path");
}
