<?php
// Round-87 corpus (capture-round87.sh): a plain PHP orders API, no framework,
// one front controller the way small PHP shops write it. It runs under
// PHP-FPM 8.2 behind nginx (fastcgi_pass) and under PHP's built-in server
// (`php -S ... api.php`, where it is the router script) behind Squid.
// Production settings (display_errors off), except /api/debug/boom, which
// turns display_errors on the way a forgotten debugging line does.
//   GET  /api/orders/1             200 (public, max-age=300, ETag, Last-Modified)
//   GET  /api/orders/{n}           the app's JSON 404
//   GET  /api/orders               405 with Allow: POST (JSON)
//   POST /api/orders               422 without ref, 409 for ref PC-1001, 400 not JSON
//   GET  /api/account              401 + WWW-Authenticate Bearer
//   GET  /api/admin                403
//   GET  /api/quota                429 + Retry-After
//   GET  /api/boom                 calls a function that does not exist (PHP's empty 500)
//   GET  /api/debug/boom           the same with display_errors on (PHP writes the fatal error, status 200)
//   GET  /api/exports/{name}       200 (an export's metadata)
//   GET  /api/maintenance          503 + Retry-After (JSON)
//   GET  /api/payments             the app's own HTML 502 page
//   GET  /api/slow                 sleeps 5 s
//   anything else under /api/      the app's JSON 404
// Under the built-in server, paths outside /api/ return false: the server
// itself looks for a file and answers its own 404 page.
$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);
if (PHP_SAPI === 'cli-server' && strncmp($path, '/api/', 5) !== 0) {
    return false;
}
$method = $_SERVER['REQUEST_METHOD'] ?? 'GET';
$replica = getenv('REPLICA') ?: 'pinecrest-php-1';

function reply(int $status, array $data, array $headers = []): void {
    http_response_code($status);
    header('Content-Type: application/json; charset=utf-8');
    foreach ($headers as $k => $v) {
        header("$k: $v");
    }
    echo json_encode($data, JSON_UNESCAPED_SLASHES), "\n";
}

header("X-Served-By: $replica");
if (isset($_SERVER['HTTP_X_REQUEST_ID'])) {
    header('X-Request-ID: ' . $_SERVER['HTTP_X_REQUEST_ID']);
}

if ($path === '/api/orders/1' && $method === 'GET') {
    reply(200, ['id' => 1, 'ref' => 'PC-1001', 'total' => '42.50', 'currency' => 'EUR', 'status' => 'shipped'],
        ['Cache-Control' => 'public, max-age=300', 'ETag' => '"pc-order-1-v3"',
         'Last-Modified' => 'Mon, 02 Mar 2026 08:00:00 GMT']);
} elseif (preg_match('#^/api/orders/(\d+)$#', $path, $m) && $method === 'GET') {
    reply(404, ['error' => 'not_found', 'message' => "order {$m[1]} does not exist"]);
} elseif ($path === '/api/orders' && $method === 'POST') {
    $body = json_decode(file_get_contents('php://input'), true);
    if (!is_array($body)) {
        reply(400, ['error' => 'bad_request', 'message' => 'body must be a JSON object']);
    } elseif (empty($body['ref'])) {
        reply(422, ['error' => 'validation_failed', 'fields' => ['ref' => 'is required']]);
    } elseif ($body['ref'] === 'PC-1001') {
        reply(409, ['error' => 'conflict', 'message' => 'an order with ref PC-1001 already exists']);
    } else {
        reply(201, ['id' => 2, 'ref' => $body['ref'], 'status' => 'new'], ['Location' => '/api/orders/2']);
    }
} elseif ($path === '/api/orders') {
    reply(405, ['error' => 'method_not_allowed', 'message' => "$method is not allowed on /api/orders"], ['Allow' => 'POST']);
} elseif (preg_match('#^/api/exports/([a-z]+)$#', $path, $m)) {
    reply(200, ['export' => $m[1], 'rows' => 1284, 'url' => "/downloads/{$m[1]}.csv"]);
} elseif ($path === '/api/account') {
    reply(401, ['error' => 'unauthenticated', 'message' => 'missing bearer token'],
        ['WWW-Authenticate' => 'Bearer realm="pinecrest"']);
} elseif ($path === '/api/admin') {
    reply(403, ['error' => 'forbidden', 'message' => 'admin scope required']);
} elseif ($path === '/api/quota') {
    reply(429, ['error' => 'quota_exceeded', 'message' => 'daily order quota used up'], ['Retry-After' => '3600']);
} elseif ($path === '/api/boom') {
    $stock = legacy_stock_lookup('A-1');   // removed in the last refactor
    reply(200, ['stock' => $stock]);
} elseif ($path === '/api/debug/boom') {
    ini_set('display_errors', '1');         // left in after a debugging session
    $stock = legacy_stock_lookup('A-1');
    reply(200, ['stock' => $stock]);
} elseif ($path === '/api/maintenance') {
    reply(503, ['error' => 'maintenance', 'message' => 'orders are read-only until 05:00 UTC'], ['Retry-After' => '1800']);
} elseif ($path === '/api/payments') {
    http_response_code(502);
    header('Content-Type: text/html; charset=UTF-8');
    echo "<!doctype html>\n<html><head><title>502 Bad Gateway</title></head>\n<body>\n<h1>Bad Gateway</h1>\n",
        "<p>The payment provider sent back a reply we could not read. No payment was taken.</p>\n</body></html>\n";
} elseif ($path === '/api/slow') {
    sleep(5);
    reply(200, ['status' => 'late']);
} else {
    reply(404, ['error' => 'not_found', 'message' => "no route for $method $path"]);
}
