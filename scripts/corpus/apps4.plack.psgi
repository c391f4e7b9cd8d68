# Plack apps for the round-4 evidence corpus (capture-round4.sh), run by
# Starman or plackup (HTTP::Server::PSGI), with no middleware that catches
# errors (plackup -E deployment), so the server itself answers a die.
#   /raw/...     a bare PSGI app that dies: the server's own 500
#   /empty/...   a bare PSGI app that returns 500 with no body
#   /dead/...    Plack::App::Proxy to 127.0.0.1:22009 (nothing listens)
#   /mojo/...    Plack::App::Proxy to Mojolicious (127.0.0.1:22010)
#   /dancer/...  Plack::App::Proxy to Dancer2 on Starman (127.0.0.1:22012)
use strict;
use warnings;
use Plack::Builder;
use Plack::App::Proxy;

builder {
    mount '/raw' => sub { die "worker crashed on $_[0]->{PATH_INFO}\n" };
    mount '/empty' => sub { [500, ['Content-Length' => 0], []] };
    mount '/dead' => Plack::App::Proxy->new(remote => 'http://127.0.0.1:22009/api')->to_app;
    mount '/mojo' => Plack::App::Proxy->new(remote => 'http://127.0.0.1:22010/api')->to_app;
    mount '/dancer' => Plack::App::Proxy->new(remote => 'http://127.0.0.1:22012/api')->to_app;
    mount '/' => sub { [404, ['Content-Type' => 'text/plain'], ["no route\n"]] };
};
