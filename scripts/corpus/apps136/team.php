<?php
// Round 136: the Saltmarsh orders API in plain PHP (no framework), one front
// controller run by php-fpm behind nginx (TEAM_STYLE=envelope) and behind
// Caddy (TEAM_STYLE=problem). The team's error helper answers /api/ errors as
// {"error": {"code", "message", "request_id"}} or RFC 9457
// application/problem+json, with the front's X-Request-ID echoed; other paths
// get the team's HTML 404/500 pages. /api/search: its own 429 (Retry-After);
// /api/maintenance: its own JSON 503; /api/payments and /api/reports: its own
// HTML 502/504 about a dependency; /api/account: 401 with WWW-Authenticate;
// /api/me: 401 without; /api/boom: an uncaught exception (the team's
// set_exception_handler answers 500); /api/slow: 6 s.
$style = $_SERVER['TEAM_STYLE'] ?? (getenv('TEAM_STYLE') ?: 'envelope');
$rid = $_SERVER['HTTP_X_REQUEST_ID'] ?? '-';
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$method = $_SERVER['REQUEST_METHOD'];
header('X-Request-ID: ' . $rid);

function fail($status, $code, $message, $headers = []) {
    global $style, $rid, $path;
    http_response_code($status);
    foreach ($headers as $k => $v) header("$k: $v");
    if ($style === 'problem') {
        $titles = [400 => 'Bad Request', 401 => 'Unauthorized', 404 => 'Not Found', 422 => 'Unprocessable Content',
                   429 => 'Too Many Requests', 500 => 'Internal Server Error', 503 => 'Service Unavailable'];
        header('Content-Type: application/problem+json');
        echo json_encode(['type' => "https://docs.saltmarsh.test/problems/$code", 'title' => $titles[$status] ?? 'Error',
            'status' => $status, 'detail' => $message, 'instance' => $path, 'request_id' => $rid], JSON_UNESCAPED_SLASHES), "\n";
    } else {
        header('Content-Type: application/json');
        echo json_encode(['error' => ['code' => $code, 'message' => $message, 'request_id' => $rid]], JSON_UNESCAPED_SLASHES), "\n";
    }
    exit;
}
function page($status, $title, $text) {
    global $rid;
    http_response_code($status);
    header('Content-Type: text/html; charset=utf-8');
    echo "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>$title · Saltmarsh</title>\n",
         "<style>body{font-family:sans-serif;margin:4em}</style></head>\n<body><main class=\"sm-error\"><h1>$title</h1>\n",
         "<p>$text</p>\n<p class=\"ref\">Support reference: $rid</p></main></body></html>\n";
    exit;
}
set_exception_handler(function ($e) use ($path) {
    if (str_starts_with($path, '/api/')) fail(500, 'internal_error', 'something broke on our side; quote the request id');
    page(500, 'Something went wrong', 'Our team has been told. Please try again later.');
});

if ($path === '/api/orders/1' && $method === 'GET') {
    header('Content-Type: application/json');
    header('Cache-Control: public, max-age=30');
    header('ETag: "sm-1-v2"');
    echo json_encode(['id' => 1, 'sku' => 'SM-12', 'qty' => 3, 'status' => 'packed']), "\n";
    exit;
}
if (preg_match('#^/api/orders/(\d+)$#', $path, $m)) fail(404, 'order_not_found', "order {$m[1]} does not exist");
if ($path === '/api/orders' && $method === 'POST') {
    $body = json_decode(file_get_contents('php://input'), true);
    if (!is_array($body)) fail(400, 'malformed_json', 'the request body is not valid JSON');
    if (empty($body['sku'])) fail(422, 'validation_failed', 'sku is required');
    http_response_code(201); header('Content-Type: application/json');
    echo json_encode(['id' => 2, 'sku' => $body['sku']]), "\n"; exit;
}
switch ($path) {
case '/api/search': fail(429, 'rate_limited', 'search limit of 30 per minute reached', ['Retry-After' => '42']);
case '/api/maintenance': fail(503, 'maintenance', 'Saltmarsh is in planned maintenance until 06:00 UTC', ['Retry-After' => '1800']);
case '/api/account': fail(401, 'unauthenticated', 'a bearer token is required', ['WWW-Authenticate' => 'Bearer realm="saltmarsh"']);
case '/api/me': fail(401, 'token_expired', 'the access token has expired');
case '/api/payments': page(502, '502 · Payment provider error', 'Our payment provider (Tidepay) sent an invalid answer. You were not charged.');
case '/api/reports': page(504, '504 · Reporting timed out', 'The reporting database did not answer within 5 seconds.');
case '/api/boom': throw new RuntimeException('shipping zone lookup failed');
case '/reports/boom': throw new RuntimeException('template missing');
case '/api/slow': sleep(6); header('Content-Type: application/json'); echo "{\"report\":\"done\"}\n"; exit;
case '/healthz': header('Content-Type: application/json'); echo "{\"status\":\"ok\"}\n"; exit;
}
if (str_starts_with($path, '/api/')) fail(404, 'route_not_found', "no route for $method $path");
page(404, 'Page not found', 'The page you were looking for has moved or never existed.');
