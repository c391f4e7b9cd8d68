<?php
// Round-138 corpus: the Tern tickets API in plain PHP 8.2 (no framework), one
// front controller served by php-fpm behind Apache (mod_proxy_fcgi). Written
// the way small PHP services usually are: JSON errors by hand
// ({"error": ..., "message": ...}), a bearer check (401/403), a 422 field
// list, a 409, a file-based 429 with Retry-After, 405 with Allow, a 204 on
// DELETE, a 302 redirect, /readyz 503, and an uncaught exception on /api/boom
// (display_errors off: PHP's own empty 500). /api/slow sleeps 5 s.
$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH) ?: '/';
$method = $_SERVER['REQUEST_METHOD'] ?? 'GET';
const TICKET = ['id' => 1, 'title' => 'Tern: printer on floor 3 is on fire', 'priority' => 'high', 'status' => 'open'];

function out(int $status, $body, array $headers = []): void
{
    http_response_code($status);
    foreach ($headers as $k => $v) header("$k: $v");
    if ($body === null) return;
    header('Content-Type: application/json');
    echo json_encode($body), "\n";
}
function err(int $status, string $code, string $msg, array $headers = []): void
{
    out($status, ['error' => $code, 'message' => $msg], $headers);
}
function bearer(): string
{
    return $_SERVER['HTTP_AUTHORIZATION'] ?? '';
}

if (preg_match('#^/api/tickets/([^/]+)$#', $path, $m)) {
    if (!in_array($method, ['GET', 'HEAD', 'DELETE'], true)) {
        err(405, 'method_not_allowed', "$method is not allowed on this resource", ['Allow' => 'GET, HEAD, DELETE']);
    } elseif (!ctype_digit($m[1])) {
        err(400, 'bad_request', 'ticket id must be a number');
    } elseif ($m[1] !== '1') {
        err(404, 'not_found', "ticket {$m[1]} not found");
    } elseif ($method === 'DELETE') {
        out(204, null);
    } else {
        out(200, TICKET, ['Cache-Control' => 'private, max-age=0']);
    }
} elseif ($path === '/api/tickets' && $method === 'POST') {
    $b = json_decode(file_get_contents('php://input'), true);
    if (!is_array($b)) {
        err(400, 'bad_request', 'request body must be a JSON object');
    } else {
        $fields = [];
        if (!is_string($b['title'] ?? null) || strlen($b['title']) < 3) $fields['title'] = 'must be a string of at least 3 characters';
        if (isset($b['priority']) && !in_array($b['priority'], ['low', 'high'], true)) $fields['priority'] = 'must be low or high';
        if ($fields) {
            out(422, ['error' => 'validation_failed', 'message' => 'The given data was invalid.', 'fields' => $fields]);
        } elseif ($b['title'] === TICKET['title']) {
            err(409, 'conflict', 'a ticket with this title is already open');
        } else {
            out(201, ['id' => 2] + $b + ['status' => 'open'], ['Location' => '/api/tickets/2']);
        }
    }
} elseif ($path === '/api/me' || $path === '/api/admin/stats') {
    $a = bearer();
    if (strncmp($a, 'Bearer ', 7) !== 0) {
        err(401, 'unauthorized', 'missing bearer token', ['WWW-Authenticate' => 'Bearer realm="tern"']);
    } elseif (!in_array($a, ['Bearer user-token', 'Bearer admin-token'], true)) {
        err(401, 'unauthorized', 'invalid token', ['WWW-Authenticate' => 'Bearer realm="tern", error="invalid_token"']);
    } elseif ($path === '/api/admin/stats' && $a !== 'Bearer admin-token') {
        err(403, 'forbidden', 'admin role required');
    } else {
        out(200, $path === '/api/me' ? ['user' => 'dana', 'role' => 'user'] : ['open' => 12, 'closed' => 340]);
    }
} elseif ($path === '/api/search') {
    $f = sys_get_temp_dir() . '/tern-search-hits';
    $now = time();
    $hits = array_filter(array_map('intval', @file($f) ?: []), fn($t) => $now - $t < 60);
    $hits[] = $now;
    file_put_contents($f, implode("\n", $hits));
    if (count($hits) > 2) {
        err(429, 'too_many_requests', 'search is limited to 2 requests a minute', ['Retry-After' => '60']);
    } else {
        out(200, ['results' => [TICKET]]);
    }
} elseif ($path === '/api/reset-limits') {
    @unlink(sys_get_temp_dir() . '/tern-search-hits');
    out(204, null);
} elseif ($path === '/api/boom') {
    throw new RuntimeException('ledger connection lost');
} elseif (preg_match('#^/api/v1/tickets/(\d+)$#', $path, $m)) {
    header("Location: /api/tickets/{$m[1]}");  // PHP sends 302 by default
} elseif ($path === '/api/slow') {
    sleep(5);
    out(200, ['slow' => true]);
} elseif ($path === '/healthz') {
    out(200, ['status' => 'ok']);
} elseif ($path === '/readyz') {
    out(503, ['status' => 'not_ready', 'checks' => ['database' => 'down']], ['Retry-After' => '30']);
} else {
    err(404, 'not_found', "no route for $method $path");
}
