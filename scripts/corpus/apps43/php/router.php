<?php
// Round-43 corpus: a plain PHP catalog API under PHP's built-in server
// (`php -S 127.0.0.1:PORT php/router.php`), behind Squid. It makes its own
// request id (X-Request-Id: php-<hex>) and sets Cache-Control so Squid may
// keep the products and the 404.
$rid = 'php-' . bin2hex(random_bytes(8));
header('X-Request-Id: ' . $rid);
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$flags = getenv('CATALOG_FLAGS') ?: '/nonexistent';
function out($status, $body, $cache = 'no-store') {
    http_response_code($status);
    header('Content-Type: application/json');
    header('Cache-Control: ' . $cache);
    echo json_encode($body), "\n";
    exit;
}
if (preg_match('#^/api/products/(\d+)$#', $path, $m)) {
    if ($m[1] !== '1') out(404, ['error' => 'not_found', 'message' => "product {$m[1]} not found", 'request_id' => $rid], 'public, max-age=60');
    $etag = '"p1-v3"';
    header('ETag: ' . $etag);
    header('Last-Modified: Tue, 04 Mar 2025 09:30:00 GMT');
    if (($_SERVER['HTTP_IF_NONE_MATCH'] ?? '') === $etag) { header('Cache-Control: public, max-age=60'); http_response_code(304); exit; }
    out(200, ['id' => 1, 'sku' => 'TEA-001', 'name' => 'Sencha'], 'public, max-age=60');
}
if ($path === '/api/catalog') {
    if (file_exists("$flags/fail")) out(500, ['error' => 'catalog_unavailable', 'request_id' => $rid]);
    header('ETag: "cat-7f3a9c"');
    out(200, ['items' => [['id' => 1]], 'currency' => 'EUR'], 'public, max-age=2');
}
if ($path === '/api/reports/daily') out(500, ['error' => 'report_failed', 'message' => 'ledger returned garbage', 'request_id' => $rid], 'public, max-age=30');
if ($path === '/api/maintenance') { header('Retry-After: 600'); out(503, ['error' => 'maintenance', 'request_id' => $rid]); }
if ($path === '/api/boom') { $x = null; echo $x->total(); }
if ($path === '/api/slow') { sleep(5); out(200, ['status' => 'late']); }
out(404, ['error' => 'no_route', 'path' => $path, 'request_id' => $rid]);
