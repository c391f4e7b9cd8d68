<?php
// Round 142: the Culverin orders API in plain PHP 8.2 (no framework), run by
// PHP's built-in server (`php -S 127.0.0.1:PORT orders.php`) behind Apache
// and nginx. Every answer is written here: JSON {"error", "message"} errors
// (no status number in them), a 302, a 405 with Allow, an HTML 500 page of
// its own for /api/boom, a JSON 503. Unrouted paths get this script's JSON 404.
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$method = $_SERVER['REQUEST_METHOD'];

function out(int $status, $body, array $headers = []): void
{
    http_response_code($status);
    header('Content-Type: application/json');
    foreach ($headers as $k => $v) {
        header("$k: $v");
    }
    echo json_encode($body, JSON_UNESCAPED_SLASHES), "\n";
}

function err(int $status, string $code, string $msg, array $headers = []): void
{
    out($status, ['error' => $code, 'message' => $msg], $headers);
}

if (preg_match('#^/api/orders/([^/]+)$#', $path, $m)) {
    if ($method !== 'GET' && $method !== 'HEAD') {
        err(405, 'method_not_allowed', "$method is not allowed here", ['Allow' => 'GET, HEAD']);
    } elseif (!ctype_digit($m[1])) {
        err(400, 'bad_order_id', 'order id must be a number');
    } elseif ($m[1] !== '1') {
        err(404, 'order_not_found', "no order {$m[1]}");
    } else {
        out(200, ['id' => 1, 'ref' => 'CV-5520', 'total' => '64.00', 'currency' => 'EUR', 'status' => 'paid']);
    }
} elseif ($path === '/api/orders' && $method === 'POST') {
    $b = json_decode(file_get_contents('php://input'), true);
    if (!is_array($b)) {
        err(400, 'malformed_json', 'request body is not valid JSON');
    } elseif (!isset($b['sku'], $b['quantity'])) {
        out(422, ['error' => 'validation_failed', 'message' => 'sku and quantity are required',
                  'fields' => ['sku' => isset($b['sku']) ? 'ok' : 'required', 'quantity' => isset($b['quantity']) ? 'ok' : 'required']]);
    } elseif ($b['sku'] === 'CV-DUP') {
        err(409, 'duplicate_order', 'an order with this idempotency key already exists');
    } else {
        out(201, ['id' => 2, 'sku' => $b['sku'], 'quantity' => $b['quantity'], 'status' => 'pending'], ['Location' => '/api/orders/2']);
    }
} elseif ($path === '/api/account') {
    err(401, 'unauthorized', 'a bearer token is required', ['WWW-Authenticate' => 'Bearer realm="culverin"']);
} elseif ($path === '/api/admin') {
    err(403, 'forbidden', 'this key may not use the admin API');
} elseif ($path === '/api/quota') {
    err(429, 'rate_limited', 'too many requests for this key', ['Retry-After' => '30']);
} elseif ($path === '/api/maintenance') {
    err(503, 'maintenance', 'orders are read-only during the stock count', ['Retry-After' => '600']);
} elseif ($path === '/api/latest') {
    header('Location: /api/orders/1', true, 302);
} elseif ($path === '/api/boom') {
    http_response_code(500);
    header('Content-Type: text/html; charset=UTF-8');
    echo "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error - Culverin</title></head>\n",
         "<body><h1>Internal Server Error</h1><p>The order service failed. Please try again later.</p></body></html>\n";
} elseif ($path === '/api/slow') {
    sleep(5);
    out(200, ['ok' => true, 'waited' => 5]);
} else {
    err(404, 'not_found', "no route for $path");
}
