# Round 37: a small orders API as a plain PSGI app under Starman, behind
# Apache mod_proxy_http. Its own errors: a JSON 404, an HTML 503 during
# maintenance, a JSON 504 when its own warehouse call times out, a 500; and a
# 5 s handler and an export that stalls mid-body for the front to meet.
use strict;
use warnings;

my $app = sub {
    my $env  = shift;
    my $path = $env->{PATH_INFO};
    if ($path =~ m{^/api/orders/(\d+)$}) {
        return [200, ['Content-Type' => 'application/json'], ['{"id":1,"sku":"A-1","qty":2}']] if $1 == 1;
        return [404, ['Content-Type' => 'application/json'], [qq({"status":"error","message":"Order $1 not found"})]];
    }
    if ($path eq '/api/maintenance') {
        return [503, ['Content-Type' => 'text/html; charset=utf-8', 'Retry-After' => '3600'],
            ["<html><head><title>Scheduled maintenance</title></head>\n<body>\n<h2>Scheduled maintenance</h2>\n<p>The shop is closed while we move to the new warehouse system. Back soon.</p>\n</body></html>\n"]];
    }
    if ($path eq '/api/inventory') {
        sleep 1;
        return [504, ['Content-Type' => 'application/json'],
            ['{"status":"error","message":"warehouse API timed out after 1s","retryable":true}']];
    }
    if ($path eq '/api/boom') {
        die "Can't call method \"total\" on an undefined value at lib/Orders.pm line 88.\n";
    }
    if ($path eq '/api/slow') {
        sleep 5;
        return [200, ['Content-Type' => 'application/json'], ['{"ok":true}']];
    }
    if ($path eq '/api/export') {
        return sub {
            my $respond = shift;
            my $w = $respond->([200, ['Content-Type' => 'text/csv', 'Content-Length' => 4000]]);
            $w->write("id,sku,qty\n");
            $w->write("$_,A-$_," . ($_ % 5 + 1) . "\n") for 1 .. 29;
            sleep 8;
            $w->close;
        };
    }
    return [404, ['Content-Type' => 'application/json'], ['{"status":"error","message":"Not Found"}']];
};
