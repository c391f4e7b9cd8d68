<?php
// Round-72 corpus (capture-round72.sh): round 46's Slim app with two routes
// added, /api/catalog (public, max-age 60, an ETag: cacheable by Varnish)
// and /api/payments (the app's own HTML 502 page).
// Slim 3.12 (Debian's php-slim) for the round-46 corpus (capture-round46.sh),
// under PHP-FPM behind Caddy's php_fastcgi. displayErrorDetails follows the
// APP_DEBUG FastCGI parameter the front sends: off on the main site (Slim's
// "Slim Application Error" page without details), on on the debug site
// (the same page with the error, file, line and trace). Slim's own 404
// ("Page Not Found") and 405 ("Method not allowed", with Allow) answer in
// HTML, or in JSON when the client asks for it. display_errors off.
//   GET  /api/orders/{id}          200 for 1, the app's JSON 404 otherwise
//   POST /api/orders               201 + Location, 400 (not JSON), 422
//   POST /api/orders/{id}/cancel   409
//   GET  /api/admin/reports        401 without a token, 403 with one
//   GET  /api/search               the app's 429
//   GET  /api/boom                 a method call on null (an Error)
//   GET  /api/maintenance          503
//   GET  /api/slow                 sleeps 5 s
require_once 'Slim/autoload.php';

use Psr\Http\Message\ResponseInterface as Response;
use Psr\Http\Message\ServerRequestInterface as Request;

$debug = ($_SERVER['APP_DEBUG'] ?? '') === '1';
$app = new \Slim\App(['settings' => ['displayErrorDetails' => $debug]]);

function reply(Response $res, int $status, array $data, array $headers = []): Response {
    foreach ($headers as $k => $v) {
        $res = $res->withHeader($k, $v);
    }
    return $res->withJson($data, $status);
}

$app->get('/api/orders/{id}', function (Request $req, Response $res, array $args) {
    if ($args['id'] !== '1') {
        return reply($res, 404, ['error' => 'not_found', 'message' => "Order {$args['id']} not found"]);
    }
    return reply($res, 200, ['id' => 1, 'sku' => 'A-1', 'qty' => 2, 'status' => 'open']);
});

$app->post('/api/orders', function (Request $req, Response $res) {
    $body = json_decode((string) $req->getBody(), true);
    if (!is_array($body)) {
        return reply($res, 400, ['error' => 'bad_request', 'message' => 'Malformed JSON body']);
    }
    $errors = [];
    if (empty($body['sku'])) $errors['sku'] = ['The sku field is required.'];
    if (!is_int($body['qty'] ?? null) || $body['qty'] < 1) $errors['qty'] = ['The qty must be at least 1.'];
    if ($errors) {
        return reply($res, 422, ['message' => 'The given data was invalid.', 'errors' => $errors]);
    }
    return reply($res, 201, ['id' => 1043, 'sku' => $body['sku'], 'qty' => $body['qty'], 'status' => 'open'],
        ['Location' => '/api/orders/1043']);
});

$app->post('/api/orders/{id}/cancel', function (Request $req, Response $res, array $args) {
    return reply($res, 409, ['error' => 'conflict', 'message' => "Order {$args['id']} has already shipped"]);
});

$app->get('/api/admin/reports', function (Request $req, Response $res) {
    if (!$req->hasHeader('Authorization')) {
        return reply($res, 401, ['error' => 'unauthenticated', 'message' => 'Missing bearer token'],
            ['WWW-Authenticate' => 'Bearer realm="orders"']);
    }
    return reply($res, 403, ['error' => 'forbidden', 'message' => 'Token lacks the reports scope']);
});

$app->get('/api/search', function (Request $req, Response $res) {
    return reply($res, 429, ['error' => 'too_many_requests', 'message' => 'Slow down'], ['Retry-After' => '30']);
});

$app->get('/api/boom', function (Request $req, Response $res) {
    $order = null;  // a real bug: the lookup was never written
    return reply($res, 200, ['total' => $order->total()]);
});

$app->get('/api/maintenance', function (Request $req, Response $res) {
    return reply($res, 503, ['error' => 'maintenance', 'message' => 'Back at 06:00 UTC'], ['Retry-After' => '600']);
});

$app->get('/api/slow', function (Request $req, Response $res) {
    sleep(5);
    return reply($res, 200, ['status' => 'late']);
});

$app->get('/api/catalog', function (Request $req, Response $res) {
    return reply($res, 200, ['items' => [['sku' => 'A-1', 'price' => '9.90'], ['sku' => 'B-2', 'price' => '24.00']]],
        ['Cache-Control' => 'public, max-age=60', 'ETag' => '"catalog-v7"']);
});

$app->get('/api/payments', function (Request $req, Response $res) {
    $res->getBody()->write("<!doctype html>\n<html><head><title>502 Bad Gateway</title></head>\n<body>\n<h1>Bad Gateway</h1>\n"
        . "<p>The card processor sent back a reply we could not parse. No payment was taken.</p>\n</body></html>\n");
    return $res->withStatus(502)->withHeader('Content-Type', 'text/html; charset=UTF-8');
});

$app->run();
