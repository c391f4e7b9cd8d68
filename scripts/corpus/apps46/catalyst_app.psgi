# Catalyst 5.90130 (Debian's libcatalyst-perl) for the round-46 corpus
# (capture-round46.sh), run by Starman bound to 127.0.0.1:
#   starman --listen 127.0.0.1:PORT --workers 2 catalyst_app.psgi
# With CATALYST_DEBUG=1 the app runs in debug mode (-Debug): a die gives
# Catalyst's debug screen. Without it, a die gives Catalyst's
# "Please come back later" page. For no route, the "Page not found" default
# action that catalyst.pl's skeleton writes into every new app.
#   GET  /api/health              200
#   GET  /api/catalog             200, Cache-Control: public, max-age=60, an ETag
#   GET  /api/orders/:id          200 for 1, the app's JSON 404 otherwise
#   POST /api/orders              201 + Location, 400 (not JSON), 422
#   POST /api/orders/:id/cancel   409
#   GET  /api/admin/reports       401 without a token, 403 with one
#   GET  /api/boom                dies (a method on an undefined value)
#   GET  /api/maintenance         503
#   GET  /api/slow                sleeps 5 s
use strict;
use warnings;

package OrdersApp::Controller::Root;
use base 'Catalyst::Controller';
use JSON::PP ();
__PACKAGE__->config(namespace => '');

my $JSON = JSON::PP->new->canonical;

sub reply {
    my ($c, $status, $data, %headers) = @_;
    $c->res->status($status);
    $c->res->content_type('application/json; charset=utf-8');
    $c->res->header($_ => $headers{$_}) for keys %headers;
    $c->res->body($JSON->encode($data));
}

sub health :Path('/api/health') :Args(0) { reply($_[1], 200, { status => 'ok' }) }

sub catalog :Path('/api/catalog') :Args(0) {
    my ($self, $c) = @_;
    reply($c, 200, { items => [{ sku => 'A-1', name => 'Anvil', price => 1999 }, { sku => 'B-2', name => 'Bellows', price => 4500 }] },
        'Cache-Control' => 'public, max-age=60', ETag => '"catalog-v46"');
}

sub orders :Path('/api/orders') :Args(1) {
    my ($self, $c, $id) = @_;
    return reply($c, 404, { error => 'not_found', message => "order $id not found" }) unless $id eq '1';
    reply($c, 200, { id => 1, sku => 'A-1', qty => 2, status => 'open' });
}

sub create :Path('/api/orders') :Args(0) {
    my ($self, $c) = @_;
    my $fh = $c->req->body;
    my $raw = $fh ? do { local $/; seek $fh, 0, 0; <$fh> } : '';
    my $body = eval { $JSON->decode($raw // '') };
    return reply($c, 400, { error => 'bad_request', message => 'the body is not JSON' }) unless ref $body eq 'HASH';
    my %errors;
    $errors{sku} = ['is required'] unless $body->{sku};
    $errors{qty} = ['must be at least 1'] unless ($body->{qty} // '') =~ /^[1-9][0-9]*$/;
    return reply($c, 422, { error => 'validation_failed', errors => \%errors }) if %errors;
    reply($c, 201, { id => 1043, sku => $body->{sku}, qty => $body->{qty} + 0, status => 'open' }, Location => '/api/orders/1043');
}

sub cancel :Path('/api/orders') :Args(2) {
    my ($self, $c, $id, $action) = @_;
    return $c->forward('default') unless $action eq 'cancel';
    reply($c, 409, { error => 'conflict', message => "order $id has already shipped" });
}

sub reports :Path('/api/admin/reports') :Args(0) {
    my ($self, $c) = @_;
    return reply($c, 401, { error => 'unauthorized', message => 'missing bearer token' }, 'WWW-Authenticate' => 'Bearer realm="orders"')
        unless $c->req->header('Authorization');
    reply($c, 403, { error => 'forbidden', message => 'token lacks the reports scope' });
}

sub boom :Path('/api/boom') :Args(0) {
    my ($self, $c) = @_;
    my $order;    # a real bug: the lookup was never written
    reply($c, 200, { total => $order->total });
}

sub maintenance :Path('/api/maintenance') :Args(0) {
    reply($_[1], 503, { error => 'maintenance', message => 'orders are read-only until 06:00 UTC' }, 'Retry-After' => 600);
}

sub slow :Path('/api/slow') :Args(0) { sleep 5; reply($_[1], 200, { status => 'late' }) }

# as catalyst.pl's skeleton writes it
sub default :Path {
    my ($self, $c) = @_;
    $c->response->body('Page not found');
    $c->response->status(404);
}

package OrdersApp;
use Catalyst ($ENV{CATALYST_DEBUG} ? ('-Debug') : ());
__PACKAGE__->config(name => 'OrdersApp', disable_component_resolution_regex_fallback => 1);
__PACKAGE__->setup;

package main;
OrdersApp->psgi_app;
