<?php
// Round-150 corpus: the Larchmont invoices API in plain PHP 8.2 (no
// framework), one front controller served by php-fpm (behind HAProxy's
// fcgi-app) and by PHP's built-in server (behind lighttpd). Every answer is
// written here: JSON errors {"error","message"} (no status number in them),
// an HTML 403 page, an HTML 502 and a text 504 about a dependency, a JSON
// 503, a 301, a 204 on DELETE, a 304 for the invoice's ETag. /api/boom throws
// (display_errors off: PHP's own empty 500). /api/slow sleeps 5 s.
$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH) ?: '/';
$method = $_SERVER['REQUEST_METHOD'] ?? 'GET';
const ETAG = '"lm-i1-v2"';

function out(int $status, $body, array $headers = []): void
{
    http_response_code($status);
    foreach ($headers as $k => $v) header("$k: $v", true, $status);  // else PHP-FPM turns a Location: into a 302
    if ($body === null) return;
    header('Content-Type: application/json');
    echo json_encode($body, JSON_UNESCAPED_SLASHES), "\n";
}
function err(int $status, string $code, string $msg, array $headers = []): void
{
    out($status, ['error' => $code, 'message' => $msg], $headers);
}

if (preg_match('#^/api/invoices/([^/]+)$#', $path, $m)) {
    $id = $m[1];
    if ($method === 'DELETE') {
        $id === '1' ? out(204, null) : err(404, 'invoice_not_found', "no invoice $id");
    } elseif ($method !== 'GET' && $method !== 'HEAD') {
        err(405, 'method_not_allowed', "$method is not allowed here", ['Allow' => 'GET, HEAD, DELETE']);
    } elseif (!ctype_digit($id)) {
        err(400, 'bad_invoice_id', 'invoice id must be a number');
    } elseif ($id !== '1') {
        err(404, 'invoice_not_found', "no invoice $id");
    } elseif (($_SERVER['HTTP_IF_NONE_MATCH'] ?? '') === ETAG) {
        out(304, null, ['ETag' => ETAG, 'Cache-Control' => 'private, max-age=60']);
    } else {
        out(200, ['id' => 1, 'number' => 'LM-2025-0412', 'total' => '318.40', 'currency' => 'GBP', 'status' => 'open'],
            ['ETag' => ETAG, 'Cache-Control' => 'private, max-age=60']);
    }
} elseif ($path === '/api/invoices') {
    if ($method !== 'POST') {
        err(405, 'method_not_allowed', 'use POST', ['Allow' => 'POST']);
    } else {
        $b = json_decode(file_get_contents('php://input'), true);
        if (!is_array($b)) {
            err(400, 'malformed_json', 'request body is not valid JSON');
        } elseif (!isset($b['customer'])) {
            out(422, ['error' => 'validation_failed', 'message' => 'customer is required', 'fields' => ['customer' => 'required']]);
        } elseif ($b['customer'] === 'dup') {
            err(409, 'duplicate_invoice', 'an invoice for this order already exists');
        } else {
            out(201, ['id' => 2, 'customer' => $b['customer'], 'status' => 'draft'], ['Location' => '/api/invoices/2']);
        }
    }
} elseif ($path === '/api/me') {
    err(401, 'unauthorized', 'a bearer token is required', ['WWW-Authenticate' => 'Bearer realm="larchmont"']);
} elseif ($path === '/api/admin') {
    http_response_code(403);
    header('Content-Type: text/html; charset=UTF-8');
    echo "<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head>\n<body><h1>Forbidden</h1><p>Finance staff only.</p></body></html>\n";
} elseif ($path === '/api/payments') {
    http_response_code(502);
    header('Content-Type: text/html; charset=UTF-8');
    echo "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway - Larchmont</title></head>\n<body><h1>Bad Gateway</h1><p>The payment provider sent an invalid answer.</p></body></html>\n";
} elseif ($path === '/api/ledger') {
    err(503, 'ledger_unavailable', 'the ledger database is in maintenance', ['Retry-After' => '300']);
} elseif ($path === '/api/tax') {
    http_response_code(504);
    header('Content-Type: text/plain; charset=UTF-8');
    echo "Gateway Timeout: the tax service did not answer in 3 s\n";
} elseif ($path === '/api/boom') {
    throw new RuntimeException('ledger row is null');
} elseif (preg_match('#^/old/invoices/(\d+)$#', $path, $m)) {
    header("Location: /api/invoices/{$m[1]}", true, 301);
} elseif ($path === '/api/slow') {
    sleep(5);
    out(200, ['ok' => true]);
} else {
    err(404, 'not_found', "no route for $path");
}
