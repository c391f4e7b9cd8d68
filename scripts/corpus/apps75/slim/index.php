<?php
// Round-75 corpus (capture-round75.sh): the Wayfarer shipments API on Slim 3.12
// (Debian's php-slim) under PHP-FPM 8.2 with ONE worker (pm static,
// max_children 1), behind nginx's fastcgi_pass. The routes of every round-75
// app (see ../litestar_app.py). Slim's own answers: its HTML "Page Not Found"
// for an unrouted path and "Slim Application Error" (no details) for an
// uncaught error. /api/slow and /api/export both sleep in the one worker
// (5 s and 6 s). Dependencies are reached with fsockopen (1 s timeouts).
require_once 'Slim/autoload.php';

use Psr\Http\Message\ResponseInterface as Response;
use Psr\Http\Message\ServerRequestInterface as Request;

$FLAGS = $_SERVER['FLAG_DIR'] ?? '/nonexistent';
$app = new \Slim\App(['settings' => ['displayErrorDetails' => false]]);

const PAGE_502 = <<<HTML
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>502 Bad Gateway</title></head>
<body><h1>Bad Gateway</h1>
<p>The label printer service is not reachable. Try again in a minute.</p>
<hr><p>Wayfarer Shipments</p></body></html>

HTML;

function reply(Response $res, int $status, array $data, array $headers = []): Response {
    foreach ($headers as $k => $v) {
        $res = $res->withHeader($k, $v);
    }
    return $res->withJson($data, $status);
}

function dep(int $port): string {  // 'ok', 'refused' or 'timeout'
    $fp = @fsockopen('127.0.0.1', $port, $errno, $errstr, 1);
    if (!$fp) return 'refused';
    fwrite($fp, "GET / HTTP/1.1\r\nHost: dep\r\n\r\n");
    stream_set_timeout($fp, 1);
    fread($fp, 1024);
    $meta = stream_get_meta_data($fp);
    fclose($fp);
    return $meta['timed_out'] ? 'timeout' : 'ok';
}

$app->add(function (Request $req, Response $res, callable $next) use ($FLAGS) {
    if (strpos($req->getUri()->getPath(), '/api/') === 0 && file_exists("$FLAGS/draining")) {
        return reply($res, 503, ['error' => 'draining', 'message' => 'this instance is shutting down, retry on another'],
            ['Retry-After' => '30']);
    }
    return $next($req, $res);
});

$app->get('/api/shipments/{id}', function (Request $req, Response $res, array $args) {
    $id = $args['id'];
    if (!ctype_digit($id)) return reply($res, 400, ['error' => 'bad_request', 'message' => 'shipment id must be a number']);
    if ($id !== '1') return reply($res, 404, ['error' => 'not_found', 'message' => "shipment $id not found"]);
    return reply($res, 200, ['id' => 1, 'carrier' => 'DHL', 'status' => 'in_transit', 'eta' => '2026-12-07'],
        ['Cache-Control' => 'public, max-age=60', 'ETag' => '"shp-1-v3"']);
});
$app->get('/api/account', function (Request $req, Response $res) {
    return reply($res, 401, ['error' => 'unauthorized', 'message' => 'missing bearer token'],
        ['WWW-Authenticate' => 'Bearer realm="shipments"']);
});
$app->post('/api/shipments', function (Request $req, Response $res) {
    $b = json_decode((string) $req->getBody(), true);
    if (!is_array($b) || empty($b['carrier']) || !(($b['weight'] ?? 0) > 0)) {
        return reply($res, 422, ['error' => 'validation_failed', 'fields' => ['weight' => 'must be greater than 0']]);
    }
    return reply($res, 201, ['id' => 2, 'carrier' => $b['carrier'], 'status' => 'created'], ['Location' => '/api/shipments/2']);
});
$app->get('/api/boom', function (Request $req, Response $res) {
    $carriers = null;
    return $carriers->load();
});
$app->get('/api/slow', function (Request $req, Response $res) {
    sleep(5);
    return reply($res, 200, ['status' => 'ok', 'waited' => 5]);
});
$app->get('/api/export', function (Request $req, Response $res) {
    sleep(6);
    return reply($res, 200, ['status' => 'ok', 'rows' => 1200]);
});
$app->get('/api/rates', function (Request $req, Response $res) {
    if (dep(61298) !== 'ok') {
        return reply($res, 502, ['error' => 'bad_gateway', 'message' => 'carrier rates service unreachable', 'dependency' => 'carrier-rates']);
    }
    return reply($res, 200, ['rates' => []]);
});
$app->get('/api/tracking/{id}', function (Request $req, Response $res) {
    if (dep(61297) !== 'ok') {
        return reply($res, 504, ['error' => 'gateway_timeout', 'message' => 'tracking service did not answer within 1s', 'dependency' => 'tracking']);
    }
    return reply($res, 200, ['events' => []]);
});
$app->get('/api/labels/{id}', function (Request $req, Response $res) {
    if (dep(61298) !== 'ok') {
        $res->getBody()->write(PAGE_502);
        return $res->withStatus(502)->withHeader('Content-Type', 'text/html; charset=utf-8');
    }
    return $res->write('<p>label</p>');
});
$app->get('/healthz', function (Request $req, Response $res) use ($FLAGS) {
    if (file_exists("$FLAGS/unhealthy")) return reply($res, 503, ['status' => 'failing', 'checks' => ['database' => 'timeout']]);
    return reply($res, 200, ['status' => 'ok']);
});
$app->run();
