#!/usr/bin/perl
# Round-15 corpus: the orders API on Web::Simple (Debian's libweb-simple-perl),
# served by Starman: starman --listen 127.0.0.1:PORT websimple_app.psgi
# Dispatch rules as the Web::Simple docs write them; JSON errors written by
# the app; a handler that dies (Starman answers); a path no rule matches
# (Web::Simple's own answer).
use strict;
use warnings;

{
    package OrdersApp;
    use Web::Simple;
    use JSON::PP ();

    my $json = JSON::PP->new->canonical;

    sub reply {
        my ($status, $data, @headers) = @_;
        return [ $status, [ 'Content-Type' => 'application/json', @headers ], [ $json->encode($data) . "\n" ] ];
    }

    sub dispatch_request {
        'GET + /api/health' => sub { reply(200, { status => 'ok' }) },
        'GET + /api/orders/*' => sub {
            my ($self, $id) = @_;
            return reply(404, { error => 'not_found', message => "Order $id does not exist" }) unless $id eq '1';
            reply(200, { id => 1, sku => 'A-1', qty => 2 });
        },
        'POST + /api/orders' => sub {
            my ($self, $env) = @_;
            my $raw = '';
            $env->{'psgi.input'}->read($raw, $env->{CONTENT_LENGTH} || 0);
            my $body = eval { $json->decode($raw) };
            return reply(400, { error => 'bad_request', message => 'Request body is not valid JSON' }) unless ref $body eq 'HASH';
            return reply(422, { error => 'validation_failed', errors => { qty => [ 'must be a positive integer' ] } })
                unless ($body->{qty} // '') =~ /^[1-9][0-9]*$/;
            reply(201, { id => 2, %$body });
        },
        'POST + /api/orders/*/cancel' => sub { reply(409, { error => 'conflict', message => 'Order already shipped' }) },
        'GET + /api/admin/reports' => sub {
            my ($self, $env) = @_;
            return reply(401, { error => 'unauthorized', message => 'Authentication required' }, 'WWW-Authenticate' => 'Bearer')
                unless $env->{HTTP_AUTHORIZATION};
            reply(403, { error => 'forbidden', message => 'Not allowed to read reports' });
        },
        'GET + /api/limited' => sub { reply(429, { error => 'rate_limited', message => 'Too many requests' }, 'Retry-After' => '60') },
        'GET + /api/boom' => sub {
            my $order;
            return reply(200, { total => $order->total });  # dies: a real bug
        },
        'GET + /api/maintenance' => sub { reply(503, { error => 'maintenance', message => 'Service under maintenance' }, 'Retry-After' => '300') },
        'GET + /api/inventory' => sub {
            sleep 1;  # the stock service did not answer within 1 s
            reply(504, { error => 'upstream_timeout', message => 'Inventory lookup timed out' });
        },
        'GET + /api/slow' => sub { sleep 5; reply(200, { status => 'late' }) },
        'GET + /api/catalog' => sub {
            reply(200, { items => [ { sku => 'A-1', price => 1200 } ] }, 'Cache-Control' => 'public, max-age=60');
        },
        'GET + /api/report' => sub { reply(500, { error => 'report_failed', message => 'Report generation failed' }) },
    }
}

OrdersApp->to_psgi_app;
