<?php
// Round-49 corpus: a contacts API as a plain PHP front controller under
// PHP-FPM (unix socket) behind nginx with Debian's snippets/fastcgi-php.conf,
// `try_files $uri $uri/ /index.php?$query_string` as the tutorials write it.
// display_errors off: an uncaught error is PHP's empty 500.
header('Content-Type: application/json; charset=utf-8');
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$method = $_SERVER['REQUEST_METHOD'];

function out($status, $body) { http_response_code($status); echo json_encode($body), "\n"; exit; }

if ($path === '/contacts' && $method === 'GET') out(200, ['data' => [['id' => 1, 'name' => 'Ada Lovelace']]]);
if ($path === '/contacts' && $method === 'POST') {
    $b = json_decode(file_get_contents('php://input'), true);
    if (!is_array($b)) out(400, ['error' => 'Malformed JSON body']);
    if (empty($b['email']) || !filter_var($b['email'], FILTER_VALIDATE_EMAIL)) out(422, ['error' => 'Validation failed', 'fields' => ['email' => 'must be a valid address']]);
    header('Location: /contacts/2');
    out(201, ['id' => 2, 'email' => $b['email']]);
}
if (preg_match('#^/contacts/(\d+)$#', $path, $m)) {
    if ($method === 'DELETE') { header('Allow: GET'); out(405, ['error' => 'Method not allowed']); }
    if ($m[1] !== '1') out(404, ['error' => "Contact {$m[1]} not found"]);
    out(200, ['id' => 1, 'name' => 'Ada Lovelace']);
}
if ($path === '/admin/export') { header('WWW-Authenticate: Basic realm="admin"'); out(401, ['error' => 'Authentication required']); }
if ($path === '/contacts/import') { header('Retry-After: 30'); out(429, ['error' => 'Import quota exceeded, retry in 30 seconds']); }
if ($path === '/boom') { $db = null; $db->query('SELECT 1'); }
if ($path === '/maintenance') { header('Retry-After: 300'); out(503, ['error' => 'Down for maintenance']); }
if ($path === '/slow') { sleep(5); out(200, ['status' => 'late']); }
if ($path === '/old-contacts') { header('Location: /contacts', true, 301); exit; }
out(404, ['error' => 'Route not found', 'path' => $path]);
