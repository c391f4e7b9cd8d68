# Round-56 corpus: the Tidemark loans API as a plain PSGI app (Plack::Request
# and Plack::Response, no framework), served by Starlet under plackup.
# Same routes as flama_app.py; the HTML 502/503/504 pages carry the same
# words as upstream_pages.py.
use strict;
use warnings;
use Plack::Request;
use Plack::Response;

my %PAGES = (
    502 => ['502 Bad Gateway', 'Bad Gateway',
            'The card processor sent back a reply we could not understand. Nothing was charged.'],
    503 => ['503 Service Unavailable', 'Service Unavailable',
            'Catalogue search is being reindexed. Please come back in a few minutes.'],
    504 => ['504 Gateway Timeout', 'Gateway Timeout',
            'The courier service took too long to answer. Your loan is still booked.'],
);

sub page {
    my ($status) = @_;
    my ($title, $h1, $text) = @{ $PAGES{$status} };
    my $body = qq{<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>$title</title></head>\n}
             . qq{<body>\n<h1>$h1</h1>\n<p>$text</p>\n<footer>Tidemark lending desk</footer>\n</body></html>\n};
    return [$status, ['Content-Type' => 'text/html; charset=utf-8', 'Content-Length' => length $body], [$body]];
}

sub json {
    my ($status, $body, @headers) = @_;
    return [$status, ['Content-Type' => 'application/json', 'Content-Length' => length $body, @headers], [$body]];
}

sub err {
    my ($status, $code, $message, @headers) = @_;
    return json($status, qq({"error":"$code","message":"$message"}), @headers);
}

my $app = sub {
    my $env = shift;
    my $req = Plack::Request->new($env);
    my $path = $req->path_info;
    my $method = $req->method;
    if ($path =~ m{^/api/loans/(\d+)$}) {
        return err(405, 'method_not_allowed', "$method is not allowed here", 'Allow' => 'GET')
            unless $method eq 'GET' || $method eq 'HEAD';
        return json(200, '{"id":1,"ref":"TM-2001","status":"on_loan","items":2}') if $1 == 1;
        return err(404, 'loan_not_found', "no loan $1");
    }
    if ($path eq '/api/loans' && $method eq 'POST') {
        my $content = $req->content // '';
        return err(422, 'validation_failed', "field 'ref' is required") unless $content =~ /"ref"\s*:\s*"([^"]*)"/;
        return err(409, 'duplicate_ref', "a loan with ref $1 already exists");
    }
    return err(401, 'unauthorized', 'a bearer token is required', 'WWW-Authenticate' => 'Bearer realm="tidemark"')
        if $path eq '/api/account';
    return err(403, 'forbidden', 'your role may not open the admin area') if $path eq '/api/admin';
    return err(429, 'rate_limited', '120 requests per minute per key', 'Retry-After' => '30') if $path eq '/api/quota';
    return err(503, 'maintenance', 'loans are read-only during the migration', 'Retry-After' => '120')
        if $path eq '/api/maintenance';
    return page(502) if $path eq '/api/payments';
    return page(503) if $path eq '/api/search';
    return page(504) if $path eq '/api/courier';
    die "division by zero in the fines report\n" if $path eq '/api/boom';
    if ($path eq '/api/slow') { sleep 5; return json(200, '{"slow":true}'); }
    return [200, ['Content-Type' => 'text/plain'], ["ok\n"]] if $path eq '/healthz';
    return [404, ['Content-Type' => 'text/plain', 'Content-Length' => 10], ["not found\n"]];
};

$app;
