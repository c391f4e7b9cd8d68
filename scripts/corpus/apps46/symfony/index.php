<?php
// A bare Symfony HttpKernel 5.4 app (Debian's php-symfony-* packages) for the
// round-46 corpus (capture-round46.sh), under PHP-FPM behind nginx's
// fastcgi_pass: the Routing component's UrlMatcher through RouterListener,
// ErrorListener with HttpKernel's ErrorController and the ErrorHandler
// component's HtmlErrorRenderer, no FrameworkBundle. APP_DEBUG (a FastCGI
// parameter from nginx) turns the debug renderer on: the exception page with
// the trace. Off, the renderer writes its generic "Oops! An Error Occurred"
// page. The router's misses are Symfony's own 404 and 405 pages.
//   GET  /api/orders/{id}          200 for 1, the app's JSON 404 otherwise
//   POST /api/orders               201 + Location, 400 (not JSON), 422
//   POST /api/orders/{id}/cancel   409
//   GET  /api/admin/reports        401 without a token, 403 with one
//   GET  /api/search               the app's 429
//   GET  /api/boom                 a method call on null (an Error)
//   GET  /api/maintenance          503
//   GET  /api/slow                 sleeps 5 s
foreach (['EventDispatcher', 'HttpFoundation', 'HttpKernel', 'Routing', 'ErrorHandler'] as $c) {
    require_once "Symfony/Component/$c/autoload.php";
}

use Symfony\Component\ErrorHandler\ErrorRenderer\HtmlErrorRenderer;
use Symfony\Component\EventDispatcher\EventDispatcher;
use Symfony\Component\HttpFoundation\JsonResponse;
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpFoundation\RequestStack;
use Symfony\Component\HttpKernel\Controller\ArgumentResolver;
use Symfony\Component\HttpKernel\Controller\ControllerResolver;
use Symfony\Component\HttpKernel\Controller\ErrorController;
use Symfony\Component\HttpKernel\EventListener\ErrorListener;
use Symfony\Component\HttpKernel\EventListener\RouterListener;
use Symfony\Component\HttpKernel\HttpKernel;
use Symfony\Component\Routing\Matcher\UrlMatcher;
use Symfony\Component\Routing\RequestContext;
use Symfony\Component\Routing\Route;
use Symfony\Component\Routing\RouteCollection;

$debug = ($_SERVER['APP_DEBUG'] ?? '') === '1';

function json(int $status, array $data, array $headers = []): JsonResponse {
    return new JsonResponse($data, $status, $headers);
}

$routes = new RouteCollection();
$routes->add('order_show', new Route('/api/orders/{id}', ['_controller' => function (string $id) {
    if ($id !== '1') {
        return json(404, ['error' => 'not_found', 'message' => "Order $id not found"]);
    }
    return json(200, ['id' => 1, 'sku' => 'A-1', 'qty' => 2, 'status' => 'open']);
}], [], [], '', [], ['GET']));
$routes->add('order_create', new Route('/api/orders', ['_controller' => function (Request $request) {
    $body = json_decode($request->getContent(), true);
    if (!is_array($body)) {
        return json(400, ['error' => 'bad_request', 'message' => 'Malformed JSON body']);
    }
    $violations = [];
    if (empty($body['sku'])) $violations[] = ['propertyPath' => 'sku', 'title' => 'This value should not be blank.'];
    if (!is_int($body['qty'] ?? null) || $body['qty'] < 1) $violations[] = ['propertyPath' => 'qty', 'title' => 'This value should be greater than or equal to 1.'];
    if ($violations) {
        return json(422, ['type' => 'https://symfony.com/errors/validation', 'title' => 'Validation Failed', 'violations' => $violations]);
    }
    return json(201, ['id' => 1043, 'sku' => $body['sku'], 'qty' => $body['qty'], 'status' => 'open'], ['Location' => '/api/orders/1043']);
}], [], [], '', [], ['POST']));
$routes->add('order_cancel', new Route('/api/orders/{id}/cancel', ['_controller' => function (string $id) {
    return json(409, ['error' => 'conflict', 'message' => "Order $id has already shipped"]);
}], [], [], '', [], ['POST']));
$routes->add('reports', new Route('/api/admin/reports', ['_controller' => function (Request $request) {
    if (!$request->headers->has('Authorization')) {
        return json(401, ['error' => 'unauthorized', 'message' => 'Full authentication is required to access this resource.'],
            ['WWW-Authenticate' => 'Bearer realm="orders"']);
    }
    return json(403, ['error' => 'forbidden', 'message' => 'Access Denied.']);
}], [], [], '', [], ['GET']));
$routes->add('search', new Route('/api/search', ['_controller' => function () {
    return json(429, ['error' => 'too_many_requests', 'message' => 'Rate limit exceeded'], ['Retry-After' => '30']);
}], [], [], '', [], ['GET']));
$routes->add('boom', new Route('/api/boom', ['_controller' => function () {
    $order = null;  // a real bug: the lookup was never written
    return json(200, ['total' => $order->total()]);
}], [], [], '', [], ['GET']));
$routes->add('maintenance', new Route('/api/maintenance', ['_controller' => function () {
    return json(503, ['error' => 'maintenance', 'message' => 'Back at 06:00 UTC'], ['Retry-After' => '600']);
}], [], [], '', [], ['GET']));
$routes->add('slow', new Route('/api/slow', ['_controller' => function () {
    sleep(5);
    return json(200, ['status' => 'late']);
}], [], [], '', [], ['GET']));

$request = Request::createFromGlobals();
$requestStack = new RequestStack();
$dispatcher = new EventDispatcher();
$matcher = new UrlMatcher($routes, (new RequestContext())->fromRequest($request));
$dispatcher->addSubscriber(new RouterListener($matcher, $requestStack));
$kernel = new HttpKernel($dispatcher, new ControllerResolver(), $requestStack, new ArgumentResolver());
$errorController = new ErrorController($kernel, null, new HtmlErrorRenderer($debug));
$dispatcher->addSubscriber(new ErrorListener($errorController, null, $debug));

// HttpKernel::handle() catches \Exception only; a PHP \Error (a call on null)
// reaches the kernel through the exception handler, as FrameworkBundle's
// DebugHandlersListener wires it.
set_exception_handler(function (\Throwable $e) use ($kernel, $request) {
    $kernel->terminateWithException($e, $request);
});

$response = $kernel->handle($request);
$response->send();
$kernel->terminate($request, $response);
