#!/usr/bin/env perl
# Mojolicious::Lite app for the round-4 evidence corpus (capture-round4.sh):
#   perl apps4.mojo.pl daemon -m production -l http://127.0.0.1:PORT
# In production mode its 404 and 500 pages are Mojolicious's own
# ("Page not found... yet!", "Server error").
#   /api/health 200;  /api/users/42 200, other ids reply->not_found (Mojo's 404)
#   /api/boom   dies: Mojolicious's 500 page
#   /api/down   the app renders JSON 503;  /api/maint the APP's own HTML 503
#   /api/pay    the APP's own JSON 502;    /api/slow answers after 5 s
# A prefix before /api/ is dropped, so proxies can route by path.
use Mojolicious::Lite -signatures;

my $down_html = <<'HTML';
<!DOCTYPE html>
<html>
<head><title>503 Service Unavailable</title></head>
<body>
<h1>Service Unavailable</h1>
<p>The orders service is temporarily unable to handle your request. Please try again later.</p>
</body>
</html>
HTML

hook before_dispatch => sub ($c) {
  my $path = $c->req->url->path->to_string;
  $c->req->url->path($1) if $path =~ m{^/[^/]+(/api/.*)$};
};

get '/api/health' => sub ($c) { $c->render(json => {status => 'ok'}) };
get '/api/users/:id' => sub ($c) {
  return $c->reply->not_found unless $c->param('id') eq '42';
  $c->render(json => {id => 42, name => 'Ada'});
};
get '/api/boom' => sub ($c) { die "ledger connection lost\n" };
get '/api/down' => sub ($c) {
  $c->res->headers->header('Retry-After' => 120);
  $c->render(json => {error => 'maintenance', message => 'orders database under maintenance'}, status => 503);
};
get '/api/maint' => sub ($c) { $c->render(data => $down_html, format => 'html', status => 503) };
get '/api/pay' => sub ($c) {
  $c->render(json => {error => {code => 'bad_gateway', message => 'payment provider returned an invalid response'}},
    status => 502);
};
get '/api/slow' => sub ($c) {
  $c->inactivity_timeout(30);
  Mojo::IOLoop->timer(5 => sub { $c->render(json => {status => 'late'}) });
};

app->start;
