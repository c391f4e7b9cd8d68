#!/usr/bin/perl
# Mojolicious::Lite: a parcels API (round 36, behind HAProxy). Run in
# production mode (MOJO_MODE=production), so the stock 404/500 pages are the
# production ones.
use Mojolicious::Lite -signatures;
use Mojo::Util qw(sha1_sum);

hook after_dispatch => sub ($c) {
  $c->res->headers->header('X-Request-Id' => $c->req->request_id);
};

get '/api/parcels/:id' => sub ($c) {
  my $id = $c->param('id');
  return $c->render(json => {id => $id, weight_g => 850, state => 'sorted'}) if $id eq '1';
  $c->render(status => 404, json => {error => 'parcel_not_found', message => "No parcel $id", request_id => $c->req->request_id});
};
post '/api/parcels' => sub ($c) {
  my $data = $c->req->json;
  return $c->render(status => 400, json => {error => 'bad_request', message => 'Body must be JSON'}) unless ref $data eq 'HASH';
  return $c->render(status => 422, json => {error => 'validation', errors => [{field => 'weight_g', message => 'required'}]}) unless $data->{weight_g};
  $c->render(status => 201, json => {id => 2});
};
post '/api/parcels/:id/return' => sub ($c) {
  $c->render(status => 409, json => {error => 'conflict', message => 'Parcel already delivered'});
};
get '/api/admin/routes' => sub ($c) {
  unless ($c->req->headers->authorization) {
    $c->res->headers->www_authenticate('Bearer realm="parcels"');
    return $c->render(status => 401, json => {error => 'unauthorized', message => 'Token required'});
  }
  $c->render(status => 403, text => "Forbidden: depot staff only\n");
};
get '/api/quote' => sub ($c) {
  $c->res->headers->header('Retry-After' => '15');
  $c->render(status => 429, json => {error => 'too_many_requests', message => 'Quote API limited to 2 requests per second'});
};
get '/api/boom' => sub ($c) { die "Can't locate object method \"rate\" via package \"Depot::Tariff\"\n" };
get '/api/maintenance' => sub ($c) {
  $c->render(status => 503, json => {error => 'maintenance', message => 'Depot sync in progress'});
};
get '/api/slow' => sub ($c) {
  $c->inactivity_timeout(30);
  Mojo::IOLoop->timer(5 => sub { $c->render(json => {ok => 1}) });
  $c->render_later;
};
post '/api/manifests' => sub ($c) { $c->render(json => {received => length $c->req->body}) };
get '/parcel/:id' => sub ($c) { $c->redirect_to('/api/parcels/' . $c->param('id')) };

app->start;
