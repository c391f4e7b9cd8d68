# Dancer2 0.400001 (Debian's libdancer2-perl) for the round-46 corpus
# (capture-round46.sh). APP_ENV picks the environment:
#   production   under Starman:  starman --listen 127.0.0.1:PORT dancer2_app.psgi
#                show_stacktrace off: a die gives Dancer2's plain
#                "Error 500 - Internal Server Error" page
#   development  under plackup's FastCGI handler (lighttpd's mod_fastcgi):
#                plackup -s FCGI --listen 127.0.0.1:PORT dancer2_app.psgi
#                show_stacktrace on: a die gives the page with the error and
#                the stack trace
# No route: Dancer2's own "Error 404 - Not Found" page.
#   GET    /api/orders/:id        200 for 1, the app's JSON 404 otherwise
#   POST   /api/orders            201 + Location, the app's 400 (not JSON), 422
#   POST   /api/orders/:id/cancel 409
#   DELETE /api/orders/:id        the app's 405
#   GET    /api/admin/reports     401 without a token, 403 with one
#   GET    /api/search            the app's 429
#   GET    /api/boom              dies
#   GET    /api/maintenance       503
#   GET    /api/slow              sleeps 5 s
use strict;
use warnings;

package OrdersApp;
use Dancer2;
use JSON::PP ();

my $dev = ($ENV{APP_ENV} // '') eq 'development';
set environment => $dev ? 'development' : 'production';
set show_stacktrace => $dev ? 1 : 0;    # show_errors before Dancer2 0.400
set logger      => 'console';
set log         => 'warning';
set charset     => 'UTF-8';

my $json = JSON::PP->new->canonical;

sub reply {
    my ($status, $data, %headers) = @_;
    status $status;
    content_type 'application/json';
    response_header $_ => $headers{$_} for keys %headers;
    return $json->encode($data);
}

get '/api/health' => sub { reply(200, { status => 'ok' }) };

get '/api/orders/:id' => sub {
    my $id = route_parameters->get('id');
    return reply(404, { error => 'not_found', message => "order $id not found" }) unless $id eq '1';
    reply(200, { id => 1, sku => 'A-1', qty => 2, status => 'open' });
};

post '/api/orders' => sub {
    my $body = eval { $json->decode(request->body) };
    return reply(400, { error => 'bad_request', message => 'body is not valid JSON' }) unless ref $body eq 'HASH';
    my %errors;
    $errors{sku} = 'is required' unless $body->{sku};
    $errors{qty} = 'must be a positive integer' unless ($body->{qty} // '') =~ /^[1-9][0-9]*$/;
    return reply(422, { error => 'validation_failed', fields => \%errors }) if %errors;
    reply(201, { id => 1043, sku => $body->{sku}, qty => $body->{qty} + 0 }, Location => '/api/orders/1043');
};

post '/api/orders/:id/cancel' => sub {
    my $id = route_parameters->get('id');
    reply(409, { error => 'conflict', message => "order $id already shipped" });
};

del '/api/orders/:id' => sub {
    reply(405, { error => 'method_not_allowed', message => 'orders cannot be deleted, cancel them instead' }, Allow => 'GET, POST');
};

get '/api/admin/reports' => sub {
    return reply(401, { error => 'unauthorized', message => 'missing bearer token' }, 'WWW-Authenticate' => 'Bearer realm="orders"')
        unless request->header('Authorization');
    reply(403, { error => 'forbidden', message => 'token lacks the reports scope' });
};

get '/api/search' => sub {
    reply(429, { error => 'rate_limited', message => 'slow down' }, 'Retry-After' => 30);
};

get '/api/boom' => sub {
    my $order;    # a real bug: the lookup was never written
    reply(200, { total => $order->total });
};

get '/api/maintenance' => sub {
    reply(503, { error => 'maintenance', message => 'orders are read-only until 06:00 UTC' }, 'Retry-After' => 600);
};

get '/api/slow' => sub { sleep 5; reply(200, { status => 'late' }) };

package main;
OrdersApp->to_app;
