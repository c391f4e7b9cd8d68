<?php
// Round-9 corpus app (capture-round9.sh): the orders API on Slim 3 (Debian's
// php-slim), run by php-fpm behind Apache's mod_proxy_fcgi. displayErrorDetails
// is off, as in production: Slim writes its own 404/405/500 pages (HTML, or
// JSON when the client asks for it in Accept).
require '/usr/share/php/Slim/autoload.php';

$app = new \Slim\App(['settings' => ['displayErrorDetails' => false]]);
$json = function ($res, $status, $obj) {
    return $res->withStatus($status)->withJson($obj);
};
$app->get('/api/health', function ($req, $res) use ($json) {
    return $json($res, 200, ['status' => 'ok']);
});
$app->get('/api/orders/{id:[0-9]+}', function ($req, $res, $args) use ($json) {
    return $json($res, 404, ['error' => 'not_found', 'message' => "order {$args['id']} not found"]);
});
$app->post('/api/orders', function ($req, $res) use ($json) {
    $body = $req->getParsedBody();
    if (!is_array($body) || !isset($body['sku'])) {
        return $json($res, 422, ['error' => 'validation_failed', 'message' => 'sku is required']);
    }
    return $json($res, 201, ['sku' => $body['sku'], 'status' => 'accepted']);
});
$app->get('/api/boom', function ($req, $res) {
    throw new RuntimeException('ledger total mismatch');
});
$app->get('/api/down', function ($req, $res) use ($json) {
    return $json($res, 503, ['error' => 'service_unavailable', 'message' => 'orders database is in maintenance'])
        ->withHeader('Retry-After', '30');
});
$app->get('/api/limited', function ($req, $res) use ($json) {
    return $json($res, 429, ['error' => 'rate_limited', 'message' => 'slow down']);
});
$app->run();
