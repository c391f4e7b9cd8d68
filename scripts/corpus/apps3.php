<?php
// PHP app for the round-3 evidence corpus (capture-round3.sh): one front
// controller, run three ways, all on 127.0.0.1:
//   php -S 127.0.0.1:PORT apps3.php     PHP's built-in server (router script)
//   php-fpm, behind nginx (fastcgi_pass) and Apache (mod_proxy_fcgi)
//
// Routes (a prefix before /api/ is dropped):
//   /api/health 200; /api/users/42 200, other ids the app's JSON 404
//   /api/boom     an uncaught exception: PHP's own 500 (display_errors off,
//                 so the body is empty)
//   /api/down     the APP's own HTML 503; /api/pay the APP's own JSON 502
//   /api/report   the APP's own HTML 504;  /api/slow sleeps 5 s
//   /api/catalog  cacheable 200 (ETag, Cache-Control: public, max-age=1)
//   /static/...   php -S: a missing file gets the built-in server's 404 page

$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH) ?: '/';
$i = strpos($path, '/api/');
if ($i !== false && $i > 0) {
    $path = substr($path, $i);
}

if (PHP_SAPI === 'cli-server' && strncmp($path, '/static/', 8) === 0) {
    return false;  // let the built-in server look for the file (and answer 404 itself)
}

function json_out(int $status, $body): void
{
    http_response_code($status);
    header('Content-Type: application/json');
    echo json_encode($body), "\n";
}

const DOWN_HTML = <<<'HTML'
<!DOCTYPE html>
<html>
<head><title>503 Service Unavailable</title></head>
<body>
<h1>Service Unavailable</h1>
<p>The orders service is temporarily unable to handle your request. Please try again later.</p>
</body>
</html>

HTML;

switch (true) {
    case $path === '/api/health':
        json_out(200, ['status' => 'ok']);
        break;
    case $path === '/api/users/42':
        json_out(200, ['id' => 42, 'name' => 'Ada']);
        break;
    case strncmp($path, '/api/users/', 11) === 0:
        json_out(404, ['error' => 'user not found']);
        break;
    case $path === '/api/boom':
        throw new RuntimeException('ledger connection lost');
    case $path === '/api/down':
        http_response_code(503);
        header('Retry-After: 120');
        header('Content-Type: text/html; charset=UTF-8');
        echo DOWN_HTML;
        break;
    case $path === '/api/pay':
        json_out(502, ['error' => ['code' => 'bad_gateway',
            'message' => 'payment provider returned an invalid response']]);
        break;
    case $path === '/api/report':
        http_response_code(504);
        header('Content-Type: text/html; charset=UTF-8');
        echo "<html><head><title>504 Gateway Timeout</title></head>\n",
            "<body><h1>Gateway Timeout</h1><p>The reporting backend did not answer in time.</p></body></html>\n";
        break;
    case $path === '/api/slow':
        sleep(5);
        json_out(200, ['status' => 'late']);
        break;
    case $path === '/api/catalog':
        header('ETag: "catalog-v7"');
        header('Cache-Control: public, max-age=1');
        header('Last-Modified: Tue, 01 Dec 2026 08:00:00 GMT');
        json_out(200, ['items' => [['sku' => 'SKU-00001', 'price' => 12.5],
            ['sku' => 'SKU-00002', 'price' => 3.0]]]);
        break;
    default:
        json_out(404, ['error' => 'no route', 'path' => $path]);
}
