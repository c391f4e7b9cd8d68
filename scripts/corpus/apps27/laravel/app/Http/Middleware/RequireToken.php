<?php
namespace App\Http\Middleware;

use Closure;
use Illuminate\Auth\AuthenticationException;

// What auth:sanctum does for a request without a token: an
// AuthenticationException, which Laravel renders as 401 JSON for clients
// that ask for JSON and as a redirect to route('login') otherwise.
class RequireToken
{
    public function handle($request, Closure $next)
    {
        if (!$request->bearerToken()) {
            throw new AuthenticationException('Unauthenticated.', ['sanctum']);
        }
        return $next($request);
    }
}
