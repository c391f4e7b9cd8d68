# Catalyst (Debian's libcatalyst-perl) for the round-5 evidence corpus
# (capture-round5.sh), run by plackup bound to 127.0.0.1:
#   plackup -E deployment --host 127.0.0.1 --port PORT apps5.catalyst.psgi
# A one-file orders API. Catalyst writes its own pages: "Please come back
# later" for a die outside debug mode; for no route, the "Page not found"
# default action that catalyst.pl's skeleton writes into every new app.
#   /api/health 200;  /api/users/42 200, other ids the app's 404 via detach
#   /api/boom    dies;  /api/down the app sets 503 and a text body
#   /api/maint   the app's HTML 503
use strict;
use warnings;

package OrdersApp::Controller::Root;
use base 'Catalyst::Controller';
__PACKAGE__->config(namespace => '');

my $MAINT = <<'HTML';
<!DOCTYPE html>
<html><head><title>503 Service Unavailable</title></head>
<body><h1>Service Unavailable</h1><p>The orders service is down for maintenance.</p></body></html>
HTML

sub health :Path('/api/health') :Args(0) {
    my ($self, $c) = @_;
    $c->res->content_type('application/json');
    $c->res->body('{"status":"ok"}');
}

sub user :Path('/api/users') :Args(1) {
    my ($self, $c, $id) = @_;
    if ($id ne '42') {
        $c->res->status(404);
        $c->res->content_type('application/json');
        $c->res->body('{"error":"not_found","message":"no such user"}');
        return;
    }
    $c->res->content_type('application/json');
    $c->res->body('{"id":42,"name":"Ada"}');
}

sub boom :Path('/api/boom') :Args(0) {
    die "ledger connection lost\n";
}

sub down :Path('/api/down') :Args(0) {
    my ($self, $c) = @_;
    $c->res->status(503);
    $c->res->header('Retry-After' => 120);
    $c->res->content_type('text/plain');
    $c->res->body("orders database under maintenance\n");
}

sub maint :Path('/api/maint') :Args(0) {
    my ($self, $c) = @_;
    $c->res->status(503);
    $c->res->content_type('text/html; charset=utf-8');
    $c->res->body($MAINT);
}

# as catalyst.pl's skeleton writes it
sub default :Path {
    my ($self, $c) = @_;
    $c->response->body('Page not found');
    $c->response->status(404);
}

package OrdersApp;
use Catalyst;
__PACKAGE__->config(name => 'OrdersApp', disable_component_resolution_regex_fallback => 1);
__PACKAGE__->setup;

package main;
OrdersApp->psgi_app;
