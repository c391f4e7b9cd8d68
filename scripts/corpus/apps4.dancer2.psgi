# Dancer2 app for the round-4 evidence corpus (capture-round4.sh), served by
# Starman:  starman --listen 127.0.0.1:PORT --workers 1 apps4.dancer2.psgi
# Production settings: Dancer2's own error pages, no stack traces.
#   /api/health 200;  /api/users/42 200, other ids send_error(404)
#   /api/boom   dies: Dancer2's 500 page;  /api/down send_error(..., 503)
#   /api/pay    the APP's own JSON 502;    anything else Dancer2's 404 page
use strict;
use warnings;
package Orders;
use Dancer2;

set environment  => 'production';
set show_errors  => 0;
set logger       => 'null';

get '/api/health' => sub { content_type 'application/json'; '{"status":"ok"}' };
get '/api/users/:id' => sub {
    send_error('no such user', 404) unless route_parameters->get('id') eq '42';
    content_type 'application/json';
    '{"id":42,"name":"Ada"}';
};
get '/api/boom' => sub { die "ledger connection lost\n" };
get '/api/down' => sub { send_error('orders database under maintenance', 503) };
get '/api/pay' => sub {
    status 502;
    content_type 'application/json';
    '{"error":{"code":"bad_gateway","message":"payment provider returned an invalid response"}}';
};

package main;
# a prefix before /api/ is dropped, so proxies can route by path
my $app = Orders->to_app;
sub {
    my $env = shift;
    $env->{PATH_INFO} =~ s{^/[^/]+(/api/)}{$1};
    $app->($env);
};
